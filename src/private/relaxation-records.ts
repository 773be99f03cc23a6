import { IConstruct } from 'constructs';
import { SecureTektonError } from '../policy/errors';
import type { RecordedRelaxation, Relaxation } from '../policy/relaxation';
import { RuleId } from '../policy/rule-id';

/** Minimum length of a relaxation's reason. */
export const MIN_REASON_LENGTH = 10;

/** Annotation prefix under which relaxations are written into the YAML. */
export const RELAXATION_ANNOTATION_PREFIX = 'secure-tekton/relax.';

/** Relaxations recorded per construct; read through `Relaxations.of()`. */
export const RECORDS = new WeakMap<IConstruct, RecordedRelaxation[]>();

/**
 * The part of a construct a relaxation is limited to, e.g. one step.
 */
export interface RelaxationTarget {
  /** For messages, e.g. `step 'push'`. */
  readonly location: string;
  /** The step's (or task's) name; findings with this target match. */
  readonly name: string;
}

/**
 * Check and record relaxations given to a construct.
 */
export function recordRelaxations(
  construct: IConstruct,
  constructKind: string,
  relaxations: readonly Relaxation[] | undefined,
  relaxable: (rule: RuleId) => boolean,
  target?: RelaxationTarget,
): RecordedRelaxation[] {
  const location = target?.location;
  const recorded = (relaxations ?? []).map((r) => {
    if (!relaxable(r.rule)) {
      throw new SecureTektonError({
        construct: constructKind,
        path: construct.node.path,
        location,
        property: 'relaxations',
        value: r.rule,
        problem: 'names a rule that cannot be relaxed',
        rule: RuleId.RELAXATION_REASON,
        fix: 'Remove this relaxation and comply with the rule.',
      });
    }
    if (typeof r.reason !== 'string' || r.reason.trim().length < MIN_REASON_LENGTH) {
      throw new SecureTektonError({
        construct: constructKind,
        path: construct.node.path,
        location,
        property: `relaxations[${r.rule}].reason`,
        value: r.reason ?? '',
        problem: `is shorter than ${MIN_REASON_LENGTH} characters`,
        rule: RuleId.RELAXATION_REASON,
        fix: 'Say why this rule cannot hold here; the reason is written into the YAML and the posture report.',
      });
    }
    return { rule: r.rule, reason: r.reason.trim(), path: construct.node.path, target: target?.name };
  });
  RECORDS.set(construct, [...(RECORDS.get(construct) ?? []), ...recorded]);
  return recorded;
}


/**
 * Annotations that record relaxations on an object: one key per rule, the reasons
 * (prefixed with their target) joined by `; `.
 */
export function relaxationAnnotations(relaxations: readonly RecordedRelaxation[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of relaxations) {
    const key = `${RELAXATION_ANNOTATION_PREFIX}${r.rule}`;
    const text = r.target ? `${r.target}: ${r.reason}` : r.reason;
    out[key] = out[key] ? `${out[key]}; ${text}` : text;
  }
  return out;
}
