/**
 * Network policies other than NetworkPolicies that may let the pods of a namespace past a
 * NetworkPolicy that denies them everything: the AdminNetworkPolicy API's cluster-wide
 * policies (policy.networking.k8s.io: AdminNetworkPolicy, ClusterNetworkPolicy of the
 * Admin tier), Cilium's (CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy, with the
 * CiliumCIDRGroups their CIDR sets name) and Calico's
 * (NetworkPolicy and GlobalNetworkPolicy of projectcalico.org or crd.projectcalico.org).
 *
 * An AdminNetworkPolicy's Allow is applied before any NetworkPolicy (unless a Deny or Pass
 * of the same peer comes first); Cilium adds what its policies allow to what NetworkPolicies
 * allow; Calico goes on to the next policy of a tier when one takes no action on a packet (a
 * NetworkPolicy that allows nothing takes none), so a Calico Allow counts whatever its order,
 * and a Calico Pass in the default tier skips the NetworkPolicies Calico puts there. A
 * BaselineAdminNetworkPolicy (or a ClusterNetworkPolicy of the Baseline tier) is applied only
 * to pods that no NetworkPolicy isolates, and an AdminNetworkPolicy's Pass hands the traffic
 * to the NetworkPolicies: neither reaches a pod that a default deny isolates. Deny rules only
 * take traffic away.
 *
 * Which pods a rule applies to is read as far as the input tells: a namespace's name and
 * labels are known, a pod's labels are not (whoever creates a pod chooses them, and Tekton
 * copies a TaskRun's labels to its pod), so a policy that selects pods by label may apply to
 * any pod of a namespace it selects. What a rule opens is judged as for a NetworkPolicy that
 * selects every pod: every peer, more of the internet than one policy may reach by egress, or
 * every pod of every namespace.
 */
import { NAMESPACE_NAME_LABEL } from './annotations';
import { calicoSelects, LabelLookup, UNKNOWN_LABEL } from './calico-selectors';
import { AddressSet, Cidr, parseCidr } from './cidr';
import { apiGroupOf, asArray, isObject } from './containers';
import { hasNoTerms, matchesLookup, readLabelSelector } from './label-selectors';
import { manifestsNamed, manifestsOfKind, oncePerSet } from './manifest-index';
import { manifestNamespace } from './namespaces';
import { isolatedDirections } from './network-policies';
import { amount, exceeds, limitText, publicReach } from './public-reach';
import { jsString } from './text';

/** The label every namespace carries with its name. */
const NAME_LABEL = NAMESPACE_NAME_LABEL;

/** A direction of traffic. */
export type Direction = 'Ingress' | 'Egress';

/** How far a rule opens the pods: to every peer, to that much of the internet, or to every pod of the cluster. */
export type OpenScope = 'anything' | 'internet' | 'cluster';

/** A namespace being judged: its name and its labels as written. */
export interface JudgedNamespace {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** A rule of a policy that is not a NetworkPolicy and lets the pods of a namespace past its default deny. */
export interface Opening {
  /** `AdminNetworkPolicy/open`, `CiliumNetworkPolicy/ci/open`. */
  readonly object: string;
  /** The field of the rule that allows, as written: `spec.egress[0].action`, `spec.egress[0].toEntities[0]`. */
  readonly field: string;
  /** Its value. */
  readonly value: string;
  /** Which pods of the namespace the policy applies to, and why. */
  readonly selects: string;
  /** What the rule opens, and where it says so. */
  readonly opens: string;
  readonly scope: OpenScope;
  /** Why the rule undoes a NetworkPolicy's deny. */
  readonly precedence: string;
  readonly fix: string;
}


/** A value as a list of none or one. */
const listOf = <T>(x: T | undefined): T[] => (x === undefined ? [] : [x]);

/** Whether a manifest's apiVersion is of the API group. */
const ofGroup = (m: any, group: string): boolean => typeof m?.apiVersion === 'string' && apiGroupOf(m.apiVersion) === group;

/** `Kind/name` or `Kind/namespace/name`. */
function objectId(m: any, group?: string): string {
  const ns = manifestNamespace(m);
  return `${jsString(m?.kind)}${group === undefined ? '' : `.${group}`}/${ns !== undefined ? `${ns}/` : ''}${jsString(m?.metadata?.name ?? '')}`;
}

/** A namespace's labels as a lookup: its labels as written, and its name label. */
function namespaceLabels(ns: JudgedNamespace): LabelLookup {
  return (key) => (key === NAME_LABEL ? ns.name : Object.prototype.hasOwnProperty.call(ns.labels, key) ? ns.labels[key] : null);
}

/**
 * Whether a label selector matches labels that are known in part (label-selectors.ts): true,
 * false, or undefined when that depends on a label not known or the selector is refused.
 * Absent and `{}` match everything. `keys` is `kubernetes` for the AdminNetworkPolicy API's
 * selectors (metav1.LabelSelector, which its implementations turn into selectors with
 * `LabelSelectorAsSelector`: a key, value, operator or count of values it refuses is refused),
 * `any` for Cilium's (keys with a source, `k8s:app`). What a refused selector means is the
 * caller's: a policy's subject may then apply to any pod (the direction that credits nothing),
 * and a peer opens nothing (an implementation that cannot convert a peer's selector applies no
 * rule of the policy).
 */
export function selectorMatches(selector: unknown, labels: LabelLookup, keys: 'kubernetes' | 'any' = 'kubernetes'): boolean | undefined {
  const read = readLabelSelector(selector, 'selector', { keys });
  if (read.kind === 'absent') return true;
  return read.kind === 'selector' ? matchesLookup(read.selector, labels) : undefined;
}

/** A namespace name no selector names (not a DNS label): a namespace with it is any namespace. */
const ANY_NAME = '*';

/** Whether a namespace selector matches every namespace: one that has only its name label, whatever the name. */
const everyNamespace = (sel: unknown): boolean => selectorMatches(sel, (k) => (k === NAME_LABEL ? ANY_NAME : null)) === true;

/** Whether a pod selector matches a pod without labels. */
const everyPod = (sel: unknown): boolean => selectorMatches(sel, () => null) === true;

/** Why a pod selector that needs labels may still select any pod. */
const BY_LABEL = 'by labels, which whoever creates a pod chooses; Tekton copies a TaskRun\'s labels to its pod';

/** What a policy opens in one direction: the first rule that opens it, by itself or with the CIDR blocks before it. */
interface RuleOpening {
  readonly field: string;
  readonly value: string;
  readonly opens: string;
  readonly scope: OpenScope;
  /** The peers that open it, as compared between AdminNetworkPolicies ({@link canonical}). */
  readonly peers?: readonly string[];
  /** Why it undoes a NetworkPolicy's deny, when not for the policy's reason. */
  readonly precedence?: string;
}

/** CIDR blocks of a policy's allowing rules in one direction, added up as for one NetworkPolicy. */
class Blocks {
  private readonly entries: Array<{ field: string; text: string; sets: ReturnType<typeof publicReach>; peer?: string }> = [];

