import { dashesOptionOf, runnerPackageOption, tableOptionOf } from '../../src/private/command-options';

const RUNS = 'names the package it installs and runs a program of (any package of the registry, a git repository or an archive URL)';

describe('runnerPackageOption: a package runner\'s option that names the package it runs a program of', () => {
  test('the option in the word before or glued with =, as written, with the runner\'s name', () => {
    expect(runnerPackageOption('npx', ['npx', '-p', '$X', 'tool'], 2, 0, 0)).toEqual({ name: '-p', runs: RUNS, program: 'npx' });
    expect(runnerPackageOption('/usr/bin/bunx', ['/usr/bin/bunx', '--package=$X', 'tool'], 1, 10, 0)).toEqual({ name: '--package', runs: RUNS, program: 'bunx' });
    expect(runnerPackageOption('uvx', ['uvx', '--from', '$X', 'ruff'], 2, 0, 0)).toEqual({ name: '--from', runs: RUNS, program: 'uvx' });
  });

  test('not npm\'s code options (-c, --call), another program\'s options, nor a word no option takes', () => {
    expect(runnerPackageOption('npx', ['npx', '-c', '$X'], 2, 0, 0)).toBeUndefined();
    expect(runnerPackageOption('npm', ['npm', 'exec', '--call=$X'], 2, 7, 0)).toBeUndefined();
    expect(runnerPackageOption('git', ['git', '-c', '$X', 'fetch'], 2, 0, 0)).toBeUndefined();
    expect(runnerPackageOption('npx', ['npx', 'tool', '$X'], 2, 0, 0)).toBeUndefined();
    expect(runnerPackageOption(undefined, ['$X'], 0, 0, -1)).toBeUndefined();
  });
});

