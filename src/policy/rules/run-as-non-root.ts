import { Severity } from '../rule';
import { containerRule, securityField } from '../rule-builders';
import { RuleId } from '../rule-id';

/** Steps and sidecars run as a non-root user with a non-zero UID. */
export const RUN_AS_NON_ROOT = containerRule(
  {
    id: RuleId.RUN_AS_NON_ROOT,
    severity: Severity.HIGH,
    title: 'Steps and sidecars run as a non-root user with a non-zero UID',
    rationale:
      'Root in a container is root on the node as soon as any other isolation fails; the Pod Security "restricted" profile requires runAsNonRoot.',
    fix: 'Set securityContext.runAsNonRoot: true and a non-zero runAsUser (the library writes 65532).',
    relaxable: true,
  },
  (view) => {
    const sc = view.effective?.securityContext ?? {};
    const problems = [];
    if (sc.runAsNonRoot !== true) {
      problems.push({ ...securityField(view, 'runAsNonRoot'), problem: 'is not true' });
    }
    if (!(typeof sc.runAsUser === 'number' && sc.runAsUser > 0)) {
      problems.push({ ...securityField(view, 'runAsUser'), problem: 'is not a non-zero UID' });
    }
    return problems;
  },
);
