/**
 * Whether a text is surely not a CEL expression: the syntax of CEL (cel-spec's grammar, as cel-go's
 * parser reads it) read leniently, so that a text it refuses is one cel-go's parser refuses too.
 * What cel-go refuses beyond the grammar (reserved words as names, a macro's arguments but those of the
 * math and lists extensions' macros where the environment registers them, has()'s, and a literal where a
 * standard macro binds a name, escapes, recursion limits) is
 * accepted here, and so is the optional syntax (`.?`, `[?`, `?` before a list
 * element or a map or message entry) unless the environment does not enable it. And which names an
 * expression that parses refers to that an environment does not declare.
 */

import { goQuote } from './go-strings';

/**
 * A token: its kind (`id`, `num`, `str`, or the operator itself), where it starts, and a name's text (a string's: `string` or
 * `bytes`, and its value when it has no escape).
 */
/**
 * Whether cel-go fails to convert the number literal `literal` (negated where `negative`) to `name`'s type: int of a double
 * not strictly between -2^63 and 2^63 or of a uint above 2^63-1, uint of a double below 0 or from 2^64 or of a negative int
 * (common/types/overflow.go's checked conversions).
 */
function outOfRange(name: string, negative: boolean, literal: string): boolean {
  if (!/^(0[xX][0-9a-fA-F]+|[0-9.][0-9.eE+-]*)[uU]?$/.test(literal)) return false;
  const unsigned = /[uU]$/.test(literal);
  const digits = unsigned ? literal.slice(0, -1) : literal;
  if (/^0[xX]/.test(digits) || !/[.eE]/.test(digits)) {
    if (negative && unsigned) return false;
    const value = BigInt(digits);
    if (name === 'int') return unsigned && value > BigInt('9223372036854775807');
    return name === 'uint' && !unsigned && negative && value > BigInt(0);
  }
  const value = Number(digits) * (negative ? -1 : 1);
  if (name === 'int') return !(value > -(2 ** 63) && value < 2 ** 63);
  return name === 'uint' && !(value >= 0 && value < 2 ** 64);
}

/** The escapes of a CEL string or bytes literal that stand for one character (cel-go's parser/unescape.go). */
const SIMPLE_ESCAPES: Readonly<Record<string, number>> = { 'a': 7, 'b': 8, 'f': 12, 'n': 10, 'r': 13, 't': 9, 'v': 11, '\\': 92, "'": 39, '"': 34, '`': 96, '?': 63 };

/**
 * The bytes of a bytes literal whose text between its quotes is `body` (cel-go's parser/unescape.go: a character as UTF-8, `\\xHH` and
 * `\\[0-3][0-7][0-7]` a byte, the escapes of SIMPLE_ESCAPES), or undefined when an escape is none of those (cel-go's parser refuses it).
 */
function bytesOf(body: string, raw: boolean): number[] | undefined {
  const text = body.replace(/\r\n|\r/g, '\n');
  const out: number[] = [];
  const utf8 = (s: string) => out.push(...Buffer.from(s, 'utf8'));
  for (let i = 0; i < text.length;) {
    if (raw || text[i] !== '\\') {
      const c = String.fromCodePoint(text.codePointAt(i)!);
      utf8(c);
      i += c.length;
      continue;
    }
    const e = text[i + 1] ?? '';
    if (Object.prototype.hasOwnProperty.call(SIMPLE_ESCAPES, e)) {
      out.push(SIMPLE_ESCAPES[e]);
      i += 2;
    } else if (/^[xX][0-9a-fA-F]{2}/.test(text.slice(i + 1))) {
      out.push(parseInt(text.slice(i + 2, i + 4), 16));
      i += 4;
    } else if (/^[0-3][0-7]{2}/.test(text.slice(i + 1))) {
      out.push(parseInt(text.slice(i + 1, i + 4), 8));
      i += 4;
    } else {
      return undefined;
    }
  }
  return out;
}

/** Whether `bytes` are UTF-8 as Go's utf8.Valid reads it (no surrogate, no overlong form, nothing above U+10FFFF). */
function validUtf8(bytes: readonly number[]): boolean {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    const n = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (n < 0 || i + n >= bytes.length) return false;
    // the second byte's range (no overlong form, no surrogate, nothing above U+10FFFF), then continuation bytes
    const [lo, hi] = b === 0xe0 ? [0xa0, 0xbf] : b === 0xed ? [0x80, 0x9f] : b === 0xf0 ? [0x90, 0xbf] : b === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    if (n > 0 && !(bytes[i + 1] >= lo && bytes[i + 1] <= hi)) return false;
    for (let k = 2; k <= n; k++) if (!(bytes[i + k] >= 0x80 && bytes[i + k] <= 0xbf)) return false;
    i += n + 1;
  }
  return true;
}

interface Token {
  readonly kind: string;
  readonly at: number;
  readonly text?: string;
  readonly value?: string;
  /** A bytes literal's text between its quotes, and whether it is raw. */
  readonly body?: string;
  readonly raw?: boolean;
}

/** How the text is read. */
export interface CelReading {
  /** Whether the environment enables the optional syntax (cel-go's `cel.OptionalTypes()`); without it cel-go refuses it ("unsupported syntax"). @default true */
  readonly optionalSyntax?: boolean;
  /**
   * The functions the environment declares beyond cel-go's standard library, by name (a namespace's with it:
   * `base64.decode`), whose overloads celTyping types: their results, and a call no overload of the name takes.
   * @default none
   */
  readonly functions?: Readonly<Record<string, readonly CelOverload[]>>;
  /**
   * Whether `functions` and cel-go's standard library are every function the environment declares: a call of
   * another name (not a macro's) is then refused ("undeclared reference"). @default false
   */
  readonly complete?: boolean;
  /**
   * Whether the environment registers cel-go's math and lists extensions, whose macros `math.greatest`, `math.least` and `sortBy` its parser
   * expands (refusing some arguments and targets) and its checker types. @default false
   */
  readonly extensionMacros?: boolean;
}

/**
 * The macros that bind a name in their other arguments (`list.all(x, x > 0)`): those of cel-go's
 * standard library and `sortBy` of its lists extension, as in Tekton Triggers' environment. Those of
 * other extensions (`cel.bind`, the two-variable comprehensions, `optMap`) bind nothing here.
 */
const BINDING_MACROS: readonly string[] = ['all', 'exists', 'exists_one', 'map', 'filter', 'sortBy'];

/** CEL's operators and punctuation, longest first. */
const OPERATORS = ['&&', '||', '==', '!=', '<=', '>=', '<', '>', '!', '+', '-', '*', '/', '%', '?', ':', '.', ',', '(', ')', '[', ']', '{', '}'];

/** The index of the token that closes the bracket at `at` (-1 when none does). */
function closingToken(toks: readonly Token[], at: number): number {
  let depth = 0;
  for (let i = at; i < toks.length; i++) {
    if (['(', '[', '{'].includes(toks[i].kind)) depth++;
    else if ([')', ']', '}'].includes(toks[i].kind) && --depth === 0) return i;
  }
  return -1;
}

