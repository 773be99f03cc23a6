import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { ParamConstraint, ParamType, PipelineTaskOptions, SecurePipeline, SecureTask, SecureTaskProps, TaskParam, WhenExpression } from '../../src';
import { chart, only, step } from '../helpers/constructs';
import { runStepScript } from '../helpers/run-step';

const TAGS: TaskParam = { name: 'tags', valueType: ParamType.ARRAY, defaultArray: ['latest'], constraint: ParamConstraint.imageTag() };
const REPO: TaskParam = { name: 'repo', valueType: ParamType.OBJECT, properties: ['url', 'revision'] };

function task(props: Partial<SecureTaskProps> = {}) {
  const c = chart();
  return { c, task: new SecureTask(c, 'build', { steps: [step()], ...props }) };
}

describe('array and object params of a task', () => {
  test('are declared with their type, default and properties', () => {
    const { c } = task({ parameters: [TAGS, { ...REPO, defaultObject: { url: 'https://git.example.com/app', revision: 'main' } }] });
    expect(only(c, 'Task').spec.params).toEqual([
      { name: 'tags', type: 'array', default: ['latest'] },
      {
        name: 'repo',
        type: 'object',
        properties: { url: { type: 'string' }, revision: { type: 'string' } },
        default: { url: 'https://git.example.com/app', revision: 'main' },
      },
    ]);
  });

  test('an array param is written to /tmp/params/<name> by a step that gets its elements as "$@" and checks each', () => {
    const { c } = task({ parameters: [TAGS] });
    const steps = only(c, 'Task').spec.steps;
    expect(steps.map((s: any) => s.name)).toEqual(['param-tags', 'run']);
    expect(steps[0].args).toEqual(['$(params.tags[*])']);
    expect(steps[0].command).toBeUndefined();
    expect(steps[0].script).toBe([
      '#!/bin/sh',
      'set -eu',
      'fail() { echo "each element of param tags must be $1" >&2; exit 1; }',
      'mkdir -p /tmp/params',
      ": > '/tmp/params/tags'",
      'for e in "$@"; do',
      '  [ "$(printf \'%s\' "$e" | wc -l)" -eq 0 ] || fail \'a single line\'',
      "  printf '%s' \"$e\" | grep -Eq -e '^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$' || fail 'an image tag'",
      "  printf '%s\\n' \"$e\" >> '/tmp/params/tags'",
      'done',
      '',
    ].join('\n'));
    expect(steps[0].securityContext.runAsNonRoot).toBe(true);
    expect(steps[0].securityContext.readOnlyRootFilesystem).toBe(true);
  });

  test('a constraint bounded in length (a library task\'s, for a value written to a result) checks the length too, at synth and in the step', () => {
    const bounded = ParamConstraint._boundedPattern('^[a-z]+$', 'a word (at most 3 characters)', 3);
    expect(['abc', 'abcd', 'ab1'].map((v) => bounded.accepts(v))).toEqual([true, false, false]);
    expect(() => task({ parameters: [{ name: 'words', valueType: ParamType.ARRAY, defaultArray: ['abc', 'abcd'], constraint: bounded }] })).toThrow(
      "SecureTask 'test/build': parameters[words].defaultArray[1] \"abcd\" is not a word (at most 3 characters) [VALID_SPEC]. Give a default that satisfies the constraint, or none.");
    const { c } = task({ parameters: [{ name: 'words', valueType: ParamType.ARRAY, constraint: bounded }, { name: 'word', constraint: bounded }] });
    const [words, validate] = ['param-words', 'validate-params'].map((n) => only(c, 'Task').spec.steps.find((st: any) => st.name === n));
    // grep -E cannot bound a length past 255 (RE_DUP_MAX): the shell compares it
    expect(words.script).toContain("  [ \"${#e}\" -le 3 ] || fail 'a word (at most 3 characters)'\n  printf '%s' \"$e\" | grep -Eq -e '^[a-z]+$'");
    expect(validate.script).toContain("[ \"${#PARAM_WORD}\" -le 3 ] || fail 'word' 'a word (at most 3 characters)'\nprintf '%s' \"$PARAM_WORD\" | grep -Eq -e '^[a-z]+$'");
  });

  test('the step of an array param takes a name no user step has', () => {
    const { c } = task({ parameters: [TAGS], steps: [step({ name: 'param-tags' })] });
    expect(only(c, 'Task').spec.steps.map((s: any) => s.name)).toEqual(['param-tags-2', 'param-tags']);
  });

  test('each value of a constrained object param is checked by validate-params, through env', () => {
    const { c } = task({ parameters: [{ ...REPO, constraint: ParamConstraint.pattern('^[a-z0-9:/.-]+$') }] });
    const validate = only(c, 'Task').spec.steps[0];
    expect(validate.name).toBe('validate-params');
    expect(validate.env).toEqual([
      { name: 'PARAM_REPO_URL', value: '$(params.repo.url)' },
      { name: 'PARAM_REPO_REVISION', value: '$(params.repo.revision)' },
    ]);
  });

  test('steps read object keys and array elements through env, and array elements as the args of a script', () => {
    const { c } = task({
      parameters: [TAGS, REPO],
      steps: [step({ env: { URL: '$(params.repo.url)', FIRST: '$(params.tags[0])' }, args: ['$(params.tags[*])'] })],
    });
    const run = only(c, 'Task').spec.steps[1];
    expect(run.args).toEqual(['$(params.tags[*])']);
    expect(run.env).toEqual([{ name: 'URL', value: '$(params.repo.url)' }, { name: 'FIRST', value: '$(params.tags[0])' }]);
  });

  test.each<[string, TaskParam, string]>([
    ['a string default on an array param', { name: 'tags', valueType: ParamType.ARRAY, defaultValue: 'latest' },
      'SecureTask \'test/build\': parameters[tags].defaultValue "latest" is set on a param of type array [VALID_SPEC]. Set valueType: ParamType.STRING for this default, or give the default of type array (defaultArray).'],
    ['an array default on a string param', { name: 'tag', defaultArray: ['latest'] },
      'SecureTask \'test/build\': parameters[tag].defaultArray "latest" is set on a param of type string [VALID_SPEC]. Set valueType: ParamType.ARRAY for this default, or give the default of type string (defaultValue).'],
    ['properties on an array param', { name: 'tags', valueType: ParamType.ARRAY, properties: ['a'] },
      'SecureTask \'test/build\': parameters[tags].properties "a" is set on a param of type array [VALID_SPEC]. Set valueType: ParamType.OBJECT for this default, or give the default of type array (defaultArray).'],
    ['an object param without properties', { name: 'repo', valueType: ParamType.OBJECT },
      "SecureTask 'test/build': parameters[repo].properties is empty: an object param needs at least one key [VALID_SPEC]. List its keys, e.g. properties: ['url', 'revision']."],
    ['a key Tekton cannot reference', { name: 'repo', valueType: ParamType.OBJECT, properties: ['git.url'] },
      'SecureTask \'test/build\': parameters[repo].properties "git.url" is not a key Tekton can reference as $(params.<name>.<key>) [VALID_NAME]. Use distinct keys of letters, digits, "_" and "-", starting with a letter or "_".'],
    ['a key listed twice', { name: 'repo', valueType: ParamType.OBJECT, properties: ['url', 'url'] },
      'SecureTask \'test/build\': parameters[repo].properties "url" is listed twice [VALID_NAME]. Use distinct keys of letters, digits, "_" and "-", starting with a letter or "_".'],
    ['an object default that leaves out a key and adds one', { ...REPO, defaultObject: { url: 'u', branch: 'b' } },
      'SecureTask \'test/build\': parameters[repo].defaultObject "url, branch" leaves out revision and has keys that are not properties: branch [VALID_SPEC]. '
      + "Give a value for exactly its properties: defaultObject: { url: 'u', revision: '<value>' }."],
    ['an array default element the constraint refuses', { ...TAGS, defaultArray: ['latest', '-rf'] },
      'SecureTask \'test/build\': parameters[tags].defaultArray[1] "-rf" is not an image tag [VALID_SPEC]. Give a default that satisfies the constraint, or none.'],
    ['an object default value the constraint refuses', { ...REPO, defaultObject: { url: 'a b', revision: 'main' }, constraint: ParamConstraint.pattern('^[a-z]+$') },
      'SecureTask \'test/build\': parameters[repo].defaultObject.url "a b" is not matching ^[a-z]+$ [VALID_SPEC]. Give a default that satisfies the constraint, or none.'],
  ])('refused: %s', (_, param, message) => {
    expect(() => task({ parameters: [param] })).toThrow(message);
  });

  test.each<[string, Partial<SecureTaskProps>, string]>([
    ['an array param read as one string', { parameters: [TAGS], steps: [step({ env: { TAGS: '$(params.tags)' } })] },
      'SecureTask \'test/build\' step \'run\': env.TAGS "$(params.tags)" reads array param \'tags\' as one string [VALID_REFERENCE]. Read its elements from the file /tmp/params/tags (one per line, written before the task\'s steps run), pass args: [\'$(params.tags[*])\'] to a step with a script (they become "$@"), or take one element with $(params.tags[0]) in env.'],
    ['an array param expanded in env', { parameters: [TAGS], steps: [step({ env: { TAGS: '$(params.tags[*])' } })] },
      'SecureTask \'test/build\' step \'run\': env.TAGS "$(params.tags[*])" expands array param \'tags\' where its elements could be read as code or options [VALID_REFERENCE]. Read its elements from the file /tmp/params/tags (one per line, written before the task\'s steps run), pass args: [\'$(params.tags[*])\'] to a step with a script (they become "$@"), or take one element with $(params.tags[0]) in env.'],
    ['an array param expanded in the args of a command', { parameters: [TAGS], steps: [step({ script: undefined, command: ['crane'], args: ['$(params.tags[*])'] })] },
      'SecureTask \'test/build\' step \'run\': args "$(params.tags[*])" expands array param \'tags\' where its elements could be read as code or options [VALID_REFERENCE].'],
    ['an array param expanded inside a longer argument', { parameters: [TAGS], steps: [step({ args: ['--tag=$(params.tags[*])'] })] },
      'SecureTask \'test/build\' step \'run\': args "$(params.tags[*])" expands array param \'tags\' where its elements could be read as code or options [VALID_REFERENCE].'],
    ['an object param read whole', { parameters: [REPO], steps: [step({ env: { REPO: '$(params.repo[*])' } })] },
      'SecureTask \'test/build\' step \'run\': env.REPO "$(params.repo[*])" reads object param \'repo\' whole [VALID_REFERENCE]. Reference one key at a time: $(params.repo.<key>), with a key of: url, revision.'],
    ['an object param read as one string', { parameters: [REPO], steps: [step({ env: { REPO: '$(params.repo)' } })] },
      'SecureTask \'test/build\' step \'run\': env.REPO "$(params.repo)" reads object param \'repo\' as one string [VALID_REFERENCE]. Reference one key at a time: $(params.repo.<key>), with a key of: url, revision.'],
    ['an object key the param does not declare', { parameters: [REPO], steps: [step({ env: { B: '$(params.repo.branch)' } })] },
      'SecureTask \'test/build\' step \'run\': env.B "$(params.repo.branch)" references key \'branch\' that object param \'repo\' does not declare [VALID_REFERENCE]. Use one of: url, revision; or add it to the param\'s properties.'],
    ['a string param indexed', { parameters: [{ name: 'tag' }], steps: [step({ env: { T: '$(params.tag[0])' } })] },
      'SecureTask \'test/build\' step \'run\': env.T "$(params.tag[0])" uses string param \'tag\' as an array [VALID_REFERENCE]. Reference it as $(params.tag), or declare it with valueType: ParamType.ARRAY.'],
  ])('refused: %s', (_, props, message) => {
    expect(() => task(props)).toThrow(message);
  });
});

