import * as fc from 'fast-check';
import { describeRule, hardenedContainer, pipelineRun, pipelineRunEmbedding, task, taskRun, taskRunEmbedding, taskSpec } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { ruleContext } from '../../../src/policy/engine/context';
import { COMPUTE_RESOURCES } from '../../../src/policy/rules/compute-resources';
import { parseQuantity, parseQuantityString } from '../../../src/private/quantity';

const at = (location: string, target: string, field: string, kind = 'Task', name = 'build') =>
  ({ rule: RuleId.COMPUTE_RESOURCES, kind, name, location, target, property: `computeResources.${field}`, problem: 'is not set' });
const ALL_FIELDS = ['requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory'];
const V1BETA1_FIX = 'Set resources.requests and .limits for cpu and memory (tekton.dev/v1beta1 has them in resources; computeResources is their name in tekton.dev/v1).';

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

  test('compliant: a step\'s null or empty limits keep the stepTemplate\'s (Go\'s JSON leaves them out of the merge)', () => {
    const spec = taskSpec({
      stepTemplate: { computeResources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } } },
      steps: [hardenedContainer('compile', { computeResources: { limits: null } }), hardenedContainer('test', { computeResources: { limits: {}, requests: null } })],
    });
    expect(COMPUTE_RESOURCES.check({ kind: 'Task', metadata: { name: 'build' }, spec })).toEqual([]);
  });

  test('unnamed steps (unnamed-<index>) inherit the stepTemplate\'s requests and limits, in a Task and in a PipelineRun\'s embedded spec', () => {
    const spec = taskSpec({
      stepTemplate: { computeResources: { requests: { cpu: '400m', memory: '600Mi' } } },
      steps: [
        hardenedContainer('', { computeResources: { limits: { cpu: '1', memory: '1Gi' } } }),
        { ...hardenedContainer('x', { computeResources: {} }), name: undefined },
      ],
    });
    expect(COMPUTE_RESOURCES.check({ kind: 'Task', metadata: { name: 'build' }, spec }))
      .toEqual([at("step 'unnamed-1'", 'step/unnamed-1', 'limits.cpu'), at("step 'unnamed-1'", 'step/unnamed-1', 'limits.memory')]);
    expect(COMPUTE_RESOURCES.check(pipelineRunEmbedding(spec))).toEqual([
      at("task 'build' step 'unnamed-1'", 'task/build/step/unnamed-1', 'limits.cpu', 'PipelineRun', 'pipe-run'),
      at("task 'build' step 'unnamed-1'", 'task/build/step/unnamed-1', 'limits.memory', 'PipelineRun', 'pipe-run'),
    ]);
  });

  test('an unnamed sidecar is unnamed-<index> (Tekton names its container sidecar, the same for each), a named one by its name', () => {
    const spec = taskSpec({
      sidecars: [
        { ...hardenedContainer('x', { computeResources: { limits: { cpu: '1', memory: '1Gi' } } }), name: undefined },
        hardenedContainer('db'),
        hardenedContainer('', { computeResources: { requests: { cpu: '1', memory: '1Gi' } } }),
      ],
    });
    expect(COMPUTE_RESOURCES.check({ kind: 'Task', metadata: { name: 'build' }, spec })).toEqual([
      at("sidecar 'unnamed-0'", 'sidecar/unnamed-0', 'requests.cpu'), at("sidecar 'unnamed-0'", 'sidecar/unnamed-0', 'requests.memory'),
      at("sidecar 'unnamed-2'", 'sidecar/unnamed-2', 'limits.cpu'), at("sidecar 'unnamed-2'", 'sidecar/unnamed-2', 'limits.memory'),
    ]);
    expect(COMPUTE_RESOURCES.check(pipelineRunEmbedding(spec)).map((f) => [f.location, f.target, f.property])).toEqual([
      ["task 'build' sidecar 'unnamed-0'", 'task/build/sidecar/unnamed-0', 'computeResources.requests.cpu'],
      ["task 'build' sidecar 'unnamed-0'", 'task/build/sidecar/unnamed-0', 'computeResources.requests.memory'],
      ["task 'build' sidecar 'unnamed-2'", 'task/build/sidecar/unnamed-2', 'computeResources.limits.cpu'],
      ["task 'build' sidecar 'unnamed-2'", 'task/build/sidecar/unnamed-2', 'computeResources.limits.memory'],
    ]);
  });

  test('non-compliant: an embedded task spec in a PipelineRun', () => {
    const spec = taskSpec({ steps: [hardenedContainer('make', { computeResources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1' } } })] });
    expect(COMPUTE_RESOURCES.check(pipelineRunEmbedding(spec))).toEqual([at("task 'build' step 'make'", 'task/build/step/make', 'limits.memory', 'PipelineRun', 'pipe-run')]);
  });

  describe('quantities as the API server reads them', () => {
    /** A Task `build` whose step `compile` has these requests and limits. */
    const withResources = (requests: Record<string, any>, limits: Record<string, any>, field = 'computeResources') =>
      task({ steps: [hardenedContainer('compile', { computeResources: undefined, [field]: { requests, limits } })] });
    const OK = { cpu: '100m', memory: '128Mi' };
    const LIMITS = { cpu: '1', memory: '1Gi' };
    const problem = (property: string, value: string, text: string, field = 'computeResources') =>
      ({ rule: RuleId.COMPUTE_RESOURCES, kind: 'Task', name: 'build', location: "step 'compile'", target: 'step/compile', property: `${field}.${property}`, value, problem: text });
    const INVALID = 'is not a Kubernetes quantity (the run is refused)';
    const NEGATIVE = 'is negative (the API server refuses the pod)';
    const NO_LIMIT = 'is zero, which the kubelet reads as no limit';
    const TASK_LEVEL = (resource: string) => `is not set: Tekton replaces every step's limits with the run's, so no step has a ${resource} limit`;
    const NO_REQUEST = 'is zero, so the scheduler reserves nothing for it';
    const BOTH = (list: string) => `is set together with ${list} that set step resources (Tekton refuses the run)`;

    test.each([
      ['1', '1Gi'], ['0.5', '512Mi'], ['500m', '536870912'], ['1e0', '1e9'], ['1E1', '1G'], ['+2', '+1Gi'], [' 1 ', '\t1Gi\n'], ['.5', '1.5Gi'],
      ['2.', '1024Ki'], ['0.001k', '1M'], ['64', '256Gi'], ['64000m', '274877906944'], ['1n', '1'], ['0.0001m', '1.5'], [1, 1073741824], [0.25, 1e9],
      ['1e-9', '1Ki'], ['00001', '0001Mi'], ['1.000000000000000000001', '1.5Gi'], ['1e+1', '2.5e2'],
    ])('compliant: cpu limit %j, memory limit %j', (cpu, memory) => {
      expect(COMPUTE_RESOURCES.check(withResources({ cpu: '1n', memory: '1' }, { cpu, memory }))).toEqual([]);
    });

    test.each(['1GB', '1 Gi', '1.5.0', 'Ki2', '1mi', '1K', '1e', '1ee3', '1e3.5', '--1', '1Ki1', 'one', '0x10', '1_000', '∞', '1e9223372036854775808', 'e-10', 'Pi', 'Ei', '-.e-10'])(
      'non-compliant: %j is not a quantity', (cpu) => {
        expect(COMPUTE_RESOURCES.check(withResources(OK, { ...LIMITS, cpu }))).toEqual([problem('limits.cpu', cpu, INVALID)]);
      });

    test.each(['0', '0m', '0.0', '-0', '+0', '0Gi', '0e5', 'Mi', 'm', '-', '.', '+.k', '0.000', '0E-3', '0e4294967296'])('non-compliant: a limit of %j is no limit', (memory) => {
      expect(COMPUTE_RESOURCES.check(withResources({ ...OK, memory: '0' }, { ...LIMITS, memory }))).toEqual([
        problem('requests.memory', '0', NO_REQUEST),
        problem('limits.memory', memory, NO_LIMIT),
      ]);
    });

    test('non-compliant: a null limit decodes to the zero quantity, a number 0 is zero', () => {
      expect(COMPUTE_RESOURCES.check(withResources(OK, { ...LIMITS, cpu: null }))).toEqual([problem('limits.cpu', 'null', NO_LIMIT)]);
      expect(COMPUTE_RESOURCES.check(withResources(OK, { ...LIMITS, cpu: 0 }))).toEqual([problem('limits.cpu', '0', NO_LIMIT)]);
    });

    test('non-compliant: a zero request reserves nothing', () => {
      expect(COMPUTE_RESOURCES.check(withResources({ ...OK, cpu: '0m' }, LIMITS))).toEqual([problem('requests.cpu', '0m', NO_REQUEST)]);
    });

    test.each(['-1', '-100m', '-1Gi', '-0.000000001', '-1e-20'])('non-compliant: %j is negative', (cpu) => {
      expect(COMPUTE_RESOURCES.check(withResources({ ...OK, cpu }, LIMITS))).toEqual([problem('requests.cpu', cpu, NEGATIVE)]);
    });

    test.each([['cpu', '65', '64'], ['cpu', '64001m', '64'], ['cpu', '1e100', '64'], ['cpu', '1e4294967298', '64'], ['memory', '257Gi', '256Gi'],
      ['memory', '1Ti', '256Gi'], ['memory', '274877906945', '256Gi'], ['memory', '8Ei', '256Gi'], ['memory', '1e19', '256Gi']])(
      'non-compliant: a %s limit of %j is above %s', (resource, limit, max) => {
        expect(COMPUTE_RESOURCES.check(withResources({ ...OK, [resource]: '1' }, { ...LIMITS, [resource]: limit }))).toEqual([
          problem(`limits.${resource}`, limit, `is above ${max}, which bounds nothing in practice`),
        ]);
      });

    test('an exponent truncated to int32, as ParseQuantity does: 1e4294967296 is 1', () => {
      expect(COMPUTE_RESOURCES.check(withResources(OK, { ...LIMITS, cpu: '1e4294967296' }))).toEqual([]);
      expect(parseQuantityString('1e4294967296')).toBe(1_000_000_000n);
    });

    test.each([['cpu', '2', '1'], ['cpu', '1001m', '1'], ['memory', '1025Mi', '1Gi'], ['memory', '1.0000001Gi', '1Gi']])(
      'non-compliant: a %s request of %j above its limit %j', (resource, request, limit) => {
        expect(COMPUTE_RESOURCES.check(withResources({ ...OK, [resource]: request }, { ...LIMITS, [resource]: limit }))).toEqual([
          problem(`requests.${resource}`, request, `is above limits.${resource} "${limit}" (the API server refuses the pod)`),
        ]);
      });

    test('compliant: a request equal to its limit in another spelling', () => {
      expect(COMPUTE_RESOURCES.check(withResources({ cpu: '1000m', memory: '1024Mi' }, { cpu: '1', memory: '1Gi' }))).toEqual([]);
    });

    test('v1beta1: resources, merged with the stepTemplate key by key, named as written', () => {
      const spec = taskSpec({
        stepTemplate: { resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } } },
        steps: [hardenedContainer('compile', { computeResources: undefined, resources: { limits: { cpu: '0' } } })],
      });
      expect(COMPUTE_RESOURCES.check({ apiVersion: 'tekton.dev/v1beta1', kind: 'Task', metadata: { name: 'build' }, spec })).toEqual([
        { ...problem('limits.cpu', '0', NO_LIMIT, 'resources'), fix: V1BETA1_FIX },
      ]);
      expect(COMPUTE_RESOURCES.check(withResources(OK, { cpu: 'x', memory: '1Gi' }, 'resources'))).toEqual([problem('limits.cpu', 'x', INVALID, 'resources')]);
    });

    test('v1alpha1 (not served): resources, the field as written, and a fix naming it and v1\'s', () => {
      const spec = taskSpec({ steps: [hardenedContainer('compile', { computeResources: undefined, resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '0', memory: '1Gi' } } })] });
      const v1alpha1 = { apiVersion: 'tekton.dev/v1alpha1', kind: 'Task', metadata: { name: 'build' }, spec };
      const fix = 'Set resources.requests and .limits for cpu and memory (tekton.dev/v1alpha1 had them in resources, as v1beta1 has; '
        + 'Tekton serves this kind as v1 and v1beta1 only, see SERVED_KINDS: in tekton.dev/v1 they are computeResources).';
      expect(COMPUTE_RESOURCES.check(v1alpha1)).toEqual([{ ...problem('limits.cpu', '0', NO_LIMIT, 'resources'), fix }]);
      // nothing written: the field it had is named, not v1's
      const bare = { ...v1alpha1, spec: taskSpec({ steps: [hardenedContainer('compile', { computeResources: undefined })] }) };
      expect(COMPUTE_RESOURCES.check(bare)).toEqual(ALL_FIELDS.map((f) => ({ ...at("step 'compile'", 'step/compile', f), property: `resources.${f}`, fix })));
      // v1's name in a v1alpha1 container was no field of it: not read
      const v1Named = { ...v1alpha1, spec: taskSpec({ steps: [hardenedContainer('compile')] }) };
      expect(COMPUTE_RESOURCES.check(v1Named)).toHaveLength(4);
    });

    test('v1beta1: a step\'s computeResources (the v1 name) is not read: Tekton reads resources, and its conversion to v1 keeps only that', () => {
      // an embedded spec keeps the key at the API server; Tekton's v1beta1 Step has no such field (TEKTON_FIELD_NAMES): the fix says where they go
      const run = { ...pipelineRunEmbedding(taskSpec()), apiVersion: 'tekton.dev/v1beta1' };
      expect(COMPUTE_RESOURCES.check(run)).toEqual(ALL_FIELDS.map((f) => ({
        rule: RuleId.COMPUTE_RESOURCES,
        kind: 'PipelineRun',
        name: 'pipe-run',
        location: "task 'build' step 'compile'",
        target: 'task/build/step/compile',
        property: `resources.${f}`,
        problem: 'is not set',
        fix: V1BETA1_FIX,
      })));
      // the fix, taken: the same quantities under resources
      const steps = run.spec.pipelineSpec.tasks[0].taskSpec.steps;
      steps[0] = { ...steps[0], resources: steps[0].computeResources, computeResources: undefined };
      expect(COMPUTE_RESOURCES.check(run)).toEqual([]);
    });

    test('a stepTemplate with a bad value is reported on each step that inherits it', () => {
      const spec = taskSpec({
        stepTemplate: { computeResources: { requests: OK, limits: { ...LIMITS, memory: '0' } } },
        steps: [hardenedContainer('a', { computeResources: undefined }), hardenedContainer('b', { computeResources: { limits: { memory: '1Gi' } } })],
      });
      expect(COMPUTE_RESOURCES.check({ kind: 'Task', metadata: { name: 'build' }, spec })).toEqual([
        { ...problem('limits.memory', '0', NO_LIMIT), location: "step 'a'", target: 'step/a' },
      ]);
    });

    test('a StepAction carries no resources (the step that runs it does)', () => {
      const action = { apiVersion: 'tekton.dev/v1beta1', kind: 'StepAction', metadata: { name: 'scan' }, spec: { image: 'x', script: '#!/bin/sh\n' } };
      expect(COMPUTE_RESOURCES.appliesTo(action)).toBe(false);
      expect(COMPUTE_RESOURCES.check(action)).toEqual([]);
    });

    test('non-compliant: run-time overrides of a TaskRun and of a PipelineRun\'s task runs', () => {
      const run = taskRun({
        stepSpecs: [{ name: 'compile', computeResources: { limits: { cpu: '0' }, requests: { memory: '-1Mi' } } }],
        sidecarSpecs: [{ name: 'db', computeResources: { limits: { memory: '1TB' } } }],
        computeResources: { limits: { cpu: '100' } },
      });
      expect(COMPUTE_RESOURCES.appliesTo(run)).toBe(true);
      expect(COMPUTE_RESOURCES.check(run)).toEqual([
        { rule: RuleId.COMPUTE_RESOURCES, kind: 'TaskRun', name: 'build-run', location: "step 'compile'", target: 'step/compile', property: 'stepSpecs.computeResources.requests.memory', value: '-1Mi', problem: NEGATIVE },
        { rule: RuleId.COMPUTE_RESOURCES, kind: 'TaskRun', name: 'build-run', location: "step 'compile'", target: 'step/compile', property: 'stepSpecs.computeResources.limits.cpu', value: '0', problem: NO_LIMIT },
        { rule: RuleId.COMPUTE_RESOURCES, kind: 'TaskRun', name: 'build-run', location: "sidecar 'db'", target: 'sidecar/db', property: 'sidecarSpecs.computeResources.limits.memory', value: '1TB', problem: INVALID },
        { rule: RuleId.COMPUTE_RESOURCES, kind: 'TaskRun', name: 'build-run', property: 'computeResources', problem: BOTH('stepSpecs') },
        { rule: RuleId.COMPUTE_RESOURCES, kind: 'TaskRun', name: 'build-run', property: 'computeResources.limits.cpu', value: '100', problem: 'is above 64, which bounds nothing in practice' },
        { rule: RuleId.COMPUTE_RESOURCES, kind: 'TaskRun', name: 'build-run', property: 'computeResources.limits.memory', problem: TASK_LEVEL('memory') },
      ]);
      const pr = pipelineRun({ taskRunSpecs: [{ pipelineTaskName: 'build', stepSpecs: [{ name: 'make', computeResources: { limits: { memory: '0' } } }], computeResources: { requests: { cpu: '0' } } }] });
      expect(COMPUTE_RESOURCES.check(pr)).toEqual([
        { rule: RuleId.COMPUTE_RESOURCES, kind: 'PipelineRun', name: 'pipe-run', location: "task 'build' step 'make'", target: 'task/build/step/make', property: 'taskRunSpecs.stepSpecs.computeResources.limits.memory', value: '0', problem: NO_LIMIT },
        { rule: RuleId.COMPUTE_RESOURCES, kind: 'PipelineRun', name: 'pipe-run', location: "task 'build'", target: 'task/build', property: 'taskRunSpecs.computeResources', problem: BOTH('stepSpecs') },
        { rule: RuleId.COMPUTE_RESOURCES, kind: 'PipelineRun', name: 'pipe-run', location: "task 'build'", target: 'task/build', property: 'taskRunSpecs.computeResources.requests.cpu', value: '0', problem: NO_REQUEST },
        { rule: RuleId.COMPUTE_RESOURCES, kind: 'PipelineRun', name: 'pipe-run', location: "task 'build'", target: 'task/build', property: 'taskRunSpecs.computeResources.limits.cpu', problem: TASK_LEVEL('cpu') },
        { rule: RuleId.COMPUTE_RESOURCES, kind: 'PipelineRun', name: 'pipe-run', location: "task 'build'", target: 'task/build', property: 'taskRunSpecs.computeResources.limits.memory', problem: TASK_LEVEL('memory') },
      ]);
      const beta = { ...taskRun({ stepOverrides: [{ name: 'compile', resources: { limits: { cpu: '-1' } } }] }), apiVersion: 'tekton.dev/v1beta1' };
      expect(COMPUTE_RESOURCES.check(beta).map((f) => [f.property, f.problem, f.fix])).toEqual([['stepOverrides.resources.limits.cpu', NEGATIVE,
        'Set resources.requests and .limits for cpu and memory (tekton.dev/v1beta1 has them in resources; computeResources is their name in tekton.dev/v1).']]);
    });

    test('non-compliant: a run\'s task-level computeResources replaces every step\'s limits, whole (Tekton\'s ApplyTaskLevelComputeResources)', () => {
      // the steps are limited; requests alone at task level leave them with no limit at all
      const limited = taskSpec({ steps: [hardenedContainer('compile')] });
      const summary = (m: any) => COMPUTE_RESOURCES.check(m).map((f) => [f.location, f.property, f.problem]);
      expect(summary(taskRunEmbedding(limited))).toEqual([]);
      const run = taskRunEmbedding(limited);
      run.spec.computeResources = { requests: { cpu: '1', memory: '1Gi' } };
      expect(summary(run)).toEqual([
        [undefined, 'computeResources.limits.cpu', TASK_LEVEL('cpu')],
        [undefined, 'computeResources.limits.memory', TASK_LEVEL('memory')],
      ]);
      // empty maps are left out when Tekton's webhook writes the run back: the steps keep their own limits
      expect(summary(taskRun({ computeResources: { limits: {}, requests: {} } }))).toEqual([]);
      expect(summary(taskRun({ computeResources: { limits: {}, requests: { memory: '1Gi' } } })).map((f) => f[1])).toEqual(['computeResources.limits.cpu', 'computeResources.limits.memory']);
      // requests are divided among the steps: a task-level request above its limit is not refused as such
      expect(summary(taskRun({ computeResources: { requests: { cpu: '2', memory: '2Gi' }, limits: { cpu: '1', memory: '1Gi' } } }))).toEqual([]);
      // both limited, or no requests and no limits (Tekton leaves the steps alone): nothing
      expect(summary(taskRun({ computeResources: { requests: { cpu: '1' }, limits: { cpu: '2', memory: '2Gi' } } }))).toEqual([]);
      expect(summary(taskRun({ computeResources: { requests: null, limits: null } }))).toEqual([]);
      expect(summary(taskRun({ computeResources: {} }))).toEqual([]);
    });

    test('non-compliant: task-level computeResources with step overrides that set resources (Tekton refuses the run)', () => {
      const summary = (m: any) => COMPUTE_RESOURCES.check(m).map((f) => [f.location, f.property, f.problem]);
      // an empty object is set for Go; a stepSpec whose maps are empty sets nothing
      expect(summary(taskRun({ computeResources: {}, stepSpecs: [{ name: 'compile', computeResources: { limits: { cpu: '1' } } }] }))).toEqual([
        [undefined, 'computeResources', BOTH('stepSpecs')],
      ]);
      expect(summary(taskRun({ computeResources: {}, stepSpecs: [{ name: 'compile', computeResources: { claims: [{ name: 'gpu' }] } }] }))).toEqual([
        [undefined, 'computeResources', BOTH('stepSpecs')],
      ]);
      expect(summary(taskRun({ computeResources: null, stepSpecs: [{ name: 'compile', computeResources: { limits: { cpu: '1' } } }] }))).toEqual([]);
      expect(summary(taskRun({ computeResources: {}, stepSpecs: [{ name: 'compile', computeResources: { limits: {} } }], sidecarSpecs: [{ name: 'db', computeResources: { limits: { cpu: '1' } } }] }))).toEqual([]);
      const beta = { ...taskRun({ computeResources: {}, stepOverrides: [{ name: 'compile', resources: { requests: { cpu: '1' } } }] }), apiVersion: 'tekton.dev/v1beta1' };
      expect(summary(beta)).toEqual([[undefined, 'computeResources', BOTH('stepOverrides')]]);
    });

    test('the steps of a spec the run embeds take the task-level values in place of their own, and each step\'s share of a request is held to the limit', () => {
      const summary = (m: any) => COMPUTE_RESOURCES.check(m).map((f) => [f.location, f.property, f.value, f.problem]);
      const bare = (...names: string[]) => taskSpec({ steps: names.map((n) => hardenedContainer(n, { computeResources: undefined })) });
      const limits = { cpu: '1', memory: '1Gi' };
      // the steps' own (missing) values are replaced
      expect(summary(taskRunEmbedding(bare('a', 'b'))).length).toBe(8);
      const run = taskRunEmbedding(bare('a', 'b'));
      run.spec.computeResources = { limits };
      expect(summary(run)).toEqual([]);
      // one step gets the whole request, above the limit it gets too: the API server refuses the pod
      const one = taskRunEmbedding(bare('a'));
      one.spec.computeResources = { requests: { cpu: '2', memory: '512Mi' }, limits };
      expect(summary(one)).toEqual([
        [undefined, 'computeResources.requests.cpu', '2', 'gives each of the task\'s 1 step a request of 2000m, above limits.cpu "1", which each step gets whole (the API server refuses the pod)'],
      ]);
      // divided among two steps, 1000m each is within the limit; memory in bytes, divided down
      const two = taskRunEmbedding(bare('a', 'b'));
      two.spec.computeResources = { requests: { cpu: '2', memory: '2Gi' }, limits };
      expect(summary(two)).toEqual([]);
      const three = taskRunEmbedding(bare('a', 'b', 'c'));
      three.spec.computeResources = { requests: { cpu: '3001m', memory: '4Gi' }, limits };
      // 3001m among three steps is 1000m each (divided down), within the limit
      expect(summary(three)).toEqual([
        [undefined, 'computeResources.requests.memory', '4Gi', 'gives each of the task\'s 3 steps a request of 1431655765 bytes, above limits.memory "1Gi", which each step gets whole (the API server refuses the pod)'],
      ]);
      // a PipelineRun: the last taskRunSpecs entry for the task is the one Tekton takes
      const pr = pipelineRunEmbedding(bare('a'));
      pr.spec.taskRunSpecs = [
        { pipelineTaskName: 'build', computeResources: { requests: { cpu: '2' }, limits } },
        { pipelineTaskName: 'build', computeResources: { requests: { memory: '2Gi' }, limits } },
      ];
      expect(summary(pr)).toEqual([
        ["task 'build'", 'taskRunSpecs.computeResources.requests.memory', '2Gi',
          'gives each of the task\'s 1 step a request of 2147483648 bytes, above limits.memory "1Gi", which each step gets whole (the API server refuses the pod)'],
      ]);
      // a Task referenced: its steps are not known, so the request is not divided here
      expect(summary(taskRun({ computeResources: { requests: { cpu: '2' }, limits } }))).toEqual([]);
    });

    test('a step\'s share of a run\'s task-level request, for a Task checked with the run that it refers to by name', () => {
      const limits = { cpu: '1', memory: '1Gi' };
      const summary = (m: any, ...others: any[]) => COMPUTE_RESOURCES.check(m, ruleContext([m, ...others]))
        .map((f) => [f.location, f.property, f.value, f.problem]);
      const referenced = (namespace: string, ...names: string[]) => ({
        apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: 'build', namespace }, spec: { steps: names.map((n) => hardenedContainer(n)) },
      });
      const SHARE = 'gives each of the task\'s 1 step a request of 2000m, above limits.cpu "1", which each step gets whole (the API server refuses the pod)';
      const run = taskRun({ computeResources: { requests: { cpu: '2' }, limits } });
      expect(summary(run, referenced('ci', 'a'))).toEqual([[undefined, 'computeResources.requests.cpu', '2', SHARE]]);
      // divided among two steps it is within the limit; a Task of another namespace is not the one run
      expect(summary(run, referenced('ci', 'a', 'b'))).toEqual([]);
      expect(summary(run, referenced('other', 'a'))).toEqual([]);
      // a PipelineRun's taskRunSpecs entry, for a task of the Pipeline its pipelineRef names, or of its own pipelineSpec
      const pipeline = { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'pipe', namespace: 'ci' }, spec: { tasks: [{ name: 'compile', taskRef: { name: 'build' } }] } };
      const taskRunSpecs = [{ pipelineTaskName: 'compile', computeResources: { requests: { cpu: '2' }, limits } }];
      const TASK = ["task 'compile'", 'taskRunSpecs.computeResources.requests.cpu', '2', SHARE];
      expect(summary(pipelineRun({ taskRunSpecs }), pipeline, referenced('ci', 'a'))).toEqual([TASK]);
      expect(summary(pipelineRun({ taskRunSpecs, pipelineRef: undefined, pipelineSpec: pipeline.spec }), referenced('ci', 'a'))).toEqual([TASK]);
      expect(summary(pipelineRun({ taskRunSpecs }), pipeline)).toEqual([]);
    });

    test('a run\'s step and sidecar overrides are merged over the containers of the spec it embeds, key by key', () => {
      const summary = (m: any) => COMPUTE_RESOURCES.check(m).map((f) => [f.location, f.property, f.value, f.problem]);
      const partial = { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1' } };
      const spec = taskSpec({ steps: [hardenedContainer('compile', { computeResources: partial })], sidecars: [hardenedContainer('db', { computeResources: partial })] });
      const run = taskRunEmbedding(spec);
      expect(summary(run).map((f) => [f[0], f[1]])).toEqual([["step 'compile'", 'computeResources.limits.memory'], ["sidecar 'db'", 'computeResources.limits.memory']]);
      // the run completes both: nothing is missing
      run.spec.stepSpecs = [{ name: 'compile', computeResources: { limits: { memory: '1Gi' } } }];
      run.spec.sidecarSpecs = [{ name: 'db', computeResources: { limits: { memory: '512Mi' } } }];
      expect(summary(run)).toEqual([]);
      // a value the run gives is judged where it is written, once
      run.spec.stepSpecs = [{ name: 'compile', computeResources: { limits: { memory: '0' } } }];
      expect(summary(run).filter((f) => f[0] === "step 'compile'")).toEqual([
        ["step 'compile'", 'stepSpecs.computeResources.limits.memory', '0', NO_LIMIT],
      ]);
      // a limit the run lowers below the step's request: the API server refuses the pod
      run.spec.stepSpecs = [{ name: 'compile', computeResources: { limits: { cpu: '50m', memory: '1Gi' } } }];
      expect(summary(run).filter((f) => f[0] === "step 'compile'")).toEqual([
        ["step 'compile'", 'computeResources.requests.cpu', '100m', 'is above limits.cpu "50m" (the API server refuses the pod)'],
      ]);
      // in a PipelineRun, the overrides of the task's (last) taskRunSpecs entry
      const pr = pipelineRunEmbedding(taskSpec({ steps: [hardenedContainer('compile', { computeResources: partial })] }));
      expect(summary(pr).map((f) => f[1])).toEqual(['computeResources.limits.memory']);
      pr.spec.taskRunSpecs = [{ pipelineTaskName: 'build', stepSpecs: [{ name: 'compile', computeResources: { limits: { memory: '1Gi' } } }] }];
      expect(summary(pr)).toEqual([]);
      pr.spec.taskRunSpecs.push({ pipelineTaskName: 'build' });
      expect(summary(pr).map((f) => f[1])).toEqual(['computeResources.limits.memory']);
      // a TaskRun of a referenced Task: its steps are not known here
      expect(summary(taskRun({ stepSpecs: [{ name: 'compile', computeResources: { limits: { memory: '1Gi' } } }] }))).toEqual([]);
    });

    test('compliant: runs without overrides, and overrides with sound values, need nothing', () => {
      expect(COMPUTE_RESOURCES.appliesTo(taskRun())).toBe(false);
      expect(COMPUTE_RESOURCES.appliesTo(pipelineRun())).toBe(false);
      expect(COMPUTE_RESOURCES.check(taskRun({ stepSpecs: [{ name: 'compile', computeResources: { limits: { cpu: '2' } } }] }))).toEqual([]);
      expect(COMPUTE_RESOURCES.check(taskRunEmbedding(taskSpec()))).toEqual([]);
      expect(COMPUTE_RESOURCES.appliesTo({ apiVersion: 'example.com/v1', kind: 'TaskRun', spec: { stepSpecs: [] } })).toBe(false);
    });

    /** An independent model of ParseQuantity for well-formed quantities: a regular expression and exact rationals, rounded up to nano-units. */
    function referenceNanos(text: string): bigint | undefined {
      const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]{1,3})?$/.exec(text);
      if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
      const [, sign, int, frac = '', suffix = ''] = m;
      const binary: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
      const decimal: Record<string, number> = { 'n': -9, 'u': -6, 'm': -3, '': 0, 'k': 3, 'M': 6, 'G': 9, 'T': 12, 'P': 15, 'E': 18 };
      const exp10 = suffix in decimal ? decimal[suffix] : suffix in binary ? 0 : Number(suffix.slice(1));
      const mult = suffix in binary ? 2n ** BigInt(binary[suffix]) : 1n;
      let num = BigInt((int || '0') + frac) * mult;
      let den = 10n ** BigInt(frac.length);
      const shift = exp10 + 9;
      if (shift >= 0) num *= 10n ** BigInt(shift); else den *= 10n ** BigInt(-shift);
      let nanos = (num + den - 1n) / den;
      if (suffix in binary && nanos > (2n ** 63n - 1n) * 10n ** 9n) nanos = (2n ** 63n - 1n) * 10n ** 9n;
      return sign === '-' ? -nanos : nanos;
    }

    test('property: well-formed quantities read as the reference model reads them', () => {
      const quantityText = fc.tuple(
        fc.constantFrom('', '+', '-'),
        fc.stringMatching(/^[0-9]{1,12}$/),
        fc.option(fc.stringMatching(/^[0-9]{0,12}$/), { nil: undefined }),
        fc.constantFrom('', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'e3', 'E-2', 'e+12', 'e-30', 'e0'),
      ).map(([sign, int, frac, suffix]) => `${sign}${int}${frac === undefined ? '' : `.${frac}`}${suffix}`);
      fc.assert(fc.property(quantityText, (q) => {
        const expected = referenceNanos(q);
        expect(parseQuantityString(q)).toBe(expected);
        const findings = COMPUTE_RESOURCES.check(withResources(OK, { ...LIMITS, cpu: q })).map((f) => f.problem);
        const wanted = expected! < 0n ? [NEGATIVE] : expected === 0n ? [NO_LIMIT]
          : expected! > 64n * 10n ** 9n ? ['is above 64, which bounds nothing in practice'] : expected! < 100_000_000n ? ['is above limits.cpu "' + q + '" (the API server refuses the pod)'] : [];
        expect(findings).toEqual(wanted);
      }), { numRuns: 500 });
    });

    test('property: any short text parses exactly when the reference grammar accepts it (or is zero without digits)', () => {
      const text = fc.oneof(fc.string({ maxLength: 6 }), fc.stringMatching(/^[+-]?[0-9.]{0,3}[eEinumkKMGTP]{0,2}[+-]?[0-9]{0,2}$/));
      fc.assert(fc.property(text, (q) => {
        const parsed = parseQuantityString(q);
        const expected = referenceNanos(q);
        if (expected !== undefined) expect(parsed).toBe(expected);
        else if (parsed !== undefined) expect(parsed).toBe(0n); // the scanner's digit-less zeros: "Mi", "-", ".", "e5"
      }), { numRuns: 2000 });
    });

    test('numbers are read as JSON writes them; other types are not quantities', () => {
      expect(parseQuantity(1e21)).toBe(10n ** 30n);
      expect(parseQuantity(0.1)).toBe(100_000_000n);
      expect(parseQuantity(Number.NaN)).toBeUndefined();
      expect(parseQuantity(true)).toBeUndefined();
      expect(parseQuantity({})).toBeUndefined();
      expect(parseQuantity('\u00a01Gi\u3000')).toBe(2n ** 30n * 10n ** 9n);
      expect(parseQuantity('\ufeff1Gi')).toBeUndefined(); // not white space to Go
    });
  });
});

describe('COMPUTE_RESOURCES on fields of another type', () => {
  test('a TaskRun whose apiVersion is a map with a toString key (not Tekton\'s: the API server refuses it) does not throw', () => {
    const run = { apiVersion: JSON.parse('{"toString": "x"}'), kind: 'TaskRun', metadata: { name: 't' }, spec: { taskRef: { name: 'x' }, stepSpecs: [] } };
    expect(COMPUTE_RESOURCES.check(run, ruleContext([run]))).toEqual([]);
  });
});
