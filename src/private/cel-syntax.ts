/**
 * Whether a text is surely not a CEL expression: the syntax of CEL (cel-spec's grammar, as cel-go's
 * parser reads it) read leniently, so that a text it refuses is one cel-go's parser refuses too.
 * What cel-go refuses beyond the grammar (reserved words as names, a macro's arguments, escapes,
 * recursion limits) is accepted here, and so is the optional syntax (`.?`, `[?`, `?` before a list
 * element or a map or message entry) unless the environment does not enable it. And which names an
 * expression that parses refers to that an environment does not declare.
 */

/** A token: its kind (`id`, `num`, `str`, or the operator itself), where it starts, and a name's text. */
interface Token {
  readonly kind: string;
  readonly at: number;
  readonly text?: string;
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
}

/**
 * The macros that bind a name in their other arguments (`list.all(x, x > 0)`): those of cel-go's
 * standard library and `sortBy` of its lists extension, as in Tekton Triggers' environment. Those of
 * other extensions (`cel.bind`, the two-variable comprehensions, `optMap`) bind nothing here.
 */
const BINDING_MACROS: readonly string[] = ['all', 'exists', 'exists_one', 'map', 'filter', 'sortBy'];

/** CEL's operators and punctuation, longest first. */
const OPERATORS = ['&&', '||', '==', '!=', '<=', '>=', '<', '>', '!', '+', '-', '*', '/', '%', '?', ':', '.', ',', '(', ')', '[', ']', '{', '}'];

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
      i += quote.length;
      out.push({ kind: 'str', at, text: /b/i.test(prefix[0]) ? 'bytes' : 'string' });
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
 * any list or map, `list(string)` a list of strings) and the type of its result (undefined: dyn; `target`: its target's).
 */
export interface CelOverload {
  readonly member: boolean;
  readonly params: readonly string[];
  readonly result?: string;
}

/** The functions of cel-go's standard library typed here beyond the operators, `size`, `has`, `type` and the conversions. */
const STANDARD_FUNCTIONS: Readonly<Record<string, readonly CelOverload[]>> = {
  contains: [{ member: true, params: ['string', 'string'], result: 'bool' }],
  startsWith: [{ member: true, params: ['string', 'string'], result: 'bool' }],
  endsWith: [{ member: true, params: ['string', 'string'], result: 'bool' }],
  matches: [{ member: true, params: ['string', 'string'], result: 'bool' }, { member: false, params: ['string', 'string'], result: 'bool' }],
};

/** The cel-go type names every environment declares as values (of type `type`). */
const TYPE_NAMES: readonly string[] = ['int', 'uint', 'double', 'bool', 'string', 'bytes', 'list', 'map', 'type', 'null_type'];
/** The primitive types, whose values cel-go's standard library never converts into one another (no overload takes two of them that differ). */
const PRIMITIVE: readonly CelType[] = ['int', 'uint', 'double', 'string', 'bytes', 'bool'];
/** The conversion functions of the standard library, each returning the type it names. */
const CONVERSIONS: readonly CelType[] = ['int', 'uint', 'double', 'string', 'bytes', 'bool'];

/** What the typing of an expression found: its type when known, and the first operation cel-go's checker surely refuses. */
export interface CelTyping {
  readonly type?: CelType;
  /** Its type as cel-go's checker names it, with the types of a list's or a map's elements (`map(int, string)`, `list(dyn)`), when known. */
  readonly known?: string;
  readonly mistyped?: string;
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
 * The first name `text` (a CEL expression that parses) refers to that is neither one of `declared`
 * nor bound by a macro around it, in the order of the text, or undefined: cel-go's type checker
 * refuses it ("undeclared reference to '<name>'"). Only names read as values are judged: a name
 * before `(` or `{` (a function, a message), or that begins a dotted path before `(` (a function
 * of a namespace such as `math.greatest(…)`), is not; nor is a name in backticks, nor a text that
 * does not parse or nests deeper than JavaScript's stack.
 */
export function celUndeclared(text: string, declared: readonly string[], reading: CelReading = {}): string | undefined {
  const read = parsed(text, reading, declared);
  return typeof read === 'string' ? undefined : read.undeclared[0];
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
  return { type: baseOf(read.type), mistyped: read.mistyped[0], ...known };
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

/** Whether a value of the known type `arg` surely cannot be given as a parameter of type `param` (an overload's). */
function unassignable(param: string, arg: Known | undefined): boolean {
  if (arg === undefined || param === 'dyn') return false;
  // null is no primitive, list or map (cel-go's checker takes it for dyn alone here)
  return apartDeep(param, arg);
}

/** Why `text` does not parse, or the names it refers to that are not `declared` (when given) nor bound, its type and type errors. */
function parsed(text: string, reading: CelReading, declared?: readonly string[], variables: Readonly<Record<string, Known | undefined>> = {}):
string | { undeclared: string[]; mistyped: string[]; type?: Known; deep?: boolean } {
  const functions: Readonly<Record<string, readonly CelOverload[]>> = { ...STANDARD_FUNCTIONS, ...reading.functions };
  // a function's overloads (none for a name Object.prototype holds, `toString`)
  const overloadsOf = (name: string) => (Object.prototype.hasOwnProperty.call(functions, name) ? functions[name] : []);
  const optional = reading.optionalSyntax ?? true;
  const undeclared: string[] = [];
  const mistyped: string[] = [];
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
    const overloads = overloadsOf(name);
    const takes = overloads.filter((o) => o.member === member && o.params.length === args.length
      && o.params.every((t, i) => !unassignable(t, args[i])));
    if (takes.length === 0) {
      const shown = args.map((t) => t ?? 'dyn');
      mistyped.push(member ? `'${name}' applied to ${shown[0]}.(${shown.slice(1).join(', ')})` : `'${name}' applied to (${shown.join(', ')})`);
      return undefined;
    }
    const results = takes.map((o) => (o.result === 'target' ? args[0] : o.result));
    return results.every((r) => r === results[0]) ? results[0] : undefined;
  };
  const declares = (name: string, member: boolean) => overloadsOf(name).some((o) => o.member === member);
  const bound: string[] = [];
  const toks = tokens(text);
  if (typeof toks === 'string') return toks;
  let p = 0;
  // a name at p read as a value: not bound, not declared, not a function's or a message's (nor a namespace's, before a dotted path and `(`)
  const reference = (name: string | undefined) => {
    if (declared === undefined || name === undefined || name.startsWith('`') || bound.includes(name) || declared.includes(name)) return;
    let j = p + 1;
    while (toks[j]?.kind === '.' && toks[j + 1]?.kind === 'id') j += 2;
    if (toks[j]?.kind === '(' || toks[j]?.kind === '{') return;
    undeclared.push(name);
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
  // a list of expressions up to `close` (a trailing comma allowed), each maybe optional (`?`) and, in a map or a message, followed by `: expr`
  // (a message's are its fields' names, no references)
  const list = (close: string, pairs: boolean, message = false, values: Array<Known | undefined> = []): Array<Known | undefined> => {
    const types: Array<Known | undefined> = [];
    while (!take(close)) {
      // an optional element's or entry's type is the optional's (not typed here)
      const opt = peek() === '?';
      optionally('?');
      if (message && peek() === 'id' && toks[p + 1]?.kind === ':') p++;
      else types.push(expr());
      if (pairs) {
        expect(':');
        values.push(expr());
      }
      if (opt) types[types.length - 1] = undefined;
      if (opt && pairs) values[values.length - 1] = undefined;
      if (!take(',')) {
        expect(close, `',' or '${close}'`);
        return types;
      }
    }
    return types;
  };
  // the type of a name read as a value: a bound name's is dyn, a variable's its own (`requestURL.size()` is a method's call on it, no
  // function of that name being declared), a type name's `type` (not before `.`, where it may begin a qualified name)
  const named = (name: string): Known | undefined => {
    if (bound.includes(name)) return undefined;
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
      if (peek() === 'id') reference(toks[p].text);
      expect('id', 'a name');
      return undefined;
    }
    if (k === 'id') {
      reference(toks[p].text);
      const t = named(toks[p].text!);
      p++;
      return t;
    }
    if (k === 'num' || k === 'str') return literal(toks[p++]);
    if (k === '(') {
      p++;
      const t = expr();
      expect(')');
      return t;
    }
    if (k === '[') {
      p++;
      return composite('list', joined(list(']', false)));
    }
    if (k === '{') {
      p++;
      const values: Array<Known | undefined> = [];
      const keys = list('}', true, false, values);
      return composite('map', joined(keys), joined(values));
    }
    return fail('an operand');
  };
  // the type of a global function's call `name(args)` when it compiles (`size` refused on a number or a bool)
  const call = (name: string, args: Array<Known | undefined>): Known | undefined => {
    if (name === 'has') return 'bool';
    if (declares(name, false)) return overloaded(name, false, args);
    if (args.length !== 1) return undefined;
    if (name === 'size') {
      if (args[0] !== undefined && ['int', 'uint', 'double', 'bool'].includes(baseOf(args[0])!)) refuse('size', args[0]);
      return 'int';
    }
    if (name === 'type') return 'type';
    return CONVERSIONS.includes(name as CelType) ? name as CelType : undefined;
  };
  // the type of a method's call `target.name(args)` or a macro's when it compiles
  const method = (name: string, target: Known | undefined, args: Array<Known | undefined>): Known | undefined => {
    if (['all', 'exists', 'exists_one'].includes(name) && args.length === 2) return 'bool';
    if (name === 'sortBy' && args.length === 2) return baseOf(target) === 'list' ? target : 'list';
    if ((name === 'map' && (args.length === 2 || args.length === 3)) || (name === 'filter' && args.length === 2)) return 'list';
    if (name === 'size' && args.length === 0 && target !== undefined && ['string', 'bytes', 'list', 'map'].includes(baseOf(target)!)) return 'int';
    if (declares(name, true)) return overloaded(name, true, [target, ...args]);
    return undefined;
  };
  const member = (): Known | undefined => {
    // a bare name before `(` is a global function's; a dotted path of names before `(`, a namespace's (`base64.decode(…)`) when declared
    const global = peek() === 'id' && toks[p + 1]?.kind === '(' ? toks[p].text : undefined;
    let path = peek() === 'id' && !bound.includes(toks[p].text!) && !Object.prototype.hasOwnProperty.call(variables, toks[p].text!) ? toks[p].text : undefined;
    let type = primary();
    for (let first = true; ; first = false) {
      if (take('.')) {
        const opt = peek() === '?';
        optionally('.?');
        const name = toks[p]?.text;
        expect('id', 'a name');
        const qualified = path !== undefined && !opt ? `${path}.${name}` : undefined;
        path = peek() === '(' ? undefined : qualified;
        if (qualified !== undefined && peek() === '(' && declares(qualified, false)) {
          p++;
          type = overloaded(qualified, false, list(')', false));
          continue;
        }
        // a macro's name bound in its arguments (the first, the name itself, is then no reference)
        const binds = peek() === '(' && BINDING_MACROS.includes(name ?? '') && toks[p + 1]?.kind === 'id' && toks[p + 2]?.kind === ',';
        if (binds) {
          comprehensions++;
          p++;
          bound.push(toks[p].text!);
          const args = list(')', false);
          bound.pop();
          type = opt ? undefined : method(name!, type, args.map(() => undefined));
        } else if (take('(')) {
          const args = list(')', false);
          type = opt ? undefined : method(name!, type, args);
        } else {
          // a map's field is its value
          type = !opt && baseOf(type) === 'map' ? paramsOf(type)[1] : undefined;
        }
      } else if (take('(')) {
        path = undefined;
        const args = list(')', false);
        type = first && global !== undefined ? call(global, args) : undefined;
      } else if (take('[')) {
        path = undefined;
        const opt = peek() === '?';
        optionally('[?');
        expr();
        expect(']');
        // a list's element, a map's value
        type = opt ? undefined : baseOf(type) === 'list' ? paramsOf(type)[0] : baseOf(type) === 'map' ? paramsOf(type)[1] : undefined;
      } else if (take('{')) {
        path = undefined;
        // a message: Name{field: value}
        list('}', true, true);
        type = undefined;
      } else {
        return type;
      }
    }
  };
  const unary = (): Known | undefined => {
    const ops: string[] = [];
    while (peek() === '!' || peek() === '-') ops.push(toks[p++].kind);
    let type = member();
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
      // in a primitive; in a list whose elements, a map whose keys, are of a type apart from the value's
      if ((b !== undefined && PRIMITIVE.includes(baseOf(b)!)) || (['list', 'map'].includes(baseOf(b)!) && apartDeep(a, paramsOf(b)[0]))) refuse('@in', a, b);
      return 'bool';
    }
    if (op === '==' || op === '!=') {
      // values of different kinds (a primitive type, null, a type, a list, a map) never equal, nor lists or maps of such elements
      if (apartDeep(a, b)) refuse(`_${op}_`, a, b);
      return 'bool';
    }
    if (['<', '<=', '>', '>='].includes(op)) {
      // no comparison across types (nor between int, uint and double, until a comprehension: crossNumeric)
      if (a !== undefined && b !== undefined && PRIMITIVE.includes(a as CelType) && PRIMITIVE.includes(b as CelType) && a !== b) {
        refuse(`_${op}_`, a, b);
        if ([a, b].every((t) => ['int', 'uint', 'double'].includes(t))) crossNumeric.push(mistyped[mistyped.length - 1]);
      }
      return 'bool';
    }
    if (a === undefined || b === undefined) return undefined;
    if (baseOf(a) !== baseOf(b) || !ARITHMETIC[op].includes(baseOf(a)!) || apartDeep(a, b)) {
      refuse(`_${op}_`, a, b);
      return undefined;
    }
    return a === b ? a : baseOf(a);
  };
  const binary = (ops: readonly string[], operand: () => Known | undefined) => (): Known | undefined => {
    let type = operand();
    while (ops.includes(peek() ?? '')) {
      const op = toks[p++].kind;
      type = operation(op, type, operand());
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
    return { undeclared, mistyped: comprehensions > 0 ? mistyped.filter((m) => !crossNumeric.includes(m)) : mistyped, type };
  } catch (e) {
    if (e instanceof CelSyntaxError) return e.why;
    // nested deeper than JavaScript's stack: not read
    if (e instanceof RangeError) return { undeclared: [], mistyped: [], deep: true };
    throw e;
  }
}
