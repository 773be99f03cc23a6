/**
 * One synth comparison, in a fresh process: the library vs plain cdk8s ApiObjects that
 * emit the identical YAML, n pipelines in one layout. run.ts starts one per layout and size.
 *
 *   node -r ts-node/register/transpile-only bench/compare.ts <layout> <n> <rounds> <yamlRounds> [--save=<dir>]
 *
 * 1. The library app is built and synthesized with App.synth() into a temporary directory,
 *    capturing every chart's objects as that synth emitted them (untimed; the library's
 *    warm-up).
 * 2. The baseline is prepared from them (fixture.ts preparePlain, untimed) and synthesized
 *    with App.synth() into another directory (its warm-up). Both directories must hold the
 *    same files, byte for byte. With --save, the library's files are copied there (for the
 *    audit benchmark).
 * 3. `rounds` timed rounds of App.synth() into a fresh temporary directory, library and
 *    baseline alternating (the side that goes first alternates too), a full GC before each.
 *    A round is `build the app` + `app.synth()`: for the library, the construct tree and
 *    everything the constructs do, then cdk8s' synth with the library's check of every
 *    object; for the baseline, `new ApiObject(...)` for the same objects, then cdk8s' synth.
 *    The two parts are timed separately too, and the process' CPU time (user + system) of
 *    the round is recorded, which other processes on the machine disturb less than the
 *    wall-clock time, in total and inside the build, the library's check and cdk8s' YAML
 *    rendering (see `instrument`).
 * 4. `yamlRounds` rounds of the same with synthYaml() instead of synth(); the strings of the
 *    first round must be equal (checked after the round, untimed).
 *
 * Prints progress on stderr and one JSON line on stdout.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Yaml } from 'cdk8s';
import { buildConstructApp, buildPlainApp, Layout, preparePlain, synthesizeAndCapture } from './fixture';
import { fmt, gc, median, time } from './timing';
import { Enforcement } from '../src/policy/engine/enforcement';

export interface Rounds {
  /** build + synth, ms, per round */
  readonly total: number[];
  /** the build part, ms */
  readonly build: number[];
  /** the synth part, ms */
  readonly synth: number[];
  /** CPU time of the process (user + system, all threads: GC helpers too) during build + synth, ms */
  readonly cpu: number[];
  /** CPU time of the build part, ms */
  readonly buildCpu: number[];
  /** CPU time inside the library's check (the engine's validation), ms; 0 for the baseline */
  readonly checkCpu: number[];
  /** CPU time inside cdk8s' Yaml.save / Yaml.stringify (rendering and writing the YAML), ms */
  readonly yamlCpu: number[];
}

export interface CompareResult {
  readonly layout: Layout;
  readonly n: number;
  readonly objects: number;
  readonly charts: number;
  readonly yamlBytes: number;
  readonly files: number;
  readonly constructs: { readonly library: number; readonly plain: number };
  readonly library: Rounds;
  readonly plain: Rounds;
  readonly libraryYaml: Rounds;
  readonly plainYaml: Rounds;
}

const OBJECTS_PER_PIPELINE = 17;

function firstDifference(a: string, b: string): string {
  const la = a.split('\n');
  const lb = b.split('\n');
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    if (la[i] !== lb[i]) return `line ${i + 1}: library ${JSON.stringify(la[i])} vs plain ${JSON.stringify(lb[i])}`;
  }
  return 'none';
}

/** Every file under dir, relative path -> contents. */
function readTree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out.set(path.relative(dir, full), fs.readFileSync(full));
    }
  };
  walk(dir);
  return out;
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'secure-tekton-bench-out-'));
}

/**
 * CPU time spent inside a few functions during a round (outermost calls only): the engine's
 * check (`Enforcement.prototype.check`, a private method: if it is renamed, the
 * check is reported as 0 and its time lands in `rest`) and cdk8s' YAML rendering. Wrapping
 * costs two `process.cpuUsage()` calls per call: one per chart and one per file.
 */
const inside = { check: 0, yaml: 0 };
const depth = { check: 0, yaml: 0 };
function instrument(target: any, name: string, phase: keyof typeof inside): void {
  const original = target?.[name];
  if (typeof original !== 'function') return;
  target[name] = function (this: unknown, ...args: unknown[]): unknown {
    if (depth[phase]++ > 0) {
      try {
        return original.apply(this, args);
      } finally {
        depth[phase]--;
      }
    }
    const start = process.cpuUsage();
    try {
      return original.apply(this, args);
    } finally {
      depth[phase]--;
      const used = process.cpuUsage(start);
      inside[phase] += (used.user + used.system) / 1000;
    }
  };
}
instrument(Enforcement.prototype, 'check', 'check');
instrument(Yaml, 'save', 'yaml');
instrument(Yaml, 'stringify', 'yaml');

