import { customEventListener, describeRule, eventListener, hardenedContainer, hardenedSecurityContext, pipelineRun, task } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { DEFAULT_ISOLATION } from '../../../src/policy/rules/default-isolation';

const f = (kind: string, name: string, rest: Record<string, any>) => ({ rule: RuleId.DEFAULT_ISOLATION, kind, name, ...rest });
const step = (securityContext: any) => task({ steps: [hardenedContainer('s', { securityContext: { ...hardenedSecurityContext(), ...securityContext } })] });
const at = { location: "step 's'", target: 'step/s' };

describe('DEFAULT_ISOLATION', () => {
  describeRule(DEFAULT_ISOLATION, RuleId.DEFAULT_ISOLATION, Severity.MEDIUM, true);

  test('compliant: the hardened fixtures; container SELinux types, Default procMount, RuntimeDefault AppArmor, safe sysctls', () => {
    expect(DEFAULT_ISOLATION.check(task())).toEqual([]);
    expect(DEFAULT_ISOLATION.check(pipelineRun())).toEqual([]);
    expect(DEFAULT_ISOLATION.check(step({ seLinuxOptions: { type: 'container_init_t', level: 's0:c1,c2' }, procMount: 'Default', appArmorProfile: { type: 'RuntimeDefault' } }))).toEqual([]);
    const run = pipelineRun();
    run.spec.taskRunTemplate.podTemplate.securityContext.sysctls = [{ name: 'net.ipv4.ping_group_range', value: '0 65535' }];
    expect(DEFAULT_ISOLATION.check(run)).toEqual([]);
  });

  test('compliant: null SELinux fields and procMount, which Go decodes as unset, in a step and a pod template', () => {
    expect(DEFAULT_ISOLATION.check(step({ seLinuxOptions: { type: null, user: null, role: null, level: 's0:c1,c2' }, procMount: null }))).toEqual([]);
    const run = pipelineRun();
    run.spec.taskRunTemplate.podTemplate.securityContext.seLinuxOptions = { type: null, user: null, role: null, level: 's0:c1,c2' };
    expect(DEFAULT_ISOLATION.check(run)).toEqual([]);
  });

  test('non-compliant: SELinux type and identity, unmasked /proc, AppArmor off, in a step (the stepTemplate\'s reach the step)', () => {
    expect(DEFAULT_ISOLATION.check(step({ seLinuxOptions: { type: 'spc_t', user: 'system_u' }, procMount: 'Unmasked', appArmorProfile: { type: 'Unconfined' } }))).toEqual([
      f('Task', 'build', { ...at, property: 'securityContext.seLinuxOptions.type', value: 'spc_t', problem: 'is not a container SELinux type' }),
      f('Task', 'build', { ...at, property: 'securityContext.seLinuxOptions.user', value: 'system_u', problem: 'sets an SELinux identity' }),
      f('Task', 'build', { ...at, property: 'securityContext.procMount', value: 'Unmasked', problem: 'unmasks /proc' }),
      f('Task', 'build', { ...at, property: 'securityContext.appArmorProfile.type', value: 'Unconfined', problem: 'turns AppArmor off' }),
    ]);
    const viaTemplate = task({ stepTemplate: { securityContext: { procMount: 'Unmasked' } } });
    expect(DEFAULT_ISOLATION.check(viaTemplate).map((x) => x.location)).toEqual(['stepTemplate', "step 'compile'"]);
  });

  test('non-compliant: a Localhost AppArmor profile named unconfined, which the kernel reads as no profile, in a step, a pod template and an annotation', () => {
    const problem = (where: string) => 'names the Localhost AppArmor profile "unconfined", which the kernel reads as no profile: it turns AppArmor '
      + `off${where} (CRI-O runs the container unconfined; containerd, which finds no loaded profile of that name, does not start it)`;
    const fix = 'Set appArmorProfile to { type: RuntimeDefault } (no localhostProfile), or name in localhostProfile a profile loaded on '
      + 'the nodes (not "unconfined" nor a beginning of it).';
    expect(DEFAULT_ISOLATION.check(step({ appArmorProfile: { type: 'Localhost', localhostProfile: 'unconfined' } }))).toEqual([
      f('Task', 'build', { ...at, property: 'securityContext.appArmorProfile.localhostProfile', value: 'unconfined', problem: problem(''), fix }),
    ]);
    const run = pipelineRun();
    run.spec.taskRunTemplate.podTemplate.securityContext.appArmorProfile = { type: 'Localhost', localhostProfile: 'unconfined' };
    run.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/step-build': 'localhost/unconfined' };
    expect(DEFAULT_ISOLATION.check(run)).toEqual([
      f('PipelineRun', 'pipe-run', { property: 'taskRunTemplate.podTemplate.securityContext.appArmorProfile.localhostProfile', value: 'unconfined', problem: problem(''), fix }),
      f('PipelineRun', 'pipe-run', {
        property: 'metadata.annotations["container.apparmor.security.beta.kubernetes.io/step-build"]',
        value: 'localhost/unconfined',
        problem: problem(" in the run's pods"),
        fix: 'Remove the annotation (the runtime\'s default profile applies), or give it runtime/default or localhost/<a profile loaded on the nodes>.',
      }),
    ]);
    // the kernel compares as many characters as the name has (strncmp(hname, "unconfined", n)): a beginning of it is no profile too
    const begun = (name: string, where: string) => `names the Localhost AppArmor profile "${name}", which the kernel reads as no profile (a `
      + `beginning of "unconfined", where no loaded profile has that name): it turns AppArmor off${where} (CRI-O runs the container unconfined; `
      + 'containerd, which finds no loaded profile of that name, does not start it)';
    expect(DEFAULT_ISOLATION.check(step({ appArmorProfile: { type: 'Localhost', localhostProfile: 'unconf' } }))).toEqual([
      f('Task', 'build', { ...at, property: 'securityContext.appArmorProfile.localhostProfile', value: 'unconf', problem: begun('unconf', ''), fix }),
    ]);
    const short = pipelineRun();
    short.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/step-build': 'localhost/u' };
    expect(DEFAULT_ISOLATION.check(short).map((x) => [x.value, x.problem])).toEqual([['localhost/u', begun('u', " in the run's pods")]]);
    // another name is a profile loaded on the node (the kernel matches the name as written); a seccomp profile of that name is a file
    expect(DEFAULT_ISOLATION.check(step({ appArmorProfile: { type: 'Localhost', localhostProfile: 'Unconfined' } }))).toEqual([]);
    expect(DEFAULT_ISOLATION.check(step({ appArmorProfile: { type: 'Localhost', localhostProfile: 'unconfined2' } }))).toEqual([]);
    expect(DEFAULT_ISOLATION.check(step({ appArmorProfile: { type: 'Localhost', localhostProfile: 'k8s-unconfined-ish' } }))).toEqual([]);
    expect(DEFAULT_ISOLATION.check(step({ seccompProfile: { type: 'Localhost', localhostProfile: 'unconfined' } }))).toEqual([]);
    const other = pipelineRun();
    other.metadata.annotations = {
      'container.apparmor.security.beta.kubernetes.io/step-build': 'localhost/k8s-build',
      'container.seccomp.security.alpha.kubernetes.io/step-build': 'localhost/unconfined',
    };
    expect(DEFAULT_ISOLATION.check(other)).toEqual([]);
  });

  test('non-compliant: pod-level SELinux and unsafe sysctls in run pod templates, and profile annotations on the run', () => {
    const run = pipelineRun({ taskRunSpecs: [{ pipelineTaskName: 'x', podTemplate: { securityContext: { seLinuxOptions: { type: 'unconfined_t' } } } }] });
    run.spec.taskRunTemplate.podTemplate.securityContext.sysctls = [{ name: 'kernel.core_pattern', value: '|/tmp/x' }];
    run.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/step-build': 'unconfined' };
    expect(DEFAULT_ISOLATION.check(run)).toEqual([
      f('PipelineRun', 'pipe-run', { property: 'taskRunTemplate.podTemplate.securityContext.sysctls', value: 'kernel.core_pattern', problem: 'is not a safe sysctl' }),
      f('PipelineRun', 'pipe-run', {
        location: "taskRunSpec 'x'", target: 'task/x', property: 'podTemplate.securityContext.seLinuxOptions.type', value: 'unconfined_t', problem: 'is not a container SELinux type',
      }),
      f('PipelineRun', 'pipe-run', {
        property: 'metadata.annotations["container.apparmor.security.beta.kubernetes.io/step-build"]', value: 'unconfined', problem: 'turns a profile off in the run\'s pods',
      }),
    ]);
  });
  test('non-compliant: profile annotations wherever Tekton copies them to the pods: Tasks, Pipelines, taskRunSpecs, embedded task specs', () => {
    const OFF = { 'container.apparmor.security.beta.kubernetes.io/step-build': 'Unconfined' };
    const off = (kind: string, name: string, path: string, where: Record<string, string> = {}) => f(kind, name, {
      ...where, property: `${path}["container.apparmor.security.beta.kubernetes.io/step-build"]`, value: 'Unconfined', problem: 'turns a profile off in the run\'s pods',
    });
    const t = task();
    t.metadata.annotations = OFF;
    expect(DEFAULT_ISOLATION.check(t)).toEqual([off('Task', 'build', 'metadata.annotations')]);
    const run = pipelineRun({ taskRunSpecs: [{ pipelineTaskName: 'build', metadata: { annotations: OFF } }] });
    expect(DEFAULT_ISOLATION.check(run)).toEqual([off('PipelineRun', 'pipe-run', 'spec.taskRunSpecs[0].metadata.annotations', { location: "task 'build'", target: 'task/build' })]);
    const pipeline = {
      apiVersion: 'tekton.dev/v1',
      kind: 'Pipeline',
      metadata: { name: 'pipe' },
      spec: { tasks: [{ name: 'build', taskSpec: { metadata: { annotations: OFF }, steps: [hardenedContainer('s')] } }] },
    };
    expect(DEFAULT_ISOLATION.check(pipeline)).toEqual([off('Pipeline', 'pipe', 'spec.tasks[0].taskSpec.metadata.annotations', { location: "task 'build'", target: 'task/build' })]);
    // what Tekton does not copy to pods: another object's annotations
    expect(DEFAULT_ISOLATION.appliesTo({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { annotations: OFF } })).toBe(false);
  });
});

