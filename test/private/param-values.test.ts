import { paramValues } from '../../src/private/param-values';

describe('paramValues', () => {
  test('a Task without a name is referred to by no pipeline task (one without a taskRef neither): no throw, the default only', () => {
    const t = { apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: {}, spec: { params: [{ name: 'key', default: 'k8s://ci/key' }], steps: [] } };
    const pipeline = { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'p' }, spec: { tasks: [{ name: 'a', params: [{ name: 'key', value: 'other' }] }] } };
    expect(paramValues(t, 'spec.steps[0]', t.spec.params, 'key', [t, pipeline])).toEqual(['k8s://ci/key']);
  });
});
