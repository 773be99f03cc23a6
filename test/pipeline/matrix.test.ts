import { Testing } from 'cdk8s';
import { ParamConstraint, ParamType, PipelineTaskMatrix, PipelineTaskOptions, SecurePipeline, SecureTask, WhenExpression } from '../../src';
import { chart, only, step } from '../helpers/constructs';

function fixture(matrix: PipelineTaskMatrix, params: { [k: string]: string } = {}) {
  const c = chart();
  const build = new SecureTask(c, 'build', {
    parameters: [{ name: 'platform' }, { name: 'variant', defaultValue: 'default' }, { name: 'flags', valueType: ParamType.ARRAY, defaultArray: [] }],
    results: [{ name: 'digest' }],
    steps: [step()],
  });
  const publish = new SecureTask(c, 'publish', { parameters: [{ name: 'digests', valueType: ParamType.ARRAY }, { name: 'one', defaultValue: '' }], steps: [step()] });
  const pipeline = new SecurePipeline(c, 'ci', { parameters: [{ name: 'platforms', valueType: ParamType.ARRAY, defaultArray: ['linux/amd64'] }] });
  const b = pipeline.addTask({ task: build, matrix, parameters: params });
  return { c, pipeline, b, publish };
}

describe('PipelineTaskMatrix', () => {
  test('a multi-platform build fans out, and its results are consumed whole', () => {
    const f = fixture({ parameters: { platform: ['linux/amd64', 'linux/arm64'] }, include: [{ name: 'debug', parameters: { platform: 'linux/amd64', variant: 'debug' } }] });
    f.pipeline.addTask({ task: f.publish, arrayParameters: { digests: ['$(tasks.build.results.digest[*])'] } });
    f.pipeline.addResult({ name: 'digests', value: '$(tasks.build.results.digest[*])' });
    const spec = only(f.c, 'Pipeline').spec;
    expect(spec.tasks[0].matrix).toEqual({
      params: [{ name: 'platform', value: ['linux/amd64', 'linux/arm64'] }],
      include: [{ name: 'debug', params: [{ name: 'platform', value: 'linux/amd64' }, { name: 'variant', value: 'debug' }] }],
    });
    expect(spec.results).toEqual([{ name: 'digests', type: 'array', value: '$(tasks.build.results.digest[*])' }]);
  });

  test('a whole array param may be fanned out over (its length is checked by Tekton at run time)', () => {
    const f = fixture({ parameters: { platform: ['$(params.platforms[*])'] } });
    expect(only(f.c, 'Pipeline').spec.tasks[0].matrix.params).toEqual([{ name: 'platform', value: ['$(params.platforms[*])'] }]);
  });

  test('256 combinations are allowed', () => {
    const values = (n: number) => Array.from({ length: n }, (_, i) => `v${i}`);
    const f = fixture({ parameters: { platform: values(16), variant: values(16) } });
    expect(only(f.c, 'Pipeline').spec.tasks[0].matrix.params).toHaveLength(2);
  });

  test.each<[string, PipelineTaskMatrix, string]>([
    ['more combinations than Tekton allows (16 x 16 + 1 new from include)', {
      parameters: { platform: Array.from({ length: 16 }, (_, i) => `p${i}`), variant: Array.from({ length: 16 }, (_, i) => `v${i}`) },
      include: [{ name: 'extra', parameters: { platform: 'other' } }],
    }, "SecurePipeline 'test/ci' task 'build': matrix \"257 combinations\" fans out to more TaskRuns than Tekton's default-max-matrix-combinations-count (256) [VALID_SPEC]. Fan out over fewer values, or split the task."],
    ['an array param of the task', { parameters: { flags: ['a', 'b'] } },
      "SecurePipeline 'test/ci' task 'build': matrix.parameters.flags \"a, b\" fans out over array param 'flags', but a matrix gives each TaskRun one string [VALID_REFERENCE]. Fan out over string params of the task only."],
    ['no values', { parameters: { platform: [] } },
      "SecurePipeline 'test/ci' task 'build': matrix.parameters.platform is empty [VALID_SPEC]. Give at least one value to fan out over."],
    ['an include param that is not a param of the task', { include: [{ name: 'x', parameters: { arch: 'arm64' } }] },
      "SecurePipeline 'test/ci' task 'build': matrix.include[0].parameters.arch \"arm64\" is not a param of task 'build' [VALID_REFERENCE]. Include string params of the task that are not in parameters."],
  ])('refused: %s', (_, matrix, message) => {
    const f = fixture(matrix);
    expect(() => Testing.synth(f.c)).toThrow(message);
  });

  test('refused: a param both in the matrix and in params', () => {
    const f = fixture({ parameters: { variant: ['a', 'b'] } }, { platform: 'linux/amd64', variant: 'x' });
    expect(() => Testing.synth(f.c)).toThrow("SecurePipeline 'test/ci' task 'build': matrix.parameters.variant is passed twice (also in parameters) [VALID_REFERENCE].");
  });

  // the fix names the array param to pass them to: the one the value is given to, that one declared an array, or the task's
  const toString = "Pass all of them as one element of an array param: declare the task's param 'one' with valueType: ParamType.ARRAY and pass it as arrayParameters: { one: ['$(tasks.build.results.digest[*])'] }, "
    + "or pass them to the task's array param 'digests': arrayParameters: { digests: ['$(tasks.build.results.digest[*])'] }.";
  test.each<[string, Partial<PipelineTaskOptions>, string, string, string, string]>([
    ['singly', { parameters: { one: '$(tasks.build.results.digest)' } }, 'parameters.one', '$(tasks.build.results.digest)', 'singly', toString],
    ['expanded inside a string', { parameters: { one: 'x-$(tasks.build.results.digest[*])' } }, 'parameters.one', '$(tasks.build.results.digest[*])', 'inside a string', toString],
    ['singly in an array', { parameters: { one: 'x' }, arrayParameters: { digests: ['$(tasks.build.results.digest)'] } }, 'arrayParameters.digests[0]', '$(tasks.build.results.digest)', 'singly',
      "Pass all of them as one element of the array: arrayParameters: { digests: ['$(tasks.build.results.digest[*])'] }."],
    ['singly in a when expression', { parameters: { one: 'x' }, when: [WhenExpression.oneOf('$(tasks.build.results.digest)', ['a'])] }, 'when[0].input', '$(tasks.build.results.digest)', 'singly',
      "Pass all of them as one element of an array param: arrayParameters: { <param>: ['$(tasks.build.results.digest[*])'] }."],
  ])('refused: a result of a matrixed task taken %s', (_, options, property, value, how, fix) => {
    const f = fixture({ parameters: { platform: ['a', 'b'] } });
    f.pipeline.addTask({ task: f.publish, arrayParameters: { digests: [] }, ...options });
    expect(() => Testing.synth(f.c)).toThrow(`SecurePipeline 'test/ci' task 'publish': ${property} "${value}" takes a result of matrixed task 'build' ${how}; it is an array of one value per TaskRun [VALID_REFERENCE]. ${fix}`);
  });
});

