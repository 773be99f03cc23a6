/**
 * Whether a task param's `enum` binds the value a container's `$(params.x)` takes.
 *
 * Tekton checks a run's value of a param against the param's `enum` (with the feature flag
 * `enable-param-enum` on): a TaskRun's params against its Task's (taskrun.go `ValidateEnumParam`),
 * a PipelineRun's against its Pipeline's, and a pipeline task's against the task it runs
 * (pipelinerun.go `createTaskRuns`). But a task spec embedded in a pipeline task (`taskSpec`)
 * is substituted before any of that: `ApplyParameters` puts every param of the PipelineRun,
 * declared by the pipeline or not, and each default of the pipeline's params, into it
 * (apply.go `paramsFromPipelineRun`, `propagateParams`), replaced by the pipeline task's own
 * value only for a param the pipeline task passes in `params` (not in `matrix`). That value
 * is the one its TaskRun is given and checked against the task's enum; any other reaches the
 * container unchecked by the task's enum.
 */
import type { ContainerView, PipelineTaskContext } from './containers';
import { isDigestPinned } from './image-references';
import { onlyFixedPlaceholders } from './pac-annotations';

/** Why a task's enum does not bind a param in an embedded task spec: undefined when it does. */
export interface EnumGap {
  /** What reaches the container instead, for a finding's problem. */
  readonly problem: string;
  /** How to make the enum bind, for a finding's fix. */
  readonly fix: string;
}

const stringOf = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const named = (list: readonly any[] | undefined, name: string): any => list?.find((p) => p?.name === name);

/**
 * Whether the enum of the task param `param` of the view's task spec binds what `$(params.<param>)`
 * becomes in the view's container, where every value `allowed` accepts is harmless (for
 * IMAGE_DIGEST: pinned by digest). A Task's or a TaskRun's taskSpec: it does. A spec embedded
 * in a pipeline task: only when the pipeline task passes the param, or when every value the
 * pipeline level puts in its place is one `allowed` accepts (the pipeline's own enum, or the
 * pipeline's default and the run's value where the run is in the same manifest).
 */
export function enumGap(view: ContainerView, param: string, allowed: (value: string) => boolean = isDigestPinned): EnumGap | undefined {
  const at = view.pipelineTask;
  if (at === undefined) return undefined;
  const taskName = String(at.task?.name ?? '');
  if (at.customTask) {
    return {
      problem: 'the enum of a custom task\'s spec binds nothing: Tekton checks no value its controller is given against it',
      fix: 'Write the value into the spec, or give the custom task a param its controller checks.',
    };
  }
  // the pipeline task passes it: its TaskRun is given the same value, checked against the enum
  if (named(Array.isArray(at.task?.params) ? at.task.params : [], param) !== undefined) return undefined;
  const passIt = `Pass "${param}" in params of pipeline task '${taskName}' (Tekton checks what it passes against the enum)`;
  const declared = named(at.pipelineParams, param);
  const pipelineEnum: unknown[] = Array.isArray(declared?.enum) ? declared.enum : [];
  // the run's value is checked against the pipeline's enum, and its default must be in it
  if (pipelineEnum.length > 0 && pipelineEnum.every((v) => typeof v === 'string' && allowed(v))) return undefined;
  if (at.runParams === undefined) {
    return {
      problem: `the task's enum does not bind it: pipeline task '${taskName}' does not pass "${param}", so Tekton substitutes a PipelineRun's param "${param}" `
        + '(declared by the pipeline or not) into the inline taskSpec before any enum is checked',
      fix: `${passIt}, or declare "${param}" on the pipeline with an enum of the same values.`,
    };
  }
  // the run is known: what it gives, else the pipeline's default, takes the param's place
  const resolved = pipelineLevelValue(at, param);
  if (resolved === undefined || (resolved.value !== undefined && allowed(resolved.value))) return undefined;
  return {
    problem: `the task's enum does not bind it: pipeline task '${taskName}' does not pass "${param}" and ${resolved.source}, which Tekton substitutes into the inline taskSpec before any enum is checked`,
    fix: `${passIt}, or declare "${param}" on the pipeline with an enum of the same values.`,
  };
}

/** A value a param takes that the run in the same manifest fixes, and where it comes from, for a message. */
export interface KnownValue {
  readonly value: string;
  /** A clause naming where the value is given: `the run gives "image" "ubuntu"`. */
  readonly source: string;
}

/** `value` when it is a string with no substitution left in it. */
function literal(value: unknown, source: (v: string) => string): KnownValue | undefined {
  const v = stringOf(value);
  return v === undefined || v.includes('$(') ? undefined : { value: v, source: source(v) };
}

