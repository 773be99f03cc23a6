/**
 * Where relaxations live between the moment they are given (props or
 * `Relaxations.of(x).add`) and synth, when the engine applies them to the
 * objects below the construct that holds them.
 */
import { IConstruct } from 'constructs';
import { isTarget } from '../../private/targets';
import { MAX_REASON_LENGTH, MIN_REASON_LENGTH, normalizeReason, safeText, visibleLength } from '../../private/text';
import { RuleCatalogue } from '../catalogue';
import { SecureTektonError } from '../errors';
import type { Relaxation } from '../relaxation';
import { RuleId } from '../rule-id';

/** A checked relaxation held by a construct. */
export interface StoredRelaxation {
  readonly rule: RuleId;
  /** Normalized to one line. */
  readonly reason: string;
  readonly target?: string;
  /** Path of the construct that holds it. */
  readonly path: string;
  /** How to name it in messages, e.g. `SecureTask 'ci/build' step 'run'` and `relaxations[0]`. */
  readonly origin: RelaxationOrigin;
  /** Derived by the library from its model (API grants, trusted tasks): never reported as unused. */
  readonly derived?: boolean;
  /**
   * For a derived relaxation: whether it still holds for the object as written
   * (e.g. the pipeline task still refers to the trusted Task). Checked on the final JSON.
   */
  readonly holds?: (json: any) => boolean;
  /** For a relaxation moved onto a task spec a Pipeline embeds: the one given for the Task (used when this one is). */
  readonly translates?: StoredRelaxation;
  /**
   * Target prefixes (`task/<name>/`) it does not cover although its own target does: the task specs a Pipeline embeds,
   * for a relaxation given above the Pipeline but not above those tasks (a SecurePipeline's
   * own), which relaxes the pipeline, not the tasks it runs.
   */
  readonly excludes?: readonly string[];
}

/** Where a relaxation was given, for messages. */
export interface RelaxationOrigin {
  /** Kind of construct, e.g. `SecureTask` (or `Relaxations` for `Relaxations.of(x).add`). */
  readonly construct: string;
  /** Its construct path. */
  readonly path: string;
  /** Where inside it, e.g. `step 'run'`. */
  readonly location?: string;
  /** The prop, e.g. `relaxations[0]`. */
  readonly property: string;
}

type Entry = StoredRelaxation | (() => StoredRelaxation[]);

const STORE = new WeakMap<IConstruct, Entry[]>();

function refuse(origin: RelaxationOrigin, property: string, value: unknown, problem: string, fix: string): SecureTektonError {
  return new SecureTektonError({
    construct: origin.construct,
    path: origin.path,
    location: origin.location,
    property: `${origin.property}${property}`,
    value: value === undefined ? undefined : safeText(value),
    problem,
    rule: RuleId.RELAXATION_REASON,
    fix,
  });
}

/**
 * Checks one relaxation as given and returns it as stored. `scope` is the target
 * a relaxation given in a step's (or mode's, flag's …) own props is limited to.
 */
