/**
 * The audit judges a tekton.dev/v1beta1 object as it judges what Tekton v1.15 stores of it: the v1
 * object its conversion webhook makes (conformance/cmd/tekton-convert runs Tekton's own ConvertTo),
 * and a v1alpha1 StepAction as the v1beta1 one it becomes. For hand-written v1beta1 objects that
 * carry a danger in each renamed or deprecated field, and for generated ones, every rule that finds
 * something on the converted object finds something on the v1beta1 one (the field paths differ, so
 * findings are compared by rule). Where the audit is stricter on the v1beta1 form (it reads a field
 * the conversion drops), the difference is listed in STRICTER_ON_V1BETA1 with the reason.
 */
import * as fc from 'fast-check';
import { RuleId } from '../../src';
import { evaluateManifests } from '../../src/policy/engine/evaluate';
import { Conversion, describeWithTektonConvert, tektonConvert } from '../helpers/tekton-convert';
import { NAMESPACE, podTemplate, SERVICE_ACCOUNT, tektonObject } from '../property/admission-parity-generators';

const SEED = Number(process.env.PROPERTY_SEED ?? 20261205);
const RUNS = Number(process.env.CONVERSION_RUNS ?? 500);
/**
 * The v1 form compared: what ConvertTo makes (`converted`, the default), or that with v1's SetDefaults as the
 * webhook answers the API server (`CONVERSION_FORM=stored`).
 */
const FORM: 'converted' | 'stored' = process.env.CONVERSION_FORM === 'stored' ? 'stored' : 'converted';

const PINNED = `registry.example.com/tools/sh@sha256:${'a'.repeat(64)}`;
const HARDENED = {
  runAsNonRoot: true,
  runAsUser: 1000,
  allowPrivilegeEscalation: false,
  privileged: false,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
  readOnlyRootFilesystem: true,
};
const LIMITS = { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '512Mi' } };

/** The cluster objects the runs' ServiceAccounts are judged with: `broad` may do anything in the namespace. */
const CONTEXT: any[] = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE, labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } },
  { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'broad', namespace: NAMESPACE } },
  { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: SERVICE_ACCOUNT, namespace: NAMESPACE } },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'everything', namespace: NAMESPACE }, rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }] },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'broad-everything', namespace: NAMESPACE },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'everything' },
    subjects: [{ kind: 'ServiceAccount', name: 'broad', namespace: NAMESPACE }],
  },
];

/** A hardened v1beta1 step whose fields `over` replaces. */
function step(over: Record<string, unknown> = {}): any {
  return { name: 'build', image: PINNED, script: '#!/bin/sh\necho hi\n', securityContext: HARDENED, resources: LIMITS, ...over };
}

function task(name: string, spec: any, annotations?: Record<string, string>): any {
  return { apiVersion: 'tekton.dev/v1beta1', kind: 'Task', metadata: { name, namespace: NAMESPACE, ...(annotations ? { annotations } : {}) }, spec };
}

function pipeline(name: string, spec: any): any {
  return { apiVersion: 'tekton.dev/v1beta1', kind: 'Pipeline', metadata: { name, namespace: NAMESPACE }, spec };
}

function taskRun(name: string, spec: any): any {
  return { apiVersion: 'tekton.dev/v1beta1', kind: 'TaskRun', metadata: { name, namespace: NAMESPACE }, spec: { timeout: '30m', ...spec } };
}

function pipelineRun(name: string, spec: any): any {
  return { apiVersion: 'tekton.dev/v1beta1', kind: 'PipelineRun', metadata: { name, namespace: NAMESPACE }, spec };
}

const PARAMS = [{ name: 'x', type: 'string' }];
const PIPELINE_TASK = { name: 'build', taskRef: { name: 'build' } };
const INLINE_PIPELINE = { params: PARAMS, tasks: [{ name: 'build', taskSpec: { params: PARAMS, steps: [step()] }, params: [{ name: 'x', value: '$(params.x)' }] }] };

