/**
 * RBAC PolicyRules read as the Kubernetes API server reads them.
 *
 * Matching is that of the RBAC authorizer: `RuleAllows` in
 * k8s.io/kubernetes plugin/pkg/auth/authorizer/rbac/rbac.go, with `VerbMatches`,
 * `APIGroupMatches`, `ResourceMatches`, `ResourceNameMatches` and
 * `NonResourceURLMatches` of pkg/apis/rbac/v1/evaluation_helpers.go. Every
 * comparison is exact and case-sensitive (`Secrets` or `secret` match no request:
 * harmless, so no rule reports them). `*` is a wildcard only as a whole verb, API
 * group or resource; a resource `*` also matches every subresource, and `*`
 * followed by `/<sub>` matches subresource `<sub>` of every resource (`pods/` followed
 * by `*` is no wildcard: it matches nothing). resourceNames have no wildcard: `*` names an object called `*`, and an
 * empty list matches every name.
 *
 * What a request carries is set by `RequestInfoFactory.NewRequestInfo` in
 * k8s.io/apiserver/pkg/endpoints/request/requestinfo.go: the name is the path
 * segment after the resource, so a create (POST to the collection), a list or
 * watch without a `metadata.name` field selector and a deletecollection carry the
 * name "" and match a rule with resourceNames only when one of them is "". A list
 * or watch that selects `metadata.name=<n>` carries `<n>`; a server-side apply
 * (and a PUT that creates) is authorized as `create` with the object's name
 * (handlers/patch.go, handlers/update.go). A GET or DELETE without a name is a
 * list or deletecollection, so get, update, patch and delete requests always
 * carry a name (a PUT or PATCH to a collection is refused after authorization).
 */
import { asArray } from './containers';
import { matchesLabels, objectLabels, readLabelSelector } from './label-selectors';
import { isDns1123Label, isDns1123Subdomain } from './names';
import { anyValuePattern } from './substitutions';
import { jsString } from './text';

/** The wildcard of verbs, API groups, resources and nonResourceURLs. */
export const ALL = '*';

/**
 * Verbs whose requests always name an object: a rule's "" resource name never matches them.
 * bind names the role a binding refers to, and approve, sign and attest name the signer
 * (escalation_check.go, plugin/pkg/admission/certificates): both are required fields.
 */
export const NAMED_VERBS: ReadonlySet<string> = new Set(['get', 'update', 'patch', 'delete', 'bind', 'approve', 'sign', 'attest']);

/** One PolicyRule with only its string entries (a null entry read as "", as Go decodes it), as the authorizer compares them. */
export interface PolicyRuleView {
  readonly verbs: readonly string[];
  /**
   * API groups; a rule without any is read as the core group `""`. The API server
   * refuses such a rule in rbac.authorization.k8s.io/v1, so reading it as `""`
   * only ever reports more than the server would grant.
   */
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly resourceNames: readonly string[];
  readonly nonResourceURLs: readonly string[];
  /** Why `apiGroups` is read as `*` though the rule has none (OpenShift's old allow-all rule, `grantedRules`). */
  readonly apiGroupsDefaulted?: string;
}

function strings(x: unknown): string[] {
  // Go decodes a null entry of a list of strings as "" (in apiGroups the core group, in
  // resourceNames the name of a list or create); an entry of another type is refused
  return asArray(x).flatMap((s) => (typeof s === 'string' ? [s] : s === null ? [''] : []));
}

/** `rule` read as a PolicyRule. */
export function policyRule(rule: any): PolicyRuleView {
  const apiGroups = strings(rule?.apiGroups);
  return {
    verbs: strings(rule?.verbs),
    apiGroups: apiGroups.length > 0 ? apiGroups : [''],
    resources: strings(rule?.resources),
    resourceNames: strings(rule?.resourceNames),
    nonResourceURLs: strings(rule?.nonResourceURLs),
  };
}

