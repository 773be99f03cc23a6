/**
 * The NetworkPolicy rules against an evaluator of NetworkPolicy semantics written without
 * them (conformance/cmd/netpol-eval: Cyclonus' `pkg/matcher` with the API server's defaults).
 * For sets of policies (hand-written adversarial ones, then generated ones: fast-check, seed
 * printed; PROPERTY_SEED and PROPERTY_RUNS choose others), whenever the evaluator lets through
 * traffic a rule says is blocked, the rule must report a finding:
 *
 * - NAMESPACE_DEFAULT_DENY, no finding on Namespace `ci`: a pod of `ci` without labels (a bare
 *   TaskRun's) is isolated for ingress and egress; it accepts ingress from, and reaches by
 *   egress, no pod without labels of a namespace that has only its name label (every pod of
 *   every namespace), and at most a /8's worth of public IPv4 and a /24's worth of public IPv6
 *   addresses (policies added up); and every pod of `ci`, whatever its labels, is isolated
 *   both ways;
 * - EGRESS_NO_OPEN_CIDR, no finding on any policy: every pod (of `ci`, and of `other`, where
 *   policies are too) that a policy isolates for egress reaches at most a /8's worth of public
 *   IPv4 and a /24's worth of public IPv6 addresses, and no cloud metadata address on anything
 *   but DNS (53/UDP, 53/TCP);
 * - EGRESS_SCOPED, no finding on any policy: such a pod reaches at most 1024 ports of a protocol
 *   besides 53 (over every destination probed), no address that no ipBlock names, no pod of a
 *   namespace that has only its name label, and kube-system's pods on 53/UDP and 53/TCP only
 *   (pods reached by their IP through an ipBlock aside: private blocks are documented as passing).
 *
 * Addresses are probed at every edge of the policies' blocks (as the evaluator read them), so
 * what a pod reaches is known exactly; ports at every edge of the ranges and at each entry's
 * own port. Where a rule reports something in a set the API server admits whole and the
 * evaluator lets nothing through that the rule says is blocked (the rule is stricter), the sets
 * are counted and a few printed, not failed: the rules are conservative by design (a deny
 * without a namespace does not count, tunnel and NAT64 prefixes count as the IPv4 they embed,
 * and the rules judge what a policy allows, not only what the probed pods get).
 */
import { Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { EgressPeer, EgressPort, HardenedNamespace, SecurePipeline, SecureTask } from '../../src';
import { ruleContext } from '../../src/policy/engine/context';
import { EGRESS_NO_OPEN_CIDR } from '../../src/policy/rules/egress-no-open-cidr';
import { EGRESS_SCOPED } from '../../src/policy/rules/egress-scoped';
import { NAMESPACE_DEFAULT_DENY } from '../../src/policy/rules/namespace-default-deny';
import { AddressSet, formatIpv4, formatIpv6, parseCidr, pow2, PUBLIC_IPV4, PUBLIC_IPV6 } from '../../src/private/cidr';
import { step } from '../helpers/constructs';
import { describeWithNetpolEval, NetpolPod, NetpolRequest, NetpolTraffic, netpolEval } from '../helpers/netpol-eval';

const NS = 'ci';
/** A namespace with only its name label, which no generated selector names: its pods stand for every pod of every namespace. */
const ELSEWHERE = 'elsewhere';
const KUBE_SYSTEM = 'kube-system';
const NAMESPACES = [
  { name: NS, labels: { team: 'build' } },
  { name: 'other', labels: { team: 'x' } },
  { name: ELSEWHERE },
  { name: KUBE_SYSTEM },
];
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;
/** Ports named by the generated policies, and the numbers the probed pods give them. */
const NAMED_PORTS: Record<string, number> = { dns: 30053, web: 30080 };
/** Where the pods are (no generated block names this range, so a pod is reached by its IP only through a wide block). */
const POD_RANGE = '10.244.0.0/16';
const METADATA_PROBES = ['169.254.169.254', '168.63.129.16', '100.100.100.200', 'fd00:ec2::254', 'fe80::a9fe:a9fe'];
const LIMIT = { 4: pow2(32 - 8), 6: pow2(128 - 24) };
const PUBLIC = { 4: PUBLIC_IPV4, 6: PUBLIC_IPV6 };

/** A NetworkPolicy; with a null namespace, one that names none (kubectl puts it into the namespace of the context or of -n). */
const networkPolicy = (name: string, namespace: string | null, spec: any): any => ({
  apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, ...(namespace === null ? {} : { namespace }) }, ...(spec === undefined ? {} : { spec }),
});

/**
 * A policy as the evaluator gets it: one without a namespace placed in `ci`, where it opens the
 * most (the rules count such a policy as opening every namespace checked, and none as a deny).
 */
const placed = (p: any): any => (p.metadata.namespace === undefined ? { ...p, metadata: { ...p.metadata, namespace: NS } } : p);

/** Labels that a selector's positive terms ask for (matchLabels, the first value of In, Exists); keys it excludes left out. */
function labelsFor(selector: any): Record<string, string> {
  const out: Record<string, string> = {};
  if (selector === null || typeof selector !== 'object') return out;
  // a null value is decoded as ""
  const text = (v: unknown) => (v === null ? '' : String(v));
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) out[k] = text(v);
  for (const e of selector.matchExpressions ?? []) {
    if (e?.operator === 'In' && Array.isArray(e.values) && e.values.length > 0) out[e.key] = text(e.values[0]);
    if (e?.operator === 'Exists') out[e.key] = out[e.key] ?? 'x';
  }
  return out;
}

const asList = (x: unknown): any[] => (Array.isArray(x) ? x : []);

/** Every label selector of the policies: their podSelectors and their peers' podSelectors. */
function selectorsOf(policies: readonly any[]): { own: any[]; peers: any[] } {
  const own: any[] = [];
  const peers: any[] = [];
  for (const p of policies) {
    own.push(p.spec?.podSelector);
    for (const r of [...asList(p.spec?.ingress), ...asList(p.spec?.egress)]) {
      for (const peer of [...asList(r?.from), ...asList(r?.to)]) peers.push(peer?.podSelector);
    }
  }
  return { own, peers };
}

