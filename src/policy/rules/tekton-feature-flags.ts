import { HARDENED_FLAG_VALUES, UPSTREAM_FEATURE_FLAGS } from '../../private/tekton-config';
import { Severity } from '../rule';
import { isFeatureFlags, manifestRule, Problem, relaxAnnotation } from '../rule-builders';
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
    decidesFrom:
      'The ConfigMap named `feature-flags` in namespace `tekton-pipelines` (or with no namespace). Eight flags, compared '
      + 'lower-cased, must hold their hardened values: `disable-creds-init` "true", `require-git-ssh-secret-known-hosts` '
      + '"true", `enable-api-fields` "stable" or "beta", `send-cloudevents-for-runs` "true", '
      + '`trusted-resources-verification-no-match-policy` "fail", `results-from` "termination-message", '
      + '`set-security-context` "true" and `set-security-context-read-only-root-filesystem` "true"; an unset flag is a '
      + "finding (the message names Tekton v1.15's release value).",
    limits:
      "Other flags and Tekton's other ConfigMaps (`config-defaults`, `config-spire` ...) are not read, and a feature-flags "
      + 'ConfigMap in another namespace, or one a controller reads under another name (`CONFIG_FEATURE_FLAGS_NAME`), is not '
      + "recognised. Only the listed spellings pass: `1` or `t`, which Go's `strconv.ParseBool` reads as true, are findings, "
      + 'and a mixed-case spelling such as `tRuE`, which it refuses, passes.',
    howToRelax:
      "`{ rule: RuleId.TEKTON_FEATURE_FLAGS, reason: '<why>', target: "
      + 'RelaxationTarget.featureFlag(HardenedFlag.DISABLE_CREDS_INIT) }`, one per flag (without a target it covers every '
      + "flag), given to TektonFeatureFlags' `relaxations` (every weaker prop value needs one) or to "
      + '`Relaxations.of(construct).add(...)`. In YAML for the audit: '
      + relaxAnnotation(RuleId.TEKTON_FEATURE_FLAGS, 'flag/disable-creds-init: <why>') + '.',
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
