import { Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { describeRule, egressPolicy } from './fixtures';
import { DnsServer, EgressPeer, EgressPort, RuleId, SecurePipeline, SecureTask, Severity } from '../../../src';
import { ruleContext } from '../../../src/policy/engine/context';
import { EGRESS_SCOPED } from '../../../src/policy/rules/egress-scoped';
import { step } from '../../helpers/constructs';

const GIT_HOST = [{ ipBlock: { cidr: '140.82.112.0/20' } }];
const HTTPS = [{ protocol: 'TCP', port: 443 }];
const DNS = [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }];
const REJECTED = 'so the API server rejects the object';
const NAME = 'kubernetes.io/metadata.name';
const KUBE_SYSTEM = { namespaceSelector: { matchLabels: { [NAME]: 'kube-system' } } };
const KUBE_DNS = { ...KUBE_SYSTEM, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } };
const CACHE = { namespaceSelector: { matchLabels: { [NAME]: 'build-cache' } }, podSelector: { matchLabels: { app: 'cache' } } };
const DNS_ONLY = 'egress may reach kube-system on 53/UDP and 53/TCP only';
const RANGE_LIMIT = 'one rule may allow at most 1024 ports of a protocol';

const base = { rule: RuleId.EGRESS_SCOPED, kind: 'NetworkPolicy', name: 'pipe-egress' };
const at = (location: string, property: 'to' | 'ports') => ({
  ...base,
  location,
  property,
  problem: property === 'to' ? 'is empty, so every destination is allowed' : 'is empty, so every port is allowed',
});
const finding = (property: string, value: string | undefined, problem: string, location = 'egress[0]') =>
  ({ ...base, location, property, ...(value !== undefined ? { value } : {}), problem });
const check = (...egress: any[]) => EGRESS_SCOPED.check(egressPolicy(...egress));
/** The one finding of a policy the API server refuses whoever applies it. */
const refused = (why: string, name = 'pipe-egress') => ({
  ...base,
  name,
  property: 'NetworkPolicy',
  value: `NetworkPolicy/ci/${name}`,
  problem: `is refused by the API server whoever applies it: ${why}, so it is never stored and its egress rules allow nothing `
    + '(the pods it selects are left to the other policies: held to what they allow where one isolates them, unrestricted where none does)',
  fix: `Correct what the API server refuses in NetworkPolicy/ci/${name} (${why}); it validates the metadata and every rule of both directions, `
    + 'whichever the policy isolates, and refuses the whole policy for one mistake.',
});

