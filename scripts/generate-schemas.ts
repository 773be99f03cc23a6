/**
 * Writes schemas/ (`npx projen schemas`): structure-only copies of the upstream schemas and
 * config data the tests and `npx projen import` read, so that nothing outside the repository
 * is needed to build or test it.
 *
 * This is the only code that reads the reference folder: ../shared/reference beside the
 * repository, or the folder named by $SECURE_TEKTON_REFERENCE. Each output keeps field names,
 * types, `required`, enums, formats, patterns, defaults, items/additionalProperties, `$ref`s and
 * the `x-kubernetes-*` extensions; every `description`, `title` and example is dropped.
 * Output is deterministic: object keys sorted, two-space JSON, one trailing newline.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

type Json = any;

export const SCHEMAS_DIR = path.resolve(__dirname, '..', 'schemas');

/** Environment variable naming the reference folder, instead of ../shared/reference. */
export const REFERENCE_ENV = 'SECURE_TEKTON_REFERENCE';

/** The reference folder: $SECURE_TEKTON_REFERENCE, else ../shared/reference beside the repository. */
export function referenceDir(): string {
  const fromEnv = process.env[REFERENCE_ENV];
  return fromEnv ? path.resolve(fromEnv) : path.resolve(__dirname, '..', '..', 'shared', 'reference');
}

/** Where a source file comes from. */
interface Origin {
  /** Repository the exact file was taken from. */
  readonly project: string;
  /** Tag or branch. */
  readonly version: string;
  readonly commit: string;
}

const TEKTON: Origin = { project: 'tektoncd/pipeline', version: 'v1.15.0', commit: '70f730815249a12aa725266fba7f3ff39653aaea' };
const CSI: Origin = { project: 'kubernetes-sigs/secrets-store-csi-driver', version: 'v1.6.0', commit: '4960f9637c51ad9cb9ef264481bc6d9a98bf1f1c' };
/** Kubernetes' api/openapi-spec/v3 documents, as vendored unchanged by kubectl-validate. */
const K8S_128: Origin = { project: 'kubernetes-sigs/kubectl-validate', version: 'Kubernetes release-1.28', commit: 'a97ccfaca20b164819afdae780392496f6ed6bbd' };
const K8S_130: Origin = { ...K8S_128, version: 'Kubernetes release-1.30' };

interface Source {
  /** Output path below schemas/. */
  readonly out: string;
  /** Source path below the reference folder (or, with `fromTektonModule`, below the Go module's root). */
  readonly file: string;
  /**
   * Read from the Go module `github.com/tektoncd/pipeline` at the version conformance/go.mod
   * pins (the same release as the reference folder's Tekton files), in the Go module cache:
   * for CRDs the reference folder does not hold.
   */
  readonly fromTektonModule?: boolean;
  readonly origin: Origin;
  /** Path of the file in the origin repository. */
  readonly upstreamPath: string;
  /** The structure-only document written to `out`. */
  readonly convert: (text: string, file: string) => Json;
}

/** Keywords holding prose; dropped from every schema. */
const PROSE = new Set(['description', 'title', 'example', 'examples', 'externalDocs', '$comment']);
/** Keywords whose value is a map of name to schema. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs']);
/** Keywords whose value is a schema, a list of schemas or a boolean. */
const SCHEMA_VALUES = new Set(['items', 'additionalItems', 'additionalProperties', 'not', 'allOf', 'anyOf', 'oneOf']);

function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A (JSON Schema or OpenAPI) schema without its prose. Property names are kept as they are,
 * so a field called `description` stays; only the `description` keyword of a schema goes.
 */
