import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Size, Testing } from 'cdk8s';
import { describeRule } from './fixtures';
import { HardenedNamespace, RuleId, RunWorkspace, SecurePipeline, SecurePipelineRun, SecureTask, Severity, TrustDomain } from '../../../src';
import { audit } from '../../../src/cli/audit';
import { ruleContext } from '../../../src/policy/engine/context';
import { NAMESPACE_DEFAULT_DENY } from '../../../src/policy/rules/namespace-default-deny';
import { step } from '../../helpers/constructs';

const NS = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ci' } };

/** A NetworkPolicy in `ci` (or `namespace`; null: none) with this spec. */
function policy(spec: any, namespace: string | null = 'ci', name = 'p'): any {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, ...(namespace === null ? {} : { namespace }) }, spec };
}

const DENY_ALL = { podSelector: {}, policyTypes: ['Ingress', 'Egress'] };

/** The finding for a missing deny of `direction` in `ci`. */
function missing(direction: 'Ingress' | 'Egress'): any {
  const rules = direction.toLowerCase();
  return {
    rule: RuleId.NAMESPACE_DEFAULT_DENY,
    kind: 'Namespace',
    name: 'ci',
    location: `direction '${direction}'`,
    property: 'NetworkPolicy',
    problem: `that denies all ${rules} to every pod of namespace 'ci' (podSelector: {}, policyTypes ${direction}, no ${rules} rule) is missing, `
      + `so a pod no other policy selects (a bare TaskRun, a run with an inline spec) ${direction === 'Ingress' ? 'accepts any connection' : 'may connect anywhere'}`,
  };
}

/** Which directions are found missing for `ci` checked with these objects. */
const check = (...others: any[]) => NAMESPACE_DEFAULT_DENY.check(NS, ruleContext([NS, ...others]));
const directions = (...others: any[]) => check(...others).map((f) => f.location);

