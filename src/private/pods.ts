/**
 * The pod templates of Tekton runs, where Tekton reads them: a TaskRun's
 * `podTemplate`, a PipelineRun's run-wide template (`taskRunTemplate.podTemplate`
 * in v1, `podTemplate` in v1beta1) and its per-task templates
 * (`taskRunSpecs[].podTemplate`, v1beta1 `taskPodTemplate`). A per-task template
 * replaces each field it sets, the securityContext as a whole.
 */
import { configDefaultFieldDecoded, GoField, tektonCannotReadConfigDefaults } from './config-defaults-decoding';
import { CONFIG_DEFAULTS_TYPES } from './config-defaults-types';
import { refusedConfigMapValues } from './config-map-data';
import { apiGroupOf, asArray, isObject } from './containers';
import { DECODED_SHAPES, FieldTree, TEKTON_SPEC_FIELDS } from './field-names';
import { OBJECT_META_FIELDS } from './field-walk';
import { goJsonField, sortedEntries } from './go-json';
import { decodeYamlText } from './lazy-yaml';
import { LISTENER_POD_TEXT, listenerPod } from './listener-pods';
import { manifestsNamed, oncePerSet } from './manifest-index';
import { manifestNamespace, sameNamespace } from './namespaces';
import { OperatorDefaultsKey } from './operator-defaults';
import { operatorDefaultsKeys, operatorDefaultsOf } from './operator-flags';
import { operatorAutoinstallReads } from './operator-objects';
import { ConfigMapReading, inReading, keptReading, readingsProblems, writtenAloneReading } from './readings';
import { TEKTON_NAMESPACE } from './tekton-config';
import { jsString } from './text';

/** The key of Tekton's config-defaults that holds the pod template merged under every run's. */
export const DEFAULT_POD_TEMPLATE_KEY = 'default-pod-template';

/** For the rules' documentation: a config-defaults refused as a whole applies nothing. */
export const CONFIG_DEFAULTS_REFUSED_TEXT = ' A config-defaults that Tekton v1.15 cannot read as a whole (`NewDefaultsFromMap` fails on one of its keys: '
  + 'an int or duration key that does not parse, a template or container requirements that is not YAML or does not decode into its Go type, '
  + 'as TEKTON_FEATURE_FLAGS reports it) or whose data the API server refuses (a value that is not a string) applies none of its keys: '
  + 'Tekton\'s webhook refuses it, and a controller started with it exits. A config-defaults ConfigMap whose keys a Tekton operator '
  + 'checked with it keeps beside its own is read with the operator\'s keys over them: a key at fault that the operator writes over is '
  + 'not in effect there, and the ConfigMap\'s other keys (its templates, its default binding) are read in that reading.';

/** For the rules' documentation: the default pod template is read as a run's. */
export const DEFAULT_POD_TEMPLATE_TEXT = ' The `default-pod-template` of Tekton\'s `config-defaults` ConfigMap (in tekton-pipelines or with no '
  + 'namespace, or, checked with a Tekton operator\'s object that writes config-defaults, in its target namespace), which Tekton merges under every run\'s pod template, is read as a run\'s pod template (decoded as Tekton decodes it); '
  + 'so is the one a Tekton operator\'s TektonConfig (`spec.pipeline`) or TektonPipeline (`spec`) writes into config-defaults, at '
  + 'the field that sets it (`default-pod-template`, or under `options.configMaps.config-defaults.data`), when the operator can read the object.';

/** Whether a manifest is a ConfigMap named `config-defaults`, in any namespace. */
export function isConfigDefaultsNamed(manifest: any): boolean {
  return manifest?.kind === 'ConfigMap' && manifest.metadata?.name === CONFIG_DEFAULTS_NAME;
}

/**
 * Whether a manifest is Tekton's `config-defaults` ConfigMap: in tekton-pipelines or with no namespace;
 * among `manifests` with a Tekton operator's object that writes config-defaults (operatorDefaultsOf),
 * also in that operator's target namespace, where its apply goes over it (tektoncd/operator
 * `injectNamespaceConditional`).
 */
export function isConfigDefaults(manifest: any, manifests?: readonly any[]): boolean {
  if (!isConfigDefaultsNamed(manifest)) return false;
  const namespace = manifestNamespace(manifest);
  if (namespace === undefined || namespace === TEKTON_NAMESPACE) return true;
  const target = Array.isArray(manifests) ? operatorTargetNamespace(manifests) : undefined;
  return target !== undefined && sameNamespace(namespace, target);
}

/** The target namespace of the Tekton operator's object that writes config-defaults among `manifests`, if any. */
function operatorTargetNamespace(manifests: readonly any[]): string | undefined {
  const operator = operatorDefaultsOf(manifests);
  if (operator?.keys === undefined) return undefined;
  return typeof operator.manifest?.spec?.targetNamespace === 'string' ? operator.manifest.spec.targetNamespace : TEKTON_NAMESPACE;
}

/**
 * Whether a manifest writes Tekton's config-defaults: the ConfigMap (isConfigDefaults, of the
 * operator's target namespace too among `manifests`), or a Tekton operator's TektonConfig or
 * TektonPipeline that writes config-defaults keys (operatorDefaultsKeys: of the name the operator
 * admits, and one it can read).
 */
export function writesConfigDefaults(manifest: any, manifests?: readonly any[]): boolean {
  return isConfigDefaults(manifest, manifests) || operatorDefaultsKeys(manifest) !== undefined;
}

/**
 * A config-defaults key as `manifest` writes it, with the path of the field that sets it: a
 * ConfigMap's `data['<key>']`, or the field of an operator's object that sets it
 * (`spec.pipeline['<key>']`, or under `options`). Undefined when it sets none.
 */
