/** Prefix of the Pod Security Admission namespace labels. */
export const POD_SECURITY_LABEL_PREFIX = 'pod-security.kubernetes.io/';

/** The Pod Security Admission modes, each set by its own label. */
export const POD_SECURITY_MODES: readonly string[] = ['enforce', 'audit', 'warn'];

/** The only level NAMESPACE_RESTRICTED accepts. */
export const RESTRICTED = 'restricted';
