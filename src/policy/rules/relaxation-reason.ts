import { RELAXATION_ANNOTATION_PREFIX } from '../../private/annotations';
import { AnnotationEntry, IsRelaxable, readRelaxationAnnotations } from '../engine/annotations';
import { IRule, Severity } from '../rule';
import { manifestRule, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

/**
 * Every relaxation recorded in an object's annotations meets the library's
 * rules: it names a rule that may be relaxed, and gives a reason of at least 10
 * visible characters. One that does not is not honoured, and is a finding.
 *
 * Which rules may be relaxed is the catalogue's to say, so the catalogue builds
 * this rule with that knowledge.
 */
export function relaxationReasonRule(isRelaxable: IsRelaxable): IRule {
  return manifestRule(
    {
      id: RuleId.RELAXATION_REASON,
      severity: Severity.MEDIUM,
      title: 'Relaxations name a relaxable rule and give a reason',
      rationale:
        'A relaxation is an exception a reviewer must be able to judge: without a reason, or for a rule that must always hold, it is a silent hole.',
      fix: `Write each line of the annotation as ${RELAXATION_ANNOTATION_PREFIX}<RULE>: "<target or *>: <why, at least 10 visible characters>" `
        + 'for a rule that may be relaxed, or remove it and make the rule hold (in a cdk8s app, a relaxation given in props or to '
        + 'Relaxations.of(...) writes the line).',
      decidesFrom:
        'The ' + relaxAnnotation('<RULE>')
        + ' annotations of any object, line by line: each line must read `<target>: <reason>` with the target `*` or a '
        + 'well-formed target path, the annotation must name a rule of the catalogue that may be relaxed, and the reason must '
        + 'have at least 10 visible characters; a value that is not a string is a finding. Relaxations given in props or to '
        + "`Relaxations.of(...)` are not this rule's: they are checked when given (a relaxable rule, a reason of at least 10 "
        + 'visible characters, a well-formed target if any) and refused there, as is the reason TektonAdmissionPolicies\' '
        + '`pinnedRemoteReferences` loosening must carry (at least 10 visible characters, at most 1024).',
      limits:
        'Whether a reason is true or enough is for a reviewer. Whether a well-formed target names a part the object has, and '
        + 'who wrote the annotation, are not judged here (the seal tells library records from hand edits; it is not a '
        + 'signature).',
      howToRelax:
        'Cannot be relaxed: no prop, `Relaxations.of(...)` or annotation waives it. Fix or remove the annotation line: '
        + relaxAnnotation('<RULE>', '<target or *>: <reason of at least 10 visible characters>')
        + ', one line per relaxation, for relaxable rules only.',
      relaxable: false,
      appliesTo: (m) => readRelaxationAnnotations(m, isRelaxable).length > 0,
    },
    (manifest) => readRelaxationAnnotations(manifest, isRelaxable)
      .filter((e) => e.problem !== undefined)
      .map((e) => ({
        property: `metadata.annotations["${RELAXATION_ANNOTATION_PREFIX}${e.rule}"]`,
        // the line as written: one without a target is not `*: <line>`
        value: e.line,
        problem: e.problem!,
        fix: fixOf(e, isRelaxable, manifest?.kind),
        ...(e.target !== undefined ? { target: e.target } : {}),
      })),
  );
}

/**
 * The fix of a record line that is not honoured, in the annotation's own terms (the
 * object is YAML: the audit, the validation plugin and posture reports of manifests read it),
 * checked in the order its problem was found.
 */
function fixOf(e: AnnotationEntry, isRelaxable: IsRelaxable, kind: unknown): string {
  const key = `${RELAXATION_ANNOTATION_PREFIX}${e.rule}`;
  if (e.problem === 'is not a string') {
    return `Write the value as a quoted string, one line per relaxation: ${key}: "<target or *>: <why, at least 10 visible characters>".`;
  }
  if (!Object.values(RuleId).includes(e.rule as RuleId)) {
    const same = Object.values(RuleId).find((id) => id === e.rule.toUpperCase());
    return same !== undefined
      ? `Spell the rule as its ID, in capitals: ${RELAXATION_ANNOTATION_PREFIX}${same}, or remove the annotation.`
      : 'Name a rule by its ID, as docs/rules.md lists them (e.g. secure-tekton/relax.IMAGE_DIGEST), or remove the annotation.';
  }
  if (!isRelaxable(e.rule as RuleId)) return `Remove the line and make ${e.rule} hold: it cannot be relaxed.`;
  if (e.target === undefined && !e.problem!.startsWith('has a reason')) {
    // a step of a Pipeline or PipelineRun is one of a pipeline task: `step/<name>` there covers nothing
    const step = kind === 'Pipeline' || kind === 'PipelineRun' ? '"task/<task>/step/<name>: <why>" for one step of a pipeline task'
      : '"step/<name>: <why>" for one step';
    return `Start the line with its target and ": ": ${key}: "*: <why>" for the whole object, or ${step}.`;
  }
  return `Say why the rule cannot hold here, in at least 10 visible characters: ${key}: "${e.target ?? '*'}: <why>".`;
}