/** Hand-written v1beta1 objects: each renamed or deprecated field carrying a danger some rule finds. */
const HAND_WRITTEN: Array<[string, any]> = [
  // Task: steps, stepTemplate, sidecars
  ['Task: a privileged step', task('privileged', { steps: [step({ securityContext: { ...HARDENED, privileged: true } })] })],
  ['Task: step resources without limits', task('no-limits', { steps: [step({ resources: { requests: { cpu: '1' } } })] })],
  ['Task: step without resources', task('no-resources', { steps: [step({ resources: undefined })] })],
  ['Task: stepTemplate resources and privilege', task('template', {
    stepTemplate: { resources: { requests: { cpu: '1' } }, securityContext: { privileged: true } },
    steps: [{ name: 'build', image: PINNED, script: '#!/bin/sh\necho hi\n' }],
  })],
  ['Task: sidecar resources', task('sidecar', { steps: [step()], sidecars: [{ name: 'db', image: PINNED, resources: { requests: { cpu: '1' } }, securityContext: HARDENED }] })],
  ['Task: $(inputs.params.x) in a script', task('inputs-script', { params: PARAMS, steps: [step({ script: '#!/bin/sh\necho $(inputs.params.x)\n' })] })],
  ['Task: $(inputs.params.x) in args', task('inputs-args', { params: PARAMS, steps: [step({ script: undefined, command: ['sh', '-c'], args: ['echo $(inputs.params.x)'] })] })],
  ['Task: $(inputs.params.x) in env', task('inputs-env', { params: PARAMS, steps: [step({ script: '#!/bin/sh\neval "$X"\n', env: [{ name: 'X', value: '$(inputs.params.x)' }] })] })],
  ['Task: $(inputs.params.x) in a sidecar script', task('inputs-sidecar', {
    params: PARAMS, steps: [step()], sidecars: [{ name: 'db', image: PINNED, script: '#!/bin/sh\necho $(inputs.params.x)\n', securityContext: HARDENED, resources: LIMITS }],
  })],
  ['Task: $(inputs.params.x) in a stepTemplate', task('inputs-template', { params: PARAMS, stepTemplate: { args: ['$(inputs.params.x)'] }, steps: [step({ script: undefined, command: ['sh', '-c'] })] })],
  ['Task: deprecated step fields (lifecycle, probes, ports, tty)', task('deprecated', {
    params: PARAMS,
    steps: [step({
      lifecycle: { postStart: { exec: { command: ['sh', '-c', 'echo $(params.x)'] } } },
      livenessProbe: { exec: { command: ['sh', '-c', '$(params.x)'] } },
      ports: [{ containerPort: 80, hostPort: 80 }],
      tty: true,
      stdin: true,
    })],
  })],
  ['Task: v1beta1 PipelineResources', task('resources', {
    resources: { inputs: [{ name: 'src', type: 'git' }] }, steps: [step({ script: '#!/bin/sh\ncd $(resources.inputs.src.path)\n' })],
  })],
  ['Task: an unpinned image', task('unpinned', { steps: [step({ image: 'alpine:latest' })] })],
  ['Task: a hostPath volume', task('host', { steps: [step({ volumeMounts: [{ name: 'docker', mountPath: '/var/run/docker.sock' }] })], volumes: [{ name: 'docker', hostPath: { path: '/var/run/docker.sock' } }] })],
  // TaskRun
  ['TaskRun: an unpinned bundle', taskRun('bundle', { taskRef: { name: 'build', bundle: 'registry.example.com/tasks:latest' } })],
  ['TaskRun: a pinned bundle', taskRun('bundle-pinned', { taskRef: { name: 'build', bundle: PINNED } })],
  ['TaskRun: a bundles resolver, unpinned', taskRun('resolver', { taskRef: { resolver: 'bundles', params: [{ name: 'bundle', value: 'registry.example.com/tasks:latest' }, { name: 'name', value: 'build' }, { name: 'kind', value: 'task' }] } })],
  ['TaskRun: a token-mounting pod template', taskRun('token', { taskRef: { name: 'build' }, serviceAccountName: SERVICE_ACCOUNT, podTemplate: { automountServiceAccountToken: true } })],
  ['TaskRun: hostNetwork', taskRun('host-network', { taskRef: { name: 'build' }, serviceAccountName: SERVICE_ACCOUNT, podTemplate: { hostNetwork: true } })],
  ['TaskRun: a broad ServiceAccount', taskRun('broad', { taskRef: { name: 'build' }, serviceAccountName: 'broad' })],
  ['TaskRun: no timeout', { ...taskRun('no-timeout', { taskRef: { name: 'build' } }), spec: { taskRef: { name: 'build' } } }],
  ['TaskRun: a huge timeout', taskRun('huge', { taskRef: { name: 'build' }, timeout: '2562047h' })],
  ['TaskRun: stepOverrides resources', taskRun('step-overrides', { taskRef: { name: 'build' }, stepOverrides: [{ name: 'build', resources: { requests: { cpu: '64' } } }] })],
  ['TaskRun: sidecarOverrides resources', taskRun('sidecar-overrides', { taskRef: { name: 'build' }, sidecarOverrides: [{ name: 'db', resources: { requests: { cpu: '64' } } }] })],
  ['TaskRun: computeResources', taskRun('compute', { taskRef: { name: 'build' }, computeResources: { requests: { cpu: '64' } } })],
  ['TaskRun: an inline v1beta1 task with a privileged step and $(inputs.params.x)', taskRun('inline', {
    params: [{ name: 'x', value: 'main' }],
    taskSpec: { params: PARAMS, steps: [step({ script: '#!/bin/sh\necho $(inputs.params.x)\n', securityContext: { privileged: true }, resources: undefined })] },
  })],
  ['TaskRun: PipelineResources', taskRun('pr-resources', { taskRef: { name: 'build' }, resources: { inputs: [{ name: 'src', resourceRef: { name: 'repo' } }] } })],
  // Pipeline
  ['Pipeline: an unpinned bundle', pipeline('bundle', { tasks: [{ name: 'build', taskRef: { name: 'build', bundle: 'registry.example.com/tasks:latest' } }] })],
  ['Pipeline: finally with an unpinned bundle', pipeline('bundle-finally', { tasks: [PIPELINE_TASK], finally: [{ name: 'notify', taskRef: { name: 'notify', bundle: 'registry.example.com/tasks:v1' } }] })],
  ['Pipeline: an inline task with step resources, privilege and $(inputs.params.x)', pipeline('inline', {
    params: PARAMS,
    tasks: [{
      name: 'build',
      params: [{ name: 'x', value: '$(params.x)' }],
      taskSpec: { params: PARAMS, steps: [step({ script: '#!/bin/sh\necho $(inputs.params.x)\n', securityContext: { privileged: true }, resources: { requests: { cpu: '1' } } })] },
    }],
  })],
  ['Pipeline: a pipeline in a pipeline', pipeline('nested', { tasks: [{ name: 'inner', pipelineRef: { name: 'other' } }, PIPELINE_TASK] })],
  // PipelineRun
  ['PipelineRun: serviceAccountName bound to a broad role', pipelineRun('broad', { pipelineRef: { name: 'ci' }, serviceAccountName: 'broad', timeout: '1h' })],
  ['PipelineRun: podTemplate hostNetwork', pipelineRun('host-network', { pipelineRef: { name: 'ci' }, serviceAccountName: SERVICE_ACCOUNT, podTemplate: { hostNetwork: true }, timeout: '1h' })],
  ['PipelineRun: a token-mounting podTemplate', pipelineRun('token', { pipelineRef: { name: 'ci' }, serviceAccountName: SERVICE_ACCOUNT, podTemplate: { automountServiceAccountToken: true }, timeout: '1h' })],
  ['PipelineRun: a privileged podTemplate securityContext', pipelineRun('pod-sc', {
    pipelineRef: { name: 'ci' }, serviceAccountName: SERVICE_ACCOUNT, podTemplate: { securityContext: { runAsUser: 0, runAsNonRoot: false } }, timeout: '1h',
  })],
  ['PipelineRun: no timeout', pipelineRun('no-timeout', { pipelineRef: { name: 'ci' }, serviceAccountName: SERVICE_ACCOUNT })],
  ['PipelineRun: a huge timeout', pipelineRun('huge', { pipelineRef: { name: 'ci' }, serviceAccountName: SERVICE_ACCOUNT, timeout: '2562047h' })],
  ['PipelineRun: timeout 0 (none)', pipelineRun('zero', { pipelineRef: { name: 'ci' }, serviceAccountName: SERVICE_ACCOUNT, timeout: '0s' })],
  ['PipelineRun: timeout next to huge timeouts.tasks', pipelineRun('both', { pipelineRef: { name: 'ci' }, serviceAccountName: SERVICE_ACCOUNT, timeout: '1h', timeouts: { tasks: '2562047h', finally: '0s' } })],
  ['PipelineRun: huge timeouts', pipelineRun('timeouts', { pipelineRef: { name: 'ci' }, serviceAccountName: SERVICE_ACCOUNT, timeouts: { pipeline: '2562047h' } })],
  ['PipelineRun: taskRunSpecs taskServiceAccountName broad', pipelineRun('task-sa', {
    pipelineRef: { name: 'ci' }, serviceAccountName: SERVICE_ACCOUNT, timeout: '1h', taskRunSpecs: [{ pipelineTaskName: 'build', taskServiceAccountName: 'broad' }],
  })],
  ['PipelineRun: taskRunSpecs taskPodTemplate hostNetwork', pipelineRun('task-pod', {
    pipelineRef: { name: 'ci' }, serviceAccountName: SERVICE_ACCOUNT, timeout: '1h', taskRunSpecs: [{ pipelineTaskName: 'build', taskPodTemplate: { hostNetwork: true } }],
  })],
  ['PipelineRun: taskRunSpecs taskPodTemplate token', pipelineRun('task-token', {
    pipelineRef: { name: 'ci' }, serviceAccountName: SERVICE_ACCOUNT, timeout: '1h', taskRunSpecs: [{ pipelineTaskName: 'build', taskPodTemplate: { automountServiceAccountToken: true } }],
  })],
  ['PipelineRun: taskRunSpecs stepOverrides and sidecarOverrides', pipelineRun('overrides', {
    pipelineRef: { name: 'ci' },
    serviceAccountName: SERVICE_ACCOUNT,
    timeout: '1h',
    taskRunSpecs: [{ pipelineTaskName: 'build', stepOverrides: [{ name: 'build', resources: { requests: { cpu: '64' } } }], sidecarOverrides: [{ name: 'db', resources: { requests: { cpu: '64' } } }] }],
  })],
  ['PipelineRun: taskRunSpecs huge timeout', pipelineRun('task-timeout', {
    pipelineRef: { name: 'ci' }, serviceAccountName: SERVICE_ACCOUNT, timeout: '1h', taskRunSpecs: [{ pipelineTaskName: 'build', timeout: '2562047h' }],
  })],
  ['PipelineRun: an unpinned pipeline bundle', pipelineRun('bundle', { pipelineRef: { name: 'ci', bundle: 'registry.example.com/pipelines:latest' }, serviceAccountName: SERVICE_ACCOUNT, timeout: '1h' })],
  ['PipelineRun: an inline pipeline with a v1beta1 step', pipelineRun('inline', {
    params: [{ name: 'x', value: 'main' }],
    serviceAccountName: SERVICE_ACCOUNT,
    timeout: '1h',
    pipelineSpec: {
      params: PARAMS,
      tasks: [{
        name: 'build',
        params: [{ name: 'x', value: '$(params.x)' }],
        taskSpec: { params: PARAMS, steps: [step({ script: '#!/bin/sh\necho $(inputs.params.x)\n', securityContext: { privileged: true } })] },
      }],
    },
  })],
  ['PipelineRun: an inline v1beta1 step with computeResources (the v1 name) only', pipelineRun('inline-compute', {
    serviceAccountName: SERVICE_ACCOUNT,
    timeout: '1h',
    pipelineSpec: { tasks: [{ name: 'build', taskSpec: { steps: [step({ resources: undefined, computeResources: LIMITS })] } }] },
  })],
  ['PipelineRun: an inline pipeline with an unpinned bundle', pipelineRun('inline-bundle', {
    serviceAccountName: SERVICE_ACCOUNT, timeout: '1h', pipelineSpec: { tasks: [{ name: 'build', taskRef: { name: 'build', bundle: 'registry.example.com/tasks:latest' } }] },
  })],
  ['PipelineRun: an inline pipeline, all in one', pipelineRun('all', {
    serviceAccountName: 'broad', podTemplate: { hostNetwork: true, automountServiceAccountToken: true }, pipelineSpec: INLINE_PIPELINE,
  })],
  // StepAction v1alpha1
  ['StepAction v1alpha1: privileged, unpinned, $(params.x) in a script', {
    apiVersion: 'tekton.dev/v1alpha1',
    kind: 'StepAction',
    metadata: { name: 'scan', namespace: NAMESPACE },
    spec: { params: PARAMS, image: 'alpine:latest', script: '#!/bin/sh\necho $(params.x)\n', securityContext: { privileged: true } },
  }],
];

