import { pflagValueOf } from '../../src/private/go-flags';

describe('pflagValueOf: the option whose value an argument is, as spf13/pflag 1.0 reads a known program\'s options', () => {
  const K = '/kaniko/executor';
  test('a long option that takes a value, a shorthand last in its group, past operands, bools and glued values', () => {
    expect(pflagValueOf([K, '--dockerfile', '$(params.x)'], 0, 2)).toBe('--dockerfile');
    expect(pflagValueOf([K, '-f', '-anything'], 0, 2)).toBe('-f');
    expect(pflagValueOf(['env', K, '--no-push', 'ctx', '--context=/w', '-d', '$(params.x)'], 1, 6)).toBe('-d');
    // the value of one option skipped, whatever it holds: the next option's value is read after it
    expect(pflagValueOf([K, '--destination', '$(params.a)', '--tar-path', '$(params.x)'], 0, 4)).toBe('--tar-path');
    // `-f=VALUE` and `-fVALUE` hold their own value
    expect(pflagValueOf([K, '-f=Dockerfile', '-c', '$(params.x)'], 0, 3)).toBe('-c');
  });
  test('undefined: not known, a bool, an option not listed, glued value, a substitution read before, an array, --, another program', () => {
    expect(pflagValueOf([K, '--no-push', '$(params.x)'], 0, 2)).toBeUndefined();
    expect(pflagValueOf([K, '--verbosity', '$(params.x)'], 0, 2)).toBeUndefined();
    expect(pflagValueOf([K, '-cf', '$(params.x)'], 0, 2)).toBeUndefined();
    expect(pflagValueOf([K, '$(params.a)', '--dockerfile', '$(params.x)'], 0, 3)).toBeUndefined();
    expect(pflagValueOf([K, '--label', '$(params.l[*])', '-f', '$(params.x)'], 0, 4)).toBeUndefined();
    expect(pflagValueOf([K, '--', '--dockerfile', '$(params.x)'], 0, 3)).toBeUndefined();
    expect(pflagValueOf(['executor', '--dockerfile', '$(params.x)'], 0, 2)).toBeUndefined();
    expect(pflagValueOf([K, '$(params.x)'], 0, 1)).toBeUndefined();
  });
});
