import { describeRule, task } from './fixtures';
import { IRule, RuleCatalogue, RuleId, Severity } from '../../../src';
import { relaxationReasonRule } from '../../../src/policy/rules/relaxation-reason';

const RELAXATION_REASON = RuleCatalogue.find(RuleId.RELAXATION_REASON) as IRule;

/** A Task `build` with these annotations. */
function annotated(annotations: Record<string, any>): any {
  const t = task();
  t.metadata.annotations = annotations;
  return t;
}

/** The finding for annotation `secure-tekton/relax.<rule>` with this line. */
const refused = (rule: string, value: string, problem: string, fix: string, target?: string) => ({
  rule: RuleId.RELAXATION_REASON,
  kind: 'Task',
  name: 'build',
  property: `metadata.annotations["secure-tekton/relax.${rule}"]`,
  value,
  problem,
  fix,
  ...(target !== undefined ? { target } : {}),
});
const TOO_SHORT = 'has a reason of fewer than 10 visible characters';
const NOT_RELAXABLE = 'names a rule that cannot be relaxed';
/** The fix of a line whose rule cannot be relaxed. */
const holdFix = (rule: string) => `Remove the line and make ${rule} hold: it cannot be relaxed.`;
/** The fix of a line whose reason is too short. */
const reasonFix = (rule: string, target: string) =>
  `Say why the rule cannot hold here, in at least 10 visible characters: secure-tekton/relax.${rule}: "${target}: <why>".`;

