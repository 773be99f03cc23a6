/**
 * What-if measurements for the fixes proposed in bench/README.md. Nothing in src/ is
 * changed: each fix is simulated by monkeypatching module exports in this process
 * (or, for the audit, by a launcher next to a transpiled copy of src/), and every
 * variant is checked to emit byte-identical output to the unpatched code.
 *
 *   node_modules/.bin/ts-node --transpile-only --project test/tsconfig.json bench/what-if.ts
 *
 * Fixes simulated:
 *   F1 containersOf memoized per manifest        (src/private/containers.ts containersOf)
 *   F2 one validation + one toJson per object     (src/private/enforce.ts enforceCatalogue, run from
 *      per synth, in a single app-level pass        an App-level synth instead of node validations)
 *   F3 Task/PipelineRun convert their props once  (src/pipeline/secure-task.ts, secure-pipeline-run.ts:
 *      instead of the L1's re-conversion of the      new ApiObject(this, 'Resource', { ...GVK, metadata,
 *      resolved JSON on every toJson()               spec: toJson_TaskSpec(spec) }) instead of new tekton.Task)
 *   A1 audit parses with js-yaml instead of yaml  (src/cli/audit.ts parseFile)
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, DependencyGraph, Yaml } from 'cdk8s';
import { buildConstructApp, buildPlainApp, Layout, regroup, snapshot } from './fixture';
import { fmt, gc, median, time } from './timing';
import { transpileCli } from './transpile';
import * as tekton from '../src/imports/tekton-tekton.dev';
import { RuleCatalogue } from '../src/policy/catalogue';
import * as containers from '../src/private/containers';
import * as enforce from '../src/private/enforce';

const ROOT = path.resolve(__dirname, '..');
const N = 500;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const log = (s: string): void => { process.stdout.write(`${s}\n`); };

// ---- switches ---------------------------------------------------------------------------
const on = { F1: false, F2: false, F3: false };

// F1: memoize containersOf per manifest object (rules never mutate the manifest)
const originalContainersOf = containers.containersOf;
const memo = new WeakMap<object, containers.ContainerView[]>();
(containers as any).containersOf = (manifest: any): containers.ContainerView[] => {
  if (!on.F1 || manifest === null || typeof manifest !== 'object') return originalContainersOf(manifest);
  let views = memo.get(manifest);
  if (!views) memo.set(manifest, views = originalContainersOf(manifest));
  return views;
};

// F2: constructs register what to enforce; the app-level synth checks it once, on the JSON it emits
interface Enforced { objects: () => ApiObject[]; relaxations: () => readonly any[]; construct: any; kind: string }
const registry = new Map<App, Enforced[]>();
const originalEnforce = enforce.enforceCatalogue;
(enforce as any).enforceCatalogue = (construct: any, kind: string, objects: () => ApiObject[], relaxations: () => readonly any[]): void => {
  if (!on.F2) return originalEnforce(construct, kind, objects, relaxations);
  const app = construct.node.root as App;
  if (!registry.has(app)) registry.set(app, []);
  registry.get(app)!.push({ construct, kind, objects, relaxations });
};

// F3: Task and PipelineRun convert their props once (what the constructors would do by
// emitting new ApiObject(this, 'Resource', { ...GVK, metadata, spec: toJson_XSpec(spec) })),
// then serialize like any ApiObject, instead of re-converting the resolved JSON on every toJson
for (const [L1, convertSpec] of [[tekton.Task, tekton.toJson_TaskSpec], [tekton.PipelineRun, tekton.toJson_PipelineRunSpec]] as any[]) {
  const originalToJson = L1.prototype.toJson;
  L1.prototype.toJson = function toJson(this: any): any {
    if (!on.F3) return originalToJson.call(this);
    if (!this.__convertedOnce) {
      this.props = { ...this.props, spec: convertSpec(this.props.spec) };
      this.__convertedOnce = true;
    }
    return ApiObject.prototype.toJson.call(this);
  };
}

/**
 * What an App-level synth would do: validate once, then emit every chart's objects in
 * cdk8s' order without re-validating per chart, checking the catalogue on the very JSON
 * that is emitted. Used for both sides when F2 is on.
 */
