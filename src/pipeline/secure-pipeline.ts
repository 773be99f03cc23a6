import { isDeepStrictEqual } from 'util';
import { ApiObject, Chart, Duration, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import { PipelineTaskMatrix } from './matrix';
import { ParamType, PipelineParam } from './param';
import { hasDefault, paramDeclarationProblems, passedAs, renderParamSpec, typeOf } from './param-spec';
import { RemoteTask } from './remote-task';
import { PipelineResult } from './result';
import { SecureTask } from './secure-task';
import { ITaskDefinition } from './task-definition';
import { TrustDomain } from './trust-domain';
import { WhenExpression, WhenOperator } from './when-expression';
import { PipelineWorkspace, TaskWorkspace } from './workspace';
import { ApiGrant, ApiVerb, GrantedRule, LeastPrivilegeServiceAccount } from '../identity/least-privilege-service-account';
import * as tekton from '../imports/tekton-tekton.dev';
import { DnsServer, EgressAllowance, EgressAllowOptions, EgressPeer, EgressPolicy, EgressPort, EgressProtocol } from '../network/egress-policy';
import { ConstructPolicy, RefusalOptions } from '../policy/engine/construct-policy';
import { Attribution } from '../policy/engine/enforcement';
import { Relaxation, RelaxationTarget } from '../policy/relaxation';
import { Finding } from '../policy/rule';
import { RuleId } from '../policy/rule-id';
import { SECURE_PIPELINE_LABEL } from '../private/annotations';
import { nonEmpty, readOnce, sortedByName, sortedKeys } from '../private/arrays';
import { UNKNOWN_LABEL } from '../private/calico-selectors';
import { chainsTypeHint } from '../private/chains-signing';
import { canonicalJson, isClusterNetworkPolicy, podEgressAllowances } from '../private/cluster-network-policies';
import { constructKindOf, writtenByLibraryClass } from '../private/construct-kinds';
import { asArray, isObject } from '../private/containers';
import { DEFAULT_PIPELINE_TIMEOUT_MINUTES } from '../private/defaults';
import { durationString, durationText, timeoutProblem } from '../private/duration';
import { inertGrant } from '../private/grant-shapes';
import { namespaceOf } from '../private/kplus';
import { artifactReferences, isResultName, looksLikeResultRef, PIPELINE_VARIABLE_PREFIXES, prefixedVariables, statusReferences, tektonExpressions } from '../private/names';
import { manifestNamespace, sameNamespace } from '../private/namespaces';
import { isNetworkPolicy, isolatesEgress, policyId, selectsLookup } from '../private/network-policies';
import { strings } from '../private/pipeline-admission';
import { appliedConfigDefaults } from '../private/pods';
import { nearestName } from '../private/served-kinds';
import { findReferences, ParamUse, paramUses } from '../private/substitutions';
import { carriedByTaskPod, taskPodLabels } from '../private/task-pod-labels';
import { fetchedReference, isReferenceTo, renderTaskRef, TaskRefParts, trustedAsMade } from '../private/task-refs';
import { FEATURE_FLAGS_NAME, TEKTON_NAMESPACE } from '../private/tekton-config';
import { objectLiteral, paddedArray, tsKey, tsString } from '../private/text';
import { receivedWorkspaces } from '../private/workspaces';
import { notWritten, unwrittenReference, UnwrittenReference, writtenTektonNames } from '../private/written-objects';

const KIND = 'SecurePipeline';
/** Id of the LeastPrivilegeServiceAccount that holds the grants of a ServiceAccount given to pipelines. */
const GRANTS_ID = 'SecureTektonGrants';
/** The context variables Tekton substitutes in a pipeline task's params, by scope: `$(context.pipelineRun.name)`, ... */
const PIPELINE_CONTEXT: Readonly<Record<string, readonly string[]>> = {
  pipelineRun: ['name', 'namespace', 'uid'],
  pipeline: ['name'],
  pipelineTask: ['retries'],
};

/**
 * Props of a SecurePipeline.
 */
export interface SecurePipelineProps {
  /** `metadata.name` of the Pipeline. @default - the construct id */
  readonly name?: string;
  /** What the pipeline does. @default - no description */
  readonly description?: string;
  /** Params runs pass. @default - none */
  readonly parameters?: PipelineParam[];
  /** Workspaces runs bind, each with its trust domain. @default - none */
  readonly workspaces?: PipelineWorkspace[];
  /** Longest a run may take; runs write it as `timeouts.pipeline`. @default Duration.hours(1) */
  readonly timeout?: Duration;
  /** Results of the pipeline, made of its tasks' results (see also `addResult`). @default - none */
  readonly results?: PipelineResult[];
  /**
   * Name of the ServiceAccount the pipeline creates and its runs use. Not one a platform
   * makes in every namespace and binds to roles (`default`; OpenShift's `pipeline`,
   * bound to `edit`, `builder`, `deployer`): the runs would act with those bindings
   * (refused, RUN_SERVICE_ACCOUNT, relaxable).
   * @default - `<name>-runner`
   */
  readonly serviceAccountName?: string;
  /**
   * The ServiceAccount runs use, defined elsewhere instead of created by the
   * pipeline: a cdk8s-plus `ServiceAccount` of this app, one imported by name, or a
   * `LeastPrivilegeServiceAccount`. It must be in the pipeline's namespace (Tekton
   * looks it up in the run's). The pipeline writes no ServiceAccount of its own;
   * its grants go to a Role bound to this one (shared by every pipeline given it).
   * @default - the pipeline creates one, named `serviceAccountName`
   */
  readonly serviceAccount?: kplus.IServiceAccount;
  /**
   * Write the spec of every SecureTask the pipeline runs inside the Pipeline
   * (`taskSpec`) instead of referring to its Task (`taskRef`), so that the
   * pipeline is one object to apply. A SecureTask every pipeline of the app embeds
   * is not written as a Task of its own; one that some pipeline refers to is.
   * The checks are those of the Task written alone: findings inside an embedded
   * spec are the SecureTask's, and its relaxations move with it (targets below
   * `task/<pipeline task>`). RemoteTasks are still referred to (a resolver fetches them).
   * Each pipeline task passes every param its embedded spec declares (the value given,
   * else the default as written): Tekton substitutes a PipelineRun's params into an
   * embedded spec wherever the pipeline task passes none of that name. Refused where
   * passing cannot stop that: a param a matrix gives, a spec that reads an element or
   * key of a param (`$(params.a[0])`, `$(params.o.k)`), a default that holds a substitution,
   * and a string param that is a whole element of args, command or a StepAction's param value
   * while the pipeline declares no string param of its name (a run's array of that name would
   * take the element's place).
   * @default false
   */
  readonly embedTasks?: boolean;
  /**
   * Relaxations for the pipeline: they cover the Pipeline object and what the
   * pipeline creates for it (its NetworkPolicies, ServiceAccount and Role), each
   * where its rule applies; limit one to a pipeline task with `target`.
   * @default - none
   */
  readonly relaxations?: Relaxation[];
  /**
   * Where the pipeline's pods resolve names: the DNS its DNS NetworkPolicy allows
   * (`EgressPolicyProps.dns`). Give `DnsServer.nodeLocalDnsCache()` on a cluster with NodeLocal
   * DNSCache and `DnsServer.openShift()` on OpenShift.
   * @default DnsServer.kubeDns()
   */
  readonly dns?: DnsServer;
}

/**
 * How a task takes part in a pipeline.
 */
export interface PipelineTaskOptions {
  /** The task to run: a `SecureTask` of this app, or a `RemoteTask`. */
  readonly task: ITaskDefinition;
  /** Name in the pipeline (a DNS-1123 label). @default - the task's name */
  readonly name?: string;
  /**
   * Pipeline tasks that must finish first: the `PipelineTask`s `addTask` returned, or their names.
   * @default - none (only result references order it)
   */
  readonly runAfter?: Array<PipelineTask | string>;
  /**
   * Values for the task's string params: literals, `$(params.x)`, `$(params.list[0])`,
   * `$(params.obj.key)` or `$(tasks.t.results.r)` (`producer.result('r')`, where
   * `producer` is the `PipelineTask` `addTask` returned; the task must declare the result);
   * for an object param also the whole `$(params.obj[*])`. Every param of the task
   * without a default must be given, here, in `arrayParameters`, `objectParameters` or the `matrix`.
   * @default - none
   */
  readonly parameters?: { [param: string]: string };
  /**
   * Values for the task's array params: each element a literal or a string
   * substitution, or a whole array `$(params.list[*])` on its own. An array the
   * task's steps index (`$(params.tags[1])`) needs that many items (two), or
   * every run of the pipeline fails.
   * @default - none
   */
  readonly arrayParameters?: { [param: string]: string[] };
  /** Values for the task's object params, key by key: a value for every property. @default - none */
  readonly objectParameters?: { [param: string]: { [key: string]: string } };
  /** Run the task only when every expression holds; otherwise it is skipped. @default - always run */
  readonly when?: WhenExpression[];
  /** How many times to retry the task when it fails. @default 0 */
  readonly retries?: number;
  /** What the pipeline does when the task fails. @default PipelineTaskOnError.STOP_AND_FAIL */
  readonly onError?: PipelineTaskOnError;
  /** Fan the task out over combinations of param values. @default - no matrix: one TaskRun */
  readonly matrix?: PipelineTaskMatrix;
  /** Pipeline workspace bound to each task workspace (task workspace name -> pipeline workspace name). @default - none */
  readonly workspaces?: { [taskWorkspace: string]: string };
  /**
   * Longest this task may take: at most the pipeline's timeout, and at least the
   * timeout of each of the task's steps.
   * @default - the pipeline's timeout applies
   */
  readonly timeout?: Duration;
  /**
   * The task needs no network at all: its pod gets no egress, not even DNS
   * (builds from a checked-out source and a vendored cache). Another network policy of
   * the app (a NetworkPolicy, a Cilium, Calico or AdminNetworkPolicy) that selects its pods
   * and allows egress is refused (EGRESS_SCOPED, relaxable per task in the pipeline's
   * `relaxations` with `RelaxationTarget.task(name)`): by the labels Tekton gives them, or
   * copies onto them from the Pipeline, the Task and the app's runs. For a task that is not
   * hermetic, such a policy is refused when it allows egress beyond what the pipeline's
   * EgressPolicy gives the task.
   * @default false
   */
  readonly hermetic?: boolean;
}

/**
 * What a pipeline does when one of its tasks fails.
 */
export enum PipelineTaskOnError {
  /** `stopAndFail`: the pipeline fails; tasks not yet started do not run (finally tasks do). */
  STOP_AND_FAIL = 'stopAndFail',
  /**
   * `continue`: the failure is recorded and the pipeline goes on as if the task had
   * succeeded (a beta feature; not together with retries). Do not use it for a task
   * whose failure must stop the release, such as a verification.
   */
  CONTINUE = 'continue',
}

/**
 * A task added to a pipeline.
 */
export class PipelineTask {
  private readonly grants: GrantedRule[] = [];

  /** @internal */
  constructor(
    /** Name in the pipeline. */
    public readonly name: string,
    /** The task it runs. */
    public readonly task: ITaskDefinition,
    /** @internal */
    public readonly _options: PipelineTaskOptions,
    /** Whether it runs in `finally` (after all other tasks, whatever their outcome). */
    public readonly isFinally: boolean,
    private readonly serviceAccount: LeastPrivilegeServiceAccount,
    private readonly egress: EgressPolicy,
    private readonly pipeline: SecurePipeline,
  ) {}

  /**
   * The pipeline the task is in.
   * @internal
   */
  public get _pipeline(): SecurePipeline {
    return this.pipeline;
  }

  /**
   * Let this task's pod reach `peer` on `ports` (on top of DNS).
   * `options.relaxations` relax this task's NetworkPolicy only: a wide allowance
   * for one task does not loosen the others. Synth checks the egress of the library's
   * own tasks against what they connect to, not what a script of yours fetches: a task
   * whose steps download (`go mod download`, `npm ci`, `pip install`, `curl`) needs this
   * for the hosts they reach, or it fails at run time.
   */
  public allowEgressTo(peer: EgressPeer, ports: EgressPort[], options?: EgressAllowOptions): void {
    this.egress._allowEgressTo(this.name, peer, ports, options);
  }

  /**
   * What the pipeline's NetworkPolicies let this task's pods reach: `egress.allow`'s and
   * its own `allowEgressTo`'s allowances (none when hermetic).
   * @internal
   */
  public _egressAllowances(): {
    readonly pipelineWide: readonly EgressAllowance[];
    readonly own: readonly EgressAllowance[];
    readonly ownGivenBy: string;
    readonly hermetic: boolean;
  } {
    return this.egress._reachableBy(this.name);
  }

  /**
   * Let this task call the Kubernetes API: the grant is added to the pipeline's
   * ServiceAccount (on named objects only), and runs mount the token for this
   * task's pod alone, recording the grant as the reason.
   *
   * The pod reaches the API server only through the pipeline's NetworkPolicies: give the
   * task egress to the endpoints of the `kubernetes` Service (`kubectl get endpoints
   * kubernetes`) with `allowEgressTo`. Synth refuses a granted task whose egress reaches no
   * TCP port at all (none given, only UDP, or hermetic).
   *
   * @example
   * declare const pipeline: SecurePipeline;
   * declare const releaseTask: SecureTask;
   * const release = pipeline.addTask({ task: releaseTask });
   * release.grantApi({ resource: 'configmaps', verbs: [ApiVerb.GET, ApiVerb.UPDATE], resourceNames: ['web-release'] });
   * release.allowEgressTo(EgressPeer.cidr('10.96.0.1/32'), [EgressPort.tcp(443)]); // the API server's endpoint
   */
  public grantApi(grant: ApiGrant): GrantedRule {
    const inert = inertGrant(grant, Object.values(ApiVerb));
    if (inert !== undefined) {
      throw this.pipeline._refusal({ ...inert, location: `task '${this.name}'`, property: `grantApi().${inert.property}`, rule: RuleId.VALID_SPEC });
    }
    const rule = this.serviceAccount.grantApi(grant);
    if (!this.grants.includes(rule)) this.grants.push(rule);
    return rule;
  }

  /** The API grants of this task (its pod mounts the ServiceAccount token when there are any). */
  public get apiGrants(): GrantedRule[] {
    return [...this.grants];
  }

  /**
   * A reference to one of the task's results, `$(tasks.<name>.results.<result>)`.
   * Throws at once, where it is called, when the task declares no such result.
   */
  public result(result: string): string {
    if (!this.task.hasResult(result)) {
      throw this.pipeline._refusal({
        location: `task '${this.name}'`,
        property: 'result',
        value: result,
        problem: `is not a result of task '${this.task.name}'`,
        rule: RuleId.VALID_REFERENCE,
        fix: undeclaredResultFix(this.task, result, 'call'),
      });
    }
    return `$(tasks.${this.name}.results.${result})`;
  }

  /** Its execution status, `$(tasks.<name>.status)`: only finally tasks can read it. */
  public get status(): string {
    return `$(tasks.${this.name}.status)`;
  }

  /** The reason of its execution status, `$(tasks.<name>.reason)`: only finally tasks can read it. */
  public get reason(): string {
    return `$(tasks.${this.name}.reason)`;
  }
}

/**
 * A Tekton `Pipeline` whose structure and trust boundaries are checked at synth.
 *
 * Tasks are emitted as standalone `Task` objects (reviewable, reusable, signable)
 * and referenced by `taskRef`; with `embedTasks`, their specs are written inside
 * the Pipeline instead (one object to apply), checked exactly the same way. The DAG is checked (unknown `runAfter`, cycles,
 * duplicate and invalid names), every param, workspace and result reference is
 * resolved, each workspace carries a trust domain, and a credentials workspace can
 * only reach a task marked trusted. The pipeline creates its own ServiceAccount
 * (token not mounted) for its runs.
 *
 * @example
 * declare const unitTest: SecureTask;
 * const pipeline = new SecurePipeline(chart, 'build', {
 *   parameters: [{ name: 'git-revision' }],
 *   workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }],
 * });
 * pipeline.addTask({ task: unitTest, parameters: { revision: '$(params.git-revision)' }, workspaces: { source: 'source' } });
 */
export class SecurePipeline extends Construct {
  /** `metadata.name` of the Pipeline. */
  public readonly name: string;
  /** Longest a run may take. */
  public readonly timeout: Duration;
  /** Name of the ServiceAccount runs use. */
  public readonly serviceAccountName: string;
  /** The ServiceAccount runs use; grant it what the pipeline needs. */
  public readonly serviceAccount: LeastPrivilegeServiceAccount;
  /** The NetworkPolicies of the pipeline's pods: deny all, DNS, and what is allowed here or per task. */
  public readonly egress: EgressPolicy;
  /** The emitted Pipeline object. */
  public readonly apiObject: ApiObject;
  /** Whether the specs of its SecureTasks are written inside the Pipeline (`taskSpec`). */
  public readonly embedTasks: boolean;

  private readonly description?: string;
  private readonly params: PipelineParam[];
  private readonly workspaces: PipelineWorkspace[];
  private readonly tasks: PipelineTask[] = [];
  private readonly results: PipelineResult[];
  private readonly policy: ConstructPolicy;

  constructor(scope: Construct, id: string, props: SecurePipelineProps = {}) {
    super(scope, id);
    this.policy = new ConstructPolicy(this, KIND);
    this.name = props.name ?? id;
    this.timeout = props.timeout ?? Duration.minutes(DEFAULT_PIPELINE_TIMEOUT_MINUTES);
    const timeoutWrong = timeoutProblem(this.timeout);
    if (timeoutWrong !== undefined) {
      throw this.policy.error({
        property: 'timeout',
        value: durationText(this.timeout),
        problem: timeoutWrong,
        rule: RuleId.VALID_SPEC,
        fix: 'Give the pipeline a whole number of seconds, at least one, e.g. timeout: Duration.hours(1) (the default).',
      });
    }
    this.embedTasks = props.embedTasks ?? false;
    if (props.serviceAccount && props.serviceAccountName !== undefined) {
      throw this.policy.error({
        property: 'serviceAccountName',
        value: props.serviceAccountName,
        problem: `is given together with serviceAccount '${props.serviceAccount.name}'`,
        rule: RuleId.VALID_SPEC,
        fix: 'Give either serviceAccount (a ServiceAccount defined elsewhere) or serviceAccountName (for the one the pipeline creates), not both.',
      });
    }
    this.serviceAccountName = props.serviceAccount?.name ?? props.serviceAccountName ?? `${this.name}-runner`;
    this.description = props.description;
    this.params = [...(props.parameters ?? [])];
    this.workspaces = [...(props.workspaces ?? [])];
    this.results = [...(props.results ?? [])];

    this.policy.checkName('name', this.name);
    if (props.serviceAccountName === undefined && props.serviceAccount === undefined && this.serviceAccountName.length > 63) {
      throw this.policy.error({
        property: 'serviceAccountName',
        value: this.serviceAccountName,
        problem: 'is longer than 63 characters (the default: the pipeline\'s name and "-runner")',
        rule: RuleId.VALID_NAME,
        fix: 'Give the ServiceAccount a name of at most 63 characters (serviceAccountName: \'<name>\'), or the pipeline a shorter one.',
      });
    }
    this.policy.checkName('serviceAccountName', this.serviceAccountName);
    this.policy.checkUnique('parameters', this.params.map((p) => p.name));
    for (const p of this.params) {
      const declared = paramDeclarationProblems(p)[0];
      if (declared) throw this.policy.error(declared);
    }
    this.policy.checkUnique('workspaces', this.workspaces.map((w) => w.name));
    this.workspaces.forEach((w) => this.policy.checkName('workspaces', w.name));
    this.policy.relax(props.relaxations);

    this.serviceAccount = props.serviceAccount
      ? this.existingServiceAccount(props.serviceAccount)
      : new LeastPrivilegeServiceAccount(this, 'ServiceAccount', { name: this.serviceAccountName });
    this.egress = new EgressPolicy(this, 'Egress', { pipelineName: this.name, dns: props.dns });

    this.apiObject = this.policy.emit(new ApiObject(this, 'Resource', {
      ...tekton.Pipeline.GVK,
      // the pipeline's NetworkPolicies select its pods by it: Tekton copies it onto its runs, their TaskRuns and pods
      metadata: { name: this.name, labels: { [SECURE_PIPELINE_LABEL]: this.name } },
      // tasks are added after construction: render the spec at synth
      spec: Lazy.any({ produce: () => this.embedSpecs(tekton.toJson_PipelineSpec(this.renderSpec())) }),
    }), (f, json) => this.attribute(f, json));
    const platform = props.serviceAccount === undefined ? PLATFORM_ACCOUNTS.get(this.serviceAccountName) : undefined;
    if (platform !== undefined) {
      // the pipeline would write (over) an account the platform makes in every namespace, with the platform's bindings to it
      this.policy.checkRelaxable(() => [{
        property: 'serviceAccountName',
        value: this.serviceAccountName,
        problem: `is ${platform}: the pipeline's runs would act with whatever the platform binds to that name, not as a ServiceAccount of their own`,
        rule: RuleId.RUN_SERVICE_ACCOUNT,
        fix: `Leave serviceAccountName out (the pipeline then creates '${this.name}-runner'), or give a name of its own that no platform makes; `
          + "or relax the rule in the SecurePipeline's props: relaxations: [{ rule: RuleId.RUN_SERVICE_ACCOUNT, reason: '<why>' }].",
        target: 'serviceAccountName',
      }], undefined, { recordOn: this.apiObject });
    }
    this.policy.embed(this.apiObject, () => this.tasks.filter((t) => this.embeds(t))
      .map((t) => ({ pipelineTask: t.name, source: (t.task as SecureTask).apiObject })));
    this.policy.prepare(() => this.omitEmbeddedOnly());
    if (this.embedTasks) this.policy.check(() => [...this.inlineSpecProblems(), ...this.propagationProblems()]);
    const credentials = this.workspaces.filter((w) => w.domain === TrustDomain.CREDENTIALS).map((w) => w.name);
    const others = this.workspaces.filter((w) => w.domain !== TrustDomain.CREDENTIALS).map((w) => w.name);
    this.policy.declareCredentialWorkspaces(this.apiObject, () => credentials, () => others);
    this.policy.derive(() => this.trustRecords(credentials));
    this.policy.check(() => this.checkGraph());
    this.policy.check(() => this.unwrittenTaskProblems(credentials));
    this.policy.check(() => this.writtenReferenceProblems());
    this.policy.check(() => this.fetchedReferenceProblems());
    this.policy.check(() => this.unselectedProblems());
    this.policy.check(() => this.egressTaskProblems());
    this.policy.checkRelaxable(() => this.foreignEgressProblems(), undefined, { recordOn: this.apiObject });
    this.policy.checkRelaxable(() => {
      const tainted = this.taintedResults();
      return [...this.typeHintProblems(credentials, tainted), ...this.chosenCredentialUseProblems(credentials, tainted)];
    }, undefined, { recordOn: this.apiObject });
  }

  /** Whether a pipeline task runs a task synth knows runs no user code (a SecureTask or RemoteTask marked trusted). */
  private runsTrusted(t: PipelineTask): boolean {
    return knownDefinition(t.task) && trustedAsMade(t.task);
  }

  /**
   * Results Chains reads as type hints (chainsTypeHint) that code of the repository writes: results a task not marked trusted
   * declares, and pipeline results made of its results. Chains signs and attests what such a result names with the
   * cluster's key or identity, so the code chooses what is signed (any digest under any repository name). A trusted task
   * given a result of such a task may repeat it in its own (taintedResults): its type-hint results, unless it holds
   * credentials (chosenCredentialUseProblems refuses the param, relaxed for the same pipeline task), and pipeline results
   * made of its results count too.
   */
  private typeHintProblems(credentials: readonly string[], tainted: Tainted): Array<RefusalOptions & { readonly target: string }> {
    const problems: Array<RefusalOptions & { readonly target: string }> = [];
    for (const t of this.tasks.filter((x) => tainted.has(x))) {
      const names = t.task instanceof SecureTask || t.task instanceof RemoteTask ? t.task._resultNames
        : ['IMAGES', 'IMAGE_URL', 'IMAGE_DIGEST', 'CHAINS-GIT_URL', 'CHAINS-GIT_COMMIT'].filter((n) => t.task.hasResult(n));
      const link = tainted.get(t);
      if (link !== undefined && Object.values(t._options.workspaces ?? {}).some((w) => credentials.includes(w))) continue;
      for (const name of names) {
        const hint = chainsTypeHint(name);
        if (hint === undefined) continue;
        if (link === undefined) {
          problems.push({
            location: `task '${t.name}'`,
            target: RelaxationTarget.task(t.name),
            property: 'results',
            value: name,
            problem: `of ${taskText(t)}, which is not marked trusted, is a type hint Chains reads as ${hint}: `
              + 'the code the task runs writes it, so that code chooses what the cluster\'s Chains signs and attests',
            rule: RuleId.CREDENTIALS_TRUSTED_TASK,
            fix: `Rename the result in the props of ${taskText(t)} (as ContainerBuild names its result 'digest') and publish from a task that runs no user code (ImagePush), `
              + `or mark the task trusted (trusted: true) only if it runs no repository code${relaxTaskText(t.name)}.`,
          });
          continue;
        }
        const { chain, origin, first } = this.taintChain(tainted, link.producer, link.text, `'${t.name}' ${link.property}`, { task: t, property: link.property });
        problems.push({
          location: `task '${t.name}'`,
          target: RelaxationTarget.task(t.name),
          property: 'results',
          value: name,
          problem: `of ${taskText(t)}, marked trusted, is a type hint Chains reads as ${hint}, and the task is given a result of pipeline task '${origin.name}' `
            + `(${taskText(origin)}, which is not marked trusted): ${chain}; a trusted task's result may repeat what a param gives it, `
            + `so the code '${origin.name}' runs may choose what the cluster's Chains signs and attests`,
          rule: RuleId.CREDENTIALS_TRUSTED_TASK,
          fix: `Give '${first.task.name}' ${first.property} a pipeline param, a literal or a result of a task marked trusted${relaxTaskText(t.name)}.`,
        });
      }
    }
    for (const r of this.results) {
      const hint = chainsTypeHint(r.name);
      if (hint === undefined) continue;
      for (const e of resultReferences(r.value)) {
        const producer = this.tasks.find((x) => x.name === e.task && x.isFinally === e.isFinally);
        if (producer === undefined || !tainted.has(producer)) continue;
        const fix = `Make '${r.name}' of results of a task that runs no user code (${typeHintSource(r.name)})`;
        if (tainted.get(producer) === undefined) {
          problems.push({
            target: RelaxationTarget.task(producer.name),
            property: `results.${r.name}`,
            value: e.text,
            problem: `is a result of pipeline task '${producer.name}' (${taskText(producer)}, which is not marked trusted), and Chains reads pipeline result '${r.name}' as ${hint}: `
              + 'the code that task runs chooses what the cluster\'s Chains signs and attests',
            rule: RuleId.CREDENTIALS_TRUSTED_TASK,
            fix: `${fix}, or give the pipeline result another name${relaxTaskText(producer.name)}.`,
          });
          continue;
        }
        const { chain, origin, first } = this.taintChain(tainted, producer, e.text, `pipeline result '${r.name}'`, { task: producer, property: '' });
        problems.push({
          target: RelaxationTarget.task(producer.name),
          property: `results.${r.name}`,
          value: e.text,
          problem: `is a result of pipeline task '${producer.name}' (${taskText(producer)}, marked trusted), which is given a result of pipeline task '${origin.name}' `
            + `(${taskText(origin)}, which is not marked trusted): ${chain}; a trusted task's result may repeat what a param gives it, and Chains reads `
            + `pipeline result '${r.name}' as ${hint}, so the code '${origin.name}' runs may choose what the cluster's Chains signs and attests`,
          rule: RuleId.CREDENTIALS_TRUSTED_TASK,
          fix: `${fix}, or give '${first.task.name}' ${first.property} a pipeline param, a literal or a result of a task marked trusted, or give the pipeline result `
            + `another name${relaxTaskText(producer.name)}.`,
        });
      }
    }
    return problems;
  }

  /** The values a pipeline task is given, each with the property that gives it (`parameters.image`, `matrix.parameters.image[1]`). */
  private givenValues(t: PipelineTask): Array<[string, string]> {
    const o = t._options;
    return [
      ...Object.entries(o.parameters ?? {}).map(([p, v]): [string, string] => [`parameters.${p}`, v]),
      ...Object.entries(o.arrayParameters ?? {}).flatMap(([p, vs]) => vs.map((v, i): [string, string] => [`arrayParameters.${p}[${i}]`, v])),
      ...Object.entries(o.objectParameters ?? {}).flatMap(([p, vs]) => Object.entries(vs).map(([k, v]): [string, string] => [`objectParameters.${p}.${k}`, v])),
      ...Object.entries(o.matrix?.parameters ?? {}).flatMap(([p, vs]) => vs.map((v, i): [string, string] => [`matrix.parameters.${p}[${i}]`, v])),
      ...(o.matrix?.include ?? []).flatMap((inc, i) => Object.entries(inc.parameters).map(([p, v]): [string, string] => [`matrix.include[${i}].parameters.${p}`, v])),
    ];
  }

  /**
   * The pipeline tasks whose results the code of a task not marked trusted may choose, each with how: such a task's
   * own results (no link), and a trusted task's when one of its params is given such a result (the link: which param,
   * which result), since the library does not know what a trusted task makes of its params and a result may repeat one
   * (an `echo` of it, ImagePush's IMAGE_URL of its `image`). What a trusted task reads from a workspace is not followed:
   * it is trusted to read what a workspace holds as data (ImagePush's IMAGE_DIGEST is the digest of what it pushes).
   */
  private taintedResults(): Tainted {
    const tainted = new Map<PipelineTask, TaintLink | undefined>(this.tasks.filter((t) => !this.runsTrusted(t)).map((t) => [t, undefined]));
    // a task reads results of `tasks` only (Tekton refuses a task given a finally task's result): in DAG order, repeated until nothing changes
    for (let changed = true; changed;) {
      changed = false;
      for (const t of this.tasks) {
        if (tainted.has(t)) continue;
        const link = this.givenValues(t).flatMap(([property, value]) => taskResultReferences(value)
          .map((ref) => ({ property, text: ref.text, producer: this.tasks.find((x) => x.name === ref.task && !x.isFinally) }))
          .filter((l): l is TaintLink => l.producer !== undefined && tainted.has(l.producer)))[0];
        if (link === undefined) continue;
        tainted.set(t, link);
        changed = true;
      }
    }
    return tainted;
  }

  /**
   * How the code of a task not marked trusted reaches `end` through `producer`'s result `text`, `producer` a trusted
   * task taintedResults links: `$(tasks.test.results.dest) → 'echo' parameters.msg → $(tasks.echo.results.out) → <end>`,
   * with the task not marked trusted at its start and the first trusted task's param it is given (`endParam` when
   * `producer` is that task).
   */
  private taintChain(tainted: Tainted, producer: PipelineTask, text: string, end: string, endParam: TaintChain['first']): TaintChain {
    const hops = [`${text} → ${end}`];
    let origin = producer;
    let first = endParam;
    for (let link = tainted.get(origin); link !== undefined; link = tainted.get(origin)) {
      hops.unshift(`${link.text} → '${origin.name}' ${link.property}`);
      first = { task: origin, property: link.property };
      origin = link.producer;
    }
    return { chain: hops.join(' → '), origin, first };
  }

  /**
   * Params of a trusted task that holds a credentials workspace given a result the code of a task not marked trusted
   * may choose (its own, or a trusted task's given one: taintedResults): that code chooses what the credential does
   * (ImagePush's `image`: where the registry credentials push).
   */
  private chosenCredentialUseProblems(credentials: readonly string[], tainted: Tainted): Array<RefusalOptions & { readonly target: string }> {
    const problems: Array<RefusalOptions & { readonly target: string }> = [];
    for (const t of this.tasks) {
      const held = Object.entries(t._options.workspaces ?? {}).filter(([, w]) => credentials.includes(w));
      if (held.length === 0 || !this.runsTrusted(t)) continue;
      const holds = `credentials (${held.map(([tw, pw]) => `workspaces.${tw} "${pw}"`).join(', ')})`;
      for (const [property, value] of this.givenValues(t)) {
        for (const ref of taskResultReferences(value)) {
          const producer = this.tasks.find((x) => x.name === ref.task && !x.isFinally);
          if (producer === undefined || !tainted.has(producer)) continue;
          const param = property.startsWith('parameters.') ? ` (parameters: { ${tsKey(property.slice('parameters.'.length))}: '$(params.<name>)' })` : '';
          const link = tainted.get(producer);
          if (link === undefined) {
            problems.push({
              location: `task '${t.name}'`,
              target: RelaxationTarget.task(t.name),
              property,
              value: ref.text,
              problem: `is a result of pipeline task '${producer.name}' (${taskText(producer)}, which is not marked trusted), given to a task that holds `
                + `${holds}: the code '${producer.name}' runs chooses what the credentials do`,
              rule: RuleId.CREDENTIALS_TRUSTED_TASK,
              fix: `Pass a pipeline param or a literal instead, or a result of a task marked trusted${param}${relaxTaskText(t.name)}.`,
            });
            continue;
          }
          const { chain, origin, first } = this.taintChain(tainted, producer, ref.text, `'${t.name}' ${property}`, { task: t, property });
          problems.push({
            location: `task '${t.name}'`,
            target: RelaxationTarget.task(t.name),
            property,
            value: ref.text,
            problem: `is a result of pipeline task '${producer.name}' (${taskText(producer)}, marked trusted), which is given a result of pipeline task `
              + `'${origin.name}' (${taskText(origin)}, which is not marked trusted): ${chain}; a trusted task's result may repeat what a param gives it, `
              + `so the code '${origin.name}' runs may choose what the ${holds} of '${t.name}' do`,
            rule: RuleId.CREDENTIALS_TRUSTED_TASK,
            fix: `Pass a pipeline param or a literal instead${param}, or give '${first.task.name}' ${first.property} a pipeline param, a literal or a result `
              + `of a task marked trusted${relaxTaskText(t.name)}.`,
          });
        }
      }
    }
    return problems;
  }

  /**
   * Another network policy of the app, in the pipeline's namespace (or without one), that
   * selects the pods of a task and allows them egress the pipeline's EgressPolicy does not give
   * that task: a NetworkPolicy (policies are additive), a CiliumNetworkPolicy or
   * CiliumClusterwideNetworkPolicy (Cilium adds what its policies allow), a Calico NetworkPolicy
   * or GlobalNetworkPolicy (an Allow counts whatever its order), an AdminNetworkPolicy (its Allow
   * comes before any NetworkPolicy). For a hermetic task any egress rule of it counts; for
   * another task an egress rule that is not, as written, one of those the EgressPolicy writes for
   * the task's pods (a NetworkPolicy's), or any allowing rule (another kind's). The pods carry the
   * labels Tekton gives them and those it copies onto them from the Pipeline, the Task and the
   * run (private/task-pod-labels.ts): those of the app's PipelineRuns of the pipeline, and none
   * for a run created elsewhere.
   */
  private foreignEgressProblems(): Array<RefusalOptions & { readonly target: string }> {
    const hermetic = new Set(this.egress.hermeticTasks);
    const own = new Set<IConstruct>(this.egress.node.findAll());
    const pipeline = this.apiObject.toJson();
    const namespace = manifestNamespace(pipeline);
    const objects = this.node.root.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject);
    // each object as it synthesizes, serialized once, when first read
    const serialized = new Map<ApiObject, any>([[this.apiObject, pipeline]]);
    const json = (o: ApiObject) => {
      if (!serialized.has(o)) serialized.set(o, o.toJson());
      return serialized.get(o);
    };
    const policies = objects.filter((o) => (o.kind === 'NetworkPolicy' || isClusterNetworkPolicy({ apiVersion: o.apiVersion, kind: o.kind })))
      .map((o) => ({ o, p: json(o) }));
    const others = policies
      .filter(({ o, p }) => isNetworkPolicy(p) && !own.has(o))
      .filter(({ p }) => sameNamespace(manifestNamespace(p), namespace) && isolatesEgress(p) && asArray(p?.spec?.egress).length > 0);
    const otherKinds = policies.filter(({ o, p }) => !own.has(o) && isClusterNetworkPolicy(p));
    if (others.length === 0 && otherKinds.length === 0) return [];
    const pathOf = new Map<any, string>(otherKinds.map(({ o, p }) => [p, o.node.path]));
    const ownPolicies = policies.filter(({ o, p }) => own.has(o) && isNetworkPolicy(p)).map(({ p }) => p);
    const inNamespace = (kind: string) => objects.filter((o) => o.kind === kind && o.apiVersion.startsWith('tekton.dev/'))
      .map(json).filter((j) => sameNamespace(manifestNamespace(j), namespace));
    // the app's runs of this Pipeline by name, and a run created elsewhere (whose labels are not known here)
    const runs = [undefined, ...inNamespace('PipelineRun').filter((r) => isObject(r?.spec?.pipelineRef)
      && r.spec.pipelineRef.resolver === undefined && r.spec.pipelineRef.name === pipeline?.metadata?.name)];
    const tasks = inNamespace('Task');
    // the managed-by value each reading of the app's config-defaults gives Tekton (none: the release's)
    const managedBys = new Set(appliedConfigDefaults(objects.map(json)).map((d) => {
      const v = d.data['default-managed-by-label-value'];
      return typeof v === 'string' ? v : v === null ? '' : 'tekton-pipelines';
    }));
    const managedBy = managedBys.size === 0 ? undefined : managedBys.size === 1 ? [...managedBys][0] : UNKNOWN_LABEL;
    const names = [...asArray(pipeline?.spec?.tasks), ...asArray(pipeline?.spec?.finally)].map((x) => x?.name).filter((n): n is string => typeof n === 'string');
    return [...new Set(names)].flatMap((task) => {
      const written = [...asArray(pipeline?.spec?.tasks), ...asArray(pipeline?.spec?.finally)].find((x) => x?.name === task);
      const ref = written?.taskRef;
      // a taskRef by name runs the Task of that name in the run's namespace: its labels, when the app writes it
      const taskObject = isObject(ref) && ref.resolver === undefined && (ref.kind === undefined || ref.kind === 'Task')
        ? tasks.find((t) => t?.metadata?.name === ref.name) : undefined;
      const lookups = runs.flatMap((run) => {
        const all = taskPodLabels({ pipeline, task, taskObject, run, managedBy });
        const given = taskPodLabels({ pipeline, task, taskObject, run, copied: false, managedBy });
        return all === undefined || given === undefined ? [] : [{ all, given }];
      });
      const isHermetic = hermetic.has(task);
      // the egress rules the EgressPolicy writes for the task's pods (DNS, the pipeline's allow-list, the task's own)
      const declared = new Set(isHermetic ? [] : ownPolicies
        .filter((p) => lookups.some((l) => selectsLookup(p?.spec?.podSelector, l.given, carriedByTaskPod) !== false))
        .flatMap((p) => asArray(p?.spec?.egress).map(canonicalJson)));
      const fromNetworkPolicies = others.flatMap(({ o, p }): RefusalOptions[] => {
        const selecting = lookups.filter((l) => selectsLookup(p?.spec?.podSelector, l.all, carriedByTaskPod) !== false);
        if (selecting.length === 0) return [];
        const beyond = asArray(p?.spec?.egress).findIndex((r) => !declared.has(canonicalJson(r)));
        if (beyond < 0) return [];
        // selected only through labels Tekton copies from the objects, which the user set (chart labels, a patch)
        const copied = selecting.every((l) => selectsLookup(p?.spec?.podSelector, l.given, carriedByTaskPod) === false);
        const by = copied ? ' by labels Tekton copies onto them from the Pipeline, the Task or a PipelineRun (the chart\'s labels, a patch of metadata.labels)' : '';
        if (!isHermetic) {
          return [this.widenedEgress(task, `${policyId(p)} ('${o.node.path}')`, `its podSelector ${JSON.stringify(p?.spec?.podSelector ?? {})}${by}`,
            `spec.egress[${beyond}]`, 'NetworkPolicies are additive', copied)];
        }
        return [{
          location: `task '${task}'`,
          property: 'hermetic',
          value: 'true',
          problem: `is undone by ${policyId(p)} ('${o.node.path}'), which selects the task's pods${by}`
            + ' and allows egress: NetworkPolicies are additive, so the task reaches what that policy allows',
          rule: RuleId.EGRESS_SCOPED,
          fix: copied
            ? `Remove those labels from the Pipeline, the Task and the PipelineRuns of pipeline '${this.egress.pipelineName}', or narrow that policy's podSelector so that `
              + `it leaves those pods out, or remove hermetic: true from the addTask(...) of task '${task}'.`
            : `Narrow that policy's podSelector so that it leaves the pods of pipeline '${this.egress.pipelineName}' out, or remove hermetic: true from the addTask(...) of task '${task}'.`,
        }];
      });
      const seen = new Set<string>();
      const fromOtherKinds = lookups.flatMap((l) => podEgressAllowances(otherKinds.map(({ p }) => p), namespace, l.all))
        .filter((e) => !seen.has(`${e.object}\0${e.field}`) && seen.add(`${e.object}\0${e.field}`) !== undefined)
        .map((e): RefusalOptions => {
          const object = `${e.object} ('${pathOf.get(e.manifest)}')`;
          const precedence = 'policies of the network plugin add to what NetworkPolicies allow (a Cilium rule, a Calico Allow whatever its order, an AdminNetworkPolicy\'s Allow before any NetworkPolicy)';
          return isHermetic ? {
            location: `task '${task}'`,
            property: 'hermetic',
            value: 'true',
            problem: `is undone by ${object}, which selects the task's pods (${e.selects}) and allows egress in ${e.field}: ${precedence}, so the task reaches what that policy allows`,
            rule: RuleId.EGRESS_SCOPED,
            fix: `Narrow that policy's selector so that it leaves the pods of pipeline '${this.egress.pipelineName}' out, or remove hermetic: true from the addTask(...) of task '${task}'.`,
          } : this.widenedEgress(task, object, e.selects, e.field, precedence, false);
        });
      return [...fromNetworkPolicies, ...fromOtherKinds].map((o) => ({ ...o, target: RelaxationTarget.task(task), fix: `${o.fix}${this.relaxTaskHint(task)}` }));
    });
  }

  /** A policy not written for a task that selects its pods and allows it egress beyond what it declares. */
  private widenedEgress(task: string, object: string, selects: string, field: string, why: string, copied: boolean): RefusalOptions {
    return {
      location: `task '${task}'`,
      property: 'egress',
      value: object,
      problem: `selects the task's pods (${selects}) and allows egress the task does not declare (${field}): ${why}, so the task reaches what that policy allows `
        + 'beyond its allowEgressTo and the pipeline\'s egress.allow',
      rule: RuleId.EGRESS_SCOPED,
      fix: `${copied ? `Remove those labels from the Pipeline, the Task and the PipelineRuns of pipeline '${this.egress.pipelineName}', or narrow` : 'Narrow'} `
        + `that policy's selector so that it leaves the pods of pipeline '${this.egress.pipelineName}' out, and declare the egress task '${task}' needs with `
        + 'allowEgressTo(peer, ports) on the PipelineTask addTask returned.',
    };
  }

  /** How to relax EGRESS_SCOPED for one task's pods in the pipeline's props. */
  private relaxTaskHint(task: string): string {
    return ` Or relax EGRESS_SCOPED with a reason in the props of SecurePipeline '${this.node.path}': `
      + `relaxations: [{ rule: RuleId.EGRESS_SCOPED, target: RelaxationTarget.task('${task}'), reason: '<why>' }].`;
  }

  /** Egress given by task name (egress.allowForTask, egress.markHermetic) to a name no task of the pipeline has: a typo. */
  private egressTaskProblems(): RefusalOptions[] {
    const names = new Set(this.tasks.map((t) => t.name));
    const known = [...names].join(', ') || '(none)';
    return [
      ...this.egress.tasksWithEgress.filter((n) => !names.has(n)).map((n) => ({ property: 'egress.allowForTask', value: n })),
      ...this.egress.hermeticTasks.filter((n) => !names.has(n)).map((n) => ({ property: 'egress.markHermetic', value: n })),
    ].map((p) => ({
      ...p,
      problem: 'names no task of the pipeline, so its NetworkPolicy selects no pod',
      rule: RuleId.VALID_REFERENCE,
      fix: `Name a task of the pipeline (${known}), or use allowEgressTo on the PipelineTask addTask returned (hermetic: true in its options).`,
    }));
  }

  /**
   * A SecureTask run by taskRef whose Task the app does not write under that name in the
   * pipeline's namespace: Tekton runs whatever Task of that name the namespace holds, which
   * nothing checked. (A trusted task bound to credentials is refused with them instead.)
   */
  private unwrittenTaskProblems(credentials: string[]): RefusalOptions[] {
    const namespace: string | undefined = this.apiObject.toJson()?.metadata?.namespace;
    return this.tasks.flatMap((t) => {
      if (!knownDefinition(t.task)) return this.unwrittenDefinitionProblems(t, namespace);
      if (!(t.task instanceof SecureTask) || this.embeds(t)) return [];
      if (trustedAsMade(t.task) && Object.values(t._options.workspaces ?? {}).some((w) => credentials.includes(w))) return [];
      const unwritten = this.unwrittenTask(t.task, namespace);
      if (unwritten === undefined) return [];
      return [{
        location: `task '${t.name}'`,
        property: 'task',
        value: t.task.name,
        problem: `runs Task '${t.task.name}' of ${constructKindOf(t.task.constructor, 'SecureTask')} '${t.task.node.path}', but ${unwritten.reason}: the taskRef runs `
          + `whatever Task '${t.task.name}' the run's namespace${namespace !== undefined ? ` '${namespace}'` : ''} holds when the run starts, unchecked`,
        rule: RuleId.VALID_REFERENCE,
        fix: unwritten.fix,
      }];
    });
  }

  /**
   * The Pipeline as written under another name or in another namespace than its EgressPolicy's
   * deny-all NetworkPolicy selects (an escape-hatch patch of metadata): the Pipeline and the
   * NetworkPolicies no longer name the same pipeline.
   */
  private unselectedProblems(): RefusalOptions[] {
    const json = this.apiObject.toJson();
    // what the deny-all selects as emitted (a patch of it is the EgressPolicy's to refuse)
    const label = this.name;
    const selects = { metadata: { namespace: Chart.of(this.egress).namespace } };
    const problems: RefusalOptions[] = [];
    if (json?.metadata?.name !== label) {
      problems.push({
        property: 'metadata.name',
        value: String(json?.metadata?.name),
        problem: `is not the name the pipeline's NetworkPolicies select its pods by (${SECURE_PIPELINE_LABEL}: ${String(label)}): an escape-hatch patch renamed the Pipeline, `
          + 'so the Pipeline and the NetworkPolicies no longer name the same pipeline',
        rule: RuleId.VALID_REFERENCE,
        fix: `Give the SecurePipeline its name prop (name: '${String(json?.metadata?.name)}') rather than a patch of metadata.name.`,
      });
    }
    const ns = (v: unknown) => (v === '' ? undefined : v);
    if (ns(json?.metadata?.namespace) !== ns(selects?.metadata?.namespace)) {
      problems.push({
        property: 'metadata.namespace',
        value: String(json?.metadata?.namespace ?? '(none)'),
        problem: `is not the namespace of the pipeline's NetworkPolicies ('${String(selects?.metadata?.namespace ?? '(none)')}'): an escape-hatch patch moved the Pipeline, `
          + 'and the pods of its runs would be kept from the network by no policy',
        rule: RuleId.VALID_REFERENCE,
        fix: "Create the SecurePipeline in a chart of the namespace it runs in (a Chart whose namespace prop is '<namespace>') rather than a patch of metadata.namespace.",
      });
    }
    return problems;
  }

  /**
   * The pipeline tasks of the Pipeline as written whose `taskRef` names a Task other than the
   * one the model refers to (an escape-hatch patch, a `taskReference` a subclass overrides, a
   * pipeline task a patch adds), and that the app does not write in the pipeline's namespace:
   * Tekton runs whatever Task of that name the namespace holds, which nothing checked. What the
   * model refers to is the other checks' (unwrittenTaskProblems); a resolver's, the remote rules'.
   */
  private writtenReferenceProblems(): RefusalOptions[] {
    const json = this.apiObject.toJson();
    const namespace = json?.metadata?.namespace === '' ? undefined : json?.metadata?.namespace;
    const written = [...asArray(json?.spec?.tasks), ...asArray(json?.spec?.finally)]
      .filter((w) => w?.taskSpec === undefined && w?.taskRef !== null && typeof w?.taskRef === 'object' && typeof w.taskRef.name === 'string'
        && w.taskRef.resolver === undefined && w.taskRef.apiVersion === undefined && (w.taskRef.kind ?? 'Task') === 'Task');
    if (written.length === 0) return [];
    const tasks = writtenTektonNames(this, 'Task', namespace);
    return written.flatMap((w): RefusalOptions[] => {
      const name: string = w.taskRef.name;
      const modelled = this.tasks.find((t) => t.name === w.name);
      const expected = modelled?.task instanceof SecureTask ? modelled.task.name : modelled?.task.taskReference.name;
      if (tasks.has(name) || (expected !== undefined && name === expected)) return [];
      return [{
        location: `task '${w.name}'`,
        property: 'taskRef.name',
        value: name,
        problem: `names Task '${name}', which the app does not write${namespace !== undefined ? ` in namespace '${namespace}'` : ' without a namespace'}`
          + `${modelled === undefined ? ' (a pipeline task an escape-hatch patch added)' : ` (not '${expected ?? '(none)'}', which addTask referred to: an escape-hatch patch or a taskReference of its own changed it)`}: `
          + `the taskRef runs whatever Task '${name}' the run's namespace holds when the run starts, unchecked`,
        rule: RuleId.VALID_REFERENCE,
        fix: 'Run a Task the app writes and checks: pipeline.addTask({ task: secureTask }), without a patch of taskRef, or fetch it with a RemoteTask, whose content synth checks.',
      }];
    });
  }

  /**
   * The pipeline tasks of the Pipeline as written whose `taskRef` fetches through a resolver
   * other content than the RemoteTask they run was made to fetch (an escape-hatch patch of its
   * params, a `taskReference` or field of the RemoteTask changed after it was made), or that
   * fetch anything while they run a SecureTask or were added by a patch: synth checked the
   * content of the RemoteTask's own reference only, and Tekton would run what the written one
   * fetches, unchecked. A task definition of the app's own is held to its own reference.
   */
  private fetchedReferenceProblems(): RefusalOptions[] {
    const json = this.apiObject.toJson();
    const written = [...asArray(json?.spec?.tasks), ...asArray(json?.spec?.finally)]
      .filter((w) => w?.taskSpec === undefined && w?.taskRef !== null && typeof w?.taskRef === 'object'
        && typeof w.taskRef.resolver === 'string' && w.taskRef.resolver !== '');
    return written.flatMap((w): RefusalOptions[] => {
      const modelled = this.tasks.find((t) => t.name === w.name);
      const definition = modelled?.task;
      const expected = definition instanceof RemoteTask ? fetchedReference(definition)
        : definition !== undefined && !knownDefinition(definition) ? definition.taskReference : undefined;
      if (expected !== undefined && isReferenceTo(w.taskRef, expected)) return [];
      const params = asArray(w.taskRef.params).map((p) => `${String(p?.name)}=${typeof p?.value === 'string' ? p.value : JSON.stringify(p?.value)}`);
      const value = `${String(w.taskRef.resolver)}${params.length > 0 ? ` ${params.join(', ')}` : ''}`;
      const why = modelled === undefined ? 'it is a pipeline task an escape-hatch patch added'
        : definition instanceof RemoteTask
          ? `it is not the reference ${constructKindOf(definition.constructor, 'RemoteTask')} '${definition.node.path}' was made with (${describeReference(expected!)}), `
            + 'whose content synth checks, but one an escape-hatch patch or a change of the RemoteTask after it was made wrote'
          : definition instanceof SecureTask ? `it is not Task '${definition.name}' of SecureTask '${definition.node.path}', which addTask referred to: an escape-hatch patch changed it`
            : `it is not ${describeReference(expected ?? {})}, which the task definition '${definition!.name}' refers to: an escape-hatch patch changed it`;
      return [{
        location: `task '${String(w.name)}'`,
        property: 'taskRef',
        value,
        problem: `fetches content synth never checked: ${why}; Tekton runs whatever the ${String(w.taskRef.resolver)} resolver serves there`,
        rule: RuleId.VALID_REFERENCE,
        fix: 'Run the task as it was made: pipeline.addTask({ task: remoteTask }), without a patch of taskRef; to fetch other content, '
          + "make a RemoteTask of it (RemoteTask.fromBundle(scope, '<id>', { bundle: '<repository>@sha256:<64 hex>', content: TaskContent.fromFile('<file>') })), whose content synth checks.",
      }];
    });
  }

  /**
   * A task definition of the app's own (neither SecureTask nor RemoteTask) that refers to its
   * Task by name: Tekton runs whatever Task of that name the run's namespace holds, so the app
   * must write (and so check) one there. A reference through a resolver is the remote rules'.
   */
  private unwrittenDefinitionProblems(t: PipelineTask, namespace: string | undefined): RefusalOptions[] {
    const ref = t.task.taskReference;
    if (ref.resolver !== undefined || ref.name === undefined) return [];
    const kind = ref.kind ?? 'Task';
    const written = this.node.root.node.findAll().some((c) => ApiObject.isApiObject(c) && c.kind === kind && notWritten(c, this) === undefined
      && c.toJson()?.metadata?.name === ref.name && c.toJson()?.metadata?.namespace === namespace);
    if (written) return [];
    const where = namespace !== undefined ? ` in namespace '${namespace}'` : ' without a namespace';
    return [{
      location: `task '${t.name}'`,
      property: 'task',
      value: ref.name,
      problem: `runs ${kind} '${ref.name}' of ${t.task.constructor.name} '${t.task.node.path}' by name, but the app writes no ${kind} '${ref.name}'${where}: `
        + `the taskRef runs whatever ${kind} '${ref.name}' the run's namespace holds when the run starts, unchecked`,
      rule: RuleId.VALID_REFERENCE,
      fix: `Write the task as a SecureTask of this app (construct id '${ref.name}', with its steps) in a chart of the pipeline's namespace, `
        + 'or fetch it with a RemoteTask, whose content synth checks.',
    }];
  }

  /**
   * The LeastPrivilegeServiceAccount of a ServiceAccount defined elsewhere: the one
   * given, or the one that holds the grants of a cdk8s-plus ServiceAccount (one per
   * ServiceAccount, beside it, so that pipelines sharing it share one Role).
   */
  private existingServiceAccount(sa: kplus.IServiceAccount): LeastPrivilegeServiceAccount {
    const expected = Chart.of(this).namespace;
    const actual = namespaceOf(sa);
    if (actual !== expected) {
      throw this.policy.error({
        property: 'serviceAccount',
        value: sa.name,
        problem: `is in namespace '${actual ?? '(none)'}', the pipeline in '${expected ?? '(none)'}': a run finds its ServiceAccount in its own namespace`,
        rule: RuleId.VALID_REFERENCE,
        fix: 'Use a ServiceAccount of the pipeline\'s namespace (ServiceAccount.fromServiceAccountName(scope, id, name, { namespaceName }) for one defined elsewhere).',
      });
    }
    if (sa instanceof LeastPrivilegeServiceAccount) return sa;
    // one per ServiceAccount: the app's own, made for it earlier, or the pipelines' beside it
    return LeastPrivilegeServiceAccount._holderOf(this, sa) ?? new LeastPrivilegeServiceAccount(sa, GRANTS_ID, { serviceAccount: sa });
  }

  /**
   * A trusted task that receives a credentials workspace is recorded as a
   * relaxation of CREDENTIALS_TRUSTED_TASK with the reason, so that the YAML says
   * who is trusted and why. It holds only while the pipeline task, as written,
   * still runs that very Task: by local reference to the Task the app writes with
   * that name in the pipeline's namespace, or (embedded) with exactly the spec of
   * that Task as it would be written.
   */
  private trustRecords(credentials: string[]) {
    return this.tasks
      // trust is the model's: a SecureTask or RemoteTask, whose content synth checks, never another ITaskDefinition's say-so
      .filter((t) => knownDefinition(t.task) && trustedAsMade(t.task)
        && Object.values(t._options.workspaces ?? {}).some((w) => credentials.includes(w)))
      .map((t) => {
        const embedded = this.embeds(t);
        return {
          rule: RuleId.CREDENTIALS_TRUSTED_TASK,
          target: `task/${t.name}`,
          location: `task '${t.name}'`,
          reason: `${embedded ? 'embeds' : 'runs'} Task '${t.task.name}', which ${t.task.constructor.name} '${t.task.node.path}' marks trusted: it may receive credentials workspaces`,
          holds: (json: any) => this.runsAsAdded(t, json),
        };
      });
  }

  /**
   * Whether the pipeline task `t`, as written in the Pipeline `json`, still runs the task addTask
   * gave it: by local reference to the Task the app writes with that name in the pipeline's
   * namespace, with exactly the spec of that Task as it would be written (embedded), by the
   * reference a RemoteTask was made with, or by the reference of a task definition of the app's own.
   */
  private runsAsAdded(t: PipelineTask, json: any): boolean {
    const written = [...asArray(json?.spec?.tasks), ...asArray(json?.spec?.finally)].filter((x) => x?.name === t.name);
    if (written.length !== 1) return false;
    const w = written[0];
    if (this.embeds(t)) return w.taskRef === undefined && isDeepStrictEqual(w.taskSpec, (t.task as SecureTask).apiObject.toJson().spec);
    return w.taskSpec === undefined
      // a SecureTask's Task by the name it is written under, not by what its taskReference (which a subclass may override) says
      && isReferenceTo(w.taskRef, t.task instanceof SecureTask ? { kind: 'Task', name: t.task.apiObject.toJson()?.metadata?.name }
        // a RemoteTask's reference as made, whose content synth checked (not what its taskReference says now)
        : fetchedReference(t.task) ?? t.task.taskReference)
      // a taskRef by name runs the Task of that name in the run's namespace: the app must write it there
      && (!(t.task instanceof SecureTask) || this.unwrittenTask(t.task, json?.metadata?.namespace) === undefined);
  }

  /**
   * Whether the pipeline task `t`, as the Pipeline is written, still runs the task addTask gave
   * it (see runsAsAdded): what the records derived for that task (API grants) hold for.
   * @internal
   */
  public _runsAsAdded(t: PipelineTask): boolean {
    return notWritten(this.apiObject, this) === undefined && this.runsAsAdded(t, this.apiObject.toJson());
  }

  /**
   * Why a taskRef by name to `task` would not run the Task it writes, or undefined when it
   * does: Tekton looks the name up in the run's namespace when the run starts, so the app
   * must write (and so check) that Task, with that name, in the pipeline's namespace.
   */
  private unwrittenTask(task: SecureTask, namespace: string | undefined): UnwrittenReference | undefined {
    const chart = Chart.of(task);
    return unwrittenReference({
      construct: constructKindOf(task.constructor, 'SecureTask'),
      kind: 'Task',
      path: task.node.path,
      name: task.name,
      apiObject: task.apiObject,
      chartNamespace: chart.namespace,
      holder: 'pipeline',
      namespace,
      removedFixTail: ', or bind the credentials to a task whose Task the app writes',
    }, this);
  }

  /** Whether a pipeline task's spec is written inside the Pipeline: a SecureTask of a pipeline that embeds its tasks. */
  private embeds(t: PipelineTask): boolean {
    return this.embedTasks && t.task instanceof SecureTask;
  }

  /**
   * The Kubernetes JSON of the spec with the spec of each embedded task in place of its `taskRef`,
   * its pipeline task passing every param the spec declares: the value the pipeline gives, else
   * the param's default as written. Tekton v1.15 substitutes a PipelineRun's params (declared by
   * the pipeline or not) into an embedded spec wherever the pipeline task passes no param of that
   * name (pipelinerun/resources/apply.go `propagateParams`): a default left to the task would be
   * each run's to replace (an ImageVerify's signer identity with the run's own).
   */
  private embedSpecs(spec: any): any {
    for (const written of [...asArray(spec?.tasks), ...asArray(spec?.finally)]) {
      const t = this.tasks.find((x) => x.name === written?.name);
      if (!t || !this.embeds(t)) continue;
      delete written.taskRef;
      written.taskSpec = (t.task as SecureTask).apiObject.toJson().spec;
      const passed = new Set(givenParams(t._options));
      const defaults = asArray(written.taskSpec?.params).filter((p) => !passed.has(p?.name) && p?.default !== undefined)
        .map((p) => ({ name: p.name, value: p.default }));
      if (defaults.length > 0) written.params = sortedByName([...asArray(written.params), ...defaults]);
    }
    return spec;
  }

  /**
   * What a PipelineRun could still substitute into the spec of a task this pipeline embeds, where
   * the params the pipeline task passes (embedSpecs) do not stop Tekton's propagation of the run's
   * params: a param the matrix gives (substituted with the run's value before the matrix fans out),
   * an element or key of a param (`$(params.tags[0])` takes element 0 of a run's array `tags`,
   * `$(params.obj.key)` a run's string param named `obj.key`), and a default that holds a
   * substitution (written into the pipeline task, the pipeline's params would fill it).
   * Checked with Tekton v1.15's substitution (conformance/cmd/tekton-substitute).
   */
  private propagationProblems(): RefusalOptions[] {
    const problems: RefusalOptions[] = [];
    const leave = 'Leave embedTasks out (the task is then a Task referred to by taskRef)';
    for (const t of this.tasks.filter((x) => this.embeds(x))) {
      const at = `task '${t.name}'`;
      const task = t.task as SecureTask;
      const o = t._options;
      const matrixed = [
        ...Object.keys(o.matrix?.parameters ?? {}).map((param) => `matrix.parameters.${param}`),
        ...(o.matrix?.include ?? []).flatMap((inc, i) => Object.keys(inc.parameters).map((param) => `matrix.include[${i}].parameters.${param}`)),
      ];
      for (const property of matrixed) {
        problems.push({
          location: at,
          property,
          problem: `fans out over a param of task '${task.name}', whose spec the pipeline embeds (embedTasks): Tekton substitutes a PipelineRun's param of that name into the embedded spec before the matrix fans out, so the run, not the matrix, chooses it`,
          rule: RuleId.VALID_SPEC,
          fix: `${leave}, or pass the task one value in parameters.`,
        });
      }
      const spec = task.apiObject.toJson().spec ?? {};
      const declared = new Map<string, any>(asArray(spec.params).map((p) => [p?.name, p]));
      const seen = new Set<string>();
      for (const text of strings({ ...spec, params: undefined })) {
        for (const use of paramUses(text)) {
          const part = use.index !== undefined || (use.key !== undefined && !declared.has(`${use.name}.${use.key}`));
          if (!part || seen.has(use.text)) continue;
          seen.add(use.text);
          problems.push({
            location: at,
            property: 'embedTasks',
            value: 'true',
            problem: `writes the spec of task '${task.name}' inside the Pipeline, where ${use.text} takes ${use.index !== undefined ? `element ${use.index} of a PipelineRun's array param '${use.name}'` : `a PipelineRun's string param named '${use.name}.${use.key}'`} in place of the pipeline task's value (Tekton substitutes a run's params into an embedded spec, and passing '${use.name}' does not stop it)`,
            rule: RuleId.VALID_SPEC,
            fix: `${leave}, or give the task the ${use.index !== undefined ? 'element' : 'key'} in a string param of its own.`,
          });
        }
      }
      const reported = new Set<string>();
      for (const { where, text, effect, given } of wholeElements(spec)) {
        const uses = paramUses(text);
        const whole = uses.length === 1 && uses[0].text === text && !uses[0].star && uses[0].index === undefined && uses[0].key === undefined;
        const use = whole ? uses[0] : undefined;
        const p = use === undefined ? undefined : task.param(use.name);
        if (use === undefined || p === undefined || typeOf(p) !== ParamType.STRING || reported.has(use.name)) continue;
        const own = this.params.find((x) => x.name === use.name);
        if (own !== undefined && typeOf(own) === ParamType.STRING) continue;
        reported.add(use.name);
        problems.push({
          location: at,
          property: 'embedTasks',
          value: 'true',
          problem: `writes the spec of task '${task.name}' inside the Pipeline, where ${use.text} is ${where}: Tekton puts there a PipelineRun's ${given} param '${use.name}', `
            + `emptied by the pipeline task's passing '${use.name}', so ${effect} (a run's params reach an embedded spec, and Tekton refuses a run that gives '${use.name}' as an ${given} `
            + `only when the pipeline declares a string param '${use.name}'${own === undefined ? '' : `; this pipeline declares an ${typeOf(own)} param '${use.name}'`})`,
          rule: RuleId.VALID_SPEC,
          fix: own === undefined
            ? `${leave}, or declare the param in the pipeline's props: parameters: [{ name: '${use.name}', defaultValue: '<value>' }] (the task keeps the value it is passed).`
            : `${leave}, or rename the pipeline's ${typeOf(own)} param '${use.name}'.`,
        });
      }
      for (const name of task.paramNames) {
        const p = task.param(name)!;
        const value = declared.get(name)?.default;
        if (givenParams(o).includes(name) || value === undefined || !strings(value).some((x) => x.includes('$('))) continue;
        problems.push({
          location: at,
          property: passedAs(p).split(':')[0],
          value: name,
          problem: `is left to the default ${JSON.stringify(value)} of task '${task.name}', whose spec the pipeline embeds (embedTasks): the pipeline task passes every param there (else a PipelineRun's param of that name would replace it), and a substitution in a default it passes would be filled by the pipeline's params`,
          rule: RuleId.VALID_SPEC,
          fix: `${leave}, or pass it in the task's addTask(...) options: ${passedAs(p)}.`,
        });
      }
    }
    return problems;
  }

  /** Embedded specs that the app's own Tekton feature flags (`disable-inline-spec: pipeline`) make Tekton refuse. */
  private inlineSpecProblems(): RefusalOptions[] {
    if (!this.tasks.some((t) => this.embeds(t))) return [];
    return this.node.root.node.findAll().filter(ApiObject.isApiObject).flatMap((o) => {
      if (o.kind !== 'ConfigMap' || o.name !== FEATURE_FLAGS_NAME || o.metadata.namespace !== TEKTON_NAMESPACE) return [];
      const value = o.toJson()?.data?.['disable-inline-spec'];
      if (typeof value !== 'string' || !value.split(',').map((k) => k.trim()).includes('pipeline')) return [];
      return [{
        property: 'embedTasks',
        value: 'true',
        problem: `writes task specs inside the Pipeline, which the app's feature flags (${o.node.path}) refuse: disable-inline-spec "${value}"`,
        rule: RuleId.VALID_SPEC,
        fix: 'Leave embedTasks out (the tasks are then Task objects referred to by taskRef), or take InlineSpecKind.PIPELINE out of disableInlineSpec.',
      }];
    });
  }

  /**
   * Takes out of the app the Task of each SecureTask this pipeline embeds when no
   * pipeline of the app refers to it: it would be an object nothing runs.
   */
  private omitEmbeddedOnly(): void {
    if (!this.tasks.some((t) => this.embeds(t))) return;
    const pipelines = this.node.root.node.findAll().filter((c): c is SecurePipeline => c instanceof SecurePipeline);
    for (const t of this.tasks.filter((x) => this.embeds(x))) {
      const task = t.task as SecureTask;
      if (pipelines.some((p) => p.tasks.some((x) => x.task === task && !p.embeds(x)))) continue;
      task.apiObject.node.scope?.node.tryRemoveChild(task.apiObject.node.id);
    }
  }

  /**
   * Add a result to the pipeline, made of its tasks' results.
   *
   * @example
   * declare const pipeline: SecurePipeline;
   * declare const push: PipelineTask; // the ImagePush task
   * pipeline.addResult({ name: 'image-digest', value: push.result('IMAGE_DIGEST') });
   */
  public addResult(result: PipelineResult): void {
    this.results.push(result);
  }

  /** Add a task to the pipeline. */
  public addTask(options: PipelineTaskOptions): PipelineTask {
    return this.add(options, false);
  }

  /**
   * Add a `finally` task: it runs after every other task, whatever their outcome
   * (clean-up, notifications). It cannot use `runAfter`, and no other task can use
   * its results.
   */
  public addFinally(options: PipelineTaskOptions): PipelineTask {
    return this.add(options, true);
  }

  private add(given: PipelineTaskOptions, isFinally: boolean): PipelineTask {
    // read once: the checks and the Pipeline written read the same values, whatever the app does with `given` afterwards
    const options = readOnce(given);
    const name = options.name ?? options.task.name;
    this.policy.checkName(isFinally ? 'finally' : 'tasks', name);
    this.policy.checkUnique('tasks', [...this.tasks.map((t) => t.name), name]);
    if (isFinally && options.runAfter && options.runAfter.length > 0) {
      throw this.policy.error({
        location: `task '${name}'`,
        property: 'runAfter',
        value: options.runAfter.map(taskName).join(', '),
        problem: 'is set on a finally task',
        rule: RuleId.VALID_DAG,
        fix: 'Finally tasks run after all other tasks; remove runAfter.',
      });
    }
    const taskTimeoutWrong = options.timeout === undefined ? undefined : timeoutProblem(options.timeout);
    if (taskTimeoutWrong !== undefined) {
      throw this.policy.error({
        location: `task '${name}'`,
        property: 'timeout',
        value: durationText(options.timeout!),
        problem: taskTimeoutWrong,
        rule: RuleId.VALID_SPEC,
        fix: 'Give the task a whole number of seconds, at least one, e.g. timeout: Duration.minutes(30), or leave it out for the pipeline\'s.',
      });
    }
    const task = new PipelineTask(name, options.task, options, isFinally, this.serviceAccount, this.egress, this);
    if (options.hermetic) this.egress._markHermeticByAddTask(name);
    this.tasks.push(task);
    // embedded, its steps' StepActions are looked up in this pipeline's namespace
    if (options.task instanceof SecureTask) {
      const embeddedIn = this.embeds(task) ? () => this.apiObject.toJson()?.metadata?.namespace : undefined;
      options.task._runBy.push({ pipelineTask: task, ...(embeddedIn ? { embeddedIn } : {}) });
    }
    // a remote task runs in this pipeline's namespace, where its steps' StepActions are looked up
    if (options.task instanceof RemoteTask) options.task._runBy.push({ namespace: () => this.apiObject.toJson()?.metadata?.namespace });
    return task;
  }

  /** The declared param, or undefined. */
  public param(name: string): PipelineParam | undefined {
    return this.params.find((p) => p.name === name);
  }

  /**
   * A refusal of this pipeline (for its PipelineTasks).
   * @internal
   */
  public _refusal(o: RefusalOptions): Error {
    return this.policy.error(o);
  }

  /**
   * The name of a declared workspace, to bind in `addTask({ workspaces })`. Throws at
   * once, where it is called, when the pipeline declares no such workspace.
   *
   * @example
   * declare const pipeline: SecurePipeline;
   * declare const build: SecureTask;
   * pipeline.addTask({ task: build, workspaces: { source: pipeline.workspace('source') } });
   */
  public workspace(name: string): string {
    if (!this.workspaces.some((w) => w.name === name)) {
      throw this.policy.error({
        property: 'workspace',
        value: name,
        problem: 'is not a workspace of the pipeline',
        rule: RuleId.VALID_REFERENCE,
        fix: this.undeclaredWorkspaceFix(name, undefined),
      });
    }
    return name;
  }

  /**
   * A reference to a declared param, `$(params.<name>)`. Throws at once, where it is
   * called, when the pipeline declares no such param.
   */
  public paramRef(name: string): string {
    if (!this.param(name)) {
      throw this.policy.error({
        property: 'param',
        value: name,
        problem: 'is not a param of the pipeline',
        rule: RuleId.VALID_REFERENCE,
        fix: this.undeclaredParamFix(name, `$(params.${name})`),
      });
    }
    return `$(params.${name})`;
  }

  /** The declared workspaces. */
  public get workspaceDeclarations(): PipelineWorkspace[] {
    return [...this.workspaces];
  }

  /** The declared params. */
  public get paramDeclarations(): PipelineParam[] {
    return [...this.params];
  }

  /** Names of the tasks in the order they were added. */
  public get taskNames(): string[] {
    return this.tasks.map((t) => t.name);
  }

  /** The tasks in the order they were added. */
  public get pipelineTasks(): PipelineTask[] {
    return [...this.tasks];
  }

  private renderSpec(): tekton.PipelineSpec {
    return {
      description: this.description,
      params: nonEmpty(this.params.map(renderParamSpec)),
      workspaces: nonEmpty(this.workspaces.map((w) => ({ name: w.name, description: w.description, optional: w.optional ?? false }))),
      tasks: this.tasks.filter((t) => !t.isFinally).map((t) => this.renderTask(t)),
      finally: nonEmpty(this.tasks.filter((t) => t.isFinally).map((t) => this.renderTask(t))),
      results: nonEmpty(this.results.map((r) => ({
        name: r.name,
        type: /^\$\(tasks\.[^.()]+\.results\.[^.()[\]]+\[\*\]\)$/.test(r.value) ? 'array' : 'string',
        description: r.description,
        value: r.value,
      }))),
    };
  }

  private renderTask(t: PipelineTask): tekton.PipelineSpecTasks {
    const o = t._options;
    return {
      name: t.name,
      taskRef: renderTaskRef(t.task.taskReference),
      runAfter: nonEmpty((o.runAfter ?? []).map(taskName)),
      params: nonEmpty(sortedByName([
        ...Object.entries(o.parameters ?? {}).map(([name, value]) => ({ name, value })),
        ...Object.entries(o.arrayParameters ?? {}).map(([name, value]) => ({ name, value: [...value] })),
        ...Object.entries(o.objectParameters ?? {}).map(([name, value]) => ({ name, value: sortedKeys(value) })),
      ])),
      matrix: o.matrix ? {
        params: nonEmpty(sortedByName(Object.entries(o.matrix.parameters ?? {}).map(([name, value]) => ({ name, value: [...value] })))),
        include: nonEmpty((o.matrix.include ?? []).map((i) => ({
          name: i.name,
          params: sortedByName(Object.entries(i.parameters).map(([name, value]) => ({ name, value }))),
        }))),
      } : undefined,
      when: nonEmpty((o.when ?? []).map((w) => ({ input: w.input, operator: w.whenOperator, values: [...w.values] }))),
      workspaces: nonEmpty(sortedByName(Object.entries(o.workspaces ?? {}).map(([name, workspace]) => ({ name, workspace })))),
      timeout: o.timeout ? durationString(o.timeout) : undefined,
      retries: o.retries !== undefined && o.retries > 0 ? o.retries : undefined,
      // stopAndFail is Tekton's default: written only when it differs, so that stable-only clusters admit it
      onError: o.onError === PipelineTaskOnError.CONTINUE ? o.onError : undefined,
    };
  }

  /** A credentials binding to an untrusted task, in the terms of addTask's props. */
  private attribute(f: Finding, json: any): Attribution | undefined {
    if (f.rule !== RuleId.CREDENTIALS_TRUSTED_TASK) {
      // a finding on a pipeline task, in the terms of the task's own props when it can say them
      const runs = this.tasks.find((x) => f.target === `task/${x.name}`);
      // an array the pipeline task gives (or leaves to the Task's default) that the Task indexes beyond its length
      const items = /^Give it an array of at least ([0-9]+) items in the pipeline task's params: /.exec(f.fix ?? '')?.[1];
      if (runs !== undefined && items !== undefined && f.rule === RuleId.VALID_REFERENCE && f.property === 'params' && typeof f.value === 'string') {
        const given = runs._options.arrayParameters?.[f.value];
        const key = /^[A-Za-z_$][\w$]*$/.test(f.value) ? f.value : `'${f.value}'`;
        const below = /, or refer only to indexes below ([0-9]+) in /.exec(f.fix ?? '')?.[1];
        return {
          property: given !== undefined ? `arrayParameters.${f.value}` : 'arrayParameters',
          value: given !== undefined ? JSON.stringify(given) : f.value,
          problem: f.problem.replace(/^is given an array of (.*?) \((.*?)\), /, 'is an array of $1, '),
          fix: `Pass an array of at least ${items} items in its addTask(...) options: arrayParameters: { ${key}: ${paddedArray(given ?? runs.task.param(f.value)?.defaultArray, Number(items))} }`
            + `${below !== undefined ? `, or refer only to indexes below ${below} in the steps of ${constructKindOf(runs.task.constructor, runs.task.constructor.name)} '${runs.task.node.path}'` : ''}.`,
        };
      }
      return runs?.task instanceof SecureTask ? runs.task._pipelineTaskAttribution(f, runs) : undefined;
    }
    // a workspace the model does not know (a patch renamed or added it) counts as credentials
    if (typeof f.value === 'string' && !this.workspaces.some((w) => w.name === f.value)) {
      const written = [...asArray(json?.spec?.tasks), ...asArray(json?.spec?.finally)].find((x) => f.target === `task/${x?.name}`);
      const taskWs = receivedWorkspaces(written).find((w) => w.pipelineWorkspace === f.value)?.taskWorkspace ?? f.value;
      const key = /^[A-Za-z_$][\w$]*$/.test(taskWs) ? taskWs : `'${taskWs}'`;
      return {
        property: 'workspaces',
        value: f.value,
        problem: 'is a workspace the pipeline\'s props do not declare (an escape-hatch patch renamed or added it): a run may bind a Secret to it, '
          + 'so it counts as a credentials workspace, which only a task trusted to run no user code may hold',
        fix: `Declare it in the props of SecurePipeline '${this.node.path}' with the trust domain of what runs bind to it, e.g. workspaces: [{ name: '${f.value}', domain: TrustDomain.SOURCE }] for the repository's files, `
          + `and bind it in addTask(...) (workspaces: { ${key}: '${f.value}' }), not with a patch.`,
        thenRelaxHint: true,
      };
    }
    const t = this.tasks.find((x) => f.target === `task/${x.name}`);
    const taskWs = Object.entries(t?._options.workspaces ?? {}).find(([, w]) => w === f.value)?.[0];
    if (!t || taskWs === undefined) return undefined;
    const namespace = json?.metadata?.namespace;
    const unwritten = trustedAsMade(t.task) && t.task instanceof SecureTask && !this.embeds(t) ? this.unwrittenTask(t.task, namespace) : undefined;
    if (unwritten !== undefined) {
      return {
        property: `workspaces.${taskWs}`,
        value: f.value,
        problem: `is a credentials workspace bound to Task '${t.task.name}', which ${constructKindOf(t.task.constructor, 'SecureTask')} '${t.task.node.path}' marks trusted, but ${unwritten.reason}: `
          + `the taskRef runs whatever Task '${t.task.name}' the run's namespace${namespace !== undefined ? ` '${namespace}'` : ''} holds when the run starts`,
        fix: unwritten.fix,
      };
    }
    if (t.task.trusted && !knownDefinition(t.task)) {
      return {
        property: `workspaces.${taskWs}`,
        value: f.value,
        problem: `is a credentials workspace bound to ${t.task.constructor.name} '${t.task.node.path}', which says it is trusted but is neither a SecureTask nor a RemoteTask: `
          + 'synth checks neither what its Task runs nor that it runs no user code',
        fix: 'Bind credentials only to a SecureTask or RemoteTask marked trusted (trusted: true in its props), whose content synth checks.',
      };
    }
    // a hardened task is trusted or not by design (ContainerBuild runs the Dockerfile): it has no trusted prop
    const hardened = t.task instanceof SecureTask ? writtenByLibraryClass(t.task.constructor)?.kind : undefined;
    return {
      property: `workspaces.${taskWs}`,
      value: f.value,
      problem: hardened ? `is a credentials workspace bound to ${hardened} '${t.task.node.path}', which runs repository code and is never trusted`
        : 'is a credentials workspace bound to a task not marked trusted',
      fix: hardened ? `Unbind it from this task: ${hardened} needs no credentials; give them to the trusted task that does (ImagePush pushes, GitClone clones).`
        : 'Bind credentials only to a task that runs no user code (trusted: true in its SecureTask props), or move the step that needs them into a task of its own.',
    };
  }

  /**
   * The part of a fix that lengthens a pipeline task's timeout to `minutes` that also lengthens the pipeline's, when
   * the task has a timeout of its own and the pipeline's is shorter (Tekton refuses a task timeout beyond it).
   */
  private pipelineTooFix(taskTimeout: Duration | undefined, minutes: number): string {
    if (taskTimeout === undefined || minutes * 60 <= this.timeout.toSeconds()) return '';
    return `, and the pipeline's to as much (timeout: Duration.minutes(${minutes}) in the SecurePipeline props; it is ${durationString(this.timeout)})`;
  }

  /** Cross-task checks: references, bindings, trust boundaries and the DAG; every refusal at once. */
  private checkGraph(): RefusalOptions[] {
    const problems: RefusalOptions[] = [];
    const byName = new Map(this.tasks.map((t) => [t.name, t]));
    const edges = new Map<string, Set<string>>();
    const finallyTasks = this.tasks.filter((t) => t.isFinally);
    if (this.tasks.length === 0) {
      problems.push({
        property: 'tasks',
        problem: 'is empty',
        rule: RuleId.VALID_SPEC,
        fix: 'Add at least one task: pipeline.addTask({ task: <SecureTask> }).',
      });
    } else if (finallyTasks.length === this.tasks.length) {
      problems.push({
        property: 'finally',
        value: finallyTasks.map((t) => t.name).join(', '),
        problem: 'runs after the pipeline\'s tasks, but it has none',
        rule: RuleId.VALID_DAG,
        fix: 'Add the work with pipeline.addTask(...); addFinally is for what runs after it (clean-up, notifications).',
      });
    }
    for (const t of this.tasks) {
      const at = `task '${t.name}'`;
      const o = t._options;
      const after = new Set<string>();
      for (const given of o.runAfter ?? []) {
        const dep = taskName(given);
        if (typeof given !== 'string' && byName.get(dep) !== given) {
          problems.push({
            location: at,
            property: 'runAfter',
            value: dep,
            problem: 'is a task of another pipeline',
            rule: RuleId.VALID_DAG,
            fix: `Use a PipelineTask this pipeline's addTask returned: ${[...byName.keys()].join(', ')}.`,
          });
        } else if (!byName.has(dep)) {
          problems.push({
            location: at,
            property: 'runAfter',
            value: dep,
            problem: 'names a task that is not in the pipeline',
            rule: RuleId.VALID_DAG,
            fix: `Use one of: ${[...byName.keys()].join(', ')}.`,
          });
        }
        if (byName.get(dep)?.isFinally) {
          problems.push({
            location: at,
            property: 'runAfter',
            value: dep,
            problem: 'names a finally task',
            rule: RuleId.VALID_DAG,
            fix: 'Finally tasks run after all other tasks; nothing can run after one.',
          });
        }
        after.add(dep);
      }
      // params: known task params of the right type, every value's references, every required param bound
      const passed = new Map<string, string>(); // param -> the field it was passed in
      const bind = (param: string, as: ParamType, values: Array<[string, string]>, field: string) => {
        const declared = t.task.param(param);
        if (!declared) {
          problems.push({
            location: at,
            property: `${field}.${param}`,
            value: values.map(([, v]) => v).join(', '),
            problem: `is not a param of task '${t.task.name}'`,
            rule: RuleId.VALID_REFERENCE,
            fix: t.task.paramNames.length > 0 ? `Use one of: ${t.task.paramNames.join(', ')}${misspeltParamFix(param, field, values.map(([, v]) => v), t.task.paramNames)}.`
              : `Remove '${param}' from ${field}: task '${t.task.name}' declares no params`
                + (t.task instanceof SecureTask ? ` (or declare it: parameters: [{ name: '${param}' }] in the props of SecureTask '${t.task.node.path}').` : '.'),
          });
        } else if (passed.has(param)) {
          problems.push({
            location: at,
            property: `${field}.${param}`,
            problem: `is passed twice (also in ${passed.get(param)})`,
            rule: RuleId.VALID_REFERENCE,
            fix: 'Pass each param once: in parameters, arrayParameters, objectParameters or the matrix.',
          });
        } else {
          const type = typeOf(declared);
          const wholeObject = type === ParamType.OBJECT && as === ParamType.STRING && field === 'parameters' && paramUses(values[0]?.[1] ?? '').some((u) => u.star && u.text === values[0][1]);
          if (type !== as && !wholeObject) {
            problems.push({
              location: at,
              property: `${field}.${param}`,
              value: values.map(([, v]) => v).join(', '),
              problem: `passes ${as === ParamType.STRING ? 'a string' : as === ParamType.ARRAY ? 'an array' : 'an object'} to ${type} param '${param}' of task '${t.task.name}'`,
              rule: RuleId.VALID_REFERENCE,
              fix: type === ParamType.OBJECT ? `Pass it as ${passedAs(declared)}, or whole as parameters: { '${param}': '$(params.<object param>[*])' }.`
                : `Pass it as ${passedAs(declared, as === ParamType.OBJECT ? undefined : this.keptValues(type, values.map(([, v]) => v)))}.`,
            });
          }
          if (type === ParamType.OBJECT && as === ParamType.OBJECT) {
            const keys = declared.properties ?? [];
            const given = values.map(([k]) => k);
            const missing = keys.filter((k) => !given.includes(k));
            const extra = given.filter((k) => !keys.includes(k));
            if (missing.length > 0 || extra.length > 0) {
              problems.push({
                location: at,
                property: `${field}.${param}`,
                value: given.join(', '),
                problem: [missing.length > 0 ? `leaves out ${missing.join(', ')}` : '', extra.length > 0 ? `has keys that are not properties of the param: ${extra.join(', ')}` : ''].filter(Boolean).join(' and '),
                rule: RuleId.VALID_REFERENCE,
                fix: `Give a value for exactly its properties, in the task's addTask(...) options: objectParameters: { ${tsKey(param)}: ${objectLiteral(keys, Object.fromEntries(values))} }.`,
              });
            }
          }
        }
        // a literal the task's validate-params step refuses: the run cannot pass
        const constraint = declared?.constraint;
        if (constraint) {
          for (const [key, v] of values) {
            if (v.includes('$(') || constraint.accepts(v)) continue;
            problems.push({
              location: at,
              property: `${field}.${param}${key.startsWith('[') || key === '' ? key : `.${key}`}`,
              value: v,
              problem: `is not ${constraint.description}, which param '${param}' of task '${t.task.name}' requires: its validate-params step fails every run`,
              rule: RuleId.VALID_REFERENCE,
              // said as the prop written: matrix params are under matrix: { params }, an array of values each
              fix: field === 'matrix.parameters'
                ? `Give matrix values that are each ${constraint.description}, or fan out over an array pipeline param: matrix: { parameters: { '${param}': ['$(params.<name>[*])'] } }.`
                : `Pass ${constraint.description}, or a pipeline param: ${field}: { '${param}': ${field === 'arrayParameters' ? "['$(params.<name>)']" : field === 'objectParameters' ? "{ <key>: '$(params.<name>)' }" : "'$(params.<name>)'"} }.`,
            });
          }
        }
        if (!passed.has(param)) passed.set(param, field);
        values.forEach(([key, v]) => problems.push(...this.valueProblems(t, `${field}.${param}${key.startsWith('[') || key === '' ? key : `.${key}`}`, v, after, as === ParamType.ARRAY || field === 'matrix.parameters')));
      };
      Object.entries(o.parameters ?? {}).forEach(([param, value]) => bind(param, ParamType.STRING, [['', value]], 'parameters'));
      Object.entries(o.arrayParameters ?? {}).forEach(([param, values]) => bind(param, ParamType.ARRAY, values.map((v, i) => [`[${i}]`, v]), 'arrayParameters'));
      Object.entries(o.objectParameters ?? {}).forEach(([param, values]) => bind(param, ParamType.OBJECT, Object.entries(values), 'objectParameters'));
      if (o.matrix) {
        Object.entries(o.matrix.parameters ?? {}).forEach(([param, values]) => {
          const declared = t.task.param(param);
          if (declared && typeOf(declared) !== ParamType.STRING) {
            problems.push({
              location: at,
              property: `matrix.parameters.${param}`,
              value: values.join(', '),
              problem: `fans out over ${typeOf(declared)} param '${param}', but a matrix gives each TaskRun one string`,
              rule: RuleId.VALID_REFERENCE,
              fix: 'Fan out over string params of the task only.',
            });
          }
          if (values.length === 0) {
            problems.push({
              location: at,
              property: `matrix.parameters.${param}`,
              problem: 'is empty',
              rule: RuleId.VALID_SPEC,
              fix: 'Give at least one value to fan out over.',
            });
          }
          bind(param, declared ? typeOf(declared) : ParamType.STRING, values.map((v, i) => [`[${i}]`, v]), 'matrix.parameters');
        });
        (o.matrix.include ?? []).forEach((inc, i) => {
          this.policy.checkName(`matrix.include[${i}].name`, inc.name, at);
          for (const [param, value] of Object.entries(inc.parameters)) {
            const declared = t.task.param(param);
            if (!declared || typeOf(declared) !== ParamType.STRING || (o.parameters ?? {})[param] !== undefined) {
              problems.push({
                location: at,
                property: `matrix.include[${i}].parameters.${param}`,
                value,
                problem: !declared ? `is not a param of task '${t.task.name}'` : typeOf(declared) !== ParamType.STRING ? `is ${typeOf(declared)} param '${param}', but include gives strings` : 'is also passed in params',
                rule: RuleId.VALID_REFERENCE,
                fix: 'Include string params of the task that are not in parameters.',
              });
            }
            // a literal the task's validate-params step refuses: that TaskRun fails every run
            const constraint = declared?.constraint;
            if (constraint && !value.includes('$(') && !constraint.accepts(value)) {
              problems.push({
                location: at,
                property: `matrix.include[${i}].parameters.${param}`,
                value,
                problem: `is not ${constraint.description}, which param '${param}' of task '${t.task.name}' requires: its validate-params step fails that TaskRun every run`,
                rule: RuleId.VALID_REFERENCE,
                fix: `Include ${constraint.description}, or a pipeline param: '$(params.<name>)'.`,
              });
            }
            problems.push(...this.valueProblems(t, `matrix.include[${i}].parameters.${param}`, value, after, false));
          }
        });
        const count = matrixCombinations(o.matrix);
        if (count !== undefined && count > MAX_MATRIX_COMBINATIONS) {
          problems.push({
            location: at,
            property: 'matrix',
            value: `${count} combinations`,
            problem: `fans out to more TaskRuns than Tekton's default-max-matrix-combinations-count (${MAX_MATRIX_COMBINATIONS})`,
            rule: RuleId.VALID_SPEC,
            fix: 'Fan out over fewer values, or split the task.',
          });
        }
      }
      for (const name of t.task.paramNames) {
        const p = t.task.param(name)!;
        const inInclude = (o.matrix?.include ?? []).some((i) => i.parameters[name] !== undefined);
        if (!hasDefault(p) && !passed.has(name) && !inInclude) {
          const field = typeOf(p) === ParamType.ARRAY ? 'arrayParameters' : typeOf(p) === ParamType.OBJECT ? 'objectParameters' : 'parameters';
          problems.push({
            location: at,
            property: field,
            value: name,
            problem: 'is required by the task but not passed',
            rule: RuleId.VALID_REFERENCE,
            fix: `Pass it in the task's addTask(...) options: ${passedAs(p)}.`,
          });
        }
      }
      (o.when ?? []).forEach((w, i) => {
        if (w.values.length === 0) {
          problems.push({
            location: at,
            property: `when[${i}].values`,
            problem: 'is empty',
            rule: RuleId.VALID_SPEC,
            fix: `Give at least one value to compare the input with: WhenExpression.${w.whenOperator === WhenOperator.NOT_IN ? 'noneOf' : 'oneOf'}(${tsString(w.input)}, ['<value>']).`,
          });
        }
        problems.push(...this.valueProblems(t, `when[${i}].input`, w.input, after, false));
        w.values.forEach((v) => problems.push(...this.valueProblems(t, `when[${i}].values`, v, after, true)));
      });
      if (o.retries !== undefined && (!Number.isInteger(o.retries) || o.retries < 0)) {
        problems.push({
          location: at,
          property: 'retries',
          value: String(o.retries),
          problem: 'is not a whole number of at least 0',
          rule: RuleId.VALID_SPEC,
          fix: 'Give the number of retries as 0, 1, 2 ...',
        });
      }
      if (o.onError === PipelineTaskOnError.CONTINUE && (o.retries ?? 0) > 0) {
        problems.push({
          location: at,
          property: 'onError',
          value: 'PipelineTaskOnError.CONTINUE',
          problem: `is set together with retries ${o.retries}, which Tekton refuses`,
          rule: RuleId.VALID_SPEC,
          fix: 'Either retry the task or let the pipeline continue after it fails, not both.',
        });
      }
      if (t.task instanceof SecureTask) {
        const limit = o.timeout ?? this.timeout;
        const waits = t.task._waitsUpTo;
        if (waits !== undefined && waits.duration.toSeconds() >= limit.toSeconds()) {
          problems.push({
            ...(o.timeout ? { location: at } : {}),
            property: 'timeout',
            value: durationString(limit),
            problem: `is not longer than the ${durationString(waits.duration)} task '${t.task.name}' may wait (${waits.why})${o.timeout ? '' : ` (run by task '${t.name}')`}, `
              + 'so the run is cut off before its last look',
            rule: RuleId.VALID_SPEC,
            fix: `Lengthen the ${o.timeout ? 'task' : 'pipeline'} timeout (timeout: Duration.minutes(${Math.ceil(waits.duration.toSeconds() / 60) + 15}) leaves a quarter `
              + `of an hour for the rest)${this.pipelineTooFix(o.timeout, Math.ceil(waits.duration.toSeconds() / 60) + 15)}, or give the task fewer attempts or a shorter retryDelay.`,
          });
        }
        for (const st of t.task._stepTimeouts.filter((x) => x.timeout.toSeconds() > limit.toSeconds())) {
          problems.push({
            ...(o.timeout ? { location: at } : {}),
            property: 'timeout',
            value: durationString(limit),
            problem: `is shorter than the timeout ${durationString(st.timeout)} of step '${st.step}' of task '${t.task.name}'${o.timeout ? '' : ` (run by task '${t.name}')`}`,
            rule: RuleId.VALID_SPEC,
            // a quarter of an hour beyond the step's, for the task's other steps and the pipeline's other tasks
            fix: `Lengthen the ${o.timeout ? 'task' : 'pipeline'} timeout to at least the step's, e.g. timeout: Duration.minutes(${Math.ceil(st.timeout.toSeconds() / 60) + 15}) `
              + `${o.timeout ? 'in its addTask(...) options' : 'in the SecurePipeline props'}${this.pipelineTooFix(o.timeout, Math.ceil(st.timeout.toSeconds() / 60) + 15)}, or shorten the step's.`,
          });
        }
      }
      this.checkWorkspaces(t, at, problems);
      problems.push(...apiEgressProblems(t, at));
      // an API grant on Secrets mounts a token that reads them into the pod: credentials, as a workspace would be
      if (!trustedAsMade(t.task)) {
        for (const g of t.apiGrants.filter((x) => x.apiGroups.some((a) => a === '' || a === '*') && x.resources.some((r) => r === 'secrets' || r === '*'))) {
          problems.push({
            location: at,
            property: 'grantApi',
            value: `${g.resources.join(', ')}${g.resourceNames.length > 0 ? ` ${g.resourceNames.join(', ')}` : ''} (${g.verbs.join(', ')})`,
            problem: `lets task '${t.task.name}', which is not marked trusted, read Secrets through the API: its pod mounts the ServiceAccount token, so the code it runs can fetch them`,
            rule: RuleId.CREDENTIALS_TRUSTED_TASK,
            fix: 'Grant it to a task that runs no user code (trusted: true in its SecureTask props), or give the Secret to such a task as a credentials workspace.',
          });
        }
      }
      if (o.timeout && o.timeout.toSeconds() > this.timeout.toSeconds()) {
        problems.push({
          location: at,
          property: 'timeout',
          value: durationString(o.timeout),
          problem: `is longer than the pipeline timeout ${durationString(this.timeout)}`,
          rule: RuleId.VALID_SPEC,
          fix: `Give the task at most the pipeline's timeout (timeout: ${durationCode(this.timeout)} in its addTask options, or none: the pipeline's then `
            + `applies), or lengthen the pipeline's (timeout: ${durationCode(o.timeout)} in the SecurePipeline props).`,
        });
      }
      edges.set(t.name, after);
    }
    problems.push(...this.resultProblems());
    const cycle = findCycle(edges);
    if (cycle) {
      problems.push({
        location: `task '${cycle[0]}'`,
        property: 'runAfter',
        value: cycle.join(' -> '),
        problem: 'forms a cycle',
        rule: RuleId.VALID_DAG,
        fix: 'Remove one runAfter or result reference so that the tasks form a DAG.',
      });
    }
    return problems;
  }

  /**
   * What Tekton refuses in the pipeline's results: names outside its pattern or
   * given twice, values that are not made of task results, results no task declares.
   */
  private resultProblems(): RefusalOptions[] {
    const problems: RefusalOptions[] = [];
    const seen = new Set<string>();
    for (const r of this.results) {
      if (!isResultName(r.name) || seen.has(r.name)) {
        problems.push({
          property: 'results',
          value: r.name,
          problem: seen.has(r.name) ? 'is given twice' : 'is not a valid result name',
          rule: RuleId.VALID_NAME,
          fix: 'Use distinct names of letters, digits, "-" and "_", starting and ending with a letter or digit.',
        });
      }
      seen.add(r.name);
      const refs = tektonExpressions(r.value);
      if (refs.length === 0) {
        problems.push({
          property: `results.${r.name}`,
          value: r.value,
          problem: 'holds no task result',
          rule: RuleId.VALID_REFERENCE,
          fix: "Make it of task results: value: task.result('<result>').",
        });
      }
      for (const e of refs) {
        const m = /^(tasks|finally)\.([^.]+)\.results\.([^.[\]]+)(\[\*\])?$/.exec(e.inner);
        const producer = m ? this.tasks.find((x) => x.name === m[2] && x.isFinally === (m[1] === 'finally')) : undefined;
        if (!m || !producer || !producer.task.hasResult(m[3])) {
          problems.push({
            property: `results.${r.name}`,
            value: e.text,
            problem: !m ? 'is not a task result' : !producer ? `references ${m[1] === 'finally' ? 'finally task' : 'task'} '${m[2]}' that is not in the pipeline` : `references result '${m[3]}' that task '${m[2]}' does not declare`,
            rule: RuleId.VALID_REFERENCE,
            fix: m && producer ? undeclaredResultFix(producer.task, m[3], 'reference')
              : "Use $(tasks.<task>.results.<result>) of a task of this pipeline ($(finally.<task>.results.<result>) for a finally task): task.result('<result>').",
          });
        } else if ((m[4] !== undefined) !== (producer._options.matrix !== undefined) || (m[4] !== undefined && r.value !== e.text)) {
          problems.push({
            property: `results.${r.name}`,
            value: e.text,
            problem: producer._options.matrix !== undefined ? `takes a result of matrixed task '${m[2]}' ${m[4] ? 'inside a string' : 'singly'}` : `expands result '${m[3]}' of task '${m[2]}', which is a string`,
            rule: RuleId.VALID_REFERENCE,
            fix: producer._options.matrix !== undefined ? `Use the whole array on its own: value: '$(tasks.${m[2]}.results.${m[3]}[*])'.` : `Reference it as $(tasks.${m[2]}.results.${m[3]}).`,
          });
        }
      }
    }
    return problems;
  }

  /**
   * The values a pipeline task passed in the wrong prop, as a fix passing them to a param of `type` keeps them: for an
   * array param, a pipeline array param given whole as the string, `$(params.tags)` (which is refused), as the whole
   * list, `$(params.tags[*])`; for a string param, none (a placeholder) when one uses a pipeline array param but for
   * one element, which a string cannot hold.
   */
  private keptValues(type: ParamType, values: string[]): string[] | undefined {
    const arrayParam = (u: ParamUse) => {
      const p = this.param(u.name);
      return p !== undefined && typeOf(p) === ParamType.ARRAY && u.index === undefined ? p : undefined;
    };
    if (type === ParamType.ARRAY) {
      return values.map((v) => {
        const uses = paramUses(v);
        const p = uses.length === 1 && uses[0].text === v && !uses[0].star ? arrayParam(uses[0]) : undefined;
        return p !== undefined ? `$(params.${p.name}[*])` : v;
      });
    }
    return values.some((v) => paramUses(v).some((u) => arrayParam(u) !== undefined)) ? undefined : values;
  }

  /**
   * The problems of one value a pipeline task is given (param, matrix or when):
   * what Tekton refuses in it (variableProblems), references to undeclared pipeline
   * params and task results, results of finally tasks, a matrixed task's result
   * taken singly, and pipeline params used against their type. Task results it
   * references order the task after their producer (`after`).
   */
  private valueProblems(t: PipelineTask, property: string, value: string, after: Set<string>, element: boolean): RefusalOptions[] {
    const at = `task '${t.name}'`;
    const problems = this.variableProblems(t, property, value);
    // $(workspaces.<name>.bound) of a workspace the pipeline does not declare stays unsubstituted text
    for (const m of value.matchAll(/\$\(\s*workspaces\.([^.)\s]+)\.bound\s*\)/g)) {
      if (this.workspaces.some((w) => w.name === m[1])) continue;
      problems.push({
        location: at,
        property,
        value: m[0],
        problem: `references workspace '${m[1]}', which the pipeline does not declare: Tekton leaves it as text, so it is never "true"`,
        rule: RuleId.VALID_REFERENCE,
        fix: `Reference a pipeline workspace (${this.workspaces.map((w) => w.name).join(', ') || 'none declared'}), or declare '${m[1]}' (optional: true) in the pipeline's workspaces.`,
      });
    }
    const byName = new Map(this.tasks.map((x) => [x.name, x]));
    for (const ref of findReferences(value)) {
      if (ref.kind === 'params' && !this.param(ref.name)) {
        problems.push({
          location: at,
          property,
          value: ref.text,
          problem: `references an undeclared pipeline param '${ref.name}'`,
          rule: RuleId.VALID_REFERENCE,
          fix: this.undeclaredParamFix(ref.name, ref.text),
        });
      }
      if (ref.kind === 'tasks') {
        const producer = byName.get(ref.name);
        if (producer?.isFinally) {
          problems.push({
            location: at,
            property,
            value: ref.text,
            problem: `references a result of finally task '${ref.name}'`,
            rule: RuleId.VALID_DAG,
            fix: 'Finally tasks run last: only use their results in the pipeline results, not in other tasks.',
          });
        }
        if (!producer || !producer.task.hasResult(ref.result ?? '')) {
          problems.push({
            location: at,
            property,
            value: ref.text,
            problem: producer ? `references result '${ref.result}' that task '${ref.name}' does not declare` : `references task '${ref.name}' that is not in the pipeline`,
            rule: RuleId.VALID_REFERENCE,
            fix: producer ? undeclaredResultFix(producer.task, ref.result ?? '', 'reference')
              : `Reference a result of a task of this pipeline (${[...byName.keys()].map((x) => `'${x}'`).join(', ')}), with task.result('<result>') on the PipelineTask addTask returned.`,
          });
        } else {
          const whole = /\[\s*\*\s*\]\s*\)$/.test(ref.text);
          if (producer._options.matrix !== undefined && !(whole && element && value === ref.text)) {
            problems.push({
              location: at,
              property,
              value: ref.text,
              problem: `takes a result of matrixed task '${ref.name}' ${whole ? 'inside a string' : 'singly'}; it is an array of one value per TaskRun`,
              rule: RuleId.VALID_REFERENCE,
              fix: matrixResultFix(t, property, `$(tasks.${ref.name}.results.${ref.result}[*])`),
            });
          } else if (producer._options.matrix === undefined && whole) {
            problems.push({
              location: at,
              property,
              value: ref.text,
              problem: `expands result '${ref.result}' of task '${ref.name}', which is a string`,
              rule: RuleId.VALID_REFERENCE,
              fix: `Reference it as $(tasks.${ref.name}.results.${ref.result}).`,
            });
          }
        }
        after.add(ref.name);
      }
    }
    for (const use of paramUses(value)) {
      const p = this.param(use.name);
      if (!p) continue;
      const type = typeOf(p);
      const whole = value === use.text;
      const ok = type === ParamType.STRING ? !use.star && use.index === undefined && use.key === undefined
        : type === ParamType.ARRAY ? use.key === undefined && (use.index !== undefined || (use.star && element && whole))
          : use.key !== undefined ? (p.properties ?? []).includes(use.key) : use.star && whole && !element && property.startsWith('parameters.');
      if (!ok) {
        problems.push({
          location: at,
          property,
          value: use.text,
          problem: type === ParamType.OBJECT && use.key !== undefined
            ? `references key '${use.key}' that object param '${p.name}' does not declare`
            : `uses ${type} param '${p.name}' ${use.star ? (whole ? 'whole where a string is needed' : 'whole inside a string') : use.index !== undefined ? 'as an array' : use.key !== undefined ? 'as an object' : 'as one string'}`,
          rule: RuleId.VALID_REFERENCE,
          fix: type === ParamType.ARRAY
            ? arrayParamUseFix(t, property, p.name, whole, value, use.text)
            : type === ParamType.OBJECT
              ? `Reference a key, $(params.${p.name}.<key>) with a key of: ${(p.properties ?? []).join(', ')}; or pass it whole to an object param, parameters: { <param>: '$(params.${p.name}[*])' }.`
              : `Reference it as $(params.${p.name}).`,
        });
      }
    }
    return problems;
  }

  /**
   * What Tekton refuses in a pipeline task's param value, or cannot resolve: a
   * `$(…)` with a prefix Tekton does not know, a param reference with more than two
   * dot-separated parts, an unknown pipeline context variable, the execution status
   * of tasks outside a finally task (or of a task that is not a pipeline task), a
   * result of a finally task, an artifact (enable-artifacts is off).
   */
  private variableProblems(t: PipelineTask, property: string, value: string): RefusalOptions[] {
    const problems: RefusalOptions[] = [];
    const at = `task '${t.name}'`;
    for (const e of tektonExpressions(value)) {
      if (!PIPELINE_VARIABLE_PREFIXES.includes(e.inner.split('.')[0])) {
        problems.push({
          location: at,
          property,
          value: e.text,
          problem: `does not start with a variable prefix Tekton knows (${PIPELINE_VARIABLE_PREFIXES.join(', ')})`,
          rule: RuleId.VALID_REFERENCE,
          fix: 'Fix the prefix, e.g. $(params.<name>); Tekton refuses any other $(…) of letters, digits, ".", "-" and "_" in a pipeline task\'s params, shell command substitutions included.',
        });
      }
    }
    for (const v of prefixedVariables(value, 'params').filter((x) => x.tooDeep)) {
      problems.push({
        location: at,
        property,
        value: v.text,
        problem: 'has more than two dot-separated parts after "params"',
        rule: RuleId.VALID_REFERENCE,
        fix: 'Reference a param as $(params.<name>), or as $(params["<name>"]) when its name has dots.',
      });
    }
    const unknownContext = Object.entries(PIPELINE_CONTEXT)
      .flatMap(([scope, names]) => prefixedVariables(value, `context.${scope}`).filter((v) => v.tooDeep || !names.includes(v.name)));
    for (const v of unknownContext) {
      problems.push({
        location: at,
        property,
        value: v.text,
        problem: 'is not a context variable of a pipeline',
        rule: RuleId.VALID_REFERENCE,
        fix: `Use one of: ${Object.entries(PIPELINE_CONTEXT).flatMap(([scope, names]) => names.map((n) => `$(context.${scope}.${n})`)).join(', ')}.`,
      });
    }
    const dagTasks = this.tasks.filter((x) => !x.isFinally).map((x) => x.name);
    for (const s of statusReferences(value)) {
      if (!t.isFinally) {
        problems.push({
          location: at,
          property,
          value: s.text,
          problem: 'reads the execution status of tasks, which only a finally task can',
          rule: RuleId.VALID_DAG,
          fix: 'Read it in a task added with addFinally, which runs after every other task.',
        });
      } else if (s.task !== undefined && !dagTasks.includes(s.task)) {
        problems.push({
          location: at,
          property,
          value: s.text,
          problem: `references task '${s.task}', which is not a task of the pipeline (finally tasks excluded)`,
          rule: RuleId.VALID_REFERENCE,
          fix: `Use one of: ${dagTasks.join(', ') || '(none)'}; or $(tasks.status) for all of them.`,
        });
      }
    }
    for (const e of tektonExpressions(value).filter((x) => x.inner.startsWith('finally.') && looksLikeResultRef(x.inner))) {
      problems.push({
        location: at,
        property,
        value: e.text,
        problem: `references a result of finally task '${e.inner.split('.')[1]}'`,
        rule: RuleId.VALID_DAG,
        fix: 'Finally tasks run last: no task can use their results.',
      });
    }
    for (const a of artifactReferences(value)) {
      problems.push({
        location: at,
        property,
        value: a,
        problem: 'references an artifact, which Tekton refuses while enable-artifacts is off (TektonFeatureFlags leaves it off)',
        rule: RuleId.VALID_SPEC,
        fix: 'Pass a task result instead: parameters: { <param>: producer.result(\'<result>\') }.',
      });
    }
    return problems;
  }

  /**
   * The fix for a reference (`text`) to pipeline param `name` that the pipeline does not declare: the declared name
   * nearest it, else those it declares; and the declaration to add to the SecurePipeline's params, of the type the
   * reference reads it as (`[*]` or `[0]` an array, `.key` an object with that key).
   */
  private undeclaredParamFix(name: string, text: string): string {
    const use = paramUses(text)[0];
    const declaration = use?.star || use?.index !== undefined ? `{ name: ${tsString(name)}, valueType: ParamType.ARRAY }`
      : use?.key !== undefined ? `{ name: ${tsString(name)}, valueType: ParamType.OBJECT, properties: [${tsString(use.key)}] }` : `{ name: ${tsString(name)} }`;
    const declared = this.params.map((p) => p.name);
    if (declared.length === 0) return `Declare it in the SecurePipeline's props: parameters: [${declaration}].`;
    const near = nearestName(name, declared);
    const use1 = near !== undefined ? `Use '${near}', the pipeline's param nearest that name` : `Use a param the pipeline declares (${declared.map((n) => `'${n}'`).join(', ')})`;
    return `${use1}, or declare it: add ${declaration} to the SecurePipeline's parameters.`;
  }

  /**
   * The fix for pipeline workspace `name` the pipeline does not declare: the declared name nearest it, else those it
   * declares; and the declaration to add, of `domain` (the task workspace's it is bound to), else of a domain to choose.
   */
  private undeclaredWorkspaceFix(name: string, domain: TrustDomain | undefined): string {
    const declaration = `{ name: ${tsString(name)}, domain: TrustDomain.${(domain ?? TrustDomain.SOURCE).toUpperCase()} }`;
    const domains = Object.keys(TrustDomain);
    const which = domain !== undefined ? '' : `, with the TrustDomain of what it holds (${domains.slice(0, -1).join(', ')} or ${domains[domains.length - 1]})`;
    const declared = this.workspaces.map((w) => w.name);
    if (declared.length === 0) return `Declare it in the SecurePipeline's props: workspaces: [${declaration}]${which}.`;
    const near = nearestName(name, declared);
    const use1 = near !== undefined ? `Use '${near}', the pipeline's workspace nearest that name` : `Use a workspace the pipeline declares (${declared.map((n) => `'${n}'`).join(', ')})`;
    return `${use1}, or declare it: add ${declaration} to the SecurePipeline's workspaces${which}.`;
  }

  /**
   * The fix for task workspace `w` a pipeline task leaves unbound: bound to the pipeline's workspaces of its domain (the
   * one, or the first, named with the others), else to one of its domain declared for it.
   */
  private unboundWorkspaceFix(w: TaskWorkspace): string {
    const same = this.workspaces.filter((p) => p.domain === w.domain).map((p) => p.name);
    const bind = (name: string) => `workspaces: { ${tsKey(w.name)}: ${tsString(name)} }`;
    // a credentials workspace holds one credential: another of that domain (a git key for a registry's config) is no fix
    if (w.domain === TrustDomain.CREDENTIALS && !same.includes(w.name) && same.length > 0) {
      return `Bind it to the pipeline workspace that holds this credential: add { name: ${tsString(w.name)}, domain: TrustDomain.CREDENTIALS } to the `
        + `SecurePipeline's workspaces, and ${bind(w.name)} to the task's addTask(...) options (or, if ${same.map((n) => `'${n}'`).join(' or ')} holds it, `
        + `${bind(same[0])}).`;
    }
    if (same.length === 1) return `Bind it in the task's addTask(...) options: ${bind(same[0])}.`;
    if (same.length > 1) {
      return `Bind it to a pipeline workspace of domain '${w.domain}' (${same.map((n) => `'${n}'`).join(', ')}) in the task's addTask(...) options: ${bind(same[0])}.`;
    }
    return `Bind it to a pipeline workspace of domain '${w.domain}', which the pipeline does not declare: add { name: ${tsString(w.name)}, domain: TrustDomain.${w.domain.toUpperCase()} } `
      + `to the SecurePipeline's workspaces, and ${bind(w.name)} to the task's addTask(...) options.`;
  }

  private checkWorkspaces(t: PipelineTask, at: string, problems: RefusalOptions[]): void {
    const bindings = t._options.workspaces ?? {};
    for (const [taskWs, pipelineWs] of Object.entries(bindings)) {
      const declared = t.task.workspace(taskWs);
      if (!declared) {
        problems.push({
          location: at,
          property: `workspaces.${taskWs}`,
          value: pipelineWs,
          problem: `is not a workspace of task '${t.task.name}'`,
          rule: RuleId.VALID_REFERENCE,
          fix: `A task gets only the workspaces it declares: ${t.task.workspaceDeclarations.map((w) => w.name).join(', ') || '(none)'}`
            + `${(t.task instanceof SecureTask ? t.task._undeclaredWorkspaceHint(taskWs) : undefined) ?? ''}.`,
        });
      }
      const source = this.workspaces.find((w) => w.name === pipelineWs);
      if (!source) {
        problems.push({
          location: at,
          property: `workspaces.${taskWs}`,
          value: pipelineWs,
          problem: 'is not a pipeline workspace',
          rule: RuleId.VALID_REFERENCE,
          fix: this.undeclaredWorkspaceFix(pipelineWs, declared?.domain),
        });
      }
      // a credentials workspace on an untrusted task is the catalogue's CREDENTIALS_TRUSTED_TASK (see attribute)
      const untrustedCredentials = source?.domain === TrustDomain.CREDENTIALS && !trustedAsMade(t.task);
      if (declared && source && !untrustedCredentials && source.domain !== declared.domain) {
        // a trusted task of the app's own given a credential where it declares another domain: most often the
        // task's declaration is what is wrong (a pipeline workspace redeclared to that domain could not hold the credential)
        const credentialToOwnTask = source.domain === TrustDomain.CREDENTIALS && t.task instanceof SecureTask;
        problems.push({
          location: at,
          property: `workspaces.${taskWs}`,
          value: pipelineWs,
          problem: `is a workspace of domain '${source.domain}' bound to a task workspace of domain '${declared.domain}'`,
          rule: RuleId.VALID_REFERENCE,
          fix: credentialToOwnTask
            ? `If task '${t.task.name}' reads the credential there, declare its workspace as { name: ${tsString(taskWs)}, domain: TrustDomain.CREDENTIALS } `
              + `in the workspaces of SecureTask '${t.task.node.path}'; otherwise ${this.unboundWorkspaceFix(declared).replace(/^Bind/, 'bind')}`
            : this.workspaces.some((p) => p.domain === declared.domain)
              ? `${this.unboundWorkspaceFix(declared).replace(/\.$/, '')} (or, if '${pipelineWs}' holds only what task '${t.task.name}' expects there, declare '${pipelineWs}' with `
              + `domain: TrustDomain.${declared.domain.toUpperCase()}).`
              : `Bind a pipeline workspace of domain '${declared.domain}': declare one in the pipeline's workspaces with domain: TrustDomain.${declared.domain.toUpperCase()} `
              + `(or, if '${pipelineWs}' holds only what task '${t.task.name}' expects there, declare '${pipelineWs}' with that domain).`,
        });
      }
    }
    for (const w of t.task.workspaceDeclarations) {
      if (!w.optional && bindings[w.name] === undefined) {
        problems.push({
          location: at,
          property: 'workspaces',
          value: w.name,
          problem: 'is required by the task but not bound',
          rule: RuleId.VALID_REFERENCE,
          fix: this.unboundWorkspaceFix(w),
        });
      }
    }
  }
}

