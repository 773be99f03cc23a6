import { ApiObject, Duration, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { PipelineParam } from './param';
import { SecureTask } from './secure-task';
import { TrustDomain } from './trust-domain';
import { PipelineWorkspace } from './workspace';
import { ApiGrant, GrantedRule, LeastPrivilegeServiceAccount } from '../identity/least-privilege-service-account';
import * as tekton from '../imports/tekton-tekton.dev';
import { EgressPeer, EgressPolicy, EgressPort } from '../network/egress-policy';
import { RuleCatalogue } from '../policy/catalogue';
import { SecureTektonError } from '../policy/errors';
import { RecordedRelaxation, Relaxation } from '../policy/relaxation';
import { RuleId } from '../policy/rule-id';
import { CREDENTIALS_WORKSPACES_ANNOTATION, TRUSTED_TASKS_ANNOTATION } from '../policy/rules/credentials-to-trusted-tasks';
import { nonEmpty } from '../private/arrays';
import { DEFAULT_PIPELINE_TIMEOUT_MINUTES } from '../private/defaults';
import { durationString } from '../private/duration';
import { enforceCatalogue } from '../private/enforce';
import { checkName, checkUnique } from '../private/names';
import { recordRelaxations, relaxationAnnotations } from '../private/relaxation-records';
import { findReferences } from '../private/substitutions';

const KIND = 'SecurePipeline';

/** Rules of the pipeline's NetworkPolicies. */
const EGRESS_RULES = [RuleId.EGRESS_NO_OPEN_CIDR, RuleId.EGRESS_SCOPED];

/**
 * Props of a SecurePipeline.
 */
export interface SecurePipelineProps {
  /** `metadata.name` of the Pipeline. @default - the construct id */
  readonly name?: string;
  /** What the pipeline does. @default - no description */
  readonly description?: string;
  /** Params runs pass. @default - none */
  readonly params?: PipelineParam[];
  /** Workspaces runs bind, each with its trust domain. @default - none */
  readonly workspaces?: PipelineWorkspace[];
  /** Longest a run may take; runs write it as `timeouts.pipeline`. @default Duration.hours(1) */
  readonly timeout?: Duration;
  /**
   * Name of the ServiceAccount the pipeline creates and its runs use.
   * @default - `<name>-runner`
   */
  readonly serviceAccountName?: string;
  /** Relaxations for the Pipeline object (and, for the EGRESS_* rules, its NetworkPolicies). @default - none */
  readonly relaxations?: Relaxation[];
}

/**
 * How a task takes part in a pipeline.
 */
export interface PipelineTaskOptions {
  /** The task to run. */
  readonly task: SecureTask;
  /** Name in the pipeline (a DNS-1123 label). @default - the task's name */
  readonly name?: string;
  /** Pipeline tasks that must finish first. @default - none (only result references order it) */
  readonly runAfter?: string[];
  /** Values for the task's params: literals, `$(params.x)` or `$(tasks.t.results.r)`. @default - none */
  readonly params?: { [param: string]: string };
  /** Pipeline workspace bound to each task workspace (task workspace name -> pipeline workspace name). @default - none */
  readonly workspaces?: { [taskWorkspace: string]: string };
  /** Longest this task may take; at most the pipeline timeout. @default - the pipeline's timeout applies */
  readonly timeout?: Duration;
  /**
   * The task needs no network at all: its pod gets no egress, not even DNS
   * (builds from a checked-out source and a vendored cache).
   * @default false
   */
  readonly hermetic?: boolean;
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
    public readonly task: SecureTask,
    /** @internal */
    public readonly _options: PipelineTaskOptions,
    /** Whether it runs in `finally` (after all other tasks, whatever their outcome). */
    public readonly isFinally: boolean,
    private readonly serviceAccount: LeastPrivilegeServiceAccount,
    private readonly egress: EgressPolicy,
  ) {}

  /** Let this task's pod reach `peer` on `ports` (on top of DNS). */
  public allowEgressTo(peer: EgressPeer, ports: EgressPort[]): void {
    this.egress.allowForTask(this.name, peer, ports);
  }

  /**
   * Let this task call the Kubernetes API: the grant is added to the pipeline's
   * ServiceAccount (on named objects only), and runs mount the token for this
   * task's pod alone, recording the grant as the reason.
   */
  public grantApi(grant: ApiGrant): GrantedRule {
    const rule = this.serviceAccount.grantApi(grant);
    if (!this.grants.includes(rule)) this.grants.push(rule);
    return rule;
  }

  /** The API grants of this task (its pod mounts the ServiceAccount token when there are any). */
  public get apiGrants(): GrantedRule[] {
    return [...this.grants];
  }

  /** A reference to one of the task's results, `$(tasks.<name>.results.<result>)`. */
  public result(result: string): string {
    return `$(tasks.${this.name}.results.${result})`;
  }
}

