/**
 * Walks the containers of Tekton objects so that container rules can be written
 * once: Tasks, TaskRuns, Pipelines, PipelineRuns and StepActions, v1 and v1beta1,
 * with embedded task specs and pipeline specs at any depth (a pipeline task's
 * `taskSpec`, the `spec` of an embedded custom task, and a pipeline task's own
 * `pipelineSpec`).
 */
import { strategyTaskSpec } from './build-strategies';
import { NON_ROOT_ID } from './defaults';
import { buildTaskRun } from './shipwright-builds';
import { chosenWorkspacePaths } from './substitutions';
import { jsString } from './text';

/** One container as a rule sees it. */
export interface ContainerView {
  /** `step`, `sidecar` or `stepTemplate`. */
  readonly role: 'step' | 'sidecar' | 'stepTemplate';
  /** The container's name (`stepTemplate` for the template). */
  readonly name: string;
  /**
   * How findings and relaxation targets name it, computed once here (stepDesignation, sidecarDesignation): a step's name, or
   * `unnamed-<index>` for a step without one, as Tekton names its container `step-unnamed-<index>`; a sidecar's name, or
   * `unnamed-<index>` for one without (Tekton's container `sidecar-` is no name the API server takes); `stepTemplate`; a
   * StepAction's name.
   */
  readonly designation: string;
  /**
   * The target of the task spec it belongs to, which `target` continues with `<role>/<designation>`: `''` for an object's own
   * spec (a Task, a TaskRun's taskSpec, a build strategy), `task/<name>/` for a pipeline task's embedded one.
   */
  readonly specTarget: string;
  /** Its relaxation target, e.g. `step/compile` or `task/build/step/compile` (see targets.ts): `specTarget`, then `<role>/<designation>`. */
  readonly target: string;
  /** For messages, e.g. `task 'build' step 'compile'`. */
  readonly location: string;
  /** The container as written. */
  readonly container: any;
  /**
   * The container as Tekton runs it: for a step, the stepTemplate merged under
   * the step as Tekton merges them (see mergeTemplate: the step wins at every depth,
   * where Go's JSON writes its value); a step or stepTemplate without `ports`, which
   * never reach the pod (see withoutPorts).
   */
  readonly effective: any;
  /** `spec.volumes` of the task the container belongs to. */
  readonly volumes: any[];
  /**
   * The task spec the container belongs to, as written (its `workspaces`, steps and sidecars: where Tekton mounts each
   * workspace). @default - none: a StepAction or a build strategy's step
   */
  readonly taskSpec?: any;
  /** `spec.params` of the task (or StepAction) the container belongs to, as declared. */
  readonly params: any[];
  /**
   * Whether the params are a StepAction's: Tekton checks a param's `enum` against the values
   * of Tasks' and Pipelines' runs only, never against what a step passes to its StepAction.
   */
  readonly stepActionParams?: boolean;
  /** Where the container is in the manifest, as a JSON path (`spec.steps[0]`, `spec.tasks[1].taskSpec.sidecars[0]`). */
  readonly path: string;
  /** For a step, the JSON path of the stepTemplate merged under it (undefined when there is none). */
  readonly templatePath?: string;
  /**
   * For a step, the stepTemplate merged under it, as written.
   * @default - none
   */
  readonly template?: any;
  /**
   * For a step that runs a StepAction (`ref`), the securityContext it runs with as far as
   * the Task decides it: Tekton puts the StepAction's securityContext in place of the
   * step's, then merges the stepTemplate under it, and the pod's applies under both. The
   * StepAction's own values are judged on the StepAction; here each field the StepAction
   * may leave unset is the stepTemplate's, else the pod's, else one that passes every
   * container rule. Undefined when neither the stepTemplate nor the pod sets a field.
   */
  readonly underStepAction?: any;
  /**
   * The task's workspaces whose `$(workspaces.<w>.path)` a caller can choose (a mount path
   * that holds a param; see substitutions.ts `chosenWorkspacePaths`).
   * @default - none
   */
  readonly chosenWorkspacePaths?: ReadonlySet<string>;
  /**
   * Whether `volumes` are the ones the container runs with: not for a StepAction,
   * whose volumes come from the Task that uses it.
   */
  readonly volumesKnown: boolean;
  /**
   * For a container of a task spec embedded in a pipeline task (`taskSpec`), the pipeline
   * task and the pipeline spec and run around it: Tekton substitutes the run's params into
   * such a spec before it checks any of the task's params (see param-enums.ts).
   * @default - none: a Task, a TaskRun's taskSpec or a StepAction
   */
  readonly pipelineTask?: PipelineTaskContext;
  /**
   * For a container of a TaskRun's own `taskSpec`, the TaskRun's `params`: the values its run
   * is given, fixed when it is created.
   * @default - none: not a TaskRun's own taskSpec
   */
  readonly taskRunParams?: any[];
  /**
   * For a step of a Shipwright build strategy (build-strategies.ts), the params whose value its
   * controller gives (`{ name, value, source }`): every other param's is a Build's or BuildRun's.
   * @default - none: not a build strategy's step
   */
  readonly controllerParams?: any[];
}

/** The pipeline task a task spec is embedded in, with the pipeline spec and run around it. */
export interface PipelineTaskContext {
  /** The pipeline task whose `taskSpec` holds the spec. */
  readonly task: any;
  /** `params` of the pipeline spec the task is in, as declared. */
  readonly pipelineParams: any[];
  /**
   * The params the run of that pipeline spec gives: a PipelineRun's own `params` for its
   * pipelineSpec, the parent pipeline task's `params` for a pipeline task's own pipelineSpec
   * (Tekton's child PipelineRun gets exactly those). Undefined for a Pipeline, which any
   * PipelineRun may give any param, declared or not.
   */
  readonly runParams?: any[];
  /**
   * Whether the spec is a custom task's (`taskSpec.spec`), whose params Tekton never checks
   * (its controller reads them).
   */
  readonly customTask: boolean;
}

/** A task spec inside a manifest, with the prefixes of its containers' locations and targets. */
export interface EmbeddedSpec {
  readonly prefix: string;
  readonly targetPrefix: string;
  readonly spec: any;
  /** Where the spec is in the manifest, as a JSON path (`spec`, `spec.taskSpec`, `spec.tasks[1].taskSpec`). */
  readonly path: string;
  /**
   * The pod-level securityContext the run in the same manifest gives the spec's pod (a
   * TaskRun's `podTemplate`; a PipelineRun's per-task or run-wide one for the tasks of its
   * own pipelineSpec). Undefined when the manifest does not run the spec itself.
   */
  readonly podSecurityContext?: any;
  /** For a spec embedded in a pipeline task, that task and the pipeline spec and run around it. */
  readonly pipelineTask?: PipelineTaskContext;
  /** For a TaskRun's own taskSpec, the TaskRun's params. */
  readonly taskRunParams?: any[];
  /** For the task spec of a Shipwright Build's run, the params whose value its controller gives (ContainerView's). */
  readonly controllerParams?: any[];
}

