/**
 * Whether Tekton v1.15 decodes a YAML value of config-defaults into its Go type (pkg/apis/config NewDefaultsFromMap's
 * yamlUnmarshal: sigs.k8s.io/yaml v1.6.0, strict then lenient), from the value as sigs.k8s.io/yaml reads the YAML
 * (decodeYamlText) and the Go types of CONFIG_DEFAULTS_TYPES: first its conversion to JSON, which writes a number or a
 * boolean as a string where the Go type it is converted against is a string (the type of a struct's JSON field, matched
 * exactly or else in any case, but for a field promoted from an embedded struct the embedded struct's own: a `configMap:
 * {name: 5}` of a volume stays a number), and nothing below a type that decodes itself; then encoding/json's decoding, which
 * fails on any value of another JSON type than its Go type takes anywhere (unknown fields are dropped, null is any type's).
 */
import { CONFIG_DEFAULTS_TYPES, GoKind } from './config-defaults-types';
import { isObject } from './containers';
import { goParseDuration } from './go-duration';
import { goDecode, goJsonField, GoType, sortedEntries } from './go-json';
import { goQuote } from './go-strings';
import { decodeYamlText } from './lazy-yaml';
import { parseQuantity } from './quantity';

const TYPES = CONFIG_DEFAULTS_TYPES.types;

/** The kind of the type of that name. */
const kindOf = (type: string | undefined): GoKind | undefined => (type === undefined ? undefined : TYPES[type]);

/** The JSON field of a struct a key goes to: its name exactly, else the first (in name order) that equals it in any case (encoding/json's fold). */
function fieldOf(kind: GoKind, key: string): { readonly type: string; readonly via?: string } | undefined {
  const fields = kind.fields ?? {};
  const name = goJsonField(key, Object.keys(fields).sort());
  return name === undefined ? undefined : fields[name];
}

/** The value sigs.k8s.io/yaml's convertToJSONableObject makes of `value` converted against the type `type` (undefined: none). */
function converted(value: unknown, type: string | undefined): unknown {
  const kind = kindOf(type);
  // a type that decodes itself is converted against nothing, nor anything below it
  const target = kind?.kind === 'unmarshaler' ? undefined : kind;
  if (Array.isArray(value)) return value.map((v) => converted(v, target?.kind === 'slice' ? target.elem : undefined));
  if (isObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => {
      if (target?.kind === 'struct') {
        const field = fieldOf(target, k);
        return [k, converted(v, field === undefined ? undefined : field.via ?? field.type)];
      }
      return [k, converted(v, target?.kind === 'map' ? target.elem : undefined)];
    }));
  }
  return target?.kind === 'string' && (typeof value === 'number' || typeof value === 'boolean') ? String(value) : value;
}

/**
 * The Go type of that name as goDecode decodes into it (`pointer`: a field's pointer to it): a struct's fields by their JSON names
 * (in name order, as fieldOf matches them), a slice's or a map's element; a string as a Go string; a bool, a number or any other
 * kind as a scalar, and a type that decodes itself as one a null empties (resource.Quantity and metav1.Time clear themselves).
 */
const GO_TYPES = new Map<string, GoType>();
function goTypeOf(type: string, pointer = false): GoType {
  const name = `${pointer ? '*' : ''}${type}`;
  const known = GO_TYPES.get(name);
  if (known !== undefined) return known;
  const kind = kindOf(type);
  let out: GoType;
  if (kind?.kind === 'struct') {
    const fields = sortedEntries(kind.fields ?? {}) as Array<[string, { readonly type: string; readonly pointer?: boolean }]>;
    out = { struct: Object.fromEntries(fields.map(([f, t]) => [f, goTypeOf(t.type, t.pointer)])), pointer };
  } else if (kind?.kind === 'slice' || kind?.kind === 'map') {
    const elem = goTypeOf(kind.elem!);
    out = kind.kind === 'slice' ? { slice: elem } : { map: elem };
  } else {
    const scalar = kind?.kind === 'string' ? 'string' : 'scalar';
    out = pointer || kind?.kind === 'unmarshaler' ? { pointerTo: scalar } : scalar;
  }
  GO_TYPES.set(name, out);
  return out;
}

/** A struct field of CONFIG_DEFAULTS_TYPES: its type, the embedded struct it is promoted from, whether it is a pointer. */
export type GoField = NonNullable<GoKind['fields']>[string];

