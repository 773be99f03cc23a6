import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ConstructPolicy, RefusalOptions } from '../policy/engine/construct-policy';
import { Attribution } from '../policy/engine/enforcement';
import { Relaxation } from '../policy/relaxation';
import { Finding } from '../policy/rule';
import { RuleId } from '../policy/rule-id';
import { TEKTON_CONFIG_LABELS } from '../private/annotations';
import { isDns1123Label } from '../private/names';
import { FEATURE_FLAGS_NAME, TEKTON_NAMESPACE, UPSTREAM_FEATURE_FLAGS } from '../private/tekton-config';
import { parseHttpsUrl } from '../private/urls';

const KIND = 'TektonFeatureFlags';

/** SPIRE settings Tekton uses when none are given (`config/config-spire.yaml`, `_example`). */
const SPIRE_DEFAULTS = {
  socketPath: 'unix:///spiffe-workload-api/spire-agent.sock',
  serverAddress: 'spire-server.spire.svc.cluster.local:8081',
  nodeAliasPrefix: '/tekton-node/',
};

/**
 * How Tekton hands credentials to steps (the flag `disable-creds-init`).
 */
export enum CredentialDelivery {
  /**
   * Credentials are mounted as workspaces, only into the tasks that declare them:
   * `disable-creds-init: "true"`.
   */
  WORKSPACE = 'workspace',
  /**
   * Tekton's creds-init copies every annotated Secret of the run's ServiceAccount
   * into every step: `disable-creds-init: "false"` (needs a relaxation of flag `disable-creds-init`).
   */
  CREDS_INIT = 'creds-init',
}

/**
 * Which API fields Tekton accepts (the flag `enable-api-fields`).
 */
export enum ApiFields {
  /** Stable fields only. */
  STABLE = 'stable',
  /** Stable and beta fields (remote resolution, matrix, isolated step workspaces, …); Tekton's default. */
  BETA = 'beta',
  /** Alpha fields too (needs a relaxation of flag `enable-api-fields`). */
  ALPHA = 'alpha',
}

/**
 * What Tekton does with a run that no VerificationPolicy matches (the flag
 * `trusted-resources-verification-no-match-policy`).
 */
export enum VerificationNoMatchPolicy {
  /** The run fails. */
  FAIL = 'fail',
  /** The run goes ahead unverified and a warning is logged (needs a relaxation). */
  WARN = 'warn',
  /** The run goes ahead unverified, silently; Tekton's default (needs a relaxation). */
  IGNORE = 'ignore',
}

/**
 * How Tekton reads task results (the flag `results-from`).
 */
export enum ResultsFrom {
  /** From the container termination message (at most 4 KiB in all). */
  TERMINATION_MESSAGE = 'termination-message',
  /**
   * From the logs of a results sidecar: the controller must be allowed to read
   * every pod's log (needs a relaxation of flag `results-from`).
   */
  SIDECAR_LOGS = 'sidecar-logs',
}

/**
 * How the Affinity Assistant schedules a PipelineRun's pods (the flag `coschedule`).
 */
export enum Coschedule {
  /** TaskRuns sharing a PVC-backed workspace run on one node; Tekton's default. */
  WORKSPACES = 'workspaces',
  /** All TaskRuns of a PipelineRun run on one node. */
  PIPELINE_RUNS = 'pipelineruns',
  /** All TaskRuns of a PipelineRun run on one node, and no other PipelineRun runs there meanwhile. */
  ISOLATE_PIPELINE_RUN = 'isolate-pipelinerun',
  /** No Affinity Assistant. */
  DISABLED = 'disabled',
}

/**
 * Kinds of object that may embed a spec (the flag `disable-inline-spec`).
 */
export enum InlineSpecKind {
  /** `taskSpec` inside a Pipeline. */
  PIPELINE = 'pipeline',
  /** `pipelineSpec` inside a PipelineRun. */
  PIPELINE_RUN = 'pipelinerun',
  /** `taskSpec` inside a TaskRun. */
  TASK_RUN = 'taskrun',
}

/**
 * The feature flags that TEKTON_FEATURE_FLAGS checks; a relaxation names one of them.
 */
