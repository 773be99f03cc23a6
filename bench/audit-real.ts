/**
 * The audit on real YAML against a bare YAML parse of the same files.
 *
 *   node_modules/.bin/ts-node --transpile-only --project test/tsconfig.json bench/audit-real.ts <dir>
 *   (or AUDIT_REAL_DIR=<dir>; AUDIT_REAL_FILES=600 files, AUDIT_REAL_ROUNDS=7 rounds)
 *
 * The first AUDIT_REAL_FILES `.yaml`/`.yml`/`.json` files under the directory (walked in byte
 * order, as the audit walks) are given to both sides by name. Each round runs two fresh
 * `node` processes on src/ transpiled to plain JavaScript (bench/transpile.ts), one after
 * the other:
 *
 * - parse: `require('js-yaml')`, then each file read and `loadAll`-ed (the parser the audit's
 *   fast path uses; files it refuses count as parsed);
 * - audit: `require` of the audit (the CLI's modules: the reader, every rule, the formats),
 *   then `audit(files, { format: 'json' })`: read as kubectl reads, every rule, a position for
 *   every finding, the JSON report. A file the audit cannot read (malformed YAML: exit 2 with
 *   the report of the rest) is counted in the summary printed; only an audit with no report stops the run.
 *
 * Each child times itself from its first line to the end of its work, so module loading is
 * counted ("start-up counts") while node's own boot, the same for both, is not; the wall-clock
 * time of each child (boot included) and its process CPU time (`process.cpuUsage()` over the
 * same span: user and system time of all its threads, which moves less than the clock on a
 * shared machine) are reported too. The result is the ratio of the medians,
 * audit / parse, against the target of 1.5. It exits 0 when the target is missed (a benchmark,
 * not a test), unless BENCH_STRICT=1.
 *
 * AUDIT_REAL_BASE=<another checkout> (a worktree of an earlier commit, with node_modules) audits
 * the same files with that checkout's src/ in the same rounds, alternately before and after this
 * one, and reports its medians and this checkout's time over the base's (by the clock and in CPU
 * time): a comparison made in one sitting, under the same load.
 *
 * Where the audit's time goes (not part of the ratio): one more audit child, once, wraps the
 * reader (`readManifests`) and the engine (`evaluateManifests`) where the audit calls them,
 * and each rule's check, and reports module loading, reading, evaluating (of which the
 * rules' checks, and the five that took longest) and the rest: placing the findings (a JSON
 * path and a position for each: `findingPlace` and the objects' `locate`), their fixes in YAML
 * terms (`yamlFix`), the JSON report (`JSON.stringify` outside the evaluation) and the
 * remainder (the notices, the findings' records, the counts).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { transpile, Transpiled } from './transpile';

const ROOT = path.resolve(__dirname, '..');
const TARGET = 1.5;
const MANIFEST = /\.(ya?ml|json)$/i;

function files(dir: string, limit: number): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)))) {
      if (out.length >= limit) return;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && MANIFEST.test(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A child that times itself: `T0` at its first line, the work, then `ms <n>` and `cpu <n>` on stdout. */
function child(body: string, listFile: string): { ms: number; cpu: number; wall: number; out: string } {
  const script = `const T0 = process.hrtime.bigint();\nconst C0 = process.cpuUsage();\nconst FILES = JSON.parse(require('fs').readFileSync(${JSON.stringify(listFile)}, 'utf8'));\n${body}\n`
    + 'const C1 = process.cpuUsage(C0);\n'
    + 'process.stdout.write(`ms ${Number(process.hrtime.bigint() - T0) / 1e6}\\ncpu ${(C1.user + C1.system) / 1e3}\\n`);\n';
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const wall = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) throw new Error(`child failed (exit ${r.status}): ${r.stderr.slice(0, 2000)}`);
  const m = /ms ([0-9.]+)/.exec(r.stdout);
  const c = /cpu ([0-9.]+)/.exec(r.stdout);
  if (!m || !c) throw new Error(`no timing in ${r.stdout.slice(0, 500)}`);
  return { ms: Number(m[1]), cpu: Number(c[1]), wall, out: r.stdout };
}

