import { Severity } from '../rule';
import { containerRule, securityField, containerRelaxation, MERGED_STEP } from '../rule-builders';
import { RuleId } from '../rule-id';

/** Steps and sidecars cannot gain privileges (setuid binaries, file capabilities). */
export const NO_PRIVILEGE_ESCALATION = containerRule(
  {
    id: RuleId.NO_PRIVILEGE_ESCALATION,
    severity: Severity.HIGH,
    title: 'Steps and sidecars set allowPrivilegeEscalation: false',
    rationale: 'Without it a process can gain more privileges than its parent through setuid binaries or file capabilities.',
    fix: 'Set securityContext.allowPrivilegeEscalation: false.',
    decidesFrom:
      '`securityContext.allowPrivilegeEscalation` of every step (' + MERGED_STEP + ') and sidecar of Tasks, TaskRuns, Pipelines and PipelineRuns '
      + '(`tekton.dev` v1 or v1beta1, or no apiVersion; embedded `taskSpec`s and `pipelineSpec`s followed to any depth), and '
      + 'of every StepAction: anything but the boolean `false`, unset included, is a finding.',
    limits:
      "Setuid binaries and file capabilities inside the image are not looked for, and Tekton's `set-security-context` flag, "
      + "which sets it on the containers Tekton adds, is TEKTON_FEATURE_FLAGS' concern. Pods, Deployments and other workloads "
      + 'are not read, nor the init containers Tekton adds to the pod itself; a Task named by a resolver, bundle or hub '
      + 'reference is judged only when it is given as an object.',
    howToRelax: containerRelaxation(RuleId.NO_PRIVILEGE_ESCALATION, { props: 'A step with `allowPrivilegeEscalation: true` needs it.' }),
    relaxable: true,
  },
  (view) =>
    view.effective?.securityContext?.allowPrivilegeEscalation === false
      ? []
      : [{ ...securityField(view, 'allowPrivilegeEscalation'), problem: 'is not false' }],
  { securityUnderStepActions: true, eventListeners: true },
);
