import { COPY_PROGRAMS, copyOperands, cpioWrites, ddFiles, ddOperands, findCommands, tarCreates, xargsCommand, zipCreates } from '../../src/private/copy-operands';

const read = (line: string) => {
  const [program, ...args] = line.split(' ');
  const o = copyOperands(program, args);
  return o === undefined ? undefined : [o.sources, o.destination, o.targetDirectory, o.noTargetDirectory];
};

describe('copyOperands', () => {
  test('the programs read', () => {
    expect([...COPY_PROGRAMS].sort()).toEqual(['cp', 'install', 'ln', 'mv', 'rsync']);
    expect(copyOperands('tar', ['a', 'b'])).toBeUndefined();
    expect(copyOperands('toString', ['a', 'b'])).toBeUndefined();
  });

  test.each([
    // the last operand is the destination
    ['cp a b c /d', [['a', 'b', 'c'], '/d', false, false]],
    ['cp -r a /d/', [['a'], '/d/', false, false]],
    // -t and --target-directory, glued, grouped, abbreviated, after the operands (GNU permutes)
    ['cp -t /d a b', [['a', 'b'], '/d', true, false]],
    ['cp -rt /d a', [['a'], '/d', true, false]],
    ['cp -t/d a', [['a'], '/d', true, false]],
    ['cp -vt/d a', [['a'], '/d', true, false]],
    ['cp --target-directory=/d a', [['a'], '/d', true, false]],
    ['cp --target-directory /d a', [['a'], '/d', true, false]],
    ['cp --target /d a', [['a'], '/d', true, false]],
    ['cp a b -t /d', [['a', 'b'], '/d', true, false]],
    // -S and --suffix take a value (the next word too where --suffix is written alone); --backup's only after =
    ['cp -S .bak a b', [['a'], 'b', false, false]],
    ['cp -bS.bak a b', [['a'], 'b', false, false]],
    ['cp --suffix .bak a b', [['a'], 'b', false, false]],
    ['cp --backup a b', [['a'], 'b', false, false]],
    ['cp --backup=numbered a b', [['a'], 'b', false, false]],
    ['cp --sparse always a b', [['a'], 'b', false, false]],
    ['cp --preserve a b', [['a'], 'b', false, false]],
    // -T: the destination is the copy itself
    ['cp -T a b', [['a'], 'b', false, true]],
    ['mv --no-target-directory a b', [['a'], 'b', false, true]],
    // -- ends the options; - alone is an operand
    ['cp -- -t b', [['-t'], 'b', false, false]],
    ['cp - b', [['-'], 'b', false, false]],
    // install's -m, -o, -g take a value; -d creates directories, copying nothing
    ['install -m 644 a /d/b', [['a'], '/d/b', false, false]],
    ['install -o root -g root -m0755 a /usr/local/bin/', [['a'], '/usr/local/bin/', false, false]],
    ['install --mode 600 a b', [['a'], 'b', false, false]],
    ['install --mode=600 --owner 0 a b', [['a'], 'b', false, false]],
    ['install -Dm644 a /d/b', [['a'], '/d/b', false, false]],
    ['install -d /d /e', [[], undefined, false, false]],
    ['install -m 700 -d /d', [[], undefined, false, false]],
    ['install --dir /d', [[], undefined, false, false]],
    // ln
    ['ln -sf /a /b', [['/a'], '/b', false, false]],
    ['ln -st /d /a', [['/a'], '/d', true, false]],
    // mv's -Z takes nothing, --context neither
    ['mv -Z a b', [['a'], 'b', false, false]],
    // rsync: its -t keeps times, -T is --temp-dir; -e, --exclude … take a value
    ['rsync -avt a /d', [['a'], '/d', false, false]],
    ['rsync -T /tmp a /d', [['a'], '/d', false, false]],
    ['rsync -e ssh a host:/d', [['a'], 'host:/d', false, false]],
    ['rsync -essh a host:/d', [['a'], 'host:/d', false, false]],
    ['rsync -ae ssh a host:/d', [['a'], 'host:/d', false, false]],
    ['rsync --exclude .git -a a/ /d', [['a/'], '/d', false, false]],
    ['rsync --exclude=.git --chmod u+rw a /d', [['a'], '/d', false, false]],
    ['rsync --exclude-from list a /d', [['a'], '/d', false, false]],
    // (an abbreviation is getopt's, not popt's; an ambiguous one is no option of a value)
    ['cp --s .bak a b', [['.bak', 'a'], 'b', false, false]],
    ['cp --su .bak a b', [['a'], 'b', false, false]],
    ['rsync -f -_.git a /d', [['a'], '/d', false, false]],
    // no operand
    ['cp -r', [[], undefined, false, false]],
  ])('%s', (line, expected) => {
    expect(read(line)).toEqual(expected);
  });
});

