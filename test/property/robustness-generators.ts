/**
 * fast-check generators of odd objects for the robustness properties (rule-robustness.test.ts):
 * a realistic object (robustness-corpus.ts) with a few subtrees, at any depth (metadata,
 * annotations, labels, data, specs), replaced by a value of another JSON type, deleted,
 * copied over a sibling, given keys every JavaScript object inherits, or nested deeply (up to
 * 1000 levels: the YAML reader refuses about 1200, see docs/audit.md). Only JSON values: the
 * audit reads YAML into JSON values.
 *
 * Drawn as plain data (a `Mutation` list) and applied by `mutate`, so that fast-check shrinks
 * a counterexample to a short, printable list.
 */
import * as fc from 'fast-check';

/** Keys that every JavaScript object has (or inherits), as names in a manifest. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'length', 'prototype'];

/** A JSON value from its text (JSON.parse makes `__proto__` an own key, as a YAML reader does). */
const json = (text: string): unknown => JSON.parse(text);

/** Values of every JSON type, and strings programs and Tekton read specially. */
export const ODD_VALUES: readonly unknown[] = [
  null, true, false, 0, -1, 1, 0.5, 1e308, -1e308, 2 ** 53 + 2, '', ' ', 'true', '0', '-1', '*', '/', '.', '..', ':', '$(', '$(params.', '$()',
  '$(params.x)', '$(params.x[*])', '$(tasks.a.results.b)', '{{', '{{ body }}', '}}', '\u0000', 'a\u0000b', '\u2028', '\u2029', '\n', '\r\n', '\t',
  '\ud800', '\u{1f600}', '#!/bin/sh', 'sh -c "$(params.x)"', 'http://', 'https://user:pw@example.com/x.git', '@sha256:', 'a@sha256:', '::', '[',
  '(?', '\\', 'a'.repeat(70000), '$('.repeat(20000), '{{'.repeat(20000), ' '.repeat(70000), '-'.repeat(70000), 'a,'.repeat(30000), '\n'.repeat(30000),
  `${'a'.repeat(30000)}!`, `x: ${'['.repeat(5000)}`, '0'.repeat(400), `1${'0'.repeat(400)}`, '1e400', '-', '--privileged', '--', '%', '%s%n',
  [], [null], [0], [''], [[]], [{}], ['a', 'a'], [true, 'x', 1, null, {}], {}, { '': '' },
  json('{"__proto__": {"polluted": true}, "constructor": {"prototype": 1}, "toString": "x", "hasOwnProperty": 0}'),
  json('{"__proto__": null}'), json('{"constructor": null, "valueOf": [], "length": 5}'), json('{"length": -1, "0": "a"}'),
  json('{"name": "x", "value": null, "image": 7, "key": [], "kind": {}, "apiGroups": "*", "verbs": "*", "resources": "*"}'),
];

/** The values above that are maps with a key every JavaScript object inherits (`toString` …). */
const PROTOTYPE_VALUES = ODD_VALUES.flatMap((v, i) => (v !== null && typeof v === 'object' && !Array.isArray(v)
  && PROTOTYPE_KEYS.some((k) => Object.prototype.hasOwnProperty.call(v, k)) ? [i] : []));

/** An index of ODD_VALUES, one time in four one of PROTOTYPE_VALUES (which text conversions trip on). */
const oddValueArb = fc.oneof({ weight: 3, arbitrary: fc.nat(ODD_VALUES.length - 1) }, { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_VALUES) });

/** One change to an object: where (a walk of child choices, one per level) and what. */
export type Mutation =
  | { readonly walk: readonly number[]; readonly op: 'replace'; readonly value: number }
  | { readonly walk: readonly number[]; readonly op: 'delete' }
  | { readonly walk: readonly number[]; readonly op: 'copy-to-sibling' | 'copy-from-other'; readonly choice: number }
  | { readonly walk: readonly number[]; readonly op: 'add-key'; readonly key: number; readonly value: number }
  | { readonly walk: readonly number[]; readonly op: 'nest'; readonly depth: number; readonly inArray: boolean };

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ walk: fc.array(fc.nat(), { maxLength: 14 }), op: fc.constant('replace' as const), value: oddValueArb }) },
  { weight: 2, arbitrary: fc.record({ walk: fc.array(fc.nat(), { minLength: 1, maxLength: 14 }), op: fc.constant('delete' as const) }) },
  { weight: 2, arbitrary: fc.record({ walk: fc.array(fc.nat(), { minLength: 1, maxLength: 14 }), op: fc.constantFrom('copy-to-sibling' as const, 'copy-from-other' as const), choice: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ walk: fc.array(fc.nat(), { maxLength: 14 }), op: fc.constant('add-key' as const), key: fc.nat(PROTOTYPE_KEYS.length + 3), value: oddValueArb }) },
  { weight: 1, arbitrary: fc.record({ walk: fc.array(fc.nat(), { maxLength: 14 }), op: fc.constant('nest' as const), depth: fc.constantFrom(20, 300, 1000), inArray: fc.boolean() }) },
);

