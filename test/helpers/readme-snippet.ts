/**
 * Code of the README, read from README.md, type-checked against the sources and run as
 * a user's app runs it, so that what the README shows compiles and synthesizes.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '..', '..');

/** The section of README.md under `## <heading>`, up to the next `## `. */
export function readmeSection(heading: string, readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')): string {
  const start = readme.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README.md has no "## ${heading}" section`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

/** The fenced blocks of `lang` in `text` (whatever jsii-rosetta parameters follow the language, e.g. `ts nofixture`), in order. */
export function codeBlocks(text: string, lang: string): string[] {
  return [...text.matchAll(new RegExp('^```' + lang + '(?: [^\\n]*)?\\n([\\s\\S]*?)^```$', 'gm'))].map((m) => m[1]);
}

/**
 * A block without the lines that state what it assumes (`declare const pipeline: SecurePipeline;`,
 * the imports): for a prelude that defines them.
 */
export function withoutAssumptions(block: string): string {
  return block.split('\n').filter((line) => !/^(declare const |import )/.test(line)).join('\n');
}

/** Where the checked app stands: imports of `cdk8s-secure-tekton` resolve to the sources. */
const APP_FILE = path.join(ROOT, 'test', 'readme-app.ts');

/**
 * The compiler's errors on `app`, a TypeScript module that imports `cdk8s-secure-tekton`
 * (served by the sources), as `line:col message` lines; empty when it compiles.
 */
export function typeErrors(app: string): string[] {
  const source = app.replace(/from 'cdk8s-secure-tekton'/g, "from '../src'");
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    esModuleInterop: true,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts'],
    types: ['node'],
  };
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language, onError, create) => (path.resolve(file) === APP_FILE
    ? ts.createSourceFile(file, source, language)
    : read(file, language, onError, create));
  const exists = host.fileExists.bind(host);
  host.fileExists = (file) => path.resolve(file) === APP_FILE || exists(file);
  const program = ts.createProgram([APP_FILE], options, host);
  return ts.getPreEmitDiagnostics(program)
    .filter((d) => d.file !== undefined && path.resolve(d.file.fileName) === APP_FILE)
    .map((d) => {
      const { line, character } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
      return `${line + 1}:${character + 1} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
}

/**
 * Runs `app` as a user's app runs (imports of `cdk8s-secure-tekton` served by `library`)
 * and returns its exports.
 */
export function runApp(app: string, library: unknown): unknown {
  const js = ts.transpileModule(app, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the app's other imports (cdk8s) load as in a user's project
  const load = (name: string): unknown => (name === 'cdk8s-secure-tekton' ? library : require(name));
  const exports: { [name: string]: unknown } = {};
  new Function('require', 'exports', 'module', js)(load, exports, { exports });
  return exports;
}

/**
 * The first TypeScript block of a README section, after `prelude` (what it uses but does not
 * define, ending in `export const app`): registers a test that it type-checks against the API,
 * and returns the charts of the app it makes, synthesized, by id.
 */
export function readmeExample(heading: string, prelude: string, library: unknown): (id: string) => any[] {
  const app = prelude + withoutAssumptions(codeBlocks(readmeSection(heading), 'ts')[0]);
  test('the example compiles against the API', () => {
    expect(typeErrors(app)).toEqual([]);
  }, 120_000);
  const { app: synthesized } = runApp(app, library) as { app: App };
  return (id) => Testing.synth(synthesized.node.findChild(id) as Chart);
}
