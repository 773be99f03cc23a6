/**
 * The RBAC rules of the catalogue (RBAC_NO_SECRET_LISTING, RBAC_NO_WILDCARD, RBAC_NO_ESCALATION)
 * against Kubernetes' own matching of PolicyRules (conformance/cmd/rbac-eval:
 * k8s.io/component-helpers/auth/rbac/validation v0.35.7, asked as the RBAC authorizer's RuleAllows asks).
 *
 * Each rule is asked a fixed set of requests (every class below, with fresh names, groups,
 * resources and verbs) and the requests made of its own entries (its groups, resources, verbs and
 * names, each also replaced by a fresh one: what it grants beyond what it names, RBAC_NO_WILDCARD's).
 * Each rule's forbidden requests are written here from what the rule documents (its decidesFrom):
 * for every rule of a Role or ClusterRole, when Kubernetes says the rule grants a request of a
 * catalogue rule's forbidden class, that catalogue rule must report a finding at the rule's
 * location (`rules[i]`): a rule looser than Kubernetes is a bug. Where a catalogue rule reports a
 * rule that grants none of its forbidden requests (stricter than Kubernetes), the cases are
 * counted and printed, not failed: the rules may be stricter, by design (escalation verbs are
 * reported on any resource, resourceNames never make an escalation safe …).
 *
 * Roles: hand-written adversarial ones, then generated ones (fast-check, seed printed;
 * PROPERTY_SEED and PROPERTY_RUNS choose others): `*` in verbs, apiGroups and resources,
 * `*`/sub and resource/`*`, resourceNames absent, empty, "" or null, nonResourceURLs with a `*`
 * suffix, upper case and whitespace variants, empty strings, duplicate and split rules, Roles in
 * several namespaces and ClusterRoles. Only rules the API server admits are generated (verbs
 * present; a resource rule with apiGroups and resources; nonResourceURLs only in a ClusterRole,
 * alone): what it refuses grants nothing.
 *
 * What the oracle cannot see, an aggregating ClusterRole (`rules: []`, an aggregationRule), is
 * generated with the ClusterRoles checked with it: its rules are those of the ones its selectors
 * match, as the aggregation controller copies them, each asked of the oracle and expected
 * reported at `aggregated from ClusterRole '<name>' rules[<i>]`.
 */
import * as fc from 'fast-check';
import { Finding } from '../../src';
import { ruleContext } from '../../src/policy/engine/context';
import { RBAC_NAMESPACED } from '../../src/policy/rules/rbac-namespaced';
import { RBAC_NO_ESCALATION } from '../../src/policy/rules/rbac-no-escalation';
import { RBAC_NO_SECRET_LISTING } from '../../src/policy/rules/rbac-no-secret-listing';
import { RBAC_NO_WILDCARD } from '../../src/policy/rules/rbac-no-wildcard';
import { PLATFORM_CONFIG_MAPS, PLATFORM_NAMESPACES, PLATFORM_SECRETS } from '../../src/private/tekton-config';
import { describeWithRbacEval, RbacRequest, RbacResourceRequest, rbacEval } from '../helpers/rbac-eval';

/** A name no generated rule lists: an object the role does not name. */
const FRESH = 'zz-fresh';
/** An API group, resource and verb no generated rule lists: what a cluster may serve later. */
const FRESH_GROUP = 'zz-fresh.example.com';
const FRESH_RESOURCE = 'zzfreshes';
const FRESH_VERB = 'zzfreshverb';

/**
 * The names of the objects requests name (with FRESH): RBAC_NO_ESCALATION reads no other name
 * (the platform's objects and OpenShift's SecurityContextConstraints are asked by their own names).
 */
const NAMES = ['a', '*', 'A'];
/** The names generated rules list. */
const RULE_NAMES = [...NAMES, ' a', 'signing-secrets', 'config-defaults', 'aws-auth', 'privileged', 'restricted', 'restricted-v2', 'example.com/*'];

const WRITE = ['create', 'update', 'patch'];
const WRITE_DELETE = [...WRITE, 'delete', 'deletecollection'];
/** The verbs a request for a subresource has ("" is OPTIONS). */
const SUBRESOURCE_VERBS = ['get', 'create', 'update', 'patch', 'delete', ''];

/** Where a role may grant: a ClusterRole anywhere, a Role without a namespace where it is applied. */
interface RoleScope {
  readonly kind: 'Role' | 'ClusterRole';
  readonly namespace?: string;
}

/** Whether a forbidden class applies to a request a role of `scope` grants. */
const applies = (c: ForbiddenClass, scope: RoleScope, request: RbacRequest): boolean => c.where?.(scope, request as RbacResourceRequest) ?? true;

const mayGrantIn = (scope: RoleScope, namespaces: readonly string[]): boolean =>
  scope.kind === 'ClusterRole' || scope.namespace === undefined || namespaces.includes(scope.namespace);

/** A class of forbidden resource requests. */
interface ForbiddenClass {
  readonly label: string;
  readonly groups: readonly string[];
  readonly resources: readonly string[];
  /** Subresources ("" for the resource itself). */
  readonly subs: readonly string[];
  readonly verbs: readonly string[];
  /** The names of the objects it is about (default: every name); "" is added for the verbs that name no object. */
  readonly names?: readonly string[];
  /** Names whose requests are harmless. */
  readonly harmless?: readonly string[];
  /** Where a role must grant for the class to apply (for the request, which some classes reach in one namespace alone). */
  readonly where?: (scope: RoleScope, request: RbacResourceRequest) => boolean;
}

const cls = (label: string, groups: string | readonly string[], resources: readonly string[], verbs: readonly string[], subs: readonly string[] = [''], more: Partial<ForbiddenClass> = {}): ForbiddenClass =>
  ({ label, groups: typeof groups === 'string' ? [groups] : groups, resources, verbs, subs, ...more });

/** Any API group a subresource may be served in. */
const ANY_GROUPS = ['', 'apps', FRESH_GROUP];
const ANY_RESOURCES = ['pods', 'nodes', 'services', 'serviceaccounts', 'deployments', FRESH_RESOURCE];

