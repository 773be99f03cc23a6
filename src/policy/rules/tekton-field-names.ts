import { isPipelineLoop } from '../../private/containers';
import { DECODED_SHAPES, FieldTree, TEKTON_SPEC_FIELDS } from '../../private/field-names';
import { mapValues } from '../../private/field-walk';
import { goJsonField } from '../../private/go-json';
import { ownKey } from '../../private/own';
import { DROPPED_BY_CONVERSION, tektonSpecFields, writtenForm } from '../../private/stored-form';
import { jsString } from '../../private/text';
import { Severity } from '../rule';
import { manifestRule, Problem } from '../rule-builders';
import { RuleId } from '../rule-id';

/** The tree of a manifest's `spec` fields, when it is a Tekton kind and version the schemas know. */
function specFields(manifest: any): FieldTree | undefined {
  // no apiVersion: read as the version the rules read it as (the API server refuses it)
  return tektonSpecFields(manifest, (kind) => (kind === 'StepAction' ? 'v1beta1' : 'v1'));
}

function isObject(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;
const step = (at: string, key: string | number): string =>
  typeof key === 'number' ? `${at}[${key}]` : IDENTIFIER.test(key) ? `${at}.${key}` : `${at}[${JSON.stringify(key)}]`;

/**
 * Where a field of one version of Tekton's API is named otherwise in the other, by the shape
 * (a kind's spec at a version) and the path of the key in it (`[]` for list items): the name to
 * write instead, beside the key unless it starts with `spec.`.
 */
const RENAMED: Readonly<Record<string, string>> = {
  'v1/PipelineRun:podTemplate': 'spec.taskRunTemplate.podTemplate',
  'v1/PipelineRun:serviceAccountName': 'spec.taskRunTemplate.serviceAccountName',
  'v1/PipelineRun:timeout': 'spec.timeouts.pipeline',
  'v1/PipelineRun:taskRunSpecs[].taskPodTemplate': 'podTemplate',
  'v1/PipelineRun:taskRunSpecs[].taskServiceAccountName': 'serviceAccountName',
  'v1/PipelineRun:taskRunSpecs[].stepOverrides': 'stepSpecs',
  'v1/PipelineRun:taskRunSpecs[].sidecarOverrides': 'sidecarSpecs',
  'v1/TaskRun:stepOverrides': 'stepSpecs',
  'v1/TaskRun:sidecarOverrides': 'sidecarSpecs',
  'v1/Task:steps[].resources': 'computeResources',
  'v1/Task:sidecars[].resources': 'computeResources',
  'v1/Task:stepTemplate.resources': 'computeResources',
  'v1beta1/PipelineRun:taskRunTemplate': 'spec.podTemplate and spec.serviceAccountName',
  'v1beta1/PipelineRun:taskRunSpecs[].podTemplate': 'taskPodTemplate',
  'v1beta1/PipelineRun:taskRunSpecs[].serviceAccountName': 'taskServiceAccountName',
  'v1beta1/PipelineRun:taskRunSpecs[].stepSpecs': 'stepOverrides',
  'v1beta1/PipelineRun:taskRunSpecs[].sidecarSpecs': 'sidecarOverrides',
  'v1beta1/TaskRun:stepSpecs': 'stepOverrides',
  'v1beta1/TaskRun:sidecarSpecs': 'sidecarOverrides',
  'v1beta1/Task:steps[].computeResources': 'resources',
  'v1beta1/Task:sidecars[].computeResources': 'resources',
  'v1beta1/Task:stepTemplate.computeResources': 'resources',
};

/**
 * The field that names the object of a volume source (or workspace binding) that has no `name`: a Secret's (`secretName`,
 * Kubernetes' SecretVolumeSource) or a claim's (`claimName`, PersistentVolumeClaimVolumeSource).
 */
const SOURCE_NAME_FIELDS = ['secretName', 'claimName'];

/** Whether `key` at `place` is a v1beta1 pipeline task's field that Tekton's conversion to v1 (the stored version) drops. */
function droppedByConversion(place: Place, key: string): boolean {
  return DROPPED_BY_CONVERSION.includes(key) && renameShape(place.shape) === 'v1beta1/Pipeline' && /^(tasks|finally)\[\]$/.test(relText(place.rel));
}

/** Whether `key` at `place` is the `bundle` of a v1beta1 `taskRef` or `pipelineRef`, which Tekton v1.15 refuses on create and its conversion to v1 drops. */
function refusedBundle(place: Place, key: string): boolean {
  return key === 'bundle' && renameShape(place.shape).startsWith('v1beta1/') && /(^|\.)(taskRef|pipelineRef)$/.test(relText(place.rel));
}

/** The shape RENAMED knows a decoded node by (an embedded Task spec is a Task's). */
function renameShape(shape: string): string {
  let renamed = RENAME_SHAPES.get(shape);
  if (renamed === undefined) {
    const m = /^(TaskSpec|EmbeddedTask|PipelineSpec)@(.+)$/.exec(shape);
    renamed = m ? `${m[2]}/${m[1] === 'PipelineSpec' ? 'Pipeline' : 'Task'}` : shape;
    RENAME_SHAPES.set(shape, renamed);
  }
  return renamed;
}

/** `renameShape` of each shape asked for (a few dozen shapes, asked for at every key walked). */
const RENAME_SHAPES = new Map<string, string>();

/** A path in the object, written out only for a finding: the path to the parent, and one key (`ITEM` in `Place.rel` for any list item). */
interface Path {
  readonly parent?: Path;
  readonly key: string | number;
}
const ITEM = -1;

/** The path as findings write it: `spec.steps[0].image`. */
function pathText(p: Path): string {
  return p.parent === undefined ? jsString(p.key) : step(pathText(p.parent), p.key);
}

/** The path in the shape as RENAMED writes it: `taskRunSpecs[].podTemplate`. */
function relText(p: Path | undefined): string {
  if (p === undefined) return '';
  const parent = relText(p.parent);
  return p.key === ITEM ? `${parent}[]` : parent === '' ? jsString(p.key) : `${parent}.${p.key}`;
}

/** Where the walk is: the shape being read (a kind's spec or a decoded type) and the path in it. */
interface Place {
  readonly at: Path;
  /** Whether the node lies where the API server keeps unknown keys (Tekton's webhook decodes them). */
  readonly decoded: boolean;
  readonly shape: string;
  /** The path in the shape (undefined at its root). */
  readonly rel?: Path;
  /** What the object is called in messages, e.g. `tekton.dev/v1 PipelineRun`. */
  readonly object: string;
  /**
   * Who decodes the node where `decoded`, and whether it refuses unknown keys (else it drops them).
   * @default - Tekton's webhook, which refuses them
   */
  readonly decoder?: Decoder;
}

/** Who decodes a node with Go's encoding/json: its name in messages, and whether unknown keys are refused. */
interface Decoder {
  readonly name: string;
  readonly refuses: boolean;
}

/**
 * A PipelineLoop object (kfp-tekton): its CRD keeps every key, and its webhook decodes the whole spec into the Go type with
 * unknown fields disallowed (knative's validation and defaulting admission controllers).
 */
const LOOP_WEBHOOK: Decoder = { name: "kfp-tekton's PipelineLoop webhook", refuses: true };
/**
 * A PipelineLoop embedded as a pipeline task's custom task spec: Tekton hands its `spec` on as raw JSON, and the loop's
 * controller decodes it with `json.Unmarshal` (getPipelineLoop), which drops unknown keys.
 */
const LOOP_CONTROLLER: Decoder = { name: "kfp-tekton's PipelineLoop controller", refuses: false };

/** kfp-tekton's PipelineLoopSpec (pipelineloop_types.go), its Tekton types as v1's. */
const LOOP_SPEC_FIELDS: FieldTree = (() => {
  const run = TEKTON_SPEC_FIELDS['v1/PipelineRun'] as Record<string, any>;
  return {
    pipelineRef: run.pipelineRef,
    pipelineSpec: 'PipelineSpec@v1',
    iterateParam: 0,
    iterateParamStringSeparator: 0,
    iterationNumberParam: 0,
    iterateNumeric: 0,
    timeout: 0,
    parallelism: 0,
    retries: 0,
    podTemplate: run.taskRunTemplate.podTemplate,
    serviceAccountName: 0,
    workspaces: run.workspaces,
    taskRunSpecs: run.taskRunSpecs,
  };
})();

/** The apiVersion and kind of a PipelineLoop in messages. */
const LOOP_OBJECT = 'custom.tekton.dev PipelineLoop';

/** The place of a node under `place`'s node, at `at` (`rel` in the shape). */
function inside(place: Place, at: Path, rel: Path): Place {
  return { at, decoded: place.decoded, shape: place.shape, rel, object: place.object, ...(place.decoder ? { decoder: place.decoder } : {}) };
}

/** The name of who decodes the place's node, and whether it refuses unknown keys. */
const decoderOf = (place: Place): Decoder => place.decoder ?? { name: "Tekton's webhook", refuses: true };

/** The decoded shapes that are lists (a Task's and a pod template's `volumes`); every other one is an object. */
const LIST_SHAPES: ReadonlySet<string> = new Set(['core.Volume']);

/** What a decoded shape is, for messages: `a pipeline spec`, `a list of Volumes`. */
function shapeName(shape: string): string {
  const name = shape.replace(/@.*$/, '').replace(/^core\./, '');
  if (LIST_SHAPES.has(shape)) return `a list of ${name}s`;
  return name === 'PipelineSpec' ? 'a pipeline spec' : name === 'EmbeddedTask' || name === 'TaskSpec' ? 'a task spec' : `a ${name}`;
}

/**
 * Whether `node`, where Tekton's webhook decodes the Go type `shape`, is of another JSON type (a list where an object
 * is decoded, or the reverse, or a scalar): Go's encoding/json cannot decode it, so the webhook refuses the object,
 * and its content is not walked (its keys are no fields of anything).
 */
function wrongType(node: unknown, shape: string, place: Place, out: Problem[]): boolean {
  const list = LIST_SHAPES.has(shape);
  if (list ? Array.isArray(node) : isObject(node)) return false;
  const written = Array.isArray(node) ? 'a list' : isObject(node) ? 'a mapping' : `a ${typeof node}`;
  const where = pathText(place.at);
  out.push({
    property: where,
    value: written.replace(/^an? /, ''),
    problem: `is the wrong JSON type: ${decoderOf(place).name} decodes ${shapeName(shape)} from it, and Go's JSON decoding cannot turn ${written} `
      + `into one, so ${decoderOf(place).refuses ? `the webhook refuses the ${place.object}` : 'the loop\'s CustomRun fails'}`,
    fix: `Write ${where} as ${list ? 'a list of mappings' : 'one mapping of its fields'}; this rule cannot be relaxed.`,
  });
  return true;
}

/**
 * The keys under `node` that are not the field the other rules read: spelled otherwise where
 * Tekton's webhook decodes them as the field, unknown where the webhook refuses them, and
 * any key the API server prunes.
 */
type Seen = WeakMap<object, Set<FieldTree>>;
function misspelled(node: unknown, tree: FieldTree, place: Place, out: Problem[], seen: Seen = new WeakMap()): void {
  if (typeof tree === 'string' && node !== null && node !== undefined && wrongType(node, tree, place, out)) return;
  if (tree === 0 || node === null || typeof node !== 'object') return;
  // an object reached again along the same tree (a JavaScript cycle, a shared subtree) is walked once
  const trees = seen.get(node) ?? new Set<FieldTree>();
  if (trees.has(tree)) return;
  seen.set(node, trees.add(tree));
  if (typeof tree === 'string') {
    const shape = DECODED_SHAPES[tree];
    if (shape === undefined) return;
    const decoder = place.decoder ? { decoder: place.decoder } : {};
    misspelled(node, shape, { at: place.at, decoded: true, shape: tree, object: place.object, ...decoder }, out, seen);
    // a pipeline task's custom task spec that is a PipelineLoop: its controller decodes the spec as a PipelineLoopSpec
    if (tree.startsWith('EmbeddedTask@') && isPipelineLoop(node)) {
      const at = { parent: place.at, key: 'spec' };
      misspelled(node.spec, LOOP_SPEC_FIELDS, { at, decoded: true, shape: 'PipelineLoop', object: LOOP_OBJECT, decoder: LOOP_CONTROLLER }, out, seen);
    }
    return;
  }
  if (Array.isArray(node)) {
    const rel = { parent: place.rel, key: ITEM };
    node.forEach((item, i) => misspelled(item, tree, inside(place, { parent: place.at, key: i }, rel), out, seen));
    return;
  }
  if (!isObject(node)) return;
  const values = mapValues(tree);
  if (values !== undefined) {
    // a map (param and result `properties`): any key, each value along the map's tree
    for (const key of Object.keys(node)) misspelled(node[key], values, inside(place, { parent: place.at, key }, { parent: place.rel, key: '*' }), out, seen);
    return;
  }
  let fields: string[] | undefined;
  for (const key of Object.keys(node)) {
    if (ownKey(tree, key)) {
      if (refusedBundle(place, key)) {
        const where = step(pathText(place.at), key);
        const ref = pathText(place.at);
        out.push({
          property: where,
          value: key,
          problem: 'is refused by Tekton\'s webhook when the object is created (Tekton v1.15 no longer fetches a bundle this way) and dropped '
            + `when it converts the ${place.object} to tekton.dev/v1, the version it stores and runs`,
          fix: `Fetch the bundle with the bundles resolver: write ${ref} as { resolver: bundles, params: [{ name: bundle, value: <bundle> }, `
            + '{ name: name, value: <name> }, { name: kind, value: task or pipeline }] }; this rule cannot be relaxed.',
        });
        continue;
      }
      if (droppedByConversion(place, key)) {
        // not walked: the other rules read the object without it, as Tekton stores it
        const where = step(pathText(place.at), key);
        const kind = place.object.replace(/^\S+ /, '');
        out.push({
          property: where,
          value: key,
          problem: `is dropped when Tekton converts the ${place.object} to tekton.dev/v1, the version it stores and runs `
            + '(v1beta1 keeps neither pipelineSpec nor pipelineRef of a pipeline task): what it holds never runs, and the pipeline '
            + 'task is left with nothing to run, so every run of the pipeline fails validation',
          fix: `Write the ${kind} as tekton.dev/v1 (whose pipeline tasks keep ${key}, with v1's field names), or give the pipeline task `
            + `a taskRef or taskSpec in place of ${where}; this rule cannot be relaxed.`,
        });
        continue;
      }
      misspelled(node[key], tree[key], inside(place, { parent: place.at, key }, { parent: place.rel, key }), out, seen);
      continue;
    }
    const where = step(pathText(place.at), key);
    const rel = (name: string) => relText({ parent: place.rel, key: name });
    fields ??= Object.keys(tree);
    const field = goJsonField(key, fields);
    if (place.decoded && field !== undefined) {
      out.push({
        property: where,
        value: key,
        problem: `is decoded by ${decoderOf(place).name} as the field "${field}" (Go's JSON decoding ignores case), which is not what the other rules read`,
        fix: `Write the key as "${field}" at ${where}; this rule cannot be relaxed.`,
      });
      misspelled(node[key], tree[field], inside(place, { parent: place.at, key }, { parent: place.rel, key: field }), out, seen);
      continue;
    }
    const renamed = RENAMED[`${renameShape(place.shape)}:${rel(key)}`];
    // `secret: { name: … }` of a volume or workspace binding: Kubernetes' SecretVolumeSource names it secretName (a claim, claimName)
    const named = key === 'name' ? SOURCE_NAME_FIELDS.find((f) => fields!.includes(f)) : undefined;
    const instead = field !== undefined ? `Write the key as "${field}"`
      : named !== undefined ? `Write the key as "${named}" (the name this source takes) in place of ${where}`
        : renamed !== undefined ? `Write it as ${renamed.startsWith('spec.') ? renamed : `"${renamed}"`} (its name in ${place.object}) instead of ${where}`
          : `Remove ${where}, or write it where ${place.object} has the field`;
    out.push({
      property: where,
      value: key,
      problem: place.decoded
        ? (decoderOf(place).refuses
          ? `is not a field of ${place.object} there: ${decoderOf(place).name} refuses the object (it decodes it with unknown fields disallowed)`
          : `is not a field of ${place.object} there: ${decoderOf(place).name} drops it when it decodes the loop, so it has no effect`)
        : `is not a field of ${place.object}: the API server drops it (kubectl's strict field validation refuses the object), so it has no effect`,
      fix: `${field !== undefined ? `${instead} at ${where}` : instead}; this rule cannot be relaxed.`,
    });
  }
}

/** Tekton objects spell every field as Tekton's schema does, where Tekton would read another spelling. */
export const TEKTON_FIELD_NAMES = manifestRule(
  {
    id: RuleId.TEKTON_FIELD_NAMES,
    severity: Severity.HIGH,
    title: 'Tekton objects spell every field exactly as Tekton\'s schema for their version does, and hold none that Tekton drops when it stores them',
    rationale:
      'Where a Tekton CRD keeps unknown keys (embedded taskSpec and pipelineSpec, pod templates\' securityContext, affinity and '
      + 'volumes, Task volumes, volumeClaimTemplates), the API server stores them as written and Tekton\'s defaulting webhook '
      + 'decodes them with Go\'s encoding/json, which matches field names without regard to case, and writes them back under '
      + 'the field\'s own name: `SecurityContext: {privileged: true}` in an embedded step becomes its securityContext. Every '
      + 'other rule reads only the exact spelling, so in the YAML such a key slips past all of them (the admission policies '
      + 'see the object after the webhook has renamed the key). Everywhere else the API server drops a key the schema of the '
      + 'object\'s version does not declare (kubectl\'s strict field validation refuses the object instead): a v1 PipelineRun\'s '
      + '`podTemplate` or `serviceAccountName`, the v1beta1 names, leave its pods without the securityContext and ServiceAccount '
      + 'the YAML shows, and the other rules read every object without such keys, as Tekton gets it. Tekton stores v1 and '
      + 'converts a v1beta1 object to it, and that conversion drops a pipeline task\'s `pipelineSpec` and `pipelineRef`: the '
      + 'pipeline the YAML nests never runs (nor is it judged by the other rules), and runs of the pipeline fail.',
    fix: 'Write every key of a Tekton object with the exact spelling of the field of Tekton\'s (or Kubernetes\') schema for '
      + 'the object\'s apiVersion, in the place that version has it; this rule cannot be relaxed.',
    decidesFrom:
      'The `spec` of Tasks, TaskRuns, Pipelines, PipelineRuns (`tekton.dev` v1 or v1beta1, or no apiVersion) and StepActions '
      + '(v1alpha1, v1beta1), walked along the field names of Tekton v1.15\'s CRD schemas for the object\'s version (each value of '
      + 'a param\'s or result\'s `properties`, under any name, along its fields: `type`); below the '
      + 'nodes those schemas keep unknown fields in, along the Task or Pipeline spec of the same version, or the '
      + 'PodSecurityContext, Affinity, Volume and PersistentVolumeClaim of the Kubernetes Go types Tekton v1.15 builds with '
      + '(k8s.io/api v0.35). There a key that is not a field name but equals one after Go\'s case folding (ASCII letters, `ſ` '
      + 'and the Kelvin sign `K`) is a finding, and so is a key that is no field at all (Tekton\'s webhook refuses the '
      + 'object). A node there of another JSON type than the field\'s (a list for a `pipelineSpec`, `taskSpec`, `securityContext`, '
      + '`affinity` or `volumeClaimTemplate`, a mapping or scalar for `volumes`) is one finding, its content not walked: Go\'s '
      + 'decoding fails and the webhook refuses the object. Elsewhere every key the schema does not declare is a finding (the API server prunes it), with the name the '
      + 'field has in the object\'s version where the other version names it otherwise (`taskRunTemplate.podTemplate` for a '
      + 'v1 PipelineRun\'s `podTemplate`, `computeResources` for a v1 step\'s `resources`; `secretName` or `claimName` for the `name` of '
      + 'a Secret or claim source, which has none). The `pipelineSpec` and `pipelineRef` '
      + 'of a pipeline task (`tasks`, `finally`) of a v1beta1 Pipeline or of a v1beta1 PipelineRun\'s `pipelineSpec` are findings '
      + 'too, their content not walked: Tekton v1.15 stores these kinds as v1, and its conversion of a v1beta1 object copies '
      + 'neither (v1beta1 accepts them only with enable-api-fields "alpha"). So is the `bundle` of a v1beta1 `taskRef` or '
      + '`pipelineRef`, which Tekton v1.15 refuses on create and the conversion drops (the remote-reference rules still read it '
      + 'as a bundles reference). A PipelineLoop of kubeflow kfp-tekton (`custom.tekton.dev`) is walked along its Go type '
      + '(`PipelineLoopSpec`: `pipelineRef`, `pipelineSpec`, `podTemplate`, `workspaces` and `taskRunSpecs` as v1\'s, and its '
      + 'own `iterateParam`, `iterateParamStringSeparator`, `iterationNumberParam`, `iterateNumeric`, `timeout`, `parallelism`, '
      + '`retries`, `serviceAccountName`), all of it decoded: an object of that kind by its webhook, which keeps every key in '
      + 'the CRD and refuses unknown ones, and one embedded as a pipeline task\'s custom task spec (`taskSpec.spec`) by its '
      + 'controller, which drops unknown keys; both decode a key spelled otherwise as the field, and its controller then '
      + 'writes the field\'s own name into the PipelineRun of each iteration. Every rule of the catalogue reads Tekton objects '
      + 'without the keys the API server prunes and without those the conversion drops.',
    limits:
      'Fields added to Tekton after v1.15 or to Kubernetes after 1.35 are unknown to it, and `metadata` is not read. An '
      + 'object without an apiVersion (the API server refuses it) is read as v1 (StepActions as v1beta1), and nothing of it is '
      + 'taken as pruned. Of the rest the conversion to v1 leaves out, the fields v1beta1 deprecates on steps and the '
      + 'stepTemplate (`ports`, probes, `lifecycle`, `terminationMessagePath`/`Policy`, `stdin`, `stdinOnce`, `tty`; the '
      + 'stepTemplate\'s `name`), kept only in an annotation and never given to a pod, are not reported: no rule reads them '
      + 'of a step (a step\'s `ports` are read as absent).',
    howToRelax:
      'Cannot be relaxed: no prop, `Relaxations.of(...)` or annotation waives it. Rename the key to the field\'s exact '
      + 'spelling, move it to where the object\'s version has the field, or remove it.',
    relaxable: false,
    appliesTo: (manifest: any) => specFields(manifest) !== undefined || isPipelineLoop(manifest),
  },
  (manifest) => {
    const problems: Problem[] = [];
    if (isPipelineLoop(manifest)) {
      // the loop's CRD keeps every key: its webhook decodes the whole spec
      misspelled(manifest.spec, LOOP_SPEC_FIELDS, { at: { key: 'spec' }, decoded: true, shape: 'PipelineLoop', object: LOOP_OBJECT, decoder: LOOP_WEBHOOK }, problems);
      return problems;
    }
    const tree = specFields(manifest);
    // the object as written: the other rules read what the API server keeps of it
    const written = writtenForm(manifest);
    const version = typeof written.apiVersion === 'string' ? written.apiVersion : written.kind === 'StepAction' ? 'tekton.dev/v1beta1' : 'tekton.dev/v1';
    const shape = `${version.replace(/^tekton\.dev\//, '')}/${written.kind}`;
    if (tree !== undefined) misspelled(written.spec, tree, { at: { key: 'spec' }, decoded: false, shape, object: `${version} ${written.kind}` }, problems);
    return problems;
  },
);
