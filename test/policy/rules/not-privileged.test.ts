import { describeRule, eventListener, hardenedContainer, hardenedSecurityContext, LISTENER_CONTAINER_PATH, pipelineEmbedding, pipelineRunEmbedding, task, taskRunEmbedding, taskSpec } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { evaluateManifests } from '../../../src/policy/engine/evaluate';
import { CheckStatus } from '../../../src/policy/posture';
import { NOT_PRIVILEGED } from '../../../src/policy/rules/not-privileged';

/** The finding for a privileged container at this place. */
const privileged = (location: string, target: string, kind = 'Task', name = 'build') => ({
  rule: RuleId.NOT_PRIVILEGED,
  kind,
  name,
  location,
  target,
  property: 'securityContext.privileged',
  value: 'true',
  problem: 'is true',
});

const sc = (overrides: Record<string, any>) => ({ ...hardenedSecurityContext(), ...overrides });

describe('NOT_PRIVILEGED', () => {
  describeRule(NOT_PRIVILEGED, RuleId.NOT_PRIVILEGED, Severity.HIGH, false);

  test('applies to Tekton objects that hold task specs only', () => {
    expect(NOT_PRIVILEGED.appliesTo(task())).toBe(true);
    expect(NOT_PRIVILEGED.appliesTo(pipelineEmbedding(taskSpec()))).toBe(true);
    expect(NOT_PRIVILEGED.appliesTo({ kind: 'Pipeline', metadata: { name: 'p' }, spec: { tasks: [{ name: 'a', taskRef: { name: 'build' } }] } })).toBe(false);
    expect(NOT_PRIVILEGED.appliesTo({ kind: 'Pod', spec: { containers: [{ name: 'c', securityContext: { privileged: true } }] } })).toBe(false);
  });

  test('compliant: privileged false or not set', () => {
    expect(NOT_PRIVILEGED.check(task())).toEqual([]);
    const { privileged: _, ...unset } = hardenedSecurityContext();
    expect(NOT_PRIVILEGED.check(task({ steps: [hardenedContainer('compile', { securityContext: unset })] }))).toEqual([]);
  });

  test('non-compliant: a privileged step', () => {
    expect(NOT_PRIVILEGED.check(task({ steps: [hardenedContainer('compile', { securityContext: sc({ privileged: true }) })] })))
      .toEqual([privileged("step 'compile'", 'step/compile')]);
  });

  test('non-compliant: a privileged sidecar (a docker daemon next to the steps)', () => {
    expect(NOT_PRIVILEGED.check(task({ sidecars: [hardenedContainer('dind', { securityContext: { privileged: true } })] })))
      .toEqual([privileged("sidecar 'dind'", 'sidecar/dind')]);
  });

  test('non-compliant: privileged set only in the stepTemplate reaches every step that does not override it', () => {
    const spec = taskSpec({
      stepTemplate: { securityContext: { privileged: true } },
      steps: [
        hardenedContainer('compile', { securityContext: { runAsNonRoot: true } }),
        hardenedContainer('test', { securityContext: { privileged: false } }),
      ],
    });
    // the template itself is a finding too: it reaches steps that run a StepAction, and steps whose privileged is null
    expect(NOT_PRIVILEGED.check({ kind: 'Task', metadata: { name: 'build' }, spec })).toEqual([
      privileged('stepTemplate', 'stepTemplate'),
      privileged("step 'compile'", 'step/compile'),
    ]);
  });

  test('non-compliant: a step whose privileged is null runs with the template\'s (null is absent in Tekton\'s merge)', () => {
    const spec = taskSpec({
      stepTemplate: { securityContext: { privileged: true } },
      steps: [hardenedContainer('s', { securityContext: { ...sc({}), privileged: null } })],
    });
    expect(NOT_PRIVILEGED.check({ kind: 'Task', metadata: { name: 'build' }, spec })).toEqual([
      privileged('stepTemplate', 'stepTemplate'),
      privileged("step 's'", 'step/s'),
    ]);
  });

  test('non-compliant: a privileged stepTemplate over a step that runs a StepAction (Tekton merges it under the StepAction\'s)', () => {
    const spec = { stepTemplate: { securityContext: { privileged: true } }, steps: [{ name: 's', ref: { name: 'my-action' } }] };
    expect(NOT_PRIVILEGED.check({ kind: 'Task', metadata: { name: 'build' }, spec })).toEqual([privileged('stepTemplate', 'stepTemplate')]);
  });

  test('non-compliant: embedded task specs of a Pipeline (tasks and finally), a PipelineRun and a TaskRun', () => {
    const spec = taskSpec({ steps: [hardenedContainer('make', { securityContext: sc({ privileged: true }) })] });
    expect(NOT_PRIVILEGED.check(pipelineEmbedding(spec))).toEqual([privileged("task 'build' step 'make'", 'task/build/step/make', 'Pipeline', 'pipe')]);
    expect(NOT_PRIVILEGED.check(pipelineEmbedding(spec, 'finally'))).toEqual([privileged("task 'build' step 'make'", 'task/build/step/make', 'Pipeline', 'pipe')]);
    expect(NOT_PRIVILEGED.check(pipelineRunEmbedding(spec))).toEqual([privileged("task 'build' step 'make'", 'task/build/step/make', 'PipelineRun', 'pipe-run')]);
    expect(NOT_PRIVILEGED.check(taskRunEmbedding(spec))).toEqual([privileged("step 'make'", 'step/make', 'TaskRun', 'build-run')]);
  });

  test('one finding per privileged container', () => {
    const spec = taskSpec({
      steps: [hardenedContainer('a', { securityContext: { privileged: true } }), hardenedContainer('b')],
      sidecars: [hardenedContainer('c', { securityContext: { privileged: true } })],
    });
    expect(NOT_PRIVILEGED.check({ kind: 'Task', metadata: { name: 'build' }, spec })).toEqual([privileged("step 'a'", 'step/a'), privileged("sidecar 'c'", 'sidecar/c')]);
  });

  describe('capabilities beyond what Pod Security baseline allows', () => {
    const BASELINE = 'AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT';
    const adding = (add: unknown[]) => task({ steps: [hardenedContainer('build', { securityContext: sc({ capabilities: { drop: ['ALL'], add } }) })] });
    const beyond = (add: unknown[], names: string) => ({
      rule: RuleId.NOT_PRIVILEGED,
      kind: 'Task',
      name: 'build',
      location: "step 'build'",
      target: 'step/build',
      property: 'securityContext.capabilities.add',
      value: JSON.stringify(add),
      problem: `adds ${names}, beyond the capabilities Pod Security baseline allows (${BASELINE})`,
      fix: 'Add only capabilities of that list, each with a DROP_ALL_CAPABILITIES relaxation, or none; this rule cannot be relaxed.',
    });

    test.each<[string, unknown[], string]>([
      ['SYS_ADMIN', ['SYS_ADMIN'], '"SYS_ADMIN"'],
      ['SYS_PTRACE beside CHOWN', ['CHOWN', 'SYS_PTRACE'], '"SYS_PTRACE"'],
      ['ALL', ['ALL'], '"ALL"'],
      ['NET_RAW (not in baseline)', ['NET_RAW'], '"NET_RAW"'],
      ['a CAP_ prefix (compared exactly, as Pod Security does)', ['CAP_CHOWN'], '"CAP_CHOWN"'],
      ['a lower-case name', ['sys_admin'], '"sys_admin"'],
      ['a null entry', [null], 'null'],
    ])('a finding, whatever a DROP_ALL_CAPABILITIES record says: %s', (_, add, names) => {
      expect(NOT_PRIVILEGED.check(adding(add))).toEqual([beyond(add, names)]);
    });

    test('the capabilities baseline allows are DROP_ALL_CAPABILITIES\' concern only', () => {
      expect(NOT_PRIVILEGED.check(adding(BASELINE.split(', ')))).toEqual([]);
      expect(NOT_PRIVILEGED.check(adding([]))).toEqual([]);
    });

    test('in a StepAction: the capability it adds is a finding on the StepAction', () => {
      const action = {
        apiVersion: 'tekton.dev/v1beta1',
        kind: 'StepAction',
        metadata: { name: 'mount' },
        spec: { image: 'alpine', script: 'mount /dev/sda1 /mnt', securityContext: { capabilities: { add: ['SYS_ADMIN'] } } },
      };
      expect(NOT_PRIVILEGED.check(action).map((f) => [f.location, f.property, f.value])).toEqual([
        ["stepAction 'mount'", 'securityContext.capabilities.add', '["SYS_ADMIN"]'],
      ]);
    });

    test('through the stepTemplate: the template and each step it reaches', () => {
      const t = task({
        stepTemplate: { securityContext: { capabilities: { add: ['SYS_ADMIN'] } } },
        steps: [hardenedContainer('compile', { securityContext: sc({ capabilities: { drop: ['ALL'] } }) })],
      });
      expect(NOT_PRIVILEGED.check(t).map((f) => [f.location, f.property, f.value])).toEqual([
        ['stepTemplate', 'securityContext.capabilities.add', '["SYS_ADMIN"]'],
        ["step 'compile'", 'securityContext.capabilities.add', '["SYS_ADMIN"]'],
      ]);
    });

    test('a relaxation record of DROP_ALL_CAPABILITIES does not relax it (the admission policies refuse it too)', () => {
      const t = adding(['SYS_ADMIN']);
      t.metadata.annotations = { 'secure-tekton/relax.DROP_ALL_CAPABILITIES': 'step/build: the build mounts a loop device' };
      const checks = evaluateManifests([t])[0].checks.filter((c) => c.rule === RuleId.NOT_PRIVILEGED || c.rule === RuleId.DROP_ALL_CAPABILITIES);
      expect(checks.map((c) => [c.rule, c.status])).toEqual([
        [RuleId.NOT_PRIVILEGED, CheckStatus.FAILED],
        [RuleId.DROP_ALL_CAPABILITIES, CheckStatus.RELAXED],
      ]);
    });
  });
});