function configDefaultsKey(manifest: any, key: string): { readonly text: unknown; readonly path: string } | undefined {
  // (a ConfigMap of any namespace: the callers ask writesConfigDefaults first; whether Tekton can read the config-defaults
  // it is in is theirs to ask, configDefaultsInEffectRefused, since beside an operator that depends on the operator's keys)
  if (isConfigDefaultsNamed(manifest)) return manifest.data?.[key] === undefined ? undefined : { text: manifest.data[key], path: `data['${key}']` };
  const k = operatorDefaultsKeys(manifest)?.get(key);
  return k === undefined ? undefined : { text: k.value, path: k.path };
}

/**
 * The config-defaults data a ConfigMap named config-defaults or a Tekton operator's object writes: the ConfigMap's `data`
 * as written (a null is stored as ""), the keys the operator writes; undefined for any other object.
 */
export function configDefaultsData(manifest: any): Readonly<Record<string, unknown>> | undefined {
  if (isConfigDefaultsNamed(manifest)) return isObject(manifest.data) ? manifest.data : {};
  const keys = operatorDefaultsKeys(manifest);
  if (keys === undefined) return undefined;
  let data = OPERATOR_DATA.get(keys);
  if (data === undefined) {
    data = Object.fromEntries([...keys].map(([k, v]) => [k, v.value]));
    OPERATOR_DATA.set(keys, data);
  }
  return data;
}

const OPERATOR_DATA = new WeakMap<object, Readonly<Record<string, unknown>>>();

/**
 * Whether the config-defaults `data` (as written) is refused as a whole, so that none of its keys reach Tekton: the API
 * server refuses a value that is not a string (or null), Tekton v1.15's webhook one it cannot read (configDefaultsUnreadable:
 * NewDefaultsFromMap fails, and a controller started with it exits).
 */
export function configDefaultsDataRefused(data: Readonly<Record<string, unknown>>): boolean {
  return refusedConfigMapValues(data).length > 0 || tektonCannotReadConfigDefaults(data);
}

/** Whether the config-defaults a ConfigMap or a Tekton operator's object writes (configDefaultsData) is refused as a whole (configDefaultsDataRefused). */
function configDefaultsRefused(manifest: any): boolean {
  const data = configDefaultsData(manifest);
  return data !== undefined && configDefaultsDataRefused(data);
}

/**
 * Whether the config-defaults that `manifest`'s keys are read in is refused as a whole, so that none of them reach Tekton: a
 * Tekton operator's object, or a ConfigMap alone, by its own data (configDefaultsRefused); a config-defaults ConfigMap whose
 * keys a Tekton operator checked with it keeps beside its own (configDefaultsWritten), by that reading's data, the operator's
 * keys over the ConfigMap's: a key Tekton cannot read that the operator writes over is not in effect, and does not take the
 * ConfigMap's other keys (its templates) away.
 */
function configDefaultsInEffectRefused(manifest: any, manifests: readonly any[] | undefined): boolean {
  if (isConfigDefaultsNamed(manifest) && Array.isArray(manifests)) {
    const kept = configDefaultsWrittenOnce(manifests).find((d) => d.configMap === manifest);
    if (kept !== undefined) return configDefaultsDataRefused(kept.data);
  }
  return configDefaultsRefused(manifest);
}

/** The name of Tekton's ConfigMap of defaults. */
export const CONFIG_DEFAULTS_NAME = 'config-defaults';

/**
 * A config-defaults Tekton reads: its data, and, when a Tekton operator's object writes it, that
 * object; with more than one reading of what the operator writes (a ConfigMap of its target
 * namespace with keys it does not write), which one this is (`reading`, see readings.ts).
 */
export interface AppliedConfigDefaults extends ConfigMapReading {
  /** The object that writes it: the ConfigMap, or the Tekton operator's TektonConfig or TektonPipeline. */
  readonly manifest: any;
  /** The data as written (a ConfigMap's, null included) or as the operator writes it. */
  readonly data: Readonly<Record<string, unknown>>;
  /** The operator's object that writes it (`TektonConfig 'config'`), the field that sets each key, and the object itself. */
  readonly operator?: { readonly name: string; readonly keys: ReadonlyMap<string, OperatorDefaultsKey>; readonly manifest?: any };
  /** For a ConfigMap's keys kept beside what the operator writes: that ConfigMap. */
  readonly configMap?: any;
}

/**
 * The config-defaults that Tekton reads among the manifests, in input order: when a Tekton
 * operator's TektonConfig or TektonPipeline is among them (the one whose feature-flags
 * operatorFlagsOf reads, its own TektonConfig included), the config-defaults it writes, and for
 * each config-defaults ConfigMap of its target namespace (or none) with a key it does not write,
 * that ConfigMap's data with the operator's keys over them (its installer's apply removes the
 * other keys of a ConfigMap kubectl applied, and keeps those of one created otherwise); else (and when the operator cannot read its object, so
 * overwrites nothing) the config-defaults ConfigMaps in tekton-pipelines or with no namespace, and none whose data the
 * API server refuses (a value that is not a string; a null is stored as "").
 */
export function appliedConfigDefaults(manifests: readonly any[]): readonly AppliedConfigDefaults[] {
  // the same for every object (and every rule) of one set of manifests checked together: found once
  return oncePerSet(APPLIED_CONFIG_DEFAULTS, manifests, 'applied', () => configDefaultsApplied(manifests));
}

/** What `appliedConfigDefaults` found, per set of manifests checked together. */
const APPLIED_CONFIG_DEFAULTS = new WeakMap<readonly any[], Map<string, readonly AppliedConfigDefaults[]>>();

