import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { DnsServer, EgressPeer, EgressPolicy, EgressPort, PipelineTask, Relaxation, RelaxationTarget, RuleCatalogue, RuleId, SecurePipeline, SecureTask } from '../../src';
import { audit } from '../../src/cli/audit';
import { messageOf, objectsOf, relaxationsOf, step } from '../helpers/constructs';
import { expectValidManifests } from '../helpers/schema';

function setup(relaxations: any[] = []) {
  const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
  const pipeline = new SecurePipeline(c, 'ci', { relaxations: [] });
  pipeline.addTask({ task: new SecureTask(c, 'lint', { steps: [step()] }) });
  const e = relaxations.length ? new EgressPolicy(c, 'relaxed', { pipelineName: 'other', relaxations }) : pipeline.egress;
  return { c, pipeline, e };
}

const policies = (c: Chart) => Object.fromEntries(objectsOf(c, 'NetworkPolicy').map((p: any) => [p.metadata.name, p.spec]));

describe('EgressPolicy defaults (every SecurePipeline has one)', () => {
  const { c } = setup();
  const p = policies(c);

  test('deny all ingress and egress for the pipeline pods', () => {
    expect(p['ci-deny-all']).toEqual({ podSelector: { matchLabels: { 'secure-tekton/pipeline': 'ci' } }, policyTypes: ['Ingress', 'Egress'] });
    // by the label the SecurePipeline writes on its Pipeline, which Tekton copies onto its runs' pods (not tekton.dev/pipeline, which a run
    // embedding its pipelineSpec chooses)
    expect(objectsOf(c, 'Pipeline').map((o: any) => o.metadata)).toEqual([{ name: 'ci', namespace: 'ci', labels: { 'secure-tekton/pipeline': 'ci' } }]);
  });

  test('DNS only to kube-dns in kube-system, UDP and TCP 53', () => {
    expect(p['ci-dns']).toEqual({
      podSelector: { matchLabels: { 'secure-tekton/pipeline': 'ci' } },
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

describe('EgressPolicy dns: where the pods resolve names', () => {
  function withDns(dns: DnsServer) {
    const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
    const pipeline = new SecurePipeline(c, 'ci', { dns });
    pipeline.addTask({ task: new SecureTask(c, 'lint', { steps: [step()] }) });
    return { c, pipeline };
  }
  const dnsRules = (c: Chart) => policies(c)['ci-dns'].egress;
  const KUBE_DNS_RULE = {
    to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
    ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
  };

  test('kubeDns() is the default, as written before', () => {
    const { c, pipeline } = withDns(DnsServer.kubeDns());
    expect(dnsRules(c)).toEqual([KUBE_DNS_RULE]);
    expect(dnsRules(setup().c)).toEqual([KUBE_DNS_RULE]);
    expect(pipeline.egress.dns.description).toBe('DnsServer.kubeDns()');
    expect(setup().pipeline.egress.dns.description).toBe('DnsServer.kubeDns()');
  });

  test('nodeLocalDnsCache(): kube-dns, and on 53 the cache\'s one address (/32) and its pods (which Cilium\'s Local Redirect Policy sends to); synth passes every rule', () => {
    const { c } = withDns(DnsServer.nodeLocalDnsCache());
    expect(dnsRules(c)).toEqual([KUBE_DNS_RULE, {
      to: [
        { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'node-local-dns' } } },
        { ipBlock: { cidr: '169.254.20.10/32' } },
      ],
      ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
    }]);
    expectValidManifests(Testing.synth(c));
    // another address: the kube-dns Service's ClusterIP, where the cache listens on it too; an IPv6 one is a /128
    expect(dnsRules(withDns(DnsServer.nodeLocalDnsCache('10.96.0.10')).c)[1].to[1]).toEqual({ ipBlock: { cidr: '10.96.0.10/32' } });
    expect(dnsRules(withDns(DnsServer.nodeLocalDnsCache('fd00:10:96::a')).c)[1].to[1]).toEqual({ ipBlock: { cidr: 'fd00:10:96::a/128' } });
  });

  test('openShift(): the DNS operator\'s CoreDNS pods in openshift-dns, on the pods\' port 5353 (the Service\'s 53 is not what a NetworkPolicy matches)', () => {
    const { c } = withDns(DnsServer.openShift());
    expect(dnsRules(c)).toEqual([{
      to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'openshift-dns' } }, podSelector: { matchLabels: { 'dns.operator.openshift.io/daemonset-dns': 'default' } } }],
      ports: [{ protocol: 'UDP', port: 5353 }, { protocol: 'TCP', port: 5353 }],
    }]);
    expect(() => Testing.synth(c)).not.toThrow();
    expect(DnsServer.openShift().description).toBe('DnsServer.openShift()');
  });

  test('custom(): the pods named, on 53 unless a port is given', () => {
    const { c } = withDns(DnsServer.custom({ namespaceName: 'dns', podLabels: { app: 'unbound' } }));
    expect(dnsRules(c)).toEqual([{
      to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'dns' } }, podSelector: { matchLabels: { app: 'unbound' } } }],
      ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
    }]);
    expect(() => Testing.synth(c)).not.toThrow();
    const unbound = new Chart(Testing.app(), 'test', { namespace: 'ci' });
    new SecurePipeline(unbound, 'ci', {
      dns: DnsServer.custom({ namespaceName: 'dns', podLabels: { app: 'unbound' }, port: 8053 }),
      relaxations: [{ rule: RuleId.EGRESS_SCOPED, target: 'field/dns=8053', reason: 'unbound runs unprivileged and listens on 8053' }],
    }).addTask({ task: new SecureTask(unbound, 'lint', { steps: [step()] }) });
    expect(dnsRules(unbound)[0].ports).toEqual([{ protocol: 'UDP', port: 8053 }, { protocol: 'TCP', port: 8053 }]);
  });

  describe('a DNS server that lets the tasks reach more than DNS under its name is refused unless relaxed with a reason', () => {
    const pipeline = (dns: DnsServer, relaxations?: Relaxation[]) => () => {
      const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
      new SecurePipeline(c, 'ci', { dns, relaxations }).addTask({ task: new SecureTask(c, 'lint', { steps: [step()] }) });
      return Testing.synth(c);
    };
    const RELAX = (target: string) => "relax EGRESS_SCOPED for the DNS server only, with a reason in the props of SecurePipeline 'test/ci': "
      + `relaxations: [{ rule: RuleId.EGRESS_SCOPED, target: '${target}', reason: '<why>' }].`;

    test('custom() on a port no DNS server listens on: any service of the pods it names (53 and OpenShift\'s 5353 pass)', () => {
      expect(pipeline(DnsServer.custom({ namespaceName: 'proxy', podLabels: { app: 'squid' }, port: 443 }))).toThrow(
        "SecurePipeline 'test/ci': dns \"443\" is not a port DNS servers listen on (53, or 5353 as OpenShift's DNS pods do), so every task that is not hermetic may reach "
        + 'the pods it names in namespace proxy on 443/UDP and 443/TCP, whatever they serve there, under the name of DNS [EGRESS_SCOPED]. '
        + `Give DnsServer.custom the port the DNS pods listen on, e.g. port: 53. If they listen on 443, ${RELAX('field/dns=443')}`,
      );
      expect(pipeline(DnsServer.custom({ namespaceName: 'proxy', podLabels: { app: 'squid' }, port: 443 }),
        [{ rule: RuleId.EGRESS_SCOPED, target: 'field/dns=443', reason: 'the resolver of the build network answers DNS over TLS only' }])).not.toThrow();
      for (const port of [53, 5353]) expect(pipeline(DnsServer.custom({ namespaceName: 'dns', podLabels: { app: 'unbound' }, port }))).not.toThrow();
      // port 0 is no port at all
      expect(pipeline(DnsServer.custom({ namespaceName: 'dns', podLabels: { app: 'unbound' }, port: 0 }))).toThrow(
        "SecurePipeline 'test/ci': dns \"0\" is not a port between 1 and 65535 [VALID_SPEC].",
      );
    });

    test('nodeLocalDnsCache() at a public address: a host outside the cluster on 53 (through NAT64 too); link-local and private addresses pass', () => {
      for (const address of ['8.8.8.8', '34.118.224.10', '2001:4860:4860::8888', '64:ff9b::808:808']) {
        expect(pipeline(DnsServer.nodeLocalDnsCache(address))).toThrow(
          `SecurePipeline 'test/ci': dns "${address}" is a public address, not one NodeLocal DNSCache listens on (a link-local address, 169.254.20.10 unless the cluster `
          + 'chose another), so every task that is not hermetic may reach that host outside the cluster on 53/UDP and 53/TCP, which carry any data to it [EGRESS_SCOPED]. '
          + "Give DnsServer.nodeLocalDnsCache the address the pods' /etc/resolv.conf names as nameserver, e.g. DnsServer.nodeLocalDnsCache('169.254.20.10'). "
          + "If that is the kube-dns Service's ClusterIP (kubectl get service kube-dns -n kube-system), in a public block the cluster's Services take, "
          + RELAX(`field/dns=${address.replace(/:/g, '%3A')}`),
        );
      }
      // GKE's Service range 34.118.224.0/20 is public: its ClusterIP is relaxed with the reason, for the DNS server
      expect(pipeline(DnsServer.nodeLocalDnsCache('34.118.224.10'),
        [{ rule: RuleId.EGRESS_SCOPED, target: 'field/dns=34.118.224.10', reason: "kube-dns's ClusterIP in GKE's Service range 34.118.224.0/20" }])).not.toThrow();
      for (const address of ['169.254.20.10', '10.96.0.10', '100.64.0.10', 'fd00:10:96::a', 'fe80::a']) expect(pipeline(DnsServer.nodeLocalDnsCache(address))).not.toThrow();
    });

    test("nodeLocalDnsCache() at an IPv6 address neither link-local nor unique local: a network's own NAT64 prefix reaches any IPv4 host", () => {
      for (const address of ['64:ff9b:1::808:808', '::1', '100::1']) {
        expect(pipeline(DnsServer.nodeLocalDnsCache(address))).toThrow(
          `SecurePipeline 'test/ci': dns "${address}" is neither a link-local (fe80::/10) nor a unique local (fc00::/7) IPv6 address, where NodeLocal DNSCache and `
          + "cluster Services listen; an address outside them may be a network's own NAT64 prefix (such as RFC 8215's 64:ff9b:1::/48), which reaches any IPv4 host "
          + 'outside the cluster, so every task that is not hermetic may reach that host on 53/UDP and 53/TCP, which carry any data to it [EGRESS_SCOPED]. '
          + "Give DnsServer.nodeLocalDnsCache the address the pods' /etc/resolv.conf names as nameserver, e.g. DnsServer.nodeLocalDnsCache('169.254.20.10'). "
          + `If the cluster's DNS listens there, ${RELAX(`field/dns=${address.replace(/:/g, '%3A')}`)}`,
        );
      }
      expect(pipeline(DnsServer.nodeLocalDnsCache('64:ff9b:1::808:808'),
        [{ rule: RuleId.EGRESS_SCOPED, target: 'field/dns=64%3Aff9b%3A1%3A%3A808%3A808', reason: 'the cluster runs its DNS cache on this address' }])).not.toThrow();
    });

    test('a standalone EgressPolicy is named, and relaxed in its own props', () => {
      const standalone = (relaxations?: Relaxation[]) => () => {
        const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
        new EgressPolicy(c, 'e', { pipelineName: 'release', dns: DnsServer.nodeLocalDnsCache('8.8.8.8'), relaxations });
        return Testing.synth(c);
      };
      expect(standalone()).toThrow(
        "the cluster's Services take, relax EGRESS_SCOPED for the DNS server only, with a reason in the props of EgressPolicy 'test/e': "
        + "relaxations: [{ rule: RuleId.EGRESS_SCOPED, target: 'field/dns=8.8.8.8', reason: '<why>' }].",
      );
      expect(standalone([{ rule: RuleId.EGRESS_SCOPED, target: 'field/dns=8.8.8.8', reason: 'the node answers DNS on its public address' }])).not.toThrow();
    });

    describe("the DNS server's relaxation has its target: it relaxes the DNS server alone, and the DNS policy records it", () => {
      const GKE = "kube-dns's ClusterIP is in GKE's public Service range 34.118.224.0/20";
      const app = (relaxations: Relaxation[], widen: (t: PipelineTask, c: Chart) => void = () => {}) => {
        const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
        const p = new SecurePipeline(c, 'ci', { dns: DnsServer.nodeLocalDnsCache('34.118.224.10'), relaxations });
        widen(p.addTask({ task: new SecureTask(c, 'lint', { steps: [step()] }) }), c);
        return c;
      };
      const narrow: Relaxation = { rule: RuleId.EGRESS_SCOPED, target: 'field/dns=34.118.224.10', reason: GKE };

      test('a relaxation without a target (every policy of the pipeline) no longer covers it: the refusal says what to write instead', () => {
        expect(messageOf(() => Testing.synth(app([{ rule: RuleId.EGRESS_SCOPED, reason: GKE }])))).toBe(
          '2 findings; nothing was written:\n'
          + "  SecurePipeline 'test/ci': dns \"34.118.224.10\" is a public address, not one NodeLocal DNSCache listens on (a link-local address, 169.254.20.10 unless the "
          + 'cluster chose another), so every task that is not hermetic may reach that host outside the cluster on 53/UDP and 53/TCP, which carry any data to it [EGRESS_SCOPED]. '
          + "Give DnsServer.nodeLocalDnsCache the address the pods' /etc/resolv.conf names as nameserver, e.g. DnsServer.nodeLocalDnsCache('169.254.20.10'). "
          + "If that is the kube-dns Service's ClusterIP (kubectl get service kube-dns -n kube-system), in a public block the cluster's Services take, "
          + `${RELAX('field/dns=34.118.224.10')} The relaxation of EGRESS_SCOPED without a target (relaxations[0]) does not cover the DNS server, as it covers every `
          + "NetworkPolicy of the pipeline: give it target: 'field/dns=34.118.224.10' if the DNS server is what it is for.\n"
          + "  SecurePipeline 'test/ci': relaxations[0].rule \"EGRESS_SCOPED\" covers nothing: EGRESS_SCOPED holds in the objects SecurePipeline 'test/ci' writes "
          + '[RELAXATION_REASON]. Remove the relaxation: a relaxation that covers nothing would silently cover what a later change breaks.',
        );
      });

      test('with the target it passes, and the DNS NetworkPolicy records it (sealed), no other object', () => {
        const written = Testing.synth(app([narrow]));
        const recorded = written.filter((o: any) => Object.keys(o.metadata?.annotations ?? {}).some((k) => k.startsWith('secure-tekton/relax.')));
        expect(recorded.map((o: any) => `${o.kind}/${o.metadata.name}`)).toEqual(['NetworkPolicy/ci-dns']);
        expect(relaxationsOf(recorded[0])).toEqual({ 'secure-tekton/relax.EGRESS_SCOPED': `field/dns=34.118.224.10: ${GKE}` });
        // DnsServer.custom on another port: its port is the target
        const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
        new SecurePipeline(c, 'ci', {
          dns: DnsServer.custom({ namespaceName: 'dns', podLabels: { app: 'unbound' }, port: 8053 }),
          relaxations: [{ rule: RuleId.EGRESS_SCOPED, target: 'field/dns=8053', reason: 'unbound runs unprivileged and listens on 8053' }],
        }).addTask({ task: new SecureTask(c, 'lint', { steps: [step()] }) });
        expect(relaxationsOf(objectsOf(c, 'NetworkPolicy').find((o: any) => o.metadata.name === 'ci-dns'))).toEqual({
          'secure-tekton/relax.EGRESS_SCOPED': 'field/dns=8053: unbound runs unprivileged and listens on 8053',
        });
        // a target of another address relaxes nothing here
        expect(() => Testing.synth(app([{ ...narrow, target: 'field/dns=34.118.224.11' }]))).toThrow(
          `in a public block the cluster's Services take, ${RELAX('field/dns=34.118.224.10')}\n`,
        );
      });

      test("the audit of the written YAML reads the DNS policy's record as the library's: no failed finding, no notice", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'egress-dns-'));
        try {
          fs.writeFileSync(path.join(dir, 'ci.yaml'), Testing.synth(app([narrow])).map((o: any) => JSON.stringify(o)).join('\n---\n'));
          const report = JSON.parse(audit([dir], 'json').stdout);
          expect([report.summary.failed, report.notices]).toEqual([0, []]);
          // a hand-edited copy of the record (no seal) covers no finding: the audit says so
          const edited = Testing.synth(app([narrow])).map((o: any) => {
            delete o.metadata.annotations?.['secure-tekton/seal'];
            return JSON.stringify(o);
          });
          fs.writeFileSync(path.join(dir, 'ci.yaml'), edited.join('\n---\n'));
          expect(JSON.parse(audit([dir], 'json').stdout).notices).toEqual([expect.stringContaining('NetworkPolicy/ci/ci-dns: the relaxation record "field/dns=34.118.224.10: …" of EGRESS_SCOPED covers no finding of the object')]);
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      });

      test("it does not relax a task's allowance to kube-system:10250, nor one with no ports", () => {
        expect(messageOf(() => Testing.synth(app([narrow], (t) => t.allowEgressTo(EgressPeer.namespaceNamed('kube-system'), [EgressPort.tcp(10250)]))))).toBe(
          "SecurePipeline 'test/ci' task 'lint' allowEgressTo() #1: peer \"kube-system\" selects kube-system on 10250/TCP; egress may reach kube-system on 53/UDP and 53/TCP only "
          + "[EGRESS_SCOPED]. Give each allowance a peer and at least one port. Or relax EGRESS_SCOPED for task 'lint' only: allowEgressTo(peer, ports, "
          + "{ relaxations: [{ rule: RuleId.EGRESS_SCOPED, reason: '<why>' }] }).",
        );
        expect(messageOf(() => Testing.synth(app([narrow], (t) => t.allowEgressTo(EgressPeer.cidr('203.0.113.0/24'), []))))).toBe(
          "SecurePipeline 'test/ci' task 'lint' allowEgressTo() #1 to cidr 203.0.113.0/24: ports is empty, so every port is allowed [EGRESS_SCOPED]. "
          + "Give each allowance a peer and at least one port. Or relax EGRESS_SCOPED for task 'lint' only: allowEgressTo(peer, ports, "
          + "{ relaxations: [{ rule: RuleId.EGRESS_SCOPED, reason: '<why>' }] }).",
        );
      });

      test("it does not relax another NetworkPolicy of the app that gives the task's pods egress it does not declare", () => {
        const sideDoor = (_t: PipelineTask, c: Chart) => new ApiObject(c, 'side-door', {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'NetworkPolicy',
          metadata: { name: 'side-door' },
          spec: {
            podSelector: { matchLabels: { 'secure-tekton/pipeline': 'ci' } },
            policyTypes: ['Egress'],
            egress: [{ to: [{ ipBlock: { cidr: '198.51.100.0/24' } }], ports: [{ protocol: 'TCP', port: 443 }] }],
          },
        });
        expect(messageOf(() => Testing.synth(app([narrow], sideDoor)))).toMatch(
          /^SecurePipeline 'test\/ci' task 'lint': egress "NetworkPolicy\/ci\/side-door \('test\/side-door'\)" selects the task's pods .* \[EGRESS_SCOPED\]\./,
        );
      });
    });
  });

  test('a standalone EgressPolicy takes it too', () => {
    const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
    new EgressPolicy(c, 'e', { pipelineName: 'release', dns: DnsServer.openShift() });
    expect(policies(c)['release-dns'].egress[0].ports).toEqual([{ protocol: 'UDP', port: 5353 }, { protocol: 'TCP', port: 5353 }]);
  });

  test('a hermetic task is left out of the DNS policy whatever the server', () => {
    const { c, pipeline } = withDns(DnsServer.nodeLocalDnsCache());
    pipeline.addTask({ task: new SecureTask(c, 'build', { steps: [step()] }), hermetic: true });
    expect(policies(c)['ci-dns'].podSelector.matchExpressions).toEqual([
      { key: 'tekton.dev/pipelineTask', operator: 'Exists' },
      { key: 'tekton.dev/pipelineTask', operator: 'NotIn', values: ['build'] },
    ]);
  });

  test('refused, named as the SecurePipeline prop: an address that is a block, not canonical or no address', () => {
    expect(() => Testing.synth(withDns(DnsServer.nodeLocalDnsCache('0.0.0.0/0')).c)).toThrow(
      "SecurePipeline 'test/ci': dns \"0.0.0.0/0\" is not one IPv4 or IPv6 address in canonical form (no prefix length, no leading zeros, no IPv4-mapped IPv6) [VALID_SPEC]. "
      + "Give the address the pods' /etc/resolv.conf names as nameserver, e.g. DnsServer.nodeLocalDnsCache('169.254.20.10'), in DnsServer.nodeLocalDnsCache('0.0.0.0/0').",
    );
    for (const address of ['169.254.20.10/32', '169.254.020.10', '::ffff:169.254.20.10', 'dns.local', '']) {
      expect(() => Testing.synth(withDns(DnsServer.nodeLocalDnsCache(address)).c)).toThrow(`dns "${address}" is not one IPv4 or IPv6 address in canonical form`);
    }
  });

  test('refused: custom pods no NetworkPolicy can name, or every pod of a namespace', () => {
    expect(() => Testing.synth(withDns(DnsServer.custom({ namespaceName: 'dns', podLabels: {} })).c)).toThrow(
      "SecurePipeline 'test/ci': dns \"{}\" selects no pod by label, so every pod of the namespace is allowed [VALID_SPEC]. "
      + "Give the labels of the DNS pods, e.g. podLabels: { 'k8s-app': 'kube-dns' }, in DnsServer.custom({ namespaceName: 'dns', podLabels: {} }).",
    );
    expect(() => Testing.synth(withDns(DnsServer.custom({ namespaceName: 'Kube-DNS', podLabels: { app: 'dns' } })).c)).toThrow(
      "SecurePipeline 'test/ci': dns \"Kube-DNS\" is not the name of a namespace (a DNS-1123 label: at most 63 lower-case letters, digits and \"-\"), so it selects no namespace "
      + 'and no name resolves [VALID_SPEC]. Give the namespace of the DNS pods as kubectl get namespaces lists it, in DnsServer.custom({ namespaceName: \'Kube-DNS\', podLabels: { \'app\': \'dns\' } }).',
    );
    expect(() => Testing.synth(withDns(DnsServer.custom({ namespaceName: 'dns', podLabels: { 'app name': 'dns' } })).c)).toThrow(
      /dns "app name" is not a label key .*, so the API server refuses the NetworkPolicy \[VALID_SPEC\]\. Give the labels of the DNS pods as kubectl get pods --show-labels lists them/,
    );
    expect(() => Testing.synth(withDns(DnsServer.custom({ namespaceName: 'dns', podLabels: { app: 'dns' }, port: 70000 })).c)).toThrow(
      "SecurePipeline 'test/ci': dns \"70000\" is not a port between 1 and 65535 [VALID_SPEC]. Give the port the DNS pods listen on, e.g. port: 5353, "
      + 'in DnsServer.custom({ namespaceName: \'dns\', podLabels: { \'app\': \'dns\' }, port: 70000 }).',
    );
  });

  test('EGRESS_SCOPED still judges it: kube-system beyond 53 is refused, said of the dns prop', () => {
    expect(() => Testing.synth(withDns(DnsServer.custom({ namespaceName: 'kube-system', podLabels: { 'k8s-app': 'kube-dns' }, port: 5353 })).c)).toThrow(
      "SecurePipeline 'test/ci': dns \"DnsServer.custom({ namespaceName: 'kube-system', podLabels: { 'k8s-app': 'kube-dns' }, port: 5353 })\" writes the rule egress[0], whose "
      + 'to[0].namespaceSelector "kube-system" selects kube-system on 5353/UDP, 5353/TCP; egress may reach kube-system on 53/UDP and 53/TCP only [EGRESS_SCOPED]. '
      + "Choose the DNS server the pods' /etc/resolv.conf names: DnsServer.kubeDns(), nodeLocalDnsCache(), openShift(), or custom({ namespaceName, podLabels, port }) "
      + "with the labels of the DNS pods (in kube-system on port 53 only). Or relax EGRESS_SCOPED with a reason in the props of SecurePipeline 'test/ci', which made it: "
      + "relaxations: [{ rule: RuleId.EGRESS_SCOPED, reason: '<why>' }].",
    );
  });

  test('what an allowance may do on 53: a /32 link-local resolver passes, every address does not', () => {
    const ok = setup();
    ok.e.allow(EgressPeer.cidr('169.254.20.10/32'), [EgressPort.udp(53), EgressPort.tcp(53)]);
    expect(() => Testing.synth(ok.c)).not.toThrow();
    const open = setup();
    open.e.allow(EgressPeer.cidr('0.0.0.0/0'), [EgressPort.udp(53), EgressPort.tcp(53)]);
    expect(() => Testing.synth(open.c)).toThrow("SecurePipeline 'test/ci' egress.allow() #1: peer \"0.0.0.0/0\" opens egress to every address [EGRESS_NO_OPEN_CIDR].");
    // the metadata address on more than DNS stays refused
    const metadata = setup();
    metadata.e.allow(EgressPeer.cidr('169.254.20.10/32'), [EgressPort.tcp(80)]);
    expect(() => Testing.synth(metadata.c)).toThrow(/peer "169\.254\.20\.10\/32" reaches a cloud metadata address/);
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
      podSelector: { matchLabels: { 'secure-tekton/pipeline': 'ci', 'tekton.dev/pipelineTask': 'clone' } },
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

  test('a hermetic task is left out of DNS and pipeline-wide allowances; so is a pod of the run that is no task\'s (the affinity assistant)', () => {
    const { c, pipeline, e } = pipelineWithTasks();
    pipeline.egress.allow(EgressPeer.namespaceNamed('monitoring'), [EgressPort.udp(8125)]);
    // NotIn alone would also select a pod without the label
    const notHermetic = {
      matchLabels: { 'secure-tekton/pipeline': 'ci' },
      matchExpressions: [{ key: 'tekton.dev/pipelineTask', operator: 'Exists' }, { key: 'tekton.dev/pipelineTask', operator: 'NotIn', values: ['build'] }],
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
      "SecurePipeline 'test/ci' egress.allow() #1: peer \"0.0.0.0/0\" opens egress to every address [EGRESS_NO_OPEN_CIDR]. Allow the specific CIDR blocks the task needs (the git host, the registry). Or relax EGRESS_NO_OPEN_CIDR with a reason in the props of SecurePipeline 'test/ci', which made it: relaxations: [{ rule: RuleId.EGRESS_NO_OPEN_CIDR, reason: '<why>' }].",
    );
  });

  test('::/0 for one task: refused under the task\'s policy, with a fix that relaxes that task only', () => {
    const { c, e } = setup();
    e.allowForTask('lint', EgressPeer.cidr('::/0'), [EgressPort.tcp(443)]);
    expect(() => Testing.synth(c)).toThrow(
      "SecurePipeline 'test/ci' task 'lint' egress.allowForTask() #1: peer \"::/0\" opens egress to every address [EGRESS_NO_OPEN_CIDR]. Allow the specific CIDR blocks the task needs (the git host, the registry). "
      + "Or relax EGRESS_NO_OPEN_CIDR for task 'lint' only: egress.allowForTask('lint', peer, ports, { relaxations: [{ rule: RuleId.EGRESS_NO_OPEN_CIDR, reason: '<why>' }] }).",
    );
  });

  test('open by coverage: two halves of the IPv4 space', () => {
    const { c, e } = setup();
    e.allow(EgressPeer.cidr('0.0.0.0/1'), [EgressPort.tcp(443)]);
    e.allow(EgressPeer.cidr('128.0.0.0/1'), [EgressPort.tcp(443)]);
    expect(() => Testing.synth(c)).toThrow(
      '2 findings; nothing was written:\n'
      + "  SecurePipeline 'test/ci' egress.allow() #1: peer \"0.0.0.0/1\" reaches more than a /2's worth of public IPv4 addresses; one block may reach at most a /16's worth of public IPv4 addresses [EGRESS_NO_OPEN_CIDR].",
    );
  });

  test('open by coverage: the IPv4 internet through NAT64', () => {
    const { c, e } = setup();
    e.allow(EgressPeer.cidr('64:ff9b::/96'), [EgressPort.tcp(443)]);
    expect(() => Testing.synth(c)).toThrow(/"64:ff9b::\/96" reaches every public IPv4 address \(through IPv4-mapped, NAT64, 6to4 or Teredo IPv6 addresses\)/);
  });

  test('kube-system beyond DNS', () => {
    const { c, e } = setup();
    e.allow(EgressPeer.namespaceNamed('kube-system'), [EgressPort.tcp(443)]);
    expect(() => Testing.synth(c)).toThrow(
      "SecurePipeline 'test/ci' egress.allow() #1: peer \"kube-system\" selects kube-system on 443/TCP; egress may reach kube-system on 53/UDP and 53/TCP only [EGRESS_SCOPED].",
    );
  });

  test('a port range of more than 1024 ports', () => {
    const { c, e } = setup();
    e.allow(EgressPeer.cidr('10.0.0.0/8'), [EgressPort.tcpRange(1, 65535)]);
    expect(() => Testing.synth(c)).toThrow(
      "SecurePipeline 'test/ci' egress.allow() #1 to cidr 10.0.0.0/8: ports \"1-65535/TCP\" allow every TCP port; one rule may allow at most 1024 ports of a protocol [EGRESS_SCOPED].",
    );
  });

  test("1024 ports for one task pass: the pipeline's DNS policy (port 53 to kube-dns), which also selects its pods, adds no port to the count", () => {
    const { c, pipeline } = setup();
    const t = pipeline.addTask({ task: new SecureTask(c, 'clone', { steps: [step()] }) });
    t.allowEgressTo(EgressPeer.cidr('8.8.4.0/24'), [EgressPort.tcpRange(1000, 2023)]);
    expect(() => Testing.synth(c)).not.toThrow();
    // 1024 of the task's and one more of the pipeline-wide policy's do add up
    pipeline.egress.allow(EgressPeer.cidr('10.0.0.0/8'), [EgressPort.tcp(8443)]);
    expect(() => Testing.synth(c)).toThrow(/together they allow 1025 TCP ports; the policies that select one pod may allow at most 1024 ports of a protocol together/);
  });

  test('a rule with no destination', () => {
    const { c, e } = setup();
    e.allow(EgressPeer.anywhere(), [EgressPort.tcp(443)]);
    expect(() => Testing.synth(c)).toThrow(
      "SecurePipeline 'test/ci' egress.allow() #1: peer \"EgressPeer.anywhere()\" writes no destination, so every destination is allowed [EGRESS_SCOPED]. Give each allowance a peer and at least one port. Or relax EGRESS_SCOPED with a reason in the props of SecurePipeline 'test/ci', which made it: relaxations: [{ rule: RuleId.EGRESS_SCOPED, reason: '<why>' }].",
    );
  });

  test('a rule with no port', () => {
    const { c, e } = setup();
    e.allow(EgressPeer.cidr('10.0.0.0/8'), []);
    expect(() => Testing.synth(c)).toThrow("SecurePipeline 'test/ci' egress.allow() #1 to cidr 10.0.0.0/8: ports is empty, so every port is allowed [EGRESS_SCOPED].");
  });

  test('a pods peer is named with its namespace, when it has one', () => {
    const { c, e } = setup();
    e.allow(EgressPeer.pods({ app: 'cache' }), []);
    e.allow(EgressPeer.pods({ app: 'cache' }, 'caches'), []);
    expect(() => Testing.synth(c)).toThrow(
      '2 findings; nothing was written:\n'
      + "  SecurePipeline 'test/ci' egress.allow() #1 to pods {\"app\":\"cache\"}: ports is empty, so every port is allowed [EGRESS_SCOPED]. Give each allowance a peer and at least one port. "
      + "Or relax EGRESS_SCOPED with a reason in the props of SecurePipeline 'test/ci', which made it: relaxations: [{ rule: RuleId.EGRESS_SCOPED, reason: '<why>' }].\n"
      + "  SecurePipeline 'test/ci' egress.allow() #2 to pods {\"app\":\"cache\"} in namespace caches: ports is empty, so every port is allowed [EGRESS_SCOPED]. Give each allowance a peer and at least one port. "
      + "Or relax EGRESS_SCOPED with a reason in the props of SecurePipeline 'test/ci', which made it: relaxations: [{ rule: RuleId.EGRESS_SCOPED, reason: '<why>' }].",
    );
  });

  test('the second of several allowances is named by its call; a task\'s ports by the peer they go with', () => {
    const { c, e } = setup();
    e.allow(EgressPeer.cidr('203.0.113.0/24'), [EgressPort.tcp(443)]);
    e.allow(EgressPeer.cidr('0.0.0.0/0'), [EgressPort.tcp(443)]);
    e.allowForTask('lint', EgressPeer.cidr('198.51.100.0/24'), [EgressPort.tcp(443)]);
    e.allowForTask('lint', EgressPeer.cidr('192.0.2.0/24'), []);
    expect(() => Testing.synth(c)).toThrow(
      '2 findings; nothing was written:\n'
      + "  SecurePipeline 'test/ci' egress.allow() #2: peer \"0.0.0.0/0\" opens egress to every address [EGRESS_NO_OPEN_CIDR]. Allow the specific CIDR blocks the task needs (the git host, the registry). Or relax EGRESS_NO_OPEN_CIDR with a reason in the props of SecurePipeline 'test/ci', which made it: relaxations: [{ rule: RuleId.EGRESS_NO_OPEN_CIDR, reason: '<why>' }].\n"
      + "  SecurePipeline 'test/ci' task 'lint' egress.allowForTask() #2 to cidr 192.0.2.0/24: ports is empty, so every port is allowed [EGRESS_SCOPED]. Give each allowance a peer and at least one port. "
      + "Or relax EGRESS_SCOPED for task 'lint' only: egress.allowForTask('lint', peer, ports, { relaxations: [{ rule: RuleId.EGRESS_SCOPED, reason: '<why>' }] }).",
    );
  });

  test('a task\'s allowEgressTo() and egress.allowForTask() calls are each numbered among the calls of their name, as the user wrote them', () => {
    const { c, pipeline } = setup();
    const lint = pipeline.pipelineTasks[0];
    pipeline.egress.allowForTask('lint', EgressPeer.cidr('203.0.113.0/24'), [EgressPort.tcp(443)]);
    lint.allowEgressTo(EgressPeer.cidr('0.0.0.0/0'), [EgressPort.tcp(443)]);
    pipeline.egress.allowForTask('lint', EgressPeer.cidr('192.0.2.0/24'), []);
    // a refusal at the call: the task's second allowEgressTo(), after one of them and two egress.allowForTask()
    expect(() => lint.allowEgressTo(EgressPeer.cidr('10.0.0.0/8'), [EgressPort.tcp(0)])).toThrow(
      "SecurePipeline 'test/ci' task 'lint' allowEgressTo() #2: ports \"0\" is not a port between 1 and 65535 [VALID_SPEC]. Use a port number from 1 to 65535.",
    );
    expect(() => Testing.synth(c)).toThrow(
      '2 findings; nothing was written:\n'
      + "  SecurePipeline 'test/ci' task 'lint' allowEgressTo() #1: peer \"0.0.0.0/0\" opens egress to every address [EGRESS_NO_OPEN_CIDR]. Allow the specific CIDR blocks the task needs (the git host, the registry). "
      + "Or relax EGRESS_NO_OPEN_CIDR for task 'lint' only: allowEgressTo(peer, ports, { relaxations: [{ rule: RuleId.EGRESS_NO_OPEN_CIDR, reason: '<why>' }] }).\n"
      + "  SecurePipeline 'test/ci' task 'lint' egress.allowForTask() #2 to cidr 192.0.2.0/24: ports is empty, so every port is allowed [EGRESS_SCOPED]. Give each allowance a peer and at least one port. "
      + "Or relax EGRESS_SCOPED for task 'lint' only: egress.allowForTask('lint', peer, ports, { relaxations: [{ rule: RuleId.EGRESS_SCOPED, reason: '<why>' }] }).",
    );
  });

  test('a rule an escape-hatch patch changed is named by its place in the NetworkPolicy', () => {
    const { c, e } = setup();
    e.allow(EgressPeer.cidr('203.0.113.0/24'), [EgressPort.tcp(443)]);
    const policy = c.node.findAll().find((x) => x.node.path === 'test/ci/Egress/Egress') as any;
    policy.addJsonPatch(JsonPatch.replace('/spec/egress/0/to/0/ipBlock/cidr', '0.0.0.0/0'));
    expect(() => Testing.synth(c)).toThrow(
      "SecurePipeline 'test/ci' egress[0]: to.ipBlock.cidr \"0.0.0.0/0\" opens egress to every address [EGRESS_NO_OPEN_CIDR].",
    );
  });

  test('invalid CIDR', () => {
    expect(() => setup().e.allow(EgressPeer.cidr('10.0.0.300/8'), [EgressPort.tcp(443)])).toThrow(
      "SecurePipeline 'test/ci' egress.allow() #1: peer \"10.0.0.300/8\" is not a CIDR block [VALID_SPEC]. Write an IPv4 or IPv6 block with its prefix length, e.g. \"203.0.113.0/24\".",
    );
    // one address without its prefix length: the block of that address alone
    expect(() => setup().e.allow(EgressPeer.cidr('10.0.0.7'), [EgressPort.tcp(443)])).toThrow(
      "SecurePipeline 'test/ci' egress.allow() #1: peer \"10.0.0.7\" is not a CIDR block [VALID_SPEC]. Write \"10.0.0.7/32\" for that one address (EgressPeer.cidr('10.0.0.7/32')), or the block of the addresses the task needs.",
    );
    expect(() => setup().e.allow(EgressPeer.cidr('2001:db8::7'), [EgressPort.tcp(443)])).toThrow(
      "Write \"2001:db8::7/128\" for that one address (EgressPeer.cidr('2001:db8::7/128')), or the block of the addresses the task needs.",
    );
    expect(() => setup().e.allow(EgressPeer.cidr('10.0.0.0/8', ['10.1.0.7']), [EgressPort.tcp(443)])).toThrow(
      'exceptCidrs "10.1.0.7" is not a CIDR block [VALID_SPEC]. Write "10.1.0.7/32" for that one address, or the block of the addresses the task needs.',
    );
    // a host name: NetworkPolicies select addresses
    expect(() => setup().e.allow(EgressPeer.cidr('registry.example.com'), [EgressPort.tcp(443)])).toThrow(
      "SecurePipeline 'test/ci' egress.allow() #1: peer \"registry.example.com\" is not a CIDR block [VALID_SPEC]. A NetworkPolicy selects addresses, not host names: give the blocks of "
      + "the addresses registry.example.com resolves to (EgressPeer.cidr('<address>/32') for one address), or the block its operator publishes; its addresses may change.",
    );
    expect(() => setup().e.allow(EgressPeer.cidr('10.0.0.0/8', ['10.1.0.0/33']), [EgressPort.tcp(443)])).toThrow(/"10\.1\.0\.0\/33" is not a CIDR block/);
  });

  test.each([
    ['bits set beyond the prefix', '10.1.0.0/8', '10.0.0.0/8', '10.1.0.1/16'],
    ['leading zeros', '010.0.0.0/8', '10.0.0.0/8', '010.1.0.0/16'],
    ['a zero-padded prefix length', '10.0.0.0/08', '10.0.0.0/8', '10.1.0.0/016'],
    ['an IPv4-mapped IPv6 block', '::ffff:10.0.0.0/104', '10.0.0.0/8', '::ffff:10.1.0.0/112'],
  ])('a CIDR with %s, as the block or an except', (_, cidr, canonical, except) => {
    expect(() => setup().e.allow(EgressPeer.cidr(cidr), [EgressPort.tcp(443)])).toThrow(
      `SecurePipeline 'test/ci' egress.allow() #1: peer "${cidr}" is not in canonical form (leading zeros, bits beyond the prefix length or an IPv4-mapped IPv6 address), which software reads differently [VALID_SPEC]. Write "${canonical}" if that is the block you mean.`,
    );
    expect(() => setup().e.allow(EgressPeer.cidr('10.0.0.0/8', [except]), [EgressPort.tcp(443)])).toThrow(`egress.allow() #1: exceptCidrs "${except}" is not in canonical form`);
  });

  test('an except that is not a strict subset of the block: named except (EgressPeer.cidr\'s second argument), not peer', () => {
    expect(() => setup().e.allow(EgressPeer.cidr('10.0.0.0/16', ['10.0.0.0/16']), [EgressPort.tcp(443)])).toThrow(
      "SecurePipeline 'test/ci' egress.allow() #1: exceptCidrs \"10.0.0.0/16\" is not a strict subset of the peer's block 10.0.0.0/16, so the API server would reject the policy [VALID_SPEC]. Give as exceptCidrs (EgressPeer.cidr's second argument) only blocks inside 10.0.0.0/16 and smaller than it, or leave it out.",
    );
    expect(() => setup().e.allow(EgressPeer.cidr('10.0.0.0/16', ['10.1.0.0/24']), [EgressPort.tcp(443)])).toThrow(/exceptCidrs "10\.1\.0\.0\/24" is not a strict subset of the peer's block 10\.0\.0\.0\/16/);
    expect(() => setup().e.allow(EgressPeer.cidr('10.0.0.0/16', ['2001:db8::/48']), [EgressPort.tcp(443)])).toThrow(/"2001:db8::\/48" is not a strict subset/);
  });

  test('port out of range', () => {
    expect(() => setup().e.allow(EgressPeer.cidr('10.0.0.0/8'), [EgressPort.tcp(70000)])).toThrow(
      "SecurePipeline 'test/ci' egress.allow() #1: ports \"70000\" is not a port between 1 and 65535 [VALID_SPEC]. Use a port number from 1 to 65535.",
    );
    expect(() => setup().e.allow(EgressPeer.cidr('10.0.0.0/8'), [EgressPort.udp(0)])).toThrow(/ports "0" is not a port between 1 and 65535/);
    expect(() => setup().e.allow(EgressPeer.cidr('10.0.0.0/8'), [EgressPort.tcpRange(9000, 8000)])).toThrow(/ports "9000-8000" is an empty range/);
  });

  test('a standalone EgressPolicy with a pipeline name or a task name no pod can carry (and the API server refuses in the policy names)', () => {
    const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
    expect(() => new EgressPolicy(c, 'e', { pipelineName: 'Release_v2' })).toThrow(
      "EgressPolicy 'test/e': pipelineName \"Release_v2\" is not the name of a Pipeline (a DNS-1123 subdomain of at most 63 characters), so no pod carries it as its "
      + "secure-tekton/pipeline label and the API server refuses the NetworkPolicies named after it [VALID_SPEC]. Give the Pipeline's metadata.name, e.g. pipelineName: 'release'.",
    );
    expect(() => new EgressPolicy(c, 'f', { pipelineName: 'p'.repeat(64) })).toThrow(/pipelineName "p{64}" is not the name of a Pipeline/);
    const e = new EgressPolicy(c, 'g', { pipelineName: 'release.v2' });
    expect(() => e.allowForTask('Build.Step', EgressPeer.cidr('10.0.0.0/8'), [EgressPort.tcp(443)])).toThrow(
      "EgressPolicy 'test/g': taskName \"Build.Step\" is not the name of a pipeline task (a DNS-1123 label), so no pod carries it as its tekton.dev/pipelineTask label "
      + "[VALID_SPEC]. Give the pipeline task's name as the Pipeline writes it, e.g. 'build'.",
    );
    expect(() => e.markHermetic('')).toThrow(/taskName "" is not the name of a pipeline task/);
    expect(() => e.allowForTask('build', EgressPeer.cidr('10.0.0.0/8'), [EgressPort.tcp(443)])).not.toThrow();
  });

  test("another NetworkPolicy of the app that selects a hermetic task's pods and allows egress undoes it (policies are additive)", () => {
    const app = (podSelector: any, namespace = 'ci', policyTypes = ['Egress']) => {
      const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
      const pipeline = new SecurePipeline(c, 'rel');
      pipeline.addTask({ task: new SecureTask(c, 'build', { steps: [step()] }), hermetic: true });
      new ApiObject(new Chart(c.node.root as any, `other-${namespace}`, { namespace }), 'mirror', {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'mirror' },
        spec: { podSelector, policyTypes, egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }], ports: [{ port: 443 }] }] },
      });
      return () => Testing.synth(c);
    };
    expect(app({})).toThrow(
      "SecurePipeline 'test/rel' task 'build': hermetic \"true\" is undone by NetworkPolicy/ci/mirror ('other-ci/mirror'), which selects the task's pods and allows "
      + "egress: NetworkPolicies are additive, so the task reaches what that policy allows [EGRESS_SCOPED]. Narrow that policy's podSelector so that it leaves the "
      + "pods of pipeline 'rel' out, or remove hermetic: true from the addTask(...) of task 'build'.",
    );
    expect(app({ matchLabels: { 'tekton.dev/pipeline': 'rel' } })).toThrow(/hermetic "true" is undone by NetworkPolicy\/ci\/mirror/);
    // the label the library writes on the Pipeline, which no run may set: the pods carry it, and the fix is not to remove it
    expect(app({ matchLabels: { 'secure-tekton/pipeline': 'rel' } })).toThrow(
      "SecurePipeline 'test/rel' task 'build': hermetic \"true\" is undone by NetworkPolicy/ci/mirror ('other-ci/mirror'), which selects the task's pods and allows "
      + "egress: NetworkPolicies are additive, so the task reaches what that policy allows [EGRESS_SCOPED]. Narrow that policy's podSelector so that it leaves the "
      + "pods of pipeline 'rel' out, or remove hermetic: true from the addTask(...) of task 'build'.",
    );
    expect(app({ matchLabels: { 'secure-tekton/pipeline': 'other' } })).not.toThrow();
    // other pods only, another namespace, or no egress isolation: the task stays hermetic
    expect(app({ matchLabels: { app: 'web' } })).not.toThrow();
    expect(app({ matchExpressions: [{ key: 'tekton.dev/pipelineTask', operator: 'NotIn', values: ['build'] }] })).not.toThrow();
    expect(app({}, 'web')).not.toThrow();
    expect(app({}, 'ci', ['Ingress'])).not.toThrow();
  });

  test("a hermetic task's pods carry the labels Tekton copies from the Pipeline, the Task and the runs, and those Tekton gives every pod it makes", () => {
    const COPIED = "SecurePipeline 'test/rel' task 'build': hermetic \"true\" is undone by NetworkPolicy/ci/web ('test/web'), which selects the task's pods by labels "
      + "Tekton copies onto them from the Pipeline, the Task or a PipelineRun (the chart's labels, a patch of metadata.labels) and allows egress: NetworkPolicies are "
      + "additive, so the task reaches what that policy allows [EGRESS_SCOPED]. Remove those labels from the Pipeline, the Task and the PipelineRuns of pipeline 'rel', "
      + "or narrow that policy's podSelector so that it leaves those pods out, or remove hermetic: true from the addTask(...) of task 'build'.";
    type Parts = { c: Chart; pipeline: SecurePipeline; task: SecureTask };
    const app = (podSelector: any, change: (x: Parts) => void = () => {}, labels?: Record<string, string>) => {
      const c = new Chart(Testing.app(), 'test', { namespace: 'ci', labels });
      const pipeline = new SecurePipeline(c, 'rel');
      const task = new SecureTask(c, 'build', { steps: [step()] });
      pipeline.addTask({ task, hermetic: true });
      new ApiObject(c, 'web', {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'web' },
        spec: { podSelector, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }], ports: [{ port: 443 }] }] },
      });
      change({ c, pipeline, task });
      return () => Testing.synth(c);
    };
    const web = { matchLabels: { app: 'web' } };
    // the chart's labels are on the Pipeline and the Task (Tekton copies both onto the TaskRun, and the TaskRun's onto its pod)
    expect(app(web, () => {}, { app: 'web' })).toThrow(COPIED);
    expect(app(web, ({ task }) => ApiObject.of(task.apiObject).metadata.addLabel('app', 'web'))).toThrow(COPIED);
    expect(app(web, ({ pipeline }) => pipeline.apiObject.metadata.addLabel('app', 'web'))).toThrow(COPIED);
    // a PipelineRun of the app: its labels, and its taskRunSpecs' for the task
    const run = (metadata: any) => ({ c }: { c: Chart }) => new ApiObject(c, 'run', {
      apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { generateName: 'rel-', ...metadata.run }, spec: { pipelineRef: { name: 'rel' }, ...metadata.spec },
    });
    expect(app(web, run({ run: { labels: { app: 'web' } } }))).toThrow(COPIED);
    expect(app(web, run({ spec: { taskRunSpecs: [{ pipelineTaskName: 'build', metadata: { labels: { app: 'web' } } }] } }))).toThrow(COPIED);
    // another pipeline task's taskRunSpecs, a run of another Pipeline: not this task's pods (the raw runs are refused for other rules)
    const message = (synth: () => void) => {
      try {
        synth();
        return '';
      } catch (e: any) {
        return String(e.message);
      }
    };
    expect(message(app(web, run({ spec: { taskRunSpecs: [{ pipelineTaskName: 'other', metadata: { labels: { app: 'web' } } }] } })))).not.toMatch(/hermetic/);
    expect(message(app(web, ({ c }) => new ApiObject(c, 'run', {
      apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { name: 'r', labels: { app: 'web' } }, spec: { pipelineRef: { name: 'other' } },
    })))).not.toMatch(/hermetic/);
    // the labels Tekton gives every pod of a pipeline task's TaskRun
    const TEKTON = /hermetic "true" is undone by NetworkPolicy\/ci\/web \('test\/web'\), which selects the task's pods and allows egress/;
    expect(app({ matchLabels: { 'app.kubernetes.io/managed-by': 'tekton-pipelines' } })).toThrow(TEKTON);
    expect(app({ matchLabels: { 'tekton.dev/task': 'build', 'tekton.dev/memberOf': 'tasks' } })).toThrow(TEKTON);
    expect(app({ matchExpressions: [{ key: 'tekton.dev/pipelineRun', operator: 'Exists' }] })).toThrow(TEKTON);
    expect(app({ matchExpressions: [{ key: 'tekton.dev/taskRun', operator: 'In', values: ['rel-abcde-build'] }] })).toThrow(TEKTON);
    // a run's or the Pipeline's label of the same key does not change them: Tekton writes its own over it (createChildResourceLabels)
    expect(app({ matchLabels: { 'tekton.dev/pipelineTask': 'build' } }, run({ run: { labels: { 'tekton.dev/pipelineTask': 'deploy' } } }))).toThrow(TEKTON);
    expect(app({ matchLabels: { 'tekton.dev/memberOf': 'tasks' } }, ({ pipeline }) => pipeline.apiObject.metadata.addLabel('tekton.dev/memberOf', 'finally'))).toThrow(TEKTON);
    // the managed-by value config-defaults gives Tekton (pkg/pod makeLabels writes it over the TaskRun's)
    const managedBy = (value: string) => ({ c }: { c: Chart }) => new ApiObject(c, 'defaults', {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data: { 'default-managed-by-label-value': value },
    });
    expect(app({ matchLabels: { 'app.kubernetes.io/managed-by': 'ci-system' } }, managedBy('ci-system'))).toThrow(TEKTON);
    expect(message(app({ matchLabels: { 'app.kubernetes.io/managed-by': 'tekton-pipelines' } }, managedBy('ci-system')))).not.toMatch(/hermetic/);
    expect(message(app({ matchLabels: { 'app.kubernetes.io/managed-by': 'ci-system' } }))).not.toMatch(/hermetic/);
    // labels the pods do not carry
    expect(app({ matchLabels: { 'tekton.dev/memberOf': 'finally' } })).not.toThrow();
    expect(app({ matchExpressions: [{ key: 'tekton.dev/taskRun', operator: 'DoesNotExist' }] })).not.toThrow();
    expect(app(web, () => {}, { team: 'ci' })).not.toThrow();
  });

  describe('policies of the network plugin and NetworkPolicies not written for a task', () => {
    const outcome = (hermetic: boolean, policy: any, change: (c: Chart, t: any) => void = () => {}, relaxations: any[] = []) => {
      const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
      const pipeline = new SecurePipeline(c, 'p', { relaxations });
      const t = pipeline.addTask({ task: new SecureTask(c, 'build', { steps: [step()] }), hermetic });
      new ApiObject(c, 'other', policy);
      change(c, t);
      try {
        Testing.synth(c);
        return '';
      } catch (e: any) {
        return String(e.message);
      }
    };
    const RELAX = " Or relax EGRESS_SCOPED with a reason in the props of SecurePipeline 'test/p': "
      + "relaxations: [{ rule: RuleId.EGRESS_SCOPED, target: RelaxationTarget.task('build'), reason: '<why>' }].";
    const PLUGIN = 'policies of the network plugin add to what NetworkPolicies allow (a Cilium rule, a Calico Allow whatever its order, an '
      + "AdminNetworkPolicy's Allow before any NetworkPolicy)";
    const cilium = (kind: string, endpointSelector: any, egress: any[]) => ({ apiVersion: 'cilium.io/v2', kind, metadata: { name: 'exfil' }, spec: { endpointSelector, egress } });
    const toCidr = [{ toCIDR: ['203.0.113.0/24'], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] }];

    test('a CiliumNetworkPolicy that selects a hermetic task\'s pods and allows egress is refused', () => {
      expect(outcome(true, cilium('CiliumNetworkPolicy', { matchLabels: { 'tekton.dev/pipeline': 'p' } }, toCidr))).toBe(
        "SecurePipeline 'test/p' task 'build': hermetic \"true\" is undone by CiliumNetworkPolicy/ci/exfil ('test/other'), which selects the task's pods "
        + '(its spec.endpointSelector {"matchLabels":{"tekton.dev/pipeline":"p"}}) and allows egress in spec.egress[0]: '
        + `${PLUGIN}, so the task reaches what that policy allows [EGRESS_SCOPED]. Narrow that policy's selector so that it leaves the pods of pipeline 'p' out, `
        + `or remove hermetic: true from the addTask(...) of task 'build'.${RELAX}`);
      // clusterwide, with a k8s: source, by the namespace Cilium gives the endpoint
      expect(outcome(true, cilium('CiliumClusterwideNetworkPolicy', { matchLabels: { 'k8s:app.kubernetes.io/managed-by': 'tekton-pipelines' } }, toCidr)))
        .toMatch(/CiliumClusterwideNetworkPolicy\/ci\/exfil \('test\/other'\), which selects the task's pods/);
      expect(outcome(true, cilium('CiliumNetworkPolicy', { matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'ci' } }, [{ toFQDNs: [{ matchName: 'x.example' }] }])))
        .toMatch(/allows egress in spec.egress\[0\]/);
      // another namespace, labels the pods lack, `{}` (Cilium's default deny), deny rules: no egress for them
      expect(outcome(true, { ...cilium('CiliumNetworkPolicy', {}, toCidr), metadata: { name: 'exfil', namespace: 'web' } })).toBe('');
      expect(outcome(true, cilium('CiliumNetworkPolicy', { matchLabels: { 'tekton.dev/pipeline': 'q' } }, toCidr))).toBe('');
      expect(outcome(true, cilium('CiliumNetworkPolicy', {}, [{}]))).toBe('');
      expect(outcome(true, { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'exfil' }, spec: { endpointSelector: {}, egressDeny: toCidr } })).toBe('');
    });

    test('Calico NetworkPolicies and GlobalNetworkPolicies that Allow egress, in either API group; an expression not read exactly counts as selecting', () => {
      const calico = (apiVersion: string, kind: string, spec: any) => ({ apiVersion, kind, metadata: { name: 'web' }, spec });
      const allow = { types: ['Egress'], egress: [{ action: 'Deny', destination: { nets: ['192.0.2.0/24'] } }, { action: 'Allow', destination: { nets: ['203.0.113.0/24'] } }] };
      expect(outcome(true, calico('projectcalico.org/v3', 'NetworkPolicy', { selector: "tekton.dev/pipelineTask == 'build'", ...allow }))).toBe(
        "SecurePipeline 'test/p' task 'build': hermetic \"true\" is undone by NetworkPolicy.projectcalico.org/ci/web ('test/other'), which selects the task's pods "
        + '(its spec.selector "tekton.dev/pipelineTask == \'build\'") and allows egress in spec.egress[1].action: '
        + `${PLUGIN}, so the task reaches what that policy allows [EGRESS_SCOPED]. Narrow that policy's selector so that it leaves the pods of pipeline 'p' out, `
        + `or remove hermetic: true from the addTask(...) of task 'build'.${RELAX}`);
      expect(outcome(true, calico('crd.projectcalico.org/v1', 'GlobalNetworkPolicy', { selector: 'has(tekton.dev/pipeline)', ...allow })))
        .toMatch(/GlobalNetworkPolicy.crd.projectcalico.org\/ci\/web/);
      // a Pass in the default tier skips the NetworkPolicies
      expect(outcome(true, calico('projectcalico.org/v3', 'NetworkPolicy', { selector: 'all()', types: ['Egress'], egress: [{ action: 'Pass' }] })))
        .toMatch(/allows egress in spec.egress\[0\].action/);
      // Calico cannot parse this: read as selecting
      expect(outcome(true, calico('projectcalico.org/v3', 'NetworkPolicy', { selector: 'app ==', ...allow }))).toMatch(/is undone by NetworkPolicy.projectcalico.org/);
      expect(outcome(true, calico('projectcalico.org/v3', 'NetworkPolicy', { selector: "tekton.dev/pipeline == 'q'", ...allow }))).toBe('');
      expect(outcome(true, calico('projectcalico.org/v3', 'NetworkPolicy', { selector: 'all()', types: ['Egress'], egress: [{ action: 'Deny' }] }))).toBe('');
      expect(outcome(true, calico('projectcalico.org/v3', 'NetworkPolicy', { selector: 'all()', types: ['Ingress'], ingress: [{ action: 'Allow' }], egress: [{ action: 'Allow' }] }))).toBe('');
    });

    test('an AdminNetworkPolicy Allow reaches the pods first; a BaselineAdminNetworkPolicy does not reach pods a NetworkPolicy isolates', () => {
      const anp = (kind: string, subject: any, action: string) => ({
        apiVersion: 'policy.networking.k8s.io/v1alpha1',
        kind,
        metadata: { name: 'open' },
        spec: { priority: 10, subject, egress: [{ name: 'out', action, to: [{ networks: ['203.0.113.0/24'] }] }] },
      });
      expect(outcome(true, anp('AdminNetworkPolicy', { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ci' } } }, 'Allow'))).toMatch(
        /^SecurePipeline 'test\/p' task 'build': hermetic "true" is undone by AdminNetworkPolicy\/ci\/open \('test\/other'\), which selects the task's pods \(its spec.subject.namespaces \{"matchLabels":\{"kubernetes.io\/metadata.name":"ci"\}\}\) and allows egress in spec.egress\[0\].action/);
      expect(outcome(true, anp('AdminNetworkPolicy', { pods: { namespaceSelector: {}, podSelector: { matchLabels: { 'tekton.dev/memberOf': 'tasks' } } } }, 'Allow'))).toMatch(/is undone by AdminNetworkPolicy/);
      expect(outcome(true, anp('AdminNetworkPolicy', { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'web' } } }, 'Allow'))).toBe('');
      expect(outcome(true, anp('AdminNetworkPolicy', { namespaces: {} }, 'Deny'))).toBe('');
      expect(outcome(true, { ...anp('BaselineAdminNetworkPolicy', { namespaces: {} }, 'Allow'), metadata: { name: 'default' } })).toBe('');
    });

    test('a policy not written for a task that selects its pods and allows it egress it does not declare is refused, relaxably', () => {
      const np = (podSelector: any, egress: any[]) => ({
        apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'web' }, spec: { podSelector, policyTypes: ['Egress'], egress },
      });
      const open = [{ to: [{ ipBlock: { cidr: '203.0.113.0/24' } }], ports: [{ port: 443 }] }];
      const declared = (_c: Chart, t: any) => t.allowEgressTo(EgressPeer.cidr('198.51.100.0/24'), [EgressPort.tcp(443)]);
      expect(outcome(false, np({ matchLabels: { 'app.kubernetes.io/managed-by': 'tekton-pipelines' } }, open), declared)).toBe(
        "SecurePipeline 'test/p' task 'build': egress \"NetworkPolicy/ci/web ('test/other')\" selects the task's pods (its podSelector "
        + '{"matchLabels":{"app.kubernetes.io/managed-by":"tekton-pipelines"}}) and allows egress the task does not declare (spec.egress[0]): NetworkPolicies are '
        + "additive, so the task reaches what that policy allows beyond its allowEgressTo and the pipeline's egress.allow [EGRESS_SCOPED]. Narrow that policy's "
        + "selector so that it leaves the pods of pipeline 'p' out, and declare the egress task 'build' needs with allowEgressTo(peer, ports) on the PipelineTask "
        + `addTask returned.${RELAX}`);
      // another kind of policy
      expect(outcome(false, cilium('CiliumNetworkPolicy', {}, toCidr))).toMatch(
        /^SecurePipeline 'test\/p' task 'build': egress "CiliumNetworkPolicy\/ci\/exfil \('test\/other'\)" selects the task's pods \(its spec.endpointSelector \{\}\) and allows egress the task does not declare \(spec.egress\[0\]\)/);
      // a rule the pipeline's own policies give the task, as written: nothing beyond what it declares
      const same = [{ to: [{ ipBlock: { cidr: '198.51.100.0/24' } }], ports: [{ port: 443, protocol: 'TCP' }] }];
      const ownRule = (c: Chart) => (objectsOf(c, 'NetworkPolicy').find((p: any) => p.metadata.name === 'p-build-egress') as any).spec.egress[0];
      const c0 = new Chart(Testing.app(), 'probe', { namespace: 'ci' });
      const p0 = new SecurePipeline(c0, 'p');
      declared(c0, p0.addTask({ task: new SecureTask(c0, 'build', { steps: [step()] }) }));
      expect(ownRule(c0)).toEqual(same[0]);
      expect(outcome(false, np({ matchLabels: { 'tekton.dev/pipelineTask': 'build' } }, same), declared)).toBe('');
      // relaxed for the task (or the whole pipeline), not for another task
      expect(outcome(false, np({}, open), () => {}, [{ rule: RuleId.EGRESS_SCOPED, target: RelaxationTarget.task('build'), reason: 'the shared mirror proxy' }])).toBe('');
      expect(outcome(false, np({}, open), () => {}, [{ rule: RuleId.EGRESS_SCOPED, reason: 'the shared mirror proxy' }])).toBe('');
      expect(outcome(false, np({}, open), () => {}, [{ rule: RuleId.EGRESS_SCOPED, target: RelaxationTarget.task('other'), reason: 'the shared mirror proxy' }]))
        .toMatch(/task 'build': egress "NetworkPolicy\/ci\/web/);
      // a policy of another pipeline's pods, or of another namespace
      expect(outcome(false, np({ matchLabels: { 'tekton.dev/pipeline': 'q' } }, open))).toBe('');
      expect(outcome(false, { ...np({}, open), metadata: { name: 'web', namespace: 'web' } })).toBe('');
    });
  });

  test('an allow-list on a hermetic task', () => {
    const { c, pipeline } = setup();
    const t = pipeline.addTask({ task: new SecureTask(c, 'build', { steps: [step()] }), hermetic: true });
    expect(() => t.allowEgressTo(EgressPeer.cidr('10.0.0.0/8'), [EgressPort.tcp(443)])).toThrow(
      "SecurePipeline 'test/ci' task 'build': allowEgressTo gives egress to a hermetic task (hermetic: true in its addTask(...)) [VALID_SPEC]. A hermetic task reaches nothing: "
      + 'remove its allowEgressTo(...) calls, or hermetic: true from its addTask(...).',
    );
  });
});

