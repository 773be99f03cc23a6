import { asArray } from '../../private/containers';
import { Severity } from '../rule';
import { kindIs, manifestRule } from '../rule-builders';
import { RuleId } from '../rule-id';

/** Runs use a dedicated ServiceAccount, never `default`. */
export const RUN_SERVICE_ACCOUNT = manifestRule(
  {
    id: RuleId.RUN_SERVICE_ACCOUNT,
    severity: Severity.HIGH,
    title: 'Runs use a dedicated ServiceAccount, never default',
    rationale:
      'The namespace default ServiceAccount is shared by every pod that names none; whatever it is granted, every such pod gets. A run needs its own identity with exactly its grants.',
    fix: 'Set a dedicated serviceAccountName (SecurePipeline creates one).',
    relaxable: true,
    appliesTo: kindIs('PipelineRun', 'TaskRun'),
  },
  (manifest) => {
    const names: Array<{ property: string; value: any; location?: string; target?: string }> = [];
    if (manifest?.kind === 'PipelineRun') {
      const spec = manifest.spec;
      // v1beta1 names the run's account spec.serviceAccountName, and a task's taskServiceAccountName
      if (spec?.taskRunTemplate === undefined && spec?.serviceAccountName !== undefined) {
        names.push({ property: 'serviceAccountName', value: spec.serviceAccountName });
      } else {
        names.push({ property: 'taskRunTemplate.serviceAccountName', value: spec?.taskRunTemplate?.serviceAccountName });
      }
      for (const s of asArray(spec?.taskRunSpecs)) {
        for (const field of ['serviceAccountName', 'taskServiceAccountName']) {
          if (s?.[field] !== undefined) {
            names.push({ location: `taskRunSpec '${s.pipelineTaskName}'`, target: `task/${s.pipelineTaskName}`, property: field, value: s[field] });
          }
        }
      }
      // v1beta1 serviceAccountNames: [{ taskName, serviceAccountName }]
      for (const s of asArray(spec?.serviceAccountNames)) {
        names.push({ location: `serviceAccountNames '${s?.taskName}'`, target: `task/${s?.taskName}`, property: 'serviceAccountName', value: s?.serviceAccountName });
      }
    } else if (manifest?.kind === 'TaskRun') {
      names.push({ property: 'serviceAccountName', value: manifest.spec?.serviceAccountName });
    }
    return names
      .filter((n) => typeof n.value !== 'string' || n.value === '' || n.value === 'default')
      .map((n) => ({ ...n, value: n.value === undefined ? undefined : String(n.value), problem: n.value === undefined ? 'is not set (the namespace default is used)' : 'is the namespace default' }));
  },
);
