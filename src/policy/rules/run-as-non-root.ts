import { isBuildStrategy } from '../../private/build-strategies';
import { IRule, Severity } from '../rule';
import { containerRule, securityField, containerRelaxation, MERGED_STEP } from '../rule-builders';
import { RuleId } from '../rule-id';

/**
 * The IDs of a Shipwright build strategy's `spec.securityContext` that are 0: Shipwright's controller (v0.20.13,
 * steps/security_context.go `UpdateSecurityContext`) writes them over the securityContext of its own steps of each
 * BuildRun (source retrieval, image processing, waiter), whatever the strategy's steps set for themselves.
 */
function strategyRootIds(manifest: any) {
  if (!isBuildStrategy(manifest)) return [];
  const sc = manifest.spec.securityContext;
  if (sc === null || typeof sc !== 'object') return [];
  return (['runAsUser', 'runAsGroup'] as const).filter((f) => sc[f] === 0).map((f) => ({
    rule: RuleId.RUN_AS_NON_ROOT,
    kind: String(manifest.kind),
    name: String(manifest.metadata?.name ?? ''),
    property: `spec.securityContext.${f}`,
    value: '0',
    problem: `is the ${f === 'runAsUser' ? 'UID' : 'GID'} Shipwright's controller gives its own steps of every BuildRun in place of its configuration's (the source `
      + "retrieval that clones the Build's repository, the image processing that pushes the image with the output credentials, the waiter), "
      + `whatever the strategy's steps set for themselves: they run ${f === 'runAsUser' ? 'as root' : 'in the root group'}`,
    fix: 'Set spec.securityContext.runAsUser and runAsGroup to non-zero IDs (a step of the strategy may still set its own).',
  }));
}

/** Steps and sidecars run as a non-root user with a non-zero UID, and not in the root group. */
const CONTAINERS = containerRule(
  {
    id: RuleId.RUN_AS_NON_ROOT,
    severity: Severity.HIGH,
    title: 'Steps and sidecars run as a non-root user with a non-zero UID, and not in the root group',
    rationale:
      'Root in a container is root on the node as soon as any other isolation fails; the Pod Security "restricted" profile requires runAsNonRoot. '
      + 'The root group gives no capability, but every file of the image or of a volume that group root may write is the container\'s to change.',
    fix: 'Set securityContext.runAsNonRoot: true and a non-zero runAsUser, and a runAsGroup other than 0 if any (the library writes 65532 for both).',
    decidesFrom:
      'The `securityContext` of every step (' + MERGED_STEP + ') and sidecar of Tasks, TaskRuns, Pipelines and PipelineRuns (`tekton.dev` v1 '
      + 'or v1beta1, or no apiVersion; embedded `taskSpec`s and `pipelineSpec`s followed to any depth), and of every '
      + 'StepAction: `runAsNonRoot` must be the boolean `true` and `runAsUser` a number above 0, and a `runAsGroup` of 0 is a '
      + 'finding, as RUN_POD_SECURITY_CONTEXT finds a pod\'s `runAsGroup`, `fsGroup` or supplemental group 0. For a task spec embedded in a '
      + "TaskRun or in a PipelineRun's own pipelineSpec, the run's pod-level `runAsNonRoot`, `runAsUser` and `runAsGroup` (the per-task pod "
      + 'template\'s securityContext if it sets one, else the run-wide one) apply to the containers that do not set them, as '
      + 'Kubernetes applies them; the container\'s own value wins. A Shipwright build strategy\'s `spec.securityContext` `runAsUser` or `runAsGroup` '
      + 'of 0 is a finding of its own, whatever its steps set: Shipwright\'s controller (v0.20.13 `UpdateSecurityContext`) gives both to its own '
      + 'steps of every BuildRun (source retrieval, image processing, waiter) in place of its configuration\'s.',
    limits:
      "The image's USER is not consulted, nor the pod template of a run that refers to the Task or Pipeline by name (another "
      + 'run may use it without one): a Task or Pipeline is checked on its own, so a container that would inherit a non-root '
      + 'user from either is still a finding. Only a `runAsGroup` written as 0 is a finding: a container that sets none runs '
      + "in the group of the image's USER, or in group 0 when the image's /etc/passwd does not know the UID, as under "
      + "OpenShift's restricted SCC, which runs every container as an arbitrary UID in group 0 by design; that is not seen. "
      + 'The Pod Security "restricted" profile does not forbid group 0: a namespace that enforces it admits what this rule '
      + 'refuses (relax it for a container whose image expects group 0, e.g. files it writes that group root owns). '
      + 'Pods, Deployments and other workloads are not read, nor the '
      + 'init containers Tekton adds to the pod itself; a Task named by a resolver, bundle or hub reference is judged only '
      + 'when it is given as an object.',
    howToRelax: containerRelaxation(RuleId.RUN_AS_NON_ROOT, { props: 'A step with `runAsUser: 0` or `runAsGroup: 0` needs it.' }),
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
    if (sc.runAsGroup === 0) {
      problems.push({
        ...securityField(view, 'runAsGroup'),
        problem: 'is the root group: every file of the image or a volume that group root may write, the container may write (as at pod level, RUN_POD_SECURITY_CONTEXT)',
      });
    }
    return problems;
  },
  { securityUnderStepActions: true, eventListeners: true },
);

/** Steps and sidecars run as a non-root user with a non-zero UID, and not in the root group (and Shipwright's own steps, by a strategy's IDs). */
export const RUN_AS_NON_ROOT: IRule = {
  ...CONTAINERS,
  check: (manifest, context) => [...CONTAINERS.check(manifest, context), ...strategyRootIds(manifest)],
};
