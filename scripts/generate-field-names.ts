/**
 * Writes src/private/field-names.ts, the field names of Tekton's objects (and of a NetworkPolicy), from the
 * structure-only schemas in schemas/ (`npx projen field-names`). A test fails when the file
 * is out of date.
 *
 * What it holds, per kind and version: the tree of the `spec` fields the CRD's schema
 * declares. Where the schema keeps unknown fields (`x-kubernetes-preserve-unknown-fields`:
 * embedded `taskSpec`s and `pipelineSpec`s, pod templates' `securityContext`, `affinity` and
 * `volumes`, workspaces' `volumeClaimTemplate`), the API server stores the keys as written
 * and Tekton's webhook decodes them with Go's encoding/json; there the tree names a shape
 * (the Task or Pipeline spec of the same version, or a Kubernetes core type) instead of
 * fields. Values of params and results hold any keys and are left out. A map whose values the
 * schema gives fields (the `properties` of params and results) is `{ "*": <the value's tree> }`.
 *
 * The core types' fields are those of the k8s.io/api version Tekton v1.15.0 builds with, as
 * conformance/cmd/core-fields prints them from the Go types themselves (stored in
 * conformance/core-fields.json; `npx projen field-names -- --refresh` runs it first, which
 * needs Go). A test checks the stored file against the Go types when Go is there. The same
 * file gives the fields of a NetworkPolicy, which kubectl's strict validation knows
 * (NAMESPACE_DEFAULT_DENY).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const SCHEMAS = path.resolve(__dirname, '..', 'schemas');
const CONFORMANCE = path.resolve(__dirname, '..', 'conformance');
/** The output of conformance/cmd/core-fields, stored. */
export const CORE_FIELDS_FILE = path.join(CONFORMANCE, 'core-fields.json');
export const FIELD_NAMES_FILE = path.resolve(__dirname, '..', 'src', 'private', 'field-names.ts');

/** Field names below a node: a subtree per field, a shape's name, `{ '*': tree }` (a map: any key, each value along `tree`), or 0 (any keys, or none). */
type Tree = { [field: string]: Tree } | string | 0;

const CRDS: ReadonlyArray<{ file: string; kind: string }> = [
  { file: 'tekton/300-task.json', kind: 'Task' },
  { file: 'tekton/300-taskrun.json', kind: 'TaskRun' },
  { file: 'tekton/300-pipeline.json', kind: 'Pipeline' },
  { file: 'tekton/300-pipelinerun.json', kind: 'PipelineRun' },
  { file: 'tekton/300-stepaction.json', kind: 'StepAction' },
];

/** What the API server keeps unpruned, by the path below `spec` (`[]` for list items). */
function preserved(version: string, at: string): Tree | undefined {
  if (/(^|\.)params\[\]\.(value|default)$|^results\[\]\.value$|\.ref\.params\[\]\.value$|include\[\]\.params\[\]\.value$/.test(at)) return 0;
  if (/^(finally|tasks)\[\]\.taskSpec$/.test(at)) return `EmbeddedTask@${version}`;
  if (/^(finally|tasks)\[\]\.pipelineSpec$|^pipelineSpec$/.test(at)) return `PipelineSpec@${version}`;
  if (at === 'taskSpec') return `TaskSpec@${version}`;
  const core = /(^|\.)(volumes|securityContext|affinity|volumeClaimTemplate)$/.exec(at);
  if (core) {
    return { volumes: 'core.Volume', securityContext: 'core.PodSecurityContext', affinity: 'core.Affinity', volumeClaimTemplate: 'core.PersistentVolumeClaim' }[core[2]];
  }
  return undefined;
}

function crdTree(schema: any, version: string, at: string): Tree {
  if (schema?.['x-kubernetes-preserve-unknown-fields']) {
    const named = preserved(version, at);
    if (named === undefined) throw new Error(`unknown fields are kept at spec.${at} (${version}): say what they are in generate-field-names.ts`);
    return named;
  }
  if (schema?.type === 'array' || schema?.items) return crdTree(schema.items, version, `${at}[]`);
  // a map of objects (param and result `properties`): any key, each value with the fields of the value's schema
  const values = schema?.additionalProperties;
  if (values !== null && typeof values === 'object' && values.properties) return { '*': crdTree(values, version, `${at}.*`) };
  if (schema?.properties) {
    const out: { [field: string]: Tree } = {};
    for (const field of Object.keys(schema.properties).sort()) {
      out[field] = crdTree(schema.properties[field], version, at === '' ? field : `${at}.${field}`);
    }
    return out;
  }
  return 0;
}

