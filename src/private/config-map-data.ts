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
import { isSecretKey } from './secret-types';
import { jsString } from './text';

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
  if (typeof value !== 'object' && value !== undefined) return jsString(value);
  // a YAML integer beyond 2^53 is read as a bigint, which JSON.stringify does not take: shown as its digits
  return JSON.stringify(value, (_, v: unknown) => typeof v === 'bigint' ? v.toString() : v) ?? 'undefined';
}

/** One reason the API server refuses a ConfigMap: the field and key as written, and why. */
export interface ConfigMapRefusal {
  readonly field: 'data' | 'binaryData';
  readonly key: string;
  /** What is wrong with it (`is not a string`). */
  readonly problem: string;
}

/**
 * Whether Go's encoding/json decodes `value` into a []byte (a binaryData value): standard base64
 * with its padding, line breaks (CR, LF) skipped.
 */
function isGoBase64(value: string): boolean {
  return /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(value.replace(/[\r\n]/g, ''));
}

/** A map as written, or none. */
function entriesOf(x: unknown): Array<[string, unknown]> {
  return x !== null && typeof x === 'object' && !Array.isArray(x) ? Object.entries(x) : [];
}

/**
 * Why the API server refuses a ConfigMap with this `data` and `binaryData` (as written; its JSON
 * decoding and apimachinery's ConfigMap validation), in the order written; empty when it accepts
 * them: a `data` value that is neither a string nor null (a null is stored as ""), a `binaryData`
 * value that is neither base64 nor null, a key of either that is not a valid ConfigMap key
 * (`IsConfigMapKey`: `bad key!`, `a/b`), or a key of `binaryData` that is also a key of `data`.
 * Whoever reads the ConfigMap then reads none of it.
 */
export function configMapRefusals(data: unknown, binaryData: unknown): ConfigMapRefusal[] {
  const written = entriesOf(data);
  const refusals: ConfigMapRefusal[] = [];
  for (const [key, value] of written) {
    if (!isSecretKey(key)) refusals.push({ field: 'data', key, problem: 'is not a valid ConfigMap key' });
    else if (value !== null && typeof value !== 'string') refusals.push({ field: 'data', key, problem: 'is not a string' });
  }
  const keys = new Set(written.map(([key]) => key));
  for (const [key, value] of entriesOf(binaryData)) {
    const refused = (problem: string) => refusals.push({ field: 'binaryData', key, problem });
    if (!isSecretKey(key)) refused('is not a valid ConfigMap key');
    else if (value !== null && typeof value !== 'string') refused('is not a string');
    else if (typeof value === 'string' && !isGoBase64(value)) refused('is not base64');
    else if (keys.has(key)) refused('repeats a key of data');
  }
  return refusals;
}
