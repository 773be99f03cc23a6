import { jsString } from './text';
/**
 * Scalars as kubectl reads them: go-yaml v2 (gopkg.in/yaml.v2 = go.yaml.in/yaml/v2 v2.4.x,
 * the parser under sigs.k8s.io/yaml) resolves them (resolve.go, decode.go), then
 * sigs.k8s.io/yaml turns the result into JSON (yaml.go: convertToJSONableObject, json.Marshal).
 *
 * - booleans: y Y yes Yes YES true True TRUE on On ON, and n N no No NO false False FALSE off Off OFF
 *   (no other case variants);
 * - null: the empty plain scalar, ~ null Null NULL;
 * - ints: strconv.ParseInt/ParseUint with base 0 after removing every `_`: decimal, 0x/0X hex,
 *   0o/0O and leading-0 octal (0777 is 511), 0b/0B binary, one sign; beyond uint64 they are floats;
 * - floats: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$` (so 08 is the float 8), .5 forms,
 *   .inf/.Inf/.INF (+/-), .nan/.NaN/.NAN; out-of-range floats stay strings; no sexagesimal (1:30 is a string);
 * - timestamps stay the string as written (decode.go keeps them strings in interface{} values);
 * - quoted and block scalars are strings; the non-specific tag `!` makes any scalar a string;
 * - explicit tags: !!str, !!int, !!float, !!bool, !!null, !!timestamp resolve like the plain form and
 *   fail when the value is of another type (`cannot decode !!bool \`yes\` as a !!int`), an !!int is
 *   accepted as !!float; !!binary is base64 decoded; any other tag is ignored (the value is a string).
 */

const LONG_PREFIX = 'tag:yaml.org,2002:';
export const STR_TAG = `${LONG_PREFIX}str`;
export const BOOL_TAG = `${LONG_PREFIX}bool`;
export const INT_TAG = `${LONG_PREFIX}int`;
export const FLOAT_TAG = `${LONG_PREFIX}float`;
export const NULL_TAG = `${LONG_PREFIX}null`;
export const TIMESTAMP_TAG = `${LONG_PREFIX}timestamp`;
export const BINARY_TAG = `${LONG_PREFIX}binary`;
export const MERGE_TAG = `${LONG_PREFIX}merge`;

/** A resolved scalar: ints are bigints (exact, like Go's int/uint64), floats are numbers. */
export interface Resolved {
  readonly tag: string;
  readonly value: string | boolean | null | bigint | number;
}

/** What go-yaml v2 fails with (the message as go-yaml words it). */
export class GoYamlError extends Error {}

/** `!!int` for `tag:yaml.org,2002:int`, as go-yaml's messages write tags. */
export function shortTag(tag: string): string {
  return tag.startsWith(LONG_PREFIX) ? `!!${tag.slice(LONG_PREFIX.length)}` : tag;
}