const maybe = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(a, { nil: undefined });
const defined = (o: Record<string, unknown>): any => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** v1beta1 step, sidecar and stepTemplate fields, each with its dangers. */
const RESOURCES = maybe(fc.constantFrom<any>(LIMITS, { requests: { cpu: '1' } }, { limits: { cpu: '64', memory: '1Ti' } }, {}, null, { limits: null, requests: LIMITS.requests }));
const SECURITY_CONTEXT = maybe(fc.constantFrom<any>(
  HARDENED, { ...HARDENED, privileged: true }, { runAsUser: 0 }, { allowPrivilegeEscalation: true }, {},
));
const SCRIPT = maybe(fc.constantFrom('#!/bin/sh\necho hi\n', '#!/bin/sh\necho $(inputs.params.x)\n', '#!/bin/sh\necho $(params.x)\n', 'echo $(inputs.params.x)'));
const ARGS = maybe(fc.constantFrom(['$(inputs.params.x)'], ['-c', 'echo $(inputs.params.x)'], ['--ref=$(inputs.params.x)'], ['$(params.x)']));
const ENV = maybe(fc.constantFrom([{ name: 'X', value: '$(inputs.params.x)' }], [{ name: 'X', valueFrom: { secretKeyRef: { name: '$(inputs.params.x)', key: 'k' } } }]));
const DEPRECATED = maybe(fc.constantFrom<any>(
  { lifecycle: { postStart: { exec: { command: ['sh', '-c', 'echo $(inputs.params.x)'] } } } },
  { ports: [{ containerPort: 80, hostPort: 80 }] },
  { livenessProbe: { exec: { command: ['sh', '-c', '$(params.x)'] } } },
  { tty: true, stdin: true },
));
const container = (name: string): fc.Arbitrary<any> => fc.record({
  image: fc.constantFrom(PINNED, PINNED, 'alpine:latest', 'alpine'),
  script: SCRIPT,
  args: ARGS,
  env: ENV,
  resources: RESOURCES,
  securityContext: SECURITY_CONTEXT,
  deprecated: DEPRECATED,
  workingDir: maybe(fc.constantFrom('/workspace', '$(inputs.params.x)')),
  // the v1 name, which a v1beta1 step does not have
  computeResources: maybe(fc.constant(LIMITS)),
}).map(({ deprecated, ...c }) => defined({
  name, ...c, ...(c.script !== undefined && c.args !== undefined ? { args: undefined } : {}), ...(deprecated ?? {}),
}));
const v1beta1TaskSpec: fc.Arbitrary<any> = fc.record({
  steps: fc.array(container('build'), { minLength: 1, maxLength: 2 }).map((steps) => steps.map((s, i) => ({ ...s, name: `s${i}` }))),
  stepTemplate: maybe(fc.record({ resources: RESOURCES, securityContext: SECURITY_CONTEXT, env: ENV, args: ARGS }).map(defined)),
  sidecars: maybe(fc.array(container('db'), { maxLength: 1 })),
  volumes: maybe(fc.constantFrom([{ name: 'docker', hostPath: { path: '/var/run/docker.sock' } }], [{ name: 'tmp', emptyDir: {} }])),
}).map((spec) => defined({ params: PARAMS, ...spec }));
const TIMEOUT = maybe(fc.constantFrom<any>('1h', '0s', '2562047h', '30m', null));
const SA = maybe(fc.constantFrom<any>('broad', SERVICE_ACCOUNT, 'default', '', null));
const POD_TEMPLATE = maybe(fc.oneof(
  fc.constantFrom<any>(
    { hostNetwork: true }, { automountServiceAccountToken: true }, { securityContext: { runAsUser: 0 } }, { hostPID: true }, {}, null,
    { automountServiceAccountToken: null },
  ),
  podTemplate,
));
const BUNDLE = maybe(fc.constantFrom('registry.example.com/tasks:latest', PINNED, 'registry.example.com/tasks'));
const taskRef = (name: string): fc.Arbitrary<any> => BUNDLE.map((bundle) => defined({ name, bundle }));
const OVERRIDES = maybe(fc.constantFrom<any>([{ name: 's0', resources: { requests: { cpu: '64' } } }], [{ name: 's0', resources: {} }]));
const taskRunSpecs = maybe(fc.array(fc.record({
  pipelineTaskName: fc.constantFrom('build', 'other'),
  taskServiceAccountName: SA,
  taskPodTemplate: POD_TEMPLATE,
  stepOverrides: OVERRIDES,
  sidecarOverrides: OVERRIDES,
  computeResources: RESOURCES,
  timeout: TIMEOUT,
  // v1 names
  serviceAccountName: maybe(fc.constant(SERVICE_ACCOUNT)),
  podTemplate: maybe(fc.constant({ securityContext: HARDENED })),
}).map(defined), { maxLength: 2 }));
const pipelineTask = (name: string): fc.Arbitrary<any> => fc.record({
  ref: fc.oneof(taskRef('build').map((t) => ({ taskRef: t })), v1beta1TaskSpec.map((t) => ({ taskSpec: t }))), timeout: TIMEOUT,
}).map(({ ref, timeout }) => defined({ name, ...ref, timeout, params: [{ name: 'x', value: '$(params.x)' }] }));
const v1beta1PipelineSpec: fc.Arbitrary<any> = fc.record({
  tasks: fc.array(pipelineTask('build'), { minLength: 1, maxLength: 2 }).map((ts) => ts.map((t, i) => ({ ...t, name: `t${i}` }))),
  finally: maybe(fc.array(pipelineTask('notify'), { maxLength: 1 })),
}).map((spec) => defined({ params: PARAMS, ...spec }));

