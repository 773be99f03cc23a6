/**
 * The type Tekton gives a param's value and a param's declaration, read once for every rule and check that needs it.
 *
 * A value (a param's `default`, a run's or a pipeline task's `value`) is read as `ParamValue.UnmarshalJSON` reads it: a list
 * of strings is an array, a map of strings an object (a `null` item or entry is an empty string to Go), anything else a
 * string: a number, a bool, and a list or a map holding another list, map, number or bool, which Go keeps as the JSON text.
 *
 * A declaration's type is the one `ParamSpec.SetDefaults` (v1) sets before validation: the `type` written, else `object`
 * where `properties` are written (even `{}`), else the type of its default, else `string`.
 */
import { isObject } from './containers';

/** The three types of a Tekton param. */
export type TektonParamType = 'string' | 'array' | 'object';

/** Whether Go decodes that item or entry of a list or map into a string (`null` is one: it leaves the empty string). */
const goString = (x: unknown) => x === null || typeof x === 'string';

/** The type of a param's value as Go decodes it; undefined for none (`undefined`, `null`: no value, the field left nil). */
export function paramValueType(v: unknown): TektonParamType | undefined {
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return v.every(goString) ? 'array' : 'string';
  if (isObject(v)) return Object.values(v).every(goString) ? 'object' : 'string';
  return 'string';
}

/**
 * Go's JSON text of a value as the API server serves it (encoding/json of a map: keys sorted, compact, `<`, `>`, `&`, U+2028 and U+2029 escaped).
 * Tekton keeps the bytes it is given for a value that is no list or map of strings (`ParamValue.UnmarshalJSON`: `StringVal = string(value)`),
 * and those are not the text written: the API server decodes the request into a map and encodes it again with Go's encoding/json before
 * the webhook, the controller and every client read it, so the keys come sorted, the spaces go and those characters are escaped.
 */
function goJsonText(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(goJsonText).join(',')}]`;
  if (isObject(x)) return `{${Object.keys(x).sort().map((k) => `${goJsonText(k)}:${goJsonText(x[k])}`).join(',')}}`;
  const text = JSON.stringify(x) ?? 'null';
  return typeof x === 'string'
    ? text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    : text;
}

/**
 * A value as Go decodes it (`ParamValue.UnmarshalJSON`, see paramValueType): a string (a number's, a bool's, and a list's or a map's
 * holding another value than a string: its JSON text, as the API server serves it), an array or an object of strings (a `null` item or
 * entry the empty string); undefined for none. The JSON text is the API server's re-encoding (goJsonText), keys sorted and `<`, `>`, `&`
 * escaped, not the text written, because that is what Tekton compares with an enum's values and substitutes into a step: `{b: 1, a: "<"}`
 * is `{"a":"\u003c","b":1}` to Tekton, and an enum written `['{"b":1,"a":"<"}']` does not hold it.
 */
export type GoParamValue =
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'array'; readonly values: string[] }
  | { readonly type: 'object'; readonly entries: Array<[string, string]> };

export function goParamValue(v: unknown): GoParamValue | undefined {
  switch (paramValueType(v)) {
    case undefined: return undefined;
    case 'array': return { type: 'array', values: (v as unknown[]).map((x) => (typeof x === 'string' ? x : '')) };
    case 'object': return { type: 'object', entries: Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, typeof x === 'string' ? x : '']) };
    default: return { type: 'string', value: typeof v === 'string' ? v : goJsonText(v) };
  }
}

/**
 * A declared param's type as `ParamSpec.SetDefaults` sets it: the `type` written (any non-empty text, which validation may
 * then refuse), else `object` with `properties`, else its default's, else `string`.
 */
export function declaredParamType(p: unknown): string {
  const spec: any = isObject(p) ? p : {};
  if (typeof spec.type === 'string' && spec.type !== '') return spec.type;
  if (spec.properties !== undefined && spec.properties !== null) return 'object';
  return paramValueType(spec.default) ?? 'string';
}

/** The declared type where it is one of Tekton's three, undefined where the written `type` is another (which Tekton's webhook refuses). */
export function knownParamType(p: unknown): TektonParamType | undefined {
  const t = declaredParamType(p);
  return t === 'string' || t === 'array' || t === 'object' ? t : undefined;
}
