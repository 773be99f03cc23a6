import { POD_SECURITY_LABEL_PREFIX } from './annotations';

export { POD_SECURITY_LABEL_PREFIX };

/** The Pod Security Admission modes, each set by its own label. */
export const POD_SECURITY_MODES: readonly string[] = ['enforce', 'audit', 'warn'];

/** The only level NAMESPACE_RESTRICTED accepts. */
export const RESTRICTED = 'restricted';