/** The verbs the core group's own escalation subresources serve (a core rule's other verbs on them reach nothing). */
const CORE_SERVED: Record<string, readonly string[]> = {
  'pods/exec': ['get', 'create'],
  'pods/attach': ['get', 'create'],
  'pods/portforward': ['get', 'create'],
  'pods/ephemeralcontainers': ['update', 'patch'],
  'serviceaccounts/token': ['create'],
};

/** RBAC_NO_ESCALATION's forbidden requests, from its decidesFrom. */
const ESCALATION: readonly ForbiddenClass[] = [
  // exec, attach, portforward, proxy, ephemeralcontainers and token of any resource, with the verbs a request for a
  // subresource has; in the core group only the methods its own serve
  ...['exec', 'attach', 'portforward', 'proxy', 'ephemeralcontainers', 'token'].flatMap((sub) => [
    cls(`${sub} of any resource`, ANY_GROUPS.filter((g) => g !== ''), ANY_RESOURCES, SUBRESOURCE_VERBS, [sub]),
    cls(`${sub} of core resources`, '', ANY_RESOURCES.filter((r) => CORE_SERVED[`${r}/${sub}`] === undefined), SUBRESOURCE_VERBS, [sub]),
  ]),
  ...Object.entries(CORE_SERVED).map(([entry, verbs]) => cls(`core ${entry}`, '', [entry.split('/')[0]], verbs, [entry.split('/')[1]])),
  cls('the proxy verb', '', ['pods', 'services', 'nodes'], ['proxy']),
  cls('workloads', '', ['pods', 'replicationcontrollers'], WRITE),
  cls('apps workloads', 'apps', ['deployments', 'replicasets', 'statefulsets', 'daemonsets', 'controllerrevisions'], WRITE),
  // the extensions group: Kubernetes serves nothing of it since 1.22, so a write there makes no pod and routes nothing
  cls('batch workloads', 'batch', ['jobs', 'cronjobs'], WRITE),
  cls('Tekton runs and definitions', 'tekton.dev', ['taskruns', 'pipelineruns', 'customruns', 'tasks', 'pipelines', 'stepactions', 'verificationpolicies'], WRITE),
  cls('VerificationPolicy deletes', 'tekton.dev', ['verificationpolicies'], ['delete', 'deletecollection']),
  cls('run status', 'tekton.dev', ['taskruns', 'pipelineruns', 'customruns'], ['update', 'patch'], ['status']),
  cls('resolution requests', 'resolution.tekton.dev', ['resolutionrequests'], WRITE, ['', 'status']),
  cls('Triggers', 'triggers.tekton.dev', ['eventlisteners', 'triggers', 'triggertemplates', 'triggerbindings', 'clustertriggerbindings', 'interceptors', 'clusterinterceptors'], WRITE),
  cls('Argo', 'argoproj.io', ['workflows', 'cronworkflows', 'workflowtemplates', 'clusterworkflowtemplates', 'rollouts', 'sensors', 'eventsources', 'applications', 'applicationsets'], WRITE),
  cls('Knative serving', 'serving.knative.dev', ['services', 'configurations', 'domainmappings'], WRITE),
  cls('KEDA', 'keda.sh', ['scaledjobs'], WRITE),
  cls('Shipwright', 'shipwright.io', ['buildruns', 'builds', 'buildstrategies', 'clusterbuildstrategies'], WRITE),
  cls('kfp-tekton PipelineLoops', 'custom.tekton.dev', ['pipelineloops'], WRITE),
  cls('OpenShift DeploymentConfigs', 'apps.openshift.io', ['deploymentconfigs'], WRITE),
  cls('Vault Secrets Operator', 'secrets.hashicorp.com', ['vaultconnections', 'vaultauths', 'vaultauthglobals', 'vaultstaticsecrets', 'vaultdynamicsecrets', 'vaultpkisecrets', 'hcpauths', 'hcpvaultsecretsapps'], WRITE),
  cls('Pipelines-as-Code', 'pipelinesascode.tekton.dev', ['repositories'], WRITE),
  cls('Secrets', '', ['secrets'], WRITE),
  cls('ServiceAccounts', '', ['serviceaccounts'], ['update', 'patch']),
  cls('NetworkPolicies', 'networking.k8s.io', ['networkpolicies'], WRITE_DELETE),
  cls('AdminNetworkPolicies', 'policy.networking.k8s.io', ['adminnetworkpolicies', 'baselineadminnetworkpolicies', 'clusternetworkpolicies'], WRITE_DELETE),
  cls('Cilium', 'cilium.io', ['ciliumnetworkpolicies', 'ciliumclusterwidenetworkpolicies', 'ciliumcidrgroups'], WRITE_DELETE),
  cls('Calico', ['crd.projectcalico.org', 'projectcalico.org'], ['networkpolicies', 'globalnetworkpolicies', 'globalnetworksets', 'networksets', 'tiers'], WRITE_DELETE),
  cls('SecretProviderClasses', 'secrets-store.csi.x-k8s.io', ['secretproviderclasses'], WRITE),
  cls('External Secrets', 'external-secrets.io', ['secretstores', 'clustersecretstores', 'externalsecrets', 'clusterexternalsecrets', 'pushsecrets', 'clusterpushsecrets'], WRITE),
  cls('External Secrets generators', 'generators.external-secrets.io', ['clustergenerators', 'passwords', 'vaultdynamicsecrets', 'webhooks', 'githubaccesstokens'], WRITE),
  cls('Flux', ['kustomize.toolkit.fluxcd.io', 'helm.toolkit.fluxcd.io'], ['kustomizations', 'helmreleases'], WRITE),
  cls('Flux sources', 'source.toolkit.fluxcd.io', ['gitrepositories', 'ocirepositories', 'helmrepositories', 'helmcharts', 'buckets'], WRITE),
  cls('Flux image automation', 'image.toolkit.fluxcd.io', ['imagerepositories', 'imagepolicies', 'imageupdateautomations'], WRITE),
  cls('Tekton operator', 'operator.tekton.dev', ['tektonconfigs', 'tektonpipelines', 'tektoninstallersets', 'tektonchains'], WRITE),
  cls('Service routing', '', ['services', 'endpoints'], WRITE),
  cls('EndpointSlices', 'discovery.k8s.io', ['endpointslices'], WRITE),
  cls('Ingresses', 'networking.k8s.io', ['ingresses'], WRITE),
  cls('Gateway API', 'gateway.networking.k8s.io', ['httproutes', 'grpcroutes', 'tlsroutes', 'tcproutes', 'udproutes', 'gateways', 'referencegrants'], WRITE),
  cls('Knative networking', 'networking.internal.knative.dev', ['clusterdomainclaims', 'ingresses', 'certificates'], WRITE),
  cls('cert-manager', 'cert-manager.io', ['issuers', 'clusterissuers', 'certificates'], WRITE),
  cls('cert-manager requests', 'cert-manager.io', ['certificaterequests'], ['create']),
  cls('Service and pod status', '', ['services', 'pods'], ['update', 'patch'], ['status']),
  cls('RBAC', 'rbac.authorization.k8s.io', ['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings'], WRITE_DELETE),
  cls('admission', 'admissionregistration.k8s.io', ['validatingwebhookconfigurations', 'mutatingwebhookconfigurations', 'validatingadmissionpolicies',
    'validatingadmissionpolicybindings', 'mutatingadmissionpolicies', 'mutatingadmissionpolicybindings'], WRITE_DELETE),
  cls('Kyverno', 'kyverno.io', ['policies', 'clusterpolicies', 'policyexceptions', 'cleanuppolicies', 'clustercleanuppolicies'], WRITE_DELETE),
  cls('Kyverno policies', 'policies.kyverno.io', ['validatingpolicies', 'mutatingpolicies', 'namespacedvalidatingpolicies', 'policyexceptions'], WRITE_DELETE),
  cls('Gatekeeper templates', 'templates.gatekeeper.sh', ['constrainttemplates'], WRITE_DELETE),
  cls('Gatekeeper constraints', 'constraints.gatekeeper.sh', ['k8srequiredlabels', FRESH_RESOURCE], WRITE_DELETE),
  cls('Gatekeeper config', 'config.gatekeeper.sh', ['configs'], WRITE_DELETE),
  cls('Gatekeeper mutations', 'mutations.gatekeeper.sh', ['assign', 'assignmetadata', 'modifyset', 'assignimage'], WRITE_DELETE),
  cls('Gatekeeper expansion', 'expansion.gatekeeper.sh', ['expansiontemplates'], WRITE_DELETE),
  cls('Sigstore', 'policy.sigstore.dev', ['clusterimagepolicies', 'trustroots'], WRITE_DELETE),
  cls('APIServices', 'apiregistration.k8s.io', ['apiservices'], WRITE),
  cls('CRDs', 'apiextensions.k8s.io', ['customresourcedefinitions'], WRITE_DELETE),
  cls('PersistentVolumes', '', ['persistentvolumes'], WRITE),
  cls('VolumeSnapshotContents', 'snapshot.storage.k8s.io', ['volumesnapshotcontents'], WRITE),
  cls('nodes', '', ['nodes'], WRITE_DELETE, ['', 'status']),
  // a request about a namespace is in that namespace (requestinfo.go): a RoleBinding grants a Role's rules on its own alone
  cls('namespaces', '', ['namespaces'], ['update', 'patch'], ['', 'status', 'finalize'], {
    names: [FRESH, ...NAMES, 'team', 'kube-system'],
    where: (s, r) => s.kind === 'ClusterRole' || s.namespace === undefined || r.name === s.namespace,
  }),
  cls('SCCs', 'security.openshift.io', ['securitycontextconstraints'], ['use'], [''], {
    names: [FRESH, ...NAMES, 'privileged', 'anyuid', 'restricted', 'restricted-v2'], harmless: ['restricted', 'restricted-v2'],
  }),
  cls('SCC writes', 'security.openshift.io', ['securitycontextconstraints'], WRITE_DELETE, [''], { names: [FRESH, ...NAMES, 'privileged', 'restricted', 'restricted-v2'] }),
  cls('CSR approval', 'certificates.k8s.io', ['certificatesigningrequests'], ['update', 'patch'], ['approval']),
  cls('node client CSRs', 'certificates.k8s.io', ['certificatesigningrequests'], ['create'], ['nodeclient']),
  cls('signers', 'certificates.k8s.io', ['signers'], ['approve', 'sign', 'attest']),
  cls('cert-manager signers', 'cert-manager.io', ['signers'], ['approve']),
  cls('bind and escalate', 'rbac.authorization.k8s.io', ['roles', 'clusterroles'], ['bind', 'escalate']),
  cls('impersonation', '', ['users', 'groups', 'serviceaccounts'], ['impersonate']),
  cls('impersonation (authentication.k8s.io)', 'authentication.k8s.io', ['users', 'groups', 'serviceaccounts', 'nodes', 'uids'], ['impersonate']),
  cls('impersonation of user extras', 'authentication.k8s.io', ['userextras'], ['impersonate'], ['', 'scopes']),
  cls('OpenShift users', 'user.openshift.io', ['groups', 'users', 'identities', 'useridentitymappings'], WRITE),
  cls('OpenShift tokens', 'oauth.openshift.io', ['oauthaccesstokens', 'oauthauthorizetokens'], WRITE),
  // where the role may grant in a platform namespace: its Secrets with any verb, its ConfigMaps with writes
  cls('platform Secrets', '', ['secrets'], ['get', 'list', 'watch', ...WRITE_DELETE], [''], { names: PLATFORM_SECRETS, where: (s) => mayGrantIn(s, PLATFORM_NAMESPACES) }),
  cls('platform ConfigMaps', '', ['configmaps'], WRITE_DELETE, [''], { names: PLATFORM_CONFIG_MAPS, where: (s) => mayGrantIn(s, PLATFORM_NAMESPACES) }),
  cls('kube-system ConfigMaps', '', ['configmaps'], WRITE, [''], { names: ['aws-auth', 'coredns', 'extension-apiserver-authentication'], where: (s) => mayGrantIn(s, ['kube-system']) }),
];