export enum HardenedFlag {
  /** `disable-creds-init`: hardened `"true"`. */
  DISABLE_CREDS_INIT = 'disable-creds-init',
  /** `require-git-ssh-secret-known-hosts`: hardened `"true"`. */
  REQUIRE_GIT_SSH_SECRET_KNOWN_HOSTS = 'require-git-ssh-secret-known-hosts',
  /** `enable-api-fields`: hardened `"beta"` or `"stable"`. */
  ENABLE_API_FIELDS = 'enable-api-fields',
  /** `send-cloudevents-for-runs`: hardened `"true"`. */
  SEND_CLOUDEVENTS_FOR_RUNS = 'send-cloudevents-for-runs',
  /** `trusted-resources-verification-no-match-policy`: hardened `"fail"`. */
  TRUSTED_RESOURCES_VERIFICATION_NO_MATCH_POLICY = 'trusted-resources-verification-no-match-policy',
  /** `results-from`: hardened `"termination-message"`. */
  RESULTS_FROM = 'results-from',
  /** `set-security-context`: hardened `"true"`. */
  SET_SECURITY_CONTEXT = 'set-security-context',
  /** `set-security-context-read-only-root-filesystem`: hardened `"true"`. */
  SET_SECURITY_CONTEXT_READ_ONLY_ROOT_FILESYSTEM = 'set-security-context-read-only-root-filesystem',
}

/**
 * Where Tekton finds SPIRE, for non-falsifiable provenance (the `config-spire` ConfigMap).
 */
export interface SpireSettings {
  /** SPIFFE trust domain, a DNS name such as `example.org`. */
  readonly trustDomain: string;
  /** The SPIRE agent's workload API socket, `unix://` and an absolute path. @default "unix:///spiffe-workload-api/spire-agent.sock" */
  readonly socketPath?: string;
  /** The SPIRE server, `host:port`. @default "spire-server.spire.svc.cluster.local:8081" */
  readonly serverAddress?: string;
  /** Path prefix of the SPIFFE IDs Tekton registers for nodes, starting and ending with `/`. @default "/tekton-node/" */
  readonly nodeAliasPrefix?: string;
}

/**
 * Props of TektonFeatureFlags. Every weaker value also needs a relaxation of its flag.
 */
export interface TektonFeatureFlagsProps {
  /** How credentials reach steps. @default CredentialDelivery.WORKSPACE (`disable-creds-init: "true"`) */
  readonly credentialDelivery?: CredentialDelivery;
  /** Let SSH Git Secrets work without `known_hosts`. @default false (`require-git-ssh-secret-known-hosts: "true"`) */
  readonly gitSshWithoutKnownHosts?: boolean;
  /** API fields Tekton accepts. @default ApiFields.BETA (`enable-api-fields: "beta"`) */
  readonly apiFields?: ApiFields;
  /** What happens to a run that no VerificationPolicy matches. @default VerificationNoMatchPolicy.FAIL */
  readonly verificationNoMatchPolicy?: VerificationNoMatchPolicy;
  /** How task results are read. @default ResultsFrom.TERMINATION_MESSAGE */
  readonly resultsFrom?: ResultsFrom;
  /**
   * Run the containers Tekton injects (init containers, Affinity Assistant) without
   * a restricted securityContext; they are then refused in `restricted` namespaces.
   * @default false (`set-security-context: "true"`)
   */
  readonly unrestrictedInjectedContainers?: boolean;
  /** Give the containers Tekton injects a writable root filesystem. @default false (`set-security-context-read-only-root-filesystem: "true"`) */
  readonly writableInjectedRootFilesystem?: boolean;
  /**
   * Enforce non-falsifiable provenance with SPIRE (`enforce-nonfalsifiability: "spire"`)
   * and emit the `config-spire` ConfigMap. SPIRE itself must be installed and
   * mounted into the controller (see Tekton's `docs/spire.md`).
   * @default - none (`enforce-nonfalsifiability: "none"`)
   */
  readonly spire?: SpireSettings;
  /**
   * `https://` URL that receives a CloudEvent for every TaskRun, PipelineRun and
   * CustomRun state change, for audit. Emits the `config-events` ConfigMap
   * (`formats: tektonv1`, `sink`).
   * @default - no CloudEvents
   */
  readonly cloudEventsSink?: string;
  /** Affinity Assistant scheduling. @default Coschedule.WORKSPACES */
  readonly coschedule?: Coschedule;
  /**
   * Kinds of object whose embedded specs Tekton refuses. Refusing them all makes
   * every run use referenced, reviewable (and signable) Tasks and Pipelines, but
   * it also breaks every existing run that embeds one, cluster-wide.
   * @default - none (`disable-inline-spec: ""`, Tekton's default)
   */
  readonly disableInlineSpec?: InlineSpecKind[];
  /** Wait for sidecars to be ready before the first step. @default true */
  readonly awaitSidecarReadiness?: boolean;
  /** The cluster injects sidecars (e.g. Istio) into pods. @default true */
  readonly runningWithInjectedSidecars?: boolean;
  /**
   * Relaxations, each limited to one flag with its target, e.g.
   * `{ rule: RuleId.TEKTON_FEATURE_FLAGS, target: RelaxationTarget.featureFlag('disable-creds-init'), reason: '...' }`
   * (without a target, a relaxation covers every flag).
   * @default - none
   */
  readonly relaxations?: Relaxation[];
}