/** v1beta1 objects made of the renamed and deprecated fields, each with its dangers, several at once. */
const v1beta1Object: fc.Arbitrary<any> = fc.oneof(
  v1beta1TaskSpec.map((spec) => task('build', spec)),
  v1beta1PipelineSpec.map((spec) => pipeline('ci', spec)),
  fc.record({
    ref: fc.oneof(taskRef('build').map((t) => ({ taskRef: t })), v1beta1TaskSpec.map((t) => ({ taskSpec: t }))),
    serviceAccountName: SA,
    podTemplate: POD_TEMPLATE,
    timeout: TIMEOUT,
    stepOverrides: OVERRIDES,
    sidecarOverrides: OVERRIDES,
    computeResources: RESOURCES,
    // v1 names
    stepSpecs: maybe(fc.constant([{ name: 's0', computeResources: LIMITS }])),
    timeouts: maybe(fc.constant({ pipeline: '1h' })),
  }).map(({ ref, ...spec }) => ({ ...taskRun('build-run', {}), spec: defined({ ...ref, params: [{ name: 'x', value: 'main' }], ...spec }) })),
  fc.record({
    ref: fc.oneof(
      BUNDLE.map((bundle) => ({ pipelineRef: defined({ name: 'ci', bundle }) })),
      v1beta1PipelineSpec.map((p) => ({ pipelineSpec: p }))),
    serviceAccountName: SA,
    podTemplate: POD_TEMPLATE,
    timeout: TIMEOUT,
    timeouts: maybe(fc.record({ pipeline: TIMEOUT, tasks: TIMEOUT, finally: TIMEOUT }).map(defined)),
    taskRunSpecs,
    // the v1 name, which a v1beta1 PipelineRun does not have
    taskRunTemplate: maybe(fc.constantFrom<any>({ serviceAccountName: SERVICE_ACCOUNT }, { podTemplate: { securityContext: HARDENED } })),
  }).map(({ ref, ...spec }) => pipelineRun('ci-run', defined({ ...ref, params: [{ name: 'x', value: 'main' }], ...spec }))),
);

