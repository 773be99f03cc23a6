/**
 * Lookups over the manifests checked together, built once per set (the set is the
 * same array for every object of one check), so that a rule that looks for another
 * object costs a map lookup per object, not a scan of the whole app.
 */
import { manifestNamespace, sameNamespace } from './namespaces';

interface Index {
  readonly byKind: Map<unknown, any[]>;
  readonly byKindAndName: Map<string, any[]>;
}

const INDEXES = new WeakMap<readonly any[], Index>();

function indexOf(manifests: readonly any[]): Index {
  let index = INDEXES.get(manifests);
  if (index === undefined) {
    const byKind = new Map<unknown, any[]>();
    const byKindAndName = new Map<string, any[]>();
    for (const m of manifests) {
      const kind = m?.kind;
      const sameKind = byKind.get(kind);
      if (sameKind) sameKind.push(m);
      else byKind.set(kind, [m]);
      const name = m?.metadata?.name;
      if (typeof kind === 'string' && typeof name === 'string') {
        const key = `${kind}/${name}`;
        const sameName = byKindAndName.get(key);
        if (sameName) sameName.push(m);
        else byKindAndName.set(key, [m]);
      }
    }
    index = { byKind, byKindAndName };
    INDEXES.set(manifests, index);
  }
  return index;
}

/** The manifests of one kind, in input order. */
export function manifestsOfKind(manifests: readonly any[], kind: string): readonly any[] {
  return indexOf(manifests).byKind.get(kind) ?? [];
}

/** The manifests of one kind and `metadata.name`, in input order. */
export function manifestsNamed(manifests: readonly any[], kind: string, name: string): readonly any[] {
  return indexOf(manifests).byKindAndName.get(`${kind}/${name}`) ?? [];
}

/**
 * The objects a local reference (`taskRef` or a step's `ref`: a name, no resolver, no bundle, and
 * `kind`, if given, as asked) may name among the manifests checked together: those of that kind and
 * name in a namespace `from` may share (several when `from` has no namespace: it may be applied to any).
 */
export function locallyReferenced(manifests: readonly any[], ref: any, kind: string, from: any): readonly any[] {
  if (ref === null || typeof ref !== 'object' || Array.isArray(ref) || ref.resolver !== undefined || ref.bundle !== undefined) return [];
  if ((ref.kind ?? kind) !== kind || typeof ref.name !== 'string') return [];
  const namespace = manifestNamespace(from);
  return manifestsNamed(manifests, kind, ref.name).filter((m) => sameNamespace(manifestNamespace(m), namespace));
}

/**
 * `compute()` once per set of manifests checked together and `key` (the set is the same array
 * for every object of one check): for what a rule derives from the whole set, or from one
 * object of it for the rule's other objects.
 */
export function oncePerSet<K, V>(cache: WeakMap<readonly any[], Map<K, V>>, manifests: readonly any[], key: K, compute: () => V): V {
  let byKey = cache.get(manifests);
  if (byKey === undefined) cache.set(manifests, byKey = new Map());
  if (byKey.has(key)) return byKey.get(key)!;
  const value = compute();
  byKey.set(key, value);
  return value;
}
