/**
 * `audit <files or dirs>`: runs the rule catalogue over any Kubernetes YAML.
 * Reads the files as kubectl would (read-yaml.ts) and evaluates every rule on each object in one pass.
 */
import { InputError, readManifests, ReadResult } from './read-yaml';
import { RuleCatalogue } from '../policy/catalogue';
import { coveringRelaxation, evaluateManifests, objectId } from '../policy/engine/evaluate';
import { CheckStatus } from '../policy/posture';
import { RelaxationSource } from '../policy/relaxation';

/** Output formats. */
export type AuditFormat = 'text' | 'json';

/** What one audit run produced. */
export interface AuditResult {
  /** 0: no unrelaxed finding; 1: findings; 2: bad usage or unreadable input. */
  readonly exitCode: number;
  /** What to print on stdout. */
  readonly stdout: string;
  /** What to print on stderr. */
  readonly stderr: string;
}

/** One finding as reported. */
interface ReportedFinding {
  readonly file: string;
  readonly object: string;
  readonly rule: string;
  readonly severity: string;
  readonly status: 'failed' | 'relaxed';
  readonly reason?: string;
  readonly recordedBy?: RelaxationSource;
  readonly location?: string;
  readonly property: string;
  readonly value?: string;
  readonly problem: string;
  readonly fix: string;
}

/** Audit the given files and directories. */
export function audit(paths: string[], format: AuditFormat = 'text'): AuditResult {
  if (paths.length === 0) {
    return { exitCode: 2, stdout: '', stderr: 'usage: cdk8s-secure-tekton audit [--format text|json] <files or dirs>...\n' };
  }
  let read: ReadResult;
  try {
    read = readManifests(paths);
  } catch (e) {
    if (e instanceof InputError) return { exitCode: 2, stdout: '', stderr: `error: ${e.message}\n` };
    throw e;
  }
  const notices = read.notices.map((n) => `notice: ${n}\n`).join('');
  const files = read.files;
  const manifests = read.objects.map((o) => o.object);
  const fileOf = read.objects.map((o) => o.file);
  const findings: ReportedFinding[] = [];
  // every object of every file together: cross-object rules see them all
  const postures = evaluateManifests(manifests);
  const objects = postures.length;
  postures.forEach((posture, i) => {
    for (const check of posture.checks) {
      if (check.status !== CheckStatus.FAILED && check.status !== CheckStatus.RELAXED) continue;
      const fix = RuleCatalogue.find(check.rule)?.fix ?? '';
      for (const f of check.findings) {
        const relaxation = coveringRelaxation(f, check.relaxations ?? []);
        findings.push({
          file: fileOf[i],
          object: objectId(posture),
          rule: check.rule,
          severity: check.severity,
          status: relaxation ? 'relaxed' : 'failed',
          ...(relaxation ? { reason: relaxation.reason, recordedBy: relaxation.source ?? RelaxationSource.LIBRARY } : {}),
          location: f.location,
          property: f.property,
          value: f.value,
          problem: f.problem,
          fix: f.fix ?? fix,
        });
      }
    }
  });
  const failed = findings.filter((f) => f.status === 'failed');
  const summary = { files: files.length, objects, failed: failed.length, relaxed: findings.length - failed.length };
  const exitCode = failed.length ? 1 : 0;
  if (format === 'json') {
    return { exitCode, stdout: JSON.stringify({ summary, findings }, null, 2) + '\n', stderr: notices };
  }
  const lines = findings.map((f) => {
    const where = f.location ? ` ${f.location}` : '';
    const value = f.value !== undefined ? ` ${JSON.stringify(f.value)}` : '';
    const tail = f.status === 'failed' ? f.fix : `relaxed (${f.recordedBy === RelaxationSource.HAND_EDIT ? 'hand edit' : 'recorded by the library'}): ${f.reason}`;
    return `${f.status === 'failed' ? 'FAIL' : 'RELAXED'} ${f.file} ${f.object}${where}: ${f.property}${value} ${f.problem} [${f.rule}]. ${tail}`;
  });
  lines.push(`${summary.files} files, ${summary.objects} objects: ${summary.failed} findings failed, ${summary.relaxed} relaxed`);
  return { exitCode, stdout: lines.join('\n') + '\n', stderr: notices };
}
