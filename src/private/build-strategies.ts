/**
 * Shipwright's build strategies (`shipwright.io` v1beta1 and v1alpha1, kinds BuildStrategy and
 * ClusterBuildStrategy) read as the task spec of the TaskRun Shipwright's controller creates for each
 * BuildRun (shipwright-io/build v0.20.13, pkg/reconciler/buildrun/resources):
 *
 * - each step becomes a Tekton step with the step's name, image, imagePullPolicy, command, args,
 *   workingDir, env, volumeMounts, securityContext and `resources` (as `computeResources`), nothing else
 *   (resource_builders.go `applyBuildStrategySteps`; the CRD's structural schema prunes any other field of a
 *   v1beta1 step, and the conversion of a v1alpha1 `buildSteps` container keeps only those, v1beta1
 *   buildstrategy_conversion.go `ConvertFrom`);
 * - `spec.securityContext` gives `runAsUser` and `runAsGroup` to every step that leaves them unset
 *   (steps/security_context.go `UpdateSecurityContext`);
 * - each of `spec.parameters` becomes a task param of its type (`string` unless `array`) with its
 *   `default` (`defaults` for an array), which a Build's or BuildRun's `paramValues` replace
 *   (`addStrategyParametersToTaskSpec`, `applyParameters`, params.go `HandleTaskRunParam`): a caller's value;
 * - the controller declares `shp-output-image` (the Build's or BuildRun's `output.image`),
 *   `shp-source-context` (`/workspace/source` joined with the Build's `source.contextDir`): a caller's value
 *   each; `shp-source-root` (`/workspace/source`), `shp-output-insecure` (`true` or `false`) and, for the
 *   steps that name it, `shp-output-directory` (`/workspace/output-image`, image_processing.go
 *   `SetupOutputDirectory`): values of its own;
 * - a v1alpha1 strategy's `$(params.DOCKERFILE)` and `$(build.dockerfile)` become `$(params.dockerfile)`,
 *   a string param defaulting to `Dockerfile`, and its `$(build.builder.image)` becomes
 *   `$(params.builder-image)`, a string param without a default, in the command, args and env values of
 *   its steps (`ConvertFrom`);
 * - `spec.volumes` become the task's volumes (their `overridable`, `description` left out; a Build or
 *   BuildRun may replace the source of an `overridable: true` one, volumes.go `MergeBuildVolumes`).
 */

/** Shipwright's API group. */
export const SHIPWRIGHT_GROUP = 'shipwright.io';

/** The kinds of Shipwright's build strategies. */
const STRATEGY_KINDS = ['BuildStrategy', 'ClusterBuildStrategy'];

/** The fields of a strategy step the controller copies into the TaskRun's step (v1beta1 `Step`). */
const STEP_FIELDS = ['name', 'image', 'command', 'args', 'workingDir', 'env', 'resources', 'volumeMounts', 'imagePullPolicy', 'securityContext'];

/** The source directory the controller gives every BuildRun (`shp-source-root`), where its `source` workspace is. */
export const SHIPWRIGHT_SOURCE_ROOT = '/workspace/source';

/** Where the controller mounts the output directory of the steps that name `shp-output-directory`. */
const OUTPUT_DIRECTORY = '/workspace/output-image';

const isObject = (x: unknown): x is Record<string, any> => x !== null && typeof x === 'object' && !Array.isArray(x);
const asArray = (x: unknown): any[] => (Array.isArray(x) ? x : []);

/** Whether a manifest is a Shipwright BuildStrategy or ClusterBuildStrategy (v1beta1 or v1alpha1) with a `spec` mapping. */
export function isBuildStrategy(manifest: any): boolean {
  const apiVersion = manifest?.apiVersion;
  return isObject(manifest) && STRATEGY_KINDS.includes(manifest.kind) && typeof apiVersion === 'string'
    && (apiVersion === `${SHIPWRIGHT_GROUP}/v1beta1` || apiVersion === `${SHIPWRIGHT_GROUP}/v1alpha1`) && isObject(manifest.spec);
}

/** A build strategy as the task spec of the TaskRun its BuildRuns run. */
export interface StrategyTaskSpec {
  /** The task spec: `steps`, `params` and `volumes` as the controller writes them into the TaskRun. */
  readonly spec: { readonly steps: any[]; readonly params: any[]; readonly volumes: any[] };
  /** Where the strategy's steps are, as a JSON path: `spec.steps` (v1beta1), `spec.buildSteps` (v1alpha1). */
  readonly stepsPath: string;
  /** The steps as they run: with `spec.securityContext`'s runAsUser and runAsGroup where a step leaves them unset. */
  readonly effective: any[];
  /**
   * The params whose value the controller gives, `{ name, value, source }`; every other param's value is a
   * Build's or BuildRun's (the names of theirs must be the strategy's parameters: the controller refuses others).
   */
  readonly controllerParams: any[];
}

/** The legacy variables a v1alpha1 strategy's steps may hold, and the param each becomes (`ConvertFrom`). */
const LEGACY: ReadonlyArray<readonly [string, 'dockerfile' | 'builder-image']> = [
  ['$(params.DOCKERFILE)', 'dockerfile'],
  ['$(build.dockerfile)', 'dockerfile'],
  ['$(build.builder.image)', 'builder-image'],
];

