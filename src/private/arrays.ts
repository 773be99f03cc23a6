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
