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