/** The config-defaults written among the manifests (configDefaultsWritten), once per set. */
function configDefaultsWrittenOnce(manifests: readonly any[]): readonly AppliedConfigDefaults[] {
  return oncePerSet(APPLIED_CONFIG_DEFAULTS, manifests, 'written', () => configDefaultsWritten(manifests));
}

function configDefaultsApplied(manifests: readonly any[]): readonly AppliedConfigDefaults[] {
  const found = configDefaultsWrittenOnce(manifests);
  // a config-defaults Tekton cannot read applies none of its keys: with one reading, there is none; among several, that reading holds none
  const readable = found.filter((d) => !configDefaultsDataRefused(d.data));
  if (readable.length === found.length || found.every((d) => d.reading === undefined)) return readable;
  return found.map((d) => (configDefaultsDataRefused(d.data)
    ? { manifest: NO_CONFIG_DEFAULTS, data: {}, reading: d.reading, readingFix: d.readingFix }
    : d));
}

/** Whether config-defaults are written among the manifests (a ConfigMap, a Tekton operator's object) and Tekton refuses every one as a whole. */
export function configDefaultsAllRefused(manifests: readonly any[]): boolean {
  return configDefaultsWrittenOnce(manifests).length > 0 && appliedConfigDefaults(manifests).length === 0;
}

/** A config-defaults without keys: a reading of one that Tekton refuses. */
const NO_CONFIG_DEFAULTS = Object.freeze({ apiVersion: 'v1', kind: 'ConfigMap', metadata: Object.freeze({ name: 'config-defaults' }), data: Object.freeze({}) });

function configDefaultsWritten(manifests: readonly any[]): readonly AppliedConfigDefaults[] {
  const operator = operatorDefaultsOf(manifests);
  if (operator?.keys !== undefined) {
    const keys = operator.keys;
    const data = Object.fromEntries([...keys].map(([k, v]) => [k, v.value]));
    const written = { manifest: operator.manifest, data, operator: { name: operator.name, keys, manifest: operator.manifest } };
    // the operator's installer applies it over a config-defaults of its target namespace (manifestival's three-way
    // merge): the keys kubectl last applied that it does not write are removed, but those of a ConfigMap created
    // otherwise (server-side apply, Helm) stay beside the keys it writes
    const target = operatorTargetNamespace(manifests) ?? TEKTON_NAMESPACE;
    // (one without a namespace lands in kubectl's namespace, which may be the target: read as if it were)
    const kept = manifestsNamed(manifests, 'ConfigMap', CONFIG_DEFAULTS_NAME)
      .filter((m) => m?.kind === 'ConfigMap' && sameNamespace(manifestNamespace(m), target) && isObject(m.data) && refusedConfigMapValues(m.data).length === 0)
      .map((m) => ({ m, own: Object.keys(m.data).filter((k) => !keys.has(k)) }))
      .filter(({ own }) => own.length > 0);
    if (kept.length === 0) return [written];
    // which the cluster holds is not known: each is a reading, named in a finding only some of them have
    const merged = kept.map(({ m, own }): AppliedConfigDefaults => ({
      manifest: keys.has(DEFAULT_POD_TEMPLATE_KEY) ? operator.manifest : m,
      data: { ...m.data, ...data },
      operator: { name: operator.name, keys, manifest: operator.manifest },
      configMap: m,
      reading: keptReading(operator.name, m, own, CONFIG_DEFAULTS_NAME),
    }));
    return [{ ...written, reading: writtenAloneReading(operator.name, kept.map(({ m }) => m), CONFIG_DEFAULTS_NAME) }, ...merged];
  }
  return manifestsNamed(manifests, 'ConfigMap', 'config-defaults')
    .filter((m) => isConfigDefaults(m) && refusedConfigMapValues(m.data).length === 0)
    .map((m) => ({ manifest: m, data: isObject(m.data) ? m.data : {} }));
}

/**
 * The object whose `key` Tekton reads in one reading of config-defaults: beside a Tekton operator's object, the operator's
 * when it writes the key, else the ConfigMap whose keys that reading keeps (or the operator's, in the reading of what it
 * writes alone); else the ConfigMap. (`manifest` of a reading is this object for `default-pod-template`.)
 */
export function configDefaultsKeyObject(defaults: AppliedConfigDefaults, key: string): any {
  if (defaults.operator === undefined) return defaults.manifest;
  return defaults.configMap !== undefined && !defaults.operator.keys.has(key) ? defaults.configMap : defaults.operator.manifest ?? defaults.manifest;
}

/**
 * What a rule finds over the config-defaults Tekton reads (`judge` of each of appliedConfigDefaults,
 * or of none when there is none): a problem every reading finds as it is, one only some of the
 * operator's readings find once, with ` (reading config-defaults …)` after its text.
 */
export function configDefaultsProblems<P extends { readonly problem: string; readonly fix?: string }>(
  manifests: readonly any[] | undefined,
  judge: (defaults: AppliedConfigDefaults | undefined) => readonly P[],
): P[] {
  const all = Array.isArray(manifests) ? appliedConfigDefaults(manifests) : [];
  if (all.length === 0) return [...judge(undefined)];
  return readingsProblems(CONFIG_DEFAULTS_NAME, all, judge);
}

