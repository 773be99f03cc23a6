/**
 * What the Tekton operator's custom resources (`operator.tekton.dev`) have in common for the
 * ConfigMaps it writes from them: a TektonConfig holds each component's settings under
 * `spec.<component>`, the component's own object (TektonPipeline, TektonChain) under `spec`;
 * and the `options.configMaps.<name>.data` of those settings, which the operator applies last
 * to the ConfigMap of that name unless `options.disabled` is true; and the parts of `options`
 * the operator cannot read (the API server refuses a `disabled` that is not a boolean).
 */
import { configMapRefusals, storedConfigMapData } from './config-map-data';
import { apiGroupOf, isCoreV1, isObject } from './containers';
import { manifestsOfKind, oncePerSet } from './manifest-index';
import { own } from './own';
import { jsString } from './text';

/** The API group of the Tekton operator's custom resources. */
export const OPERATOR_GROUP = 'operator.tekton.dev';

/** Whether the object is one of `kinds` of the Tekton operator's group. */
export function isOperatorObject(manifest: any, kinds: readonly string[]): boolean {
  return kinds.includes(manifest?.kind) && servedOperatorVersion(manifest);
}

/**
 * Whether the object is of the one version of the operator's group its CRDs serve, `v1alpha1` (tektoncd/operator v0.81.0
 * config/base/generated-crds): the API server refuses another (`operator.tekton.dev/v1beta1`), so it configures nothing.
 */
function servedOperatorVersion(manifest: any): boolean {
  return apiGroupOf(manifest?.apiVersion) === OPERATOR_GROUP && manifest?.apiVersion === `${OPERATOR_GROUP}/v1alpha1`;
}

/**
 * The one name the operator's webhook admits for each of its objects (an instance of another
 * name is refused: "Only one instance ... is allowed by name").
 */
export const OPERATOR_OBJECT_NAMES: Readonly<Record<string, string>> = { TektonConfig: 'config', TektonPipeline: 'pipeline', TektonChain: 'chain' };

/**
 * The object of `kind` of the Tekton operator's group among the manifests that the operator
 * reads: of its one admitted name (of several, the last: kubectl apply keeps the last).
 */
export function lastOperatorObject(manifests: readonly any[], kind: string): any {
  return manifestsOfKind(manifests, kind)
    .filter((m) => servedOperatorVersion(m) && m?.metadata?.name === own(OPERATOR_OBJECT_NAMES, kind))
    .slice(-1)[0];
}

/**
 * The object of the operator that replaces `manifest` among the manifests checked together, or
 * undefined: TektonConfig, TektonPipeline and TektonChain are cluster scoped (tektoncd/operator
 * v0.81.0 generated CRDs: `scope: Cluster`), so every object of the kind and admitted name, in
 * whatever namespace it is written (the API server drops the namespace of a cluster-scoped object),
 * is the one object, and kubectl apply keeps the last (lastOperatorObject): the objects before it
 * configure nothing the operator reads.
 */
export function replacingOperatorObject(manifest: any, manifests: readonly any[] | undefined): any {
  if (manifests === undefined || !isOperatorObject(manifest, Object.keys(OPERATOR_OBJECT_NAMES))) return undefined;
  if (manifest.metadata?.name !== own(OPERATOR_OBJECT_NAMES, manifest.kind)) return undefined;
  const last = lastOperatorObject(manifests, manifest.kind);
  return last !== undefined && last !== manifest ? last : undefined;
}

/**
 * The finding on an operator object that a later one of its kind and name replaces
 * (replacingOperatorObject), for the rules that judge its settings: they judge the last one, which
 * the operator reads, and only this finding of the one replaced; `configMap` is what its settings do
 * not reach.
 */
export function replacedOperatorProblem(manifest: any, manifests: readonly any[] | undefined, configMap: string):
{ property: string; value: string; problem: string; fix: string } | undefined {
  const last = replacingOperatorObject(manifest, manifests);
  if (last === undefined) return undefined;
  const kind = manifest.kind;
  const name: string = manifest.metadata.name;
  const count = manifestsOfKind(manifests!, kind).filter((m) => servedOperatorVersion(m) && m?.metadata?.name === name).length;
  return {
    property: 'metadata.name',
    value: name,
    problem: `names the ${kind} '${name}' that another object checked together names too (${count} in all): a ${kind} is cluster scoped, `
      + 'so they are one object whatever their namespaces, and kubectl apply keeps the last one, whose settings the operator reads; '
      + `none of this one's settings reach ${configMap}, and they are not judged here (the last one is)`,
    fix: `Keep one ${kind} named ${name}: move the settings this one should give into the last one, and remove this one.`,
  };
}

/** A component's settings in the object, and the path they are at (`spec.<component>` of a TektonConfig, else `spec`). */
export function operatorSettings(manifest: any, component: string): { readonly prefix: string; readonly settings: Record<string, any> } {
  const config = manifest?.kind === 'TektonConfig';
  const spec = config ? manifest?.spec?.[component] : manifest?.spec;
  return { prefix: config ? `spec.${component}` : 'spec', settings: isObject(spec) ? spec : {} };
}