  /**
   * Add a block; what it opens when it opens the pods, by itself or with the blocks before:
   * `every` is what a /0 without excepts opens (every address, or every address outside
   * the cluster), or undefined to add it up like any other block.
   */
  public add(field: string, text: unknown, excepts: readonly unknown[], every?: string, peer?: string): Omit<RuleOpening, 'value'> | undefined {
    const cidr = parseCidr(text);
    if (cidr === undefined) return undefined;
    const cut = excepts.map(parseCidr).filter((e): e is Cidr => e !== undefined);
    if (every !== undefined && cidr.prefix === 0 && cut.length === 0) {
      return { field, opens: `${field} is ${jsString(text)}, ${every}`, scope: 'anything', ...(peer === undefined ? {} : { peers: [peer] }) };
    }
    this.entries.push({ field, text: jsString(text), sets: publicReach(cidr, cut), peer });
    for (const f of [4, 6] as const) {
      const adding = this.entries.filter((e) => !e.sets[f].isEmpty());
      const union = AddressSet.of(adding.flatMap((e) => e.sets[f].intervals));
      if (!exceeds(union, f, 'policy')) continue;
      const fields = adding.map((e) => `${e.field} (${e.text})`);
      const peers = [...new Set(adding.flatMap((e) => (e.peer === undefined ? [] : [e.peer])))];
      return {
        ...(peers.length === 0 ? {} : { peers }),
        field,
        opens: `${fields.length > 1 ? `${fields.slice(0, -1).join(', ')} and ` : ''}${fields[fields.length - 1]} ${fields.length > 1 ? 'together reach' : 'reaches'} `
          + `${amount(union, f)} (over ${limitText(f, 'policy')})`,
        scope: 'internet',
      };
    }
    return undefined;
  }
}

/** One part of a policy that selects pods by itself: an object, or one rule of a Cilium policy's `specs`. */
interface Unit {
  readonly object: string;
  /** The rules that open each direction, in the order they are applied. */
  readonly openings: Partial<Record<Direction, readonly RuleOpening[]>>;
  readonly precedence: string;
  /** An AdminNetworkPolicy's: its priority, and the peers its Deny and Pass rules take for every port, per direction. */
  readonly admin?: { readonly priority: number; readonly takes: Record<Direction, ReadonlySet<string>>; everyPod(ns: JudgedNamespace): boolean };
  /** Which pods of a namespace it applies to, in words; undefined when none. */
  selects(ns: JudgedNamespace): string | undefined;
  fix(field: string, ns: JudgedNamespace): string;
}

// ---------------------------------------------------------------------------------------
// AdminNetworkPolicy, ClusterNetworkPolicy (policy.networking.k8s.io)

const ANP_GROUP = 'policy.networking.k8s.io';

/** Why the selector at `at` is not read, in words: what LabelSelectorAsSelector (and the API server) refuses in it. */
function unreadSelector(selector: unknown, at: string): string {
  const read = readLabelSelector(selector, at);
  return read.kind === 'refused'
    ? `its ${at} cannot be read as a label selector: ${read.why.replace(/^its /, '')}`
    : `its ${at} cannot be read as a label selector`;
}

/** How an AdminNetworkPolicy's subject selects the pods of a namespace. */
function anpSelects(subject: any, ns: JudgedNamespace): string | undefined {
  if (!isObject(subject)) return undefined;
  const hasNamespaces = subject.namespaces !== undefined && subject.namespaces !== null;
  const hasPods = subject.pods !== undefined && subject.pods !== null;
  // exactly one of them: the API server refuses anything else
  if (hasNamespaces === hasPods) return undefined;
  const labels = namespaceLabels(ns);
  if (hasNamespaces) {
    const m = selectorMatches(subject.namespaces, labels);
    if (m === false) return undefined;
    return m === true ? `applies to every pod of namespace '${jsString(ns.name)}' (its spec.subject.namespaces selects the namespace)`
      : `may apply to every pod of namespace '${jsString(ns.name)}' (${unreadSelector(subject.namespaces, 'spec.subject.namespaces')})`;
  }
  if (!isObject(subject.pods)) return undefined;
  const m = selectorMatches(subject.pods.namespaceSelector, labels);
  if (m === false) return undefined;
  if (m === undefined) return `may apply to pods of namespace '${jsString(ns.name)}' (${unreadSelector(subject.pods.namespaceSelector, 'spec.subject.pods.namespaceSelector')})`;
  return hasNoTerms(subject.pods.podSelector)
    ? `applies to every pod of namespace '${jsString(ns.name)}' (its spec.subject.pods selects the namespace and every pod)`
    : `applies to the pods of namespace '${jsString(ns.name)}' that its spec.subject.pods.podSelector selects (${BY_LABEL})`;
}

/** A JSON text of a value with its keys sorted, to compare peers (and rules). */
export function canonicalJson(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canonicalJson).join(',')}]`;
  if (isObject(x)) return `{${Object.keys(x).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(x[k])}`).join(',')}}`;
  return JSON.stringify(x) ?? 'null';
}

/** The peers an AdminNetworkPolicy's Deny and Pass rules take from those after them, for every port, in one direction. */
function anpTakes(spec: any, direction: Direction, allow: string): Set<string> {
  const ingress = direction === 'Ingress';
  const taken = new Set<string>();
  for (const rule of asArray(spec?.[ingress ? 'ingress' : 'egress'])) {
    if (rule?.action === allow || (rule?.ports !== undefined && rule?.ports !== null)) continue;
    asArray(rule?.[ingress ? 'from' : 'to']).forEach((peer) => taken.add(canonicalJson(peer)));
  }
  return taken;
}

/**
 * The rules of an AdminNetworkPolicy that allow `direction` to every peer, that much of the
 * internet or every pod, in order. A peer that an earlier Deny or Pass rule of the policy, for
 * every port, names as written has no traffic left to allow.
 */
