import { customEventListener, describeRule, eventListener, hardenedContainer, loopInPipeline, pipelineEmbedding, pipelineLoop, pipelineRun, task, taskRun, taskSpec } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { NO_HOST_ACCESS } from '../../../src/policy/rules/no-host-access';

const f = (kind: string, name: string, rest: Record<string, any>) => ({ rule: RuleId.NO_HOST_ACCESS, kind, name, ...rest });

describe('NO_HOST_ACCESS', () => {
  describeRule(NO_HOST_ACCESS, RuleId.NO_HOST_ACCESS, Severity.HIGH, true);

  test('applies to Tekton objects with task specs and to runs', () => {
    expect(NO_HOST_ACCESS.appliesTo(task())).toBe(true);
    expect(NO_HOST_ACCESS.appliesTo(pipelineRun())).toBe(true);
    expect(NO_HOST_ACCESS.appliesTo({ kind: 'ConfigMap', metadata: { name: 'x' } })).toBe(false);
  });

  test('compliant: the hardened fixtures, emptyDir volumes, a container port without hostPort', () => {
    expect(NO_HOST_ACCESS.check(task())).toEqual([]);
    expect(NO_HOST_ACCESS.check(pipelineRun())).toEqual([]);
    expect(NO_HOST_ACCESS.check(taskRun())).toEqual([]);
    expect(NO_HOST_ACCESS.check(task({ sidecars: [hardenedContainer('db', { ports: [{ containerPort: 5432 }, { containerPort: 80, hostPort: 0 }] })] }))).toEqual([]);
  });

  test('non-compliant: a hostPath volume in a Task, and in an embedded task (target of the task)', () => {
    const spec = { volumes: [{ name: 'tmp', emptyDir: {} }, { name: 'sock', hostPath: { path: '/var/run/docker.sock' } }] };
    expect(NO_HOST_ACCESS.check(task(spec))).toEqual([f('Task', 'build', { property: 'volumes', value: 'sock', problem: 'mounts a directory of the node (hostPath)' })]);
    expect(NO_HOST_ACCESS.check(pipelineEmbedding(taskSpec(spec)))).toEqual([
      f('Pipeline', 'pipe', { location: "task 'build'", target: 'task/build', property: 'volumes', value: 'sock', problem: 'mounts a directory of the node (hostPath)' }),
    ]);
  });

  test('non-compliant: a host port on a sidecar, and a Windows host process', () => {
    expect(NO_HOST_ACCESS.check(task({
      sidecars: [hardenedContainer('db', { ports: [{ containerPort: 5432, hostPort: 5432 }] })],
      steps: [hardenedContainer('win', { securityContext: { windowsOptions: { hostProcess: true } } })],
    }))).toEqual([
      f('Task', 'build', { location: "step 'win'", target: 'step/win', property: 'securityContext.windowsOptions.hostProcess', value: 'true', problem: 'runs as a process of the node' }),
      f('Task', 'build', { location: "sidecar 'db'", target: 'sidecar/db', property: 'ports.hostPort', value: '5432', problem: 'opens a port on the node' }),
    ]);
  });

  test('non-compliant: a sidecar\'s probe or lifecycle hook that names a host, which the kubelet connects to from the node', () => {
    const PROBLEM = 'makes the kubelet connect, from the node\'s network, to the host it names instead of the pod: a port only the node '
      + 'reaches (its loopback, the kubelet, etcd on a control-plane node) or the cloud metadata address; Pod Security baseline refuses it '
      + '(hostProbesAndHostLifecycle, Kubernetes 1.34)';
    const FIX = 'Remove the host: the kubelet then connects to the pod\'s own IP.';
    const at = { location: "sidecar 'db'", target: 'sidecar/db', problem: PROBLEM, fix: FIX };
    expect(NO_HOST_ACCESS.check(task({
      sidecars: [hardenedContainer('db', {
        readinessProbe: { httpGet: { host: '169.254.169.254', path: '/latest/meta-data/', port: 80 } },
        livenessProbe: { tcpSocket: { host: '127.0.0.1', port: 10250 } },
        startupProbe: { httpGet: { host: '', port: 5432 } },
        lifecycle: { postStart: { httpGet: { host: null, port: 80 } }, preStop: { tcpSocket: { host: '10.0.0.1', port: 2379 } } },
      })],
    }))).toEqual([
      f('Task', 'build', { ...at, property: 'livenessProbe.tcpSocket.host', value: '127.0.0.1' }),
      f('Task', 'build', { ...at, property: 'readinessProbe.httpGet.host', value: '169.254.169.254' }),
      f('Task', 'build', { ...at, property: 'lifecycle.preStop.tcpSocket.host', value: '10.0.0.1' }),
    ]);
    // a probe on the pod's own IP (no host), and a v1beta1 step's probe, which Tekton drops when it converts the Task to v1
    const v1beta1 = {
      apiVersion: 'tekton.dev/v1beta1',
      kind: 'Task',
      metadata: { name: 'build', namespace: 'ci' },
      spec: taskSpec({
        steps: [hardenedContainer('compile', { readinessProbe: { httpGet: { host: '127.0.0.1', port: 80 } } })],
        sidecars: [hardenedContainer('db', { readinessProbe: { tcpSocket: { port: 5432 } } })],
      }),
    };
    expect(NO_HOST_ACCESS.check(v1beta1)).toEqual([]);
  });

  test('compliant: a v1beta1 step\'s or stepTemplate\'s host port, which Tekton drops when it converts the Task to v1 (a sidecar keeps its own)', () => {
    const v1beta1 = {
      apiVersion: 'tekton.dev/v1beta1',
      kind: 'Task',
      metadata: { name: 'build', namespace: 'ci' },
      spec: taskSpec({
        stepTemplate: { ports: [{ containerPort: 8080, hostPort: 8080 }] },
        steps: [hardenedContainer('compile', { ports: [{ containerPort: 80, hostPort: 80 }] })],
        sidecars: [hardenedContainer('db', { ports: [{ containerPort: 5432, hostPort: 5432 }] })],
      }),
    };
    expect(NO_HOST_ACCESS.check(v1beta1)).toEqual([
      f('Task', 'build', { location: "sidecar 'db'", target: 'sidecar/db', property: 'ports.hostPort', value: '5432', problem: 'opens a port on the node' }),
    ]);
  });

  test('non-compliant: host namespaces and hostPath in a run\'s pod templates, run-wide and per task', () => {
    const run = pipelineRun({ taskRunSpecs: [{ pipelineTaskName: 'push', podTemplate: { volumes: [{ name: 'docker', hostPath: { path: '/var/lib/docker' } }] } }] });
    run.spec.taskRunTemplate.podTemplate.hostNetwork = true;
    run.spec.taskRunTemplate.podTemplate.hostPID = true;
    expect(NO_HOST_ACCESS.check(run)).toEqual([
      f('PipelineRun', 'pipe-run', { property: 'taskRunTemplate.podTemplate.hostNetwork', value: 'true', problem: 'shares a namespace of the node' }),
      f('PipelineRun', 'pipe-run', { property: 'taskRunTemplate.podTemplate.hostPID', value: 'true', problem: 'shares a namespace of the node' }),
      f('PipelineRun', 'pipe-run', {
        location: "taskRunSpec 'push'", target: 'task/push', property: 'podTemplate.volumes', value: 'docker', problem: 'mounts a directory of the node (hostPath)',
      }),
    ]);
    const tr = taskRun();
    tr.spec.podTemplate = { ...tr.spec.podTemplate, hostIPC: true };
    expect(NO_HOST_ACCESS.check(tr).map((x) => x.property)).toEqual(['podTemplate.hostIPC']);
  });

  test('non-compliant: a gitRepo volume, which makes the kubelet run git on the node as root: in a Task, an embedded task, a pod template, config-defaults', () => {
    const GIT = {
      problem: 'makes the kubelet run git clone and git checkout on the node, as root, with the repository and revision the pod names (gitRepo; CVE-2024-10220, CVE-2025-1767)',
      fix: 'Remove the gitRepo volume: use a step that clones into an emptyDir or a workspace.',
    };
    const spec = { volumes: [{ name: 'tmp', emptyDir: {} }, { name: 'src', gitRepo: { repository: 'https://git.example.com/app.git', revision: 'main' } }] };
    expect(NO_HOST_ACCESS.check(task(spec))).toEqual([f('Task', 'build', { property: 'volumes', value: 'src', ...GIT })]);
    expect(NO_HOST_ACCESS.check(pipelineEmbedding(taskSpec(spec)))).toEqual([
      f('Pipeline', 'pipe', { location: "task 'build'", target: 'task/build', property: 'volumes', value: 'src', ...GIT }),
    ]);
    const run = pipelineRun({ taskRunSpecs: [{ pipelineTaskName: 'push', podTemplate: { volumes: [{ name: 'src', gitRepo: { repository: 'r' } }] } }] });
    expect(NO_HOST_ACCESS.check(run)).toEqual([
      f('PipelineRun', 'pipe-run', { location: "taskRunSpec 'push'", target: 'task/push', property: 'podTemplate.volumes', value: 'src', ...GIT }),
    ]);
    const data = { 'default-pod-template': 'volumes: [{name: src, GitRepo: {repository: r}}]' };
    const defaults = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data };
    expect(NO_HOST_ACCESS.check(defaults)).toEqual([f('ConfigMap', 'config-defaults', { property: "data['default-pod-template'].volumes", value: 'src', ...GIT })]);
  });

  test("the default pod template a Tekton operator's object writes into config-defaults, at the field that sets it, when the operator can read the object", () => {
    const HOST = { problem: 'shares a namespace of the node' };
    const config = (pipeline: Record<string, unknown>, name = 'config') => ({ apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonConfig', metadata: { name }, spec: { targetNamespace: 'tekton-pipelines', pipeline } });
    expect(NO_HOST_ACCESS.check(config({ 'default-pod-template': 'hostNetwork: true' }))).toEqual([
      f('TektonConfig', 'config', { property: "spec.pipeline['default-pod-template'].hostNetwork", value: 'true', ...HOST }),
    ]);
    const options = { configMaps: { 'config-defaults': { data: { 'default-pod-template': 'HostNetwork: true' } } } };
    expect(NO_HOST_ACCESS.check(config({ 'default-pod-template': 'dnsPolicy: Default', options }))).toEqual([
      f('TektonConfig', 'config', { property: "spec.pipeline.options.configMaps['config-defaults'].data['default-pod-template'].hostNetwork", value: 'true', ...HOST }),
    ]);
    const pipeline = { apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonPipeline', metadata: { name: 'pipeline' }, spec: { 'targetNamespace': 'tekton-pipelines', 'default-pod-template': 'hostIPC: true' } };
    expect(NO_HOST_ACCESS.check(pipeline)).toEqual([f('TektonPipeline', 'pipeline', { property: "spec['default-pod-template'].hostIPC", value: 'true', ...HOST })]);
    // options disabled are not applied; an object of another name, or one the operator cannot read, writes nothing
    expect(NO_HOST_ACCESS.check(config({ options: { ...options, disabled: true } }))).toEqual([]);
    expect(NO_HOST_ACCESS.check(config({ 'default-pod-template': 'hostNetwork: true' }, 'platform'))).toEqual([]);
    expect(NO_HOST_ACCESS.check(config({ 'default-pod-template': 'hostNetwork: true', 'default-timeout-minutes': '60' }))).toEqual([]);
  });

  test("a config-defaults ConfigMap beside a Tekton operator's object: judged as the operator's apply leaves it, in the reading that keeps its template", () => {
    const config = (pipeline: Record<string, unknown> = {}, targetNamespace = 'tekton-pipelines') => ({
      apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonConfig', metadata: { name: 'config' }, spec: { targetNamespace, pipeline },
    });
    const defaults = (namespace?: string) => ({
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', ...(namespace === undefined ? {} : { namespace }) }, data: { 'default-pod-template': 'hostPID: true' },
    });
    const check = (m: any, ...others: any[]) => NO_HOST_ACCESS.check(m, { manifests: [m, ...others], credentialWorkspaces: () => [] } as any);
    const kept = (where: string) => f('ConfigMap', 'config-defaults', {
      property: "data['default-pod-template'].hostPID",
      value: 'true',
      problem: "shares a namespace of the node (reading config-defaults with data['default-pod-template'] that ConfigMap 'config-defaults' "
        + `${where} keeps beside what TektonConfig 'config' writes, unless kubectl apply created it)`,
    });
    // the operator writes no template: the ConfigMap's stays unless kubectl apply created it
    expect(check(defaults('tekton-pipelines'), config())).toEqual([kept('in tekton-pipelines')]);
    // without a namespace it lands in kubectl's, which may be the operator's target: read as if it were
    expect(check(defaults(), config())).toEqual([kept('without a namespace')]);
    // the operator writes its own template over it in every reading, or applies config-defaults in another namespace: it reaches no pod
    expect(check(defaults('tekton-pipelines'), config({ 'default-pod-template': 'dnsPolicy: Default' }))).toEqual([]);
    expect(check(defaults('tekton-pipelines'), config({}, 'openshift-pipelines'))).toEqual([]);
    // alone, or beside an object the operator cannot read (it writes nothing): as written
    expect(check(defaults('tekton-pipelines'))).toEqual([f('ConfigMap', 'config-defaults', { property: "data['default-pod-template'].hostPID", value: 'true', problem: 'shares a namespace of the node' })]);
    expect(check(defaults('tekton-pipelines'), config({ 'default-timeout-minutes': '60' })).map((x) => x.problem)).toEqual(['shares a namespace of the node']);
  });

  test("a config-defaults ConfigMap in a Tekton operator's own target namespace is judged there; without the operator's object it is no Tekton configuration", () => {
    const config = { apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonConfig', metadata: { name: 'config' }, spec: { targetNamespace: 'ci-tekton', profile: 'all' } };
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'ci-tekton' }, data: { 'default-pod-template': 'hostNetwork: true\n' } };
    const check = (...manifests: any[]) => NO_HOST_ACCESS.check(cm, { manifests, credentialWorkspaces: () => [] } as any);
    expect(NO_HOST_ACCESS.appliesTo?.(cm)).toBe(true);
    expect(check(config, cm)).toEqual([f('ConfigMap', 'config-defaults', {
      property: "data['default-pod-template'].hostNetwork",
      value: 'true',
      problem: "shares a namespace of the node (reading config-defaults with data['default-pod-template'] that ConfigMap 'config-defaults' in ci-tekton "
        + "keeps beside what TektonConfig 'config' writes, unless kubectl apply created it)",
    })]);
    // without an operator's object (or checked alone), a ConfigMap of another namespace is not Tekton's
    expect(check(cm)).toEqual([]);
    expect(NO_HOST_ACCESS.check(cm)).toEqual([]);
    // beside an operator whose target is another namespace, it is not where the operator applies config-defaults
    expect(check({ ...config, spec: { targetNamespace: 'tekton-pipelines' } }, cm)).toEqual([]);
  });

  test("non-compliant: a PipelineLoop's (kfp-tekton) pod template, run-wide and per task, which its controller gives the PipelineRun of each iteration", () => {
    const spec = {
      podTemplate: { hostNetwork: true },
      taskRunSpecs: [{ pipelineTaskName: 'build', podTemplate: { hostPID: true } }],
      pipelineSpec: { tasks: [{ name: 'build', taskSpec: { steps: [{ name: 's', image: 'alpine', script: 'true' }] } }] },
    };
    const shares = 'shares a namespace of the node';
    expect(NO_HOST_ACCESS.check(pipelineLoop(spec))).toEqual([
      f('PipelineLoop', 'each', { property: 'podTemplate.hostNetwork', value: 'true', problem: shares }),
      f('PipelineLoop', 'each', { location: "taskRunSpec 'build'", target: 'task/build', property: 'podTemplate.hostPID', value: 'true', problem: shares }),
    ].map((x) => expect.objectContaining(x)));
    const embedded = NO_HOST_ACCESS.check(loopInPipeline(spec));
    expect(embedded.map((x) => [x.kind, x.name, x.location, x.target, x.property, x.value])).toEqual([
      ['Pipeline', 'outer', "task 'loop'", 'task/loop', 'podTemplate.hostNetwork', 'true'],
      ['Pipeline', 'outer', "task 'loop' taskRunSpec 'build'", 'task/loop/task/build', 'podTemplate.hostPID', 'true'],
    ]);
    // the loop's steps are read once, in the loop itself
    const hostProcess = pipelineLoop({ pipelineSpec: { tasks: [{ name: 'build', taskSpec: { steps: [{ name: 's', image: 'alpine', script: 'true', securityContext: { windowsOptions: { hostProcess: true } } }] } }] } });
    expect(NO_HOST_ACCESS.check(hostProcess).map((x) => x.property)).toEqual(['securityContext.windowsOptions.hostProcess']);
  });
});

describe('NO_HOST_ACCESS: an EventListener\'s pod', () => {
  test('a probe host in its kubernetesResource container is reported at the probe; the default probes name none', () => {
    expect(NO_HOST_ACCESS.check(eventListener())).toEqual([]);
    const el = eventListener({ spec: { containers: [{ livenessProbe: { httpGet: { host: '169.254.169.254', path: '/latest/meta-data/', port: 80 } }, readinessProbe: { httpGet: { port: 8080 } } }] } });
    expect(NO_HOST_ACCESS.check(el)).toEqual([{
      rule: RuleId.NO_HOST_ACCESS,
      kind: 'EventListener',
      name: 'github-listener',
      location: "container 'event-listener'",
      property: 'spec.resources.kubernetesResource.spec.template.spec.containers[0].livenessProbe.httpGet.host',
      value: '169.254.169.254',
      problem: "makes the kubelet connect, from the node's network, to the host it names instead of the pod: a port only the node reaches (its loopback, the kubelet, etcd on a control-plane node) or the cloud metadata address; Pod Security baseline refuses it (hostProbesAndHostLifecycle, Kubernetes 1.34)",
      fix: "Remove the host: the kubelet then connects to the pod's own IP.",
    }]);
  });

  test("a customResource's probes and hostNetwork are not the pod's: Triggers' controller copies neither into its object", () => {
    const el = customEventListener({
      spec: { template: { spec: { hostNetwork: true, containers: [{ livenessProbe: { httpGet: { host: '169.254.169.254', port: 80 } } }] } } },
    });
    expect(NO_HOST_ACCESS.check(el)).toEqual([]);
  });
});