/**
 * The fields of a pod's securityContext that Kubernetes applies to every container that
 * does not set them itself (PodSecurityContext; the container's own value wins).
 */
const POD_LEVEL_CONTAINER_FIELDS = ['runAsNonRoot', 'runAsUser', 'runAsGroup', 'seccompProfile'] as const;

/** Task specs inside a manifest, with a location prefix for messages (computed once per evaluation, as container views are). */
export function taskSpecsOf(manifest: any): EmbeddedSpec[] {
  if (manifest === null || typeof manifest !== 'object') return [];
  const cached = specCache?.get(manifest);
  if (cached) return cached;
  const out = collectTaskSpecs(manifest);
  specCache?.set(manifest, out);
  return out;
}

function collectTaskSpecs(manifest: any): EmbeddedSpec[] {
  const spec = manifest?.spec;
  // a Shipwright Build or BuildRun whose strategy is checked with it: the task spec of the TaskRun its controller creates
  const build = buildTaskRun(manifest, inputManifests);
  if (build !== undefined) {
    const { taskRunParams, controllerParams } = build;
    return [{
      prefix: `strategy ${build.strategy} `,
      // the step's target as in the strategy (`step/<name>`): a Build's annotations relax its run's step by it
      targetPrefix: '',
      spec: build.spec,
      path: 'spec.strategy',
      ...(taskRunParams !== undefined ? { taskRunParams } : {}),
      ...(controllerParams !== undefined ? { controllerParams } : {}),
    }];
  }
  // a PipelineLoop's pipelineSpec runs as a Pipeline's does, its params the CustomRun's
  const loop = loopPipelineSpec(manifest);
  if (loop !== undefined) return embeddedTaskSpecs(loop, 'spec.pipelineSpec', undefined);
  if (!isObject(spec) || !isTekton(manifest)) return [];
  switch (manifest.kind) {
    case 'Task':
      return [{ prefix: '', targetPrefix: '', spec, path: 'spec' }];
    case 'TaskRun':
      return isObject(spec.taskSpec) ? [{ prefix: '', targetPrefix: '', spec: spec.taskSpec, path: 'spec.taskSpec', podSecurityContext: objectOrUndefined(spec.podTemplate?.securityContext), taskRunParams: asArray(spec.params) }] : [];
    case 'Pipeline':
      return embeddedTaskSpecs(spec, 'spec', undefined);
    case 'PipelineRun':
      return isObject(spec.pipelineSpec)
        ? embeddedTaskSpecs(spec.pipelineSpec, 'spec.pipelineSpec', asArray(spec.params)).map((e) => ({ ...e, podSecurityContext: runPodSecurityContext(spec, e) }))
        : [];
    default:
      return [];
  }
}

