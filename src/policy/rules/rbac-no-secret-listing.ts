import { ALL, apiGroupMatches, rbacRulesOf, resourceMatches } from '../../private/rbac';
import { Severity } from '../rule';
import { kindIs, manifestRule } from '../rule-builders';
import { RuleId } from '../rule-id';

/**
 * No `list` or `watch` on secrets: a rule whose verbs (`list`, `watch` or `*`),
 * API groups (`""` or `*`) and resources (`secrets` or `*`) match a list or watch
 * of core Secrets, as the API server matches them (see private/rbac), whatever its
 * resourceNames. With resourceNames the API server allows only lists and watches
 * that select a named Secret by `metadata.name`, which get on that Secret already
 * gives; without them it allows every Secret of the namespace.
 */
export const RBAC_NO_SECRET_LISTING = manifestRule(
  {
    id: RuleId.RBAC_NO_SECRET_LISTING,
    severity: Severity.HIGH,
    title: 'No list or watch on secrets',
    rationale: 'list and watch read Secrets in bulk and a watch streams every later change: without resourceNames they read every Secret of the namespace, '
      + 'and with them they add nothing that get on the named Secret does not give.',
    fix: 'Grant get on the named Secret instead.',
    relaxable: true,
    appliesTo: kindIs('Role', 'ClusterRole'),
  },
  (manifest) => rbacRulesOf(manifest).flatMap(({ location, rule }) => {
    const onSecrets = apiGroupMatches(rule, '') && resourceMatches(rule, 'secrets', '');
    const verbs = rule.verbs.filter((v) => v === 'list' || v === 'watch' || v === ALL);
    return onSecrets && verbs.length > 0 ? [{ location, property: 'verbs', value: verbs.join(','), problem: 'lists or watches secrets' }] : [];
  }),
);
