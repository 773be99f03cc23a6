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
import type { ContainerView } from './containers';
import { isDigestPinned } from './image-references';

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
  const given = named(at.runParams, param);
  const value = given !== undefined ? stringOf(given.value) : stringOf(declared?.default);
  if (given === undefined && declared?.default === undefined) return undefined;
  if (value !== undefined && !value.includes('$(') && allowed(value)) return undefined;
  const source = given !== undefined ? `the run gives "${param}" ${JSON.stringify(given.value)}` : `the pipeline's default of "${param}" is ${JSON.stringify(declared.default)}`;
  return {
    problem: `the task's enum does not bind it: pipeline task '${taskName}' does not pass "${param}" and ${source}, which Tekton substitutes into the inline taskSpec before any enum is checked`,
    fix: `${passIt}, or declare "${param}" on the pipeline with an enum of the same values.`,
  };
}