/** RBAC_NO_SECRET_LISTING's forbidden requests: a list or watch of Secrets (any selected name), a deletecollection. */
const SECRET_LISTING: readonly ForbiddenClass[] = [
  cls('secret listing', '', ['secrets'], ['list', 'watch', 'deletecollection']),
];

/** Verbs whose requests may carry no name (""): a create on the collection, a list or watch without a name selector, a deletecollection. */
const MAY_BE_UNNAMED = new Set(['list', 'watch', 'create', 'deletecollection']);
/** Verbs whose requests carry no name, ever. */
const NEVER_NAMED = new Set(['deletecollection']);

/** A probe: a request, and the catalogue rules whose forbidden class holds it (given the role's scope). */
interface Probe {
  readonly request: RbacRequest;
  /** The forbidden classes it is in, by catalogue rule. */
  readonly escalation?: ForbiddenClass;
  readonly secretListing?: boolean;
  /** Whether it reaches an object, a kind, a verb or a path the rule does not name (RBAC_NO_WILDCARD). */
  readonly wildcard: boolean;
}

/** The names of requests of `verb` for a resource (or a subresource: always named). */
function requestNames(verb: string, sub: string, names: readonly string[]): string[] {
  const named = NEVER_NAMED.has(verb) ? [] : names;
  return sub === '' && MAY_BE_UNNAMED.has(verb) ? ['', ...named] : [...named];
}

