import { Chart, Testing } from 'cdk8s';
import { EgressPeer, EgressPolicy, EgressPort, RuleId, SecurePipeline, SecureTask } from '../../src';
import { objectsOf, relaxationsOf, step } from '../helpers/constructs';
import { expectValidManifests } from '../helpers/schema';

function setup(relaxations: any[] = []) {
  const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
  const pipeline = new SecurePipeline(c, 'ci', { relaxations: [] });
  const e = relaxations.length ? new EgressPolicy(c, 'relaxed', { pipelineName: 'other', relaxations }) : pipeline.egress;
  return { c, pipeline, e };
}

const policies = (c: Chart) => Object.fromEntries(objectsOf(c, 'NetworkPolicy').map((p: any) => [p.metadata.name, p.spec]));

describe('EgressPolicy defaults (every SecurePipeline has one)', () => {
  const { c } = setup();
  const p = policies(c);

  test('deny all ingress and egress for the pipeline pods', () => {
    expect(p['ci-deny-all']).toEqual({ podSelector: { matchLabels: { 'tekton.dev/pipeline': 'ci' } }, policyTypes: ['Ingress', 'Egress'] });
  });

  test('DNS only to kube-dns in kube-system, UDP and TCP 53', () => {
    expect(p['ci-dns']).toEqual({
      podSelector: { matchLabels: { 'tekton.dev/pipeline': 'ci' } },
      policyTypes: ['Egress'],
      egress: [{
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
        ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
      }],
    });
  });

  test('an empty allow-list means nothing but DNS', () => {
    expect(Object.keys(p).sort()).toEqual(['ci-deny-all', 'ci-dns']);
  });
});

describe('EgressPolicy allow-lists', () => {
  function pipelineWithTasks() {
    const s = setup();
    const clone = s.pipeline.addTask({ task: new SecureTask(s.c, 'clone', { steps: [step()] }) });
    const build = s.pipeline.addTask({ task: new SecureTask(s.c, 'build', { steps: [step()] }), runAfter: ['clone'], hermetic: true });
    return { ...s, clone, build };
  }

  test('per task: a policy selecting that task only', () => {
    const { c, clone } = pipelineWithTasks();
    clone.allowEgressTo(EgressPeer.cidr('140.82.112.0/20'), [EgressPort.tcp(443)]);
    clone.allowEgressTo(EgressPeer.pods({ app: 'git-mirror' }, 'mirrors'), [EgressPort.tcpRange(9418, 9420)]);
    expect(policies(c)['ci-clone-egress']).toEqual({
      podSelector: { matchLabels: { 'tekton.dev/pipeline': 'ci', 'tekton.dev/pipelineTask': 'clone' } },
      policyTypes: ['Egress'],
      egress: [
        { to: [{ ipBlock: { cidr: '140.82.112.0/20' } }], ports: [{ protocol: 'TCP', port: 443 }] },
        {
          to: [{ podSelector: { matchLabels: { app: 'git-mirror' } }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'mirrors' } } }],
          ports: [{ protocol: 'TCP', port: 9418, endPort: 9420 }],
        },
      ],
    });
  });

  test('a hermetic task is left out of DNS and pipeline-wide allowances', () => {
    const { c, pipeline, e } = pipelineWithTasks();
    pipeline.egress.allow(EgressPeer.namespace('monitoring'), [EgressPort.udp(8125)]);
    const notHermetic = {
      matchLabels: { 'tekton.dev/pipeline': 'ci' },
      matchExpressions: [{ key: 'tekton.dev/pipelineTask', operator: 'NotIn', values: ['build'] }],
    };
    expect(policies(c)['ci-dns'].podSelector).toEqual(notHermetic);
    expect(policies(c)['ci-egress']).toEqual({
      podSelector: notHermetic,
      policyTypes: ['Egress'],
      egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }], ports: [{ protocol: 'UDP', port: 8125 }] }],
    });
    expect(e.hermeticTasks).toEqual(['build']);
  });
});