/**
 * Tekton's cluster-wide `feature-flags` ConfigMap (namespace `tekton-pipelines`)
 * with the hardened values written out: `disable-creds-init: "true"`,
 * `require-git-ssh-secret-known-hosts: "true"`, `enable-api-fields: "beta"`,
 * `send-cloudevents-for-runs: "true"`,
 * `trusted-resources-verification-no-match-policy: "fail"`,
 * `results-from: "termination-message"`, `set-security-context: "true"` and
 * `set-security-context-read-only-root-filesystem: "true"`. A weaker value needs a
 * relaxation of TEKTON_FEATURE_FLAGS for that flag.
 *
 * Applying a ConfigMap replaces its whole `data`, so every other flag of Tekton
 * v1.15's release YAML is written too, with its release value: applying this one
 * changes only the flags set here. Review with `kubectl diff` and apply with
 * server-side apply (see docs/cluster-config.md); on a Tekton managed by the
 * operator, set the flags in the TektonConfig instead.
 *
 * Optionally emits `config-spire` (SPIRE for non-falsifiable provenance) and
 * `config-events` (a CloudEvents sink); upstream those hold only an `_example`.
 *
 * @example
 * new TektonFeatureFlags(chart, 'tekton-flags', {
 *   cloudEventsSink: 'https://events.example.com/tekton',
 *   spire: { trustDomain: 'ci.example.com' },
 * });
 */
export class TektonFeatureFlags extends Construct {
  /** The `feature-flags` ConfigMap. */
  public readonly featureFlags: ApiObject;
  /** The `config-spire` ConfigMap, when SPIRE is used. */
  public readonly spireConfig?: ApiObject;
  /** The `config-events` ConfigMap, when a CloudEvents sink is given. */
  public readonly eventsConfig?: ApiObject;

  private readonly data: Record<string, string>;
  private readonly policy: ConstructPolicy;