describe('DEFAULT_ISOLATION: config-defaults\' default-affinity-assistant-pod-template', () => {
  const configDefaults = (template: string) => ({
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data: { 'default-affinity-assistant-pod-template': template },
  });
  const AA = "data['default-affinity-assistant-pod-template']";

  test('non-compliant: the assistant pod\'s securityContext weakens isolation (its container mounts the workspace claims)', () => {
    const cm = configDefaults('securityContext:\n  SELinuxOptions: {type: spc_t}\n  sysctls: [{name: kernel.msgmax, value: "65536"}]\n');
    expect(DEFAULT_ISOLATION.appliesTo(cm)).toBe(true);
    expect(DEFAULT_ISOLATION.check(cm)).toEqual([
      f('ConfigMap', 'config-defaults', { property: `${AA}.securityContext.seLinuxOptions.type`, value: 'spc_t', problem: 'is not a container SELinux type' }),
      f('ConfigMap', 'config-defaults', { property: `${AA}.securityContext.sysctls`, value: 'kernel.msgmax', problem: 'is not a safe sysctl' }),
    ]);
  });

  test('compliant: a restricted securityContext', () => {
    expect(DEFAULT_ISOLATION.check(configDefaults('securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}'))).toEqual([]);
  });
});

describe("DEFAULT_ISOLATION: a config-defaults ConfigMap beside a Tekton operator's object", () => {
  const cm = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' },
    data: {
      'default-pod-template': 'securityContext:\n  sysctls: [{name: kernel.msgmax, value: "65536"}]\n',
      'default-affinity-assistant-pod-template': 'securityContext:\n  sysctls: [{name: kernel.shmmax, value: "1"}]\n',
    },
  };
  const config = (settings: Record<string, unknown> = {}) => ({
    apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonConfig', metadata: { name: 'config' }, spec: { targetNamespace: 'tekton-pipelines', pipeline: settings },
  });
  const check = (...others: any[]) => DEFAULT_ISOLATION.check(cm, { manifests: [cm, ...others], credentialWorkspaces: () => [] });
  const KEPT = " (reading config-defaults with data['default-pod-template'], data['default-affinity-assistant-pod-template'] that ConfigMap "
    + "'config-defaults' in tekton-pipelines keeps beside what TektonConfig 'config' writes, unless kubectl apply created it)";

  test('each template in the reading that keeps it, named; none the operator writes over', () => {
    expect(check(config())).toEqual([
      f('ConfigMap', 'config-defaults', { property: "data['default-pod-template'].securityContext.sysctls", value: 'kernel.msgmax', problem: `is not a safe sysctl${KEPT}` }),
      f('ConfigMap', 'config-defaults', {
        property: "data['default-affinity-assistant-pod-template'].securityContext.sysctls", value: 'kernel.shmmax', problem: `is not a safe sysctl${KEPT}`,
      }),
    ]);
    // the operator writes its own default pod template: the ConfigMap's reaches no pod, its assistant's template still may
    expect(check(config({ 'default-pod-template': 'nodeSelector: {a: b}' })).map((x) => [x.property, x.problem])).toEqual([[
      "data['default-affinity-assistant-pod-template'].securityContext.sysctls",
      "is not a safe sysctl (reading config-defaults with data['default-affinity-assistant-pod-template'] that ConfigMap 'config-defaults' in tekton-pipelines "
        + "keeps beside what TektonConfig 'config' writes, unless kubectl apply created it)",
    ]]);
    // alone: as written
    expect(check().map((x) => x.problem)).toEqual(['is not a safe sysctl', 'is not a safe sysctl']);
  });
  test("in a Tekton operator's own target namespace: judged there (the assistant's template too), not without the operator's object", () => {
    const inTarget = { ...cm, metadata: { name: 'config-defaults', namespace: 'ci-tekton' } };
    const operator = { ...config(), spec: { targetNamespace: 'ci-tekton', profile: 'all' } };
    const checkIn = (...manifests: any[]) => DEFAULT_ISOLATION.check(inTarget, { manifests, credentialWorkspaces: () => [] });
    expect(DEFAULT_ISOLATION.appliesTo?.(inTarget)).toBe(true);
    expect(checkIn(operator, inTarget).map((x) => [x.property, x.value, x.problem])).toEqual([
      ["data['default-pod-template'].securityContext.sysctls", 'kernel.msgmax', `is not a safe sysctl${KEPT.replace('tekton-pipelines', 'ci-tekton')}`],
      ["data['default-affinity-assistant-pod-template'].securityContext.sysctls", 'kernel.shmmax', `is not a safe sysctl${KEPT.replace('tekton-pipelines', 'ci-tekton')}`],
    ]);
    expect(checkIn(inTarget)).toEqual([]);
  });
});


