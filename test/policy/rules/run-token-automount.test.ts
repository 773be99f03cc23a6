import { describeRule, loopInPipeline, pipelineLoop, pipelineRun, taskRun } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { ruleContext } from '../../../src/policy/engine/context';
import { RUN_TOKEN_AUTOMOUNT } from '../../../src/policy/rules/run-token-automount';
import { describeWithOperatorConfigMaps, operatorObjectsAppliedOver } from '../../helpers/operator-configmaps';

const finding = (kind: string, name: string, rest: Record<string, unknown>) => ({ rule: RuleId.RUN_TOKEN_AUTOMOUNT, kind, name, ...rest });
const RUN_TEMPLATE = 'taskRunTemplate.podTemplate.automountServiceAccountToken';

describe('RUN_TOKEN_AUTOMOUNT', () => {
  describeRule(RUN_TOKEN_AUTOMOUNT, RuleId.RUN_TOKEN_AUTOMOUNT, Severity.HIGH, true);

  test('applies to PipelineRuns and TaskRuns only', () => {
    expect(RUN_TOKEN_AUTOMOUNT.appliesTo(pipelineRun())).toBe(true);
    expect(RUN_TOKEN_AUTOMOUNT.appliesTo(taskRun())).toBe(true);
    expect(RUN_TOKEN_AUTOMOUNT.appliesTo({ kind: 'ServiceAccount', automountServiceAccountToken: true })).toBe(false);
  });

  test('compliant: false in the pod template; per-task templates that leave it alone or keep it false', () => {
    expect(RUN_TOKEN_AUTOMOUNT.check(pipelineRun())).toEqual([]);
    expect(RUN_TOKEN_AUTOMOUNT.check(taskRun())).toEqual([]);
    const run = pipelineRun({ taskRunSpecs: [{ pipelineTaskName: 'a', podTemplate: { nodeSelector: { pool: 'ci' } } }, { pipelineTaskName: 'b', podTemplate: { automountServiceAccountToken: false } }] });
    run.spec.taskRunTemplate.podTemplate.automountServiceAccountToken = false;
    expect(RUN_TOKEN_AUTOMOUNT.check(run)).toEqual([]);
  });

  test('non-compliant: not set (the ServiceAccount\'s default, usually true, applies)', () => {
    const run = pipelineRun();
    delete run.spec.taskRunTemplate.podTemplate.automountServiceAccountToken;
    expect(RUN_TOKEN_AUTOMOUNT.check(run)).toEqual([finding('PipelineRun', 'pipe-run', { property: RUN_TEMPLATE, problem: 'is not false' })]);
    expect(RUN_TOKEN_AUTOMOUNT.check(pipelineRun({ taskRunTemplate: { serviceAccountName: 'x' } }))).toEqual([finding('PipelineRun', 'pipe-run', { property: RUN_TEMPLATE, problem: 'is not false' })]);
  });

  test('non-compliant: true, or the string "false"', () => {
    const run = pipelineRun();
    run.spec.taskRunTemplate.podTemplate.automountServiceAccountToken = true;
    expect(RUN_TOKEN_AUTOMOUNT.check(run)).toEqual([finding('PipelineRun', 'pipe-run', { property: RUN_TEMPLATE, value: 'true', problem: 'is not false' })]);
    run.spec.taskRunTemplate.podTemplate.automountServiceAccountToken = 'false';
    expect(RUN_TOKEN_AUTOMOUNT.check(run)).toEqual([finding('PipelineRun', 'pipe-run', { property: RUN_TEMPLATE, value: 'false', problem: 'is not false' })]);
  });

  test('non-compliant: a per-task pod template turning the token back on for one task', () => {
    expect(RUN_TOKEN_AUTOMOUNT.check(pipelineRun({ taskRunSpecs: [{ pipelineTaskName: 'deploy', podTemplate: { automountServiceAccountToken: true } }] }))).toEqual([
      finding('PipelineRun', 'pipe-run', { location: "taskRunSpec 'deploy'", target: 'task/deploy', property: 'podTemplate.automountServiceAccountToken', value: 'true', problem: 'mounts the token' }),
    ]);
  });

  test('non-compliant: a TaskRun without pod template, or with the token on', () => {
    expect(RUN_TOKEN_AUTOMOUNT.check(taskRun({ podTemplate: undefined }))).toEqual([finding('TaskRun', 'build-run', { property: 'podTemplate.automountServiceAccountToken', problem: 'is not false' })]);
    expect(RUN_TOKEN_AUTOMOUNT.check(taskRun({ podTemplate: { automountServiceAccountToken: true } }))).toEqual([
      finding('TaskRun', 'build-run', { property: 'podTemplate.automountServiceAccountToken', value: 'true', problem: 'is not false' }),
    ]);
  });

  test('non-compliant: a token projected through a volume of any pod template, run-wide or per task', () => {
    const tokenVolume = { name: 'tok', projected: { sources: [{ serviceAccountToken: { path: 'token', audience: 'vault' } }] } };
    const run = pipelineRun();
    run.spec.taskRunTemplate.podTemplate.volumes = [tokenVolume];
    run.spec.taskRunSpecs = [{ pipelineTaskName: 'deploy', podTemplate: { volumes: [tokenVolume] } }];
    expect(RUN_TOKEN_AUTOMOUNT.check(run)).toEqual([
      { rule: RuleId.RUN_TOKEN_AUTOMOUNT, kind: 'PipelineRun', name: 'pipe-run', property: 'taskRunTemplate.podTemplate.volumes', value: 'tok', problem: 'projects a ServiceAccount token into the pod' },
      {
        rule: RuleId.RUN_TOKEN_AUTOMOUNT,
        kind: 'PipelineRun',
        name: 'pipe-run',
        location: "taskRunSpec 'deploy'",
        target: 'task/deploy',
        property: 'podTemplate.volumes',
        value: 'tok',
        problem: 'projects a ServiceAccount token into the pod',
      },
    ]);
  });

  test('non-compliant: a token projected through a run\'s workspace binding, or a volume of a task spec the run embeds', () => {
    const sources = [{ configMap: { name: 'ca' } }, { serviceAccountToken: { path: 'token', audience: 'api' } }];
    const bound = pipelineRun({ workspaces: [{ name: 'src', emptyDir: {} }, { name: 'kube', projected: { sources } }] });
    expect(RUN_TOKEN_AUTOMOUNT.check(bound)).toEqual([
      finding('PipelineRun', 'pipe-run', { location: "workspace 'kube'", property: 'workspaces.projected', value: 'kube', problem: 'projects a ServiceAccount token into the pods that mount the workspace' }),
    ]);
    const taskSpec = { steps: [{ name: 's', image: 'alpine' }], volumes: [{ name: 'tok', projected: { sources } }] };
    expect(RUN_TOKEN_AUTOMOUNT.check(taskRun({ taskRef: undefined, taskSpec }))).toEqual([
      finding('TaskRun', 'build-run', { property: 'volumes', value: 'tok', problem: 'projects a ServiceAccount token into the pod' }),
    ]);
    const embedded = pipelineRun({ pipelineRef: undefined, pipelineSpec: { tasks: [{ name: 'deploy', taskSpec }] } });
    expect(RUN_TOKEN_AUTOMOUNT.check(embedded)).toEqual([
      finding('PipelineRun', 'pipe-run', { location: "task 'deploy'", target: 'task/deploy', property: 'volumes', value: 'tok', problem: 'projects a ServiceAccount token into the pod' }),
    ]);
    // a projected binding or volume without a token mounts none
    const none = [{ configMap: { name: 'ca' } }, { secret: { name: 'creds' } }];
    expect(RUN_TOKEN_AUTOMOUNT.check(pipelineRun({ workspaces: [{ name: 'kube', projected: { sources: none } }] }))).toEqual([]);
    expect(RUN_TOKEN_AUTOMOUNT.check(taskRun({ taskRef: undefined, taskSpec: { ...taskSpec, volumes: [{ name: 'v', projected: { sources: none } }] } }))).toEqual([]);
  });

  test('non-compliant: a token projected through a volume of a Task or Pipeline checked with the run that it refers to by name', () => {
    const sources = [{ serviceAccountToken: { path: 'token', audience: 'api' } }];
    const taskSpec = { steps: [{ name: 's', image: 'alpine' }], volumes: [{ name: 'tok', projected: { sources } }] };
    const task = (namespace = 'ci') => ({ apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: 'build', namespace }, spec: taskSpec });
    const check = (m: any, ...others: any[]) => RUN_TOKEN_AUTOMOUNT.check(m, ruleContext([m, ...others]));
    // the value is the reference's (the Task's name), the volume is named in the problem
    const TASK = "refers to a Task whose volume 'tok' projects a ServiceAccount token into the pod";
    expect(check(taskRun(), task())).toEqual([finding('TaskRun', 'build-run', { property: 'spec.taskRef', value: 'build', problem: TASK })]);
    // a Pipeline's task that refers to the Task, and one that embeds it
    const pipeline = { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'pipe', namespace: 'ci' }, spec: { tasks: [{ name: 'compile', taskRef: { name: 'build' } }], finally: [{ name: 'notify', taskSpec }] } };
    expect(check(pipelineRun(), pipeline, task())).toEqual([
      finding('PipelineRun', 'pipe-run', {
        location: "task 'compile'",
        target: 'task/compile',
        property: 'spec.pipelineRef',
        value: 'pipe',
        problem: "refers to a Pipeline whose task 'compile' refers to Task 'build', whose volume 'tok' projects a ServiceAccount token into the pod",
      }),
      finding('PipelineRun', 'pipe-run', {
        location: "task 'notify'",
        target: 'task/notify',
        property: 'spec.pipelineRef',
        value: 'pipe',
        problem: "refers to a Pipeline whose task 'notify' has volume 'tok', which projects a ServiceAccount token into the pod",
      }),
    ]);
    // a task of the run's own pipelineSpec that refers to the Task
    const own = pipelineRun({ pipelineRef: undefined, pipelineSpec: { tasks: [{ name: 'compile', taskRef: { name: 'build' } }] } });
    expect(check(own, task())).toEqual([finding('PipelineRun', 'pipe-run', { location: "task 'compile'", target: 'task/compile', property: 'taskRef', value: 'build', problem: TASK })]);
    // a Task of another namespace, one fetched by a resolver, or a run checked alone: not seen
    expect(check(taskRun(), task('other'))).toEqual([]);
    expect(check(taskRun({ taskRef: { resolver: 'cluster', params: [{ name: 'name', value: 'build' }] } }), task())).toEqual([]);
    expect(RUN_TOKEN_AUTOMOUNT.check(taskRun())).toEqual([]);
  });

  test('non-compliant: a token projected through a volume of config-defaults\' default pod template checked with the run', () => {
    const configDefaults = (template: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data: { 'default-pod-template': template } });
    const tokenTemplate = configDefaults('volumes:\n- name: tok\n  projected:\n    sources:\n    - serviceAccountToken: {path: token}\n');
    const check = (m: any, ...others: any[]) => RUN_TOKEN_AUTOMOUNT.check(m, ruleContext([m, ...others]));
    const problem = "has no volume 'tok', so Tekton adds that of config-defaults' default pod template (ConfigMap 'config-defaults' data['default-pod-template']), "
      + 'which projects a ServiceAccount token into the pod';
    expect(check(pipelineRun(), tokenTemplate)).toEqual([finding('PipelineRun', 'pipe-run', { property: 'taskRunTemplate.podTemplate.volumes', value: 'tok', problem })]);
    expect(check(taskRun(), tokenTemplate)).toEqual([finding('TaskRun', 'build-run', { property: 'podTemplate.volumes', value: 'tok', problem })]);
    // a volume of the run's template of that name replaces the default's; a default without a token projects none
    const replaced = taskRun();
    replaced.spec.podTemplate.volumes = [{ name: 'tok', emptyDir: {} }];
    expect(check(replaced, tokenTemplate)).toEqual([]);
    expect(check(taskRun(), configDefaults('volumes:\n- name: tok\n  emptyDir: {}\n'))).toEqual([]);
    // a config-defaults of another namespace is not Tekton's
    expect(check(taskRun(), { ...tokenTemplate, metadata: { name: 'config-defaults', namespace: 'ci' } })).toEqual([]);
  });

  test('compliant: unset, where every ServiceAccount the run\'s pods run as is checked with it and mounts no token itself', () => {
    const sa = (name: string, automount: unknown, namespace = 'ci') => ({
      apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace }, ...(automount === undefined ? {} : { automountServiceAccountToken: automount }),
    });
    const context = (...manifests: any[]) => ({ manifests, credentialWorkspaces: () => [] });
    const run = pipelineRun();
    delete run.spec.taskRunTemplate.podTemplate.automountServiceAccountToken;
    const unset = [finding('PipelineRun', 'pipe-run', { property: RUN_TEMPLATE, problem: 'is not false' })];
    expect(RUN_TOKEN_AUTOMOUNT.check(run, context(run, sa('pipe-runner', false)))).toEqual([]);
    // a null decodes as unset
    run.spec.taskRunTemplate.podTemplate.automountServiceAccountToken = null;
    expect(RUN_TOKEN_AUTOMOUNT.check(run, context(run, sa('pipe-runner', false)))).toEqual([]);
    delete run.spec.taskRunTemplate.podTemplate.automountServiceAccountToken;
    // the account mounts one, or is unset (true), of another namespace, or not checked
    for (const others of [[sa('pipe-runner', true)], [sa('pipe-runner', undefined)], [sa('pipe-runner', false, 'other')], [], [sa('pipe-runner', false), sa('pipe-runner', true)]]) {
      expect(RUN_TOKEN_AUTOMOUNT.check(run, context(run, ...others))).toEqual(unset);
    }
    // a task's own account must opt out too
    const perTask = { ...run, spec: { ...run.spec, taskRunSpecs: [{ pipelineTaskName: 'deploy', serviceAccountName: 'deployer' }] } };
    expect(RUN_TOKEN_AUTOMOUNT.check(perTask, context(perTask, sa('pipe-runner', false)))).toEqual(unset);
    expect(RUN_TOKEN_AUTOMOUNT.check(perTask, context(perTask, sa('pipe-runner', false), sa('deployer', false)))).toEqual([]);
    // a default pod template checked with the run that sets the field is merged into the run's: it decides
    const defaults = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data: { 'default-pod-template': 'automountServiceAccountToken: true\n' } };
    expect(RUN_TOKEN_AUTOMOUNT.check(run, context(run, sa('pipe-runner', false), defaults))).toEqual(unset);
    // a TaskRun: its account
    const tr = taskRun({ podTemplate: undefined, serviceAccountName: 'builder' });
    expect(RUN_TOKEN_AUTOMOUNT.check(tr, context(tr, sa('builder', false)))).toEqual([]);
    expect(RUN_TOKEN_AUTOMOUNT.check(tr, context(tr, sa('pipe-runner', false)))).toEqual([
      finding('TaskRun', 'build-run', { property: 'podTemplate.automountServiceAccountToken', problem: 'is not false' }),
    ]);
  });

  test("beside a Tekton operator's object: a finding only some readings of config-defaults have names the reading", () => {
    const sa = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'pipe-runner', namespace: 'ci' }, automountServiceAccountToken: false };
    const defaults = (data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data });
    const config = (pipeline: Record<string, unknown> = {}) => ({
      apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonConfig', metadata: { name: 'config' }, spec: { targetNamespace: 'tekton-pipelines', pipeline },
    });
    const KEPT = " (reading config-defaults with data['default-pod-template'] that ConfigMap 'config-defaults' in tekton-pipelines keeps beside what "
      + "TektonConfig 'config' writes, unless kubectl apply created it)";
    const run = pipelineRun();
    delete run.spec.taskRunTemplate.podTemplate.automountServiceAccountToken;
    const check = (...others: any[]) => RUN_TOKEN_AUTOMOUNT.check(run, ruleContext([run, sa, ...others]));
    // the ConfigMap's template turns the token on only where the operator's apply keeps it: the account opts out otherwise
    expect(check(defaults({ 'default-pod-template': 'automountServiceAccountToken: true\n' }), config())).toEqual([
      finding('PipelineRun', 'pipe-run', { property: RUN_TEMPLATE, problem: `is not false${KEPT}` }),
    ]);
    // its volume that projects a token is added only there too
    const token = 'volumes:\n- name: tok\n  projected:\n    sources:\n    - serviceAccountToken: {path: token}\n';
    expect(check(defaults({ 'default-pod-template': token }), config())).toEqual([
      finding('PipelineRun', 'pipe-run', {
        property: 'taskRunTemplate.podTemplate.volumes',
        value: 'tok',
        problem: "has no volume 'tok', so Tekton adds that of config-defaults' default pod template (ConfigMap 'config-defaults' data['default-pod-template']), "
          + `which projects a ServiceAccount token into the pod${KEPT}`,
      }),
    ]);
    // the operator writes the template, over the ConfigMap's, in every reading: nothing is said of them
    expect(check(defaults({ 'default-pod-template': 'nodeSelector: {a: b}\n', 'default-timeout-minutes': '30' }),
      config({ 'default-pod-template': 'automountServiceAccountToken: true\n' }))).toEqual([
      finding('PipelineRun', 'pipe-run', { property: RUN_TEMPLATE, problem: 'is not false' }),
    ]);
  });

  test("a PipelineLoop's (kfp-tekton) podTemplate and taskRunSpecs mount the token of the PipelineRun of each iteration", () => {
    expect(RUN_TOKEN_AUTOMOUNT.check(pipelineLoop({ podTemplate: { automountServiceAccountToken: true }, pipelineSpec: { tasks: [] } }))).toEqual([
      finding('PipelineLoop', 'each', { property: 'podTemplate.automountServiceAccountToken', value: 'true', problem: 'is not false' }),
    ]);
    const perTask = loopInPipeline({
      podTemplate: { automountServiceAccountToken: false },
      taskRunSpecs: [{ pipelineTaskName: 'push', podTemplate: { automountServiceAccountToken: true } }],
      pipelineSpec: { tasks: [] },
    });
    expect(RUN_TOKEN_AUTOMOUNT.check(perTask)).toEqual([
      finding('Pipeline', 'outer', {
        location: "task 'loop' taskRunSpec 'push'", target: 'task/loop/task/push', property: 'podTemplate.automountServiceAccountToken', value: 'true', problem: 'mounts the token',
      }),
    ]);
  });
});