describe('EGRESS_SCOPED', () => {
  describeRule(EGRESS_SCOPED, RuleId.EGRESS_SCOPED, Severity.MEDIUM, true);

  test('applies to NetworkPolicies only', () => {
    expect(EGRESS_SCOPED.appliesTo(egressPolicy())).toBe(true);
    expect(EGRESS_SCOPED.appliesTo({ kind: 'Service', spec: { ports: [] } })).toBe(false);
  });

  describe('compliant', () => {
    test('every rule with a peer and a port; a policy that allows no egress at all', () => {
      expect(check({ to: GIT_HOST, ports: HTTPS }, { to: [{ podSelector: { matchLabels: { app: 'cache' } } }], ports: [{ protocol: 'TCP', port: 6379 }] })).toEqual([]);
      expect(check()).toEqual([]);
    });

    test('DNS to kube-dns, and to all of kube-system on 53 only (UDP, TCP, a one-port range)', () => {
      expect(check({ to: [KUBE_DNS], ports: DNS })).toEqual([]);
      expect(check({ to: [KUBE_SYSTEM], ports: [{ protocol: 'UDP', port: 53, endPort: 53 }, { port: 53 }] })).toEqual([]);
    });

    test('named namespaces and pods, by matchLabels or In; SCTP; a protocol left to its TCP default', () => {
      expect(check(
        { to: [{ namespaceSelector: { matchExpressions: [{ key: NAME, operator: 'In', values: ['mirrors', 'cache'] }] } }], ports: [{ protocol: 'SCTP', port: 9899 }] },
        { to: [CACHE], ports: [{ port: 8080 }] },
      )).toEqual([]);
    });

    test('a named port to pods pinned by label in named namespaces (or the policy\'s own namespace)', () => {
      expect(check({ to: [CACHE, { podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['proxy'] }] } }], ports: [{ port: 'http' }] })).toEqual([]);
      expect(check({ to: [KUBE_DNS], ports: [{ protocol: 'UDP', port: 53 }] })).toEqual([]);
    });

    test('port ranges up to 1024 ports of a protocol in one rule, counted once where they overlap', () => {
      expect(check({ to: GIT_HOST, ports: [{ port: 1, endPort: 1024 }, { port: 1000, endPort: 1024 }, { port: 500 }, { protocol: 'UDP', port: 2000, endPort: 3023 }] })).toEqual([]);
    });

    test('a namespace selector by another label that does not name kube-system', () => {
      expect(check({ to: [{ namespaceSelector: { matchLabels: { team: 'build' } } }], ports: HTTPS })).toEqual([]);
    });
  });

  describe('every destination or every port', () => {
    test('no ports', () => {
      expect(check({ to: GIT_HOST })).toEqual([at('egress[0]', 'ports')]);
      expect(check({ to: GIT_HOST, ports: [] })).toEqual([at('egress[0]', 'ports')]);
    });

    test('no destination, in the second rule', () => {
      expect(check({ to: GIT_HOST, ports: HTTPS }, { ports: HTTPS })).toEqual([at('egress[1]', 'to')]);
      expect(check({ to: [], ports: HTTPS })).toEqual([at('egress[0]', 'to')]);
    });

    test('an empty rule allows everything', () => {
      expect(check({})).toEqual([at('egress[0]', 'to'), at('egress[0]', 'ports')]);
    });

    test('a port entry without port: every port of its protocol', () => {
      expect(check({ to: GIT_HOST, ports: [{ protocol: 'UDP' }, {}, { protocol: 'SCTP', port: null }] })).toEqual([
        finding('ports[0].port', undefined, 'is missing, so every UDP port is allowed'),
        finding('ports[1].port', undefined, 'is missing, so every TCP port is allowed'),
        finding('ports[2].port', undefined, 'is missing, so every SCTP port is allowed'),
      ]);
    });
  });

  describe('every namespace', () => {
    test.each([
      ['an empty namespaceSelector', { namespaceSelector: {} }, '{}', 'is empty, so every pod of every namespace is allowed'],
      ['empty matchLabels and matchExpressions, and an empty podSelector', { namespaceSelector: { matchLabels: {}, matchExpressions: [] }, podSelector: {} },
        '{"matchLabels":{},"matchExpressions":[]}', 'is empty, so every pod of every namespace is allowed'],
      ['an empty namespaceSelector with a podSelector', { namespaceSelector: {}, podSelector: { matchLabels: { app: 'cache' } } },
        '{}', 'is empty, so the pods its podSelector matches of every namespace are allowed'],
      ['a selector by exclusion', { namespaceSelector: { matchExpressions: [{ key: NAME, operator: 'NotIn', values: ['prod'] }] } },
        '{"matchExpressions":[{"key":"kubernetes.io/metadata.name","operator":"NotIn","values":["prod"]}]}',
        'names no namespace (it matches by existence or exclusion only), so every pod of every namespace is allowed'],
      ['a selector by existence', { namespaceSelector: { matchExpressions: [{ key: NAME, operator: 'Exists' }] } },
        '{"matchExpressions":[{"key":"kubernetes.io/metadata.name","operator":"Exists"}]}',
        'names no namespace (it matches by existence or exclusion only), so every pod of every namespace is allowed'],
      ['a selector by absence', { namespaceSelector: { matchExpressions: [{ key: 'restricted', operator: 'DoesNotExist' }] } },
        '{"matchExpressions":[{"key":"restricted","operator":"DoesNotExist"}]}',
        'names no namespace (it matches by existence or exclusion only), so every pod of every namespace is allowed'],
    ])('%s', (_, peer, value, problem) => {
      expect(check({ to: [peer], ports: HTTPS })).toEqual([finding('to[0].namespaceSelector', value, problem)]);
    });
  });

  describe('a selector the API server refuses (ValidateLabelSelector): the policy is refused, so it allows nothing', () => {
    test.each([
      ['a namespaceSelector In term with no values', { namespaceSelector: { matchExpressions: [{ key: NAME, operator: 'In', values: [] }] } },
        'its spec.egress[0].to[0].namespaceSelector.matchExpressions[0] (In) has no values'],
      ['a podSelector NotIn term without values, beside a namespaceSelector by name',
        { namespaceSelector: { matchLabels: { [NAME]: 'ci' } }, podSelector: { matchExpressions: [{ key: 'app', operator: 'NotIn' }] } },
        'its spec.egress[0].to[0].podSelector.matchExpressions[0] (NotIn) has no values'],
      ['an Exists term with values', { namespaceSelector: { matchExpressions: [{ key: NAME, operator: 'Exists', values: ['ci'] }] } },
        'its spec.egress[0].to[0].namespaceSelector.matchExpressions[0] (Exists) has values'],
    ])('%s', (_, peer, why) => {
      // one finding: the policy's other rule (every destination and port) is not judged, as it is never stored
      expect(check({ to: [peer], ports: HTTPS }, {})).toEqual([refused(why)]);
    });

    test('a field a selector does not have: refused only by kubectl\'s strict field validation (stored without it under Warn or Ignore), reported at the peer', () => {
      const peer = { namespaceSelector: { matchLabels: { [NAME]: 'ci' }, matchExpression: [] } };
      expect(check({ to: [peer], ports: HTTPS }, {})).toEqual([
        finding('to[0].namespaceSelector', '{"matchLabels":{"kubernetes.io/metadata.name":"ci"},"matchExpression":[]}',
          `is invalid: to[0].namespaceSelector has no field 'matchExpression', ${REJECTED}`),
        at('egress[1]', 'to'),
        at('egress[1]', 'ports'),
      ]);
    });

    test('the In term with a value is read as before: a namespace by name', () => {
      expect(check({ to: [{ namespaceSelector: { matchExpressions: [{ key: NAME, operator: 'In', values: ['ci'] }] } }], ports: HTTPS })).toEqual([]);
    });
  });

  describe('kube-system beyond DNS', () => {
    test.each([
      ['by its name label, on 443', { to: [KUBE_SYSTEM], ports: HTTPS }, 'to[0].namespaceSelector', '443/TCP'],
      ['kube-dns pods, on every port', { to: [KUBE_DNS] }, 'to[0].namespaceSelector', 'every port'],
      ['by a name label In list, on a range around 53', { to: [GIT_HOST[0], { namespaceSelector: { matchExpressions: [{ key: NAME, operator: 'In', values: ['ci', 'kube-system'] }] } }], ports: [{ protocol: 'UDP', port: 50, endPort: 60 }] },
        'to[1].namespaceSelector', '50-60/UDP'],
      ['by another label with the value kube-system, on DNS and 10250', { to: [{ namespaceSelector: { matchLabels: { name: 'kube-system' } } }], ports: [...DNS, { port: 10250 }] },
        'to[0].namespaceSelector', '10250/TCP'],
      ['on 53 over SCTP and a named port', { to: [KUBE_DNS], ports: [{ protocol: 'SCTP', port: 53 }, { protocol: 'UDP', port: 'dns' }] },
        'to[0].namespaceSelector', '53/SCTP, named port dns/UDP'],
      ['on every UDP port', { to: [KUBE_SYSTEM], ports: [{ protocol: 'UDP' }] }, 'to[0].namespaceSelector', 'every UDP port'],
    ])('%s', (_, rule, property, ports) => {
      const found = check(rule).filter((f) => f.value === 'kube-system');
      expect(found).toEqual([finding(property, 'kube-system', `selects kube-system on ${ports}; ${DNS_ONLY}`)]);
    });

    test('every finding of a rule to kube-system on every port', () => {
      expect(check({ to: [KUBE_DNS] })).toEqual([
        at('egress[0]', 'ports'),
        finding('to[0].namespaceSelector', 'kube-system', `selects kube-system on every port; ${DNS_ONLY}`),
      ]);
    });

    test('a podSelector alone in a policy of kube-system selects kube-system pods', () => {
      const policy = egressPolicy({ to: [{ podSelector: { matchLabels: { 'k8s-app': 'metrics-server' } } }], ports: HTTPS });
      policy.metadata.namespace = 'kube-system';
      expect(EGRESS_SCOPED.check(policy)).toEqual([finding('to[0].podSelector', 'kube-system', `selects kube-system on 443/TCP; ${DNS_ONLY}`)]);
    });

    test('a name label pinned to other namespaces wins over another label with the value kube-system', () => {
      expect(check({ to: [{ namespaceSelector: { matchLabels: { [NAME]: 'ci', name: 'kube-system' } } }], ports: HTTPS })).toEqual([]);
    });
  });

  describe('named ports', () => {
    test('to a whole namespace: any pod there decides which port is "http"', () => {
      expect(check({ to: [{ namespaceSelector: { matchLabels: { [NAME]: 'mirrors' } } }], ports: [{ port: 'http' }] })).toEqual([
        finding('ports[0].port', 'http', 'is a named port and to[0] does not pin its pods by label in named namespaces: any pod it selects decides which of its ports carries that name'),
      ]);
    });

    test('next to an ipBlock peer', () => {
      expect(check({ to: [CACHE, GIT_HOST[0]], ports: [{ port: 'https' }, { port: 443 }] })).toEqual([
        finding('ports[0].port', 'https', 'is a named port and to[1] is an ipBlock, which has no port names: network plugins resolve it differently, or not at all'),
      ]);
    });

    test('to every destination', () => {
      expect(check({ ports: [{ protocol: 'UDP', port: 'dns' }] })).toEqual([
        at('egress[0]', 'to'),
        finding('ports[0].port', 'dns', 'is a named port and the rule allows every destination: any pod decides which of its ports carries that name'),
      ]);
    });

    test('to pods selected by existence only', () => {
      expect(check({ to: [{ ...CACHE, podSelector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] } }], ports: [{ port: 'metrics' }] })).toEqual([
        finding('ports[0].port', 'metrics', 'is a named port and to[0] does not pin its pods by label in named namespaces: any pod it selects decides which of its ports carries that name'),
      ]);
    });
  });

  describe('wide port ranges', () => {
    test('the full range', () => {
      expect(check({ to: GIT_HOST, ports: [{ protocol: 'TCP', port: 1, endPort: 65535 }] })).toEqual([
        finding('ports', '1-65535/TCP', `allow every TCP port; ${RANGE_LIMIT}`),
      ]);
    });

    test('one range of 1025 ports', () => {
      expect(check({ to: GIT_HOST, ports: [{ protocol: 'UDP', port: 30000, endPort: 31024 }] })).toEqual([
        finding('ports', '30000-31024/UDP', `allow 1025 UDP ports; ${RANGE_LIMIT}`),
      ]);
    });

    test('small ranges adding up, per protocol', () => {
      const ranges = Array.from({ length: 3 }, (_, i) => ({ port: 1000 * (i + 1), endPort: 1000 * (i + 1) + 399 }));
      expect(check({ to: GIT_HOST, ports: [...ranges, { protocol: 'UDP', port: 1000, endPort: 1399 }] })).toEqual([
        finding('ports', '1000-1399/TCP, 2000-2399/TCP, 3000-3399/TCP', `allow 1200 TCP ports; ${RANGE_LIMIT}`),
      ]);
    });

    test('ranges of one protocol are counted by the ports they cover (property)', () => {
      const entry = fc.oneof(
        fc.integer({ min: 1, max: 65535 }).map((port): { port: number; endPort?: number } => ({ port })),
        fc.tuple(fc.integer({ min: 1, max: 65535 }), fc.integer({ min: 0, max: 3000 }))
          .map(([port, n]) => ({ port, endPort: Math.min(65535, port + n) })),
      );
      fc.assert(fc.property(fc.array(entry, { minLength: 1, maxLength: 8 }), (ports) => {
        const covered = new Set<number>();
        for (const p of ports) for (let n = p.port; n <= (p.endPort ?? p.port); n++) covered.add(n);
        const found = check({ to: GIT_HOST, ports }).map((f) => f.problem);
        const describe = covered.size === 65535 ? 'allow every TCP port' : `allow ${covered.size} TCP ports`;
        expect(found).toEqual(covered.size > 1024 ? [`${describe}; ${RANGE_LIMIT}`] : []);
      }), { numRuns: 200, seed: Number(process.env.PROPERTY_SEED ?? 20261207) });
    });
  });

  describe('a policy the API server refuses whoever applies it: one finding, its egress rules not judged', () => {
    test('peers', () => {
      expect(check({ to: [{}, null], ports: HTTPS })).toEqual([refused('its spec.egress[0].to[0] names no peer (podSelector, namespaceSelector or ipBlock)')]);
      expect(check({ to: [null], ports: HTTPS })).toEqual([refused('its spec.egress[0].to[0] names no peer (podSelector, namespaceSelector or ipBlock)')]);
      expect(check({ to: [{ ipBlock: { cidr: '10.0.0.0/8' }, namespaceSelector: {} }], ports: HTTPS }))
        .toEqual([refused('its spec.egress[0].to[0] sets ipBlock with namespaceSelector')]);
    });

    test('ports', () => {
      const one = (port: unknown) => check({ to: GIT_HOST, ports: [port] });
      expect(one({ protocol: 'ICMP', port: 1 })).toEqual([refused('its spec.egress[0].ports[0].protocol "ICMP" is not TCP, UDP or SCTP')]);
      expect(one({ protocol: 'tcp', port: 443 })).toEqual([refused('its spec.egress[0].ports[0].protocol "tcp" is not TCP, UDP or SCTP')]);
      expect(one({ port: 0 })).toEqual([refused('its spec.egress[0].ports[0].port 0 is not a port from 1 to 65535')]);
      expect(one({ port: 1.5 })).toEqual([refused('its spec.egress[0].ports[0].port 1.5 is not a port from 1 to 65535')]);
      expect(one({ port: 'dns--tcp' })).toEqual([refused('its spec.egress[0].ports[0].port "dns--tcp" is not a port name')]);
      expect(one({ port: 'dns', endPort: 60 })).toEqual([refused('its spec.egress[0].ports[0].endPort is set without a numbered port')]);
      expect(one({ endPort: 60 })).toEqual([refused('its spec.egress[0].ports[0].endPort is set without a numbered port')]);
      expect(one({ port: 100, endPort: 99 })).toEqual([refused('its spec.egress[0].ports[0].endPort 99 is not a port from 100 to 65535')]);
      expect(one('x')).toEqual([refused('its spec.egress[0].ports[0] is not a port entry')]);
    });

    test('egress, to and ports that are not lists; egress rules that are not objects', () => {
      const policy = egressPolicy();
      policy.spec.egress = { to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] };
      expect(EGRESS_SCOPED.check(policy)).toEqual([refused('its spec.egress is not a list')]);
      expect(check({ to: { ipBlock: { cidr: '0.0.0.0/0' } }, ports: { port: 443 } })).toEqual([refused('its spec.egress[0].to is not a list')]);
      expect(check('x', [{ to: GIT_HOST }])).toEqual([refused('its spec.egress[0] is not a rule')]);
    });

    test('policyTypes of a policy with egress rules, or that names egress', () => {
      const withTypes = (policyTypes: unknown, egress: any[] = [{ to: GIT_HOST, ports: HTTPS }]) => {
        const policy = egressPolicy(...egress);
        policy.spec.policyTypes = policyTypes;
        return EGRESS_SCOPED.check(policy);
      };
      // lower case: the policy is refused, so it isolates nothing (read as written, it would isolate ingress only)
      expect(withTypes(['egress'])).toEqual([refused('its policyTypes holds "egress", not Ingress or Egress')]);
      expect(withTypes(['Ingress', 'egress'], [])).toEqual([refused('its policyTypes holds "egress", not Ingress or Egress')]);
      // an ingress-only policy's egress rules are ignored, and so is its refusal here
      expect(withTypes(['Ingress'], [{ to: [{}] }])).toEqual([]);
      expect(withTypes('Egress')).toEqual([refused('its policyTypes is not a list')]);
      expect(withTypes(['Ingress', 'Egress', 'Egress'])).toEqual([refused('its policyTypes has more than two entries')]);
      // accepted: duplicates, an empty list (defaulted)
      expect(withTypes(['Egress', 'Egress'])).toEqual([]);
      expect(withTypes([])).toEqual([]);
    });

    test('the metadata and the ingress rules: a refused name, label or ingress peer refuses the egress rules with it; the neighbour stored is judged', () => {
      const named = (name: string, patch: (p: any) => void = () => {}) => {
        const policy = { ...egressPolicy({}), metadata: { name, namespace: 'ci' } };
        patch(policy);
        return EGRESS_SCOPED.check(policy);
      };
      expect(named('Pipe_Egress')).toEqual([refused('its name "Pipe_Egress" is not a DNS-1123 subdomain', 'Pipe_Egress')]);
      expect(named('pipe-egress', (p) => { p.metadata.labels = { owner: 'platform team' }; }))
        .toEqual([refused('its label "owner" has the value "platform team", which is not a label value')]);
      expect(named('pipe-egress', (p) => { p.spec.ingress = [{ from: [{ ipBlock: { cidr: '10.0.0.0/33' } }] }]; }))
        .toEqual([refused('its spec.ingress[0].from[0].ipBlock.cidr "10.0.0.0/33" is not a CIDR block')]);
      // the neighbours the API server stores: their rule without a peer or port is judged
      expect(named('pipe-egress.v2')).toEqual([{ ...at('egress[0]', 'to'), name: 'pipe-egress.v2' }, { ...at('egress[0]', 'ports'), name: 'pipe-egress.v2' }]);
      expect(named('pipe-egress', (p) => { p.spec.ingress = [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }]; }))
        .toEqual([at('egress[0]', 'to'), at('egress[0]', 'ports')]);
    });

    test('refused only by strict field validation or strict IP validation: stored where the client or the cluster allows it, so still judged', () => {
      const policy = { ...egressPolicy({ to: [{ ipBlock: { cidr: '::ffff:0.0.0.0/96' } }] }), status: {} };
      expect(EGRESS_SCOPED.check(policy)).toEqual([at('egress[0]', 'ports')]);
    });

    test('no finding where another rule reports the refusal: an apiVersion not served (SERVED_KINDS), a refused deny (NAMESPACE_DEFAULT_DENY)', () => {
      expect(EGRESS_SCOPED.check({ ...egressPolicy({}), apiVersion: 'networking.k8s.io/v1beta1' })).toEqual([]);
      const deny = { ...egressPolicy(), metadata: { name: 'Default_Deny', namespace: 'ci' } };
      expect(EGRESS_SCOPED.check(deny)).toEqual([]);
    });

    test('a refused policy\'s ports add up with no other policy\'s', () => {
      const wide = (name: string, from: number) => ({ ...egressPolicy({ to: GIT_HOST, ports: [{ port: from, endPort: from + 999 }] }), metadata: { name, namespace: 'ci' } });
      const a = wide('a', 1);
      const b = wide('b', 2001);
      const bad = wide('Bad', 2001);
      expect(EGRESS_SCOPED.check(a, ruleContext([a, bad]))).toEqual([]);
      expect(EGRESS_SCOPED.check(a, ruleContext([a, b])).map((f) => f.value)).toEqual(['NetworkPolicy/ci/b']);
    });
  });
});

