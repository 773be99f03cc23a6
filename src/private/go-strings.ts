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

/**
 * Go's `strconv.Quote` (and `%q` of a string), as Go writes the errors this catalogue quotes: a printable rune
 * (`unicode.IsPrint`: a letter, mark, number, punctuation, symbol, or the ASCII space) as it is, but `"` and `\`
 * escaped; `\a`, `\b`, `\f`, `\n`, `\r`, `\t` and `\v`; any other rune below U+0080 as `\xHH`, below U+10000 as
 * `\uHHHH`, and above as `\UHHHHHHHH`. A string decoded from YAML is valid UTF-8; a lone surrogate (which no such
 * string holds) is written as Go writes the replacement rune of bytes it cannot decode, `\ufffd`.
 */
export function goQuote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const escaped = ESCAPES[ch];
    if (escaped !== undefined) out += escaped;
    else if (code >= 0xd800 && code <= 0xdfff) out += '\\ufffd';
    else if (PRINTABLE.test(ch)) out += ch;
    else if (code < 0x80) out += `\\x${hex(code, 2)}`;
    else if (code < 0x10000) out += `\\u${hex(code, 4)}`;
    else out += `\\U${hex(code, 8)}`;
  }
  return out + '"';
}

/** The runes Go escapes by a letter, and the quote and backslash. */
const ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"', '\\': '\\\\', '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v',
};

/** `unicode.IsPrint`: the categories L, M, N, P and S, and the ASCII space. */
const PRINTABLE = /^[ \p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');
