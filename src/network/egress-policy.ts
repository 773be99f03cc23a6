import { ApiObject, Lazy } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ConstructPolicy, RefusalOptions } from '../policy/engine/construct-policy';
import { Relaxation } from '../policy/relaxation';
import { RuleId } from '../policy/rule-id';
import { NAMESPACE_NAME_LABEL, PIPELINE_LABEL, PIPELINE_TASK_LABEL } from '../private/annotations';

const KIND = 'EgressPolicy';


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

  /** A range of TCP ports, both ends included. */
  public static tcpRange(from: number, to: number): EgressPort {
    return new EgressPort(EgressProtocol.TCP, from, to);
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
  /** An IP block, optionally minus some sub-blocks. `0.0.0.0/0` and `::/0` need a relaxation of EGRESS_NO_OPEN_CIDR. */
  public static cidr(cidr: string, except?: string[]): EgressPeer {
    return new EgressPeer(`cidr ${cidr}`, { ipBlock: { cidr, ...(except && except.length ? { except: [...except] } : {}) } }, [cidr, ...(except ?? [])]);
  }

  /** Every pod of a namespace. */
  public static namespace(name: string): EgressPeer {
    return new EgressPeer(`namespace ${name}`, { namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: name } } });
  }

  /** Pods with these labels, in one namespace (by default the pipeline's own). */
  public static pods(labels: { [key: string]: string }, namespace?: string): EgressPeer {
    return new EgressPeer(`pods ${JSON.stringify(labels)}`, {
      podSelector: { matchLabels: { ...labels } },
      ...(namespace ? { namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } } } : {}),
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
 * One allowed egress: a destination and its ports.
 */
export interface EgressAllowance {
  /** Where to. */
  readonly peer: EgressPeer;
  /** Which ports; none needs a relaxation of EGRESS_SCOPED. */
  readonly ports: EgressPort[];
}

/**
 * Props of an EgressPolicy.
 */
export interface EgressPolicyProps {
  /** Name of the Tekton Pipeline whose TaskRun pods the policies select. */
  readonly pipelineName: string;
  /** Relaxations for the NetworkPolicies (a SecurePipeline's relaxations reach them too). @default - none */
  readonly relaxations?: Relaxation[];
}

/**
 * NetworkPolicies for the pods of one pipeline: deny all ingress and egress, DNS
 * to kube-dns only, and an explicit allow-list per pipeline or per task.
 *
 * Pods are selected by Tekton's labels (`tekton.dev/pipeline`, and
 * `tekton.dev/pipelineTask` per task). A hermetic task gets no egress at all, not
 * even DNS. `SecurePipeline` always creates one (`pipeline.egress`); an empty
 * allow-list is valid and means DNS only.
 *
 * @example
 * pipeline.egress.allow(EgressPeer.cidr('10.20.0.0/16'), [EgressPort.tcp(443)]);
 */
export class EgressPolicy extends Construct {
  /** The pipeline whose pods are selected. */
  public readonly pipelineName: string;

  private readonly pipelineWide: EgressAllowance[] = [];
  private readonly perTask = new Map<string, EgressAllowance[]>();
  private readonly hermetic = new Set<string>();
  private readonly policy: ConstructPolicy;

  constructor(scope: Construct, id: string, props: EgressPolicyProps) {
    super(scope, id);
    this.policy = new ConstructPolicy(this, KIND);
    this.pipelineName = props.pipelineName;
    this.policy.relax(props.relaxations);

    this.networkPolicy('DenyAll', `${this.pipelineName}-deny-all`, { matchLabels: { [PIPELINE_LABEL]: this.pipelineName } }, undefined);
    this.networkPolicy('Dns', `${this.pipelineName}-dns`, this.nonHermeticSelector(), [{
      to: [{
        namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: 'kube-system' } },
        podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      }],
      ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
    }]);
  }

  /** Allow every non-hermetic task of the pipeline to reach `peer` on `ports`. */
  public allow(peer: EgressPeer, ports: EgressPort[]): void {
    this.pipelineWide.push(this.checked(peer, ports));
    if (this.pipelineWide.length === 1) {
      this.networkPolicy('Egress', `${this.pipelineName}-egress`, this.nonHermeticSelector(), Lazy.any({ produce: () => this.pipelineWide.map(renderRule) }));
    }
  }

  /** Allow one pipeline task to reach `peer` on `ports`. */
  public allowForTask(taskName: string, peer: EgressPeer, ports: EgressPort[]): void {
    if (this.hermetic.has(taskName)) throw this.hermeticError(taskName);
    const allowances = this.perTask.get(taskName) ?? [];
    allowances.push(this.checked(peer, ports));
    if (!this.perTask.has(taskName)) {
      this.perTask.set(taskName, allowances);
      this.networkPolicy(`Task-${taskName}`, `${this.pipelineName}-${taskName}-egress`,
        { matchLabels: { [PIPELINE_LABEL]: this.pipelineName, [PIPELINE_TASK_LABEL]: taskName } },
        Lazy.any({ produce: () => allowances.map(renderRule) }));
    }
  }

  /** Give one pipeline task no egress at all (not even DNS). */
  public markHermetic(taskName: string): void {
    if (this.perTask.has(taskName)) throw this.hermeticError(taskName);
    this.hermetic.add(taskName);
  }

  /** Names of the hermetic tasks. */
  public get hermeticTasks(): string[] {
    return [...this.hermetic];
  }

  /** Tasks with their own allow-list. */
  public get tasksWithEgress(): string[] {
    return [...this.perTask.keys()];
  }

  private error(o: Omit<RefusalOptions, 'rule'>): Error {
    return this.policy.error({ ...o, rule: RuleId.VALID_SPEC });
  }

  private hermeticError(taskName: string): Error {
    return this.error({
      location: `task '${taskName}'`,
      property: 'hermetic',
      value: taskName,
      problem: 'is a hermetic task with an egress allow-list',
      fix: 'A hermetic task reaches nothing: drop its allow-list, or do not mark it hermetic.',
    });
  }

  private checked(peer: EgressPeer, ports: EgressPort[]): EgressAllowance {
    for (const cidr of peer._cidrs()) {
      if (!isCidr(cidr)) {
        throw this.error({
          property: 'peer',
          value: cidr,
          problem: 'is not a CIDR block',
          fix: 'Write an IPv4 or IPv6 block with its prefix length, e.g. "203.0.113.0/24".',
        });
      }
    }
    for (const p of ports) {
      for (const n of [p.port, ...(p.endPort !== undefined ? [p.endPort] : [])]) {
        if (!Number.isInteger(n) || n < 1 || n > 65535) {
          throw this.error({
            property: 'ports',
            value: String(n),
            problem: 'is not a port between 1 and 65535',
            fix: 'Use a port number from 1 to 65535.',
          });
        }
      }
      if (p.endPort !== undefined && p.endPort < p.port) {
        throw this.error({
          property: 'ports',
          value: `${p.port}-${p.endPort}`,
          problem: 'is an empty range',
          fix: 'Give the lower port first.',
        });
      }
    }
    return { peer, ports: [...ports] };
  }

  /** Pods of the pipeline, minus the hermetic tasks. */
  private nonHermeticSelector(): any {
    return Lazy.any({
      produce: () => ({
        matchLabels: { [PIPELINE_LABEL]: this.pipelineName },
        ...(this.hermetic.size ? { matchExpressions: [{ key: PIPELINE_TASK_LABEL, operator: 'NotIn', values: [...this.hermetic] }] } : {}),
      }),
    });
  }

  private networkPolicy(id: string, name: string, podSelector: any, egress: any | undefined): void {
    // plain ApiObject: the typed L1 would need IntOrString wrappers inside lazily built rules
    this.policy.emit(new ApiObject(this, id, {
      ...k8s.KubeNetworkPolicy.GVK,
      metadata: { name },
      spec: {
        podSelector,
        policyTypes: egress ? ['Egress'] : ['Ingress', 'Egress'],
        ...(egress ? { egress } : {}),
      },
    }));
  }
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

/** Whether `s` is an IPv4 or IPv6 CIDR block. */
function isCidr(s: string): boolean {
  const [ip, prefix, ...rest] = s.split('/');
  if (rest.length || prefix === undefined || !/^\d{1,3}$/.test(prefix)) return false;
  const bits = Number(prefix);
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (v4) return bits <= 32 && v4.slice(1).every((o) => Number(o) <= 255);
  return bits <= 128 && /^[0-9a-fA-F:]+$/.test(ip) && ip.includes(':') && (ip.match(/::/g) ?? []).length <= 1;
}
