import { NAMESPACE_NAME_LABEL } from '../../private/annotations';
import { asArray } from '../../private/containers';
import { readLabelSelector, selectorValue } from '../../private/label-selectors';
import { oncePerSet } from '../../private/manifest-index';
import { manifestNamespace } from '../../private/namespaces';
import { addingPoliciesText, allowsDnsOnly, describePort, egressPoliciesInNamespaceOf, egressPoliciesSharingPods, isDnsPort, isNetworkPolicy, isolatesEgress, NETWORK_POLICY_API_VERSION, policyId, protocolOf, refusedAsWritten } from '../../private/network-policies';
import { jsString } from '../../private/text';
import { Severity } from '../rule';
import { manifestRule, Problem, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

/** One egress rule may allow at most this many ports of one protocol. */
const MAX_PORTS = 1024;
const KUBE_SYSTEM = 'kube-system';
const REJECTED = 'so the API server rejects the object';

const isObject = (x: unknown): x is Record<string, any> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** `positive` when a label selector requires some label value (matchLabels or `In`); `open` when it matches by absence or exclusion only. */
function selectorKind(sel: unknown): 'absent' | 'open' | 'positive' {
  if (sel === undefined || sel === null) return 'absent';
  if (!isObject(sel)) return 'open';
  const labels = isObject(sel.matchLabels) ? Object.keys(sel.matchLabels) : [];
  const inTerms = asArray(sel.matchExpressions).filter((e) => e?.operator === 'In' && asArray(e.values).length > 0);
  return labels.length > 0 || inTerms.length > 0 ? 'positive' : 'open';
}

/** The values a selector allows for one label key, if it pins them (matchLabels and `In` terms intersect). */
function pinned(sel: Record<string, any>, key: string): Set<string> | undefined {
  let values: Set<string> | undefined;
  const keep = (vs: unknown[]) => {
    // a null value is "", as the API server decodes it (label-selectors.ts)
    const next = new Set(vs.map((v) => selectorValue(v) ?? jsString(v)));
    values = values === undefined ? next : new Set([...values].filter((v) => next.has(v)));
  };
  if (isObject(sel.matchLabels) && key in sel.matchLabels) keep([sel.matchLabels[key]]);
  for (const e of asArray(sel.matchExpressions)) if (e?.key === key && e?.operator === 'In') keep(asArray(e.values));
  return values;
}

/** Whether a positive namespace selector may select kube-system: by its name label, or any label with that value. */
function namesKubeSystem(sel: Record<string, any>): boolean {
  const names = pinned(sel, NAMESPACE_NAME_LABEL);
  if (names !== undefined) return names.has(KUBE_SYSTEM);
  const labelValues = isObject(sel.matchLabels) ? Object.values(sel.matchLabels) : [];
  const inValues = asArray(sel.matchExpressions).filter((e) => e?.operator === 'In').flatMap((e) => asArray(e.values));
  return [...labelValues, ...inValues].includes(KUBE_SYSTEM);
}

/** OpenShift's DNS: the DNS operator's CoreDNS pods in this namespace listen on this port (their Service `dns-default` sends 53 there). */
const OPENSHIFT_DNS = 'openshift-dns';
const OPENSHIFT_DNS_PORT = 5353;

/**
 * Whether an egress rule allows DNS only: port 53 (`allowsDnsOnly`), or OpenShift's, 5353/UDP and 5353/TCP to peers that
 * are all in namespace openshift-dns by its name label (`DnsServer.openShift()` writes it), where nothing else listens.
 */
function allowsClusterDnsOnly(rule: any): boolean {
  if (allowsDnsOnly(rule)) return true;
  const ports = asArray(rule?.ports);
  const to = asArray(rule?.to);
  return ports.length > 0 && to.length > 0
    && ports.every((p) => ['UDP', 'TCP'].includes(protocolOf(p)) && p?.port === OPENSHIFT_DNS_PORT && (p.endPort === undefined || p.endPort === null || p.endPort === OPENSHIFT_DNS_PORT))
    && to.every((peer) => {
      const names = isObject(peer) && (peer.ipBlock === undefined || peer.ipBlock === null) && isObject(peer.namespaceSelector)
        ? pinned(peer.namespaceSelector, NAMESPACE_NAME_LABEL) : undefined;
      return names !== undefined && [...names].every((n) => n === OPENSHIFT_DNS);
    });
}


/** Whether a field is set (not null) to something other than a list, which the API server refuses to decode. */
const notList = (x: unknown): boolean => x !== undefined && x !== null && !Array.isArray(x);

/**
 * The finding of a policy the API server refuses whoever applies it (`refusedAsWritten` surely: its metadata, or any
 * rule of either direction, whichever it isolates), whose egress rules would otherwise be read: it is never stored, so
 * they allow and isolate nothing. None where the refusal is its apiVersion (SERVED_KINDS reports it), nor for a policy
 * without egress rules (a refused deny is NAMESPACE_DEFAULT_DENY's to report) or whose egress rules are ignored (it isolates
 * ingress only), unless it names Egress misspelled in policyTypes.
 */
function refusedPolicy(policy: any, why: string): Problem[] {
  if (policy.apiVersion !== NETWORK_POLICY_API_VERSION) return [];
  const egress = policy.spec?.egress;
  // Egress misspelled in policyTypes (`egress`) is what refuses a policy meant to isolate egress
  const misspelled = [policy.spec?.policyTypes].flat().some((t) => typeof t === 'string' && t !== 'Egress' && t.trim().toLowerCase() === 'egress');
  if (!(misspelled || notList(egress) || (isolatesEgress(policy) && asArray(egress).length > 0))) return [];
  return [{
    property: 'NetworkPolicy',
    value: policyId(policy),
    problem: `is refused by the API server whoever applies it: ${why}, so it is never stored and its egress rules allow nothing `
      + '(the pods it selects are left to the other policies: held to what they allow where one isolates them, unrestricted where none does)',
    fix: `Correct what the API server refuses in ${policyId(policy)} (${why}); it validates the metadata and every rule of both directions, `
      + 'whichever the policy isolates, and refuses the whole policy for one mistake.',
  }];
}

/** A range of ports of one protocol, as written. */
interface PortRange {
  readonly text: string;
  readonly from: number;
  readonly to: number;
}

/** How many ports the ranges cover together (overlaps counted once). */
function portCount(ranges: readonly PortRange[]): number {
  let count = 0;
  let next = 0;
  for (const r of [...ranges].sort((a, b) => a.from - b.from)) {
    const from = Math.max(r.from, next);
    if (r.to >= from) count += r.to - from + 1;
    next = Math.max(next, r.to + 1);
  }
  return count;
}

const ADD_UP_FIX = 'Allow only the ports the pods need: an allowance of one task (PipelineTask.allowEgressTo) adds to what the pipeline-wide policy allows its pods.';

const portText = (count: number, proto: string) => (count === 65535 ? `every ${proto} port` : `${count} ${proto} ports`);

/** The numbered port ranges of one egress rule of a policy the API server stores, per protocol (named ports and entries without a port left out). */
function ruleRanges(rule: any): Map<string, PortRange[]> {
  const out = new Map<string, PortRange[]>();
  asArray(rule?.ports).forEach((written) => {
    const p = written === null ? {} : written;
    if (typeof p.port !== 'number') return;
    const proto = protocolOf(p);
    const end = p.endPort === undefined || p.endPort === null ? p.port : p.endPort;
    out.set(proto, [...out.get(proto) ?? [], { text: describePort(p), from: p.port, to: end }]);
  });
  return out;
}

/** The ports one policy's egress rules allow together, per protocol, and whether it is within the limit by itself (each rule and all of them). */
interface PolicyPorts {
  /** The numbered port ranges of each egress rule, in order. */
  readonly perRule: ReadonlyArray<Map<string, PortRange[]>>;
  readonly ranges: Map<string, PortRange[]>;
  /** Some rule is over the limit by itself (reported with the rule). */
  readonly ruleOver: boolean;
  readonly withinLimit: boolean;
}

function policyPorts(policy: any): PolicyPorts {
  const ranges = new Map<string, PortRange[]>();
  let ruleOver = false;
  // a policy the API server refuses whoever applies it is never stored: it allows no port, alone or added up with others
  if (!isolatesEgress(policy) || refusedAsWritten(policy, true) !== undefined) return { perRule: [], ranges, ruleOver, withinLimit: true };
  // a rule that allows DNS only (port 53, or OpenShift's 5353 in openshift-dns) adds no port worth counting: the pipeline's DNS
  // policy selects every task's pods
  const perRule = asArray(policy?.spec?.egress).map((rule) => (allowsClusterDnsOnly(rule) ? new Map<string, PortRange[]>() : ruleRanges(rule)));
  for (const rule of perRule) {
    for (const [proto, rs] of rule) {
      if (portCount(rs) > MAX_PORTS) ruleOver = true;
      const list = ranges.get(proto);
      if (list === undefined) ranges.set(proto, [...rs]);
      else list.push(...rs);
    }
  }
  const withinLimit = !ruleOver && ![...ranges.values()].some((rs) => portCount(rs) > MAX_PORTS);
  return { perRule, ranges, ruleOver, withinLimit };
}

/** Each policy's ports, computed once per set of manifests checked together. */
const PORTS = new WeakMap<readonly any[], Map<any, PolicyPorts>>();
function portsIn(manifests: readonly any[], policy: any): PolicyPorts {
  return oncePerSet(PORTS, manifests, policy, () => policyPorts(policy));
}

/**
 * Whether the policies within the limit that may share `policy`'s namespace allow more than
 * 1024 ports of a protocol together (once per namespace and set of manifests): what they
 * allow bounds what the ones that select one of its pods allow, so the pairs are looked at
 * only then.
 */
const BOUNDS = new WeakMap<readonly any[], Map<string | undefined, boolean>>();
function namespaceMayExceed(manifests: readonly any[], policy: any): boolean {
  return oncePerSet(BOUNDS, manifests, manifestNamespace(policy), () => {
    const bound = new Map<string, PortRange[]>();
    for (const p of egressPoliciesInNamespaceOf(policy, manifests)) {
      const ports = portsIn(manifests, p);
      if (!ports.withinLimit) continue;
      for (const [proto, rs] of ports.ranges) {
        const list = bound.get(proto);
        if (list === undefined) bound.set(proto, [...rs]);
        else list.push(...rs);
      }
    }
    return [...bound.values()].some((rs) => portCount(rs) > MAX_PORTS);
  });
}

/**
 * Findings for ports that add up past the limit across the rules of the policy and, as
 * policies are additive, across the policies that may select the same pods (each only
 * when none of its parts is past the limit by itself: that is reported where it is).
 */
function portsTogether(policy: any, own: PolicyPorts, manifests: readonly any[] | undefined): Problem[] {
  const problems: Problem[] = [];
  if (own.ruleOver) return problems;
  for (const [proto, rs] of own.ranges) {
    const count = portCount(rs);
    if (count <= MAX_PORTS) continue;
    problems.push({
      property: 'egress',
      value: rs.map((r) => r.text).join(', '),
      problem: `the rules together allow ${portText(count, proto)}; the rules of one policy may allow at most ${MAX_PORTS} ports of a protocol together (rules are alternatives: a pod may use any of them)`,
      fix: 'Allow only the ports the pods need.',
    });
  }
  if (manifests === undefined || !own.withinLimit) return problems;
  if (!namespaceMayExceed(manifests, policy)) return problems;
  const others = egressPoliciesSharingPods(policy, manifests)
    .map((p) => ({ policy: p, ports: portsIn(manifests, p) }))
    .filter((o) => o.ports.withinLimit);
  for (const [proto, rs] of own.ranges) {
    const adding = others.filter((o) => (o.ports.ranges.get(proto) ?? []).length > 0);
    if (adding.length === 0) continue;
    const count = portCount([...rs, ...adding.flatMap((o) => o.ports.ranges.get(proto)!)]);
    if (count <= MAX_PORTS) continue;
    problems.push({
      property: 'egress',
      value: addingPoliciesText(adding.map((o) => o.policy)),
      problem: `add up with this policy's ports, as ${adding.length === 1 ? 'it may select' : 'they may select'} the same pods (policies are additive): together they allow ${portText(count, proto)}; `
        + `the policies that select one pod may allow at most ${MAX_PORTS} ports of a protocol together`,
      fix: ADD_UP_FIX,
    });
  }
  return problems;
}

/** Every egress rule names narrow destinations and ports. */
export const EGRESS_SCOPED = manifestRule(
  {
    id: RuleId.EGRESS_SCOPED,
    severity: Severity.MEDIUM,
    title: 'Egress rules name narrow destinations and ports, and reach kube-system for DNS only',
    rationale: 'In a NetworkPolicy each of these silently widens an allow-list: a rule without `to` allows every destination; one without `ports` every port; '
      + 'a port entry without `port` every port of its protocol; a namespaceSelector that is empty or matches only by exclusion (Exists, NotIn, DoesNotExist) '
      + 'the pods of every namespace, present and future; port ranges of one protocol that together span more than 1024 ports nearly every service, '
      + 'whether one rule, several rules (alternatives) or several policies that select the same pods (policies are additive) allow them. '
      + 'A named port (`port: "dns"`) matches whatever port the destination pods give that name, so it is allowed only when every peer of the rule '
      + 'pins its pods by label (a podSelector with matchLabels or In) in named namespaces; an ipBlock has no port names. Egress may reach kube-system '
      + '(a namespace selected by its kubernetes.io/metadata.name label or by any label with the value kube-system) on 53/UDP and 53/TCP only: its other '
      + 'pods hold cluster credentials. SCTP is scoped like TCP and UDP. A policy the API server refuses (an invalid name, a port, peer, CIDR or label selector it refuses, '
      + 'in either direction) is never stored, so its egress rules allow nothing: it is one finding, and its rules are not judged.',
    fix: 'Give each allowance a peer and at least one port.',
    decidesFrom:
      'Every `spec.egress` rule of NetworkPolicies (networking.k8s.io) that isolate egress (`policyTypes` as the API server '
      + 'defaults it; the egress rules of a policy that does not are ignored): an empty `to` or `ports`; a port entry without '
      + '`port` (a null entry is one); a namespaceSelector that is empty or matches by Exists, NotIn or DoesNotExist only; ports of one protocol (TCP, UDP or SCTP) '
      + 'that together span more than 1024 in one rule, in the rules of one policy, or in the policies that may select one pod '
      + '(same namespace, or either without one, and podSelectors that do not exclude each other by their labels; a rule that allows DNS '
      + 'only, port 53, or 5353 to namespace openshift-dns by its name label (OpenShift\'s DNS pods), is not counted); a named port unless every peer pins its pods by matchLabels or `In` in named '
      + 'namespaces; a peer that may select kube-system (a namespaceSelector whose `' + NAMESPACE_NAME_LABEL
      + '`, or any matchLabels or `In` value, is `kube-system`, or a podSelector alone in a policy of namespace kube-system) '
      + 'on anything but 53/UDP and 53/TCP. A policy the API server refuses whoever applies it (k8s.io/kubernetes ValidateNetworkPolicy: '
      + 'a name, namespace, label or annotation ValidateObjectMeta refuses; `policyTypes` that is not a list of at most two entries, each Ingress or Egress; '
      + '`egress`, `ingress`, `to`, `from` or `ports` that is not a list, a rule that is not an object, a peer with no selector and no ipBlock or with both, '
      + 'a label selector it refuses (an unknown operator, `In` or `NotIn` without values, `Exists` or `DoesNotExist` with some, a key or value that is not a label\'s), '
      + 'a CIDR or except it refuses, a port, endPort or protocol it refuses; in either direction, whichever the policy isolates) is one finding, and its egress '
      + 'rules are not judged nor added up with other policies: it is never stored. It is reported when it has egress rules that would be read, or names Egress '
      + 'misspelled in `policyTypes`; not when the refusal is its apiVersion (SERVED_KINDS reports it) nor for a refused deny without egress rules '
      + '(NAMESPACE_DEFAULT_DENY reports the deny missing). A policy refused only by kubectl\'s strict field validation (a field it does not have: '
      + 'stored without it under Warn or Ignore) or only by strict IP validation (StrictIPCIDRValidation) is judged as written, and a selector '
      + 'with a field it does not have is reported at its peer as refused.',
    limits:
      'The labels of actual namespaces and pods are not known: a selector that reaches kube-system or other sensitive pods '
      + 'through another label passes, and a policy without a namespace that is applied into kube-system is not recognised as '
      + 'being there. Like EGRESS_NO_OPEN_CIDR it sees only the NetworkPolicies checked, and not policies of other kinds '
      + '(NAMESPACE_DEFAULT_DENY reports an AdminNetworkPolicy, Cilium or Calico policy that opens every pod of a namespace checked).',
    howToRelax:
      "Findings are about the whole NetworkPolicy: `{ rule: RuleId.EGRESS_SCOPED, reason: '<why>' }` without a target. For "
      + "one task's policy give it to `PipelineTask.allowEgressTo(peer, ports, { relaxations: [...] })` (or "
      + '`EgressPolicy.allowForTask`), for the pipeline-wide policy to `EgressPolicy.allow(peer, ports, { relaxations: [...] '
      + "})`; the SecurePipeline's or EgressPolicy's `relaxations` cover every policy of the pipeline but the DNS server, and "
      + '`Relaxations.of(construct).add(...)` any other. An allowance without ports needs it. The DNS server the pipeline\'s `dns` names, '
      + 'refused when it lets the tasks reach more than DNS (a `DnsServer.custom` port other than 53 and 5353, a `nodeLocalDnsCache` address '
      + 'that is public or an IPv6 address neither link-local nor unique local), is relaxed only by a relaxation of the SecurePipeline or '
      + "EgressPolicy that targets it: `{ rule: RuleId.EGRESS_SCOPED, target: 'field/dns=<address or port>', reason: '<why>' }` (each `:` of "
      + "an IPv6 address written `%3A`; e.g. `target: 'field/dns=34.118.224.10'` for a kube-dns ClusterIP in GKE's public Service range), "
      + 'which relaxes nothing else; one without a target does not cover it. The `<pipeline>-dns` NetworkPolicy records it: '
      + relaxAnnotation(RuleId.EGRESS_SCOPED, 'field/dns=<address or port>: <why>') + '. In YAML for the audit: '
      + relaxAnnotation(RuleId.EGRESS_SCOPED, '*: <why>') + ' on the NetworkPolicy.',
    relaxable: true,
    appliesTo: isNetworkPolicy,
  },
  (manifest, context) => {
    // a policy the API server refuses whoever applies it is never stored: one finding, and its egress rules are not judged
    const refused = refusedAsWritten(manifest, true);
    if (refused !== undefined) return refusedPolicy(manifest, refused);
    // the egress rules of a policy that does not isolate egress are ignored
    if (!isolatesEgress(manifest)) return [];
    const policyNamespace = manifest.metadata?.namespace;
    const own = context === undefined ? policyPorts(manifest) : portsIn(context.manifests, manifest);
    // (a policy stored as written has egress rules that are objects, with `to` and `ports` lists, peers that name one peer and valid ports)
    const perRule = asArray(manifest.spec?.egress).flatMap((rule, i) => {
      const location = `egress[${i}]`;
      const problems: Problem[] = [];
      const to = asArray(rule?.to);
      const ports = asArray(rule?.ports);
      if (to.length === 0) problems.push({ location, property: 'to', problem: 'is empty, so every destination is allowed' });
      if (ports.length === 0) problems.push({ location, property: 'ports', problem: 'is empty, so every port is allowed' });

      const beyondDns = ports.length === 0 ? ['every port'] : ports.filter((p) => !isDnsPort(p)).map(describePort);
      let namedPortsScoped = to.length > 0;
      let namedPortReason = 'the rule allows every destination: any pod decides which of its ports carries that name';
      to.forEach((peer, j) => {
        const at = `to[${j}]`;
        const selectors = ['podSelector', 'namespaceSelector'].filter((s) => peer[s] !== undefined && peer[s] !== null);
        if (peer.ipBlock !== undefined && peer.ipBlock !== null) {
          if (namedPortsScoped) namedPortReason = `${at} is an ipBlock, which has no port names: network plugins resolve it differently, or not at all`;
          namedPortsScoped = false;
          return;
        }
        // a selector only kubectl's strict field validation refuses (a field it does not have): the object is rejected under it, and stored
        // without the field under Warn or Ignore (a selector the API server refuses whoever applies it refuses the policy, above)
        const refusedSelector = selectors.map((k) => ({ k, read: readLabelSelector(peer[k], `${at}.${k}`) })).find((r) => r.read.kind === 'refused');
        if (refusedSelector !== undefined && refusedSelector.read.kind === 'refused') {
          problems.push({
            location,
            property: `${at}.${refusedSelector.k}`,
            value: JSON.stringify(peer[refusedSelector.k]),
            problem: `is invalid: ${refusedSelector.read.why.replace(/^its /, '')}, ${REJECTED}`,
          });
          return;
        }
        const ns = selectorKind(peer.namespaceSelector);
        const pods = selectorKind(peer.podSelector);
        if (ns === 'open') {
          const empty = isObject(peer.namespaceSelector) && Object.keys(peer.namespaceSelector).every((k) =>
            (k === 'matchLabels' && isObject(peer.namespaceSelector.matchLabels) && Object.keys(peer.namespaceSelector.matchLabels).length === 0)
            || (k === 'matchExpressions' && asArray(peer.namespaceSelector.matchExpressions).length === 0));
          problems.push({
            location,
            property: `${at}.namespaceSelector`,
            value: JSON.stringify(peer.namespaceSelector) ?? jsString(peer.namespaceSelector),
            problem: `${empty ? 'is empty' : 'names no namespace (it matches by existence or exclusion only)'}, so ${pods === 'positive' ? 'the pods its podSelector matches' : 'every pod'} of every namespace ${pods === 'positive' ? 'are' : 'is'} allowed`,
          });
        }
        if (pods !== 'positive' || ns === 'open') {
          if (namedPortsScoped) namedPortReason = `${at} does not pin its pods by label in named namespaces: any pod it selects decides which of its ports carries that name`;
          namedPortsScoped = false;
        }
        const kubeSystem = ns === 'positive' ? namesKubeSystem(peer.namespaceSelector) : ns === 'absent' && policyNamespace === KUBE_SYSTEM;
        if (kubeSystem && beyondDns.length > 0) {
          problems.push({
            location,
            property: `${at}.${ns === 'absent' ? 'podSelector' : 'namespaceSelector'}`,
            value: KUBE_SYSTEM,
            problem: `selects kube-system on ${beyondDns.join(', ')}; egress may reach kube-system on 53/UDP and 53/TCP only`,
          });
        }
      });

      ports.forEach((written, k) => {
        // a null entry is decoded as an entry with no field set: every TCP port
        const p = written === null ? {} : written;
        const proto = protocolOf(p);
        if (p.port === undefined || p.port === null) {
          problems.push({ location, property: `ports[${k}].port`, problem: `is missing, so every ${proto} port is allowed` });
        } else if (typeof p.port === 'string') {
          if (!namedPortsScoped) {
            problems.push({ location, property: `ports[${k}].port`, value: p.port, problem: `is a named port and ${namedPortReason}` });
          }
        }
      });
      for (const [proto, rs] of own.perRule[i]) {
        const count = portCount(rs);
        if (count > MAX_PORTS) {
          problems.push({
            location,
            property: 'ports',
            value: rs.map((r) => r.text).join(', '),
            problem: `allow ${portText(count, proto)}; one rule may allow at most ${MAX_PORTS} ports of a protocol`,
          });
        }
      }
      return problems;
    });
    return [...perRule, ...portsTogether(manifest, own, context?.manifests)];
  },
);
