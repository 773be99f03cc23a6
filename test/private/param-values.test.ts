import { paramValues } from '../../src/private/param-values';

describe('paramValues', () => {
  test('a Task without a name is referred to by no pipeline task nor TaskRun (ones without a taskRef neither): no throw, the default only', () => {
    const t = { apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: {}, spec: { params: [{ name: 'key', default: 'k8s://ci/key' }], steps: [] } };
    const pipeline = { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'p' }, spec: { tasks: [{ name: 'a', params: [{ name: 'key', value: 'other' }] }] } };
    const run = { apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name: 'r' }, spec: { params: [{ name: 'key', value: 'other' }] } };
    expect(paramValues(t, 'spec.steps[0]', t.spec.params, 'key', [t, pipeline, run])).toEqual(['k8s://ci/key']);
    expect(paramValues({ ...t, metadata: 'tekton.dev/v1' }, 'spec.steps[0]', t.spec.params, 'key', [t, run])).toEqual(['k8s://ci/key']);
  });
});
