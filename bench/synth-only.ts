/**
 * Synthesizes pipelines (construct tree + app.synthYaml()) in this process and prints
 * one JSON line per (layout, size): round times, median, and the process' peak RSS so far.
 *
 *   node -r ts-node/register/transpile-only bench/synth-only.ts <sizes> [layouts] [warmup] [rounds] [--plain]
 *
 * sizes: comma-separated pipeline counts, e.g. 100,1000. layouts: comma-separated,
 * single-chart (default) and/or per-chart. The warm-up runs (untimed) use the first size.
 * --plain times the baseline instead: plain ApiObjects holding the JSON the constructs
 * emit (the construct app of the largest size is synthesized once, untimed, and its
 * objects regrouped into each layout and size).
 * With one size, warmup 0 and rounds 1, maxRssMb is the peak RSS of one synth.
 */
import { buildConstructApp, buildPlainApp, ChartSnapshot, Layout, regroup, snapshot } from './fixture';
import { gc, measure } from './timing';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const plain = process.argv.includes('--plain');
const sizes = (args[0] ?? '1000').split(',').map(Number);
const layouts = (args[1] ?? 'single-chart').split(',') as Layout[];
const warmup = Number(args[2] ?? 0);
const rounds = Number(args[3] ?? 1);

let perPipeline: ChartSnapshot[] = [];
if (plain) {
  const source = buildConstructApp(Math.max(...sizes), 'single-chart');
  source.synthYaml();
  perPipeline = regroup(snapshot(source), 'per-chart');
}

for (const layout of layouts) {
  sizes.forEach((n, k) => {
    let fn: () => string;
    if (plain) {
      const charts = regroup(perPipeline.slice(0, n), layout);
      fn = () => buildPlainApp(charts).synthYaml();
    } else {
      fn = () => buildConstructApp(n, layout).synthYaml();
    }
    gc();
    const rssBeforeMb = process.memoryUsage().rss / 2 ** 20;
    const r = measure(fn, k === 0 ? warmup : 0, rounds);
    // maxRSS is in kilobytes
    const maxRssMb = process.resourceUsage().maxRSS / 1024;
    process.stdout.write(JSON.stringify({ n, layout, plain, times: r.times, medianMs: r.median, rssBeforeMb, maxRssMb }) + '\n');
  });
}
