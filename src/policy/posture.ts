import { RecordedRelaxation } from './relaxation';
import { Finding, Severity } from './rule';
import { RuleId } from './rule-id';

/**
 * The outcome of one rule on one object.
 */
export enum CheckStatus {
  /** The rule applies and holds. */
  PASSED = 'passed',
  /** The rule applies and does not hold, and every finding is covered by a relaxation (with its reason). */
  RELAXED = 'relaxed',
  /** The rule applies and does not hold, and some finding is covered by no relaxation. */
  FAILED = 'failed',
  /** The rule does not look at this kind of object. */
  NOT_APPLICABLE = 'not-applicable',
}

/**
 * One rule's outcome on one object.
 */
export interface CheckResult {
  /** The rule. */
  readonly rule: RuleId;
  /** Its severity. */
  readonly severity: Severity;
  /** The outcome. */
  readonly status: CheckStatus;
  /** The reasons of the relaxations that cover findings, joined by `; `. @default - none */
  readonly reason?: string;
  /** The relaxations that cover findings. @default - none */
  readonly relaxations?: RecordedRelaxation[];
  /** Everything the rule found, covered or not (empty when passed or not applicable). */
  readonly findings: Finding[];
}

/**
 * Every rule's outcome on one object.
 */
export interface ObjectPosture {
  /** `apiVersion` of the object. */
  readonly apiVersion: string;
  /** `kind` of the object. */
  readonly kind: string;
  /** `metadata.name` (or `generateName`). */
  readonly name: string;
  /** `metadata.namespace`. @default - none (cluster-scoped, or the namespace it is applied to) */
  readonly namespaceName?: string;
  /** One result per rule of the catalogue. */
  readonly checks: CheckResult[];
}

/**
 * Every rule's outcome on a manifest the app runs but does not write: the Task a
 * `RemoteTask` has a resolver fetch, checked at synth with the RemoteTask's relaxations.
 */
export interface UnwrittenPosture {
  /** Construct path of the construct that makes the app run it (the RemoteTask), which holds its relaxations. */
  readonly constructPath: string;
  /** That construct's kind (`RemoteTask`). */
  readonly constructKind: string;
  /** Where the resolver fetches it from (`RemoteTask.source`). @default - not known */
  readonly source?: string;
  /** One result per rule of the catalogue on the content, judged with the construct's relaxations. */
  readonly posture: ObjectPosture;
}
