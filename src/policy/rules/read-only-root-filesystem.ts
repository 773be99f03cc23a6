import { asArray } from '../../private/containers';
import { Severity } from '../rule';
import { containerRule, securityField, containerRelaxation } from '../rule-builders';
import { RuleId } from '../rule-id';

/** Paths that must stay writable (through emptyDir volumes) when the root filesystem is read-only. */
function writablePaths(container: any): string[] {
  const home = asArray(container?.env).find((e) => e?.name === 'HOME')?.value;
  return typeof home === 'string' && home !== '' ? ['/tmp', home] : ['/tmp'];
}

/** Steps and sidecars have a read-only root filesystem, with emptyDir volumes for /tmp and $HOME. */
export const READ_ONLY_ROOT_FILESYSTEM = containerRule(
  {
    id: RuleId.READ_ONLY_ROOT_FILESYSTEM,
    severity: Severity.MEDIUM,
    title: 'Steps and sidecars have a read-only root filesystem, with emptyDir for /tmp and $HOME',
    rationale: 'A writable root lets a compromised step replace the binaries the next command runs; scratch space belongs on emptyDir volumes.',
    fix: 'Set securityContext.readOnlyRootFilesystem: true and mount emptyDir volumes at /tmp and $HOME.',
    decidesFrom:
      '`securityContext.readOnlyRootFilesystem`, which must be the boolean `true`, of every step (the stepTemplate merged '
      + 'under it: the step wins field by field, its securityContext merged one level deeper) and sidecar of Tasks, TaskRuns, '
      + 'Pipelines and PipelineRuns (`tekton.dev` v1 or v1beta1, or no apiVersion; embedded `taskSpec`s and `pipelineSpec`s '
      + 'followed 8 levels deep), and of every StepAction. Then, for steps and sidecars of a task spec, the `volumeMounts` '
      + "(the stepTemplate's and the container's) must mount an `emptyDir` volume of the task's `spec.volumes` at exactly "
      + '`/tmp`, and at the value of `HOME` when `env` sets it.',
    limits:
      "A StepAction is checked for `readOnlyRootFilesystem` only, since its volumes are the Task's. `$HOME` is checked only "
      + "when `env` sets `HOME` (the image's home directory is not known). Where both the stepTemplate and the step set "
      + "`HOME`, the template's value is checked, and where both mount something at `/tmp`, an emptyDir in either passes, "
      + "though Tekton uses the step's. Paths are compared as written, and whether other mounts are writable is not judged. "
      + 'Pods, Deployments and other workloads are not read, nor the init containers Tekton adds to the pod itself; a Task '
      + 'named by a resolver, bundle or hub reference is judged only when it is given as an object.',
    howToRelax: containerRelaxation(RuleId.READ_ONLY_ROOT_FILESYSTEM, { props: 'A step with `writableRootFilesystem: true` needs it.' }),
    relaxable: true,
  },
  (view) => {
    const c = view.effective;
    if (c?.securityContext?.readOnlyRootFilesystem !== true) {
      return [{ ...securityField(view, 'readOnlyRootFilesystem'), problem: 'is not true' }];
    }
    // a StepAction's volumes are the Task's: only whether it writes its root filesystem is its own
    if (!view.volumesKnown) return [];
    const emptyDirs = new Set(view.volumes.filter((v) => v?.emptyDir).map((v) => v.name));
    return writablePaths(c)
      .filter((path) => !asArray(c.volumeMounts).some((m) => m?.mountPath === path && emptyDirs.has(m.name)))
      .map((path) => ({ property: 'volumeMounts', value: path, problem: 'has no emptyDir volume mounted' }));
  },
);