/**
 * What encoding/json leaves in a struct field of config-defaults' Go types (`field`, CONFIG_DEFAULTS_TYPES) that several keys set,
 * `values` as sigs.k8s.io/yaml reads the YAML in the order decoded: each converted as sigs.k8s.io/yaml converts it and decoded
 * over what the earlier left (goDecode: a struct's or a map's keys merged, a list's entries decoded over the earlier's at the
 * same index, a null emptying a pointer, slice or map and leaving a value as it was); undefined where it leaves the field unset.
 */
export function configDefaultFieldDecoded(values: readonly unknown[], field: GoField): unknown {
  const type = goTypeOf(field.type, field.pointer);
  return values.reduce((prev: unknown, v) => goDecode(prev, converted(v, field.via ?? field.type), type), undefined);
}

/** Go's time.Parse(time.RFC3339, s), as metav1.Time reads a string. */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/;
function rfc3339(s: string): boolean {
  const m = RFC3339.exec(s);
  if (m === null) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const zone = m[7] === undefined || (Number(m[7]) < 24 && Number(m[8]) < 60);
  return month >= 1 && month <= 12 && day >= 1 && day <= days && hour < 24 && minute < 60 && second < 60 && zone;
}

/** Where encoding/json fails to decode a value: the path of the value as written (`securityContext.runAsUser`, '' for the whole), the value, the Go type. */
export interface DecodeFailure {
  readonly path: string;
  readonly value: unknown;
  readonly type: string;
}