/** Whether a manifest is a Tekton object (any version of tekton.dev, or no apiVersion). */
export function isTekton(manifest: any): boolean {
  const apiVersion = manifest?.apiVersion;
  return apiVersion === undefined || (typeof apiVersion === 'string' && /^tekton\.dev\//.test(apiVersion));
}

/** The API group of an `apiVersion` (`tekton.dev/v1` and `tekton.dev/v1beta1` are one group; `v1` is the core group ''). */
export function apiGroupOf(apiVersion: unknown): string {
  const v = jsString(apiVersion ?? '');
  return v.includes('/') ? v.slice(0, v.indexOf('/')) : '';
}

/**
 * Whether an `apiVersion` is the core group's v1 as kubectl and the API server read it: `v1`, or `/v1` (apimachinery's
 * ParseGroupVersion takes what is before the one `/` as the group, here empty, and the API server admits a core object so).
 */
export function isCoreV1(apiVersion: unknown): boolean {
  return apiVersion === 'v1' || apiVersion === '/v1';
}

/** A JSON object: not null, not an array. */
export function isObject(x: unknown): x is Record<string, any> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

function objectOrUndefined(x: any): any {
  return isObject(x) ? x : undefined;
}

/**
 * The pod securityContext a PipelineRun gives a task of its own pipelineSpec (not of a
 * nested pipelineSpec): the per-task template's (`taskRunSpecs[].podTemplate`, v1beta1
 * `taskPodTemplate`) when it sets one, as it replaces the run-wide one whole, else the
 * run-wide one (`taskRunTemplate.podTemplate`, v1beta1 `podTemplate`).
 */
function runPodSecurityContext(runSpec: any, embedded: EmbeddedSpec): any {
  const m = /^task\/([^/]*)\/$/.exec(embedded.targetPrefix);
  if (!m) return undefined;
  const perTask = asArray(runSpec.taskRunSpecs).filter((t) => isObject(t) && t.pipelineTaskName === m[1]);
  for (const t of perTask.reverse()) {
    const sc = t.podTemplate?.securityContext ?? t.taskPodTemplate?.securityContext;
    if (sc !== undefined) return objectOrUndefined(sc);
  }
  const runWide = runSpec.taskRunTemplate === undefined && runSpec.podTemplate !== undefined
    ? runSpec.podTemplate
    : runSpec.taskRunTemplate?.podTemplate;
  return objectOrUndefined(runWide?.securityContext);
}

/** A container with the pod-level fields Kubernetes applies to it merged under its own securityContext. */
export function withPodLevel(pod: any, container: any): any {
  if (!pod || !isObject(container)) return container;
  const inherited = podLevelFields(pod);
  if (Object.keys(inherited).length === 0) return container;
  const own = isObject(container.securityContext) ? container.securityContext : {};
  // a null is no value to the API server (a nil pointer): the pod's value applies
  const set = Object.fromEntries(Object.entries(own).filter(([k, v]) => v !== null || !(k in inherited)));
  return { ...container, securityContext: { ...inherited, ...set } };
}

/** The fields of a pod's securityContext that Kubernetes applies to its containers, those it sets. */
function podLevelFields(pod: any): any {
  const fields: any = {};
  if (isObject(pod)) for (const f of POD_LEVEL_CONTAINER_FIELDS) if (pod[f] !== undefined && pod[f] !== null) fields[f] = pod[f];
  return fields;
}

/** A securityContext that passes every container rule: what a StepAction is assumed to set where neither the stepTemplate nor the pod does. */
const PASSING_SECURITY_CONTEXT = {
  runAsNonRoot: true,
  runAsUser: NON_ROOT_ID,
  allowPrivilegeEscalation: false,
  privileged: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
};

/**
 * The securityContext a step that runs a StepAction is judged with where the Task decides
 * it: `underStepAction`'s, or one that passes every container rule when neither the
 * stepTemplate nor the pod sets a field (the StepAction's own values are judged on it).
 */
export function stepActionStepSecurity(view: ContainerView): any {
  return view.underStepAction?.securityContext ?? { ...PASSING_SECURITY_CONTEXT };
}

/** See `ContainerView.underStepAction`: the stepTemplate's securityContext over the pod's over a passing one, if either sets a field. */
function securityUnderStepAction(template: any, pod: any): any {
  const fromTemplate = isObject(template) && isObject(template.securityContext) ? template.securityContext : undefined;
  const fromPod = podLevelFields(pod);
  if (fromTemplate === undefined && Object.keys(fromPod).length === 0) return undefined;
  // a null field is unset (Go leaves it out, so the value under it stays)
  return { securityContext: mergeSecurityContext(mergeSecurityContext(PASSING_SECURITY_CONTEXT, fromPod), fromTemplate) };
}

/** A pipeline spec in a manifest: its own, or one embedded in a pipeline task (to any depth). */
export interface PipelineSpecPlace {
  /** The location prefix for messages (`task 'a' `, empty at the top). */
  readonly prefix: string;
  /** The target prefix for relaxations (`task/a/`, empty at the top). */
  readonly targetPrefix: string;
  readonly spec: any;
  /** Where the spec is in the manifest, as a JSON path (`spec`, `spec.tasks[0].pipelineSpec`). */
  readonly path: string;
  /**
   * The params the run of the spec gives (see `PipelineTaskContext.runParams`): undefined
   * when any run may give any.
   */
  readonly runParams?: any[];
}

/** A pipeline task, with where it is. */
interface PipelineTaskPlace {
  readonly task: any;
  /** The pipeline spec the task is in. */
  readonly place: PipelineSpecPlace;
  /** `task 'a' `, after the prefix of its pipeline spec. */
  readonly prefix: string;
  /** `task/a/`, after the target prefix of its pipeline spec. */
  readonly targetPrefix: string;
  /** e.g. `spec.tasks[0]`, `spec.finally[1]`. */
  readonly path: string;
}

/**
 * Walks a pipeline spec and the specs embedded in its tasks, to any depth (Tekton sets
 * none), in the order they are written: `onSpec` for each spec before its tasks, `onTask`
 * for each task before the spec embedded in it. A spec that holds itself (possible in
 * JavaScript, never in YAML) is walked once.
 */
function walkPipelineSpec(
  place: PipelineSpecPlace,
  within: ReadonlySet<any>,
  onSpec: ((s: PipelineSpecPlace) => void) | undefined,
  onTask: ((t: PipelineTaskPlace) => void) | undefined,
): void {
  const { spec, prefix, targetPrefix, path } = place;
  onSpec?.(place);
  const tasks = [
    ...asArray(spec?.tasks).map((task, i) => ({ task, path: `${path}.tasks[${i}]` })),
    ...asArray(spec?.finally).map((task, i) => ({ task, path: `${path}.finally[${i}]` })),
  ];
  for (const { task, path: taskPath } of tasks) {
    if (!isObject(task)) continue;
    const at = { task, place, prefix: `${prefix}task '${jsString(task.name)}' `, targetPrefix: `${targetPrefix}task/${jsString(task.name)}/`, path: taskPath };
    onTask?.(at);
    const nested = task.pipelineSpec;
    if (isObject(nested) && !within.has(nested)) {
      // Tekton's child PipelineRun is given the pipeline task's params, and only those
      const nestedPlace = { spec: nested, prefix: at.prefix, targetPrefix: at.targetPrefix, path: `${taskPath}.pipelineSpec`, runParams: asArray(task.params) };
      walkPipelineSpec(nestedPlace, new Set([...within, nested]), onSpec, onTask);
    }
    // a PipelineLoop custom task: its controller runs the pipelineSpec as the PipelineRun of each iteration, with params of its choosing
    const loop = loopPipelineSpec(task.taskSpec);
    if (loop !== undefined && !within.has(loop)) {
      const loopPlace = { spec: loop, prefix: at.prefix, targetPrefix: at.targetPrefix, path: `${taskPath}.taskSpec.spec.pipelineSpec` };
      walkPipelineSpec(loopPlace, new Set([...within, loop]), onSpec, onTask);
    }
  }
}

/** The API group of kfp-tekton's PipelineLoop custom task (tekton-catalog/pipeline-loops). */
const PIPELINE_LOOP_GROUP = 'custom.tekton.dev';

/**
 * The pipelineSpec of a PipelineLoop (kubeflow kfp-tekton's custom task, `custom.tekton.dev`): an object of
 * that kind, or an embedded custom task spec (`apiVersion`, `kind` and `spec` of a pipeline task's
 * taskSpec). Its controller creates a `tekton.dev/v1` PipelineRun of that pipelineSpec for each
 * iteration, with the CustomRun's params (one element of the iterated one), its pod template,
 * ServiceAccount, workspaces and taskRunSpecs; undefined for anything else.
 */
export function loopPipelineSpec(x: unknown): any {
  if (!isPipelineLoop(x)) return undefined;
  return isObject(x.spec.pipelineSpec) ? x.spec.pipelineSpec : undefined;
}

/** Whether `x` is a PipelineLoop of kfp-tekton (`custom.tekton.dev`), an object or an embedded custom task spec, with a `spec` mapping. */
export function isPipelineLoop(x: unknown): x is { spec: Record<string, any>; [k: string]: any } {
  return isObject(x) && x.kind === 'PipelineLoop' && apiGroupOf(x.apiVersion) === PIPELINE_LOOP_GROUP && isObject(x.spec);
}

/** A PipelineLoop in a manifest: the object itself, or one embedded as a pipeline task's custom task spec (to any depth). */
export interface PipelineLoopPlace {
  /** The loop (`apiVersion`, `kind`, `metadata`, `spec`). */
  readonly loop: { spec: Record<string, any>; [k: string]: any };
  /** Where the loop is in the manifest, as a JSON path: '' for the object, `spec.tasks[0].taskSpec` for an embedded one. */
  readonly path: string;
  /** The location prefix for messages (`task 'loop' `, empty for the object). */
  readonly prefix: string;
  /** The target prefix for relaxations (`task/loop/`, empty for the object). */
  readonly targetPrefix: string;
}

/**
 * Every PipelineLoop a manifest holds, in document order: a PipelineLoop object and the loops in its pipelineSpec, or
 * the loops embedded in a Pipeline's or PipelineRun's pipeline spec (and the pipeline specs in its tasks). Anything
 * else holds none (one kind test); found once per manifest while one evaluation runs, as container views are.
 */
export function pipelineLoopsOf(manifest: any): PipelineLoopPlace[] {
  const kind = manifest?.kind;
  if (kind !== 'PipelineLoop' && kind !== 'Pipeline' && kind !== 'PipelineRun') return [];
  const cached = loopCache?.get(manifest);
  if (cached) return cached;
  const out: PipelineLoopPlace[] = [];
  const spec = manifest.spec;
  let top: { spec: any; path: string } | undefined;
  if (isPipelineLoop(manifest)) {
    out.push({ loop: manifest, path: '', prefix: '', targetPrefix: '' });
    if (isObject(spec.pipelineSpec)) top = { spec: spec.pipelineSpec, path: 'spec.pipelineSpec' };
  } else if (isObject(spec) && isTekton(manifest)) {
    top = kind === 'Pipeline' ? { spec, path: 'spec' } : isObject(spec.pipelineSpec) ? { spec: spec.pipelineSpec, path: 'spec.pipelineSpec' } : undefined;
  }
  if (top !== undefined) {
    walkPipelineSpec({ ...top, prefix: '', targetPrefix: '' }, new Set([top.spec]), undefined, ({ task, prefix, targetPrefix, path }) => {
      if (isPipelineLoop(task.taskSpec)) out.push({ loop: task.taskSpec, path: `${path}.taskSpec`, prefix, targetPrefix });
    });
  }
  loopCache?.set(manifest, out);
  return out;
}

/** The manifest's pipeline spec (a Pipeline's, a PipelineRun's embedded one, a PipelineLoop's) and every pipeline spec embedded in its tasks, in document order. */
export function pipelineSpecsOf(manifest: any): PipelineSpecPlace[] {
  if (manifest === null || typeof manifest !== 'object') return [];
  const cached = pipelineSpecCache?.get(manifest);
  if (cached) return cached;
  const out = collectPipelineSpecs(manifest);
  pipelineSpecCache?.set(manifest, out);
  return out;
}

function collectPipelineSpecs(manifest: any): PipelineSpecPlace[] {
  const loop = loopPipelineSpec(manifest);
  if (loop !== undefined) {
    const out: PipelineSpecPlace[] = [];
    walkPipelineSpec({ spec: loop, path: 'spec.pipelineSpec', prefix: '', targetPrefix: '' }, new Set([loop]), (p) => out.push(p), undefined);
    return out;
  }
  if (!isObject(manifest) || !isObject(manifest.spec) || !isTekton(manifest)) return [];
  const top = manifest.kind === 'Pipeline' ? { spec: manifest.spec, path: 'spec' }
    : manifest.kind === 'PipelineRun' && isObject(manifest.spec.pipelineSpec) ? { spec: manifest.spec.pipelineSpec, path: 'spec.pipelineSpec', runParams: asArray(manifest.spec.params) }
      : undefined;
  if (top === undefined) return [];
  const out: PipelineSpecPlace[] = [];
  walkPipelineSpec({ ...top, prefix: '', targetPrefix: '' }, new Set([top.spec]), (p) => out.push(p), undefined);
  return out;
}

/**
 * The task specs embedded in a pipeline spec's tasks (a `taskSpec`, and the `spec` inside one), to any depth, in document order.
 * @param runParams the params the run of the pipeline spec gives (a PipelineRun's), undefined when any run may give any
 */
function embeddedTaskSpecs(pipelineSpec: any, path: string, runParams: any[] | undefined): EmbeddedSpec[] {
  const out: EmbeddedSpec[] = [];
  const top = { spec: pipelineSpec, prefix: '', targetPrefix: '', path, ...(runParams !== undefined ? { runParams } : {}) };
  walkPipelineSpec(top, new Set([pipelineSpec]), undefined, ({ task, place, prefix, targetPrefix, path: taskPath }) => {
    if (!isObject(task.taskSpec)) return;
    const context = (customTask: boolean): PipelineTaskContext => ({
      task,
      pipelineParams: asArray(place.spec?.params),
      ...(place.runParams !== undefined ? { runParams: place.runParams } : {}),
      customTask,
    });
    out.push({ prefix, targetPrefix, spec: task.taskSpec, path: `${taskPath}.taskSpec`, pipelineTask: context(false) });
    if (isObject(task.taskSpec.spec)) out.push({ prefix, targetPrefix, spec: task.taskSpec.spec, path: `${taskPath}.taskSpec.spec`, pipelineTask: context(true) });
  });
  return out;
}

/**
 * Container views of the manifest being evaluated: about ten rules read them for each
 * manifest. Only kept while one evaluation runs (see `evaluatingOnce`), so a manifest
 * changed between two evaluations is never judged on stale views.
 */
let cache: WeakMap<object, ContainerView[]> | undefined;
/** The task specs of the manifests being evaluated, kept as `cache` is. */
let specCache: WeakMap<object, EmbeddedSpec[]> | undefined;
/** The PipelineLoops of the manifests being evaluated, kept as `cache` is. */
let loopCache: WeakMap<object, PipelineLoopPlace[]> | undefined;
/** The pipeline specs of the manifests being evaluated, kept as `cache` is. */
let pipelineSpecCache: WeakMap<object, PipelineSpecPlace[]> | undefined;

/** The manifests checked together, for the readers that join one object with another (a Shipwright Build with its strategy). */
let inputManifests: readonly any[] | undefined;

/**
 * Runs `f` (every rule on one manifest) with the container views and task specs computed once;
 * `manifests`, the objects checked together, let a Shipwright Build be read with its strategy.
 */
export function evaluatingOnce<T>(f: () => T, manifests?: readonly any[]): T {
  const outerInput = inputManifests;
  if (manifests !== undefined) inputManifests = manifests;
  const outer = cache;
  const outerSpecs = specCache;
  const outerLoops = loopCache;
  const outerPipelineSpecs = pipelineSpecCache;
  cache = outer ?? new WeakMap();
  specCache = outerSpecs ?? new WeakMap();
  loopCache = outerLoops ?? new WeakMap();
  pipelineSpecCache = outerPipelineSpecs ?? new WeakMap();
  try {
    return f();
  } finally {
    cache = outer;
    specCache = outerSpecs;
    loopCache = outerLoops;
    pipelineSpecCache = outerPipelineSpecs;
    inputManifests = outerInput;
  }
}

/** The manifests checked together in the evaluation under way (evaluatingOnce), undefined outside one or for an object checked alone. */
export function manifestsCheckedTogether(): readonly any[] | undefined {
  return inputManifests;
}

/**
 * The build strategy a Shipwright Build or BuildRun is read with among the manifests checked together
 * (shipwright-builds.ts); undefined for anything else.
 */
export function shipwrightStrategyOf(manifest: any): any {
  return buildTaskRun(manifest, inputManifests)?.strategyManifest;
}

/**
 * The names of the volumes of a Shipwright Build's or BuildRun's run (read with its strategy among the manifests checked
 * together) whose source it replaces with one other than the strategy's (an overridable volume); empty for anything else.
 */
export function shipwrightReplacedVolumes(manifest: any): readonly string[] {
  return buildTaskRun(manifest, inputManifests)?.replacedVolumes ?? [];
}

/**
 * How findings and relaxation targets name step `i` of a list: its name, or for a step without one
 * `unnamed-<i>`, as Tekton names its container (`step-unnamed-<i>`, the index from 0), so that each
 * unnamed step is told apart from the others and a relaxation can name it (`step/unnamed-1`). A reader of containers takes
 * the view's `designation` (containersOf, stepViewsBySpec), computed here once.
 */
export function stepDesignation(step: any, i: number): string {
  const name = step?.name ?? '';
  return name !== '' ? jsString(name) : `unnamed-${i}`;
}

/**
 * How findings and relaxation targets name sidecar `i` of a list: its name, as Tekton names its container `sidecar-<name>`
 * (pod.go, through RestrictLength: cut to 63 characters, then any last characters that are no letter or digit dropped).
 * Tekton admits a sidecar without a name (its validation checks only the reserved results sidecar's name, the image and
 * script with command) and names its container `sidecar`, the same for each such sidecar (two of them make the API server
 * refuse the pod: two containers of one name). That name holds nothing of the sidecar's own, so it is `unnamed-<i>` here,
 * as an unnamed step is, that each is told apart and a relaxation can name it (`sidecar/unnamed-0`).
 */
export function sidecarDesignation(sidecar: any, i: number): string {
  return stepDesignation(sidecar, i);
}

/** viewsBySpec's answers, by the views they are read from: kept as long as containersOf keeps those (one evaluation). */
const bySpecCache = new WeakMap<readonly ContainerView[], ReadonlyMap<any, readonly ContainerView[]>>();

/**
 * The container views of each task spec of `manifest` (containersOf), by the task spec as written (its stepTemplate, steps and
 * sidecars, in that order): for readers that walk a manifest's specs themselves and name a container as the views do. A spec
 * reached at two places (a YAML alias) has the views of the first.
 */
export function viewsBySpec(manifest: any): ReadonlyMap<any, readonly ContainerView[]> {
  const all = containersOf(manifest);
  const cached = bySpecCache.get(all);
  if (cached !== undefined) return cached;
  const out = new Map<any, ContainerView[]>();
  bySpecCache.set(all, out);
  const place = new Map<any, string>();
  for (const v of all) {
    if (v.taskSpec === undefined) continue;
    const at = v.path.replace(/\.(?:steps|sidecars)\[\d+\]$|\.stepTemplate$/, '');
    const first = place.get(v.taskSpec);
    if (first === undefined) {
      place.set(v.taskSpec, at);
      out.set(v.taskSpec, [v]);
    } else if (first === at) {out.get(v.taskSpec)!.push(v);}
  }
  return out;
}

/** Every step, sidecar and stepTemplate in a manifest. */
export function containersOf(manifest: any): ContainerView[] {
  if (!manifest || typeof manifest !== 'object') return [];
  const cached = cache?.get(manifest);
  if (cached) return cached;
  const out = collectContainers(manifest);
  cache?.set(manifest, out);
  return out;
}

function collectContainers(manifest: any): ContainerView[] {
  const out: ContainerView[] = [];
  // a StepAction is one step, defined apart from the Task that runs it
  if (manifest.kind === 'StepAction' && isTekton(manifest) && isObject(manifest.spec)) {
    const name = jsString(manifest.metadata?.name ?? '');
    out.push({ role: 'step', name, designation: name, specTarget: '', target: `step/${name}`, location: `stepAction '${name}'`, container: manifest.spec, effective: manifest.spec, volumes: [], volumesKnown: false, params: asArray(manifest.spec.params), stepActionParams: true, path: 'spec' });
    return out;
  }
  // a Shipwright build strategy: its steps are those of the TaskRun its controller creates for each BuildRun
  const strategy = strategyTaskSpec(manifest);
  if (strategy !== undefined) {
    const { spec, stepsPath, effective, controllerParams } = strategy;
    // the strategy's runAsUser and runAsGroup apply under each step's as a stepTemplate's would: a finding on one is placed there
    const templatePath = isObject(manifest.spec.securityContext) ? { templatePath: 'spec' } : {};
    spec.steps.forEach((step, i) => {
      const name = jsString(step?.name ?? '');
      const designation = stepDesignation(step, i);
      out.push({
        role: 'step',
        name,
        designation,
        specTarget: '',
        target: `step/${designation}`,
        location: `step '${designation}'`,
        container: step,
        effective: effective[i],
        volumes: spec.volumes,
        volumesKnown: true,
        params: spec.params,
        path: `${stepsPath}[${i}]`,
        controllerParams,
        ...templatePath,
      });
    });
    return out;
  }
  for (const { prefix, targetPrefix, spec, path, podSecurityContext: pod, pipelineTask, taskRunParams, controllerParams } of taskSpecsOf(manifest)) {
    const embedded = {
      ...(pipelineTask !== undefined ? { pipelineTask } : {}),
      ...(taskRunParams !== undefined ? { taskRunParams } : {}),
      ...(controllerParams !== undefined ? { controllerParams } : {}),
    };
    const volumes = asArray(spec.volumes);
    const params = asArray(spec.params);
    const chosen = chosenWorkspacePaths(spec);
    const chosenWorkspaces = chosen.size > 0 ? { chosenWorkspacePaths: chosen } : {};
    const template = spec.stepTemplate;
    const templatePath = template ? `${path}.stepTemplate` : undefined;
    if (template) {
      out.push({ role: 'stepTemplate', name: 'stepTemplate', designation: 'stepTemplate', specTarget: targetPrefix, target: `${targetPrefix}stepTemplate`, location: `${prefix}stepTemplate`, container: template, effective: withoutPorts(template), volumes, taskSpec: spec, volumesKnown: true, params, path: `${path}.stepTemplate`, ...chosenWorkspaces, ...embedded });
    }
    asArray(spec.steps).forEach((step, i) => {
      const underStepAction = isObject(step) && isObject(step.ref) ? securityUnderStepAction(template, pod) : undefined;
      const designation = stepDesignation(step, i);
      out.push({
        role: 'step',
        name: step?.name ?? '',
        designation,
        specTarget: targetPrefix,
        target: `${targetPrefix}step/${designation}`,
        location: `${prefix}step '${designation}'`,
        container: step,
        effective: withoutPorts(withPodLevel(pod, mergeTemplate(template, step))),
        volumes,
        taskSpec: spec,
        volumesKnown: true,
        params,
        path: `${path}.steps[${i}]`,
        templatePath,
        ...(template ? { template } : {}),
        ...chosenWorkspaces,
        ...(underStepAction !== undefined ? { underStepAction } : {}),
        ...embedded,
      });
    });
    asArray(spec.sidecars).forEach((sidecar, i) => {
      const designation = sidecarDesignation(sidecar, i);
      out.push({ role: 'sidecar', name: sidecar?.name ?? '', designation, specTarget: targetPrefix, target: `${targetPrefix}sidecar/${designation}`, location: `${prefix}sidecar '${designation}'`, container: sidecar, effective: withPodLevel(pod, sidecar), volumes, taskSpec: spec, volumesKnown: true, params, path: `${path}.sidecars[${i}]`, ...chosenWorkspaces, ...embedded });
    });
  }
  return out;
}

/**
 * A step or stepTemplate without `ports`: Tekton's v1 Step and StepTemplate have none (the API
 * server prunes them), and v1beta1's are dropped when Tekton converts the object to v1, kept only
 * in its task-deprecations annotation (v1beta1 task_conversion.go), so no pod gets them. A
 * sidecar keeps its ports in both versions.
 */
function withoutPorts(container: any): any {
  if (!isObject(container) || !('ports' in container)) return container;
  const { ports: _ports, ...rest } = container;
  return rest;
}

/**
 * A step as Tekton merges the stepTemplate under it (`MergeStepsWithStepTemplate`): both are
 * written as the JSON Go writes for a corev1.Container and the step's is merged over the
 * template's at every depth (a strategic merge: objects field by field, env, volumeMounts and
 * volumeDevices by key, other lists whole). Go leaves out null and the zero value of an
 * `omitempty` field (`[]`, `""`, `false`, `{}` for a map), so the template's value stays under
 * those, and writes a field without `omitempty` always (see CONTAINER_FIELDS). The step alone
 * without a template.
 */
export function mergeTemplate(template: any, step: any): any {
  if (!template) return step;
  // the fields a Step has beyond a Container's (script, onError, ref ...) are the step's own; the template has none
  const own = isObject(step) ? Object.fromEntries(Object.entries(step).filter(([, v]) => v !== null && v !== '' && !(Array.isArray(v) && v.length === 0))) : step;
  const merged: any = { ...template, ...own };
  for (const [field, type] of CONTAINER_FIELD_TYPES) {
    const value = mergeWritten(goWritten(template[field], type), goWritten(step?.[field], type), type);
    if (value === LEFT_OUT) delete merged[field];
    else merged[field] = value;
  }
  return { ...merged, securityContext: merged.securityContext, env: merged.env ?? [], volumeMounts: merged.volumeMounts ?? [] };
}

/** Where the findings about a spec go: an embedded spec's location and target, none for the object's own. */
export function specPlace(spec: { readonly prefix: string; readonly targetPrefix: string }): { location?: string; target?: string } {
  if (spec.prefix === '') return {};
  // a Shipwright Build's run has a location but no target of its own (its steps' are the strategy's)
  return spec.targetPrefix === '' ? { location: spec.prefix.trim() } : { location: spec.prefix.trim(), target: spec.targetPrefix.replace(/\/$/, '') };
}

/** The string field `key` of a list entry, or undefined. */
const keyOf = (e: any, key: string): string | undefined => (isObject(e) && typeof e[key] === 'string' ? e[key] : undefined);

/**
 * How Go's encoding/json writes a field of the corev1 types a step shares with its stepTemplate
 * (k8s.io/api core/v1 types.go, v0.35 as Tekton v1.15 builds with it):
 * - `omitempty`: a string, slice, map or bool with `omitempty`: null and its zero value
 *   (`""`, `[]`, `{}`, `false`) are left out;
 * - `pointer`: a pointer with `omitempty`: only null is left out (`false`, `0`, `""` are values);
 * - `required`: a string without `omitempty`: always written, `""` when absent or null;
 * - `quantity`: a resource.Quantity (a struct, which `omitempty` never leaves out): `"0"` when absent;
 * - `map`: a map with `omitempty` whose entries merge one by one (ResourceList);
 * - a struct (a pointer, or a value such as ResourceRequirements): null is left out, its fields as they say;
 * - a list of structs with `omitempty`: `[]` is left out; merged by `key` (patchMergeKey) if it has one, else whole.
 */
type GoField = 'omitempty' | 'pointer' | 'required' | 'quantity' | 'map' | GoStruct | GoList;
interface GoStruct { readonly fields: { readonly [name: string]: GoField } }
interface GoList {
  readonly list: GoStruct;
  readonly key?: string;
  /** What Tekton makes of an entry merged by key, given the step's own (see mergeByKey). */
  readonly amend?: (merged: any, own: any) => any;
}

const KEY_SELECTOR: GoStruct = { fields: { name: 'omitempty', key: 'required', optional: 'pointer' } };
const ENV_VAR: GoStruct = {
  fields: {
    name: 'required',
    value: 'omitempty',
    valueFrom: {
      fields: {
        fieldRef: { fields: { apiVersion: 'omitempty', fieldPath: 'required' } },
        resourceFieldRef: { fields: { containerName: 'omitempty', resource: 'required', divisor: 'quantity' } },
        configMapKeyRef: KEY_SELECTOR,
        secretKeyRef: KEY_SELECTOR,
        fileKeyRef: { fields: { volumeName: 'required', path: 'required', key: 'required', optional: 'pointer' } },
      },
    },
  },
};
const ENV_SOURCE: GoStruct = { fields: { name: 'omitempty', optional: 'pointer' } };
const PROFILE: GoStruct = { fields: { type: 'required', localhostProfile: 'pointer' } };
const RESOURCES: GoStruct = { fields: { limits: 'map', requests: 'map', claims: { list: { fields: { name: 'required', request: 'omitempty' } } } } };
const SECURITY_CONTEXT: GoStruct = {
  fields: {
    capabilities: { fields: { add: 'omitempty', drop: 'omitempty' } },
    privileged: 'pointer',
    seLinuxOptions: { fields: { user: 'omitempty', role: 'omitempty', type: 'omitempty', level: 'omitempty' } },
    windowsOptions: { fields: { gmsaCredentialSpecName: 'pointer', gmsaCredentialSpec: 'pointer', runAsUserName: 'pointer', hostProcess: 'pointer' } },
    runAsUser: 'pointer',
    runAsGroup: 'pointer',
    runAsNonRoot: 'pointer',
    readOnlyRootFilesystem: 'pointer',
    allowPrivilegeEscalation: 'pointer',
    procMount: 'pointer',
    seccompProfile: PROFILE,
    appArmorProfile: PROFILE,
  },
};

/**
 * The fields of a step that Tekton merges with its stepTemplate's (`Step.ToK8sContainer`), as Go
 * writes them; `resources` is v1beta1's name of `computeResources`.
 */
const CONTAINER_FIELDS: { readonly [name: string]: GoField } = {
  image: 'omitempty',
  command: 'omitempty',
  args: 'omitempty',
  workingDir: 'omitempty',
  envFrom: { list: { fields: { prefix: 'omitempty', configMapRef: ENV_SOURCE, secretRef: ENV_SOURCE } } },
  env: {
    list: ENV_VAR,
    key: 'name',
    // amendConflictingContainerFields: the step's own entry where the merged one has both value and valueFrom
    amend: (merged, own) => (isObject(merged.valueFrom) && typeof merged.value === 'string' && merged.value !== '' ? own : merged),
  },
  computeResources: RESOURCES,
  resources: RESOURCES,
  volumeMounts: {
    list: {
      fields: {
        name: 'required',
        readOnly: 'omitempty',
        recursiveReadOnly: 'pointer',
        mountPath: 'required',
        subPath: 'omitempty',
        mountPropagation: 'pointer',
        subPathExpr: 'omitempty',
      },
    },
    key: 'mountPath',
  },
  volumeDevices: { list: { fields: { name: 'required', devicePath: 'required' } }, key: 'devicePath' },
  imagePullPolicy: 'omitempty',
  securityContext: SECURITY_CONTEXT,
};

/** CONTAINER_FIELDS as entries, for mergeTemplate to go through at every step. */
const CONTAINER_FIELD_TYPES = Object.entries(CONTAINER_FIELDS);

/** A field Go's encoding/json leaves out. */
const LEFT_OUT: unique symbol = Symbol('left out');

/** Go's zero value of a string, slice, map or bool, or null: what `omitempty` leaves out. */
function goZero(x: any): boolean {
  return x === null || x === undefined || x === '' || x === false || x === 0
    || (Array.isArray(x) && x.length === 0) || (isObject(x) && Object.keys(x).length === 0);
}

/**
 * A value as Go writes it after reading it into a field of type `type` (LEFT_OUT when it leaves
 * it out). A value of another shape than the type's (malformed YAML) is kept as written; so are
 * keys the type does not have.
 */
function goWritten(x: any, type: GoField): any {
  if (type === 'omitempty' || type === 'map') return goZero(x) ? LEFT_OUT : x;
  if (type === 'pointer') return x === null || x === undefined ? LEFT_OUT : x;
  if (type === 'required') return x === null || x === undefined ? '' : x;
  if (type === 'quantity') return x === null || x === undefined ? '0' : x;
  if ('list' in type) {
    if (goZero(x)) return LEFT_OUT;
    return Array.isArray(x) ? x.map((e) => (isObject(e) ? goWrittenStruct(e, type.list) : e)) : x;
  }
  if (x === null || x === undefined) return LEFT_OUT;
  return isObject(x) ? goWrittenStruct(x, type) : x;
}

function goWrittenStruct(x: Record<string, any>, type: GoStruct): any {
  const out: any = {};
  for (const k of Object.keys(x)) {
    const v = x[k];
    const field = type.fields[k];
    const written = field === undefined ? (v === null || v === undefined ? LEFT_OUT : v) : goWritten(v, field);
    if (written !== LEFT_OUT) out[k] = written;
  }
  for (const k of alwaysWritten(type)) {
    if (!(k in out)) out[k] = goWritten(undefined, type.fields[k]);
  }
  return out;
}

/** The fields of a struct Go writes even when unset (`required`, `quantity`), in the struct's order: found once per struct. */
const ALWAYS_WRITTEN = new WeakMap<GoStruct, readonly string[]>();
function alwaysWritten(type: GoStruct): readonly string[] {
  let fields = ALWAYS_WRITTEN.get(type);
  if (fields === undefined) {
    fields = Object.keys(type.fields).filter((k) => type.fields[k] === 'required' || type.fields[k] === 'quantity');
    ALWAYS_WRITTEN.set(type, fields);
  }
  return fields;
}

/** The step's value `b` over the template's `a`, both as Go writes them, merged as a strategic merge patch merges them. */
function mergeWritten(a: any, b: any, type: GoField): any {
  if (b === LEFT_OUT) return a;
  if (a === LEFT_OUT) return b;
  if (type === 'map') return isObject(a) && isObject(b) ? { ...a, ...b } : b;
  if (typeof type === 'string') return b;
  if ('list' in type) return type.key !== undefined && Array.isArray(a) && Array.isArray(b) ? mergeByKey(a, b, type) : b;
  if (!isObject(a) || !isObject(b)) return b;
  const out: any = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const field = type.fields[k];
    out[k] = field === undefined || !(k in a) ? v : mergeWritten(a[k], v, field);
  }
  return out;
}

