/**
 * Where in its object a finding is: the JSON path of the offending field where it exists,
 * else of the deepest node on the way to it (the container, the run's task entry, the
 * object). Derived from what every finding carries (its target, location and property),
 * so the rules stay pure functions of the manifest; computed only for reported findings.
 */
import { PathSegment } from './read-yaml';
import { Finding } from '../policy/rule';
import { containersOf } from '../private/containers';
import { redactUserinfo } from '../private/redact';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

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
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const s of path) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (IDENTIFIER.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

/** How many steps of `path` exist in `value`, and the node at the last one. */
function walk(value: unknown, path: readonly PathSegment[]): { depth: number; node: unknown } {
  let node = value;
  let depth = 0;
  for (const s of path) {
    if (Array.isArray(node) && typeof s === 'number' && s < node.length) node = node[s];
    else if (node !== null && typeof node === 'object' && !Array.isArray(node) && typeof s === 'string' && Object.prototype.hasOwnProperty.call(node, s)) node = (node as any)[s];
    else break;
    depth++;
  }
  return { depth, node };
}

const asArray = (x: unknown): any[] => (Array.isArray(x) ? x : []);

/** Paths of the entries of `list` (at `at`) whose `field` is `name`. */
function named(manifest: any, at: readonly PathSegment[], field: string, name: string): PathSegment[][] {
  const list = walk(manifest, at);
  if (list.depth < at.length) return [];
  return asArray(list.node).flatMap((e, i) => (e && typeof e === 'object' && e[field] === name ? [[...at, i]] : []));
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

/**
 * The JSON path of a finding in `manifest`: the first candidate that exists in full, else
 * the one that exists furthest. A sequence found where the finding names one of its
 * values is narrowed to that item.
 */
export function findingPath(manifest: any, finding: Finding): PathSegment[] {
  const property = propertyPath(finding.property);
  let bases: PathSegment[][] = [];
  if (finding.target !== undefined) {
    const views = containersOf(manifest).filter((v) => v.target === finding.target);
    for (const v of views) {
      bases.push([...propertyPath(v.path)]);
      if (v.templatePath !== undefined) bases.push([...propertyPath(v.templatePath)]);
    }
    if (bases.length === 0) bases = targetBases(manifest, finding.target);
  }
  if (bases.length === 0) {
    const location = finding.location !== undefined ? parsePath(finding.location) : undefined;
    bases = location ? [location, ['spec', ...location]] : [[], ['spec']];
  }
  let best: { path: PathSegment[]; depth: number; full: boolean; node: unknown } | undefined;
  for (const base of bases) {
    const path = [...base, ...property];
    const w = walk(manifest, path);
    const full = w.depth === path.length;
    if (full) {
      best = { path, depth: w.depth, full, node: w.node };
      break;
    }
    if (best === undefined || w.depth > best.depth) best = { path, depth: w.depth, full, node: w.node };
  }
  if (best === undefined) return [];
  const path = best.path.slice(0, best.depth);
  if (best.full && Array.isArray(best.node) && finding.value !== undefined && finding.value !== '') {
    // the finding quotes the value with the credentials of URLs redacted
    const i = best.node.findIndex((e) => typeof e === 'string' && redactUserinfo(e).includes(finding.value!));
    if (i >= 0) path.push(i);
  }
  return path;
}