/** Where a key of the ConfigMap `configMap` is written under `options`. */
export function operatorOptionsPath(prefix: string, configMap: string, key: string): string {
  return `${prefix}.options.configMaps['${configMap}'].data['${key}']`;
}

/** One key of the options' data: its path, the value as written, and the value stored (undefined when refused: not a string). */
export interface OperatorOptionsEntry {
  readonly key: string;
  readonly path: string;
  readonly written: unknown;
  readonly value?: string;
}

/**
 * The entries of `options.configMaps.<configMap>.data` the operator applies (none when
 * `options.disabled` is true): data is map[string]string, so a null is "" and anything else but
 * a string is refused.
 */
export function operatorOptionsData(prefix: string, settings: Record<string, any>, configMap: string): OperatorOptionsEntry[] {
  const options = settings.options;
  if (!isObject(options) || options.disabled === true) return [];
  const data = isObject(options.configMaps) && isObject(options.configMaps[configMap]) ? options.configMaps[configMap].data : undefined;
  if (!isObject(data)) return [];
  return Object.entries(data).map(([key, v]) => ({
    key, path: operatorOptionsPath(prefix, configMap, key), written: v, ...(v === null || typeof v === 'string' ? { value: v ?? '' } : {}),
  }));
}

/** The fields of a ConfigMap, as the operator's webhook decodes an entry of `options.configMaps`. */
const CONFIG_MAP_FIELDS: readonly string[] = ['apiVersion', 'kind', 'metadata', 'data', 'binaryData', 'immutable'];

/** A part of `options` that the API server refuses or the operator cannot decode: the object then sets nothing. */
export interface OperatorOptionsRefusal {
  /** The path of the field. */
  readonly path: string;
  /** The value as YAML read it. */
  readonly written: unknown;
  /** What is wrong with it (`is not a boolean`, `is not a map`). */
  readonly problem: string;
  /**
   * Who refuses it: `schema` (the API server, by the CRD's types), `operator` (it cannot decode the
   * object), or `webhook` (the operator's validating webhook refuses the value).
   */
  readonly by: 'schema' | 'operator' | 'webhook';
}

/**
 * The parts of `options` that make the object unreadable, in the order written: the CRD types
 * `options` as an object and `disabled` as a boolean (a quoted "true" is a string, which the API
 * server refuses; a null is dropped, as unset), and the operator decodes `configMaps` as a map of
 * ConfigMaps whose data is map[string]string. The data of `except` (the ConfigMap the caller reads
 * value by value, with operatorOptionsData) is left to the caller.
 */
export function operatorOptionsRefusals(prefix: string, settings: Record<string, any>, except: string): OperatorOptionsRefusal[] {
  const options = settings.options;
  if (options === undefined || options === null) return [];
  if (!isObject(options)) return [{ path: `${prefix}.options`, written: options, problem: 'is not a map', by: 'schema' }];
  const refusals: OperatorOptionsRefusal[] = [];
  const disabled = options.disabled;
  if (disabled !== undefined && disabled !== null && typeof disabled !== 'boolean') {
    refusals.push({ path: `${prefix}.options.disabled`, written: disabled, problem: 'is not a boolean', by: 'schema' });
  }
  for (const field of ['deployments', 'statefulSets', 'horizontalPodAutoscalers', 'webhookConfigurationOptions']) {
    const v = options[field];
    if (v !== undefined && v !== null && !isObject(v)) refusals.push({ path: `${prefix}.options.${field}`, written: v, problem: 'is not a map', by: 'operator' });
  }
  const configMaps = options.configMaps;
  if (configMaps === undefined || configMaps === null) return refusals;
  if (!isObject(configMaps)) return [...refusals, { path: `${prefix}.options.configMaps`, written: configMaps, problem: 'is not a map', by: 'operator' }];
  for (const [name, configMap] of Object.entries(configMaps)) {
    if (configMap === null) continue;
    const path = `${prefix}.options.configMaps['${name}']`;
    if (!isObject(configMap)) {
      refusals.push({ path, written: configMap, problem: 'is not a map', by: 'operator' });
      continue;
    }
    // the webhook decodes each entry as a ConfigMap, strictly: a field a ConfigMap lacks refuses the object
    const unknown = Object.keys(configMap).find((f) => !CONFIG_MAP_FIELDS.includes(f));
    if (unknown !== undefined) {
      refusals.push({ path: `${path}.${unknown}`, written: configMap[unknown], problem: 'is not a field of a ConfigMap', by: 'operator' });
      continue;
    }
    const data = configMap.data;
    if (data === undefined || data === null) continue;
    if (!isObject(data)) {
      refusals.push({ path: `${path}.data`, written: data, problem: 'is not a map', by: 'operator' });
      continue;
    }
    // the caller reads the values of `except` (but, options disabled, it reads none: the operator decodes them all the same)
    if (name === except && options.disabled !== true) continue;
    for (const [key, v] of Object.entries(data)) {
      if (v !== null && typeof v !== 'string') refusals.push({ path: operatorOptionsPath(prefix, name, key), written: v, problem: 'is not a string', by: 'operator' });
    }
  }
  return refusals;
}

