import { Duration } from 'cdk8s';
import { nonEmpty, readOnce } from '../../src/private/arrays';

describe('nonEmpty', () => {
  test('a copy of a list, or undefined when it is empty', () => {
    const xs = ['a'];
    expect(nonEmpty(xs)).toEqual(['a']);
    expect(nonEmpty(xs)).not.toBe(xs);
    expect(nonEmpty([])).toBeUndefined();
  });
});

describe('readOnce', () => {
  test('plain objects and arrays are copied all the way down; a later change of the original does not reach the copy', () => {
    const given = { params: { a: 'x' }, list: [{ b: ['y'] }], n: 1, none: undefined };
    const copy = readOnce(given);
    given.params.a = 'changed';
    given.list[0].b.push('z');
    expect(copy).toEqual({ params: { a: 'x' }, list: [{ b: ['y'] }], n: 1, none: undefined });
  });

  test('each getter is read once, and its value kept', () => {
    let reads = 0;
    const given: any = {};
    Object.defineProperty(given, 'value', { enumerable: true, get: () => ({ n: ++reads }) });
    const copy = readOnce(given);
    expect([copy.value, copy.value, reads]).toEqual([{ n: 1 }, { n: 1 }, 1]);
  });

  test('instances of classes are kept as they are, and a cycle does not loop', () => {
    const timeout = Duration.minutes(1);
    const cyclic: any = { timeout };
    cyclic.self = cyclic;
    const copy = readOnce(cyclic);
    expect(copy.timeout).toBe(timeout);
    expect(copy.self).toBe(cyclic);
    expect(copy).not.toBe(cyclic);
  });
});