export function structureOnly(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(structureOnly);
  if (!isObject(schema)) return schema;
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (PROSE.has(key)) continue;
    if (SCHEMA_MAPS.has(key) && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, s]) => [name, structureOnly(s)]));
    } else if (SCHEMA_VALUES.has(key)) {
      out[key] = structureOnly(value);
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** The one YAML document of `kind` in `text`. */
function onlyDocument(text: string, file: string, kind: string): Json {
  const docs = parseAllDocuments(text).map((d) => d.toJS()).filter((d) => d !== null && d !== undefined);
  if (docs.length !== 1 || docs[0].kind !== kind) throw new Error(`${file}: expected exactly one ${kind}`);
  return docs[0];
}

/**
 * A CustomResourceDefinition without prose: the schemas of the versions kept (all when
 * `versions` is not given) stripped of descriptions, printer columns without their descriptions,
 * no deprecation warnings. Everything else (names, scope, conversion, subresources, labels) stays.
 */
function crd(versions?: string[]) {
  return (text: string, file: string): Json => {
    const doc = onlyDocument(text, file, 'CustomResourceDefinition');
    const kept = doc.spec.versions.filter((v: Json) => !versions || versions.includes(v.name));
    if (versions && kept.length !== versions.length) throw new Error(`${file}: expected versions ${versions.join(', ')}`);
    doc.spec.versions = kept.map((v: Json) => {
      const { deprecationWarning: _warning, ...version } = v;
      if (version.schema) version.schema = { ...version.schema, openAPIV3Schema: structureOnly(version.schema.openAPIV3Schema) };
      if (version.additionalPrinterColumns) {
        version.additionalPrinterColumns = version.additionalPrinterColumns.map(({ description: _d, ...column }: Json) => column);
      }
      return version;
    });
    return doc;
  };
}

/** A ConfigMap's identity and data: its keys and default values, without the comments. */
function configMap(text: string, file: string): Json {
  const { apiVersion, kind, metadata, data } = onlyDocument(text, file, 'ConfigMap');
  return { apiVersion, kind, metadata, data };
}

const SCHEMA_REF = '#/components/schemas/';

/** The component names that `schema` refers to. */
function refsOf(schema: Json, into: string[] = []): string[] {
  if (Array.isArray(schema)) {
    schema.forEach((s) => refsOf(s, into));
  } else if (isObject(schema)) {
    for (const [key, value] of Object.entries(schema)) {
      if (key === '$ref' && typeof value === 'string') {
        if (!value.startsWith(SCHEMA_REF)) throw new Error(`unexpected $ref ${value}`);
        into.push(value.slice(SCHEMA_REF.length));
      } else {
        refsOf(value, into);
      }
    }
  }
  return into;
}

/**
 * A Kubernetes OpenAPI v3 document reduced to the component schemas reachable from `roots`
 * (component names), without prose and without paths.
 */
function openApi(roots: string[]) {
  return (text: string, file: string): Json => {
    const doc = JSON.parse(text);
    const all: Record<string, Json> = doc.components.schemas;
    const kept = new Set<string>();
    const queue = [...roots];
    while (queue.length > 0) {
      const name = queue.pop()!;
      if (kept.has(name)) continue;
      if (!all[name]) throw new Error(`${file}: no component schema ${name}`);
      kept.add(name);
      queue.push(...refsOf(all[name]));
    }
    return {
      openapi: doc.openapi,
      components: { schemas: Object.fromEntries([...kept].sort().map((name) => [name, structureOnly(all[name])])) },
    };
  };
}

const CORE = 'io.k8s.api.core.v1.';
const ADMISSION = 'io.k8s.api.admissionregistration.';

/**
 * Everything written to schemas/. The Kubernetes roots are the kinds the tests validate
 * (test/helpers/schema.ts looks them up by `x-kubernetes-group-version-kind`) and the core
 * schemas it checks Tekton's embedded fields with (ObjectMeta, Volume, Affinity,
 * PodSecurityContext, PersistentVolumeClaim). To validate another kind, add it here and run
 * `npx projen schemas`.
 */
const SOURCES: Source[] = [
  ...['300-task', '300-taskrun', '300-pipeline', '300-pipelinerun', '300-verificationpolicy'].map((name) => ({
    out: `tekton/${name}.json`,
    file: `tekton/${name}.yaml`,
    origin: TEKTON,
    upstreamPath: `config/300-crds/${name}.yaml`,
    convert: crd(),
  })),
  {
    out: 'tekton/300-stepaction.json',
    file: 'config/300-crds/300-stepaction.yaml',
    fromTektonModule: true,
    origin: TEKTON,
    upstreamPath: 'config/300-crds/300-stepaction.yaml',
    convert: crd(),
  },
  {
    out: 'tekton/config-feature-flags.json',
    file: 'tekton/config-feature-flags.yaml',
    origin: TEKTON,
    upstreamPath: 'config/config-feature-flags.yaml',
    convert: configMap,
  },
  {
    out: 'csi/secrets-store.csi.x-k8s.io_secretproviderclasses.json',
    file: 'csi/secrets-store.csi.x-k8s.io_secretproviderclasses.yaml',
    origin: CSI,
    upstreamPath: 'deploy/secrets-store.csi.x-k8s.io_secretproviderclasses.yaml',
    convert: crd(['v1']),
  },
  {
    out: 'k8s/1.28/api/v1.json',
    file: 'k8s/1.28/api/v1.json',
    origin: K8S_128,
    upstreamPath: 'pkg/openapiclient/builtins/1.28/api/v1.json',
    convert: openApi([
      ...['ConfigMap', 'Namespace', 'Secret', 'ServiceAccount'].map((kind) => CORE + kind),
      ...['Affinity', 'PersistentVolumeClaim', 'PodSecurityContext', 'Volume'].map((name) => CORE + name),
      'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta',
    ]),
  },
  {
    out: 'k8s/1.28/apis/rbac.authorization.k8s.io/v1.json',
    file: 'k8s/1.28/apis/rbac.authorization.k8s.io/v1.json',
    origin: K8S_128,
    upstreamPath: 'pkg/openapiclient/builtins/1.28/apis/rbac.authorization.k8s.io/v1.json',
    convert: openApi(['io.k8s.api.rbac.v1.Role', 'io.k8s.api.rbac.v1.RoleBinding']),
  },
  {
    out: 'k8s/1.28/apis/networking.k8s.io/v1.json',
    file: 'k8s/1.28/apis/networking.k8s.io/v1.json',
    origin: K8S_128,
    upstreamPath: 'pkg/openapiclient/builtins/1.28/apis/networking.k8s.io/v1.json',
    convert: openApi(['io.k8s.api.networking.v1.NetworkPolicy']),
  },
  {
    out: 'k8s/1.28/apis/admissionregistration.k8s.io/v1beta1.json',
    file: 'k8s/1.28/apis/admissionregistration.k8s.io/v1beta1.json',
    origin: K8S_128,
    upstreamPath: 'pkg/openapiclient/builtins/1.28/apis/admissionregistration.k8s.io/v1beta1.json',
    convert: openApi([`${ADMISSION}v1beta1.ValidatingAdmissionPolicy`, `${ADMISSION}v1beta1.ValidatingAdmissionPolicyBinding`]),
  },
  {
    out: 'k8s/1.30/apis/admissionregistration.k8s.io/v1.json',
    file: 'k8s/1.30/apis/admissionregistration.k8s.io/v1.json',
    origin: K8S_130,
    upstreamPath: 'pkg/openapiclient/builtins/1.30/apis/admissionregistration.k8s.io/v1.json',
    convert: openApi([`${ADMISSION}v1.ValidatingAdmissionPolicy`, `${ADMISSION}v1.ValidatingAdmissionPolicyBinding`]),
  },
];

/** `value` with the keys of every object sorted (arrays keep their order). */
function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys(value[key])]));
}