  constructor(scope: Construct, id: string, props: TektonFeatureFlagsProps = {}) {
    super(scope, id);
    this.policy = new ConstructPolicy(this, KIND);
    this.policy.relax(props.relaxations);
    const unrestricted = props.unrestrictedInjectedContainers ?? false;
    const writable = props.writableInjectedRootFilesystem ?? false;
    if (unrestricted && !writable) {
      throw this.error({
        property: 'unrestrictedInjectedContainers',
        value: 'true',
        problem: 'leaves set-security-context-read-only-root-filesystem without effect',
        fix: 'Tekton makes the root filesystem read-only only together with set-security-context: set writableInjectedRootFilesystem: true as well '
        + '(with a relaxation of flag \'set-security-context-read-only-root-filesystem\'), or keep the injected containers restricted.',
      });
    }
    if (props.spire) this.checkSpire(props.spire);
    if (props.cloudEventsSink !== undefined) this.checkSink(props.cloudEventsSink);

    this.data = {
      ...UPSTREAM_FEATURE_FLAGS,
      'coschedule': props.coschedule ?? Coschedule.WORKSPACES,
      'disable-creds-init': String((props.credentialDelivery ?? CredentialDelivery.WORKSPACE) === CredentialDelivery.WORKSPACE),
      'await-sidecar-readiness': String(props.awaitSidecarReadiness ?? true),
      'running-in-environment-with-injected-sidecars': String(props.runningWithInjectedSidecars ?? true),
      'require-git-ssh-secret-known-hosts': String(!(props.gitSshWithoutKnownHosts ?? false)),
      'enable-api-fields': props.apiFields ?? ApiFields.BETA,
      'trusted-resources-verification-no-match-policy': props.verificationNoMatchPolicy ?? VerificationNoMatchPolicy.FAIL,
      'enforce-nonfalsifiability': props.spire ? 'spire' : 'none',
      'results-from': props.resultsFrom ?? ResultsFrom.TERMINATION_MESSAGE,
      'set-security-context': String(!unrestricted),
      'set-security-context-read-only-root-filesystem': String(!writable),
      'disable-inline-spec': [...new Set(props.disableInlineSpec ?? [])].join(','),
    };

    this.featureFlags = this.policy.emit(new k8s.KubeConfigMap(this, 'FeatureFlags', {
      metadata: tektonConfigMetadata(FEATURE_FLAGS_NAME),
      data: this.data,
    }), (f, json) => this.attribute(f, json, props));
    if (props.spire) {
      this.spireConfig = this.policy.emit(new k8s.KubeConfigMap(this, 'SpireConfig', {
        metadata: tektonConfigMetadata('config-spire'),
        data: {
          'spire-trust-domain': props.spire.trustDomain,
          'spire-socket-path': props.spire.socketPath ?? SPIRE_DEFAULTS.socketPath,
          'spire-server-addr': props.spire.serverAddress ?? SPIRE_DEFAULTS.serverAddress,
          'spire-node-alias-prefix': props.spire.nodeAliasPrefix ?? SPIRE_DEFAULTS.nodeAliasPrefix,
        },
      }));
    }
    if (props.cloudEventsSink !== undefined) {
      this.eventsConfig = this.policy.emit(new k8s.KubeConfigMap(this, 'EventsConfig', {
        metadata: tektonConfigMetadata('config-events'),
        data: { formats: 'tektonv1', sink: props.cloudEventsSink },
      }));
    }
  }

  /** Every flag as this construct writes it into `feature-flags` (escape-hatch patches not included). */
  public get flags(): { [key: string]: string } {
    return { ...this.data };
  }

