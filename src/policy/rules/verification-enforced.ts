import { Severity } from '../rule';
import { kindIs, manifestRule } from '../rule-builders';
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