/**
 * Whether a resource request reaches what a rule granting it does not name: an object (a name
 * the generator never lists), every object (a list, watch or deletecollection without a name),
 * or a group, resource or verb the cluster may serve later. A create on a resource itself is no
 * wildcard (RBAC_NO_WILDCARD's documented limit: it reaches no existing object).
 */
function isWildcardRequest(r: RbacResourceRequest): boolean {
  if (r.verb === 'create' && r.subresource === '') return r.apiGroup === FRESH_GROUP || r.resource === FRESH_RESOURCE;
  if (r.apiGroup === FRESH_GROUP || r.resource === FRESH_RESOURCE || r.verb === FRESH_VERB) return true;
  return r.name === FRESH || (r.name === '' && ['list', 'watch', 'deletecollection'].includes(r.verb));
}

function resourceProbes(): Probe[] {
  const probes = new Map<string, Probe>();
  const add = (request: RbacResourceRequest, more: Partial<Probe>) => {
    const key = JSON.stringify(request);
    const old = probes.get(key);
    probes.set(key, {
      request,
      wildcard: isWildcardRequest(request),
      ...old,
      ...Object.fromEntries(Object.entries(more).filter(([, v]) => v !== undefined)),
    });
  };
  const expand = (c: ForbiddenClass, tag: (r: RbacResourceRequest) => Partial<Probe>) => {
    for (const apiGroup of c.groups) {
      for (const resource of c.resources) {
        for (const subresource of c.subs) {
          for (const verb of c.verbs) {
            for (const name of requestNames(verb, subresource, c.names ?? [FRESH, ...NAMES])) {
              const request = { verb, apiGroup, resource, subresource, name };
              add(request, (c.harmless ?? []).includes(name) ? {} : tag(request));
            }
          }
        }
      }
    }
  };
  for (const c of ESCALATION) expand(c, () => ({ escalation: c }));
  for (const c of SECRET_LISTING) expand(c, () => ({ secretListing: true }));
  // what only RBAC_NO_WILDCARD forbids: reads and writes of any kind, with verbs and kinds not named
  expand(cls('other requests', ['', 'apps', FRESH_GROUP], ['configmaps', 'pods', 'secrets', FRESH_RESOURCE],
    ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'use', 'approve', FRESH_VERB], ['', 'status', 'log'],
    { names: [FRESH, ...RULE_NAMES] }), () => ({}));
  return [...probes.values()];
}

/** The nonResourceURLs generated rules list. */
const URLS = ['/metrics', '/healthz', '/api*', '/apis/*', '*', '/logs/**', ' *', '* ', '/METRICS', ''];

/** Paths a ClusterRole's rule grants beyond those it lists: `<prefix>zz-fresh` for each listed prefix. */
function urlProbes(): Probe[] {
  const paths = new Set(['/zz-fresh', ...URLS, ...URLS.map((u) => `${u.replace(/\*+$/, '')}zz-fresh`)]);
  return [...paths].flatMap((nonResourceURL) => ['get', 'post'].map((verb): Probe => ({ request: { verb, nonResourceURL }, wildcard: !URLS.includes(nonResourceURL) })));
}

/**
 * The requests made of a rule's own entries, for RBAC_NO_WILDCARD: each of its API groups, resources (a `*` as a
 * fresh resource of that subresource), verbs and names, with a fresh group, resource, verb and name, and "" for the
 * verbs whose requests may name no object. Whether each reaches what the rule does not name is `isWildcardRequest`.
 */
function ownProbes(rule: any): Probe[] {
  const str = (xs: unknown): string[] => (Array.isArray(xs) ? xs.map((x) => (x === null ? '' : String(x))) : []);
  if (rule.nonResourceURLs !== undefined) return [];
  const groups = [...new Set([...str(rule.apiGroups).filter((g) => g !== '*'), FRESH_GROUP])];
  const targets = new Map<string, { resource: string; subresource: string }>();
  for (const entry of [...str(rule.resources), FRESH_RESOURCE]) {
    const slash = entry.indexOf('/');
    const resource = slash < 0 ? entry : entry.slice(0, slash);
    const subresource = slash < 0 ? '' : entry.slice(slash + 1);
    // a subresource `*` is no request's
    if (subresource === '*') continue;
    const t = { resource: resource === '*' ? FRESH_RESOURCE : resource, subresource };
    targets.set(JSON.stringify(t), t);
  }
  const verbs = [...new Set([...str(rule.verbs).filter((v) => v !== '*'), FRESH_VERB, 'get', 'list'])];
  const names = [...new Set([...str(rule.resourceNames).filter((n) => n !== ''), FRESH])];
  return [...targets.values()].flatMap(({ resource, subresource }) => groups.flatMap((apiGroup) => verbs.flatMap((verb) =>
    requestNames(verb, subresource, names).map((name): Probe => {
      const request = { verb, apiGroup, resource, subresource, name };
      return { request, wildcard: isWildcardRequest(request) };
    }))));
}