/**
 * Where the audit is stricter on the v1beta1 form than on the v1 form Tekton stores, and why:
 * `<case name>` → the rules that find only on the v1beta1 form.
 */
const BUNDLE_DROPPED = [RuleId.REMOTE_REFERENCE_PINNED, RuleId.REMOTE_REFERENCE_VERIFIED, RuleId.TEKTON_FIELD_NAMES];
const STRICTER_ON_V1BETA1: Record<string, RuleId[]> = {
  // v1beta1 pipeline tasks' pipelineRef/pipelineSpec: Tekton's conversion drops them (TEKTON_FIELD_NAMES says so)
  'Pipeline: a pipeline in a pipeline': [RuleId.TEKTON_FIELD_NAMES],
  // a v1beta1 step's computeResources: not a v1beta1 field (Tekton's webhook refuses it, its conversion drops it)
  'PipelineRun: an inline v1beta1 step with computeResources (the v1 name) only': [RuleId.TEKTON_FIELD_NAMES],
  // taskRef.bundle and pipelineRef.bundle: Tekton v1.15's webhook refuses them and its conversion drops them
  // (taskref_conversion.go, pipelineref_conversion.go copy name, kind, apiVersion and the resolver only), so
  // the v1 form names an in-cluster Task; the v1beta1 form's reference is still judged as the bundle it names
  'Pipeline: an unpinned bundle': BUNDLE_DROPPED,
  'Pipeline: finally with an unpinned bundle': BUNDLE_DROPPED,
  'PipelineRun: an inline pipeline with an unpinned bundle': BUNDLE_DROPPED,
  'PipelineRun: an unpinned pipeline bundle': BUNDLE_DROPPED,
  'TaskRun: a pinned bundle': [RuleId.REMOTE_REFERENCE_VERIFIED, RuleId.TEKTON_FIELD_NAMES],
  // PipelineResources: Tekton v1.15's v1beta1 validation refuses them (must not set the field(s)), its conversion drops them
  'Task: v1beta1 PipelineResources': [RuleId.TEKTON_ADMITTED],
  'TaskRun: PipelineResources': [RuleId.TEKTON_ADMITTED],
  'TaskRun: an unpinned bundle': BUNDLE_DROPPED,
  // the per-task timeout longer than the deprecated `timeout`: on the v1 form it is a refusal, which
  // divergence() sets aside (Tekton validates the v1beta1 form, and admits it); the v1beta1 form's finding is the huge timeout's
  'PipelineRun: taskRunSpecs huge timeout': [RuleId.RUN_TIMEOUT],
  // `timeout` next to `timeouts`: Tekton refuses the v1beta1 run; the conversion keeps `timeout` alone
  'PipelineRun: timeout next to huge timeouts.tasks': [RuleId.RUN_TIMEOUT],
};

