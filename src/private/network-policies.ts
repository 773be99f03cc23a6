/**
 * NetworkPolicies (networking.k8s.io/v1) as Kubernetes reads them: which objects are
 * NetworkPolicies, which directions a policy isolates, whether the API server admits a
 * policy as written, and whether two policies may select one pod (policies are additive:
 * a pod that several policies select may do what any of them allows).
 */
import { LabelLookup, UNKNOWN_LABEL } from './calico-selectors';
import { Cidr, isStrictSubset, parseCidr } from './cidr';
import { asArray } from './containers';
import { FieldTree, NETWORK_POLICY_FIELDS } from './field-names';
import { unknownField } from './field-walk';
import { matchesLabels, matchesLookup, readLabelSelector } from './label-selectors';
import { manifestsOfKind, oncePerSet } from './manifest-index';
import { isDns1123Label, isDns1123Subdomain, isLabelValue, isQualifiedName } from './names';
import { manifestNamespace, sameNamespace } from './namespaces';
import { jsString } from './text';

/** The one version of the API that serves NetworkPolicies (extensions/v1beta1 is gone since 1.16). */
export const NETWORK_POLICY_API_VERSION = 'networking.k8s.io/v1';

const NETWORK_POLICY_GROUP = 'networking.k8s.io/';
const DIRECTIONS = ['Ingress', 'Egress'];
/** The fields of a NetworkPolicy and of its spec (k8s.io/api, as strict field validation knows them). */
const OBJECT_FIELDS = new Set(Object.keys(NETWORK_POLICY_FIELDS as object));
const SPEC_FIELDS = new Set(Object.keys((NETWORK_POLICY_FIELDS as Record<string, FieldTree>).spec as object));

const isObject = (x: unknown): x is Record<string, any> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Whether a manifest is a Kubernetes NetworkPolicy: kind NetworkPolicy of the
 * networking.k8s.io group (any version: a wrong one is the API server's to refuse), not a
 * network plugin's policy of the same kind (Calico's projectcalico.org, for instance).
 */
export function isNetworkPolicy(manifest: any): boolean {
  return manifest?.kind === 'NetworkPolicy' && typeof manifest.apiVersion === 'string' && manifest.apiVersion.startsWith(NETWORK_POLICY_GROUP);
}

/**
 * The directions a NetworkPolicy isolates the pods it selects in, as the API server
 * defaults `policyTypes`: as written when set; otherwise Ingress always, and Egress when
 * the policy has egress rules.
 */