/** The probes asked of every rule. */
let PROBES: Probe[];

interface Role {
  readonly scope: RoleScope;
  /** The rules the role grants: its own, or (an aggregating ClusterRole) those the aggregation controller copies into it. */
  readonly rules: readonly any[];
  /**
   * An aggregating ClusterRole with `rules: []`: its aggregationRule, and the ClusterRoles checked with it, each with its
   * labels and rules; `rules` are then the rules of those its selectors match, in order (as the controller copies them).
   */
  readonly aggregation?: { readonly selectors: readonly any[]; readonly sources: readonly Source[] };
}

/** A ClusterRole checked with an aggregating one. */
interface Source {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly rules: readonly any[];
}

function manifestOf(role: Role): any {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: role.scope.kind,
    metadata: { name: 'r', ...(role.scope.namespace === undefined ? {} : { namespace: role.scope.namespace }) },
    ...(role.aggregation === undefined
      ? { rules: role.rules }
      : { rules: [], aggregationRule: { clusterRoleSelectors: role.aggregation.selectors } }),
  };
}

/** The objects the role is checked with (the ClusterRoles an aggregating one takes rules from). */
function checkedWith(role: Role): any[] {
  return (role.aggregation?.sources ?? []).map((src) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: src.name, labels: src.labels }, rules: src.rules,
  }));
}

/** Where a finding on the role's i-th rule is: `rules[i]`, or the source ClusterRole's rule it was copied from. */
function locationOf(role: Role, i: number): string {
  if (role.aggregation === undefined) return `rules[${i}]`;
  for (const src of role.aggregation.sources) {
    if (!matchesLabels(role.aggregation.selectors, src.labels)) continue;
    if (i < src.rules.length) return `aggregated from ClusterRole '${src.name}' rules[${i}]`;
    i -= src.rules.length;
  }
  throw new Error('no such rule');
}

/** Whether one of the selectors (matchLabels only) matches the labels, as LabelSelectorAsSelector reads them. */
function matchesLabels(selectors: readonly any[], labels: Record<string, string>): boolean {
  return selectors.some((sel) => Object.entries(sel.matchLabels ?? {}).every(([k, v]) => labels[k] === v));
}

/** A request a rule of the role grants and the catalogue rule does not report there. */
interface Miss {
  readonly rule: string;
  readonly role: Role;
  readonly location: string;
  /** The rule at the location. */
  readonly policyRule: any;
  readonly request: RbacRequest;
  readonly why: string;
}

interface Tally {
  rules: number;
  misses: Miss[];
  /** Findings on rules that grant none of the catalogue rule's forbidden requests, by catalogue rule. */
  stricter: Record<string, Array<{ rule: any; finding: Finding }>>;
}

/** Judges each role with the catalogue rules and each of its rules with the oracle, and compares. */
function compare(roles: readonly Role[]): Tally {
  const ruleOf = (role: Role, i: number) => role.rules[i];
  const requests = PROBES.map((p) => p.request);
  // each rule is asked the shared probes, then the requests made of its own entries (ownProbes)
  const own = roles.map((role) => role.rules.map((r) => ownProbes(r)));
  const answers = rbacEval(roles.flatMap((role) => role.rules.map((_, i) => ({ rules: [ruleOf(role, i)], requests }))));
  const ownAnswers = rbacEval(roles.flatMap((role, k) => role.rules.map((_, i) =>
    ({ rules: [ruleOf(role, i)], requests: own[k][i].map((p) => p.request) }))));
  const tally: Tally = { rules: 0, misses: [], stricter: {} };
  let q = 0;
  for (const [k, role] of roles.entries()) {
    const manifest = manifestOf(role);
    const context = ruleContext([manifest, ...checkedWith(role)]);
    const findings = {
      RBAC_NO_ESCALATION: RBAC_NO_ESCALATION.check(manifest, context),
      RBAC_NO_SECRET_LISTING: RBAC_NO_SECRET_LISTING.check(manifest, context),
      RBAC_NO_WILDCARD: RBAC_NO_WILDCARD.check(manifest, context),
    };
    for (let i = 0; i < role.rules.length; i++) {
      const ownAnswer = ownAnswers[q];
      const answer = answers[q++];
      if (answer.error !== undefined || ownAnswer.error !== undefined) throw new Error(`rbac-eval: ${answer.error ?? ownAnswer.error} for ${JSON.stringify(role.rules[i])}`);
      tally.rules++;
      // a RoleBinding never grants a non-resource request (and the API server refuses nonResourceURLs in a Role)
      const granted = [...PROBES.filter((_, j) => answer.allowed[j]), ...own[k][i].filter((_, j) => ownAnswer.allowed[j])]
        .filter((p) => !('nonResourceURL' in p.request) || role.scope.kind === 'ClusterRole');
      const location = locationOf(role, i);
      const forbidden: Record<keyof typeof findings, Array<{ request: RbacRequest; why: string }>> = {
        RBAC_NO_ESCALATION: granted.filter((p) => p.escalation !== undefined && (applies(p.escalation, role.scope, p.request))
          && !documentedEscalationLimit(role, i, p)).map((p) => ({ request: p.request, why: p.escalation!.label })),
        RBAC_NO_SECRET_LISTING: granted.filter((p) => p.secretListing).map((p) => ({ request: p.request, why: 'secret listing' })),
        RBAC_NO_WILDCARD: granted.filter((p) => p.wildcard).map((p) => ({ request: p.request, why: 'reaches what it does not name' })),
      };
      for (const id of Object.keys(findings) as Array<keyof typeof findings>) {
        const at = findings[id].filter((f) => f.location === location);
        if (forbidden[id].length > 0 && at.length === 0) {
          tally.misses.push({ rule: id, role, location, policyRule: role.rules[i], request: forbidden[id][0].request, why: forbidden[id][0].why });
        }
        if (forbidden[id].length === 0 && at.length > 0) {
          (tally.stricter[id] ??= []).push({ rule: role.rules[i], finding: at[0] });
        }
      }
    }
  }
  return tally;
}

