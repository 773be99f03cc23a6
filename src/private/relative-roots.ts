/**
 * Where a workspace lies from a working directory not known here: a step without a `workingDir` runs in its image's
 * WORKDIR, which Tekton does not set and the audit cannot read. Many images use `/workspace` (kaniko, Cloud Builders),
 * above the workspaces Tekton mounts at `/workspace/<name>`; from there, and from any WORKDIR above a workspace's mount
 * path, a relative path reaches the workspace through a tail of that path (`source/…` from `/workspace`,
 * `workspace/source/…` from `/`).
 */

/** A relative path without its leading `./` and trailing `/`. */
function normal(path: string): string {
  return path.replace(/^(\.\/+)+/, '').replace(/\/+$/, '');
}

/** The relative paths that reach an absolute `mountPath` from a WORKDIR above it: every tail of it (`workspace/source`, `source`). */
export function mountTails(mountPath: string): string[] {
  const parts = mountPath.split('/').filter((x) => x !== '');
  return parts.map((_, i) => parts.slice(i).join('/'));
}

/**
 * The relative paths that reach a workspace from a WORKDIR above where it is mounted: every tail of its mount path (the
 * declared workspaces' `/workspace/<name>` and the task's other mountPaths), `workspace` itself (all of them, from `/`).
 */
export function relativeRootsOf(mounts: readonly string[], names: readonly string[]): string[] {
  return [...new Set(['workspace', ...[...mounts, ...names.map((n) => `/workspace/${n}`)].flatMap(mountTails)])];
}

/** Whether a relative path is one of `roots` or lies below one (`./source/ci.sh` below `source`; not `sourcefoo/ci.sh`). */
export function underRelativeRoot(value: string, roots: readonly string[]): boolean {
  const path = normal(value);
  return roots.some((root) => path === root || path.startsWith(`${root}/`));
}

/** The relative roots after `cd DIR` to a relative DIR: those below it, from it (all of them while DIR climbs with `..`). */
export function rootsAfterCd(roots: readonly string[], dir: string): string[] {
  const path = normal(dir);
  if (path === '' || path === '.' || path.split('/').includes('..')) return [...roots];
  return roots.filter((r) => r.startsWith(`${path}/`)).map((r) => r.slice(path.length + 1));
}
