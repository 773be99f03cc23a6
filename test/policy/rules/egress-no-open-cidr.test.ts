import { describeRule, egressPolicy } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { EGRESS_NO_OPEN_CIDR } from '../../../src/policy/rules/egress-no-open-cidr';

const HTTPS = [{ protocol: 'TCP', port: 443 }];
const open = (location: string, cidr: string) =>
  ({ rule: RuleId.EGRESS_NO_OPEN_CIDR, kind: 'NetworkPolicy', name: 'pipe-egress', location, property: 'to.ipBlock.cidr', value: cidr, problem: 'opens egress to every address' });

describe('EGRESS_NO_OPEN_CIDR', () => {
  describeRule(EGRESS_NO_OPEN_CIDR, RuleId.EGRESS_NO_OPEN_CIDR, Severity.HIGH, true);

  test('applies to NetworkPolicies only', () => {
    expect(EGRESS_NO_OPEN_CIDR.appliesTo(egressPolicy())).toBe(true);
    expect(EGRESS_NO_OPEN_CIDR.appliesTo({ kind: 'CiliumNetworkPolicy', spec: { egress: [{ toCIDR: ['0.0.0.0/0'] }] } })).toBe(false);
  });

  test('compliant: named blocks, selectors, ingress rules', () => {
    const policy = egressPolicy(
      { to: [{ ipBlock: { cidr: '140.82.112.0/20' } }, { ipBlock: { cidr: '2606:50c0::/32' } }], ports: HTTPS },
      { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ protocol: 'UDP', port: 53 }] },
      { to: [{ ipBlock: { cidr: '10.0.0.0/8' } }], ports: HTTPS },
    );
    policy.spec.ingress = [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }];
    expect(EGRESS_NO_OPEN_CIDR.check(policy)).toEqual([]);
  });

  test('non-compliant: 0.0.0.0/0', () => {
    expect(EGRESS_NO_OPEN_CIDR.check(egressPolicy({ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: HTTPS }))).toEqual([open('egress[0]', '0.0.0.0/0')]);
  });

  test('non-compliant: ::/0 next to a named block, in the second rule', () => {
    expect(EGRESS_NO_OPEN_CIDR.check(egressPolicy(
      { to: [{ ipBlock: { cidr: '10.0.0.0/8' } }], ports: HTTPS },
      { to: [{ ipBlock: { cidr: '10.1.0.0/16' } }, { ipBlock: { cidr: '::/0' } }], ports: HTTPS },
    ))).toEqual([open('egress[1]', '::/0')]);
  });

  test.each([
    ['with an except list', { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '169.254.169.254/32'] }, '0.0.0.0/0'],
    ['from another base address', { cidr: '10.0.0.0/0' }, '10.0.0.0/0'],
    ['a zero-padded prefix', { cidr: '0.0.0.0/00' }, '0.0.0.0/00'],
    ['an expanded IPv6 zero address', { cidr: '0:0:0:0:0:0:0:0/0' }, '0:0:0:0:0:0:0:0/0'],
  ])('non-compliant: /0 %s', (_, ipBlock, cidr) => {
    expect(EGRESS_NO_OPEN_CIDR.check(egressPolicy({ to: [{ ipBlock }], ports: HTTPS }))).toEqual([open('egress[0]', cidr)]);
  });

  test('non-compliant: IPv4 and IPv6 both open, one finding each', () => {
    expect(EGRESS_NO_OPEN_CIDR.check(egressPolicy({ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }] }))).toEqual([
      open('egress[0]', '0.0.0.0/0'),
      open('egress[0]', '::/0'),
    ]);
  });
});
