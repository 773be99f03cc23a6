import { POD_SECURITY_LABEL_PREFIX, POD_SECURITY_MODES, RESTRICTED } from '../../private/pod-security';
import { parsePodSecurityVersion, RESTRICTED_COMPLETE_MINOR, weakensRestricted } from '../../private/pod-security-version';
import { jsString } from '../../private/text';
import { Severity } from '../rule';
import { kindIs, manifestRule, Problem, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

/**
 * Namespaces enforce, audit and warn the Pod Security `restricted` profile.
 *
 * Labels are read as Pod Security Admission reads them (k8s.io/pod-security-admission
 * api/helpers.go `PolicyToEvaluate`, `ParseLevel`, `ParseVersion`):
 *
 * - Levels are case-sensitive: "Restricted" or "restricted " is no level; the API
 *   server refuses to create the Namespace with it (admission.go `ValidateNamespace`),
 *   and an already labelled namespace fails open for audit and warn: a finding.
 * - Without a warn label, warn takes the enforce level (and, without a warn-version,
 *   the enforce version) when enforce is set to a stricter valid level, so
 *   `enforce: restricted` alone warns restricted too. Audit has no such default.
 * - A `<mode>-version` older than v1.23 weakens restricted: runAsUser (v1.23),
 *   capabilities (v1.22) and seccomp (v1.19) are not checked before it. A version
 *   that is not "latest" or "v1.<minor>" makes the API server refuse the Namespace.
 *   Both are findings of the mode. Unset versions take the cluster default ("latest"
 *   unless the admission configuration says otherwise).
 */
export const NAMESPACE_RESTRICTED = manifestRule(
  {
    id: RuleId.NAMESPACE_RESTRICTED,
    severity: Severity.MEDIUM,
    title: 'Namespaces enforce, audit and warn the Pod Security restricted profile',
    rationale: 'Pod Security Admission is the cluster\'s own check on every pod, including pods made outside this library, by an escape hatch or by Tekton itself; '
      + 'without the restricted profile a single privileged or root pod in the namespace is admitted, and without audit and warn nobody hears of it.',
    fix: 'Label the namespace pod-security.kubernetes.io/enforce, audit and warn with "restricted" (HardenedNamespace does), with -version labels "latest" or v1.23 and later, or none.',
    decidesFrom:
      'The `' + POD_SECURITY_LABEL_PREFIX
      + '<mode>` and `<mode>-version` labels of Namespaces, read as Pod Security Admission reads them: enforce, audit and '
      + 'warn must each be exactly `restricted` (warn may be left unset when enforce is `restricted`, which it then takes), '
      + 'and a version label, when present, must be `latest` or `v1.<minor>` with a minor of 23 or more.',
    limits:
      "The cluster's admission configuration (default levels and versions, exempt users, runtime classes and namespaces), "
      + 'and whether Pod Security Admission runs at all, are not seen. Only Namespace objects checked are judged: a '
      + "pipeline's namespace that is not in the app or the audit input is not.",
    howToRelax:
      "`{ rule: RuleId.NAMESPACE_RESTRICTED, reason: '<why>', target: "
      + "RelaxationTarget.podSecurityMode('enforce') }`, one per mode (without a target it covers every mode), "
      + "given to the HardenedNamespace's `relaxations` (a weaker level or a version before v1.23 needs one) or to "
      + '`Relaxations.of(construct).add(...)`. In YAML for the audit: '
      + relaxAnnotation(RuleId.NAMESPACE_RESTRICTED, 'mode/warn: <why>') + '.',
    relaxable: true,
    appliesTo: kindIs('Namespace'),
  },
  (manifest) => {
    if (manifest?.kind !== 'Namespace') return [];
    const raw = manifest.metadata?.labels;
    const labels: Record<string, unknown> = raw && typeof raw === 'object' ? raw : {};
    const label = (key: string) => {
      const value = labels[POD_SECURITY_LABEL_PREFIX + key];
      return value === undefined ? undefined : jsString(value);
    };
    const problems: Problem[] = [];
    for (const mode of POD_SECURITY_MODES) {
      const at = { location: `mode '${mode}'`, target: `mode/${mode}` };
      const value = label(mode);
      // warn defaults to a stricter, valid enforce level
      const inherited = mode === 'warn' && value === undefined && label('enforce') === RESTRICTED;
      if (value !== RESTRICTED && !inherited) {
        problems.push({
          ...at,
          property: `metadata.labels['${POD_SECURITY_LABEL_PREFIX}${mode}']`,
          value,
          problem: value === undefined ? 'is not set (the cluster default applies, usually privileged)' : `is not "${RESTRICTED}"`,
          fix: `Set it to "${RESTRICTED}".`,
        });
      }
      const version = label(`${mode}-version`);
      if (version === undefined) continue;
      const parsed = parsePodSecurityVersion(version);
      if (parsed === undefined || weakensRestricted(parsed)) {
        problems.push({
          ...at,
          property: `metadata.labels['${POD_SECURITY_LABEL_PREFIX}${mode}-version']`,
          value: version,
          problem: parsed === undefined
            ? 'is not "latest" or "v1.<minor>" (the API server refuses the Namespace)'
            : `is older than v1.${RESTRICTED_COMPLETE_MINOR}, whose restricted profile is the first with every restricted check`,
          fix: `Set it to "latest" or "v1.${RESTRICTED_COMPLETE_MINOR}" or later, or remove it.`,
        });
      }
    }
    return problems;
  },
);