/** Who refuses an object for a refusal of its `options`, for messages. */
export function operatorOptionsRefuser(refusal: OperatorOptionsRefusal, kind: string): string {
  if (refusal.by === 'webhook') return `the operator's webhook refuses the ${kind}`;
  return refusal.by === 'schema'
    ? `the API server refuses the ${kind} (the operator's CRD types the field; with an untyped CRD the operator cannot read it)`
    : `the operator cannot read the ${kind}`;
}

/** The profiles a TektonConfig's `spec.profile` may name ("" or unset is `basic`). */
export const OPERATOR_PROFILES: readonly string[] = ['all', 'basic', 'lite'];

/**
 * What the operator's webhook refuses of any of its objects, whatever the component (CommonSpec's
 * validate, and a TektonConfig's profile): a `spec.targetNamespace` that is not set ("" or null
 * included: "missing field(s): spec.targetNamespace"; nothing defaults it) or not a string, and a
 * TektonConfig's `spec.profile` that is not a string or not one of OPERATOR_PROFILES.
 */
export function operatorCommonRefusals(manifest: any): OperatorOptionsRefusal[] {
  const spec = isObject(manifest?.spec) ? manifest.spec : {};
  const refusals: OperatorOptionsRefusal[] = [];
  const ns = spec.targetNamespace;
  if (ns === undefined || ns === null || ns === '') {
    refusals.push({ path: 'spec.targetNamespace', written: ns ?? null, problem: 'is not set (the operator\'s webhook requires the namespace to install into)', by: 'webhook' });
  } else if (typeof ns !== 'string') {
    refusals.push({ path: 'spec.targetNamespace', written: ns, problem: 'is not a string', by: 'schema' });
  }
  if (manifest?.kind === 'TektonConfig') {
    // the webhook decodes the settings of every component, each with its options
    for (const component of ['trigger', 'dashboard', 'result', 'multiclusterProxyAAE']) {
      const settings = spec[component];
      if (settings === undefined || settings === null) continue;
      if (!isObject(settings)) refusals.push({ path: `spec.${component}`, written: settings, problem: 'is not a map', by: 'schema' });
      else refusals.push(...operatorOptionsRefusals(`spec.${component}`, settings, ''));
    }
  }
  const profile = spec.profile;
  if (manifest?.kind === 'TektonConfig' && profile !== undefined && profile !== null) {
    if (typeof profile !== 'string') {refusals.push({ path: 'spec.profile', written: profile, problem: 'is not a string', by: 'schema' });} else if (profile !== '' && !OPERATOR_PROFILES.includes(profile)) {
      refusals.push({ path: 'spec.profile', written: profile, problem: `is not a profile the operator knows (${OPERATOR_PROFILES.join(', ')}, exactly as written)`, by: 'webhook' });
    }
  }
  return refusals;
}

/** How to write a field of `options` the operator cannot read, for fixes. */
export function operatorOptionsFix(refusal: OperatorOptionsRefusal): string {
  const field = /(?:\.([a-zA-Z]+)|\['([^']+)'\])$/.exec(refusal.path);
  const name = field?.[1] ?? field?.[2];
  if (refusal.problem === 'is not a boolean') return `Write ${name}: true or ${name}: false, unquoted.`;
  if (refusal.problem === 'is not a string') {
    // a map or a list (a pod template written as YAML) is one string to the operator: a block scalar
    return refusal.written !== null && typeof refusal.written === 'object'
      ? `Write ${name} as one string, a block (${name}: |, its lines indented below it), as config-defaults holds it.`
      : `Quote the value ("${jsString(refusal.written)}") so that YAML reads a string.`;
  }
  if (refusal.path === 'spec.targetNamespace') return 'Set targetNamespace to the namespace the operator installs into (tekton-pipelines).';
  if (refusal.path === 'spec.profile') return `Write profile: as one of ${OPERATOR_PROFILES.join(', ')}, or remove it (basic).`;
  if (refusal.problem.startsWith('is not one of')) return `Write ${name} as one of the values listed, exactly (the operator's webhook neither lowercases nor trims it).`;
  if (refusal.problem.startsWith('is 0')) return `Write ${name}: 60, a whole number above 0, or remove it (Tekton then uses 60).`;
  if (refusal.problem.startsWith('is 1572864 or more')) return `Write ${name}: 4096, below 1572864, or remove it.`;
  if (refusal.problem === 'is not a whole number') return `Write ${name}: 60, a whole number unquoted.`;
  if (refusal.problem.startsWith('is negative')) return `Write ${name}: 60, a whole number of 0 or more.`;
  if (refusal.problem === 'is not a field of a ConfigMap') return `Remove ${name}, or spell it as a field of a ConfigMap (data, metadata, binaryData, immutable).`;
  return `Write ${name} as a map (key: value lines), or remove it.`;
}

/** The environment variable of the operator's container that makes it create a TektonConfig `config` of its own. */
export const OPERATOR_AUTOINSTALL_ENV = 'AUTOINSTALL_COMPONENTS';

