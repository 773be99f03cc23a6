/**
 * The npm package holds the compiled library and what its users read, nothing else:
 * `npm pack --dry-run` lists only allowed paths (package.json#files, set in
 * .projenrc.ts, is the allow-list). Where lib/ is compiled (CI compiles before the
 * tests), its entry points and the jsii assembly are in the list.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
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

const compiled = fs.existsSync(path.join(ROOT, 'lib', 'index.js'));
(compiled ? test : test.skip)('where lib/ is compiled, its entry points and the jsii assembly are in it', () => {
  expect(listed).toEqual(expect.arrayContaining(['lib/index.js', 'lib/index.d.ts', '.jsii']));
  expect(listed.filter((f) => f.startsWith('lib/imports/')).length).toBeGreaterThan(0);
});

test('no example, benchmark, script, schema, test, source or CI file is in it', () => {
  const outside = ['examples/', 'bench/', 'scripts/', 'schemas/', 'test/', 'src/', '.ci/', 'conformance/', 'coverage/', 'dist/', 'projenrc/', '.projen/'];
  expect(listed.filter((f) => outside.some((dir) => f.startsWith(dir)))).toEqual([]);
});