function singlePassSynthYaml(app: App): string {
  const errors = app.node.findAll().flatMap((c) => c.node.validate().map((e) => `[${c.node.path}] ${e}`));
  if (errors.length) throw new Error(`Validation failed:\n${errors.join('\n')}`);
  const enforced = new Map<ApiObject, Enforced>();
  for (const e of registry.get(app) ?? []) for (const o of e.objects()) enforced.set(o, e);
  const docs: any[] = [];
  for (const chart of app.charts) {
    for (const obj of new DependencyGraph(chart.node).topology()) {
      if (!(obj instanceof ApiObject) || Chart.of(obj) !== chart) continue;
      const json = obj.toJson();
      const e = enforced.get(obj);
      if (e) {
        const open = RuleCatalogue.check(json).filter((f) => !enforce.isRelaxed(f, e.relaxations()));
        if (open.length) throw enforce.findingError(e.construct, e.kind, open[0]);
      }
      docs.push(json);
    }
  }
  registry.delete(app);
  return Yaml.stringify(...docs);
}

const synthYaml = (app: App): string => (on.F2 ? singlePassSynthYaml(app) : app.synthYaml());

// ---- synth ------------------------------------------------------------------------------
on.F1 = on.F2 = on.F3 = false;
const reference = buildConstructApp(N, 'single-chart');
const referenceYaml = reference.synthYaml();
const charts = snapshot(reference);

function synthVariant(name: string, switches: Partial<typeof on>): void {
  Object.assign(on, { F1: false, F2: false, F3: false }, switches);
  const ours = (): string => synthYaml(buildConstructApp(N, 'single-chart'));
  const plain = (): string => synthYaml(buildPlainApp(charts));
  gc();
  if (ours() !== referenceYaml) throw new Error(`${name}: the constructs' YAML changed`);
  gc();
  if (plain() !== referenceYaml) throw new Error(`${name}: the baseline's YAML changed`);
  const o: number[] = [];
  const p: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    gc();
    o.push(time(ours).ms);
    gc();
    p.push(time(plain).ms);
  }
  log(`${name.padEnd(28)} constructs ${fmt(median(o))}  plain ${fmt(median(p))}  synth-ratio ${(median(o) / median(p)).toFixed(2)}`);
}

log(`synth of ${N} pipelines, one chart, median of ${ROUNDS} rounds after a warm-up (both sides use the same synth method):`);
synthVariant('as is', {});
synthVariant('F1', { F1: true });
synthVariant('F1+F2', { F1: true, F2: true });
synthVariant('F1+F2+F3', { F1: true, F2: true, F3: true });

function scaling(layout: Layout): void {
  Object.assign(on, { F1: true, F2: true, F3: true });
  const run = (n: number): number => {
    gc();
    return time(() => synthYaml(buildConstructApp(n, layout))).ms;
  };
  run(100);
  const [t100, t1000] = [run(100), run(1000)];
  log(`F1+F2+F3 ${layout.padEnd(13)} 100: ${fmt(t100)}  1000: ${fmt(t1000)}  synth-scaling ${(t1000 / t100).toFixed(2)}`);
}
scaling('per-chart');
scaling('single-chart');