/** For the documentation of the rules that name the reading (configDefaultsProblems, inConfigDefaultsReading). */
export const CONFIG_DEFAULTS_READINGS_TEXT = ' Beside a Tekton operator\'s object, which config-defaults the cluster holds depends on '
  + 'how a ConfigMap of its target namespace (or without a namespace, which kubectl applies in its own, maybe that one) with keys the '
  + 'operator does not write was created: each is a reading (what the operator writes alone, if kubectl apply created it; with the '
  + 'keys it keeps beside, otherwise), and a finding only some readings have names the reading (`(reading config-defaults with '
  + 'data[\'default-service-account\'] that ConfigMap \'config-defaults\' in tekton-pipelines keeps beside what TektonConfig \'config\' '
  + 'writes, unless kubectl apply created it)`).'
  + CONFIG_DEFAULTS_REFUSED_TEXT;

/**
 * How a key of config-defaults ConfigMap `manifest` reaches Tekton, among the objects checked with it
 * (`manifests`): as written (`{ reaches: true }`) without a Tekton operator's object that writes
 * config-defaults; beside one, only in the reading that keeps it (named), where the operator does not
 * write the key and its apply goes over this ConfigMap (of its target namespace, or without a
 * namespace); else not at all: the operator writes the key over it, or applies its config-defaults in
 * another namespace.
 */
export function configDefaultsKeyReaches(
  manifest: any,
  manifests: readonly any[] | undefined,
  key: string,
): { readonly reaches: boolean; readonly reading?: string } {
  const written = configDefaultsKeyWritten(manifest, manifests, key);
  // (a reading Tekton cannot read as a whole applies none of its keys)
  if (written.refused === true) return { reaches: false };
  return written.reading === undefined ? { reaches: written.reaches } : { reaches: written.reaches, reading: written.reading };
}

/**
 * How a key of config-defaults ConfigMap `manifest` is written into the config-defaults Tekton is given, whether or not
 * Tekton can read that config-defaults (configDefaultsKeyReaches, but for that): with `refused`, the reading that keeps
 * it beside a Tekton operator's keys is one Tekton cannot read as a whole.
 */
export function configDefaultsKeyWritten(
  manifest: any,
  manifests: readonly any[] | undefined,
  key: string,
): { readonly reaches: boolean; readonly reading?: string; readonly refused?: boolean } {
  if (!isConfigDefaults(manifest, manifests) || !Array.isArray(manifests)) return { reaches: true };
  const written = configDefaultsWrittenOnce(manifests);
  if (!written.some((d) => d.operator !== undefined)) return { reaches: true };
  const kept = written.find((d) => d.configMap === manifest);
  if (kept === undefined || kept.operator?.keys.has(key)) return { reaches: false };
  return { reaches: true, reading: kept.reading, refused: configDefaultsDataRefused(kept.data) };
}

/** For the documentation of the rules that judge a config-defaults ConfigMap's own templates (configDefaultsKeyReaches). */
export const CONFIG_DEFAULTS_OBJECT_TEXT = ' A config-defaults ConfigMap checked with a Tekton operator\'s object that writes config-defaults '
  + 'is judged as the operator\'s apply leaves it: a key not at all where the operator writes its own over it or applies '
  + 'config-defaults in another namespace, else in the reading that keeps it.' + CONFIG_DEFAULTS_READINGS_TEXT;

/** A text said of one config-defaults: with the reading it belongs to, when there are several readings. */
export function inConfigDefaultsReading(text: string, defaults: ConfigMapReading): string {
  return inReading(text, CONFIG_DEFAULTS_NAME, defaults.reading);
}

/** For the rules that read config-defaults: which config-defaults a Tekton operator's object stands for. */
export const OPERATOR_DEFAULTS_OF =
  ' A Tekton operator\'s TektonConfig (of several, the last) or, without one, the one it creates of its own (below) or '
  + 'TektonPipeline of `operator.tekton.dev` checked together stands for config-defaults, which the operator applies over any config-defaults ConfigMap '
  + 'of its target namespace (a three-way merge from what kubectl last applied: every key it writes is its own, the other keys of a ConfigMap '
  + 'applied with kubectl are removed, those of one created otherwise stay, so such a ConfigMap with the operator\'s keys over its own is read too): its keys are read as the operator writes them (the typed fields `default-timeout-minutes`, a whole number '
  + 'written even when 0, `default-service-account`, `default-pod-template` ..., written unless empty, then '
  + '`options.configMaps.config-defaults.data` unless `options.disabled` is true); an object the operator cannot read (a '
  + 'field of the wrong type, as TEKTON_FEATURE_FLAGS reports it) overwrites nothing, and the ConfigMap is read.'
  + operatorAutoinstallReads('TektonPipeline');

/**
 * The shapes Tekton decodes, as its config-defaults keys are decoded: with encoding/json all
 * through, so the `metadata` of a claim template (which the API server keeps as written, and
 * DECODED_SHAPES leaves open) has its fields matched in any case too (`Annotations`).
 */
const CONFIG_SHAPES: { readonly [shape: string]: FieldTree } = (() => {
  const claim = DECODED_SHAPES['core.PersistentVolumeClaim'] as Record<string, FieldTree>;
  const volume = DECODED_SHAPES['core.Volume'] as Record<string, FieldTree>;
  const ephemeral = volume.ephemeral as Record<string, Record<string, FieldTree>>;
  return {
    ...DECODED_SHAPES,
    'core.PersistentVolumeClaim': { ...claim, metadata: OBJECT_META_FIELDS },
    'core.Volume': { ...volume, ephemeral: { ...ephemeral, volumeClaimTemplate: { ...ephemeral.volumeClaimTemplate, metadata: OBJECT_META_FIELDS } } },
  };
})();

/**
 * A decoded value with its keys as encoding/json matches them to `tree`'s fields (a field
 * named in any case, `HostNetwork` for `hostNetwork`; of two keys for one field, what encoding/json
 * leaves of the two), maps and unknown keys left as they are.
 */
