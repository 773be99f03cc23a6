/**
 * Go's `strings.ToLower` (unicode.ToLower rune by rune), which Go programs such as Tekton use to
 * read case-insensitive settings. It differs from JavaScript's `toLowerCase` where Unicode's
 * special casing applies: `İ` (U+0130) is `i` to Go and `i̇` (two code points) to JavaScript,
 * and `Σ` is always `σ` to Go, never the final `ς`.
 */
export function goToLower(text: string): string {
  return text.replace(/\u0130/g, 'i').replace(/\u03a3/g, '\u03c3').toLowerCase();
}

/** What Go's `unicode.IsSpace` counts as space (and `strings.TrimSpace` trims): not U+FEFF, but U+0085. */
const GO_SPACE = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const GO_TRIM = new RegExp(`^[${GO_SPACE}]+|[${GO_SPACE}]+$`, 'g');

/** Go's `strings.TrimSpace`. */
export function goTrimSpace(text: string): string {
  return text.replace(GO_TRIM, '');
}
