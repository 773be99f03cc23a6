/**
 * A POSIX extended regular expression read as the `validate-params` step's `grep -E` reads it, written as a
 * JavaScript RegExp source that matches the same values, or what in it grep implementations read otherwise.
 *
 * The reading is the C locale's (no LANG in the step): a value is matched byte by byte, as its UTF-8 bytes
 * (`erePattern` turns a value into a string of them), classes are ASCII. What musl's regcomp (Alpine's busybox
 * grep, the default validation image) and glibc's (GNU grep, Debian's busybox) both accept and read alike is
 * translated; what one refuses or they read otherwise is reported, checked with GNU grep 3.8, busybox 1.35 (glibc)
 * and musl 1.2.3's regcomp: `{,3}`, `a{` and `a{x}` (glibc: {0,3} and literal text; musl: an error),
 * `[[=a=]]` and `[[.a.]]` (musl: an error), an unknown class or a reversed range (both: an error).
 */

/** A construct of the pattern the step's grep does not read as synth would, with what to write instead. */
export interface EreProblem {
  /** The text as written. */
  readonly held: string;
  /** Why, after `holds "<held>", `. */
  readonly problem: string;
  /** How to write it. */
  readonly fix: string;
}

/** POSIX character classes in the C locale, as JavaScript class contents. */
const CLASSES: Readonly<Record<string, string>> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: '0-9A-Za-z',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\v\\f\\r',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  print: ' -~',
  graph: '!-~',
  cntrl: '\\x00-\\x1f\\x7f',
  xdigit: '0-9A-Fa-f',
};

const NOT_POSIX = 'which is not POSIX extended regular expression syntax: the validation step (grep -E) reads it otherwise than synth does';

/** A byte as a JavaScript regex escape. */
function byteEscape(b: number): string {
  return `\\x${b.toString(16).padStart(2, '0')}`;
}

/** A character of the pattern as its UTF-8 bytes, each escaped. */
function bytesOf(c: string): string {
  return [...Buffer.from(c, 'utf8')].map(byteEscape).join('');
}

/** The value as the string of its UTF-8 bytes, which the source `ereAsJs` gives matches byte by byte. */
export function ereSubject(value: string): string {
  return Buffer.from(value, 'utf8').toString('latin1');
}

/**
 * The pattern as a JavaScript RegExp source (to test against `ereSubject(value)`), or the first construct grep reads
 * otherwise or refuses. A source that does not compile in JavaScript is returned as is: the caller refuses it.
 */
export function ereAsJs(regex: string): { readonly source: string } | EreProblem {
  const chars = [...regex];
  let out = '';
  let i = 0;
  while (i < chars.length) {
    const c = chars[i];
    if (c === '\\') {
      const next = chars[i + 1];
      if (next === undefined) return { source: regex };
      if (/[A-Za-z0-9]/.test(next)) return { held: `\\${next}`, problem: NOT_POSIX, fix: '' };
      out += bytesOf(next);
      i += 2;
    } else if (c === '(' && chars[i + 1] === '?') {
      return { held: '(?', problem: NOT_POSIX, fix: '' };
    } else if ('*+?'.includes(c) && chars[i + 1] === '?') {
      return { held: `${c}?`, problem: NOT_POSIX, fix: '' };
    } else if (c === '{') {
      const m = /^\{([0-9]+)(,([0-9]*))?\}/.exec(chars.slice(i).join(''));
      const min = m ? Number(m[1]) : NaN;
      const max = m?.[3] === undefined || m[3] === '' ? min : Number(m[3]);
      if (!m || max < min || min > 255 || max > 255) {
        const held = /^\{[^}]*\}?/.exec(chars.slice(i).join(''))![0];
        return {
          held,
          problem: m ? 'which grep -E refuses (an interval is {n}, {n,} or {n,m} with n <= m <= 255): every run would fail its validation'
            : 'which Alpine\'s busybox grep (musl) refuses and GNU grep reads otherwise (as {0,n} or as text): the validation step does not check what synth does',
          fix: /^\{,[0-9]+\}$/.test(held) ? `Write {0,${held.slice(2, -1)}} for at most ${held.slice(2, -1)}, or \\{ for a brace.` : 'Write \\{ for a brace, or an interval {n}, {n,} or {n,m}.',
        };
      }
      out += m[0];
      i += m[0].length;
      if (chars[i] === '?') return { held: '}?', problem: NOT_POSIX, fix: '' };
    } else if (c === '[') {
      const bracket = bracketAsJs(chars, i);
      if ('held' in bracket) return bracket;
      if (bracket.end === undefined) {
        return { held: chars.slice(i).join(''), problem: 'which opens a bracket expression that no "]" closes: grep -E refuses the pattern, so every run would fail its validation', fix: 'Close the bracket expression with "]" (write \\[ for a bracket itself).' };
      }
      out += bracket.source;
      i = bracket.end;
    } else if (c === '.') {
      out += '[^\\n]';
      i += 1;
    } else if ('()|^$*+?'.includes(c)) {
      out += c;
      i += 1;
    } else {
      out += /[A-Za-z0-9 _-]/.test(c) ? c : bytesOf(c);
      i += 1;
    }
  }
  return { source: out };
}