/** The path of a field or an element below `path`. */
const below = (path: string, key: string | number): string => (typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`);

/** The exact digits of an integer beyond 2^53 that a mapping entry or sequence item (index as key) of a decoded value holds. */
export type IntegerText = (parent: object, key: string) => string | undefined;

/**
 * Where encoding/json fails to decode the JSON value `value` into the type `type` (the first, in the order written), or
 * undefined when it decodes. `original` is the value before conversion (same shape), whose containers `integerText` knows.
 */
function decodeFailure(
  value: unknown, original: unknown, type: string, path: string, integerText: IntegerText | undefined, exact?: string,
): DecodeFailure | undefined {
  const kind = kindOf(type);
  if (value === null || kind === undefined) return undefined;
  const fail: DecodeFailure = { path, value: exact === undefined ? value : BigInt(exact), type };
  const each = (entries: Array<[string | number, unknown, string | undefined]>): DecodeFailure | undefined => {
    for (const [k, v, t] of entries) {
      const from = isObject(original) || Array.isArray(original) ? (original as any)[k] : undefined;
      const digits = integerText !== undefined && (isObject(original) || Array.isArray(original)) ? integerText(original, String(k)) : undefined;
      const f = t === undefined ? undefined : decodeFailure(v, from, t, below(path, k), integerText, digits);
      if (f !== undefined) return f;
    }
    return undefined;
  };
  switch (kind.kind) {
    case 'unmarshaler':
      if (kind.name === 'resource.Quantity') {
        // its UnmarshalJSON parses a string's text, or the text of anything else (a number's JSON: a bool's or a list's never parses)
        return parseQuantity(exact ?? value) !== undefined ? undefined : fail;
      }
      if (kind.name === 'v1.Time') return typeof value === 'string' && rfc3339(value) ? undefined : fail;
      // FieldsV1 keeps any JSON as it is
      return undefined;
    case 'string': return typeof value === 'string' ? undefined : fail;
    case 'bool': return typeof value === 'boolean' ? undefined : fail;
    case 'int':
    case 'uint': {
      if (typeof value !== 'number' || !Number.isInteger(value) || Math.abs(value) >= 1e21) return fail;
      const bits = BigInt(kind.bits ?? 64);
      // beyond 2^53 the number may not be exact: the digits sigs.k8s.io/yaml writes decide, an integer's own (int64,
      // uint64) or else a float's shortest digits padded with zeros, as JavaScript writes them too (-2^63 - 1 is
      // the float -2^63, written -9223372036854776000)
      const n = BigInt(exact ?? String(value));
      const fits = kind.kind === 'int' ? n >= -(2n ** (bits - 1n)) && n < 2n ** (bits - 1n) : n >= 0n && n < 2n ** bits;
      return fits ? undefined : fail;
    }
    case 'float': return typeof value === 'number' && (kind.bits !== 32 || Math.abs(value) <= 3.4028234663852886e38) ? undefined : fail;
    case 'bytes': return typeof value === 'string' && /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(value.replace(/[\r\n]/g, '')) ? undefined : fail;
    case 'any': return undefined;
    case 'slice': return Array.isArray(value) ? each(value.map((v, i) => [i, v, kind.elem])) : fail;
    // (sigs.k8s.io/yaml hands encoding/json the keys sorted: the first failure is the first in that order)
    case 'map': return isObject(value) ? each(sortedEntries(value).map(([k, v]) => [k, v, kind.elem])) : fail;
    case 'struct': return isObject(value) ? each(sortedEntries(value).map(([k, v]) => [k, v, fieldOf(kind, k)?.type])) : fail;
    default: return fail;
  }
}

/** What the Go type `type` takes, for messages (`a whole number (int64)`, `a mapping (v1.PodSecurityContext)`). */
export function goTypeText(type: string): string {
  const kind = kindOf(type);
  switch (kind?.kind) {
    case 'string': return 'a string';
    case 'bool': return 'true or false, unquoted';
    case 'int': return `a whole number, unquoted (${type})`;
    case 'uint': return `a whole number of 0 or more, unquoted (${type})`;
    case 'float': return `a number, unquoted (${type})`;
    case 'bytes': return 'base64 text';
    case 'slice': return `a list (${type})`;
    case 'map':
    case 'struct': return `a mapping (${type})`;
    case 'unmarshaler':
      if (kind.name === 'resource.Quantity') return 'a quantity (`1Gi`, `500m`)';
      if (kind.name === 'v1.Time') return 'an RFC 3339 time (`2020-01-01T00:00:00Z`)';
      return type;
    default: return type;
  }
}

/**
 * Whether Tekton v1.15 decodes `value` (a config-defaults key's YAML as sigs.k8s.io/yaml reads it) into the Go type of `key`
 * (`default-pod-template`, `default-affinity-assistant-pod-template` or `default-container-resource-requirements`).
 */
export function tektonDecodesConfigDefault(key: string, value: unknown, integerText?: IntegerText): boolean {
  return configDefaultDecodeFailure(key, value, integerText) === undefined;
}

/**
 * Where Tekton v1.15 fails to decode `value` into the Go type of `key` (see tektonDecodesConfigDefault), or undefined;
 * `integerText` (decodeYamlText's) gives the exact digits of integers beyond 2^53.
 */
export function configDefaultDecodeFailure(key: string, value: unknown, integerText?: IntegerText): DecodeFailure | undefined {
  const type = CONFIG_DEFAULTS_TYPES.roots[key];
  return type === undefined ? undefined : decodeFailure(converted(value, type), value, type, '', integerText);
}

/** Keys of one mapping that encoding/json decodes into one field of a Go struct (equal but for case): where, the keys in the order decoded, the field. */
export interface FoldedKeys {
  /** The path of the mapping in the value (`''` for the whole, `securityContext`, `volumes[0].hostPath`). */
  readonly path: string;
  /** The keys as written, in the order of their bytes (the order encoding/json decodes them in, the last decoded over the others). */
  readonly keys: readonly string[];
  /** The field's JSON name. */
  readonly field: string;
  /** What encoding/json leaves in the field of the keys' values (configDefaultFieldDecoded), undefined where it is unset. */
  readonly reads: unknown;
}

/** The mappings of `value` (as decoded into `type`) with two keys or more for one field of a struct, in the order written, at any depth. */
function foldedKeys(value: unknown, type: string | undefined, path: string): FoldedKeys[] {
  const kind = kindOf(type);
  if (kind === undefined || kind.kind === 'unmarshaler') return [];
  if (Array.isArray(value)) return kind.kind === 'slice' ? value.flatMap((v, i) => foldedKeys(v, kind.elem, below(path, i))) : [];
  if (!isObject(value)) return [];
  if (kind.kind === 'map') return sortedEntries(value).flatMap(([k, v]) => foldedKeys(v, kind.elem, below(path, k)));
  if (kind.kind !== 'struct') return [];
  const byField = new Map<string, string[]>();
  const out: FoldedKeys[] = [];
  for (const [k] of sortedEntries(value)) {
    const field = goJsonField(k, Object.keys(kind.fields ?? {}).sort());
    if (field !== undefined) byField.set(field, [...byField.get(field) ?? [], k]);
  }
  for (const [field, keys] of byField) {
    if (keys.length > 1) out.push({ path, keys, field, reads: configDefaultFieldDecoded(keys.map((k) => value[k]), kind.fields![field]) });
    for (const k of keys) out.push(...foldedKeys(value[k], fieldOf(kind, k)?.type, below(path, k)));
  }
  return out;
}

/**
 * The mappings of a config-defaults key's YAML (`value` as sigs.k8s.io/yaml reads it) that give one field of Tekton's Go type
 * two keys or more, equal but for case (`HostNetwork` and `hostNetwork`): encoding/json decodes each into that field, in the
 * order of their bytes, decoding an object into what the earlier one left (a struct's or a map's fields merged), a list's entries
 * over the earlier's at the same index, and leaving a bool, number, string or struct as it was for a null, so that what Tekton
 * applies (`reads`) is none of the keys alone.
 */
export function configDefaultFoldedKeys(key: string, value: unknown): readonly FoldedKeys[] {
  const type = CONFIG_DEFAULTS_TYPES.roots[key];
  return type === undefined ? [] : foldedKeys(value, type, '');
}

/** config-defaults keys Tekton v1.15 reads with strconv.ParseInt (base 10, 64 bits) (pkg/apis/config/default.go NewDefaultsFromMap). */
export const CONFIG_DEFAULTS_INT_KEYS: readonly string[] = ['default-timeout-minutes', 'default-max-matrix-combinations-count', 'default-step-ref-concurrency-limit'];

/** config-defaults keys Tekton v1.15 reads with time.ParseDuration. */
export const CONFIG_DEFAULTS_DURATION_KEYS: readonly string[] = ['default-imagepullbackoff-timeout', 'default-create-container-error-timeout',
  'default-maximum-resolution-timeout', 'default-sidecar-log-polling-interval'];

/** config-defaults keys Tekton v1.15 decodes as YAML into a Go type (CONFIG_DEFAULTS_TYPES). */
export const CONFIG_DEFAULTS_YAML_KEYS: readonly string[] = ['default-pod-template', 'default-affinity-assistant-pod-template', 'default-container-resource-requirements'];

/** One config-defaults key Tekton v1.15 cannot read, which makes NewDefaultsFromMap fail on the whole ConfigMap. */
export interface ConfigDefaultsUnreadable {
  /** The key. */
  readonly key: string;
  /** Its value, as the API server stores it (a null is ""). */
  readonly value: string;
  /** Why Tekton cannot read it, for messages (`is not a whole number …`). */
  readonly problem: string;
  /** What Tekton takes, for fixes. */
  readonly takes: string;
  /** What Tekton uses without the key, for fixes (`60`, `no default pod template`). */
  readonly unset: string;
  /**
   * The error NewDefaultsFromMap returns when this key is the first it fails on (`failed parsing default config
   * "default-timeout-minutes"`); for `default-create-container-error-timeout`, the text before time.ParseDuration's own error.
   */
  readonly tektonError: string;
}

/**
 * Every key of config-defaults `data` (values as written; a null is "", as the API server stores it; a value that is not
 * a string, which the API server refuses, is not judged) that Tekton v1.15 cannot read, in the order NewDefaultsFromMap
 * reads them (it fails on the first, refusing the whole ConfigMap): an int key that strconv.ParseInt (base 10, 64 bits)
 * does not read, an empty value included; a duration key that time.ParseDuration does not read; a default pod template,
 * affinity assistant template or container requirements that is not YAML sigs.k8s.io/yaml reads, or that encoding/json
 * cannot decode into its Go type at some depth (configDefaultDecodeFailure).
 */
export function configDefaultsUnreadable(data: Readonly<Record<string, unknown>>): readonly ConfigDefaultsUnreadable[] {
  // read once per data: every rule that reads config-defaults asks
  let found = UNREADABLE.get(data);
  if (found === undefined) {
    found = unreadableKeys(data);
    UNREADABLE.set(data, found);
  }
  return found;
}

const UNREADABLE = new WeakMap<object, readonly ConfigDefaultsUnreadable[]>();

function unreadableKeys(data: Readonly<Record<string, unknown>>): ConfigDefaultsUnreadable[] {
  const text = (key: string): string | undefined => {
    if (!Object.prototype.hasOwnProperty.call(data, key)) return undefined;
    const v = data[key];
    return v === null ? '' : typeof v === 'string' ? v : undefined;
  };
  const out: Array<ConfigDefaultsUnreadable & { readonly order: number }> = [];
  CONFIG_DEFAULTS_INT_KEYS.forEach((key) => {
    const v = text(key);
    if (v === undefined) return;
    const digits = /^[+-]?[0-9]+$/.test(v);
    if (digits && BigInt(v) <= 2n ** 63n - 1n && BigInt(v) >= -(2n ** 63n)) return;
    out.push({
      key,
      value: v,
      order: READ_ORDER.indexOf(key),
      unset: UNSET[key],
      takes: `a whole number in quotes ("${UNSET[key]}")`,
      tektonError: `failed parsing default config ${goQuote(key)}`,
      problem: digits ? 'is beyond the 64-bit integers Go\'s strconv.ParseInt reads' : 'is not a whole number Go\'s strconv.ParseInt reads (decimal digits, a sign before them)',
    });
  });
  CONFIG_DEFAULTS_DURATION_KEYS.forEach((key) => {
    const v = text(key);
    if (v === undefined || goParseDuration(v) !== undefined) return;
    out.push({
      key,
      value: v,
      order: READ_ORDER.indexOf(key),
      unset: UNSET[key],
      takes: 'a Go duration in quotes ("5m", "100ms")',
      // (for these two, Tekton's error names the value instead of the key: its variable of the value shadows the key's name)
      tektonError: `failed parsing default config ${goQuote(key === 'default-sidecar-log-polling-interval' || key === 'default-maximum-resolution-timeout' ? v : key)}`,
      problem: 'is not a duration Go\'s time.ParseDuration reads (a number and a unit: ns, us, ms, s, m, h; a lone 0)',
    });
  });
  CONFIG_DEFAULTS_YAML_KEYS.forEach((key) => {
    const v = text(key);
    if (v === undefined) return;
    const root = CONFIG_DEFAULTS_TYPES.roots[key];
    const decoded = decodeYamlText(v);
    const failure = decoded === undefined ? undefined : configDefaultDecodeFailure(key, decoded.value, decoded.integerText);
    if (decoded !== undefined && failure === undefined) return;
    const at = failure === undefined ? undefined : failure.path === '' ? 'the whole value' : failure.path;
    out.push({
      key,
      value: v,
      order: READ_ORDER.indexOf(key),
      unset: UNSET[key],
      tektonError: `failed to unmarshal ${v}`,
      takes: failure === undefined || failure.path === '' ? goTypeText(root) : `${failure.path} as ${goTypeText(failure.type)}`,
      problem: failure === undefined
        ? `is not YAML that sigs.k8s.io/yaml reads, so Tekton cannot decode it into its ${root}`
        : `does not decode into Tekton's ${root} (${at} is ${shown(failure.value)}, where encoding/json takes ${goTypeText(failure.type)})`,
    });
  });
  return out.sort((a, b) => a.order - b.order).map(({ order, ...u }) => u);
}


