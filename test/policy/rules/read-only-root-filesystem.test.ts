import { describeRule, eventListener, hardenedContainer, hardenedSecurityContext, pipelineEmbedding, task, taskSpec, LISTENER_CONTAINER_PATH, LISTENER_REPLACED } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { READ_ONLY_ROOT_FILESYSTEM } from '../../../src/policy/rules/read-only-root-filesystem';

const at = (location: string, target: string, finding: Record<string, unknown>, kind = 'Task', name = 'build') =>
  ({ rule: RuleId.READ_ONLY_ROOT_FILESYSTEM, kind, name, location, target, ...finding });
const sc = (overrides: Record<string, any>) => ({ ...hardenedSecurityContext(), ...overrides });
const NOT_TRUE = { property: 'securityContext.readOnlyRootFilesystem', problem: 'is not true' };

describe('READ_ONLY_ROOT_FILESYSTEM', () => {
  describeRule(READ_ONLY_ROOT_FILESYSTEM, RuleId.READ_ONLY_ROOT_FILESYSTEM, Severity.MEDIUM, true);

  test('applies to Tekton objects that hold task specs only', () => {
    expect(READ_ONLY_ROOT_FILESYSTEM.appliesTo(task())).toBe(true);
    expect(READ_ONLY_ROOT_FILESYSTEM.appliesTo(pipelineEmbedding(taskSpec()))).toBe(true);
    expect(READ_ONLY_ROOT_FILESYSTEM.appliesTo({ kind: 'StatefulSet', spec: {} })).toBe(false);
  });

  test('compliant: a read-only root, with or without writable scratch space (WRITABLE_SCRATCH judges that)', () => {
    expect(READ_ONLY_ROOT_FILESYSTEM.check(task())).toEqual([]);
    expect(READ_ONLY_ROOT_FILESYSTEM.check(task({ steps: [hardenedContainer('compile', { volumeMounts: [] })], volumes: [] }))).toEqual([]);
    expect(READ_ONLY_ROOT_FILESYSTEM.check(task({ sidecars: [hardenedContainer('db', { env: [{ name: 'HOME', value: '/var/lib/db' }] })] }))).toEqual([]);
  });

  test('compliant: the setting and the mounts may come from the stepTemplate', () => {
    expect(READ_ONLY_ROOT_FILESYSTEM.check(task({
      stepTemplate: { securityContext: { readOnlyRootFilesystem: true }, volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }] },
      steps: [hardenedContainer('compile', { securityContext: { runAsNonRoot: true }, volumeMounts: undefined })],
    }))).toEqual([]);
  });

  test('non-compliant: a writable root filesystem', () => {
    expect(READ_ONLY_ROOT_FILESYSTEM.check(task({ steps: [hardenedContainer('compile', { securityContext: sc({ readOnlyRootFilesystem: false }) })] })))
      .toEqual([at("step 'compile'", 'step/compile', { ...NOT_TRUE, value: 'false' })]);
  });

  test('non-compliant: not set, and a writable stepTemplate setting the step does not override', () => {
    const { readOnlyRootFilesystem: _, ...unset } = hardenedSecurityContext();
    expect(READ_ONLY_ROOT_FILESYSTEM.check(task({ steps: [hardenedContainer('compile', { securityContext: unset })] })))
      .toEqual([at("step 'compile'", 'step/compile', NOT_TRUE)]);
    expect(READ_ONLY_ROOT_FILESYSTEM.check(task({
      stepTemplate: { securityContext: { readOnlyRootFilesystem: false } },
      steps: [hardenedContainer('compile', { securityContext: unset })],
    }))).toEqual([at("step 'compile'", 'step/compile', { ...NOT_TRUE, value: 'false' })]);
  });


  test('non-compliant: an embedded task spec in a Pipeline', () => {
    const spec = taskSpec({ steps: [hardenedContainer('make', { securityContext: sc({ readOnlyRootFilesystem: false }) })] });
    expect(READ_ONLY_ROOT_FILESYSTEM.check(pipelineEmbedding(spec))).toEqual([at("task 'build' step 'make'", 'task/build/step/make', { ...NOT_TRUE, value: 'false' }, 'Pipeline', 'pipe')]);
  });
});

describe('READ_ONLY_ROOT_FILESYSTEM: an EventListener\'s pod', () => {
  test('the hardened listener Triggers makes is not reported; a container securityContext written in its kubernetesResource replaces that one whole', () => {
    expect(READ_ONLY_ROOT_FILESYSTEM.check(eventListener())).toEqual([]);
    expect(READ_ONLY_ROOT_FILESYSTEM.check(eventListener({ spec: { containers: [{ securityContext: null }] } }))).toEqual([]);
    expect(READ_ONLY_ROOT_FILESYSTEM.check(eventListener({ spec: { containers: [{ securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }] } }))).toEqual([{
      rule: RuleId.READ_ONLY_ROOT_FILESYSTEM,
      kind: 'EventListener',
      name: 'github-listener',
      location: "container 'event-listener'",
      property: `${LISTENER_CONTAINER_PATH}.securityContext.readOnlyRootFilesystem`,
      problem: `is not true${LISTENER_REPLACED}`,
    }]);
  });
});
