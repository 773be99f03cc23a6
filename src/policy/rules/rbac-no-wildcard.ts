import {
  AGGREGATED_RULES_LIMIT, AGGREGATED_RULES_READ, OPENSHIFT_RULES_READ, ALL, apiGroupMatches, EVENT_VALUE_READ, eventMayBe, eventParam, isUrlWildcard,
  grantedVerbs, NAMED_VERBS, PolicyRuleView, rbacRulesOf, resourceMatches,
} from '../../private/rbac';
import { EVENT_REPLACES } from '../../private/substitutions';
import { Severity } from '../rule';
import { Problem, kindIs, manifestRule, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

/**
 * RBAC rules name their objects: every grant that reaches objects it does not name
 * is a finding, read as the API server matches rules (see private/rbac):
 *
 * - `*` in verbs, resources or apiGroups, and a resource `*` followed by
 *   `/<sub>`, which matches that subresource of every resource;
 * - a resource rule without resourceNames: it matches every name; unless its only
 *   verbs cannot take resourceNames (create on a resource itself, whose request
 *   names no object yet and reaches no existing one: what creating the kind allows
 *   is RBAC_NO_ESCALATION's concern; and deletecollection, reported on its own since
 *   it reaches every object of the kind and only delete with names can replace it);
 * - a "" resource name when the rule has a verb other than get, update, patch,
 *   delete, bind, approve, sign or attest: creates, lists and watches without a name
 *   selector and deletecollections carry the name "", so "" lets them reach every
 *   object of the kind (get, update, patch and delete requests always carry a name,
 *   bind the role a binding refers to, approve, sign and attest the signer, so "" with
 *   them only matches nothing);
 * - a signer name ending in `/*` on signers: the certificates API checks
 *   approve, sign and attest against `<domain>/*` too, so it names every signer of
 *   the domain; cert-manager's webhook checks approve on its cert-manager.io signers
 *   (`issuers.cert-manager.io/<namespace>.<name>`, `clusterissuers.cert-manager.io/<name>`)
 *   against `issuers.cert-manager.io/*` and `clusterissuers.cert-manager.io/*` too;
 * - a verb, resource, API group or (in a ClusterRole) nonResourceURL that holds a
 *   TriggerTemplate's `$(tt.params.<name>)` where the event's value, which Tekton Triggers
 *   pastes there when it creates the object, can make it one of these wildcards;
 * - in a ClusterRole, a nonResourceURL `*` or ending in `*` (a prefix). A Role's
 *   nonResourceURLs grant nothing (RoleBindings never match a non-resource request)
 *   and are not reported.
 *
 * create, list, watch and deletecollection with named resourceNames are not
 * findings: a plain create or deletecollection then matches no request, a list or
 * watch only one that selects a named object by `metadata.name`, and a server-side
 * apply creates only a named object. A `*` in resourceNames is a name, not a
 * wildcard. With the objects checked together, an aggregating ClusterRole's rules
 * include those it takes from them (private/rbac `aggregatedRulesOf`).
 *
 * A rule of the `extensions` group alone is judged as any other: Kubernetes serves
 * no resource there since 1.22 (RBAC_NO_ESCALATION reads its former Deployments,
 * DaemonSets, ReplicaSets and Ingresses there as reaching nothing), but the group is
 * not reserved. kube-aggregator admits an APIService of any DNS-subdomain group
 * (`ValidateAPIService`), `v1beta1.extensions` included, and the API server then
 * authorizes the requests it proxies there against these rules; a CustomResourceDefinition
 * cannot claim it (its group needs a dot). What a wildcard there grants is what such
 * a server serves, as in any group no kind is known of yet; the finding says so.
 */
export const RBAC_NO_WILDCARD = manifestRule(
  {
    id: RuleId.RBAC_NO_WILDCARD,
    severity: Severity.HIGH,
    title: 'RBAC rules grant named verbs on named resources, never wildcards',
    rationale: 'A wildcard grants today\'s resources and every one added later; a rule without resourceNames reaches every object of its kind in the namespace, '
      + 'and a "" resource name matches the requests that name no object (create, list, watch, deletecollection), which reach them all.',
    fix: 'Grant each verb on each named resource (resourceNames).',
    decidesFrom:
      "The `rules` of Roles and ClusterRoles, each matched as the API server's RBAC authorizer matches it (`RuleAllows`: "
      + 'exact, case-sensitive comparisons; a rule without apiGroups read as the core group): `*` in verbs, resources or '
      + 'apiGroups, a `*/<subresource>` resource, a resource rule without `resourceNames` (unless its only verbs are ones '
      + 'whose requests name no object, which resourceNames cannot limit: `create` on a resource itself is then no finding, '
      + '`deletecollection` one of its own), a `""` resource name next to a '
      + 'verb other than get, update, patch, delete, bind, approve, sign or attest (whose requests always name an object), a `<domain>/*` name on certificates.k8s.io signers or on cert-manager.io signers (cert-manager checks approve against '
      + '`issuers.cert-manager.io/*` and `clusterissuers.cert-manager.io/*` too), and, in a '
      + 'ClusterRole, a nonResourceURL that is `*` or ends in `*`. A verb, resource, API group or (in a ClusterRole) nonResourceURL '
      + 'that holds a TriggerTemplate\'s `$(tt.params.<name>)` is a finding too where the event\'s value can make it one of these '
      + 'wildcards (Tekton Triggers pastes it into the objects it creates, any text): the whole entry, a resource that starts with '
      + 'the param, a URL that ends with it.' + AGGREGATED_RULES_READ + OPENSHIFT_RULES_READ + ' A rule of the `extensions` group alone is judged as any other, its '
      + 'finding saying why: Kubernetes serves nothing there since 1.22, but kube-aggregator admits an APIService of that group '
      + '(`v1beta1.extensions`: its group need only be a DNS subdomain, where a CustomResourceDefinition\'s needs a dot), and the rule '
      + 'then grants what that server serves.' + EVENT_VALUE_READ,
    limits:
      'Each rule is judged alone: what several rules or Roles grant one subject together is not combined, and bindings and '
      + "subjects are not read. The names in `resourceNames` are taken as given; a Role's nonResourceURLs are not reported, "
      + 'since a RoleBinding never grants them. A server-side apply that creates an object is authorized as a create '
      + 'with its name, so an unnamed create rule lets it choose any new name: that reaches no existing object and is not '
      + 'reported.' + AGGREGATED_RULES_LIMIT,
    howToRelax:
      "Findings are about the whole Role or ClusterRole: `{ rule: RuleId.RBAC_NO_WILDCARD, reason: '<why>' }` without a "
      + "target, given to the LeastPrivilegeServiceAccount's or SecurePipeline's `relaxations` (they cover the Role the "
      + 'construct makes) or to `Relaxations.of(construct).add(...)`. In YAML for the audit: '
      + relaxAnnotation(RuleId.RBAC_NO_WILDCARD, '*: <why>') + ' on the Role.',
    relaxable: true,
    appliesTo: kindIs('Role', 'ClusterRole'),
  },
  (manifest, context) => rbacRulesOf(manifest, context?.manifests).flatMap(({ location, rule }) =>
    wildcards(rule, manifest.kind === 'ClusterRole').map((p) => ({ location, ...extensionsNoted(rule, p) }))),
);

/** The API group Kubernetes has served no resource of since 1.22, which only an aggregated APIService can claim again. */
const EXTENSIONS = 'extensions';

/**
 * A problem of a resource rule whose API groups are only `extensions`, saying why a group that serves nothing is reported: since
 * Kubernetes 1.22 it serves no resource, but kube-aggregator admits an APIService of any DNS-subdomain group (`v1beta1.extensions`
 * among them), while a CustomResourceDefinition's group needs a dot; the rule then grants what that server serves.
 */
function extensionsNoted(rule: PolicyRuleView, p: Problem): Problem {
  if (p.property === 'nonResourceURLs' || rule.apiGroups.length === 0 || !rule.apiGroups.every((g) => g === EXTENSIONS)) return p;
  return {
    ...p,
    problem: `${p.problem} (in the extensions group, which Kubernetes serves nothing of since 1.22 but an aggregated APIService may claim: `
      + 'the rule then grants what that server serves)',
  };
}

/**
 * The entries of verbs, resources, API groups and (in a ClusterRole) nonResourceURLs that hold an event's param and may so become a
 * wildcard: `*`; for a resource, also `*` followed by `/<subresource>` (one that starts with the param); for a URL, any ending in
 * `*` (one that ends with the param).
 */
function eventChosen(rule: PolicyRuleView, clusterWide: boolean): Problem[] {
  const fields: Array<[string, readonly string[]]> = [['verbs', rule.verbs], ['resources', rule.resources], ['apiGroups', rule.apiGroups]];
  if (clusterWide) fields.push(['nonResourceURLs', rule.nonResourceURLs]);
  return fields.flatMap(([property, entries]) => entries.flatMap((entry): Problem[] => {
    const chosen = eventParam(entry);
    if (chosen === undefined) return [];
    const wildcard = eventMayBe(entry, ALL) || (property === 'resources' && entry.startsWith(chosen))
      || (property === 'nonResourceURLs' && entry.endsWith(chosen));
    return wildcard ? [{ property, value: entry, problem: `holds ${chosen}, ${EVENT_REPLACES}: the event chooses it, * included` }] : [];
  }));
}

function wildcards(rule: PolicyRuleView, clusterWide: boolean): Problem[] {
  const problems: Problem[] = eventChosen(rule, clusterWide);
  if (rule.verbs.includes(ALL)) problems.push({ property: 'verbs', value: ALL, problem: 'is a wildcard' });
  for (const r of rule.resources) {
    if (r === ALL) problems.push({ property: 'resources', value: ALL, problem: 'is a wildcard' });
    // `*/*` matches a subresource called `*`, which no request has, and `*/` one called "", which is a request for the
    // resource itself, never matched by a `*/` entry (ResourceMatches): they grant nothing
    else if (r.startsWith('*/') && r !== '*/*' && r !== '*/') problems.push({ property: 'resources', value: r, problem: `is a wildcard: it matches the ${r.slice(2)} subresource of every resource` });
  }
  if (rule.apiGroups.includes(ALL)) {
    problems.push({ property: 'apiGroups', value: ALL, problem: `is a wildcard${rule.apiGroupsDefaulted === undefined ? '' : ` (${rule.apiGroupsDefaulted})`}` });
  }
  if (rule.resources.length > 0) {
    if (rule.resourceNames.length === 0) {
      const nameable = rule.verbs.some((v) => rule.resources.some((r) => !unnameable(v, r)));
      if (nameable) {
        problems.push({ property: 'resourceNames', granted: grantedVerbs(rule.verbs), problem: 'is empty, so the rule reaches every object of its kind' });
      } else if (rule.verbs.includes('deletecollection')) {
        problems.push({
          property: 'verbs',
          value: 'deletecollection',
          problem: 'deletes every object of its kind at once, and resourceNames cannot limit it (its requests name no object)',
          fix: 'Grant delete with resourceNames naming each object instead of deletecollection.',
        });
      }
    } else {
      const unnamed = rule.verbs.filter((v) => !NAMED_VERBS.has(v));
      if (rule.resourceNames.includes('') && unnamed.length > 0) {
        problems.push({
          property: 'resourceNames',
          value: '',
          granted: grantedVerbs(unnamed),
          problem: `matches the requests that name no object: with ${andList(unnamed)} they reach every object of its kind`,
          fix: 'Remove "" from resourceNames and name each object.',
        });
      }
      const onSigners = resourceMatches(rule, 'signers', '');
      const certificates = onSigners && apiGroupMatches(rule, 'certificates.k8s.io');
      if (certificates || (onSigners && apiGroupMatches(rule, CERT_MANAGER))) {
        for (const n of rule.resourceNames.filter((x) => x.endsWith('/*'))) {
          problems.push({
            property: 'resourceNames',
            value: n,
            problem: certificates
              ? `is a wildcard: approve, sign and attest on every signer of ${n.slice(0, -2)} are also checked against it`
              : `is a wildcard: cert-manager checks approve for every issuer of ${n.slice(0, -2)} against it too`,
          });
        }
      }
    }
  }
  if (clusterWide) {
    for (const u of rule.nonResourceURLs.filter(isUrlWildcard)) {
      problems.push({ property: 'nonResourceURLs', value: u, problem: u === ALL ? 'is a wildcard' : `is a wildcard: it matches every path that starts with ${u.slice(0, -1)}` });
    }
  }
  return problems;
}

/**
 * A verb whose requests on this resources entry carry no object name, so that
 * resourceNames cannot limit them (Kubernetes' RBAC documentation): deletecollection
 * always, create on a resource itself (POST to the collection; a create on a
 * subresource such as pods/eviction or serviceaccounts/token names its object).
 */
function unnameable(verb: string, entry: string): boolean {
  return verb === 'deletecollection' || (verb === 'create' && entry !== ALL && !entry.includes('/'));
}

/** The API group of cert-manager's signers, whose approval its webhook checks with RBAC. */
const CERT_MANAGER = 'cert-manager.io';

/** `a`, `a and b`, `a, b and c`. */
function andList(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
