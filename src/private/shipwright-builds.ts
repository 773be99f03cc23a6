/**
 * Shipwright's Builds and BuildRuns (`shipwright.io` v1beta1 and v1alpha1) read together with the build
 * strategy they name, as the task spec of the TaskRun Shipwright's controller creates for the run
 * (shipwright-io/build v0.20.13, pkg/reconciler/buildrun/resources):
 *
 * - the strategy is the one `spec.strategy` names: `kind` ClusterBuildStrategy (any namespace) or
 *   BuildStrategy, also when `kind` is unset (the Build's namespace; buildrun.go `getReferencedStrategy`);
 * - a BuildRun runs the Build its `spec.build.name` names (v1alpha1 `spec.buildRef.name`) in its namespace (where that may be
 *   several, kubectl's context choosing, one the controller runs it with, if any: `runnableManifests`),
 *   or the Build spec it embeds (`spec.build.spec`, v1alpha1 `spec.buildSpec`);
 * - the steps are the strategy's (build-strategies.ts, with its `spec.securityContext`), each with the
 *   Build's `spec.env`, then the BuildRun's, after its own (a BuildRun's variable replaces the Build's of the
 *   same name; one of a step's own names leaves the BuildRun failed, no TaskRun made: executor_generator.go
 *   `mergeEnvironmentVariables`, env/env.go `MergeEnvVars`, resource_builders.go `applyBuildStrategySteps`);
 * - a step's `resources` are replaced by the `stepResources` entry of its name: the Build's
 *   `spec.strategy.stepResources`, then the embedded Build spec's, then the BuildRun's `spec.stepResources`
 *   (`buildStepResourceOverridesMap`; v1alpha1 has no stepResources, which the API server prunes from a v1alpha1 object);
 * - the volumes are the strategy's, with the source of an `overridable: true` one replaced by the Build's
 *   `spec.volumes` entry of its name, then the BuildRun's (volumes/volumes.go `MergeBuildVolumes`; an entry
 *   for a volume the strategy does not have or does not let be overridden fails the BuildRun);
 * - a BuildRun's params are fixed: `paramValues` of the BuildRun over those of the Build (params.go
 *   `OverrideParams`: one list as written when the other is empty, the first entry of a name then being the one validated and
 *   given), `value` or `values` as written, a `secretValue` or `configMapValue` as the
 *   `$(SHP_SECRET_PARAM_…)` / `$(SHP_CONFIGMAP_PARAM_…)` expression Shipwright writes (with its `format`,
 *   `HandleTaskRunParam`); `shp-output-image` the BuildRun's `output.image`, else the Build's;
 *   `shp-source-context` `/workspace/source` joined with the Build's `source.contextDir`
 *   (`applyParameters`); a v1alpha1 Build spec's `dockerfile` and `builder.image` are its `dockerfile` and
 *   `builder-image` paramValues (build_conversion.go). A Build's params stay a caller's: every BuildRun of it may
 *   give its own;
 * - a Build or BuildRun the controller fails (or stops) before it creates the TaskRun, as far as the objects tell
 *   (`buildRunFailure`: the BuildRun's own fields, its Build spec's registration against the strategy, its params,
 *   volumes and stepResources), runs nothing and is not read as run.
 */
import { isDeepStrictEqual } from 'util';
import { isBuildStrategy, SHIPWRIGHT_GROUP, SHIPWRIGHT_SOURCE_ROOT, strategyTaskSpec } from './build-strategies';
import { manifestsNamed } from './manifest-index';
import { manifestNamespace, sameNamespace } from './namespaces';
import { joinPath } from './paths';
import { jsString } from './text';

const isObject = (x: unknown): x is Record<string, any> => x !== null && typeof x === 'object' && !Array.isArray(x);
const asArray = (x: unknown): any[] => (Array.isArray(x) ? x : []);
/** Whether a Build or BuildRun manifest is written in v1alpha1. */
const runAlpha = (manifest: any): boolean => manifest?.apiVersion === `${SHIPWRIGHT_GROUP}/v1alpha1`;


/** Whether a manifest is a Shipwright Build or BuildRun (v1beta1 or v1alpha1) with a `spec` mapping. */
export function isShipwrightBuild(manifest: any): boolean {
  const apiVersion = manifest?.apiVersion;
  return isObject(manifest) && (manifest.kind === 'Build' || manifest.kind === 'BuildRun') && isObject(manifest.spec)
    && (apiVersion === `${SHIPWRIGHT_GROUP}/v1beta1` || apiVersion === `${SHIPWRIGHT_GROUP}/v1alpha1`);
}

