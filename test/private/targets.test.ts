/**
 * Relaxation targets as they apply to an object.
 */
import { isTarget, targetInObject, targetsOf } from '../../src/private/targets';

const taskRun = (labels?: Record<string, unknown>): any => ({ apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name: 'r', ...(labels ? { labels } : {}) } });

describe('targetInObject', () => {
  test.each<[string, string | undefined]>([
    ['task/build/step/install', 'step/install'],
    ['task/build/sidecar/cache', 'sidecar/cache'],
    ['task/build/stepTemplate', 'stepTemplate'],
    ['task/build', undefined],
    ['task/build-2/step/install', 'task/build-2/step/install'],
    ['task/push/step/install', 'task/push/step/install'],
    ['step/install', 'step/install'],
    ['workspace/source', 'workspace/source'],
  ])('in the TaskRun of pipeline task build, %s is %s', (target, expected) => {
    expect(targetInObject(taskRun({ 'tekton.dev/pipelineTask': 'build' }), target)).toBe(expected);
  });

  test('the whole object stays the whole object', () => {
    expect(targetInObject(taskRun({ 'tekton.dev/pipelineTask': 'build' }), undefined)).toBeUndefined();
  });

  test.each<[string, any]>([
    ['a TaskRun without the label', taskRun()],
    ['a TaskRun with an empty label', taskRun({ 'tekton.dev/pipelineTask': '' })],
    ['a TaskRun with a label that is not a string', taskRun({ 'tekton.dev/pipelineTask': 7 })],
    ['a PipelineRun', { kind: 'PipelineRun', metadata: { labels: { 'tekton.dev/pipelineTask': 'build' } } }],
    ['a Pipeline', { kind: 'Pipeline', metadata: { labels: { 'tekton.dev/pipelineTask': 'build' } } }],
  ])('%s reads targets as written', (_, manifest) => {
    expect(targetInObject(manifest, 'task/build/step/install')).toBe('task/build/step/install');
    expect(targetInObject(manifest, 'task/build')).toBe('task/build');
  });

  test('what it gives is a well-formed target (or the whole object)', () => {
    for (const t of ['task/build/step/install', 'task/build/task/inner/step/a', 'task/build']) {
      const r = targetInObject(taskRun({ 'tekton.dev/pipelineTask': 'build' }), t);
      expect(r === undefined || isTarget(r)).toBe(true);
    }
  });
});

describe('targetsOf', () => {
  test("a TaskRun's pod template volumes are volume/<name> (CREDENTIALS_TRUSTED_TASK's findings on them), a PipelineRun's are not", () => {
    const spec = { taskRef: { name: 't' }, podTemplate: { volumes: [{ name: 'reg', secret: { secretName: 'r' } }, { name: 7 }] } };
    expect([...targetsOf({ kind: 'TaskRun', metadata: { name: 'r' }, spec })]).toEqual(['volume/reg']);
    expect([...targetsOf({ kind: 'PipelineRun', metadata: { name: 'r' }, spec: { taskRunTemplate: spec } })]).toEqual([]);
    expect(isTarget('volume/reg')).toBe(true);
  });

  test('a SecretProviderClass\'s parameters are its keys (the findings on them target key/<parameter>)', () => {
    const spc = { apiVersion: 'secrets-store.csi.x-k8s.io/v1', kind: 'SecretProviderClass', metadata: { name: 'v' }, spec: { provider: 'vault', parameters: { roleName: 'ci', objects: '' } } };
    expect([...targetsOf(spc)]).toEqual(['key/roleName', 'key/objects']);
    expect([...targetsOf({ ...spc, spec: { provider: 'vault' } })]).toEqual([]);
  });
});

describe('targetsOf a PipelineLoop (kfp-tekton)', () => {
  const loopSpec = {
    iterateParam: 'message',
    workspaces: [{ name: 'src', emptyDir: {} }],
    taskRunSpecs: [{ pipelineTaskName: 'push' }],
    pipelineSpec: { tasks: [{ name: 'build', taskRef: { name: 'b' } }, { name: 'test', taskSpec: { steps: [{ name: 'unit' }] } }] },
  };
  test("the tasks, workspaces and taskRunSpecs of the PipelineRun of each iteration, of a loop object and of one embedded in a Pipeline's task", () => {
    const loop = { apiVersion: 'custom.tekton.dev/v1alpha1', kind: 'PipelineLoop', metadata: { name: 'each' }, spec: loopSpec };
    expect([...targetsOf(loop)].sort()).toEqual(['task/build', 'task/push', 'task/test', 'task/test/step/unit', 'workspace/src']);
    const pipeline = {
      apiVersion: 'tekton.dev/v1',
      kind: 'Pipeline',
      metadata: { name: 'p' },
      spec: { tasks: [{ name: 'loop', taskSpec: { apiVersion: 'custom.tekton.dev/v1alpha1', kind: 'PipelineLoop', spec: loopSpec } }] },
    };
    expect([...targetsOf(pipeline)].sort()).toEqual(['task/loop', 'task/loop/task/build', 'task/loop/task/push', 'task/loop/task/test', 'task/loop/task/test/step/unit', 'task/loop/workspace/src']);
  });
});