/**
 * For a param name a pipeline task passes that its task does not declare but nearly does (a typo): the same
 * binding under the declared name, as code (`; matrix: { parameters: { platform: [...] } }`); '' otherwise.
 */
function misspeltParamFix(param: string, field: string, values: string[], declared: readonly string[]): string {
  const near = nearestName(param, declared);
  if (near === undefined) return '';
  const list = `[${values.map(tsString).join(', ')}]`;
  switch (field) {
    case 'parameters': return `; for '${near}': parameters: { ${tsKey(near)}: ${tsString(values[0] ?? '')} }`;
    case 'arrayParameters': return `; for '${near}': arrayParameters: { ${tsKey(near)}: ${list} }`;
    case 'matrix.parameters': return `; for '${near}': matrix: { parameters: { ${tsKey(near)}: ${list} } }`;
    default: return '';
  }
}

/** Tekton's `default-max-matrix-combinations-count` (config-defaults). */
const MAX_MATRIX_COMBINATIONS = 256;

/**
 * How many TaskRuns a matrix makes, counted as Tekton counts them
 * (`Matrix.CountCombinations`), or undefined when a value is a whole array whose
 * length is known only at run time.
 */
function matrixCombinations(m: PipelineTaskMatrix): number | undefined {
  const params = Object.entries(m.parameters ?? {});
  if (params.some(([, values]) => values.some((v) => /\[\s*\*\s*\]\s*\)$/.test(v)))) return undefined;
  let count = params.length > 0 ? params.reduce((n, [, values]) => n * Math.max(values.length, 1), 1) : 0;
  for (const inc of m.include ?? []) {
    if (params.length === 0) {
      count++;
      continue;
    }
    // an include whose first matrix param value is new adds a combination (Tekton's countNewCombinationsFromInclude)
    for (const [name, value] of Object.entries(inc.parameters)) {
      const values = (m.parameters ?? {})[name];
      if (values === undefined) continue;
      if (values.includes(value)) break;
      count++;
    }
  }
  return count;
}