function anpOpenings(spec: any, direction: Direction, allow: string): RuleOpening[] {
  const ingress = direction === 'Ingress';
  const list = ingress ? 'ingress' : 'egress';
  const peersKey = ingress ? 'from' : 'to';
  const blocks = new Blocks();
  const taken = new Set<string>();
  const out: RuleOpening[] = [];
  const rules = asArray(spec?.[list]);
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    // Deny takes traffic away; Pass hands it to the NetworkPolicies, which deny it
    if (rule?.action !== allow) {
      if (rule?.ports === undefined || rule?.ports === null) asArray(rule?.[peersKey]).forEach((peer) => taken.add(canonicalJson(peer)));
      continue;
    }
    const at = `spec.${list}[${i}]`;
    const found = (o: Omit<RuleOpening, 'value' | 'field'>): void => {
      out.push({ ...o, field: `${at}.action`, value: allow });
    };
    for (const [j, peer] of asArray(rule?.[peersKey]).entries()) {
      const key = canonicalJson(peer);
      if (!isObject(peer) || taken.has(key)) continue;
      const p = `${at}.${peersKey}[${j}]`;
      if (peer.namespaces !== undefined && peer.namespaces !== null && everyNamespace(peer.namespaces)) {
        found({ opens: `${p}.namespaces selects every namespace (every pod of the cluster)`, scope: 'cluster', peers: [key] });
      }
      if (isObject(peer.pods) && everyNamespace(peer.pods.namespaceSelector) && everyPod(peer.pods.podSelector)) {
        found({ opens: `${p}.pods selects every pod of every namespace`, scope: 'cluster', peers: [key] });
      }
      // networks and domain names are egress peers only
      if (ingress) continue;
      for (const [k, net] of asArray(peer.networks).entries()) {
        const o = blocks.add(`${p}.networks[${k}]`, net, [], 'every address', key);
        if (o !== undefined) found(o);
      }
      for (const [k, name] of asArray(peer.domainNames).entries()) {
        if (typeof name === 'string' && /^\*\.[^.]+\.?$/.test(name)) {
          found({ opens: `${p}.domainNames[${k}] is ${name}, every name under a top-level domain`, scope: 'internet', peers: [key] });
        }
      }
    }
  }
  return out;
}

function anpUnits(m: any): Unit[] {
  const spec = m?.spec;
  if (!isObject(spec)) return [];
  let allow = 'Allow';
  if (m.kind === 'ClusterNetworkPolicy') {
    // the Baseline tier is applied only to pods no NetworkPolicy isolates
    if (spec.tier !== 'Admin') return [];
    allow = 'Accept';
  }
  const object = objectId(m);
  return [{
    object,
    selects: (ns) => anpSelects(spec.subject, ns),
    openings: { Ingress: anpOpenings(spec, 'Ingress', allow), Egress: anpOpenings(spec, 'Egress', allow) },
    ...(Number.isInteger(spec.priority) ? {
      admin: {
        priority: spec.priority,
        takes: { Ingress: anpTakes(spec, 'Ingress', allow), Egress: anpTakes(spec, 'Egress', allow) },
        everyPod: (ns: JudgedNamespace) => anpSelects(spec.subject, ns)?.startsWith('applies to every pod') === true,
      },
    } : {}),
    precedence: `an ${m.kind === 'ClusterNetworkPolicy' ? 'Admin tier ClusterNetworkPolicy\'s Accept' : 'AdminNetworkPolicy\'s Allow'} is applied before any NetworkPolicy`,
    fix: (field, ns) => `In ${object}, allow only the peers the pods need (networks of a few hosts, namespaces by name), set ${field}: Pass `
      + `(the namespace's NetworkPolicies then decide), or leave namespace '${jsString(ns.name)}' out of spec.subject.`,
  }];
}

// ---------------------------------------------------------------------------------------
// CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy (cilium.io)

const CILIUM_NAMESPACE = 'io.kubernetes.pod.namespace';
const CILIUM_NAMESPACE_LABELS = 'io.cilium.k8s.namespace.labels.';

/**
 * An endpoint's labels as Cilium selectors name them (`k8s:` or `any:` source, or none):
 * its namespace and the namespace's labels are known; `reserved:` labels are not a pod's;
 * the pod's own labels are not known.
 */
function ciliumLabels(ns: JudgedNamespace): LabelLookup {
  const nsLabels = namespaceLabels(ns);
  return (key) => {
    if (key.startsWith('reserved:')) return null;
    const k = key.replace(/^(k8s|any):/, '');
    if (k === CILIUM_NAMESPACE) return ns.name;
    if (k.startsWith(CILIUM_NAMESPACE_LABELS)) return nsLabels(k.slice(CILIUM_NAMESPACE_LABELS.length));
    return UNKNOWN_LABEL;
  };
}

/** Whether a Cilium endpoint selector names a namespace key (it then reaches beyond the policy's own namespace). */
function namesNamespace(sel: any): boolean {
  const keys = [...(isObject(sel?.matchLabels) ? Object.keys(sel.matchLabels) : []), ...asArray(sel?.matchExpressions).map((e) => e?.key)];
  return keys.some((k) => typeof k === 'string' && k.replace(/^(k8s|any):/, '') === CILIUM_NAMESPACE);
}

/** Whether a Cilium endpoint selector of a peer selects every endpoint of every namespace. */
function ciliumEveryEndpoint(sel: unknown, clusterwide: boolean): boolean {
  if (!clusterwide && !namesNamespace(sel)) return false;
  return selectorMatches(sel, (k) => (k.replace(/^(k8s|any):/, '') === CILIUM_NAMESPACE ? ANY_NAME : null), 'any') === true;
}

/**
 * The world identity a Cilium peer endpoint selector selects, when it names a `reserved:` label:
 * Cilium then adds no namespace to it (getEndpointSelector), so `reserved:world` (or
 * `reserved:world-ipv4`, `reserved:world-ipv6` in a dual-stack cluster) selects what the `world`
 * entities do, every address outside the cluster.
 */
function ciliumWorldSelected(sel: any): string | undefined {
  const keys = [...(isObject(sel?.matchLabels) ? Object.keys(sel.matchLabels) : []), ...asArray(sel?.matchExpressions).map((e) => e?.key)];
  if (!keys.some((k) => typeof k === 'string' && k.startsWith('reserved:'))) return undefined;
  return ['world', 'world-ipv4', 'world-ipv6'].find((w) => selectorMatches(sel, (k) => (k === `reserved:${w}` ? '' : null), 'any') === true);
}

const CILIUM_L3 = {
  Egress: ['toEndpoints', 'toEntities', 'toCIDR', 'toCIDRSet', 'toFQDNs', 'toServices', 'toRequires', 'toGroups', 'toNodes'],
  Ingress: ['fromEndpoints', 'fromEntities', 'fromCIDR', 'fromCIDRSet', 'fromRequires', 'fromGroups', 'fromNodes'],
} as const;

/** The first allow rule of a Cilium policy rule that opens `direction`. */
/**
 * The CIDRs of the CiliumCIDRGroups (cilium.io, cluster-scoped) a `toCIDRSet` or `fromCIDRSet`
 * entry names by `cidrGroupRef` or selects by `cidrGroupSelector` among the manifests, with the
 * field that names them and the group.
 */
