/**
 * Where a character of a string field's value is written in the file, for a finding placed inside the YAML text the
 * field holds (a SecretProviderClass's `objects`): the scalar is read again from where it starts, each character of
 * its value matched with the one it is written as.
 *
 * - A block scalar, literal (`|`) or folded (`>`): its lines, their indentation removed, are the value's text in
 *   order, apart only from the line breaks, blank lines and spaces that folding and chomping make between and after
 *   them; each line's characters are written as themselves.
 * - A double-quoted scalar (JSON's strings too): an escape (`\n`, `\"`, `\u0041`, an escaped line break) gives
 *   characters that are not written as themselves; a line break folds into a space, or into as many line breaks as
 *   blank lines follow it, white space around it dropped. A single-quoted scalar so, with `''` for a quote.
 *
 * A character is placed only when the scalar read so gives the value exactly and the character is written as itself
 * (not made by an escape or a fold); a plain scalar and a block scalar with an explicit indentation indicator are not
 * read.
 */

/** The offset in `text` where each character of the value is written (-1: made by an escape or a fold), and the value read. */
interface ScalarReading {
  readonly value: string;
  readonly offsets: readonly number[];
}

/** A line of `text` from `from`: its content (no line break) and where the next starts (-1 at the end). */
function lineAt(text: string, from: number): { readonly content: string; readonly next: number } {
  const nl = text.indexOf('\n', from);
  const end = nl < 0 ? text.length : nl;
  const content = text.slice(from, end);
  return { content: content.endsWith('\r') ? content.slice(0, -1) : content, next: nl < 0 ? -1 : nl + 1 };
}

/** The node at `start`, past its tag and anchor (`!!str |`, `&a "x"`). */
function afterProperties(text: string, start: number): number {
  let i = start;
  while (text[i] === '!' || text[i] === '&') {
    while (i < text.length && !/[ \t\r\n]/.test(text[i])) i++;
    while (text[i] === ' ' || text[i] === '\t') i++;
  }
  return i;
}

/**
 * A block scalar whose header is at `start`, matched with `value`: each of its lines that is not blank, the content
 * indentation (that of the first such line) removed, must follow in `value` the one before, with only line breaks and
 * spaces between (those folding and the blank lines make).
 */
function blockScalar(text: string, start: number, value: string): ScalarReading | undefined {
  const header = lineAt(text, start);
  // an explicit indentation indicator counts from the parent's indentation, which is not known here
  if (/^[|>][-+]?[0-9]/.test(header.content) || /^[|>][0-9]/.test(header.content)) return undefined;
  const offsets: number[] = new Array(value.length).fill(-1);
  let indent: number | undefined;
  let p = 0;
  for (let from = header.next; from >= 0 && from < text.length;) {
    const line = lineAt(text, from);
    const spaces = /^ */.exec(line.content)![0].length;
    if (spaces === line.content.length) {
      from = line.next;
      continue;
    }
    indent ??= spaces;
    if (spaces < indent) break;
    const content = line.content.slice(indent);
    let q = p;
    while (q <= value.length && !value.startsWith(content, q)) {
      if (value[q] !== '\n' && value[q] !== ' ') return undefined;
      q++;
    }
    if (q > value.length) return undefined;
    for (let i = 0; i < content.length; i++) offsets[q + i] = from + indent + i;
    p = q + content.length;
    from = line.next;
  }
  return /^[ \n]*$/.test(value.slice(p)) ? { value, offsets } : undefined;
}

/** The characters a double-quoted escape stands for, by the letter after the backslash. */
const ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  'a': '\x07',
  'b': '\b',
  't': '\t',
  '\t': '\t',
  'n': '\n',
  'v': '\v',
  'f': '\f',
  'r': '\r',
  'e': '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  'N': '\u0085',
  '_': '\u00a0',
  'L': '\u2028',
  'P': '\u2029',
};
const HEX_DIGITS: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/** A quoted scalar whose opening quote is at `start`, read with where each character of its value is written. */
function quotedScalar(text: string, start: number): ScalarReading | undefined {
  const quote = text[start];
  const out: string[] = [];
  const offsets: number[] = [];
  const push = (s: string, at: number) => {
    for (const c of s) {
      out.push(c);
      offsets.push(at);
      // a character beyond the BMP is two code units, both written where it is
      if (c.length === 2) {
        out[out.length - 1] = c[0];
        out.push(c[1]);
        offsets.push(at < 0 ? -1 : at + 1);
      }
    }
  };
  /** The line breaks (or a space, when there are none) of a fold from the line break at `i`, and where the next line's text starts. */
  const fold = (i: number, escaped: boolean): number => {
    let j = text[i] === '\r' && text[i + 1] === '\n' ? i + 2 : i + 1;
    let breaks = 0;
    for (;;) {
      while (text[j] === ' ' || text[j] === '\t') j++;
      if (text[j] === '\n' || (text[j] === '\r' && text[j + 1] === '\n')) {
        breaks++;
        j += text[j] === '\r' ? 2 : 1;
        continue;
      }
      break;
    }
    if (breaks > 0) push('\n'.repeat(breaks), -1);
    else if (!escaped) push(' ', -1);
    return j;
  };
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === quote) {
      if (quote === '\'' && text[i + 1] === '\'') {
        push('\'', i);
        i += 2;
        continue;
      }
      return { value: out.join(''), offsets };
    }
    if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
      // white space before an unescaped line break is dropped (what an escape gave is kept)
      while (out.length > 0 && (out[out.length - 1] === ' ' || out[out.length - 1] === '\t') && offsets[offsets.length - 1] >= 0) {
        out.pop();
        offsets.pop();
      }
      i = fold(i, false);
      continue;
    }
    if (quote === '"' && c === '\\') {
      const e = text[i + 1];
      if (e === '\n' || (e === '\r' && text[i + 2] === '\n')) {
        i = fold(i + 1, true);
        continue;
      }
      const simple = e === undefined ? undefined : ESCAPES[e];
      if (simple !== undefined) {
        push(simple, -1);
        i += 2;
        continue;
      }
      const digits = e === undefined ? undefined : HEX_DIGITS[e];
      const hex = digits === undefined ? undefined : text.slice(i + 2, i + 2 + digits);
      if (hex === undefined || !new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(hex)) return undefined;
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) return undefined;
      push(String.fromCodePoint(code), -1);
      i += 2 + digits!;
      continue;
    }
    const cp = text.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    push(ch, i);
    i += ch.length;
  }
  return undefined;
}

/**
 * Where the character at `index` of `value`, a string field's value whose scalar starts at `start` in `text`, is
 * written: undefined when the scalar is not read here, does not read as `value`, or does not write that character as
 * itself.
 */
export function scalarSourceOffset(text: string, start: number, value: string, index: number): number | undefined {
  const at = afterProperties(text, start);
  const c = text[at];
  const reading = c === '|' || c === '>' ? blockScalar(text, at, value) : c === '"' || c === '\'' ? quotedScalar(text, at) : undefined;
  if (reading === undefined || reading.value !== value) return undefined;
  const offset = reading.offsets[index];
  return offset === undefined || offset < 0 ? undefined : offset;
}
