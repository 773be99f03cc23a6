/**
 * The layout the design promises, checked: no import circle, `src/private/` a
 * true bottom layer, `src/index.ts` re-exports only, every annotation key in one
 * file, a README in every source folder.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const SRC = path.resolve(__dirname, '..', 'src');

/** Every hand-written source file (the generated L1s in src/imports/ are left out). */
function sources(dir = SRC): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'imports' ? [] : sources(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

/** The files of src/ a file imports or re-exports from (type-only imports included). */
function importsOf(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  return source.statements.flatMap((st) => {
    const spec = (ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) && st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier)
      ? st.moduleSpecifier.text : undefined;
    if (!spec?.startsWith('.')) return [];
    const base = path.resolve(path.dirname(file), spec);
    return [`${base}.ts`, path.join(base, 'index.ts')].filter((f) => fs.existsSync(f)).slice(0, 1);
  });
}

const FILES = sources();
const GRAPH = new Map(FILES.map((f) => [f, importsOf(f)]));
const rel = (f: string) => path.relative(SRC, f);

test('there is no import circle in src/', () => {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const cycles: string[] = [];
  const visit = (f: string): void => {
    if (state.get(f) === 'done') return;
    if (state.get(f) === 'visiting') {
      cycles.push([...stack.slice(stack.indexOf(f)), f].map(rel).join(' -> '));
      return;
    }
    state.set(f, 'visiting');
    stack.push(f);
    for (const g of GRAPH.get(f) ?? []) visit(g);
    stack.pop();
    state.set(f, 'done');
  };
  FILES.forEach(visit);
  expect(cycles).toEqual([]);
});

test('src/private/ is a bottom layer: it imports nothing above it', () => {
  const upward = FILES.filter((f) => rel(f).startsWith('private/'))
    .flatMap((f) => (GRAPH.get(f) ?? []).filter((g) => !rel(g).startsWith('private/')).map((g) => `${rel(f)} -> ${rel(g)}`));
  expect(upward).toEqual([]);
});

test('the rules depend on the rule model and the bottom layer, never on constructs', () => {
  const allowed = /^(policy\/(rule|rule-id|rule-builders|engine\/annotations)\.ts|private\/)/;
  const outside = FILES.filter((f) => rel(f).startsWith('policy/rules/'))
    .flatMap((f) => (GRAPH.get(f) ?? []).filter((g) => !allowed.test(rel(g))).map((g) => `${rel(f)} -> ${rel(g)}`));
  expect(outside).toEqual([]);
});

test('src/index.ts only re-exports', () => {
  const source = ts.createSourceFile('index.ts', fs.readFileSync(path.join(SRC, 'index.ts'), 'utf8'), ts.ScriptTarget.Latest);
  expect(source.statements.filter((s) => !ts.isExportDeclaration(s)).map((s) => s.getText(source))).toEqual([]);
});

test('every annotation and label key the library writes is defined in src/private/annotations.ts', () => {
  const KEY = /['"`](secure-tekton\/|tekton\.dev\/(pipeline|pipelineTask|git-|docker-)|pod-security\.kubernetes\.io\/|kubernetes\.io\/metadata\.name)/;
  const elsewhere = FILES.filter((f) => rel(f) !== path.join('private', 'annotations.ts'))
    .flatMap((f) => fs.readFileSync(f, 'utf8').split('\n').map((line, i) => ({ f, line, i })))
    .filter(({ line }) => KEY.test(line) && !/^\s*(\/\*\*|\*|\/\/)/.test(line))
    .map(({ f, i, line }) => `${rel(f)}:${i + 1}: ${line.trim()}`);
  expect(elsewhere).toEqual([]);
});

test('every source folder has a README saying what lives there and what it may import', () => {
  const folders = [...new Set(FILES.map((f) => path.dirname(f)))].filter((d) => d !== SRC);
  const missing = folders.filter((d) => !fs.existsSync(path.join(d, 'README.md'))).map(rel);
  expect(missing).toEqual([]);
  for (const d of folders) expect(fs.readFileSync(path.join(d, 'README.md'), 'utf8')).toMatch(/may import/i);
});