/** Why `text` is not a run of CEL tokens, or its tokens. */
function tokens(text: string): Token[] | string {
  const out: Token[] = [];
  // where in code points, 1 for the first
  const character = (at: number) => [...text.slice(0, at)].length + 1;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/[ \t\n\r\f]/.test(c)) {
      i++;
      continue;
    }
    if (text.startsWith('//', i)) {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
      continue;
    }
    const at = i;
    // a string, bytes or raw string: up to two prefixes r and b, then ''' """ ' or "
    const prefix = /^(?:[rR][bB]?|[bB][rR]?)?(?='|")/.exec(text.slice(i));
    if (prefix !== null) {
      const raw = /r/i.test(prefix[0]);
      i += prefix[0].length;
      const quote = text.startsWith(text[i].repeat(3), i) ? text[i].repeat(3) : text[i];
      i += quote.length;
      for (;;) {
        if (i >= text.length) return `an unterminated string at character ${character(at)}`;
        if (text.startsWith(quote, i)) break;
        if (quote.length === 1 && (text[i] === '\n' || text[i] === '\r')) return `a line break in the string at character ${character(at)}`;
        i += !raw && text[i] === '\\' ? 2 : 1;
      }
      const body = text.slice(at + prefix[0].length + quote.length, i);
      i += quote.length;
      out.push({ kind: 'str', at, text: /b/i.test(prefix[0]) ? 'bytes' : 'string', ...(raw || !body.includes('\\') ? { value: body } : {}), body, raw });
      continue;
    }
    const number = /^(?:0[xX][0-9a-fA-F]+|(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)[uU]?/.exec(text.slice(i));
    if (number !== null) {
      i += number[0].length;
      out.push({ kind: 'num', at, text: number[0] });
      continue;
    }
    const id = /^(?:[A-Za-z_][A-Za-z0-9_]*|`[^`]*`)/.exec(text.slice(i));
    if (id !== null) {
      i += id[0].length;
      out.push({ kind: ['true', 'false', 'null'].includes(id[0]) ? 'num' : id[0] === 'in' ? 'in' : 'id', at, text: id[0] });
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op === undefined) return `the character ${JSON.stringify([...text.slice(i)][0])} at character ${character(at)}, which is no CEL token`;
    i += op.length;
    out.push({ kind: op, at });
  }
  return out;
}

/**
 * The types the typing below knows a value to have, as cel-go's checker names them (`list` and `map`
 * whatever their elements, `type` a type's value such as `int`); a value it does not know is dyn.
 */
export type CelType = 'int' | 'uint' | 'double' | 'string' | 'bytes' | 'bool' | 'null' | 'list' | 'map' | 'type';

/**
 * A type as the typing below knows it: a CelType, or a list's or a map's with the types of its elements
 * as cel-go's checker names them (`list(int)`, `map(string, dyn)`; `dyn` an element whose type is not known).
 */
type Known = string;

/**
 * One overload of a function: whether it is called as a method (`target.name(args)`, the target
 * then the first of `params`), the types of its parameters (`dyn` takes anything, `list` and `map`
 * any list or map, `list(string)` a list of strings, a single upper-case letter a type parameter: `list(T)`, bound by the
 * first argument given for it) and the type of its result (undefined: dyn; with its type parameters bound).
 */
export interface CelOverload {
  readonly member: boolean;
  readonly params: readonly string[];
  readonly result?: string;
}

/** Overloads of a function with one result, each given by its parameters' types, called as a method (`m`) or not (`g`). */
const overloads = (member: boolean, result: string | undefined, ...params: string[][]): CelOverload[] =>
  params.map((ps) => ({ member, params: ps, result }));

/** The protobuf types of timestamps and durations, which cel-go's checker takes null for (not typed here otherwise). */
const TIMESTAMP = 'google.protobuf.Timestamp';
const DURATION = 'google.protobuf.Duration';
/** The timestamp methods that also take a duration. */
const TIME_OF_DAY = ['getHours', 'getMilliseconds', 'getMinutes', 'getSeconds'];

/**
 * The functions of cel-go's standard library (v0.30.0, `stdlib`) beyond its operators, as it declares them (a single upper-case
 * letter is a type parameter: `list(T)`); a timestamp's and a duration's values are not typed here (dyn).
 */
const STANDARD_FUNCTIONS: Readonly<Record<string, readonly CelOverload[]>> = {
  size: [...overloads(false, 'int', ['string'], ['bytes'], ['list'], ['map']), ...overloads(true, 'int', ['string'], ['bytes'], ['list'], ['map'])],
  contains: overloads(true, 'bool', ['string', 'string']),
  startsWith: overloads(true, 'bool', ['string', 'string']),
  endsWith: overloads(true, 'bool', ['string', 'string']),
  matches: [...overloads(true, 'bool', ['string', 'string']), ...overloads(false, 'bool', ['string', 'string'])],
  int: overloads(false, 'int', ['int'], ['uint'], ['double'], ['string'], [DURATION], [TIMESTAMP]),
  uint: overloads(false, 'uint', ['uint'], ['int'], ['double'], ['string']),
  double: overloads(false, 'double', ['double'], ['int'], ['uint'], ['string']),
  string: overloads(false, 'string', ['string'], ['bool'], ['bytes'], ['double'], ['int'], ['uint'], [DURATION], [TIMESTAMP]),
  bytes: overloads(false, 'bytes', ['bytes'], ['string']),
  bool: overloads(false, 'bool', ['bool'], ['string']),
  dyn: overloads(false, undefined, ['dyn']),
  type: overloads(false, 'type', ['dyn']),
  duration: overloads(false, undefined, [DURATION], ['string']),
  timestamp: overloads(false, undefined, [TIMESTAMP], ['int'], ['string']),
  ...Object.fromEntries(['getDate', 'getDayOfMonth', 'getDayOfWeek', 'getDayOfYear', 'getFullYear', 'getMonth', ...TIME_OF_DAY].map((name) => [name,
    overloads(true, 'int', [TIMESTAMP], [TIMESTAMP, 'string'], ...(TIME_OF_DAY.includes(name) ? [[DURATION]] : []))])),
};

/** The cel-go type names every environment declares as values (of type `type`). */
const TYPE_NAMES: readonly string[] = ['int', 'uint', 'double', 'bool', 'string', 'bytes', 'list', 'map', 'type', 'null_type'];
/** The primitive types, whose values cel-go's standard library never converts into one another (no overload takes two of them that differ). */
const PRIMITIVE: readonly CelType[] = ['int', 'uint', 'double', 'string', 'bytes', 'bool'];

/** What the typing of an expression found: its type when known, and the first operation cel-go's checker surely refuses. */
export interface CelTyping {
  readonly type?: CelType;
  /** Its type as cel-go's checker names it, with the types of a list's or a map's elements (`map(int, string)`, `list(dyn)`), when known. */
  readonly known?: string;
  readonly mistyped?: string;
  /** The first function it calls that the environment does not declare (when its functions are `complete`). */
  readonly undeclaredFunction?: string;
  /**
   * The first field selected on a value of a known type other than a map (`requestURL.a`, `x.a` where `x` is an int a macro binds),
   * which cel-go's checker refuses ("type 'string' does not support field selection"): the selection, and the type as the checker
   * names it (`list(…)` and `type(…)` when the elements or the type are not known here).
   */
  readonly unselected?: { readonly selection: string; readonly type: string };
  /**
   * A map literal of constants with a bytes key (`{b'a': 1}`, `{bytes('a'): dyn(1)}`), whose value cel-go builds when it plans the program (its
   * optimizer folds constant lists and maps, and conversions of constants) and panics on ("hash of unhashable type types.Bytes"), whatever the
   * event, when it is what cel-go's planner fails on first.
   */
  readonly panics?: string;
  /**
   * What cel-go's planner fails on first, when it is no panic: a conversion of a constant that its optimizer converts when it plans the program and
   * fails on (`int('a')`, `int(null)`, `bool('yes')`, `string(b'\\xff')`), or an index by a constant of a type its planner makes no qualifier of
   * (`body.a[b'a']`, `x[null]`): no program is made, whatever the event.
   */
  readonly unplanned?: string;
  /** cel-go's error for `unplanned`, when known (`invalid qualifier type: types.Bytes`, `invalid UTF-8 in bytes, cannot convert to string`). */
  readonly unplannedError?: string;
  /** Whether `unplanned` is an index (not a conversion). */
  readonly unplannedIndex?: boolean;
  /**
   * Whether it holds what cel-go's checker types and this typing does not (a timestamp's or a duration's value, a message, a name in
   * backticks, a protobuf type's name), so that the checker may refuse it where nothing is reported here: before the planner, whose
   * failures `panics` and `unplanned` say.
   */
  readonly unsure?: boolean;
}

/** Something cel-go's planner fails on: a panic, or an error (its words when known), of an index or a conversion. */
interface PlanFailure {
  readonly text: string;
  readonly panic?: boolean;
  readonly error?: string;
  readonly index?: boolean;
}

/** A syntax error: what was found where. */
class CelSyntaxError {
  constructor(readonly why: string) {}
}

/**
 * Why `text` is surely not a CEL expression (e.g. `an operand expected at character 12, where the
 * expression ends`), or undefined when it may be one.
 */
export function celSyntaxError(text: string, reading: CelReading = {}): string | undefined {
  const read = parsed(text, reading);
  return typeof read === 'string' ? read : undefined;
}

/**
 * Each reference of `text` (a CEL expression that parses) to a name that is neither one of `declared` nor bound (see celFirstUndeclared), with the
 * offset of the name, and each call of a function the environment does not declare (its functions `complete`), with the offset of the call's `(`,
 * in the order of the text (as cel-go sorts its errors, each an "undeclared reference"), when these are all cel-go's checker refuses in it as far
 * as it is typed here: no operation no overload takes, no field of a value that has none, nothing not typed here (`unsure`). Undefined otherwise,
 * and when it does not parse; empty when it refers to no such name.
 */
export function celUndeclaredReferences(
  text: string, declared: readonly string[], reading: CelReading = {},
): Array<{ name: string; at: number }> | undefined {
  const read = parsed(text, reading, declared);
  if (typeof read === 'string' || read.deep === true || read.unsure === true || read.mistyped.length > 0 || read.unselected.length > 0) return undefined;
  return undeclaredInOrder(read).map(({ name, at }) => ({ name, at }));
}

/** The undeclared references and the calls of undeclared functions of a reading, in the order of the text (of `call` true for a function). */
function undeclaredInOrder(read: Parsed): Array<{ name: string; at: number; call: boolean }> {
  return [
    ...read.undeclared.map((name, i) => ({ name, at: read.undeclaredAt[i], call: false })),
    ...read.undeclaredFunctions.map((name, i) => ({ name, at: read.undeclaredFunctionsAt[i], call: true })),
  ].sort((a, b) => a.at - b.at);
}

/**
 * How the macro `name` of cel-go's standard library (or sortBy of its lists extension) is written, where `name` is one (`has(body.a)`,
 * `<list or map>.all(x, <predicate of x>)`): called otherwise, with other arguments, cel-go's parser expands no macro, and the call is of a function
 * of that name, which no environment declares. Undefined for another name.
 */
export function celMacroForm(name: string): string | undefined {
  if (name === 'has') return 'has(<a field\'s selection, such as body.a>)';
  if (['all', 'exists', 'exists_one', 'filter'].includes(name)) return `<list or map>.${name}(x, <predicate of x>)`;
  if (name === 'map') return '<list or map>.map(x, <value of x>) or <list or map>.map(x, <predicate of x>, <value of x>)';
  if (name === 'sortBy') return '<list>.sortBy(x, <key of x>)';
  return undefined;
}

/**
 * The first "undeclared reference" cel-go's checker reports for `text` (a CEL expression that parses), as it sorts its errors by where they are:
 * of a name neither one of `declared` nor bound by a macro around it, at the name, or of a function the environment does not declare (its functions
 * `complete`; `call` true), at the call's `(` (`.foo(1) && bar`: `.foo`; `.lists.foo(2)`: `.lists`). Undefined where there is none, and where it
 * does not parse or nests deeper than JavaScript's stack. Only names read as values are judged: a name before `(` or `{` (a function, a
 * message), or that begins a dotted path before `(` (a function of a namespace such as `math.greatest(…)`), is not, unless the environment's
 * functions are `complete` and the path and the name called are no function it declares (`base64.encode(…)`, `foo.size()`: cel-go's checker then
 * checks the path as the target); nor is a name in backticks.
 */
export function celFirstUndeclared(text: string, declared: readonly string[], reading: CelReading = {}): { name: string; call: boolean } | undefined {
  const read = parsed(text, reading, declared);
  if (typeof read === 'string' || read.deep === true) return undefined;
  const first = undeclaredInOrder(read)[0];
  return first === undefined ? undefined : { name: first.name, call: first.call };
}

/**
 * The type of `text` (a CEL expression that parses) and the first operation in it, in the order cel-go's
 * checker visits them, that no overload of cel-go's standard library takes (e.g. `'+' applied to (string, int)`),
 * typing only what is decidable before an event comes: literals, the `variables` whose types are
 * known (others, and every name a macro binds, are dyn), the operators, `size`, `has`, the
 * conversions (`int(…)`, …), `type(…)` and the macros. Whatever it does not type (a field, an index,
 * another function, a message) is dyn, which no operation refuses. Undefined when the text does not
 * parse or nests deeper than JavaScript's stack. Sound for an environment that adds no overload of
 * the standard operators (cel-go's extensions add functions, not operators' overloads).
 */
export function celTyping(text: string, variables: Readonly<Record<string, string | undefined>>, reading: CelReading = {}): CelTyping | undefined {
  const read = parsed(text, reading, undefined, variables);
  if (typeof read === 'string' || read.deep) return undefined;
  const known = read.type !== undefined && read.type !== baseOf(read.type) ? { known: read.type } : {};
  const more = {
    ...(read.undeclaredFunctions[0] !== undefined ? { undeclaredFunction: read.undeclaredFunctions[0] } : {}),
    ...(read.unselected[0] !== undefined ? { unselected: read.unselected[0] } : {}),
  };
  // what cel-go's planner, which plans the operands before the operation, fails on first
  const first = read.plan[0];
  const plan = first === undefined ? {} : first.panic === true ? { panics: first.text }
    : {
      unplanned: first.text,
      ...(first.error !== undefined ? { unplannedError: first.error } : {}),
      ...(first.index === true ? { unplannedIndex: true } : {}),
    };
  return { type: baseOf(read.type), mistyped: read.mistyped[0], ...known, ...more, ...plan, ...(read.unsure === true ? { unsure: true } : {}) };
}

/** The paths under which a literal always holds a list, and those under which it always holds a scalar (celLiteralPaths). */
export interface CelLiteralPaths {
  readonly lists: readonly string[];
  readonly scalars: readonly string[];
}

/** The types of CEL values sjson writes as a JSON scalar (not null). */
const SCALAR_TYPES: readonly string[] = ['int', 'double', 'string', 'bool', 'bytes'];

/**
 * Where a map or list literal `text` (a CEL expression that is one, `{'b': [1], 'c': {'d': x.split(',')}}`, `[[1], {'e': 1}]`) always
 * holds a list, and where a scalar (an int, double, string, bool or bytes): the paths of its entries and elements, by their keys and
 * indexes joined with dots, whose value is a list literal or of a known list type (`celTyping`), or of a known scalar type, into nested
 * literals too. Only entries whose keys are string literals of letters, digits, `_` and `-` (not `-1`) are followed, and none of a map
 * literal with a key written twice (cel-go refuses it). Empty for what is no such literal.
 */
export function celLiteralPaths(text: string, variables: Readonly<Record<string, string | undefined>>, reading: CelReading = {}): CelLiteralPaths {
  const toks = tokens(text);
  const none = { lists: [], scalars: [] };
  if (typeof toks === 'string') return none;
  const closing = (at: number): number => closingToken(toks, at);
  const join = (prefix: string, name: string) => (prefix === '' ? name : `${prefix}.${name}`);
  // the end of the value that starts at `i`: the `,` at its depth, or `to`
  const end = (i: number, to: number): number => {
    let j = i;
    for (let depth = 0; j < to && !(depth === 0 && toks[j].kind === ','); j++) {
      if (['(', '[', '{'].includes(toks[j].kind)) depth++;
      else if ([')', ']', '}'].includes(toks[j].kind)) depth--;
    }
    return j;
  };
  // the value of the tokens from `from` to `to` (excluded), at `path` ('' for the whole, which the caller judges itself)
  const value = (from: number, to: number, path: string): CelLiteralPaths => {

    if (toks[from].kind === '{' && closing(from) === to - 1) return entries(from, to - 1, path);
    if (toks[from].kind === '[' && closing(from) === to - 1) {
      const inner = elements(from, to - 1, path);
      return { lists: [...(path === '' ? [] : [path]), ...inner.lists], scalars: inner.scalars };
    }
    if (path === '') return none;
    const type = celTyping(text.slice(toks[from].at, toks[to]?.at ?? text.length), variables, reading)?.type;
    return type === 'list' ? { lists: [path], scalars: [] } : SCALAR_TYPES.includes(type ?? '') ? { lists: [], scalars: [path] } : none;
  };
  const entries = (open: number, close: number, prefix: string): CelLiteralPaths => {
    const seen = new Set<string>();
    const lists: string[] = [];
    const scalars: string[] = [];
    for (let i = open + 1; i < close;) {
      const key = toks[i];
      if (key.kind !== 'str' || key.text !== 'string' || key.value === undefined || toks[i + 1]?.kind !== ':') return none;
      if (seen.has(key.value)) return none;
      seen.add(key.value);
      const j = end(i + 2, close);
      if (/^[A-Za-z0-9_-]+$/.test(key.value) && key.value !== '-1' && j > i + 2) {
        const found = value(i + 2, j, join(prefix, key.value));
        lists.push(...found.lists);
        scalars.push(...found.scalars);
      }
      i = j + 1;
    }
    return { lists, scalars };
  };
  const elements = (open: number, close: number, prefix: string): CelLiteralPaths => {
    const lists: string[] = [];
    const scalars: string[] = [];
    for (let i = open + 1, n = 0; i < close; n++) {
      const j = end(i, close);
      if (j > i) {
        const found = value(i, j, join(prefix, String(n)));
        lists.push(...found.lists);
        scalars.push(...found.scalars);
      }
      i = j + 1;
    }
    return { lists, scalars };
  };
  return toks.length > 0 ? value(0, toks.length, '') : none;
}

/** The CelType of a known type (`list` of `list(int)`). */
function baseOf(t: Known | undefined): CelType | undefined {
  return t === undefined ? undefined : t.replace(/\(.*$/s, '') as CelType;
}

/** The types of a list's element or a map's key and value (undefined: dyn or not known). */
function paramsOf(t: Known | undefined): Array<Known | undefined> {
  const open = t?.indexOf('(') ?? -1;
  if (t === undefined || open < 0) return [];
  const out: string[] = [];
  let depth = 0;
  let from = open + 1;
  for (let i = from; i < t.length - 1; i++) {
    if (t[i] === '(') {depth++;} else if (t[i] === ')') {depth--;} else if (t[i] === ',' && depth === 0) {
      out.push(t.slice(from, i).trim());
      from = i + 1;
    }
  }
  out.push(t.slice(from, t.length - 1).trim());
  return out.map((x) => (x === 'dyn' ? undefined : x));
}

/** A list's or a map's type with the types of its elements (bare when none is known). */
function composite(base: 'list' | 'map', ...params: Array<Known | undefined>): Known {
  return params.every((x) => x === undefined) ? base : `${base}(${params.map((x) => x ?? 'dyn').join(', ')})`;
}

/**
 * Whether no overload of cel-go that takes two values of one type (`_==_`, `_?_:_`, a list's `_+_`, a list's element in `@in`) takes
 * values of the known types `x` and `y`: types of different kinds (each primitive, null, a type, a list, a map), or lists or maps
 * whose elements' types are so, at any depth (checked against Triggers v0.37.0's environment; two types' values are taken).
 */
function apartDeep(x: Known | undefined, y: Known | undefined): boolean {
  if (x === undefined || y === undefined) return false;
  const [bx, by] = [baseOf(x)!, baseOf(y)!];
  if (bx !== by) return true;
  if (bx !== 'list' && bx !== 'map') return false;
  const [px, py] = [paramsOf(x), paramsOf(y)];
  return px.some((t, i) => apartDeep(t, py[i]));
}

/** Whether `t` is an overload's type parameter (a single upper-case letter: `T` of `list(T)`). */
const isParam = (t: string) => /^[A-Z]$/.test(t);

/**
 * Whether a value of the known type `arg` surely cannot be given as a parameter of type `param` (an overload's), the type
 * parameters bound so far in `bound` (the first argument given for one binds it: cel-go's checker then takes only what is
 * assignable to it; a dyn one binds it to dyn, which takes anything).
 */
function unassignable(param: string, arg: Known | undefined, bound: Map<string, Known | undefined>): boolean {
  if (arg === undefined || param === 'dyn') return false;
  if (isParam(param)) {
    if (!bound.has(param)) {
      bound.set(param, arg);
      return false;
    }
    return apartDeep(bound.get(param), arg);
  }
  const [bp, ba] = [baseOf(param)!, baseOf(arg)!];
  // null is a timestamp or a duration too (cel-go's checker takes it for a message), and dyn; nothing else here
  if (ba === 'null') return !param.startsWith('google.');
  if (bp !== ba) return true;
  if (bp !== 'list' && bp !== 'map') return false;
  const [pp, pa] = [paramsOf(param), paramsOf(arg)];
  return pp.some((t, i) => t !== undefined && unassignable(t, pa[i], bound));
}

/** A result's type with the type parameters bound (`list(T)` with T an int: `list(int)`; a parameter bound to dyn or to nothing: dyn). */
function substituted(result: string | undefined, bound: Map<string, Known | undefined>): Known | undefined {
  if (result === undefined || result === 'dyn') return undefined;
  if (isParam(result)) return bound.get(result);
  const base = baseOf(result)!;
  if (base !== 'list' && base !== 'map') return result;
  return composite(base, ...paramsOf(result).map((t) => substituted(t, bound)));
}

/**
 * A constant the planner makes (see `constants` in `parsed`): the tokens it spans end at `to`, the kind of its value (a CelType,
 * `timestamp` or `duration`), the literal it is (through `dyn(…)`) and, for bytes, whether they are UTF-8 (when known).
 */
interface Constant {
  readonly to: number;
  readonly kind: string;
  readonly token?: Token;
  readonly utf8?: boolean;
  /** Whether the number literal `token` is negated (the parser's negative literal, `-1`). */
  readonly negative?: boolean;
}

/** The bounds of the seconds since the epoch cel-go's timestamps hold (common/types/timestamp.go: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z). */
const MIN_UNIX = BigInt('-62135596800');
const MAX_UNIX = BigInt('253402300799');

/** Days since 1970-01-01 of a date of the proleptic Gregorian calendar. */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/**
 * What cel-go makes of `timestamp(s)` for the string `s` (common/types/string.go ConvertToType): a timestamp (`ok`), a failure and its
 * error (isStrictRFC3339 refuses it: "invalid RFC 3339 timestamp"; time.Parse refuses a day past its month's end or second 60; out of
 * the range of timestamps: "timestamp overflow"; a lower-case `t` or `z`, which time.Parse refuses).
 */
function timestampOfString(s: string): { ok: true } | { ok: false; error?: string } {
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})([Tt])([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?(?:([Zz])|([+-])([0-9]{2}):([0-9]{2}))$/.exec(s);
  const n = (i: number) => Number(m![i]);
  if (m === null || n(2) < 1 || n(2) > 12 || n(3) < 1 || n(3) > 31 || n(5) > 23 || n(6) > 59 || n(7) > 60
    || (m[10] !== undefined && (n(11) > 23 || n(12) > 59))) {
    // (cel-go's NewErr, fmt's %q)
    return { ok: false, error: `invalid RFC 3339 timestamp ${goQuote(s)}` };
  }
  const leap = n(1) % 4 === 0 && (n(1) % 100 !== 0 || n(1) % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][n(2) - 1];
  // (Go's time.Parse takes neither a lower-case `t` nor `z`)
  if (n(3) > days || n(7) > 59 || m[4] === 't' || m[9] === 'z') return { ok: false, error: "type conversion error from 'string' to 'google.protobuf.Timestamp'" };
  const offset = m[10] === undefined ? 0 : (m[10] === '-' ? -1 : 1) * (n(11) * 3600 + n(12) * 60);
  const unix = BigInt(daysFromCivil(n(1), n(2), n(3))) * BigInt(86400) + BigInt(n(5) * 3600 + n(6) * 60 + n(7) - offset);
  return unix < MIN_UNIX || unix > MAX_UNIX ? { ok: false, error: 'timestamp overflow' } : { ok: true };
}

/** The nanoseconds of each unit Go's time.ParseDuration reads (µ as U+00B5 and U+03BC). */
const TWO_63 = BigInt(2) ** BigInt(63);
const DURATION_UNITS: Readonly<Record<string, number>> = { ns: 1, us: 1e3, µs: 1e3, μs: 1e3, ms: 1e6, s: 1e9, m: 6e10, h: 3.6e12 };

/**
 * Whether Go's time.ParseDuration reads `s` (`[-+]?([0-9]*(\.[0-9]*)?unit)+` or `0`, a number of digits on one side of its dot at
 * least, its nanoseconds within an int64): true, false, or undefined near the int64's bounds.
 */
function parsesAsDuration(s: string): boolean | undefined {
  const body = s.replace(/^[-+]/, '');
  if (body === '0') return true;
  const part = /([0-9]*)(?:\.([0-9]*))?([^0-9.]+)/y;
  let total = 0;
  // the nanoseconds exactly, while no number has a fraction
  let exact: bigint | undefined = BigInt(0);
  let at = 0;
  while (at < body.length) {
    part.lastIndex = at;
    const m = part.exec(body);
    if (m === null || (m[1] === '' && (m[2] ?? '') === '') || !Object.prototype.hasOwnProperty.call(DURATION_UNITS, m[3])) return false;
    total += Number(`${m[1] || '0'}.${m[2] ?? ''}0`) * DURATION_UNITS[m[3]];
    exact = exact !== undefined && /^0*$/.test(m[2] ?? '') ? exact + BigInt(m[1] || '0') * BigInt(DURATION_UNITS[m[3]]) : undefined;
    at = part.lastIndex;
  }
  if (body === '') return false;
  // up to 2^63 nanoseconds negated, 2^63-1 else
  if (exact !== undefined) return s.startsWith('-') ? exact <= TWO_63 : exact < TWO_63;
  return total < 9e18 ? true : total > 9.3e18 ? false : undefined;
}

/**
 * Whether Go's strconv.ParseFloat reads `s` as a double (a decimal or hexadecimal float literal as Go writes it, with a sign; `inf`,
 * `infinity` with a sign, `nan`, in any case; not past the largest double): true, false, or undefined where this does not decide
 * (underscores between digits, a hexadecimal one with its exponent).
 */
function parsesAsDouble(s: string): boolean | undefined {
  if (/^[+-]?(inf|infinity)$/i.test(s) || /^nan$/i.test(s)) return true;
  if (s.includes('_') || /^[+-]?0[xX].*[pP]/.test(s)) return undefined;
  if (!/^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(s)) return false;
  return Number.isFinite(Number(s));
}

/** cel-go's type conversions, which its optimizer converts when their argument is a constant (interpreter/decorators.go decOptimize). */
const CONVERSIONS: readonly string[] = ['bool', 'bytes', 'double', 'duration', 'dyn', 'int', 'string', 'timestamp', 'type', 'uint'];

/** cel-go's error for a number out of the range of the type it converts it to (common/types/overflow.go). */
const OVERFLOW: Readonly<Record<string, string>> = { int: 'integer overflow', uint: 'unsigned integer overflow' };

/** The kinds of constants cel-go's planner makes a qualifier of, for an index (interpreter/attributes.go newQualifier). */
const QUALIFIERS: readonly string[] = ['string', 'int', 'uint', 'bool', 'double'];

/** How Go names the value of a constant of a kind in cel-go (`invalid qualifier type: %T`). */
const GO_TYPES: Readonly<Record<string, string>> = {
  bytes: 'types.Bytes',
  null: 'types.Null',
  list: '*types.baseList',
  map: '*types.baseMap',
  type: '*types.Type',
  timestamp: 'types.Timestamp',
  duration: 'types.Duration',
};

/** What the reading of an expression found (see CelTyping; `deep`: nested deeper than JavaScript's stack, not read). */
interface Parsed {
  undeclared: string[];
  /** Where each of `undeclared` is: the offset of its name in the text. */
  undeclaredAt: number[];
  mistyped: string[];
  undeclaredFunctions: string[];
  /** Where each of `undeclaredFunctions` is called: the offset of the call's `(` (where cel-go's checker places its error). */
  undeclaredFunctionsAt: number[];
  unselected: Array<{ selection: string; type: string }>;
  plan: PlanFailure[];
  type?: Known;
  deep?: boolean;
  unsure?: boolean;
}

/**
 * The readings of CEL texts already made, by text and what the reading depends on: the rules read one expression several times (whether it
 * parses, its undeclared names, its type), and the same expressions recur in a set of objects (a pipeline's when expressions in each run of it).
 * Bounded: emptied when it holds READINGS_KEPT readings.
 */
const READINGS = new Map<string, string | Parsed>();
const READINGS_KEPT = 4096;
/** A number for each set of functions a reading declares (compared by identity: the environments are constants). */
const FUNCTION_SETS = new WeakMap<object, number>();
let functionSets = 0;

/** Why `text` does not parse, or the names it refers to that are not `declared` (when given) nor bound, its type and type errors (read once per reading). */
function parsed(text: string, reading: CelReading, declared?: readonly string[], variables: Readonly<Record<string, Known | undefined>> = {}):
string | Parsed {
  let functions = 0;
  if (reading.functions !== undefined) {
    functions = FUNCTION_SETS.get(reading.functions) ?? 0;
    if (functions === 0) FUNCTION_SETS.set(reading.functions, functions = ++functionSets);
  }
  const key = JSON.stringify([
    text, reading.optionalSyntax ?? true, reading.complete === true, reading.extensionMacros === true, functions, declared ?? null,
    Object.entries(variables).map(([k, v]) => [k, v ?? null]),
  ]);
  const known = READINGS.get(key);
  if (known !== undefined) return known;
  const read = parse(text, reading, declared, variables);
  if (READINGS.size >= READINGS_KEPT) READINGS.clear();
  READINGS.set(key, read);
  return read;
}

/** What parsed keeps: the reading of `text`. */
function parse(text: string, reading: CelReading, declared: readonly string[] | undefined, variables: Readonly<Record<string, Known | undefined>>):
string | Parsed {
  const functions: Readonly<Record<string, readonly CelOverload[]>> = { ...STANDARD_FUNCTIONS, ...reading.functions };
  // a function's overloads (none for a name Object.prototype holds, `toString`)
  const overloadsOf = (name: string) => (Object.prototype.hasOwnProperty.call(functions, name) ? functions[name] : []);
  const optional = reading.optionalSyntax ?? true;
  const undeclared: string[] = [];
  const undeclaredAt: number[] = [];
  const mistyped: string[] = [];
  const undeclaredFunctions: string[] = [];
  const undeclaredFunctionsAt: number[] = [];
  const unselected: Array<{ selection: string; type: string }> = [];
  // what cel-go's planner fails on, in the order it plans (an operation's operands first)
  const plan: PlanFailure[] = [];
  // whether it holds what cel-go's checker types and this typing does not (see CelTyping)
  let unsure = false;
  // orderings across int, uint and double, which cel-go's checker refuses only until it has checked a comprehension (a macro
  // that binds a name): after one, in the same expression, it takes them (checked against Triggers v0.37.0's environment)
  const crossNumeric: string[] = [];
  let comprehensions = 0;
  // an operation no overload takes (the operands' types known)
  const refuse = (op: string, ...types: Array<Known | undefined>) => {
    mistyped.push(`'${op}' applied to (${types.map((t) => t ?? 'dyn').join(', ')})`);
  };
  // the type of a call of the function `name` with `args` (the target first, for a method), when one of its overloads takes them
  const overloaded = (name: string, member: boolean, args: Array<Known | undefined>): Known | undefined => {
    const results: Array<Known | undefined> = [];
    for (const o of overloadsOf(name)) {
      const params = new Map<string, Known | undefined>();
      if (o.member === member && o.params.length === args.length && o.params.every((t, i) => !unassignable(t, args[i], params))) {
        results.push(substituted(o.result, params));
      }
    }
    if (results.length === 0) {
      const shown = args.map((t) => t ?? 'dyn');
      // a method called as a function, or a function as a method
      const called = overloadsOf(name).some((o) => o.member === member) ? ''
        : member ? ` (a function, called as ${name}(…), not a method)` : ` (a method, called as <target>.${name}(…), not a function)`;
      mistyped.push((member ? `'${name}' applied to ${shown[0]}.(${shown.slice(1).join(', ')})` : `'${name}' applied to (${shown.join(', ')})`) + called);
      return undefined;
    }
    return results.every((r) => r === results[0]) ? results[0] : undefined;
  };
  const declares = (name: string) => overloadsOf(name).length > 0;
  // a call of a function the environment does not declare, its `(` at `at`, when its functions are complete (a macro's name too, where
  // cel-go's parser expanded no macro: see method)
  const undeclaredCall = (name: string, at: number) => {
    if (reading.complete === true) {
      undeclaredFunctions.push(name);
      undeclaredFunctionsAt.push(at);
    }
    return undefined;
  };
  // whether cel-go's parser expands the call `<target>.name(…)` of `count` arguments as a macro (parser/macro.go: all, exists, exists_one and filter of
  // two, map of two or three, sortBy of two where the lists extension is there; has is a global macro, math.greatest and math.least read apart):
  // otherwise it is a call of a function of that name
  const expandsAsMacro = (name: string, count: number) => (['all', 'exists', 'exists_one', 'filter'].includes(name) && count === 2)
    || (name === 'map' && (count === 2 || count === 3)) || (name === 'sortBy' && count === 2 && reading.extensionMacros === true);
  // the number of arguments of the call whose `(` is at `open`
  const argumentCount = (open: number): number => {
    const close = closingToken(toks as Token[], open);
    if (close === open + 1) return 0;
    let count = 1;
    for (let k = open + 1, depth = 0; k < close; k++) {
      const kind = (toks as Token[])[k].kind;
      if (kind === '(' || kind === '[' || kind === '{') depth++;
      else if (kind === ')' || kind === ']' || kind === '}') depth--;
      else if (kind === ',' && depth === 0) count++;
    }
    return count;
  };
  // the names the macros around bind, innermost last, each of the type of the elements (a map's keys) of the range it runs over
  const bound: Array<{ readonly name: string; readonly type: Known | undefined }> = [];
  const isBound = (name: string) => bound.some((b) => b.name === name);
  const toks = tokens(text);
  if (typeof toks === 'string') return toks;
  let p = 0;
  // a name at p read as a value: not bound, not declared, not a function's or a message's (nor a namespace's, before a dotted path and `(`,
  // unless what is called there is a macro's name binding a name, which the parser expands over the path as its range (`x.all(y, y > 0)`),
  // or, the environment's functions complete, a method it declares where the path and the method's name are no function it declares
  // (`foo.size()`: cel-go's checker then checks the path as the method's target))
  const reference = (name: string | undefined, rooted = false) => {
    if (declared === undefined || name === undefined || name.startsWith('`') || (!rooted && isBound(name)) || declared.includes(name)) return;
    let j = p + 1;
    while (toks[j]?.kind === '.' && toks[j + 1]?.kind === 'id') j += 2;
    if (toks[j]?.kind === '{' || (toks[j]?.kind === '(' && !(j > p + 1 && targetOfCall(p, j)))) return;
    // (one in the root scope named as cel-go names it, with its leading dot)
    undeclared.push(rooted ? `.${name}` : name);
    undeclaredAt.push(toks[p].at);
  };
  // whether the tokens from `from` up to `to` (not included) are a field's selection (`a.b`, `f(x).b`, `(a.b)`): a name after a `.`, the
  // operand before it no operation at its own level (an operator there makes the whole an operation, a call, of cel-go's)
  const isSelection = (from: number, to: number): boolean => {
    for (;;) {
      if (toks[from]?.kind !== '(' || toks[to - 1]?.kind !== ')') break;
      let depth = 0;
      let closes = -1;
      for (let k = from; k < to && closes < 0; k++) {
        depth += toks[k].kind === '(' ? 1 : toks[k].kind === ')' ? -1 : 0;
        if (depth === 0) closes = k;
      }
      if (closes !== to - 1) break;
      from++;
      to--;
    }
    if (to - from < 3 || toks[to - 1].kind !== 'id' || toks[to - 2].kind !== '.') return false;
    let depth = 0;
    for (let k = from; k < to - 2; k++) {
      const kind = toks[k].kind;
      if (kind === '(' || kind === '[' || kind === '{') depth++;
      else if (kind === ')' || kind === ']' || kind === '}') depth--;
      else if (depth === 0 && !['id', 'num', 'str', '.'].includes(kind)) return false;
    }
    return true;
  };
  // whether the dotted path of names from `from` up to the call of its last name at `open` (a `(`) is the target of that call
  const targetOfCall = (from: number, open: number): boolean => {
    const method = toks[open - 1].text!;
    if (BINDING_MACROS.includes(method) && expandsAsMacro(method, argumentCount(open)) && toks[open + 1]?.kind === 'id' && toks[open + 2]?.kind === ',') {
      return true;
    }
    // (the functions complete, a path and name that are no function of a namespace: cel-go's checker checks the path as the target, whether
    // the method is declared or not; math.greatest and math.least are the math extension's macros where it is there)
    const whole = toks.slice(from, open).map((t) => t.text ?? t.kind).join('');
    return reading.complete === true && !declares(whole) && !(reading.extensionMacros === true && (whole === 'math.greatest' || whole === 'math.least'));
  };
  const unsupported = (what: string) => {
    throw new CelSyntaxError(`the optional syntax '${what}' at character ${[...text.slice(0, toks[p - 1].at)].length + 1}, which the environment does not enable`);
  };
  // `?` where the optional syntax would be: refused unless enabled
  const optionally = (what: string) => {
    if (take('?') && !optional) unsupported(what);
  };
  const peek = () => toks[p]?.kind;
  const where = () => (p < toks.length ? `at character ${[...text.slice(0, toks[p].at)].length + 1}, '${text.slice(toks[p].at).match(/^(?:&&|\|\||[=!<>]=|\S)/)?.[0]}'` : 'where the expression ends');
  const fail = (what: string): never => {
    throw new CelSyntaxError(`${what} expected ${where()}`);
  };
  const take = (kind: string) => (peek() === kind ? (p++, true) : false);
  const expect = (kind: string, what = `'${kind}'`) => {
    if (!take(kind)) fail(what);
  };
  // a list of expressions up to `close`, each maybe optional (`?`) and, in a map or a message, followed by `: expr` (a message's are its
  // fields' names, no references); a trailing comma is allowed in a list, a map or a message (`[1,]`, `{,}` empty), not in a call's
  // arguments (cel-go's grammar: listInit and the initializer lists take `','?` before the bracket, exprList does not)
  // (`entries`: for each element or entry, whether it is a constant, and whether its key is a bytes literal)
  const list = (close: string, pairs: boolean, message = false, values: Array<Known | undefined> = [],
    entries: Array<{ constant: boolean; bytesKey: boolean }> = []): Array<Known | undefined> => {
    const types: Array<Known | undefined> = [];
    if (close !== ')' && peek() === ',' && toks[p + 1]?.kind === close) {
      p += 2;
      return types;
    }
    while (!take(close)) {
      // an optional element's or entry's type is the optional's (not typed here)
      const opt = peek() === '?';
      optionally('?');
      const start = p;
      if (message && peek() === 'id' && toks[p + 1]?.kind === ':') p++;
      else types.push(expr());
      const entry = { constant: !opt && constantAt(start, p), bytesKey: !opt && constantOf(start, p)?.kind === 'bytes' };
      entries.push(entry);
      if (pairs) {
        expect(':');
        const from = p;
        values.push(expr());
        entry.constant &&= constantAt(from, p);
      }
      if (opt) types[types.length - 1] = undefined;
      if (opt && pairs) values[values.length - 1] = undefined;
      if (!take(',')) {
        expect(close, `',' or '${close}'`);
        return types;
      }
      if (close === ')' && peek() === ')') fail('an operand');
    }
    return types;
  };
  // the constants beyond literals, by the tokens they span (from → to), which cel-go's planner makes constants when it plans a program:
  // a negated number (the parser's literal), a list or map literal of constants and a conversion of a constant that surely succeeds
  // (its optimizer builds and converts them)
  const constants = new Map<number, Constant>();
  // the constant the tokens from `from` to `to` are: a literal, or one of `constants`
  const constantOf = (from: number, to: number): Constant | undefined => {
    if (to === from + 1 && ['num', 'str'].includes(toks[from].kind)) {
      const t = toks[from];
      const kind = literal(t);
      const bytes = kind === 'bytes' ? bytesOf(t.body!, t.raw === true) : undefined;
      return { to, kind, token: t, ...(bytes !== undefined ? { utf8: validUtf8(bytes) } : {}) };
    }
    // a type's name read as a value (cel-go plans it as a constant type)
    if (to === from + 1 && toks[from].kind === 'id' && TYPE_NAMES.includes(toks[from].text!) && !isBound(toks[from].text!) && toks[to]?.kind !== '.'
      && !Object.prototype.hasOwnProperty.call(variables, toks[from].text!)) {
      return { to, kind: 'type' };
    }
    const c = constants.get(from);
    return c?.to === to ? c : undefined;
  };
  const constantAt = (from: number, to: number) => constantOf(from, to) !== undefined;
  // the constant a conversion `name` of the constant `arg` (the call's text `call`) surely converts to, or undefined: one it fails on
  // is a failure of the planner (then undefined too)
  const conversion = (name: string, arg: Constant, call: string): Omit<Constant, 'to'> | undefined => {
    const { kind, token } = arg;
    if (name === 'dyn') {
      const { to: _to, ...same } = arg;
      return same;
    }
    if (name === 'type') return { kind: 'type' };
    if (token !== undefined && unconverted(name, token, call, arg.negative === true)) return undefined;
    if (name === 'string' && kind === 'bytes') {
      // Go's utf8.Valid (common/types/bytes.go ConvertToType)
      if (arg.utf8 === false) plan.push({ text: call, error: 'invalid UTF-8 in bytes, cannot convert to string' });
      return arg.utf8 === true ? { kind: 'string' } : undefined;
    }
    if (name === kind) return arg;
    if ((name === 'string' && ['int', 'uint', 'double', 'bool'].includes(kind)) || (name === 'double' && ['int', 'uint'].includes(kind))) return { kind: name };
    // a string is UTF-8, whatever its escapes
    if (name === 'bytes' && kind === 'string') return { kind: 'bytes', utf8: true };
    // a number in range (unconverted), a string of few enough digits, a bool's string (unconverted)
    const value = token?.kind === 'str' && token.text === 'string' ? token.value : undefined;
    // a timestamp of a string cel-go reads or of an int in range, a duration of a string Go reads, a double of a string Go reads
    // (each unconverted otherwise)
    if (name === 'timestamp' && ((value !== undefined && timestampOfString(value)?.ok === true) || (kind === 'int' && token?.kind === 'num'))) return { kind: name };
    if ((name === 'duration' && value !== undefined && parsesAsDuration(value) === true) || (name === 'double' && value !== undefined && parsesAsDouble(value) === true)) {
      return { kind: name };
    }
    if ((name === 'int' || name === 'uint') && token?.kind === 'num' && /^[0-9.]/.test(token.text!)) return { kind: name };
    if ((name === 'int' && /^[+-]?[0-9]{1,18}$/.test(value ?? '')) || (name === 'uint' && /^[0-9]{1,19}$/.test(value ?? '')) || (name === 'bool' && value !== undefined)) {
      return { kind: name };
    }
    return undefined;
  };
  // the type of a name read as a value: a bound name's that of its range's elements, a variable's its own (`requestURL.size()` is a
  // method's call on it, no function of that name being declared), a type name's `type` (not before `.`, where it may begin a qualified name)
  const named = (name: string): Known | undefined => {
    const binding = [...bound].reverse().find((b) => b.name === name);
    if (binding !== undefined) return binding.type;
    if (Object.prototype.hasOwnProperty.call(variables, name)) return variables[name];
    return TYPE_NAMES.includes(name) && toks[p + 1]?.kind !== '.' ? 'type' : undefined;
  };
  const literal = (t: Token): CelType => {
    if (t.kind === 'str') return t.text as CelType;
    if (t.text === 'true' || t.text === 'false') return 'bool';
    if (t.text === 'null') return 'null';
    if (/[uU]$/.test(t.text!)) return 'uint';
    return /^0[xX]/.test(t.text!) || !/[.eE]/.test(t.text!) ? 'int' : 'double';
  };
  // the element type of a list or map literal (cel-go's checker joins elements of different types as dyn)
  const joined = (types: Array<Known | undefined>) => (types.length > 0 && types.every((t) => t !== undefined && t === types[0])
    ? types[0] : undefined);
  const primary = (): Known | undefined => {
    const k = peek();
    if (k === '.') {
      p++;
      if (peek() === 'id') reference(toks[p].text, true);
      expect('id', 'a name');
      return undefined;
    }
    if (k === 'id') {
      reference(toks[p].text);
      // a name in backticks, a protobuf type's name
      if (toks[p].text!.startsWith('`') || (toks[p].text === 'google' && !isBound('google'))) unsure = true;
      const t = named(toks[p].text!);
      p++;
      return t;
    }
    if (k === 'num' || k === 'str') return literal(toks[p++]);
    if (k === '(') {
      const start = p++;
      const t = expr();
      // a constant in parentheses is that constant
      const inner = constantOf(start + 1, p);
      expect(')');
      if (inner !== undefined) constants.set(start, { ...inner, to: p });
      return t;
    }
    if (k === '[' || k === '{') {
      const start = p++;
      const values: Array<Known | undefined> = [];
      const entries: Array<{ constant: boolean; bytesKey: boolean }> = [];
      const elements = list(k === '[' ? ']' : '}', k === '{', false, values, entries);
      if (entries.every((e) => e.constant)) {
        constants.set(start, { to: p, kind: k === '[' ? 'list' : 'map' });
        // a map of constants with a bytes key: cel-go hashes the key when it builds the map (in Go, a map with []byte keys)
        if (k === '{' && entries.some((e) => e.bytesKey)) plan.push({ text: text.slice(toks[start].at, toks[p - 1].at + 1), panic: true });
      }
      return k === '[' ? composite('list', joined(elements)) : composite('map', joined(elements), joined(values));
    }
    return fail('an operand');
  };
  // a conversion of a literal that cel-go's optimizer converts when it plans the program and fails on: null for a conversion the checker
  // takes it for (as a timestamp or a duration), a string that is no number for int or uint (strconv.ParseInt, ParseUint, base 10) or
  // no bool for bool (strconv.ParseBool)
  // (whether it is one)
  const unconverted = (name: string, arg: Token, call: string, negative = false): boolean => {
    const isNull = arg.kind === 'num' && arg.text === 'null';
    const string = arg.kind === 'str' && arg.text === 'string' ? arg.value : undefined;
    const number = arg.kind === 'num' && !isNull && arg.text !== 'true' && arg.text !== 'false' ? arg.text! : undefined;
    // what Go's parsers refuse, with cel-go's error (common/types/string.go and int.go ConvertToType)
    const refused = (error?: string) => {
      plan.push({ text: call, ...(error !== undefined ? { error } : {}) });
      return true;
    };
    if (name === 'timestamp' && string !== undefined) {
      const read = timestampOfString(string);
      if (read?.ok === false) return refused(read.error);
    }
    if (name === 'timestamp' && number !== undefined && /^(?:0[xX][0-9a-fA-F]+|[0-9]+)$/.test(number)) {
      const seconds = BigInt(number) * BigInt(negative ? -1 : 1);
      if (seconds < MIN_UNIX || seconds > MAX_UNIX) return refused('timestamp overflow');
    }
    if (name === 'duration' && string !== undefined && parsesAsDuration(string) === false) {
      return refused("type conversion error from 'string' to 'google.protobuf.Duration'");
    }
    if (name === 'double' && string !== undefined && parsesAsDouble(string) === false) return refused("type conversion error from 'string' to 'double'");
    // strings of digits past the type's range (strconv.ParseInt, ParseUint)
    if (string !== undefined && ((name === 'int' && /^[+-]?[0-9]+$/.test(string) && (BigInt(string) > BigInt('9223372036854775807')
      || BigInt(string) < BigInt('-9223372036854775808'))) || (name === 'uint' && /^[0-9]+$/.test(string) && BigInt(string) > BigInt('18446744073709551615')))) {
      return refused(`type conversion error from 'string' to '${name}'`);
    }
    // a number out of the type's range (common/types/overflow.go)
    if (number !== undefined && outOfRange(name, negative, number)) return refused(OVERFLOW[name]);
    // null, which the checker takes for a timestamp or a duration, has no overload of the conversion (the dispatcher's error)
    if (isNull && ['int', 'string', 'timestamp', 'duration'].includes(name)) return refused(`no such overload: ${name}(null_type)`);
    if (string !== undefined && ((name === 'int' && !/^[+-]?[0-9]+$/.test(string)) || (name === 'uint' && !/^[0-9]+$/.test(string))
        || (name === 'bool' && !['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'].includes(string)))) {
      return refused(`type conversion error from 'string' to '${name}'`);
    }
    return false;
  };
  // the type of a global function's call `name(args)` when it compiles (no overload of the name a global one taking them: refused); one
  // called from the root scope (`.foo(1)`, `.has(body.a)`: cel-go's parser expands no macro there) is undeclared as cel-go names it, with
  // its leading dot, and so is `has` with other than one argument (no macro either)
  // (`at`: the offset of its `(`; a receiver's macro called as a function, `all(x, p)`, is no macro)
  const call = (name: string, args: Array<Known | undefined>, rooted: boolean, at: number): Known | undefined => {
    if (name === 'has' && !rooted && args.length === 1) return 'bool';
    return declares(name) ? overloaded(name, false, args) : undeclaredCall(rooted ? `.${name}` : name, at);
  };
  // the type of a method's call `target.name(args)` when it compiles (no overload of the name a method taking them: refused); a macro's name
  // that cel-go's parser expands is not judged (what it refuses of the macro's arguments, `x.all(1, true)`, is not read here), one it does not
  // (`x.all(1)`, `x.has(y)`) is a function's it does not declare
  const method = (name: string, target: Known | undefined, args: Array<Known | undefined>, at: number): Known | undefined => {
    if (declares(name)) return overloaded(name, true, [target, ...args]);
    return expandsAsMacro(name, args.length) ? undefined : undeclaredCall(name, at);
  };
  // the type of a macro's call `target.name(v, args)` that binds `v`, its range's type `target`: a range of a known type other
  // than a list or a map, or a predicate of a known type other than bool, is refused
  const macro = (name: string, target: Known | undefined, args: Array<Known | undefined>): Known | undefined => {
    const element = rangeElement(name, target);
    const predicate = ['all', 'exists', 'exists_one', 'filter'].includes(name) || (name === 'map' && args.length === 3) ? args[1] : undefined;
    if (predicate !== undefined && predicate !== 'bool') mistyped.push(`'${name}' applied to a predicate of type ${predicate}, not bool`);
    if (['all', 'exists', 'exists_one'].includes(name) && args.length === 2) return 'bool';
    if (name === 'filter' && args.length === 2) return composite('list', element);
    if (name === 'map' && (args.length === 2 || args.length === 3)) return composite('list', args[args.length - 1]);
    if (name === 'sortBy' && args.length === 2) {
      // a list (not a map), by keys of a type cel-go orders (ext/lists.go comparableTypes: no list, map or type; null is taken for a timestamp)
      if ((args[1] !== undefined && ['list', 'map', 'type'].includes(baseOf(args[1])!)) || baseOf(target) === 'map') {
        mistyped.push(`'@sortByAssociatedKeys' (sortBy) applied to ${target ?? 'dyn'}.(list(${args[1] ?? 'dyn'}))`);
      }
      // (of what is dyn, dyn: cel-go's checker binds no type parameter of a list)
      return baseOf(target) === 'list' ? composite('list', element) : undefined;
    }
    return undefined;
  };
  // the type of the name a macro over a value of the type `range` binds: a list's elements', a map's keys'; a range of another known type is refused
  const rangeElement = (name: string, range: Known | undefined): Known | undefined => {
    if (range === undefined) return undefined;
    if (baseOf(range) === 'list' || baseOf(range) === 'map') return paramsOf(range)[0];
    mistyped.push(`'${name}' applied to ${range}, which is no list or map it could run over`);
    return undefined;
  };
  // the literal the tokens from `from` to `to` are, as cel-go's parser makes them (parentheses and an even run of `!` or `-` dropped, a
  // number under one `-` a negative literal): its kind (`list`, `map` for their literals, `[]` for an empty list), or undefined for what is no
  // literal, and where it starts
  const literalAt = (from: number, to: number): { kind?: string; at: number } => {
    let [a, b] = [from, to];
    for (;;) {
      if (toks[a]?.kind === '(' && toks[b - 1]?.kind === ')' && closing(a) === b - 1) {
        [a, b] = [a + 1, b - 1];
        continue;
      }
      let run = 0;
      while (toks[a + run]?.kind === toks[a]?.kind && (toks[a]?.kind === '!' || toks[a]?.kind === '-')) run++;
      if (run > 0 && run % 2 === 0) {
        a += run;
        continue;
      }
      break;
    }
    if (b === a + 1 && ['num', 'str'].includes(toks[a].kind)) return { kind: literal(toks[a]), at: a };
    if (b === a + 2 && toks[a].kind === '-' && toks[a + 1].kind === 'num' && /^[0-9.]/.test(toks[a + 1].text!)) return { kind: literal(toks[a + 1]), at: a };
    if ((toks[a]?.kind === '[' || toks[a]?.kind === '{') && closing(a) === b - 1) return { kind: toks[a].kind === '{' ? 'map' : b === a + 2 ? '[]' : 'list', at: a };
    return { at: a };
  };
  const literalKind = (from: number, to: number) => literalAt(from, to).kind;
  const closing = (at: number): number => closingToken(toks, at);
  // the spans of the elements of the list literal from `[` at `open` to its `]` at `close`
  const elementSpans = (open: number, close: number): Array<[number, number]> => {
    const out: Array<[number, number]> = [];
    let from = open + 1;
    for (let i = from, depth = 0; i <= close; i++) {
      const k = toks[i].kind;
      if (i === close || (depth === 0 && k === ',')) {
        if (i > from) out.push([from, i]);
        from = i + 1;
      } else if (['(', '[', '{'].includes(k)) {
        depth++;
      } else if ([')', ']', '}'].includes(k)) {
        depth--;
      }
    }
    return out;
  };
  // the type of `math.greatest(…)` or `math.least(…)` (the `(` taken), macros of cel-go's math extension (ext/math.go): refused by its parser
  // for no argument, a literal that is no number among two or more, or a single argument that is a literal but a number's or a list's of
  // them; else a call of `math.@max` or `math.@min` (of a list of the arguments, for three or more), whose overloads take a number, a list
  // of numbers of one type, or two numbers, of the type of the number(s), dyn for two of different types
  const extremum = (name: string): Known | undefined => {
    const args: Array<Known | undefined> = [];
    const spans: Array<[number, number]> = [];
    const open = p - 1;
    while (!take(')')) {
      const from = p;
      args.push(expr());
      spans.push([from, p]);
      if (!take(',')) {
        expect(')', "',' or ')'");
        break;
      }
    }
    const at = (i: number) => `at character ${[...text.slice(0, toks[i].at)].length + 1}`;
    const numeric = (k: string | undefined) => k === undefined || k === 'int' || k === 'uint' || k === 'double';
    if (args.length === 0) throw new CelSyntaxError(`${name}() requires at least one argument, ${at(open - 3)}`);
    if (args.length === 1) {
      const { kind, at: from } = literalAt(...spans[0]);
      // a list literal of numbers or of what is no literal
      const elements = kind === 'list' ? elementSpans(from, closing(from)) : [];
      if ((kind !== 'list' && !numeric(kind)) || elements.some((e) => !numeric(literalKind(...e)))) {
        throw new CelSyntaxError(`${name}() invalid single argument value, ${at(from)}`);
      }
    } else {
      const bad = spans.map((s) => literalAt(...s)).find((l) => !numeric(l.kind));
      if (bad !== undefined) throw new CelSyntaxError(`${name}() simple literal arguments must be numeric, ${at(bad.at)}`);
    }
    const fn = `'${name === 'math.greatest' ? 'math.@max' : 'math.@min'}' (${name})`;
    const isNumber = (t: Known | undefined) => t === 'int' || t === 'uint' || t === 'double';
    // one argument, or a list of three or more
    const single = args.length === 1 ? args[0] : args.length > 2 ? composite('list', joined(args)) : undefined;
    if (args.length !== 2) {
      if (single === undefined || isNumber(single)) return single;
      const element = baseOf(single) === 'list' ? paramsOf(single)[0] : undefined;
      if (baseOf(single) === 'list' && (element === undefined || isNumber(element))) return element;
      mistyped.push(`${fn} applied to (${single})`);
      return undefined;
    }
    if (args.some((t) => t !== undefined && !isNumber(t))) {
      mistyped.push(`${fn} applied to (${args.map((t) => t ?? 'dyn').join(', ')})`);
      return undefined;
    }
    return args[0] !== undefined && args[0] === args[1] ? args[0] : undefined;
  };
  const member = (): Known | undefined => {
    // a bare name before `(` is a global function's; a dotted path of names before `(`, a namespace's (`base64.decode(…)`) when declared
    // (after a leading dot, `.lists.range(2)`, the name is the root scope's: no name a macro binds)
    const rooted = peek() === '.' && toks[p + 1]?.kind === 'id';
    const memberStart = p;
    const at = rooted ? p + 1 : p;
    const global = toks[at]?.kind === 'id' && toks[at + 1]?.kind === '(' ? toks[at].text : undefined;
    let path = toks[at]?.kind === 'id' && (rooted || !isBound(toks[at].text!)) && !Object.prototype.hasOwnProperty.call(variables, toks[at].text!)
      ? toks[at].text : undefined;
    let type = primary();
    for (let first = true; ; first = false) {
      if (take('.')) {
        const opt = peek() === '?';
        optionally('.?');
        const name = toks[p]?.text;
        expect('id', 'a name');
        const qualified = path !== undefined && !opt ? `${path}.${name}` : undefined;
        path = peek() === '(' ? undefined : qualified;
        if (reading.extensionMacros === true && (qualified === 'math.greatest' || qualified === 'math.least') && peek() === '(') {
          p++;
          type = extremum(qualified);
          continue;
        }
        if (qualified !== undefined && peek() === '(' && declares(qualified)) {
          p++;
          type = overloaded(qualified, false, list(')', false));
          continue;
        }
        // a macro of cel-go's standard library whose first argument is a literal, no name it could bind: its parser refuses it (parser/macro.go)
        if (peek() === '(' && ['all', 'exists', 'exists_one', 'filter', 'map'].includes(name ?? '') && expandsAsMacro(name!, argumentCount(p))) {
          let comma = p + 1;
          for (let depth = 0; !(depth === 0 && toks[comma].kind === ','); comma++) {
            const kind = toks[comma].kind;
            if (kind === '(' || kind === '[' || kind === '{') depth++;
            else if (kind === ')' || kind === ']' || kind === '}') depth--;
          }
          if (literalAt(p + 1, comma).kind !== undefined) {
            const words = name === 'map' || name === 'filter' ? 'argument is not an identifier' : 'argument must be a simple name';
            throw new CelSyntaxError(`${name}() binds its first argument, ${text.slice(toks[p + 1].at, toks[comma].at).trim()}, which is a literal, no name ("${words}"), `
              + `at character ${[...text.slice(0, toks[p + 1].at)].length + 1}`);
          }
        }
        // a macro's name bound in its arguments (the first, the name itself, is then no reference)
        const binds = peek() === '(' && BINDING_MACROS.includes(name ?? '') && expandsAsMacro(name!, argumentCount(p)) && toks[p + 1]?.kind === 'id'
          && toks[p + 2]?.kind === ',';
        if (binds) {
          // sortBy's target: a list literal, a name, a comprehension, a call or a selection (ext/lists.go sortByMacro), no other literal
          const target = literalAt(memberStart, p - 2);
          if (name === 'sortBy' && reading.extensionMacros === true && target.kind !== undefined && target.kind !== 'list' && target.kind !== '[]') {
            throw new CelSyntaxError('sortBy can only be applied to a list, identifier, comprehension, call or select expression, '
              + `at character ${[...text.slice(0, toks[target.at].at)].length + 1}`);
          }
          comprehensions++;
          p++;
          // the range's type is not known through `.?` (an optional's)
          const range = opt ? undefined : type;
          bound.push({ name: toks[p].text!, type: range === undefined ? undefined : baseOf(range) === 'list' || baseOf(range) === 'map' ? paramsOf(range)[0] : undefined });
          const args = list(')', false);
          bound.pop();
          type = opt ? undefined : macro(name!, range, args);
        } else if (take('(')) {
          const open = toks[p - 1].at;
          const args = list(')', false);
          type = opt ? undefined : method(name!, type, args, open);
        } else {
          // a field of a value of a known type other than a map: refused (checker.go checkSelect)
          if (!opt && type !== undefined && baseOf(type) !== 'map') {
            const base = baseOf(type)!;
            const shown = base === 'list' ? 'list(…)' : base === 'type' ? 'type(…)' : type;
            unselected.push({ selection: text.slice(toks[memberStart].at, toks[p - 1].at + name!.length), type: shown });
          }
          // a map's field is its value
          type = !opt && baseOf(type) === 'map' ? paramsOf(type)[1] : undefined;
        }
      } else if (take('(')) {
        path = undefined;
        const start = p;
        const args = list(')', false);
        // has() is a macro of one field's selection alone (cel-go parser/macro.go makeHas): the parser refuses any other argument
        if (first && global === 'has' && !rooted && args.length === 1 && !isSelection(start, p - 1)) {
          throw new CelSyntaxError(`invalid argument to has() macro: ${text.slice(toks[start].at, toks[p - 1].at).trim()} selects no field (body.a selects one)`);
        }
        type = first && global !== undefined ? call(global, args, rooted, toks[start - 1].at) : undefined;
        // a timestamp or a duration (their name, `(`, …, `)`), whose use is judged once read
        if (first && !rooted && (global === 'timestamp' || global === 'duration') && !isBound(global)) timeCalls.push([start - 2, p]);
        // a conversion of a constant (which the optimizer converts), or of a negated number
        const arg = first && global !== undefined && CONVERSIONS.includes(global) && args.length === 1 ? constantOf(start, p - 1) : undefined;
        const called = () => text.slice(toks[start - 2].at, toks[p - 1].at + 1);
        if (first && global !== undefined && args.length === 1 && p === start + 3 && toks[start].kind === '-' && toks[start + 1].kind === 'num'
          && outOfRange(global, true, toks[start + 1].text!)) {
          plan.push({ text: called(), error: OVERFLOW[global] });
        } else if (arg !== undefined) {
          const converted = conversion(global!, arg, called());
          if (converted !== undefined && !rooted) constants.set(start - 2, { ...converted, to: p });
        }
      } else if (take('[')) {
        path = undefined;
        const opt = peek() === '?';
        optionally('[?');
        const from = p;
        const index = expr();
        const key = constantOf(from, p);
        expect(']');
        if (!opt && type !== undefined && baseOf(type) !== 'list' && baseOf(type) !== 'map') {
          // no overload indexes what is no list or map
          refuse('_[_]', type, index);
        } else if (!opt && key !== undefined && (key.kind === 'timestamp' || key.kind === 'duration') && toks[from].text === key.kind
          && (baseOf(type) === 'list' || (baseOf(type) === 'map' && paramsOf(type)[0] !== undefined))) {
          // a timestamp or a duration (dyn here otherwise; through dyn(…) the checker's too) indexes no list and no map whose keys' type is known
          refuse('_[_]', type, key.kind);
        } else if (!opt && baseOf(type) === 'list' && index !== undefined && index !== 'int') {
          refuse('_[_]', type, index);
        } else if (!opt && baseOf(type) === 'map' && apartDeep(paramsOf(type)[0], index)) {
          refuse('_[_]', type, index);
        } else if (key !== undefined && !QUALIFIERS.includes(key.kind)) {
          // an index by a constant the planner makes no qualifier of (interpreter/planner.go planCallIndex)
          plan.push({ text: text.slice(toks[memberStart].at, toks[p - 1].at + 1), error: `invalid qualifier type: ${GO_TYPES[key.kind]}`, index: true });
        }
        // a list's element, a map's value
        type = opt ? undefined : baseOf(type) === 'list' ? paramsOf(type)[0] : baseOf(type) === 'map' ? paramsOf(type)[1] : undefined;
      } else if (take('{')) {
        path = undefined;
        // a message: Name{field: value}
        list('}', true, true);
        type = undefined;
        unsure = true;
      } else {
        return type;
      }
    }
  };
  const unary = (): Known | undefined => {
    const ops: string[] = [];
    const start = p;
    while (peek() === '!' || peek() === '-') ops.push(toks[p++].kind);
    const inner = p;
    let type = member();
    // a constant under an even run of one operator (dropped), or a number under one `-` (the parser's negative literal)
    const operand = ops.length > 0 && ops.every((o) => o === ops[0]) ? constantOf(inner, p) : undefined;
    if (operand !== undefined && ops.length % 2 === 0) constants.set(start, { ...operand, to: p });
    if (operand !== undefined && ops.length === 1 && ops[0] === '-' && p === inner + 1 && /^[0-9.]/.test(toks[inner].text ?? '')) {
      constants.set(start, { ...operand, to: p, negative: true });
    }
    // cel-go's parser drops an even run of `!` or of `-` (`!!x` is x) and reads an odd one as one operator
    // (grammar: `'!'+ member` or `'-'+ member`; a mixed run does not parse there); innermost first
    const runs = ops.join('').match(/!+|-+/g) ?? [];
    for (const op of runs.reverse().filter((r) => r.length % 2 === 1).map((r) => r[0])) {
      if (op === '!') {
        if (type !== undefined && type !== 'bool') refuse('!_', type);
        type = 'bool';
      } else {
        if (type !== undefined && type !== 'int' && type !== 'double') refuse('-_', type);
        type = type === 'int' || type === 'double' ? type : undefined;
      }
    }
    return type;
  };
  const ARITHMETIC: Readonly<Record<string, readonly CelType[]>> = {
    '+': ['int', 'uint', 'double', 'string', 'bytes', 'list'],
    '-': ['int', 'uint', 'double'],
    '*': ['int', 'uint', 'double'],
    '/': ['int', 'uint', 'double'],
    '%': ['int', 'uint'],
  };
  // the type of `a op b` when it compiles; refused when both are known and no overload takes them
  const operation = (op: string, a: Known | undefined, b: Known | undefined): Known | undefined => {
    if (op === '&&' || op === '||') {
      if (a !== undefined && a !== 'bool') refuse(`_${op}_`, a, b);
      else if (b !== undefined && b !== 'bool') refuse(`_${op}_`, a, b);
      return 'bool';
    }
    if (op === 'in') {
      // in anything but a list or a map; in a list whose elements, a map whose keys, are of a type apart from the value's
      if ((b !== undefined && !['list', 'map'].includes(baseOf(b)!)) || (['list', 'map'].includes(baseOf(b)!) && apartDeep(a, paramsOf(b)[0]))) refuse('@in', a, b);
      return 'bool';
    }
    if (op === '==' || op === '!=') {
      // values of different kinds (a primitive type, null, a type, a list, a map) never equal, nor lists or maps of such elements
      if (apartDeep(a, b)) refuse(`_${op}_`, a, b);
      return 'bool';
    }
    if (['<', '<=', '>', '>='].includes(op)) {
      // no ordering of a list, a map or a type, whatever it is compared with (cel-go orders primitives, timestamps and durations)
      if ([a, b].some((t) => t !== undefined && ['list', 'map', 'type'].includes(baseOf(t)!))) {
        refuse(`_${op}_`, a, b);
      } else if (a !== undefined && b !== undefined && a !== b && (a === 'null' || b === 'null')) {
        // null, taken for a timestamp or a duration, compared with a primitive
        refuse(`_${op}_`, a, b);
      } else if (a !== undefined && b !== undefined && PRIMITIVE.includes(a as CelType) && PRIMITIVE.includes(b as CelType) && a !== b) {
        // no comparison across types (nor between int, uint and double, until a comprehension: crossNumeric)
        refuse(`_${op}_`, a, b);
        if ([a, b].every((t) => ['int', 'uint', 'double'].includes(t))) crossNumeric.push(mistyped[mistyped.length - 1]);
      }
      return 'bool';
    }
    // an operand of a type no overload of the operator takes, whatever the other (null is a timestamp or a duration for + and -)
    const takes = (t: Known | undefined) => t === undefined || ARITHMETIC[op].includes(baseOf(t)!) || (t === 'null' && (op === '+' || op === '-'));
    if (!takes(a) || !takes(b)) {
      refuse(`_${op}_`, a, b);
      return undefined;
    }
    if (a === 'null' || b === 'null') return undefined;
    // beside what is dyn, the one overload that takes the other operand's type on both sides (cel-go's checker narrows to it: `body.a + 1`
    // is an int); a list's elements are not known
    if (a === undefined || b === undefined) {
      const other = a ?? b;
      return other === undefined ? undefined : baseOf(other) === 'list' ? 'list' : other;
    }
    if (baseOf(a) !== baseOf(b) || apartDeep(a, b)) {
      refuse(`_${op}_`, a, b);
      return undefined;
    }
    return a === b ? a : baseOf(a);
  };
  // whether the tokens from `from` to `to` are a call of timestamp(…) or duration(…), whose value cel-go's checker types (dyn here)
  const timeCall = (from: number, to: number) => toks[from]?.kind === 'id' && ['timestamp', 'duration'].includes(toks[from].text!) && !isBound(toks[from].text!)
    && toks[from + 1]?.kind === '(' && closing(from + 1) === to - 1;
  // the timestamps' and durations' calls, by the tokens they span
  const timeCalls: Array<[number, number]> = [];
  // whether the use of the timestamp or duration the tokens from `a` to `b` are is one cel-go's checker surely takes (or one `binary` judges):
  // the whole expression, an operand of an operator but `!`, unary `-`, `&&`, `||` and `?` (the last three judged as refused), an element of a
  // list or an entry of a map, an index, the argument of a conversion that takes it (int, string, dyn, type, its own), or a getter's target
  const timeUseTyped = (a: number, b: number): boolean => {
    // parentheses that group it
    while (toks[a - 1]?.kind === '(' && toks[b]?.kind === ')' && !['id', ')', ']'].includes(toks[a - 2]?.kind ?? '')) [a, b] = [a - 1, b + 1];
    const [prev, next] = [toks[a - 1]?.kind, toks[b]?.kind];
    // the target of a method (a getter's alone), a field or an index
    if (next === '.') return /^get[A-Z]/.test(toks[b + 1]?.text ?? '') && toks[b + 2]?.kind === '(';
    if (['&&', '||', '?', '!'].includes(prev ?? '') || ['&&', '||', '?', '['].includes(next ?? '')) return false;
    if (prev === '-' && (a < 2 || OPERATORS.includes(toks[a - 2].kind) && ![')', ']', '}'].includes(toks[a - 2].kind))) return false;
    // an operand of a binary operator (`binary` judges it)
    const BINARY = ['==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%', 'in'];
    if (BINARY.includes(prev ?? '') || BINARY.includes(next ?? '')) return true;
    // what encloses it
    let open = a - 1;
    for (let depth = 0; open >= 0; open--) {
      const k = toks[open].kind;
      if ([')', ']', '}'].includes(k)) depth++;
      else if (['(', '[', '{'].includes(k) && depth-- === 0) break;
    }
    if (open < 0 || toks[open].kind !== '(') return true;
    const before = toks[open - 1];
    // a grouping's
    if (before === undefined || !['id', ')', ']'].includes(before.kind)) return true;
    // a call's argument (a function's, a method's, a macro's): of a conversion that takes it alone
    const fn = before.kind === 'id' && toks[open - 2]?.kind !== '.' ? before.text : undefined;
    return fn !== undefined && ['int', 'string', 'dyn', 'type', toks[a].text].includes(fn) && prev === '(' && next === ')';
  };
  // `timestamp` or `duration` when the tokens from `from` to `to` are a call of it, in parentheses or not
  const timeOf = (from: number, to: number): string | undefined => {
    while (toks[from]?.kind === '(' && closing(from) === to - 1) [from, to] = [from + 1, to - 1];
    return timeCall(from, to) ? toks[from].text! : undefined;
  };
  // whether cel-go's checker refuses `a op b` where one side is a call of timestamp(…) or duration(…) (its name its type, the checker's
  // `timestamp` or `duration`) and the other is of a known type (cel-go v0.30.0 stdlib: timestamps and durations are ordered and equal
  // only among their own type, `+` takes a duration and a timestamp or two durations, `-` a timestamp less a timestamp or a duration and
  // two durations, `*`, `/` and `%` none; null, which the checker takes for either, and dyn pass; `in` is not judged)
  const timeRefused = (op: string, a: Known | undefined, b: Known | undefined): boolean => {
    if (['*', '/', '%'].includes(op)) return true;
    if (op === 'in' || a === undefined || b === undefined || a === 'null' || b === 'null') return false;
    if (op === '+') return !['timestamp duration', 'duration timestamp', 'duration duration'].includes(`${a} ${b}`);
    if (op === '-') return !['timestamp timestamp', 'timestamp duration', 'duration duration'].includes(`${a} ${b}`);
    return a !== b;
  };
  const binary = (ops: readonly string[], operand: () => Known | undefined) => (): Known | undefined => {
    let start = p;
    let type = operand();
    let end = p;
    while (ops.includes(peek() ?? '')) {
      const op = toks[p++].kind;
      const from = p;
      const other = operand();
      // a timestamp or a duration with a value of a known type (not null, which the checker takes for either): the checker may refuse it
      if ((timeCall(start, end) && other !== undefined && other !== 'null') || (timeCall(from, p) && type !== undefined && type !== 'null')) unsure = true;
      const [left, right] = [start >= 0 ? timeOf(start, end) ?? type : type, timeOf(from, p) ?? other];
      if ((left !== type || right !== other) && timeRefused(op, left, right)) {
        refuse(`_${op}_`, left, right);
        type = ['<', '<=', '>=', '>', '==', '!='].includes(op) ? 'bool' : undefined;
      } else {
        type = operation(op, type, other);
      }
      [start, end] = [-1, -1];
    }
    return type;
  };
  const relation = binary(['<', '<=', '>=', '>', '==', '!=', 'in'], binary(['+', '-'], binary(['*', '/', '%'], unary)));
  const or = binary(['||'], binary(['&&'], relation));
  function expr(): Known | undefined {
    const condition = or();
    if (!take('?')) return condition;
    const yes = or();
    expect(':');
    const no = expr();
    if (condition !== undefined && condition !== 'bool') refuse('_?_:_', condition, yes, no);
    else if (apartDeep(yes, no)) refuse('_?_:_', condition, yes, no);
    return yes === no ? yes : undefined;
  }
  try {
    const type = expr();
    if (p < toks.length) fail('an operator or the end');
    const checked = comprehensions > 0 ? mistyped.filter((m) => !crossNumeric.includes(m)) : mistyped;
    if (timeCalls.some(([a, b]) => !timeUseTyped(a, b))) unsure = true;
    return { undeclared, undeclaredAt, mistyped: checked, undeclaredFunctions, undeclaredFunctionsAt, unselected, plan, type, unsure };
  } catch (e) {
    if (e instanceof CelSyntaxError) return e.why;
    // nested deeper than JavaScript's stack: not read
    if (e instanceof RangeError) {
      return {
        undeclared: [], undeclaredAt: [], mistyped: [], undeclaredFunctions: [], undeclaredFunctionsAt: [], unselected: [], plan: [], deep: true,
      };
    }
    throw e;
  }
}
