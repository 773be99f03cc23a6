import { POD_SECURITY_LABEL_PREFIX, POD_SECURITY_MODES, RESTRICTED } from '../../private/pod-security';
import { Severity } from '../rule';
import { kindIs, manifestRule } from '../rule-builders';
import { RuleId } from '../rule-id';

/** Namespaces enforce, audit and warn the Pod Security `restricted` profile. */
export const NAMESPACE_RESTRICTED = manifestRule(
  {
    id: RuleId.NAMESPACE_RESTRICTED,
    severity: Severity.MEDIUM,
    title: 'Namespaces enforce, audit and warn the Pod Security restricted profile',
    rationale: 'Pod Security Admission is the cluster\'s own check on every pod, including pods made outside this library, by an escape hatch or by Tekton itself; '
      + 'without the restricted profile a single privileged or root pod in the namespace is admitted, and without audit and warn nobody hears of it.',
    fix: 'Label the namespace pod-security.kubernetes.io/enforce, audit and warn with "restricted" (HardenedNamespace does).',
    relaxable: true,
    appliesTo: kindIs('Namespace'),
  },
  (manifest) => {
    if (manifest?.kind !== 'Namespace') return [];
    const labels = manifest.metadata?.labels ?? {};
    return POD_SECURITY_MODES
      .filter((mode) => labels[POD_SECURITY_LABEL_PREFIX + mode] !== RESTRICTED)
      .map((mode) => {
        const value = labels[POD_SECURITY_LABEL_PREFIX + mode];
        return {
          location: `mode '${mode}'`,
          target: `mode/${mode}`,
          property: `metadata.labels['${POD_SECURITY_LABEL_PREFIX}${mode}']`,
          value: value === undefined ? undefined : String(value),
          problem: value === undefined ? 'is not set (the cluster default applies, usually privileged)' : `is not "${RESTRICTED}"`,
          fix: `Set it to "${RESTRICTED}".`,
        };
      });
  },
);