/** A build strategy (isBuildStrategy) as the task spec its BuildRuns' TaskRuns run; undefined for anything else. */
export function strategyTaskSpec(manifest: any): StrategyTaskSpec | undefined {
  if (!isBuildStrategy(manifest)) return undefined;
  const spec = manifest.spec;
  const alpha = manifest.apiVersion === `${SHIPWRIGHT_GROUP}/v1alpha1`;
  const field = alpha ? 'buildSteps' : 'steps';
  const legacy = new Set<string>();
  const steps = asArray(spec[field]).map((written) => {
    if (!isObject(written)) return written;
    const step: Record<string, any> = {};
    for (const f of STEP_FIELDS) if (written[f] !== undefined) step[f] = written[f];
    return alpha ? migrated(step, legacy) : step;
  });
  const params = asArray(spec.parameters).map((p) => {
    if (!isObject(p)) return p;
    const array = p.type === 'array';
    const value = array ? p.defaults : p.default;
    return {
      name: p.name,
      type: array ? 'array' : 'string',
      ...(p.description !== undefined ? { description: p.description } : {}),
      ...(value !== undefined && value !== null ? { default: value } : {}),
    };
  });
  const declared = new Set(params.map((p) => p?.name));
  if (legacy.has('dockerfile') && !declared.has('dockerfile')) params.push({ name: 'dockerfile', type: 'string', default: 'Dockerfile' });
  if (legacy.has('builder-image') && !declared.has('builder-image')) params.push({ name: 'builder-image', type: 'string' });
  const controllerParams = [
    { name: 'shp-source-root', value: SHIPWRIGHT_SOURCE_ROOT },
    // "true" or "false", as the Build or BuildRun says: a word either way
    { name: 'shp-output-insecure', value: 'false' },
    { name: 'shp-output-directory', value: OUTPUT_DIRECTORY },
  ].map((p) => ({ ...p, source: `Shipwright gives "${p.name}" ${JSON.stringify(p.value)}` }));
  params.push(
    { name: 'shp-output-image', type: 'string' },
    { name: 'shp-output-insecure', type: 'string' },
    { name: 'shp-source-context', type: 'string' },
    { name: 'shp-source-root', type: 'string' },
    { name: 'shp-output-directory', type: 'string' },
  );
  const volumes = asArray(spec.volumes).map((v) => {
    if (!isObject(v)) return v;
    const { overridable: _o, description: _d, ...volume } = v;
    return volume;
  });
  const securityContext = isObject(spec.securityContext) ? spec.securityContext : undefined;
  const effective = steps.map((step) => withStrategySecurity(step, securityContext));
  return { spec: { steps, params, volumes }, stepsPath: `spec.${field}`, effective, controllerParams };
}

/**
 * A step with the strategy's `runAsUser` and `runAsGroup` where its own securityContext leaves them unset
 * (null included: a nil pointer to Go), as `UpdateSecurityContext` gives them.
 */
function withStrategySecurity(step: any, strategy: Record<string, any> | undefined): any {
  if (strategy === undefined || !isObject(step)) return step;
  const own = isObject(step.securityContext) ? step.securityContext : {};
  const sc: Record<string, any> = { ...own };
  for (const f of ['runAsUser', 'runAsGroup']) {
    if ((own[f] === undefined || own[f] === null) && strategy[f] !== undefined && strategy[f] !== null) sc[f] = strategy[f];
  }
  return { ...step, securityContext: sc };
}

/** A v1alpha1 step's command, args and env values with the legacy variables replaced, as `ConvertFrom` replaces them; `used` gets the params they become. */
function migrated(step: Record<string, any>, used: Set<string>): Record<string, any> {
  const replace = (s: unknown): unknown => {
    if (typeof s !== 'string') return s;
    let out = s;
    for (const [from, param] of LEGACY) {
      if (!out.includes(from)) continue;
      used.add(param);
      out = out.split(from).join(`$(params.${param})`);
    }
    return out;
  };
  const out = { ...step };
  if (Array.isArray(step.command)) out.command = step.command.map(replace);
  if (Array.isArray(step.args)) out.args = step.args.map(replace);
  if (Array.isArray(step.env)) out.env = step.env.map((e: any) => (isObject(e) && typeof e.value === 'string' ? { ...e, value: replace(e.value) } : e));
  return out;
}

/**
 * What a finding that quotes `value` from the step of index `step` of a v1alpha1 strategy adds, where the value
 * holds a param Shipwright converts a legacy variable of that step to: the variable as written
 * (` (written $(build.dockerfile), which Shipwright converts to $(params.dockerfile))`); '' otherwise.
 */
export function legacyNote(manifest: any, step: number, value: string | undefined): string {
  if (value === undefined || !isBuildStrategy(manifest) || manifest.apiVersion !== `${SHIPWRIGHT_GROUP}/v1alpha1`) return '';
  const written = JSON.stringify(asArray(manifest.spec.buildSteps)[step] ?? null);
  const notes = LEGACY.filter(([from, param]) => value.includes(`$(params.${param})`) && written.includes(from))
    .map(([from, param]) => `${from}, which Shipwright converts to $(params.${param})`);
  return notes.length === 0 ? '' : ` (written ${notes.join('; ')})`;
}
