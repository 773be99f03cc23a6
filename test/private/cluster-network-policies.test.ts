import { UNKNOWN_LABEL } from '../../src/private/calico-selectors';
import { clusterOpenings, selectorMatches } from '../../src/private/cluster-network-policies';

describe('selectorMatches', () => {
  const known = (key: string) => (key === 'pod' ? UNKNOWN_LABEL : key === 'team' ? 'build' : null);

  test('terms against known labels, as LabelSelectorAsSelector reads them', () => {
    expect(selectorMatches(undefined, known)).toBe(true);
    expect(selectorMatches({}, known)).toBe(true);
    expect(selectorMatches({ matchLabels: { team: 'build' } }, known)).toBe(true);
    expect(selectorMatches({ matchLabels: { team: 'web' } }, known)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'team', operator: 'In', values: ['a', 'build'] }] }, known)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'other', operator: 'NotIn', values: ['a'] }] }, known)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'other', operator: 'Exists' }] }, known)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'team', operator: 'DoesNotExist' }] }, known)).toBe(false);
  });

  test('a label not known leaves the result unknown unless another term is false; what the API server refuses is unknown', () => {
    expect(selectorMatches({ matchLabels: { pod: 'x', team: 'build' } }, known)).toBeUndefined();
    expect(selectorMatches({ matchLabels: { pod: 'x', team: 'web' } }, known)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'pod', operator: 'Exists' }, { key: 'other', operator: 'Exists' }] }, known)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'team', operator: 'Matches' }] }, known)).toBeUndefined();
    expect(selectorMatches({ matchLabels: ['team'] }, known)).toBeUndefined();
    expect(selectorMatches('team=build', known)).toBeUndefined();
  });
});

describe('clusterOpenings', () => {
  const NS = { name: 'ci', labels: {} };
  const open = { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name: 'a' }, spec: { priority: 1, subject: { namespaces: {} }, egress: [{ action: 'Allow', to: [{ networks: ['0.0.0.0/0'] }] }] } };

  test('only the kinds of their own API groups: a NetworkPolicy of networking.k8s.io is not Calico\'s', () => {
    const k8s = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'n', namespace: 'ci' }, spec: { selector: 'all()', egress: [{ action: 'Allow' }] } };
    const other = { ...open, apiVersion: 'example.com/v1alpha1' };
    expect(clusterOpenings([k8s, other], NS, 'Egress')).toEqual([]);
    expect(clusterOpenings([open], NS, 'Egress').map((o) => [o.object, o.field, o.scope])).toEqual([['AdminNetworkPolicy/a', 'spec.egress[0].action', 'anything']]);
    expect(clusterOpenings([open], NS, 'Ingress')).toEqual([]);
  });
});
