import { asArray } from '../../private/containers';
import { Severity } from '../rule';
import { kindIs, manifestRule, relaxAnnotation } from '../rule-builders';
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
    decidesFrom:
      '`spec.workspaces` of PipelineRuns and TaskRuns: a `persistentVolumeClaim` binding is a finding; a '
      + '`volumeClaimTemplate` must list access modes, all of them `ReadWriteOnce` or `ReadWriteOncePod`, and must not set '
      + '`dataSource`, `dataSourceRef` or `volumeName`. Other bindings (`emptyDir`, `secret`, `configMap`, `csi`, '
      + '`projected`) pass.',
    limits:
      "What the storage class and provisioner do (retained or reused disks, snapshots) is not seen, nor Tekton's affinity "
      + 'assistant and coschedule settings. A ReadWriteOnce volume is still shared by the pods of one run. Only the runs '
      + 'checked are judged: runs that TriggerTemplates, `tkn` or other tools create later are not seen.',
    howToRelax:
      "`{ rule: RuleId.WORKSPACE_PER_RUN, reason: '<why>', target: RelaxationTarget.workspace('<name>') }`, given to the "
      + "SecurePipelineRun's `relaxations` (`RunWorkspace.persistentVolumeClaim(...)` or a wider access mode needs one) or to "
      + '`Relaxations.of(construct).add(...)`. In YAML for the audit: '
      + relaxAnnotation(RuleId.WORKSPACE_PER_RUN, 'workspace/<name>: <why>') + ' on the run.',
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