/**
 * The API group of OpenShift's own RBAC kinds (openshift/api authorization/v1: Role, ClusterRole,
 * RoleBinding, ClusterRoleBinding), which openshift-apiserver serves as the RBAC objects they convert
 * to (openshift-apiserver pkg/authorization/apis/authorization/rbacconversion): the RBAC rules read
 * its objects as those.
 */
export const OPENSHIFT_AUTHORIZATION_GROUP = 'authorization.openshift.io';

/** Whether `manifest` is of OpenShift's `authorization.openshift.io` group (its apiVersion `authorization.openshift.io/<version>`). */
export function isOpenShiftAuthorization(manifest: any): boolean {
  return typeof manifest?.apiVersion === 'string' && manifest.apiVersion.startsWith(`${OPENSHIFT_AUTHORIZATION_GROUP}/`);
}

/** Why OpenShift's old allow-all rule has apiGroups `*`. */
const OLD_ALLOW_ALL = 'authorization.openshift.io reads a rule without apiGroups whose verbs and resources are * alone as apiGroups *';

/**
 * The rules of a Role or ClusterRole as the API server grants them, each with its index. In
 * authorization.openshift.io a rule with `attributeRestrictions` (anything but null) grants nothing:
 * the conversion to RBAC drops it (rbacconversion `Convert_api_PolicyRules_To_rbac_PolicyRules`), and
 * a rule without `apiGroups` whose verbs and resources are `*` alone is the old allow-all rule, read as
 * apiGroups `*` (openshift-apiserver authorization/v1 `SetDefaults_PolicyRule`; one without `apiGroups`
 * otherwise is of the core group, as `policyRule` reads it).
 */
function grantedRules(role: any): Array<{ index: number; rule: PolicyRuleView }> {
  const openshift = isOpenShiftAuthorization(role);
  return asArray(role?.rules).flatMap((rule, index) => {
    if (openshift && rule?.attributeRestrictions !== undefined && rule?.attributeRestrictions !== null) return [];
    const read = policyRule(rule);
    const allowAll = openshift && (rule?.apiGroups === undefined || rule?.apiGroups === null)
      && read.verbs.length === 1 && read.verbs[0] === ALL && read.resources.length === 1 && read.resources[0] === ALL
      && read.resourceNames.length === 0 && read.nonResourceURLs.length === 0;
    return [{ index, rule: allowAll ? { ...read, apiGroups: [ALL], apiGroupsDefaulted: OLD_ALLOW_ALL } : read }];
  });
}

/**
 * The kind of role a binding's `roleRef` names, as the API server reads it: its `kind` in
 * rbac.authorization.k8s.io; in authorization.openshift.io, whose roleRef is an ObjectReference
 * whose kind is not read, `ClusterRole` when `roleRef.namespace` is empty (or not set) and `Role`
 * otherwise (rbacconversion `getRBACRoleRefKind`).
 */
export function roleRefKind(binding: any): unknown {
  if (!isOpenShiftAuthorization(binding)) return binding?.roleRef?.kind;
  const namespace = binding?.roleRef?.namespace;
  return namespace === undefined || namespace === null || namespace === '' ? 'ClusterRole' : 'Role';
}

/** The kinds of subject authorization.openshift.io writes for RBAC's User and Group (rbacconversion). */
const OPENSHIFT_SUBJECT_KINDS: ReadonlyMap<unknown, string> = new Map([['SystemUser', 'User'], ['SystemGroup', 'Group']]);

/** One subject of a binding, as the RBAC authorizer reads it, with the field that names it and its text as written. */
export interface BindingSubject {
  /** `subjects[<i>]`, or in authorization.openshift.io `userNames[<i>]` / `groupNames[<i>]`. */
  readonly property: string;
  /** The subject, of kind `User`, `Group` or `ServiceAccount` as RBAC reads it (an entry that is no object as written). */
  readonly subject: any;
  /** The entry as written for a message: `<kind> <name>` of a subject, the name of a userNames or groupNames entry. */
  readonly value: string;
}