describe('copyOperands symbolic', () => {
  test('ln -s makes symbolic links, whose relative source names a file of the link\'s directory unless -r (--relative) names it from the working directory; a hard link is none (coreutils 9.1 run)', () => {
    const symbolic = (line: string) => copyOperands('ln', line.split(' '))?.symbolic ?? false;
    const relative = (line: string) => copyOperands('ln', line.split(' '))?.relative ?? false;
    expect(['-s d.rc /h/.wgetrc', '-sf d.rc /h', '--symbolic d.rc /h', '--sym d.rc /h', '-fs -t /h d.rc', '-sr d.rc /h', '-s --relative d.rc /h'].map(symbolic))
      .toEqual([true, true, true, true, true, true, true]);
    expect(['-s d.rc /h/.wgetrc', '-sr d.rc /h', '-s --relative d.rc /h', '-rs d.rc /h', '--rel -s d.rc /h'].map(relative)).toEqual([false, true, true, true, true]);
    expect(['d.rc /h', '-f d.rc /h', '-r d.rc /h'].map(symbolic)).toEqual([false, false, false]);
    expect(copyOperands('cp', ['-s', 'a', 'b'])?.symbolic).toBeUndefined();
  });
});

describe('copyOperands followsLinks', () => {
  test('cp copies what a symbolic link operand points to unless recursive, as the last of -L, -H, -P, -d, -a says; install always (coreutils 9.1 run on a Secret volume\'s token -> ..data/token)', () => {
    const follows = (program: string, line: string) => copyOperands(program, line.split(' '))?.followsLinks;
    expect(['/v/token d/', '-f /v/token d/', '-rL /v/token d/', '-aL /v/token d/', '-H -r /v/token d/', '--dereference -r /v/token d/', '-rl /v/token d/', '-rs /v/token d/',
      '-P -L /v/token d/'].map((l) => follows('cp', l))).toEqual([true, true, true, true, true, true, true, true, true]);
    expect(['-r /v/token d/', '-a /v/token d/', '-La /v/token d/', '-P /v/token d/', '-d /v/token d/', '--no-dereference /v/token d/', '--archive /v/token d/', '-R /v/token d/']
      .map((l) => follows('cp', l))).toEqual([false, false, false, false, false, false, false, false]);
    expect([follows('install', '-m 0600 /v/token d/'), follows('ln', '-s /v/token d/'), follows('mv', '/v/token d/')]).toEqual([true, undefined, undefined]);
  });
});

describe('ddOperands', () => {
  test('if= into of=, the last of each (coreutils 9, checked: `dd if=a if=b of=o` copies b); none where either is not given', () => {
    expect(ddOperands(['if=/s/x', 'of=/w/y', 'bs=1M', 'status=none'])).toEqual({ sources: ['/s/x'], destination: '/w/y', targetDirectory: false, noTargetDirectory: true, operands: ['/s/x', '/w/y'], recursive: false });
    expect(ddOperands(['if=/s/a', 'if=/s/b', 'of=/w/y'])?.sources).toEqual(['/s/b']);
    expect(ddOperands(['if=/s/x'])).toBeUndefined();
    expect(ddOperands(['of=/w/y'])).toBeUndefined();
  });

  test('ddFiles: each side alone, the last of each (what SCRIPT_INJECTION, repository code and persisted credentials read)', () => {
    expect(ddFiles(['of=/tmp/a', 'bs=1', 'of=/tmp/g'])).toEqual({ output: '/tmp/g' });
    expect(ddFiles(['if=/s/x'])).toEqual({ input: '/s/x' });
    expect(ddFiles(['status=none'])).toEqual({});
  });
});

