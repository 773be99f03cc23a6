import { Severity } from '../rule';
import { containerRule, securityField } from '../rule-builders';
import { RuleId } from '../rule-id';

/** Steps and sidecars cannot gain privileges (setuid binaries, file capabilities). */
export const NO_PRIVILEGE_ESCALATION = containerRule(
  {
    id: RuleId.NO_PRIVILEGE_ESCALATION,
    severity: Severity.HIGH,
    title: 'Steps and sidecars set allowPrivilegeEscalation: false',
    rationale: 'Without it a process can gain more privileges than its parent through setuid binaries or file capabilities.',
    fix: 'Set securityContext.allowPrivilegeEscalation: false.',
    relaxable: true,
  },
  (view) =>
    view.effective?.securityContext?.allowPrivilegeEscalation === false
      ? []
      : [{ ...securityField(view, 'allowPrivilegeEscalation'), problem: 'is not false' }],
);
