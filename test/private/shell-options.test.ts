import { INTERACTIVE_SHEBANG } from '../../src/private/argv';
import { readShellOptions } from '../../src/private/shell-options';

describe('readShellOptions: as bash 5.2 and dash 0.5.12 read the arguments after their name', () => {
  // each case as run here with PS1='$(touch p)', PROMPT_COMMAND='touch p' or ENV naming a file that runs `touch p`
  test.each<[string[], boolean, boolean]>([
    // every option group up to the first operand, not only the first
    [['-e', '-i'], true, true],
    [['-i', '-e'], true, true],
    [['--norc', '-i'], true, true],
    [['--norc', '-e', '-i'], true, true],
    [['+e', '-i'], true, true],
    [['-x', '-l', '-i'], true, true],
    // the value of -o, -O (in a group too), --rcfile and --init-file is no option
    [['-o', 'errexit', '-i'], true, true],
    [['-eo', 'errexit', '-i'], true, true],
    [['-oi', 'errexit'], true, true],
    [['-O', 'extglob', '-i'], true, true],
    [['--rcfile', '/dev/null', '-i'], true, true],
    [['--init-file', '/dev/null', '-i'], true, true],
    // -s reads the input, its operands being the positional parameters; `--` and `-` end the options
    [['-i', '-s', 'a'], true, true],
    [['-s', '-i', 'a'], true, true],
    [['-i', '-'], true, true],
    [['-i', '--'], true, true],
    // a script file: interactive, but no prompt (bash); -c: code
    [['-i', '/dev/null'], true, false],
    [['-i', '--', '/dev/null'], true, false],
    [['-ei', 'build.sh'], true, false],
    [['-i', '-c', ':'], true, false],
    [['-c', '-i', ':'], true, false],
    // not interactive: `+i`, `-i` an operand past `--` or `-`, or the code's $0
    [['+i'], false, true],
    [['--', '-i'], false, false],
    [['-', '-i'], false, false],
    [['-e', '--', '-i'], false, false],
    [['-c', ':', '-i'], false, false],
    [['--i'], false, true],
    // bash reads `-NAME` naming a long option of its as `--NAME` (shell.c parse_long_options): no group's letters
    [['-norc', '-i'], true, true],
    [['-rcfile', '/dev/null', '-i'], true, true],
    [['-init-file', '/dev/null', '-i'], true, true],
    [['-restricted', '-i'], true, true],
    [['-verbose', '-i'], true, true],
    [['-wordexp', '-i'], true, true],
    [['-login'], false, true],
    // `-o interactive` (dash 0.5.12, mksh, ksh93 as run) and ksh93's `--interactive`; `+o interactive` is not
    [['-o', 'interactive'], true, true],
    [['-eo', 'interactive', '-c', ':'], true, false],
    [['--interactive'], true, true],
    [['+o', 'interactive'], false, true],
    // `+c` gives code as `-c` does; bash's `+s` reads the input
    [['-i', '+c', ':'], true, false],
    [['+ic', ':'], false, false],
    [['-i', '+s', 'a'], true, true],
    [['-login', 'build.sh'], false, false],
  ])('%j: interactive %s, prompts %s', (after, interactive, prompts) => {
    const read = readShellOptions(after);
    expect([read.interactive, read.prompts]).toEqual([interactive, prompts]);
  });

  test('the operand, the code and the input, and bash\'s posix mode', () => {
    expect(readShellOptions(['-eo', 'pipefail', '-c', 'make', 'name'])).toMatchObject({ code: true, operand: 3, options: ['-eo', '-c'], values: ['pipefail'] });
    expect(readShellOptions(['-o', 'posix', '-i'])).toMatchObject({ posix: true, interactive: true });
    expect(readShellOptions(['--posix'])).toMatchObject({ posix: true, interactive: false });
    expect(readShellOptions(['-is', 'a', 'b'])).toMatchObject({ reads: true, operand: 1, file: false });
    expect(readShellOptions(['-', 'x'])).toMatchObject({ operand: 1, file: true });
    expect(readShellOptions([])).toMatchObject({ operand: 0, file: false, prompts: true, interactive: false });
  });

  // each as run with bash 5.2 and dash 0.5.12: `bash +c 'echo hi'` prints hi; `bash +s a` reads its input, dash runs the file `a`;
  // `bash +l -c :` and `dash +l -c :` source the profile; `+i`, `+p` and `+o NAME` unset what `-` sets
  test('a group of `+` holding c gives code, s reads the input (bash) or not (dash), l makes a login shell', () => {
    expect(readShellOptions(['+c', 'echo "$1"', '_', 'x'])).toMatchObject({ code: true, operand: 1, file: false, prompts: false, options: ['+c'] });
    expect(readShellOptions(['-e', '+c', 'make'])).toMatchObject({ code: true, operand: 2 });
    expect(readShellOptions(['+ec', 'make'])).toMatchObject({ code: true, operand: 1 });
    expect(readShellOptions(['+o', 'errexit', '+c', 'make'])).toMatchObject({ code: true, operand: 3, values: ['errexit'] });
    expect(readShellOptions(['+s', 'a'])).toMatchObject({ code: false, reads: true, file: true, prompts: true, operand: 1 });
    expect(readShellOptions(['-i', '+s', 'a'])).toMatchObject({ interactive: true, reads: true, file: true, prompts: true });
    expect(readShellOptions(['+s', '-s', 'a'])).toMatchObject({ reads: true, file: false, prompts: true });
    expect(readShellOptions(['-s', '+s', 'a'])).toMatchObject({ reads: true, file: true });
    expect(readShellOptions(['+l', '-c', 'make'])).toMatchObject({ login: true, code: true });
    expect(readShellOptions(['+el'])).toMatchObject({ login: true });
    expect(readShellOptions(['+i', '-s'])).toMatchObject({ interactive: false, reads: true });
    expect(readShellOptions(['+p', '-i'])).toMatchObject({ privileged: false, interactive: true });
    expect(readShellOptions(['+o', 'privileged', '+o', 'posix', '-i'])).toMatchObject({ privileged: false, posix: false, interactive: true, values: ['privileged', 'posix'] });
    expect(readShellOptions(['build.sh', '+c', 'make'])).toMatchObject({ code: false, file: true, operand: 0 });
  });

  test('bash\'s long options with one dash: posix mode, a login shell, no rc file, the rc file named', () => {
    expect(readShellOptions(['-posix', '-i'])).toMatchObject({ posix: true, interactive: true, privileged: false });
    expect(readShellOptions(['-login', '-c', 'make'])).toMatchObject({ login: true, interactive: false, code: true, operand: 2 });
    expect(readShellOptions(['-l'])).toMatchObject({ login: true });
    expect(readShellOptions(['-norc', '-i'])).toMatchObject({ norc: true, code: false, values: [] });
    expect(readShellOptions(['-rcfile', 'ci.sh', '-i', '-c', 'true'])).toMatchObject({ rcfile: { option: '-rcfile', file: 'ci.sh' }, code: true, interactive: true, operand: 4 });
    expect(readShellOptions(['--init-file', 'ci.sh', '-i'])).toMatchObject({ rcfile: { option: '--init-file', file: 'ci.sh' } });
    // (`-o rc`: dash and bash refuse the name)
    expect(readShellOptions(['-e', '-norc'])).toMatchObject({ norc: true });
  });
});

