import { isDeepStrictEqual } from 'util';
import { ApiObject, Lazy } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { RuleCatalogue } from '../policy/catalogue';
import { ConstructPolicy, RefusalOptions } from '../policy/engine/construct-policy';
import type { Attribution } from '../policy/engine/enforcement';
import { checkedRelaxation, relaxationsIn, StoredRelaxation, storeRelaxations } from '../policy/engine/relaxation-store';
import { Relaxation } from '../policy/relaxation';
import { Finding } from '../policy/rule';
import { RuleId } from '../policy/rule-id';
import { NAMESPACE_NAME_LABEL, PIPELINE_TASK_LABEL, SECURE_PIPELINE_LABEL } from '../private/annotations';
import { AddressSet, embeddedIpv4, formatCidr, formatIpv4, isIpv4Mapped, isStrictSubset, parseCidr } from '../private/cidr';
import { constructKindOf } from '../private/construct-kinds';
import { labelProblem } from '../private/labels';
import { dnsLabelLike, isDns1123Label, isDns1123Subdomain } from '../private/names';
import { publicReach } from '../private/public-reach';
import { findingAddress } from '../private/targets';

const KIND = 'EgressPolicy';

/** The ports DNS servers of a cluster listen on: 53, and 5353 for OpenShift's (whose Service sends 53 there). */
/** IPv6 addresses a cluster's own DNS may listen on: link-local fe80::/10 and unique local fc00::/7 (public ones are refused apart). */
const LOCAL_IPV6 = AddressSet.blocks(['fe80::/10', 'fc00::/7'].map((b) => parseCidr(b)!));
const DNS_PORTS = [53, 5353];

/** How an allowance was given: `allow`, `allowForTask`, or a PipelineTask's `allowEgressTo`. */
type Call = 'allow' | 'allowForTask' | 'allowEgressTo';


/**
 * Transport protocols of an egress port.
 */
export enum EgressProtocol {
  /** TCP */
  TCP = 'TCP',
  /** UDP */
  UDP = 'UDP',
}

/**
 * A destination port (or range) that egress may reach.
 *
 * @example
 * EgressPort.tcp(443)
 */
export class EgressPort {
  /** One TCP port. */
  public static tcp(port: number): EgressPort {
    return new EgressPort(EgressProtocol.TCP, port);
  }

  /** One UDP port. */
  public static udp(port: number): EgressPort {
    return new EgressPort(EgressProtocol.UDP, port);
  }

  /**
   * A range of TCP ports, both ends included: `port` to `endPort`, as a NetworkPolicy
   * names them (named so in every language: `from` is a Python keyword).
   */
  public static tcpRange(port: number, endPort: number): EgressPort {
    return new EgressPort(EgressProtocol.TCP, port, endPort);
  }

  private constructor(
    /** Protocol. */
    public readonly protocol: EgressProtocol,
    /** Port (first of the range). */
    public readonly port: number,
    /** Last port of the range, if a range. */
    public readonly endPort?: number,
  ) {}
}

/**
 * A destination egress may reach.
 *
 * @example
 * EgressPeer.cidr('203.0.113.0/24')
 */
export class EgressPeer {
  /**
   * An IP block, optionally minus some sub-blocks (each a strict subset of it),
   * written in canonical form (no leading zeros, no bits beyond the prefix, no
   * IPv4-mapped IPv6). A block that reaches more than a /16's worth of public IPv4
   * (or a /32's worth of public IPv6) addresses, or a policy whose blocks together
   * reach more than a /8's worth of IPv4 (a /24's worth of IPv6), needs a
   * relaxation of EGRESS_NO_OPEN_CIDR.
   */
  public static cidr(cidr: string, exceptCidrs?: string[]): EgressPeer {
    return new EgressPeer(`cidr ${cidr}`, { ipBlock: { cidr, ...(exceptCidrs && exceptCidrs.length ? { except: [...exceptCidrs] } : {}) } }, [cidr, ...(exceptCidrs ?? [])]);
  }

  /** Every pod of a namespace. */
  public static namespaceNamed(name: string): EgressPeer {
    return new EgressPeer(`namespace ${name}`, { namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: name } } });
  }

  /** Pods with these labels, in one namespace (by default the pipeline's own). */
  public static pods(labels: { [key: string]: string }, namespaceName?: string): EgressPeer {
    return new EgressPeer(`pods ${JSON.stringify(labels)}${namespaceName ? ` in namespace ${namespaceName}` : ''}`, {
      podSelector: { matchLabels: { ...labels } },
      ...(namespaceName ? { namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: namespaceName } } } : {}),
    });
  }

  /** Any destination at all (the rule gets no `to`); needs a relaxation of EGRESS_SCOPED. */
  public static anywhere(): EgressPeer {
    return new EgressPeer('anywhere', undefined);
  }

  private constructor(
    /** For messages. */
    public readonly description: string,
    private readonly peer: Record<string, any> | undefined,
    private readonly cidrs: string[] = [],
  ) {}

  /**
   * The NetworkPolicy peer, or undefined for "anywhere".
   * @internal
   */
  public _render(): Record<string, any> | undefined {
    return this.peer;
  }

  /**
   * The CIDRs to check.
   * @internal
   */
  public _cidrs(): string[] {
    return [...this.cidrs];
  }
}

/**
 * Props of `DnsServer.custom`: DNS pods the pipeline's pods resolve names through.
 */
export interface CustomDnsServerProps {
  /** Namespace of the DNS pods, as `kubectl get namespaces` lists it. */
  readonly namespaceName: string;
  /** Labels of the DNS pods (at least one), as `kubectl get pods --show-labels` lists them. */
  readonly podLabels: { [key: string]: string };
  /**
   * Port the DNS pods listen on, over UDP and TCP: the pods' own port, not the Service's,
   * as a NetworkPolicy matches a connection after the Service has sent it to a pod. A port
   * other than 53 and 5353 (OpenShift's) needs a relaxation of EGRESS_SCOPED with a reason and the
   * target `field/dns=<port>` in the pipeline's props: the pods may serve anything there, under the name of DNS.
   * @default 53
   */
  readonly port?: number;
}