function canonicalKeys(node: unknown, at: FieldTree, goType?: string): unknown {
  const tree = typeof at === 'string' ? CONFIG_SHAPES[at] ?? 0 : at;
  if (tree === 0 || typeof tree === 'string' || node === null || typeof node !== 'object') return node;
  if (Array.isArray(node)) return node.map((x) => canonicalKeys(x, tree, goElem(goType)));
  const fields = Object.keys(tree);
  const out: Record<string, unknown> = {};
  // sigs.k8s.io/yaml turns the YAML into a Go map and marshals it, keys sorted, before encoding/json
  // decodes it into the field each key names, in that order: of two keys for one field, the later is
  // decoded over what the earlier set (configDefaultFieldDecoded: a struct's or map's fields merged, a
  // list's entries decoded over the earlier's, a null clearing a pointer, map or list but leaving a value
  // of a Go value type as it was: pod.Template's hostNetwork, SELinuxOptions' type, a Toleration's key)
  const written = new Map<string, unknown[]>();
  for (const [key, value] of sortedEntries(node as Record<string, unknown>)) {
    const field = goJsonField(key, fields);
    if (field === undefined) {
      out[key] = value;
      continue;
    }
    const type = goFieldType(goType, field);
    const earlier = written.get(field);
    written.set(field, [...earlier ?? [], value]);
    if (earlier !== undefined && type !== undefined) {
      out[field] = configDefaultFieldDecoded(written.get(field)!, type) ?? null;
      continue;
    }
    const decoded = canonicalKeys(value, tree[field], type?.type);
    const prior = out[field];
    // a key of no known Go type (a workspace binding's): an object merged into what the earlier set
    out[field] = earlier !== undefined && isObject(prior) && isObject(decoded) ? mergedObjects(prior, decoded) : decoded;
  }
  return out;
}

/** `later` decoded by encoding/json into the object `earlier` set, of no known Go type: their keys merged at any depth, anything else replaced. */
function mergedObjects(earlier: Record<string, unknown>, later: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...earlier };
  for (const [k, v] of Object.entries(later)) out[k] = isObject(out[k]) && isObject(v) ? mergedObjects(out[k] as Record<string, unknown>, v) : v;
  return out;
}

/** The Go type (CONFIG_DEFAULTS_TYPES) of a struct's JSON field, when known. */
function goFieldType(goType: string | undefined, field: string): GoField | undefined {
  return goType === undefined ? undefined : CONFIG_DEFAULTS_TYPES.types[goType]?.fields?.[field];
}

/** The element type of a Go slice or map type, when known. */
function goElem(goType: string | undefined): string | undefined {
  return goType === undefined ? undefined : CONFIG_DEFAULTS_TYPES.types[goType]?.elem;
}

/** The fields of a TaskRun's pod template (Tekton's pod.Template). */
const POD_TEMPLATE_FIELDS = (TEKTON_SPEC_FIELDS['v1/TaskRun'] as Record<string, FieldTree>).podTemplate;

/**
 * config-defaults' `default-pod-template` as Tekton v1.15 reads it (`NewDefaultsFromMap`:
 * sigs.k8s.io/yaml, strict then lenient) and merges it under every run's pod template
 * (`MergePodTemplateWithDefault`: each field a run leaves unset, env and volumes by name).
 * Undefined when it is not set or not a mapping (Tekton then refuses the whole ConfigMap).
 */
const DEFAULT_TEMPLATES = new WeakMap<object, PodTemplateView | undefined>();
function defaultPodTemplate(manifest: any): PodTemplateView | undefined {
  // decoded once per ConfigMap: every pod-template rule asks for it
  if (DEFAULT_TEMPLATES.has(manifest)) return DEFAULT_TEMPLATES.get(manifest);
  const view = decodeDefaultPodTemplate(manifest);
  DEFAULT_TEMPLATES.set(manifest, view);
  return view;
}

/** A config-defaults key decoded, with the path of the field that sets it. */
interface DecodedDefault { readonly path: string; readonly value: Record<string, any> }

/**
 * A config-defaults key decoded as Tekton decodes it: sigs.k8s.io/yaml, then encoding/json into
 * the Go struct of `fields` (field names matched in any case). Undefined when it is not set, not
 * YAML or not a mapping.
 */
function decodeConfigDefault(manifest: any, key: string, fields: FieldTree): DecodedDefault | undefined {
  const at = configDefaultsKey(manifest, key);
  if (at === undefined || typeof at.text !== 'string') return undefined;
  const value = decodeYamlText(at.text)?.value;
  if (!isObject(value)) return undefined;
  return { path: at.path, value: canonicalKeys(value, fields, CONFIG_DEFAULTS_TYPES.roots[key]) as Record<string, any> };
}

function decodeDefaultPodTemplate(manifest: any): PodTemplateView | undefined {
  const template = decodeConfigDefault(manifest, DEFAULT_POD_TEMPLATE_KEY, POD_TEMPLATE_FIELDS);
  return template === undefined ? undefined : { path: template.path, perTask: false, template: template.value };
}

/** The key of Tekton's config-defaults that holds the pod template of every Affinity Assistant. */
export const DEFAULT_AA_POD_TEMPLATE_KEY = 'default-affinity-assistant-pod-template';

/** For the rules' documentation: the Affinity Assistant's default pod template is read too. */
export const DEFAULT_AA_POD_TEMPLATE_TEXT = ' Its `default-affinity-assistant-pod-template` (decoded the same way into Tekton\'s '
  + 'AffinityAssistantTemplate, whose only fields are `nodeSelector`, `tolerations`, `imagePullSecrets`, `securityContext`, '
  + '`priorityClassName` and `serviceAccountName`) is the pod template of the Affinity Assistant, the placeholder pod of '
  + 'each PipelineRun that mounts its workspace claims and that the pods of its tasks follow by a required podAffinity.';

