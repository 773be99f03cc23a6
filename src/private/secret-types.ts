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

/** apimachinery's `IsConfigMapKey` (the keys of a Secret's data too): `-`, `_`, `.` and alphanumerics, not `.`, `..` or `..`-prefixed. */
export function isSecretKey(key: string): boolean {
  return key.length <= 253 && /^[-._a-zA-Z0-9]+$/.test(key) && key !== '.' && !key.startsWith('..');
}
