/**
 * The Secrets Store CSI driver and the Vault and OpenBao providers, as they read SecretProviderClasses
 * and CSI volumes (kubernetes-sigs/secrets-store-csi-driver v1.6 `NodePublishVolume`,
 * hashicorp/vault-csi-provider v1.7 `parseParameters`, openbao/openbao-csi-provider `parseParameters`).
 */
import { asArray, isObject, isTekton, specPlace, taskSpecsOf } from './containers';
import { SECRETS_STORE_CSI_DRIVER } from './defaults';
import { cleanPath } from './paths';
import {
  configDefaultsKeyReaches, DEFAULT_POD_TEMPLATE_KEY, inConfigDefaultsReading, podTemplatesOf, WORKLOAD_PODS_TEXT, workloadPodSpec,
  writesConfigDefaults,
} from './pods';
import { ProviderObject, readProviderObjects } from './provider-objects';
import { anyValuePattern, EVENT_REPLACES, untrustedSubstitutions } from './substitutions';
import { jsString } from './text';

export { fileModeRefusal, readProviderObjects } from './provider-objects';
export type { ObjectsReading, ProviderObject } from './provider-objects';

/** The one volume attribute that is the driver's own: the name of the SecretProviderClass, looked up in the pod's namespace. */
export const CLASS_ATTRIBUTE = 'secretProviderClass';

/**
 * Whether a Secrets Store CSI volume is of the driver's sanity-test provider: its `providerName` attribute is
 * `mock_provider` in any case (`isMockProvider`, Go's `strings.EqualFold`), which the driver mounts as an empty
 * tmpfs without reading the SecretProviderClass or checking that the mount is read-only.
 */
export function isMockProviderVolume(csi: Record<string, any>): boolean {
  const name = isObject(csi.volumeAttributes) ? csi.volumeAttributes.providerName : undefined;
  return typeof name === 'string' && name.toLowerCase() === 'mock_provider';
}

/**
 * Whether a SecretProviderClass is one the Vault provider serves: its `spec.provider` is `vault`,
 * or, unless it is `openbao`, a parameter's name begins with `vault` (the provider's own parameters do; the driver reaches
 * a provider by its socket's file name, which an operator may set to another name with the
 * provider's `-endpoint` flag, so the provider's name alone does not tell).
 */
export function isVaultProviderClass(manifest: any): boolean {
  if (manifest?.kind !== 'SecretProviderClass' || !isObject(manifest.spec)) return false;
  if (manifest.spec.provider === 'vault') return true;
  // OpenBao's provider reads the vault… spellings too, as its older names
  if (manifest.spec.provider === 'openbao') return false;
  return isObject(manifest.spec.parameters) && Object.keys(manifest.spec.parameters).some((k) => k.startsWith('vault'));
}

/**
 * The spellings OpenBao's CSI provider accepts for each of its parameters, in the order it looks them
 * up (openbao/openbao-csi-provider internal/config `parseParametersPrefix`): `bao<Name>`, then
 * `openbao<Name>`, then `vault<Name>`; the first present wins, even when it is empty.
 */
export const OPENBAO_PREFIXES: readonly string[] = ['bao', 'openbao', 'vault'];

/** The parameter OpenBao's provider reads for `name` (e.g. `Address`): the first spelling present, else undefined. */
export function openBaoParameter(params: Record<string, unknown>, name: string): string | undefined {
  return OPENBAO_PREFIXES.map((prefix) => `${prefix}${name}`).find((key) => Object.prototype.hasOwnProperty.call(params, key));
}

/**
 * Whether a SecretProviderClass is one OpenBao's provider serves: its `spec.provider` is `openbao`
 * (the provider's default socket name), or a parameter's name begins with `bao` or `openbao`, the
 * spellings only that provider reads (it reads the `vault` ones too, after them).
 */
export function isOpenBaoProviderClass(manifest: any): boolean {
  if (manifest?.kind !== 'SecretProviderClass' || !isObject(manifest.spec)) return false;
  if (manifest.spec.provider === 'openbao') return true;
  return isObject(manifest.spec.parameters) && Object.keys(manifest.spec.parameters).some((k) => k.startsWith('bao') || k.startsWith('openbao'));
}

/**
 * Whether a SecretProviderClass names a provider whose name holds `vault` or `bao`, in any case
 * (`vault-east`, `hashicorp-vault`, `Vault`, `openbao-prod`): the driver reaches a provider by the
 * socket its `-endpoint` flag names, so an operator who runs a second Vault provider (another
 * address, another auth mount) names it so, and its classes need no `vault…` parameter.
 */
