/**
 * Strict validation of synthesized Kubernetes objects against the structure-only schemas in
 * schemas/ (see schemas/README.md for their sources).
 *
 * None of those schemas sets `additionalProperties: false`: the apiserver prunes unknown fields
 * rather than rejecting them, so a plain JSON-Schema validator would accept typos. Every object
 * schema with `properties` that neither sets `additionalProperties` nor keeps unknown fields is
 * made strict here, like `kubectl --validate=strict`. CRDs declare `metadata` as a bare object, so
 * it is checked against ObjectMeta; the fields Tekton's CRDs keep with
 * `x-kubernetes-preserve-unknown-fields` (embedded specs, volumes, pod templates, PVC templates)
 * are checked against the schemas they stand for. Not checked: CEL rules, list-map key uniqueness
 * and Tekton's webhook validation.
 */
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readSchemaFile } from './reference';

type Schema = Record<string, any>;

/** Base of the `$id`s registered in ajv. Only a name space: nothing is ever fetched. */
const BASE = 'https://reference.invalid/';

const CORE_DOC = 'k8s/1.28/api/v1.json';

/**
 * Kubernetes OpenAPI v3 documents per apiVersion, searched in order. Each keeps only the kinds the
 * tests validate (see SOURCES in scripts/generate-schemas.ts). ValidatingAdmissionPolicy v1 comes
 * from Kubernetes 1.30 (1.28 serves it as v1beta1).
 */
const K8S_DOCS = new Map<string, string[]>([
  ['v1', [CORE_DOC]],
  ['rbac.authorization.k8s.io/v1', ['k8s/1.28/apis/rbac.authorization.k8s.io/v1.json']],
  ['networking.k8s.io/v1', ['k8s/1.28/apis/networking.k8s.io/v1.json']],
  ['admissionregistration.k8s.io/v1', ['k8s/1.30/apis/admissionregistration.k8s.io/v1.json']],
  ['admissionregistration.k8s.io/v1beta1', ['k8s/1.28/apis/admissionregistration.k8s.io/v1beta1.json']],
]);

/** A schema of the core v1 document. */
function core(name: string): Schema {
  return { $ref: `${BASE}${CORE_DOC}#/components/schemas/io.k8s.api.core.v1.${name}` };
}

const OBJECT_META = { $ref: `${BASE}${CORE_DOC}#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta` };
const VOLUMES = { type: 'array', items: core('Volume') };
const TASK = 'tekton.dev/v1/Task';
const PIPELINE = 'tekton.dev/v1/Pipeline';
const TASK_SPEC = { $ref: `${BASE}${TASK}#/properties/spec` };
const EMBEDDED_TASK = { $ref: `${BASE}${TASK}#/definitions/EmbeddedTask` };
const PIPELINE_SPEC = { $ref: `${BASE}${PIPELINE}#/properties/spec` };

/** Tekton `pod.Template` fields that keep unknown fields, under `prefix`. */
function podTemplate(prefix: string): Record<string, Schema> {
  return {
    [`${prefix}.affinity`]: core('Affinity'),
    [`${prefix}.securityContext`]: core('PodSecurityContext'),
    [`${prefix}.volumes`]: VOLUMES,
  };
}

/** An EmbeddedTask (Pipeline `tasks[].taskSpec`): a TaskSpec plus type meta, labels/annotations and a raw `spec` for custom tasks. */
function embeddedTask(taskSpec: Schema): Schema {
  const stringMap = { type: 'object', additionalProperties: { type: 'string' } };
  const schema = structuredClone(taskSpec);
  Object.assign(schema.properties, {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: { type: 'object', properties: { labels: stringMap, annotations: stringMap }, additionalProperties: false },
    spec: { 'type': 'object', 'x-kubernetes-preserve-unknown-fields': true },
  });
  return schema;
}

interface CrdSource {
  /** CRD file below schemas/. */
  readonly file: string;
  /** Other CRD schemas (`group/version/Kind`) this one refers to; registered first. */
  readonly uses?: string[];
  /** Fields kept with `x-kubernetes-preserve-unknown-fields`, by data path (`[]` = array items), and the schema to check them with. */
  readonly embedded?: Record<string, Schema>;
  /** `required` entries to drop, by data path: false positives of the CRD. */
  readonly notRequired?: Record<string, string[]>;
  /** Schemas to keep in `definitions`, built from the finished CRD schema, for other schemas to refer to. */
  readonly definitions?: (schema: Schema) => Record<string, Schema>;
}

