import { describeRule, hardenedContainer, pipelineEmbedding, pipelineRunEmbedding, task, taskSpec } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { SCRIPT_INJECTION } from '../../../src/policy/rules/script-injection';

/** The finding for `substitution` pasted into `property`, with the env name the fix proposes. */
const pasted = (location: string, target: string, property: string, substitution: string, env: string, kind = 'Task', name = 'build') => ({
  rule: RuleId.SCRIPT_INJECTION,
  kind,
  name,
  location,
  target,
  property,
  value: substitution,
  problem: 'pastes a substitution into shell code',
  fix: `Pass it through env instead: env: [{ name: '${env}', value: '${substitution}' }] and use "$${env}" (quoted) in the script.`,
});

/** A Task whose step `s` runs `command` with `args`. */
const commandTask = (command: string[], args: string[] = []) => task({ steps: [hardenedContainer('s', { script: undefined, command, args })] });

describe('SCRIPT_INJECTION', () => {
  describeRule(SCRIPT_INJECTION, RuleId.SCRIPT_INJECTION, Severity.HIGH, false);

  test('applies to Tekton objects that hold task specs only', () => {
    expect(SCRIPT_INJECTION.appliesTo(task())).toBe(true);
    expect(SCRIPT_INJECTION.appliesTo(pipelineEmbedding(taskSpec()))).toBe(true);
    expect(SCRIPT_INJECTION.appliesTo({ kind: 'Pipeline', spec: { tasks: [{ name: 'a', taskRef: { name: 'x' }, params: [{ name: 'p', value: '$(params.p)' }] }] } })).toBe(false);
  });

  test('compliant: values through env, and substitutions that are not caller data', () => {
    expect(SCRIPT_INJECTION.check(task({
      steps: [hardenedContainer('s', {
        env: [{ name: 'REVISION', value: '$(params.revision)' }, { name: 'DIGEST', value: '$(tasks.build.results.digest)' }],
        script: '#!/bin/sh\ncd "$(workspaces.src.path)"\necho "$REVISION" > $(results.out.path)\necho $(context.taskRun.name)\n',
      })],
    }))).toEqual([]);
  });

  test('compliant: a substitution in the args of a program that is not a shell', () => {
    expect(SCRIPT_INJECTION.check(commandTask(['/ko-app/tool'], ['--x=$(params.x)']))).toEqual([]);
    expect(SCRIPT_INJECTION.check(commandTask(['git'], ['clone', '$(params.url)']))).toEqual([]);
    // a shell without -c runs a script file, not the argument text
    expect(SCRIPT_INJECTION.check(commandTask(['sh'], ['/scripts/run.sh', '$(params.x)']))).toEqual([]);
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
    ['a space after the parenthesis', '$( params.x)', 'X'],
    ['a result of another pipeline task', '$(tasks.build.results.digest)', 'DIGEST'],
    ['a result in bracket notation', "$(tasks.build.results['image-digest'])", 'IMAGE_DIGEST'],
    ['a result of an earlier step', '$(steps.fetch.results.sha)', 'SHA'],
  ])('non-compliant: %s', (_, substitution, env) => {
    expect(SCRIPT_INJECTION.check(task({ steps: [hardenedContainer('compile', { script: `#!/bin/sh\necho ${substitution}\n` })] })))
      .toEqual([pasted("step 'compile'", 'step/compile', 'script', substitution, env)]);
  });

  test('non-compliant: one finding per script, for its first substitution', () => {
    expect(SCRIPT_INJECTION.check(task({ steps: [hardenedContainer('compile', { script: '#!/bin/sh\necho $(params.a) $(params.b)\n' })] })))
      .toEqual([pasted("step 'compile'", 'step/compile', 'script', '$(params.a)', 'A')]);
  });

  test('non-compliant: a sidecar script', () => {
    expect(SCRIPT_INJECTION.check(task({ sidecars: [hardenedContainer('db', { script: '#!/bin/sh\npostgres -c "$(params.conf)"' })] })))
      .toEqual([pasted("sidecar 'db'", 'sidecar/db', 'script', '$(params.conf)', 'CONF')]);
  });

  test('non-compliant: the shell text of sh -c, bash -c and env sh -c, in command or args', () => {
    expect(SCRIPT_INJECTION.check(commandTask(['/bin/bash'], ['-c', 'echo $(tasks.build.results.digest)'])))
      .toEqual([pasted("step 's'", 'step/s', 'args', '$(tasks.build.results.digest)', 'DIGEST')]);
    expect(SCRIPT_INJECTION.check(commandTask(['/usr/bin/env'], ['bash', '-c', 'echo $(params.x)'])))
      .toEqual([pasted("step 's'", 'step/s', 'args', '$(params.x)', 'X')]);
    expect(SCRIPT_INJECTION.check(commandTask(['sh', '-c', 'curl $(params.url)'])))
      .toEqual([pasted("step 's'", 'step/s', 'args', '$(params.url)', 'URL')]);
    expect(SCRIPT_INJECTION.check(commandTask(['busybox', 'sh', '-c'], ['wget $(params.url)'])))
      .toEqual([pasted("step 's'", 'step/s', 'args', '$(params.url)', 'URL')]);
    expect(SCRIPT_INJECTION.check(commandTask(['bash', '-o', 'pipefail', '-c'], ['make $(params.target)'])))
      .toEqual([pasted("step 's'", 'step/s', 'args', '$(params.target)', 'TARGET')]);
  });

  test('non-compliant: a script and shell args of the same step are both reported', () => {
    expect(SCRIPT_INJECTION.check(task({ steps: [hardenedContainer('s', { script: '#!/bin/sh\necho $(params.a)', command: ['sh', '-c', 'echo $(params.b)'] })] }))).toEqual([
      pasted("step 's'", 'step/s', 'script', '$(params.a)', 'A'),
      pasted("step 's'", 'step/s', 'args', '$(params.b)', 'B'),
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