/** What an env entry does to the variable it names: sets it (a value, "" included), leaves it as it was, or is not known. */
type EnvEffect = { readonly set: string } | 'kept' | undefined;

/**
 * What a container's env entry does to the variable it names, as the kubelet resolves it
 * (kubelet_pods.go makeEnvironmentVariables): a `value` sets it as written (unset or null is
 * ""; one with a `$`, which the kubelet expands from other variables, is not known; one that is
 * not a string is refused by the API server); a `valueFrom.configMapKeyRef` sets it to the
 * key's value in a ConfigMap of the Deployment's namespace checked together (of several, the
 * last; a null value is stored as ""), and, marked `optional`, leaves it as it was when that
 * ConfigMap lacks the key. Not known: another `valueFrom`, a ConfigMap not among the manifests
 * (or one the API server refuses), a key it lacks without `optional` (the container does not
 * start).
 */
function envEffect(entry: Record<string, any>, deployment: any, manifests: readonly any[]): EnvEffect {
  const value = entry.value;
  if (value !== undefined && value !== null && value !== '') return typeof value === 'string' && !value.includes('$') ? { set: value } : undefined;
  if (entry.valueFrom === undefined || entry.valueFrom === null) return { set: '' };
  const ref = entry.valueFrom?.configMapKeyRef;
  if (!isObject(ref) || typeof ref.name !== 'string' || typeof ref.key !== 'string') return undefined;
  const namespace = deployment?.metadata?.namespace ?? '';
  const configMap = manifestsOfKind(manifests, 'ConfigMap')
    .filter((m) => isCoreV1(m?.apiVersion) && m?.metadata?.name === ref.name && (m?.metadata?.namespace ?? '') === namespace)
    .slice(-1)[0];
  if (configMap === undefined || configMapRefusals(configMap.data, configMap.binaryData).length > 0) return undefined;
  const data = storedConfigMapData(configMap.data);
  if (!Object.prototype.hasOwnProperty.call(data, ref.key)) return ref.optional === true ? 'kept' : undefined;
  const v = data[ref.key];
  return typeof v === 'string' ? { set: v } : undefined;
}

/** The ConfigMap or Secret of `kind` named `name` in the Deployment's namespace among the manifests (of several, the last, as kubectl apply leaves it). */
function sourceObject(kind: 'ConfigMap' | 'Secret', name: string, deployment: any, manifests: readonly any[]): any {
  const namespace = deployment?.metadata?.namespace ?? '';
  return manifestsOfKind(manifests, kind)
    .filter((m) => isCoreV1(m?.apiVersion) && m?.metadata?.name === name && (m?.metadata?.namespace ?? '') === namespace)
    .slice(-1)[0];
}

/** A variable's value as a container's environment gives it, and when not known, why (for messages). */
export interface EnvReading {
  /** The value its process reads; undefined when not known. */
  readonly value?: string;
  /** Why it is not known, when an `envFrom` source not among the manifests may set it: `envFrom[0] (ConfigMap 'operator-env', not among the objects checked)`. */
  readonly unknownFrom?: string;
  /** Where the value is decided: `env[<i>]`, the last env entry of the name, else `envFrom[<i>]`, the last source that sets it or may; undefined when neither names it. */
  readonly at?: string;
}

/**
 * What a container's `envFrom` sources make of the variable `name`, as the kubelet resolves them before `env`
 * (kubernetes pkg/kubelet/kubelet_pods.go makeEnvironmentVariables): each source in order, a later one replacing what an
 * earlier set; a ConfigMap's `data` keys (not its binaryData), a Secret's `data` (decoded; `stringData` written over it, as the API
 * server stores it), each key after the source's `prefix`. A source among the manifests (in the Deployment's namespace) sets the
 * variable when one of its keys is the name, else leaves it as it was; one not among them (or a ConfigMap the API server refuses)
 * may set it to anything.
 */
function envFromReading(
  container: any, name: string, deployment: any, manifests: readonly any[],
): { effect: EnvEffect; named: boolean; unknownFrom?: string; at?: string } {
  let effect: EnvEffect = 'kept';
  let named = false;
  let unknownFrom: string | undefined;
  let at: string | undefined;
  const sources: unknown[] = Array.isArray(container?.envFrom) ? container.envFrom : [];
  sources.forEach((source, i) => {
    if (!isObject(source)) return;
    const prefix = typeof source.prefix === 'string' ? source.prefix : '';
    const ref = isObject(source.configMapRef) ? { kind: 'ConfigMap' as const, r: source.configMapRef }
      : isObject(source.secretRef) ? { kind: 'Secret' as const, r: source.secretRef } : undefined;
    if (ref === undefined) return;
    const refName = typeof ref.r.name === 'string' ? ref.r.name : '';
    const object = sourceObject(ref.kind, refName, deployment, manifests);
    let data: Record<string, unknown> | undefined;
    if (object !== undefined && ref.kind === 'ConfigMap' && configMapRefusals(object.data, object.binaryData).length === 0) {
      data = storedConfigMapData(object.data);
    } else if (object !== undefined && ref.kind === 'Secret') {
      const decoded = isObject(object.data) ? Object.fromEntries(Object.entries(object.data)
        .map(([k, v]) => [k, typeof v === 'string' ? Buffer.from(v, 'base64').toString('utf8') : undefined])) : {};
      data = { ...decoded, ...(isObject(object.stringData) ? object.stringData : {}) };
    }
    if (data === undefined) {
      effect = undefined;
      unknownFrom = `envFrom[${i}] (${ref.kind} '${jsString(refName)}', not among the objects checked)`;
      at = `envFrom[${i}]`;
      return;
    }
    const key = name.startsWith(prefix) ? name.slice(prefix.length) : undefined;
    if (key === undefined || !Object.prototype.hasOwnProperty.call(data, key)) return;
    const v = data[key];
    effect = typeof v === 'string' ? { set: v } : v === null ? { set: '' } : undefined;
    named = true;
    unknownFrom = undefined;
    at = `envFrom[${i}]`;
  });
  return { effect, named, ...(unknownFrom !== undefined ? { unknownFrom } : {}), ...(at !== undefined ? { at } : {}) };
}