/**
 * A step's list merged with its stepTemplate's as Tekton merges them (`MergeStepsWithStepTemplate`:
 * a strategic merge patch keyed by the type's `key`), each entry as Go writes it: the step's
 * entries in the step's order, each merged over the template's of the same key (`amend` may then
 * choose the entry), and the template's other entries in the template's order, each put before
 * the first step entry that replaces a template entry written after it, else at the end.
 */
function mergeByKey(template: readonly any[], step: readonly any[], type: GoList): any[] {
  const { list: entry, key = '', amend = (merged: any) => merged } = type;
  const written = (list: readonly any[]) => list.map((e) => (isObject(e) ? goWrittenStruct(e, entry) : e));
  const [templateEntries, stepEntries] = [written(template), written(step)];
  if (stepEntries.length === 0) return templateEntries;
  if (templateEntries.length === 0) return stepEntries;
  const order = new Map<string, number>();
  const byKey = new Map<string, any>();
  templateEntries.forEach((e, i) => {
    const k = keyOf(e, key);
    if (k !== undefined && !order.has(k)) {
      order.set(k, i);
      byKey.set(k, e);
    }
  });
  const stepKeys = new Set(stepEntries.map((e) => keyOf(e, key)).filter((k) => k !== undefined));
  const patched = stepEntries.map((e) => {
    const k = keyOf(e, key);
    const under = k === undefined ? undefined : byKey.get(k);
    return under === undefined ? e : amend(mergeWritten(under, e, entry), e);
  });
  const templateOnly = templateEntries.filter((e) => !stepKeys.has(keyOf(e, key) as string));
  const out: any[] = [];
  let i = 0;
  let j = 0;
  while (i < templateOnly.length || j < patched.length) {
    const left = order.get(keyOf(templateOnly[i], key) as string);
    const right = order.get(keyOf(patched[j], key) as string);
    if (j >= patched.length || (i < templateOnly.length && left !== undefined && right !== undefined && left < right)) out.push(templateOnly[i++]);
    else out.push(patched[j++]);
  }
  return out;
}

