import {
  addingPoliciesText, egressPoliciesSharingPods, isNetworkPolicy, isolatedDirections, maySelectOnePod, policyId, refusedAsWritten, selectsLabels,
} from '../../src/private/network-policies';

const policy = (name: string, spec: any, namespace?: string) => ({
  apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, ...(namespace ? { namespace } : {}) }, spec,
});

describe('network policies', () => {
  test('isNetworkPolicy: the kind of the networking.k8s.io group only', () => {
    expect(isNetworkPolicy(policy('a', {}))).toBe(true);
    expect(isNetworkPolicy({ ...policy('a', {}), apiVersion: 'networking.k8s.io/v1beta1' })).toBe(true);
    expect(isNetworkPolicy({ ...policy('a', {}), apiVersion: 'projectcalico.org/v3' })).toBe(false);
    expect(isNetworkPolicy({ kind: 'NetworkPolicy' })).toBe(false);
    expect(isNetworkPolicy({ ...policy('a', {}), kind: 'GlobalNetworkPolicy' })).toBe(false);
  });

  test('isolatedDirections: as written, else Ingress and Egress when there are egress rules', () => {
    expect(isolatedDirections({ policyTypes: ['Egress'] })).toEqual(['Egress']);
    expect(isolatedDirections({})).toEqual(['Ingress']);
    expect(isolatedDirections({ egress: [] })).toEqual(['Ingress']);
    expect(isolatedDirections({ egress: [{}] })).toEqual(['Ingress', 'Egress']);
    expect(isolatedDirections(undefined)).toEqual(['Ingress']);
  });

  test('refusedAsWritten: what the API server refuses of a policy that would deny', () => {
    expect(refusedAsWritten(policy('default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }, 'ci'))).toBeUndefined();
    expect(refusedAsWritten(policy('a.b-c', {}))).toBeUndefined();
    // only generateName: kubectl create has the API server name it (the prefix cut to 58 characters, 5 characters added); kubectl apply refuses it
    const generated = (generateName: string) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { generateName }, spec: {} });
    expect(refusedAsWritten(generated('allow-'), true)).toBeUndefined();
    expect(refusedAsWritten(generated('a'.repeat(100)), true)).toBeUndefined();
    expect(refusedAsWritten(generated('Allow-'), true)).toBe('its generateName "Allow-" does not make a DNS-1123 subdomain');
    expect(refusedAsWritten(generated('a.'), true)).toBe('its generateName "a." does not make a DNS-1123 subdomain');
    expect(refusedAsWritten(generated('allow-'))).toBe('it has no name, only generateName "allow-", which kubectl apply refuses (kubectl create names it)');
    expect(policyId({ ...generated('allow-'), metadata: { generateName: 'allow-', namespace: 'ci' } })).toBe('NetworkPolicy/ci/allow-');
    expect(refusedAsWritten(policy('a', { policyTypes: ['Egress', 'Egress'] }))).toBeUndefined();
    expect(refusedAsWritten(policy('a', { policyTypes: 'Egress' }))).toBe('its policyTypes is not a list');
    expect(refusedAsWritten(policy('a', 'x'))).toBe('its spec is not an object');
    expect(refusedAsWritten(policy('', {}))).toBe('its name "" is not a DNS-1123 subdomain');
    expect(refusedAsWritten({ ...policy('a', {}), metadata: {} })).toBe('its name null is not a DNS-1123 subdomain');
    expect(refusedAsWritten(policy('x'.repeat(254), {}))).toBe(`its name "${'x'.repeat(254)}" is not a DNS-1123 subdomain`);
    // a subdomain has no length limit per label (IsDNS1123Subdomain): 69 characters without a dot are a name
    expect(refusedAsWritten(policy('default-deny-all-ingress-and-egress-for-every-pod-in-the-namespace-ci', {}))).toBeUndefined();
    expect(refusedAsWritten(policy('a..b', {}))).toBe('its name "a..b" is not a DNS-1123 subdomain');
  });

  test('refusedAsWritten surely: only what the API server refuses whoever applies the policy and whatever its feature gates', () => {
    const both = (p: any) => [refusedAsWritten(p), refusedAsWritten(p, true)];
    // kubectl's strict field validation alone: another client has the field dropped (at any depth, a selector's included)
    expect(both({ ...policy('a', {}), status: {} })).toEqual(["it has no field 'status'", undefined]);
    expect(both(policy('a', { ingres: [] }))).toEqual(["its spec has no field 'ingres'", undefined]);
    expect(both(policy('a', { ingress: [{ fromm: [] }] }))).toEqual(["its spec.ingress[0] has no field 'fromm'", undefined]);
    expect(both(policy('a', { ingress: [{ from: [{ podSelector: { matchLabel: { a: 'b' } } }] }] })))
      .toEqual(["its spec.ingress[0].from[0].podSelector has no field 'matchLabel'", undefined]);
    expect(both(policy('a', { podSelector: { matchExpressions: [{ key: 'a', operator: 'Exists', value: 'b' }] } })))
      .toEqual(["its spec.podSelector.matchExpressions[0] has no field 'value'", undefined]);
    // strict IP validation alone: a cluster without the feature gate stores it
    expect(both(policy('a', { ingress: [{ from: [{ ipBlock: { cidr: '::ffff:0.0.0.0/96' } }] }] })))
      .toEqual(['its spec.ingress[0].from[0].ipBlock.cidr "::ffff:0.0.0.0/96" is refused under strict IP validation (StrictIPCIDRValidation)', undefined]);
    // refused either way
    for (const p of [policy('A', {}), policy('a', { policyTypes: ['ingress'] }), policy('a', { ingress: [{ ports: [{ port: 0 }] }] }),
      policy('a', { podSelector: { matchExpressions: [{ key: 'a', operator: 'In', unknown: 1 }] } })]) {
      expect(refusedAsWritten(p, true)).toBeDefined();
    }
  });

  test('refusedAsWritten: the rules of both directions, whichever the policy isolates', () => {
    const ingressOnly = (spec: any) => refusedAsWritten(policy('a', { podSelector: {}, policyTypes: ['Ingress'], ...spec }));
    expect(ingressOnly({ egress: [null, { to: null, ports: [null, { port: 'dns', protocol: 'UDP' }, { port: 1, endPort: 2 }] }] })).toBeUndefined();
    expect(ingressOnly({ egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.0.0.0/8'] } }] }] }))
      .toBe('its spec.egress[0].to[0].ipBlock.except[0] "10.0.0.0/8" is not a strict subset of its cidr "10.0.0.0/8"');
    expect(ingressOnly({ egress: [{ to: [null] }] })).toBe('its spec.egress[0].to[0] names no peer (podSelector, namespaceSelector or ipBlock)');
    expect(ingressOnly({ egress: [{ to: [{ ipBlock: { cidr: '1.2.3.4/32' }, namespaceSelector: {}, podSelector: {} }] }] }))
      .toBe('its spec.egress[0].to[0] sets ipBlock with podSelector and namespaceSelector');
    expect(ingressOnly({ egress: [{ to: [{ ipBlock: { cidr: '::ffff:1.2.3.4/128' } }] }] }))
      .toBe('its spec.egress[0].to[0].ipBlock.cidr "::ffff:1.2.3.4/128" is refused under strict IP validation (StrictIPCIDRValidation)');
    expect(ingressOnly({ egress: {} })).toBe('its spec.egress is not a list');
    expect(ingressOnly({ ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['x', 'y z'] }] } }] }] }))
      .toBe('its spec.ingress[0].from[0].namespaceSelector.matchExpressions[0] value "y z" is not a label value');
    expect(ingressOnly({ ingress: [{ ports: [{ port: 70000 }] }] })).toBe('its spec.ingress[0].ports[0].port 70000 is not a port from 1 to 65535');
    expect(refusedAsWritten(policy('a', { podSelector: { matchExpressions: [{ key: 'app', operator: 'In' }] } })))
      .toBe('its spec.podSelector.matchExpressions[0] (In) has no values');
  });

  test('refusedAsWritten: the namespace, labels and annotations ValidateObjectMeta refuses', () => {
    const meta = (metadata: Record<string, unknown>) => ({ ...policy('deny', {}), metadata: { name: 'deny', ...metadata } });
    expect(refusedAsWritten(meta({ namespace: 'ci', labels: { 'app.kubernetes.io/name': 'x', 'owner': '', 'v': 'a_b.c-1' }, annotations: { note: 'any text: here' } }))).toBeUndefined();
    expect(refusedAsWritten(meta({ labels: { version: 2 } }))).toBe('its label "version" is 2, not a string');
    expect(refusedAsWritten(meta({ labels: { owner: 'platform team' } }))).toBe('its label "owner" has the value "platform team", which is not a label value');
    expect(refusedAsWritten(meta({ labels: { owner: 'x'.repeat(64) } }))).toBe(`its label "owner" has the value "${'x'.repeat(64)}", which is not a label value`);
    expect(refusedAsWritten(meta({ labels: { 'bad key': 'x' } }))).toBe('its label key "bad key" is not a qualified name');
    expect(refusedAsWritten(meta({ labels: { '/x': 'x' } }))).toBe('its label key "/x" is not a qualified name');
    expect(refusedAsWritten(meta({ annotations: { note: true } }))).toBe('its annotation "note" is true, not a string');
    expect(refusedAsWritten(meta({ labels: ['a'] }))).toBe('its labels are not a map');
    expect(refusedAsWritten(meta({ namespace: 'CI' }))).toBe('its namespace "CI" is not a DNS-1123 label');
    // annotation keys are checked lower-cased; a null value is ""
    expect(refusedAsWritten(meta({ annotations: { 'Example.com/Owner': 'platform' }, labels: { team: null } }))).toBeUndefined();
  });

  test('a null label value is read as "", as the API server decodes it', () => {
    expect(maySelectOnePod({ matchLabels: { app: null } }, { matchLabels: { app: '' } })).toBe(true);
    expect(maySelectOnePod({ matchExpressions: [{ key: 'app', operator: 'In', values: [null] }] }, { matchLabels: { app: '' } })).toBe(true);
    expect(maySelectOnePod({ matchLabels: { app: null } }, { matchExpressions: [{ key: 'app', operator: 'NotIn', values: [''] }] })).toBe(false);
    expect(maySelectOnePod({ matchLabels: { app: null } }, { matchLabels: { app: 'null' } })).toBe(false);
    expect(selectsLabels({ matchLabels: { app: null } }, { app: '' })).toBe(true);
    expect(selectsLabels({ matchLabels: { app: null } }, {})).toBe(false);
    expect(selectsLabels({ matchExpressions: [{ key: 'app', operator: 'NotIn', values: [null] }] }, { app: '' })).toBe(false);
    expect(selectsLabels({ matchExpressions: [{ key: 'app', operator: 'NotIn', values: [null] }] }, { app: 'null' })).toBe(true);
  });

  test('maySelectOnePod: selectors exclude each other only by what they pin', () => {
    const labels = (l: Record<string, string>) => ({ matchLabels: l });
    const expr = (key: string, operator: string, values?: string[]) => ({ matchExpressions: [{ key, operator, ...(values ? { values } : {}) }] });
    expect(maySelectOnePod(undefined, labels({ a: '1' }))).toBe(true);
    expect(maySelectOnePod({}, {})).toBe(true);
    expect(maySelectOnePod(labels({ a: '1' }), labels({ a: '1', b: '2' }))).toBe(true);
    expect(maySelectOnePod(labels({ a: '1' }), labels({ b: '2' }))).toBe(true);
    expect(maySelectOnePod(labels({ a: '1' }), labels({ a: '2' }))).toBe(false);
    expect(maySelectOnePod(labels({ a: '1' }), expr('a', 'In', ['2', '3']))).toBe(false);
    expect(maySelectOnePod(labels({ a: '1' }), expr('a', 'In', ['1', '3']))).toBe(true);
    expect(maySelectOnePod(labels({ a: '1' }), expr('a', 'NotIn', ['1']))).toBe(false);
    expect(maySelectOnePod(expr('a', 'In', ['1', '2']), expr('a', 'NotIn', ['1']))).toBe(true);
    expect(maySelectOnePod(labels({ a: '1' }), expr('a', 'DoesNotExist'))).toBe(false);
    expect(maySelectOnePod(expr('a', 'Exists'), expr('a', 'DoesNotExist'))).toBe(false);
    expect(maySelectOnePod(expr('a', 'NotIn', ['1']), expr('a', 'DoesNotExist'))).toBe(true);
    expect(maySelectOnePod(expr('a', 'Exists'), labels({ a: '1' }))).toBe(true);
    // a selector that selects nothing by itself
    expect(maySelectOnePod({ matchLabels: { a: '1' }, matchExpressions: [{ key: 'a', operator: 'In', values: ['2'] }] }, {})).toBe(false);
    // what cannot be read may select anything
    expect(maySelectOnePod(labels({ a: '1' }), { matchExpressions: [{ key: 'a', operator: 'Gt', values: ['2'] }] })).toBe(true);
    expect(maySelectOnePod(labels({ a: '1' }), 'x')).toBe(true);
    // a selector the API server refuses (a value that is no string, In without values, a key that is no
    // label key) may select anything, however its terms compare
    expect(maySelectOnePod(labels({ a: 1 as any }), labels({ a: '1' }))).toBe(true);
    expect(maySelectOnePod(labels({ a: '1' }), { matchLabels: { a: '2' }, matchExpressions: [{ key: 'b', operator: 'In', values: [] }] })).toBe(true);
    expect(maySelectOnePod(labels({ 'A B': '1' }), labels({ 'A B': '2' }))).toBe(true);
    expect(selectsLabels({ matchExpressions: [{ key: 'a', operator: 'DoesNotExist', values: ['x'] }] }, {})).toBeUndefined();
    expect(selectsLabels({ matchLabels: { 'A B': 'x' } }, {})).toBeUndefined();
  });

  test('egressPoliciesSharingPods: same namespace (or none), egress isolated, selectors that may meet, in input order', () => {
    const a = policy('a', { podSelector: { matchLabels: { task: 'clone' } }, policyTypes: ['Egress'] }, 'ci');
    const wide = policy('wide', { podSelector: {}, policyTypes: ['Egress'] }, 'ci');
    const push = policy('push', { podSelector: { matchLabels: { task: 'push' } }, policyTypes: ['Egress'] }, 'ci');
    const other = policy('other', { podSelector: {}, policyTypes: ['Egress'] }, 'other');
    const none = policy('none', { podSelector: {}, egress: [{}] });
    const ingress = policy('ingress', { podSelector: {} }, 'ci');
    const calico = { ...policy('calico', { podSelector: {}, policyTypes: ['Egress'] }, 'ci'), apiVersion: 'projectcalico.org/v3' };
    expect(egressPoliciesSharingPods(a, [a, wide, push, other, none, ingress, calico]).map(policyId)).toEqual([
      'NetworkPolicy/ci/wide', 'NetworkPolicy/none',
    ]);
  });

  test('selectsLabels: a selector against a pod with exactly these labels, as apimachinery reads it', () => {
    const pod = { 'tekton.dev/pipeline': 'rel', 'tekton.dev/pipelineTask': 'build' };
    expect(selectsLabels(undefined, pod)).toBe(true);
    expect(selectsLabels({}, pod)).toBe(true);
    expect(selectsLabels({ matchLabels: { 'tekton.dev/pipeline': 'rel' } }, pod)).toBe(true);
    expect(selectsLabels({ matchLabels: { 'tekton.dev/pipeline': 'other' } }, pod)).toBe(false);
    expect(selectsLabels({ matchLabels: { app: 'web' } }, pod)).toBe(false);
    expect(selectsLabels({ matchExpressions: [{ key: 'tekton.dev/pipelineTask', operator: 'In', values: ['build', 'push'] }] }, pod)).toBe(true);
    expect(selectsLabels({ matchExpressions: [{ key: 'tekton.dev/pipelineTask', operator: 'NotIn', values: ['build'] }] }, pod)).toBe(false);
    expect(selectsLabels({ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['x'] }] }, pod)).toBe(true);
    expect(selectsLabels({ matchExpressions: [{ key: 'app', operator: 'Exists' }] }, pod)).toBe(false);
    expect(selectsLabels({ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, pod)).toBe(true);
    expect(selectsLabels({ matchExpressions: [{ key: 'app', operator: 'Has' }] }, pod)).toBeUndefined();
    expect(selectsLabels('x', pod)).toBeUndefined();
  });

  test('addingPoliciesText: the first four policies, then how many in all', () => {
    const p = (n: number) => policy(`p${n}`, {}, n === 1 ? undefined : 'ci');
    expect(addingPoliciesText([p(1), p(2)])).toBe('NetworkPolicy/p1, NetworkPolicy/ci/p2');
    expect(addingPoliciesText([1, 2, 3, 4].map(p))).toBe('NetworkPolicy/p1, NetworkPolicy/ci/p2, NetworkPolicy/ci/p3, NetworkPolicy/ci/p4');
    expect(addingPoliciesText([1, 2, 3, 4, 5, 6].map(p)))
      .toBe('NetworkPolicy/p1, NetworkPolicy/ci/p2, NetworkPolicy/ci/p3, NetworkPolicy/ci/p4 … (6 policies)');
  });
});
