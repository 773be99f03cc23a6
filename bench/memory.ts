/**
 * Where the library's peak RSS goes (a diagnostic; not part of `npx projen bench`).
 *
 *   node_modules/.bin/ts-node --transpile-only --project test/tsconfig.json bench/memory.ts [n]
 *
 * Transpiles the sources like run.ts and runs plain-node children, n pipelines (default 1000):
 * - `live`: the live heap (after a full GC) once the modules are loaded, after building the
 *   construct tree, after the library's check (when `Enforcement.check` returns during the synth,
 *   when every object has been checked and pinned) and after the synth; single chart;
 * - `peak`: the peak RSS of one App.synth() (no forced GC), per layout;
 * each as the library is, and with the engine's per-object posture store replaced by one
 * that keeps nothing (`--no-postures`: the private `postures` field of the app's
 * `Enforcement`; see src/policy/engine/enforcement.ts). The output is the same either way
 * (checked: same bytes); only what stays in memory during the synth differs.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { buildConstructApp, Layout } from './fixture';
import { fmt, gc, time } from './timing';
import { transpile } from './transpile';
import { Enforcement } from '../src/policy/engine/enforcement';

const mb = (bytes: number): number => Math.round(bytes / 2 ** 20);

/** Replaces the engine's posture store by one that keeps nothing. */
function dropPostures(app: App): void {
  const engine = Enforcement.of(app) as any;
  if (!(engine.postures instanceof WeakMap)) throw new Error('Enforcement has no `postures` WeakMap any more: update bench/memory.ts');
  engine.postures = { set: () => engine.postures, get: () => undefined, has: () => false, delete: () => false };
}

function child(mode: string, n: number, layout: Layout, noPostures: boolean, outdir: string): void {
  const points: Record<string, number> = {};
  const live = mode === 'live';
  const point = (name: string): void => {
    if (!live) return;
    gc();
    points[name] = mb(process.memoryUsage().heapUsed);
  };
  point('loaded');
  const app = buildConstructApp(n, layout, outdir);
  if (noPostures) dropPostures(app);
  point('built');
  // the engine's check (a private method: if it is renamed, this fails loudly)
  const engine = Enforcement.of(app) as any;
  if (typeof engine.check !== 'function') throw new Error('Enforcement has no `check` method any more: update bench/memory.ts');
  const check = engine.check;
  engine.check = function (...args: unknown[]) {
    const r = check.apply(this, args);
    point('checked');
    return r;
  };
  const t = time(() => app.synth());
  point('synthesized');
  process.stdout.write(JSON.stringify({ ms: t.ms, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), heapMb: points }) + '\n');
}

function parent(): void {
  const n = Number(process.argv[2] ?? 1000);
  const root = path.resolve(__dirname, '..');
  const compiled = transpile(root);
  const outputs = new Map<string, Buffer>();
  try {
    const run = (mode: string, layout: Layout, noPostures: boolean): any => {
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-tekton-bench-out-'));
      try {
        const r = spawnSync(process.execPath, [compiled.js('bench/memory.ts'), '--child', mode, String(n), layout, noPostures ? '1' : '0', outdir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
        if (r.status !== 0) throw new Error(`child failed (exit ${r.status}): ${r.stdout}`);
        const bytes = Buffer.concat(fs.readdirSync(outdir).sort().map((f) => fs.readFileSync(path.join(outdir, f))));
        const key = `${layout}`;
        if (outputs.has(key) && !outputs.get(key)!.equals(bytes)) throw new Error(`${layout}: the output differs with and without the posture store`);
        outputs.set(key, bytes);
        return JSON.parse(r.stdout);
      } finally {
        fs.rmSync(outdir, { recursive: true, force: true });
      }
    };
    for (const noPostures of [false, true]) {
      const r = run('live', 'single-chart', noPostures);
      process.stdout.write(`live heap, ${n} pipelines, single chart, ${noPostures ? 'no posture store' : 'as is          '}: ${Object.entries(r.heapMb).map(([k, v]) => `${k} ${v} MB`).join(', ')}\n`);
    }
    for (const layout of ['single-chart', 'per-chart'] as Layout[]) {
      for (const noPostures of [false, true]) {
        const r = run('peak', layout, noPostures);
        process.stdout.write(`peak RSS, ${n} pipelines, ${layout.padEnd(12)}, ${noPostures ? 'no posture store' : 'as is          '}: ${r.maxRssMb} MB (synth ${fmt(r.ms)})\n`);
      }
    }
  } finally {
    fs.rmSync(compiled.dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  const [, mode, n, layout, noPostures, outdir] = process.argv.slice(2);
  child(mode, Number(n), layout as Layout, noPostures === '1', outdir);
} else {
  parent();
}
