/**
 * The seal's canonical JSON: sorted keys, undefined-valued keys left out, anything JSON
 * cannot hold as null. The seal written by one version must be read back by the next, so
 * the text is compared with a plain recursive definition of it on arbitrary values.
 */
import * as fc from 'fast-check';
import { canonical, readRelaxationAnnotations, seal, sealOf } from '../../../src/policy/engine/annotations';

/** The definition: one string per value, built recursively. */
function reference(value: any): string {
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().filter((k) => value[k] !== undefined).map((k) => `${JSON.stringify(k)}:${reference(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

test('canonical text equals the recursive definition on any JSON-like value (integer-like keys, undefined, NaN, -0 included)', () => {
  const leaf = fc.oneof(
    fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.constant(NaN), fc.constant(-0),
  );
  const key = fc.oneof(fc.string(), fc.constantFrom('10', '9', '0', '__proto__', 'a', 'B', '\u00e9', ''));
  const value = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(key, tie('node'), { maxKeys: 5 })),
  })).node;
  fc.assert(fc.property(value, (v) => canonical(v) === reference(v)), { numRuns: 500 });
});

test('the seal covers everything but itself, whatever the key order', () => {
  const a = seal({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', annotations: { b: '1', a: '2' } }, data: { 10: 'x', 9: 'y' } });
  const b = { kind: 'ConfigMap', data: { 9: 'y', 10: 'x' }, metadata: { annotations: { a: '2', b: '1' }, name: 'x' }, apiVersion: 'v1' };
  expect(sealOf(b)).toBe(a.metadata.annotations['secure-tekton/seal']);
  expect(sealOf({ ...b, data: { 9: 'y', 10: 'z' } })).not.toBe(a.metadata.annotations['secure-tekton/seal']);
});

describe('readRelaxationAnnotations on values of another type', () => {
  test('a record that is a map with a toString key is a record that is not a string, without throwing', () => {
    const m = { metadata: { annotations: { 'secure-tekton/relax.IMAGE_DIGEST': JSON.parse('{"toString": "x"}') } } };
    expect(readRelaxationAnnotations(m, () => true)).toEqual([{ rule: 'IMAGE_DIGEST', reason: '[object Object]', line: '[object Object]', problem: 'is not a string' }]);
  });
});
