/**
 * Whether Go's `regexp.Compile` accepts a pattern, decided as its parser (regexp/syntax,
 * Go 1.26, Perl flags) decides it, with its error message: escapes (`\Z`, `\C`, `\1` are
 * refused, `\12` is octal), repetition (`**` is refused, counts above 1000 and nested counted
 * repetitions whose product exceeds 1000 too), a repetition with nothing before it, groups and
 * flag groups, named captures, character classes (ranges, POSIX `[:name:]` classes), and the
 * Unicode class names of `\p{…}` (go-unicode-classes.ts, from Go itself). Not modelled: Go's
 * limits on the size of the compiled program and the depth of the parse tree ("expression too
 * large", "expression nests too deeply"), which patterns of a few kilobytes can reach (a
 * thousand nested groups, `(?:a{1000}){1000}` several times over).
 */
import { GO_UNICODE_CLASSES } from './go-unicode-classes';

const isAlnum = (c: string) => /^[A-Za-z0-9]$/.test(c);
const isOctal = (c: string | undefined) => c !== undefined && c >= '0' && c <= '7';
const isHex = (c: string | undefined) => c !== undefined && /^[0-9A-Fa-f]$/.test(c);

/** The POSIX classes Go knows, as written inside a class. */
const POSIX = new Set(['alnum', 'alpha', 'ascii', 'blank', 'cntrl', 'digit', 'graph', 'lower', 'print', 'punct', 'space', 'upper', 'word', 'xdigit']
  .flatMap((n) => [`[:${n}:]`, `[:^${n}:]`]));
const PERL_CLASSES = new Set(['d', 'D', 's', 'S', 'w', 'W']);

/**
 * Go's canonical form of a Unicode class name (`canonicalName`): no `_`, `-` or space, the first
 * character upper case and the others lower case, for ASCII letters only (`ſ` or the Kelvin sign
 * stay as they are, so `\p{ſyriac}` names no class).
 */
function canonicalClassName(name: string): string {
  let first = true;
  let out = '';
  for (const c of name.replace(/[_\- ]/g, '')) {
    out += first ? (c >= 'a' && c <= 'z' ? c.toUpperCase() : c) : (c >= 'A' && c <= 'Z' ? c.toLowerCase() : c);
    first = false;
  }
  return out;
}

/** A parsed node: enough structure to check nested counted repetitions as Go does. */
interface Node {
  readonly min?: number;
  readonly max?: number;
  readonly counted?: boolean;
  readonly subs: Node[];
}

/** Go's `repeatIsValid`: nested counted repetitions multiply to at most `n`. */
function repeatIsValid(node: Node, n: number): boolean {
  let limit = n;
  if (node.counted) {
    let m = node.max!;
    if (m === 0) return true;
    if (m < 0) m = node.min!;
    if (m > limit) return false;
    if (m > 0) limit = Math.floor(limit / m);
  }
  return node.subs.every((s) => repeatIsValid(s, limit));
}

class GoRegexpSyntaxError {
  constructor(readonly message: string) {}
}

/** Go's message for a parse error: `error parsing regexp: <code>: \`<expr>\``. */
const fail = (code: string, expr: string): never => {
  throw new GoRegexpSyntaxError(`error parsing regexp: ${code}: \`${expr}\``);
};

/** Patterns already judged: every reference is matched against every pattern of its namespace. */
const judged = new Map<string, string | undefined>();

/** The error Go's `regexp.Compile` returns for `pattern`, or undefined when it compiles. */
export function goRegexpError(pattern: string): string | undefined {
  if (judged.has(pattern)) return judged.get(pattern);
  let error: string | undefined;
  try {
    parse([...pattern]);
  } catch (e) {
    if (!(e instanceof GoRegexpSyntaxError)) throw e;
    error = e.message;
  }
  if (judged.size < 10_000) judged.set(pattern, error);
  return error;
}

/** `[n, rest]` of a decimal integer at `i` (Go's parseInt: no leading zeros; -1 when too big), or undefined. */
function parseInt_(s: string[], i: number): [number, number] | undefined {
  if (i >= s.length || !(s[i] >= '0' && s[i] <= '9')) return undefined;
  if (s[i] === '0' && i + 1 < s.length && s[i + 1] >= '0' && s[i + 1] <= '9') return undefined;
  let j = i;
  while (j < s.length && s[j] >= '0' && s[j] <= '9') j++;
  let n = 0;
  for (let k = i; k < j; k++) {
    if (n >= 1e8) {
      n = -1;
      break;
    }
    n = n * 10 + Number(s[k]);
  }
  return [n, j];
}

