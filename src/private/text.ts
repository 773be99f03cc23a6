/**
 * Text helpers that never throw, whatever value a caller (JavaScript, Python,
 * Java or Go through jsii) passes where a string is expected.
 */
import { inspect } from 'util';

/** `value` as text for a message: strings as they are, anything else described without throwing. */
export function safeText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  try {
    // circular structures, getters that throw and exotic objects are all described, never thrown
    return inspect(value, { depth: 2, breakLength: Infinity, maxArrayLength: 10, maxStringLength: 200 });
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/**
 * `String(value)`, except for a value `String` throws on (a map of the manifest with a key
 * `toString` or `valueOf`, or an array holding one): `[object Object]`, `[object Array]`,
 * as any other map or list of a field that wants a string reads.
 */
export function jsString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** `value` quoted for a message: `"text"` with JSON escapes, so control characters stay visible. */
export function quoted(value: unknown): string {
  return JSON.stringify(safeText(value));
}

/** Fewest visible characters a relaxation's reason must have. */
export const MIN_REASON_LENGTH = 10;

/**
 * Most characters (code points) a relaxation's reason may have, as recorded: reasons are
 * written into annotations, which the API server limits to 256 KiB per object.
 */
export const MAX_REASON_LENGTH = 1024;

/**
 * Characters that do not count as visible: whitespace, control and format
 * characters (zero-width spaces and joiners, bidi marks, soft hyphen, BOM),
 * combining marks, and the Hangul and Braille blanks.
 */
const INVISIBLE = /[\s\p{Cc}\p{Cf}\p{Z}\p{M}\u115F\u1160\u3164\uFFA0\u2800]/u;

/** How many visible characters `text` has. */
export function visibleLength(text: string): number {
  let n = 0;
  for (const ch of text) if (!INVISIBLE.test(ch)) n++;
  return n;
}

/**
 * A reason as it is recorded: runs of whitespace and control characters become
 * one space (a reason is one line in the YAML annotation), trimmed.
 */
export function normalizeReason(reason: string): string {
  return reason.replace(/[\s\p{Cc}]+/gu, ' ').trim();
}

/**
 * Text shown literally in a Markdown table cell: a code span (no links, HTML or
 * emphasis inside one), long enough to hold any run of backticks in the text,
 * with `|` escaped so that the table keeps its columns.
 */
export function markdownLiteral(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  if (flat === '') return '';
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || (flat.startsWith(' ') && flat.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${flat.replace(/\|/g, '\\|')}${pad}${fence}`;
}

/** `value` as a TypeScript string literal for a fix: single-quoted, with JSON's escapes. */
export function tsString(value: string): string {
  return `'${JSON.stringify(value).slice(1, -1).replace(/'/g, "\\'")}'`;
}

/** `key` as a TypeScript object key for a fix: bare when it is an identifier, else quoted. */
export function tsKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : tsString(key);
}

/**
 * An array literal for a fix, in TypeScript: the items given (the first `length`), then `'<value>'` up to `length` items.
 */
export function paddedArray(given: readonly string[] | undefined, length: number): string {
  const items = (given ?? []).slice(0, length).map((v) => tsString(String(v)));
  while (items.length < length) items.push("'<value>'");
  return `[${items.join(', ')}]`;
}

/** An object literal for a fix, in TypeScript: a value for each of `keys`, the one given where there is one, else `'<value>'`. */
export function objectLiteral(keys: readonly string[], given: { readonly [key: string]: string } = {}): string {
  if (keys.length === 0) return "{ '<key>': '<value>' }";
  return `{ ${keys.map((k) => `${tsKey(k)}: ${Object.prototype.hasOwnProperty.call(given, k) ? tsString(String(given[k])) : "'<value>'"}`).join(', ')} }`;
}

/** A string as a regular expression (JavaScript's, or an extended POSIX one) that matches exactly it. */
export function literalPattern(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
