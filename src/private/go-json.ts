import { isObject } from './containers';

/**
 * How Go's encoding/json matches an object's keys to a struct's fields (Go 1.21 and later):
 * the field of exactly that name, else the one whose name equals the key after `foldName`,
 * which turns ASCII letters to upper case and every other rune into the smallest rune of its
 * simple fold orbit. Field names are ASCII, so only `ſ` (U+017F, which folds with `s`) and the
 * Kelvin sign (U+212A, which folds with `k`) reach one from outside ASCII.
 */

/** Go's `foldName` for a key that may match an ASCII field name. */
function goFoldName(key: string): string {
  return key.replace(/[a-z\u017f\u212a]/g, (c) => (c === '\u017f' ? 'S' : c === '\u212a' ? 'K' : c.toUpperCase()));
}

/** The field of `fields` that encoding/json decodes `key` into, or undefined (an unknown key). */
export function goJsonField(key: string, fields: readonly string[]): string | undefined {
  if (fields.includes(key)) return key;
  const folded = goFoldName(key);
  return fields.find((f) => goFoldName(f) === folded);
}

/**
 * The first key of `obj` that encoding/json decodes into one of `fields` though spelled
 * otherwise (`Kind` for `kind`), with that field; undefined when every such key is spelled as
 * its field. Where an object is decoded into Go types and written back (a defaulting webhook's
 * round trip), such a key becomes that field, the last of two spellings winning.
 */
export function otherSpelling(obj: Record<string, unknown>, fields: readonly string[]): { readonly key: string; readonly field: string } | undefined {
  for (const key of Object.keys(obj)) {
    const field = goJsonField(key, fields);
    if (field !== undefined && field !== key) return { key, field };
  }
  return undefined;
}

/** A JSON object as read from its text: its members in order, a repeated key kept (encoding/json decodes each in turn; JSON.parse keeps the last). */
export class JsonMembers {
  constructor(readonly members: ReadonlyArray<{ readonly key: string; readonly value: JsonText }>) {}
}

/** A JSON value as read from its text (goReadJson): an object as JsonMembers, at every depth. */
export type JsonText = null | boolean | number | string | readonly JsonText[] | JsonMembers;

/**
 * The first JSON value of `text`, read as encoding/json's `json.NewDecoder(r).Decode` reads it: what follows that value is not read;
 * `{ value: undefined }` where the text holds only blanks (io.EOF); undefined where the value is not valid JSON.
 */
export function goReadJson(text: string): { readonly value: JsonText | undefined } | undefined {
  let i = 0;
  const token = (re: RegExp): string | undefined => {
    re.lastIndex = i;
    const m = re.exec(text);
    if (m !== null) i = re.lastIndex;
    return m?.[0];
  };
  const BLANK = /[ \t\n\r]*/y;
  const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
  const LITERAL = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null/y;
  const read = (): JsonText => {
    token(BLANK);
    const open = text[i];
    if (open === '{' || open === '[') {
      i++;
      const members: Array<{ key: string; value: JsonText }> = [];
      const elements: JsonText[] = [];
      token(BLANK);
      if (text[i] === (open === '{' ? '}' : ']')) {
        i++;
      } else {
        for (let more = true; more;) {
          if (open === '{') {
            token(BLANK);
            const key = token(STRING);
            if (key === undefined || (token(BLANK), text[i++]) !== ':') throw new SyntaxError(`no member at ${i}`);
            members.push({ key: JSON.parse(key), value: read() });
          } else {
            elements.push(read());
          }
          token(BLANK);
          const next = text[i++];
          more = next === ',';
          if (!more && next !== (open === '{' ? '}' : ']')) throw new SyntaxError(`no ',' or end at ${i - 1}`);
        }
      }
      return open === '{' ? new JsonMembers(members) : elements;
    }
    const scalar = token(STRING) ?? token(LITERAL);
    if (scalar === undefined) throw new SyntaxError(`no value at ${i}`);
    return JSON.parse(scalar);
  };
  if (/^[ \t\n\r]*$/.test(text)) return { value: undefined };
  try {
    return { value: read() };
  } catch {
    return undefined;
  }
}

/** The value JSON.parse gives for a JsonText: of a repeated key, the last. */
export function jsonParsed(value: JsonText): unknown {
  if (Array.isArray(value)) return value.map(jsonParsed);
  if (!(value instanceof JsonMembers)) return value;
  return Object.fromEntries(value.members.map(({ key, value: v }) => [key, jsonParsed(v)]));
}

/**
 * Go's ordering of strings (`<`, sort.Strings): byte by byte of their UTF-8, which is not JavaScript's order of UTF-16 units where
 * a character beyond U+FFFF (a surrogate pair, D800-DFFF) meets one of U+E000-U+FFFF: Go puts `😀` (F0 9F 98 80) after `\uE000`
 * (EE 80 80), JavaScript's `<` before it.
 */
export const goStringOrder = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** A map's entries in the order of their keys' bytes (Go's sort of a map's keys when it writes JSON). */
export const sortedEntries = (value: Record<string, unknown>): Array<[string, unknown]> =>
  Object.entries(value).sort(([a], [b]) => goStringOrder(a, b));

/**
 * The members of an object as encoding/json reads them: a JsonText's in the order written (its repeated keys kept); a plain object's
 * (JSON.parse's value, a manifest as read) in the order of their keys' bytes, as encoding/json writes a map (the API server stores an
 * object it keeps unstructured, a custom resource's, so: `Tolerations` before `tolerations`, whatever the order written).
 */
