/**
 * Tekton objects as the API server keeps them. The CRD schemas of Tekton v1.15 are
 * structural and keep unknown keys only below a few nodes (embedded specs, pod templates'
 * securityContext, affinity and volumes, volumeClaimTemplates, param values): anywhere else
 * the API server prunes a key its schema does not declare for the object's version (kubectl's
 * strict field validation refuses the object instead). A v1 PipelineRun's `podTemplate` (the
 * v1beta1 name) never reaches Tekton, so the rules must not credit it.
 *
 * Tekton v1.15 stores Tasks, TaskRuns, Pipelines and PipelineRuns as v1 and converts a v1beta1
 * object to v1 on the way (its conversion webhook): what that conversion leaves out is not
 * stored and never runs. A v1beta1 pipeline task's `pipelineSpec` and `pipelineRef` (pipelines
 * in pipelines) are such fields (v1beta1 pipeline_conversion.go copies neither).
 */
import { isObject } from './containers';
import { FieldTree, TEKTON_SPEC_FIELDS } from './field-names';
import { mapValues } from './field-walk';
import { ownKey } from './own';

const KINDS = new Set(['Task', 'TaskRun', 'Pipeline', 'PipelineRun', 'StepAction']);

/** The tree of a Tekton manifest's `spec` fields for its kind and version, when the schemas know them. */
export function tektonSpecFields(manifest: any, versionWhenUnset?: (kind: string) => string): FieldTree | undefined {
  if (!KINDS.has(manifest?.kind)) return undefined;
  const apiVersion = manifest.apiVersion;
  const version = apiVersion === undefined ? versionWhenUnset?.(manifest.kind)
    : typeof apiVersion === 'string' ? /^tekton\.dev\/(.+)$/.exec(apiVersion)?.[1] : undefined;
  return version === undefined ? undefined : TEKTON_SPEC_FIELDS[`${version}/${manifest.kind}`];
}

/** `node` without the keys `tree` prunes, the same node when it loses none. */
function pruned(node: unknown, tree: FieldTree): unknown {
  // a shape's name (unknown keys kept) or 0 (any keys) keeps all below
  if (typeof tree !== 'object' || node === null || typeof node !== 'object') return node;
  if (Array.isArray(node)) {
    let out: unknown[] | undefined;
    node.forEach((item, i) => {
      const p = pruned(item, tree);
      if (p !== item) (out ??= [...node])[i] = p;
    });
    return out ?? node;
  }
  if (!isObject(node)) return node;
  let out: Record<string, unknown> | undefined;
  const values = mapValues(tree);
  for (const key of Object.keys(node)) {
    if (values !== undefined) {
      // a map: any key, each value along the map's tree
      const p = pruned(node[key], values);
      if (p !== node[key]) (out ??= { ...node })[key] = p;
      continue;
    }
    if (!ownKey(tree, key)) {
      out ??= { ...node };
      delete out[key];
      continue;
    }
    const p = pruned(node[key], tree[key]);
    if (p !== node[key]) (out ??= { ...node })[key] = p;
  }
  return out ?? node;
}

/**
 * The keys of a v1beta1 pipeline task that Tekton's conversion to v1 drops (it copies neither
 * into the v1 PipelineTask): in a Pipeline's spec and in a PipelineRun's `pipelineSpec`.
 */
export const DROPPED_BY_CONVERSION: readonly string[] = ['pipelineSpec', 'pipelineRef'];

/** A v1beta1 Pipeline spec without what the conversion to v1 drops of its pipeline tasks, the same spec when it loses nothing. */
function convertedPipelineSpec(spec: unknown): unknown {
  if (!isObject(spec)) return spec;
  let out: Record<string, unknown> | undefined;
  for (const list of ['tasks', 'finally']) {
    const tasks = spec[list];
    if (!Array.isArray(tasks)) continue;
    let copy: unknown[] | undefined;
    tasks.forEach((task, i) => {
      if (!isObject(task) || !DROPPED_BY_CONVERSION.some((k) => k in task)) return;
      const kept = { ...task };
      for (const k of DROPPED_BY_CONVERSION) delete kept[k];
      (copy ??= [...tasks])[i] = kept;
    });
    if (copy !== undefined) (out ??= { ...spec })[list] = copy;
  }
  return out ?? spec;
}

/** A Tekton spec as the conversion of a v1beta1 object to v1 (the stored version) leaves it: the same spec when it loses nothing. */
function converted(manifest: any, spec: unknown): unknown {
  if (manifest.apiVersion !== 'tekton.dev/v1beta1' || !isObject(spec)) return spec;
  if (manifest.kind === 'Pipeline') return convertedPipelineSpec(spec);
  if (manifest.kind === 'PipelineRun' && isObject(spec.pipelineSpec)) {
    const pipelineSpec = convertedPipelineSpec(spec.pipelineSpec);
    return pipelineSpec === spec.pipelineSpec ? spec : { ...spec, pipelineSpec };
  }
  return spec;
}

/** The manifests as written, by the stored forms made of them. */
const WRITTEN = new WeakMap<object, any>();

/**
 * A Tekton object (`tekton.dev` v1, v1beta1, or v1alpha1 StepAction) as the API server stores
 * it: the `spec` keys its version's schema does not declare are dropped, and so are those the
 * conversion of a v1beta1 object to v1 leaves out (a copy is made along the way to each). Any
 * other object, or one that loses nothing, is returned as it is.
 */
export function storedForm(manifest: any): any {
  const tree = tektonSpecFields(manifest);
  if (tree === undefined || !isObject(manifest.spec)) return manifest;
  const spec = converted(manifest, pruned(manifest.spec, tree));
  if (spec === manifest.spec) return manifest;
  const stored = { ...manifest, spec };
  WRITTEN.set(stored, manifest);
  return stored;
}

/**
 * A Tekton object as Tekton's admission webhook receives it: the `spec` keys its version's schema does not declare dropped
 * (the API server prunes them as it decodes the object), but not converted to v1 (the webhook validates a v1beta1 object as
 * v1beta1). `manifest` is the object as written; it is returned as it is when it loses nothing.
 */
export function admittedForm(manifest: any): any {
  const tree = tektonSpecFields(manifest);
  if (tree === undefined || !isObject(manifest.spec)) return manifest;
  const spec = pruned(manifest.spec, tree);
  return spec === manifest.spec ? manifest : { ...manifest, spec };
}

/** The manifest as written, of a stored form (the manifest itself when nothing was pruned). */
export function writtenForm(manifest: any): any {
  return (manifest !== null && typeof manifest === 'object' ? WRITTEN.get(manifest) : undefined) ?? manifest;
}
