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
import { goJsonField } from './go-json';
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

/** Whether encoding/json decodes the JSON value `value` into the type `type`. */
function decodes(value: unknown, type: string): boolean {
  const kind = kindOf(type);
  if (value === null || kind === undefined) return true;
  switch (kind.kind) {
    case 'unmarshaler':
      if (kind.name === 'resource.Quantity') {
        // its UnmarshalJSON parses a string's text, or the text of anything else (a number's JSON: a bool's or a list's never parses)
        return parseQuantity(value) !== undefined;
      }
      if (kind.name === 'v1.Time') return typeof value === 'string' && rfc3339(value);
      // FieldsV1 keeps any JSON as it is
      return true;
    case 'string': return typeof value === 'string';
    case 'bool': return typeof value === 'boolean';
    case 'int':
    case 'uint': {
      if (typeof value !== 'number' || !Number.isInteger(value) || Math.abs(value) >= 1e21) return false;
      const bits = kind.bits ?? 64;
      return kind.kind === 'int' ? value >= -(2 ** (bits - 1)) && value < 2 ** (bits - 1) : value >= 0 && value < 2 ** bits;
    }
    case 'float': return typeof value === 'number' && (kind.bits !== 32 || Math.abs(value) <= 3.4028234663852886e38);
    case 'bytes': return typeof value === 'string' && /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(value.replace(/[\r\n]/g, ''));
    case 'any': return true;
    case 'slice': return Array.isArray(value) && value.every((v) => decodes(v, kind.elem!));
    case 'map': return isObject(value) && Object.values(value).every((v) => decodes(v, kind.elem!));
    case 'struct': return isObject(value) && Object.entries(value).every(([k, v]) => {
      const field = fieldOf(kind, k);
      return field === undefined || decodes(v, field.type);
    });
    default: return false;
  }
}

/**
 * Whether Tekton v1.15 decodes `value` (a config-defaults key's YAML as sigs.k8s.io/yaml reads it) into the Go type of `key`
 * (`default-pod-template`, `default-affinity-assistant-pod-template` or `default-container-resource-requirements`).
 */
export function tektonDecodesConfigDefault(key: string, value: unknown): boolean {
  const type = CONFIG_DEFAULTS_TYPES.roots[key];
  return type === undefined || decodes(converted(value, type), type);
}
