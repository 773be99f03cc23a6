/**
 * The `pod-security.kubernetes.io/<mode>-version` labels as Pod Security
 * Admission reads them (k8s.io/pod-security-admission api/helpers.go
 * `ParseVersion`): "latest" or `^v1\.([0-9]|[1-9][0-9]*)$` with the minor in
 * int range; anything else is an error (the API server refuses the Namespace,
 * admission/admission.go `ValidateNamespace`, and evaluates "latest" meanwhile).
 */

/**
 * The first version whose restricted profile holds every restricted control:
 * allowPrivilegeEscalation (checked since v1.8), seccompProfile_restricted
 * (v1.19), capabilities_restricted (v1.22) and runAsUser (v1.23), with
 * runAsNonRoot and restrictedVolumes since v1.0 (pod-security-admission
 * policy/check_*.go, `MinimumVersion`). Later versions add checks at the edges
 * (hostProbesAndHostLifecycle v1.34, procMount_restricted v1.35) and relax some
 * for Windows pods (v1.25) and user-namespaced pods (v1.35).
 */
export const RESTRICTED_COMPLETE_MINOR = 23;

/** A parsed version label: `latest`, or the minor version of `v1.<minor>`. */
export type PodSecurityVersionLabel = { readonly latest: true } | { readonly latest: false; readonly minor: number };

/** `value` as `ParseVersion` reads it, or undefined where it returns an error. */
export function parsePodSecurityVersion(value: string): PodSecurityVersionLabel | undefined {
  if (value === 'latest') return { latest: true };
  const match = /^v1\.([0-9]|[1-9][0-9]*)$/.exec(value);
  if (!match) return undefined;
  // strconv.Atoi: an error beyond int64
  const minor = BigInt(match[1]);
  if (minor > (2n ** 63n) - 1n) return undefined;
  return { latest: false, minor: Number(minor) };
}

/** Whether a version label weakens the restricted profile (a version before v1.23). */
export function weakensRestricted(version: PodSecurityVersionLabel): boolean {
  return !version.latest && version.minor < RESTRICTED_COMPLETE_MINOR;
}
