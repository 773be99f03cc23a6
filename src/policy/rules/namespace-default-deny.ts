import { NAMESPACE_NAME_LABEL } from '../../private/annotations';
import { AddressSet, Cidr, parseCidr } from '../../private/cidr';
import { clusterOpenings, JudgedNamespace } from '../../private/cluster-network-policies';
import { asArray } from '../../private/containers';
import { hasNoTerms } from '../../private/label-selectors';
import { manifestsOfKind } from '../../private/manifest-index';
import { manifestNamespace } from '../../private/namespaces';
import { describePort, isNetworkPolicy, isolatedDirections, policyId, refusedAsWritten, selectsLabels } from '../../private/network-policies';
import { amount, exceeds, Family, limitText, publicReach } from '../../private/public-reach';
import { jsString } from '../../private/text';
import { Severity } from '../rule';
import { kindIs, manifestRule, Problem, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

function isObject(x: any): boolean {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

/**
 * Whether a label selector selects every pod: absent, or without a label or an expression
 * (label-selectors.ts `hasNoTerms`: the shape only; whether the API server admits the policy is
 * `refusedAsWritten`'s to say, and a refused deny denies nothing).
 */
const selectsAll = hasNoTerms;

/**
 * A NetworkPolicy's spec as the API server decodes it: a missing or null spec is the empty
 * one (every pod selected, policyTypes defaulted to Ingress); undefined when it is no object.
 */
function specOf(policy: any): Record<string, any> | undefined {
  const spec = policy?.spec;
  if (spec === undefined || spec === null) return {};
  return isObject(spec) ? spec : undefined;
}

/** Whether a NetworkPolicy denies `direction` to every pod of its namespace: it selects all pods, isolates them that way and allows nothing. */
function deniesAll(policy: any, direction: 'Ingress' | 'Egress'): boolean {
  const spec = specOf(policy);
  if (spec === undefined || !selectsAll(spec.podSelector)) return false;
  if (!isolatedDirections(spec).includes(direction)) return false;
  const rules = spec[direction === 'Ingress' ? 'ingress' : 'egress'];
  return rules === undefined || rules === null || (Array.isArray(rules) && rules.length === 0);
}

/**
 * Which pods of its namespace a policy's podSelector selects, when it may select every pod
 * that no label sets apart: `every` for a selector without terms, `unexcluded` for one
 * whose terms are all NotIn or DoesNotExist (it selects every pod without those labels, a
 * pod without labels included); undefined when it requires a label (matchLabels, In,
 * Exists) or the API server refuses it.
 */
function podsSelected(selector: unknown): 'every' | 'unexcluded' | undefined {
  if (selectsAll(selector)) return 'every';
  return selectsLabels(selector, {}) === true ? 'unexcluded' : undefined;
}

/** How a finding names the pods {@link podsSelected} found. */
const UNEXCLUDED = ' that its podSelector does not exclude by label (NotIn and DoesNotExist only: it selects every pod without those labels)';

/** How far a rule opens the pods: to every peer, to that much of the internet, or to every pod of the cluster. */
type OpenScope = 'anything' | 'internet' | 'cluster';

/**
 * Whether a peer selects every pod of every namespace: a namespaceSelector that matches a
 * namespace with only its name label (NAMESPACE_NAME_LABEL), whatever its name (`{}`, or
 * Exists, NotIn and DoesNotExist terms), with no podSelector or one that matches a pod
 * without labels.
 */
function everyPodOfTheCluster(peer: any): boolean {
  if (!isObject(peer) || peer.namespaceSelector === undefined || peer.namespaceSelector === null) return false;
  if (selectsLabels(peer.namespaceSelector, { [NAMESPACE_NAME_LABEL]: ANY_NAME }) !== true) return false;
  return peer.podSelector === undefined || peer.podSelector === null || selectsLabels(peer.podSelector, {}) === true;
}

/** A namespace name no selector names (not a DNS label): a namespace with it is any namespace. */
const ANY_NAME = '*';

/** An ipBlock of a policy's rules in one direction, with the public addresses it reaches (excepts taken out). */
interface ReachedBlock {
  readonly index: number;
  readonly text: string;
  readonly sets: Record<Family, AddressSet>;
}

/** What a policy that may select every pod opens in one direction: the rule that opens it to anywhere by itself, if one does, and its ipBlocks. */
interface OpenReach {
  /** `index`: the rule named first; `with`: the other rules whose blocks add up with its. */
  readonly open?: { readonly index: number; readonly with?: readonly number[]; readonly why: string; readonly scope: OpenScope };
  readonly pods: 'every' | 'unexcluded';
  readonly blocks: readonly ReachedBlock[];
}

/**
 * The rule of a policy that selects every pod (or every pod without some labels, see
 * {@link podsSelected}) and isolates `direction` which opens it to every peer, or to more
 * of the internet than one NetworkPolicy may reach by egress: a rule without `from`
 * (`to`) (every peer), or ipBlocks that together (every rule's, their excepts taken out,
 * IPv4 through IPv6 too) reach more than a /8's worth of public IPv4 or a /24's worth of
 * public IPv6 addresses (0.0.0.0/0, its two halves, /0 with an except), with the ipBlocks
 * it reaches (for adding up with other policies); undefined when it does not select every
 * pod or does not isolate `direction`, or when a rule's `from` (`to`) is not a list, which
 * the API server refuses. Blocks the API server refuses are left to it.
 */
function openToAnywhere(policy: any, direction: 'Ingress' | 'Egress'): OpenReach | undefined {
  const spec = specOf(policy);
  const pods = spec === undefined ? undefined : podsSelected(spec.podSelector);
  if (spec === undefined || pods === undefined || !isolatedDirections(spec).includes(direction)) return undefined;
  const ingress = direction === 'Ingress';
  const rules = asArray(ingress ? spec.ingress : spec.egress);
  const blocks: ReachedBlock[] = [];
  let cluster: OpenReach['open'];
  const peersOf = (rule: any): unknown => (ingress ? rule?.from : rule?.to);
  // a `from` or `to` that is not a list: the API server refuses the policy, which then opens nothing
  if (rules.some((r) => peersOf(r) !== undefined && peersOf(r) !== null && !Array.isArray(peersOf(r)))) return undefined;
  for (let i = 0; i < rules.length; i++) {
    const peers = asArray(peersOf(rules[i]));
    if (peers.length === 0) return { open: { index: i, why: ingress ? 'has no from, so it accepts every source' : 'has no to, so it reaches every destination', scope: 'anything' }, pods, blocks: [] };
    for (const [j, peer] of peers.entries()) {
      if (cluster === undefined && everyPodOfTheCluster(peer)) {
        cluster = { index: i, why: `${ingress ? 'from' : 'to'}[${j}] selects every pod of every namespace (its namespaceSelector names no namespace, its podSelector no label)`, scope: 'cluster' };
      }
      const block = peer?.ipBlock;
      const cidr = isObject(block) ? parseCidr(block.cidr) : undefined;
      if (cidr === undefined) continue;
      const excepts = asArray(block.except).map(parseCidr).filter((e): e is Cidr => e !== undefined);
      if (cidr.prefix === 0 && excepts.length === 0) return { open: { index: i, why: `${ingress ? 'accepts' : 'reaches'} ${jsString(block.cidr)}, every address`, scope: 'anything' }, pods, blocks: [] };
      blocks.push({ index: i, text: jsString(block.cidr), sets: publicReach(cidr, excepts) });
    }
  }
  for (const f of [4, 6] as const) {
    const contributing = blocks.filter((b) => !b.sets[f].isEmpty());
    const union = AddressSet.of(contributing.flatMap((b) => b.sets[f].intervals));
    if (!exceeds(union, f, 'policy')) continue;
    const rulesOf = [...new Set(contributing.map((b) => b.index))];
    return {
      open: {
        index: rulesOf[0],
        with: rulesOf.slice(1),
        why: `${rulesOf.length > 1 ? `(with ${ingress ? 'ingress' : 'egress'}[${rulesOf.slice(1).join(`], ${ingress ? 'ingress' : 'egress'}[`)}]) ` : ''}`
          + `${ingress ? 'accepts' : 'reaches'} ${contributing.map((b) => b.text).join(', ')}: `
          + `${amount(union, f)} (over ${limitText(f, 'policy')})`,
        scope: 'internet',
      },
      pods,
      blocks,
    };
  }
  return { ...(cluster === undefined ? {} : { open: cluster }), pods, blocks };
}

/** What every pod a policy opens may then do, by direction and scope. */
function openedPods(direction: 'Ingress' | 'Egress', scope: OpenScope): string {
  return direction === 'Ingress'
    ? `accepts ${{ anything: 'any connection', internet: 'connections from that much of the internet', cluster: 'connections from every pod of the cluster' }[scope]}`
    : `(a hermetic task's, a bare TaskRun's) may connect ${{ anything: 'anywhere', internet: 'to that much of the internet', cluster: 'to every pod of the cluster' }[scope]}`;
}

/** A Namespace as the cluster-wide policies select it: its name and its labels as written. */
function judged(manifest: any, name: string): JudgedNamespace {
  const written = manifest.metadata?.labels;
  const labels: Record<string, string> = {};
  // a null label value decodes as "", as in a selector (label-selectors.ts)
  if (isObject(written)) for (const [k, v] of Object.entries(written)) if (typeof v === 'string' || v === null) labels[k] = v ?? '';
  return { name, labels };
}

/** The fix of a deny the API server refuses as written (`refusedAsWritten`): the policy the user wrote, corrected. */
function refusedDenyFix(policy: any): string {
  return `Correct what the API server refuses in ${policyId(policy)} (it validates the rules of a direction the policy does not isolate, `
    + 'though it ignores them: remove them if they are not needed), or add a NetworkPolicy to the namespace with podSelector: {}, '
    + "policyTypes: [Ingress, Egress] and no rules (HardenedNamespace emits one, 'default-deny').";
}

/** The fix of a policy that undoes the deny in `direction`. */
function fixOf(direction: 'Ingress' | 'Egress'): string {
  return direction === 'Ingress'
    ? 'Allow ingress only from the peers that need it (a podSelector or namespaceSelector with labels, a narrow ipBlock), in a policy that selects only the pods that serve them.'
    : "Allow egress only to the peers each task needs, in a policy that selects only that task's pods (PipelineTask.allowEgressTo writes one).";
}

/**
 * The finding for policies that may each select every pod of namespace `name` (a pod
 * without labels, at least) and that, none of them open by itself, together open
 * `direction` to more of the internet than one policy may reach: policies are additive,
 * so a pod they all select may do what any of them allows.
 */
function togetherOpen(name: string, direction: 'Ingress' | 'Egress', within: ReadonlyArray<{ policy: any; reach: OpenReach }>): Problem[] {
  const ingress = direction === 'Ingress';
  for (const f of [4, 6] as const) {
    const adding = within.filter((w) => w.reach.blocks.some((b) => !b.sets[f].isEmpty()));
    if (adding.length < 2) continue;
    const blocks = adding.flatMap((w) => w.reach.blocks.filter((b) => !b.sets[f].isEmpty()));
    const union = AddressSet.of(blocks.flatMap((b) => b.sets[f].intervals));
    if (!exceeds(union, f, 'policy')) continue;
    const shown = adding.slice(0, 4).map((w) => policyId(w.policy));
    const texts = blocks.slice(0, 4).map((b) => b.text);
    const every = adding.every((w) => w.reach.pods === 'every');
    return [{
      location: `direction '${direction}'`,
      property: 'NetworkPolicy',
      value: adding.length > shown.length ? `${shown.join(', ')} … (${adding.length} policies)` : shown.join(', '),
      problem: `${every ? `select every pod of namespace '${name}'` : `select every pod of namespace '${name}' without labels (their podSelectors select every pod, or match by NotIn and DoesNotExist only)`} `
        + `and together ${ingress ? 'accept' : 'reach'} ${texts.join(', ')}${blocks.length > texts.length ? ` … (${blocks.length} blocks)` : ''}: `
        + `${amount(union, f)} (over ${limitText(f, 'policy')}): policies are additive, so together they undo the default deny and every ${every ? '' : 'such '}pod `
        + (ingress ? 'accepts connections from that much of the internet' : "(a hermetic task's, a bare TaskRun's) may connect to that much of the internet"),
      fix: fixOf(direction),
    }];
  }
  return [];
}

/**
 * Every pod of a namespace is denied all ingress and egress by a NetworkPolicy that
 * selects all of them and allows nothing: the pipeline's EgressPolicy selects its own
 * labelled pods only, and a bare TaskRun, a run with an inline spec or a pod made
 * outside the pipeline would otherwise reach everything.
 */
export const NAMESPACE_DEFAULT_DENY = manifestRule(
  {
    id: RuleId.NAMESPACE_DEFAULT_DENY,
    severity: Severity.MEDIUM,
    title: 'Namespaces deny all ingress and egress to their pods by default',
    rationale:
      "A pod that no NetworkPolicy selects may connect anywhere. A pipeline's EgressPolicy selects the pods Tekton labels for "
      + 'that pipeline; a TaskRun created by hand, a run with an inline spec, a pipeline added later or a debugging pod in the '
      + 'same namespace is selected by nothing and reaches the cluster and the internet, credentials included.',
    fix: "Add a NetworkPolicy to the namespace with podSelector: {}, policyTypes: [Ingress, Egress] and no rules (HardenedNamespace emits one, 'default-deny'); allow what each task needs with EgressPolicy.",
    decidesFrom:
      'Every Namespace checked, against the NetworkPolicies (networking.k8s.io) checked with it that name that namespace (a '
      + 'deny without a namespace does not count: kubectl puts it into the namespace of the current context or of -n, which '
      + 'need not be this one; a policy without one that undoes a deny counts for every Namespace checked, as kubectl may put '
      + 'it into any of them): for '
      + 'Ingress and for Egress, one policy must select every pod (`podSelector` absent or `{}`, no `matchLabels` or '
      + '`matchExpressions`), isolate that direction (its `policyTypes`, defaulted as the API server does: Ingress always, '
      + 'Egress only when the policy has egress rules) and allow nothing in it (no `ingress` or `egress` rule; a rule `{}` '
      + 'allows everything); a policy without a `spec` (or `spec: null`) has the empty one, and so denies all ingress. A '
      + 'deny the API server refuses as written does not count: another version than networking.k8s.io/v1, a name that is not a DNS subdomain, `policyTypes` with more than two entries or another value '
      + 'than Ingress or Egress, a field NetworkPolicy does not have, at any depth (kubectl validates strictly; the fields are those of k8s.io/api v0.35), '
      + 'or a rule of either direction that it refuses, whichever directions the policy isolates (a peer with no selector and no ipBlock, or an ipBlock '
      + 'beside a selector; a CIDR that does not parse, or that strict IP validation refuses; an except that is not a strict subset; a port, endPort or '
      + 'protocol out of range; a label selector with an unknown operator, In or NotIn without values, or a key or value that is not a label\'s). Policies are additive: a '
      + 'policy that selects every pod and allows some traffic is an allow-list, not a deny, and does not count, and one '
      + 'that selects every pod (or every pod but those it excludes by label: a podSelector of NotIn and DoesNotExist terms '
      + 'only, which a pod without labels matches) and accepts ingress from every source (a rule without `from`, an ipBlock /0; a `from` that is not a list is refused, and opens nothing), or from more '
      + 'of the internet than EGRESS_NO_OPEN_CIDR lets one policy reach (its ipBlocks together, excepts taken out: the two '
      + 'halves of 0.0.0.0/0, a /0 with an except, a /1), or from every pod of every namespace (a peer whose namespaceSelector '
      + 'matches a namespace that has only its `' + NAMESPACE_NAME_LABEL + '` label, whatever its name: `{}`, or Exists, NotIn '
      + 'and DoesNotExist terms; and whose podSelector is absent, `{}` or NotIn and DoesNotExist terms), undoes the deny; so does one that selects those pods and reaches every '
      + 'destination by egress (a rule without `to`, an ipBlock /0), as much of the internet or every pod of every namespace, which gives every pod (a hermetic '
      + "task's, a bare TaskRun's) that egress, whatever the policy's own relaxations say. Such policies are added up: several "
      + 'that each stay within that much but together accept or reach more (one /8 each) undo the deny too, in one finding. A '
      + 'policy the API server refuses whoever applies it (as a deny above, but for a field NetworkPolicy does not have, which a client '
      + 'that asks for Warn or Ignore field validation has dropped, and a CIDR only strict IP validation refuses, which a cluster without '
      + 'that feature gate stores) is never stored, so it undoes nothing. '
      + 'A Namespace with a generateName and no name is a finding: no policy can name it. Policies of other kinds checked with '
      + 'it that apply to its pods and let them past the deny are findings too, each by its first such rule: an '
      + "AdminNetworkPolicy's (policy.networking.k8s.io) `Allow`, or an Admin tier ClusterNetworkPolicy's `Accept`, which is "
      + "applied before any NetworkPolicy; a CiliumNetworkPolicy's or CiliumClusterwideNetworkPolicy's (cilium.io) allow rule, "
      + "which Cilium adds to what NetworkPolicies allow; a Calico NetworkPolicy's or GlobalNetworkPolicy's (projectcalico.org, "
      + 'crd.projectcalico.org) `Allow`, whatever its `order` or tier (a NetworkPolicy that allows nothing takes no action on a '
      + 'packet, so Calico goes on to the next policy), or `Pass` in the default tier (it skips the rest of the tier, the '
      + 'NetworkPolicies Calico puts there included, to the next tier or the pod\'s profiles, which allow everything). Which pods they apply to is read against the Namespace\'s name and labels '
      + "as written (`spec.subject`; Cilium's `endpointSelector` with `io.kubernetes.pod.namespace` and "
      + "`io.cilium.k8s.namespace.labels.*`; Calico's `namespaceSelector` with `projectcalico.org/name`, and `selector` with "
      + '`projectcalico.org/namespace` and `pcns.*`); the labels of pods are not known, and whoever creates a pod chooses them '
      + "(Tekton copies a TaskRun's labels to its pod), so a policy that picks pods by label, or whose selector cannot be read, "
      + 'may apply to every pod (an AdminNetworkPolicy selector is read as `LabelSelectorAsSelector` reads it, a null value '
      + 'being `""`: an unknown operator, `In` without values, `Exists` with some or a key or value that is no label\'s cannot be '
      + 'read; a peer selector that cannot be read opens nothing). A rule lets them past as a NetworkPolicy that selects every pod does: to or from every peer '
      + "(a /0, Cilium's `all` entity or ports without a peer, a Calico rule without a source or destination), more of the "
      + 'internet than one policy may reach (the CIDRs of its allowing rules together: `networks`, `toCIDR`, `toCIDRSet` (with the '
      + '`externalCIDRs` of the CiliumCIDRGroups checked with it that an entry names by `cidrGroupRef` or selects by `cidrGroupSelector`), '
      + '`nets`, with the `spec.nets` of the Calico GlobalNetworkSets and NetworkSets checked with it that a rule\'s `selector` '
      + 'selects (a GlobalNetworkPolicy\'s selector alone, or a `namespaceSelector` of `global()`, selects GlobalNetworkSets; a '
      + 'NetworkPolicy\'s selector alone the NetworkSets of its namespace; a set is reached unless the selector is known not to '
      + 'select its labels); a Cilium `toServices` entry, whose Service\'s endpoints a Service without a selector takes from '
      + 'Endpoints written by hand (any address), unless it names by `k8sService` a Service checked with it that has a selector '
      + 'and is not of type ExternalName, and `toGroups` or `fromGroups`, whose addresses a cloud provider gives (they may be '
      + "public); Cilium's `world` entities, a peer endpoint selector of the `reserved:world` label (to which Cilium adds no "
      + 'namespace) and a `toFQDNs` pattern of nothing but `*` (`**`, `*.` too, which Cilium reads as every name) or whose label '
      + 'under the top-level domain, or the top-level one, holds `*` (`*.com`, `**.com`, `git*.com`, `*.*`), a Calico Enterprise egress '
      + 'Allow\'s `domains` (of a peer without `nets` or `selector`) or a selected network set\'s `allowedEgressDomains` read the same way '
      + '(`*`, `*.com`, `www.*.com`: a `*` is one or more labels there), an AdminNetworkPolicy domain '
      + 'name `*.<top-level domain>`), or every pod of every namespace (`namespaces: {}`, a `pods` peer of every namespace and '
      + "pod, Cilium's `cluster` entity or a peer endpointSelector of every namespace, a Calico `all()` namespace selector). "
      + 'Deny rules take traffic away; a BaselineAdminNetworkPolicy and a Baseline tier ClusterNetworkPolicy apply only to pods '
      + 'no NetworkPolicy isolates, and an AdminNetworkPolicy `Pass` hands the traffic to the NetworkPolicies, which deny it: '
      + 'none of them is a finding, nor is an Allow of a peer that a Deny or Pass rule for every port names as written first: '
      + 'an earlier rule of the same AdminNetworkPolicy, or one of an AdminNetworkPolicy of a lower priority whose subject '
      + 'selects every pod of the namespace.',
    limits:
      'Only Namespaces in the app or the audit input are judged, each of them: runs created later (by triggers) may run in '
      + "any of them, so the rule does not look for Tekton objects first. Whether the cluster's network plugin enforces "
      + 'NetworkPolicies is not seen. Policies of other kinds are read only as far as decidesFrom says: the precedence between '
      + 'objects (an AdminNetworkPolicy Deny or Pass of a higher priority for other peers or some pods, Cilium deny policies, Calico Deny rules of a lower '
      + 'order, Calico tiers and their order) is not weighed, so an allow they override, or that sits in a Calico tier after '
      + 'the default one (reached only through a Pass), is still a finding; a label added to a '
      + 'Namespace outside the input is not seen; allowing rules that open less (private ranges, nodes, some namespaces, the '
      + "labelled pods of every namespace, Cilium's `toRequires` and CIDR groups not checked with it, Calico's service accounts, "
      + 'services and network sets not checked with it, a domain name under a public suffix of two labels such as `*.co.uk`) are not '
      + "judged, nor are their CIDRs added up with a NetworkPolicy's; Cilium host policies (`nodeSelector`) and Calico's "
      + 'preDNAT and doNotTrack policies are not read; and a deny of those kinds does not stand for the NetworkPolicy deny. Ingress that a policy selecting only some pods allows is not judged, nor ingress from or egress to private ranges, '
      + 'the pods of some namespaces or the pods of every namespace picked by a label (`namespaceSelector: {}` with a '
      + 'podSelector `app: x`) that a policy selecting every pod allows; egress allow-lists are '
      + 'judged by EGRESS_SCOPED and EGRESS_NO_OPEN_CIDR; a podSelector that requires a label (matchLabels, In, Exists) is '
      + 'taken to select only some pods, though every pod of the namespace may carry it. A deny written without a namespace '
      + 'is not counted even where it is applied into this one (`kubectl apply -n`).',
    howToRelax:
      "`{ rule: RuleId.NAMESPACE_DEFAULT_DENY, reason: '<why>' }` without a target, given to the HardenedNamespace's "
      + '`relaxations` (it then emits no default-deny policy) or to `Relaxations.of(construct).add(...)`. In YAML for the '
      + 'audit: ' + relaxAnnotation(RuleId.NAMESPACE_DEFAULT_DENY, '*: <why>') + ' on the Namespace.',
    relaxable: true,
    appliesTo: kindIs('Namespace'),
  },
  (manifest, context) => {
    if (context === undefined || manifest?.kind !== 'Namespace') return [];
    const name = manifest.metadata?.name;
    if (typeof name !== 'string' || name === '') {
      const generated = manifest.metadata?.generateName;
      if (typeof generated !== 'string' || generated === '') return [];
      return [{
        property: 'metadata.generateName',
        value: generated,
        problem: 'names the namespace only when it is created, so no NetworkPolicy can be placed in it beforehand and its pods are not isolated',
        fix: "Give the Namespace a name (metadata.name) and a NetworkPolicy in it with podSelector: {}, policyTypes: [Ingress, Egress] and no rules (HardenedNamespace emits one, 'default-deny').",
      }];
    }
    const networkPolicies = manifestsOfKind(context.manifests, 'NetworkPolicy').filter(isNetworkPolicy);
    // a deny counts only in the namespace it names: kubectl puts one that names none into the namespace of the current
    // context (or of -n), which need not be this one; for the same reason a policy that names none may undo the deny here
    // (whatever other Namespaces are checked: it may be put into any of them)
    const policies = networkPolicies.filter((m) => manifestNamespace(m) === name);
    const unplaced = networkPolicies.filter((m) => manifestNamespace(m) === undefined);
    const mayBeHere = networkPolicies.filter((m) => manifestNamespace(m) === name || manifestNamespace(m) === undefined);
    const problems: Problem[] = [];
    const denied = new Set<'Ingress' | 'Egress'>();
    for (const direction of ['Ingress', 'Egress'] as const) {
      const denies = policies.filter((p) => deniesAll(p, direction));
      const rules = direction === 'Ingress' ? 'ingress' : 'egress';
      if (denies.some((p) => refusedAsWritten(p) === undefined)) {
        denied.add(direction);
        continue;
      }
      const elsewhere = unplaced.find((p) => deniesAll(p, direction) && refusedAsWritten(p) === undefined);
      const why = denies.length > 0 ? ` (${policyId(denies[0])} would deny it, but the API server refuses it: ${refusedAsWritten(denies[0])})`
        : elsewhere !== undefined ? ` (${policyId(elsewhere)} would deny it, but names no namespace: kubectl puts it into the namespace of the `
          + `current context or of -n, which need not be '${name}')`
          : '';
      problems.push({
        location: `direction '${direction}'`,
        property: 'NetworkPolicy',
        problem: `that denies all ${rules} to every pod of namespace '${name}' (podSelector: {}, policyTypes ${direction}, no ${rules} rule) is missing${why}, `
          + `so a pod no other policy selects (a bare TaskRun, a run with an inline spec) ${direction === 'Ingress' ? 'accepts any connection' : 'may connect anywhere'}`,
        ...(denies.length > 0 ? { fix: refusedDenyFix(denies[0]) }
          : elsewhere !== undefined ? { fix: `Set metadata.namespace: ${name} in ${policyId(elsewhere)}.` } : {}),
      });
    }
    // (without the deny, the missing deny is the finding)
    for (const direction of denied) {
      const rules = direction === 'Ingress' ? 'ingress' : 'egress';
      const within: Array<{ policy: any; reach: OpenReach }> = [];
      // a policy the API server refuses whoever applies it is never stored, so it opens nothing (as a refused deny denies nothing);
      // one refused only under kubectl's strict field validation or strict IP validation may be stored, and open
      for (const p of mayBeHere.filter((m) => refusedAsWritten(m, true) === undefined)) {
        const reach = openToAnywhere(p, direction);
        if (reach === undefined) continue;
        const open = reach.open;
        if (open === undefined) {
          within.push({ policy: p, reach });
          continue;
        }
        // the value names the rule and its ports, so that a finding about another rule or more ports is another finding
        // (of every rule that opens it: one without ports opens every port)
        const written = [open.index, ...(open.with ?? [])].map((k) => asArray(asArray(specOf(p)?.[rules])[k]?.ports));
        const ports = written.some((l) => l.length === 0) ? [] : written.flat();
        const on = ports.length === 0 ? 'every port' : [...new Set(ports.map((port) => describePort(port ?? {})))].join(', ');
        problems.push({
          location: `direction '${direction}'`,
          property: 'NetworkPolicy',
          value: `${policyId(p)} ${rules}[${open.index}] on ${on}`,
          problem: `${manifestNamespace(p) === undefined ? `names no namespace, so kubectl may put it into '${name}' (that of the current context or of -n), where it selects every pod` : `selects every pod of namespace '${name}'`}`
            + `${reach.pods === 'unexcluded' ? UNEXCLUDED : ''} and its ${rules}[${open.index}] ${open.why}: `
            + `policies are additive, so it undoes the default deny and every ${reach.pods === 'unexcluded' ? 'such ' : ''}pod `
            + openedPods(direction, open.scope) + (ports.length === 0 ? '' : ` on ${on}`),
          fix: fixOf(direction),
        });
      }
      problems.push(...togetherOpen(name, direction, within));
      // policies of other kinds that let the pods past the deny (an AdminNetworkPolicy's Allow, Cilium's and Calico's policies)
      for (const o of clusterOpenings(context.manifests, judged(manifest, name), direction)) {
        problems.push({
          location: `direction '${direction}', ${o.object}`,
          property: o.field,
          value: o.value,
          problem: `${o.selects}, and ${o.opens}: ${o.precedence}, so it undoes the default deny and every pod it applies to ${openedPods(direction, o.scope)}`,
          fix: o.fix,
        });
      }
    }
    return problems;
  },
);
