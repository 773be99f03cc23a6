import { CLASS_ATTRIBUTE, isMockProviderVolume, secretsStoreVolumes } from '../../private/secrets-store';
import { Severity } from '../rule';
import { manifestRule, Problem, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

const EXAMPLE = 'csi: { driver: secrets-store.csi.k8s.io, readOnly: true, volumeAttributes: { secretProviderClass: <class> } }';

/**
 * Secrets Store CSI volumes can be mounted: the driver (kubernetes-sigs/secrets-store-csi-driver
 * v1.6, pkg/secrets-store/nodeserver.go `NodePublishVolume`) fails the mount of a volume whose
 * `secretProviderClass` attribute is unset or empty ("secretProviderClass is not set") and of one
 * the kubelet does not publish read-only, which it does only for `readOnly: true` on the CSI
 * source ("Readonly is not true in request"). The kubelet retries the mount and the pod's
 * containers never start. Not a security control: a configuration refused here never runs.
 *
 * The driver's sanity-test provider (a `providerName` attribute of `mock_provider`, in any case)
 * mounts an empty tmpfs before either check: such a volume is not judged.
 */
export const SECRETS_STORE_MOUNTABLE = manifestRule(
  {
    id: RuleId.SECRETS_STORE_MOUNTABLE,
    severity: Severity.LOW,
    title: 'Secrets Store CSI volumes are read-only and name their SecretProviderClass',
    rationale:
      'The Secrets Store CSI driver mounts only a read-only volume that names its SecretProviderClass; it fails the mount of any '
      + 'other, and the pod that needs it never starts: the run times out without a step having run.',
    fix: `Write the volume as ${EXAMPLE} (RunWorkspace.csi(...) writes it so).`,
    decidesFrom:
      'CSI volumes of the driver `secrets-store.csi.k8s.io` in the `volumes` of task specs (Tasks, TaskRuns, Pipelines, '
      + 'PipelineRuns, embedded specs included), in the volumes of a run\'s pod templates and in the `csi` workspace bindings of '
      + 'PipelineRuns and TaskRuns, as the driver\'s `NodePublishVolume` reads them: `readOnly` must be the boolean `true` (the '
      + 'kubelet asks for a read-only mount for nothing else, and the driver refuses any other), and the `secretProviderClass` '
      + 'attribute of `volumeAttributes` a non-empty string. A volume whose `providerName` attribute is `mock_provider` (the '
      + 'driver\'s sanity-test provider, compared without case) is not judged: the driver mounts it empty before either check.',
    limits:
      'Whether the named SecretProviderClass exists in the run\'s namespace, names a provider installed on the node, or has the '
      + 'parameters its provider needs is not judged here, nor whether the driver and provider are installed. A class named by '
      + 'a `$(params.x)` substitution is taken to be set. CSI volumes of Pods, Deployments and other workloads are not read. Not '
      + 'a security control.',
    howToRelax:
      "`{ rule: RuleId.SECRETS_STORE_MOUNTABLE, reason: '<why>', target }` with the finding's target: "
      + "`RelaxationTarget.workspace('<name>')` for a run's CSI binding, `RelaxationTarget.task('<task>')` for a volume of a "
      + "pipeline task's embedded spec or of a run's per-task pod template, none for the object's own volumes or its run-wide "
      + 'pod template; given to the construct\'s `relaxations` or to `Relaxations.of(construct).add(...)`. In YAML for the audit: '
      + relaxAnnotation(RuleId.SECRETS_STORE_MOUNTABLE, 'workspace/<name>: <why>') + ' (or `*`).',
    relaxable: true,
    appliesTo: (m: any) => secretsStoreVolumes(m).length > 0,
  },
  (manifest) => secretsStoreVolumes(manifest).flatMap((v) => {
    if (isMockProviderVolume(v.csi)) return [];
    const at = {
      ...(v.location === undefined ? {} : { location: v.location }),
      ...(v.target === undefined ? {} : { target: v.target }),
    };
    const problems: Problem[] = [];
    if (v.csi.readOnly !== true) {
      problems.push({
        ...at,
        property: `${v.property}.readOnly`,
        value: v.csi.readOnly === undefined ? undefined : String(v.csi.readOnly),
        problem: 'is not the boolean true: the Secrets Store CSI driver refuses to mount a volume that is not read-only ("Readonly is not true in request"), '
          + 'so the pod never starts',
        fix: `Set readOnly: true on the csi source: ${EXAMPLE}.`,
      });
    }
    const attributes = v.csi.volumeAttributes;
    const named = attributes !== null && typeof attributes === 'object' ? attributes[CLASS_ATTRIBUTE] : undefined;
    if (typeof named !== 'string' || named === '') {
      problems.push({
        ...at,
        property: `${v.property}.volumeAttributes.${CLASS_ATTRIBUTE}`,
        value: named === undefined ? undefined : String(named),
        problem: 'is not set: the Secrets Store CSI driver cannot tell which SecretProviderClass to mount ("secretProviderClass is not set"), '
          + 'so the pod never starts',
        fix: `Name the SecretProviderClass of the run's namespace: ${EXAMPLE}.`,
      });
    }
    return problems;
  }),
);