/**
 * A Tekton `Pipeline` whose structure and trust boundaries are checked at synth.
 *
 * Tasks are emitted as standalone `Task` objects (reviewable, reusable, signable)
 * and referenced by `taskRef`. The DAG is checked (unknown `runAfter`, cycles,
 * duplicate and invalid names), every param, workspace and result reference is
 * resolved, each workspace carries a trust domain, and a credentials workspace can
 * only reach a task marked trusted. The pipeline creates its own ServiceAccount
 * (token not mounted) for its runs.
 *
 * @example
 * const pipeline = new SecurePipeline(chart, 'build', {
 *   params: [{ name: 'git-revision' }],
 *   workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }],
 * });
 * pipeline.addTask({ task: unitTest, params: { revision: '$(params.git-revision)' }, workspaces: { source: 'source' } });
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

  private readonly description?: string;
  private readonly params: PipelineParam[];
  private readonly workspaces: PipelineWorkspace[];
  private readonly tasks: PipelineTask[] = [];
  private readonly relaxationRecords: RecordedRelaxation[];

  constructor(scope: Construct, id: string, props: SecurePipelineProps = {}) {
    super(scope, id);
    this.name = props.name ?? id;
    this.timeout = props.timeout ?? Duration.minutes(DEFAULT_PIPELINE_TIMEOUT_MINUTES);
    this.serviceAccountName = props.serviceAccountName ?? `${this.name}-runner`;
    this.description = props.description;
    this.params = [...(props.params ?? [])];
    this.workspaces = [...(props.workspaces ?? [])];

    checkName(this, KIND, 'name', this.name);
    checkName(this, KIND, 'serviceAccountName', this.serviceAccountName);
    checkUnique(this, KIND, 'params', this.params.map((p) => p.name));
    checkUnique(this, KIND, 'workspaces', this.workspaces.map((w) => w.name));
    this.workspaces.forEach((w) => checkName(this, KIND, 'workspaces', w.name));
    // egress relaxations belong to the pipeline's NetworkPolicies, the others to the Pipeline object
    const isEgress = (r: Relaxation) => EGRESS_RULES.includes(r.rule);
    this.relaxationRecords = recordRelaxations(this, KIND, props.relaxations?.filter((r) => !isEgress(r)), RuleCatalogue.isRelaxable);

    this.serviceAccount = new LeastPrivilegeServiceAccount(this, 'ServiceAccount', { name: this.serviceAccountName });
    this.egress = new EgressPolicy(this, 'Egress', { pipelineName: this.name, relaxations: props.relaxations?.filter(isEgress) });

    const credentials = this.workspaces.filter((w) => w.domain === TrustDomain.CREDENTIALS).map((w) => w.name);
    this.apiObject = new ApiObject(this, 'Resource', {
      ...tekton.Pipeline.GVK,
      metadata: {
        name: this.name,
        annotations: {
          ...(credentials.length ? { [CREDENTIALS_WORKSPACES_ANNOTATION]: credentials.join(',') } : {}),
          ...relaxationAnnotations(this.relaxationRecords),
        },
      },
      // tasks are added after construction: render the spec at synth
      spec: Lazy.any({ produce: () => tekton.toJson_PipelineSpec(this.renderSpec()) }),
    });
    this.node.addValidation({ validate: () => { this.checkGraph(); return []; } });
    enforceCatalogue(this, KIND, () => [this.apiObject], () => this.relaxationRecords);
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

  private add(options: PipelineTaskOptions, isFinally: boolean): PipelineTask {
    const name = options.name ?? options.task.name;
    checkName(this, KIND, isFinally ? 'finally' : 'tasks', name);
    checkUnique(this, KIND, 'tasks', [...this.tasks.map((t) => t.name), name]);
    if (isFinally && options.runAfter && options.runAfter.length > 0) {
      throw this.error(`task '${name}'`, 'runAfter', options.runAfter.join(', '), 'is set on a finally task', RuleId.VALID_DAG,
        'Finally tasks run after all other tasks; remove runAfter.');
    }
    const task = new PipelineTask(name, options.task, options, isFinally, this.serviceAccount, this.egress);
    if (options.hermetic) this.egress.markHermetic(name);
    this.tasks.push(task);
    const trusted = this.tasks.filter((t) => t.task.trusted).map((t) => t.name);
    if (trusted.length) this.apiObject.metadata.addAnnotation(TRUSTED_TASKS_ANNOTATION, trusted.join(','));
    return task;
  }

  /** The declared param, or undefined. */
  public param(name: string): PipelineParam | undefined {
    return this.params.find((p) => p.name === name);
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
      params: nonEmpty(this.params.map((p) => ({ name: p.name, type: 'string', description: p.description, default: p.default }))),
      workspaces: nonEmpty(this.workspaces.map((w) => ({ name: w.name, description: w.description, optional: w.optional ?? false }))),
      tasks: this.tasks.filter((t) => !t.isFinally).map((t) => this.renderTask(t)),
      finally: nonEmpty(this.tasks.filter((t) => t.isFinally).map((t) => this.renderTask(t))),
    };
  }

  private renderTask(t: PipelineTask): tekton.PipelineSpecTasks {
    const o = t._options;
    return {
      name: t.name,
      taskRef: { kind: 'Task', name: t.task.name },
      runAfter: nonEmpty(o.runAfter ?? []),
      params: nonEmpty(Object.entries(o.params ?? {}).map(([name, value]) => ({ name, value }))),
      workspaces: nonEmpty(Object.entries(o.workspaces ?? {}).map(([name, workspace]) => ({ name, workspace }))),
      timeout: o.timeout ? durationString(o.timeout) : undefined,
    };
  }

  private error(
    location: string | undefined, property: string, value: string | undefined, problem: string, rule: RuleId, fix: string,
  ): SecureTektonError {
    return new SecureTektonError({ construct: KIND, path: this.node.path, location, property, value, problem, rule, fix });
  }

  /** Cross-task checks: references, bindings, trust boundaries and the DAG. */
  private checkGraph(): void {
    const byName = new Map(this.tasks.map((t) => [t.name, t]));
    const edges = new Map<string, Set<string>>();
    for (const t of this.tasks) {
      const at = `task '${t.name}'`;
      const o = t._options;
      const after = new Set<string>();
      for (const dep of o.runAfter ?? []) {
        if (!byName.has(dep)) {
          throw this.error(at, 'runAfter', dep, 'names a task that is not in the pipeline', RuleId.VALID_DAG,
            `Use one of: ${[...byName.keys()].join(', ')}.`);
        }
        if (byName.get(dep)?.isFinally) {
          throw this.error(at, 'runAfter', dep, 'names a finally task', RuleId.VALID_DAG,
            'Finally tasks run after all other tasks; nothing can run after one.');
        }
        after.add(dep);
      }
      // params: known task params, known pipeline params and results, every required param bound
      for (const [param, value] of Object.entries(o.params ?? {})) {
        if (!t.task.param(param)) {
          throw this.error(at, `params.${param}`, value, `is not a param of task '${t.task.name}'`, RuleId.VALID_REFERENCE,
            `Use one of: ${t.task.paramNames.join(', ') || '(none)'}.`);
        }
        for (const ref of findReferences(value)) {
          if (ref.kind === 'params' && !this.param(ref.name)) {
            throw this.error(at, `params.${param}`, ref.text, `references an undeclared pipeline param '${ref.name}'`, RuleId.VALID_REFERENCE,
              'Declare it in the pipeline\'s params, or fix the name.');
          }
          if (ref.kind === 'tasks') {
            const producer = byName.get(ref.name);
            if (producer?.isFinally) {
              throw this.error(at, `params.${param}`, ref.text, `references a result of finally task '${ref.name}'`, RuleId.VALID_DAG,
                'Finally tasks run last: only use their results in the pipeline results, not in other tasks.');
            }
            if (!producer || !producer.task.hasResult(ref.result ?? '')) {
              throw this.error(at, `params.${param}`, ref.text, producer ? `references result '${ref.result}' that task '${ref.name}' does not declare` : `references task '${ref.name}' that is not in the pipeline`,
                RuleId.VALID_REFERENCE, 'Reference a declared result of a task in this pipeline.');
            }
            after.add(ref.name);
          }
        }
      }
      for (const name of t.task.paramNames) {
        if (t.task.param(name)?.default === undefined && (o.params ?? {})[name] === undefined) {
          throw this.error(at, 'params', name, 'is required by the task but not passed', RuleId.VALID_REFERENCE,
            `Pass it: params: { '${name}': ... }.`);
        }
      }
      this.checkWorkspaces(t, at);
      if (o.timeout && o.timeout.toSeconds() > this.timeout.toSeconds()) {
        throw this.error(at, 'timeout', durationString(o.timeout), `is longer than the pipeline timeout ${durationString(this.timeout)}`,
          RuleId.VALID_SPEC, 'Shorten the task timeout or lengthen the pipeline timeout.');
      }
      edges.set(t.name, after);
    }
    const cycle = findCycle(edges);
    if (cycle) {
      throw this.error(`task '${cycle[0]}'`, 'runAfter', cycle.join(' -> '), 'forms a cycle', RuleId.VALID_DAG,
        'Remove one runAfter or result reference so that the tasks form a DAG.');
    }
  }

  private checkWorkspaces(t: PipelineTask, at: string): void {
    const bindings = t._options.workspaces ?? {};
    for (const [taskWs, pipelineWs] of Object.entries(bindings)) {
      const declared = t.task.workspace(taskWs);
      if (!declared) {
        throw this.error(at, `workspaces.${taskWs}`, pipelineWs, `is not a workspace of task '${t.task.name}'`, RuleId.VALID_REFERENCE,
          `A task gets only the workspaces it declares: ${t.task.workspaceDeclarations.map((w) => w.name).join(', ') || '(none)'}.`);
      }
      const source = this.workspaces.find((w) => w.name === pipelineWs);
      if (!source) {
        throw this.error(at, `workspaces.${taskWs}`, pipelineWs, 'is not a pipeline workspace', RuleId.VALID_REFERENCE,
          `Declare it in the pipeline's workspaces, or use one of: ${this.workspaces.map((w) => w.name).join(', ') || '(none)'}.`);
      }
      if (source.domain === TrustDomain.CREDENTIALS && !t.task.trusted) {
        throw this.error(at, `workspaces.${taskWs}`, pipelineWs, 'is a credentials workspace bound to a task not marked trusted', RuleId.CREDENTIALS_TRUSTED_TASK,
          'Bind credentials only to a trusted task that runs no user code (SecureTask trusted: true).');
      }
      if (source.domain !== declared.domain) {
        throw this.error(at, `workspaces.${taskWs}`, pipelineWs, `is a workspace of domain '${source.domain}' bound to a task workspace of domain '${declared.domain}'`, RuleId.VALID_REFERENCE,
          'Bind workspaces of the same trust domain.');
      }
    }
    for (const w of t.task.workspaceDeclarations) {
      if (!w.optional && bindings[w.name] === undefined) {
        throw this.error(at, 'workspaces', w.name, 'is required by the task but not bound', RuleId.VALID_REFERENCE,
          `Bind it: workspaces: { '${w.name}': '<pipeline workspace>' }.`);
      }
    }
  }
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
