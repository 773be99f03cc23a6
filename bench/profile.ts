/**
 * CPU profiles of the three workloads behind the figures, taken with the V8 inspector
 * around the measured call only (after a warm-up), so ts-node compilation is not in them.
 *
 *   node_modules/.bin/ts-node --transpile-only --project test/tsconfig.json bench/profile.ts [synth|plain|audit]...
 *
 * Writes <tmp>/secure-tekton-bench-prof-*\/<name>.cpuprofile (open in Chrome DevTools or
 * speedscope) and prints the functions with the most inclusive time (src/, cdk8s, yaml, GC).
 */
import * as fs from 'fs';
import * as inspector from 'inspector';
import * as os from 'os';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { buildConstructApp, buildPlainApp, regroup, snapshot } from './fixture';
import { gc } from './timing';
import { audit } from '../src/cli/audit';

const N = 500;
const which = process.argv.slice(2).length ? process.argv.slice(2) : ['synth', 'plain', 'audit'];
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-tekton-bench-prof-'));

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

function post<T = any>(session: inspector.Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r as T))));
}

/** Inclusive milliseconds per function (a sample counts once per function on its stack). */
function inclusive(prof: Profile): Array<[string, number]> {
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  prof.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + prof.timeDeltas[i] / 1000));
  const key = (n: ProfileNode): string =>
    `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(node_modules|src|bench)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;
  const total = new Map<string, number>();
  for (const [id, t] of self) {
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const k = key(byId.get(cur)!);
      if (!seen.has(k)) total.set(k, (total.get(k) ?? 0) + t);
      seen.add(k);
    }
  }
  return [...total].sort((a, b) => b[1] - a[1]);
}

async function profile(name: string, fn: () => unknown): Promise<void> {
  fn(); // warm-up
  gc();
  const session = new inspector.Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: 200 });
  await post(session, 'Profiler.start');
  const start = Date.now();
  fn();
  const ms = Date.now() - start;
  const { profile: p } = await post<{ profile: Profile }>(session, 'Profiler.stop');
  session.disconnect();
  const file = path.join(outDir, `${name}.cpuprofile`);
  fs.writeFileSync(file, JSON.stringify(p));
  process.stdout.write(`\n== ${name}: ${ms} ms, ${file}\n`);
  const interesting = /^(\(garbage collector\))|src\/|node_modules\/(cdk8s|yaml|constructs)\//;
  for (const [func, t] of inclusive(p).filter(([k]) => interesting.test(k) && !/node_modules\/(ts-node|typescript)/.test(k)).slice(0, 30)) {
    process.stdout.write(`${t.toFixed(0).padStart(7)} ms  ${func}\n`);
  }
}

async function main(): Promise<void> {
  const source = buildConstructApp(N, 'single-chart');
  source.synthYaml();
  const charts = snapshot(source);
  if (which.includes('synth')) await profile('synth', () => buildConstructApp(N, 'single-chart').synthYaml());
  if (which.includes('plain')) await profile('plain', () => buildPlainApp(charts).synthYaml());
  if (which.includes('audit')) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-tekton-bench-yaml-'));
    for (const c of regroup(charts, 'per-chart')) fs.writeFileSync(path.join(dir, `${c.id}.k8s.yaml`), Yaml.stringify(...c.objects));
    await profile('audit', () => audit([dir], 'json'));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
void main();