/** What Tekton v1.15 uses without each key (pkg/apis/config/default.go). */
const UNSET: Readonly<Record<string, string>> = {
  'default-timeout-minutes': '60',
  'default-max-matrix-combinations-count': '256',
  'default-step-ref-concurrency-limit': '5',
  'default-imagepullbackoff-timeout': '0s, no timeout',
  'default-create-container-error-timeout': '0s, no timeout',
  'default-maximum-resolution-timeout': '1m',
  'default-sidecar-log-polling-interval': '100ms',
  'default-pod-template': 'no default pod template',
  'default-affinity-assistant-pod-template': 'no default affinity assistant template',
  'default-container-resource-requirements': 'no default requirements',
};

/** The order in which NewDefaultsFromMap reads the keys it can fail on. */
const READ_ORDER: readonly string[] = ['default-timeout-minutes', 'default-pod-template', 'default-affinity-assistant-pod-template',
  'default-max-matrix-combinations-count', 'default-container-resource-requirements', 'default-imagepullbackoff-timeout',
  'default-create-container-error-timeout', 'default-maximum-resolution-timeout', 'default-sidecar-log-polling-interval',
  'default-step-ref-concurrency-limit'];

/** A decoded value, for messages: as JSON (a string quoted). */
function shown(value: unknown): string {
  if (typeof value === 'bigint') return value.toString();
  return JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)) ?? String(value);
}

/** Whether Tekton v1.15 cannot read config-defaults `data` as a whole (configDefaultsUnreadable finds a key). */
export function tektonCannotReadConfigDefaults(data: Readonly<Record<string, unknown>>): boolean {
  return configDefaultsUnreadable(data).length > 0;
}