describeWithOperatorConfigMaps("RUN_TOKEN_AUTOMOUNT: in each reading of config-defaults, that reading's default account and default pod template", () => {
  const run = pipelineRun();
  delete run.spec.taskRunTemplate.podTemplate.automountServiceAccountToken;
  delete run.spec.taskRunTemplate.serviceAccountName;
  const sa = (name: string) => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: 'ci' }, automountServiceAccountToken: false });
  const defaults = (data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data });
  const config = (pipeline: Record<string, unknown> = {}) => ({
    apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonConfig', metadata: { name: 'config' }, spec: { targetNamespace: 'tekton-pipelines', pipeline },
  });
  const check = (...others: any[]) => RUN_TOKEN_AUTOMOUNT.check(run, ruleContext([run, ...others]));
  // what the operator's apply leaves of `key` in config-defaults: [created with kubectl apply, created otherwise]
  const applied = (operator: any, cm: any, key: string) => [true, false].map((kubectlApplied) => operatorObjectsAppliedOver([operator], [cm], kubectlApplied)[0].applied!['config-defaults'][key]);
  const ALONE = " (reading config-defaults as TektonConfig 'config' writes it alone, if kubectl apply created ConfigMap 'config-defaults' in tekton-pipelines)";
  const notFalse = (reading: string) => [finding('PipelineRun', 'pipe-run', { property: RUN_TEMPLATE, problem: `is not false${reading}` })];

  test("only the reading's own default-service-account must opt out: a kept one that does leaves the finding to the other reading, named", () => {
    const cm = defaults({ 'default-service-account': 'builder' });
    expect(applied(config(), cm, 'default-service-account')).toEqual([undefined, 'builder']);
    // written alone the run's pods run as 'default', which no ServiceAccount checked opts out of; kept, as 'builder', which does
    expect(check(sa('builder'), cm, config())).toEqual(notFalse(ALONE));
    // the operator writes the account: it is every reading's
    const writes = config({ 'default-service-account': 'builder' });
    expect(applied(writes, cm, 'default-service-account')).toEqual(['builder', 'builder']);
    expect(check(sa('builder'), defaults({ 'default-timeout-minutes': '5' }), writes)).toEqual([]);
    expect(check(defaults({ 'default-timeout-minutes': '5' }), writes)).toEqual(notFalse(''));
  }, 120_000);

  test('a default pod template that sets automountServiceAccountToken false is merged into the run\'s (MergePodTemplateWithDefault): no token, whatever the accounts', () => {
    const off = 'automountServiceAccountToken: false\n';
    const cm = defaults({ 'default-pod-template': off });
    expect(check(cm)).toEqual([]);
    expect(applied(config(), cm, 'default-pod-template')).toEqual([undefined, off]);
    expect(check(cm, config())).toEqual(notFalse(ALONE));
    const writes = config({ 'default-pod-template': off });
    expect(applied(writes, defaults({ 'default-timeout-minutes': '5' }), 'default-pod-template')).toEqual([off, off]);
    expect(check(defaults({ 'default-timeout-minutes': '5' }), writes)).toEqual([]);
    // one that sets it true still turns it on, whatever the accounts
    expect(check(sa('default'), defaults({ 'default-pod-template': 'automountServiceAccountToken: true\n' }))).toEqual(notFalse(''));
  }, 120_000);
});