function ciliumGroupCidrs(set: Record<string, any>, manifests: readonly any[]): Array<{ via: string; group: string; cidr: unknown }> {
  const cilium = (g: any) => ofGroup(g, 'cilium.io');
  let via: string;
  let named: readonly any[];
  if (typeof set.cidrGroupRef === 'string' && set.cidrGroupRef !== '') {
    via = 'cidrGroupRef';
    named = manifestsNamed(manifests, 'CiliumCIDRGroup', set.cidrGroupRef).filter(cilium);
  } else if (isObject(set.cidrGroupSelector)) {
    via = 'cidrGroupSelector';
    named = manifestsOfKind(manifests, 'CiliumCIDRGroup').filter(cilium).filter((g) => {
      const labels = isObject(g?.metadata?.labels) ? g.metadata.labels : {};
      return selectorMatches(set.cidrGroupSelector, (k) => (Object.prototype.hasOwnProperty.call(labels, k) ? jsString(labels[k]) : null), 'any') === true;
    });
  } else {
    return [];
  }
  return named.flatMap((g) => asArray(g?.spec?.externalCIDRs).map((cidr) => ({ via, group: jsString(g.metadata.name), cidr })));
}

/**
 * Why a Cilium `toServices` entry may reach the internet, or undefined when it reaches only pods:
 * Cilium allows the addresses of the Service's endpoints, which a Service without a selector
 * takes from Endpoints written by hand (any address), and an ExternalName Service from a name.
 * Only a `k8sService` naming a Service among the manifests (in the entry's namespace, else the
 * policy's) that has a selector and is not of type ExternalName reaches pods alone; a
 * `k8sServiceSelector` may select any Service.
 */
function ciliumServiceReach(service: any, place: string | undefined, manifests: readonly any[]): string | undefined {
  if (!isObject(service)) return undefined;
  if (isObject(service.k8sServiceSelector)) {
    return 'selects Services by label: Cilium allows the addresses of their endpoints, which a Service without a selector takes from Endpoints written by hand, any address';
  }
  const named = service.k8sService;
  if (!isObject(named) || typeof named.serviceName !== 'string') return undefined;
  const namespace = typeof named.namespace === 'string' && named.namespace !== '' ? named.namespace : place;
  const found = manifestsNamed(manifests, 'Service', named.serviceName).filter((m) => ofGroup(m, ''))
    .filter((m) => namespace === undefined || manifestNamespace(m) === undefined || manifestNamespace(m) === namespace);
  const pods = found.length > 0 && found.every((m) => isObject(m?.spec?.selector) && Object.keys(m.spec.selector).length > 0 && m?.spec?.type !== 'ExternalName');
  if (pods) return undefined;
  return `names Service ${namespace === undefined ? '' : `${namespace}/`}${named.serviceName}, `
    + (found.length === 0 ? 'which is not among the objects checked' : 'which has no selector (or is of type ExternalName)')
    + ': Cilium allows the addresses of its endpoints, which a Service without a selector takes from Endpoints written by hand, any address';
}

function ciliumOpening(
  rule: any, at: string, direction: Direction, clusterwide: boolean, manifests: readonly any[], place?: string,
): RuleOpening | undefined {
  const ingress = direction === 'Ingress';
  const list = ingress ? 'ingress' : 'egress';
  const prefix = ingress ? 'from' : 'to';
  const blocks = new Blocks();
  const rules = asArray(rule?.[list]);
  for (let i = 0; i < rules.length; i++) {
    const r = rules[i];
    if (!isObject(r)) continue;
    const p = `${at}.${list}[${i}]`;
    const hasL3 = CILIUM_L3[direction].some((k) => asArray(r[k]).length > 0);
    // `{}` allows nothing (Cilium's default-deny idiom); ports alone allow every peer on them
    if (!hasL3) {
      const l4 = ['toPorts', 'icmps'].find((k) => asArray(r[k]).length > 0);
      if (l4 !== undefined) {
        return { field: `${p}.${l4}`, value: JSON.stringify(r[l4]), opens: `${p} names ${l4} and no peer, so it ${ingress ? 'accepts every source' : 'reaches every destination'} on them`, scope: 'anything' };
      }
      continue;
    }
    for (const [j, entity] of asArray(r[`${prefix}Entities`]).entries()) {
      const field = `${p}.${prefix}Entities[${j}]`;
      if (entity === 'all') return { field, value: entity, opens: `${field} is all, every peer`, scope: 'anything' };
      if (entity === 'world' || entity === 'world-ipv4' || entity === 'world-ipv6') {
        return { field, value: entity, opens: `${field} is ${entity}, every address outside the cluster`, scope: 'internet' };
      }
      if (entity === 'cluster') return { field, value: entity, opens: `${field} is cluster, every endpoint of the cluster`, scope: 'cluster' };
    }
    for (const [j, sel] of asArray(r[`${prefix}Endpoints`]).entries()) {
      const field = `${p}.${prefix}Endpoints[${j}]`;
      const world = ciliumWorldSelected(sel);
      if (world !== undefined) {
        return {
          field,
          value: JSON.stringify(sel),
          opens: `${field} selects the reserved:${world} identity (Cilium adds no namespace to a selector of a reserved label), `
            + 'every address outside the cluster',
          scope: 'internet',
        };
      }
      if (ciliumEveryEndpoint(sel, clusterwide)) return { field, value: JSON.stringify(sel), opens: `${field} selects every pod of every namespace`, scope: 'cluster' };
    }
    for (const [j, cidr] of asArray(r[`${prefix}CIDR`]).entries()) {
      const o = blocks.add(`${p}.${prefix}CIDR[${j}]`, cidr, []);
      if (o !== undefined) return { ...o, value: jsString(cidr) };
    }
    for (const [j, set] of asArray(r[`${prefix}CIDRSet`]).entries()) {
      if (!isObject(set)) continue;
      if (set.cidr !== undefined && set.cidr !== null) {
        const o = blocks.add(`${p}.${prefix}CIDRSet[${j}].cidr`, set.cidr, asArray(set.except));
        if (o !== undefined) return { ...o, value: jsString(set.cidr) };
        continue;
      }
      // the CIDRs of CiliumCIDRGroups, with the entry's except
      for (const { via, group, cidr } of ciliumGroupCidrs(set, manifests)) {
        const o = blocks.add(`${p}.${prefix}CIDRSet[${j}].${via} (CiliumCIDRGroup ${group})`, cidr, asArray(set.except));
        if (o !== undefined) return { ...o, value: via === 'cidrGroupRef' ? group : JSON.stringify(set.cidrGroupSelector) };
      }
    }
    // cloud provider groups (aws security groups ...): Cilium reads their addresses from the provider, which may be public ones
    for (const [j, group] of asArray(r[`${prefix}Groups`]).entries()) {
      if (!isObject(group) || Object.keys(group).length === 0) continue;
      const field = `${p}.${prefix}Groups[${j}]`;
      return {
        field,
        value: JSON.stringify(group),
        opens: `${field} names groups of a cloud provider (${Object.keys(group).join(', ')}), whose addresses Cilium reads from the provider and which may be public ones`,
        scope: 'internet',
      };
    }
    if (!ingress) {
      for (const [j, service] of asArray(r.toServices).entries()) {
        const why = ciliumServiceReach(service, place, manifests);
        if (why === undefined) continue;
        const field = `${p}.toServices[${j}]`;
        return { field, value: JSON.stringify(service), opens: `${field} ${why}`, scope: 'internet' };
      }
      for (const [j, fqdn] of asArray(r.toFQDNs).entries()) {
        const pattern = fqdn?.matchPattern;
        const reach = typeof pattern === 'string' ? wildcardDomainReach(pattern) : undefined;
        if (reach !== undefined) {
          const field = `${p}.toFQDNs[${j}].matchPattern`;
          return { field, value: pattern, opens: `${field} is ${pattern}, ${reach}`, scope: 'internet' };
        }
      }
    }
  }
  return undefined;
}

