/** What the audit reports of one finding (the JSON output's `findings`, the SARIF results). */
import * as path from 'path';
import { entryKey } from './baseline';
import { AuditProfile } from './profile';
import { RelaxationSource } from '../policy/relaxation';

/** How a reported finding stands. */
export type FindingStatus = 'failed' | 'relaxed' | 'accepted' | 'baselined';

/** One finding as reported. */
export interface ReportedFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** JSON path of the node the position is of (the field, else the deepest node on the way to it). */
  readonly path?: string;
  readonly object: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly rule: string;
  readonly severity: string;
  readonly status: FindingStatus;
  readonly reason?: string;
  readonly recordedBy?: RelaxationSource;
  readonly acceptedBy?: { readonly profile: AuditProfile; readonly reason: string };
  readonly location?: string;
  readonly target?: string;
  /** For a finding without a target: `field/<property>=<value>` (`=%none` where it names no value; `field/<location>.<property>=<value>` where it names a part of the object), the target a relaxation record covers it with alone. */
  readonly address?: string;
  readonly property: string;
  readonly value?: string;
  /** What the finding says its object grants, where its value does not say it (an RBAC rule's verbs: `get, list, watch`). */
  readonly granted?: string;
  readonly problem: string;
  readonly fix: string;
  /** With a baseline: whether the finding is new. */
  readonly baselineState?: 'new' | 'unchanged';
}

const relativePaths = new Map<string, string>();
/** `file` relative to `dir`, with forward slashes. */
function relativeTo(dir: string, file: string): string {
  const key = `${dir}\0${file}`;
  let r = relativePaths.get(key);
  if (r === undefined) {
    r = path.relative(dir, path.resolve(dir, file)).split(path.sep).join('/');
    relativePaths.set(key, r);
  }
  return r;
}

/**
 * What identifies a finding across edits, one string: what the baseline keys on (baseline.ts: the file, here relative to
 * the working folder `cwd`, the object's kind, namespace and name, the rule, the target, the property, the value, the location
 * and what the finding says is granted).
 */
export function findingIdentity(f: ReportedFinding, cwd: string): string {
  const { kind, namespace, name, rule, target, property, value, location, granted } = f;
  return entryKey({ file: relativeTo(cwd, f.file), kind, namespace, name, rule, target, property, value, location, granted });
}

/**
 * A rule (or a step of reading an object) that threw on one object: a defect of the tool, which
 * judged nothing there. The other rules and objects are audited; the run exits 2.
 */
export interface InternalError {
  /** The file of the object. */
  readonly file: string;
  /** 1-based line and column (in code points) where the object starts. */
  readonly line: number;
  readonly column: number;
  /** `Kind/namespace/name` of the object. */
  readonly object: string;
  /** The rule that threw, when it was a rule. */
  readonly rule?: string;
  /** `internal error: rule X failed on Kind/namespace/name: TypeError: …; please report it`. */
  readonly message: string;
}
