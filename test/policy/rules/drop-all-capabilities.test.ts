import { describeRule, eventListener, hardenedContainer, hardenedSecurityContext, pipelineEmbedding, task, taskSpec, LISTENER_CONTAINER_PATH, LISTENER_REPLACED } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { DROP_ALL_CAPABILITIES } from '../../../src/policy/rules/drop-all-capabilities';

const at = (location: string, target: string, finding: Record<string, unknown>, kind = 'Task', name = 'build') =>
  ({ rule: RuleId.DROP_ALL_CAPABILITIES, kind, name, location, target, ...finding });
const withCaps = (capabilities: any) => ({ ...hardenedSecurityContext(), capabilities });
const DROP = { property: 'securityContext.capabilities.drop', problem: 'does not include ALL' };
const ADD = { property: 'securityContext.capabilities.add', problem: 'adds capabilities' };

describe('DROP_ALL_CAPABILITIES', () => {
  describeRule(DROP_ALL_CAPABILITIES, RuleId.DROP_ALL_CAPABILITIES, Severity.MEDIUM, true);

  test('applies to Tekton objects that hold task specs only', () => {
    expect(DROP_ALL_CAPABILITIES.appliesTo(task())).toBe(true);
    expect(DROP_ALL_CAPABILITIES.appliesTo({ kind: 'Task', metadata: { name: 't' } })).toBe(false);
    expect(DROP_ALL_CAPABILITIES.appliesTo({ kind: 'ConfigMap', spec: { steps: [] } })).toBe(false);
  });

  test('compliant: drop ALL (with others), an empty add', () => {
    expect(DROP_ALL_CAPABILITIES.check(task())).toEqual([]);
    expect(DROP_ALL_CAPABILITIES.check(task({ steps: [hardenedContainer('compile', { securityContext: withCaps({ drop: ['NET_RAW', 'ALL'], add: [] }) })] }))).toEqual([]);
  });

  test('non-compliant: dropping some capabilities only', () => {
    expect(DROP_ALL_CAPABILITIES.check(task({ steps: [hardenedContainer('compile', { securityContext: withCaps({ drop: ['NET_RAW', 'SYS_ADMIN'] }) })] })))
      .toEqual([at("step 'compile'", 'step/compile', { ...DROP, value: '["NET_RAW","SYS_ADMIN"]' })]);
  });

  test('non-compliant: no capabilities, drop missing', () => {
    expect(DROP_ALL_CAPABILITIES.check(task({ steps: [hardenedContainer('compile', { securityContext: withCaps(undefined) })] })))
      .toEqual([at("step 'compile'", 'step/compile', DROP)]);
  });

  test.each([
    ['lower-case all', { drop: ['all'] }, '["all"]'],
    ['ALL as a string, not a list', { drop: 'ALL' }, '"ALL"'],
    ['an empty drop', { drop: [] }, '[]'],
  ])('non-compliant: %s', (_, capabilities, value) => {
    expect(DROP_ALL_CAPABILITIES.check(task({ steps: [hardenedContainer('compile', { securityContext: withCaps(capabilities) })] })))
      .toEqual([at("step 'compile'", 'step/compile', { ...DROP, value })]);
  });

  test('non-compliant: ALL dropped but a capability added back', () => {
    expect(DROP_ALL_CAPABILITIES.check(task({ sidecars: [hardenedContainer('proxy', { securityContext: withCaps({ drop: ['ALL'], add: ['NET_BIND_SERVICE'] }) })] })))
      .toEqual([at("sidecar 'proxy'", 'sidecar/proxy', { ...ADD, value: '["NET_BIND_SERVICE"]' })]);
  });

  test('non-compliant: both problems at once', () => {
    expect(DROP_ALL_CAPABILITIES.check(task({ steps: [hardenedContainer('compile', { securityContext: withCaps({ add: ['SYS_ADMIN'] }) })] }))).toEqual([
      at("step 'compile'", 'step/compile', DROP),
      at("step 'compile'", 'step/compile', { ...ADD, value: '["SYS_ADMIN"]' }),
    ]);
  });

  test('non-compliant: an add in the stepTemplate survives a step that only sets drop', () => {
    const spec = taskSpec({
      stepTemplate: { securityContext: { capabilities: { drop: ['ALL'], add: ['NET_ADMIN'] } } },
      steps: [hardenedContainer('compile', { securityContext: { runAsNonRoot: true, capabilities: { drop: ['ALL'] } } })],
    });
    expect(DROP_ALL_CAPABILITIES.check({ kind: 'Task', metadata: { name: 'build' }, spec }))
      .toEqual([at("step 'compile'", 'step/compile', { ...ADD, value: '["NET_ADMIN"]' })]);
  });

  test('a step\'s empty add or drop keeps the stepTemplate\'s (Go\'s JSON leaves an empty omitempty list out of the merge)', () => {
    const under = (templateCaps: any, stepCaps: any) => DROP_ALL_CAPABILITIES.check({
      kind: 'Task',
      metadata: { name: 'build' },
      spec: taskSpec({
        stepTemplate: { securityContext: { capabilities: templateCaps } },
        steps: [hardenedContainer('compile', { securityContext: withCaps(stepCaps) })],
      }),
    });
    // the template's add runs: `add: []` does not take it away
    expect(under({ drop: ['ALL'], add: ['SYS_ADMIN'] }, { drop: ['ALL'], add: [] }))
      .toEqual([at("step 'compile'", 'step/compile', { ...ADD, value: '["SYS_ADMIN"]' })]);
    // the template's drop ALL runs: `drop: []` does not take it away
    expect(under({ drop: ['ALL'] }, { drop: [] })).toEqual([]);
  });

  test('non-compliant: an embedded task spec in a Pipeline', () => {
    const spec = taskSpec({ steps: [hardenedContainer('make', { securityContext: withCaps({ drop: ['ALL'], add: ['SYS_PTRACE'] }) })] });
    expect(DROP_ALL_CAPABILITIES.check(pipelineEmbedding(spec)))
      .toEqual([at("task 'build' step 'make'", 'task/build/step/make', { ...ADD, value: '["SYS_PTRACE"]' }, 'Pipeline', 'pipe')]);
  });
});

describe('DROP_ALL_CAPABILITIES: an EventListener\'s pod', () => {
  test('the hardened listener Triggers makes is not reported; a container securityContext written in its kubernetesResource replaces that one whole', () => {
    expect(DROP_ALL_CAPABILITIES.check(eventListener())).toEqual([]);
    expect(DROP_ALL_CAPABILITIES.check(eventListener({ spec: { containers: [{ securityContext: null }] } }))).toEqual([]);
    expect(DROP_ALL_CAPABILITIES.check(eventListener({ spec: { containers: [{ securityContext: { readOnlyRootFilesystem: true } }] } }))).toEqual([{
      rule: RuleId.DROP_ALL_CAPABILITIES,
      kind: 'EventListener',
      name: 'github-listener',
      location: "container 'event-listener'",
      property: `${LISTENER_CONTAINER_PATH}.securityContext.capabilities.drop`,
      problem: `does not include ALL${LISTENER_REPLACED}`,
    }]);
  });
});
