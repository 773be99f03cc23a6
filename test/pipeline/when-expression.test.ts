import { Testing } from 'cdk8s';
import { SecurePipeline, SecureTask, WhenExpression, WhenOperator } from '../../src';
import { chart, only, step } from '../helpers/constructs';

function fixture() {
  const c = chart();
  const test = new SecureTask(c, 'test', { results: [{ name: 'passed' }], steps: [step()] });
  const deploy = new SecureTask(c, 'deploy', { steps: [step()] });
  const notify = new SecureTask(c, 'notify', { steps: [step()] });
  const pipeline = new SecurePipeline(c, 'ci', { parameters: [{ name: 'branch' }] });
  const t = pipeline.addTask({ task: test });
  return { c, deploy, notify, pipeline, t };
}

describe('WhenExpression', () => {
  test('oneOf and noneOf are in and notin', () => {
    expect(WhenExpression.oneOf('$(params.branch)', ['main'])).toMatchObject({ input: '$(params.branch)', whenOperator: WhenOperator.IN, values: ['main'] });
    expect(WhenExpression.noneOf('$(params.branch)', ['wip'])).toMatchObject({ whenOperator: WhenOperator.NOT_IN, values: ['wip'] });
  });

  test('a conditional task: runs on the main branch, only if the tests passed (a result reference orders it after them)', () => {
    const f = fixture();
    f.pipeline.addTask({
      task: f.deploy,
      when: [WhenExpression.oneOf('$(params.branch)', ['main']), WhenExpression.oneOf(f.t.result('passed'), ['true'])],
    });
    expect(only(f.c, 'Pipeline').spec.tasks[1].when).toEqual([
      { input: '$(params.branch)', operator: 'in', values: ['main'] },
      { input: '$(tasks.test.results.passed)', operator: 'in', values: ['true'] },
    ]);
  });

  test('a finally task may read the execution status of the tasks', () => {
    const f = fixture();
    f.pipeline.addFinally({ task: f.notify, when: [WhenExpression.noneOf(f.t.status, ['Succeeded']), WhenExpression.oneOf('$(tasks.status)', ['Failed'])] });
    expect(only(f.c, 'Pipeline').spec.finally[0].when).toEqual([
      { input: '$(tasks.test.status)', operator: 'notin', values: ['Succeeded'] },
      { input: '$(tasks.status)', operator: 'in', values: ['Failed'] },
    ]);
  });

  test.each<[string, (f: ReturnType<typeof fixture>) => WhenExpression, string]>([
    ['an undeclared pipeline param', () => WhenExpression.oneOf('$(params.brnch)', ['main']),
      "SecurePipeline 'test/ci' task 'deploy': when[0].input \"$(params.brnch)\" references an undeclared pipeline param 'brnch' [VALID_REFERENCE]. Use 'branch', the pipeline's param nearest that name, or declare it: add { name: 'brnch' } to the SecurePipeline's parameters."],
    ['a result the task does not declare', () => WhenExpression.oneOf('$(tasks.test.results.ok)', ['true']),
      "SecurePipeline 'test/ci' task 'deploy': when[0].input \"$(tasks.test.results.ok)\" references result 'ok' that task 'test' does not declare [VALID_REFERENCE]. Use a result it declares ('passed'), or declare 'ok' in the props of SecureTask 'test/test': results: [{ name: 'passed' }, { name: 'ok' }], and write it from a step (to the file $(results.ok.path))."],
    ['the status of a task outside finally', (f) => WhenExpression.oneOf(f.t.status, ['Succeeded']),
      "SecurePipeline 'test/ci' task 'deploy': when[0].input \"$(tasks.test.status)\" reads the execution status of tasks, which only a finally task can [VALID_DAG]. Read it in a task added with addFinally, which runs after every other task."],
    ['a variable Tekton does not know', () => WhenExpression.oneOf('$(env.BRANCH)', ['main']),
      "SecurePipeline 'test/ci' task 'deploy': when[0].input \"$(env.BRANCH)\" does not start with a variable prefix Tekton knows (params, tasks, finally, context, workspaces, results) [VALID_REFERENCE]. "
      + 'Fix the prefix, e.g. $(params.<name>); Tekton refuses any other $(…) of letters, digits, ".", "-" and "_" in a pipeline task\'s params, shell command substitutions included.'],
    ['no values', () => WhenExpression.oneOf('$(params.branch)', []),
      "SecurePipeline 'test/ci' task 'deploy': when[0].values is empty [VALID_SPEC]. Give at least one value to compare the input with: WhenExpression.oneOf('$(params.branch)', ['<value>'])."],
    ['no values to differ from', () => WhenExpression.noneOf('$(params.branch)', []),
      "SecurePipeline 'test/ci' task 'deploy': when[0].values is empty [VALID_SPEC]. Give at least one value to compare the input with: WhenExpression.noneOf('$(params.branch)', ['<value>'])."],
  ])('refused: %s', (_, when, message) => {
    const f = fixture();
    f.pipeline.addTask({ task: f.deploy, when: [when(f)] });
    expect(() => Testing.synth(f.c)).toThrow(new Error(message));
  });
});