describe('EGRESS_SCOPED: policyTypes, other kinds, null entries, ports that add up across rules and policies', () => {
  const ranges = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ to: [{ ipBlock: { cidr: `203.0.113.${i % 250}/32` } }], ports: [{ port: from + i * 1000, endPort: from + i * 1000 + 999 }] }));
  const policyOf = (name: string, ...egress: any[]) => ({ ...egressPolicy(...egress), metadata: { name, namespace: 'ci' } });

  test('the egress rules of a policy that does not isolate egress are ignored; another group\'s NetworkPolicy is not judged', () => {
    const ingressOnly = egressPolicy({});
    ingressOnly.spec.policyTypes = ['Ingress'];
    expect(EGRESS_SCOPED.check(ingressOnly)).toEqual([]);
    expect(EGRESS_SCOPED.appliesTo({ ...egressPolicy(), apiVersion: 'projectcalico.org/v3' })).toBe(false);
  });

  test('a null port entry is an entry without a port: every TCP port', () => {
    expect(check({ to: GIT_HOST, ports: [null] })).toEqual([finding('ports[0].port', undefined, 'is missing, so every TCP port is allowed')]);
  });

  test('the rules of one policy add up: each within 1024 ports, together over', () => {
    expect(check(...ranges(1, 2))).toEqual([{
      ...base,
      property: 'egress',
      value: '1-1000/TCP, 1001-2000/TCP',
      problem: 'the rules together allow 2000 TCP ports; the rules of one policy may allow at most 1024 ports of a protocol together (rules are alternatives: a pod may use any of them)',
      fix: 'Allow only the ports the pods need.',
    }]);
    expect(check(...ranges(1, 65), { to: GIT_HOST, ports: [{ port: 65001, endPort: 65535 }] }).filter((f) => f.property === 'egress').map((f) => f.problem)).toEqual([
      'the rules together allow every TCP port; the rules of one policy may allow at most 1024 ports of a protocol together (rules are alternatives: a pod may use any of them)',
    ]);
    // protocols are counted apart; a rule over the limit by itself is reported by itself
    expect(check({ to: GIT_HOST, ports: [{ port: 1, endPort: 1000 }] }, { to: GIT_HOST, ports: [{ protocol: 'UDP', port: 1, endPort: 1000 }] })).toEqual([]);
    expect(check({ to: GIT_HOST, ports: [{ port: 1, endPort: 2000 }] }, ...ranges(3001, 1)).map((f) => f.property)).toEqual(['ports']);
  });

  test('the policies that may select one pod add up', () => {
    const a = policyOf('a', ...ranges(1, 1));
    const b = policyOf('b', ...ranges(1001, 1));
    expect(EGRESS_SCOPED.check(a, ruleContext([a, b]))).toEqual([{
      ...base,
      name: 'a',
      property: 'egress',
      value: 'NetworkPolicy/ci/b',
      problem: 'add up with this policy\'s ports, as it may select the same pods (policies are additive): together they allow 2000 TCP ports; the policies that select one pod may allow at most 1024 ports of a protocol together',
      fix: 'Allow only the ports the pods need: an allowance of one task (PipelineTask.allowEgressTo) adds to what the pipeline-wide policy allows its pods.',
    }]);
    // pods one of them cannot select
    const c = { ...policyOf('c', ...ranges(1001, 1)) };
    c.spec = { ...c.spec, podSelector: { matchLabels: { 'tekton.dev/pipeline': 'other' } } };
    expect(EGRESS_SCOPED.check(a, ruleContext([a, c]))).toEqual([]);
  });

  test('a null label value is the empty one (the API server decodes it as ""): podSelectors app: null, In [null] and app: "" may select one pod', () => {
    const selecting = (name: string, podSelector: any, from: number) => {
      const p = policyOf(name, ...ranges(from, 1));
      p.spec = { ...p.spec, podSelector };
      return p;
    };
    const a = selecting('a', { matchLabels: { app: null } }, 1);
    const b = selecting('b', { matchLabels: { app: '' } }, 1001);
    const c = selecting('c', { matchExpressions: [{ key: 'app', operator: 'In', values: [null] }] }, 1001);
    const addsUp = (other: string) => [{
      ...base,
      name: 'a',
      property: 'egress',
      value: `NetworkPolicy/ci/${other}`,
      problem: 'add up with this policy\'s ports, as it may select the same pods (policies are additive): together they allow 2000 TCP ports; the policies that select one pod may allow at most 1024 ports of a protocol together',
      fix: 'Allow only the ports the pods need: an allowance of one task (PipelineTask.allowEgressTo) adds to what the pipeline-wide policy allows its pods.',
    }];
    expect(EGRESS_SCOPED.check(a, ruleContext([a, b]))).toEqual(addsUp('b'));
    expect(EGRESS_SCOPED.check(a, ruleContext([a, c]))).toEqual(addsUp('c'));
    // "null" is another value
    expect(EGRESS_SCOPED.check(a, ruleContext([a, selecting('d', { matchLabels: { app: 'null' } }, 1001)]))).toEqual([]);
  });
});