// GNU tar 1.34, coreutils 9.1, grep 3.8, rsync 3.5, git 2.39 run here: `prog -L -- --bogus` refuses --bogus as an option exactly for
// the letters listed (tar -xf -- --help prints the help; tar -C -xf -- --help reads --help as a file)
describe('dashesOptionOf: the short option of a known program that takes a "--" as its value', () => {
  const at = (argv: string[]) => dashesOptionOf(argv, 0, argv.indexOf('--'));
  test('the last letter of a group that takes a value, tar\'s traditional letters in turn, a git sub-command\'s, a group holding a substitution', () => {
    expect(at(['tar', '-xf', '--', 'x'])).toEqual({ word: '-xf', option: '-f' });
    expect(at(['/bin/tar', '-v', '-czf', '--', 'x'])).toEqual({ word: '-czf', option: '-f' });
    expect(at(['tar', 'xfC', 'a.tar', '--', 'x'])).toEqual({ word: 'xfC', option: '-C' });
    expect(at(['cp', '-at', '--', 'x'])).toEqual({ word: '-at', option: '-t' });
    expect(at(['grep', '-rne', '--', 'x'])).toEqual({ word: '-rne', option: '-e' });
    expect(at(['git', '-C', 'dir', 'rebase', '-X', '--', 'x'])).toEqual({ word: '-X', option: '-X' });
    expect(at(['tar', '-x$(params.o)', '--', 'x'])).toEqual({ word: '-x$(params.o)', option: '-x$(params.o)' });
    // a long option that takes a value, written whole (tar -x --file -- --help prints the help; grep --regexp -- --bogus, cp --target-directory
    // -- --bogus refuse --bogus as an option)
    expect(at(['tar', '-x', '--file', '--', 'x'])).toEqual({ word: '--file', option: '--file' });
    expect(at(['grep', '--regexp', '--', 'x'])).toEqual({ word: '--regexp', option: '--regexp' });
    expect(at(['cp', '--target-directory', '--', 'x'])).toEqual({ word: '--target-directory', option: '--target-directory' });
    // coreutils 9.1's install, chown, chgrp and gzip 1.12 (install -t -- --bogus: "unrecognized option '--bogus'")
    expect(at(['install', '-Dt', '--', 'x'])).toEqual({ word: '-Dt', option: '-t' });
    expect(at(['chown', '-R', '--reference', '--', 'x'])).toEqual({ word: '--reference', option: '--reference' });
    expect(at(['zcat', '-S', '--', 'x'])).toEqual({ word: '-S', option: '-S' });
    // git 2.39's fetch, push, commit, tag, worktree add, checkout --orphan (git <sub> -o -- --bogus: "unknown option `bogus'")
    expect(at(['git', 'fetch', '-qo', '--', 'x'])).toEqual({ word: '-qo', option: '-o' });
    expect(at(['git', 'worktree', 'add', '-b', '--', 'x'])).toEqual({ word: '-b', option: '-b' });
    expect(at(['git', 'checkout', '--orphan', '--', 'x'])).toEqual({ word: '--orphan', option: '--orphan' });
    expect(at(['git', 'tag', '-am', '--', 'x'])).toEqual({ word: '-am', option: '-m' });
  });
  test('none where the "--" ends the options, or for a program whose options are not listed', () => {
    for (const argv of [['tar', '-x', '-f', 'a.tar', '--', 'x'], ['tar', '-xfa.tar', '--', 'x'], ['tar', '-C', '-xf', '--', 'x'], ['tar', 'xf', 'a', '--', 'x'],
      ['tar', '--', '--', 'x'], ['rm', '-rf', '--', 'x'], ['ls', '-la', '--', 'x'], ['grep', '-rn', '--', 'x'], ['git', 'checkout', '-f', '--', 'x'],
      ['git', 'rebase', '-S', '--', 'x'], ['git', 'log', '-n', '--', 'x'], ['git', 'commit', '-S', '--', 'x'], ['install', '-D', '--', 'x'], ['chown', '-R', '--', 'x'], ['gzip', '-d9', '--', 'x'], ['git', 'tag', '-n', '--', 'x'],
      ['git', 'commit', '-m', 'msg', '--', 'x'], ['mytool', '-xf', '--', 'x'],
      // a long option that takes none, or its value optional (ls --color -- --bogus reads --bogus as a file), or given with "=", or one whose
      // value the group after it is (tar --directory -xf -- --help reads --help as a file)
      ['tar', '-x', '--sparse', '--', 'x'], ['ls', '--color', '--', 'x'], ['cp', '--preserve', '--', 'x'], ['tar', '-x', '--file=a.tar', '--', 'x'],
      ['tar', '--directory', '-xf', '--', 'x'], ['mytool', '--file', '--', 'x']]) {
      expect([argv, at(argv)]).toEqual([argv, undefined]);
    }
  });
});

// GNU tar 1.34 run here: `tar -xf -- -C --bogus` says "tar: --: Cannot open" (-C took --bogus), `tar -xf -- -v --bogus` refuses --bogus
describe('tableOptionOf: the option of a known program whose value a word is, whatever it holds', () => {
  const at = (argv: string[]) => tableOptionOf(argv, 0, argv.indexOf('x'));
  test('the option before it, after a "--" an option took as its value too', () => {
    expect(at(['tar', '-xf', '--', '-C', 'x'])).toEqual({ word: '-C', option: '-C' });
    expect(at(['tar', '-xf', '--', '--directory', 'x'])).toEqual({ word: '--directory', option: '--directory' });
    expect(at(['tar', '-C', 'x', '-xf', 'a.tar'])).toEqual({ word: '-C', option: '-C' });
    expect(at(['tar', '-xf', '--', '-$(params.o)', 'x'])).toEqual({ word: '-$(params.o)', option: '-$(params.o)' });
  });
  test('none for an operand, after a flag, after the "--" that ends the options, or for a program not listed', () => {
    for (const argv of [['tar', '-xf', '--', 'x'], ['tar', '-xf', '--', '-v', 'x'], ['tar', '-xf', '--', '-C', 'dir', 'x'], ['tar', '-x', '--', '-C', 'x'],
      ['mytool', '-C', 'x']]) {
      expect([argv, at(argv)]).toEqual([argv, undefined]);
    }
  });
});