/**
 * The ServiceAccount a user name `system:serviceaccount:<namespace>:<name>` is, as openshift-apiserver's `SplitUsername`
 * (pkg/authorization/apis/authorization/util.go) reads it: exactly two parts after the prefix, the namespace a DNS-1123 label
 * (`ValidateNamespaceName`), the name a DNS-1123 subdomain (`ValidateServiceAccountName`); undefined for any other name. The
 * RBAC authorizer gives a User subject of that name to that ServiceAccount alone (`appliesToUser` compares the user name, which
 * the ServiceAccount authenticator makes so).
 */
export function serviceAccountOfUserName(name: unknown): { namespace: string; name: string } | undefined {
  const prefix = 'system:serviceaccount:';
  if (typeof name !== 'string' || !name.startsWith(prefix)) return undefined;
  const parts = name.slice(prefix.length).split(':');
  if (parts.length !== 2 || !isDns1123Label(parts[0]) || !isDns1123Subdomain(parts[1])) return undefined;
  return { namespace: parts[0], name: parts[1] };
}

/**
 * The subjects of a RoleBinding or ClusterRoleBinding as the API server binds them: its `subjects`. In
 * authorization.openshift.io, when `userNames` or `groupNames` is set (not null, an empty list included),
 * they are the subjects and `subjects` is ignored (openshift-apiserver authorization/v1
 * `Convert_v1_RoleBinding_To_authorization_RoleBinding`, `BuildSubjects`: a user name
 * `system:serviceaccount:<ns>:<name>` that `SplitUsername` reads is a ServiceAccount subject of that namespace and name,
 * `serviceAccountOfUserName`, which the binding stores; any other a User), and
 * the kinds `SystemUser` and `SystemGroup` of its subjects are RBAC's `User` and `Group`
 * (rbacconversion `convert_api_Subjects_To_rbac_Subjects`).
 */
export function bindingSubjects(binding: any): BindingSubject[] {
  const written = (subject: any, i: number): BindingSubject => ({
    property: `subjects[${i}]`, subject, value: `${jsString(subject?.kind)} ${jsString(subject?.name)}`,
  });
  if (!isOpenShiftAuthorization(binding)) return asArray(binding?.subjects).map(written);
  const named = (field: 'userNames' | 'groupNames', kind: string): BindingSubject[] =>
    asArray(binding[field]).map((name, i) => {
      const account = kind === 'User' ? serviceAccountOfUserName(name) : undefined;
      const subject = account === undefined ? { kind, name } : { kind: 'ServiceAccount', namespace: account.namespace, name: account.name };
      return { property: `${field}[${i}]`, subject, value: jsString(name) };
    });
  const set = (field: string) => binding?.[field] !== undefined && binding?.[field] !== null;
  if (set('userNames') || set('groupNames')) return [...named('userNames', 'User'), ...named('groupNames', 'Group')];
  return asArray(binding?.subjects).map((subject, i) => {
    const read = written(subject, i);
    const kind = subject !== null && typeof subject === 'object' ? OPENSHIFT_SUBJECT_KINDS.get(subject.kind) : undefined;
    return kind === undefined ? read : { ...read, subject: { ...subject, kind } };
  });
}

/** What the binding rules' decidesFrom says of OpenShift's bindings (`bindingSubjects`). */
export const BINDING_SUBJECTS_READ = ' A binding of OpenShift\'s `authorization.openshift.io` group is read as openshift-apiserver converts it to RBAC: '
  + 'when its `userNames` or `groupNames` is set (an empty list included) they are its subjects, each reported at its entry '
  + '(`userNames[<i>]` a User, `system:serviceaccount:<namespace>:<name>` a ServiceAccount subject of that namespace and name, as '
  + 'openshift-apiserver stores it, when the namespace is a DNS-1123 label and the name a DNS-1123 subdomain; `groupNames[<i>]` a Group), and '
  + '`subjects` is ignored; otherwise its `subjects`, a `SystemUser` or `SystemGroup` read as a User or Group.';

