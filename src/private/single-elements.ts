/**
 * The whole elements of a container's `command` and `args` in a pipeline's task spec that Tekton keeps one element whatever
 * array a run gives, read once per pipeline task from the types its pipeline declares.
 *
 * Tekton v1.15 propagates a PipelineRun's params into the task spec a pipeline task embeds (pipelinerun/resources/apply.go
 * `propagateParams`), the pipeline task's own param of a name replacing the run's value of that name, an array's with its
 * own array (none for a string: the element goes); an array expands a whole element `$(params.<p>)` to its elements
 * (`ApplyArrayReplacements`). It refuses a run that gives an array for a param the pipeline declares another type
 * (pipelinerun/resources/validate_params.go `ValidateParamTypesMatching`), so a whole `$(params.<p>)` of a param the pipeline
 * declares a string or an object (param-types.ts `declaredParamType`) never expands from a run's value.
 */
import { PipelineTaskContext } from './containers';
import { declaredParamType, paramValueType } from './param-types';
import { wholeParamName } from './substitutions';

const cache = new WeakMap<PipelineTaskContext, (element: string) => boolean>();

/**
 * For a container of a pipeline task's task spec (`at`), whether a whole element is a whole `$(params.<p>)` (`wholeParamName`) of
 * a param the pipeline declares a string or an object and the pipeline task passes no array of: Tekton keeps it one element (see
 * above). Undefined outside a pipeline task and for a custom task's spec (whose params Tekton never types).
 */
export function singleElements(at: PipelineTaskContext | undefined): ((element: string) => boolean) | undefined {
  if (at === undefined || at.customTask) return undefined;
  const cached = cache.get(at);
  if (cached !== undefined) return cached;
  const single = new Set<string>();
  for (const p of Array.isArray(at.pipelineParams) ? at.pipelineParams : []) {
    const type = typeof p?.name === 'string' ? declaredParamType(p) : undefined;
    if (type === 'string' || type === 'object') single.add(p.name);
  }
  // the pipeline task's own array for that name replaces the run's value with the author's elements: not read as one
  for (const p of Array.isArray(at.task?.params) ? at.task.params : []) {
    if (typeof p?.name === 'string' && paramValueType(p.value) === 'array') single.delete(p.name);
  }
  const answer = (element: string) => {
    const name = wholeParamName(element);
    return name !== undefined && single.has(name);
  };
  cache.set(at, answer);
  return answer;
}