/** A Build or BuildRun read with its strategy as the task spec of the TaskRun Shipwright creates for it. */
export interface BuildTaskRun {
  /** The strategy: its kind and name as the Build names it (`ClusterBuildStrategy 'buildah'`). */
  readonly strategy: string;
  /** The strategy's manifest. */
  readonly strategyManifest: any;
  /** The task spec: `steps` (as they run, the strategy's securityContext applied), `params`, `volumes`. */
  readonly spec: { readonly steps: any[]; readonly params: any[]; readonly volumes: any[] };
  /** For a BuildRun, the TaskRun's params, `{ name, value }`: fixed when it is created. */
  readonly taskRunParams?: any[];
  /** For a Build, the params whose value the controller gives (every other is a BuildRun's). */
  readonly controllerParams?: any[];
  /** The names of the strategy's overridable volumes to which the Build or BuildRun gives a source other than the strategy's. */
  readonly replacedVolumes: readonly string[];
}

/** A Build spec, the BuildRun that runs it (if any), and whether the spec is written in v1alpha1. */
type BuildSpecOf = { build: Record<string, any>; run?: Record<string, any>; alpha: boolean };

/**
 * The Build spec a Build or BuildRun runs, and the BuildRun (if any); undefined when a BuildRun's Build is not in `manifests`.
 * `alpha`: the Build spec is written in v1alpha1 (a v1alpha1 Build, or the spec a v1alpha1 BuildRun embeds).
 */
function buildSpecOf(manifest: any, manifests: readonly any[]): BuildSpecOf | undefined {
  const alpha = manifest.apiVersion === `${SHIPWRIGHT_GROUP}/v1alpha1`;
  if (manifest.kind === 'Build') return { build: manifest.spec, alpha };
  const spec = manifest.spec;
  const embedded = alpha ? spec.buildSpec : spec.build?.spec;
  if (isObject(embedded)) return { build: embedded, run: spec, alpha };
  // of two of one identity (UNIQUE_OBJECTS' finding), kubectl apply keeps the last one applied
  const build = lastOf(namedBuilds(manifest, manifests));
  return build === undefined ? undefined : { build: build.spec, run: spec, alpha: build.apiVersion === `${SHIPWRIGHT_GROUP}/v1alpha1` };
}

/**
 * `manifests` as a BuildRun that names its Build reads them where it may be in several namespaces that hold a Build of that name
 * (kubectl's context chooses): without the others where one of them runs (the last such, as kubectl apply keeps the last of one
 * identity), so the run is read with a Build it runs; `manifests` otherwise.
 */
function runnableManifests(manifest: any, manifests: readonly any[]): readonly any[] {
  const candidates = namedBuilds(manifest, manifests);
  if (new Set(candidates.map((m) => manifestNamespace(m) ?? '')).size < 2) return manifests;
  const only = (b: any) => manifests.filter((m) => m === b || !candidates.includes(m));
  const runs = candidates.filter((b) => buildRunFailure(manifest, only(b)) === undefined);
  return runs.length === 0 ? manifests : only(runs[runs.length - 1]);
}

/** The Builds among `manifests` a BuildRun may name by `spec.build.name` (v1alpha1 `spec.buildRef.name`): of its name, in its namespace. */
function namedBuilds(manifest: any, manifests: readonly any[]): any[] {
  if (manifest.kind !== 'BuildRun') return [];
  const alpha = manifest.apiVersion === `${SHIPWRIGHT_GROUP}/v1alpha1`;
  const name = alpha ? manifest.spec.buildRef?.name : manifest.spec.build?.name;
  if (typeof name !== 'string') return [];
  const namespace = manifestNamespace(manifest);
  return manifestsNamed(manifests, 'Build', name).filter((m) => isShipwrightBuild(m) && sameNamespace(manifestNamespace(m), namespace));
}

/**
 * v1alpha1 paramValues as their conversion to v1beta1 writes them (build_conversion.go `convertBetaParamValue`): an empty `values`
 * list becomes none (its entries are appended to a nil list), so it is no array value (nor the wrong type for a string param).
 */
function alphaParamValues(list: unknown): any[] {
  return asArray(list).map((p) => {
    if (!isObject(p) || !Array.isArray(p.values) || p.values.length > 0) return p;
    const { values: _values, ...rest } = p;
    return rest;
  });
}

/**
 * A Build spec's `paramValues` as the controller reads them: a v1alpha1 spec's are followed by a `dockerfile` param
 * of its non-empty `spec.dockerfile` and a `builder-image` param of its `spec.builder.image`, as the conversion to
 * v1beta1 the controller reads writes them (v0.20.13 build_conversion.go `ConvertFrom`).
 */
function buildParamValues(build: Record<string, any>, alpha: boolean): any[] {
  const own = alpha ? alphaParamValues(build.paramValues) : asArray(build.paramValues);
  if (!alpha) return own;
  const added: any[] = [];
  if (typeof build.dockerfile === 'string' && build.dockerfile !== '') added.push({ name: 'dockerfile', value: build.dockerfile });
  if (isObject(build.builder)) added.push({ name: 'builder-image', value: typeof build.builder.image === 'string' ? build.builder.image : '' });
  return [...own, ...added];
}

/**
 * The Build spec a Shipwright Build or BuildRun runs (a BuildRun's embedded one, or that of the Build it names
 * among `manifests`), and where it is written in the manifest (`spec`, `spec.build.spec`, `spec.buildSpec`; `undefined`
 * for another object's), and whether that spec is written in v1alpha1 (`alpha`: a v1beta1 BuildRun may name a v1alpha1 Build
 * and a v1alpha1 BuildRun a v1beta1 one; the controller reads each converted); undefined when it is not known.
 */
