/**
 * kubeflow kfp-tekton's PipelineLoop custom task (`custom.tekton.dev`, tekton-catalog/pipeline-loops) read as the
 * PipelineRuns its controller creates. For each iteration the reconciler (`createPipelineRun`) creates a
 * `tekton.dev/v1` PipelineRun in the CustomRun's namespace whose spec holds, of the loop's spec: `pipelineSpec`, or
 * of `pipelineRef` its `name` alone (the resolver, its params and a bundle are dropped: a Pipeline of that name in
 * the namespace); `serviceAccountName` and `podTemplate` as `taskRunTemplate`'s; `workspaces` and `taskRunSpecs` as
 * they are; `timeout` as `timeouts.pipeline`; and the CustomRun's params (the iterated one an element of its value,
 * the iteration's number under `iterationNumberParam`). A loop that leaves `serviceAccountName` empty gets the
 * CustomRun's, unless that is `default` (getPipelineLoop). Nothing else of the CustomRun reaches the PipelineRun.
 */
import { isObject, PipelineLoopPlace, pipelineLoopsOf } from './containers';

/** A PipelineLoop read as the PipelineRun of each of its iterations. */
export interface LoopRun extends PipelineLoopPlace {
  /**
   * The PipelineRun the controller creates for an iteration, as far as the loop decides it: its params are
   * left out (a CustomRun chooses them), its metadata is the namespace, name, labels and annotations of the
   * object that holds the loop.
   */
  readonly run: any;
}

/**
 * The PipelineRun the controller of a PipelineLoop creates for each iteration, as far as the loop says it
 * (see the file's comment), for the loop held by `holder` (the loop itself, or the object it is embedded in).
 */
function runOfLoop(loop: { spec: Record<string, any> }, holder: any): any {
  const spec = loop.spec;
  const runSpec: Record<string, any> = {};
  // a pipelineRef that is not null wins over a pipelineSpec, and only its name is copied
  if (spec.pipelineRef !== undefined && spec.pipelineRef !== null) {
    runSpec.pipelineRef = isObject(spec.pipelineRef) && spec.pipelineRef.name !== undefined ? { name: spec.pipelineRef.name } : {};
  } else if (spec.pipelineSpec !== undefined) {
    runSpec.pipelineSpec = spec.pipelineSpec;
  }
  const template: Record<string, any> = {};
  if (spec.serviceAccountName !== undefined) template.serviceAccountName = spec.serviceAccountName;
  if (spec.podTemplate !== undefined) template.podTemplate = spec.podTemplate;
  runSpec.taskRunTemplate = template;
  if (spec.workspaces !== undefined) runSpec.workspaces = spec.workspaces;
  if (spec.taskRunSpecs !== undefined) runSpec.taskRunSpecs = spec.taskRunSpecs;
  if (spec.timeout !== undefined && spec.timeout !== null) runSpec.timeouts = { pipeline: spec.timeout };
  const meta = isObject(holder?.metadata) ? holder.metadata : {};
  const metadata = Object.fromEntries(['name', 'generateName', 'namespace', 'labels', 'annotations'].filter((k) => meta[k] !== undefined).map((k) => [k, meta[k]]));
  return { apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata, spec: runSpec };
}

/**
 * Every PipelineLoop a manifest holds (containers.ts pipelineLoopsOf), with the PipelineRun of its iterations: made
 * anew at each call (a manifest may change between two evaluations), which costs nothing where there is no loop.
 */
export function loopRunsOf(manifest: any): LoopRun[] {
  return pipelineLoopsOf(manifest).map((place) => ({ ...place, run: runOfLoop(place.loop, manifest) }));
}

/** The PipelineRun fields the controller fills from a loop's own (`taskRunTemplate.podTemplate` from `podTemplate` …). */
const LOOP_FIELDS: ReadonlyArray<readonly [string, string]> = [
  ['taskRunTemplate.podTemplate', 'podTemplate'],
  ['taskRunTemplate.serviceAccountName', 'serviceAccountName'],
  ['taskRunTemplate', ''],
  ['timeouts.pipeline', 'timeout'],
  ['timeouts', 'timeout'],
];

/** A field of the run (`taskRunTemplate.podTemplate.securityContext`, `spec.timeouts.pipeline`) as the loop's field that fills it. */
export function loopField(property: string): string {
  const spec = property.startsWith('spec.') ? 'spec.' : '';
  const rest = property.slice(spec.length);
  for (const [run, loop] of LOOP_FIELDS) {
    if (rest === run || rest.startsWith(`${run}.`) || rest.startsWith(`${run}[`)) {
      const tail = rest.slice(run.length);
      const field = loop === '' ? tail.replace(/^\./, '') : `${loop}${tail}`;
      return `${spec}${field}`;
    }
  }
  return property;
}

/** What a rule found on a loop's run, placed in the manifest that holds the loop: its field, location and target. */
export function placedInLoop<P extends { readonly property: string; readonly location?: string; readonly target?: string }>(
  problem: P, loop: PipelineLoopPlace,
): P {
  // a location may name the run's field (`taskRunTemplate.podTemplate`)
  const own = problem.location === undefined ? undefined : loopField(problem.location);
  const location = loop.prefix === '' ? own : `${loop.prefix}${own ?? ''}`.trim();
  const target = loop.targetPrefix === '' ? problem.target : `${loop.targetPrefix}${problem.target ?? ''}`.replace(/\/$/, '');
  return {
    ...problem,
    property: loopField(problem.property),
    ...(location !== undefined ? { location } : {}),
    ...(target !== undefined ? { target } : {}),
  };
}