/**
 * The names a wildcard domain pattern reaches that anyone can register (and point at any address): a Cilium
 * `toFQDNs[].matchPattern`, as Cilium (pkg/fqdn/matchpattern) reads it, trimmed and lower-cased (nothing but `*`, one or more,
 * a trailing `.` or not, is every name; a `**.` prefix is one or more whole labels, another `*` any characters within its
 * label), or a Calico Enterprise egress domain (a `*` is one or more whole labels at its place). A pattern whose top-level
 * label holds `*` reaches a name under any top-level domain (`*.*`, `example.*`), one whose label under the top-level domain
 * does (`*.com`, `**.com`, `www.*.com`) every name that label can make there; undefined for the others (`*.github.com`).
 */
export function wildcardDomainReach(pattern: string): string | undefined {
  const p = pattern.trim().toLowerCase();
  if (/^\*+\.?$/.test(p)) return 'every name';
  const labels = p.replace(/\.$/, '').split('.');
  if (labels.length < 2) return undefined;
  if (labels[labels.length - 1].includes('*')) return 'a name under any top-level domain';
  if (labels[labels.length - 2].includes('*')) return 'every name under a top-level domain';
  return undefined;
}

function ciliumUnits(m: any, manifests: readonly any[]): Unit[] {
  const clusterwide = m.kind === 'CiliumClusterwideNetworkPolicy';
  const object = objectId(m);
  const place = manifestNamespace(m);
  const rules: Array<{ rule: any; at: string }> = [];
  if (isObject(m.spec)) rules.push({ rule: m.spec, at: 'spec' });
  asArray(m.specs).forEach((rule, k) => rules.push({ rule, at: `specs[${k}]` }));
  return rules.filter(({ rule }) => isObject(rule) && isObject(rule.endpointSelector)).map(({ rule, at }) => ({
    object,
    selects: (ns: JudgedNamespace) => {
      if (!clusterwide && place !== undefined && place !== ns.name) return undefined;
      const m2 = selectorMatches(rule.endpointSelector, ciliumLabels(ns), 'any');
      if (m2 === false) return undefined;
      const where = clusterwide ? '' : place === undefined ? ` (it names no namespace, so kubectl may put it into '${jsString(ns.name)}')` : '';
      return m2 === true ? `applies to every pod of namespace '${jsString(ns.name)}'${where} (its ${at}.endpointSelector selects them all)`
        : `applies to the pods of namespace '${jsString(ns.name)}'${where} that its ${at}.endpointSelector selects (${BY_LABEL})`;
    },
    openings: {
      Ingress: listOf(ciliumOpening(rule, at, 'Ingress', clusterwide, manifests, place)),
      Egress: listOf(ciliumOpening(rule, at, 'Egress', clusterwide, manifests, place)),
    },
    precedence: 'Cilium adds what its policies allow to what NetworkPolicies allow',
    fix: (field, ns) => `In ${object}, allow only the peers the pods need (toEndpoints by label, toFQDNs of a few names, narrow CIDRs) instead of ${field}, `
      + `or select no pod of namespace '${jsString(ns.name)}' with its endpointSelector.`,
  }));
}

// ---------------------------------------------------------------------------------------
// Calico NetworkPolicy, GlobalNetworkPolicy (projectcalico.org, crd.projectcalico.org)

/**
 * A workload endpoint's labels as Calico selectors name them: its namespace
 * (`projectcalico.org/namespace`) and the namespace's labels (`pcns.<key>`) are known, the
 * pod's labels are not.
 */
function calicoEndpointLabels(ns: JudgedNamespace): LabelLookup {
  const nsLabels = namespaceLabels(ns);
  return (key) => {
    if (key === 'projectcalico.org/namespace') return ns.name;
    if (key === 'projectcalico.org/orchestrator') return 'k8s';
    if (key.startsWith('pcns.')) return nsLabels(key.slice('pcns.'.length));
    return UNKNOWN_LABEL;
  };
}

/** A namespace's labels as a Calico namespaceSelector names them: its labels and `projectcalico.org/name`. */
function calicoNamespaceLabels(ns: JudgedNamespace): LabelLookup {
  const nsLabels = namespaceLabels(ns);
  return (key) => (key === 'projectcalico.org/name' ? ns.name : nsLabels(key));
}

/** Whether a Calico selector is `all()` (or empty). */
const calicoAll = (sel: unknown): boolean => calicoSelects(sel, () => null) === true && calicoSelects(sel, () => 'x') === true;

/** Why a Calico Pass in the default tier undoes a NetworkPolicy's deny. */
const CALICO_PASS = 'a Pass in the default tier skips the rest of the tier, the NetworkPolicies Calico puts there included, and goes to the next tier '
  + 'or, when none applies to the pod, to its profiles, which allow everything';

/** The API groups of Calico's policies and network sets: its API server's, and the CRDs' it stores them as. */
const CALICO_GROUPS: readonly string[] = ['projectcalico.org', 'crd.projectcalico.org'];

/**
 * The network sets (projectcalico.org or crd.projectcalico.org) among the manifests whose nets a
 * Calico rule's peer reaches through its `selector` (with its `namespaceSelector`), as Calico
 * selects them: a GlobalNetworkPolicy's selector alone, or a `namespaceSelector` of `global()`,
 * selects GlobalNetworkSets; a NetworkPolicy's selector alone the NetworkSets of its namespace
 * (of any, when it names none); another namespaceSelector, the NetworkSets of the namespaces it
 * selects (any, as their labels are not read). A set is reached unless the selector is known not
 * to select its labels (an unreadable selector may select it).
 */
