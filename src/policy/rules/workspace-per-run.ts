import { asArray, specPlace, taskSpecsOf } from '../../private/containers';
import { DECODED_SHAPES } from '../../private/field-names';
import { goJsonField } from '../../private/go-json';
import { isKubeletDigestPinned, kubeletRefusedDigest, lowerCasedDigest, repositoryOf } from '../../private/image-references';
import {
  CONFIG_DEFAULTS_OBJECT_TEXT, configDefaultsKeyReaches, DEFAULT_POD_TEMPLATE_KEY, DEFAULT_POD_TEMPLATE_TEXT, DEFAULT_WORKSPACE_BINDING_KEY,
  defaultWorkspaceBinding, inConfigDefaultsReading, isConfigDefaultsNamed, podTemplatesOf, writesConfigDefaults,
} from '../../private/pods';
import { UPPER_CASE_DIGEST } from '../../private/remote-refs';
import { chosenTemplate } from '../../private/templates';
import { jsString } from '../../private/text';
import { PER_POD_CSI_DRIVERS, PER_POD_VOLUME_SOURCES } from '../../private/volume-sources';
import { Severity } from '../rule';
import { followingLoops, Problem, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

const SINGLE_NODE_MODES = new Set(['ReadWriteOnce', 'ReadWriteOncePod']);

/** The fields of a Kubernetes Volume. */
const VOLUME_FIELDS: readonly string[] = Object.keys(DECODED_SHAPES['core.Volume'] as object);

/** The problem of an inline CSI volume or binding whose driver is not known to make a volume per pod. */
function csiProblem(csi: any, property: string): Problem | undefined {
  if (csi === undefined || csi === null) return undefined;
  const driver = typeof csi?.driver === 'string' ? csi.driver : jsString(csi?.driver);
  if (PER_POD_CSI_DRIVERS.includes(driver)) return undefined;
  return { property: `${property}.driver`, value: driver, problem: `is a CSI driver not known to make a fresh volume per pod (known: ${PER_POD_CSI_DRIVERS.join(', ')}), so the volume may hold what another run left` };
}

/** The annotation the PV controller reads a claim's class from before `spec.storageClassName` (k8s core.BetaStorageClassAnnotation). */
const BETA_STORAGE_CLASS = 'volume.beta.kubernetes.io/storage-class';

/**
 * A claim template's fields that start a "fresh" volume from existing data (another run's);
 * `prefix` is the template's path.
 */
function existingData(template: any, prefix: string): Problem[] {
  const spec = template?.spec;
  const problems: Problem[] = [];
  for (const field of ['dataSource', 'dataSourceRef']) {
    if (spec?.[field] !== undefined && spec[field] !== null) {
      problems.push({ property: `${prefix}.spec.${field}`, value: `${spec[field]?.kind ?? ''}/${jsString(spec[field]?.name ?? '')}`, problem: 'starts the volume from existing data' });
    }
  }
  if (typeof spec?.volumeName === 'string' && spec.volumeName !== '') {
    problems.push({ property: `${prefix}.spec.volumeName`, value: spec.volumeName, problem: 'binds an existing PersistentVolume' });
  }
  // a selector, or no storage class (""), leaves dynamic provisioning out: only an existing volume can bind
  // any selector, `{}` too: provisioners refuse to provision for a claim with one, and `{}` matches every volume
  const selector = spec?.selector;
  if (selector !== null && selector !== undefined) {
    problems.push({ property: `${prefix}.spec.selector`, value: JSON.stringify(selector), problem: 'binds only an existing PersistentVolume that matches it (provisioners refuse a claim with a selector)' });
  }
  // the claim's class is the beta annotation's when it has one, any value (k8s pkg/apis/core/helper GetPersistentVolumeClaimClass,
  // which the PV controller uses; the DefaultStorageClass admission plugin leaves such a claim alone): "" (or null, which
  // Go reads as "") binds only an existing volume without a class, whatever spec.storageClassName says
  const annotations = template?.metadata?.annotations;
  if (annotations !== null && typeof annotations === 'object' && Object.prototype.hasOwnProperty.call(annotations, BETA_STORAGE_CLASS)) {
    const value = annotations[BETA_STORAGE_CLASS];
    if (value === '' || value === null) {
      problems.push({
        property: `${prefix}.metadata.annotations["${BETA_STORAGE_CLASS}"]`,
        value: '',
        problem: 'asks for no storage class (the PV controller reads this annotation before spec.storageClassName), so only an existing PersistentVolume can bind',
        fix: `Remove the ${BETA_STORAGE_CLASS} annotation and name a storage class in spec.storageClassName.`,
      });
    }
  } else if (spec?.storageClassName === '') {
    problems.push({ property: `${prefix}.spec.storageClassName`, value: '', problem: 'asks for no storage class, so only an existing PersistentVolume can bind' });
  }
  return problems;
}

/**
 * Volumes of a task spec or a run's pod template that hold what another run left: an existing
 * PersistentVolumeClaim, or a generic ephemeral volume whose claim starts from existing data.
 */
function volumeProblems(volumes: unknown, property: string): Problem[] {
  return asArray(volumes).flatMap((v) => {
    const name = jsString(v?.name);
    if (v?.persistentVolumeClaim !== undefined && v.persistentVolumeClaim !== null) {
      return [{ property, value: name, problem: `mounts the existing PersistentVolumeClaim "${jsString(v.persistentVolumeClaim?.claimName)}", which runs share` }];
    }
    if (v === null || typeof v !== 'object') return [];
    // each key as Tekton's webhook decodes it (a key that is no field is refused there)
    const shared = Object.keys(v).filter((k) => v[k] !== null && v[k] !== undefined)
      .map((k) => goJsonField(k, VOLUME_FIELDS)).filter((f): f is string => f !== undefined && f !== 'name' && !PER_POD_VOLUME_SOURCES.includes(f));
    if (shared.length > 0) return [{ property, value: name, problem: `mounts ${shared[0]} storage, which outlives the run and other runs can mount` }];
    // an image volume by tag holds whatever was last pushed to the tag (by an earlier run, say)
    const reference = v.image?.reference;
    // a digest in upper-case hex: no tag, but the kubelet refuses the reference
    const lowered = typeof reference === 'string' && chosenTemplate(reference) === undefined ? lowerCasedDigest(reference) : undefined;
    if (lowered !== undefined) {
      return [{
        property: `${property}.image.reference`,
        value: reference,
        problem: `${UPPER_CASE_DIGEST}: the kubelet refuses the image, so no pod mounts it (volume "${name}")`,
        fix: `Write the digest in lower case: "${lowered}".`,
      }];
    }
    // a digest the kubelet's reference parser refuses (`@sha512:` of another length): no tag, but no pod mounts the image
    const refused = typeof reference === 'string' && chosenTemplate(reference) === undefined && !reference.includes('$(') ? kubeletRefusedDigest(reference) : undefined;
    if (refused !== undefined) {
      return [{
        property: `${property}.image.reference`,
        value: reference,
        problem: `has ${refused}, so no pod mounts it (volume "${name}")`,
        fix: `Pin it by its whole digest: "${repositoryOf(reference as string)}@sha256:<64 hex>".`,
      }];
    }
    // the kubelet pulls an image volume by a sha384 or sha512 digest as by a sha256 one (no entrypoint is looked up)
    if (typeof reference === 'string' && !isKubeletDigestPinned(reference)) {
      return [{ property: `${property}.image.reference`, value: reference, problem: `mounts an image by tag, which holds whatever was last pushed to it (volume "${name}")` }];
    }
    // a template pasted into the YAML before it is read (Helm's, Pipelines-as-Code's) can end the reference before its digest
    const template = typeof reference === 'string' ? chosenTemplate(reference) : undefined;
    if (template !== undefined) {
      return [{
        property: `${property}.image.reference`,
        value: reference,
        problem: `holds ${template}, which is pasted into the YAML before it is read: its text can end the reference there, so the digest after it may not be part of it (volume "${name}")`,
      }];
    }
    const csi = csiProblem(v.csi, `${property}.csi`);
    const found = [...(csi ? [csi] : []), ...existingData(v.ephemeral?.volumeClaimTemplate, `${property}.ephemeral.volumeClaimTemplate`)];
    return found.map((p) => ({ ...p, problem: `${p.problem} (volume "${name}")` }));
  });
}

/** Run workspaces are fresh per run: volumeClaimTemplate with ReadWriteOnce only, never a shared PVC. */
export const WORKSPACE_PER_RUN = followingLoops(
  {
    id: RuleId.WORKSPACE_PER_RUN,
    severity: Severity.HIGH,
    title: 'Run workspaces and volumes are fresh per run: no shared claim, and claim templates ReadWriteOnce with no existing data',
    rationale:
      'A shared or ReadWriteMany volume outlives the run and is visible to other runs: one poisoned build poisons the next, and secrets left behind leak.',
    fix: 'Use a volumeClaimTemplate with accessModes [ReadWriteOnce] (RunWorkspace.volumeClaimTemplate).',
    decidesFrom:
      '`spec.workspaces` of PipelineRuns and TaskRuns: a `persistentVolumeClaim` binding is a finding; a '
      + '`volumeClaimTemplate` must list access modes, all of them `ReadWriteOnce` or `ReadWriteOncePod`, and must not set '
      + '`dataSource`, `dataSourceRef`, `volumeName`, a `selector` (even `{}`) or no storage class: `storageClassName: ""`, or '
      + 'the annotation `volume.beta.kubernetes.io/storage-class: ""`, which the PV controller reads first (so `storageClassName` '
      + 'counts only without it) (each binds an existing volume or starts from existing data); a `csi` binding must use a driver known to make a volume per pod '
      + '(`secrets-store.csi.k8s.io`, `csi.cert-manager.io`, `csi.spiffe.io`). Other bindings (`emptyDir`, `secret`, '
      + '`configMap`, `projected`) pass. The same for volumes, which steps mount as they mount workspaces: in the '
      + '`spec.volumes` of every task spec of Tasks, TaskRuns, Pipelines and PipelineRuns (embedded specs included) and in '
      + 'every pod template of a run, only volumes made for the pod pass (`emptyDir`, `configMap`, `secret`, `projected`, '
      + 'an `image` pinned by digest, with no `{{…}}` template before it that Helm or Pipelines-as-Code pastes into the YAML '
      + 'before it is read, as IMAGE_DIGEST reads one, a digest in upper-case hex, of another algorithm or of another length (`@sha512:` with 96 hex digits) reported as one the kubelet refuses; `hostPath` and `gitRepo` are NO_HOST_ACCESS\'s), an inline `csi` volume of one of those drivers, '
      + 'and a generic `ephemeral` volume whose claim binds no existing volume as above (its access modes do not matter: '
      + 'the claim lives as long as the pod); a `persistentVolumeClaim`, `nfs`, `iscsi`, `cephfs`, `rbd`, cloud disk or any '
      + 'other source is a finding.' + DEFAULT_POD_TEMPLATE_TEXT + ' Its `default-task-run-workspace-binding`, which the '
      + 'TaskRun reconciler decodes the same way and copies to every non-optional workspace a TaskRun leaves unbound (its '
      + '`persistentVolumeClaim`, `volumeClaimTemplate`, `emptyDir`, `configMap` and `secret`; Tekton drops its `csi` and '
      + '`projected`), is judged as a run\'s workspace binding.' + CONFIG_DEFAULTS_OBJECT_TEXT,
    limits:
      "What the storage class and provisioner do (retained or reused disks, snapshots) is not seen, nor Tekton's affinity "
      + 'assistant and coschedule settings. A ReadWriteOnce volume is still shared by the pods of one run. Only the runs '
      + 'checked are judged: runs that `tkn` or other tools create later are not seen '
      + '(the runs a TriggerTemplate, or a Trigger\'s or an EventListener\'s inline template, creates are checked as written, '
      + 'their `$(tt.params.x)` as what an event chooses).',
    howToRelax:
      "`{ rule: RuleId.WORKSPACE_PER_RUN, reason: '<why>', target: RelaxationTarget.workspace('<name>') }`, given to the "
      + "SecurePipelineRun's `relaxations` (`RunWorkspace.persistentVolumeClaim(...)` or a wider access mode needs one) or to "
      + '`Relaxations.of(construct).add(...)`. In YAML for the audit: '
      + relaxAnnotation(RuleId.WORKSPACE_PER_RUN, 'workspace/<name>: <why>') + ' on the run. A volume\'s finding has the '
      + "target of NO_HOST_ACCESS's: none for a Task's or TaskRun's own volumes or a run-wide pod template, "
      + "`RelaxationTarget.task('<task>')` for an embedded spec's volumes or a per-task pod template. A finding in "
      + 'config-defaults has no target: ' + relaxAnnotation(RuleId.WORKSPACE_PER_RUN, '*: <why>') + ' on the ConfigMap.',
    relaxable: true,
    appliesTo: (m) => m?.kind === 'PipelineRun' || m?.kind === 'TaskRun' || taskSpecsOf(m).length > 0 || writesConfigDefaults(m) || isConfigDefaultsNamed(m),
  },
  (manifest, context) => {
    const problems: Problem[] = [];
    for (const embedded of taskSpecsOf(manifest)) {
      const where = specPlace(embedded);
      problems.push(...volumeProblems(embedded.spec?.volumes, 'volumes').map((p) => ({ ...where, ...p })));
    }
    // a config-defaults ConfigMap beside a Tekton operator's object: each key as the operator's apply leaves it (none where
    // the operator writes its own over it, else in the reading that keeps it, named)
    const said = (found: Problem[], key: string) => {
      const r = configDefaultsKeyReaches(manifest, context?.manifests, key);
      return r.reaches ? found.map((p) => ({ ...p, problem: inConfigDefaultsReading(p.problem, r) })) : [];
    };
    for (const pod of podTemplatesOf(manifest, context?.manifests)) {
      const where = pod.perTask ? { location: pod.location, target: pod.target } : {};
      problems.push(...said(volumeProblems(pod.template?.volumes, `${pod.path}.volumes`).map((p) => ({ ...where, ...p })), DEFAULT_POD_TEMPLATE_KEY));
    }
    // config-defaults' default binding, which Tekton gives every workspace a TaskRun leaves unbound
    const fallback = defaultWorkspaceBinding(manifest, context?.manifests);
    if (fallback !== undefined) {
      const every = ' (Tekton binds every non-optional workspace a TaskRun leaves unbound to it)';
      problems.push(...said(bindingProblems(fallback.binding, `${fallback.path}.`).map((p) => ({ ...p, problem: p.problem + every })), DEFAULT_WORKSPACE_BINDING_KEY));
    }
    if (manifest?.kind !== 'PipelineRun' && manifest?.kind !== 'TaskRun') return problems;
    return problems.concat(asArray(manifest.spec?.workspaces).flatMap((w) => {
      const at = { location: `workspace '${jsString(w?.name)}'`, target: `workspace/${jsString(w?.name)}` };
      return bindingProblems(w, '').map((p) => ({ ...at, ...p }));
    }));
  },
);

/** The problems of a workspace binding (a run's, or config-defaults' default one), its fields' paths after `prefix`. */
function bindingProblems(w: any, prefix: string): Problem[] {
  if (w?.persistentVolumeClaim) {
    return [{ property: `${prefix}persistentVolumeClaim.claimName`, value: w.persistentVolumeClaim.claimName, problem: 'is a shared PersistentVolumeClaim' }];
  }
  const csi = csiProblem(w?.csi, `${prefix}csi`);
  if (csi) return [csi];
  const spec = w?.volumeClaimTemplate?.spec;
  const modes = asArray(spec?.accessModes);
  const wide = modes.filter((m) => !SINGLE_NODE_MODES.has(m));
  const found: Problem[] = [];
  if (w?.volumeClaimTemplate && (modes.length === 0 || wide.length > 0)) {
    found.push({ property: `${prefix}volumeClaimTemplate.spec.accessModes`, value: JSON.stringify(modes), problem: 'is not ReadWriteOnce only' });
  }
  // a "fresh" claim that clones or binds an existing volume starts with another run's data
  return found.concat(existingData(w?.volumeClaimTemplate, `${prefix}volumeClaimTemplate`));
}
