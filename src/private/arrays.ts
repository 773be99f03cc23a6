/** `xs`, or undefined when empty, so that empty lists are left out of the YAML. */
export function nonEmpty<T>(xs: readonly T[]): T[] | undefined {
  return xs.length > 0 ? [...xs] : undefined;
}
