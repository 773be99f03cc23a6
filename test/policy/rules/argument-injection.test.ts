import { ApiObject, Testing } from 'cdk8s';
import { describeRule, hardenedContainer, pipelineEmbedding, task, taskSpec } from './fixtures';
import { LeastPrivilegeServiceAccount, RuleId, Severity } from '../../../src';
import { ruleContext } from '../../../src/policy/engine/context';
import { ARGUMENT_INJECTION } from '../../../src/policy/rules/argument-injection';
import { SCRIPT_INJECTION } from '../../../src/policy/rules/script-injection';
import { refusalLinesOf } from '../../helpers/constructs';

/** A Task whose step `s` runs `command` with `args` (no script). */
const commandTask = (command: string[] | undefined, args: string[] = [], extra: Record<string, any> = {}) =>
  task({ steps: [hardenedContainer('s', { script: undefined, command, args, ...extra })] });

const finding = (property: string, value: string, problem: string, location = "step 's'", target = 'step/s', kind = 'Task', name = 'build') => ({
  rule: RuleId.ARGUMENT_INJECTION, kind, name, location, target, property, value, problem,
});

const STARTS = "starts an argument, so a value starting with '-' becomes an option";
/** SCRIPT_INJECTION's finding of `$(params.x)` at `property` of step `s`, in the arguments of `shell`, which runs them as code. */
const pastedIntoShell = (property: string, shell: string) => ({
  rule: RuleId.SCRIPT_INJECTION,
  kind: 'Task',
  name: 'build',
  location: "step 's'",
  target: 'step/s',
  property,
  value: '$(params.x)',
  problem: `pastes a substitution into the arguments of ${shell}, which runs them as code`,
  fix: `Pass it through env instead: env: [{ name: 'X', value: '$(params.x)' }] and use "$X" (quoted) in the shell code ${shell} runs, as data.`,
});