/** The rules that find something on `obj` (with the cluster objects of CONTEXT), with their findings' messages. */
function findingsByRule(obj: any): Map<RuleId, string[]> {
  const out = new Map<RuleId, string[]>();
  for (const check of evaluateManifests([obj, ...CONTEXT])[0].checks) {
    if (check.findings.length > 0) out.set(check.rule, check.findings.map((f) => f.problem));
  }
  return out;
}

/** RUN_TIMEOUT's refusals of a v1beta1 PipelineRun with `timeout` (see divergence()): Tekton validates the v1beta1 form. */
function setAside(obj: any, rule: RuleId): boolean {
  return rule === RuleId.RUN_TIMEOUT && obj.kind === 'PipelineRun' && obj.spec?.timeout !== undefined;
}

interface Divergence {
  readonly looser: RuleId[];
  readonly stricter: RuleId[];
  readonly detail: string;
}

/** The rules that find on the converted form only (looser on v1beta1), and on the v1beta1 form only. */
function divergence(obj: any, conversion: Conversion): Divergence {
  if (conversion.error !== undefined) return { looser: [], stricter: [], detail: `not converted: ${conversion.error}` };
  const before = findingsByRule(obj);
  const after = findingsByRule(conversion[FORM]);
  // Tekton's webhook validates the v1beta1 object, before the conversion: a v1beta1 PipelineRun's
  // `timeout` is not compared with its taskRunSpecs' timeouts (v1beta1 pipelinerun_validation.go
  // compares them with `timeouts.pipeline` only), so a refusal the converted `timeouts.pipeline`
  // would draw is not one Tekton makes (tekton-validate admits such a run).
  if (obj.kind === 'PipelineRun' && obj.spec?.timeout !== undefined && after.has(RuleId.RUN_TIMEOUT)) {
    const kept = after.get(RuleId.RUN_TIMEOUT)!.filter((m) => !/^is longer than timeouts\.pipeline .*\(Tekton refuses the run\)$/.test(m));
    if (kept.length > 0) after.set(RuleId.RUN_TIMEOUT, kept);
    else after.delete(RuleId.RUN_TIMEOUT);
  }
  // likewise the webhook's refusals: it validates the v1beta1 object, not the v1 form Tekton stores, so what TEKTON_ADMITTED finds on
  // the stored form only (a result reference in an embedded Task's steps, a dependency in v1 and not in v1beta1) is no refusal Tekton makes
  const admittedBefore = before.get(RuleId.TEKTON_ADMITTED) ?? [];
  if ((after.get(RuleId.TEKTON_ADMITTED)?.length ?? 0) > admittedBefore.length) {
    if (admittedBefore.length > 0) after.set(RuleId.TEKTON_ADMITTED, admittedBefore);
    else after.delete(RuleId.TEKTON_ADMITTED);
  }
  // a rule with more findings on the stored form misses one on the v1beta1 form
  const looser = [...after.keys()].filter((r) => after.get(r)!.length > (before.get(r)?.length ?? 0));
  const stricter = [...before.keys()].filter((r) => !after.has(r));
  const detail = [
    ...looser.map((r) => `${r} finds on v1 only: ${after.get(r)!.join(' | ')}`),
    ...stricter.map((r) => `${r} finds on v1beta1 only: ${before.get(r)!.join(' | ')}`),
  ].join('\n');
  return { looser, stricter, detail };
}

