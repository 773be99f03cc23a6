/**
 * The text of a refusal, written and read back.
 *
 * A refusal is one line:
 *
 *   <construct> '<path>'[ <location>]: <property>[ "<value>"] <problem> [<RULE>]. <fix>
 *
 * and an error with several refusals is a header and one line per refusal, each
 * indented by two spaces:
 *
 *   <N> findings; nothing was written:
 *     <refusal>
 *     ...
 *
 * Across jsii an error reaches Python, Java and Go as its message only (a method
 * call prefixes it with `SecureTektonError: `; Java appends the JavaScript stack
 * trace after a line break), so the message is written to be
 * read back exactly: the path, rule, property and value of every refusal are
 * recovered from it (`parseRefusals`). What the text needs for that is escaped,
 * which leaves every message of ordinary names unchanged:
 *
 * - every field: line breaks and other control characters as `\n`, `\r`, `\t`
 *   or `\uXXXX` (a refusal is one line);
 * - the construct: spaces as `\u0020` (it ends at the first space) and `'` as
 *   `\u0027` (so that a message with jsii's prefix never reads as one without);
 * - the path: `\` as `\\` and `'` as `\'` (it is quoted with `'`);
 * - the location: `: ` as `:\u0020` (it ends at the first `: `);
 * - the property: `\` as `\\`, spaces as `\u0020` (it ends at the first space);
 * - the value: a JSON string;
 * - the problem: a leading `"` as `\"` (a value would start there), and `[` as `\[`
 *   where it opens an upper-case word in brackets (a rule ID is ` [<RULE>]. `).
 */
import { Refusal } from './refusal';
import { RuleId } from './rule-id';

/** What a refusal line is made of, as text. */
export interface RefusalText {
  readonly construct: string;
  readonly path: string;
  readonly location?: string;
  readonly property: string;
  readonly value?: string;
  readonly problem: string;
  readonly rule: string;
  readonly fix: string;
}

/** The prefix jsii gives the message of an error thrown in a method call (not in a constructor). */
export const JSII_PREFIX = 'SecureTektonError: ';

const HEADER = /^(\d+) findings; nothing was written:$/;

/** `n findings; nothing was written:`, the first line of an error with several refusals. */
export function header(n: number): string {
  return `${n} findings; nothing was written:`;
}

function hex(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Line breaks and other control characters escaped: the text is one line. */
function oneLine(s: string): string {
  return s.replace(/[\p{Cc}\u2028\u2029]/gu, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : hex(c)));
}

/** Backslashes doubled, then one line: read back by `unescape`. */
function reversible(s: string): string {
  return oneLine(s.replace(/\\/g, '\\\\'));
}

function unescape(s: string): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, e: string) => {
    if (e.length === 5) return String.fromCharCode(parseInt(e.slice(1), 16));
    return e === 'n' ? '\n' : e === 'r' ? '\r' : e === 't' ? '\t' : e;
  });
}

/** One refusal line (see the module's documentation). */
export function refusalLine(r: RefusalText): string {
  const construct = oneLine(r.construct).replace(/ /g, '\\u0020').replace(/'/g, '\\u0027');
  const path = reversible(r.path).replace(/'/g, "\\'");
  const location = r.location !== undefined && r.location !== '' ? ` ${oneLine(r.location).replace(/: /g, ':\\u0020')}` : '';
  const property = reversible(r.property).replace(/ /g, '\\u0020');
  const value = r.value !== undefined ? ` ${JSON.stringify(r.value)}` : '';
  const problem = oneLine(r.problem).replace(/\[(?=[A-Z][A-Z0-9_]*\])/g, '\\[').replace(/^"/, '\\"');
  return `${construct} '${path}'${location}: ${property}${value} ${problem} [${oneLine(r.rule)}]. ${oneLine(r.fix)}`;
}

const RULES = new Set<string>(Object.values(RuleId));
const MARKER = / \[([A-Z][A-Z0-9_]*)\]\. /g;

/** The refusal a line states, or undefined if the line is not a refusal. */
function parseLine(line: string): Refusal | undefined {
  // construct: up to the first space, which opens the quoted path
  let k = line.indexOf(' ');
  if (k < 0 || line[k + 1] !== "'") return undefined;
  k += 2;
  let end = k;
  while (end < line.length && line[end] !== "'") end += line[end] === '\\' ? 2 : 1;
  if (end >= line.length) return undefined;
  const path = unescape(line.slice(k, end));
  k = end + 1;
  if (line.startsWith(': ', k)) {
    k += 2;
  } else if (line[k] === ' ') {
    const colon = line.indexOf(': ', k + 1);
    if (colon < 0) return undefined;
    k = colon + 2;
  } else {
    return undefined;
  }
  const space = line.indexOf(' ', k);
  if (space < 0) return undefined;
  const property = unescape(line.slice(k, space));
  k = space + 1;
  let value: string | undefined;
  if (line[k] === '"') {
    end = k + 1;
    while (end < line.length && line[end] !== '"') end += line[end] === '\\' ? 2 : 1;
    if (end >= line.length || line[end + 1] !== ' ') return undefined;
    try {
      value = JSON.parse(line.slice(k, end + 1));
    } catch {
      return undefined;
    }
    k = end + 2;
  }
  // the problem has no bracketed upper-case word: the first is the rule
  MARKER.lastIndex = k;
  const m = MARKER.exec(line);
  if (m === null || !RULES.has(m[1])) return undefined;
  return { path, rule: m[1] as RuleId, property, ...(value !== undefined ? { value } : {}), message: line };
}

/**
 * Every refusal stated by the message of an error of this library, in its order;
 * undefined when the message is not one (any line not a refusal). The message may
 * carry jsii's `SecureTektonError: ` prefix, and be followed by a line break and a
 * JavaScript stack trace (as Java's `getMessage()` is).
 */
export function parseRefusals(message: string): Refusal[] | undefined {
  if (typeof message !== 'string') return undefined;
  const read = (text: string): Refusal[] | undefined => {
    const lines = text.split('\n');
    const count = HEADER.exec(lines[0]);
    const n = count ? Number(count[1]) : 1;
    if (count && n < 2) return undefined;
    const body = count ? lines.slice(1, 1 + n) : lines.slice(0, 1);
    const rest = lines.slice(count ? 1 + n : 1);
    if (body.length !== n || (rest.length > 0 && !rest.some((l) => STACK_FRAME.test(l)))) return undefined;
    const refusals: Refusal[] = [];
    for (const line of body) {
      const r = !count ? parseLine(line) : line.startsWith('  ') ? parseLine(line.slice(2)) : undefined;
      if (!r) return undefined;
      refusals.push(r);
    }
    return refusals;
  };
  // a construct never starts with ' and has no space: the prefixed message never reads as a refusal itself
  return read(message) ?? (message.startsWith(JSII_PREFIX) ? read(message.slice(JSII_PREFIX.length)) : undefined);
}

/** A frame of a JavaScript stack trace. */
const STACK_FRAME = /^ {4}at /;
