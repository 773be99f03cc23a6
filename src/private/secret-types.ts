/**
 * What the API server requires of the data of a Secret of each built-in type
 * (ValidateSecret, k8s pkg/apis/core/validation).
 */

/** The keys a Secret of each type must hold: one of each inner list. */
export const REQUIRED_SECRET_KEYS: Readonly<Record<string, ReadonlyArray<readonly string[]>>> = {
  'kubernetes.io/dockercfg': [['.dockercfg']],
  'kubernetes.io/dockerconfigjson': [['.dockerconfigjson']],
  'kubernetes.io/basic-auth': [['username', 'password']],
  'kubernetes.io/ssh-auth': [['ssh-privatekey']],
  'kubernetes.io/tls': [['tls.crt'], ['tls.key']],
};

/**
 * The type of Secret that Kubernetes' token controller fills with a token of the ServiceAccount its
 * `kubernetes.io/service-account.name` annotation names (pkg/controller/serviceaccount
 * `generateTokenIfNeeded`): a legacy token, with no expiry, valid for as long as the Secret and the
 * ServiceAccount exist. The API server refuses such a Secret without that annotation.
 */
export const SERVICE_ACCOUNT_TOKEN_TYPE = 'kubernetes.io/service-account-token';

/** The annotation that names the ServiceAccount of a service-account-token Secret. */
export const SERVICE_ACCOUNT_NAME_ANNOTATION = 'kubernetes.io/service-account.name';

/** apimachinery's `IsConfigMapKey` (the keys of a Secret's data too): `-`, `_`, `.` and alphanumerics, not `.`, `..` or `..`-prefixed. */
export function isSecretKey(key: string): boolean {
  return key.length <= 253 && /^[-._a-zA-Z0-9]+$/.test(key) && key !== '.' && !key.startsWith('..');
}
