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
      out.push({ kind: 'str', at });
      continue;
    }
    const number = /^(?:0[xX][0-9a-fA-F]+|(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)[uU]?/.exec(text.slice(i));
    if (number !== null) {
      i += number[0].length;
      out.push({ kind: 'num', at });
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

/** Why `text` does not parse, or the names it refers to that are not `declared` (when given) nor bound. */
function parsed(text: string, reading: CelReading, declared?: readonly string[]): string | { undeclared: string[] } {
  const optional = reading.optionalSyntax ?? true;
  const undeclared: string[] = [];
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
  const list = (close: string, pairs: boolean, message = false) => {
    while (!take(close)) {
      optionally('?');
      if (message && peek() === 'id' && toks[p + 1]?.kind === ':') p++;
      else expr();
      if (pairs) {
        expect(':');
        expr();
      }
      if (!take(',')) {
        expect(close, `',' or '${close}'`);
        return;
      }
    }
  };
  const primary = () => {
    const k = peek();
    if (k === '.') {
      p++;
      if (peek() === 'id') reference(toks[p].text);
      return expect('id', 'a name');
    }
    if (k === 'id') reference(toks[p].text);
    if (k === 'id' || k === 'num' || k === 'str') return p++;
    if (k === '(') {
      p++;
      expr();
      return expect(')');
    }
    if (k === '[') {
      p++;
      return list(']', false);
    }
    if (k === '{') {
      p++;
      return list('}', true);
    }
    return fail('an operand');
  };
  const member = () => {
    primary();
    for (;;) {
      if (take('.')) {
        optionally('.?');
        const name = toks[p]?.text;
        expect('id', 'a name');
        // a macro's name bound in its arguments (the first, the name itself, is then no reference)
        const binds = peek() === '(' && BINDING_MACROS.includes(name ?? '') && toks[p + 1]?.kind === 'id' && toks[p + 2]?.kind === ',';
        if (binds) {
          p++;
          bound.push(toks[p].text!);
          list(')', false);
          bound.pop();
        }
      } else if (take('(')) {
        list(')', false);
      } else if (take('[')) {
        optionally('[?');
        expr();
        expect(']');
      } else if (take('{')) {
        // a message: Name{field: value}
        list('}', true, true);
      } else {
        return;
      }
    }
  };
  const unary = () => {
    while (peek() === '!' || peek() === '-') p++;
    member();
  };
  const binary = (ops: readonly string[], operand: () => void) => () => {
    operand();
    while (ops.includes(peek() ?? '')) {
      p++;
      operand();
    }
  };
  const relation = binary(['<', '<=', '>=', '>', '==', '!=', 'in'], binary(['+', '-'], binary(['*', '/', '%'], unary)));
  const or = binary(['||'], binary(['&&'], relation));
  function expr(): void {
    or();
    if (take('?')) {
      or();
      expect(':');
      expr();
    }
  }
  try {
    expr();
    if (p < toks.length) fail('an operator or the end');
    return { undeclared };
  } catch (e) {
    if (e instanceof CelSyntaxError) return e.why;
    // nested deeper than JavaScript's stack: not read
    if (e instanceof RangeError) return { undeclared: [] };
    throw e;
  }
}