/** The name of a pipeline task given by name or as the object. */
/**
 * The fix for array param `name` of the pipeline used where the refusal says, in the prop of task `t` the value was
 * written in (`property` as valueProblems names it; `whole` when the reference `text` is all of `value`): the whole list as
 * an element of its own where an array is taken (`arrayParameters`, `matrix` params, a when expression's values), else one
 * element, in the value as written (the text around the reference kept).
 */
function arrayParamUseFix(t: PipelineTask, property: string, name: string, whole: boolean, value: string, text: string): string {
  const all = `'$(params.${name}[*])'`;
  const one = `$(params.${name}[0])`;
  const matrix = /^matrix\.parameters\.(.+)\[\d+\]$/.exec(property);
  if (matrix) return `Fan out over the whole list, one TaskRun per element: matrix: { parameters: { ${tsKey(matrix[1])}: [${all}] } }; or give one element as ${one}.`;
  // the task's param the value is passed to, in params or arrayParameters (either may be the wrong prop for it)
  const array = /^arrayParameters\.(.+)\[\d+\]$/.exec(property);
  const target = array?.[1] ?? /^parameters\.(.+)$/.exec(property)?.[1];
  const declared = target !== undefined ? t.task.param(target) : undefined;
  const toArray = declared === undefined || typeOf(declared) === ParamType.ARRAY;
  if (array && toArray) return `Pass the whole list as an element of its own, which Tekton expands into the array: arrayParameters: { ${tsKey(array[1])}: [${all}] }; or one element as ${one}.`;
  if (target !== undefined && whole && declared !== undefined && typeOf(declared) === ParamType.ARRAY) {
    return `Pass the whole list as an element of its own: arrayParameters: { ${tsKey(target)}: [${all}] }.`;
  }
  if (target !== undefined && whole) {
    return `Pass one element, parameters: { ${tsKey(target)}: '${one}' }; or, for the whole list, declare the task's param '${target}' with valueType: ParamType.ARRAY `
      + `and pass it as arrayParameters: { ${tsKey(target)}: [${all}] }.`;
  }
  const when = t._options.when?.[Number(/^when\[(\d+)\]\.values$/.exec(property)?.[1] ?? NaN)];
  if (when) {
    return `Compare the input with each element: give ${all} as a value of its own, WhenExpression.${when.whenOperator === WhenOperator.NOT_IN ? 'noneOf' : 'oneOf'}(${tsString(when.input)}, [${all}]); `
      + `or one element as ${one}.`;
  }
  // one element in place of the reference, the text around it kept
  const written = tsString(value.replace(text, () => one));
  const param = /^parameters\.(.+)$/.exec(property)?.[1];
  if (param !== undefined) return `Reference one element: parameters: { ${tsKey(param)}: ${written} }.`;
  return whole ? `Reference one element, as ${one}.` : `Reference one element, as ${one}: ${written}.`;
}