/** A peer of the pods of kube-system with this `k8s-app` label: a fresh object each time, as each policy writes its own. */
const kubeSystemApp = (app: string) => ({
  namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: 'kube-system' } },
  podSelector: { matchLabels: { 'k8s-app': app } },
});

/**
 * Where the pipeline's pods resolve names: what the pipeline's DNS NetworkPolicy
 * (`<pipeline>-dns`) allows every non-hermetic task to reach, on UDP and TCP. Choose
 * the one the pods' `/etc/resolv.conf` names (`kubectl exec <pod> -- cat /etc/resolv.conf`):
 * with another, names do not resolve and every step that fetches anything fails.
 *
 * @example
 * DnsServer.nodeLocalDnsCache() // GKE Autopilot, and clusters with the NodeLocal DNSCache add-on
 */
export class DnsServer {
  /** The kube-dns (CoreDNS) pods of kube-system, labelled `k8s-app: kube-dns`, on port 53: the default. */
  public static kubeDns(): DnsServer {
    return new DnsServer('DnsServer.kubeDns()', [{ to: [kubeSystemApp('kube-dns')], port: 53 }]);
  }

  /**
   * NodeLocal DNSCache: a cache on every node listening on `address`, which is on the node,
   * not a pod, so no pod selector reaches it. Allows kube-dns (as `kubeDns()`), and on port 53
   * the block of that one address and the cache's pods (kube-system, `k8s-app: node-local-dns`,
   * which Cilium's Local Redirect Policy sends the queries to).
   *
   * @param address the address the cache listens on and the pods' `/etc/resolv.conf` names: 169.254.20.10
   *   unless the cluster chose another, or the kube-dns Service's ClusterIP where the cache listens on
   *   that too (kube-proxy in iptables mode). A public address (a host outside the cluster, to which
   *   port 53 carries any data), or an IPv6 address neither link-local (fe80::/10) nor unique local
   *   (fc00::/7), which may be a network's own NAT64 prefix, needs a relaxation of EGRESS_SCOPED with a
   *   reason and the target `field/dns=<address>` (each `:` written `%3A`) in the pipeline's props, e.g.
   *   `target: 'field/dns=34.118.224.10'` for a ClusterIP in a public Service range such as GKE's 34.118.224.0/20.
   */
  public static nodeLocalDnsCache(address?: string): DnsServer {
    const text = address ?? '169.254.20.10';
    return new DnsServer(`DnsServer.nodeLocalDnsCache('${text}')`, [
      { to: [kubeSystemApp('kube-dns')], port: 53 },
      { to: [kubeSystemApp('node-local-dns')], port: 53, address: text },
    ]);
  }

  /**
   * OpenShift's DNS: the CoreDNS pods the DNS operator runs in `openshift-dns`, labelled
   * `dns.operator.openshift.io/daemonset-dns: default`, on port 5353 (their Service `dns-default`
   * listens on 53 and sends to 5353).
   */
  public static openShift(): DnsServer {
    return new DnsServer('DnsServer.openShift()', DnsServer.custom({ namespaceName: 'openshift-dns', podLabels: { 'dns.operator.openshift.io/daemonset-dns': 'default' }, port: 5353 }).servers);
  }

  /**
   * DNS pods of another kind: those with `podLabels` in `namespaceName`, on `port`. In kube-system
   * only port 53 passes EGRESS_SCOPED; elsewhere 53 and 5353, and another port with a relaxation
   * of EGRESS_SCOPED with the target `field/dns=<port>` in the pipeline's props.
   */
  public static custom(props: CustomDnsServerProps): DnsServer {
    const port = props.port ?? 53;
    const labels = { ...props.podLabels };
    const written = Object.keys(labels).length === 0 ? '{}' : `{ ${Object.entries(labels).map(([k, v]) => `'${k}': '${v}'`).join(', ')} }`;
    return new DnsServer(`DnsServer.custom({ namespaceName: '${props.namespaceName}', podLabels: ${written}${props.port === undefined ? '' : `, port: ${props.port}`} })`, [{
      to: [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: props.namespaceName } }, podSelector: { matchLabels: labels } }],
      port,
    }]);
  }

  private constructor(
    /** How it was written, for messages. */
    public readonly description: string,
    private readonly servers: ReadonlyArray<{ readonly to: Record<string, any>[]; readonly port: number; readonly address?: string }>,
  ) {}

  /**
   * The egress rules of the DNS NetworkPolicy.
   * @internal
   */
  public _rules(): any[] {
    return this.servers.map((s) => ({
      to: [...s.to, ...(s.address !== undefined ? [{ ipBlock: { cidr: `${s.address}/${s.address.includes(':') ? 128 : 32}` } }] : [])],
      ports: [{ protocol: 'UDP', port: s.port }, { protocol: 'TCP', port: s.port }],
    }));
  }

  /**
   * What to check before the rules are written: the address, and the peers' labels and port.
   * @internal
   */
  public _parts(): ReadonlyArray<{ readonly to: Record<string, any>[]; readonly port: number; readonly address?: string }> {
    return this.servers;
  }
}

/**
 * One allowed egress: a destination and its ports.
 */
export interface EgressAllowance {
  /** Where to. */
  readonly peer: EgressPeer;
  /** Which ports; none needs a relaxation of EGRESS_SCOPED. */
  readonly ports: EgressPort[];
}

/**
 * Options of one egress allowance.
 */
export interface EgressAllowOptions {
  /**
   * Relaxations for the one NetworkPolicy this allowance is written to (the
   * task's own policy for `allowEgressTo`/`allowForTask`, the pipeline-wide policy
   * for `allow`), e.g. of EGRESS_NO_OPEN_CIDR for a task that reaches a package
   * mirror behind a CDN. They cover every allowance of that policy, and no other
   * policy.
   * @default - none
   */
  readonly relaxations?: Relaxation[];
}

/**
 * Props of an EgressPolicy.
 */
