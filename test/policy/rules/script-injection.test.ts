import { describeRule, hardenedContainer, pipelineEmbedding, pipelineRunEmbedding, task, taskSpec } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { ruleContext } from '../../../src/policy/engine/context';
import { ARGUMENT_INJECTION } from '../../../src/policy/rules/argument-injection';
import { SCRIPT_INJECTION } from '../../../src/policy/rules/script-injection';

/** The finding for `substitution` pasted into `property`, with the env name the fix proposes. */
const pasted = (location: string, target: string, property: string, substitution: string, env: string, kind = 'Task', name = 'build', program?: string) => ({
  rule: RuleId.SCRIPT_INJECTION,
  kind,
  name,
  location,
  target,
  property,
  value: substitution,
  problem: program === undefined ? 'pastes a substitution into a script' : `pastes a substitution into the arguments of ${program}, which runs them as code`,
  // (a YAML single-quoted string: each ' doubled)
  fix: `Pass it through env instead: env: [{ name: '${env}', value: '${substitution.replace(/'/g, "''")}' }] and ${codeRead(program, env)}.`,
});

/** How the fix reads the env var in the code of an interpreter that is no shell (the X of pasted's tests). */
const CODE_READS: Record<string, string> = {
  'python3': 'read it in the code as os.environ["X"] (after import os), as data',
  '/usr/local/bin/node': 'read it in the code as process.env.X, as data',
  'node': 'read it in the code as process.env.X, as data',
  'ruby': 'read it in the code as ENV["X"], as data',
  'pwsh': 'read it in the code as $env:X, as data',
  'powershell': 'read it in the code as $env:X, as data',
  'powershell.exe': 'read it in the code as $env:X, as data',
  'PowerShell.EXE': 'read it in the code as $env:X, as data',
  'pwsh.exe': 'read it in the code as $env:X, as data',
  'C:\\Program Files\\PowerShell\\7\\pwsh.exe': 'read it in the code as $env:X, as data',
  'cmd.exe': 'read it in the code as !X! after cmd /v:on, which expands it once the line is parsed (not %X%, expanded before), as data',
  'C:\\Windows\\System32\\CMD.EXE': 'read it in the code as !X! after cmd /v:on, which expands it once the line is parsed (not %X%, expanded before), as data',
  'perl': 'read it in the code as $ENV{X}, as data',
  'awk': 'read it in the program as ENVIRON["X"], as data',
  'jq': 'read it in the program as $ENV.X, as data',
  'mix': 'read it in the code as System.get_env("X"), as data',
  'ssh': 'write the command ssh runs literally, giving it "$X" only as data quoted for the remote host\'s shell, from a script that reads it (script: ssh <host> <program> "$(printf %q "$X")")',
};

/** How the fix of `pasted` reads the env var `env` for `program` (a shell: its code; another runner: a script giving it as data). */
const codeRead = (program: string | undefined, env: string): string => {
  if (program === undefined) return `use "$${env}" (quoted) in the script`;
  const known = CODE_READS[program];
  if (known !== undefined) return known.replace(/\bX\b/g, env);
  const name = program.split('/').pop()!;
  return /^(sh|bash|busybox)$/.test(name) ? `use "$${env}" (quoted) in the shell code ${name} runs, as data`
    : `write the command ${name} runs literally, giving it "$${env}" (quoted) only as data, from a script that reads it (script: ${name} <program> "$${env}")`;
};

/** A Task whose step `s` runs `command` with `args`. */
const commandTask = (command: string[], args: string[] = []) => task({ steps: [hardenedContainer('s', { script: undefined, command, args })] });

describe('SCRIPT_INJECTION', () => {
  describeRule(SCRIPT_INJECTION, RuleId.SCRIPT_INJECTION, Severity.HIGH, false);

  test('applies to Tekton objects that hold task or pipeline specs (whose tasks\' when expressions it reads)', () => {
    expect(SCRIPT_INJECTION.appliesTo(task())).toBe(true);
    expect(SCRIPT_INJECTION.appliesTo(pipelineEmbedding(taskSpec()))).toBe(true);
    const byRef = { kind: 'Pipeline', spec: { tasks: [{ name: 'a', taskRef: { name: 'x' }, params: [{ name: 'p', value: '$(params.p)' }] }] } };
    expect(SCRIPT_INJECTION.appliesTo(byRef)).toBe(true);
    expect(SCRIPT_INJECTION.check(byRef)).toEqual([]);
    expect(SCRIPT_INJECTION.appliesTo({ kind: 'ConfigMap', data: {} })).toBe(false);
  });

  test('compliant: values through env, paths Tekton fixes from the task, and the shell\'s own command substitution', () => {
    expect(SCRIPT_INJECTION.check(task({
      steps: [hardenedContainer('s', {
        env: [{ name: 'REVISION', value: '$(params.revision)' }, { name: 'RUN', value: '$(context.taskRun.name)' }],
        script: '#!/bin/sh\ncd "$(workspaces.src.path)"\necho "$REVISION" > $(results.out.path)\necho "$(git rev-parse HEAD)" > $(step.results.sha.path)\n'
          + 'echo {} > $(step.artifacts.path)\necho {} > $(artifacts.path)\n',
      })],
    }))).toEqual([]);
  });

  test('the fix of a script of another interpreter reads the env var in that language, as its #! line names it (Tekton runs the script with it)', () => {
    const fixOf = (script: string) => SCRIPT_INJECTION.check(task({ steps: [hardenedContainer('s', { script })] })).map((p) => p.fix);
    const fix = (read: string) => [`Pass it through env instead: env: [{ name: 'SHA', value: '$(params.sha)' }] and ${read}.`];
    // EPAM's gitlab-set-status: a Python script (RHEL's platform-python) that assigns params to Python strings
    expect(fixOf('#!/usr/libexec/platform-python\nimport os\nSHA = "$(params.sha)"\n')).toEqual(fix('read it in the script as os.environ["SHA"], as data'));
    expect(fixOf('#!/usr/bin/env -S python3 -u\nimport os\nprint("$(params.sha)")\n')).toEqual(fix('read it in the script as os.environ["SHA"], as data'));
    expect(fixOf('#!/usr/bin/env -S node --no-warnings\nconsole.log("$(params.sha)")\n')).toEqual(fix('read it in the script as process.env.SHA, as data'));
    expect(fixOf('#!/usr/bin/perl -w\nprint "$(params.sha)";\n')).toEqual(fix('read it in the script as $ENV{SHA}, as data'));
    // a nushell step (pfenerty's): nu reads the environment as $env
    expect(fixOf('#!/usr/bin/env nu\nlet ref = "$(params.sha)"\n')).toEqual(fix('read it in the script as $env.SHA, as data'));
    // env's options that take a value (coreutils 9.1: -u NAME, -C DIR) are not the program; Tekton's #!win line names its interpreter
    expect(fixOf('#!/usr/bin/env -u HOME python3\nimport os\nprint("$(params.sha)")\n')).toEqual(fix('read it in the script as os.environ["SHA"], as data'));
    expect(fixOf('#!/usr/bin/env -C /tmp node\nconsole.log("$(params.sha)")\n')).toEqual(fix('read it in the script as process.env.SHA, as data'));
    expect(fixOf('#!win pwsh.exe -File\nWrite-Output "$(params.sha)"\n')).toEqual(fix('read it in the script as $env:SHA, as data'));
    // an awk program file (its #! line runs awk -f): awk reads the environment as ENVIRON
    expect(fixOf('#!/usr/bin/awk -f\nBEGIN { print "$(params.sha)" }\n')).toEqual(fix('read it in the script as ENVIRON["SHA"], as data'));
    // a Python script that does not import os: the fix says to
    expect(fixOf('#!/usr/bin/env python3\nprint("$(params.sha)")\n')).toEqual(fix('read it in the script as os.environ["SHA"] (after import os), as data'));
    // a shell's script, one without a #! line (Tekton runs it with sh), an interpreter not known here: the shell's "$SHA"
    for (const script of ['#!/bin/bash\necho $(params.sha)\n', 'echo $(params.sha)\n', '#!/usr/bin/env\necho $(params.sha)\n', '#!/opt/bin/tool\n$(params.sha)\n']) {
      expect(fixOf(script)).toEqual(fix('use "$SHA" (quoted) in the script'));
    }
  });

  test('sudo and doas: every argument is code, whatever their options say they run (a prefix, = forms, -D, -s and -i, -e, -l, one not known), and ARGUMENT_INJECTION leaves them to it', () => {
    const summary = (command: string[], args: string[] = []) => [SCRIPT_INJECTION, ARGUMENT_INJECTION]
      .flatMap((rule) => rule.check(commandTask(command, args)))
      .map((f) => [f.rule, f.property, f.value, f.problem]);
    const code = (program: string, property = 'args[2]', value = '$(params.x)') => [
      RuleId.SCRIPT_INJECTION, property, value, `pastes a substitution into the arguments of ${program}, which runs them as code`,
    ];
    for (const options of [['--us', 'builder'], ['--user=builder'], ['-D', '/tmp'], ['--chdir=/tmp'], ['-s'], ['-i'], ['-e'], ['-l'], ['--new-option', 'x'], ['FOO=1']]) {
      expect(summary(['sudo', ...options], ['git', 'clone', '$(params.x)'])).toEqual([code('sudo')]);
    }
    // sh -c's data is still code, sudo being the program
    expect(summary(['sudo', '-u', 'b', 'sh', '-c', 'echo "$1"', 'x'], ['$(params.x)'])).toEqual([code('sudo', 'args[0]')]);
    expect(summary(['sudo', '-D', '$(params.dir)', 'make'])).toEqual([code('sudo', 'command[2]', '$(params.dir)')]);
    for (const options of [['-a', 'style'], ['-C', '/etc/doas.conf'], ['-s'], ['-L'], ['-u', 'b']]) {
      expect(summary(['doas', ...options], ['git', 'clone', '$(params.x)'])).toEqual([code('doas')]);
    }
  });

  test('a runner\'s arguments: the finding names the element as written, and its fix fits a step without a script', () => {
    const runFix = (program: string) => `Pass it through env instead: env: [{ name: 'TOOL', value: '$(params.tool)' }] and write the command ${program} runs literally, `
      + `giving it "$TOOL" (quoted) only as data, from a script that reads it (script: ${program} <program> "$TOOL").`;
    const found = (command: string[]) => SCRIPT_INJECTION.check(commandTask(command)).map((f) => [f.property, f.value, f.problem, f.fix]);
    const problem = (program: string) => `pastes a substitution into the arguments of ${program}, which runs them as code`;
    expect(found(['sudo', '$(params.tool)'])).toEqual([['command[1]', '$(params.tool)', problem('sudo'), runFix('sudo')]]);
    expect(found(['xargs', '-0', '$(params.tool)'])).toEqual([['command[2]', '$(params.tool)', problem('xargs'), runFix('xargs')]]);
    expect(found(['ssh', 'deploy@host', 'restart', '$(params.tool)'])).toEqual([['command[3]', '$(params.tool)', problem('ssh'),
      'Pass it through env instead: env: [{ name: \'TOOL\', value: \'$(params.tool)\' }] and write the command ssh runs literally, giving it "$TOOL" only as data '
      + 'quoted for the remote host\'s shell, from a script that reads it (script: ssh <host> <program> "$(printf %q "$TOOL")").']]);
    expect(found(['jq', '-r', '$(params.tool)'])).toEqual([['command[2]', '$(params.tool)', problem('jq'),
      'Pass it through env instead: env: [{ name: \'TOOL\', value: \'$(params.tool)\' }] and read it in the program as $ENV.TOOL, as data.']]);
    expect(found(['awk', '{ print "$(params.tool)" }'])).toEqual([['command[1]', '$(params.tool)', problem('awk'),
      'Pass it through env instead: env: [{ name: \'TOOL\', value: \'$(params.tool)\' }] and read it in the program as ENVIRON["TOOL"], as data.']]);
    // in args, the element of args
    expect(SCRIPT_INJECTION.check(commandTask(['sudo', '-u', 'b'], ['make', '$(params.tool)'])).map((f) => f.property)).toEqual(['args[1]']);
  });

  test('non-compliant: a command line a shell runs through "$@" (sh -c \'exec "$@"\' NAME ARG…, a script\'s "$@" given args) is read as a command', () => {
    // (bash 5.2 and dash run here: `sh -c 'exec "$@"' -- bash -c "echo $X"` runs the code X gives; `"${@:2}"` is bash's, dash refuses it)
    const summary = (command: string[] | undefined, args: string[] = [], script?: string) => SCRIPT_INJECTION
      .check(task({ steps: [hardenedContainer('s', { script, command, args })] })).map((f) => [f.property, f.value, f.problem]);
    const pastedInto = (property: string, program: string) => [property, '$(params.x)', `pastes a substitution into the arguments of ${program}, which runs them as code`];
    expect(summary(['sh', '-c', 'exec "$@"', '--'], ['bash', '-c', 'echo $(params.x)'])).toEqual([pastedInto('args[2]', 'bash')]);
    expect(summary(['sh', '-c', 'exec "$@"', '--', 'python3', '-c', "print('$(params.x)')"])).toEqual([pastedInto('command[6]', 'python3')]);
    expect(summary(['sh', '-c', '"$1" "${@:2}"', '_', 'bash', '-c', 'echo $(params.x)'])).toEqual([pastedInto('command[6]', 'bash')]);
    expect(summary(['bash', '-c', 'exec "${@:2}"', '_', 'skip', 'sh', '-c', 'echo $(params.x)'])).toEqual([pastedInto('command[7]', 'sh')]);
    expect(summary(['sh', '-c', 'exec "$@"', '--', 'sh', '-c', 'exec "$@"', '--', 'bash', '-c', 'echo $(params.x)'])).toEqual([pastedInto('command[10]', 'bash')]);
    expect(summary(undefined, ['bash', '-c', 'echo $(params.x)'], '#!/bin/sh\nexec "$@"\n')).toEqual([pastedInto('args[2]', 'bash')]);
    expect(summary(undefined, ['python3', '-c', "print('$(params.x)')"], '#!/bin/sh\nset -e\ncd /workspace\n"$@"\n')).toEqual([pastedInto('args[2]', 'python3')]);
    // not: literal arguments, a value as an argument of a program that runs no code, arguments the code prints, past the program
    for (const [command, args, script] of [[['sh', '-c', 'exec "$@"', '--', 'make', 'test'], []], [['sh', '-c', 'exec "$@"', '--', 'git', 'fetch', '--', '$(params.x)'], []],
      [['sh', '-c', 'echo "$@"', '--', 'bash', '-c', 'echo $(params.x)'], []], [['bash', '-c', 'exec "${@:2}"', '_', 'bash', '-c', 'echo $(params.x)'], []],
      [undefined, ['make', 'test'], '#!/bin/sh\nexec "$@"\n'], [undefined, ['bash', '-c', 'echo $(params.x)'], '#!/bin/sh\necho "$@"\n']] as Array<[string[] | undefined, string[], string?]>) {
      expect([command, args, script, summary(command, args, script)]).toEqual([command, args, script, []]);
    }
  });

  test('a script\'s "$@" read where it runs: after its literal shifts, through command/env and unquoted; not in a function never called, nor after set --', () => {
    // (dash run here with args sh -c CODE: `shift; exec "$@"` runs `-c`, not CODE; `f() { "$@"; }` alone runs nothing; `set -- echo safe; exec "$@"`
    // runs echo; `exec $@`, `command "$@"`, `env "$@"` run CODE)
    const summary = (args: string[], script: string) => SCRIPT_INJECTION
      .check(task({ steps: [hardenedContainer('s', { script, args })] })).map((f) => [f.property, f.value, f.problem]);
    const pastedInto = (property: string, program: string) => [property, '$(params.x)', `pastes a substitution into the arguments of ${program}, which runs them as code`];
    expect(summary(['-', 'sh', '-c', '$(params.x)'], '#!/bin/sh\nshift\nexec "$@"\n')).toEqual([pastedInto('args[3]', 'sh')]);
    for (const script of ['#!/bin/sh\nexec $@\n', '#!/bin/sh\ncommand "$@"\n', '#!/bin/sh\nenv "$@"\n', '#!/bin/sh\nset -o pipefail\nexec "$@"\n',
      '#!/bin/sh\nf() { "$@"; }\nf true\n"$@"\n']) {
      expect([script, summary(['sh', '-c', '$(params.x)'], script)]).toEqual([script, [pastedInto('args[2]', 'sh')]]);
    }
    for (const script of ['#!/bin/sh\nshift\nexec "$@"\n', '#!/bin/sh\nf() { "$@"; }\necho done\n', '#!/bin/sh\nset -- echo safe\nexec "$@"\n',
      '#!/bin/sh\nexec "$*"\n']) {
      expect([script, summary(['sh', '-c', '$(params.x)'], script)]).toEqual([script, []]);
    }
    // a shift that may not run moves them or not: "$@" may start at either (bash 5.2 and dash run: `[ "$1" = -v ] && shift; "$@"` with
    // args -v sh -c CODE runs CODE, with sh -c CODE too); its first field is the program, the N-th for "${@:N}", past the shifts
    const maybe = '#!/bin/sh\n[ "$1" = -v ] && shift\n"$@"\n';
    expect(summary(['-v', 'sh', '-c', '$(params.x)'], maybe)).toEqual([pastedInto('args[3]', 'sh')]);
    expect(summary(['sh', '-c', '$(params.x)'], '#!/bin/sh\nif [ "$1" = -v ]; then shift; fi\nexec "$@"\n')).toEqual([pastedInto('args[2]', 'sh')]);
    const program = (index: number, script: string) => ['script', script, `runs as code args[${index}], which holds $(params.x) and which the script gets as a `
      + 'positional parameter: it chooses the program the command runs (as $@)'];
    expect(summary(['-v', '$(params.x)'], maybe)).toEqual([program(1, '"$@"')]);
    expect(summary(['a', '$(params.x)'], '#!/bin/sh\nshift\n"$@"\n')).toEqual([program(1, '"$@"')]);
    expect(summary(['-v', '$(params.x)'], '#!/bin/bash\nexec "${@:2}"\n')).toEqual([program(1, 'exec "${@:2}"')]);
    // not: a value past the positions the program may take, nor one the shifts or the slice leave out
    for (const [args, script] of [[['-v', 'echo', '$(params.x)'], maybe], [['$(params.x)', 'ls'], '#!/bin/sh\nshift\n"$@"\n'],
      [['$(params.x)', 'ls'], '#!/bin/bash\nexec "${@:2}"\n']]) {
      expect([args, script, summary(args as string[], script as string)]).toEqual([args, script, []]);
    }
  });

  test('non-compliant: the string of env -S (-S STRING, a group ending in S, -SSTRING, --split-string=, a prefix of it), which env splits into a command line', () => {
    const SPLIT = 'pastes a substitution into the string of env -S, which env splits into a command line (quotes, ${VAR} and options included)';
    const summary = (command: string[], args: string[] = []) => SCRIPT_INJECTION.check(commandTask(command, args))
      .map((f) => [f.property, f.value, f.problem]);
    expect(summary(['env', '-S', 'tool --x $(params.x)'])).toEqual([['command[2]', '$(params.x)', SPLIT]]);
    expect(summary(['env', '-iS'], ['tool $(params.x)'])).toEqual([['args[0]', '$(params.x)', SPLIT]]);
    expect(summary(['env', '-iS$(params.x)'])).toEqual([['command[1]', '$(params.x)', SPLIT]]);
    expect(summary(['env', '--split-string=tool $(params.x)'])).toEqual([['command[1]', '$(params.x)', SPLIT]]);
    expect(summary(['env', '--spl', 'tool $(tasks.a.results.b)'])).toEqual([['command[2]', '$(tasks.a.results.b)', SPLIT]]);
    // env -S behind a wrapper, after an option it does not know that may take the next argument (env) or not
    expect(summary(['nice', '--new', 'echo', 'env', '-S', 'tool $(params.x)'])).toEqual([['command[5]', '$(params.x)', SPLIT]]);
    // the string names an interpreter: the arguments after it are its code too
    expect(summary(['env', '-S', 'sh -c'], ['echo $(params.y)'])).toEqual([
      ['args[0]', '$(params.y)', 'pastes a substitution into the arguments of sh, which runs them as code'],
    ]);
    // the string's own options, values and wrappers before the interpreter (env reads them as its arguments)
    for (const split of ['-C /tmp sh -c', '-u FOO sh -c', 'timeout 5 sh -c', 'A=1 nice sh -c']) {
      expect([split, summary(['env', '-S', split], ['echo $(params.y)'])]).toEqual([split, [
        ['args[0]', '$(params.y)', 'pastes a substitution into the arguments of sh, which runs them as code'],
      ]]);
    }
    // after the code of `sh -c` named in the string: $0 and the positional parameters, data
    expect(summary(['env', '-uFOO', '-S', 'sh -c', 'echo hi'], ['$(params.x)'])).toEqual([]);
    expect(summary(['env', '-S', 'sh -c "echo hi"'], ['$(params.x)'])).toEqual([]);
    expect(summary(['env', '-S', 'sh -c'], ['echo $(params.x)', '$(params.y)'])).toEqual([
      ['args[0]', '$(params.x)', 'pastes a substitution into the arguments of sh, which runs them as code'],
    ]);
    // not a split string: the value of -u, a fixed string, an argument of the program
    expect(summary(['env', '-u', '$(params.x)', 'tool'])).toEqual([]);
    expect(summary(['env', '-S', 'tool --flag'], ['--', '$(params.x)'])).toEqual([]);
    expect(summary(['env', 'tool', '-S', '$(params.x)'])).toEqual([]);
  });

  test('the fix of a substitution in the string of env -S names what GNU env expands there (${NAME} alone), and applied clears the finding', () => {
    const fixOf = (command: string[], env?: any[]) => SCRIPT_INJECTION.check(task({ steps: [hardenedContainer('s', { script: undefined, command, ...env ? { env } : {} })] }))
      .map((f) => f.fix);
    const through = "Pass it through env instead: env: [{ name: 'X', value: '$(params.x)' }] and ";
    // an argument of a program that is no interpreter: ${X}, one word (coreutils 9.1 env.c; `$X` is an error there)
    expect(fixOf(['env', '-S', 'git clone $(params.x)'])).toEqual([
      `${through}write \${X} in the string instead (GNU env puts the value in that word, one argument of data, never split; it expands no $X without braces).`,
    ]);
    // the code of a shell named there: "$X" in single quotes, which the shell expands
    expect(fixOf(['env', '-S', "sh -c 'git clone $(params.x)'"])).toEqual([`${through}write "$X" inside single quotes in the shell's code in the string, as data `
      + '(sh -c \'tool "$X"\' in the string: env -S leaves what single quotes hold as written, and sh expands it from the environment env passes on).']);
    // another interpreter: its own reading of the environment
    expect(fixOf(['env', '-S', "python3 -c 'print(1)' $(params.x)"])).toEqual([
      `${through}read it in the code from the environment env passes on (os.environ["X"] (after import os)), inside single quotes in the string, as data.`,
    ]);
    // the program's word, or one env reads before it: written literally
    for (const split of ['$(params.x) --version', '-C $(params.x) make']) {
      expect([split, fixOf(['env', '-S', split])]).toEqual([split, ['Write the program and what env reads before it literally in the string of env -S, and pass $(params.x) '
        + "through env (env: [{ name: 'X', value: '$(params.x)' }]) to the program only as data, as ${X} in an argument after the program's word (env puts its value in that word, never split)."]]);
    }
    // the kubelet's $(V) of an env var that holds one
    expect(fixOf(['env', '-S', 'tool $(V)'], [{ name: 'V', value: '$(params.x)' }])).toEqual([
      'Instead of $(V), which the kubelet pastes, write ${V} in the string instead (GNU env puts the value in that word, one argument of data, never split; it expands no $V without braces).',
    ]);
    // each fix applied: no finding
    const X = [{ name: 'X', value: '$(params.x)' }];
    expect(fixOf(['env', '-S', 'git clone ${X}'], X)).toEqual([]);
    expect(fixOf(['env', '-S', 'sh -c \'git clone -- "$X"\''], X)).toEqual([]);
    expect(fixOf(['env', '-S', 'python3 -c \'import os; print(os.environ["X"])\''], X)).toEqual([]);
    expect(fixOf(['env', '-S', 'tool --version ${X}'], X)).toEqual([]);
    expect(fixOf(['env', '-S', 'tool ${V}'], [{ name: 'V', value: '$(params.x)' }])).toEqual([]);
  });

  test("a run's label as the program a command runner runs, or in the code of a shell one runs", () => {
    const TOOL = { name: 'TOOL', valueFrom: { fieldRef: { fieldPath: "metadata.labels['tool']" } } };
    const check = (command: string[]) => SCRIPT_INJECTION.check(task({ steps: [hardenedContainer('s', { script: undefined, command, env: [TOOL] })] }))
      .map((f) => [f.property, f.value, f.problem, f.fix]);
    const names = (runner: string, element: string) => [
      element, '$(TOOL)',
      "pastes the value of env var TOOL, which the kubelet fills from valueFrom.fieldRef metadata.labels['tool'], which callers choose (a word, which can name a program), "
      + `into the command ${runner} runs, where it names the program`,
      `Write the program ${runner} runs literally, and pass $(TOOL) to it only as data, or check it against the values allowed first.`,
    ];
    expect(check(['xargs', '-0', '$(TOOL)'])).toEqual([names('xargs', 'command[2]')]);
    expect(check(['sudo', '-u', 'builder', '$(TOOL)', '--version'])).toEqual([names('sudo', 'command[3]')]);
    expect(check(['find', '.', '-name', '*.sh', '-exec', '$(TOOL)', '{}', '+'])).toEqual([names('find', 'command[5]')]);
    const coded = (line: string, how: string, element: string) => [
      element, line,
      "runs as code the value of env var TOOL, which the kubelet fills from valueFrom.fieldRef metadata.labels['tool'], which callers choose "
      + `(a word, which can name a program), and pastes into the code where $(TOOL) is written: ${how}`,
      'Write "$TOOL" (the shell\'s own expansion, quoted) instead of $(TOOL), as an argument of a fixed command, never as the command or code.',
    ];
    expect(check(['watch', '-n', '5', '$(TOOL)'])).toEqual([coded('$(TOOL)', 'it chooses the program the command runs', 'command[3]')]);
    expect(check(['su', '-c', '$(TOOL) --version', 'builder'])).toEqual([coded('$(TOOL) --version', 'it chooses the program the command runs', 'command[2]')]);
    expect(check(['xargs', 'sh', '-c', 'eval "$(TOOL) run"'])).toEqual([coded('eval "$(TOOL) run"', 'eval runs its words as code', 'command[3]')]);
    // busybox's applet runs as a program of its own
    expect(check(['busybox', 'sh', '-c', '$(TOOL) x'])).toEqual([coded('$(TOOL) x', 'it chooses the program the command runs', 'command[3]')]);
    expect(check(['busybox', 'sh', '-c', 'eval $(TOOL)'])).toEqual([coded('eval $(TOOL)', 'eval runs its words as code', 'command[3]')]);
    // the code of another interpreter a runner runs, past the value of an option that takes one
    const interpreted = (option: string, runner: string, read: string, element: string) => [
      element, '$(TOOL)',
      "pastes the value of env var TOOL, which the kubelet fills from valueFrom.fieldRef metadata.labels['tool'], which callers choose (a word, which can name a program), "
      + `into the code of ${option}, which ${runner} runs, and which runs it as code`,
      `Read TOOL from the environment in the code, as data (${read}), instead of $(TOOL), which the kubelet pastes into the code.`,
    ];
    expect(check(['sudo', '-u', 'b', 'python3', '-c', 'print($(TOOL))'])).toEqual([interpreted('python3 -c', 'sudo', 'os.environ["TOOL"] (after import os)', 'command[5]')]);
    expect(check(['xargs', 'node', '-r', 'fs', '-e', '$(TOOL)()'])).toEqual([interpreted('node -e', 'xargs', 'process.env.TOOL', 'command[5]')]);
    // data: an argument of the program a runner runs, a word of the code that runs none
    for (const command of [['xargs', 'echo', '$(TOOL)'], ['sudo', 'git', 'clone', '$(TOOL)'], ['watch', 'echo', '$(TOOL)'], ['su', '-c', 'echo "$(TOOL)"', 'b'],
      ['busybox', 'sh', '-c', 'echo "$TOOL"'], ['sudo', 'python3', 'build.py', '$(TOOL)'], ['sudo', 'python3', '-W', '$(TOOL)', 'build.py']]) {
      expect([command, check(command)]).toEqual([command, []]);
    }
  });

  test('the env vars env NAME=VALUE sets for a shell whose code is read count as the container\'s (after them)', () => {
    const check = (command: string[], env: any[] = []) => SCRIPT_INJECTION.check(task({
      params: [{ name: 'x' }], steps: [hardenedContainer('s', { script: undefined, command, env })],
    })).map((f) => [f.property, f.value, f.problem]);
    expect(check(['env', 'X=$(params.x)', 'sh', '-c', 'eval "$X"'])).toEqual([
      ['command[4]', 'eval "$X"', 'runs as code the value of env var X, which holds $(params.x): eval runs its words as code'],
    ]);
    expect(check(['timeout', '5m', 'env', '-u', 'HOME', 'CMD=$(params.x)', 'bash', '-ec', 'set -x; $CMD'])).toEqual([
      ['command[8]', '$CMD', 'runs as code the value of env var CMD, which holds $(params.x): it chooses the program the command runs'],
    ]);
    // a run's label, as the kubelet expands it into the argument
    expect(check(['env', 'B=$(TOOL)', 'sh', '-c', '"$B" --version'], [{ name: 'TOOL', valueFrom: { fieldRef: { fieldPath: "metadata.labels['tool']" } } }]).map((f) => f[2])).toEqual([
      "runs as code the value of env var B, which holds $(TOOL), which the kubelet fills from valueFrom.fieldRef metadata.labels['tool'], which callers choose "
      + '(a word, which can name a program): it chooses the program the command runs',
    ]);
    // the code of a shell the string of env -S names, single-quoted there (env leaves $X alone)
    expect(check(['env', '-S', 'sh -c \'eval "$X"\''], [{ name: 'X', value: '$(params.x)' }])).toEqual([
      ['command[2]', 'eval "$X"', 'runs as code the value of env var X, which holds $(params.x): eval runs its words as code'],
    ]);
    expect(check(['env', '-S', 'sh -c \'echo "$X"\''], [{ name: 'X', value: '$(params.x)' }])).toEqual([]);
    // GNU env's own ${X} in the string of env -S: the value in the word it stands in, outside single quotes
    const X = [{ name: 'X', value: '$(params.x)' }];
    const expanded = (how: string) => `expands in the string of env -S the value of env var X, which holds $(params.x) (GNU env puts it in the word where \${X} stands): ${how}`;
    expect(check(['env', '-S', 'sh -c "${X}"'], X)).toEqual([['command[2]', '${X}', expanded('it reaches the code of sh, which runs it as code')]]);
    expect(check(['env', '-S', '${X} --version'], X)).toEqual([['command[2]', '${X}', expanded('it names the program env runs')]]);
    expect(check(['env', '-S', 'python3 -c "print(1)" ${X}'], X)).toEqual([['command[2]', '${X}', expanded('it reaches the arguments of python3, which runs them as code')]]);
    for (const command of [['env', '-S', 'sh -c \'eval ${X}\''], ['env', '-S', 'sh -c "echo \\"$1\\"" _ ${X}'], ['env', '-S', 'git clone ${X}']]) {
      expect([command, check(command, command[2].startsWith('sh -c \'') ? [{ name: 'X', value: 'fixed' }] : X)]).toEqual([command, []]);
    }
    // the shell applet of busybox or toybox reads its -c code as sh does
    expect(check(['busybox', 'sh', '-c', 'eval "$X"'], [{ name: 'X', value: '$(params.x)' }])).toEqual([
      ['command[3]', 'eval "$X"', 'runs as code the value of env var X, which holds $(params.x): eval runs its words as code'],
    ]);
    expect(check(['/bin/busybox', '/bin/ash', '-ec', '$(TOOL) --version'], [{ name: 'TOOL', valueFrom: { fieldRef: { fieldPath: "metadata.labels['tool']" } } }])).toEqual([[
      'command[3]', '$(TOOL) --version',
      "runs as code the value of env var TOOL, which the kubelet fills from valueFrom.fieldRef metadata.labels['tool'], which callers choose "
      + '(a word, which can name a program), and pastes into the code where $(TOOL) is written: it chooses the program the command runs',
    ]]);
    expect(check(['busybox', 'sh', '-c', 'echo "$X"'], [{ name: 'X', value: '$(params.x)' }])).toEqual([]);
    // a name that starts with busybox or toybox is the multiplexer (busybox 1.36 appletlib.c run_applet_and_exit, toybox main.c toy_find):
    // busybox.net's busybox-x86_64, landley.net's toybox-x86_64
    for (const program of ['busybox-x86_64', '/bin/busybox.static', 'toybox-x86_64']) {
      expect(check([program, 'sh', '-c', 'eval "$X"'], [{ name: 'X', value: '$(params.x)' }])).toEqual([
        ['command[3]', 'eval "$X"', 'runs as code the value of env var X, which holds $(params.x): eval runs its words as code'],
      ]);
      expect(check([program, 'sh', '-c', 'echo "$X"'], [{ name: 'X', value: '$(params.x)' }])).toEqual([]);
    }
    // data, or a constant that replaces the container's value
    expect(check(['env', 'X=$(params.x)', 'sh', '-c', 'echo "$X"'])).toEqual([]);
    expect(check(['env', 'X=make', 'sh', '-c', 'eval "$X"'], [{ name: 'X', value: '$(params.x)' }])).toEqual([]);
  });

  test('the code of sh -c in command and args is read as the kubelet hands it over: its escape $$ is one $', () => {
    const env = [{ name: 'TOOL', valueFrom: { fieldRef: { fieldPath: "metadata.labels['tool']" } } }, { name: 'X', value: '$(params.x)' }];
    const check = (command: string[]) => SCRIPT_INJECTION.check(task({
      params: [{ name: 'x' }], steps: [hardenedContainer('s', { script: undefined, command, env })],
    })).map((f) => [f.property, f.value, f.problem]);
    // `$$(date)` is the shell's command substitution, `"$TOOL"` an argument of echo: data
    expect(check(['sh', '-c', 'echo $$(date) "$TOOL"'])).toEqual([]);
    expect(check(['sh', '-c', 'echo "$$(date)" "$X"'])).toEqual([]);
    // `$$X` is the shell's `$X`, whatever eval then runs
    expect(check(['sh', '-c', 'eval "$$X"'])).toEqual([
      ['command[2]', 'eval "$X"', 'runs as code the value of env var X, which holds $(params.x): eval runs its words as code'],
    ]);
    expect(check(['sh', '-c', '$${TOOL} --version'])).toEqual([
      ['command[2]', '${TOOL} --version', "runs as code the value of env var TOOL, which the kubelet fills from valueFrom.fieldRef metadata.labels['tool'], "
        + 'which callers choose (a word, which can name a program): it chooses the program the command runs'],
    ]);
  });

  test("a run's label in the string of env -S, which env splits into words: where a word picks what runs", () => {
    const TOOL = { name: 'TOOL', valueFrom: { fieldRef: { fieldPath: "metadata.labels['tool']" } } };
    const summary = (command: string[], env: any[] = [TOOL]) => SCRIPT_INJECTION.check(task({ steps: [hardenedContainer('s', { script: undefined, command, env })] }))
      .map((f) => [f.property, f.value, f.problem, f.fix]);
    const splitPasted = (how: string, name = 'TOOL', source = "which the kubelet fills from valueFrom.fieldRef metadata.labels['tool']") =>
      `pastes the value of env var ${name}, ${source}, which callers choose (a word, which can name a program), into the string of env -S, which env splits into words: ${how}`;
    const FIX = 'Write the program and what env reads before it literally in the string of env -S, and pass $(TOOL) to the program only as data, '
      + 'or check it against the values allowed first.';
    expect(summary(['env', '-S', '$(TOOL) --version'])).toEqual([['command[2]', '$(TOOL)', splitPasted('it names the program env runs'), FIX]]);
    expect(summary(['env', '--split-string=-i $(TOOL) --version'])).toEqual([['command[1]', '$(TOOL)', splitPasted('it names the program env runs'), FIX]]);
    expect(summary(['env', '-iS$(TOOL)'])).toEqual([['command[1]', '$(TOOL)', splitPasted('it names the program env runs'), FIX]]);
    expect(summary(['env', '-S', 'timeout $(TOOL) make']).map((f) => f[2])).toEqual([
      splitPasted("env reads it before the program (an option, its value or a wrapper's argument), where a word chooses what runs"),
    ]);
    expect(summary(['env', '-S', 'GIT_SSH_COMMAND=$(TOOL) git fetch']).map((f) => f[2])).toEqual([splitPasted('it sets GIT_SSH_COMMAND, which git runs as a command')]);
    expect(summary(['env', '-S', 'sh -c "$(TOOL) --version"'])).toEqual([[
      'command[2]', '$(TOOL)', splitPasted('it reaches the arguments of sh, which runs them as code'),
      'Write "$TOOL" in the code (env passes the env var on) instead of $(TOOL), which the kubelet pastes into the string, as data, never as a command.',
    ]]);
    // through an env var that copies the label
    expect(summary(['env', '-S', '$(B) --version'], [TOOL, { name: 'B', value: '$(TOOL)' }]).map((f) => f[2])).toEqual([
      splitPasted('it names the program env runs', 'B', "into which the kubelet expanded $(TOOL), which it fills from valueFrom.fieldRef metadata.labels['tool']"),
    ]);
    // after a shell's code named there, $0 and the positional parameters (in the string, one word each, or after it): data
    // unless the code runs them as code, read as for `sh -c CODE NAME ARG…` (coreutils env.c splits the string, then appends the rest)
    const positional = (index: number, how: string) => `runs as code command[${index}], which holds $(TOOL), which the kubelet fills from `
      + `valueFrom.fieldRef metadata.labels['tool'], a word callers choose, which can name a program, and which the shell gets as a positional parameter: ${how}`;
    const KEEP = 'Keep the positional parameter data: pass it only as a quoted argument of a fixed command ("$1"), never as code or as the program, '
      + 'or give the value through env and check it against the values allowed first.';
    expect(summary(['env', '-S', 'sh -c \'eval "$1"\' _ $(TOOL)'])).toEqual([['command[2]', 'eval "$1"', positional(2, 'eval runs its words as code (as $1)'), KEEP]]);
    expect(summary(['env', '-S', 'sh -c \'eval "$2"\' _ a "$(TOOL)"']).map((f) => f[2])).toEqual([positional(2, 'eval runs its words as code (as $2)')]);
    expect(summary(['env', '-S', 'sh -c \'eval "$1"\' _', '$(TOOL)']).map((f) => f[2])).toEqual([positional(3, 'eval runs its words as code (as $1)')]);
    expect(summary(['env', '-S', 'bash -ec \'"$1" --version\' n', '$(TOOL)']).map((f) => f[2]))
      .toEqual([positional(3, 'it chooses the program the command runs (as $1)')]);
    for (const command of [['env', '-S', 'sh -c \'echo ok\' _ $(TOOL)'], ['env', '-S', 'sh -c \'echo "$1"\' _', '$(TOOL)'], ['env', '-S', 'sh -ec \'echo "$1"\' $(TOOL) b']]) {
      expect([command, summary(command)]).toEqual([command, []]);
    }
    // data: the arguments of a program that is no interpreter, an assignment no program runs, escaped, no label
    for (const command of [['env', '-S', 'git clone $(TOOL)'], ['env', '-S', 'FOO=$(TOOL) git status'], ['env', '-S', '$$(TOOL) x'], ['env', '-S', 'git', '$(TOOL)']]) {
      expect([command, summary(command)]).toEqual([command, []]);
    }
    expect(summary(['env', '-S', '$(TOOL) --version'], [])).toEqual([]);
  });

  test('compliant: a substitution in the args of a program that is not an interpreter (ARGUMENT_INJECTION judges those)', () => {
    expect(SCRIPT_INJECTION.check(commandTask(['/ko-app/tool'], ['--x=$(params.x)']))).toEqual([]);
    expect(SCRIPT_INJECTION.check(commandTask(['git'], ['clone', '$(params.url)']))).toEqual([]);
  });

  test('sed\'s and awk\'s input files in args are data, where no caller\'s value can be an option before them; their program and a value that starts a word are code', () => {
    const at = (property: string, substitution: string, env: string, program: string) => ({ ...pasted("step 's'", 'step/s', property, substitution, env, 'Task', 'build', program) });
    // IBM's tekton-tutorial: the script is code, the file it edits (a path no value can turn into an option) is not
    expect(SCRIPT_INJECTION.check(commandTask(['sed'], ['-i', '-e', 's;__IMAGE__;$(params.image);g', '/workspace/src/$(params.file)'])))
      .toEqual([at('args[2]', '$(params.image)', 'IMAGE', 'sed')]);
    expect(SCRIPT_INJECTION.check(commandTask(['sed'], ['s/a/b/', '/workspace/src/$(params.file)']))).toEqual([]);
    expect(SCRIPT_INJECTION.check(commandTask(['/usr/bin/awk'], ['-f', 'prog.awk', 'out=$(params.out)', '/src/$(params.file)']))).toEqual([]);
    expect(SCRIPT_INJECTION.check(commandTask(['sed'], ['--expression', 's/a/b/', '--', '$(params.file)']))).toEqual([]);
    // a value that starts a word may be an option (GNU getopt reads them anywhere before --): --expression=1e id, -f FILE
    expect(SCRIPT_INJECTION.check(commandTask(['sed'], ['-i', '-e', 's/a/b/', '$(params.file)']))).toEqual([at('args[3]', '$(params.file)', 'FILE', 'sed')]);
    expect(SCRIPT_INJECTION.check(commandTask(['sed'], ['-e', 's/a/b/', '$(params.opt)', '/src/$(params.file)']))).toEqual([
      at('args[2]', '$(params.opt)', 'OPT', 'sed'), at('args[3]', '$(params.file)', 'FILE', 'sed'),
    ]);
    // without -e or -f the first operand is the program; the value of -f names its file; an option not known may take the next word
    expect(SCRIPT_INJECTION.check(commandTask(['sed'], ['s/$(params.from)/x/', '/src/$(params.file)']))).toEqual([at('args[0]', '$(params.from)', 'FROM', 'sed')]);
    expect(SCRIPT_INJECTION.check(commandTask(['sed'], ['-f', '/src/$(params.file)']))).toEqual([at('args[1]', '$(params.file)', 'FILE', 'sed')]);
    expect(SCRIPT_INJECTION.check(commandTask(['sed'], ['--debug', '/src/$(params.file)']))).toEqual([at('args[1]', '$(params.file)', 'FILE', 'sed')]);
    // awk reads no option after its first operand (gawk 5.2, mawk 1.3.4, busybox 1.35: `awk '/src/{}\nBEGIN{system("id")}' -f prog.awk in.txt` runs
    // the first operand as the program, -f is an input file), nor does GNU sed with POSIXLY_CORRECT in its environment (glibc getopt)
    expect(SCRIPT_INJECTION.check(commandTask(['awk'], ['/src/$(params.file)', '-f', 'prog.awk', 'in.txt']))).toEqual([at('args[0]', '$(params.file)', 'FILE', 'awk')]);
    expect(SCRIPT_INJECTION.check(commandTask(['gawk'], ['/src/$(params.file)', '--source', 'BEGIN{}'])).map((f) => [f.property, f.problem]))
      .toEqual([['args[0]', 'pastes a substitution into the arguments of gawk, which runs them as code']]);
    expect(SCRIPT_INJECTION.check(commandTask(['sed'], ['/src/$(params.file)', '-e', 's/a/b/', 'in.txt']))).toEqual([at('args[0]', '$(params.file)', 'FILE', 'sed')]);
    // after awk's program, a word that looks like an option is an input file: data
    expect(SCRIPT_INJECTION.check(commandTask(['awk'], ['{print}', '-f', '/src/$(params.file)']))).toEqual([]);
    expect(SCRIPT_INJECTION.check(commandTask(['sed'], ['s/a/b/', '/src/$(params.file)', '-e', 's/c/d/']))).toEqual([]);
  });

  test('the arguments an interpreter passes to the program file it runs are data; its options before the file, and the file, are code', () => {
    const at = (property: string, substitution: string, env: string, program: string) => ({ ...pasted("step 's'", 'step/s', property, substitution, env, 'Task', 'build', program) });
    // a brew builder's `command: [python, /home/builder/builder/cli.py]` with `--params=$(params.params)` in args: sys.argv of cli.py
    expect(SCRIPT_INJECTION.check(commandTask(['python', '/home/builder/builder/cli.py'], ['--workspace=/w', '--params=$(params.params)']))).toEqual([]);
    expect(SCRIPT_INJECTION.check(commandTask(['python3', '-u', '-W', 'ignore', 'build.py'], ['$(params.x)']))).toEqual([]);
    expect(SCRIPT_INJECTION.check(commandTask(['node'], ['--require', './hook.js', 'main.js', '$(params.x)']))).toEqual([]);
    expect(SCRIPT_INJECTION.check(commandTask(['perl', '--', 'x.pl'], ['$(params.x)']))).toEqual([]);
    // bun's run sub-command runs the file after it as bun given the file does: the file is code, the arguments after it its data
    expect(SCRIPT_INJECTION.check(commandTask(['bun', 'run', 'build.ts'], ['$(params.x)']))).toEqual([]);
    expect(SCRIPT_INJECTION.check(commandTask(['bun', 'run'], ['$(params.x)']))).toEqual([{
      ...at('args[0]', '$(params.x)', 'X', 'bun'),
      fix: 'Pass it through env instead: env: [{ name: \'X\', value: \'$(params.x)\' }] and read it in the code as process.env.X, as data.',
    }]);
    // bun's options before `run` too (bun 1.2 cli.zig finds the sub-command past them)
    expect(SCRIPT_INJECTION.check(commandTask(['bun', '--bun', 'run', 'build.ts'], ['$(params.x)']))).toEqual([]);
    expect(SCRIPT_INJECTION.check(commandTask(['bun', '--bun', 'run'], ['$(params.x)']))).toEqual([{
      ...at('args[0]', '$(params.x)', 'X', 'bun'),
      fix: 'Pass it through env instead: env: [{ name: \'X\', value: \'$(params.x)\' }] and read it in the code as process.env.X, as data.',
    }]);
    // the file itself, a value before it (it may be an option, -c …, or the file), the code of -c, a shell's script arguments (not read here)
    expect(SCRIPT_INJECTION.check(commandTask(['python3'], ['/src/$(params.x).py', 'a']))).toEqual([at('args[0]', '$(params.x)', 'X', 'python3')]);
    expect(SCRIPT_INJECTION.check(commandTask(['python3'], ['$(params.opt)', 'build.py', '$(params.x)'])))
      .toEqual([at('args[0]', '$(params.opt)', 'OPT', 'python3'), at('args[2]', '$(params.x)', 'X', 'python3')]);
    expect(SCRIPT_INJECTION.check(commandTask(['python3', '-W'], ['$(params.w)', 'build.py', '$(params.x)'])))
      .toEqual([at('args[0]', '$(params.w)', 'W', 'python3'), at('args[2]', '$(params.x)', 'X', 'python3')]);
  });

  test('the arguments after the code of python -c, node -e, perl -e and ruby -e are its data: told only where the code names an evaluator, or the interpreter may read one as an option', () => {
    const at = (property: string, program: string) => pasted("step 's'", 'step/s', property, '$(params.x)', 'X', 'Task', 'build', program);
    // (CPython 3.11 run here: `python3 -c 'import sys; print(sys.argv)' a -c X --foo` printed ['-c', 'a', '-c', 'X', '--foo']: none an option;
    // node 20, perl 5.36 and ruby 3.1 read options up to their first operand or --: `node -e 'console.log(process.argv)' a --eval=…` and
    // `… -- --eval=…` printed it as data, `perl -e 'print "@ARGV"' a -e Y` printed `a -e Y`, ruby's ARGV ["a", "-e", "p 666"])
    for (const command of [['python3', '-c', 'import sys; print(sys.argv[1])', '$(params.x)'], ['python3', '-u', '-c', 'import sys; print(sys.argv)', '-c', '$(params.x)'],
      ['node', '-e', 'console.log(process.argv[1])', '--', '$(params.x)'], ['node', '-e', 'console.log(process.argv[2])', 'a', '$(params.x)'],
      ['perl', '-le', 'print $ARGV[0]', '--', '$(params.x)'], ['ruby', '-e', 'puts ARGV[1]', 'a', '--name=$(params.x)'], ['node', '-e', 'console.log(process.argv[1])', 'a$(params.x)']]) {
      expect([command, SCRIPT_INJECTION.check(commandTask(command))]).toEqual([command, []]);
    }
    // where the fixed code names an evaluator it may give them to, told as the code's data
    const evaluated = (property: string, program: string, reads: string, evaluator: string, read: string) => ({
      ...at(property, program),
      problem: `pastes a substitution into an argument ${program} gives its code as data (${reads}), where the code names ${evaluator}, which may run it as code`,
      fix: `Pass it through env instead: env: [{ name: 'X', value: '$(params.x)' }] and read it in the code as ${read}, as data, never given to ${evaluator}.`,
    });
    expect(SCRIPT_INJECTION.check(commandTask(['python3', '-c', 'import sys; eval(sys.argv[1])', '$(params.x)'])))
      .toEqual([evaluated('command[3]', 'python3', 'sys.argv', 'eval', 'os.environ["X"] (after import os)')]);
    expect(SCRIPT_INJECTION.check(commandTask(['python3', '-c', 'import os, sys; os.system("make " + sys.argv[1])'], ['$(params.x)'])))
      .toEqual([evaluated('args[0]', 'python3', 'sys.argv', 'system', 'os.environ["X"] (after import os)')]);
    expect(SCRIPT_INJECTION.check(commandTask(['node', '-e', 'require("child_process").execSync(process.argv[1])', '--', '$(params.x)'])))
      .toEqual([evaluated('command[4]', 'node', 'process.argv', 'require', 'process.env.X')]);
    expect(SCRIPT_INJECTION.check(commandTask(['ruby', '-e', 'system(ARGV[0])', '--', '$(params.x)'])))
      .toEqual([evaluated('command[4]', 'ruby', 'ARGV', 'system', 'ENV["X"]')]);
    // (perl 5.36 run here: `perl -e 'print while <>' 'echo PWNED|'` ran echo, 2-argument open)
    expect(SCRIPT_INJECTION.check(commandTask(['perl', '-e', 'print while <>', '--', '$(params.x)'])))
      .toEqual([evaluated('command[4]', 'perl', '@ARGV', '<>', '$ENV{X}')]);
    // node, perl and ruby read a caller's value as an option before their first operand or -- (node 20 run here: `node -e
    // 'console.log(process.argv)' --eval='console.log(666)'` printed 666), and what follows it may be code
    // (perl 5.36 and ruby 3.1 run here: `perl -e 'print 1' '-eprint 666'` read a second line of code, ruby's printed 666; node 20 refuses -eCODE)
    const option = (command: string[], example: string, reads: string, read: string) => ({
      ...at(`command[${command.indexOf('$(params.x)')}]`, command[0]),
      problem: `pastes a substitution into an argument ${command[0]} may read as its own option (it reads options up to its first operand or -- after the code: `
        + `a value such as ${example} runs code), and only from there gives its code as data (${reads})`,
      fix: `Pass it through env instead: env: [{ name: 'X', value: '$(params.x)' }] and read it in the code as ${read}, as data (or write -- after the code, `
        + `before it: ${command[0]} reads no option after --).`,
    });
    for (const [command, example, reads, read] of [[['node', '-e', 'console.log(process.argv[1])', '$(params.x)'], '--eval=CODE', 'process.argv', 'process.env.X'],
      [['perl', '-e', 'print $ARGV[0]', '$(params.x)', 'a'], '-eCODE', '@ARGV', '$ENV{X}'], [['ruby', '-e', 'puts ARGV[0]', '$(params.x)'], '-eCODE', 'ARGV', 'ENV["X"]'],
      [['node', '-e', 'console.log(process.argv[1])', '-r', 'x', 'a', '$(params.x)'], '--eval=CODE', 'process.argv', 'process.env.X']] as Array<[string[], string, string, string]>) {
      expect([command, SCRIPT_INJECTION.check(commandTask(command))]).toEqual([command, [option(command, example, reads, read)]]);
    }
    // perl's -n and -p (-a, -F) open each argument as <> does, perl's and ruby's -s set variables the arguments name (perl 5.36 run
    // here: `perl -ne print 'echo PWNED|'` ran echo; `perl -s -e 'print $x' -- -x=1` and ruby's set $x): still code
    for (const [command, group, read] of [[['perl', '-ne', 'print', '--', '$(params.x)'], '-ne', '$ENV{X}'], [['perl', '-lane', 'print $F[0]', '--', '$(params.x)'], '-lane', '$ENV{X}'],
      [['perl', '-s', '-e', 'print $x', '--', '$(params.x)'], '-s', '$ENV{X}'], [['ruby', '-s', '-e', 'puts $x', '--', '$(params.x)'], '-s', 'ENV["X"]']] as Array<[string[], string, string]>) {
      expect([command, SCRIPT_INJECTION.check(commandTask(command))]).toEqual([command, [{
        ...at(`command[${command.indexOf('$(params.x)')}]`, command[0]),
        problem: `pastes a substitution into an argument ${command[0]} gives its code as data (${command[0] === 'perl' ? '@ARGV' : 'ARGV'}), which its switch ${group} reads `
          + 'as more than data (-n and -p open each as <> does, where a value such as \'cmd|\' runs cmd; -s sets the variable each names)',
        fix: `Pass it through env instead: env: [{ name: 'X', value: '$(params.x)' }] and read it in the code as ${read}, as data.`,
      }]]);
    }
    // a caller's value in the code, or before it, leaves them all as before
    expect(SCRIPT_INJECTION.check(commandTask(['python3', '-c', 'import sys; print("$(params.y)", sys.argv)', '$(params.x)'])).map((f) => f.property))
      .toEqual(['command[2]', 'command[3]']);
    // pwsh joins every argument after -c into its command (any prefix of -Command, `--` or `/`); Windows PowerShell its first operand's
    expect(SCRIPT_INJECTION.check(commandTask(['pwsh', '-c', 'Write-Output', '$(params.x)']))).toEqual([at('command[3]', 'pwsh')]);
    expect(SCRIPT_INJECTION.check(commandTask(['pwsh', '/Comm', 'Write-Output', '$(params.x)']))).toEqual([at('command[3]', 'pwsh')]);
    expect(SCRIPT_INJECTION.check(commandTask(['powershell', 'Write-Output', '$(params.x)']))).toEqual([at('command[2]', 'powershell')]);
    // PowerShell's and cmd's names as Windows finds them: any case, `.exe`, after a `\`
    for (const command of [['powershell.exe', '-Command', 'Write-Output', '$(params.x)'], ['PowerShell.EXE', 'Write-Output', '$(params.x)'],
      ['pwsh.exe', '-c', 'Write-Output', '$(params.x)'], ['C:\\Program Files\\PowerShell\\7\\pwsh.exe', '-c', 'Write-Output', '$(params.x)'],
      ['cmd.exe', '/c', 'echo $(params.x)'], ['C:\\Windows\\System32\\CMD.EXE', '/k', 'echo', '$(params.x)']]) {
      expect([command, SCRIPT_INJECTION.check(commandTask(command))]).toEqual([command, [at(`command[${command.length - 1}]`, command[0])]]);
    }
  });

  test('an interpreter behind the loader, setarch, poetry run, pipenv run, bundle exec, conda run, gdb --args and other wrappers runs its code', () => {
    const at = (property: string, program: string) => pasted("step 's'", 'step/s', property, '$(params.x)', 'X', 'Task', 'build', program);
    const code = ['python3', '-c', "print('$(params.x)')"];
    for (const [wrapper, index] of [[['/lib64/ld-linux-x86-64.so.2'], 3], [['setarch', 'x86_64', '-R'], 5], [['linux64'], 3], [['poetry', 'run'], 4], [['pipenv', 'run'], 4],
      [['conda', 'run', '-n', 'base'], 6], [['systemd-run', '--pipe'], 4], [['gdb', '-batch', '-ex', 'run', '--args'], 7], [['eatmydata'], 3], [['proot', '-r', '/r'], 5],
      [['unbuffer'], 3], [['rlwrap'], 3], [['cgexec', '-g', 'cpu:ci'], 5], [['torsocks'], 3], [['runcon', '-t', 'ci_t'], 5]] as Array<[string[], number]>) {
      expect([wrapper, SCRIPT_INJECTION.check(commandTask([...wrapper, ...code]))]).toEqual([wrapper, [at(`command[${index}]`, 'python3')]]);
    }
    expect(SCRIPT_INJECTION.check(commandTask(['bundle', 'exec', 'ruby', '-e', "puts '$(params.x)'"]))).toEqual([{
      ...at('command[4]', 'ruby'),
      fix: 'Pass it through env instead: env: [{ name: \'X\', value: \'$(params.x)\' }] and read it in the code as ENV["X"], as data.',
    }]);
    // the arguments of a script file behind them are its data, as without them
    for (const command of [['linux64', 'python3', 'build.py', '$(params.x)'], ['poetry', 'run', 'python3', 'build.py', '$(params.x)']]) {
      expect([command, SCRIPT_INJECTION.check(commandTask(command))]).toEqual([command, []]);
    }
  });

  test('interpreters under their versioned and distribution names: python3m, RHEL\'s platform-python, ruby3.1, tclsh8.6', () => {
    const at = (property: string, program: string, read: string) => ({
      ...pasted("step 's'", 'step/s', property, '$(params.x)', 'X', 'Task', 'build', program),
      fix: `Pass it through env instead: env: [{ name: 'X', value: '$(params.x)' }] and read it in the code as ${read}, as data.`,
    });
    expect(SCRIPT_INJECTION.check(commandTask(['/usr/libexec/platform-python', '-c', "print('$(params.x)')"])))
      .toEqual([at('command[2]', '/usr/libexec/platform-python', 'os.environ["X"] (after import os)')]);
    expect(SCRIPT_INJECTION.check(commandTask(['python3.6m', '-c', "print('$(params.x)')"]))).toEqual([at('command[2]', 'python3.6m', 'os.environ["X"] (after import os)')]);
    expect(SCRIPT_INJECTION.check(commandTask(['ruby3.1', '-e', "puts '$(params.x)'"]))).toEqual([at('command[2]', 'ruby3.1', 'ENV["X"]')]);
    expect(SCRIPT_INJECTION.check(commandTask(['tclsh8.6', '/src/$(params.x).tcl']))).toEqual([at('command[1]', 'tclsh8.6', '$env(X)')]);
    // their script files' arguments are data, as python3's are
    for (const command of [['platform-python', 'build.py', '$(params.x)'], ['ruby3.1', 'build.rb', '$(params.x)'], ['python3m', 'build.py', '$(params.x)']]) {
      expect([command, SCRIPT_INJECTION.check(commandTask(command))]).toEqual([command, []]);
    }
  });

  test('the arguments tclsh, wish and expect pass to their program file are $argv: data; the file, and expect\'s -c, are code', () => {
    const at = (property: string, substitution: string, env: string, program: string) => ({ ...pasted("step 's'", 'step/s', property, substitution, env, 'Task', 'build', program) });
    // tclsh 8.6 and expect 5.45 run here: `tclsh p.tcl '--name=[exec touch F]'` prints argv={--name=[exec touch F]} and touches nothing
    for (const command of [['tclsh', 'prog.tcl', '--name=$(params.x)'], ['tclsh8.6', '-encoding', 'utf-8', 'prog.tcl', '$(params.x)'], ['wish', 'ui.tcl', '$(params.x)'],
      ['expect', 'login.exp', '-c', '$(params.x)'], ['/usr/bin/expect', '-d', 'login.exp', '$(params.x)'], ['expect', '-f', 'login.exp', 'a', '$(params.x)'],
      ['expect', '-f', 'login.exp', 'a-$(params.x)']]) {
      expect([command, SCRIPT_INJECTION.check(commandTask(command))]).toEqual([command, []]);
    }
    // the file, a value before it, expect's -c (also after -f FILE, where its getopt goes on: `expect -f p.exp -c 'exec touch F'` touches F)
    expect(SCRIPT_INJECTION.check(commandTask(['tclsh', '/src/$(params.x).tcl']))).toEqual([{
      ...at('command[1]', '$(params.x)', 'X', 'tclsh'),
      fix: 'Pass it through env instead: env: [{ name: \'X\', value: \'$(params.x)\' }] and read it in the code as $env(X), as data.',
    }]);
    expect(SCRIPT_INJECTION.check(commandTask(['expect', '-c', 'send "$(params.x)"']))).toEqual([{
      ...at('command[2]', '$(params.x)', 'X', 'expect'),
      fix: 'Pass it through env instead: env: [{ name: \'X\', value: \'$(params.x)\' }] and read it in the code as $env(X), as data.',
    }]);
    expect(SCRIPT_INJECTION.check(commandTask(['expect', '-f', 'p.exp', '$(params.x)']))).toEqual([{
      ...at('command[3]', '$(params.x)', 'X', 'expect'),
      fix: 'Pass it through env instead: env: [{ name: \'X\', value: \'$(params.x)\' }] and read it in the code as $env(X), as data.',
    }]);
    expect(SCRIPT_INJECTION.check(commandTask(['expect', '-f', 'p.exp', '-c', '$(params.x)']))).toEqual([{
      ...at('command[4]', '$(params.x)', 'X', 'expect'),
      fix: 'Pass it through env instead: env: [{ name: \'X\', value: \'$(params.x)\' }] and read it in the code as $env(X), as data.',
    }]);
  });

  test('the arguments groovy, julia, elixir and escript pass to their program file are the script\'s: data; the file, a value before it and their code options are code', () => {
    // (groovy 2.4, elixir 1.14 and escript of Erlang 25 run here: `groovy a.groovy -e CODE`, `elixir a.exs -e CODE` and `escript a.erl -eval E` give
    // the script those words and run none; julia's getopt stops at the program file, `+vhqH:e:…`, and `julia script.jl ARG…` gives ARGS, its manual)
    const summary = (command: string[]) => SCRIPT_INJECTION.check(commandTask(command)).map((f) => [f.property, f.value, f.problem]);
    const pastedInto = (property: string, program: string) => [property, '$(params.x)', `pastes a substitution into the arguments of ${program}, which runs them as code`];
    for (const command of [['groovy', 'a.groovy', '$(params.x)'], ['groovy', '-cp', '/lib', 'a.groovy', '-e', '$(params.x)'], ['julia', 'a.jl', '$(params.x)'],
      ['julia', '-t', '4', '--project=/w', 'a.jl', '-e', '$(params.x)'], ['julia', '--', 'a.jl', '$(params.x)'], ['elixir', 'a.exs', '--eval', '$(params.x)'],
      ['elixir', '-pa', '/ebin', 'a.exs', '$(params.x)'], ['escript', 'a.erl', '-eval', '$(params.x)']]) {
      expect([command, summary(command)]).toEqual([command, []]);
    }
    expect(summary(['groovy', '/src/$(params.x).groovy', 'a'])).toEqual([pastedInto('command[1]', 'groovy')]);
    expect(summary(['groovy', '-e', 'println "$(params.x)"'])).toEqual([pastedInto('command[2]', 'groovy')]);
    expect(summary(['julia', '-e', '$(params.x)', 'a'])).toEqual([pastedInto('command[2]', 'julia')]);
    expect(summary(['julia', '-t', '$(params.x)', 'a.jl'])).toEqual([pastedInto('command[2]', 'julia')]);
    expect(summary(['elixir', '--erl', '-eval $(params.x)', 'a.exs'])).toEqual([pastedInto('command[2]', 'elixir')]);
    // elixir's options as bin/elixir 1.14 copies them (run here: `elixir --boot-var K V a.exs -e CODE` gives a.exs ["-e", CODE]): the two
    // values of --boot-var and --pipe-to, one of --remsh, --dot-iex, --dbg; +iex reads them as before; --rpc-eval NODE CODE runs CODE
    // (run here: `elixir --rpc-eval nonode 'IO.puts(:code)' a.exs` printed code); -S runs a script from PATH, mix most often, whose
    // arguments may be code (`elixir -S mix run -e CODE`): the whole line is
    for (const command of [['elixir', '--boot-var', 'K', 'V', 'a.exs', '-e', '$(params.x)'], ['elixir', '--pipe-to', '/p', '/l', 'a.exs', '$(params.x)'],
      ['elixir', '--remsh', 'n@h', 'a.exs', '$(params.x)'], ['elixir', '--dbg', 'pry', 'a.exs', '$(params.x)'],
      ['elixir', '+iex', '-pa', '/ebin', 'a.exs', '$(params.x)']]) {
      expect([command, summary(command)]).toEqual([command, []]);
    }
    expect(summary(['elixir', '--boot-var', 'K', '$(params.x)', 'a.exs'])).toEqual([pastedInto('command[3]', 'elixir')]);
    expect(summary(['elixir', '--boot-var', 'K', 'V', '$(params.x)'])).toEqual([pastedInto('command[4]', 'elixir')]);
    expect(summary(['elixir', '--rpc-eval', 'n@h', '$(params.x)', 'a.exs'])).toEqual([pastedInto('command[3]', 'elixir')]);
    expect(summary(['elixir', '--rpc-eval', 'n@h', 'IO.puts(1)', 'a.exs', '$(params.x)'])).toEqual([pastedInto('command[5]', 'elixir')]);
    expect(summary(['elixir', '-S', '$(params.x)', 'a'])).toEqual([pastedInto('command[2]', 'elixir')]);
    expect(summary(['elixir', '-S', 'mix', 'run', '-e', '$(params.x)'])).toEqual([pastedInto('command[5]', 'elixir')]);
    // (+elixirc compiles every operand: code)
    expect(summary(['elixir', '+elixirc', 'lib/a.ex', '$(params.x)'])).toEqual([pastedInto('command[3]', 'elixir')]);
    expect(summary(['escript', '$(params.x)'])).toEqual([pastedInto('command[1]', 'escript')]);
    // erl reads its flags anywhere (`erl -noshell foo -eval E` evaluates E, Erlang 25 run here) and jshell every later argument as a
    // flag or a file to load (`jshell s.jsh -c` reads -c as --class-path, JDK 17 run here): their arguments stay code
    expect(summary(['erl', '-noshell', 'foo', '$(params.x)'])).toEqual([pastedInto('command[3]', 'erl')]);
    expect(summary(['jshell', 's.jsh', '$(params.x)'])).toEqual([pastedInto('command[2]', 'jshell')]);
  });

  test('mix alone runs its arguments as code, as the admission policies read it: `run -e CODE`, `--eval=CODE` in one word, `eval CODE`, any task\'s', () => {
    // (elixir 1.14's mix, run here: `mix run --no-mix-exs "$X"` with X='--eval=IO.puts("ran")' printed ran, one word an option and its code)
    const at = (property: string) => pasted("step 's'", 'step/s', property, '$(params.x)', 'X', 'Task', 'build', 'mix');
    expect(SCRIPT_INJECTION.check(commandTask(['mix', 'run', '-e', '$(params.x)']))).toEqual([at('command[3]')]);
    expect(SCRIPT_INJECTION.check(commandTask(['mix'], ['eval', 'System.cmd("$(params.x)", [])']))).toEqual([at('args[1]')]);
    expect(SCRIPT_INJECTION.check(commandTask(['mix', 'run', '--no-mix-exs'], ['$(params.x)']))).toEqual([at('args[0]')]);
    expect(SCRIPT_INJECTION.check(commandTask(['mix', 'test', '$(params.x)']))).toEqual([at('command[2]')]);
    // (its code through env, read in the code, is none of the caller's words)
    const throughEnv = hardenedContainer('s', { script: undefined, command: ['mix', 'eval', 'System.cmd(System.get_env("X"), [])'], env: [{ name: 'X', value: '$(params.x)' }] });
    expect(SCRIPT_INJECTION.check(task({ steps: [throughEnv] }))).toEqual([]);
  });

  test('kubectl\'s files and operands are data for a command that runs nothing they name, where no caller\'s value can be an option before them', () => {
    const at = (property: string, substitution: string, env: string) => ({ ...pasted("step 's'", 'step/s', property, substitution, env, 'Task', 'build', 'kubectl') });
    // IBM's tekton-tutorial's `kubectl apply -f` of a file under a fixed path: -f is a list kubectl splits at commas (pflag StringSlice),
    // so the value may add a URL (`a.yaml,https://host/x.yaml`) whose objects kubectl fetches and applies (cli-runtime builder.go)
    expect(SCRIPT_INJECTION.check(commandTask(['kubectl'], ['apply', '-f', '/workspace/src/$(params.file)']))).toEqual([at('args[2]', '$(params.file)', 'FILE')]);
    expect(SCRIPT_INJECTION.check(commandTask(['kubectl'], ['apply', '-f', '/workspace/src/deploy.yaml', '-n', 'ci-$(params.env)']))).toEqual([]);
    expect(SCRIPT_INJECTION.check(commandTask(['kubectl'], ['logs', '-f', 'pod/build-$(params.id)']))).toEqual([]);
    expect(SCRIPT_INJECTION.check(commandTask(['kubectl'], ['delete', 'pod', 'build-$(params.id)']))).toEqual([]);
    expect(SCRIPT_INJECTION.check(commandTask(['kubectl'], ['-n', 'ci', 'label', 'pod', 'p', 'build=x$(params.id)']))).toEqual([]);
    // a file of objects kubectl fetches where the value makes it a URL (cli-runtime builder.go: http:// or https://), or chooses what a URL fetches
    expect(SCRIPT_INJECTION.check(commandTask(['kubectl'], ['apply', '-f', 'h$(params.file)']))).toEqual([at('args[2]', '$(params.file)', 'FILE')]);
    expect(SCRIPT_INJECTION.check(commandTask(['kubectl'], ['delete', '--filename', 'https://raw.githubusercontent.com/org/repo/$(params.ref)/deploy.yaml'])))
      .toEqual([at('args[2]', '$(params.ref)', 'REF')]);
    expect(SCRIPT_INJECTION.check(commandTask(['kubectl'], ['apply', '-f', 'k8s/$(params.file)']))).toEqual([at('args[2]', '$(params.file)', 'FILE')]);
    // a value that starts a word may be an option (--kubeconfig=…, whose exec user runs a command); after it nothing is known
    expect(SCRIPT_INJECTION.check(commandTask(['kubectl'], ['apply', '-f', '$(params.file)']))).toEqual([at('args[2]', '$(params.file)', 'FILE')]);
    expect(SCRIPT_INJECTION.check(commandTask(['kubectl'], ['apply', '$(params.opt)', '-f', '/w/$(params.file)'])))
      .toEqual([at('args[1]', '$(params.opt)', 'OPT'), at('args[3]', '$(params.file)', 'FILE')]);
    // commands that run what they are given, an option's value not known as data, a word after --
    for (const args of [['exec', 'pod', '--', 'sh', '/w/$(params.file)'], ['config', 'set-credentials', 'u', 'x/$(params.cmd)'],
      ['apply', '--kubeconfig', '/w/$(params.file)', '-f', 'a.yaml'], ['apply', '-f', 'a.yaml', '--', '/w/$(params.file)'], ['my-plugin', '/w/$(params.file)'],
      ['create', 'job', 'j', '--image=x$(params.file)']]) {
      expect([args, SCRIPT_INJECTION.check(commandTask(['kubectl'], args)).length]).toEqual([args, 1]);
    }
  });

  test('the image references and files of docker, podman and nerdctl commands that run no container are data, where no caller\'s value can be an option before them', () => {
    const at = (property: string, substitution: string, env: string, program = 'podman') => ({ ...pasted("step 's'", 'step/s', property, substitution, env, 'Task', 'build', program) });
    // quarkuscoffeeshop's push tasks: podman pull of a reference a literal starts (`docker://…:$(inputs.params.tag)`) runs nothing it names
    expect(SCRIPT_INJECTION.check(commandTask(['podman', 'pull', '--tls-verify=false', 'docker://image-registry.svc:5000/ci/app:$(params.tag)']))).toEqual([]);
    for (const [program, args] of [
      ['docker', ['push', 'quay.io/org/app:$(params.tag)']], ['nerdctl', ['tag', 'app:1', 'quay.io/org/app:$(params.tag)']], ['podman', ['images', 'quay.io/org/$(params.name)']],
      ['podman', ['inspect', 'quay.io/org/app:$(params.tag)']], ['docker', ['rmi', 'app:$(params.tag)']], ['podman', ['login', '-u', 'bot', 'quay.io/$(params.org)']],
      ['/usr/bin/docker', ['logout', 'quay.io/$(params.org)']], ['podman', ['--storage-driver=vfs', 'push', '--authfile', '/etc/auth/config.json', 'q.io/x:$(params.tag)']],
    ] as Array<[string, string[]]>) {
      expect([program, args, SCRIPT_INJECTION.check(commandTask([program], args))]).toEqual([program, args, []]);
    }
    // a command that runs a container or a build, a value that starts a word (an option), a word after it, an option before the command
    // whose value is not known, a word after --
    expect(SCRIPT_INJECTION.check(commandTask(['podman'], ['run', 'app:$(params.tag)']))).toEqual([at('args[1]', '$(params.tag)', 'TAG')]);
    expect(SCRIPT_INJECTION.check(commandTask(['docker'], ['build', '-f', 'x/$(params.file)', '.']))).toEqual([at('args[2]', '$(params.file)', 'FILE', 'docker')]);
    expect(SCRIPT_INJECTION.check(commandTask(['podman'], ['pull', '$(params.ref)', 'x/$(params.other)'])))
      .toEqual([at('args[1]', '$(params.ref)', 'REF'), at('args[2]', '$(params.other)', 'OTHER')]);
    expect(SCRIPT_INJECTION.check(commandTask(['podman'], ['--root', '/var/lib/x', 'pull', 'app:$(params.tag)']))).toEqual([at('args[3]', '$(params.tag)', 'TAG')]);
    expect(SCRIPT_INJECTION.check(commandTask(['podman'], ['pull', '--', 'app:$(params.tag)']))).toEqual([at('args[2]', '$(params.tag)', 'TAG')]);
  });

  test('the image name, labels and platform of a build, helm\'s values and version, kubectl set image\'s images are data; the build\'s context, file and build args are code', () => {
    const at = (property: string, substitution: string, env: string, program: string) => ({ ...pasted("step 's'", 'step/s', property, substitution, env, 'Task', 'build', program) });
    for (const command of [['docker', 'build', '-t', 'registry.example.com/app:$(params.x)', '.'], ['podman', 'build', '--no-cache', '--tag=$(params.x)', '--label', 'rev=$(params.x)', '.'],
      ['nerdctl', 'build', '-f', 'Dockerfile', '--platform', '$(params.x)', '-t', '$(params.x)', '.'], ['docker', 'build', '.', '-t', 'app:$(params.x)'],
      ['helm', 'upgrade', '--install', 'myrel', './chart', '--set', 'image.tag=$(params.x)'], ['helm', 'install', 'r', 'repo/chart', '--version', '$(params.x)', '-n', 'ci-$(params.x)'],
      ['helm', 'template', 'r', './chart', '--set-string=a=$(params.x)'], ['kubectl', 'set', 'image', 'deployment/app', 'app=registry.example.com/app:$(params.x)'],
      ['kubectl', '-n', 'ci', 'set', 'image', 'deployment/app', 'app=r.example.com/app:$(params.x)']]) {
      expect([command, SCRIPT_INJECTION.check(commandTask(command))]).toEqual([command, []]);
    }
    // the context, the Dockerfile, a build arg (`FROM ${BASE}` chooses the image the build runs), after an option not known, a word a value starts, after --
    expect(SCRIPT_INJECTION.check(commandTask(['docker', 'build', '-t', 'app', '/src/$(params.x)']))).toEqual([at('command[4]', '$(params.x)', 'X', 'docker')]);
    expect(SCRIPT_INJECTION.check(commandTask(['podman', 'build', '--build-arg', 'BASE=$(params.x)', '.']))).toEqual([at('command[3]', '$(params.x)', 'X', 'podman')]);
    expect(SCRIPT_INJECTION.check(commandTask(['docker', 'build', '--new-option', '-t', 'app:$(params.x)', '.']))).toEqual([at('command[4]', '$(params.x)', 'X', 'docker')]);
    expect(SCRIPT_INJECTION.check(commandTask(['docker', 'build', '$(params.o)', '-t', 'app:$(params.x)', '.'])))
      .toEqual([at('command[2]', '$(params.o)', 'O', 'docker'), at('command[4]', '$(params.x)', 'X', 'docker')]);
    // helm's chart, a post-renderer (a program helm runs), a command other than install, upgrade and template
    expect(SCRIPT_INJECTION.check(commandTask(['helm', 'upgrade', 'r', 'oci://r.example.com/$(params.x)']))).toEqual([at('command[3]', '$(params.x)', 'X', 'helm')]);
    expect(SCRIPT_INJECTION.check(commandTask(['helm', 'install', 'r', './chart', '--post-renderer', '/w/$(params.x)']))).toEqual([at('command[5]', '$(params.x)', 'X', 'helm')]);
    expect(SCRIPT_INJECTION.check(commandTask(['helm', 'plugin', 'install', '--set', 'a=$(params.x)']))).toEqual([at('command[4]', '$(params.x)', 'X', 'helm')]);
    // kubectl set env (its --from reads a secret into the object), a value that starts a word
    expect(SCRIPT_INJECTION.check(commandTask(['kubectl', 'set', 'env', 'deployment/app', 'A=$(params.x)']))).toEqual([at('command[4]', '$(params.x)', 'X', 'kubectl')]);
    expect(SCRIPT_INJECTION.check(commandTask(['kubectl', 'set', 'image', 'deployment/app', '$(params.x)']))).toEqual([at('command[4]', '$(params.x)', 'X', 'kubectl')]);
  });

  test.each([
    '$(workspaces.cache.bound)', '$(workspaces.cache.volume)', '$(context.taskRun.name)', '$(context.taskRun.namespace)', '$(context.taskRun.uid)',
    '$(context.pipelineRun.name)', '$(context.pipelineRun.namespace)', '$(context.pipelineRun.uid)', '$(context.task.name)',
    '$(context.pipeline.name)',
  ])('compliant: %s can spell only "true"/"false", a DNS-1123 name or a uid: no shell reads it as code', (substitution) => {
    expect(SCRIPT_INJECTION.check(task({ steps: [hardenedContainer('compile', { script: `#!/bin/sh\necho ${substitution} > /tmp/x\n` })] }))).toEqual([]);
  });

  test('non-compliant: a StepAction checked with the Task that runs it, whose script uses a workspace path the Task\'s mount path lets a caller choose', () => {
    const action = { apiVersion: 'tekton.dev/v1beta1', kind: 'StepAction', metadata: { name: 'build', namespace: 'ci' }, spec: { image: 'x', script: '#!/bin/sh\ncd $(workspaces.source.path)\nmake\n' } };
    const t = task({ params: [{ name: 'dir' }], workspaces: [{ name: 'source', mountPath: '/ws/$(params.dir)' }], steps: [{ name: 'compile', ref: { name: 'build' } }] });
    expect(SCRIPT_INJECTION.check(t, ruleContext([t, action]))).toEqual([{
      ...pasted("step 'compile'", 'step/compile', 'script', '$(workspaces.source.path)', 'SOURCE_PATH'),
      problem: "pastes a substitution into a script (in StepAction 'build', which this step runs)",
    }]);
    // alone, or with a fixed mount path, nothing: the StepAction's own path is Tekton's
    expect(SCRIPT_INJECTION.check(t)).toEqual([]);
    expect(SCRIPT_INJECTION.check(action, ruleContext([t, action]))).toEqual([]);
    const fixed = task({ workspaces: [{ name: 'source', mountPath: '/ws/src' }], steps: [{ name: 'compile', ref: { name: 'build' } }] });
    expect(SCRIPT_INJECTION.check(fixed, ruleContext([fixed, action]))).toEqual([]);
    // a Task without a namespace may run the StepAction of its name in any namespace: each one is read
    const safe = { ...action, metadata: { name: 'build', namespace: 'other' }, spec: { image: 'x', script: '#!/bin/sh\necho safe\n' } };
    const anywhere = { ...t, metadata: { name: 'build' } };
    expect(SCRIPT_INJECTION.check(anywhere, ruleContext([anywhere, safe, action])).map((f) => f.value)).toEqual(['$(workspaces.source.path)']);
  });

  test('non-compliant: a StepAction\'s script holds a workspace path the step passes to its param: the finding quotes the StepAction\'s text as written', () => {
    const action = {
      apiVersion: 'tekton.dev/v1beta1',
      kind: 'StepAction',
      metadata: { name: 'build', namespace: 'ci' },
      spec: { image: 'x', params: [{ name: 'dir' }], script: '#!/bin/sh\ncd $(params.dir)\nmake\n', command: ['sh', '-c', 'ls $(params.dir)'] },
    };
    const t = task({
      params: [{ name: 'sub' }],
      workspaces: [{ name: 'source', mountPath: '/ws/$(params.sub)' }],
      steps: [{ name: 'compile', ref: { name: 'build' }, params: [{ name: 'dir', value: '$(workspaces.source.path)/src' }] }],
    });
    const where = "(in StepAction 'build', which this step runs, where \"$(params.dir)\" becomes \"$(workspaces.source.path)/src\": the value this step passes to param dir)";
    const fix = "In StepAction 'build', pass it through env instead: env: [{ name: 'SOURCE_PATH', value: '$(params.dir)' }] and use \"$SOURCE_PATH\" (quoted) in the script.";
    const shellFix = "In StepAction 'build', pass it through env instead: env: [{ name: 'SOURCE_PATH', value: '$(params.dir)' }] and use \"$SOURCE_PATH\" (quoted) in the shell code sh runs, as data.";
    // neither `$(workspaces.source.path)` (which the Task writes in the step's params) nor what it becomes is in the script: `$(params.dir)` is
    expect(SCRIPT_INJECTION.check(t, ruleContext([t, action]))).toEqual([
      { ...pasted("step 'compile'", 'step/compile', 'script', '$(params.dir)', 'SOURCE_PATH'), problem: `pastes a substitution into a script ${where}`, fix },
      { ...pasted("step 'compile'", 'step/compile', 'command[2]', '$(params.dir)', 'SOURCE_PATH'), problem: `pastes a substitution into the arguments of sh, which runs them as code ${where}`, fix: shellFix },
    ]);
    // a default the step does not override is said as such
    const byDefault = { ...action, spec: { ...action.spec, params: [{ name: 'dir', default: '$(workspaces.source.path)' }], command: ['make'] } };
    const bare = task({ params: [{ name: 'sub' }], workspaces: [{ name: 'source', mountPath: '/ws/$(params.sub)' }], steps: [{ name: 'compile', ref: { name: 'build' } }] });
    expect(SCRIPT_INJECTION.check(bare, ruleContext([bare, byDefault])).map((f) => [f.value, f.problem])).toEqual([[
      '$(params.dir)', "pastes a substitution into a script (in StepAction 'build', which this step runs, where \"$(params.dir)\" becomes "
        + '"$(workspaces.source.path)": the default of param dir, which this step does not pass)',
    ]]);
  });

  test('non-compliant: the kubelet expands $(NAME) in the code argument of sh -c from an env var that holds a caller\'s value; in a script it does not', () => {
    const viaEnv = task({ steps: [hardenedContainer('s', { script: undefined, command: ['sh', '-c'], args: ['echo $(MSG)'], env: [{ name: 'MSG', value: '$(params.message)' }] })] });
    expect(SCRIPT_INJECTION.check(viaEnv)).toEqual([{
      ...pasted("step 's'", 'step/s', 'args[0]', '$(MSG)', 'MSG', 'Task', 'build', 'sh'),
      problem: 'pastes a substitution into the arguments of sh, which runs them as code (the kubelet expands $(MSG), whose env var holds a value callers can choose)',
      fix: 'Write "$MSG" (the shell\'s own expansion, quoted) instead of $(MSG), which the kubelet pastes into the code.',
    }]);
    // Tekton writes a script to a file: the kubelet never sees it, and $(MSG) there is the shell's own command substitution
    const inScript = task({ steps: [hardenedContainer('s', { script: '#!/bin/sh\necho $(MSG)\n', env: [{ name: 'MSG', value: '$(params.message)' }] })] });
    expect(SCRIPT_INJECTION.check(inScript)).toEqual([]);
  });

  test('non-compliant: the kubelet\'s $(NAME) of an env var in the code of another interpreter, or naming jq\'s program file: the fix reads the env var the step already sets', () => {
    const fixes = (command: string[]) => SCRIPT_INJECTION.check(task({
      steps: [hardenedContainer('s', { script: undefined, command, env: [{ name: 'X', value: '$(params.x)' }] })],
    })).map((f) => [f.property, f.fix]);
    expect(fixes(['python3', '-c', 'print("$(X)")'])).toEqual([['command[2]',
      'Read it in the code as os.environ["X"] (after import os) instead of $(X), which the kubelet pastes into the code (env var X already holds the value).']]);
    expect(fixes(['node', '-e', 'console.log("$(X)")'])).toEqual([['command[2]',
      'Read it in the code as process.env.X instead of $(X), which the kubelet pastes into the code (env var X already holds the value).']]);
    expect(fixes(['jq', '-f', '$(X)', 'in.json'])).toEqual([['command[2]', 'Name the program file literally (a path in the image, or under '
      + '$(workspaces.<w>.path)), and read the value in the program as $ENV.X (env var X already holds it).']]);
    expect(fixes(['jq', '-L', '$(X)', '-n', 'import "m" as m; m::f'])).toEqual([['command[2]', 'Name the module directory literally (-L with a path in the '
      + 'image, or under $(workspaces.<w>.path)), and read the value in the program as $ENV.X (env var X already holds it).']]);
    // a shell's code keeps the shell's own expansion
    expect(fixes(['bash', '-c', 'echo $(X)'])).toEqual([['command[2]',
      'Write "$X" (the shell\'s own expansion, quoted) instead of $(X), which the kubelet pastes into the code.']]);
  });

  test('non-compliant: the env as Tekton merges the stepTemplate under a step (its own entries first), and under the StepAction a step runs', () => {
    const summary = (m: any, context?: any) => SCRIPT_INJECTION.check(m, context).map((f) => [f.location, f.property, f.value]);
    // the step's WHO comes before the template's GREETING, so GREETING holds the caller's value
    const merged = task({
      stepTemplate: { env: [{ name: 'GREETING', value: 'hello $(WHO)' }] },
      steps: [hardenedContainer('s', { script: undefined, env: [{ name: 'WHO', value: '$(params.who)' }], command: ['sh', '-c', 'echo $(GREETING)'] })],
    });
    expect(summary(merged)).toEqual([["step 's'", 'command[2]', '$(GREETING)']]);
    // Tekton resolves the StepAction into the step and then merges the stepTemplate under it
    const greet = { apiVersion: 'tekton.dev/v1beta1', kind: 'StepAction', metadata: { name: 'greet' }, spec: { image: 'x', command: ['sh', '-c', 'echo hello $(GREETING)'] } };
    const runner = task({ params: [{ name: 'who' }], stepTemplate: { env: [{ name: 'GREETING', value: '$(params.who)' }] }, steps: [{ name: 'greet', ref: { name: 'greet' } }] });
    const context = ruleContext([runner, greet]);
    expect(SCRIPT_INJECTION.check(runner, context).map((f) => [f.location, f.property, f.value, f.problem])).toEqual([[
      "step 'greet'", 'command[2]', '$(GREETING)', 'pastes a substitution into the arguments of sh, which runs them as code (the kubelet expands $(GREETING), '
        + "whose env var holds a value callers can choose) (in StepAction 'greet', which this step runs)",
    ]]);
    expect(summary(greet, context)).toEqual([]);
  });

  test('compliant: a space inside the parentheses: Tekton replaces only the exact text $(params.x), so the shell runs a command named params.x', () => {
    for (const text of ['$( params.x)', '$(params .x)', '$( tasks.a.results.b )']) {
      expect(SCRIPT_INJECTION.check(task({ steps: [hardenedContainer('compile', { script: `#!/bin/sh\necho ${text}\n` })] }))).toEqual([]);
    }
  });

  test('non-compliant: a workspace path whose mount path holds a param (Tekton substitutes the param into the mount path first)', () => {
    const script = '#!/bin/sh\ncd $(workspaces.src.path)\n';
    const declared = task({ params: [{ name: 'dir' }], workspaces: [{ name: 'src', mountPath: '/w/$(params.dir)' }], steps: [hardenedContainer('compile', { script })] });
    expect(SCRIPT_INJECTION.check(declared)).toEqual([pasted("step 'compile'", 'step/compile', 'script', '$(workspaces.src.path)', 'SRC_PATH')]);
    // a step's own mount path for the workspace is pasted as written, after params: the shell sees $(params.dir), its own command substitution
    const used = task({
      params: [{ name: 'dir' }],
      workspaces: [{ name: 'src' }],
      steps: [hardenedContainer('compile', { script, workspaces: [{ name: 'src', mountPath: '$(params.dir)' }] })],
    });
    expect(SCRIPT_INJECTION.check(used)).toEqual([]);
    // a mount path Tekton fixes, or spelled with inert substitutions, leaves the path inert; another workspace is unaffected
    const fixed = task({
      workspaces: [{ name: 'src', mountPath: '/w/$(context.taskRun.name)' }, { name: 'out', mountPath: '$(params.dir)' }],
      steps: [hardenedContainer('compile', { script })],
    });
    expect(SCRIPT_INJECTION.check(fixed)).toEqual([]);
  });

  test('compliant: the counts Tekton writes as decimal numbers (a retry count, a task\'s retries, a matrix\'s lengths)', () => {
    const script = '#!/bin/sh\necho "attempt $(context.task.retry-count) of $(context.pipelineTask.retries)"\n'
      + 'echo "$(tasks.build.matrix.length) builds, $(tasks.build.matrix.digest.length) digests"\n';
    expect(SCRIPT_INJECTION.check(task({ steps: [hardenedContainer('compile', { script })] }))).toEqual([]);
  });

  test.each([
    ['a workspace claim', '$(workspaces.src.claim)', 'CLAIM'],
    ['a v1beta1 input param', '$(inputs.params.x)', 'X'],
  ])('non-compliant: %s pasted into a script', (_, substitution, env) => {
    expect(SCRIPT_INJECTION.check(task({ steps: [hardenedContainer('compile', { script: `#!/usr/bin/env python3\nprint("${substitution}")\n` })] })))
      .toEqual([{
        ...pasted("step 'compile'", 'step/compile', 'script', substitution, env),
        // the script is Python's (its #! line): it reads the env var as Python does
        fix: `Pass it through env instead: env: [{ name: '${env}', value: '${substitution}' }] and read it in the script as os.environ["${env}"] (after import os), as data.`,
      }]);
  });

  test.each<[string, string[], string[], string, string]>([
    ['python -c', ['python3', '-c'], ['print("$(params.x)")'], 'python3', 'args[0]'],
    ['node -e', ['/usr/local/bin/node'], ['-e', 'console.log("$(params.x)")'], '/usr/local/bin/node', 'args[1]'],
    ['perl -ne', ['perl', '-ne'], ['print "$(params.x)"'], 'perl', 'args[0]'],
    ['combined shell flags', ['sh', '-ec'], ['echo $(params.x)'], 'sh', 'args[0]'],
    ['env with options and assignments', ['env', '-i', 'HOME=/tmp', 'sh', '-c'], ['echo $(params.x)'], 'sh', 'args[0]'],
    ['timeout wrapping bash', ['timeout', '5m', 'bash', '-xc'], ['echo $(params.x)'], 'bash', 'args[0]'],
    ["the shell's command builtin wrapping bash", ['command', '-p', 'bash', '-c'], ['echo $(params.x)'], 'bash', 'args[0]'],
    ['a shell running a script file gets the value as $1', ['sh'], ['/scripts/run.sh', '$(params.x)'], 'sh', 'args[1]'],
    ['awk program text', ['awk'], ['{ print "$(params.x)" }'], 'awk', 'args[0]'],
    ['ssh remote command', ['ssh', 'deploy@host'], ['restart $(params.x)'], 'ssh', 'args[0]'],
  ])('non-compliant: %s', (_, command, args, program, element) => {
    expect(SCRIPT_INJECTION.check(commandTask(command, args))).toEqual([pasted("step 's'", 'step/s', element, '$(params.x)', 'X', 'Task', 'build', program)]);
  });

  test('compliant: after `sh -c CODE`, NAME and the arguments are $0, $1 ...: data the shell never parses', () => {
    expect(SCRIPT_INJECTION.check(commandTask(['/bin/sh', '-c', 'printf "%s\\n" "$@" > /tmp/out', 'write'], ['$(params.tags[*])']))).toEqual([]);
    expect(SCRIPT_INJECTION.check(commandTask(['bash', '-euc'], ['echo "$1"', '$(params.x)', '$(params.y)']))).toEqual([]);
    expect(SCRIPT_INJECTION.check(commandTask(['env', 'A=1', 'sh', '-c', 'echo "$0"', '$(params.x)']))).toEqual([]);
    // after the string of env -S that holds the shell, its code and NAME: env appends the arguments after the string as they are
    expect(SCRIPT_INJECTION.check(commandTask(['env', '-S', 'sh -c \'echo "$1"\' _'], ['$(params.x)']))).toEqual([]);
    expect(SCRIPT_INJECTION.check(commandTask(['env', '-S', 'sh -c \'eval "$1"\' _'], ['$(params.x)'])).map((f) => [f.value, f.problem])).toEqual([[
      'eval "$1"', 'runs as code args[0], which holds $(params.x) and which the shell gets as a positional parameter: eval runs its words as code (as $1)',
    ]]);
  });

  test('non-compliant: an empty ARG the shell drops where it expands it unquoted, so the next one is the program (bash 5.2, dash 0.5.12)', () => {
    const shown = (check: any[]) => check.map((f) => [f.value, f.problem]);
    const how = 'which holds $(params.x) and which the shell gets as a positional parameter: it chooses the program the command runs';
    expect(shown(SCRIPT_INJECTION.check(commandTask(['sh', '-c', '$@', 'sh'], ['', '$(params.x)'])))).toEqual([['$@', `runs as code args[1], ${how} (as $@)`]]);
    expect(shown(SCRIPT_INJECTION.check(commandTask(['sh', '-c', '$1 $2', 'sh'], ['', '$(params.x)'])))).toEqual([['$1 $2', `runs as code args[1], ${how} (as $2)`]]);
    // quoted, "$@" gives one empty field, the program; `echo $1 $2` runs echo
    expect(SCRIPT_INJECTION.check(commandTask(['sh', '-c', '"$@"', 'sh'], ['', '$(params.x)']))).toEqual([]);
    expect(SCRIPT_INJECTION.check(commandTask(['sh', '-c', 'echo $1 $2', 'sh'], ['', '$(params.x)']))).toEqual([]);
    // through an array the code copies them into, named as bash writes its element, in braces
    expect(shown(SCRIPT_INJECTION.check(commandTask(['bash', '-c', 'A=("$@"); eval "${A[0]}"', 'sh'], ['$(params.x)'])))).toEqual([[
      'eval "${A[0]}"', 'runs as code args[0], which holds $(params.x) and which the shell gets as a positional parameter: eval runs its words as code '
        + '(through ${A[0]}, which the script assigns from it)',
    ]]);
  });

  test('compliant: the name and value of jq\'s --arg, --argjson, --slurpfile and --rawfile are data bound to $name, never its program', () => {
    expect(SCRIPT_INJECTION.check(commandTask(['jq'], ['--argjson', 'strict', '$(params.x)', '-e', '.result == "SUCCESS" or ($strict | not)', '/tmp/report.json']))).toEqual([]);
    expect(SCRIPT_INJECTION.check(commandTask(['gojq'], ['-r', '.items[] | select(.name == $n)', '--arg', 'n', '$(params.x)', '/tmp/in.json']))).toEqual([]);
    // past the options that take a value, as jq reads them
    expect(SCRIPT_INJECTION.check(commandTask(['jq'], ['--indent', '2', '--arg', 'n', '$(params.x)', '.name = $n', '/tmp/in.json']))).toEqual([]);
    expect(SCRIPT_INJECTION.check(commandTask(['jq'], ['-L', '/usr/share/jq', '-f', '/lib/filter.jq', '--rawfile', 'body', '$(params.x)']))).toEqual([]);
    // past every option of jq 1.7 that takes none, and an operand that starts with - (the program -1)
    expect(SCRIPT_INJECTION.check(commandTask(['jq'], ['--seq', '-b', '--stream-errors', '--arg', 'n', '$(params.x)', '.name = $n', '/tmp/in.json']))).toEqual([]);
    expect(SCRIPT_INJECTION.check(commandTask(['jq'], ['-n', '-1', '--arg', 'n', '$(params.x)']))).toEqual([]);
    // the operands after the program: input files jq reads as JSON, or after --args and --jsonargs $ARGS.positional (jq 1.7 main.c)
    // (the last argument, or after --: one before another argument may be --run-tests, below)
    expect(SCRIPT_INJECTION.check(commandTask(['jq'], ['-r', '.name', '/tmp/b.json', '$(params.x)']))).toEqual([]);
    expect(SCRIPT_INJECTION.check(commandTask(['jq'], ['-r', '.name', '--', '$(params.x)', '/tmp/b.json']))).toEqual([]);
    expect(SCRIPT_INJECTION.check(commandTask(['jq'], ['-r', '.name', '/tmp/b-$(params.x).json', '/tmp/c.json']))).toEqual([]);
    expect(SCRIPT_INJECTION.check(commandTask(['jq'], ['-n', '$ARGS.positional', '--args', '--', '$(params.x)', '$(params.y)']))).toEqual([]);
    expect(SCRIPT_INJECTION.check(commandTask(['gojq'], ['-r', '.name', '$(params.x)', '/tmp/b.json']))).toEqual([]);
    expect(SCRIPT_INJECTION.check(commandTask(['gojq'], ['-n', '--jsonargs', '$ARGS', '$(params.x)']))).toEqual([]);
    expect(SCRIPT_INJECTION.check(commandTask(['jq'], ['-L', '--arg', 'n', '$(params.x)']))).toEqual([]);
    expect(SCRIPT_INJECTION.check(commandTask(['jq'], ['-f', '/lib/filter.jq', '--', '$(params.x)']))).toEqual([]);
    // a directory of modules a program that imports none never loads (jq 1.7 main.c, src/linker.c), whatever it is
    expect(SCRIPT_INJECTION.check(commandTask(['jq'], ['-L', '$(params.x)', '.a', 'in.json']))).toEqual([]);
    expect(SCRIPT_INJECTION.check(commandTask(['jq'], ['-r', '-L$(params.x)', '.a']))).toEqual([]);
    expect(SCRIPT_INJECTION.check(commandTask(['jq'], ['--library-path', '$(params.x)', '-n', '1']))).toEqual([]);
    expect(SCRIPT_INJECTION.check(commandTask(['jq'], ['import "m" as m; m::f', '--', '$(params.x)']))).toEqual([]);
  });

  test('non-compliant: jq\'s program file (-f) and a directory of the modules its program imports (-L), and a last operand that may be -L/dir', () => {
    const found = (property: string, problem: string, fix: string) => ({
      rule: RuleId.SCRIPT_INJECTION, kind: 'Task', name: 'build', location: "step 's'", target: 'step/s', property, value: '$(params.x)', problem, fix,
    });
    const file = (property: string, program = 'jq') => found(property,
      `pastes a substitution into the name of the file ${program} reads its program from (-f): the value chooses the code that runs (any file the container can read)`,
      "Name the program file literally (a path in the image, or under $(workspaces.<w>.path)), and pass the value to the program as data: env: [{ name: 'X', value: '$(params.x)' }] and read it in the program as $ENV.X.");
    const library = (property: string) => found(property,
      'pastes a substitution into a directory jq searches for the modules its program imports (-L): the value chooses the code import and include load',
      "Name the module directory literally (-L with a path in the image, or under $(workspaces.<w>.path)), and pass the value to the program as data: env: [{ name: 'X', value: '$(params.x)' }] and read it in the program as $ENV.X.");
    const last = (property: string) => found(property,
      'pastes a substitution first into the last operand of jq, where a value such as -L/dir is an option: jq then loads the modules its program imports (import, include) from that directory',
      "Write -- after jq's program and options, before $(params.x): jq reads every argument after -- as an input file (or with --args a value).");
    expect(SCRIPT_INJECTION.check(commandTask(['jq'], ['-f', '$(params.x)', '/tmp/in.json']))).toEqual([file('args[1]')]);
    expect(SCRIPT_INJECTION.check(commandTask(['jq'], ['--from-file', '$(params.x)']))).toEqual([file('args[1]')]);
    expect(SCRIPT_INJECTION.check(commandTask(['jq'], ['-nf', '$(params.x)']))).toEqual([file('args[1]')]);
    expect(SCRIPT_INJECTION.check(commandTask(['gojq'], ['-f', '$(params.x)', 'in.json']))).toEqual([file('args[1]', 'gojq')]);
    expect(SCRIPT_INJECTION.check(commandTask(['jq'], ['-L', '$(params.x)', 'import "m" as m; m::f']))).toEqual([library('args[1]')]);
    expect(SCRIPT_INJECTION.check(commandTask(['jq'], ['--library-path', '$(params.x)', 'include "m"; f', 'in.json']))).toEqual([library('args[1]')]);
    expect(SCRIPT_INJECTION.check(commandTask(['jq'], ['-L$(params.x)', '-f', '/lib/filter.jq']))).toEqual([library('args[0]')]);
    // last, a value -L/dir (jq 1.7 reads the rest of -L… as the directory) where the program imports, or is a file jq reads
    expect(SCRIPT_INJECTION.check(commandTask(['jq'], ['import "m" as m; m::f', '$(params.x)']))).toEqual([last('args[1]')]);
    expect(SCRIPT_INJECTION.check(commandTask(['jq'], ['-f', '/lib/filter.jq', '$(params.x)']))).toEqual([last('args[2]')]);
  });

  test('jq: an element expanded from an array (no argument or several) moves the arguments after it, the program among them', () => {
    const arrayTask = (args: string[]) => task({
      params: [{ name: 'x', type: 'string' }, { name: 'list', type: 'array' }],
      steps: [hardenedContainer('s', { script: undefined, command: ['jq'], args })],
    });
    // `--arg n a b .`: the array's second element is the program
    expect(SCRIPT_INJECTION.check(arrayTask(['--arg', 'n', '$(params.list[*])', '.']))).toEqual([
      pasted("step 's'", 'step/s', 'args[2]', '$(params.list[*])', 'P_', 'Task', 'build', 'jq'),
    ]);
    // an empty array: `--arg n . "$x"`, so x is the program
    expect(SCRIPT_INJECTION.check(arrayTask(['--arg', 'n', '$(params.list[*])', '.', '$(params.x)']))).toEqual([
      pasted("step 's'", 'step/s', 'args[2]', '$(params.list[*])', 'P_', 'Task', 'build', 'jq'),
      pasted("step 's'", 'step/s', 'args[4]', '$(params.x)', 'X', 'Task', 'build', 'jq'),
    ]);
    // after the program and --args, and after --, every element stays data, wherever it lands; before another argument
    // an element may be --run-tests (below)
    expect(SCRIPT_INJECTION.check(arrayTask(['-n', '$ARGS', '--args', '--', '$(params.list[*])', '$(params.x)']))).toEqual([]);
    expect(SCRIPT_INJECTION.check(arrayTask(['-r', '.a', '--', '$(params.list[*])', '$(params.x)']))).toEqual([]);
    expect(SCRIPT_INJECTION.check(arrayTask(['-r', '.a', '$(params.list[*])', '$(params.x)']))).toEqual([runTests('$(params.list[*])', 'args[2]')]);

    // in a Pipeline, a whole $(params.name) of a string param of the pipeline's, for which the pipeline task passes its own array
    // (singleElements): Tekton expands it to that array's elements, none here, so x is jq's program (`jq --arg n . "$x"`)
    const inPipeline = SCRIPT_INJECTION.check({
      apiVersion: 'tekton.dev/v1',
      kind: 'Pipeline',
      metadata: { name: 'p' },
      spec: {
        params: [{ name: 'name', type: 'string' }, { name: 'x' }],
        tasks: [{
          name: 't',
          params: [{ name: 'name', value: [] }, { name: 'x', value: '$(params.x)' }],
          taskSpec: {
            params: [{ name: 'name', type: 'array' }, { name: 'x' }],
            steps: [hardenedContainer('s', { script: undefined, command: ['jq', '--arg', 'n', '$(params.name)', '.', '$(params.x)'] })],
          },
        }],
      },
    });
    expect(inPipeline).toEqual([
      pasted("task 't' step 's'", 'task/t/step/s', 'command[3]', '$(params.name)', 'NAME', 'Pipeline', 'p', 'jq'),
      pasted("task 't' step 's'", 'task/t/step/s', 'command[5]', '$(params.x)', 'X', 'Pipeline', 'p', 'jq'),
    ]);
  });

  /** A substitution first in a jq operand before another argument: a value --run-tests runs the programs of the file after it. */
  const runTests = (value: string, property: string) => ({
    rule: RuleId.SCRIPT_INJECTION,
    kind: 'Task',
    name: 'build',
    location: "step 's'",
    target: 'step/s',
    property,
    value,
    problem: 'pastes a substitution first into an operand of jq before another argument, where a value such as --run-tests is an option: '
      + 'jq then runs the programs of the file after it as tests',
    fix: `Write -- after jq's program and options, before ${value}: jq reads every argument after -- as an input file (or with --args a value).`,
  });

  test('non-compliant: a jq operand a substitution starts, before another argument: jq 1.7 reads a value --run-tests as that option wherever it stands', () => {
    expect(SCRIPT_INJECTION.check(commandTask(['jq'], ['-r', '.name', '$(params.x)', '/tmp/b.json']))).toEqual([runTests('$(params.x)', 'args[2]')]);
    expect(SCRIPT_INJECTION.check(commandTask(['jq'], ['-n', '$ARGS.positional', '--args', '$(params.x)', '$(params.y)']))).toEqual([runTests('$(params.x)', 'args[3]')]);
    expect(SCRIPT_INJECTION.check(commandTask(['jq', '-r', '.name'], ['$(params.x)-suffix', '/tmp/b.json']))).toEqual([runTests('$(params.x)', 'args[0]')]);
    // the kubelet's $(NAME) of an env var that holds one
    expect(SCRIPT_INJECTION.check(task({
      steps: [hardenedContainer('s', { script: undefined, command: ['jq'], args: ['.a', '$(V)', 'f.json'], env: [{ name: 'V', value: '$(params.x)' }] })],
    }))).toEqual([runTests('$(V)', 'args[1]')]);
  });

  test.each<[string, string[]]>([
    ['the program itself', ['--arg', 'n', 'v', '.x == "$(params.x)"']],
    ['an option that takes a value first: -L takes --arg as its directory, so the program is read later', ['-L', '--arg', '$(params.x)', 'n']],
    ['the program after --', ['-n', '--', '$(params.x)']],
    ['--run-tests, which runs the programs of the files after it', ['--run-tests', '$(params.x)']],
    ['the program after an option that takes a value', ['--indent', '2', '--arg', 'n', 'v', '.x == "$(params.x)"']],
    ['an option jq does not know, which may take --arg as its value', ['--frobnicate', '--arg', 'n', '$(params.x)', '.x']],
  ])('non-compliant: jq, %s', (_, args) => {
    // the element that holds it, as written
    const element = `args[${args.findIndex((a) => a.includes('$(params.x)'))}]`;
    expect(SCRIPT_INJECTION.check(commandTask(['jq'], args))).toEqual([pasted("step 's'", 'step/s', element, '$(params.x)', 'X', 'Task', 'build', 'jq')]);
  });

  test.each<[string, string[]]>([
    ['option groups before -c', ['sh', '-ex', '-c', 'cp -r "$0/$1" "$2"', '/workspace/artifacts/$(params.x)/output_dir', 'subdir', '/tmp/out']],
    ['a separate option before -c', ['bash', '-e', '-c', 'echo "$1"', 'n', '$(params.x)']],
    ['a + group before -c', ['sh', '+x', '-c', 'echo "$1"', 'n', '$(params.x)']],
    ['an option group after -c, before the code', ['sh', '-c', '-e', 'echo "$1"', 'n', '$(params.x)']],
  ])('compliant: %s: the code is the first operand after the options (POSIX sh), what follows it is data', (_, command) => {
    expect(SCRIPT_INJECTION.check(commandTask(command))).toEqual([]);
  });

  test.each<[string, string[], string]>([
    ['the code itself', ['sh', '-c', 'echo $(params.x)', 'name', 'data'], 'command[2]'],
    ['the same text as code and as data', ['sh', '-c', '$(params.x)', 'name', '$(params.x)'], 'command[2]'],
    ['no -c: a script file gets them as $1', ['bash', '/scripts/run.sh', '$(params.x)'], 'command[2]'],
    ['the code after option groups', ['sh', '-ex', '-c', 'echo $(params.x)', 'n', 'data'], 'command[3]'],
    ['an option that takes a value (-o) among the options', ['bash', '-e', '-o', 'pipefail', '-c', 'echo "$1"', 'n', '$(params.x)'], 'command[7]'],
    ['an option group with a value (-o)', ['bash', '-oc', 'pipefail', 'echo "$1"', 'n', '$(params.x)'], 'command[5]'],
    ['-- before the code', ['sh', '-c', '--', 'echo $(params.x)'], 'command[3]'],
    ['-- before the code, with data after it', ['sh', '-c', '--', 'echo "$1"', 'n', '$(params.x)'], 'command[5]'],
    ['an option after the group', ['sh', '-c', '-e', 'echo $(params.x)'], 'command[3]'],
    ['busybox sh', ['busybox', 'sh', '-c', 'echo "$1"', 'n', '$(params.x)'], 'command[5]'],
  ])('non-compliant: %s', (_, command, element) => {
    const program = command[0];
    expect(SCRIPT_INJECTION.check(commandTask(command))).toEqual([pasted("step 's'", 'step/s', element, '$(params.x)', 'X', 'Task', 'build', program)]);
  });

  test('non-compliant: a param pasted into a script', () => {
    expect(SCRIPT_INJECTION.check(task({ steps: [hardenedContainer('compile', { script: '#!/bin/sh\ngit checkout $(params.git-revision)\n' })] })))
      .toEqual([pasted("step 'compile'", 'step/compile', 'script', '$(params.git-revision)', 'GIT_REVISION')]);
  });

  test.each([
    ['bracket notation, double quotes', '$(params["git-url"])', 'GIT_URL'],
    ['bracket notation, single quotes', "$(params['git-url'])", 'GIT_URL'],
    // the env name proposed for an indexed array param is only a placeholder (P_0)
    ['an indexed array param', '$(params.flags[0])', 'P_0'],
    ['an object param key', '$(params.repo.url)', 'URL'],
    ['a result of another pipeline task', '$(tasks.build.results.digest)', 'DIGEST'],
    ['a result in bracket notation', "$(tasks.build.results['image-digest'])", 'IMAGE_DIGEST'],
    ['a result of an earlier step', '$(steps.fetch.results.sha)', 'SHA'],
  ])('non-compliant: %s', (_, substitution, env) => {
    expect(SCRIPT_INJECTION.check(task({ steps: [hardenedContainer('compile', { script: `#!/bin/sh\necho ${substitution}\n` })] })))
      .toEqual([pasted("step 'compile'", 'step/compile', 'script', substitution, env)]);
  });

  test.each([
    ['git rev-parse', '#!/bin/sh\nSHA="$(git rev-parse $(params.revision))"\n', '$(params.revision)', 'REVISION'],
    ['a loop', '#!/bin/sh\nfor i in $(seq 1 $(params.count)); do :; done\n', '$(params.count)', 'COUNT'],
    ['arithmetic', '#!/bin/sh\necho $(( $(params.count) + 1 ))\n', '$(params.count)', 'COUNT'],
  ])('non-compliant: a param inside the shell\'s own command substitution (%s): Tekton replaces it there too', (_, script, substitution, env) => {
    expect(SCRIPT_INJECTION.check(task({ steps: [hardenedContainer('compile', { script })] })))
      .toEqual([pasted("step 'compile'", 'step/compile', 'script', substitution, env)]);
  });

  test('non-compliant: each substitution of a script is a finding, once however often the script holds it', () => {
    expect(SCRIPT_INJECTION.check(task({ steps: [hardenedContainer('compile', { script: '#!/bin/sh\necho $(params.a) $(params.b)\ncd $(params.c) && echo $(params.a)\n' })] })))
      .toEqual([
        { ...pasted("step 'compile'", 'step/compile', 'script', '$(params.a)', 'A'), problem: 'pastes a substitution into a script (2 times)' },
        pasted("step 'compile'", 'step/compile', 'script', '$(params.b)', 'B'),
        pasted("step 'compile'", 'step/compile', 'script', '$(params.c)', 'C'),
      ]);
    expect(SCRIPT_INJECTION.check(task({ steps: [hardenedContainer('compile', { script: '#!/bin/sh\necho $(params.a)\necho $(params.a)\necho $(params.a)\n' })] })))
      .toEqual([{ ...pasted("step 'compile'", 'step/compile', 'script', '$(params.a)', 'A'), problem: 'pastes a substitution into a script (3 times)' }]);
    // the arguments of an interpreter: each argument is a place, each of its substitutions a finding
    expect(SCRIPT_INJECTION.check(commandTask(['sh', '-c'], ['echo $(params.a) $(params.b)'])))
      .toEqual([
        pasted("step 's'", 'step/s', 'args[0]', '$(params.a)', 'A', 'Task', 'build', 'sh'),
        pasted("step 's'", 'step/s', 'args[0]', '$(params.b)', 'B', 'Task', 'build', 'sh'),
      ]);
    // the interpreter behind a wrapper: timeout --sig (a prefix of --signal) takes KILL, 5m is the duration
    expect(SCRIPT_INJECTION.check(commandTask(['timeout', '--sig', 'KILL', '5m', 'sh', '-c'], ['echo $(params.a)'])))
      .toEqual([pasted("step 's'", 'step/s', 'args[0]', '$(params.a)', 'A', 'Task', 'build', 'sh')]);
    // an option nice does not know may take the next argument: then sh runs, else echo; the code of sh is code
    expect(SCRIPT_INJECTION.check(commandTask(['nice', '-Z', 'echo', 'sh', '-c'], ['echo $(params.a)'])))
      .toEqual([pasted("step 's'", 'step/s', 'args[0]', '$(params.a)', 'A', 'Task', 'build', 'sh')]);
  });

  test('non-compliant: a sidecar script', () => {
    expect(SCRIPT_INJECTION.check(task({ sidecars: [hardenedContainer('db', { script: '#!/bin/sh\npostgres -c "$(params.conf)"' })] })))
      .toEqual([pasted("sidecar 'db'", 'sidecar/db', 'script', '$(params.conf)', 'CONF')]);
  });

  test('non-compliant: the shell text of sh -c, bash -c and env sh -c, in command or args', () => {
    expect(SCRIPT_INJECTION.check(commandTask(['/bin/bash'], ['-c', 'echo $(tasks.build.results.digest)'])))
      .toEqual([pasted("step 's'", 'step/s', 'args[1]', '$(tasks.build.results.digest)', 'DIGEST', 'Task', 'build', '/bin/bash')]);
    expect(SCRIPT_INJECTION.check(commandTask(['/usr/bin/env'], ['bash', '-c', 'echo $(params.x)'])))
      .toEqual([pasted("step 's'", 'step/s', 'args[2]', '$(params.x)', 'X', 'Task', 'build', 'bash')]);
    expect(SCRIPT_INJECTION.check(commandTask(['sh', '-c', 'curl $(params.url)'])))
      .toEqual([pasted("step 's'", 'step/s', 'command[2]', '$(params.url)', 'URL', 'Task', 'build', 'sh')]);
    expect(SCRIPT_INJECTION.check(commandTask(['busybox', 'sh', '-c'], ['wget $(params.url)'])))
      .toEqual([pasted("step 's'", 'step/s', 'args[0]', '$(params.url)', 'URL', 'Task', 'build', 'busybox')]);
    expect(SCRIPT_INJECTION.check(commandTask(['bash', '-o', 'pipefail', '-c'], ['make $(params.target)'])))
      .toEqual([pasted("step 's'", 'step/s', 'args[0]', '$(params.target)', 'TARGET', 'Task', 'build', 'bash')]);
  });

  test('non-compliant: the command of shadow\'s sg, which it runs with /bin/sh -c (also behind a wrapper)', () => {
    expect(SCRIPT_INJECTION.check(commandTask(['sg', 'docker', '-c'], ['docker build $(params.context)'])))
      .toEqual([pasted("step 's'", 'step/s', 'args[0]', '$(params.context)', 'CONTEXT', 'Task', 'build', 'sg')]);
    expect(SCRIPT_INJECTION.check(commandTask(['timeout', '5m', '/usr/bin/sg', 'docker', 'make $(params.target)'])))
      .toEqual([pasted("step 's'", 'step/s', 'command[4]', '$(params.target)', 'TARGET', 'Task', 'build', '/usr/bin/sg')]);
  });

  test('non-compliant: the command setpriv and xvfb-run run (a shell\'s code among it), as chroot, unshare and nsenter\'s', () => {
    expect(SCRIPT_INJECTION.check(commandTask(['setpriv', '--reuid=1000', '--init-groups', 'sh', '-c'], ['echo $(params.x)'])))
      .toEqual([pasted("step 's'", 'step/s', 'args[0]', '$(params.x)', 'X', 'Task', 'build', 'setpriv')]);
    expect(SCRIPT_INJECTION.check(commandTask(['/usr/bin/xvfb-run', '-a', 'bash', '-c', 'npm test -- $(params.filter)'])))
      .toEqual([pasted("step 's'", 'step/s', 'command[4]', '$(params.filter)', 'FILTER', 'Task', 'build', '/usr/bin/xvfb-run')]);
  });

  test('non-compliant: a script and shell args of the same step are both reported', () => {
    expect(SCRIPT_INJECTION.check(task({ steps: [hardenedContainer('s', { script: '#!/bin/sh\necho $(params.a)', command: ['sh', '-c', 'echo $(params.b)'] })] }))).toEqual([
      pasted("step 's'", 'step/s', 'script', '$(params.a)', 'A'),
      pasted("step 's'", 'step/s', 'command[2]', '$(params.b)', 'B', 'Task', 'build', 'sh'),
    ]);
  });

  test('non-compliant: embedded task specs of a Pipeline (finally too) and a PipelineRun', () => {
    const spec = taskSpec({ steps: [hardenedContainer('make', { script: '#!/bin/sh\nmake $(params.target)' })] });
    const expected = (kind: string, name: string) => [pasted("task 'build' step 'make'", 'task/build/step/make', 'script', '$(params.target)', 'TARGET', kind, name)];
    expect(SCRIPT_INJECTION.check(pipelineEmbedding(spec))).toEqual(expected('Pipeline', 'pipe'));
    expect(SCRIPT_INJECTION.check(pipelineEmbedding(spec, 'finally'))).toEqual(expected('Pipeline', 'pipe'));
    expect(SCRIPT_INJECTION.check(pipelineRunEmbedding(spec))).toEqual(expected('PipelineRun', 'pipe-run'));
  });
});

describe('SCRIPT_INJECTION: params the run in the same manifest fixes', () => {
  const clone = (params?: any[]) => taskSpec({ ...(params ? { params } : {}), steps: [hardenedContainer('s', { script: '#!/bin/sh\ngit clone $(params.url)\n' })] });
  const taskRun = (params: any[], spec = clone([{ name: 'url' }])) => ({
    apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name: 'release', namespace: 'ci' }, spec: { params, taskSpec: spec },
  });
  const runFinding = pasted("step 's'", 'step/s', 'script', '$(params.url)', 'URL', 'TaskRun', 'release');

  test('compliant: a TaskRun\'s value, or the task\'s default it leaves, in its own taskSpec (Tekton pastes what the manifest\'s author wrote)', () => {
    expect(SCRIPT_INJECTION.check(taskRun([{ name: 'url', value: 'https://github.com/tektoncd/chains' }]))).toEqual([]);
    expect(SCRIPT_INJECTION.check(taskRun([], clone([{ name: 'url', default: 'https://github.com/tektoncd/chains' }])))).toEqual([]);
  });

  test('non-compliant: a TaskRun\'s value that a template fills in when the run is created, a value not a string, or none', () => {
    // a TriggerTemplate's event value, a Pipelines-as-Code or Helm template
    expect(SCRIPT_INJECTION.check(taskRun([{ name: 'url', value: '$(tt.params.url)' }]))).toEqual([runFinding]);
    expect(SCRIPT_INJECTION.check(taskRun([{ name: 'url', value: '{{ source_branch }}' }]))).toEqual([runFinding]);
    expect(SCRIPT_INJECTION.check(taskRun([{ name: 'url', value: '{{ target_branch }}' }]))).toEqual([runFinding]);
    // but for Pipelines-as-Code's placeholders that the repository, its provider or PaC fixes in an alphabet without shell syntax
    expect(SCRIPT_INJECTION.check(taskRun([{ name: 'url', value: '{{ repo_url }}' }]))).toEqual([]);
    for (const fixed of ['source_url', 'pull_request_number', 'git_auth_secret', 'target_namespace', 'event_type']) {
      expect(SCRIPT_INJECTION.check(taskRun([{ name: 'url', value: `{{ ${fixed} }}` }]))).toEqual([]);
    }
    expect(SCRIPT_INJECTION.check(taskRun([{ name: 'url', value: ['a', 'b'] }]))).toEqual([runFinding]);
    expect(SCRIPT_INJECTION.check(taskRun([]))).toEqual([runFinding]);
  });

  test('compliant: a PipelineRun\'s value for its own pipelineSpec, a pipeline task\'s constant; non-compliant: the same pipelineSpec in a Pipeline, which any run calls', () => {
    const pipelineSpec = { params: [{ name: 'url' }], tasks: [{ name: 'build', taskSpec: clone() }] };
    const run = {
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: { name: 'docs', namespace: 'ci' },
      spec: { params: [{ name: 'url', value: 'https://github.com/tektoncd/chains' }], pipelineSpec },
    };
    expect(SCRIPT_INJECTION.check(run)).toEqual([]);
    // the pipeline task passes the pipeline's param on: the run's value still
    const passed = { ...pipelineSpec, tasks: [{ name: 'build', params: [{ name: 'url', value: '$(params.url)' }], taskSpec: clone([{ name: 'url' }]) }] };
    expect(SCRIPT_INJECTION.check({ ...run, spec: { ...run.spec, pipelineSpec: passed } })).toEqual([]);
    const pipeline = (spec: any) => ({ apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'docs', namespace: 'ci' }, spec });
    expect(SCRIPT_INJECTION.check(pipeline(pipelineSpec)))
      .toEqual([pasted("task 'build' step 's'", 'task/build/step/s', 'script', '$(params.url)', 'URL', 'Pipeline', 'docs')]);
    // a constant the pipeline task passes replaces any run's value of that name in its spec, in a Pipeline too
    const constant = { ...pipelineSpec, tasks: [{ name: 'build', params: [{ name: 'url', value: 'https://github.com/tektoncd/chains' }], taskSpec: clone([{ name: 'url' }]) }] };
    expect(SCRIPT_INJECTION.check(pipeline(constant))).toEqual([]);
  });

  test('compliant: a pipeline task passes the run\'s own name, namespace or uid (a DNS name or a uid no caller writes); non-compliant: beside a caller\'s value', () => {
    const pipeline = (value: string) => ({
      apiVersion: 'tekton.dev/v1',
      kind: 'Pipeline',
      metadata: { name: 'release', namespace: 'ci' },
      spec: { params: [{ name: 'suffix' }], tasks: [{ name: 'wait', params: [{ name: 'url', value }], taskSpec: clone([{ name: 'url' }]) }] },
    });
    expect(SCRIPT_INJECTION.check(pipeline('$(context.pipelineRun.name)'))).toEqual([]);
    expect(SCRIPT_INJECTION.check(pipeline('https://ci.example/$(context.pipelineRun.namespace)/$(context.pipelineRun.uid)'))).toEqual([]);
    expect(SCRIPT_INJECTION.check(pipeline('$(context.pipelineRun.name)-$(params.suffix)')))
      .toEqual([pasted("task 'wait' step 's'", 'task/wait/step/s', 'script', '$(params.url)', 'URL', 'Pipeline', 'release')]);
  });
});

describe('SCRIPT_INJECTION: object and array params, and CEL when expressions, the run in the same manifest fixes', () => {
  const taskRun = (params: any[], step: any) => ({
    apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name: 'release', namespace: 'ci' }, spec: { params, taskSpec: taskSpec({ steps: [step] }) },
  });

  test('an object\'s key the TaskRun fixes passes; its key a template fills in, and a spelling Tekton does not replace for a TaskRun, stay findings', () => {
    const script = '#!/bin/sh\ngit clone $(params.repo.url) && git checkout $(params.repo.commit)\necho $(params["repo"].url)\n';
    const run = (commit: string) => taskRun([{ name: 'repo', value: { url: 'https://github.com/tektoncd/chains', commit } }], hardenedContainer('s', { script }));
    expect(SCRIPT_INJECTION.check(run('$(tt.params.sha)'))).toEqual([
      pasted("step 's'", 'step/s', 'script', '$(params.repo.commit)', 'COMMIT', 'TaskRun', 'release'),
      pasted("step 's'", 'step/s', 'script', '$(params["repo"].url)', 'URL', 'TaskRun', 'release'),
    ]);
    expect(SCRIPT_INJECTION.check(run('sha123'))).toEqual([pasted("step 's'", 'step/s', 'script', '$(params["repo"].url)', 'URL', 'TaskRun', 'release')]);
  });

  test('the elements of an array the TaskRun fixes pass in the code of sh -c; an element a template fills in stays a finding', () => {
    const step = hardenedContainer('s', { script: undefined, command: ['sh', '-c'], args: ['make $(params.targets[0]) $(params.targets[1])'] });
    expect(SCRIPT_INJECTION.check(taskRun([{ name: 'targets', value: ['build', 'test'] }], step))).toEqual([]);
    expect(SCRIPT_INJECTION.check(taskRun([{ name: 'targets', value: ['build', '$(tt.params.target)'] }], step)))
      .toEqual([pasted("step 's'", 'step/s', 'args[0]', '$(params.targets[1])', 'P_1', 'TaskRun', 'release', 'sh')]);
  });

  test('a param a matrix gives is the matrix\'s value, not the task\'s default: a finding in a PipelineRun\'s own pipelineSpec', () => {
    const run = {
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: { name: 'build', namespace: 'ci' },
      spec: {
        params: [{ name: 'platforms', value: '$(tt.params.platforms)' }],
        pipelineSpec: {
          params: [{ name: 'platforms', type: 'array' }],
          tasks: [{
            name: 'build',
            matrix: { params: [{ name: 'platform', value: '$(params.platforms[*])' }] },
            taskSpec: taskSpec({ params: [{ name: 'platform', default: 'linux/amd64' }], steps: [hardenedContainer('s', { script: '#!/bin/sh\nmake PLATFORM=$(params.platform)\n' })] }),
          }],
        },
      },
    };
    expect(SCRIPT_INJECTION.check(run)).toEqual([pasted("task 'build' step 's'", 'task/build/step/s', 'script', '$(params.platform)', 'PLATFORM', 'PipelineRun', 'build')]);
  });

  test('CEL when expressions of a PipelineRun\'s own pipelineSpec: the run\'s constant and the pipeline\'s default pass; a template\'s value, and a param only the pipeline task passes (its params do not reach its own when), stay findings', () => {
    const CEL = 'pastes a substitution into a CEL expression, which Tekton compiles and evaluates as code';
    const run = {
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: { name: 'deploy', namespace: 'ci' },
      spec: {
        params: [{ name: 'env', value: 'prod' }, { name: 'region', value: '$(tt.params.region)' }],
        pipelineSpec: {
          params: [{ name: 'env' }, { name: 'region' }, { name: 'tier', default: 'web' }],
          tasks: [{
            name: 'deploy',
            taskRef: { name: 'deploy' },
            params: [{ name: 'zone', value: 'a' }],
            when: [{ cel: "'$(params.env)' == 'prod' && '$(params.tier)' == 'web'" }, { cel: "'$(params.region)' == 'eu' && '$(params.zone)' == 'a'" }],
          }],
        },
      },
    };
    expect(SCRIPT_INJECTION.check(run).map((f) => [f.location, f.property, f.value, f.problem])).toEqual([
      ["task 'deploy'", 'when[1].cel', '$(params.region)', CEL],
      ["task 'deploy'", 'when[1].cel', '$(params.zone)', CEL],
    ]);
    // the same pipelineSpec in a Pipeline: any run gives them
    const pipeline = { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'deploy', namespace: 'ci' }, spec: run.spec.pipelineSpec };
    expect(SCRIPT_INJECTION.check(pipeline).map((f) => f.value)).toEqual(['$(params.env)', '$(params.tier)', '$(params.region)', '$(params.zone)']);
    // a step's CEL when in a TaskRun's own taskSpec: substituted as the step is
    const stepWhen = (value: string) => taskRun([{ name: 'env', value }], hardenedContainer('s', { when: [{ cel: "'$(params.env)' != 'prod'" }] }));
    expect(SCRIPT_INJECTION.check(stepWhen('staging'))).toEqual([]);
    expect(SCRIPT_INJECTION.check(stepWhen('$(tt.params.env)')).map((f) => [f.location, f.property, f.value])).toEqual([["step 's'", 'when[0].cel', '$(params.env)']]);
  });
});

describe('SCRIPT_INJECTION: a fixed constant as Tekton pastes it, beside the text around it', () => {
  const step = (script: string) => hardenedContainer('s', { script: `#!/bin/sh\n${script}\n` });
  const run = (value: string, script: string) => ({
    apiVersion: 'tekton.dev/v1',
    kind: 'PipelineRun',
    metadata: { name: 'release', namespace: 'ci' },
    spec: {
      params: [{ name: 'from', value }],
      pipelineSpec: { params: [{ name: 'from' }], tasks: [{ name: 'use', taskSpec: taskSpec({ steps: [step(script)] }) }] },
    },
  });
  const finding = pasted("task 'use' step 's'", 'task/use/step/s', 'script', '$(params.from)', 'FROM', 'PipelineRun', 'release');

  test('non-compliant: a constant that, pasted, forms a result Tekton replaces later (it fills a task spec\'s $(tasks.<t>.results.<r>) after the params)', () => {
    // `$(tasks.build.results.title)`: the result of another task, pasted as code
    expect(SCRIPT_INJECTION.check(run('build', 'echo "$(tasks.$(params.from).results.title)"'))).toEqual([finding]);
    expect(SCRIPT_INJECTION.check(run('tasks.build.results.title', 'echo "$($(params.from))"'))).toEqual([finding]);
    expect(SCRIPT_INJECTION.check(run('$', 'echo "$(params.from)(tasks.build.results.title)"'))).toEqual([finding]);
    // the run's own name forms no other variable once Tekton replaces it
    expect(SCRIPT_INJECTION.check(run('$(context.pipelineRun.name)', 'echo "$(tasks.$(params.from).results.title)"'))).toEqual([finding]);
  });

  test('compliant: a constant inside the shell\'s own command substitution, or beside inert text', () => {
    expect(SCRIPT_INJECTION.check(run('src/app', 'echo "$(basename $(params.from))" $(workspaces.$(params.from).bound)'))).toEqual([]);
    expect(SCRIPT_INJECTION.check(run('name', 'echo "$(context.taskRun.$(params.from))"'))).toEqual([]);
  });

  test('non-compliant: in a Pipeline, a constant a pipeline task passes where a `)` follows or a `$(params` precedes it (a run\'s param named `path) ...` replaces the whole span)', () => {
    const pipeline = (script: string) => ({
      apiVersion: 'tekton.dev/v1',
      kind: 'Pipeline',
      metadata: { name: 'build', namespace: 'ci' },
      spec: { tasks: [{ name: 'use', params: [{ name: 'path', value: 'src/app' }, { name: 'dir', value: 'out' }], taskSpec: taskSpec({ params: [{ name: 'path' }, { name: 'dir' }], steps: [step(script)] }) }] },
    });
    const at = (substitution: string, env: string) => pasted("task 'use' step 's'", 'task/use/step/s', 'script', substitution, env, 'Pipeline', 'build');
    expect(SCRIPT_INJECTION.check(pipeline('echo "$(basename $(params.path))"'))).toEqual([at('$(params.path)', 'PARAMS_PATH')]);
    expect(SCRIPT_INJECTION.check(pipeline('cp $(params.path) $(params.dir)'))).toEqual([at('$(params.path)', 'PARAMS_PATH'), at('$(params.dir)', 'DIR')]);
    // alone in its text, with no `)` after it: the pipeline task's constant
    expect(SCRIPT_INJECTION.check(pipeline('cp -r "$(params.path)" /out'))).toEqual([]);
    // a PipelineRun's own inline spec: Tekton refuses a param name that is not `^[_a-zA-Z][_a-zA-Z0-9.-]*$`
    const inline = { apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { name: 'build', namespace: 'ci' }, spec: { pipelineSpec: pipeline('').spec } };
    inline.spec.pipelineSpec.tasks[0].taskSpec.steps = [step('cp $(params.path) $(params.dir)')];
    expect(SCRIPT_INJECTION.check(inline)).toEqual([]);
    // unless a template writes a param's name
    const named = { ...inline, spec: { ...inline.spec, params: [{ name: '$(tt.params.name)', value: 'x' }] } };
    expect(SCRIPT_INJECTION.check(named).map((f) => f.value)).toEqual(['$(params.path)', '$(params.dir)']);
  });

  test('non-compliant: in a Pipeline, a whole element a pipeline task fixes, which a run\'s array of that name empties (propagateParams), moving a caller\'s value into the code of sh -c', () => {
    const pipeline = (command: string[], code: any[] = []) => ({
      apiVersion: 'tekton.dev/v1',
      kind: 'Pipeline',
      metadata: { name: 'greet', namespace: 'ci' },
      spec: {
        params: [{ name: 'name' }, ...code],
        tasks: [{
          name: 'greet',
          params: [{ name: 'code', value: 'echo "hello $0"' }, { name: 'name', value: '$(params.name)' }],
          taskSpec: taskSpec({ params: [{ name: 'code' }, { name: 'name' }], steps: [hardenedContainer('s', { script: undefined, command })] }),
        }],
      },
    });
    expect(SCRIPT_INJECTION.check(pipeline(['sh', '-c', '$(params.code)', '$(params.name)'])))
      .toEqual([pasted("task 'greet' step 's'", 'task/greet/step/s', 'command[2]', '$(params.code)', 'CODE', 'Pipeline', 'greet', 'sh')]);
    // part of an element: pasted as a string; the last element, or one followed by the author's text only: it moves no caller's value
    expect(SCRIPT_INJECTION.check(pipeline(['sh', '-c', 'set -e; $(params.code)', '$(params.name)']))).toEqual([]);
    expect(SCRIPT_INJECTION.check(pipeline(['sh', '-c', '$(params.code)']))).toEqual([]);
    expect(SCRIPT_INJECTION.check(pipeline(['sh', '-c', '$(params.code)', 'greet', '$(workspaces.src.path)']))).toEqual([]);
    // a param the pipeline declares a string or an object: Tekton refuses a run's array for it (ValidateParamTypesMatching)
    const moved = [pasted("task 'greet' step 's'", 'task/greet/step/s', 'command[2]', '$(params.code)', 'CODE', 'Pipeline', 'greet', 'sh')];
    const sh = ['sh', '-c', '$(params.code)', '$(params.name)'];
    expect(SCRIPT_INJECTION.check(pipeline(sh, [{ name: 'code', type: 'string' }]))).toEqual([]);
    expect(SCRIPT_INJECTION.check(pipeline(sh, [{ name: 'code', default: 'true' }]))).toEqual([]);
    expect(SCRIPT_INJECTION.check(pipeline(sh, [{ name: 'code', properties: {} }]))).toEqual([]);
    // an array (its type, or its default's), or another param of that name: a run's array still empties it
    expect(SCRIPT_INJECTION.check(pipeline(sh, [{ name: 'code', type: 'array' }]))).toEqual(moved);
    expect(SCRIPT_INJECTION.check(pipeline(sh, [{ name: 'code', default: [] }]))).toEqual(moved);
    expect(SCRIPT_INJECTION.check(pipeline(sh, [{ name: 'codes', type: 'string' }]))).toEqual(moved);
  });

  test('non-compliant: a CEL when of a PipelineRun\'s own pipelineSpec whose constant forms a result', () => {
    const deploy = {
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: { name: 'deploy', namespace: 'ci' },
      spec: {
        params: [{ name: 'from', value: 'check' }],
        pipelineSpec: { params: [{ name: 'from' }], tasks: [{ name: 'deploy', taskRef: { name: 'deploy' }, when: [{ cel: "'$(tasks.$(params.from).results.ok)' == 'true'" }] }] },
      },
    };
    expect(SCRIPT_INJECTION.check(deploy).map((f) => [f.location, f.property, f.value])).toEqual([["task 'deploy'", 'when[0].cel', '$(params.from)']]);
  });
});

describe('SCRIPT_INJECTION: workspace variables', () => {
  const scripted = (script: string) => task({ workspaces: [{ name: 'src' }], steps: [hardenedContainer('s', { script })] });

  test('a workspace\'s claim is chosen by the caller; text Tekton does not replace ($(workspaces.src), an unknown field) reaches the script as written', () => {
    expect(SCRIPT_INJECTION.check(scripted('#!/bin/sh\necho $(workspaces.src.claim)\n'))).toEqual([pasted("step 's'", 'step/s', 'script', '$(workspaces.src.claim)', 'CLAIM')]);
    expect(SCRIPT_INJECTION.check(scripted('#!/bin/sh\ncd $(workspaces.src)\nls $(workspaces.src.dir)\n'))).toEqual([]);
  });
});

describe('SCRIPT_INJECTION: v1alpha1 and v1beta1 substitutions', () => {
  const scripted = (script: string) => task({ steps: [hardenedContainer('s', { script })] });

  test('a PipelineResource\'s directory is a path Tekton fixes from the task: inert', () => {
    expect(SCRIPT_INJECTION.check(scripted('#!/bin/sh\ncd $(resources.inputs.app-git.path)\nls $(outputs.resources.image.path)\n'))).toEqual([]);
    expect(SCRIPT_INJECTION.check(scripted('#!/bin/sh\ncd $(inputs.resources.source.path)\n'))).toEqual([]);
  });

  test('the old $(inputs.params.x) a TaskRun fixes for its own taskSpec: Tekton replaces that spelling too', () => {
    const run = (value: string) => ({
      apiVersion: 'tekton.dev/v1beta1',
      kind: 'TaskRun',
      metadata: { name: 'deps', namespace: 'ci' },
      spec: { params: [{ name: 'REQUIREMENTS_FILE', value }], taskSpec: taskSpec({ steps: [hardenedContainer('s', { script: '#!/bin/sh\npip install -r $(inputs.params.REQUIREMENTS_FILE)\n' })] }) },
    });
    expect(SCRIPT_INJECTION.check(run('requirements.txt'))).toEqual([]);
    expect(SCRIPT_INJECTION.check(run('$(tt.params.file)')))
      .toEqual([pasted("step 's'", 'step/s', 'script', '$(inputs.params.REQUIREMENTS_FILE)', 'REQUIREMENTS_FILE', 'TaskRun', 'deps')]);
  });

  test('a resource\'s url and the old $(inputs.params.x) are chosen by the caller', () => {
    expect(SCRIPT_INJECTION.check(scripted('#!/bin/sh\ngit clone $(resources.inputs.app-git.url)\n')).map((f) => f.value)).toEqual(['$(resources.inputs.app-git.url)']);
    expect(SCRIPT_INJECTION.check(scripted('#!/bin/sh\npip install -r $(inputs.params.REQUIREMENTS_FILE)\n')).map((f) => [f.value, f.fix])).toEqual([
      ['$(inputs.params.REQUIREMENTS_FILE)', "Pass it through env instead: env: [{ name: 'REQUIREMENTS_FILE', value: '$(inputs.params.REQUIREMENTS_FILE)' }] and use \"$REQUIREMENTS_FILE\" (quoted) in the script."],
    ]);
  });

  test('env the kubelet fills from a source callers choose: a run\'s annotation, a ConfigMap or Secret a param names', () => {
    const step = (env: any[]) => task({ steps: [hardenedContainer('s', { script: undefined, command: ['sh', '-c', 'echo "$(MSG)"'], env })] });
    const annotation = { name: 'MSG', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['ci.example.com/commit-message']" } } };
    const expanded = (value: string) => [value, 'pastes a substitution into the arguments of sh, which runs them as code (the kubelet expands $(MSG), whose env var holds a value callers can choose)'];
    expect(SCRIPT_INJECTION.check(step([annotation])).map((f) => [f.value, f.problem])).toEqual([expanded('$(MSG)')]);
    expect(SCRIPT_INJECTION.check(step([{ name: 'MSG', valueFrom: { configMapKeyRef: { name: '$(params.cm)', key: 'm' } } }])).map((f) => f.value)).toEqual(['$(MSG)']);
    // a label holds no shell syntax, and a ConfigMap the Task names is its own
    expect(SCRIPT_INJECTION.check(step([{ name: 'MSG', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } }]))).toEqual([]);
    expect(SCRIPT_INJECTION.check(step([{ name: 'MSG', valueFrom: { configMapKeyRef: { name: 'messages', key: 'm' } } }]))).toEqual([]);
    // a label the kubelet pastes into the code of sh -c where a word runs (the program, eval's words): the value chooses the program
    const label = [{ name: 'TOOL', valueFrom: { fieldRef: { fieldPath: "metadata.labels['tool']" } } }];
    const coded = (code: string) => SCRIPT_INJECTION.check(task({ steps: [hardenedContainer('s', { script: undefined, command: ['sh', '-c'], args: [code], env: label })] }))
      .map((f) => [f.property, f.value, f.problem, f.fix]);
    const labelled = (how: string) => "runs as code the value of env var TOOL, which the kubelet fills from valueFrom.fieldRef metadata.labels['tool'], which callers choose "
      + `(a word, which can name a program), and pastes into the code where $(TOOL) is written: ${how}`;
    const fix = 'Write "$TOOL" (the shell\'s own expansion, quoted) instead of $(TOOL), as an argument of a fixed command, never as the command or code.';
    expect(coded('set -e; $(TOOL) --version')).toEqual([['args[0]', '$(TOOL) --version', labelled('it chooses the program the command runs'), fix]]);
    expect(coded('echo "$(TOOL)"; eval "$(TOOL) run"')).toEqual([['args[0]', 'eval "$(TOOL) run"', labelled('eval runs its words as code'), fix]]);
    // as data, in bash's readings of shell syntax (a label has none), escaped ($$), or a name no env var has
    expect(coded('echo "$(TOOL)"; echo $((TOOL + 1))')).toEqual([]);
    expect(coded('$$(TOOL) --version')).toEqual([]);
    expect(SCRIPT_INJECTION.check(task({ steps: [hardenedContainer('s', { script: undefined, command: ['sh', '-c'], args: ['$(OTHER) --version'], env: label })] }))).toEqual([]);
    // in another interpreter's code, whose language is not read, wherever it is written
    const interpreted = (given: Record<string, any>) => SCRIPT_INJECTION.check(task({ steps: [hardenedContainer('s', { script: undefined, ...given, env: label })] }))
      .map((f) => [f.property, f.value, f.problem, f.fix]);
    const pastedInto = (code: string) => "pastes the value of env var TOOL, which the kubelet fills from valueFrom.fieldRef metadata.labels['tool'], which callers choose "
      + `(a word, which can name a program), into the code of ${code}, which runs it as code`;
    // the fix reads the env var in the interpreter's own language
    const read = (expr: string) => `Read TOOL from the environment in the code, as data (${expr}), instead of $(TOOL), which the kubelet pastes into the code.`;
    expect(interpreted({ command: ['python3', '-c', 'import $(TOOL)'] })).toEqual([['command[2]', '$(TOOL)', pastedInto('python3 -c'), read('os.environ["TOOL"] (after import os)')]]);
    expect(interpreted({ command: ['node', '-e'], args: ['require("$(TOOL)").run()'] })).toEqual([['args[0]', '$(TOOL)', pastedInto('node -e'), read('process.env.TOOL')]]);
    expect(interpreted({ command: ['perl', '-e', 'system("$(TOOL) --version")'] })).toEqual([['command[2]', '$(TOOL)', pastedInto('perl -e'), read('$ENV{TOOL}')]]);
    expect(interpreted({ command: ['ruby', '-e', 'system("$(TOOL)")'] })).toEqual([['command[2]', '$(TOOL)', pastedInto('ruby -e'), read('ENV["TOOL"]')]]);
    expect(interpreted({ command: ['php', '-r', 'system("$(TOOL)");'] })).toEqual([['command[2]', '$(TOOL)', pastedInto('php -r'), read('getenv("TOOL")')]]);
    expect(interpreted({ command: ['pwsh', '-c', '& $(TOOL)'] })).toEqual([['command[2]', '$(TOOL)', pastedInto('pwsh -c'), read('$env:TOOL')]]);
    // (PowerShell's parameters trimmed and after `/` or another dash, as its GetSwitchKey reads them; its and cmd's names as Windows finds them;
    // every argument of cmd, which reads the rest of its command line after /c or /k as its command)
    expect(interpreted({ command: ['pwsh', '/NoProfile', '-ec', '$(TOOL)'] })).toEqual([['command[3]', '$(TOOL)', pastedInto('pwsh -ec'), read('$env:TOOL')]]);
    expect(interpreted({ command: ['pwsh', '\u2013NoProfile', ' -c', '& $(TOOL)'] })).toEqual([['command[3]', '$(TOOL)', pastedInto('pwsh -c'), read('$env:TOOL')]]);
    expect(interpreted({ command: ['powershell.exe', '-Command', '& $(TOOL)'] })).toEqual([['command[2]', '$(TOOL)', pastedInto('powershell.exe -Command'), read('$env:TOOL')]]);
    const cmdRead = read('!TOOL! after cmd /v:on, which expands it once the line is parsed (not %TOOL%, expanded before)');
    expect(interpreted({ command: ['cmd.exe', '/c', 'echo $(TOOL)'] })).toEqual([['command[2]', '$(TOOL)', pastedInto('cmd.exe /c'), cmdRead]]);
    expect(interpreted({ command: ['C:\\Windows\\System32\\CMD.EXE', '/s', '/k', 'echo', '$(TOOL)'] }))
      .toEqual([['command[4]', '$(TOOL)', pastedInto('C:\\Windows\\System32\\CMD.EXE /k'), cmdRead]]);
    // (not: a script's own -c after its file, ParseFile's CollectPSArgs; `/scripts/build.ps1` is no parameter PowerShell knows, so the file)
    for (const command of [['pwsh', '-File', 'b.ps1', '-c', '$(TOOL)'], ['pwsh', './b.ps1', '-Comm', '$(TOOL)'], ['pwsh', '/scripts/build.ps1', '-c', '$(TOOL)'],
      ['powershell.exe', '-File', 'b.ps1', '-c', '$(TOOL)']]) {
      expect([command, interpreted({ command })]).toEqual([command, []]);
    }
    // past the value of an option that takes one, which is no operand
    expect(interpreted({ command: ['python3', '-W', 'ignore', '-c', 'import $(TOOL)'] })).toEqual([['command[4]', '$(TOOL)', pastedInto('python3 -c'), read('os.environ["TOOL"] (after import os)')]]);
    expect(interpreted({ command: ['ruby', '-r', 'json', '-e', 'system("$(TOOL)")'] })).toEqual([['command[4]', '$(TOOL)', pastedInto('ruby -e'), read('ENV["TOOL"]')]]);
    expect(interpreted({ command: ['lua', '-l', 'socket', '-e', 'os.execute("$(TOOL)")'] }).map((f) => f.slice(0, 3))).toEqual([['command[4]', '$(TOOL)', pastedInto('lua -e')]]);
    expect(interpreted({ command: ['fish', '-C', '$(TOOL)'] }).map((f) => f.slice(0, 3))).toEqual([['command[2]', '$(TOOL)', pastedInto('fish -C')]]);
    // groovy's, julia's and elixir's code read the env var in their own language
    expect(interpreted({ command: ['groovy', '-e', '"$(TOOL)".execute()'] })).toEqual([['command[2]', '$(TOOL)', pastedInto('groovy -e'), read('System.getenv("TOOL")')]]);
    expect(interpreted({ command: ['julia', '-e', 'run(`$(TOOL)`)'] })).toEqual([['command[2]', '$(TOOL)', pastedInto('julia -e'), read('ENV["TOOL"]')]]);
    expect(interpreted({ command: ['elixir', '-e', 'System.cmd("$(TOOL)", [])'] })).toEqual([['command[2]', '$(TOOL)', pastedInto('elixir -e'), read('System.get_env("TOOL")')]]);
    // iex's (elixir's CLI), guile's, racket's, sbcl's, clisp's and osascript's code options, past the values of their options that take one
    // (guile 3.0, racket 8.7, sbcl 2.2.9, clisp 2.49 and iex 1.14 run here; osascript(1))
    expect(interpreted({ command: ['iex', '--dot-iex', '/w/.iex.exs', '-e', 'System.cmd("$(TOOL)", [])'] })).toEqual([['command[4]', '$(TOOL)', pastedInto('iex -e'), read('System.get_env("TOOL")')]]);
    expect(interpreted({ command: ['guile', '-L', '/lib', '-c', '(system "$(TOOL)")'] })).toEqual([['command[4]', '$(TOOL)', pastedInto('guile -c'), read('(getenv "TOOL")')]]);
    expect(interpreted({ command: ['guile', '-e', '(begin (system "$(TOOL)") main)', '-s', 'm.scm'] })).toEqual([['command[2]', '$(TOOL)', pastedInto('guile -e'), read('(getenv "TOOL")')]]);
    expect(interpreted({ command: ['racket', '-e', '(system "$(TOOL)")'] })).toEqual([['command[2]', '$(TOOL)', pastedInto('racket -e'), read('(getenv "TOOL")')]]);
    // (racket's grouped letters take their values after the group, in order: `-fe FILE EXPR`)
    expect(interpreted({ command: ['racket', '-fe', '/w/$(TOOL).rkt', '(system "$(TOOL)")'] })).toEqual([['command[3]', '$(TOOL)', pastedInto('racket -e'), read('(getenv "TOOL")')]]);
    expect(interpreted({ command: ['racket', '-W', 'error', '--eval', '(system "$(TOOL)")'] })).toEqual([['command[4]', '$(TOOL)', pastedInto('racket --eval'), read('(getenv "TOOL")')]]);
    expect(interpreted({ command: ['sbcl', '--dynamic-space-size', '512', '--eval', '(run-program "$(TOOL)" ())'] }))
      .toEqual([['command[4]', '$(TOOL)', pastedInto('sbcl --eval'), read('(sb-ext:posix-getenv "TOOL")')]]);
    expect(interpreted({ command: ['clisp', '-q', '-i', '/w/init.lisp', '-x', '(ext:shell "$(TOOL)")'] })).toEqual([['command[5]', '$(TOOL)', pastedInto('clisp -x'), read('(ext:getenv "TOOL")')]]);
    expect(interpreted({ command: ['osascript', '-l', 'AppleScript', '-e', 'do shell script "$(TOOL)"'] }))
      .toEqual([['command[4]', '$(TOOL)', pastedInto('osascript -e'), read('system attribute "TOOL"')]]);
    // mix's code, run by elixir -S or alone (elixir 1.14 run here: `mix run --no-mix-exs -e CODE`, `--eval=CODE`, `mix eval --no-mix-exs CODE`)
    expect(interpreted({ command: ['elixir', '--sname', 'h', '-S', 'mix', 'run', '-r', 'a.exs', '-e', 'System.cmd("$(TOOL)", [])'] }))
      .toEqual([['command[9]', '$(TOOL)', pastedInto('elixir -S mix run -e'), read('System.get_env("TOOL")')]]);
    expect(interpreted({ command: ['mix', 'run', '--eval=System.cmd("$(TOOL)", [])'] })).toEqual([['command[2]', '$(TOOL)', pastedInto('mix run --eval'), read('System.get_env("TOOL")')]]);
    expect(interpreted({ command: ['mix', 'eval', '--no-mix-exs', 'System.cmd("$(TOOL)", [])'] })).toEqual([['command[3]', '$(TOOL)', pastedInto('mix eval'), read('System.get_env("TOOL")')]]);
    // (not a script's arguments after its file, nor another task's)
    expect(interpreted({ command: ['mix', 'run', 'f.exs', '-e', '$(TOOL)'] })).toEqual([]);
    expect(interpreted({ command: ['mix', 'test', '$(TOOL)'] })).toEqual([]);
    // (their arguments after the program file, and the values of options that take one, are not their code)
    expect(interpreted({ command: ['racket', '-e', '(display 1)', '-k', '$(TOOL)', '1', '2'] })).toEqual([]);
    expect(interpreted({ command: ['guile', '-l', '/w/$(TOOL).scm', '-c', '(main)'] })).toEqual([]);
    expect(interpreted({ command: ['clisp', 'f.lisp', '-x', '$(TOOL)'] })).toEqual([]);
    expect(interpreted({ command: ['sbcl', '--script', 'f.lisp', '$(TOOL)'] })).toEqual([]);
    // every argument of erl (flags read anywhere) and jshell (a flag or a file to load), named by the flag before it
    expect(interpreted({ command: ['erl', '-noshell', 'foo', '-eval', 'os:cmd("$(TOOL)")'] })).toEqual([['command[4]', '$(TOOL)', pastedInto('erl -eval'), read('os:getenv("TOOL")')]]);
    expect(interpreted({ command: ['jshell', '--startup=$(TOOL)'] })).toEqual([['command[1]', '$(TOOL)', pastedInto('jshell --startup'), read('System.getenv("TOOL")')]]);
    // (escript's arguments after its file are main/1's, data)
    expect(interpreted({ command: ['escript', 'a.erl', '-eval', '$(TOOL)'] })).toEqual([]);
    expect(interpreted({ command: ['python3', '-c', 'import sys; print(sys.argv[1])', '$(TOOL)'] })).toEqual([]);
    expect(interpreted({ command: ['python3', '-W', 'ignore', 'build.py', '-c', '$(TOOL)'] })).toEqual([]);
    expect(interpreted({ command: ['python3', '-c', 'print("$$(TOOL)")'] })).toEqual([]);
    expect(interpreted({ command: ['python3', 'build.py', '$(TOOL)'] })).toEqual([]);
    // after sh -c CODE, a positional parameter of the code (as $0, $1 …), read as the script's env vars: where the code runs a word
    const positional = "runs as code command[4], which holds $(TOOL), which the kubelet fills from valueFrom.fieldRef metadata.labels['tool'], a word callers "
      + 'choose, which can name a program, and which the shell gets as a positional parameter: eval runs its words as code (as $1)';
    expect(interpreted({ command: ['sh', '-c', 'eval "$1"', '_', '$(TOOL)'] }).map((f) => f.slice(0, 3))).toEqual([['command[2]', 'eval "$1"', positional]]);
    expect(interpreted({ script: '#!/bin/sh\n"$1" --version\n', args: ['$(TOOL)'] }).map((f) => f[2])).toEqual([
      "runs as code args[0], which holds $(TOOL), which the kubelet fills from valueFrom.fieldRef metadata.labels['tool'], a word callers "
      + 'choose, which can name a program, and which the script gets as a positional parameter: it chooses the program the command runs (as $1)',
    ]);
    expect(interpreted({ command: ['sh', '-c', 'echo "$1"; echo $(( $1 + 1 ))', '_', '$(TOOL)'] })).toEqual([]);
    expect(interpreted({ command: ['sh', '-c', 'eval "$1"', '_', '$$(TOOL)'] })).toEqual([]);
    // an executing env var filled that way
    expect(ARGUMENT_INJECTION.check(task({ steps: [hardenedContainer('s', { env: [{ name: 'LD_PRELOAD', valueFrom: { configMapKeyRef: { name: '$(params.cm)', key: 'k' } } }] })] }))
      .map((f) => [f.property, f.value])).toEqual([['env.LD_PRELOAD', '$(params.cm)']]);
    expect(ARGUMENT_INJECTION.check(task({ steps: [hardenedContainer('s', { env: [{ ...annotation, name: 'BASH_ENV' }] })] }))
      .map((f) => [f.property, f.value])).toEqual([['env.BASH_ENV', "valueFrom.fieldRef metadata.annotations['ci.example.com/commit-message']"]]);
  });

  test("an env var whose value the kubelet expands a run's label into (defined after it; copies of copies) holds that word too", () => {
    const TOOL = { name: 'TOOL', valueFrom: { fieldRef: { fieldPath: "metadata.labels['tool']" } } };
    const B = { name: 'B', value: '$(TOOL)' };
    const check = (given: Record<string, any>, env: any[]) => SCRIPT_INJECTION.check(task({ steps: [hardenedContainer('s', { script: undefined, ...given, env })] }))
      .map((f) => [f.property, f.value, f.problem, f.fix]);
    const PATH = "valueFrom.fieldRef metadata.labels['tool']";
    // the code of sh -c, as the kubelet pastes it
    expect(check({ command: ['sh', '-c', '$(B) --version'] }, [TOOL, B])).toEqual([[
      'command[2]', '$(B) --version',
      `runs as code the value of env var TOOL, which the kubelet fills from ${PATH}, which callers choose (a word, which can name a program), `
      + 'expands into the value of B, and pastes into the code where $(B) is written: it chooses the program the command runs',
      'Write "$B" (the shell\'s own expansion, quoted) instead of $(B), as an argument of a fixed command, never as the command or code.',
    ]]);
    // quoted as written: the copy's own text is the kubelet's, not the code's
    expect(check({ command: ['sh', '-c', 'x=1; $(C) --version'] }, [TOOL, { name: 'C', value: 'x$(TOOL)' }]).map((f) => f.slice(0, 2))).toEqual([
      ['command[2]', '$(C) --version'],
    ]);
    expect(check({ command: ['sh', '-c', 'eval "$(C) run"'] }, [TOOL, B, { name: 'C', value: 'make-$(B)' }]).map((f) => f[2])).toEqual([
      `runs as code the value of env var TOOL, which the kubelet fills from ${PATH}, which callers choose (a word, which can name a program), `
      + 'expands into the value of C, then of B, and pastes into the code where $(C) is written: eval runs its words as code',
    ]);
    // a script reading the copy from the environment
    expect(check({ script: '#!/bin/sh\n"$B" --version\n' }, [TOOL, B]).map((f) => f.slice(0, 3))).toEqual([[
      'script', '"$B" --version',
      `runs as code the value of env var B, which holds $(TOOL), which the kubelet fills from ${PATH}, which callers choose (a word, which can name a program): `
      + 'it chooses the program the command runs',
    ]]);
    expect(check({ script: '#!/bin/sh\neval "$C"\n' }, [TOOL, B, { name: 'C', value: 'x $(B)' }]).map((f) => f[2])).toEqual([
      `runs as code the value of env var C, which holds $(B), into which the kubelet expanded $(TOOL), which the kubelet fills from ${PATH}, which callers choose `
      + '(a word, which can name a program): eval runs its words as code',
    ]);
    // a positional parameter of sh -c's code, another interpreter's code
    expect(check({ command: ['sh', '-c', 'eval "$1"', '_', '$(B)'] }, [TOOL, B]).map((f) => f[2])).toEqual([
      `runs as code command[4], which holds $(B), into which the kubelet expanded $(TOOL), which it fills from ${PATH}, a word callers choose, which can name a program, `
      + 'and which the shell gets as a positional parameter: eval runs its words as code (as $1)',
    ]);
    expect(check({ command: ['python3', '-c', 'import $(B)'] }, [TOOL, B])).toEqual([[
      'command[2]', '$(B)',
      `pastes the value of env var B, into which the kubelet expanded $(TOOL), which it fills from ${PATH}, which callers choose (a word, which can name a program), `
      + 'into the code of python3 -c, which runs it as code',
      'Read B from the environment in the code, as data (os.environ["B"] (after import os)), instead of $(B), which the kubelet pastes into the code.',
    ]]);
    // no copy: defined before the label, escaped, replaced later; data where a word is data
    for (const env of [[B, TOOL], [TOOL, { name: 'B', value: '$$(TOOL)' }], [TOOL, B, { name: 'B', value: 'git' }]]) {
      expect(check({ command: ['sh', '-c', '$(B) --version; eval "$B"'] }, env)).toEqual([]);
    }
    expect(check({ command: ['sh', '-c', 'echo "$(B)"; echo $((B + 1))'] }, [TOOL, B])).toEqual([]);
    // a copy whose value holds a param too is read as the param's: shell syntax, which bash's arithmetic runs
    expect(check({ script: '#!/bin/bash\necho $((B + 1))\n' }, [TOOL, { name: 'B', value: '$(TOOL)$(params.x)' }]).map((f) => f[2])).toEqual([
      'runs as code the value of env var B, which holds $(params.x): bash evaluates it as arithmetic, which runs the command substitutions of an array subscript in the value',
    ]);
  });

  test('CEL when expressions of pipeline tasks (finally, nested pipelineSpecs) and of steps: a caller\'s value decides the condition', () => {
    const CEL = 'pastes a substitution into a CEL expression, which Tekton compiles and evaluates as code';
    const pipeline = {
      apiVersion: 'tekton.dev/v1',
      kind: 'Pipeline',
      metadata: { name: 'p', namespace: 'ci' },
      spec: {
        tasks: [
          { name: 'deploy', taskRef: { name: 'deploy' }, when: [{ input: '$(params.branch)', operator: 'in', values: ['main'] }, { cel: "'$(params.branch)' == 'main'" }] },
          { name: 'inner', pipelineSpec: { tasks: [{ name: 'x', taskRef: { name: 'x' }, when: [{ cel: "'$(tasks.a.results.ok)' == 'true'" }] }] } },
        ],
        finally: [{ name: 'notify', taskRef: { name: 'n' }, when: [{ cel: "'$(tasks.status)' == 'Failed' && '$(tasks.build.status)' != 'None'" }, { cel: "'$(params.x)' == ''" }] }],
      },
    };
    expect(SCRIPT_INJECTION.appliesTo(pipeline)).toBe(true);
    expect(SCRIPT_INJECTION.check(pipeline).map((f) => [f.location, f.target, f.property, f.value, f.problem])).toEqual([
      ["task 'deploy'", 'task/deploy', 'when[1].cel', '$(params.branch)', CEL],
      // the statuses Tekton gives finally tasks are no caller's
      ["task 'notify'", 'task/notify', 'when[1].cel', '$(params.x)', CEL],
      ["task 'inner' task 'x'", 'task/inner/task/x', 'when[0].cel', '$(tasks.a.results.ok)', CEL],
    ]);
    expect(SCRIPT_INJECTION.check(pipeline)[0].fix).toBe("Compare the value with input, operator and values instead: when: [{ input: '$(params.branch)', operator: 'in', values: ['<allowed>'] }].");
    // a step's own when
    const stepWhen = task({ steps: [hardenedContainer('s', { when: [{ cel: "'$(params.env)' != 'prod'" }, { cel: "'$(context.taskRun.name)' != ''" }] })] });
    expect(SCRIPT_INJECTION.check(stepWhen).map((f) => [f.location, f.property, f.value])).toEqual([["step 's'", 'when[0].cel', '$(params.env)']]);
    // a step that runs a StepAction keeps its own when (Tekton resolves the StepAction into the step), the StepAction at hand or not
    const action = { apiVersion: 'tekton.dev/v1beta1', kind: 'StepAction', metadata: { name: 'deploy' }, spec: { image: 'x', command: ['true'] } };
    const refWhen = task({ params: [{ name: 'env' }], steps: [{ name: 's', ref: { name: 'deploy' }, when: [{ cel: "'$(params.env)' != 'prod'" }] }] });
    const refFinding = ["step 's'", 'step/s', 'when[0].cel', '$(params.env)', CEL];
    const whenOf = (m: any, context?: any) => SCRIPT_INJECTION.check(m, context).map((f) => [f.location, f.target, f.property, f.value, f.problem]);
    expect(whenOf(refWhen, ruleContext([refWhen, action]))).toEqual([refFinding]);
    expect(whenOf(refWhen)).toEqual([refFinding]);
    // in a PipelineRun's own pipelineSpec, a value the run fixes is no caller's
    const fixedRun = {
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: { name: 'r' },
      spec: { params: [{ name: 'env', value: 'dev' }], pipelineSpec: { params: [{ name: 'env' }], tasks: [{ name: 't', params: [{ name: 'env', value: '$(params.env)' }], taskSpec: refWhen.spec }] } },
    };
    expect(SCRIPT_INJECTION.check(fixedRun, ruleContext([fixedRun, action]))).toEqual([]);
    // each substitution of an expression, once
    const two = task({ steps: [hardenedContainer('s', { when: [{ cel: "'$(params.env)' != 'prod' && '$(params.region)' == 'eu' && '$(params.env)' != ''" }] })] });
    expect(SCRIPT_INJECTION.check(two).map((f) => [f.property, f.value, f.problem, f.fix])).toEqual([
      ['when[0].cel', '$(params.env)', `${CEL} (2 times)`, "Compare the value with input, operator and values instead: when: [{ input: '$(params.env)', operator: 'in', values: ['<allowed>'] }]."],
      ['when[0].cel', '$(params.region)', CEL, "Compare the value with input, operator and values instead: when: [{ input: '$(params.region)', operator: 'in', values: ['<allowed>'] }]."],
    ]);
  });
  describe('env vars a shell script runs as code', () => {
    /** The findings of a step `s` whose env gives X the value `value` (a param's by default) and whose script is `script`. */
    const run = (script: string, env: any[] = [{ name: 'X', value: '$(params.x)' }], extra: Record<string, any> = {}) => SCRIPT_INJECTION.check(task({
      params: [{ name: 'x' }], ...extra, steps: [hardenedContainer('s', { script, env })],
    }));
    /** The finding for X, holding `substitution`, that `line` runs as code as `how` says. */
    const ranAsCode = (line: string, how: string, variable = 'X', substitution = '$(params.x)', through?: string, holds = `holds ${substitution}`) => ({
      rule: RuleId.SCRIPT_INJECTION,
      kind: 'Task',
      name: 'build',
      location: "step 's'",
      target: 'step/s',
      property: 'script',
      value: line,
      problem: `runs as code the value of env var ${variable}, which ${holds}: ${how}`
        + (through === undefined ? '' : ` (through ${through}, which the script assigns from it)`),
      // (the fix names the variable the command writes: the one the script assigns from X)
      fix: `Pass "$${through ?? variable}" as data, never as code: as a quoted argument of a fixed command, or to a shell as a positional `
        + `parameter (sh -c 'tool "$1"' _ "$${through ?? variable}").`,
    });

    test('the fix names the variable the command writes, one the script copies the env var into', () => {
      const fixes = (script: string) => run(`#!/bin/bash\nY="$X"\n${script}\n`).map((f) => [f.value, f.fix]);
      const DATA = 'Pass "$Y" as data, never as code: as a quoted argument of a fixed command, or to a shell as a positional parameter (sh -c \'tool "$1"\' _ "$Y").';
      expect(fixes('eval "$Y"')).toEqual([['eval "$Y"', DATA]]);
      expect(fixes('python3 -c "$Y"')).toEqual([['python3 -c "$Y"', DATA]]);
      const OPTION = 'Write the option or configuration literally in the script (never from a caller\'s value), and pass "$Y" to the program only as data (an operand after --).';
      expect(fixes('ssh -o "$Y" host')).toEqual([['ssh -o "$Y" host', OPTION]]);
      expect(fixes('tar -xf a.tar --to-command="$Y"')).toEqual([['tar -xf a.tar --to-command="$Y"', OPTION]]);
      expect(fixes('ssh -F /dev/stdin host <<< "$Y"')).toEqual([['ssh -F /dev/stdin host <<< "$Y"', 'Write ssh\'s configuration in a file of the Task (or its options with -o, '
        + 'literally), never from a caller\'s value, and pass "$Y" to ssh only as data (an operand after --).']]);
      expect(fixes('git "$Y" fetch')).toEqual([['git "$Y" fetch', 'Write git\'s global options and sub-command literally (git fetch, never git "$Y" fetch), '
        + 'and pass "$Y" to the sub-command only as data (an operand after --).']]);
      // (make's recipe reads the env var X from the environment, where Y, not exported, is not)
      expect(fixes('make "$Y"')).toEqual([['make "$Y"', 'Give make only literal targets and assignments, and let the recipe read "$X" from the environment as a quoted '
        + 'shell variable ("$$X" in the makefile), as data.']]);
    });

    test('non-compliant: eval, the code of sh -c and bash -c (the outer shell expands $X inside it), python -c and node -e, and the command word', () => {
      expect(run('#!/bin/sh\neval "$X"\n')).toEqual([ranAsCode('eval "$X"', 'eval runs its words as code')]);
      expect(run('#!/bin/sh\nsh -c "$X"\n')).toEqual([ranAsCode('sh -c "$X"', 'it is the code of sh -c')]);
      expect(run('#!/bin/bash\nbash -c "echo $X"   # the outer shell expands $X\n')).toEqual([ranAsCode('bash -c "echo $X"', 'it is the code of bash -c')]);
      // past an option group holding o and its value (bash 5.2 takes the next argument for each o of a group)
      expect(run('#!/bin/bash\nbash -eo pipefail -c "$X"\n')).toEqual([ranAsCode('bash -eo pipefail -c "$X"', 'it is the code of bash -c')]);
      expect(run('python3 -c "$X"\n')).toEqual([ranAsCode('python3 -c "$X"', 'it is the code of python3 -c')]);
      expect(run('node -e "$X"\n')).toEqual([ranAsCode('node -e "$X"', 'it is the code of node -e')]);
      expect(run('perl -ne "$X" file\n')).toEqual([ranAsCode('perl -ne "$X" file', 'it is the code of perl -ne')]);
      expect(run('ruby -e "$X"\n')).toEqual([ranAsCode('ruby -e "$X"', 'it is the code of ruby -e')]);
      // (guile 3.0, racket 8.7, sbcl 2.2.9, clisp 2.49 and iex 1.14 run here; osascript(1))
      expect(run('guile -c "$X"\n')).toEqual([ranAsCode('guile -c "$X"', 'it is the code of guile -c')]);
      expect(run('racket -ne "$X"\n')).toEqual([ranAsCode('racket -ne "$X"', 'it is the code of racket -e')]);
      expect(run('sbcl --non-interactive --eval "$X"\n')).toEqual([ranAsCode('sbcl --non-interactive --eval "$X"', 'it is the code of sbcl --eval')]);
      expect(run('clisp -q -x "$X"\n')).toEqual([ranAsCode('clisp -q -x "$X"', 'it is the code of clisp -x')]);
      expect(run('iex -e "$X"\n')).toEqual([ranAsCode('iex -e "$X"', 'it is the code of iex -e')]);
      expect(run('osascript -e "$X"\n')).toEqual([ranAsCode('osascript -e "$X"', 'it is the code of osascript -e')]);
      expect(run('mix run -e "$X"\n')).toEqual([ranAsCode('mix run -e "$X"', 'it is the code of mix run -e')]);
      expect(run('elixir -S mix run -e "$X"\n')).toEqual([ranAsCode('elixir -S mix run -e "$X"', 'it is the code of elixir -S mix run -e')]);
      expect(run('mix run f.exs "$X"\n')).toEqual([]);
      expect(run('$X\n')).toEqual([ranAsCode('$X', 'it chooses the program the command runs')]);
      expect(run('"${X}" --version\n')).toEqual([ranAsCode('"${X}" --version', 'it chooses the program the command runs')]);
      // one finding per variable, at the first command that runs it
      expect(run('#!/bin/sh\neval "$X"\nsh -c "$X"\npython3 -c "$X"\n$X\n')).toEqual([ranAsCode('eval "$X"', 'eval runs its words as code')]);
    });

    test('a variable after the code of python3 -c, node -e, perl -e or ruby -e: reported where the interpreter reads it as more than data, with why', () => {
      // (bash 5.2, node 20, perl 5.36, ruby 3.1 and CPython 3.11 run here: X='--eval=console.log(666)' `node -e 'console.log(1)' "$X"` printed 666;
      // X='-e;print 666' `perl -e 'print 1' "$X"` and X='-eprint 666' `ruby -e 'puts 1' "$X"` printed 666, not after --; X='echo PWNED|' `perl -ne
      // print -- "$X"` ran echo; X=-x=PWN `ruby -s -e 'puts $x' -- "$X"` printed PWN; X='print(666)' `python3 -c 'import sys; eval(sys.argv[1])' "$X"` printed 666)
      const found = (script: string) => run(`#!/bin/bash\n${script}\n`).map((f) => [f.value, f.problem, f.fix]);
      const problem = (how: string, through = '') => `runs as code the value of env var X, which holds $(params.x): it is an argument ${how}${through}`;
      const option = (name: string, example: string, reads: string) => `${name} may read as its own option (it reads options up to its first operand or -- `
        + `after the code: a value such as ${example} runs code), and only from there gives its code as data (${reads})`;
      const SWITCH = '(-n and -p open each as <> does, where a value such as \'cmd|\' runs cmd; -s sets the variable each names)';
      const fix = (written: string, name: string, given: string, read: string, more = '') => `Pass "${written}" to ${name} through the environment instead (${given}) `
        + `and read it in the code as ${read}, as data${more}.`;
      const dashes = (name: string) => ` (or write -- after the code, before it: ${name} reads no option after --)`;
      const HELD = 'env var X already holds it';
      for (const [line, how, read] of [['node -e \'console.log(1)\' "$X"', option('node', '--eval=CODE', 'process.argv'), 'process.env.X'],
        ['node -e \'console.log(1)\' $X', option('node', '--eval=CODE', 'process.argv'), 'process.env.X'],
        ['perl -e \'print 1\' "$X"', option('perl', '-eCODE', '@ARGV'), '$ENV{X}'], ['ruby -e \'puts 1\' "$X"', option('ruby', '-eCODE', 'ARGV'), 'ENV["X"]']]) {
        expect([line, found(line)]).toEqual([line, [[line, problem(how), fix('$X', line.split(' ')[0], HELD, read, dashes(line.split(' ')[0]))]]]);
      }
      expect(found('perl -ne print -- "$X"')).toEqual([['perl -ne print -- "$X"', problem(`perl gives its code as data (@ARGV), which its switch -ne reads as more than data ${SWITCH}`),
        fix('$X', 'perl', HELD, '$ENV{X}')]]);
      expect(found('ruby -s -e \'puts $x\' -- "$X"')).toEqual([['ruby -s -e \'puts $x\' -- "$X"', problem(`ruby gives its code as data (ARGV), which its switch -s reads as more than data ${SWITCH}`),
        fix('$X', 'ruby', HELD, 'ENV["X"]')]]);
      expect(found('python3 -c \'import sys; eval(sys.argv[1])\' "$X"')).toEqual([['python3 -c \'import sys; eval(sys.argv[1])\' "$X"',
        problem('python3 gives its code as data (sys.argv), where the code names eval, which may run it as code'), fix('$X', 'python3', HELD, 'os.environ["X"] (after import os)', ', never given to eval')]]);
      // (the code's own `import os` kept: os.environ needs it, CPython 3.11 run: `python3 -c 'print(os.environ["HOME"])'` is a NameError)
      expect(found('python3 -c \'import sys, os; eval(sys.argv[1])\' "$X"')[0][2]).toEqual(fix('$X', 'python3', HELD, 'os.environ["X"]', ', never given to eval'));
      // (not one that binds another name, `import os as o`, nor one spelled in a string: CPython 3.11 run, `python3 -c 'import os as o;
      // print(os.environ["HOME"])'` and `… 'print("import os"); print(os.environ["HOME"])'` are NameErrors; `import os.path` binds os)
      for (const code of ['import os as o, sys', 'import sys, os.path as p', 'import sys; print("import os")']) {
        expect([code, found(`python3 -c '${code}; eval(sys.argv[1])' "$X"`)[0][2]]).toEqual([code, fix('$X', 'python3', HELD, 'os.environ["X"] (after import os)', ', never given to eval')]);
      }
      for (const code of ['import os.path, sys', 'import sys as s, os', 'import sys;import os']) {
        expect([code, found(`python3 -c '${code}; eval(sys.argv[1])' "$X"`)[0][2]]).toEqual([code, fix('$X', 'python3', HELD, 'os.environ["X"]', ', never given to eval')]);
      }
      expect(found('python3 -c "import os, sys; eval(sys.argv[1])" "$X"')[0][2]).toEqual(fix('$X', 'python3', HELD, 'os.environ["X"]', ', never given to eval'));
      // (the code read whole where it goes on over later lines, CPython 3.11 run: `python3 -c 'import sys⏎import os⏎print(os.environ["HOME"])'`
      // prints it, `… 'import sys⏎import os as o⏎print(os.environ["HOME"])'` and `… 'import sys⏎print("import os")⏎…'` are NameErrors)
      for (const code of ['import sys\nimport os', 'import sys\n  \nimport os.path, re', 'import sys\nx = 1; import os']) {
        expect([code, found(`python3 -c '${code}\neval(sys.argv[1])' "$X"`)[0][2]]).toEqual([code, fix('$X', 'python3', HELD, 'os.environ["X"]', ', never given to eval')]);
      }
      for (const code of ['import sys\nimport os as o', 'import sys\nprint("import os")', 'import sys\n# import os']) {
        expect([code, found(`python3 -c '${code}\neval(sys.argv[1])' "$X"`)[0][2]]).toEqual([code, fix('$X', 'python3', HELD, 'os.environ["X"] (after import os)', ', never given to eval')]);
      }
      // a variable the script does not fix just after the code may be an option too, after which the caller's value may be one (node 18 run:
      // `node -e 'console.log(1)' --inspect=127.0.0.1:0 --eval='console.log(666)'` printed 666); not one fixed to a word, an operand
      for (const [script, line] of [['node -e \'console.log(1)\' "$OPT" "$X"', 'node -e \'console.log(1)\' "$OPT" "$X"'],
        ['OPT=--inspect\nnode -e \'console.log(1)\' "$OPT" "$X"', 'node -e \'console.log(1)\' "$OPT" "$X"'], ['read -r O < f\nperl -e \'print 1\' $O "$X"', 'perl -e \'print 1\' $O "$X"']]) {
        const name = line.split(' ')[0];
        expect([script, found(script)]).toEqual([script, [[line, problem(option(name, name === 'node' ? '--eval=CODE' : '-eCODE', name === 'node' ? 'process.argv' : '@ARGV')),
          fix('$X', name, HELD, name === 'node' ? 'process.env.X' : '$ENV{X}', dashes(name))]]]);
      }
      expect(found('OPT=app.js\nnode -e \'console.log(1)\' "$OPT" "$X"')).toEqual([]);
      // (or a backquoted substitution, or an unquoted pattern that starts with one, whose names may start with -: bash 5.2 and node 20 run with a
      // file opts holding --inspect=127.0.0.1:0, and with a file of that name, X=--eval='console.log(666)' printed 666; not `'*'` nor `./*`)
      for (const line of ['node -e \'console.log(1)\' `cat opts` "$X"', 'node -e \'console.log(1)\' "`cat opts`" "$X"', 'node -e \'console.log(1)\' * "$X"']) {
        expect([line, found(line)]).toEqual([line, [[line, problem(option('node', '--eval=CODE', 'process.argv')), fix('$X', 'node', HELD, 'process.env.X', dashes('node'))]]]);
      }
      for (const line of ['node -e \'console.log(1)\' \'*\' "$X"', 'node -e \'console.log(1)\' ./* "$X"']) expect([line, found(line)]).toEqual([line, []]);
      // (a variable the script assigns from it, exported to be read there)
      expect(found('Y="$X"\nnode -e \'require("child_process").execSync(process.argv[1])\' -- "$Y"')).toEqual([['node -e \'require("child_process").execSync(process.argv[1])\' -- "$Y"',
        problem('node gives its code as data (process.argv), where the code names require, which may run it as code', ' (through Y, which the script assigns from it)'),
        fix('$Y', 'node', 'export Y first', 'process.env.Y', ', never given to require')]]);
      // data only: after -- or an operand (node, perl, ruby), after python's code, a word a literal starts, where the code names no evaluator
      for (const line of ['node -e \'console.log(1)\' -- "$X"', 'node -e \'console.log(1)\' a "$X"', 'perl -e \'print 1\' -- "$X"', 'perl -e \'print 1\' x"$X"',
        'ruby -e \'puts ARGV[0]\' -- "$X"', 'python3 -c \'import sys; print(sys.argv[1])\' "$X"', 'python3 -c \'import sys; print(sys.argv[1])\' -- "$X"']) {
        expect([line, found(line)]).toEqual([line, []]);
      }
    });

    test('an interpreter reads no option after one that ends its options: the later words are the program\'s data, the code options before it still code', () => {
      // (run here: CPython 3.11 `python3 -c 'import sys; print(sys.argv)' -c Y` printed ['-c', '-c', 'Y']; `-` ends them too, in node 18,
      // perl 5.36, ruby 3.1 and lua 5.4 as well; guile 3.0's `-c EXPR` and `-s FILE`; racket 8.7's `-r FILE`, `-u FILE`, `--script`,
      // `--require-script`, a group's letters after r: `racket -re f.rkt E` evaluated `--`; sbcl 2.2.9's `--script FILE`, `--end-toplevel-options`;
      // R 4.2's `--args`)
      for (const line of ['python3 -c "print(1)" -c "$X"', 'python3 -Ic pass -c "$X"', 'python3 - -c "$X"', 'node - -e "$X"', 'perl - -e "$X"', 'ruby - -e "$X"',
        'lua - -e "$X"', 'guile -c 1 -c "$X"', 'guile -s f.scm -c "$X"', 'guile -c 1 -e "$X"', 'racket -r f.rkt -e "$X"', 'racket -u f.rkt -e "$X"',
        'racket -re f.rkt "$X"', 'racket --script f.rkt -e "$X"', 'racket --require-script f.rkt --eval "$X"', 'sbcl --script f.lisp --eval "$X"',
        'sbcl --script --eval "$X"', 'sbcl --non-interactive --end-toplevel-options --eval "$X"', 'Rscript -e 1 --args -e "$X"']) {
        expect([line, run(`${line}\n`)]).toEqual([line, []]);
      }
      // (a later -e is code again: node runs the last, perl, ruby and lua each as a line; the code before the end is code)
      expect(run('node -e 1 -e "$X"\n')).toEqual([ranAsCode('node -e 1 -e "$X"', 'it is the code of node -e')]);
      expect(run('perl -e 1 -e "$X"\n')).toEqual([ranAsCode('perl -e 1 -e "$X"', 'it is the code of perl -e')]);
      // (ruby 3.1 run: `--disable`, `--enable`, `--dump` take the next word as their value, `-` too: `ruby --disable - -e CODE` ran CODE)
      for (const option of ['--disable', '--enable', '--dump']) {
        expect(run(`ruby ${option} - -e "$X"\n`)).toEqual([ranAsCode(`ruby ${option} - -e "$X"`, 'it is the code of ruby -e')]);
      }
      // (ruby 3.1 run: `-X DIR`, as `-C DIR`, and `--backtrace-limit N` take the next word, in a group too, `-SX DIR`, `-UI DIR`, `-W0r LIB`; ruby.c's
      // proc_long_options gives 3.3's `--parser` and `--crash-report` the next word; `X='puts "PWNED"'; ruby -X /tmp -e "$X"` printed PWNED)
      for (const line of ['ruby -X /tmp -e "$X"', 'ruby --backtrace-limit 5 -e "$X"', 'ruby -SX /tmp -e "$X"', 'ruby -UI lib -e "$X"', 'ruby -W0r set -e "$X"',
        'ruby --parser prism -e "$X"', 'ruby --crash-report x -e "$X"']) {
        expect([line, run(`${line}\n`)]).toEqual([line, [ranAsCode(line, 'it is the code of ruby -e')]]);
      }
      // (a group's flags before e, with what they take of the word: ruby 3.1 ran the code of `-Se`, `-Ue`, `-W2e`, `-0777e` and `-Kue`)
      for (const option of ['-Se', '-Ue', '-W2e', '-0777e', '-Kue']) {
        expect(run(`ruby ${option} "$X"\n`)).toEqual([ranAsCode(`ruby ${option} "$X"`, `it is the code of ruby ${option}`)]);
      }
      // (`-x` and `-W` take only what follows in their word: `ruby -x /tmp -e CODE` and `ruby -W 0 -e CODE` read /tmp and 0 as the file, CODE as ARGV)
      for (const line of ['ruby -x /tmp -e "$X"', 'ruby -W 0 -e "$X"']) expect([line, run(`${line}\n`)]).toEqual([line, []]);
      expect(run('guile -e "$X" -c 1\n')).toEqual([ranAsCode('guile -e "$X" -c 1', 'it is the code of guile -e')]);
      expect(run('racket -er "$X" f.rkt\n')).toEqual([ranAsCode('racket -er "$X" f.rkt', 'it is the code of racket -e')]);
      expect(run('racket -f f.rkt -e "$X"\n')).toEqual([ranAsCode('racket -f f.rkt -e "$X"', 'it is the code of racket -e')]);
      expect(run('sbcl --load f.lisp --eval "$X"\n')).toEqual([ranAsCode('sbcl --load f.lisp --eval "$X"', 'it is the code of sbcl --eval')]);
      expect(run('Rscript -e 1 -e "$X"\n')).toEqual([ranAsCode('Rscript -e 1 -e "$X"', 'it is the code of Rscript -e')]);
      // (pwsh's -Command takes every later argument into its command, about_Pwsh: "all arguments following it are interpreted as part of
      // the command to execute"; -CommandWithArgs, -cwa, its first string, the others `$args`)
      expect(run('pwsh -c Write-Output "$X"\n')).toEqual([ranAsCode('pwsh -c Write-Output "$X"', 'it is the code of pwsh -c')]);
      expect(run('pwsh -NoProfile -Command Get-Date "$X"\n')).toEqual([ranAsCode('pwsh -NoProfile -Command Get-Date "$X"', 'it is the code of pwsh -Command')]);
      expect(run('pwsh -cwa "$X" a\n')).toEqual([ranAsCode('pwsh -cwa "$X" a', 'it is the code of pwsh -cwa')]);
      expect(run('pwsh -cwa \'Write-Output $args\' "$X"\n')).toEqual([]);
      // (its parameters as PowerShell's CommandLineParameterParser reads them, not run here, no pwsh: any case of any prefix of the name down to
      // its shortest, one dash or two or `/`; -EncodedCommand's value is its command too; pwsh-preview is pwsh)
      for (const [line, option] of [['pwsh -comm Write-Output "$X"', '-comm'], ['pwsh --Command "$X"', '--Command'], ['pwsh /c "$X"', '/c'],
        ['pwsh -NoProfile -e "$X"', '-e'], ['pwsh -EC "$X"', '-EC'], ['pwsh -ExecutionPolicy Bypass -co "$X"', '-co'], ['pwsh-preview -c "$X"', '-c']]) {
        expect([line, run(`${line}\n`)]).toEqual([line, [ranAsCode(line, `it is the code of ${line.split(' ')[0]} ${option}`)]]);
      }
      // (Windows PowerShell 5.1's first operand is its command, as after -Command, its default parameter; pwsh 7's is its file, about_PowerShell_exe, about_Pwsh)
      const DEFAULT = 'it is the code of powershell -Command (Windows PowerShell\'s default for its first operand)';
      expect(run('powershell -NoProfile Write-Output "$X"\n')).toEqual([ranAsCode('powershell -NoProfile Write-Output "$X"', DEFAULT)]);
      expect(run('powershell "$X"\n')).toEqual([ranAsCode('powershell "$X"', DEFAULT)]);
      // (Windows PowerShell's powershell.exe reads -Version V, then -RuntimeVersion V, then -PSConsoleFile F itself, at the start alone, any prefix
      // after one dash, MainEntry.cpp of PowerShell/PowerShell before b42c0017, not run here, no Windows: the operand after them is the first;
      // later, its host reads -Version as no parameter it knows, where its command starts)
      for (const line of ['powershell -Version 2.0 "$X"', 'powershell -v 2.0 -PSConsoleFile ./c.psc1 "$X"']) {
        expect([line, run(`${line}\n`)]).toEqual([line, [ranAsCode(line, DEFAULT)]]);
      }
      for (const line of ['powershell -Version 2.0 -File ./b.ps1 "$X"', 'powershell -PSConsoleFile ./c.psc1 -File ./b.ps1 "$X"', 'powershell -ver 2.0 -ps ./c.psc1 -f ./b.ps1 "$X"',
        'powershell -Version "$X"']) {
        expect([line, run(`${line}\n`)]).toEqual([line, []]);
      }
      // (Windows PowerShell 5.1's host starts its command at the first parameter it does not know, as at its first operand: its
      // CommandLineParameterParser as imported from its sources into PowerShell/PowerShell, 60b3b304, ParseHelper's last branch, not run
      // here, no Windows; one dash or `/` alone, ASCII's cases only: `--File` and `-ſta` are none it knows; `-n` is no prefix it reads)
      const UNKNOWN = 'it is the code of powershell -Command (where Windows PowerShell starts it, at the first parameter it does not know)';
      for (const line of ['powershell -Foo -File ./b.ps1 "$X"', 'powershell --File ./b.ps1 "$X"', 'powershell -NoProfile -n -File ./b.ps1 "$X"',
        'powershell -\u017fta -File ./b.ps1 "$X"', 'powershell.exe -Version 2.0 -Foo -f ./b.ps1 "$X"', 'powershell -NoProfile -Version 2.0 -File ./b.ps1 "$X"']) {
        expect([line, run(`${line}\n`)]).toEqual([line, [ranAsCode(line, UNKNOWN)]]);
      }
      expect(run('powershell /scripts/b.ps1 "$X"\n')).toEqual([ranAsCode('powershell /scripts/b.ps1 "$X"', DEFAULT)]);
      // (the parameters it knows, in any of its forms, before -File: its switches, and the values of those that take one)
      for (const line of ['powershell -nop -noni -sta -WindowStyle Hidden -ep Bypass -ConfigurationName x -of Text -if Text /NoLogo -File ./b.ps1 "$X"',
        'powershell -NoProfile "" -f ./b.ps1 "$X"', 'powershell \u2013NoProfile -File ./b.ps1 "$X"']) {
        expect([line, run(`${line}\n`)]).toEqual([line, []]);
      }
      // not: a file's arguments, pwsh's first operand being its file, Windows PowerShell's after -File; pwsh's other parameters' values
      for (const line of ['pwsh ./build.ps1 "$X"', 'pwsh -f ./build.ps1 "$X"', 'powershell -ExecutionPolicy Bypass -File ./build.ps1 "$X"', 'pwsh /fi ./build.ps1 "$X"',
        'pwsh -wd "$X" -File ./build.ps1']) {
        expect([line, run(`${line}\n`)]).toEqual([line, []]);
      }
      // (a run's label the kubelet pastes there is the program's data too; in the code before it, code)
      const label = [{ name: 'TOOL', valueFrom: { fieldRef: { fieldPath: "metadata.labels['tool']" } } }];
      const pastedLabel = (command: string[]) => SCRIPT_INJECTION.check(task({ steps: [hardenedContainer('s', { script: undefined, command, env: label })] }))
        .map((f) => [f.property, f.problem]);
      expect(pastedLabel(['python3', '-c', 'pass', '-c', '$(TOOL)'])).toEqual([]);
      expect(pastedLabel(['python3', '-c', 'import $(TOOL)', '-c', 'pass'])).toEqual([['command[2]', 'pastes the value of env var TOOL, which the kubelet fills from '
        + 'valueFrom.fieldRef metadata.labels[\'tool\'], which callers choose (a word, which can name a program), into the code of python3 -c, which runs it as code']]);
    });

    test('non-compliant: through wrappers and runners, in code a shell runs, in a shell\'s input, and through source', () => {
      expect(run('timeout 5m sudo -u b bash -ec "$X"\n')).toEqual([ranAsCode('timeout 5m sudo -u b bash -ec "$X"', 'it is the code of bash -c')]);
      expect(run('find . -name x -exec sh -c "$X" \\;\n')).toEqual([ranAsCode('find . -name x -exec sh -c "$X" \\;', 'it is the code of sh -c')]);
      // the option as written: a group of + holding c gives code too (bash 5.2, dash 0.5.12), its code read for what it reads from its input
      expect(run('#!/bin/sh\nsh +c "$X"\n')).toEqual([ranAsCode('sh +c "$X"', 'it is the code of sh +c')]);
      expect(run('#!/bin/bash\nbash -e +c "$X"\n')).toEqual([ranAsCode('bash -e +c "$X"', 'it is the code of bash +c')]);
      expect(run("#!/bin/bash\nsh +c 'bash' <<< \"$X\"\n")).toEqual([ranAsCode('sh +c \'bash\' <<< "$X"', 'bash in the code of sh +c reads it as code from the input the shell is given')]);
      // pnpm dlx's and pnpm exec's shell mode: the command and its arguments joined with spaces, run by sh -c (execa's shell: true),
      // so a variable in any of the words is code; without -c (--shell-mode) they are the program's arguments, and a literal word is no expansion
      const shellMode = (runner: string) => `it is in the command ${runner} runs in shell mode (-c, --shell-mode), which /bin/sh runs as code (the command `
        + 'and its arguments joined with spaces)';
      expect(run('#!/bin/sh\npnpm dlx -c cowsay "$X"\n')).toEqual([ranAsCode('pnpm dlx -c cowsay "$X"', shellMode('pnpm dlx'))]);
      expect(run('#!/bin/sh\npnpm exec -c \'echo\' "$X"\n')).toEqual([ranAsCode('pnpm exec -c \'echo\' "$X"', shellMode('pnpm exec'))]);
      expect(run('#!/bin/sh\npnpx -c "echo $X"\n')).toEqual([ranAsCode('pnpx -c "echo $X"', shellMode('pnpx'))]);
      // npx's and npm exec's -c (--call, glued with = too): named as written, with the script shell npm runs it with
      const called = (runner: string, shell = 'sh') => `it is the code of ${runner}, which npm runs with its script shell (${shell} -c)`;
      expect(run('#!/bin/sh\nnpx -c "$X"\n')).toEqual([ranAsCode('npx -c "$X"', called('npx -c'))]);
      expect(run('#!/bin/sh\nnpx --yes --call="make $X"\n')).toEqual([ranAsCode('npx --yes --call="make $X"', called('npx --call'))]);
      expect(run('#!/bin/sh\nnpm exec --call "$X"\n')).toEqual([ranAsCode('npm exec --call "$X"', called('npm exec --call'))]);
      expect(run('#!/bin/sh\nsudo npx --shell bash -c "$X"\n')).toEqual([ranAsCode('sudo npx --shell bash -c "$X"', called('npx -c', 'bash'))]);
      expect(run('#!/bin/sh\nnpx -c \'make "$1"\' "$X"\n')).toEqual([]);
      expect(run('#!/bin/sh\npnpm --shell-mode dlx --package cowsay cowsay hi "$X" there\n'))
        .toEqual([ranAsCode('pnpm --shell-mode dlx --package cowsay cowsay hi "$X" there', shellMode('pnpm dlx'))]);
      // the code it runs read as a shell's, its words joined: a literal word of it evaluating its own environment
      expect(run('#!/bin/sh\npnpm dlx -c \'eval "$X"\' arg\n')).toEqual([ranAsCode('eval "$X" arg', 'eval runs its words as code')]);
      expect(run('#!/bin/sh\npnpm dlx cowsay "$X"\n')).toEqual([]);
      // yarn exec: its first operand is code to yarn 2+ (@yarnpkg/shell's execute parses it), the program to yarn 1; the words
      // after it are its last command's arguments, data
      const yarnExec = 'it is the code of yarn exec, which yarn 2 and later run with their own shell, a POSIX-like one (yarn 1 runs it as the program)';
      expect(run('#!/bin/sh\nyarn exec "$X"\n')).toEqual([ranAsCode('yarn exec "$X"', yarnExec)]);
      expect(run('#!/bin/sh\nyarn exec "tsc -p $X"\n')).toEqual([ranAsCode('yarn exec "tsc -p $X"', yarnExec)]);
      expect(run('#!/bin/sh\nyarn exec echo "$X"\n')).toEqual([]);
      expect(run('#!/bin/sh\nyarn exec \'echo "$1"\' "$X"\n')).toEqual([]);
      expect(run('#!/bin/sh\nyarn --cwd app exec "$X"\n')).toEqual([ranAsCode('yarn --cwd app exec "$X"', yarnExec)]);
      expect(run('#!/bin/sh\nyarn workspace web exec "$X"\n')).toEqual([ranAsCode('yarn workspace web exec "$X"', yarnExec)]);
      expect(run('#!/bin/sh\nyarn workspace web exec tsc "$X"\n')).toEqual([]);
      // `yarn workspaces foreach [options] exec CODE` runs `yarn exec CODE` in each workspace (yarn 2 to 4): past its options, those
      // of a value (-j, --include …) with it
      for (const line of ['yarn workspaces foreach -A exec "$X"', 'yarn workspaces foreach -Apt --jobs 4 --include \'@app/*\' exec "tsc && $X"',
        'yarn --cwd app workspaces foreach --since=main -W exec "$X"']) {
        expect(run(`#!/bin/sh\n${line}\n`)).toEqual([ranAsCode(line, yarnExec)]);
      }
      expect(run('#!/bin/sh\nyarn workspaces foreach -A exec tsc "$X"\n')).toEqual([]);
      expect(run('#!/bin/sh\nyarn workspaces foreach -A run build "$X"\n')).toEqual([]);
      // `yarn node ARGS` runs node with them (yarn 1 to 4), in each workspace through foreach: node's -e is code, its file's arguments data
      for (const line of ['yarn node -e "$X"', 'yarn --cwd app node --eval "$X"', 'yarn workspaces foreach -A node -e "$X"', 'yarn workspace web node -p "$X"']) {
        expect([line, run(`#!/bin/sh\n${line}\n`)]).toEqual([line, [ranAsCode(line, `it is the code of node ${line.includes('--eval') ? '--eval' : line.includes('-p') ? '-p' : '-e'}`)]]);
      }
      for (const line of ['yarn node app.js "$X"', 'yarn add node "$X"', 'yarn workspaces foreach -A node build.js "$X"']) expect([line, run(`#!/bin/sh\n${line}\n`)]).toEqual([line, []]);
      // a runner's option that names the package it installs and runs a program of, before the command (whose own words are data)
      const packaged = (option: string) => `it is the value of ${option}, which names the package it installs and runs a program of (any package of the registry, a git `
        + 'repository or an archive URL)';
      for (const [line, option] of [['npx -p "$X" cowsay', 'npx\'s -p'], ['npm exec --package="$X" -- cowsay', 'npm\'s --package'], ['uvx --from "$X" ruff', 'uvx\'s --from'],
        ['bun x -p "$X" tool', 'bun\'s -p'], ['bunx --package "$X" tool', 'bunx\'s --package'], ['pnpm --package="$X" dlx tool', 'pnpm\'s --package'],
        ['yarn dlx -p "$X" tool', 'yarn\'s -p'], ['pipx run --spec "$X" tool', 'pipx\'s --spec']]) {
        expect(run(`#!/bin/sh\n${line}\n`)).toEqual([{ ...ranAsCode(line, packaged(option)), fix: 'Write the package literally in the script (a name with a version, or a lockfile\'s), never from a caller\'s value.' }]);
      }
      for (const line of ['npx cowsay -p "$X"', 'npx -p cowsay -- cowsay -p "$X"', 'yarn dlx tool -p "$X"', 'npm -p exec tool "$X"', 'yarn workspaces foreach -p "$X" run build']) expect(run(`#!/bin/sh\n${line}\n`)).toEqual([]);
      expect(run('#!/bin/sh\npnpm dlx -c cowsay \'$X\'\n')).toEqual([]);
      // a literal code the child shell runs, with X in its environment
      expect(run("sh -c 'eval \"$X\"'\n")).toEqual([ranAsCode('eval "$X"', 'eval runs its words as code')]);
      expect(run('echo "$X" | sh\n')).toEqual([ranAsCode('echo "$X" | sh', 'sh reads it as code from what echo pipes to it')]);
      // cat copies its here-string to the pipe: the word after a lone `<<<` is its input, no file
      expect(run('cat <<< "$X" | bash\n')).toEqual([ranAsCode('cat <<< "$X" | bash', 'bash reads it as code from what cat pipes to it')]);
      expect(run('cat - 0<<< "$X" | sh\n')).toEqual([ranAsCode('cat - 0<<< "$X" | sh', 'sh reads it as code from what cat pipes to it')]);
      expect(run('cat <<< "$X" | bash /tmp/fixed.sh\n')).toEqual([]);
      // tee copies its input to its output as well as to its files
      for (const tee of ['tee /tmp/a', 'tee -a f', 'tee a b', 'tee a | tee b']) {
        expect(run(`echo "$X" | ${tee} | sh\n`)).toEqual([ranAsCode(`echo "$X" | ${tee} | sh`, 'sh reads it as code from what echo pipes to it through tee')]);
      }
      expect(run('tee /tmp/a <<< "$X" | sh\n')).toEqual([ranAsCode('tee /tmp/a <<< "$X" | sh', 'sh reads it as code from what tee pipes to it')]);
      expect(run('echo "$X" | tee >/dev/null | sh\n')).toEqual([]);
      expect(run('tee /tmp/a <<< "$X"\n')).toEqual([]);
      expect(run('echo "$X" | tee /tmp/a | cat\n')).toEqual([]);
      // so does cat given no file but its input
      expect(run('echo "$X" | cat | sh\n')).toEqual([ranAsCode('echo "$X" | cat | sh', 'sh reads it as code from what echo pipes to it through cat')]);
      expect(run('echo "$X" | cat - | sudo tee a | bash\n'))
        .toEqual([ranAsCode('echo "$X" | cat - | sudo tee a | bash', 'bash reads it as code from what echo pipes to it through cat and tee')]);
      expect(run('echo "$X" | cat -n | sh\n')).toEqual([]);
      // a process substitution written to: its shell reads what is written there
      expect(run('echo "$X" | tee >(sh) >/dev/null\n'))
        .toEqual([ranAsCode('echo "$X" | tee >(sh) >/dev/null', 'sh in >(sh) reads it as code from what tee writes to it')]);
      expect(run('echo "$X" > >(bash)\n')).toEqual([ranAsCode('echo "$X" > >(bash)', 'bash in >(bash) reads it as code from what echo writes to it')]);
      expect(run('tee >(sh -s) <<< "$X"\n')).toEqual([ranAsCode('tee >(sh -s) <<< "$X"', 'sh in >(sh -s) reads it as code from what tee writes to it')]);
      for (const script of ['echo "$X" | tee >(cat) >/dev/null', 'echo "$X" 2> >(sh)', 'echo hi > >(sh)']) expect([script, run(`${script}\n`)]).toEqual([script, []]);
      expect(run('echo "$X" | cat f | sh\n')).toEqual([]);
      // a process substitution as its input: what it prints is the code
      expect(run('bash < <(echo "$X")\n')).toEqual([ranAsCode('bash < <(echo "$X")', 'bash reads it as code from its input, what <(echo "$X") prints')]);
      expect(run('sh -s 0< <(printf "%s" "$X")\n')).toEqual([ranAsCode('sh -s 0< <(printf "%s" "$X")', 'sh reads it as code from its input, what <(printf "%s" "$X") prints')]);
      expect(run('bash /tmp/fixed.sh < <(echo "$X")\n')).toEqual([]);
      expect(run('bash <<< "$X"\n')).toEqual([ranAsCode('bash <<< "$X"', 'bash reads it as code from its input')]);
      expect(run('sh <<EOF\necho $X\nEOF\n')).toEqual([ranAsCode('sh <<EOF', 'sh reads it as code from its input')]);
      expect(run('. /dev/stdin <<< "$X"\n')).toEqual([ranAsCode('. /dev/stdin <<< "$X"', '. reads it as code from its input')]);
      expect(run('source <(echo "$X")\n')).toEqual([ranAsCode('source <(echo "$X")', 'source reads it as code')]);
      // a file that is a descriptor its own redirection feeds: the here-string, heredoc or process substitution is the code
      expect(run('source /dev/fd/3 3<<< "$X"\n')).toEqual([ranAsCode('source /dev/fd/3 3<<< "$X"', 'source reads it as code from /dev/fd/3')]);
      expect(run('bash /dev/fd/3 3< <(echo "$X")\n'))
        .toEqual([ranAsCode('bash /dev/fd/3 3< <(echo "$X")', 'bash reads it as code from /dev/fd/3, what <(echo "$X") prints')]);
      expect(run('bash /proc/self/fd/3 3<<EOF\n$X\nEOF\n')).toEqual([ranAsCode('bash /proc/self/fd/3 3<<EOF', 'bash reads it as code from /proc/self/fd/3')]);
      expect(run("bash /dev/fd/3 3<<'EOF'\neval \"$X\"\nEOF\n")).toEqual([ranAsCode('eval "$X"', 'eval runs its words as code')]);
      expect(run('bash /dev/fd/3 4<<< "$X"\n')).toEqual([]);
      // `sh +s FILE`: bash reads its input, dash runs the file (its last group holding s one of +): both read; -s reads the input alone
      expect(run('sh +s /dev/fd/3 3<<< "$X"\n')).toEqual([ranAsCode('sh +s /dev/fd/3 3<<< "$X"', 'sh reads it as code from /dev/fd/3')]);
      expect(run('echo "$X" | sh +s build.sh\n')).toEqual([ranAsCode('echo "$X" | sh +s build.sh', 'sh reads it as code from what echo pipes to it')]);
      expect(run('f() { sh +s /dev/fd/3; }\nf 3<<< "$X"\n')).toEqual([ranAsCode('f 3<<< "$X"', 'sh in the body of f reads it as code from descriptor 3, which the call gives it')]);
      expect(run('sh -s /dev/fd/3 3<<< "$X"\n')).toEqual([]);
      // bash (rbash) reads its input for an `s` of either sign: the file is only its $1
      expect(run('bash +s /dev/fd/3 3<<< "$X" < /dev/null\n')).toEqual([]);
      expect(run('echo "$X" | bash +s build.sh\n')).toEqual([ranAsCode('echo "$X" | bash +s build.sh', 'bash reads it as code from what echo pipes to it')]);
      expect(run('sh -s +s /dev/fd/3 3<<< "$X"\n')).toEqual([ranAsCode('sh -s +s /dev/fd/3 3<<< "$X"', 'sh reads it as code from /dev/fd/3')]);
      // a descriptor exec opens for the rest of the script
      expect(run('exec 3<<< "$X"\nsource /dev/fd/3\n')).toEqual([ranAsCode('source /dev/fd/3', 'source reads it as code from /dev/fd/3, which `exec 3<<< "$X"` opened before it')]);
      // a descriptor bash allocates for a variable (`{fd}`, bash 5.2 redir.c), read through /dev/fd/$fd
      expect(run('exec {fd}<<< "$X"; source /dev/fd/$fd\n')).toEqual([ranAsCode('source /dev/fd/$fd', 'source reads it as code from /dev/fd/$fd, which `exec {fd}<<< "$X"` opened before it')]);
      expect(run('exec {code}< <(echo "$X")\nbash "/dev/fd/${code}"\n'))
        .toEqual([ranAsCode('bash "/dev/fd/${code}"', 'bash reads it as code from /dev/fd/${code}, which `exec {code}< <(echo "$X")` opened before it')]);
      expect(run('source /dev/fd/$fd {fd}<<< "$X"\n')).toEqual([ranAsCode('source /dev/fd/$fd {fd}<<< "$X"', 'source reads it as code from /dev/fd/$fd')]);
      // its value in arithmetic, and the descriptor a function's call allocates for the variable its body reads
      expect(run('exec {fd}<<< "$X"; source /dev/fd/$((fd))\n'))
        .toEqual([ranAsCode('source /dev/fd/$((fd))', 'source reads it as code from /dev/fd/$((fd)), which `exec {fd}<<< "$X"` opened before it')]);
      expect(run('source /dev/fd/$(( $fd )) {fd}<<< "$X"\n')).toEqual([ranAsCode('source /dev/fd/$(( $fd )) {fd}<<< "$X"', 'source reads it as code from /dev/fd/$(( $fd ))')]);
      expect(run('f() { bash /dev/fd/$fd; }\nf {fd}<<< "$X"\n'))
        .toEqual([ranAsCode('f {fd}<<< "$X"', 'bash in the body of f reads it as code from descriptor {fd}, which the call gives it')]);
      for (const script of ['f() { source /dev/fd/$g; }\nf {fd}<<< "$X"', 'f() { source /dev/fd/$fd; }\nf {fd} <<< "$X"', 'exec {fd}<<< "$X"; source /dev/fd/$((fd + 1))']) {
        expect([script, run(`${script}\n`)]).toEqual([script, []]);
      }
      // with a blank, `{fd}` is a word (an argument): the here-string is the input, which source does not read here
      for (const script of ['source /dev/fd/$fd {fd} <<< "$X"', 'exec {fd} <<< "$X"; source /dev/fd/$fd']) expect([script, run(`${script}\n`)]).toEqual([script, []]);
      for (const script of ['exec {fd}<<< "$X"; source /dev/fd/$other', 'exec {fd}<<< "$X"; cat /dev/fd/$fd', 'exec {fd}<<< "$X"; exec {fd}<&-; source /dev/fd/$fd']) {
        expect([script, run(`${script}\n`)]).toEqual([script, []]);
      }
      // `command` runs no function (bash 5.2 execute_cmd.c, CMD_NO_FUNCTIONS): `command f` runs a program f, not the body
      expect(run('f() { source /dev/fd/3; }\ncommand f 3<<< "$X"\n')).toEqual([]);
      expect(run('f() { source /dev/fd/3; }\nf 3<<< "$X"\n')).toEqual([ranAsCode('f 3<<< "$X"', 'source in the body of f reads it as code from descriptor 3, which the call gives it')]);
      expect(run('exec < <(echo "$X")\nbash\n')).toEqual([ranAsCode('bash', 'bash reads it as code from its input, which `exec < <(echo "$X")` opened before it')]);
      for (const script of ['exec 3<<< "$X"; bash /dev/fd/3 3<<< hi', 'exec 4<<< "$X"; bash /dev/fd/3', 'exec <<< "$X"; echo hi | bash', 'exec cat <<< "$X"; bash', 'bash; exec <<< "$X"']) {
        expect([script, run(`${script}\n`)]).toEqual([script, []]);
      }
      // exec without a program redirects the shell's own descriptors, its input too, whatever else it redirects (bash 5.2)
      expect(run('exec > log <<< "$X"; bash\n')).toEqual([ranAsCode('bash', 'bash reads it as code from its input, which `exec > log <<< "$X"` opened before it')]);
      // an exec in a branch that may never run still may; one in a subshell the reader is in opens it there
      for (const script of [
        'if [ -n "$Y" ]; then exec 3<<< "$X"; fi', 'if false; then :; else exec 3<<< "$X"; fi', 'a || false && exec 3<<< "$X"', '{ exec 3<<< "$X"; }',
        'f() { exec 3<<< "$X"; }; f', 'false() { :; }; if false; then exec 3<<< "$X"; fi', 'if false; x; then exec 3<<< "$X"; fi', 'cat | exec 3<<< "$X"',
        // a function false (true) defined where the text does not show it: after `function NAME` on a line of its own, by eval, a sourced file, or one
        // from PATH once the builtin is disabled
        'function false\n{ :; }\nif false; then exec 3<<< "$X"; fi', 'eval "false() { :; }"; if false; then exec 3<<< "$X"; fi',
        '. ./lib.sh; if false; then exec 3<<< "$X"; fi', 'source ./lib.sh; true || exec 3<<< "$X"', 'enable -n true; PATH=./bin:$PATH; true || exec 3<<< "$X"',
        ':() { return 1; }; if :; then :; else exec 3<<< "$X"; fi',
      ]) {
        expect([script, run(`${script}\nsource /dev/fd/3\n`)])
          .toEqual([script, [ranAsCode('source /dev/fd/3', 'source reads it as code from /dev/fd/3, which `exec 3<<< "$X"` opened before it')]]);
      }
      expect(run('( exec 3<<< "$X"; source /dev/fd/3 )\n')).toEqual([ranAsCode('source /dev/fd/3', 'source reads it as code from /dev/fd/3, which `exec 3<<< "$X"` opened before it')]);
      // not one that provably never opens it for the reader: a branch that never runs, a subshell the reader is not in, a pipe
      for (const script of [
        'if false; then exec 3<<< "$X"; fi', 'if ! true; then exec 3<<< "$X"; fi', 'if true; then :; elif x; then exec 3<<< "$X"; else exec 3<<< "$X"; fi',
        'if :; then :; else exec 3<<< "$X"; fi', 'false && exec 3<<< "$X"', 'true || exec 3<<< "$X"', '( exec 3<<< "$X" )', 'f() ( exec 3<<< "$X" ); f',
        'exec 3<<< "$X" | cat',
        // the body of a while whose condition is false alone (until true), after an exit that always runs, a function never called
        'while false; do exec 3<<< "$X"; done', 'until true; do exec 3<<< "$X"; done', 'until :; do exec 3<<< "$X"; done', 'while ! true; do exec 3<<< "$X"; done',
        'exit 0\nexec 3<<< "$X"', 'exit\nexec 3<<< "$X"', 'g() { exec 3<<< "$X"; }', 'function g { exec 3<<< "$X"; }', 'exit 0 2> /dev/null\nexec 3<<< "$X"',
      ]) {
        expect([script, run(`${script}\nsource /dev/fd/3\n`)]).toEqual([script, []]);
      }
      // but one that may run: a loop that runs, a condition not false alone or a function false, an exit that may not run, a function
      // called (by name, by trap, by a name a value holds, by compgen's list), or a function exit
      for (const script of [
        'while true; do exec 3<<< "$X"; break; done', 'while false; true; do exec 3<<< "$X"; break; done', 'for f in x; do exec 3<<< "$X"; done',
        'false() { return 0; }; while false; do exec 3<<< "$X"; break; done', 'a && exit 0\nexec 3<<< "$X"', '( exit 1 )\nexec 3<<< "$X"',
        'exit "$N"\nexec 3<<< "$X"', 'exit() { :; }; exit\nexec 3<<< "$X"', 'g() { exec 3<<< "$X"; }\ng', 'g() { exec 3<<< "$X"; }\ntrap g EXIT',
        'g() { exec 3<<< "$X"; }\n$cmd', 'g() { exec 3<<< "$X"; }\nfor f in $(compgen -A function); do "$f"; done', 'g() { exec 3<<< "$X"; }\neval "$(echo g)"', 'g() { exec 3<<< "$X"; }\n$\'\\x67\'',
      ]) {
        expect([script, run(`${script}\nsource /dev/fd/3\n`)])
          .toEqual([script, [ranAsCode('source /dev/fd/3', 'source reads it as code from /dev/fd/3, which `exec 3<<< "$X"` opened before it')]]);
      }
      // nor one bash runs by other means: a function, false or exit defined by a file read through a descriptor or /dev/stdin, a body
      // the shell calls itself (command_not_found_handle), code a value gives trap, mapfile -C or PROMPT_COMMAND, a function exported by set -a
      for (const script of [
        'source /dev/stdin < lib.sh\nexit 0\nexec 3<<< "$X"', '. /dev/fd/4 4< lib.sh; while false; do exec 3<<< "$X"; done',
        'source /dev/stdin < lib.sh\nif false; then exec 3<<< "$X"; fi',
        // an exit bash runs in a coprocess (a subshell), or whose redirection may fail (bash 5.2 then goes on with the next command)
        'coproc exit\nexec 3<<< "$X"', 'exit 1 2>/var/log/ci/err\nexec 3<<< "$X"', 'exit 1 >&2\nexec 3<<< "$X"', 'exit 0 <<EOF\nEOF\nexec 3<<< "$X"',
        // a condition `! !` inverts twice (bash 5.2): `! ! true` is true
        'while ! ! true; do exec 3<<< "$X"; break; done', 'if ! ! false; then :; else exec 3<<< "$X"; fi', 'if ! ! true; then exec 3<<< "$X"; fi',
      ]) {
        expect([script, run(`${script}\nsource /dev/fd/3\n`)])
          .toEqual([script, [ranAsCode('source /dev/fd/3', 'source reads it as code from /dev/fd/3, which `exec 3<<< "$X"` opened before it')]]);
      }
      for (const call of [
        'source /dev/stdin < lib.sh', 'cat lib.sh | source /dev/stdin', 'trap "$CB" EXIT', 'mapfile -C "$CB" -c 1 lines < f', 'readarray -C "$CB" -c 1 lines < f',
        'PROMPT_COMMAND="$CB" bash -i', 'set -a\n./ci.sh', 'set -eao pipefail\n./ci.sh', 'set -o allexport\n./ci.sh',
      ]) {
        const script = `g() { exec 3<<< "$X"; source /dev/fd/3; }\n${call}`;
        expect([script, run(`${script}\n`)])
          .toEqual([script, [ranAsCode('source /dev/fd/3', 'source reads it as code from /dev/fd/3, which `exec 3<<< "$X"` opened before it')]]);
      }
      expect(run('command_not_found_handle() { exec 3<<< "$X"; source /dev/fd/3; }\nnosuchcmd\n'))
        .toEqual([ranAsCode('source /dev/fd/3', 'source reads it as code from /dev/fd/3, which `exec 3<<< "$X"` opened before it')]);
      // a descriptor above 2 that the closing word of the group, subshell or loop around the reader redirects
      expect(run('{ source /dev/fd/3; } 3<<< "$X"\n'))
        .toEqual([ranAsCode('} 3<<< "$X"', 'this redirection gives it to the commands around `source /dev/fd/3` as /dev/fd/3, where source reads it as code')]);
      expect(run('( bash /dev/fd/3 ) 3< <(echo "$X")\n'))
        .toEqual([ranAsCode('3< <(echo "$X")', 'this redirection gives it to the commands around `bash /dev/fd/3` as /dev/fd/3, where bash reads it as code')]);
      expect(run('while read -r l; do bash /dev/fd/3; done 3<<< "$X"\n'))
        .toEqual([ranAsCode('done 3<<< "$X"', 'this redirection gives it to the commands around `bash /dev/fd/3` as /dev/fd/3, where bash reads it as code')]);
      for (const script of ['{ source /dev/fd/3; } 4<<< "$X"', '{ source /dev/fd/3 3<<< hi; } 3<<< "$X"', '{ sudo bash /dev/fd/3; } 3<<< "$X"', '( bash /dev/fd/3 )\n3<<< "$X"']) {
        expect([script, run(`${script}\n`)]).toEqual([script, []]);
      }
      // a shell's code given an input: its commands that read their code from their input, given none of their own, read it
      expect(run('sh -c "bash" <<< "$X"\n')).toEqual([ranAsCode('sh -c "bash" <<< "$X"', 'bash in the code of sh -c reads it as code from the input the shell is given')]);
      expect(run('echo "$X" | sh -c \'cat | bash\'\n'))
        .toEqual([ranAsCode('echo "$X" | sh -c \'cat | bash\'', 'bash in the code of sh -c reads it as code from the input the shell is given')]);
      expect(run('bash -ec ". /dev/stdin" < <(echo "$X")\n'))
        .toEqual([ranAsCode('bash -ec ". /dev/stdin" < <(echo "$X")', '. in the code of bash -c reads it as code from the input the shell is given')]);
      for (const script of ['sh -c "bash" <<< hi', 'sh -c "bash <<< hi" <<< "$X"', 'sh -c "bash <&3" <<< "$X"', 'f() { bash 0<&3; }; f <<< "$X"', 'sh -c "echo ok" <<< "$X"', 'echo "$X" | sh -c "echo hi | bash"']) {
        expect([script, run(`${script}\n`)]).toEqual([script, []]);
      }
      // a descriptor above 0 a function's call gives its body (bash 5.2 applies the call's redirections around the body, execute_cmd.c
      // execute_function): the commands of the body that read their code from it, once their own redirections apply
      for (const [script, fd, reader] of [
        ['f() { bash /dev/fd/3; }; f 3<<< "$X"', 3, 'bash'], ['f() { source /dev/fd/3; }\nf 3<<< "$X"', 3, 'source'], ['f() { 3<&4 bash /dev/fd/3; }; f 4<<< "$X"', 4, 'bash'],
        ['f() { bash /dev/fd/3 3<&4; }; f 4<<< "$X"', 4, 'bash'], ['f() { bash <&3; }; f 3< <(echo "$X")', 3, 'bash'], ['f() { bash /dev/fd/3; }; f 4<<< "$X" 3<&4', 3, 'bash'],
        ['f() { echo hi | bash /dev/fd/3; }; f 3<<< "$X"', 3, 'bash'], ['g() { bash /dev/fd/3; }; f() { g; }; f 3<<< "$X"', 3, 'bash in g'],
      ] as const) {
        const call = script.slice(script.lastIndexOf('f 3') >= 0 ? script.lastIndexOf('f 3') : script.lastIndexOf('f 4'));
        expect([script, run(`${script}\n`)]).toEqual([script, [ranAsCode(call, `${reader} in the body of f reads it as code from descriptor ${fd}, which the call gives it`)]]);
      }
      expect(run('f() { bash /dev/fd/3; }; { f; } 3<<< "$X"\n'))
        .toEqual([ranAsCode('} 3<<< "$X"', 'this redirection gives it to the commands around the call `f` as descriptor 3, where bash in the body of f reads it as code')]);
      expect(run('f() { bash /dev/fd/3; } 3<<< "$X"\nf\n'))
        .toEqual([ranAsCode('} 3<<< "$X"', 'this redirection gives it to the commands around `bash /dev/fd/3` as /dev/fd/3, where bash reads it as code')]);
      expect(run('f() { bash /dev/fd/3 3<&0; }; f <<< "$X"\n')).toEqual([ranAsCode('f <<< "$X"', 'bash in the body of f reads it as code from its input, which the call gives it')]);
      // the code of a shell a body runs reads the same descriptor (or input), given none of its own
      expect(run('f() { bash -c \'source /dev/fd/3\'; }; f 3<<< "$X"\n'))
        .toEqual([ranAsCode('f 3<<< "$X"', 'source in the code of bash -c in the body of f reads it as code from descriptor 3, which the call gives it')]);
      expect(run('f() { sh -c \'bash\'; }; f <<< "$X"\n')).toEqual([ranAsCode('f <<< "$X"', 'bash in the code of sh -c in the body of f reads it as code from its input, which the call gives it')]);
      // a descriptor above 2 the shell running the code of -c is given, an exec opened before it, or the closing word around it gives
      expect(run('bash -c \'source /dev/fd/3\' 3<<< "$X"\n'))
        .toEqual([ranAsCode('bash -c \'source /dev/fd/3\' 3<<< "$X"', 'source in the code of bash -c reads it as code from descriptor 3, which the shell is given')]);
      expect(run('exec 3<<< "$X"\nbash -c \'source /dev/fd/3\'\n'))
        .toEqual([ranAsCode('bash -c \'source /dev/fd/3\'', 'source in the code of bash -c reads it as code from descriptor 3, which `exec 3<<< "$X"` opened before it')]);
      expect(run('{ sh -c \'bash <&3\'; } 3<<< "$X"\n'))
        .toEqual([ranAsCode('} 3<<< "$X"', 'bash in the code of sh -c reads it as code from descriptor 3, which this redirection gives the commands around `sh -c \'bash <&3\'`')]);
      for (const script of ["sudo bash -c 'source /dev/fd/3' 3<<< \"$X\"", "bash -c 'source /dev/fd/3' 4<<< \"$X\"", "bash -c 'source /dev/fd/3 3<<< hi' 3<<< \"$X\"",
        "f() { sh -c 'bash <<< hi'; }; f <<< \"$X\"", "f() { sudo sh -c 'bash /dev/fd/3'; }; f 3<<< \"$X\""]) {
        expect([script, run(`${script}\n`)]).toEqual([script, []]);
      }
      for (const script of ['f() { bash /dev/fd/3; }; f 4<<< "$X"', 'f() { bash /dev/fd/3 3<<< hi; }; f 3<<< "$X"', 'f() { cat /dev/fd/3; }; f 3<<< "$X"', 'f() { sudo bash /dev/fd/3; }; f 3<<< "$X"']) {
        expect([script, run(`${script}\n`)]).toEqual([script, []]);
      }
      expect(run('timeout 5 bash -x /dev/fd/3 3<<< "$X"\n')).toEqual([ranAsCode('timeout 5 bash -x /dev/fd/3 3<<< "$X"', 'bash reads it as code from /dev/fd/3')]);
      // sudo closes the descriptors past 2 before it runs bash
      expect(run('sudo bash /dev/fd/3 3<<< "$X"\n')).toEqual([]);
      // but those below N of `-C N` (`--close-from=N`), where sudoers' closefrom_override lets them through
      for (const sudo of ['sudo -C 4', 'sudo --close-from=4', 'sudo -u b -C4', 'sudo -C "$N"', 'timeout 5 sudo -C 9 env']) {
        expect(run(`${sudo} bash /dev/fd/3 3<<< "$X"\n`)).toEqual([ranAsCode(`${sudo} bash /dev/fd/3 3<<< "$X"`, 'bash reads it as code from /dev/fd/3')]);
      }
      // not those from N, nor where sudo refuses its -C (below 3, or given twice) and runs nothing
      for (const sudo of ['sudo -C 3', 'sudo -C 4 bash /dev/fd/4 4<<< "$X"; sudo', 'sudo -C 2', 'sudo -C 5 -C 5', 'sudo -C 9 sudo', 'doas']) {
        expect([sudo, run(`${sudo} bash /dev/fd/3 3<<< "$X"\n`)]).toEqual([sudo, []]);
      }
      // a descriptor duplicated onto the one a shell reads, as bash applies redirections, left to right (redir.c)
      for (const script of ['bash -s 3<<< "$X" <&3', 'sh -s 3<<< "$X" 0<&3', 'bash 3<<< "$X" 0<&3-', 'bash 3<<< "$X" 0>&3', 'bash 4<<< "$X" 3<&4 <&3']) {
        expect([script, run(`${script}\n`)]).toEqual([script, [ranAsCode(script, 'bash reads it as code from its input'.replace('bash', script.split(' ')[0]))]]);
      }
      expect(run('source /dev/fd/4 3<<< "$X" 4<&3\n')).toEqual([ranAsCode('source /dev/fd/4 3<<< "$X" 4<&3', 'source reads it as code from /dev/fd/4')]);
      expect(run('bash 3< <(echo "$X") <&3\n')).toEqual([ranAsCode('bash 3< <(echo "$X") <&3', 'bash reads it as code from its input, what <(echo "$X") prints')]);
      // a descriptor an exec duplicated, or a command duplicates from the shell's, from one an exec opened
      expect(run('exec 3<<< "$X"\nexec 0<&3\nbash\n')).toEqual([ranAsCode('bash', 'bash reads it as code from its input, which `exec 3<<< "$X"` opened before it')]);
      expect(run('exec 3<<< "$X"\nsh -s <&3\n')).toEqual([ranAsCode('sh -s <&3', 'sh reads it as code from its input, which `exec 3<<< "$X"` opened before it')]);
      expect(run('{ sh -s <&3; } 3<<< "$X"\n'))
        .toEqual([ranAsCode('} 3<<< "$X"', 'this redirection gives it to the commands around `sh -s <&3` as its input, where sh reads it as code')]);
      // not where the duplication comes before the here-string (bash: 3: Bad file descriptor), or another redirection replaces it
      for (const script of ['bash 0<&3 3<<< "$X"', 'bash -s 3<<< "$X" <&3 < f', 'bash -s 3<<< "$X" <&4', 'bash <<< "$X" <&-', 'exec 3<<< "$X"; exec 3<&-; bash <&3',
        'exec 0<&3; exec 3<<< "$X"; bash', 'echo "$X" | bash <&3']) {
        expect([script, run(`${script}\n`)]).toEqual([script, []]);
      }
      // source, ., eval and trap are builtins: a wrapper that execs its program (sudo, env, timeout, xargs) runs a file of that name from PATH
      for (const script of ['sudo -C 4 source /dev/fd/3 3<<< "$X"', 'sudo -C 4 . /dev/stdin <<< "$X"', 'env eval "$X"', 'timeout 5 source "$X"',
        'sudo trap "$X" EXIT', 'echo "$X" | xargs eval', 'exec source /dev/fd/3 3<<< "$X"']) {
        expect([script, run(`${script}\n`)]).toEqual([script, []]);
      }
      // but `command`, `builtin` and `time` run the builtin
      expect(run('command source /dev/fd/3 3<<< "$X"\n')).toEqual([ranAsCode('command source /dev/fd/3 3<<< "$X"', 'source reads it as code from /dev/fd/3')]);
      expect(run('builtin eval "$X"\n')).toEqual([ranAsCode('builtin eval "$X"', 'eval runs its words as code')]);
      expect(run('time -p . "$X"\n')).toEqual([ranAsCode('time -p . "$X"', 'it names the file . runs as shell code, so the value chooses which file runs (any the container can read: /dev/stdin, a file in a workspace)')]);
      expect(run('bash /dev/fd/3 <<< "$X"\n')).toEqual([]);
      expect(run('source /dev/fd/3 3<<< "$X" 3<<< hi\n')).toEqual([]);
      expect(run('eval true <<< "$X"\n')).toEqual([]);
      expect(run('. "$X"\n')).toEqual([ranAsCode('. "$X"', 'it names the file . runs as shell code, so the value chooses which file runs (any the container can read: /dev/stdin, a file in a workspace)')]);
      expect(run('source ./env.sh "$X"\n')).toEqual([]);
      // the file a shell or an interpreter runs, as `source`'s (a value there in `args` is code too)
      for (const [line, name] of [['bash "$X"', 'bash'], ['python3 "$X"', 'python3'], ['node "$X"', 'node'], ['bun "$X"', 'bun']]) {
        expect(run(`${line}\n`)).toEqual([ranAsCode(line, `it names the file ${name} runs as code, so the value chooses which file runs (any the container can read: /dev/stdin, a file in a workspace)`)]);
      }
      expect(run('python3 ./ci/build.py "$X"\n')).toEqual([]);
    });

    test('non-compliant: a variable the script assigns from it, at any depth (Y="$X", export, local, $(…))', () => {
      expect(run('Y="$X"\neval "$Y"\n')).toEqual([ranAsCode('eval "$Y"', 'eval runs its words as code', 'X', '$(params.x)', 'Y')]);
      expect(run('export Y=$X\nZ="cmd --flag $Y"\nsh -c "$Z"\n')).toEqual([ranAsCode('sh -c "$Z"', 'it is the code of sh -c', 'X', '$(params.x)', 'Z')]);
      expect(run('f() { local Y="$X"; $Y; }\nf\n')).toEqual([ranAsCode('$Y', 'it chooses the program the command runs', 'X', '$(params.x)', 'Y')]);
      expect(run('Y=$(echo "$X" | tr a b)\nbash -c "$Y"\n')).toEqual([ranAsCode('bash -c "$Y"', 'it is the code of bash -c', 'X', '$(params.x)', 'Y')]);
      // export and readonly refuse a name with a subscript (bash 5.2 and 5.3: "not a valid identifier"), expanding nothing, but the name is
      // the variable they set: the loop of tekton-dag's build tasks over the keys of a caller's JSON lets the caller set BASH_ENV=$(cmd),
      // which the next bash expands (checked with bash 5.2), or GIT_CONFIG_PARAMETERS, whose core.fsmonitor git status runs
      const loop = 'for k in $(echo "$X" | jq -r \'.env | keys[]\'); do v=$(echo "$X" | jq -r --arg k "$k" \'.env[$k]\'); export "$k=$v"; readonly "$k"; done\n';
      const EXPORT = 'export takes the value as the name of the variable it exports (and, after an =, its value), so the value may choose BASH_ENV or '
        + 'GIT_SSH_COMMAND, whose value the next bash or git runs as code';
      const READONLY = 'readonly takes the value as the name of the variable it sets (and, after an =, its value), so the value may choose PS4, whose value '
        + 'the shell runs as code as it traces (set -x), or PATH, where it finds the programs it runs';
      expect(run(`#!/usr/bin/env bash\n${loop}`)).toEqual([ranAsCode('export "$k=$v"', EXPORT, 'X', '$(params.x)', 'k')]);
      expect(run('export "$X"\ngit fetch\n')).toEqual([ranAsCode('export "$X"', EXPORT, 'X', '$(params.x)')]);
      expect(run('readonly -a "$X"\n')).toEqual([ranAsCode('readonly -a "$X"', READONLY, 'X', '$(params.x)')]);
      // read -a and mapfile (readarray) refuse a name with a subscript too (bash 5.2 run, `read -a "$X"` and `mapfile "$X"` with X='a[$(touch p)]':
      // "not a valid identifier", p not created), but the name is the array they set: X=PS4 then `set -x` ran what they read as code
      for (const [script, builtin] of [['read -a "$X" <<< "$(cat f)"', 'read -a'], ['read -ra "$X" < f', 'read -a'], ['mapfile -t "$X" < f', 'mapfile'], ['readarray "$X" < f', 'readarray']]) {
        expect([script, run(`#!/bin/bash\n${script}\n`)]).toEqual([script, [ranAsCode(script, `${builtin} takes the value as the name of the array it sets (bash refuses one `
          + 'with a subscript), so the value may choose PS4, whose value the shell runs as code as it traces (set -x), or PATH, where it finds the programs it runs')]]);
      }
      // (read without -a expands a subscript in the name it assigns: bash 5.2 run, `read "$X"` and `read A "$X"` with X='a[$(touch p)]' created p)
      expect(run('#!/bin/bash\nread "$X" < f\n')).toEqual([ranAsCode('read "$X" < f', 'read takes the value as a variable\'s name, which runs the command substitutions of an array subscript in it')]);
      expect(run('#!/bin/bash\nread A "$X" < f\n')).toEqual([ranAsCode('read A "$X" < f', 'read takes the value as a variable\'s name, which runs the command substitutions of an array subscript in it')]);
      // (but a word past the one read -a or mapfile takes is no name, nor is an option's value: bash 5.2 run with X='a[$(touch p)]' and X=PS4,
      // `read -a A "$X"`, `read -ra A -- "$X"`, `mapfile -t A "$X"`, `readarray -t A B "$X"` ignored the value, rc 0, no p, PS4 as it was;
      // `read -p "$X" A` and `read -d "$X" A` take it as text, `read -n "$X" A` refused it as no number)
      for (const script of ['read -a A "$X" < f', 'read -ra A -- "$X" < f', 'mapfile -t A "$X" < f', 'readarray -t A B "$X" < f', 'read -p "$X" A < f',
        'read -d "$X" A < f', 'read -n "$X" A < f']) {
        expect([script, run(`#!/bin/bash\n${script}\n`)]).toEqual([script, []]);
      }
      // a fixed name, and -f's function names, are not
      expect(run('export -f "$X"\nreadonly NAME="$X"\n')).toEqual([]);
      expect(run(`#!/usr/bin/env bash\n${loop.replace('export "$k=$v"; readonly "$k"; ', '')}CMD=$(echo "$X" | jq -r .cmd)\neval "$CMD"\n`))
        .toEqual([ranAsCode('eval "$CMD"', 'eval runs its words as code', 'X', '$(params.x)', 'CMD')]);
      expect(run(`#!/usr/bin/env bash\n${loop.replace('export', 'declare -x')}`))
        .toEqual([ranAsCode('declare -x "$k=$v"', 'declare takes the value as a variable\'s name, which runs the command substitutions of an array subscript in it', 'X', '$(params.x)', 'k')]);
    });

    test('compliant: the value as data: quoted arguments, printf, sh -c\'s positional parameters, single-quoted code, a script file\'s arguments, a quoted heredoc', () => {
      for (const script of [
        'echo "$X"', "printf '%s' \"$X\"", 'sh -c \'echo "$1"\' _ "$X"', 'bash -c \'git checkout "$1"\' checkout "$X"', 'eval \'echo "$X"\'',
        'python3 build.py --ref "$X"', 'python3 -c \'import os; print(os.environ["X"])\' "$X"', 'node -e \'console.log(process.argv[1])\' -- "$X"',
        'git clone -- "$X" src', 'echo ${#X}', "cat <<'EOF' | sh\necho \"$X\"\nEOF", "sh <<'EOF'\necho \"$X\"\nEOF", 'CMD=(git fetch "$X")\n"${CMD[@]}"',
        'Y=fixed\neval "$Y"', 'echo "$(cat "$X")"', 'X=$(cat file) eval "$Z"',
      ]) {
        expect([script, run(`#!/bin/sh\n${script}\n`)]).toEqual([script, []]);
      }
    });

    test('which env values count: the rule\'s own reading of a value (the stepTemplate merged in, run-fixed constants and inert substitutions excepted; a valueFrom callers choose)', () => {
      // the stepTemplate's env is merged under the step's
      expect(run('eval "$X"', [], { stepTemplate: { env: [{ name: 'X', value: '$(params.x)' }] } })).toEqual([ranAsCode('eval "$X"', 'eval runs its words as code')]);
      // a later entry of the same name replaces the caller's value
      expect(run('eval "$X"', [{ name: 'X', value: '$(params.x)' }, { name: 'X', value: 'make all' }])).toEqual([]);
      // a result, and the kubelet's $(NAME) of another env var that holds one
      expect(run('eval "$X"', [{ name: 'X', value: '$(tasks.a.results.b)' }])).toEqual([ranAsCode('eval "$X"', 'eval runs its words as code', 'X', '$(tasks.a.results.b)')]);
      expect(run('eval "$Y"', [{ name: 'X', value: '$(params.x)' }, { name: 'Y', value: 'echo $(X)' }]))
        .toEqual([ranAsCode('eval "$Y"', 'eval runs its words as code', 'Y', '$(X)')]);
      // what the kubelet fills from a run's annotation (Tekton copies the run's annotations onto the pod), or from a
      // ConfigMap a param names, is the caller's as much
      const filled = (source: string) => `the kubelet fills from ${source}, which callers choose`;
      expect(run('eval "$X"', [{ name: 'X', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['x']" } } }]))
        .toEqual([ranAsCode('eval "$X"', 'eval runs its words as code', 'X', '', undefined, filled("valueFrom.fieldRef metadata.annotations['x']"))]);
      expect(run('sh -c "$X"', [{ name: 'X', valueFrom: { configMapKeyRef: { name: '$(params.x)', key: 'code' } } }]))
        .toEqual([ranAsCode('sh -c "$X"', 'it is the code of sh -c', 'X', '', undefined, filled('$(params.x)'))]);
      // a later value replaces it
      expect(run('eval "$X"', [{ name: 'X', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['x']" } } }, { name: 'X', value: 'make' }])).toEqual([]);
      // a run's label (Tekton copies it onto the pod) is one word: run as a command, it names the program
      const label = filled("valueFrom.fieldRef metadata.labels['x']").replace(/choose$/, 'choose (a word, which can name a program)');
      expect(run('eval "$X"', [{ name: 'X', valueFrom: { fieldRef: { fieldPath: "metadata.labels['x']" } } }]))
        .toEqual([ranAsCode('eval "$X"', 'eval runs its words as code', 'X', '', undefined, label)]);
      // but it holds no shell syntax: bash's arithmetic and names run nothing of it
      expect(run('#!/bin/bash\necho $((X + 1))\nprintf -v "$X" %s y\n', [{ name: 'X', valueFrom: { fieldRef: { fieldPath: "metadata.labels['x']" } } }])).toEqual([]);
      expect(run('#!/bin/bash\necho $((X + 1))\n')).toEqual([ranAsCode('echo $((X + 1))', 'bash evaluates it as arithmetic, which runs the command substitutions of an array subscript in the value')]);
      // inert: the run's own name, a path Tekton fixes, a constant, a label replaced by a constant, a fixed ConfigMap's key; envFrom is not read
      for (const env of [
        [{ name: 'X', value: '$(context.taskRun.name)' }], [{ name: 'X', value: '$(workspaces.src.path)/run.sh' }], [{ name: 'X', value: 'make' }],
        [{ name: 'X', valueFrom: { fieldRef: { fieldPath: "metadata.labels['x']" } } }, { name: 'X', value: 'make' }],
        [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'ci', key: 'code' } } }],
      ]) {
        expect(run('eval "$X"', env)).toEqual([]);
      }
      // a TaskRun's constant for the param is the author's
      const fixed = {
        apiVersion: 'tekton.dev/v1',
        kind: 'TaskRun',
        metadata: { name: 'release' },
        spec: { params: [{ name: 'x', value: 'make all' }], taskSpec: taskSpec({ params: [{ name: 'x' }], steps: [hardenedContainer('s', { script: 'eval "$X"', env: [{ name: 'X', value: '$(params.x)' }] })] }) },
      };
      expect(SCRIPT_INJECTION.check(fixed)).toEqual([]);
    });

    test('non-compliant: the positional parameters it is passed as (sh -c CODE NAME ARG, set --, a function of the script)', () => {
      const positional = (line: string, how: string, parameter: string) => ({
        ...ranAsCode(line, how),
        problem: `runs as code the value of env var X, which holds $(params.x): ${how} (through ${parameter}, the positional parameter the script passes it as)`,
      });
      expect(run('#!/bin/sh\nsh -c \'eval "$1"\' _ "$X"\n')).toEqual([positional('eval "$1"', 'eval runs its words as code', '$1')]);
      expect(run('set -- "$X"\nbash -c "$1"\n')).toEqual([positional('bash -c "$1"', 'it is the code of bash -c', '$1')]);
      expect(run('retry() {\n  for i in 1 2 3; do "$@" && break; done\n}\nretry "$X" --quiet\n')).toEqual([positional('"$@"', 'it chooses the program the command runs', '$@')]);
      // "$@" runs its first word: a value after it is an argument, of the command the call's words make (git 2.39 run here:
      // `retry git fetch "$X"` with X='--upload-pack=CMD' runs CMD, as `git fetch "$X"` does; after --, it does not)
      expect(run('retry() {\n  for i in 1 2 3; do "$@" && break; done\n}\nretry git fetch "$X"\n')).toEqual([{
        ...ranAsCode('git fetch "$X"', 'git fetch reads a value starting with --upload-pack= (or --receive-pack=) there as that option, whose command it runs'),
        fix: 'Write -- before the operands (git clone -- "$X" dir, git fetch origin -- "$X"), so git reads "$X" as an operand, never as an option.',
      }]);
      // a function that runs its arguments as a command runs the call's words after its name as one: read so (bash 5.2 and dash, run)
      const retry = 'retry() { n=0; until "$@"; do n=$((n+1)); [ "$n" -ge 3 ] && return 1; sleep 2; done; }\n';
      expect(run(`${retry}retry sh -c "echo $X"\n`)).toEqual([ranAsCode('sh -c "echo $X"', 'it is the code of sh -c')]);
      expect(run(`${retry}retry eval "$X"\n`)).toEqual([ranAsCode('eval "$X"', 'eval runs its words as code')]);
      expect(run('run() { echo "+ $*"; "$@"; }\nrun python3 -c "print(\'$X\')"\n')).toEqual([ranAsCode('python3 -c "print(\'$X\')"', 'it is the code of python3 -c')]);
      // past the arguments its shifts move out (kubeflow/kfp-tekton's retry: max and interval first)
      const shifting = 'retry() {\n  local max=$1; shift\n  local interval=$1; shift\n  until "$@"; do\n    max=$((max-1))\n    sleep "$interval"\n  done\n}\n';
      expect(run(`${shifting}retry 3 3 sh -c "echo $X"\n`)).toEqual([ranAsCode('sh -c "echo $X"', 'it is the code of sh -c')]);
      expect(run(`${shifting}retry 3 3 login --apikey "$X"\n`)).toEqual([]);
      // from the N-th of them for "${@:N}", and from each position a shift that may not run leaves (bash 5.2 run: `f() { "${@:2}"; }; f a "$X"`
      // and `f() { [ -n "$1" ] && shift; "$@"; }; f a "$X"` run the value; `f "$X" ls` runs ls)
      expect(run('f() { "${@:2}"; }\nf a sh -c "echo $X"\n')).toEqual([ranAsCode('sh -c "echo $X"', 'it is the code of sh -c')]);
      expect(run('f() { "${@:2}"; }\nf a "$X" b\n')).toEqual([positional('"${@:2}"', 'it chooses the program the command runs', '$@')]);
      expect(run('f() { [ -n "$1" ] && shift; exec "$@"; }\nf a sh -c "echo $X"\n')).toEqual([ranAsCode('sh -c "echo $X"', 'it is the code of sh -c')]);
      expect(run('f() { [ -n "$1" ] && shift; "$@"; }\nf a "$X"\n')).toEqual([positional('"$@"', 'it chooses the program the command runs', '$@')]);
      for (const script of ['f() { "${@:2}"; }\nf "$X" ls', 'f() { "${@:2}"; }\nf sh -c "echo $X"', 'f() { [ -n "$1" ] && shift; "$@"; }\nf a echo "$X"']) {
        expect([script, run(`#!/bin/bash\n${script}\n`)]).toEqual([script, []]);
      }
      // not: a call of literal words, or the value as data of a program that runs no code, nor a body that prints its arguments
      for (const script of [`${retry}retry make test`, `${retry}retry git fetch -- "$X"`, 'show() { echo "$@"; }\nshow sh -c "echo $X"']) {
        expect([script, run(`${script}\n`)]).toEqual([script, []]);
      }
      // an unquoted empty ARG gives no field (bash 5.2 and dash 0.5.12, run): the next one is the program of `$@`, `$*`, `$1 $2`
      const program = 'it chooses the program the command runs';
      expect(run('#!/bin/sh\nsh -c \'$@\' sh \'\' "$X"\n')).toEqual([positional('$@', program, '$@')]);
      expect(run('#!/bin/sh\nsh -c \'cd /w; ${*}\' sh "" \'\' $X\n')).toEqual([positional('$*', program, '$*')]);
      expect(run('#!/bin/sh\nsh -c \'$1 $2\' sh \'\' "$X"\n')).toEqual([positional('$1 $2', program, '$2')]);
      expect(run('#!/bin/sh\nsh -c \'$1 "$2" -v\' sh "" "$X"\n')).toEqual([positional('$1 "$2" -v', program, '$2')]);
      // a slice `${@:N:L}` gives L of them from the N-th (bash 5.2, run): past the shifts before it
      expect(run('#!/bin/bash\nf() { eval "${@:2:1}"; }\nf a "$X"\n')).toEqual([positional('eval "${@:2:1}"', 'eval runs its words as code', '$@')]);
      expect(run('#!/bin/bash\nf() { shift; eval "${@:1:1}"; }\nf a "$X"\n')).toEqual([positional('eval "${@:1:1}"', 'eval runs its words as code', '$@')]);
      expect(run('#!/bin/bash\nbash -c \'eval "${@:1:2}"\' sh a "$X"\n')).toEqual([positional('eval "${@:1:2}"', 'eval runs its words as code', '$@')]);
      for (const script of ['f() { eval "${@:1:1}"; }\nf a "$X"', 'f() { eval "${@:0:2}"; }\nf a "$X"', 'f() { eval "${@:1:0}"; }\nf a "$X"', 'bash -c \'eval "${@: 1 : 1}"\' sh a "$X"']) {
        expect([script, run(`#!/bin/bash\n${script}\n`)]).toEqual([script, []]);
      }
      // quoted, it is one empty field; a non-empty ARG is the program; or the value an argument
      for (const script of ['sh -c \'"$@"\' sh \'\' "$X"', 'sh -c \'$@\' sh a "$X"', 'sh -c \'echo $1 $2\' sh \'\' "$X"', 'sh -c \'"$1" $2\' sh \'\' "$X"',
        'sh -c \'$1 $2 "$3"\' sh \'\' ls "$X"']) {
        expect([script, run(`#!/bin/sh\n${script}\n`)]).toEqual([script, []]);
      }
      // an array expanded whole among them gives each element its position (bash 5.2, run), any past one the shell may split
      expect(run('#!/bin/bash\nA=(ls "$X")\nset -- "${A[@]}"\neval "$2"\n')).toEqual([positional('eval "$2"', 'eval runs its words as code', '$2')]);
      expect(run('#!/bin/bash\nA=(ls "$X")\nf() { eval "$2"; }\nf "${A[@]}"\n')).toEqual([positional('eval "$2"', 'eval runs its words as code', '$2')]);
      expect(run('#!/bin/bash\nA=(ls $O "$X")\nset -- "${A[@]}"\neval "$3"\n')).toEqual([positional('eval "$3"', 'eval runs its words as code', '$3')]);
      expect(run('#!/bin/bash\nA=(ls $O "$X")\nset -- "${A[@]}"\neval "$2"\n')).toEqual([positional('eval "$2"', 'eval runs its words as code', '$2')]);
      expect(run('set -- ls $O "$X"\neval "$2"\n')).toEqual([positional('eval "$2"', 'eval runs its words as code', '$2')]);
      // a word with a quoted or a literal part gives at least one field: a value after it takes no lower position
      expect(run('set -- ls "$O" "$X"\neval "$2"\n')).toEqual([]);
      expect(run('set -- ls x/$O "$X"\neval "$2"\n')).toEqual([]);
      expect(run('set -- ls x/$O "$X"\neval "$3"\n')).toEqual([positional('eval "$3"', 'eval runs its words as code', '$3')]);
      expect(run('f() {\n  key=$2\n  sed -i "s|^${key}=.*|k=v|" "$1"\n}\nf "$(workspaces.source.path)/x.properties" sonar.login "$X"\n')).toEqual([]);
      // but a quoted list gives none where it is empty ("$@", "${A[@]}" of an array read, its slice, its keys, names by prefix), a
      // pattern under nullglob none, and a pattern or bash's braces several: the value after may take a lower or a higher position
      for (const list of ['"${A[@]}"', '"$@"', '"${@:2}"', '"${A[@]:1}"', '"${!A[@]}"', '"${!B@}"']) {
        expect(run(`#!/bin/bash\nread -ra A <<< "$O"\nset -- ${list} "$X"\neval "$1"\n`)).toEqual([positional('eval "$1"', 'eval runs its words as code', '$1')]);
        expect(run(`#!/bin/bash\nsh -c 'eval "$1"' _ ${list} "$X"\n`)).toEqual([positional('eval "$1"', 'eval runs its words as code', '$1')]);
      }
      expect(run('#!/bin/bash\nshopt -s nullglob\nset -- *.none "$X"\neval "$1"\n')).toEqual([positional('eval "$1"', 'eval runs its words as code', '$1')]);
      expect(run('#!/bin/bash\nset -- *.none "$X"\neval "$1"\n')).toEqual([]);
      expect(run('#!/bin/bash\nset -- {a,b} "$X"\neval "$3"\n')).toEqual([positional('eval "$3"', 'eval runs its words as code', '$3')]);
      expect(run('#!/bin/bash\nset -- *.txt "$X"\neval "$3"\n')).toEqual([positional('eval "$3"', 'eval runs its words as code', '$3')]);
      // a quoted part other than a list, an ANSI-C quote, gives one field
      for (const word of ['$\'a b\'', '""$O', '"${A[*]}"', '"x${A[@]}"']) expect(run(`#!/bin/bash\nset -- ${word} "$X"\neval "$1"\n`)).toEqual([]);
      expect(run('#!/bin/bash\nsh -c \'eval "$1"\' _ "$*" "$X"\n')).toEqual([]);
      // the words of `set` expand with the positional parameters before it: "$*" is one field, X is $2 (and "$1" the old $1)
      expect(run('set -- "$*" "$X"; eval "$1"\n')).toEqual([]);
      expect(run('set -- "$1" "$X"; eval "$1"\n')).toEqual([]);
      expect(run('set -- "$*" "$X"; eval "$2"\n')).toEqual([positional('eval "$2"', 'eval runs its words as code', '$2')]);
      expect(run('set -- "$@" "$X"; eval "$1"\n')).toEqual([positional('eval "$1"', 'eval runs its words as code', '$1')]);
      // in a loop a later pass gives them from the earlier one's
      expect(run('while read -r l; do set -- "$X" "$1"; done\neval "$2"\n')).toEqual([positional('eval "$2"', 'eval runs its words as code', '$2')]);
      // set in a function's body gives the body's (each call's), not the script's
      expect(run('f() { set -- "$X"; eval "$1"; }; f\n')).toEqual([positional('eval "$1"', 'eval runs its words as code', '$1')]);
      expect(run('f() { set -- "$X"; }; f; eval "$1"\n')).toEqual([]);
      expect(run('eval "$1"\nset -- "$X"\n')).toEqual([]);
      expect(run('shift\nset -- "$X"\neval "$1"\n')).toEqual([positional('eval "$1"', 'eval runs its words as code', '$1')]);
      // a shift that runs once whatever ran before moves them by its count (bash 5.2 and dash); `shift N` none where fewer are left
      expect(run('set -- "$X" a\nshift\neval "$1"\n')).toEqual([]);
      expect(run('f() { set -- "$X" a; shift; eval "$1"; }; f\n')).toEqual([]);
      expect(run('f() { shift; eval "$1"; }; f "$X" a\n')).toEqual([]);
      expect(run('sh -c \'shift; eval "$1"\' _ "$X" a\n')).toEqual([]);
      expect(run('set -- "$X" a\nshift || exit 1\neval "$1"\n')).toEqual([]);
      expect(run('f() { set -- a "$X"; shift; eval "$1"; }; f\n')).toEqual([positional('eval "$1"', 'eval runs its words as code', '$1')]);
      expect(run('set -- a b "$X"\nshift 2\neval "$1"\n')).toEqual([positional('eval "$1"', 'eval runs its words as code', '$1')]);
      expect(run('set -- a "$X"\nshift 3\neval "$1"\n')).toEqual([positional('eval "$1"', 'eval runs its words as code', '$1')]);
      // "$@" and "$*" hold the parameters from $1 on, past those such shifts moved out ($0 none of them: bash 5.2 and dash)
      for (const script of ['set -- "$X" a\nshift\neval "$@"\n', 'set -- "$X"\nshift\neval "$*"\n', 'f() { shift; eval "$@"; }; f "$X" a\n',
        'sh -c \'eval "$@"\' "$X"\n', 'sh -c \'shift; eval "$*"\' _ "$X" a\n']) {
        expect([script, run(script)]).toEqual([script, []]);
      }
      expect(run('f() { shift; eval "$@"; }; f a "$X"\n')).toEqual([positional('eval "$@"', 'eval runs its words as code', '$@')]);
      expect(run('set -- a "$X"\nshift 2\neval "$*"\n')).toEqual([positional('eval "$*"', 'eval runs its words as code', '$*')]);
      // a `set` written over lines (`set -- \` then its words): those before it are not its, a shift after it moves them
      expect(run('eval "$1"\nset -- \\\n  "$X"\n')).toEqual([]);
      expect(run('set -- \\\n  "$X" a\nshift\neval "$1"\n')).toEqual([]);
      expect(run('set -- a \\\n  "$X"\nshift\neval "$1"\n')).toEqual([positional('eval "$1"', 'eval runs its words as code', '$1')]);
      // `${X:+word}` gives the word or nothing, never X's value; the word's own expansions are read
      expect(run('set -- "${X:+$Y}" a; eval "$1"\n')).toEqual([]);
      expect(run('set -- "${Y:+$X}" a; eval "$1"\n')).toEqual([positional('eval "$1"', 'eval runs its words as code', '$1')]);
      // one that may not run, or whose count is not known, may have moved any
      for (const shift of ['[ -n "$Y" ] && shift', 'if c; then shift; fi', 'shift $N']) {
        expect(run(`set -- "$X" a\n${shift}\neval "$1"\n`)).toEqual([positional('eval "$1"', 'eval runs its words as code', '$1')]);
      }
      expect(run('f() {\n  key=$2\n  sed -i "s|^${key}=.*|k=v|" "$1"\n}\nf $(workspaces.source.path) "$X"\n'))
        .toEqual([{
          ...ranAsCode('sed -i "s|^${key}=.*|k=v|" "$1"', 'it is the script of sed, whose e command and s///e flag run commands (through key, which the script assigns from it)'),
          fix: 'Pass "$key" as data, never as code: as a quoted argument of a fixed command, or to a shell as a positional parameter (sh -c \'tool "$1"\' _ "$key").',
        }]);
      // given anew by a later compound assignment: its elements alone (X is $3)
      expect(run('#!/bin/bash\nA=(ls)\nA=(a b "$X")\nset -- "${A[@]}"\neval "$3"\n')).toEqual([positional('eval "$3"', 'eval runs its words as code', '$3')]);
      // given by index (`[5]=`), bash expands them in the order of their indexes: X is $2
      expect(run('#!/bin/bash\nA=([5]="$X" [1]=ls)\nset -- "${A[@]}"\neval "$2"\n')).toEqual([positional('eval "$2"', 'eval runs its words as code', '$2')]);
      for (const script of ['A=(ls "$X")\nset -- "${A[@]}"\neval "$1"\n', 'A=(ls $X)\nset -- "${A[@]}"\neval "$1"\n', 'A=(ls)\nA+=("$X")\nset -- "${A[@]}"\neval "$1"\n']) {
        expect([script, run(`#!/bin/bash\n${script}`)]).toEqual([script, []]);
      }
    });

    test('non-compliant: a caller\'s value in the arguments a script or sh -c CODE gets as its positional parameters, which the code runs', () => {
      const summary = (step: Record<string, any>) => SCRIPT_INJECTION.check(task({
        params: [{ name: 'x' }], steps: [hardenedContainer('s', { script: undefined, ...step })],
      })).map((f) => [f.property, f.value, f.problem, f.fix]);
      const fix = 'Keep the positional parameter data: pass it only as a quoted argument of a fixed command ("$1"), never as code or as the program, '
        + 'or give the value through env and check it against the values allowed first.';
      expect(summary({ script: '#!/bin/sh\neval "$1"\n', args: ['$(params.x)'] })).toEqual([[
        'script', 'eval "$1"', 'runs as code args[0], which holds $(params.x) and which the script gets as a positional parameter: eval runs its words as code (as $1)', fix,
      ]]);
      expect(summary({ script: '#!/bin/sh\nc="$2"\n$c --version\n', args: ['fixed', '$(params.x)'] })).toEqual([[
        'script', '$c --version', 'runs as code args[1], which holds $(params.x) and which the script gets as a positional parameter: it chooses the program the command runs '
        + '(through c, which the script assigns from it)', fix,
      ]]);
      expect(summary({ command: ['sh', '-c', 'eval "$1"', '_', '$(params.x)'] })).toEqual([[
        'command[2]', 'eval "$1"', 'runs as code command[4], which holds $(params.x) and which the shell gets as a positional parameter: eval runs its words as code (as $1)', fix,
      ]]);
      // the kubelet's $(NAME) of an env var that holds one
      expect(summary({ command: ['bash', '-c', '$0'], args: ['$(X)'], env: [{ name: 'X', value: '$(params.x)' }] })).toEqual([[
        'command[2]', '$0', 'runs as code args[0], which holds $(X) and which the shell gets as a positional parameter: it chooses the program the command runs (as $0)', fix,
      ]]);
      // getopts with no ARG parses them: OPTARG holds an option's value (`-b CODE`: bash 5.2 and dash 0.5.12, checked)
      expect(summary({ script: '#!/bin/sh\nwhile getopts "ab:" opt; do eval "$OPTARG"; done\n', args: ['-b', '$(params.x)'] })).toEqual([[
        'script', 'eval "$OPTARG"', 'runs as code args[1], which holds $(params.x) and which the script gets as a positional parameter: eval runs its words as code '
        + '(through OPTARG, which the script assigns from it)', fix,
      ]]);
      // data: the code never runs it
      expect(summary({ script: '#!/bin/sh\ngit fetch origin -- "$1"\n', args: ['$(params.x)'] })).toEqual([]);
      expect(summary({ command: ['sh', '-c', 'git fetch -- "$1"', '_', '$(params.x)'] })).toEqual([]);
      expect(summary({ command: ['sh', '-c', '"$@"', '_', 'git', 'fetch', '$(params.x)'] })).toEqual([]);
    });

    test('non-compliant: an element Tekton expands from an array param gives any number of positional parameters, each of its elements or a later one', () => {
      const summary = (step: Record<string, any>) => SCRIPT_INJECTION.check(task({
        params: [{ name: 'x' }, { name: 'list', type: 'array' }], steps: [hardenedContainer('s', { script: undefined, ...step })],
      })).map((f) => [f.property, f.value, f.problem]);
      expect(summary({ script: '#!/bin/sh\nset -e\neval "$2"\n', args: ['$(params.list[*])'] })).toEqual([[
        'script', 'eval "$2"', 'runs as code args[0], which holds $(params.list[*]) and which the script gets as a positional parameter: eval runs its words as code (as $2)',
      ]]);
      expect(summary({ command: ['sh', '-c', 'eval "$1"', '_', '$(params.list[*])', 'fixed'] })).toEqual([[
        'command[2]', 'eval "$1"', 'runs as code command[4], which holds $(params.list[*]) and which the shell gets as a positional parameter: eval runs its words as code (as $1)',
      ]]);
      // an empty array moves a later element before its place: `fixed` is $1 or $2, and so is the value
      expect(summary({ command: ['sh', '-c', 'tool "$1" && eval "$2"', '_', '$(params.list[*])', 'fixed', '$(params.x)'] })).toEqual([[
        'command[2]', 'eval "$2"', 'runs as code command[4], which holds $(params.list[*]) and which the shell gets as a positional parameter: eval runs its words as code (as $2)',
      ]]);
      // in a Pipeline's task spec, a run may give a string param as an array (one the pipeline does not declare a string):
      // Tekton expands the whole element $(params.name) to its elements
      const inPipeline = (pipelineParams: any[]) => SCRIPT_INJECTION.check({
        apiVersion: 'tekton.dev/v1',
        kind: 'Pipeline',
        metadata: { name: 'p' },
        spec: {
          params: pipelineParams,
          tasks: [{ name: 't', taskSpec: { params: [{ name: 'name', default: 'main' }], steps: [hardenedContainer('s', { script: undefined, command: ['sh', '-c', 'echo "$1"; eval "$2"', '_', '$(params.name)'] })] } }],
        },
      }).map((f) => [f.property, f.value, f.problem]);
      const spread = [[
        'command[2]', 'eval "$2"', 'runs as code command[4], which holds $(params.name) and which the shell gets as a positional parameter: eval runs its words as code (as $2)',
      ]];
      expect(inPipeline([])).toEqual(spread);
      expect(inPipeline([{ name: 'name', type: 'array' }])).toEqual(spread);
      // Tekton refuses a run's array for a param the pipeline declares a string, and a TaskRun's for a Task's string param
      expect(inPipeline([{ name: 'name' }])).toEqual([]);
      expect(inPipeline([{ name: 'name', default: 'main' }])).toEqual([]);
      expect(summary({ command: ['sh', '-c', 'echo "$1"; eval "$2"', '_', '$(params.x)'] })).toEqual([]);
      // in the task spec of a PipelineRun's own pipelineSpec, the array the run gives (or, given none, the pipeline's array default)
      const CODE = ['sh', '-c', 'echo "$1"; eval "$2"', '_', '$(params.name)'];
      const runTask = { name: 't', taskSpec: { params: [{ name: 'name', default: 'main' }], steps: [hardenedContainer('s', { script: undefined, command: CODE })] } };
      const inRun = (runParams: any[], pipelineParams: any[]) => SCRIPT_INJECTION.check({
        apiVersion: 'tekton.dev/v1',
        kind: 'PipelineRun',
        metadata: { name: 'r' },
        spec: { params: runParams, pipelineSpec: { params: pipelineParams, tasks: [runTask] } },
      }).map((f) => [f.location, f.property, f.value, f.problem]);
      const runSpread = [[
        "task 't' step 's'", 'command[2]', 'eval "$2"',
        'runs as code command[4], which holds $(params.name) and which the shell gets as a positional parameter: eval runs its words as code (as $2)',
      ]];
      const mixed = [{ name: 'name', value: ['main', '$(tt.params.ref)'] }];
      expect(inRun(mixed, [{ name: 'name', type: 'array' }])).toEqual(runSpread);
      expect(inRun(mixed, [])).toEqual(runSpread);
      expect(inRun([], [{ name: 'name', type: 'array', default: ['main', '$(tt.params.ref)'] }])).toEqual(runSpread);
      // a pipeline task's own pipelineSpec: its child PipelineRun is given the task's params (Tekton's admission gives the
      // nested task spec's params no default type: written here)
      const nestedTask = { ...runTask, taskSpec: { ...runTask.taskSpec, params: [{ name: 'name', type: 'string', default: 'main' }] } };
      expect(SCRIPT_INJECTION.check({
        apiVersion: 'tekton.dev/v1',
        kind: 'PipelineRun',
        metadata: { name: 'r' },
        spec: {
          params: [{ name: 'ref', value: '$(tt.params.ref)' }],
          pipelineSpec: { params: [{ name: 'ref' }], tasks: [{ name: 'outer', params: [{ name: 'name', value: ['main', '$(params.ref)'] }], pipelineSpec: { tasks: [nestedTask] } }] },
        },
      }).map((f) => f.problem)).toEqual([runSpread[0][3]]);
      // a string, constants, a param the pipeline declares a string (Tekton refuses the run's array)
      expect(inRun([{ name: 'name', value: '$(tt.params.ref)' }], [])).toEqual([]);
      expect(inRun([{ name: 'name', value: ['main', 'dev'] }], [{ name: 'name', type: 'array' }])).toEqual([]);
      expect(inRun(mixed, [{ name: 'name', type: 'string' }])).toEqual([]);
      // data where the code runs none of them
      expect(summary({ script: '#!/bin/sh\ngit fetch origin -- "$2"\n', args: ['$(params.list[*])'] })).toEqual([]);
      expect(summary({ command: ['sh', '-c', 'printf "%s\\n" "$@"', '_', '$(params.list[*])'] })).toEqual([]);
    });

    test('non-compliant: an element of a bash array a compound assignment gives it, by its index (bash 5.2, run)', () => {
      const EVAL = 'eval runs its words as code';
      /** The finding for X reaching `line` through the array element `element` (`A[0]`), which the fix writes `${A[0]}`. */
      // (the element named as bash writes it, in braces: `${A[1]}`, where `$A[1]` is `${A}` then `[1]`)
      const ranAsElement = (line: string, how: string, element: string) => ({
        ...ranAsCode(line, how, 'X', '$(params.x)', element),
        problem: `runs as code the value of env var X, which holds $(params.x): ${how} (through \${${element}}, which the script assigns from it)`,
        fix: `Pass "\${${element}}" as data, never as code: as a quoted argument of a fixed command, or to a shell as a positional parameter (sh -c 'tool "$1"' _ "\${${element}}").`,
      });
      expect(run('#!/bin/bash\nA=("$X")\neval "${A[0]}"\n')).toEqual([ranAsElement('eval "${A[0]}"', EVAL, 'A[0]')]);
      expect(run('#!/bin/bash\ndeclare -a A=(ls "$X")\nsh -c "${A[1]}"\n')).toEqual([ranAsElement('sh -c "${A[1]}"', 'it is the code of sh -c', 'A[1]')]);
      // split unquoted, its first word is the program (`A=($X); "${A[@]}"`)
      expect(run('#!/bin/bash\nA=($X)\n"${A[@]}"\n')).toEqual([ranAsCode('"${A[@]}"', 'it chooses the program the command runs')]);
      // an index not known: past an element the shell may split (`$O` empty, X is ${A[1]}), appended to an array that may be empty
      expect(run('#!/bin/bash\nA=(ls $O "$X")\neval "${A[1]}"\n')).toEqual([ranAsElement('eval "${A[1]}"', EVAL, 'A[@]')]);
      // an element the shell splits gives the indexes after its own too (bash 5.2, run: X='a b; id' gives ${A[2]} 'b;'), and so in a copy
      expect(run('#!/bin/bash\nA=(ls $X)\neval "${A[2]}"\n')).toEqual([ranAsElement('eval "${A[2]}"', EVAL, 'A[@]')]);
      expect(run('#!/bin/bash\nA=(ls "$X")\ndeclare -a B=("${A[@]}")\neval "${B[1]}"\n')).toEqual([ranAsElement('eval "${B[1]}"', EVAL, 'B[@]')]);
      // through a nameref to the array (bash 5.2, run: `${R[1]}` is `${A[1]}`)
      expect(run('#!/bin/bash\nA=(ls "$X")\ndeclare -n R=A\neval "${R[1]}"\n')).toEqual([ranAsElement('eval "${R[1]}"', EVAL, 'A[1]')]);
      expect(run('#!/bin/bash\nA=("$X" -v)\nlocal -n R=A\n"${R[@]}"\n')).toEqual([ranAsCode('"${R[@]}"', 'it chooses the program the command runs')]);
      expect(run('#!/bin/bash\nA=(ls "$X")\ndeclare -n R=A\neval "${R[0]}"\n"${R[@]}"\n')).toEqual([]);
      expect(run('#!/bin/bash\nif [ -n "$V" ]; then A=(tool); fi\nA+=("$X")\n"${A[@]}"\n'))
        .toEqual([ranAsElement('"${A[@]}"', 'it chooses the program the command runs', 'A[@]')]);
      // copied into another array, or given getopts as its ARGs, and an element read by a variable index
      expect(run('#!/bin/bash\nA=("$X")\nB=("${A[@]}")\neval "${B[0]}"\n')).toEqual([ranAsElement('eval "${B[0]}"', EVAL, 'B[0]')]);
      expect(run('#!/bin/bash\nA=(-b "$X")\nwhile getopts ab: O "${A[@]}"; do eval "$OPTARG"; done\n'))
        .toEqual([ranAsCode('eval "$OPTARG"', EVAL, 'X', '$(params.x)', 'OPTARG')]);
      expect(run('#!/bin/bash\nA=(ls "$X")\nfor i in 0 1; do eval "${A[$i]}"; done\n')).toEqual([ranAsElement('eval "${A[$i]}"', EVAL, 'A[1]')]);
      // printf %q quotes each element as one word of code (bash 5.2, run): as code, only its first is more than data
      expect(run('#!/bin/bash\nA=("$X" -v)\nC=$(printf "%q " "${A[@]}")\nsh -c "$C"\n')).toEqual([ranAsCode('sh -c "$C"', 'it is the code of sh -c', 'X', '$(params.x)', 'C')]);
      // and so does bash's ${A[@]@Q} (each element single-quoted): eval runs the first element, the others are its arguments
      expect(run('#!/bin/bash\nA=("$X" -v)\neval "${A[*]@Q}"\n')).toEqual([ranAsElement('eval "${A[*]@Q}"', EVAL, 'A[0]')]);
      // none: the array's program is fixed (its elements the arguments), another element, its length or its indexes
      for (const script of ['A=(tool --url "$X")\n"${A[@]}"\n', 'A=(tool "$X")\nC=$(printf "%q " "${A[@]}")\nsh -c "ip link && $C"\n', 'A=(ls "$X")\neval "${A[0]}"\n', 'A=(ls $O "$X")\n"${A[@]}"\n',
        'A=(tool --x)\nA+=(--y="$X")\n"${A[@]}"\n', 'A=([3]="$X" ls)\neval "${A[4]}"\n', 'A=(ls "$X")\neval "${#A[@]}"\n',
        'A=(ls "$X")\neval "${A[@]@Q}"\n']) {
        expect([script, run(`#!/bin/bash\n${script}`)]).toEqual([script, []]);
      }
      // not quoted, bash splits the quoted elements at blanks and expands the pieces as patterns: `A=(ls "a *")` with a file named
      // `q';id;''` makes `eval ${A[@]@Q}` run id (bash 5.2, run), so every element is code; printf %q escapes each pattern character
      const split = (line: string, word: string) => ranAsElement(line, `${EVAL} (${word} not quoted: the shell splits each quoted element at blanks and expands `
        + 'the pieces as patterns, so a file name one matches may close a quote)', 'A[1]');
      expect(run('#!/bin/bash\nA=(ls "$X")\neval ${A[@]@Q}\n')).toEqual([split('eval ${A[@]@Q}', '${A[@]@Q}')]);
      expect(run('#!/bin/bash\nA=(ls "$X")\neval -- ${A[*]@Q} >/dev/null\n')).toEqual([split('eval -- ${A[*]@Q} >/dev/null', '${A[*]@Q}')]);
      expect(run('#!/bin/bash\nA=(ls "$X")\neval "${A[@]@Q}" \'| wc -l\'\n')).toEqual([]);
      expect(run('#!/bin/bash\nA=(ls "$X")\neval $(printf "%q " "${A[@]}")\n')).toEqual([]);
      // a scalar quoted for the shell, in double quotes, an operand of echo or printf: eval reads it back as that one word (bash 5.2,
      // run with quotes, $(id), backquotes, *, a newline, `a  b;id`)
      for (const script of ['eval echo "${X@Q}"', 'eval echo "$(printf %q "$X")"', 'eval -- echo -n "$(printf \'%q\' "${X}")" >/dev/null', 'eval printf %s "${X@Q}"']) {
        expect([script, run(`#!/bin/bash\n${script}\n`)]).toEqual([script, []]);
      }
      // but the program itself, split (a file a piece matches may close the quote), or after a word eval reads as more than a word
      for (const script of ['eval "${X@Q}"', 'eval echo ${X@Q}', 'eval "$(printf %q "$X")"', 'eval sh -c "${X@Q}"', 'eval "echo \'" "${X@Q}" "\'"',
        'eval printf -v "${X@Q}" x', 'eval X= "${X@Q}"', 'eval echo "a${X@Q}"']) {
        expect([script, run(`#!/bin/bash\n${script}\n`)]).toEqual([script, [ranAsCode(script, EVAL)]]);
      }
    });

    test('non-compliant: what read, mapfile and for take from it, and a file written from it that the script then runs', () => {
      expect(run('read -r CMD <<< "$X"\n$CMD\n')).toEqual([ranAsCode('$CMD', 'it chooses the program the command runs', 'X', '$(params.x)', 'CMD')]);
      expect(run('printf \'%s\\n\' "$X" | while read -r line; do eval "$line"; done\n'))
        .toEqual([ranAsCode('eval "$line"', 'eval runs its words as code', 'X', '$(params.x)', 'line')]);
      expect(run('while read -r line; do eval "$line"; done <<< "$X"\n'))
        .toEqual([ranAsCode('eval "$line"', 'eval runs its words as code', 'X', '$(params.x)', 'line')]);
      expect(run('#!/bin/bash\nprintf -v CMD \'%s --version\' "$X"\n$CMD\n'))
        .toEqual([ranAsCode('$CMD', 'it chooses the program the command runs', 'X', '$(params.x)', 'CMD')]);
      // getopts gives OPTARG an option's value from the ARGs it is given (bash 5.2 and dash 0.5.12, checked)
      expect(run('while getopts ab: O -b "$X"; do eval "$OPTARG"; done\n'))
        .toEqual([ranAsCode('eval "$OPTARG"', 'eval runs its words as code', 'X', '$(params.x)', 'OPTARG')]);
      // not an ARG after an operand, where getopts stops, nor where no option takes a value (bash 5.2 and dash 0.5.12: OPTARG stays empty)
      expect(run('while getopts ab: O -a "$X"; do eval "$OPTARG"; done\n'))
        .toEqual([ranAsCode('eval "$OPTARG"', 'eval runs its words as code', 'X', '$(params.x)', 'OPTARG')]);
      expect(run('while getopts ab: O out.txt "$X"; do eval "$OPTARG"; done\n')).toEqual([]);
      expect(run('while getopts ab O "$X"; do eval "$OPTARG"; done\n')).toEqual([]);
      expect(run('#!/bin/bash\ndeclare -n REF=CMD\nREF="$X"\n$CMD\n'))
        .toEqual([ranAsCode('$CMD', 'it chooses the program the command runs', 'X', '$(params.x)', 'CMD')]);
      expect(run('echo "$X" | xargs -I{} sh -c "helm upgrade {}"\n'))
        .toEqual([ranAsCode('echo "$X" | xargs -I{} sh -c "helm upgrade {}"', 'it is the code of sh -c')]);
      // a group's last letter -I takes the next word: the command is sh
      expect(run('ls | xargs -rI {} sh -c "$X"\n')).toEqual([ranAsCode('xargs -rI {} sh -c "$X"', 'it is the code of sh -c')]);
      // a group whose closing word gives the shell in it its input
      expect(run('{ set -x; bash; } <<< "$X"\n')).toEqual([ranAsCode('} <<< "$X"', 'this redirection gives it as input to the commands around `bash`, where bash reads it as code')]);
      expect(run('( set -x; bash ) <<< "$X"\n')).toEqual([ranAsCode('<<< "$X"', 'this redirection gives it as input to the commands around `bash`, where bash reads it as code')]);
      // a subshell or group not redirected itself reads the input of the one around it, unless a pipe or its own redirection feeds it
      expect(run('( ( bash ) ) <<< "$X"\n')).toEqual([ranAsCode('<<< "$X"', 'this redirection gives it as input to the commands around `bash`, where bash reads it as code')]);
      expect(run('( ( set -x; bash ); echo ) <<< "$X"\n')).toEqual([ranAsCode('<<< "$X"', 'this redirection gives it as input to the commands around `bash`, where bash reads it as code')]);
      expect(run('{ ( bash ) > log; } <<< "$X"\n')).toEqual([ranAsCode('} <<< "$X"', 'this redirection gives it as input to the commands around `bash`, where bash reads it as code')]);
      expect(run('while true; do ( bash ); done <<< "$X"\n')).toEqual([ranAsCode('done <<< "$X"', 'this redirection gives it as input to the commands around `bash`, where bash reads it as code')]);
      expect(run('( echo hi | ( bash ) ) <<< "$X"\n')).toEqual([]);
      expect(run('{ cat | tee log | bash; } <<< "$X"\n')).toEqual([ranAsCode('} <<< "$X"', 'this redirection gives it as input to the commands around `bash`, where bash reads it as code')]);
      expect(run('{ cat -n | bash; } <<< "$X"\n')).toEqual([]);
      expect(run('( ( bash ) <<< hi ) <<< "$X"\n')).toEqual([]);
      expect(run('( ( echo hi ) ) <<< "$X"\n')).toEqual([]);
      // a function's body reads the input its call is given
      expect(run('f() { bash; }; f <<< "$X"\n')).toEqual([ranAsCode('f <<< "$X"', 'bash in the body of f reads it as code from its input, which the call gives it')]);
      expect(run('f() { sh -s; }\necho "$X" | f\n')).toEqual([ranAsCode('echo "$X" | f', 'sh in the body of f reads it as code from its input, which the call gives it')]);
      expect(run('f() { bash; }\necho "$X" | tee log | f\n'))
        .toEqual([ranAsCode('echo "$X" | tee log | f', 'bash in the body of f reads it as code from its input, which the call gives it')]);
      expect(run('function g { set -e; python3; }\ng <<EOF\n$X\nEOF\n'))
        .toEqual([ranAsCode('g <<EOF', 'python3 in the body of g reads it as code from its input, which the call gives it')]);
      expect(run('f() { bash; }; f < <(echo "$X")\n')).toEqual([ranAsCode('f < <(echo "$X")', 'bash in the body of f reads it as code from its input, which the call gives it')]);
      for (const body of ['echo hi', 'bash <<< hi', 'echo a | bash', 'bash /tmp/x.sh']) expect([body, run(`f() { ${body}; }; f <<< "$X"\n`)]).toEqual([body, []]);
      expect(run('f() { bash; }; f "$X"\n')).toEqual([]);
      // through a function the body calls, and a pipe in the body through cat or tee
      expect(run('f() { g; }; g() { bash; }; f <<< "$X"\n')).toEqual([ranAsCode('f <<< "$X"', 'bash in g in the body of f reads it as code from its input, which the call gives it')]);
      expect(run('f() { cat | tee l | sh; }\necho "$X" | f\n')).toEqual([ranAsCode('echo "$X" | f', 'sh in the body of f reads it as code from its input, which the call gives it')]);
      expect(run('f() { cat -n | bash; }; f <<< "$X"\n')).toEqual([]);
      expect(run('f() { f; }; f <<< "$X"\n')).toEqual([]);
      // a call given none reads the input of the group around it; a function defined there reads its call's
      expect(run('f() { bash; }\n( f ) < <(echo "$X")\n'))
        .toEqual([ranAsCode('< <(echo "$X")', 'this redirection gives it as input to the commands around the call `f`, where bash in the body of f reads it as code')]);
      expect(run('{ f() { bash; }; f; } <<< "$X"\n')).toEqual([ranAsCode('} <<< "$X"', 'this redirection gives it as input to the commands around the call `f`, where bash in the body of f reads it as code')]);
      expect(run('{ f() { bash; }; } <<< "$X"\n')).toEqual([]);
      expect(run('{ function f { bash; }; } <<< "$X"\n')).toEqual([]);
      // after a line break, the redirection is a command of its own, and the subshell's bash reads the script's input
      expect(run('( set -x; bash )\n<<< "$X"\n')).toEqual([]);
      // a digits test in the code of sh -c counts for that code, not for a bash it starts (busybox ash's [[ splits an unquoted $X)
      expect(run('sh -c \'[[ $X =~ ^[0-9]+$ ]] || exit 1; echo $((X + 1))\'\n')).toEqual([]);
      expect(run('sh -c \'[[ $X =~ ^[0-9]+$ ]] || exit 1; bash -c "echo \\$((X + 1))"\'\n')).toEqual([
        ranAsCode('echo $((X + 1))', 'bash evaluates it as arithmetic, which runs the command substitutions of an array subscript in the value'),
      ]);
      // what xargs reads is the code it gives python3 -c, not python3's input
      expect(run('echo "$X" | xargs python3 -c\n')).toEqual([ranAsCode('echo "$X" | xargs python3 -c', 'it is the code of python3 -c')]);
      // GNU xargs 4.9 gives the program /dev/null for its input (run): what it reads is an argument, the file python3 or bash runs, or
      // data (`python3 -`, `bash -s`: `$1`); but with `-a FILE` the program keeps xargs' input, what echo pipes
      const FILE = (program: string) => `it names the file ${program} runs as code, so the value chooses which file runs (any the container can read: /dev/stdin, a file in a workspace)`;
      expect(run('echo "$X" | xargs python3\n')).toEqual([ranAsCode('echo "$X" | xargs python3', FILE('python3'))]);
      expect(run('echo "$X" | xargs -0 sudo bash\n')).toEqual([ranAsCode('echo "$X" | xargs -0 sudo bash', FILE('bash'))]);
      // (GNU xargs gives the program /dev/null for its input, BusyBox's xargs, alpine's, its own: past xargs' first read, the value)
      for (const [line, program] of [['echo "$X" | xargs python3 -', 'python3'], ['echo "$X" | xargs bash -s', 'bash'], ['echo "$X" | xargs -r node -', 'node']]) {
        expect([line, run(`${line}\n`)]).toEqual([line, [ranAsCode(line, `${program} reads it as code from what echo pipes to it`)]]);
      }
      expect(run('echo "$X" | xargs -a list bash -s\n')).toEqual([ranAsCode('echo "$X" | xargs -a list bash -s', 'bash reads it as code from what echo pipes to it')]);
      expect(run('ssh -i /keys/id deploy@bastion "cd /srv && $X"\n'))
        .toEqual([ranAsCode('ssh -i /keys/id deploy@bastion "cd /srv && $X"', 'ssh has the remote host\'s shell run it as a command')]);
      expect(run('curl -fsSL "$X" | bash -s -- --yes\n'))
        .toEqual([ranAsCode('curl -fsSL "$X" | bash -s -- --yes', 'bash reads as code what curl downloads with it (from the URL it names)')]);
      expect(run('echo "$X" > /tmp/step.sh\nsh /tmp/step.sh\n')).toEqual([ranAsCode('sh /tmp/step.sh', 'sh runs the file /tmp/step.sh, which `echo "$X" > /tmp/step.sh` writes it to')]);
      // the file past a shell's options and their values, and bun's after its run sub-command; not bash's +s FILE (its input)
      for (const line of ['bash +x /tmp/step.sh', 'bash -o pipefail /tmp/step.sh', 'bun --bun run /tmp/step.sh']) {
        const name = line.split(' ')[0];
        expect(run(`echo "$X" > /tmp/step.sh\n${line}\n`)).toEqual([ranAsCode(line, `${name} runs the file /tmp/step.sh, which \`echo "$X" > /tmp/step.sh\` writes it to`)]);
      }
      expect(run('echo "$X" > /tmp/step.sh\nbash +s /tmp/step.sh\n')).toEqual([]);
      expect(run('cat > run.sh <<EOF\n#!/bin/sh\n$X\nEOF\nchmod +x run.sh\n./run.sh\n'))
        .toEqual([ranAsCode('./run.sh', 'it runs the file ./run.sh, which `cat > run.sh <<EOF` writes it to')]);
      // what curl or wget writes to a file comes from its URL, or an option that may choose the server (a proxy, --url)
      const downloadedFrom = (line: string) => [ranAsCode('./roxctl version', `it runs the file ./roxctl, which \`${line}\` writes it to`)];
      for (const line of ['curl -sL -H "Authorization: Bearer t" "https://$X/roxctl" --output ./roxctl', 'curl -x "$X" https://example.com/roxctl -o ./roxctl',
        'curl -H "Accept: x" --url "$X" -o ./roxctl', 'wget -O ./roxctl -- "$X"', 'curl --unknown -H "Authorization: Bearer $X" https://example.com/roxctl -o ./roxctl',
        // (a value glued to its option, in a group, or after `=`: a proxy, a config file, wget's input file and base URL; a header
        // curl takes the rest of `-Ho` as, not -o; a Host header, or one a value names, chooses the site a shared server gives)
        'curl -sSL -o ./roxctl https://example.com/roxctl -x"$X"', 'curl -sSL -o ./roxctl -K"$X" https://example.com/roxctl', 'wget -O ./roxctl -i"$X"',
        'wget -O ./roxctl --input-file="$X"', 'wget -O ./roxctl -B"$X" -i list.txt', 'curl -sSL -Ho "$X" -o ./roxctl',
        'curl -sSLH "Host: $X" http://cdn.example.com/roxctl -o ./roxctl', 'curl -sSL -H "$X" http://cdn.example.com/roxctl -o ./roxctl',
        'wget --header="Host: $X" http://cdn.example.com/roxctl -O ./roxctl', 'curl -sSL -o ./roxctl -H @"$X" https://example.com/roxctl',
        'curl --expand-url "{{x}}" --variable x="$X" -o ./roxctl', 'curl -sSL --no-progress-meter --resolve "$X" https://example.com/roxctl -o ./roxctl',
        // (-0 is --http1.0: the rest of its group is read on, `o` taking ./roxctl; curl 8.3's --expand- forms as their option)
        'curl -0sSLo ./roxctl "$X"', 'curl -sSL --expand-output ./roxctl "$X"',
        // (a long option in capitals or abbreviated, as curl 8.5 and before read it)
        'curl -sSL --Output ./roxctl "$X"']) {
        expect(run(`${line}\nchmod +x ./roxctl\n./roxctl version\n`)).toEqual(downloadedFrom(line));
      }
      // wget's options as wget 1.21.3 reads them (run): a long option abbreviated (`--output-doc` is `--output-document`), a wgetrc
      // command of -e that sets where it writes
      for (const line of ['wget -q --output-doc ./roxctl -- "$X"', 'wget -qe output_document=./roxctl -- "$X"']) {
        expect(run(`${line}\nchmod +x ./roxctl\n./roxctl version\n`)).toEqual(downloadedFrom(line));
      }
      expect(run('wget -qe output_document=- -- "$X" | sh\n'))
        .toEqual([ranAsCode('wget -qe output_document=- -- "$X" | sh', 'sh reads as code what wget downloads with it (from the URL it names)')]);
      // (the last of them decides: an -O after it writes to its file)
      expect(run('wget -qe output_document=- -O ./i.sh -- "$X" | sh\n')).toEqual([]);
      // (a wgetrc the script wrote that wget reads first sets it alike: ~/.wgetrc, $WGETRC, --config FILE, wget 1.21.3 run; an -O of the
      // command, --no-config or a file wget does not read leaves it)
      for (const [rc, line] of [["echo 'output_document = -' > ~/.wgetrc", 'wget -q -- "$X" | sh'], ["printf 'OUTPUT-DOCUMENT=-\\n' | tee /tmp/w.rc", 'WGETRC=/tmp/w.rc wget -q -- "$X" | sh'],
        ['cat > /tmp/w.rc <<EOF\noutput_document = -\nEOF', 'wget --config /tmp/w.rc -q -- "$X" | bash']]) {
        expect(run(`${rc}\n${line}\n`)).toEqual([ranAsCode(line, `${line.split(' ').pop()} reads as code what wget downloads with it (from the URL it names)`)]);
      }
      expect(run("echo 'output_document = ./roxctl' > ~/.wgetrc\nwget -q -- \"$X\"\nchmod +x ./roxctl\n./roxctl version\n")).toEqual(downloadedFrom('wget -q -- "$X"'));
      for (const line of ['wget -q -O ./i.sh -- "$X" | sh', 'wget --no-config -q -- "$X" | sh', 'WGETRC=/tmp/other.rc wget -q -- "$X" | sh']) {
        expect(run(`echo 'output_document = -' > ~/.wgetrc\n${line}\n`)).toEqual([]);
      }
      expect(run("echo 'output_document = -' > ~/.wgetrc\nrm ~/.wgetrc\nwget -q -- \"$X\" | sh\n")).toEqual([]);
      // curl's config or wget's list of URLs read from an input that holds the value
      for (const line of ['echo "url = $X" | curl -K - -o ./roxctl', 'wget -O ./roxctl -i /dev/stdin <<< "$X"']) {
        expect(run(`${line}\nchmod +x ./roxctl\n./roxctl version\n`)).toEqual(downloadedFrom(line));
      }
      expect(run('echo "$X" | curl -K ./curlrc -o ./roxctl\n./roxctl version\n')).toEqual([]);
      // piped to a shell: the configuration curl reads from its input gives the URL, and more URLs than outputs or `next` send one
      // to standard output whatever -o the command gives (curl 7.88); wget's list of URLs under -O -; through tee or cat
      const configured = (line: string, option: string, what = 'the URLs of the configuration it reads from its input', program = 'curl') =>
        [ranAsCode(line, `${line.split(' | ').pop()!.split(' ')[0]} reads as code what ${program} downloads with it (from ${what}, ${option})`)];
      expect(run('echo "url=$X" | curl -K - | sh\n')).toEqual(configured('echo "url=$X" | curl -K - | sh', '-K -'));
      expect(run('printf \'url = "%s"\\n\' "$X" | curl -sK - | bash\n')).toEqual(configured('printf \'url = "%s"\\n\' "$X" | curl -sK - | bash', '-sK -'));
      expect(run('curl -sSfLK- -o /dev/null <<< "url=$X" | sh\n')).toEqual(configured('curl -sSfLK- -o /dev/null <<< "url=$X" | sh', '-sSfLK-'));
      expect(run('echo "url=$X" | curl --config /dev/stdin | tee install.sh | bash\n'))
        .toEqual(configured('echo "url=$X" | curl --config /dev/stdin | tee install.sh | bash', '--config /dev/stdin'));
      expect(run('echo "$X" | wget -qO- -i - | sh\n')).toEqual(configured('echo "$X" | wget -qO- -i - | sh', '-i -', 'the URLs it reads from its input', 'wget'));
      expect(run('curl -sK <(echo "url=$X") | sh\n')).toEqual([ranAsCode('curl -sK <(echo "url=$X") | sh',
        'sh reads as code what curl downloads with it (from the URLs of the configuration <(echo "url=$X") gives it)')]);
      // (an output file that is standard output: curl 7.88 and wget 1.21 run, `-o /dev/stdout URL | cat` prints the download)
      for (const line of ['curl -sL -o /dev/stdout "$X" | sh', 'curl -sL --output /proc/self/fd/1 "$X" | sh', 'wget -qO /dev/stdout -- "$X" | sh']) {
        expect(run(`${line}\n`)).toEqual([ranAsCode(line, `sh reads as code what ${line.split(' ')[0]} downloads with it (from the URL it names)`)]);
      }
      // (its path as the kernel opens it, `//`, `.`, `..`, or in the group's --output-dir, which prefixes an absolute -o too: curl 7.88 and
      // wget 1.21 run; wget's -P does not prefix its -O)
      for (const line of ['curl -fsSL -o /dev/./stdout "$X" | sh', 'curl -fsSL -o //dev/stdout "$X" | sh', 'curl -fsSL -o /dev/../dev/stdout "$X" | sh',
        'curl -fsSL --output-dir /dev -o stdout "$X" | sh', 'curl -fsSL -o ./stdout "$X" --output-dir /dev | sh', 'curl -fsSL --output-dir /dev/fd -o 1 "$X" | sh',
        'wget -qO //dev/./stdout -- "$X" | sh', 'curl -fsSL -o /dev/stderr "$X" 2>&1 | sh', 'curl -fsSL -o /dev/fd/2 "$X" 2>&1 >/dev/null | sh',
        'wget -qO /dev/stderr -- "$X" 2>&1 | sh', 'curl -fsSL -o /dev/null https://example.com/a -o /dev/stderr "$X" 2>&1 | sh']) {
        expect(run(`${line}\n`)).toEqual([ranAsCode(line, `sh reads as code what ${line.split(' ')[0]} downloads with it (from the URL it names)`)]);
      }
      expect(run('curl -fsSL --output-dir /tmp -o i.sh "$X"; sh /tmp/i.sh\n'))
        .toEqual([ranAsCode('sh /tmp/i.sh', 'sh runs the file /tmp/i.sh, which `curl -fsSL --output-dir /tmp -o i.sh "$X"` writes it to')]);
      expect(run('curl -fsSL -o /tmp/./i.sh "$X"; sh /tmp/i.sh\n'))
        .toEqual([ranAsCode('sh /tmp/i.sh', 'sh runs the file /tmp/i.sh, which `curl -fsSL -o /tmp/./i.sh "$X"` writes it to')]);
      for (const script of ['curl -fsSL --output-dir /tmp -o - "$X" > /dev/null | sh\n', 'curl -fsSL --output-dir /tmp -o stdout "$X" | sh\n',
        'curl -fsSL --output-dir /dev -o stdout https://example.com/i.sh --next --output-dir /tmp -o i.sh "$X"; sh i.sh\n',
        'curl -fsSL --output-dir /tmp -o i.sh "$X"; sh i.sh\n', 'wget -q -P /dev -O stdout -- "$X" | sh\n', 'curl -fsSL --output-dir /tmp -o /dev/stdout "$X" | sh\n',
        'curl -fsSL -o /dev/stderr "$X" | sh\n', 'curl -fsSL -o /dev/stderr "$X" > /dev/null 2>&1 | sh\n', 'curl -fsSL -o /dev/stderr "$X" 2>&1 2> /tmp/log | sh\n',
        'curl -fsSL -o /dev/stderr https://example.com/a -o /dev/null "$X" 2>&1 | sh\n']) {
        expect(run(script)).toEqual([]);
      }
      expect(run('curl -sL --expand-url "$X" | sh\n')).toEqual([ranAsCode('curl -sL --expand-url "$X" | sh', 'sh reads as code what curl downloads with it (from the URL it names)')]);
      expect(run('curl -sL "$X" | tee install.sh | sh\n')).toEqual([ranAsCode('curl -sL "$X" | tee install.sh | sh', 'sh reads as code what curl downloads with it (from the URL it names)')]);
      // a configuration file the script writes the value to, then curl reads (`-K FILE`)
      expect(run('echo "url = $X" > /tmp/curlrc\ncurl -sK /tmp/curlrc | sh\n')).toEqual([ranAsCode('curl -sK /tmp/curlrc | sh',
        'sh reads as code what curl downloads with it (from the URLs of the configuration file /tmp/curlrc, which `echo "url = $X" > /tmp/curlrc` writes it to)')]);
      expect(run('echo "url = https://example.com/i.sh" > /tmp/curlrc\ncurl -sK /tmp/curlrc | sh\n')).toEqual([]);
      // a heredoc as its input, and the program named behind a wrapper
      expect(run('curl -sK - <<EOF | sh\nurl = $X\nEOF\n')).toEqual(configured('curl -sK - <<EOF | sh', '-sK -'));
      expect(run('echo "url=$X" | sudo curl -K - | sh\n')).toEqual(configured('echo "url=$X" | sudo curl -K - | sh', '-K -'));
      expect(run('sudo -E curl -fsSL "$X" | sh\n')).toEqual([ranAsCode('sudo -E curl -fsSL "$X" | sh', 'sh reads as code what curl downloads with it (from the URL it names)')]);
      // not where curl's output goes elsewhere, wget saves what it downloads under the URL's name, or the configuration holds no value
      for (const script of ['echo "url=$X" | curl -sK - > /dev/null | sh\n', 'echo "$X" | wget -q -i - | sh\n', 'echo "url = https://example.com/i.sh" | curl -sK - | sh\n',
        'echo "$X" | curl -sK ./curlrc | sh\n']) {
        expect(run(script)).toEqual([]);
      }
      // curl's -: (--next) starts a group of its own: the URL after it downloads to standard output, not to the first group's file
      expect(run('curl -sSL -o /dev/null https://example.com/ok --next "$X" | sh\n'))
        .toEqual([ranAsCode('curl -sSL -o /dev/null https://example.com/ok --next "$X" | sh', 'sh reads as code what curl downloads with it (from the URL it names)')]);
      // curl pairs the n-th -o with the n-th URL; a URL past them prints (unless --remote-name-all names it); a proxy counts for all
      expect(run('curl -sS -o /dev/null https://example.com/ping "$X" | sh\n'))
        .toEqual([ranAsCode('curl -sS -o /dev/null https://example.com/ping "$X" | sh', 'sh reads as code what curl downloads with it (from the URL it names)')]);
      expect(run('curl -o /tmp/a "$X" -o /tmp/b https://example.com/f\nbash /tmp/a\n'))
        .toEqual([ranAsCode('bash /tmp/a', 'bash runs the file /tmp/a, which `curl -o /tmp/a "$X" -o /tmp/b https://example.com/f` writes it to')]);
      expect(run('curl -x "$X" -o /tmp/b https://example.com/f -o /tmp/a https://example.com/g\nbash /tmp/a\n'))
        .toEqual([ranAsCode('bash /tmp/a', 'bash runs the file /tmp/a, which `curl -x "$X" -o /tmp/b https://example.com/f -o /tmp/a https://example.com/g` writes it to')]);
      for (const script of ['curl -o /tmp/a "$X" -o /tmp/b https://example.com/f\nbash /tmp/b\n', 'curl -o /tmp/a https://example.com/f "$X"\nbash /tmp/a\n',
        'curl --remote-name-all https://example.com/f "$X" | sh\n', 'curl -0sSLo /tmp/out "$X" | sh\n']) {
        expect(run(script)).toEqual([]);
      }
    });

    test('non-compliant: a wgetrc the script wrote that an exported WGETRC names, or whose `input = -` a command\'s own -O - prints (wget 1.21.3 run)', () => {
      const named = (line: string) => [ranAsCode(line, `${line.split(' ').pop()} reads as code what wget downloads with it (from the URL it names)`)];
      for (const exported of ['export WGETRC=/tmp/w.rc', 'WGETRC=/tmp/w.rc\nexport WGETRC', 'declare -x WGETRC=/tmp/w.rc', 'export HOME=/tmp/h\ncp /tmp/w.rc ~/.wgetrc']) {
        expect(run(`echo 'output_document = -' > /tmp/w.rc\n${exported}\nwget -q -- "$X" | sh\n`)).toEqual(named('wget -q -- "$X" | sh'));
      }
      // (the neighbours: exported no more, another file named)
      for (const exported of ['export WGETRC=/tmp/w.rc\nexport -n WGETRC', 'export WGETRC=/tmp/w.rc\nunset WGETRC', 'export WGETRC=/tmp/other.rc', 'WGETRC=/tmp/w.rc']) {
        expect(run(`echo 'output_document = -' > /tmp/w.rc\n${exported}\nwget -q -- "$X" | sh\n`)).toEqual([]);
      }
      // (the command's options override the file's one by one: its -O - prints what the URLs of the file's `input = -` download; a command
      // name in any case, `-` and `_` aside)
      for (const [rc, line] of [["echo 'input = -' > ~/.wgetrc", 'echo "$X" | wget -q -O - | sh'], ["echo 'In_P-ut = -' > ~/.wgetrc", 'echo "$X" | wget -qO- | bash']]) {
        expect(run(`${rc}\n${line}\n`)).toEqual([ranAsCode(line, `${line.split(' ').pop()} reads as code what wget downloads with it (from the URLs it reads from its input, ${rc.split("'")[1]})`)]);
      }
      for (const line of ['echo "$X" | wget -q -O ./i.sh | sh', 'echo "$X" | wget -q -O - -i ./list | sh']) {
        expect(run(`echo 'input = -' > ~/.wgetrc\n${line}\n`)).toEqual([]);
      }
      // (a WGETRC the step's env gives names it alike, until the script unsets or changes it; wget 1.21.3 run with WGETRC in its environment)
      const stepEnv = (value: string) => [{ name: 'X', value: '$(params.x)' }, { name: 'WGETRC', value }];
      const viaInput = (line: string) => [ranAsCode(line, `${line.split(' ').pop()} reads as code what wget downloads with it (from the URLs it reads from its input, input = -)`)];
      expect(run('echo \'input = -\' > /tmp/rc\necho "$X" | wget -q -O - | sh\n', stepEnv('/tmp/rc'))).toEqual(viaInput('echo "$X" | wget -q -O - | sh'));
      expect(run('printf \'output_document = -\\n\' > /tmp/rc\nwget -q -- "$X" | sh\n', stepEnv('/tmp/rc'))).toEqual(named('wget -q -- "$X" | sh'));
      expect(run('echo \'input = -\' > /tmp/rc\necho "$X" | wget -q -O - | sh\nexport WGETRC=/tmp/other\n', stepEnv('/tmp/rc')))
        .toEqual(viaInput('echo "$X" | wget -q -O - | sh'));
      for (const [script, env] of [['echo \'input = -\' > /tmp/rc\necho "$X" | wget -q -O - | sh\n', stepEnv('/tmp/other')],
        ['echo \'input = -\' > /tmp/rc\nunset WGETRC\necho "$X" | wget -q -O - | sh\n', stepEnv('/tmp/rc')],
        ['echo \'input = -\' > /tmp/rc\nexport WGETRC=/tmp/other\necho "$X" | wget -q -O - | sh\n', stepEnv('/tmp/rc')],
        ['echo \'input = -\' > /tmp/rc\necho "$X" | wget -q -O - | sh\n', [{ name: 'X', value: '$(params.x)' }]]] as const) {
        expect(run(script, [...env])).toEqual([]);
      }
    });

    test('compliant: a value curl or wget sends (a header, a user, a token, an agent) chooses nothing of what it downloads', () => {
      for (const line of ['curl -sL -H "Authorization: Bearer $X" https://example.com/roxctl --output ./roxctl', 'curl -u "ci:$X" -A "$X" -o ./roxctl https://example.com/r',
        'curl --oauth2-bearer "$X" -e "$X" https://example.com/roxctl -o ./roxctl', 'wget --header "Authorization: Bearer $X" https://example.com/roxctl -O ./roxctl',
        'wget --user ci --password "$X" -O ./roxctl https://example.com/roxctl', 'wget --proxy-user "$X" --proxy-password "$X" -O ./roxctl https://example.com/roxctl',
        'wget --ftp-user "$X" --ftp-password "$X" -O ./roxctl https://example.com/roxctl', 'curl -sSLH "Authorization: Bearer $X" https://example.com/roxctl -o ./roxctl',
        'wget --header="Authorization: Bearer $X" --user=ci --password="$X" -qO ./roxctl https://example.com/roxctl', 'wget -U "$X" -O ./roxctl https://example.com/roxctl',
        // (wget's long options abbreviated, as wget 1.21.3 reads them: `--user-ag` is `--user-agent`, `--head` `--header`)
        'wget --user-ag "$X" -O ./roxctl https://example.com/roxctl', 'wget --head "Authorization: Bearer $X" --output-doc ./roxctl https://example.com/roxctl',
        'curl -sSL -u "ci:$X" --proxy-user "p:$X" -x http://proxy:3128 https://example.com/roxctl -o ./roxctl',
        'curl -o ./roxctl https://example.com/roxctl --next -H "Authorization: Bearer $X" -o ./other https://example.com/other']) {
        expect(run(`${line}\nchmod +x ./roxctl\n./roxctl version\n`)).toEqual([]);
      }
    });

    test('non-compliant: awk\'s program, sed\'s script, an interpreter\'s input, trap\'s code; bash\'s arithmetic, variable names and prompt expansion', () => {
      expect(run('awk "BEGIN { print \\"$X\\" }"\n')).toEqual([ranAsCode('awk "BEGIN { print \\"$X\\" }"', 'it is the program of awk, whose system(), pipes and getline run commands')]);
      expect(run('sed -i "s|^image:.*|image: $X|" values.yaml\n'))
        .toEqual([ranAsCode('sed -i "s|^image:.*|image: $X|" values.yaml', 'it is the script of sed, whose e command and s///e flag run commands')]);
      expect(run('python3 <<EOF\nprint("$X")\nEOF\n')).toEqual([ranAsCode('python3 <<EOF', 'python3 reads it as code from its input')]);
      expect(run('trap "$X" EXIT\n')).toEqual([ranAsCode('trap "$X" EXIT', 'trap runs it as code on the signals it names')]);
      expect(run('#!/bin/bash\nfor ((i = 0; i < X; i++)); do echo "$i"; done\n'))
        .toEqual([ranAsCode('for ((i = 0; i < X; i++))', 'bash evaluates it as arithmetic, which runs the command substitutions of an array subscript in the value')]);
      expect(run('#!/bin/bash\nprintf -v "$X" \'%s\' done\n'))
        .toEqual([ranAsCode('printf -v "$X" \'%s\' done', 'printf takes the value as a variable\'s name, which runs the command substitutions of an array subscript in it')]);
      expect(run('#!/bin/bash\necho "${X@P}"\n')).toEqual([ranAsCode('echo "${X@P}"', 'bash expands ${X@P} as a prompt, which runs the command substitutions in the value')]);
      expect(run('#!/bin/bash\ndeclare -i retries="$X"\n'))
        .toEqual([ranAsCode('declare -i retries="$X"', 'bash evaluates it as arithmetic, which runs the command substitutions of an array subscript in the value')]);
      // test's -v takes a variable's name (bash 5.2 test.c unary_test: a value `x[$(cmd)]` runs cmd)
      for (const script of ['[ -v "$X" ]', 'test -v "a[$X]"', '[[ -v $X ]]']) {
        expect([script, run(`#!/bin/bash\n${script}\n`)]).toEqual([script, [ranAsCode(script,
          `${script.split(' ')[0]} -v takes the value as a variable's name, which runs the command substitutions of an array subscript in it`)]]);
      }
      // compgen -C runs its value as a command; an alias's value is code where its name is a command (dash always)
      expect(run('compgen -C "$X" x\n')).toEqual([ranAsCode('compgen -C "$X" x', 'compgen -C runs it as a command')]);
      expect(run('mapfile -t -C "$X" -c 1 lines < f\n')).toEqual([ranAsCode('mapfile -t -C "$X" -c 1 lines < f', 'mapfile -C runs it as code as it reads lines')]);
      // (-C in an option group or with its value attached, as bash parses mapfile's options: bash 5.2 run, `X='touch p;:' bash -c 'mapfile -tC"$X" -c1 A
      // < f'` and `… mapfile -c1 -tC "$X" A < f` each created p; a value -C does not take, `-c "$X"`, or one in single quotes, is no code)
      for (const script of ['mapfile -tC"$X" -c1 A < f', 'mapfile -c1 -tC "$X" A < f', 'readarray -C"$X" -c 1 < f']) {
        expect([script, run(`#!/bin/bash\n${script}\n`)]).toEqual([script, [ranAsCode(script, `${script.split(' ')[0]} -C runs it as code as it reads lines`)]]);
      }
      // (nor a name: bash reads the values of -n, -c, -O, -u and -s as numbers; bash 5.2 run, `mapfile -n "$X" A < f` with X='a[$(touch p)]' refused it and
      // ran nothing)
      for (const script of ['mapfile -tc"$X" A < f', "mapfile -tC'$X' -c1 A < f", 'mapfile -n "$X" A < f']) expect([script, run(`#!/bin/bash\n${script}\n`)]).toEqual([script, []]);
      expect(run('alias build="$X"\nbuild\n')).toEqual([ranAsCode('alias build="$X"',
        'alias makes it the code of build, which the shell runs where that is a command (sh and dash expand aliases; bash with expand_aliases)')]);
    });

    test('non-compliant: a process substitution a shell or interpreter runs as its script, and the code of a shell a container runtime runs', () => {
      for (const [script, reader] of [['bash <(echo "$X")', 'bash'], ['python3 <(printf "%s" "$X")', 'python3'], ['bash --rcfile <(echo "$X") -i', 'bash']]) {
        const file = /<\(.*\)/.exec(script)![0];
        expect([script, run(`${script}\n`)]).toEqual([script, [ranAsCode(script, `${reader} reads it as code from ${file}, the file it runs`)]]);
      }
      for (const [script, runtime, shell] of [['kubectl exec pod -- sh -c "$X"', 'kubectl', 'sh -c'], ['docker run --rm img sh -c "$X"', 'docker', 'sh -c'],
        ['podman exec c bash -lc "$X"', 'podman', 'bash -c'],
        // a + group holding c gives code as -c does (bash, dash, ksh93): the option named as written
        ['kubectl exec pod -- sh +c "$X"', 'kubectl', 'sh +c']]) {
        expect([script, run(`${script}\n`)]).toEqual([script, [ranAsCode(script, `it is the code of ${shell}, which ${runtime} runs in a container`)]]);
      }
      for (const script of ['bash ./build.sh <(echo "$X")', 'python3 app.py <(echo "$X")', 'kubectl exec pod -- sh -c \'echo "$1"\' _ "$X"', 'docker run img echo "$X"']) {
        expect([script, run(`${script}\n`)]).toEqual([script, []]);
      }
    });

    test('non-compliant: an assignment to an env var a program runs as code, before a command, exported, declared or alone', () => {
      expect(run('GIT_SSH_COMMAND="$X" git fetch\n')).toEqual([ranAsCode('GIT_SSH_COMMAND="$X" git fetch', 'it sets GIT_SSH_COMMAND, which git runs as a command')]);
      expect(run('export GIT_SSH_COMMAND="$X"\ngit fetch\n')).toEqual([ranAsCode('export GIT_SSH_COMMAND="$X"', 'it sets GIT_SSH_COMMAND, which git runs as a command')]);
      // bash expands BASH_ENV (a command substitution in it runs) and sources the file it names; PS4 under set -x
      expect(run('BASH_ENV="$X" bash -c true\n'))
        .toEqual([ranAsCode('BASH_ENV="$X" bash -c true', 'it sets BASH_ENV, which bash sources as a script (the file it names) before a non-interactive script')]);
      expect(run('#!/bin/bash\nPS4="$X"\nset -x\n')).toEqual([ranAsCode('PS4="$X"', 'it sets PS4, which bash expands as code under `set -x` (a command substitution in it runs)')]);
      expect(run('declare -x EDITOR="$X"\n')).toEqual([ranAsCode('declare -x EDITOR="$X"', 'it sets EDITOR, which tools such as git run as a command')]);
      // not one that only names where code is loaded from, nor another variable
      for (const script of ['export HTTPS_PROXY="$X"', 'LD_PRELOAD="$X" ls', 'export GIT_AUTHOR_NAME="$X"', 'GIT_SSH_COMMAND="ssh -i key" git fetch -- "$X"']) {
        expect([script, run(`${script}\n`)]).toEqual([script, []]);
      }
    });

    test('non-compliant: code a program runs through its options or configuration (git, ssh, rsync, tar, zip, wget, make)', () => {
      const OPTION = 'Write the option or configuration literally in the script (never from a caller\'s value), and pass "$X" to the program only as data (an operand after --).';
      const OPERAND = 'Write -- before the operands (git clone -- "$X" dir, git fetch origin -- "$X"), so git reads "$X" as an operand, never as an option.';
      const MAKE = 'Give make only literal targets and assignments, and let the recipe read "$X" from the environment as a quoted shell variable ("$$X" in the makefile), as data.';
      const EXT = 'Remove the configuration that allows the ext protocol (the -c, --config-env or git config of protocol.ext.allow or protocol.allow, a file of git configuration that sets them, GIT_ALLOW_PROTOCOL naming ext; git runs no ext:: URL by default), and pass "$X" as the URL after --.';
      const GLOBAL = 'Write git\'s global options and sub-command literally (git fetch, never git "$X" fetch), and pass "$X" to the sub-command only as data (an operand after --).';
      const permuted = (program: string) => `Write -- before the operands (${program} … -- "$X"), so ${program} reads "$X" as an operand, never as an option.`;
      const SPEC_FIX = 'Write the package\'s version literally (or pin it in package.json and the lockfile), never from a caller\'s value, or check "$X" '
        + 'against the versions allowed before the install (case "$X" in [0-9]*.[0-9]*.[0-9]*) ;; *) exit 1 ;; esac).';
      const SPLIT_INTO = 'the shell splits the unquoted value into words, and ';
      const FIND_SPLIT = `${SPLIT_INTO}find reads a word starting with - as a test or action of its expression (-exec CMD ; runs CMD)`;
      const splitFix = (how: string) => (how.startsWith(`${SPLIT_INTO}find`)
        ? 'Quote "$X" and start the word with a directory (find "./$X" …, -name "$X"), so the shell keeps the value one word, which find reads as a path or the value of a test, never as more of its expression.'
        : `Quote "$X" and write -- before the operands (${how.split(' ')[9]} … -- "$X"), so the shell keeps the value one word and ${how.split(' ')[9]} reads it as an operand, never as an option.`);
      const fixOf = (how: string) => (how.startsWith(SPLIT_INTO) ? splitFix(how) : /^it is the version spec/.test(how) ? SPEC_FIX : /^(tar|wget|rsync|zip) reads a value starting with --/.test(how) ? permuted(how.split(' ')[0]) : /before its sub-command as a global option/.test(how) ? GLOBAL : /reads a value starting with --upload-pack=/.test(how) ? OPERAND : /ext:: URL/.test(how) ? EXT : /^make |chooses the variable make/.test(how) ? MAKE
        : /^(git (rebase|submodule)|it is the code of|it sets GIT_CONFIG)/.test(how) ? undefined : OPTION);
      const cases: Array<[string, string]> = [
        ['git -c core.sshCommand="$X" fetch', 'it is the value of git -c core.sshCommand, which git runs as code'],
        ['git -c "$X" fetch', 'it is the KEY=VALUE of git -c, so the value chooses a key that runs code (core.sshCommand=…, alias.x=!…)'],
        ['git -c "$X=1" status', 'it is the key of git -c, so the value chooses a key that runs code (core.sshCommand, alias.x)'],
        ['git -c alias.build="!$X" build', 'it is the value of git -c alias.build, which git runs as code'],
        ['git -c Filter.lfs.Smudge="$X" checkout .', 'it is the value of git -c Filter.lfs.Smudge, which git runs as code'],
        ['git config --global core.pager "$X"', 'it is the value git config sets for core.pager, which git runs as code'],
        ['git config "$X" less', 'it is the key git config sets, so the value chooses a key that runs code (core.sshCommand, alias.x)'],
        ['git config set credential.helper "$X"', 'it is the value git config sets for credential.helper, which git runs as code'],
        ['git clone --upload-pack="$X" https://example.com/r.git', 'git clone runs it as the upload-pack command (over ssh, or locally for a local repository)'],
        ['git clone -u "$X" https://example.com/r.git', 'git clone runs it as the upload-pack command (over ssh, or locally for a local repository)'],
        ['git clone -qu "$X" https://example.com/r.git', 'git clone runs it as the upload-pack command (over ssh, or locally for a local repository)'],
        ['git fetch -u "$X"', 'git fetch reads a value starting with --upload-pack= (or --receive-pack=) there as that option, whose command it runs'],
        ['git "$X" fetch', 'git reads a value starting with - before its sub-command as a global option (--exec-path=DIR runs its programs from DIR, --config-env=core.sshCommand=VAR runs the value of VAR)'],
        ['git -C src "$X" fetch', 'git reads a value starting with - before its sub-command as a global option (--exec-path=DIR runs its programs from DIR, --config-env=core.sshCommand=VAR runs the value of VAR)'],
        ['git clone --config "core.fsmonitor=$X" https://example.com/r.git', 'it is the value of git clone --config core.fsmonitor, which git runs as code'],
        ['git ls-remote --upload-p "$X" origin', 'git ls-remote runs it as the upload-pack command'],
        ['git push --receive-pack="$X" origin', 'git push runs it as the receive-pack command (over ssh, or locally for a local repository)'],
        ['git rebase -x "$X" main', 'git rebase runs it as a shell command after each commit'],
        ['git submodule foreach "$X"', 'git submodule foreach runs it as a shell command in each submodule'],
        ['git clone "$X" src', 'git clone reads a value starting with --upload-pack= (or --receive-pack=) there as that option, whose command it runs'],
        ['git fetch origin "$X"', 'git fetch reads a value starting with --upload-pack= (or --receive-pack=) there as that option, whose command it runs'],
        ['git -c protocol.ext.allow=always clone -- "$X" src', 'git clone runs the command of an ext:: URL, which the -c before it allows'],
        ['GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=core.pager GIT_CONFIG_VALUE_0="$X" git log', 'it sets GIT_CONFIG_VALUE_0, which git reads as configuration (core.sshCommand, core.pager and aliases run commands)'],
        ['ssh -o ProxyCommand="$X" deploy@host true', "it is the value of ssh's ProxyCommand option, which runs it as a command"],
        ['scp -o "$X" f host:f', 'it is the option scp -o sets, so the value chooses one that runs a command (ProxyCommand=…)'],
        ['sftp -S "$X" host', 'sftp runs it as the program for the connection (-S)'],
        ['rsync -avz -e "$X" src/ host:dst/', 'rsync runs it as the remote shell'],
        ['tar --to-command="$X" -xf a.tar', 'tar runs it as a command for each file it extracts'],
        ['tar -I "$X" -xf a.tar', 'tar runs it as the compressor'],
        // a short option in a group of flags, its value glued or next (getopt, popt), tar's old style, blanks before ssh's option
        ['ssh -vo ProxyCommand="$X" deploy@host true', "it is the value of ssh's ProxyCommand option, which runs it as a command"],
        ['ssh -o " ProxyCommand $X" deploy@host true', "it is the value of ssh's ProxyCommand option, which runs it as a command"],
        ['scp -qS "$X" f host:f', 'scp runs it as the program for the connection (-S)'],
        ['rsync -ave"$X" src/ host:dst/', 'rsync runs it as the remote shell'],
        ['tar -xvI "$X" -f a.tar', 'tar runs it as the compressor'],
        ['tar xIf "$X" a.tar', 'tar runs it as the compressor'],
        ['wget -qe "$X" https://example.com/f', 'wget runs it as a wgetrc command (use_askpass= runs a program)'],
        ['git clone -qu "$X" -- https://example.com/r.git', 'git clone runs it as the upload-pack command (over ssh, or locally for a local repository)'],
        ['git rebase -ix "$X" main', 'git rebase runs it as a shell command after each commit'],
        ['sftp -D "$X" host', 'sftp runs it as a local sftp server in place of ssh (-D)'],
        ['tar -xI "$X" -f a.tar', 'tar runs it as the compressor'],
        ['zip -T -TT "$X" a.zip f', 'zip runs it as the command that tests the archive'],
        ['wget -e "$X" https://example.com/f', 'wget runs it as a wgetrc command (use_askpass= runs a program)'],
        // GNU tar, wget and rsync read options after their operands (tar 1.34, wget 1.21, rsync 3.5 run here): a value starting an operand may be one that runs a command
        ['tar -xf archive.tar "$X"', 'tar reads a value starting with --to-command= there as that option (it reads options after its operands too), whose command it runs'],
        ['tar xf a.tar "$X"', 'tar reads a value starting with --to-command= there as that option (it reads options after its operands too), whose command it runs'],
        ['tar -C /workspace/out -xzf /workspace/in/b.tgz "$X"', 'tar reads a value starting with --to-command= there as that option (it reads options after its operands too), whose command it runs'],
        ['tar -xf a.tar $X', 'tar reads a value starting with --to-command= there as that option (it reads options after its operands too), whose command it runs'],
        ['wget -O out.tgz "$X"', 'wget reads a value starting with --execute= there as that option (it reads options after its operands too), whose command it runs'],
        ['rsync -av src/ "$X"', 'rsync reads a value starting with --rsh= there as that option (it reads options after its operands too), whose command it runs'],
        // a package's version spec, which may name a file:, git or tarball URL instead (npm 11 run here: its install script runs)
        ['npm install --no-audit "lodash@$X"', 'it is the version spec of the package lodash that npm install installs, where a file: path, a git or an https tarball URL names another package, whose install scripts npm runs'],
        // (after the global options before the sub-command and their values: npm 11 run here, `npm --prefix p install "x@file:…"` runs x's install script)
        ['npm --prefix /w/app install "lodash@$X"', 'it is the version spec of the package lodash that npm install installs, where a file: path, a git or an https tarball URL names another package, whose install scripts npm runs'],
        ['yarn add "@scope/tool@${X}"', 'it is the version spec of the package @scope/tool that yarn add installs, where a file: path, a git or an https tarball URL names another package, whose install scripts yarn runs'],
        ['make "$X"', 'make reads a value holding = there as a variable assignment (SHELL=…, whose recipes run it) and one starting with - as an option (--eval=…)'],
        ['make IMAGE="$X" push', 'make sets IMAGE to it, whose value its recipes paste into the shell commands they run'],
        ['make --eval="$X"', 'make evaluates it as makefile text, whose recipes and $(shell) run commands'],
        ['"$SHELL" -c "$X"', 'it is the code of $SHELL -c, which a shell there runs as code'],
        // a value the shell splits unquoted, a later word of which find reads as its expression, or tar, wget, rsync as an option
        // (bash 5.2, findutils 4.9, GNU tar 1.34 run here: `find /src $X` with X='-exec touch F ;' and `tar -xf a.tar src/$X` with
        // X='x --checkpoint=1 --checkpoint-action=exec=touch${IFS}F' touch F; quoted, "src/$X", they do not)
        ['find /src $X -type f', FIND_SPLIT],
        ['find /src -name ${X}', FIND_SPLIT],
        ['tar -xf a.tar src/$X', `${SPLIT_INTO}tar reads a word starting with - as an option wherever it stands (--checkpoint-action=exec=CMD and --to-command=CMD run CMD)`],
        ['wget -O out.tgz https://example.com/$X', `${SPLIT_INTO}wget reads a word starting with - as an option wherever it stands (--execute=use_askpass=PROG runs PROG)`],
        ['rsync -av src/$X dst/', `${SPLIT_INTO}rsync reads a word starting with - as an option wherever it stands (--rsh=CMD runs CMD)`],
        // zip's test command: a value starting an operand where -T has zip test the archive, or a later word of one split unquoted (zip 3.0
        // run here: `zip -T out.zip f "$X"` with X='--unzip-command=touch F', and `zip -r a.zip src/$X` with X='a -T -TT touch${IFS}F', touch F)
        ['zip -T out.zip f.txt "$X"', 'zip reads a value starting with --unzip-command= there as that option (it reads options after its operands too), whose command it runs'],
        ['zip -qrT out.zip "$X"', 'zip reads a value starting with --unzip-command= there as that option (it reads options after its operands too), whose command it runs'],
        ['zip -r out.zip src/$X', `${SPLIT_INTO}zip reads a word starting with - as an option wherever it stands (-T -TT CMD runs CMD as the test of the archive)`],
      ];
      for (const [script, how] of cases) {
        const fix = fixOf(how);
        expect([script, run(`${script}\n`)]).toEqual([script, [{ ...ranAsCode(script, how), ...fix === undefined ? {} : { fix } }]]);
      }
      // an operand that is a quoted variable the script assigns only values starting with literal text never starts with --upload-pack=
      // (a chart publisher's `CHECKOUT_DIR="/packages/${CHART_DIR}"`); unquoted, the shell splits it and a later word may; one assigned
      // elsewhere from the value alone, one read, or one the step's env gives, may start with it
      for (const script of ['D="/packages/$X"\ngit clone https://example.com/r.git "$D"', 'D=/packages/$X\nD=src/$X\ngit clone -q "${D}" out',
        'tar -xf a.tar -- "$X"', 'tar -xf "$X"', 'tar -C "$X" -xf a.tar', 'tar --directory "$X" -xf a.tar', 'tar -xf a.tar "src/$X"', 'wget -O "$X" https://example.com/f', 'wget -- "$X"', 'rsync -av -- src/ "$X"',
        'npm install lodash@4.17.21', 'npm run "build-$X"', 'npm install "lodash-$X@1.0.0"',
        'find /src -name "$X"', 'find /src -name "*$X*" -type f', 'find "./$X" -type f', 'tar -xf a.tar -- src/$X', 'wget -O out.tgz -- "https://example.com/$X"',
        'zip out.zip f.txt "$X"', 'zip -r out.zip "src/$X"', 'zip -T out.zip -- "$X"', 'zip -r out.zip -- src/$X', 'zip -T -P "$X" out.zip f.txt', 'npm --prefix /w/app run "build-$X"', 'npm --prefix /w/app install "lodash-$X@1.0.0"']) {
        expect([script, run(`${script}\n`)]).toEqual([script, []]);
      }
      // split before the command (bash 5.2, findutils 4.9 run here with X='-exec touch F ;': each touches F): by xargs, which splits what it
      // reads at blanks, quoted or not; into the positional parameters "$@" gives (`set -- $X`, a function called `f $X`); into an
      // array's elements "${A[@]}" gives
      const FIND_HOW = 'find reads a word starting with - as a test or action of its expression (-exec CMD ; runs CMD)';
      const byXargs = (script: string) => ({
        ...ranAsCode(script, `xargs splits what it reads into words at blanks, and ${FIND_HOW}`),
        fix: 'Give find "$X" as one argument of its own, not through xargs, which splits what it reads at blanks: as a path starting with a directory '
          + '(find "./$X" …) or the value of a test (-name "$X"), never as more of its expression.',
      });
      expect(run('xargs find < <(echo $X)\n')).toEqual([byXargs('xargs find < <(echo $X)')]);
      expect(run('echo "$X" | xargs find .\n')).toEqual([byXargs('echo "$X" | xargs find .')]);
      const intoPositional = (script: string) => ({
        ...ranAsCode(script, `the shell splits the unquoted value into the positional parameters, whose words "$@" gives find, and ${FIND_HOW}`),
        fix: 'Quote "$X" where the script puts it into the positional parameters (set -- "$X"), so the shell keeps the value one word, and give it find as a path '
          + 'starting with a directory ("./…") or the value of a test (-name …), never as more of its expression.',
      });
      expect(run('set -- $X\nfind . "$@"\n')).toEqual([intoPositional('find . "$@"')]);
      expect(run('f() { find /src "$@" -type f; }\nf $X\n')).toEqual([intoPositional('find /src "$@" -type f')]);
      expect(run('args=($X)\nfind . "${args[@]}"\n')).toEqual([{
        ...ranAsCode('find . "${args[@]}"', `the shell splits the unquoted value into the elements of args, whose words "\${args[@]}" gives find, and ${FIND_HOW}`),
        fix: 'Quote "$X" where the script puts it into the elements of args (args=("$X")), so the shell keeps the value one word, and give it find as a path '
          + 'starting with a directory ("./…") or the value of a test (-name …), never as more of its expression.',
      }]);
      // not: one argument each (a quoted value, xargs -0 or -I, which split at NUL or newlines), nor as the value of a test
      for (const script of ['set -- "$X"\nfind . -name "$@"', 'args=("$X")\nfind . -name "${args[@]}"', 'echo "$X" | xargs -0 find .',
        'echo "$X" | xargs -I{} find . -name {}', 'set -- $X\necho "$@"', 'args=($X)\nls "${args[@]}"']) {
        expect([script, run(`${script}\n`)]).toEqual([script, []]);
      }
      // a loop's variable is one word of the value at a time where the shell expands no pattern (`set -f`): one test or action of find,
      // -delete (which deletes what find visits) but never -exec CMD ;, which takes several (bash 5.2, findutils 4.9 run: X='-exec touch F ;'
      // touches nothing, X=-delete deletes)
      expect(run('set -f\nfor d in $X; do find $d -type f; done\n')).toEqual([{
        ...ranAsCode('find $d -type f', 'the shell splits the unquoted value into words, which the loop gives d one at a time, and find reads one starting with - as a '
          + 'test or action of its expression: one word cannot be -exec CMD ; (it takes several), but can be -delete, which deletes every file find visits', 'X', '$(params.x)', 'd'),
        problem: 'gives find as a test or action a word of the value of env var X, which holds $(params.x): the shell splits the unquoted value into words, which the loop '
          + 'gives d one at a time, and find reads one starting with - as a test or action of its expression: one word cannot be -exec CMD ; (it takes several), but can be '
          + '-delete, which deletes every file find visits (through d, which the script assigns from it)',
        fix: 'Start the word with a directory (find "./$d" …) or give it as the value of a test (-name "$d"), so find reads each word of the value as a path or the value '
          + 'of a test, never as a test or action of its own.',
      }]);
      // (the whole value, quoted in the loop's list, is split where d is expanded: -exec CMD ; there)
      expect(run('for d in "$X"; do find $d -type f; done\n')).toEqual([{
        ...ranAsCode('find $d -type f', `${SPLIT_INTO}${FIND_HOW}`, 'X', '$(params.x)', 'd'), fix: splitFix(`${SPLIT_INTO}${FIND_HOW}`).replace(/\$X/g, '$d'),
      }]);
      expect(run('for d in $X; do find "./$d" -type f; done\n')).toEqual([]);
      // an array's element the shell split from it is one word too (bash 5.2, findutils 4.9 run: `args=(a $X); find . ${args[1]}` with
      // X='-exec touch F ;' is find's error, missing argument to -exec, with X=-delete deletes)
      expect(run('set -f\nargs=(a $X)\nfind . ${args[1]}\n')).toEqual([{
        ...ranAsCode('find . ${args[1]}', 'the shell splits the unquoted value into words, which become the elements of args one each, and find reads one starting with - as a '
          + 'test or action of its expression: one word cannot be -exec CMD ; (it takes several), but can be -delete, which deletes every file find visits', 'X', '$(params.x)'),
        problem: 'gives find as a test or action a word of the value of env var X, which holds $(params.x): the shell splits the unquoted value into words, which become '
          + 'the elements of args one each, and find reads one starting with - as a test or action of its expression: one word cannot be -exec CMD ; (it takes several), '
          + 'but can be -delete, which deletes every file find visits (through ${args[1]}, which the script assigns from it)',
        fix: 'Start the word with a directory (find "./${args[1]}" …) or give it as the value of a test (-name "${args[1]}"), so find reads each word of the value as a '
          + 'path or the value of a test, never as a test or action of its own.',
      }]);
      // (an element the script gave the whole value, quoted, is split where it is expanded: -exec CMD ; there)
      expect(run('args=(a "$X")\nfind . ${args[1]}\n').map((f) => f.problem)).toEqual([
        'runs as code the value of env var X, which holds $(params.x): the shell splits the unquoted value into words, and find reads a word starting with - as a test '
        + 'or action of its expression (-exec CMD ; runs CMD) (through ${args[1]}, which the script assigns from it)',
      ]);
      expect(run('set -f\nargs=(a $X)\nfind . -name ${args[1]}\n')).toEqual([]);
      // one word of it as the value of a test or a word of -exec's command is data (findutils 4.9 run: X=-delete deletes nothing)
      for (const script of ['set -f\nfor d in $X; do find . -name $d; done', 'set -o noglob\nfor d in $X; do find . -exec echo $d \\; ; done']) {
        expect([script, run(`${script}\n`)]).toEqual([script, []]);
      }
      // where the shell expands patterns, a word `*` of it gives the names in the working directory it matches, one holding blanks split again
      // where the variable is expanded unquoted (bash 5.2, findutils 4.9 run with X='*': beside a file `-exec touch F ;`, `for d in $X; do find . $d;
      // done` and `args=(a $X); find . ${args[1]}` touch F; beside `x -o -exec touch F ;`, `find . -name $d` does; after `set -f`, neither)
      const globbed = (line: string, each: string, written: string, through: string) => ({
        ...ranAsCode(line, ''),
        problem: `runs as code the value of env var X, which holds $(params.x): the shell splits the unquoted value into words, which ${each}: a word of it, or the names in the `
          + `working directory a pattern in it matches (\`*\`), which may hold blanks, split again where ${written} is expanded unquoted, and ${FIND_HOW} (through ${through}, which the script assigns from it)`,
        fix: `Quote "${written}" and start the word with a directory (find "./${written}" …, -name "${written}"), so the shell neither splits it again nor expands a pattern in it, `
          + 'and find reads it as a path or the value of a test, never as more of its expression.',
      });
      expect(run('for d in $X; do find $d -type f; done\n')).toEqual([globbed('find $d -type f', 'the loop gives d one at a time', '$d', 'd')]);
      expect(run('for d in $X; do find . -name $d; done\n')).toEqual([globbed('find . -name $d', 'the loop gives d one at a time', '$d', 'd')]);
      expect(run('args=(a $X)\nfind . ${args[1]}\n')).toEqual([globbed('find . ${args[1]}', 'become the elements of args one each', '${args[1]}', '${args[1]}')]);
      // (a `set -f` in a branch, or undone by `set +f`, leaves patterns expanded)
      expect(run('set -f\nset +f\nfor d in $X; do find $d; done\n')).toEqual([globbed('find $d', 'the loop gives d one at a time', '$d', 'd')]);
      expect(run('[ -n "$Y" ] && set -f\nfor d in $X; do find $d; done\n')).toEqual([globbed('find $d', 'the loop gives d one at a time', '$d', 'd')]);
      // (`shopt -uo noglob` undoes it as `set +f` does; bash 5.2 run: `set -f; shopt -uo noglob; echo /e*` printed /etc)
      for (const undo of ['shopt -uo noglob', 'shopt -u -o noglob']) {
        expect(run(`set -f\n${undo}\nfor d in $X; do find . -name $d; done\n`)).toEqual([globbed('find . -name $d', 'the loop gives d one at a time', '$d', 'd')]);
      }
      expect(run('shopt -so noglob\nfor d in $X; do find . -name $d; done\n')).toEqual(run('set -f\nfor d in $X; do find . -name $d; done\n'));
      // (past assignments, `builtin` and `command` too; bash 5.2 run: `set -f; builtin shopt -uo noglob; echo /e* -del*` printed /etc -delete, as
      // did `command shopt -uo noglob`, `builtin set +f` and `A=1 command -p -- set +f`; `builtin set -f` and `command shopt -so noglob` printed /e* -del*)
      for (const undo of ['builtin shopt -uo noglob', 'command shopt -uo noglob', 'builtin set +f', 'A=1 command -p -- set +f', 'set +f -e', 'set -o noglob +o noglob']) {
        expect([undo, run(`set -f\n${undo}\nfor d in $X; do find . -name $d; done\n`)]).toEqual([undo, [globbed('find . -name $d', 'the loop gives d one at a time', '$d', 'd')]]);
      }
      for (const off of ['builtin set -f', 'command shopt -so noglob', 'A=1 set -eo noglob', 'set +f -f', 'set -f; shopt -uo nullglob']) {
        expect([off, run(`${off}\nfor d in $X; do find . -name $d; done\n`)]).toEqual([off, []]);
      }
      // (what bash refuses changes nothing; bash 5.2 run: `shopt -s nullglob -o noglob` and `shopt -sox noglob` are refused, shopt's options ending at
      // its first operand, and globbing stays on; `set -f -Z` and `set -o nosuch -o noglob` too; after `set -f`, `set +f -Z`, `set +o nosuch +f`,
      // `shopt -u -- -o noglob` and `shopt -suo noglob` leave it off)
      for (const refused of ['shopt -s nullglob -o noglob', 'shopt -sox noglob', 'shopt +so noglob', 'set -f -Z', 'set -o nosuch -o noglob']) {
        expect([refused, run(`${refused}\nfor d in $X; do find . -name $d; done\n`)]).toEqual([refused, [globbed('find . -name $d', 'the loop gives d one at a time', '$d', 'd')]]);
      }
      for (const refused of ['set +f -Z', 'set +o nosuch +f', 'shopt -u -- -o noglob', 'shopt -suo noglob']) {
        expect([refused, run(`set -f\n${refused}\nfor d in $X; do find . -name $d; done\n`)]).toEqual([refused, []]);
      }
      // (and code the script does not show may turn it on again: bash 5.2 run, `old=$(set +o); set -f; eval "$old"; echo /e*` printed /etc (`set +o`
      // prints `set +o noglob` while globbing is on), as did `old=$(shopt -po noglob)`, `set +o "$o"` with o=noglob and `shopt -uo "$(echo noglob)"`;
      // a file sourced, a value's program (`$cmd +f` with cmd=set) or a trap's handler for a signal after which the script goes on may hold `set +f`)
      for (const undo of ['old=$(set +o)\nset -f\neval "$old"', 'old=$(shopt -po noglob)\nset -f\neval "$old"', 'o=noglob\nset -f\nset +o "$o"',
        'set -f\nshopt -uo "$(echo noglob)"', 'set -f\nsource restore-opts.sh', 'set -f\n. ./lib.sh', 'set -f\n$cmd +f', 'set -f\ntrap "$H" INT', 'set -f\nbuiltin eval "$old"']) {
        expect([undo, run(`${undo}\nfor d in $X; do find . -name $d; done\n`)]).toEqual([undo, [globbed('find . -name $d', 'the loop gives d one at a time', '$d', 'd')]]);
      }
      // (not the positional parameters `set --` gives, nor an EXIT trap's handler, which runs once the script is done)
      for (const script of ['set -f\nset -- $X', 'set -f\nset -e -- "$Y"', 'set -f\ntrap "rm -f $T" EXIT', 'set -f\neval "echo done"']) {
        expect([script, run(`${script}\nfor d in $X; do find . -name $d; done\n`)]).toEqual([script, []]);
      }
      // (nor where the shell starts so: the `#!` line's option group holding f, or for bash SHELLOPTS holding noglob in the step's env, which bash
      // imports at start-up; bash 5.2 and dash 0.5.12 run: `#!/bin/bash -f`, `#!/bin/sh -f` and `env SHELLOPTS=noglob bash -c 'echo a*'` print a*;
      // dash ignores SHELLOPTS; `#!/bin/bash -e -f` is refused, one argument)
      const LOOP = 'for d in $X; do find . -name $d; done\n';
      for (const shebang of ['#!/bin/bash -f', '#!/bin/sh -ef', '#!/usr/bin/env -S bash -f']) expect([shebang, run(`${shebang}\n${LOOP}`)]).toEqual([shebang, []]);
      const noglob = [{ name: 'X', value: '$(params.x)' }, { name: 'SHELLOPTS', value: 'braceexpand:noglob' }];
      expect(run(`#!/bin/bash\n${LOOP}`, noglob)).toEqual([]);
      const loopGlobbed = [globbed('find . -name $d', 'the loop gives d one at a time', '$d', 'd')];
      for (const [script, env] of [[`#!/bin/bash -f\nset +f\n${LOOP}`, undefined], [`#!/bin/sh\n${LOOP}`, noglob], [`#!/bin/bash\n${LOOP}`, [noglob[0], { name: 'SHELLOPTS', value: 'braceexpand' }]],
        [`#!/bin/bash -x\n${LOOP}`, undefined], [`#!/usr/bin/zsh -f\n${LOOP}`, undefined],
        // a later option word of the `#!` line that undoes f (bash 5.2, dash: `echo z*` printed the file's name)
        [`#!/usr/bin/env -S bash -f +f\n${LOOP}`, undefined], [`#!/usr/bin/env -S sh -f +f\n${LOOP}`, undefined],
        [`#!/usr/bin/env -S bash -f +o noglob\n${LOOP}`, undefined]] as Array<[string, any[] | undefined]>) {
        expect([script, env, run(script, env)]).toEqual([script, env, loopGlobbed]);
      }
      // a quoted value whole where find reads a path, a test or an action: one word, -delete but not -exec CMD ; (bash 5.2, findutils 4.9
      // run with X=-delete: `find "$X"`, `find . "$X"`, `find -- "$X"` and `set -- $X; find . "$1"` delete every file under .)
      const ONE_WORD = 'find reads the quoted word, where a path, a test or an action stands, as a test or action of its expression where it starts with -: '
        + 'one word cannot be -exec CMD ; (it takes several), but can be -delete, which deletes every file find visits';
      const oneWord = (line: string, through?: string, as?: string) => ({
        ...ranAsCode(line, ONE_WORD, 'X', '$(params.x)', through),
        problem: `gives find as a test or action the value of env var X, which holds $(params.x): ${ONE_WORD}`
          + (through === undefined ? as === undefined ? '' : ` (through ${as}, the positional parameter the script passes it as)` : ` (through ${through}, which the script assigns from it)`),
        fix: `Start the word with a directory (find "./${as ?? `$${through ?? 'X'}`}" …) or give it as the value of a test (-name "${as ?? `$${through ?? 'X'}`}"), `
          + 'so find reads the value as a path or the value of a test, never as a test or action of its own.',
      });
      for (const script of ['find "$X"', 'find . "$X" -type f', 'find -- "$X"', 'find -L . ! "$X"']) expect([script, run(`${script}\n`)]).toEqual([script, [oneWord(script)]]);
      expect(run('D="$X"\nfind "$D" -type f\n')).toEqual([oneWord('find "$D" -type f', 'D')]);
      expect(run('set -- $X\nfind . "$1"\n')).toEqual([oneWord('find . "$1"', undefined, '$1')]);
      // (a positional parameter, where the word the command that gives it writes in its place past the shifts may start with -; bash 5.2 and
      // findutils 4.9 run with X=-delete: `set -- "$X"; find d "$1"`, `set a "$X"; find d "$2"`, `set a "$X"; shift; find d "$1"`, `set -- "$X";
      // find d "${1%/}"`, `f() { find d "$1"; }; f "$X"`, `bash -c 'set "$1"; find d "$1"' sh "$X"` (set refuses it, $1 stays the value) delete
      // every file under d, and so do `set $X` with X='-- -delete' and `set "$X" "$Y"` with X=-- and Y=-delete, which give -delete as $1)
      for (const [script, line, as] of [['set -- "$X"\nfind . "$1"', 'find . "$1"', '$1'], ['set a "$X"\nfind . "$2"', 'find . "$2"', '$2'],
        ['set a "$X"\nshift\nfind . "$1"', 'find . "$1"', '$1'], ['set -e a "$X"\nfind . "$2"', 'find . "$2"', '$2'], ['set $X\nfind . "$1"', 'find . "$1"', '$1'],
        ['set "$X" "$X"\nfind . "$1"', 'find . "$1"', '$1'], ['set "$X"\nset -- "$X"\nfind . "$1"', 'find . "$1"', '$1'],
        ['f() { find . "$1"; }\nf "$X"', 'find . "$1"', '$1'], ['bash -c \'set "$1"; find . "$1"\' sh "$X"', 'find . "$1"', '$1']]) {
        expect([script, run(`${script}\n`)]).toEqual([script, [oneWord(line, undefined, as)]]);
      }
      // (as written, `${1%/}`, in the finding and its fix)
      const TRIMMED = ONE_WORD.replace(/^find reads the quoted word, /, 'find reads the quoted word "${1%/}" (${1%/} keeps the value\'s own text, whole where the pattern matches none of it), ');
      expect(run('set -- "$X"\nfind . "${1%/}"\n')).toEqual([{
        ...oneWord('find . "${1%/}"'),
        problem: `gives find as a test or action the value of env var X, which holds $(params.x): ${TRIMMED} (through $1, the positional parameter the script passes it as)`,
        fix: 'Start the word with a directory (find "./${1%/}" …) or give it as the value of a test (-name "${1%/}"), so find reads the value as a path or the value of '
          + 'a test, never as a test or action of its own.',
      }]);
      // (not where a `set` reads the value as its option: bash 5.2 run with X=-delete, `set "$X"`, `set -e "$X"` and `set -o errexit "$X"` are
      // "invalid option", $1 as it was, nothing deleted; nor a word of set's shifted out, `set "$X" a; shift`)
      for (const script of ['set "$X"\nfind . "$1"', 'set -e "$X"\nfind . "$1"', 'set -o errexit "$X"\nfind . "${1}"', 'set "$X"\nfind . "${1%/}"',
        'set "$X" a\nshift\nfind . "$1"', 'set "$X"\nwhile true; do shift; find . "$1"; done', 'f() { set "$X"; find . "$1"; }\nf']) {
        expect([script, run(`${script}\n`)]).toEqual([script, []]);
      }
      // a quoted word that keeps the value whole where bash may, trimmed, defaulted, changed in case or printed by echo or printf (bash 5.2
      // and findutils 4.9 run with X=-delete: `find "${X%/}"`, `find "${X##*/}"`, `find "${X:-.}"`, `find "${X,,}"` and `find "$(echo "$X")"`
      // delete every file under .; `find "./${X}"`, `find "${X/#/./}"` (./-delete) and `find "${X@Q}"` ('-delete') are paths)
      const wholeWord = (line: string, word: string, through: string) => {
        const how = ONE_WORD.replace(/^find reads the quoted word, /, `find reads the quoted word "${word}" (${through}), `);
        return {
          ...ranAsCode(line, how),
          problem: `gives find as a test or action the value of env var X, which holds $(params.x): ${how}`,
          fix: `Start the word with a directory (find "./${word}" …) or give it as the value of a test (-name "${word}"), `
            + 'so find reads the value as a path or the value of a test, never as a test or action of its own.',
        };
      };
      const KEEPS = "keeps the value's own text, whole where the pattern matches none of it";
      // an array's element, quoted, where find reads a path, a test or an action: one word the shell split from the value (all of it where it
      // holds no blank) or the value whole (bash 5.2 and findutils 4.9 run: `args=(a $X); find . "${args[1]}"` with X=-delete and with
      // X='-delete x', and `args=(a "$X")` with X=-delete, delete every file under .)
      const element = (line: string, word: string, how: string) => ({ ...wholeWord(line, word, how), problem: `${wholeWord(line, word, how).problem} (through ${word}, which the script assigns from it)` });
      expect(run('args=(a $X)\nfind . "${args[1]}"\n')).toEqual([element('find . "${args[1]}"', '${args[1]}',
        'an element of args: one word the shell split from the unquoted value, all of it where it holds no blank')]);
      expect(run('args=(a "$X")\nfind . "${args[1]}" -type f\n')).toEqual([element('find . "${args[1]}" -type f', '${args[1]}', 'an element of args: the value whole')]);
      expect(run('args=(a "${X%/}")\nfind "${args[1]}"\n')).toEqual([element('find "${args[1]}"', '${args[1]}', `an element of args: \${X%/} ${KEEPS}`)]);
      // its subscript read as bash reads it, arithmetic (bash 5.2 and findutils 4.9 run with X=-delete: `"${args[-1]}"`, the last,
      // `"${args[ 1 ]}"` and `"${args[i]}"` with i=1 delete; `args[010]` is element 8); an element assigned alone, the value whole
      const SPLIT_ONE = 'an element of args: one word the shell split from the unquoted value, all of it where it holds no blank';
      for (const word of ['${args[-1]}', '${args[ 1 ]}', '${args[i]}', '${args[010]}']) {
        // (through the element the caller's value is split into)
        const found = element(`find . "${word}"`, word, SPLIT_ONE);
        expect(run(`args=(a $X)\ni=1\nfind . "${word}"\n`)).toEqual([{ ...found, problem: found.problem.replace(`through ${word}`, 'through ${args[1]}') }]);
      }
      // (through args, the array the script assigns the element of)
      const alone = (line: string, word: string) => {
        const found = element(line, word, 'an element of args: the value whole');
        return { ...found, problem: found.problem.replace(`through ${word}`, 'through args') };
      };
      expect(run('args=(a b)\nargs[1]=$X\nfind . "${args[1]}"\n')).toEqual([alone('find . "${args[1]}"', '${args[1]}')]);
      expect(run('args[0x1]="$X"\nfind "${args[1]}"\n')).toEqual([alone('find "${args[1]}"', '${args[1]}')]);
      expect(run('args[$n]="$X"\nfind "${args[0]}"\n')).toEqual([alone('find "${args[0]}"', '${args[0]}')]);
      expect(run('args=$X\nfind "${args[0]}"\n')).toEqual([alone('find "${args[0]}"', '${args[0]}')]);
      // not: another element, after a directory, as the value of a test, an element that starts with literal text whatever the value
      for (const script of ['args=(a "$X")\nfind . "${args[0]}"', 'args[1]="$X"\nfind . "${args[0]}"', 'args=(a "$X")\nfind . "${args[ 0 ]}"', 'args=(a "$X")\nfind "./${args[1]}"', 'args=(a $X)\nfind . -name "${args[1]}"',
        'args=(a "./$X")\nfind "${args[1]}"', 'args=(a "${X/#-/./-}")\nfind . "${args[1]}"', 'args=(a "${X:+.}")\nfind . "${args[1]}"']) {
        expect([script, run(`${script}\n`)]).toEqual([script, []]);
      }
      // an element read with an operation that keeps it whole, as a variable's is read (bash 5.2 and findutils 4.9 run with X=-delete:
      // `args=(a "$X"); find . "${args[1]:-.}"` and `"${args[1]%/}"` delete every file under .); not `"${args[1]:+.}"`, which is .
      // (through the element, ${args[1]})
      const operated = (line: string, word: string, how: string) => {
        const found = element(line, word, how);
        return { ...found, problem: found.problem.replace(`through ${word}`, 'through ${args[1]}') };
      };
      expect(run('args=(a "$X")\nfind . "${args[1]:-.}"\n')).toEqual([operated('find . "${args[1]:-.}"', '${args[1]:-.}',
        'an element of args: the value whole, and ${args[1]:-.} is the value itself where it is set and not empty')]);
      expect(run('args=(a $X)\nfind "${args[1]%/}"\n')).toEqual([operated('find "${args[1]%/}"', '${args[1]%/}',
        `an element of args: one word the shell split from the unquoted value, all of it where it holds no blank, and \${args[1]%/} ${KEEPS}`)]);
      expect(run('args=(a "$X")\nfind . "${args[1]:+.}"\n')).toEqual([]);
      // the elements an array expanded whole or sliced gives, each one word, where find reads a path, a test or an action (bash 5.2 and
      // findutils 4.9 run with X=-delete: `"${args[@]}"`, `"${args[@]:1}"`, `"${args[@]:1:1}"` delete every file under .; `"${args[@]:0:1}"` is a
      // alone, and `args=(-name "$X")` gives it as -name's value)
      const given = (line: string, word: string, how: string, variable = 'X') => ({
        ...wholeWord(line, word, how),
        fix: `Start the element with a directory where the script assigns it (args=(… "./$${variable}" …)) or give it as the value of a test `
          + `(args=(… -name "$${variable}" …)), so find reads the value as a path or the value of a test, never as a test or action of its own.`,
      });
      for (const word of ['${args[@]}', '${args[@]:1}', '${args[@]:1:1}', '${args[@]: i}']) {
        expect([word, run(`args=(a "$X")\nfind . "${word}" -type f\n`)]).toEqual([word, [given(`find . "${word}" -type f`, word, 'an element of args it gives: the value whole')]]);
      }
      expect(run('args=(a "${X%/}")\nfind "${args[@]:1}"\n')).toEqual([given('find "${args[@]:1}"', '${args[@]:1}', `an element of args it gives: \${X%/} ${KEEPS}`)]);
      for (const script of ['args=(a "$X")\nfind . "${args[@]:0:1}"', 'args=(-name "$X")\nfind . "${args[@]}"', 'args=(a "$X")\nfind . -name "${args[@]:1}"', 'args=(a "$X")\nfind "./${args[@]:1}"']) {
        expect([script, run(`${script}\n`)]).toEqual([script, []]);
      }
      // (`*` joins the elements it gives into one word by IFS's first character, which starts with the first: the value whole where it gives
      // it alone; bash 5.2 and findutils 4.9 run with X=-delete: `args=(a "$X"); find d "${args[*]:1}"`, `"${args[*]: -1}"` and, with
      // args=(a "$X" b), `"${args[*]:1:1}"` deleted d; `"${args[*]:1}"` with args=(a "$X" b) is `-delete b`, which find refuses; where the
      // script sets IFS, or the offset is not known, any element)
      const JOINED = 'an element of args it joins into one word, alone or first: the value whole';
      for (const [script, word] of [['args=(a "$X")', '${args[*]:1}'], ['args=(a "$X")', '${args[*]: -1}'], ['args=(a "$X" b)', '${args[*]:1:1}'],
        ['args=("$X")', '${args[*]}'], ['args=(a "$X" b)', '${args[*]: i}'], ['IFS=\nargs=(a "$X" b)', '${args[*]:1}']]) {
        expect([script, word, run(`${script}\nfind . "${word}" -type f\n`)]).toEqual([script, word, [given(`find . "${word}" -type f`, word, JOINED)]]);
      }
      for (const script of ['args=(a "$X" b)\nfind . "${args[*]:1}"', 'args=(a "$X")\nfind . "${args[*]}"', 'args=(a "$X")\nfind . "${args[*]:0:1}"']) {
        expect([script, run(`${script}\n`)]).toEqual([script, []]);
      }
      // (with an operation, applied to each element as a variable's is read: bash 5.2 and findutils 4.9 run with X=-delete and args=(a "$X"):
      // `find d "${args[@],,}"`, `"${args[@]%/}"`, `"${args[@]#x}"` and, with args=("$X"), `"${args[*]:-y}"` delete every file under d;
      // `"${args[@]:+y}"` is y; `"${args[@]^^}"` and `"${args[@]@U}"` are reported: an upper-cased value may still be an operator, `!`, or -L
      // before the paths)
      for (const [script, word, how] of [['args=(a "$X")', '${args[@],,}', 'an element of args it gives: the value whole, and ${args[@],,} is the value with the case of its letters changed'],
        ['args=(a "$X")', '${args[@]%/}', `an element of args it gives: the value whole, and \${args[@]%/} ${KEEPS}`],
        ['args=(a "$X")', '${args[@]#x}', `an element of args it gives: the value whole, and \${args[@]#x} ${KEEPS}`],
        ['args=("$X")', '${args[*]:-y}', `${JOINED}, and \${args[*]:-y} is the value itself where it is set and not empty`],
        ['args=(a "${X^^}")', '${args[@],,}', 'an element of args it gives: ${X^^} is the value with the case of its letters changed, and ${args[@],,} is the value with the case of its letters changed'],
        ['args=(a "$X")', '${args[@]^^}', 'an element of args it gives: the value whole, and ${args[@]^^} is the value with the case of its letters changed'],
        ['args=(a "$X")', '${args[@]@U}', 'an element of args it gives: the value whole, and ${args[@]@U} is the value with the case of its letters changed']]) {
        expect([script, word, run(`${script}\nfind . "${word}" -type f\n`)]).toEqual([script, word, [given(`find . "${word}" -type f`, word, how)]]);
      }
      for (const script of ['args=(a "$X")\nfind . "${args[@]:+y}"',
        'args=(a "$X")\nfind . "${args[*]:-y}"', 'args=(a "$X")\nfind . -name "${args[@]%/}"', 'args=(a "./$X")\nfind . "${args[@],,}"']) {
        expect([script, run(`${script}\n`)]).toEqual([script, []]);
      }
      // (an element written `[i]=VALUE` is VALUE, one word; one assigned alone, or the array's name assigned, is the value too, any element
      // first; bash 5.2 and findutils 4.9 run with X=-delete: `args=([1]="$X")`, `args=(); args[0]="$X"`, `args[0]="$X"`, `args="$X"`, then
      // `find . "${args[@]}"`, and `args=(a); args[1]="$X"; find . "${args[*]:1}"` delete every file under .)
      for (const [script, word, how] of [['args=([1]="$X")', '${args[@]}', 'an element of args it gives: the value whole'],
        ['args=([5]=$X)', '${args[@]}', 'an element of args it gives: the value whole'], ['args=([1]="$X")', '${args[*]}', JOINED],
        ['args=([0]=a [1]="$X")', '${args[@]:1}', 'an element of args it gives: the value whole'],
        ['args=()\nargs[0]="$X"', '${args[@]}', 'an element of args it gives: the value whole'],
        ['args[0]="$X"', '${args[@]}', 'an element of args it gives: the value whole'], ['args=$X', '${args[@]}', 'an element of args it gives: the value whole'],
        ['args=(a)\nargs[1]="$X"', '${args[*]:1}', JOINED], ['args=(a)\nargs[1]=${X%/}', '${args[@]:1}', `an element of args it gives: \${X%/} ${KEEPS}`],
        ['args=([1]=-name [0]="$X")', '${args[@]}', 'an element of args it gives: the value whole'],
        ['args=(-name a)\nargs[1]="$X"', '${args[@]}', 'an element of args it gives: the value whole'],
        ['args=(-name)\nargs[5]="$X"', '${args[@]}', 'an element of args it gives: the value whole']]) {
        expect([script, word, run(`${script}\nfind . "${word}" -type f\n`)]).toEqual([script, word, [given(`find . "${word}" -type f`, word, how)]]);
      }
      // (nor one whose index places it as a test's value, or another than the slice gives: bash 5.2 and findutils 4.9 run with X=-delete,
      // `args=([0]=-name [1]="$X")` and `args=(-name); args[1]="$X"` then `find . "${args[@]}"`, `args=([0]=a [1]="$X"); find . "${args[@]:0:1}"`
      // delete nothing; an index given twice or past a gap, any element first)
      for (const script of ['args=([1]="./$X")\nfind . "${args[@]}"', 'args=([0]=a [1]="$X")\nfind . -name "${args[@]:1}"', 'args[0]="./$X"\nfind . "${args[@]}"',
        'args=([0]=-name [1]="$X")\nfind . "${args[@]}"', 'args=(-name)\nargs[1]="$X"\nfind . "${args[@]}"', 'args=([0]=a [1]="$X")\nfind . "${args[@]:0:1}"',
        'args=([0]=a [1]="$X" [2]=b)\nfind . "${args[*]:1}"']) {
        expect([script, run(`${script}\n`)]).toEqual([script, []]);
      }
      // the positional parameters alike, the words `set` or a function's call gives them, each where it writes it (bash 5.2 and findutils 4.9
      // run with X=-delete: `set -- "$X"; find d "$@"`, `set a "$X"; find d "${@:2}"`, `set - "$X"`, `set -- a "$X"; shift`, `set -- "$X"; find d "$*"`,
      // `"${@%/}"`, `f() { find d "$@"; }; f "$X"`, `f() { shift; find d "$@"; }; f a "$X"` and `bash -c 'find d "$@"' _ "$X"` delete every file under d)
      const argument = (line: string, word: string, how: string, giving: string) => ({
        ...wholeWord(line, word, how),
        fix: `Start the argument with a directory where the script gives it (${giving} … "./$X" …) or give it as the value of a test `
          + `(${giving} … -name "$X" …), so find reads the value as a path or the value of a test, never as a test or action of its own.`,
      });
      const BY_SET = 'an argument of set it gives: the value whole';
      for (const [script, line, word, how, giving] of [['set -- "$X"\nfind . "$@" -type f', 'find . "$@" -type f', '$@', BY_SET, 'set --'],
        ['set a "$X"\nfind . "${@:2}"', 'find . "${@:2}"', '${@:2}', BY_SET, 'set --'], ['set - "$X"\nfind . "$@"', 'find . "$@"', '$@', BY_SET, 'set --'],
        ['set -- a "$X"\nshift\nfind . "$@"', 'find . "$@"', '$@', BY_SET, 'set --'],
        // (a later word of a `set` whose first it may read as its option, `--` or `-e`, is given from $1: bash 5.2 run, `set "$X" "$Y"` with X=-- and
        // Y=-delete, then `find d "${@:1:1}"`, deletes every file under d)
        ['set "$X" "$X"\nfind . "${@:1:1}"', 'find . "${@:1:1}"', '${@:1:1}', BY_SET, 'set --'],
        ['set -- "$X"\nfind . "$*"', 'find . "$*"', '$*', 'an argument of set it joins into one word, alone or first: the value whole', 'set --'],
        ['set -- "$X"\nfind . "${@%/}"', 'find . "${@%/}"', '${@%/}', `${BY_SET}, and \${@%/} ${KEEPS}`, 'set --'],
        ['f() { find /src "$@"; }\nf "$X"', 'find /src "$@"', '$@', 'an argument of the call of f it gives: the value whole', 'f'],
        ['f() { shift; find . "$@"; }\nf a "$X"', 'find . "$@"', '$@', 'an argument of the call of f it gives: the value whole', 'f'],
        ['bash -c \'find . "$@"\' _ "$X"', 'find . "$@"', '$@', 'an argument of bash -c it gives: the value whole', 'bash -c CODE NAME']]) {
        expect([script, run(`${script}\n`)]).toEqual([script, [argument(line, word, how, giving)]]);
      }
      // (not: literal words, the value as a test's value, another argument than the slice gives, `"$*"` joining it after another, a value that
      // starts with a directory, one shifted out, `:+`; nor `set "$X"` or `set -e "$X"`, which read a value starting with - or + as an option
      // of set: bash 5.2 run, "invalid option", nothing deleted)
      for (const script of ['set -- a b\nfind . "$@"', 'set -- -name "$X"\nfind . "$@"', 'set -- a "$X"\nfind . "${@:1:1}"', 'set -- "$X" -name\nfind . "${@:2}"',
        'set -- a "$X"\nfind . "$*"', 'set -- "./$X"\nfind . "$@"', 'set -- "$X"\nshift\nfind . "$@"', 'set -- "$X"\nfind . "${@:+y}"',
        'set "$X"\nfind . "$@"', 'set -e "$X"\nfind . "$@"', 'set -o errexit "$X"\nfind . "$@"', 'f() { find . -name "$@"; }\nf "$X"', 'f() { find . "$@"; }\nf a b']) {
        expect([script, run(`${script}\n`)]).toEqual([script, []]);
      }
      // (and those xargs gives sh -c: words it split from what it reads at blanks, in any place, `-name "$@"` too, or, with -0 or -I, one
      // item whole; bash 5.2 and findutils 4.9 run: X='-exec touch F ;' through `xargs sh -c 'find d "$@"' sh` touches F, X='a -o -delete'
      // through `… 'find d -name "$@"' sh` deletes every file under d, X=-delete through `xargs -0` and `xargs -I{} … sh {}` too; not as -name's value)
      expect(run('echo "$X" | xargs sh -c \'find . "$@"\' sh\n')).toEqual([byXargs('find . "$@"')]);
      expect(run('echo "$X" | xargs sh -c \'find . -name "$@"\' sh\n')).toEqual([byXargs('find . -name "$@"')]);
      for (const script of ['printf %s "$X" | xargs -0 sh -c \'find . "$@"\' sh', 'echo "$X" | xargs -I{} sh -c \'find . "$@"\' sh {}']) {
        expect([script, run(`${script}\n`)]).toEqual([script, [argument('find . "$@"', '$@', 'an argument of sh -c it gives: the value whole', 'sh -c CODE NAME')]]);
      }
      expect(run('echo "$X" | xargs -I{} sh -c \'find . -name "$@"\' sh {}\n')).toEqual([]);
      expect(run('find "${X%/}" -type f\n')).toEqual([wholeWord('find "${X%/}" -type f', '${X%/}', `\${X%/} ${KEEPS}`)]);
      expect(run('find . "${X##*/}"\n')).toEqual([wholeWord('find . "${X##*/}"', '${X##*/}', `\${X##*/} ${KEEPS}`)]);
      expect(run('find "${X/x/y}"\n')).toEqual([wholeWord('find "${X/x/y}"', '${X/x/y}', `\${X/x/y} ${KEEPS}`)]);
      expect(run('find "${X:-.}"\n')).toEqual([wholeWord('find "${X:-.}"', '${X:-.}', '${X:-.} is the value itself where it is set and not empty')]);
      expect(run('find "${X-.}"\n')).toEqual([wholeWord('find "${X-.}"', '${X-.}', '${X-.} is the value itself where it is set')]);
      expect(run('find "${X:1}"\n')).toEqual([wholeWord('find "${X:1}"', '${X:1}', '${X:1} is the part of the value the offset and length give')]);
      expect(run('find "${X,,}"\n')).toEqual([wholeWord('find "${X,,}"', '${X,,}', '${X,,} is the value with the case of its letters changed')]);
      expect(run('find "$(echo "$X")" -type f\n')).toEqual([wholeWord('find "$(echo "$X")" -type f', '$(echo "$X")',
        '$(echo "$X") is what echo prints of the value, the value itself')]);
      expect(run("find \"$(printf '%s\\n' \"${X%/}\")\"\n")).toEqual([wholeWord("find \"$(printf '%s\\n' \"${X%/}\")\"", "$(printf '%s\\n' \"${X%/}\")",
        `$(printf '%s\\n' "\${X%/}") is what printf prints of the value, the value itself, and \${X%/} ${KEEPS}`)]);
      // (backquoted alike, its own quotes inside the word's: bash 5.2 keeps "`echo "$X"`" one word, X='a  b' gives [a  b], and with
      // X=-delete findutils 4.9 deletes; `\"` in it is `"`)
      expect(run('find "`echo "$X"`" -type f\n')).toEqual([wholeWord('find "`echo "$X"`" -type f', '`echo "$X"`', '`echo "$X"` is what echo prints of the value, the value itself')]);
      expect(run('find "`echo \\"$X\\"`"\n')).toEqual([wholeWord('find "`echo \\"$X\\"`"', '`echo \\"$X\\"`', '`echo \\"$X\\"` is what echo prints of the value, the value itself')]);
      // (unquoted, one expansion the shell splits, its blanks and quotes its own: bash 5.2 run, find `echo "$X"` with X='. -exec touch F ;' touches F)
      for (const script of ['find `echo "$X"`', 'find . `printf %s "$X"` -type f']) {
        expect([script, run(`${script}\n`)]).toEqual([script, [{ ...ranAsCode(script, FIND_SPLIT), fix: splitFix(FIND_SPLIT) }]]);
      }
      // an indirection of a name the script fixes is the variable it names, and a nameref's value its target's (bash 5.2 run with X=-delete:
      // `N=X; find "${!N}"`, `N=X; find "${!N%/}"`, `g() { find "${!1}"; }; g X` and `declare -n R=X; find "$R"` delete every file under .)
      expect(run('N=X\nfind "${!N}" -type f\n')).toEqual([wholeWord('find "${!N}" -type f', '${!N}', '${!N} is the value of X, the variable N names')]);
      expect(run('N=X\nfind "${!N%/}"\n')).toEqual([wholeWord('find "${!N%/}"', '${!N%/}', `\${!N} is the value of X, the variable N names, and \${!N%/} ${KEEPS}`)]);
      expect(run('g() { find "${!1}" -type d; }\ng X\n')).toEqual([wholeWord('find "${!1}" -type d', '${!1}', '${!1} is the value of X, the variable $1 names')]);
      // (a function whose name is a word of a command that runs no function, `-type f` given to find, is called only where it is called: bash 5.2
      // run, `xargs f`, `command f` and `timeout 1 f` ran no f; `trap f EXIT`, `eval "f $Y"` and `bash -c 'f "$1"'` of an exported f did)
      expect(run('f() { find . -type f "${!1}"; }\nf X\n')).toEqual([wholeWord('find . -type f "${!1}"', '${!1}', '${!1} is the value of X, the variable $1 names')]);
      // (nor the name given alone to a program that runs or keeps no function: bash 5.2 run, `go vet f`, `echo f`, `unset -f f`, `command -v f`,
      // `declare -F f` and `exec f Y` ran no f; a program the script starts sees none it does not export)
      for (const call of ['xargs f < list', 'command f Y', 'find . -name f', 'timeout 1 f Y', 'go vet f', 'echo f', 'unset -f f', 'command -v f >/dev/null', 'declare -F f',
        'exec f Y']) {
        expect([call, run(`f() { find "\${!1}" -type f; }\nf X\n${call}\n`)]).toEqual([call, [wholeWord('find "${!1}" -type f', '${!1}', '${!1} is the value of X, the variable $1 names')]]);
      }
      for (const call of ['go build ./...', 'unset -f build', 'command -v build >/dev/null', 'docker build .']) {
        expect([call, run(`build() { echo "+ \${!1}"; eval "\${!1}"; }\nCMD='go vet ./...'\nbuild CMD\n${call}\n`)]).toEqual([call, []]);
      }
      // (and where a wrapper runs eval, where the name is kept for a later eval or call, or aliased: bash 5.2 ran f's find with $1 = Y in each;
      // where brace expansion gives the name, `{f,Y}` and `eval {f,Y}` ran `f Y`, `f{,}` ran `f f`; where eval, trap or source runs code the script
      // does not show or whose program a value chooses, `eval "$(printf "\x66") Y"` ran `f Y`; where the script exports functions, a program may
      // give the name to a bash, which runs it)
      for (const call of ['trap f EXIT', 'eval "f $Y"', 'export -f f; bash -c \'f "$1"\' _ "$Y"', 'builtin eval f Y', 'command eval f Y', 'set -- f Y; eval "$@"',
        'shopt -s expand_aliases; alias g=f', 'c=f; eval "$c Y"', 'printf -v c %s f; $c Y', 'time f Y', 'mapfile -C f -c 1 < list', '{f,Y}', 'eval {f,Y}', 'f{,}',
        'eval "$G Y"', 'eval "$(cat cmd.txt) Y"', 'Z=$(cat n.txt); eval "$Z Y"', 'builtin eval "$G Y"', 'trap "$CB" EXIT', 'source <(cat cmds.sh)', '. ./lib.sh',
        "eval '$c Y'", 'export -f f; go vet f', 'set -a; go vet f']) {
        const script = `f() { find "\${!1}" -type f; }\nf X\n${call}\n`;
        expect([call, run(script).map((f) => f.problem)]).toEqual([call, [expect.stringContaining('(${!1} is the value of the variable $1 names, which the script does not fix)')]]);
      }
      expect(run('declare -n R=X\nfind "$R" -type f\n')).toEqual([oneWord('find "$R" -type f', 'R')]);
      const namedHow = ONE_WORD.replace(/^find reads the quoted word, /, `find reads the quoted word "\${R%/}" (\${R%/} ${KEEPS}), `);
      expect(run('declare -n R=X\nfind "${R%/}"\n')).toEqual([{
        ...ranAsCode('find "${R%/}"', namedHow, 'X', '$(params.x)', 'R'),
        problem: `gives find as a test or action the value of env var X, which holds $(params.x): ${namedHow} (through R, which the script assigns from it)`,
        fix: 'Start the word with a directory (find "./${R%/}" …) or give it as the value of a test (-name "${R%/}"), so find reads the value as a path or the value '
          + 'of a test, never as a test or action of its own.',
      }]);
      // (of a name the script reads, it may name X: said so)
      const readHow = ONE_WORD.replace(/^find reads the quoted word, /, 'find reads the quoted word "${!N}" (${!N} is the value of the variable N names, which the script '
        + 'does not fix), ');
      expect(run('read -r N < names\nfind "${!N}"\n')).toEqual([{
        ...ranAsCode('find "${!N}"', readHow),
        problem: `may give find as a test or action the value of env var X, which holds $(params.x): ${readHow} (through \${!N}, an indirection the script does not fix, `
          + 'which may name this env var or any other)',
        fix: 'Read a variable the script names literally (or check the name against the names allowed first), and pass its value as data, never as code: '
          + 'as a quoted argument of a fixed command, as in tool "$X".',
      }]);
      // (the indirection of X itself takes the caller's value as a name, whose subscript's command substitutions run: said so)
      expect(run('find "${!X}" -type f\n').map((f) => f.problem)).toEqual(['runs as code the value of env var X, which holds $(params.x): the indirection ${!X} '
        + 'takes the value as a name, which runs the command substitutions of an array subscript in it']);
      // not: after a directory, the value of a test, a nameref's indirection (the name it refers to, X: bash 5.2), the names with a prefix
      for (const script of ['N=X\nfind "./${!N}"', 'N=X\nfind . -name "${!N}"', 'declare -n R=X\nfind "${!R}"', 'N=X\nfind "${!N*}"', 'declare -n R=X\nfind "./$R"',
        'find "./`echo "$X"`"', 'find . -name "`echo "$X"`"']) {
        expect([script, run(`${script}\n`)]).toEqual([script, []]);
      }
      // not: a word that starts with a directory or a literal whatever the value, the value quoted, its length, another word, the value
      // of a test, nor what a command other than echo and printf prints
      // (bash 5.2 run with X=-delete: `"${X/#-/./-}"`, `"${X/-/./-}"` and `"${X//-/./-}"` are ./-delete, `"${X/#-*/.}"` is .; but `"${X/#a/-}"` is -delete, `"${X/#-/}"` for X=--delete
      // is -delete, and `&` in the replacement is the text matched, patsub_replacement: `"${X/#/&}"` is -delete, `"${X/#-/&x}"` -xdelete)
      expect(run('find "${X/#a/-}"\n')).toEqual([wholeWord('find "${X/#a/-}"', '${X/#a/-}', `\${X/#a/-} ${KEEPS}`)]);
      expect(run('find "${X/#-/}"\n')).toEqual([wholeWord('find "${X/#-/}"', '${X/#-/}', `\${X/#-/} ${KEEPS}`)]);
      expect(run('find "${X/#/&}"\n')).toEqual([wholeWord('find "${X/#/&}"', '${X/#/&}', `\${X/#/&} ${KEEPS}`)]);
      expect(run('find "${X/#-/&x}"\n')).toEqual([wholeWord('find "${X/#-/&x}"', '${X/#-/&x}', `\${X/#-/&x} ${KEEPS}`)]);
      expect(run('find "${X/#-/-x}"\n')).toEqual([wholeWord('find "${X/#-/-x}"', '${X/#-/-x}', `\${X/#-/-x} ${KEEPS}`)]);
      expect(run('find "${X/#x/./-}"\n')).toEqual([wholeWord('find "${X/#x/./-}"', '${X/#x/./-}', `\${X/#x/./-} ${KEEPS}`)]);
      for (const script of ['find "./${X}"', 'find "./${X%/}"', 'find "${X/#/./}"', 'find "${X/#-/./-}"', 'find "${X/#-*/.}"', 'find "${X/#[-]/./-}"', 'find "${X/-/./-}"',
        'find "${X//-/./-}"', 'find "${X@Q}"', 'find "${#X}"', 'find "${X:+.}"', 'find . -name "${X%/}"',
        'find "$(realpath -m "$X")"', 'find "$(echo "./$X")"', 'find "$(echo "$X" | tr a b)"', 'find "${X%/}/"']) {
        expect([script, run(`${script}\n`)]).toEqual([script, []]);
      }
      // not: the value of a test, a word of -exec's command, after a directory, nor a command's output the script made a path of
      for (const script of ['find . -name "$X"', 'find . -newer "$X" -type f', 'find . -exec echo "$X" \\;', 'find "./$X"', 'D=$(realpath -m "/src/$X")\nfind "$D"',
        'find . -path "$X" -prune -o -print']) {
        expect([script, run(`${script}\n`)]).toEqual([script, []]);
      }
      // a `--` past find's own options is an unknown predicate: findutils 4.9 refuses the command and runs nothing (`find . -- -delete`
      // deletes nothing); first, it ends them (`find -- . $X` runs the value's words)
      for (const script of ['find . -- $X', 'find -L . -name x -- $X', 'set -- $X\nfind . -- "$@"']) expect([script, run(`${script}\n`)]).toEqual([script, []]);
      expect(run('find -- . $X\n')).toEqual([{ ...ranAsCode('find -- . $X', FIND_SPLIT), fix: splitFix(FIND_SPLIT) }]);
      // an array's element: the message and the fix write it in braces, as bash reads it (`"$args[1]"` is `${args}` then `[1]`)
      expect(run('args=(a "$X")\nfind . ${args[1]}\n')).toEqual([{
        ...ranAsCode('find . ${args[1]}', FIND_SPLIT, 'X', '$(params.x)', 'args[1]'),
        problem: `runs as code the value of env var X, which holds $(params.x): ${FIND_SPLIT} (through \${args[1]}, which the script assigns from it)`,
        fix: 'Quote "${args[1]}" and start the word with a directory (find "./${args[1]}" …, -name "${args[1]}"), so the shell keeps the value one word, '
          + 'which find reads as a path or the value of a test, never as more of its expression.',
      }]);
      // arrays read -a splits at blanks and mapfile (readarray) at lines (bash 5.2 run with X='-exec touch F ;': find . "${args[@]}" touches F)
      const readInto = (line: string, reader: string, how: string, program = 'find') => ({
        ...ranAsCode(line, how),
        fix: program === 'find' ? `Give find "$X" as one argument of its own, not as the elements of args, which ${reader} makes of it: as a path starting with a directory `
          + '(find "./$X" …) or the value of a test (-name "$X"), never as more of its expression.'
          : `Give ${program} "$X" as one operand after -- (${program} … -- "$X"), not as the elements of args, which ${reader} makes of it.`,
      });
      expect(run('read -ra args <<< "$X"\nfind . "${args[@]}"\n')).toEqual([readInto('find . "${args[@]}"', 'read -a',
        `read -a splits what it reads into the elements of args at blanks, whose words "\${args[@]}" gives find, and ${FIND_HOW}`)]);
      expect(run('mapfile -t args < <(echo "$X")\nfind . "${args[@]}"\n')).toEqual([readInto('find . "${args[@]}"', 'mapfile',
        `mapfile gives each line it reads as an element of args, whose words "\${args[@]}" gives find, and ${FIND_HOW}`)]);
      expect(run('readarray -t args <<< "$X"\nfind . "${args[@]}"\n')).toEqual([readInto('find . "${args[@]}"', 'readarray',
        `readarray gives each line it reads as an element of args, whose words "\${args[@]}" gives find, and ${FIND_HOW}`)]);
      // without -t each element keeps the line break that ends its line, which no test or action of find has (bash 5.2 and findutils 4.9 run
      // with X=-delete: `mapfile args < <(echo "$X"); find . "${args[@]}"` is an unknown predicate, `-delete\n`), but for the last line of
      // what ends with none (`< <(printf %s "$X")` deletes every file under .); tar runs `--to-command=CMD\n` as it runs CMD
      for (const script of ['mapfile args < <(echo "$X")\nfind . "${args[@]}"', 'readarray args <<< "$X"\nfind "${args[@]}"',
        'mapfile args <<EOF\n$X\nEOF\nfind . "${args[@]}"', 'mapfile -s 1 args < <(printf \'%s\\n\' "$X")\nfind . "${args[@]}"']) {
        expect([script, run(`${script}\n`)]).toEqual([script, []]);
      }
      const LAST = 'mapfile gives each line it reads as an element of args, whose words "${args[@]}" gives find, and each holds the delimiter that ends its line '
        + '(no -t), which no test or action has, but the last where what mapfile reads does not end with one: find reads that word as a test or action of its '
        + 'expression where it starts with -: one word cannot be -exec CMD ; (it takes several), but can be -delete, which deletes every file find visits';
      expect(run('mapfile args < <(printf %s "$X")\nfind . "${args[@]}"\n')).toEqual([readInto('find . "${args[@]}"', 'mapfile', LAST)]);
      // (X='a,-delete' there gives a, then -delete, which deletes; echo's line break ends the last element whatever the delimiter, -delete,
      // then -delete\n, both unknown predicates)
      expect(run('mapfile -d , args < <(printf %s "$X")\nfind . "${args[@]}"\n')).toEqual([readInto('find . "${args[@]}"', 'mapfile', LAST)]);
      expect(run('mapfile -d , args < <(echo "$X")\nfind . "${args[@]}"\n')).toEqual([]);
      // (-d '' ends lines at NUL, which no argument holds: every element is clean)
      expect(run('mapfile -d \'\' args < <(printf \'%s\\0\' "$X")\nfind . "${args[@]}"\n')).toEqual([readInto('find . "${args[@]}"', 'mapfile',
        `mapfile gives each line it reads as an element of args, whose words "\${args[@]}" gives find, and ${FIND_HOW}`)]);
      expect(run('mapfile args < <(echo "$X")\ntar -cf out.tar "${args[@]}"\n')).toEqual([{
        ...ranAsCode('tar -cf out.tar "${args[@]}"', 'tar reads a value starting with --to-command= there as that option (it reads options after '
          + 'its operands too), whose command it runs', 'X', '$(params.x)', 'args'),
        fix: 'Write -- before the operands (tar … -- "${args[@]}"), so tar reads "${args[@]}" as an operand, never as an option.',
      }]);
      // (to wget, whose first element may be an option: the fix writes the array as the command does, "${args[@]}", not "$args", its first element)
      expect(run('readarray -t args <<< "$X"\nwget -O out.tgz https://example.com/f "${args[@]}"\n')).toEqual([{
        ...ranAsCode('wget -O out.tgz https://example.com/f "${args[@]}"', 'wget reads a value starting with --execute= there as that option (it reads options after '
          + 'its operands too), whose command it runs', 'X', '$(params.x)', 'args'),
        fix: 'Write -- before the operands (wget … -- "${args[@]}"), so wget reads "${args[@]}" as an operand, never as an option.',
      }]);
      for (const script of ['read -ra args <<< "$X"\nls "${args[@]}"', 'read -ra args <<< "$X"\nfind . -- "${args[@]}"', 'read -r a b <<< "$X"\nfind . -name "$a"']) {
        expect([script, run(`${script}\n`)]).toEqual([script, []]);
      }
      // every position "$@" gives, not only the first holding a value: the second here, split
      expect(run('Y="$X"\nset -- "$Y" $X\nfind . -name "$@"\n')).toEqual([intoPositional('find . -name "$@"')]);
      expect(run('Y="$X"\nset -- "$Y" "$X"\nfind . -name "$@"\n')).toEqual([]);
      // the fix names what the script split: a copy of the value
      const D_HOW = `the shell splits the unquoted value into the positional parameters, whose words "$@" gives find, and ${FIND_HOW}`;
      expect(run('D=$X\nset -- $D\nfind . "$@"\n')).toEqual([{
        ...ranAsCode('find . "$@"', D_HOW, 'X', '$(params.x)', 'D'),
        fix: 'Quote "$D" where the script puts it into the positional parameters (set -- "$D"), so the shell keeps the value one word, and give it find as a path '
          + 'starting with a directory ("./…") or the value of a test (-name …), never as more of its expression.',
      }]);
      expect(run('D=$X\nA=($D)\nfind . "${A[@]}"\n')).toEqual([{
        ...ranAsCode('find . "${A[@]}"', `the shell splits the unquoted value into the elements of A, whose words "\${A[@]}" gives find, and ${FIND_HOW}`, 'X', '$(params.x)', 'D'),
        fix: 'Quote "$D" where the script puts it into the elements of A (A=("$D")), so the shell keeps the value one word, and give it find as a path '
          + 'starting with a directory ("./…") or the value of a test (-name …), never as more of its expression.',
      }]);
      expect(run('D=$X\necho "$D" | xargs find .\n')).toEqual([{
        ...ranAsCode('echo "$D" | xargs find .', `xargs splits what it reads into words at blanks, and ${FIND_HOW}`, 'X', '$(params.x)', 'D'),
        fix: 'Give find "$D" as one argument of its own, not through xargs, which splits what it reads at blanks: as a path starting with a directory '
          + '(find "./$D" …) or the value of a test (-name "$D"), never as more of its expression.',
      }]);
      const OPERAND_HOW = 'git clone reads a value starting with --upload-pack= (or --receive-pack=) there as that option, whose command it runs';
      // unquoted, the value's first word is that text (an https URL, over which git runs no upload-pack), but the shell splits it,
      // and git 2.39 reads a later word starting with - as its option (`-c credential.helper=!CMD` ran CMD at a local 401; checked)
      const SPLIT_HOW = 'the shell splits the unquoted value into words after the literal text it starts with, and git clone reads a later word '
        + 'starting with - as an option (-c credential.helper=!CMD runs CMD as git asks for credentials, over https too; --upload-pack=CMD over a local or ssh URL)';
      const quoted = (v: string) => `Quote "${v}" and write -- before the operands (git clone -- "${v}" dir), so the shell keeps the value one word and git reads it as an operand, never as an option.`;
      expect(run('R="https://example.com/$X"\ngit clone $R out\n'))
        .toEqual([{ ...ranAsCode('git clone $R out', SPLIT_HOW, 'X', '$(params.x)', 'R'), fix: quoted('$R') }]);
      expect(run('KUSTOMIZE_TEMPLATES_REPO="https://dev.azure.com/o/p/_git/kustomize_templates.${X}"\ngit clone ${KUSTOMIZE_TEMPLATES_REPO} kt\n'))
        .toEqual([{ ...ranAsCode('git clone ${KUSTOMIZE_TEMPLATES_REPO} kt', SPLIT_HOW, 'X', '$(params.x)', 'KUSTOMIZE_TEMPLATES_REPO'), fix: quoted('$KUSTOMIZE_TEMPLATES_REPO') }]);
      // the fix applied clears it
      expect(run('R="https://example.com/$X"\ngit clone -- "$R" out\n')).toEqual([]);
      // the fix names the variable the command writes
      const OPERAND_D = OPERAND.replace(/\$X/g, '$D');
      expect(run('D="/packages/$X"\nif [ -n "$Y" ]; then D="$X"; fi\ngit clone "$D" out\n'))
        .toEqual([{ ...ranAsCode('git clone "$D" out', OPERAND_HOW, 'X', '$(params.x)', 'D'), fix: OPERAND_D }]);
      expect(run('D="/packages/$X"\nread -r D < f\ngit clone "$D" out\n'))
        .toEqual([{ ...ranAsCode('git clone "$D" out', OPERAND_HOW, 'X', '$(params.x)', 'D'), fix: OPERAND_D }]);
      expect(run('D="/packages/$X"\necho "$X" | read -r D\ngit clone "$D" out\n'))
        .toEqual([{ ...ranAsCode('git clone "$D" out', OPERAND_HOW, 'X', '$(params.x)', 'D'), fix: OPERAND_D }]);
      expect(run('X="/packages/$X"\ngit clone "$X" out\n'))
        .toEqual([{ ...ranAsCode('git clone "$X" out', OPERAND_HOW), fix: OPERAND }]);
      // ENV before the interactive shell it starts; not alone, nor before a shell that is not interactive
      expect(run('ENV="$X" sh -i -c true\n'))
        .toEqual([ranAsCode('ENV="$X" sh -i -c true', 'it sets ENV, which an interactive shell sources as a script (the file it names, after parameter expansion)')]);
      for (const script of ['ENV="$X" sh -c true', 'export ENV="$X"']) expect([script, run(`${script}\n`)]).toEqual([script, []]);
      // exported (or assigned, and exported apart) before an interactive shell the script runs elsewhere (dash 0.5.12 sources it; bash -i does not)
      const ENV_SH = 'it sets ENV, which an interactive shell sources as a script (the file it names, after parameter expansion), as `sh -i` does';
      expect(run('export ENV="$X"\nsh -i\n')).toEqual([ranAsCode('export ENV="$X"', ENV_SH)]);
      expect(run('ENV="$X"\nexport ENV\nsh -i < cmds.txt\n')).toEqual([ranAsCode('ENV="$X"', ENV_SH.replace('`sh -i`', '`sh -i < cmds.txt`'))]);
      expect(run('export ENV="$X"\nsh build.sh\n')).toEqual([]);
      // an interactive bash whose posix mode is not seen: POSIXLY_CORRECT in the image's env or an envFrom source turns it on
      expect(run('export ENV="$X"\nbash -i\n')).toEqual([ranAsCode('export ENV="$X"', 'it sets ENV, which an interactive bash sources as a script (the file it '
        + "names, after parameter expansion) in posix mode, which POSIXLY_CORRECT in the image's env or an envFrom source (not seen here) turns on, as `bash -i` does")]);
      // `sh -${UNSET}i` and env -S's `sh\_-i` are interactive (dash 0.5.12, GNU env 9.1); a shell env starts without the script's ENV
      // (`env -i`, `env -u ENV`, also after `ENV="$X"` before env) gets none, env's own `ENV=` after -i does
      expect(run('export ENV="$X"\nsh -${UNSET}i < cmds.txt\n')).toEqual([ranAsCode('export ENV="$X"', ENV_SH.replace('`sh -i`', '`sh -${UNSET}i < cmds.txt`'))]);
      expect(run('export ENV="$X"\nenv -S "sh\\\\_-i" < cmds.txt\n')).toEqual([ranAsCode('export ENV="$X"', ENV_SH.replace('`sh -i`', '`env -S "sh\\\\_-i" < cmds.txt`'))]);
      for (const script of ['export ENV="$X"\nenv -i sh -i < cmds.txt', 'export ENV="$X"\nenv -u ENV sh -i < cmds.txt', 'ENV="$X" env -i sh -i < cmds.txt',
        'export PS1="$X"\nenv -u PS1 bash -i < cmds.txt', 'export PROMPT_COMMAND="$X"\nenv - bash -i < cmds.txt']) {
        expect([script, run(`${script}\n`)]).toEqual([script, []]);
      }
      expect(run('env -i ENV="$X" sh -i < cmds.txt\n')).toEqual([ranAsCode('env -i ENV="$X" sh -i < cmds.txt',
        'env sets ENV, which an interactive shell sources as a script (the file it names, after parameter expansion), as `env -i ENV="$X" sh -i < cmds.txt` does')]);
      // busybox's ash applet, which reads `+i` as `-i` (busybox 1.36 ash.c)
      expect(run('export ENV="$X"\nbusybox ash +i < cmds.txt\n')).toEqual([ranAsCode('export ENV="$X"', ENV_SH.replace('`sh -i`', '`busybox ash +i < cmds.txt`'))]);
      // a name that starts with busybox runs busybox (appletlib.c: is_prefixed_with(name, "busybox")): Alpine's /bin/busybox.static
      expect(run('export ENV="$X"\n/bin/busybox.static ash +i < cmds.txt\n'))
        .toEqual([ranAsCode('export ENV="$X"', ENV_SH.replace('`sh -i`', '`/bin/busybox.static ash +i < cmds.txt`'))]);
      expect(run('export ENV="$X"\ndash +i < cmds.txt\n')).toEqual([]);
      // PROMPT_COMMAND with an interactive bash that reads its commands (with a prompt, not -c), bash 5.2
      const PROMPT = 'it sets PROMPT_COMMAND, which an interactive bash runs as a command before each prompt, as `bash -i < cmds.txt` does';
      expect(run('export PROMPT_COMMAND="$X"\nbash -i < cmds.txt\n')).toEqual([ranAsCode('export PROMPT_COMMAND="$X"', PROMPT)]);
      expect(run('PROMPT_COMMAND="$X" bash -i < cmds.txt\n'))
        .toEqual([ranAsCode('PROMPT_COMMAND="$X" bash -i < cmds.txt', PROMPT.replace('`bash -i', '`PROMPT_COMMAND="$X" bash -i'))]);
      for (const script of ['export PROMPT_COMMAND="$X"\nbash -i -c true', 'export PROMPT_COMMAND="$X"\nbash build.sh']) expect([script, run(`${script}\n`)]).toEqual([script, []]);
      // PROMPT_COMMAND as an array (bash 5.1: each element runs), and the prompts an interactive shell expands (promptvars: a
      // command substitution in PS1, PS2 or bash's PS0 runs), where a shell prompts: bash reading its input, a POSIX shell
      // given no -c (a script file too, dash 0.5.12), or the script's own shell made interactive by its #! line
      for (const assignment of ['PROMPT_COMMAND=("$X")', 'PROMPT_COMMAND+=(true "$X")', 'declare -a PROMPT_COMMAND[1]="$X"']) {
        expect([assignment, run(`${assignment}\nbash -i < cmds.txt\n`)]).toEqual([assignment, [ranAsCode(assignment, PROMPT)]]);
      }
      const PS = (name: string, when: string, by: string) => `it sets ${name}, which an interactive shell expands as its prompt ${when}, running the command substitutions in it, as ${by} does`;
      expect(run('export PS1="$X"\nbash -i < cmds.txt\n')).toEqual([ranAsCode('export PS1="$X"', PS('PS1', 'before it reads each command', '`bash -i < cmds.txt`'))]);
      expect(run('PS0="$X"\nbash -i < cmds.txt\n')).toEqual([ranAsCode('PS0="$X"', PS('PS0', 'after it reads each command', '`bash -i < cmds.txt`'))]);
      expect(run('export PS2="$X"\nsh -i build.sh\n')).toEqual([ranAsCode('export PS2="$X"', PS('PS2', 'for each continued line', '`sh -i build.sh`'))]);
      expect(run('#!/bin/sh -i\nPS1="$X"\necho a\n'))
        .toEqual([ranAsCode('PS1="$X"', PS('PS1', 'before it reads each command', 'the script\'s own shell (#!/bin/sh -i)'))]);
      expect(run('#!/bin/sh -i\necho a\n', [{ name: 'PS1', value: '$(params.x)' }])).toEqual([{
        ...ranAsCode('#!/bin/sh -i', 'the script\'s own shell is interactive by its #! line (#!/bin/sh -i), and expands PS1 as its prompt, running the command substitutions in it', 'PS1'),
        fix: 'Start the script with a #! line that runs no interactive shell (#!/bin/sh, without -i), or give PS1 no caller\'s value: an interactive shell expands its prompt as code.',
      }]);
      // through env -S, which splits the line into arguments (GNU coreutils 9.1 env.c): every option group is read
      expect(run('#!/usr/bin/env -S sh -e -i\necho a\n', [{ name: 'PS2', value: '$(params.x)' }])).toEqual([{
        ...ranAsCode('#!/usr/bin/env -S sh -e -i', 'the script\'s own shell is interactive by its #! line (#!/usr/bin/env -S sh -e -i), and expands PS2 as its prompt, running the command substitutions in it', 'PS2'),
        fix: 'Start the script with a #! line that runs no interactive shell (#!/usr/bin/env -S sh -e, without -i), or give PS2 no caller\'s value: an interactive shell expands its prompt as code.',
      }]);
      // bash reads a script file without prompting (bash -i build.sh, #!/bin/bash -i), nor the code of -c; PS0 is bash's alone
      for (const script of ['export PS1="$X"\nbash -i build.sh', 'export PROMPT_COMMAND="$X"\nbash -i build.sh', '#!/bin/bash -i\nPS1="$X"\necho a',
        '#!/bin/bash -i\nPROMPT_COMMAND="$X"\necho a', 'PS1="$X"\nbash -ic true', 'PS1="$X"\nsh -ic true', '#!/bin/sh\nPS1="$X"']) {
        expect([script, run(`${script}\n`)]).toEqual([script, []]);
      }
      // (`sh` may be bash, which expands PS0 as sh too: bash 5.2.15 run as sh, `PS0='$(touch f)' sh -i < cmds.txt`, touches f)
      expect(run('PS0="$X"\nsh -i < cmds.txt\n').map((f) => f.problem)).toEqual(['runs as code the value of env var X, which holds $(params.x): it sets PS0, '
        + 'which an interactive shell expands as its prompt after it reads each command, running the command substitutions in it, as `sh -i < cmds.txt` does']);
      expect(run('#!/bin/bash -i\necho a\n', [{ name: 'PS1', value: '$(params.x)' }])).toEqual([]);
      // a bare subscripted assignment is an assignment (bash 5.2), never the command's name: PROMPT_COMMAND's element runs, an
      // element copied is followed, a subscript is arithmetic
      expect(run('PROMPT_COMMAND[1]="$X"\nbash -i < cmds.txt\n')).toEqual([ranAsCode('PROMPT_COMMAND[1]="$X"', PROMPT)]);
      for (const script of ['a[0]="$X"', 'a[0]="$X" make', 'a[1]="$X" b[2]=1']) expect([script, run(`#!/bin/bash\n${script}\n`)]).toEqual([script, []]);
      expect(run('#!/bin/bash\nb[0]="$X"\neval "${b[0]}"\n')).toEqual([ranAsCode('eval "${b[0]}"', 'eval runs its words as code', 'X', '$(params.x)', 'b')]);
      expect(run('#!/bin/bash\na[$X]=1\n')).toEqual([ranAsCode('a[$X]=1', 'bash evaluates it as arithmetic, which runs the command substitutions of an array subscript in the value')]);
      // `((` whose first parenthesis does not close right before another is a subshell in a subshell (bash 5.2 parse.y
      // parse_arith_cmd): `((eval "$X") )` runs eval; `((1 + (X) ))` is arithmetic
      expect(run('#!/bin/bash\n((eval "$X") )\n')).toEqual([ranAsCode('eval "$X"', 'eval runs its words as code')]);
      expect(run('#!/bin/bash\n((1 + (X) ))\n'))
        .toEqual([ranAsCode('((1 + (X) ))', 'bash evaluates it as arithmetic, which runs the command substitutions of an array subscript in the value')]);
      // complete -C: the command an interactive bash runs to list completions when its input holds a tab (bash 5.2 pcomplete.c)
      expect(run('complete -C "$X" deploy\n')).toEqual([
        ranAsCode('complete -C "$X" deploy', 'complete -C makes it the command that lists completions, which bash runs in an interactive shell whose input holds a tab'),
      ]);
      // ext:: URLs the script's git configuration allows, wherever it sets it
      expect(run('git config --global protocol.ext.allow always\ngit clone -- "$X" src\n')).toEqual([{
        ...ranAsCode('git clone -- "$X" src', 'git clone runs the command of an ext:: URL, which the script\'s git configuration allows'), fix: EXT,
      }]);
      expect(run('git config --global protocol.ext.allow never\ngit clone -- "$X" src\n')).toEqual([]);
      // a startup file a login or interactive shell sources
      expect(run('echo "$X" >> ~/.profile\nbash -lc "make build"\n'))
        .toEqual([ranAsCode('bash -lc "make build"', 'bash as a login shell sources ~/.profile at start, which `echo "$X" >> ~/.profile` writes it to')]);
      expect(run('printf \'%s\\n\' "$X" >> "$HOME/.bashrc"\nbash -i -c true\n'))
        .toEqual([ranAsCode('bash -i -c true', 'bash -i sources $HOME/.bashrc at start, which `printf \'%s\\n\' "$X" >> "$HOME/.bashrc"` writes it to')]);
      // `+l` too (bash 5.2, dash 0.5.12 and busybox 1.36 ash read `l` whatever its sign), and busybox's shell applet
      for (const shell of ['dash +l -c true', 'busybox sh -l -c true', 'busybox ash +el -c true']) {
        expect([shell, run(`echo "$X" >> ~/.profile\n${shell}\n`)]).toEqual([shell,
          [ranAsCode(shell, `${shell.startsWith('busybox') ? shell.split(' ')[1] : 'dash'} as a login shell sources ~/.profile at start, which \`echo "$X" >> ~/.profile\` writes it to`)]]);
      }
      for (const script of ['echo "$X" >> ~/.bashrc\nbash -c true', 'echo "$X" >> ~/.profile\nbash build.sh -l', 'echo "$X" >> ~/.profile\nbusybox sh -c true -l']) {
        expect([script, run(`${script}\n`)]).toEqual([script, []]);
      }
      // an env var git --config-env reads as the value of a key that runs code, set before the command or exported
      expect(run('SSHCMD="$X" git --config-env=core.sshCommand=SSHCMD fetch\n')).toEqual([{
        ...ranAsCode('SSHCMD="$X" git --config-env=core.sshCommand=SSHCMD fetch', 'it sets SSHCMD, which git --config-env reads as the value of core.sshCommand, which git runs as code'), fix: OPTION,
      }]);
      expect(run('export P="$X"\ngit --config-env Core.Pager=P log\n'))
        .toEqual([{ ...ranAsCode('export P="$X"', 'it sets P, which git --config-env reads as the value of Core.Pager, which git runs as code'), fix: OPTION }]);
      for (const script of ['N="$X" git --config-env=user.name=N commit -m x', 'P="$X" git log --config-env=core.pager=P']) expect([script, run(`${script}\n`)]).toEqual([script, []]);
      // a file git reads as its configuration, written from it: its own, or one GIT_CONFIG_GLOBAL or include.path names
      const GITCONFIG = (path: string, writer: string) => `git reads the file ${path} as its configuration, whose keys run commands (core.sshCommand, alias.*), and \`${writer}\` writes it to that file`;
      expect(run('echo "$X" >> ~/.gitconfig\ngit fetch origin -- main\n'))
        .toEqual([{ ...ranAsCode('git fetch origin -- main', GITCONFIG('~/.gitconfig', 'echo "$X" >> ~/.gitconfig')), fix: OPTION }]);
      expect(run('printf \'[core]\\n\\tsshCommand = %s\\n\' "$X" > "$HOME/.config/git/config"\ngit fetch origin -- main\n'))
        .toEqual([{ ...ranAsCode('git fetch origin -- main', GITCONFIG('$HOME/.config/git/config', 'printf \'[core]\\n\\tsshCommand = %s\\n\' "$X" > "$HOME/.config/git/config"')), fix: OPTION }]);
      expect(run('echo "$X" > /tmp/cfg\nGIT_CONFIG_GLOBAL=/tmp/cfg git fetch origin -- main\n'))
        .toEqual([{ ...ranAsCode('GIT_CONFIG_GLOBAL=/tmp/cfg git fetch origin -- main', GITCONFIG('/tmp/cfg', 'echo "$X" > /tmp/cfg')), fix: OPTION }]);
      // a value that chooses git's configuration file, or ssh's (-F); written after the git command in the text but run before it
      expect(run('GIT_CONFIG_GLOBAL="$X" git fetch origin -- main\n')).toEqual([ranAsCode('GIT_CONFIG_GLOBAL="$X" git fetch origin -- main',
        'it sets GIT_CONFIG_GLOBAL, which git reads configuration, hooks or programs from (core.sshCommand, aliases and hooks run commands)')]);
      expect(run('export GIT_CONFIG_SYSTEM="$X"\n')).toEqual([ranAsCode('export GIT_CONFIG_SYSTEM="$X"',
        'it sets GIT_CONFIG_SYSTEM, which git reads configuration, hooks or programs from (core.sshCommand, aliases and hooks run commands)')]);
      const SSH_F = (name: string) => `${name} reads the file it names as its configuration (-F), so the value chooses one whose ProxyCommand, LocalCommand or Match exec runs a command`;
      expect(run('ssh -F "$X" host true\n')).toEqual([{ ...ranAsCode('ssh -F "$X" host true', SSH_F('ssh')), fix: OPTION }]);
      expect(run('scp -qF "cfg/$X" a host:b\n')).toEqual([{ ...ranAsCode('scp -qF "cfg/$X" a host:b', SSH_F('scp')), fix: OPTION }]);
      for (const script of ['f() { echo "$X" > ~/.gitconfig; }\ngit fetch origin -- main\nf', 'for i in 1 2; do git fetch origin -- main; echo "$X" > ~/.gitconfig; done']) {
        expect([script, run(`${script}\n`)]).toEqual([script, [{ ...ranAsCode('git fetch origin -- main', GITCONFIG('~/.gitconfig', 'echo "$X" > ~/.gitconfig')), fix: OPTION }]]);
      }
      // git's and ssh's options through an array a word expands whole, every assignment's elements in text order
      expect(run('opts=(-c "core.sshCommand=$X")\ngit "${opts[@]}" fetch\n'))
        .toEqual([{ ...ranAsCode('git "${opts[@]}" fetch', 'it is the value of git -c core.sshCommand, which git runs as code'), fix: OPTION }]);
      expect(run('opts=(--depth 1)\nopts+=(-o "ProxyCommand=$X")\nssh "${opts[@]}" host true\n'))
        .toEqual([{ ...ranAsCode('ssh "${opts[@]}" host true', 'it is the value of ssh\'s ProxyCommand option, which runs it as a command'), fix: OPTION }]);
      for (const script of ['opts=(-c "user.name=$X")\ngit "${opts[@]}" commit -m x', 'CMD=(tool "$X")\n"${CMD[@]}"', 'opts=(-c "core.sshCommand=$X")\ngit fetch "${other[@]}"']) {
        expect([script, run(`${script}\n`)]).toEqual([script, []]);
      }
      // (reported at the first git command that reads it)
      expect(run('echo "$X" > /tmp/inc\ngit config --global include.path /tmp/inc\ngit status\n'))
        .toEqual([{ ...ranAsCode('git config --global include.path /tmp/inc', GITCONFIG('/tmp/inc', 'echo "$X" > /tmp/inc')), fix: OPTION }]);
      expect(run('echo "$X" > /tmp/inc\ngit -c include.path=/tmp/inc status\n'))
        .toEqual([{ ...ranAsCode('git -c include.path=/tmp/inc status', GITCONFIG('/tmp/inc', 'echo "$X" > /tmp/inc')), fix: OPTION }]);
      for (const script of ['echo "$X" > /tmp/cfg\ngit fetch origin -- main', 'echo "$X" > ~/.gitconfig\ncat ~/.gitconfig']) expect([script, run(`${script}\n`)]).toEqual([script, []]);
      // a file ssh reads as its configuration, written from it: its own, or the one -F names (or a process substitution there)
      const SSHCONFIG = (reader: string, path: string, writer: string) => `${reader} the file ${path} as its configuration, whose ProxyCommand, LocalCommand and Match exec run commands, and \`${writer}\` writes it to that file`;
      expect(run('printf \'Host *\\n  ProxyCommand %s\\n\' "$X" >> ~/.ssh/config\nscp a.txt host:b.txt\n')).toEqual([{
        ...ranAsCode('scp a.txt host:b.txt', SSHCONFIG('scp reads', '~/.ssh/config', 'printf \'Host *\\n  ProxyCommand %s\\n\' "$X" >> ~/.ssh/config')), fix: OPTION,
      }]);
      expect(run('echo "$X" >> ~/.ssh/config\ngit fetch origin -- main\n')).toEqual([{
        ...ranAsCode('git fetch origin -- main', SSHCONFIG('git runs ssh for a remote over ssh, which reads', '~/.ssh/config', 'echo "$X" >> ~/.ssh/config')), fix: OPTION,
      }]);
      expect(run('echo "$X" > /tmp/ssh.conf\nssh -F /tmp/ssh.conf host true\n'))
        .toEqual([{ ...ranAsCode('ssh -F /tmp/ssh.conf host true', SSHCONFIG('ssh reads', '/tmp/ssh.conf', 'echo "$X" > /tmp/ssh.conf')), fix: OPTION }]);
      expect(run('ssh -F <(echo "$X") host true\n')).toEqual([{
        ...ranAsCode('ssh -F <(echo "$X") host true', 'ssh reads its output as its configuration file (-F), whose ProxyCommand, LocalCommand and Match exec run commands'), fix: OPTION,
      }]);
      for (const script of ['echo "$X" > /tmp/ssh.conf\nssh host true', 'echo "$X" >> ~/.ssh/known_hosts\nssh host true']) expect([script, run(`${script}\n`)]).toEqual([script, []]);
      // sftp's commands, read from its input or the file of -b, whose `!command` runs in a local shell
      expect(run('sftp deploy@host <<< "put $X"\n')).toEqual([ranAsCode('sftp deploy@host <<< "put $X"', 'sftp reads it as code from its input')]);
      expect(run('echo "get $X" | sftp -b - deploy@host\n')).toEqual([ranAsCode('echo "get $X" | sftp -b - deploy@host', 'sftp reads it as code from what echo pipes to it')]);
      expect(run('echo "put $X" > /tmp/batch\nsftp -b /tmp/batch deploy@host\n'))
        .toEqual([ranAsCode('sftp -b /tmp/batch deploy@host', 'sftp runs the file /tmp/batch, which `echo "put $X" > /tmp/batch` writes it to')]);
      for (const script of ['sftp -b batch.txt deploy@host <<< "$X"', 'echo put f | sftp deploy@host']) expect([script, run(`${script}\n`)]).toEqual([script, []]);
      // the options tar and make read from the environment
      expect(run('TAR_OPTIONS="$X" tar -xf a.tar\n'))
        .toEqual([ranAsCode('TAR_OPTIONS="$X" tar -xf a.tar', 'it sets TAR_OPTIONS, which tar reads as options (--checkpoint-action=exec runs a command)')]);
      expect(run('export MAKEFLAGS="-j$X"\nmake build\n'))
        .toEqual([ranAsCode('export MAKEFLAGS="-j$X"', 'it sets MAKEFLAGS, which make reads as options and variable assignments (SHELL, and commands it runs)')]);
      // an env wrapper's assignment, as the shell's
      expect(run('env GIT_SSH_COMMAND="$X" git fetch\n')).toEqual([ranAsCode('env GIT_SSH_COMMAND="$X" git fetch', 'env sets GIT_SSH_COMMAND, which git runs as a command')]);
      expect(run('timeout 60 env -i S="$X" git --config-env=core.sshCommand=S fetch\n')).toEqual([{
        ...ranAsCode('timeout 60 env -i S="$X" git --config-env=core.sshCommand=S fetch', 'env sets S, which git --config-env reads as the value of core.sshCommand, which git runs as code'), fix: OPTION,
      }]);
      for (const script of ['env GIT_AUTHOR_NAME="$X" git commit -m x', 'env S="$X" git fetch']) expect([script, run(`${script}\n`)]).toEqual([script, []]);
      // sudo's own NAME=VALUE arguments set the command's env (sudo 1.9, where its policy lets them: read as set), as env's do
      expect(run('sudo GIT_SSH_COMMAND="$X" git fetch\n')).toEqual([ranAsCode('sudo GIT_SSH_COMMAND="$X" git fetch', 'sudo sets GIT_SSH_COMMAND, which git runs as a command')]);
      expect(run('sudo -u builder BASH_ENV="$X" bash build.sh\n')).toEqual([ranAsCode('sudo -u builder BASH_ENV="$X" bash build.sh',
        'sudo sets BASH_ENV, which bash sources as a script (the file it names) before a non-interactive script')]);
      for (const script of ['sudo A="$X" git fetch', 'sudo GIT_SSH_COMMAND=ssh git fetch']) expect([script, run(`${script}\n`)]).toEqual([script, []]);
      // git config set from it before a later git command: reported where it is set
      expect(run('git config --global core.sshCommand "$X"\ngit fetch\n'))
        .toEqual([{ ...ranAsCode('git config --global core.sshCommand "$X"', 'it is the value git config sets for core.sshCommand, which git runs as code'), fix: OPTION }]);
    });

    test('compliant: data to those programs: an operand after --, a key that runs nothing, an option value that is data, ext:: by default', () => {
      for (const script of [
        'git clone -- "$X" src', 'git fetch origin -- "$X"', 'git clone --branch "$X" --depth 1 -- https://example.com/r.git src', 'git -c user.name="$X" commit -m x',
        'git config user.email "$X"', 'git config --get core.sshCommand "$X"', 'git add -u "$X"', 'git checkout "$X"', 'git log --format="$X"', 'ssh -o User="$X" host true',
        'ssh -o "ConnectTimeout=$X" host true', 'rsync -avz -- "$X" host:dst/', 'tar -xf "$X"', 'tar -xvf "$X"', 'tar xf "$X"', 'git clone -qb "$X" -- https://example.com/r.git src', 'ssh -p22 -o User="$X" host true', 'make -f "$X" all', 'make -C "$X" all', 'make build',
        'wget -O out -- "$X"', 'curl -K "$X" https://example.com', 'sed -e s/a/b/ "$X"', 'find . -exec echo "$X" {} \\;', '"$SHELL" -c \'echo "$1"\' _ "$X"',
      ]) {
        expect([script, run(`${script}\n`)]).toEqual([script, []]);
      }
    });

    test('a program a variable provably holds as one literal (CMD=git; $CMD …) is that program; any other is read as a shell may be', () => {
      // every word naming it assigns the same literal, one of them unconditionally in the top level before the command
      for (const script of ['CMD=git\n$CMD -c "user.name=$X" commit -m x', 'export CMD=curl\n${CMD} -c "$X" https://example.com',
        'PYTHON=python3\n"$PYTHON" -c \'print(1)\' "$X"', 'CMD=curl\nf() { "$CMD" -c "$X" https://example.com; }\nf']) {
        expect([script, run(`${script}\n`)]).toEqual([script, []]);
      }
      expect(run('PYTHON=python3\n"$PYTHON" -c "$X"\n')).toEqual([ranAsCode('"$PYTHON" -c "$X"', 'it is the code of python3 -c')]);
      const OPTION = 'Write the option or configuration literally in the script (never from a caller\'s value), and pass "$X" to the program only as data (an operand after --).';
      expect(run('CMD=git\n$CMD -c "core.sshCommand=$X" fetch\n'))
        .toEqual([{ ...ranAsCode('$CMD -c "core.sshCommand=$X" fetch', 'it is the value of git -c core.sshCommand, which git runs as code'), fix: OPTION }]);
      expect(run('CMD=eval\n$CMD "$X"\n')).toEqual([ranAsCode('$CMD "$X"', 'eval runs its words as code')]);
      // not provably one literal: read, assigned in a branch or after, two values, a file sourced, IFS set, a caller's value
      const SHELL = (line: string) => ranAsCode(line, 'it is the code of $CMD -c, which a shell there runs as code');
      for (const script of ['CMD=curl\nread CMD', 'if a; then CMD=curl; fi', 'CMD=curl\nCMD=sh', 'CMD=curl\nsource ./env.sh', 'CMD=curl\nIFS=,',
        'CMD=curl\n(CMD=sh)', 'CMD=curl\ndeclare -n R=CMD', 'CMD=curl\n: "${CMD:=sh}"']) {
        expect([script, run(`${script}\n$CMD -c "$X"\n`)]).toEqual([script, [SHELL('$CMD -c "$X"')]]);
      }
      expect(run('$CMD -c "$X"\nCMD=curl\n')).toEqual([SHELL('$CMD -c "$X"')]);
      expect(run('CMD="$X"\n$CMD -c true\n')).toEqual([ranAsCode('$CMD -c true', 'it chooses the program the command runs', 'X', '$(params.x)', 'CMD')]);
      // in the code of a shell the script starts, the literal only where exported to it (`CMD=sh; sh -c '$CMD -c "$X"'` runs `-c`,
      // not found, in dash 0.5.12 and bash 5.2; exported, sh): else the environment's CMD, which may be a shell
      expect(run('export CMD=git\nsh -c \'$CMD -c core.sshCommand="$X" fetch\'\n')).toEqual([{
        ...ranAsCode('$CMD -c core.sshCommand="$X" fetch', 'it is the value of git -c core.sshCommand, which git runs as code'), fix: OPTION,
      }]);
      for (const script of ['export CMD=curl\nsh -c \'"$CMD" -c "$X" https://example.com\'', 'export CMD=curl\nbash <<\'EOF\'\n$CMD -c "$X" x\nEOF']) {
        expect([script, run(`${script}\n`)]).toEqual([script, []]);
      }
      for (const script of ['CMD=curl\nsh -c \'"$CMD" -c "$X" https://example.com\'', 'export CMD=curl\nsudo sh -c \'"$CMD" -c "$X" https://example.com\'',
        'sh -c \'"$CMD" -c "$X" https://example.com\'\nexport CMD=curl']) {
        expect([script, run(`${script}\n`)]).toEqual([script, [SHELL('"$CMD" -c "$X" https://example.com')]]);
      }
    });

    test('compliant: the value as data to those: awk\'s variable, sed --sandbox, a quoted heredoc, a number the script checked, a count', () => {
      for (const script of [
        'awk -v ref="$X" \'{ print ref }\' f', 'sed --sandbox "s/a/$X/" f', "python3 <<'EOF'\nimport os; print(os.environ['X'])\nEOF", 'echo "$X" > out.txt\ncat out.txt',
        'if ! [[ "$X" =~ ^[0-9]+$ ]]; then exit 1; fi\nfor ((i = 0; i < X; i++)); do :; done', 'N=$(jq length <<< "$X")\n(( N > 0 ))', 'read -r a b <<< "$X"\necho "$a" "$b"',
        'f() { git fetch -- "$1"; }\nf "$X"', '[[ "$X" == main ]]',
      ]) {
        expect([script, run(`#!/bin/bash\n${script}\n`)]).toEqual([script, []]);
      }
    });

    test('a number the script checked: failing the digits test exits or gives a literal number, before the arithmetic, in the top level', () => {
      for (const script of [
        // Konflux clamav-scan 0.2 and oci-copy 0.2
        'if ! [[ "$X" =~ ^[0-9]+$ ]]; then\n  echo "not a number, using 1"\n  X=1\nfi\nif [ "$X" -gt 8 ]; then X="$MAX"; fi\necho $((X * 2))',
        'if ! [[ "$X" =~ ^[1-9][0-9]*$ ]]; then\n  echo "not a positive integer" >&2\n  exit 1\nfi\nseq 1 $((X))',
        '[[ "$X" =~ ^[0-9]+$ ]] || exit 1\necho $((X))', '[[ $X =~ ^[0-9]+$ ]] || { echo "not a number" >&2; exit 2; }\n(( X > 0 ))',
        // failing gives it a literal number
        '[[ "$X" =~ ^[0-9]+$ ]] || X=1\necho $((X))', '[[ $X =~ ^[0-9]+$ ]] || { echo "not a number, using 1" >&2; X=1; }\n(( X > 0 ))',
        // bash inverts the status again for each `!`; an exit whose output goes to /dev/null
        '! ! [[ $X =~ ^[0-9]+$ ]] || exit 1\necho $((X))', '[[ $X =~ ^[0-9]+$ ]] || exit 1 2>/dev/null\necho $((X))',
      ]) {
        expect([script, run(`#!/bin/bash\n${script}\n`)]).toEqual([script, []]);
      }
      const arithmetic = 'bash evaluates it as arithmetic, which runs the command substitutions of an array subscript in the value';
      for (const [script, line, through] of [
        // the test fails and the script goes on with the value
        ['[[ $X =~ ^[0-9]+$ ]] || true; echo $((X))', 'echo $((X))'],
        // an exit bash runs in the background, a coprocess or a pipe, or whose redirection may fail (bash 5.2 goes on), or a test `! !` inverts twice
        ['[[ $X =~ ^[0-9]+$ ]] || exit 1 &\necho $((X))', 'echo $((X))'],
        ['[[ $X =~ ^[0-9]+$ ]] || coproc exit 1\necho $((X))', 'echo $((X))'],
        ['[[ $X =~ ^[0-9]+$ ]] || { echo "not a number"; exit 1; } &\necho $((X))', 'echo $((X))'],
        ['if ! [[ $X =~ ^[0-9]+$ ]]; then exit 1; fi | cat\necho $((X))', 'echo $((X))'],
        ['if ! [[ $X =~ ^[0-9]+$ ]]; then coproc exit 1; fi\necho $((X))', 'echo $((X))'],
        ['[[ $X =~ ^[0-9]+$ ]] || exit 1 2>/var/log/ci/err\necho $((X))', 'echo $((X))'],
        ['if ! ! [[ $X =~ ^[0-9]+$ ]]; then exit 1; fi\necho $((X))', 'echo $((X))'],
        ['if [[ $X =~ ^[0-9]+$ ]]; then echo ok; fi; echo $((X))', 'echo $((X))'],
        ['if ! [[ $X =~ ^[0-9]+$ ]]; then echo "not a number"; fi\necho $((X))', 'echo $((X))'],
        ['[[ $X =~ ^[0-9]+$ ]] || ( echo "not a number"; exit 1 )\necho $((X))', 'echo $((X))'],
        ['if ! [[ $X =~ ^[0-9]+$ ]]; then return 1; fi\necho $((X))', 'echo $((X))'],
        // the arithmetic before the test, the test in a function or a loop that may not run, the value given again after it
        ['echo $((X))\n[[ $X =~ ^[0-9]+$ ]] || exit 1', 'echo $((X))'],
        ['check() { [[ $X =~ ^[0-9]+$ ]] || exit 1; }\necho $((X))', 'echo $((X))'],
        ['for f in a; do [[ $X =~ ^[0-9]+$ ]] || exit 1; done\necho $((X))', 'echo $((X))'],
        ['N=1\n[[ $N =~ ^[0-9]+$ ]] || exit 1\nN="$X"\necho $((N))', 'echo $((N))', 'N'],
        // printf -v and a nameref assign it too
        ['N=1\n[[ $N =~ ^[0-9]+$ ]] || exit 1\nprintf -v N \'%s\' "$X"\necho $((N))', 'echo $((N))', 'N'],
        ['N=1\ndeclare -n R=N\n[[ $N =~ ^[0-9]+$ ]] || exit 1\nR="$X"\necho $((N))', 'echo $((N))', 'N'],
        ['N=1\n[[ $N =~ ^[0-9]+$ ]] || exit 1\ndeclare -n R=N\nread -r R <<< "$X"\necho $((N))', 'echo $((N))', 'N'],
        // failing gives it a word, or a number in a subshell
        ['[[ $X =~ ^[0-9]+$ ]] || X=none\necho $((X))', 'echo $((X))'],
        ['[[ $X =~ ^[0-9]+$ ]] || X=1 | cat\necho $((X))', 'echo $((X))'],
        ['[[ $X =~ ^[0-9]+$ ]] || { false && X=1; }\necho $((X))', 'echo $((X))'],
      ]) {
        expect([script, run(`#!/bin/bash\n${script}\n`)]).toEqual([script, [ranAsCode(line, arithmetic, 'X', '$(params.x)', through)]]);
      }
    });

    test('a count: a variable holds numbers only from commands that print them from any input (wc -l, jq length), not from those that copy it', () => {
      for (const script of [
        'N=$(echo "$X" | wc -l)\n(( N > 0 ))', 'N=$(wc -c <<< "$X")\necho $((N))', 'N=$(echo "$X" | jq \'.items | length\' || echo 0)\necho $((N))',
        'N=$(printf "%s" "$X" | jq -r "[.manifests[] | select(.os == \\"$OS\\")] | length")\necho $((N))', 'N=$(yq eval \'.a | length\' <<< "$X")\necho $((N))',
        'N=$(echo "$X" | jq \'length // 0\')\necho $((N - 1))', 'H=$(date -d "$X" +%H 2>/dev/null || echo 00)\necho $((10#$H * 60))',
        'S=$(date -u --date "$X" +%s)\necho $((S + 1))',
      ]) {
        expect([script, run(`#!/bin/bash\n${script}\n`)]).toEqual([script, []]);
      }
      const arithmetic = 'bash evaluates it as arithmetic, which runs the command substitutions of an array subscript in the value';
      for (const script of [
        'N=$(echo "$X")', 'N=$(printf %s "$X")', 'N=$(cat <<< "$X")', 'N=$(echo "$X" | tr -d " ")', 'N=$(echo "$X" | sed s/a/b/)',
        'N=$(echo "$X" | head -n1)', 'N=$(echo "$X" | cut -d, -f1)', 'N=$(echo "$X" | jq -r .x)', 'N=$(wc -l "$X")', 'N=$(jq "$X | length" f)',
        'N=$(echo "$X" | jq \'try .x catch . | length\')', 'N=$(grep -c "$X" f)', 'N=$(wc -l <<< "$X")\nN=$X', 'C=$(wc -l <<< "$X")\nN="$C$X"',
        'N=$(echo "$X" | jq \'length // .x\')', 'N=$(date -d "$X" +%B)', 'N=$(date -d "$X" "+%H $X")', 'N=$(date -d "$X")', 'N=$(date +%H -f "$X")',
      ]) {
        expect([script, run(`#!/bin/bash\n${script}\necho $((N))\n`)]).toEqual([script, [ranAsCode('echo $((N))', arithmetic, 'X', '$(params.x)', 'N')]]);
      }
    });

    test('a count written in the arithmetic: what a command substitution there prints is evaluated, not its code', () => {
      // wc prints a count whatever it reads: the operand of -gt is that count
      for (const script of [
        '[[ $(echo "$X" | wc -w) -gt 1 ]] && echo many', 'N=$(echo "$X")\n[[ $(echo "$N" | wc -w) -gt 1 ]] && echo many',
        'echo $(( $(wc -l <<< "$X") + 1 ))', 'echo "${A[$(echo "$X" | wc -l)]}"',
        // an arithmetic command runs no program: a count in it is no finding, however it is spelled
        'N=$(echo "$X" | wc -l)\n(( $N > 1 )) && echo many', '(($(echo "$X" | wc -l) > 1)) && echo many',
        'N=$(echo "$X" | wc -l)\nif (( $N > 1 )); then echo many; fi',
      ]) {
        expect([script, run(`#!/bin/bash\n${script}\n`)]).toEqual([script, []]);
      }
      const arithmetic = 'bash evaluates it as arithmetic, which runs the command substitutions of an array subscript in the value';
      // a command substitution that copies the value puts it in the arithmetic, beside a count or alone
      for (const [script, through] of [
        ['[[ $(echo "$X") -gt 1 ]]'], ['echo $(( $(cat <<< "$X") + 1 ))'], ['[[ $(echo "$X" | wc -l) -gt $(echo "$X") ]]'],
        ['N=$(echo "$X")\n[[ $(echo "$N" | head -n1) -gt 1 ]]', 'N'],
        ['N=$X\n(( $N > 1 ))', 'N'], ['(( $X > 1 ))'],
      ]) {
        const line = script.split('\n').pop()!;
        expect([script, run(`#!/bin/bash\n${script}\n`)]).toEqual([script, [ranAsCode(line, arithmetic, 'X', '$(params.x)', through)]]);
      }
    });

    test('not read: a script in another language (its #! names python, node …), and a Windows script', () => {
      expect(run('#!/usr/bin/env python3\nimport os\nexec(os.environ["X"])\n')).toEqual([]);
      expect(run('#!/usr/bin/env node\neval(process.env.X)\n')).toEqual([]);
      expect(run('#!win powershell.exe -Command\nInvoke-Expression $env:X\n')).toEqual([]);
      // a shell named through env in the #! line is read
      expect(run('#!/usr/bin/env bash\neval "$X"\n')).toEqual([ranAsCode('eval "$X"', 'eval runs its words as code')]);
    });

    test('the code of sh -c in command and args is read as a script is', () => {
      const summary = (command: string[], args: string[] = []) => SCRIPT_INJECTION.check(task({
        params: [{ name: 'x' }], steps: [hardenedContainer('s', { script: undefined, command, args, env: [{ name: 'X', value: '$(params.x)' }] })],
      })).map((f) => [f.property, f.value, f.problem]);
      expect(summary(['sh', '-c', 'set -e; eval "$X"'])).toEqual([['command[2]', 'eval "$X"', 'runs as code the value of env var X, which holds $(params.x): eval runs its words as code']]);
      expect(summary(['bash'], ['-ec', 'python3 -c "$X"'])).toEqual([['args[1]', 'python3 -c "$X"', 'runs as code the value of env var X, which holds $(params.x): it is the code of python3 -c']]);
      expect(summary(['sh', '-c', 'echo "$X"'])).toEqual([]);
      expect(summary(['sh', '-c', 'git clone -- "$X" src'])).toEqual([]);
    });

    test('a StepAction\'s script is read with its own env', () => {
      const action = {
        apiVersion: 'tekton.dev/v1beta1',
        kind: 'StepAction',
        metadata: { name: 'runner' },
        spec: { image: 'x', params: [{ name: 'code' }], env: [{ name: 'CODE', value: '$(params.code)' }], script: '#!/bin/sh\nsh -c "$CODE"\n' },
      };
      expect(SCRIPT_INJECTION.check(action).map((f) => [f.location, f.value, f.problem])).toEqual([[
        "stepAction 'runner'", 'sh -c "$CODE"', 'runs as code the value of env var CODE, which holds $(params.code): it is the code of sh -c',
      ]]);
    });
  });
});

describe('SCRIPT_INJECTION: interactive shells and ext:: allowance however written', () => {
  /** The findings of a step `s` whose env gives X a param's value and whose script is `script` (bash). */
  const run = (script: string) => SCRIPT_INJECTION.check(task({
    params: [{ name: 'x' }], steps: [hardenedContainer('s', { script: `#!/bin/bash\n${script}\n`, env: [{ name: 'X', value: '$(params.x)' }] })],
  })).map((f) => [f.value, f.problem, f.fix]);
  const problem = (how: string) => `runs as code the value of env var X, which holds $(params.x): ${how}`;
  const DATA = 'Pass "$X" as data, never as code: as a quoted argument of a fixed command, or to a shell as a positional parameter (sh -c \'tool "$1"\' _ "$X").';
  const EXT = 'Remove the configuration that allows the ext protocol (the -c, --config-env or git config of protocol.ext.allow or protocol.allow, a file of git configuration '
    + 'that sets them, GIT_ALLOW_PROTOCOL naming ext; git runs no ext:: URL by default), and pass "$X" as the URL after --.';

  test('an interactive shell\'s options read past the values of -o, -O, --rcfile (bash 5.2 runs PROMPT_COMMAND, dash sources ENV), bash in posix mode, a shell a variable names, env\'s', () => {
    const PROMPT = (shell: string) => problem(`it sets PROMPT_COMMAND, which an interactive bash runs as a command before each prompt, as \`${shell}\` does`);
    const ENV = (shell: string) => problem(`it sets ENV, which an interactive shell sources as a script (the file it names, after parameter expansion), as \`${shell}\` does`);
    for (const shell of ['bash -O extglob -i < cmds.txt', 'bash -o vi -i < cmds.txt', 'bash --rcfile /dev/null -i < cmds.txt', '"$BASH" -i < cmds.txt', '${B:-bash} -i < cmds.txt', 'env -S \'bash -i\' < cmds.txt', 'sh -i < cmds.txt', 'chroot / bash -i < cmds.txt', 'runuser -u b -- bash -i < cmds.txt']) {
      expect([shell, run(`export PROMPT_COMMAND="$X"\n${shell}`)]).toEqual([shell, [['export PROMPT_COMMAND="$X"', PROMPT(shell), DATA]]]);
    }
    // bash reads `-norc`, `-rcfile FILE`, `-posix` (one dash) as its long options (shell.c parse_long_options)
    for (const shell of ['bash -norc -i < cmds.txt', 'bash -rcfile /dev/null -i < cmds.txt']) {
      expect([shell, run(`export PROMPT_COMMAND="$X"\n${shell}`)]).toEqual([shell, [['export PROMPT_COMMAND="$X"', PROMPT(shell), DATA]]]);
    }
    for (const shell of ['sh -o vi -i < cmds.txt', 'sh +o vi -i < cmds.txt', 'bash --posix -i < cmds.txt', 'bash -o posix -i < cmds.txt', '$SHELL -i < cmds.txt', 'bash -posix -i -c true']) {
      expect([shell, run(`export ENV="$X"\n${shell}`)]).toEqual([shell, [['export ENV="$X"', ENV(shell), DATA]]]);
    }
    // POSIXLY_CORRECT in its environment puts bash in posix mode; env's assignment, as the shell's
    expect(run('export ENV="$X" POSIXLY_CORRECT=1\nbash -i < cmds.txt')).toEqual([['export ENV="$X" POSIXLY_CORRECT=1', ENV('bash -i < cmds.txt'), DATA]]);
    expect(run('export ENV="$X" POSIX_PEDANTIC=\nbash -ic true')).toEqual([['export ENV="$X" POSIX_PEDANTIC=', ENV('bash -ic true'), DATA]]);
    // SHELLOPTS exported (bash's own options, posix among them after set -o posix) or given posix: bash imports it at start-up
    expect(run('set -o posix\nexport SHELLOPTS ENV="$X"\nbash -i < cmds.txt')).toEqual([['export SHELLOPTS ENV="$X"', ENV('bash -i < cmds.txt'), DATA]]);
    expect(run('export ENV="$X"\nenv SHELLOPTS=posix bash -ic true')).toEqual([['export ENV="$X"', ENV('env SHELLOPTS=posix bash -ic true'), DATA]]);
    // (a SHELLOPTS naming no posix: posix mode not seen, the image's POSIXLY_CORRECT would turn it on)
    expect(run('export ENV="$X"\nenv SHELLOPTS=braceexpand bash -ic true')).toEqual([['export ENV="$X"', 'runs as code the value of env var X, which holds $(params.x): it sets ENV, which an interactive bash sources as a script (the file it names, after parameter expansion) in posix mode, which POSIXLY_CORRECT in the image\'s env or an envFrom source (not seen here) turns on, as `env SHELLOPTS=braceexpand bash -ic true` does', DATA]]);
    // the step's own POSIXLY_CORRECT (any value) reaches every bash the script starts
    expect(SCRIPT_INJECTION.check(task({
      params: [{ name: 'x' }],
      steps: [hardenedContainer('s', { script: '#!/bin/bash\nexport ENV="$X"\nbash -i -c true\n', env: [{ name: 'X', value: '$(params.x)' }, { name: 'POSIXLY_CORRECT', value: '' }] })],
    })).map((f) => [f.value, f.problem])).toEqual([['export ENV="$X"', ENV('bash -i -c true')]]);
    expect(SCRIPT_INJECTION.check(task({
      params: [{ name: 'x' }],
      steps: [hardenedContainer('s', { script: '#!/bin/bash\nexport ENV="$X"\nbash -i -c true\n', env: [{ name: 'X', value: '$(params.x)' }, { name: 'SHELLOPTS', value: 'posix' }] })],
    })).map((f) => [f.value, f.problem])).toEqual([['export ENV="$X"', ENV('bash -i -c true')]]);
    expect(run('env ENV="$X" sh -i < cmds.txt')).toEqual([[
      'env ENV="$X" sh -i < cmds.txt',
      problem('env sets ENV, which an interactive shell sources as a script (the file it names, after parameter expansion), as `env ENV="$X" sh -i < cmds.txt` does'), DATA,
    ]]);
    // a bash whose posix mode is not seen sources ENV where POSIXLY_CORRECT reaches it unseen (the image, envFrom)
    expect(run('export ENV="$X"\nbash -O extglob -i < cmds.txt')).toEqual([['export ENV="$X"', problem('it sets ENV, which an interactive bash sources as a script (the file it '
      + "names, after parameter expansion) in posix mode, which POSIXLY_CORRECT in the image's env or an envFrom source (not seen here) turns on, as `bash -O extglob -i < cmds.txt` does"), DATA]]);
    // a value of -o is no option; -c runs no prompt
    for (const script of ['export ENV="$X"\nsh -o -i build.sh', 'export PROMPT_COMMAND="$X"\nbash -o posix -i -c true']) {
      expect([script, run(script)]).toEqual([script, []]);
    }
  });

  test('ext:: URLs allowed through git\'s environment, a file of configuration, --config-env, clone\'s -c; the URL of submodule add and remote add (git 2.39)', () => {
    const ext = (line: string, sub: string, by = 'the script\'s git configuration') => [line, problem(`git ${sub} runs the command of an ext:: URL, which ${by} allows`), EXT];
    for (const allow of [
      'export GIT_ALLOW_PROTOCOL=https:ext', 'export GIT_ALLOW_PROTOCOL="$P"', 'export GIT_CONFIG_PARAMETERS="\'protocol.ext.allow\'=\'always\'"',
      'export GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=protocol.allow GIT_CONFIG_VALUE_0=always', 'printf \'[protocol "ext"]\\n\\tallow = always\\n\' >> ~/.gitconfig',
      'cat > /tmp/gitconfig <<EOF\n[protocol]\n  allow = always\nEOF\nexport GIT_CONFIG_GLOBAL=/tmp/gitconfig',
      // git config through env -S, its string split as GNU env 9.1 splits it (quotes removed, `\_` a separator)
      'env -S \'git config --global protocol.ext.allow "always"\'', 'env -S "git\\_config\\_--global\\_protocol.ext.allow\\_always"',
    ]) {
      expect([allow, run(`${allow}\ngit clone -- "$X" src`)]).toEqual([allow, [ext('git clone -- "$X" src', 'clone')]]);
    }
    expect(run('git --config-env=protocol.ext.allow=A clone -- "$X" src'))
      .toEqual([ext('git --config-env=protocol.ext.allow=A clone -- "$X" src', 'clone', 'the --config-env before it')]);
    expect(run('git clone -c protocol.ext.allow=always -- "$X" src')).toEqual([ext('git clone -c protocol.ext.allow=always -- "$X" src', 'clone', 'the --config of git clone')]);
    for (const [line, sub] of [['git submodule add "$X" lib', 'submodule'], ['git remote add origin "$X"', 'remote'], ['git remote set-url origin "$X"', 'remote']]) {
      expect([line, run(`git config --global protocol.ext.allow always\n${line}`)]).toEqual([line, [ext(line, sub)]]);
    }
    expect(run('git -c protocol.ext.allow=always submodule add "$X" lib')).toEqual([ext('git -c protocol.ext.allow=always submodule add "$X" lib', 'submodule', 'the -c before it')]);
    // never (in any case), a list without ext, another protocol's section; a remote's name; the URL without the allowance
    for (const allow of [
      'git config --global protocol.ext.allow Never', 'export GIT_ALLOW_PROTOCOL=https:ssh', 'printf \'[protocol "https"]\\n\\tallow = always\\n\' >> ~/.gitconfig',
    ]) {
      expect([allow, run(`${allow}\ngit clone -- "$X" src`)]).toEqual([allow, []]);
    }
    for (const script of ['git config --global protocol.ext.allow always\ngit remote remove "$X"', 'git submodule add "$X" lib', 'git remote add origin "$X"']) {
      expect([script, run(script)]).toEqual([script, []]);
    }
  });

  test('git where a variable names it and a git sub-command follows (`"$GIT" clone`, `${G:-git} config`), and the value xargs appends to git config', () => {
    const ext = (line: string) => [line, problem('git clone runs the command of an ext:: URL, which the script\'s git configuration allows'), EXT];
    for (const allow of ['${G:-git} config --global protocol.ext.allow always', '"$(command -v git)" config --global protocol.allow always', 'echo always | xargs git config --global protocol.ext.allow']) {
      expect([allow, run(`${allow}\ngit clone -- "$X" src`)]).toEqual([allow, [ext('git clone -- "$X" src')]]);
    }
    expect(run('git config --global protocol.ext.allow always\n"$GIT" clone -- "$X" src')).toEqual([ext('"$GIT" clone -- "$X" src')]);
    expect(run('$GIT config alias.x "!$X"')).toEqual([[
      '$GIT config alias.x "!$X"', problem('it is the value git config sets for alias.x, which git runs as code'),
      'Write the option or configuration literally in the script (never from a caller\'s value), and pass "$X" to the program only as data (an operand after --).',
    ]]);
    for (const script of ['"$TOOL" run "$X"', 'git config --global protocol.ext.allow always\n"$TOOL" build -- "$X"']) expect([script, run(script)]).toEqual([script, []]);
  });

  test('the options GNU make 4.3 reads from GNUMAKEFLAGS and zip 3.0 from ZIPOPT', () => {
    expect(run('export GNUMAKEFLAGS="$X"\nmake')).toEqual([['export GNUMAKEFLAGS="$X"', problem('it sets GNUMAKEFLAGS, which make reads as options and variable assignments (SHELL, and commands it runs)'), DATA]]);
    expect(run('ZIPOPT="$X" zip a.zip f')).toEqual([['ZIPOPT="$X" zip a.zip f', problem('it sets ZIPOPT, which zip reads as options (-TT runs a command)'), DATA]]);
  });

  test('sftp\'s batch file: -b in a group of flags or glued (OpenSSH 9.2 sftp.c getopt), and a process substitution', () => {
    expect(run('sftp -qb <(echo "$X") host')).toEqual([[
      'sftp -qb <(echo "$X") host', problem('sftp reads what <(echo "$X") prints as its commands (-b), whose !command runs in a local shell'), DATA,
    ]]);
    for (const reader of ['sftp -qb /tmp/b host', 'sftp -b/tmp/b host']) {
      expect([reader, run(`echo "$X" > /tmp/b\n${reader}`)]).toEqual([reader, [[reader, problem('sftp runs the file /tmp/b, which `echo "$X" > /tmp/b` writes it to'), DATA]]]);
    }
    // a batch file other than its input: the here-string is not read
    expect(run('sftp -qb /tmp/b host <<< "$X"')).toEqual([]);
  });

  test('a makefile written from it that make then reads: its directory\'s, or the file of -f (GNU make 4.3)', () => {
    const OPTION = 'Write the option or configuration literally in the script (never from a caller\'s value), and pass "$X" to the program only as data (an operand after --).';
    for (const [writer, reader, path] of [['echo "$X" > Makefile', 'make', 'Makefile'], ['echo "$X" > /tmp/mk', 'make -f /tmp/mk', '/tmp/mk'], ['echo "$X" > /tmp/mk', 'make --file=/tmp/mk all', '/tmp/mk']]) {
      expect([reader, run(`${writer}\n${reader}`)]).toEqual([reader, [[
        reader, problem(`make reads the file ${path} as its makefile, whose recipes and $(shell …) run commands, and \`${writer}\` writes it to that file`), OPTION,
      ]]]);
    }
    for (const script of ['echo "$X" > Makefile\nmake -f other.mk', 'echo "$X" > Makefile\nmake -C sub', 'echo "$X" > notes.txt\nmake']) expect([script, run(script)]).toEqual([script, []]);
  });

  test('git fetch-pack\'s --upload-pack= and --exec= (git 2.39 builtin/fetch-pack.c), and a value that starts an operand of fetch-pack or send-pack', () => {
    const OPTION = 'Write the option or configuration literally in the script (never from a caller\'s value), and pass "$X" to the program only as data (an operand after --).';
    const OPERAND = 'Write -- before the operands (git clone -- "$X" dir, git fetch origin -- "$X"), so git reads "$X" as an operand, never as an option.';
    for (const line of ['git fetch-pack --upload-pack="$X" /src/repo', 'git fetch-pack --all --exec="$X" /src/repo']) {
      expect([line, run(line)]).toEqual([line, [[line, problem('git fetch-pack runs it as the upload-pack command'), OPTION]]]);
    }
    for (const [line, sub] of [['git fetch-pack --all "$X" /src/repo', 'fetch-pack'], ['git send-pack "$X" main', 'send-pack']]) {
      expect([line, run(line)]).toEqual([line, [[line, problem(`git ${sub} reads a value starting with --upload-pack= (or --receive-pack=) there as that option, whose command it runs`), OPERAND]]]);
    }
  });

  test('the step\'s env var that git --config-env reads as a key that runs code, which the script need not write (git 2.39 config.c)', () => {
    const OPTION = 'Write the option or configuration literally in the script (never from a caller\'s value), and pass "$X" to the program only as data (an operand after --).';
    for (const line of ['git --config-env core.sshCommand=X fetch', 'git -C src --config-env=Core.Pager=X log']) {
      const key = line.includes('Pager') ? 'Core.Pager' : 'core.sshCommand';
      expect([line, run(line)]).toEqual([line, [[line, problem(`git --config-env reads it as the value of ${key}, which git runs as code`), OPTION]]]);
    }
    for (const line of ['git --config-env=user.name=X commit -m x', 'git log --config-env=core.pager=X']) expect([line, run(line)]).toEqual([line, []]);
  });

  test('a descriptor a {fd} redirection allocated, duplicated by a redirection that names it through the variable (bash 5.2 redir.c)', () => {
    const line = (l: string) => [l, problem('bash reads it as code from its input, which `exec {fd}<<< "$X"` opened before it'), DATA];
    for (const reader of ['bash <&$fd', 'bash 0<&"$fd"', 'bash <&${fd}-']) {
      expect([reader, run(`exec {fd}<<< "$X"\n${reader}`)]).toEqual([reader, [line(reader)]]);
    }
    expect(run('exec {fd}<<< "$X"\nexec 0<&$fd\nbash')).toEqual([line('bash')]);
    for (const script of ['exec {fd}<<< "$X"\nexec {g}<<< hi\nbash <&$g', 'exec {fd}<<< "$X"\ncat <&$fd']) expect([script, run(script)]).toEqual([script, []]);
  });
});

describe('SCRIPT_INJECTION: ssh reading its configuration from its input (-F /dev/stdin)', () => {
  /** The findings of a step `s` whose env gives X a param's value and whose script is `script` (bash). */
  const run = (script: string) => SCRIPT_INJECTION.check(task({
    params: [{ name: 'x' }], steps: [hardenedContainer('s', { script: `#!/bin/bash\n${script}\n`, env: [{ name: 'X', value: '$(params.x)' }] })],
  })).map((f) => [f.value, f.problem, f.fix]);
  const problem = (how: string) => `runs as code the value of env var X, which holds $(params.x): ${how}`;
  const how = (from: string, file: string) => `ssh reads it from ${from} as its configuration file (-F ${file}), whose ProxyCommand, LocalCommand and Match exec run commands`;
  const FIX = 'Write ssh\'s configuration in a file of the Task (or its options with -o, literally), never from a caller\'s value, and pass "$X" to ssh only as data (an operand after --).';

  test('OpenSSH 9.2 ssh -F naming its descriptor 0 reads the here-string, heredoc, pipe or process substitution given it as its configuration', () => {
    expect(run('ssh -F /dev/stdin host true <<< "$X"')).toEqual([['ssh -F /dev/stdin host true <<< "$X"', problem(how('its input', '/dev/stdin')), FIX]]);
    expect(run('ssh -vF/proc/self/fd/0 host <<EOF\n$X\nEOF')).toEqual([['ssh -vF/proc/self/fd/0 host <<EOF', problem(how('its input', '/proc/self/fd/0')), FIX]]);
    expect(run('echo "$X" | ssh -F /dev/fd/0 host')).toEqual([['echo "$X" | ssh -F /dev/fd/0 host', problem(how('what echo pipes to it', '/dev/fd/0')), FIX]]);
    expect(run('ssh -F /dev/stdin host < <(printf "%s" "$X")')).toEqual([['ssh -F /dev/stdin host < <(printf "%s" "$X")',
      problem(`${how('its input', '/dev/stdin')}, what <(printf "%s" "$X") prints`), FIX]]);
  });

  test('not read as configuration: a descriptor above 2 (ssh closes them at start), scp and sftp (which give ssh their own input), a file named -, no -F', () => {
    for (const script of ['ssh -F /dev/fd/3 host 3<<< "$X"', 'scp -F /dev/stdin a host:b <<< "$X"', 'sftp -F /dev/stdin -b /tmp/batch host <<< "$X"',
      'ssh -F - host <<< "$X"', 'ssh host cat <<< "$X"']) {
      expect([script, run(script)]).toEqual([script, []]);
    }
  });
});

describe('SCRIPT_INJECTION: the step\'s ENV or PROMPT_COMMAND and an interactive shell its script starts', () => {
  const run = (name: string, script: string) => SCRIPT_INJECTION.check(task({
    params: [{ name: 'x' }], steps: [hardenedContainer('s', { script: `#!/bin/sh\n${script}\n`, env: [{ name, value: '$(params.x)' }] })],
  })).map((f) => [f.value, f.problem, f.fix]);

  test('an option the shell expands to -i (`sh -${UNSET}i`) and env -S\'s string split as env splits it (`sh\\_-i`) start one; env -i, env - and env -u clear the step\'s ENV and prompts', () => {
    const SOURCES = 'runs as code the value of env var ENV, which holds $(params.x): an interactive shell sources as a script (the file it names, after parameter expansion)';
    const FIX = 'Give ENV a fixed value written in the Task (or leave it unset), or run the shell without -i, which reads no ENV.';
    // dash 0.5.12 given `-${UNSET}i` runs interactive and sources ENV; GNU env 9.1 splits `sh\_-i` into `sh -i` (checked)
    for (const script of ['sh -${UNSET}i < cmds', 'sh -e$OPTS${MORE}i < cmds', 'env -S "sh\\_-i" < cmds', 'env -S \'${UNSET}sh -${UNSET}i\' < cmds']) {
      expect([script, run('ENV', script)]).toEqual([script, [[script, SOURCES, FIX]]]);
    }
    // env's own assignment after -i reaches the shell (dash sources it, checked)
    expect(run('ENV', 'env -i ENV="$ENV" sh -i < cmds')).toEqual([['env -i ENV="$ENV" sh -i < cmds', 'runs as code the value of env var ENV, which holds $(params.x): env sets ENV, '
      + 'which an interactive shell sources as a script (the file it names, after parameter expansion), as `env -i ENV="$ENV" sh -i < cmds` does',
    'Pass "$ENV" as data, never as code: as a quoted argument of a fixed command, or to a shell as a positional parameter (sh -c \'tool "$1"\' _ "$ENV").']]);
    // GNU env 9.1 starts the shell without the container's ENV (`env -i`, `env -`, `env -u ENV`): dash sources nothing (checked);
    // nor does a prompt env removes reach it
    for (const [name, script] of [['ENV', 'env -i sh -i < cmds'], ['ENV', 'env - sh -i < cmds'], ['ENV', 'env -u ENV sh -i < cmds'], ['ENV', 'env --ignore-environment sh -i < cmds'],
      ['ENV', 'env -S \'-i sh -i\' < cmds'], ['PS1', 'env -i sh -i < cmds'], ['PROMPT_COMMAND', 'env -u PROMPT_COMMAND bash -i < cmds'], ['ENV', 'busybox env -i sh -i < cmds']]) {
      expect([name, script, run(name, script)]).toEqual([name, script, []]);
    }
    // single-quoted, the shell passes `-${UNSET}i` as written (dash refuses the option `$`)
    expect(run('ENV', "sh '-${UNSET}i' < cmds")).toEqual([]);
    // another env var removed leaves ENV
    expect(run('ENV', 'env -u PS1 sh -i < cmds')).toEqual([['env -u PS1 sh -i < cmds', SOURCES, FIX]]);
  });

  test('an option word the shell expands read as it expands it: the step\'s value of a variable it gives literally, any other unset', () => {
    const SOURCES = 'runs as code the value of env var ENV, which holds $(params.x): an interactive shell sources as a script (the file it names, after parameter expansion)';
    const FIX = 'Give ENV a fixed value written in the Task (or leave it unset), or run the shell without -i, which reads no ENV.';
    const given = (more: any[], script: string) => SCRIPT_INJECTION.check(task({
      params: [{ name: 'x' }],
      steps: [hardenedContainer('s', { script: `#!/bin/sh\n${script}\n`, env: [{ name: 'ENV', value: '$(params.x)' }, ...more] })],
    })).map((f) => [f.value, f.problem, f.fix]);
    // V unset (dash 0.5.12 and bash 5.2, checked): `-${V:-x}i` is `-xi`, `-${V-e}i` is `-ei`, `-${V:+x}i` is `-i`: interactive, ENV sourced
    for (const script of ['sh -${V:-x}i < cmds', 'sh -${V-e}i < cmds', 'sh -${V:+x}i < cmds', 'sh -${V:=e}i < cmds', 'sh -e${V:-${W:-i}} < cmds']) {
      expect([script, given([], script)]).toEqual([script, [[script, SOURCES, FIX]]]);
    }
    // `-e${V:+i}` is `-e`; `${V:?msg}` of an unset V ends the shell before the command; `-${#V}i` is `-0i`, which the shells refuse
    for (const script of ['sh -e${V:+i} < cmds', 'sh -${V:?unset}i < cmds', 'sh -${#V}i < cmds']) {
      expect([script, given([], script)]).toEqual([script, []]);
    }
    // V given by the step's env (V=e: `-e${V:+i}` is `-ei`, `-${V:?x}i` is `-ei`; V=-i: `$V` and "$V" are `-i`; U empty: `$U` is no
    // word, "$U" an empty operand, the script file; checked)
    for (const [more, script] of [[[{ name: 'V', value: 'e' }], 'sh -e${V:+i} < cmds'], [[{ name: 'V', value: 'e' }], 'sh -${V:?x}i < cmds'],
      [[{ name: 'V', value: '-i' }], 'sh $V < cmds'], [[{ name: 'V', value: '-i' }], 'sh "$V" < cmds'], [[{ name: 'V', value: '-e -i' }], 'sh $V < cmds'],
      [[{ name: 'U', value: '' }], 'sh $U -i < cmds']] as Array<[any[], string]>) {
      expect([more, script, given(more, script)]).toEqual([more, script, [[script, SOURCES, FIX]]]);
    }
    // the program a variable the step gives names: that program (`$S -i` with S=dash sources ENV, with S=python3 runs python; checked)
    expect(given([{ name: 'S', value: 'dash' }], '$S -i < cmds')).toEqual([['$S -i < cmds', SOURCES, FIX]]);
    expect(given([{ name: 'S', value: 'python3' }], '$S -i < cmds')).toEqual([]);
    // POSIX's trimming of a known value (`${V#x}`, `${V##*x}`, `${V%x}`, `${V%%x*}`) and the quotes of an expansion's word (`${U:-"i"}`);
    // PATH, HOME and HOSTNAME, which every container has (`-e${PATH+i}` is `-ei`); dash 0.5.12 sourced ENV under each (checked)
    for (const [more, script] of [[[{ name: 'V', value: 'xi' }], 'sh -${V#x} < cmds'], [[{ name: 'V', value: 'a/b/i' }], 'sh -${V##*/} < cmds'],
      [[{ name: 'V', value: 'ix' }], 'sh -${V%x} < cmds'], [[{ name: 'V', value: 'ixyx' }], 'sh -${V%%x*} < cmds'], [[{ name: 'V', value: 'xyi' }], 'sh -${V#[a-x]?} < cmds'],
      [[], 'sh -${U:-"i"} < cmds'], [[], "sh -${U:-'i'} < cmds"], [[], 'sh -e${PATH+i} < cmds'], [[], 'sh -e${HOME:+i} < cmds']] as Array<[any[], string]>) {
      expect([more, script, given(more, script)]).toEqual([more, script, [[script, SOURCES, FIX]]]);
    }
    // bash 5.2's substring, case and replacement of a known value (`${V:1}` of `xi`, `${V,,}` of `I`, `${V/x/i}` of `x`: bash sourced ENV, checked)
    for (const [more, script] of [[[{ name: 'V', value: 'xi' }], 'sh -${V:1} < cmds'], [[{ name: 'V', value: 'xiy' }], 'sh -${V:1:1} < cmds'],
      [[{ name: 'V', value: 'I' }], 'sh -${V,,} < cmds'], [[{ name: 'V', value: 'x' }], 'sh -${V/x/i} < cmds'], [[{ name: 'V', value: 'xx' }], 'sh -${V//x/i} < cmds']] as Array<[any[], string]>) {
      expect([more, script, given(more, script)]).toEqual([more, script, [[script, SOURCES, FIX]]]);
    }
    // a script dash runs (its #! line, `dash -c CODE`) stops at them: dash 0.5.12 says "Bad substitution" and runs no command after
    // (checked); a bash it starts expands them (`bash -c 'sh -${V:1} < cmds'`), and so does a script whose #! line names bash
    const shebang = (first: string, more: any[], script: string) => SCRIPT_INJECTION.check(task({
      params: [{ name: 'x' }],
      steps: [hardenedContainer('s', { script: `${first}\n${script}\n`, env: [{ name: 'ENV', value: '$(params.x)' }, ...more] })],
    })).map((f) => [f.value, f.problem, f.fix]);
    for (const [more, script] of [[[{ name: 'V', value: 'xi' }], 'sh -${V:1} < cmds'], [[{ name: 'V', value: 'xiy' }], 'sh -${V:1:1} < cmds'],
      [[{ name: 'V', value: 'I' }], 'sh -${V,,} < cmds'], [[{ name: 'V', value: 'Ie' }], 'sh -${V,} < cmds'], [[{ name: 'V', value: 'x' }], 'sh -${V/x/i} < cmds'],
      [[{ name: 'V', value: 'xx' }], 'sh -${V//x/i} < cmds'], [[], 'sh -${U:0}i < cmds']] as Array<[any[], string]>) {
      expect([more, script, shebang('#!/bin/dash', more, script)]).toEqual([more, script, []]);
      expect([more, script, shebang('#!/usr/bin/env dash', more, script)]).toEqual([more, script, []]);
      expect([more, script, shebang('#!/bin/bash', more, script)]).toEqual([more, script, [[script, SOURCES, FIX]]]);
    }
    expect(shebang('#!/bin/dash', [{ name: 'V', value: 'xi' }], "bash -c 'sh -${V:1} < cmds'"))
      .toEqual([['sh -${V:1} < cmds', SOURCES, FIX]]);
    expect(shebang('#!/bin/bash', [{ name: 'V', value: 'xi' }], "dash -c 'sh -${V:1} < cmds'")).toEqual([]);
    // (code dash runs as its input, and eval's in a dash script: dash 0.5.12 refuses both, checked; eval's in a bash script expands)
    expect(shebang('#!/bin/bash', [{ name: 'V', value: 'xi' }], "dash <<'EOF'\nsh -${V:1} < cmds\nEOF")).toEqual([]);
    expect(shebang('#!/bin/dash', [{ name: 'V', value: 'xi' }], "bash <<'EOF'\nsh -${V:1} < cmds\nEOF")).toEqual([['sh -${V:1} < cmds', SOURCES, FIX]]);
    expect(shebang('#!/bin/dash', [{ name: 'V', value: 'xi' }], "eval 'sh -${V:1} < cmds'")).toEqual([]);
    expect(shebang('#!/bin/bash', [{ name: 'V', value: 'xi' }], "eval 'sh -${V:1} < cmds'")).toEqual([['sh -${V:1} < cmds', SOURCES, FIX]]);
    const dashC = (command: string[]) => SCRIPT_INJECTION.check(task({
      params: [{ name: 'x' }],
      steps: [hardenedContainer('s', { command, args: ['sh -${V:1} < cmds'], env: [{ name: 'ENV', value: '$(params.x)' }, { name: 'V', value: 'xi' }] })],
    })).map((f) => [f.value, f.problem, f.fix]);
    expect(dashC(['dash', '-c'])).toEqual([]);
    expect(dashC(['bash', '-c'])).toEqual([['sh -${V:1} < cmds', SOURCES, FIX]]);
    // a variable the step's env gives a value not known (valueFrom, a substitution) is set: `-e${V+i}` is `-ei` (dash 0.5.12, checked);
    // `-e${V-i}` is `-e` plus its value
    const fromField = { name: 'V', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } };
    for (const [more, script] of [[[fromField], 'sh -e${V+i} < cmds'], [[fromField], 'sh -e${V:+i} < cmds'], [[{ name: 'V', value: '$(params.x)' }], 'sh -e${V:+i} < cmds']] as Array<[any[], string]>) {
      expect([more, script, given(more, script)]).toEqual([more, script, [[script, SOURCES, FIX]]]);
    }
    // (`-e${V-i}` is `-e` and V's value, which is not known here and may be `i`: the finding says so)
    expect(given([fromField], 'sh -e${V-i} < cmds')).toEqual([['sh -e${V-i} < cmds', `${SOURCES}; $V may hold a value not known here (the step's env gives it `
      + 'from valueFrom or a substitution), which may make the shell interactive (-i)', FIX]]);
    // a literal value the script gives the variable (`O=i` then `sh -$O`, dash 0.5.12 sourced ENV; checked), each it gives read
    for (const script of ['O=i\nsh -$O < cmds', 'O=e\nif x; then O=i; fi\nsh -${O} < cmds', 'export O="-i"\nsh $O < cmds']) {
      expect([script, given([], script)]).toEqual([script, [[script.split('\n').pop(), SOURCES, FIX]]]);
    }
    expect(given([], 'O=e\nsh -$O < cmds')).toEqual([]);
    // (not: a trimming that leaves no i, `${V%i}` of `xi` is `x`; `${V#*i}` of `xi` is empty)
    for (const [more, script] of [[[{ name: 'V', value: 'xi' }], 'sh -e${V%i} < cmds'], [[{ name: 'V', value: 'xi' }], 'sh -e${V#*i} < cmds']] as Array<[any[], string]>) {
      expect([more, script, given(more, script)]).toEqual([more, script, []]);
    }
    for (const [more, script] of [[[{ name: 'V', value: 'e' }], 'sh -${V:-i} < cmds'], [[{ name: 'V', value: '' }], 'sh -e${V:+i} < cmds'],
      [[{ name: 'U', value: '' }], 'sh "$U" -i < cmds'], [[{ name: 'V', value: '-e -i' }], 'sh "$V" < cmds'], [[{ name: 'V', value: '-i' }], "sh '$V' < cmds"]] as Array<[any[], string]>) {
      expect([more, script, given(more, script)]).toEqual([more, script, []]);
    }
  });

  test('bash\'s ${V:1}, ${V,,}, ${V/x/i} read as the shell that runs the code reads them: busybox\'s ash and mksh refuse the case, ash reads a pattern\'s # and % as written; sh as bash and as ash', () => {
    const SOURCES = 'runs as code the value of env var ENV, which holds $(params.x): an interactive shell sources as a script (the file it names, after parameter expansion)';
    const FIX = 'Give ENV a fixed value written in the Task (or leave it unset), or run the shell without -i, which reads no ENV.';
    const shebang = (first: string, value: string, script: string) => SCRIPT_INJECTION.check(task({
      params: [{ name: 'x' }],
      steps: [hardenedContainer('s', { script: `${first}\n${script}\n`, env: [{ name: 'ENV', value: '$(params.x)' }, { name: 'V', value }] })],
    })).map((f) => [f.value, f.problem, f.fix]);
    // busybox 1.35 ash and mksh 59c (ksh93u+m 1.0.4 too) refuse `${V,,}` and `${V^^}` ("bad substitution": no command runs) and read
    // `${V:1}` and `${V/x/i}` as bash does (checked)
    for (const first of ['#!/bin/ash', '#!/bin/busybox sh', '#!/bin/mksh', '#!/bin/ksh']) {
      for (const [value, script] of [['I', 'sh -${V,,} < cmds'], ['i', 'sh -${V^^}i < cmds'], ['Ie', 'sh -${V,} < cmds']]) {
        expect([first, script, shebang(first, value, script)]).toEqual([first, script, []]);
      }
      for (const [value, script] of [['xi', 'sh -${V:1} < cmds'], ['x', 'sh -${V/x/i} < cmds'], ['xx', 'sh -${V//x/i} < cmds']]) {
        expect([first, script, shebang(first, value, script)]).toEqual([first, script, [[script, SOURCES, FIX]]]);
      }
    }
    // a pattern's leading # or % anchors it in bash, mksh and ksh93 (`${V/#x/i}` of `xe` is `ie`, of `#xe` is `#xe`); busybox's ash
    // reads it as a character (of `xe` `xe`, of `#xe` `ie`; checked): `sh`, which may be either, read both ways
    const anchored: Array<[string, string, string, boolean]> = [['#!/bin/bash', 'xe', 'sh -${V/#x/i} < cmds', true], ['#!/bin/bash', '#xe', 'sh -${V/#x/i} < cmds', false],
      ['#!/bin/bash', 'ex', 'sh -${V/%x/i} < cmds', true], ['#!/bin/mksh', 'xe', 'sh -${V/#x/i} < cmds', true], ['#!/bin/mksh', '#xe', 'sh -${V/#x/i} < cmds', false],
      ['#!/bin/ash', 'xe', 'sh -${V/#x/i} < cmds', false], ['#!/bin/ash', '#xe', 'sh -${V/#x/i} < cmds', true], ['#!/bin/ash', 'ex', 'sh -${V/%x/i} < cmds', false],
      ['#!/bin/ash', 'e%x', 'sh -${V/%x/i} < cmds', true], ['#!/bin/sh', 'xe', 'sh -${V/#x/i} < cmds', true], ['#!/bin/sh', '#xe', 'sh -${V/#x/i} < cmds', true],
      ['#!/bin/sh', 'xe', 'sh -${V/x/i} < cmds', true], ['#!/bin/sh', 'xe', 'sh -${V/z/i} < cmds', false]];
    for (const [first, value, script, found] of anchored) {
      expect([first, value, script, shebang(first, value, script)]).toEqual([first, value, script, found ? [[script, SOURCES, FIX]] : []]);
    }
    // busybox's applet running the code: `busybox sh -c CODE` refuses the case, bash's `-c` reads it
    const code = (command: string[]) => SCRIPT_INJECTION.check(task({
      params: [{ name: 'x' }],
      steps: [hardenedContainer('s', { command, args: ['sh -${V,,} < cmds'], env: [{ name: 'ENV', value: '$(params.x)' }, { name: 'V', value: 'I' }] })],
    })).map((f) => [f.value, f.problem, f.fix]);
    for (const command of [['busybox', 'sh', '-c'], ['/bin/busybox', 'ash', '-c'], ['mksh', '-c'], ['dash', '-c']]) expect([command, code(command)]).toEqual([command, []]);
    for (const command of [['bash', '-c'], ['sh', '-c']]) expect([command, code(command)]).toEqual([command, [['sh -${V,,} < cmds', SOURCES, FIX]]]);
    // (in code busybox's ash runs in a bash script, and in bash's code a busybox script starts)
    expect(shebang('#!/bin/bash', 'I', "busybox sh <<'EOF'\nsh -${V,,} < cmds\nEOF")).toEqual([]);
    expect(shebang('#!/bin/ash', 'I', "bash -c 'sh -${V,,} < cmds'")).toEqual([['sh -${V,,} < cmds', SOURCES, FIX]]);
  });

  test('a run\'s label pasted into the code of `sh -c` is read as the shell that runs the code reads bash\'s expansions', () => {
    const label = { name: 'L', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } };
    const SETS = 'runs as code the value of env var L, which the kubelet fills from valueFrom.fieldRef metadata.labels[\'app\'], which callers choose (a word, which '
      + 'can name a program), and pastes into the code where $(L) is written: it sets ENV, which an interactive shell sources as a script (the file it names, '
      + 'after parameter expansion), as `sh -${U:0}i < cmds` does';
    const FIX = 'Write "$L" (the shell\'s own expansion, quoted) instead of $(L), as an argument of a fixed command, never as the command or code.';
    const labelled = (command: string[]) => SCRIPT_INJECTION.check(task({
      steps: [hardenedContainer('s', { script: undefined, command, args: ['export ENV=$(L); sh -${U:0}i < cmds'], env: [label] })],
    })).map((f) => [f.property, f.value, f.problem, f.fix]);
    // bash reads `${U:0}` of U unset as empty (`-i`: ENV sourced); dash and mksh refuse it there, and no shell starts (checked)
    expect(labelled(['bash', '-c'])).toEqual([['args[0]', 'export ENV=$(L)', SETS, FIX]]);
    expect(labelled(['dash', '-c'])).toEqual([]);
  });

  test('a value not known here (`read`, `$(…)`, a loop, valueFrom, an envFrom source) may make an option word -i: the finding says so', () => {
    const SOURCES = 'runs as code the value of env var ENV, which holds $(params.x): an interactive shell sources as a script (the file it names, after parameter expansion)';
    const FIX = 'Give ENV a fixed value written in the Task (or leave it unset), or run the shell without -i, which reads no ENV.';
    const SCRIPT = "the script gives it what `read`, a command's output or a loop gives";
    const ENVFROM = 'an envFrom source may set it, whose keys are not known here';
    const note = (name: string, origin: string) => `; $${name} may hold a value not known here (${origin}), which may make the shell interactive (-i)`;
    const given = (script: string, more: object = {}) => SCRIPT_INJECTION.check(task({
      params: [{ name: 'x' }],
      steps: [hardenedContainer('s', { script: `#!/bin/sh\n${script}\n`, env: [{ name: 'ENV', value: '$(params.x)' }], ...more })],
    })).map((f) => [f.value, f.problem, f.fix]);
    // `read O < f` then `sh -$O`: dash 0.5.12 given O=i from the file sources ENV (checked); so `$(cat f)`, backquotes, a loop, eval's code
    for (const [script, line] of [['read O < f\nsh -$O < cmds', 'sh -$O < cmds'], ['O=$(cat f)\nsh -e$O < cmds', 'sh -e$O < cmds'],
      ['O=`cat f`\nsh "$O" < cmds', 'sh "$O" < cmds'], ['for O in $(cat f); do sh -$O < cmds; done', 'sh -$O < cmds'], ['read -r A O < f\neval "sh -$O < cmds"', 'sh -$O < cmds'],
      ['O="$(cat f)"\nsh -${O#x} < cmds', 'sh -${O#x} < cmds'], ["sh -c 'read O < f; sh -$O < cmds'", 'sh -$O < cmds'], ["bash <<'EOF'\nO=$(cat f)\nsh -$O < cmds\nEOF", 'sh -$O < cmds'],
      // (`command` and `builtin` run read itself)
      ['command read O < f\nsh -$O < cmds', 'sh -$O < cmds'], ['builtin read -r O < f\nsh -$O < cmds', 'sh -$O < cmds']]) {
      expect([script, given(script)]).toEqual([script, [[line, SOURCES + note('O', SCRIPT), FIX]]]);
    }
    // (mapfile's array, its first word past its options, as bash 5.2 parses them, and its redirections: `mapfile -dn O < f` fills O, `mapfile -t L
    // < O` and `mapfile -t A O < f` leave O as it was: bash 5.2 run)
    expect(given('mapfile -dn O < f\nsh -$O < cmds')).toEqual([['sh -$O < cmds', SOURCES + note('O', SCRIPT), FIX]]);
    expect(given('mapfile -t L < O\nmapfile -t A O < f\nsh -$O < cmds')).toEqual([]);
    // OPTARG after getopts holds what its ARGs or the positional parameters give (`getopts e: O` given -ei: dash 0.5.12 gives OPTARG i, checked)
    expect(given('getopts e: O\nsh -$OPTARG < cmds')).toEqual([['sh -$OPTARG < cmds', SOURCES + note('OPTARG', SCRIPT), FIX]]);
    // an envFrom source may set V (to `i`: `${V+i}`, `${V:+i}`, `$V`; checked with dash 0.5.12, V=i in its environment)
    const envFrom = { envFrom: [{ configMapRef: { name: 'settings' } }] };
    for (const script of ['sh -e${V+i} < cmds', 'sh -e${V:+i} < cmds', 'sh -$V < cmds', 'sh -${V:-e} < cmds', 'sh -${V:1} < cmds']) {
      expect([script, given(script, envFrom)]).toEqual([script, [[script, SOURCES + note('V', ENVFROM), FIX]]]);
      expect([script, given(script)]).toEqual([script, []]);
    }
    // (where the script assigns it first, alone and unconditionally, `O=e`, that value; where it may not, an envFrom source's too)
    for (const script of ['O=e\nsh -$O < cmds', 'export O=e\nsh -$O < cmds']) expect([script, given(script, envFrom)]).toEqual([script, []]);
    for (const script of ['if x; then O=e; fi\nsh -$O < cmds', 'echo "$O"\nO=e\nsh -$O < cmds']) {
      expect([script, given(script, envFrom)]).toEqual([script, [['sh -$O < cmds', SOURCES + note('O', ENVFROM), FIX]]]);
    }
    // the script's export of ENV is reported with the shell, and the same note
    expect(SCRIPT_INJECTION.check(task({
      params: [{ name: 'x' }],
      steps: [hardenedContainer('s', { script: '#!/bin/sh\nexport ENV="$X"\nread O < f\nsh -$O < cmds\n', env: [{ name: 'X', value: '$(params.x)' }] })],
    })).map((f) => [f.value, f.problem])).toEqual([['export ENV="$X"', 'runs as code the value of env var X, which holds $(params.x): it sets ENV, which an interactive shell '
      + 'sources as a script (the file it names, after parameter expansion), as `sh -$O < cmds` does' + note('O', SCRIPT)]]);
    // where a known reading makes it interactive, no note; a path (`/…`, `$(mktemp)`, `$(pwd)`) is never an option; a value the step gives
    // literally, or a word no unknown value reaches, as before
    expect(given('read O < f\nsh -i$O < cmds')).toEqual([['sh -i$O < cmds', SOURCES, FIX]]);
    for (const [script, more] of [['O=/tmp/$(date +%s)\nsh -$O < cmds', {}], ['O=$(mktemp)\nsh "$O" < cmds', {}], ['O=`pwd`\nsh -$O < cmds', {}],
      ['read O < f\nsh -e < cmds', {}], ['sh -e${V:+x} < cmds', envFrom], ['read O < f\nsh -c "$O" < cmds', {}], ['sh -e${PATH:+x} < cmds', envFrom],
      ['echo "$(date)" > log\nsh build.sh', envFrom]] as Array<[string, object]>) {
      expect([script, given(script, more)]).toEqual([script, []]);
    }
  });

  test('a value not known here in a shell\'s or an interpreter\'s option word may be its code option: a later argument may be its code', () => {
    const coded = (script: string, more: object = {}) => SCRIPT_INJECTION.check(task({
      params: [{ name: 'x' }],
      steps: [hardenedContainer('s', { script: `#!/bin/sh\n${script}\n`, env: [{ name: 'X', value: '$(params.x)' }], ...more })],
    })).map((f) => [f.value, f.problem]);
    const HOLDS = 'runs as code the value of env var X, which holds $(params.x): ';
    const SCRIPT = "the script gives it what `read`, a command's output or a loop gives";
    // `read O < f` then `sh -$O "$X"`: with O=c in the file, dash 0.5.12 runs X's value as code (checked)
    expect(coded('read O < f\nsh -$O "$X"')).toEqual([['sh -$O "$X"', `${HOLDS}it may be the code of sh: -$O before it expands $O, which may hold a value not known here (${SCRIPT}), such as -c`]]);
    expect(coded('O=$(cat f)\npython3 $O "$X"')).toEqual([['python3 $O "$X"',
      `${HOLDS}it may be the code of python3: $O before it expands $O, which may hold a value not known here (${SCRIPT}), such as a code option (-c, -e)`]]);
    expect(coded('bash -e$O "$X"', { envFrom: [{ secretRef: { name: 's' } }] })).toEqual([['bash -e$O "$X"',
      `${HOLDS}it may be the code of bash: -e$O before it expands $O, which may hold a value not known here (an envFrom source may set it, whose keys are not known here), such as -c`]]);
    // an option word the shell expands to a group holding `c` as written: `O=c` then `sh -$O "$X"`, the step's V=xc and `sh -${V:1} "$X"`
    // (dash 0.5.12 and bash 5.2 run X's value, checked); not where dash runs the script, which refuses `${V:1}`
    expect(coded('O=c\nsh -$O "$X"')).toEqual([['sh -$O "$X"', `${HOLDS}it is the code of sh -c (the shell expands -$O to -c)`]]);
    expect(coded('sh -e${U:-c} "$X"')).toEqual([['sh -e${U:-c} "$X"', `${HOLDS}it is the code of sh -ec (the shell expands -e\${U:-c} to -ec)`]]);
    // to a group without `c`: the options go on, and the first operand is the file it runs (`O=e` then `sh -$O "$X"`, `sh -e$U "$X"` and
    // `sh -$U "$X"` of an unset U, `-` ending the options; dash 0.5.12 and bash 5.2 run the file, checked)
    const FILE = `${HOLDS}it names the file sh runs as code, so the value chooses which file runs (any the container can read: /dev/stdin, a file in a workspace)`;
    for (const [script, line] of [['O=e\nsh -$O "$X"', 'sh -$O "$X"'], ['sh -e$U "$X"', 'sh -e$U "$X"'], ['sh -e$U -x "$X"', 'sh -e$U -x "$X"'], ['sh -$U "$X"', 'sh -$U "$X"'],
      ['O=e\nsh -${O}x -- "$X"', 'sh -${O}x -- "$X"']]) {
      expect([script, coded(script)]).toEqual([script, [[line, FILE]]]);
    }
    // (the file past them, the value an argument: `O=e` then `sh -$O run.sh "$X"`)
    expect(coded('O=e\nsh -$O run.sh "$X"')).toEqual([]);
    const withV = (first: string) => SCRIPT_INJECTION.check(task({
      params: [{ name: 'x' }],
      steps: [hardenedContainer('s', { script: `${first}\nsh -\${V:1} "$X"\n`, env: [{ name: 'X', value: '$(params.x)' }, { name: 'V', value: 'xc' }] })],
    })).map((f) => [f.value, f.problem]);
    expect(withV('#!/bin/bash')).toEqual([['sh -${V:1} "$X"', `${HOLDS}it is the code of sh -c (the shell expands -\${V:1} to -c)`]]);
    expect(withV('#!/bin/dash')).toEqual([]);
    // a program word that is such a variable may be eval (`read T < f` then `$T "$X"`: bash 5.2 given T=eval runs X's value, checked);
    // not the path `command -v` or `which` prints for a program named literally
    const EVAL = `${HOLDS}the program word $T expands $T, which may hold a value not known here (${SCRIPT}), such as eval, which runs its words as code`;
    for (const [script, line] of [['read T < f\n$T "$X"', '$T "$X"'], ['T=$(command -v docker || command -v podman)\n$T push "$X"', '$T push "$X"'],
      ['T=$(command -v eval)\n"$T" "$X"', '"$T" "$X"']]) {
      expect([script, coded(script).filter(([, problem]) => problem?.includes('such as eval'))]).toEqual([script, [[line, EVAL]]]);
    }
    // (`$T push` of a T not known may be git's push, another finding, which these leave)
    for (const script of ['T=$(command -v docker)\n$T push "$X"', 'T=$(which podman)\n"$T" push "$X"', 'T=docker\n$T push "$X"']) {
      expect([script, coded(script).filter(([, problem]) => problem?.includes('such as eval'))]).toEqual([script, []]);
    }
    // not: a program file first (its arguments are data), a path (`$(mktemp)`), a word no unknown value reaches
    for (const script of ['O=$(cat f)\npython3 $O build.py "$X"', 'S=$(mktemp)\nbash "$S" "$X"', 'read O < f\nsh build.sh -$O "$X"']) {
      expect([script, coded(script)]).toEqual([script, []]);
    }
    // (no envFrom: X, the file the shell runs, that finding alone)
    expect(coded('bash -e$O "$X"')).toEqual([['bash -e$O "$X"', `${HOLDS}it names the file bash runs as code, so the value chooses which file runs (any the container can read: /dev/stdin, a file in a workspace)`]]);
    expect(coded('read O < f\nsh -e "$X"'))
      .toEqual([['sh -e "$X"', `${HOLDS}it names the file sh runs as code, so the value chooses which file runs (any the container can read: /dev/stdin, a file in a workspace)`]]);
  });

  test('env -S\'s `${NAME}` is the value the step\'s env gives NAME literally, where the script writes no NAME', () => {
    const SOURCES = 'runs as code the value of env var ENV, which holds $(params.x): an interactive shell sources as a script (the file it names, after parameter expansion)';
    const FIX = 'Give ENV a fixed value written in the Task (or leave it unset), or run the shell without -i, which reads no ENV.';
    const withF = (value: string, script: string) => SCRIPT_INJECTION.check(task({
      params: [{ name: 'x' }],
      steps: [hardenedContainer('s', { script: `#!/bin/sh\n${script}\n`, env: [{ name: 'ENV', value: '$(params.x)' }, { name: 'F', value }] })],
    })).map((f) => [f.value, f.problem, f.fix]);
    // coreutils 9.1 env expands `${F}` from its environment, the script's, which holds the step's F (dash: ENV=f F=-i, then
    // `env -S 'dash ${F}' < cmds` sources f; checked)
    for (const [value, script] of [['-i', "env -S 'sh ${F}' < cmds"], ['sh', "env -S '${F} -i' < cmds"], ['i', 'env -S "sh -e\\${F}" < cmds']]) {
      expect([value, script, withF(value, script)]).toEqual([value, script, [[script, SOURCES, FIX]]]);
    }
    // the shell expands `$F` in the string before env splits it (dash: `env -S "dash $F"` with F=-i sources ENV; checked)
    expect(withF('-i', 'env -S "sh $F" < cmds')).toEqual([['env -S "sh $F" < cmds', SOURCES, FIX]]);
    // a literal value the script gives F, exported, before the command or as env's own argument (dash: `export F=-i`, `F=-i env -S …`
    // and `env F=-i env -S 'dash ${F}'` source ENV; checked)
    const scriptF = (script: string) => SCRIPT_INJECTION.check(task({
      params: [{ name: 'x' }], steps: [hardenedContainer('s', { script: `#!/bin/sh\n${script}\n`, env: [{ name: 'ENV', value: '$(params.x)' }] })],
    })).map((f) => [f.value, f.problem, f.fix]);
    for (const [script, line] of [["export F=-i\nenv -S 'sh ${F}' < cmds", "env -S 'sh ${F}' < cmds"], ["F=-i env -S 'sh ${F}' < cmds", "F=-i env -S 'sh ${F}' < cmds"],
      ["env F=-i env -S 'sh ${F}' < cmds", "env F=-i env -S 'sh ${F}' < cmds"], ["F=\"-e\"\nif x; then F='-i'; fi\nexport F\nenv -S 'sh ${F}' < cmds", "env -S 'sh ${F}' < cmds"]]) {
      expect([script, scriptF(script)]).toEqual([script, [[line, SOURCES, FIX]]]);
    }
    expect(scriptF("F=-e env -S 'sh ${F}' < cmds")).toEqual([]);
    // another value; or the script writes F (`F=-e` gives env its new value, checked), read as empty as before
    for (const [value, script] of [['-e', "env -S 'sh ${F}' < cmds"], ['-i', "F=-e\nenv -S 'sh ${F}' < cmds"]]) {
      expect([value, script, withF(value, script)]).toEqual([value, script, []]);
    }
    // a value `read` or a command substitution gives, or an envFrom source's, is not known: it may be `-i`, the finding says so
    const unknownF = (origin: string) => `${SOURCES}; \${F} may hold a value not known here (${origin}), which may make the shell interactive (-i)`;
    for (const script of ["read -r F < f\nenv -S 'sh ${F}' < cmds", "F=$(cat f)\nexport F\nenv -S 'sh -e${F}' < cmds"]) {
      expect([script, withF('-e', script)]).toEqual([script, [[script.split('\n').pop(), unknownF("the script gives it what `read`, a command's output or a loop gives"), FIX]]]);
    }
    expect(SCRIPT_INJECTION.check(task({
      params: [{ name: 'x' }],
      steps: [hardenedContainer('s', { script: "#!/bin/sh\nenv -S 'sh ${G}' < cmds\n", env: [{ name: 'ENV', value: '$(params.x)' }], envFrom: [{ secretRef: { name: 's' } }] })],
    })).map((f) => [f.value, f.problem])).toEqual([["env -S 'sh ${G}' < cmds", `${SOURCES}; \${G} may hold a value not known here (an envFrom source may set it, whose keys `
      + 'are not known here), which may make the shell interactive (-i)']]);
  });

  test('bash -i reading its input runs the step\'s PROMPT_COMMAND (bash 5.2: `bash -i < /dev/null` runs it once); sh -i sources its ENV', () => {
    expect(run('PROMPT_COMMAND', 'bash -i < /dev/null')).toEqual([['bash -i < /dev/null',
      'runs as code the value of env var PROMPT_COMMAND, which holds $(params.x): an interactive bash runs as a command before each prompt',
      'Give PROMPT_COMMAND a fixed value written in the Task (or leave it unset), or run the shell without -i, which reads no PROMPT_COMMAND.']]);
    expect(run('ENV', 'sh -i -c true')).toEqual([['sh -i -c true',
      'runs as code the value of env var ENV, which holds $(params.x): an interactive shell sources as a script (the file it names, after parameter expansion)',
      'Give ENV a fixed value written in the Task (or leave it unset), or run the shell without -i, which reads no ENV.']]);
    // a bash whose posix mode is not seen: POSIXLY_CORRECT in the image's env or an envFrom source would make it source ENV
    expect(run('ENV', 'bash -i < /dev/null')).toEqual([['bash -i < /dev/null',
      'runs as code the value of env var ENV, which holds $(params.x): an interactive bash sources as a script (the file it names, after parameter expansion) '
      + "in posix mode, which POSIXLY_CORRECT in the image's env or an envFrom source (not seen here) turns on",
      'Give ENV a fixed value written in the Task (or leave it unset), or run the shell without -i, which reads no ENV.']]);
    // busybox's shell applets source it (busybox 1.36 ash.c), `+i` as `-i`
    expect(run('ENV', 'busybox sh -i < cmds').map((f) => f[0])).toEqual(['busybox sh -i < cmds']);
    expect(run('ENV', '/bin/busybox ash +i < cmds').map((f) => f[0])).toEqual(['/bin/busybox ash +i < cmds']);
    // no prompt with -c; no interactive shell (`busybox sh -c`, dash's `+i` unsets it)
    for (const [name, script] of [['PROMPT_COMMAND', 'bash -ic true'], ['ENV', 'bash -c true < /dev/null'], ['PROMPT_COMMAND', 'bash -c true'],
      ['ENV', 'busybox sh -c true'], ['ENV', 'dash +i < cmds']]) {
      expect([script, run(name, script)]).toEqual([script, []]);
    }
  });

  test('the step\'s PS1 and PS2 reach a child shell that prompts (dash 0.5.12 and bash 5.2 run `$(…)` in a PS1 of their environment), PS0 a bash', () => {
    const PS = (name: string, when: string) => `runs as code the value of env var ${name}, which holds $(params.x): an interactive shell expands as its prompt ${when}, `
      + 'running the command substitutions in it';
    const FIX = (name: string) => `Give ${name} a fixed value written in the Task (or leave it unset), or run the shell without -i, which expands no prompt.`;
    expect(run('PS1', 'sh -i < cmds')).toEqual([['sh -i < cmds', PS('PS1', 'before it reads each command'), FIX('PS1')]]);
    expect(run('PS2', 'dash -e -i build.sh')).toEqual([['dash -e -i build.sh', PS('PS2', 'for each continued line'), FIX('PS2')]]);
    expect(run('PS0', 'bash --norc -i < cmds')).toEqual([['bash --norc -i < cmds', PS('PS0', 'after it reads each command'), FIX('PS0')]]);
    // no prompt: code (-c), bash reading a script file, PS0 in dash, no interactive shell
    for (const [name, script] of [['PS1', 'sh -i -c true'], ['PS1', 'bash -i build.sh'], ['PS0', 'dash -i < cmds'], ['PS1', 'sh < cmds'], ['PS1', 'sh -- -i']]) {
      expect([script, run(name, script)]).toEqual([script, []]);
    }
  });

  test('every option group before the shell\'s first operand is read: `sh -e -i`, `bash --norc -i`, past the values of -o and --rcfile', () => {
    expect(run('ENV', 'sh -e -i < cmds').map((f) => f[0])).toEqual(['sh -e -i < cmds']);
    expect(run('ENV', 'dash -eo errexit -i < cmds').map((f) => f[0])).toEqual(['dash -eo errexit -i < cmds']);
    expect(run('PROMPT_COMMAND', 'bash --rcfile /dev/null -i < cmds').map((f) => f[0])).toEqual(['bash --rcfile /dev/null -i < cmds']);
    expect(run('PROMPT_COMMAND', 'bash -i - < cmds').map((f) => f[0])).toEqual(['bash -i - < cmds']);
    for (const [name, script] of [['ENV', 'sh -e -- -i'], ['PROMPT_COMMAND', 'bash --norc -i -- build.sh'], ['ENV', 'sh -c true -i']]) {
      expect([script, run(name, script)]).toEqual([script, []]);
    }
  });
});

describe('SCRIPT_INJECTION: values the script reaches by other ways', () => {
  test('a value printed from the environment (printenv, env) and run, and every sink behind builtin and command', () => {
    const run = (script: string) => SCRIPT_INJECTION.check(task({
      params: [{ name: 'x' }], steps: [hardenedContainer('s', { script: `#!/bin/bash\n${script}\n`, env: [{ name: 'X', value: '$(params.x)' }] })],
    })).map((f) => [f.value, f.problem]);
    const ran = (variable: string, how: string) => `runs as code the value of env var X, which holds $(params.x): ${how}${variable === 'X' ? '' : ` (through ${variable}, which the script assigns from it)`}`;
    // bash 5.2 with X='echo PWNED': `eval "$(printenv X)"`, `printenv X | sh` and `env | sh` (a line X=… is an assignment, its $(…)
    // runs; a line break in the value starts a command) each run it; a variable the script does not export is not printed
    expect(run('eval "$(printenv X)"')).toEqual([['eval "$(printenv X)"', ran('X', 'eval runs its words as code')]]);
    expect(run('export Y="$X"\neval "$(printenv Y)"')).toEqual([['eval "$(printenv Y)"', ran('Y', 'eval runs its words as code')]]);
    expect(run('printenv X | sh')).toEqual([['printenv X | sh', ran('X', 'sh reads it as code from what printenv prints of its environment and pipes to it')]]);
    expect(run('env | bash')).toEqual([['env | bash', ran('X', 'bash reads it as code from what env prints of its environment and pipes to it')]]);
    // an export reaches the commands after it (or in a loop with it, or where a function runs), in its subshell if in one; one in a
    // pipeline, a subshell the reader is not in, or the body of a function never called does not (bash 5.2 with X='echo PWNED', checked)
    expect(run('Y="$X"\n(export Y; printenv Y | sh)')).toEqual([['printenv Y | sh', ran('Y', 'sh reads it as code from what printenv prints of its environment and pipes to it')]]);
    expect(run('Y="$X"\nf() { printenv Y | sh; }\nexport Y\nf').map((f) => f[1])).toEqual([ran('Y', 'sh reads it as code from what printenv prints of its environment and pipes to it')]);
    expect(run('Y="$X"\nwhile true; do eval "$(printenv Y)"; export Y; done').map((f) => f[1])).toEqual([ran('Y', 'eval runs its words as code')]);
    for (const script of ['Y="$X"\nprintenv Y | sh\nexport Y', 'Y="$X"\n(export Y)\nprintenv Y | sh', 'Y="$X"\ng() { export Y; }\nprintenv Y | sh', 'Y="$X"\nexport Y | cat\neval "$(printenv Y)"',
      'Y="$X"\ng() ( export Y; )\ng\neval "$(printenv Y)"']) {
      expect([script, run(script)]).toEqual([script, []]);
    }
    expect(run('printenv X | while read -r l; do eval "$l"; done')).toEqual([['eval "$l"', ran('l', 'eval runs its words as code')]]);
    // the whole environment printed into eval or source, which names no variable (bash 5.2 with X='x; echo PWNED': a line X=… runs
    // after its `;`); not `env -i`, which prints none, nor a count of lines
    expect(run('eval "$(env)"')).toEqual([['eval "$(env)"', ran('X', 'eval runs its words as code')]]);
    expect(run('source <(printenv)')).toEqual([['source <(printenv)', ran('X', 'source reads it as code')]]);
    expect(run('eval "$(env -i)"\nN="$(env | grep -c X)"')).toEqual([]);
    // `set -o allexport` exports as `set -a` does, and `export "$n"` a name the script does not fix (bash 5.2, checked); not `set +o
    // allexport`, `set -o errexit`, nor `export "$n"=1`, which assigns what it exports
    expect(run('set -o allexport\nY="$X"\neval "$(printenv Y)"')).toEqual([['eval "$(printenv Y)"', ran('Y', 'eval runs its words as code')]]);
    expect(run('Y="$X"\nfor n in Y; do export "$n"; done\neval "$(printenv Y)"')).toEqual([['eval "$(printenv Y)"', ran('Y', 'eval runs its words as code')]]);
    for (const script of ['set +o allexport\nY="$X"\neval "$(printenv Y)"', 'set -o errexit\nY="$X"\neval "$(printenv Y)"', 'Y="$X"\nexport "$n"=1\neval "$(printenv Y)"']) {
      expect([script, run(script)]).toEqual([script, []]);
    }
    expect(run('builtin eval "$X"')).toEqual([['builtin eval "$X"', ran('X', 'eval runs its words as code')]]);
    expect(run('command let "n = X"')).toEqual([['command let "n = X"',
      ran('X', 'bash evaluates it as arithmetic, which runs the command substitutions of an array subscript in the value')]]);
    // an indirection whose name the script reads or builds may name X (bash 5.2: `read -r n` given X, then eval "${!n}" runs X's value)
    expect(SCRIPT_INJECTION.check(task({
      params: [{ name: 'x' }], steps: [hardenedContainer('s', { script: '#!/bin/bash\nread -r n < names\neval "${!n}"\n', env: [{ name: 'X', value: '$(params.x)' }] })],
    })).map((f) => [f.value, f.problem, f.fix])).toEqual([[
      'eval "${!n}"',
      'may run as code the value of env var X, which holds $(params.x): eval runs its words as code (through ${!n}, an indirection the script does not fix, '
      + 'which may name this env var or any other)',
      'Read a variable the script names literally (or check the name against the names allowed first), and pass its value as data, never as code: '
      + 'as a quoted argument of a fixed command, as in tool "$X".',
    ]]);
    // the indirection of a function's positional parameter, where every call passes a literal name there, is that name's value (bash 5.2:
    // `f() { eval "${!1}"; }; f X` runs X's value, `f HOME` HOME's); a call that passes anything else, or a body that shifts, may name any
    expect(run('f() { eval "${!1}"; }\nf X')).toEqual([['eval "${!1}"', ran('X', 'eval runs its words as code')]]);
    expect(run('f() { eval "${!2}"; }\nf HOME X\nY="$X"\nf HOME Y').map((f) => f[1])).toEqual([ran('X', 'eval runs its words as code')]);
    expect(run('f() { eval "${!1}"; }\nf "$N"')).toEqual([['eval "${!1}"', 'may run as code the value of env var X, which holds $(params.x): eval runs its words '
      + 'as code (through ${!1}, an indirection the script does not fix, which may name this env var or any other)']]);
    for (const script of ['f() { eval "${!1}"; }\nf HOME', 'f() { eval "${!2}"; }\nf X HOME', 'f() { echo "${!1}"; }\nf X']) expect([script, run(script)]).toEqual([script, []]);
    expect(run('f() { local -n r=$1; eval "$r"; }\nf X')).toEqual([['eval "$r"', 'may run as code the value of env var X, which holds $(params.x): eval runs its words '
      + 'as code (through r, a variable read through a name the script does not fix, which may name this env var or any other)']]);
    // what cp, install and dd copy from their input into a file that then runs (coreutils 9.1 and bash 5.2: each runs X's value)
    expect(run('cp /dev/stdin f <<< "$X"\nbash f')).toEqual([['bash f', ran('X', 'bash runs the file f, which `cp /dev/stdin f <<< "$X"` writes it to')]]);
    // (their operands read as coreutils reads them, copy-operands.ts: -T makes f the copy itself; a valued option's value is no operand)
    expect(run('cp -T /dev/stdin f <<< "$X"\nbash f')).toEqual([['bash f', ran('X', 'bash runs the file f, which `cp -T /dev/stdin f <<< "$X"` writes it to')]]);
    expect(run('install --mode 755 /dev/stdin f <<< "$X"\nbash f')).toEqual([['bash f', ran('X', 'bash runs the file f, which `install --mode 755 /dev/stdin f <<< "$X"` writes it to')]]);
    expect(run('echo "$X" | install -m 755 /dev/stdin /tmp/f\n/tmp/f')).toEqual([['/tmp/f',
      ran('X', 'it runs the file /tmp/f, which `echo "$X" | install -m 755 /dev/stdin /tmp/f` writes it to')]]);
    expect(run('printf %s "$X" | dd of=/tmp/g status=none\nsource /tmp/g')).toEqual([['source /tmp/g',
      ran('X', 'source runs the file /tmp/g, which `printf %s "$X" | dd of=/tmp/g status=none` writes it to')]]);
    // (dd writes the last of= given: coreutils 9)
    expect(run('printf %s "$X" | dd of=/tmp/a of=/tmp/g\nsource /tmp/g')).toEqual([['source /tmp/g',
      ran('X', 'source runs the file /tmp/g, which `printf %s "$X" | dd of=/tmp/a of=/tmp/g` writes it to')]]);
    // awk's program running a -v variable or ENVIRON["X"] as a command (mawk 1.3.4: each runs X's value)
    expect(run('awk -v c="$X" \'BEGIN { system(c) }\'')).toEqual([['awk -v c="$X" \'BEGIN { system(c) }\'',
      ran('X', 'awk -v sets c from it, which its program runs as a command (system(), a pipe or getline)')]]);
    expect(run('gawk --assign=c="$X" \'BEGIN { print "x" | c }\'').map((f) => f[1])).toEqual([
      ran('X', 'gawk --assign sets c from it, which its program runs as a command (system(), a pipe or getline)'),
    ]);
    expect(run('awk -vc="$X" \'BEGIN { while ((c | getline l) > 0) print l }\'')).toHaveLength(1);
    expect(run('awk \'BEGIN { system(ENVIRON["X"]) }\'').map((f) => f[1])).toEqual([
      ran('X', 'awk\'s program runs ENVIRON["X"] as a command (system(), a pipe or getline)'),
    ]);
    for (const script of ['awk -v c="$X" \'BEGIN { print c }\'', 'awk -v c="$X" \'BEGIN { if (a || c) print 1 }\'', 'awk -v c="$X" -v d=ls \'BEGIN { system(d) }\'']) {
      expect([script, run(script)]).toEqual([script, []]);
    }
    // expect's -c commands, Tcl (its man page: -c names commands to run before the script), before its script file
    expect(run('expect -d -c "spawn ssh $X"')).toEqual([['expect -d -c "spawn ssh $X"', ran('X', 'it is the code of expect -c, Tcl whose exec and spawn run programs')]]);
    for (const script of ['expect run.exp "$X"', 'expect run.exp -c "$X"', 'expect -f run.exp -- "$X"', 'expect -f run.exp -d a "$X"']) expect([script, run(script)]).toEqual([script, []]);
    // after -f FILE expect's getopt goes on up to the first operand (expect 5.45 here: `expect -f p.exp "$X"` with X='-cexec touch F' touches F)
    expect(run('expect -f run.exp "$X"')).toEqual([['expect -f run.exp "$X"', ran('X', 'it is an argument of expect before the file it runs, where the value may be an '
      + 'option that gives it other code to run (-c, -e, a module to load) or moves the file')]]);
    for (const script of ['cp /dev/stdin f <<< "$X"\ncat f', 'cp a f <<< "$X"\nbash f', 'cp -t /tmp /dev/stdin <<< "$X"\nbash f', 'install -d /dev/stdin f <<< "$X"\nbash f', 'echo "$X" | dd if=a of=f\nbash f']) {
      expect([script, run(script)]).toEqual([script, []]);
    }
    for (const script of ['Y="$X"\neval "$(printenv Y)"', 'env -i | sh', 'for v in A B; do [ -n "${!v}" ] || exit 1; done', 'printenv | grep -q X && echo ok', 'eval "$(printenv HOME)"', 'command -v "$X"']) {
      expect([script, run(script)]).toEqual([script, []]);
    }
  });

  test('gdb\'s commands (-ex, -iex, --eval-command= and its prefixes) and vim\'s Ex commands (-c, +, --cmd), and an argument a value starts before their options end', () => {
    const run = (script: string) => SCRIPT_INJECTION.check(task({
      params: [{ name: 'x' }], steps: [hardenedContainer('s', { script: `#!/bin/bash\n${script}\n`, env: [{ name: 'X', value: '$(params.x)' }] })],
    })).map((f) => [f.value, f.problem]);
    const ran = (how: string) => `runs as code the value of env var X, which holds $(params.x): ${how}`;
    const gdb = 'gdb runs it as typed at its prompt, where shell, !, pipe and python run programs';
    const vim = (name: string) => `${name} runs it as an Ex command line, where :! runs a shell and system() a program`;
    // gdb 13 with X='echo PWNED' runs each (getopt_long_only: options after its operands too, `-ev` a prefix of --eval-command)
    expect(run('gdb -batch -ex "shell $X"')).toEqual([['gdb -batch -ex "shell $X"', ran(`it is the command of gdb -ex: ${gdb}`)]]);
    expect(run('gdb -batch /bin/app -iex "$X"').map((f) => f[1])).toEqual([ran(`it is the command of gdb -iex: ${gdb}`)]);
    expect(run('gdb -batch --eval-command="shell $X" /bin/app').map((f) => f[1])).toEqual([ran(`it is the command of gdb --eval-command: ${gdb}`)]);
    expect(run('gdb -batch -ev "shell $X"').map((f) => f[1])).toEqual([ran(`it is the command of gdb -ev: ${gdb}`)]);
    expect(run('gdb -batch "$X"').map((f) => f[1])).toEqual([
      ran(`it starts an argument of gdb before the end of its options, an option where the value starts with -ex= or --eval-command=: ${gdb}`),
    ]);
    // vim 9.0 with X='!echo PWNED' runs each (options after its file names too; `-s` in Ex mode is silent, else it takes a file)
    expect(run('vim -es -c "$X" -c wq f')).toEqual([['vim -es -c "$X" -c wq f', ran(`it is the command of vim -c: ${vim('vim')}`)]]);
    expect(run('vim -es -c"$X"').map((f) => f[1])).toEqual([ran(`it is the command of vim -c: ${vim('vim')}`)]);
    expect(run('ex -s "+$X" f').map((f) => f[1])).toEqual([ran(`it is the command of ex +: ${vim('ex')}`)]);
    expect(run('vim -es f --cmd "echo \\"$X\\""').map((f) => f[1])).toEqual([ran(`it is the command of vim --cmd: ${vim('vim')}`)]);
    expect(run('vim -es -c wq "$X"').map((f) => f[1])).toEqual([
      ran(`it starts an argument of vim before the end of its options, an option where the value starts with + or -c: ${vim('vim')}`),
    ]);
    // the value as data: after `--` or `--args` (files, the program gdb debugs and its arguments), a value of another option, a
    // word that starts with text
    for (const script of ['gdb -batch -ex bt -- /bin/app "$X"', 'gdb -batch -ex run --args /bin/app -ex "$X"', 'vim -es -c wq -- "$X"',
      'vim -es -T "$X" -c wq f', 'vim -es -c wq "/src/$X"', 'echo "$X" | vim -es -c wq -']) {
      expect([script, run(script)]).toEqual([script, []]);
    }
  });

  test('at and batch read a job from their input, which atd runs with /bin/sh (at 3.2): not with -f, nor listing or removing jobs', () => {
    const run = (script: string) => SCRIPT_INJECTION.check(task({
      params: [{ name: 'x' }], steps: [hardenedContainer('s', { script: `#!/bin/bash\n${script}\n`, env: [{ name: 'X', value: '$(params.x)' }] })],
    })).map((f) => [f.value, f.problem]);
    const ran = (how: string) => `runs as code the value of env var X, which holds $(params.x): ${how}`;
    expect(run('echo "$X" | at now')).toEqual([['echo "$X" | at now', ran('at reads it as code from what echo pipes to it')]]);
    expect(run('at -q b now + 1 minute <<< "$X"')).toEqual([['at -q b now + 1 minute <<< "$X"', ran('at reads it as code from its input')]]);
    expect(run('batch <<EOF\n$X\nEOF').map((f) => f[1])).toEqual([ran('batch reads it as code from its input')]);
    for (const script of ['at -f job.sh now <<< "$X"', 'at -l <<< "$X"', 'echo "$X" | atq', 'echo "$X" | at -d 3']) expect([script, run(script)]).toEqual([script, []]);
  });

  test('coproc runs its command as any other: the code of eval, a shell, a group or a loop a coprocess runs (named or not)', () => {
    const run = (script: string) => SCRIPT_INJECTION.check(task({
      params: [{ name: 'x' }], steps: [hardenedContainer('s', { script: `#!/bin/bash\n${script}\n`, env: [{ name: 'X', value: '$(params.x)' }] })],
    })).map((f) => [f.value, f.problem]);
    const ran = (how: string) => `runs as code the value of env var X, which holds $(params.x): ${how}`;
    // bash 5.2 with X='echo PWNED' runs each; `coproc N eval "$X"` runs a program N (a name only before a compound command)
    for (const script of ['coproc eval "$X"', 'coproc { eval "$X"; }', 'coproc N { eval "$X"; }', 'coproc N (eval "$X")', 'coproc N while read -r l; do eval "$X"; done']) {
      expect([script, run(script).map((f) => f[1])]).toEqual([script, [ran('eval runs its words as code')]]);
    }
    expect(run('coproc bash -c "$X"')).toEqual([['bash -c "$X"', ran('it is the code of bash -c')]]);
    expect(run('coproc bash <<< "$X"').map((f) => f[1])).toEqual([ran('bash reads it as code from its input')]);
    for (const script of ['coproc N eval "$X"', 'coproc echo "$X"', 'coproc N { echo "$X"; }', 'coproc bash -c \'echo "$1"\' _ "$X"']) {
      expect([script, run(script)]).toEqual([script, []]);
    }
  });
});

describe('SCRIPT_INJECTION: scripts a step writes from a literal and runs', () => {
  // a script that runs PARAMS_SCRIPT as code, base64-encoded (coreutils 9.1 base64 -w0)
  const ENCODED = 'IyEvdXNyL2Jpbi9lbnYgYmFzaApldmFsICIke1BBUkFNU19TQ1JJUFR9Igo=';
  const step = (name: string, fields: object) => hardenedContainer(name, { volumeMounts: [{ name: 'scripts', mountPath: '/scripts' }], ...fields });
  const check = (steps: any[], env = [{ name: 'PARAMS_SCRIPT', value: '$(params.SCRIPT)' }]) => SCRIPT_INJECTION.check(task({
    params: [{ name: 'SCRIPT' }], volumes: [{ name: 'scripts', emptyDir: {} }], stepTemplate: { env }, steps,
  })).map((f) => [f.location, f.property, f.value, f.problem, f.fix]);
  const FIX = 'Pass "$PARAMS_SCRIPT" as data, never as code: as a quoted argument of a fixed command, or to a shell as a positional parameter '
    + '(sh -c \'tool "$1"\' _ "$PARAMS_SCRIPT").';
  const found = (location: string, value: string, how: string, fix = `${FIX} (In the script /scripts/run.sh the base64 literal encodes.)`) => [[location, 'script', value,
    `runs as code the value of env var PARAMS_SCRIPT, which holds $(params.SCRIPT): eval runs its words as code, in the script /scripts/run.sh, ${how}`, fix]];

  test('a base64 literal decoded into a file the same step runs (the OpenShift Pipelines catalog\'s tkn, opc and oc Tasks)', () => {
    const decode = `printf '%s' "${ENCODED}" | base64 -d >"/scripts/run.sh"`;
    const how = `which this step's script decodes from a base64 literal (\`printf '%s' "${ENCODED.slice(0, 12)}…" | base64 -d >"/scripts/run.sh"\`) and `;
    expect(check([step('s', { script: `set -e\n${decode}\nchmod +x /scripts/*.sh\n/scripts/run.sh $@\n` })]))
      .toEqual(found("step 's'", 'eval "${PARAMS_SCRIPT}"', `${how}this step's script (\`/scripts/run.sh $@\`) runs`));
    // run as bash's script, sourced, through exec, with --decode and -D, the literal split over lines (base64 -d ignores line breaks)
    for (const [write, run] of [[decode, 'bash /scripts/run.sh'], [decode, 'source /scripts/run.sh'], [decode, '. /scripts/run.sh'], [decode, 'exec /scripts/run.sh'],
      [decode.replace('-d', '--decode'), 'sh /scripts/run.sh'], [decode.replace('-d', '-D'), '/scripts/run.sh'],
      [`base64 -d > /scripts/run.sh <<'EOF'\n${ENCODED.slice(0, 20)}\n${ENCODED.slice(20)}\nEOF`, '/scripts/run.sh']]) {
      expect([write, run, check([step('s', { script: `${write}\n${run}\n` })]).length]).toEqual([write, run, 1]);
    }
    // not: the env var not set where it runs (the catalog's git-clone Task), a file never run, run before it is written, another file,
    // a literal that is not base64 (coreutils 9.1 stops at the space, and fails), a value the literal does not hold
    expect(check([step('s', { script: `${decode}\n/scripts/run.sh\n` })], [])).toEqual([]);
    for (const script of [decode, `/scripts/run.sh\n${decode}`, `${decode}\n/scripts/other.sh`, `${decode}\nbash -c /scripts/run.sh`,
      `printf '%s' "${ENCODED.slice(0, 8)} ${ENCODED.slice(8)}" | base64 -d > /scripts/run.sh\n/scripts/run.sh`,
      'printf \'%s\' "$X" | base64 -d > /scripts/run.sh\n/scripts/run.sh']) {
      expect([script, check([step('s', { script })])]).toEqual([script, []]);
    }
  });

  test('a literal tee writes, and a file a shell reads as its code from its input (bash 5.2 and dash, checked)', () => {
    const decode = `printf '%s' "${ENCODED}" | base64 -d | tee /scripts/run.sh`;
    const said = `printf '%s' "${ENCODED.slice(0, 12)}…" | base64 -d | tee /scripts/run.sh`;
    // (and what eval runs, or source reads, of what cat prints of it: in the script's own shell)
    for (const run of ['sh < /scripts/run.sh', 'cat /scripts/run.sh | bash -s -- x', 'bash /scripts/run.sh', 'eval "$(cat /scripts/run.sh)"', 'source <(cat /scripts/run.sh)']) {
      expect(check([step('s', { script: `${decode}\n${run}\n` })]))
        .toEqual(found("step 's'", 'eval "${PARAMS_SCRIPT}"', `which this step's script decodes from a base64 literal (\`${said}\`) and this step's script (\`${run}\`) runs`));
    }
    const tee = "tee /scripts/run.sh > /dev/null <<'EOF'\neval \"$PARAMS_SCRIPT\"\nEOF";
    expect(check([step('s', { script: `${tee}\nsh < /scripts/run.sh\n` })])).toEqual(found("step 's'", 'eval "$PARAMS_SCRIPT"',
      "which this step's script writes from a literal (`tee /scripts/run.sh > /dev/null <<'EOF'`) and this step's script (`sh < /scripts/run.sh`) runs", `${FIX} (In the script /scripts/run.sh the literal holds.)`));
    // not: a shell given code (-c), which reads no script from its input, or fed another file
    for (const script of [`${tee}\nsh -c true < /scripts/run.sh`, `${tee}\ncat /scripts/other.sh | sh`, `${tee}\necho "$(cat /scripts/run.sh)"`]) {
      expect([script, check([step('s', { script })])]).toEqual([script, []]);
    }
  });

  test('a literal written into a file a later step runs, read with that step\'s env (its command\'s args the positional parameters)', () => {
    const writer = step('write', { script: "cat > /scripts/run.sh <<'EOF'\n#!/bin/bash\neval \"$1\"\neval \"${PARAMS_SCRIPT}\"\nEOF\n" });
    const runner = step('run', { script: undefined, command: ['/scripts/run.sh'], args: ['$(params.SCRIPT)'], env: [{ name: 'PARAMS_SCRIPT', value: '$(params.SCRIPT)' }] });
    const how = "which this step's script writes from a literal (`cat > /scripts/run.sh <<'EOF'`) and the command of step 'run' runs";
    const fix = (f: string) => `${f} (In the script /scripts/run.sh the literal holds.)`;
    expect(check([writer, runner], [])).toEqual([
      ["step 'write'", 'script', 'eval "$1"', `runs as code args[0], which holds $(params.SCRIPT) and which the script gets as a positional parameter: eval runs its words as code (as $1), in the script /scripts/run.sh, ${how}`,
        fix('Keep the positional parameter data: pass it only as a quoted argument of a fixed command ("$1"), never as code or as the program, or give the value through env and check it against the values allowed first.')],
      ...found("step 'write'", 'eval "${PARAMS_SCRIPT}"', how, fix(FIX)),
    ]);
    // echo and printf of a literal too, a later step's script running it by a relative path under its workingDir
    const echoed = step('write', { script: 'echo \'eval "$PARAMS_SCRIPT"\' > /scripts/run.sh\n' });
    const relative = step('run', { script: 'sh ./run.sh\n', workingDir: '/scripts' });
    expect(check([echoed, relative]).map((f) => f[3])).toEqual([
      "runs as code the value of env var PARAMS_SCRIPT, which holds $(params.SCRIPT): eval runs its words as code, in the script /scripts/run.sh, which this step's script "
      + "writes from a literal (`echo 'eval \"$PARAMS_SCRIPT\"' > /scripts/run.sh`) and the script of step 'run' (`sh ./run.sh`) runs",
    ]);
    // not: a step before the writer, a later step that does not mount the volume (its own /scripts), a file outside the shared volume
    expect(check([relative, echoed])).toEqual([]);
    expect(check([echoed, hardenedContainer('run', { script: '/scripts/run.sh\n' })])).toEqual([]);
    expect(check([step('write', { script: 'echo \'eval "$PARAMS_SCRIPT"\' > /tmp/run.sh\n' }), step('run', { script: '/tmp/run.sh\n' })])).toEqual([]);
    // paths read as the kernel resolves them where no link is on the way (`..`, `.` and `//` from the text, as Go's path.Clean):
    // /scripts/../tmp/run.sh is each step's own /tmp/run.sh, not on the shared volume; /scripts/bin/../run.sh is /scripts/run.sh
    expect(check([step('write', { script: 'echo \'eval "$PARAMS_SCRIPT"\' > /scripts/../tmp/run.sh\n' }), step('run', { script: '/scripts/../tmp/run.sh\n' })])).toEqual([]);
    expect(check([echoed, step('run', { script: 'sh ../run.sh\n', workingDir: '/scripts/bin' })]).map((f) => f[3])).toEqual([
      "runs as code the value of env var PARAMS_SCRIPT, which holds $(params.SCRIPT): eval runs its words as code, in the script /scripts/run.sh, which this step's script "
      + "writes from a literal (`echo 'eval \"$PARAMS_SCRIPT\"' > /scripts/run.sh`) and the script of step 'run' (`sh ../run.sh`) runs",
    ]);
    expect(check([echoed, step('run', { script: 'bash /scripts//./run.sh\n' })]).map((f) => f[3])).toEqual([
      "runs as code the value of env var PARAMS_SCRIPT, which holds $(params.SCRIPT): eval runs its words as code, in the script /scripts/run.sh, which this step's script "
      + "writes from a literal (`echo 'eval \"$PARAMS_SCRIPT\"' > /scripts/run.sh`) and the script of step 'run' (`bash /scripts//./run.sh`) runs",
    ]);
  });
});

describe('SCRIPT_INJECTION fixes in YAML\'s words', () => {
  test('a value with single quotes is written as a YAML single-quoted string (each \' doubled)', () => {
    const named = (container: any) => SCRIPT_INJECTION.check(task({ params: [{ name: 'a' }], steps: [hardenedContainer('s', container)] })).map((f) => f.fix);
    expect(named({ script: "#!/bin/sh\necho $(params['a'])\n" })).toEqual([
      "Pass it through env instead: env: [{ name: 'A', value: '$(params[''a''])' }] and use \"$A\" (quoted) in the script.",
    ]);
    expect(named({ script: undefined, command: ['env', '-S', "tool --x $(params['a'])"] })).toEqual([
      "Pass it through env instead: env: [{ name: 'A', value: '$(params[''a''])' }] and write ${A} in the string instead (GNU env puts the value in that word, "
      + 'one argument of data, never split; it expands no $A without braces).',
    ]);
  });
});
