import { describeRule, hardenedContainer, pipelineRunEmbedding, task, taskSpec } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { COMPUTE_RESOURCES } from '../../../src/policy/rules/compute-resources';

const at = (location: string, target: string, field: string, kind = 'Task', name = 'build') =>
  ({ rule: RuleId.COMPUTE_RESOURCES, kind, name, location, target, property: `computeResources.${field}`, problem: 'is not set' });
const ALL_FIELDS = ['requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory'];

describe('COMPUTE_RESOURCES', () => {
  describeRule(COMPUTE_RESOURCES, RuleId.COMPUTE_RESOURCES, Severity.LOW, true);

  test('applies to Tekton objects that hold task specs only', () => {
    expect(COMPUTE_RESOURCES.appliesTo(task())).toBe(true);
    expect(COMPUTE_RESOURCES.appliesTo(pipelineRunEmbedding(taskSpec()))).toBe(true);
    expect(COMPUTE_RESOURCES.appliesTo({ kind: 'LimitRange', spec: {} })).toBe(false);
  });

  test('compliant: on the step, from the stepTemplate, or in the v1beta1 resources field', () => {
    expect(COMPUTE_RESOURCES.check(task())).toEqual([]);
    expect(COMPUTE_RESOURCES.check(task({
      stepTemplate: { computeResources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } } },
      steps: [hardenedContainer('compile', { computeResources: undefined })],
    }))).toEqual([]);
    expect(COMPUTE_RESOURCES.check(task({
      steps: [hardenedContainer('compile', { computeResources: undefined, resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } } })],
    }))).toEqual([]);
  });

  test('non-compliant: nothing set, each field on its own', () => {
    expect(COMPUTE_RESOURCES.check(task({ steps: [hardenedContainer('compile', { computeResources: undefined })] })))
      .toEqual(ALL_FIELDS.map((f) => at("step 'compile'", 'step/compile', f)));
  });

  test('non-compliant: requests only (a step without limits can take the node)', () => {
    expect(COMPUTE_RESOURCES.check(task({ steps: [hardenedContainer('compile', { computeResources: { requests: { cpu: '1', memory: '1Gi' } } })] })))
      .toEqual([at("step 'compile'", 'step/compile', 'limits.cpu'), at("step 'compile'", 'step/compile', 'limits.memory')]);
  });

  test('non-compliant: an empty value', () => {
    expect(COMPUTE_RESOURCES.check(task({ steps: [hardenedContainer('compile', { computeResources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '', memory: '1Gi' } } })] })))
      .toEqual([at("step 'compile'", 'step/compile', 'limits.cpu')]);
  });

  test('non-compliant: the stepTemplate covers steps, never sidecars', () => {
    const spec = taskSpec({
      stepTemplate: { computeResources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } } },
      steps: [hardenedContainer('compile', { computeResources: undefined })],
      sidecars: [hardenedContainer('db', { computeResources: { limits: { cpu: '1', memory: '1Gi' } } })],
    });
    expect(COMPUTE_RESOURCES.check({ kind: 'Task', metadata: { name: 'build' }, spec }))
      .toEqual([at("sidecar 'db'", 'sidecar/db', 'requests.cpu'), at("sidecar 'db'", 'sidecar/db', 'requests.memory')]);
  });

  test('non-compliant: a step that overrides part of the template keeps the rest (merged one level deep)', () => {
    const spec = taskSpec({
      stepTemplate: { computeResources: { requests: { cpu: '1' }, limits: { cpu: '1', memory: '1Gi' } } },
      steps: [hardenedContainer('compile', { computeResources: { requests: { memory: '1Gi' } } }), hardenedContainer('test', { computeResources: { limits: { cpu: '2' } } })],
    });
    expect(COMPUTE_RESOURCES.check({ kind: 'Task', metadata: { name: 'build' }, spec })).toEqual([at("step 'test'", 'step/test', 'requests.memory')]);
  });

  test('non-compliant: an embedded task spec in a PipelineRun', () => {
    const spec = taskSpec({ steps: [hardenedContainer('make', { computeResources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1' } } })] });
    expect(COMPUTE_RESOURCES.check(pipelineRunEmbedding(spec))).toEqual([at("task 'build' step 'make'", 'task/build/step/make', 'limits.memory', 'PipelineRun', 'pipe-run')]);
  });
});
