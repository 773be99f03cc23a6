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
