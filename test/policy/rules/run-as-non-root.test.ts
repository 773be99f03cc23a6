import { describeRule, hardenedContainer, hardenedSecurityContext, pipelineEmbedding, task, taskRunEmbedding, taskSpec } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { RUN_AS_NON_ROOT } from '../../../src/policy/rules/run-as-non-root';

const at = (location: string, target: string, finding: Record<string, unknown>, kind = 'Task', name = 'build') =>
  ({ rule: RuleId.RUN_AS_NON_ROOT, kind, name, location, target, ...finding });
const sc = (overrides: Record<string, any>) => ({ ...hardenedSecurityContext(), ...overrides });
const NOT_TRUE = { property: 'securityContext.runAsNonRoot', problem: 'is not true' };
const NOT_UID = { property: 'securityContext.runAsUser', problem: 'is not a non-zero UID' };

describe('RUN_AS_NON_ROOT', () => {
  describeRule(RUN_AS_NON_ROOT, RuleId.RUN_AS_NON_ROOT, Severity.HIGH, true);

  test('applies to Tekton objects that hold task specs only', () => {
    expect(RUN_AS_NON_ROOT.appliesTo(task())).toBe(true);
    expect(RUN_AS_NON_ROOT.appliesTo(taskRunEmbedding(taskSpec()))).toBe(true);
    expect(RUN_AS_NON_ROOT.appliesTo({ kind: 'TaskRun', spec: { taskRef: { name: 'build' } } })).toBe(false);
    expect(RUN_AS_NON_ROOT.appliesTo({ kind: 'Deployment', spec: {} })).toBe(false);
  });

  test('compliant: runAsNonRoot and a non-zero runAsUser, on the step or from the stepTemplate', () => {
    expect(RUN_AS_NON_ROOT.check(task())).toEqual([]);
    expect(RUN_AS_NON_ROOT.check(task({
      stepTemplate: { securityContext: { runAsNonRoot: true, runAsUser: 1000 } },
      steps: [hardenedContainer('compile', { securityContext: { allowPrivilegeEscalation: false } })],
    }))).toEqual([]);
  });

  test('non-compliant: runAsUser 0 on a step', () => {
    expect(RUN_AS_NON_ROOT.check(task({ steps: [hardenedContainer('compile', { securityContext: sc({ runAsUser: 0 }) })] })))
      .toEqual([at("step 'compile'", 'step/compile', { ...NOT_UID, value: '0' })]);
  });

  test('non-compliant: no securityContext at all misses both fields', () => {
    expect(RUN_AS_NON_ROOT.check(task({ steps: [hardenedContainer('compile', { securityContext: undefined })] }))).toEqual([
      at("step 'compile'", 'step/compile', NOT_TRUE),
      at("step 'compile'", 'step/compile', NOT_UID),
    ]);
  });

  test.each([
    ['runAsNonRoot false', { runAsNonRoot: false }, [{ ...NOT_TRUE, value: 'false' }]],
    ['runAsNonRoot as a string', { runAsNonRoot: 'true' }, [{ ...NOT_TRUE, value: 'true' }]],
    ['a negative UID', { runAsUser: -1 }, [{ ...NOT_UID, value: '-1' }]],
    ['a UID as a string', { runAsUser: '1000' }, [{ ...NOT_UID, value: '1000' }]],
  ])('non-compliant: %s', (_, overrides, findings) => {
    expect(RUN_AS_NON_ROOT.check(task({ steps: [hardenedContainer('compile', { securityContext: sc(overrides) })] })))
      .toEqual(findings.map((f) => at("step 'compile'", 'step/compile', f)));
  });

  test('non-compliant: root set in the stepTemplate reaches the steps; a step overrides it field by field', () => {
    const spec = taskSpec({
      stepTemplate: { securityContext: { runAsUser: 0 } },
      steps: [
        hardenedContainer('compile', { securityContext: { runAsNonRoot: true } }),
        hardenedContainer('test', { securityContext: { runAsNonRoot: true, runAsUser: 1000 } }),
      ],
    });
    expect(RUN_AS_NON_ROOT.check({ kind: 'Task', metadata: { name: 'build' }, spec })).toEqual([at("step 'compile'", 'step/compile', { ...NOT_UID, value: '0' })]);
  });

  test('non-compliant: a sidecar does not inherit the stepTemplate (Tekton applies it to steps only)', () => {
    const spec = taskSpec({
      stepTemplate: { securityContext: hardenedSecurityContext() },
      steps: [hardenedContainer('compile', { securityContext: undefined })],
      sidecars: [hardenedContainer('db', { securityContext: undefined })],
    });
    expect(RUN_AS_NON_ROOT.check({ kind: 'Task', metadata: { name: 'build' }, spec })).toEqual([
      at("sidecar 'db'", 'sidecar/db', NOT_TRUE),
      at("sidecar 'db'", 'sidecar/db', NOT_UID),
    ]);
  });

  test('non-compliant: an embedded task spec in a Pipeline', () => {
    const spec = taskSpec({ steps: [hardenedContainer('make', { securityContext: sc({ runAsNonRoot: false }) })] });
    expect(RUN_AS_NON_ROOT.check(pipelineEmbedding(spec, 'finally')))
      .toEqual([at("task 'build' step 'make'", 'task/build/step/make', { ...NOT_TRUE, value: 'false' }, 'Pipeline', 'pipe')]);
  });
});