describe('INTERACTIVE_SHEBANG', () => {
  test.each<[string, boolean]>([
    ['#!/bin/sh -i\necho', true],
    ['#!/bin/dash -ei', true],
    // the kernel passes `-e -i` as one argument, which dash refuses
    ['#!/bin/sh -e -i\necho', false],
    // env -S splits it (GNU coreutils env.c): every option group, assignments before the shell
    ['#!/usr/bin/env -S sh -i\necho', true],
    ['#!/usr/bin/env -Ssh -i\necho', true],
    ['#!/usr/bin/env -S sh -e -i\necho', true],
    ['#!/usr/bin/env -S sh -o errexit -i\necho', true],
    ['#!/usr/bin/env -S LC_ALL=C sh -i -s\necho', true],
    // the -i of `-o -i` is -o's value; env without -S passes `sh -i` as one program name; bash reads the file with no prompt
    ['#!/usr/bin/env -S sh -o -i\necho', false],
    ['#!/usr/bin/env sh -i\necho', false],
    ['#!/usr/bin/env -S bash -i\necho', false],
    ['#!/bin/sh\n-i', false],
  ])('%j: %s', (script, interactive) => {
    expect(new RegExp(INTERACTIVE_SHEBANG).test(script)).toBe(interactive);
  });
});