function calicoNetworkSets(peer: Record<string, any>, global: boolean, place: string | undefined, manifests: readonly any[]): any[] {
  const nsSel = peer.namespaceSelector;
  const globalSets = typeof nsSel === 'string' && nsSel.replace(/\s/g, '') === 'global()';
  const noNs = nsSel === undefined || nsSel === null || nsSel === '';
  const candidates = globalSets || (global && noNs)
    ? manifestsOfKind(manifests, 'GlobalNetworkSet')
    : manifestsOfKind(manifests, 'NetworkSet').filter((m) => !noNs || place === undefined || manifestNamespace(m) === undefined || manifestNamespace(m) === place);
  return candidates.filter((m) => CALICO_GROUPS.some((g) => ofGroup(m, g))).filter((m) => {
    const labels = isObject(m?.metadata?.labels) ? m.metadata.labels : {};
    return calicoSelects(peer.selector, (k) => (Object.prototype.hasOwnProperty.call(labels, k) ? jsString(labels[k]) : null)) !== false;
  });
}

/** The first Allow rule (or Pass rule of the default tier) of a Calico policy that opens `direction`. */
function calicoOpening(
  spec: any, direction: Direction, global: boolean, place: string | undefined, manifests: readonly any[],
): RuleOpening | undefined {
  // types as written, else Ingress, and Egress when the policy has egress rules
  if (!isolatedDirections({ policyTypes: spec.types, egress: spec.egress }).includes(direction)) return undefined;
  const ingress = direction === 'Ingress';
  const list = ingress ? 'ingress' : 'egress';
  const side = ingress ? 'source' : 'destination';
  const blocks = new Blocks();
  const rules = asArray(spec[list]);
  // Calico puts NetworkPolicies in the default tier: a Pass there skips them
  const defaultTier = spec.tier === undefined || spec.tier === null || spec.tier === '' || spec.tier === 'default';
  for (let i = 0; i < rules.length; i++) {
    const r = rules[i];
    const action = typeof r?.action === 'string' ? r.action.toLowerCase() : '';
    if (action !== 'allow' && !(action === 'pass' && defaultTier)) continue;
    const at = `spec.${list}[${i}]`;
    const found = (o: Omit<RuleOpening, 'value' | 'field'>): RuleOpening => ({ ...o, field: `${at}.action`, value: r.action, ...(action === 'pass' ? { precedence: CALICO_PASS } : {}) });
    const peer = isObject(r[side]) ? r[side] : {};
    const p = `${at}.${side}`;
    const positive = ['nets', 'selector', 'namespaceSelector', 'serviceAccounts', 'services', 'domains'].filter((k) => peer[k] !== undefined && peer[k] !== null && !(Array.isArray(peer[k]) && peer[k].length === 0));
    if (positive.length === 0) {
      const but = asArray(peer.notNets).length > 0 ? ` but its notNets ${asArray(peer.notNets).map(jsString).join(', ')}` : '';
      return found({ opens: `${p} names no peer, so it ${ingress ? 'accepts every source' : 'reaches every destination'}${but}`, scope: 'anything' });
    }
    // Calico Enterprise's DNS policy: an egress Allow to domains (alone) reaches every address their names resolve to
    const domainsReached = (domains: unknown, field: (k: number) => string): RuleOpening | undefined => {
      if (ingress || action !== 'allow') return undefined;
      for (const [k, name] of asArray(domains).entries()) {
        const reach = typeof name === 'string' ? wildcardDomainReach(name) : undefined;
        if (reach !== undefined) return found({ opens: `${field(k)} is ${name}, ${reach}`, scope: 'internet' });
      }
      return undefined;
    };
    // (nets and a selector as Go reads them: null, absent and an empty list alike)
    if (!positive.includes('nets') && !positive.includes('selector')) {
      const o = domainsReached(peer.domains, (k) => `${p}.domains[${k}]`);
      if (o !== undefined) return o;
    }
    if (positive.includes('nets')) {
      for (const [k, net] of asArray(peer.nets).entries()) {
        const o = blocks.add(`${p}.nets[${k}]`, net, asArray(peer.notNets), 'every address');
        if (o !== undefined) return found(o);
      }
      continue;
    }
    // the nets of the network sets the selector selects: reachable as if written here
    if (positive.includes('selector') || typeof peer.namespaceSelector === 'string') {
      for (const set of calicoNetworkSets(peer, global, place, manifests)) {
        const name = objectId(set);
        for (const [k, net] of asArray(set?.spec?.nets).entries()) {
          const o = blocks.add(`${p}.selector (${name} spec.nets[${k}])`, net, asArray(peer.notNets), 'every address');
          if (o !== undefined) return found(o);
        }
        const o = domainsReached(set?.spec?.allowedEgressDomains, (k) => `${p}.selector (${name} spec.allowedEgressDomains[${k}])`);
        if (o !== undefined) return o;
      }
    }
    // selectors of every namespace (and every global network set): in a GlobalNetworkPolicy a selector alone is of every namespace
    const nsAll = peer.namespaceSelector !== undefined && peer.namespaceSelector !== null
      ? calicoAll(peer.namespaceSelector)
      : global && peer.selector !== undefined;
    if (nsAll && (peer.selector === undefined || peer.selector === null || calicoAll(peer.selector)) && positive.every((k) => k === 'selector' || k === 'namespaceSelector')) {
      return found({ opens: `${p} selects every endpoint of every namespace (${positive.map((k) => `${k}: ${jsString(peer[k])}`).join(', ')})`, scope: 'cluster' });
    }
  }
  return undefined;
}

function calicoUnits(m: any, manifests: readonly any[]): Unit[] {
  const spec = m?.spec;
  if (!isObject(spec)) return [];
  const global = m.kind === 'GlobalNetworkPolicy';
  // preDNAT and doNotTrack policies apply to host endpoints only
  if (spec.preDNAT === true || spec.doNotTrack === true) return [];
  // Calico's NetworkPolicy shares its kind with Kubernetes': the group tells them apart
  const object = objectId(m, apiGroupOf(m.apiVersion));
  const place = manifestNamespace(m);
  return [{
    object,
    selects: (ns) => {
      if (!global && place !== undefined && place !== ns.name) return undefined;
      const inNamespace = global ? calicoSelects(spec.namespaceSelector, calicoNamespaceLabels(ns)) : true;
      if (inNamespace === false) return undefined;
      const bySelector = calicoSelects(spec.selector, calicoEndpointLabels(ns));
      // a serviceAccountSelector narrows by the pod's service account, which whoever creates a pod chooses
      const byAccount = calicoSelects(spec.serviceAccountSelector, () => UNKNOWN_LABEL);
      const pods = bySelector === false || byAccount === false ? false : bySelector === true && byAccount === true ? true : undefined;
      if (pods === false) return undefined;
      const where = !global && place === undefined ? ` (it names no namespace, so kubectl may put it into '${jsString(ns.name)}')` : '';
      if (inNamespace === undefined) return `may apply to the pods of namespace '${jsString(ns.name)}' (its spec.namespaceSelector cannot be read as a Calico selector)`;
      return pods === true ? `applies to every pod of namespace '${jsString(ns.name)}'${where} (its ${global ? 'spec.namespaceSelector and ' : ''}spec.selector select them all)`
        : `applies to the pods of namespace '${jsString(ns.name)}'${where} that its spec.selector selects (${BY_LABEL}), or may (it cannot be read)`;
    },
    openings: {
      Ingress: listOf(calicoOpening(spec, 'Ingress', global, manifestNamespace(m), manifests)),
      Egress: listOf(calicoOpening(spec, 'Egress', global, manifestNamespace(m), manifests)),
    },
    precedence: 'Calico applies an Allow whatever its policy\'s order (a NetworkPolicy that allows nothing takes no action on a packet, and Calico goes on to the next policy of the tier)',
    fix: (field, ns) => `In ${object}, allow only the peers the pods need (a few nets, a selector of the pods they serve) in ${field}, `
      + `or select no pod of namespace '${jsString(ns.name)}'.`,
  }];
}

