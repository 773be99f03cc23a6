/**
 * The Secrets Store CSI driver and the Vault and OpenBao providers, as they read SecretProviderClasses
 * and CSI volumes (kubernetes-sigs/secrets-store-csi-driver v1.6 `NodePublishVolume`,
 * hashicorp/vault-csi-provider v1.7 `parseParameters`, openbao/openbao-csi-provider `parseParameters`).
 */
import { asArray, isObject, isTekton, PipelineTaskContext, specPlace, taskSpecsOf } from './containers';
import { SECRETS_STORE_CSI_DRIVER } from './defaults';
import { locallyReferenced } from './manifest-index';
import { paramEnumFlag } from './param-enum-flag';
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

/**
 * The cloud token exchanges that take a Kubernetes ServiceAccount token of a well-known audience for the cloud
 * credentials of the ServiceAccount's federated role, each with the audiences it accepts by default:
 * AWS STS `AssumeRoleWithWebIdentity` for EKS IAM roles for service accounts (`sts.amazonaws.com`, regional and China
 * spellings) and EKS Pod Identity (`pods.eks.amazonaws.com`), Microsoft Entra workload identity
 * (`api://AzureADTokenExchange`, and its China and US Government clouds' spellings), and Google's STS for GKE Workload
 * Identity (`<project>.svc.id.goog`) and workload identity federation (`//iam.googleapis.com/projects/…/providers/…`,
 * also with `https:`).
 */
const CLOUD_STS_AUDIENCES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^sts(?:\.[a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?$/i, 'the audience AWS STS accepts for EKS IAM roles for service accounts'],
  [/^pods\.eks\.amazonaws\.com$/i, 'the audience EKS Pod Identity accepts'],
  [/^api:\/\/AzureADTokenExchange(?:China|USGov)?$/i, 'the audience Microsoft Entra workload identity accepts'],
  [/^[a-z][a-z0-9-]*(?::[a-z][a-z0-9-]*)?\.svc\.id\.goog$/i, "the audience Google's STS accepts for GKE Workload Identity"],
  [/^(?:https:)?\/\/iam\.googleapis\.com\/projects\/[^/]+\/locations\/[^/]+\/workloadIdentityPools\/[^/]+\/providers\/[^/]+$/i,
    "the audience Google's STS accepts for workload identity federation"],
];

/** Whose token exchange takes a ServiceAccount token of `audience` for cloud credentials (`the audience AWS STS accepts for …`); undefined for none. */
export function cloudStsAudience(audience: string): string | undefined {
  return CLOUD_STS_AUDIENCES.find(([re]) => re.test(audience.trim()))?.[1];
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
  /**
   * For a task spec's volume, the task spec and the pipeline task it is embedded in (where its params' enums are read).
   * @default - none
   */
  readonly taskSpec?: any;
  readonly pipelineTask?: PipelineTaskContext;
  /**
   * What a `$(params.<name>)` of the volume may become where it is known (`volumeParamReader`): the values an enum
   * Tekton checks it against allows, or nothing (`kept`: nothing replaces it). @default - any value
   */
  readonly params?: (name: string) => ParamReading | undefined;
}

/** What a `$(params.<name>)` may become: finitely many values (and why, for messages), or `kept` when nothing replaces it. */
export type ParamReading = { readonly values: readonly string[]; readonly why: string } | 'kept';

/** How the variables of a text are replaced: the `replaced` of a volume, or of a class's parameters; with what its params may become. */
export type Replacing = SecretsStoreVolume['replaced'] | 'class' | Pick<SecretsStoreVolume, 'replaced' | 'params'>;

const replacedOf = (r: Replacing) => (typeof r === 'string' ? r : r.replaced);
const paramsOf = (r: Replacing) => (typeof r === 'string' ? undefined : r.params);