describe('DEFAULT_ISOLATION: an EventListener\'s pod', () => {
  test('an unconfined AppArmor annotation of its kubernetesResource template and an unconfined profile of its container are reported', () => {
    expect(DEFAULT_ISOLATION.check(eventListener())).toEqual([]);
    const el = eventListener({
      metadata: { annotations: { 'container.apparmor.security.beta.kubernetes.io/event-listener': 'unconfined' } },
      spec: { containers: [{ securityContext: { appArmorProfile: { type: 'Unconfined' } } }] },
    });
    expect(DEFAULT_ISOLATION.check(el)).toEqual([
      {
        rule: RuleId.DEFAULT_ISOLATION,
        kind: 'EventListener',
        name: 'github-listener',
        location: "container 'event-listener'",
        property: 'spec.resources.kubernetesResource.spec.template.spec.containers[0].securityContext.appArmorProfile.type',
        value: 'Unconfined',
        problem: 'turns AppArmor off',
      },
      {
        rule: RuleId.DEFAULT_ISOLATION,
        kind: 'EventListener',
        name: 'github-listener',
        property: 'spec.resources.kubernetesResource.spec.template.metadata.annotations["container.apparmor.security.beta.kubernetes.io/event-listener"]',
        value: 'unconfined',
        problem: "turns a profile off in the listener's pod",
      },
    ]);
  });

  test("a customResource's pod: the annotations of its template, not its container's securityContext (Triggers gives it the default one)", () => {
    const el = customEventListener({
      spec: {
        template: {
          metadata: { annotations: { 'container.apparmor.security.beta.kubernetes.io/event-listener': 'unconfined' } },
          spec: { containers: [{ securityContext: { appArmorProfile: { type: 'Unconfined' } } }] },
        },
      },
    });
    expect(DEFAULT_ISOLATION.check(el)).toEqual([{
      rule: RuleId.DEFAULT_ISOLATION,
      kind: 'EventListener',
      name: 'github-listener',
      property: 'spec.resources.customResource.spec.template.metadata.annotations["container.apparmor.security.beta.kubernetes.io/event-listener"]',
      value: 'unconfined',
      problem: "turns a profile off in the listener's pod",
    }]);
    // the kubernetesResource template's annotations are not read for a customResource's pod
    expect(DEFAULT_ISOLATION.check(customEventListener({ spec: { template: { spec: { containers: [{ securityContext: { appArmorProfile: { type: 'Unconfined' } } }] } } } }))).toEqual([]);
  });
});