/**
 * The value of the variable `name` a container's process reads (os.Getenv): what its `envFrom` sources give it
 * (envFromReading), then its env entries of that name in order, which the kubelet applies over them; not known when an
 * entry is not known, when a source not among the manifests may set it and no env entry sets it after, or when nothing
 * sets it (the image's own environment is not read).
 */
export function envReading(container: any, name: string, deployment: any, manifests: readonly any[]): EnvReading {
  const from = envFromReading(container, name, deployment, manifests);
  let value = from.effect === 'kept' ? undefined : from.effect?.set;
  let unknownFrom = from.effect === undefined ? from.unknownFrom : undefined;
  let at = from.at;
  const env: unknown[] = Array.isArray(container?.env) ? container.env : [];
  env.forEach((entry, i) => {
    if (!isObject(entry) || entry.name !== name) return;
    at = `env[${i}]`;
    const effect = envEffect(entry, deployment, manifests);
    if (effect === 'kept') return;
    value = effect?.set;
    unknownFrom = undefined;
  });
  return {
    ...(value !== undefined ? { value } : {}),
    ...(value === undefined && unknownFrom !== undefined ? { unknownFrom } : {}),
    ...(at !== undefined ? { at } : {}),
  };
}

/** The value of the variable `name` a container's process reads, undefined when not known (envReading). */
function envValue(container: any, name: string, deployment: any, manifests: readonly any[]): string | undefined {
  return envReading(container, name, deployment, manifests).value;
}

/** Whether a container's environment names the variable: an env entry, or a key of an `envFrom` source among the manifests (after its prefix). */
export function namesVariable(container: any, name: string, deployment: any, manifests: readonly any[]): boolean {
  return (Array.isArray(container?.env) && container.env.some((e: unknown) => isObject(e) && e.name === name))
    || envFromReading(container, name, deployment, manifests).named;
}

/** The environment variable whose value is the target namespace of the TektonConfig the operator creates of its own. */
export const OPERATOR_NAMESPACE_ENV = 'DEFAULT_TARGET_NAMESPACE';

/**
 * Whether the operator checked together creates no TektonConfig of its own, the target namespace of the one it may create,
 * and how messages name the first of its Deployments that may create one (undefined when none is checked together).
 */
interface OperatorAutoinstall { readonly off: boolean; readonly namespace: string; readonly deployment?: string }

const AUTOINSTALL = new WeakMap<readonly any[], Map<string, OperatorAutoinstall>>();

/**
 * What the Tekton operator's own Deployments among the manifests make of their environment
 * (tektoncd/operator v0.81.0: the TektonConfig controller creates a TektonConfig `config` of its
 * own only when `os.Getenv("AUTOINSTALL_COMPONENTS") == "true"`, with `spec.targetNamespace`
 * `os.Getenv("DEFAULT_TARGET_NAMESPACE")`, which its webhook refuses when ""): each container of
 * an `apps` Deployment whose environment names AUTOINSTALL_COMPONENTS (namesVariable) is an operator, which creates
 * none when it gives the variable a known value other than exactly "true", or DEFAULT_TARGET_NAMESPACE
 * a known "" (envReading: its `envFrom` sources, then the entries of the name in order, as the kubelet resolves them). `off`
 * when there is such a container and none creates one; `namespace`, DEFAULT_TARGET_NAMESPACE when
 * every container that may create one gives it the same known value, else the release's.
 */
