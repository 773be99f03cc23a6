import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ConstructPolicy, RefusalOptions } from '../policy/engine/construct-policy';
import { Relaxation } from '../policy/relaxation';
import { RuleId } from '../policy/rule-id';
import { POD_SECURITY_LABEL_PREFIX } from '../private/annotations';
import { labelProblem } from '../private/labels';
import { own } from '../private/own';
import { parsePodSecurityVersion, RESTRICTED_COMPLETE_MINOR } from '../private/pod-security-version';

const KIND = 'HardenedNamespace';
/** The name of the default-deny NetworkPolicy. */
const DEFAULT_DENY_NAME = 'default-deny';

/** What Pod Security restricted and default-deny do to the components that run there (said after kubectl apply's effect). */
const BLOCKS = 'which default-deny blocks (no ingress, no egress for any pod of the namespace); kubectl apply would put it and the Pod Security '
  + 'labels onto the Namespace their installation made';

/**
 * The namespaces of cluster components the construct knows, each with why hardening it breaks
 * them: Kubernetes' own (the API server makes kube-system, kube-public and kube-node-lease), and
 * those Tekton's release manifests, the Tekton operator and OpenShift Pipelines install into.
 */
const COMPONENT_NAMESPACES: Record<string, string> = {
  'kube-system': 'is the namespace of the cluster\'s own components: kube-proxy and the network and storage plugins run there privileged, with the host\'s '
    + 'network and paths, which Pod Security restricted (and baseline) refuses for every new pod, and they reach the API server and the network, which '
    + 'default-deny blocks; kubectl apply would put both onto the Namespace the API server made',
  'kube-public': 'is a namespace the API server makes for itself, with the cluster-info ConfigMap that nodes joining the cluster read without '
    + 'credentials: no pipeline runs there, and kubectl apply would put the Pod Security labels and a default-deny NetworkPolicy onto the Namespace the '
    + 'API server made',
  'kube-node-lease': 'is a namespace the API server makes for itself, with the Lease each node renews as its heartbeat: no pipeline runs there, and '
    + 'kubectl apply would put the Pod Security labels and a default-deny NetworkPolicy onto the Namespace the API server made',
  'tekton-pipelines': 'is the namespace of Tekton\'s controllers and admission webhooks (Pipelines\', and Triggers\' and the Dashboard\'s when installed): '
    + `the API server calls the webhooks and the controllers call the API server, ${BLOCKS}`,
  'tekton-pipelines-resolvers': 'is the namespace of Tekton\'s remote resolvers, which fetch Tasks and Pipelines from git, hubs, OCI bundles and the '
    + `cluster for every run with a remote reference: they call the API server and those hosts, ${BLOCKS}`,
  'tekton-chains': 'is the namespace of the Tekton Chains controller, which signs runs and their images and stores the attestations: it calls the API '
    + `server, registries, key management and transparency logs, ${BLOCKS}`,
  'tekton-operator': 'is the namespace of the Tekton operator, which installs and reconciles every Tekton component: the API server calls its webhook '
    + `and it calls the API server, ${BLOCKS}`,
  'openshift-pipelines': 'is the namespace OpenShift Pipelines installs Tekton\'s controllers, webhooks, resolvers and Chains into: the API server '
    + `calls the webhooks and the controllers call the API server and remote hosts, ${BLOCKS}`,
  'openshift-operators': 'is the namespace OpenShift installs cluster-wide operators into (the OpenShift Pipelines operator among them): the API server '
    + `calls their webhooks and they call the API server, ${BLOCKS}`,
};

/**
 * Pod Security Standards profiles.
 */
export enum PodSecurityLevel {
  /** Hardened pods only: non-root, no privilege escalation, all capabilities dropped, RuntimeDefault seccomp. */
  RESTRICTED = 'restricted',
  /** Prevents known privilege escalations only (needs a relaxation). */
  BASELINE = 'baseline',
  /** No restriction at all (needs a relaxation). */
  PRIVILEGED = 'privileged',
}

/**
 * Pod Security Admission modes, each with its own namespace label.
 */
export enum PodSecurityMode {
  /** Pods that violate the profile are refused. */
  ENFORCE = 'enforce',
  /** Violations are recorded in the audit log. */
  AUDIT = 'audit',
  /** Violations are returned to the client as warnings. */
  WARN = 'warn',
}

/**
 * The Kubernetes version whose definition of a profile is applied (the `-version` labels).
 */
export class PodSecurityVersion {
  /** The profile as defined by the cluster's own version: it tightens when the cluster is upgraded. */
  public static readonly LATEST = new PodSecurityVersion('latest');

  /** The profile as defined by Kubernetes `v1.<minor>`, e.g. `PodSecurityVersion.of('v1.28')`. */
  public static of(version: string): PodSecurityVersion {
    return new PodSecurityVersion(version);
  }

  /** The label value. */
  public readonly value: string;

  private constructor(value: string) {
    this.value = value;
  }
}

/**
 * Props of a HardenedNamespace. A level weaker than restricted needs a relaxation of its mode.
 */