  /** A weaker flag, in the terms of the prop that wrote it (when the value written is the prop's). */
  private attribute(f: Finding, json: any, props: TektonFeatureFlagsProps): Attribution | undefined {
    const flag = f.target?.replace(/^flag\//, '');
    const enumValue = (e: Record<string, string>, v: string) => `${Object.keys(e).find((k) => e[k] === v) ?? v}`;
    const props_: Record<string, [string, string | undefined] | undefined> = {
      'disable-creds-init': props.credentialDelivery ? ['credentialDelivery', `CredentialDelivery.${enumValue(CredentialDelivery as any, props.credentialDelivery)}`] : undefined,
      'require-git-ssh-secret-known-hosts': props.gitSshWithoutKnownHosts ? ['gitSshWithoutKnownHosts', 'true'] : undefined,
      'enable-api-fields': props.apiFields ? ['apiFields', `ApiFields.${enumValue(ApiFields as any, props.apiFields)}`] : undefined,
      'trusted-resources-verification-no-match-policy': props.verificationNoMatchPolicy
        ? ['verificationNoMatchPolicy', `VerificationNoMatchPolicy.${enumValue(VerificationNoMatchPolicy as any, props.verificationNoMatchPolicy)}`] : undefined,
      'results-from': props.resultsFrom ? ['resultsFrom', `ResultsFrom.${enumValue(ResultsFrom as any, props.resultsFrom)}`] : undefined,
      'set-security-context': props.unrestrictedInjectedContainers ? ['unrestrictedInjectedContainers', 'true'] : undefined,
      'set-security-context-read-only-root-filesystem': props.writableInjectedRootFilesystem ? ['writableInjectedRootFilesystem', 'true'] : undefined,
    };
    const prop = flag !== undefined ? props_[flag] : undefined;
    if (!prop || flag === undefined || json?.data?.[flag] !== this.data[flag]) return undefined;
    return {
      property: prop[0],
      value: prop[1],
      problem: `writes ${flag}: "${this.data[flag]}", weaker than the hardened value`,
      fix: `Remove ${prop[0]} (the default is hardened), or add relaxations: [{ rule: RuleId.TEKTON_FEATURE_FLAGS, `
        + `target: RelaxationTarget.featureFlag('${flag}'), reason: '<why>' }] to the props.`,
    };
  }

  private error(o: Omit<RefusalOptions, 'rule'>): Error {
    return this.policy.error({ ...o, rule: RuleId.VALID_SPEC });
  }

  private checkSpire(spire: SpireSettings): void {
    if (!isDnsName(spire.trustDomain)) {
      throw this.error({
        property: 'spire.trustDomain',
        value: spire.trustDomain,
        problem: 'is not a DNS name',
        fix: 'Use the SPIFFE trust domain of your SPIRE server, e.g. "example.org" (lower-case letters, digits, "-" and ".").',
      });
    }
    const socketPath = spire.socketPath ?? SPIRE_DEFAULTS.socketPath;
    if (!/^unix:\/\/(\/[A-Za-z0-9._-]+)+$/.test(socketPath) || hasDotSegment(socketPath)) {
      throw this.error({
        property: 'spire.socketPath',
        value: socketPath,
        problem: 'is not unix:// followed by an absolute path',
        fix: 'Give the SPIRE agent socket as mounted into the pods, e.g. "unix:///spiffe-workload-api/spire-agent.sock".',
      });
    }
    const serverAddress = spire.serverAddress ?? SPIRE_DEFAULTS.serverAddress;
    if (!isHostPort(serverAddress)) {
      throw this.error({
        property: 'spire.serverAddress',
        value: serverAddress,
        problem: 'is not host:port',
        fix: 'Give the SPIRE server as a host name (or IPv4 address) and a port, e.g. "spire-server.spire.svc.cluster.local:8081".',
      });
    }
    const prefix = spire.nodeAliasPrefix ?? SPIRE_DEFAULTS.nodeAliasPrefix;
    if (!/^\/([A-Za-z0-9._-]+\/)+$/.test(prefix) || hasDotSegment(prefix)) {
      throw this.error({
        property: 'spire.nodeAliasPrefix',
        value: prefix,
        problem: 'is not a path that starts and ends with "/"',
        fix: 'Use a SPIFFE ID path prefix such as "/tekton-node/" (letters, digits, ".", "_" and "-" between the slashes).',
      });
    }
  }

  private checkSink(sink: string): void {
    const url = parseHttpsUrl(sink);
    if (!url) {
      throw this.error({
        property: 'cloudEventsSink',
        value: sink,
        problem: 'is not an https:// URL',
        fix: 'Give an https:// sink: every event carries the whole run, params and results included.',
      });
    }
    if (url.username !== '' || url.password !== '') {
      throw this.error({
        property: 'cloudEventsSink',
        value: sink,
        problem: 'carries credentials',
        fix: 'Remove the user and password from the URL: the ConfigMap is readable and committed.',
      });
    }
  }
}

/** Metadata of a Tekton configuration ConfigMap: fixed name and namespace, the release YAML's labels. */
function tektonConfigMetadata(name: string): k8s.ObjectMeta {
  return { name, namespace: TEKTON_NAMESPACE, labels: { ...TEKTON_CONFIG_LABELS } };
}

/** Whether `name` is a DNS-1123 subdomain (dot-separated labels, at most 253 characters). */
function isDnsName(name: string): boolean {
  return name.length <= 253 && name.split('.').every(isDns1123Label);
}

/** Whether `address` is `<DNS name or IPv4 address>:<port 1-65535>`. */
function isHostPort(address: string): boolean {
  const m = /^(.+):([0-9]{1,5})$/.exec(address);
  return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 65535 && isDnsName(m[1]);
}

/** Whether a path has a `.` or `..` segment. */
function hasDotSegment(path: string): boolean {
  return /\/\.\.?(\/|$)/.test(path);
}
