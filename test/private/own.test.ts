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
});