export function runBuildSpec(
  manifest: any, manifests: readonly any[] | undefined,
): { spec: Record<string, any>; path?: string; alpha: boolean } | undefined {
  if (!isShipwrightBuild(manifest)) return undefined;
  const resolved = buildSpecOf(manifest, runnableManifests(manifest, manifests ?? []));
  if (resolved === undefined) return undefined;
  const alpha = resolved.alpha;
  if (manifest.kind === 'Build') return { spec: resolved.build, path: 'spec', alpha };
  const embedded = manifest.apiVersion === `${SHIPWRIGHT_GROUP}/v1alpha1` ? 'spec.buildSpec' : 'spec.build.spec';
  return resolved.build === (embedded === 'spec.buildSpec' ? manifest.spec.buildSpec : manifest.spec.build?.spec)
    ? { spec: resolved.build, path: embedded, alpha } : { spec: resolved.build, alpha };
}

/** The strategy a Build spec names among `manifests`, from a Build or BuildRun in the namespace of `from`. */
function namedStrategy(build: Record<string, any>, from: any, manifests: readonly any[]): any {
  const ref = build.strategy;
  if (!isObject(ref) || typeof ref.name !== 'string') return undefined;
  const kind = ref.kind === 'ClusterBuildStrategy' ? 'ClusterBuildStrategy' : ref.kind === undefined || ref.kind === null || ref.kind === 'BuildStrategy' ? 'BuildStrategy' : undefined;
  if (kind === undefined) return undefined;
  const namespace = manifestNamespace(from);
  const found = manifestsNamed(manifests, kind, ref.name)
    .filter((m) => isBuildStrategy(m) && (kind === 'ClusterBuildStrategy' || sameNamespace(manifestNamespace(m), namespace)));
  // a Build without a namespace beside BuildStrategies of its name in different namespaces runs the one of the kubectl
  // context's namespace, which the manifests do not say: none is read (the Build is judged by its own fields)
  if (kind === 'BuildStrategy' && new Set(found.map((m) => manifestNamespace(m) ?? '')).size > 1) return undefined;
  // of two of one identity (a ClusterBuildStrategy's namespace is none: UNIQUE_OBJECTS' finding), kubectl apply keeps the last one applied
  return lastOf(found);
}

function lastOf<T>(list: readonly T[]): T | undefined {
  return list.length === 0 ? undefined : list[list.length - 1];
}

/** `into`'s env, then each entry of `from` whose name `into` does not have (env.go `MergeEnvVars` without overwriting). */
function appendEnv(into: unknown, from: readonly any[]): any[] | undefined {
  const own = asArray(into);
  const names = new Set(own.map((e) => e?.name));
  const added = from.filter((e) => !names.has(e?.name));
  if (added.length === 0) return Array.isArray(into) ? into : undefined;
  return [...own, ...added];
}

/**
 * `from`'s env over `into`'s (`MergeEnvVars` overwriting): an entry of a name `into` has replaces the last of that name
 * there (its index map keeps the last), others are appended, each (one appended is not looked up again).
 */
function overrideEnv(into: readonly any[], from: readonly any[]): any[] {
  const out = [...into];
  const last = new Map<unknown, number>();
  into.forEach((e, i) => last.set(e?.name, i));
  for (const e of from) {
    const i = last.get(e?.name);
    if (i !== undefined) out[i] = e;
    else out.push(e);
  }
  return out;
}

/**
 * The value of one paramValue (or one entry of its `values`) as Shipwright writes it into the TaskRun. A `secretValue` or
 * `configMapValue` is `$(<variable>)` of an env variable the controller prepends to each step that names the param, whose name is
 * `SHP_SECRET_PARAM_` / `SHP_CONFIGMAP_PARAM_` and five random characters of A-Z and 0-9, shared by the params of one key (params.go
 * `generateEnvVarName`, `addSecretEnvVar`): the param's name upper-cased stands for them here, which no rule reads (the kubelet expands
 * the variable in command, args and env values, so the value reaches a shell as the param's text does: SCRIPT_INJECTION's finding on the
 * strategy, whatever value a run gives; the Secret's value is never in the objects).
 */
function singleValue(v: any, name: string): string | undefined {
  if (!isObject(v)) return undefined;
  const from = (key: 'secretValue' | 'configMapValue', prefix: string, placeholder: string): string | undefined => {
    const ref = v[key];
    if (!isObject(ref)) return undefined;
    const expression = `$(${prefix}${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')})`;
    return typeof ref.format === 'string' ? ref.format.split(placeholder).join(expression) : expression;
  };
  return from('configMapValue', 'SHP_CONFIGMAP_PARAM_', '${CONFIGMAP_VALUE}')
    ?? from('secretValue', 'SHP_SECRET_PARAM_', '${SECRET_VALUE}')
    ?? (typeof v.value === 'string' ? v.value : undefined);
}

