import { Severity } from '../rule';
import { kindIs, manifestRule, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

/**
 * VerificationPolicies fail runs whose resources do not verify. An absent (or
 * empty) `spec.mode` passes: the CRD documents `enforce` as the default.
 */
export const VERIFICATION_ENFORCED = manifestRule(
  {
    id: RuleId.VERIFICATION_ENFORCED,
    severity: Severity.HIGH,
    title: 'VerificationPolicies fail runs whose Tasks and Pipelines do not verify (mode enforce)',
    rationale: 'In warn mode a Task or Pipeline whose signature does not verify still runs, with the pipeline\'s credentials, and only a log line records it: a tampered resource executes. An absent mode means enforce (the CRD default).',
    fix: 'Set spec.mode "enforce" (VerificationMode.ENFORCE, the default).',
    decidesFrom:
      "`spec.mode` of VerificationPolicies: absent, empty or exactly `enforce` passes (the CRD's default is enforce); any "
      + 'other value, such as `warn`, is a finding.',
    limits:
      'What a policy covers is not judged here: its resource patterns and keys, and whether any policy matches a given run '
      + "(Tekton's `trusted-resources-verification-no-match-policy` flag, checked by TEKTON_FEATURE_FLAGS, decides what "
      + 'happens then).',
    howToRelax:
      "Findings are about the whole policy: `{ rule: RuleId.VERIFICATION_ENFORCED, reason: '<why>' }` without a target, "
      + "given to the VerificationPolicy's `relaxations` (`mode: VerificationMode.WARN` needs one) or to "
      + '`Relaxations.of(construct).add(...)`. In YAML for the audit: ' + relaxAnnotation(RuleId.VERIFICATION_ENFORCED, '*: <why>')
      + ' on the VerificationPolicy.',
    relaxable: true,
    appliesTo: kindIs('VerificationPolicy'),
  },
  (manifest) => {
    if (manifest?.kind !== 'VerificationPolicy') return [];
    const mode = manifest.spec?.mode;
    if (mode === undefined || mode === '' || mode === 'enforce') return [];
    return [{ property: 'spec.mode', value: String(mode), problem: 'lets resources that fail verification run' }];
  },
);