// ---------------------------------------------------------------------------------------

/** The kinds read, by API group. */
const READERS: ReadonlyArray<{ kind: string; groups: readonly string[]; units: (m: any, manifests: readonly any[]) => Unit[] }> = [
  { kind: 'AdminNetworkPolicy', groups: [ANP_GROUP], units: anpUnits },
  { kind: 'ClusterNetworkPolicy', groups: [ANP_GROUP], units: anpUnits },
  { kind: 'CiliumNetworkPolicy', groups: ['cilium.io'], units: ciliumUnits },
  { kind: 'CiliumClusterwideNetworkPolicy', groups: ['cilium.io'], units: ciliumUnits },
  { kind: 'NetworkPolicy', groups: CALICO_GROUPS, units: calicoUnits },
  { kind: 'GlobalNetworkPolicy', groups: CALICO_GROUPS, units: calicoUnits },
];

/**
 * Whether a manifest is a policy of a kind NAMESPACE_DEFAULT_DENY reads besides
 * NetworkPolicies (no rule checks it by itself, but it is read).
 */
export function isClusterNetworkPolicy(manifest: any): boolean {
  return READERS.some((r) => manifest?.kind === r.kind && r.groups.some((g) => ofGroup(manifest, g)));
}

const UNITS = new WeakMap<readonly any[], Map<string, readonly Unit[]>>();

/** The policies of these kinds among the manifests that open a direction to some pods, once per set. */
function unitsOf(manifests: readonly any[]): readonly Unit[] {
  return oncePerSet(UNITS, manifests, '', () => READERS.flatMap((r) => manifestsOfKind(manifests, r.kind)
    .filter((m) => r.groups.some((g) => ofGroup(m, g)))
    .flatMap((m) => r.units(m, manifests))
    .filter((u) => (u.openings.Ingress ?? []).length > 0 || (u.openings.Egress ?? []).length > 0)));
}

/**
 * The AdminNetworkPolicies (and Admin tier ClusterNetworkPolicies) that apply to every pod of
 * `ns`: what their Deny and Pass rules take, by priority.
 */
function takersOf(manifests: readonly any[], ns: JudgedNamespace): ReadonlyArray<NonNullable<Unit['admin']>> {
  return oncePerSet(TAKERS, manifests, `${jsString(ns.name)}\0${canonicalJson(ns.labels)}`, () => READERS.slice(0, 2).flatMap((r) => manifestsOfKind(manifests, r.kind)
    .filter((m) => r.groups.some((g) => ofGroup(m, g)))
    .flatMap((m) => r.units(m, manifests))
    .flatMap((u) => (u.admin !== undefined && u.admin.everyPod(ns) ? [u.admin] : []))));
}

const TAKERS = new WeakMap<readonly any[], Map<string, ReadonlyArray<NonNullable<Unit['admin']>>>>();

/**
 * The rules of policies other than NetworkPolicies among `manifests` that let pods of
 * namespace `ns` past a NetworkPolicy that denies them all of `direction`, one per policy
 * (its first such rule), in input order. An AdminNetworkPolicy's rule is not one when an
 * AdminNetworkPolicy of a lower priority that applies to every pod of the namespace takes
 * every peer it opens (a Deny or a Pass for every port, of the peer as written).
 */