export interface EgressPolicyProps {
  /**
   * Name of the Tekton Pipeline whose TaskRun pods the policies select: the pods carry it as
   * their `secure-tekton/pipeline` label, which a SecurePipeline writes on its Pipeline and
   * Tekton copies onto its runs' TaskRuns and pods (a Pipeline written otherwise must carry it
   * too, with its own name, or the policies select none of its pods).
   */
  readonly pipelineName: string;
  /**
   * Relaxations for every NetworkPolicy of the pipeline (a SecurePipeline's
   * relaxations reach them too); to relax one task's or the pipeline-wide policy
   * only, give them to `allowEgressTo`, `allowForTask` or `allow`. The DNS server's
   * port or address is relaxed only by a relaxation with its target, `field/dns=<port or address>`.
   * @default - none
   */
  readonly relaxations?: Relaxation[];
  /**
   * Where the pods resolve names: the DNS the pipeline's DNS NetworkPolicy allows, on UDP and
   * TCP. Give `DnsServer.nodeLocalDnsCache()` on a cluster with NodeLocal DNSCache (GKE
   * Autopilot, among others) and `DnsServer.openShift()` on OpenShift: there the kube-dns pods
   * of kube-system are not what the pods ask, and no name resolves.
   * @default DnsServer.kubeDns()
   */
  readonly dns?: DnsServer;
}

/**
 * NetworkPolicies for the pods of one pipeline: deny all ingress and egress, DNS
 * to the cluster's DNS only (kube-dns unless `dns` says otherwise), and an explicit allow-list per pipeline or per task.
 *
 * Pods are selected by the `secure-tekton/pipeline` label a SecurePipeline writes on
 * its Pipeline (Tekton copies it onto the pods of its runs; a run that embeds its
 * pipelineSpec cannot set it), and Tekton's `tekton.dev/pipelineTask` per task. A hermetic task gets no egress at all, not
 * even DNS. `SecurePipeline` always creates one (`pipeline.egress`); an empty
 * allow-list is valid and means DNS only. The refusals of a pipeline's policy name the
 * pipeline and the call that gave the allowance (`SecurePipeline 'ci/release' task 'build'
 * allowEgressTo() #1`, `egress.allow() #2`), as the user reaches them, numbered among the calls of that
 * name for the task (or the pipeline).
 *
 * @example
 * declare const pipeline: SecurePipeline;
 * const egress: EgressPolicy = pipeline.egress; // every task of the pipeline that is not hermetic
 * egress.allow(EgressPeer.cidr('10.20.0.0/16'), [EgressPort.tcp(443)]);
 */
export class EgressPolicy extends Construct {
  /** The pipeline whose pods are selected. */
  public readonly pipelineName: string;
  /** Where the pods resolve names. */
  public readonly dns: DnsServer;

  private readonly pipelineWide: EgressAllowance[] = [];
  private readonly perTask = new Map<string, EgressAllowance[]>();
  private readonly hermetic = new Set<string>();
  /** The hermetic tasks a SecurePipeline's addTask marked (hermetic: true), to name that call rather than markHermetic. */
  private readonly hermeticByAddTask = new Set<string>();
  private readonly policy: ConstructPolicy;
  private readonly policyObjects = new Map<string | undefined, ApiObject>();
  /** The call that gave each allowance, to name it in refusals. */
  private readonly calls = new WeakMap<EgressAllowance, Call>();

  constructor(scope: Construct, id: string, props: EgressPolicyProps) {
    super(scope, id);
    this.policy = new ConstructPolicy(this, KIND);
    // a SecurePipeline's egress: the user reaches it as pipeline.egress and a task's allowEgressTo, and refusals say so
    this.policy.showAs(() => this.pipeline());
    this.pipelineName = props.pipelineName;
    this.policy.relax(props.relaxations);
    // the NetworkPolicies are named after it and select it as a label value: Tekton's Pipeline names fit both
    if (!isDns1123Subdomain(this.pipelineName) || this.pipelineName.length > 63) {
      throw this.error({
        property: 'pipelineName',
        value: String(this.pipelineName),
        problem: 'is not the name of a Pipeline (a DNS-1123 subdomain of at most 63 characters), so no pod carries it as its secure-tekton/pipeline label '
          + 'and the API server refuses the NetworkPolicies named after it',
        fix: "Give the Pipeline's metadata.name, e.g. pipelineName: 'release'.",
      });
    }

    const denyAll = this.networkPolicy('DenyAll', `${this.pipelineName}-deny-all`, { matchLabels: { [SECURE_PIPELINE_LABEL]: this.pipelineName } }, undefined);
    // no rule judges that the pipeline's pods are selected: the deny-all is written as emitted
    // said at synth, when a SecurePipeline holds it as its egress: the calls the user has
    this.policy.holdAsEmitted([denyAll], () => `Keep the deny-all NetworkPolicy of EgressPolicy '${this.node.path}' as written: allow what the pipeline needs with `
      + (this.pipeline() !== undefined ? "egress.allow(peer, ports), or a task's allowEgressTo" : 'allow(peer, ports) or allowForTask(taskName, peer, ports)')
      + ', not with a patch of this policy.');
    this.dns = props.dns ?? DnsServer.kubeDns();
    // at synth, when a SecurePipeline's refusals can name it
    this.policy.check(() => [this.dnsProblem(this.dns)].filter((p): p is RefusalOptions => p !== undefined));
    const dnsPolicy = this.networkPolicy('Dns', `${this.pipelineName}-dns`, this.nonHermeticSelector(), this.dns._rules(), undefined, undefined, this.dns);
    // the pipeline's relaxations count as the policy's own (the user gives dns to the pipeline), with the DNS server's target
    // only: one without a target covers every policy of the pipeline. The DNS policy records it, as it allows what it relaxes.
    this.policy.checkRelaxable(() => this.dnsScopeProblems(this.dns), () => this.dnsRelaxationHolders(),
      { requireTarget: true, recordOn: dnsPolicy });
  }

  /** The constructs whose relaxations may relax the DNS server: the policy, and the SecurePipeline whose egress it is. */
  private dnsRelaxationHolders(): Construct[] {
    return [this, ...this.pipeline() !== undefined ? [this.node.scope as Construct] : []];
  }

