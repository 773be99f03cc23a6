import { asArray } from '../../private/containers';
import { rbacRulesOf } from '../../private/rbac';
import { Severity } from '../rule';
import { kindIs, manifestRule } from '../rule-builders';
import { RuleId } from '../rule-id';

/** No `list` or `watch` on secrets. */
export const RBAC_NO_SECRET_LISTING = manifestRule(
  {
    id: RuleId.RBAC_NO_SECRET_LISTING,
    severity: Severity.HIGH,
    title: 'No list or watch on secrets',
    rationale: 'list and watch return the data of every Secret they match, resourceNames or not: they are read access to all of them.',
    fix: 'Grant get on the named Secret instead.',
    relaxable: true,
    appliesTo: kindIs('Role', 'ClusterRole'),
  },
  (manifest) => rbacRulesOf(manifest).flatMap(({ location, rule }) => {
    const onSecrets = asArray(rule?.resources).some((r) => r === 'secrets' || r === '*') && asArray(rule?.apiGroups).some((g) => g === '' || g === '*');
    const verbs = asArray(rule?.verbs).filter((v) => v === 'list' || v === 'watch' || v === '*');
    return onSecrets && verbs.length > 0 ? [{ location, property: 'verbs', value: verbs.join(','), problem: 'lists or watches secrets' }] : [];
  }),
);