describeWithTektonConvert('the audit of tekton.dev/v1beta1 objects and of the v1 objects Tekton v1.15 stores of them', () => {
  test('hand-written objects: no rule finds on the stored form only, and the v1beta1 form is stricter only where listed', () => {
    const conversions = tektonConvert(HAND_WRITTEN.map(([, o]) => o));
    const errors = conversions.flatMap((c, i) => (c.error !== undefined ? [`${HAND_WRITTEN[i][0]}: ${c.error}`] : []));
    expect(errors).toEqual([]);
    const looser: string[] = [];
    const stricter: Record<string, RuleId[]> = {};
    HAND_WRITTEN.forEach(([name, obj], i) => {
      const d = divergence(obj, conversions[i]);
      if (d.looser.length > 0) looser.push(`${name}:\n${d.detail}`);
      if (d.stricter.length > 0) stricter[name] = d.stricter;
    });
    expect(looser).toEqual([]);
    expect(stricter).toEqual(STRICTER_ON_V1BETA1);
  });

  test('the hand-written objects carry the dangers (every case has a finding on the v1beta1 form)', () => {
    const silent = HAND_WRITTEN.flatMap(([name, obj]) => (findingsByRule(obj).size === 0 ? [name] : []));
    expect(silent).toEqual([]);
  });

  test('the conversion moves the renamed fields (the oracle does what the brief of this test says)', () => {
    const [run] = tektonConvert([pipelineRun('moved', {
      pipelineRef: { name: 'ci' },
      serviceAccountName: 'broad',
      podTemplate: { hostNetwork: true },
      timeout: '1h',
      taskRunSpecs: [{ pipelineTaskName: 'build', taskServiceAccountName: 'x', taskPodTemplate: { hostNetwork: true } }],
    })]);
    expect(run.error).toBeUndefined();
    expect((run as any).converted.spec).toEqual({
      pipelineRef: { name: 'ci' },
      timeouts: { pipeline: '1h0m0s' },
      taskRunTemplate: { serviceAccountName: 'broad', podTemplate: { hostNetwork: true } },
      taskRunSpecs: [{ pipelineTaskName: 'build', serviceAccountName: 'x', podTemplate: { hostNetwork: true } }],
    });
  });

  test('tekton-convert answers every object, in order: what it does not convert is an error line', () => {
    const answers = tektonConvert([
      { apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: 'already-v1' }, spec: {} },
      { apiVersion: 'tekton.dev/v1beta1', kind: 'CustomRun', metadata: { name: 'custom' }, spec: {} },
      { apiVersion: 'tekton.dev/v1beta1', kind: 'Task', metadata: { name: 'bad' }, spec: { steps: 'not a list' } },
      task('ok', { steps: [step()] }),
    ]);
    expect(answers.map((a) => a.error)).toEqual([
      'no conversion for tekton.dev/v1 Task',
      'no conversion for tekton.dev/v1beta1 CustomRun',
      expect.stringMatching(/^unable to unmarshal input: json: cannot unmarshal string into Go struct field TaskSpec\.spec\.steps of type \[\]v1beta1\.Step$/),
      undefined,
    ]);
    expect((answers[3] as any).converted.spec.steps[0].computeResources).toEqual(LIMITS);
    expect((answers[3] as any).converted.apiVersion).toBe('tekton.dev/v1');
  });

  test(`generated v1beta1 objects of renamed and deprecated fields (${RUNS} runs, seed ${SEED}): no rule finds more on the stored form`, () => {
    const objects = fc.sample(v1beta1Object, { numRuns: RUNS, seed: SEED });
    const conversions = tektonConvert(objects);
    const looser = objects.flatMap((obj, i) => {
      const d = divergence(obj, conversions[i]);
      return d.looser.length > 0 ? [`${JSON.stringify(obj)}\n${d.detail}`] : [];
    });
    expect(looser.slice(0, 3)).toEqual([]);
    expect(looser).toHaveLength(0);
    expect(conversions.filter((c) => c.error !== undefined)).toEqual([]);
  });

  test(`generated sets of v1beta1 objects that refer to each other (${RUNS} runs, seed ${SEED}): no rule finds more on what Tekton stores`, () => {
    // a Task `build`, a Pipeline `ci` whose tasks refer to it by name, a TaskRun of it and a PipelineRun of `ci`,
    // judged together (the cross-object readings: referenced steps, volumes, service accounts)
    const sets = fc.sample(fc.tuple(
      v1beta1TaskSpec, v1beta1PipelineSpec, v1beta1Object.filter((o) => o.kind === 'TaskRun'), v1beta1Object.filter((o) => o.kind === 'PipelineRun'),
    ).map(([t, p, tr, pr]) => [
      task('build', t),
      pipeline('ci', { ...p, tasks: p.tasks.map((pt: any) => ({ ...pt, taskRef: { name: 'build' }, taskSpec: undefined })) }),
      { ...tr, spec: { ...tr.spec, taskRef: { name: 'build' }, taskSpec: undefined } },
      { ...pr, spec: { ...pr.spec, pipelineRef: { name: 'ci' }, pipelineSpec: undefined } },
    ].map((o) => JSON.parse(JSON.stringify(o)))), { numRuns: Math.max(1, Math.round(RUNS / 4)), seed: SEED });
    const conversions = tektonConvert(sets.flat());
    expect(conversions.filter((c) => c.error !== undefined)).toEqual([]);
    const byObject = (objects: any[]): Array<Map<RuleId, number>> => evaluateManifests([...objects, ...CONTEXT]).slice(0, objects.length)
      .map((p) => new Map(p.checks.filter((c) => c.findings.length > 0).map((c) => [c.rule, c.findings.length])));
    const looser = sets.flatMap((set, i) => {
      const before = byObject(set);
      const after = byObject(set.map((_, j) => (conversions[i * set.length + j] as any)[FORM]));
      return set.flatMap((obj, j) => {
        const more = [...after[j]].filter(([r, n]) => n > (before[j].get(r) ?? 0) && !setAside(obj, r));
        return more.length > 0 ? [`${obj.kind}: ${more.map(([r]) => r).join(', ')}\n${JSON.stringify(set)}`] : [];
      });
    });
    expect(looser.slice(0, 3)).toEqual([]);
    expect(looser).toHaveLength(0);
  });

  test(`generated v1beta1 objects of the admission-parity generators (${RUNS} runs, seed ${SEED}): no rule finds more on the stored form`, () => {
    const v1beta1 = tektonObject.filter((o) => o.apiVersion === 'tekton.dev/v1beta1' ? o.kind !== 'StepAction' : o.apiVersion === 'tekton.dev/v1alpha1');
    const objects = fc.sample(v1beta1, { numRuns: RUNS, seed: SEED });
    const conversions = tektonConvert(objects);
    const looser = objects.flatMap((obj, i) => {
      const d = divergence(obj, conversions[i]);
      return d.looser.length > 0 ? [`${JSON.stringify(obj)}\n${d.detail}`] : [];
    });
    expect(looser.slice(0, 5)).toEqual([]);
    // the sample holds every kind, converted
    const kinds = new Set(objects.filter((_, i) => conversions[i].error === undefined).map((o) => o.kind));
    expect([...kinds].sort()).toEqual(['Pipeline', 'PipelineRun', 'StepAction', 'Task', 'TaskRun']);
  });
});