/** The name of a whole `$(params.<name>)` (`$(params["<name>"])`), or undefined for another variable (an object's key, an array's element). */
function paramName(variable: string): string | undefined {
  const m = /^\$\(params(?:\.([^.[\]()]+)|\[(?:"([^"]*)"|'([^']*)')\])\)$/.exec(variable);
  return m === null ? undefined : m[1] ?? m[2] ?? m[3];
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
      if (!isSecretsStore(v?.csi)) continue;
      out.push({
        csi: v.csi,
        property: `volumes.${jsString(v?.name)}.csi`,
        ...specPlace(embedded),
        replaced: 'task',
        taskSpec: embedded.spec,
        ...(embedded.pipelineTask === undefined ? {} : { pipelineTask: embedded.pipelineTask }),
      });
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
export function chosenVariable(text: string, replaced: Replacing): ChosenVariable | undefined {
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
export function pastedObjectsProblem(text: string, replaced: Replacing, lets: string): string | undefined {
  const chosen = chosenVariable(text, replaced);
  if (chosen === undefined) return undefined;
  return `holds ${chosen.text}, ${chosen.replacedBy}: the provider reads the text with that value pasted in as YAML, so whoever gives it can set ${lets}`;
}

/**
 * `variable` (one substitution) as `chosenVariable` reads it, or undefined when nothing from outside replaces it there; with
 * `finite`, also undefined for a `$(params.<name>)` whose values are known (`Replacing`'s params: an enum, a TaskRun's value),
 * which `expansions` pastes in.
 */
function chosenOne(variable: string, replacing: Replacing, finite = true): ChosenVariable | undefined {
  // Triggers replaces the dotted form alone (`$(tt.params.%s)`): `$(tt.params["name"])` stays as written
  if (variable.startsWith('$(tt.params.')) return { text: variable, replacedBy: EVENT_REPLACES };
  const replaced = replacedOf(replacing);
  const name = paramName(variable);
  const reading = name === undefined ? undefined : paramsOf(replacing)?.(name);
  if (reading === 'kept' || (finite && reading !== undefined)) return undefined;
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

/** The most texts `expansions` writes out: past that, the variables are read as any value. */
const MAX_EXPANSIONS = 64;

/**
 * Each text `text` may become where every variable from outside in it (`chosenVariable`) is a `$(params.<name>)` whose values are
 * known (`Replacing`'s params: the values of an enum Tekton checks it against, a TaskRun's own value), with what was pasted for a
 * message (`$(params.method) "POST" (…)`); undefined where a variable may be any value, or none has known values.
 */
export function expansions(text: string, replacing: Replacing): Array<{ readonly text: string; readonly note: string }> | undefined {
  const occurrences = untrustedSubstitutions(text).filter((o) => chosenOne(o.text, replacing, false) !== undefined);
  if (occurrences.length === 0) return undefined;
  // each param takes one value in the whole text, however often (and however spelled) it is written
  const names = occurrences.map((o) => paramName(o.text));
  const readings = new Map<string, ParamReading | undefined>();
  for (const name of names) if (name !== undefined && !readings.has(name)) readings.set(name, paramsOf(replacing)?.(name));
  if (names.some((n) => n === undefined) || [...readings.values()].some((r) => r === undefined || r === 'kept')) return undefined;
  let combos: Array<ReadonlyMap<string, string>> = [new Map()];
  for (const [name, reading] of readings) {
    const values = (reading as { readonly values: readonly string[] }).values;
    combos = combos.flatMap((c) => values.map((value) => new Map([...c, [name, value]])));
    if (combos.length > MAX_EXPANSIONS) return undefined;
  }
  const first = new Map<string, string>();
  occurrences.forEach((o, i) => { if (!first.has(names[i]!)) first.set(names[i]!, o.text); });
  return combos.map((c) => {
    let out = '';
    let at = 0;
    occurrences.forEach((o, i) => {
      out += text.slice(at, o.index) + c.get(names[i]!)!;
      at = o.index + o.text.length;
    });
    const note = [...readings].map(([name, r]) => `${first.get(name)} ${JSON.stringify(c.get(name))} (${(r as { readonly why: string }).why})`).join(', ');
    return { text: out + text.slice(at), note };
  });
}

/** A problem found in a text `expansions` wrote, with what was pasted: `… (with $(params.method) "POST" (a value of its enum, …))`. */
export function withNote<P extends { readonly problem: string; readonly fix?: string }>(p: P, note: string): P {
  // a value an enum allows: removing it from the enum is the fix in the words of the Task (Tekton then refuses a run that gives it)
  const allowed = [...note.matchAll(/\$\(params(?:\.([\w-]+)|\[['"]([^'"]+)['"]\])[^)]*\) ("(?:[^"\\]|\\.)*") \(a value of its enum/g)]
    .map((m) => `${m[3]} from the enum of param ${m[1] ?? m[2]}`);
  const fix = p.fix === undefined || allowed.length === 0 ? {}
    : { fix: `Remove ${allowed.join(' or ')} (Tekton then refuses a run that gives it), or: ${/^[A-Z][a-z]/.test(p.fix) ? p.fix[0].toLowerCase() : p.fix[0]}${p.fix.slice(1)}` };
  return { ...p, problem: `${p.problem} (with ${note})`, ...fix };
}

/** The string values of a param's `enum` as declared (undefined when it declares none, or one that is not a list of strings). */
function enumOf(declared: any): string[] | undefined {
  const values: unknown = declared?.enum;
  return Array.isArray(values) && values.length > 0 && values.every((v) => typeof v === 'string') ? values as string[] : undefined;
}

const declaredParam = (spec: any, name: string): any => asArray(spec?.params).find((p) => isObject(p) && p.name === name);

/**
 * What a `$(params.<name>)` of Secrets Store volume `v` of `manifest` may become, with the objects checked together (`manifests`):
 * - a task spec's volume: with feature-flags' enable-param-enum on, the values of the param's `enum` (Tekton checks a run's value
 *   against them, and the default must be one), in a Task or a TaskRun's own taskSpec, or in a spec embedded in a pipeline task that
 *   passes the param (else a PipelineRun's param of that name is substituted into it before any enum is checked);
 * - a run's pod template volume (Tekton replaces there only a param of the TaskRun it makes the pod for, its own or its task's
 *   default): `kept` where no TaskRun the template reaches may have it (a TaskRun that does not pass it and whose task spec, embedded or a
 *   local Task checked together, gives it no default; a PipelineRun whose pipeline, embedded or checked together, has no task the template
 *   reaches that passes it or whose task spec may give it a default); a TaskRun's own value where it passes one without variables; with
 *   the flag on, the values of the enum every task spec the TaskRuns may run declares for it.
 * Undefined (any value) otherwise.
 */
export function volumeParamReader(
  manifest: any, v: SecretsStoreVolume, manifests: readonly any[] | undefined,
): ((name: string) => ParamReading | undefined) | undefined {
  const flag = paramEnumFlag(manifests);
  if (v.replaced === 'task') {
    if (!flag.on) return undefined;
    return (name) => {
      // in a pipeline task's spec, the enum binds only what the pipeline task passes (and a custom task's spec nothing)
      const at = v.pipelineTask;
      if (at !== undefined && (at.customTask || declaredParam(at.task, name) === undefined)) return undefined;
      const values = enumOf(declaredParam(v.taskSpec, name));
      return values === undefined ? undefined : { values, why: 'a value of its enum, which Tekton checks the run\'s value against' };
    };
  }
  if (v.replaced !== 'podTemplate' || manifests === undefined || !isTekton(manifest)) return undefined;
  // the task specs a TaskRun the template reaches may run, and the params it passes; undefined where not known
  const runs = podTemplateRuns(manifest, v, manifests);
  if (runs === undefined) return undefined;
  return (name) => {
    const passing = runs.filter((r) => r.passes.has(name));
    const defaulted = runs.filter((r) => !r.passes.has(name)
      && (r.specs === undefined || r.specs.some((spec) => declaredParam(spec, name)?.default !== undefined)));
    if (passing.length === 0 && defaulted.length === 0) return 'kept';
    const given = manifest.kind === 'TaskRun' ? asArray(manifest.spec?.params).find((p) => isObject(p) && p.name === name)?.value : undefined;
    if (typeof given === 'string' && !given.includes('$(')) return { values: [given], why: 'the TaskRun\'s value' };
    if (!flag.on) return undefined;
    const reached = [...passing, ...defaulted];
    if (reached.some((r) => r.specs === undefined || r.specs.length === 0)) return undefined;
    const enums = reached.flatMap((r) => r.specs!.map((spec) => enumOf(declaredParam(spec, name))));
    if (enums.some((e) => e === undefined)) return undefined;
    return { values: [...new Set(enums.flat() as string[])], why: 'a value of its task\'s enum, which Tekton checks the TaskRun\'s value against' };
  };
}

/** A TaskRun a pod template reaches: the params it is passed, and the task specs it may run (undefined when not known). */
interface TemplateRun { readonly passes: ReadonlySet<string>; readonly specs?: readonly any[] }

const paramNames = (params: unknown): string[] => asArray(params).map((p) => p?.name).filter((n): n is string => typeof n === 'string');

/** The task specs a TaskRun or pipeline task (`holder`: its `taskSpec` or `taskRef`) may run, undefined when none is known. */
function specsOf(holder: any, run: any, manifests: readonly any[]): any[] | undefined {
  if (isObject(holder?.taskSpec)) return [holder.taskSpec];
  const found = locallyReferenced(manifests, holder?.taskRef, 'Task', run).map((t) => t.spec);
  return found.length === 0 ? undefined : found;
}

/**
 * The TaskRuns pod template volume `v` of a TaskRun or PipelineRun reaches (a PipelineRun's: one for each pipeline task of its
 * embedded pipelineSpec, or of the local Pipelines its pipelineRef names, that the template applies to); undefined where not known
 * (config-defaults' default template, any TaskRun of the cluster; a pipeline not checked together).
 */
function podTemplateRuns(manifest: any, v: SecretsStoreVolume, manifests: readonly any[]): TemplateRun[] | undefined {
  if (manifest.kind === 'TaskRun') {
    const specs = specsOf(manifest.spec, manifest, manifests);
    return [{ passes: new Set(paramNames(manifest.spec?.params)), ...(specs === undefined ? {} : { specs }) }];
  }
  if (manifest.kind !== 'PipelineRun') return undefined;
  const pipelines = isObject(manifest.spec?.pipelineSpec) ? [manifest.spec.pipelineSpec]
    : locallyReferenced(manifests, manifest.spec?.pipelineRef, 'Pipeline', manifest).map((p) => p.spec);
  if (pipelines.length === 0) return undefined;
  const only = v.target?.startsWith('task/') ? v.target.slice('task/'.length) : undefined;
  return pipelines.flatMap((spec) => [...asArray(spec?.tasks), ...asArray(spec?.finally)])
    .filter((t) => isObject(t) && (only === undefined || t.name === only))
    .map((t) => {
      // a pipeline task that runs a pipeline (pipelineSpec, pipelineRef) or a custom task makes no TaskRun of this template: read as unknown
      const specs = specsOf(t, manifest, manifests);
      return { passes: new Set([...paramNames(t.params), ...paramNames(t.matrix?.params)]), ...(specs === undefined ? {} : { specs }) };
    });
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
export function mayBeApiServerAudience(text: string, replaced: Replacing): boolean {
  const pattern = anyValuePattern(text, untrustedSubstitutions(text).filter((o) => chosenOne(o.text, replaced) !== undefined), 'i');
  return API_SERVER_AUDIENCES.some((a) => pattern.test(a));
}

/** An audience of each cloud token exchange `cloudStsAudience` knows, in each of its spellings. */
const CLOUD_STS_SAMPLES: readonly string[] = [
  'sts.amazonaws.com', 'sts.us-east-1.amazonaws.com', 'sts.amazonaws.com.cn', 'sts.cn-north-1.amazonaws.com.cn', 'pods.eks.amazonaws.com',
  'api://AzureADTokenExchange', 'api://AzureADTokenExchangeChina', 'api://AzureADTokenExchangeUSGov', 'p.svc.id.goog', 'd:p.svc.id.goog',
  '//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/providers/x',
  'https://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/providers/x',
];

/**
 * Whether an audience that holds variables from outside (`chosenVariable`) may become an audience a cloud's token exchange
 * takes (`cloudStsAudience`) once they are replaced, each variable any text: one such audience, with whose exchange, or
 * undefined. Tried: each known spelling against the text around the variables as written (`sts.$(p).amazonaws.com` may be
 * `sts.us-east-1.amazonaws.com`, `$(p).svc.id.goog` `p.svc.id.goog`), and the text with every variable replaced by the same
 * name or by nothing (`//iam.googleapis.com/projects/$(p)/locations/…/providers/gke` with `p`): where the text written
 * fixes part of a name the cloud's audience leaves free (`vault-$(p)` could only be `vault-….svc.id.goog`, of a project
 * whose ID starts with `vault-`), it is taken for a dedicated audience.
 */
export function mayBeCloudStsAudience(text: string, replaced: Replacing): { readonly audience: string; readonly cloud: string } | undefined {
  const chosen = untrustedSubstitutions(text).filter((o) => chosenOne(o.text, replaced) !== undefined);
  const pattern = anyValuePattern(text, chosen, 'i');
  const candidates = [
    ...CLOUD_STS_SAMPLES.filter((a) => pattern.test(a)),
    ...['p', ''].map((value) => {
      let filled = '';
      let at = 0;
      for (const v of chosen) {
        filled += text.slice(at, v.index) + value;
        at = v.index + v.text.length;
      }
      return filled + text.slice(at);
    }),
  ];
  for (const audience of candidates) {
    const cloud = cloudStsAudience(audience);
    if (cloud !== undefined) return { audience, cloud };
  }
  return undefined;
}

/** For the rules' documentation: which variables `chosenVariable` takes for a value from outside. */
export const CHOSEN_VARIABLES_TEXT = 'a TriggerTemplate\'s `$(tt.params.<name>)` in a class or a volume (Tekton Triggers pastes the event\'s value into '
  + 'the objects it creates), a `$(params.<name>)` in a task spec\'s volume (Tekton replaces a task\'s params in `volumeAttributes`; the '
  + 'value may be a result another task passes) and a '
  + '`$(params.<name>)` in a run\'s pod template (Tekton replaces the TaskRun\'s params there); a workspace binding\'s and a workload\'s '
  + 'attributes reach the driver as written. A `$(params.<name>)` whose values are known is pasted in, each value in turn, and the text '
  + 'judged as written (the finding then says `(with $(params.<name>) "<value>" (…))`): with feature-flags\' `enable-param-enum` on (as '
  + 'the feature-flags checked together say), the values of the param\'s `enum` in a Task\'s or a TaskRun\'s own task spec, or in a spec '
  + 'embedded in a pipeline task that passes the param; in a TaskRun\'s pod template, the TaskRun\'s own value (one without variables), '
  + 'else, with the flag on, the values of the enum every task spec it may run declares. A pod template\'s `$(params.<name>)` that no '
  + 'TaskRun it reaches may have (a TaskRun that does not pass it, whose task spec, embedded or a local Task checked together, gives it '
  + 'no default; a PipelineRun whose pipeline, embedded or checked together, has no task the template reaches that passes it or whose '
  + 'task spec may give it a default) is left as written, and judged so';

/** For the rules' limits: what `chosenVariable` does not look up. */
export const CHOSEN_VARIABLES_LIMIT = ' A variable is otherwise judged as any value: what a run gives a task spec\'s param, a PipelineRun\'s '
  + 'value that reaches a pod template, and a TriggerTemplate\'s param (Triggers checks no enum) are not looked up; past 64 texts, the '
  + 'values of several enums are not written out.';

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
  const problems = podSecretsStoreVolumes(manifest, manifests).flatMap((v) => {
    const params = volumeParamReader(manifest, v, manifests);
    return judge(params === undefined ? v : { ...v, params });
  });
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