/** A tree with its fields in byte order, at every level. */
function sortedTree(tree: Tree): Tree {
  if (typeof tree !== 'object') return tree;
  return Object.fromEntries(Object.keys(tree).sort().map((k) => [k, sortedTree(tree[k])]));
}

/** What conformance/cmd/core-fields prints (needs Go and the module proxy or cache). */
export function coreFieldsFromGo(): string {
  return execFileSync('go', ['run', './cmd/core-fields'], { cwd: CONFORMANCE, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** The file's text. */
export function fieldNamesSource(): string {
  const kinds: Record<string, Tree> = {};
  const shapes: Record<string, Tree> = {};
  for (const { file, kind } of CRDS) {
    const crd = JSON.parse(fs.readFileSync(path.join(SCHEMAS, file), 'utf8'));
    for (const v of crd.spec.versions) {
      const spec = v.schema.openAPIV3Schema.properties.spec;
      const tree = crdTree(spec, v.name, '');
      kinds[`${v.name}/${kind}`] = tree;
      if (kind === 'Task' && typeof tree === 'object') {
        shapes[`TaskSpec@${v.name}`] = tree;
        shapes[`EmbeddedTask@${v.name}`] = { ...tree, apiVersion: 0, kind: 0, metadata: { annotations: 0, labels: 0 }, spec: 0 };
      }
      if (kind === 'Pipeline') shapes[`PipelineSpec@${v.name}`] = tree;
    }
  }
  const core = JSON.parse(fs.readFileSync(CORE_FIELDS_FILE, 'utf8')) as Record<string, Tree>;
  for (const type of ['core.Affinity', 'core.PersistentVolumeClaim', 'core.PodSecurityContext', 'core.Volume', 'networking.NetworkPolicy']) {
    if (core[type] === undefined) throw new Error(`${type} is not in ${CORE_FIELDS_FILE}`);
  }
  for (const type of ['core.Affinity', 'core.PersistentVolumeClaim', 'core.PodSecurityContext', 'core.Volume']) shapes[type] = sortedTree(core[type]);
  const sorted = (o: Record<string, Tree>): Record<string, Tree> => Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
  return [
    '// Generated by `npx projen field-names` (scripts/generate-field-names.ts) from schemas/: do not edit.',
    '/* eslint-disable */',
    '',
    '/**',
    ' * Field names below a node: a subtree per field, the name of a shape Tekton\'s webhook decodes there, `{ "*": tree }` for a map',
    ' * (any key, each value along `tree`), or 0 (any keys).',
    ' */',
    'export type FieldTree = { readonly [field: string]: FieldTree } | string | 0;',
    '',
    '/** The `spec` fields of each Tekton kind, by `<version>/<kind>` (tekton.dev). */',
    `export const TEKTON_SPEC_FIELDS: { readonly [versionKind: string]: FieldTree } = ${JSON.stringify(sorted(kinds))};`,
    '',
    '/** The shapes that trees name, where the API server keeps unknown fields. */',
    `export const DECODED_SHAPES: { readonly [shape: string]: FieldTree } = ${JSON.stringify(sorted(shapes))};`,
    '',
    '/** The fields of a networking.k8s.io/v1 NetworkPolicy (k8s.io/api), which strict field validation knows. */',
    `export const NETWORK_POLICY_FIELDS: FieldTree = ${JSON.stringify(sortedTree(core['networking.NetworkPolicy']))};`,
    '',
  ].join('\n');
}

if (require.main === module) {
  if (process.argv.includes('--refresh')) fs.writeFileSync(CORE_FIELDS_FILE, coreFieldsFromGo());
  fs.writeFileSync(FIELD_NAMES_FILE, fieldNamesSource());
  process.stdout.write(`wrote ${path.relative(process.cwd(), FIELD_NAMES_FILE)}\n`);
}