export function namesVaultProvider(m: any): boolean {
  return m?.kind === 'SecretProviderClass' && isObject(m.spec) && typeof m.spec.provider === 'string' && /vault|bao/i.test(m.spec.provider);
}

/**
 * Whether a SecretProviderClass is one of the Vault or OpenBao provider as the rules that read its
 * `objects` and `audience` recognise it: served by either provider, or naming a provider as one.
 */
export function isVaultOrOpenBaoClass(m: any): boolean {
  return isVaultProviderClass(m) || isOpenBaoProviderClass(m) || namesVaultProvider(m);
}

/** The in-cluster names of the API server (`kubernetes.default.svc.cluster.local` and its shorter forms), as a URL or a bare host. */
const IN_CLUSTER = /^(?:https?:\/\/)?kubernetes(?:\.default(?:\.svc(?:\.[a-z0-9-]+(?:\.[a-z0-9-]+)*)?)?)?\.?(?::[0-9]+)?\/?$/i;

/** The service-account issuers of managed clusters (GKE, EKS, AKS), which their API servers take as their audience. */
const MANAGED_ISSUER = new RegExp('^https://(?:container\\.googleapis\\.com/v1/projects/[^/]+/(?:locations|zones)/[^/]+/clusters/[^/]+'
  + '|oidc\\.eks\\.[a-z0-9-]+\\.amazonaws\\.com/id/[^/]+|[a-z0-9-]+\\.oic\\.prod-aks\\.azure\\.com/[^/]+/[^/]+)/?$', 'i');

/** Whether an audience is one a Kubernetes API server accepts as its own by default (its issuer, or its in-cluster name). */
export function isApiServerAudience(audience: string): boolean {
  return IN_CLUSTER.test(audience) || MANAGED_ISSUER.test(audience);
}

/** A Secrets Store CSI volume source of a Tekton object. */
export interface SecretsStoreVolume {
  /** The `csi` source as written. */
  readonly csi: Record<string, any>;
  /** The path of the `csi` field, e.g. `volumes.vault.csi`, `workspaces.creds.csi`, `podTemplate.volumes.v.csi`. */
  readonly property: string;
  /** For messages, e.g. `workspace 'creds'`. @default - the object itself */
  readonly location?: string;
  /** Its relaxation target, e.g. `workspace/creds`. @default - the whole object */
  readonly target?: string;
  /**
   * Which variables are replaced in its `volumeAttributes` before the driver reads them:
   * `task` (a task spec's volume: Tekton replaces every variable of the task), `podTemplate` (a
   * run's pod template: Tekton replaces the TaskRun's `$(params…)` only), `binding` (a run's
   * workspace binding: Tekton replaces none there) or `workload` (a Pod's or workload's: none).
   */
  readonly replaced: 'task' | 'podTemplate' | 'binding' | 'workload';
}

const isSecretsStore = (csi: unknown): csi is Record<string, any> => isObject(csi) && csi.driver === SECRETS_STORE_CSI_DRIVER;

/**
 * The Secrets Store CSI volumes of a Tekton object (`tekton.dev`, or no apiVersion): in the `volumes`
 * of its task specs (embedded ones included), in the volumes of a run's pod templates, and in a
 * PipelineRun's or TaskRun's workspace bindings.
 */
export function secretsStoreVolumes(manifest: any): SecretsStoreVolume[] {
  const out: SecretsStoreVolume[] = [];
  for (const embedded of taskSpecsOf(manifest)) {
    for (const v of asArray(embedded.spec?.volumes)) {
      if (isSecretsStore(v?.csi)) out.push({ csi: v.csi, property: `volumes.${jsString(v?.name)}.csi`, ...specPlace(embedded), replaced: 'task' });
    }
  }
  // a run of another API group is a custom resource, whose pod templates and bindings Tekton never reads (as taskSpecsOf)
  if ((manifest?.kind !== 'PipelineRun' && manifest?.kind !== 'TaskRun') || !isTekton(manifest)) return out;
  for (const pod of podTemplatesOf(manifest)) {
    for (const v of asArray(pod.template?.volumes)) {
      if (!isSecretsStore(v?.csi)) continue;
      out.push({
        csi: v.csi, property: `${pod.path}.volumes.${jsString(v?.name)}.csi`, ...(pod.perTask ? { location: pod.location, target: pod.target } : {}), replaced: 'podTemplate',
      });
    }
  }
  for (const w of asArray(manifest.spec?.workspaces)) {
    if (isSecretsStore(w?.csi)) {
      out.push({ csi: w.csi, property: `workspaces.${jsString(w?.name)}.csi`, location: `workspace '${jsString(w?.name)}'`, target: `workspace/${jsString(w?.name)}`, replaced: 'binding' });
    }
  }
  return out;
}

