/**
 * Lookups in the library's own tables by text from the objects it reads (a program's name, a
 * flag, a Secret's type, a resolver): only the table's own keys count, never `constructor`,
 * `toString`, `__proto__` … that every JavaScript object inherits.
 */

/** Whether `key` is a key of `record` itself (a value read as a key that is not text, a map or a list, is none). */
export function ownKey(record: object, key: string): boolean {
  return (typeof key === 'string' || typeof key === 'number') && Object.prototype.hasOwnProperty.call(record, key);
}

/** The value of `record`'s own key `key`; undefined for any other key. */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return ownKey(record, key) ? record[key] : undefined;
}
