import { describeRule, hardenedContainer, pipelineEmbedding, task, taskSpec } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { ARGUMENT_INJECTION } from '../../../src/policy/rules/argument-injection';

/** A Task whose step `s` runs `command` with `args` (no script). */
const commandTask = (command: string[] | undefined, args: string[] = [], extra: Record<string, any> = {}) =>
  task({ steps: [hardenedContainer('s', { script: undefined, command, args, ...extra })] });

const finding = (property: string, value: string, problem: string, location = "step 's'", target = 'step/s', kind = 'Task', name = 'build') => ({
  rule: RuleId.ARGUMENT_INJECTION, kind, name, location, target, property, value, problem,
});

const STARTS = "starts an argument, so a value starting with '-' becomes an option";

describe('ARGUMENT_INJECTION', () => {
  describeRule(ARGUMENT_INJECTION, RuleId.ARGUMENT_INJECTION, Severity.HIGH, true);

  test('compliant: values inside an argument after a literal prefix, or after "--", of a named program', () => {
    expect(ARGUMENT_INJECTION.check(commandTask(['/kaniko/executor'], ['--destination=$(params.image):$(params.tag)', '--context=dir:///src']))).toEqual([]);
    expect(ARGUMENT_INJECTION.check(commandTask(['git'], ['clone', 'https://github.com/$(params.repo).git']))).toEqual([]);
    expect(ARGUMENT_INJECTION.check(commandTask(['/ko-app/cosign'], ['verify', '--', '$(params.image)']))).toEqual([]);
    // the task's own paths are not caller data
    expect(ARGUMENT_INJECTION.check(commandTask(['/bin/tool'], ['$(workspaces.src.path)/Makefile'], { workingDir: '$(workspaces.src.path)' }))).toEqual([]);
  });

  test('compliant: no substitution at all, and interpreters (SCRIPT_INJECTION judges those)', () => {
    expect(ARGUMENT_INJECTION.check(task())).toEqual([]);
    expect(ARGUMENT_INJECTION.check(commandTask(['sh', '-c'], ['echo $(params.x)']))).toEqual([]);
  });

  test.each<[string, string[] | undefined, string[], string, string, string]>([
    ['a whole argument', ['git'], ['clone', '$(params.url)'], 'args', '$(params.url)', STARTS],
    ['an argument that starts with a value', ['git'], ['fetch', '$(params.remote)/main'], 'args', '$(params.remote)', STARTS],
    ['a result of another task', ['/bin/deploy'], ['$(tasks.build.results.digest)'], 'args', '$(tasks.build.results.digest)', STARTS],
    ['an array param expands even behind a prefix', ['/bin/tool'], ['--flags=$(params.flags[*])'], 'args', '$(params.flags[*])',
      'expands to several arguments, any of which can be an option'],
    ['the program itself', ['$(params.tool)'], ['--version'], 'command', '$(params.tool)', 'chooses the program that runs'],
    ['a program behind env', ['env', '$(params.tool)'], [], 'command', '$(params.tool)', 'chooses the program that runs'],
    ['args to the image entrypoint', undefined, ['--x=$(params.x)'], 'args', '$(params.x)', "reaches the arguments of the image's entrypoint, which may run them as code"],
  ])('non-compliant: %s', (_, command, args, property, value, problem) => {
    expect(ARGUMENT_INJECTION.check(commandTask(command, args))).toEqual([finding(property, value, problem)]);
  });

  test('non-compliant: a "--" inside the wrapper does not protect the program\'s arguments', () => {
    expect(ARGUMENT_INJECTION.check(commandTask(['env', '--', 'git'], ['clone', '$(params.url)']))).toEqual([finding('args', '$(params.url)', STARTS)]);
  });

  test('non-compliant: a working directory chosen by the caller', () => {
    expect(ARGUMENT_INJECTION.check(task({ steps: [hardenedContainer('s', { workingDir: '$(params.dir)' })] })))
      .toEqual([finding('workingDir', '$(params.dir)', 'lets the caller choose the working directory')]);
  });

  test('non-compliant: the stepTemplate\'s command and args reach every step that sets none', () => {
    const m = task({
      stepTemplate: { command: ['git'], args: ['clone', '$(params.url)'] },
      steps: [hardenedContainer('s', { script: undefined })],
    });
    expect(ARGUMENT_INJECTION.check(m)).toEqual([
      finding('args', '$(params.url)', STARTS, 'stepTemplate', 'stepTemplate'),
      finding('args', '$(params.url)', STARTS),
    ]);
  });

  test('non-compliant: an embedded task spec of a Pipeline', () => {
    const spec = taskSpec({ steps: [hardenedContainer('fetch', { script: undefined, command: ['git'], args: ['clone', '$(params.url)'] })] });
    expect(ARGUMENT_INJECTION.check(pipelineEmbedding(spec)))
      .toEqual([finding('args', '$(params.url)', STARTS, "task 'build' step 'fetch'", 'task/build/step/fetch', 'Pipeline', 'pipe')]);
  });

  test('a script\'s arguments are its "$@": data to the script, like env, in any position and expanded', () => {
    expect(ARGUMENT_INJECTION.check(task({ steps: [hardenedContainer('s', { args: ['--mode=$(params.mode)'] })] }))).toEqual([]);
    expect(ARGUMENT_INJECTION.check(task({ steps: [hardenedContainer('s', { args: ['$(params.mode)'] })] }))).toEqual([]);
    expect(ARGUMENT_INJECTION.check(task({ steps: [hardenedContainer('s', { args: ['$(params.tags[*])'] })] }))).toEqual([]);
  });

  test('a script does not make the args of a command data: with a command, the script is ignored by Tekton\'s webhook rules and the args reach the program', () => {
    expect(ARGUMENT_INJECTION.check(task({ steps: [hardenedContainer('s', { command: ['git'], args: ['$(params.mode)'] })] }))).toEqual([finding('args', '$(params.mode)', STARTS)]);
  });
});