const key = (labels: Record<string, string>): string => JSON.stringify(Object.entries(labels).sort());

/**
 * The probed pods: in `ci` and `other` (where the policies are) one without labels and one per
 * label set the policies' podSelectors ask for; in `elsewhere` and kube-system one without labels
 * and one per label set their peers ask for.
 */
function podsFor(policies: readonly any[]): { pods: NetpolPod[]; own: NetpolPod[]; other: NetpolPod[] } {
  const { own, peers } = selectorsOf(policies);
  const ports = Object.entries(NAMED_PORTS).flatMap(([name, containerPort]) => PROTOCOLS.map((protocol) => ({ name, containerPort, protocol })));
  const pods: NetpolPod[] = [];
  let n = 0;
  const add = (namespace: string, sets: Array<Record<string, string>>): NetpolPod[] => {
    const seen = new Set<string>();
    const out: NetpolPod[] = [];
    for (const labels of [{}, ...sets]) {
      if (seen.has(key(labels)) || out.length >= 6) continue;
      seen.add(key(labels));
      n++;
      out.push({ namespace, name: `pod${n}`, labels, ip: `10.244.${Math.floor(n / 200)}.${(n % 200) + 1}`, ports });
    }
    pods.push(...out);
    return out;
  };
  // and one with labels the generated selectors exclude or do not ask for (NotIn, DoesNotExist)
  const excluded = { app: 'z', tier: 'x' };
  const ownPods = add(NS, [excluded, ...own.map(labelsFor)]);
  const otherPods = add('other', [excluded, ...own.map(labelsFor)]);
  for (const ns of [ELSEWHERE, KUBE_SYSTEM]) add(ns, peers.map(labelsFor));
  return { pods, own: ownPods, other: otherPods };
}

/** The addresses of a block as read (netpol-eval's canonical text). */
function blockSet(text: string): { family: 4 | 6; set: AddressSet } {
  const c = parseCidr(text)!;
  return { family: c.family, set: AddressSet.block(c) };
}

/** One address per stretch of addresses that every block either covers whole or misses, per family: [start, end]. */
function addressStretches(blocks: readonly string[]): Record<4 | 6, Array<[bigint, bigint]>> {
  const out: Record<4 | 6, Array<[bigint, bigint]>> = { 4: [], 6: [] };
  for (const f of [4, 6] as const) {
    const top = pow2(f === 4 ? 32 : 128);
    const edges = new Set<bigint>([0n]);
    for (const b of blocks) {
      const { family, set } = blockSet(b);
      if (family !== f) continue;
      for (const [lo, hi] of set.intervals) {
        edges.add(lo);
        if (hi + 1n < top) edges.add(hi + 1n);
      }
    }
    // the public spaces' edges too, so that each stretch is public or not as a whole
    for (const [lo, hi] of PUBLIC[f].intervals) {
      edges.add(lo);
      if (hi + 1n < top) edges.add(hi + 1n);
    }
    const sorted = [...edges].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    sorted.forEach((lo, i) => out[f].push([lo, i + 1 < sorted.length ? sorted[i + 1] - 1n : top - 1n]));
  }
  return out;
}

const addressText = (f: 4 | 6, a: bigint): string => (f === 4 ? formatIpv4(a) : formatIpv6(a));

/** Port numbers, one per stretch that every port entry (of any protocol) and named port covers whole or misses: [start, end]. */
function portStretches(policies: readonly any[]): Array<[number, number]> {
  const edges = new Set<number>([1, 53, 54]);
  for (const p of policies) {
    for (const r of [...asList(p.spec?.ingress), ...asList(p.spec?.egress)]) {
      for (const port of asList(r?.ports)) {
        if (typeof port?.port !== 'number') continue;
        edges.add(port.port);
        const end = typeof port.endPort === 'number' ? port.endPort : port.port;
        if (end + 1 <= 65535) edges.add(end + 1);
      }
    }
  }
  for (const n of Object.values(NAMED_PORTS)) { edges.add(n); edges.add(n + 1); }
  const sorted = [...edges].filter((e) => e >= 1 && e <= 65535).sort((a, b) => a - b);
  return sorted.map((lo, i) => [lo, i + 1 < sorted.length ? sorted[i + 1] - 1 : 65535]);
}

/** The ports that show whether a destination is reached at all: each stretch's first port, per protocol. */
function witnessPorts(policies: readonly any[]): Array<{ port: number; hi: number; protocol: string }> {
  return PROTOCOLS.flatMap((protocol) => portStretches(policies).map(([lo, hi]) => ({ port: lo, hi, protocol })));
}

interface Case {
  readonly name: string;
  /** Every policy, as the rules read them (those the API server refuses included). */
  readonly policies: any[];
}

interface Violation {
  readonly rule: string;
  /** What the evaluator lets through, and in which case. */
  readonly what: string;
  /** What it lets through. */
  readonly message: string;
}

/** What the rules say of a case. */
type RuleKey = 'deny' | 'openCidr' | 'scoped';

/** What the rules say of a case: their findings' problems. */
function findings(c: Case): Record<RuleKey, string[]> {
  const namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS, labels: { team: 'build' } } };
  const context = ruleContext([namespace, ...c.policies]);
  const text = (f: { property?: string; value?: string; problem: string }) => `${f.property ?? ''} ${f.value ?? ''}: ${f.problem}`;
  return {
    deny: NAMESPACE_DEFAULT_DENY.check(namespace, context).map(text),
    openCidr: c.policies.flatMap((p) => EGRESS_NO_OPEN_CIDR.check(p, context)).map(text),
    scoped: c.policies.flatMap((p) => EGRESS_SCOPED.check(p, context)).map(text),
  };
}

