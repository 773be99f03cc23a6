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