describe('RELAXATION_REASON', () => {
  describeRule(RELAXATION_REASON, RuleId.RELAXATION_REASON, Severity.MEDIUM, false);

  test('is built by the factory from what the catalogue says may be relaxed', () => {
    const onlyDigest = relaxationReasonRule((id) => id === RuleId.IMAGE_DIGEST);
    expect(onlyDigest.id).toBe(RuleId.RELAXATION_REASON);
    expect(onlyDigest.relaxable).toBe(false);
    const m = annotated({ 'secure-tekton/relax.COMPUTE_RESOURCES': '*: the build sizes itself at run time' });
    expect(onlyDigest.check(m)).toEqual([refused('COMPUTE_RESOURCES', '*: the build sizes itself at run time', NOT_RELAXABLE, holdFix('COMPUTE_RESOURCES'))]);
    expect(RELAXATION_REASON.check(m)).toEqual([]);
  });

  test('applies to objects that carry relaxation annotations, whatever their kind', () => {
    expect(RELAXATION_REASON.appliesTo(annotated({ 'secure-tekton/relax.IMAGE_DIGEST': '*: promoted by tag in dev only' }))).toBe(true);
    expect(RELAXATION_REASON.appliesTo({ kind: 'ConfigMap', metadata: { name: 'x', annotations: { 'secure-tekton/relax.X': 'y' } } })).toBe(true);
    expect(RELAXATION_REASON.appliesTo(task())).toBe(false);
    expect(RELAXATION_REASON.appliesTo(annotated({ 'secure-tekton/seal': 'sha256:0', 'tekton.dev/relax.IMAGE_DIGEST': '*: x' }))).toBe(false);
  });

  test('compliant: a relaxable rule, a reason of at least 10 visible characters, whole object or a target, several lines', () => {
    expect(RELAXATION_REASON.check(annotated({
      'secure-tekton/relax.IMAGE_DIGEST': 'step/compile: the image is promoted by tag in dev only\n*: the whole task runs in a sandbox',
      'secure-tekton/relax.COMPUTE_RESOURCES': 'sidecar/db: sized by the LimitRange of the namespace',
    }))).toEqual([]);
  });

  test('non-compliant: a rule that can never be relaxed', () => {
    expect(RELAXATION_REASON.check(annotated({ 'secure-tekton/relax.NOT_PRIVILEGED': '*: the build needs a privileged daemon' })))
      .toEqual([refused('NOT_PRIVILEGED', '*: the build needs a privileged daemon', NOT_RELAXABLE, holdFix('NOT_PRIVILEGED'))]);
  });

  test.each([RuleId.SCRIPT_INJECTION, RuleId.VAULT_TLS, RuleId.RELAXATION_REASON, RuleId.VALID_DAG, RuleId.VALID_SPEC])('non-compliant: %s cannot be relaxed', (rule) => {
    expect(RELAXATION_REASON.check(annotated({ [`secure-tekton/relax.${rule}`]: 'step/compile: reviewed and accepted by security' })))
      .toEqual([refused(rule, 'step/compile: reviewed and accepted by security', NOT_RELAXABLE, holdFix(rule), 'step/compile')]);
  });

  test('non-compliant: a reason too short, with its target', () => {
    expect(RELAXATION_REASON.check(annotated({ 'secure-tekton/relax.IMAGE_DIGEST': 'step/compile: too short' })))
      .toEqual([refused('IMAGE_DIGEST', 'step/compile: too short', TOO_SHORT, reasonFix('IMAGE_DIGEST', 'step/compile'), 'step/compile')]);
  });

  test.each([
    ['padded with spaces', '*:           ok         '],
    ['padded with zero-width spaces', `*: ok${'\u200b'.repeat(20)}`],
    ['padded with bidi marks and joiners', `*: ok${'\u200e\u200d\u2060'.repeat(5)}`],
    ['padded with Hangul fillers', `*: ok${'\u3164'.repeat(10)}`],
    ['padded with Braille blanks', `*: ok${'\u2800'.repeat(10)}`],
    ['made of combining marks', `*: o${'\u0301'.repeat(20)}k`],
    ['empty', '*: '],
  ])('non-compliant: a reason %s', (_, line) => {
    expect(RELAXATION_REASON.check(annotated({ 'secure-tekton/relax.IMAGE_DIGEST': line })).map((f) => [f.problem, f.value])).toEqual([[TOO_SHORT, line]]);
  });

  test('non-compliant: a rule that does not exist, mis-cased included', () => {
    expect(RELAXATION_REASON.check(annotated({
      'secure-tekton/relax.not_privileged': '*: the build needs a privileged daemon',
      'secure-tekton/relax.IMAGE_DIGESTS': '*: the image is promoted by tag',
    }))).toEqual([
      refused('not_privileged', '*: the build needs a privileged daemon', 'names no rule',
        'Spell the rule as its ID, in capitals: secure-tekton/relax.NOT_PRIVILEGED, or remove the annotation.'),
      refused('IMAGE_DIGESTS', '*: the image is promoted by tag', 'names no rule',
        'Name a rule by its ID, as docs/rules.md lists them (e.g. secure-tekton/relax.IMAGE_DIGEST), or remove the annotation.'),
    ]);
  });

  test('non-compliant: a value that is not a string', () => {
    expect(RELAXATION_REASON.check(annotated({ 'secure-tekton/relax.IMAGE_DIGEST': 42 }))).toEqual([refused('IMAGE_DIGEST', '42', 'is not a string',
      'Write the value as a quoted string, one line per relaxation: secure-tekton/relax.IMAGE_DIGEST: "<target or *>: <why, at least 10 visible characters>".')]);
  });

  test('non-compliant: only the bad line of several', () => {
    expect(RELAXATION_REASON.check(annotated({
      'secure-tekton/relax.IMAGE_DIGEST': 'step/compile: the image is promoted by tag in dev only\r\n*: short',
    }))).toEqual([refused('IMAGE_DIGEST', '*: short', TOO_SHORT, reasonFix('IMAGE_DIGEST', '*'))]);
  });

  test.each([
    ['no target at all', 'sized by the LimitRange of the namespace'],
    ['a target kind that does not exist', 'container/compile: sized by the LimitRange of the namespace'],
    ['a wildcard inside a target', 'step/*: sized by the LimitRange of the namespace'],
    ['no space after the colon', 'step/compile:sized by the LimitRange of the namespace'],
  ])('non-compliant: %s (the line as written is the value)', (_, line) => {
    expect(RELAXATION_REASON.check(annotated({ 'secure-tekton/relax.COMPUTE_RESOURCES': line }))).toEqual([refused(
      'COMPUTE_RESOURCES',
      line,
      'names no target (write "*: <reason>" for the whole object, or "step/<name>: <reason>" …)',
      'Start the line with its target and ": ": secure-tekton/relax.COMPUTE_RESOURCES: "*: <why>" for the whole object, or "step/<name>: <why>" for one step.',
    )]);
  });

  test('non-compliant: no target on a Pipeline or PipelineRun, whose steps are those of its pipeline tasks', () => {
    for (const kind of ['Pipeline', 'PipelineRun']) {
      const line = 'sized by the LimitRange of the namespace';
      const object = { kind, metadata: { name: 'p', annotations: { 'secure-tekton/relax.COMPUTE_RESOURCES': line } } };
      expect(RELAXATION_REASON.check(object).map((f) => f.fix)).toEqual([
        'Start the line with its target and ": ": secure-tekton/relax.COMPUTE_RESOURCES: "*: <why>" for the whole object, '
          + 'or "task/<task>/step/<name>: <why>" for one step of a pipeline task.',
      ]);
    }
  });

  test('non-compliant: findings on any kind of object', () => {
    const role = { kind: 'Role', metadata: { name: 'reader', annotations: { 'secure-tekton/relax.RBAC_NAMESPACED': '*: the operator needs cluster-wide reads' } } };
    expect(RELAXATION_REASON.check(role)).toEqual([{
      rule: RuleId.RELAXATION_REASON,
      kind: 'Role',
      name: 'reader',
      property: 'metadata.annotations["secure-tekton/relax.RBAC_NAMESPACED"]',
      value: '*: the operator needs cluster-wide reads',
      problem: NOT_RELAXABLE,
      fix: 'Remove the line and make RBAC_NAMESPACED hold: it cannot be relaxed.',
    }]);
  });
});

describe('RELAXATION_REASON on fields of another type', () => {
  test('an object whose kind is a map with a toString key: its records are judged, without throwing', () => {
    const m = { apiVersion: 'v1', kind: JSON.parse('{"toString": "x"}'), metadata: { name: 'x', annotations: { 'secure-tekton/relax.IMAGE_DIGEST': 'short' } } };
    expect(RuleCatalogue.find(RuleId.RELAXATION_REASON)!.check(m).map((f) => [f.kind, f.value])).toEqual([['[object Object]', 'short']]);
  });
});