/** Custom resources, by `apiVersion/kind`. */
const CRDS = new Map<string, CrdSource>([
  [TASK, {
    file: 'tekton/300-task.json',
    embedded: { 'spec.volumes': VOLUMES },
    // WorkspaceUsage.mountPath has no `omitempty` in Go, so controller-gen marks it required although it is optional.
    notRequired: {
      'spec.steps[].workspaces[]': ['mountPath'],
      'spec.sidecars[].workspaces[]': ['mountPath'],
    },
    definitions: (schema) => ({ EmbeddedTask: embeddedTask(schema.properties.spec) }),
  }],
  [PIPELINE, {
    file: 'tekton/300-pipeline.json',
    uses: [TASK],
    embedded: {
      'spec.tasks[].taskSpec': EMBEDDED_TASK,
      'spec.finally[].taskSpec': EMBEDDED_TASK,
      'spec.tasks[].pipelineSpec': PIPELINE_SPEC,
      'spec.finally[].pipelineSpec': PIPELINE_SPEC,
    },
  }],
  ['tekton.dev/v1/PipelineRun', {
    file: 'tekton/300-pipelinerun.json',
    uses: [PIPELINE],
    embedded: {
      'spec.pipelineSpec': PIPELINE_SPEC,
      'spec.workspaces[].volumeClaimTemplate': core('PersistentVolumeClaim'),
      ...podTemplate('spec.taskRunTemplate.podTemplate'),
      ...podTemplate('spec.taskRunSpecs[].podTemplate'),
    },
  }],
  ['tekton.dev/v1/TaskRun', {
    file: 'tekton/300-taskrun.json',
    uses: [TASK],
    embedded: {
      'spec.taskSpec': TASK_SPEC,
      'spec.workspaces[].volumeClaimTemplate': core('PersistentVolumeClaim'),
      ...podTemplate('spec.podTemplate'),
    },
  }],
  ['tekton.dev/v1alpha1/VerificationPolicy', { file: 'tekton/300-verificationpolicy.json' }],
  ['tekton.dev/v1beta1/StepAction', { file: 'tekton/300-stepaction.json' }],
  ['secrets-store.csi.x-k8s.io/v1/SecretProviderClass', { file: 'csi/secrets-store.csi.x-k8s.io_secretproviderclasses.json' }],
]);

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv, ['int32', 'int64', 'date-time', 'byte']);
// IntOrString strings are free-form (port names, percentages); quantities carry their own `pattern`.
ajv.addFormat('int-or-string', true);

/** Schemas added to ajv (after the strict transformation), by id: a k8s document path or `group/version/Kind`. */
const registered = new Map<string, Schema>();
/** Validators by `apiVersion kind`; undefined when there is no reference schema. */
const validators = new Map<string, ValidateFunction | undefined>();

/**
 * Adds `additionalProperties: false` to every object schema with `properties` that neither sets
 * `additionalProperties` nor keeps unknown fields, like `kubectl --validate=strict`. Mutates `schema`.
 */
function makeStrict(schema: Schema | undefined): void {
  if (!schema || typeof schema !== 'object') return;
  if (schema.properties) {
    if (schema.additionalProperties === undefined && !schema['x-kubernetes-preserve-unknown-fields']) {
      schema.additionalProperties = false;
    }
    Object.values(schema.properties).forEach((s) => makeStrict(s as Schema));
  }
  if (typeof schema.additionalProperties === 'object') makeStrict(schema.additionalProperties);
  makeStrict(schema.items);
  makeStrict(schema.not);
  for (const key of ['allOf', 'anyOf', 'oneOf']) (schema[key] ?? []).forEach(makeStrict);
}

/** The sub-schema at a data path such as `spec.tasks[].taskSpec`; throws when the schema has none. */
function schemaAt(root: Schema, dataPath: string): Schema {
  let node: Schema | undefined = root;
  for (const part of dataPath.split('.')) {
    node = node?.properties?.[part.replace(/\[\]$/, '')];
    if (part.endsWith('[]')) node = node?.items;
  }
  if (!node) throw new Error(`reference schema ${root.$id} has no ${dataPath}`);
  return node;
}

