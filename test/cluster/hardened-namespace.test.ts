import { Chart, JsonPatch, Testing } from 'cdk8s';
import {
  HardenedNamespace,
  HardenedNamespaceProps,
  PodSecurityLevel,
  PodSecurityMode,
  PodSecurityVersion,
  Relaxations,
  RelaxationTarget,
  RuleCatalogue,
  RuleId,
} from '../../src';
import { ruleContext } from '../../src/policy/engine/context';
import { only, relaxationsOf } from '../helpers/constructs';
import { expectValidManifests } from '../helpers/schema';

function namespace(props: HardenedNamespaceProps = {}, chartNamespace: string | undefined = 'ci') {
  const c = new Chart(Testing.app(), 'test', { namespace: chartNamespace });
  const n = new HardenedNamespace(c, 'ci', props);
  return { c, n };
}

const REASON = 'the docker-in-docker sidecar runs privileged';
/** A relaxation of NAMESPACE_RESTRICTED for one mode. */
const relaxMode = (mode: string) => ({ rule: RuleId.NAMESPACE_RESTRICTED, target: RelaxationTarget.podSecurityMode(mode), reason: REASON });

describe('HardenedNamespace defaults', () => {
  const { c, n } = namespace();
  const m = only(c, 'Namespace');

  test('a cluster-scoped v1 Namespace named after the construct', () => {
    expect(m.apiVersion).toBe('v1');
    expect(m.metadata.name).toBe('ci');
    expect(m.metadata.namespace).toBeUndefined();
    expect(m.metadata.annotations).toBeUndefined();
    expect(n.name).toBe('ci');
  });

  test('enforce, audit and warn restricted; enforce pinned to v1.28, audit and warn on latest', () => {
    expect(m.metadata.labels).toEqual({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/enforce-version': 'v1.28',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/audit-version': 'latest',
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/warn-version': 'latest',
    });
    expect([n.enforce, n.audit, n.warn]).toEqual([PodSecurityLevel.RESTRICTED, PodSecurityLevel.RESTRICTED, PodSecurityLevel.RESTRICTED]);
    expect(RuleCatalogue.check(m)).toEqual([]);
  });

  test('in a chart without a namespace too', () => {
    expect(only(namespace({}, undefined).c, 'Namespace').metadata).toEqual(m.metadata);
  });

  test('a default-deny NetworkPolicy in the namespace: every pod, no ingress, no egress', () => {
    const p = only(c, 'NetworkPolicy');
    expect(p.apiVersion).toBe('networking.k8s.io/v1');
    expect(p.metadata).toEqual({ name: 'default-deny', namespace: 'ci' });
    expect(p.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    expect(n.defaultDeny).toBeDefined();
    expect(RuleCatalogue.check(p)).toEqual([]);
    expect(RuleCatalogue.check(m, ruleContext([m, p]))).toEqual([]);
  });

  test('the policy is in the namespace the construct names, whatever the chart\'s', () => {
    expect(only(namespace({ name: 'team-a' }, 'other').c, 'NetworkPolicy').metadata.namespace).toBe('team-a');
    expect(only(namespace({}, undefined).c, 'NetworkPolicy').metadata.namespace).toBe('ci');
  });
});

describe('HardenedNamespace options', () => {
  test('kube-system is refused: Pod Security and default-deny there would stop the cluster\'s own components', () => {
    expect(() => namespace({ name: 'kube-system' })).toThrow(
      "HardenedNamespace 'test/ci': name \"kube-system\" is the namespace of the cluster's own components: kube-proxy and the network and storage plugins run "
      + "there privileged, with the host's network and paths, which Pod Security restricted (and baseline) refuses for every new pod, and they reach the API "
      + 'server and the network, which default-deny blocks; kubectl apply would put both onto the Namespace the API server made [VALID_SPEC]. '
      + "Harden the namespaces of your pipelines (name: 'ci'), not kube-system.",
    );
    expect(() => namespace({ name: 'kube-system-ci' })).not.toThrow();
  });

  test('kube-system as the construct id, the name it defaults to, is refused saying so', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    expect(() => new HardenedNamespace(chart, 'kube-system')).toThrow(
      "HardenedNamespace 'test/kube-system': name \"kube-system\" is the namespace of the cluster's own components: kube-proxy and the network and storage "
      + "plugins run there privileged, with the host's network and paths, which Pod Security restricted (and baseline) refuses for every new pod, and they "
      + 'reach the API server and the network, which default-deny blocks; kubectl apply would put both onto the Namespace the API server made (the name '
      + "defaults to the construct id) [VALID_SPEC]. Harden the namespaces of your pipelines: give the construct their name (name: 'ci') or another id, not "
      + 'kube-system.',
    );
    expect(() => new HardenedNamespace(new Chart(app, 'fixed'), 'kube-system', { name: 'ci' })).not.toThrow();
  });

  test('the namespaces of the cluster components the construct knows are refused, each saying why', () => {
    const blocks = 'which default-deny blocks (no ingress, no egress for any pod of the namespace); kubectl apply would put it and the Pod Security '
      + 'labels onto the Namespace their installation made';
    const refused = (name: string, problem: string) => `HardenedNamespace 'test/ci': name "${name}" ${problem} [VALID_SPEC]. `
      + `Harden the namespaces of your pipelines (name: 'ci'), not ${name}.`;
    for (const [name, problem] of [
      ['kube-public', 'is a namespace the API server makes for itself, with the cluster-info ConfigMap that nodes joining the cluster read without '
        + 'credentials: no pipeline runs there, and kubectl apply would put the Pod Security labels and a default-deny NetworkPolicy onto the Namespace the '
        + 'API server made'],
      ['kube-node-lease', 'is a namespace the API server makes for itself, with the Lease each node renews as its heartbeat: no pipeline runs there, and '
        + 'kubectl apply would put the Pod Security labels and a default-deny NetworkPolicy onto the Namespace the API server made'],
      ['tekton-pipelines', "is the namespace of Tekton's controllers and admission webhooks (Pipelines', and Triggers' and the Dashboard's when installed): "
        + `the API server calls the webhooks and the controllers call the API server, ${blocks}`],
      ['tekton-pipelines-resolvers', "is the namespace of Tekton's remote resolvers, which fetch Tasks and Pipelines from git, hubs, OCI bundles and the "
        + `cluster for every run with a remote reference: they call the API server and those hosts, ${blocks}`],
      ['tekton-chains', 'is the namespace of the Tekton Chains controller, which signs runs and their images and stores the attestations: it calls the API '
        + `server, registries, key management and transparency logs, ${blocks}`],
      ['tekton-operator', 'is the namespace of the Tekton operator, which installs and reconciles every Tekton component: the API server calls its webhook '
        + `and it calls the API server, ${blocks}`],
      ['openshift-pipelines', "is the namespace OpenShift Pipelines installs Tekton's controllers, webhooks, resolvers and Chains into: the API server "
        + `calls the webhooks and the controllers call the API server and remote hosts, ${blocks}`],
      ['openshift-operators', 'is the namespace OpenShift installs cluster-wide operators into (the OpenShift Pipelines operator among them): the API server '
        + `calls their webhooks and they call the API server, ${blocks}`],
    ]) {
      expect(() => namespace({ name })).toThrow(refused(name, problem));
    }
    // a name that only begins like one, or a key every JavaScript object has, is a namespace like any other
    for (const name of ['tekton-pipelines-ci', 'tekton', 'openshift-pipelines-team-a', 'constructor', 'tostring']) {
      expect(() => namespace({ name })).not.toThrow();
    }
  });

  test('a component namespace as the construct id is refused saying the name defaults to it', () => {
    const chart = new Chart(Testing.app(), 'test');
    expect(() => new HardenedNamespace(chart, 'tekton-chains')).toThrow(
      "HardenedNamespace 'test/tekton-chains': name \"tekton-chains\" is the namespace of the Tekton Chains controller, which signs runs and their images "
      + 'and stores the attestations: it calls the API server, registries, key management and transparency logs, which default-deny blocks (no ingress, no '
      + 'egress for any pod of the namespace); kubectl apply would put it and the Pod Security labels onto the Namespace their installation made (the name '
      + "defaults to the construct id) [VALID_SPEC]. Harden the namespaces of your pipelines: give the construct their name (name: 'ci') or another id, not "
      + 'tekton-chains.',
    );
  });

  test('a name, versions and more labels', () => {
    const m = only(namespace({
      name: 'team-a-ci',
      enforceVersion: PodSecurityVersion.of('v1.30'),
      auditVersion: PodSecurityVersion.of('v1.31'),
      warnVersion: PodSecurityVersion.LATEST,
      labels: { team: 'a' },
    }).c, 'Namespace');
    expect(m.metadata.name).toBe('team-a-ci');
    expect(m.metadata.labels).toEqual({
      'team': 'a',
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/enforce-version': 'v1.30',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/audit-version': 'v1.31',
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/warn-version': 'latest',
    });
  });
});