/**
 * The fix for a result of a matrixed task (`all`, its whole-array reference) taken singly or inside a string in the value
 * of task `t`'s `property`: passed as one element of an array param, the param the value is passed to when it is an
 * array, else that param declared an array or an array param the task declares; a placeholder param where the value is
 * not passed to a param (a when expression).
 */
function matrixResultFix(t: PipelineTask, property: string, all: string): string {
  const target = /^arrayParameters\.(.+)\[\d+\]$/.exec(property)?.[1] ?? /^parameters\.(.+)$/.exec(property)?.[1];
  const declared = target !== undefined ? t.task.param(target) : undefined;
  const pass = (name: string) => `arrayParameters: { ${tsKey(name)}: [${tsString(all)}] }`;
  if (target !== undefined && declared !== undefined && typeOf(declared) === ParamType.ARRAY) return `Pass all of them as one element of the array: ${pass(target)}.`;
  if (target === undefined || declared === undefined) return `Pass all of them as one element of an array param: arrayParameters: { <param>: [${tsString(all)}] }.`;
  const arrays = t.task.paramNames.filter((n) => {
    const p = t.task.param(n);
    return p !== undefined && typeOf(p) === ParamType.ARRAY;
  });
  const other = arrays.length === 1 ? `, or pass them to the task's array param '${arrays[0]}': ${pass(arrays[0])}`
    : arrays.length > 1 ? `, or pass them to an array param the task declares (${arrays.map((n) => `'${n}'`).join(', ')})` : '';
  return `Pass all of them as one element of an array param: declare the task's param '${target}' with valueType: ParamType.ARRAY and pass it as ${pass(target)}${other}.`;
}

