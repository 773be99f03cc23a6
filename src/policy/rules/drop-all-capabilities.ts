import { Severity } from '../rule';
import { containerRule, containerRelaxation, MERGED_STEP } from '../rule-builders';
import { RuleId } from '../rule-id';

/** Steps and sidecars drop every Linux capability and add none back. */
export const DROP_ALL_CAPABILITIES = containerRule(
  {
    id: RuleId.DROP_ALL_CAPABILITIES,
    severity: Severity.MEDIUM,
    title: 'Steps and sidecars drop ALL capabilities and add none',
    rationale: 'Capabilities are slices of root; a build step needs none of them, and each one widens what an exploit can do.',
    fix: 'Set securityContext.capabilities.drop: [ALL] with no add.',
    decidesFrom:
      '`securityContext.capabilities` of every step (' + MERGED_STEP + ') and sidecar of Tasks, TaskRuns, Pipelines and PipelineRuns (`tekton.dev` v1 '
      + 'or v1beta1, or no apiVersion; embedded `taskSpec`s and `pipelineSpec`s followed to any depth), and of every '
      + "StepAction: `drop` must be a list holding the exact string `ALL`, and `add` must be absent or empty. A step's "
      + "`capabilities` is merged key by key over the template's, so a step's `add` keeps the template's `drop`, and a step's "
      + "empty `add: []` or `drop: []` keeps the template's list.",
    limits:
      'Names are compared exactly (`all` is not `ALL`), and no added capability is judged harmless: `NET_BIND_SERVICE` is a '
      + 'finding like `SYS_ADMIN`. File capabilities inside the image are not seen. Pods, Deployments and other workloads are '
      + 'not read, nor the init containers Tekton adds to the pod itself; a Task named by a resolver, bundle or hub reference '
      + 'is judged only when it is given as an object.',
    howToRelax: containerRelaxation(RuleId.DROP_ALL_CAPABILITIES, { props: 'A step with `addCapabilities` needs it.' }),
    relaxable: true,
  },
  (view) => {
    const caps = view.effective?.securityContext?.capabilities ?? {};
    const problems = [];
    if (!(Array.isArray(caps.drop) && caps.drop.includes('ALL'))) {
      problems.push({
        property: 'securityContext.capabilities.drop',
        value: caps.drop === undefined ? undefined : JSON.stringify(caps.drop),
        problem: 'does not include ALL',
      });
    }
    if (Array.isArray(caps.add) && caps.add.length > 0) {
      problems.push({ property: 'securityContext.capabilities.add', value: JSON.stringify(caps.add), problem: 'adds capabilities' });
    }
    return problems;
  },
  { securityUnderStepActions: true, eventListeners: true },
);
