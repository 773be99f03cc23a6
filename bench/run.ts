/**
 * Benchmarks of cdk8s-secure-tekton (`npx projen bench`). See bench/README.md for the
 * method and the latest figures.
 *
 *   node_modules/.bin/ts-node --transpile-only --project test/tsconfig.json bench/run.ts
 *
 * Environment:
 *   BENCH_ROUNDS=n       timed App.synth() rounds per side, single chart and 100 charts (default 5)
 *   BENCH_ROUNDS_400=n   the same with 400 charts (default 3: about 25 s per pair of rounds)
 *   BENCH_YAML_ROUNDS=n  timed synthYaml() rounds per side with 100 charts (default 3) and, when
 *                        set, with the single chart too
 *   BENCH_FULL=1         also run the plain baseline for the peak RSS with one chart per
 *                        pipeline (for reference only; about a minute more)
 *   BENCH_STRICT=1       exit 1 when a target is missed (by default only errors fail the run)
 *
 * Every measurement runs in a fresh child process, from src/, bench/ and examples/
 * transpiled to JavaScript in a temporary directory (plain `node`, no ts-node in the
 * timings or the RSS). The last lines printed are the results, one per target. Time
 * targets are judged on wall-clock medians; the same ratio on CPU time (less disturbed by
 * other processes on the machine) is printed next to each.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CompareResult, Rounds } from './compare';
import { fmt, median, time } from './timing';
import { transpile } from './transpile';

const ROOT = path.resolve(__dirname, '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ROUNDS_400 = Number(process.env.BENCH_ROUNDS_400 ?? 3);
const YAML_ROUNDS = Number(process.env.BENCH_YAML_ROUNDS ?? 3);
const SINGLE_YAML_ROUNDS = Number(process.env.BENCH_YAML_ROUNDS ?? 0);
const FULL = process.env.BENCH_FULL === '1';
const SINGLE_N = 400;
const SMALL = 100;
const LARGE = 400;
const RSS_N = 1000;
const RSS_LIMIT_MB = 400;
const MAX_BUFFER = 512 * 2 ** 20;
const started = Date.now();

const log = (s: string): void => {
  process.stdout.write(`[${fmt(Date.now() - started).padStart(8)}] ${s}\n`);
};
const list = (xs: number[]): string => xs.map((x) => fmt(x)).join(' ');

/** Runs `node <script> args` and returns its stdout; stderr goes to ours (progress). */
function node(script: string, args: string[], env: NodeJS.ProcessEnv = process.env): string {
  const r = spawnSync(process.execPath, [script, ...args], { cwd: ROOT, env, encoding: 'utf8', maxBuffer: MAX_BUFFER, stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${path.basename(script)} ${args.join(' ')} failed (exit ${r.status}):\n${r.stdout}`);
  return r.stdout;
}

interface Target { readonly name: string; readonly value: string; readonly target: string; readonly pass: boolean; readonly note: string }
const targets: Target[] = [];
/** A target, judged on `pass` (wall-clock figures for time); `note` adds the CPU-time figure and its verdict. */
const target = (name: string, value: string, goal: string, pass: boolean, note = ''): void => {
  targets.push({ name, value, target: goal, pass, note });
  log(`  => ${name} = ${value} (target ${goal}): ${pass ? 'PASS' : 'FAIL'}${note}`);
};
const onCpu = (value: number, pass: boolean): string => `; on CPU time ${value.toFixed(2)}, ${pass ? 'pass' : 'fail'}`;

const cpu = (/model name\s*:\s*(.*)/.exec(fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '') ?? [])[1] ?? os.cpus()[0]?.model ?? '?';
const load = os.loadavg()[0];
log(`${os.cpus().length} CPUs (${cpu}), node ${process.version}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; load average ${load.toFixed(2)}${load > 0.5 ? ' (something else is running: figures will be noisy)' : ''}`);

const js = time(() => transpile(ROOT));
const compiled = js.value;
log(`transpiled src/, bench/ and examples/ to ${compiled.dir} in ${fmt(js.ms)} (untimed)`);
const auditDir = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-tekton-bench-yaml-'));

try {
  // -------------------------------------------------------------------------------------
  // 1. synth time: library vs plain ApiObjects emitting the identical YAML (same process)
  // -------------------------------------------------------------------------------------
  const compare = (layout: string, n: number, rounds: number, yamlRounds: number, extra: string[] = []): CompareResult => {
    log(`${layout}, ${n} pipelines: capture + identical-output check, then ${rounds} App.synth() rounds${yamlRounds ? ` and ${yamlRounds} synthYaml() rounds` : ''} per side, interleaved`);
    const r: CompareResult = JSON.parse(node(compiled.js('bench/compare.ts'), [layout, String(n), String(rounds), String(yamlRounds), ...extra]).trim().split('\n').pop()!);
    const row = (label: string, lib: Rounds, base: Rounds): void => {
      if (lib.total.length === 0) return;
      log(`  ${label} library: ${list(lib.total)} (median ${fmt(median(lib.total))}; build ${fmt(median(lib.build))}, synth ${fmt(median(lib.synth))})`);
      log(`  ${label} plain:   ${list(base.total)} (median ${fmt(median(base.total))}; build ${fmt(median(base.build))}, synth ${fmt(median(base.synth))})`);
      log(`  ${label} ratio ${(median(lib.total) / median(base.total)).toFixed(2)} (synth part alone ${(median(lib.synth) / median(base.synth)).toFixed(2)}; CPU time ${fmt(median(lib.cpu))} vs ${fmt(median(base.cpu))}: ${(median(lib.cpu) / median(base.cpu)).toFixed(2)})`);
    };
    log(`  ${r.objects} objects, ${r.charts} chart(s), ${r.files} file(s), ${(r.yamlBytes / 2 ** 20).toFixed(1)} MiB; constructs in the tree: library ${r.constructs.library}, plain ${r.constructs.plain}`);
    row('synth()    ', r.library, r.plain);
    row('synthYaml()', r.libraryYaml, r.plainYaml);
    // where the CPU time goes, medians per part over the synth() rounds
    const parts = (x: Rounds): number[] => {
      const [total, build, check, yaml] = [median(x.cpu), median(x.buildCpu), median(x.checkCpu), median(x.yamlCpu)];
      return [build, check, yaml, total - build - check - yaml, total];
    };
    const [lp, pp] = [parts(r.library), parts(r.plain)];
    const names = ['build', 'library check', 'YAML (Yaml.save)', 'rest of synth (cdk8s walks, toJson, GC)', 'total'];
    log(`  CPU time by part, synth() medians: ${names.map((name, i) => `${name} ${fmt(lp[i])} vs ${fmt(pp[i])}`).join('; ')}`);
    return r;
  };
  const ratio = (r: CompareResult): number => median(r.library.total) / median(r.plain.total);
  const cpuRatio = (r: CompareResult): number => median(r.library.cpu) / median(r.plain.cpu);

  const single = compare('single-chart', SINGLE_N, ROUNDS, SINGLE_YAML_ROUNDS);
  target(`synth ratio, single chart, ${SINGLE_N} pipelines`, ratio(single).toFixed(2), '<= 1.2', ratio(single) <= 1.2, onCpu(cpuRatio(single), cpuRatio(single) <= 1.2));
  const small = compare('per-chart', SMALL, ROUNDS, YAML_ROUNDS);
  target(`synth ratio, chart per pipeline, ${SMALL} charts`, ratio(small).toFixed(2), '<= 1.5', ratio(small) <= 1.5, onCpu(cpuRatio(small), cpuRatio(small) <= 1.5));
  const large = compare('per-chart', LARGE, ROUNDS_400, 0, [`--save=${auditDir}`]);
  target(`synth ratio, chart per pipeline, ${LARGE} charts`, ratio(large).toFixed(2), '<= 1.5', ratio(large) <= 1.5, onCpu(cpuRatio(large), cpuRatio(large) <= 1.5));

  // -------------------------------------------------------------------------------------
  // 2. scaling, chart per pipeline: time(400 charts) / time(100 charts)
  // -------------------------------------------------------------------------------------
  const libScaling = median(large.library.total) / median(small.library.total);
  const plainScaling = median(large.plain.total) / median(small.plain.total);
  const scalingLimit = Math.max(5, 1.25 * plainScaling);
  const [libCpuScaling, plainCpuScaling] = [median(large.library.cpu) / median(small.library.cpu), median(large.plain.cpu) / median(small.plain.cpu)];
  log(`scaling, chart per pipeline, ${SMALL} -> ${LARGE} charts (medians above): library ${libScaling.toFixed(2)}, plain cdk8s ${plainScaling.toFixed(2)}`
    + ` (CPU time: library ${libCpuScaling.toFixed(2)}, plain ${plainCpuScaling.toFixed(2)})`);
  target(`synth scaling ${SMALL} -> ${LARGE} charts`, libScaling.toFixed(2), `<= max(5, 1.25 x ${plainScaling.toFixed(2)}) = ${scalingLimit.toFixed(2)}`, libScaling <= scalingLimit,
    `${onCpu(libCpuScaling, libCpuScaling <= Math.max(5, 1.25 * plainCpuScaling))} against max(5, 1.25 x ${plainCpuScaling.toFixed(2)})`);

  // -------------------------------------------------------------------------------------
  // 3. peak RSS of one synth of 1000 pipelines, fresh process each; plain cdk8s for reference
  // -------------------------------------------------------------------------------------
  for (const layout of ['single-chart', 'per-chart']) {
    // cdk8s alone for reference: fast with one chart, about a minute with 1000 charts
    const withPlain = layout === 'single-chart' || FULL;
    log(`peak RSS, ${RSS_N} pipelines, ${layout}: one App.synth() in a fresh process, library${withPlain ? ', then plain ApiObjects writing the same files' : ''}`);
    const [libOut, plainOut] = [1, 2].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'secure-tekton-bench-out-')));
    const dump = path.join(os.tmpdir(), `secure-tekton-bench-plain-${process.pid}.json`);
    try {
      const lib = JSON.parse(node(compiled.js('bench/rss.ts'), ['library', String(RSS_N), layout, libOut]));
      log(`  library: synth ${fmt(lib.ms)}; RSS ${lib.rssBeforeMb.toFixed(0)} MB once loaded, peak ${lib.maxRssMb.toFixed(0)} MB`);
      if (withPlain) {
        node(compiled.js('bench/rss.ts'), ['prepare', libOut, dump]);
        const plain = JSON.parse(node(compiled.js('bench/rss.ts'), ['plain', dump, plainOut]));
        const files = fs.readdirSync(libOut).sort();
        const same = files.join('\n') === fs.readdirSync(plainOut).sort().join('\n')
          && files.every((f) => fs.readFileSync(path.join(libOut, f)).equals(fs.readFileSync(path.join(plainOut, f))));
        if (!same) throw new Error(`peak RSS ${layout}: the plain app did not write the library's files`);
        log(`  plain:   synth ${fmt(plain.ms)}; RSS ${plain.rssBeforeMb.toFixed(0)} MB with its ${RSS_N} pipelines' JSON loaded, peak ${plain.maxRssMb.toFixed(0)} MB (same ${files.length} file(s), byte for byte)`);
      }
      target(`peak RSS, ${RSS_N} pipelines, ${layout}`, `${lib.maxRssMb.toFixed(0)} MB`, `<= ${RSS_LIMIT_MB} MB`, lib.maxRssMb <= RSS_LIMIT_MB);
    } finally {
      for (const d of [libOut, plainOut]) fs.rmSync(d, { recursive: true, force: true });
      fs.rmSync(dump, { force: true });
    }
  }

  // -------------------------------------------------------------------------------------
  // 4. audit: our CLI vs @ibm/tekton-lint on the files of the 400-chart synth
  // -------------------------------------------------------------------------------------
  const yamlFiles = fs.readdirSync(auditDir).sort().map((f) => path.join(auditDir, f));
  log(`audit: ${yamlFiles.length} files (${LARGE} pipelines as the library wrote them, ${LARGE * 17} objects), CLI child processes`);
  const lintJs = require.resolve('@ibm/tekton-lint/dist/lint.js', { paths: [ROOT] });
  const lintTimes: number[] = [];
  // one run: it takes several times longer than the audit, so its noise matters less
  for (let r = 0; r < 1; r++) {
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
  log(`  tekton-lint: ${list(lintTimes)} (median ${fmt(median(lintTimes))})`);
  const auditTimes: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t = time(() => spawnSync(process.execPath, [compiled.cli, 'audit', '--format', 'json', auditDir], { cwd: ROOT, encoding: 'utf8', maxBuffer: MAX_BUFFER }));
    if (t.value.error) throw t.value.error;
    if (t.value.status !== 0 && t.value.status !== 1) throw new Error(`audit failed (exit ${t.value.status}):\n${t.value.stderr.slice(0, 2000)}`);
    const summary = JSON.parse(t.value.stdout).summary;
    if (summary.objects !== LARGE * 17) throw new Error(`audit saw ${summary.objects} objects, expected ${LARGE * 17}`);
    if (r === 0) log(`  audit: exit ${t.value.status}, ${JSON.stringify(summary)}`);
    auditTimes.push(t.ms);
  }
  log(`  audit (node, transpiled src/, launcher like bin/cdk8s-secure-tekton): ${list(auditTimes)} (median ${fmt(median(auditTimes))})`);
  log(`  audit speed-up over tekton-lint: ${(median(lintTimes) / median(auditTimes)).toFixed(2)} (secondary, no target)`);
} finally {
  fs.rmSync(compiled.dir, { recursive: true, force: true });
  fs.rmSync(auditDir, { recursive: true, force: true });
}

log(`done in ${fmt(Date.now() - started)}; load average now ${os.loadavg()[0].toFixed(2)}`);
process.stdout.write('\nresults\n');
for (const t of targets) process.stdout.write(`${t.pass ? 'PASS' : 'FAIL'}  ${t.name}: ${t.value} (target ${t.target})${t.note}\n`);
const failed = targets.filter((t) => !t.pass).length;
process.stdout.write(`${targets.length - failed} of ${targets.length} targets met\n`);
if (failed > 0 && process.env.BENCH_STRICT === '1') process.exitCode = 1;