function operatorAutoinstall(manifests: readonly any[]): OperatorAutoinstall {
  return oncePerSet(AUTOINSTALL, manifests, 'autoinstall', () => {
    let operators = 0;
    let creator: string | undefined;
    const namespaces = new Set<string | undefined>();
    for (const deployment of manifestsOfKind(manifests, 'Deployment')) {
      if (apiGroupOf(deployment?.apiVersion) !== 'apps') continue;
      const containers = deployment?.spec?.template?.spec?.containers;
      if (!Array.isArray(containers)) continue;
      for (const container of containers) {
        if (!namesVariable(container, OPERATOR_AUTOINSTALL_ENV, deployment, manifests)) continue;
        operators++;
        const value = envValue(container, OPERATOR_AUTOINSTALL_ENV, deployment, manifests);
        if (value !== undefined && value !== 'true') continue;
        const namespace = envValue(container, OPERATOR_NAMESPACE_ENV, deployment, manifests);
        // "missing field(s): spec.targetNamespace": the webhook refuses the TektonConfig, and the operator gives up
        if (namespace === '') continue;
        namespaces.add(namespace);
        creator ??= `Deployment '${jsString(deployment?.metadata?.name)}' runs it with ${OPERATOR_AUTOINSTALL_ENV} ${value === undefined ? 'of a value not known' : '"true"'}`;
      }
    }
    const [only] = namespaces;
    const namespace = namespaces.size === 1 && only !== undefined ? only : OPERATOR_AUTOINSTALL_NAMESPACE;
    return { off: operators > 0 && namespaces.size === 0, namespace, ...(creator !== undefined ? { deployment: creator } : {}) };
  });
}

/** A container of the operator's Deployment that may create the operator's own TektonConfig, and its AUTOINSTALL_COMPONENTS entry. */
export interface OperatorAutoinstallContainer {
  /** The container's index in `spec.template.spec.containers`. */
  readonly container: number;
  /** Where its AUTOINSTALL_COMPONENTS is decided, below the container: `env[<i>]` (the last entry naming it), else `envFrom[<i>]` (envReading). */
  readonly at: string;
  /** The value its process reads: "true", or undefined when it is not known (envReading). */
  readonly value?: string;
  /** When not known because an `envFrom` source not among the manifests may set it: which (`envFrom[0] (ConfigMap 'x', not among the objects checked)`). */
  readonly unknownFrom?: string;
  /** Its PLATFORM, when known (the operator's IsOpenShiftPlatform reads exactly "openshift"). */
  readonly platform?: string;
}

/**
 * The containers of an `apps` Deployment that run the Tekton operator (an `env` entry names AUTOINSTALL_COMPONENTS, or a key of
 * an `envFrom` ConfigMap or Secret among the manifests does) and may create a TektonConfig `config` of their own, as
 * operatorAutoinstall reads them: AUTOINSTALL_COMPONENTS "true" or not known, DEFAULT_TARGET_NAMESPACE not a known "". Empty for
 * any other object.
 */
export function operatorAutoinstallContainers(deployment: any, manifests: readonly any[]): OperatorAutoinstallContainer[] {
  if (deployment?.kind !== 'Deployment' || apiGroupOf(deployment?.apiVersion) !== 'apps') return [];
  const containers = deployment?.spec?.template?.spec?.containers;
  if (!Array.isArray(containers)) return [];
  const out: OperatorAutoinstallContainer[] = [];
  containers.forEach((container: any, i: number) => {
    if (!namesVariable(container, OPERATOR_AUTOINSTALL_ENV, deployment, manifests)) return;
    const reading = envReading(container, OPERATOR_AUTOINSTALL_ENV, deployment, manifests);
    const value = reading.value;
    if (value !== undefined && value !== 'true') return;
    if (envValue(container, OPERATOR_NAMESPACE_ENV, deployment, manifests) === '') return;
    // a PLATFORM nothing sets is "" (the image's own environment sets none)
    const platformReading = envReading(container, 'PLATFORM', deployment, manifests);
    const platform = platformReading.at === undefined ? '' : platformReading.value;
    out.push({
      container: i,
      at: reading.at ?? 'env',
      ...(value !== undefined ? { value } : {}),
      ...(reading.unknownFrom !== undefined ? { unknownFrom: reading.unknownFrom } : {}),
      ...(platform !== undefined ? { platform } : {}),
    });
  });
  return out;
}

/**
 * Whether the Tekton operator's own Deployment is among the manifests checked together and
 * creates no TektonConfig of its own (operatorAutoinstall): every container of an `apps`
 * Deployment whose environment names AUTOINSTALL_COMPONENTS gives it a known value other than exactly
 * "true", or gives DEFAULT_TARGET_NAMESPACE a known "", and at least one container names it.
 */
export function operatorAutoinstallOff(manifests: readonly any[]): boolean {
  return operatorAutoinstall(manifests).off;
}

/**
 * The target namespace of the TektonConfig the operator creates of its own when its
 * DEFAULT_TARGET_NAMESPACE is not known: that of the operator's release for Kubernetes (its
 * tekton-config-defaults).
 */
export const OPERATOR_AUTOINSTALL_NAMESPACE = 'tekton-pipelines';

const AUTOINSTALLED = new Map<string, any>();

/**
 * The TektonConfig `config` the operator creates when it starts with AUTOINSTALL_COMPONENTS
 * "true" and finds none (tektoncd/operator v0.81.0, instance.go `createInstance`): the profile
 * `all`, the target namespace of DEFAULT_TARGET_NAMESPACE (`namespace`), every other setting
 * the webhook's default, so Chains installed. One object per namespace, frozen.
 */