/** The ServiceAccount name a BuildRun gives for one the controller creates for it alone and deletes with it (service_accounts.go). */
export const SHIPWRIGHT_GENERATE = '.generate';

/**
 * Whether a Build spec or a BuildRun spec (`alpha`: written in v1alpha1) makes its source a local upload as the controller reads it
 * (sources.go `isLocalCopyBuildSource`): `local` for `source.type: Local` with a `local` mapping (v1alpha1: a `sources` entry of
 * type LocalCopy, which the conversion makes one), `empty` for `type: Local` without it (no waiter step, and a BuildRun's then
 * hides its Build's), undefined otherwise.
 */
export function localSource(spec: any, alpha: boolean): 'local' | 'empty' | undefined {
  if (alpha) return asArray(spec?.sources).some((x) => isObject(x) && x.type === 'LocalCopy') ? 'local' : undefined;
  const source = spec?.source;
  if (!isObject(source) || source.type !== 'Local') return undefined;
  return isObject(source.local) ? 'local' : 'empty';
}

/** Whether a YAML value is set as Go reads it into a pointer or a slice: present and not null (a slice also not empty). */
const isSet = (v: unknown): boolean => v !== undefined && v !== null;
const isFilled = (v: unknown): boolean => Array.isArray(v) ? v.length > 0 : isObject(v) ? Object.keys(v).length > 0 : isSet(v);

/** Why Shipwright's controller fails a BuildRun before it creates its TaskRun: the condition's reason and message, and the field as written. */
export interface BuildRunFailure {
  /** The reason of the BuildRun's `Succeeded` condition (`BuildRunNameInvalid`, `UndefinedParameter`, …). */
  readonly reason: string;
  /** Shipwright's message. */
  readonly message: string;
  /** The field the failure is about, as written (`spec.paramValues`; `the Build 'web' spec.paramValues` for the Build a BuildRun names). */
  readonly field: string;
  /** Whether the controller linked the pushSecret to the run's ServiceAccount before it failed the run (`RetrieveServiceAccount` comes first). */
  readonly linked: boolean;
  /** The controller does not fail the BuildRun but retries it without end (a validation error, not a condition): `reason` is empty. */
  readonly pending?: boolean;
}

/**
 * Why Shipwright's controller fails a BuildRun at once, before it reads the Build, the ServiceAccount or the strategy
 * (v0.20.13 buildrun.go `Reconcile`: its name must be a label value, then validate.go `BuildRunFields`): Shipwright's reason,
 * message and the field, or undefined. Such a BuildRun runs nothing and links no pushSecret to any account. The v1alpha1 fields are
 * read as the conversion to v1beta1 writes them (`buildRef` to `build.name`, `buildSpec` to `build.spec`).
 */
export function buildRunRefusal(manifest: any): Omit<BuildRunFailure, 'linked'> | undefined {
  if (!isShipwrightBuild(manifest) || manifest.kind !== 'BuildRun') return undefined;
  const name = manifest.metadata?.name;
  if (typeof name === 'string' && name.length > 63) return { reason: 'BuildRunNameInvalid', message: 'must be no more than 63 characters', field: 'metadata.name' };
  const spec = manifest.spec;
  const alpha = manifest.apiVersion === `${SHIPWRIGHT_GROUP}/v1alpha1`;
  const embedded = alpha ? spec.buildSpec : spec.build?.spec;
  const named = alpha ? isObject(spec.buildRef) : isSet(spec.build?.name);
  const specField = alpha ? 'spec.buildSpec' : 'spec.build.spec';
  if (!isSet(embedded) && !named) {
    return { reason: 'BuildRunNoRefOrSpec', message: "no build referenced or specified, either 'buildRef' or 'buildSpec' has to be set", field: alpha ? 'spec.buildRef' : 'spec.build' };
  }
  if (!isSet(embedded)) return undefined;
  if (named) return { reason: 'BuildRunAmbiguousBuild', message: "fields 'buildRef' and 'buildSpec' are mutually exclusive", field: specField };
  const forbidden = (field: string, message = `cannot use '${field}' override and 'buildSpec' simultaneously`) =>
    ({ reason: 'BuildRunBuildFieldOverrideForbidden', message, field: `spec.${field}` });
  if (isSet(spec.output)) return forbidden('output');
  for (const field of ['paramValues', 'env']) if (isFilled(spec[field])) return forbidden(field);
  if (isSet(spec.timeout)) return forbidden('timeout');
  if (isSet(embedded?.trigger)) {
    return { reason: 'BuildRunBuildFieldOverrideForbidden', message: "cannot use 'triggers' override in the 'BuildRun', only allowed in the 'Build'", field: `${specField}.trigger` };
  }
  // v1alpha1's BuildRun has none of these fields: the API server prunes them, so the converted BuildRun has none
  if (alpha) return undefined;
  for (const field of ['nodeSelector', 'tolerations']) if (isFilled(spec[field])) return forbidden(field);
  for (const field of ['schedulerName', 'runtimeClassName']) if (isSet(spec[field])) return forbidden(field);
  if (isFilled(spec.stepResources)) return forbidden('stepResources');
  return undefined;
}

