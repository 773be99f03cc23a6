import { HARDENED_FLAG_VALUES, UPSTREAM_FEATURE_FLAGS } from '../../private/tekton-config';
import { Severity } from '../rule';
import { isFeatureFlags, manifestRule, Problem } from '../rule-builders';
import { RuleId } from '../rule-id';

/** `"a"` or `one of "a", "b"`, for messages. */
function describeValues(values: readonly string[]): string {
  const quoted = values.map((v) => JSON.stringify(v));
  return quoted.length === 1 ? quoted[0] : `one of ${quoted.join(', ')}`;
}

/** Tekton's `feature-flags` ConfigMap carries the hardened value of every security-relevant flag. */
export const TEKTON_FEATURE_FLAGS = manifestRule(
  {
    id: RuleId.TEKTON_FEATURE_FLAGS,
    severity: Severity.HIGH,
    title: 'Tekton\'s feature-flags ConfigMap sets every security-relevant flag to its hardened value',
    rationale: 'These flags apply to every run in the cluster, and several of Tekton\'s defaults are weak: creds-init copies the ServiceAccount\'s credentials into every step, '
      + 'SSH Git secrets work without known_hosts, runs that no VerificationPolicy matches skip verification, and the containers Tekton injects run without a '
      + 'restricted securityContext. Alpha API fields and sidecar-log results (which need the controller to read every pod log) widen what a run can do.',
    fix: 'Write each flag with its hardened value (TektonFeatureFlags does).',
    relaxable: true,
    appliesTo: isFeatureFlags,
  },
  (manifest) => {
    const data = manifest.data ?? {};
    const problems: Problem[] = [];
    for (const [flag, accepted] of Object.entries(HARDENED_FLAG_VALUES)) {
      const value = data[flag];
      if (value !== undefined && accepted.includes(String(value).toLowerCase())) continue;
      problems.push({
        location: `flag '${flag}'`,
        target: `flag/${flag}`,
        property: `data.${flag}`,
        value: value === undefined ? undefined : String(value),
        problem: value === undefined
          ? `is not set (Tekton then uses ${JSON.stringify(UPSTREAM_FEATURE_FLAGS[flag])})`
          : `is not ${describeValues(accepted)}`,
        fix: `Set it to ${describeValues(accepted)}.`,
      });
    }
    return problems;
  },
);
