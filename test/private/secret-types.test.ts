import { isSecretKey, REQUIRED_SECRET_KEYS } from '../../src/private/secret-types';

describe('isSecretKey', () => {
  test.each(['token', '.dockerconfigjson', 'tls.crt', 'ssh-privatekey', 'a_b-c.d', '.x', 'x..y', 'a'.repeat(253)])('a key: %j', (key) => {
    expect(isSecretKey(key)).toBe(true);
  });

  test.each(['', '.', '..', '..x', 'a b', 'a/b', 'ä', 'a:b', 'a'.repeat(254)])('not a key: %j', (key) => {
    expect(isSecretKey(key)).toBe(false);
  });
});

describe('REQUIRED_SECRET_KEYS', () => {
  test('the keys of each built-in type, one of each inner list', () => {
    expect(REQUIRED_SECRET_KEYS['kubernetes.io/tls']).toEqual([['tls.crt'], ['tls.key']]);
    expect(REQUIRED_SECRET_KEYS['kubernetes.io/basic-auth']).toEqual([['username', 'password']]);
    expect(REQUIRED_SECRET_KEYS.Opaque).toBeUndefined();
  });
});
