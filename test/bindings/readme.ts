/**
 * The README's quick start, read from README.md: its TypeScript and Python code, the
 * script of its refused variant and the refusal it shows. The README test and the
 * bindings smoke tests (test/bindings/run.ts) use these, so what the README shows is
 * what runs.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

export const ROOT = path.resolve(__dirname, '..', '..');

/** The README's "## Quick start" section. */
export function quickStartSection(readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')): string {
  const start = readme.indexOf('\n## Quick start\n');
  if (start < 0) throw new Error('README.md has no "## Quick start" section');
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

/** The first fenced block of `lang` ('' for a block without one) in `text`. */
export function codeBlock(text: string, lang: string): string {
  const m = new RegExp('^```' + lang + '\\n([\\s\\S]*?)^```$', 'm').exec(text);
  if (!m) throw new Error(`no \`\`\`${lang} block`);
  return m[1];
}

/** Every fenced block of `lang` in `text`, in order. */
export function codeBlocks(text: string, lang: string): string[] {
  return [...text.matchAll(new RegExp('^```' + lang + '\\n([\\s\\S]*?)^```$', 'gm'))].map((m) => m[1]);
}

/** What the quick start section holds. */
export interface QuickStart {
  /** The TypeScript app. */
  readonly typescript: string;
  /** The same app in Python. */
  readonly python: string;
  /** The same app in Java (the class Main). */
  readonly java: string;
  /** The same app in Go (package main). */
  readonly go: string;
  /** The Go function that catches a refusal and reads it (the section's second Go block). */
  readonly goRefusals: string;
  /** The step script of the refused variant ("Write `script: '...'` instead"). */
  readonly refusedScript: string;
  /** The refusal the README shows for it. */
  readonly refusal: string;
}

export function quickStart(section = quickStartSection()): QuickStart {
  const write = /Write `script: '((?:[^'\\]|\\.)*)'` instead/.exec(section);
  if (!write) throw new Error("the quick start has no \"Write `script: '...'` instead\"");
  return {
    typescript: codeBlock(section, 'ts nofixture'), // a whole program: jsii-rosetta compiles it without rosetta/default.ts-fixture
    python: codeBlock(section, 'python'),
    java: codeBlock(section, 'java'),
    go: codeBlocks(section, 'go')[0],
    goRefusals: codeBlocks(section, 'go')[1],
    refusedScript: jsString(write[1]),
    refusal: codeBlock(section.slice(write.index), '').replace(/\n$/, ''),
  };
}

/** The value of the body of a single-quoted JavaScript string literal (the escapes a README uses). */
function jsString(body: string): string {
  return body.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[c] ?? c);
}

/** The TypeScript app with its step's `script:` replaced by `script`. */
export function withScript(app: string, script: string): string {
  const lines = app.split('\n').filter((l) => /^\s*script: /.test(l));
  if (lines.length !== 1) throw new Error(`expected one script line in the quick start, found ${lines.length}`);
  return app.replace(lines[0], lines[0].replace(/script: .*$/, `script: ${JSON.stringify(script)},`));
}

/** The image the relaxed variant's step runs: the quick start's, by tag (IMAGE_DIGEST refuses it unless relaxed). */
export const RELAXED_IMAGE = 'docker.io/library/golang:1.23-alpine';
/** The reason the relaxed variant gives for its relaxation of IMAGE_DIGEST. */
export const RELAXED_REASON = 'the quick start shows a relaxation recorded in the YAML';

/**
 * The TypeScript app with its step's image given by tag (`RELAXED_IMAGE`) and, unless
 * `relaxed` is false, the fix of the refusal that follows written in: `relaxations: [{ rule:
 * RuleId.IMAGE_DIGEST, reason }]` on the step. test/bindings/python/relaxed.py writes the same
 * in Python as the README says a Python user reads that fix.
 */
export function withRelaxedImage(app: string, relaxed = true): string {
  const images = app.split('\n').filter((l) => /^\s*image: /.test(l));
  const imports = app.split("\n} from 'cdk8s-secure-tekton';");
  if (images.length !== 1 || imports.length !== 2) throw new Error('expected one image line and one import of cdk8s-secure-tekton in the quick start');
  const indent = /^\s*/.exec(images[0])![0];
  const image = `${indent}image: '${RELAXED_IMAGE}',`;
  return imports.join("\n  RuleId,\n} from 'cdk8s-secure-tekton';").replace(images[0], relaxed
    ? `${image}\n${indent}relaxations: [{ rule: RuleId.IMAGE_DIGEST, reason: '${RELAXED_REASON}' }],`
    : image);
}

/** The TypeScript app with the keys of its `env` object literal sorted. */
export function withSortedEnv(app: string): string {
  return app.replace(/env: \{ ([^{}]*) \}/, (_, body: string) =>
    `env: { ${body.split(/, (?=[A-Za-z_][A-Za-z0-9_]*: )/).sort().join(', ')} }`);
}

/**
 * Runs a TypeScript app of the README (imports of `cdk8s-secure-tekton` served by
 * `library`) with CDK8S_OUTDIR set to `outdir`; returns what it threw, if anything.
 */
export function runApp(app: string, library: unknown, outdir: string): unknown {
  const js = ts.transpileModule(app, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const load = (name: string): unknown => (name === 'cdk8s-secure-tekton' ? library : require(name));
  const saved = process.env.CDK8S_OUTDIR;
  process.env.CDK8S_OUTDIR = outdir;
  try {
    new Function('require', 'exports', 'module', js)(load, {}, { exports: {} });
    return undefined;
  } catch (e) {
    return e;
  } finally {
    if (saved === undefined) delete process.env.CDK8S_OUTDIR;
    else process.env.CDK8S_OUTDIR = saved;
  }
}