/** The params a pipeline task's options pass, in params or the matrix. */
function givenParams(o: PipelineTaskOptions): string[] {
  return [
    ...Object.keys(o.parameters ?? {}), ...Object.keys(o.arrayParameters ?? {}), ...Object.keys(o.objectParameters ?? {}),
    ...Object.keys(o.matrix?.parameters ?? {}), ...(o.matrix?.include ?? []).flatMap((i) => Object.keys(i.parameters)),
  ];
}

function taskName(t: PipelineTask | string): string {
  return typeof t === 'string' ? t : t.name;
}

/** The first cycle in a graph of task -> tasks it runs after, as a path that starts and ends at the same task. */
function findCycle(edges: Map<string, Set<string>>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): string[] | undefined => {
    if (state.get(n) === 'done') return undefined;
    if (state.get(n) === 'visiting') return [...stack.slice(stack.indexOf(n)), n];
    state.set(n, 'visiting');
    stack.push(n);
    for (const m of edges.get(n) ?? []) {
      const c = visit(m);
      if (c) return c;
    }
    stack.pop();
    state.set(n, 'done');
    return undefined;
  };
  for (const n of edges.keys()) {
    const c = visit(n);
    if (c) return c;
  }
  return undefined;
}

/** A grant as a refusal names it: `configmaps web-release (get, update)`. */
function grantText(g: GrantedRule): string {
  return `${g.resources.join(', ')}${g.resourceNames.length > 0 ? ` ${g.resourceNames.join(', ')}` : ''} (${g.verbs.join(', ')})`;
}

