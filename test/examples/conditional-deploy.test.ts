import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { conditionalDeployApp } from '../../examples/conditional-deploy/app';

describe('conditional-deploy example', () => {
  const app = conditionalDeployApp(fs.mkdtempSync(path.join(os.tmpdir(), 'conditional-deploy-')));
  const objects = app.charts.flatMap((c) => Testing.synth(c));
  const pipeline = objects.find((o: any) => o.kind === 'Pipeline');
  const run = objects.find((o: any) => o.kind === 'PipelineRun');

  test('release runs only on main and only when the tests passed', () => {
    const release = pipeline.spec.tasks.find((t: any) => t.name === 'release');
    expect(release.when).toEqual([
      { input: '$(params.branch)', operator: 'in', values: ['main'] },
      { input: '$(tasks.test.results.outcome)', operator: 'in', values: ['passed'] },
    ]);
  });

  test('a failing test is recorded before the task fails: the test step continues on error and the next step reads its exit code', () => {
    const test = objects.find((o: any) => o.kind === 'Task' && o.metadata.name === 'test');
    expect(test.spec.steps.map((s: any) => [s.name, s.onError])).toEqual([['unit', 'continue'], ['outcome', undefined]]);
    expect(test.spec.steps[1].script).toContain('$(steps.unit.exitCode.path)');
  });

  test('notify reads the status of both tasks in finally, and the outcome is a pipeline result', () => {
    expect(pipeline.spec.finally[0].params).toEqual([
      { name: 'outcome', value: '$(tasks.test.results.outcome)' },
      { name: 'release', value: '$(tasks.release.status)' },
      { name: 'tests', value: '$(tasks.test.status)' },
    ]);
    expect(pipeline.spec.results).toEqual([{ name: 'outcome', type: 'string', value: '$(tasks.test.results.outcome)' }]);
  });

  test('only the release pod mounts a token, for its grant on one ConfigMap', () => {
    expect(run.spec.taskRunSpecs).toEqual([{ pipelineTaskName: 'release', podTemplate: { automountServiceAccountToken: true } }]);
    const role = objects.find((o: any) => o.kind === 'Role');
    expect(role.rules).toEqual([{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'update'], resourceNames: ['app-release'] }]);
  });
});