/** The policies of a case the API server admits (netpol-eval refuses the others, one by one). */
function admitted(cases: readonly Case[]): any[][] {
  const all = cases.flatMap((c) => c.policies);
  const verdicts = netpolEval(all.map((p) => ({ policies: [placed(p)], namespaces: NAMESPACES, pods: [], traffic: [] })));
  const ok = new Set(all.filter((_, i) => verdicts[i].error === undefined));
  return cases.map((c) => c.policies.filter((p) => ok.has(p)).map(placed));
}

interface Probe {
  readonly traffic: NetpolTraffic;
  readonly check: (allowed: boolean, isolated: boolean) => void;
}

/**
 * Decides each case with the evaluator and returns the rules' misses (the evaluator allows what
 * a rule that reports nothing says is blocked) and how often a rule reported a case the
 * evaluator finds within its limits.
 */
/** How many cases are decided in one run of netpol-eval. */
const BATCH = 25;

interface Differential {
  readonly misses: Violation[];
  /** Per rule, the sets the API server admits whole where the rule reports something and the evaluator lets nothing through that it says is blocked. */
  readonly stricter: Record<RuleKey, number>;
  /** A few of their findings, to read. */
  readonly stricterExamples: Record<RuleKey, string[]>;
  readonly traffic: number;
}

