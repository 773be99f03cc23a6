import { Finding, Severity } from './rule';
import { RuleId } from './rule-id';

/**
 * The outcome of one rule on one object.
 */
export enum CheckStatus {
  /** The rule applies and holds. */
  PASSED = 'passed',
  /** The rule applies, does not hold, and the object carries a relaxation (with its reason). */
  RELAXED = 'relaxed',
  /** The rule applies and does not hold, with no (valid) relaxation. */
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
  /** The recorded reason, when relaxed. @default - none */
  readonly reason?: string;
  /** What the rule found (empty when passed or not applicable). */
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
  readonly namespace?: string;
  /** One result per rule of the catalogue. */
  readonly checks: CheckResult[];
}
