const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Whether `name` is a DNS-1123 label (lower-case alphanumerics and '-', at most 63 characters). */
export function isDns1123Label(name: string): boolean {
  return typeof name === 'string' && name.length <= 63 && DNS1123_LABEL.test(name);
}

/** The first name that appears twice, if any. */
export function firstDuplicate(names: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) return name;
    seen.add(name);
  }
  return undefined;
}
