import { manifestsNamed, manifestsOfKind, oncePerSet } from '../../src/private/manifest-index';

describe('manifest index', () => {
  test('manifestsOfKind and manifestsNamed, in input order', () => {
    const a = { kind: 'Task', metadata: { name: 'a' } };
    const b = { kind: 'Task', metadata: { name: 'b' } };
    const c = { kind: 'Pipeline', metadata: { name: 'a' } };
    const set = [a, null, c, b, { kind: 'Task' }];
    expect(manifestsOfKind(set, 'Task')).toEqual([a, b, { kind: 'Task' }]);
    expect(manifestsNamed(set, 'Task', 'a')).toEqual([a]);
    expect(manifestsNamed(set, 'Pipeline', 'b')).toEqual([]);
  });

  test('oncePerSet computes once per set and key, undefined values and keys included', () => {
    const cache = new WeakMap<readonly any[], Map<unknown, string | undefined>>();
    const set: any[] = [];
    let calls = 0;
    const f = (key: unknown) => oncePerSet(cache, set, key, () => {
      calls++;
      return key === 'u' ? undefined : `v${calls}`;
    });
    expect([f('a'), f('a'), f(undefined), f(undefined), f('u'), f('u')]).toEqual(['v1', 'v1', 'v2', 'v2', undefined, undefined]);
    expect(calls).toBe(3);
    expect(oncePerSet(cache, [], 'a', () => 'another set')).toBe('another set');
  });
});
