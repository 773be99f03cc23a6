/**
 * `audit <files or dirs>`: runs the rule catalogue over any Kubernetes YAML.
 * Parses each file once and evaluates every rule on each object in one pass.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CORE_SCHEMA, loadAll, YAMLException } from 'js-yaml';
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

class InputError extends Error {}

/** YAML files under a path (the path itself if it is a file), sorted. */
function yamlFiles(p: string): string[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(p);
  } catch {
    throw new InputError(`${p}: no such file or directory`);
  }
  if (stat.isFile()) return [p];
  return fs.readdirSync(p).sort().flatMap((entry) => {
    const full = path.join(p, entry);
    return fs.statSync(full).isDirectory() ? yamlFiles(full) : /\.ya?ml$/.test(entry) ? [full] : [];
  });
}

/** The objects of a multi-document YAML file; throws with file and line on a syntax error. */
function parseFile(file: string): any[] {
  let docs: unknown[];
  try {
    // the core schema keeps Kubernetes strings (dates, "yes") as written
    docs = loadAll(fs.readFileSync(file, 'utf8'), undefined, { schema: CORE_SCHEMA, filename: file });
  } catch (e) {
    if (!(e instanceof YAMLException)) throw e;
    throw new InputError(`${file}:${e.mark.line + 1}:${e.mark.column + 1}: invalid YAML: ${e.reason}`);
  }
  const objects: any[] = [];
  for (const value of docs as any[]) {
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value) || typeof value.kind !== 'string') {
      throw new InputError(`${file}: a document is not a Kubernetes object (no kind)`);
    }
    // a List holds its objects under items
    objects.push(...(value.kind.endsWith('List') && Array.isArray(value.items) ? value.items : [value]));
  }
  return objects;
}

/** Audit the given files and directories. */
export function audit(paths: string[], format: AuditFormat = 'text'): AuditResult {
  if (paths.length === 0) {
    return { exitCode: 2, stdout: '', stderr: 'usage: cdk8s-secure-tekton audit [--format text|json] <files or dirs>...\n' };
  }
  const findings: ReportedFinding[] = [];
  let files: string[];
  const manifests: any[] = [];
  const fileOf: string[] = [];
  try {
    files = paths.flatMap(yamlFiles);
    for (const file of files) {
      for (const manifest of parseFile(file)) {
        manifests.push(manifest);
        fileOf.push(file);
      }
    }
  } catch (e) {
    if (e instanceof InputError) return { exitCode: 2, stdout: '', stderr: `error: ${e.message}\n` };
    throw e;
  }
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
    return { exitCode, stdout: JSON.stringify({ summary, findings }, null, 2) + '\n', stderr: '' };
  }
  const lines = findings.map((f) => {
    const where = f.location ? ` ${f.location}` : '';
    const value = f.value !== undefined ? ` ${JSON.stringify(f.value)}` : '';
    const tail = f.status === 'failed' ? f.fix : `relaxed (${f.recordedBy === RelaxationSource.HAND_EDIT ? 'hand edit' : 'recorded by the library'}): ${f.reason}`;
    return `${f.status === 'failed' ? 'FAIL' : 'RELAXED'} ${f.file} ${f.object}${where}: ${f.property}${value} ${f.problem} [${f.rule}]. ${tail}`;
  });
  lines.push(`${summary.files} files, ${summary.objects} objects: ${summary.failed} findings failed, ${summary.relaxed} relaxed`);
  return { exitCode, stdout: lines.join('\n') + '\n', stderr: '' };
}