/**
 * A step's env merged with its stepTemplate's as Tekton merges them (mergeByKey on `name`, then
 * `amendConflictingContainerFields`: the step's own entry when the merged one would have both
 * `value` and `valueFrom`). So a template's Secret comes after a step's own values unless the
 * step also sets a name the template sets later.
 */
export function mergeEnv(template: readonly any[], step: readonly any[]): any[] {
  return mergeByKey(template, step, CONTAINER_FIELDS.env as GoList);
}

/** A step's volumeMounts merged with its stepTemplate's as Tekton merges them (mergeByKey on `mountPath`). */
export function mergeVolumeMounts(template: readonly any[], step: readonly any[]): any[] {
  return mergeByKey(template, step, CONTAINER_FIELDS.volumeMounts as GoList);
}

/**
 * A step's securityContext over the stepTemplate's as Tekton merges them (see mergeTemplate):
 * `privileged: null` or `capabilities: { add: [] }` under a template's `privileged: true` or
 * `add: [SYS_ADMIN]` keeps the template's.
 */
export function mergeSecurityContext(template: any, step: any): any {
  const merged = mergeWritten(goWritten(template, SECURITY_CONTEXT), goWritten(step, SECURITY_CONTEXT), SECURITY_CONTEXT);
  return merged === LEFT_OUT ? undefined : merged;
}

