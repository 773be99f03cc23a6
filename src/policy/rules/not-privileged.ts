import { Severity } from '../rule';
import { containerRule, securityField, relaxAnnotation, MERGED_STEP } from '../rule-builders';
import { RuleId } from '../rule-id';

/** No step or sidecar is privileged. */
export const NOT_PRIVILEGED = containerRule(
  {
    id: RuleId.NOT_PRIVILEGED,
    severity: Severity.HIGH,
    title: 'No step or sidecar is privileged',
    rationale: 'A privileged container has every device and capability of the node: it is the node.',
    fix: 'Remove securityContext.privileged; this rule cannot be relaxed (build images with a daemonless builder instead).',
    decidesFrom:
      '`securityContext.privileged` of every step (' + MERGED_STEP + ') and sidecar of Tasks, TaskRuns, Pipelines and PipelineRuns (`tekton.dev` v1 '
      + 'or v1beta1, or no apiVersion; embedded `taskSpec`s and `pipelineSpec`s followed to any depth), of every '
      + 'StepAction, and of the stepTemplate itself (it reaches the steps that run a StepAction, and a step whose '
      + '`privileged` is null): only the JSON boolean `true` is a finding.',
    limits:
      "Other ways to the node are other rules' concern (capabilities, host namespaces, hostPath, Windows host processes). "
      + 'Pods, Deployments and other workloads are not read, nor the init containers Tekton adds to the pod itself; a Task '
      + 'named by a resolver, bundle or hub reference is judged only when it is given as an object.',
    howToRelax:
      'Cannot be relaxed: no prop, `Relaxations.of(...)` or annotation waives it, and a ' + relaxAnnotation(RuleId.NOT_PRIVILEGED)
      + ' annotation is itself a RELAXATION_REASON finding. Remove `privileged` and build images with a daemonless builder '
      + '(kaniko, rootless BuildKit or Buildah) instead.',
    relaxable: false,
  },
  (view) =>
    view.effective?.securityContext?.privileged === true
      ? [{ ...securityField(view, 'privileged'), problem: 'is true' }]
      : [],
  { includeStepTemplate: true },
);
