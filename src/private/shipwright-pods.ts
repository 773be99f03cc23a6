/**
 * The steps Shipwright's controller adds to the TaskRun of a Build's run besides the strategy's, as far as its
 * default configuration says (shipwright-io/build v0.20.13 pkg/config/config.go `NewDefaultConfig`; the
 * controller's `GIT_CONTAINER_TEMPLATE` and `IMAGE_PROCESSING_CONTAINER_TEMPLATE` variables replace them):
 *
 * - `source-default`, which clones a Git source (sources/git.go `AppendGitStep`) or pulls an OCI artifact (sources/bundle.go
 *   `AppendBundleStep`), or `source-local`, which waits for a local upload (sources/local_copy.go), as UID and GID 1000 with
 *   `allowPrivilegeEscalation: false`, capabilities dropping ALL and a read-only root filesystem;
 * - `image-processing` (image_processing.go `CreateImageProcessingStep`), added when a strategy step names
 *   `$(params.shp-output-directory)` or the output sets `annotations`, `labels`, `vulnerabilityScan` or
 *   `timestamp`, as root (UID and GID 0) with the capability DAC_OVERRIDE added;
 *
 * each with the strategy's `spec.securityContext` `runAsUser` and `runAsGroup` over its own
 * (steps/security_context.go `UpdateSecurityContext`).
 */
import { SHIPWRIGHT_GROUP, strategyTaskSpec } from './build-strategies';
import { buildTaskRun, localSource, runBuildSpec } from './shipwright-builds';

const isObject = (x: unknown): x is Record<string, any> => x !== null && typeof x === 'object' && !Array.isArray(x);
const asArray = (x: unknown): any[] => (Array.isArray(x) ? x : []);

/** A step the controller adds: its name, the variable of the controller that configures it, and the container as configured by default. */
export interface ControllerStep {
  readonly name: string;
  readonly variable: string;
  readonly container: any;
}

/** Whether a step names a param in its command, args or env values (params.go `isStepReferencingParameter`). */
function referencesParam(step: any, name: string): boolean {
  const forms = [`$(params.${name}`, `$(params['${name}']`, `$(params[${JSON.stringify(name)}]`];
  const has = (s: unknown): boolean => typeof s === 'string' && forms.some((f) => s.includes(f));
  return asArray(step?.command).some(has) || asArray(step?.args).some(has) || asArray(step?.env).some((e) => has(e?.value));
}

/** The output fields that make the controller add its image-processing step (image_processing.go `BuildImageProcessingArgs`). */
function processesOutput(output: any): boolean {
  if (!isObject(output)) return false;
  const nonEmpty = (m: unknown) => isObject(m) && Object.keys(m).length > 0;
  return nonEmpty(output.annotations) || nonEmpty(output.labels) || output.vulnerabilityScan?.enabled === true
    || (typeof output.timestamp === 'string' && output.timestamp !== '');
}

/**
 * The step the controller adds for the source (sources.go `AmendTaskSpecWithSources`), all three configured alike by default (UID and
 * GID 1000, config.go): `source-local`, the waiter, for a BuildRun's or else the Build's `source.type: Local` with `local`
 * (`isLocalCopyBuildSource`, shipwright-builds.ts `localSource`: a BuildRun's `type: Local` without `local` adds none); else `source-default` for `type: OCI` with `ociArtifact`
 * (the bundle step) or `type: Git` with `git` (the type decides: a `git` under another type adds no step); a v1alpha1 Build spec's
 * `source.bundleContainer`, else its `source.url` (build_conversion.go `ConvertFrom`).
 */
function sourceStepOf(manifest: any, build: any, alpha: boolean): { name: string; variable: string } | undefined {
  const runLocal = manifest.kind === 'BuildRun' ? localSource(manifest.spec, manifest.apiVersion === `${SHIPWRIGHT_GROUP}/v1alpha1`) : undefined;
  if (runLocal === 'local' || (runLocal === undefined && localSource(build, alpha) === 'local')) return { name: 'source-local', variable: 'WAITER_CONTAINER_TEMPLATE' };
  const source = build.source;
  if (!isObject(source)) return undefined;
  if (alpha) {
    if (isObject(source.bundleContainer)) return { name: 'source-default', variable: 'BUNDLE_CONTAINER_TEMPLATE' };
    return typeof source.url === 'string' ? { name: 'source-default', variable: 'GIT_CONTAINER_TEMPLATE' } : undefined;
  }
  if (source.type === 'OCI' && isObject(source.ociArtifact)) return { name: 'source-default', variable: 'BUNDLE_CONTAINER_TEMPLATE' };
  if (source.type === 'Git' && isObject(source.git)) return { name: 'source-default', variable: 'GIT_CONTAINER_TEMPLATE' };
  return undefined;
}

/**
 * The steps the controller adds to the run of a Build or BuildRun (with its strategy among `manifests`), as its
 * default configuration makes them; undefined when the run is not known.
 */
export function controllerSteps(manifest: any, manifests: readonly any[] | undefined): ControllerStep[] | undefined {
  const run = buildTaskRun(manifest, manifests);
  const resolved = runBuildSpec(manifest, manifests);
  if (run === undefined || resolved === undefined) return undefined;
  const build = resolved.spec;
  const strategy = strategyTaskSpec(run.strategyManifest)!;
  // the version the Build spec is written in (a BuildRun may name a Build of the other)
  const alpha = resolved.alpha;
  const ids = run.strategyManifest.spec.securityContext;
  const withIds = (sc: Record<string, any>): Record<string, any> => {
    if (!isObject(ids)) return sc;
    const out = { ...sc };
    for (const f of ['runAsUser', 'runAsGroup']) if (ids[f] !== undefined && ids[f] !== null) out[f] = ids[f];
    return out;
  };
  const out: ControllerStep[] = [];
  const sourceStep = sourceStepOf(manifest, build, alpha);
  if (sourceStep !== undefined) {
    out.push({
      ...sourceStep,
      container: {
        name: sourceStep.name,
        securityContext: withIds({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsUser: 1000, runAsGroup: 1000, readOnlyRootFilesystem: true }),
      },
    });
  }
  const runOutput = manifest.kind === 'BuildRun' ? manifest.spec.output : undefined;
  const outputDirectory = strategy.spec.steps.some((s) => referencesParam(s, 'shp-output-directory'));
  if (outputDirectory || processesOutput(build.output) || processesOutput(runOutput)) {
    out.push({
      name: 'image-processing',
      variable: 'IMAGE_PROCESSING_CONTAINER_TEMPLATE',
      container: {
        name: 'image-processing',
        securityContext: withIds({
          allowPrivilegeEscalation: false, runAsUser: 0, runAsGroup: 0, readOnlyRootFilesystem: true, capabilities: { add: ['DAC_OVERRIDE'], drop: ['ALL'] },
        }),
      },
    });
  }
  return out;
}