/** What the role rules' decidesFrom says of OpenShift's roles (`grantedRules`). */
export const OPENSHIFT_RULES_READ = ' A Role or ClusterRole of OpenShift\'s `authorization.openshift.io` group is read as openshift-apiserver '
  + 'converts it to RBAC: a rule with `attributeRestrictions` (not null) grants nothing, and one without `apiGroups` whose verbs and '
  + 'resources are `*` alone is read with apiGroups `*`.';

/**
 * The `rules` of a Role or ClusterRole, each read as a PolicyRule, with a location for each;
 * with the objects checked together (`manifests`), a ClusterRole with an `aggregationRule` also
 * has the rules the aggregation controller gives it (`aggregatedRulesOf`), each located at the
 * ClusterRole it comes from (`aggregated from ClusterRole 'b' rules[0]`).
 */
export function rbacRulesOf(manifest: any, manifests?: readonly any[]): Array<{ location: string; rule: PolicyRuleView }> {
  if (manifest?.kind !== 'Role' && manifest?.kind !== 'ClusterRole') return [];
  const own = grantedRules(manifest).map(({ index, rule }) => ({ location: `rules[${index}]`, rule }));
  return manifests === undefined ? own : [...own, ...aggregatedRulesOf(manifest, manifests)];
}

/** What the RBAC rules' decidesFrom says of aggregation (`aggregatedRulesOf`). */
export const AGGREGATED_RULES_READ = ' With the objects checked together, a ClusterRole with an `aggregationRule` is also judged on the rules '
  + 'the aggregation controller copies into it: those of every other ClusterRole checked with it that one of its clusterRoleSelectors '
  + 'matches as `LabelSelectorAsSelector` reads it, a null value being `""` (or may match: a selector or labels the API server would refuse), and what a matched aggregating one aggregates, each '
  + "reported at `aggregated from ClusterRole '<name>' rules[<i>]` (followed by what is refused, in parentheses, when only such a selector "
  + "or such labels may match; the audit places it at the aggregating role's `aggregationRule`): "
  + 'change that rule of the ClusterRole named, or its labels so that no selector matches them.';

/** What the RBAC rules' limits say of aggregation. */
export const AGGREGATED_RULES_LIMIT = ' An aggregating ClusterRole checked alone is judged on its own rules, and the rules it takes from '
  + 'ClusterRoles not checked with it (those already in the cluster) are not seen.';

const isAggregating = (m: any): boolean => m?.kind === 'ClusterRole' && m.aggregationRule !== undefined && m.aggregationRule !== null;
const clusterRoleName = (m: any): unknown => m?.metadata?.name;

/**
 * Whether an aggregationRule's selector may match a ClusterRole's labels (label-selectors.ts,
 * as the controller's `LabelSelectorAsSelector` matches them). A selector the API server refuses
 * (ValidateClusterRole validates each with ValidateLabelSelector) or labels that are not a map of
 * label values (a null value is "") may match: for the RBAC rules a match counts against the input (more rules
 * granted), so what is not read is taken as matching.
 */
function aggregationMayMatch(selector: unknown, labels: unknown, at: string): 'yes' | 'no' | { readonly maybe: string } {
  const read = readLabelSelector(selector, at);
  if (read.kind !== 'selector') return { maybe: `a selector the API server refuses may match it: ${read.kind === 'refused' ? read.why.replace(/^its /, '') : at}` };
  const have = objectLabels(labels);
  if (have === undefined) return { maybe: 'its labels are not all label values, which a selector may match' };
  return matchesLabels(read.selector, have) ? 'yes' : 'no';
}

/**
 * The rules the ClusterRole aggregation controller (k8s.io/kubernetes
 * pkg/controller/clusterroleaggregation) writes into a ClusterRole with an `aggregationRule`,
 * from the ClusterRoles checked with it: the rules of every other ClusterRole (by name) that one
 * of its `clusterRoleSelectors` matches, as apimachinery's `LabelSelectorAsSelector` reads it
 * (`{}` matches every one). A selector the API server would refuse, or labels that are not a map
 * of label values, may match: their rules are taken too. A matched ClusterRole that aggregates
 * gives the rules it aggregates (the controller copies its current rules, which it fills in
 * turn). The controller replaces the role's own `rules` with these; `rbacRulesOf` keeps both
 * (the role holds its own until the controller runs). ClusterRoles in the cluster but not
 * checked here are not seen.
 */