/** Go's parseRepeat at `i` (s[i] is `{`): [min, max, next] or undefined when it is a literal `{`. */
function parseRepeat(s: string[], i: number): [number, number, number] | undefined {
  const first = parseInt_(s, i + 1);
  if (first === undefined) return undefined;
  let [min, j] = first;
  let max: number;
  if (j >= s.length) return undefined;
  if (s[j] !== ',') {
    max = min;
  } else {
    j++;
    if (j >= s.length) return undefined;
    if (s[j] === '}') {
      max = -1;
    } else {
      const second = parseInt_(s, j);
      if (second === undefined) return undefined;
      [max, j] = second;
      if (max < 0) min = -1;
    }
  }
  if (j >= s.length || s[j] !== '}') return undefined;
  return [min, max, j + 1];
}

/** Go's parseEscape at `i` (s[i] is `\`): the index after the escape, or a thrown error. */
function parseEscape(s: string[], i: number): number {
  if (i + 1 >= s.length) fail('trailing backslash at end of expression', '');
  const c = s[i + 1];
  let j = i + 2;
  if (c.length === 1 && c.charCodeAt(0) < 0x80 && !isAlnum(c)) return j;
  if ((c >= '1' && c <= '7' && isOctal(s[j])) || c === '0') {
    for (let k = 1; k < 3 && isOctal(s[j]); k++) j++;
    return j;
  }
  if (c === 'x') {
    if (j < s.length) {
      if (s[j] === '{') {
        let k = j + 1;
        let value = 0;
        let digits = 0;
        while (k < s.length && s[k] !== '}') {
          if (!isHex(s[k])) break;
          value = value * 16 + parseInt(s[k], 16);
          if (value > 0x10ffff) break;
          digits++;
          k++;
        }
        if (k < s.length && s[k] === '}' && digits > 0) return k + 1;
        // the message covers what was read up to the failure
        fail('invalid escape sequence', s.slice(i, Math.min(k + 1, s.length)).join(''));
      }
      if (isHex(s[j]) && isHex(s[j + 1])) return j + 2;
      j = Math.min(j + 2, s.length);
    }
  } else if ('afnrtv'.includes(c)) {
    return j;
  }
  return fail('invalid escape sequence', s.slice(i, j).join(''));
}

/** Go's parseUnicodeClass at `i` (s[i] is `\`, s[i+1] is `p` or `P`): the index after it. */
function parseUnicodeClass(s: string[], i: number): number {
  let name: string;
  let next: number;
  if (s[i + 2] !== '{') {
    name = s[i + 2] ?? '';
    next = Math.min(i + 3, s.length);
  } else {
    const end = s.indexOf('}', i);
    if (end < 0) fail('invalid character class range', s.slice(i).join(''));
    name = s.slice(i + 3, end).join('');
    next = end + 1;
  }
  if (name.startsWith('^')) name = name.slice(1);
  if (!GO_UNICODE_CLASSES.has(canonicalClassName(name))) fail('invalid character class range', s.slice(i, next).join(''));
  return next;
}

/** Go's parseClass at `i` (s[i] is `[`): the index after the class. */
function parseClass(s: string[], i: number): number {
  let t = i + 1;
  if (s[t] === '^') t++;
  let first = true;
  const classChar = (at: number): [string, number] => {
    if (at >= s.length) fail('missing closing ]', s.slice(i).join(''));
    if (s[at] === '\\') {
      const end = parseEscape(s, at);
      return [escapedRune(s, at, end), end];
    }
    return [s[at], at + 1];
  };
  while (t >= s.length || s[t] !== ']' || first) {
    first = false;
    if (s[t] === '[' && s[t + 1] === ':' && t + 2 < s.length) {
      const close = s.slice(t + 2).join('').indexOf(':]');
      if (close >= 0) {
        const name = s.slice(t, t + 2 + [...s.slice(t + 2).join('').slice(0, close)].length + 2).join('');
        if (!POSIX.has(name)) fail('invalid character class range', name);
        t += [...name].length;
        continue;
      }
    }
    if (s[t] === '\\' && (s[t + 1] === 'p' || s[t + 1] === 'P')) {
      t = parseUnicodeClass(s, t);
      continue;
    }
    if (s[t] === '\\' && PERL_CLASSES.has(s[t + 1])) {
      t += 2;
      continue;
    }
    const start = t;
    const [lo, afterLo] = classChar(t);
    t = afterLo;
    if (t + 1 < s.length && s[t] === '-' && s[t + 1] !== ']') {
      const [hi, afterHi] = classChar(t + 1);
      if (hi.codePointAt(0)! < lo.codePointAt(0)!) fail('invalid character class range', s.slice(start, afterHi).join(''));
      t = afterHi;
    }
  }
  return t + 1;
}