describe('recursive copies and the archivers', () => {
  test('recursive: cp -r, -R, -a, --recursive, --archive (an abbreviation too), mv, rsync -r, -a, --files-from; not cp alone, install, dd', () => {
    const recursive = (program: string, args: string[]) => copyOperands(program, args)?.recursive;
    expect(['-r', '-R', '-a', '-pR', '--recursive', '--rec', '--archive'].map((o) => recursive('cp', [o, '/s', 'd']))).toEqual([true, true, true, true, true, true, true]);
    expect(recursive('mv', ['/s', 'd'])).toBe(true);
    expect(['-r', '-az', '--recursive', '--archive', '--files-from=l', '--files-from'].map((o) => recursive('rsync', [o, 'l', '/', 'd']))).toEqual([true, true, true, true, true, true]);
    expect([recursive('cp', ['-p', '/s', 'd']), recursive('install', ['/s', 'd']), ddOperands(['if=/s', 'of=d'])?.recursive]).toEqual([false, false, false]);
  });

  test('tar: what it creates an archive of and where (GNU tar 1.34 old-style letters, dash groups, long options, -C); none where it extracts', () => {
    expect(tarCreates(['czf', 'out.tgz', 'dir'])).toEqual({ sources: ['dir'], archive: 'out.tgz' });
    expect(tarCreates(['-c', '-f', 'a.tar', '-C', '/s', '.'])).toEqual({ sources: ['.'], directory: '/s', archive: 'a.tar' });
    expect(tarCreates(['--create', '--file=a.tar', '--directory', '/s', 'x'])).toEqual({ sources: ['x'], directory: '/s', archive: 'a.tar' });
    expect(tarCreates(['-czfa.tgz', '/s'])).toEqual({ sources: ['/s'], archive: 'a.tgz' });
    expect(tarCreates(['c', '/s'])).toEqual({ sources: ['/s'] });
    expect(tarCreates(['xf', 'a.tar', '-C', '/d'])).toBeUndefined();
  });

  test('zip: its archive, then what it takes, recursive with -r; cpio -o and -p; xargs\'s command and replace-string; find\'s start points and -exec commands', () => {
    expect(zipCreates(['-qr', 'a.zip', '/s'])).toEqual({ archive: 'a.zip', sources: ['/s'], recursive: true });
    expect(zipCreates(['-P', 'pw', '-', 'f'])).toEqual({ archive: '-', sources: ['f'], recursive: false });
    expect(cpioWrites(['-o'])).toEqual({});
    expect(cpioWrites(['-ov', '-F', 'a.cpio'])).toEqual({ archive: 'a.cpio' });
    expect(cpioWrites(['-pdm', '/d'])).toEqual({ directory: '/d' });
    expect(cpioWrites(['-i'])).toBeUndefined();
    expect(xargsCommand(['-r', '-n', '1', 'cp', '-t', 'd'])).toEqual({ command: ['cp', '-t', 'd'] });
    expect(xargsCommand(['-I', '%', 'cp', '%', 'd'])).toEqual({ command: ['cp', '%', 'd'], replace: '%' });
    expect(xargsCommand(['-i', 'cp', '{}', 'd'])).toEqual({ command: ['cp', '{}', 'd'], replace: '{}' });
    expect(xargsCommand(['--replace=@', 'cp', '@', 'd'])).toEqual({ command: ['cp', '@', 'd'], replace: '@' });
    expect(xargsCommand(['-0'])).toBeUndefined();
    // (past the options as argv.ts' xargsCommandIndex reads them: `-I{}` glued, `--max-lines` and `-e` take a value only glued)
    expect(xargsCommand(['-I{}', '-n', '1', 'cp', '{}', 'd'])).toEqual({ command: ['cp', '{}', 'd'], replace: '{}' });
    expect(xargsCommand(['--max-lines', 'cp', '-t', 'd'])).toEqual({ command: ['cp', '-t', 'd'] });
    expect(xargsCommand(['--eof', '-e', 'cp', 'a', 'd'])).toEqual({ command: ['cp', 'a', 'd'] });
    expect(xargsCommand(['-IX', '--replace', 'cp', '{}', 'd'])).toEqual({ command: ['cp', '{}', 'd'], replace: '{}' });
    expect(findCommands(['-L', '/s', '/t', '-type', 'f', '-exec', 'cp', '{}', 'd', ';', '-execdir', 'cat', '{}', '+'])).toEqual({
      starts: ['/s', '/t'], commands: [['cp', '{}', 'd'], ['cat', '{}']],
    });
    expect(findCommands(['-name', 'x'])).toEqual({ starts: ['.'], commands: [] });
  });
});
