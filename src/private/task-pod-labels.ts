/**
 * The labels Tekton v1.15 gives the pod of one pipeline task of a PipelineRun, from the
 * objects that set them, as its controllers merge them (tektoncd/pipeline v1.15):
 *
 * - the Pipeline's labels go to the PipelineRun, under the run's own
 *   (`storePipelineSpecAndMergeMeta`), and `tekton.dev/pipeline` is the Pipeline's name;
 * - a TaskRun of a pipeline task gets, the first source to set a key winning
 *   (`combineTaskRunAndTaskSpecLabels`, `addMetadataByPrecedence`): the `metadata.labels` of
 *   the run's last `taskRunSpecs` entry for the task (`GetTaskRunSpec`), then the PipelineRun's
 *   labels with `tekton.dev/pipelineRun`, `tekton.dev/pipelineRunUID`, `tekton.dev/pipelineTask`
 *   and `tekton.dev/memberOf` written over them (`createChildResourceLabels`), then an embedded task spec's
 *   `metadata.labels`;
 * - the Task a `taskRef` runs gives its labels under the TaskRun's, and `tekton.dev/task` its
 *   name (`storeTaskSpecAndMergeMeta`);
 * - the pod gets the TaskRun's labels, `tekton.dev/taskRun`, `tekton.dev/taskRunUID` and
 *   `app.kubernetes.io/managed-by` of config-defaults' `default-managed-by-label-value`, over the
 *   TaskRun's (`makeLabels` in pkg/pod/pod.go).
 *
 * NetworkPolicies select the pod by any of them, so a policy that selects one of them gives
 * the task its egress.
 */
import { MANAGED_BY_LABEL, MEMBER_OF_LABEL, PER_RUN_LABELS, PIPELINE_LABEL, PIPELINE_TASK_LABEL, SECURE_PIPELINE_LABEL, TASK_LABEL } from './annotations';
import { LabelLookup, UNKNOWN_LABEL } from './calico-selectors';
import { asArray, isObject } from './containers';
import { jsString } from './text';

/** Its value unless config-defaults `default-managed-by-label-value` says another, even "" (config/default.go). */
const DEFAULT_MANAGED_BY = 'tekton-pipelines';

type Value = string | typeof UNKNOWN_LABEL;

/**
 * Whether the pod of a pipeline task surely carries a label whose value `taskPodLabels` does not
 * know: the names and UIDs of its runs, and `tekton.dev/task` of a Task run by `taskRef`.
 */
export function carriedByTaskPod(key: string): boolean {
  return PER_RUN_LABELS.includes(key) || key === TASK_LABEL;
}

/** The objects the labels of one pipeline task's pod come from. */
export interface TaskPodSources {
  /** The Pipeline as written. */
  readonly pipeline: any;
  /** The name of the pipeline task. */
  readonly task: string;
  /**
   * The Task its `taskRef` runs, as written; `undefined` when its labels are not known (a
   * resolver fetches it, or the app does not write it). Not read for an embedded task spec.
   */
  readonly taskObject?: any;
  /** A PipelineRun of the Pipeline, as written; `undefined` for one that sets no labels of its own. */
  readonly run?: any;
  /**
   * Whether the labels of the objects (the Pipeline, the Task, the run, an embedded spec) are
   * read: without them, the labels Tekton gives every such pod alone, and the Pipeline's
   * `secure-tekton/pipeline` (the library writes it, and no run may set it: RUN_POD_OVERRIDES).
   * @default true
   */
  readonly copied?: boolean;
  /**
   * The value of `app.kubernetes.io/managed-by`: config-defaults' `default-managed-by-label-value`,
   * `UNKNOWN_LABEL` where the readings of config-defaults disagree.
   * @default 'tekton-pipelines'
   */
  readonly managedBy?: string | typeof UNKNOWN_LABEL;
}

/** The labels of a `metadata` as strings (a value that is not one is kept as written, for a selector to miss). */
function labelsOf(metadata: unknown, copied: boolean): Array<[string, string]> {
  if (!copied) return [];
  const labels = isObject(metadata) ? metadata.labels : undefined;
  return isObject(labels) ? Object.entries(labels).map(([k, v]) => [k, v === null ? '' : jsString(v)]) : [];
}

/**
 * The labels of the pod of pipeline task `task` (in `tasks` or `finally` of the Pipeline as
 * written) as a lookup: the value, `null` for a label the pod surely lacks, or `UNKNOWN_LABEL`
 * (the names and UIDs of the runs; any label but those the TaskRun sets, when the Task's
 * labels are not known). Undefined when the Pipeline as written has no such task.
 */
export function taskPodLabels(sources: TaskPodSources): LabelLookup | undefined {
  const { pipeline, task, run } = sources;
  const copied = sources.copied ?? true;
  const spec = pipeline?.spec;
  const inTasks = asArray(spec?.tasks).filter((t) => t?.name === task);
  const inFinally = asArray(spec?.finally).filter((t) => t?.name === task);
  const written = inTasks[0] ?? inFinally[0];
  if (!isObject(written)) return undefined;
  // the PipelineRun: the Pipeline's labels under the run's own, and the Pipeline's name
  const pipelineRun = new Map<string, Value>([...labelsOf(pipeline?.metadata, copied), ...labelsOf(run?.metadata, copied)]);
  const own = labelsOf(pipeline?.metadata, true).find(([k]) => k === SECURE_PIPELINE_LABEL);
  if (!copied && own !== undefined) pipelineRun.set(own[0], own[1]);
  pipelineRun.set(PIPELINE_LABEL, jsString(pipeline?.metadata?.name ?? ''));
  // the TaskRun: the first source to set a key wins
  const labels = new Map<string, Value>();
  const add = (entries: Iterable<[string, Value]>) => {
    for (const [k, v] of entries) if (!labels.has(k)) labels.set(k, v);
  };
  const taskRunSpecs = asArray(run?.spec?.taskRunSpecs).filter((e) => e?.pipelineTaskName === task);
  add(labelsOf(taskRunSpecs[taskRunSpecs.length - 1]?.metadata, copied));
  // the PipelineRun's labels, over which Tekton writes its own (createChildResourceLabels)
  const child = new Map<string, Value>(pipelineRun);
  child.set(PER_RUN_LABELS[0], UNKNOWN_LABEL);
  child.set(PER_RUN_LABELS[1], UNKNOWN_LABEL);
  child.set(PIPELINE_TASK_LABEL, task);
  child.set(MEMBER_OF_LABEL, inTasks.length > 0 ? 'tasks' : 'finally');
  add(child);
  let rest: null | typeof UNKNOWN_LABEL = null;
  if (written.taskSpec !== undefined && written.taskSpec !== null) {
    add(labelsOf(written.taskSpec?.metadata, copied));
  } else if (isObject(sources.taskObject)) {
    add(labelsOf(sources.taskObject.metadata, copied));
    labels.set(TASK_LABEL, jsString(sources.taskObject.metadata?.name ?? ''));
  } else {
    // a Task whose labels are not known may carry any label the TaskRun does not set
    labels.set(TASK_LABEL, UNKNOWN_LABEL);
    if (copied) rest = UNKNOWN_LABEL;
  }
  // the pod
  labels.set(PER_RUN_LABELS[2], UNKNOWN_LABEL);
  labels.set(PER_RUN_LABELS[3], UNKNOWN_LABEL);
  labels.set(MANAGED_BY_LABEL, sources.managedBy ?? DEFAULT_MANAGED_BY);
  return (key) => (labels.has(key) ? labels.get(key)! : rest);
}
