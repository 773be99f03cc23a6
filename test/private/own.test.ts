import { own, ownKey } from '../../src/private/own';

describe('own, ownKey', () => {
  const TABLE: Readonly<Record<string, number>> = { env: 1, nice: 2 };

  test('a table\'s own keys only: not the names every object inherits', () => {
    expect(own(TABLE, 'env')).toBe(1);
    for (const name of ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'missing']) {
      expect(own(TABLE, name)).toBeUndefined();
      expect(ownKey(TABLE, name)).toBe(false);
    }
    expect(ownKey(TABLE, 'nice')).toBe(true);
  });

  test('a key read from a manifest that is not text (a map with a toString key, a list, null) is no key of the table, without throwing', () => {
    for (const key of [JSON.parse('{"toString": "x"}'), ['env'], null, undefined, true]) {
      expect(ownKey(TABLE, key)).toBe(false);
      expect(own(TABLE, key)).toBeUndefined();
    }
  });
});
