/**
 * The npm package holds the compiled library and what its users read, nothing else:
 * `npm pack --dry-run` lists only allowed paths (package.json#files, set in
 * .projenrc.ts, is the allow-list), and what a compile writes into lib/ is packed
 * (tried on a copy of package.json beside such files, so lib/ need not be compiled).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** The bundled dependencies and the dependencies they bring, which npm packs under node_modules/. */
function bundled(): string[] {
  const names = new Set<string>();
  const add = (name: string): void => {
    if (names.has(name)) return;
    names.add(name);
    const manifest = path.join(ROOT, 'node_modules', name, 'package.json');
    if (fs.existsSync(manifest)) Object.keys(JSON.parse(fs.readFileSync(manifest, 'utf8')).dependencies ?? {}).forEach(add);
  };
  (PKG.bundledDependencies ?? []).forEach(add);
  return [...names];
}

const ALLOWED: RegExp[] = [
  /^package\.json$/, /^README\.md$/, /^LICENSE$/, /^CHANGELOG\.md$/, /^API\.md$/, /^\.jsii$/,
  /^lib\/.+\.(js|d\.ts)$/, /^bin\/[^/]+$/, /^docs\/[^/]+$/,
  ...bundled().map((name) => new RegExp(`^node_modules/${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}/`)),
];

const listed: string[] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
  cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'],
}))[0].files.map((f: { path: string }) => f.path);

test('the package lists only allowed paths', () => {
  expect(listed.filter((f) => !ALLOWED.some((re) => re.test(f)))).toEqual([]);
});

test('package.json#files is the allow-list', () => {
  expect(PKG.files).toEqual(['lib/**/*.js', 'lib/**/*.d.ts', '.jsii', 'API.md', 'CHANGELOG.md', 'bin/', 'docs/']);
});

test('the documents, the CLI and the bundled dependencies are in it', () => {
  expect(listed).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'API.md', 'bin/cdk8s-secure-tekton', 'docs/rules.md']));
  for (const name of PKG.bundledDependencies ?? []) expect(listed).toContain(`node_modules/${name}/package.json`);
});

test('the compiled library and the jsii assembly are in it, its sources and source maps are not', () => {
  // pack a copy of package.json and .npmignore beside the files a compile writes (lib/ may not be compiled here)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'package-files-'));
  const { bundledDependencies: _bundled, scripts: _scripts, ...manifest } = PKG;
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest));
  fs.copyFileSync(path.join(ROOT, '.npmignore'), path.join(dir, '.npmignore'));
  const compiled = ['lib/index.js', 'lib/index.d.ts', 'lib/imports/tekton-tekton.dev.js', 'lib/pipeline/secure-task.d.ts', '.jsii'];
  const notShipped = ['lib/index.ts', 'lib/index.js.map', 'lib/.tsbuildinfo', 'tsconfig.tsbuildinfo', 'src/index.ts', 'examples/out/ci.k8s.yaml'];
  for (const f of [...compiled, ...notShipped]) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), '');
  }
  const packed: string[] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'],
  }))[0].files.map((f: { path: string }) => f.path);
  expect(packed).toEqual(expect.arrayContaining(compiled));
  expect(packed.filter((f) => notShipped.includes(f))).toEqual([]);
});

test('no example, benchmark, script, schema, test, source or CI file is in it', () => {
  const outside = ['examples/', 'bench/', 'scripts/', 'schemas/', 'test/', 'src/', '.ci/', 'conformance/', 'coverage/', 'dist/', 'projenrc/', '.projen/'];
  expect(listed.filter((f) => outside.some((dir) => f.startsWith(dir)))).toEqual([]);
});