/**
 * RBAC_NO_ESCALATION's documented limits: Gatekeeper's constraints are known by their group
 * alone, so a rule of apiGroups `*` that names a constraint's kind (any name may be one) is not
 * read as reaching it.
 */
function documentedEscalationLimit(role: Role, i: number, p: Probe): boolean {
  const rule = role.rules[i];
  if (p.escalation?.label !== 'Gatekeeper constraints') return false;
  const groups: unknown[] = rule.apiGroups ?? [];
  const resources: unknown[] = rule.resources ?? [];
  const r = p.request as RbacResourceRequest;
  return !groups.includes('constraints.gatekeeper.sh') && !resources.includes('*') && !resources.includes(`*/${r.subresource}`) && resources.includes(r.resource);
}

function describeMisses(misses: readonly Miss[]): string[] {
  return misses.slice(0, 20).map((m) => `${m.rule} misses ${m.location} of ${m.role.scope.kind}${m.role.scope.namespace === undefined ? '' : ` in ${m.role.scope.namespace}`} `
    + `${JSON.stringify(m.policyRule)}: Kubernetes grants ${JSON.stringify(m.request)} (${m.why})`);
}

/** The findings on rules that grant none of the forbidden requests, by catalogue rule and kind of finding (the first words of its problem). */
function report(name: string, tally: Tally): void {
  const lines = Object.entries(tally.stricter).flatMap(([id, xs]) => {
    const kinds = new Map<string, { count: number; example: any }>();
    for (const x of xs) {
      const kind = `${x.finding.property}${x.finding.property === 'verbs' || x.finding.problem.startsWith('is ') ? ` ${x.finding.value}` : ''}: ${x.finding.problem.slice(0, 50)}`;
      const k = kinds.get(kind) ?? { count: 0, example: x.rule };
      k.count++;
      kinds.set(kind, k);
    }
    return [...kinds].sort((a, b) => b[1].count - a[1].count).map(([kind, k]) => `  ${id} ${kind} … ${k.count}, e.g. ${JSON.stringify(k.example)}`);
  });
  // eslint-disable-next-line no-console
  console.log(`rbac differential, ${name}: ${tally.rules} rules, ${tally.misses.length} missed; findings on rules that grant none of the rule's forbidden requests:\n${lines.join('\n') || '  none'}`);
}

const clusterRole = (...rules: any[]): Role => ({ scope: { kind: 'ClusterRole' }, rules });
const roleIn = (namespace: string | undefined, ...rules: any[]): Role => ({ scope: { kind: 'Role', namespace }, rules });
const rule = (verbs: any[], apiGroups: any[], resources: any[], resourceNames?: any[]) =>
  ({ verbs, apiGroups, resources, ...(resourceNames === undefined ? {} : { resourceNames }) });

/** Hand-written roles at the edges of Kubernetes' matching. */
const HAND_WRITTEN: Role[] = [
  clusterRole(rule(['*'], ['*'], ['*'])),
  roleIn('team', rule(['get'], [''], ['*/exec'], ['a'])),
  roleIn('team', rule(['create'], ['*'], ['pods/exec'], ['a'])),
  roleIn('team', rule(['update'], ['*'], ['pods/exec'], ['a'])),
  roleIn('team', rule(['update'], [''], ['pods/exec'], ['a'])),
  roleIn('team', rule([''], ['apps'], ['*/proxy'], ['a'])),
  roleIn('team', rule(['get'], [''], ['pods/*'])),
  roleIn('team', rule(['get'], [''], ['*/*'])),
  roleIn('team', rule(['list'], [''], ['secrets'], ['a'])),
  roleIn('team', rule(['list'], [''], ['secrets'], [''])),
  roleIn('team', rule(['deletecollection'], [''], ['secrets'], ['a'])),
  roleIn('team', rule(['deletecollection'], [''], ['secrets'], [null])),
  roleIn('team', rule(['deletecollection'], [''], ['configmaps'])),
  roleIn('team', rule(['LIST', ' list', 'list '], ['', ' '], ['Secrets', ' secrets', 'secret'])),
  roleIn('team', rule(['create'], [''], ['pods'], ['a'])),
  roleIn('team', rule(['create'], [''], ['configmaps'])),
  roleIn('team', rule(['create'], [''], ['configmaps'], [''])),
  roleIn('team', rule(['create'], [''], ['pods/eviction'])),
  roleIn('team', rule(['get'], [''], ['configmaps'], ['a']), rule(['get'], [''], ['configmaps'], ['a']), rule(['list'], [''], ['configmaps'], ['a'])),
  roleIn('team', rule(['get'], [null], ['secrets'], [null])),
  roleIn('team', rule(['use'], ['security.openshift.io'], ['securitycontextconstraints'], ['restricted-v2'])),
  roleIn('team', rule(['use'], ['security.openshift.io'], ['securitycontextconstraints'], ['restricted', 'privileged'])),
  roleIn('team', rule(['use'], ['*'], ['securitycontextconstraints'], ['restricted', 'restricted-v2'])),
  roleIn('team', rule(['*'], ['security.openshift.io'], ['securitycontextconstraints'], ['restricted-v2'])),
  roleIn('team', rule(['create'], ['*'], ['k8srequiredlabels'], ['a'])),
  roleIn('team', rule(['create'], ['constraints.gatekeeper.sh'], ['k8srequiredlabels'], ['a'])),
  roleIn('tekton-pipelines', rule(['get'], [''], ['secrets'], ['signing-secrets'])),
  roleIn('team', rule(['get'], [''], ['secrets'], ['signing-secrets'])),
  roleIn(undefined, rule(['list'], [''], ['configmaps'], ['config-defaults'])),
  roleIn(undefined, rule(['patch'], [''], ['configmaps'], ['config-defaults'])),
  roleIn('kube-system', rule(['create'], [''], ['configmaps'], [''])),
  roleIn('kube-system', rule(['create'], [''], ['configmaps'])),
  roleIn('team', rule(['impersonate'], ['authentication.k8s.io'], ['userextras/*'])),
  roleIn('team', rule(['*'], ['authentication.k8s.io'], ['userextras/scopes'])),
  roleIn('team', rule(['bind'], ['rbac.authorization.k8s.io'], ['clusterroles'], ['a'])),
  roleIn('team', rule(['*'], ['rbac.authorization.k8s.io'], ['roles'], ['a'])),
  roleIn('team', rule(['update'], ['tekton.dev'], ['taskruns/status', 'pipelineruns/*'])),
  roleIn('team', rule(['patch'], ['resolution.tekton.dev'], ['resolutionrequests/status'], ['a'])),
  roleIn('team', rule(['update'], [''], ['namespaces/finalize'], ['a', 'team'])),
  roleIn(undefined, rule(['patch'], [''], ['namespaces'], ['a'])),
  roleIn('team', rule(['create'], ['certificates.k8s.io'], ['certificatesigningrequests/nodeclient'], ['a'])),
  roleIn('team', rule(['approve'], ['certificates.k8s.io'], ['signers'], ['example.com/*'])),
  clusterRole({ verbs: ['get'], nonResourceURLs: ['/api*'] }),
  clusterRole({ verbs: ['get'], nonResourceURLs: ['/metrics', ' *', '* '] }),
  clusterRole({ verbs: ['get'], nonResourceURLs: ['*'] }),
  clusterRole({ verbs: ['*'], nonResourceURLs: ['/healthz'] }),
  clusterRole({ verbs: ['get'], nonResourceURLs: ['/logs/**'] }),
  clusterRole({ verbs: ['get'], nonResourceURLs: [''] }),
  clusterRole({ verbs: ['get'], nonResourceURLs: ['/metrics'] }),
];

