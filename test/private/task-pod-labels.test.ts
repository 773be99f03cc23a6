import { UNKNOWN_LABEL } from '../../src/private/calico-selectors';
import { selectsLookup } from '../../src/private/network-policies';
import { carriedByTaskPod, taskPodLabels } from '../../src/private/task-pod-labels';

const PIPELINE = {
  metadata: { name: 'rel', labels: { team: 'pipeline', tier: 'pipeline' } },
  spec: {
    tasks: [{ name: 'build', taskRef: { name: 'build-task' } }, { name: 'test', taskSpec: { metadata: { labels: { tier: 'spec', spec: 'yes' } }, steps: [] } }],
    finally: [{ name: 'notify', taskRef: { name: 'notify', resolver: 'git' } }],
  },
};
const TASK = { metadata: { name: 'build-task', labels: { 'team': 'task', 'task': 'yes', 'tekton.dev/pipelineTask': 'other' } } };

describe('the labels Tekton v1.15 gives the pod of a pipeline task', () => {
  test('a taskRef to a Task the app writes: the TaskRun\'s labels win over the Task\'s, the run\'s over the Pipeline\'s', () => {
    const run = {
      metadata: { labels: { 'team': 'run', 'tekton.dev/pipeline': 'forged' } },
      spec: { taskRunSpecs: [{ pipelineTaskName: 'build', metadata: { labels: { trs: 'first' } } }, { pipelineTaskName: 'build', metadata: { labels: { trs: 'last' } } }] },
    };
    const labels = taskPodLabels({ pipeline: PIPELINE, task: 'build', taskObject: TASK, run })!;
    expect(labels('team')).toBe('run');
    expect(labels('tier')).toBe('pipeline');
    expect(labels('task')).toBe('yes');
    expect(labels('trs')).toBe('last');
    expect(labels('tekton.dev/pipeline')).toBe('rel');
    expect(labels('tekton.dev/pipelineTask')).toBe('build');
    expect(labels('tekton.dev/task')).toBe('build-task');
    expect(labels('tekton.dev/memberOf')).toBe('tasks');
    expect(labels('app.kubernetes.io/managed-by')).toBe('tekton-pipelines');
    for (const k of ['tekton.dev/pipelineRun', 'tekton.dev/pipelineRunUID', 'tekton.dev/taskRun', 'tekton.dev/taskRunUID']) expect(labels(k)).toBe(UNKNOWN_LABEL);
    expect(labels('absent')).toBeNull();
  });

  test('a taskRunSpec\'s label wins over the ones Tekton gives the TaskRun', () => {
    const run = { spec: { taskRunSpecs: [{ pipelineTaskName: 'build', metadata: { labels: { 'tekton.dev/pipelineTask': 'deploy' } } }] } };
    expect(taskPodLabels({ pipeline: PIPELINE, task: 'build', taskObject: TASK, run })!('tekton.dev/pipelineTask')).toBe('deploy');
  });

  test('the labels Tekton gives the TaskRun win over the run\'s and the Pipeline\'s of the same key (createChildResourceLabels)', () => {
    const pipeline = { ...PIPELINE, metadata: { ...PIPELINE.metadata, labels: { 'tekton.dev/memberOf': 'finally', 'tekton.dev/pipelineRunUID': 'p' } } };
    const run = { metadata: { labels: { 'tekton.dev/pipelineTask': 'deploy', 'tekton.dev/pipelineRun': 'forged' } } };
    const labels = taskPodLabels({ pipeline, task: 'build', taskObject: TASK, run })!;
    expect(labels('tekton.dev/pipelineTask')).toBe('build');
    expect(labels('tekton.dev/memberOf')).toBe('tasks');
    expect(labels('tekton.dev/pipelineRun')).toBe(UNKNOWN_LABEL);
    expect(labels('tekton.dev/pipelineRunUID')).toBe(UNKNOWN_LABEL);
  });

  test('an embedded spec: its labels under the run\'s, no tekton.dev/task', () => {
    const labels = taskPodLabels({ pipeline: PIPELINE, task: 'test', taskObject: TASK })!;
    expect(labels('tier')).toBe('pipeline');
    expect(labels('spec')).toBe('yes');
    expect(labels('task')).toBeNull();
    expect(labels('tekton.dev/task')).toBeNull();
  });

  test('a Task whose labels are not known (a resolver, one the app does not write): any other label may be set', () => {
    const labels = taskPodLabels({ pipeline: PIPELINE, task: 'notify' })!;
    expect(labels('tekton.dev/memberOf')).toBe('finally');
    expect(labels('team')).toBe('pipeline');
    expect(labels('anything')).toBe(UNKNOWN_LABEL);
    expect(labels('tekton.dev/task')).toBe(UNKNOWN_LABEL);
  });

  test('without the labels of the objects: the ones Tekton gives every such pod alone', () => {
    const labels = taskPodLabels({ pipeline: PIPELINE, task: 'notify', copied: false })!;
    expect(labels('team')).toBeNull();
    expect(labels('anything')).toBeNull();
    expect(labels('tekton.dev/pipeline')).toBe('rel');
  });

  test('a task the Pipeline as written does not have', () => {
    expect(taskPodLabels({ pipeline: PIPELINE, task: 'missing' })).toBeUndefined();
  });
});

describe('a podSelector matched against the labels of a pipeline task\'s pod', () => {
  const labels = taskPodLabels({ pipeline: PIPELINE, task: 'build', taskObject: TASK })!;
  const selects = (podSelector: any) => selectsLookup(podSelector, labels, carriedByTaskPod);
  test('labels it surely carries, of values not known: Exists holds, DoesNotExist fails, In and NotIn may hold', () => {
    expect(selects({ matchExpressions: [{ key: 'tekton.dev/taskRun', operator: 'Exists' }] })).toBe(true);
    expect(selects({ matchExpressions: [{ key: 'tekton.dev/pipelineRun', operator: 'DoesNotExist' }] })).toBe(false);
    expect(selects({ matchExpressions: [{ key: 'tekton.dev/pipelineRunUID', operator: 'In', values: ['x'] }] })).toBeUndefined();
    expect(selects({ matchExpressions: [{ key: 'tekton.dev/taskRunUID', operator: 'NotIn', values: ['x'] }] })).toBeUndefined();
    expect(selects({ matchLabels: { 'tekton.dev/taskRun': 'x', 'team': 'nobody' } })).toBe(false);
  });
  test('known labels, and a refused selector', () => {
    expect(selects({ matchLabels: { 'team': 'pipeline', 'tekton.dev/task': 'build-task' } })).toBe(true);
    expect(selects({ matchLabels: { team: 'task' } })).toBe(false);
    expect(selects(undefined)).toBe(true);
    expect(selects({ matchLabels: { 'bad key!': 'x' } })).toBeUndefined();
  });
});
