/**
 * Go's `strings.ToLower` (unicode.ToLower rune by rune), which Go programs such as Tekton use to
 * read case-insensitive settings. It differs from JavaScript's `toLowerCase` where Unicode's
 * special casing applies: `İ` (U+0130) is `i` to Go and `i̇` (two code points) to JavaScript,
 * and `Σ` is always `σ` to Go, never the final `ς`.
 */
export function goToLower(text: string): string {
  return text.replace(/\u0130/g, 'i').replace(/\u03a3/g, '\u03c3').toLowerCase();
}

/** The white space Go's `strings.TrimSpace` removes (`unicode.IsSpace`): U+0085 is space, a byte-order mark is not. */
const GO_SPACE = '\t\n\v\f\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';

/** Go's `unicode.IsSpace` of one UTF-16 code unit (every space Go knows is one). */
export function isGoSpace(c: string): boolean {
  return c.length === 1 && GO_SPACE.includes(c);
}

/** Go's `strings.TrimSpace`. */
export function goTrimSpace(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isGoSpace(s[start])) start++;
  while (end > start && isGoSpace(s[end - 1])) end--;
  return s.slice(start, end);
}

/**
 * Go's `strings.EqualFold(text, ascii)` for an `ascii` of ASCII characters only: case is ignored as Unicode's simple
 * folding does, where `ſ` (U+017F) is an `s` and the Kelvin sign (U+212A) a `k`, and no other character folds to ASCII.
 */
export function goEqualFoldAscii(text: string, ascii: string): boolean {
  return text.replace(/[\u017f\u212a]/g, (c) => (c === '\u017f' ? 's' : 'k')).replace(/[A-Z]/g, (c) => c.toLowerCase()) === ascii.toLowerCase();
}