// --- generated roles ---

const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'use', 'bind', 'escalate', 'impersonate',
  'approve', 'sign', 'attest', 'proxy', '*', '*', '', 'LIST', ' get', 'Create', 'impersonate:user-info', 'custom', null];
const GROUPS = ['', '', '*', 'apps', 'batch', 'extensions', 'rbac.authorization.k8s.io', 'authentication.k8s.io', 'admissionregistration.k8s.io',
  'certificates.k8s.io', 'tekton.dev', 'resolution.tekton.dev', 'triggers.tekton.dev', 'security.openshift.io', 'constraints.gatekeeper.sh',
  'networking.k8s.io', 'cert-manager.io', 'external-secrets.io', 'Apps', ' ', 'v1', 'core', null];

const RESOURCES = [...new Set([
  ...ESCALATION.flatMap((c) => c.resources.filter((r) => r !== FRESH_RESOURCE).flatMap((r) => c.subs.map((s) => (s === '' ? r : `${r}/${s}`)))),
  'secrets', 'configmaps', 'pods/log', '*', '*', '*/exec', '*/status', '*/proxy', '*/token', '*/*', 'pods/*', 'secrets/*', '*/', 'pods/', '/exec', '',
  'Secrets', ' secrets', 'secret', 'Pods/exec', 'pods/exec ', 'k8srequiredlabels', 'userextras/*', null,
])];

const nonEmpty = <T>(arb: fc.Arbitrary<T>, max = 3) => fc.array(arb, { minLength: 1, maxLength: max });

/** A rule the API server admits (a resource rule; or, in a ClusterRole, a non-resource one). */
const resourceRule = fc.record({
  verbs: nonEmpty(fc.constantFrom(...VERBS)),
  apiGroups: nonEmpty(fc.constantFrom(...GROUPS), 2),
  resources: nonEmpty(fc.constantFrom(...RESOURCES)),
  resourceNames: fc.option(fc.array(fc.constantFrom(...RULE_NAMES, '', null), { maxLength: 2 }), { nil: undefined }),
}).map((r) => (r.resourceNames === undefined ? { verbs: r.verbs, apiGroups: r.apiGroups, resources: r.resources } : r));
const urlRule = fc.record({ verbs: nonEmpty(fc.constantFrom('get', 'post', '*', 'GET', null)), nonResourceURLs: nonEmpty(fc.constantFrom(...URLS, null), 2) });

const generatedRole: fc.Arbitrary<Role> = fc.oneof(
  fc.record({
    scope: fc.constantFrom<RoleScope>({ kind: 'Role', namespace: 'team' }, { kind: 'Role' }, { kind: 'Role', namespace: 'tekton-pipelines' }, { kind: 'Role', namespace: 'kube-system' }),
    rules: nonEmpty(resourceRule),
  }),
  fc.record({ scope: fc.constant<RoleScope>({ kind: 'ClusterRole' }), rules: nonEmpty(fc.oneof({ weight: 4, arbitrary: resourceRule }, { weight: 1, arbitrary: urlRule })) }),
  // duplicate and split rules: one rule repeated, or cut into one rule per verb
  fc.record({ scope: fc.constant<RoleScope>({ kind: 'Role', namespace: 'team' }), rule: resourceRule }).map(({ scope, rule: r }) =>
    ({ scope, rules: [r, ...(r.verbs as any[]).map((v) => ({ ...r, verbs: [v] })), r] })),
);

/** Labels of the ClusterRoles an aggregating one may take rules from. */
const LABEL_SETS: Array<Record<string, string>> = [{}, { 'example.com/aggregate-to-ci': 'true' }, { 'example.com/aggregate-to-ci': 'false' }, { 'tier': 'a', 'example.com/aggregate-to-ci': 'true' }, { tier: 'a' }];
const SELECTORS = [{}, { matchLabels: { 'example.com/aggregate-to-ci': 'true' } }, { matchLabels: { tier: 'a' } }, { matchLabels: { tier: 'b' } }];

