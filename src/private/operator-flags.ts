/**
 * The feature-flags that the Tekton operator writes for a TektonConfig (`spec.pipeline`) or a
 * TektonPipeline (`spec`) of `operator.tekton.dev`, read as the operator writes them
 * (tektoncd/operator: PipelineProperties' SetDefaults, then AddConfigMapValues over the
 * release's feature-flags, then `options.configMaps.feature-flags.data`, applied last unless
 * `options.disabled` is true): each value with the place it comes from, to judge as Tekton reads
 * the ConfigMap and to point findings at the field that sets it.
 */
import { isObject } from './containers';
import { oncePerSet } from './manifest-index';
import { operatorChainsConfig } from './operator-chains';
import { OperatorDefaultsKey, operatorDefaultsFields } from './operator-defaults';
import { isOperatorObject, operatorCommonRefusals, OPERATOR_OBJECT_NAMES, operatorOptionsData, operatorOptionsPath, OperatorOptionsRefusal, operatorAutoinstallReads, operatorSettings, operatorSettingsObject } from './operator-objects';
import { OPERATOR_FLAG_DEFAULTS, OPERATOR_FLAG_FIELDS, operatorFlagTypeProblem, operatorPipelineRefusals } from './operator-pipeline';
import { own } from './own';
import { isSecretKey } from './secret-types';
import { readFeatureFlags, UPSTREAM_FEATURE_FLAGS } from './tekton-config';
import { jsString } from './text';


export { OPERATOR_FLAG_FIELDS, OPERATOR_FLAG_DEFAULTS } from './operator-pipeline';

/** Whether the object is a TektonConfig or TektonPipeline of the Tekton operator. */
export function isOperatorPipelineConfig(manifest: any): boolean {
  return isOperatorObject(manifest, ['TektonConfig', 'TektonPipeline']);
}

/** One flag the operator writes: the value as stored, where it comes from, and where to set it. */
export interface OperatorFlag {
  /** The value written into feature-flags; undefined when the operator cannot read what is written. */
  readonly value?: string;
  /** Why the operator cannot read the object's value, when it cannot. */
  readonly unreadable?: string;
  /** The value as written in the object, for messages. */
  readonly written?: string;
  /** `field`, `options` (the options' ConfigMap data), or `default` (nothing written: the operator's default). */
  readonly from: 'field' | 'options' | 'default';
  /** The path of the field that sets it (or would). */
  readonly path: string;
  /** The typed field's type, when PipelineProperties has the flag. */
  readonly type?: 'bool' | 'string' | 'int';
}

/** The prefix of the object's pipeline settings: `spec.pipeline` of a TektonConfig, `spec` of a TektonPipeline. */
export function operatorPrefix(manifest: any): string {
  return operatorSettings(manifest, 'pipeline').prefix;
}

/** Where a flag's value is written under `options`. */
function optionsPath(prefix: string, flag: string): string {
  return operatorOptionsPath(prefix, 'feature-flags', flag);
}

/** What the operator reads of one TektonConfig or TektonPipeline, once per object. */
interface OperatorReading {
  /** Every flag of feature-flags as the operator writes it. */
  readonly flags: Map<string, OperatorFlag>;
  /** The config-defaults keys its typed fields and `options` write. */
  readonly defaults: ReadonlyMap<string, OperatorDefaultsKey>;
  /** The fields other than the flags that the API server refuses or the operator cannot read. */
  readonly refusals: OperatorOptionsRefusal[];
  /**
   * The keys of `options.configMaps.feature-flags.data` that are not valid ConfigMap keys, with
   * their paths: the API server refuses the feature-flags the operator writes with them.
   */
  readonly badKeys: ReadonlyArray<{ readonly key: string; readonly path: string }>;
  /** Whether the operator cannot read the object (a flag, or one of `refusals`): it then writes nothing. */
  readonly unreadable: boolean;
}

const READINGS = new WeakMap<object, OperatorReading>();