/**
 * The error validate/sources.go `validateSourceEntry` gives a v1beta1 Build spec's `source`: a `type` without its own field, or with
 * another type's (`git`, `ociArtifact`, `local`) beside it, or no `type` beside one of them; undefined for none (no source, or an empty one).
 */
function sourceRefError(build: Record<string, any>): string | undefined {
  const source = build.source;
  if (!isSet(source)) return undefined;
  const has = (k: string) => isSet(isObject(source) ? source[k] : undefined);
  const type = isObject(source) && typeof source.type === 'string' ? source.type : '';
  if (type === '' && !has('git') && !has('ociArtifact') && !has('local')) return undefined;
  const own: Record<string, string> = { Git: 'git', OCI: 'ociArtifact', Local: 'local' };
  if (type === '') return 'type definition is missing';
  const field = own[type];
  if (field === undefined) return undefined;
  return !has(field) || Object.values(own).some((f) => f !== field && has(f)) ? 'type does not match the source' : undefined;
}

/** Whether Shipwright reserves a param name for itself (params.go `IsSystemReservedParameter`). */
const reservedParam = (name: string): boolean => ['BUILDER_IMAGE', 'DOCKERFILE', 'CONTEXT_DIR'].includes(name) || name.startsWith('shp-');

/**
 * How Shipwright's validate.go `validateParameters` judges `values` (named paramValues as the controller passes them: a name given
 * twice is listed twice, and the first entry of a name is its value, as params.go `FindParamValueByName` finds it) against a strategy's
 * params (strategyTaskSpec's, as the conversion of a v1alpha1 strategy writes them; an array's `defaults` as `default`): the first failure's reason and message, in its order; `missing` counts params without a value and default (a BuildRun's
 * merged values, not a Build's own). A value is set as Go reads it: a key present and not null.
 */
function paramsFailure(parameters: readonly any[], values: readonly any[], missing: boolean): { reason: string; message: string } | undefined {
  const names = values.map((p) => p.name as string);
  const restricted = names.filter(reservedParam);
  if (restricted.length > 0) return { reason: 'RestrictedParametersInUse', message: `The following parameters are restricted and cannot be set: ${restricted.join(', ')}` };
  const declared = new Map(parameters.filter((p) => isObject(p) && typeof p.name === 'string' && !reservedParam(p.name)).map((p) => [p.name as string, p]));
  const undefinedNames = names.filter((n) => !declared.has(n));
  if (undefinedNames.length > 0) {
    return { reason: 'UndefinedParameter', message: `The following parameters are not defined in the build strategy: ${undefinedNames.join(', ')}` };
  }
  const single = (v: any) => isObject(v) && (isSet(v.value) || isSet(v.configMapValue) || isSet(v.secretValue));
  const many = (v: any) => [v.value, v.configMapValue, v.secretValue].filter(isSet).length > 1;
  const incomplete = (v: any, key: 'configMapValue' | 'secretValue') => isObject(v) && isSet(v[key])
    && (!isObject(v[key]) || typeof v[key].name !== 'string' || v[key].name === '' || typeof v[key].key !== 'string' || v[key].key === '');
  const lists: Record<string, string[]> = { wrong: [], missing: [], empty: [], multi: [], configMap: [], secret: [] };
  const byName = new Map<string, any>();
  for (const p of values) if (!byName.has(p.name)) byName.set(p.name, p);
  for (const [name, definition] of declared) {
    const value = byName.get(name);
    if (definition.type === 'array') {
      if (value !== undefined) {
        if (single(value)) lists.wrong.push(name);
        const items = asArray(value.values);
        if (items.some((v) => !single(v))) lists.empty.push(name);
        if (items.some((v) => single(v) && many(v))) lists.multi.push(name);
        for (const v of items) if (incomplete(v, 'configMapValue')) lists.configMap.push(name);
        for (const v of items) if (incomplete(v, 'secretValue')) lists.secret.push(name);
      }
      if (!isSet(definition.default) && (value === undefined || !isSet(value.values))) lists.missing.push(name);
    } else {
      if (value !== undefined) {
        if (isSet(value.values)) lists.wrong.push(name);
        if (single(value)) {
          if (many(value)) lists.multi.push(name);
          if (incomplete(value, 'configMapValue')) lists.configMap.push(name);
          if (incomplete(value, 'secretValue')) lists.secret.push(name);
        }
      }
      if (!isSet(definition.default) && (value === undefined || !single(value))) lists.missing.push(name);
    }
  }
  const failures: Array<[string[], boolean, string, string]> = [
    [lists.wrong, true, 'WrongParameterValueType', 'The values for the following parameters are using the wrong type'],
    [lists.missing, missing, 'MissingParameterValues', 'The following parameters are required but no value has been provided'],
    [lists.multi, true, 'InconsistentParameterValues', "The following parameters have more than one of 'configMapValue', 'secretValue', and 'value' set"],
    [lists.empty, true, 'EmptyArrayItemParameterValues',
      "The values for the following array parameters are containing at least one item where none of 'configMapValue', 'secretValue', and 'value' are set"],
    [lists.configMap, true, 'IncompleteConfigMapValueParameterValues', "The values for the following parameters are containing a 'configMapValue' with an empty 'name' or 'key'"],
    [lists.secret, true, 'IncompleteSecretValueParameterValues', "The values for the following parameters are containing a 'secretValue' with an empty 'name' or 'key'"],
  ];
  for (const [list, counted, reason, text] of failures) if (counted && list.length > 0) return { reason, message: `${text}: ${list.join(', ')}` };
  return undefined;
}