/** An egress port as the user wrote it. */
function egressPortText(p: EgressPort): string {
  if (p.endPort !== undefined) return `EgressPort.tcpRange(${p.port}, ${p.endPort})`;
  return `EgressPort.${p.protocol === EgressProtocol.UDP ? 'udp' : 'tcp'}(${p.port})`;
}

/**
 * A pipeline task granted API access whose pod can reach no API server: its NetworkPolicies
 * (deny all but DNS, then the task's and the pipeline's allowances; none when hermetic) reach
 * no TCP port. Only that is judged: the API server's endpoint addresses and port are the
 * cluster's, known at run time.
 */
function apiEgressProblems(t: PipelineTask, at: string): RefusalOptions[] {
  const g = t.apiGrants[0];
  if (g === undefined) return [];
  const endpoints = "the API server's endpoints (kubectl get endpoints kubernetes): "
    + "allowEgressTo(EgressPeer.cidr('<API server address>/32'), [EgressPort.tcp(443)]) on the PipelineTask addTask returned "
    + '(the port is often 6443 on a self-managed cluster).';
  const common = { location: at, property: 'grantApi', value: grantText(g), rule: RuleId.VALID_SPEC };
  const mounts = "mounts the ServiceAccount token in this task's pod, but";
  const { pipelineWide, own, ownGivenBy, hermetic } = t._egressAllowances();
  if (t._options.hermetic || hermetic) {
    const how = t._options.hermetic ? 'hermetic: true' : `the pipeline's egress.markHermetic('${t.name}')`;
    return [{
      ...common,
      problem: `${mounts} ${how} gives the pod no egress, not even to the API server`,
      fix: `${t._options.hermetic ? "Remove hermetic: true from this task's addTask(...) options" : `Remove the egress.markHermetic('${t.name}') call`}, and give it egress to ${endpoints}`,
    }];
  }
  const all = [...own, ...pipelineWide];
  if (all.length === 0) {
    return [{
      ...common,
      problem: `${mounts} allowEgressTo is not called for this pipeline task (nor egress.allow for its pipeline), so its pod reaches nothing but DNS, not the API server`,
      fix: `Give the task egress to ${endpoints}`,
    }];
  }
  if (all.some((a) => a.ports.length === 0 || a.ports.some((p) => p.protocol === EgressProtocol.TCP))) return [];
  const given = own.length > 0 ? own : pipelineWide;
  return [{
    ...common,
    problem: `${mounts} its egress, ${own.length > 0 ? ownGivenBy : 'egress.allow'} "${[...new Set(given.flatMap((a) => a.ports.map(egressPortText)))].join(', ')}", reaches no TCP port, not the API server`,
    fix: `Give the task egress to ${endpoints}`,
  }];
}

