/**
 * Where in its object a finding is: the JSON path of the offending field where it exists,
 * else of the deepest node on the way to it (the container, the run's task entry, the
 * object). Derived from what every finding carries (its target, location and property),
 * so the rules stay pure functions of the manifest; computed only for reported findings.
 */
import { PathSegment } from './read-yaml';
import { Finding } from '../policy/rule';
import { containersOf, PipelineLoopPlace, pipelineLoopsOf, taskSpecsOf } from '../private/containers';
import { formatPath } from '../private/json-path';
import { redactUserinfo } from '../private/redact';

/**
 * A path as written in findings and in the audit's JSON output: `spec.steps[0].image`,
 * `data['artifacts.taskrun.format']`, `metadata.annotations["a/b"]`. Undefined when `text`
 * is not one.
 */
export function parsePath(text: string): PathSegment[] | undefined {
  const out: PathSegment[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '[') {
      const close = text.indexOf(']', i);
      const num = /^\[(\d+)\]/.exec(text.slice(i));
      if (num) {
        out.push(Number(num[1]));
        i += num[0].length;
        continue;
      }
      const q = text[i + 1];
      if ((q !== '"' && q !== "'") || close < 0) return undefined;
      const end = text.indexOf(`${q}]`, i + 2);
      if (end < 0) return undefined;
      out.push(text.slice(i + 2, end));
      i = end + 2;
      continue;
    }
    if (c === '.') {
      if (out.length === 0) return undefined;
      i++;
    }
    const m = /^[^.[\]\s'"]+/.exec(text.slice(i));
    if (!m) return undefined;
    out.push(m[0]);
    i += m[0].length;
  }
  return out;
}

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
export { formatPath };

/**
 * How many steps of `path` (the steps of `base`, then those of `rest`) exist in `value`, the node
 * at the last one, and those steps as indexes and keys: a name where a list is (`volumes.vault`,
 * `workspaces.creds`, as findings name list entries) steps to the first entry of that `name`.
 */
interface Walked {
  readonly depth: number;
  readonly node: unknown;
  readonly steps: PathSegment[];
}

function walk(value: unknown, base: readonly PathSegment[], rest: readonly PathSegment[] = []): Walked {
  let node = value;
  const steps: PathSegment[] = [];
  const length = base.length + rest.length;
  for (let k = 0; k < length; k++) {
    const s = k < base.length ? base[k] : rest[k - base.length];
    if (Array.isArray(node) && typeof s === 'number' && s < node.length) {
      node = node[s];
      steps.push(s);
    } else if (node !== null && typeof node === 'object' && !Array.isArray(node) && typeof s === 'string' && Object.prototype.hasOwnProperty.call(node, s)) {
      node = (node as any)[s];
      steps.push(s);
    } else if (Array.isArray(node) && typeof s === 'string') {
      const i = node.findIndex((e) => e !== null && typeof e === 'object' && e.name === s);
      if (i < 0) break;
      node = node[i];
      steps.push(i);
    } else {
      break;
    }
  }
  return { depth: steps.length, node, steps };
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
 * The JSON path of a finding in `manifest`: the first candidate that exists in full, else
 * the one that exists furthest. A sequence found where the finding names one of its
 * values is narrowed to that item.
 */
export function findingPath(manifest: any, finding: Finding): PathSegment[] {
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
      const inner = findingPath(loop.loop, { ...finding, target: rest === '' ? undefined : rest, location: location === '' ? undefined : location });
      return [...propertyPath(loop.path), ...inner];
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
    return walk(manifest, ['aggregationRule']).steps;
  }
  if (bases.length === 0) {
    const location = finding.location !== undefined ? parsePath(finding.location) : undefined;
    bases = location ? [location, ['spec', ...location]] : [[], ['spec']];
  }
  let best: { steps: PathSegment[]; depth: number; full: boolean; node: unknown } | undefined;
  // the first candidate that exists in full wins: the places the target names, then the weak ones
  const tried = (base: readonly PathSegment[], weak: boolean): boolean => {
    const w = walk(manifest, base, property);
    if (weak && w.depth <= base.length) return false;
    const full = w.depth === base.length + property.length;
    if (full || best === undefined || w.depth > best.depth) best = { steps: w.steps, depth: w.depth, full, node: w.node };
    return full;
  };
  if (!bases.some((base) => tried(base, false))) weakBases(manifest, finding.target).some((base) => tried(base, true));
  if (best === undefined) return [];
  const path = best.steps;
  if (best.full && Array.isArray(best.node) && finding.value !== undefined && finding.value !== '') {
    // the finding quotes the value with the credentials of URLs redacted
    const i = best.node.findIndex((e) => typeof e === 'string' && redactUserinfo(e).includes(finding.value!));
    if (i >= 0) path.push(i);
  }
  return path;
}