function toJson(value: Json): string {
  return JSON.stringify(sortKeys(value), null, 2) + '\n';
}

function sha256(data: Buffer): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

/** The row columns of the table in schemas/README.md. */
export const README_COLUMNS = ['file', 'generated from', 'project', 'version', 'commit', 'upstream path', 'source sha256'];

function readme(rows: string[][]): string {
  return [
    '# schemas/',
    '',
    '<!-- Generated by `npx projen schemas` (scripts/generate-schemas.ts): do not edit. -->',
    '',
    'Structure-only copies of the upstream schemas and config data that the tests validate against and',
    '`npx projen import` generates src/imports/ from. They keep field names, types, `required`, enums,',
    'formats, patterns, defaults, `items`/`additionalProperties`, `$ref`s and the `x-kubernetes-*`',
    'extensions. Every `description`, `title` and example is removed; comments in the YAML sources are not carried over.',
    '',
    '* CRDs (`tekton/300-*.json`, `csi/*.json`): the whole CustomResourceDefinition, as JSON.',
    '  The SecretProviderClass CRD keeps only its `v1` version.',
    '* Kubernetes OpenAPI v3 documents (`k8s/`): only the component schemas reachable from the kinds the',
    '  tests validate and the core schemas test/helpers/schema.ts refers to; `paths` and `info` are dropped.',
    '* `tekton/config-feature-flags.json`: the `feature-flags` ConfigMap (name, namespace, labels, and every',
    '  flag with its default value).',
    '',
    '`tekton/300-stepaction.json` comes from the Go module `github.com/tektoncd/pipeline` at the version',
    'conformance/go.mod pins (the same release), as the Go module cache holds it (`go mod download` in conformance/);',
    `its "generated from" starts with \`${GO_MODULE_CACHE}\`, the path below the cache.`,
    '',
    'All sources are licensed Apache-2.0. "generated from" is the source\'s path in the reference folder and',
    '"source sha256" the SHA-256 of that exact file. The Kubernetes documents are kubernetes/kubernetes',
    '`api/openapi-spec/v3/*_openapi.json` from the branch named, stored unchanged by kubectl-validate under',
    'its own file names; their commit and path are kubectl-validate\'s.',
    '',
    `| ${README_COLUMNS.join(' | ')} |`,
    `|${README_COLUMNS.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
    '## Regenerating',
    '',
    'Put the reference folder at `../shared/reference` beside the repository (or point',
    `\`${REFERENCE_ENV}\` at it) and run \`npx projen schemas\`, then \`npx projen import\` if a CRD changed.`,
    'test/helpers/schemas-current.test.ts checks that schemas/ equals a fresh regeneration whenever the',
    'reference folder is present.',
    '',
  ].join('\n');
}