/** A step's computeResources (v1beta1 `resources`) over the stepTemplate's as Tekton merges them (see mergeTemplate). */
export function mergeComputeResources(template: any, step: any): any {
  const merged = mergeWritten(goWritten(template, RESOURCES), goWritten(step, RESOURCES), RESOURCES);
  return merged === LEFT_OUT ? undefined : merged;
}

/** `x` if it is an array, else an empty one (rules must not crash on malformed YAML). */
export function asArray(x: any): any[] {
  return Array.isArray(x) ? x : [];
}

/**
 * The entry of `name` in a container's `env` as the kubelet reads it: the last one, since
 * each entry replaces an earlier one of the same name (the API server keeps both).
 */
export function envEntry(container: any, name: string): any {
  const env = asArray(container?.env);
  for (let i = env.length - 1; i >= 0; i--) if (env[i]?.name === name) return env[i];
  return undefined;
}

/**
 * The values a container's env gives its env vars literally (`value` holding no `$`, or none: the empty string), by name, as the
 * kubelet reads them: a later entry replaces an earlier one; its `$(NAME)` of an earlier entry with such a value is that value and
 * `$$` one `$` (kubelet third_party/forked/golang/expansion); one the kubelet fills (`valueFrom`), or with another reference (an
 * entry not literal or not earlier, a substitution Tekton makes, `$(params.x)`), leaves the name out, its value not known here.
 */