/** A deep copy of a JSON value (own `__proto__` keys stay own keys). */
export function copy<T>(v: T): T {
  return JSON.parse(JSON.stringify(v));
}

/** Sets an own key as data (`__proto__` too). */
function put(o: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

const isNode = (v: unknown): v is Record<string, unknown> | unknown[] => v !== null && typeof v === 'object';
const keysOf = (v: Record<string, unknown> | unknown[]): (string | number)[] => (Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v));

/** A value nested `depth` levels deep in arrays or in objects. */
function nested(value: unknown, depth: number, inArray: boolean): unknown {
  let v = value;
  for (let i = 0; i < depth; i++) v = inArray ? [v] : { a: v };
  return v;
}

/** Every value of a JSON tree (iteratively: some trees are deep). */
function values(root: unknown, limit = 2000): unknown[] {
  const out: unknown[] = [];
  const stack = [root];
  while (stack.length > 0 && out.length < limit) {
    const v = stack.pop();
    out.push(v);
    if (isNode(v)) for (const k of keysOf(v)) stack.push((v as any)[k]);
  }
  return out;
}

/**
 * Applies one mutation to `root` in place and returns the new root. The walk goes down one
 * child per choice (modulo the number of children) and stops at a leaf or at its end.
 */
export function applyMutation(root: unknown, m: Mutation, others: readonly unknown[]): unknown {
  let parent: Record<string, unknown> | unknown[] | undefined;
  let key: string | number | undefined;
  let node = root;
  for (const c of m.walk) {
    if (!isNode(node)) break;
    const keys = keysOf(node);
    if (keys.length === 0) break;
    parent = node;
    key = keys[c % keys.length];
    node = (node as any)[key];
  }
  const set = (v: unknown): unknown => {
    if (parent === undefined) return v;
    if (Array.isArray(parent)) parent[key as number] = v;
    else put(parent, key as string, v);
    return root;
  };
  switch (m.op) {
    case 'replace': return set(copy(ODD_VALUES[m.value]));
    case 'nest': return set(nested(node, m.depth, m.inArray));
    case 'delete':
      if (parent === undefined) return root;
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
      return root;
    case 'copy-to-sibling': {
      if (parent === undefined) return root;
      if (Array.isArray(parent)) {
        parent.push(copy(node));
        return root;
      }
      const siblings = Object.keys(parent);
      put(parent, siblings[m.choice % siblings.length], copy(node));
      return root;
    }
    case 'copy-from-other': {
      // a value of another object's tree (of a shape the rules read elsewhere)
      const pool = values(others[m.choice % Math.max(1, others.length)]);
      return set(copy(pool[Math.floor(m.choice / Math.max(1, others.length)) % pool.length]));
    }
    case 'add-key': {
      if (!isNode(node) || Array.isArray(node)) return set({ [`k${m.key}`]: node });
      const name = PROTOTYPE_KEYS[m.key] ?? ['name', 'kind', 'image', 'spec'][m.key - PROTOTYPE_KEYS.length];
      put(node, name, copy(ODD_VALUES[m.value]));
      return root;
    }
  }
}

/** An object of the corpus and the changes made to it. */
export interface OddCase {
  readonly object: number;
  readonly mutations: readonly Mutation[];
}

export const oddCaseArb = (corpusSize: number): fc.Arbitrary<OddCase> => fc.record({
  object: fc.nat(corpusSize - 1),
  mutations: fc.array(mutationArb, { minLength: 1, maxLength: 4 }),
});

/** The odd object of a case. */
export function oddObject(corpus: readonly unknown[], c: OddCase): unknown {
  let o = copy(corpus[c.object]);
  for (const m of c.mutations) o = applyMutation(o, m, corpus);
  return o;
}
