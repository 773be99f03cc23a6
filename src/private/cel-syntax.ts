/**
 * Whether a text is surely not a CEL expression: the syntax of CEL (cel-spec's grammar, as cel-go's
 * parser reads it) read leniently, so that a text it refuses is one cel-go's parser refuses too.
 * What cel-go refuses beyond the grammar (reserved words as names, a macro's arguments, escapes,
 * optional syntax, recursion limits) is accepted here.
 */

/** A token: its kind (`id`, `num`, `str`, or the operator itself) and where it starts. */
interface Token {
  readonly kind: string;
  readonly at: number;
}

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
      out.push({ kind: ['true', 'false', 'null'].includes(id[0]) ? 'num' : id[0] === 'in' ? 'in' : 'id', at });
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
export function celSyntaxError(text: string): string | undefined {
  const toks = tokens(text);
  if (typeof toks === 'string') return toks;
  let p = 0;
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
  const list = (close: string, pairs: boolean) => {
    while (!take(close)) {
      take('?');
      expr();
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
      return expect('id', 'a name');
    }
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
        take('?');
        expect('id', 'a name');
      } else if (take('(')) {
        list(')', false);
      } else if (take('[')) {
        take('?');
        expr();
        expect(']');
      } else if (take('{')) {
        // a message: Name{field: value}
        list('}', true);
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
    return undefined;
  } catch (e) {
    if (e instanceof CelSyntaxError) return e.why;
    // nested deeper than JavaScript's stack: not read
    if (e instanceof RangeError) return undefined;
    throw e;
  }
}