  /** The DNS server's address, labels, namespace and port, as the API server validates them and as they select anything. */
  private dnsProblem(dns: DnsServer): RefusalOptions | undefined {
    const refuse = (value: string, problem: string, fix: string): RefusalOptions => ({ property: 'dns', value, problem, rule: RuleId.VALID_SPEC, fix: `${fix}, in ${dns.description}.` });
    for (const part of dns._parts()) {
      if (!Number.isInteger(part.port) || part.port < 1 || part.port > 65535) {
        return refuse(String(part.port), 'is not a port between 1 and 65535', 'Give the port the DNS pods listen on, e.g. port: 5353');
      }
      for (const peer of part.to) {
        const labels = Object.entries<string>(peer.podSelector.matchLabels);
        if (labels.length === 0) {
          return refuse('{}', 'selects no pod by label, so every pod of the namespace is allowed', "Give the labels of the DNS pods, e.g. podLabels: { 'k8s-app': 'kube-dns' }");
        }
        for (const [key, value] of labels) {
          const invalid = labelProblem(key, value);
          if (invalid) return refuse(invalid.which === 'key' ? key : value, `${invalid.problem}, so the API server refuses the NetworkPolicy`, 'Give the labels of the DNS pods as kubectl get pods --show-labels lists them');
        }
        const namespace = peer.namespaceSelector.matchLabels[NAMESPACE_NAME_LABEL];
        if (!isDns1123Label(namespace)) {
          return refuse(String(namespace), 'is not the name of a namespace (a DNS-1123 label: at most 63 lower-case letters, digits and "-"), so it selects no namespace and no name resolves',
            'Give the namespace of the DNS pods as kubectl get namespaces lists it');
        }
      }
      if (part.address !== undefined) {
        const bits = part.address.includes(':') ? 128 : 32;
        const cidr = part.address.includes('/') ? undefined : parseCidr(`${part.address}/${bits}`);
        if (cidr === undefined || cidr.ambiguities.length > 0) {
          return refuse(part.address, 'is not one IPv4 or IPv6 address in canonical form (no prefix length, no leading zeros, no IPv4-mapped IPv6)',
            "Give the address the pods' /etc/resolv.conf names as nameserver, e.g. DnsServer.nodeLocalDnsCache('169.254.20.10')");
        }
      }
    }
    return undefined;
  }

  /**
   * What a valid DNS server lets every task that is not hermetic reach besides a cluster's DNS, under the name
   * of DNS: a port no DNS server listens on (pods that serve anything else there), a public address (a host
   * outside the cluster, to which port 53 carries any data). A NodeLocal DNSCache listens on a link-local
   * address, and on the kube-dns Service's ClusterIP, which is public only where the cluster's Service range is.
   */
  private dnsScopeProblems(dns: DnsServer): Array<RefusalOptions & { readonly target: string }> {
    if (this.dnsProblem(dns) !== undefined) return [];
    const shown = this.pipeline();
    const props = `${shown?.kind ?? KIND} '${shown?.path ?? this.node.path}'`;
    // a relaxation of EGRESS_SCOPED without a target, given for the DNS server before it needed one: said what to write instead
    const whole = this.dnsRelaxationHolders().flatMap((h) => relaxationsIn(h))
      .find((r) => r.rule === RuleId.EGRESS_SCOPED && r.target === undefined && !r.derived);
    const relax = (value: string) => {
      const target = dnsTarget(value);
      return `relax EGRESS_SCOPED for the DNS server only, with a reason in the props of ${props}: `
        + `relaxations: [{ rule: RuleId.EGRESS_SCOPED, target: '${target}', reason: '<why>' }].`
        + (whole === undefined ? '' : ` The relaxation of EGRESS_SCOPED without a target (${whole.origin.property}) does not cover the DNS server, as it covers `
          + `every NetworkPolicy of the pipeline: give it target: '${target}' if the DNS server is what it is for.`);
    };
    const problems: Array<RefusalOptions & { readonly target: string }> = [];
    for (const part of dns._parts()) {
      const namespace = part.to[0]?.namespaceSelector?.matchLabels?.[NAMESPACE_NAME_LABEL];
      // kube-system beyond 53 is EGRESS_SCOPED's finding on the DNS NetworkPolicy
      if (!DNS_PORTS.includes(part.port) && namespace !== 'kube-system') {
        problems.push({
          property: 'dns',
          value: String(part.port),
          problem: `is not a port DNS servers listen on (53, or 5353 as OpenShift's DNS pods do), so every task that is not hermetic may reach the pods it names in namespace ${namespace} `
            + `on ${part.port}/UDP and ${part.port}/TCP, whatever they serve there, under the name of DNS`,
          rule: RuleId.EGRESS_SCOPED,
          fix: `Give DnsServer.custom the port the DNS pods listen on, e.g. port: 53. If they listen on ${part.port}, ${relax(String(part.port))}`,
          target: dnsTarget(String(part.port)),
        });
      }
      const cidr = part.address === undefined ? undefined : parseCidr(`${part.address}/${part.address.includes(':') ? 128 : 32}`);
      const reach = cidr === undefined ? undefined : publicReach(cidr, []);
      if (reach !== undefined && (!reach[4].isEmpty() || !reach[6].isEmpty())) {
        problems.push({
          property: 'dns',
          value: part.address,
          problem: 'is a public address, not one NodeLocal DNSCache listens on (a link-local address, 169.254.20.10 unless the cluster chose another), so every task that is '
            + 'not hermetic may reach that host outside the cluster on 53/UDP and 53/TCP, which carry any data to it',
          rule: RuleId.EGRESS_SCOPED,
          fix: "Give DnsServer.nodeLocalDnsCache the address the pods' /etc/resolv.conf names as nameserver, e.g. DnsServer.nodeLocalDnsCache('169.254.20.10'). "
            + `If that is the kube-dns Service's ClusterIP (kubectl get service kube-dns -n kube-system), in a public block the cluster's Services take, ${relax(part.address!)}`,
          target: dnsTarget(part.address!),
        });
      } else if (cidr?.family === 6 && AddressSet.block(cidr).intersect(LOCAL_IPV6).isEmpty()) {
        problems.push({
          property: 'dns',
          value: part.address,
          problem: 'is neither a link-local (fe80::/10) nor a unique local (fc00::/7) IPv6 address, where NodeLocal DNSCache and cluster Services listen; '
            + "an address outside them may be a network's own NAT64 prefix (such as RFC 8215's 64:ff9b:1::/48), which reaches any IPv4 host outside the cluster, "
            + 'so every task that is not hermetic may reach that host on 53/UDP and 53/TCP, which carry any data to it',
          rule: RuleId.EGRESS_SCOPED,
          fix: "Give DnsServer.nodeLocalDnsCache the address the pods' /etc/resolv.conf names as nameserver, e.g. DnsServer.nodeLocalDnsCache('169.254.20.10'). "
            + `If the cluster's DNS listens there, ${relax(part.address!)}`,
          target: dnsTarget(part.address!),
        });
      }
    }
    return problems;
  }

