import { UNKNOWN_LABEL } from '../../src/private/calico-selectors';
import { wildcardDomainReach, clusterOpenings, podEgressAllowances, selectorMatches } from '../../src/private/cluster-network-policies';

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

describe('podEgressAllowances: the policies of the network plugin that may give a pod of known labels egress', () => {
  const pod = (labels: Record<string, string>) => (k: string) => (k in labels ? labels[k] : null);
  const ci = pod({ 'app': 'web', 'tekton.dev/pipeline': 'p' });
  const found = (m: any, namespace: string | undefined = 'ci', labels = ci) => podEgressAllowances([m], namespace, labels).map((e) => `${e.object} ${e.field} | ${e.selects}`);
  const cilium = (kind: string, endpointSelector: any, egress: any[], namespace?: string) => ({
    apiVersion: 'cilium.io/v2', kind, metadata: { name: 'c', ...(namespace === undefined ? {} : { namespace }) }, spec: { endpointSelector, egress },
  });
  const to = [{ toEntities: ['world'] }];

  test('Cilium: by endpointSelector with or without a source, in its namespace (any, when either is not known); `{}` allows nothing', () => {
    expect(found(cilium('CiliumNetworkPolicy', { matchLabels: { 'k8s:app': 'web' } }, [{}, ...to], 'ci')))
      .toEqual(['CiliumNetworkPolicy/ci/c spec.egress[1] | its spec.endpointSelector {"matchLabels":{"k8s:app":"web"}}']);
    expect(found(cilium('CiliumNetworkPolicy', { matchLabels: { 'any:app': 'web' } }, to, 'web'))).toEqual([]);
    expect(podEgressAllowances([cilium('CiliumNetworkPolicy', {}, to, 'web')], undefined, ci)).toHaveLength(1);
    expect(found(cilium('CiliumNetworkPolicy', { matchLabels: { app: 'api' } }, to))).toEqual([]);
    expect(found(cilium('CiliumNetworkPolicy', {}, [{}]))).toEqual([]);
    expect(found(cilium('CiliumClusterwideNetworkPolicy', { matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'ci' } }, to, 'other'))).toHaveLength(1);
    expect(found(cilium('CiliumClusterwideNetworkPolicy', { matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'web' } }, to))).toEqual([]);
    // the service account Cilium labels the endpoint with is not known
    expect(found(cilium('CiliumNetworkPolicy', { matchLabels: { 'io.cilium.k8s.policy.serviceaccount': 'x' } }, to))).toHaveLength(1);
    // a rule of `specs`, with ports alone
    expect(podEgressAllowances([{
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumNetworkPolicy',
      metadata: { name: 'c' },
      specs: [{ endpointSelector: {}, egress: [{ toPorts: [{ ports: [{ port: '443' }] }] }] }],
    }], 'ci', ci).map((e) => e.field)).toEqual(['specs[0].egress[0]']);
  });

  test('Calico: an Allow (or a Pass of the default tier) of a policy whose selector may select the pod; an expression not read counts as selecting', () => {
    const calico = (kind: string, spec: any) => ({ apiVersion: 'crd.projectcalico.org/v1', kind, metadata: { name: 'k' }, spec: { types: ['Egress'], ...spec } });
    expect(found(calico('NetworkPolicy', { selector: "app == 'web'", egress: [{ action: 'Deny' }, { action: 'Allow' }] })))
      .toEqual(['NetworkPolicy.crd.projectcalico.org/k spec.egress[1].action | its spec.selector "app == \'web\'"']);
    expect(found(calico('NetworkPolicy', { selector: "app == 'api'", egress: [{ action: 'Allow' }] }))).toEqual([]);
    expect(found(calico('NetworkPolicy', { selector: 'app == ', egress: [{ action: 'Allow' }] }))).toHaveLength(1);
    expect(found(calico('NetworkPolicy', { selector: 'all()', tier: 'security', egress: [{ action: 'Pass' }] }))).toEqual([]);
    expect(found(calico('NetworkPolicy', { selector: 'all()', egress: [{ action: 'Pass' }] }))).toHaveLength(1);
    expect(found(calico('GlobalNetworkPolicy', { namespaceSelector: "projectcalico.org/name == 'web'", egress: [{ action: 'Allow' }] }))).toEqual([]);
    expect(found(calico('GlobalNetworkPolicy', { namespaceSelector: "projectcalico.org/name == 'ci'", egress: [{ action: 'Allow' }] }))).toHaveLength(1);
    expect(found(calico('GlobalNetworkPolicy', { selector: 'all()', types: ['Ingress'], egress: [{ action: 'Allow' }] }))).toEqual([]);
    expect(found(calico('GlobalNetworkPolicy', { selector: 'all()', doNotTrack: true, egress: [{ action: 'Allow' }] }))).toEqual([]);
  });

  test('AdminNetworkPolicy Allow and Admin tier ClusterNetworkPolicy Accept; the Baseline tier is not counted', () => {
    const admin = (kind: string, spec: any) => ({ apiVersion: 'policy.networking.k8s.io/v1alpha1', kind, metadata: { name: 'a' }, spec });
    const egress = [{ name: 'x', action: 'Deny', to: [] }, { name: 'y', action: 'Allow', to: [{ networks: ['192.0.2.0/24'] }] }];
    expect(found(admin('AdminNetworkPolicy', { priority: 1, subject: { namespaces: {} }, egress }))).toEqual(['AdminNetworkPolicy/a spec.egress[1].action | its spec.subject.namespaces {}']);
    expect(found(admin('AdminNetworkPolicy', { priority: 1, subject: { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'api' } } } }, egress }))).toEqual([]);
    expect(found(admin('AdminNetworkPolicy', { priority: 1, subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'web' } } }, egress }))).toEqual([]);
    // the namespace's other labels are not known: a selector of them may select it
    expect(found(admin('AdminNetworkPolicy', { priority: 1, subject: { namespaces: { matchLabels: { team: 'a' } } }, egress }))).toHaveLength(1);
    expect(found(admin('ClusterNetworkPolicy', { tier: 'Admin', priority: 1, subject: { namespaces: {} }, egress: [{ action: 'Accept', to: [] }] }))).toHaveLength(1);
    expect(found(admin('ClusterNetworkPolicy', { tier: 'Baseline', priority: 1, subject: { namespaces: {} }, egress: [{ action: 'Accept', to: [] }] }))).toEqual([]);
    expect(found(admin('BaselineAdminNetworkPolicy', { subject: { namespaces: {} }, egress: [{ action: 'Allow', to: [] }] }))).toEqual([]);
  });
});

describe('wildcardDomainReach: the names a toFQDNs matchPattern reaches that anyone can register', () => {
  test('nothing but stars is every name; a star in the top-level label or the one under it reaches registrable names', () => {
    for (const p of ['*', '**', '*.', '**.', ' *** ']) expect(wildcardDomainReach(p)).toBe('every name');
    for (const p of ['*.*', 'example.*', '*.*.*', 'a.b.*.']) expect(wildcardDomainReach(p)).toBe('a name under any top-level domain');
    for (const p of ['*.com', '**.com', 'git*.com', '*.COM.', 'www.*.io']) expect(wildcardDomainReach(p)).toBe('every name under a top-level domain');
    // a fixed registrable domain, a single label, and a public suffix of two labels (a stated limit)
    for (const p of ['*.github.com', '**.github.com', 'api-*.example.com', 'github.com', '*com', '*.co.uk', '']) expect(wildcardDomainReach(p)).toBeUndefined();
  });
});