describe('ARGUMENT_INJECTION', () => {
  describeRule(ARGUMENT_INJECTION, RuleId.ARGUMENT_INJECTION, Severity.HIGH, true);

  test('compliant: values inside an argument after a literal prefix, or after "--", of a named program', () => {
    expect(ARGUMENT_INJECTION.check(commandTask(['/kaniko/executor'], ['--destination=$(params.image):$(params.tag)', '--context=dir:///src']))).toEqual([]);
    expect(ARGUMENT_INJECTION.check(commandTask(['git'], ['clone', 'https://github.com/$(params.repo).git']))).toEqual([]);
    expect(ARGUMENT_INJECTION.check(commandTask(['/ko-app/cosign'], ['verify', '--', '$(params.image)']))).toEqual([]);
    // the task's own paths are not caller data
    expect(ARGUMENT_INJECTION.check(commandTask(['/bin/tool'], ['$(workspaces.src.path)/Makefile'], { workingDir: '$(workspaces.src.path)' }))).toEqual([]);
  });

  test('non-compliant: an array param as the whole element expands into its items, any of which can be an option; after "--" its items are operands', () => {
    const fix = 'Put the array after a literal "--", where its items are operands, or give the program the options it needs as literal '
      + 'arguments and pass the caller\'s values as string params behind a literal prefix that makes them data (Tekton checks an enum of string params only); '
      + 'or, if the callers are trusted to choose the options, relax ARGUMENT_INJECTION for this step with the reason.';
    const kn = (args: string[], params: any[]) => task({ params, steps: [hardenedContainer('s', { script: undefined, command: ['/ko-app/kn'], args })] });
    const expands = (name: string) => `is the whole of array param "${name}", which Tekton expands into its items: several arguments, any of which can be an option`;
    expect(ARGUMENT_INJECTION.check(kn(['$(params.ARGS)'], [{ name: 'ARGS', type: 'array', default: ['help'] }]))).toEqual([
      { ...finding('args[0]', '$(params.ARGS)', expands('ARGS')), fix },
    ]);
    // its type given by its default (Tekton's defaulting), in brackets; a string param stays one argument
    expect(ARGUMENT_INJECTION.check(kn(['$(params["D"])', '$(params.S)'], [{ name: 'D', default: ['x'] }, { name: 'S' }]))).toEqual([
      { ...finding('args[0]', '$(params["D"])', expands('D')), fix },
      finding('args[1]', '$(params.S)', STARTS),
    ]);
    expect(ARGUMENT_INJECTION.check(kn(['--', '$(params.ARGS)'], [{ name: 'ARGS', type: 'array' }]))).toEqual([]);
    // as SetDefaults and Go's decoding type them (param-types.ts): a default of numbers is one string, `properties: null` is none
    expect(ARGUMENT_INJECTION.check(kn(['$(params.N)', '$(params.P)'], [{ name: 'N', default: [1, 2] }, { name: 'P', properties: null, default: ['x'] }]))).toEqual([
      finding('args[0]', '$(params.N)', STARTS),
      { ...finding('args[1]', '$(params.P)', expands('P')), fix },
    ]);
  });

  test('non-compliant: a runner\'s "--" ends only its own options: the command after it reads its options afresh (tfcmt, npx, npm exec, uv run)', () => {
    const at = (property: string, value: string, problem: string) => finding(property, value, problem);
    const chooses = 'chooses the program that runs';
    const program = 'Write the program literally into the step\'s command, never from a param or result (to run one of several, give each its own step '
      + 'or task, chosen with a when expression); "--" before it or a constraint on the param does not make it data.';
    expect(ARGUMENT_INJECTION.check(commandTask(['/tfcmt/tfcmt'], ['-owner=$(params.owner)', 'plan', '--', 'terraform', '-chdir=$(params.dir)',
      '$(params.action)', '-input=false']))).toEqual([at('args[5]', '$(params.action)', STARTS)]);
    expect(ARGUMENT_INJECTION.check(commandTask(['npx'], ['--yes', '--', '$(params.tool)', '$(params.arg)']))).toEqual([
      { ...at('args[2]', '$(params.tool)', chooses), fix: program },
      at('args[3]', '$(params.arg)', STARTS),
    ]);
    expect(ARGUMENT_INJECTION.check(commandTask(['npm'], ['exec', '--package', 'eslint@9', '--', 'eslint', '$(params.arg)']))).toEqual([
      at('args[5]', '$(params.arg)', STARTS),
    ]);
    expect(ARGUMENT_INJECTION.check(commandTask(['uv'], ['run', '--with', 'ruff', '--', 'ruff', 'check', '$(params.arg)']))).toEqual([
      at('args[6]', '$(params.arg)', STARTS),
    ]);
    // the command's own "--" (npx runs `eslint`, whose "--" ends its options), another program's, or an interpreter's words stay data here
    expect(ARGUMENT_INJECTION.check(commandTask(['npx'], ['eslint', '--', '$(params.arg)']))).toEqual([]);
    expect(ARGUMENT_INJECTION.check(commandTask(['/ko-app/cosign'], ['verify', '--', 'terraform', '$(params.arg)']))).toEqual([]);
    expect(ARGUMENT_INJECTION.check(commandTask(['uv'], ['run', '--', 'python', 'x.py', '$(params.arg)']))).toEqual([]);
  });

  test('non-compliant: a package runner\'s package or command (npx, npm exec, uvx, pipx run, bunx, pnpm dlx, yarn dlx) chooses the code that runs', () => {
    const chooses = 'chooses the program that runs';
    const program = 'Write the program literally into the step\'s command, never from a param or result (to run one of several, give each its own step '
      + 'or task, chosen with a when expression); "--" before it or a constraint on the param does not make it data.';
    const runs = 'names the package it installs and runs a program of (any package of the registry, a git repository or an archive URL)';
    const fix = 'Write the command literally into the step (never from a param or result), or pass the value through env to a script that checks it.';
    const packaged = (property: string, option: string) => ({ ...finding(property, '$(params.p)', `is the value of ${option}, which ${runs}`), fix });
    // the first operand after their options: the command, which names the package too
    for (const [c, a, at] of [
      [['uvx'], ['--isolated', '$(params.p)'], 'args[1]'],
      [['uvx'], ['ruff@$(params.p)', 'check'], 'args[0]'],
      [['pipx'], ['run', '--no-cache', '$(params.p)'], 'args[2]'],
      [['bunx'], ['--bun', '$(params.p)'], 'args[1]'],
      // bun's x sub-command is bunx (its flags before the x too), not a file bun runs
      [['bun'], ['x', '$(params.p)'], 'args[1]'],
      [['bun'], ['x', '--bun', '$(params.p)'], 'args[2]'],
      [['bun'], ['--bun', 'x', '$(params.p)'], 'args[2]'],
      [['pnpm'], ['dlx', '$(params.p)'], 'args[1]'],
      [['yarn'], ['dlx', '-q', '$(params.p)'], 'args[2]'],
    ] as Array<[string[], string[], string]>) {
      expect([a, ARGUMENT_INJECTION.check(commandTask(c, a))]).toEqual([a, [{ ...finding(at, '$(params.p)', chooses), fix: program }]]);
    }
    // the option that names the package, in its own argument or after it
    expect(ARGUMENT_INJECTION.check(commandTask(['npx'], ['--package=$(params.p)', '--', 'tool']))).toEqual([packaged('args[0]', 'npx\'s --package')]);
    expect(ARGUMENT_INJECTION.check(commandTask(['npx'], ['-p', '$(params.p)', 'tool']))).toEqual([packaged('args[1]', 'npx\'s -p')]);
    expect(ARGUMENT_INJECTION.check(commandTask(['npm'], ['exec', '--package', 'git+https://git.example/$(params.p)', '--', 'tool'])))
      .toEqual([packaged('args[2]', 'npm\'s --package')]);
    expect(ARGUMENT_INJECTION.check(commandTask(['uvx'], ['--from', '$(params.p)', 'tool']))).toEqual([packaged('args[1]', 'uvx\'s --from')]);
    expect(ARGUMENT_INJECTION.check(commandTask(['pipx'], ['run', '--spec=$(params.p)', 'app']))).toEqual([packaged('args[1]', 'pipx\'s --spec')]);
    expect(ARGUMENT_INJECTION.check(commandTask(['bunx'], ['-p', '$(params.p)', 'tool']))).toEqual([packaged('args[1]', 'bunx\'s -p')]);
    expect(ARGUMENT_INJECTION.check(commandTask(['bun'], ['x', '-p', '$(params.p)', 'tool']))).toEqual([packaged('args[2]', 'bun\'s -p')]);
    expect(ARGUMENT_INJECTION.check(commandTask(['bun'], ['x', 'tool', '--', '$(params.p)']))).toEqual([]);
    // another first word is a file bun runs: its arguments are SCRIPT_INJECTION's
    expect(ARGUMENT_INJECTION.check(commandTask(['bun'], ['$(params.p)']))).toEqual([]);
    expect(ARGUMENT_INJECTION.check(commandTask(['yarn'], ['dlx', '--package', '$(params.p)', 'tool']))).toEqual([packaged('args[2]', 'yarn\'s --package')]);
    expect(ARGUMENT_INJECTION.check(commandTask(['uvx'], ['--with=$(params.p)', 'tool']))).toEqual([{
      ...finding('args[0]', '$(params.p)', "is the value of uvx's --with, which names a package it installs for the command (a source distribution or a git repository runs its build code)"),
      fix,
    }]);
    // npm's own -p is --parseable; the command's arguments after its "--" are data
    expect(ARGUMENT_INJECTION.check(commandTask(['npm'], ['exec', '-p', '--', 'tool', '--', '$(params.p)']))).toEqual([]);
    // npm's parser takes the first "--" after a command given as its first operand out: the command gets none
    expect(ARGUMENT_INJECTION.check(commandTask(['npm'], ['exec', '-p', 'tool', '--', '$(params.p)']))).toEqual([finding('args[4]', '$(params.p)', STARTS)]);
    expect(ARGUMENT_INJECTION.check(commandTask(['npm'], ['exec', '--package', 'x', 'tool', '--', '$(params.p)']))).toEqual([finding('args[5]', '$(params.p)', STARTS)]);
    expect(ARGUMENT_INJECTION.check(commandTask(['npx'], ['tool', '--', '$(params.p)']))).toEqual([]);
    expect(ARGUMENT_INJECTION.check(commandTask(['uvx'], ['ruff', 'check', '--', '$(params.p)']))).toEqual([]);
  });

  test('a runner\'s command that is an interpreter (npx, npm exec, uv run, tfcmt; with "--" or its first operand) is a program the step runs, as one behind env is', () => {
    const chooses = 'chooses the program that runs';
    const programFix = 'Write the program literally into the step\'s command, never from a param or result (to run one of several, give each its own step '
      + 'or task, chosen with a when expression); "--" before it or a constraint on the param does not make it data.';
    // its code: SCRIPT_INJECTION's, not an argument of the runner here
    for (const [c, a, at, shell] of [
      [['npx'], ['--yes', '--', 'sh', '-c', '$(params.x)'], 'args[4]', 'sh'],
      [['npm'], ['exec', '--', 'bash', '-c', '$(params.x)'], 'args[4]', 'bash'],
      [['uv'], ['run', '--', 'sh', '-ec', '$(params.x)'], 'args[4]', 'sh'],
      [['tfcmt'], ['plan', '--', 'sh', '-c', '$(params.x)'], 'args[4]', 'sh'],
      [['npx'], ['sh', '-c', '$(params.x)'], 'args[2]', 'sh'],
      [['uv'], ['run', '--frozen', 'bash', '-c', '$(params.x)'], 'args[4]', 'bash'],
      // tfcmt without "--": its first operand after the sub-command's flags (urfave/cli's `command` argument)
      [['tfcmt'], ['-var', 'a:b', 'plan', '-patch', 'sh', '-c', '$(params.x)'], 'args[6]', 'sh'],
    ] as Array<[string[], string[], string, string]>) {
      expect(ARGUMENT_INJECTION.check(commandTask(c, a))).toEqual([]);
      expect(SCRIPT_INJECTION.check(commandTask(c, a))).toEqual([pastedIntoShell(at, shell)]);
    }
    // the value as a plain argument after the code: $0, $1 of the shell, data
    for (const a of [['--', 'sh', '-c', 'echo "$1"', '_', '$(params.x)'], ['sh', '-c', 'echo "$1"', '_', '$(params.x)']]) {
      expect(ARGUMENT_INJECTION.check(commandTask(['npx'], a))).toEqual([]);
      expect(SCRIPT_INJECTION.check(commandTask(['npx'], a))).toEqual([]);
    }
    expect(SCRIPT_INJECTION.check(commandTask(['uv'], ['run', 'bash', '-c', 'echo "$0"', '$(params.x)']))).toEqual([]);
    expect(ARGUMENT_INJECTION.check(commandTask(['tfcmt'], ['--config', 'tfcmt.yaml', 'apply', '$(params.x)']))).toEqual([
      { ...finding('args[3]', '$(params.x)', chooses), fix: programFix },
    ]);
    // the wrappers between the "--" and the interpreter choose what runs
    expect(ARGUMENT_INJECTION.check(commandTask(['npx'], ['--', 'env', '-$(params.x)', 'sh', '-c', 'make']))).toEqual([
      finding('args[2]', '$(params.x)', 'follows only dashes, so the caller chooses which option it is'),
      { ...finding('args[2]', '$(params.x)', chooses), fix: programFix },
    ]);
    // the shell it runs reads ENV when interactive
    const env = [{ name: 'ENV', value: '$(params.x)' }];
    expect(ARGUMENT_INJECTION.check(commandTask(['npx'], ['--', 'sh', '-i'], { env }))).toEqual([{
      ...finding('env.ENV', '$(params.x)', 'sets ENV, which an interactive shell sources as a script (the file it names, after parameter expansion)'),
      fix: 'Give ENV a fixed value written in the Task (pass $(params.x) to the program some other way), or, if the param is constrained to safe values, '
        + 'relax ARGUMENT_INJECTION for this step with the reason.',
    }]);
    expect(ARGUMENT_INJECTION.check(commandTask(['npx'], ['--', 'sh', '-c', 'make'], { env }))).toEqual([]);
    // npx's and npm exec's -c (--call): shell code npm runs
    const call = (property: string, name: string, program: string) => ({
      ...finding(property, '$(params.x)', `is the value of ${program}'s ${name}, which runs as shell code (npm runs it with its script shell, sh -c)`),
      fix: 'Write the command literally into the step (never from a param or result), or pass the value through env to a script that checks it.',
    });
    expect(ARGUMENT_INJECTION.check(commandTask(['npx'], ['-c', '$(params.x)']))).toEqual([call('args[1]', '-c', 'npx')]);
    expect(ARGUMENT_INJECTION.check(commandTask(['npm'], ['exec', '--call=make $(params.x)']))).toEqual([call('args[1]', '--call', 'npm')]);
  });

  test('uv tool run, pnpm dlx with its options before dlx, yarn dlx -p: the command they run is a program of the step; pnpm dlx\'s shell mode runs shell code', () => {
    for (const [c, a, at] of [
      [['uv'], ['tool', 'run', 'sh', '-c', '$(params.x)'], 'args[4]'],
      [['uv'], ['tool', 'run', '--from', 'httpie', '--', 'sh', '-c', '$(params.x)'], 'args[7]'],
      [['pnpm'], ['--package=cowsay', 'dlx', 'sh', '-c', '$(params.x)'], 'args[4]'],
      [['pnpm'], ['--package', 'cowsay', 'dlx', 'sh', '-c', '$(params.x)'], 'args[5]'],
      [['yarn'], ['dlx', '-p', 'cowsay', 'sh', '-c', '$(params.x)'], 'args[5]'],
    ] as Array<[string[], string[], string]>) {
      expect([a, ARGUMENT_INJECTION.check(commandTask(c, a))]).toEqual([a, []]);
      expect([a, SCRIPT_INJECTION.check(commandTask(c, a))]).toEqual([a, [pastedIntoShell(at, 'sh')]]);
    }
    const fix = 'Write the command literally into the step (never from a param or result), or pass the value through env to a script that checks it.';
    const runs = 'names the package it installs and runs a program of (any package of the registry, a git repository or an archive URL)';
    expect(ARGUMENT_INJECTION.check(commandTask(['uv'], ['tool', 'run', '--from', '$(params.x)', 'tool']))).toEqual([
      { ...finding('args[3]', '$(params.x)', `is the value of uv's --from, which ${runs}`), fix },
    ]);
    expect(ARGUMENT_INJECTION.check(commandTask(['yarn'], ['dlx', '-p', '$(params.x)', 'tool']))).toEqual([
      { ...finding('args[2]', '$(params.x)', `is the value of yarn's -p, which ${runs}`), fix },
    ]);
    expect(ARGUMENT_INJECTION.check(commandTask(['pnpm'], ['--package', '$(params.x)', 'dlx', 'tool']))).toEqual([
      { ...finding('args[1]', '$(params.x)', `is the value of pnpm's --package, which ${runs}`), fix },
    ]);
    const shellMode = 'is in the command pnpm dlx runs in shell mode (-c, --shell-mode), which /bin/sh runs as code (the command and its arguments joined with spaces)';
    expect(ARGUMENT_INJECTION.check(commandTask(['pnpm'], ['--package', 'cowsay', 'dlx', '-c', 'echo $(params.x) | cowsay']))).toEqual([
      { ...finding('args[4]', '$(params.x)', shellMode), fix },
    ]);
    expect(ARGUMENT_INJECTION.check(commandTask(['pnpm'], ['-c', 'dlx', '--package', 'cowsay', 'cowsay', 'say $(params.x)']))).toEqual([
      { ...finding('args[5]', '$(params.x)', shellMode), fix },
    ]);
    // without shell mode the command's arguments are its own: after "--" data
    expect(ARGUMENT_INJECTION.check(commandTask(['pnpm'], ['dlx', '--package', 'cowsay', 'cowsay', '--', '$(params.x)']))).toEqual([]);
    // pnpm exec has the same shell mode, and pnpx is pnpm dlx: "--" in the joined code is no end of anything
    const modeOf = (runner: string) => shellMode.replace('pnpm dlx', runner);
    expect(ARGUMENT_INJECTION.check(commandTask(['pnpm'], ['exec', '-c', 'cowsay', '--', '$(params.x)']))).toEqual([
      { ...finding('args[4]', '$(params.x)', modeOf('pnpm exec')), fix },
    ]);
    expect(ARGUMENT_INJECTION.check(commandTask(['pnpx'], ['-c', 'cowsay', '$(params.x)']))).toEqual([
      { ...finding('args[2]', '$(params.x)', modeOf('pnpx')), fix },
    ]);
    // yarn exec: its first operand is code to yarn 2+ (@yarnpkg/shell), the program to yarn 1; the words after it are arguments
    const yarnExec = 'is the code of yarn exec, which yarn 2 and later run with their own shell, a POSIX-like one (yarn 1 runs it as the program)';
    expect(ARGUMENT_INJECTION.check(commandTask(['yarn'], ['exec', '$(params.x)']))).toEqual([{ ...finding('args[1]', '$(params.x)', yarnExec), fix }]);
    expect(ARGUMENT_INJECTION.check(commandTask(['yarn'], ['exec', 'tsc --project $(params.x)']))).toEqual([{ ...finding('args[1]', '$(params.x)', yarnExec), fix }]);
    expect(ARGUMENT_INJECTION.check(commandTask(['yarn'], ['exec', 'echo', '$(params.x)']))).toEqual([finding('args[2]', '$(params.x)', STARTS)]);
    expect(ARGUMENT_INJECTION.check(commandTask(['yarn'], ['exec', 'tsc', '--', '$(params.x)']))).toEqual([]);
    // its --cwd and a workspace named before the sub-command (yarn 1 and 4 read them there)
    expect(ARGUMENT_INJECTION.check(commandTask(['yarn'], ['--cwd', 'app', 'exec', '$(params.x)']))).toEqual([{ ...finding('args[3]', '$(params.x)', yarnExec), fix }]);
    expect(ARGUMENT_INJECTION.check(commandTask(['yarn'], ['--cwd=app', 'workspace', 'web', 'exec', '$(params.x)'])))
      .toEqual([{ ...finding('args[4]', '$(params.x)', yarnExec), fix }]);
    expect(ARGUMENT_INJECTION.check(commandTask(['yarn'], ['workspace', 'web', 'exec', 'tsc', '--', '$(params.x)']))).toEqual([]);
    // and `workspaces foreach`, which runs `yarn exec CODE` in each workspace (yarn 2 to 4), past its options
    expect(ARGUMENT_INJECTION.check(commandTask(['yarn'], ['workspaces', 'foreach', '-A', '--jobs', '2', 'exec', '$(params.x)'])))
      .toEqual([{ ...finding('args[6]', '$(params.x)', yarnExec), fix }]);
  });

  test('gdb\'s and vim\'s commands (-ex, --eval-command, -c, +CMD, --cmd) and files of commands (gdb -x, vim -u and -S, at and batch -f) run as code', () => {
    const fix = 'Write the command literally into the step (never from a param or result), or pass the value through env to a script that checks it.';
    const at = (property: string, problem: string) => ({ ...finding(property, '$(params.x)', problem), fix });
    const gdbRuns = 'typed at its prompt, where shell, !, pipe and python run programs';
    const vimRuns = 'an Ex command line, where :! runs a shell and system() a program';
    const restricted = 'an Ex command line; its restricted mode (-Z, rvim) refuses :! and system(), but its Ex commands still write any file the container can (:w, writefile())';
    expect(ARGUMENT_INJECTION.check(commandTask(['gdb'], ['-batch', '-ex', 'shell $(params.x)', './bin/app']))).toEqual([
      at('args[2]', `is the command of gdb's -ex, which it runs as ${gdbRuns}`),
    ]);
    expect(ARGUMENT_INJECTION.check(commandTask(['/usr/bin/gdb'], ['-batch', '--eval-c=$(params.x)']))).toEqual([
      at('args[1]', `is the command of gdb's --eval-c, which it runs as ${gdbRuns}`),
    ]);
    expect(ARGUMENT_INJECTION.check(commandTask(['gdb'], ['-batch', '-x', '$(params.x)']))).toEqual([
      at('args[2]', "is the value of gdb's -x, which names a file of commands gdb runs as typed at its prompt, where shell, !, pipe and python run programs "
        + '(any file the container can read)'),
    ]);
    expect(ARGUMENT_INJECTION.check(commandTask(['vim'], ['-c', '!$(params.x)']))).toEqual([at('args[1]', `is the command of vim's -c, which it runs as ${vimRuns}`)]);
    expect(ARGUMENT_INJECTION.check(commandTask(['vim'], ['-es', '+!$(params.x)', 'file.txt']))).toEqual([
      at('args[1]', `is the command of vim's +, which it runs as ${vimRuns}`),
    ]);
    // restricted mode refuses :! (E145) but not writing files
    expect(ARGUMENT_INJECTION.check(commandTask(['rvim'], ['-c', '!$(params.x)']))).toEqual([at('args[1]', `is the command of rvim's -c, which it runs as ${restricted}`)]);
    expect(ARGUMENT_INJECTION.check(commandTask(['vim'], ['-Z', '--cmd', 'w $(params.x)']))).toEqual([
      at('args[2]', `is the command of vim's --cmd, which it runs as ${restricted}`),
    ]);
    expect(ARGUMENT_INJECTION.check(commandTask(['vim'], ['-u', '$(params.x)']))).toEqual([
      at('args[1]', "is the value of vim's -u, which names the vimrc it reads, whose Ex commands run (:! a shell, system() a program; any file the container can read)"),
    ]);
    expect(ARGUMENT_INJECTION.check(commandTask(['nvim'], ['--headless', '-S', 'x/$(params.x).vim']))).toEqual([
      at('args[2]', "is the value of nvim's -S, which names a Vim script it sources, whose Ex commands run (:! a shell, system() a program; any file the container can read)"),
    ]);
    const job = 'names the file of the job it queues, which atd runs with /bin/sh (any file the container can read)';
    expect(ARGUMENT_INJECTION.check(commandTask(['at'], ['-f', '$(params.x)', 'now']))).toEqual([at('args[1]', `is the value of at's -f, which ${job}`)]);
    expect(ARGUMENT_INJECTION.check(commandTask(['batch'], ['-mf$(params.x)']))).toEqual([at('args[0]', `is the value of batch's -f, which ${job}`)]);
    // their data: gdb's program file, a file vim edits after "--", at's time
    expect(ARGUMENT_INJECTION.check(commandTask(['gdb'], ['-batch', '-ex', 'bt', './bin/$(params.x)']))).toEqual([]);
    expect(ARGUMENT_INJECTION.check(commandTask(['vim'], ['-es', '--', '+$(params.x)']))).toEqual([]);
    expect(ARGUMENT_INJECTION.check(commandTask(['at'], ['-f', 'job.sh', 'now', '+', '$(params.x)']))).toEqual([finding('args[4]', '$(params.x)', STARTS)]);
  });

  test('sudo and doas: the shell they run gets any env var (sudoers and doas.conf, which decide, are not seen); their -s runs $SHELL', () => {
    const t = (command: string[], env: any[], extra: Record<string, any> = {}) => commandTask(command, [], { env, ...extra });
    const fixOf = (name: string) => `Give ${name} a fixed value written in the Task (pass $(params.x) to the program some other way), or, if the param is `
      + 'constrained to safe values, relax ARGUMENT_INJECTION for this step with the reason.';
    const sets = (name: string, what: string) => [{ ...finding(`env.${name}`, '$(params.x)', `sets ${name}, which ${what}`), fix: fixOf(name) }];
    const ENV = [{ name: 'ENV', value: '$(params.x)' }];
    const sourced = sets('ENV', 'an interactive shell sources as a script (the file it names, after parameter expansion)');
    expect(ARGUMENT_INJECTION.check(t(['sudo', 'sh', '-i'], ENV))).toEqual(sourced);
    expect(ARGUMENT_INJECTION.check(t(['sudo', '-E', 'bash', '--posix', '-i'], ENV))).toEqual(sourced);
    expect(ARGUMENT_INJECTION.check(t(['doas', '-u', 'builder', 'sh', '-i'], ENV))).toEqual(sourced);
    // the shell `sudo -s` starts given no command reads its input: interactive on a terminal
    expect(ARGUMENT_INJECTION.check(t(['sudo', '-s'], ENV, { tty: true, stdin: true }))).toEqual(sourced);
    expect(ARGUMENT_INJECTION.check(t(['sudo', '-i'], [{ name: 'PS1', value: '$(params.x)' }], { tty: true, stdin: true })))
      .toEqual(sets('PS1', 'an interactive shell expands at each prompt (a command substitution in it runs)'));
    const SHELL = [{ name: 'SHELL', value: '$(params.x)' }];
    expect(ARGUMENT_INJECTION.check(t(['doas', '-s'], SHELL))).toEqual(sets('SHELL', 'doas runs as its shell (-s)'));
    expect(ARGUMENT_INJECTION.check(t(['sudo', '-s', 'make'], SHELL))).toEqual(sets('SHELL', 'sudo runs as its shell (-s)'));
    // no terminal, no -i: no interactive shell; -i runs the target user's login shell, a command none of SHELL's
    expect(ARGUMENT_INJECTION.check(t(['sudo', '-s'], ENV))).toEqual([]);
    expect(ARGUMENT_INJECTION.check(t(['sudo', 'sh', '-c', 'make'], ENV))).toEqual([]);
    expect(ARGUMENT_INJECTION.check(t(['sudo', '-i'], SHELL))).toEqual([]);
    expect(ARGUMENT_INJECTION.check(t(['sudo', 'make'], SHELL))).toEqual([]);
    expect(ARGUMENT_INJECTION.check(t(['doas', '-s', 'make'], SHELL))).toEqual([]);
  });

  test('non-compliant: a caller\'s SHELL beside su -m/-p without -s, flock -c or script, which run $SHELL; not where they run another shell', () => {
    const withShell = (command: string[], args: string[] = [], env: any[] = [{ name: 'SHELL', value: '$(params.shell)' }]) =>
      task({ steps: [hardenedContainer('s', { script: undefined, command, args, env })] });
    const fix = 'Give SHELL a fixed value written in the Task (pass $(params.shell) to the program some other way), or, if the param is '
      + 'constrained to safe values, relax ARGUMENT_INJECTION for this step with the reason.';
    const shell = (what: string) => [{ ...finding('env.SHELL', '$(params.shell)', `sets SHELL, which ${what}`), fix }];
    const su = 'su runs as its shell, keeping the environment (-m, -p) without -s';
    expect(ARGUMENT_INJECTION.check(withShell(['su', '-m', 'builder', '-c', 'make']))).toEqual(shell(su));
    expect(ARGUMENT_INJECTION.check(withShell(['timeout', '5m', 'su'], ['--preserve-environment', 'builder']))).toEqual(shell(su));
    expect(ARGUMENT_INJECTION.check(withShell(['runuser', '-p', 'builder']))).toEqual(shell('runuser runs as its shell, keeping the environment (-m, -p) without -s'));
    expect(ARGUMENT_INJECTION.check(withShell(['flock', '/tmp/lock', '-c', 'make']))).toEqual(shell('flock runs as the shell of its -c code'));
    expect(ARGUMENT_INJECTION.check(withShell(['script', '-q', '-c', 'make', '/dev/null']))).toEqual(shell('script runs as its shell'));
    // env's own assignment
    expect(ARGUMENT_INJECTION.check(withShell(['env', 'SHELL=$(params.shell)', 'su', '-p', 'builder'], [], []))).toEqual([
      finding('command[1]', '$(params.shell)', `sets SHELL through env, which ${su}`),
    ]);
    // -s names the shell, a login drops -m, runuser -u runs the command itself, flock runs the command itself, env -i drops SHELL
    expect(ARGUMENT_INJECTION.check(withShell(['su', '-m', '-s', '/bin/sh', 'builder', '-c', 'make']))).toEqual([]);
    expect(ARGUMENT_INJECTION.check(withShell(['su', '-l', '-m', 'builder', '-c', 'make']))).toEqual([]);
    expect(ARGUMENT_INJECTION.check(withShell(['su', '-', '-m', 'builder', '-c', 'make']))).toEqual([]);
    expect(ARGUMENT_INJECTION.check(withShell(['runuser', '-m', '-u', 'builder', 'make']))).toEqual([]);
    expect(ARGUMENT_INJECTION.check(withShell(['flock', '/tmp/lock', 'make']))).toEqual([]);
    expect(ARGUMENT_INJECTION.check(withShell(['env', '-i', 'su', '-m', 'builder']))).toEqual([]);
    expect(ARGUMENT_INJECTION.check(withShell(['su', 'builder', '-c', 'make']))).toEqual([]);
  });

  test('non-compliant: a StepAction run with a workspace path the Task\'s mount path lets a caller choose: its own text quoted, and what it becomes', () => {
    const action = {
      apiVersion: 'tekton.dev/v1beta1',
      kind: 'StepAction',
      metadata: { name: 'clone', namespace: 'ci' },
      spec: { image: 'x', params: [{ name: 'dir' }], command: ['git'], args: ['clone', '$(params.dir)'] },
    };
    const t = task({
      params: [{ name: 'sub' }],
      workspaces: [{ name: 'source', mountPath: '/ws/$(params.sub)' }],
      steps: [{ name: 's', ref: { name: 'clone' }, params: [{ name: 'dir', value: '$(workspaces.source.path)' }] }],
    });
    expect(ARGUMENT_INJECTION.check(t, ruleContext([t, action]))).toEqual([
      finding('args[1]', '$(params.dir)', `${STARTS} (in StepAction 'clone', which this step runs, where "$(params.dir)" becomes "$(workspaces.source.path)": `
        + 'the value this step passes to param dir)'),
    ]);
  });

  test('non-compliant: a caller\'s value in an env var that a program runs as code, also beside an interpreter and in the stepTemplate', () => {
    const withEnv = (env: any[], script = '#!/bin/sh\ngit fetch\n') => task({ steps: [hardenedContainer('s', { script, env })] });
    const fix = (name: string, value: string) => `Give ${name} a fixed value written in the Task (pass ${value} to the program some other way), or, if the param is `
      + 'constrained to safe values, relax ARGUMENT_INJECTION for this step with the reason.';
    expect(ARGUMENT_INJECTION.check(withEnv([{ name: 'GIT_SSH_COMMAND', value: 'ssh -i /k $(params.sshOptions)' }]))).toEqual([{
      ...finding('env.GIT_SSH_COMMAND', '$(params.sshOptions)', 'sets GIT_SSH_COMMAND, which git runs as a command'),
      fix: fix('GIT_SSH_COMMAND', '$(params.sshOptions)'),
    }]);
    const summary = (m: any) => ARGUMENT_INJECTION.check(m).map((f) => [f.location, f.property, f.problem]);
    expect(summary(withEnv([
      { name: 'NODE_OPTIONS', value: '--max-old-space-size=$(params.memory)' },
      { name: 'BASH_ENV', value: '$(workspaces.src.path)/$(params.env-file)' },
      { name: 'GIT_CONFIG_VALUE_0', value: '$(tasks.fetch.results.command)' },
      { name: 'LD_PRELOAD', value: '$(params.lib)' },
    ]))).toEqual([
      ["step 's'", 'env.NODE_OPTIONS', 'sets NODE_OPTIONS, which node reads as options (--require and --import run code)'],
      ["step 's'", 'env.BASH_ENV', 'sets BASH_ENV, which bash sources as a script (the file it names) before a non-interactive script'],
      ["step 's'", 'env.GIT_CONFIG_VALUE_0', 'sets GIT_CONFIG_VALUE_0, which git reads as configuration (core.sshCommand, core.pager and aliases run commands)'],
      ["step 's'", 'env.LD_PRELOAD', 'sets LD_PRELOAD, which the dynamic loader or libc loads libraries from'],
    ]);
    // the stepTemplate's env is reported once, on the stepTemplate
    const templated = task({ stepTemplate: { env: [{ name: 'PS4', value: '+ $(params.prefix) ' }] }, steps: [hardenedContainer('s')] });
    expect(summary(templated)).toEqual([['stepTemplate', 'env.PS4', 'sets PS4, which bash expands as code under `set -x` (a command substitution in it runs)']]);
    // one only a shell the step runs reads (ENV, the prompts) is reported on the step that runs it, and on the stepTemplate where the
    // shell is the template's own command, which a step without one inherits
    const envTemplate = (template: any, step: any) => task({ stepTemplate: { env: [{ name: 'ENV', value: '$(params.x)' }], ...template }, steps: [hardenedContainer('s', { script: undefined, ...step })] });
    const INTERACTIVE = 'which an interactive shell sources as a script (the file it names, after parameter expansion)';
    expect(summary(envTemplate({}, { command: ['sh', '-i'] }))).toEqual([["step 's'", 'env.ENV', `sets ENV (in the stepTemplate), ${INTERACTIVE}`]]);
    expect(summary(envTemplate({ command: ['sh', '-i'] }, {}))).toEqual([['stepTemplate', 'env.ENV', `sets ENV, ${INTERACTIVE}`]]);
    expect(summary(envTemplate({}, { command: ['sh', '-c', 'make'] }))).toEqual([]);
    // data: other names, values Tekton fixes, valueFrom
    expect(summary(withEnv([
      { name: 'GIT_URL', value: '$(params.url)' }, { name: 'GIT_SSH_COMMAND', value: 'ssh -i $(workspaces.ssh.path)/id_ed25519' },
      { name: 'NODE_OPTIONS', valueFrom: { configMapKeyRef: { name: 'x', key: 'y' } } }, { name: 'git_ssh_command', value: '$(params.x)' },
      // read only by interactive shells
      { name: 'ENV', value: '$(params.env)' }, { name: 'PROMPT_COMMAND', value: '$(params.x)' },
    ]))).toEqual([]);
    // more names that run code: prefixes and configuration paths
    expect(summary(withEnv([
      { name: 'npm_config_script_shell', value: '$(params.shell)' }, { name: 'TF_CLI_ARGS_plan', value: '$(params.args)' },
      { name: 'GIT_CONFIG_GLOBAL', value: '$(params.cfg)' }, { name: 'TAR_OPTIONS', value: '$(params.tar)' }, { name: 'GOFLAGS', value: '$(params.flags)' },
    ])).map((f) => f[1])).toEqual(['env.npm_config_script_shell', 'env.TF_CLI_ARGS_plan', 'env.GIT_CONFIG_GLOBAL', 'env.TAR_OPTIONS', 'env.GOFLAGS']);
  });

  test('non-compliant: a caller\'s value in the env vars that load code through configuration, switch bash to noexec, or loosen what tools verify', () => {
    const names = ['CARGO_BUILD_RUSTC_WRAPPER', 'SBT_OPTS', 'MANPAGER', 'PIP_CONFIG_FILE', 'GRADLE_USER_HOME', 'CARGO_HOME', 'CURL_HOME', 'WGETRC', 'PHPRC',
      'SHELLOPTS', 'BASHOPTS', 'CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUNNER', 'GIT_SSL_NO_VERIFY', 'NODE_TLS_REJECT_UNAUTHORIZED', 'GONOSUMDB', 'HTTPS_PROXY'];
    const m = task({ steps: [hardenedContainer('s', { script: '#!/bin/bash\nmake\n', env: names.map((name) => ({ name, value: '$(params.x)' })) })] });
    expect(ARGUMENT_INJECTION.check(m).map((f) => f.property)).toEqual(names.map((n) => `env.${n}`));
    expect(ARGUMENT_INJECTION.check(m).find((f) => f.property === 'env.SHELLOPTS')?.problem)
      .toBe('sets SHELLOPTS, which bash turns on the options of at start (noexec runs nothing, so a check passes without checking)');
    // a literal value is the task's own
    expect(ARGUMENT_INJECTION.check(task({ steps: [hardenedContainer('s', { script: '#!/bin/bash\nmake\n', env: [{ name: 'GOPROXY', value: 'https://proxy.golang.org' }] })] }))).toEqual([]);
  });

  test('non-compliant: a caller\'s value in the env vars that choose the daemon the container CLIs send registry credentials to, or where they read credentials and registries', () => {
    const names = ['DOCKER_HOST', 'DOCKER_CONTEXT', 'CONTAINER_HOST', 'CONTAINER_CONNECTION', 'BUILDKIT_HOST', 'DOCKER_CERT_PATH', 'DOCKER_TLS_VERIFY',
      'DOCKER_CONFIG', 'REGISTRY_AUTH_FILE', 'CONTAINERS_REGISTRIES_CONF', 'CONTAINERS_CONF', 'BUILD_REGISTRY_SOURCES'];
    const m = task({ steps: [hardenedContainer('s', { script: '#!/bin/sh\ndocker push registry.example.com/a/b:1\n', env: names.map((name) => ({ name, value: '$(params.x)' })) })] });
    expect(ARGUMENT_INJECTION.check(m).map((f) => f.property)).toEqual(names.map((n) => `env.${n}`));
    const problem = (name: string) => ARGUMENT_INJECTION.check(m).find((f) => f.property === `env.${name}`)?.problem;
    expect(problem('DOCKER_HOST')).toBe('sets DOCKER_HOST, which the container CLIs (docker, podman, buildctl) read to choose and verify the daemon or build service '
      + 'they send registry credentials to, which builds and runs what they ask');
    expect(problem('DOCKER_CONFIG')).toBe('sets DOCKER_CONFIG, which the docker CLI reads config.json from (the registry credentials it sends, '
      + 'a credential helper it runs, the context that names its daemon)');
    expect(problem('REGISTRY_AUTH_FILE')).toBe('sets REGISTRY_AUTH_FILE, which podman, buildah and skopeo read registry credentials from, and where their login writes them');
    // a literal daemon, and the repository pushed to (the registry's own credentials go with it), are the task's
    const env = [{ name: 'DOCKER_HOST', value: 'tcp://localhost:2376' }, { name: 'KO_DOCKER_REPO', value: '$(params.repo)' }];
    expect(ARGUMENT_INJECTION.check(task({ steps: [hardenedContainer('s', { script: '#!/bin/sh\ndocker push "$KO_DOCKER_REPO"\n', env })] }))).toEqual([]);
  });

  test('env NAME=VALUE before the program sets env vars: judged as the container\'s env (after env\'s options and their values)', () => {
    const summary = (command: string[], args: string[] = []) => ARGUMENT_INJECTION.check(commandTask(command, args))
      .map((f) => [f.property, f.value, f.problem]);
    expect(summary(['env', 'GIT_SSH_COMMAND=ssh -i $(params.x)', 'git', 'clone', 'https://example.com/r.git'])).toEqual([
      ['command[1]', '$(params.x)', 'sets GIT_SSH_COMMAND through env, which git runs as a command'],
    ]);
    // beside an interpreter too (its arguments are SCRIPT_INJECTION's)
    expect(summary(['env', 'BASH_ENV=$(params.x)', 'bash', 'build.sh'])).toEqual([
      ['command[1]', '$(params.x)', 'sets BASH_ENV through env, which bash sources as a script (the file it names) before a non-interactive script'],
    ]);
    expect(summary(['env', '-i', '-u', 'HOME', '--chdir', '/src'], ['LD_PRELOAD=$(tasks.a.results.lib)', 'tool'])).toEqual([
      ['args[0]', '$(tasks.a.results.lib)', 'sets LD_PRELOAD through env, which the dynamic loader or libc loads libraries from'],
    ]);
    expect(summary(['env', 'ENV=$(params.x)', 'sh', '-ic', 'make'])).toEqual([
      ['command[1]', '$(params.x)', 'sets ENV through env, which an interactive shell sources as a script (the file it names, after parameter expansion)'],
    ]);
    expect(summary(['env', '$(params.name)=1', 'tool'])).toEqual([['command[1]', '$(params.name)', 'lets the caller choose which env var env sets for the program']]);
    // data: other names (as in env), fixed values, ENV for a shell that is not interactive
    expect(summary(['env', 'FOO=$(params.x)', 'TOKEN=$(params.t)', 'tool'])).toEqual([]);
    expect(summary(['env', 'PATH=/usr/bin:/bin', 'git', 'fetch'])).toEqual([]);
    expect(summary(['env', 'ENV=$(params.x)', 'sh', '-c', 'make'])).toEqual([]);
  });

  test('ENV runs code where the shell is interactive: an option group with i right after the shell, or in the script\'s #! line', () => {
    const env = [{ name: 'ENV', value: '$(params.env)' }];
    const ENV_PROBLEM = 'sets ENV, which an interactive shell sources as a script (the file it names, after parameter expansion)';
    const summary = (m: any) => ARGUMENT_INJECTION.check(m).map((f) => [f.property, f.value, f.problem]);
    for (const step of [
      { script: undefined, command: ['sh', '-ic', 'git fetch'], env },
      { script: undefined, command: ['/bin/ksh', '-i', 'build.sh'], env },
      { script: undefined, command: ['env', 'dash', '-ei'], args: ['build.sh'], env },
      { script: '#!/bin/sh -i\ngit fetch\n', env },
      { script: '  #!/usr/bin/dash -ei\ngit fetch\n', env },
      // every option group before the first operand (dash 0.5.12 sources ENV for `sh -e -i`), and env -S's split #! line
      { script: undefined, command: ['sh', '-e', '-i'], env },
      { script: undefined, command: ['dash', '-o', 'errexit', '-i', 'build.sh'], env },
      { script: '#!/usr/bin/env -S sh -i\ngit fetch\n', env },
      { script: '#!/usr/bin/env -S sh -e -i\ngit fetch\n', env },
      // bash in posix mode sources ENV when interactive: by its options (`-posix` is bash's `--posix`) or POSIXLY_CORRECT, POSIX_PEDANTIC
      // in its environment, any value (bash 5.2 shell.c run_startup_files)
      { script: undefined, command: ['bash', '--posix', '-i', '-c', 'true'], env },
      { script: undefined, command: ['bash', '-posix', '-i'], env },
      { script: undefined, command: ['/bin/rbash', '-o', 'posix', '-ic', 'true'], env },
      { script: undefined, command: ['bash', '-i', '-c', 'true'], env: [...env, { name: 'POSIXLY_CORRECT', value: '' }] },
      { script: undefined, command: ['bash', '-i'], env: [{ name: 'POSIX_PEDANTIC', value: '1' }, ...env] },
      // SHELLOPTS in its environment naming posix among its options, or of a value not known here, which bash imports at start-up
      // (bash 5.2 builtins/set.def initialize_shell_options; checked with bash 5.2: SHELLOPTS=posix bash -i sources ENV)
      { script: undefined, command: ['bash', '-i', '-c', 'true'], env: [...env, { name: 'SHELLOPTS', value: 'braceexpand:posix' }] },
      { script: undefined, command: ['bash', '-i'], env: [{ name: 'SHELLOPTS', valueFrom: { configMapKeyRef: { name: 'sh', key: 'opts' } } }, ...env] },
      // env's own assignments reach bash as the container's env does; a #! line running bash -i (the kernel passes `-i`, then the
      // script file: bash is interactive) in posix mode by the env, or env -S's split line (checked with bash 5.2: each sources ENV)
      { script: undefined, command: ['env', 'POSIXLY_CORRECT=1', 'bash', '-i'], env },
      { script: undefined, command: ['/usr/bin/env', 'SHELLOPTS=posix', 'bash', '-ic', 'true'], env },
      { script: '#!/bin/bash -i\ngit fetch\n', env: [...env, { name: 'POSIXLY_CORRECT', value: '1' }] },
      { script: '#!/bin/bash -i\ngit fetch\n', env: [...env, { name: 'SHELLOPTS', value: 'posix' }] },
      { script: '#!/usr/bin/env -S bash --posix -i\ngit fetch\n', env },
      { script: '#!/usr/bin/env -S POSIXLY_CORRECT=1 bash -e -i\ngit fetch\n', env },
      { script: '#!/usr/bin/env -S bash -o posix -i\ngit fetch\n', env },
      // env -S's string as the container's command: the shell's options are its words after the shell
      { script: undefined, command: ['env', '-S', 'sh -i'], env },
      { script: undefined, command: ['env', '-S', 'bash --posix -i -c true'], env },
      // env -S's own assignments reach bash (GNU coreutils 9.1 env.c: its split words are env's arguments), and env's through busybox's
      // applets (busybox 1.36 env applet; ash.c sources ENV when interactive), and busybox's shell applet through env -S's #! line
      { script: undefined, command: ['env', '-S', 'POSIXLY_CORRECT=1 bash -i'], env },
      { script: undefined, command: ['busybox', 'env', 'POSIXLY_CORRECT=1', 'bash', '-i'], env },
      { script: undefined, command: ['env', 'SHELLOPTS=posix', 'busybox', 'sh', '-i'], env },
      { script: '#!/usr/bin/env -S busybox sh -i\ngit fetch\n', env },
      { script: '#!/usr/bin/env -S /bin/busybox ash -e -i\ngit fetch\n', env },
      // `-o interactive` (dash 0.5.12 sources ENV), ksh93's --interactive, and the names Debian's ksh93 and mksh packages install
      { script: undefined, command: ['sh', '-o', 'interactive'], env },
      { script: undefined, command: ['dash', '-eo', 'interactive', '-c', 'true'], env },
      { script: undefined, command: ['ksh93', '--interactive'], env },
      { script: undefined, command: ['/bin/lksh', '-i'], env },
      { script: undefined, command: ['rksh93', '-ic', 'true'], env },
    ]) {
      expect(summary(task({ steps: [hardenedContainer('s', step)] }))).toEqual([['env.ENV', '$(params.env)', ENV_PROBLEM]]);
    }
    // not interactive: no i, i not in the option group right after the shell, a non-shell, a #! line without it; and zsh,
    // which sources ENV only in sh or ksh emulation
    for (const step of [
      { script: undefined, command: ['bash', '--posix', '-c', 'git fetch'], env: [...env, { name: 'POSIXLY_CORRECT', value: '1' }] },
      // a #! line's one argument after the program (Linux): `--posix -i` is no option bash knows, and it runs nothing
      { script: '#!/bin/bash --posix -i\ngit fetch\n', env },
      { script: undefined, command: ['env', 'POSIXLY_CORRECT=1', 'bash', '-c', 'true'], env },
      { script: undefined, command: ['env', '-S', 'sh -c true -i'], env },
      { script: undefined, command: ['sh', '+o', 'interactive'], env },
      { script: undefined, command: ['/usr/bin/zsh', '-i', 'build.sh'], env },
      { script: undefined, command: ['sh', '-c', 'git fetch'], env },
      { script: undefined, command: ['sh', '-c', 'git fetch', '-i'], env },
      { script: undefined, command: ['python3', '-i', 'x.py'], env },
      { script: '#!/bin/sh -e\ngit fetch -i\n', env },
      { script: '#!/bin/sh\nsh -i\n', env },
      // -i past the options: an operand after `--` or `-`, the value of -o
      { script: undefined, command: ['sh', '--', '-i'], env },
      { script: undefined, command: ['sh', '-e', '-', '-i'], env },
      { script: undefined, command: ['sh', '-o', '-i'], env },
      // the kernel passes `-e -i` as one argument, which dash refuses
      { script: '#!/bin/sh -e -i\ngit fetch\n', env },
      // the kernel passes `sh -i` as busybox's one argument: no applet has that name, nothing runs
      { script: '#!/bin/busybox sh -i\ngit fetch\n', env },
    ]) {
      expect(summary(task({ steps: [hardenedContainer('s', step)] }))).toEqual([]);
    }
  });

  test('the value of an option a known program\'s parser reads as taking one is data (kaniko\'s executor, pflag); other options and programs stay findings', () => {
    const summary = (command: string[], args: string[]) => ARGUMENT_INJECTION.check(commandTask(command, args))
      .map((f) => [f.property, f.value, f.problem]);
    // pflag 1.0 flag.go parseLongArg: `--flag VALUE` takes the next argument whatever it starts with (no NoOptDefVal); a
    // shorthand last in its group too; kaniko's root.go registers these with StringVarP/VarP (Shipwright's kaniko strategy)
    for (const args of [
      ['--dockerfile', '$(params.dockerfile)', '--context', '$(params.shp-source-context)', '--destination', '$(params.image)', '--snapshot-mode', 'redo', '--no-push',
        '--tar-path', '$(params.out)/image.tar', '--ignore-path', '/product_uuid'],
      ['-f', '$(params.dockerfile)'],
      ['--no-push', 'ctx', '-d', '$(params.image)'],
      ['--dockerfile=Dockerfile', '--build-arg', '$(params.arg)'],
    ]) {
      expect([args, summary(['/kaniko/executor'], args)]).toEqual([args, []]);
    }
    // a bool before it (pflag reads `--no-push` alone), an option not known, a value glued in the group (`-cf`: c's value is
    // `f`), a substitution read before it (it may be an option), an array's element, another program or path of the name
    for (const [command, args, at] of [
      [['/kaniko/executor'], ['--no-push', '$(params.x)'], 'args[1]'],
      [['/kaniko/executor'], ['--verbosity', '$(params.x)'], 'args[1]'],
      [['/kaniko/executor'], ['-cf', '$(params.x)'], 'args[1]'],
      [['/kaniko/executor'], ['$(params.a)', '--dockerfile', '$(params.x)'], 'args[2]'],
      [['/kaniko/executor'], ['--label', '$(params.list[*])', '--dockerfile', '$(params.x)'], 'args[3]'],
      [['executor'], ['--dockerfile', '$(params.x)'], 'args[1]'],
      [['/usr/local/bin/disk-uploader'], ['--pushtimeout', '$(params.x)'], 'args[1]'],
    ] as Array<[string[], string[], string]>) {
      expect([args, summary(command, args).filter((f) => f[1] === '$(params.x)')]).toEqual([args, [[at, '$(params.x)', STARTS]]]);
    }
  });

  test('buildah build and push (cobra, pflag): the word after an option that takes a value is its value; a value in `--opt=` stays in its word', () => {
    const check = (command: string[]) => ARGUMENT_INJECTION.check(commandTask(command));
    // OpenShift's s2i Tasks: `-t` takes the next word whatever it starts with (buildah v1.44 pkg/cli/common.go StringArrayVarP), and
    // `--tls-verify=$(params.TLSVERIFY)` keeps its value in its own word, so the next word is not consumed
    expect(check(['buildah', 'bud', '--storage-driver=vfs', '--tls-verify=$(params.TLSVERIFY)', '--layers', '-f', '/gen-source/Dockerfile.gen',
      '-t', '$(params.IMAGE)', '.'])).toEqual([]);
    expect(check(['/usr/bin/buildah', 'build', '--build-arg', '$(params.arg)', '--authfile', '$(params.auth)', '-qt', '$(params.IMAGE)',
      '--pull', '--file=$(params.dockerfile)', '--format', 'docker', '--storage-driver', 'vfs', '-t$(params.tag)', '--tag', '$(params.IMAGE)', '.'])).toEqual([]);
    expect(check(['buildah', 'push', '--tls-verify=$(params.TLSVERIFY)', '--digestfile', '$(params.out)', '-f', '$(params.format)', 'img',
      'docker://$(params.IMAGE)'])).toEqual([]);
    // skopeo copy (v1.20): `--dest-creds` takes the next word, `--src-tls-verify` (NoOptDefVal "true") does not
    expect(check(['skopeo', 'copy', '--src-tls-verify=$(params.verify)', '--dest-creds', '$(params.creds)', 'docker://$(params.src)', 'docker://$(params.dst)']))
      .toEqual([]);
    expect(check(['skopeo', 'copy', '--src-tls-verify', '$(params.IMAGE)', 'docker://x'])).toEqual([finding('command[3]', '$(params.IMAGE)', STARTS)]);
    // cosign sign (v3.1): the word after -a is its value; the value of --key, in the next word or after `=` (pflag reads both alike), is
    // a finding whatever it starts with (a pkcs11: URI's module-path names a library cosign loads), and the image after it starts an argument
    expect(check(['cosign', 'sign', '--key', 'k8s://tekton/cosign', '-a', '$(params.annotation)', '--tlog-upload=$(params.tlog)', 'img@sha256:0'])).toEqual([]);
    const KEY = "is the value of cosign's --key, which names the key, and a pkcs11: URI's module-path names a library cosign (built with pkcs11key) loads and runs";
    const KEY_FIX = 'Write the command literally into the step (never from a param or result), or pass the value through env to a script that checks it.';
    expect(check(['cosign', 'sign', '--key', '$(params.key)', '$(params.IMAGE)'])).toEqual([
      { ...finding('command[3]', '$(params.key)', KEY), fix: KEY_FIX }, finding('command[4]', '$(params.IMAGE)', STARTS),
    ]);
    expect(check(['/ko-app/cosign', 'sign', '--key=$(params.key)', '--', '$(params.IMAGE)'])).toEqual([{ ...finding('command[2]', '$(params.key)', KEY), fix: KEY_FIX }]);
    expect(check(['cosign', 'verify', '--key', 'pkcs11:$(params.uri)', '--', '$(params.IMAGE)'])).toEqual([{ ...finding('command[3]', '$(params.uri)', KEY), fix: KEY_FIX }]);
    expect(check(['cosign', 'verify', '--key=pkcs11:token=t?module-path=$(params.lib)', 'img'])).toEqual([{ ...finding('command[2]', '$(params.lib)', KEY), fix: KEY_FIX }]);
    // behind a literal start that no pkcs11: URI has (`k8s://`, `./`) the key is data; pflag takes no abbreviation (`--ke=` is refused:
    // cosign runs nothing); a literal key passes
    expect(check(['cosign', 'verify', '--key', 'k8s://$(params.namespace)/cosign', '--key=./$(params.file)', '--', '$(params.IMAGE)'])).toEqual([]);
    expect(check(['cosign', 'verify', '--ke=$(params.key)', '--key=cosign.pub', 'img'])).toEqual([]);
    // the first operand (buildah push's image), a word after a bool (`--layers`, `--pull` with its NoOptDefVal), after an operand
    // (SetInterspersed(false): buildah reads no option after it), after a substitution that may be an option or name one, an option
    // buildah's build does not have, a shorthand group holding a substitution, or another sub-command: findings as before
    for (const [command, at] of [
      [['buildah', 'push', '--storage-driver=vfs', '--tls-verify=$(params.TLSVERIFY)', '--digestfile=/ws/image-digest', '$(params.IMAGE)',
        'docker://$(params.IMAGE)'], 'command[5]'],
      [['buildah', 'bud', '--layers', '$(params.IMAGE)'], 'command[3]'],
      [['buildah', 'bud', '--pull', '$(params.IMAGE)'], 'command[3]'],
      [['buildah', 'bud', '.', '-t', '$(params.IMAGE)'], 'command[4]'],
      [['buildah', 'bud', '$(params.flag)', '-t', '$(params.IMAGE)'], 'command[4]'],
      [['buildah', 'bud', '--$(params.flag)=x', '-t', '$(params.IMAGE)'], 'command[4]'],
      [['buildah', 'bud', '-q$(params.flag)', '-t', '$(params.IMAGE)'], 'command[4]'],
      [['buildah', 'bud', '--digestfile', '$(params.IMAGE)'], 'command[3]'],
      [['buildah', 'tag', '-t', '$(params.IMAGE)'], 'command[3]'],
      [['buildah', '--log-level', 'debug', 'bud', '-t', '$(params.IMAGE)'], 'command[5]'],
    ] as Array<[string[], string]>) {
      expect([command, check(command).filter((f) => f.value === '$(params.IMAGE)')]).toEqual([command, [finding(at, '$(params.IMAGE)', STARTS)]]);
    }
    // an option whose value names a program buildah (or the runtime) runs: a finding, in the next word as after `=`
    const RUNS = 'Write the command literally into the step (never from a param or result), or pass the value through env to a script that checks it.';
    expect(check(['buildah', 'bud', '--runtime', '$(params.runtime)', '-t', 'img', '.'])).toEqual([
      { ...finding('command[3]', '$(params.runtime)', "is the value of buildah's --runtime, which names the OCI runtime program it runs"), fix: RUNS },
    ]);
    expect(check(['buildah', 'bud', '--hooks-dir=$(params.hooks)', '--cdi-config-dir', '$(workspaces.src.path)/$(params.cdi)', '.'])).toEqual([
      { ...finding('command[2]', '$(params.hooks)', "is the value of buildah's --hooks-dir, which names the directory of OCI hooks, whose programs run for each container"), fix: RUNS },
      { ...finding('command[4]', '$(params.cdi)', "is the value of buildah's --cdi-config-dir, which names the directory of CDI specs, whose hooks run for each container"), fix: RUNS },
    ]);
  });

  test('git clone (parse-options): the word after --branch, --depth, -b … is its value; the repository operand and options that run code stay findings', () => {
    const check = (command: string[]) => ARGUMENT_INJECTION.check(commandTask(command));
    expect(check(['git', 'clone', '--branch', '$(params.revision)', '--depth', '$(params.depth)', 'https://github.com/$(params.repo).git', '/ws/src'])).toEqual([]);
    expect(check(['git', '-C', '/ws', 'clone', '-qb', '$(params.revision)', '--recurse-submodules=$(params.paths)', '--single-branch',
      '--origin=$(params.remote)', '-j', '$(params.jobs)', 'https://x/r.git'])).toEqual([]);
    // the repository (an operand), after an option not listed (an abbreviation, a --no- form), `--recurse-submodules` without `=`
    // (its value is optional: the next word is an operand), another sub-command, a substitution before the sub-command
    for (const [command, at] of [
      [['git', 'clone', '--branch', 'main', '$(params.url)'], 'command[4]'],
      [['git', 'clone', '--bran', '$(params.url)'], 'command[3]'],
      [['git', 'clone', '--recurse-submodules', '$(params.url)'], 'command[3]'],
      [['git', 'fetch', '--depth', '$(params.url)'], 'command[3]'],
      [['git', '-c', '$(params.cfg)', 'clone', '--branch', '$(params.url)'], 'command[5]'],
    ] as Array<[string[], string]>) {
      expect([command, check(command).filter((f) => f.value === '$(params.url)')]).toEqual([command, [finding(at, '$(params.url)', STARTS)]]);
    }
    // options whose value runs: clone's -u, --upload-pack, -c, --config and --template (its hooks, post-checkout among them, run)
    const RUNS = 'Write the command literally into the step (never from a param or result), or pass the value through env to a script that checks it.';
    expect(check(['git', 'clone', '--template', '$(params.tpl)', '-b', 'main', 'https://x/r.git'])).toEqual([
      {
        ...finding('command[3]', '$(params.tpl)', "is the value of git's --template, which names the template directory, whose hooks git copies into the new "
        + 'repository (clone runs post-checkout)'),
        fix: RUNS,
      },
    ]);
    expect(check(['git', 'clone', '--branch', 'main', '-u', '$(params.pack)', 'https://x/r.git'])).toEqual([
      { ...finding('command[5]', '$(params.pack)', "is the value of git's -u, which runs as the upload-pack command"), fix: RUNS },
    ]);
  });

  // git 2.39 run here: `git clone --branch -- --upload-pack='touch PWNED; git-upload-pack' src dst` took "--" for the branch and ran the
  // upload-pack command (PWNED was created) before it failed on the branch; the "--" a separator only where no option takes it
  test('a "--" that is the value of the option before it (git clone --branch --, -b --) ends no options: the word after it is a finding, saying why', () => {
    const check = (command: string[]) => ARGUMENT_INJECTION.check(commandTask(command));
    for (const [command, option] of [[['git', 'clone', '--branch', '--', '$(params.url)'], '--branch'], [['git', 'clone', '-b', '--', '$(params.url)'], '-b']] as const) {
      expect(check([...command])).toEqual([{
        ...finding('command[4]', '$(params.url)', `${STARTS} (the '--' before it is the value of ${option}, so it ends no options)`),
        fix: `Write the "--" after that option's value (${option} VALUE --), where it ends the options, or put the value behind a literal prefix that makes it data, or pass it through env to a script.`,
      }]);
    }
    // a "--" after an option's value, or where no option takes it, is a separator (and a "--" after one is data)
    for (const command of [['git', 'clone', '--depth', '1', '--', '$(params.url)'], ['git', 'clone', '--', '$(params.url)'], ['git', 'clone', '--', '--', '$(params.url)']]) {
      expect([command, check(command)]).toEqual([command, []]);
    }
  });

  // GNU tar 1.34 run here: `tar -xf -- --help` printed tar's help (-f took "--" for the archive), `tar -tf -- a.tar` said
  // "tar: --: Cannot open", `tar xf -- --help` (the traditional first word) printed the help too; `tar -x -f a.tar -- --help` said
  // "--help: Not found in archive" and `tar -C -xf -- --help` read --help as a file (-C took "-xf"); coreutils 9.1, grep 3.8, rsync 3.5
  // and git 2.39 run alike (`cp -at -- --bogus`, `grep -e -- --bogus`, `rsync -ae -- --bogus`, `git rebase -X -- --bogus` refused
  // --bogus as an option; `ls -la -- --bogus`, `grep -rn -- --bogus`, `git checkout -f -- --bogus` read it as an operand); `tar -x --file --
  // --help` printed the help, `tar -x --sparse -f a.tar -- --help` and `ls --color -- --bogus` read the word as an operand
  test('a "--" that a known program\'s option takes as its value (tar -xf --, the last letter of a group; tar --file --) ends no options: the word after it is a finding', () => {
    const check = (command: string[]) => ARGUMENT_INJECTION.check(commandTask(command));
    const dashes = (word: string, of: string) => ({
      ...finding('command[3]', '$(params.x)', `${STARTS} (the '--' before it is the value of ${of}, so it ends no options)`),
      fix: `Write the "--" after that option's value (${word} VALUE --), where it ends the options, or put the value behind a literal prefix that makes it data, or pass it through env to a script.`,
    });
    for (const [command, word, of] of [
      [['tar', '-xf', '--', '$(params.x)'], '-xf', 'the -f of -xf'],
      [['/usr/bin/tar', '-czf', '--', '$(params.x)'], '-czf', 'the -f of -czf'],
      [['tar', 'xf', '--', '$(params.x)'], 'xf', 'the -f of xf'],
      [['cp', '-at', '--', '$(params.x)'], '-at', 'the -t of -at'],
      [['grep', '-e', '--', '$(params.x)'], '-e', '-e'],
      [['sort', '-o', '--', '$(params.x)'], '-o', '-o'],
      [['ls', '-I', '--', '$(params.x)'], '-I', '-I'],
      [['rsync', '-ae', '--', '$(params.x)'], '-ae', 'the -e of -ae'],
      [['git', 'rebase', '-X', '--', '$(params.x)'], '-X', '-X'],
      [['git', 'checkout', '-b', '--', '$(params.x)'], '-b', '-b'],
      [['tar', '-x', '--file', '--', '$(params.x)'], '--file', '--file'],
      [['grep', '--regexp', '--', '$(params.x)'], '--regexp', '--regexp'],
    ] as Array<[string[], string, string]>) {
      const at = `command[${command.indexOf('$(params.x)')}]`;
      expect([command, check(command)]).toEqual([command, [{ ...dashes(word, of), property: at }]]);
    }
    // a group holding a substitution may end in a letter that takes it
    expect(check(['tar', '-x$(params.o)', '--', '$(params.x)'])).toEqual([{
      ...finding('command[3]', '$(params.x)', `${STARTS} (the '--' before it may be the value of -x$(params.o), so it may end no options)`),
      fix: 'Write the "--" after that option\'s value (-x$(params.o) VALUE --), where it ends the options, or put the value behind a literal prefix that makes it data, or pass it through env to a script.',
    }]);
    // the "--" after the option's value, after a group whose letters take none, after a value-taking letter followed by its value in the
    // same word, after an option's value that looks like a group (-C -xf), or after an optional value (git rebase -S): it ends the options
    for (const command of [['tar', '-x', '-f', 'a.tar', '--', '$(params.x)'], ['tar', '-xfa.tar', '--', '$(params.x)'], ['tar', '-C', '-xf', '--', '$(params.x)'],
      ['tar', 'xf', 'a.tar', '--', '$(params.x)'], ['git', 'rebase', '-S', '--', '$(params.x)'], ['grep', '-n5', '--', '$(params.x)'], ['sort', '-y', '--', '$(params.x)'],
      ['tar', '-x', '--sparse', '--', '$(params.x)'], ['ls', '--color', '--', '$(params.x)'], ['tar', '--directory', '-xf', '--', '$(params.x)']]) {
      expect([command, check(command)]).toEqual([command, []]);
    }
  });

  // GNU tar 1.34 and grep 3.8 run here: `tar -xf -- -C --bogus`, `tar -xf -- --directory --bogus`, `tar -xf -- -xC --bogus` said
  // "tar: --: Cannot open" (-C took --bogus for its directory, no option error), `grep -e -- -e --bogus f` looked for both patterns;
  // `tar -xf -- --bogus` said "unrecognized option '--bogus'"; git 2.39 `git checkout -b -- -B --bogus`: "options '-b', '-B', and '--orphan'
  // cannot be used together" (no unknown option)
  test('after a "--" an option took as its value, the value of the next option that takes one (tar -xf -- -C VALUE) is no finding; a word after it is', () => {
    const check = (command: string[]) => ARGUMENT_INJECTION.check(commandTask(command));
    for (const command of [['tar', '-xf', '--', '-C', '$(params.x)'], ['tar', '-xf', '--', '--directory', '$(params.x)'], ['tar', '-xf', '--', '-xC', '$(params.x)'],
      ['grep', '-e', '--', '-e', '$(params.x)', 'f'], ['git', 'checkout', '-b', '--', '-B', '$(params.x)']]) {
      expect([command, check(command)]).toEqual([command, []]);
    }
    const dashes = (at: string) => ({
      ...finding(at, '$(params.x)', `${STARTS} (the '--' before it is the value of the -f of -xf, so it ends no options)`),
      fix: 'Write the "--" after that option\'s value (-xf VALUE --), where it ends the options, or put the value behind a literal prefix that makes it data, or pass it through env to a script.',
    });
    expect(check(['tar', '-xf', '--', '$(params.x)'])).toEqual([dashes('command[3]')]);
    // the word after -C's value, and after a flag (-v takes none)
    expect(check(['tar', '-xf', '--', '-C', 'dir', '$(params.x)'])).toEqual([dashes('command[5]')]);
    expect(check(['tar', '-xf', '--', '-v', '$(params.x)'])).toEqual([dashes('command[4]')]);
    // a group holding a substitution may take no value
    expect(check(['tar', '-xf', '--', '-$(params.o)', '$(params.x)'])).toEqual([
      finding('command[3]', '$(params.o)', 'follows only dashes, so the caller chooses which option it is'), dashes('command[4]'),
    ]);
  });

  // git 2.39 run here: `git fetch -o -- '--upload-pack=touch P; git-upload-pack'` in a clone of a local repository created P, as did
  // `git push -o -- '--receive-pack=touch P; git-receive-pack' origin HEAD:refs/heads/zz`; `git commit -m -- --bogus`, `git tag -m --`,
  // `git worktree add -b --`, `git checkout --orphan --`, `git switch --orphan --`, `git commit --message --` said "unknown option `bogus'";
  // `git commit -m msg -- --bogus`, `git tag -m msg v1 -- --bogus`, `git commit -S -- --bogus` and `git push -o x -- --bogus` read --bogus as
  // a pathspec, a ref or a repository
  test('a "--" that a git sub-command\'s option takes as its value (fetch -o, push -o, commit -m, tag -m, worktree add -b, checkout --orphan) ends no options', () => {
    const check = (command: string[]) => ARGUMENT_INJECTION.check(commandTask(command));
    for (const [command, word] of [
      [['git', 'fetch', '-o', '--', '$(params.x)'], '-o'], [['git', 'push', '-o', '--', '$(params.x)'], '-o'], [['git', 'commit', '-m', '--', '$(params.x)'], '-m'],
      [['git', 'commit', '-am', '--', '$(params.x)'], '-am'], [['git', 'tag', '-m', '--', '$(params.x)'], '-m'], [['git', 'worktree', 'add', '-b', '--', '$(params.x)'], '-b'],
      [['git', 'checkout', '--orphan', '--', '$(params.x)'], '--orphan'], [['git', 'switch', '--orphan', '--', '$(params.x)'], '--orphan'],
      [['git', 'commit', '--message', '--', '$(params.x)'], '--message'], [['git', 'fetch', '--upload-pack', '--', '$(params.x)'], '--upload-pack'],
    ] as Array<[string[], string]>) {
      const of = word === '-am' ? 'the -m of -am' : word;
      expect([command, check(command)]).toEqual([command, [{
        ...finding(`command[${command.length - 1}]`, '$(params.x)', `${STARTS} (the '--' before it is the value of ${of}, so it ends no options)`),
        fix: `Write the "--" after that option's value (${word} VALUE --), where it ends the options, or put the value behind a literal prefix that makes it data, or pass it through env to a script.`,
      }]]);
    }
    // after the option's value, after an optional value (commit -S), or a value given with "=": the "--" ends the options
    for (const command of [['git', 'commit', '-m', 'msg', '--', '$(params.x)'], ['git', 'tag', '-m', 'msg', 'v1', '--', '$(params.x)'],
      ['git', 'commit', '-S', '--', '$(params.x)'], ['git', 'commit', '--message=msg', '--', '$(params.x)'], ['git', 'push', '-o', 'ci.skip', '--', '$(params.x)'],
      ['git', 'fetch', 'origin', '--', '$(params.x)'], ['git', 'worktree', 'add', '-b', 'new', '--', '$(params.x)'], ['git', 'checkout', '--orphan', 'new', '--', '$(params.x)'],
      ['git', 'tag', '-a', 'v1', '-m', 'msg', '--', '$(params.x)']]) {
      expect([command, check(command)]).toEqual([command, []]);
    }
  });

  // coreutils 9.1 and gzip 1.12 run here: `install -t -- --bogus` (-g, -m, -o, -S, --target-directory, --strip-program alike), `chown --reference
  // -- --bogus`, `chgrp --reference -- --bogus`, `gzip -S -- --bogus`, `gunzip -S -- --bogus` said "unrecognized option '--bogus'"; `install -t
  // dir -- --bogus`, `install -D -- --bogus`, `chown -R --reference f -- --bogus`, `gzip -S .z -- --bogus` read --bogus as a file
  test('a "--" that install\'s -t, chown\'s and chgrp\'s --reference or gzip\'s -S takes as its value ends no options; after the value it does', () => {
    const check = (command: string[]) => ARGUMENT_INJECTION.check(commandTask(command));
    for (const [command, word, of] of [
      [['install', '-t', '--', '$(params.x)'], '-t', '-t'], [['install', '-Dm', '--', '$(params.x)'], '-Dm', 'the -m of -Dm'],
      [['install', '--target-directory', '--', '$(params.x)'], '--target-directory', '--target-directory'],
      [['chown', '--reference', '--', '$(params.x)'], '--reference', '--reference'], [['chgrp', '--reference', '--', '$(params.x)'], '--reference', '--reference'],
      [['gzip', '-S', '--', '$(params.x)'], '-S', '-S'], [['gzip', '-dS', '--', '$(params.x)'], '-dS', 'the -S of -dS'], [['gunzip', '-S', '--', '$(params.x)'], '-S', '-S'],
    ] as Array<[string[], string, string]>) {
      expect([command, check(command)]).toEqual([command, [{
        ...finding(`command[${command.length - 1}]`, '$(params.x)', `${STARTS} (the '--' before it is the value of ${of}, so it ends no options)`),
        fix: `Write the "--" after that option's value (${word} VALUE --), where it ends the options, or put the value behind a literal prefix that makes it data, or pass it through env to a script.`,
      }]]);
    }
    for (const command of [['install', '-t', '/dir', '--', '$(params.x)'], ['install', '-m', '755', '--', '$(params.x)', '/bin/'], ['install', '-D', '--', '$(params.x)', '/bin/x'],
      ['install', '--backup', '--', '$(params.x)', '/bin/'], ['chown', '-R', '--reference', 'ref', '--', '$(params.x)'], ['chown', '-R', '1000', '--', '$(params.x)'],
      ['chgrp', '--reference=ref', '--', '$(params.x)'], ['gzip', '-S', '.z', '--', '$(params.x)'], ['gzip', '-9', '--', '$(params.x)'], ['gzip', '-dc', '--', '$(params.x)']]) {
      expect([command, check(command)]).toEqual([command, []]);
    }
  });

  // rv25 #2's common forms: each program, run here (coreutils 9.1, grep 3.8, git 2.39, GNU tar 1.34, bash 5.2), ends its options at the
  // "--" (`ls -la -- --help`, `wc -l -- --help`, `du -sh -- --help`: "cannot access '--help'"; `git checkout -f -- --upload-pack=x`: no
  // such pathspec); a program not known here is never read as taking the "--" (`mytool -xf --`)
  test('the "--" after flags ends the options: the common forms (git checkout -f --, ls -la --, grep -rn --, wc -l --, du -sh --, rm -rf --) are no findings', () => {
    const check = (command: string[]) => ARGUMENT_INJECTION.check(commandTask(command));
    for (const command of [
      ['git', 'checkout', '-f', '--', '$(params.x)'], ['git', 'add', '-A', '--', '$(params.x)'], ['git', 'diff', '--exit-code', '--', '$(params.x)'],
      ['git', 'log', '--oneline', '--', '$(params.x)'], ['ls', '-la', '--', '$(params.x)'], ['grep', '-q', '--', '$(params.x)', '/etc/passwd'],
      ['grep', '-rn', '--', '$(params.x)', '.'], ['wc', '-l', '--', '$(params.x)'], ['du', '-sh', '--', '$(params.x)'], ['diff', '-u', '--', '$(params.x)', 'b'],
      ['sha256sum', '-c', '--', '$(params.x)'], ['chown', '-R', '--', '1000', '$(params.x)'], ['basename', '-a', '--', '$(params.x)'],
      ['skopeo', 'inspect', '--raw', '--', '$(params.x)'], ['npm', 'run', 'build', '--silent', '--', '$(params.x)'],
      ['tar', '-xzf', '/tmp/a.tgz', '-C', '/tmp', '--no-same-owner', '--', '$(params.x)'], ['test', '-n', '--', '$(params.x)'],
      ['rm', '-rf', '--', '$(params.x)'], ['mkdir', '-p', '--', '$(params.x)'], ['cp', '-a', '--', '$(params.x)', '/tmp/'], ['mv', '-f', '--', '$(params.x)', '/tmp/'],
      ['ln', '-sf', '--', '$(params.x)', '/tmp/l'], ['touch', '-c', '--', '$(params.x)'], ['chmod', '-R', '--', '755', '$(params.x)'], ['cat', '-n', '--', '$(params.x)'],
      ['sort', '-rn', '--', '$(params.x)'], ['rsync', '-a', '--', '$(params.x)', '/tmp/'], ['mytool', '-xf', '--', '$(params.x)'],
    ]) {
      expect([command, check(command)]).toEqual([command, []]);
    }
  });

  test('curl (its own parser, 7.74 to 8.22): the word after -o, -H, --data … is its value; the URL and the word after a flag stay findings', () => {
    const check = (command: string[]) => ARGUMENT_INJECTION.check(commandTask(command));
    expect(check(['curl', '-fsSLo', '$(params.out)', '-H', '$(params.header)', '--retry', '$(params.retries)', 'https://example.com/$(params.path)'])).toEqual([]);
    for (const [command, at] of [
      [['curl', '-fsSL', '$(params.url)'], 'command[2]'],
      [['curl', '-o', 'out', '--compressed', '$(params.url)'], 'command[4]'],
      [['curl', '--no-buffer', '$(params.url)'], 'command[2]'],
    ] as Array<[string[], string]>) {
      expect([command, check(command)]).toEqual([command, [finding(at, '$(params.url)', STARTS)]]);
    }
  });

  test('a value not known here (an envFrom source\'s, a valueFrom\'s, a substitution\'s) in env -S\'s ${NAME} or the kubelet\'s $(NAME): read as empty and as any value', () => {
    const ENV = { name: 'ENV', value: '$(params.env)' };
    const SOURCES = 'sets ENV, which an interactive shell sources as a script (the file it names, after parameter expansion)';
    const unknown = (form: string, origin: string) => `; ${form} may hold a value not known here (${origin}), which may make the shell interactive (-i)`;
    const ENV_FROM = 'an envFrom source may set it, whose keys are not known here';
    const VALUE_FROM = "the container's env gives it from valueFrom or a substitution";
    const envFrom = [{ configMapRef: { name: 'shell-flags' } }];
    const summary = (step: Record<string, any>) => ARGUMENT_INJECTION.check(task({ steps: [hardenedContainer('s', { script: undefined, ...step })] }))
      .map((f) => [f.property, f.value, f.problem]);
    // env -S's ${F}: coreutils 9.1 env expands it from its environment, which an envFrom source may give F=-i (dash 0.5.12 sourced ENV with F=-i)
    expect(summary({ command: ['env', '-S', 'sh ${F}'], env: [ENV], envFrom })).toEqual([['env.ENV', '$(params.env)', SOURCES + unknown('${F}', ENV_FROM)]]);
    expect(summary({ command: ['env', '-S', 'sh -e${F}'], env: [ENV], envFrom })).toEqual([['env.ENV', '$(params.env)', SOURCES + unknown('${F}', ENV_FROM)]]);
    expect(summary({ script: '#!/usr/bin/env -S sh ${F}\ngit fetch\n', env: [ENV], envFrom })).toEqual([['env.ENV', '$(params.env)', SOURCES + unknown('${F}', ENV_FROM)]]);
    expect(summary({ command: ['env', '-S', 'sh ${F}'], env: [ENV, { name: 'F', valueFrom: { configMapKeyRef: { name: 'c', key: 'k' } } }] })).toEqual([
      ['env.ENV', '$(params.env)', SOURCES + unknown('${F}', VALUE_FROM)],
    ]);
    // a prompt, through env's own assignment
    expect(summary({ command: ['env', 'PS1=$(params.x)', 'env', '-S', 'bash ${F}'], envFrom })).toEqual([
      ['command[1]', '$(params.x)', 'sets PS1 through env, which an interactive shell expands at each prompt (a command substitution in it runs)'
        + unknown('${F}', ENV_FROM)],
    ]);
    // the container's env over any envFrom source (the kubelet applies envFrom first), an unset F with no envFrom, code given: none
    for (const step of [
      { command: ['env', '-S', 'sh ${F}'], env: [ENV, { name: 'F', value: '-e' }], envFrom },
      { command: ['env', '-S', 'sh ${F}'], env: [ENV] },
      { command: ['env', '-S', 'sh -c make ${F}'], env: [ENV], envFrom },
      { command: ['env', '-S', 'sh ${F}'], env: [{ name: 'TOOL', value: '$(params.x)' }], envFrom },
    ]) {
      expect([step, summary(step)]).toEqual([step, []]);
    }
  });

  test('the kubelet\'s $(NAME) in command and args (a shell\'s option word, the string of env -S) read with the value the container\'s env gives, or any where not known', () => {
    const ENV = { name: 'ENV', value: '$(params.env)' };
    const SOURCES = 'sets ENV, which an interactive shell sources as a script (the file it names, after parameter expansion)';
    const unknown = (form: string, origin: string) => `; ${form} may hold a value not known here (${origin}), which may make the shell interactive (-i)`;
    const summary = (step: Record<string, any>) => ARGUMENT_INJECTION.check(task({ steps: [hardenedContainer('s', { script: undefined, ...step })] }))
      .map((f) => [f.property, f.value, f.problem]);
    // the kubelet expands $(NAME) of the container's env var before the program starts, into one word (`sh $(F)` with F=-i runs `sh -i`)
    // (the finding says which value the kubelet pasted, and into which program's arguments)
    const pastes = (form: string, value: string, program: string, runs = false) => `; the kubelet pastes ${form} (${JSON.stringify(value)}) into ${program}'s `
      + `arguments, which makes ${runs ? 'it run an interactive shell' : 'the shell interactive'}`;
    for (const [step, note] of [
      [{ command: ['sh', '$(FLAGS)'], env: [{ name: 'FLAGS', value: '-i' }, ENV] }, pastes('$(FLAGS)', '-i', 'sh')],
      [{ command: ['sh', '-$(O)'], env: [{ name: 'O', value: 'i' }, ENV] }, pastes('$(O)', 'i', 'sh')],
      [{ command: ['sh'], args: ['-o', '$(O)'], env: [{ name: 'O', value: 'interactive' }, ENV] }, pastes('$(O)', 'interactive', 'sh')],
      [{ command: ['sh', '$(F)'], env: [{ name: 'G', value: '-i' }, { name: 'F', value: '$(G)' }, ENV] }, pastes('$(F)', '-i', 'sh')],
      [{ command: ['env', '-S', '$(S)'], env: [{ name: 'S', value: 'sh -i' }, ENV] }, pastes('$(S)', 'sh -i', 'env', true)],
      [{ command: ['env', '-S', 'sh $(F)'], env: [{ name: 'F', value: '-i' }, ENV] }, pastes('$(F)', '-i', 'env', true)],
      [{ command: ['timeout', '5m', '$(SHELL_PATH)', '-i'], env: [{ name: 'SHELL_PATH', value: '/bin/dash' }, ENV] }, pastes('$(SHELL_PATH)', '/bin/dash', 'timeout', true)],
    ] as Array<[Record<string, any>, string]>) {
      expect([step.command, summary(step)]).toEqual([step.command, [['env.ENV', '$(params.env)', SOURCES + note]]]);
    }
    // a value a caller chooses, or an envFrom source gives: any (`sh $(FLAGS)` with FLAGS from a param may be `sh -i`)
    expect(summary({ command: ['sh', '$(FLAGS)'], env: [{ name: 'FLAGS', value: '$(params.flags)' }, ENV] })).toEqual([
      ['env.ENV', '$(params.env)', SOURCES + unknown('$(FLAGS)', "the container's env gives it from valueFrom or a substitution")],
    ]);
    expect(summary({ command: ['env', '-S', '$(S)'], env: [ENV], envFrom: [{ secretRef: { name: 'shell' } }] })).toEqual([
      ['env.ENV', '$(params.env)', SOURCES + unknown('$(S)', 'an envFrom source may set it, whose keys are not known here')],
    ]);
    expect(summary({ command: ['bash', '$(FLAGS)'], env: [{ name: 'PS1', value: '$(params.x)' }], envFrom: [{ configMapRef: { name: 'flags' } }] })).toEqual([
      ['env.PS1', '$(params.x)', 'sets PS1, which an interactive shell expands at each prompt (a command substitution in it runs)'
        + unknown('$(FLAGS)', 'an envFrom source may set it, whose keys are not known here')],
    ]);
    // several names not known: each read as any value with the others empty (`sh $(A)$(B)` with A `-i`, B empty runs `sh -i`), and
    // more than four read (the fifth `$(E)` after four in env's assignment: `sh $(E)` with E `-i`)
    const anyFrom = (form: string) => ['env.ENV', '$(params.env)', SOURCES + unknown(form, 'an envFrom source may set it, whose keys are not known here')];
    const flags = [{ configMapRef: { name: 'flags' } }];
    expect(summary({ command: ['sh', '-$(A)$(B)'], env: [ENV], envFrom: flags })).toEqual([anyFrom('$(A)')]);
    expect(summary({ command: ['sh', '$(A)$(B)'], env: [ENV], envFrom: flags })).toEqual([anyFrom('$(A)')]);
    expect(summary({ command: ['env', 'X=$(A)$(B)$(C)$(D)', 'sh', '$(E)'], env: [ENV], envFrom: flags })).toEqual([anyFrom('$(E)')]);
    // (the kubelet expands command and args from every env var of the container, one defined after the other too)
    expect(summary({ command: ['sh', '$(F)'], env: [ENV, { name: 'F', value: '-i' }] })).toEqual([['env.ENV', '$(params.env)', SOURCES + pastes('$(F)', '-i', 'sh')]]);
    // a value pasted that the shell does not need to be interactive: no note (`sh -i $(F)`, F `-e`)
    expect(summary({ command: ['sh', '-i', '$(F)'], env: [ENV, { name: 'F', value: '-e' }] })).toEqual([['env.ENV', '$(params.env)', SOURCES]]);
    // another value; a name of no env var (the kubelet leaves `$(NAME)` as written: dash runs the file of that name); `$$(F)`, which
    // the kubelet turns into `$(F)`; no caller's ENV: none
    for (const step of [
      { command: ['sh', '$(FLAGS)'], env: [{ name: 'FLAGS', value: '-e' }, ENV] },
      { command: ['dash', '$(FROM_CONFIG)'], env: [ENV] },
      { command: ['sh', '$$(F)'], env: [{ name: 'F', value: '-i' }, ENV] },
      { command: ['sh', '$(F)'], env: [{ name: 'F', value: '-e -i' }, ENV] },
      { command: ['sh', '-$(O)'], env: [{ name: 'O', value: 'i' }, { name: 'ENV', value: '/etc/shrc' }] },
    ]) {
      expect([step, summary(step)]).toEqual([step, []]);
    }
  });

  test('the commands xargs and find\'s -exec run (xargs env -S \'sh -i\'), beside a caller\'s ENV or prompt, read as the container\'s command', () => {
    const ENV = { name: 'ENV', value: '$(params.env)' };
    const SOURCES = 'sets ENV, which an interactive shell sources as a script (the file it names, after parameter expansion)';
    const summary = (step: Record<string, any>) => ARGUMENT_INJECTION.check(task({ steps: [hardenedContainer('s', { script: undefined, ...step })] }))
      .map((f) => [f.property, f.value, f.problem]);
    // GNU xargs 4.9 and find run them with the container's env (checked: `ENV=f xargs env -S 'dash -i'` and `find d -exec dash -i \;` source f)
    for (const command of [['xargs', 'env', '-S', 'sh -i'], ['xargs', '-r', 'dash', '-i'], ['timeout', '5m', 'xargs', '-n', '1', 'env', '-S', 'sh -e -i'],
      ['find', '.', '-maxdepth', '0', '-exec', 'sh', '-i', ';']]) {
      expect([command, summary({ command, env: [ENV] })]).toEqual([command, [['env.ENV', '$(params.env)', SOURCES]]]);
    }
    expect(summary({ command: ['xargs', 'bash', '-i'], env: [{ name: 'PROMPT_COMMAND', value: '$(params.x)' }] })).toEqual([
      ['env.PROMPT_COMMAND', '$(params.x)', 'sets PROMPT_COMMAND, which an interactive bash runs as a command before each prompt'],
    ]);
    // env -i before xargs clears ENV; code given; no shell
    for (const command of [['env', '-i', 'xargs', 'sh', '-i'], ['xargs', 'env', '-S', 'sh -c make'], ['xargs', 'rm', '-i']]) {
      expect([command, summary({ command, env: [ENV] })]).toEqual([command, []]);
    }
  });

  test('su and runuser keep the container\'s env without login mode, and clear it in login mode (-, -l, --login) but for -w\'s names', () => {
    const ENV = { name: 'ENV', value: '$(params.env)' };
    const PS1 = { name: 'PS1', value: '$(params.x)' };
    const summary = (step: Record<string, any>) => ARGUMENT_INJECTION.check(task({ steps: [hardenedContainer('s', { script: undefined, ...step })] }))
      .map((f) => [f.property, f.value, f.problem]);
    // util-linux su-common.c: without login mode the user's shell (bash, or -s's) gets the arguments after the user and the container's env
    const BASH = 'sets ENV, which an interactive bash sources as a script (the file it names, after parameter expansion) in posix mode, which'
      + ' POSIXLY_CORRECT in the image\'s env (not seen here) turns on';
    const SH = 'sets ENV, which an interactive shell sources as a script (the file it names, after parameter expansion)';
    for (const [command, problem] of [
      [['su', 'root', '--', '-i'], BASH], [['su', '-p', 'root', '--', '-i'], BASH], [['su', '--preserve-environment', 'root', '--', '-i'], BASH],
      [['runuser', 'root', '--', '-i'], BASH], [['su', '-s', '/bin/sh', 'root', '--', '-i'], SH], [['runuser', '-u', 'root', '--', 'sh', '-i'], SH],
      // login mode keeps the names -w lists (comma-separated, each -w adding): ENV among them
      [['su', '-l', '-w', 'ENV', 'root', '--', '-i'], BASH], [['su', '-l', '--whitelist-environment=PATH,ENV', '-s', '/bin/sh', 'root', '--', '-i'], SH],
    ] as Array<[string[], string]>) {
      expect([command, summary({ command, env: [ENV] })]).toEqual([command, [['env.ENV', '$(params.env)', problem]]]);
    }
    expect(summary({ command: ['su', 'root', '--', '-i'], env: [PS1] })).toEqual([
      ['env.PS1', '$(params.x)', 'sets PS1, which an interactive shell expands at each prompt (a command substitution in it runs)'],
    ]);
    // login mode (`-` first, -l, --login, -m ignored beside it) clears the env but TERM; su refuses -u, runuser -u beside -l; `-` after the
    // user is an argument of the shell (`bash - -i` runs the file -i)
    for (const command of [['su', '-', 'root', '--', '-i'], ['su', '-l', 'root', '--', '-i'], ['su', '--login', 'root', '--', '-i'],
      ['su', '-m', '-l', 'root', '--', '-i'], ['su', '-s', '/bin/sh', '-l', 'root', '--', '-i'], ['runuser', '-l', 'root', '--', '-i'],
      ['su', '-l', '-w', 'PATH', 'root', '--', '-i'], ['su', '-u', 'root', '--', 'sh', '-i'], ['runuser', '-u', 'root', '-l', '--', 'sh', '-i'],
      ['su', 'root', '-', '--', '-i']]) {
      expect([command, summary({ command, env: [ENV] })]).toEqual([command, []]);
    }
    expect(summary({ command: ['su', '-', 'root', '--', '-i'], env: [PS1] })).toEqual([]);
  });

  test('an interactive bash whose posix mode is not seen: POSIXLY_CORRECT from envFrom or the image\'s env makes it source ENV', () => {
    const env = [{ name: 'ENV', value: '$(params.env)' }];
    const summary = (m: any) => ARGUMENT_INJECTION.check(m).map((f) => [f.property, f.value, f.problem]);
    const IMAGE = 'sets ENV, which an interactive bash sources as a script (the file it names, after parameter expansion) in posix mode, '
      + "which POSIXLY_CORRECT in the image's env (not seen here) turns on";
    const ENV_FROM = 'sets ENV, which an interactive bash sources as a script (the file it names, after parameter expansion) in posix mode, '
      + "which POSIXLY_CORRECT from the container's envFrom (whose keys are not seen here) or the image's env turns on";
    for (const step of [
      { script: undefined, command: ['bash', '-ic', 'git fetch'], env },
      { script: undefined, command: ['/bin/rbash', '--norc', '-i'], env },
      { script: '#!/bin/bash -i\ngit fetch\n', env },
      { script: '#!/usr/bin/env -S bash -e -i\ngit fetch\n', env },
      { script: undefined, command: ['busybox', 'env', 'bash', '-i'], env },
      // a SHELLOPTS naming no posix (`posixx`), and env -S's line without --posix: posix mode not seen
      { script: undefined, command: ['bash', '-i', '-c', 'true'], env: [...env, { name: 'SHELLOPTS', value: 'braceexpand:posixx:hashall' }] },
      { script: '#!/usr/bin/env -S bash -i\ngit fetch\n', env },
    ]) {
      expect(summary(task({ steps: [hardenedContainer('s', step)] }))).toEqual([['env.ENV', '$(params.env)', IMAGE]]);
    }
    expect(summary(task({
      steps: [hardenedContainer('s', {
        script: undefined, command: ['bash', '-i'], env, envFrom: [{ configMapRef: { name: 'shell-env' } }],
      })],
    }))).toEqual([['env.ENV', '$(params.env)', ENV_FROM]]);
    // through env's assignment too; POSIXLY_CORRECT seen (the container's env, env's assignment) gives the plain reading
    expect(summary(commandTask(['env', 'ENV=$(params.x)', 'bash', '-i']))).toEqual([
      ['command[1]', '$(params.x)', `sets ENV through env, which ${IMAGE.slice('sets ENV, which '.length)}`],
    ]);
    expect(summary(commandTask(['env', 'POSIXLY_CORRECT=y', 'ENV=$(params.x)', 'bash', '-i']))).toEqual([
      ['command[2]', '$(params.x)', 'sets ENV through env, which an interactive shell sources as a script (the file it names, after parameter expansion)'],
    ]);
    // a bash that is not interactive sources no ENV in any mode (BASH_ENV is another name), nor does zsh -i
    for (const step of [
      { script: undefined, command: ['bash', '-c', 'git fetch'], env, envFrom: [{ configMapRef: { name: 'shell-env' } }] },
      { script: '#!/bin/bash\ngit fetch\n', env },
      { script: '#!/bin/bash -e\ngit fetch -i\n', env },
      { script: undefined, command: ['bash', '+i'], env },
      { script: undefined, command: ['bash', '-c', 'true', '-i'], env },
      { script: undefined, command: ['zsh', '-i'], env },
    ]) {
      expect(summary(task({ steps: [hardenedContainer('s', step)] }))).toEqual([]);
    }
  });

  test('busybox runs the applet its first argument names: busybox sh -i and ash -i source ENV, through its own env and timeout too', () => {
    const env = [{ name: 'ENV', value: '$(params.env)' }];
    const ENV_PROBLEM = 'sets ENV, which an interactive shell sources as a script (the file it names, after parameter expansion)';
    const summary = (m: any) => ARGUMENT_INJECTION.check(m).map((f) => [f.property, f.value, f.problem]);
    // busybox 1.36 appletlib.c: `busybox /bin/sh` runs the applet `sh`; ash.c sources ENV when interactive, and reads `+i` as `-i`
    for (const step of [
      { script: undefined, command: ['busybox', 'sh', '-i'], env },
      { script: undefined, command: ['/bin/busybox', 'ash', '-ic', 'true'], env },
      { script: undefined, command: ['busybox'], args: ['/bin/sh', '-e', '-i'], env },
      { script: undefined, command: ['busybox', 'sh', '+i', '-c', 'true'], env },
      { script: undefined, command: ['busybox', 'env', 'X=1', 'sh', '-i'], env },
      { script: undefined, command: ['busybox', 'timeout', '5', 'sh', '-i'], env },
      { script: undefined, command: ['busybox', 'busybox', 'sh', '-i'], env },
      { script: undefined, command: ['timeout', '5m', 'busybox', 'sh', '-i'], env },
      { script: undefined, command: ['env', '-S', 'busybox sh -i'], env },
      // a name that starts with busybox is busybox (appletlib.c run_applet_and_exit: is_prefixed_with(name, "busybox")): Alpine's
      // busybox-static package installs /bin/busybox.static, busybox.net's binaries are busybox-x86_64
      { script: undefined, command: ['/bin/busybox.static', 'sh', '-i'], env },
      { script: undefined, command: ['busybox-x86_64', 'ash', '-ic', 'true'], env },
      // env -S's string in the option's own argument (GNU getopt: -S's value follows it in the word)
      { script: undefined, command: ['env', '-Ssh -i'], env },
      { script: undefined, command: ['env', '--split-string=busybox sh -i'], env },
    ]) {
      expect(summary(task({ steps: [hardenedContainer('s', step)] }))).toEqual([['env.ENV', '$(params.env)', ENV_PROBLEM]]);
    }
    // busybox's prompts: its sh reads its input with a prompt (PS1, PS2; `sh` may be bash, so PROMPT_COMMAND too)
    expect(summary(task({
      steps: [hardenedContainer('s', {
        script: undefined, command: ['busybox', 'sh', '-i'], env: [{ name: 'PS1', value: '$(params.x)' }, { name: 'PROMPT_COMMAND', value: '$(params.x)' }],
      })],
    }))).toEqual([
      ['env.PS1', '$(params.x)', 'sets PS1, which an interactive shell expands at each prompt (a command substitution in it runs)'],
      ['env.PROMPT_COMMAND', '$(params.x)', 'sets PROMPT_COMMAND, which an interactive bash runs as a command before each prompt'],
    ]);
    // not interactive, no shell applet, or no applet at all (`--list`; `busybox -- sh` is "applet not found"); dash reads `+i` as no `-i`
    for (const step of [
      { script: undefined, command: ['busybox', 'sh', '-c', 'true'], env },
      { script: undefined, command: ['busybox', 'grep', '-i', 'x', 'f'], env },
      { script: undefined, command: ['busybox', '--', 'sh', '-i'], env },
      { script: undefined, command: ['busybox', '--list', 'sh', '-i'], env },
      { script: undefined, command: ['busybox', 'sh', '-c', 'true', '-i'], env },
      { script: undefined, command: ['dash', '+i'], env },
    ]) {
      expect(summary(task({ steps: [hardenedContainer('s', step)] }))).toEqual([]);
    }
  });

  test('env -S\'s string split as GNU env splits it: quotes, escapes and ${NAME} (coreutils 9.1 env.c build_argv)', () => {
    const env = [{ name: 'ENV', value: '$(params.env)' }];
    const summary = (m: any) => ARGUMENT_INJECTION.check(m).map((f) => [f.property, f.value, f.problem]);
    // each runs `sh -i` (checked with coreutils 9.1 env)
    for (const string of ['"sh" -i', "s'h' -i", 'sh\\_-i', "sh '-i'", 'sh "-i"', 'sh -i\\c ignored']) {
      expect([string, summary(task({ steps: [hardenedContainer('s', { script: undefined, command: ['env', '-S', string], env })] }))]).toEqual([string, [
        ['env.ENV', '$(params.env)', 'sets ENV, which an interactive shell sources as a script (the file it names, after parameter expansion)'],
      ]]);
    }
    // env -i, env - and env -u ENV start the shell without the container's ENV (coreutils 9.1: ENV=x env -i printenv ENV prints nothing)
    for (const command of [['env', '-i', 'sh', '-i'], ['env', '-', 'sh', '-i'], ['env', '-u', 'ENV', 'sh', '-i'], ['env', '--unset=ENV', 'sh', '-i'],
      ['env', '-iS', 'sh -i'], ['env', '-S', '-i sh -i'], ['env', '-S', '-v', '-i', 'sh', '-i'], ['env', '--ignore-environment', 'bash', '--posix', '-i'], ['env', '-i', 'timeout', '5', 'sh', '-i']]) {
      expect([command, summary(task({ steps: [hardenedContainer('s', { script: undefined, command, env })] }))]).toEqual([command, []]);
    }
    // another var unset: still; env -i with PS1 from a param: none
    expect(summary(task({ steps: [hardenedContainer('s', { script: undefined, command: ['env', '-u', 'HOME', 'sh', '-i'], env })] })).map((f) => f[0])).toEqual(['env.ENV']);
    expect(summary(task({ steps: [hardenedContainer('s', { script: undefined, command: ['env', '-i', 'bash', '-i'], env: [{ name: 'PS1', value: '$(params.x)' }] })] }))).toEqual([]);
    // busybox's and toybox's env remove them as GNU env does (busybox 1.36 coreutils/env.c clearenv for -i and -, unsetenv for -u;
    // toybox toys/posix/env.c reads a first operand `-` as -i): their shell gets no ENV of the container; another var unset, it does
    for (const command of [['busybox', 'env', '-i', 'sh', '-i'], ['busybox', 'env', '-', 'sh', '-i'], ['busybox', 'env', '-u', 'ENV', 'sh', '-i'],
      ['toybox', 'env', '-i', 'dash', '-i'], ['/system/bin/toybox', 'env', '-', 'HOME=/', 'dash', '-e', '-i'], ['/bin/busybox', 'timeout', '5', 'env', '-u', 'ENV', 'ash', '-i']]) {
      expect([command, summary(task({ steps: [hardenedContainer('s', { script: undefined, command, env })] }))]).toEqual([command, []]);
    }
    expect(summary(task({ steps: [hardenedContainer('s', { script: undefined, command: ['busybox', 'env', '-u', 'HOME', 'sh', '-i'], env })] })).map((f) => f[0])).toEqual(['env.ENV']);
    expect(summary(task({ steps: [hardenedContainer('s', { script: undefined, command: ['busybox', 'env', '-u', 'PS1', 'sh', '-i'], env: [{ name: 'PS1', value: '$(params.x)' }] })] }))).toEqual([]);
    // env -u PS1 starts bash without the container's PS1 (bash 5.2 then sets its own prompt): PROMPT_COMMAND, kept, still runs
    const prompts = [{ name: 'PS1', value: '$(params.x)' }, { name: 'PROMPT_COMMAND', value: '$(params.y)' }];
    expect(summary(task({ steps: [hardenedContainer('s', { script: undefined, command: ['env', '-u', 'PS1', 'bash', '-i'], env: prompts })] }))).toEqual([
      ['env.PROMPT_COMMAND', '$(params.y)', 'sets PROMPT_COMMAND, which an interactive bash runs as a command before each prompt'],
    ]);
    expect(summary(task({ steps: [hardenedContainer('s', { script: undefined, command: ['env', '-u', 'PS1', '-u', 'PROMPT_COMMAND', 'bash', '-i'], env: prompts })] }))).toEqual([]);
    // env's own assignments after -i or - reach the shell (coreutils 9.1: env -i ENV=/f sh -i sources /f, env -i PS1=… bash -i expands it)
    const assigned = (command: string[]) => summary(task({ steps: [hardenedContainer('s', { script: undefined, command })] }));
    expect(assigned(['env', '-i', 'ENV=$(params.env)', 'sh', '-i'])).toEqual([
      ['command[2]', '$(params.env)', 'sets ENV through env, which an interactive shell sources as a script (the file it names, after parameter expansion)'],
    ]);
    expect(assigned(['env', '-', 'ENV=$(params.env)', 'dash', '-i'])).toEqual([
      ['command[2]', '$(params.env)', 'sets ENV through env, which an interactive shell sources as a script (the file it names, after parameter expansion)'],
    ]);
    expect(assigned(['env', '-S', '-i ENV=$(params.env) sh -i'])).toEqual([
      ['command[2]', '$(params.env)', 'sets ENV through env, which an interactive shell sources as a script (the file it names, after parameter expansion)'],
    ]);
    // (conservative: an assignment before a later env's -i, which clears it, is read all the same)
    expect(assigned(['env', 'ENV=$(params.env)', 'env', '-i', 'sh', '-i'])).toEqual([
      ['command[1]', '$(params.env)', 'sets ENV through env, which an interactive shell sources as a script (the file it names, after parameter expansion)'],
    ]);
    expect(assigned(['env', '-i', 'PS1=$(params.x)', 'PROMPT_COMMAND=$(params.y)', 'bash', '-i'])).toEqual([
      ['command[2]', '$(params.x)', 'sets PS1 through env, which an interactive shell expands at each prompt (a command substitution in it runs)'],
      ['command[3]', '$(params.y)', 'sets PROMPT_COMMAND through env, which an interactive bash runs as a command before each prompt'],
    ]);
    // a `${NAME}` in the string's words read as empty (its value, the image's or the container's env, not seen): coreutils 9.1
    // env -S '${UNSET}sh -i' and 'sh -${UNSET}i' run `sh -i`; an argument after the string is env's, not expanded
    for (const command of [['env', '-S', '${UNSET}sh -i'], ['env', '-S', 'sh -${UNSET}i'], ['env', '-S', '${UNSET}sh', '-i']]) {
      expect([command, summary(task({ steps: [hardenedContainer('s', { script: undefined, command, env })] }))]).toEqual([command, [
        ['env.ENV', '$(params.env)', 'sets ENV, which an interactive shell sources as a script (the file it names, after parameter expansion)'],
      ]]);
    }
    expect(summary(task({ steps: [hardenedContainer('s', { script: undefined, command: ['env', '-S', 'sh', '${UNSET}-i'], env })] }))).toEqual([]);
    expect(summary(task({ steps: [hardenedContainer('s', { script: undefined, command: ['${UNSET}sh', '-i'], env })] }))).toEqual([]);
    expect(summary(task({ steps: [hardenedContainer('s', { script: undefined, command: ['env', '-S', '${U}bash -i'], env: [{ name: 'PS1', value: '$(params.x)' }] })] }))).toEqual([
      ['env.PS1', '$(params.x)', 'sets PS1, which an interactive shell expands at each prompt (a command substitution in it runs)'],
    ]);
    // a `${NAME}` the container's env gives a literal value is that value (coreutils 9.1 env expands it from its own environment,
    // before -i clears it: `ENV=f F=-i env -S 'dash ${F}'` and `S=dash env -S '${S} -i'` source f, `F=-e` does not; checked)
    const fixedEnv = (string: string, more: any[]) => summary(task({ steps: [hardenedContainer('s', { script: undefined, command: ['env', '-S', string], env: [...env, ...more] })] }));
    for (const [string, more] of [['sh ${F}', [{ name: 'F', value: '-i' }]], ['${S} -i', [{ name: 'S', value: 'dash' }]], ['sh -e${F}', [{ name: 'F', value: 'i' }]],
      ['sh ${F}', [{ name: 'F', value: '-e' }, { name: 'F', value: '-i' }]]] as Array<[string, any[]]>) {
      expect([string, more, fixedEnv(string, more)]).toEqual([string, more, [
        ['env.ENV', '$(params.env)', 'sets ENV, which an interactive shell sources as a script (the file it names, after parameter expansion)'],
      ]]);
    }
    // the kubelet's `$(F)` in a later entry: F's value (`G: $(F)` with `F: -i` gives G `-i`)
    expect(fixedEnv('sh ${G}', [{ name: 'F', value: '-i' }, { name: 'G', value: '$(F)' }])).toEqual([
      ['env.ENV', '$(params.env)', 'sets ENV, which an interactive shell sources as a script (the file it names, after parameter expansion)'],
    ]);
    // another value, or the last entry of the name another value: no interactive shell (one the kubelet fills: below)
    for (const [string, more] of [['sh ${F}', [{ name: 'F', value: '-e' }]],
      ['sh ${F}', [{ name: 'F', value: '-i' }, { name: 'F', value: '-e' }]], ['${S} -i', [{ name: 'S', value: 'python3' }]]] as Array<[string, any[]]>) {
      expect([string, more, fixedEnv(string, more)]).toEqual([string, more, []]);
    }
    // and in a script's `#!/usr/bin/env -S` line (Linux, coreutils 9.1: `#!/usr/bin/env -S dash ${F}` with F=-i sources ENV; checked)
    expect(summary(task({ steps: [hardenedContainer('s', { script: '#!/usr/bin/env -S sh ${F}\ngit fetch\n', env: [...env, { name: 'F', value: '-i' }] })] }))).toEqual([
      ['env.ENV', '$(params.env)', 'sets ENV, which an interactive shell sources as a script (the file it names, after parameter expansion)'],
    ]);
    expect(summary(task({ steps: [hardenedContainer('s', { script: '#!/usr/bin/env -S sh ${F}\ngit fetch\n', env: [...env, { name: 'F', value: '-e' }] })] }))).toEqual([]);
    // a prompt, through the stepTemplate's F
    expect(summary(task({
      stepTemplate: { env: [{ name: 'F', value: '-i' }] },
      steps: [hardenedContainer('s', { script: undefined, command: ['env', '-S', 'bash ${F}'], env: [{ name: 'PS1', value: '$(params.x)' }] })],
    }))).toEqual([
      ['env.PS1', '$(params.x)', 'sets PS1, which an interactive shell expands at each prompt (a command substitution in it runs)'],
    ]);
    // a script's `#!/usr/bin/env -S` line: the kernel passes the rest as one argument, split as any string of -S (checked with Linux and
    // coreutils 9.1: `#!/usr/bin/env -S sh\_-i` sources ENV, `#!/usr/bin/env -S -i sh -i` does not)
    for (const script of ['#!/usr/bin/env -S sh\\_-i\ngit fetch\n', "#!/usr/bin/env -S 'sh' -i\ngit fetch\n", '#!/usr/bin/env -S ${U}sh -i\ngit fetch\n']) {
      expect([script, summary(task({ steps: [hardenedContainer('s', { script, env })] }))]).toEqual([script, [
        ['env.ENV', '$(params.env)', 'sets ENV, which an interactive shell sources as a script (the file it names, after parameter expansion)'],
      ]]);
    }
    for (const script of ['#!/usr/bin/env -S -i sh -i\ngit fetch\n', '#!/usr/bin/env -S sh\\_-e\ngit fetch\n', '#!/usr/bin/env sh -i\ngit fetch\n']) {
      expect([script, summary(task({ steps: [hardenedContainer('s', { script, env })] }))]).toEqual([script, []]);
    }
    // no interactive shell: -i quoted with another word, commented out or cut by \c; a string env refuses (runs nothing)
    for (const string of ['sh "-i x"', 'sh #-i', 'sh \\c -i', 'sh "-i', 'sh -\\i', 'sh $X -i']) {
      expect([string, summary(task({ steps: [hardenedContainer('s', { script: undefined, command: ['env', '-S', string], env })] }))]).toEqual([string, []]);
    }
  });

  test('toybox runs the applet its first argument names: its env, nice, timeout … run another shell, read by toybox\'s option strings', () => {
    const env = [{ name: 'ENV', value: '$(params.env)' }];
    const ENV_PROBLEM = 'sets ENV, which an interactive shell sources as a script (the file it names, after parameter expansion)';
    const summary = (m: any) => ARGUMENT_INJECTION.check(m).map((f) => [f.property, f.value, f.problem]);
    // toybox 0.8 main.c toybox_main runs the applet argv[1] names; env.c `^e:i0u*`, nice.c `^<1n#`, timeout.c, setsid.c … exec their
    // command (checked with toybox 0.8.9: each sources ENV); env.c's `-e FILE` (0.8.11) runs FILE with the command's words
    for (const step of [
      { script: undefined, command: ['toybox', 'env', 'dash', '-i'], env },
      { script: undefined, command: ['toybox', 'env', 'X=1', 'sh', '-i'], env },
      { script: undefined, command: ['/system/bin/toybox', 'env', 'HOME=/', 'dash', '-e', '-i'], env },
      { script: undefined, command: ['toybox', 'nice', '-n', '5', 'sh', '-i'], env },
      { script: undefined, command: ['toybox', 'nice', 'bash', '--posix', '-i'], env },
      { script: undefined, command: ['toybox', 'timeout', '-s', 'KILL', '5', 'sh', '-i'], env },
      { script: undefined, command: ['toybox', 'timeout', '--fore', '5', 'dash', '-i'], env },
      { script: undefined, command: ['toybox', 'setsid', '-w', 'sh', '-i'], env },
      { script: undefined, command: ['toybox', 'env', '-e', '/bin/dash', 'x', '-i'], env },
      { script: undefined, command: ['toybox', 'env', 'busybox', 'sh', '-i'], env },
      { script: undefined, command: ['busybox', 'env', '-u', 'X', 'sh', '-i'], env },
    ]) {
      expect([step.command, summary(task({ steps: [hardenedContainer('s', step)] }))]).toEqual([step.command, [['env.ENV', '$(params.env)', ENV_PROBLEM]]]);
    }
    // toybox's own shell sources no ENV (toys/pending/sh.c); no applet `dash`; an option toybox's nice or env does not know ends the run
    // (toybox 0.8.9: "Unknown option"), as busybox's env refuses -S (busybox 1.36 coreutils/env.c `+i0u:*`; 1.35: "invalid option -- 'S'")
    for (const step of [
      { script: undefined, command: ['toybox', 'sh', '-i'], env },
      { script: undefined, command: ['toybox', 'dash', '-i'], env },
      { script: undefined, command: ['toybox', 'nice', '-10', 'sh', '-i'], env },
      { script: undefined, command: ['toybox', 'env', '-S', 'sh -i'], env },
      { script: undefined, command: ['toybox', 'env', 'sh', '-c', 'true'], env },
      { script: undefined, command: ['busybox', 'env', '-S', 'sh -i'], env },
      { script: undefined, command: ['busybox', 'env', '-S', 'sh', '-i'], env },
    ]) {
      expect([step.command, summary(task({ steps: [hardenedContainer('s', step)] }))]).toEqual([step.command, []]);
    }
    // GNU env's -S string: quotes removed, and the arguments after it appended to its words (GNU coreutils 9.1 env.c; checked)
    for (const step of [
      { script: undefined, command: ['env', '-S', "'dash' \"-i\""], env },
      { script: undefined, command: ['env', '-S', 'dash', '-i'], env },
      { script: undefined, command: ['env', '-S', 'dash -o interactive'], env },
    ]) {
      expect([step.command, summary(task({ steps: [hardenedContainer('s', step)] }))]).toEqual([step.command, [['env.ENV', '$(params.env)', ENV_PROBLEM]]]);
    }
  });

  test('PROMPT_COMMAND, PS0, PS1 and PS2 run code where the step runs a shell that reads its commands with a prompt (bash -i, no -c, no script file)', () => {
    const env = [{ name: 'PROMPT_COMMAND', value: '$(params.x)' }, { name: 'PS0', value: '$(params.x)' }, { name: 'PS1', value: '> $(params.x)' },
      { name: 'PS2', value: '$(params.x)' }];
    const summary = (m: any) => ARGUMENT_INJECTION.check(m).map((f) => [f.property, f.value, f.problem]);
    const BASH = [
      ['env.PROMPT_COMMAND', '$(params.x)', 'sets PROMPT_COMMAND, which an interactive bash runs as a command before each prompt'],
      ['env.PS0', '$(params.x)', 'sets PS0, which an interactive bash expands after reading each command (a command substitution in it runs)'],
      ['env.PS1', '$(params.x)', 'sets PS1, which an interactive shell expands at each prompt (a command substitution in it runs)'],
      ['env.PS2', '$(params.x)', 'sets PS2, which an interactive shell expands at each continuation prompt (a command substitution in it runs)'],
    ];
    // bash 5.2 reads its input with a prompt: `bash -i < /dev/null` runs PROMPT_COMMAND once
    for (const step of [
      { script: undefined, command: ['bash', '-i'], env },
      { script: undefined, command: ['/bin/bash'], args: ['-li'], env },
      { script: undefined, command: ['timeout', '10m', 'sh', '-is', 'arg'], env },
      // every option group before the first operand, long options and the values of -o and --rcfile skipped (bash 5.2)
      { script: undefined, command: ['bash', '--norc', '-i'], env },
      { script: undefined, command: ['sh', '-e', '-i'], env },
      { script: undefined, command: ['bash', '-o', 'errexit', '--rcfile', '/dev/null', '-i'], env },
      { script: undefined, command: ['bash', '-i', '-'], env },
      // bash reads `-norc`, `-rcfile FILE` (one dash) as its long options: the `o` and `c` of those words are no group's
      { script: undefined, command: ['bash', '-norc', '-i'], env },
      { script: undefined, command: ['bash', '-rcfile', '/dev/null', '-i'], env },
      { script: undefined, command: ['bash', '-restricted', '-i'], env },
    ]) {
      expect(summary(task({ steps: [hardenedContainer('s', step)] }))).toEqual(BASH);
    }
    // a sidecar given a terminal (`tty` and `stdin`): a shell reading its input is interactive without -i (isatty(0) && isatty(2))
    const terminal = (command: string[], more: Record<string, unknown> = { tty: true, stdin: true }) => summary(task({
      steps: [hardenedContainer('s', { script: '#!/bin/sh\ntrue\n' })],
      sidecars: [hardenedContainer('shell', { script: undefined, command, env, ...more })],
    }));
    expect(terminal(['bash'])).toEqual(BASH);
    expect(terminal(['bash', '-e', '-s'])).toEqual(BASH);
    expect(terminal(['dash'])).toEqual(BASH.slice(2));
    expect(summary(task({
      steps: [hardenedContainer('s', { script: '#!/bin/sh\ntrue\n' })],
      sidecars: [hardenedContainer('shell', {
        script: undefined, command: ['sh'], env: [{ name: 'ENV', value: '$(params.x)' }], tty: true, stdin: true,
      })],
    }))).toEqual([['env.ENV', '$(params.x)', 'sets ENV, which an interactive shell sources as a script (the file it names, after parameter expansion)']]);
    // no terminal on its input, or code or a script file given
    expect(terminal(['bash'], { tty: true })).toEqual([]);
    expect(terminal(['bash', '-c', 'sleep 1d'])).toEqual([]);
    expect(terminal(['bash', 'serve.sh'])).toEqual([]);
    // dash expands PS1 and PS2 (0.5.12), not PROMPT_COMMAND or PS0
    expect(summary(task({ steps: [hardenedContainer('s', { script: undefined, command: ['dash', '-i'], env })] }))).toEqual(BASH.slice(2));
    // through env: the same names as env's assignments
    expect(summary(commandTask(['env', 'PROMPT_COMMAND=$(params.x)', 'bash', '-i']))).toEqual([
      ['command[1]', '$(params.x)', 'sets PROMPT_COMMAND through env, which an interactive bash runs as a command before each prompt'],
    ]);
    // no prompt: code given (-c), a script file, a #! line (which runs the script's file), not interactive
    for (const step of [
      { script: undefined, command: ['bash', '-ic', 'make'], env },
      { script: undefined, command: ['bash', '-i', 'build.sh'], env },
      { script: '#!/bin/bash -i\nmake\n', env },
      { script: undefined, command: ['bash'], args: ['-l'], env },
      { script: undefined, command: ['python3', '-i'], env },
      { script: undefined, command: ['bash', '--norc', '-i', 'build.sh'], env },
      { script: undefined, command: ['bash', '-e', '-c', 'make', '-i'], env },
      { script: undefined, command: ['bash', '-e', '--', '-i'], env },
    ]) {
      expect(summary(task({ steps: [hardenedContainer('s', step)] }))).toEqual([]);
    }
  });

  test('a Windows script\'s args reach the interpreter its #!win line names: any substitution there is a finding; a POSIX script\'s are its "$@"', () => {
    const windows = task({ steps: [hardenedContainer('s', { script: '#!win powershell.exe -Command\nWrite-Host $args\n', args: ['$(params.message)'] })] });
    expect(ARGUMENT_INJECTION.check(windows)).toEqual([finding('args[0]', '$(params.message)',
      'reaches the arguments of the interpreter that the #!win line names (Tekton runs it with the script file, then the args), which may run them as code')]);
    const posix = task({ steps: [hardenedContainer('s', { script: '#!/bin/sh\necho "$1"\n', args: ['$(params.message)'] })] });
    expect(ARGUMENT_INJECTION.check(posix)).toEqual([]);
    // Tekton trims the script with Go's strings.TrimSpace: U+0085 before #!win is space, a byte-order mark is not
    const nel = task({ steps: [hardenedContainer('s', { script: '\u0085#!win powershell.exe -Command\nWrite-Host $args\n', args: ['$(params.message)'] })] });
    expect(ARGUMENT_INJECTION.check(nel).map((f) => f.value)).toEqual(['$(params.message)']);
    const bom = task({ steps: [hardenedContainer('s', { script: '\ufeff#!win powershell.exe -Command\nWrite-Host $args\n', args: ['$(params.message)'] })] });
    expect(ARGUMENT_INJECTION.check(bom)).toEqual([]);
  });

  test('the kubelet expands $(NAME) from earlier env vars in env values, command and args: a caller\'s value reaches them that way too', () => {
    const chained = task({
      steps: [hardenedContainer('s', {
        env: [{ name: 'SSHCMD', value: 'ssh $(params.x)' }, { name: 'GIT_SSH_COMMAND', value: '$(SSHCMD)' }, { name: 'SAFE', value: '$$(SSHCMD)' }],
      })],
    });
    expect(ARGUMENT_INJECTION.check(chained).map((f) => [f.property, f.value, f.problem])).toEqual([
      ['env.GIT_SSH_COMMAND', '$(SSHCMD)', 'sets GIT_SSH_COMMAND, which git runs as a command (the kubelet expands $(SSHCMD), which holds a value callers can choose)'],
    ]);
    const program = task({ steps: [hardenedContainer('s', { script: undefined, command: ['$(TOOL)'], env: [{ name: 'TOOL', value: '$(params.tool)' }] })] });
    expect(ARGUMENT_INJECTION.check(program).map((f) => [f.property, f.value, f.problem])).toEqual([['command[0]', '$(TOOL)', 'chooses the program that runs']]);
    // an env var set after it, the kubelet's escape $$(NAME), and a var Tekton fixes: nothing
    const clean = task({
      steps: [hardenedContainer('s', {
        script: undefined,
        command: ['git', '$(DIR)', '$$(TOOL)'],
        env: [{ name: 'GIT_SSH_COMMAND', value: '$(LATER)' }, { name: 'LATER', value: '$(params.x)' }, { name: 'DIR', value: '$(workspaces.w.path)' }, { name: 'TOOL', value: '$(params.t)' }],
      })],
    });
    expect(ARGUMENT_INJECTION.check(clean)).toEqual([]);
    // Tekton puts the step's own env before the stepTemplate's other entries: the template's GIT_SSH_COMMAND expands the step's SSHCMD
    const templated = task({ stepTemplate: { env: [{ name: 'GIT_SSH_COMMAND', value: 'ssh $(SSHCMD)' }] }, steps: [hardenedContainer('s', { env: [{ name: 'SSHCMD', value: '$(params.x)' }] })] });
    expect(ARGUMENT_INJECTION.check(templated).map((f) => [f.location, f.property, f.value, f.problem])).toEqual([[
      "step 's'", 'env.GIT_SSH_COMMAND', '$(SSHCMD)',
      'sets GIT_SSH_COMMAND (in the stepTemplate), which git runs as a command (the kubelet expands $(SSHCMD), which holds a value callers can choose)',
    ]]);
    // the kubelet reads $$ as one literal $ from left to right: $$$(NAME) is a $ and then the expansion
    const escapedDollar = task({ steps: [hardenedContainer('s', { env: [{ name: 'OPTS', value: '$(params.o)' }, { name: 'GIT_SSH_COMMAND', value: 'ssh $$$(OPTS)' }] })] });
    expect(ARGUMENT_INJECTION.check(escapedDollar).map((f) => [f.property, f.value])).toEqual([['env.GIT_SSH_COMMAND', '$(OPTS)']]);
  });

  test('compliant: no substitution at all, and interpreters (SCRIPT_INJECTION judges those)', () => {
    expect(ARGUMENT_INJECTION.check(task())).toEqual([]);
    expect(ARGUMENT_INJECTION.check(commandTask(['sh', '-c'], ['echo $(params.x)']))).toEqual([]);
  });

  test.each<[string, string[] | undefined, string[], string, string, string]>([
    ['a whole argument', ['git'], ['clone', '$(params.url)'], 'args[1]', '$(params.url)', STARTS],
    ['an argument that starts with a value', ['git'], ['fetch', '$(params.remote)/main'], 'args[1]', '$(params.remote)', STARTS],
    ['a result of another task', ['/bin/deploy'], ['$(tasks.build.results.digest)'], 'args[0]', '$(tasks.build.results.digest)', STARTS],
    ['an array param expands even behind a prefix', ['/bin/tool'], ['--flags=$(params.flags[*])'], 'args[0]', '$(params.flags[*])',
      'expands to several arguments, any of which can be an option'],
    ['the program itself', ['$(params.tool)'], ['--version'], 'command[0]', '$(params.tool)', 'chooses the program that runs'],
    ['a program behind env', ['env', '$(params.tool)'], [], 'command[1]', '$(params.tool)', 'chooses the program that runs'],
    // an option nice does not know may take the next argument (sh): then git runs, given the value
    ['a program behind a wrapper\'s option it does not know', ['nice', '-z', 'sh', 'git'], ['clone', '$(params.url)'], 'args[1]', '$(params.url)', STARTS],
    // strace knows --follow-forks, which takes no value: git runs, not the value after it (the finding is git's argument, not the program)
    ['a program behind strace\'s long option without a value', ['strace', '--follow-forks', 'git'], ['$(params.url)'], 'args[0]', '$(params.url)', STARTS],
    // before an interpreter: a wrapper's own argument (env -S STRING, strace -o FILE …) chooses what runs
    ['a wrapper\'s option before an interpreter', ['strace', '-$(params.x)', 'make'], [], 'command[1]', '$(params.x)', 'chooses the program that runs'],
    ['env\'s option before a shell', ['env', '-$(params.x)', 'sh', '-c'], ['echo hi'], 'command[1]', '$(params.x)', 'chooses the program that runs'],
    ['args to the image entrypoint', undefined, ['--x=$(params.x)'], 'args[0]', '$(params.x)', "reaches the arguments of the image's entrypoint, which may run them as code"],
  ])('non-compliant: %s', (_, command, args, property, value, problem) => {
    const fix = problem === 'chooses the program that runs' ? { fix: expect.stringMatching(/^Write the program literally into the step's command/) }
      // a literal prefix is no way out while the program is unknown: the fix names the program first
      : problem.startsWith("reaches the arguments of the image's entrypoint") ? {
        fix: "Name the program in the step's command (the image's entrypoint, e.g. command: ['/kaniko/executor']), so that its args are read as that program reads them, "
          + 'and keep the value behind a literal prefix that makes it data (such as "--destination=") or after a literal "--"; or pass the value through env to a script. '
          + 'Until the program is named, no prefix makes it data: the entrypoint may be a shell that runs its args.',
      } : {};
    expect(ARGUMENT_INJECTION.check(commandTask(command, args))).toEqual([{ ...finding(property, value, problem), ...fix }]);
  });

  test('a value that chooses the program gets a fix that writes the program, not the fix of an argument', () => {
    expect(ARGUMENT_INJECTION.check(commandTask(['$(params.tool)'], ['--version']))).toEqual([{
      ...finding('command[0]', '$(params.tool)', 'chooses the program that runs'),
      fix: 'Write the program literally into the step\'s command, never from a param or result (to run one of several, give each its own step or task, '
        + 'chosen with a when expression); "--" before it or a constraint on the param does not make it data.',
    }]);
  });

  test('non-compliant: a "--" inside the wrapper does not protect the program\'s arguments', () => {
    expect(ARGUMENT_INJECTION.check(commandTask(['env', '--', 'git'], ['clone', '$(params.url)']))).toEqual([finding('args[1]', '$(params.url)', STARTS)]);
  });

  test('non-compliant: a value behind only dashes names the option (`--$(params.x)`), not after "--"', () => {
    const OPTION = 'follows only dashes, so the caller chooses which option it is';
    expect(ARGUMENT_INJECTION.check(commandTask(['git'], ['clone', '--$(params.clone-option)', 'https://example.com/r.git'])))
      .toEqual([finding('args[1]', '$(params.clone-option)', OPTION)]);
    expect(ARGUMENT_INJECTION.check(commandTask(['tar'], ['-$(params.flags)', 'x']))).toEqual([finding('args[0]', '$(params.flags)', OPTION)]);
    expect(ARGUMENT_INJECTION.check(commandTask(['git'], ['clone', '--', '--$(params.dir)']))).toEqual([]);
    expect(ARGUMENT_INJECTION.check(commandTask(['git'], ['clone', '--depth=$(params.depth)', '--no-$(params.flag)']))).toEqual([]);
  });

  test('non-compliant: the value of an option the program runs as a command, behind its literal name or in the next argument', () => {
    const FIX = 'Write the command literally into the step (never from a param or result), or pass the value through env to a script that checks it.';
    const as = (program: string, option: string, runs: string, property = 'args[1]') => ({
      ...finding(property, '$(params.x)', `is the value of ${program}'s ${option}, which ${runs}`), fix: FIX,
    });
    expect(ARGUMENT_INJECTION.check(commandTask(['git'], ['clone', '--upload-pack=$(params.x)', 'https://example.com/app.git']))).toEqual([
      as('git', '--upload-pack', 'runs on the remote side as a command (over ssh, or locally for a local path)'),
    ]);
    const CONFIG = 'sets a git configuration value, and keys such as core.sshCommand, core.fsmonitor or alias.* run it';
    expect(ARGUMENT_INJECTION.check(commandTask(['git'], ['-c', 'core.sshCommand=$(params.x)', 'fetch']))).toEqual([as('git', '-c', CONFIG)]);
    expect(ARGUMENT_INJECTION.check(commandTask(['/usr/bin/tar'], ['-x', '--to-command=$(params.x)', '-f', 'a.tar']))).toEqual([as('tar', '--to-command', 'runs as a command for each file extracted')]);
    expect(ARGUMENT_INJECTION.check(commandTask(['rsync'], ['-a', '-e', '$(params.x)', 'src/', 'host:dst/']))).toEqual([as('rsync', '-e', 'runs as the remote shell', 'args[2]')]);
    const SSH_O = 'sets an ssh option, and ProxyCommand, LocalCommand, KnownHostsCommand or Match exec run it';
    expect(ARGUMENT_INJECTION.check(commandTask(['scp'], ['-oProxyCommand=$(params.x)', 'a', 'host:b']))).toEqual([as('scp', '-o', SSH_O, 'args[0]')]);
    expect(ARGUMENT_INJECTION.check(commandTask(['sftp'], ['-o', 'ProxyCommand=$(params.x)', 'host']))).toEqual([as('sftp', '-o', SSH_O)]);
    // git behind timeout --sig (getopt_long's prefix of --signal, whose value is KILL): 5m the duration, git the program
    expect(ARGUMENT_INJECTION.check(commandTask(['timeout', '--sig', 'KILL', '5m', 'git'], ['clone', '--upload-pack=$(params.x)', 'u']))).toEqual([
      as('git', '--upload-pack', 'runs on the remote side as a command (over ssh, or locally for a local path)'),
    ]);
    expect(ARGUMENT_INJECTION.check(commandTask(['zip'], ['-T', '--unzip-command=$(params.x)', 'a.zip', 'f']))).toEqual([as('zip', '--unzip-command', 'runs as the command that tests the archive')]);
    // behind a literal prefix, where git runs it through its configuration: the value git config sets for a key that runs it
    const configured = (property: string, how: string) => ({ ...finding(property, '$(params.x)', `reaches git's configuration: ${how}`), fix: FIX });
    expect(ARGUMENT_INJECTION.check(commandTask(['git'], ['config', '--global', 'core.sshCommand', 'ssh -i key $(params.x)']))).toEqual([
      configured('args[3]', 'it is the value git config sets for core.sshCommand, which git runs as code'),
    ]);
    expect(ARGUMENT_INJECTION.check(commandTask(['git'], ['config', 'alias.x', '!sh $(params.x)']))).toEqual([
      configured('args[2]', 'it is the value git config sets for alias.x, which git runs as code'),
    ]);
    expect(ARGUMENT_INJECTION.check(commandTask(['wget'], ['-e', 'use_askpass=/bin/$(params.x)', 'https://example.com/f']))).toEqual([
      { ...finding('args[1]', '$(params.x)', "reaches wget's configuration: wget runs it as a wgetrc command (use_askpass= runs a program)"), fix: FIX },
    ]);
    // the version spec of a package an install names: `lodash@file:/tmp/evil.tgz` installs evil as lodash and runs its install script (npm 11 run here)
    const SPEC = (program: string, pkg: string, sub: string) => `reaches ${program}'s package specs: it is the version spec of the package ${pkg} that ${program} ${sub} installs, `
      + `where a file: path, a git or an https tarball URL names another package, whose install scripts ${program} runs`;
    const PACKAGE_FIX = 'Write the package\'s version literally (or pin it in package.json and the lockfile), never from a caller\'s value, or check the value '
      + 'against the versions allowed (a pattern such as ^[0-9]+\\.[0-9]+\\.[0-9]+$) before the install.';
    expect(ARGUMENT_INJECTION.check(commandTask(['npm'], ['install', '--no-audit', 'lodash@$(params.x)']))).toEqual([
      { ...finding('args[2]', '$(params.x)', SPEC('npm', 'lodash', 'install')), fix: PACKAGE_FIX },
    ]);
    expect(ARGUMENT_INJECTION.check(commandTask(['pnpm'], ['add', '-D', '@types/node@$(params.x)']))).toEqual([
      { ...finding('args[2]', '$(params.x)', SPEC('pnpm', '@types/node', 'add')), fix: PACKAGE_FIX },
    ]);
    // the package's name before its @, another sub-command, a literal spec
    expect(ARGUMENT_INJECTION.check(commandTask(['npm'], ['install', 'lodash-$(params.x)@4.17.21']))).toEqual([]);
    expect(ARGUMENT_INJECTION.check(commandTask(['npm'], ['run', 'build@$(params.x)']))).toEqual([]);
    // a key that runs nothing: data
    expect(ARGUMENT_INJECTION.check(commandTask(['git'], ['config', '--global', 'user.name', 'bot $(params.x)']))).toEqual([]);
    // long options abbreviated as getopt_long and git accept them, and git's repository and program paths
    expect(ARGUMENT_INJECTION.check(commandTask(['git'], ['clone', '--upload-pa=$(params.x)', 'https://example.com/app.git']))).toEqual([
      as('git', '--upload-pack', 'runs on the remote side as a command (over ssh, or locally for a local path)'),
    ]);
    expect(ARGUMENT_INJECTION.check(commandTask(['tar'], ['-x', '--to-comm', '$(params.x)']))).toEqual([as('tar', '--to-command', 'runs as a command for each file extracted', 'args[2]')]);
    expect(ARGUMENT_INJECTION.check(commandTask(['git'], ['-C', '$(params.x)', 'status']))).toEqual([
      as('git', '-C', 'names the directory git runs in, whose repository configuration and hooks it runs'),
    ]);
    // data options of the same programs, and the same option names of other programs, stay inert
    expect(ARGUMENT_INJECTION.check(commandTask(['git'], ['clone', '--branch=$(params.x)', 'https://example.com/app.git']))).toEqual([]);
    expect(ARGUMENT_INJECTION.check(commandTask(['/kaniko/executor'], ['--upload-pack=$(params.x)']))).toEqual([]);
    // after "--" they are operands
    expect(ARGUMENT_INJECTION.check(commandTask(['rsync'], ['-a', '--', '-e', '$(params.x)']))).toEqual([]);
  });

  test('git\'s -u is clone\'s --upload-pack alone (git 2.39): add\'s, fetch\'s and push\'s -u are flags, before an operand', () => {
    const FIX = 'Write the command literally into the step (never from a param or result), or pass the value through env to a script that checks it.';
    const UPLOAD = { ...finding('args[2]', '$(params.x)', "is the value of git's -u, which runs as the upload-pack command"), fix: FIX };
    expect(ARGUMENT_INJECTION.check(commandTask(['git'], ['clone', '-u', '$(params.x)', 'https://example.com/app.git']))).toEqual([UPLOAD]);
    expect(ARGUMENT_INJECTION.check(commandTask(['git'], ['clone', '-u$(params.x)', 'u']))).toEqual([{ ...UPLOAD, property: 'args[1]' }]);
    for (const sub of ['add', 'fetch', 'push', 'commit']) {
      expect([sub, ARGUMENT_INJECTION.check(commandTask(['git'], [sub, '-u', '$(params.x)']))]).toEqual([sub, [finding('args[2]', '$(params.x)', STARTS)]]);
    }
    // the sub-command after git's global options
    expect(ARGUMENT_INJECTION.check(commandTask(['git'], ['-C', 'src', 'add', '-u', '$(params.x)']))).toEqual([finding('args[4]', '$(params.x)', STARTS)]);
    expect(ARGUMENT_INJECTION.check(commandTask(['git'], ['-C', 'src', 'clone', '-u', '$(params.x)']))).toEqual([{ ...UPLOAD, property: 'args[4]' }]);
    // git's global options before the sub-command alone: commit's -c is --reedit-message, grep's -C a number of lines; clone's -c is --config
    expect(ARGUMENT_INJECTION.check(commandTask(['git'], ['commit', '-c', '$(params.x)']))).toEqual([finding('args[2]', '$(params.x)', STARTS)]);
    expect(ARGUMENT_INJECTION.check(commandTask(['git'], ['grep', '-C', '$(params.x)', 'main']))).toEqual([finding('args[2]', '$(params.x)', STARTS)]);
    expect(ARGUMENT_INJECTION.check(commandTask(['git'], ['clone', '-c', '$(params.x)', 'u']))).toEqual([{
      ...finding('args[2]', '$(params.x)', "is the value of git's -c, which sets a git configuration value, and keys such as core.sshCommand, core.fsmonitor or alias.* run it"), fix: FIX,
    }]);
  });

  test('a short option that runs its value, last in a group of flags or glued after them: git clone -qu, tar -xI, tar xIf', () => {
    const FIX = 'Write the command literally into the step (never from a param or result), or pass the value through env to a script that checks it.';
    const as = (program: string, option: string, runs: string, property: string) => ({
      ...finding(property, '$(params.x)', `is the value of ${program}'s ${option}, which ${runs}`), fix: FIX,
    });
    expect(ARGUMENT_INJECTION.check(commandTask(['git'], ['clone', '-qu', '$(params.x)', 'u']))).toEqual([as('git', '-u', 'runs as the upload-pack command', 'args[2]')]);
    expect(ARGUMENT_INJECTION.check(commandTask(['tar'], ['-xI', '$(params.x)', '-f', 'a.tgz']))).toEqual([as('tar', '-I', 'runs as the compressor', 'args[1]')]);
    expect(ARGUMENT_INJECTION.check(commandTask(['tar'], ['-xI$(params.x)', '-f', 'a.tgz']))).toEqual([as('tar', '-I', 'runs as the compressor', 'args[0]')]);
    expect(ARGUMENT_INJECTION.check(commandTask(['tar'], ['xIf', '$(params.x)', 'a.tgz']))).toEqual([as('tar', '-I', 'runs as the compressor', 'args[1]')]);
    // the letter that takes a value first takes the rest: -bu's u is the branch; tar xfI's first value is the archive
    expect(ARGUMENT_INJECTION.check(commandTask(['git'], ['clone', '-bu', '$(params.x)']))).toEqual([finding('args[2]', '$(params.x)', STARTS)]);
    expect(ARGUMENT_INJECTION.check(commandTask(['tar'], ['xfI', 'a.tgz', '$(params.x)']))).toEqual([as('tar', '-I', 'runs as the compressor', 'args[2]')]);
    expect(ARGUMENT_INJECTION.check(commandTask(['tar'], ['xf', '$(params.x)']))).toEqual([finding('args[1]', '$(params.x)', STARTS)]);
  });

  test('non-compliant: a working directory chosen by the caller', () => {
    expect(ARGUMENT_INJECTION.check(task({ steps: [hardenedContainer('s', { workingDir: '$(params.dir)' })] })))
      .toEqual([finding('workingDir', '$(params.dir)', 'lets the caller choose the working directory')]);
  });

  test('compliant: a working directory and arguments a TaskRun fixes for its own taskSpec; non-compliant: a value a TriggerTemplate fills in', () => {
    const run = (value: string) => ({
      apiVersion: 'tekton.dev/v1',
      kind: 'TaskRun',
      metadata: { name: 'release', namespace: 'ci' },
      spec: {
        params: [{ name: 'dir', value }],
        taskSpec: taskSpec({ params: [{ name: 'dir' }], steps: [hardenedContainer('s', { script: undefined, command: ['ls'], args: ['$(params.dir)'], workingDir: '/src/$(params.dir)' })] }),
      },
    });
    expect(ARGUMENT_INJECTION.check(run('src'))).toEqual([]);
    expect(ARGUMENT_INJECTION.check(run('$(tt.params.dir)'))).toEqual([
      finding('args[0]', '$(params.dir)', STARTS, "step 's'", 'step/s', 'TaskRun', 'release'),
      finding('workingDir', '$(params.dir)', 'lets the caller choose the working directory', "step 's'", 'step/s', 'TaskRun', 'release'),
    ]);
  });

  test('compliant: an array and an object\'s key a PipelineRun fixes for its own pipelineSpec (the pipeline task\'s array, the run\'s key); non-compliant: what a TriggerTemplate fills in, or a Pipeline\'s', () => {
    const step = hardenedContainer('s', { script: undefined, command: ['git'], args: ['clone', '$(params.flags[*])', '$(params.repo.url)', '$(params.flags[0])'] });
    const run = (flags: string[], url: string) => ({
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: { name: 'release', namespace: 'ci' },
      spec: {
        params: [{ name: 'flags', value: ['--depth', '1'] }, { name: 'repo', value: { url } }],
        pipelineSpec: {
          params: [{ name: 'flags', type: 'array' }, { name: 'repo', type: 'object', properties: { url: {} } }],
          tasks: [{ name: 'clone', params: [{ name: 'flags', value: flags }], taskSpec: taskSpec({ steps: [step] }) }],
        },
      },
    });
    const at = (property: string, value: string, problem: string, kind = 'PipelineRun') => finding(property, value, problem, "task 'clone' step 's'", 'task/clone/step/s', kind, 'release');
    expect(ARGUMENT_INJECTION.check(run(['--single-branch'], 'https://github.com/tektoncd/chains'))).toEqual([]);
    expect(ARGUMENT_INJECTION.check(run(['--single-branch', '$(tt.params.flag)'], '$(tt.params.url)'))).toEqual([
      at('args[1]', '$(params.flags[*])', 'expands to several arguments, any of which can be an option'),
      at('args[2]', '$(params.repo.url)', STARTS),
    ]);
    const pipeline = { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'release', namespace: 'ci' }, spec: run(['--single-branch'], 'x').spec.pipelineSpec };
    expect(ARGUMENT_INJECTION.check(pipeline)).toEqual([
      at('args[1]', '$(params.flags[*])', 'expands to several arguments, any of which can be an option', 'Pipeline'),
      at('args[2]', '$(params.repo.url)', STARTS, 'Pipeline'),
      at('args[3]', '$(params.flags[0])', STARTS, 'Pipeline'),
    ]);
  });

  test('non-compliant: the stepTemplate\'s command and args reach every step that sets none', () => {
    const m = task({
      stepTemplate: { command: ['git'], args: ['clone', '$(params.url)'] },
      steps: [hardenedContainer('s', { script: undefined })],
    });
    expect(ARGUMENT_INJECTION.check(m)).toEqual([
      finding('args[1]', '$(params.url)', STARTS, 'stepTemplate', 'stepTemplate'),
      finding('args[1]', '$(params.url)', STARTS),
    ]);
  });

  test('non-compliant: an embedded task spec of a Pipeline', () => {
    const spec = taskSpec({ steps: [hardenedContainer('fetch', { script: undefined, command: ['git'], args: ['clone', '$(params.url)'] })] });
    expect(ARGUMENT_INJECTION.check(pipelineEmbedding(spec)))
      .toEqual([finding('args[1]', '$(params.url)', STARTS, "task 'build' step 'fetch'", 'task/build/step/fetch', 'Pipeline', 'pipe')]);
  });

  test('a script\'s arguments are its "$@": data to the script, like env, in any position and expanded', () => {
    expect(ARGUMENT_INJECTION.check(task({ steps: [hardenedContainer('s', { args: ['--mode=$(params.mode)'] })] }))).toEqual([]);
    expect(ARGUMENT_INJECTION.check(task({ steps: [hardenedContainer('s', { args: ['$(params.mode)'] })] }))).toEqual([]);
    expect(ARGUMENT_INJECTION.check(task({ steps: [hardenedContainer('s', { args: ['$(params.tags[*])'] })] }))).toEqual([]);
  });

  test('a script does not make the args of a command data: with a command, the script is ignored by Tekton\'s webhook rules and the args reach the program', () => {
    expect(ARGUMENT_INJECTION.check(task({ steps: [hardenedContainer('s', { command: ['git'], args: ['$(params.mode)'] })] }))).toEqual([finding('args[0]', '$(params.mode)', STARTS)]);
  });

  describe("a run's label the kubelet fills an env var from (metadata.labels[...]): a word callers choose, never an option", () => {
    const TOOL = { name: 'TOOL', valueFrom: { fieldRef: { fieldPath: "metadata.labels['tool']" } } };
    const LABEL = "(the kubelet expands $(TOOL), which it fills from valueFrom.fieldRef metadata.labels['tool']: a run's label, a value callers can choose)";
    const FIX = "Write the program, its wrappers' arguments and its options (and the values of options that run code) literally in the step; pass $(TOOL) "
      + "(a run's label, never starting with '-') only as data to a fixed program, or check it against the values allowed first.";
    const withLabel = (step: Record<string, any>, env: any[] = []) => task({ steps: [hardenedContainer('s', { script: undefined, ...step, env: [TOOL, ...env] })] });
    const labelFinding = (property: string, problem: string) => ({ ...finding(property, '$(TOOL)', `${problem} ${LABEL}`), fix: FIX });

    test('non-compliant: it chooses the program, directly or behind a wrapper', () => {
      expect(ARGUMENT_INJECTION.check(withLabel({ command: ['$(TOOL)', '--version'] }))).toEqual([labelFinding('command[0]', 'chooses the program that runs')]);
      expect(ARGUMENT_INJECTION.check(withLabel({ command: ['env', '$(TOOL)', 'x'] }))).toEqual([labelFinding('command[1]', 'chooses the program that runs')]);
      expect(ARGUMENT_INJECTION.check(withLabel({ command: ['timeout', '5m', '$(TOOL)'] }))).toEqual([labelFinding('command[2]', 'chooses the program that runs')]);
      // a wrapper's own argument before an interpreter: `env -C DIR` moves to the directory the program is looked up in
      expect(ARGUMENT_INJECTION.check(withLabel({ command: ['env', '-C', '$(TOOL)', './build.sh'] }))).toEqual([labelFinding('command[2]', 'chooses the program that runs')]);
      expect(ARGUMENT_INJECTION.check(withLabel({ command: ['env', '-C', '$(TOOL)', 'sh', '-c', 'make'] }))).toEqual([labelFinding('command[2]', 'chooses the program that runs')]);
    });

    test('synth names the element as written (command[2], args[0]), not the whole field', () => {
      const c = Testing.chart();
      // any construct of the library: synth then checks every object of the app
      new LeastPrivilegeServiceAccount(c, 'runner');
      new ApiObject(c, 'legacy', withLabel({ command: ['timeout', '5m', '$(TOOL)'] }));
      new ApiObject(c, 'entry', { ...withLabel({ args: ['$(TOOL)'] }), metadata: { name: 'entry' } });
      expect(refusalLinesOf(c, RuleId.ARGUMENT_INJECTION)).toEqual([
        `Task 'test/entry' 'entry' step 's': args[0] "$(TOOL)" reaches the arguments of the image's entrypoint, which may run them as code ${LABEL} [ARGUMENT_INJECTION]. ${FIX} `
        + "Or relax ARGUMENT_INJECTION with a reason: Relaxations.of(entry).add({ rule: RuleId.ARGUMENT_INJECTION, target: 'step/s', reason: '<why>' }).",
        `Task 'test/legacy' 'build' step 's': command[2] "$(TOOL)" chooses the program that runs ${LABEL} [ARGUMENT_INJECTION]. ${FIX} `
        + "Or relax ARGUMENT_INJECTION with a reason: Relaxations.of(legacy).add({ rule: RuleId.ARGUMENT_INJECTION, target: 'step/s', reason: '<why>' }).",
      ]);
    });

    test("non-compliant: it reaches the image's entrypoint or a #!win script's interpreter", () => {
      expect(ARGUMENT_INJECTION.check(withLabel({ args: ['run', '$(TOOL)'] }))).toEqual([
        labelFinding('args[1]', "reaches the arguments of the image's entrypoint, which may run them as code"),
      ]);
      expect(ARGUMENT_INJECTION.check(withLabel({ script: '#!win powershell -Command', args: ['$(TOOL)'] }))).toEqual([
        labelFinding('args[0]', 'reaches the arguments of the interpreter that the #!win line names (Tekton runs it with the script file, then the args), which may run them as code'),
      ]);
    });

    test('non-compliant: the value of an option that runs it, or behind only dashes (the option)', () => {
      expect(ARGUMENT_INJECTION.check(withLabel({ command: ['git'], args: ['fetch', '--upload-pack=$(TOOL)', 'origin'] }))).toEqual([
        labelFinding('args[1]', "is the value of git's --upload-pack, which runs on the remote side as a command (over ssh, or locally for a local path)"),
      ]);
      expect(ARGUMENT_INJECTION.check(withLabel({ command: ['rsync'], args: ['-e', '$(TOOL)', 'src/', 'host:dst/'] }))).toEqual([
        labelFinding('args[1]', "is the value of rsync's -e, which runs as the remote shell"),
      ]);
      expect(ARGUMENT_INJECTION.check(withLabel({ command: ['git'], args: ['--$(TOOL)', 'status'] }))).toEqual([
        labelFinding('args[0]', 'follows only dashes, so the caller chooses which option it is'),
      ]);
    });

    test('non-compliant: an env var that a program runs as code, set from it by env or by the container', () => {
      expect(ARGUMENT_INJECTION.check(withLabel({ command: ['env', 'GIT_SSH_COMMAND=$(TOOL)', 'git', 'fetch'] }))).toEqual([
        labelFinding('command[1]', 'sets GIT_SSH_COMMAND through env, which git runs as a command'),
      ]);
      // a label holds upper-case letters, digits and '_': the name of any env var
      expect(ARGUMENT_INJECTION.check(withLabel({ command: ['env', '$(TOOL)=/w/hook', 'git', 'fetch'] }))).toEqual([
        labelFinding('command[1]', 'lets the caller choose which env var env sets for the program'),
      ]);
      expect(ARGUMENT_INJECTION.check(withLabel({ command: ['git', 'fetch'] }, [{ name: 'GIT_SSH_COMMAND', value: 'ssh -i /k $(TOOL)' }]))).toEqual([{
        ...finding('env.GIT_SSH_COMMAND', '$(TOOL)', `sets GIT_SSH_COMMAND, which git runs as a command ${LABEL}`),
        fix: 'Give GIT_SSH_COMMAND a fixed value written in the Task (pass $(TOOL) to the program some other way), or, if the run\'s labels are '
          + 'constrained to safe values, relax ARGUMENT_INJECTION for this step with the reason.',
      }]);
      const sshFromLabel = { name: 'GIT_SSH_COMMAND', valueFrom: { fieldRef: { fieldPath: "metadata.labels['ssh']" } } };
      expect(ARGUMENT_INJECTION.check(withLabel({ command: ['git', 'fetch'] }, [sshFromLabel]))).toEqual([{
        ...finding('env.GIT_SSH_COMMAND', "valueFrom.fieldRef metadata.labels['ssh']",
          "sets GIT_SSH_COMMAND, which git runs as a command (the kubelet fills it from valueFrom.fieldRef metadata.labels['ssh']: a run's label, a value callers can choose)"),
        fix: "Give GIT_SSH_COMMAND a fixed value written in the Task (pass valueFrom.fieldRef metadata.labels['ssh'] to the program some other way), or, if the run's labels are "
          + 'constrained to safe values, relax ARGUMENT_INJECTION for this step with the reason.',
      }]);
      // the stepTemplate's entry, once, on the stepTemplate
      const templated = task({ stepTemplate: { env: [sshFromLabel] }, steps: [hardenedContainer('s', { script: undefined, command: ['git', 'fetch'] })] });
      expect(ARGUMENT_INJECTION.check(templated).map((f) => [f.location, f.property])).toEqual([['stepTemplate', 'env.GIT_SSH_COMMAND']]);
    });

    test('non-compliant: an env var whose value the kubelet expands the label into (defined after it; copies of copies too)', () => {
      const B = { name: 'B', value: '$(TOOL)' };
      const copied = (text: string, chain: string, problem: string, property = 'command[0]') => ({
        ...finding(property, text, `${problem} (the kubelet expands ${text}${chain}, which it fills from valueFrom.fieldRef metadata.labels['tool']: a run's label, a value callers can choose)`),
        fix: FIX.replace('pass $(TOOL)', `pass ${text}`),
      });
      expect(ARGUMENT_INJECTION.check(withLabel({ command: ['$(B)', '--version'] }, [B]))).toEqual([
        copied('$(B)', ', into whose value it expanded $(TOOL)', 'chooses the program that runs'),
      ]);
      expect(ARGUMENT_INJECTION.check(withLabel({ command: ['timeout', '5m', '$(C)'] }, [B, { name: 'C', value: '/opt/$(B)' }]))).toEqual([
        copied('$(C)', ', into whose value it expanded $(B), into whose value it expanded $(TOOL)', 'chooses the program that runs', 'command[2]'),
      ]);
      // the copy's own text before the label's value counts: dashes, an option that runs its value
      expect(ARGUMENT_INJECTION.check(withLabel({ command: ['git'], args: ['$(B)', 'status'] }, [{ name: 'B', value: '--$(TOOL)' }]))).toEqual([
        copied('$(B)', ', into whose value it expanded $(TOOL)', 'follows only dashes, so the caller chooses which option it is', 'args[0]'),
      ]);
      expect(ARGUMENT_INJECTION.check(withLabel({ command: ['git'], args: ['fetch', '$(B)', 'origin'] }, [{ name: 'B', value: '--upload-pack=$(TOOL)' }]))).toEqual([
        copied('$(B)', ', into whose value it expanded $(TOOL)', "is the value of git's --upload-pack, which runs on the remote side as a command (over ssh, or locally for a local path)", 'args[1]'),
      ]);
      expect(ARGUMENT_INJECTION.check(withLabel({ command: ['git', 'fetch'] }, [B, { name: 'GIT_SSH_COMMAND', value: '$(B) -i /k' }]))).toEqual([{
        ...finding('env.GIT_SSH_COMMAND', '$(B)', 'sets GIT_SSH_COMMAND, which git runs as a command (the kubelet expands $(B), into whose value it expanded $(TOOL), '
          + "which it fills from valueFrom.fieldRef metadata.labels['tool']: a run's label, a value callers can choose)"),
        fix: 'Give GIT_SSH_COMMAND a fixed value written in the Task (pass $(B) to the program some other way), or, if the run\'s labels are '
          + 'constrained to safe values, relax ARGUMENT_INJECTION for this step with the reason.',
      }]);
    });

    test('compliant: a copy the kubelet does not expand the label into (defined before it, escaped, replaced), or where it is data', () => {
      const step = (command: string[], env: any[]) => task({ steps: [hardenedContainer('s', { script: undefined, command, env })] });
      // the kubelet expands a value only from the env vars defined before it: `$(TOOL)` stays as written
      expect(ARGUMENT_INJECTION.check(step(['$(B)'], [{ name: 'B', value: '$(TOOL)' }, TOOL]))).toEqual([]);
      expect(ARGUMENT_INJECTION.check(withLabel({ command: ['$(B)'] }, [{ name: 'B', value: '$$(TOOL)' }]))).toEqual([]);
      expect(ARGUMENT_INJECTION.check(withLabel({ command: ['$(B)'] }, [{ name: 'B', value: '$(TOOL)' }, { name: 'B', value: 'git' }]))).toEqual([]);
      expect(ARGUMENT_INJECTION.check(withLabel({ command: ['git'], args: ['clone', '$(B)', '--', '$(B)'] }, [{ name: 'B', value: 'https://x/$(TOOL)' }]))).toEqual([]);
    });

    test('compliant: where its grammar makes it data (starting an argument, behind a literal prefix, after --), or escaped, or replaced', () => {
      expect(ARGUMENT_INJECTION.check(withLabel({
        command: ['git'], args: ['clone', '$(TOOL)', 'https://x/$(TOOL).git', '--branch=$(TOOL)', '$$(TOOL)', '--', '-$(TOOL)'],
      }))).toEqual([]);
      expect(ARGUMENT_INJECTION.check(withLabel({ command: ['env', 'FOO=$(TOOL)', 'git', 'fetch'] }))).toEqual([]);
      // a script's "$@", the arguments of an interpreter (SCRIPT_INJECTION's), a later entry that replaces it
      expect(ARGUMENT_INJECTION.check(withLabel({ script: '#!/bin/sh\necho "$@"\n', args: ['$(TOOL)'] }))).toEqual([]);
      expect(ARGUMENT_INJECTION.check(withLabel({ command: ['sh', '-c', 'echo "$1"', '_', '$(TOOL)'] }))).toEqual([]);
      expect(ARGUMENT_INJECTION.check(withLabel({ command: ['$(TOOL)'] }, [{ name: 'TOOL', value: 'git' }]))).toEqual([]);
      // the pod's name or namespace are not chosen by a caller of the run as labels are
      expect(ARGUMENT_INJECTION.check(task({
        steps: [hardenedContainer('s', {
          script: undefined, command: ['$(POD)'], env: [{ name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
        })],
      }))).toEqual([]);
    });
  });
});

describe('ARGUMENT_INJECTION: a param enum at the start of an argument', () => {
  const flags = (value?: string) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'feature-flags', namespace: 'tekton-pipelines' },
    data: value === undefined ? {} : { 'enable-param-enum': value },
  });
  const withEnum = (values: string[], args = ['$(params.mode)']) => task({
    params: [{ name: 'mode', enum: values, default: values[0] }],
    steps: [hardenedContainer('s', { script: undefined, command: ['/bin/tool'], args })],
  });
  const FIX = 'Set enable-param-enum: "true" in Tekton\'s feature-flags ConfigMap (namespace tekton-pipelines) and audit it with this object, or put the value '
    + 'after a literal "--" or behind a literal prefix that makes it data.';
  const needsFlag = (source: string) => `${STARTS}: the enum of "mode" ("fast", "slow") allows none, but Tekton checks a run's value against it only while `
    + `the feature flag enable-param-enum is "true", and ${source}`;

  test('the rule\'s fix names an enum, and an enum of values that start no option clears the finding where Tekton checks it', () => {
    expect(ARGUMENT_INJECTION.fix).toBe('Pass the value through env, put it after a literal "--" or behind a literal prefix that makes it data (such as "--destination=", '
      + 'never an option whose value runs, such as git\'s "--upload-pack="), or, where it starts an argument, declare the param with an `enum` of values none of '
      + 'which starts with "-" (Tekton refuses a run\'s other values while the feature flag enable-param-enum is "true") or give a SecureTask\'s param a constraint.');
    const t = withEnum(['fast', 'slow']);
    expect(ARGUMENT_INJECTION.check(t, ruleContext([t, flags('true')]))).toEqual([]);
    // strconv.ParseBool's spellings; the rest of the argument after the value is literal text that starts no option
    expect(ARGUMENT_INJECTION.check(t, ruleContext([t, flags('T')]))).toEqual([]);
    const suffixed = withEnum(['fast', 'slow'], ['$(params.mode).conf']);
    expect(ARGUMENT_INJECTION.check(suffixed, ruleContext([suffixed, flags('true')]))).toEqual([]);
  });

  test('without the flag known to be on, the finding stays and says so', () => {
    const t = withEnum(['fast', 'slow']);
    expect(ARGUMENT_INJECTION.check(t)).toEqual([
      { ...finding('args[0]', '$(params.mode)', needsFlag('no feature-flags ConfigMap checked with it says so (Tekton\'s default is "false")')), fix: FIX },
    ]);
    expect(ARGUMENT_INJECTION.check(t, ruleContext([t, flags('false')]))).toEqual([
      { ...finding('args[0]', '$(params.mode)', needsFlag('the feature-flags checked with it set it "false"')), fix: FIX },
    ]);
    expect(ARGUMENT_INJECTION.check(t, ruleContext([t, flags()]))).toEqual([
      { ...finding('args[0]', '$(params.mode)', needsFlag('the feature-flags checked with it leave it unset ("false")')), fix: FIX },
    ]);
    // without a namespace, kubectl apply puts it in the context's namespace, where Tekton may not read it
    const unplaced = { ...flags('true'), metadata: { name: 'feature-flags' } };
    expect(ARGUMENT_INJECTION.check(t, ruleContext([t, unplaced]))).toEqual([
      {
        ...finding('args[0]', '$(params.mode)', needsFlag('the feature-flags checked with it set it "true" but name no namespace, so kubectl apply puts them '
          + 'in the current context\'s namespace, where Tekton does not read them (write namespace: tekton-pipelines in their metadata)')),
        fix: FIX,
      },
    ]);
    // beside one in tekton-pipelines that turns it on too, the flag is on wherever the cluster keeps either
    expect(ARGUMENT_INJECTION.check(t, ruleContext([t, unplaced, flags('true')]))).toEqual([]);
    expect(ARGUMENT_INJECTION.check(t, ruleContext([t, flags('true'), unplaced]))).toEqual([]);
    // of two feature-flags the cluster may keep either: the one that leaves it off is read
    const other = { ...flags('true'), metadata: { name: 'feature-flags' } };
    expect(ARGUMENT_INJECTION.check(t, ruleContext([t, other, flags('false')])).map((f) => f.problem)).toEqual([
      needsFlag('the feature-flags checked with it (ConfigMap 2 of the 2 named feature-flags, any of which the cluster may keep) set it "false"'),
    ]);
  });

  test('a Tekton operator\'s TektonConfig checked together: the enable-param-enum it writes, over the ConfigMap', () => {
    const t = withEnum(['fast', 'slow']);
    const config = (pipeline: Record<string, unknown> | undefined) => ({
      apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonConfig', metadata: { name: 'config' }, spec: { targetNamespace: 'tekton-pipelines', pipeline },
    });
    expect(ARGUMENT_INJECTION.check(t, ruleContext([t, flags('false'), config({ 'enable-param-enum': true })]))).toEqual([]);
    expect(ARGUMENT_INJECTION.check(t, ruleContext([t, flags('true'), config(undefined)])).map((f) => f.problem)).toEqual([
      needsFlag('the operator writes it "false" for TektonConfig \'config\', Tekton\'s release value, as spec.pipeline[\'enable-param-enum\'] is not set'),
    ]);
    // the operator's CRDs serve only v1alpha1 (tektoncd/operator v0.81.0): the API server refuses another version, which writes nothing
    for (const apiVersion of ['operator.tekton.dev/v1', 'operator.tekton.dev/v1beta1']) {
      expect(ARGUMENT_INJECTION.check(t, ruleContext([t, { ...config({ 'enable-param-enum': true }), apiVersion }])).map((f) => f.problem)).toEqual([
        needsFlag('no feature-flags ConfigMap checked with it says so (Tekton\'s default is "false")'),
      ]);
    }
  });

  test('an enum that lets an option through, an empty value (which Tekton does not check), or an option after the value keeps the plain finding', () => {
    for (const [values, args] of [
      [['fast', '--upload-pack=touch /tmp/x'], ['$(params.mode)']],
      [['fast', ''], ['$(params.mode)']],
      [['fast', '$(params.other)'], ['$(params.mode)']],
      [['fast', 'slow'], ['$(params.mode)-x']],
      [['fast', 'slow'], ['$(params.mode)$(params.other)']],
    ] as Array<[string[], string[]]>) {
      const t = withEnum(values, args);
      expect(ARGUMENT_INJECTION.check(t, ruleContext([t, flags('true')]))).toEqual([finding('args[0]', '$(params.mode)', STARTS)]);
    }
    // the program's place is chosen by the param whatever its enum lists
    const program = task({
      params: [{ name: 'mode', enum: ['git', 'make'] }],
      steps: [hardenedContainer('s', { script: undefined, command: ['$(params.mode)'] })],
    });
    expect(ARGUMENT_INJECTION.check(program, ruleContext([program, flags('true')])).map((f) => f.problem)).toEqual(['chooses the program that runs']);
  });

  test('in a pipeline task\'s embedded taskSpec the enum binds only where the pipeline task passes the param', () => {
    const spec = taskSpec({ params: [{ name: 'mode', enum: ['fast', 'slow'] }], steps: [hardenedContainer('s', { script: undefined, command: ['/bin/tool'], args: ['$(params.mode)'] })] });
    const p = pipelineEmbedding(spec);
    expect(ARGUMENT_INJECTION.check(p, ruleContext([p, flags('true')]))).toEqual([{
      ...finding('args[0]', '$(params.mode)', `${STARTS}: the enum of "mode" ("fast", "slow") allows none, but the task's enum does not bind it: pipeline task `
        + '\'build\' does not pass "mode", so Tekton substitutes a PipelineRun\'s param "mode" (declared by the pipeline or not) into the inline taskSpec before '
        + 'any enum is checked', "task 'build' step 's'", 'task/build/step/s', 'Pipeline', 'pipe'),
      fix: 'Pass "mode" in params of pipeline task \'build\' (Tekton checks what it passes against the enum), or declare "mode" on the pipeline with an enum of the same values.',
    }]);
    const passed = { ...p, spec: { tasks: [{ name: 'build', taskSpec: spec, params: [{ name: 'mode', value: '$(params.mode)' }] }] } };
    expect(ARGUMENT_INJECTION.check(passed, ruleContext([passed, flags('true')]))).toEqual([]);
  });
});

describe('ARGUMENT_INJECTION: the options make and zip read from the environment', () => {
  test('non-compliant: a caller\'s value in GNUMAKEFLAGS (GNU make 4.3 reads it as MAKEFLAGS) or ZIPOPT (zip 3.0: -TT runs a command)', () => {
    const m = task({
      steps: [hardenedContainer('s', {
        script: '#!/bin/sh\nmake && zip a.zip f\n', env: [{ name: 'GNUMAKEFLAGS', value: '$(params.flags)' }, { name: 'ZIPOPT', value: '$(params.zip)' }],
      })],
    });
    expect(ARGUMENT_INJECTION.check(m).map((f) => [f.location, f.property, f.problem])).toEqual([
      ["step 's'", 'env.GNUMAKEFLAGS', 'sets GNUMAKEFLAGS, which make reads as options and variable assignments (SHELL, and commands it runs)'],
      ["step 's'", 'env.ZIPOPT', 'sets ZIPOPT, which zip reads as options (-TT runs a command)'],
    ]);
  });
});
