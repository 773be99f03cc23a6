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
    title: 'Run workspaces are fresh per run (volumeClaimTemplate, ReadWriteOnce)',
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
      const modes = asArray(w?.volumeClaimTemplate?.spec?.accessModes);
      const wide = modes.filter((m) => !SINGLE_NODE_MODES.has(m));
      if (w?.volumeClaimTemplate && (modes.length === 0 || wide.length > 0)) {
        return [{ location, target: `workspace/${w.name}`, property: 'volumeClaimTemplate.spec.accessModes', value: JSON.stringify(modes), problem: 'is not ReadWriteOnce only' }];
      }
      return [];
    });
  },
);