export interface HardenedNamespaceProps {
  /**
   * `metadata.name`, a DNS-1123 label; never a namespace of cluster components the construct knows (kube-system, kube-public,
   * kube-node-lease, tekton-pipelines, tekton-pipelines-resolvers, tekton-chains, tekton-operator, openshift-pipelines,
   * openshift-operators), whose components Pod Security restricted and default-deny would stop. @default - the construct id
   */
  readonly name?: string;
  /** Level refused at admission. @default PodSecurityLevel.RESTRICTED */
  readonly enforce?: PodSecurityLevel;
  /** Level recorded in the audit log. @default PodSecurityLevel.RESTRICTED */
  readonly audit?: PodSecurityLevel;
  /** Level returned as warnings. @default PodSecurityLevel.RESTRICTED */
  readonly warn?: PodSecurityLevel;
  /**
   * Version of the enforced profile; one before v1.23 (which lacks restricted
   * checks) needs a relaxation of its mode. @default PodSecurityVersion.of('v1.28')
   */
  readonly enforceVersion?: PodSecurityVersion;
  /** Version of the audited profile; one before v1.23 needs a relaxation of its mode. @default PodSecurityVersion.LATEST */
  readonly auditVersion?: PodSecurityVersion;
  /** Version of the warned profile; one before v1.23 needs a relaxation of its mode. @default PodSecurityVersion.LATEST */
  readonly warnVersion?: PodSecurityVersion;
  /** More labels, e.g. for NetworkPolicy namespace selectors; not `pod-security.kubernetes.io/*`. @default - none */
  readonly labels?: { [key: string]: string };
  /**
   * Relaxations, each limited to one mode with its target, e.g.
   * `{ rule: RuleId.NAMESPACE_RESTRICTED, target: RelaxationTarget.podSecurityMode('enforce'), reason: '...' }`
   * (without a target, a relaxation covers every mode). A relaxation of
   * NAMESPACE_DEFAULT_DENY leaves out the default-deny NetworkPolicy.
   * @default - none
   */
  readonly relaxations?: Relaxation[];
}

/**
 * A Namespace labelled for Pod Security Admission: `enforce`, `audit` and `warn`
 * all `restricted`. A weaker level for a mode needs a relaxation of
 * NAMESPACE_RESTRICTED for that mode (`privileged` included).
 *
 * With it comes a NetworkPolicy `default-deny` that selects every pod of the
 * namespace and allows no ingress and no egress, so that a pod no EgressPolicy
 * selects (a TaskRun created by hand, a run with an inline spec) reaches nothing;
 * EgressPolicy allows what each pipeline task needs on top of it. A relaxation of
 * NAMESPACE_DEFAULT_DENY leaves it out.
 *
 * Give it the namespaces your pipelines run in, never those of cluster
 * components: the construct refuses the ones it knows (Kubernetes' kube-system,
 * kube-public and kube-node-lease; tekton-pipelines, tekton-pipelines-resolvers,
 * tekton-chains, tekton-operator, openshift-pipelines, openshift-operators), but
 * not a component installed elsewhere (an operator's custom target namespace,
 * ingress controllers, CNI and storage plugins, cert-manager, Argo CD, service
 * meshes, other `kube-*` and `openshift-*` namespaces): default-deny blocks
 * their webhooks and their calls to the API server there just the same.
 *
 * The enforced profile is pinned to `v1.28` (the oldest Kubernetes this library
 * targets), so that a cluster upgrade never starts refusing pods that were
 * admitted the day before; `audit` and `warn` follow `latest`, so that the
 * stricter checks of newer versions show up as warnings and audit entries before
 * you move `enforceVersion` forward.
 *
 * @example
 * new HardenedNamespace(chart, 'ci');
 */
export class HardenedNamespace extends Construct {
  /** `metadata.name`. */
  public readonly name: string;
  /** Level refused at admission. */
  public readonly enforce: PodSecurityLevel;
  /** Level recorded in the audit log. */
  public readonly audit: PodSecurityLevel;
  /** Level returned as warnings. */
  public readonly warn: PodSecurityLevel;
  /** The emitted Namespace. */
  public readonly apiObject: ApiObject;
  /** The emitted default-deny NetworkPolicy (undefined when NAMESPACE_DEFAULT_DENY is relaxed). */
  public readonly defaultDeny?: ApiObject;

  private readonly policy: ConstructPolicy;

