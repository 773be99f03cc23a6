import { Severity } from '../rule';
import { containerRule } from '../rule-builders';
import { RuleId } from '../rule-id';

/** Steps and sidecars run under the runtime's default seccomp profile (or a Localhost one). */
export const SECCOMP_RUNTIME_DEFAULT = containerRule(
  {
    id: RuleId.SECCOMP_RUNTIME_DEFAULT,
    severity: Severity.MEDIUM,
    title: 'Steps and sidecars use the RuntimeDefault or a Localhost seccomp profile',
    rationale: 'Seccomp blocks the rarely used system calls most kernel exploits need; Kubernetes runs containers Unconfined unless told otherwise.',
    fix: 'Set securityContext.seccompProfile.type: RuntimeDefault.',
    relaxable: true,
  },
  (view) => {
    const type = view.effective?.securityContext?.seccompProfile?.type;
    return type === 'RuntimeDefault' || type === 'Localhost'
      ? []
      : [{ property: 'securityContext.seccompProfile.type', value: type, problem: 'is not RuntimeDefault' }];
  },
);