/**
 * ServiceAccount names a platform makes in every namespace and binds to roles, with what it binds: the pipeline would
 * write over them (kubectl apply merges into the existing account) and its runs act with the platform's grants.
 */
const PLATFORM_ACCOUNTS: ReadonlyMap<string, string> = new Map([
  ['default', "the namespace's default ServiceAccount, which Kubernetes makes in every namespace and every pod that names none uses"],
  ['pipeline', 'the ServiceAccount OpenShift Pipelines makes in every namespace and binds to the ClusterRole edit (RoleBinding openshift-pipelines-edit)'],
  ['builder', 'the ServiceAccount OpenShift makes in every namespace for builds and binds to system:image-builder (push to the integrated registry)'],
  ['deployer', 'the ServiceAccount OpenShift makes in every namespace for deployments and binds to system:deployer'],
]);

/** How a trusted task's results come to carry what a task not marked trusted chose: the param given such a result. */
interface TaintLink {
  /** The param given it, as the props write it (`parameters.msg`). */
  readonly property: string;
  /** The reference given, `$(tasks.test.results.dest)`. */
  readonly text: string;
  /** The task whose result it is. */
  readonly producer: PipelineTask;
}

/** The pipeline tasks whose results a task not marked trusted may choose: none for such a task, else how (taintedResults). */
type Tainted = Map<PipelineTask, TaintLink | undefined>;