/** The fields of Tekton's pod.AffinityAssistantTemplate (pkg/apis/pipeline/pod/affinity_assitant_template.go). */
const AA_TEMPLATE_FIELDS: Record<string, FieldTree> = {
  nodeSelector: 0,
  tolerations: (POD_TEMPLATE_FIELDS as Record<string, FieldTree>).tolerations,
  imagePullSecrets: (POD_TEMPLATE_FIELDS as Record<string, FieldTree>).imagePullSecrets,
  securityContext: 'core.PodSecurityContext',
  priorityClassName: 0,
  serviceAccountName: 0,
};

const AA_TEMPLATES = new WeakMap<object, PodTemplateView | undefined>();

/**
 * config-defaults' `default-affinity-assistant-pod-template` as Tekton v1.15 reads it
 * (`NewDefaultsFromMap`, as the default pod template: keys that are no field of
 * AffinityAssistantTemplate are dropped) and merges it into every Affinity Assistant
 * StatefulSet (pkg/reconciler/pipelinerun/affinity_assistant.go `affinityAssistantStatefulSet`,
 * `MergeAAPodTemplateWithDefault`: each field the PipelineRun's pod template leaves unset).
 * Tekton substitutes no params into it. Undefined when it is not config-defaults, or the
 * key is not set or not a mapping (Tekton then refuses the whole ConfigMap).
 */
export function affinityAssistantTemplateOf(manifest: any, manifests?: readonly any[]): PodTemplateView | undefined {
  if (!writesConfigDefaults(manifest, manifests) || configDefaultsInEffectRefused(manifest, manifests)) return undefined;
  if (AA_TEMPLATES.has(manifest)) return AA_TEMPLATES.get(manifest);
  const decoded = decodeConfigDefault(manifest, DEFAULT_AA_POD_TEMPLATE_KEY, AA_TEMPLATE_FIELDS);
  let view: PodTemplateView | undefined;
  if (decoded !== undefined) {
    const template: Record<string, unknown> = {};
    for (const field of Object.keys(AA_TEMPLATE_FIELDS)) if (decoded.value[field] !== undefined) template[field] = decoded.value[field];
    view = { path: decoded.path, perTask: false, template };
  }
  AA_TEMPLATES.set(manifest, view);
  return view;
}

/** The key of Tekton's config-defaults that holds the binding of every workspace a TaskRun leaves unbound. */
export const DEFAULT_WORKSPACE_BINDING_KEY = 'default-task-run-workspace-binding';

/** The fields of a v1 WorkspaceBinding (a TaskRun's `spec.workspaces[]`). */
const WORKSPACE_BINDING_FIELDS = (TEKTON_SPEC_FIELDS['v1/TaskRun'] as Record<string, FieldTree>).workspaces;

/** The sources of the default binding that Tekton copies to each unbound workspace (`updateTaskRunWithDefaultWorkspaces`). */
const DEFAULT_BINDING_SOURCES = ['subPath', 'volumeClaimTemplate', 'persistentVolumeClaim', 'emptyDir', 'configMap', 'secret'];

/**
 * config-defaults' `default-task-run-workspace-binding` as Tekton v1.15 applies it: the TaskRun
 * reconciler decodes it with sigs.k8s.io/yaml into a v1 WorkspaceBinding and binds every
 * non-optional workspace of the task that the run leaves unbound to a copy of its `subPath`,
 * `volumeClaimTemplate`, `persistentVolumeClaim`, `emptyDir`, `configMap` and `secret` (its
 * `csi` and `projected` are dropped) (pkg/reconciler/taskrun/taskrun.go
 * `updateTaskRunWithDefaultWorkspaces`). Undefined when it is not set, not YAML or not a mapping
 * (Tekton then fails each run that needs it).
 */
export function defaultWorkspaceBinding(
  manifest: any,
  manifests?: readonly any[],
): { readonly path: string; readonly binding: Record<string, any> } | undefined {
  if (!writesConfigDefaults(manifest, manifests) || configDefaultsInEffectRefused(manifest, manifests)) return undefined;
  const decoded = decodeConfigDefault(manifest, DEFAULT_WORKSPACE_BINDING_KEY, WORKSPACE_BINDING_FIELDS);
  if (decoded === undefined) return undefined;
  const binding: Record<string, any> = {};
  for (const field of DEFAULT_BINDING_SOURCES) if (decoded.value[field] !== undefined) binding[field] = decoded.value[field];
  return { path: decoded.path, binding };
}

/** A Tekton object of the v1alpha1 or v1beta1 API, whose runs name their fields the old way. */
export function isLegacyTekton(manifest: any): boolean {
  return manifest?.apiVersion === 'tekton.dev/v1beta1' || manifest?.apiVersion === 'tekton.dev/v1alpha1';
}

/** One pod template of a run. */
export interface PodTemplateView {
  /** The template's path in the run, e.g. `taskRunTemplate.podTemplate`. */
  readonly path: string;
  /** For messages, e.g. `taskRunSpec 'build'`. @default - the run itself */
  readonly location?: string;
  /** Its relaxation target, e.g. `task/build`. @default - the whole run */
  readonly target?: string;
  /** Whether it applies to one pipeline task only. */
  readonly perTask: boolean;
  /** The template as written (undefined when the run has none). */
  readonly template: any;
}

/**
 * Every pod template of a PipelineRun or TaskRun, the run-wide one first, even when absent;
 * and the default pod template of Tekton's config-defaults, which every run gets (among `manifests`
 * checked together, of a config-defaults ConfigMap in a Tekton operator's target namespace too).
 */