export function aggregatedRulesOf(manifest: any, manifests: readonly any[]): Array<{ location: string; rule: PolicyRuleView }> {
  const out: Array<{ location: string; rule: PolicyRuleView }> = [];
  const visited = new Set<unknown>([clusterRoleName(manifest)]);
  // inherited: why the aggregating role itself may only be matched, which holds for all it gives
  const visit = (aggregating: any, inherited?: string) => {
    const selectors = asArray(aggregating.aggregationRule?.clusterRoleSelectors);
    const of = aggregating === manifest ? '' : `ClusterRole '${jsString(clusterRoleName(aggregating))}' `;
    for (const role of manifests) {
      if (role === aggregating || role?.kind !== 'ClusterRole' || visited.has(clusterRoleName(role))) continue;
      const matches = selectors.map((sel, i) => aggregationMayMatch(sel, role.metadata?.labels, `${of}aggregationRule.clusterRoleSelectors[${i}]`));
      if (matches.every((m) => m === 'no')) continue;
      // matched only by what is not read: the location says why it may be
      const maybe = matches.includes('yes') ? undefined : matches.find((m): m is { maybe: string } => typeof m === 'object');
      visited.add(clusterRoleName(role));
      const name = typeof clusterRoleName(role) === 'string' ? clusterRoleName(role) as string : '';
      const note = inherited ?? maybe?.maybe;
      const why = note === undefined ? '' : ` (${note})`;
      grantedRules(role).forEach(({ index, rule }) => out.push({ location: `aggregated from ClusterRole '${name}' rules[${index}]${why}`, rule }));
      if (isAggregating(role)) visit(role, note);
    }
  };
  if (isAggregating(manifest)) visit(manifest);
  return out;
}

/**
 * The first `$(tt.params.<name>)` of an RBAC object's field: Tekton Triggers pastes the event's value there when it creates
 * the objects of a TriggerTemplate (their resource templates, which the audit reads as objects), so the event chooses it;
 * undefined for a text without one (a Role written as it is keeps such a text as written, and nothing matches it). Triggers
 * replaces that dotted form alone (pkg/template `applyParamToResourceTemplate` writes `$(tt.params.%s)`, and its webhook checks
 * only that form against the template's params): `$(tt.params["name"])` stays as written.
 */
export function eventParam(text: unknown): string | undefined {
  return typeof text === 'string' ? /\$\(tt\.params\.[^)$]*\)/.exec(text)?.[0] : undefined;
}

const EVENT_PARAM = /\$\(tt\.params\.[^)$]*\)/g;

/**
 * Whether a text that holds an event's param (`eventParam`) may become `target` once Tekton Triggers pastes the event's values in:
 * the text around the params as written, each param any text (an empty one included). That is what Tekton Triggers pastes
 * (pkg/template event.go, jsonpath.go, resource.go): an event's string is pasted into the template's JSON escaped as a JSON string
 * without its quotes (`"`, backslashes and control characters, newlines among them, escaped), so the field decodes to the event's text exactly,
 * any text, each `$(` in it written `$$(` (`escapeTektonVariables`); under the `triggers.tekton.dev/old-escape-quotes` annotation
 * each `"` is escaped once more, so a `"` the event sends ends the string and the object is no JSON (not created), and its other
 * texts still decode exactly. A value the sender sends as a number, true, false or null is pasted as that word; one sent as an object
 * or array as its JSON text, quotes and all (TRIGGERS_ESCAPED_PARAMS): its strings' quotes end and reopen the template's string, so the
 * entries it adds are runs of JSON punctuation, digits and those words (never `*`, `""` or a name), and the fields after it move
 * (the API server stores a resource template with its keys sorted, so in a PolicyRule or a subject the fields moved leave the rule
 * without `apiGroups` or the subject without `kind`, which the API server refuses).
 */