export function clusterOpenings(manifests: readonly any[], ns: JudgedNamespace, direction: Direction): Opening[] {
  const out: Opening[] = [];
  let takers: ReadonlyArray<NonNullable<Unit['admin']>> | undefined;
  for (const u of unitsOf(manifests)) {
    const openings = u.openings[direction] ?? [];
    if (openings.length === 0) continue;
    const selects = u.selects(ns);
    if (selects === undefined) continue;
    const admin = u.admin;
    let opening: RuleOpening | undefined = openings[0];
    if (admin !== undefined) {
      takers ??= takersOf(manifests, ns);
      const before = takers.filter((t) => t.priority < admin.priority);
      const taken = (peer: string) => before.some((t) => t.takes[direction].has(peer));
      opening = openings.find((o) => (o.peers ?? []).length === 0 || !(o.peers ?? []).every(taken));
    }
    if (opening === undefined) continue;
    out.push({
      object: u.object,
      field: opening.field,
      value: opening.value,
      selects,
      opens: opening.opens,
      scope: opening.scope,
      precedence: opening.precedence ?? u.precedence,
      fix: u.fix(opening.field, ns),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Egress any rule gives to pods whose labels are known in part

/** A rule of a policy other than a NetworkPolicy that may select a pod and allows it egress. */
export interface PodEgress {
  /** `CiliumNetworkPolicy/ci/exfil`, `NetworkPolicy.projectcalico.org/ci/web`. */
  readonly object: string;
  /** The field of the allowing rule, as written: `spec.egress[0]`, `spec.egress[1].action`. */
  readonly field: string;
  /** How the policy selects the pod: its selector as written, or that it names every pod of the namespace. */
  readonly selects: string;
  /** The manifest. */
  readonly manifest: any;
}

/** A pod's labels as Cilium's endpoint selectors name them: with a `k8s:` or `any:` source, its namespace and the namespace's labels. */
function ciliumPodLabels(namespace: string | undefined, pod: LabelLookup): LabelLookup {
  return (key) => {
    if (key.startsWith('reserved:')) return null;
    const k = key.replace(/^(k8s|any):/, '');
    if (k === CILIUM_NAMESPACE) return namespace ?? UNKNOWN_LABEL;
    // the namespace's labels, the service account and the other labels Cilium derives are not known
    if (k.startsWith('io.cilium.') || k.startsWith('io.kubernetes.pod.')) return UNKNOWN_LABEL;
    return pod(k);
  };
}

/** A pod's labels as Calico's selectors name them: its namespace, the namespace's labels (`pcns.`, not known), its own. */
function calicoPodLabels(namespace: string | undefined, pod: LabelLookup): LabelLookup {
  return (key) => {
    if (key === 'projectcalico.org/namespace') return namespace ?? UNKNOWN_LABEL;
    if (key === 'projectcalico.org/orchestrator') return 'k8s';
    if (key.startsWith('pcns.') || key.startsWith('projectcalico.org/')) return UNKNOWN_LABEL;
    return pod(key);
  };
}

/** A selector as written, for messages. */
const written = (at: string, sel: unknown): string => `its ${at} ${JSON.stringify(sel ?? {})}`;

/** The namespace's labels are not known, but its name label. */
const namespaceByName = (namespace: string | undefined): LabelLookup => (key) => (key === NAME_LABEL ? namespace ?? UNKNOWN_LABEL : UNKNOWN_LABEL);

function ciliumPodEgress(m: any, namespace: string | undefined, pod: LabelLookup): PodEgress[] {
  const place = manifestNamespace(m);
  if (m.kind === 'CiliumNetworkPolicy' && place !== undefined && namespace !== undefined && place !== namespace) return [];
  const rules: Array<{ rule: any; at: string }> = [];
  if (isObject(m.spec)) rules.push({ rule: m.spec, at: 'spec' });
  asArray(m.specs).forEach((rule, k) => rules.push({ rule, at: `specs[${k}]` }));
  return rules.flatMap(({ rule, at }) => {
    // a rule selects endpoints by endpointSelector (nodeSelector rules are of hosts)
    if (!isObject(rule) || !isObject(rule.endpointSelector)) return [];
    if (selectorMatches(rule.endpointSelector, ciliumPodLabels(namespace, pod), 'any') === false) return [];
    // an egress rule allows what it names; `{}` allows nothing (the default-deny idiom)
    const i = asArray(rule.egress).findIndex((r) => isObject(r)
      && ([...CILIUM_L3.Egress, 'toPorts', 'icmps'] as string[]).some((k) => asArray(r[k]).length > 0));
    return i < 0 ? [] : [{ object: objectId(m), field: `${at}.egress[${i}]`, selects: written(`${at}.endpointSelector`, rule.endpointSelector), manifest: m }];
  });
}

function calicoPodEgress(m: any, namespace: string | undefined, pod: LabelLookup): PodEgress[] {
  const spec = m?.spec;
  if (!isObject(spec) || spec.preDNAT === true || spec.doNotTrack === true) return [];
  const global = m.kind === 'GlobalNetworkPolicy';
  const place = manifestNamespace(m);
  if (!global && place !== undefined && namespace !== undefined && place !== namespace) return [];
  if (!isolatedDirections({ policyTypes: spec.types, egress: spec.egress }).includes('Egress')) return [];
  // a selector Calico's expressions cannot be read exactly from may select the pod
  const nsLabels: LabelLookup = (key) => (key === 'projectcalico.org/name' ? namespace ?? UNKNOWN_LABEL : namespaceByName(namespace)(key));
  if (global && calicoSelects(spec.namespaceSelector, nsLabels) === false) return [];
  if (calicoSelects(spec.selector, calicoPodLabels(namespace, pod)) === false) return [];
  const defaultTier = spec.tier === undefined || spec.tier === null || spec.tier === '' || spec.tier === 'default';
  const i = asArray(spec.egress).findIndex((r) => {
    const action = typeof r?.action === 'string' ? r.action.toLowerCase() : '';
    return action === 'allow' || (action === 'pass' && defaultTier);
  });
  if (i < 0) return [];
  const selects = [global ? written('spec.namespaceSelector', spec.namespaceSelector) : undefined, written('spec.selector', spec.selector)]
    .filter((s) => s !== undefined).join(' and ');
  return [{ object: objectId(m, apiGroupOf(m.apiVersion)), field: `spec.egress[${i}].action`, selects, manifest: m }];
}

function anpPodEgress(m: any, namespace: string | undefined, pod: LabelLookup): PodEgress[] {
  const spec = m?.spec;
  if (!isObject(spec)) return [];
  // the Baseline tier (BaselineAdminNetworkPolicy, a Baseline ClusterNetworkPolicy) is applied only to pods no NetworkPolicy isolates
  if (m.kind === 'ClusterNetworkPolicy' && spec.tier !== 'Admin') return [];
  const allow = m.kind === 'ClusterNetworkPolicy' ? 'Accept' : 'Allow';
  const subject = spec.subject;
  if (!isObject(subject)) return [];
  const nsLabels = namespaceByName(namespace);
  let selects: string;
  if (subject.namespaces !== undefined && subject.namespaces !== null) {
    if (selectorMatches(subject.namespaces, nsLabels) === false) return [];
    selects = written('spec.subject.namespaces', subject.namespaces);
  } else if (isObject(subject.pods)) {
    if (selectorMatches(subject.pods.namespaceSelector, nsLabels) === false || selectorMatches(subject.pods.podSelector, pod) === false) return [];
    selects = written('spec.subject.pods', subject.pods);
  } else {
    return [];
  }
  const i = asArray(spec.egress).findIndex((r) => r?.action === allow);
  return i < 0 ? [] : [{ object: objectId(m), field: `spec.egress[${i}].action`, selects, manifest: m }];
}

/**
 * The policies other than NetworkPolicies among `manifests` (the kinds
 * NAMESPACE_DEFAULT_DENY reads) that may select a pod of `namespace` (any, when undefined) with the labels
 * `pod` and allow it some egress, whatever it reaches, one per policy rule, in input order.
 * Cilium adds what its policies allow to what NetworkPolicies allow; Calico applies an Allow
 * whatever its order (and a Pass in the default tier skips the NetworkPolicies); an
 * AdminNetworkPolicy's Allow (an Admin tier ClusterNetworkPolicy's Accept) comes before any
 * NetworkPolicy. A selector that cannot be read exactly (a Calico expression, a label whose value is
 * not known) counts as selecting the pod. The Baseline tier is left out: it applies only to pods
 * that no NetworkPolicy isolates.
 */
export function podEgressAllowances(manifests: readonly any[], namespace: string | undefined, pod: LabelLookup): PodEgress[] {
  return manifests.flatMap((m): PodEgress[] => {
    if (!isClusterNetworkPolicy(m)) return [];
    if (ofGroup(m, 'cilium.io')) return ciliumPodEgress(m, namespace, pod);
    if (ofGroup(m, ANP_GROUP)) return anpPodEgress(m, namespace, pod);
    return calicoPodEgress(m, namespace, pod);
  });
}
