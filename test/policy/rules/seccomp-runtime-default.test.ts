import { describeRule, eventListener, hardenedContainer, hardenedSecurityContext, pipelineEmbedding, task, taskRunEmbedding, taskSpec } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { SECCOMP_RUNTIME_DEFAULT } from '../../../src/policy/rules/seccomp-runtime-default';

const at = (location: string, target: string, value?: string, kind = 'Task', name = 'build') => ({
  rule: RuleId.SECCOMP_RUNTIME_DEFAULT,
  kind,
  name,
  location,
  target,
  property: 'securityContext.seccompProfile.type',
  value,
  problem: 'is not RuntimeDefault',
});
const withProfile = (seccompProfile: any) => ({ ...hardenedSecurityContext(), seccompProfile });

describe('SECCOMP_RUNTIME_DEFAULT', () => {
  describeRule(SECCOMP_RUNTIME_DEFAULT, RuleId.SECCOMP_RUNTIME_DEFAULT, Severity.MEDIUM, true);

  test('applies to Tekton objects that hold task specs only', () => {
    expect(SECCOMP_RUNTIME_DEFAULT.appliesTo(task())).toBe(true);
    expect(SECCOMP_RUNTIME_DEFAULT.appliesTo(taskRunEmbedding(taskSpec()))).toBe(true);
    expect(SECCOMP_RUNTIME_DEFAULT.appliesTo({ kind: 'Pod', spec: { containers: [] } })).toBe(false);
  });

  test('compliant: RuntimeDefault, a Localhost profile, or RuntimeDefault from the stepTemplate', () => {
    expect(SECCOMP_RUNTIME_DEFAULT.check(task())).toEqual([]);
    expect(SECCOMP_RUNTIME_DEFAULT.check(task({ steps: [hardenedContainer('compile', { securityContext: withProfile({ type: 'Localhost', localhostProfile: 'build.json' }) })] }))).toEqual([]);
    expect(SECCOMP_RUNTIME_DEFAULT.check(task({
      stepTemplate: { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } },
      steps: [hardenedContainer('compile', { securityContext: { runAsNonRoot: true } })],
    }))).toEqual([]);
  });

  test('non-compliant: Unconfined', () => {
    expect(SECCOMP_RUNTIME_DEFAULT.check(task({ steps: [hardenedContainer('compile', { securityContext: withProfile({ type: 'Unconfined' }) })] })))
      .toEqual([at("step 'compile'", 'step/compile', 'Unconfined')]);
  });

  test('non-compliant: no profile (Kubernetes runs containers Unconfined)', () => {
    expect(SECCOMP_RUNTIME_DEFAULT.check(task({ steps: [hardenedContainer('compile', { securityContext: withProfile(undefined) })] })))
      .toEqual([at("step 'compile'", 'step/compile')]);
  });

  test('non-compliant: a mis-cased type', () => {
    expect(SECCOMP_RUNTIME_DEFAULT.check(task({ steps: [hardenedContainer('compile', { securityContext: withProfile({ type: 'runtimedefault' }) })] })))
      .toEqual([at("step 'compile'", 'step/compile', 'runtimedefault')]);
  });

  test('non-compliant: a step overriding the stepTemplate with Unconfined, and a sidecar without profile', () => {
    const spec = taskSpec({
      stepTemplate: { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } },
      steps: [hardenedContainer('compile', { securityContext: { seccompProfile: { type: 'Unconfined' } } })],
      sidecars: [hardenedContainer('db', { securityContext: withProfile(undefined) })],
    });
    expect(SECCOMP_RUNTIME_DEFAULT.check({ kind: 'Task', metadata: { name: 'build' }, spec })).toEqual([
      at("step 'compile'", 'step/compile', 'Unconfined'),
      at("sidecar 'db'", 'sidecar/db'),
    ]);
  });

  test('non-compliant: a profile the API server refuses, as merged with the stepTemplate, or an empty one the kubelet cannot load', () => {
    const local = (value: string | undefined, problem: string, location = "step 'compile'", target = 'step/compile') => ({
      rule: RuleId.SECCOMP_RUNTIME_DEFAULT,
      kind: 'Task',
      name: 'build',
      location,
      target,
      property: 'securityContext.seccompProfile.localhostProfile',
      ...(value === undefined ? {} : { value }),
      problem,
    });
    expect(SECCOMP_RUNTIME_DEFAULT.check(task({ steps: [hardenedContainer('compile', { securityContext: withProfile({ type: 'Localhost' }) })] })))
      .toEqual([local(undefined, 'is not set with type Localhost (the API server refuses the pod)')]);
    expect(SECCOMP_RUNTIME_DEFAULT.check(task({ steps: [hardenedContainer('compile', { securityContext: withProfile({ type: 'Localhost', localhostProfile: '' }) })] })))
      .toEqual([local('', 'is empty with type Localhost (the kubelet starts no container of the pod)')]);
    // the step's RuntimeDefault over the stepTemplate's Localhost profile keeps the template's localhostProfile
    const spec = taskSpec({
      stepTemplate: { securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/build.json' } } },
      steps: [hardenedContainer('compile', { securityContext: withProfile({ type: 'RuntimeDefault' }) })],
      sidecars: [hardenedContainer('db', { securityContext: withProfile({ type: 'RuntimeDefault', localhostProfile: 'db.json' }) })],
    });
    const refused = (type: string) => `is set with type "${type}" (the API server refuses the pod: only a Localhost profile has one)`;
    expect(SECCOMP_RUNTIME_DEFAULT.check({ kind: 'Task', metadata: { name: 'build' }, spec })).toEqual([
      local('profiles/build.json', refused('RuntimeDefault')),
      local('db.json', refused('RuntimeDefault'), "sidecar 'db'", 'sidecar/db'),
    ]);
  });

  test('non-compliant: an embedded task spec in a Pipeline', () => {
    const spec = taskSpec({ steps: [hardenedContainer('make', { securityContext: withProfile({ type: 'Unconfined' }) })] });
    expect(SECCOMP_RUNTIME_DEFAULT.check(pipelineEmbedding(spec))).toEqual([at("task 'build' step 'make'", 'task/build/step/make', 'Unconfined', 'Pipeline', 'pipe')]);
  });
});

