/**
 * Whether an RBAC grant as the library's constructs take it can match a request at all.
 */
import { isDns1123Subdomain } from './names';
import { safeText } from './text';

/** A grant as `grantApi` takes it. */
export interface GrantShape {
  readonly apiGroup?: string;
  readonly resource: string;
  readonly verbs: readonly string[];
  readonly resourceNames: readonly string[];
}

/** The part of a grant that matches nothing, for a refusal. */
export interface InertPart {
  readonly property: string;
  readonly value: string;
  readonly problem: string;
  readonly fix: string;
}

/** A resource as RBAC matches it: a lower-case plural (a CRD's is a DNS-1035 label), optionally with a subresource. */
const RESOURCE = /^[a-z]([-a-z0-9]*[a-z0-9])?(\/[a-z]([-a-z0-9]*[a-z0-9])?)?$/;

/**
 * The singular and short names kubectl takes for a resource of the core group (`''`), which
 * RBAC does not: it matches the plural of the request's path alone (apiserver
 * RequestInfoFactory). kubectl api-resources, Kubernetes v1.30.
 */
const CORE_NAMES: ReadonlyMap<string, string> = new Map(Object.entries({
  configmap: 'configmaps',
  cm: 'configmaps',
  secret: 'secrets',
  pod: 'pods',
  po: 'pods',
  serviceaccount: 'serviceaccounts',
  sa: 'serviceaccounts',
  service: 'services',
  svc: 'services',
  endpoint: 'endpoints',
  ep: 'endpoints',
  event: 'events',
  ev: 'events',
  namespace: 'namespaces',
  ns: 'namespaces',
  node: 'nodes',
  no: 'nodes',
  persistentvolumeclaim: 'persistentvolumeclaims',
  pvc: 'persistentvolumeclaims',
  persistentvolume: 'persistentvolumes',
  pv: 'persistentvolumes',
  replicationcontroller: 'replicationcontrollers',
  rc: 'replicationcontrollers',
  resourcequota: 'resourcequotas',
  quota: 'resourcequotas',
  limitrange: 'limitranges',
  limits: 'limitranges',
  podtemplate: 'podtemplates',
}));

/**
 * Resources that are served by a group of their own, never by the core group (`''`), with that
 * group: RBAC compares the request's group, so a rule without it matches none of their calls.
 */
const GROUP_OF: ReadonlyMap<string, string> = new Map(Object.entries({
  deployments: 'apps',
  statefulsets: 'apps',
  daemonsets: 'apps',
  replicasets: 'apps',
  jobs: 'batch',
  cronjobs: 'batch',
  roles: 'rbac.authorization.k8s.io',
  rolebindings: 'rbac.authorization.k8s.io',
  ingresses: 'networking.k8s.io',
  networkpolicies: 'networking.k8s.io',
  leases: 'coordination.k8s.io',
  pipelineruns: 'tekton.dev',
  taskruns: 'tekton.dev',
  pipelines: 'tekton.dev',
  tasks: 'tekton.dev',
  stepactions: 'tekton.dev',
  customruns: 'tekton.dev',
}));

/**
 * The metrics APIs, which aggregated servers serve (metrics-server, custom-metrics-apiserver):
 * `external.metrics.k8s.io` names a resource, `custom.metrics.k8s.io` a subresource
 * (`pods/http_requests`), by the metric's name as its source writes it (underscores, upper case).
 */
const METRICS_GROUP = /(^|\.)metrics\.k8s\.io$/;

/** A resource of such an API: one or two path segments as a request's path gives them. */
function isPathResource(resource: string): boolean {
  const parts = resource.split('/');
  return parts.length <= 2 && parts.every((p) => p !== '' && p !== '.' && p !== '..' && !/[%\s]/.test(p));
}

/**
 * The part of a grant that matches no request the API server authorizes, so that the Role is
 * admitted but the task's calls are refused (403): a verb that is not lower-case letters (RBAC
 * compares verbs as written, and the verbs of requests are), an API group that is not a DNS
 * subdomain (a version, `apps/v1`, is not part of it), a resource that is not a lower-case
 * plural with an optional subresource (CRDs' plurals are DNS-1035 labels: apiextensions
 * ValidateCustomResourceDefinitionNames; the metrics APIs name a metric as its source writes
 * it), or a name no object can have (a request names its object in one path segment: never
 * `.`, `..`, or with `/` or `%`, apimachinery IsValidPathSegmentName). Wildcards are left to
 * RBAC_NO_WILDCARD. In the core group, the singular or short name of a core resource
 * (`configmap`, `cm`), and a resource of another group the grant does not name (`deployments`,
 * `pipelineruns`), match nothing either.
 */
