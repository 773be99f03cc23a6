/**
 * Namespaces of manifests as the API server reads them: an unset or empty
 * `metadata.namespace` names none (the object lands in the namespace it is applied to).
 */

/** The namespace a manifest names, or undefined. */
export function manifestNamespace(manifest: any): string | undefined {
  const ns = manifest?.metadata?.namespace;
  return typeof ns === 'string' && ns !== '' ? ns : undefined;
}

/** Whether two namespaces may be one: they are the same, or either is unset (an object without one is applied to any). */
export function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

/** Whether two manifests may be in one namespace: they name the same one, or either names none. */
export function mayShareNamespace(a: any, b: any): boolean {
  return sameNamespace(manifestNamespace(a), manifestNamespace(b));
}
