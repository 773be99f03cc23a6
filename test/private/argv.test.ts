import { argumentsOf, basename, codeArgvData, commandsRunBy, getsEnv, invocation, invocations, jqDataIndexes, privilegeReadings, runnerCall, runnerCodeWord, runnerCommands, runnerReadings, runnerShellCode, separatedCommand, shellDataIndex, shellFromEnv, splitEnvString, sshCommandIndex, suLogin, xargsCommandIndex, xargsOptions } from '../../src/private/argv';

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
    expect(runnerReadings('xvfb-run', ['--', '-x'])).toEqual([{ options: [], operands: ['-x'], separator: 0 }]);
    expect(runnerReadings('runuser', ['builder', '-lc', 'make all', 'x'])).toEqual([
      { options: [{ name: 'l' }, { name: 'c', value: 'make all' }], operands: ['builder', 'x'] },
    ]);
  });

  test('sg [-] GROUP [-c] COMMAND, script [options] [FILE] [-- COMMAND...], parallel [options] COMMAND ::: ARGS', () => {
    expect(runnerReadings('sg', ['-', 'docker', '-c', 'make all'])).toEqual([{ options: [], operands: ['-', 'docker', '-c', 'make all'] }]);
    // script permutes its options, and what follows -- is the command
    expect(runnerReadings('script', ['-q', '/dev/null', '-ec', 'make', '-E', 'never'])).toEqual([
      { options: [{ name: 'q' }, { name: 'e' }, { name: 'c', value: 'make' }, { name: 'E', value: 'never' }], operands: ['/dev/null'] },
    ]);
    expect(runnerReadings('script', ['--log-out', 'x', 'log', '--', 'make', '-q'])).toEqual([
      { options: [{ name: 'log-out', value: 'x' }], operands: ['log', 'make', '-q'], separator: 1 },
    ]);
    expect(runnerReadings('parallel', ['-j4', '--joblog', 'make', 'echo', ':::', 'a'])).toEqual([
      { options: [{ name: 'j', value: '4' }, { name: 'joblog', value: 'make' }], operands: ['echo', ':::', 'a'] },
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

  test.each([
    // [wrapper, argv where it runs make plainly, argv where its option grammar decides which word is the program]
    ['strace', ['strace', '-f', 'make'], ['strace', '-fo', '/tmp/t', '-s256', '-e', 'trace=execve', '--output', 'x', 'make']],
    ['ltrace', ['ltrace', 'make'], ['ltrace', '-Sn', '2', '-o', '/tmp/l', '--library', 'libc*', 'make']],
    ['valgrind', ['valgrind', '--tool=memcheck', 'make'], ['valgrind', '-q', '--log-file=/tmp/v', 'make', '-q']],
    ['perf stat', ['perf', 'stat', 'make'], ['perf', 'stat', '-ae', 'cycles', '-r', '3', '--', 'make']],
    ['perf record', ['perf', 'record', '-g', 'make'], ['perf', 'record', '-o', '/tmp/p', '--call-graph', 'dwarf', 'make']],
    ['perf trace', ['perf', 'trace', 'make'], ['perf', 'trace', '-s', '--duration', '10', 'make']],
    ['fakeroot', ['fakeroot', 'make'], ['fakeroot', '-us', '/tmp/state', '--lib', '/x.so', '--', 'make']],
    // faketime: its timestamp first; an argument that is none of its options ends them, though it starts with -
    ['faketime', ['faketime', '2020-01-01', 'make'], ['faketime', '-f', '-p', '1', '-1d', 'make']],
    ['numactl', ['numactl', '--localalloc', 'make'], ['numactl', '-lN', '0', '--membind', '0', '--physcpubind=1', 'make']],
    // prlimit's resource options take their value only attached
    ['prlimit', ['prlimit', '--nofile=1024', 'make'], ['prlimit', '-n', '-o', 'RESOURCE', '-Vp', '1', 'make']],
    ['catchsegv', ['catchsegv', 'make'], ['catchsegv', 'make', '-o', 'x']],
    ['firejail', ['firejail', '--noprofile', 'make'], ['firejail', '--private=/tmp/x', '--net=none', 'make', '--quiet']],
    // bwrap: options with one, two or three values
    ['bwrap', ['bwrap', '--unshare-all', 'make'], ['bwrap', '--ro-bind', '/usr', '/usr', '--dev', '/dev', '--setenv', 'A', 'b', '--overlay', '/a', '/b', '/c', 'make']],
    ['ssh-agent', ['ssh-agent', 'make'], ['ssh-agent', '-Dt', '600', '-a', '/tmp/s', 'make']],
    ['dbus-run-session', ['dbus-run-session', '--', 'make'], ['dbus-run-session', '--config-file', '/x.conf', '--dbus-daemon=/usr/bin/dbus-daemon', 'make']],
    // glibc's loader run as a program (glibc 2.36 run here), by its names; setarch's architecture before its options, or none (util-linux 2.38 run here)
    ['ld.so', ['/lib64/ld-linux-x86-64.so.2', 'make'], ['/lib/ld-linux-aarch64.so.1', '--library-path', '/usr/lib', '--inhibit-cache', '--argv0', 'x', 'make']],
    ['ld-musl', ['/lib/ld-musl-x86_64.so.1', 'make'], ['ld.so', '--preload', '/x.so', 'make']],
    ['setarch', ['setarch', 'x86_64', 'make'], ['setarch', 'x86_64', '-R', '--3gb', 'make']],
    ['setarch without its architecture', ['setarch', '-R', 'make'], ['setarch', '-v', '--addr-no-randomize', 'make']],
    ['linux64', ['linux64', 'make'], ['/usr/bin/x86_64', '-R', 'make']],
    ['eatmydata', ['eatmydata', 'make'], ['eatmydata', '--', 'make']],
    ['proot', ['proot', 'make'], ['proot', '-0', '-r', '/rootfs', '-b', '/dev', '--cwd=/w', 'make']],
    ['unbuffer', ['unbuffer', 'make'], ['unbuffer', '-p', 'make']],
    ['rlwrap', ['rlwrap', 'make'], ['rlwrap', '-c', '-H', '/tmp/h', '--histsize', '100', 'make']],
    ['cgexec', ['cgexec', 'make'], ['cgexec', '-g', 'cpu,memory:ci', '--sticky', 'make']],
    ['torsocks', ['torsocks', 'make'], ['torsocks', '-i', '-a', '127.0.0.1', '-P', '9050', 'make']],
    ['runcon', ['runcon', 'system_u:system_r:ci_t:s0', 'make'], ['runcon', '-t', 'ci_t', '-l', 's0', 'make']],
    ['systemd-run', ['systemd-run', '--pipe', 'make'], ['systemd-run', '-P', '-q', '--wait', '-p', 'MemoryMax=1G', '--uid', 'ci', 'make']],
    ['gdb --args', ['gdb', '--args', 'make'], ['gdb', '-batch', '-ex', 'run', '-x', 'cmds', '--args', 'make', '-j4']],
  ])('%s runs the program after its options and their values', (_, plain, grammar) => {
    expect([invocation(plain).program, invocation(grammar).program]).toEqual(['make', 'make']);
  });

  test('gdb runs no program of its arguments without --args, and is read itself too; proot -q runs its program too', () => {
    expect(invocations(['gdb', '-batch', '-ex', 'run', 'make']).map((run) => run.program)).toEqual(['gdb']);
    expect(invocations(['gdb', '-ex', 'run', '--args', 'python3', '-c', 'x']).map((run) => [run.program, run.interpreter])).toEqual([['python3', true], ['gdb', false]]);
    expect(invocations(['proot', '-q', 'qemu-aarch64', 'make']).map((run) => run.program)).toEqual(['make', 'qemu-aarch64']);
  });

  test('poetry run, pipenv run, bundle exec and conda run run their command (poetry 2.5 and pipenv 2026.10 run here)', () => {
    expect(invocations(['poetry', 'run', 'python3', '-c', 'x']).map((run) => run.program)).toEqual(['poetry', 'python3']);
    expect(invocations(['poetry', '-C', '/w', 'run', 'python3', '-c', 'x']).map((run) => run.program)).toEqual(['poetry', 'python3']);
    expect(invocations(['pipenv', 'run', 'python3', '-c', 'x']).map((run) => run.program)).toEqual(['pipenv', 'python3']);
    expect(invocations(['bundle', 'exec', '--gemfile', 'G', 'ruby', '-e', 'x']).map((run) => run.program)).toEqual(['bundle', 'ruby']);
    expect(invocations(['conda', 'run', '-n', 'base', '--no-capture-output', 'python3', '-c', 'x']).map((run) => run.program)).toEqual(['conda', 'python3']);
    // other sub-commands run no command of their words
    expect(invocations(['poetry', 'install', 'python3']).map((run) => run.program)).toEqual(['poetry']);
    expect(invocations(['bundle', 'install', 'ruby']).map((run) => run.program)).toEqual(['bundle']);
  });

  test('faketime --date-prog PROG runs PROG too (to read the timestamp), after the program of its operands', () => {
    expect(invocations(['faketime', '--date-prog', './ci/date.sh', '2020-01-01', 'make']).map((run) => [run.program, run.programIndex]))
      .toEqual([['make', 4], ['./ci/date.sh', 2]]);
    expect(invocations(['faketime', '2020-01-01', 'make']).map((run) => run.program)).toEqual(['make']);
  });

  test('perf runs a program with stat, record and trace only; bwrap --chdir moves it', () => {
    expect(invocation(['perf', 'report', '-i', 'make']).program).toEqual('perf');
    expect(invocation(['bwrap', '--bind', '/', '/', '--chdir', '/workspace/source', 'make']).chdirs).toEqual(['/workspace/source']);
    // bwrap mounts before it moves: a directory under a bind's target is the bind's source there (the last bind over it counts)
    const bound = invocation(['bwrap', '--chdir', '/src/app', '--ro-bind', '/usr', '/usr', '--bind', '/tmp/x', '/src', '--bind', '/workspace/source', '/src', 'make']);
    expect([bound.chdirs, bound.binds]).toEqual([['/workspace/source/app'], [
      { source: '/usr', target: '/usr' }, { source: '/tmp/x', target: '/src' }, { source: '/workspace/source', target: '/src' },
    ]]);
  });
});

describe('invocations', () => {
  const programs = (argv: string[]) => invocations(argv).map((run) => run.program);

  test.each([
    // getopt_long takes any unambiguous prefix of a long option
    [['nice', '--adj', '5', 'make']],
    [['timeout', '--kill', '5', '10', 'make']],
    [['timeout', '--sig', 'KILL', '--pre', '10', 'make']],
    [['stdbuf', '--out', 'L', 'make']],
    [['time', '--out', '/tmp/t', '--f', '%e', 'make']],
    [['dumb-init', '--rew', '15:2', 'make']],
    [['ionice', '--classd', '7', 'make']],
    [['fakeroot', '--fd', '3', 'make']],
    [['chrt', '--sched-run', '5000', '-d', '0', 'make']],
    // a group of options, the last taking the next argument
    [['timeout', '-fk', '5', '10', 'make']],
    [['setsid', '-fw', 'make']],
    // env's -a (--argv0) takes a value; `-` after its options is -i; then its assignments
    [['env', '-a', 'builder', 'make']],
    [['env', '--argv', 'builder', '-', 'A=1', 'make']],
    // coreutils nice reads -10 itself; su-exec and gosu read no options (the user comes first, whatever it starts with)
    [['nice', '-10', 'make']],
    [['su-exec', '-builder', 'make']],
    [['gosu', '--', 'make']],
    // strace's long options as strace.c lists them: with no value, an optional one (after = only), a required one; an unambiguous prefix
    [['strace', '--follow-forks', '--seccomp-bpf', 'make']],
    [['strace', '--summary-only', '--timestamps', '--decode-fds', 'make']],
    [['strace', '--interruptible', '1', '--signals', 'all', '--decode-pids', 'comm', 'make']],
    [['strace', '--fol', '--kill', '--syscall-n', 'make']],
    // ltrace's -C (--demangle) and --no-signals take no value
    [['ltrace', '-C', '--demangle', '--no-signals', 'make']],
  ])('%j: one reading, as the wrapper reads its options', (argv) => {
    expect(programs(argv)).toEqual(['make']);
  });

  test.each([
    // an option a wrapper does not know may take the next argument or not: each is a program that may run
    [['timeout', '--foo', '5', '10', 'make'], ['10', 'make']],
    [['timeout', '-x', '5', '10', 'make'], ['10', 'make']],
    [['nice', '-z', 'build', 'make'], ['build', 'make']],
    [['strace', '-Q', '/tmp/x', 'make'], ['/tmp/x', 'make']],
    [['env', '--new', 'x', 'A=1', 'make'], ['x', 'make']],
    // an option strace's grammar lists only by its full name: a prefix may name another
    [['strace', '--outp', '/tmp/x', 'make'], ['/tmp/x', 'make']],
    // an option not known in the middle of a group may take the rest of it
    [['stdbuf', '-Xo', 'L', 'make'], ['make', 'L']],
    // bwrap's options take up to three values
    [['bwrap', '--new', '/a', '/b', 'make'], ['/a', '/b', 'make', undefined]],
    // wrapped in another, each way of the outer one read
    [['nice', '-z', 'timeout', '5', 'make'], ['make', '5']],
  ])('%j: each reading\'s program', (argv, expected) => {
    expect(programs(argv)).toEqual(expected);
  });

  test('at most eight readings, the first taking every option not known for one without a value', () => {
    const argv = ['nice', '-a', 'nice', '-b', 'nice', '-c', 'nice', '-d', 'nice', '-e', 'make'];
    expect(invocations(argv).length).toBe(8);
    expect(invocations(argv)[0].program).toBe('make');
    expect(invocation(argv).program).toBe('make');
  });

  test('env: the assignments and the string of -S as each reading of its options gives them', () => {
    const env = invocations(['env', '-Z', 'A=1', 'B=2', 'make']);
    expect(env.map((run) => [run.program, run.assignments.map((a) => a.index)])).toEqual([['make', [2, 3]], ['make', [3]]]);
    expect(invocations(['env', '-iS', 'make all']).map((run) => [run.program, run.splitStrings])).toEqual([['make', [2]]]);
    expect(invocations(['env', '--split-str=make all']).map((run) => [run.program, run.splitStrings])).toEqual([['make', [1]]]);
  });
});

describe('privilegeReadings', () => {
  /** Each reading of sudo's or doas' arguments: the command it runs (a word of `after`), 'shell' for a shell that reads its input, or null for none. */
  const read = (program: string, after: string[]) => privilegeReadings(program, after)!.map((r) => ({
    runs: r.command !== undefined ? after[r.command] : r.shell ? 'shell' : null,
    ...r.chdirs.length > 0 ? { chdirs: r.chdirs } : {},
    ...r.roots.length > 0 ? { roots: r.roots } : {},
    ...r.assignments.length > 0 ? { assignments: r.assignments.map((a) => `${a.name}=${a.value}`) } : {},
  }));

  test('another program is no privilege runner', () => {
    expect(privilegeReadings('su', ['-c', 'make'])).toBeUndefined();
    expect(privilegeReadings('constructor', [])).toBeUndefined();
  });

  test.each([
    // getopt_long: an unambiguous prefix of a long option, its value after = or in the next argument, groups ending in a valued letter
    [['--us', 'builder', 'make']],
    [['--user=builder', 'make']],
    [['--user', 'builder', 'make']],
    [['-Eu', 'builder', 'make']],
    [['-ubuilder', 'make']],
    // options the old list did not know: --chroot (-R), --auth-type (-a), --login-class (-c), --close-from's prefix
    [['-a', 'style', '-c', 'class', 'make']],
    [['--close', '5', 'make']],
    // --preserve-env takes its list only after =; -E none
    [['--preserve-env', 'make']],
    [['--preserve-env=PATH,HOME', 'make']],
    [['-E', 'make']],
    // -k with a command runs it; -h HOST (a lone -h, then a word that is no option); -hHOST; --host HOST
    [['-k', 'make']],
    [['-h', 'remote', 'make']],
    [['-hremote', 'make']],
    [['--host', 'remote', 'make']],
    [['--', 'make']],
  ])('sudo %j runs make', (after) => {
    expect(read('sudo', after)).toEqual([{ runs: 'make' }]);
  });

  test('sudo: NAME=VALUE among its options is the command\'s environment (not after --); -D and --chdir the directory it runs in', () => {
    expect(read('sudo', ['-E', 'FOO=1', '-u', 'b', 'make'])).toEqual([{ runs: 'make', assignments: ['FOO=1'] }]);
    expect(read('sudo', ['--', 'FOO=1', 'make'])).toEqual([{ runs: 'FOO=1' }]);
    expect(read('sudo', ['/opt/a=b', 'make'])).toEqual([{ runs: '/opt/a=b' }]);
    expect(read('sudo', ['-D', '/workspace/source', './build.sh'])).toEqual([{ runs: './build.sh', chdirs: ['/workspace/source'] }]);
    expect(read('sudo', ['--chdir=/w', '--ch', '/x', 'make'])).toEqual([{ runs: 'make', chdirs: ['/w', '/x'] }]);
    // -R and --chroot: the root directory it makes the command's
    expect(read('sudo', ['-R', '/sysroot', 'make'])).toEqual([{ runs: 'make', roots: ['/sysroot'] }]);
    expect(read('sudo', ['--chroot=/sysroot', '-s'])).toEqual([{ runs: 'shell', roots: ['/sysroot'] }]);
  });

  test('sudo -C N (--close-from=N): the lowest descriptor it closes; below 3, given twice, it refuses to run; doas closes from 3', () => {
    const closes = (program: string, after: string[]) => privilegeReadings(program, after)!
      .map((r) => [r.command === undefined ? null : after[r.command], r.closeFrom]);
    expect(closes('sudo', ['make'])).toEqual([['make', 3]]);
    expect(closes('sudo', ['-C', '5', 'make'])).toEqual([['make', 5]]);
    expect(closes('sudo', ['--close-from=7', 'make'])).toEqual([['make', 7]]);
    expect(closes('sudo', ['-u', 'b', '-C4', 'make'])).toEqual([['make', 4]]);
    expect(closes('sudo', ['-uC', '4', 'make'])).toEqual([['4', 3]]);
    expect(closes('sudo', ['-C', '$N', 'make'])).toEqual([['make', Infinity]]);
    expect(closes('sudo', ['-C', '2', 'make'])).toEqual([[null, 2]]);
    expect(closes('sudo', ['-C', '4', '-C', '4', 'make'])).toEqual([[null, Infinity]]);
    expect(closes('doas', ['make'])).toEqual([['make', 3]]);
  });

  test('sudo -s and -i: a command is run (through the shell), none starts a shell that reads its input; sudo alone starts one too', () => {
    expect(read('sudo', ['-s', 'make'])).toEqual([{ runs: 'make' }]);
    expect(privilegeReadings('sudo', ['-i', 'make'])![0].shell).toBe(true);
    expect(read('sudo', ['-s'])).toEqual([{ runs: 'shell' }]);
    expect(read('sudo', ['-iu', 'builder'])).toEqual([{ runs: 'shell' }]);
    expect(read('sudo', ['--login'])).toEqual([{ runs: 'shell' }]);
    expect(read('sudo', [])).toEqual([{ runs: 'shell' }]);
  });

  test.each([
    [['-e', '/etc/hosts']], [['--edit', 'f']], [['-l', 'make']], [['--list']], [['-v']], [['-k']], [['-K']], [['-V']], [['-h']], [['--help']],
    // -sh is -s and the help (the host only after a lone -h); -i with -s or -E is refused
    [['-sh', 'make']], [['-i', '-s', 'make']], [['-iE', 'make']],
  ])('sudo %j runs nothing', (after) => {
    expect(read('sudo', after)).toEqual([{ runs: null }]);
  });

  test('sudo: an option it does not know read every way it may be', () => {
    expect(read('sudo', ['--new-option', 'x', 'make'])).toEqual([{ runs: 'x' }, { runs: 'make' }]);
    expect(read('sudo', ['-Z', 'x', 'make'])).toEqual([{ runs: 'x' }, { runs: 'make' }]);
  });

  test('doas (getopt `a:C:Lnsu:`): -a, -u take a value; -C and -L run nothing; -s starts a shell, and with a command runs nothing', () => {
    expect(read('doas', ['-a', 'style', '-nu', 'builder', 'make'])).toEqual([{ runs: 'make' }]);
    expect(read('/usr/bin/doas', ['-ubuilder', '--', 'make'])).toEqual([{ runs: 'make' }]);
    expect(read('doas', ['-C', '/etc/doas.conf', 'make'])).toEqual([{ runs: null }]);
    expect(read('doas', ['-L'])).toEqual([{ runs: null }]);
    expect(read('doas', ['-s'])).toEqual([{ runs: 'shell' }]);
    expect(read('doas', ['-s', 'make'])).toEqual([{ runs: null }]);
    expect(read('doas', [])).toEqual([{ runs: null }]);
    // doas has no long options: --user is not known, read every way
    expect(read('doas', ['--user', 'x', 'make'])).toEqual([{ runs: 'x' }, { runs: 'make' }]);
  });

  test("argumentsOf: a program's arguments, the words of env -S's string after it first", () => {
    const of = (...argv: string[]) => argumentsOf(argv, invocation(argv));
    expect([
      of('kubectl', 'apply', '-f', 'x'), of('env', '-S', 'kubectl apply', '-f', 'x'), of('/usr/bin/env', "-S sh -c 'kubectl apply -f x'"),
      of('env', '-S', 'A=1 cosign verify --key "k 1"', 'img'),
    ]).toEqual([['apply', '-f', 'x'], ['apply', '-f', 'x'], ['-c', 'kubectl apply -f x'], ['verify', '--key', 'k 1', 'img']]);
  });

  test("argumentsOf: env -S's string written in the option's own argument starts after the option (-Ssh -i, -vSsh -i, --split-string=sh -i)", () => {
    const of = (...argv: string[]) => argumentsOf(argv, invocation(argv));
    expect([of('env', '-Ssh -i'), of('env', '-vSsh -e -i', 'x'), of('env', '--split-string=sh -i'), of('env', '--split=sh -i')])
      .toEqual([['-i'], ['-e', '-i', 'x'], ['-i'], ['-i']]);
  });
});

describe('jqDataIndexes and shellDataIndex: arguments a program never reads as code', () => {
  const data = (argv: string[]) => [...jqDataIndexes(argv, invocations(argv)[0])].sort((a, b) => a - b);
  const shell = (argv: string[]) => shellDataIndex(argv, invocations(argv)[0]);

  test('a shell: NAME and the ARGs after the code of a - or + group holding c are data (bash, dash and ksh93 run sh +c CODE as sh -c CODE)', () => {
    expect(shell(['sh', '+c', 'echo "$1"', '_', '$(params.x)'])).toBe(3);
    expect(shell(['bash', '-e', '+c', 'echo "$1"', '_', '$(params.x)'])).toBe(4);
    expect(shell(['sh', '+e', 'build.sh', '$(params.x)'])).toBeUndefined();
  });

  test('jq: an element expanded from an array moves those after it: data only where it is for none, one or two elements', () => {
    const spread = (argv: string[]) => [...jqDataIndexes(argv, invocations(argv)[0], (t) => t.endsWith('[*])'))].sort((a, b) => a - b);
    expect(spread(['jq', '--arg', 'n', '$(params.l[*])', '.', 'f.json'])).toEqual([2]);
    expect(spread(['jq', '-n', '.', '--args', '$(params.l[*])', 'v'])).toEqual([5]);
    expect(spread(['jq', '-n', '.', '--args', '--', '$(params.l[*])', 'v'])).toEqual([5, 6]);
    expect(spread(['jq', '$(params.l[*])', '.', 'f.json'])).toEqual([3]);
    expect(data(['jq', '--arg', 'n', '$(params.l[*])', '.', 'f.json'])).toEqual([2, 3, 5]);
  });

  test('jq: an operand a substitution starts, before `--` and another argument, may be --run-tests (jq 1.7 main.c): no data', () => {
    expect(data(['jq', '.a', '$(params.x)', 'f.json'])).toEqual([3]);
    expect(data(['jq', '.a', 'f.json', '$(params.x)'])).toEqual([2, 3]);
    expect(data(['jq', '.a', '--', '$(params.x)', 'f.json'])).toEqual([3, 4]);
    expect(data(['jq', '.a', 'x-$(params.x)', 'f.json'])).toEqual([2, 3]);
    expect(data(['gojq', '.a', '$(params.x)', 'f.json'])).toEqual([2, 3]);
    const operands = (argv: string[]) => [...jqDataIndexes(argv, invocations(argv)[0], undefined, false)].sort((a, b) => a - b);
    expect(operands(['jq', '.a', '$(params.x)', 'f.json'])).toEqual([2, 3]);
  });

  test('jq: the name and value of --arg, --argjson, --slurpfile and --rawfile, before or after the program', () => {
    expect(data(['jq', '--argjson', 'strict', 'true', '-e', '.a', 'f.json'])).toEqual([2, 3, 6]);
    expect(data(['jq', '-r', '.a', '--arg', 'n', 'v', '--rawfile', 't', 'x.txt'])).toEqual([4, 5, 7, 8]);
    // read past the options that take values, as jq reads them: -L DIR (-LDIR), --indent N, gojq's -f FILE
    expect(data(['jq', '--indent', '2', '--arg', 'n', 'v', '.a'])).toEqual([4, 5]);
    expect(data(['jq', '-L', '/lib', '-r', '--arg', 'n', 'v', '.a'])).toEqual([5, 6]);
    expect(data(['jq', '-L/lib', '--arg', 'n', 'v', '.a'])).toEqual([3, 4]);
    expect(data(['jq', '-f', 'prog.jq', '--argjson', 'n', '{}'])).toEqual([4, 5]);
    expect(data(['gojq', '-f', '--arg', 'n', 'v'])).toEqual([4]);
    expect(data(['jq', '.a', 'f.json', '--slurpfile', 'n', 'g.json', '--', '--arg', 'm', 'v'])).toEqual([2, 4, 5, 7, 8, 9]);
    // the value of an option is not one: -L takes --arg as its directory, n is the program and v an input file
    expect(data(['jq', '-L', '--arg', 'n', 'v'])).toEqual([4]);
    // an option jq does not know may take the next arguments (none, one or two, as its options do): an --arg after it
    // binds only where every reading has it
    expect(data(['jq', '--frobnicate', '--arg', 'n', 'v', '.a'])).toEqual([]);
    expect(data(['jq', '--frobnicate', 'x', '--arg', 'n', 'v', '.a'])).toEqual([5]);
    expect(data(['jq', '--frobnicate', 'x', 'y', '--arg', 'n', 'v', '.a'])).toEqual([5, 6]);
    // every option of jq 1.7 is known: none of these takes a value, so the --arg after it binds in every reading
    for (const option of ['-b', '--binary', '--debug-trace=all', '--debug-trace', '--run-tests', '--raw-output0', '--seq', '--stream-errors', '-V', '-h']) {
      expect([option, data(['jq', option, '--arg', 'n', 'v', '.a'])]).toEqual([option, [3, 4]]);
    }
    // to jq, `-` then no letter or `-` is an operand (the program, a file): -1 takes nothing after it
    expect(data(['jq', '-1', '--arg', 'n', 'v'])).toEqual([3, 4]);
    expect(data(['jq', '-0', 'f.json', '--arg', 'n', 'v'])).toEqual([2, 4, 5]);
    // jq knows a long option only by its full name: --ar is none of --arg and --argjson
    expect(data(['jq', '--ar', 'n', 'v', '.a'])).toEqual([]);
    // an --arg without both arguments binds nothing
    expect(data(['jq', '.a', '--arg', 'n'])).toEqual([]);
    // the operands after the program are input files, or after --args and --jsonargs $ARGS.positional (jq 1.7 main.c): data,
    // in every reading (v binds, or is a file, whichever arguments --frobnicate takes); not after --run-tests
    expect(data(['jq', '-n', '$ARGS', '--args', 'a', 'b'])).toEqual([4, 5]);
    expect(data(['jq', '--frobnicate', 'x', '--arg', 'n', 'v', '.a'])).toEqual([5]);
    expect(data(['jq', '--run-tests', 'tests.jq', 'more.jq'])).toEqual([]);
    expect(data(['awk', '--arg', 'n', 'v'])).toEqual([]);
  });

  test('ssh: the remote command starts after the destination, past options before and after it', () => {
    expect(sshCommandIndex(['host', 'ls', '-l'])).toBe(1);
    expect(sshCommandIndex(['-i', 'key', '-p22', '-tt', 'user@host', '-o', 'BatchMode=yes', 'ls'])).toBe(7);
    expect(sshCommandIndex(['-l', 'ls', 'host'])).toBe(3);
    expect(sshCommandIndex(['host', '--', '-x'])).toBe(2);
    expect(sshCommandIndex(['--', 'host', 'ls'])).toBe(2);
    expect(sshCommandIndex(['-N', 'host'])).toBe(2);
  });

  test('sh: the code is the first operand after option groups, one of them holding c', () => {
    expect(shell(['sh', '-c', 'CODE', 'n', 'a'])).toBe(3);
    expect(shell(['sh', '-ex', '-c', 'CODE', 'n'])).toBe(4);
    expect(shell(['sh', '-c', '-e', 'CODE'])).toBe(4);
    expect(shell(['sh', '+x', '-ec', 'CODE'])).toBe(4);
    expect(shell(['bash', '-e', '-o', 'pipefail', '-c', 'CODE'])).toBeUndefined();
    expect(shell(['bash', '--norc', '-c', 'CODE'])).toBeUndefined();
    expect(shell(['sh', '-c', '--', 'CODE'])).toBeUndefined();
    expect(shell(['sh', '-e', 'script.sh'])).toBeUndefined();
  });
});

describe('splitEnvString', () => {
  test('splits as GNU coreutils 9.1 env -S does (each checked with env -S running a program that prints its arguments)', () => {
    expect(splitEnvString('"sh" -i')).toEqual(['sh', '-i']);
    expect(splitEnvString("s'h' -i")).toEqual(['sh', '-i']);
    expect(splitEnvString('sh\\_-i')).toEqual(['sh', '-i']);
    expect(splitEnvString('sh "a\\_b" \'\\_\'')).toEqual(['sh', 'a b', '\\_']);
    expect(splitEnvString("sh '-\\\\i' '\\''-i \\$x \\\\x")).toEqual(['sh', '-\\i', "'-i", '$x', '\\x']);
    expect(splitEnvString('sh "" a#b #x -i')).toEqual(['sh', '', 'a#b']);
    expect(splitEnvString('sh -i\\c ignored')).toEqual(['sh', '-i']);
    expect(splitEnvString('  sh "a b"c d  ')).toEqual(['sh', 'a bc', 'd']);
    // ${NAME} and $(…) kept as written (the env's value, a substitution replaced before env runs)
    expect(splitEnvString('${X}sh "$(params.a b)"')).toEqual(['${X}sh', '$(params.a b)']);
    // refused by env: it runs nothing
    for (const s of ['sh "-i', 'sh -\\i', 'sh $x', 'sh "\\c"', 'sh \\', 'sh ${1}']) expect([s, splitEnvString(s)]).toEqual([s, undefined]);
  });
});

describe('separatedCommand: the "--" after which a runner runs a command of its own', () => {
  test('tfcmt\'s first "--"; npx, npm exec and uv run where only options (and their values) come before it', () => {
    expect(separatedCommand(['/tfcmt/tfcmt', '-owner=o', '$(params.a)', 'plan', '--', 'terraform', 'plan'], 0)).toBe(4);
    expect(separatedCommand(['timeout', '5m', 'npx', '--yes', '-p', 'eslint@9', '--', 'eslint', '.'], 2)).toBe(6);
    expect(separatedCommand(['npm', 'x', '--package=eslint', '--', 'eslint'], 0)).toBe(3);
    expect(separatedCommand(['uv', 'run', '--with', 'ruff', '--', 'ruff', 'check'], 0)).toBe(4);
  });
  test('none: an operand before it (the command\'s own "--"), another sub-command, nothing after it, another program', () => {
    expect(separatedCommand(['npx', 'eslint', '--', 'x'], 0)).toBeUndefined();
    expect(separatedCommand(['npm', 'install', '--', 'x'], 0)).toBeUndefined();
    expect(separatedCommand(['uv', 'pip', '--', 'x'], 0)).toBeUndefined();
    expect(separatedCommand(['tfcmt', 'plan', '--'], 0)).toBeUndefined();
    expect(separatedCommand(['git', 'log', '--', 'x'], 0)).toBeUndefined();
  });
});

describe('suLogin and getsEnv: the env a command a runner runs gets', () => {
  test('su and runuser in login mode: -l, --login (a prefix too), - before the user', () => {
    const login = (args: string[]) => (runnerReadings('su', args) ?? []).map(suLogin);
    expect(login(['-', 'root', '-c', 'make'])).toEqual([true]);
    expect(login(['root', '--log', '-c', 'make'])).toEqual([true]);
    expect(login(['-m', '-l', 'root'])).toEqual([true]);
    expect(login(['-m', 'root', '-c', 'make', '-'])).toEqual([false]);
    expect(login(['root'])).toEqual([false]);
  });
  test('env\'s own assignments always; a container env var but where env removed it or the runner kept others', () => {
    expect(getsEnv(undefined, ['*'], [])).toBe(true);
    expect(getsEnv('ENV')).toBe(true);
    expect(getsEnv('ENV', ['PS1'], ['TERM', 'ENV'])).toBe(true);
    expect(getsEnv('ENV', ['*'])).toBe(false);
    expect(getsEnv('ENV', ['ENV'])).toBe(false);
    expect(getsEnv('ENV', [], ['TERM'])).toBe(false);
  });
});

describe('runnerCommands: where the command a runner runs starts', () => {
  test('after its "--", or its first operand after its options (npx, npm exec, uv run), each way an option not known may be read', () => {
    expect(runnerCommands(['npx', '--yes', '--', 'sh', '-c', 'x'], 0)).toEqual([3]);
    expect(runnerCommands(['npx', '--yes', '-p', 'cowsay', 'sh', '-c', 'x'], 0)).toEqual([4]);
    expect(runnerCommands(['uv', 'run', '--frozen', 'sh', '-c', 'x'], 0)).toEqual([3]);
    expect(runnerCommands(['npm', 'exec', 'sh'], 0)).toEqual([2]);
    // `--foo` not known: no value (bar the command), or its value (sh the command)
    expect(runnerCommands(['npx', '--foo', 'bar', 'sh'], 0)).toEqual([2, 3]);
    // (read as its value, sh is followed by npx's own -c)
    expect(runnerCommands(['npx', '--foo', 'sh', '-c', 'x'], 0)).toEqual([2]);
    expect(runnerCommands(['/tfcmt/tfcmt', 'plan', '--', 'sh', '-c', 'x'], 0)).toEqual([3]);
  });
  test('package runners: uvx, pipx run, bunx, pnpm dlx and yarn dlx run their first operand after their options', () => {
    expect(runnerCommands(['uvx', '--from', 'httpie', '-q', 'http', 'get'], 0)).toEqual([4]);
    expect(runnerCommands(['pipx', 'run', '--spec', 'black==24', 'black', '.'], 0)).toEqual([4]);
    expect(runnerCommands(['bunx', '-p', 'x', 'tool'], 0)).toEqual([3]);
    expect(runnerCommands(['pnpm', 'dlx', '--package', 'x', 'tool', 'arg'], 0)).toEqual([4]);
    expect(runnerCommands(['yarn', 'dlx', '--', 'tool'], 0)).toEqual([3]);
    expect(runnerCommands(['pipx', 'install', 'black'], 0)).toEqual([]);
    expect(runnerCommands(['yarn', 'install'], 0)).toEqual([]);
    // bun x is bunx; pnpx is pnpm dlx; pnpm exec runs its first operand too
    expect(runnerCommands(['bun', 'x', '--bun', 'sh', '-c', 'x'], 0)).toEqual([3]);
    expect(runnerCommands(['bun', 'build.ts'], 0)).toEqual([]);
    // bun's flags before x too (cli.zig finds the sub-command past them); bun x is no interpreter, bun given a file is
    expect(runnerCommands(['bun', '--bun', 'x', 'tool'], 0)).toEqual([3]);
    expect(invocation(['bun', 'x', 'tool']).interpreter).toBe(false);
    expect(invocation(['bun', '--silent', 'x', 'tool']).interpreter).toBe(false);
    expect(invocation(['bun', 'x']).interpreter).toBe(false);
    expect(invocation(['bun', 'build.ts', 'x']).interpreter).toBe(true);
    expect(invocation(['bun', '-e', 'x']).interpreter).toBe(true);
    expect(runnerCommands(['pnpx', '--package', 'x', 'tool', 'arg'], 0)).toEqual([3]);
    expect(runnerCommands(['pnpm', 'exec', 'eslint', '.'], 0)).toEqual([2]);
  });
  test('uv tool run is uvx; pnpm reads its options before dlx too; yarn dlx\'s -p takes the package', () => {
    expect(runnerCommands(['uv', 'tool', 'run', '--from', 'httpie', 'sh', '-c', 'x'], 0)).toEqual([5]);
    expect(runnerCommands(['uv', 'tool', 'run', '--isolated', '--', 'sh', '-c', 'x'], 0)).toEqual([5]);
    expect(runnerCommands(['uv', 'tool', 'install', 'ruff'], 0)).toEqual([]);
    // uv's global options before run or tool run
    expect(runnerCommands(['uv', '--directory', '/src', '-q', 'run', 'sh', '-c', 'x'], 0)).toEqual([5]);
    expect(runnerCommands(['uv', '--no-cache', 'tool', 'run', '--from', 'httpie', 'http'], 0)).toEqual([6]);
    expect(runnerCommands(['uv', '--directory', '/src', 'sync'], 0)).toEqual([]);
    expect(runnerCommands(['pnpm', '--package=cowsay', 'dlx', 'sh', '-c', 'x'], 0)).toEqual([3]);
    expect(runnerCommands(['pnpm', '--package', 'cowsay', '-C', '/src', 'dlx', 'sh'], 0)).toEqual([6]);
    expect(runnerCommands(['pnpm', '--package', 'cowsay', 'install'], 0)).toEqual([]);
    expect(runnerCommands(['yarn', 'dlx', '-p', 'cowsay', '-q', 'sh', '-c', 'x'], 0)).toEqual([5]);
    // yarn reads no option before dlx
    expect(runnerCommands(['yarn', '-p', 'x', 'dlx', 'sh'], 0)).toEqual([]);
  });
  test('pnpm dlx in shell mode (-c, --shell-mode, before dlx or after it): its command and arguments, joined, the code of sh -c', () => {
    expect(runnerCommands(['pnpm', 'dlx', '-c', 'tool arg'], 0)).toEqual([]);
    expect(runnerShellCode(['pnpm', 'dlx', '-c', 'tool arg'], 0)).toBe(3);
    expect(commandsRunBy('pnpm', ['--package', 'cowsay', '-c', 'dlx', 'echo hi | cowsay'])).toEqual([['sh', '-c', 'echo hi | cowsay']]);
    expect(commandsRunBy('pnpm', ['dlx', '--package=cowsay', '--shell-mode', 'cowsay', 'hi', 'there'])).toEqual([['sh', '-c', 'cowsay hi there']]);
    expect(runnerShellCode(['timeout', '5m', 'pnpm', '--shell-mode', 'dlx', '--package', 'x', 'a', 'b'], 2)).toBe(7);
    // no shell mode; -c after the command is the command's
    expect(runnerShellCode(['pnpm', 'dlx', 'tool', '-c', 'x'], 0)).toBeUndefined();
    expect(commandsRunBy('pnpm', ['dlx', 'tool', '-c', 'x'])).toBeUndefined();
    expect(runnerShellCode(['npx', '-c', 'x'], 0)).toBeUndefined();
  });
  test('npx -c and npm exec --call: the code, the word that holds it, the runner and option as written, the script shell', () => {
    expect(runnerCall(['npx', '-c', 'make x'], 0)).toEqual({ code: 'make x', at: 2, shell: 'sh', problem: 'the code of npx -c, which npm runs with its script shell (sh -c)' });
    expect(runnerCall(['sudo', 'npm', '--script-shell', 'bash', 'exec', '--call=make x'], 1))
      .toEqual({ code: 'make x', at: 5, shell: 'bash', problem: 'the code of npm exec --call, which npm runs with its script shell (bash -c)' });
    // a command beside -c: npm refuses the two (no code runs); pnpm's -c is its shell mode, not a call
    expect(runnerCall(['npx', '-c', 'make x', 'tool'], 0)).toBeUndefined();
    expect(runnerCall(['pnpm', 'dlx', '-c', 'tool arg'], 0)).toBeUndefined();
    expect(runnerCall(['npx', 'tool', '-c', 'x'], 0)).toBeUndefined();
  });
  test('yarn exec: its first operand the code of a shell (yarn 2+) and the program (yarn 1); yarn dlx runs no code so', () => {
    expect(runnerCodeWord(['yarn', 'exec', 'tsc && babel src', 'a'], 0)).toBe(2);
    expect(commandsRunBy('yarn', ['exec', 'tsc && babel src', 'a'])).toEqual([['sh', '-c', 'tsc && babel src']]);
    expect(runnerCommands(['yarn', 'exec', 'tsc', 'a'], 0)).toEqual([2]);
    expect(runnerCodeWord(['yarn', 'dlx', 'tsc'], 0)).toBeUndefined();
    expect(runnerCodeWord(['yarn', 'install'], 0)).toBeUndefined();
    // --cwd and `workspace NAME` before the sub-command; another option there is not read (yarn reads no -p before dlx)
    expect(runnerCodeWord(['yarn', '--cwd', 'app', 'workspace', 'web', 'exec', 'tsc && babel src'], 0)).toBe(6);
    expect(runnerCommands(['yarn', '--cwd=app', 'dlx', 'tsc'], 0)).toEqual([3]);
    expect(runnerCodeWord(['yarn', 'web', 'exec', 'x'], 0)).toBeUndefined();
    // `workspaces foreach` and its options before the sub-command it runs in each workspace (-j, --from, --include, --exclude take a value)
    expect(runnerCodeWord(['yarn', 'workspaces', 'foreach', '-Ap', '-j', '4', '--exclude', 'docs', '--since=main', 'exec', 'tsc && babel src'], 0)).toBe(10);
    expect(runnerCommands(['yarn', 'workspaces', 'foreach', '--all', 'dlx', 'tsc'], 0)).toEqual([5]);
    expect(runnerCodeWord(['yarn', 'workspaces', 'foreach', '-A', 'run', 'exec'], 0)).toBeUndefined();
    expect(runnerCodeWord(['yarn', 'workspaces', 'foreach', '--include', 'exec', 'build'], 0)).toBeUndefined();
    expect(commandsRunBy('yarn', ['dlx', 'tsc'])).toBeUndefined();
  });
  test('tfcmt without "--": its first operand after plan or apply and the flags (those of a value skipping it)', () => {
    expect(runnerCommands(['tfcmt', 'plan', 'sh', '-c', 'x'], 0)).toEqual([2]);
    expect(runnerCommands(['tfcmt', '-owner', 'o', '--var=a:b', 'apply', '--output', 'out.txt', 'terraform', 'apply'], 0)).toEqual([7]);
    expect(runnerCommands(['tfcmt', 'version'], 0)).toEqual([]);
    expect(runnerCommands(['tfcmt', 'plan', '-patch'], 0)).toEqual([]);
  });
  test('none: npx\'s -c (--call), another sub-command, no operand, another program', () => {
    expect(runnerCommands(['npx', '-c', 'make', 'sh'], 0)).toEqual([]);
    expect(runnerCommands(['npm', 'exec', '--call=make'], 0)).toEqual([]);
    expect(runnerCommands(['npm', 'install', 'sh'], 0)).toEqual([]);
    expect(runnerCommands(['uv', 'run', '--frozen'], 0)).toEqual([]);
    expect(runnerCommands(['make', 'sh'], 0)).toEqual([]);
  });
  test('npm\'s own options: its boolean settings and shorthands take no value (npx\'s -p is --package, npm\'s --parseable)', () => {
    expect(runnerCommands(['npx', '--prefer-dedupe', 'sh', '-c', 'x'], 0)).toEqual([2]);
    expect(runnerCommands(['npx', '-q', '--legacy-peer-deps', '-P', 'sh'], 0)).toEqual([4]);
    expect(runnerCommands(['npx', '-p', 'cowsay', 'sh'], 0)).toEqual([3]);
    expect(runnerCommands(['npm', 'exec', '-p', 'sh'], 0)).toEqual([3]);
    expect(runnerCommands(['npx', '--reg', 'https://r', '-C', '/src', 'sh'], 0)).toEqual([5]);
  });
  test('commandsRunBy: the code of npx\'s and npm exec\'s -c (--call), run with the script shell; none beside a command', () => {
    expect(commandsRunBy('npx', ['-c', 'make test'])).toEqual([['sh', '-c', 'make test']]);
    expect(commandsRunBy('/usr/bin/npx', ['--yes', '-p', 'cowsay', '--call=cowsay hi'])).toEqual([['sh', '-c', 'cowsay hi']]);
    expect(commandsRunBy('npx', ['--shell', 'bash', '-c', 'x'])).toEqual([['bash', '-c', 'x']]);
    expect(commandsRunBy('npm', ['exec', '--script-shell=/bin/zsh', '-c', 'x', '--'])).toEqual([['/bin/zsh', '-c', 'x']]);
    // npm reads its options before its command too, and the last value given
    expect(commandsRunBy('npm', ['-y', 'x', '-c', 'a', '--call', 'b'])).toEqual([['sh', '-c', 'b']]);
    // beside a command npm refuses -c; npm's other commands run none; npx's -c after its first operand is that command's
    expect(commandsRunBy('npx', ['-c', 'x', 'eslint'])).toBeUndefined();
    expect(commandsRunBy('npx', ['-c', 'x', '--', 'eslint'])).toBeUndefined();
    expect(commandsRunBy('npm', ['exec', 'eslint', '-c', 'x'])).toBeUndefined();
    expect(commandsRunBy('npm', ['run', '-c', 'x'])).toBeUndefined();
    expect(commandsRunBy('npx', ['eslint', '-c', 'x'])).toBeUndefined();
    expect(commandsRunBy('npx', ['--yes'])).toBeUndefined();
  });
  test('one reading of npx\'s and npm\'s options gives both: the command, or the code of -c (neither where both are given)', () => {
    // npm reads its options before `exec` too: the command after them, or the code of -c
    expect(runnerCommands(['npm', '--yes', '--prefix', '/src', 'exec', 'sh', '-c', 'x'], 0)).toEqual([5]);
    expect(commandsRunBy('npm', ['--yes', '--prefix', '/src', 'exec', 'sh', '-c', 'x'])).toBeUndefined();
    expect(runnerCommands(['npm', '--yes', 'install', 'sh'], 0)).toEqual([]);
    // -c beside a command after "--": npm refuses both
    expect(runnerCommands(['npx', '-c', 'x', '--', 'eslint'], 0)).toEqual([]);
    expect(commandsRunBy('npx', ['-c', 'x', '--', 'eslint'])).toBeUndefined();
    // an option not known read both ways: the word after it the command, or its value with -c's code after it
    expect(runnerCommands(['npx', '--foo', 'bar', '-c', 'x'], 0)).toEqual([2]);
    expect(commandsRunBy('npx', ['--foo', 'bar', '-c', 'x'])).toEqual([['sh', '-c', 'x']]);
  });
  test('invocations reads the command as a program the argv may run too, after the runner, through its wrappers', () => {
    const runs = invocations(['timeout', '5m', 'npx', '--', 'env', 'X=1', 'sh', '-c', 'x']);
    expect(runs.map((r) => [r.program, r.programIndex, r.commandAt, r.interpreter])).toEqual([['npx', 2, undefined, false], ['sh', 6, 4, true]]);
    expect(runs[1].assignments).toEqual([{ index: 5, name: 'X', value: '1' }]);
    expect(invocation(['npx', '--', 'sh']).program).toBe('npx');
    expect(invocations(['uv', 'run', 'npx', 'bash', '-c', 'x']).map((r) => r.program)).toEqual(['uv', 'npx', 'bash']);
  });
});

describe('shellFromEnv: runners that run the program SHELL names', () => {
  test('su and runuser keeping the environment without -s, outside login mode; flock -c; script', () => {
    expect(shellFromEnv('su', ['-m', 'root', '-c', 'make'])).toBe('su runs as its shell, keeping the environment (-m, -p) without -s');
    expect(shellFromEnv('/sbin/runuser', ['builder', '--preserve-environment'])).toBe('runuser runs as its shell, keeping the environment (-m, -p) without -s');
    expect(shellFromEnv('flock', ['/tmp/l', '-c', 'make'])).toBe('flock runs as the shell of its -c code');
    expect(shellFromEnv('flock', ['-c', 'make', '/tmp/l'])).toBe('flock runs as the shell of its -c code');
    expect(shellFromEnv('script', ['-qc', 'make', '/dev/null'])).toBe('script runs as its shell');
  });
  test('none: -s, a login, runuser -u with a command, flock running a command, su without -m, another program', () => {
    expect(shellFromEnv('su', ['-m', '--shell=/bin/sh', 'root'])).toBeUndefined();
    expect(shellFromEnv('su', ['-', '-m', 'root'])).toBeUndefined();
    expect(shellFromEnv('su', ['--login', '-p', 'root'])).toBeUndefined();
    expect(shellFromEnv('runuser', ['-m', '-u', 'builder', 'make'])).toBeUndefined();
    expect(shellFromEnv('runuser', ['-m', '-u', 'builder', '-c', 'make'])).toBeUndefined();
    expect(shellFromEnv('su', ['-m', '-u', 'builder'])).toBeUndefined();
    expect(shellFromEnv('flock', ['/tmp/l', 'make'])).toBeUndefined();
    expect(shellFromEnv('su', ['root', '-c', 'make'])).toBeUndefined();
    // sudo -i runs the target user's login shell; sudo and doas without -s the command itself; doas -s beside a command runs nothing
    expect(shellFromEnv('sudo', ['-i'])).toBeUndefined();
    expect(shellFromEnv('sudo', ['make'])).toBeUndefined();
    expect(shellFromEnv('doas', ['-s', 'make'])).toBeUndefined();
    expect(shellFromEnv('make', ['-s'])).toBeUndefined();
  });
  test('sudo -s (sudo 1.9: $SHELL, else the user\'s), with or without a command, and doas -s (doas.c: getenv("SHELL"))', () => {
    expect(shellFromEnv('sudo', ['-s'])).toBe('sudo runs as its shell (-s)');
    expect(shellFromEnv('/usr/bin/sudo', ['-u', 'b', '--shell', 'make'])).toBe('sudo runs as its shell (-s)');
    expect(shellFromEnv('doas', ['-s'])).toBe('doas runs as its shell (-s)');
  });
});

test("xargsCommandIndex: past xargs' options and the values they take (-e, -l, --eof and --max-lines take theirs only glued, GNU findutils 4.9)", () => {
  // echo a | xargs -e echo X prints "X a": -e takes no next word
  expect(xargsCommandIndex(['-e', 'echo', 'X'])).toBe(1);
  expect(xargsCommandIndex(['--eof', '-l', '--max-lines', 'sh', '-c', 'x'])).toBe(3);
  expect(xargsCommandIndex(['-E', 'END', '-I', '{}', '-n', '1', 'cp', '{}', '/w'])).toBe(6);
  expect(xargsCommandIndex(['-eEND', '-0', '-r', 'rm'])).toBe(3);
});

test("xargsOptions: grouped short options as getopt reads them, the replace string, -- and '-' (GNU findutils 4.9)", () => {
  // a group's last valued letter takes the next word (ls | xargs -rI {} sh -c CODE runs sh)
  expect(xargsOptions(['-rI', '{}', 'sh', '-c', 'x'])).toEqual({ commandIndex: 2, replace: '{}' });
  expect(xargsOptions(['-0n', '1', 'cp'])).toEqual({ commandIndex: 2 });
  // a valued letter inside a group takes the rest of it
  expect(xargsOptions(['-0I{}', 'cp', '{}', '/d'])).toEqual({ commandIndex: 1, replace: '{}' });
  expect(xargsOptions(['-tiR', 'cp', 'R', '/d'])).toEqual({ commandIndex: 1, replace: 'R' });
  expect(xargsOptions(['-i', 'cp', '{}', '/d'])).toEqual({ commandIndex: 1, replace: '{}' });
  expect(xargsOptions(['--replace=@', '--max-args', '2', 'cp'])).toEqual({ commandIndex: 3, replace: '@' });
  // -- ends the options: the next word is the command, whatever it starts with; '-' alone is a command
  expect(xargsOptions(['-r', '--', '-cmd'])).toEqual({ commandIndex: 2 });
  expect(xargsOptions(['-r', '-'])).toEqual({ commandIndex: 1 });
  expect(xargsOptions(['-r', '-I'])).toEqual({ commandIndex: 2 });
});

test('codeArgvData: the arguments python -c, node -e, perl -e and ruby -e give their code as data, the evaluator the code names, a switch or option that reads them', () => {
  const starts = (text: string) => text.startsWith('$(');
  const caller = (text: string) => text.includes('$(params.');
  // (the code's index as codeArguments gives it)
  const read = (argv: string[], code: number[]) => codeArgvData(argv, invocation(argv)!, code, starts, caller);
  // every argument after python's -c CODE, options too (CPython 3.11 run here: sys.argv ['-c', 'a', '-c', 'X', '--foo'])
  expect(read(['python3', '-c', 'import sys; print(sys.argv)', '-c', '$(params.x)'], [2])).toEqual({ indexes: [3, 4], reads: 'sys.argv' });
  expect(read(['python3', '-c', 'import os, sys; os.system(sys.argv[1])', 'a'], [2])).toEqual({ indexes: [3], reads: 'sys.argv', evaluator: 'system' });
  // node, perl and ruby from their first operand, or after --; none where an option or a caller's value stands there
  expect(read(['node', '-e', 'console.log(process.argv)', 'a', '$(params.x)'], [2])).toEqual({ indexes: [3, 4], reads: 'process.argv' });
  expect(read(['node', '-e', 'console.log(process.argv)', '--', '$(params.x)'], [2])).toEqual({ indexes: [4], reads: 'process.argv' });
  expect(read(['node', '-e', 'console.log(process.argv)', '$(params.x)'], [2])).toEqual({ indexes: [3], reads: 'process.argv', option: true });
  expect(read(['ruby', '-e', 'p ARGV', '-r', 'x', 'a'], [2])).toEqual({ indexes: [3, 4, 5], reads: 'ARGV', option: true });
  expect(read(['perl', '-le', 'print @ARGV', 'a'], [2])).toEqual({ indexes: [3], reads: '@ARGV' });
  // perl's -n, -p, -a and -F (up to a letter whose value is the rest of its word: -Mstrict none), and -s
  expect(read(['perl', '-ne', 'print', 'a'], [2])).toEqual({ indexes: [3], reads: '@ARGV', switch: '-ne' });
  expect(read(['perl', '-F:', '-e', 'print', 'a'], [3])).toEqual({ indexes: [4], reads: '@ARGV', switch: '-F:' });
  expect(read(['perl', '-s', '-e', 'print', 'a'], [3])).toEqual({ indexes: [4], reads: '@ARGV', switch: '-s' });
  expect(read(['perl', '-Mstrict', '-e', 'print $ARGV[0]', 'a'], [3])).toEqual({ indexes: [4], reads: '@ARGV' });
  // a caller's value in the code or before it, another interpreter
  expect(read(['python3', '-c', 'print("$(params.y)")', 'a'], [2])).toBeUndefined();
  expect(read(['lua', '-e', 'print(1)', 'a'], [2])).toBeUndefined();
});

describe('basename', () => {
  test('the name after the last `/`; PowerShell\'s and cmd\'s as Windows finds them (any case, `.exe`, after a `\\`)', () => {
    expect(basename('/usr/bin/python3')).toBe('python3');
    expect(basename('pwsh')).toBe('pwsh');
    for (const [program, name] of [['powershell.exe', 'powershell'], ['PowerShell.EXE', 'powershell'], ['C:\\Program Files\\PowerShell\\7\\pwsh.exe', 'pwsh'],
      ['pwsh-preview.exe', 'pwsh-preview'], ['cmd.exe', 'cmd'], ['CMD', 'cmd'], ['C:\\Windows\\System32\\cmd.exe', 'cmd']]) {
      expect([program, basename(program)]).toEqual([program, name]);
    }
    // (other names as written: a `\` or `.exe` in another program's name is its own)
    expect(basename('python3.exe')).toBe('python3.exe');
    expect(basename('/opt/a\\b')).toBe('a\\b');
    expect(basename('cmd.exe.bak')).toBe('cmd.exe.bak');
  });
});