export function fixedEnvValues(env: readonly any[]): ReadonlyMap<string, string> {
  const values = new Map<string, string>();
  for (const e of env) {
    if (typeof e?.name !== 'string') continue;
    const value = e.value === undefined || e.value === null ? '' : e.value;
    const expanded = (e.valueFrom === undefined || e.valueFrom === null) && typeof value === 'string' ? kubeletExpanded(value, values) : undefined;
    if (expanded !== undefined) values.set(e.name, expanded);
    else values.delete(e.name);
  }
  return values;
}

/** `value` as the kubelet expands it with the earlier entries' literal `values` (`$(NAME)`, `$$`); undefined where another `$` stays. */
function kubeletExpanded(value: string, values: ReadonlyMap<string, string>): string | undefined {
  let resolved = true;
  const out = kubeletExpand(value, (n) => (/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(n) ? values.get(n) : undefined), () => { resolved = false; });
  return resolved ? out : undefined;
}

/**
 * `text` as the kubelet expands it (k8s.io/kubernetes third_party/forked/golang/expansion: `$(NAME)` of an env var of the
 * container becomes its value, `$$` becomes `$`, a `$(NAME)` of no env var and any other `$` stay as written), with `value` giving
 * an env var's value (undefined: none defined, or a value not known, left as written); `unresolved` is called for each `$` left.
 */
export function kubeletExpand(text: string, value: (name: string) => string | undefined, unresolved: () => void = () => {}): string {
  if (!text.includes('$')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '$') {
      out += text[i];
      continue;
    }
    if (text[i + 1] === '$') {
      out += '$';
      i++;
      continue;
    }
    const end = text[i + 1] === '(' ? text.indexOf(')', i + 2) : -1;
    const found = end < 0 ? undefined : value(text.slice(i + 2, end));
    if (found === undefined) {
      unresolved();
      out += '$';
      continue;
    }
    out += found;
    i = end;
  }
  return out;
}

/** The object's name for findings. */
export function objectName(manifest: any): string {
  return jsString(manifest?.metadata?.name ?? manifest?.metadata?.generateName ?? '');
}