  /**
   * Allow every non-hermetic task of the pipeline to reach `peer` on `ports`.
   * `options.relaxations` relax the pipeline-wide NetworkPolicy only.
   */
  public allow(peer: EgressPeer, ports: EgressPort[], options: EgressAllowOptions = {}): void {
    const allowance = this.checked(peer, ports, undefined, 'allow');
    const relaxations = this.relaxationsFor(undefined, 'Egress', options.relaxations, 'allow');
    if (this.pipelineWide.length === 0) {
      this.policyObjects.set(undefined, this.networkPolicy('Egress', `${this.pipelineName}-egress`, this.nonHermeticSelector(),
        Lazy.any({ produce: () => this.pipelineWide.map(renderRule) }), undefined, this.pipelineWide));
    }
    storeRelaxations(this.policyObjects.get(undefined)!, relaxations);
    this.pipelineWide.push(allowance);
  }

  /**
   * Allow one pipeline task to reach `peer` on `ports`. `options.relaxations`
   * relax that task's NetworkPolicy only.
   */
  public allowForTask(taskName: string, peer: EgressPeer, ports: EgressPort[], options: EgressAllowOptions = {}): void {
    this.allowTask(taskName, peer, ports, options, 'allowForTask');
  }

  /**
   * `allowForTask` as a PipelineTask's `allowEgressTo` calls it: refusals name that call.
   * @internal
   */
  public _allowEgressTo(taskName: string, peer: EgressPeer, ports: EgressPort[], options: EgressAllowOptions = {}): void {
    this.allowTask(taskName, peer, ports, options, 'allowEgressTo');
  }

  private allowTask(taskName: string, peer: EgressPeer, ports: EgressPort[], options: EgressAllowOptions, call: Call): void {
    this.checkTaskName(taskName);
    if (this.hermetic.has(taskName)) throw this.hermeticError(taskName, call, this.hermeticByAddTask.has(taskName));
    const allowance = this.checked(peer, ports, taskName, call);
    const relaxations = this.relaxationsFor(taskName, `Task-${taskName}`, options.relaxations, call);
    let allowances = this.perTask.get(taskName);
    if (!allowances) {
      const list: EgressAllowance[] = [];
      allowances = list;
      this.perTask.set(taskName, list);
      this.policyObjects.set(taskName, this.networkPolicy(`Task-${taskName}`, `${this.pipelineName}-${taskName}-egress`,
        { matchLabels: { [SECURE_PIPELINE_LABEL]: this.pipelineName, [PIPELINE_TASK_LABEL]: taskName } },
        Lazy.any({ produce: () => list.map(renderRule) }), taskName, list));
    }
    storeRelaxations(this.policyObjects.get(taskName)!, relaxations);
    allowances.push(allowance);
  }

  /** Give one pipeline task no egress at all (not even DNS). */
  public markHermetic(taskName: string): void {
    this.mark(taskName, false);
  }

  /**
   * `markHermetic` as a SecurePipeline's `addTask` calls it for `hermetic: true`: refusals name that option.
   * @internal
   */
  public _markHermeticByAddTask(taskName: string): void {
    this.mark(taskName, true);
  }

  private mark(taskName: string, byAddTask: boolean): void {
    this.checkTaskName(taskName);
    if (this.perTask.has(taskName)) throw this.hermeticError(taskName, undefined, byAddTask);
    this.hermetic.add(taskName);
    if (byAddTask) this.hermeticByAddTask.add(taskName);
  }

  /** Names of the hermetic tasks. */
  public get hermeticTasks(): string[] {
    return [...this.hermetic];
  }

  /** Tasks with their own allow-list. */
  public get tasksWithEgress(): string[] {
    return [...this.perTask.keys()];
  }

  /**
   * What the policies written here let one pipeline task's pods reach (besides DNS): the
   * pipeline-wide allowances (`allow`) and the task's own (`allowForTask`); none for a
   * hermetic task (`hermetic`); and the call that gave the task's own, as refusals name it.
   * @internal
   */
  public _reachableBy(taskName: string): {
    readonly pipelineWide: readonly EgressAllowance[];
    readonly own: readonly EgressAllowance[];
    readonly ownGivenBy: string;
    readonly hermetic: boolean;
  } {
    const hermetic = this.hermetic.has(taskName);
    const own = hermetic ? [] : [...(this.perTask.get(taskName) ?? [])];
    const first = own[0];
    return {
      hermetic,
      pipelineWide: hermetic ? [] : [...this.pipelineWide],
      own,
      ownGivenBy: first === undefined ? 'allowEgressTo' : this.callName(this.calls.get(first) ?? 'allowForTask'),
    };
  }

  /** A pipeline task's name is a DNS-1123 label (Tekton validates it so): the label the task's pods carry, and part of its policy's name. */
  private checkTaskName(taskName: string): void {
    if (typeof taskName === 'string' && isDns1123Label(taskName)) return;
    throw this.error({
      property: 'taskName',
      value: String(taskName),
      problem: 'is not the name of a pipeline task (a DNS-1123 label), so no pod carries it as its tekton.dev/pipelineTask label',
      fix: "Give the pipeline task's name as the Pipeline writes it, e.g. 'build'.",
    });
  }

