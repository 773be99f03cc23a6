import { customEventListener, describeRule, eventListener, hardenedContainer, hardenedSecurityContext, LISTENER_CONTAINER_PATH, LISTENER_REPLACED, pipelineEmbedding, task, taskRunEmbedding, taskSpec, triggersDefaults } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { ruleContext } from '../../../src/policy/engine/context';
import { RUN_AS_NON_ROOT } from '../../../src/policy/rules/run-as-non-root';

const at = (location: string, target: string, finding: Record<string, unknown>, kind = 'Task', name = 'build') =>
  ({ rule: RuleId.RUN_AS_NON_ROOT, kind, name, location, target, ...finding });
const sc = (overrides: Record<string, any>) => ({ ...hardenedSecurityContext(), ...overrides });
const NOT_TRUE = { property: 'securityContext.runAsNonRoot', problem: 'is not true' };
const NOT_UID = { property: 'securityContext.runAsUser', problem: 'is not a non-zero UID' };
const ROOT_GROUP = {
  property: 'securityContext.runAsGroup',
  value: '0',
  problem: 'is the root group: every file of the image or a volume that group root may write, the container may write (as at pod level, RUN_POD_SECURITY_CONTEXT)',
};

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

  test("non-compliant: a Shipwright strategy's spec.securityContext of 0, which its controller gives its own steps whatever the strategy's steps set", () => {
    // shipwright-io/build v0.20.13 steps/security_context.go UpdateSecurityContext: Shipwright's own steps take the strategy's IDs
    const strategy = (ids: Record<string, number>) => ({
      apiVersion: 'shipwright.io/v1beta1',
      kind: 'ClusterBuildStrategy',
      metadata: { name: 's' },
      spec: { securityContext: ids, steps: [hardenedContainer('build', { securityContext: sc({ runAsUser: 1000, runAsGroup: 1000 }) })] },
    });
    const own = (f: string, id: string, as: string) => ({
      rule: RuleId.RUN_AS_NON_ROOT,
      kind: 'ClusterBuildStrategy',
      name: 's',
      property: `spec.securityContext.${f}`,
      value: '0',
      problem: `is the ${id} Shipwright's controller gives its own steps of every BuildRun in place of its configuration's (the source retrieval that clones `
        + "the Build's repository, the image processing that pushes the image with the output credentials, the waiter), whatever the strategy's steps set for "
        + `themselves: they run ${as}`,
      fix: 'Set spec.securityContext.runAsUser and runAsGroup to non-zero IDs (a step of the strategy may still set its own).',
    });
    expect(RUN_AS_NON_ROOT.check(strategy({ runAsUser: 0, runAsGroup: 0 }))).toEqual([own('runAsUser', 'UID', 'as root'), own('runAsGroup', 'GID', 'in the root group')]);
    expect(RUN_AS_NON_ROOT.check(strategy({ runAsUser: 1000, runAsGroup: 0 }))).toEqual([own('runAsGroup', 'GID', 'in the root group')]);
    expect(RUN_AS_NON_ROOT.check(strategy({ runAsUser: 1000, runAsGroup: 1000 }))).toEqual([]);
    // a Task's spec.securityContext is no strategy's
    expect(RUN_AS_NON_ROOT.check({ ...strategy({ runAsUser: 0, runAsGroup: 0 }), apiVersion: 'tekton.dev/v1', kind: 'Task' })).toEqual([]);
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

describe('RUN_AS_NON_ROOT: the pod-level securityContext of the run that holds the spec', () => {
  const { runAsNonRoot: _n, runAsUser: _u, ...containerOnly } = hardenedSecurityContext();
  const spec = () => taskSpec({ steps: [hardenedContainer('compile', { securityContext: { ...containerOnly } })] });
  const POD = { runAsNonRoot: true, runAsUser: 65532, fsGroup: 65532 };

  test('a TaskRun\'s podTemplate is inherited by its embedded steps, as Kubernetes applies it', () => {
    const run = taskRunEmbedding(spec());
    run.spec.podTemplate = { securityContext: POD };
    expect(RUN_AS_NON_ROOT.check(run)).toEqual([]);
  });

  test('a null in the container is no value (a nil pointer to the API server): the pod\'s applies; a null pod value sets nothing', () => {
    const run = taskRunEmbedding(taskSpec({ steps: [hardenedContainer('compile', { securityContext: { ...containerOnly, runAsNonRoot: null, runAsUser: null } })] }));
    run.spec.podTemplate = { securityContext: POD };
    expect(RUN_AS_NON_ROOT.check(run)).toEqual([]);
    run.spec.podTemplate = { securityContext: { runAsNonRoot: null, runAsUser: null } };
    expect(RUN_AS_NON_ROOT.check(run)).toEqual([
      at("step 'compile'", 'step/compile', { ...NOT_TRUE, value: 'null' }, 'TaskRun', 'build-run'),
      at("step 'compile'", 'step/compile', { ...NOT_UID, value: 'null' }, 'TaskRun', 'build-run'),
    ]);
  });

  test('the container wins over the pod: a step running as root is a finding whatever the pod says', () => {
    const run = taskRunEmbedding(taskSpec({ steps: [hardenedContainer('compile', { securityContext: { ...containerOnly, runAsUser: 0 } })] }));
    run.spec.podTemplate = { securityContext: POD };
    expect(RUN_AS_NON_ROOT.check(run)).toEqual([at("step 'compile'", 'step/compile', { ...NOT_UID, value: '0' }, 'TaskRun', 'build-run')]);
  });

  test('a PipelineRun: the per-task template replaces the run-wide one for its task (v1 and v1beta1 fields)', () => {
    const run: any = {
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: { name: 'pipe-run' },
      spec: {
        pipelineSpec: { tasks: [{ name: 'build', taskSpec: spec() }, { name: 'test', taskSpec: spec() }] },
        taskRunTemplate: { podTemplate: { securityContext: POD } },
        taskRunSpecs: [{ pipelineTaskName: 'test', podTemplate: { securityContext: { fsGroup: 1 } } }],
      },
    };
    expect(RUN_AS_NON_ROOT.check(run).map((f) => [f.target, f.property])).toEqual([
      ['task/test/step/compile', 'securityContext.runAsNonRoot'], ['task/test/step/compile', 'securityContext.runAsUser'],
    ]);
    const v1beta1: any = {
      apiVersion: 'tekton.dev/v1beta1',
      kind: 'PipelineRun',
      metadata: { name: 'pipe-run' },
      spec: {
        pipelineSpec: { tasks: [{ name: 'build', taskSpec: spec() }, { name: 'test', taskSpec: spec() }] },
        podTemplate: { securityContext: { fsGroup: 1 } },
        taskRunSpecs: [{ pipelineTaskName: 'test', taskPodTemplate: { securityContext: POD } }],
      },
    };
    expect(RUN_AS_NON_ROOT.check(v1beta1).map((f) => [f.target, f.property])).toEqual([
      ['task/build/step/compile', 'securityContext.runAsNonRoot'], ['task/build/step/compile', 'securityContext.runAsUser'],
    ]);
  });

  test('a Task or Pipeline alone is checked on its own: the pod template of whichever run uses it is not known', () => {
    expect(RUN_AS_NON_ROOT.check(task({ steps: spec().steps })).map((f) => f.property)).toEqual(['securityContext.runAsNonRoot', 'securityContext.runAsUser']);
    expect(RUN_AS_NON_ROOT.check(pipelineEmbedding(spec())).map((f) => f.property)).toEqual(['securityContext.runAsNonRoot', 'securityContext.runAsUser']);
  });

  test('non-compliant: runAsGroup 0 on a step, a sidecar or the stepTemplate, as the pod\'s runAsGroup and fsGroup 0 are', () => {
    expect(RUN_AS_NON_ROOT.check(task({ steps: [hardenedContainer('compile', { securityContext: sc({ runAsGroup: 0 }) })] })))
      .toEqual([at("step 'compile'", 'step/compile', ROOT_GROUP)]);
    expect(RUN_AS_NON_ROOT.check(task({ sidecars: [hardenedContainer('db', { securityContext: sc({ runAsGroup: 0 }) })] })))
      .toEqual([at("sidecar 'db'", 'sidecar/db', ROOT_GROUP)]);
    // the stepTemplate's group reaches every step that sets none; a step's own group wins
    const grouped = taskSpec({
      stepTemplate: { securityContext: { runAsGroup: 0 } },
      steps: [hardenedContainer('compile', { securityContext: sc({}) }), hardenedContainer('test', { securityContext: sc({ runAsGroup: 1000 }) })],
    });
    expect(RUN_AS_NON_ROOT.check({ kind: 'Task', metadata: { name: 'build' }, spec: grouped })).toEqual([at("step 'compile'", 'step/compile', ROOT_GROUP)]);
    // a run's pod-level group reaches the containers of the spec it embeds that set none
    const run = taskRunEmbedding(taskSpec({ steps: [hardenedContainer('compile', { securityContext: sc({}) })] }));
    run.spec.podTemplate = { securityContext: { runAsGroup: 0 } };
    expect(RUN_AS_NON_ROOT.check(run).map((f) => [f.property, f.value])).toEqual([['securityContext.runAsGroup', '0']]);
  });

  test('compliant: a non-zero group, or none (the image\'s group, which is not known)', () => {
    expect(RUN_AS_NON_ROOT.check(task({ steps: [hardenedContainer('compile', { securityContext: sc({ runAsGroup: 1000 }) })] }))).toEqual([]);
    expect(sc({}).runAsGroup).toBeUndefined();
    expect(RUN_AS_NON_ROOT.check(task({ steps: [hardenedContainer('compile', { securityContext: sc({}) })] }))).toEqual([]);
  });
});

describe('RUN_AS_NON_ROOT: an EventListener\'s pod', () => {
  const CDT = " (config-defaults-triggers' default-run-as-user: \"0\", which Triggers gives the pod of every EventListener that writes no securityContext of its own there)";
  test('config-defaults-triggers checked together gives the hardened listener its IDs (root here); Triggers\' own are 65532 and runAsNonRoot', () => {
    const ctx = (...m: any[]) => ruleContext(m);
    expect(RUN_AS_NON_ROOT.check(eventListener(), ctx(eventListener()))).toEqual([]);
    const cdt = triggersDefaults({ 'default-run-as-user': '0' });
    expect(RUN_AS_NON_ROOT.check(eventListener(), ctx(eventListener(), cdt))).toEqual([{
      rule: RuleId.RUN_AS_NON_ROOT,
      kind: 'EventListener',
      name: 'github-listener',
      location: "container 'event-listener'",
      property: `${LISTENER_CONTAINER_PATH}.securityContext.runAsUser`,
      value: '0',
      problem: `is not a non-zero UID${CDT}`,
      fix: "Change default-run-as-user in config-defaults-triggers, or set spec.resources.kubernetesResource.spec.template.spec.containers[0].securityContext.runAsUser in this EventListener (which then replaces Triggers' default securityContext whole).",
    }]);
    // a value Triggers cannot parse (strconv.ParseInt, base 10) gives its built-in defaults; "" leaves the ID unset in the container and the pod
    expect(RUN_AS_NON_ROOT.check(eventListener(), ctx(eventListener(), triggersDefaults({ 'default-run-as-user': '0x0' })))).toEqual([]);
    expect(RUN_AS_NON_ROOT.check(eventListener(), ctx(eventListener(), triggersDefaults({ 'default-run-as-user': '' }))).map((f) => [f.property, f.value, f.problem])).toEqual([[
      `${LISTENER_CONTAINER_PATH}.securityContext.runAsUser`, undefined,
      'is not a non-zero UID (config-defaults-triggers\' default-run-as-user: "", which Triggers gives the pod of every EventListener that writes no securityContext of its own there: "" leaves it unset)',
    ]]);
    // runAsNonRoot "false" (strconv.ParseBool) reaches the container, whose own value wins over the pod's true
    expect(RUN_AS_NON_ROOT.check(eventListener(), ctx(eventListener(), triggersDefaults({ 'default-run-as-non-root': 'F' }))).map((f) => [f.property, f.value])).toEqual([
      [`${LISTENER_CONTAINER_PATH}.securityContext.runAsNonRoot`, 'false'],
    ]);
    // one of another namespace is not Triggers'
    expect(RUN_AS_NON_ROOT.check(eventListener(), ctx(eventListener(), { ...cdt, metadata: { ...cdt.metadata, namespace: 'ci' } }))).toEqual([]);
  });

  test("a customResource's container: config-defaults-triggers' IDs, whatever securityContext the customResource writes", () => {
    const ctx = (...m: any[]) => ruleContext(m);
    const el = customEventListener({ spec: { template: { spec: { containers: [{ securityContext: { runAsUser: 0, runAsNonRoot: false } }] } } } });
    // Triggers gives it its default securityContext: the customResource's is never the pod's
    expect(RUN_AS_NON_ROOT.check(el, ctx(el))).toEqual([]);
    expect(RUN_AS_NON_ROOT.check(el, ctx(el, triggersDefaults({ 'default-run-as-user': '0' })))).toEqual([{
      rule: RuleId.RUN_AS_NON_ROOT,
      kind: 'EventListener',
      name: 'github-listener',
      location: "container 'event-listener'",
      property: 'spec.resources.customResource.spec.template.spec.containers[0].securityContext.runAsUser',
      value: '0',
      problem: "is not a non-zero UID (config-defaults-triggers' default-run-as-user: \"0\", which Triggers gives the pod of every EventListener that writes no "
        + "securityContext of its own there (a customResource's pod gets it whatever securityContext it writes))",
      fix: "Change default-run-as-user in config-defaults-triggers (Triggers gives the container of an EventListener's customResource its default securityContext, "
        + 'whatever the customResource writes).',
    }]);
  });

  test('a container securityContext written in the EventListener replaces the default one whole', () => {
    const containers = [{ securityContext: { readOnlyRootFilesystem: true } }];
    const el = eventListener({ spec: { securityContext: { runAsNonRoot: false }, containers } });
    expect(RUN_AS_NON_ROOT.check(el).map((f) => [f.property, f.value, f.problem])).toEqual([
      ['spec.resources.kubernetesResource.spec.template.spec.securityContext.runAsNonRoot', 'false', 'is not true'],
      [`${LISTENER_CONTAINER_PATH}.securityContext.runAsUser`, undefined, `is not a non-zero UID${LISTENER_REPLACED}`],
    ]);
  });
});