/** A variable in a parameter or volume attribute that is replaced by a value from outside before the provider reads it. */
export interface ChosenVariable {
  /** The variable as written, e.g. `$(params.audience)`. */
  readonly text: string;
  /** Who replaces it and with what, for messages: `which Tekton replaces with …`. */
  readonly replacedBy: string;
}

/**
 * The first variable of `text` (a volume attribute's value, of a volume that `replaced` says; or, with `class`, a
 * SecretProviderClass's parameter) whose value comes from outside and is pasted in before the driver hands it to the
 * provider: a TriggerTemplate's `$(tt.params.<name>)` anywhere (Tekton Triggers pastes the event's value into the objects
 * it creates); in a task spec's volume, a `$(params.<name>)` (Tekton v1.15 replaces the task's variables in a volume's
 * `volumeAttributes`, pkg/reconciler/taskrun/resources/apply.go: of those, only a param's value is a caller's; another task's
 * result is left as written in an embedded task spec, pkg/reconciler/pipelinerun/resources/apply.go `ApplyTaskResults`); in a
 * run's pod template, a `$(params.<name>)` (Tekton replaces a TaskRun's params there, `ApplyPodTemplateReplacements`).
 * Undefined when there is none: a workspace binding's and a workload's attributes reach the driver as written.
 */
export function chosenVariable(text: string, replaced: SecretsStoreVolume['replaced'] | 'class'): ChosenVariable | undefined {
  for (const o of untrustedSubstitutions(text)) {
    const v = chosenOne(o.text, replaced);
    if (v !== undefined) return v;
  }
  return undefined;
}

/**
 * What an `objects` text holding a variable replaced from outside (`chosenVariable`) lets whoever gives the value do: the
 * provider parses the text as YAML after the value is pasted in, so the value can end a line and write `lets` (any object's
 * method, filePermission …); undefined for a text without such a variable.
 */
export function pastedObjectsProblem(text: string, replaced: SecretsStoreVolume['replaced'] | 'class', lets: string): string | undefined {
  const chosen = chosenVariable(text, replaced);
  if (chosen === undefined) return undefined;
  return `holds ${chosen.text}, ${chosen.replacedBy}: the provider reads the text with that value pasted in as YAML, so whoever gives it can set ${lets}`;
}

