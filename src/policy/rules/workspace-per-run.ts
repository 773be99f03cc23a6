import { asArray } from '../../private/containers';
import { Severity } from '../rule';
import { kindIs, manifestRule } from '../rule-builders';
import { RuleId } from '../rule-id';

const SINGLE_NODE_MODES = new Set(['ReadWriteOnce', 'ReadWriteOncePod']);

/** Run workspaces are fresh per run: volumeClaimTemplate with ReadWriteOnce only, never a shared PVC. */
export const WORKSPACE_PER_RUN = manifestRule(
  {
    id: RuleId.WORKSPACE_PER_RUN,
    severity: Severity.HIGH,
    title: 'Run workspaces are fresh per run: no shared claim, and claim templates ReadWriteOnce with no existing data',
    rationale:
      'A shared or ReadWriteMany volume outlives the run and is visible to other runs: one poisoned build poisons the next, and secrets left behind leak.',
    fix: 'Use a volumeClaimTemplate with accessModes [ReadWriteOnce] (RunWorkspace.volumeClaimTemplate).',
    relaxable: true,
    appliesTo: kindIs('PipelineRun', 'TaskRun'),
  },
  (manifest) => {
    if (manifest?.kind !== 'PipelineRun' && manifest?.kind !== 'TaskRun') return [];
    return asArray(manifest.spec?.workspaces).flatMap((w) => {
      const location = `workspace '${w?.name}'`;
      if (w?.persistentVolumeClaim) {
        return [{ location, target: `workspace/${w.name}`, property: 'persistentVolumeClaim.claimName', value: w.persistentVolumeClaim.claimName, problem: 'is a shared PersistentVolumeClaim' }];
      }
      const spec = w?.volumeClaimTemplate?.spec;
      const modes = asArray(spec?.accessModes);
      const wide = modes.filter((m) => !SINGLE_NODE_MODES.has(m));
      const target = `workspace/${w?.name}`;
      const problems = [];
      if (w?.volumeClaimTemplate && (modes.length === 0 || wide.length > 0)) {
        problems.push({ location, target, property: 'volumeClaimTemplate.spec.accessModes', value: JSON.stringify(modes), problem: 'is not ReadWriteOnce only' });
      }
      // a "fresh" claim that clones or binds an existing volume starts with another run's data
      for (const field of ['dataSource', 'dataSourceRef']) {
        if (spec?.[field] !== undefined && spec[field] !== null) {
          problems.push({ location, target, property: `volumeClaimTemplate.spec.${field}`, value: `${spec[field]?.kind ?? ''}/${spec[field]?.name ?? ''}`, problem: 'starts the volume from existing data' });
        }
      }
      if (typeof spec?.volumeName === 'string' && spec.volumeName !== '') {
        problems.push({ location, target, property: 'volumeClaimTemplate.spec.volumeName', value: spec.volumeName, problem: 'binds an existing PersistentVolume' });
      }
      return problems;
    });
  },
);