  constructor(scope: Construct, id: string, props: HardenedNamespaceProps = {}) {
    super(scope, id);
    this.policy = new ConstructPolicy(this, KIND);
    this.name = props.name ?? id;
    this.enforce = props.enforce ?? PodSecurityLevel.RESTRICTED;
    this.audit = props.audit ?? PodSecurityLevel.RESTRICTED;
    this.warn = props.warn ?? PodSecurityLevel.RESTRICTED;
    this.policy.checkName('name', this.name);
    const component = own(COMPONENT_NAMESPACES, this.name);
    if (component !== undefined) {
      throw this.error({
        property: 'name',
        value: this.name,
        problem: component + (props.name === undefined ? ' (the name defaults to the construct id)' : ''),
        fix: props.name === undefined
          ? `Harden the namespaces of your pipelines: give the construct their name (name: 'ci') or another id, not ${this.name}.`
          : `Harden the namespaces of your pipelines (name: 'ci'), not ${this.name}.`,
      });
    }
    this.policy.relax(props.relaxations);

    const modes: Array<[PodSecurityMode, PodSecurityLevel, PodSecurityVersion]> = [
      [PodSecurityMode.ENFORCE, this.enforce, props.enforceVersion ?? PodSecurityVersion.of('v1.28')],
      [PodSecurityMode.AUDIT, this.audit, props.auditVersion ?? PodSecurityVersion.LATEST],
      [PodSecurityMode.WARN, this.warn, props.warnVersion ?? PodSecurityVersion.LATEST],
    ];
    const labels: Record<string, string> = { ...props.labels };
    for (const key of Object.keys(labels)) {
      if (key.startsWith(POD_SECURITY_LABEL_PREFIX)) {
        throw this.error({
          property: 'labels',
          value: key,
          problem: 'sets a Pod Security label directly',
          fix: 'Use the enforce, audit and warn props (and their versions) instead.',
        });
      }
      const invalid = labelProblem(key, labels[key]);
      if (invalid) {
        throw this.error({
          property: invalid.which === 'key' ? 'labels' : `labels['${key}']`,
          value: invalid.which === 'key' ? key : labels[key],
          problem: invalid.problem,
          fix: "Give labels the API server accepts, e.g. labels: { team: 'payments' }.",
        });
      }
    }
    const versions: Record<string, PodSecurityVersion> = {};
    for (const [mode, level, version] of modes) {
      if (typeof version?.value !== 'string' || parsePodSecurityVersion(version.value) === undefined) {
        throw this.error({
          property: `${mode}Version`,
          value: version?.value,
          problem: 'is not "latest" or "v1.<minor>"',
          fix: 'Use PodSecurityVersion.LATEST or PodSecurityVersion.of(\'v1.28\').',
        });
      }
      labels[POD_SECURITY_LABEL_PREFIX + mode] = level;
      labels[`${POD_SECURITY_LABEL_PREFIX}${mode}-version`] = version.value;
      versions[mode] = version;
    }

    this.apiObject = this.policy.emit(new k8s.KubeNamespace(this, 'Resource', {
      metadata: { name: this.name, labels },
    }), (f, json) => {
      const mode = f.target?.replace(/^mode\//, '') as PodSecurityMode | undefined;
      if (mode === undefined) return undefined;
      const relax = 'add relaxations: [{ rule: RuleId.NAMESPACE_RESTRICTED, '
        + `target: RelaxationTarget.podSecurityMode('${mode}'), reason: '<why>' }] to the props.`;
      // an old version, in the terms of the prop that set it (when the label written is the prop's)
      if (f.property.endsWith('-version\']')) {
        const version = versions[mode];
        if (version === undefined || json?.metadata?.labels?.[`${POD_SECURITY_LABEL_PREFIX}${mode}-version`] !== version.value) return undefined;
        return {
          property: `${mode}Version`,
          value: version.value === PodSecurityVersion.LATEST.value ? 'PodSecurityVersion.LATEST' : `PodSecurityVersion.of('${version.value}')`,
          problem: f.problem,
          fix: `Use PodSecurityVersion.of('v1.${RESTRICTED_COMPLETE_MINOR}') or later (or PodSecurityVersion.LATEST), or ${relax}`,
        };
      }
      // a weaker level in the terms of the prop that set it (when the label written is the prop's)
      const level = { enforce: this.enforce, audit: this.audit, warn: this.warn }[mode];
      if (level === undefined || json?.metadata?.labels?.[POD_SECURITY_LABEL_PREFIX + mode] !== level) return undefined;
      const member = Object.keys(PodSecurityLevel).find((k) => (PodSecurityLevel as any)[k] === level);
      return {
        property: mode,
        value: `PodSecurityLevel.${member}`,
        problem: 'is weaker than restricted',
        fix: `Remove ${mode} (the default is PodSecurityLevel.RESTRICTED), or ${relax}`,
      };
    });
    // cdk8s gives every object the chart's namespace; a Namespace is cluster-scoped.
    if (Chart.of(this).namespace) this.apiObject.addJsonPatch(JsonPatch.remove('/metadata/namespace'));

    // every pod of the namespace: no ingress, no egress, unless a policy allows it
    if (!(props.relaxations ?? []).some((r) => r?.rule === RuleId.NAMESPACE_DEFAULT_DENY)) {
      this.defaultDeny = this.policy.emit(new ApiObject(this, 'DefaultDeny', {
        ...k8s.KubeNetworkPolicy.GVK,
        metadata: { name: DEFAULT_DENY_NAME, namespace: this.name },
        spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
      }));
    }
  }

  private error(o: Omit<RefusalOptions, 'rule'>): Error {
    return this.policy.error({ ...o, rule: RuleId.VALID_SPEC });
  }
}