describe('array and object params of a pipeline and its tasks', () => {
  function pipeline(options: Partial<PipelineTaskOptions>, params = [
    { name: 'branch' },
    { name: 'extra-tags', valueType: ParamType.ARRAY, defaultArray: ['stable'] },
    { name: 'git', valueType: ParamType.OBJECT, properties: ['url', 'revision'], defaultObject: { url: 'https://git.example.com/app', revision: 'main' } },
  ]) {
    const c = chart();
    const build = new SecureTask(c, 'build', { parameters: [TAGS, REPO, { name: 'ref', defaultValue: 'main' }], steps: [step()] });
    const p = new SecurePipeline(c, 'ci', { parameters: params });
    p.addTask({ task: build, objectParameters: { repo: { url: 'u', revision: 'r' } }, ...options });
    return { c, p };
  }

  test('pipeline params are declared with their types', () => {
    const { c } = pipeline({});
    expect(only(c, 'Pipeline').spec.params).toEqual([
      { name: 'branch', type: 'string' },
      { name: 'extra-tags', type: 'array', default: ['stable'] },
      { name: 'git', type: 'object', properties: { url: { type: 'string' }, revision: { type: 'string' } }, default: { url: 'https://git.example.com/app', revision: 'main' } },
    ]);
  });

  test('array, object and whole-object values are written as Tekton takes them', () => {
    const { c } = pipeline({
      arrayParameters: { tags: ['$(params.branch)', '$(params.extra-tags[*])', '$(params.git.revision)'] },
      objectParameters: undefined,
      parameters: { repo: '$(params.git[*])', ref: '$(params.extra-tags[0])' },
    });
    // written sorted by name, whatever order the map gives (a Java Map.of has none)
    expect(only(c, 'Pipeline').spec.tasks[0].params).toEqual([
      { name: 'ref', value: '$(params.extra-tags[0])' },
      { name: 'repo', value: '$(params.git[*])' },
      { name: 'tags', value: ['$(params.branch)', '$(params.extra-tags[*])', '$(params.git.revision)'] },
    ]);
  });

  test('object params are passed key by key', () => {
    const { c } = pipeline({ objectParameters: { repo: { url: '$(params.git.url)', revision: '$(params.branch)' } } });
    expect(only(c, 'Pipeline').spec.tasks[0].params).toEqual([{ name: 'repo', value: { url: '$(params.git.url)', revision: '$(params.branch)' } }]);
  });

  test.each<[string, Partial<PipelineTaskOptions>, string]>([
    ['a string for an array param', { parameters: { tags: 'latest' } },
      "SecurePipeline 'test/ci' task 'build': parameters.tags \"latest\" passes a string to array param 'tags' of task 'build' [VALID_REFERENCE]. Pass it as arrayParameters: { tags: ['latest'] }."],
    ['an array for a string param', { arrayParameters: { ref: ['main'] } },
      "SecurePipeline 'test/ci' task 'build': arrayParameters.ref \"main\" passes an array to string param 'ref' of task 'build' [VALID_REFERENCE]. Pass it as parameters: { ref: 'main' }."],
    ['a string with a quote for an array param', { parameters: { tags: "it's" } },
      "SecurePipeline 'test/ci' task 'build': parameters.tags \"it's\" passes a string to array param 'tags' of task 'build' [VALID_REFERENCE]. Pass it as arrayParameters: { tags: ['it\\'s'] }."],
    // a pipeline array param given whole as the string is kept as the whole list; a string cannot hold it
    ['a pipeline array param as a string for an array param', { parameters: { tags: '$(params.extra-tags)' } },
      "SecurePipeline 'test/ci' task 'build': parameters.tags \"$(params.extra-tags)\" passes a string to array param 'tags' of task 'build' [VALID_REFERENCE]. Pass it as arrayParameters: { tags: ['$(params.extra-tags[*])'] }."],
    ['a pipeline array param in an array for a string param', { arrayParameters: { ref: ['$(params.extra-tags)'] } },
      "SecurePipeline 'test/ci' task 'build': arrayParameters.ref \"$(params.extra-tags)\" passes an array to string param 'ref' of task 'build' [VALID_REFERENCE]. Pass it as parameters: { ref: '<value>' }."],
    ['a pipeline array param whole in an array for a string param', { arrayParameters: { ref: ['$(params.extra-tags)'] } },
      "SecurePipeline 'test/ci' task 'build': arrayParameters.ref[0] \"$(params.extra-tags)\" uses array param 'extra-tags' as one string [VALID_REFERENCE]. Pass one element, "
      + "parameters: { ref: '$(params.extra-tags[0])' }; or, for the whole list, declare the task's param 'ref' with valueType: ParamType.ARRAY and pass it as arrayParameters: { ref: ['$(params.extra-tags[*])'] }."],
    ['an array of two for a string param', { arrayParameters: { ref: ['main', 'dev'] } },
      "SecurePipeline 'test/ci' task 'build': arrayParameters.ref \"main, dev\" passes an array to string param 'ref' of task 'build' [VALID_REFERENCE]. Pass it as parameters: { ref: '<value>' }."],
    ['an object for an array param', { objectParameters: { repo: { url: 'u', revision: 'r' }, tags: { latest: 'x' } } },
      "SecurePipeline 'test/ci' task 'build': objectParameters.tags \"x\" passes an object to array param 'tags' of task 'build' [VALID_REFERENCE]. Pass it as arrayParameters: { tags: ['<value>'] }."],
    ['an object that leaves out a key', { objectParameters: { repo: { url: 'u' } } },
      "SecurePipeline 'test/ci' task 'build': objectParameters.repo \"url\" leaves out revision [VALID_REFERENCE]. Give a value for exactly its properties, in the task's addTask(...) options: objectParameters: { repo: { url: 'u', revision: '<value>' } }."],
    ['a param passed twice', { parameters: { ref: 'a' }, arrayParameters: { ref: ['b'] } },
      "SecurePipeline 'test/ci' task 'build': arrayParameters.ref is passed twice (also in parameters) [VALID_REFERENCE]. Pass each param once: in parameters, arrayParameters, objectParameters or the matrix."],
    // an array param of the pipeline where a string is needed: the fix is said in the prop the value was written in
    ['a pipeline array param as one string', { parameters: { ref: '$(params.extra-tags)' } },
      "SecurePipeline 'test/ci' task 'build': parameters.ref \"$(params.extra-tags)\" uses array param 'extra-tags' as one string [VALID_REFERENCE]. Pass one element, "
      + "parameters: { ref: '$(params.extra-tags[0])' }; or, for the whole list, declare the task's param 'ref' with valueType: ParamType.ARRAY and pass it as arrayParameters: { ref: ['$(params.extra-tags[*])'] }."],
    ['a pipeline array param whole for a string param', { parameters: { ref: '$(params.extra-tags[*])' } },
      "SecurePipeline 'test/ci' task 'build': parameters.ref \"$(params.extra-tags[*])\" uses array param 'extra-tags' whole where a string is needed [VALID_REFERENCE]. Pass one element, "
      + "parameters: { ref: '$(params.extra-tags[0])' }; or, for the whole list, declare the task's param 'ref' with valueType: ParamType.ARRAY and pass it as arrayParameters: { ref: ['$(params.extra-tags[*])'] }."],
    ['a pipeline array param whole for an array param passed in params', { parameters: { tags: '$(params.extra-tags[*])' } },
      "SecurePipeline 'test/ci' task 'build': parameters.tags \"$(params.extra-tags[*])\" uses array param 'extra-tags' whole where a string is needed [VALID_REFERENCE]. "
      + "Pass the whole list as an element of its own: arrayParameters: { tags: ['$(params.extra-tags[*])'] }."],
    ['a pipeline array param inside a string param', { parameters: { ref: 'v-$(params.extra-tags)' } },
      "SecurePipeline 'test/ci' task 'build': parameters.ref \"$(params.extra-tags)\" uses array param 'extra-tags' as one string [VALID_REFERENCE]. Reference one element: parameters: { ref: 'v-$(params.extra-tags[0])' }."],
    ['a pipeline array param expanded inside a string param', { parameters: { ref: 'v-$(params.extra-tags[*])-rc' } },
      "SecurePipeline 'test/ci' task 'build': parameters.ref \"$(params.extra-tags[*])\" uses array param 'extra-tags' whole inside a string [VALID_REFERENCE]. Reference one element: "
      + "parameters: { ref: 'v-$(params.extra-tags[0])-rc' }."],
    ['a pipeline array param inside a when input', { when: [WhenExpression.oneOf('v-$(params.extra-tags)', ['v-1'])] },
      "SecurePipeline 'test/ci' task 'build': when[0].input \"$(params.extra-tags)\" uses array param 'extra-tags' as one string [VALID_REFERENCE]. Reference one element, as "
      + "$(params.extra-tags[0]): 'v-$(params.extra-tags[0])'."],
    ['a pipeline array param as one element of an array', { arrayParameters: { tags: ['$(params.extra-tags)'] } },
      "SecurePipeline 'test/ci' task 'build': arrayParameters.tags[0] \"$(params.extra-tags)\" uses array param 'extra-tags' as one string [VALID_REFERENCE]. Pass the whole list as an element of its own, "
      + "which Tekton expands into the array: arrayParameters: { tags: ['$(params.extra-tags[*])'] }; or one element as $(params.extra-tags[0])."],
    ['a pipeline array param expanded inside a string', { arrayParameters: { tags: ['v-$(params.extra-tags[*])'] } },
      "SecurePipeline 'test/ci' task 'build': arrayParameters.tags[0] \"$(params.extra-tags[*])\" uses array param 'extra-tags' whole inside a string [VALID_REFERENCE]. Pass the whole list as an element of its own, "
      + "which Tekton expands into the array: arrayParameters: { tags: ['$(params.extra-tags[*])'] }; or one element as $(params.extra-tags[0])."],
    ['a pipeline array param as one matrix value', { matrix: { parameters: { ref: ['$(params.extra-tags)'] } } },
      "SecurePipeline 'test/ci' task 'build': matrix.parameters.ref[0] \"$(params.extra-tags)\" uses array param 'extra-tags' as one string [VALID_REFERENCE]. Fan out over the whole list, "
      + "one TaskRun per element: matrix: { parameters: { ref: ['$(params.extra-tags[*])'] } }; or give one element as $(params.extra-tags[0])."],
    ['a pipeline array param as one when value', { when: [WhenExpression.noneOf('$(params.branch)', ['$(params.extra-tags)'])] },
      "SecurePipeline 'test/ci' task 'build': when[0].values \"$(params.extra-tags)\" uses array param 'extra-tags' as one string [VALID_REFERENCE]. Compare the input with each element: "
      + "give '$(params.extra-tags[*])' as a value of its own, WhenExpression.noneOf('$(params.branch)', ['$(params.extra-tags[*])']); or one element as $(params.extra-tags[0])."],
    ['a pipeline array param as a when input', { when: [WhenExpression.oneOf('$(params.extra-tags)', ['main'])] },
      "SecurePipeline 'test/ci' task 'build': when[0].input \"$(params.extra-tags)\" uses array param 'extra-tags' as one string [VALID_REFERENCE]. Reference one element, as $(params.extra-tags[0])."],
    ['an object key the pipeline param does not declare', { parameters: { ref: '$(params.git.branch)' } },
      "SecurePipeline 'test/ci' task 'build': parameters.ref \"$(params.git.branch)\" references key 'branch' that object param 'git' does not declare [VALID_REFERENCE]."],
    ['a pipeline string param indexed', { parameters: { ref: '$(params.branch[0])' } },
      "SecurePipeline 'test/ci' task 'build': parameters.ref \"$(params.branch[0])\" uses string param 'branch' as an array [VALID_REFERENCE]. Reference it as $(params.branch)."],
  ])('refused: %s', (_, options, message) => {
    const { c } = pipeline(options);
    expect(() => Testing.synth(c)).toThrow(message);
  });

  test('refused: a required array param not passed', () => {
    const c = chart();
    const build = new SecureTask(c, 'build', { parameters: [{ name: 'tags', valueType: ParamType.ARRAY }], steps: [step()] });
    new SecurePipeline(c, 'ci').addTask({ task: build });
    expect(() => Testing.synth(c)).toThrow("SecurePipeline 'test/ci' task 'build': arrayParameters \"tags\" is required by the task but not passed [VALID_REFERENCE]. Pass it in the task's addTask(...) options: arrayParameters: { tags: ['<value>'] }.");
  });

  test('refused: a pipeline param default of another type', () => {
    expect(() => pipeline({}, [{ name: 'tags', valueType: ParamType.ARRAY, defaultValue: 'x' } as any])).toThrow(
      'SecurePipeline \'test/ci\': parameters[tags].defaultValue "x" is set on a param of type array [VALID_SPEC]. Set valueType: ParamType.STRING for this default, or give the default of type array (defaultArray).');
  });
});

