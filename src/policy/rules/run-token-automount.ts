import { asArray, podTemplateOf } from '../../private/containers';
import { Severity } from '../rule';
import { kindIs, manifestRule, Problem } from '../rule-builders';
import { RuleId } from '../rule-id';

/** Run pods do not mount a ServiceAccount token. */
export const RUN_TOKEN_AUTOMOUNT = manifestRule(
  {
    id: RuleId.RUN_TOKEN_AUTOMOUNT,
    severity: Severity.HIGH,
    title: 'Run pods do not mount a ServiceAccount token',
    rationale: 'Build steps rarely call the Kubernetes API; a mounted token turns any code execution in a step into API access.',
    fix: 'Set podTemplate.automountServiceAccountToken: false.',
    relaxable: true,
    appliesTo: kindIs('PipelineRun', 'TaskRun'),
  },
  (manifest) => {
    const pod = podTemplateOf(manifest);
    if (!pod) return [];
    const v = pod.template?.automountServiceAccountToken;
    const problems: Problem[] = v === false ? [] : [{ property: `${pod.path}.automountServiceAccountToken`, value: v === undefined ? undefined : String(v), problem: 'is not false' }];
    // a per-task pod template may turn the token back on for one task
    for (const spec of manifest.kind === 'PipelineRun' ? asArray(manifest.spec?.taskRunSpecs) : []) {
      if (spec?.podTemplate?.automountServiceAccountToken === true) {
        problems.push({
          location: `taskRunSpec '${spec.pipelineTaskName}'`,
          target: `task/${spec.pipelineTaskName}`,
          property: 'podTemplate.automountServiceAccountToken',
          value: 'true',
          problem: 'mounts the token',
        });
      }
    }
    return problems;
  },
);
