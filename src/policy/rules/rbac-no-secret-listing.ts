import {
  AGGREGATED_RULES_LIMIT, AGGREGATED_RULES_READ, OPENSHIFT_RULES_READ, ALL, apiGroupMatches, EVENT_VALUE_READ, eventMayBe, eventParam, rbacRulesOf,
  resourceMatches, resourceNameMatches,
} from '../../private/rbac';
import { EVENT_REPLACES } from '../../private/substitutions';
import { Severity } from '../rule';
import { kindIs, manifestRule, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

/**
 * No `list`, `watch` or `deletecollection` on secrets: a rule whose verbs (`list`, `watch` or `*`),
 * API groups (`""` or `*`) and resources (`secrets` or `*`) match a list or watch
 * of core Secrets, as the API server matches them (see private/rbac), whatever its
 * resourceNames. With resourceNames the API server allows only lists and watches
 * that select a named Secret by `metadata.name`, which get on that Secret already
 * gives; without them it allows every Secret of the namespace. With the objects
 * checked together, an aggregating ClusterRole's rules include those it takes from
 * them (private/rbac `aggregatedRulesOf`). A verb, resource or API group an event chooses (a
 * TriggerTemplate's `$(tt.params.<name>)`) may be what makes a rule list or watch secrets.
 */
export const RBAC_NO_SECRET_LISTING = manifestRule(
  {
    id: RuleId.RBAC_NO_SECRET_LISTING,
    severity: Severity.HIGH,
    title: 'No list, watch or deletecollection on secrets',
    rationale: 'list and watch read Secrets in bulk and a watch streams every later change: without resourceNames they read every Secret of the namespace, '
      + 'and with them they add nothing that get on the named Secret does not give. deletecollection returns the Secrets it deletes, and with dryRun it '
      + 'deletes none: a read of every Secret.',
    fix: 'Grant get on the named Secret instead.',
    decidesFrom:
      "The `rules` of Roles and ClusterRoles, matched as the API server's `RuleAllows` matches them: a rule whose apiGroups "
      + 'include `""` or `*`, whose resources include `secrets` or `*`, and whose verbs include `list`, `watch` or `*` is a '
      + 'finding, whatever its resourceNames; so is `deletecollection` when the rule has no resourceNames or one of them is '
      + '`""` (a deletecollection names no Secret). A null entry of a list is read as `""`, as the API server decodes it. A verb, '
      + 'resource or API group that holds a TriggerTemplate\'s `$(tt.params.<name>)` (Tekton Triggers pastes the event\'s value into the '
      + 'objects it creates) may be what makes the rule list or watch secrets: a finding where the rest of the rule would then.'
      + AGGREGATED_RULES_READ + OPENSHIFT_RULES_READ + EVENT_VALUE_READ,
    limits:
      "Secrets read other ways are other rules' concern: get on every Secret (no resourceNames) is RBAC_NO_WILDCARD's, a "
      + "pod that mounts any Secret is RBAC_NO_ESCALATION's. Bindings are not read." + AGGREGATED_RULES_LIMIT,
    howToRelax:
      "Findings are about the whole Role or ClusterRole: `{ rule: RuleId.RBAC_NO_SECRET_LISTING, reason: '<why>' }` without "
      + "a target, given to the LeastPrivilegeServiceAccount's or SecurePipeline's `relaxations` (they cover the Role the "
      + 'construct makes) or to `Relaxations.of(construct).add(...)`. In YAML for the audit: '
      + relaxAnnotation(RuleId.RBAC_NO_SECRET_LISTING, '*: <why>') + ' on the Role.',
    relaxable: true,
    appliesTo: kindIs('Role', 'ClusterRole'),
  },
  (manifest, context) => rbacRulesOf(manifest, context?.manifests).flatMap(({ location, rule }) => {
    const onSecrets = apiGroupMatches(rule, '') && resourceMatches(rule, 'secrets', '');
    // a deletecollection carries no name: resourceNames without "" leave it out
    const bulk = (v: string) => v === 'list' || v === 'watch' || v === ALL || (v === 'deletecollection' && resourceNameMatches(rule, ''));
    const verbs = rule.verbs.filter(bulk);
    if (!onSecrets || verbs.length === 0) {
      // a TriggerTemplate's param: the event's value, pasted in when Triggers creates the role, may be what the rest lacks
      const chosen = (entries: readonly string[], ...targets: string[]) => entries.find((e) => targets.some((t) => eventMayBe(e, t)));
      const verb = chosen(rule.verbs, 'list', 'watch', ALL, ...(resourceNameMatches(rule, '') ? ['deletecollection'] : []));
      const resource = chosen(rule.resources, 'secrets', ALL);
      const group = chosen(rule.apiGroups, '', ALL);
      const may = (apiGroupMatches(rule, '') || group !== undefined) && (resourceMatches(rule, 'secrets', '') || resource !== undefined)
        && (verbs.length > 0 || verb !== undefined);
      const [property, value] = verb !== undefined ? ['verbs', verb] : resource !== undefined ? ['resources', resource] : ['apiGroups', group];
      return !may || value === undefined ? [] : [{
        location,
        property,
        value,
        problem: `holds ${eventParam(value)}, ${EVENT_REPLACES}: the event may make the rule list or watch secrets`,
      }];
    }
    const listing = verbs.some((v) => v !== 'deletecollection');
    return [{
      location,
      property: 'verbs',
      value: verbs.join(','),
      problem: listing ? 'lists or watches secrets' : 'deletes secrets by collection, which returns every Secret it deletes (and with dryRun deletes none)',
    }];
  }),
);
