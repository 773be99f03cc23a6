import { asArray } from '../../private/containers';
import { rbacRulesOf } from '../../private/rbac';
import { Severity } from '../rule';
import { kindIs, manifestRule } from '../rule-builders';
import { RuleId } from '../rule-id';

/** RBAC rules name their resources: no wildcards, `resourceNames` always set. */
export const RBAC_NO_WILDCARD = manifestRule(
  {
    id: RuleId.RBAC_NO_WILDCARD,
    severity: Severity.HIGH,
    title: 'RBAC rules grant named verbs on named resources, never wildcards',
    rationale: 'A wildcard grants today\'s resources and every one added later; a rule without resourceNames reaches every object of its kind in the namespace.',
    fix: 'Grant each verb on each named resource (resourceNames).',
    relaxable: true,
    appliesTo: kindIs('Role', 'ClusterRole'),
  },
  (manifest) => rbacRulesOf(manifest).flatMap(({ location, rule }) => {
    const problems = [];
    for (const field of ['verbs', 'resources', 'apiGroups', 'resourceNames', 'nonResourceURLs']) {
      if (asArray(rule?.[field]).includes('*')) problems.push({ location, property: field, value: '*', problem: 'is a wildcard' });
    }
    if (asArray(rule?.resourceNames).length === 0) {
      problems.push({ location, property: 'resourceNames', problem: 'is empty, so the rule reaches every object of its kind' });
    }
    return problems;
  }),
);