/** validate/volumes.go `validateVolumes`: a volume the strategy does not have, or does not mark `overridable: true`. */
function volumesFailure(strategyVolumes: readonly any[], volumes: unknown): { reason: string; message: string } | undefined {
  const byName = new Map(strategyVolumes.filter(isObject).map((v) => [v.name, v]));
  for (const v of asArray(volumes)) {
    if (!isObject(v)) continue;
    const declared = byName.get(v.name);
    const name = JSON.stringify(typeof v.name === 'string' ? v.name : '');
    if (declared === undefined) return { reason: 'UndefinedVolume', message: `Volume ${name} is not defined in the Strategy` };
    if (declared.overridable !== true) return { reason: 'VolumeNotOverridable', message: `Volume ${name} is not overridable in the Strategy` };
  }
  return undefined;
}

/** validate/stepresources.go `validateStepResources`: a `stepResources` entry of a step the strategy does not have. */
function stepResourcesFailure(steps: readonly any[], stepResources: unknown): { reason: string; message: string } | undefined {
  const names = new Set(steps.filter(isObject).map((s) => s.name));
  for (const r of asArray(stepResources)) {
    if (!isObject(r) || names.has(r.name)) continue;
    return { reason: 'UndefinedStepResource', message: `stepResources references step ${JSON.stringify(typeof r.name === 'string' ? r.name : '')} which does not exist in the build strategy` };
  }
  return undefined;
}

/**
 * Why Shipwright fails the registration of a Build spec against its strategy (validate/strategies.go: params as `BuildParameters`, missing
 * ones not counted; `volumes`; `strategy.stepResources`), each check overwriting an earlier one's reason: the last failure, with its field
 * (relative to the Build spec).
 */
type Failure = { reason: string; message: string };
function registrationFailure(build: Record<string, any>, alpha: boolean, strategy: any): (Failure & { field: string }) | undefined {
  const task = strategyTaskSpec(strategy)!;
  const checks = [
    { field: 'paramValues', failure: paramsFailure(task.spec.params, overrideParams(buildParamValues(build, alpha), []), false) },
    { field: 'volumes', failure: volumesFailure(asArray(strategy.spec.volumes), build.volumes) },
    // v1alpha1's Build strategy has no stepResources: the API server prunes them
    { field: 'strategy.stepResources', failure: alpha ? undefined : stepResourcesFailure(task.spec.steps, build.strategy?.stepResources) },
  ];
  const last = checks.filter((c) => c.failure !== undefined).pop();
  return last === undefined ? undefined : { ...last.failure!, field: last.field };
}

const isNamed = (p: unknown): boolean => isObject(p) && typeof p.name === 'string';

/**
 * The paramValues the controller validates and gives the TaskRun, from a Build spec's and a BuildRun's (params.go `OverrideParams`):
 * one list as written when the other is empty (a name given twice stays twice, and its first entry is the one the validation reads),
 * else one entry per name, a later one (the BuildRun's over the Build's) replacing an earlier.
 */
function overrideParams(original: unknown, override: unknown): any[] {
  const build = asArray(original).filter(isNamed);
  const run = asArray(override).filter(isNamed);
  if (run.length === 0) return build;
  if (build.length === 0) return run;
  const byName = new Map<string, any>();
  for (const p of [...build, ...run]) byName.set(p.name, p);
  return [...byName.values()];
}

/**
 * Why Shipwright's controller fails a Build or BuildRun (read with `manifests`) before any TaskRun runs, as far as the objects tell
 * (v0.20.13 buildrun.go `Reconcile`, in its order): the BuildRun's own fields (`buildRunRefusal`); the registration of its Build spec
 * against the strategy it names among the objects (a Build the build controller does not register: the BuildRun fails with reason
 * BuildRegistrationFailed, before it links any pushSecret); then, after the ServiceAccount is read and the pushSecret linked, the
 * BuildRun's params (the BuildRun's over the Build's, a required one missing too: `BuildRunParameters`), `volumes` and `stepResources`
 * against the strategy. For a Build: its registration. Undefined when none is known (a Build or strategy not among the objects is not).
 */
