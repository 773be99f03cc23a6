/**
 * Where in its object a finding is: the JSON path of the offending field where it exists,
 * else of the deepest node on the way to it (the container, the run's task entry, the
 * object). Derived from what every finding carries (its target, location and property),
 * so the rules stay pure functions of the manifest; computed only for reported findings.
 */
import { PathSegment } from './read-yaml';
import { Finding } from '../policy/rule';
import { containersOf, PipelineLoopPlace, pipelineLoopsOf, taskSpecsOf } from '../private/containers';
import { formatPath, parsePath } from '../private/json-path';
import { redactUserinfo } from '../private/redact';

const properties = new Map<string, readonly PathSegment[]>();

/** A finding's property (or a container's path) as a path: they repeat, so each is parsed once. */
function propertyPath(property: string): readonly PathSegment[] {
  let p = properties.get(property);
  if (p === undefined) {
    p = parsePath(property) ?? [];
    if (properties.size < 10_000) properties.set(property, p);
  }
  return p;
}

/** The path written as `parsePath` reads it: keys that are not identifiers in `["..."]`. */
export { formatPath, parsePath };

/**
 * How many steps of `path` (the steps of `base`, then those of `rest`) exist in `value`, the node
 * at the last one, and those steps as indexes and keys: a name where a list is (`volumes.vault`,
 * `workspaces.creds`, as findings name list entries) steps to the entry of that `name` the finding
 * is about (see `walkFrom`).
 */
interface Walked {
  readonly depth: number;
  readonly node: unknown;
  readonly steps: PathSegment[];
}

function walk(value: unknown, base: readonly PathSegment[], rest: readonly PathSegment[] = [], wanted?: string): Walked {
  return walkFrom(value, rest.length === 0 ? base : [...base, ...rest], 0, wanted);
}

/**
 * `walk` of `path` from its step `from` on. Where several entries of a list have the name a step
 * gives (a volume mounted at two paths, an env var written twice), the path goes on in the one
 * where the rest of it exists and holds `wanted` (the finding's value), else where the rest exists,
 * else where it goes furthest; among equals the first, but in `env` the last, whose value the
 * kubelet gives the container (it sets the entries in order, each over the one before).
 */
function walkFrom(value: unknown, path: readonly PathSegment[], from: number, wanted: string | undefined): Walked {
  let node = value;
  const steps: PathSegment[] = [];
  for (let k = from; k < path.length; k++) {
    const s = path[k];
    if (Array.isArray(node) && typeof s === 'number' && s < node.length) {
      node = node[s];
      steps.push(s);
    } else if (node !== null && typeof node === 'object' && !Array.isArray(node) && typeof s === 'string' && Object.prototype.hasOwnProperty.call(node, s)) {
      node = (node as any)[s];
      steps.push(s);
    } else if (Array.isArray(node) && typeof s === 'string') {
      const list: unknown[] = node;
      const entries = list.flatMap((e, i) => (e !== null && typeof e === 'object' && (e as any).name === s ? [i] : []));
      if (entries.length === 0) break;
      if (entries.length === 1) {
        node = list[entries[0]];
        steps.push(entries[0]);
        continue;
      }
      const ways = entries.map((i) => ({ i, w: walkFrom(list[i], path, k + 1, wanted) }));
      if (path[k - 1] === 'env') ways.reverse();
      const full = ways.filter((o) => k + 1 + o.w.depth === path.length);
      const way = full.find((o) => holds(o.w.node, wanted)) ?? full[0] ?? ways.reduce((a, b) => (b.w.depth > a.w.depth ? b : a));
      return { depth: steps.length + 1 + way.w.depth, node: way.w.node, steps: [...steps, way.i, ...way.w.steps] };
    } else {
      break;
    }
  }
  return { depth: steps.length, node, steps };
}

