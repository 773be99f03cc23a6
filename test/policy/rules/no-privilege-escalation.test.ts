import { describeRule, eventListener, hardenedContainer, hardenedSecurityContext, pipelineRunEmbedding, task, taskSpec, LISTENER_CONTAINER_PATH, LISTENER_REPLACED } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { NO_PRIVILEGE_ESCALATION } from '../../../src/policy/rules/no-privilege-escalation';

const at = (location: string, target: string, value?: string, kind = 'Task', name = 'build') => ({
  rule: RuleId.NO_PRIVILEGE_ESCALATION,
  kind,
  name,
  location,
  target,
  property: 'securityContext.allowPrivilegeEscalation',
  value,
  problem: 'is not false',
});
const sc = (overrides: Record<string, any>) => ({ ...hardenedSecurityContext(), ...overrides });

describe('NO_PRIVILEGE_ESCALATION', () => {
  describeRule(NO_PRIVILEGE_ESCALATION, RuleId.NO_PRIVILEGE_ESCALATION, Severity.HIGH, true);

  test('applies to Tekton objects that hold task specs only', () => {
    expect(NO_PRIVILEGE_ESCALATION.appliesTo(task())).toBe(true);
    expect(NO_PRIVILEGE_ESCALATION.appliesTo(pipelineRunEmbedding(taskSpec()))).toBe(true);
    expect(NO_PRIVILEGE_ESCALATION.appliesTo({ kind: 'PipelineRun', spec: { pipelineRef: { name: 'p' } } })).toBe(false);
  });

  test('compliant: false on the step, or from the stepTemplate', () => {
    expect(NO_PRIVILEGE_ESCALATION.check(task())).toEqual([]);
    expect(NO_PRIVILEGE_ESCALATION.check(task({
      stepTemplate: { securityContext: { allowPrivilegeEscalation: false } },
      steps: [hardenedContainer('compile', { securityContext: { runAsNonRoot: true } })],
    }))).toEqual([]);
  });

  test('non-compliant: true', () => {
    expect(NO_PRIVILEGE_ESCALATION.check(task({ steps: [hardenedContainer('compile', { securityContext: sc({ allowPrivilegeEscalation: true }) })] })))
      .toEqual([at("step 'compile'", 'step/compile', 'true')]);
  });

  test('non-compliant: not set (Kubernetes then allows escalation)', () => {
    const { allowPrivilegeEscalation: _, ...unset } = hardenedSecurityContext();
    expect(NO_PRIVILEGE_ESCALATION.check(task({ steps: [hardenedContainer('compile', { securityContext: unset })] })))
      .toEqual([at("step 'compile'", 'step/compile')]);
  });

  test('non-compliant: the string "false" is not false', () => {
    expect(NO_PRIVILEGE_ESCALATION.check(task({ steps: [hardenedContainer('compile', { securityContext: sc({ allowPrivilegeEscalation: 'false' }) })] })))
      .toEqual([at("step 'compile'", 'step/compile', 'false')]);
  });

  test('non-compliant: true in the stepTemplate reaches the steps; a sidecar is checked on its own', () => {
    const spec = taskSpec({
      stepTemplate: { securityContext: { allowPrivilegeEscalation: true } },
      steps: [hardenedContainer('compile', { securityContext: { runAsNonRoot: true } })],
      sidecars: [hardenedContainer('db', { securityContext: sc({ allowPrivilegeEscalation: true }) })],
    });
    expect(NO_PRIVILEGE_ESCALATION.check({ kind: 'Task', metadata: { name: 'build' }, spec })).toEqual([
      at("step 'compile'", 'step/compile', 'true'),
      at("sidecar 'db'", 'sidecar/db', 'true'),
    ]);
  });

  test('non-compliant: an embedded task spec in a PipelineRun', () => {
    const spec = taskSpec({ steps: [hardenedContainer('make', { securityContext: sc({ allowPrivilegeEscalation: true }) })] });
    expect(NO_PRIVILEGE_ESCALATION.check(pipelineRunEmbedding(spec))).toEqual([at("task 'build' step 'make'", 'task/build/step/make', 'true', 'PipelineRun', 'pipe-run')]);
  });
});

describe('NO_PRIVILEGE_ESCALATION on fields of another type', () => {
  test('allowPrivilegeEscalation that is a map with a toString key: a finding that quotes it as a map, without throwing', () => {
    const t = task({ steps: [{ ...hardenedContainer('s'), securityContext: { ...hardenedSecurityContext(), allowPrivilegeEscalation: JSON.parse('{"toString": "x"}') } }] });
    expect(NO_PRIVILEGE_ESCALATION.check(t).map((f) => [f.property, f.value])).toEqual([['securityContext.allowPrivilegeEscalation', '[object Object]']]);
  });
});

describe('NO_PRIVILEGE_ESCALATION: an EventListener\'s pod', () => {
  test('the hardened listener Triggers makes is not reported; a container securityContext written in its kubernetesResource replaces that one whole', () => {
    expect(NO_PRIVILEGE_ESCALATION.check(eventListener())).toEqual([]);
    expect(NO_PRIVILEGE_ESCALATION.check(eventListener({ spec: { containers: [{ securityContext: null }] } }))).toEqual([]);
    expect(NO_PRIVILEGE_ESCALATION.check(eventListener({ spec: { containers: [{ securityContext: { readOnlyRootFilesystem: true } }] } }))).toEqual([{
      rule: RuleId.NO_PRIVILEGE_ESCALATION,
      kind: 'EventListener',
      name: 'github-listener',
      location: "container 'event-listener'",
      property: `${LISTENER_CONTAINER_PATH}.securityContext.allowPrivilegeEscalation`,
      problem: `is not false${LISTENER_REPLACED}`,
    }]);
  });
});