function membersOf(value: Record<string, unknown>): ReadonlyArray<readonly [string, unknown]> {
  return value instanceof JsonMembers ? value.members.map(({ key, value: v }) => [key, v] as const) : sortedEntries(value);
}

/**
 * A slice goDecode gave, with its backing array: the entries past its length that encoding/json decoded before into the same slice
 * (decode.go `array()` cuts a slice to its length and, decoding a later array into it, grows it within its capacity over those entries
 * without clearing them, golang/go#21092).
 */
const BACKING = new WeakMap<readonly unknown[], readonly unknown[]>();

/** The zero value of a Go type where a slice's entry is new: "" for a string, an empty struct; undefined (nil, or unknown) otherwise. */
function goZero(type: GoType): unknown {
  return type === 'string' ? '' : typeof type === 'object' && 'struct' in type && type.pointer !== true ? {} : undefined;
}

/**
 * A Go type as encoding/json decodes into it: a string, number or bool where which one does not matter (`scalar`), a Go string
 * (`string`), a pointer to either (`pointerTo`, which a null empties: `*int64`), a map (its keys are data) of a type, a struct (its
 * fields by their JSON names; `pointer` where the field is a pointer to it, which a null empties), a slice of a type.
 */
export type GoType = 'scalar' | 'string' | { readonly pointerTo: 'scalar' | 'string' } | { readonly map: GoType }
  | { readonly struct: Readonly<Record<string, GoType>>; readonly pointer?: boolean } | { readonly slice: GoType };

/**
 * `value` decoded by encoding/json into `type` over what earlier keys of the same field left (`prev`; undefined: the zero value): a struct's
 * keys matched to its fields case-insensitively (goJsonField), each in turn over the last; a null leaving a struct or scalar as it is and
 * emptying a pointer, map or slice; a map's entries set over those there; an array decoded element by element over the elements already
 * there (a second key of a slice field merges with the first's entries at the same index), then cut to its length, the entries past it
 * kept for a later array (up to the longest decoded before: encoding/json grows the slice over its old backing array), an empty array
 * making a new slice. A value of another JSON type fails the decoding and is not read: what was there stays. An object's members are
 * decoded in turn in membersOf's order: a JsonText's as written, repeated keys too, a plain object's in its keys' byte order (a map's
 * values are set as they are).
 */
export function goDecode(prev: unknown, value: unknown, type: GoType): unknown {
  if (typeof type === 'object' && 'pointerTo' in type) return value === null ? undefined : goDecode(prev, value, type.pointerTo);
  const scalar = type === 'scalar' || type === 'string';
  if (value === null) return scalar || (typeof type === 'object' && 'struct' in type && type.pointer !== true) ? prev : undefined;
  if (type === 'scalar') return isObject(value) || Array.isArray(value) ? prev : value;
  if (type === 'string') return typeof value === 'string' ? value : prev;
  if ('map' in type) return isObject(value) ? { ...(isObject(prev) ? prev : {}), ...Object.fromEntries(membersOf(value)) } : prev;
  if ('slice' in type) {
    if (!Array.isArray(value)) return prev;
    // `[]` makes a new slice (MakeSlice(0, 0)): what was decoded before is gone, as after a null
    if (value.length === 0) return [];
    const before = Array.isArray(prev) ? BACKING.get(prev) ?? prev : [];
    const out = value.map((v, i) => goDecode(before[i], v, type.slice) ?? goZero(type.slice));
    BACKING.set(out, [...out, ...before.slice(out.length)]);
    return out;
  }
  if (!isObject(value)) return prev;
  const fields = Object.keys(type.struct);
  const out: Record<string, unknown> = isObject(prev) ? { ...prev } : {};
  for (const [k, v] of membersOf(value)) {
    const field = goJsonField(k, fields);
    if (field === undefined) continue;
    const decoded = goDecode(out[field], v, type.struct[field]);
    if (decoded === undefined) delete out[field];
    else out[field] = decoded;
  }
  return out;
}

/**
 * Where `value` is not of the Go type `type`, which fails encoding/json's decoding of the whole value (a null fits any; a struct's keys
 * matched as goJsonField matches them, others ignored): the path of the first value of another type, from `at`, and the JSON type its
 * field takes, with that value; undefined where it fits. An object read as JsonText has every member checked, repeated keys too (encoding/json
 * decodes each and keeps the first error).
 */
export function goTypeMismatch(value: unknown, type: GoType, at: string)
  : { readonly at: string; readonly wanted: string; readonly value: unknown } | undefined {
  if (value === null) return undefined;
  if (typeof type === 'object' && 'pointerTo' in type) return goTypeMismatch(value, type.pointerTo, at);
  if (type === 'scalar') return isObject(value) || Array.isArray(value) ? { at, wanted: 'string, number or boolean', value } : undefined;
  if (type === 'string') return typeof value === 'string' ? undefined : { at, wanted: 'string', value };
  if ('slice' in type) {
    if (!Array.isArray(value)) return { at, wanted: 'array', value };
    for (const [k, v] of value.entries()) {
      const bad = goTypeMismatch(v, type.slice, `${at}[${k}]`);
      if (bad !== undefined) return bad;
    }
    return undefined;
  }
  if (!isObject(value)) return { at, wanted: 'object', value };
  for (const [key, v] of membersOf(value)) {
    const field = 'map' in type ? key : goJsonField(key, Object.keys(type.struct));
    if (field === undefined) continue;
    const bad = goTypeMismatch(v, 'map' in type ? type.map : type.struct[field], `${at}.${key}`);
    if (bad !== undefined) return bad;
  }
  return undefined;
}
