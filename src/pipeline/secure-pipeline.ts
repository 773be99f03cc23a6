import { ApiObject, Duration, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { PipelineParam } from './param';
import { ITaskDefinition } from './task-definition';
import { TrustDomain } from './trust-domain';
import { PipelineWorkspace } from './workspace';
import { ApiGrant, GrantedRule, LeastPrivilegeServiceAccount } from '../identity/least-privilege-service-account';
import * as tekton from '../imports/tekton-tekton.dev';
import { EgressAllowOptions, EgressPeer, EgressPolicy, EgressPort } from '../network/egress-policy';
import { ConstructPolicy, RefusalOptions } from '../policy/engine/construct-policy';
import { Attribution } from '../policy/engine/enforcement';
import { Relaxation } from '../policy/relaxation';
import { Finding } from '../policy/rule';
import { RuleId } from '../policy/rule-id';
import { nonEmpty } from '../private/arrays';
import { asArray } from '../private/containers';
import { DEFAULT_PIPELINE_TIMEOUT_MINUTES } from '../private/defaults';
import { durationString } from '../private/duration';
import { artifactReferences, looksLikeResultRef, PIPELINE_VARIABLE_PREFIXES, prefixedVariables, statusReferences, tektonExpressions } from '../private/names';
import { findReferences } from '../private/substitutions';
import { isReferenceTo, renderTaskRef } from '../private/task-refs';

const KIND = 'SecurePipeline';
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
  /**
   * Relaxations for the pipeline: they cover the Pipeline object and what the
   * pipeline creates for it (its NetworkPolicies, ServiceAccount and Role), each
   * where its rule applies; limit one to a pipeline task with `target`.
   * @default - none
   */
  readonly relaxations?: Relaxation[];
}

/**
 * How a task takes part in a pipeline.
 */