describe('NAMESPACE_DEFAULT_DENY', () => {
  describeRule(NAMESPACE_DEFAULT_DENY, RuleId.NAMESPACE_DEFAULT_DENY, Severity.MEDIUM, true);

  test('applies to Namespaces', () => {
    expect(NAMESPACE_DEFAULT_DENY.appliesTo(NS)).toBe(true);
    expect(NAMESPACE_DEFAULT_DENY.appliesTo(policy(DENY_ALL))).toBe(false);
  });

  test('compliant: one policy denying both, or one per direction; with allow-lists beside them', () => {
    expect(check(policy(DENY_ALL))).toEqual([]);
    expect(check(policy({ podSelector: {}, policyTypes: ['Egress'] }, 'ci', 'e'), policy({ podSelector: {} }, 'ci', 'i'))).toEqual([]);
    expect(check(policy(DENY_ALL), policy({ podSelector: { matchLabels: { 'tekton.dev/pipeline': 'p' } }, policyTypes: ['Egress'], egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }] }, 'ci', 'dns'))).toEqual([]);
  });

  test('compliant: a selector with empty labels and expressions selects every pod', () => {
    expect(check(policy({ podSelector: { matchLabels: {}, matchExpressions: [] }, policyTypes: ['Ingress', 'Egress'], ingress: [], egress: [] }))).toEqual([]);
  });

  test('compliant: without a context a Namespace is not judged', () => {
    expect(NAMESPACE_DEFAULT_DENY.check(NS)).toEqual([]);
  });

  test('non-compliant: no NetworkPolicy at all, both directions', () => {
    expect(check()).toEqual([missing('Ingress'), missing('Egress')]);
  });

  test('compliant for ingress: a policy without a spec, or with spec null, is one with an empty spec, which denies all ingress', () => {
    const bare = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny-ingress', namespace: 'ci' } };
    expect(check(bare)).toEqual([missing('Egress')]);
    expect(check({ ...bare, spec: null })).toEqual([missing('Egress')]);
    expect(check(bare, policy({ podSelector: {}, policyTypes: ['Egress'] }, 'ci', 'deny-egress'))).toEqual([]);
    // a spec that is no object is refused by the API server: no deny
    expect(check({ ...bare, spec: 'none' })).toEqual([missing('Ingress'), missing('Egress')]);
  });

  test('non-compliant: policyTypes left out defaults to Ingress only (an empty egress does not isolate egress)', () => {
    expect(directions(policy({ podSelector: {} }))).toEqual(["direction 'Egress'"]);
    expect(directions(policy({ podSelector: {}, egress: [] }))).toEqual(["direction 'Egress'"]);
  });

  test('non-compliant: an allow-list that selects every pod is not a deny (a rule {} allows everything)', () => {
    expect(directions(policy({ podSelector: {}, policyTypes: ['Ingress', 'Egress'], egress: [{}] }))).toEqual(["direction 'Egress'"]);
    expect(directions(policy({ podSelector: {}, policyTypes: ['Ingress', 'Egress'], ingress: [{ from: [{ podSelector: {} }] }] }))).toEqual(["direction 'Ingress'"]);
  });

  test('non-compliant: a deny that selects only the labelled pods of one pipeline', () => {
    expect(directions(policy({ podSelector: { matchLabels: { 'tekton.dev/pipeline': 'build' } }, policyTypes: ['Ingress', 'Egress'] }))).toEqual([
      "direction 'Ingress'", "direction 'Egress'",
    ]);
    expect(directions(policy({ podSelector: { matchExpressions: [{ key: 'tekton.dev/pipeline', operator: 'Exists' }] }, policyTypes: ['Ingress', 'Egress'] }))).toHaveLength(2);
  });

  test('non-compliant: a deny in another namespace, or of another API group', () => {
    expect(directions(policy(DENY_ALL, 'other'))).toHaveLength(2);
    expect(directions({ ...policy(DENY_ALL), apiVersion: 'crd.projectcalico.org/v1' })).toHaveLength(2);
  });

  test('non-compliant: a deny the API server refuses as written does not count, and the finding says why', () => {
    const refusedFix = (id: string) => `Correct what the API server refuses in ${id} (it validates the rules of a direction the policy does not isolate, `
      + 'though it ignores them: remove them if they are not needed), or add a NetworkPolicy to the namespace with podSelector: {}, '
      + "policyTypes: [Ingress, Egress] and no rules (HardenedNamespace emits one, 'default-deny').";
    const refused = (p: any, why: string) => {
      const found = check(p);
      expect(found.map((f) => f.location)).toEqual(["direction 'Ingress'", "direction 'Egress'"]);
      expect(found[0].problem).toBe("that denies all ingress to every pod of namespace 'ci' (podSelector: {}, policyTypes Ingress, no ingress rule) is missing "
        + `(NetworkPolicy/ci/${p.metadata.name} would deny it, but the API server refuses it: ${why}), so a pod no other policy selects (a bare TaskRun, a run with an inline spec) accepts any connection`);
      expect(found[0].fix).toBe(refusedFix(`NetworkPolicy/ci/${p.metadata.name}`));
    };
    refused(policy({ podSelector: {}, policyTypes: ['Ingress', 'Egress', 'Egress'] }), 'its policyTypes has more than two entries');
    refused(policy({ podSelector: {}, policyTypes: ['Ingress', 'Egress', 'Other'] }), 'its policyTypes has more than two entries');
    refused(policy({ podSelector: {}, policyTypes: ['Ingress', 'egress'] }), 'its policyTypes holds "egress", not Ingress or Egress');
    refused({ ...policy(DENY_ALL), apiVersion: 'networking.k8s.io/v1beta1' }, 'its apiVersion is not networking.k8s.io/v1');
    refused(policy(DENY_ALL, 'ci', 'Default_Deny'), 'its name "Default_Deny" is not a DNS-1123 subdomain');
    refused(policy({ ...DENY_ALL, egres: [{}] }), "its spec has no field 'egres'");
    refused({ ...policy(DENY_ALL), extra: 1 }, "it has no field 'extra'");
    // a NetworkPolicy has no status (k8s.io/api v0.35), and its metadata is checked as strictly
    refused({ ...policy(DENY_ALL), status: {} }, "it has no field 'status'");
    const labelled = policy(DENY_ALL);
    labelled.metadata.label = { team: 'ci' };
    refused(labelled, "its metadata has no field 'label'");
    // nested fields too, as kubectl's strict validation knows them (the fields of k8s.io/api's NetworkPolicy)
    refused(policy({ ...DENY_ALL, podSelector: { matchLabel: { app: 'x' } } }), "its spec.podSelector has no field 'matchLabel'");
    // the rules of a direction the policy does not isolate are ignored, but validated: one the API server refuses refuses the deny
    const ingressDeny = (egress: any[]) => policy({ podSelector: {}, policyTypes: ['Ingress'], egress });
    const refusedIngress = (egress: any[], why: string) => expect(check(ingressDeny(egress), policy({ podSelector: {}, policyTypes: ['Egress'] }, 'ci', 'e'))).toEqual([{
      ...missing('Ingress'),
      problem: missing('Ingress').problem.replace(' is missing, ', ` is missing (NetworkPolicy/ci/p would deny it, but the API server refuses it: ${why}), `),
      fix: refusedFix('NetworkPolicy/ci/p'),
    }]);
    // the fix, taken: the egress rule removed, or made one the API server accepts
    expect(check(policy({ podSelector: {}, policyTypes: ['Ingress'] }), policy({ podSelector: {}, policyTypes: ['Egress'] }, 'ci', 'e'))).toEqual([]);
    expect(check(ingressDeny([{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }] }]),
      policy({ podSelector: {}, policyTypes: ['Egress'] }, 'ci', 'e'))).toEqual([]);
    refusedIngress([{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['52.0.0.0/9'] } }] }],
      'its spec.egress[0].to[0].ipBlock.except[0] "52.0.0.0/9" is not a strict subset of its cidr "10.0.0.0/8"');
    refusedIngress([{ to: [{}] }], 'its spec.egress[0].to[0] names no peer (podSelector, namespaceSelector or ipBlock)');
    refusedIngress([{ to: [{ ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }] }], 'its spec.egress[0].to[0] sets ipBlock with podSelector');
    refusedIngress([{ to: [{ ipBlock: { cidr: '10.0.0.0' } }] }], 'its spec.egress[0].to[0].ipBlock.cidr "10.0.0.0" is not a CIDR block');
    refusedIngress([{ to: [{ ipBlock: { except: ['10.0.0.0/8'] } }] }], 'its spec.egress[0].to[0].ipBlock.cidr is missing');
    refusedIngress([{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16x'] } }] }], 'its spec.egress[0].to[0].ipBlock.except[0] "10.1.0.0/16x" is not a CIDR block');
    refusedIngress([{ ports: [{ port: 0 }] }], 'its spec.egress[0].ports[0].port 0 is not a port from 1 to 65535');
    refusedIngress([{ ports: [{ port: 80, endPort: 79 }] }], 'its spec.egress[0].ports[0].endPort 79 is not a port from 80 to 65535');
    refusedIngress([{ ports: [{ endPort: 79 }] }], 'its spec.egress[0].ports[0].endPort is set without a numbered port');
    refusedIngress([{ ports: [{ port: 'http', endPort: 90 }] }], 'its spec.egress[0].ports[0].endPort is set without a numbered port');
    refusedIngress([{ ports: [{ port: 'HTTP' }] }], 'its spec.egress[0].ports[0].port "HTTP" is not a port name');
    refusedIngress([{ ports: [{ port: 53, protocol: 'udp' }] }], 'its spec.egress[0].ports[0].protocol "udp" is not TCP, UDP or SCTP');
    refusedIngress([{ to: [{ podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] } }] }],
      'its spec.egress[0].to[0].podSelector.matchExpressions[0] (In) has no values');
    refusedIngress([{ to: [{ namespaceSelector: { matchExpressions: [{ key: 'app', operator: 'Exists', values: ['x'] }] } }] }],
      'its spec.egress[0].to[0].namespaceSelector.matchExpressions[0] (Exists) has values');
    refusedIngress([{ to: [{ namespaceSelector: { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['x'] }] } }] }],
      'its spec.egress[0].to[0].namespaceSelector.matchExpressions[0].operator "Equals" is not In, NotIn, Exists or DoesNotExist');
    refusedIngress([{ to: [{ podSelector: { matchLabels: { app: 'a b' } } }] }], 'its spec.egress[0].to[0].podSelector.matchLabels "app" has the value "a b", which is not a label value');
    refusedIngress([{ to: [{ podSelector: { matchExpressions: [{ key: 'a b', operator: 'Exists' }] } }] }],
      'its spec.egress[0].to[0].podSelector.matchExpressions[0].key "a b" is not a qualified name');
    refusedIngress([{ to: [{ ipBlock: { cidr: '010.0.0.0/8' } }] }], 'its spec.egress[0].to[0].ipBlock.cidr "010.0.0.0/8" is refused under strict IP validation (StrictIPCIDRValidation)');
    refusedIngress([{ to: 'x' }], 'its spec.egress[0].to is not a list');
    refusedIngress([{ ports: [1] }], 'its spec.egress[0].ports[0] is not a port entry');
    refusedIngress(['x'], 'its spec.egress[0] is not a rule');
    // and so do the ingress rules of a policy that denies egress only
    expect(check(policy({ podSelector: { matchExpressions: [], matchLabels: {} }, policyTypes: ['Egress'], ingress: [{ from: [{ podSelector: { matchLabels: { 'a b': 'x' } } }] }] }),
      policy({ podSelector: {} }, 'ci', 'i'))).toEqual([{
      ...missing('Egress'),
      problem: missing('Egress').problem.replace(' is missing, ', ' is missing (NetworkPolicy/ci/p would deny it, but the API server refuses it: '
        + 'its spec.ingress[0].from[0].podSelector.matchLabels key "a b" is not a qualified name), '),
      fix: refusedFix('NetworkPolicy/ci/p'),
    }]);
    // what it admits: null rules, ports and peers lists, a null port entry (every TCP port), sloppy CIDRs, selectors of every operator
    for (const egress of [[null], [{ to: null, ports: null }], [{ ports: [null] }], [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }] }],
      [{ to: [{ podSelector: { matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['x'] }, { key: 'b', operator: 'DoesNotExist' }] }, namespaceSelector: { matchLabels: { team: '' } } }] }],
      // a null value of matchLabels or of values decodes as ""
      [{ to: [{ podSelector: { matchExpressions: [{ key: 'a', operator: 'NotIn', values: [null] }] }, namespaceSelector: { matchLabels: { team: null } } }] }],
      [{ ports: [{ port: 'http' }, { port: 1, endPort: 65535, protocol: 'SCTP' }] }]]) {
      expect(directions(ingressDeny(egress), policy({ podSelector: {}, policyTypes: ['Egress'] }, 'ci', 'e'))).toEqual([]);
    }
    // two entries of one direction are admitted: Egress only
    expect(directions(policy({ podSelector: {}, policyTypes: ['Egress', 'Egress'] }))).toEqual(["direction 'Ingress'"]);
    // without an apiVersion it is no NetworkPolicy kubectl can map
    const bare = policy(DENY_ALL);
    delete bare.apiVersion;
    expect(directions(bare)).toHaveLength(2);
  });

  test('non-compliant: a deny without a namespace does not count, even beside the only Namespace: kubectl applies it to the current context\'s', () => {
    const unplaced = (direction: 'Ingress' | 'Egress', namespace = 'ci') => ({
      ...missing(direction),
      name: namespace,
      problem: missing(direction).problem.replace('namespace \'ci\' (', `namespace '${namespace}' (`).replace(' is missing, ', ' is missing (NetworkPolicy/default-deny would deny it, but names no '
        + `namespace: kubectl puts it into the namespace of the current context or of -n, which need not be '${namespace}'), `),
      fix: 'Set metadata.namespace: ' + namespace + ' in NetworkPolicy/default-deny.',
    });
    const deny = policy(DENY_ALL, null, 'default-deny');
    expect(check(deny)).toEqual([unplaced('Ingress'), unplaced('Egress')]);
    const other = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } };
    expect(NAMESPACE_DEFAULT_DENY.check(other, ruleContext([NS, other, deny]))).toEqual([unplaced('Ingress', 'other'), unplaced('Egress', 'other')]);
    // one that names the namespace counts, whatever else there is
    expect(check(deny, policy(DENY_ALL))).toEqual([]);
    // a deny the API server refuses is said first
    const refusedDeny = policy({ ...DENY_ALL, policyTypes: ['Ingress', 'Egress', 'Egress'] });
    expect(check(deny, refusedDeny).map((f) => f.problem)).toEqual(['Ingress', 'Egress'].map(() => expect.stringContaining(
      '(NetworkPolicy/ci/p would deny it, but the API server refuses it: its policyTypes has more than two entries)')));
  });

  test('non-compliant: a policy without a namespace may undo the deny of every Namespace checked: kubectl may put it into any of them', () => {
    const open = policy({ podSelector: {}, ingress: [{}] }, null, 'open');
    const undone = (namespace: string) => ({
      rule: RuleId.NAMESPACE_DEFAULT_DENY,
      kind: 'Namespace',
      name: namespace,
      location: "direction 'Ingress'",
      property: 'NetworkPolicy',
      value: 'NetworkPolicy/open ingress[0] on every port',
      problem: `names no namespace, so kubectl may put it into '${namespace}' (that of the current context or of -n), where it selects every pod and its ingress[0] `
        + 'has no from, so it accepts every source: policies are additive, so it undoes the default deny and every pod accepts any connection',
      fix: 'Allow ingress only from the peers that need it (a podSelector or namespaceSelector with labels, a narrow ipBlock), in a policy that selects only the pods that serve them.',
    });
    expect(check(policy(DENY_ALL), open)).toEqual([undone('ci')]);
    // beside another Namespace, it may land in either
    const other = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } };
    const all = ruleContext([NS, other, policy(DENY_ALL), policy(DENY_ALL, 'other'), open]);
    expect(NAMESPACE_DEFAULT_DENY.check(NS, all)).toEqual([undone('ci')]);
    expect(NAMESPACE_DEFAULT_DENY.check(other, all)).toEqual([undone('other')]);
    // one in another namespace does not
    expect(NAMESPACE_DEFAULT_DENY.check(other, ruleContext([NS, other, policy(DENY_ALL, 'other'), policy({ podSelector: {}, ingress: [{}] }, 'ci', 'open')]))).toEqual([]);
    // the same Namespace twice is one
    expect(NAMESPACE_DEFAULT_DENY.check(NS, ruleContext([NS, { ...NS }, policy(DENY_ALL), open])).map((f) => f.value)).toEqual(['NetworkPolicy/open ingress[0] on every port']);
  });

  test('non-compliant: a policy that selects every pod and accepts ingress from every source undoes the deny', () => {
    // the value names the rule and its ports: a finding about another rule, or more ports, is another finding
    const undo = (spec: any, index: number, why: string, ports = 'every port') => expect(check(policy(DENY_ALL, 'ci', 'default-deny'), policy(spec, 'ci', 'open'))).toEqual([{
      rule: RuleId.NAMESPACE_DEFAULT_DENY,
      kind: 'Namespace',
      name: 'ci',
      location: "direction 'Ingress'",
      property: 'NetworkPolicy',
      value: `NetworkPolicy/ci/open ingress[${index}] on ${ports}`,
      problem: `selects every pod of namespace 'ci' and its ingress[${index}] ${why}: policies are additive, so it undoes the default deny and every pod accepts `
        + `${/has no from|every address$/.test(why) ? 'any connection' : 'connections from that much of the internet'}${ports === 'every port' ? '' : ` on ${ports}`}`,
      fix: 'Allow ingress only from the peers that need it (a podSelector or namespaceSelector with labels, a narrow ipBlock), in a policy that selects only the pods that serve them.',
    }]);
    undo({ podSelector: {}, ingress: [{}] }, 0, 'has no from, so it accepts every source');
    undo({ podSelector: {}, ingress: [{ from: [{ podSelector: { matchLabels: { a: 'b' } } }] }, { ports: [{ port: 8080 }], from: [] }] }, 1, 'has no from, so it accepts every source', '8080/TCP');
    undo({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] }, 0, 'accepts 0.0.0.0/0, every address');
    undo({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '::/0' } }] }] }, 0, 'accepts ::/0, every address');
    // the internet spelled otherwise: its two halves, a /0 with an except, IPv4 through IPv4-mapped IPv6, across rules
    const V4 = 'every public IPv4 address (over a /8\'s worth of public IPv4 addresses)';
    undo({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/1' } }, { ipBlock: { cidr: '128.0.0.0/1' } }] }] }, 0, `accepts 0.0.0.0/1, 128.0.0.0/1: ${V4}`);
    undo({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }] }] }, 0, `accepts 0.0.0.0/0: ${V4}`);
    undo({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '::ffff:0.0.0.0/96' } }] }] }, 0, `accepts ::ffff:0.0.0.0/96: ${V4}`);
    // ::/1 holds the IPv4-mapped addresses, so IPv4 comes first
    undo({ podSelector: {}, ingress: [{ ports: [{ port: 443 }], from: [{ ipBlock: { cidr: '::/1' } }] }, { from: [{ ipBlock: { cidr: '8000::/1' } }] }] }, 0, `accepts ::/1: ${V4}`, '443/TCP');
    undo({ podSelector: {}, ingress: [{ ports: [{ port: 443 }], from: [{ ipBlock: { cidr: '2400::/6' } }] }, { from: [{ ipBlock: { cidr: '3000::/4' } }] }] }, 0,
      '(with ingress[1]) accepts 2400::/6, 3000::/4: more than a /4\'s worth of public IPv6 addresses (over a /24\'s worth of public IPv6 addresses)');
    // the tunnel prefixes reach the IPv4 addresses they embed: 6to4's bits 16 to 47, Teredo's last 32 bits (inverted), so IPv4 comes first
    undo({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '2002::/16' } }] }] }, 0, `accepts 2002::/16: ${V4}`);
    undo({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '2001:0:4136:e378::/64' } }] }] }, 0, `accepts 2001:0:4136:e378::/64: ${V4}`);
    undo({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '2000::/4' } }] }] }, 0, `accepts 2000::/4: ${V4}`);
    undo({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['8.8.8.0/24'] } }] }] }, 0,
      'accepts 0.0.0.0/0: more than a /1\'s worth of public IPv4 addresses (over a /8\'s worth of public IPv4 addresses)');
    // allowed: labelled sources, some pods only, narrow or private blocks, a policy that does not isolate ingress
    expect(check(policy(DENY_ALL), policy({ podSelector: {}, ingress: [{ from: [{ podSelector: { matchLabels: { a: 'b' } } }] }] }, 'ci', 'labelled'))).toEqual([]);
    expect(check(policy(DENY_ALL), policy({ podSelector: { matchLabels: { app: 'hook' } }, ingress: [{}] }, 'ci', 'hook'))).toEqual([]);
    expect(check(policy(DENY_ALL), policy({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '203.0.113.0/24' } }, { ipBlock: { cidr: '10.0.0.0/8' } }] }] }, 'ci', 'narrow'))).toEqual([]);
    expect(check(policy(DENY_ALL), policy({ podSelector: {}, policyTypes: ['Egress'], ingress: [{}] }, 'ci', 'egress-only'))).toEqual([]);
  });

  test('non-compliant: a policy that selects every pod and opens egress to every destination undoes the egress deny (hermetic tasks and bare TaskRuns too)', () => {
    const undo = (spec: any, index: number, why: string, every: boolean, ports = 'every port') => expect(check(policy(DENY_ALL, 'ci', 'default-deny'), policy(spec, 'ci', 'mirror'))).toEqual([{
      rule: RuleId.NAMESPACE_DEFAULT_DENY,
      kind: 'Namespace',
      name: 'ci',
      location: "direction 'Egress'",
      property: 'NetworkPolicy',
      value: `NetworkPolicy/ci/mirror egress[${index}] on ${ports}`,
      problem: `selects every pod of namespace 'ci' and its egress[${index}] ${why}: policies are additive, so it undoes the default deny and every pod `
        + `(a hermetic task's, a bare TaskRun's) may connect ${every ? 'anywhere' : 'to that much of the internet'}${ports === 'every port' ? '' : ` on ${ports}`}`,
      fix: "Allow egress only to the peers each task needs, in a policy that selects only that task's pods (PipelineTask.allowEgressTo writes one).",
    }]);
    undo({ podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 443 }] }] }, 0, 'has no to, so it reaches every destination', true, '443/TCP');
    undo({ podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] }, 0, 'reaches 0.0.0.0/0, every address', true);
    undo({ podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '169.254.0.0/16'] } }], ports: [{ port: 443 }] }] }, 0,
      "reaches 0.0.0.0/0: every public IPv4 address (over a /8's worth of public IPv4 addresses)", false, '443/TCP');
    // the relaxation of the allowing policy (EGRESS_NO_OPEN_CIDR) is not the Namespace's: the finding stays
    const relaxed = policy({ podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] }, 'ci', 'mirror');
    relaxed.metadata.annotations = { 'secure-tekton/relax.EGRESS_NO_OPEN_CIDR': '*: the package mirror is behind a CDN' };
    expect(check(policy(DENY_ALL), relaxed).map((f) => f.value)).toEqual(['NetworkPolicy/ci/mirror egress[0] on every port']);
    // allowed: DNS for every pod, a narrow or private block, some pods only, a policy that does not isolate egress
    const DNS = { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ protocol: 'UDP', port: 53 }] };
    expect(check(policy(DENY_ALL), policy({ podSelector: {}, policyTypes: ['Egress'], egress: [DNS] }, 'ci', 'dns'))).toEqual([]);
    expect(check(policy(DENY_ALL), policy({ podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }] }, 'ci', 'internal'))).toEqual([]);
    expect(check(policy(DENY_ALL), policy({ podSelector: { matchLabels: { 'tekton.dev/pipelineTask': 'push' } }, egress: [{}] }, 'ci', 'push'))).toEqual([]);
    expect(check(policy(DENY_ALL), policy({ podSelector: {}, policyTypes: ['Ingress'], egress: [{}] }, 'ci', 'ingress-only'))).toEqual([]);
  });

  test('compliant: a policy whose to or from is not a list is refused by the API server, so it opens nothing', () => {
    expect(check(policy(DENY_ALL), policy({ podSelector: {}, egress: [{ to: { ipBlock: { cidr: '10.0.0.0/8' } } }] }, 'ci', 'refused'))).toEqual([]);
    expect(check(policy(DENY_ALL), policy({ podSelector: {}, ingress: [{ from: { podSelector: {} } }, {}] }, 'ci', 'refused'))).toEqual([]);
    // a list is read: the same rule with no to reaches every destination
    expect(check(policy(DENY_ALL), policy({ podSelector: {}, egress: [{ to: null }] }, 'ci', 'open')).map((f) => f.value)).toEqual(['NetworkPolicy/ci/open egress[0] on every port']);
  });

  test('compliant: a policy the API server refuses whoever applies it is never stored, so it undoes nothing; the same policy admitted does', () => {
    const OPEN = { podSelector: {}, ingress: [{}] };
    const refused = [
      { ...policy(OPEN, 'ci', 'Open_All') },
      { ...policy(OPEN, 'ci', 'open'), apiVersion: 'networking.k8s.io/v1beta1' },
      policy({ ...OPEN, policyTypes: ['ingress'] }, 'ci', 'open'),
      policy({ podSelector: {}, ingress: [{}, { from: [{ podSelector: { matchExpressions: [{ key: 'app', operator: 'In' }] } }] }] }, 'ci', 'open'),
      policy({ podSelector: {}, ingress: [{ ports: [{ port: 70000 }] }] }, 'ci', 'open'),
      policy({ podSelector: {}, policyTypes: ['Egress'], egress: [{}, { to: [{}] }] }, 'ci', 'open'),
      policy({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] }, null, 'Open_All'),
    ];
    for (const p of refused) expect(check(policy(DENY_ALL), p)).toEqual([]);
    // two that together would accept too much of the internet, one refused: the other alone stays within the limit
    const block = (cidr: string, name: string) => policy({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr } }] }] }, 'ci', name);
    expect(check(policy(DENY_ALL), block('16.0.0.0/8', 'a'), block('32.0.0.0/8', 'A_'))).toEqual([]);
    // refused only by kubectl's strict field validation (another client has the field dropped, and the rest stored) or by
    // strict IP validation (a cluster without its feature gate stores it): it may be stored, and undo the deny
    expect(check(policy(DENY_ALL), policy({ ...OPEN, ingres: [] }, 'ci', 'open')).map((f) => f.value)).toEqual(['NetworkPolicy/ci/open ingress[0] on every port']);
    expect(check(policy(DENY_ALL), policy({ podSelector: {}, ingress: [{ fromm: [{ podSelector: { matchLabels: { a: 'b' } } }] }] }, 'ci', 'open')).map((f) => f.value))
      .toEqual(['NetworkPolicy/ci/open ingress[0] on every port']);
    expect(check(policy(DENY_ALL), policy({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '::ffff:0.0.0.0/96' } }] }] }, 'ci', 'open')).map((f) => f.value))
      .toEqual(['NetworkPolicy/ci/open ingress[0] on every port']);
    // admitted, the same policies undo the deny
    expect(check(policy(DENY_ALL), policy(OPEN, 'ci', 'open-all')).map((f) => f.value)).toEqual(['NetworkPolicy/ci/open-all ingress[0] on every port']);
    expect(check(policy(DENY_ALL), policy({ podSelector: {}, policyTypes: ['Egress'], egress: [{}] }, 'ci', 'open')).map((f) => f.value))
      .toEqual(['NetworkPolicy/ci/open egress[0] on every port']);
    expect(check(policy(DENY_ALL), policy({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] }, null, 'open-all')).map((f) => f.value))
      .toEqual(['NetworkPolicy/open-all ingress[0] on every port']);
    expect(check(policy(DENY_ALL), block('16.0.0.0/8', 'a'), block('32.0.0.0/8', 'b')).map((f) => f.value)).toEqual(['NetworkPolicy/ci/a, NetworkPolicy/ci/b']);
  });

  test('non-compliant: a policy with only generateName is stored by kubectl create (the API server names it before it validates), so it undoes the deny; one whose generateName makes no valid name does not', () => {
    const generated = (prefix: string) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { generateName: prefix, namespace: 'ci' }, spec: { podSelector: {}, ingress: [{}] } });
    expect(check(policy(DENY_ALL, 'ci', 'default-deny'), generated('allow-all-')).map((f) => f.value)).toEqual(['NetworkPolicy/ci/allow-all- ingress[0] on every port']);
    expect(check(policy(DENY_ALL, 'ci', 'default-deny'), generated('a'.repeat(70))).map((f) => f.value)).toEqual([`NetworkPolicy/ci/${'a'.repeat(70)} ingress[0] on every port`]);
    expect(check(policy(DENY_ALL, 'ci', 'default-deny'), generated('Allow_All-'))).toEqual([]);
  });

  test('non-compliant: a policy whose podSelector only excludes by label (NotIn, DoesNotExist) selects every other pod, and undoes the deny as one that selects every pod', () => {
    const UNEXCLUDED = ' that its podSelector does not exclude by label (NotIn and DoesNotExist only: it selects every pod without those labels)';
    const found = (spec: any) => check(policy(DENY_ALL, 'ci', 'default-deny'), policy(spec, 'ci', 'most'));
    const quarantine = { matchExpressions: [{ key: 'quarantine', operator: 'DoesNotExist' }] };
    expect(found({ podSelector: quarantine, ingress: [{}] })).toEqual([{
      rule: RuleId.NAMESPACE_DEFAULT_DENY,
      kind: 'Namespace',
      name: 'ci',
      location: "direction 'Ingress'",
      property: 'NetworkPolicy',
      value: 'NetworkPolicy/ci/most ingress[0] on every port',
      problem: `selects every pod of namespace 'ci'${UNEXCLUDED} and its ingress[0] has no from, so it accepts every source: policies are additive, `
        + 'so it undoes the default deny and every such pod accepts any connection',
      fix: 'Allow ingress only from the peers that need it (a podSelector or namespaceSelector with labels, a narrow ipBlock), in a policy that selects only the pods that serve them.',
    }]);
    // its relaxation of EGRESS_NO_OPEN_CIDR is its own: the Namespace's deny is undone all the same
    const mirror = policy({ podSelector: { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['db'] }] }, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 443 }] }] }, 'ci', 'mirror');
    mirror.metadata.annotations = { 'secure-tekton/relax.EGRESS_NO_OPEN_CIDR': '*: the package mirror is behind a CDN' };
    expect(check(policy(DENY_ALL), mirror)).toEqual([{
      rule: RuleId.NAMESPACE_DEFAULT_DENY,
      kind: 'Namespace',
      name: 'ci',
      location: "direction 'Egress'",
      property: 'NetworkPolicy',
      value: 'NetworkPolicy/ci/mirror egress[0] on 443/TCP',
      problem: `selects every pod of namespace 'ci'${UNEXCLUDED} and its egress[0] reaches 0.0.0.0/0, every address: policies are additive, `
        + "so it undoes the default deny and every such pod (a hermetic task's, a bare TaskRun's) may connect anywhere on 443/TCP",
      fix: "Allow egress only to the peers each task needs, in a policy that selects only that task's pods (PipelineTask.allowEgressTo writes one).",
    }]);
    // a selector that requires a label selects only the pods that carry it; one the API server refuses selects none
    expect(found({ podSelector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, ingress: [{}] })).toEqual([]);
    expect(found({ podSelector: { matchLabels: { app: 'hook' }, matchExpressions: [{ key: 'quarantine', operator: 'DoesNotExist' }] }, ingress: [{}] })).toEqual([]);
    expect(found({ podSelector: { matchExpressions: [{ key: 'app', operator: 'Unknown' }] }, ingress: [{}] })).toEqual([]);
    // DoesNotExist with values, or of a key that is no qualified name: refused, so it selects no pod either
    expect(found({ podSelector: { matchExpressions: [{ key: 'quarantine', operator: 'DoesNotExist', values: ['x'] }] }, ingress: [{}] })).toEqual([]);
    expect(found({ podSelector: { matchExpressions: [{ key: 'Quarantine.example.com/x', operator: 'DoesNotExist' }] }, ingress: [{}] })).toEqual([]);
    // a deny that selects pods by exclusion does not deny every pod
    expect(directions(policy({ podSelector: quarantine, policyTypes: ['Ingress', 'Egress'] }))).toEqual(["direction 'Ingress'", "direction 'Egress'"]);
  });

  test('non-compliant: policies that select every pod and each stay within the limit undo the deny together (policies are additive), whatever their own relaxations', () => {
    const eight = (n: number, spec: any = {}) => {
      const p = policy({ podSelector: {}, policyTypes: ['Ingress', 'Egress'], ingress: [{ from: [{ ipBlock: { cidr: `${n}.0.0.0/8` } }] }], egress: [{ to: [{ ipBlock: { cidr: `${n}.0.0.0/8` } }], ports: [{ port: 443 }] }], ...spec }, 'ci', `m${n}`);
      p.metadata.annotations = { 'secure-tekton/relax.EGRESS_NO_OPEN_CIDR': '*: the package mirror is behind a CDN' };
      return p;
    };
    const FIX = {
      Ingress: 'Allow ingress only from the peers that need it (a podSelector or namespaceSelector with labels, a narrow ipBlock), in a policy that selects only the pods that serve them.',
      Egress: "Allow egress only to the peers each task needs, in a policy that selects only that task's pods (PipelineTask.allowEgressTo writes one).",
    };
    expect(check(policy(DENY_ALL), eight(16), eight(32))).toEqual((['Ingress', 'Egress'] as const).map((direction) => ({
      rule: RuleId.NAMESPACE_DEFAULT_DENY,
      kind: 'Namespace',
      name: 'ci',
      location: `direction '${direction}'`,
      property: 'NetworkPolicy',
      value: 'NetworkPolicy/ci/m16, NetworkPolicy/ci/m32',
      problem: `select every pod of namespace 'ci' and together ${direction === 'Ingress' ? 'accept' : 'reach'} 16.0.0.0/8, 32.0.0.0/8: `
        + "a /7's worth of public IPv4 addresses (over a /8's worth of public IPv4 addresses): policies are additive, so together they undo the default deny and every pod "
        + (direction === 'Ingress' ? 'accepts connections from that much of the internet' : "(a hermetic task's, a bare TaskRun's) may connect to that much of the internet"),
      fix: FIX[direction],
    })));
    // more than four: the first named, with the count; a podSelector by exclusion selects the pods without labels
    const many = [16, 32, 48, 64, 80].map((n) => eight(n, { policyTypes: ['Egress'], ...(n === 80 ? { podSelector: { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] } } : {}) }));
    expect(check(policy(DENY_ALL), ...many).map((f) => [f.location, f.value, f.problem])).toEqual([[
      "direction 'Egress'",
      'NetworkPolicy/ci/m16, NetworkPolicy/ci/m32, NetworkPolicy/ci/m48, NetworkPolicy/ci/m64 … (5 policies)',
      "select every pod of namespace 'ci' without labels (their podSelectors select every pod, or match by NotIn and DoesNotExist only) and together reach "
        + "16.0.0.0/8, 32.0.0.0/8, 48.0.0.0/8, 64.0.0.0/8 … (5 blocks): more than a /6's worth of public IPv4 addresses (over a /8's worth of public IPv4 addresses): "
        + "policies are additive, so together they undo the default deny and every such pod (a hermetic task's, a bare TaskRun's) may connect to that much of the internet",
    ]]);
    // within the limit together, or one of them selects labelled pods only: no finding; one open by itself is reported alone
    expect(check(policy(DENY_ALL), eight(16, { ingress: [{ from: [{ ipBlock: { cidr: '16.0.0.0/9' } }] }] }), eight(16, { ingress: [{ from: [{ ipBlock: { cidr: '16.128.0.0/9' } }] }] }))).toEqual([]);
    expect(check(policy(DENY_ALL), eight(16), eight(32, { podSelector: { matchLabels: { app: 'mirror' } } }))).toEqual([]);
    expect(check(policy(DENY_ALL), eight(16), policy({ podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] }, 'ci', 'open'))
      .map((f) => f.value)).toEqual(['NetworkPolicy/ci/open egress[0] on every port']);
  });

  test('non-compliant: a policy that selects every pod and opens it to every pod of every namespace undoes the deny (nothing else judges ingress)', () => {
    const found = (spec: any) => check(policy(DENY_ALL, 'ci', 'default-deny'), policy(spec, 'ci', 'cluster'));
    const undone = (direction: 'Ingress' | 'Egress', peer: string, ports = 'every port') => ({
      rule: RuleId.NAMESPACE_DEFAULT_DENY,
      kind: 'Namespace',
      name: 'ci',
      location: `direction '${direction}'`,
      property: 'NetworkPolicy',
      value: `NetworkPolicy/ci/cluster ${direction.toLowerCase()}[1] on ${ports}`,
      problem: `selects every pod of namespace 'ci' and its ${direction.toLowerCase()}[1] ${peer} selects every pod of every namespace `
        + '(its namespaceSelector names no namespace, its podSelector no label): policies are additive, so it undoes the default deny and every pod '
        + (direction === 'Ingress' ? 'accepts connections from every pod of the cluster' : "(a hermetic task's, a bare TaskRun's) may connect to every pod of the cluster")
        + (ports === 'every port' ? '' : ` on ${ports}`),
      fix: direction === 'Ingress'
        ? 'Allow ingress only from the peers that need it (a podSelector or namespaceSelector with labels, a narrow ipBlock), in a policy that selects only the pods that serve them.'
        : "Allow egress only to the peers each task needs, in a policy that selects only that task's pods (PipelineTask.allowEgressTo writes one).",
    });
    const SAME = { podSelector: { matchLabels: { app: 'a' } } };
    expect(found({ podSelector: {}, ingress: [{ from: [SAME] }, { from: [SAME, { namespaceSelector: {} }] }] })).toEqual([undone('Ingress', 'from[1]')]);
    expect(found({ podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [SAME] }, { to: [{ namespaceSelector: { matchLabels: {} }, podSelector: {} }], ports: [{ port: 443 }] }] }))
      .toEqual([undone('Egress', 'to[0]', '443/TCP')]);
    // by exclusion only: every namespace has its name label, and a pod without labels matches NotIn and DoesNotExist
    const exclusion = { namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system'] }] }, podSelector: { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] } };
    expect(found({ podSelector: {}, ingress: [{ from: [SAME] }, { from: [exclusion] }] })).toEqual([undone('Ingress', 'from[0]')]);
    const exists = { namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'Exists' }] } };
    expect(found({ podSelector: {}, ingress: [{ from: [SAME] }, { from: [exists] }] })).toEqual([undone('Ingress', 'from[0]')]);
    // every rule that opens it to anything outweighs it
    expect(found({ podSelector: {}, ingress: [{ from: [{ namespaceSelector: {} }] }, {}] }).map((f) => f.problem)).toEqual([expect.stringContaining('its ingress[1] has no from')]);
    // named namespaces, labelled pods, a label namespaces may lack, the pods of its own namespace: no finding
    for (const peer of [
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } },
      { namespaceSelector: {}, podSelector: { matchLabels: { app: 'prometheus' } } },
      { namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'Exists' }] } },
      { podSelector: {} },
    ]) {
      expect(found({ podSelector: {}, policyTypes: ['Ingress', 'Egress'], ingress: [{ from: [peer] }], egress: [{ to: [peer], ports: [{ port: 443 }] }] })).toEqual([]);
    }
  });

  test('non-compliant: a Namespace with a generateName only', () => {
    const generated = { apiVersion: 'v1', kind: 'Namespace', metadata: { generateName: 'ci-' } };
    expect(NAMESPACE_DEFAULT_DENY.check(generated, ruleContext([generated, policy(DENY_ALL, null)]))).toEqual([{
      rule: RuleId.NAMESPACE_DEFAULT_DENY,
      kind: 'Namespace',
      name: 'ci-',
      property: 'metadata.generateName',
      value: 'ci-',
      problem: 'names the namespace only when it is created, so no NetworkPolicy can be placed in it beforehand and its pods are not isolated',
      fix: "Give the Namespace a name (metadata.name) and a NetworkPolicy in it with podSelector: {}, policyTypes: [Ingress, Egress] and no rules (HardenedNamespace emits one, 'default-deny').",
    }]);
  });

  test('synth: the pipeline\'s namespace as a HardenedNamespace in the same app passes, its EgressPolicy and the deny side by side', () => {
    const c = Testing.chart();
    new HardenedNamespace(c, 'ci');
    const t = new SecureTask(c, 'test', { workspaces: [{ name: 'src', domain: TrustDomain.SOURCE }], steps: [step()] });
    const p = new SecurePipeline(c, 'pipe', { workspaces: [{ name: 'src', domain: TrustDomain.SOURCE }] });
    p.addTask({ task: t, workspaces: { src: 'src' } });
    new SecurePipelineRun(c, 'run', { pipeline: p, workspaces: { src: RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1) }) } });
    const written = Testing.synth(c);
    expect(written.filter((o: any) => o.kind === 'NetworkPolicy').map((o: any) => o.metadata.name)).toContain('default-deny');
  });

  test('audit: a Namespace with the pipeline\'s labelled policy only is a finding; with the deny it passes', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'namespace-default-deny-'));
    try {
      fs.writeFileSync(path.join(dir, 'ns.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ci\n');
      fs.writeFileSync(path.join(dir, 'egress.yaml'), JSON.stringify(policy({ podSelector: { matchLabels: { 'tekton.dev/pipeline': 'build' } }, policyTypes: ['Ingress', 'Egress'] }, 'ci', 'build')));
      const found = () => JSON.parse(audit([dir], 'json').stdout).findings
        .filter((f: any) => f.rule === RuleId.NAMESPACE_DEFAULT_DENY).map((f: any) => [path.basename(f.file), f.location, f.status]);
      expect(found()).toEqual([['ns.yaml', "direction 'Ingress'", 'failed'], ['ns.yaml', "direction 'Egress'", 'failed']]);
      fs.writeFileSync(path.join(dir, 'deny.yaml'), 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\n  namespace: ci\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n');
      expect(found()).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('NAMESPACE_DEFAULT_DENY: policies of other kinds that let the pods past the deny', () => {
  const LABELLED = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ci', labels: { team: 'build' } } };
  const DENY = policy(DENY_ALL, 'ci', 'default-deny');
  /** `ci` (or `ns`) judged with its deny and these objects. */
  const judge = (others: any[], ns: any = NS) => NAMESPACE_DEFAULT_DENY.check(ns, ruleContext([ns, DENY, ...others]));
  const anp = (name: string, spec: any, kind = 'AdminNetworkPolicy') => ({ apiVersion: 'policy.networking.k8s.io/v1alpha1', kind, metadata: { name }, spec });
  const cilium = (kind: string, name: string, spec: any, namespace?: string) =>
    ({ apiVersion: 'cilium.io/v2', kind, metadata: { name, ...(namespace ? { namespace } : {}) }, spec });
  const calico = (kind: string, name: string, spec: any, namespace?: string, group = 'projectcalico.org/v3') =>
    ({ apiVersion: group, kind, metadata: { name, ...(namespace ? { namespace } : {}) }, spec });
  const EGRESS_TAIL = "(a hermetic task's, a bare TaskRun's) may connect";
  const ANP_FIX = (object: string, field: string) => `In ${object}, allow only the peers the pods need (networks of a few hosts, namespaces by name), `
    + `set ${field}: Pass (the namespace's NetworkPolicies then decide), or leave namespace 'ci' out of spec.subject.`;
  /** [property, value, problem] of each finding. */
  const found = (others: any[], ns: any = NS) => judge(others, ns).map((f) => {
    const [direction, object] = (f.location ?? '').split(', ');
    return [direction, `${object} ${f.property}`, f.value, f.problem];
  });

  test('an AdminNetworkPolicy that allows every pod of the namespace egress to 0.0.0.0/0 undoes the deny: its Allow comes before NetworkPolicies', () => {
    expect(judge([anp('open', { priority: 10, subject: { namespaces: {} }, egress: [{ name: 'world', action: 'Allow', to: [{ networks: ['0.0.0.0/0'] }] }] })])).toEqual([{
      rule: RuleId.NAMESPACE_DEFAULT_DENY,
      kind: 'Namespace',
      name: 'ci',
      location: "direction 'Egress', AdminNetworkPolicy/open",
      property: 'spec.egress[0].action',
      value: 'Allow',
      problem: "applies to every pod of namespace 'ci' (its spec.subject.namespaces selects the namespace), and spec.egress[0].to[0].networks[0] is 0.0.0.0/0, every address: "
        + "an AdminNetworkPolicy's Allow is applied before any NetworkPolicy, so it undoes the default deny and every pod it applies to "
        + "(a hermetic task's, a bare TaskRun's) may connect anywhere",
      fix: 'In AdminNetworkPolicy/open, allow only the peers the pods need (networks of a few hosts, namespaces by name), set spec.egress[0].action: Pass '
        + "(the namespace's NetworkPolicies then decide), or leave namespace 'ci' out of spec.subject.",
    }]);
  });

  test('AdminNetworkPolicy subject: a null label value is "" (in the selector and in the Namespace); a selector its implementations refuse may apply', () => {
    const open = (namespaces: any) => anp('open', { priority: 10, subject: { namespaces }, egress: [{ name: 'world', action: 'Allow', to: [{ networks: ['0.0.0.0/0'] }] }] });
    const nullTeam = open({ matchLabels: { team: null } });
    const labelled = (team: unknown) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ci', labels: { team } } });
    expect(found([nullTeam], labelled('build'))).toEqual([]);
    const APPLIES = "applies to every pod of namespace 'ci' (its spec.subject.namespaces selects the namespace), and spec.egress[0].to[0].networks[0] is 0.0.0.0/0, every address: "
      + "an AdminNetworkPolicy's Allow is applied before any NetworkPolicy, so it undoes the default deny and every pod it applies to "
      + "(a hermetic task's, a bare TaskRun's) may connect anywhere";
    expect(found([nullTeam], labelled(''))).toEqual([["direction 'Egress'", 'AdminNetworkPolicy/open spec.egress[0].action', 'Allow', APPLIES]]);
    expect(found([nullTeam], labelled(null))).toEqual([["direction 'Egress'", 'AdminNetworkPolicy/open spec.egress[0].action', 'Allow', APPLIES]]);
    // In without values: LabelSelectorAsSelector refuses it, so which namespaces it selects is not known
    expect(found([open({ matchExpressions: [{ key: 'team', operator: 'In', values: [] }] })], labelled('build'))).toEqual([[
      "direction 'Egress'", 'AdminNetworkPolicy/open spec.egress[0].action', 'Allow',
      "may apply to every pod of namespace 'ci' (its spec.subject.namespaces cannot be read as a label selector: spec.subject.namespaces.matchExpressions[0] (In) has no values), and spec.egress[0].to[0].networks[0] is 0.0.0.0/0, every address: "
        + "an AdminNetworkPolicy's Allow is applied before any NetworkPolicy, so it undoes the default deny and every pod it applies to "
        + "(a hermetic task's, a bare TaskRun's) may connect anywhere",
    ]]);
  });

  test('AdminNetworkPolicy peer: a selector LabelSelectorAsSelector refuses opens nothing', () => {
    const from = (namespaces: any) => anp('in', { priority: 6, subject: { namespaces: {} }, ingress: [{ action: 'Allow', from: [{ namespaces }] }] });
    // DoesNotExist of a label no namespace has selects every namespace
    expect(found([from({ matchExpressions: [{ key: 'quarantine', operator: 'DoesNotExist' }] })])).toEqual([[
      "direction 'Ingress'", 'AdminNetworkPolicy/in spec.ingress[0].action', 'Allow',
      "applies to every pod of namespace 'ci' (its spec.subject.namespaces selects the namespace), and spec.ingress[0].from[0].namespaces selects every namespace "
        + "(every pod of the cluster): an AdminNetworkPolicy's Allow is applied before any NetworkPolicy, so it undoes the default deny and every pod it applies to "
        + 'accepts connections from every pod of the cluster',
    ]]);
    // of a key that is no qualified name, or with values: refused, so the rule opens nothing
    expect(found([from({ matchExpressions: [{ key: 'quarantine zone', operator: 'DoesNotExist' }] })])).toEqual([]);
    expect(found([from({ matchExpressions: [{ key: 'quarantine', operator: 'DoesNotExist', values: ['x'] }] })])).toEqual([]);
  });

  test('AdminNetworkPolicy: ingress from every namespace, to pods picked by labels their creator chooses', () => {
    const subject = { pods: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ci' } }, podSelector: { matchLabels: { 'app.kubernetes.io/managed-by': 'tekton-pipelines' } } } };
    expect(judge([anp('in', { priority: 6, subject, ingress: [{ action: 'Allow', from: [{ namespaces: {} }] }] })])).toEqual([{
      rule: RuleId.NAMESPACE_DEFAULT_DENY,
      kind: 'Namespace',
      name: 'ci',
      location: "direction 'Ingress', AdminNetworkPolicy/in",
      property: 'spec.ingress[0].action',
      value: 'Allow',
      problem: "applies to the pods of namespace 'ci' that its spec.subject.pods.podSelector selects (by labels, which whoever creates a pod chooses; "
        + "Tekton copies a TaskRun's labels to its pod), and spec.ingress[0].from[0].namespaces selects every namespace (every pod of the cluster): "
        + "an AdminNetworkPolicy's Allow is applied before any NetworkPolicy, so it undoes the default deny and every pod it applies to accepts connections from every pod of the cluster",
      fix: ANP_FIX('AdminNetworkPolicy/in', 'spec.ingress[0].action'),
    }]);
    // every pod of every namespace as a pods peer; a subject of every pod
    expect(found([anp('p', { priority: 1, subject: { pods: { namespaceSelector: {}, podSelector: {} } }, egress: [{ action: 'Allow', to: [{ pods: { namespaceSelector: {}, podSelector: {} } }] }] })])).toEqual([[
      "direction 'Egress'", 'AdminNetworkPolicy/p spec.egress[0].action', 'Allow',
      "applies to every pod of namespace 'ci' (its spec.subject.pods selects the namespace and every pod), and spec.egress[0].to[0].pods selects every pod of every namespace: "
        + `an AdminNetworkPolicy's Allow is applied before any NetworkPolicy, so it undoes the default deny and every pod it applies to ${EGRESS_TAIL} to every pod of the cluster`,
    ]]);
  });

  test('AdminNetworkPolicy: the subject is read against the namespace\'s name and labels as written; one that cannot be read may apply', () => {
    const open = (subject: any) => anp('open', { priority: 10, subject, egress: [{ action: 'Allow', to: [{ networks: ['::/0'] }] }] });
    const selects = (subject: any, ns: any = NS) => found([open(subject)], ns).map((f) => (f[3] as string).split(', and ')[0]);
    const BY_NAMESPACES = "applies to every pod of namespace 'ci' (its spec.subject.namespaces selects the namespace)";
    expect(selects({ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ci' } } })).toEqual([BY_NAMESPACES]);
    expect(selects({ namespaces: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system'] }] } })).toEqual([BY_NAMESPACES]);
    expect(selects({ namespaces: { matchLabels: { team: 'build' } } }, LABELLED)).toEqual([BY_NAMESPACES]);
    expect(selects({ namespaces: { matchExpressions: [{ key: 'team', operator: 'DoesNotExist' }] } })).toEqual([BY_NAMESPACES]);
    expect(selects({ namespaces: { matchExpressions: [{ key: 'team', operator: 'Matches', values: ['b'] }] } }))
      .toEqual(["may apply to every pod of namespace 'ci' (its spec.subject.namespaces cannot be read as a label selector: "
        + 'spec.subject.namespaces.matchExpressions[0].operator "Matches" is not In, NotIn, Exists or DoesNotExist)']);
    expect(selects({ namespaces: { matchExpressions: [{ key: 'bad key!', operator: 'Exists' }] } }))
      .toEqual(["may apply to every pod of namespace 'ci' (its spec.subject.namespaces cannot be read as a label selector: "
        + 'spec.subject.namespaces.matchExpressions[0].key "bad key!" is not a qualified name)']);
    expect(selects({ pods: { namespaceSelector: { matchLabels: { team: 7 } }, podSelector: {} } }))
      .toEqual(["may apply to pods of namespace 'ci' (its spec.subject.pods.namespaceSelector cannot be read as a label selector: "
        + 'spec.subject.pods.namespaceSelector.matchLabels "team" has the value 7, which is not a label value)']);
    // other namespaces, by name or label; a subject the API server refuses (none, or both of namespaces and pods)
    expect(selects({ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'other' } } })).toEqual([]);
    expect(selects({ namespaces: { matchLabels: { team: 'build' } } })).toEqual([]);
    expect(selects({ namespaces: { matchExpressions: [{ key: 'team', operator: 'In', values: ['web'] }] } }, LABELLED)).toEqual([]);
    expect(selects({ pods: { namespaceSelector: { matchLabels: { team: 'web' } }, podSelector: {} } }, LABELLED)).toEqual([]);
    expect(selects({})).toEqual([]);
    expect(selects({ namespaces: {}, pods: { namespaceSelector: {}, podSelector: {} } })).toEqual([]);
  });

  test('AdminNetworkPolicy: networks add up over the Allow rules; narrow, private and node peers, domain names under a domain, pass', () => {
    const egress = (...rules: any[]) => found([anp('open', { priority: 10, subject: { namespaces: {} }, egress: rules })]).map((f) => [f[1], (f[3] as string).split(', and ')[1]]);
    // a /9 each: a /8 is not over the limit, a /8 and a /9 are
    const two = { action: 'Allow', to: [{ networks: ['11.0.0.0/9', '11.128.0.0/9'] }] };
    expect(egress(two)).toEqual([]);
    expect(egress(two, { action: 'Deny', to: [{ networks: ['12.0.0.0/9'] }] }, { action: 'Allow', to: [{ networks: ['12.0.0.0/9'] }] })).toEqual([]);
    expect(egress(two, { action: 'Allow', to: [{ networks: ['12.0.0.0/9'] }] })).toEqual([[
      'AdminNetworkPolicy/open spec.egress[1].action',
      'spec.egress[0].to[0].networks[0] (11.0.0.0/9), spec.egress[0].to[0].networks[1] (11.128.0.0/9) and spec.egress[1].to[0].networks[0] (12.0.0.0/9) together reach '
        + "more than a /8's worth of public IPv4 addresses (over a /8's worth of public IPv4 addresses): an AdminNetworkPolicy's Allow is applied before any NetworkPolicy, so it undoes the default deny "
        + `and every pod it applies to ${EGRESS_TAIL} to that much of the internet`,
    ]]);
    expect(egress({ action: 'Allow', to: [{ domainNames: ['*.com'] }] })).toEqual([[
      'AdminNetworkPolicy/open spec.egress[0].action',
      "spec.egress[0].to[0].domainNames[0] is *.com, every name under a top-level domain: an AdminNetworkPolicy's Allow is applied before any NetworkPolicy, "
        + `so it undoes the default deny and every pod it applies to ${EGRESS_TAIL} to that much of the internet`,
    ]]);
    expect(egress({ action: 'Allow', to: [{ networks: ['140.82.112.0/20', '10.0.0.0/8'] }, { domainNames: ['*.github.com'] }, { nodes: {} }] },
      { action: 'Allow', to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } }], ports: [{ portNumber: { protocol: 'UDP', port: 53 } }] })).toEqual([]);
  });

  test('AdminNetworkPolicy: Deny and Pass let nothing past the deny (Pass hands the traffic to the NetworkPolicies), nor does an Allow an earlier one takes first', () => {
    const world = { networks: ['0.0.0.0/0'] };
    expect(found([anp('p', { priority: 5, subject: { namespaces: {} }, egress: [{ action: 'Pass', to: [world] }, { action: 'Deny', to: [{ namespaces: {} }] }] })])).toEqual([]);
    expect(found([anp('p', { priority: 5, subject: { namespaces: {} }, egress: [{ action: 'Pass', to: [world] }, { action: 'Allow', to: [world] }] })])).toEqual([]);
    expect(found([anp('p', { priority: 5, subject: { namespaces: {} }, ingress: [{ action: 'Deny', from: [{ namespaces: {} }] }, { action: 'Allow', from: [{ namespaces: {} }] }] })])).toEqual([]);
    // a Pass of some ports leaves the others to the Allow; actions are case-sensitive (the API server refuses "allow")
    expect(found([anp('p', { priority: 5, subject: { namespaces: {} }, egress: [{ action: 'Pass', to: [world], ports: [{ portNumber: { port: 443 } }] }, { action: 'Allow', to: [world] }] })])
      .map((f) => f[1])).toEqual(['AdminNetworkPolicy/p spec.egress[1].action']);
    expect(found([anp('p', { priority: 5, subject: { namespaces: {} }, egress: [{ action: 'allow', to: [world] }] })])).toEqual([]);
  });

  test('AdminNetworkPolicy: an Allow is not one when a policy of a lower priority that applies to every pod of the namespace takes the same peer first', () => {
    const world = { networks: ['0.0.0.0/0'] };
    const allow = anp('allow-world', { priority: 50, subject: { namespaces: {} }, egress: [{ action: 'Allow', to: [world] }] });
    const first = (priority: number, rule: any, subject: any = { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ci' } } }) =>
      anp('tenants', { priority, subject, egress: [rule] });
    const objects = (...others: any[]) => found(others).map((f) => f[1]);
    expect(objects(first(10, { action: 'Pass', to: [world] }), allow)).toEqual([]);
    expect(objects(allow, first(10, { action: 'Deny', to: [{ networks: ['0.0.0.0/0'] }] }))).toEqual([]);
    // the same priority (either may go first), a later one, one for some ports, another peer, one for labelled pods only
    const ALLOW = ['AdminNetworkPolicy/allow-world spec.egress[0].action'];
    expect(objects(first(50, { action: 'Pass', to: [world] }), allow)).toEqual(ALLOW);
    expect(objects(first(60, { action: 'Pass', to: [world] }), allow)).toEqual(ALLOW);
    expect(objects(first(10, { action: 'Pass', to: [world], ports: [{ portNumber: { protocol: 'TCP', port: 443 } }] }), allow)).toEqual(ALLOW);
    expect(objects(first(10, { action: 'Pass', to: [{ networks: ['0.0.0.0/1'] }] }), allow)).toEqual(ALLOW);
    expect(objects(first(10, { action: 'Pass', to: [world] }, { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'x' } } } }), allow)).toEqual(ALLOW);
    // in another namespace, the Pass for ci does not come first
    const other = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } };
    expect(NAMESPACE_DEFAULT_DENY.check(other, ruleContext([other, policy(DENY_ALL, 'other'), first(10, { action: 'Pass', to: [world] }), allow])).map((f) => f.location))
      .toEqual(["direction 'Egress', AdminNetworkPolicy/allow-world"]);
  });

  test('BaselineAdminNetworkPolicy and Baseline tier ClusterNetworkPolicy apply only to pods no NetworkPolicy isolates; an Admin tier Accept is an Allow', () => {
    const spec = { subject: { namespaces: {} }, egress: [{ action: 'Allow', to: [{ networks: ['0.0.0.0/0'] }] }] };
    expect(found([anp('default', spec, 'BaselineAdminNetworkPolicy')])).toEqual([]);
    const cnp = (tier: string) => ({ ...anp('cnp', { tier, priority: 1, subject: { namespaces: {} }, egress: [{ action: 'Accept', to: [{ networks: ['0.0.0.0/0'] }] }] }, 'ClusterNetworkPolicy'), apiVersion: 'policy.networking.k8s.io/v1alpha2' });
    expect(found([cnp('Baseline')])).toEqual([]);
    expect(found([cnp('Admin')])).toEqual([[
      "direction 'Egress'", 'ClusterNetworkPolicy/cnp spec.egress[0].action', 'Accept',
      "applies to every pod of namespace 'ci' (its spec.subject.namespaces selects the namespace), and spec.egress[0].to[0].networks[0] is 0.0.0.0/0, every address: "
        + `an Admin tier ClusterNetworkPolicy's Accept is applied before any NetworkPolicy, so it undoes the default deny and every pod it applies to ${EGRESS_TAIL} anywhere`,
    ]]);
    // without the deny, the missing deny is the finding
    expect(NAMESPACE_DEFAULT_DENY.check(NS, ruleContext([NS, cnp('Admin')]))).toEqual([missing('Ingress'), missing('Egress')]);
  });

  test('a CiliumClusterwideNetworkPolicy that allows world egress to every endpoint undoes the deny: Cilium adds its allows to NetworkPolicies\'', () => {
    expect(judge([cilium('CiliumClusterwideNetworkPolicy', 'world', { endpointSelector: {}, egress: [{ toEntities: ['world'] }] })])).toEqual([{
      rule: RuleId.NAMESPACE_DEFAULT_DENY,
      kind: 'Namespace',
      name: 'ci',
      location: "direction 'Egress', CiliumClusterwideNetworkPolicy/world",
      property: 'spec.egress[0].toEntities[0]',
      value: 'world',
      problem: "applies to every pod of namespace 'ci' (its spec.endpointSelector selects them all), and spec.egress[0].toEntities[0] is world, every address outside the cluster: "
        + 'Cilium adds what its policies allow to what NetworkPolicies allow, so it undoes the default deny and every pod it applies to '
        + "(a hermetic task's, a bare TaskRun's) may connect to that much of the internet",
      fix: 'In CiliumClusterwideNetworkPolicy/world, allow only the peers the pods need (toEndpoints by label, toFQDNs of a few names, narrow CIDRs) instead of '
        + "spec.egress[0].toEntities[0], or select no pod of namespace 'ci' with its endpointSelector.",
    }]);
  });

  test('Cilium: endpoint selectors of a namespace, by name or label; peers that open; rules that do not', () => {
    const ccnp = (endpointSelector: any, rule: any, direction = 'egress') => cilium('CiliumClusterwideNetworkPolicy', 'c', { endpointSelector, [direction]: [rule] });
    const opens = (...others: any[]) => found(others).map((f) => [f[1], f[2], (f[3] as string).split(': Cilium')[0]]);
    expect(opens(ccnp({ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'ci' } }, { toCIDR: ['0.0.0.0/0'] }))).toEqual([[
      'CiliumClusterwideNetworkPolicy/c spec.egress[0].toCIDR[0]', '0.0.0.0/0',
      "applies to every pod of namespace 'ci' (its spec.endpointSelector selects them all), and spec.egress[0].toCIDR[0] (0.0.0.0/0) reaches every public IPv4 address "
        + "(over a /8's worth of public IPv4 addresses)",
    ]]);
    expect(opens(ccnp({ matchLabels: { 'k8s:io.cilium.k8s.namespace.labels.team': 'build', 'app': 'x' } }, { toFQDNs: [{ matchPattern: '*' }] }))).toEqual([]);
    expect(found([ccnp({ matchLabels: { 'k8s:io.cilium.k8s.namespace.labels.team': 'build', 'app': 'x' } }, { toFQDNs: [{ matchPattern: '*' }] })], LABELLED)
      .map((f) => [f[1], f[2], (f[3] as string).split(': Cilium')[0]])).toEqual([[
      'CiliumClusterwideNetworkPolicy/c spec.egress[0].toFQDNs[0].matchPattern', '*',
      "applies to the pods of namespace 'ci' that its spec.endpointSelector selects (by labels, which whoever creates a pod chooses; Tekton copies a TaskRun's labels to its pod), "
        + 'and spec.egress[0].toFQDNs[0].matchPattern is *, every name',
    ]]);
    // Cilium reads a pattern of stars alone as every name, and a star under the top-level domain reaches names anyone can register
    expect(opens(ccnp({ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'ci' } }, { toFQDNs: [{ matchPattern: '*.github.com' }, { matchPattern: '**' }] }))).toEqual([[
      'CiliumClusterwideNetworkPolicy/c spec.egress[0].toFQDNs[1].matchPattern', '**',
      "applies to every pod of namespace 'ci' (its spec.endpointSelector selects them all), and spec.egress[0].toFQDNs[1].matchPattern is **, every name",
    ]]);
    expect(opens(ccnp({ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'ci' } }, { toFQDNs: [{ matchPattern: '*.*' }] }))).toEqual([[
      'CiliumClusterwideNetworkPolicy/c spec.egress[0].toFQDNs[0].matchPattern', '*.*',
      "applies to every pod of namespace 'ci' (its spec.endpointSelector selects them all), and spec.egress[0].toFQDNs[0].matchPattern is *.*, a name under any top-level domain",
    ]]);
    expect(opens(ccnp({ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'ci' } }, { toFQDNs: [{ matchPattern: '**.com' }] }))).toEqual([[
      'CiliumClusterwideNetworkPolicy/c spec.egress[0].toFQDNs[0].matchPattern', '**.com',
      "applies to every pod of namespace 'ci' (its spec.endpointSelector selects them all), and spec.egress[0].toFQDNs[0].matchPattern is **.com, every name under a top-level domain",
    ]]);
    expect(opens(ccnp({ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'ci' } }, { toFQDNs: [{ matchPattern: '**.github.com' }] }))).toEqual([]);
    expect(judge([cilium('CiliumNetworkPolicy', 'names', { endpointSelector: {}, egress: [{ toFQDNs: [{ matchPattern: '*.' }] }] }, 'ci')])).toEqual([{
      rule: RuleId.NAMESPACE_DEFAULT_DENY,
      kind: 'Namespace',
      name: 'ci',
      location: "direction 'Egress', CiliumNetworkPolicy/ci/names",
      property: 'spec.egress[0].toFQDNs[0].matchPattern',
      value: '*.',
      problem: "applies to every pod of namespace 'ci' (its spec.endpointSelector selects them all), and spec.egress[0].toFQDNs[0].matchPattern is *., every name: "
        + 'Cilium adds what its policies allow to what NetworkPolicies allow, so it undoes the default deny and every pod it applies to '
        + "(a hermetic task's, a bare TaskRun's) may connect to that much of the internet",
      fix: 'In CiliumNetworkPolicy/ci/names, allow only the peers the pods need (toEndpoints by label, toFQDNs of a few names, narrow CIDRs) instead of '
        + "spec.egress[0].toFQDNs[0].matchPattern, or select no pod of namespace 'ci' with its endpointSelector.",
    }]);
    expect(opens(ccnp({}, { fromEntities: ['cluster'] }, 'ingress'))).toEqual([[
      'CiliumClusterwideNetworkPolicy/c spec.ingress[0].fromEntities[0]', 'cluster',
      "applies to every pod of namespace 'ci' (its spec.endpointSelector selects them all), and spec.ingress[0].fromEntities[0] is cluster, every endpoint of the cluster",
    ]]);
    expect(opens(ccnp({}, { toEndpoints: [{}] }))).toEqual([[
      'CiliumClusterwideNetworkPolicy/c spec.egress[0].toEndpoints[0]', '{}',
      "applies to every pod of namespace 'ci' (its spec.endpointSelector selects them all), and spec.egress[0].toEndpoints[0] selects every pod of every namespace",
    ]]);
    // a peer selector of a reserved label gets no namespace: reserved:world is the world entity, from a namespaced policy too
    expect(opens(cilium('CiliumNetworkPolicy', 'w', { endpointSelector: {}, egress: [{ toEndpoints: [{ matchLabels: { 'reserved:world': '' } }] }] }, 'ci'))).toEqual([[
      'CiliumNetworkPolicy/ci/w spec.egress[0].toEndpoints[0]', '{"matchLabels":{"reserved:world":""}}',
      "applies to every pod of namespace 'ci' (its spec.endpointSelector selects them all), and spec.egress[0].toEndpoints[0] selects the reserved:world identity "
        + '(Cilium adds no namespace to a selector of a reserved label), every address outside the cluster',
    ]]);
    expect(opens(ccnp({}, { fromEndpoints: [{ matchExpressions: [{ key: 'reserved:world-ipv6', operator: 'Exists' }] }] }, 'ingress')).map((f) => f[0])).toEqual([
      'CiliumClusterwideNetworkPolicy/c spec.ingress[0].fromEndpoints[0]',
    ]);
    expect(opens(ccnp({}, { toEndpoints: [{ matchLabels: { 'reserved:host': '' } }] }), ccnp({}, { toEndpoints: [{ matchLabels: { 'reserved:world': '', 'app': 'x' } }] }))).toEqual([]);
    // the CIDRs of a CiliumCIDRGroup that toCIDRSet names, or selects by label, with the entry's except
    const group = (name: string, cidrs: string[], labels?: Record<string, string>) =>
      ({ apiVersion: 'cilium.io/v2alpha1', kind: 'CiliumCIDRGroup', metadata: { name, ...(labels ? { labels } : {}) }, spec: { externalCIDRs: cidrs } });
    expect(opens(ccnp({}, { toCIDRSet: [{ cidrGroupRef: 'everything' }] }), group('everything', ['0.0.0.0/0']))).toEqual([[
      'CiliumClusterwideNetworkPolicy/c spec.egress[0].toCIDRSet[0].cidrGroupRef (CiliumCIDRGroup everything)', 'everything',
      "applies to every pod of namespace 'ci' (its spec.endpointSelector selects them all), and spec.egress[0].toCIDRSet[0].cidrGroupRef (CiliumCIDRGroup everything) "
        + "(0.0.0.0/0) reaches every public IPv4 address (over a /8's worth of public IPv4 addresses)",
    ]]);
    expect(opens(ccnp({}, { fromCIDRSet: [{ cidrGroupSelector: { matchLabels: { zone: 'public' } } }] }, 'ingress'),
      group('a', ['10.0.0.0/8', '1.0.0.0/8'], { zone: 'public' }), group('b', ['2.0.0.0/8'], { zone: 'public' }), group('c', ['0.0.0.0/0']))).toEqual([[
      'CiliumClusterwideNetworkPolicy/c spec.ingress[0].fromCIDRSet[0].cidrGroupSelector (CiliumCIDRGroup b)', '{"matchLabels":{"zone":"public"}}',
      "applies to every pod of namespace 'ci' (its spec.endpointSelector selects them all), and spec.ingress[0].fromCIDRSet[0].cidrGroupSelector (CiliumCIDRGroup a) (1.0.0.0/8) "
        + "and spec.ingress[0].fromCIDRSet[0].cidrGroupSelector (CiliumCIDRGroup b) (2.0.0.0/8) together reach a /7's worth of public IPv4 addresses (over a /8's worth of public IPv4 addresses)",
    ]]);
    expect(opens(ccnp({}, { toCIDRSet: [{ cidrGroupRef: 'everything' }] }), ccnp({}, { toCIDRSet: [{ cidrGroupRef: 'private', except: ['10.0.0.0/9'] }] }),
      group('private', ['10.0.0.0/8']), { ...group('everything', ['0.0.0.0/0']), apiVersion: 'example.com/v1' })).toEqual([]);
    // ports without a peer allow every peer on them; {} allows nothing (Cilium's default-deny idiom)
    const cnp = (namespace: string | undefined, rule: any) => cilium('CiliumNetworkPolicy', 'n', { endpointSelector: { matchLabels: { app: 'x' } }, egress: [rule] }, namespace);
    const PORTS = { toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] };
    expect(opens(cnp('ci', PORTS))).toEqual([[
      'CiliumNetworkPolicy/ci/n spec.egress[0].toPorts', '[{"ports":[{"port":"443","protocol":"TCP"}]}]',
      "applies to the pods of namespace 'ci' that its spec.endpointSelector selects (by labels, which whoever creates a pod chooses; Tekton copies a TaskRun's labels to its pod), "
        + 'and spec.egress[0] names toPorts and no peer, so it reaches every destination on them',
    ]]);
    expect(opens(cnp(undefined, { toEntities: ['all'] })).map((f) => f[2])).toEqual([
      "applies to the pods of namespace 'ci' (it names no namespace, so kubectl may put it into 'ci') that its spec.endpointSelector selects "
        + "(by labels, which whoever creates a pod chooses; Tekton copies a TaskRun's labels to its pod), and spec.egress[0].toEntities[0] is all, every peer",
    ]);
    expect(opens(cnp('other', PORTS), cnp('ci', {}), cnp('ci', { toEndpoints: [{}] }), cnp('ci', { toCIDR: ['140.82.112.0/20'] }),
      ccnp({ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'other' } }, { toEntities: ['world'] }), ccnp({ matchLabels: { 'reserved:host': '' } }, { toEntities: ['world'] }),
      cilium('CiliumClusterwideNetworkPolicy', 'deny', { endpointSelector: {}, egressDeny: [{ toEntities: ['world'] }] }))).toEqual([]);
    // a rule of specs
    const specs = { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 's', namespace: 'ci' }, specs: [{ endpointSelector: {}, egress: [{}] }, { endpointSelector: {}, egress: [{ toEntities: ['world'] }] }] };
    expect(opens(specs).map((f) => f[0])).toEqual(['CiliumNetworkPolicy/ci/s specs[1].egress[0].toEntities[0]']);
  });

  test('a Calico GlobalNetworkPolicy that allows egress to 0.0.0.0/0 undoes the deny whatever its order: a policy that allows nothing takes no action', () => {
    const gnp = (order: number) => calico('GlobalNetworkPolicy', 'allow-world', { order, selector: 'all()', types: ['Egress'], egress: [{ action: 'Allow', destination: { nets: ['0.0.0.0/0'] } }] });
    const expected = {
      rule: RuleId.NAMESPACE_DEFAULT_DENY,
      kind: 'Namespace',
      name: 'ci',
      location: "direction 'Egress', GlobalNetworkPolicy.projectcalico.org/allow-world",
      property: 'spec.egress[0].action',
      value: 'Allow',
      problem: "applies to every pod of namespace 'ci' (its spec.namespaceSelector and spec.selector select them all), and spec.egress[0].destination.nets[0] is 0.0.0.0/0, every address: "
        + "Calico applies an Allow whatever its policy's order (a NetworkPolicy that allows nothing takes no action on a packet, and Calico goes on to the next policy of the tier), "
        + "so it undoes the default deny and every pod it applies to (a hermetic task's, a bare TaskRun's) may connect anywhere",
      fix: 'In GlobalNetworkPolicy.projectcalico.org/allow-world, allow only the peers the pods need (a few nets, a selector of the pods they serve) in spec.egress[0].action, '
        + "or select no pod of namespace 'ci'.",
    };
    expect(judge([gnp(10)])).toEqual([expected]);
    expect(judge([gnp(2000)])).toEqual([expected]);
  });

  test('Calico: selectors of the namespace and its pods; rules that open and rules that do not', () => {
    const gnp = (spec: any, group?: string) => calico('GlobalNetworkPolicy', 'g', { types: ['Egress'], egress: [{ action: 'Allow' }], ...spec }, undefined, group);
    const selects = (spec: any, ns: any = NS) => found([gnp(spec)], ns).map((f) => (f[3] as string).split(', and ')[0]);
    const EVERY = "applies to every pod of namespace 'ci' (its spec.namespaceSelector and spec.selector select them all)";
    const SOME = "applies to the pods of namespace 'ci' that its spec.selector selects (by labels, which whoever creates a pod chooses; Tekton copies a TaskRun's labels to its pod), or may (it cannot be read)";
    expect(selects({ namespaceSelector: "projectcalico.org/name == 'ci'" })).toEqual([EVERY]);
    expect(selects({ namespaceSelector: "team in {'build', 'web'} && !has(restricted)" }, LABELLED)).toEqual([EVERY]);
    expect(selects({ selector: "projectcalico.org/namespace == 'ci' || pcns.team == 'web'" })).toEqual([EVERY]);
    expect(selects({ selector: "app == 'x' && pcns.team == 'build'" }, LABELLED)).toEqual([SOME]);
    expect(selects({ selector: 'app ==' })).toEqual([SOME]);
    expect(selects({ serviceAccountSelector: "name == 'builder'" })).toEqual([SOME]);
    expect(selects({ namespaceSelector: 'team ~ build' })).toEqual(["may apply to the pods of namespace 'ci' (its spec.namespaceSelector cannot be read as a Calico selector)"]);
    expect(selects({ namespaceSelector: "projectcalico.org/name != 'ci'" })).toEqual([]);
    expect(selects({ namespaceSelector: 'has(team)' })).toEqual([]);
    expect(selects({ selector: "projectcalico.org/namespace not in {'ci'}" })).toEqual([]);
    expect(selects({ selector: "app == 'x' && pcns.team starts with 'web'" }, LABELLED)).toEqual([]);
    const opens = (...others: any[]) => found(others).map((f) => [f[1], f[2], (f[3] as string).split(', and ')[1]?.split(': Calico')[0]]);
    // a namespaced Calico NetworkPolicy (not Kubernetes'), without a destination: every destination
    expect(opens(calico('NetworkPolicy', 'n', { selector: 'all()', types: ['Egress'], egress: [{ action: 'allow', protocol: 'TCP' }] }, 'ci', 'crd.projectcalico.org/v1'))).toEqual([[
      'NetworkPolicy.crd.projectcalico.org/ci/n spec.egress[0].action', 'allow', 'spec.egress[0].destination names no peer, so it reaches every destination',
    ]]);
    expect(opens(gnp({ egress: [{ action: 'Allow', destination: { notNets: ['10.0.0.0/8'] } }] }))).toEqual([[
      'GlobalNetworkPolicy.projectcalico.org/g spec.egress[0].action', 'Allow', 'spec.egress[0].destination names no peer, so it reaches every destination but its notNets 10.0.0.0/8',
    ]]);
    expect(opens(gnp({ egress: [{ action: 'Allow', destination: { namespaceSelector: 'all()', selector: 'all()' } }] }))).toEqual([[
      'GlobalNetworkPolicy.projectcalico.org/g spec.egress[0].action', 'Allow', 'spec.egress[0].destination selects every endpoint of every namespace (selector: all(), namespaceSelector: all())',
    ]]);
    expect(opens(calico('GlobalNetworkPolicy', 'i', { ingress: [{ action: 'Allow', source: { nets: ['::/0'] } }] }))).toEqual([[
      'GlobalNetworkPolicy.projectcalico.org/i spec.ingress[0].action', 'Allow', 'spec.ingress[0].source.nets[0] is ::/0, every address',
    ]]);
    // a Pass in the default tier skips the NetworkPolicies there; in another tier it goes on to them
    expect(found([gnp({ egress: [{ action: 'Pass', destination: { nets: ['0.0.0.0/0'] } }] })]).map((f) => [f[1], f[2], (f[3] as string).split('), and ')[1]])).toEqual([[
      'GlobalNetworkPolicy.projectcalico.org/g spec.egress[0].action', 'Pass',
      'spec.egress[0].destination.nets[0] is 0.0.0.0/0, every address: a Pass in the default tier skips the rest of the tier, the NetworkPolicies Calico puts there '
        + "included, and goes to the next tier or, when none applies to the pod, to its profiles, which allow everything, so it undoes the default deny and every pod it applies to (a hermetic task's, a bare TaskRun's) may connect anywhere",
    ]]);
    expect(opens(gnp({ tier: 'default', egress: [{ action: 'Pass' }] })).map((f) => f[1])).toEqual(['Pass']);
    // Deny, Log, a Pass of another tier; a direction the policy does not apply in; a narrow peer; another namespace; host endpoint policies
    expect(opens(gnp({ egress: [{ action: 'Deny' }, { action: 'Log' }] }), gnp({ tier: 'security', egress: [{ action: 'Pass' }] }), gnp({ types: ['Ingress'] }),
      gnp({ egress: [{ action: 'Allow', destination: { nets: ['140.82.112.0/20'] } }, { action: 'Allow', destination: { selector: "app == 'registry'" } }] }),
      calico('NetworkPolicy', 'n', { egress: [{ action: 'Allow' }] }, 'other'), gnp({ doNotTrack: true }), gnp({ preDNAT: true }))).toEqual([]);
  });
  test('Calico: the nets of the network sets a rule selects by label are reachable, as if written in the rule', () => {
    const gnp = (destination: any) => calico('GlobalNetworkPolicy', 'g', { types: ['Egress'], egress: [{ action: 'Allow', destination }] });
    const globalSet = (name: string, labels: any, nets: string[]) => ({ ...calico('GlobalNetworkSet', name, { nets }), metadata: { name, labels } });
    const netSet = (name: string, labels: any, nets: string[], namespace: string) => ({ ...calico('NetworkSet', name, { nets }, namespace), metadata: { name, namespace, labels } });
    const opens = (...others: any[]) => found(others).map((f) => [f[1], f[2], (f[3] as string).split(', and ')[1]?.split(': Calico')[0]]);
    const world = globalSet('world', { role: 'internet' }, ['0.0.0.0/0']);
    expect(opens(gnp({ selector: "role == 'internet'" }), world)).toEqual([[
      'GlobalNetworkPolicy.projectcalico.org/g spec.egress[0].action', 'Allow',
      'spec.egress[0].destination.selector (GlobalNetworkSet/world spec.nets[0]) is 0.0.0.0/0, every address',
    ]]);
    // a namespaced policy reaches global sets with namespaceSelector global(), and the NetworkSets of its namespace with a selector alone
    const np = (destination: any) => calico('NetworkPolicy', 'n', { selector: 'all()', types: ['Egress'], egress: [{ action: 'Allow', destination }] }, 'ci');
    expect(opens(np({ selector: "role == 'internet'", namespaceSelector: 'global()' }), world).map((f) => f[2])).toEqual([
      'spec.egress[0].destination.selector (GlobalNetworkSet/world spec.nets[0]) is 0.0.0.0/0, every address',
    ]);
    const halves = [globalSet('low', { role: 'internet' }, ['8.0.0.0/8']), globalSet('high', { role: 'internet' }, ['12.0.0.0/8'])];
    expect(opens(gnp({ selector: 'has(role)' }), ...halves).map((f) => f[2])).toEqual([
      'spec.egress[0].destination.selector (GlobalNetworkSet/low spec.nets[0]) (8.0.0.0/8) and spec.egress[0].destination.selector (GlobalNetworkSet/high spec.nets[0]) '
        + "(12.0.0.0/8) together reach a /7's worth of public IPv4 addresses (over a /8's worth of public IPv4 addresses)",
    ]);
    expect(opens(np({ selector: "role == 'internet'" }), netSet('world', { role: 'internet' }, ['::/0'], 'ci')).map((f) => f[2])).toEqual([
      'spec.egress[0].destination.selector (NetworkSet/ci/world spec.nets[0]) is ::/0, every address',
    ]);
    // not selected: other labels, a global set from a namespaced policy without global(), another namespace's NetworkSet, a narrow set
    expect(opens(gnp({ selector: "role == 'registry'" }), world, np({ selector: "role == 'internet'" }), netSet('w', { role: 'internet' }, ['0.0.0.0/0'], 'other'),
      gnp({ selector: "role == 'git'" }), globalSet('git', { role: 'git' }, ['140.82.112.0/20']))).toEqual([]);
  });

  test('Calico Enterprise: an egress Allow to domains reaches what their names resolve to, so a star at or under the top-level domain opens the internet', () => {
    const gnp = (destination: any, action = 'Allow') => calico('GlobalNetworkPolicy', 'g', { types: ['Egress'], egress: [{ action, destination }] });
    const opens = (...others: any[]) => found(others).map((f) => [f[1], f[2], (f[3] as string).split(', and ')[1]?.split(': Calico')[0]]);
    expect(opens(gnp({ domains: ['*.github.com', 'www.*.com'] }))).toEqual([[
      'GlobalNetworkPolicy.projectcalico.org/g spec.egress[0].action', 'Allow',
      'spec.egress[0].destination.domains[1] is www.*.com, every name under a top-level domain',
    ]]);
    expect(opens(gnp({ domains: ['*'] })).map((f) => f[2])).toEqual(['spec.egress[0].destination.domains[0] is *, every name']);
    // an empty list of nets or a null selector beside them names no peer, as Go reads an empty slice
    expect(opens(gnp({ domains: ['*.com'], nets: [], selector: null })).map((f) => f[2])).toEqual(['spec.egress[0].destination.domains[0] is *.com, every name under a top-level domain']);
    // the domains of a network set the rule selects
    const set = { ...calico('GlobalNetworkSet', 'names', { allowedEgressDomains: ['*.io'] }), metadata: { name: 'names', labels: { role: 'names' } } };
    expect(opens(gnp({ selector: "role == 'names'" }), set).map((f) => f[2])).toEqual([
      'spec.egress[0].destination.selector (GlobalNetworkSet/names spec.allowedEgressDomains[0]) is *.io, every name under a top-level domain',
    ]);
    // names under a fixed domain; domains count in egress Allow rules only
    expect(opens(gnp({ domains: ['*.github.com', 'registry.example.com'] }), gnp({ domains: ['*'] }, 'Deny'))).toEqual([]);
  });

  test('Cilium: toServices reaches the endpoints of a Service, any address without a selector; toGroups and fromGroups the addresses a cloud provider gives', () => {
    const cnp = (egress: any[], ingress?: any[]) => cilium('CiliumNetworkPolicy', 'c', { endpointSelector: {}, egress, ...(ingress ? { ingress } : {}) }, 'ci');
    const service = (name: string, spec: any, namespace = 'ci') => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec });
    const opens = (...others: any[]) => found(others).map((f) => [f[0], f[1], f[2], (f[3] as string).split(', and ')[1]?.split(': Cilium adds')[0]]);
    const ENDPOINTS = ': Cilium allows the addresses of its endpoints, which a Service without a selector takes from Endpoints written by hand, any address';
    expect(opens(cnp([{ toServices: [{ k8sService: { serviceName: 'proxy' } }] }]))).toEqual([[
      "direction 'Egress'", 'CiliumNetworkPolicy/ci/c spec.egress[0].toServices[0]', '{"k8sService":{"serviceName":"proxy"}}',
      `spec.egress[0].toServices[0] names Service ci/proxy, which is not among the objects checked${ENDPOINTS}`,
    ]]);
    expect(opens(cnp([{ toServices: [{ k8sService: { serviceName: 'proxy', namespace: 'net' } }] }]), service('proxy', { ports: [{ port: 80 }] }, 'net')).map((f) => f[3])).toEqual([
      `spec.egress[0].toServices[0] names Service net/proxy, which has no selector (or is of type ExternalName)${ENDPOINTS}`,
    ]);
    expect(opens(cnp([{ toServices: [{ k8sServiceSelector: { selector: { matchLabels: { app: 'proxy' } } } }] }])).map((f) => f[3])).toEqual([
      'spec.egress[0].toServices[0] selects Services by label: Cilium allows the addresses of their endpoints, which a Service without a selector takes from Endpoints written by hand, any address',
    ]);
    expect(opens(cnp([{ toGroups: [{ aws: { securityGroupsIds: ['sg-1'] } }] }], [{ fromGroups: [{ aws: { labels: { env: 'ci' } } }] }]))).toEqual([
      ["direction 'Ingress'", 'CiliumNetworkPolicy/ci/c spec.ingress[0].fromGroups[0]', '{"aws":{"labels":{"env":"ci"}}}',
        'spec.ingress[0].fromGroups[0] names groups of a cloud provider (aws), whose addresses Cilium reads from the provider and which may be public ones'],
      ["direction 'Egress'", 'CiliumNetworkPolicy/ci/c spec.egress[0].toGroups[0]', '{"aws":{"securityGroupsIds":["sg-1"]}}',
        'spec.egress[0].toGroups[0] names groups of a cloud provider (aws), whose addresses Cilium reads from the provider and which may be public ones'],
    ]);
    // a Service with a selector reaches its pods only
    expect(opens(cnp([{ toServices: [{ k8sService: { serviceName: 'api' } }] }]), service('api', { selector: { app: 'api' } }))).toEqual([]);
  });

  test('audit: the Namespace with its deny, and an AdminNetworkPolicy in another file that opens it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'namespace-default-deny-'));
    try {
      fs.writeFileSync(path.join(dir, 'ns.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ci\n---\n'
        + 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\n  namespace: ci\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n');
      fs.writeFileSync(path.join(dir, 'anp.yaml'), 'apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata:\n  name: open\n'
        + 'spec:\n  priority: 10\n  subject:\n    namespaces: {}\n  egress:\n  - action: Allow\n    to:\n    - networks: [0.0.0.0/0]\n');
      const result = audit([dir], { rules: [RuleId.NAMESPACE_DEFAULT_DENY] });
      expect(result.stderr).toBe('');
      expect(result.stdout.split('\n').filter((l) => l.includes('FAIL'))).toEqual([
        `    ${path.join(dir, 'ns.yaml')}:1:1: FAIL Namespace/ci direction 'Egress', AdminNetworkPolicy/open: spec.egress[0].action "Allow" applies to every pod of `
          + "namespace 'ci' (its spec.subject.namespaces selects the namespace), and spec.egress[0].to[0].networks[0] is 0.0.0.0/0, every address: an "
          + "AdminNetworkPolicy's Allow is applied before any NetworkPolicy, so it undoes the default deny and every pod it applies to (a hermetic task's, "
          + "a bare TaskRun's) may connect anywhere [NAMESPACE_DEFAULT_DENY]. In AdminNetworkPolicy/open, allow only the peers the pods need (networks of a "
          + "few hosts, namespaces by name), set spec.egress[0].action: Pass (the namespace's NetworkPolicies then decide), or leave namespace 'ci' out of spec.subject.",
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  test('synth: a CiliumClusterwideNetworkPolicy of the app that opens the HardenedNamespace\'s pods to the world is refused', () => {
    const c = Testing.chart();
    new HardenedNamespace(c, 'ci');
    new ApiObject(c, 'world', {
      apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', metadata: { name: 'world' }, spec: { endpointSelector: {}, egress: [{ toEntities: ['world'] }] },
    });
    expect(() => Testing.synth(c)).toThrow(new Error("HardenedNamespace 'test/ci' direction 'Egress', CiliumClusterwideNetworkPolicy/world: spec.egress[0].toEntities[0] \"world\" "
      + "applies to every pod of namespace 'ci' (its spec.endpointSelector selects them all), and spec.egress[0].toEntities[0] is world, every address outside the cluster: "
      + "Cilium adds what its policies allow to what NetworkPolicies allow, so it undoes the default deny and every pod it applies to (a hermetic task's, a bare TaskRun's) "
      + 'may connect to that much of the internet [NAMESPACE_DEFAULT_DENY]. In CiliumClusterwideNetworkPolicy/world, allow only the peers the pods need (toEndpoints by label, '
      + "toFQDNs of a few names, narrow CIDRs) instead of spec.egress[0].toEntities[0], or select no pod of namespace 'ci' with its endpointSelector. "
      + "Or relax NAMESPACE_DEFAULT_DENY with a reason in its props: relaxations: [{ rule: RuleId.NAMESPACE_DEFAULT_DENY, reason: '<why>' }]."));
  });
});

describe('NAMESPACE_DEFAULT_DENY on fields of another type', () => {
  test('a policyTypes entry that is a map with a toString key: the policy is refused by the API server, as with any other unknown entry, without throwing', () => {
    const odd = policy({ podSelector: {}, policyTypes: [JSON.parse('{"toString": "x"}'), 'Egress'] });
    expect(directions(odd)).toEqual(directions(policy({ podSelector: {}, policyTypes: ['Bogus', 'Egress'] })));
    // (the Ingress finding is the one of a namespace without a policy for it; the Egress one names the refused policy)
    expect(check(odd).map((f) => f.problem.includes('the API server refuses it: its policyTypes holds {"toString":"x"}, not Ingress or Egress')))
      .toEqual([false, true]);
  });
});