/** A Kubernetes OpenAPI document reduced to its schemas; their `$ref`s (`#/components/schemas/...`) stay relative to it. */
function k8sDocSchema(file: string): Schema {
  const schemas: Record<string, Schema> = readSchemaFile(file).components.schemas;
  Object.values(schemas).forEach(makeStrict);
  return { $id: BASE + file, components: { schemas } };
}

/** The strict schema of one CRD version, with ObjectMeta as metadata and the embedded specs checked. */
function crdSchema(id: string, source: CrdSource): Schema {
  const [group, version, kind] = id.split('/');
  const crd = readSchemaFile(source.file);
  if (crd.spec.group !== group || crd.spec.names.kind !== kind) throw new Error(`${source.file} does not define ${id}`);
  const schema = { $id: BASE + id, ...crd.spec.versions.find((v: Schema) => v.name === version).schema.openAPIV3Schema };
  makeStrict(schema);
  schema.properties.metadata = OBJECT_META;
  for (const [dataPath, embedded] of Object.entries(source.embedded ?? {})) {
    const node = schemaAt(schema, dataPath);
    Object.keys(node).forEach((key) => delete node[key]);
    Object.assign(node, embedded);
  }
  for (const [dataPath, names] of Object.entries(source.notRequired ?? {})) {
    const node = schemaAt(schema, dataPath);
    node.required = node.required.filter((name: string) => !names.includes(name));
  }
  if (source.definitions) schema.definitions = source.definitions(schema);
  return schema;
}

/** Adds a k8s document or CRD schema (after the schemas it refers to) to ajv unless already done; returns it. */
function register(id: string): Schema {
  let schema = registered.get(id);
  if (!schema) {
    const crd = CRDS.get(id);
    if (crd) {
      [CORE_DOC, ...crd.uses ?? []].forEach(register);
      schema = crdSchema(id, crd);
    } else {
      schema = k8sDocSchema(id);
    }
    ajv.addSchema(schema);
    registered.set(id, schema);
  }
  return schema;
}

/** The validator of a CRD or of the Kubernetes schema whose `x-kubernetes-group-version-kind` matches. */
function compileFor(apiVersion: string, kind: string): ValidateFunction | undefined {
  const crd = `${apiVersion}/${kind}`;
  if (CRDS.has(crd)) {
    register(crd);
    return ajv.getSchema(BASE + crd);
  }
  const docs = K8S_DOCS.get(apiVersion);
  if (!docs) return undefined;
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  for (const doc of docs) {
    const schemas: Record<string, Schema> = register(doc).components.schemas;
    const name = Object.keys(schemas).find((n) => (schemas[n]['x-kubernetes-group-version-kind'] ?? [])
      .some((gvk: Schema) => gvk.group === group && gvk.version === version && gvk.kind === kind));
    if (name) return ajv.getSchema(`${BASE}${doc}#/components/schemas/${name}`);
  }
  return undefined;
}

/** The validator for an apiVersion and kind, compiled once; undefined when no reference schema covers them. */
function validatorFor(apiVersion: string, kind: string): ValidateFunction | undefined {
  const key = `${apiVersion} ${kind}`;
  if (!validators.has(key)) validators.set(key, compileFor(apiVersion, kind));
  return validators.get(key);
}

/** One error: JSON pointer (to the unknown field itself for `additionalProperties`) and ajv's message. */
function formatError(error: ErrorObject): string {
  let pointer = error.instancePath;
  if (error.keyword === 'additionalProperties') {
    pointer += '/' + String(error.params.additionalProperty).replace(/~/g, '~0').replace(/\//g, '~1');
  }
  return `${pointer || '(root)'}: ${error.message}`;
}

/**
 * Validates one manifest strictly against its reference schema.
 * Returns an empty array when valid, else one line per error: `Kind/name /json/pointer: message`.
 */
export function validateManifest(obj: any): string[] {
  const id = `${obj?.kind ?? '<no kind>'}/${obj?.metadata?.name ?? '<no name>'}`;
  const validate = validatorFor(obj?.apiVersion, obj?.kind);
  if (!validate) return [`${id}: no reference schema for ${obj?.apiVersion} ${obj?.kind}`];
  if (validate(obj)) return [];
  return (validate.errors ?? []).map((error) => `${id} ${formatError(error)}`);
}

/** Jest expectation that all manifests (e.g. `Testing.synth(chart)`) are valid; on failure it lists every error. */
export function expectValidManifests(objs: any[]): void {
  expect(objs.flatMap(validateManifest)).toEqual([]);
}