/** Whether `node` holds the text a finding quotes (with the credentials of URLs redacted, as findings quote them). */
function holds(node: unknown, wanted: string | undefined): boolean {
  if (wanted === undefined || wanted === '') return true;
  if (typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean') return redactUserinfo(String(node)).includes(wanted);
  return node !== null && typeof node === 'object' && redactUserinfo(JSON.stringify(node)).includes(JSON.stringify(wanted).slice(1, -1));
}

const asArray = (x: unknown): any[] => (Array.isArray(x) ? x : []);

/** Paths of the entries of `list` (at `at`) whose `field` is `name`. */
function named(manifest: any, at: readonly PathSegment[], field: string, name: string): PathSegment[][] {
  const list = walk(manifest, at);
  if (list.depth < at.length) return [];
  return asArray(list.node).flatMap((e, i) => (e && typeof e === 'object' && e[field] === name ? [[...at, i]] : []));
}

/**
 * Places a finding's property may be written from besides its target's own: the task specs the
 * target names (`volumes.v.csi` of a pipeline task's or a TaskRun's embedded spec) and, for a run's
 * workspace, the spec (`workspaces.creds.csi` of the binding). They count only where the property
 * walks past them.
 */
function weakBases(manifest: any, target: string | undefined): Array<readonly PathSegment[]> {
  const of = target ?? '';
  const specs = specPaths(manifest).get(of) ?? [];
  return /^workspace\/[^/]+$/.test(of) ? [...specs, ['spec']] : specs;
}

const specPathsOf = new WeakMap<object, Map<string, Array<readonly PathSegment[]>>>();

/** The paths of a manifest's task specs by the target they are under ('' for the object's own), once per manifest. */
function specPaths(manifest: any): Map<string, Array<readonly PathSegment[]>> {
  if (manifest === null || typeof manifest !== 'object') return new Map();
  let paths = specPathsOf.get(manifest);
  if (paths === undefined) {
    paths = new Map();
    for (const s of taskSpecsOf(manifest)) {
      const of = s.targetPrefix.replace(/\/$/, '');
      paths.set(of, [...paths.get(of) ?? [], propertyPath(s.path)]);
    }
    specPathsOf.set(manifest, paths);
  }
  return paths;
}

/** The places a target that is not a container's names: a run's or pipeline's task, a run's workspace. */
function targetBases(manifest: any, target: string): PathSegment[][] {
  // a task of a pipeline a pipeline task runs (`task/ci/task/test`): that task in the pipeline task's pipelineSpec, else the pipeline task
  const nested = /^task\/([^/]+)\/(task\/.+)$/.exec(target);
  if (nested) {
    const outer = targetBases(manifest, `task/${nested[1]}`);
    const inner = outer.flatMap((base) => {
      const w = walk(manifest, [...base, 'pipelineSpec']);
      if (w.depth < base.length + 1 || w.node === null || typeof w.node !== 'object') return [];
      return targetBases({ spec: w.node }, nested[2]).map((p) => [...base, 'pipelineSpec', ...p.slice(1)]);
    });
    return inner.length > 0 ? inner : outer;
  }
  const task = /^task\/([^/]+)$/.exec(target);
  if (task) {
    return [
      ...named(manifest, ['spec', 'taskRunSpecs'], 'pipelineTaskName', task[1]),
      ...named(manifest, ['spec', 'tasks'], 'name', task[1]),
      ...named(manifest, ['spec', 'finally'], 'name', task[1]),
      ...named(manifest, ['spec', 'pipelineSpec', 'tasks'], 'name', task[1]),
      ...named(manifest, ['spec', 'pipelineSpec', 'finally'], 'name', task[1]),
    ];
  }
  const workspace = /^workspace\/([^/]+)$/.exec(target);
  if (workspace) {
    return [
      ...named(manifest, ['spec', 'workspaces'], 'name', workspace[1]),
      ...named(manifest, ['spec', 'taskRunTemplate', 'workspaces'], 'name', workspace[1]),
    ];
  }
  return [];
}

/** The location of a rule an aggregating ClusterRole takes from another (`rbacRulesOf`). */
const AGGREGATED = /^aggregated from ClusterRole '/;

/**
 * Where the rest of a finding's path is written inside the YAML text a string field holds (a
 * SecretProviderClass's `objects`): `written`, the text of the line from that node on, written
 * there after `nth` others like it. The audit locates the field's text from it.
 */
export interface WrittenInText {
  readonly written: string;
  readonly nth: number;
  /** Where that node starts in the field's text (an index in its value). */
  readonly offset: number;
}

/** Where a finding is: the JSON path of `findingPath`, and where in the text of the string field there the rest of its path is. */
export interface FindingPlace {
  readonly path: PathSegment[];
  readonly inText?: WrittenInText;
}

/**
 * The JSON path of a finding in `manifest`: the first candidate that exists in full, else
 * the one that exists furthest. A sequence found where the finding names one of its
 * values is narrowed to that item.
 */
export function findingPath(manifest: any, finding: Finding): PathSegment[] {
  return findingPlace(manifest, finding).path;
}

/**
 * Where the steps `rest` are in the YAML text `text` (a list entry by its index, or by its
 * `objectName` or `name` as written; a mapping's key): the line from the last node found on,
 * and how many times that line's text is written before it. Undefined when `text` is no YAML
 * collection or its first step is not there.
 */
function placeInText(text: string, rest: readonly PathSegment[]): WrittenInText | undefined {
  let doc: import('yaml').Document.Parsed;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML = require('yaml') as typeof import('yaml');
  try {
    doc = YAML.parseDocument(text, { uniqueKeys: false });
  } catch {
    return undefined;
  }
  const scalar = (n: unknown): string | undefined => (YAML.isScalar(n) && n.value !== null && typeof n.value !== 'object' ? String(n.value) : undefined);
  let node: unknown = doc.contents;
  let at: number | undefined;
  for (const step of rest) {
    let next: { readonly node: unknown; readonly at: number | undefined } | undefined;
    if (YAML.isSeq(node)) {
      const items = node.items;
      let i = typeof step === 'string'
        ? items.findIndex((e) => YAML.isMap(e) && (scalar(e.get('objectName', true)) === step || scalar(e.get('name', true)) === step)) : step;
      if (i < 0 && typeof step === 'string' && /^\d+$/.test(step)) i = Number(step);
      const item = items[i];
      if (i >= 0 && i < items.length) next = { node: item, at: YAML.isNode(item) ? item.range?.[0] : undefined };
    } else if (YAML.isMap(node)) {
      const pair = node.items.find((p) => scalar(p.key) === String(step));
      if (pair !== undefined) next = { node: pair.value, at: YAML.isNode(pair.key) ? pair.key.range?.[0] : undefined };
    }
    if (next === undefined || next.at === undefined) break;
    node = next.node;
    at = next.at;
  }
  if (at === undefined) return undefined;
  const end = text.slice(at).search(/[\n\r]/);
  const written = text.slice(at, end < 0 ? text.length : at + end).trimEnd();
  if (written === '') return undefined;
  let nth = 0;
  for (let i = text.indexOf(written); i >= 0 && i < at; i = text.indexOf(written, i + 1)) nth++;
  return { written, nth, offset: at };
}

/** `findingPath`, and where the rest of the finding's path is written when it goes on inside a string field's YAML text. */
export function findingPlace(manifest: any, finding: Finding): FindingPlace {
  // a finding in a PipelineLoop embedded as a pipeline task's custom task spec is placed in that loop, the deepest one named
  const target = finding.target;
  if (target !== undefined) {
    let loop: PipelineLoopPlace | undefined;
    for (const l of pipelineLoopsOf(manifest)) {
      if (l.targetPrefix !== '' && `${target}/`.startsWith(l.targetPrefix) && (loop === undefined || l.targetPrefix.length > loop.targetPrefix.length)) loop = l;
    }
    if (loop !== undefined) {
      const rest = target.slice(loop.targetPrefix.length);
      const location = finding.location?.startsWith(loop.prefix) ? finding.location.slice(loop.prefix.length) : finding.location;
      const inner = findingPlace(loop.loop, { ...finding, target: rest === '' ? undefined : rest, location: location === '' ? undefined : location });
      return { ...inner, path: [...propertyPath(loop.path), ...inner.path] };
    }
  }
  const property = propertyPath(finding.property);
  let bases: Array<readonly PathSegment[]> = [];
  if (finding.target !== undefined) {
    for (const v of containersOf(manifest)) {
      if (v.target !== finding.target) continue;
      bases.push(propertyPath(v.path));
      if (v.templatePath !== undefined) bases.push(propertyPath(v.templatePath));
    }
    if (bases.length === 0) bases = targetBases(manifest, finding.target);
  }
  if (bases.length === 0 && finding.location !== undefined && AGGREGATED.test(finding.location)) {
    // a rule the aggregation controller copies in is written in another ClusterRole: this one takes it through its aggregationRule
    return { path: walk(manifest, ['aggregationRule']).steps };
  }
  if (bases.length === 0) {
    const location = finding.location !== undefined ? parsePath(finding.location) : undefined;
    bases = location ? [location, ['spec', ...location]] : [[], ['spec']];
  }
  let best: { steps: PathSegment[]; depth: number; full: boolean; node: unknown; rest: readonly PathSegment[] } | undefined;
  // the first candidate that exists in full wins: the places the target names, then the weak ones
  const tried = (base: readonly PathSegment[], weak: boolean): boolean => {
    const w = walk(manifest, base, property, finding.value);
    if (weak && w.depth <= base.length) return false;
    const full = w.depth === base.length + property.length;
    if (full || best === undefined || w.depth > best.depth) {
      best = { steps: w.steps, depth: w.depth, full, node: w.node, rest: w.depth < base.length ? [] : property.slice(w.depth - base.length) };
    }
    return full;
  };
  const strong = bases.some((base) => tried(base, false));
  // two places the target names (a finally task named as a task, both with the step): the one that holds the value the finding names
  if (strong && bases.length > 1 && finding.value !== undefined && !holds(best!.node, finding.value)) {
    for (const base of bases) {
      const w = walk(manifest, base, property, finding.value);
      if (w.depth !== base.length + property.length || !holds(w.node, finding.value)) continue;
      best = { steps: w.steps, depth: w.depth, full: true, node: w.node, rest: [] };
      break;
    }
  }
  if (!strong && !weakBases(manifest, finding.target).some((base) => tried(base, true)) && property.length > 0) {
    // a property written from the object's root (its own metadata: a relaxation record, whose target names a step; a pipeline task's
    // `spec.tasks[0].taskRef.kind`; a step's `spec.steps[0].params`): where it is written, else where the target is
    const w = walk(manifest, [], property, finding.value);
    if (w.depth === property.length) best = { steps: w.steps, depth: w.depth, full: true, node: w.node, rest: [] };
  }
  if (best === undefined) return { path: [] };
  const path = best.steps;
  if (best.full && Array.isArray(best.node) && finding.value !== undefined && finding.value !== '') {
    // the finding quotes the value with the credentials of URLs redacted
    const i = best.node.findIndex((e) => typeof e === 'string' && redactUserinfo(e).includes(finding.value!));
    if (i >= 0) path.push(i);
  }
  // a path that goes on inside a field's text (an object of a SecretProviderClass's `objects`): where it is written there
  const inText = !best.full && typeof best.node === 'string' && best.rest.length > 0 ? placeInText(best.node, best.rest) : undefined;
  return inText === undefined ? { path } : { path, inText };
}