export function inertGrant(grant: GrantShape, verbs: readonly string[]): InertPart | undefined {
  const problem = 'matches no request the API server authorizes: the Role is admitted, but every call of the task it is meant for is refused (403 Forbidden)';
  const verb = grant.verbs.find((v: unknown) => typeof v !== 'string' || (v !== '*' && !/^[a-z]+$/.test(v)));
  if (verb !== undefined) {
    return { property: 'verbs', value: safeText(verb), problem, fix: `Use the members of ApiVerb, e.g. verbs: [ApiVerb.GET] (${verbs.join(', ')}), which are the verbs of requests.` };
  }
  const group = grant.apiGroup ?? '';
  if (group !== '' && group !== '*' && !isDns1123Subdomain(group)) {
    return {
      property: 'apiGroup',
      value: safeText(group),
      problem,
      fix: "Give the API group alone, in lower case, without its version: e.g. apiGroup: 'apps' for apps/v1, '' (or leave it out) for v1.",
    };
  }
  const groupName = coreGroupName(group);
  if (groupName !== undefined) return { ...groupName, problem: `${groupName.problem}, so the grant ${problem}` };
  const shaped = typeof grant.resource === 'string'
    && (grant.resource.includes('*') || RESOURCE.test(grant.resource) || (METRICS_GROUP.test(group) && isPathResource(grant.resource)));
  const nested = nestedSubresource(group, grant.resource);
  if (nested !== undefined) return { ...nested, problem: `${nested.problem}, so the grant ${problem}` };
  if (!shaped) {
    return {
      property: 'resource',
      value: safeText(grant.resource),
      problem,
      fix: "Give the resource as kubectl api-resources names it: lower case and plural, with a subresource after '/', e.g. resource: 'configmaps' or 'deployments/scale'.",
    };
  }
  const core = coreResourceName(group, grant.resource);
  if (core !== undefined) return { ...core, problem: `${core.problem}, so the grant ${problem}` };
  const name = grant.resourceNames.find((n) => typeof n !== 'string' || n === '.' || n === '..' || /[/%]/.test(n));
  if (name !== undefined) {
    return {
      property: 'resourceNames',
      value: safeText(name),
      problem: `${problem}: no object has this name`,
      fix: "Give each object's metadata.name, e.g. resourceNames: ['release-notes'].",
    };
  }
  return undefined;
}

/** One path segment of a resource as RBAC matches it. */
const SEGMENT = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/**
 * A resource with a subresource of more than one path segment (KubeVirt's
 * `virtualmachineinstances/sev/fetchcertchain`), which no request is authorized as: the API
 * server's RequestInfoFactory (k8s.io/apiserver pkg/endpoints/request/requestinfo.go) takes the
 * path segment after the object's name as the subresource and leaves the rest uninterpreted, and
 * RBAC compares `resource/subresource` with each entry (`ResourceMatches`). Requests to an
 * aggregated API are authorized so by the API server before they are proxied (and KubeVirt's
 * virt-api asks a SubjectAccessReview of the same segment). Only a SubjectAccessReview that names
 * such a subresource by hand matches the entry. The metrics APIs are left to their own check.
 */
function nestedSubresource(group: string, resource: unknown): InertPart | undefined {
  if (typeof resource !== 'string' || METRICS_GROUP.test(group)) return undefined;
  const parts = resource.split('/');
  if (parts.length < 3 || !parts.every((p) => SEGMENT.test(p))) return undefined;
  const [base, sub] = parts;
  return {
    property: 'resource',
    value: resource,
    problem: `has a subresource of more than one path segment: the API server authorizes a request for ${base}/<name>/${parts.slice(1).join('/')} `
      + `as resource ${base} and subresource ${sub}, the one segment after the name (k8s.io/apiserver RequestInfoFactory; an aggregated API's `
      + 'requests are authorized so before they reach its server), and RBAC compares no other',
    fix: `Write resource: '${base}/${sub}', which RBAC matches for every request under ${base}/<name>/${sub}/ with the verbs granted `
      + `(${parts.slice(1).join('/')} and the other paths under ${sub} alike).`,
  };
}

/** An API group written as the core group's name or as a version, which no request has: the core group is ''. */
export function coreGroupName(group: string): InertPart | undefined {
  if (group !== 'core' && !/^v[0-9]+((alpha|beta)[0-9]+)?$/.test(group)) return undefined;
  return {
    property: 'apiGroup',
    value: group,
    problem: group === 'core' ? "is not the core group's name, which is ''" : 'is a version, where the API group alone is named',
    fix: "Leave apiGroup out (or write apiGroup: '') for a resource of v1; for another group, give its name without the version (apiGroup: 'apps' for apps/v1).",
  };
}

/**
 * A resource of the core group (`''`) no request names: the singular or short name of a core
 * resource, or a resource another group serves.
 */
export function coreResourceName(group: string, resource: string): InertPart | undefined {
  if (group !== '') return undefined;
  const [base, sub] = resource.split('/');
  const plural = CORE_NAMES.get(base);
  if (plural !== undefined) {
    return {
      property: 'resource',
      value: safeText(resource),
      problem: `is not the plural RBAC matches (${plural}), though kubectl takes it`,
      fix: `Write resource: '${[plural, sub].filter((p) => p !== undefined).join('/')}'.`,
    };
  }
  const owner = GROUP_OF.get(base);
  if (owner !== undefined) {
    return {
      property: 'resource',
      value: safeText(resource),
      problem: `is served by the API group ${owner}, not the core group ('') that leaving apiGroup out names`,
      fix: `Add apiGroup: '${owner}' to the grant.`,
    };
  }
  return undefined;
}
