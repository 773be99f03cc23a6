/**
 * Go's regular expressions (RE2, package `regexp`) as Tekton uses them for the
 * resource patterns of VerificationPolicies: whether a pattern compiles (decided as
 * Go's parser decides it, go-regexp-syntax.ts), Go's `regexp.QuoteMeta`, and, judged
 * with JavaScript's engine, whether a pattern
 * matches a resource's source the way Tekton v1.15's trusted resources decide it
 * (`pkg/trustedresources/verify.go`: the source is trimmed and loses a `git+`
 * prefix; a pattern that is not anchored at both ends is wrapped in
 * `^(?:…)$`; then `regexp.MatchString`).
 *
 * A pattern whose meaning JavaScript cannot reproduce exactly (flags other than
 * a leading `i`, `s` or `U`, Unicode classes, POSIX classes, octal escapes), and a
 * source with a character beyond U+FFFF (one rune to Go, two code units to
 * JavaScript), are reported as undecidable, never guessed.
 */

import { goRegexpError } from './go-regexp-syntax';
import { goTrimSpace } from './go-strings';

/** The characters Go's `regexp.QuoteMeta` escapes. */
const SPECIAL = /[\\.+*?()|[\]{}^$]/g;

/** Go's `regexp.QuoteMeta`: `s` as a pattern that matches exactly `s`. */
export function quoteMeta(s: string): string {
  return s.replace(SPECIAL, (c) => `\\${c}`);
}

/** A pattern that matches exactly `source`, anchored at both ends. */
export function exactPattern(source: string): string {
  return `^${quoteMeta(source)}$`;
}

/** Whether Go's `regexp.Compile` accepts `pattern` (go-regexp-syntax.ts decides it as Go's parser does). */
export function compilesAsRe2(pattern: string): boolean {
  return goRegexpError(pattern) === undefined;
}

/** Tekton's `anchorPattern`: wrap in `^(?:…)$` unless the pattern starts with `^` and ends with `$`. */
export function anchorPattern(pattern: string): string {
  const hasStart = pattern.startsWith('^');
  const hasEnd = pattern.endsWith('$');
  if (hasStart && hasEnd) return pattern;
  let p = hasStart ? `^(?:${pattern.slice(1)}` : `^(?:${pattern}`;
  p = hasEnd ? `${p.slice(0, -1)})$` : `${p})$`;
  return p;
}


/** Tekton's `stripResolverPrefix`: the source trimmed (Go's `strings.TrimSpace`), without a `git+` prefix. */
export function normalizedSource(source: string): string {
  const trimmed = goTrimSpace(source);
  return trimmed.startsWith('git+') ? trimmed.slice(4) : trimmed;
}

/**
 * Whether a VerificationPolicy's resource pattern matches a resource's source as
 * Tekton v1.15 decides it; undefined when JavaScript cannot reproduce the
 * pattern's meaning exactly.
 */
export function policyPatternMatches(pattern: string, source: string): boolean | undefined {
  if (!compilesAsRe2(pattern)) return undefined;
  // Go matches a character beyond U+FFFF as one rune, JavaScript (without the u flag, whose syntax
  // is Go's less) as two code units: `.`, `[^/]` and their counts would not agree
  if (/[\uD800-\uDFFF]/.test(source)) return undefined;
  const js = toJavaScript(anchorPattern(pattern));
  if (js === undefined) return undefined;
  try {
    return new RegExp(js.source, js.flags).test(normalizedSource(source));
  } catch {
    return undefined;
  }
}

/**
 * A Go pattern as a JavaScript one of the same meaning, or undefined. Go's `.`
 * matches `\r` and `\s` is ASCII whitespace only, so both are spelled out; a
 * flag group at the very start (after `^` or Tekton's `^(?:`) becomes a
 * JavaScript flag (`U` changes which match is found, never whether one is).
 */
function toJavaScript(pattern: string): { source: string; flags: string } | undefined {
  let flags = '';
  let p = pattern;
  const lead = /^(\^(?:\(\?:)?)\(\?([imsU]+)\)/.exec(p);
  if (lead) {
    if (lead[2].includes('m')) return undefined;
    flags = [...new Set(lead[2].replace(/U/g, '').split(''))].join('');
    p = lead[1] + p.slice(lead[0].length);
  }
  let out = '';
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') {
      const n = p[i + 1];
      if (n === undefined) return undefined;
      if (n === 'Q') {
        const end = p.indexOf('\\E', i + 2);
        const literal = end < 0 ? p.slice(i + 2) : p.slice(i + 2, end);
        out += inClass ? literal.replace(/[\\\]^-]/g, (x) => `\\${x}`) : literal.replace(/[\\^$.*+?()[\]{}|/]/g, (x) => `\\${x}`);
        i = end < 0 ? p.length : end + 1;
        continue;
      }
      i++;
      if (/[^A-Za-z0-9]/.test(n)) {
        out += c + n;
      } else if (/[bBdDwWftnrv]/.test(n)) {
        out += c + n;
      } else if (n === 'a') {
        out += '\\x07';
      } else if (n === 'x' && /^[0-9a-fA-F]{2}$/.test(p.slice(i + 1, i + 3))) {
        out += c + n;
      } else if (n === 'A' && !inClass) {
        out += '^';
      } else if (n === 'z' && !inClass) {
        out += '$';
      } else if (n === 's') {
        out += inClass ? '\\t\\n\\f\\r ' : '[\\t\\n\\f\\r ]';
      } else if (n === 'S' && !inClass) {
        out += '[^\\t\\n\\f\\r ]';
      } else {
        // \p, \P, \C, octal, \x{…} and letters Go refuses
        return undefined;
      }
      continue;
    }
    if (inClass) {
      if (c === '[' && p[i + 1] === ':') return undefined;
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      // a ']' first in a class (after an optional '^') is a literal in Go
      if (p[i + 1] === '^') {
        out += '^';
        i++;
      }
      if (p[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (c === '(' && p[i + 1] === '?') {
      if (p.startsWith('(?:', i)) {
        out += '(?:';
        i += 2;
        continue;
      }
      const named = /^\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(p.slice(i));
      if (named) {
        out += `(?<${named[1]}>`;
        i += named[0].length - 1;
        continue;
      }
      return undefined;
    }
    if (c === '.' && !flags.includes('s')) {
      out += '[^\\n]';
      continue;
    }
    out += c;
  }
  return { source: out, flags };
}
