import { invocation, runnerReadings } from '../../src/private/argv';

describe('runnerReadings', () => {
  test('a program that runs no command given in its operands has none', () => {
    expect(runnerReadings('make', ['all'])).toBeUndefined();
    expect(runnerReadings('constructor', [])).toBeUndefined();
  });

  test('options and their values as getopt_long reads them: required (attached or next), optional (attached only), flags grouped', () => {
    expect(runnerReadings('/usr/bin/watch', ['-n', '1', '-d', '-tn2', 'make', '-j4'])).toEqual([
      { options: [{ name: 'n', value: '1' }, { name: 'd' }, { name: 't' }, { name: 'n', value: '2' }], operands: ['make', '-j4'] },
    ]);
    // nsenter's -m takes its value only attached: `-m make` is -m, then the command
    expect(runnerReadings('nsenter', ['-t', '1', '-m', 'make'])).toEqual([{ options: [{ name: 't', value: '1' }, { name: 'm' }], operands: ['make'] }]);
    expect(runnerReadings('nsenter', ['-m/proc/1/ns/mnt', 'make'])).toEqual([{ options: [{ name: 'm', value: '/proc/1/ns/mnt' }], operands: ['make'] }]);
  });

  test('long options: a value after = or in the next argument, an unambiguous prefix for the option', () => {
    expect(runnerReadings('setpriv', ['--reuid=1000', '--regid', '1000', '--init-gr', 'make'])).toEqual([
      { options: [{ name: 'reuid', value: '1000' }, { name: 'regid', value: '1000' }, { name: 'init-groups' }], operands: ['make'] },
    ]);
    // --mount's value is optional: only after =
    expect(runnerReadings('unshare', ['--mount', '--user=x', 'make'])).toEqual([{ options: [{ name: 'mount' }, { name: 'user', value: 'x' }], operands: ['make'] }]);
  });

  test('options stop at the first operand and after --, but su and runuser permute theirs', () => {
    expect(runnerReadings('flock', ['-x', '/tmp/l', '-c', 'make'])).toEqual([{ options: [{ name: 'x' }], operands: ['/tmp/l', '-c', 'make'] }]);
    expect(runnerReadings('xvfb-run', ['--', '-x'])).toEqual([{ options: [], operands: ['-x'] }]);
    expect(runnerReadings('runuser', ['builder', '-lc', 'make all', 'x'])).toEqual([
      { options: [{ name: 'l' }, { name: 'c', value: 'make all' }], operands: ['builder', 'x'] },
    ]);
  });

  test('an option the grammar does not know may take the next argument or not: both readings', () => {
    expect(runnerReadings('setpriv', ['--new-option', 'x', 'make'])).toEqual([
      { options: [{ name: '--new-option', value: 'x' }], operands: ['make'] },
      { options: [{ name: '--new-option' }], operands: ['x', 'make'] },
    ]);
    // an array whose elements are not known, where options stand: options (read first), or the command
    expect(runnerReadings('unshare', ['-Uf', '${UNSHARE_ARGS[@]}', '-r', 'sh', '-c', 'make'])).toEqual([
      { options: [{ name: 'U' }, { name: 'f' }, { name: '${UNSHARE_ARGS[@]}' }, { name: 'r' }], operands: ['sh', '-c', 'make'] },
      { options: [{ name: 'U' }, { name: 'f' }], operands: ['${UNSHARE_ARGS[@]}', '-r', 'sh', '-c', 'make'] },
    ]);
    expect(runnerReadings('chroot', ['-Q', '/x', 'make'])).toEqual([
      { options: [{ name: 'Q', value: '/x' }], operands: ['make'] },
      { options: [{ name: 'Q' }], operands: ['/x', 'make'] },
    ]);
  });
});

describe('invocation', () => {
  test('`command -v` (a group holding v or V) only looks the program up; the words `command -v` elsewhere do not', () => {
    const lookup = (argv: string[]) => [invocation(argv).program, invocation(argv).lookup];
    expect(lookup(['command', '-v', 'make'])).toEqual(['make', true]);
    expect(lookup(['command', '-pV', 'make'])).toEqual(['make', true]);
    expect(lookup(['nice', 'command', '-v', 'make'])).toEqual(['make', true]);
    expect(lookup(['command', 'make'])).toEqual(['make', false]);
    // the name env unsets, then env's own -v (--debug)
    expect(lookup(['env', '-u', 'command', '-v', 'make'])).toEqual(['make', false]);
    // arguments of the program run
    expect(lookup(['./build.sh', 'command', '-v'])).toEqual(['./build.sh', false]);
    expect(lookup(['timeout', '-s', 'command', '-v', '5', 'make'])).toEqual(['make', false]);
  });

  test('env -C DIR, -CDIR, --chdir DIR, --chdir=DIR and a prefix (--ch): the directories the program runs in, in order', () => {
    expect(invocation(['env', '-C', '/a', '-iC/b', '--chdir', 'c', '--chdir=/d', '--ch', 'e', 'X=1', 'make']).chdirs).toEqual(['/a', '/b', 'c', '/d', 'e']);
    expect(invocation(['env', '-u', 'C', 'make']).chdirs).toEqual([]);
  });
});