/** One timed round: build the app (writing to a fresh directory), then run `method` on it; returns what `method` returned. */
function round(build: (outdir: string) => App, method: 'synth' | 'synthYaml', into: Rounds): unknown {
  const dir = tempDir();
  gc();
  inside.check = 0;
  inside.yaml = 0;
  const cpu = process.cpuUsage();
  const b = time(() => build(dir));
  const built = process.cpuUsage(cpu);
  const s = time(() => b.value[method]());
  const used = process.cpuUsage(cpu);
  (into.build as number[]).push(b.ms);
  (into.synth as number[]).push(s.ms);
  (into.total as number[]).push(b.ms + s.ms);
  (into.cpu as number[]).push((used.user + used.system) / 1000);
  (into.buildCpu as number[]).push((built.user + built.system) / 1000);
  (into.checkCpu as number[]).push(inside.check);
  (into.yamlCpu as number[]).push(inside.yaml);
  fs.rmSync(dir, { recursive: true, force: true });
  return s.value;
}

const empty = (): Rounds => ({ total: [], build: [], synth: [], cpu: [], buildCpu: [], checkCpu: [], yamlCpu: [] });

function main(): void {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const layout = args[0] as Layout;
  const n = Number(args[1]);
  const rounds = Number(args[2] ?? 5);
  const yamlRounds = Number(args[3] ?? 0);
  const save = process.argv.find((a) => a.startsWith('--save='))?.slice('--save='.length);
  const log = (s: string): void => {
    process.stderr.write(`    [${layout} ${n}] ${s}\n`);
  };

  // 1-2: capture, prepare, and check that both write the same files
  const [libDir, plainDir] = [tempDir(), tempDir()];
  const captured = synthesizeAndCapture(buildConstructApp(n, layout, libDir), 'synth');
  const plain = preparePlain(captured.charts);
  const objects = captured.charts.reduce((k, c) => k + c.objects.length, 0);
  if (objects !== n * OBJECTS_PER_PIPELINE) throw new Error(`expected ${n * OBJECTS_PER_PIPELINE} objects, got ${objects}`);
  buildPlainApp(plain, plainDir).synth();
  const [libFiles, plainFiles] = [readTree(libDir), readTree(plainDir)];
  const names = [...libFiles.keys()].sort();
  if (names.join('\n') !== [...plainFiles.keys()].sort().join('\n')) throw new Error(`synth(): different files: library ${names.join(' ')} vs plain ${[...plainFiles.keys()].sort().join(' ')}`);
  for (const name of names) {
    if (!libFiles.get(name)!.equals(plainFiles.get(name)!)) {
      throw new Error(`synth(): ${name} differs; first difference at ${firstDifference(libFiles.get(name)!.toString(), plainFiles.get(name)!.toString())}`);
    }
  }
  const yamlBytes = [...libFiles.values()].reduce((k, b) => k + b.length, 0);
  log(`identical output: synth() wrote the same ${names.length} file(s), byte for byte (${objects} objects, ${(yamlBytes / 2 ** 20).toFixed(1)} MiB)`);
  if (save) {
    fs.mkdirSync(save, { recursive: true });
    for (const name of names) fs.copyFileSync(path.join(libDir, name), path.join(save, name));
  }
  fs.rmSync(libDir, { recursive: true, force: true });
  fs.rmSync(plainDir, { recursive: true, force: true });
  const constructs = { library: buildConstructApp(n, layout).node.findAll().length, plain: buildPlainApp(plain).node.findAll().length };

  // 4-5: timed rounds
  const result: CompareResult = {
    layout,
    n,
    objects,
    charts: captured.charts.length,
    yamlBytes,
    files: names.length,
    constructs,
    library: empty(),
    plain: empty(),
    libraryYaml: empty(),
    plainYaml: empty(),
  };
  const sides = (method: 'synth' | 'synthYaml', lib: Rounds, base: Rounds, r: number): void => {
    const libRound = (): unknown => round((outdir) => buildConstructApp(n, layout, outdir), method, lib);
    const plainRound = (): unknown => round((outdir) => buildPlainApp(plain, outdir), method, base);
    let outputs: [unknown, unknown];
    if (r % 2 === 0) {
      outputs = [libRound(), plainRound()];
    } else {
      const p = plainRound();
      outputs = [libRound(), p];
    }
    if (method === 'synthYaml' && r === 0) {
      const [a, b] = outputs as [string, string];
      if (a !== b) throw new Error(`synthYaml(): the baseline does not return the library's YAML; first difference at ${firstDifference(a, b)}`);
      log(`identical output: synthYaml() returned the same string (${(Buffer.byteLength(a) / 2 ** 20).toFixed(1)} MiB)`);
    }
    log(`${method} round ${r + 1}: library ${fmt(lib.total[r])} (build ${fmt(lib.build[r])}), plain ${fmt(base.total[r])} (build ${fmt(base.build[r])})`);
  };
  for (let r = 0; r < rounds; r++) sides('synth', result.library, result.plain, r);
  for (let r = 0; r < yamlRounds; r++) sides('synthYaml', result.libraryYaml, result.plainYaml, r);
  log(`synth() medians: library ${fmt(median(result.library.total))}, plain ${fmt(median(result.plain.total))}`);
  process.stdout.write(JSON.stringify(result) + '\n');
}

main();