/** [mode, props with a weaker level for it, level] */
const weaker: Array<[PodSecurityMode, HardenedNamespaceProps, PodSecurityLevel]> = [
  [PodSecurityMode.ENFORCE, { enforce: PodSecurityLevel.BASELINE }, PodSecurityLevel.BASELINE],
  [PodSecurityMode.ENFORCE, { enforce: PodSecurityLevel.PRIVILEGED }, PodSecurityLevel.PRIVILEGED],
  [PodSecurityMode.AUDIT, { audit: PodSecurityLevel.BASELINE }, PodSecurityLevel.BASELINE],
  [PodSecurityMode.WARN, { warn: PodSecurityLevel.PRIVILEGED }, PodSecurityLevel.PRIVILEGED],
];

describe('HardenedNamespace relaxations', () => {
  test.each(weaker)('%s: a weaker level with a relaxation of that mode', (mode, props, level) => {
    const { c } = namespace({ ...props, relaxations: [relaxMode(mode)] });
    const m = only(c, 'Namespace');
    expect(m.metadata.labels[`pod-security.kubernetes.io/${mode}`]).toBe(level);
    expect(relaxationsOf(m)).toEqual({ 'secure-tekton/relax.NAMESPACE_RESTRICTED': `mode/${mode}: ${REASON}` });
    expect(Relaxations.of(c).list()).toEqual([{ rule: RuleId.NAMESPACE_RESTRICTED, reason: REASON, path: 'test/ci', target: `mode/${mode}` }]);
  });

  test('a relaxation of NAMESPACE_DEFAULT_DENY leaves the policy out, and is recorded on the Namespace', () => {
    const reason = 'the platform applies its own default-deny policies to every namespace';
    const { c, n } = namespace({ relaxations: [{ rule: RuleId.NAMESPACE_DEFAULT_DENY, reason }] });
    expect(Testing.synth(c).filter((o: any) => o.kind === 'NetworkPolicy')).toEqual([]);
    expect(n.defaultDeny).toBeUndefined();
    expect(relaxationsOf(only(c, 'Namespace'))).toEqual({ 'secure-tekton/relax.NAMESPACE_DEFAULT_DENY': `*: ${reason}` });
  });

  test('without the policy and without a relaxation (an escape hatch removed it), the Namespace is refused', () => {
    const raw = new Chart(Testing.app(), 'raw', { namespace: 'ci' });
    const bare = new HardenedNamespace(raw, 'ci');
    bare.node.tryRemoveChild('DefaultDeny');
    const fix = " Add a NetworkPolicy to the namespace with podSelector: {}, policyTypes: [Ingress, Egress] and no rules (HardenedNamespace emits one, 'default-deny'); "
      + "allow what each task needs with EgressPolicy. Or relax NAMESPACE_DEFAULT_DENY with a reason in its props: relaxations: [{ rule: RuleId.NAMESPACE_DEFAULT_DENY, reason: '<why>' }].";
    expect(() => Testing.synth(raw)).toThrow([
      '2 findings; nothing was written:',
      '  HardenedNamespace \'raw/ci\' direction \'Egress\': NetworkPolicy that denies all egress to every pod of namespace \'ci\' (podSelector: {}, policyTypes Egress, '
        + 'no egress rule) is missing, so a pod no other policy selects (a bare TaskRun, a run with an inline spec) may connect anywhere '
        + `[NAMESPACE_DEFAULT_DENY].${fix}`,
      '  HardenedNamespace \'raw/ci\' direction \'Ingress\': NetworkPolicy that denies all ingress to every pod of namespace \'ci\' (podSelector: {}, policyTypes Ingress, '
        + 'no ingress rule) is missing, so a pod no other policy selects (a bare TaskRun, a run with an inline spec) accepts any connection '
        + `[NAMESPACE_DEFAULT_DENY].${fix}`,
    ].join('\n'));
  });

  test('a relaxation covers its mode only', () => {
    const { c } = namespace({
      enforce: PodSecurityLevel.BASELINE,
      warn: PodSecurityLevel.BASELINE,
      relaxations: [relaxMode(PodSecurityMode.ENFORCE)],
    });
    expect(() => Testing.synth(c)).toThrow(
      "HardenedNamespace 'test/ci' mode 'warn': warn \"PodSecurityLevel.BASELINE\" is weaker than restricted [NAMESPACE_RESTRICTED]. Remove warn (the default is PodSecurityLevel.RESTRICTED), or add relaxations: [{ rule: RuleId.NAMESPACE_RESTRICTED, target: RelaxationTarget.podSecurityMode('warn'), reason: '<why>' }] to the props.",
    );
  });
});