describe('refusals of a SecurePipeline\'s egress name the pipeline and the call the user wrote, not the EgressPolicy inside it', () => {
  test('egress.allowForTask, then hermetic in addTask: said as hermetic, with the call that gave the allow-list', () => {
    const { c, pipeline } = setup();
    pipeline.egress.allowForTask('build', EgressPeer.cidr('10.0.0.0/8'), [EgressPort.tcp(443)]);
    expect(() => pipeline.addTask({ task: new SecureTask(c, 'build', { steps: [step()] }), hermetic: true })).toThrow(
      "SecurePipeline 'test/ci' task 'build': hermetic \"true\" marks a task that has an egress allow-list (egress.allowForTask) hermetic [VALID_SPEC]. "
      + 'A hermetic task reaches nothing: remove its egress.allowForTask(...) calls, or hermetic: true from its addTask(...).',
    );
  });

  test("the pipeline's egress.markHermetic, before or after a task's allowEgressTo: said as that call, the one written last", () => {
    const { pipeline } = setup();
    const lint = pipeline.pipelineTasks[0];
    lint.allowEgressTo(EgressPeer.cidr('203.0.113.0/24'), [EgressPort.tcp(443)]);
    expect(() => pipeline.egress.markHermetic('lint')).toThrow(new Error(
      "SecurePipeline 'test/ci' task 'lint': egress.markHermetic marks a task that has an egress allow-list (allowEgressTo) hermetic [VALID_SPEC]. "
      + "A hermetic task reaches nothing: remove its allowEgressTo(...) calls, or the egress.markHermetic('lint') call.",
    ));
    const other = setup().pipeline;
    other.egress.markHermetic('lint');
    expect(() => other.pipelineTasks[0].allowEgressTo(EgressPeer.cidr('203.0.113.0/24'), [EgressPort.tcp(443)])).toThrow(new Error(
      "SecurePipeline 'test/ci' task 'lint': allowEgressTo gives egress to a hermetic task (egress.markHermetic('lint')) [VALID_SPEC]. "
      + "A hermetic task reaches nothing: remove its allowEgressTo(...) calls, or the egress.markHermetic('lint') call.",
    ));
  });

  test('a port allowEgressTo is given is said as that call of the task', () => {
    const { pipeline } = setup();
    expect(() => pipeline.pipelineTasks[0].allowEgressTo(EgressPeer.cidr('10.0.0.0/8'), [EgressPort.tcp(0)])).toThrow(
      "SecurePipeline 'test/ci' task 'lint' allowEgressTo() #1: ports \"0\" is not a port between 1 and 65535 [VALID_SPEC]. Use a port number from 1 to 65535.",
    );
  });

  test('a refused call is numbered among the calls of its name for its policy or task, as the policy\'s findings number it', () => {
    const { pipeline, e } = setup();
    e.allow(EgressPeer.cidr('203.0.113.0/24'), [EgressPort.tcp(443)]);
    expect(() => e.allow(EgressPeer.cidr('10.0.0.300/8'), [EgressPort.tcp(443)])).toThrow(
      "SecurePipeline 'test/ci' egress.allow() #2: peer \"10.0.0.300/8\" is not a CIDR block [VALID_SPEC]. Write an IPv4 or IPv6 block with its prefix length, e.g. \"203.0.113.0/24\".",
    );
    e.allowForTask('lint', EgressPeer.cidr('192.0.2.0/24'), [EgressPort.tcp(443)]);
    pipeline.pipelineTasks[0].allowEgressTo(EgressPeer.cidr('198.51.100.0/24'), [EgressPort.tcp(443)]);
    expect(() => pipeline.pipelineTasks[0].allowEgressTo(EgressPeer.cidr('10.0.0.0/8'), [EgressPort.tcp(0)])).toThrow(
      "SecurePipeline 'test/ci' task 'lint' allowEgressTo() #2: ports \"0\" is not a port between 1 and 65535 [VALID_SPEC]. Use a port number from 1 to 65535.",
    );
    expect(() => e.allowForTask('lint', EgressPeer.cidr('10.0.0.0/8'), [EgressPort.tcp(70000)])).toThrow(
      "SecurePipeline 'test/ci' task 'lint' egress.allowForTask() #2: ports \"70000\" is not a port between 1 and 65535 [VALID_SPEC]. Use a port number from 1 to 65535.",
    );
  });

  test('an EgressPolicy of its own is still named as itself', () => {
    const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
    const own = new EgressPolicy(c, 'own', { pipelineName: 'release' });
    expect(() => own.allow(EgressPeer.cidr('10.0.0.1/8'), [EgressPort.tcp(443)])).toThrow(
      "EgressPolicy 'test/own' allow() #1: peer \"10.0.0.1/8\" is not in canonical form (leading zeros, bits beyond the prefix length or an IPv4-mapped IPv6 address), "
      + 'which software reads differently [VALID_SPEC]. Write "10.0.0.0/8" if that is the block you mean.',
    );
    own.allow(EgressPeer.cidr('0.0.0.0/0'), [EgressPort.tcp(443)]);
    expect(() => Testing.synth(c)).toThrow("EgressPolicy 'test/own' allow() #1: peer \"0.0.0.0/0\" opens egress to every address [EGRESS_NO_OPEN_CIDR].");
  });

  test('an EgressPolicy of its own names the call of a refused peer or ports, and its rank, as its findings do', () => {
    const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
    const own = new EgressPolicy(c, 'own', { pipelineName: 'release' });
    own.allow(EgressPeer.cidr('10.0.0.0/8'), [EgressPort.tcp(443)]);
    expect(() => own.allow(EgressPeer.cidr('10.0.0.7'), [EgressPort.tcp(443)])).toThrow(
      "EgressPolicy 'test/own' allow() #2: peer \"10.0.0.7\" is not a CIDR block [VALID_SPEC]. Write \"10.0.0.7/32\" for that one address (EgressPeer.cidr('10.0.0.7/32')), "
        + 'or the block of the addresses the task needs.',
    );
    expect(() => own.allowForTask('build', EgressPeer.cidr('10.0.0.0/8'), [EgressPort.tcp(0)])).toThrow(
      "EgressPolicy 'test/own' task 'build' allowForTask() #1: ports \"0\" is not a port between 1 and 65535 [VALID_SPEC]. Use a port number from 1 to 65535.",
    );
    own.allowForTask('build', EgressPeer.cidr('10.0.0.0/8'), [EgressPort.tcp(443)]);
    expect(() => own.allowForTask('build', EgressPeer.namespaceNamed('Kube_System'), [EgressPort.udp(53)])).toThrow(
      "EgressPolicy 'test/own' task 'build' allowForTask() #2: peer \"Kube_System\" is not the name of a namespace",
    );
    // the refused calls added nothing: the next pipeline-wide allowance is still #2, and the task has one
    expect(() => own.allow(EgressPeer.cidr('10.0.0.0/8', ['10.1.0.7']), [EgressPort.tcp(443)])).toThrow(
      "EgressPolicy 'test/own' allow() #2: exceptCidrs \"10.1.0.7\" is not a CIDR block [VALID_SPEC].",
    );
    expect(own.tasksWithEgress).toEqual(['build']);
  });

  describe('an EgressPolicy of its own names its own calls (allowForTask, markHermetic), not those of a SecurePipeline', () => {
    const own = () => {
      const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
      return { c, e: new EgressPolicy(c, 'egress', { pipelineName: 'release' }) };
    };

    test("a task's allowance is said as allowForTask, and relaxed in that call", () => {
      const { c, e } = own();
      e.allowForTask('build', EgressPeer.cidr('0.0.0.0/0'), [EgressPort.tcp(443)]);
      expect(messageOf(() => Testing.synth(c))).toBe(
        "EgressPolicy 'test/egress/Task-build' allowForTask() #1: peer \"0.0.0.0/0\" opens egress to every address [EGRESS_NO_OPEN_CIDR]. "
        + 'Allow the specific CIDR blocks the task needs (the git host, the registry). Or relax EGRESS_NO_OPEN_CIDR for task \'build\' only: '
        + "allowForTask('build', peer, ports, { relaxations: [{ rule: RuleId.EGRESS_NO_OPEN_CIDR, reason: '<why>' }] }).",
      );
      expect(() => own().e.allowForTask('build', EgressPeer.cidr('203.0.113.0/24'), [EgressPort.tcp(443)], { relaxations: 'none' as any })).toThrow(
        "EgressPolicy 'test/egress' task 'build': allowForTask.relaxations \"none\" is not a list [RELAXATION_REASON]. "
        + "Give a list: { relaxations: [{ rule: RuleId.<RULE>, reason: '<why>' }] }.",
      );
    });

    test('allowForTask, then markHermetic: said as markHermetic, the call written last', () => {
      const { e } = own();
      e.allowForTask('build', EgressPeer.cidr('203.0.113.0/24'), [EgressPort.tcp(443)]);
      expect(() => e.markHermetic('build')).toThrow(new Error(
        "EgressPolicy 'test/egress' task 'build': markHermetic marks a task that has an egress allow-list (allowForTask) hermetic [VALID_SPEC]. "
        + "A hermetic task reaches nothing: remove the allowForTask('build', ...) calls, or the markHermetic('build') call.",
      ));
    });

    test('markHermetic, then allowForTask: said as allowForTask, the call written last', () => {
      const { e } = own();
      e.markHermetic('test');
      expect(() => e.allowForTask('test', EgressPeer.cidr('203.0.113.0/24'), [EgressPort.tcp(443)])).toThrow(new Error(
        "EgressPolicy 'test/egress' task 'test': allowForTask gives egress to a task marked hermetic (markHermetic('test')) [VALID_SPEC]. "
        + "A hermetic task reaches nothing: remove the allowForTask('test', ...) calls, or the markHermetic('test') call.",
      ));
    });

    test('a patch of its deny-all names allow and allowForTask', () => {
      const { c, e } = own();
      ApiObject.of(e.node.findChild('DenyAll')).addJsonPatch(JsonPatch.replace('/spec/podSelector', {}));
      expect(messageOf(() => Testing.synth(c))).toBe("EgressPolicy 'test/egress' NetworkPolicy 'release-deny-all': spec.podSelector \"{}\" differs from what "
        + 'EgressPolicy wrote (an escape-hatch patch): no rule of the catalogue judges this object, which decides what the cluster admits [VALID_SPEC]. '
        + "Keep the deny-all NetworkPolicy of EgressPolicy 'test/egress' as written: allow what the pipeline needs with allow(peer, ports) or "
        + 'allowForTask(taskName, peer, ports), not with a patch of this policy.');
    });
  });
});

