import { DECODED_SHAPES, FieldTree, TEKTON_SPEC_FIELDS } from '../../private/field-names';
import { goJsonField } from '../../private/go-json';
import { Severity } from '../rule';
import { manifestRule, Problem } from '../rule-builders';
import { RuleId } from '../rule-id';

const KINDS = new Set(['Task', 'TaskRun', 'Pipeline', 'PipelineRun', 'StepAction']);

/** The tree of a manifest's `spec` fields, when it is a Tekton kind and version the schemas know. */
function specFields(manifest: any): FieldTree | undefined {
  if (!KINDS.has(manifest?.kind)) return undefined;
  const apiVersion = manifest.apiVersion;
  // no apiVersion: read as the version the rules read it as (the API server refuses it)
  const version = apiVersion === undefined ? (manifest.kind === 'StepAction' ? 'v1beta1' : 'v1') : typeof apiVersion === 'string' ? /^tekton\.dev\/(.+)$/.exec(apiVersion)?.[1] : undefined;
  return version === undefined ? undefined : TEKTON_SPEC_FIELDS[`${version}/${manifest.kind}`];
}

function isObject(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;
const step = (at: string, key: string | number): string =>
  typeof key === 'number' ? `${at}[${key}]` : IDENTIFIER.test(key) ? `${at}.${key}` : `${at}[${JSON.stringify(key)}]`;

/**
 * The keys under `node` that Tekton's webhook decodes as a field spelled otherwise. `decoded`:
 * whether `node` lies where the API server keeps unknown keys (where a key that is not a field
 * is pruned, or refused by kubectl, there is nothing to find).
 */
type Seen = WeakMap<object, Set<FieldTree>>;
function misspelled(node: unknown, tree: FieldTree, decoded: boolean, at: string, out: Problem[], seen: Seen = new WeakMap()): void {
  if (tree === 0 || node === null || typeof node !== 'object') return;
  // an object reached again along the same tree (a JavaScript cycle, a shared subtree) is walked once
  const trees = seen.get(node) ?? new Set<FieldTree>();
  if (trees.has(tree)) return;
  seen.set(node, trees.add(tree));
  if (typeof tree === 'string') {
    const shape = DECODED_SHAPES[tree];
    if (shape === undefined) return;
    misspelled(node, shape, true, at, out, seen);
    return;
  }
  if (Array.isArray(node)) {
    node.forEach((item, i) => misspelled(item, tree, decoded, step(at, i), out, seen));
    return;
  }
  if (!isObject(node)) return;
  for (const key of Object.keys(node)) {
    if (Object.prototype.hasOwnProperty.call(tree, key)) {
      misspelled(node[key], tree[key], decoded, step(at, key), out, seen);
      continue;
    }
    if (!decoded) continue;
    const field = goJsonField(key, Object.keys(tree));
    if (field === undefined) continue;
    const where = step(at, key);
    out.push({
      property: where,
      value: key,
      problem: `is decoded by Tekton's webhook as the field "${field}" (Go's JSON decoding ignores case), which is not what the other rules read`,
      fix: `Write the key as "${field}" at ${where}; this rule cannot be relaxed.`,
    });
    misspelled(node[key], tree[field], decoded, where, out, seen);
  }
}

/** Tekton objects spell every field as Tekton's schema does, where Tekton would read another spelling. */
export const TEKTON_FIELD_NAMES = manifestRule(
  {
    id: RuleId.TEKTON_FIELD_NAMES,
    severity: Severity.HIGH,
    title: 'Tekton objects spell every field exactly as Tekton\'s schema does',
    rationale:
      'Where a Tekton CRD keeps unknown keys (embedded taskSpec and pipelineSpec, pod templates\' securityContext, affinity and '
      + 'volumes, Task volumes, volumeClaimTemplates), the API server stores them as written and Tekton\'s defaulting webhook '
      + 'decodes them with Go\'s encoding/json, which matches field names without regard to case, and writes them back under '
      + 'the field\'s own name: `SecurityContext: {privileged: true}` in an embedded step becomes its securityContext. Every '
      + 'other rule reads only the exact spelling, so in the YAML such a key slips past all of them (the admission policies '
      + 'see the object after the webhook has renamed the key).',
    fix: 'Write every key of a Tekton object with the exact spelling of Tekton\'s (or Kubernetes\') field; this rule cannot be relaxed.',
    decidesFrom:
      'The `spec` of Tasks, TaskRuns, Pipelines, PipelineRuns (`tekton.dev` v1 or v1beta1, or no apiVersion) and StepActions '
      + '(v1alpha1, v1beta1), walked along the field names of Tekton v1.15\'s CRD schemas; below the nodes those schemas keep '
      + 'unknown fields in, along the Task or Pipeline spec of the same version, or the PodSecurityContext, Affinity, Volume '
      + 'and PersistentVolumeClaim of the Kubernetes Go types Tekton v1.15 builds with (k8s.io/api v0.35). There a key that is not a field name but equals one after Go\'s case '
      + 'folding (ASCII letters, `ſ` and the Kelvin sign `K`) is a finding.',
    limits:
      'Keys that match no field (Tekton\'s webhook refuses them) and mis-spelled keys where the schema prunes them (the API '
      + 'server drops them and kubectl\'s strict validation refuses them) are not findings. Fields added to Tekton after v1.15 '
      + 'or to Kubernetes after 1.35 are unknown to it, and `metadata` is not read.',
    howToRelax:
      'Cannot be relaxed: no prop, `Relaxations.of(...)` or annotation waives it. Rename the key to the field\'s exact spelling.',
    relaxable: false,
    appliesTo: (manifest: any) => specFields(manifest) !== undefined,
  },
  (manifest) => {
    const tree = specFields(manifest);
    const problems: Problem[] = [];
    if (tree !== undefined) misspelled(manifest.spec, tree, false, 'spec', problems);
    return problems;
  },
);