  private error(o: Omit<RefusalOptions, 'rule'>): Error {
    return this.policy.error({ ...o, rule: RuleId.VALID_SPEC });
  }

  /** The SecurePipeline whose `egress` this is, as refusals name it; undefined for a policy of its own. */
  private pipeline(): { readonly kind: string; readonly path: string } | undefined {
    const scope: any = this.node.scope;
    return scope?.egress === this ? { kind: constructKindOf(scope.constructor, 'SecurePipeline'), path: scope.node.path } : undefined;
  }

  /** A call as the user wrote it: through the pipeline (`egress.allow`) when the policy is a SecurePipeline's. */
  private callName(call: Call): string {
    return call !== 'allowEgressTo' && this.pipeline() !== undefined ? `egress.${call}` : call;
  }

  /**
   * Where a call's finding is said: for a SecurePipeline's policy the call itself (`task 'build'
   * allowEgressTo()`, `egress.allow()`), as the pipeline's refusals name it; for a policy of
   * its own, undefined (its findings name the call and its rank in the policy: `allow() #2`).
   */
  private callLocation(taskName: string | undefined, call: Call): string | undefined {
    if (this.pipeline() === undefined) return undefined;
    return [taskName !== undefined ? `task '${taskName}'` : undefined, `${this.callName(call)}()`].filter(Boolean).join(' ');
  }

  /**
   * A task both hermetic and with an allow-list, said of the call written last: `call`, which gave the allow-list, or
   * (undefined) the marking, by a SecurePipeline's addTask (`byAddTask`) or markHermetic.
   */
  private hermeticError(taskName: string, call: Call | undefined, byAddTask: boolean): Error {
    // a policy of its own: said of its two calls, the one written last (allowForTask on a hermetic task, or markHermetic on a task with an allow-list)
    if (this.pipeline() === undefined) {
      return this.error({
        location: `task '${taskName}'`,
        property: call !== undefined ? 'allowForTask' : 'markHermetic',
        problem: call !== undefined ? `gives egress to a task marked hermetic (markHermetic('${taskName}'))` : 'marks a task that has an egress allow-list (allowForTask) hermetic',
        fix: `A hermetic task reaches nothing: remove the allowForTask('${taskName}', ...) calls, or the markHermetic('${taskName}') call.`,
      });
    }
    // said of what the user wrote last: the allow-list on a hermetic task, or hermetic on a task with one; hermetic as it was given
    const marked = byAddTask ? 'hermetic: true in its addTask(...)' : `egress.markHermetic('${taskName}')`;
    const unmark = byAddTask ? 'hermetic: true from its addTask(...)' : `the egress.markHermetic('${taskName}') call`;
    if (call !== undefined) {
      return this.error({
        location: `task '${taskName}'`,
        property: this.callName(call),
        problem: `gives egress to a hermetic task (${marked})`,
        fix: `A hermetic task reaches nothing: remove its ${this.callName(call)}(...) calls, or ${unmark}.`,
      });
    }
    // the calls that gave the allow-list, as written
    const first = this.perTask.get(taskName)?.[0];
    const given = first !== undefined ? this.callName(this.calls.get(first) ?? 'allowForTask') : 'allowEgressTo';
    return this.error({
      location: `task '${taskName}'`,
      ...(byAddTask ? { property: 'hermetic', value: 'true' } : { property: 'egress.markHermetic' }),
      problem: `marks a task that has an egress allow-list (${given}) hermetic`,
      fix: `A hermetic task reaches nothing: remove its ${given}(...) calls, or ${unmark}.`,
    });
  }

  /**
   * Checks the relaxations of one allowance; they are stored on the ApiObject of
   * the task's (or the pipeline-wide) NetworkPolicy: the engine applies a
   * construct's relaxations to the objects below it, and that ApiObject holds
   * nothing else.
   */
  private relaxationsFor(taskName: string | undefined, id: string, relaxations: readonly Relaxation[] | undefined, call: Call): StoredRelaxation[] {
    if (relaxations === undefined) return [];
    const location = taskName === undefined ? undefined : `task '${taskName}'`;
    const property = this.callName(call);
    if (!Array.isArray(relaxations)) {
      throw this.policy.error({
        location,
        property: `${property}.relaxations`,
        value: String(relaxations),
        problem: 'is not a list',
        rule: RuleId.RELAXATION_REASON,
        fix: "Give a list: { relaxations: [{ rule: RuleId.<RULE>, reason: '<why>' }] }.",
      });
    }
    const path = `${this.node.path}/${id}`;
    const shown = this.pipeline();
    // said as the pipeline's, held by the policy object
    return relaxations.map((r, i) => ({
      ...checkedRelaxation(r, { construct: shown?.kind ?? KIND, path: shown?.path ?? path, location, property: `${property}.relaxations[${i}]` }),
      path,
    }));
  }