describe('RUN_TOKEN_AUTOMOUNT: a config-defaults Tekton cannot read as a whole gives the run no default pod template', () => {
  const run = pipelineRun();
  delete run.spec.taskRunTemplate.podTemplate.automountServiceAccountToken;
  delete run.spec.taskRunTemplate.serviceAccountName;
  const defaults = (data: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data });
  const check = (...others: any[]) => RUN_TOKEN_AUTOMOUNT.check(run, ruleContext([run, ...others]));
  const notFalse = [finding('PipelineRun', 'pipe-run', { property: RUN_TEMPLATE, problem: 'is not false' })];
  const off = 'automountServiceAccountToken: false\n';

  test('Tekton v1.15 NewDefaultsFromMap fails on a key that does not parse, or a template field of another type: the false never reaches the pod', () => {
    expect(check(defaults({ 'default-pod-template': off, 'default-timeout-minutes': '60' }))).toEqual([]);
    expect(check(defaults({ 'default-pod-template': `${off}nodeSelector: {a: b}\ntolerations: []\nhostNetwork: false\nschedulerName: null\n` }))).toEqual([]);
    // sigs.k8s.io/yaml makes a number a string where the Go field is one
    expect(check(defaults({ 'default-pod-template': `${off}nodeSelector: {a: 1}\nruntimeClassName: 5\n` }))).toEqual([]);
    for (const data of [
      { 'default-pod-template': off, 'default-timeout-minutes': 'ten' },
      { 'default-pod-template': off, 'default-timeout-minutes': null },
      { 'default-pod-template': off, 'default-max-matrix-combinations-count': '1e3' },
      { 'default-pod-template': off, 'default-step-ref-concurrency-limit': '99999999999999999999' },
      { 'default-pod-template': off, 'default-imagepullbackoff-timeout': '5 minutes' },
      { 'default-pod-template': off, 'default-sidecar-log-polling-interval': '' },
      { 'default-pod-template': `${off}nodeSelector: 5\n` },
      { 'default-pod-template': `${off}tolerations: {key: a}\n` },
      { 'default-pod-template': `${off}volumes: [x]\n` },
      { 'default-pod-template': `${off}runtimeClassName: [a]\n` },
      { 'default-pod-template': `${off}hostNetwork: "true"\n` },
      { 'default-pod-template': `${off}securityContext: []\n` },
      { 'default-pod-template': off, 'default-affinity-assistant-pod-template': 'nodeSelector: 5\n' },
      { 'default-pod-template': off, 'default-container-resource-requirements': '[a]' },
    ]) {
      expect([data, check(defaults(data))]).toEqual([data, notFalse]);
    }
  });

  test('a type error at any depth of a template fails the whole ConfigMap, as Tekton decodes it (checked against NewDefaultsFromMap)', () => {
    // deep, and where sigs.k8s.io/yaml converts against an embedded struct (a volume's source), a number stays a number
    for (const template of ['volumes:\n- name: a\n  configMap: {name: 5}\n', 'securityContext: {runAsUser: 1.5}\n', 'volumes:\n- name: a\n  emptyDir: {sizeLimit: 1x}\n',
      'env:\n- name: A\n  valueFrom: {configMapKeyRef: {name: 1, key: k}}\n', 'tolerations:\n- {key: a, tolerationSeconds: "5"}\n', 'securityContext: {sysctls: [{name: a, value: [1]}]}\n']) {
      expect([template, check(defaults({ 'default-pod-template': `${off}${template}` }))]).toEqual([template, notFalse]);
    }
    for (const data of [
      { 'default-affinity-assistant-pod-template': 'tolerations: [{key: a, tolerationSeconds: 1.5}]\n' },
      { 'default-container-resource-requirements': 'default: {requests: {cpu: 1x}}\n' },
    ]) {
      expect([data, check(defaults({ 'default-pod-template': off, ...data }))]).toEqual([data, notFalse]);
    }
    // a number where a struct's own field is a string is converted (a volume's name, a node selector's value), a float that is whole is an int,
    // a quantity may be a number, no is false (go-yaml v2)
    expect(check(defaults({
      'default-pod-template': 'automountServiceAccountToken: no\nvolumes:\n- name: 5\n  emptyDir: {sizeLimit: 1}\nsecurityContext: {runAsUser: 1.0}\nnodeSelector: {a: 1}\n',
      'default-container-resource-requirements': 'default: {requests: {cpu: 1}}\n',
    }))).toEqual([]);
  });
});
