import { Severity } from '../rule';
import { containerRule } from '../rule-builders';
import { RuleId } from '../rule-id';

const FIELDS = ['requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory'];

/** Steps and sidecars request and limit CPU and memory. */
export const COMPUTE_RESOURCES = containerRule(
  {
    id: RuleId.COMPUTE_RESOURCES,
    severity: Severity.LOW,
    title: 'Steps and sidecars set CPU and memory requests and limits',
    rationale: 'An unbounded step can starve the node (a crypto-miner or a fork bomb in a dependency); requests keep scheduling honest.',
    fix: 'Set computeResources.requests and .limits for cpu and memory.',
    relaxable: true,
  },
  (view) => {
    const r = view.effective?.computeResources ?? view.effective?.resources ?? {};
    return FIELDS.filter((f) => {
      const [group, key] = f.split('.');
      return r[group]?.[key] === undefined || r[group]?.[key] === '';
    }).map((f) => ({ property: `computeResources.${f}`, problem: 'is not set' }));
  },
);