export function eventMayBe(text: unknown, target: string): boolean {
  if (eventParam(text) === undefined) return false;
  const params = [...(text as string).matchAll(EVENT_PARAM)].map((m) => ({ index: m.index, text: m[0] }));
  return anyValuePattern(text as string, params).test(target);
}

/** What the RBAC rules' decidesFrom says of an event's value (`eventMayBe`). */
export const EVENT_VALUE_READ = ' A TriggerTemplate\'s param is read as Tekton Triggers pastes it: the dotted `$(tt.params.<name>)` alone (a '
  + '`$(tt.params["<name>"])` stays as written); an event\'s string is pasted escaped as JSON, so the field holds its text exactly, any '
  + 'text, `"` and newlines included (each `$(` written `$$(`); a value the sender sends as an object or array is pasted as JSON text, '
  + 'quotes and all (TRIGGERS_ESCAPED_PARAMS), which adds entries of JSON punctuation, digits, true, false and null only, never `*` or a '
  + 'name, and moves the fields after it, which, the API server storing the template with its keys sorted, leaves a rule without '
  + '`apiGroups`, or a subject or roleRef without `kind` or `name`, which it refuses.';

/** A text with each event's param written as `…`, for messages. */
export function eventShape(text: string): string {
  return text.replace(EVENT_PARAM, '…');
}


/**
 * A finding's `granted`: the verbs with which a rule reaches what the finding is about, each once and sorted, so that
 * the rule's order of them is no part of the finding's identity and a verb added to them is (a widened grant).
 */
export function grantedVerbs(verbs: readonly string[]): string {
  return [...new Set(verbs)].sort().join(', ');
}

/** `VerbMatches`. */
export function verbMatches(rule: PolicyRuleView, verb: string): boolean {
  return rule.verbs.some((v) => v === ALL || v === verb);
}

/** `APIGroupMatches`. */
export function apiGroupMatches(rule: PolicyRuleView, group: string): boolean {
  return rule.apiGroups.some((g) => g === ALL || g === group);
}

/** `ResourceMatches` for one entry of `resources`: `subresource` is "" for the resource itself. */
export function resourceEntryMatches(entry: string, resource: string, subresource: string): boolean {
  if (entry === ALL) return true;
  if (entry === (subresource === '' ? resource : `${resource}/${subresource}`)) return true;
  return subresource !== '' && entry === `*/${subresource}`;
}

/** `ResourceMatches`. */
export function resourceMatches(rule: PolicyRuleView, resource: string, subresource: string): boolean {
  return rule.resources.some((r) => resourceEntryMatches(r, resource, subresource));
}

/**
 * Whether a request with `verb` for the object `name` can match the rule's resourceNames: a
 * verb that always names its object carries `name`; a list, watch or create carries it only
 * when it selects (or applies) that object by name, and "" otherwise; a deletecollection
 * always carries "". `*` stands for any of them.
 */
export function namesReach(rule: PolicyRuleView, verb: string, name: string): boolean {
  if (rule.resourceNames.length === 0) return true;
  if (verb !== 'deletecollection' && rule.resourceNames.includes(name)) return true;
  return (verb === ALL || !NAMED_VERBS.has(verb)) && rule.resourceNames.includes('');
}

/** `ResourceNameMatches`. */
export function resourceNameMatches(rule: PolicyRuleView, name: string): boolean {
  return rule.resourceNames.length === 0 || rule.resourceNames.includes(name);
}

/** A nonResourceURLs entry that matches more than one path (`*`, or a prefix ending in `*`). */
export function isUrlWildcard(url: string): boolean {
  return url.endsWith('*');
}

/** A resources entry split into resource and subresource (`pods/exec` -> `pods`, `exec`; `pods` -> `pods`, ""). */
export function splitResource(entry: string): { resource: string; subresource: string } {
  const slash = entry.indexOf('/');
  return slash < 0 ? { resource: entry, subresource: '' } : { resource: entry.slice(0, slash), subresource: entry.slice(slash + 1) };
}
