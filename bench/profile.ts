/**
 * CPU profiles of one synth (construct tree + App.synth() into a temporary directory),
 * library and plain baseline, taken with the V8 inspector around the measured call only
 * (after one warm-up synth), so module loading and ts-node compilation are not in them.
 *
 *   node_modules/.bin/ts-node --transpile-only --project test/tsconfig.json bench/profile.ts [layout] [n] [library|plain]...
 *
 * layout: per-chart (default) or single-chart; n: pipelines (default 400); then which
 * sides (default both). Writes <tmp>/secure-tekton-bench-prof-*\/<side>.cpuprofile (open
 * in Chrome DevTools or speedscope) and prints, per side, where the time goes (each sample
 * charged to one phase, see PHASES), then the functions with the most self time and the
 * most inclusive time, as `function file:line`.
 *
 * Environment: PROFILE_TOP=n rows per list (default 25); PROFILE_NO_INLINE=1 turns V8's
 * inlining off, so that self time is charged to the function that spends it rather than
 * to the caller it was inlined into (slower, but the rules then show up by name).
 */
import * as fs from 'fs';
import * as inspector from 'inspector';
import { findSourceMap } from 'module';
import * as os from 'os';
import * as path from 'path';
import * as v8 from 'v8';
import type { App } from 'cdk8s';
import type { Layout } from './fixture';
import { gc } from './timing';

if (process.env.PROFILE_NO_INLINE === '1') v8.setFlagsFromString('--no-turbo-inlining');
// ts-node compiles with inline source maps: with these on before src/ is loaded (main()
// imports the fixture), lines in src/, bench/ and examples/ are reported as in the .ts file
process.setSourceMapsEnabled(true);

const argv = process.argv.slice(2);
const layout = (argv.find((a) => a === 'per-chart' || a === 'single-chart') ?? 'per-chart') as Layout;
const n = Number(argv.find((a) => /^\d+$/.test(a)) ?? 400);
const sides = argv.filter((a) => a === 'library' || a === 'plain');
const which = sides.length ? sides : ['library', 'plain'];
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-tekton-bench-prof-'));
const TOP = Number(process.env.PROFILE_TOP ?? 25);

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

function post<T = any>(session: inspector.Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r as T))));
}

