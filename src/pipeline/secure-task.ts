import { ApiObject, Chart, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { ParamConstraint, ParamType, TaskParam } from './param';
import { ARRAY_PARAMS_DIR, arrayParamStepName, hasDefault, paramDeclarationProblems, renderParamSpec, typeOf } from './param-spec';
import { renderSidecar, renderStep, renderStepTemplate, SCRATCH_VOLUMES } from './render-step';
import { TaskResult } from './result';
import { SecureStepAction } from './secure-step-action';
import { StepProps } from './step';
import { IStepAction } from './step-action-definition';
import { containerAttributor, relativeWorkingDirFix, RenderedContainer } from './step-attribution';
import { ITaskDefinition, TaskReference } from './task-definition';
import { TrustDomain } from './trust-domain';
import { TaskWorkspace } from './workspace';
import * as tekton from '../imports/tekton-tekton.dev';
import { canonical } from '../policy/engine/annotations';
import { ConstructPolicy, RefusalOptions } from '../policy/engine/construct-policy';
import type { Attribution } from '../policy/engine/enforcement';
import { Relaxation } from '../policy/relaxation';
import { Finding } from '../policy/rule';
import { RuleId } from '../policy/rule-id';
import { ARGUMENT_INJECTION } from '../policy/rules/argument-injection';
import { nonEmpty } from '../private/arrays';
import { writtenByLibraryClass } from '../private/construct-kinds';
import { containerValueProblem } from '../private/container-values';
import { asArray } from '../private/containers';
import { HOME_PATH, SMALL_STEP_RESOURCES, TMP_PATH, VALIDATE_PARAMS_STEP } from '../private/defaults';
import { durationString, durationText, timeoutProblem } from '../private/duration';
import { ALPINE_IMAGE } from '../private/images';
import { artifactReferences, isResultName, prefixedVariables, RESERVED_SIDECAR_NAME, stepResultReferences, tektonContainerName } from '../private/names';
import { cleanPath, isRelativeContainerPath, RELATIVE_WORKING_DIR, relativeMountPath } from '../private/paths';
import { MAX_ARG_STRLEN, placeScriptsArgumentLength } from '../private/place-scripts';
import { envNameFor, findReferences, paramUses, stepTexts, untrustedSubstitutions } from '../private/substitutions';
import { describeTarget } from '../private/targets';
import { recordTrust } from '../private/task-refs';
import { notWritten, unwrittenReference, writtenTektonNames } from '../private/written-objects';

const KIND = 'SecureTask';
/** The context variables Tekton substitutes in a task's steps: `$(context.taskRun.<name>)` and `$(context.task.<name>)`. */
const TASKRUN_CONTEXT = ['name', 'namespace', 'uid'];
const TASK_CONTEXT = ['name', 'retry-count'];


/**
 * Props of a SecureTask.
 */
export interface SecureTaskProps {
  /** `metadata.name` of the Task, referenced by pipelines. @default - the construct id */
  readonly name?: string;
  /** What the task does. @default - no description */
  readonly description?: string;
  /** The steps, run in order. */
  readonly steps: StepProps[];
  /**
   * Sidecars (services the steps talk to), hardened like steps.
   * @default - none
   */
  readonly sidecars?: StepProps[];
  /** Params. Constrained ones are checked by a first step before any other runs. @default - none */
  readonly parameters?: TaskParam[];
  /** Workspaces; the task gets only these. @default - none */
  readonly workspaces?: TaskWorkspace[];
  /**
   * Results, which a step writes to the file `$(results.<name>.path)` and a pipeline
   * reads with `PipelineTask.result('<name>')`.
   * @default - none
   */
  readonly results?: TaskResult[];
  /**
   * The task runs no user code and may receive credentials workspaces, take params from
   * other tasks' results beside them, and declare the results Tekton Chains signs and
   * attests (`IMAGE_URL`, `IMAGE_DIGEST`, `IMAGES`, `*_ARTIFACT_URI` …). A trusted task's
   * results may repeat its params: given a result of a task not marked trusted, they count
   * as that task's results (a SecurePipeline refuses them where it would refuse that task's).
   * @default false
   */
  readonly trusted?: boolean;
  /** Image of the `validate-params` step (needs `sh` and `grep -E`). @default - alpine 3.21, pinned by digest */
  readonly validationImage?: string;
  /** Relaxations for the whole task (limit one to a step or sidecar with `target`). @default - none */
  readonly relaxations?: Relaxation[];
}

/**
 * A Tekton `Task` whose steps are hardened by construction.
 *
 * Every step runs as UID 65532 with `runAsNonRoot`, no privilege escalation, all
 * capabilities dropped, the RuntimeDefault seccomp profile, a read-only root
 * filesystem (emptyDir at `/tmp` and `$HOME`) and CPU/memory requests and limits.
 * Images must be pinned by digest, scripts start with `#!`, and params reach
 * scripts only through `env`.
 *
 * @example
 * new SecureTask(chart, 'unit-test', {
 *   parameters: [{ name: 'revision', constraint: ParamConstraint.gitSha() }],
 *   workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }],
 *   steps: [{
 *     name: 'test',
 *     image: 'docker.io/library/golang:1.23-alpine@sha256:d0b31558e6b3e4cc59f6011d79905835108c919143ebecc58f35965bf79948f4',
 *     workingDir: '$(workspaces.source.path)',
 *     env: { REVISION: '$(params.revision)' },
 *     script: '#!/bin/sh\nset -eu\necho "testing $REVISION"\ngo test ./...',
 *   }],
 * });
 */
export class SecureTask extends Construct implements ITaskDefinition {
  /** `metadata.name` of the Task. */
  public readonly name: string;
  /** Whether the task may receive credentials workspaces. */
  public readonly trusted: boolean;
  /**
   * The emitted Task object. When every pipeline that runs the task embeds it
   * (`SecurePipelineProps.embedTasks`), it is not written: its spec, escape-hatch
   * patches included, is written inside those pipelines.
   */
  public readonly apiObject: ApiObject;

  /** @internal the steps that set a timeout */
  public readonly _stepTimeouts: Array<{ step: string; timeout: Duration }>;
  /**
   * How long the task may wait by design (ImageVerify's looks, retryDelay apart), and why:
   * a pipeline task's timeout shorter than that cuts it off before its last look.
   * @internal
   */
  public _waitsUpTo?: { readonly duration: Duration; readonly why: string };

  private readonly params: TaskParam[];
  private readonly steps: StepProps[];
  private readonly workspaces: TaskWorkspace[];
  private readonly results: TaskResult[];
  private readonly policy: ConstructPolicy;
  /** Each step as emitted (before any escape-hatch patch), as canonical JSON, by name; and the step template. */
  private readonly emittedSteps: ReadonlyMap<string, string>;
  private readonly emittedStepTemplate: string;
  /**
   * The pipeline tasks that run this task, as addTask and addFinally made them; for a
   * pipeline that writes the task's spec inside itself (`embedTasks`), its namespace, read
   * when checked (its runs look up the steps' StepActions there).
   * @internal
   */
  public readonly _runBy: Array<{ readonly pipelineTask: { readonly name: string }; readonly embeddedIn?: () => string | undefined }> = [];

  constructor(scope: Construct, id: string, props: SecureTaskProps) {
    super(scope, id);
    // a hardened task's refusals name its own class (ContainerBuild, ...), not SecureTask;
    // its steps are its own, not the user's
    const writtenBy = writtenByLibraryClass(new.target);
    this.policy = new ConstructPolicy(this, writtenBy?.kind ?? KIND);
    this.name = props.name ?? id;
    this.trusted = props.trusted ?? false;
    recordTrust(this, this.trusted);
    this.params = [...(props.parameters ?? [])];
    this.steps = [...props.steps];
    this.workspaces = [...(props.workspaces ?? [])];
    this.results = [...(props.results ?? [])];

    this.policy.checkName('name', this.name);
    this.checkDeclarations(props);

    // a hardened task without a relaxations prop takes none: fixes point to Relaxations.of
    if (writtenBy === undefined || writtenBy.takesRelaxations || props.relaxations !== undefined) this.policy.relax(props.relaxations);
    const sidecars = props.sidecars ?? [];
    const rendered = new Map<string, RenderedContainer>();
    for (const [role, containers] of [['step', props.steps], ['sidecar', sidecars]] as const) {
      for (const c of containers) {
        const invalid = containerValueProblem(c);
        if (invalid) throw this.error({ ...invalid, rule: RuleId.VALID_SPEC, location: `${role} '${c.name}'` });
        rendered.set(`${role}/${c.name}`, { role, props: c, ...(writtenBy ? { writtenBy: writtenBy.kind } : {}) });
        this.policy.relax(c.relaxations, { target: `${role}/${c.name}`, location: `${role} '${c.name}'` });
      }
    }

    // constrained params that start an argument are also checked never to start with '-'
    const leading = leadingParams(props.steps, sidecars);
    const dashChecked = new Set([...leading.values()].flat().filter((n) => this.param(n)?.constraint));
    const validation = this.validationStep(props.validationImage ?? ALPINE_IMAGE, dashChecked);
    // only steps: Tekton starts the sidecars before the first step, so validate-params checks nothing a sidecar gets
    const checkedOnly = [...leading].filter(([target, names]) => target.startsWith('step/') && names.length > 0 && names.every((n) => dashChecked.has(n)));
    this.policy.derive(() => checkedOnly.map(([target, names]) => ({
      rule: RuleId.ARGUMENT_INJECTION,
      target,
      location: describeTarget(target),
      reason: `${names.map((n) => `param '${n}'`).join(', ')} ${names.length > 1 ? 'are' : 'is'} checked by step '${VALIDATE_PARAMS_STEP}' `
        + `before this step runs (${names.map((n) => this.param(n)!.constraint!.description).join('; ')}), and never starts with '-'`,
      // only while every argument the rule finds on the step, as written, is one of those params,
      // and the check is written as emitted: the params' declarations, the validation step and the
      // step template it runs with, that step before this one
      holds: (json: any) => validatedAsEmitted(json, target, names, emitted)
        && ARGUMENT_INJECTION.check(json)
          .filter((f) => f.target === target)
          .every((f) => /^starts an argument/.test(f.problem) && names.some((n) => f.value === `$(params.${n})`)),
    })));
    this._stepTimeouts = props.steps.filter((st) => st.timeout !== undefined).map((st) => ({ step: st.name, timeout: st.timeout! }));
    const arraySteps = this.arrayParamSteps(props.validationImage ?? ALPINE_IMAGE, new Set(props.steps.map((s) => s.name)));
    const steps = [...(validation ? [validation] : []), ...arraySteps, ...props.steps];
    steps.forEach((s) => this.checkStep(s, 'step'));
    sidecars.forEach((s) => this.checkStep(s, 'sidecar'));
    this.policy.checkUnique('sidecars', sidecars.map((s) => s.name));
    this.checkContainerNames(steps.map((s) => s.name), 'step');
    this.checkContainerNames(sidecars.map((s) => s.name), 'sidecar');

    const spec: tekton.TaskSpec = {
      description: props.description,
      params: nonEmpty(this.params.map(renderParamSpec)),
      workspaces: nonEmpty(this.workspaces.map((w) => ({
        name: w.name,
        description: w.description,
        readOnly: w.domain === TrustDomain.CREDENTIALS ? true : (w.readOnly ?? false),
        optional: w.optional ?? false,
        mountPath: w.mountPath,
      }))),
      results: nonEmpty(this.results.map((r) => ({ name: r.name, type: 'string', description: r.description }))),
      stepTemplate: renderStepTemplate(props.steps.some((st) => st.action !== undefined)),
      steps: steps.map(renderStep),
      sidecars: nonEmpty(sidecars.map(renderSidecar)),
      volumes: SCRATCH_VOLUMES,
    };
    // typed through the generated L1, converted to Kubernetes JSON once
    const specJson = tekton.toJson_TaskSpec(spec);
    this.checkScriptsArgument(specJson, steps);
    // what the derived ARGUMENT_INJECTION records rest on, as emitted (before any escape-hatch patch)
    const emitted = canonicalValidation(specJson);
    this.emittedSteps = new Map(asArray(specJson?.steps).map((st) => [String(st?.name), canonical(st)]));
    this.emittedStepTemplate = canonical(specJson?.stepTemplate);
    // a hardened task restates what it can in its own props; the steps' attribution does the rest
    const stepAttribution = containerAttributor(rendered);
    this.apiObject = this.policy.emit(new ApiObject(this, 'Resource', {
      ...tekton.Task.GVK,
      metadata: { name: this.name },
      spec: specJson,
    }), (f, json) => this._restate(f) ?? this.workspaceAttribution(f) ?? stepAttribution(f, json));
    // at synth: the StepActions its steps refer to by name must be written where the Task runs
    this.policy.check(() => this._actionProblems());
    this.policy.check(() => this.writtenActionRefProblems());
  }

  /** A MOUNT_PATH_FIXED finding on a workspace's `mountPath`, restated as the prop it was written from. */
  private workspaceAttribution(f: Finding): Attribution | undefined {
    if (f.rule !== RuleId.MOUNT_PATH_FIXED || f.target !== undefined) return undefined;
    const w = this.workspaces.find((x) => x.mountPath !== undefined && f.property === `workspaces.${x.name}.mountPath`);
    if (w === undefined) return undefined;
    return {
      property: `workspaces[${w.name}].mountPath`,
      value: w.mountPath,
      problem: f.problem,
      fix: `Leave mountPath out (the workspace is then at /workspace/${w.name}) or give a fixed path, and pass what varies as data: an env var a `
        + 'step reads, a directory the step creates below the workspace.',
      thenRelaxHint: true,
    };
  }

  /**
   * What would make the task declare workspace `name`, for a refusal of a binding to it
   * (`; <Kind> declares '<name>' only with <prop>`), or undefined.
   * @internal
   */
  public _undeclaredWorkspaceHint(_name: string): string | undefined {
    return undefined;
  }

  /**
   * A finding on the Task restated in the props of the hardened task that wrote its steps
   * (the user wrote none of them), or undefined to leave it to the steps' own attribution.
   * @internal
   */
  public _restate(_finding: Finding): Attribution | undefined {
    return undefined;
  }

  /**
   * The refusals for the steps that run a StepAction the app does not write, with that
   * name, in each of `holders`' namespaces (by default the Task's and those of the
   * pipelines that embed its spec): a step's `ref: { name }` runs whatever StepAction of
   * that name the run's namespace holds when the run starts.
   * @internal
   */
  public _actionProblems(holders?: ReadonlyArray<{ readonly holder: string; readonly namespace: string | undefined }>): RefusalOptions[] {
    return this.steps.flatMap((st) => (st.action === undefined ? []
      : st.action instanceof SecureStepAction ? this.actionReferenceProblems(st, st.action, holders) : [this.unknownActionProblem(st, st.action)]));
  }

  /**
   * The steps of the Task as written that refer by name to a StepAction other than the one their
   * props name (an escape-hatch patch of a step's ref, or a step a patch adds) that the app does
   * not write in the Task's namespace: Tekton runs whatever StepAction of that name the namespace
   * holds, which nothing checked. What the props name is `_actionProblems`'.
   */
  private writtenActionRefProblems(): RefusalOptions[] {
    const json = this.apiObject.toJson();
    const refs = asArray(json?.spec?.steps).filter((st) => st?.ref !== null && typeof st?.ref === 'object' && typeof st.ref.name === 'string'
      && st.ref.resolver === undefined);
    if (refs.length === 0) return [];
    const namespace = json?.metadata?.namespace === '' ? undefined : json?.metadata?.namespace;
    const actions = writtenTektonNames(this, 'StepAction', namespace);
    return refs.flatMap((st): RefusalOptions[] => {
      const modelled = this.steps.find((x) => x.name === st.name);
      const own = modelled?.action?.name;
      if (st.ref.name === own || actions.has(st.ref.name)) return [];
      const why = own !== undefined ? `not '${own}', the step's action: an escape-hatch patch changed it`
        : modelled !== undefined ? "the step's props name no action: an escape-hatch patch wrote it" : 'a step an escape-hatch patch added';
      return [{
        location: `step '${st.name}'`,
        property: 'ref.name',
        value: st.ref.name,
        problem: `names StepAction '${st.ref.name}', which the app does not write${namespace !== undefined ? ` in namespace '${namespace}'` : ' without a namespace'} `
          + `(${why}): `
          + `the step runs whatever StepAction '${st.ref.name}' the run's namespace holds when the run starts, unchecked`,
        rule: RuleId.VALID_REFERENCE,
        fix: "Run a StepAction the app writes and checks: a SecureStepAction as the step's action prop, without a patch of ref.",
      }];
    });
  }

  /**
   * Relaxations the library gives a step of a task it defines (kaniko's root in
   * ContainerBuild): each holds only while that step and the step template are written
   * exactly as emitted, so an escape-hatch patch that changes the step (another image,
   * command or args) drops it and the findings come back.
   * @internal
   */
  protected _relaxEmittedStep(step: string, relaxations: Relaxation[]): void {
    // checked as any relaxation is: a relaxable rule, a reason a reader (and the audit) takes as one
    const checked = this.policy.checkOwnRelaxations(relaxations, `_relaxEmittedStep('${step}')`, { target: `step/${step}`, location: `step '${step}'` });
    const emitted = this.emittedSteps.get(step);
    const template = this.emittedStepTemplate;
    this.policy.derive(() => checked.map((r) => ({
      rule: r.rule,
      reason: r.reason,
      target: `step/${step}`,
      location: `step '${step}'`,
      holds: (json: any) => {
        const written = asArray(json?.spec?.steps).filter((st) => st?.name === step);
        return emitted !== undefined && written.length === 1 && canonical(written[0]) === emitted && canonical(json?.spec?.stepTemplate) === template;
      },
    })));
  }

  /** A local reference to the emitted Task, by name. */
  public get taskReference(): TaskReference {
    return { kind: 'Task', name: this.name };
  }

  /** The declared param, or undefined. */
  public param(name: string): TaskParam | undefined {
    return this.params.find((p) => p.name === name);
  }

  /** The declared workspace, or undefined. */
  public workspace(name: string): TaskWorkspace | undefined {
    return this.workspaces.find((w) => w.name === name);
  }

  /** Whether the task declares this result. */
  public hasResult(name: string): boolean {
    return this.results.some((r) => r.name === name);
  }

  /**
   * The names of the declared results, in the order of the props.
   * @internal
   */
  public get _resultNames(): string[] {
    return this.results.map((r) => r.name);
  }

  /** Names of the declared params. */
  public get paramNames(): string[] {
    return this.params.map((p) => p.name);
  }

  /** The declared workspaces. */
  public get workspaceDeclarations(): TaskWorkspace[] {
    return [...this.workspaces];
  }

  private error(o: RefusalOptions): Error {
    return this.policy.error(o);
  }

  private checkDeclarations(props: SecureTaskProps): void {
    if (props.steps.length === 0) {
      throw this.error({ property: 'steps', problem: 'is empty', rule: RuleId.VALID_SPEC, fix: 'Give the task at least one step.' });
    }
    const validates = this.params.some((p) => p.constraint && typeOf(p) !== ParamType.ARRAY);
    this.policy.checkUnique('steps', [...(validates ? [VALIDATE_PARAMS_STEP] : []), ...props.steps.map((s) => s.name)]);
    this.policy.checkUnique('parameters', this.params.map((p) => p.name));
    this.policy.checkUnique('workspaces', this.workspaces.map((w) => w.name));
    this.policy.checkUnique('results', this.results.map((r) => r.name));
    this.workspaces.forEach((w) => this.policy.checkName('workspaces', w.name));
    for (const r of this.results) {
      if (!isResultName(r.name)) {
        throw this.error({
          property: 'results',
          value: r.name,
          problem: 'is not a valid result name',
          rule: RuleId.VALID_NAME,
          fix: 'Use letters, digits, "-" and "_", starting and ending with a letter or digit (Tekton reads a "." in $(tasks.<task>.results.<name>) as the key of an object result).',
        });
      }
    }
    this.checkMountPaths();
    for (const p of this.params) {
      if (!/^[a-zA-Z_][a-zA-Z0-9_.-]*$/.test(p.name)) {
        throw this.error({
          property: 'parameters',
          value: p.name,
          problem: 'is not a valid param name',
          rule: RuleId.VALID_NAME,
          fix: 'Start with a letter or "_" and use only letters, digits, "_", "-" and ".".',
        });
      }
      const declared = paramDeclarationProblems(p)[0];
      if (declared) throw this.error(declared);
    }
    for (const w of this.workspaces) {
      if (w.domain === TrustDomain.CREDENTIALS && !this.trusted) {
        throw this.error({
          property: 'workspaces',
          value: w.name,
          problem: 'is a credentials workspace on a task not marked trusted',
          rule: RuleId.CREDENTIALS_TRUSTED_TASK,
          fix: 'Mark the task trusted (trusted: true) only if it runs no user code; otherwise give the credential to a separate trusted task.',
        });
      }
    }
  }

  /**
   * Every workspace gets a mount path of its own: not another workspace's and not
   * `/tmp` or `$HOME`, where every step mounts its scratch emptyDir (Tekton
   * compares the paths cleaned, as Go's `filepath.Clean` does).
   */
  private checkMountPaths(): void {
    const taken = new Map<string, string>([
      [TMP_PATH, `where every step mounts its scratch emptyDir (${TMP_PATH})`],
      [HOME_PATH, `where every step mounts its $HOME emptyDir (${HOME_PATH})`],
    ]);
    // a workspace without mountPath is at /workspace/<name>; a collision is reported on the one that sets mountPath
    const ordered = [...this.workspaces.filter((w) => w.mountPath === undefined), ...this.workspaces.filter((w) => w.mountPath !== undefined)];
    for (const w of ordered) {
      const written = w.mountPath ?? `/workspace/${w.name}`;
      // the kubelet mounts a relative path under / (MakeAbsolutePath); Tekton substitutes the path as written
      if (isRelativeContainerPath(w.mountPath)) {
        const absolute = cleanPath(`/${w.mountPath}`);
        throw this.error({
          property: `workspaces[${w.name}].mountPath`,
          value: w.mountPath,
          problem: relativeMountPath(w.name, w.mountPath, absolute),
          rule: RuleId.VALID_SPEC,
          fix: `Give an absolute path, mountPath: '${absolute}', or leave mountPath out: /workspace/${w.name}.`,
        });
      }
      const clean = cleanPath(written);
      // Tekton mounts its own volumes under /tekton (scripts, bin, run, results, steps, creds, home): a workspace there
      // takes one of their mount paths, which the API server refuses, or covers them
      if (clean === '/tekton' || clean.startsWith('/tekton/')) {
        throw this.error({
          property: `workspaces[${w.name}].mountPath`,
          value: written,
          problem: 'is under /tekton, where Tekton mounts its own volumes (scripts, entrypoint binaries, results, step state, credentials)',
          rule: RuleId.VALID_SPEC,
          fix: `Mount the workspace elsewhere, e.g. leave mountPath out: /workspace/${w.name}.`,
        });
      }
      const holder = taken.get(clean);
      if (holder !== undefined) {
        throw this.error({
          property: `workspaces[${w.name}].mountPath`,
          value: written,
          problem: `is ${holder}`,
          rule: RuleId.VALID_SPEC,
          fix: `Give each workspace a mount path of its own, outside ${TMP_PATH} and ${HOME_PATH} themselves (e.g. leave mountPath out: /workspace/${w.name}).`,
        });
      }
      taken.set(clean, `the mount path of workspace '${w.name}' too`);
    }
  }

  /** The scripts as Tekton places them in the pod: one argument of a shell, which Linux limits in length. */
  private checkScriptsArgument(specJson: any, given: readonly StepProps[]): void {
    const scriptOf = (c: any): string | undefined => (typeof c?.script === 'string' && c.script !== '' ? c.script : undefined);
    // a step that runs a StepAction of this app gets its script (Tekton resolves the reference before it makes the pod)
    const steps = asArray(specJson?.steps).map((c: any, i: number) => {
      const action = given[i]?.action;
      return { role: 'step', name: String(c?.name), action, script: action instanceof SecureStepAction ? scriptOf(action.apiObject.toJson()?.spec) : scriptOf(c) };
    });
    const sidecars = asArray(specJson?.sidecars).map((c: any) => ({ role: 'sidecar', name: String(c?.name), action: undefined, script: scriptOf(c) }));
    const length = placeScriptsArgumentLength(steps.map((s) => s.script), sidecars.map((s) => s.script));
    if (length < MAX_ARG_STRLEN) return;
    // said of the longest script, which is the one to move out
    const longest = [...steps, ...sidecars].reduce((a, b) => (Buffer.byteLength(b.script ?? '') > Buffer.byteLength(a.script ?? '') ? b : a));
    throw this.error({
      location: `${longest.role} '${longest.name}'`,
      property: longest.action !== undefined ? 'action' : 'script',
      value: longest.action !== undefined ? longest.action.name : longest.script!.split('\n')[0],
      problem: `makes, with the other scripts of the task, an argument of ${length} bytes: Tekton writes every script of a step or sidecar, base64-encoded, `
        + 'into the one argument of sh -c in the pod\'s place-scripts init container, and Linux runs no program with an argument of '
        + `${MAX_ARG_STRLEN} bytes or more ("argument list too long"), so every TaskRun fails before its first step`,
      rule: RuleId.VALID_SPEC,
      fix: 'Keep the scripts under 96 KiB together: ship the code in the image or the source workspace and run it from a short script, '
        + `e.g. script: '#!/bin/sh\\nexec sh "$(workspaces.source.path)/ci/${longest.name}.sh"\\n'.`,
    });
  }

  /** Distinct names (checked before) that give one container name: the API server refuses the pod. */
  private checkContainerNames(names: readonly string[], role: 'step' | 'sidecar'): void {
    const seen = new Map<string, string>();
    for (const name of names) {
      const container = tektonContainerName(`${role}-`, name);
      const first = seen.get(container);
      if (first !== undefined) {
        throw this.error({
          location: `${role} '${name}'`,
          property: 'name',
          value: name,
          problem: `gives the container name "${container}" of ${role} '${first}' too (Tekton names a ${role}'s container "${role}-<name>", `
            + 'cut to 63 characters and to a letter or digit at its end)',
          rule: RuleId.VALID_NAME,
          fix: `Give the ${role}s names that differ within their first ${63 - role.length - 1} characters.`,
        });
      }
      seen.set(container, name);
    }
  }

  private checkStep(step: StepProps, role: 'step' | 'sidecar'): void {
    const location = `${role} '${step.name}'`;
    this.policy.checkName('name', step.name, location);
    if (role === 'sidecar' && step.name === RESERVED_SIDECAR_NAME) {
      throw this.error({
        property: 'name',
        value: step.name,
        problem: 'is the name of the sidecar Tekton adds to read results (results-from: sidecar-logs)',
        rule: RuleId.VALID_NAME,
        fix: 'Give the sidecar another name.',
        location,
      });
    }
    if (role === 'sidecar' && (step.onError !== undefined || step.timeout !== undefined)) {
      throw this.error({
        property: step.onError !== undefined ? 'onError' : 'timeout',
        value: step.onError ?? durationString(step.timeout!),
        problem: 'is set on a sidecar: Tekton has it for steps only',
        rule: RuleId.VALID_SPEC,
        fix: 'Remove it from the sidecar; a sidecar runs until the steps end.',
        location,
      });
    }
    const timeoutWrong = step.timeout === undefined ? undefined : timeoutProblem(step.timeout);
    if (timeoutWrong !== undefined) {
      throw this.error({
        property: 'timeout',
        value: durationText(step.timeout!),
        problem: timeoutWrong,
        rule: RuleId.VALID_SPEC,
        fix: 'Give the step a timeout of at least one second, e.g. timeout: Duration.minutes(5), or none.',
        location,
      });
    }
    if (step.script !== undefined && step.script.trim().startsWith('#!win')) {
      throw this.error({
        property: 'script',
        value: step.script.trim().split('\n')[0],
        problem: 'is a Windows script: Tekton runs those only with enable-api-fields "alpha", and a SecureTask hardens its steps for Linux nodes (a UID, seccomp, a read-only root)',
        rule: RuleId.VALID_SPEC,
        fix: 'Start the script with a Unix interpreter line such as "#!/bin/sh", or use command and args.',
        location,
      });
    }
    if (step.script !== undefined && step.command !== undefined) {
      throw this.error({
        property: 'command',
        value: step.command.join(' '),
        problem: 'is set together with script',
        rule: RuleId.VALID_SPEC,
        fix: 'Use either script (with a #! line) or command and args, not both.',
        location,
      });
    }
    if (step.action !== undefined) {
      this.checkActionStep(step, role, location);
      return;
    }
    const actionStep = role === 'step' && step.mountScratch === false ? this.steps.find((st) => st.action !== undefined) : undefined;
    if (actionStep !== undefined) {
      throw this.error({
        property: 'mountScratch',
        value: 'false',
        problem: `cannot hold in a task whose step '${actionStep.name}' runs a StepAction: the stepTemplate then mounts /tmp and $HOME into every step`,
        rule: RuleId.VALID_SPEC,
        fix: `Run step '${step.name}' in a SecureTask of its own, or remove mountScratch: false.`,
        location,
      });
    }
    if (step.image === undefined) {
      throw this.error({
        property: 'image',
        problem: 'is missing',
        rule: RuleId.VALID_SPEC,
        fix: 'Set an image pinned as "<repository>@sha256:<64 hex>", or action: <SecureStepAction> to run a StepAction.',
        location,
      });
    }
    if (isRelativeContainerPath(step.workingDir)) {
      throw this.error({
        property: 'workingDir',
        value: step.workingDir,
        problem: RELATIVE_WORKING_DIR,
        rule: RuleId.VALID_SPEC,
        fix: relativeWorkingDirFix(step.workingDir!, '$(workspaces.<name>.path)', `${role} '${step.name}'`),
        location,
      });
    }
    if (role === 'step' && step.script === undefined && step.command === undefined) {
      throw this.error({
        property: 'script',
        problem: 'is missing (and so is command)',
        rule: RuleId.VALID_SPEC,
        fix: 'Give the step a script starting with a #! line, or a command.',
        location,
      });
    }
    for (const [property, text] of stepTexts(step)) {
      const refused = this.variableProblem(property, text, step.name) ?? this.paramUseProblem(step, property, text);
      if (refused) throw this.error({ ...refused, location });
      for (const ref of findReferences(text)) {
        const declared =
          (ref.kind === 'params' && this.param(ref.name)) ||
          (ref.kind === 'workspaces' && this.workspace(ref.name)) ||
          (ref.kind === 'results' && this.hasResult(ref.name)) ||
          ref.kind === 'other';
        if (!declared) {
          throw this.error({
            property,
            value: ref.text,
            problem: `references an undeclared ${ref.kind.replace(/s$/, '')} '${ref.name}'`,
            rule: RuleId.VALID_REFERENCE,
            fix: ref.kind === 'params' && property === 'script'
              // declared, the param would still be pasted into the shell's code: say the whole way at once
              ? `Declare it (parameters: [{ name: '${ref.name}' }] in the SecureTask's props) and pass it through env, as a script takes no substitution: `
                + `env: { ${envNameFor(ref.text)}: '${ref.text}' }, and use "$${envNameFor(ref.text)}" (quoted) in the script; or fix the name `
                + `(the task declares ${declaredNames(this.params, 'param')}).`
              : `${ref.kind === 'params' ? `Declare it (parameters: [{ name: '${ref.name}' }] in the SecureTask's props)` : `Declare it in the task's ${ref.kind}`}, `
                + `or fix the name (the task declares ${declaredNames(
                  ref.kind === 'params' ? this.params : ref.kind === 'workspaces' ? this.workspaces : this.results, ref.kind.replace(/s$/, ''))}).`,
            location,
          });
        }
      }
    }
  }

  /**
   * The first variable of a step's text that Tekton refuses or cannot resolve:
   * a param reference with more than two dot-separated parts, an unknown
   * `$(context.task…)` or `$(context.taskRun…)` variable, a step result (steps of a
   * SecureTask declare none; Tekton allows the substitution only in env, command
   * and args), an artifact (enable-artifacts is off), a `$(workspaces.…)` text Tekton
   * does not replace.
   */
  private variableProblem(property: string, text: string, stepName?: string): Omit<RefusalOptions, 'location'> | undefined {
    const deep = prefixedVariables(text, 'params').find((v) => v.tooDeep);
    if (deep) {
      return {
        property,
        value: deep.text,
        problem: 'has more than two dot-separated parts after "params"',
        rule: RuleId.VALID_REFERENCE,
        fix: 'Reference a param as $(params.<name>), or as $(params["<name>"]) when its name has dots.',
      };
    }
    const context = [
      ...prefixedVariables(text, 'context.taskRun').filter((v) => v.tooDeep || !TASKRUN_CONTEXT.includes(v.name)),
      ...prefixedVariables(text, 'context.task').filter((v) => v.tooDeep || !TASK_CONTEXT.includes(v.name)),
    ][0];
    if (context) {
      return {
        property,
        value: context.text,
        problem: 'is not a context variable of a task',
        rule: RuleId.VALID_REFERENCE,
        fix: `Use one of: ${[...TASKRUN_CONTEXT.map((n) => `$(context.taskRun.${n})`), ...TASK_CONTEXT.map((n) => `$(context.task.${n})`)].join(', ')}.`,
      };
    }
    // Tekton replaces a workspace's path, bound, claim and volume only: any other text reaches the container as written
    const workspace = [...text.matchAll(/\$\(workspaces[.[][^)$]*\)/g)].map((m) => m[0])
      .find((w) => !/^\$\(workspaces\.[^.\s()]+\.(?:path|bound|claim|volume)\)$/.test(w));
    if (workspace) {
      return {
        property,
        value: workspace,
        problem: 'is not a workspace variable: Tekton replaces only $(workspaces.<name>.path), .bound, .claim and .volume, and leaves this text as written',
        rule: RuleId.VALID_REFERENCE,
        fix: 'Write $(workspaces.<name>.path) for the directory of the workspace.',
      };
    }
    const inAllowedField = /^(env\.|command$|args$|actionParameters\.)/.test(property);
    // results of an earlier step that runs a StepAction declaring them
    const earlier = this.steps.slice(0, Math.max(0, this.steps.findIndex((x) => x.name === stepName)));
    const stepResult = stepResultReferences(text).find((r) => !(inAllowedField
      && earlier.some((x) => x.name === r.step && x.action?.hasResult(r.result))));
    if (stepResult) {
      const where = inAllowedField
        ? `references result '${stepResult.result}' of step '${stepResult.step}', which no earlier step declares (only steps that run a StepAction have results)`
        : 'is a step-result substitution, which Tekton allows only in env, command and args';
      return {
        property,
        value: stepResult.text,
        problem: where,
        rule: RuleId.VALID_REFERENCE,
        fix: `Pass the value to the next step in a file under ${TMP_PATH} (every step of the task mounts the same one), or to other tasks as a task result.`,
      };
    }
    const artifact = artifactReferences(text)[0];
    if (artifact) {
      return {
        property,
        value: artifact,
        problem: 'references an artifact, which Tekton refuses while enable-artifacts is off (TektonFeatureFlags leaves it off)',
        rule: RuleId.VALID_SPEC,
        fix: 'Pass the value as a task result: write it to $(results.<name>.path) and declare the result.',
      };
    }
    return undefined;
  }

  /**
   * A param used in a way its type does not allow: a string param indexed or
   * keyed, an array param read as one string or expanded anywhere but as a whole
   * argument of a step with a script, an object param read whole or by a key it
   * does not declare.
   */
  private paramUseProblem(step: StepProps, property: string, text: string): Omit<RefusalOptions, 'location'> | undefined {
    for (const use of paramUses(text)) {
      const p = this.param(use.name);
      if (!p) continue; // an undeclared param is reported as such
      const type = typeOf(p);
      const base = { property, value: use.text, rule: RuleId.VALID_REFERENCE };
      if (type === ParamType.STRING && (use.star || use.index !== undefined || use.key !== undefined)) {
        return { ...base, problem: `uses string param '${p.name}' as an ${use.key !== undefined ? 'object' : 'array'}`, fix: `Reference it as $(params.${p.name}), or declare it with valueType: ParamType.${use.key !== undefined ? 'OBJECT' : 'ARRAY'}.` };
      }
      if (type === ParamType.ARRAY) {
        const asScriptArgs = use.star && property === 'args' && text === use.text && step.script !== undefined;
        if (use.key !== undefined || (use.index === undefined && !asScriptArgs)) {
          return {
            ...base,
            problem: use.star
              ? `expands array param '${p.name}' where its elements could be read as code or options`
              : `reads array param '${p.name}' as ${use.key !== undefined ? 'an object' : 'one string'}`,
            fix: `Read its elements from the file ${ARRAY_PARAMS_DIR}/${p.name} (one per line, written before the task's steps run), pass args: ['$(params.${p.name}[*])'] to a step with a script (they become "$@"), or take one element with $(params.${p.name}[0]) in env.`,
          };
        }
      }
      if (type === ParamType.OBJECT) {
        if (use.key === undefined) {
          return { ...base, problem: `reads object param '${p.name}' ${use.star ? 'whole' : use.index !== undefined ? 'as an array' : 'as one string'}`, fix: `Reference one key at a time: $(params.${p.name}.<key>), with a key of: ${(p.properties ?? []).join(', ')}.` };
        }
        if (!(p.properties ?? []).includes(use.key)) {
          return { ...base, problem: `references key '${use.key}' that object param '${p.name}' does not declare`, fix: `Use one of: ${(p.properties ?? []).join(', ')}; or add it to the param's properties.` };
        }
      }
    }
    return undefined;
  }

  /**
   * A step whose `action` is not a SecureStepAction runs, by name, a StepAction nothing in
   * the app writes or checks: whatever the run's namespace holds (its image, script and
   * securityContext, which override the stepTemplate's).
   */
  private unknownActionProblem(step: StepProps, action: IStepAction): RefusalOptions {
    const name = String(action.name);
    return {
      location: `step '${step.name}'`,
      property: 'action',
      value: name,
      problem: 'is not a SecureStepAction, so this app neither writes nor checks the StepAction it names: the step\'s ref runs whatever '
        + `StepAction '${name}' the run's namespace holds when the run starts, with its own image, script and securityContext`,
      rule: RuleId.VALID_REFERENCE,
      fix: `Write the StepAction in this app and pass it as the step's action prop: a SecureStepAction of construct id '${name}', with its image ('<repository>@sha256:<64 hex>') and script.`,
    };
  }

  /**
   * A finding the catalogue makes on a pipeline task that runs this task (its target
   * `task/<name>`), in the terms of this task's props; undefined: as the pipeline states it.
   * @internal
   */
  public _pipelineTaskAttribution(_finding: Finding, _pipelineTask: { readonly name: string }): Attribution | undefined {
    return undefined;
  }

  /**
   * Adds a check run at synth, whose refusals are this task's.
   * @internal
   */
  public _checkAtSynth(run: () => RefusalOptions[]): void {
    this.policy.check(run);
  }

  /** Where the Task's runs look its steps' StepActions up: the Task's namespace and those of the pipelines that embed its spec. */
  private holders(): Array<{ holder: string; namespace: string | undefined }> {
    const task = notWritten(this.apiObject, this) === undefined ? this.apiObject.toJson() : undefined;
    const holders: Array<{ holder: string; namespace: string | undefined }> = [
      ...(task !== undefined ? [{ holder: 'Task', namespace: task.metadata?.namespace as string | undefined }] : []),
      ...this._runBy.flatMap((t) => (t.embeddedIn ? [{ holder: 'embedding pipeline', namespace: t.embeddedIn() }] : [])),
    ];
    if (holders.length === 0) holders.push({ holder: 'Task', namespace: Chart.of(this).namespace });
    return holders;
  }

  /**
   * A step's `ref: { name }` runs whatever StepAction of that name the run's namespace holds
   * when the run starts: the app must write the SecureStepAction's StepAction, with that
   * name, in the namespace of the Task written and of every pipeline that embeds its spec
   * (the Chart's, when there is neither).
   */
  private actionReferenceProblems(step: StepProps, action: SecureStepAction,
    given?: ReadonlyArray<{ readonly holder: string; readonly namespace: string | undefined }>): RefusalOptions[] {
    const holders = given ? [...given] : this.holders();
    const actionPath = action.node.path;
    const actionChart = Chart.of(action);
    let unwritten: ReturnType<typeof unwrittenReference>;
    let namespace: string | undefined;
    for (const h of holders) {
      namespace = h.namespace;
      unwritten = unwrittenReference({
        construct: 'SecureStepAction',
        kind: 'StepAction',
        path: actionPath,
        name: action.name,
        apiObject: action.apiObject,
        chartNamespace: actionChart.namespace,
        holder: h.holder,
        namespace,
      }, this);
      if (unwritten !== undefined) break;
    }
    if (unwritten === undefined) return [];
    return [{
      location: `step '${step.name}'`,
      property: 'action',
      value: action.name,
      problem: `runs StepAction '${action.name}' of SecureStepAction '${actionPath}', but ${unwritten.reason}: the step's ref runs whatever StepAction '${action.name}' `
        + `the run's namespace${namespace !== undefined ? ` '${namespace}'` : ''} holds when the run starts`,
      rule: RuleId.VALID_REFERENCE,
      fix: unwritten.fix,
    }];
  }

  /**
   * A step that runs a StepAction sets nothing Tekton refuses beside a `ref`
   * (image, script, command, args, env, workingDir), passes only params the
   * StepAction declares, and every param it requires; a sidecar cannot run one.
   */
  private checkActionStep(step: StepProps, role: 'step' | 'sidecar', location: string): void {
    const action = step.action!;
    if (role === 'sidecar') {
      throw this.error({ property: 'action', value: action.name, problem: 'is set on a sidecar: only steps run StepActions', rule: RuleId.VALID_SPEC, fix: 'Run the StepAction as a step.', location });
    }
    if (step.mountScratch === false) {
      throw this.error({
        property: 'mountScratch',
        value: 'false',
        problem: `is set on a step that runs StepAction '${action.name}': a StepAction mounts no volumes of its own, so the stepTemplate mounts /tmp and $HOME into it`,
        rule: RuleId.VALID_SPEC,
        fix: 'Remove mountScratch from the step.',
        location,
      });
    }
    const own = (['image', 'script', 'command', 'args', 'env', 'workingDir'] as const).find((k) => step[k] !== undefined);
    if (own !== undefined) {
      throw this.error({
        property: own,
        value: Array.isArray(step[own]) ? (step[own] as string[]).join(' ') : typeof step[own] === 'object' ? Object.keys(step[own] as object).join(', ') : String(step[own]),
        problem: `is set beside action '${action.name}': the StepAction defines it`,
        rule: RuleId.VALID_SPEC,
        fix: 'Remove it from the step, or pass the value as one of the StepAction\'s params (actionParameters).',
        location,
      });
    }
    const given = step.actionParameters ?? {};
    for (const [name, value] of Object.entries(given)) {
      if (!action.param(name)) {
        throw this.error({
          property: `actionParameters.${name}`,
          value,
          problem: `is not a param of StepAction '${action.name}'`,
          rule: RuleId.VALID_REFERENCE,
          fix: `Use one of: ${action.paramNames.join(', ') || '(none)'}.`,
          location,
        });
      }
      const refused = this.variableProblem(`actionParameters.${name}`, value, step.name) ?? this.paramUseProblem(step, `actionParameters.${name}`, value);
      if (refused) throw this.error({ ...refused, location });
      for (const ref of findReferences(value)) {
        if (ref.kind === 'params' && !this.param(ref.name)) {
          throw this.error({
            property: `actionParameters.${name}`,
            value: ref.text,
            problem: `references an undeclared param '${ref.name}'`,
            rule: RuleId.VALID_REFERENCE,
            fix: `Declare it (parameters: [{ name: '${ref.name}' }] in the SecureTask's props), or fix the name (the task declares ${declaredNames(this.params, 'param')}).`,
            location,
          });
        }
      }
    }
    const missing = action.paramNames.find((n) => given[n] === undefined && !hasDefault(action.param(n)!));
    if (missing !== undefined) {
      throw this.error({
        property: 'actionParameters',
        value: missing,
        problem: `is required by StepAction '${action.name}' but not passed`,
        rule: RuleId.VALID_REFERENCE,
        fix: `Pass it: actionParameters: { ${/^[A-Za-z_$][\w$]*$/.test(missing) ? missing : `'${missing}'`}: '<value>' }.`,
        location,
      });
    }
  }

  /** A first step that fails the task when a constrained string param or object value does not match. */
  private validationStep(image: string, dashChecked: ReadonlySet<string>): StepProps | undefined {
    const constrained = this.params.filter((p): p is TaskParam & { constraint: ParamConstraint } => !!p.constraint && typeOf(p) !== ParamType.ARRAY);
    if (constrained.length === 0) return undefined;
    const env: { [k: string]: string } = {};
    const checks: string[] = [];
    for (const p of constrained) {
      // an object param is checked value by value: $(params.<name>.<key>)
      const values: Array<[string, string]> = typeOf(p) === ParamType.OBJECT
        ? (p.properties ?? []).map((k) => [`${p.name}.${k}`, `$(params.${p.name}.${k})`])
        : [[p.name, p.name.includes('.') ? `$(params["${p.name}"])` : `$(params.${p.name})`]];
      for (const [label, reference] of values) {
        const base = `PARAM_${label.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
        let variable = env[base] === undefined ? base : `${base}_${checks.length}`;
        while (env[variable] !== undefined) variable = `${variable}_`;
        // a name with dots only in bracket notation: Tekton reads $(params.a.b) as key 'b' of param 'a'
        env[variable] = reference;
        const test = p.constraint.values
          ? `case "$${variable}" in ${p.constraint.values.map(shellQuote).join('|')}) ;; *) fail ${shellQuote(label)} ${shellQuote(p.constraint.description)} ;; esac`
          : `printf '%s' "$${variable}" | grep -Eq -e ${shellQuote(p.constraint.regex ?? '')} || fail ${shellQuote(label)} ${shellQuote(p.constraint.description)}`;
        checks.push([
          `[ "$(printf '%s' "$${variable}" | wc -l)" -eq 0 ] || fail ${shellQuote(label)} 'a single line'`,
          ...(dashChecked.has(p.name) ? [`case "$${variable}" in -*) fail ${shellQuote(label)} 'a value that does not start with "-"' ;; esac`] : []),
          ...(p.constraint._maxLength !== undefined
            ? [`[ "\${#${variable}}" -le ${p.constraint._maxLength} ] || fail ${shellQuote(label)} ${shellQuote(p.constraint.description)}`] : []),
          test,
        ].join('\n'));
      }
    }
    return {
      name: VALIDATE_PARAMS_STEP,
      image,
      env,
      resources: SMALL_STEP_RESOURCES,
      script: [
        '#!/bin/sh',
        'set -eu',
        'fail() { echo "param $1 must be $2" >&2; exit 1; }',
        ...checks,
      ].join('\n') + '\n',
    };
  }

  /**
   * For each array param, a step that writes its elements to
   * `/tmp/params/<name>`, one per line, after checking each is a single line
   * (and satisfies the constraint): the elements reach it as the positional
   * parameters of its script, which the shell never parses as code.
   */
  private arrayParamSteps(image: string, userSteps: ReadonlySet<string>): StepProps[] {
    const taken = new Set([...userSteps, VALIDATE_PARAMS_STEP]);
    return this.params.filter((p) => typeOf(p) === ParamType.ARRAY).map((p) => {
      const name = arrayParamStepName(p.name, taken);
      taken.add(name);
      const file = `${ARRAY_PARAMS_DIR}/${p.name}`;
      const length = p.constraint?._maxLength === undefined ? []
        : [`  [ "\${#e}" -le ${p.constraint._maxLength} ] || fail ${shellQuote(p.constraint.description)}`];
      const test = p.constraint === undefined ? []
        : p.constraint.values
          ? [`  case "$e" in ${p.constraint.values.map(shellQuote).join('|')}) ;; *) fail ${shellQuote(p.constraint.description)} ;; esac`]
          : [`  printf '%s' "$e" | grep -Eq -e ${shellQuote(p.constraint.regex ?? '')} || fail ${shellQuote(p.constraint.description)}`];
      return {
        name,
        image,
        args: [p.name.includes('.') ? `$(params["${p.name}"][*])` : `$(params.${p.name}[*])`],
        resources: SMALL_STEP_RESOURCES,
        script: [
          '#!/bin/sh',
          'set -eu',
          `fail() { echo "each element of param ${p.name.replace(/[^A-Za-z0-9_.-]/g, '')} must be $1" >&2; exit 1; }`,
          `mkdir -p ${ARRAY_PARAMS_DIR}`,
          `: > ${shellQuote(file)}`,
          'for e in "$@"; do',
          '  [ "$(printf \'%s\' "$e" | wc -l)" -eq 0 ] || fail \'a single line\'',
          ...length,
          ...test,
          `  printf '%s\\n' "$e" >> ${shellQuote(file)}`,
          'done',
        ].join('\n') + '\n',
      };
    });
  }
}

/**
 * The params each step or sidecar puts at the start of an argument
 * (`args: ['$(params.image)']`), by relaxation target.
 */
function leadingParams(steps: readonly StepProps[], sidecars: readonly StepProps[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [role, containers] of [['step', steps], ['sidecar', sidecars]] as const) {
    for (const c of containers) {
      const names = [...(c.command ?? []), ...(c.args ?? [])].flatMap((text) => {
        const first = untrustedSubstitutions(text)[0];
        const ref = first && first.index === 0 && !first.expands ? findReferences(first.text)[0] : undefined;
        return ref?.kind === 'params' && ref.text === `$(params.${ref.name})` ? [ref.name] : [];
      });
      out.set(`${role}/${c.name}`, [...new Set(names)]);
    }
  }
  return out;
}

/** The parts of a task spec the validation of its params rests on, each as canonical JSON. */
interface ValidationParts {
  /** The `validate-params` step. */
  readonly step: string;
  /** The step template every step runs with. */
  readonly stepTemplate: string;
  /** Each param's declaration (its type, enum and default), by name. */
  readonly params: ReadonlyMap<string, string>;
}

function canonicalValidation(spec: any): ValidationParts {
  const steps = asArray(spec?.steps).filter((st) => st?.name === VALIDATE_PARAMS_STEP);
  return {
    step: steps.length === 1 ? canonical(steps[0]) : '',
    stepTemplate: canonical(spec?.stepTemplate),
    params: new Map(asArray(spec?.params).filter((p) => typeof p?.name === 'string').map((p) => [p.name as string, canonical(p)])),
  };
}

/**
 * Whether a Task as written still validates `names` as the SecureTask emitted it, before the
 * step `target`: the same single `validate-params` step and step template, each param
 * declared once and exactly as emitted, and the validation step before the target step.
 */
function validatedAsEmitted(json: any, target: string, names: readonly string[], emitted: ValidationParts): boolean {
  const spec = json?.spec;
  const written = canonicalValidation(spec);
  if (emitted.step === '' || written.step !== emitted.step || written.stepTemplate !== emitted.stepTemplate) return false;
  const params = asArray(spec?.params);
  if (!names.every((n) => params.filter((p) => p?.name === n).length === 1 && written.params.get(n) === emitted.params.get(n))) return false;
  const steps = asArray(spec?.steps).map((st) => st?.name);
  const [role, name] = target.split('/');
  return role === 'step' && steps.indexOf(VALIDATE_PARAMS_STEP) < steps.indexOf(name);
}

/** Quotes a string for POSIX sh. */
function shellQuote(s: string): string {
  return `'${s.replace(/'/g, '\'\\\'\'')}'`;
}

/** The names a task declares, quoted, for a fix (`'a', 'b'`), or `no <noun>`. */
function declaredNames(declared: ReadonlyArray<{ readonly name: string }>, noun: string): string {
  return declared.map((d) => `'${d.name}'`).join(', ') || `no ${noun}`;
}
