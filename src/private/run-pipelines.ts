/**
 * The pipelines a PipelineRun runs, and which of their pipeline tasks Tekton runs as TaskRuns.
 */
import { isObject } from './containers';
import { locallyReferenced } from './manifest-index';

/** A pipeline spec a run may run, and the object local references in it are looked up from. */
export interface RunPipeline {
  readonly spec: Record<string, any>;
  /** The Pipeline that holds the spec, or the run for its own `pipelineSpec`. */
  readonly from: any;
}

/**
 * The pipeline specs a PipelineRun runs: its own `pipelineSpec`, or those its local `pipelineRef`
 * may name among the manifests checked with it (none when they are not known).
 */
export function runPipelines(run: any, manifests: readonly any[] | undefined): RunPipeline[] {
  const spec = run?.spec;
  if (isObject(spec?.pipelineSpec)) return [{ spec: spec.pipelineSpec, from: run }];
  if (manifests === undefined) return [];
  return locallyReferenced(manifests, spec?.pipelineRef, 'Pipeline', run).filter((p) => isObject(p.spec)).map((p) => ({ spec: p.spec, from: p }));
}

/** Whether a `taskRef` or `taskSpec` names a custom task (an apiVersion other than Tekton's): a CustomRun. */
export function isCustomTask(t: Record<string, any>): boolean {
  const custom = (x: any) => isObject(x) && typeof x.apiVersion === 'string' && x.apiVersion !== '' && !x.apiVersion.startsWith('tekton.dev/');
  return custom(t.taskRef) || custom(t.taskSpec);
}

/**
 * Whether a pipeline task becomes a TaskRun: not a custom task (a CustomRun) and not a pipeline
 * in a pipeline (a child PipelineRun).
 */
export function makesTaskRun(t: Record<string, any>): boolean {
  if (t.pipelineRef !== undefined || t.pipelineSpec !== undefined) return false;
  return !isCustomTask(t);
}
