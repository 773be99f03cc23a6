import { AddressSet, Cidr, CidrAmbiguity, formatCidr, isStrictSubset, parseCidr, strictCidrText } from '../../private/cidr';
import { asArray } from '../../private/containers';
import { oncePerSet } from '../../private/manifest-index';
import { manifestNamespace } from '../../private/namespaces';
import { addingPoliciesText, allowsDnsOnly, egressPoliciesInNamespaceOf, egressPoliciesSharingPods, isNetworkPolicy, isolatesEgress } from '../../private/network-policies';
import { amount, exceeds, Family, limitText, METADATA_BLOCKS, metadataReach, publicReach } from '../../private/public-reach';
import { jsString } from '../../private/text';
import { Severity } from '../rule';
import { manifestRule, Problem, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';


const REASONS: Record<CidrAmbiguity, string> = {
  'octet-leading-zero': 'an IPv4 octet with a leading zero, which libc-based software reads as octal',
  'group-leading-zero': 'an IPv6 group of more than 4 digits',
  'prefix-leading-zero': 'a prefix length with a leading zero',
  'ipv4-mapped': 'an IPv4-mapped IPv6 address, which network plugins match as IPv4 or as IPv6',
  'host-bits': 'bits set beyond the prefix length',
};

const REJECTED = 'so the API server rejects the object';

/** What one ipBlock reaches, per family, and whether IPv4 is reached through IPv6. */
interface Reach {
  readonly location: string;
  readonly cidr: string;
  readonly sets: Record<Family, AddressSet>;
  readonly v4ThroughV6: boolean;
  readonly everyAddress: boolean;
  /**
   * Whether it reaches a cloud metadata address (METADATA_BLOCKS) on more than DNS: a rule
   * whose every port is 53/UDP or 53/TCP asks link-local resolvers (NodeLocal DNSCache's
   * 169.254.20.10, a cloud's VPC resolver) for names, which hands out no credentials.
   */
  readonly metadata: boolean;
}


const THROUGH = ' (through IPv4-mapped, NAT64, 6to4 or Teredo IPv6 addresses)';

/** The finding for a block written so that software reads it differently, if it is. */
function ambiguity(c: Cidr, location: string, property: string): Problem[] {
  if (c.ambiguities.length === 0) return [];
  const canonical = strictCidrText(c);
  return [{
    location,
    property,
    value: c.text,
    problem: `is ambiguous: it has ${c.ambiguities.map((a) => REASONS[a]).join(', and ')}; the API server reads it as ${formatCidr(c)} and refuses it under strict IP validation`,
    fix: `Write "${canonical}".`,
  }];
}

/** What one NetworkPolicy's egress reaches, and the findings about it alone. */
interface PolicyReach {
  readonly problems: Problem[];
  /** The public addresses its ipBlocks reach together, per family. */
  readonly union: Record<Family, AddressSet>;
  /** Whether it is within every limit by itself (no finding about what it reaches): only such policies are added up across policies. */
  readonly withinLimits: boolean;
}

/** One policy's egress: its findings, and what it reaches (nothing when it does not isolate egress: its rules are ignored). */
function policyReach(manifest: any): PolicyReach {
  const problems: Problem[] = [];
  const reaches: Reach[] = [];
  let everyDestination = false;
  const none = { 4: AddressSet.EMPTY, 6: AddressSet.EMPTY };
  if (!isolatesEgress(manifest)) return { problems, union: none, withinLimits: true };
  asArray(manifest.spec?.egress).forEach((rule, i) => {
    const location = `egress[${i}]`;
    const dnsOnly = allowsDnsOnly(rule);
    // a null rule decodes as {}; anything else that is not an object is refused
    if (rule !== null && (typeof rule !== 'object' || Array.isArray(rule))) {
      problems.push({ property: location, value: JSON.stringify(rule) ?? jsString(rule), problem: `is not an egress rule, ${REJECTED}` });
      return;
    }
    if (rule?.to !== undefined && rule?.to !== null && !Array.isArray(rule.to)) {
      problems.push({ location, property: 'to', value: JSON.stringify(rule.to), problem: `is not a list, ${REJECTED}` });
      return;
    }
    if (asArray(rule?.to).length === 0) {
      everyDestination = true;
      problems.push({ location, property: 'to', problem: 'is empty, so the rule opens egress to every address (and every pod)' });
      return;
    }
    for (const peer of asArray(rule?.to)) {
      const ipBlock = peer?.ipBlock;
      if (ipBlock === undefined || ipBlock === null) continue;
      const text = ipBlock.cidr;
      if (text === undefined || text === null || text === '') {
        problems.push({ location, property: 'to.ipBlock.cidr', problem: `is missing, ${REJECTED}` });
        continue;
      }
      const cidr = parseCidr(text);
      if (!cidr) {
        problems.push({ location, property: 'to.ipBlock.cidr', value: jsString(text), problem: `is not a CIDR block, ${REJECTED}` });
        continue;
      }
      problems.push(...ambiguity(cidr, location, 'to.ipBlock.cidr'));
      const excepts: Cidr[] = [];
      if (ipBlock.except !== undefined && ipBlock.except !== null && !Array.isArray(ipBlock.except)) {
        problems.push({ location, property: 'to.ipBlock.except', value: JSON.stringify(ipBlock.except), problem: `is not a list, ${REJECTED}` });
      }
      for (const e of asArray(ipBlock.except)) {
        const except = parseCidr(e);
        if (!except) {
          problems.push({ location, property: 'to.ipBlock.except', value: jsString(e), problem: `is not a CIDR block, ${REJECTED}` });
          continue;
        }
        problems.push(...ambiguity(except, location, 'to.ipBlock.except'));
        if (!isStrictSubset(cidr, except)) {
          problems.push({ location, property: 'to.ipBlock.except', value: except.text, problem: `is not a strict subset of ${cidr.text}, ${REJECTED}` });
          continue;
        }
        excepts.push(except);
      }
      const { 4: v4, 6: v6 } = publicReach(cidr, excepts);
      const metadata = metadataReach(cidr, excepts);
      reaches.push({
        location,
        cidr: cidr.text,
        sets: { 4: v4, 6: v6 },
        v4ThroughV6: cidr.family === 6 && !v4.isEmpty(),
        everyAddress: cidr.prefix === 0 && asArray(ipBlock.except).length === 0,
        metadata: !dnsOnly && (!metadata[4].isEmpty() || !metadata[6].isEmpty()),
      });
    }
  });

  for (const r of reaches) {
    const wide = ([4, 6] as const).filter((f) => exceeds(r.sets[f], f, 'block'));
    // a narrow block to a metadata address (a wide one is its own finding, which a relaxation names as such)
    if (wide.length === 0 && r.metadata) {
      problems.push({
        location: r.location,
        property: 'to.ipBlock.cidr',
        value: r.cidr,
        problem: 'reaches a cloud metadata address (link-local 169.254.0.0/16 or fe80::/10, and the like), which hands out the node\'s credentials',
        fix: 'Allow the addresses the task needs without the metadata service: a block that leaves it out, or an except for it.',
      });
    }
    if (wide.length === 0) continue;
    problems.push({
      location: r.location,
      property: 'to.ipBlock.cidr',
      value: r.cidr,
      problem: r.everyAddress ? 'opens egress to every address'
        : `reaches ${wide.map((f) => `${amount(r.sets[f], f)}${f === 4 && r.v4ThroughV6 ? THROUGH : ''}`).join(' and ')}; `
            + `one block may reach at most ${wide.map((f) => limitText(f, 'block')).join(' or ')}`,
    });
  }

  for (const f of [4, 6] as const) {
    const contributing = reaches.filter((r) => !r.sets[f].isEmpty());
    // a block that alone is over the policy's limit is reported above
    if (contributing.some((r) => exceeds(r.sets[f], f, 'policy'))) continue;
    const union = AddressSet.of(contributing.flatMap((r) => r.sets[f].intervals));
    if (!exceeds(union, f, 'policy')) continue;
    const shown = contributing.slice(0, 4).map((r) => r.cidr);
    const through = f === 4 && contributing.some((r) => r.v4ThroughV6) ? THROUGH : '';
    problems.push({
      property: 'egress',
      value: contributing.length > shown.length ? `${shown.join(', ')} … (${contributing.length} blocks)` : shown.join(', '),
      problem: `together reach ${amount(union, f)}${through}; one NetworkPolicy may reach at most ${limitText(f, 'policy')}`,
    });
  }
  const union = {
    4: AddressSet.of(reaches.flatMap((r) => r.sets[4].intervals)),
    6: AddressSet.of(reaches.flatMap((r) => r.sets[6].intervals)),
  };
  const withinLimits = !everyDestination && !reaches.some((r) => ([4, 6] as const).some((f) => exceeds(r.sets[f], f, 'block')))
    && !([4, 6] as const).some((f) => exceeds(union[f], f, 'policy'));
  return { problems, union, withinLimits };
}

/** Each policy's reach, computed once per set of manifests checked together. */
const REACHES = new WeakMap<readonly any[], Map<any, PolicyReach>>();
function reachIn(manifests: readonly any[] | undefined, policy: any): PolicyReach {
  return manifests === undefined ? policyReach(policy) : oncePerSet(REACHES, manifests, policy, () => policyReach(policy));
}

/**
 * Whether the policies within the limits that may share `policy`'s namespace reach more than
 * a policy may, together (once per namespace and set of manifests): what they reach bounds
 * what the ones that select one of its pods reach, so the pairs are looked at only then.
 */
const BOUNDS = new WeakMap<readonly any[], Map<string | undefined, boolean>>();
function namespaceMayExceed(manifests: readonly any[], policy: any): boolean {
  return oncePerSet(BOUNDS, manifests, manifestNamespace(policy), () => {
    const within = egressPoliciesInNamespaceOf(policy, manifests).map((p) => reachIn(manifests, p)).filter((r) => r.withinLimits);
    return ([4, 6] as const).some((f) => exceeds(AddressSet.of(within.flatMap((r) => r.union[f].intervals)), f, 'policy'));
  });
}

/** Egress reaches no large share of the internet. */
export const EGRESS_NO_OPEN_CIDR = manifestRule(
  {
    id: RuleId.EGRESS_NO_OPEN_CIDR,
    severity: Severity.HIGH,
    title: 'Egress CIDR blocks are unambiguous and reach no large share of the internet',
    rationale: 'A compromised step with open egress can send every secret it can read to any host; an allow-list limits exfiltration to the hosts the pipeline needs. '
      + 'What counts is the addresses the blocks reach (cidr minus except), not how they are written: one ipBlock may reach at most a /16\'s worth of public IPv4 '
      + 'or a /32\'s worth of public IPv6 addresses, and one NetworkPolicy, all its blocks together, at most a /8\'s worth of IPv4 or a /24\'s worth of IPv6; '
      + 'policies are additive, so the policies that may select one pod may reach that much together. An egress rule without `to` reaches every address. '
      + 'Public means outside the private, shared (CGNAT), loopback, link-local, documentation, benchmarking, multicast and reserved IPv4 blocks, and inside '
      + 'the IPv6 global unicast space 2000::/3 less its documentation blocks; IPv4-mapped (::ffff:0:0/96) and NAT64 (64:ff9b::/96) IPv6 blocks count as the '
      + 'IPv4 addresses they embed, and so do the tunnel prefixes 6to4 (2002::/16) and Teredo (2001::/32), as their relays deliver to any IPv4 host that unwraps them. A CIDR is read as the API server reads it; one it refuses, or one that software reads differently (leading zeros, '
      + 'IPv4-mapped IPv6, bits beyond the prefix), is a finding too.',
    fix: 'Allow the specific CIDR blocks the task needs (the git host, the registry).',
    decidesFrom:
      'Every `spec.egress` rule of NetworkPolicies (networking.k8s.io) that isolate egress (`policyTypes` as the API server '
      + 'defaults it; the egress rules of a policy that does not are ignored by Kubernetes and here): a rule with an empty '
      + 'or missing `to` reaches every address. Each `to[].ipBlock` is read with `cidr` and `except` parsed as the API server '
      + 'parses them (`netutils.ParseCIDRSloppy`: leading zeros read as decimal, bits beyond the prefix masked off). What '
      + 'counts is the public addresses a block reaches, cidr minus except, IPv4-mapped and NAT64 IPv6 blocks counted as the '
      + 'IPv4 addresses they embed (and as nothing else), 6to4 (2002::/16, bits 16 to 47) and Teredo (2001::/32, the last 32 bits inverted) '
      + "ones as those too, besides public IPv6: one block may reach a /16's worth of public IPv4 or a /32's worth of public IPv6, one "
      + "policy altogether a /8's or a /24's worth, and so may the policies that may select one pod together (same "
      + 'namespace, or either without one, and podSelectors that do not exclude each other by their labels; a policy over '
      + 'a limit by itself is reported by itself). A missing or unparsable CIDR, a rule that is not an object, a `to` or `except` that is not a list, an except that is not a strict subset, and '
      + 'a form strict IP validation refuses (leading zeros, IPv4-mapped IPv6, bits beyond the prefix) are findings too; so '
      + `is a block within those limits that, less its excepts, reaches a cloud metadata address (${METADATA_BLOCKS.join(', ')}, `
      + 'IPv4 through IPv4-mapped and NAT64 IPv6 too; a tunnel reaches only a host that unwraps it, which a metadata service does not), which hands out the node\'s credentials (a wide block is reported as wide), unless its '
      + 'egress rule allows DNS only: every port 53/UDP or 53/TCP, no endPort beyond 53, no entry without a port (the ports '
      + "EGRESS_SCOPED allows kube-system on), as link-local resolvers such as NodeLocal DNSCache's 169.254.20.10 serve.",
    limits:
      'Only the NetworkPolicies checked are read: whether a pod is selected by any egress policy at all, the labels of '
      + 'actual pods (two policies whose selectors could both match one pod are added up), CNI-specific policies '
      + '(CiliumNetworkPolicy, Calico), AdminNetworkPolicies and meshes are not seen (NAMESPACE_DEFAULT_DENY reports those that open every pod of a namespace checked). Private, shared and other non-public addresses are never '
      + 'counted, so a block that opens the whole cluster or VPC network passes; network-specific NAT64 prefixes cannot be known. '
      + 'Whether 6to4 and Teredo relays still route from the cluster is not known: their prefixes are counted as if they did. '
      + 'DNS to a metadata address passes, though a resolver forwards what the names it is asked for carry.',
    howToRelax:
      "Findings are about the whole NetworkPolicy: `{ rule: RuleId.EGRESS_NO_OPEN_CIDR, reason: '<why>' }` without a "
      + "target. For one task's policy give it to `PipelineTask.allowEgressTo(peer, ports, { relaxations: [...] })` (or "
      + '`EgressPolicy.allowForTask`), for the pipeline-wide policy to `EgressPolicy.allow(peer, ports, { relaxations: [...] '
      + "})`; the SecurePipeline's or EgressPolicy's `relaxations` cover every policy of the pipeline, and "
      + '`Relaxations.of(construct).add(...)` any other. A task that reaches a package mirror behind a CDN is the typical '
      + 'case. In YAML for the audit: ' + relaxAnnotation(RuleId.EGRESS_NO_OPEN_CIDR, '*: <why>') + ' on the NetworkPolicy.',
    relaxable: true,
    appliesTo: isNetworkPolicy,
  },

  (manifest, context) => {
    const own = reachIn(context?.manifests, manifest);
    if (context === undefined || !own.withinLimits) return [...own.problems];
    if (!namespaceMayExceed(context.manifests, manifest)) return [...own.problems];
    // policies are additive: a pod that several policies select may reach what any of them allows
    const others = egressPoliciesSharingPods(manifest, context.manifests)
      .map((p) => ({ policy: p, reach: reachIn(context.manifests, p) }))
      .filter((o) => o.reach.withinLimits);
    const problems = [...own.problems];
    for (const f of [4, 6] as const) {
      const adding = others.filter((o) => !o.reach.union[f].isEmpty());
      if (own.union[f].isEmpty() || adding.length === 0) continue;
      const union = AddressSet.of([own.union[f], ...adding.map((o) => o.reach.union[f])].flatMap((set) => set.intervals));
      if (!exceeds(union, f, 'policy')) continue;
      problems.push({
        property: 'egress',
        value: addingPoliciesText(adding.map((o) => o.policy)),
        problem: `add up with this policy's blocks, as ${adding.length === 1 ? 'it may select' : 'they may select'} the same pods (policies are additive): together they reach ${amount(union, f)}; `
          + `the policies that select one pod may reach at most ${limitText(f, 'policy')} together`,
        fix: 'Allow only the blocks the pods need: an allowance of one task (PipelineTask.allowEgressTo) adds to what the pipeline-wide policy allows its pods.',
      });
    }
    return problems;
  },
);