describe('NOT_PRIVILEGED: an EventListener\'s pod', () => {
  test('the hardened listener Triggers makes (no kubernetesResource) is not reported; a privileged container with SYS_ADMIN is, at its field', () => {
    expect(NOT_PRIVILEGED.appliesTo(eventListener())).toBe(true);
    expect(NOT_PRIVILEGED.check(eventListener())).toEqual([]);
    const el = eventListener({ spec: { containers: [{ securityContext: { privileged: true, capabilities: { add: ['SYS_ADMIN'] } } }] } });
    expect(NOT_PRIVILEGED.check(el)).toEqual([
      { rule: RuleId.NOT_PRIVILEGED, kind: 'EventListener', name: 'github-listener', location: "container 'event-listener'", property: `${LISTENER_CONTAINER_PATH}.securityContext.privileged`, value: 'true', problem: 'is true' },
      {
        rule: RuleId.NOT_PRIVILEGED,
        kind: 'EventListener',
        name: 'github-listener',
        location: "container 'event-listener'",
        property: `${LISTENER_CONTAINER_PATH}.securityContext.capabilities.add`,
        value: '["SYS_ADMIN"]',
        problem: 'adds "SYS_ADMIN", beyond the capabilities Pod Security baseline allows (AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT)',
        fix: 'Add only capabilities of that list, each with a DROP_ALL_CAPABILITIES relaxation, or none; this rule cannot be relaxed.',
      },
    ]);
    // a kind of that name in another API group is not Triggers'
    expect(NOT_PRIVILEGED.appliesTo({ ...el, apiVersion: 'example.com/v1' })).toBe(false);
  });
});
