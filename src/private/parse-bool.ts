/**
 * Go's `strconv.ParseBool` (src/strconv/atob.go), which Go programs such as the
 * Vault CSI provider use to read boolean settings: exactly these spellings,
 * nothing trimmed, nothing else case-folded.
 */

/** The spellings `strconv.ParseBool` reads as true. */
export const GO_TRUE_SPELLINGS: readonly string[] = ['1', 't', 'T', 'true', 'TRUE', 'True'];

/** The spellings `strconv.ParseBool` reads as false. */
export const GO_FALSE_SPELLINGS: readonly string[] = ['0', 'f', 'F', 'false', 'FALSE', 'False'];

/** `text` as `strconv.ParseBool` reads it, or undefined where it returns an error. */
export function goParseBool(text: string): boolean | undefined {
  if (GO_TRUE_SPELLINGS.includes(text)) return true;
  if (GO_FALSE_SPELLINGS.includes(text)) return false;
  return undefined;
}