describe('SECCOMP_RUNTIME_DEFAULT: the pod-level profile of the run that holds the spec', () => {
  const { seccompProfile: _s, ...containerOnly } = hardenedSecurityContext();
  const run = (pod: any, container: any = containerOnly) => {
    const r = taskRunEmbedding(taskSpec({ steps: [hardenedContainer('compile', { securityContext: { ...container } })] }));
    r.spec.podTemplate = { securityContext: pod };
    return r;
  };

  test('a pod-level profile the API server refuses is RUN_POD_SECURITY_CONTEXT\'s, not reported on each container that inherits it', () => {
    expect(SECCOMP_RUNTIME_DEFAULT.check(run({ seccompProfile: { type: 'Localhost' } }))).toEqual([]);
  });

  test('a TaskRun\'s pod-level RuntimeDefault is inherited by a step that sets none', () => {
    expect(SECCOMP_RUNTIME_DEFAULT.check(run({ seccompProfile: { type: 'RuntimeDefault' } }))).toEqual([]);
  });

  test('the container\'s own profile wins; a pod-level Unconfined is a finding', () => {
    expect(SECCOMP_RUNTIME_DEFAULT.check(run({ seccompProfile: { type: 'RuntimeDefault' } }, { ...containerOnly, seccompProfile: { type: 'Unconfined' } })))
      .toEqual([at("step 'compile'", 'step/compile', 'Unconfined', 'TaskRun', 'build-run')]);
    expect(SECCOMP_RUNTIME_DEFAULT.check(run({ seccompProfile: { type: 'Unconfined' } })))
      .toEqual([at("step 'compile'", 'step/compile', 'Unconfined', 'TaskRun', 'build-run')]);
  });

  test('a Task alone gets no credit', () => {
    expect(SECCOMP_RUNTIME_DEFAULT.check(task({ steps: [hardenedContainer('compile', { securityContext: { ...containerOnly } })] })))
      .toEqual([at("step 'compile'", 'step/compile')]);
  });
});

describe('SECCOMP_RUNTIME_DEFAULT: an EventListener\'s pod', () => {
  test('the pod securityContext of its kubernetesResource applies to the container that sets no profile, and is reported where written', () => {
    expect(SECCOMP_RUNTIME_DEFAULT.check(eventListener())).toEqual([]);
    // Triggers' default container securityContext sets RuntimeDefault itself: the pod's Unconfined does not reach it
    expect(SECCOMP_RUNTIME_DEFAULT.check(eventListener({ spec: { securityContext: { seccompProfile: { type: 'Unconfined' } } } }))).toEqual([]);
    expect(SECCOMP_RUNTIME_DEFAULT.check(eventListener({ spec: { securityContext: { seccompProfile: { type: 'Unconfined' } }, containers: [{ securityContext: {} }] } }))).toEqual([{
      rule: RuleId.SECCOMP_RUNTIME_DEFAULT,
      kind: 'EventListener',
      name: 'github-listener',
      location: "container 'event-listener'",
      property: 'spec.resources.kubernetesResource.spec.template.spec.securityContext.seccompProfile.type',
      value: 'Unconfined',
      problem: 'is not RuntimeDefault',
    }]);
  });
});