/**
 * The bracket expression that opens at `start` as a JavaScript class (`end`: the index after its `]`; undefined when
 * no `]` closes it), or what in it grep reads otherwise or refuses.
 */
function bracketAsJs(chars: readonly string[], start: number): { readonly source: string; readonly end?: number } | EreProblem {
  let i = start + 1;
  let negated = false;
  if (chars[i] === '^') {
    negated = true;
    i += 1;
  }
  const members: string[] = [];
  let first = true;
  while (i < chars.length) {
    const c = chars[i];
    if (c === ']' && !first) return { source: `[${negated ? '^' : ''}${members.join('')}]`, end: i + 1 };
    first = false;
    if (c === '[' && (chars[i + 1] === ':' || chars[i + 1] === '=' || chars[i + 1] === '.')) {
      const kind = chars[i + 1];
      const close = chars.slice(i + 2).join('').indexOf(`${kind}]`);
      if (close < 0) return { source: '' };
      const name = chars.slice(i + 2, i + 2 + close).join('');
      const held = `[${kind}${name}${kind}]`;
      if (kind !== ':') {
        return {
          held,
          problem: `which Alpine's busybox grep (musl) refuses (${kind === '=' ? 'an equivalence class' : 'a collating symbol'}): every run would fail its validation`,
          fix: `Write the character itself in the bracket expression (${name.length === 1 ? `[${name}]` : 'each one'}).`,
        };
      }
      if (CLASSES[name] === undefined) {
        return { held, problem: 'which is no character class grep -E knows: every run would fail its validation', fix: `Use a class grep knows: [:${Object.keys(CLASSES).join(':], [:')}:].` };
      }
      members.push(CLASSES[name]);
      i += 2 + close + 2;
      continue;
    }
    // a range: two single characters around '-' (a '-' first or last is itself)
    if (chars[i + 1] === '-' && chars[i + 2] !== undefined && chars[i + 2] !== ']') {
      const to = chars[i + 2];
      if (to === '[' || c.codePointAt(0)! > 0x7f || to.codePointAt(0)! > 0x7f || to.codePointAt(0)! < c.codePointAt(0)!) {
        return {
          held: `${c}-${to}`,
          problem: to.codePointAt(0)! < c.codePointAt(0)! ? 'which is a range grep -E refuses (its end comes before its start): every run would fail its validation'
            : 'which is a range grep reads byte by byte in the C locale (a class or a character beyond ASCII at its end): the validation step does not check what synth does',
          fix: 'Write a range of ASCII characters in order (a-z, 0-9), or list the characters.',
        };
      }
      members.push(`${byteEscape(c.codePointAt(0)!)}-${byteEscape(to.codePointAt(0)!)}`);
      i += 3;
      continue;
    }
    // '\' is itself in a bracket expression; a character beyond ASCII is each of its bytes (the C locale)
    members.push(bytesOf(c));
    i += 1;
  }
  return { source: '' };
}