// ---- audit ------------------------------------------------------------------------------
const yamlDir = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-tekton-whatif-yaml-'));
for (const c of regroup(charts, 'per-chart')) fs.writeFileSync(path.join(yamlDir, `${c.id}.k8s.yaml`), Yaml.stringify(...c.objects));
const { launcher, dir } = transpileCli(path.join(ROOT, 'src'));
// the CLI with parseFile reading YAML through js-yaml (a copy of src/cli/audit.ts with that one change)
const auditSource = fs.readFileSync(path.join(dir, 'cli', 'audit.js'), 'utf8');
const fastParse = auditSource
  .replace(/const text = fs\.readFileSync\(file, 'utf8'\);[\s\S]*?return objects;/, [
    "const text = fs.readFileSync(file, 'utf8');",
    '    const objects = [];',
    "    for (const value of require('js-yaml').loadAll(text, undefined, { schema: require('js-yaml').CORE_SCHEMA })) {",
    '        if (value === null || value === undefined) continue;',
    "        if (typeof value !== 'object' || Array.isArray(value) || typeof value.kind !== 'string') throw new InputError(`${file}: a document is not a Kubernetes object (no kind)`);",
    "        objects.push(...(value.kind.endsWith('List') && Array.isArray(value.items) ? value.items : [value]));",
    '    }',
    '    return objects;',
  ].join('\n'));
if (fastParse === auditSource) throw new Error('could not patch parseFile in the transpiled audit.js (src/cli/audit.ts changed?)');
fs.writeFileSync(path.join(dir, 'cli', 'audit-jsyaml.js'), fastParse);
const memoPatch = [
  "const c = require('./private/containers.js'); const orig = c.containersOf; const memo = new WeakMap();",
  'c.containersOf = (m) => { if (m === null || typeof m !== "object") return orig(m); let v = memo.get(m); if (!v) memo.set(m, v = orig(m)); return v; };',
].join('\n');
const variants: Array<[string, string]> = [
  ['as is', launcher],
  ['A1 js-yaml', 'a1.js'],
  ['A1 + F1 memo', 'a1f1.js'],
];
const main = "const { audit } = require('./cli/audit-jsyaml.js'); const r = audit(process.argv.slice(5), 'json'); process.stdout.write(r.stdout); process.exitCode = r.exitCode;\n";
fs.writeFileSync(path.join(dir, 'a1.js'), main);
fs.writeFileSync(path.join(dir, 'a1f1.js'), memoPatch + '\n' + main);

const env = { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') };
const runCli = (script: string): { ms: number; stdout: string } => {
  const t = time(() => spawnSync(process.execPath, [path.resolve(dir, script), 'audit', '--format', 'json', yamlDir], { env, encoding: 'utf8', maxBuffer: 2 ** 29 }));
  if (t.value.status !== 0) throw new Error(`${script}: exit ${t.value.status}\n${t.value.stderr}`);
  return { ms: t.ms, stdout: t.value.stdout };
};
const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tekton-lint-cache-'));
const lint = time(() => spawnSync(process.execPath, [require.resolve('@ibm/tekton-lint/dist/lint.js', { paths: [ROOT] }), '--format', 'json',
  ...fs.readdirSync(yamlDir).sort().map((f) => path.join(yamlDir, f))], { env: { ...process.env, TL_CACHE_DIR: cacheDir }, encoding: 'utf8', maxBuffer: 2 ** 29 }));
fs.rmSync(cacheDir, { recursive: true, force: true });
log(`\naudit of ${N} pipelines (child processes, median of 3); tekton-lint ${fmt(lint.ms)} (1 run):`);
let expected: string | undefined;
for (const [name, script] of variants) {
  const runs = [runCli(script), runCli(script), runCli(script)];
  expected ??= runs[0].stdout;
  if (runs[0].stdout !== expected) throw new Error(`${name}: audit output differs from the unpatched CLI`);
  const m = median(runs.map((r) => r.ms));
  log(`${name.padEnd(28)} ${fmt(m)}  audit-speedup ${(lint.ms / m).toFixed(2)}`);
}
const startup = median([0, 1, 2].map(() => time(() => spawnSync(process.execPath, ['-e', "require('./cli/audit.js')"], { cwd: dir, env })).ms));
log(`${'node start + load audit'.padEnd(28)} ${fmt(startup)}`);
fs.rmSync(dir, { recursive: true, force: true });
fs.rmSync(yamlDir, { recursive: true, force: true });