function differential(cases: readonly Case[], judge: (c: Case) => Record<RuleKey, string[]> = findings): Differential {
  const kept = admitted(cases);
  // first pass: the blocks as read, to place the address probes
  const first = netpolEval(kept.map((policies) => ({ policies, namespaces: NAMESPACES, pods: [], traffic: [] })));
  const misses: Violation[] = [];
  const stricter: Record<RuleKey, number> = { deny: 0, openCidr: 0, scoped: 0 };
  const stricterExamples: Record<RuleKey, string[]> = { deny: [], openCidr: [], scoped: [] };
  let requests: NetpolRequest[] = [];
  let judges: Array<(results: ReadonlyArray<{ allowed: boolean; egress: any; ingress: any }>) => void> = [];
  let traffic = 0;
  // in batches of cases: one process's input and output, and the probes, stay within what memory holds
  const decide = (from: number) => {
    netpolEval(requests).forEach((v, k) => {
      if (v.error !== undefined) throw new Error(`${cases[from + k].name}: ${v.error}`);
      traffic += v.results.length;
      judges[k](v.results);
    });
    requests = [];
    judges = [];
  };
  cases.forEach((c, i) => {
    if (i > 0 && i % BATCH === 0) decide(i - BATCH);
    const verdict = first[i];
    if (verdict.error !== undefined) throw new Error(`${c.name}: ${verdict.error}`);
    const policies = kept[i];
    const blocks = verdict.blocks ?? [];
    const found = judge(c);
    const { pods, own, other } = podsFor(policies);
    const bare = own[0];
    const stretches = addressStretches([...blocks, POD_RANGE]);
    const witnesses = witnessPorts(policies);
    const probes: Probe[] = [];
    const broken = { deny: false, openCidr: false, scoped: false };
    const RULES = { deny: 'NAMESPACE_DEFAULT_DENY', openCidr: 'EGRESS_NO_OPEN_CIDR', scoped: 'EGRESS_SCOPED' } as const;
    /** The evaluator lets through what `rule` says is blocked: a miss unless the rule reports something. */
    const violate = (rule: keyof typeof RULES, what: string) => {
      broken[rule] = true;
      if (found[rule].length === 0) misses.push({ rule: RULES[rule], what: `${what} (${c.name})`, message: what });
    };
    const covered = (f: 4 | 6, a: bigint) => blocks.some((b) => {
      const bs = blockSet(b);
      return bs.family === f && bs.set.intervals.some(([lo, hi]) => lo <= a && a <= hi);
    });
    const podCovered = (p: NetpolPod) => covered(4, parseCidr(`${p.ip}/32`)!.network);
    // reached public addresses, per pod, direction and family
    const reached = new Map<string, Record<4 | 6, Array<[bigint, bigint]>>>();
    const reach = (k: string, f: 4 | 6, s: [bigint, bigint]) => {
      let r = reached.get(k);
      if (r === undefined) reached.set(k, r = { 4: [], 6: [] });
      r[f].push(s);
    };
    const portsReached = new Map<string, Set<number>>();
    const addPorts = (k: string, lo: number, hi: number) => {
      const set = portsReached.get(k) ?? new Set<number>();
      for (let n = lo; n <= hi && set.size <= 1100; n++) set.add(n);
      portsReached.set(k, set);
    };
    // the egress rules judge every policy where it is: the pods of ci and of other
    const egressPods = [...own, ...other];
    for (const f of [4, 6] as const) {
      for (const s of stretches[f]) {
        const ip = addressText(f, s[0]);
        const isPublic = !AddressSet.of([s]).intersect(PUBLIC[f]).isEmpty();
        const outside = !covered(f, s[0]);
        for (const w of witnesses) {
          if (isPublic) {
            probes.push({
              traffic: { from: { ip }, to: { pod: `${NS}/${bare.name}` }, port: w.port, protocol: w.protocol },
              check: (allowed) => { if (allowed) reach(`ingress ${bare.name}`, f, s); },
            });
          }
          for (const p of egressPods) {
            probes.push({
              traffic: { from: { pod: `${p.namespace}/${p.name}` }, to: { ip }, port: w.port, protocol: w.protocol },
              check: (allowed, isolated) => {
                if (!isolated) return;
                if (allowed && isPublic) reach(`egress ${p.name}`, f, s);
                if (allowed) addPorts(`${p.name} ${w.protocol}`, w.port, w.hi);
                if (allowed && outside) violate('scoped', `pod ${JSON.stringify(p.labels)} reaches ${ip} (no ipBlock names it) on ${w.port}/${w.protocol}`);
              },
            });
          }
        }
      }
    }
    // the metadata addresses, on every port but DNS
    for (const ip of METADATA_PROBES) {
      for (const w of witnesses) {
        if (w.port === 53 && w.protocol !== 'SCTP') continue;
        for (const p of egressPods) {
          probes.push({
            traffic: { from: { pod: `${p.namespace}/${p.name}` }, to: { ip }, port: w.port, protocol: w.protocol },
            check: (allowed, isolated) => {
              if (isolated && allowed) violate('openCidr', `pod ${JSON.stringify(p.labels)} reaches the metadata address ${ip} on ${w.port}/${w.protocol}`);
            },
          });
        }
      }
    }
    // pods of other namespaces: every port stretch
    const portProbes = PROTOCOLS.flatMap((protocol) => portStretches(policies).map(([lo, hi]) => ({ port: lo, hi, protocol })));
    // (the pods of ci and other count for the ports only: a namespace's own pods are the rules' to allow)
    for (const q of pods) {
      for (const pp of portProbes) {
        const w = { port: pp.port, protocol: pp.protocol };
        for (const p of egressPods) {
          probes.push({
            traffic: { from: { pod: `${p.namespace}/${p.name}` }, to: { pod: `${q.namespace}/${q.name}` }, ...w },
            check: (allowed, isolated) => {
              if (!isolated || !allowed) return;
              addPorts(`${p.name} ${pp.protocol}`, pp.port, pp.hi);
              if (podCovered(q) || (q.namespace !== ELSEWHERE && q.namespace !== KUBE_SYSTEM)) return;
              if (q.namespace === ELSEWHERE) violate('scoped', `pod ${JSON.stringify(p.labels)} reaches pod ${JSON.stringify(q.labels)} of a namespace no selector names on ${pp.port}/${pp.protocol}`);
              if (q.namespace === KUBE_SYSTEM && !(pp.port === 53 && pp.hi === 53 && pp.protocol !== 'SCTP')) {
                violate('scoped', `pod ${JSON.stringify(p.labels)} reaches pod ${JSON.stringify(q.labels)} of kube-system on ${pp.port}-${pp.hi}/${pp.protocol}`);
              }
            },
          });
        }
      }
    }
    // the bare pod and the bare pod of a namespace with only its name label, both ways (every port stretch)
    const elsewhereBare = pods.find((x) => x.namespace === ELSEWHERE && key(x.labels ?? {}) === key({}))!;
    // every pod of ci, whatever its labels, is isolated both ways
    for (const p of own.slice(1)) {
      const what = (dir: string) => `the pod ${JSON.stringify(p.labels)} is not isolated for ${dir}`;
      probes.push({ traffic: { from: { pod: `${p.namespace}/${p.name}` }, to: { pod: `${ELSEWHERE}/${elsewhereBare.name}` }, port: 443 }, check: (_a, isolated) => { if (!isolated) violate('deny', what('egress')); } });
      probes.push({ traffic: { from: { pod: `${ELSEWHERE}/${elsewhereBare.name}` }, to: { pod: `${p.namespace}/${p.name}` }, port: 443 }, check: (_a, isolated) => { if (!isolated) violate('deny', what('ingress')); } });
    }
    for (const pp of portProbes) {
      const w = { port: pp.port, protocol: pp.protocol };
      probes.push({
        traffic: { from: { pod: `${NS}/${bare.name}` }, to: { pod: `${ELSEWHERE}/${elsewhereBare.name}` }, ...w },
        check: (allowed, isolated) => {
          if (!isolated) violate('deny', 'the pod without labels is not isolated for egress');
          else if (allowed && !podCovered(elsewhereBare)) violate('deny', `the pod without labels reaches every pod of every namespace on ${pp.port}/${pp.protocol}`);
        },
      });
      probes.push({
        traffic: { from: { pod: `${ELSEWHERE}/${elsewhereBare.name}` }, to: { pod: `${NS}/${bare.name}` }, ...w },
        check: (allowed, isolated) => {
          if (!isolated) violate('deny', 'the pod without labels is not isolated for ingress');
          else if (allowed && !podCovered(elsewhereBare)) violate('deny', `the pod without labels accepts every pod of every namespace on ${pp.port}/${pp.protocol}`);
        },
      });
    }
    requests.push({ policies, namespaces: NAMESPACES, pods, traffic: probes.map((p) => p.traffic) });
    judges.push((results) => {
      probes.forEach((p, k) => {
        const r = results[k];
        const fromPod = 'pod' in p.traffic.from && (p.traffic.from.pod.startsWith(`${NS}/`) || p.traffic.from.pod.startsWith('other/'));
        // egress from a pod of ci: its egress side; ingress to the bare pod: its ingress side
        const side = fromPod ? r.egress : r.ingress;
        p.check(side.allowed, side.isolated);
      });
      for (const [k, r] of reached) {
        for (const f of [4, 6] as const) {
          const size = AddressSet.of(r[f]).intersect(PUBLIC[f]).size();
          if (size <= LIMIT[f]) continue;
          const [dir, podName] = k.split(' ');
          const p = pods.find((x) => x.name === podName)!;
          if (podName === bare.name) violate('deny', `the pod without labels ${dir === 'ingress' ? 'accepts' : 'reaches'} ${size} public IPv${f} addresses`);
          if (dir === 'egress') violate('openCidr', `pod ${JSON.stringify(p.labels)} reaches ${size} public IPv${f} addresses`);
        }
      }
      for (const [k, set] of portsReached) {
        const count = [...set].filter((n) => n !== 53).length;
        if (count <= 1024) continue;
        violate('scoped', `pod ${k} reaches ${count} ports besides 53`);
      }
      if (policies.length < c.policies.length) return;
      for (const rule of ['deny', 'openCidr', 'scoped'] as const) {
        if (found[rule].length === 0 || broken[rule]) continue;
        stricter[rule]++;
        if (stricterExamples[rule].length < 3) stricterExamples[rule].push(`${found[rule][0]} (${c.name})`);
      }
    });
  });
  decide(cases.length - requests.length);
  const distinct = [...new Map(misses.map((m) => [`${m.rule} ${m.what}`, m])).values()];
  return { misses: distinct, stricter, stricterExamples, traffic };
}