export function podTemplatesOf(manifest: any, manifests?: readonly any[]): PodTemplateView[] {
  if (writesConfigDefaults(manifest, manifests)) {
    // a config-defaults that Tekton (or the API server) refuses as a whole applies none of its keys
    const template = configDefaultsInEffectRefused(manifest, manifests) ? undefined : defaultPodTemplate(manifest);
    return template === undefined ? [] : [template];
  }
  const spec = manifest?.spec;
  if (manifest?.kind === 'TaskRun') return [{ path: 'podTemplate', perTask: false, template: spec?.podTemplate }];
  if (manifest?.kind !== 'PipelineRun') return [];
  // v1beta1 (and v1alpha1) name the run-wide template spec.podTemplate: by apiVersion when
  // neither is written, so that a finding names the field the run's version has
  const v1beta1 = spec?.taskRunTemplate === undefined && (spec?.podTemplate !== undefined || isLegacyTekton(manifest));
  const out: PodTemplateView[] = [v1beta1
    ? { path: 'podTemplate', perTask: false, template: spec?.podTemplate }
    : { path: 'taskRunTemplate.podTemplate', perTask: false, template: spec?.taskRunTemplate?.podTemplate }];
  for (const t of asArray(spec?.taskRunSpecs)) {
    const name = jsString(t?.pipelineTaskName);
    const at = { location: `taskRunSpec '${name}'`, target: `task/${name}`, perTask: true };
    // v1 names a task's template podTemplate, v1beta1 (and v1alpha1) taskPodTemplate (PipelineTaskRunSpec): the other spelling is no
    // field of that version, which Tekton's webhook refuses or drops; without a Tekton apiVersion, either
    if (t?.podTemplate !== undefined && !isLegacyTekton(manifest)) out.push({ ...at, path: 'podTemplate', template: t.podTemplate });
    if (t?.taskPodTemplate !== undefined && manifest?.apiVersion !== 'tekton.dev/v1') out.push({ ...at, path: 'taskPodTemplate', template: t.taskPodTemplate });
  }
  return out;
}

/**
 * The API groups of the workloads whose pod template is at `spec.template.spec`, by kind: the
 * groups the API server serves them in (`extensions` for the Deployments, DaemonSets and ReplicaSets
 * of clusters before 1.16). A custom resource is never in one of them (a CRD's group has a dot), so a
 * kind of one of these names in another group is some operator's object, whose `spec` may hold no
 * pod at all.
 */
const WORKLOAD_GROUPS: { readonly [kind: string]: readonly string[] } = {
  Deployment: ['apps', 'extensions'],
  StatefulSet: ['apps'],
  DaemonSet: ['apps', 'extensions'],
  ReplicaSet: ['apps', 'extensions'],
  ReplicationController: [''],
  Job: ['batch'],
};

/** Whether `apiVersion` (unset, or `<group>/<version>`, or a core `<version>`) is of one of `groups` ('' for the core group). */
function ofGroup(apiVersion: unknown, groups: readonly string[]): boolean {
  if (apiVersion === undefined) return true;
  return typeof apiVersion === 'string' && groups.includes(apiGroupOf(apiVersion));
}

/** The kinds whose pod template is at `spec.template.spec`. */
const WORKLOAD_KINDS: readonly string[] = Object.keys(WORKLOAD_GROUPS);

/** For the rules' documentation: which Pods and workloads `workloadPodSpec` reads. */
export const WORKLOAD_PODS_TEXT = 'Pods (`spec`), Deployments, StatefulSets, DaemonSets, ReplicaSets, ReplicationControllers and '
  + 'Jobs (`spec.template.spec`) and CronJobs (`spec.jobTemplate.spec.template.spec`) of the API groups the API server serves '
  + 'them in (core, `apps`, `extensions`, `batch`; or no apiVersion), a kind of that name in another group being a custom '
  + 'resource that may hold no pod, and the pod of a Tekton Triggers EventListener (`triggers.tekton.dev`) as its controller makes it '
  + '(' + LISTENER_POD_TEXT + ')';

/**
 * The pod spec of a Pod (`spec`), of a Deployment, StatefulSet, DaemonSet, ReplicaSet,
 * ReplicationController or Job (`spec.template.spec`) or of a CronJob
 * (`spec.jobTemplate.spec.template.spec`), with the prefix of its fields' paths, when its
 * `apiVersion` is of that kind's API group (or unset); undefined for any other object (a kind of
 * that name in another API group included); of a Tekton Triggers EventListener, the pod its controller makes
 * (listener-pods.ts `listenerPod`, at `spec.resources.kubernetesResource.spec.template.spec.`). The one reader
 * of Pods and workloads for every rule.
 */
export function workloadPodSpec(manifest: any): { readonly prefix: string; readonly spec: any } | undefined {
  const kind = manifest?.kind;
  // an EventListener's pod, as Triggers' controller makes it of its kubernetesResource template and its defaults
  if (kind === 'EventListener') return listenerPod(manifest);
  const groups = kind === 'Pod' ? [''] : kind === 'CronJob' ? ['batch'] : WORKLOAD_KINDS.includes(kind) ? WORKLOAD_GROUPS[kind] : undefined;
  if (groups === undefined || !ofGroup(manifest.apiVersion, groups)) return undefined;
  if (kind === 'Pod') return { prefix: 'spec.', spec: manifest.spec };
  if (kind === 'CronJob') return { prefix: 'spec.jobTemplate.spec.template.spec.', spec: manifest.spec?.jobTemplate?.spec?.template?.spec };
  return { prefix: 'spec.template.spec.', spec: manifest.spec?.template?.spec };
}