describe('PipelineTaskMatrix include and the task\'s constraints', () => {
  test('a matrix literal the task\'s validate-params step refuses is refused, with a fix in matrix terms that is accepted as given', () => {
    const c = chart();
    const build = new SecureTask(c, 'build', {
      parameters: [{ name: 'platform', constraint: ParamConstraint.oneOf(['linux/amd64', 'linux/arm64']) }],
      steps: [step({ env: { PLATFORM: '$(params.platform)' } })],
    });
    new SecurePipeline(c, 'ci').addTask({ task: build, matrix: { parameters: { platform: ['linux/amd64', 'windows/amd64'] } } });
    expect(() => Testing.synth(c)).toThrow(
      "SecurePipeline 'test/ci' task 'build': matrix.parameters.platform[1] \"windows/amd64\" is not one of linux/amd64, linux/arm64, which param 'platform' of task 'build' "
      + 'requires: its validate-params step fails every run [VALID_REFERENCE]. Give matrix values that are each one of linux/amd64, linux/arm64, or fan out over an '
      + "array pipeline param: matrix: { parameters: { 'platform': ['$(params.<name>[*])'] } }.",
    );
    // the fix, with <name> an array param of the pipeline
    const fixed = chart();
    const task = new SecureTask(fixed, 'build', {
      parameters: [{ name: 'platform', constraint: ParamConstraint.oneOf(['linux/amd64', 'linux/arm64']) }],
      steps: [step({ env: { PLATFORM: '$(params.platform)' } })],
    });
    new SecurePipeline(fixed, 'ci', { parameters: [{ name: 'platforms', valueType: ParamType.ARRAY, defaultArray: ['linux/amd64'] }] })
      .addTask({ task, matrix: { parameters: { platform: ['$(params.platforms[*])'] } } });
    expect(only(fixed, 'Pipeline').spec.tasks[0].matrix).toEqual({ params: [{ name: 'platform', value: ['$(params.platforms[*])'] }] });
  });
  test('an include literal the task\'s validate-params step refuses is refused: that TaskRun would fail every run', () => {
    const c = chart();
    const build = new SecureTask(c, 'build', {
      parameters: [{ name: 'platform', constraint: ParamConstraint.oneOf(['linux/amd64', 'linux/arm64']) }, { name: 'variant', constraint: ParamConstraint.pattern('^[a-z]+$', 'a lower-case word') }],
      steps: [step({ env: { PLATFORM: '$(params.platform)', VARIANT: '$(params.variant)' } })],
    });
    new SecurePipeline(c, 'ci').addTask({
      task: build,
      matrix: { parameters: { platform: ['linux/amd64', 'linux/arm64'] }, include: [{ name: 'debug', parameters: { variant: 'Debug Build' } }] },
    });
    expect(() => Testing.synth(c)).toThrow(
      "SecurePipeline 'test/ci' task 'build': matrix.include[0].parameters.variant \"Debug Build\" is not a lower-case word, which param 'variant' of task 'build' "
      + "requires: its validate-params step fails that TaskRun every run [VALID_REFERENCE]. Include a lower-case word, or a pipeline param: '$(params.<name>)'.",
    );
  });
});
