/**
 * Builds the Java or Go bindings of the library's jsii dependencies (cdk8s, constructs,
 * cdk8s-plus-28) from the jsii assemblies npm installed, into each dependency's own
 * `dist/<target>` folder (`npx projen package:java` and `package:go` run it first).
 *
 * jsii-pacmak looks there for dependencies built locally before it asks Maven or the Go
 * module proxy, so the library's bindings build and are tested against exactly the
 * dependency versions npm resolved, also where a registry does not serve one of them
 * (the Go proxy has no `cdk8s-core-go`, Maven Central no `cdk8s-plus-28` on some
 * mirrors). The published packages still name the dependencies by their usual
 * coordinates. A dependency whose bindings are already there is skipped.
 *
 *   ts-node scripts/dependency-bindings.ts java|go
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
const TARGETS = ['java', 'go'];

/** The jsii packages among the library's peer dependencies, in dependency order. */
export function jsiiDependencies(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const names = Object.keys(pkg.peerDependencies ?? {}).filter((name) => {
    const manifest = path.join(ROOT, 'node_modules', name, 'package.json');
    return fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).jsii !== undefined;
  });
  // a dependency's own jsii dependencies come first, so each build finds them
  const order = (name: string): number => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8'));
    const deps = Object.keys({ ...manifest.peerDependencies, ...manifest.dependencies });
    return deps.filter((d) => names.includes(d)).length;
  };
  return names.sort((a, b) => order(a) - order(b) || a.localeCompare(b));
}

function main(target: string | undefined): void {
  if (!target || !TARGETS.includes(target)) {
    console.error(`usage: dependency-bindings.ts ${TARGETS.join('|')}`);
    process.exit(2);
  }
  for (const name of jsiiDependencies()) {
    const dir = path.join(ROOT, 'node_modules', name);
    const out = path.join(dir, 'dist', target);
    if (fs.existsSync(out)) {
      console.log(`${name}: ${target} bindings already built in ${path.relative(ROOT, out)}`);
      continue;
    }
    console.log(`${name}: building ${target} bindings into ${path.relative(ROOT, out)}`);
    const pacmak = require.resolve('jsii-pacmak/bin/jsii-pacmak.js');
    const result = spawnSync(process.execPath, [pacmak, dir, '--target', target, '--outdir', path.join(dir, 'dist')], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    if (result.status !== 0) {
      fs.rmSync(out, { recursive: true, force: true });
      console.error(`${name}: building the ${target} bindings failed (exit ${result.status})`);
      process.exit(1);
    }
  }
}

if (require.main === module) main(process.argv[2]);