/** An aggregating ClusterRole with `rules: []` and ClusterRoles checked with it: its rules are those of the ones its selectors match. */
const aggregatingRole: fc.Arbitrary<Role> = fc.record({
  selectors: nonEmpty(fc.constantFrom(...SELECTORS), 2),
  sources: fc.array(fc.record({ labels: fc.constantFrom(...LABEL_SETS), rules: nonEmpty(resourceRule, 2) }), { minLength: 1, maxLength: 3 }),
}).map(({ selectors, sources }) => {
  const named = sources.map((src, i) => ({ name: `src-${i}`, ...src }));
  return {
    scope: { kind: 'ClusterRole' as const },
    rules: named.filter((src) => matchesLabels(selectors, src.labels)).flatMap((src) => src.rules),
    aggregation: { selectors, sources: named },
  };
});

describeWithRbacEval('RBAC rules against Kubernetes\' matching of PolicyRules (rbac-eval)', () => {
  beforeAll(() => {
    PROBES = [...resourceProbes(), ...urlProbes()];
  });

  test('the oracle answers as Kubernetes matches rules (spot checks)', () => {
    const asked = rbacEval([
      { rules: [rule(['get'], ['apps'], ['*/exec'])], requests: [{ verb: 'get', apiGroup: 'apps', resource: 'x', subresource: 'exec', name: 'n' }] },
      { rules: [rule(['get'], [''], ['pods/*'])], requests: [{ verb: 'get', apiGroup: '', resource: 'pods', subresource: 'exec', name: 'n' }] },
      { rules: [rule(['list'], [''], ['secrets'], [''])], requests: [{ verb: 'list', apiGroup: '', resource: 'secrets', subresource: '', name: '' }] },
      { rules: [rule(['list'], [''], ['secrets'], [null])], requests: [{ verb: 'list', apiGroup: '', resource: 'secrets', subresource: '', name: '' }] },
      { rules: [rule(['list'], [''], ['secrets'], ['a'])], requests: [{ verb: 'list', apiGroup: '', resource: 'secrets', subresource: '', name: '' }] },
      { rules: [{ verbs: ['get'], nonResourceURLs: ['/api*'] }], requests: [{ verb: 'get', nonResourceURL: '/apis/x' }, { verb: 'get', nonResourceURL: '/ap' }] },
      { rules: [{ Verbs: ['*'], apiGroups: ['*'], resources: ['*'] }], requests: [{ verb: 'get', apiGroup: '', resource: 'pods', subresource: '', name: 'n' }] },
    ]);
    const allowed = asked.map((a) => (a.error === undefined ? a.allowed : a.error));
    expect(allowed).toEqual([[true], [false], [true], [true], [false], [true, false], [false]]);
  });

  test('hand-written roles: every rule that grants a forbidden request is reported', () => {
    const tally = compare(HAND_WRITTEN);
    report('hand-written', tally);
    expect(describeMisses(tally.misses)).toEqual([]);
    expect(tally.rules).toBeGreaterThan(HAND_WRITTEN.length);
  });

  test('generated roles: every rule that grants a forbidden request is reported', () => {
    const seed = Number(process.env.PROPERTY_SEED ?? 20261205);
    const numRuns = Number(process.env.PROPERTY_RUNS ?? 1000);
    // eslint-disable-next-line no-console
    console.log(`rbac differential: ${numRuns} generated roles, ${PROBES.length} requests asked of each rule, seed ${seed} (PROPERTY_SEED=${seed} to run them again)`);
    const tally = compare(fc.sample(generatedRole, { seed, numRuns }));
    report('generated', tally);
    expect(describeMisses(tally.misses)).toEqual([]);
    expect(tally.rules).toBeGreaterThan(numRuns);
  });

  test('generated aggregating ClusterRoles: every rule they take from the ClusterRoles checked with them that grants a forbidden request is reported', () => {
    const seed = Number(process.env.PROPERTY_SEED ?? 20261205);
    const numRuns = Math.ceil(Number(process.env.PROPERTY_RUNS ?? 1000) / 5);
    // eslint-disable-next-line no-console
    console.log(`rbac differential: ${numRuns} generated aggregating ClusterRoles, seed ${seed} (PROPERTY_SEED=${seed} to run them again)`);
    const tally = compare(fc.sample(aggregatingRole, { seed, numRuns }));
    report('aggregating', tally);
    expect(describeMisses(tally.misses)).toEqual([]);
    expect(tally.rules).toBeGreaterThan(numRuns / 2);
  });
});

describe('what the oracle cannot see: bindings of aggregating and unknown roles', () => {
  const aggregating = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: 'ci' },
    aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'example.com/aggregate-to-ci': 'true' } }] },
    rules: [],
  };
  const binding = (kind: 'RoleBinding' | 'ClusterRoleBinding', roleKind: string, name: string) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind,
    metadata: { name: 'b', ...(kind === 'RoleBinding' ? { namespace: 'ci' } : {}) },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: roleKind, name },
    subjects: [{ kind: 'ServiceAccount', name: 'builder', namespace: 'ci' }],
  });

  test('a binding to an aggregating ClusterRole with rules: [] does not pass: the binding and the role are cluster-scoped RBAC, and the role aggregates', () => {
    const objects = [aggregating, binding('RoleBinding', 'ClusterRole', 'ci'), binding('ClusterRoleBinding', 'ClusterRole', 'ci')];
    const context = ruleContext(objects);
    expect(objects.map((o) => RBAC_NAMESPACED.check(o, context).map((f) => `${f.property}: ${f.problem}`))).toEqual([
      ['kind: is cluster-scoped'], ['roleRef: binds a ClusterRole'], ['kind: is cluster-scoped'],
    ]);
    expect(RBAC_NO_ESCALATION.check(aggregating, context).map((f) => f.property)).toEqual(['aggregationRule']);
  });

  test('a RoleBinding of a Role not checked with it is judged on its subjects alone (what the Role grants is not seen: RBAC_NAMESPACED\'s limit)', () => {
    const b = binding('RoleBinding', 'Role', 'not-here');
    expect(RBAC_NAMESPACED.check(b, ruleContext([b]))).toEqual([]);
    expect(RBAC_NAMESPACED.limits).toContain('what the Role a RoleBinding names grants, are not seen here');
  });
});
