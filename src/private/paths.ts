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
 * Whether a container path as written is relative: neither absolute nor starting with a
 * `$(...)` reference, which Tekton replaces before the pod is made (a workspace's path is
 * absolute; a param's value is the caller's).
 */
export function isRelativeContainerPath(p: string | undefined): p is string {
  return typeof p === 'string' && p !== '' && !p.startsWith('/') && !p.startsWith('$(');
}

/**
 * Why a container's relative `workingDir` never runs: the container runtime refuses it (the OCI
 * runtime spec requires an absolute `cwd`, and runc checks it before it creates the container).
 */
export const RELATIVE_WORKING_DIR = 'is a relative path, which the container runtime refuses (runc: "Cwd must be an absolute path"; the OCI runtime spec '
  + 'requires an absolute working directory), so the pod never starts';
