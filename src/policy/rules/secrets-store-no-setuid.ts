import { isObject } from '../../private/containers';
import { CONFIG_DEFAULTS_OBJECT_TEXT, DEFAULT_POD_TEMPLATE_TEXT, isConfigDefaultsNamed } from '../../private/pods';
import {
  CHOSEN_VARIABLES_LIMIT, CHOSEN_VARIABLES_TEXT, expansions, isMockProviderVolume, isVaultOrOpenBaoClass, pastedObjectsProblem,
  podSecretsStoreProblems, podSecretsStoreVolumes, providerObjects, Replacing, withNote, WORKLOAD_VOLUMES_TEXT,
  writtenValue,
} from '../../private/secrets-store';
import { jsString } from '../../private/text';
import { Severity } from '../rule';
import { manifestRule, Problem, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

/**
 * The flags of Go's `os.FileMode` that `os.Chmod` turns into the file's special bits (`syscallMode`): the rest of
 * the mode but its permission bits (0o777) is dropped, Unix's own 0o4000 and 0o2000 included.
 */
const SPECIAL: ReadonlyArray<{ readonly bit: number; readonly go: string; readonly unix: string; readonly gives: string }> = [
  { bit: 2 ** 23, go: 'os.ModeSetuid', unix: 'S_ISUID', gives: 'setuid' },
  { bit: 2 ** 22, go: 'os.ModeSetgid', unix: 'S_ISGID', gives: 'setgid' },
];

const FIX = 'Leave filePermission out (the driver writes each file 0644) or give permission bits only, e.g. filePermission: 0440.';
const VOLUME_FIX = 'Remove the objects attribute (leave only secretProviderClass in volumeAttributes) and give no object a filePermission beyond '
  + 'its permission bits in the SecretProviderClass (VaultSecretProviderClass writes none).';

const CHOSEN_FIX = 'Write each object in the SecretProviderClass without variables, with permission bits only in its filePermission (or none).';

/**
 * The objects of an `objects` text whose `filePermission` makes the driver write a setuid or setgid file, at `property`, of a class or of
 * a volume that `replaced` says; and a variable replaced by a value from outside before the provider reads the text, which lets that
 * value write any mode (a finding on the whole text).
 */
function modeProblems(
  text: unknown, property: string, at: { location?: string; target?: string }, replaced: Replacing, fix?: string,
): Problem[] {
  if (typeof text !== 'string') return [];
  // its variables from outside take known values only (an enum): each text they make is judged as written
  const expanded = expansions(text, replaced);
  if (expanded !== undefined) return expanded.flatMap((e) => modeProblems(e.text, property, at, 'workload', fix).map((p) => withNote(p, e.note)));
  const chosen = pastedObjectsProblem(text, replaced, 'any object\'s filePermission, Go\'s os.ModeSetuid or os.ModeSetgid included, which the '
    + 'driver\'s os.Chmod turns into a setuid or setgid file owned by root, on a tmpfs it mounts without nosuid');
  const pasted: Problem[] = chosen === undefined ? [] : [{ ...at, property, value: text, problem: chosen, fix: fix ?? CHOSEN_FIX }];
  // a mode yaml.v3 cannot decode (filePermissionRefusal) fails the whole text: SECRETS_STORE_MOUNTABLE's
  return [...pasted, ...(providerObjects(text) ?? []).flatMap(({ index, objectName, filePermission: mode, filePermissionRefusal }): Problem[] => {
    if (mode === 0 || filePermissionRefusal !== undefined) return [];
    const set = SPECIAL.filter((s) => (Math.floor(mode / s.bit) % 2) === 1);
    if (set.length === 0) return [];
    const which = objectName !== '' ? objectName : jsString(index);
    return [{
      ...at,
      property: `${property}[${which}].filePermission`,
      // as written (octal, hex or decimal), else in octal
      value: writtenValue(text, index, 'filePermission') ?? `0o${mode.toString(8)}`,
      problem: `is the mode 0o${mode.toString(8)}, which holds Go's ${set.map((s) => `${s.go} (0o${s.bit.toString(8)})`).join(' and ')}: the provider hands it to the Secrets Store CSI driver as the `
        + `file's mode, and the driver's os.Chmod sets ${set.map((s) => s.unix).join(' and ')} on a file it owns as root, on a tmpfs it mounts without `
        + `nosuid, so the object's content runs ${set.map((s) => s.gives).join(' and ')} root for any user of every pod that mounts the volume, `
        + 'wherever a container may gain privileges (allowPrivilegeEscalation not false): whoever writes the secret in Vault chooses that program',
      ...(fix === undefined ? {} : { fix }),
    }];
  })];
}


/**
 * Secrets Store CSI volumes hold no setuid or setgid file.
 *
 * The Vault and OpenBao providers (internal/config `Secret.FilePermission`, an `os.FileMode` gopkg.in/yaml.v3 decodes
 * from each object's `filePermission`; internal/provider: a mode that is not 0 replaces the driver's 0644) hand
 * each file's mode to the driver, which writes it with `os.WriteFile` and `os.Chmod` (kubernetes-sigs/secrets-store-csi-driver
 * v1.6 pkg/util/fileutil `writePayloadToDir`). Go keeps only the permission bits and its own `ModeSetuid`,
 * `ModeSetgid` and `ModeSticky` flags: Unix's 0o4000, 0o2000 and 0o1000 (`04755`) are dropped, the flags
 * (`0o40000755`) set the special bits, on a tmpfs the driver mounts without `nosuid`. The kubelet mounts the volume
 * read-only in each container (its CSI source is `readOnly: true`, or the driver refuses it), so a world-writable
 * mode lets no container write, and the sticky bit means nothing on a file. A variable Tekton or Tekton Triggers
 * replaces with a value from outside in the text (private/secrets-store `chosenVariable`) lets whoever gives it write any mode.
 */
export const SECRETS_STORE_NO_SETUID = manifestRule(
  {
    id: RuleId.SECRETS_STORE_NO_SETUID,
    severity: Severity.MEDIUM,
    title: 'Secrets Store CSI volumes hold no setuid or setgid file: no object of a Vault or OpenBao class asks for one',
    rationale:
      'The driver writes each object as a file owned by root, with the mode the provider gives, on a tmpfs mounted without nosuid: '
      + 'a setuid or setgid file there runs as root for any user of the pod, and whoever writes the secret in Vault chooses what it runs.',
    fix: FIX,
    decidesFrom:
      'The `objects` parameter of SecretProviderClasses of the Vault or OpenBao provider (recognised as VAULT_READ_ONLY recognises them), '
      + 'and the `objects` attribute of Secrets Store CSI volumes (which the driver copies over the class\'s parameters) in the `volumes` of '
      + 'task specs, the volumes of runs\' pod templates, the `csi` workspace bindings of PipelineRuns and TaskRuns and the volumes of '
      + WORKLOAD_VOLUMES_TEXT + ' (but a volume of the driver\'s `mock_provider`).' + DEFAULT_POD_TEMPLATE_TEXT + CONFIG_DEFAULTS_OBJECT_TEXT + ' Each object\'s '
      + '`filePermission` is decoded as gopkg.in/yaml.v3 decodes it into the providers\' `os.FileMode` (`0755` and `0o755` octal, `0x1ed` '
      + 'hex, a fraction dropped; a text yaml.v3 refuses, as SECRETS_STORE_MOUNTABLE reads it, fetches nothing), and a mode that holds Go\'s `os.ModeSetuid` (1<<23) or `os.ModeSetgid` (1<<22) is a finding: the driver\'s '
      + '`os.Chmod` turns them into the file\'s setuid and setgid bits. Unix\'s own special bits (`04755`, `02755`, `01777`) are no finding: '
      + 'Go drops them, and writes `0755`. A text that holds a variable replaced by a value from outside before the provider reads it is a '
      + 'finding, since that value, pasted into the YAML, can write any mode: ' + CHOSEN_VARIABLES_TEXT + '.',
    limits:
      'A world-writable or world-readable mode is not judged: the kubelet mounts the volume read-only in every container, and the '
      + 'driver\'s 0644 is already readable by any user of the pod. A `filePermission` the provider cannot decode (a string, a negative '
      + 'number) makes it refuse the mount: that is SECRETS_STORE_MOUNTABLE\'s. Whether a container of the pod may gain privileges is '
      + 'NO_PRIVILEGE_ESCALATION\'s. Classes of other providers are not read. The pod templates of other kinds (custom resources, '
      + 'an operator\'s own objects) are not read.' + CHOSEN_VARIABLES_LIMIT,
    howToRelax:
      "`{ rule: RuleId.SECRETS_STORE_NO_SETUID, reason: '<why>', target: RelaxationTarget.configKey('objects') }` for a class's objects, given "
      + "to the construct's `relaxations` or to `Relaxations.of(construct).add(...)`; a volume's finding has the volume's target "
      + "(`RelaxationTarget.workspace('<name>')` for a run's binding, `RelaxationTarget.task('<task>')` for a pipeline task's, none for the "
      + 'object\'s own volumes). In YAML for the audit: ' + relaxAnnotation(RuleId.SECRETS_STORE_NO_SETUID, 'key/objects: <why>') + ' (or `*`).',
    relaxable: true,
    appliesTo: (m: any) => isVaultOrOpenBaoClass(m) || podSecretsStoreVolumes(m).length > 0 || isConfigDefaultsNamed(m),
  },
  (manifest, context) => {
    if (isVaultOrOpenBaoClass(manifest)) {
      const params = isObject(manifest.spec.parameters) ? manifest.spec.parameters : {};
      return modeProblems(params.objects, 'parameters.objects', { target: 'key/objects' }, 'class');
    }
    return podSecretsStoreProblems(manifest, context?.manifests, (v) => (isMockProviderVolume(v.csi) ? [] : modeProblems(
      isObject(v.csi.volumeAttributes) ? v.csi.volumeAttributes.objects : undefined,
      `${v.property}.volumeAttributes.objects`,
      { ...(v.location === undefined ? {} : { location: v.location }), ...(v.target === undefined ? {} : { target: v.target }) },
      v,
      VOLUME_FIX,
    )));
  },
);
