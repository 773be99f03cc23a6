import { Severity } from '../rule';
import { containerRule } from '../rule-builders';
import { RuleId } from '../rule-id';

/** Steps and sidecars drop every Linux capability and add none back. */
export const DROP_ALL_CAPABILITIES = containerRule(
  {
    id: RuleId.DROP_ALL_CAPABILITIES,
    severity: Severity.MEDIUM,
    title: 'Steps and sidecars drop ALL capabilities and add none',
    rationale: 'Capabilities are slices of root; a build step needs none of them, and each one widens what an exploit can do.',
    fix: 'Set securityContext.capabilities.drop: [ALL] with no add.',
    relaxable: true,
  },
  (view) => {
    const caps = view.effective?.securityContext?.capabilities ?? {};
    const problems = [];
    if (!(Array.isArray(caps.drop) && caps.drop.includes('ALL'))) {
      problems.push({
        property: 'securityContext.capabilities.drop',
        value: caps.drop === undefined ? undefined : JSON.stringify(caps.drop),
        problem: 'does not include ALL',
      });
    }
    if (Array.isArray(caps.add) && caps.add.length > 0) {
      problems.push({ property: 'securityContext.capabilities.add', value: JSON.stringify(caps.add), problem: 'adds capabilities' });
    }
    return problems;
  },
);
