import { BASELINE_CAPABILITY_NAMES } from '../../private/pod-security-standards';
import { Severity } from '../rule';
import { containerRule, securityField, relaxAnnotation, MERGED_STEP } from '../rule-builders';
import { RuleId } from '../rule-id';

const BASELINE = new Set(BASELINE_CAPABILITY_NAMES);

/** No step or sidecar is privileged, or adds a capability beyond those Pod Security baseline allows. */
export const NOT_PRIVILEGED = containerRule(
  {
    id: RuleId.NOT_PRIVILEGED,
    severity: Severity.HIGH,
    title: 'No step or sidecar is privileged, or adds a capability beyond those Pod Security baseline allows',
    rationale: 'A privileged container has every device and capability of the node: it is the node. SYS_ADMIN, SYS_PTRACE, '
      + 'SYS_MODULE, NET_ADMIN, BPF or ALL come close (mounts, other processes, kernel modules, the node\'s network): Pod Security '
      + 'baseline refuses them, and so do the admission policies whatever a DROP_ALL_CAPABILITIES record says.',
    fix: 'Remove securityContext.privileged; this rule cannot be relaxed (build images with a daemonless builder instead).',
    decidesFrom:
      '`securityContext.privileged` of every step (' + MERGED_STEP + ') and sidecar of Tasks, TaskRuns, Pipelines and PipelineRuns (`tekton.dev` v1 '
      + 'or v1beta1, or no apiVersion; embedded `taskSpec`s and `pipelineSpec`s followed to any depth), of every '
      + 'StepAction, and of the stepTemplate itself (it reaches the steps that run a StepAction, and a step whose '
      + '`privileged` is null): only the JSON boolean `true` is a finding. And `securityContext.capabilities.add` of the same '
      + 'containers: a name that is not exactly one of those Pod Security baseline allows (' + BASELINE_CAPABILITY_NAMES.join(', ')
      + ') is a finding, `ALL`, a `CAP_` prefix and lower case included, as Pod Security compares them; adding one of those is '
      + "DROP_ALL_CAPABILITIES' concern, which can be relaxed.",
    limits:
      "Other ways to the node are other rules' concern (host namespaces, hostPath, Windows host processes). "
      + 'Pods, Deployments and other workloads are not read, nor the init containers Tekton adds to the pod itself; a Task '
      + 'named by a resolver, bundle or hub reference is judged only when it is given as an object.',
    howToRelax:
      'Cannot be relaxed: no prop, `Relaxations.of(...)` or annotation waives it, and a ' + relaxAnnotation(RuleId.NOT_PRIVILEGED)
      + ' annotation is itself a RELAXATION_REASON finding. Remove `privileged` and build images with a daemonless builder '
      + '(kaniko, rootless BuildKit or Buildah) instead.',
    relaxable: false,
  },
  (view) => {
    const sc = view.effective?.securityContext;
    const problems: Array<{ property: string; value?: string; problem: string; fix?: string }> = sc?.privileged === true
      ? [{ ...securityField(view, 'privileged'), problem: 'is true' }] : [];
    const add = sc?.capabilities?.add;
    const beyond = Array.isArray(add) ? add.filter((c) => typeof c !== 'string' || !BASELINE.has(c)) : [];
    if (beyond.length > 0) {
      problems.push({
        property: 'securityContext.capabilities.add',
        value: JSON.stringify(add),
        problem: `adds ${beyond.map((c) => JSON.stringify(c)).join(', ')}, beyond the capabilities Pod Security baseline allows (${BASELINE_CAPABILITY_NAMES.join(', ')})`,
        fix: 'Add only capabilities of that list, each with a DROP_ALL_CAPABILITIES relaxation, or none; this rule cannot be relaxed.',
      });
    }
    return problems;
  },
  { includeStepTemplate: true, eventListeners: true },
);
