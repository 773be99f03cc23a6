import * as path from 'path';

/**
 * Whether `p` is `dir` or lies below it, both resolved from the working directory. Only the
 * path is compared (links are not followed). A name that merely starts with two dots, such
 * as Kubernetes' `..data` folder of a mounted ConfigMap, is below `dir`, not outside it.
 */
export function isWithin(dir: string, p: string): boolean {
  const rel = path.relative(path.resolve(dir), path.resolve(p));
  return rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

/**
 * The variables Tekton replaces with an absolute path (docs/variables.md of Tekton v1.15): a workspace's
 * path (empty for an optional workspace left unbound, which leaves what follows it absolute; a relative
 * declared `mountPath` is a problem of its own), a result's, a step result's, the credentials', a step's
 * exit code file and the artifacts file.
 */
const ABSOLUTE_VARIABLES = [
  /^workspaces\.[^.\s]+\.path$/,
  /^(?:step\.)?results(?:\.[^.\s[\]]+|\[(['"])[^'"]+\1\])\.path$/,
  /^credentials\.path$/,
  /^steps\.[^.\s]+\.exitCode\.path$/,
  /^(?:step\.)?artifacts\.path$/,
];

/**
 * Variables whose value is not known here: a param (the caller's), a pipeline task's result, a step's
 * result or artifact (written by an earlier step; Tekton's webhook refuses those in a workingDir).
 */
const CHOSEN_VARIABLES = /^(?:params(?:\.|\[)|tasks\.|steps\.)/;

/**
 * How a container path as written (a `workingDir`, a workspace's `mountPath`) starts once Tekton has
 * replaced its variables: `absolute` (a `/`, or a variable Tekton replaces with an absolute path),
 * `chosen` (a param, a pipeline task's or a step's result: a value not known here) or `relative`
 * (anything else: a word, `./…`, or a variable whose value is a name, such as `$(context.taskRun.name)`
 * or `$(workspaces.<w>.claim)`). An empty path is unset, and `absolute` here.
 */
export function containerPathStart(p: string): 'absolute' | 'chosen' | 'relative' {
  if (p === '' || p.startsWith('/')) return 'absolute';
  const variable = /^\$\(\s*([^()]*?)\s*\)/.exec(p)?.[1];
  if (variable === undefined) return 'relative';
  if (ABSOLUTE_VARIABLES.some((re) => re.test(variable))) return 'absolute';
  return CHOSEN_VARIABLES.test(variable) ? 'chosen' : 'relative';
}

/**
 * Whether a container path as written is relative once Tekton has replaced its variables (see
 * containerPathStart; a path that starts with a param is the caller's and not judged).
 */
export function isRelativeContainerPath(p: string | undefined): p is string {
  return typeof p === 'string' && containerPathStart(p) === 'relative';
}

/**
 * Why a container's relative `workingDir` never runs: the container runtime refuses it (the OCI
 * runtime spec requires an absolute `cwd`, and runc checks it before it creates the container).
 */
export const RELATIVE_WORKING_DIR = 'is a relative path, which the container runtime refuses (runc: "Cwd must be an absolute path"; the OCI runtime spec '
  + 'requires an absolute working directory), so the pod never starts';

/**
 * Why a task workspace's relative `mountPath` does not do what it says: the kubelet mounts the volume
 * under `/`, but Tekton replaces `$(workspaces.<name>.path)` with the path as written, which each step
 * resolves from its own working directory. `absolute` is where the kubelet mounts it.
 */
export function relativeMountPath(name: string, mountPath: string, absolute: string): string {
  return `is a relative path: the kubelet mounts the volume at "${absolute}", but Tekton gives the steps $(workspaces.${name}.path) as `
    + `"${mountPath}", which each step resolves from its own working directory`;
}

/** A path as Go's `filepath.Clean` writes it on Linux (how Tekton compares mount paths; the kubelet's mount of a relative one is under `/`). */
export function cleanPath(p: string): string {
  const normalized = path.posix.normalize(p);
  return normalized.length > 1 ? normalized.replace(/\/+$/, '') : normalized;
}

/** Go's `path.Join(dir, rest)` of an absolute `dir`: the joined path, cleaned (`.` and `..` resolved, no `..` above `/`). */
export function joinPath(dir: string, rest: string): string {
  const parts: string[] = [];
  for (const part of `${dir}/${rest}`.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/**
 * Whether the container path `p` is `dir` or lies below it, both absolute (a relative one read from `/`, where the kubelet mounts
 * a relative `mountPath`) and cleaned as Go's `path.Clean` cleans them (joinPath): `//`, `.` and `..` resolved from the text, as
 * isWithin reads the host's paths, so `/workspace/../etc/x` is not under `/workspace` and `/workspace//a` is. Links are not
 * followed (none is known here): the kernel resolves `..` after a link (`/bin/..` is `/usr` where `/bin` links to `usr/bin`), so
 * the reading differs from the kernel's only for a path that writes `..` right after a link, or that names a volume through a
 * link another spelling avoids (a volume mounted at `/var/run/x`, which runc mounts at `/run/x` where `/var/run` links to `/run`).
 * A script one step writes and another runs is matched by the two paths the steps write: a text without `..` names the same
 * file in both (links in it resolve alike where the images hold the same ones), and the images' common links (`/bin`, `/sbin`,
 * `/lib` to `usr/…`, `/var/run` to `/run`) lie outside the paths Tekton mounts its volumes at (`/workspace`, `/tekton`).
 */
export function containerPathWithin(dir: string, p: string): boolean {
  const d = joinPath('/', dir);
  const q = joinPath('/', p);
  return q === d || q.startsWith(d === '/' ? '/' : `${d}/`);
}