describe('the deny-all NetworkPolicy, and the Pipeline it selects, are written as emitted: no rule judges that the pods are selected', () => {
  function pipeline() {
    const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
    const p = new SecurePipeline(c, 'build');
    p.addTask({ task: new SecureTask(c, 'lint', { steps: [step()] }) });
    return { c, p };
  }

  test('a patch of the deny-all\'s podSelector is refused, in the terms of the pipeline', () => {
    const { c, p } = pipeline();
    ApiObject.of(p.egress.node.findChild('DenyAll')).addJsonPatch(JsonPatch.replace('/spec/podSelector', { matchLabels: { 'tekton.dev/pipeline': 'nothing' } }));
    expect(() => Testing.synth(c)).toThrow(new Error("SecurePipeline 'test/build' NetworkPolicy 'build-deny-all': spec.podSelector "
      + '"{\\"matchLabels\\":{\\"tekton.dev/pipeline\\":\\"nothing\\"}}" differs from what EgressPolicy wrote (an escape-hatch patch): no rule of the catalogue '
      + "judges this object, which decides what the cluster admits [VALID_SPEC]. Keep the deny-all NetworkPolicy of EgressPolicy 'test/build/Egress' as written: "
      + "allow what the pipeline needs with egress.allow(peer, ports), or a task's allowEgressTo, not with a patch of this policy."));
  });

  test('a patch that moves the deny-all to another namespace is refused', () => {
    const { c, p } = pipeline();
    ApiObject.of(p.egress.node.findChild('DenyAll')).addJsonPatch(JsonPatch.replace('/metadata/namespace', 'elsewhere'));
    expect(() => Testing.synth(c)).toThrow(/NetworkPolicy 'build-deny-all': metadata\.namespace "elsewhere" differs from what EgressPolicy wrote/);
  });

  test('a patch that renames the Pipeline away from what the deny-all selects is refused', () => {
    const { c, p } = pipeline();
    p.apiObject.addJsonPatch(JsonPatch.replace('/metadata/name', 'build-v2'));
    expect(() => Testing.synth(c)).toThrow(new Error('2 findings; nothing was written:\n'
      + "  SecurePipeline 'test/build': metadata.name \"build-v2\" is not the name the pipeline's NetworkPolicies select its pods by (secure-tekton/pipeline: build): "
      + 'an escape-hatch patch renamed the Pipeline, so the Pipeline and the NetworkPolicies no longer name the same pipeline [VALID_REFERENCE]. Give the '
      + "SecurePipeline its name prop (name: 'build-v2') rather than a patch of metadata.name.\n"
      + "  SecurePipeline 'test/build': metadata.labels['secure-tekton/pipeline'] \"build\" is not the Pipeline's own name ('build-v2'): Tekton copies it onto the "
      + "TaskRuns and pods of the Pipeline's runs, and the NetworkPolicies of the pipeline it names (that pipeline's egress) would select them [RUN_POD_OVERRIDES]. "
      + "Remove the label, or give it the Pipeline's name: secure-tekton/pipeline: build-v2. Or relax RUN_POD_OVERRIDES with a reason in its props: relaxations: "
      + "[{ rule: RuleId.RUN_POD_OVERRIDES, reason: '<why>' }]."));
  });

  test('a patch that moves the Pipeline to another namespace than the deny-all is refused', () => {
    const { c, p } = pipeline();
    p.apiObject.addJsonPatch(JsonPatch.replace('/metadata/namespace', 'elsewhere'));
    const lines = (() => {
      try {
        Testing.synth(c);
        return [];
      } catch (e) {
        return (e as Error).message.split('\n').map((l) => l.trim());
      }
    })();
    expect(lines).toContain("SecurePipeline 'test/build': metadata.namespace \"elsewhere\" is not the namespace of the pipeline's NetworkPolicies ('ci'): "
      + 'an escape-hatch patch moved the Pipeline, and the pods of its runs would be kept from the network by no policy [VALID_REFERENCE]. '
      + "Create the SecurePipeline in a chart of the namespace it runs in (a Chart whose namespace prop is '<namespace>') rather than a patch of metadata.namespace.");
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

describe('EgressPolicy relaxations of one task or of the pipeline-wide policy', () => {
  const REASON = 'the package mirror is behind a CDN';
  const OPEN = { rule: RuleId.EGRESS_NO_OPEN_CIDR, reason: REASON };

  function twoTasks() {
    const s = setup();
    const clone = s.pipeline.addTask({ task: new SecureTask(s.c, 'clone', { steps: [step()] }) });
    const push = s.pipeline.addTask({ task: new SecureTask(s.c, 'push', { steps: [step()] }), runAfter: ['clone'] });
    return { ...s, clone, push };
  }
  const relaxedPolicies = (c: Chart) => objectsOf(c, 'NetworkPolicy')
    .filter((p: any) => Object.keys(p.metadata.annotations ?? {}).some((k) => k.startsWith('secure-tekton/relax.')))
    .map((p: any) => [p.metadata.name, relaxationsOf(p)]);

  test('a relaxation for task A covers A\'s policy and not task B\'s', () => {
    const { c, clone, push } = twoTasks();
    clone.allowEgressTo(EgressPeer.cidr('0.0.0.0/0'), [EgressPort.tcp(443)], { relaxations: [OPEN] });
    push.allowEgressTo(EgressPeer.cidr('0.0.0.0/0'), [EgressPort.tcp(443)]);
    let error: any;
    try {
      Testing.synth(c);
    } catch (e) {
      error = e;
    }
    expect(error.findings.map((f: any) => [f.path, f.rule, f.value])).toEqual([['test/ci', RuleId.EGRESS_NO_OPEN_CIDR, '0.0.0.0/0']]);
    // said as the task's allowEgressTo, where the user gave it
    expect(error.findings[0].location).toBe("task 'push' allowEgressTo() #1");
  });

  test('the relaxed task\'s policy records the relaxation; no other policy does', () => {
    const { c, clone, push } = twoTasks();
    clone.allowEgressTo(EgressPeer.cidr('0.0.0.0/0'), [EgressPort.tcp(443)], { relaxations: [OPEN] });
    clone.allowEgressTo(EgressPeer.cidr('140.82.112.0/20'), [EgressPort.tcp(22)]);
    push.allowEgressTo(EgressPeer.cidr('203.0.113.0/24'), [EgressPort.tcp(443)]);
    expect(relaxedPolicies(c)).toEqual([['ci-clone-egress', { 'secure-tekton/relax.EGRESS_NO_OPEN_CIDR': `*: ${REASON}` }]]);
  });

  test('a relaxation given to allow() covers the pipeline-wide policy and no task\'s', () => {
    const { c, e, clone } = twoTasks();
    e.allow(EgressPeer.cidr('0.0.0.0/0'), [EgressPort.tcp(443)], { relaxations: [OPEN] });
    clone.allowEgressTo(EgressPeer.anywhere(), [EgressPort.tcp(443)]);
    expect(() => Testing.synth(c)).toThrow(
      "SecurePipeline 'test/ci' task 'clone' allowEgressTo() #1: peer \"EgressPeer.anywhere()\" writes no destination, so every destination is allowed [EGRESS_SCOPED]. Give each allowance a peer and at least one port. Or relax EGRESS_SCOPED for task 'clone' only: allowEgressTo(peer, ports, { relaxations: [{ rule: RuleId.EGRESS_SCOPED, reason: '<why>' }] }).",
    );
    const { c: c2, e: e2, clone: clone2 } = twoTasks();
    e2.allow(EgressPeer.cidr('0.0.0.0/0'), [EgressPort.tcp(443)], { relaxations: [OPEN] });
    clone2.allowEgressTo(EgressPeer.cidr('203.0.113.0/24'), [EgressPort.tcp(443)]);
    expect(relaxedPolicies(c2)).toEqual([['ci-egress', { 'secure-tekton/relax.EGRESS_NO_OPEN_CIDR': `*: ${REASON}` }]]);
  });

  test('a task relaxation that covers nothing is refused, naming the task', () => {
    const { c, clone } = twoTasks();
    clone.allowEgressTo(EgressPeer.cidr('203.0.113.0/24'), [EgressPort.tcp(443)], { relaxations: [OPEN] });
    expect(() => Testing.synth(c)).toThrow(
      "SecurePipeline 'test/ci' task 'clone': allowEgressTo.relaxations[0].rule \"EGRESS_NO_OPEN_CIDR\" covers nothing: EGRESS_NO_OPEN_CIDR holds in the objects SecurePipeline 'test/ci' writes [RELAXATION_REASON].",
    );
  });

  test('a relaxation is checked when given, and a refused one leaves the policy as it was', () => {
    const { c, clone } = twoTasks();
    expect(() => clone.allowEgressTo(EgressPeer.cidr('0.0.0.0/0'), [EgressPort.tcp(443)], { relaxations: [{ rule: RuleId.EGRESS_NO_OPEN_CIDR, reason: 'short' }] })).toThrow(
      /^SecurePipeline 'test\/ci' task 'clone': allowEgressTo\.relaxations\[0\]\.reason "short" has fewer than 10 visible characters \[RELAXATION_REASON\]/,
    );
    expect(() => clone.allowEgressTo(EgressPeer.cidr('0.0.0.0/0'), [EgressPort.tcp(443)], { relaxations: 'x' as any })).toThrow(/allowEgressTo\.relaxations "x" is not a list \[RELAXATION_REASON\]/);
    expect(() => clone.allowEgressTo(EgressPeer.cidr('0.0.0.0/0'), [EgressPort.tcp(443)], { relaxations: [{ rule: RuleId.NOT_PRIVILEGED, reason: REASON }] })).toThrow(/names a rule that cannot be relaxed/);
    clone.allowEgressTo(EgressPeer.cidr('203.0.113.0/24'), [EgressPort.tcp(443)]);
    expect(policies(c)['ci-clone-egress'].egress).toEqual([{ to: [{ ipBlock: { cidr: '203.0.113.0/24' } }], ports: [{ protocol: 'TCP', port: 443 }] }]);
  });
});

describe('EgressPolicy: narrow allow-lists pass every rule (property)', () => {
  const octet = fc.integer({ min: 0, max: 255 });
  /** A public IPv4 block of at most a /16, in canonical form. */
  const firstOctet = fc.constantFrom(1, 8, 13, 45, 140, 185, 199);
  const publicV4 = fc.tuple(fc.integer({ min: 16, max: 32 }), firstOctet, octet, octet, octet).map(([len, a, b, c, d]) => {
    const value = a * 2 ** 24 + b * 2 ** 16 + c * 2 ** 8 + d;
    const net = value - (value % 2 ** (32 - len));
    return [24, 16, 8, 0].map((s) => Math.floor(net / 2 ** s) % 256).join('.') + `/${len}`;
  });
  const privateV4 = fc.constantFrom('10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '10.20.0.0/16');
  const publicV6 = fc.tuple(fc.integer({ min: 0x2400, max: 0x2a0f }), fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 32, max: 48 }))
    .map(([a, b, len]) => `${a.toString(16)}:${b.toString(16)}::/${len}`);
  const label = fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/);
  const peer = fc.oneof(
    fc.oneof(publicV4, privateV4, publicV6).map((c) => EgressPeer.cidr(c)),
    fc.tuple(label, fc.option(label, { nil: undefined })).map(([l, ns]) => EgressPeer.pods({ app: l }, ns)),
    label.filter((l) => l !== 'kube-system').map((l) => EgressPeer.namespaceNamed(l)),
  );
  const port = fc.oneof(
    fc.integer({ min: 1, max: 65535 }).map(EgressPort.tcp),
    fc.integer({ min: 1, max: 65535 }).map(EgressPort.udp),
    fc.tuple(fc.integer({ min: 1, max: 65000 }), fc.integer({ min: 0, max: 60 })).map(([p, n]) => EgressPort.tcpRange(p, p + n)),
  );
  // at most 8 allowances reach one pod (the pipeline-wide ones and its task's), 2 entries of at most 61 ports each: within 1024 together
  const allowance = fc.record({ peer, ports: fc.array(port, { minLength: 1, maxLength: 2 }) });
  const allowances = fc.array(allowance, { maxLength: 4 });

  test('every NetworkPolicy the library writes for them passes the catalogue', () => {
    fc.assert(fc.property(allowances, allowances, allowances, (wide, forClone, forPush) => {
      const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
      const pipeline = new SecurePipeline(c, 'ci');
      const clone = pipeline.addTask({ task: new SecureTask(c, 'clone', { steps: [step()] }) });
      const push = pipeline.addTask({ task: new SecureTask(c, 'push', { steps: [step()] }), runAfter: ['clone'] });
      for (const a of wide) pipeline.egress.allow(a.peer, a.ports);
      for (const a of forClone) clone.allowEgressTo(a.peer, a.ports);
      for (const a of forPush) push.allowEgressTo(a.peer, a.ports);
      const netpols = objectsOf(c, 'NetworkPolicy');
      expect(netpols.flatMap((p: any) => RuleCatalogue.check(p))).toEqual([]);
    }), { numRuns: 40, seed: Number(process.env.PROPERTY_SEED ?? 20261207) });
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

  test('egress given by the name of a task the pipeline does not have (a typo) is refused: its NetworkPolicy would select no pod', () => {
    const { c, e } = setup();
    e.allowForTask('lnit', EgressPeer.cidr('10.0.0.0/24'), [EgressPort.tcp(443)]);
    e.markHermetic('tests');
    expect(() => Testing.synth(c)).toThrow(
      '2 findings; nothing was written:\n'
      + "  SecurePipeline 'test/ci': egress.allowForTask \"lnit\" names no task of the pipeline, so its NetworkPolicy selects no pod [VALID_REFERENCE]. "
      + 'Name a task of the pipeline (lint), or use allowEgressTo on the PipelineTask addTask returned (hermetic: true in its options).\n'
      + "  SecurePipeline 'test/ci': egress.markHermetic \"tests\" names no task of the pipeline, so its NetworkPolicy selects no pod [VALID_REFERENCE]. "
      + 'Name a task of the pipeline (lint), or use allowEgressTo on the PipelineTask addTask returned (hermetic: true in its options).',
    );
  });

  test('a pipeline whose task\'s NetworkPolicy name repeats another pipeline\'s: the fix says which names to change', () => {
    const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
    const build = new SecurePipeline(c, 'build');
    build.addTask({ task: new SecureTask(c, 'push', { steps: [step()] }) }).allowEgressTo(EgressPeer.cidr('10.0.0.0/24'), [EgressPort.tcp(443)]);
    const buildPush = new SecurePipeline(c, 'build-push');
    buildPush.addTask({ task: new SecureTask(c, 'lint', { steps: [step()] }) });
    buildPush.egress.allow(EgressPeer.cidr('10.0.1.0/24'), [EgressPort.tcp(443)]);
    const FIX = "A pipeline's NetworkPolicies are named <pipeline>-egress, <pipeline>-<task>-egress, <pipeline>-deny-all and <pipeline>-dns: rename ";
    const lines = (() => {
      try {
        Testing.synth(c);
        return [];
      } catch (e) {
        return (e as Error).message.split('\n').map((l) => l.trim().split('[UNIQUE_OBJECTS]. ')[1]).filter(Boolean);
      }
    })();
    expect(lines).toEqual([
      `${FIX}SecurePipeline 'test/build' (its name prop), or its task 'push' (the name in addTask), or the other pipeline whose names these repeat.`,
      `${FIX}SecurePipeline 'test/build-push' (its name prop), or the other pipeline whose names these repeat.`,
    ]);
  });

  test('a namespace no namespace can be named (a label value but not a DNS-1123 label): the policy would select no pod', () => {
    const { pipeline } = setup();
    const task = pipeline.pipelineTasks[0];
    const NS = (value: string) => `SecurePipeline 'test/ci' task 'lint' allowEgressTo() #1: peer "${value}" is not the name of a namespace (a DNS-1123 label: at most 63 `
      + 'lower-case letters, digits and "-"), so it selects no namespace and the allowance reaches nothing [VALID_SPEC]. '
      + "Give the namespace as kubectl get namespaces lists it, e.g. EgressPeer.namespaceNamed('registry').";
    expect(() => task.allowEgressTo(EgressPeer.namespaceNamed('Registry'), [EgressPort.tcp(443)])).toThrow(NS('Registry'));
    expect(() => task.allowEgressTo(EgressPeer.pods({ app: 'registry' }, 'registry.internal'), [EgressPort.tcp(443)])).toThrow(NS('registry.internal'));
    expect(() => task.allowEgressTo(EgressPeer.namespaceNamed('registry-1'), [EgressPort.tcp(443)])).not.toThrow();
  });

  test('a peer selected by labels the API server refuses is refused when it is allowed', () => {
    const { pipeline } = setup();
    const task = pipeline.pipelineTasks[0];
    expect(() => task.allowEgressTo(EgressPeer.namespaceNamed('Bad NS'), [EgressPort.tcp(443)])).toThrow(
      "SecurePipeline 'test/ci' task 'lint' allowEgressTo() #1: peer \"Bad NS\" is not a label value (empty, or at most 63 letters, digits, \"-\", \"_\" and \".\", starting and ending "
      + 'with a letter or digit), so the API server refuses the NetworkPolicy [VALID_SPEC]. Select pods and namespaces by labels they can have, '
      + "e.g. EgressPeer.pods({ app: 'registry' }) or EgressPeer.namespaceNamed('registry').",
    );
  });
});
