import { Severity } from '../rule';
import { containerRule, securityField } from '../rule-builders';
import { RuleId } from '../rule-id';

/** No step or sidecar is privileged. */
export const NOT_PRIVILEGED = containerRule(
  {
    id: RuleId.NOT_PRIVILEGED,
    severity: Severity.HIGH,
    title: 'No step or sidecar is privileged',
    rationale: 'A privileged container has every device and capability of the node: it is the node.',
    fix: 'Remove securityContext.privileged; this rule cannot be relaxed (build images with a daemonless builder instead).',
    relaxable: false,
  },
  (view) =>
    view.effective?.securityContext?.privileged === true
      ? [{ ...securityField(view, 'privileged'), problem: 'is true' }]
      : [],
);