describe('constraints the validation step checks as synth does', () => {
  const FIX = 'Write it as grep -E reads it: bracket expressions such as [0-9] for \\d, [[:space:]] for \\s and [A-Za-z0-9_] for \\w, a group (...) without ?, '
    + 'greedy quantifiers only, and a backslash only before a special character (\\., \\+).';
  const declare = (constraint: ParamConstraint) => () => task({ parameters: [{ name: 'x', constraint }], steps: [step({ env: { X: '$(params.x)' } })] });

  test('refuses a oneOf with no value: every run would fail its validation', () => {
    expect(declare(ParamConstraint.oneOf([]))).toThrow(
      "SecureTask 'test/build': parameters[x].constraint \"ParamConstraint.oneOf([])\" accepts no value, so every run fails its validation [VALID_SPEC]. "
      + "List the values it accepts: ParamConstraint.oneOf(['<value>', ...]).",
    );
  });

  test('refuses a pattern that is no regular expression, or that grep -E reads otherwise than JavaScript', () => {
    expect(declare(ParamConstraint.pattern('([a-z]'))).toThrow(`SecureTask 'test/build': parameters[x].constraint "([a-z]" is not a regular expression [VALID_SPEC]. ${FIX}`);
    expect(declare(ParamConstraint.pattern('^\\d+$'))).toThrow(
      'SecureTask \'test/build\': parameters[x].constraint "^\\\\d+$" holds "\\\\d", which is not POSIX extended regular expression syntax: the validation step (grep -E) reads it '
      + `otherwise than synth does [VALID_SPEC]. ${FIX}`,
    );
    for (const [regex, held] of [['^(?:a|b)$', '(?'], ['^a+?$', '+?'], ['^[a-z]\\w*$', '\\w'], ['^x{2}?$', '}?']]) {
      expect(declare(ParamConstraint.pattern(regex))).toThrow(`holds ${JSON.stringify(held)}, which is not POSIX extended regular expression syntax`);
    }
    for (const regex of ['^[a-z0-9.-]+\\.example\\.com$', '^v[0-9]{1,3}(-rc[0-9]+)?$', '^[[:alnum:]_]+$', '^(a|b)$']) expect(declare(ParamConstraint.pattern(regex))).not.toThrow();
  });

  test.each([
    ['its description', ParamConstraint.pattern('^[a-z]+$', 'like $(params.b)'), 'like $(params.b)', '$(params.b)', 'Describe the values in words'],
    ['a value of it', ParamConstraint.oneOf(['x', '$(params.b)']), '$(params.b)', '$(params.b)', 'List the values themselves'],
    ['its pattern', ParamConstraint.pattern('^x$(context.taskRun.name)$'), '^x$(context.taskRun.name)$', '$(context.taskRun.name)', 'Write the pattern itself'],
  ])('refuses a Tekton variable in %s, which Tekton would replace in the generated step, at the constraint', (where, constraint, value, variable, fix) => {
    expect(() => task({ parameters: [{ name: 'a', constraint }, { name: 'b' }], steps: [step({ env: { A: '$(params.a)' } })] })).toThrow(
      `SecureTask 'test/build': parameters[a].constraint ${JSON.stringify(value)} holds ${JSON.stringify(variable)} in ${where}: the constraint is written into the task's `
      + 'validate-params step, where Tekton replaces it before the shell runs, so the step would not check what synth checks, and the shell would read the value Tekton puts there '
      + `[VALID_SPEC]. ${fix}, without "$(": a constraint cannot refer to another param or a result (compare them in your step, reading both through env).`,
    );
  });

  test('a "$(" Tekton does not replace is no variable: passes', () => {
    const { c } = task({ parameters: [{ name: 'a', constraint: ParamConstraint.pattern('^(a|b)$(c)?', 'a $(shell) word') }], steps: [step({ env: { A: '$(params.a)' } })] });
    expect(only(c, 'Task').spec.steps[0].script).toContain("grep -Eq -e '^(a|b)$(c)?' || fail 'a' 'a $(shell) word'");
  });

  test.each<[string, string, string]>([
    ['^a{,3}$', '{,3}', "which Alpine's busybox grep (musl) refuses and GNU grep reads otherwise (as {0,n} or as text): the validation step does not check what synth does [VALID_SPEC]. "
      + 'Write {0,3} for at most 3, or \\{ for a brace.'],
    ['^a{x}$', '{x}', "which Alpine's busybox grep (musl) refuses and GNU grep reads otherwise (as {0,n} or as text): the validation step does not check what synth does [VALID_SPEC]. "
      + 'Write \\{ for a brace, or an interval {n}, {n,} or {n,m}.'],
    ['^a{3,2}$', '{3,2}', 'which grep -E refuses (an interval is {n}, {n,} or {n,m} with n <= m <= 255): every run would fail its validation [VALID_SPEC]. Write \\{ for a brace, or an interval {n}, {n,} or {n,m}.'],
    ['^[[=a=]]$', '[=a=]', "which Alpine's busybox grep (musl) refuses (an equivalence class): every run would fail its validation [VALID_SPEC]. Write the character itself in the bracket expression ([a])."],
    ['^[[:word:]]$', '[:word:]', 'which is no character class grep -E knows: every run would fail its validation [VALID_SPEC]. '
      + 'Use a class grep knows: [:alpha:], [:digit:], [:alnum:], [:upper:], [:lower:], [:space:], [:blank:], [:punct:], [:print:], [:graph:], [:cntrl:], [:xdigit:].'],
    ['^[z-a]$', 'z-a', 'which is a range grep -E refuses (its end comes before its start): every run would fail its validation [VALID_SPEC]. Write a range of ASCII characters in order (a-z, 0-9), or list the characters.'],
  ])('refuses what Alpine\'s busybox grep refuses or reads otherwise than GNU grep: %s', (regex, held, rest) => {
    expect(declare(ParamConstraint.pattern(regex))).toThrow(`SecureTask 'test/build': parameters[x].constraint ${JSON.stringify(regex)} holds ${JSON.stringify(held)}, ${rest}`);
  });

  // each value is matched at synth as the validate-params step's grep -E matches it (here GNU grep, in the C locale; the same
  // cases against musl's regcomp, Alpine's busybox grep, agree): a POSIX class, '\' inside brackets, '.', bytes beyond ASCII, the empty value
  test.each<[string, string]>([
    ['^a[[:space:]]b$', 'a b'], ['^a[[:space:]]$', 'a:]'], ['^[[:digit:]]+$', '12'], ['^[a\\]]+$', 'aa'], ['^[a\\]]+$', 'a]'], ['^[a\\]]+$', '\\]]'],
    ['^.$', '\r'], ['^.$', 'é'], ['^[^a]{2}$', 'é'], ['^[é]+$', 'é'], ['^[]a]$', ']'], ['^[^]a]$', 'b'], ['^[a-]$', '-'], ['^x{0}$', 'x'], ['^x{0}$', ''], ['^$', ''],
    ['^[\\.]$', '\\'], ['^[[:punct:]]+$', '!/:@[`{~'], ['^[[:alnum:]_-]+$', 'a_-1'], ['^a}$', 'a}'], ['^a\\]$', 'a]'], ['^[[:upper:][:digit:]]+$', 'A1'],
    ['^[[:xdigit:]]+$', 'fG'], ['^[[:print:]]$', '\t'], ['^[[:graph:]]$', ' '], ['^[[:blank:]]$', '\t'], ['^a|b$', 'xb'], ['^a{1,2}$', 'aaa'],
  ])('pattern %j and value %j: synth accepts it exactly when grep -E does', (regex, value) => {
    const grep = spawnSync('grep', ['-Eq', '-e', regex], { input: value, env: { PATH: process.env.PATH, LC_ALL: 'C' } });
    expect(grep.status === 0 || grep.status === 1).toBe(true);
    expect(ParamConstraint.pattern(regex).accepts(value)).toBe(grep.status === 0);
  });

  test('a value grep -E refuses is refused at synth where JavaScript would accept it, and one it accepts is no longer refused', () => {
    expect(() => task({ parameters: [{ name: 'a', defaultValue: 'a b', constraint: ParamConstraint.pattern('^a[[:space:]]b$') }], steps: [step({ env: { A: '$(params.a)' } })] })).not.toThrow();
    expect(() => task({ parameters: [{ name: 'a', defaultValue: 'aa', constraint: ParamConstraint.pattern('^[a\\]]+$') }], steps: [step({ env: { A: '$(params.a)' } })] }))
      .toThrow("SecureTask 'test/build': parameters[a].defaultValue \"aa\" is not matching ^[a\\]]+$ [VALID_SPEC].");
  });

  // GNU grep here; busybox grep (alpine's, the default validation image) too where it is installed: both read '-?…' as options without -e
  const greps: Array<[string, string | undefined]> = [['GNU grep', undefined], ...(fs.existsSync('/usr/bin/busybox') ? [['busybox grep', '/usr/bin/busybox'] as [string, string]] : [])];
  test.each(greps)('a pattern that starts with "-" is given to grep after -e, so that %s reads it as the pattern, not as options', (_, busybox) => {
    const extraEnv: { [name: string]: string } = {};
    if (busybox !== undefined) {
      const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'grep-'));
      fs.symlinkSync(busybox, path.join(bin, 'grep'));
      extraEnv.PATH = `${bin}:${process.env.PATH}`;
    }
    const { c } = task({
      parameters: [{ name: 'a', defaultValue: '-5', constraint: ParamConstraint.pattern('-?[0-9]+$') },
        { name: 'b', valueType: ParamType.ARRAY, constraint: ParamConstraint.pattern('-x') }],
      steps: [step({ env: { A: '$(params.a)' } })],
    });
    const steps = only(c, 'Task').spec.steps;
    const validate = steps.find((s: any) => s.name === 'validate-params');
    expect(validate.script).toContain("printf '%s' \"$PARAM_A\" | grep -Eq -e '-?[0-9]+$' || fail 'a' 'matching -?[0-9]+$'");
    expect(runStepScript(validate, { 'params.a': '-5' }, extraEnv)).toMatchObject({ status: 0, stderr: '' });
    expect(runStepScript(validate, { 'params.a': 'x' }, extraEnv)).toMatchObject({ status: 1, stderr: 'param a must be matching -?[0-9]+$\n' });
    expect(steps.find((s: any) => s.name === 'param-b').script).toContain("  printf '%s' \"$e\" | grep -Eq -e '-x' || fail 'matching -x'");
  });
});
