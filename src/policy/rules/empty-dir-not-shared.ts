import { asArray, isObject } from '../../private/containers';
import { locallyReferenced } from '../../private/manifest-index';
import { PipelineOrder } from '../../private/pipeline-order';
import { isCustomTask, RunPipeline, runPipelines } from '../../private/run-pipelines';
import { jsString } from '../../private/text';
import { receivedWorkspaces } from '../../private/workspaces';
import { Severity } from '../rule';
import { followingLoops, Problem, relaxAnnotation } from '../rule-builders';
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

/** A pipeline task that runs a pipeline (a child PipelineRun), and its own name for the workspace it passes down. */
interface PassedDown {
  readonly task: string;
  readonly as: string;
}

/** Two pipeline tasks that receive a workspace, the later one after one that may write to it, and the pipeline tasks it was passed down through. */
interface HandedOn {
  readonly first: Receiver;
  readonly then: Receiver;
  readonly via: readonly PassedDown[];
}

/**
 * The pipelines the pipeline tasks of `pipeline` that run a pipeline (`pipelineSpec`, or a local `pipelineRef` to a
 * Pipeline among the manifests, of the run's namespace) pass `workspace` down to, by the pipeline workspace name
 * each binds it to. Tekton creates a child PipelineRun for each, its binding a copy of the parent's (an emptyDir
 * again), from the pipeline task's own `workspaces` only.
 */
function childPipelines(
  pipeline: RunPipeline, workspace: string, run: any, manifests: readonly any[] | undefined,
): Array<{ pipeline: RunPipeline; via: PassedDown }> {
  const out: Array<{ pipeline: RunPipeline; via: PassedDown }> = [];
  for (const t of [...asArray(pipeline.spec.tasks), ...asArray(pipeline.spec.finally)]) {
    if (!isObject(t) || typeof t.name !== 'string') continue;
    const children: RunPipeline[] = isObject(t.pipelineSpec) ? [{ spec: t.pipelineSpec, from: pipeline.from }]
      : manifests === undefined ? []
        : locallyReferenced(manifests, t.pipelineRef, 'Pipeline', run).filter((p) => isObject(p.spec)).map((p) => ({ spec: p.spec, from: p }));
    if (children.length === 0) continue;
    for (const w of asArray(t.workspaces)) {
      if (!isObject(w) || typeof w.name !== 'string') continue;
      const from = typeof w.workspace === 'string' && w.workspace !== '' ? w.workspace : w.name;
      if (from !== workspace) continue;
      for (const child of children) out.push({ pipeline: child, via: { task: t.name, as: w.name } });
    }
  }
  return out;
}

/**
 * The first pipeline task (in the order written, `finally` last) that receives `workspace` after
 * another one that may write to it, and that one; else the first such pair in a pipeline a
 * pipeline task passes the workspace down to, at any depth; undefined when there is none.
 */
function handedOn(
  pipeline: RunPipeline, workspace: string, run: any, manifests: readonly any[] | undefined, seen: Set<object> = new Set(),
): HandedOn | undefined {
  if (seen.has(pipeline.spec)) return undefined;
  seen.add(pipeline.spec);
  const receivers: Receiver[] = [...asArray(pipeline.spec.tasks), ...asArray(pipeline.spec.finally)]
    .filter((t): t is Record<string, any> => isObject(t) && typeof t.name === 'string' && !isCustomTask(t))
    .flatMap((t) => receivedWorkspaces(t).filter((w) => w.pipelineWorkspace === workspace).slice(0, 1)
      .map((w) => ({ task: t, name: t.name, as: w.taskWorkspace })));
  const order = new PipelineOrder(pipeline.spec);
  for (const then of receivers) {
    const first = receivers.find((r) => r.name !== then.name && order.before(r.name, then.name) && !readOnlyIn(r.task, r.as, pipeline, manifests));
    if (first !== undefined) return { first, then, via: [] };
  }
  for (const child of childPipelines(pipeline, workspace, run, manifests)) {
    const found = handedOn(child.pipeline, child.via.as, run, manifests, seen);
    if (found !== undefined) return { ...found, via: [child.via, ...found.via] };
  }
  return undefined;
}

/**
 * A run workspace bound to an emptyDir is not handed from one pipeline task to a task that runs
 * after it.
 */
export const EMPTY_DIR_NOT_SHARED = followingLoops(
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
      + '`readOnly: true`. Tasks that may run at the same time are not judged. A pipeline task that runs a pipeline '
      + '(`pipelineSpec`, or a local `pipelineRef` to a Pipeline of the run\'s namespace among the manifests; Tekton\'s '
      + 'alpha pipelines in pipelines, `enable-api-fields: alpha`) is one task here, and Tekton gives the child PipelineRun '
      + 'it creates a copy of the binding for each workspace of the pipeline task\'s own `workspaces` (an emptyDir '
      + 'again): the child pipeline\'s tasks that receive it are judged the same way, at any depth.',
    limits:
      'Whether the later task reads what the earlier one wrote is not known: a pipeline that passes one scratch workspace to '
      + 'tasks that each start from nothing needs the relaxation. A Pipeline fetched by a resolver, or not checked with the '
      + 'run, is not seen; a Task fetched by a resolver counts as one that may write, and so does a pipeline task that runs '
      + 'a pipeline. config-defaults\' `default-task-run-workspace-binding` is not read, as it binds no pipeline workspace: '
      + 'Tekton fills with it only the missing bindings of a TaskRun\'s non-optional Task workspaces, a volume of its own '
      + 'for each TaskRun, while a pipeline workspace the run does not bind fails the run, or, when optional, is bound to '
      + 'optional Task workspaces only, which it leaves unbound. Not a security control.',
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
        const found = handedOn(pipeline, w.name, manifest, context?.manifests);
        if (found === undefined) continue;
        seen.add(w.name);
        const { first, then, via } = found;
        const where = via.map((v) => `in the pipeline of pipeline task '${v.task}' (which receives the workspace as "${v.as}"), `).join('');
        problems.push({
          location: `workspace '${jsString(w.name)}'`,
          target: `workspace/${jsString(w.name)}`,
          property: 'emptyDir',
          value: JSON.stringify(w.emptyDir),
          problem: `gives each TaskRun's pod a new, empty directory, so ${where}task '${jsString(then.name)}', which runs after task '${jsString(first.name)}' and receives the `
            + `workspace too (as "${then.as}"), sees nothing '${jsString(first.name)}' writes to it (as "${first.as}")`,
        });
        break;
      }
    }
    return problems;
  },
);
