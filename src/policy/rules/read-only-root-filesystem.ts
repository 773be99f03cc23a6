import { Severity } from '../rule';
import { containerRule, securityField, containerRelaxation, MERGED_STEP } from '../rule-builders';
import { RuleId } from '../rule-id';

/** Steps and sidecars have a read-only root filesystem (scratch space is WRITABLE_SCRATCH's). */
export const READ_ONLY_ROOT_FILESYSTEM = containerRule(
  {
    id: RuleId.READ_ONLY_ROOT_FILESYSTEM,
    severity: Severity.MEDIUM,
    title: 'Steps and sidecars have a read-only root filesystem',
    rationale: 'A writable root lets a compromised step replace the binaries the next command runs; scratch space belongs on emptyDir volumes.',
    fix: 'Set securityContext.readOnlyRootFilesystem: true (and mount emptyDir volumes where the tool writes, see WRITABLE_SCRATCH).',
    decidesFrom:
      '`securityContext.readOnlyRootFilesystem`, which must be the boolean `true`, of every step (' + MERGED_STEP + ') and sidecar of Tasks, TaskRuns, '
      + 'Pipelines and PipelineRuns (`tekton.dev` v1 or v1beta1, or no apiVersion; embedded `taskSpec`s and `pipelineSpec`s '
      + 'followed to any depth), and of every StepAction. Whether the step has writable scratch space (/tmp, $HOME) is '
      + "WRITABLE_SCRATCH's concern: a read-only root without it is as secure, it only may not run.",
    limits:
      'Whether the volumes mounted into the container are writable is not judged. '
      + 'Pods, Deployments and other workloads are not read, nor the init containers Tekton adds to the pod itself; a Task '
      + 'named by a resolver, bundle or hub reference is judged only when it is given as an object.',
    howToRelax: containerRelaxation(RuleId.READ_ONLY_ROOT_FILESYSTEM, { props: 'A step with `writableRootFilesystem: true` needs it.' }),
    relaxable: true,
  },
  (view) => (view.effective?.securityContext?.readOnlyRootFilesystem === true
    ? []
    : [{ ...securityField(view, 'readOnlyRootFilesystem'), problem: 'is not true' }]),
  { securityUnderStepActions: true, eventListeners: true },
);
