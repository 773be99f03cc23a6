/**
 * Kubernetes resource quantities as the API server reads them:
 * `resource.Quantity.UnmarshalJSON` (k8s.io/apimachinery/pkg/api/resource/quantity.go)
 * trims white space and calls `ParseQuantity`, whose grammar is
 *
 *     <quantity> ::= <sign>? <number> <suffix>
 *     <number>   ::= <digits> | <digits>.<digits> | <digits>. | .<digits>
 *     <suffix>   ::= "" | n | u | m | k | M | G | T | P | E | Ki | Mi | Gi | Ti | Pi | Ei | (e|E) <int64>
 *
 * with the scanner's quirks kept: digits may be missing altogether ("Mi", "-", "."
 * and "+.k" are zero), an exponent is truncated to int32 (`int32(parsed)` in
 * suffix.go), a value too precise for int64 arithmetic goes through inf.Dec and
 * then needs at least one digit ("e-10" and "Pi" are errors), non-zero values are
 * rounded up (away from zero) to a whole nano-unit, and binary-suffixed values are
 * capped at 2^63-1 units.
 */

/** Nano-units in one unit. */
import { goTrimSpace } from './go-strings';

export const NANO = 1_000_000_000n;

const MAX_INT64 = (2n ** 63n) - 1n;

/** Values beyond this many decimal digits are only known to be huge (no quantity limit comes near). */
const HUGE_DIGITS = 400;

/** A magnitude beyond every limit a rule compares with. */
const HUGE = 10n ** BigInt(HUGE_DIGITS);


const DECIMAL_SUFFIXES: ReadonlyMap<string, number> = new Map([
  ['n', -9], ['u', -6], ['m', -3], ['', 0], ['k', 3], ['M', 6], ['G', 9], ['T', 12], ['P', 15], ['E', 18],
]);
const BINARY_SUFFIXES: ReadonlyMap<string, number> = new Map([
  ['Ki', 10], ['Mi', 20], ['Gi', 30], ['Ti', 40], ['Pi', 50], ['Ei', 60],
]);

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/**
 * A quantity as written in a manifest (a string, or a number as JSON writes it)
 * in nano-units as the API server reads it, or undefined where it is refused.
 */
export function parseQuantity(value: unknown): bigint | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? parseQuantityString(JSON.stringify(value)) : undefined;
  return typeof value === 'string' ? parseQuantityString(goTrimSpace(value)) : undefined;
}

/** `ParseQuantity(str)` in nano-units, or undefined where it returns an error. */
export function parseQuantityString(str: string): bigint | undefined {
  // manifests write a few quantities again and again (`100m`, `1Gi`): each text is read once (the outcome depends on it alone)
  if (PARSED.has(str)) return PARSED.get(str);
  const nanos = readQuantity(str);
  if (PARSED.size >= 4_096) PARSED.clear();
  PARSED.set(str, nanos);
  return nanos;
}

/** What `parseQuantityString` read of each text. */
const PARSED = new Map<string, bigint | undefined>();

/** `parseQuantityString`, read afresh. */
function readQuantity(str: string): bigint | undefined {
  if (str.length === 0) return undefined;
  if (str === '0') return 0n;
  const scanned = scan(str);
  if (!scanned) return undefined;
  const { positive, num, denom, suffix, hasDigits } = scanned;
  const interpreted = interpret(suffix);
  if (!interpreted) return undefined;
  const { base, exponent } = interpreted;
  // ParseQuantity's int64 fast path; a value it leaves to inf.Dec needs a digit.
  let fast: boolean;
  if (base === 2) {
    fast = denom.length === 0 && 15 - num.length - Math.trunc(exponent * 3 / 10) - 1 >= 0;
  } else {
    fast = 18 - (num.length + denom.length) >= 0 && exponent - denom.length >= -9;
  }
  if (!fast && !hasDigits) return undefined;
  const n = BigInt(num + denom);
  if (n === 0n) return 0n;
  // |value| = n * 10^(e10) * 2^(e2), in nano-units rounded up
  const e10 = (base === 10 ? exponent : 0) - denom.length + 9;
  const e2 = base === 2 ? exponent : 0;
  let nanos: bigint;
  if (e10 + (num + denom).replace(/^0+/, '').length > HUGE_DIGITS) {
    nanos = HUGE;
  } else if (e10 >= 0) {
    nanos = n * 10n ** BigInt(e10) * 2n ** BigInt(e2);
  } else if (-e10 > (num + denom).length + HUGE_DIGITS) {
    nanos = 1n;
  } else {
    const d = 10n ** BigInt(-e10);
    const scaled = n * 2n ** BigInt(e2);
    nanos = (scaled + d - 1n) / d;
  }
  if (base === 2 && nanos > MAX_INT64 * NANO) nanos = MAX_INT64 * NANO;
  return positive ? nanos : -nanos;
}

/** `parseQuantityString` of quantity.go: sign, number and suffix, or undefined for ErrFormatWrong. */
function scan(str: string): { positive: boolean; num: string; denom: string; suffix: string; hasDigits: boolean } | undefined {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (str[0] === '-') {
    positive = false;
    pos++;
  } else if (str[0] === '+') {
    pos++;
  }
  const numberStart = pos;
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, num: '0', denom: '', suffix: '', hasDigits: pos > numberStart };
  const numStart = pos;
  while (pos < end && isDigit(str[pos])) pos++;
  let num = str.slice(numStart, pos);
  if (num === '') num = '0';
  let denom = '';
  if (str[pos] === '.') {
    pos++;
    const denomStart = pos;
    while (pos < end && isDigit(str[pos])) pos++;
    denom = str.slice(denomStart, pos);
  }
  const hasDigits = /[0-9]/.test(str.slice(numberStart, pos));
  const suffixStart = pos;
  while (pos < end && 'eEinumkKMGTP'.includes(str[pos])) pos++;
  if (pos >= end) return { positive, num, denom, suffix: str.slice(suffixStart), hasDigits };
  if (str[pos] === '-' || str[pos] === '+') pos++;
  while (pos < end && isDigit(str[pos])) pos++;
  if (pos < end) return undefined;
  return { positive, num, denom, suffix: str.slice(suffixStart), hasDigits };
}

/** The suffixer of suffix.go: base and exponent, or undefined for ErrSuffix. */
function interpret(suffix: string): { base: 2 | 10; exponent: number } | undefined {
  const decimal = DECIMAL_SUFFIXES.get(suffix);
  if (decimal !== undefined) return { base: 10, exponent: decimal };
  const binary = BINARY_SUFFIXES.get(suffix);
  if (binary !== undefined) return { base: 2, exponent: binary };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E')) {
    // strconv.ParseInt(suffix[1:], 10, 64), then int32(parsed)
    const digits = suffix.slice(1);
    if (!/^[+-]?[0-9]+$/.test(digits)) return undefined;
    const parsed = BigInt(digits);
    if (parsed > MAX_INT64 || parsed < -MAX_INT64 - 1n) return undefined;
    return { base: 10, exponent: Number(BigInt.asIntN(32, parsed)) };
  }
  return undefined;
}

/** Nano-units in `text` of a known-valid quantity, e.g. `quantity('64')`; for limits written in code. */
export function quantity(text: string): bigint {
  const q = parseQuantityString(text);
  if (q === undefined) throw new Error(`not a quantity: ${text}`);
  return q;
}