const DENY = networkPolicy('default-deny', NS, { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
const egressOnly = (name: string, podSelector: any, egress: any[], extra: any = {}) =>
  networkPolicy(name, NS, { podSelector, policyTypes: ['Egress'], egress, ...extra });

/** Hand-written sets, each aimed at one reading. */
const HAND: Case[] = [
  { name: 'deny only', policies: [DENY] },
  { name: 'deny, policyTypes omitted (Ingress only), egress rules absent', policies: [networkPolicy('d', NS, { podSelector: {} })] },
  { name: 'deny with podSelector missing', policies: [networkPolicy('d', NS, { policyTypes: ['Ingress', 'Egress'] })] },
  { name: 'deny without spec', policies: [networkPolicy('d', NS, undefined)] },
  { name: 'deny with policyTypes inferred from an empty egress list', policies: [networkPolicy('d', NS, { podSelector: {}, egress: [] })] },
  { name: 'deny and egress rule {}', policies: [DENY, egressOnly('open', {}, [{}])] },
  { name: 'deny and egress to: []', policies: [DENY, egressOnly('open', {}, [{ to: [], ports: [{ port: 443 }] }])] },
  { name: 'deny and ::/0', policies: [DENY, egressOnly('open', {}, [{ to: [{ ipBlock: { cidr: '::/0' } }], ports: [{ port: 443 }] }])] },
  { name: 'deny and the two halves', policies: [DENY, egressOnly('open', {}, [{ to: [{ ipBlock: { cidr: '0.0.0.0/1' } }, { ipBlock: { cidr: '128.0.0.0/1' } }], ports: [{ port: 443 }] }])] },
  { name: 'deny and halves in two policies', policies: [DENY, egressOnly('a', {}, [{ to: [{ ipBlock: { cidr: '0.0.0.0/1' } }], ports: [{ port: 443 }] }]), egressOnly('b', {}, [{ to: [{ ipBlock: { cidr: '128.0.0.0/1' } }], ports: [{ port: 443 }] }])] },
  { name: 'deny and /0 with an except', policies: [DENY, egressOnly('open', {}, [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }], ports: [{ port: 443 }] }])] },
  { name: 'deny and IPv4-mapped /96', policies: [DENY, egressOnly('open', {}, [{ to: [{ ipBlock: { cidr: '::ffff:0:0/96' } }], ports: [{ port: 443 }] }])] },
  { name: 'deny and non-canonical /8 blocks', policies: [DENY, egressOnly('open', { matchLabels: { app: 'a' } }, [{ to: [{ ipBlock: { cidr: '52.1.2.3/8' } }, { ipBlock: { cidr: '053.0.0.0/8' } }], ports: [{ port: 443 }] }])] },
  { name: 'deny and namespaceSelector {}', policies: [DENY, egressOnly('open', {}, [{ to: [{ namespaceSelector: {} }], ports: [{ port: 443 }] }])] },
  { name: 'deny and ingress from namespaceSelector {}', policies: [DENY, networkPolicy('open', NS, { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {}, podSelector: {} }] }] })] },
  { name: 'deny and NotIn podSelector opener', policies: [DENY, egressOnly('open', { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['x'] }] }, [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }])] },
  { name: 'deny and a matchLabels "" opener', policies: [DENY, egressOnly('open', { matchLabels: { app: '' } }, [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }])] },
  { name: 'ports without port, SCTP', policies: [DENY, egressOnly('p', { matchLabels: { app: 'a' } }, [{ to: [{ ipBlock: { cidr: '8.8.8.8/32' } }], ports: [{ protocol: 'SCTP' }] }])] },
  { name: 'endPort ranges over 1024 across policies', policies: [DENY, egressOnly('a', { matchLabels: { app: 'a' } }, [{ to: [{ ipBlock: { cidr: '8.8.8.8/32' } }], ports: [{ port: 1000, endPort: 1600 }] }]), egressOnly('b', {}, [{ to: [{ ipBlock: { cidr: '8.8.4.4/32' } }], ports: [{ port: 2000, endPort: 2600 }] }])] },
  { name: 'kube-system on a named port', policies: [DENY, egressOnly('k', {}, [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': KUBE_SYSTEM } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ port: 'dns', protocol: 'UDP' }] }])] },
  { name: 'kube-system by NotIn', policies: [DENY, egressOnly('k', {}, [{ to: [{ namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'NotIn', values: ['x'] }] } }], ports: [{ port: 53, protocol: 'UDP' }] }])] },
  { name: 'metadata through an except of the other family', policies: [DENY, egressOnly('m', {}, [{ to: [{ ipBlock: { cidr: '169.254.169.254/32' } }], ports: [{ port: 80 }] }])] },
  { name: 'metadata on DNS only', policies: [DENY, egressOnly('m', {}, [{ to: [{ ipBlock: { cidr: '169.254.0.0/16' } }], ports: [{ port: 53, protocol: 'UDP' }, { port: 53 }] }])] },
  { name: 'policies in another namespace', policies: [DENY, networkPolicy('open', 'other', { podSelector: {}, policyTypes: ['Egress'], egress: [{}] })] },
  { name: 'deny in another namespace only', policies: [networkPolicy('d', 'other', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] })] },
  { name: 'an opener without a namespace', policies: [DENY, networkPolicy('open', null, { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] })] },
  { name: 'a deny without a namespace', policies: [networkPolicy('d', null, { podSelector: {}, policyTypes: ['Ingress', 'Egress'] })] },
  // the API server validates the rules of a direction a policy does not isolate: a deny with such a rule is refused
  {
    name: 'an ingress deny refused for its egress rule',
    policies: [networkPolicy('e', NS, { podSelector: {}, policyTypes: ['Egress'] }),
      networkPolicy('i', NS, { podSelector: {}, policyTypes: ['Ingress'], egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['52.0.0.0/9'] } }] }] })],
  },
  {
    name: 'an egress deny refused for its ingress port',
    policies: [networkPolicy('i', NS, { podSelector: {} }), networkPolicy('e', NS, { podSelector: {}, policyTypes: ['Egress'], ingress: [{ ports: [{ port: 80, endPort: 79 }] }] })],
  },
  // a null label value is decoded as "": these select the same pods
  {
    name: 'podSelectors app: null and app: "" add up their ports',
    policies: [DENY, egressOnly('a', { matchLabels: { app: null } }, [{ to: [{ ipBlock: { cidr: '8.8.8.8/32' } }], ports: [{ port: 1000, endPort: 1600 }] }]),
      egressOnly('b', { matchLabels: { app: '' } }, [{ to: [{ ipBlock: { cidr: '8.8.4.4/32' } }], ports: [{ port: 2000, endPort: 2600 }] }])],
  },
  {
    name: 'podSelectors In [null] and app: "" add up their ports',
    policies: [DENY, egressOnly('a', { matchExpressions: [{ key: 'app', operator: 'In', values: [null] }] }, [{ to: [{ ipBlock: { cidr: '8.8.8.8/32' } }], ports: [{ port: 1000, endPort: 1600 }] }]),
      egressOnly('b', { matchLabels: { app: '' } }, [{ to: [{ ipBlock: { cidr: '8.8.4.4/32' } }], ports: [{ port: 2000, endPort: 2600 }] }])],
  },
  { name: 'empty peer {} (refused)', policies: [DENY, egressOnly('e', {}, [{ to: [{}], ports: [{ port: 443 }] }])] },
];