/** The .ts line (1-based) of a frame in the repository's TypeScript, else the JavaScript line. */
function line(frame: ProfileNode['callFrame']): number {
  if (/\.ts$/.test(frame.url) && !frame.url.includes('/node_modules/')) {
    for (const where of [frame.url, frame.url.replace(/^file:\/\//, '')]) {
      const entry = findSourceMap(where)?.findEntry(frame.lineNumber, frame.columnNumber) as { originalLine?: number } | undefined;
      if (entry?.originalLine !== undefined) return entry.originalLine + 1;
    }
  }
  return frame.lineNumber + 1;
}

const key = (n0: ProfileNode): string =>
  `${n0.callFrame.functionName || '(anonymous)'} ${n0.callFrame.url.replace(/^.*\/(node_modules|src|bench|examples)\//, '$1/').replace(/^file:\/\//, '')}:${line(n0.callFrame)}`;

/** Self and inclusive milliseconds per function (inclusive: a sample counts once per function on its stack). */
function summarize(prof: Profile): { self: Array<[string, number]>; inclusive: Array<[string, number]> } {
  const byId = new Map(prof.nodes.map((x) => [x.id, x]));
  const parent = new Map<number, number>();
  for (const x of prof.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
  const selfById = new Map<number, number>();
  prof.samples.forEach((id, i) => selfById.set(id, (selfById.get(id) ?? 0) + prof.timeDeltas[i] / 1000));
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (const [id, t] of selfById) {
    const k0 = key(byId.get(id)!);
    self.set(k0, (self.get(k0) ?? 0) + t);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const k = key(byId.get(cur)!);
      if (!seen.has(k)) total.set(k, (total.get(k) ?? 0) + t);
      seen.add(k);
    }
  }
  const sorted = (m: Map<string, number>): Array<[string, number]> => [...m].sort((a, b) => b[1] - a[1]);
  return { self: sorted(self), inclusive: sorted(total) };
}

/**
 * Phases of a synth, by a function on the sample's stack; a sample goes to the first phase
 * that matches (so the library's check, which cdk8s calls from its validation, is not
 * counted as a cdk8s walk).
 */
const PHASES: Array<[string, RegExp]> = [
  ['garbage collection', /^\(garbage collector\)/],
  ['building the app (constructs / new ApiObject)', /^build(ConstructApp|PlainApp) /],
  ['library check: collect (every object\'s toJson, the constructs\' structural checks)', /^collect src\/policy\/engine\/enforcement/],
  ['library check: the rules (evaluateObject)', /^evaluateObject src\/policy\/engine\/evaluate/],
  ['library check: the rest (relaxations, unused relaxations, seal, pin)', /^check src\/policy\/engine\/enforcement/],
  ['YAML rendering and writing (Yaml.save)', /^(save|stringify) node_modules\/cdk8s\/lib\/yaml/],
  ['objects\' toJson() at output', /^toJson node_modules\/cdk8s\/lib\/api-object/],
  ['cdk8s whole-app walks (resolveDependencies, validate, findAll, per chart)', /^(resolveDependencies|validate|findAll|buildDependencies) node_modules\/cdk8s\/lib\/app|^DependencyGraph /],
];

function phases(prof: Profile): Array<[string, number]> {
  const byId = new Map(prof.nodes.map((x) => [x.id, x]));
  const parent = new Map<number, number>();
  for (const x of prof.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
  const out = new Map<string, number>([...PHASES.map(([name]): [string, number] => [name, 0]), ['other', 0]]);
  prof.samples.forEach((id, i) => {
    const stack: string[] = [];
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) stack.push(key(byId.get(cur)!));
    if (stack[0].startsWith('(program)') || stack[0].startsWith('(idle)')) return;
    const phase = PHASES.find(([, re]) => stack.some((k) => re.test(k)))?.[0] ?? 'other';
    out.set(phase, out.get(phase)! + prof.timeDeltas[i] / 1000);
  });
  return [...out];
}

/** One synth into a fresh temporary directory (removed afterwards). */
function synthOnce(build: (outdir: string) => App): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-tekton-bench-out-'));
  try {
    build(dir).synth();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function profile(name: string, build: (outdir: string) => App): Promise<void> {
  synthOnce(build); // warm-up
  gc();
  const session = new inspector.Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: 200 });
  await post(session, 'Profiler.start');
  const start = Date.now();
  synthOnce(build);
  const ms = Date.now() - start;
  const { profile: p } = await post<{ profile: Profile }>(session, 'Profiler.stop');
  session.disconnect();
  const file = path.join(outDir, `${name}.cpuprofile`);
  fs.writeFileSync(file, JSON.stringify(p));
  const { self, inclusive } = summarize(p);
  const out = (label: string, rows: Array<[string, number]>, top = TOP): void => {
    process.stdout.write(`-- ${label}\n`);
    for (const [func, t] of rows.slice(0, top)) process.stdout.write(`${t.toFixed(0).padStart(7)} ms  ${func}\n`);
  };
  process.stdout.write(`\n== ${name} (${layout}, ${n} pipelines): ${ms} ms, ${file}\n`);
  out('phases', phases(p), Infinity);
  out('self time', self);
  const interesting = /^\(garbage collector\)|src\/|bench\/fixture|node_modules\/(cdk8s|yaml|constructs|fast-json-patch)\//;
  out('inclusive time (src/, bench/fixture.ts, cdk8s, yaml, constructs, GC)', inclusive.filter(([k]) => interesting.test(k)));
}

async function main(): Promise<void> {
  // required here, not imported at the top: source maps must be on before src/ is compiled
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildConstructApp, buildPlainApp, preparePlain, synthesizeAndCapture }: typeof import('./fixture') = require('./fixture');
  if (which.includes('library')) await profile('library', (outdir) => buildConstructApp(n, layout, outdir));
  if (which.includes('plain')) {
    const plain = preparePlain(synthesizeAndCapture(buildConstructApp(n, layout)).charts);
    await profile('plain', (outdir) => buildPlainApp(plain, outdir));
  }
}
void main();