/** The rune an escape (from `at` to `end`, already checked) stands for, as a one-code-point string. */
function escapedRune(s: string[], at: number, end: number): string {
  const body = s.slice(at + 1, end).join('');
  const simple: Record<string, string> = { a: '\x07', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
  if (simple[body] !== undefined) return simple[body];
  if (/^[0-7]{1,3}$/.test(body)) return String.fromCodePoint(parseInt(body, 8));
  const hex = /^x\{?([0-9A-Fa-f]+)\}?$/.exec(body);
  if (hex) return String.fromCodePoint(parseInt(hex[1], 16));
  return body;
}

/** Go's parse loop, with just enough of its stack to find every error it reports. */
function parse(s: string[]): void {
  // one frame per open group: the nodes of the current alternative; a frame of the whole pattern first
  const frames: Array<{ current: Node[]; alternatives: Node[][] }> = [{ current: [], alternatives: [] }];
  const top = () => frames[frames.length - 1];
  let lastRepeat = false;
  let i = 0;
  const atom = (node: Node = { subs: [] }) => top().current.push(node);
  const repeat = (min: number, max: number, counted: boolean, before: number, after: number): number => {
    let end = after;
    if (s[end] === '?') end++;
    if (lastRepeat) fail('invalid nested repetition operator', s.slice(before, end).join(''));
    const current = top().current;
    if (current.length === 0) fail('missing argument to repetition operator', s.slice(before, end).join(''));
    const node: Node = { min, max, counted, subs: [current[current.length - 1]] };
    current[current.length - 1] = node;
    if (counted && (min >= 2 || max >= 2) && !repeatIsValid(node, 1000)) fail('invalid repeat count', s.slice(before, end).join(''));
    return end;
  };
  while (i < s.length) {
    let repeated = false;
    const c = s[i];
    switch (c) {
      case '(': {
        if (s[i + 1] === '?') {
          i = parsePerlFlags(s, i, frames);
          break;
        }
        frames.push({ current: [], alternatives: [] });
        i++;
        break;
      }
      case '|':
        top().alternatives.push(top().current);
        top().current = [];
        i++;
        break;
      case ')': {
        if (frames.length < 2) fail('unexpected )', s.join(''));
        const group = frames.pop()!;
        const subs = [...group.alternatives, group.current].map((alt) => ({ subs: alt }));
        atom({ subs });
        i++;
        break;
      }
      case '[':
        i = parseClass(s, i);
        atom();
        break;
      case '*': case '+': case '?':
        i = repeat(0, 0, false, i, i + 1);
        repeated = true;
        break;
      case '{': {
        const r = parseRepeat(s, i);
        if (r === undefined) {
          atom();
          i++;
          break;
        }
        const [min, max, after] = r;
        if (min < 0 || min > 1000 || max > 1000 || (max >= 0 && min > max)) fail('invalid repeat count', s.slice(i, after).join(''));
        i = repeat(min, max, true, i, after);
        repeated = true;
        break;
      }
      case '\\': {
        const n = s[i + 1];
        if (n === 'A' || n === 'b' || n === 'B' || n === 'z') {
          atom();
          i += 2;
          break;
        }
        if (n === 'C') fail('invalid escape sequence', '\\C');
        if (n === 'Q') {
          const rest = s.slice(i + 2).join('');
          const end = rest.indexOf('\\E');
          const literal = end < 0 ? rest : rest.slice(0, end);
          for (let k = 0; k < [...literal].length; k++) atom();
          i = end < 0 ? s.length : i + 2 + [...rest.slice(0, end)].length + 2;
          break;
        }
        if (n === 'p' || n === 'P') {
          i = parseUnicodeClass(s, i);
          atom();
          break;
        }
        if (n !== undefined && PERL_CLASSES.has(n)) {
          atom();
          i += 2;
          break;
        }
        i = parseEscape(s, i);
        atom();
        break;
      }
      default:
        atom();
        i++;
    }
    lastRepeat = repeated;
  }
  if (frames.length !== 1) fail('missing closing )', s.join(''));
}

/** Go's parsePerlFlags at `i` (s[i..] is `(?`): named captures and flag groups; the index after it. */
function parsePerlFlags(s: string[], i: number, frames: Array<{ current: Node[]; alternatives: Node[][] }>): number {
  const startsWithP = s.length - i > 4 && s[i + 2] === 'P' && s[i + 3] === '<';
  const startsWithName = s.length - i > 3 && s[i + 2] === '<';
  if (startsWithP || startsWithName) {
    const end = s.indexOf('>', i);
    if (end < 0) fail('invalid named capture', s.slice(i).join(''));
    const name = s.slice(i + (startsWithP ? 4 : 3), end).join('');
    if (!/^[A-Za-z0-9_]+$/.test(name)) fail('invalid named capture', s.slice(i, end + 1).join(''));
    frames.push({ current: [], alternatives: [] });
    return end + 1;
  }
  let sign = 1;
  let sawFlag = false;
  let t = i + 2;
  while (t < s.length) {
    const c = s[t++];
    if (c === 'i' || c === 'm' || c === 's' || c === 'U') {
      sawFlag = true;
      continue;
    }
    if (c === '-') {
      if (sign < 0) break;
      sign = -1;
      sawFlag = false;
      continue;
    }
    if (c === ':' || c === ')') {
      if (sign < 0 && !sawFlag) break;
      if (c === ':') frames.push({ current: [], alternatives: [] });
      return t;
    }
    break;
  }
  return fail('invalid or unsupported Perl syntax', s.slice(i, t).join(''));
}
