import { Testing } from 'cdk8s';
import { SecurePipeline, SecureTask } from '../../src';
import { chart, only, step } from '../helpers/constructs';

function fixture() {
  const c = chart();
  const push = new SecureTask(c, 'push', { trusted: true, results: [{ name: 'IMAGE_URL' }, { name: 'IMAGE_DIGEST' }], steps: [step()] });
  const report = new SecureTask(c, 'report', { parameters: [{ name: 'digest' }], results: [{ name: 'url' }], steps: [step()] });
  const pipeline = new SecurePipeline(c, 'ci');
  const p = pipeline.addTask({ task: push });
  return { c, pipeline, p, report };
}

describe('pipeline results', () => {
  test('are made of task results, and a finally task consumes a result of the tasks', () => {
    const f = fixture();
    f.pipeline.addResult({ name: 'image', value: `${f.p.result('IMAGE_URL')}@${f.p.result('IMAGE_DIGEST')}`, description: 'the pushed image' });
    f.pipeline.addFinally({ task: f.report, parameters: { digest: f.p.result('IMAGE_DIGEST') } });
    f.pipeline.addResult({ name: 'report', value: '$(finally.report.results.url)' });
    expect(only(f.c, 'Pipeline').spec.results).toEqual([
      { name: 'image', type: 'string', description: 'the pushed image', value: '$(tasks.push.results.IMAGE_URL)@$(tasks.push.results.IMAGE_DIGEST)' },
      { name: 'report', type: 'string', value: '$(finally.report.results.url)' },
    ]);
    expect(only(f.c, 'Pipeline').spec.finally[0].params).toEqual([{ name: 'digest', value: '$(tasks.push.results.IMAGE_DIGEST)' }]);
  });

  test('are given in props too', () => {
    const c = chart();
    const push = new SecureTask(c, 'push', { results: [{ name: 'digest' }], steps: [step()] });
    const pipeline = new SecurePipeline(c, 'ci', { results: [{ name: 'digest', value: '$(tasks.push.results.digest)' }] });
    pipeline.addTask({ task: push });
    expect(only(c, 'Pipeline').spec.results).toEqual([{ name: 'digest', type: 'string', value: '$(tasks.push.results.digest)' }]);
  });

  test('PipelineTask.result refuses at once, where it is called, a result the task does not declare', () => {
    const f = fixture();
    expect(() => f.p.result('IMAGE_DIGST')).toThrow("SecurePipeline 'test/ci' task 'push': result \"IMAGE_DIGST\" is not a result of task 'push' [VALID_REFERENCE]. "
      + "Use a result it declares (result('IMAGE_URL'), result('IMAGE_DIGEST')), or declare 'IMAGE_DIGST' in the props of SecureTask 'test/push': "
      + "results: [{ name: 'IMAGE_URL' }, { name: 'IMAGE_DIGEST' }, { name: 'IMAGE_DIGST' }], and write it from a step (to the file $(results.IMAGE_DIGST.path)).");
  });

  test.each([
    ['a literal', { name: 'version', value: 'v1' }, "SecurePipeline 'test/ci': results.version \"v1\" holds no task result [VALID_REFERENCE]. Make it of task results: value: task.result('<result>')."],
    ['a param', { name: 'x', value: '$(params.x)' }, "SecurePipeline 'test/ci': results.x \"$(params.x)\" is not a task result [VALID_REFERENCE]."],
    ['an unknown task', { name: 'x', value: '$(tasks.build.results.digest)' }, "SecurePipeline 'test/ci': results.x \"$(tasks.build.results.digest)\" references task 'build' that is not in the pipeline [VALID_REFERENCE]."],
    ['an undeclared result', { name: 'x', value: '$(tasks.push.results.digest)' }, "SecurePipeline 'test/ci': results.x \"$(tasks.push.results.digest)\" references result 'digest' that task 'push' does not declare [VALID_REFERENCE]."],
    ['a finally task read as a task', { name: 'x', value: '$(tasks.report.results.url)' }, "SecurePipeline 'test/ci': results.x \"$(tasks.report.results.url)\" references task 'report' that is not in the pipeline [VALID_REFERENCE]."],
    ['an invalid name', { name: 'image.url', value: '$(tasks.push.results.IMAGE_URL)' }, 'SecurePipeline \'test/ci\': results "image.url" is not a valid result name [VALID_NAME].'],
    ['a string result expanded', { name: 'x', value: '$(tasks.push.results.IMAGE_URL[*])' }, "SecurePipeline 'test/ci': results.x \"$(tasks.push.results.IMAGE_URL[*])\" expands result 'IMAGE_URL' of task 'push', which is a string [VALID_REFERENCE]. Reference it as $(tasks.push.results.IMAGE_URL)."],
  ])('refused: %s', (_, result, message) => {
    const f = fixture();
    f.pipeline.addFinally({ task: f.report, parameters: { digest: 'x' } });
    f.pipeline.addResult(result);
    expect(() => Testing.synth(f.c)).toThrow(message);
  });

  test('refused: a result name given twice', () => {
    const f = fixture();
    f.pipeline.addResult({ name: 'x', value: f.p.result('IMAGE_URL') });
    f.pipeline.addResult({ name: 'x', value: f.p.result('IMAGE_DIGEST') });
    expect(() => Testing.synth(f.c)).toThrow('SecurePipeline \'test/ci\': results "x" is given twice [VALID_NAME].');
  });
});