describe('EGRESS_SCOPED on fields of another type', () => {
  test('a port or endPort that is a map with a toString key (the API server refuses it): the finding, without throwing', () => {
    const odd = JSON.parse('{"toString": "x"}');
    expect(check({ to: GIT_HOST, ports: [{ protocol: 'TCP', port: odd }] })).toEqual([refused('its spec.egress[0].ports[0].port {"toString":"x"} is not a port from 1 to 65535')]);
    expect(check({ to: GIT_HOST, ports: [{ protocol: 'TCP', port: 443, endPort: odd }] }))
      .toEqual([refused('its spec.egress[0].ports[0].endPort {"toString":"x"} is not a port from 443 to 65535')]);
  });
});

describe("EGRESS_SCOPED on OpenShift's DNS (DnsServer.openShift()), synthesized then read", () => {
  /** A pipeline of one task whose pipeline-wide allowance takes 1024 TCP ports, resolving names through `dns`, as synthesized. */
  const synthesized = (dns: DnsServer) => {
    const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
    const pipeline = new SecurePipeline(c, 'ci', { dns });
    pipeline.addTask({ task: new SecureTask(c, 'build', { steps: [step()] }) });
    pipeline.egress.allow(EgressPeer.cidr('10.20.0.0/16'), [EgressPort.tcpRange(1000, 2023)]);
    return Testing.synth(c);
  };
  const findings = (manifests: any[]) => {
    const context = ruleContext(manifests);
    return manifests.filter((m) => EGRESS_SCOPED.appliesTo(m)).flatMap((m) => EGRESS_SCOPED.check(m, context))
      .map((f) => `${f.name}: ${f.property} ${f.value} ${f.problem}`);
  };
  const ADDS_UP = 'add up with this policy\'s ports, as it may select the same pods (policies are additive): together they allow 1025 TCP ports; '
    + 'the policies that select one pod may allow at most 1024 ports of a protocol together';

  test('its 5353 to the DNS pods of openshift-dns is DNS, as 53 to kube-dns is: not added to the ports the tasks may reach', () => {
    for (const dns of [DnsServer.openShift(), DnsServer.kubeDns()]) expect(findings(synthesized(dns))).toEqual([]);
  });

  test('5353 to another namespace, or to pods the policy does not place in openshift-dns, still counts', () => {
    const manifests = synthesized(DnsServer.openShift());
    const dnsPolicy = manifests.find((m) => m.metadata.name === 'ci-dns');
    dnsPolicy.spec.egress[0].to[0].namespaceSelector.matchLabels[NAME] = 'dns';
    expect(findings(manifests)).toEqual([`ci-dns: egress NetworkPolicy/ci/ci-egress ${ADDS_UP}`, `ci-egress: egress NetworkPolicy/ci/ci-dns ${ADDS_UP}`]);
    delete dnsPolicy.spec.egress[0].to[0].namespaceSelector;
    expect(findings(manifests)).toEqual([`ci-dns: egress NetworkPolicy/ci/ci-egress ${ADDS_UP}`, `ci-egress: egress NetworkPolicy/ci/ci-dns ${ADDS_UP}`]);
  });
});
