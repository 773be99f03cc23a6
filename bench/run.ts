/**
 * Benchmarks of cdk8s-secure-tekton. See bench/README.md for what each figure means.
 *
 *   node_modules/.bin/ts-node --transpile-only --project test/tsconfig.json bench/run.ts
 *
 * Environment:
 *   BENCH_ROUNDS=n  timed rounds for synth-ratio (default 5; 1 untimed warm-up always)
 *   BENCH_FULL=1    also synthesize 1000 pipelines with one chart per pipeline
 *                   (about 30 minutes on 2 cores); otherwise that time is extrapolated
 *
 * The last lines printed are the figures:
 *   synth-ratio, synth-scaling-one-chart-per-pipeline, synth-scaling-single-chart,
 *   synth-scaling, audit-speedup, peak-rss-mb
 */
import { spawnSync, SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { buildConstructApp, buildPlainApp, regroup, snapshot } from './fixture';
import { fmt, gc, median, time } from './timing';
import { transpileCli } from './transpile';
import { audit } from '../src/cli/audit';

const ROOT = path.resolve(__dirname, '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const FULL = process.env.BENCH_FULL === '1';
const RATIO_N = 500;
const OBJECTS_PER_PIPELINE = 17;
const MAX_BUFFER = 512 * 2 ** 20;
const started = Date.now();

const log = (s: string): void => {
  process.stdout.write(`[${fmt(Date.now() - started).padStart(7)}] ${s}\n`);
};
const ms = (xs: number[]): string => xs.map((x) => fmt(x)).join(' ');

function check(r: SpawnSyncReturns<string>, what: string): SpawnSyncReturns<string> {
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r;
}

interface SynthResult { n: number; layout: string; plain: boolean; times: number[]; medianMs: number; rssBeforeMb: number; maxRssMb: number }

/** Runs bench/synth-only.ts in a child process; returns its JSON lines. */
function synthChild(args: string[]): SynthResult[] {
  const r = check(spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'synth-only.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'test', 'tsconfig.json') },
    encoding: 'utf8',
    maxBuffer: MAX_BUFFER,
  }), `synth-only ${args.join(' ')}`);
  return r.stdout.trim().split('\n').map((l) => JSON.parse(l));
}

function firstDifference(a: string, b: string): string {
  const la = a.split('\n');
  const lb = b.split('\n');
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    if (la[i] !== lb[i]) return `line ${i + 1}: constructs ${JSON.stringify(la[i])} vs plain ${JSON.stringify(lb[i])}`;
  }
  return 'none';
}

const load = os.loadavg()[0];
log(`load average ${load.toFixed(2)} on ${os.cpus().length} CPUs${load > 0.5 ? ' (1-minute average: if something else is running, figures will be noisy)' : ''}`);

// ---------------------------------------------------------------------------------------
// 1. synth-ratio: constructs vs plain ApiObjects emitting the identical YAML, same process
// ---------------------------------------------------------------------------------------
log(`synth-ratio: ${RATIO_N} pipelines in one chart; constructs vs plain ApiObjects; 1 warm-up + ${ROUNDS} interleaved rounds`);
const ours = (): string => buildConstructApp(RATIO_N, 'single-chart').synthYaml();

gc();
const sourceApp = buildConstructApp(RATIO_N, 'single-chart');
const oursYaml = sourceApp.synthYaml(); // also the constructs' warm-up round
const charts = snapshot(sourceApp);
const objectCount = charts.reduce((n, c) => n + c.objects.length, 0);
const plain = (): string => buildPlainApp(charts).synthYaml();
gc();
const plainYaml = plain(); // the baseline's warm-up round
if (oursYaml !== plainYaml) {
  throw new Error(`the baseline does not emit the constructs' YAML; first difference at ${firstDifference(oursYaml, plainYaml)}`);
}
if (objectCount !== RATIO_N * OBJECTS_PER_PIPELINE) throw new Error(`expected ${RATIO_N * OBJECTS_PER_PIPELINE} objects, got ${objectCount}`);
log(`  verified: both sides emit the same YAML (${objectCount} objects, ${(oursYaml.length / 2 ** 20).toFixed(1)} MiB)`);

const oursTimes: number[] = [];
const plainTimes: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  gc();
  oursTimes.push(time(ours).ms);
  gc();
  plainTimes.push(time(plain).ms);
}
const synthRatio = median(oursTimes) / median(plainTimes);
log(`  constructs: ${ms(oursTimes)} (median ${fmt(median(oursTimes))})`);
log(`  plain:      ${ms(plainTimes)} (median ${fmt(median(plainTimes))})`);
log(`  ratio ${synthRatio.toFixed(2)}`);