const RESOLVE_MAP = new Map<string, Resolved>();
for (const [value, tag, words] of [
  [true, BOOL_TAG, ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']],
  [false, BOOL_TAG, ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']],
  [null, NULL_TAG, ['', '~', 'null', 'Null', 'NULL']],
  [NaN, FLOAT_TAG, ['.nan', '.NaN', '.NAN']],
  [Infinity, FLOAT_TAG, ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']],
  [-Infinity, FLOAT_TAG, ['-.inf', '-.Inf', '-.INF']],
] as const) {
  for (const word of words) RESOLVE_MAP.set(word, { tag, value });
}

const RESOLVABLE = new Set(['', STR_TAG, BOOL_TAG, INT_TAG, FLOAT_TAG, NULL_TAG, TIMESTAMP_TAG]);
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/** strconv.ParseFloat on a string that starts with '.': digits, `_` only between digits. */
export const DOT_FLOAT = /^\.[0-9]+(?:_[0-9]+)*(?:[eE][-+]?[0-9]+(?:_[0-9]+)*)?$/;
const SMALL_DECIMAL = /^[1-9][0-9]{0,14}$/;
export const MAX_INT64 = 2n ** 63n - 1n;
const MAX_UINT64 = 2n ** 64n - 1n;

/** The first character's class in go-yaml's resolve table (0: always a string). */
export function hint(c: string): string {
  if (c === '+' || c === '-') return 'S';
  if (c >= '0' && c <= '9') return 'D';
  if ('yYnNtTfFoO~'.includes(c)) return 'M';
  return c === '.' ? '.' : '';
}

/** strconv.ParseUint(s, base, 64); base 0 reads the 0x/0o/0b/0 prefixes. Undefined on any error. */
export function parseUint(s: string, base: number): bigint | undefined {
  if (s === '') return undefined;
  if (base === 0) {
    base = 10;
    if (s[0] === '0') {
      const p = s.length >= 3 ? s[1].toLowerCase() : '';
      if (p === 'b' || p === 'o' || p === 'x') {
        base = p === 'b' ? 2 : p === 'o' ? 8 : 16;
        s = s.slice(2);
      } else {
        base = 8;
        s = s.slice(1);
      }
    }
  }
  const b = BigInt(base);
  let n = 0n;
  for (const c of s) {
    const d = parseInt(c, 36);
    if (Number.isNaN(d) || d >= base) return undefined;
    n = n * b + BigInt(d);
    if (n > MAX_UINT64) return undefined;
  }
  return n;
}

/** strconv.ParseInt(s, base, 64): one optional sign, then ParseUint, within int64. */
export function parseInt64(s: string, base: number): bigint | undefined {
  if (s === '') return undefined;
  const neg = s[0] === '-';
  const u = parseUint(s[0] === '+' || s[0] === '-' ? s.slice(1) : s, base);
  if (u === undefined) return undefined;
  if (!neg && u > MAX_INT64) return undefined;
  if (neg && u > MAX_INT64 + 1n) return undefined;
  return neg ? -u : u;
}

/** strconv.ParseFloat(s, 64) of a decimal string already in go-yaml's float form; undefined when out of range. */
function parseFloat64(s: string): number | undefined {
  const f = Number(s.replace(/_/g, ''));
  return Number.isFinite(f) ? f : undefined;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const TIMESTAMP = /^(\d{4})-(\d\d?)-(\d\d?)(?:(?:[Tt](\d\d?):(\d\d?):(\d\d?)(?:[.,]\d+)?(?:Z|[+-](\d\d):(\d\d)))|(?: (\d\d?):(\d\d?):(\d\d?)(?:[.,]\d+)?))?$/;

/** go-yaml's parseTimestamp: the four time.Parse layouts it tries, with time.Parse's range checks. */
export function isTimestamp(s: string): boolean {
  const m = TIMESTAMP.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day < 1 || day > (month === 2 && leap ? 29 : DAYS[month - 1])) return false;
  const [h, min, sec] = m[4] !== undefined ? [m[4], m[5], m[6]] : [m[9], m[10], m[11]];
  if (h !== undefined && (Number(h) > 23 || Number(min) > 59 || Number(sec) > 59)) return false;
  if (m[7] !== undefined && (Number(m[7]) > 24 || Number(m[8]) > 60)) return false;
  return true;
}

/** resolve.go `resolve(tag, in)` before its deferred tag check. */
function resolveAs(tag: string, s: string): Resolved {
  const h = s === '' ? 'N' : hint(s[0]);
  if (h !== '' && tag !== STR_TAG && tag !== BINARY_TAG) {
    const known = RESOLVE_MAP.get(s);
    if (known) return known;
    if (h === '.') {
      const f = DOT_FLOAT.test(s) ? parseFloat64(s) : undefined;
      if (f !== undefined) return { tag: FLOAT_TAG, value: f };
    } else if (h === 'D' || h === 'S') {
      // a timestamp is a string in the result either way; only an explicit !!timestamp needs the check
      if (tag === TIMESTAMP_TAG && isTimestamp(s)) return { tag: TIMESTAMP_TAG, value: s };
      if (SMALL_DECIMAL.test(s)) return { tag: INT_TAG, value: BigInt(s) };
      const plain = s.replace(/_/g, '');
      const i = parseInt64(plain, 0) ?? parseUint(plain, 0);
      if (i !== undefined) return { tag: INT_TAG, value: i };
      if (YAML_STYLE_FLOAT.test(plain)) {
        const f = parseFloat64(plain);
        if (f !== undefined) return { tag: FLOAT_TAG, value: f };
      }
      if (plain.startsWith('0b')) {
        // go-yaml's own binary branch: ParseInt(plain[2:], 2), so "0b-101" is -5
        const b = parseInt64(plain.slice(2), 2) ?? parseUint(plain.slice(2), 2);
        if (b !== undefined) return { tag: INT_TAG, value: b };
      } else if (plain.startsWith('-0b')) {
        const b = parseInt64(`-${plain.slice(3)}`, 2);
        if (b !== undefined) return { tag: INT_TAG, value: b };
      }
    }
  }
  return { tag: STR_TAG, value: s };
}

/**
 * go-yaml v2's `resolve(tag, in)`: tag is '' for an untagged plain scalar, else the node's
 * (long) tag. Throws GoYamlError where go-yaml fails.
 */
export function resolve(tag: string, s: string): Resolved {
  if (!RESOLVABLE.has(tag)) return { tag, value: s };
  const r = resolveAs(tag, s);
  if (tag === '' || tag === r.tag || tag === STR_TAG) return r;
  if (tag === FLOAT_TAG && r.tag === INT_TAG && (r.value as bigint) <= MAX_INT64) {
    return { tag: FLOAT_TAG, value: Number(r.value) };
  }
  throw new GoYamlError(`cannot decode ${shortTag(r.tag)} \`${s}\` as a ${shortTag(tag)}`);
}

/** base64.StdEncoding.DecodeString: padding required, CR and LF ignored. */
export function decodeBase64(s: string): Uint8Array | undefined {
  const t = s.replace(/[\r\n]/g, '');
  if (t.length % 4 !== 0 || !/^[A-Za-z0-9+/]*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(t)) return undefined;
  return Buffer.from(t, 'base64');
}

/** The code point and length of the valid UTF-8 sequence at bytes[i] (Go's utf8.DecodeRune), or undefined. */
export function utf8At(bytes: Uint8Array, i: number): { readonly cp: number; readonly length: number } | undefined {
  const b = bytes[i];
  if (b < 0x80) return { cp: b, length: 1 };
  const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
  if (length === 0 || i + length > bytes.length) return undefined;
  let cp = b - (length === 2 ? 0xc0 : length === 3 ? 0xe0 : 0xf0);
  for (let k = 1; k < length; k++) {
    const c = bytes[i + k];
    if (c < 0x80 || c > 0xbf) return undefined;
    cp = cp * 64 + (c - 0x80);
  }
  // overlong forms, surrogates and code points beyond U+10FFFF are invalid
  if ((length === 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (length === 4 && (cp < 0x10000 || cp > 0x10ffff))) return undefined;
  return { cp, length };
}

/** A Go string of arbitrary bytes as encoding/json writes it: each invalid byte becomes U+FFFD. */
export function goBytesToString(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const r = utf8At(bytes, i);
    out += r ? String.fromCodePoint(r.cp) : '\ufffd';
    i += r ? r.length : 1;
  }
  return out;
}

/**
 * A float map key as sigs.k8s.io/yaml writes it: strconv.FormatFloat(f, 'g', -1, 32), with
 * go-yaml's .inf/-.inf/.nan.
 */
export function formatFloatKey(f: number): string {
  if (Number.isNaN(f)) return '.nan';
  if (f === Infinity) return '.inf';
  if (f === -Infinity) return '-.inf';
  const x = Math.fround(f);
  if (!Number.isFinite(x)) return x > 0 ? '.inf' : '-.inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  // the shortest decimal that reads back as the same float32
  let digits = '';
  let exp = 0;
  for (let p = 1; p <= 9; p++) {
    const e = Math.abs(x).toExponential(p - 1);
    if (Math.fround(Number(e)) === Math.abs(x)) {
      const [mant, ex] = e.split('e');
      digits = mant.replace('.', '').replace(/0+$/, '') || '0';
      exp = Number(ex);
      break;
    }
  }
  const sign = x < 0 ? '-' : '';
  if (exp < -4 || exp >= 6) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp) < 10 ? `0${Math.abs(exp)}` : jsString(Math.abs(exp));
    return `${sign}${mant}e${exp < 0 ? '-' : '+'}${e}`;
  }
  const dp = exp + 1;
  if (dp <= 0) return `${sign}0.${'0'.repeat(-dp)}${digits}`;
  if (dp >= digits.length) return `${sign}${digits}${'0'.repeat(dp - digits.length)}`;
  return `${sign}${digits.slice(0, dp)}.${digits.slice(dp)}`;
}
