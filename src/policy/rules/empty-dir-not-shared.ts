import { asArray, isObject } from '../../private/containers';
import { locallyReferenced } from '../../private/manifest-index';
import { PipelineOrder } from '../../private/pipeline-order';
import { isCustomTask, RunPipeline, runPipelines } from '../../private/run-pipelines';
import { receivedWorkspaces } from '../../private/workspaces';
import { Severity } from '../rule';
import { manifestRule, Problem, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

/** A pipeline task that receives a run workspace: its name, and its own name for the workspace. */
interface Receiver {
  readonly task: Record<string, any>;
  readonly name: string;
  readonly as: string;
}

/**
 * Whether every Task a pipeline task may run declares its workspace `as` read-only: an embedded
 * `taskSpec`, or the Tasks its local `taskRef` may name among the manifests. A task not known so
 * may write to it.
 */
function readOnlyIn(t: Record<string, any>, as: string, pipeline: RunPipeline, manifests: readonly any[] | undefined): boolean {
  const specs = isObject(t.taskSpec) ? [t.taskSpec]
    : manifests === undefined ? [] : locallyReferenced(manifests, t.taskRef, 'Task', pipeline.from).map((m) => m.spec);
  return specs.length > 0 && specs.every((spec) => asArray(spec?.workspaces).some((w) => w?.name === as && w.readOnly === true));
}

/**
 * The first pipeline task (in the order written, `finally` last) that receives `workspace` after
 * another one that may write to it, and that one; undefined when there is none.
 */
function handedOn(
  pipeline: RunPipeline, workspace: string, manifests: readonly any[] | undefined,
): { readonly first: Receiver; readonly then: Receiver } | undefined {
  const receivers: Receiver[] = [...asArray(pipeline.spec.tasks), ...asArray(pipeline.spec.finally)]
    .filter((t): t is Record<string, any> => isObject(t) && typeof t.name === 'string' && !isCustomTask(t))
    .flatMap((t) => receivedWorkspaces(t).filter((w) => w.pipelineWorkspace === workspace).slice(0, 1)
      .map((w) => ({ task: t, name: t.name, as: w.taskWorkspace })));
  const order = new PipelineOrder(pipeline.spec);
  for (const then of receivers) {
    const first = receivers.find((r) => r.name !== then.name && order.before(r.name, then.name) && !readOnlyIn(r.task, r.as, pipeline, manifests));
    if (first !== undefined) return { first, then };
  }
  return undefined;
}

/**
 * A run workspace bound to an emptyDir is not handed from one pipeline task to a task that runs
 * after it.
 */
export const EMPTY_DIR_NOT_SHARED = manifestRule(
  {
    id: RuleId.EMPTY_DIR_NOT_SHARED,
    severity: Severity.LOW,
    title: 'A run workspace bound to an emptyDir is not handed from one pipeline task to a task that runs after it',
    rationale:
      'Tekton makes a pod for each TaskRun and mounts an emptyDir workspace as a new, empty volume of that pod: a task that '
      + 'runs after another and receives the same workspace sees nothing the first wrote, and the pipeline fails, or worse, '
      + 'goes on with an empty source tree. Not a security control: a configuration refused here does not do what it says.',
    fix: 'Bind the workspace to one volume for the whole run, which every task of it mounts: '
      + 'volumeClaimTemplate: { spec: { accessModes: [ReadWriteOnce], resources: { requests: { storage: 1Gi } } } } instead of emptyDir; '
      + 'when each task only uses the workspace as scratch space, relax this rule for the workspace saying so.',
    decidesFrom:
      'Each `spec.workspaces` binding of a PipelineRun with an `emptyDir`, and the pipeline it runs: its `pipelineSpec`, or '
      + 'the Pipeline its `pipelineRef` names among the manifests checked together. The pipeline tasks (`tasks` and `finally`; '
      + 'custom tasks left out) that receive the workspace, as Tekton gives them (a binding in `workspaces`, or a pipeline '
      + 'workspace an embedded `taskSpec` declares or uses, which Tekton propagates), are ordered as Tekton\'s DAG orders them: '
      + 'a task runs after the tasks its `runAfter` names and the tasks whose results it uses (`$(tasks.<name>.results…)` in '
      + 'its params, matrix, when expressions and embedded steps), transitively, and every `finally` task after every task of '
      + '`tasks`. A finding when one of them runs after another that may write to the workspace: one whose Task (its embedded '
      + '`taskSpec`, or every Task its local `taskRef` may name among the manifests) does not declare the workspace '
      + '`readOnly: true`. Tasks that may run at the same time are not judged.',
    limits:
      'Whether the later task reads what the earlier one wrote is not known: a pipeline that passes one scratch workspace to '
      + 'tasks that each start from nothing needs the relaxation. A Pipeline fetched by a resolver, or not checked with the '
      + 'run, is not seen; a Task fetched by a resolver counts as one that may write. Pipelines nested in pipeline tasks are '
      + 'followed no further than the pipeline task. config-defaults\' `default-task-run-workspace-binding` is not read. '
      + 'Not a security control.',
    howToRelax:
      "`{ rule: RuleId.EMPTY_DIR_NOT_SHARED, reason: '<why>', target: RelaxationTarget.workspace('<name>') }`, given to the "
      + "SecurePipelineRun's `relaxations` or to `Relaxations.of(construct).add(...)`. In YAML for the audit: "
      + relaxAnnotation(RuleId.EMPTY_DIR_NOT_SHARED, 'workspace/<name>: <why>') + ' on the run.',
    relaxable: true,
    appliesTo: (m) => m?.kind === 'PipelineRun',
  },
  (manifest, context) => {
    const pipelines = runPipelines(manifest, context?.manifests);
    const problems: Problem[] = [];
    const seen = new Set<string>();
    for (const w of asArray(manifest.spec?.workspaces)) {
      if (!isObject(w) || typeof w.name !== 'string' || !isObject(w.emptyDir) || seen.has(w.name)) continue;
      for (const pipeline of pipelines) {
        const found = handedOn(pipeline, w.name, context?.manifests);
        if (found === undefined) continue;
        seen.add(w.name);
        const { first, then } = found;
        problems.push({
          location: `workspace '${w.name}'`,
          target: `workspace/${w.name}`,
          property: 'emptyDir',
          value: JSON.stringify(w.emptyDir),
          problem: `gives each TaskRun's pod a new, empty directory, so task '${then.name}', which runs after task '${first.name}' and receives the `
            + `workspace too (as "${then.as}"), sees nothing '${first.name}' writes to it (as "${first.as}")`,
        });
        break;
      }
    }
    return problems;
  },
);