function main(): number {
  const dir = process.argv[2] ?? process.env.AUDIT_REAL_DIR;
  if (!dir) {
    process.stderr.write('usage: audit-real.ts <dir of real Tekton YAML> (or AUDIT_REAL_DIR)\n');
    return 2;
  }
  const limit = Number(process.env.AUDIT_REAL_FILES ?? 600);
  const rounds = Number(process.env.AUDIT_REAL_ROUNDS ?? 7);
  const list = files(path.resolve(dir), limit);
  const bytes = list.reduce((n, f) => n + fs.statSync(f).size, 0);
  const compiled = transpile(ROOT, ['src']);
  // another checkout (a worktree of an earlier commit) audited in the same rounds, alternately with this one
  const baseRoot = process.env.AUDIT_REAL_BASE;
  const baseCompiled = baseRoot === undefined ? undefined : transpile(path.resolve(baseRoot), ['src']);
  const listFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'audit-real-')), 'files.json');
  fs.writeFileSync(listFile, JSON.stringify(list));
  try {
    const parse = 'const { loadAll } = require(\'js-yaml\');\nconst fs = require(\'fs\');\nlet docs = 0;\n'
      + 'for (const f of FILES) { try { docs += loadAll(fs.readFileSync(f, \'utf8\')).length; } catch { docs++; } }\n'
      + 'process.stdout.write(`docs ${docs}\\n`);';
    const yamlParse = 'const { parseAllDocuments } = require(\'yaml\');\nconst fs = require(\'fs\');\n'
      + 'for (const f of FILES) parseAllDocuments(fs.readFileSync(f, \'utf8\'));';
    const auditRun = (tree: Transpiled): string => `const { audit } = require(${JSON.stringify(tree.js('src/cli/audit.ts'))});\n`
      + 'const r = audit(FILES, { format: \'json\' });\n'
      + 'if (r.stdout === \'\') throw new Error(r.stderr);\n'
      + 'process.stdout.write(`summary ${JSON.stringify(JSON.parse(r.stdout).summary)}\\n`);';
    const phases = (tree: Transpiled): string => `const read = require(${JSON.stringify(tree.js('src/cli/read-yaml.ts'))});\n`
      + `const engine = require(${JSON.stringify(tree.js('src/policy/engine/evaluate.ts'))});\n`
      + `const { audit } = require(${JSON.stringify(tree.js('src/cli/audit.ts'))});\n`
      + 'const loaded = Number(process.hrtime.bigint() - T0) / 1e6;\n'
      + 'const spent = { read: 0, evaluate: 0 };\n'
      + 'const timed = (m, name, key) => { const f = m[name]; if (typeof f !== \'function\') return; m[name] = (...a) => { const t = process.hrtime.bigint(); try { return f(...a); } finally { spent[key] += Number(process.hrtime.bigint() - t) / 1e6; } }; };\n'
      + 'timed(read, \'readManifests\', \'read\');\ntimed(engine, \'evaluateManifests\', \'evaluate\');\n'
      // each rule's check, inside the evaluation: which rules cost the most
      + `const { RuleCatalogue } = require(${JSON.stringify(tree.js('src/policy/catalogue.ts'))});\n`
      + 'const byRule = new Map();\n'
      + 'for (const rule of RuleCatalogue.all()) { const f = rule.check; rule.check = (...a) => { const t = process.hrtime.bigint(); '
      + 'try { return f.apply(rule, a); } finally { byRule.set(rule.id, (byRule.get(rule.id) ?? 0) + Number(process.hrtime.bigint() - t) / 1e6); } }; }\n'
      // the rest, split: placing the findings (findingPlace, and each object's locate, wrapped on the objects read), their
      // fixes in YAML terms (yamlFix) and the JSON report (JSON.stringify outside the evaluation)
      // (a base checkout from before these modules has no such split: its parts count as the remainder)
      + 'const optional = (p) => { try { return require(p); } catch { return {}; } };\n'
      + `const finding = optional(${JSON.stringify(tree.js('src/cli/finding-path.ts'))});\n`
      + `const fixes = optional(${JSON.stringify(tree.js('src/cli/yaml-fix.ts'))});\n`
      + 'Object.assign(spent, { place: 0, fix: 0, report: 0 });\ntimed(finding, \'findingPlace\', \'place\');\ntimed(fixes, \'yamlFix\', \'fix\');\n'
      + 'const readAll = read.readManifests;\nread.readManifests = (...a) => { const r = readAll(...a); '
      + 'for (const o of r.objects) if (typeof o.locate === \'function\') timed(o, \'locate\', \'place\'); return r; };\n'
      + 'const evaluateAll = engine.evaluateManifests;\nlet evaluating = false;\n'
      + 'engine.evaluateManifests = (...a) => { evaluating = true; try { return evaluateAll(...a); } finally { evaluating = false; } };\n'
      + 'const stringify = JSON.stringify;\nJSON.stringify = (...a) => { if (evaluating) return stringify(...a); '
      + 'const t = process.hrtime.bigint(); try { return stringify(...a); } finally { spent.report += Number(process.hrtime.bigint() - t) / 1e6; } };\n'
      + 'const t = process.hrtime.bigint();\nconst r = audit(FILES, { format: \'json\' });\nif (r.stdout === \'\') throw new Error(r.stderr);\n'
      + 'const all = Number(process.hrtime.bigint() - t) / 1e6;\nJSON.stringify = stringify;\n'
      + 'const rules = [...byRule].sort((x, y) => y[1] - x[1]);\n'
      + 'const top = rules.slice(0, 5).map(([id, ms]) => `${id} ${ms.toFixed(0)}`).join(\', \');\n'
      + 'const rest = all - spent.read - spent.evaluate;\n'
      + 'process.stdout.write(`phases load ${loaded.toFixed(0)} read ${spent.read.toFixed(0)} evaluate ${spent.evaluate.toFixed(0)} rest ${rest.toFixed(0)} '
      + '(placing ${spent.place.toFixed(0)}, fixes ${spent.fix.toFixed(0)}, JSON report ${spent.report.toFixed(0)}, other ${(rest - spent.place - spent.fix - spent.report).toFixed(0)}); '
      + 'rules ${rules.reduce((n, r) => n + r[1], 0).toFixed(0)} (most: ${top})\\n`);';
    process.stdout.write(`${list.length} files, ${(bytes / 2 ** 20).toFixed(1)} MiB, from ${dir}\n`);
    const p: number[] = [];
    const a: number[] = [];
    const pw: number[] = [];
    const pc: number[] = [];
    const ac: number[] = [];
    const aw: number[] = [];
    const y: number[] = [];
    const b: number[] = [];
    const bc: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const pr = child(parse, listFile);
      // the base before this checkout in odd rounds, after it in even ones
      const br = baseCompiled !== undefined && r % 2 === 1 ? child(auditRun(baseCompiled), listFile) : undefined;
      const ar = child(auditRun(compiled), listFile);
      const base = br ?? (baseCompiled !== undefined ? child(auditRun(baseCompiled), listFile) : undefined);
      if (base !== undefined) {
        b.push(base.ms);
        bc.push(base.cpu);
      }
      if (r === 0) {
        process.stdout.write(`  parse: ${/docs \d+/.exec(pr.out)?.[0]}\n  audit: ${/summary .*/.exec(ar.out)?.[0]}\n`);
        if (base !== undefined) process.stdout.write(`  base audit (${baseRoot}): ${/summary .*/.exec(base.out)?.[0]}\n`);
        y.push(child(yamlParse, listFile).ms);
        process.stdout.write(`  where the audit's time goes (one more child, ms): ${/phases (.*)/.exec(child(phases(compiled), listFile).out)?.[1]}\n`);
        if (baseCompiled !== undefined) {
          process.stdout.write(`  where the base audit's time goes (one more child, ms): ${/phases (.*)/.exec(child(phases(baseCompiled), listFile).out)?.[1]}\n`);
        }
      }
      p.push(pr.ms);
      a.push(ar.ms);
      pw.push(pr.wall);
      pc.push(pr.cpu);
      ac.push(ar.cpu);
      aw.push(ar.wall);
      process.stdout.write(`  round ${r + 1}: parse ${pr.ms.toFixed(0)} ms, audit ${ar.ms.toFixed(0)} ms (wall ${pr.wall.toFixed(0)} / ${ar.wall.toFixed(0)} ms; cpu ${pr.cpu.toFixed(0)} / ${ar.cpu.toFixed(0)} ms)`
        + `${base !== undefined ? `; base audit ${base.ms.toFixed(0)} ms (cpu ${base.cpu.toFixed(0)} ms)` : ''}\n`);
    }
    const ratio = median(a) / median(p);
    const wallRatio = median(aw) / median(pw);
    const cpuRatio = median(ac) / median(pc);
    process.stdout.write(`  for reference, yaml's parseAllDocuments on the same files: ${y[0].toFixed(0)} ms\n`);
    process.stdout.write(`results\n${ratio <= TARGET ? 'MET ' : 'FAIL'}  audit / parse, ${list.length} real files, module loading included: `
      + `${ratio.toFixed(2)} (median ${median(a).toFixed(0)} / ${median(p).toFixed(0)} ms; target <= ${TARGET})\n`
      + `      the same with node's boot (wall clock of the child processes): ${wallRatio.toFixed(2)} (${median(aw).toFixed(0)} / ${median(pw).toFixed(0)} ms)\n`
      + `      the same in process CPU time (user + system, V8's own threads included; moves less on a shared machine): ${cpuRatio.toFixed(2)} `
      + `(${median(ac).toFixed(0)} / ${median(pc).toFixed(0)} ms)\n`);
    if (b.length > 0) {
      process.stdout.write(`      base (${baseRoot}), same rounds: ${(median(b) / median(p)).toFixed(2)} (median ${median(b).toFixed(0)} ms), `
        + `in CPU time ${(median(bc) / median(pc)).toFixed(2)} (${median(bc).toFixed(0)} ms); this checkout / base: `
        + `${(median(a) / median(b)).toFixed(2)} by the clock, ${(median(ac) / median(bc)).toFixed(2)} in CPU time\n`);
    }
    return ratio > TARGET && process.env.BENCH_STRICT === '1' ? 1 : 0;
  } finally {
    fs.rmSync(compiled.dir, { recursive: true, force: true });
    if (baseCompiled !== undefined) fs.rmSync(baseCompiled.dir, { recursive: true, force: true });
    fs.rmSync(path.dirname(listFile), { recursive: true, force: true });
  }
}

process.exitCode = main();
