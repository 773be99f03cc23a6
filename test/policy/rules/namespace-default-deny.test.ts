import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Size, Testing } from 'cdk8s';
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
    const refused = (p: any, why: string) => {
      const found = check(p);
      expect(found.map((f) => f.location)).toEqual(["direction 'Ingress'", "direction 'Egress'"]);
      expect(found[0].problem).toBe("that denies all ingress to every pod of namespace 'ci' (podSelector: {}, policyTypes Ingress, no ingress rule) is missing "
        + `(NetworkPolicy/ci/${p.metadata.name} would deny it, but the API server refuses it: ${why}), so a pod no other policy selects (a bare TaskRun, a run with an inline spec) accepts any connection`);
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
      value: 'NetworkPolicy/open',
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
    expect(NAMESPACE_DEFAULT_DENY.check(NS, ruleContext([NS, { ...NS }, policy(DENY_ALL), open])).map((f) => f.value)).toEqual(['NetworkPolicy/open']);
  });

  test('non-compliant: a policy that selects every pod and accepts ingress from every source undoes the deny', () => {
    const undo = (spec: any, index: number, why: string) => expect(check(policy(DENY_ALL, 'ci', 'default-deny'), policy(spec, 'ci', 'open'))).toEqual([{
      rule: RuleId.NAMESPACE_DEFAULT_DENY,
      kind: 'Namespace',
      name: 'ci',
      location: "direction 'Ingress'",
      property: 'NetworkPolicy',
      value: 'NetworkPolicy/ci/open',
      problem: `selects every pod of namespace 'ci' and its ingress[${index}] ${why}: policies are additive, so it undoes the default deny and every pod accepts `
        + `${/has no from|every address$/.test(why) ? 'any connection' : 'connections from that much of the internet'}`,
      fix: 'Allow ingress only from the peers that need it (a podSelector or namespaceSelector with labels, a narrow ipBlock), in a policy that selects only the pods that serve them.',
    }]);
    undo({ podSelector: {}, ingress: [{}] }, 0, 'has no from, so it accepts every source');
    undo({ podSelector: {}, ingress: [{ from: [{ podSelector: { matchLabels: { a: 'b' } } }] }, { ports: [{ port: 8080 }], from: [] }] }, 1, 'has no from, so it accepts every source');
    undo({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] }, 0, 'accepts 0.0.0.0/0, every address');
    undo({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '::/0' } }] }] }, 0, 'accepts ::/0, every address');
    // the internet spelled otherwise: its two halves, a /0 with an except, IPv4 through IPv4-mapped IPv6, across rules
    const V4 = 'every public IPv4 address (over a /8\'s worth of public IPv4 addresses)';
    undo({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/1' } }, { ipBlock: { cidr: '128.0.0.0/1' } }] }] }, 0, `accepts 0.0.0.0/1, 128.0.0.0/1: ${V4}`);
    undo({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }] }] }, 0, `accepts 0.0.0.0/0: ${V4}`);
    undo({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '::ffff:0.0.0.0/96' } }] }] }, 0, `accepts ::ffff:0.0.0.0/96: ${V4}`);
    // ::/1 holds the IPv4-mapped addresses, so IPv4 comes first
    undo({ podSelector: {}, ingress: [{ ports: [{ port: 443 }], from: [{ ipBlock: { cidr: '::/1' } }] }, { from: [{ ipBlock: { cidr: '8000::/1' } }] }] }, 0, `accepts ::/1: ${V4}`);
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
    const undo = (spec: any, index: number, why: string, every: boolean) => expect(check(policy(DENY_ALL, 'ci', 'default-deny'), policy(spec, 'ci', 'mirror'))).toEqual([{
      rule: RuleId.NAMESPACE_DEFAULT_DENY,
      kind: 'Namespace',
      name: 'ci',
      location: "direction 'Egress'",
      property: 'NetworkPolicy',
      value: 'NetworkPolicy/ci/mirror',
      problem: `selects every pod of namespace 'ci' and its egress[${index}] ${why}: policies are additive, so it undoes the default deny and every pod `
        + `(a hermetic task's, a bare TaskRun's) may connect ${every ? 'anywhere' : 'to that much of the internet'}`,
      fix: "Allow egress only to the peers each task needs, in a policy that selects only that task's pods (PipelineTask.allowEgressTo writes one).",
    }]);
    undo({ podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 443 }] }] }, 0, 'has no to, so it reaches every destination', true);
    undo({ podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] }, 0, 'reaches 0.0.0.0/0, every address', true);
    undo({ podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '169.254.0.0/16'] } }], ports: [{ port: 443 }] }] }, 0,
      "reaches 0.0.0.0/0: every public IPv4 address (over a /8's worth of public IPv4 addresses)", false);
    // the relaxation of the allowing policy (EGRESS_NO_OPEN_CIDR) is not the Namespace's: the finding stays
    const relaxed = policy({ podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] }, 'ci', 'mirror');
    relaxed.metadata.annotations = { 'secure-tekton/relax.EGRESS_NO_OPEN_CIDR': '*: the package mirror is behind a CDN' };
    expect(check(policy(DENY_ALL), relaxed).map((f) => f.value)).toEqual(['NetworkPolicy/ci/mirror']);
    // allowed: DNS for every pod, a narrow or private block, some pods only, a policy that does not isolate egress
    const DNS = { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ protocol: 'UDP', port: 53 }] };
    expect(check(policy(DENY_ALL), policy({ podSelector: {}, policyTypes: ['Egress'], egress: [DNS] }, 'ci', 'dns'))).toEqual([]);
    expect(check(policy(DENY_ALL), policy({ podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }] }, 'ci', 'internal'))).toEqual([]);
    expect(check(policy(DENY_ALL), policy({ podSelector: { matchLabels: { 'tekton.dev/pipelineTask': 'push' } }, egress: [{}] }, 'ci', 'push'))).toEqual([]);
    expect(check(policy(DENY_ALL), policy({ podSelector: {}, policyTypes: ['Ingress'], egress: [{}] }, 'ci', 'ingress-only'))).toEqual([]);
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
      value: 'NetworkPolicy/ci/most',
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
      value: 'NetworkPolicy/ci/mirror',
      problem: `selects every pod of namespace 'ci'${UNEXCLUDED} and its egress[0] reaches 0.0.0.0/0, every address: policies are additive, `
        + "so it undoes the default deny and every such pod (a hermetic task's, a bare TaskRun's) may connect anywhere",
      fix: "Allow egress only to the peers each task needs, in a policy that selects only that task's pods (PipelineTask.allowEgressTo writes one).",
    }]);
    // a selector that requires a label selects only the pods that carry it; one the API server refuses selects none
    expect(found({ podSelector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, ingress: [{}] })).toEqual([]);
    expect(found({ podSelector: { matchLabels: { app: 'hook' }, matchExpressions: [{ key: 'quarantine', operator: 'DoesNotExist' }] }, ingress: [{}] })).toEqual([]);
    expect(found({ podSelector: { matchExpressions: [{ key: 'app', operator: 'Unknown' }] }, ingress: [{}] })).toEqual([]);
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
      .map((f) => f.value)).toEqual(['NetworkPolicy/ci/open']);
  });

  test('non-compliant: a policy that selects every pod and opens it to every pod of every namespace undoes the deny (nothing else judges ingress)', () => {
    const found = (spec: any) => check(policy(DENY_ALL, 'ci', 'default-deny'), policy(spec, 'ci', 'cluster'));
    const undone = (direction: 'Ingress' | 'Egress', peer: string) => ({
      rule: RuleId.NAMESPACE_DEFAULT_DENY,
      kind: 'Namespace',
      name: 'ci',
      location: `direction '${direction}'`,
      property: 'NetworkPolicy',
      value: 'NetworkPolicy/ci/cluster',
      problem: `selects every pod of namespace 'ci' and its ${direction.toLowerCase()}[1] ${peer} selects every pod of every namespace `
        + '(its namespaceSelector names no namespace, its podSelector no label): policies are additive, so it undoes the default deny and every pod '
        + (direction === 'Ingress' ? 'accepts connections from every pod of the cluster' : "(a hermetic task's, a bare TaskRun's) may connect to every pod of the cluster"),
      fix: direction === 'Ingress'
        ? 'Allow ingress only from the peers that need it (a podSelector or namespaceSelector with labels, a narrow ipBlock), in a policy that selects only the pods that serve them.'
        : "Allow egress only to the peers each task needs, in a policy that selects only that task's pods (PipelineTask.allowEgressTo writes one).",
    });
    const SAME = { podSelector: { matchLabels: { app: 'a' } } };
    expect(found({ podSelector: {}, ingress: [{ from: [SAME] }, { from: [SAME, { namespaceSelector: {} }] }] })).toEqual([undone('Ingress', 'from[1]')]);
    expect(found({ podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [SAME] }, { to: [{ namespaceSelector: { matchLabels: {} }, podSelector: {} }], ports: [{ port: 443 }] }] }))
      .toEqual([undone('Egress', 'to[0]')]);
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