/** `variable` (one substitution) as `chosenVariable` reads it, or undefined when nothing from outside replaces it there. */
function chosenOne(variable: string, replaced: SecretsStoreVolume['replaced'] | 'class'): ChosenVariable | undefined {
  if (/^\$\(tt\.params[.[]/.test(variable)) return { text: variable, replacedBy: EVENT_REPLACES };
  if (replaced === 'task' && /^\$\(params[.[]/.test(variable)) {
    return {
      text: variable,
      replacedBy: 'which Tekton replaces with the param\'s value, which whoever runs the task gives (or a result another task passes), before it creates the pod',
    };
  }
  if (replaced === 'podTemplate' && /^\$\(params[.[]/.test(variable)) {
    return { text: variable, replacedBy: 'which Tekton replaces with the TaskRun\'s param of that name before it creates the pod' };
  }
  return undefined;
}

/**
 * An audience of each form the API server takes for its own (`isApiServerAudience`), and the empty one the providers read as none,
 * for `mayBeApiServerAudience`.
 */
const API_SERVER_AUDIENCES: readonly string[] = [
  '', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local', 'https://kubernetes.default.svc',
  'https://kubernetes.default.svc.cluster.local', 'https://container.googleapis.com/v1/projects/p/locations/l/clusters/c',
  'https://oidc.eks.us-east-1.amazonaws.com/id/X', 'https://eastus.oic.prod-aks.azure.com/t/u/',
];

/**
 * Whether an audience that holds variables from outside (`chosenVariable`) may become the API server's own, or empty, once they are
 * replaced: the text around them as written (case aside, as `isApiServerAudience` compares), each variable any text.
 */
export function mayBeApiServerAudience(text: string, replaced: SecretsStoreVolume['replaced'] | 'class'): boolean {
  const pattern = anyValuePattern(text, untrustedSubstitutions(text).filter((o) => chosenOne(o.text, replaced) !== undefined), 'i');
  return API_SERVER_AUDIENCES.some((a) => pattern.test(a));
}

/** For the rules' documentation: which variables `chosenVariable` takes for a value from outside. */
export const CHOSEN_VARIABLES_TEXT = 'a TriggerTemplate\'s `$(tt.params.<name>)` in a class or a volume (Tekton Triggers pastes the event\'s value into '
  + 'the objects it creates), a `$(params.<name>)` in a task spec\'s volume (Tekton replaces a task\'s params in `volumeAttributes`; the '
  + 'value may be a result another task passes) and a '
  + '`$(params.<name>)` in a run\'s pod template (Tekton replaces the TaskRun\'s params there); a workspace binding\'s and a workload\'s '
  + 'attributes reach the driver as written';

/** For the rules' limits: what `chosenVariable` does not look up. */
export const CHOSEN_VARIABLES_LIMIT = ' A variable is judged as any value: whether the run has such a param at all (a `$(params.<name>)` of a '
  + 'pod template that no TaskRun has stays as written), what a run checked in the same object gives it, or an `enum` that limits it, '
  + 'is not looked up.';

/** For the rules' documentation: which Pods and workloads are read (their pod specs' `volumes`). */
export const WORKLOAD_VOLUMES_TEXT = WORKLOAD_PODS_TEXT;

/**
 * The Secrets Store CSI volumes of a Tekton object (as `secretsStoreVolumes`), of a Pod's or
 * workload's pod spec, or of the default pod template of Tekton's config-defaults: for the rules
 * whose title holds for any pod that mounts one.
 */
export function podSecretsStoreVolumes(manifest: any, manifests?: readonly any[]): SecretsStoreVolume[] {
  if (writesConfigDefaults(manifest, manifests)) {
    // merged into each run's pod template when the run is created, and substituted as a part of it
    return podTemplatesOf(manifest, manifests).flatMap((pod) => asArray(pod.template?.volumes)
      .filter((v) => isSecretsStore(v?.csi))
      .map((v): SecretsStoreVolume => ({ csi: v.csi, property: `${pod.path}.volumes.${jsString(v?.name)}.csi`, replaced: 'podTemplate' })));
  }
  const pod = workloadPodSpec(manifest);
  if (pod === undefined) return secretsStoreVolumes(manifest);
  const out: SecretsStoreVolume[] = [];
  for (const v of asArray(pod.spec?.volumes)) {
    if (isSecretsStore(v?.csi)) out.push({ csi: v.csi, property: `${pod.prefix}volumes.${jsString(v?.name)}.csi`, replaced: 'workload' });
  }
  return out;
}

/**
 * What a rule finds in the Secrets Store CSI volumes of an object (`judge` of each of podSecretsStoreVolumes), read as
 * they reach pods: a config-defaults ConfigMap checked with a Tekton operator's object that writes config-defaults
 * (`manifests`) as the operator's apply leaves its `default-pod-template` (configDefaultsKeyReaches): nothing where the
 * operator writes its own template over it or applies config-defaults in another namespace, else only in the reading
 * that keeps it, named (` (reading config-defaults with data['default-pod-template'] that ConfigMap … keeps …)`). The
 * operator's own template is in every reading, so is judged as it writes it; so is any other object.
 */
export function podSecretsStoreProblems<P extends { readonly problem: string }>(
  manifest: any,
  manifests: readonly any[] | undefined,
  judge: (volume: SecretsStoreVolume) => readonly P[],
): P[] {
  const reach = configDefaultsKeyReaches(manifest, manifests, DEFAULT_POD_TEMPLATE_KEY);
  if (!reach.reaches) return [];
  const problems = podSecretsStoreVolumes(manifest, manifests).flatMap((v) => judge(v));
  return reach.reading === undefined ? problems : problems.map((p) => ({ ...p, problem: inConfigDefaultsReading(p.problem, reach) }));
}

/**
 * The volume attributes of a Secrets Store CSI volume that override the SecretProviderClass's
 * parameters: the driver copies every attribute over the class's parameters before it calls the
 * provider, so all but `secretProviderClass` replace what the class says.
 */
export function overridingAttributes(csi: Record<string, any>): Array<[string, unknown]> {
  return isObject(csi.volumeAttributes) ? Object.entries(csi.volumeAttributes).filter(([k]) => k !== CLASS_ATTRIBUTE) : [];
}

/**
 * The `objects` parameter as the Vault and OpenBao providers read it (internal/config
 * `parseParameters`: gopkg.in/yaml.v3 into a list of their `Secret` struct, as `readProviderObjects` follows it):
 * its objects, or undefined when the provider refuses it (and fetches nothing) or it is no YAML. An empty text
 * is an empty list.
 */
export function providerObjects(text: string): readonly ProviderObject[] | undefined {
  const reading = readProviderObjects(text);
  return 'objects' in reading ? reading.objects : undefined;
}

/**
 * The value entry `index` of an `objects` text gives its `key`, as written (`0755`, `0o4755`, `"0644"`, `[0644]`): undefined
 * when it is not written in that entry's own mapping (a `<<` merges it in).
 */
export function writtenValue(text: string, index: number, key: string): string | undefined {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML = require('yaml') as typeof import('yaml');
  try {
    const list = YAML.parseDocument(text, { uniqueKeys: false }).contents;
    const entry = YAML.isSeq(list) ? list.items[index] : undefined;
    const pair = YAML.isMap(entry) ? entry.items.find((p) => YAML.isScalar(p.key) && p.key.value === key) : undefined;
    const value = pair?.value;
    const range = YAML.isNode(value) ? value.range : undefined;
    return range === undefined || range === null ? undefined : text.slice(range[0], range[1]).trim();
  } catch {
    return undefined;
  }
}

/**
 * Why the Vault and OpenBao providers refuse an `objects` text as gopkg.in/yaml.v3 decodes it into
 * their list of `Secret` (internal/config `parseParameters`), so that the mount fails and nothing is
 * fetched, an object's `filePermission` aside (`ProviderObject.filePermissionRefusal`); undefined when they read it.
 */
export function objectsRefusal(text: string): string | undefined {
  const reading = readProviderObjects(text);
  return 'refusal' in reading ? reading.refusal : undefined;
}

/** The longest path, and the longest name in it, the driver writes (pkg/util/fileutil `maxPathLength`, `maxFileNameLength`). */
const MAX_PATH = 4096;
const MAX_NAME = 255;

/**
 * Why the Secrets Store CSI driver refuses to write a file of this (non-empty) path, as its `fileutil.Validate` reads it
 * (kubernetes-sigs/secrets-store-csi-driver v1.6 pkg/util/fileutil `validatePath`, and a path Go's `filepath.Clean`
 * changes); undefined when it writes it. Lengths are of the UTF-8 bytes, as Go counts them.
 */
export function fileRefusal(name: string): string | undefined {
  const bytes = (t: string) => Buffer.byteLength(t, 'utf8');
  if (name.startsWith('/')) return 'is an absolute path ("invalid path: must be relative path")';
  if (bytes(name) > MAX_PATH) return `is longer than ${MAX_PATH} bytes ("invalid path: must be less than or equal to ${MAX_PATH} characters")`;
  const items = name.split('/');
  if (items.includes('..')) return 'has a \'..\' element ("invalid path: must not contain \'..\'")';
  if (items.some((item) => bytes(item) > MAX_NAME)) return `has a name longer than ${MAX_NAME} bytes ("invalid path: filenames must be less than or equal to ${MAX_NAME} characters")`;
  if (items[0].startsWith('..')) return 'starts with \'..\', which the driver keeps for its own files ("invalid path: must not start with \'..\'")';
  if (cleanPath(name) !== name) return `is not written as Go's filepath.Clean writes it, ${JSON.stringify(cleanPath(name))} ("invalid filepath")`;
  return undefined;
}

/**
 * Why the Secrets Store CSI driver cannot write a file of this path though `fileRefusal` lets it through: `.`, which
 * `fileutil.Validate` accepts (Go's `filepath.Clean` keeps it), names the volume's own directory. `WritePayloads` first
 * removes what it takes for a file a provider wrote there (`cleanupProviderFiles`: `os.RemoveAll` of the path's first
 * element, the volume itself, whose tmpfs mount point cannot be removed: "cleanup failure"), and its atomic writer cannot
 * write a file over a directory. Undefined for any other path.
 */
export function dotRefusal(name: string): string | undefined {
  return name === '.'
    ? 'is ".", the volume\'s own directory: the driver takes it for a file a provider wrote there and removes the whole volume, which it cannot '
      + '("cleanup failure"), nor can it write a file over a directory'
    : undefined;
}

/**
 * The path the provider requests of Vault for `secretPath` when it is the root of Vault's API or outside it (internal/client
 * `generateSecretRequest`: `ensureV1Prefix`, the query cut off, then Vault's API client's `NewRequest`, which joins it to the
 * address's path with Go's `path.Join`); undefined when it names a path under `/v1/`.
 */
export function vaultRequestPath(secretPath: string): string | undefined {
  const prefixed = secretPath.startsWith('/v1/') ? secretPath
    : secretPath.startsWith('v1/') ? `/${secretPath}` : secretPath.startsWith('/') ? `/v1${secretPath}` : `/v1/${secretPath}`;
  const query = prefixed.indexOf('?');
  const requested = cleanPath(query === -1 ? prefixed : prefixed.slice(0, query));
  return requested.startsWith('/v1/') && requested.slice('/v1/'.length).trim() !== '' ? undefined : requested;
}
