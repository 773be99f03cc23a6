/**
 * A ConfigMap's `data` as the API server keeps it. `data` is a map[string]string that the
 * API server decodes with Go's encoding/json rules: a null value (YAML `key:`, `key: ~`,
 * `key: null`) becomes "", the zero value of a string, and the ConfigMap is accepted (its
 * validation checks the keys and the total size, not the values); a number, a boolean, a
 * list or a mapping (YAML `key: 1`, `key: yes`, `key: 0x10`, `key: [a]`) makes the API
 * server refuse the whole ConfigMap. kubectl create, replace, apply --server-side and an apply
 * that creates the ConfigMap store the null as ""; a client-side kubectl apply over a ConfigMap
 * that exists sends it in a strategic merge patch, which removes the key instead.
 */

/** The stored values of a `data` written as an object (null read as ""), cached per object. */
const STORED = new WeakMap<object, Readonly<Record<string, unknown>>>();

/**
 * `data` (a ConfigMap's field, as written) with every null value read as "", the value the
 * API server stores; other values as written (a value that is not a string is refused by the
 * API server). Empty when `data` is not an object.
 */
export function storedConfigMapData(data: unknown): Readonly<Record<string, unknown>> {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return {};
  let stored = STORED.get(data);
  if (stored === undefined) {
    const entries = Object.entries(data);
    stored = entries.some(([, v]) => v === null) ? Object.fromEntries(entries.map(([k, v]) => [k, v === null ? '' : v])) : data as Record<string, unknown>;
    STORED.set(data, stored);
  }
  return stored;
}

/** The keys of `data` (as written) whose value the API server refuses: anything but a string or null. */
export function refusedConfigMapValues(data: unknown): string[] {
  return Object.entries(storedConfigMapData(data)).filter(([, v]) => typeof v !== 'string').map(([k]) => k);
}

/** For messages: what a null value of a ConfigMap key becomes, and what kubectl apply does with it instead. */
export function nullValueText(configMap: string): string {
  return `is null, which the API server stores as "" (a client-side kubectl apply over an existing ${configMap} removes the key instead)`;
}

/** A value as YAML read it, for messages (`true`, `8080`, `["a"]`, `{"a":"b"}`). */
export function writtenValue(value: unknown): string {
  if (typeof value !== 'object' && value !== undefined) return String(value);
  // a YAML integer beyond 2^53 is read as a bigint, which JSON.stringify does not take: shown as its digits
  return JSON.stringify(value, (_, v: unknown) => typeof v === 'bigint' ? v.toString() : v) ?? 'undefined';
}
