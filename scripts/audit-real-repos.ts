/**
 * Runs the audit over directories of real Tekton YAML that a developer provides (it fetches
 * nothing, and writes nothing but the judging sample it is asked for) and reports what it
 * found per rule, per kind of object and per kind of file, so that false positives can be
 * judged rule by rule.
 *
 *   npx ts-node --transpile-only --project test/tsconfig.json scripts/audit-real-repos.ts \
 *     [--group all|file|N] [--profile platform] [--sample N] [--judge N] [--out FILE] <dir>...
 *
 * --group      which files are audited together, as one `cdk8s-secure-tekton audit` run each
 *              (cross-object rules such as UNIQUE_OBJECTS and CREDENTIALS_TRUSTED_TASK see
 *              only the files of their group):
 *              all   every file of one <dir> together (the CLI given that directory; default);
 *              file  each file alone;
 *              N     the files under each directory N levels below <dir> together (for the
 *                    Tekton catalog and Konflux build definitions, 3: task/<name>/<version>),
 *                    shallower files by their own directory.
 * --profile    as the CLI's --profile (platform: accepts the platform's own RBAC).
 * --sample N   whole messages shown per rule (default 3).
 * --judge N    also write N findings spread over the rules (at least one per rule, the rest in
 *              proportion to the rules' counts, evenly spaced within a rule) to --out, each
 *              with an empty `verdict` to fill in and a `why`: "true" (the YAML does what the
 *              rule forbids, by its meaning in docs/rules.md), "conservative" (the rule refuses
 *              because it cannot know, as its limits say), "artifact" (true only because
 *              unrelated files were audited together) or "false" (a misreading of what
 *              Kubernetes, Tekton or Chains make of the YAML).
 * --out FILE   where the judging sample goes (default audit-judge-sample.json).
 *
 *   ... scripts/audit-real-repos.ts --tally sample.json [more.json ...]
 *
 * --tally      reads judged samples instead of auditing, and prints the verdicts per rule and
 *              the false-positive rate (docs/audit.md records one such measurement).
 *
 * Kinds of file come from the path alone: `test` (in a tests/ or test/ directory), `sample`
 * (samples/, examples/ or example/), `install` (config/ or release/), else `definition`. The audit runs in this process (the CLI's `audit`
 * function, as `bin/cdk8s-secure-tekton` calls it), with `--format json`. A file the audit could
 * not read, or an object a rule failed on, does not stop the script: the other groups are still
 * audited, each such error is listed (file:line:col) after the totals, and the figures are called
 * partial. Exit code: 0; 2 when a file could not be read or a rule failed (the report is still
 * written), or when the audit refused its input altogether (nothing else is written).
 */
import * as fs from 'fs';
import * as path from 'path';
import { audit, AuditOptions } from '../src/cli/audit';

interface Finding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly object: string;
  readonly kind: string;
  readonly rule: string;
  readonly severity: string;
  readonly status: string;
  readonly location?: string;
  readonly property: string;
  readonly value?: string;
  readonly problem: string;
}

/** A file the audit could not read, or an object a rule failed on (the JSON report's two lists). */
interface AuditError {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

interface Args {
  readonly dirs: string[];
  readonly group: 'all' | 'file' | number;
  readonly sample: number;
  readonly judge: number;
  readonly out: string;
  readonly profile?: 'platform';
}

const USAGE = 'usage: audit-real-repos.ts [--group all|file|N] [--profile platform] [--sample N] [--judge N] [--out FILE] <dir>...\n'
  + '       audit-real-repos.ts --tally <judged sample>...\n';

function parseArgs(argv: string[]): Args | string {
  const dirs: string[] = [];
  let group: Args['group'] = 'all';
  let sample = 3;
  let judge = 0;
  let out = 'audit-judge-sample.json';
  let profile: 'platform' | undefined;
  const count = (flag: string, v: string | undefined): number => {
    if (v === undefined || !/^\d+$/.test(v)) throw new Error(`${flag} takes a whole number`);
    return Number(v);
  };
  try {
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i];
      if (a === '--group') {
        const v = argv[++i];
        group = v === 'all' || v === 'file' ? v : count('--group', v);
      } else if (a === '--sample') {sample = count('--sample', argv[++i]);} else if (a === '--judge') {judge = count('--judge', argv[++i]);} else if (a === '--out') {out = argv[++i] ?? out;} else if (a === '--profile') {
        if (argv[++i] !== 'platform') return '--profile takes platform';
        profile = 'platform';
      } else if (a.startsWith('--')) {return `unknown option ${a}`;} else {dirs.push(a);}
    }
  } catch (e) {
    return (e as Error).message;
  }
  if (dirs.length === 0) return 'no directory given';
  return { dirs, group, sample, judge, out, profile };
}