export function buildRunFailure(manifest: any, manifests: readonly any[] | undefined): BuildRunFailure | undefined {
  if (!isShipwrightBuild(manifest)) return undefined;
  const refusal = buildRunRefusal(manifest);
  if (refusal !== undefined) return { ...refusal, linked: false };
  // a BuildRun that names its Build and may be in several namespaces that hold a Build of that name (it, or they, name none: kubectl's
  // context chooses) fails only where it fails with each of them
  const candidates = namedBuilds(manifest, manifests ?? []);
  if (new Set(candidates.map((m) => manifestNamespace(m) ?? '')).size > 1) {
    const each = candidates.map((b) => buildRunFailure(manifest, (manifests ?? []).filter((m) => m === b || !candidates.includes(m))));
    if (each.some((f) => f === undefined)) return undefined;
  }
  const resolved = buildSpecOf(manifest, manifests ?? []);
  if (resolved === undefined) return undefined;
  const { build, run, alpha } = resolved;
  // an embedded v1beta1 Build spec is validated as the BuildRun is reconciled: a source error stops it there at every retry (buildrun.go
  // `validate.All` returns it), so no TaskRun is made and no condition set (a Build's is ignored by the build controller, which goes on)
  const embeddedAt = manifest.kind === 'BuildRun' ? runBuildSpec(manifest, manifests)?.path : undefined;
  const sourceError = embeddedAt !== undefined && !alpha ? sourceRefError(build) : undefined;
  if (sourceError !== undefined) return { reason: '', message: sourceError, field: `${embeddedAt}.source`, linked: false, pending: true };
  const strategy = namedStrategy(build, manifest, manifests ?? []);
  if (!isBuildStrategy(strategy)) return undefined;
  const registration = registrationFailure(build, alpha, strategy);
  if (registration !== undefined) {
    const where = runBuildSpec(manifest, manifests);
    if (where?.path !== undefined) {
      const reason = manifest.kind === 'Build' ? registration.reason : 'BuildRegistrationFailed';
      return { reason, message: registration.message, field: `${where.path}.${registration.field}`, linked: false };
    }
    const name = jsString(manifest.apiVersion === `${SHIPWRIGHT_GROUP}/v1alpha1` ? manifest.spec.buildRef?.name : manifest.spec.build?.name);
    return {
      reason: 'BuildRegistrationFailed',
      message: `the Build is not registered correctly, build: ${name}, registered status: False, reason: ${registration.reason}`,
      field: `the Build '${name}' spec.${registration.field}`,
      linked: false,
    };
  }
  if (run === undefined) return undefined;
  const task = strategyTaskSpec(strategy)!;
  const checks = [
    { field: 'spec.paramValues', failure: paramsFailure(task.spec.params, overrideParams(buildParamValues(build, alpha), runAlpha(manifest) ? alphaParamValues(run.paramValues) : run.paramValues), true) },
    { field: 'spec.volumes', failure: volumesFailure(asArray(strategy.spec.volumes), run.volumes) },
    { field: 'spec.stepResources', failure: runAlpha(manifest) ? undefined : stepResourcesFailure(task.spec.steps, run.stepResources) },
  ];
  const first = checks.find((c) => c.failure !== undefined);
  return first === undefined ? undefined : { ...first.failure!, field: first.field, linked: true };
}

/** The pushSecret a Build spec or BuildRun spec names, and the field it is written in (v1alpha1 `output.credentials.name`). */
export function pushSecretOf(spec: any, alpha: boolean): { name: string; field: string } | undefined {
  const output = spec?.output;
  if (!isObject(output)) return undefined;
  if (alpha) {
    const name = output.credentials?.name;
    return typeof name === 'string' && name !== '' ? { name, field: 'output.credentials.name' } : undefined;
  }
  return typeof output.pushSecret === 'string' && output.pushSecret !== '' ? { name: output.pushSecret, field: 'output.pushSecret' } : undefined;
}

