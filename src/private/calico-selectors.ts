/**
 * Calico's selector expressions (`all()`, `has(k)`, `k == 'v'`, `k in {'a', 'b'}`, `!`, `&&`,
 * `||`, parentheses…), read against labels that are known only in part: the labels of a
 * namespace are in the input, those of the pods that will run in it are not. The result is
 * three-valued: true, false, or undefined when it depends on labels that are not known (or
 * when the expression cannot be read, which Calico would refuse).
 */

/** A label's value, `null` for a label known to be absent, or {@link UNKNOWN_LABEL}. */
export type LabelLookup = (key: string) => string | null | typeof UNKNOWN_LABEL;

/** The value of a label that is not known (a pod's). */
export const UNKNOWN_LABEL = Symbol('unknown label');

type Tri = boolean | undefined;

const and = (a: Tri, b: Tri): Tri => (a === false || b === false ? false : a === undefined || b === undefined ? undefined : true);
const or = (a: Tri, b: Tri): Tri => (a === true || b === true ? true : a === undefined || b === undefined ? undefined : false);
const not = (a: Tri): Tri => (a === undefined ? undefined : !a);

type Node = (labels: LabelLookup) => Tri;

const KEY = /^[A-Za-z0-9_./-]+/;

class Parser {
  private pos = 0;
  constructor(private readonly text: string) {}

  public parse(): Node | undefined {
    this.skip();
    if (this.pos === this.text.length) return () => true;
    const node = this.or();
    this.skip();
    return node !== undefined && this.pos === this.text.length ? node : undefined;
  }

  private skip(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
  }

  private eat(token: string): boolean {
    this.skip();
    if (this.text.startsWith(token, this.pos)) {
      this.pos += token.length;
      return true;
    }
    return false;
  }

  /** A word operator, followed by a blank or a quote. */
  private eatWord(word: string): boolean {
    this.skip();
    const after = this.text[this.pos + word.length];
    if (this.text.startsWith(word, this.pos) && (after === undefined || /[\s'"{]/.test(after))) {
      this.pos += word.length;
      return true;
    }
    return false;
  }

  private or(): Node | undefined {
    let left = this.and();
    while (left !== undefined && this.eat('||')) {
      const l = left;
      const right = this.and();
      if (right === undefined) return undefined;
      left = (labels) => or(l(labels), right(labels));
    }
    return left;
  }

  private and(): Node | undefined {
    let left = this.unary();
    while (left !== undefined && this.eat('&&')) {
      const l = left;
      const right = this.unary();
      if (right === undefined) return undefined;
      left = (labels) => and(l(labels), right(labels));
    }
    return left;
  }

  private unary(): Node | undefined {
    if (this.eat('!')) {
      const inner = this.unary();
      return inner === undefined ? undefined : (labels) => not(inner(labels));
    }
    if (this.eat('(')) {
      const inner = this.or();
      return inner !== undefined && this.eat(')') ? inner : undefined;
    }
    if (this.eat('all()') || this.eat('global()')) return () => true;
    if (this.eat('has(')) {
      const key = this.key();
      if (key === undefined || !this.eat(')')) return undefined;
      return (labels) => {
        const v = labels(key);
        return v === UNKNOWN_LABEL ? undefined : v !== null;
      };
    }
    const key = this.key();
    if (key === undefined) return undefined;
    const compare = (test: (v: string) => boolean, absent: boolean): Node => (labels) => {
      const v = labels(key);
      return v === UNKNOWN_LABEL ? undefined : v === null ? absent : test(v);
    };
    if (this.eat('==')) {
      const s = this.string();
      return s === undefined ? undefined : compare((v) => v === s, false);
    }
    if (this.eat('!=')) {
      const s = this.string();
      return s === undefined ? undefined : compare((v) => v !== s, true);
    }
    if (this.eatWord('not')) {
      if (!this.eatWord('in')) return undefined;
      const set = this.set();
      return set === undefined ? undefined : compare((v) => !set.includes(v), true);
    }
    if (this.eatWord('in')) {
      const set = this.set();
      return set === undefined ? undefined : compare((v) => set.includes(v), false);
    }
    if (this.eatWord('contains')) {
      const s = this.string();
      return s === undefined ? undefined : compare((v) => v.includes(s), false);
    }
    if (this.eatWord('starts')) {
      const s = this.eatWord('with') ? this.string() : undefined;
      return s === undefined ? undefined : compare((v) => v.startsWith(s), false);
    }
    if (this.eatWord('ends')) {
      const s = this.eatWord('with') ? this.string() : undefined;
      return s === undefined ? undefined : compare((v) => v.endsWith(s), false);
    }
    return undefined;
  }

  private key(): string | undefined {
    this.skip();
    const m = KEY.exec(this.text.slice(this.pos));
    if (!m) return undefined;
    this.pos += m[0].length;
    return m[0];
  }

  private string(): string | undefined {
    this.skip();
    const q = this.text[this.pos];
    if (q !== '"' && q !== "'") return undefined;
    const end = this.text.indexOf(q, this.pos + 1);
    if (end < 0) return undefined;
    const s = this.text.slice(this.pos + 1, end);
    this.pos = end + 1;
    return s;
  }

  private set(): string[] | undefined {
    if (!this.eat('{')) return undefined;
    const out: string[] = [];
    if (this.eat('}')) return out;
    for (;;) {
      const s = this.string();
      if (s === undefined) return undefined;
      out.push(s);
      if (this.eat('}')) return out;
      if (!this.eat(',')) return undefined;
    }
  }
}

/**
 * Whether a Calico selector selects an endpoint with these labels: true, false, or
 * undefined when that depends on labels not known, or the selector cannot be read. An
 * absent or empty selector selects everything, as `all()` does.
 */
export function calicoSelects(selector: unknown, labels: LabelLookup): boolean | undefined {
  if (selector === undefined || selector === null) return true;
  if (typeof selector !== 'string') return undefined;
  const node = new Parser(selector).parse();
  return node === undefined ? undefined : node(labels);
}
