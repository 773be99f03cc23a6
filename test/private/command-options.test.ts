import { runnerPackageOption } from '../../src/private/command-options';

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