// generated policy sets
const podSelectorArb = fc.constantFrom<any>(
  undefined, {}, { matchLabels: {} }, { matchLabels: { app: 'a' } }, { matchLabels: { app: 'b' } }, { matchLabels: { app: '' } },
  { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['a'] }] }, { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] },
  { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, { matchExpressions: [{ key: 'app', operator: 'In', values: ['a', 'b'] }] },
  { matchLabels: { app: 'a' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['x'] }] },
  // refused
  { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] },
  // null values are decoded as ""
  { matchLabels: { app: null } }, { matchExpressions: [{ key: 'app', operator: 'NotIn', values: [null] }] },
);
const namespaceSelectorArb = fc.constantFrom<any>(
  undefined, {}, { matchLabels: { 'kubernetes.io/metadata.name': KUBE_SYSTEM } }, { matchLabels: { team: 'build' } },
  { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: [KUBE_SYSTEM] }] },
  { matchExpressions: [{ key: 'team', operator: 'Exists' }] }, { matchExpressions: [{ key: 'team', operator: 'DoesNotExist' }] },
  { matchLabels: { 'kubernetes.io/metadata.name': NS } }, { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: [KUBE_SYSTEM, 'other'] }] },
);
const CIDRS = [
  '0.0.0.0/0', '::/0', '0.0.0.0/1', '128.0.0.0/1', '8.8.8.0/24', '1.2.3.4/32', '10.0.0.0/8', '169.254.169.254/32', '169.254.0.0/16', '52.0.0.0/8',
  '52.1.0.0/16', '52.0.0.0/7', '::ffff:0:0/96', '::ffff:52.0.0.0/104', '2001:db8::/32', '2600::/24', '2600::/23', '2a00::/12', '64:ff9b::/96',
  '2002::/16', '052.1.0.0/16', '52.1.2.3/16', '0.0.0.0/2', '100.100.100.200/32', 'fd00:ec2::254/128', '172.16.0.0/12', '2001::/32', '53.0.0.0/8',
  '54.0.0.0/9', '54.128.0.0/9', '::ffff:169.254.169.254/128', '64:ff9b::a9fe:a9fe/128', 'fe80::/10', '169.254.169.0/24', '2002:a9fe:a9fe::/48',
  '::ffff:0:0/95', '0.0.0.0/8',
];
const EXCEPTS = [
  '10.0.0.0/8', '8.8.8.0/25', '52.0.0.0/9', '0.0.0.0/1', '128.0.0.0/2', '52.1.0.0/17', '169.254.169.254/32', '2600::/25', '2002::/17', '::ffff:0:0/97',
  '52.0.0.0/8', '::ffff:169.254.169.254/128', '169.254.169.0/25',
];
const ipBlockArb = fc.record({ cidr: fc.constantFrom(...CIDRS), except: fc.option(fc.subarray(EXCEPTS, { maxLength: 2 }), { nil: undefined }) }, { requiredKeys: ['cidr'] });
const peerArb = fc.oneof(
  { weight: 4, arbitrary: ipBlockArb.map((ipBlock) => ({ ipBlock })) },
  {
    weight: 3,
    arbitrary: fc.record({ podSelector: podSelectorArb, namespaceSelector: namespaceSelectorArb })
      .map((p) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined))),
  },
  { weight: 1, arbitrary: fc.constant({}) },
);
const portArb = fc.constantFrom<any>(
  { port: 443 }, { port: 53, protocol: 'UDP' }, { port: 53 }, { protocol: 'UDP' }, {}, { port: 1, endPort: 65535 }, { port: 1000, endPort: 2100 },
  { port: 'dns', protocol: 'UDP' }, { port: 'web' }, { port: 5000, protocol: 'SCTP' }, { port: 1, endPort: 1024 }, { port: 2000, endPort: 2500, protocol: 'UDP' },
  { port: 53, endPort: 54, protocol: 'UDP' }, null,
  // refused: the policy is not created
  { endPort: 80 }, { port: 0 }, { port: 53, protocol: 'udp' }, { port: 80, endPort: 79 },
);
const ruleArb = (peers: 'to' | 'from') => fc.oneof(
  {
    weight: 9,
    arbitrary: fc.record({
      [peers]: fc.oneof(fc.constant(undefined), fc.constant(null), fc.array(peerArb, { maxLength: 3 })),
      ports: fc.oneof(fc.constant(undefined), fc.constant(null), fc.array(portArb, { maxLength: 3 })),
    }, { requiredKeys: [] }).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined))),
  },
  // a null rule decodes as {}
  { weight: 1, arbitrary: fc.constant(null) },
);
const policyArb = fc.record({
  namespace: fc.constantFrom<string | null>(NS, NS, NS, 'other', null),
  podSelector: podSelectorArb,
  policyTypes: fc.constantFrom<any>(undefined, ['Ingress'], ['Egress'], ['Ingress', 'Egress'], ['Egress', 'Ingress'], ['Egress', 'Egress'], []),
  ingress: fc.option(fc.array(ruleArb('from'), { maxLength: 2 }), { nil: undefined }),
  egress: fc.option(fc.array(ruleArb('to'), { maxLength: 3 }), { nil: undefined }),
});
const caseArb = fc.record({ deny: fc.boolean(), policies: fc.array(policyArb, { minLength: 1, maxLength: 4 }) }).map(({ deny, policies }) => [
  ...(deny ? [DENY] : []),
  ...policies.map((p, i) => networkPolicy(`p${i}`, p.namespace, Object.fromEntries(Object.entries({
    podSelector: p.podSelector, policyTypes: p.policyTypes, ingress: p.ingress, egress: p.egress,
  }).filter(([, v]) => v !== undefined)))),
]);