// the 500 pipelines as cdk8s writes them with one chart per pipeline: one file each
const yamlDir = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-tekton-bench-yaml-'));
for (const c of regroup(charts, 'per-chart')) fs.writeFileSync(path.join(yamlDir, `${c.id}.k8s.yaml`), Yaml.stringify(...c.objects));
const yamlFiles = fs.readdirSync(yamlDir).sort().map((f) => path.join(yamlDir, f));

// ---------------------------------------------------------------------------------------
// 2. synth-scaling, each layout in its own child process
// ---------------------------------------------------------------------------------------
log('synth-scaling, single chart (constructs): 100 and 1000 pipelines, 1 warm-up (100) + 3 rounds each');
const [s100, s1000] = synthChild(['100,1000', 'single-chart', '1', '3']);
const scalingSingle = s1000.medianMs / s100.medianMs;
log(`  100: ${ms(s100.times)}  1000: ${ms(s1000.times)}  -> ${scalingSingle.toFixed(2)}`);

const perSizes = FULL ? [25, 50, 100, 1000] : [25, 50, 100];
log(`synth-scaling, one chart per pipeline (constructs): ${perSizes.join(', ')} pipelines, 1 warm-up (25) + 1 round each`);
const perChart = synthChild([perSizes.join(','), 'per-chart', '1', '1']);
const p100 = perChart.find((r) => r.n === 100)!;
for (const r of perChart) log(`  ${r.n}: ${fmt(r.medianMs)}`);
// t(n) = b n + c n^2, least squares over the measured points
const sx = (f: (n: number) => number): number => perChart.filter((r) => r.n <= 100).reduce((s, r) => s + f(r.n), 0);
const sxy = (f: (n: number) => number): number => perChart.filter((r) => r.n <= 100).reduce((s, r) => s + f(r.n) * r.medianMs, 0);
const [a11, a12, a22] = [sx((n) => n * n), sx((n) => n ** 3), sx((n) => n ** 4)];
const [y1, y2] = [sxy((n) => n), sxy((n) => n * n)];
const det = a11 * a22 - a12 * a12;
const b = (y1 * a22 - y2 * a12) / det;
const c = (a11 * y2 - a12 * y1) / det;
const p1000 = perChart.find((r) => r.n === 1000);
const p1000Ms = p1000 ? p1000.medianMs : b * 1000 + c * 1000 ** 2;
const scalingPerChart = p1000Ms / p100.medianMs;
log(`  fit t(n) = ${b.toFixed(2)} n + ${c.toFixed(4)} n^2 ms; 1000: ${fmt(p1000Ms)} ${p1000 ? 'measured' : 'EXTRAPOLATED (BENCH_FULL=1 measures it, ~30 min)'} -> ${scalingPerChart.toFixed(1)}`);

log('cdk8s alone (plain ApiObjects, same YAML): 100 and 1000 pipelines in both layouts, 1 warm-up (100) + 1 round each');
const plainScaling = synthChild(['100,1000', 'single-chart,per-chart', '1', '1', '--plain']);
const plainOf = (layout: string, n: number): SynthResult => plainScaling.find((r) => r.layout === layout && r.n === n)!;
for (const layout of ['single-chart', 'per-chart']) {
  const [x, y] = [plainOf(layout, 100), plainOf(layout, 1000)];
  log(`  ${layout}: 100: ${fmt(x.medianMs)}  1000: ${fmt(y.medianMs)} -> ${(y.medianMs / x.medianMs).toFixed(2)}`);
}
const ratioPerChart100 = p100.medianMs / plainOf('per-chart', 100).medianMs;
log(`  synth-ratio with one chart per pipeline, at 100 pipelines: ${ratioPerChart100.toFixed(2)}`);

// ---------------------------------------------------------------------------------------
// 3. audit-speedup: tekton-lint vs our audit on the same 500-pipeline YAML
// ---------------------------------------------------------------------------------------
log(`audit-speedup: ${yamlFiles.length} files (${RATIO_N} pipelines, ${objectCount} objects) in ${yamlDir}`);
const lintJs = require.resolve('@ibm/tekton-lint/dist/lint.js', { paths: [ROOT] });
const lintTimes: number[] = [];
for (let r = 0; r < 2; r++) {
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tekton-lint-cache-'));
  const t = time(() => spawnSync(process.execPath, [lintJs, '--format', 'json', ...yamlFiles], {
    cwd: ROOT, env: { ...process.env, TL_CACHE_DIR: cacheDir }, encoding: 'utf8', maxBuffer: MAX_BUFFER,
  }));
  fs.rmSync(cacheDir, { recursive: true, force: true });
  if (t.value.error) throw t.value.error;
  const report = t.value.stdout.split('\n').map((l) => { try { return JSON.parse(l); } catch { return undefined; } }).find(Array.isArray);
  if (!report) throw new Error(`tekton-lint gave no report (exit ${t.value.status}):\n${t.value.stdout.slice(0, 2000)}\n${t.value.stderr.slice(0, 2000)}`);
  lintTimes.push(t.ms);
  if (r === 0) log(`  tekton-lint: exit ${t.value.status}, ${report.length} problems reported`);
}
log(`  tekton-lint: ${ms(lintTimes)} (median ${fmt(median(lintTimes))})`);

