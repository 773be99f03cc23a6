import { runConfigMaps } from '../../src/private/run-config-maps';

const places = (manifests: any[]) => Object.fromEntries([...runConfigMaps(manifests)].map(([name, p]) => [name, p]));

describe('runConfigMaps: the ConfigMaps Tekton puts into the steps of runs', () => {
  test('a v1beta1 run\'s pod template, a per-task one, a sidecar and a task spec embedded in a Pipeline', () => {
    const run = {
      apiVersion: 'tekton.dev/v1beta1',
      kind: 'PipelineRun',
      metadata: { name: 'nightly', namespace: 'ci' },
      spec: {
        podTemplate: { env: [{ name: 'PROXY', valueFrom: { configMapKeyRef: { name: 'proxy', key: 'url' } } }] },
        taskRunSpecs: [{ pipelineTaskName: 'push', taskPodTemplate: { volumes: [{ name: 'docker', configMap: { name: 'docker-config' } }] } }],
        workspaces: [{ name: 'cache', persistentVolumeClaim: { claimName: 'cache' } }, { name: 'scripts', configMap: { name: '' } }],
      },
    };
    const pipeline = {
      apiVersion: 'tekton.dev/v1',
      kind: 'Pipeline',
      metadata: { name: 'nightly' },
      spec: { tasks: [{ name: 'test', taskSpec: { sidecars: [{ name: 'db', image: 'postgres', envFrom: [{ configMapRef: { name: 'db-env' } }] }], steps: [] } }] },
    };
    expect(places([run, pipeline])).toEqual({
      'proxy': [{ namespace: 'ci', where: 'PipelineRun \'nightly\' podTemplate env' }],
      'docker-config': [{ namespace: 'ci', where: 'PipelineRun \'nightly\' taskRunSpec \'push\' taskPodTemplate volume \'docker\'' }],
      'db-env': [{ namespace: undefined, where: 'Pipeline \'nightly\' task \'test\' sidecar \'db\' env' }],
    });
  });

  test('an unnamed step is named as Tekton names its container (unnamed-<index>)', () => {
    const task = {
      apiVersion: 'tekton.dev/v1',
      kind: 'Task',
      metadata: { name: 'build', namespace: 'ci' },
      spec: { steps: [{ name: 'first', image: 'alpine' }, { image: 'alpine', envFrom: [{ configMapRef: { name: 'build-env' } }] }] },
    };
    expect(places([task])).toEqual({ 'build-env': [{ namespace: 'ci', where: "Task 'build' step 'unnamed-1' env" }] });
  });

  test('an unnamed sidecar is unnamed-<index> (Tekton names its container sidecar, the same for each)', () => {
    const task = {
      apiVersion: 'tekton.dev/v1',
      kind: 'Task',
      metadata: { name: 'build', namespace: 'ci' },
      spec: { steps: [{ name: 'first', image: 'alpine' }], sidecars: [{ name: 'db', image: 'postgres' }, { image: 'redis', env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'cache-env', key: 'a' } } }] }] },
    };
    expect(places([task])).toEqual({ 'cache-env': [{ namespace: 'ci', where: "Task 'build' sidecar 'unnamed-1' env" }] });
  });

  test('a StepAction\'s environment, which every step that runs it gets', () => {
    const action = {
      apiVersion: 'tekton.dev/v1beta1',
      kind: 'StepAction',
      metadata: { name: 'git-clone', namespace: 'ci' },
      spec: { image: 'git', env: [{ name: 'GIT_SSH_COMMAND', valueFrom: { configMapKeyRef: { name: 'ssh-options', key: 'command' } } }] },
    };
    expect(places([action])).toEqual({ 'ssh-options': [{ namespace: 'ci', where: 'StepAction \'git-clone\' env' }] });
  });

  test('config-defaults\' default workspace binding, read in the namespace of every run that gets it', () => {
    const configDefaults = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' },
      data: { 'default-task-run-workspace-binding': 'configMap: {name: shared-scripts}' },
    };
    expect(places([configDefaults])).toEqual({
      'shared-scripts': [{ namespace: undefined, where: 'ConfigMap \'config-defaults\' data[\'default-task-run-workspace-binding\']' }],
    });
  });

  test("config-defaults beside a Tekton operator's object: its binding as the operator's apply leaves it, in the reading that keeps it, named", () => {
    const configDefaults = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' },
      data: { 'default-task-run-workspace-binding': 'configMap: {name: shared-scripts}' },
    };
    const operator = (pipeline: Record<string, unknown>) => ({
      apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonConfig', metadata: { name: 'config' }, spec: { targetNamespace: 'tekton-pipelines', pipeline },
    });
    // the operator writes no binding: the ConfigMap's stays, unless kubectl apply created it
    expect(places([configDefaults, operator({})])).toEqual({
      'shared-scripts': [{
        namespace: undefined,
        where: "ConfigMap 'config-defaults' data['default-task-run-workspace-binding'] (reading config-defaults with data['default-task-run-workspace-binding'] "
          + "that ConfigMap 'config-defaults' in tekton-pipelines keeps beside what TektonConfig 'config' writes, unless kubectl apply created it)",
      }],
    });
    // it writes its own over it: only the operator's binding reaches the runs
    expect(places([configDefaults, operator({ 'default-task-run-workspace-binding': 'configMap: {name: operator-scripts}' })])).toEqual({
      'operator-scripts': [{ namespace: undefined, where: "TektonConfig 'config' spec.pipeline['default-task-run-workspace-binding']" }],
    });
  });

  test("config-defaults' default pod template: its volumes (configMap, projected sources) and env, read in every namespace, per reading", () => {
    const template = 'volumes:\n- name: scripts\n  configMap: {name: shared-scripts}\n- name: ca\n  projected:\n    sources:\n    - configMap: {name: ca-bundle}\n'
      + 'env:\n- name: PROXY\n  valueFrom: {configMapKeyRef: {name: proxy, key: url}}\n';
    const configDefaults = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data: { 'default-pod-template': template } };
    const operator = (pipeline: Record<string, unknown>) => ({
      apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonConfig', metadata: { name: 'config' }, spec: { targetNamespace: 'tekton-pipelines', pipeline },
    });
    const AT = "ConfigMap 'config-defaults' data['default-pod-template']";
    expect(places([configDefaults])).toEqual({
      'shared-scripts': [{ namespace: undefined, where: `${AT} volume 'scripts'` }],
      'ca-bundle': [{ namespace: undefined, where: `${AT} volume 'ca'` }],
      'proxy': [{ namespace: undefined, where: `${AT} env` }],
    });
    const KEPT = " (reading config-defaults with data['default-pod-template'] that ConfigMap 'config-defaults' in tekton-pipelines keeps beside what "
      + "TektonConfig 'config' writes, unless kubectl apply created it)";
    expect(places([configDefaults, operator({})])['shared-scripts']).toEqual([{ namespace: undefined, where: `${AT} volume 'scripts'${KEPT}` }]);
    // the operator writes its own template over the ConfigMap's: only its own reaches the runs
    expect(places([configDefaults, operator({ 'default-pod-template': 'volumes:\n- name: s\n  configMap: {name: operator-scripts}\n' })])).toEqual({
      'operator-scripts': [{ namespace: undefined, where: "TektonConfig 'config' spec.pipeline['default-pod-template'] volume 's'" }],
    });
  });

  test('every place of one name is kept, and the map is built once per set', () => {
    const run = (namespace: string) => ({
      apiVersion: 'tekton.dev/v1',
      kind: 'TaskRun',
      metadata: { name: 'r', namespace },
      spec: { workspaces: [{ name: 'w', configMap: { name: 'scripts' } }] },
    });
    const set = [run('a'), run('b'), { kind: 'Role', metadata: { name: 'x' } }];
    expect(runConfigMaps(set).get('scripts')).toEqual([{ namespace: 'a', where: 'TaskRun \'r\' workspace \'w\'' }, { namespace: 'b', where: 'TaskRun \'r\' workspace \'w\'' }]);
    expect(runConfigMaps(set)).toBe(runConfigMaps(set));
  });
});