export interface PipelineTaskOptions {
  /** The task to run: a `SecureTask` of this app, or a `RemoteTask`. */
  readonly task: ITaskDefinition;
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
    public readonly task: ITaskDefinition,
    /** @internal */
    public readonly _options: PipelineTaskOptions,
    /** Whether it runs in `finally` (after all other tasks, whatever their outcome). */
    public readonly isFinally: boolean,
    private readonly serviceAccount: LeastPrivilegeServiceAccount,
    private readonly egress: EgressPolicy,
  ) {}

  /**
   * Let this task's pod reach `peer` on `ports` (on top of DNS).
   * `options.relaxations` relax this task's NetworkPolicy only: a wide allowance
   * for one task does not loosen the others.
   */
  public allowEgressTo(peer: EgressPeer, ports: EgressPort[], options?: EgressAllowOptions): void {
    this.egress.allowForTask(this.name, peer, ports, options);
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
  private readonly policy: ConstructPolicy;

  constructor(scope: Construct, id: string, props: SecurePipelineProps = {}) {
    super(scope, id);
    this.policy = new ConstructPolicy(this, KIND);
    this.name = props.name ?? id;
    this.timeout = props.timeout ?? Duration.minutes(DEFAULT_PIPELINE_TIMEOUT_MINUTES);
    this.serviceAccountName = props.serviceAccountName ?? `${this.name}-runner`;
    this.description = props.description;
    this.params = [...(props.params ?? [])];
    this.workspaces = [...(props.workspaces ?? [])];

    this.policy.checkName('name', this.name);
    if (props.serviceAccountName === undefined && this.serviceAccountName.length > 63) {
      throw this.policy.error({
        property: 'serviceAccountName',
        value: this.serviceAccountName,
        problem: 'is longer than 63 characters (the default: the pipeline\'s name and "-runner")',
        rule: RuleId.VALID_NAME,
        fix: 'Give the ServiceAccount a name of at most 63 characters (serviceAccountName: \'<name>\'), or the pipeline a shorter one.',
      });
    }
    this.policy.checkName('serviceAccountName', this.serviceAccountName);
    this.policy.checkUnique('params', this.params.map((p) => p.name));
    this.policy.checkUnique('workspaces', this.workspaces.map((w) => w.name));
    this.workspaces.forEach((w) => this.policy.checkName('workspaces', w.name));
    this.policy.relax(props.relaxations);

    this.serviceAccount = new LeastPrivilegeServiceAccount(this, 'ServiceAccount', { name: this.serviceAccountName });
    this.egress = new EgressPolicy(this, 'Egress', { pipelineName: this.name });

    this.apiObject = this.policy.emit(new ApiObject(this, 'Resource', {
      ...tekton.Pipeline.GVK,
      metadata: { name: this.name },
      // tasks are added after construction: render the spec at synth
      spec: Lazy.any({ produce: () => tekton.toJson_PipelineSpec(this.renderSpec()) }),
    }), (f) => this.attribute(f));
    const credentials = this.workspaces.filter((w) => w.domain === TrustDomain.CREDENTIALS).map((w) => w.name);
    this.policy.declareCredentialWorkspaces(this.apiObject, () => credentials);
    this.policy.derive(() => this.trustRecords(credentials));
    this.policy.check(() => this.checkGraph());
  }

  /**
   * A trusted task that receives a credentials workspace is recorded as a
   * relaxation of CREDENTIALS_TRUSTED_TASK with the reason, so that the YAML says
   * who is trusted and why. It holds only while the pipeline task, as written,
   * still runs that very Task by local reference.
   */
  private trustRecords(credentials: string[]) {
    return this.tasks
      .filter((t) => t.task.trusted && Object.values(t._options.workspaces ?? {}).some((w) => credentials.includes(w)))
      .map((t) => ({
        rule: RuleId.CREDENTIALS_TRUSTED_TASK,
        target: `task/${t.name}`,
        location: `task '${t.name}'`,
        reason: `runs Task '${t.task.name}', which ${t.task.constructor.name} '${t.task.node.path}' marks trusted (it runs no user code)`,
        holds: (json: any) => {
          const written = [...asArray(json?.spec?.tasks), ...asArray(json?.spec?.finally)].find((x) => x?.name === t.name);
          return written !== undefined && written.taskSpec === undefined && isReferenceTo(written.taskRef, t.task.taskReference);
        },
      }));
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
    this.policy.checkName(isFinally ? 'finally' : 'tasks', name);
    this.policy.checkUnique('tasks', [...this.tasks.map((t) => t.name), name]);
    if (isFinally && options.runAfter && options.runAfter.length > 0) {
      throw this.policy.error({
        location: `task '${name}'`,
        property: 'runAfter',
        value: options.runAfter.join(', '),
        problem: 'is set on a finally task',
        rule: RuleId.VALID_DAG,
        fix: 'Finally tasks run after all other tasks; remove runAfter.',
      });
    }
    const task = new PipelineTask(name, options.task, options, isFinally, this.serviceAccount, this.egress);
    if (options.hermetic) this.egress.markHermetic(name);
    this.tasks.push(task);
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
      taskRef: renderTaskRef(t.task.taskReference),
      runAfter: nonEmpty(o.runAfter ?? []),
      params: nonEmpty(Object.entries(o.params ?? {}).map(([name, value]) => ({ name, value }))),
      workspaces: nonEmpty(Object.entries(o.workspaces ?? {}).map(([name, workspace]) => ({ name, workspace }))),
      timeout: o.timeout ? durationString(o.timeout) : undefined,
    };
  }

  /** A credentials binding to an untrusted task, in the terms of addTask's props. */
  private attribute(f: Finding): Attribution | undefined {
    if (f.rule !== RuleId.CREDENTIALS_TRUSTED_TASK) return undefined;
    const t = this.tasks.find((x) => f.target === `task/${x.name}`);
    const taskWs = Object.entries(t?._options.workspaces ?? {}).find(([, w]) => w === f.value)?.[0];
    if (!t || taskWs === undefined) return undefined;
    return {
      property: `workspaces.${taskWs}`,
      value: f.value,
      problem: 'is a credentials workspace bound to a task not marked trusted',
      fix: 'Bind credentials only to a task that runs no user code (trusted: true in its SecureTask props), or move the step that needs them into a task of its own.',
    };
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
      for (const dep of o.runAfter ?? []) {
        if (!byName.has(dep)) {
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
      // params: known task params, known pipeline params and results, every required param bound
      for (const [param, value] of Object.entries(o.params ?? {})) {
        if (!t.task.param(param)) {
          problems.push({
            location: at,
            property: `params.${param}`,
            value,
            problem: `is not a param of task '${t.task.name}'`,
            rule: RuleId.VALID_REFERENCE,
            fix: `Use one of: ${t.task.paramNames.join(', ') || '(none)'}.`,
          });
        }
        problems.push(...this.variableProblems(t, `params.${param}`, value));
        for (const ref of findReferences(value)) {
          if (ref.kind === 'params' && !this.param(ref.name)) {
            problems.push({
              location: at,
              property: `params.${param}`,
              value: ref.text,
              problem: `references an undeclared pipeline param '${ref.name}'`,
              rule: RuleId.VALID_REFERENCE,
              fix: 'Declare it in the pipeline\'s params, or fix the name.',
            });
          }
          if (ref.kind === 'tasks') {
            const producer = byName.get(ref.name);
            if (producer?.isFinally) {
              problems.push({
                location: at,
                property: `params.${param}`,
                value: ref.text,
                problem: `references a result of finally task '${ref.name}'`,
                rule: RuleId.VALID_DAG,
                fix: 'Finally tasks run last: only use their results in the pipeline results, not in other tasks.',
              });
            }
            if (!producer || !producer.task.hasResult(ref.result ?? '')) {
              problems.push({
                location: at,
                property: `params.${param}`,
                value: ref.text,
                problem: producer ? `references result '${ref.result}' that task '${ref.name}' does not declare` : `references task '${ref.name}' that is not in the pipeline`,
                rule: RuleId.VALID_REFERENCE,
                fix: 'Reference a declared result of a task in this pipeline.',
              });
            }
            after.add(ref.name);
          }
        }
      }
      for (const name of t.task.paramNames) {
        if (t.task.param(name)?.default === undefined && (o.params ?? {})[name] === undefined) {
          problems.push({
            location: at,
            property: 'params',
            value: name,
            problem: 'is required by the task but not passed',
            rule: RuleId.VALID_REFERENCE,
            fix: `Pass it: params: { '${name}': ... }.`,
          });
        }
      }
      this.checkWorkspaces(t, at, problems);
      if (o.timeout && o.timeout.toSeconds() > this.timeout.toSeconds()) {
        problems.push({
          location: at,
          property: 'timeout',
          value: durationString(o.timeout),
          problem: `is longer than the pipeline timeout ${durationString(this.timeout)}`,
          rule: RuleId.VALID_SPEC,
          fix: 'Shorten the task timeout or lengthen the pipeline timeout.',
        });
      }
      edges.set(t.name, after);
    }
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
        fix: 'Pass a task result instead: params: { <param>: producer.result(\'<result>\') }.',
      });
    }
    return problems;
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
          fix: `A task gets only the workspaces it declares: ${t.task.workspaceDeclarations.map((w) => w.name).join(', ') || '(none)'}.`,
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
          fix: `Declare it in the pipeline's workspaces, or use one of: ${this.workspaces.map((w) => w.name).join(', ') || '(none)'}.`,
        });
      }
      // a credentials workspace on an untrusted task is the catalogue's CREDENTIALS_TRUSTED_TASK (see attribute)
      const untrustedCredentials = source?.domain === TrustDomain.CREDENTIALS && !t.task.trusted;
      if (declared && source && !untrustedCredentials && source.domain !== declared.domain) {
        problems.push({
          location: at,
          property: `workspaces.${taskWs}`,
          value: pipelineWs,
          problem: `is a workspace of domain '${source.domain}' bound to a task workspace of domain '${declared.domain}'`,
          rule: RuleId.VALID_REFERENCE,
          fix: 'Bind workspaces of the same trust domain.',
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
          fix: `Bind it: workspaces: { '${w.name}': '<pipeline workspace>' }.`,
        });
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
