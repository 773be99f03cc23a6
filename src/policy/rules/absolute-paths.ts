import { asArray, objectName, taskSpecsOf } from '../../private/containers';
import { cleanPath, containerPathStart, RELATIVE_WORKING_DIR, relativeMountPath } from '../../private/paths';
import { jsString } from '../../private/text';
import { IRule, Severity } from '../rule';
import { containerRule, Problem, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

/** What the rule reads of a workingDir and a mountPath: how a path that starts with a variable is judged. */
const VARIABLES = 'A path that starts with a variable is judged by what Tekton replaces it with: `$(workspaces.<w>.path)`, '
  + '`$(results.<r>.path)`, `$(step.results.<r>.path)`, `$(credentials.path)`, `$(steps.<s>.exitCode.path)` and '
  + '`$(artifacts.path)` are absolute; a variable whose value is a name (`$(context.taskRun.name)`, `$(workspaces.<w>.claim)`) '
  + 'is relative; a path that starts with a param (`$(params.x)`), a pipeline task\'s result or a step\'s result is a value not known here and is not judged '
  + '(Tekton\'s webhook refuses a step\'s result in a workingDir).';

/** A task workspace's relative `mountPath`, per task spec of the manifest. */
function relativeMountPaths(manifest: any): Problem[] {
  return taskSpecsOf(manifest).flatMap((e) => asArray(e.spec?.workspaces)
    .filter((w: any) => typeof w?.mountPath === 'string' && containerPathStart(w.mountPath) === 'relative')
    .map((w: any): Problem => ({
      ...(e.prefix === '' ? {} : { location: e.prefix.trim() }),
      ...(e.targetPrefix === '' ? {} : { target: e.targetPrefix.replace(/\/$/, '') }),
      property: `workspaces.${jsString(w.name)}.mountPath`,
      value: w.mountPath,
      problem: relativeMountPath(jsString(w.name), w.mountPath, cleanPath(`/${w.mountPath}`)),
    })));
}

const WORKING_DIRS = containerRule(
  {
    id: RuleId.ABSOLUTE_PATHS,
    severity: Severity.LOW,
    title: 'Steps, sidecars and StepActions work in absolute directories, and task workspaces mount at absolute paths',
    rationale:
      'The container runtime refuses a relative working directory (runc: "Cwd must be an absolute path"), so a step or sidecar '
      + 'with one never starts, and the TaskRun fails after its pod is scheduled. A workspace declared at a relative mountPath is '
      + 'mounted under / by the kubelet, but Tekton hands the steps the relative path as $(workspaces.<name>.path), so a step reads '
      + 'and writes somewhere else than the volume, and a workingDir set to that path never starts. Tekton\'s webhook admits both. '
      + 'Not a security control: a configuration refused here does not do what it says.',
    fix: 'Give an absolute path: workingDir: $(workspaces.<name>.path)/<dir> or /<dir>; a workspace mountPath: /<dir>, or leave '
      + 'mountPath out (Tekton mounts it at /workspace/<name>).',
    decidesFrom:
      'The `workingDir` of every step (the stepTemplate merged under it: a step that sets none, or an empty one, takes the '
      + 'stepTemplate\'s) and sidecar of Tasks, TaskRuns, Pipelines and PipelineRuns (`tekton.dev` v1 or v1beta1, or no apiVersion; '
      + 'embedded `taskSpec`s and `pipelineSpec`s followed to any depth), and of every StepAction, and the `mountPath` of every '
      + 'workspace those task specs declare (`spec.workspaces`): a path must start with `/` once Tekton has replaced its variables. '
      + `${VARIABLES} An empty path is unset (the image's working directory; a workspace at /workspace/<name>).`,
    limits:
      'A param\'s value is not known, nor checked against its default. The working directory the image sets is not read (it '
      + 'applies only when neither the step nor the stepTemplate sets one, and images set absolute ones). The `mountPath` a step or '
      + 'sidecar gives a workspace of its own (`workspaces[].mountPath`, isolated workspaces) is not judged, nor a `volumeMounts` '
      + 'mountPath: the kubelet mounts a relative one under /, and the step names it as written. Collisions of a workspace\'s mount '
      + 'path with another\'s or with a step\'s volumeMounts are Tekton\'s webhook\'s to refuse; one with a path Tekton mounts its '
      + 'own volumes at (under /tekton) is not judged here. A workingDir of `$(workspaces.<w>.path)` for a workspace declared at a '
      + 'relative mountPath is reported once, on the workspace.',
    howToRelax:
      "`{ rule: RuleId.ABSOLUTE_PATHS, reason: '<why>', target }` with the finding's target: `RelaxationTarget.step('<name>')` or "
      + "`RelaxationTarget.sidecar('<name>')` for a workingDir (inside a pipeline task's embedded spec, "
      + "`RelaxationTarget.task('<task>', RelaxationTarget.step('<name>'))`; a StepAction's target is `step/<its name>`), none for a "
      + "workspace of a Task or TaskRun, `RelaxationTarget.task('<task>')` for one of a pipeline task's embedded spec; given to the "
      + "construct's `relaxations` or to `Relaxations.of(construct).add(...)`. The library refuses both at synth (VALID_SPEC), so "
      + `only YAML needs it: ${relaxAnnotation(RuleId.ABSOLUTE_PATHS, 'step/<name>: <why>')} (or \`*\` for a workspace), e.g. for a `
      + 'runtime that resolves a relative working directory itself.',
    relaxable: true,
  },
  (view) => {
    const wd = view.effective?.workingDir;
    if (typeof wd !== 'string' || containerPathStart(wd) !== 'relative') return [];
    const own = view.container?.workingDir;
    const fromTemplate = view.role === 'step' && !(typeof own === 'string' && own !== '');
    return [{ property: 'workingDir', value: wd, problem: fromTemplate ? `${RELATIVE_WORKING_DIR} (set by the stepTemplate)` : RELATIVE_WORKING_DIR }];
  },
  { stepActionsInTask: true },
);

/**
 * Steps, sidecars and StepActions work in absolute directories, and task workspaces mount
 * at absolute paths. Not a security control: a relative working directory never starts,
 * and a relative workspace mount path is not where the steps look.
 */
export const ABSOLUTE_PATHS: IRule = {
  ...WORKING_DIRS,
  check: (manifest, context) => [
    ...WORKING_DIRS.check(manifest, context),
    ...relativeMountPaths(manifest).map((p) => ({ rule: RuleId.ABSOLUTE_PATHS, kind: jsString(manifest?.kind ?? ''), name: objectName(manifest), ...p })),
  ],
};
