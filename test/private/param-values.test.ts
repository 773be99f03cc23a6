import { paramValues } from '../../src/private/param-values';

describe('paramValues', () => {
  test('a Task without a name is referred to by no pipeline task nor TaskRun (ones without a taskRef neither): no throw, the default only', () => {
    const t = { apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: {}, spec: { params: [{ name: 'key', default: 'k8s://ci/key' }], steps: [] } };
    const pipeline = { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'p' }, spec: { tasks: [{ name: 'a', params: [{ name: 'key', value: 'other' }] }] } };
    const run = { apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name: 'r' }, spec: { params: [{ name: 'key', value: 'other' }] } };
    expect(paramValues(t, 'spec.steps[0]', t.spec.params, 'key', [t, pipeline, run])).toEqual(['k8s://ci/key']);
    expect(paramValues({ ...t, metadata: 'tekton.dev/v1' }, 'spec.steps[0]', t.spec.params, 'key', [t, run])).toEqual(['k8s://ci/key']);
  });

  test("a PipelineLoop's (kfp-tekton) pipeline task passes its values: in a loop object, in one embedded in a Pipeline, and to a Task it names", () => {
    const loopSpec = {
      iterateParam: 'message',
      pipelineSpec: {
        params: [{ name: 'k', default: 'k8s://ci/loop-key' }],
        tasks: [
          { name: 'a', params: [{ name: 'key', value: '$(params.k)' }], taskSpec: { params: [{ name: 'key' }], steps: [{ name: 's' }] } },
          { name: 'b', taskRef: { name: 'verify' }, params: [{ name: 'key', value: 'k8s://ci/named' }] },
        ],
      },
    };
    const loop = { apiVersion: 'custom.tekton.dev/v1alpha1', kind: 'PipelineLoop', metadata: { name: 'each' }, spec: loopSpec };
    expect(paramValues(loop, 'spec.pipelineSpec.tasks[0].taskSpec.steps[0]', [{ name: 'key' }], 'key', [loop])).toEqual(['k8s://ci/loop-key']);
    // the pipeline task that runs the loop passes its params to the CustomRun, not to the loop's tasks
    const pipeline = {
      apiVersion: 'tekton.dev/v1',
      kind: 'Pipeline',
      metadata: { name: 'p' },
      spec: { tasks: [{ name: 'loop', params: [{ name: 'key', value: 'k8s://ci/outer' }], taskSpec: { apiVersion: 'custom.tekton.dev/v1alpha1', kind: 'PipelineLoop', spec: loopSpec } }] },
    };
    expect(paramValues(pipeline, 'spec.tasks[0].taskSpec.spec.pipelineSpec.tasks[0].taskSpec.steps[0]', [{ name: 'key' }], 'key', [pipeline])).toEqual(['k8s://ci/loop-key']);
    const t = { apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: 'verify' }, spec: { params: [{ name: 'key', default: 'k8s://ci/default' }], steps: [] } };
    expect(paramValues(t, 'spec.steps[0]', t.spec.params, 'key', [t, loop, pipeline])).toEqual(['k8s://ci/default', 'k8s://ci/named']);
  });
});