  private checked(peer: EgressPeer, ports: EgressPort[], taskName: string | undefined, call: Call): EgressAllowance {
    // the call and its rank among the calls of that name for the policy (or task) its allowance goes to, as the findings on the policy say
    // (`task 'build' allowForTask() #2`; a SecurePipeline's: `egress.allow() #2`, `task 'build' allowEgressTo() #1`, which a task's
    // egress.allowForTask() calls do not count)
    const rank = callRank(taskName === undefined ? this.pipelineWide : this.perTask.get(taskName) ?? [], call, this.calls);
    const location = `${this.callLocation(taskName, call) ?? [taskName !== undefined ? `task '${taskName}'` : undefined, `${call}()`].filter(Boolean).join(' ')} #${rank}`;
    // the selectors' labels, as the API server validates them
    const rendered = peer._render();
    for (const selector of [rendered?.podSelector, rendered?.namespaceSelector]) {
      for (const [key, value] of Object.entries<string>(selector?.matchLabels ?? {})) {
        const invalid = labelProblem(key, value);
        if (invalid) {
          throw this.error({
            location,
            property: 'peer',
            value: invalid.which === 'key' ? key : value,
            problem: `${invalid.problem}, so the API server refuses the NetworkPolicy`,
            fix: "Select pods and namespaces by labels they can have, e.g. EgressPeer.pods({ app: 'registry' }) or EgressPeer.namespaceNamed('registry').",
          });
        }
      }
    }
    // the API server sets kubernetes.io/metadata.name to the namespace's name, a DNS-1123 label: another value selects nothing
    const namespace = rendered?.namespaceSelector?.matchLabels?.[NAMESPACE_NAME_LABEL];
    if (typeof namespace === 'string' && !isDns1123Label(namespace)) {
      throw this.error({
        location,
        property: 'peer',
        value: namespace,
        problem: 'is not the name of a namespace (a DNS-1123 label: at most 63 lower-case letters, digits and "-"), so it selects no namespace and the allowance reaches nothing',
        fix: "Give the namespace as kubectl get namespaces lists it, e.g. EgressPeer.namespaceNamed('registry').",
      });
    }
    // the block, then its excepts (EgressPeer.cidr's second argument), each named as it was given
    const [block, ...excepts] = peer._cidrs().map((text, i) => {
      const property = i === 0 ? 'peer' : 'exceptCidrs';
      const cidr = parseCidr(text);
      if (!cidr) {
        // one address without its prefix length, or a host name, which no NetworkPolicy can select
        const bits = text.includes(':') ? 128 : 32;
        const single = text.includes('/') ? undefined : parseCidr(`${text}/${bits}`);
        const fix = single !== undefined && single.ambiguities.length === 0
          ? `Write "${text}/${bits}" for that one address${property === 'peer' ? ` (EgressPeer.cidr('${text}/${bits}'))` : ''}, or the block of the addresses the task needs.`
          : !text.includes('/') && /[a-z]/i.test(text) && text.includes('.') && isDns1123Subdomain(text.toLowerCase())
            ? `A NetworkPolicy selects addresses, not host names: give the blocks of the addresses ${text} resolves to (EgressPeer.cidr('<address>/32') for one address), `
              + 'or the block its operator publishes; its addresses may change.'
            : 'Write an IPv4 or IPv6 block with its prefix length, e.g. "203.0.113.0/24".';
        throw this.error({ location, property, value: text, problem: 'is not a CIDR block', fix });
      }
      if (cidr.ambiguities.length > 0) {
        throw this.error({
          location,
          property,
          value: text,
          problem: 'is not in canonical form (leading zeros, bits beyond the prefix length or an IPv4-mapped IPv6 address), which software reads differently',
          fix: `Write "${isIpv4Mapped(cidr.network) ? `${formatIpv4(embeddedIpv4(cidr.network))}/${cidr.prefix - 96}` : formatCidr(cidr)}" if that is the block you mean.`,
        });
      }
      return cidr;
    });
    for (const except of excepts) {
      if (!isStrictSubset(block, except)) {
        throw this.error({
          location,
          property: 'exceptCidrs',
          value: except.text,
          problem: `is not a strict subset of the peer's block ${block.text}, so the API server would reject the policy`,
          fix: `Give as exceptCidrs (EgressPeer.cidr's second argument) only blocks inside ${block.text} and smaller than it, or leave it out.`,
        });
      }
    }
    for (const p of ports) {
      for (const n of [p.port, ...(p.endPort !== undefined ? [p.endPort] : [])]) {
        if (!Number.isInteger(n) || n < 1 || n > 65535) {
          throw this.error({
            location,
            property: 'ports',
            value: String(n),
            problem: 'is not a port between 1 and 65535',
            fix: 'Use a port number from 1 to 65535.',
          });
        }
      }
      if (p.endPort !== undefined && p.endPort < p.port) {
        throw this.error({
          location,
          property: 'ports',
          value: `${p.port}-${p.endPort}`,
          problem: 'is an empty range',
          fix: 'Give the lower port first.',
        });
      }
    }
    const allowance = { peer, ports: [...ports] };
    this.calls.set(allowance, call);
    return allowance;
  }

  /** Pods of the pipeline, minus the hermetic tasks. */
  private nonHermeticSelector(): any {
    return Lazy.any({
      produce: () => ({
        matchLabels: { [SECURE_PIPELINE_LABEL]: this.pipelineName },
        // NotIn alone also selects a pod without the label: the affinity assistant Tekton starts for a run
        // carries the run's labels but no task's, and mounts every claim of the run
        ...(this.hermetic.size ? {
          matchExpressions: [
            { key: PIPELINE_TASK_LABEL, operator: 'Exists' },
            { key: PIPELINE_TASK_LABEL, operator: 'NotIn', values: [...this.hermetic] },
          ],
        } : {}),
      }),
    });
  }