let cli: { mode: string; argv: string[]; env: NodeJS.ProcessEnv; cleanup?: string };
if (fs.existsSync(path.join(ROOT, 'lib', 'cli', 'main.js'))) {
  cli = { mode: 'child process: node bin/cdk8s-secure-tekton (compiled lib/)', argv: [path.join(ROOT, 'bin', 'cdk8s-secure-tekton')], env: process.env };
} else {
  // lib/ is missing or predates the CLI: transpile src/ to a temporary directory (outside the timing)
  const t = time(() => transpileCli(path.join(ROOT, 'src')));
  cli = {
    mode: `child process: src/ transpiled to ${t.value.dir} (lib/cli/main.js missing; run npx projen compile to use bin/), launcher equivalent to bin/cdk8s-secure-tekton`,
    argv: [t.value.launcher],
    env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') },
    cleanup: t.value.dir,
  };
  log(`  transpiled src/ in ${fmt(t.ms)} (untimed)`);
}
const auditTimes: number[] = [];
for (let r = 0; r < 3; r++) {
  const t = time(() => spawnSync(process.execPath, [...cli.argv, 'audit', '--format', 'json', yamlDir], {
    cwd: ROOT, env: cli.env, encoding: 'utf8', maxBuffer: MAX_BUFFER,
  }));
  if (t.value.error) throw t.value.error;
  if (t.value.status !== 0 && t.value.status !== 1) throw new Error(`audit failed (exit ${t.value.status}):\n${t.value.stderr.slice(0, 2000)}`);
  const summary = JSON.parse(t.value.stdout).summary;
  if (summary.objects !== objectCount) throw new Error(`audit saw ${summary.objects} objects, expected ${objectCount}`);
  if (r === 0) log(`  audit: exit ${t.value.status}, ${JSON.stringify(summary)}`);
  auditTimes.push(t.ms);
}
if (cli.cleanup) fs.rmSync(cli.cleanup, { recursive: true, force: true });
log(`  audit (${cli.mode}): ${ms(auditTimes)} (median ${fmt(median(auditTimes))})`);
const auditSpeedup = median(lintTimes) / median(auditTimes);

gc();
audit([yamlDir], 'json'); // warm-up
const inProcess: number[] = [];
for (let r = 0; r < 2; r++) {
  gc();
  inProcess.push(time(() => audit([yamlDir], 'json')).ms);
}
log(`  audit in-process (audit() from src, already loaded): ${ms(inProcess)} (median ${fmt(median(inProcess))}); speedup on that basis ${(median(lintTimes) / median(inProcess)).toFixed(2)}`);
fs.rmSync(yamlDir, { recursive: true, force: true });

// ---------------------------------------------------------------------------------------
// 4. peak RSS of one synth of 1000 pipelines (single chart), in a fresh child process
// ---------------------------------------------------------------------------------------
log('peak-rss-mb: 1000 pipelines, single chart, one synth in a fresh child process');
const [rss] = synthChild(['1000', 'single-chart', '0', '1']);
log(`  synth ${fmt(rss.medianMs)}; RSS after imports ${rss.rssBeforeMb.toFixed(0)} MB, peak ${rss.maxRssMb.toFixed(0)} MB`);

log(`done in ${fmt(Date.now() - started)} (${os.cpus().length} CPUs, node ${process.version}, load average now ${os.loadavg()[0].toFixed(2)})`);
process.stdout.write([
  `synth-ratio ${synthRatio.toFixed(2)}`,
  `synth-scaling-one-chart-per-pipeline ${scalingPerChart.toFixed(1)}`,
  `synth-scaling-single-chart ${scalingSingle.toFixed(2)}`,
  `synth-scaling ${scalingSingle.toFixed(2)}`,
  `audit-speedup ${auditSpeedup.toFixed(2)}`,
  `peak-rss-mb ${rss.maxRssMb.toFixed(0)}`,
].join('\n') + '\n');