export function isolatedDirections(spec: any): string[] {
  const written = asArray(spec?.policyTypes).map(jsString);
  if (written.length > 0) return written;
  return asArray(spec?.egress).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** Whether a policy's egress rules take effect: it isolates its pods for egress (rules of a policy that does not are ignored). */
export function isolatesEgress(policy: any): boolean {
  return isolatedDirections(policy?.spec).includes('Egress');
}

/**
 * Whether a `ports` entry allows DNS only: port 53 over UDP or TCP (the default protocol),
 * with no endPort beyond it. A named port, another protocol or a range is not.
 */
export function isDnsPort(p: any): boolean {
  const protocol = p?.protocol === undefined || p?.protocol === null ? 'TCP' : p.protocol;
  return (protocol === 'UDP' || protocol === 'TCP') && p?.port === 53 && (p.endPort === undefined || p.endPort === null || p.endPort === 53);
}

/** A port entry's protocol, as the API server defaults it (TCP). */
export const protocolOf = (p: any): string => (p?.protocol === undefined || p?.protocol === null ? 'TCP' : jsString(p.protocol));

/** A port entry in words: `443/TCP`, `8000-8080/TCP`, `named port dns/UDP`, `every UDP port`. */
export function describePort(p: any): string {
  const proto = protocolOf(p);
  if (p?.port === undefined || p?.port === null) return `every ${proto} port`;
  if (typeof p.port === 'string') return `named port ${p.port}/${proto}`;
  const port = jsString(p.port);
  return p.endPort !== undefined && p.endPort !== null && p.endPort !== p.port ? `${port}-${jsString(p.endPort)}/${proto}` : `${port}/${proto}`;
}

/** Whether an egress or ingress rule allows DNS only: it lists ports (none is every port) and each is {@link isDnsPort}. */
export function allowsDnsOnly(rule: any): boolean {
  const ports = asArray(rule?.ports);
  return ports.length > 0 && ports.every(isDnsPort);
}


/** Why `ValidateObjectMeta` refuses the labels or annotations (a value that is no string fails to decode), if it does. */
function badMetadataMap(map: unknown, field: 'labels' | 'annotations'): string | undefined {
  if (map === undefined || map === null) return undefined;
  if (!isObject(map)) return `its ${field} are not a map`;
  for (const [key, value] of Object.entries(map)) {
    // ValidateAnnotations lower-cases a key before it checks it; a null value decodes as ""
    if (!isQualifiedName(field === 'annotations' ? key.toLowerCase() : key)) return `its ${field.slice(0, -1)} key ${JSON.stringify(key)} is not a qualified name`;
    if (value === null) continue;
    if (typeof value !== 'string') return `its ${field.slice(0, -1)} ${JSON.stringify(key)} is ${JSON.stringify(value)}, not a string`;
    if (field === 'labels' && !isLabelValue(value)) {
      return `its label ${JSON.stringify(key)} has the value ${JSON.stringify(value)}, which is not a label value`;
    }
  }
  return undefined;
}

/**
 * Why the API server (with kubectl's strict field validation) refuses a NetworkPolicy as
 * written, if it does, as far as a policy that denies traffic could be refused: another
 * version than networking.k8s.io/v1, a name that is not a DNS subdomain, a namespace that
 * is not a DNS label (a policy with only `generateName` is named by the API server from it on
 * `kubectl create`: refused only where that name would be, or, without `surely`, as
 * `kubectl apply` refuses it), labels or annotations `ValidateObjectMeta` refuses, `policyTypes`
 * with more than two entries or one that is not Ingress or Egress, a field the object or
 * its spec does not have. Undefined when none of these holds. With `surely`, only what the API
 * server refuses whoever applies the policy: not a field the object does not have (kubectl's
 * strict field validation refuses it, but a client that asks for Warn or Ignore has the field
 * dropped and the rest stored), nor a CIDR only strict IP validation refuses (a cluster without
 * the StrictIPCIDRValidation feature gate stores it): what a policy that opens is judged by.
 */
export function refusedAsWritten(policy: any, surely = false): string | undefined {
  if (policy?.apiVersion !== NETWORK_POLICY_API_VERSION) return `its apiVersion is not ${NETWORK_POLICY_API_VERSION}`;
  const name = policy.metadata?.name;
  const generateName = policy.metadata?.generateName;
  if ((name === undefined || name === null || name === '') && typeof generateName === 'string' && generateName !== '') {
    // The API server names it before it validates (BeforeCreate: SimpleNameGenerator keeps the first 58 characters and adds 5
    // random lower-case alphanumerics; ValidateObjectMeta also validates generateName as a prefix, a trailing '-' allowed), which
    // `kubectl create` asks for; `kubectl apply` refuses an object without a name
    if (!surely) return `it has no name, only generateName ${JSON.stringify(generateName)}, which kubectl apply refuses (kubectl create names it)`;
    if (!isDns1123Subdomain(generateName.replace(/-$/, 'a')) || !isDns1123Subdomain(`${generateName.slice(0, 58)}bcdfg`)) {
      return `its generateName ${JSON.stringify(generateName)} does not make a DNS-1123 subdomain`;
    }
  } else if (!isDns1123Subdomain(name)) {
    return `its name ${JSON.stringify(name ?? null)} is not a DNS-1123 subdomain`;
  }
  const namespace = policy.metadata?.namespace;
  if (namespace !== undefined && namespace !== null && namespace !== '' && (typeof namespace !== 'string' || !isDns1123Label(namespace))) {
    return `its namespace ${JSON.stringify(namespace)} is not a DNS-1123 label`;
  }
  const meta = badMetadataMap(policy.metadata?.labels, 'labels') ?? badMetadataMap(policy.metadata?.annotations, 'annotations');
  if (meta !== undefined) return meta;
  const unknown = surely ? undefined : Object.keys(policy).find((k) => !OBJECT_FIELDS.has(k));
  if (unknown !== undefined) return `it has no field '${unknown}'`;
  const spec = policy.spec;
  if (spec !== undefined && spec !== null && !isObject(spec)) return 'its spec is not an object';
  const unknownInSpec = surely ? undefined : Object.keys(spec ?? {}).find((k) => !SPEC_FIELDS.has(k));
  if (unknownInSpec !== undefined) return `its spec has no field '${unknownInSpec}'`;
  const fields = NETWORK_POLICY_FIELDS as Record<string, FieldTree>;
  const nested = surely ? undefined : unknownField(policy.metadata, fields.metadata, 'metadata') ?? unknownField(spec, fields.spec, 'spec');
  if (nested !== undefined) return `its ${nested.at} has no field '${nested.key}'`;
  const types = spec?.policyTypes;
  if (types !== undefined && types !== null && !Array.isArray(types)) return 'its policyTypes is not a list';
  if (asArray(types).length > 2) return 'its policyTypes has more than two entries';
  const bad = asArray(types).find((t) => !DIRECTIONS.includes(t));
  if (bad !== undefined) return `its policyTypes holds ${JSON.stringify(bad)}, not Ingress or Egress`;
  return refusedSpec(spec, surely);
}

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

/** IANA_SVC_NAME, as the API server validates a named port (apimachinery `IsValidPortName`). */
export function isPortName(s: string): boolean {
  return s.length >= 1 && s.length <= 15 && /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(s) && /[a-z]/.test(s) && !s.includes('--');
}

const isPortNumber = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= 65535;
const notList = (x: unknown): boolean => x !== undefined && x !== null && !Array.isArray(x);

/**
 * Why `ValidateLabelSelector` refuses a selector at `at`, if it does (label-selectors.ts; a null
 * one is absent, which each field reads its own way). A policy with one is refused whole: for
 * NAMESPACE_DEFAULT_DENY it denies nothing (the direction that credits nothing).
 */
function refusedSelector(selector: unknown, at: string, surely = false): string | undefined {
  const read = readLabelSelector(surely ? knownSelectorFields(selector) : selector, at);
  return read.kind === 'refused' ? read.why : undefined;
}

/** A label selector without the fields it does not have, as a client that asks for Warn or Ignore field validation has it stored. */
function knownSelectorFields(selector: unknown): unknown {
  if (!isObject(selector)) return selector;
  const pick = (o: Record<string, any>, keys: readonly string[]) => Object.fromEntries(Object.entries(o).filter(([k]) => keys.includes(k)));
  const kept = pick(selector, ['matchLabels', 'matchExpressions']);
  if (Array.isArray(kept.matchExpressions)) {
    kept.matchExpressions = kept.matchExpressions.map((e: unknown) => (isObject(e) ? pick(e, ['key', 'operator', 'values']) : e));
  }
  return kept;
}

/**
 * A CIDR of an ipBlock as the API server validates it: parsed as ParseCIDRSloppy does, and
 * refused when it does not parse or when strict IP validation (StrictIPCIDRValidation) would
 * refuse it (leading zeros, IPv4-mapped IPv6, bits beyond the prefix): where the feature gate
 * is on the policy is not created, so it is not counted on.
 */
function validCidr(text: unknown, at: string, surely = false): { cidr?: Cidr; why?: string } {
  if (text === undefined || text === null || text === '') return { why: `its ${at} is missing` };
  const cidr = parseCidr(text);
  if (cidr === undefined) return { why: `its ${at} ${JSON.stringify(text)} is not a CIDR block` };
  if (cidr.ambiguities.length > 0 && !surely) return { why: `its ${at} ${JSON.stringify(text)} is refused under strict IP validation (StrictIPCIDRValidation)` };
  return { cidr };
}

/** Why `ValidateNetworkPolicyPeer` refuses a peer at `at`, if it does. */
function refusedPeer(peer: unknown, at: string, surely = false): string | undefined {
  // a null peer decodes as one with no field set
  if (peer !== null && !isObject(peer)) return `its ${at} is not a peer`;
  const p: Record<string, any> = peer ?? {};
  const set = (k: string) => p[k] !== undefined && p[k] !== null;
  if (!set('ipBlock') && !set('podSelector') && !set('namespaceSelector')) return `its ${at} names no peer (podSelector, namespaceSelector or ipBlock)`;
  if (set('ipBlock') && (set('podSelector') || set('namespaceSelector'))) {
    return `its ${at} sets ipBlock with ${['podSelector', 'namespaceSelector'].filter(set).join(' and ')}`;
  }
  for (const k of ['podSelector', 'namespaceSelector']) {
    const why = refusedSelector(p[k], `${at}.${k}`, surely);
    if (why !== undefined) return why;
  }
  if (!set('ipBlock')) return undefined;
  if (!isObject(p.ipBlock)) return `its ${at}.ipBlock is not an ipBlock`;
  const block = validCidr(p.ipBlock.cidr, `${at}.ipBlock.cidr`, surely);
  if (block.cidr === undefined) return block.why;
  if (notList(p.ipBlock.except)) return `its ${at}.ipBlock.except is not a list`;
  for (const [i, text] of asArray(p.ipBlock.except).entries()) {
    const except = validCidr(text, `${at}.ipBlock.except[${i}]`, surely);
    if (except.cidr === undefined) return except.why;
    if (!isStrictSubset(block.cidr, except.cidr)) {
      return `its ${at}.ipBlock.except[${i}] ${JSON.stringify(text)} is not a strict subset of its cidr ${JSON.stringify(p.ipBlock.cidr)}`;
    }
  }
  return undefined;
}

/** Why `ValidateNetworkPolicyPort` refuses a port entry at `at`, if it does (a null entry has no field set). */
function refusedPort(entry: unknown, at: string): string | undefined {
  if (entry !== null && !isObject(entry)) return `its ${at} is not a port entry`;
  const p: Record<string, any> = entry ?? {};
  const set = (k: string) => p[k] !== undefined && p[k] !== null;
  if (set('protocol') && !PROTOCOLS.includes(p.protocol)) return `its ${at}.protocol ${JSON.stringify(p.protocol)} is not TCP, UDP or SCTP`;
  if (set('endPort') && typeof p.port !== 'number') return `its ${at}.endPort is set without a numbered port`;
  if (!set('port')) return undefined;
  if (typeof p.port === 'string') return isPortName(p.port) ? undefined : `its ${at}.port ${JSON.stringify(p.port)} is not a port name`;
  if (!isPortNumber(p.port)) return `its ${at}.port ${JSON.stringify(p.port)} is not a port from 1 to 65535`;
  if (set('endPort') && (!isPortNumber(p.endPort) || p.endPort < p.port)) return `its ${at}.endPort ${JSON.stringify(p.endPort)} is not a port from ${p.port} to 65535`;
  return undefined;
}

/**
 * Why `ValidateNetworkPolicySpec` refuses a spec's podSelector and rules, if it does: every
 * rule of both directions is validated, whichever directions the policy isolates (a rule
 * that is not an object, `from`, `to` or `ports` that is not a list, a peer, port entry or
 * label selector the API server refuses).
 */
function refusedSpec(spec: any, surely = false): string | undefined {
  const selector = refusedSelector(spec?.podSelector, 'spec.podSelector', surely);
  if (selector !== undefined) return selector;
  for (const [field, peers] of [['ingress', 'from'], ['egress', 'to']] as const) {
    if (notList(spec?.[field])) return `its spec.${field} is not a list`;
    for (const [i, rule] of asArray(spec?.[field]).entries()) {
      const at = `spec.${field}[${i}]`;
      // a null rule decodes as {}
      if (rule !== null && !isObject(rule)) return `its ${at} is not a rule`;
      for (const list of [peers, 'ports'] as const) if (notList(rule?.[list])) return `its ${at}.${list} is not a list`;
      for (const [j, port] of asArray(rule?.ports).entries()) {
        const why = refusedPort(port, `${at}.ports[${j}]`);
        if (why !== undefined) return why;
      }
      for (const [j, peer] of asArray(rule?.[peers]).entries()) {
        const why = refusedPeer(peer, `${at}.${peers}[${j}]`, surely);
        if (why !== undefined) return why;
      }
    }
  }
  return undefined;
}

/** What a label selector asks of one label key. */
interface KeyTerms {
  /** The values it allows, when it pins them (matchLabels and `In` intersect). */
  in?: Set<string>;
  readonly notIn: Set<string>;
  exists: boolean;
  doesNotExist: boolean;
}

/**
 * The terms of label selectors ANDed together, per key (label-selectors.ts reads each); undefined
 * when one of them is a selector the API server refuses (the caller then assumes it may select any
 * pod: for the rules, a pod two policies may share counts against the input).
 */
function terms(selectors: readonly unknown[]): Map<string, KeyTerms> | undefined {
  const out = new Map<string, KeyTerms>();
  const of = (key: string): KeyTerms => {
    let t = out.get(key);
    if (t === undefined) out.set(key, t = { notIn: new Set(), exists: false, doesNotExist: false });
    return t;
  };
  const pin = (t: KeyTerms, values: readonly string[]) => {
    t.in = t.in === undefined ? new Set(values) : new Set(values.filter((v) => t.in!.has(v)));
  };
  for (const sel of selectors) {
    const read = readLabelSelector(sel, 'podSelector');
    if (read.kind === 'absent') continue;
    if (read.kind === 'refused') return undefined;
    for (const r of read.selector.requirements) {
      const t = of(r.key);
      switch (r.operator) {
        case 'In': pin(t, r.values); break;
        case 'NotIn': r.values.forEach((v) => t.notIn.add(v)); break;
        case 'Exists': t.exists = true; break;
        default: t.doesNotExist = true;
      }
    }
  }
  return out;
}

/**
 * Whether some pod could carry labels that every one of the label selectors matches (an
 * absent selector matches every pod). Only what the selectors say is known, not the
 * labels of actual pods: selectors are disjoint only when they pin one key to values
 * nothing satisfies together (matchLabels, In, NotIn, Exists, DoesNotExist).
 */
export function maySelectOnePod(...selectors: unknown[]): boolean {
  const all = terms(selectors);
  if (all === undefined) return true;
  for (const t of all.values()) {
    const allowed = t.in === undefined ? undefined : [...t.in].filter((v) => !t.notIn.has(v));
    if (allowed !== undefined && allowed.length === 0) return false;
    if (t.doesNotExist && (t.exists || allowed !== undefined)) return false;
  }
  return true;
}

/**
 * Whether a label selector selects a pod with exactly these labels, as apimachinery's
 * `LabelSelectorAsSelector` reads it (label-selectors.ts): every matchLabels entry and expression
 * holds (an absent selector and `{}` select every pod; a null value is ""). Undefined for a
 * selector the API server refuses: its policy is refused whole, and each caller says what that
 * means for it.
 */
export function selectsLabels(selector: unknown, labels: Readonly<Record<string, string>>): boolean | undefined {
  const read = readLabelSelector(selector, 'podSelector');
  if (read.kind === 'absent') return true;
  return read.kind === 'selector' ? matchesLabels(read.selector, labels) : undefined;
}

/**
 * Whether a podSelector selects a pod whose labels are known in part (`selectsLabels` for a
 * lookup): false when a requirement surely fails, undefined when none does but one depends on a
 * label value not known, or when the API server refuses the selector; else true. `present` says
 * which labels of unknown value the pod surely carries (Exists holds of them, DoesNotExist fails).
 */
export function selectsLookup(selector: unknown, labels: LabelLookup, present: (key: string) => boolean = () => false): boolean | undefined {
  const read = readLabelSelector(selector, 'podSelector');
  if (read.kind === 'absent') return true;
  if (read.kind !== 'selector') return undefined;
  const carried = (key: string) => labels(key) === UNKNOWN_LABEL && present(key);
  const onCarried = read.selector.requirements.filter((r) => carried(r.key));
  if (onCarried.some((r) => r.operator === 'DoesNotExist')) return false;
  const others = matchesLookup({ ...read.selector, requirements: read.selector.requirements.filter((r) => !carried(r.key)) }, labels);
  if (others === false) return false;
  return onCarried.some((r) => r.operator === 'In' || r.operator === 'NotIn') ? undefined : others;
}

const IN_NAMESPACE = new WeakMap<readonly any[], Map<string | undefined, readonly any[]>>();

/**
 * The NetworkPolicies checked together that isolate egress and may be in `policy`'s
 * namespace (its own, or none: an object without a namespace may be applied to any), itself
 * included, in input order; computed once per namespace and set of manifests. What they
 * allow together bounds what the policies that select one of its pods allow together.
 */
export function egressPoliciesInNamespaceOf(policy: any, manifests: readonly any[]): readonly any[] {
  const ns = manifestNamespace(policy);
  return oncePerSet(IN_NAMESPACE, manifests, ns, () => manifestsOfKind(manifests, 'NetworkPolicy')
    .filter((p) => isNetworkPolicy(p) && isolatesEgress(p) && sameNamespace(manifestNamespace(p), ns)));
}

/**
 * The other NetworkPolicies checked with `policy` whose egress rules may reach one of its
 * pods: NetworkPolicies that isolate egress, in a namespace that may be its own (an object
 * without a namespace may be applied to any), with a podSelector that may select a pod
 * `policy` selects. In input order.
 */
export function egressPoliciesSharingPods(policy: any, manifests: readonly any[]): any[] {
  return egressPoliciesInNamespaceOf(policy, manifests).filter((other) => other !== policy
    && maySelectOnePod(policy?.spec?.podSelector, other?.spec?.podSelector));
}

/** `NetworkPolicy/<name>` or `NetworkPolicy/<namespace>/<name>`, for messages. */
export function policyId(policy: any): string {
  const ns = manifestNamespace(policy);
  const name = policy?.metadata?.name;
  return `NetworkPolicy/${ns !== undefined ? `${ns}/` : ''}${jsString(name === undefined || name === null || name === '' ? policy?.metadata?.generateName ?? '' : name)}`;
}

/** The policies that add up with one, for a finding's value: the first four by policyId, then how many there are in all. */
export function addingPoliciesText(policies: readonly any[]): string {
  const shown = policies.slice(0, 4).map(policyId);
  return policies.length > shown.length ? `${shown.join(', ')} … (${policies.length} policies)` : shown.join(', ');
}