  /**
   * Emits one NetworkPolicy. A task's policy is refused under its own path
   * (`<egress>/Task-<task>`), with a fix that relaxes that task only.
   */
  private networkPolicy(
    id: string, name: string, podSelector: any, egress: any | undefined, taskName?: string, allowances?: readonly EgressAllowance[], dns?: DnsServer,
  ): ApiObject {
    // plain ApiObject: the typed L1 would need IntOrString wrappers inside lazily built rules
    const o = new ApiObject(this, id, {
      ...k8s.KubeNetworkPolicy.GVK,
      metadata: { name },
      spec: {
        podSelector,
        policyTypes: egress ? ['Egress'] : ['Ingress', 'Egress'],
        ...(egress ? { egress } : {}),
      },
    });
    // the names join the pipeline's and the task's: say which to rename, not a name prop the policy does not have
    const sameName = (f: Finding): Attribution | undefined => {
      if (f.rule !== RuleId.UNIQUE_OBJECTS || f.property !== 'metadata.name') return undefined;
      const scope = this.node.scope as any;
      const pipeline = scope?.egress === this ? scope as Construct : undefined;
      // a pipeline made twice under other constructs: its path below the chart tells the copies apart
      const suggestion = pipeline === undefined ? undefined : dnsLabelLike(pipeline.node.path.split('/').slice(1).join('-'));
      const rename = pipeline === undefined ? `the pipelineName '${this.pipelineName}' of EgressPolicy '${this.node.path}'`
        : `SecurePipeline '${pipeline.node.path}' (its name prop${suggestion !== undefined && suggestion !== this.pipelineName ? `, e.g. name: '${suggestion}'` : ''})`;
      return {
        property: f.property,
        value: f.value,
        problem: f.problem,
        fix: `A pipeline's NetworkPolicies are named <pipeline>-egress, <pipeline>-<task>-egress, <pipeline>-deny-all and <pipeline>-dns: rename ${rename}`
          + `${taskName !== undefined ? `, or its task '${taskName}' (the name in addTask)` : ''}, or the other pipeline whose names these repeat.`,
      };
    };
    // the call that gave an allowance, as the user wrote it (a policy of its own says allow() and allowForTask()), and its rank among
    // the calls of that name (`allowEgressTo() #2`: the task's second allowEgressTo(), whatever egress.allowForTask() gave it)
    const callOf = (a: EgressAllowance) => {
      const call = this.calls.get(a) ?? 'allow';
      const before = (allowances ?? []).slice(0, Math.max(0, (allowances ?? []).indexOf(a)));
      return `${this.callLocation(taskName, call) ?? `${call}()`} #${callRank(before, call, this.calls)}`;
    };
    // a finding on the rules written for the DNS server is said of the dns prop that chose it, as written
    const dnsFinding = (f: Finding, json: any): Attribution | undefined => (dns === undefined || f.location === undefined
      || !isDeepStrictEqual(json?.spec?.egress, dns._rules()) ? undefined : {
        location: '',
        property: 'dns',
        value: dns.description,
        problem: `writes the rule ${f.location}, whose ${f.property}${f.value === undefined ? '' : ` "${f.value}"`} ${f.problem}`,
        fix: "Choose the DNS server the pods' /etc/resolv.conf names: DnsServer.kubeDns(), nodeLocalDnsCache(), openShift(), or custom({ namespaceName, podLabels, port }) "
          + 'with the labels of the DNS pods (in kube-system on port 53 only).',
        thenRelaxHint: true,
      });
    if (taskName === undefined) {
      return this.policy.emit(o, (f, json) => sameName(f) ?? dnsFinding(f, json)
        ?? (allowances ? attributeAllowance(f, json, allowances, callOf) : undefined));
    }
    const taskPolicy = new ConstructPolicy(o, KIND);
    taskPolicy.showAs(() => this.pipeline());
    return taskPolicy.emit(o, (f, json) => {
      const same = sameName(f);
      if (same) return same;
      const rule = RuleCatalogue.find(f.rule);
      const allowance = attributeAllowance(f, json, allowances ?? [], callOf);
      if (!rule?.relaxable) return allowance;
      // relaxed where the allowance was given: allowEgressTo, or the policy's allowForTask (egress.allowForTask for a SecurePipeline's)
      const given = allowances?.[Number(/^egress\[(\d+)\]$/.exec(f.location ?? '')?.[1])];
      const call = (given !== undefined ? this.calls.get(given) : undefined) ?? (this.pipeline() !== undefined ? 'allowEgressTo' : 'allowForTask');
      const relaxedBy = call === 'allowEgressTo' ? 'allowEgressTo(peer, ports, ' : `${this.callName(call)}('${taskName}', peer, ports, `;
      return {
        location: allowance?.location,
        property: allowance?.property ?? f.property,
        value: allowance?.value ?? f.value,
        problem: allowance?.problem ?? f.problem,
        fix: `${f.fix ?? rule.fix} Or relax ${f.rule} for task '${taskName}' only: ${relaxedBy}{ relaxations: [{ rule: RuleId.${f.rule}, reason: '<why>' }] }).`,
      };
    });
  }
}

/** The rank of the next allowance given by `call` after `given`: one more than the allowances among them that call gave. */
function callRank(given: readonly EgressAllowance[], call: Call, calls: WeakMap<EgressAllowance, Call>): number {
  return given.filter((a) => (calls.get(a) ?? 'allow') === call).length + 1;
}

/**
 * A finding on rule `egress[i]` of a policy restated as the i-th allowance given to it, said of
 * the call `callOf` names with its rank among that call's: its `peer` or its `ports`, as the user wrote them.
 */
function attributeAllowance(
  f: Finding, json: any, allowances: readonly EgressAllowance[], callOf: (a: EgressAllowance) => string,
): Attribution | undefined {
  const i = Number(/^egress\[(\d+)\]$/.exec(f.location ?? '')?.[1]);
  const a = allowances[i];
  // only a rule as the allowance wrote it (an escape-hatch patch makes it the object's own)
  if (a === undefined || !isDeepStrictEqual(json?.spec?.egress?.[i], renderRule(a))) return undefined;
  const location = callOf(a);
  if (f.property === 'ports') return { location: `${location} to ${a.peer.description}`, property: 'ports', value: f.value, problem: f.problem };
  if (f.property === 'to' && a.peer._render() === undefined) {
    return { location, property: 'peer', value: 'EgressPeer.anywhere()', problem: f.problem.replace(/^is empty, so /, 'writes no destination, so ') };
  }
  if (/^to(\[\d+\])?(\.|$)/.test(f.property)) return { location, property: f.property.endsWith('except') ? 'peer exceptCidrs' : 'peer', value: f.value, problem: f.problem };
  return undefined;
}

/**
 * The target of a relaxation of the DNS server's port or address (`value`): its address as a finding without a part of the
 * object has it, `field/dns=<value>` (`:` percent-encoded), which covers no other finding.
 */
function dnsTarget(value: string): string {
  return findingAddress({ property: 'dns', value })!;
}

function renderRule(a: EgressAllowance): any {
  const to = a.peer._render();
  return {
    ...(to ? { to: [to] } : {}),
    ...(a.ports.length ? { ports: a.ports.map(renderPort) } : {}),
  };
}

function renderPort(p: EgressPort): any {
  return { protocol: p.protocol, port: p.port, ...(p.endPort !== undefined ? { endPort: p.endPort } : {}) };
}
