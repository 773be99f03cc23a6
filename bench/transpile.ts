/**
 * When lib/ (from `npx projen compile`) lacks the CLI, the audit benchmark still wants
 * to run the CLI as a plain compiled child process, like `bin/cdk8s-secure-tekton`.
 * This transpiles src/ (TypeScript's transpileModule: no type check, same JavaScript as
 * tsc would emit, CommonJS) into a temporary directory outside the repository, with a
 * launcher equivalent to bin/cdk8s-secure-tekton. Modules resolve through NODE_PATH.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
// a dev tool: typescript is a devDependency, like everything bench/ uses
// eslint-disable-next-line import/no-extraneous-dependencies
import * as ts from 'typescript';

/** Transpiles `srcDir` into a fresh temporary directory; returns the launcher path and the directory. */
export function transpileCli(srcDir: string): { launcher: string; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-tekton-bench-lib-'));
  const walk = (d: string): string[] => fs.readdirSync(d, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path.join(d, e.name)] : []));
  for (const file of walk(srcDir)) {
    const out = path.join(dir, path.relative(srcDir, file)).replace(/\.ts$/, '.js');
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
  const launcher = path.join(dir, 'cdk8s-secure-tekton.js');
  fs.writeFileSync(launcher, "process.exitCode = require('./cli/main.js').main(process.argv.slice(2));\n");
  return { launcher, dir };
}
