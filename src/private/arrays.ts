/** `xs`, or undefined when empty, so that empty lists are left out of the YAML. */
export function nonEmpty<T>(xs: readonly T[]): T[] | undefined {
  return xs.length > 0 ? [...xs] : undefined;
}

/**
 * A copy of props or options as given, read once: plain objects and arrays are copied all the
 * way down (each getter read once, its value kept), anything else (a construct, a Duration, a
 * WhenExpression) kept as it is. What the library checks and what it writes are then read from
 * the same values, whatever the app does with the object it passed afterwards (a later change, a
 * getter that answers otherwise on each read).
 */
export function readOnce<T>(value: T): T {
  return copy(value, new Set()) as T;
}

function copy(value: unknown, seen: Set<unknown>): unknown {
  if (value === null || typeof value !== 'object' || seen.has(value)) return value;
  if (Array.isArray(value)) {
    seen.add(value);
    const out = Array.from(value, (x) => copy(x, seen));
    seen.delete(value);
    return out;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  seen.add(value);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = copy((value as Record<string, unknown>)[key], seen);
  seen.delete(value);
  return out;
}

/**
 * `xs` sorted by `name`: the params and workspaces a map prop binds by name (a pipeline task's
 * `params`/`workspaces`, a run's), in an order of the library's own. Tekton matches them by name,
 * so the order means nothing to it, but a map's order is not the app's in every language (a Java
 * `Map.of` iterates in an order that changes from run to run, jsii's Go runtime sorts a map's
 * keys): sorted, the YAML and its seal are the same from every language and every synth.
 */
export function sortedByName<T extends { readonly name: string }>(xs: readonly T[]): T[] {
  return [...xs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** A copy of `o` with its keys in sorted order (an object param's value: Tekton reads it by key). */
export function sortedKeys<T>(o: { readonly [key: string]: T }): { [key: string]: T } {
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
}
