import { describeRule, egressPolicy } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { EGRESS_SCOPED } from '../../../src/policy/rules/egress-scoped';

const GIT_HOST = [{ ipBlock: { cidr: '140.82.112.0/20' } }];
const HTTPS = [{ protocol: 'TCP', port: 443 }];
const at = (location: string, property: 'to' | 'ports') => ({
  rule: RuleId.EGRESS_SCOPED,
  kind: 'NetworkPolicy',
  name: 'pipe-egress',
  location,
  property,
  problem: property === 'to' ? 'is empty, so every destination is allowed' : 'is empty, so every port is allowed',
});

describe('EGRESS_SCOPED', () => {
  describeRule(EGRESS_SCOPED, RuleId.EGRESS_SCOPED, Severity.MEDIUM, true);

  test('applies to NetworkPolicies only', () => {
    expect(EGRESS_SCOPED.appliesTo(egressPolicy())).toBe(true);
    expect(EGRESS_SCOPED.appliesTo({ kind: 'Service', spec: { ports: [] } })).toBe(false);
  });

  test('compliant: every rule with a peer and a port; a policy that allows no egress at all', () => {
    expect(EGRESS_SCOPED.check(egressPolicy({ to: GIT_HOST, ports: HTTPS }, { to: [{ podSelector: { matchLabels: { app: 'cache' } } }], ports: [{ protocol: 'TCP', port: 6379 }] }))).toEqual([]);
    expect(EGRESS_SCOPED.check(egressPolicy())).toEqual([]);
  });

  test('non-compliant: no ports', () => {
    expect(EGRESS_SCOPED.check(egressPolicy({ to: GIT_HOST }))).toEqual([at('egress[0]', 'ports')]);
    expect(EGRESS_SCOPED.check(egressPolicy({ to: GIT_HOST, ports: [] }))).toEqual([at('egress[0]', 'ports')]);
  });

  test('non-compliant: no destination, in the second rule', () => {
    expect(EGRESS_SCOPED.check(egressPolicy({ to: GIT_HOST, ports: HTTPS }, { ports: HTTPS }))).toEqual([at('egress[1]', 'to')]);
    expect(EGRESS_SCOPED.check(egressPolicy({ to: [], ports: HTTPS }))).toEqual([at('egress[0]', 'to')]);
  });

  test('non-compliant: an empty rule allows everything', () => {
    expect(EGRESS_SCOPED.check(egressPolicy({}))).toEqual([at('egress[0]', 'to'), at('egress[0]', 'ports')]);
  });
});