/** The key of Tekton's config-defaults that lists the env var names a pod template's `env` may not give a step. */
export const DEFAULT_FORBIDDEN_ENV_KEY = 'default-forbidden-env';

/** An env entry of a pod template that Tekton adds to the steps of a run's pod, with the template that sets it. */
export interface PodTemplateEnvVar {
  /** The entry's name. */
  readonly name: string;
  /** The entry as written. */
  readonly entry: any;
  /** The template that sets it: the run's (run-wide, or a taskRunSpecs entry's), or config-defaults' `default-pod-template`. */
  readonly from: PodTemplateView;
  /** For config-defaults' `default-pod-template`: the object that writes it (the ConfigMap, or a Tekton operator's object). */
  readonly configDefaults?: any;
}

/** For a message: the object that writes config-defaults' default pod template, `config-defaults` for the ConfigMap, else `TektonConfig 'config'`. */
export function configDefaultsObjectName(object: any): string {
  return isConfigDefaultsNamed(object) ? CONFIG_DEFAULTS_NAME : `${jsString(object?.kind)} '${jsString(object?.metadata?.name ?? '')}'`;
}

/**
 * The named entries of a pod template's `env`, by name (of two entries of a name, the later, at the place of the first). An earlier
 * entry an entry between them refers to (`$(NAME)`) is kept too, under a key of its own: the kubelet expands `$(NAME)` with the
 * value the entries before it give (`[{ A: Secret }, { M: '$(A)' }, { A: x }]` gives M the Secret).
 */
function namedEnv(view: PodTemplateView, configDefaults?: any): Map<string, PodTemplateEnvVar> {
  const own = new Map<string, PodTemplateEnvVar>();
  const entries = asArray(view.template?.env);
  entries.forEach((e, i) => {
    if (typeof e?.name !== 'string' || e.name === '') return;
    const earlier = own.get(e.name);
    if (earlier !== undefined) {
      const at = entries.indexOf(earlier.entry);
      const ref = `$(${e.name})`;
      if (entries.slice(at + 1, i).some((b) => typeof b?.value === 'string' && b.value.includes(ref))) own.set(`${e.name}\u0000${at}`, earlier);
    }
    own.set(e.name, { name: e.name, entry: e, from: view, ...configDefaults === undefined ? {} : { configDefaults } });
  });
  return own;
}

/**
 * The env that Tekton v1.15 adds to every step (no sidecar) of the pod of a run's task (pipeline task `task`; undefined for a
 * TaskRun's own), in its order: config-defaults' `default-pod-template` env (of those checked with the run, `manifests`), under
 * the run-wide template's, under the task's own taskRunSpecs template's, each merged by name (template.go `mergeByName`: the
 * upper template's named entries first, then those under it of other names; an upper template without a named entry leaves the one
 * under it as it is), less the names config-defaults' `default-forbidden-env` lists (pod.go drops them). Of several readings of
 * config-defaults (a Tekton operator's), the entries of each reading's default template are kept side by side, and a name is
 * dropped only when every reading forbids it.
 */
export function runPodTemplateEnv(run: any, task: string | undefined, manifests?: readonly any[]): PodTemplateEnvVar[] {
  const defaults = Array.isArray(manifests) ? configDefaultsEnv(manifests) : NO_DEFAULTS_ENV;
  let merged: PodTemplateEnvVar[] = [...defaults.env];
  for (const view of podTemplatesOf(run)) {
    if (view.perTask && view.target !== `task/${task}`) continue;
    const own = namedEnv(view);
    if (own.size > 0) merged = [...own.values(), ...merged.filter((e) => !own.has(e.name))];
  }
  return defaults.forbidden.size === 0 ? merged : merged.filter((e) => !defaults.forbidden.has(e.name));
}

/** What config-defaults give every run's pod template env: its default template's entries, and the names it forbids. */
export interface DefaultsEnv { readonly env: readonly PodTemplateEnvVar[]; readonly forbidden: ReadonlySet<string> }
const NO_DEFAULTS_ENV: DefaultsEnv = { env: [], forbidden: new Set() };

/** config-defaults' pod template env and forbidden names among `manifests` (runPodTemplateEnv), once per set. */
export function configDefaultsEnv(manifests: readonly any[]): DefaultsEnv {
  return oncePerSet(APPLIED_CONFIG_DEFAULTS_ENV, manifests, 'env', () => {
    const all = appliedConfigDefaults(manifests);
    if (all.length === 0) return NO_DEFAULTS_ENV;
    const env: PodTemplateEnvVar[] = [];
    const objects = new Set<any>();
    for (const d of all) {
      const object = configDefaultsKeyObject(d, DEFAULT_POD_TEMPLATE_KEY);
      if (objects.has(object)) continue;
      objects.add(object);
      for (const view of podTemplatesOf(object, manifests)) env.push(...namedEnv(view, object).values());
    }
    const each = all.map((d) => forbiddenEnv(d.data[DEFAULT_FORBIDDEN_ENV_KEY]));
    const forbidden = new Set([...each[0]].filter((name) => each.every((f) => f.has(name))));
    return { env, forbidden };
  });
}
const APPLIED_CONFIG_DEFAULTS_ENV = new WeakMap<readonly any[], Map<string, DefaultsEnv>>();

/** The names `default-forbidden-env` lists: split at commas, each trimmed (config/default.go `NewDefaultsFromMap`). */
export function forbiddenEnv(text: unknown): ReadonlySet<string> {
  if (typeof text !== 'string') return new Set();
  return new Set(text.split(',').map((n) => n.trim()).filter((n) => n !== ''));
}
