/**
 * Label keys and values as the API server validates them (apimachinery's IsQualifiedName and
 * IsValidLabelValue): a key is an optional DNS-1123 subdomain prefix and `/`, then a name of
 * at most 63 characters; a value is empty or such a name.
 */
const NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Why the API server refuses a label, or undefined. */
export function labelProblem(key: string, value: string): { readonly which: 'key' | 'value'; readonly problem: string } | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  if ((prefix !== undefined && (prefix.length > 253 || !SUBDOMAIN.test(prefix))) || name.length > 63 || !NAME.test(name)) {
    return { which: 'key', problem: 'is not a label key (an optional DNS subdomain and "/", then at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit)' };
  }
  if (value !== '' && (value.length > 63 || !NAME.test(value))) {
    return { which: 'value', problem: 'is not a label value (empty, or at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit)' };
  }
  return undefined;
}