export function checkedRelaxation(r: Relaxation, origin: RelaxationOrigin, scope?: string): StoredRelaxation {
  if (r === null || typeof r !== 'object') {
    throw refuse(origin, '', r, 'is not a relaxation', "Give { rule: RuleId.<RULE>, reason: '<why, at least 10 characters>' }.");
  }
  const rule = r.rule;
  if (!Object.values(RuleId).includes(rule)) {
    throw refuse(origin, '.rule', rule, 'is not a rule ID', 'Use a member of RuleId, e.g. RuleId.IMAGE_DIGEST (docs/rules.md lists them all).');
  }
  if (!RuleCatalogue.isRelaxable(rule)) {
    throw refuse(origin, '.rule', rule, 'names a rule that cannot be relaxed', 'Remove this relaxation and comply with the rule.');
  }
  const reason = typeof r.reason === 'string' ? normalizeReason(r.reason) : undefined;
  if (reason === undefined || visibleLength(reason) < MIN_REASON_LENGTH) {
    throw refuse(origin, '.reason', r.reason, `has fewer than ${MIN_REASON_LENGTH} visible characters`,
      "Say why the rule cannot hold here, e.g. reason: 'kaniko unpacks the base image as root'; the reason is written into the YAML and the posture report.");
  }
  const length = [...reason].length;
  if (length > MAX_REASON_LENGTH) {
    throw refuse(origin, '.reason', `${[...reason].slice(0, 40).join('')}… (${length} characters)`, `has more than ${MAX_REASON_LENGTH} characters`,
      "Say why in at most 1024 characters and point to the rest, e.g. reason: 'kaniko unpacks the base image as root; see https://example.com/ADR-12'; the reason is written into the object's annotations, which the API server limits to 256 KiB.");
  }
  let target: string | undefined;
  if (r.target !== undefined) {
    if (scope !== undefined) {
      // given in a step's (or sidecar's) props: the target that one takes, or the props that take the target as written
      const given = origin.property.startsWith('relaxations[') && origin.location !== undefined;
      const fix = !given ? 'Remove the target, or give the relaxation to the enclosing construct with this target.'
        : r.target === scope ? `Remove the target: in the props of ${origin.location} a relaxation covers ${origin.location} already.`
          : typeof r.target === 'string' && isTarget(r.target)
            ? `Remove the target to cover ${origin.location}, or give the relaxation with this target in the props of ${origin.construct} '${origin.path}': `
              + `relaxations: [{ rule: RuleId.${rule}, target: '${r.target}', reason: '<why>' }].`
            : `Remove the target: in the props of ${origin.location} a relaxation covers ${origin.location}.`;
      throw refuse(origin, '.target', r.target, `is set on a relaxation that is already limited to ${scope}`, fix);
    }
    if (typeof r.target !== 'string' || !isTarget(r.target)) {
      throw refuse(origin, '.target', r.target, 'is not a relaxation target',
        "Build it with RelaxationTarget, e.g. target: RelaxationTarget.step('build') ('step/build').");
    }
    target = r.target;
  }
  target = target ?? scope;
  return { rule, reason, path: origin.path, origin, ...(target !== undefined ? { target } : {}) };
}

/** Checks and stores relaxations given in props. */
export function recordRelaxations(
  construct: IConstruct,
  constructKind: string,
  relaxations: readonly Relaxation[] | undefined,
  scope?: { readonly target: string; readonly location: string },
): StoredRelaxation[] {
  if (relaxations !== undefined && !Array.isArray(relaxations)) {
    throw refuse({ construct: constructKind, path: construct.node.path, location: scope?.location, property: 'relaxations' }, '', relaxations,
      'is not a list', "Give a list: relaxations: [{ rule: RuleId.<RULE>, reason: '<why>' }].");
  }
  const stored = (relaxations ?? []).map((r, i) => checkedRelaxation(r, {
    construct: constructKind,
    path: construct.node.path,
    location: scope?.location,
    property: `relaxations[${i}]`,
  }, scope?.target));
  storeRelaxations(construct, stored);
  return stored;
}

/** Stores checked relaxations on a construct. */
export function storeRelaxations(construct: IConstruct, relaxations: readonly StoredRelaxation[]): void {
  STORE.set(construct, [...(STORE.get(construct) ?? []), ...relaxations]);
}

/** Registers relaxations the library derives from its model when they are needed (so later changes reach them). */
export function deriveRelaxations(construct: IConstruct, produce: () => StoredRelaxation[]): void {
  STORE.set(construct, [...(STORE.get(construct) ?? []), produce]);
}

/** The relaxations held by one construct (not its children). */
export function relaxationsIn(construct: IConstruct): StoredRelaxation[] {
  return (STORE.get(construct) ?? []).flatMap((e) => (typeof e === 'function' ? e() : [e]));
}

/** Whether any construct holds relaxations (lets the engine skip the walk up the tree). */
export function holdsRelaxations(construct: IConstruct): boolean {
  return STORE.has(construct);
}