describe('EgressPolicy refusals', () => {
  test('0.0.0.0/0', () => {
    const { c, e } = setup();
    e.allow(EgressPeer.cidr('0.0.0.0/0'), [EgressPort.tcp(443)]);
    expect(() => Testing.synth(c)).toThrow(
      "EgressPolicy 'test/ci/Egress' egress[0]: to.ipBlock.cidr \"0.0.0.0/0\" opens egress to every address [EGRESS_NO_OPEN_CIDR]. Allow the specific CIDR blocks the task needs (the git host, the registry). Or relax EGRESS_NO_OPEN_CIDR with a reason in its props: relaxations: [{ rule: RuleId.EGRESS_NO_OPEN_CIDR, reason: '<why>' }].",
    );
  });

  test('::/0', () => {
    const { c, e } = setup();
    e.allowForTask('x', EgressPeer.cidr('::/0'), [EgressPort.tcp(443)]);
    expect(() => Testing.synth(c)).toThrow("EgressPolicy 'test/ci/Egress' egress[0]: to.ipBlock.cidr \"::/0\" opens egress to every address [EGRESS_NO_OPEN_CIDR].");
  });

  test('a rule with no destination', () => {
    const { c, e } = setup();
    e.allow(EgressPeer.anywhere(), [EgressPort.tcp(443)]);
    expect(() => Testing.synth(c)).toThrow(
      "EgressPolicy 'test/ci/Egress' egress[0]: to is empty, so every destination is allowed [EGRESS_SCOPED]. Give each allowance a peer and at least one port. Or relax EGRESS_SCOPED with a reason in its props: relaxations: [{ rule: RuleId.EGRESS_SCOPED, reason: '<why>' }].",
    );
  });

  test('a rule with no port', () => {
    const { c, e } = setup();
    e.allow(EgressPeer.cidr('10.0.0.0/8'), []);
    expect(() => Testing.synth(c)).toThrow("EgressPolicy 'test/ci/Egress' egress[0]: ports is empty, so every port is allowed [EGRESS_SCOPED].");
  });

  test('invalid CIDR', () => {
    expect(() => setup().e.allow(EgressPeer.cidr('10.0.0.300/8'), [EgressPort.tcp(443)])).toThrow(
      "EgressPolicy 'test/ci/Egress': peer \"10.0.0.300/8\" is not a CIDR block [VALID_SPEC]. Write an IPv4 or IPv6 block with its prefix length, e.g. \"203.0.113.0/24\".",
    );
    expect(() => setup().e.allow(EgressPeer.cidr('10.0.0.0'), [EgressPort.tcp(443)])).toThrow(/"10\.0\.0\.0" is not a CIDR block/);
    expect(() => setup().e.allow(EgressPeer.cidr('10.0.0.0/8', ['10.1.0.0/33']), [EgressPort.tcp(443)])).toThrow(/"10\.1\.0\.0\/33" is not a CIDR block/);
  });

  test('port out of range', () => {
    expect(() => setup().e.allow(EgressPeer.cidr('10.0.0.0/8'), [EgressPort.tcp(70000)])).toThrow(
      "EgressPolicy 'test/ci/Egress': ports \"70000\" is not a port between 1 and 65535 [VALID_SPEC]. Use a port number from 1 to 65535.",
    );
    expect(() => setup().e.allow(EgressPeer.cidr('10.0.0.0/8'), [EgressPort.udp(0)])).toThrow(/ports "0" is not a port between 1 and 65535/);
    expect(() => setup().e.allow(EgressPeer.cidr('10.0.0.0/8'), [EgressPort.tcpRange(9000, 8000)])).toThrow(/ports "9000-8000" is an empty range/);
  });

  test('an allow-list on a hermetic task', () => {
    const { c, pipeline } = setup();
    const t = pipeline.addTask({ task: new SecureTask(c, 'build', { steps: [step()] }), hermetic: true });
    expect(() => t.allowEgressTo(EgressPeer.cidr('10.0.0.0/8'), [EgressPort.tcp(443)])).toThrow(
      "EgressPolicy 'test/ci/Egress' task 'build': hermetic \"build\" is a hermetic task with an egress allow-list [VALID_SPEC]. A hermetic task reaches nothing: drop its allow-list, or do not mark it hermetic.",
    );
  });
});

describe('EgressPolicy relaxations', () => {
  test.each([
    [RuleId.EGRESS_NO_OPEN_CIDR, EgressPeer.cidr('0.0.0.0/0'), [EgressPort.tcp(443)], 'package mirror list changes weekly'],
    [RuleId.EGRESS_SCOPED, EgressPeer.cidr('10.0.0.0/8'), [], 'internal services on many ports'],
  ])('%s: the wide rule is emitted and the reason recorded', (rule, peer, ports, reason) => {
    const { c, e } = setup([{ rule, reason }]);
    e.allow(peer, ports);
    const p = objectsOf(c, 'NetworkPolicy').find((x: any) => x.metadata.name === 'other-egress');
    expect(p.spec.egress).toHaveLength(1);
    expect(relaxationsOf(p)).toEqual({ [`secure-tekton/relax.${rule}`]: `*: ${reason}` });
  });
});

describe('EgressPolicy output validates strictly', () => {
  test('every NetworkPolicy', () => {
    const { c, pipeline } = setup();
    const t = pipeline.addTask({ task: new SecureTask(c, 'clone', { steps: [step()] }) });
    pipeline.addTask({ task: new SecureTask(c, 'build', { steps: [step()] }), hermetic: true });
    t.allowEgressTo(EgressPeer.cidr('2001:db8::/32'), [EgressPort.tcp(443)]);
    pipeline.egress.allow(EgressPeer.pods({ app: 'cache' }), [EgressPort.tcpRange(8000, 8080)]);
    expectValidManifests(objectsOf(c, 'NetworkPolicy'));
  });
});