/** A Build or BuildRun with the strategy it names in `manifests` as the TaskRun Shipwright creates; undefined otherwise. */
export function buildTaskRun(manifest: any, objects: readonly any[] | undefined): BuildTaskRun | undefined {
  if (objects === undefined || !isShipwrightBuild(manifest)) return undefined;
  const manifests = runnableManifests(manifest, objects);
  // one the controller fails before its TaskRun runs nothing: it is not read as run (VALID_REFERENCE reports it)
  if (buildRunFailure(manifest, manifests) !== undefined) return undefined;
  const resolved = buildSpecOf(manifest, manifests);
  if (resolved === undefined) return undefined;
  const { build, run, alpha } = resolved;
  const strategyManifest = namedStrategy(build, manifest, manifests);
  const strategy = strategyTaskSpec(strategyManifest);
  if (strategy === undefined) return undefined;
  const env = overrideEnv(asArray(build.env), asArray(run?.env));
  const resources = new Map<string, unknown>();
  // v1alpha1's Build and BuildRun have no stepResources (the API server prunes them)
  for (const list of [alpha ? undefined : build.strategy?.stepResources, runAlpha(manifest) ? undefined : run?.stepResources]) {
    for (const r of asArray(list)) if (isObject(r) && typeof r.name === 'string') resources.set(r.name, r.resources);
  }
  const steps = strategy.effective.map((step) => {
    if (!isObject(step)) return step;
    const out: Record<string, any> = { ...step };
    const merged = appendEnv(step.env, env);
    if (merged !== undefined) out.env = merged;
    if (typeof step.name === 'string' && resources.has(step.name)) out.resources = resources.get(step.name);
    return out;
  });
  const replacedVolumes: string[] = [];
  const volumes = asArray(strategyManifest.spec.volumes).map((v, i) => {
    const volume = strategy.spec.volumes[i];
    if (!isObject(v) || v.overridable !== true) return volume;
    let source: Record<string, any> | undefined;
    for (const list of [build.volumes, run?.volumes]) {
      const given = asArray(list).find((b) => isObject(b) && b.name === v.name);
      if (given !== undefined) source = given;
    }
    if (source === undefined) return volume;
    const { description: _d, ...replaced } = source;
    const out = { ...replaced, name: v.name };
    if (!isDeepStrictEqual(out, volume)) replacedVolumes.push(jsString(v.name));
    return out;
  });
  const name = strategyManifest.metadata?.name;
  const out = { strategy: `${strategyManifest.kind} '${jsString(name)}'`, strategyManifest, spec: { steps, params: strategy.spec.params, volumes }, replacedVolumes };
  if (run === undefined) return { ...out, controllerParams: strategy.controllerParams };
  const declared = new Map(strategy.spec.params.filter(isObject).map((p) => [p.name, p]));
  const given: any[] = [];
  // each entry gives the TaskRun a param (resource_builders.go); of a name given twice with a value, Tekton refuses the TaskRun:
  // the first is read, as the controller's validation reads it
  for (const p of overrideParams(buildParamValues(build, alpha), runAlpha(manifest) ? alphaParamValues(run.paramValues) : run.paramValues)) {
    const pname: string = p.name;
    const param = declared.get(pname);
    if (param === undefined) continue; // the controller refuses it: no TaskRun
    if (given.some((g) => g.name === pname)) continue;
    if (param.type === 'array') {
      if (!Array.isArray(p.values)) continue;
      given.push({ name: pname, value: p.values.map((v: any) => singleValue(v, pname) ?? '') });
    } else {
      const value = singleValue(p, pname);
      if (value !== undefined) given.push({ name: pname, value });
    }
  }
  const output = isObject(run.output) ? run.output : isObject(build.output) ? build.output : {};
  const insecure = isObject(run.output) && typeof run.output.insecure === 'boolean' ? run.output.insecure : build.output?.insecure === true;
  const contextDir = build.source?.contextDir;
  given.push(
    { name: 'shp-output-image', value: jsString(output.image ?? '') },
    { name: 'shp-output-insecure', value: String(insecure) },
    { name: 'shp-source-root', value: SHIPWRIGHT_SOURCE_ROOT },
    { name: 'shp-source-context', value: typeof contextDir === 'string' ? joinPath(SHIPWRIGHT_SOURCE_ROOT, contextDir) : SHIPWRIGHT_SOURCE_ROOT },
    { name: 'shp-output-directory', value: '/workspace/output-image' },
  );
  return { ...out, taskRunParams: given };
}


/**
 * Which object of a Shipwright Build's or BuildRun's run (read with `manifests`) gives a step's env variable (`field` `env`) or a
 * volume (`volumes`) of the name, as the user wrote it: the BuildRun's `spec.env` / `spec.volumes`, else its Build spec's
 * (`spec.env`, `spec.build.spec.env`, or `the Build 'web' spec.env` for the Build it names); undefined when it is the strategy's
 * (the strategy step's own variable of that name, which the Build's does not replace, or a volume that is not `overridable`).
 */
export function runFieldOrigin(manifest: any, manifests: readonly any[] | undefined, field: 'env' | 'volumes', name: string, strategyStep?: any): string | undefined {
  if (!isShipwrightBuild(manifest)) return undefined;
  const run = buildTaskRun(manifest, manifests);
  const resolved = runBuildSpec(manifest, manifests);
  if (run === undefined || resolved === undefined) return undefined;
  if (field === 'env' && asArray(strategyStep?.env).some((e) => e?.name === name)) return undefined;
  if (field === 'volumes' && !asArray(run.strategyManifest.spec.volumes).some((v) => isObject(v) && v.name === name && v.overridable === true)) return undefined;
  const has = (list: unknown): boolean => asArray(list).some((e) => isObject(e) && e.name === name);
  if (manifest.kind === 'BuildRun' && has(manifest.spec[field])) return `the BuildRun's spec.${field}`;
  if (!has(resolved.spec[field])) return undefined;
  if (resolved.path !== undefined) return `${manifest.kind === 'Build' ? 'the Build' : 'the BuildRun'}'s ${resolved.path}.${field}`;
  const buildName = manifest.apiVersion === `${SHIPWRIGHT_GROUP}/v1alpha1` ? manifest.spec.buildRef?.name : manifest.spec.build?.name;
  return `the Build '${jsString(buildName)}' spec.${field}`;
}