/** The object's pipeline settings as the operator reads them (cached per object). */
function operatorReading(manifest: any): OperatorReading {
  const cached = READINGS.get(manifest);
  if (cached !== undefined) return cached;
  const { prefix, settings } = operatorSettings(manifest, 'pipeline');
  const flags = new Map<string, OperatorFlag>();
  // the release's values, then the defaults the operator's webhook gives its typed fields
  for (const [flag, value] of [...Object.entries(UPSTREAM_FEATURE_FLAGS), ...Object.entries(OPERATOR_FLAG_DEFAULTS)]) {
    const type = own(OPERATOR_FLAG_FIELDS, flag);
    flags.set(flag, { value, from: 'default', path: type !== undefined ? `${prefix}['${flag}']` : optionsPath(prefix, flag), ...(type ? { type } : {}) });
  }
  for (const [flag, type] of Object.entries(OPERATOR_FLAG_FIELDS)) {
    const path = `${prefix}['${flag}']`;
    const v = settings[flag];
    if (v === undefined || v === null) continue;
    const problem = operatorFlagTypeProblem(type, v);
    if (problem !== undefined) {
      flags.set(flag, { unreadable: problem, written: JSON.stringify(v), from: 'field', path, type });
      continue;
    }
    // an empty string is unset: the operator's default
    if (v === '') continue;
    flags.set(flag, { value: jsString(v), from: 'field', path, type });
  }
  for (const e of operatorOptionsData(prefix, settings, 'feature-flags')) {
    const type = own(OPERATOR_FLAG_FIELDS, e.key);
    // a typed field the operator cannot decode refuses the object, whatever options write over it
    if (flags.get(e.key)?.unreadable !== undefined && flags.get(e.key)?.from === 'field') continue;
    flags.set(e.key, e.value === undefined
      ? { unreadable: 'is not a string', written: JSON.stringify(e.written), from: 'options', path: e.path, ...(type ? { type } : {}) }
      : { value: e.value, written: e.written === null ? 'null' : e.value, from: 'options', path: e.path, ...(type ? { type } : {}) });
  }
  const fields = operatorDefaultsFields(prefix, settings);
  const defaults = new Map(fields.keys);
  for (const e of operatorOptionsData(prefix, settings, 'config-defaults')) defaults.set(e.key, { value: e.value ?? '', path: e.path, written: e.written });
  // what refuses the object: its pipeline settings (but the flags, judged above), what every object of the
  // operator needs, and for a TektonConfig the types of its Chains settings (its webhook decodes them)
  const chainTypes = manifest?.kind === 'TektonConfig'
    ? operatorChainsConfig(manifest).ownRefusals.filter((r) => r.reason === 'type')
      .map((r): OperatorOptionsRefusal => r.options ?? { path: r.path, written: r.written, problem: r.problem, by: 'schema' })
    : [];
  const pipeline = manifest?.kind === 'TektonConfig' ? manifest?.spec?.pipeline : undefined;
  const notMap: OperatorOptionsRefusal[] = pipeline !== undefined && pipeline !== null && !isObject(pipeline)
    ? [{ path: prefix, written: pipeline, problem: 'is not a map', by: 'schema' }] : [];
  const refusals = [...notMap, ...operatorPipelineRefusals(prefix, settings, false), ...operatorCommonRefusals(manifest), ...chainTypes];
  const badKeys = operatorOptionsData(prefix, settings, 'feature-flags').filter((e) => !isSecretKey(e.key)).map((e) => ({ key: e.key, path: e.path }));
  const unreadable = [...flags.values()].some((f) => f.unreadable !== undefined) || refusals.length > 0;
  const reading = { flags, defaults, refusals, badKeys, unreadable };
  READINGS.set(manifest, reading);
  return reading;
}

/**
 * The keys of the object's `options.configMaps.feature-flags.data` that are not valid ConfigMap
 * keys (`IsConfigMapKey`), with their paths: the API server refuses the feature-flags ConfigMap
 * the operator writes with them, so none of its flags reach Tekton.
 */
export function operatorFlagBadKeys(manifest: any): ReadonlyArray<{ readonly key: string; readonly path: string }> {
  return operatorReading(manifest).badKeys;
}

/** Every flag of feature-flags as the operator writes it for this object. */
export function operatorFeatureFlags(manifest: any): ReadonlyMap<string, OperatorFlag> {
  return operatorReading(manifest).flags;
}

/**
 * The fields of the object's pipeline settings, other than the flags, that the API server
 * refuses or the operator cannot read: the parts of `options` (a `disabled` that is not a
 * boolean ...) and the config-defaults fields (a `default-timeout-minutes` that is not a whole
 * number ...). With any, none of its settings reach feature-flags or config-defaults.
 */
export function operatorFlagsRefusals(manifest: any): readonly OperatorOptionsRefusal[] {
  return operatorReading(manifest).refusals;
}

/** The feature-flags a Tekton operator's object among the manifests checked together writes. */
export interface OperatorFlagsSource {
  /** The TektonConfig or TektonPipeline. */
  readonly manifest: any;
  /** How messages name it: `TektonConfig 'config'`. */
  readonly name: string;
  /** The prefix of its pipeline settings (`spec.pipeline`, `spec`). */
  readonly prefix: string;
  /** Whether it is the TektonConfig the operator creates of its own, none being checked. */
  readonly autoinstalled?: boolean;
  /** The TektonPipeline or TektonChain whose settings the operator's own TektonConfig replaces. */
  readonly replaces?: any;
  /** Every flag the operator writes for it. */
  readonly flags: ReadonlyMap<string, OperatorFlag>;
  /**
   * The flags Tekton reads (values as written into feature-flags); undefined when the operator
   * cannot read the object (a field or a part of `options` of the wrong type) or Tekton cannot
   * read one of the values it writes.
   */
  readonly read?: Readonly<Record<string, string>>;
}

