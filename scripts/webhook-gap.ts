/**
 * Lists the Tekton objects that Tekton's admission webhook refuses and the audit lets pass: runs every
 * tekton.dev object of the files and directories given through `conformance/bin/tekton-validate` (Tekton
 * v1.15's own defaulting and validation; build it first, see conformance/README.md) and through the audit
 * (each file alone, `--format json`), and prints each refusal for which the audit has no failed finding on
 * that object that names it.
 *
 *   npx ts-node --transpile-only --project scripts/tsconfig.json scripts/webhook-gap.ts [--all] <file or dir>...
 *
 * A finding names a refusal when its problem quotes the webhook's message (the error without the paths
 * FieldError appends after the last `: `), or, for `json: unknown field "x"`, when its property ends with
 * `x` (TEKTON_FIELD_NAMES' wording). `--all` also lists the refusals a finding names, marked `named`.
 * Prints one line per refusal (`gap` or `named`, file, kind/name, the webhook's error) and a count line;
 * exit code 0 when no gap is left, 1 otherwise, 2 on a usage or oracle error.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { audit } from '../src/cli/audit';

interface Verdict {
  readonly file: string;
  readonly index: number;
  readonly kind: string;
  readonly name: string;
  readonly valid: boolean;
  readonly errors: string[];
}

interface Finding {
  readonly file: string;
  readonly object: string;
  readonly kind: string;
  readonly name: string;
  readonly rule: string;
  readonly status: string;
  readonly property: string;
  readonly problem: string;
}

const ORACLE = path.resolve(__dirname, '..', 'conformance', 'bin', 'tekton-validate');

/** The webhook's message without the field paths FieldError appends (`message: spec.tasks[0], spec.finally[1]`). */
export function refusalText(error: string): string {
  const first = error.split('\n')[0];
  const m = /^(.*?): (?:[A-Za-z$][^\s]*(?:, [A-Za-z$][^\s]*)*)?$/s.exec(first);
  return m ? m[1] : first;
}

/** Whether a finding names the refusal. */
function names(f: Finding, error: string): boolean {
  const unknown = /json: unknown field "([^"]+)"/.exec(error);
  if (unknown) return f.property.endsWith(`.${unknown[1]}`) || f.property === unknown[1];
  return f.problem.includes(refusalText(error));
}

function files(p: string): string[] {
  if (!fs.statSync(p).isDirectory()) return [p];
  return fs.readdirSync(p, { withFileTypes: true }).flatMap((e) => {
    const q = path.join(p, e.name);
    if (e.isDirectory()) return files(q);
    return /\.(ya?ml|json)$/.test(e.name) ? [q] : [];
  });
}

/**
 * Runs the comparison on `argv` (`[--all] <file or dir>...`), writing its lines to `out` and its errors to `err`, with
 * the oracle at `oracle`; returns the exit code.
 */
export function webhookGap(
  argv: readonly string[],
  out: (text: string) => void = (t) => process.stdout.write(t),
  err: (text: string) => void = (t) => process.stderr.write(t),
  oracle: string = ORACLE,
): number {
  const all = argv.includes('--all');
  const paths = argv.filter((a) => a !== '--all');
  if (paths.length === 0) {
    err('usage: webhook-gap.ts [--all] <file or dir>...\n');
    return 2;
  }
  const r = spawnSync(oracle, paths, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (r.error || (r.status !== 0 && r.status !== 1)) {
    err(`tekton-validate failed (exit ${r.status}): ${r.error?.message ?? r.stderr}\n`);
    return 2;
  }
  const refused = r.stdout.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l))
    .filter((v): v is Verdict => v.kind !== undefined && v.valid === false);
  const byFile = new Map<string, Verdict[]>();
  for (const v of refused) byFile.set(v.file, [...(byFile.get(v.file) ?? []), v]);
  let gaps = 0;
  let named = 0;
  const known = new Set(paths.flatMap(files));
  for (const [file, verdicts] of byFile) {
    if (!known.has(file)) continue;
    const report = JSON.parse(audit([file], { format: 'json' }).stdout);
    const findings: Finding[] = (report.findings ?? []).filter((f: Finding) => f.status === 'failed');
    for (const v of verdicts) {
      // a finding's object is kind/namespace/name, or kind/name without a namespace
      const own = findings.filter((f) => f.kind === v.kind && f.name === v.name);
      for (const e of v.errors) {
        const hit = own.some((f) => names(f, e));
        if (hit) named++; else gaps++;
        if (!hit || all) out(`${hit ? 'named' : 'gap'}\t${file}\t${v.kind}/${v.name}\t${e.replace(/\n/g, '\\n').slice(0, 400)}\n`);
      }
    }
  }
  out(`${gaps} refusals not named by a failed finding, ${named} named, in ${refused.length} refused objects\n`);
  return gaps === 0 ? 0 : 1;
}

if (require.main === module) process.exitCode = webhookGap(process.argv.slice(2));
