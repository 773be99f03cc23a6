/**
 * Runs the audit over directories of real Tekton YAML that a developer provides (it fetches
 * nothing) and reports, per rule, how many findings it made, in how many files, and a sample
 * of their messages, so that a developer can judge false positives rule by rule.
 *
 *   npx ts-node --transpile-only --project test/tsconfig.json scripts/audit-real-repos.ts \
 *     [--sample N] [--judge N] [--profile platform] [--out sample.json] <dir>...
 *
 * --sample N   messages shown per rule (default 3)
 * --judge N    also write N findings spread over the rules (at least one per rule, the rest in
 *              proportion to the rules' counts, evenly spaced within a rule) to --out, each
 *              with an empty `verdict` to fill in with "tp" or "fp" and a `why`
 * --out FILE   where the judging sample goes (default audit-judge-sample.json)
 *
 * The notices (files skipped) are summarised by reason. Exit code: 0, or 2 when the audit
 * could not read the input.
 */
import * as fs from 'fs';
import { audit, AuditOptions } from '../src/cli/audit';

interface Finding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly object: string;
  readonly rule: string;
  readonly severity: string;
  readonly status: string;
  readonly location?: string;
  readonly property: string;
  readonly value?: string;
  readonly problem: string;
}

function parseArgs(argv: string[]): { dirs: string[]; sample: number; judge: number; out: string; profile?: 'platform' } {
  const out = { dirs: [] as string[], sample: 3, judge: 0, out: 'audit-judge-sample.json', profile: undefined as 'platform' | undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--sample') out.sample = Number(argv[++i]);
    else if (a === '--judge') out.judge = Number(argv[++i]);
    else if (a === '--out') out.out = argv[++i];
    else if (a === '--profile' && argv[i + 1] === 'platform') out.profile = argv[++i] as 'platform';
    else out.dirs.push(a);
  }
  return out;
}

/** `n` items of `list`, evenly spaced (the first included). */
function spread<T>(list: readonly T[], n: number): T[] {
  if (n >= list.length) return [...list];
  return Array.from({ length: n }, (_, k) => list[Math.floor((k * list.length) / n)]);
}

const message = (f: Finding) => `${f.file}:${f.line}:${f.column} ${f.object}${f.location ? ` ${f.location}` : ''}: ${f.property}${f.value !== undefined ? ` ${JSON.stringify(f.value)}` : ''} ${f.problem}`;

function main(): number {
  const args = parseArgs(process.argv.slice(2));
  if (args.dirs.length === 0) {
    process.stderr.write('usage: audit-real-repos.ts [--sample N] [--judge N] [--profile platform] [--out FILE] <dir>...\n');
    return 2;
  }
  const options: AuditOptions = { format: 'json', ...(args.profile ? { profile: args.profile } : {}) };
  const started = process.hrtime.bigint();
  const r = audit(args.dirs, options);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.exitCode === 2) {
    process.stderr.write(r.stderr);
    return 2;
  }
  const report = JSON.parse(r.stdout);
  const findings: Finding[] = report.findings.filter((f: Finding) => f.status === 'failed');
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
  const rules = [...byRule.entries()].sort((a, b) => b[1].length - a[1].length);

  const lines: string[] = [];
  lines.push(`${report.summary.files} files (${report.summary.skippedFiles} skipped), ${report.summary.objects} objects, ${findings.length} findings failed, in ${ms.toFixed(0)} ms`);
  const reasons = new Map<string, number>();
  for (const n of report.notices as string[]) {
    const reason = n.replace(/^.*?: /, '').replace(/\(.*\)/, '(…)');
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  for (const [reason, n] of reasons) lines.push(`  notice x${n}: ${reason}`);
  lines.push('');
  lines.push(`${'rule'.padEnd(28)}${'severity'.padEnd(10)}${'findings'.padStart(9)}${'files'.padStart(7)}`);
  for (const [rule, list] of rules) {
    lines.push(`${rule.padEnd(28)}${list[0].severity.padEnd(10)}${String(list.length).padStart(9)}${String(new Set(list.map((f) => f.file)).size).padStart(7)}`);
  }
  for (const [rule, list] of rules) {
    lines.push('', `${rule}:`);
    // the distinct problems, most frequent first, then a sample of whole messages
    const problems = new Map<string, number>();
    for (const f of list) problems.set(`${f.property} ${f.problem}`, (problems.get(`${f.property} ${f.problem}`) ?? 0) + 1);
    for (const [p, n] of [...problems.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5)) lines.push(`  x${n} ${p}`);
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
    const sample = rules.flatMap(([rule, list]) => spread(list, quota.get(rule)!).map((f) => ({ rule, message: message(f), verdict: '', why: '' })));
    fs.writeFileSync(args.out, JSON.stringify(sample, null, 2) + '\n');
    process.stdout.write(`\n${sample.length} findings to judge written to ${args.out}\n`);
  }
  return 0;
}

process.exitCode = main();
