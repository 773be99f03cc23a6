/**
 * Go's `strings.ToLower` (unicode.ToLower rune by rune), which Go programs such as Tekton use to
 * read case-insensitive settings. It differs from JavaScript's `toLowerCase` where Unicode's
 * special casing applies: `İ` (U+0130) is `i` to Go and `i̇` (two code points) to JavaScript,
 * and `Σ` is always `σ` to Go, never the final `ς`.
 */
export function goToLower(text: string): string {
  return text.replace(/\u0130/g, 'i').replace(/\u03a3/g, '\u03c3').toLowerCase();
}
