/**
 * The benchmark's child processes run plain compiled JavaScript under `node`, as a user's
 * compiled cdk8s app or `bin/cdk8s-secure-tekton` would, so that neither their timings nor
 * their peak RSS include ts-node and the TypeScript compiler.
 *
 * This transpiles src/, bench/ and examples/ (TypeScript's transpileModule: no type check,
 * the JavaScript tsc emits, CommonJS) into a temporary directory outside the repository,
 * keeping their relative layout, with a `node_modules` symlink to the repository's and a
 * launcher equivalent to bin/cdk8s-secure-tekton. Nothing in the repository is written.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
// a dev tool: typescript is a devDependency, like everything bench/ uses
// eslint-disable-next-line import/no-extraneous-dependencies
import * as ts from 'typescript';

export interface Transpiled {
  /** The temporary directory (remove it when done). */
  readonly dir: string;
  /** `node <cli> audit ...` runs the CLI, like bin/cdk8s-secure-tekton. */
  readonly cli: string;
  /** The compiled path of a .ts file of the repository, e.g. js('bench/compare.ts'). */
  js(tsPath: string): string;
}

/** Transpiles `dirs` (relative to `root`) into a fresh temporary directory. */
export function transpile(root: string, dirs: string[] = ['src', 'bench', 'examples']): Transpiled {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-tekton-bench-js-'));
  const walk = (d: string): string[] => fs.readdirSync(d, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? (e.name === 'node_modules' ? [] : walk(path.join(d, e.name)))
      : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path.join(d, e.name)] : []));
  for (const file of dirs.flatMap((d) => walk(path.join(root, d)))) {
    const out = path.join(dir, path.relative(root, file)).replace(/\.ts$/, '.js');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
        experimentalDecorators: true,
        sourceMap: false,
        inlineSourceMap: false,
      },
    });
    fs.writeFileSync(out, outputText);
  }
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const cli = path.join(dir, 'cdk8s-secure-tekton.js');
  fs.writeFileSync(cli, "process.exitCode = require('./src/cli/main.js').main(process.argv.slice(2));\n");
  return { dir, cli, js: (tsPath) => path.join(dir, tsPath.replace(/\.ts$/, '.js')) };
}