/** The manifests under `dir`, walked as the audit walks (byte order, .yaml/.yml/.json in any case). */
function manifests(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && /\.(ya?ml|json)$/i.test(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** The groups of paths audited together, for one directory given. */
function groups(dir: string, group: Args['group']): string[][] {
  if (group === 'all') return [[dir]];
  const files = manifests(dir);
  if (group === 'file') return files.map((f) => [f]);
  const byKey = new Map<string, string[]>();
  for (const f of files) {
    const parts = path.relative(dir, f).split(path.sep);
    const key = parts.length > group ? parts.slice(0, group).join('/') : parts.slice(0, -1).join('/');
    byKey.set(key, [...(byKey.get(key) ?? []), f]);
  }
  return [...byKey.values()];
}

/** The kind of file, from its path (see the header). */
function fileKind(file: string): string {
  const parts = file.split(path.sep).map((p) => p.toLowerCase());
  if (parts.some((p) => p === 'tests' || p === 'test')) return 'test';
  if (parts.some((p) => p === 'samples' || p === 'examples' || p === 'example')) return 'sample';
  if (parts.some((p) => p === 'config' || p === 'release')) return 'install';
  return 'definition';
}

/** `n` items of `list`, evenly spaced (the first included). */
function spread<T>(list: readonly T[], n: number): T[] {
  if (n >= list.length) return [...list];
  return Array.from({ length: n }, (_, k) => list[Math.floor((k * list.length) / n)]);
}

const message = (f: Finding) => `${f.file}:${f.line}:${f.column} ${f.object}${f.location ? ` ${f.location}` : ''}: ${f.property}${f.value !== undefined ? ` ${JSON.stringify(f.value)}` : ''} ${f.problem}`;

function increment<K>(m: Map<K, number>, k: K, by = 1): void {
  m.set(k, (m.get(k) ?? 0) + by);
}

/** A text table: the first column left-aligned, the others right-aligned. */
function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}

const VERDICTS = ['true', 'conservative', 'artifact', 'false'];

/** The verdicts of judged samples per rule, and the false-positive rate. */
function tally(files: string[]): number {
  const byRule = new Map<string, Map<string, number>>();
  for (const file of files) {
    for (const j of JSON.parse(fs.readFileSync(file, 'utf8')) as { rule: string; verdict: string; message: string }[]) {
      if (!VERDICTS.includes(j.verdict)) {
        process.stderr.write(`${file}: "${j.verdict}" is not a verdict (${VERDICTS.join(', ')}): ${j.message}\n`);
        return 2;
      }
      const m = byRule.get(j.rule) ?? new Map<string, number>();
      increment(m, j.verdict);
      byRule.set(j.rule, m);
    }
  }
  const rows = [...byRule.entries()].map(([rule, m]) =>
    [rule, String([...m.values()].reduce((a, b) => a + b, 0)), ...VERDICTS.map((v) => String(m.get(v) ?? 0))]);
  rows.sort((a, b) => Number(b[1]) - Number(a[1]) || a[0].localeCompare(b[0]));
  const total = (i: number) => rows.reduce((n, r) => n + Number(r[i]), 0);
  const judged = total(1);
  const wrong = total(2 + VERDICTS.indexOf('false'));
  rows.push(['all', String(judged), ...VERDICTS.map((_, i) => String(total(i + 2)))]);
  process.stdout.write([...table(['rule', 'judged', ...VERDICTS], rows),
    '', `false positives: ${wrong} of ${judged} (${judged === 0 ? 0 : ((100 * wrong) / judged).toFixed(1)} %)`].join('\n') + '\n');
  return 0;
}

function main(): number {
  if (process.argv[2] === '--tally') return tally(process.argv.slice(3));
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    process.stderr.write(`${args}\n${USAGE}`);
    return 2;
  }
  const options: AuditOptions = { format: 'json', ...(args.profile ? { profile: args.profile } : {}) };
  const started = process.hrtime.bigint();
  const findings: Finding[] = [];
  const notices: string[] = [];
  const unread: AuditError[] = [];
  const internalErrors: AuditError[] = [];
  const totals = { runs: 0, files: 0, skippedFiles: 0, objects: 0, relaxed: 0, accepted: 0 };
  const filesByKind = new Map<string, number>();
  for (const dir of args.dirs) {
    for (const f of manifests(dir)) increment(filesByKind, fileKind(f));
    for (const paths of groups(dir, args.group)) {
      const r = audit(paths, options);
      const report = r.stdout === '' ? undefined : JSON.parse(r.stdout);
      if (report === undefined) {
        // refused as a whole (usage, or no path it can read): no report to go on with
        process.stderr.write(r.stderr);
        return 2;
      }
      unread.push(...(report.unreadFiles as AuditError[]));
      internalErrors.push(...(report.internalErrors as AuditError[]));
      totals.runs++;
      for (const k of ['files', 'skippedFiles', 'objects', 'relaxed', 'accepted'] as const) totals[k] += report.summary[k];
      findings.push(...(report.findings as Finding[]).filter((f) => f.status === 'failed'));
      notices.push(...(report.notices as string[]));
    }
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;

  const byRule = new Map<string, Finding[]>();
  for (const f of findings) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
  const rules = [...byRule.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  const files = (list: readonly Finding[]) => String(new Set(list.map((f) => f.file)).size);

  const lines: string[] = [];
  lines.push(`${totals.files} files read (${totals.skippedFiles} more skipped), ${totals.objects} objects, in ${totals.runs} audit runs (--group ${args.group}), ${ms.toFixed(0)} ms`);
  lines.push(`${findings.length} findings failed in ${files(findings)} files, ${totals.relaxed} relaxed, ${totals.accepted} accepted by the profile`);
  const reasons = new Map<string, number>();
  for (const n of notices) increment(reasons, n.replace(/^.*?: /, '').replace(/\(.*\)/, '(…)'));
  for (const [reason, n] of reasons) lines.push(`  notice x${n}: ${reason}`);
  if (unread.length > 0 || internalErrors.length > 0) {
    // as the CLI says it: the objects of an unread file were not audited, and objects weigh each
    // other across files, so every figure here may change either way once they are read
    lines.push(`PARTIAL: ${unread.length} files could not be read and ${internalErrors.length} objects met an internal error; the figures below leave them out`);
    for (const e of [...unread, ...internalErrors]) lines.push(`  ${e.file}${e.line === undefined ? '' : `:${e.line}:${e.column}`}: error: ${e.message.split('\n')[0]}`);
  }

  lines.push('', 'By rule:');
  lines.push(...table(['rule', 'severity', 'findings', 'files', 'objects'], rules.map(([rule, list]) =>
    [rule, list[0].severity, String(list.length), files(list), String(new Set(list.map((f) => `${f.file}\0${f.object}`)).size)])).map((l) => `  ${l}`));

  const kinds = [...new Set(findings.map((f) => f.kind))].sort();
  lines.push('', 'Findings by rule and kind of object:');
  lines.push(...table(['rule', ...kinds], rules.map(([rule, list]) =>
    [rule, ...kinds.map((k) => String(list.filter((f) => f.kind === k).length || ''))])).map((l) => `  ${l}`));

  const fileKinds = ['definition', 'test', 'sample', 'install'];
  lines.push('', 'Findings by rule and kind of file (from the path: tests/, samples/ or examples/, config/, else a definition):');
  lines.push(...table(['rule', ...fileKinds], rules.map(([rule, list]) =>
    [rule, ...fileKinds.map((k) => String(list.filter((f) => fileKind(f.file) === k).length || ''))])).map((l) => `  ${l}`));
  lines.push(...table(['files', ...fileKinds], [
    ['given', ...fileKinds.map((k) => String(filesByKind.get(k) ?? 0))],
    ['with findings', ...fileKinds.map((k) => files(findings.filter((f) => fileKind(f.file) === k)))],
  ]).map((l) => `  ${l}`));

  for (const [rule, list] of rules) {
    lines.push('', `${rule}:`);
    // the distinct problems, most frequent first, then a sample of whole messages
    const problems = new Map<string, number>();
    for (const f of list) increment(problems, `${f.property} ${f.problem}`);
    for (const [p, n] of [...problems.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6)) lines.push(`  x${n} ${p}`);
    for (const f of spread(list, args.sample)) lines.push(`  e.g. ${message(f)}`);
  }
  process.stdout.write(lines.join('\n') + '\n');

  if (args.judge > 0 && findings.length > 0) {
    const quota = new Map(rules.map(([rule]) => [rule, 1]));
    let left = args.judge - rules.length;
    for (const [rule, list] of rules) {
      const extra = Math.floor((Math.max(left, 0) * list.length) / findings.length);
      quota.set(rule, Math.min(list.length, 1 + extra));
    }
    left = args.judge - [...quota.values()].reduce((a, b) => a + b, 0);
    for (const [rule, list] of rules) {
      if (left <= 0) break;
      if (quota.get(rule)! < list.length) {
        quota.set(rule, quota.get(rule)! + 1);
        left--;
      }
    }
    const sample = rules.flatMap(([rule, list]) => spread(list, quota.get(rule)!).map((f) => ({ rule, kind: f.kind, fileKind: fileKind(f.file), message: message(f), verdict: '', why: '' })));
    fs.writeFileSync(args.out, JSON.stringify(sample, null, 2) + '\n');
    process.stdout.write(`\n${sample.length} findings to judge written to ${args.out}\n`);
  }
  return unread.length > 0 || internalErrors.length > 0 ? 2 : 0;
}

process.exitCode = main();
