import { Severity } from '../rule';
import { kindIs, manifestRule } from '../rule-builders';
import { RuleId } from '../rule-id';

/** A zero timeout means "no timeout" to Tekton. */
function isUnbounded(timeout: any): boolean {
  return typeof timeout !== 'string' || timeout === '' || /^0+(h|m|s|ms)?$/.test(timeout) || /^(0+[hms])+$/.test(timeout);
}

/** Runs set an overall, finite timeout. */
export const RUN_TIMEOUT = manifestRule(
  {
    id: RuleId.RUN_TIMEOUT,
    severity: Severity.LOW,
    title: 'Runs set a finite overall timeout',
    rationale: 'A run that never ends holds its credentials, volumes and node resources for ever; a hung or hijacked step should be killed.',
    fix: 'Set timeouts.pipeline (PipelineRun) or timeout (TaskRun) to a finite duration such as "1h0m0s".',
    relaxable: true,
    appliesTo: kindIs('PipelineRun', 'TaskRun'),
  },
  (manifest) => {
    if (manifest?.kind === 'PipelineRun') {
      const t = manifest.spec?.timeouts?.pipeline;
      return isUnbounded(t) ? [{ property: 'timeouts.pipeline', value: t, problem: 'is not a finite duration' }] : [];
    }
    if (manifest?.kind === 'TaskRun') {
      const t = manifest.spec?.timeout;
      return isUnbounded(t) ? [{ property: 'timeout', value: t, problem: 'is not a finite duration' }] : [];
    }
    return [];
  },
);