const SOURCES = new WeakMap<readonly any[], Map<string, OperatorFlagsSource | undefined>>();

/**
 * The feature-flags a Tekton operator writes among the manifests checked together (once per
 * set): those of the object operatorSettingsObject gives, a TektonConfig's (of several, the
 * last), else, unless the operator's Deployment checked together turns AUTOINSTALL_COMPONENTS
 * off, those of the TektonConfig the operator creates of its own when a TektonPipeline or
 * TektonChain is checked without one (its defaults: it replaces their settings), else a
 * TektonPipeline's; undefined when there is none. The operator overwrites the feature-flags
 * ConfigMap it manages, so this is what Tekton reads, over any feature-flags ConfigMap.
 */
export function operatorFlagsOf(manifests: readonly any[]): OperatorFlagsSource | undefined {
  return oncePerSet(SOURCES, manifests, 'flags', () => {
    const source = operatorSettingsObject(manifests, 'TektonPipeline');
    if (source === undefined) return undefined;
    const { manifest, name, autoinstalled, replaces } = source;
    const { flags, unreadable, badKeys } = operatorReading(manifest);
    // a bad key keeps the whole feature-flags the operator writes from the API server
    const read = unreadable || badKeys.length > 0 ? undefined : readFeatureFlags(Object.fromEntries([...flags].map(([flag, f]) => [flag, f.value])));
    return {
      manifest,
      name,
      prefix: operatorPrefix(manifest),
      flags,
      ...(read ? { read } : {}),
      ...(autoinstalled ? { autoinstalled } : {}),
      ...(replaces ? { replaces } : {}),
    };
  });
}

/** For the rules that read feature-flags: which feature-flags a Tekton operator's object stands for. */
export const OPERATOR_FLAGS_OF =
  ' A Tekton operator\'s TektonConfig (of several, the last) or, without one, the one it creates of its own (below) or '
  + 'TektonPipeline of `operator.tekton.dev/v1alpha1` (the one version its CRDs serve: the API server refuses another) checked together stands for feature-flags, over any feature-flags ConfigMap (the operator overwrites the ConfigMap it '
  + 'manages): its flags are read as the operator writes them (Tekton\'s release values, the defaults its webhook gives the '
  + 'typed fields, the typed fields, then `options.configMaps.feature-flags.data`, as TEKTON_FEATURE_FLAGS reads them), none '
  + 'when the operator cannot read or its webhook refuses the object (a `spec.targetNamespace` not set, a typed value it does '
  + 'not accept exactly as written ...) or Tekton a value it writes.' + operatorAutoinstallReads('TektonPipeline');

/** The config-defaults a Tekton operator's object among the manifests checked together writes. */
export interface OperatorDefaultsSource {
  /** The TektonConfig or TektonPipeline. */
  readonly manifest: any;
  /** How messages name it: `TektonConfig 'config'`. */
  readonly name: string;
  /**
   * Each key it writes, with the field that sets it; undefined when the operator cannot read
   * the object (a field or a part of `options` of the wrong type), which then writes nothing.
   */
  readonly keys?: ReadonlyMap<string, OperatorDefaultsKey>;
}

/**
 * The config-defaults keys a TektonConfig or TektonPipeline of the operator writes, each with
 * the field that sets it: its typed fields, then `options.configMaps.config-defaults.data`
 * unless `options.disabled` is true. Undefined when it writes none: not such an object, of
 * another name than the one the operator's webhook admits, or one the operator cannot read (a
 * field or a part of `options` of the wrong type).
 */
export function operatorDefaultsKeys(manifest: any): ReadonlyMap<string, OperatorDefaultsKey> | undefined {
  if (!isOperatorPipelineConfig(manifest) || manifest.metadata?.name !== own(OPERATOR_OBJECT_NAMES, manifest.kind)) return undefined;
  const reading = operatorReading(manifest);
  return reading.unreadable ? undefined : reading.defaults;
}

const DEFAULTS = new WeakMap<readonly any[], Map<string, OperatorDefaultsSource | undefined>>();

/**
 * The config-defaults a Tekton operator writes among the manifests checked together (once per
 * set), from the same object as the feature-flags (operatorFlagsOf), as operatorDefaultsKeys
 * reads it. Undefined when there is no such object; the operator overwrites the config-defaults
 * ConfigMap it manages, so this is what Tekton reads, over any config-defaults ConfigMap.
 */
export function operatorDefaultsOf(manifests: readonly any[]): OperatorDefaultsSource | undefined {
  return oncePerSet(DEFAULTS, manifests, 'defaults', () => {
    const flags = operatorFlagsOf(manifests);
    if (flags === undefined) return undefined;
    const keys = operatorDefaultsKeys(flags.manifest);
    return { manifest: flags.manifest, name: flags.name, ...(keys ? { keys } : {}) };
  });
}
