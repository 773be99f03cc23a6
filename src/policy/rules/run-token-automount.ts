import { asArray } from '../../private/containers';
import { podTemplatesOf } from '../../private/pods';
import { Severity } from '../rule';
import { kindIs, manifestRule, Problem } from '../rule-builders';
import { RuleId } from '../rule-id';

/**
 * Run pods do not mount a ServiceAccount token: the run-wide pod template sets
 * `automountServiceAccountToken: false`, no per-task template turns it back on,
 * and no template mounts a token through a projected volume.
 */
export const RUN_TOKEN_AUTOMOUNT = manifestRule(
  {
    id: RuleId.RUN_TOKEN_AUTOMOUNT,
    severity: Severity.HIGH,
    title: 'Run pods do not mount a ServiceAccount token',
    rationale: 'Build steps rarely call the Kubernetes API; a mounted token turns any code execution in a step into API access.',
    fix: 'Set podTemplate.automountServiceAccountToken: false, and mount no serviceAccountToken projection.',
    relaxable: true,
    appliesTo: kindIs('PipelineRun', 'TaskRun'),
  },
  (manifest) => podTemplatesOf(manifest).flatMap((pod) => {
    const problems: Problem[] = [];
    const where = pod.perTask ? { location: pod.location, target: pod.target } : {};
    const v = pod.template?.automountServiceAccountToken;
    if (!pod.perTask && v !== false) {
      problems.push({ property: `${pod.path}.automountServiceAccountToken`, value: v === undefined ? undefined : String(v), problem: 'is not false' });
    }
    // a per-task pod template may turn the token back on for one task
    if (pod.perTask && v === true) {
      problems.push({ ...where, property: `${pod.path}.automountServiceAccountToken`, value: 'true', problem: 'mounts the token' });
    }
    for (const volume of asArray(pod.template?.volumes)) {
      if (asArray(volume?.projected?.sources).some((source) => source?.serviceAccountToken !== undefined)) {
        problems.push({ ...where, property: `${pod.path}.volumes`, value: String(volume?.name), problem: 'projects a ServiceAccount token into the pod' });
      }
    }
    return problems;
  }),
);