export function operatorAutoinstalledConfig(namespace: string): any {
  let config = AUTOINSTALLED.get(namespace);
  if (config === undefined) {
    config = Object.freeze({
      apiVersion: `${OPERATOR_GROUP}/v1alpha1`,
      kind: 'TektonConfig',
      metadata: Object.freeze({ name: 'config' }),
      spec: Object.freeze({ profile: 'all', targetNamespace: namespace }),
    });
    AUTOINSTALLED.set(namespace, config);
  }
  return config;
}

/** The TektonConfig the operator creates of its own in the namespace of its release for Kubernetes. */
export const OPERATOR_AUTOINSTALLED_CONFIG: any = operatorAutoinstalledConfig(OPERATOR_AUTOINSTALL_NAMESPACE);

/** The operator's object whose settings a component's ConfigMaps are written from, among the manifests checked together. */
export interface OperatorSettingsObject {
  /** The TektonConfig, or the component's own TektonPipeline or TektonChain; OPERATOR_AUTOINSTALLED_CONFIG for the operator's own. */
  readonly manifest: any;
  /** How messages name it: `TektonConfig 'config'`, or for the operator's own TektonConfig which object it replaces. */
  readonly name: string;
  /** For the operator's own TektonConfig: the TektonPipeline or TektonChain checked without a TektonConfig, whose settings it replaces. */
  readonly replaces?: any;
  /** Whether it is the operator's own TektonConfig (OPERATOR_AUTOINSTALLED_CONFIG, of its namespace). */
  readonly autoinstalled?: boolean;
}

const SETTINGS_OBJECTS = new WeakMap<readonly any[], Map<string, OperatorSettingsObject | undefined>>();

/**
 * The operator's object that `kind` (TektonPipeline or TektonChain) is written from among the
 * manifests checked together (once per set): a TektonConfig `config` (of several, the last);
 * without one, when a TektonPipeline `pipeline` or TektonChain `chain` is checked (the operator
 * is installed) and its Deployment checked together does not turn AUTOINSTALL_COMPONENTS off
 * (operatorAutoinstallOff), the TektonConfig the operator creates of its own
 * (OPERATOR_AUTOINSTALLED_CONFIG): its reconciler's UpdatePipeline and UpdateChain replace the
 * whole of the component's settings (the typed fields, `params`, `options`, `performance`, the
 * target namespace) with those of the TektonConfig, so none of the object's survive; else the
 * component's own object; without any of them, the operator's own TektonConfig too when its
 * Deployment checked together may create one (it then installs the components, and applies their
 * ConfigMaps over those there: the installer set's apply, a three-way strategic merge from the
 * last configuration kubectl applied, sets every key the operator writes and removes the keys
 * kubectl applied that it does not write, so a ConfigMap applied with kubectl holds the operator's
 * data alone); undefined when there is none.
 */
export function operatorSettingsObject(manifests: readonly any[], kind: 'TektonPipeline' | 'TektonChain'): OperatorSettingsObject | undefined {
  return oncePerSet(SETTINGS_OBJECTS, manifests, kind, () => {
    const named = (m: any) => `${m.kind} '${jsString(m.metadata?.name)}'`;
    const config = lastOperatorObject(manifests, 'TektonConfig');
    if (config !== undefined) return { manifest: config, name: named(config) };
    const component = lastOperatorObject(manifests, kind);
    const lone = component ?? lastOperatorObject(manifests, kind === 'TektonPipeline' ? 'TektonChain' : 'TektonPipeline');
    const autoinstall = operatorAutoinstall(manifests);
    if (lone !== undefined && !autoinstall.off) {
      return {
        manifest: operatorAutoinstalledConfig(autoinstall.namespace),
        name: `TektonConfig 'config' (the operator's own, with its defaults: ${named(lone)} is checked without a TektonConfig)`,
        replaces: lone,
        autoinstalled: true,
      };
    }
    // the operator's Deployment alone: it creates its TektonConfig and installs the components, whose ConfigMaps it applies over any there
    if (lone === undefined && autoinstall.deployment !== undefined) {
      return {
        manifest: operatorAutoinstalledConfig(autoinstall.namespace),
        name: `TektonConfig 'config' (the operator's own, with its defaults: its ${autoinstall.deployment}, and no TektonConfig is checked)`,
        autoinstalled: true,
      };
    }
    return component && { manifest: component, name: named(component) };
  });
}

/** For the rules that read the operator's objects: the TektonConfig the operator creates of its own, which they then read. */
export function operatorAutoinstallReads(kind: 'TektonPipeline' | 'TektonChain'): string {
  return ' Without a TektonConfig, a TektonPipeline `pipeline` or TektonChain `chain` checked together stands for the '
    + `TektonConfig \`config\` an operator running with \`${OPERATOR_AUTOINSTALL_ENV}\` "true" (its release's default) creates `
    + 'of its own (profile `all`, every setting the operator\'s default, so Chains installed), whose reconciler replaces every '
    + `setting of the ${kind} with its own: its defaults are read, not the object's (unless the operator's Deployment `
    + `checked together turns ${OPERATOR_AUTOINSTALL_ENV} off, as TEKTON_FEATURE_FLAGS and CHAINS_SIGNED read it). So does the `
    + 'operator\'s own Deployment checked together without any of its objects, when a container whose `env` names '
    + `${OPERATOR_AUTOINSTALL_ENV} does not turn it off: the operator installs the components and applies their ConfigMaps `
    + 'over those checked (a three-way merge from the configuration kubectl last applied, which sets every key it writes and '
    + 'removes the others kubectl applied), so its defaults are read, not the ConfigMaps.';
}