/**
 * What `$(params.<param>)` becomes in a task spec embedded in a pipeline task whose run is in
 * the same manifest, at the pipeline level: the run's value (declared by the pipeline or not),
 * else the pipeline's default; `value` only where that is a string with no substitution left.
 * Undefined where neither gives one.
 */
function pipelineLevelValue(at: PipelineTaskContext, param: string): { readonly value?: string; readonly source: string } | undefined {
  const given = named(at.runParams, param);
  const declared = named(at.pipelineParams, param);
  const written = given !== undefined ? given.value : declared?.default;
  if (given === undefined && declared?.default === undefined) return undefined;
  const source = given !== undefined ? `the run gives "${param}" ${JSON.stringify(written)}` : `the pipeline's default of "${param}" is ${JSON.stringify(written)}`;
  return { ...literal(written, () => source), source };
}

/**
 * The value `$(params.<param>)` takes in the view's container where the run in the same manifest
 * fixes it (its params are given once, when it is created): in a TaskRun's own taskSpec, the
 * TaskRun's value, else the task's default; in a task spec embedded in a PipelineRun's own
 * pipelineSpec (or in a pipeline task's pipelineSpec), the pipeline task's value when it passes
 * the param (a `$(params.<name>)` in it read at the pipeline level), else the run's value,
 * else the pipeline's default (apply.go `paramsFromPipelineRun`, `propagateParams`), else the
 * task's default; in a Pipeline's task spec, a constant its pipeline task passes (which replaces
 * any run's value of that name). Undefined where another run may choose it (a Task, a Pipeline's
 * param, a custom task, a StepAction's param) or where the value is not a plain string.
 */
export function runValue(view: ContainerView, param: string): KnownValue | undefined {
  if (view.stepActionParams) return undefined;
  const taskDefault = (): KnownValue | undefined => literal(named(view.params, param)?.default, (v) => `the task's default of "${param}" is ${JSON.stringify(v)}`);
  if (view.taskRunParams !== undefined) {
    const given = named(view.taskRunParams, param);
    return given !== undefined ? literal(given.value, (v) => `the TaskRun gives "${param}" ${JSON.stringify(v)}`) : taskDefault();
  }
  const at = view.pipelineTask;
  if (at === undefined || at.customTask) return undefined;
  const taskName = String(at.task?.name ?? '');
  const passed = named(Array.isArray(at.task?.params) ? at.task.params : [], param);
  if (passed !== undefined) {
    const written = stringOf(passed.value);
    const ref = written === undefined ? undefined : /^\$\(\s*params\.([^.)[\]\s]+)\s*\)$/.exec(written)?.[1];
    // a constant the pipeline task passes replaces the run's value of the same name in its spec (apply.go `propagateParams`), in a Pipeline too
    if (ref === undefined) return literal(passed.value, (v) => `pipeline task '${taskName}' passes "${param}" ${JSON.stringify(v)}`);
    if (at.runParams === undefined) return undefined;
    const resolved = pipelineLevelValue(at, ref);
    return resolved?.value !== undefined ? { value: resolved.value, source: `pipeline task '${taskName}' passes "${param}" ${written}, and ${resolved.source}` } : undefined;
  }
  if (at.runParams === undefined) return undefined;
  const resolved = pipelineLevelValue(at, param);
  if (resolved === undefined) return taskDefault();
  return resolved.value !== undefined ? { value: resolved.value, source: resolved.source } : undefined;
}

const fixedCache = new WeakMap<ContainerView, ReadonlySet<string>>();

/**
 * The params whose `$(params.<name>)` the run in the same manifest fixes to a constant in the
 * view's container (`runValue`): a value with no substitution left and no template another tool
 * fills in before the run is created (Helm's `{{…}}`, and Pipelines-as-Code's but for the
 * placeholders the repository or the event's commit fixes: `revision`, `repo_url`, `repo_owner`,
 * `repo_name`). No caller of the run chooses such a value: the author of the manifest (or of
 * the repository) wrote it. Empty for a Task, a
 * Pipeline, a StepAction and a custom task's spec, whose params each run gives.
 */
export function runFixedParams(view: ContainerView): ReadonlySet<string> {
  const cached = fixedCache.get(view);
  if (cached !== undefined) return cached;
  const names = new Set<string>();
  const at = view.pipelineTask;
  for (const list of [view.params, view.taskRunParams, at?.task?.params, at?.runParams, at?.pipelineParams]) {
    for (const p of Array.isArray(list) ? list : []) if (typeof p?.name === 'string') names.add(p.name);
  }
  const fixed = new Set<string>();
  for (const name of names) {
    const known = runValue(view, name);
    if (known !== undefined && (!known.value.includes('{{') || onlyFixedPlaceholders(known.value))) fixed.add(name);
  }
  fixedCache.set(view, fixed);
  return fixed;
}