/** A chain of results and params from a task not marked trusted (`origin`) to where its result ends up, in words. */
interface TaintChain {
  readonly chain: string;
  readonly origin: PipelineTask;
  /** The first trusted task of the chain and its param given the result of `origin`. */
  readonly first: { readonly task: PipelineTask; readonly property: string };
}

/**
 * The results of pipeline tasks a pipeline task's param value refers to, in every form Tekton v1.15 substitutes there: the dot
 * form (`$(tasks.a.results.b)`, `.b[0]`, `.b[*]`, `.b.key`) and the bracket forms (`$(tasks.a.results['b'])`, `["b"]`, each with
 * `[0]`, `[*]` or `[key]` after it or not). Admission accepts a bracket form in a param, and the reconciler replaces it with the
 * result's value whenever a task it starts at the same time refers to that result in the dot form (it resolves the references
 * of all the tasks it starts together, and replaces every form of each in each: ResolveResultRefs, getReplaceTarget).
 */
function taskResultReferences(value: string): Array<{ readonly text: string; readonly task: string }> {
  return findReferences(value).flatMap((ref) => {
    if (ref.kind === 'tasks') return [{ text: ref.text, task: ref.name }];
    const bracket = ref.kind === 'other' ? /^tasks\.([^.[\s]+)\.results\[(["'])[^"']+\2\](?:\[[^\]]*\])?$/.exec(ref.name) : null;
    return bracket ? [{ text: ref.text, task: bracket[1] }] : [];
  });
}

/** The task results `value` refers to: `$(tasks.<task>.results.<result>…)` and `$(finally.<task>.results.<result>…)`. */
function resultReferences(value: string): Array<{ readonly text: string; readonly task: string; readonly isFinally: boolean }> {
  return tektonExpressions(value).flatMap((e) => {
    const m = /^(tasks|finally)\.([^.]+)\.results\./.exec(e.inner);
    return m ? [{ text: e.text, task: m[2], isFinally: m[1] === 'finally' }] : [];
  });
}

/**
 * The results of the library's trusted tasks a pipeline result of the Chains type-hint name `name` is made of (chainsTypeHint):
 * ImagePush's for an image, GitClone's for the source; a task of the user's, marked trusted, for an artifact (no task here writes one).
 */
function typeHintSource(name: string): string {
  if (name === 'CHAINS-GIT_URL') return "GitClone's url";
  if (name === 'CHAINS-GIT_COMMIT') return "GitClone's commit";
  if (/IMAGE_URL$/.test(name)) return "ImagePush's IMAGE_URL";
  if (/IMAGE_DIGEST$/.test(name)) return "ImagePush's IMAGE_DIGEST";
  if (name === 'IMAGES') return "ImagePush's IMAGE_URL and IMAGE_DIGEST, as $(tasks.<push>.results.IMAGE_URL)@$(tasks.<push>.results.IMAGE_DIGEST)";
  return 'a SecureTask marked trusted (trusted: true) that writes the artifact\'s uri and digest itself and runs no repository code';
}

/** The end of a fix that relaxes CREDENTIALS_TRUSTED_TASK for one pipeline task in the SecurePipeline's props. */
function relaxTaskText(task: string): string {
  return `; or relax the rule for that pipeline task in the SecurePipeline's props: relaxations: [{ rule: RuleId.CREDENTIALS_TRUSTED_TASK, target: RelaxationTarget.task(${tsString(task)}), reason: '<why>' }]`;
}

/** The task that runs a pipeline task, in a message's words: `SecureTask 'ci/build'`. */
function taskText(t: PipelineTask): string {
  return `${constructKindOf(t.task.constructor, t.task.constructor.name)} '${t.task.node.path}'`;
}

/** A resolver reference in words: `bundles bundle=…, name=…, kind=task`. */
function describeReference(ref: TaskRefParts): string {
  if (ref.resolver === undefined) return `${ref.kind ?? 'Task'} '${ref.name ?? ''}'`;
  const params = Object.entries(ref.resolverParameters ?? {}).map(([n, v]) => `${n}=${v}`);
  return `${ref.resolver}${params.length > 0 ? ` ${params.join(', ')}` : ''}`;
}

/** Whether a task definition is one of the library's, whose content synth checks (a SecureTask or a RemoteTask). */
function knownDefinition(task: ITaskDefinition): boolean {
  return task instanceof SecureTask || task instanceof RemoteTask;
}

/** A whole number of seconds as the Duration that gives it, for a fix: `Duration.hours(1)`, `Duration.minutes(90)`, `Duration.seconds(45)`. */
function durationCode(d: Duration): string {
  const seconds = Math.round(d.toSeconds());
  if (seconds % 3600 === 0) return `Duration.hours(${seconds / 3600})`;
  return seconds % 60 === 0 ? `Duration.minutes(${seconds / 60})` : `Duration.seconds(${seconds})`;
}

/**
 * The fix of a reference to a result that `task` does not declare: declare it in the SecureTask's props (the whole
 * `results` prop, so that it compiles when pasted), or use one it declares; `call` for `result('<name>')`.
 */
function undeclaredResultFix(task: ITaskDefinition, result: string, as: 'call' | 'reference'): string {
  const declared = task instanceof SecureTask ? task._resultNames : [];
  const use = declared.map((r) => (as === 'call' ? `result('${r}')` : `'${r}'`)).join(', ');
  // a task the library writes (ContainerBuild, GitClone...) takes no results prop: only its own results can be used
  if (!(task instanceof SecureTask) || writtenByLibraryClass(task.constructor) !== undefined) {
    return `Use a result ${constructKindOf(task.constructor, task.constructor.name)} '${task.node.path}' declares${use !== '' ? `: ${use}` : ''}.`;
  }
  const declare = `in the props of SecureTask '${task.node.path}': results: [${[...declared, result].map((r) => `{ name: '${r}' }`).join(', ')}], `
    + `and write it from a step (to the file $(results.${result}.path))`;
  return use !== '' ? `Use a result it declares (${use}), or declare '${result}' ${declare}.` : `Declare it ${declare}.`;
}

/**
 * The texts of a task spec that Tekton substitutes element by element, an array param whole into an element that is
 * exactly its substitution (substitution.ApplyArrayReplacements): the args and command of its steps, sidecars and
 * stepTemplate, and the values its steps pass a StepAction's params (ParamValue.applyOrCorrect, where a string value that is
 * exactly a param's substitution takes a run's object of that name too).
 */
function wholeElements(spec: any): { readonly where: string; readonly text: string; readonly effect: string; readonly given: string }[] {
  const out: { where: string; text: string; effect: string; given: string }[] = [];
  const gone = 'the element disappears and the ones after it move up';
  const containers: [string, any][] = [
    ...asArray(spec?.steps).map((s): [string, any] => [`step '${s?.name}'`, s]),
    ...asArray(spec?.sidecars).map((s): [string, any] => [`sidecar '${s?.name}'`, s]),
    ...(isObject(spec?.stepTemplate) ? [['the stepTemplate', spec.stepTemplate] as [string, any]] : []),
  ];
  for (const [name, c] of containers) {
    for (const field of ['command', 'args']) {
      for (const text of asArray(c?.[field])) if (typeof text === 'string') out.push({ where: `a whole element of the ${field} of ${name}`, text, effect: gone, given: 'array' });
    }
    for (const p of asArray(c?.params)) {
      for (const text of typeof p?.value === 'string' ? [p.value] : asArray(p?.value)) {
        if (typeof text !== 'string') continue;
        out.push(typeof p.value === 'string'
          ? { where: `the whole value ${name} passes its StepAction's param '${p.name}'`, text, effect: `the StepAction's $(params.${p.name}) is left as written, unsubstituted`, given: 'array or object' }
          : { where: `a whole element of the value ${name} passes its StepAction's param '${p.name}'`, text, effect: gone, given: 'array' });
      }
    }
  }
  return out;
}
