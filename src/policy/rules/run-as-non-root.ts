import { Severity } from '../rule';
import { containerRule, securityField, containerRelaxation, MERGED_STEP } from '../rule-builders';
import { RuleId } from '../rule-id';

/** Steps and sidecars run as a non-root user with a non-zero UID. */
export const RUN_AS_NON_ROOT = containerRule(
  {
    id: RuleId.RUN_AS_NON_ROOT,
    severity: Severity.HIGH,
    title: 'Steps and sidecars run as a non-root user with a non-zero UID',
    rationale:
      'Root in a container is root on the node as soon as any other isolation fails; the Pod Security "restricted" profile requires runAsNonRoot.',
    fix: 'Set securityContext.runAsNonRoot: true and a non-zero runAsUser (the library writes 65532).',
    decidesFrom:
      'The `securityContext` of every step (' + MERGED_STEP + ') and sidecar of Tasks, TaskRuns, Pipelines and PipelineRuns (`tekton.dev` v1 '
      + 'or v1beta1, or no apiVersion; embedded `taskSpec`s and `pipelineSpec`s followed to any depth), and of every '
      + 'StepAction: `runAsNonRoot` must be the boolean `true` and `runAsUser` a number above 0. For a task spec embedded in a '
      + "TaskRun or in a PipelineRun's own pipelineSpec, the run's pod-level `runAsNonRoot` and `runAsUser` (the per-task pod "
      + 'template\'s securityContext if it sets one, else the run-wide one) apply to the containers that do not set them, as '
      + 'Kubernetes applies them; the container\'s own value wins.',
    limits:
      "The image's USER is not consulted, nor the pod template of a run that refers to the Task or Pipeline by name (another "
      + 'run may use it without one): a Task or Pipeline is checked on its own, so a container that would inherit a non-root '
      + 'user from either is still a finding; a container `runAsGroup` of 0 is not checked '
      + '(RUN_POD_SECURITY_CONTEXT checks root IDs at pod level). Pods, Deployments and other workloads are not read, nor the '
      + 'init containers Tekton adds to the pod itself; a Task named by a resolver, bundle or hub reference is judged only '
      + 'when it is given as an object.',
    howToRelax: containerRelaxation(RuleId.RUN_AS_NON_ROOT, { props: 'A step with `runAsUser: 0` needs it.' }),
    relaxable: true,
  },
  (view) => {
    const sc = view.effective?.securityContext ?? {};
    const problems = [];
    if (sc.runAsNonRoot !== true) {
      problems.push({ ...securityField(view, 'runAsNonRoot'), problem: 'is not true' });
    }
    if (!(typeof sc.runAsUser === 'number' && sc.runAsUser > 0)) {
      problems.push({ ...securityField(view, 'runAsUser'), problem: 'is not a non-zero UID' });
    }
    return problems;
  },
  { securityUnderStepActions: true },
);