/**
 * The finding on a TektonPipeline or TektonChain checked without a TektonConfig, for the rules
 * that read its settings: undefined when a TektonConfig `config` is checked together (it
 * replaces them), when the operator's own Deployment checked together runs without
 * AUTOINSTALL_COMPONENTS "true", or when it is not known what is checked together. `record` is the
 * relaxation record (annotation and line) that covers the finding, which its fix gives.
 */
export function operatorAutoinstallProblem(
  manifest: any,
  manifests: readonly any[] | undefined,
  configMap: string,
  record: string,
): { property: string; value: string; problem: string; fix: string } | undefined {
  if (manifests === undefined || !isOperatorObject(manifest, ['TektonPipeline', 'TektonChain'])) return undefined;
  // another name is refused by the operator's webhook, a finding of its own
  if (manifest.metadata?.name !== own(OPERATOR_OBJECT_NAMES, manifest.kind)) return undefined;
  if (lastOperatorObject(manifests, 'TektonConfig') !== undefined || operatorAutoinstallOff(manifests)) return undefined;
  const component = manifest.kind === 'TektonPipeline' ? 'pipeline' : 'chain';
  return {
    property: 'kind',
    value: manifest.kind,
    problem: `is checked without a TektonConfig: unless the operator runs with ${OPERATOR_AUTOINSTALL_ENV} "false" (its release's default is "true"), `
      + `it creates a TektonConfig 'config' of its own, whose defaults then replace this ${manifest.kind}'s settings, so they do not reach ${configMap}`,
    fix: `Write these settings under spec.${component} of a TektonConfig named config, checked together; if the operator runs with `
      + `${OPERATOR_AUTOINSTALL_ENV} "false", check its Deployment together with the ${manifest.kind} (every rule then reads its settings), or `
      + `relax this finding with that reason (annotation ${record} on the ${manifest.kind}; the other rules still read the operator's defaults).`,
  };
}

/** For the decidesFrom of the rules that read a TektonPipeline or TektonChain: the finding on one checked without a TektonConfig. */
export function operatorAutoinstallDecides(kind: string, under: string, configMap: string, target?: string): string {
  return ` A ${kind} checked without a TektonConfig \`config\` is a finding${target === undefined ? '' : ` (target \`${target}\`)`}: an operator running with `
    + `\`${OPERATOR_AUTOINSTALL_ENV}\` "true" (its release's default; v0.81 reads exactly "true") creates a TektonConfig \`config\` of its `
    + `own, whose defaults replace the ${kind}'s settings, so they do not reach ${configMap} (write them under \`${under}\` of a TektonConfig `
    + '`config` instead). There is no such finding when the operator\'s own Deployment (`apps`) is checked together and every container '
    + `whose environment names \`${OPERATOR_AUTOINSTALL_ENV}\` gives it a value other than "true" (as the kubelet resolves it: its \`envFrom\` `
    + 'ConfigMaps and Secrets of its namespace checked together in order, each key after the source\'s `prefix`, a later source replacing an '
    + 'earlier, then its `env` entries of the name in order over them: a `value`, unset or null being "", or `valueFrom.configMapKeyRef` to a '
    + 'ConfigMap of its namespace checked together, whose null value is stored as "" and which, marked `optional`, leaves the variable as '
    + `what came before set it when the ConfigMap lacks the key), or gives \`${OPERATOR_NAMESPACE_ENV}\` "" (the TektonConfig it would create has no target `
    + 'namespace, which the operator\'s webhook refuses).';
}

/** For the limits of the rules that read a TektonPipeline or TektonChain: what the autoinstall finding does not read. */
export const OPERATOR_AUTOINSTALL_LIMITS =
  `The operator's \`${OPERATOR_AUTOINSTALL_ENV}\` set through an \`envFrom\` source not checked together, another \`valueFrom\`, a \`value\` with \`$\` (which the kubelet `
  + 'expands), a ConfigMap not checked together (or lacking the key, not `optional`, so that the container does not start), or the '
  + 'image\'s own environment (where an `optional` entry whose key is missing, with no entry before it, leaves the variable) is '
  + 'not read (the finding stays: relax it with the reason that the operator runs with it "false"; the other rules still read '
  + 'the defaults of the TektonConfig such an operator creates, not the object\'s settings: a relaxation accepts its own rule\'s '
  + 'finding and never changes what another rule reads, so a reason given for one rule cannot clear or change the findings of '
  + 'another; the object\'s own settings are still judged as written by TEKTON_FEATURE_FLAGS and the Chains rules that judge it, '
  + 'and checking the Deployment together makes every rule read them), and a TektonPipeline or TektonChain '
  + 'judged alone, without the manifests checked with it (the constructs\' own checks), is read as it stands.';
