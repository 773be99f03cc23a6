import { mergeTemplate } from '../../private/containers';
import { seccompProfileRefusal } from '../../private/pod-security-standards';
import { Severity } from '../rule';
import { containerRule, containerRelaxation, MERGED_STEP, runsStepAction } from '../rule-builders';
import { RuleId } from '../rule-id';

/** Steps and sidecars run under the runtime's default seccomp profile (or a Localhost one). */
export const SECCOMP_RUNTIME_DEFAULT = containerRule(
  {
    id: RuleId.SECCOMP_RUNTIME_DEFAULT,
    severity: Severity.MEDIUM,
    title: 'Steps and sidecars use the RuntimeDefault or a Localhost seccomp profile',
    rationale: 'Seccomp blocks the rarely used system calls most kernel exploits need; Kubernetes runs containers Unconfined unless told otherwise.',
    fix: 'Set securityContext.seccompProfile.type: RuntimeDefault.',
    decidesFrom:
      '`securityContext.seccompProfile.type` of every step (' + MERGED_STEP + ') and sidecar of Tasks, TaskRuns, Pipelines and PipelineRuns '
      + '(`tekton.dev` v1 or v1beta1, or no apiVersion; embedded `taskSpec`s and `pipelineSpec`s followed to any depth), and '
      + 'of every StepAction: `RuntimeDefault` or `Localhost` passes; unset, `Unconfined` or any other value is a finding, and so '
      + 'is a profile, as merged, that the API server refuses (`Localhost` without a `localhostProfile`, a `localhostProfile` '
      + 'with another type: a step\'s `RuntimeDefault` over a stepTemplate\'s Localhost profile keeps its `localhostProfile`) or '
      + 'whose empty `localhostProfile` the kubelet cannot load. '
      + "For a task spec embedded in a TaskRun or in a PipelineRun's own pipelineSpec, the run's pod-level `seccompProfile` "
      + "applies to the containers that set none, as Kubernetes applies it; the container's own profile wins.",
    limits:
      'The pod template of a run that refers to the Task or Pipeline by name is not consulted (another run may use it '
      + 'without one), so a Task or Pipeline container that would inherit a profile from it is still a finding '
      + '(RUN_POD_SECURITY_CONTEXT checks the pod level); what a Localhost profile on the node allows is not '
      + 'known. Pods, Deployments and other workloads are not read, nor the init containers Tekton adds to the pod itself; a '
      + 'Task named by a resolver, bundle or hub reference is judged only when it is given as an object.',
    howToRelax: containerRelaxation(RuleId.SECCOMP_RUNTIME_DEFAULT),
    relaxable: true,
  },
  (view) => {
    const type = view.effective?.securityContext?.seccompProfile?.type;
    const problems: Array<{ property: string; value?: string; problem: string }> = type === 'RuntimeDefault' || type === 'Localhost'
      ? []
      : [{ property: 'securityContext.seccompProfile.type', value: type, problem: 'is not RuntimeDefault' }];
    // the container's own profile, the stepTemplate's merged in (one it takes from the pod is RUN_POD_SECURITY_CONTEXT's)
    const own = runsStepAction(view) ? view.effective : mergeTemplate(view.template, view.container);
    const refusal = seccompProfileRefusal(own?.securityContext?.seccompProfile, 'the pod');
    if (refusal !== undefined) problems.push({ property: 'securityContext.seccompProfile.localhostProfile', ...refusal });
    return problems;
  },
  { securityUnderStepActions: true, eventListeners: true },
);