describe('HardenedNamespace refusals', () => {
  test.each(weaker)('%s: a weaker level without a relaxation', (mode, props, level) => {
    const member = Object.keys(PodSecurityLevel).find((k) => (PodSecurityLevel as any)[k] === level);
    expect(() => Testing.synth(namespace(props).c)).toThrow(
      `HardenedNamespace 'test/ci' mode '${mode}': ${mode} "PodSecurityLevel.${member}" is weaker than restricted [NAMESPACE_RESTRICTED]. `
      + `Remove ${mode} (the default is PodSecurityLevel.RESTRICTED), or add relaxations: [{ rule: RuleId.NAMESPACE_RESTRICTED, `
      + `target: RelaxationTarget.podSecurityMode('${mode}'), reason: '<why>' }] to the props.`,
    );
  });

  test('a Pod Security label removed through an escape hatch', () => {
    const { c, n } = namespace();
    n.apiObject.addJsonPatch(JsonPatch.remove('/metadata/labels/pod-security.kubernetes.io~1audit'));
    expect(() => Testing.synth(c)).toThrow(
      "HardenedNamespace 'test/ci' mode 'audit': metadata.labels['pod-security.kubernetes.io/audit'] is not set (the cluster default applies, usually privileged) "
      + "[NAMESPACE_RESTRICTED]. Set it to \"restricted\". Or relax NAMESPACE_RESTRICTED with a reason in its props: relaxations: [{ rule: RuleId.NAMESPACE_RESTRICTED, target: 'mode/audit', reason: '<why>' }].",
    );
  });

  test('a name that is not a DNS-1123 label', () => {
    expect(() => namespace({ name: 'Team_A' })).toThrow(
      "HardenedNamespace 'test/ci': name \"Team_A\" is not a DNS-1123 label [VALID_NAME]. "
      + 'Use at most 63 lower-case letters, digits and "-", starting and ending with a letter or digit.',
    );
  });

  test('a version that is not latest or v1.<minor>', () => {
    expect(() => namespace({ warnVersion: PodSecurityVersion.of('1.28') })).toThrow(
      "HardenedNamespace 'test/ci': warnVersion \"1.28\" is not \"latest\" or \"v1.<minor>\" [VALID_SPEC]. Use PodSecurityVersion.LATEST or PodSecurityVersion.of('v1.28').",
    );
  });

  test('a version beyond what Pod Security Admission parses (strconv.Atoi overflows)', () => {
    expect(() => namespace({ enforceVersion: PodSecurityVersion.of('v1.99999999999999999999') })).toThrow(
      "HardenedNamespace 'test/ci': enforceVersion \"v1.99999999999999999999\" is not \"latest\" or \"v1.<minor>\" [VALID_SPEC].",
    );
  });

  test.each([
    [PodSecurityMode.ENFORCE, { enforceVersion: PodSecurityVersion.of('v1.22') }, 'v1.22'],
    [PodSecurityMode.AUDIT, { auditVersion: PodSecurityVersion.of('v1.0') }, 'v1.0'],
    [PodSecurityMode.WARN, { warnVersion: PodSecurityVersion.of('v1.19') }, 'v1.19'],
  ])('%s: a version before v1.23 lacks restricted checks: refused without a relaxation of its mode', (mode, props, version) => {
    expect(() => Testing.synth(namespace(props).c)).toThrow(
      `HardenedNamespace 'test/ci' mode '${mode}': ${mode}Version "PodSecurityVersion.of('${version}')" is older than v1.23, `
      + 'whose restricted profile is the first with every restricted check [NAMESPACE_RESTRICTED]. '
      + "Use PodSecurityVersion.of('v1.23') or later (or PodSecurityVersion.LATEST), or add relaxations: [{ rule: RuleId.NAMESPACE_RESTRICTED, "
      + `target: RelaxationTarget.podSecurityMode('${mode}'), reason: '<why>' }] to the props.`,
    );
    const { c } = namespace({ ...props, relaxations: [relaxMode(mode)] });
    expect(only(c, 'Namespace').metadata.labels[`pod-security.kubernetes.io/${mode}-version`]).toBe(version);
  });

  test('v1.23 and later, and latest, need nothing', () => {
    for (const v of [PodSecurityVersion.of('v1.23'), PodSecurityVersion.of('v1.35'), PodSecurityVersion.LATEST]) {
      expect(RuleCatalogue.check(only(namespace({ enforceVersion: v, auditVersion: v, warnVersion: v }).c, 'Namespace'))).toEqual([]);
    }
  });

  test('an old version set through an escape hatch is stated as the label', () => {
    const { c, n } = namespace();
    n.apiObject.addJsonPatch(JsonPatch.replace('/metadata/labels/pod-security.kubernetes.io~1enforce-version', 'v1.21'));
    expect(() => Testing.synth(c)).toThrow(
      "HardenedNamespace 'test/ci' mode 'enforce': metadata.labels['pod-security.kubernetes.io/enforce-version'] \"v1.21\" is older than v1.23",
    );
  });

  test('a Pod Security label among the extra labels', () => {
    expect(() => namespace({ labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } })).toThrow(
      "HardenedNamespace 'test/ci': labels \"pod-security.kubernetes.io/enforce\" sets a Pod Security label directly [VALID_SPEC]. "
      + 'Use the enforce, audit and warn props (and their versions) instead.',
    );
  });

  test('a relaxation with a short reason', () => {
    expect(() => namespace({ relaxations: [{ rule: RuleId.NAMESPACE_RESTRICTED, target: RelaxationTarget.podSecurityMode(PodSecurityMode.WARN), reason: 'noisy' }] })).toThrow(
      "HardenedNamespace 'test/ci': relaxations[0].reason \"noisy\" has fewer than 10 visible characters [RELAXATION_REASON]. Say why the rule cannot hold here, e.g. reason: 'kaniko unpacks the base image as root'; the reason is written into the YAML and the posture report.",
    );
  });
});

describe('HardenedNamespace output validates strictly', () => {
  test('hardened and relaxed Namespaces', () => {
    expectValidManifests([
      ...Testing.synth(namespace({ labels: { team: 'a' } }).c),
      ...Testing.synth(namespace({ enforce: PodSecurityLevel.PRIVILEGED, relaxations: [relaxMode(PodSecurityMode.ENFORCE)] }).c),
    ]);
  });

  test('refuses a label the API server refuses, in the words of the prop', () => {
    expect(() => new HardenedNamespace(new Chart(Testing.app(), 'c'), 'ns', { name: 'ci', labels: { team: 'has spaces!' } })).toThrow(
      "HardenedNamespace 'c/ns': labels['team'] \"has spaces!\" is not a label value (empty, or at most 63 letters, digits, \"-\", \"_\" and \".\", starting and "
      + "ending with a letter or digit) [VALID_SPEC]. Give labels the API server accepts, e.g. labels: { team: 'payments' }.",
    );
  });
});