function report(title: string, r: Differential, cases: number): void {
  const examples = (['deny', 'openCidr', 'scoped'] as const).flatMap((k) => r.stricterExamples[k].map((e) => `\n  ${k}: ${e.slice(0, 400)}`)).join('');
  // eslint-disable-next-line no-console
  console.log(`${title}: ${cases} policy sets, ${r.traffic} traffic decided; ${r.misses.length} misses; of the sets the API server admits whole, `
    + `a rule reports what the evaluator finds within its limits in ${r.stricter.deny} (NAMESPACE_DEFAULT_DENY), ${r.stricter.openCidr} (EGRESS_NO_OPEN_CIDR), `
    + `${r.stricter.scoped} (EGRESS_SCOPED)${examples}`);
}

describeWithNetpolEval('NetworkPolicy rules against an evaluator of NetworkPolicies (netpol-eval)', () => {
  test('the evaluator reads the API server\'s defaults and Kubernetes\' selectors', () => {
    const pods: NetpolPod[] = [
      { namespace: NS, name: 'bare', ip: '10.244.0.1' },
      { namespace: NS, name: 'x', labels: { app: 'x' }, ip: '10.244.0.2' },
    ];
    const to = (ip: string): NetpolTraffic => ({ from: { pod: `${NS}/bare` }, to: { ip }, port: 443 });
    const [inferred, notIn, empty] = netpolEval([
      // no policyTypes: Egress because of the egress rules
      { policies: [networkPolicy('e', NS, { podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '1.2.3.0/24' } }] }] })], namespaces: NAMESPACES, pods, traffic: [to('1.2.3.4'), to('8.8.8.8')] },
      // NotIn matches a pod without the label
      { policies: [networkPolicy('n', NS, { podSelector: { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['x'] }] }, policyTypes: ['Egress'] })], namespaces: NAMESPACES, pods, traffic: [to('8.8.8.8'), { from: { pod: `${NS}/x` }, to: { ip: '8.8.8.8' }, port: 443 }] },
      // matchLabels app: "" does not match a pod without the label
      { policies: [networkPolicy('m', NS, { podSelector: { matchLabels: { app: '' } }, policyTypes: ['Egress'] })], namespaces: NAMESPACES, pods, traffic: [to('8.8.8.8')] },
    ]);
    expect(inferred.error).toBeUndefined();
    expect(inferred.error === undefined && inferred.results.map((r) => r.allowed)).toEqual([true, false]);
    expect(notIn.error === undefined && notIn.results.map((r) => r.allowed)).toEqual([false, true]);
    expect(empty.error === undefined && empty.results.map((r) => r.allowed)).toEqual([true]);
  });

  test('what HardenedNamespace and a SecurePipeline\'s EgressPolicy write lets each pod reach what it was given, and nothing else', () => {
    const c = new Chart(Testing.app(), 'test', { namespace: NS });
    new HardenedNamespace(c, 'ns', { name: NS });
    const pipeline = new SecurePipeline(c, 'ci');
    const fetch = pipeline.addTask({ task: new SecureTask(c, 'fetch', { steps: [step()] }) });
    fetch.allowEgressTo(EgressPeer.cidr('140.82.112.0/20'), [EgressPort.tcp(443)]);
    pipeline.addTask({ task: new SecureTask(c, 'lint', { steps: [step()] }) });
    pipeline.addTask({ task: new SecureTask(c, 'offline', { steps: [step()] }), hermetic: true });
    pipeline.egress.allow(EgressPeer.pods({ app: 'cache' }), [EgressPort.tcp(6379)]);
    const manifests = Testing.synth(c);
    const policies = manifests.filter((m: any) => m.kind === 'NetworkPolicy');
    const { name, labels } = manifests.find((m: any) => m.kind === 'Pipeline').metadata;
    // the rules pass them
    expect(findings({ name: 'constructs', policies })).toEqual({ deny: [], openCidr: [], scoped: [] });
    // a pipeline task's pod: the Pipeline's labels (secure-tekton/pipeline), copied through the PipelineRun and TaskRun, and Tekton's
    const task = (t: string) => ({
      ...labels, 'tekton.dev/pipeline': name, 'tekton.dev/pipelineTask': t, 'app.kubernetes.io/managed-by': 'tekton-pipelines',
    });
    const pods: NetpolPod[] = [
      // a PipelineRun named like the pipeline that embeds its pipelineSpec, with a task named fetch: Tekton's labels alone
      { namespace: NS, name: 'embedded', labels: { 'tekton.dev/pipeline': name, 'tekton.dev/pipelineTask': 'fetch', 'app.kubernetes.io/managed-by': 'tekton-pipelines' }, ip: '10.244.0.6' },
      { namespace: NS, name: 'fetch', labels: task('fetch'), ip: '10.244.0.1' },
      { namespace: NS, name: 'lint', labels: task('lint'), ip: '10.244.0.2' },
      { namespace: NS, name: 'offline', labels: task('offline'), ip: '10.244.0.3' },
      { namespace: NS, name: 'bare', ip: '10.244.0.4' },
      { namespace: NS, name: 'cache', labels: { app: 'cache' }, ip: '10.244.0.5' },
      { namespace: KUBE_SYSTEM, name: 'dns', labels: { 'k8s-app': 'kube-dns' }, ip: '10.244.1.1' },
      { namespace: KUBE_SYSTEM, name: 'api', labels: { component: 'kube-apiserver' }, ip: '10.244.1.2' },
      { namespace: ELSEWHERE, name: 'other', ip: '10.244.2.1' },
    ];
    const to = (ns: string, pod: string): any => ({ pod: `${ns}/${pod}` });
    const destinations: Array<[string, any, number, string]> = [
      ['github', { ip: '140.82.112.3' }, 443, 'TCP'], ['github on 80', { ip: '140.82.112.3' }, 80, 'TCP'], ['github on 443/UDP', { ip: '140.82.112.3' }, 443, 'UDP'],
      ['elsewhere on the internet', { ip: '8.8.8.8' }, 443, 'TCP'], ['the metadata address', { ip: '169.254.169.254' }, 80, 'TCP'],
      ['kube-dns', to(KUBE_SYSTEM, 'dns'), 53, 'UDP'], ['kube-dns over TCP', to(KUBE_SYSTEM, 'dns'), 53, 'TCP'], ['kube-dns on 80', to(KUBE_SYSTEM, 'dns'), 80, 'TCP'],
      ['the API server pod on 53', to(KUBE_SYSTEM, 'api'), 53, 'UDP'], ['the cache', to(NS, 'cache'), 6379, 'TCP'], ['the cache on 80', to(NS, 'cache'), 80, 'TCP'],
      ['a pod of another namespace', to(ELSEWHERE, 'other'), 443, 'TCP'],
    ];
    const sources = ['fetch', 'lint', 'offline', 'bare', 'embedded'];
    const traffic: NetpolTraffic[] = sources.flatMap((from) => destinations.map(([, dest, port, protocol]) => ({
      from: to(NS, from), to: dest, port, protocol,
    })));
    // ingress to every pod of ci from a pod of another namespace
    traffic.push(...[...sources, 'cache'].map((p) => ({ from: to(ELSEWHERE, 'other'), to: to(NS, p), port: 443 })));
    const [verdict] = netpolEval([{ policies, namespaces: NAMESPACES, pods, traffic }]);
    if (verdict.error !== undefined) throw new Error(verdict.error);
    const reached = (from: string) => destinations
      .filter((_, k) => verdict.results[sources.indexOf(from) * destinations.length + k].egress.allowed)
      .map(([what]) => what);
    expect(Object.fromEntries(sources.map((s) => [s, reached(s)]))).toEqual({
      fetch: ['github', 'kube-dns', 'kube-dns over TCP', 'the cache'],
      lint: ['kube-dns', 'kube-dns over TCP', 'the cache'],
      offline: [],
      bare: [],
      embedded: [],
    });
    expect(labels).toEqual({ 'secure-tekton/pipeline': name });
    const ingress = verdict.results.slice(sources.length * destinations.length).map((r) => r.ingress);
    expect(ingress).toEqual(Array(6).fill({ isolated: true, allowed: false }));
  });

  test('the differential catches rules that report nothing', () => {
    const r = differential(HAND, () => ({ deny: [], openCidr: [], scoped: [] }));
    const missed = (rule: string) => r.misses.filter((m) => m.rule === rule).map((m) => m.message);
    expect(missed('NAMESPACE_DEFAULT_DENY')).toEqual(expect.arrayContaining([
      'the pod without labels is not isolated for egress', 'the pod {"app":"z","tier":"x"} is not isolated for ingress',
      'the pod without labels reaches 3702258432 public IPv4 addresses', 'the pod without labels accepts 3702258432 public IPv4 addresses',
      'the pod without labels reaches every pod of every namespace on 443/TCP', 'the pod without labels accepts every pod of every namespace on 53/UDP',
    ]));
    expect(missed('EGRESS_NO_OPEN_CIDR')).toEqual(expect.arrayContaining(['pod {} reaches the metadata address 169.254.169.254 on 80/TCP']));
    expect(missed('EGRESS_SCOPED')).toEqual(expect.arrayContaining([
      'pod {} reaches pod {} of a namespace no selector names on 443/TCP', 'pod {} reaches pod {} of kube-system on 443-443/TCP',
      'pod {} reaches 0.0.0.0 (no ipBlock names it) on 443/TCP',
    ]));
  });

  test('hand-written policy sets: no rule passes what the evaluator lets through', () => {
    const r = differential(HAND);
    report('network-policy differential (hand-written)', r, HAND.length);
    expect(r.misses.map((m) => m.what)).toEqual([]);
  });

  test('generated policy sets: no rule passes what the evaluator lets through', () => {
    const seed = Number(process.env.PROPERTY_SEED ?? 20261205);
    const numRuns = Number(process.env.PROPERTY_RUNS ?? 300);
    const sets = fc.sample(caseArb, { seed, numRuns });
    const cases = sets.map((policies, i) => ({
      name: `generated #${i} ${JSON.stringify(policies.map((p) => ({ ns: p.metadata.namespace ?? null, spec: p.spec })))}`,
      policies,
    }));
    const r = differential(cases);
    report(`network-policy differential (generated, seed ${seed}: PROPERTY_SEED=${seed} to run them again)`, r, cases.length);
    expect(r.misses.slice(0, 20).map((m) => m.what)).toEqual([]);
  });
});