/** The Go module cache's copy of `github.com/tektoncd/pipeline` at the version conformance/go.mod pins. */
export function tektonModuleDir(): string {
  const goMod = fs.readFileSync(path.resolve(__dirname, '..', 'conformance', 'go.mod'), 'utf8');
  const version = /github\.com\/tektoncd\/pipeline\s+(v[0-9][^\s]*)/.exec(goMod)?.[1];
  if (!version) throw new Error('conformance/go.mod does not require github.com/tektoncd/pipeline');
  return path.join(goModuleCache(), 'github.com', 'tektoncd', `pipeline@${version}`);
}

/** The Go module cache: $GOMODCACHE, else $GOPATH/pkg/mod (GOPATH defaulting to ~/go). */
function goModuleCache(): string {
  return process.env.GOMODCACHE || path.join(process.env.GOPATH || path.join(os.homedir(), 'go'), 'pkg', 'mod');
}

/** How schemas/README.md names a source read from the Go module cache. */
export const GO_MODULE_CACHE = 'go-module-cache:';

/** The file a "generated from" entry of schemas/README.md names: below the reference folder or in the Go module cache. */
export function generatedFromPath(generatedFrom: string, reference: string = referenceDir()): string {
  if (!generatedFrom.startsWith(GO_MODULE_CACHE)) return path.join(reference, generatedFrom);
  return path.join(goModuleCache(), generatedFrom.slice(GO_MODULE_CACHE.length));
}

/** Where a source is read from. */
function sourcePath(source: Source, reference: string): string {
  if (!source.fromTektonModule) return path.join(reference, source.file);
  const file = path.join(tektonModuleDir(), source.file);
  if (!fs.existsSync(file)) throw new Error(`${file} not found: run \`go mod download\` in conformance/ first`);
  return file;
}

/** Every file of schemas/ (README.md included), by path below schemas/, generated from `reference`. */
export function generateSchemas(reference: string = referenceDir()): Map<string, string> {
  if (!fs.existsSync(reference)) {
    throw new Error(`reference folder not found at ${reference}: put it at ../shared/reference or set ${REFERENCE_ENV}`);
  }
  const files = new Map<string, string>();
  const rows: string[][] = [];
  for (const source of SOURCES) {
    const data = fs.readFileSync(sourcePath(source, reference));
    files.set(source.out, toJson(source.convert(data.toString('utf8'), source.file)));
    const { project, version, commit } = source.origin;
    const from = source.fromTektonModule ? `${GO_MODULE_CACHE}github.com/tektoncd/pipeline@${version}/${source.file}` : source.file;
    rows.push([source.out, from, project, version, commit, source.upstreamPath, sha256(data)].map((cell) => `\`${cell}\``));
  }
  files.set('README.md', readme(rows));
  return files;
}

/** Replaces `outDir` with exactly `files`. */
export function writeSchemas(files: Map<string, string>, outDir: string = SCHEMAS_DIR): void {
  fs.rmSync(outDir, { recursive: true, force: true });
  for (const [file, content] of files) {
    const target = path.join(outDir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
}

if (require.main === module) {
  const outDir = process.argv[2] ? path.resolve(process.argv[2]) : SCHEMAS_DIR;
  const files = generateSchemas();
  writeSchemas(files, outDir);
  const bytes = [...files.values()].reduce((sum, content) => sum + Buffer.byteLength(content), 0);
  console.log(`wrote ${files.size} files (${bytes} bytes) to ${path.relative(process.cwd(), outDir) || '.'}`);
}
