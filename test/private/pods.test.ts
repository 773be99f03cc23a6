import { RuleCatalogue, RuleId } from '../../src';
import { ruleContext } from '../../src/policy/engine/context';
import { NO_HOST_ACCESS } from '../../src/policy/rules/no-host-access';
import { RUN_POD_SECURITY_CONTEXT } from '../../src/policy/rules/run-pod-security-context';
import { TEKTON_FEATURE_FLAGS } from '../../src/policy/rules/tekton-feature-flags';
import {
  affinityAssistantTemplateOf, appliedConfigDefaults, configDefaultsKeyObject, configDefaultsKeyReaches, defaultWorkspaceBinding, forbiddenEnv,
  isConfigDefaults, podTemplatesOf, runPodTemplateEnv,
} from '../../src/private/pods';
import { describeWithOperatorConfigMaps, operatorObjectsAppliedOver } from '../helpers/operator-configmaps';

const configDefaults = (data: Record<string, string>, namespace: string | undefined = 'tekton-pipelines') => ({
  apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', ...(namespace !== undefined ? { namespace } : {}) }, data,
});

describe('pod templates: config-defaults\' default-pod-template, which Tekton merges under every run\'s', () => {
  test('config-defaults in tekton-pipelines or without a namespace; not elsewhere, not another ConfigMap', () => {
    expect(isConfigDefaults(configDefaults({}))).toBe(true);
    expect(isConfigDefaults(configDefaults({}, undefined))).toBe(true);
    expect(isConfigDefaults(configDefaults({}, 'ci'))).toBe(false);
    expect(isConfigDefaults({ ...configDefaults({}), metadata: { name: 'feature-flags' } })).toBe(false);
  });

  test("config-defaults in a Tekton operator's target namespace, among the objects checked with that operator's object", () => {
    const config = (targetNamespace: string) => ({ apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonConfig', metadata: { name: 'config' }, spec: { targetNamespace } });
    const cm = configDefaults({ 'default-pod-template': 'hostNetwork: true' }, 'ci-tekton');
    expect(isConfigDefaults(cm, [config('ci-tekton'), cm])).toBe(true);
    expect(podTemplatesOf(cm, [config('ci-tekton'), cm]).map((t) => [t.path, t.template])).toEqual([["data['default-pod-template']", { hostNetwork: true }]]);
    // not without the operator's object, nor beside one whose target is another namespace
    expect(isConfigDefaults(cm, [cm])).toBe(false);
    expect(podTemplatesOf(cm, [cm])).toEqual([]);
    expect(podTemplatesOf(cm)).toEqual([]);
    expect(isConfigDefaults(cm, [config('tekton-pipelines'), cm])).toBe(false);
    // the operator's target does not stop tekton-pipelines' own from being config-defaults (it is then judged as the operator's apply leaves it)
    expect(isConfigDefaults(configDefaults({}), [config('ci-tekton')])).toBe(true);
  });

  test('read as sigs.k8s.io/yaml reads it (YAML 1.1 booleans), under its data key', () => {
    expect(podTemplatesOf(configDefaults({ 'default-pod-template': 'hostNetwork: yes\nnodeSelector: {pool: ci}\n' }))).toEqual([
      { path: "data['default-pod-template']", perTask: false, template: { hostNetwork: true, nodeSelector: { pool: 'ci' } } },
    ]);
    // unset, not a mapping, or not YAML: no template (Tekton refuses a ConfigMap it cannot decode)
    expect(podTemplatesOf(configDefaults({ 'default-timeout-minutes': '60' }))).toEqual([]);
    expect(podTemplatesOf(configDefaults({ 'default-pod-template': '- a' }))).toEqual([]);
    expect(podTemplatesOf(configDefaults({ 'default-pod-template': 'a: [' }))).toEqual([]);
  });

  test('the rules that forbid things in a run\'s pod template forbid them in the default one', () => {
    const cm = configDefaults({
      'default-pod-template': [
        'hostNetwork: yes', 'securityContext:', '  seLinuxOptions: {type: spc_t}', 'dnsPolicy: $(params.dns)',
        'volumes:', '- name: cache', '  persistentVolumeClaim: {claimName: shared-cache}', '',
      ].join('\n'),
    });
    expect(RuleCatalogue.check(cm).map((f) => [f.rule, f.property, f.value])).toEqual([
      [RuleId.WORKSPACE_PER_RUN, "data['default-pod-template'].volumes", 'cache'],
      [RuleId.RUN_POD_OVERRIDES, "data['default-pod-template'].dnsPolicy", '$(params.dns)'],
      [RuleId.NO_HOST_ACCESS, "data['default-pod-template'].hostNetwork", 'true'],
      [RuleId.DEFAULT_ISOLATION, "data['default-pod-template'].securityContext.seLinuxOptions.type", 'spc_t'],
    ]);
    // Tekton decodes it with encoding/json, which matches field names in any case: so does the rule
    const cased = configDefaults({
      'default-pod-template': 'HostNetwork: true\nVolumes: [{name: root, HostPath: {path: /}}]\nNodeSelector: {Pool: ci}\nhostpid: true\n',
    });
    // (Tekton's pod template has no hostPID: an unknown key stays as written, and Tekton drops it)
    expect(podTemplatesOf(cased)[0].template).toEqual({ hostNetwork: true, volumes: [{ name: 'root', hostPath: { path: '/' } }], nodeSelector: { Pool: 'ci' }, hostpid: true });
    expect(RuleCatalogue.check(cased).map((f) => [f.rule, f.property])).toEqual([
      [RuleId.NO_HOST_ACCESS, "data['default-pod-template'].hostNetwork"],
      [RuleId.NO_HOST_ACCESS, "data['default-pod-template'].volumes"],
    ]);
    // sigs.k8s.io/yaml hands encoding/json the keys sorted: of two keys for one field the one that sorts last wins, where it is written
    const preload = '- {name: LD_PRELOAD, value: /workspace/hook.so}';
    expect(podTemplatesOf(configDefaults({ 'default-pod-template': `env:\n${preload}\nEnv: []\n` }))[0].template.env).toEqual([{ name: 'LD_PRELOAD', value: '/workspace/hook.so' }]);
    expect(podTemplatesOf(configDefaults({ 'default-pod-template': `Env:\n${preload}\nenv: []\n` }))[0].template.env).toEqual([]);
    // what the rules require of each run (a token not mounted, a restricted securityContext) is required of the runs
    expect(RuleCatalogue.check(configDefaults({ 'default-pod-template': 'nodeSelector: {pool: ci}\n' }))).toEqual([]);
  });

  test('config-defaults\' default-affinity-assistant-pod-template: only its fields, judged by the rules that apply to the assistant\'s pod', () => {
    const cm = configDefaults({
      'default-affinity-assistant-pod-template': [
        'nodeSelector: {node-role.kubernetes.io/control-plane: ""}', 'hostNetwork: true', 'ServiceAccountName: builder',
        'securityContext: {windowsOptions: {hostProcess: true}, seLinuxOptions: {type: spc_t}}', '',
      ].join('\n'),
    });
    expect(affinityAssistantTemplateOf(cm)).toEqual({
      path: "data['default-affinity-assistant-pod-template']",
      perTask: false,
      template: { nodeSelector: { 'node-role.kubernetes.io/control-plane': '' }, serviceAccountName: 'builder', securityContext: { windowsOptions: { hostProcess: true }, seLinuxOptions: { type: 'spc_t' } } },
    });
    // not a run's pod template: no NO_HOST_ACCESS (the API server refuses a hostProcess pod without hostNetwork, which
    // the assistant never has) and no WORKSPACE_PER_RUN (it has no volumes)
    expect(podTemplatesOf(cm)).toEqual([]);
    expect(RuleCatalogue.check(cm).map((f) => [f.rule, f.property, f.value])).toEqual([
      [RuleId.RUN_POD_OVERRIDES, "data['default-affinity-assistant-pod-template'].nodeSelector", 'node-role.kubernetes.io/control-plane'],
      [RuleId.DEFAULT_ISOLATION, "data['default-affinity-assistant-pod-template'].securityContext.seLinuxOptions.type", 'spc_t'],
    ]);
  });
});

describe('a config-defaults Tekton refuses as a whole (NewDefaultsFromMap fails on one key, or the API server on a value) applies none of its keys', () => {
  const UNREADABLE = { 'default-max-matrix-combinations-count': 'many' };
  const config = (pipeline: Record<string, unknown>) => ({
    apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonConfig', metadata: { name: 'config' }, spec: { targetNamespace: 'tekton-pipelines', pipeline },
  });

  test('its templates and binding are read by no rule: the ConfigMap itself is the finding', () => {
    const data = {
      'default-pod-template': 'hostNetwork: true',
      'default-affinity-assistant-pod-template': 'priorityClassName: x',
      'default-task-run-workspace-binding': 'emptyDir: {}',
    };
    expect(podTemplatesOf(configDefaults(data)).length).toBe(1);
    for (const refused of [configDefaults({ ...data, ...UNREADABLE }), configDefaults({ ...data, 'default-timeout-minutes': 60 as any })]) {
      expect(podTemplatesOf(refused)).toEqual([]);
      expect(affinityAssistantTemplateOf(refused)).toBeUndefined();
      expect(defaultWorkspaceBinding(refused)).toBeUndefined();
      expect(appliedConfigDefaults([refused])).toEqual([]);
      expect(NO_HOST_ACCESS.check(refused)).toEqual([]);
      expect(TEKTON_FEATURE_FLAGS.check(refused).length).toBe(1);
    }
    // written by a Tekton operator's object: the same
    const operator = config({ 'default-pod-template': 'hostNetwork: true', 'default-max-matrix-combinations-count': 'many' });
    expect(podTemplatesOf(operator)).toEqual([]);
    expect(NO_HOST_ACCESS.check(operator)).toEqual([]);
    expect(appliedConfigDefaults([operator])).toEqual([]);
  });

  test('a default that made the runs comply no longer does: what the run lacks is a finding again', () => {
    const run = { apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name: 'r', namespace: 'ci' }, spec: { taskRef: { name: 't' } } };
    const template = 'securityContext: {runAsNonRoot: true, fsGroup: 1000, seccompProfile: {type: RuntimeDefault}}';
    const read = configDefaults({ 'default-pod-template': template });
    expect(RUN_POD_SECURITY_CONTEXT.check(run, ruleContext([run, read]))).toEqual([]);
    const refused = configDefaults({ 'default-pod-template': template, 'default-imagepullbackoff-timeout': '5' });
    expect(RUN_POD_SECURITY_CONTEXT.check(run, ruleContext([run, refused])).map((f) => f.property)).toEqual([
      'podTemplate.securityContext.runAsNonRoot', 'podTemplate.securityContext.fsGroup', 'podTemplate.securityContext.seccompProfile.type',
    ]);
  });

  test("beside a Tekton operator's object: a reading Tekton cannot read holds no key; the key a ConfigMap keeps in it reaches nothing", () => {
    const operator = config({ 'default-service-account': 'builder' });
    const kept = configDefaults({ 'default-pod-template': 'hostNetwork: true', ...UNREADABLE });
    const readings = appliedConfigDefaults([operator, kept]);
    expect(readings.map((d) => [d.data, d.reading !== undefined])).toEqual([[{ 'default-service-account': 'builder' }, true], [{}, true]]);
    expect(configDefaultsKeyReaches(kept, [operator, kept], 'default-pod-template')).toEqual({ reaches: false });
    // where the reading is read, the key reaches it
    const readable = configDefaults({ 'default-pod-template': 'hostNetwork: true' });
    expect(configDefaultsKeyReaches(readable, [operator, readable], 'default-pod-template').reaches).toBe(true);
  });

  test("beside a Tekton operator's object that writes over the only key Tekton cannot read: the ConfigMap's templates are those in effect", () => {
    // the operator writes default-max-matrix-combinations-count (and default-timeout-minutes) over the ConfigMap's unreadable values
    const operator = config({ 'default-timeout-minutes': 60, 'default-max-matrix-combinations-count': '256' });
    const data = {
      'default-pod-template': 'hostNetwork: true',
      'default-affinity-assistant-pod-template': 'priorityClassName: x',
      'default-task-run-workspace-binding': 'persistentVolumeClaim: {claimName: shared}',
    };
    const kept = configDefaults({ ...data, ...UNREADABLE, 'default-timeout-minutes': 'abc' });
    const manifests = [operator, kept];
    expect(appliedConfigDefaults(manifests).map((d) => d.data['default-pod-template'])).toEqual([undefined, 'hostNetwork: true']);
    expect(podTemplatesOf(kept, manifests)).toEqual([{ path: "data['default-pod-template']", perTask: false, template: { hostNetwork: true } }]);
    expect(affinityAssistantTemplateOf(kept, manifests)?.template).toEqual({ priorityClassName: 'x' });
    expect(defaultWorkspaceBinding(kept, manifests)?.binding).toEqual({ persistentVolumeClaim: { claimName: 'shared' } });
    expect(NO_HOST_ACCESS.check(kept, ruleContext(manifests)).map((f) => [f.property, f.problem])).toEqual([[
      "data['default-pod-template'].hostNetwork",
      "shares a namespace of the node (reading config-defaults with data['default-pod-template'], data['default-affinity-assistant-pod-template'], "
        + "data['default-task-run-workspace-binding'] that ConfigMap 'config-defaults' in tekton-pipelines keeps beside what TektonConfig 'config' "
        + 'writes, unless kubectl apply created it)',
    ]]);
    // alone, or beside an operator that leaves the key at fault, it is refused as a whole: none of its keys
    expect(podTemplatesOf(kept)).toEqual([]);
    const leaves = config({ 'default-service-account': 'builder' });
    expect(podTemplatesOf(kept, [leaves, kept])).toEqual([]);
    expect(NO_HOST_ACCESS.check(kept, ruleContext([leaves, kept]))).toEqual([]);
  });
});

describeWithOperatorConfigMaps('configDefaultsKeyObject: whose key each reading of config-defaults holds, as the Tekton operator applies it', () => {
  test("a key the operator does not write is the kept ConfigMap's, whoever writes default-pod-template; one it writes is its own", () => {
    const AA = 'default-affinity-assistant-pod-template';
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data: { [AA]: 'priorityClassName: cm\n' } };
    const config = (pipeline: Record<string, unknown>) => ({ apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonConfig', metadata: { name: 'config' }, spec: { targetNamespace: 'tekton-pipelines', pipeline } });
    const podOnly = config({ 'default-pod-template': 'dnsPolicy: Default' });
    const both = config({ 'default-pod-template': 'dnsPolicy: Default', [AA]: 'priorityClassName: operator' });
    const held = (d: any, manifests: readonly any[]) => {
      const from = configDefaultsKeyObject(d, AA);
      return affinityAssistantTemplateOf(from, manifests) === undefined ? undefined : from === cm ? cm.data[AA] : from.spec.pipeline[AA];
    };
    // the operator writes default-pod-template only: two readings, the ConfigMap's key kept in the second as the operator's apply keeps it
    const [alone, kept] = [true, false].map((kubectlApplied) => operatorObjectsAppliedOver([podOnly], [cm], kubectlApplied)[0].applied!['config-defaults']);
    const readings = appliedConfigDefaults([podOnly, cm]);
    expect(readings.map((d) => configDefaultsKeyObject(d, AA))).toEqual([podOnly, cm]);
    expect(readings.map((d) => configDefaultsKeyObject(d, 'default-pod-template'))).toEqual([podOnly, podOnly]);
    expect([alone[AA], kept[AA]]).toEqual([undefined, 'priorityClassName: cm\n']);
    expect(readings.map((d) => held(d, [podOnly, cm]))).toEqual([alone[AA], kept[AA]]);
    // it writes the key too: one reading, its own, as the apply leaves it either way
    const applied = [true, false].map((kubectlApplied) => operatorObjectsAppliedOver([both], [cm], kubectlApplied)[0].applied!['config-defaults'][AA]);
    expect(applied).toEqual(['priorityClassName: operator', 'priorityClassName: operator']);
    expect(appliedConfigDefaults([both, cm]).map((d) => held(d, [both, cm]))).toEqual(['priorityClassName: operator']);
  }, 120_000);
});

describe("a run's pod templates, and the env they give its steps", () => {
  const pipelineRun = (apiVersion: string | undefined, taskRunSpec: Record<string, unknown>) => ({
    ...(apiVersion === undefined ? {} : { apiVersion }),
    kind: 'PipelineRun',
    metadata: { name: 'r' },
    spec: { taskRunSpecs: [{ pipelineTaskName: 'build', ...taskRunSpec }] },
  });
  const both = { podTemplate: { hostNetwork: true }, taskPodTemplate: { hostPID: true } };
  const perTask = (run: any) => podTemplatesOf(run).filter((t) => t.perTask).map((t) => [t.location, t.path]);

  test("a task's template in the spelling of the run's version: v1 podTemplate, v1beta1 taskPodTemplate; without a version, either", () => {
    expect(perTask(pipelineRun('tekton.dev/v1', both))).toEqual([["taskRunSpec 'build'", 'podTemplate']]);
    expect(perTask(pipelineRun('tekton.dev/v1beta1', both))).toEqual([["taskRunSpec 'build'", 'taskPodTemplate']]);
    expect(perTask(pipelineRun(undefined, both))).toEqual([["taskRunSpec 'build'", 'podTemplate'], ["taskRunSpec 'build'", 'taskPodTemplate']]);
  });

  test('env merged by name: the task\'s over the run-wide over config-defaults\', less the names default-forbidden-env lists', () => {
    const run = {
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: { name: 'r' },
      spec: {
        taskRunTemplate: { podTemplate: { env: [{ name: 'A', value: 'wide' }, { name: 'B', value: 'wide' }, { name: '', value: 'unnamed' }] } },
        taskRunSpecs: [{ pipelineTaskName: 'build', podTemplate: { env: [{ name: 'B', value: 'task' }] } }],
      },
    };
    const env = (task: string, manifests?: any[]) => runPodTemplateEnv(run, task, manifests).map((e) => [e.name, e.entry.value, e.from.path]);
    expect(env('build')).toEqual([['B', 'task', 'podTemplate'], ['A', 'wide', 'taskRunTemplate.podTemplate']]);
    expect(env('test')).toEqual([['A', 'wide', 'taskRunTemplate.podTemplate'], ['B', 'wide', 'taskRunTemplate.podTemplate']]);
    const cm = configDefaults({ 'default-pod-template': 'env:\n- {name: C, value: default}\n- {name: A, value: default}\n', 'default-forbidden-env': ' B ,X' });
    expect(env('build', [run, cm])).toEqual([['A', 'wide', 'taskRunTemplate.podTemplate'], ['C', 'default', "data['default-pod-template']"]]);
    expect(runPodTemplateEnv(run, 'build', [run, cm]).map((e) => e.configDefaults === cm)).toEqual([false, true]);
  });

  test('default-forbidden-env: split at commas, each trimmed', () => {
    expect([...forbiddenEnv(' A, B ,,C ')]).toEqual(['A', 'B', 'C']);
    expect([...forbiddenEnv(undefined)]).toEqual([]);
  });
});
