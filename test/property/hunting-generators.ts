/**
 * fast-check generators that draw from the whole input space of an app that uses the
 * library, for the hunting properties (hunting.test.ts):
 *
 * - the library's constructs, with adversarial strings in every string position the API
 *   takes (names, descriptions, param values, env, scripts, reasons, targets);
 * - escape-hatch JSON patches (add, replace, remove) at random paths of any `ApiObject` of
 *   the app, steered towards the places that matter (securityContext fields, container
 *   fields, pod templates, task references, annotations including the library's own
 *   `secure-tekton/relax.*` and seal), with adversarial values;
 * - raw `ApiObject`s beside the library's: Tekton Tasks, Pipelines, TaskRuns, PipelineRuns
 *   and StepActions (v1, v1beta1, v1alpha1) with every container place (steps, sidecars,
 *   stepTemplate, embedded taskSpec and pipelineSpec), RBAC, NetworkPolicies, Secrets,
 *   ConfigMaps and Namespaces, each a hardened template perturbed by the same patches;
 * - relaxations given to random constructs with random rules, reasons and targets.
 *
 * Everything is drawn as plain data (a `Scenario`) and built by `buildScenario`, so that
 * fast-check shrinks counterexamples to small, printable inputs, and the regression corpus
 * can state them literally.
 */
import { randomUUID } from 'crypto';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, JsonPatch, Size, Testing } from 'cdk8s';
import { IConstruct } from 'constructs';
import * as fc from 'fast-check';
import {
  ParamConstraint, Relaxations, RuleCatalogue, RuleId, RunWorkspace, SecurePipeline, SecurePipelineRun, SecureTask, StepProps, TrustDomain,
} from '../../src';

// ---------------------------------------------------------------------------------------
// Strings

export const DIGEST_IMAGE = `registry.example.com/tools/sh@sha256:${'a'.repeat(64)}`;

/** Strings YAML, shells and Tekton read specially. */
export const YAML_SPECIAL = [
  'yes', 'no', 'Yes', 'NO', 'on', 'off', 'y', 'n', 'true', 'false', 'True', 'FALSE', '~', 'null', 'Null', 'NULL', '', ' ',
  '0', '-0', '00', '010', '0o10', '0x10', '0b10', '1e3', '1_000', '1:20', '+1', '.5', '.inf', '-.Inf', '.NaN', '<<', '=',
  '!!str x', '!x', '&a x', '*a', '- x', '-', '--', '---', '...', ': x', 'a: b', '? x', '# x', 'x #y', '@x', '`x', '|', '>',
  '%YAML 1.1', '"x', "'x", '{a}', '[a]', '2001-12-14', '12:30:45', 'x\n---\ny', 'Y', 'N', 'Off', '0.', '-.5', '+.inf', '.Inf', '0o7', '0b-1',
  '1e_1', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10 -5', '1:20:30', '190:20:30', '0xFF', '-0x1', '+12', '1.5e+3', '=', '!', '&', '*',
];

/** Tekton substitutions, well-formed and not. */
export const SUBSTITUTIONS = [
  '$(params.value)', "$(params['value'])", '$(params["value"])', '$(params.value[*])', '$(params.nope)', '$(params.value.key)',
  '$(context.taskRun.name)', '$(context.pipelineRun.name)', '$(context.pipeline.name)', '$(context.task.name)', '$(context.taskRun.uid)',
  '$(workspaces.source.path)', '$(results.out.path)', '$(tasks.a.results.out)', '$(steps.step-0.exitCode.path)', '$(credentials.path)',
  '$$(params.value)', '$(', '$()', '$(params.)', '$(params.value', '${params.value}', '$HOME', '`id`', '$(id)', '$(params.value)$(params.value)',
];

/** Control, invisible, bidirectional, non-BMP and unpaired code units. */
export const CODE_POINTS = [
  '\u0000', '\u0007', '\b', '\t', '\n', '\r', '\r\n', '\u000b', '\f', '\u001b[31m', '\u007f', '\u0085', '\u00a0', '\u200b', '\u200c',
  '\u200d', '\u2028', '\u2029', '\u202e', '\u2066', '\ufeff', '\ufffe', '\uffff', '\ud800', '\udc00', '\u{10ffff}', '\u00e9', 'e\u0301',
  '\ufb01', '\u0130', '\u00df', '\u{1d4b3}', '\u{1f600}', '\u4e2d\u6587', '\uff53\uff48',
];

/** Strings programs read as options, paths or commands. */
export const SHELLISH = [
  '-rf', '--privileged', '-c', ';id', '&&id', '|id', '../../etc/passwd', '/', '/etc', '/var/run/secrets/kubernetes.io/serviceaccount',
  '/proc/self', '~root', '#!/bin/sh', '#!/bin/sh\nid', '\\', '%s%n',
];

/** Long strings, and long runs of what a search could retry from (letters, `$(`, `$(steps.`, `://`). */
export const LONG = ['a'.repeat(63), 'a'.repeat(64), 'a'.repeat(253), 'a'.repeat(254), 'x'.repeat(4096), '0 '.repeat(35_000), 'y'.repeat(70_000), '$('.repeat(20_000), '$(steps.'.repeat(5_000), 'a://'.repeat(10_000)];

// Known defects of the library, kept out of the generators until they are fixed (each is listed, with its
// minimal input, in KNOWN_DEFECTS of hunting.test.ts; remove the exclusion with the fix): none at present.

const PIECES = [...YAML_SPECIAL, ...SUBSTITUTIONS, ...CODE_POINTS, ...SHELLISH, 'a', 'step-0', 'value', ' ', '/', ':', '.'];

/** Any string, weighted towards the adversarial ones. */
export const adversarialString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...YAML_SPECIAL, ...SUBSTITUTIONS, ...CODE_POINTS, ...SHELLISH) },
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 4 }).map((xs) => xs.join('')) },
  { weight: 1, arbitrary: fc.constantFrom(...LONG) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
);

const LABEL = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}[a-z0-9]$/);

/** The name of a raw object (the library does not check it): mostly a DNS-1123 label, sometimes anything written as it is read. */
export const nameLike: fc.Arbitrary<string> = fc.oneof({ weight: 29, arbitrary: LABEL }, { weight: 1, arbitrary: adversarialString });

/** A reason: mostly long enough, sometimes anything. */
export const reasonLike: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.constant('the vendor image needs this') },
  { weight: 2, arbitrary: fc.tuple(fc.constant('reason '), adversarialString, fc.constant(' given')).map((xs) => xs.join('')) },
  { weight: 1, arbitrary: adversarialString },
  // at the limit of 1024 characters, one past it, and 256 KiB (the API server's limit on annotations)
  { weight: 1, arbitrary: fc.constantFrom('r'.repeat(1024), 'r'.repeat(1025), 'r'.repeat(256 * 1024)) },
);

// ---------------------------------------------------------------------------------------
// Values

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
/** A patch value: JSON, or what a careless escape hatch passes (undefined, NaN, Infinity). */
export type PatchValue = Json | undefined;

/** Scalars of every type, with the spellings YAML and Go read differently. */
export const SCALARS: PatchValue[] = [
  'yes', 'true', 'True', 'false', 'no', 'on', '~', 'null', '', '0', '-1', '1e3', '0x10', '<<', '$(params.value)', '-rf', '\u200b',
  0, -1, 1, 1e3, 65532, 2 ** 31, 2 ** 53 + 2, -0, 0.5, 1e21, true, false, null,
];

/** Values of the wrong shape. */
export const SHAPES: PatchValue[] = [{}, [], { a: 1 }, ['ALL'], [null], [''], { '': '' }, [{}]];

/** Values no JSON has, that a careless escape hatch can still pass. */
export const NON_JSON: PatchValue[] = [undefined, NaN, Infinity, -Infinity];

/** Dangerous or interesting values by the key they are set at. */
export const VALUES_BY_KEY: Record<string, PatchValue[]> = {
  // securityContext
  runAsUser: [0, -1, '0', 1e3, 65532, 2 ** 31, 0.5, null],
  runAsGroup: [0, -1, '0', 65532],
  runAsNonRoot: [false, 'false', 'no', 0, null, true],
  privileged: [true, 'true', 'yes', 1, null, false, {}],
  allowPrivilegeEscalation: [true, 'true', 'yes', 'on', 1, null, false],
  readOnlyRootFilesystem: [false, 'false', 'no', 0, null, true],
  capabilities: [{ add: ['SYS_ADMIN'] }, { add: ['ALL'], drop: ['ALL'] }, { drop: [] }, { drop: ['all'] }, { drop: ['ALL', 'ALL'] }, { add: ['CAP_SYS_ADMIN'], drop: ['ALL'] }, null, {}],
  seccompProfile: [{ type: 'Unconfined' }, { type: 'Localhost', localhostProfile: 'x.json' }, { type: 'runtimedefault' }, { type: 'RuntimeDefault' }, null, {}],
  procMount: ['Unmasked', 'Default', 'unmasked'],
  seLinuxOptions: [{ type: 'spc_t' }, { user: 'system_u' }, { level: 's0:c1' }, {}],
  appArmorProfile: [{ type: 'Unconfined' }, { type: 'RuntimeDefault' }],
  windowsOptions: [{ hostProcess: true }, { runAsUserName: 'ContainerAdministrator' }],
  sysctls: [[{ name: 'kernel.core_pattern', value: '|/x' }], [{ name: 'net.ipv4.ip_local_port_range', value: '1024 65535' }]],
  fsGroup: [0, -1, 65532, '0'],
  supplementalGroups: [[0], [65532]],
  // containers
  image: ['alpine', 'alpine:latest', 'docker.io/library/alpine:3.20', `alpine@sha256:${'A'.repeat(64)}`, `alpine@sha256:${'a'.repeat(63)}`,
    `alpine:3@sha256:${'b'.repeat(64)}`, `alpine@sha512:${'c'.repeat(128)}`, '$(params.value)', ` ${DIGEST_IMAGE}`, `${DIGEST_IMAGE}\n`, '', DIGEST_IMAGE],
  command: [['sh', '-c', '$(params.value)'], ['$(params.value)'], ['/bin/sh'], ['bash', '-ec', 'echo $(params.value)'], ['env', 'sh', '-c', 'echo $(context.taskRun.name)'], [], ['-rf'], 'sh'],
  args: [['$(params.value)'], ['--flag=$(params.value)'], ['-c', 'echo $(params.value)'], ['$(params.value[*])'], ['ok'], [], '$(params.value)'],
  script: ['echo $(params.value)', '#!/bin/sh\necho $(params.value)\n', '#!/usr/bin/env python3\nprint("$(params.value)")\n', '#!/bin/sh\necho ok\n',
    '\n#!/bin/sh\necho ok\n', ' #!/bin/sh\necho ok', '#!/bin/sh\r\necho ok\r\n', '\ufeff#!/bin/sh\necho ok\n', '#!', '', '#!/bin/sh\necho "$(context.taskRun.name)"\n'],
  workingDir: ['$(params.value)', '/workspace/$(params.value)', '/', '$(workspaces.source.path)', '-x'],
  env: [[{ name: 'X', value: '$(params.value)' }], [{ name: 'X', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }], [{ name: 'LD_PRELOAD', value: '/tmp/x.so' }], [{ name: 'HOME', value: '/' }], []],
  envFrom: [[{ secretRef: { name: 'registry-push' } }], [{ configMapRef: { name: 'x' } }]],
  ports: [[{ containerPort: 80, hostPort: 80 }], [{ containerPort: 8080 }], [{ containerPort: 53, hostPort: 53, protocol: 'UDP' }], [{ containerPort: 1, hostIP: '0.0.0.0' }]],
  volumeMounts: [[{ name: 'host', mountPath: '/host' }], [{ name: 'secure-tmp', mountPath: '/' }], [{ name: 'secure-tmp', mountPath: '/tmp', subPath: '../..' }], []],
  computeResources: [{}, { limits: { cpu: '1', memory: '1Gi' } }, { requests: { cpu: '0', memory: '0' }, limits: { cpu: '0', memory: '0' } }, null],
  resources: [{ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } }, {}],
  ref: [{ name: 'step-action' }, { resolver: 'git', params: [{ name: 'url', value: 'https://example.com/x.git' }] }],
  stdoutConfig: [{ path: '/etc/passwd' }],
  name: ['step-0', 'Step_0', '', 'a'.repeat(64), '$(params.value)', '-x'],
  // task specs
  volumes: [[{ name: 'host', hostPath: { path: '/' } }], [{ name: 'docker', hostPath: { path: '/var/run/docker.sock', type: 'Socket' } }],
    [{ name: 'host', emptyDir: {} }], [{ name: 'tok', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } }], []],
  sidecars: [[{ name: 'dind', image: 'docker:dind', securityContext: { privileged: true } }], []],
  steps: [[], [{ name: 'x', image: 'alpine', script: 'id' }]],
  stepTemplate: [{ securityContext: { privileged: true } }, { image: 'alpine:latest' }, {}, null],
  // pipelines and runs
  taskSpec: [{ steps: [{ name: 'x', image: 'alpine', script: 'echo $(params.value)' }] }, {}],
  pipelineSpec: [{ tasks: [{ name: 'x', taskSpec: { steps: [{ name: 'x', image: 'alpine', securityContext: { privileged: true }, script: 'id' }] } }] }],
  taskRef: [{ name: 'other' }, { name: '$(params.value)' }, { kind: 'ClusterTask', name: 'x' }, { resolver: 'hub', params: [{ name: 'name', value: 'x' }] }, { name: '' }],
  pipelineRef: [{ name: 'other' }, { resolver: 'bundles', params: [] }],
  serviceAccountName: ['default', '', 'other', '$(params.value)', 'Default', 'system:serviceaccount:kube-system:default'],
  timeouts: [{ pipeline: '0s' }, { pipeline: '0' }, { pipeline: '-1h' }, { pipeline: '1e3h' }, { pipeline: 3600 }, { tasks: '1h' }, {}, null],
  timeout: ['0s', '0', '-1s', '1h', 0, null],
  taskRunTemplate: [{}, { serviceAccountName: 'default' }, { podTemplate: { hostNetwork: true } }],
  podTemplate: [{}, { hostNetwork: true }, { securityContext: { runAsUser: 0 } }, null],
  taskRunSpecs: [[{ pipelineTaskName: 'a', podTemplate: { hostPID: true } }], [{ pipelineTaskName: 'a', serviceAccountName: 'default' }]],
  workspaces: [[{ name: 'source', persistentVolumeClaim: { claimName: 'shared' } }], [{ name: 'source', hostPath: { path: '/' } } as Json], []],
  params: [[{ name: 'value', value: '$(context.pipelineRun.name)' }], [], [{ name: 'value', value: ['a', 'b'] }]],
  // pod templates
  hostNetwork: [true, 'true', false],
  hostPID: [true, 'yes'],
  hostIPC: [true],
  hostUsers: [true, false],
  automountServiceAccountToken: [true, 'true', null, false],
  nodeSelector: [{ 'node-role.kubernetes.io/control-plane': '' }, { 'kubernetes.io/os': 'linux' }],
  tolerations: [[{ operator: 'Exists' }], [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]],
  priorityClassName: ['system-node-critical', 'system-cluster-critical', 'low'],
  hostAliases: [[{ ip: '10.0.0.1', hostnames: ['registry.example.com'] }]],
  dnsConfig: [{ nameservers: ['8.8.8.8'] }],
  dnsPolicy: ['None', 'Default'],
  runtimeClassName: ['kata', 'runc'],
  schedulerName: ['other'],
  // RBAC
  rules: [[{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }], [{ apiGroups: [''], resources: ['secrets'], verbs: ['list'] }],
    [{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }], [{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], verbs: ['escalate', 'bind'] }],
    [{ apiGroups: [''], resources: ['serviceaccounts'], verbs: ['impersonate'] }], [{ apiGroups: [''], resources: ['Secrets'], verbs: ['LIST'] }],
    [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }], [{ nonResourceURLs: ['*'], verbs: ['*'] }]],
  verbs: [['*'], ['list'], ['watch'], ['get'], ['escalate'], ['bind'], ['impersonate'], ['deletecollection']],
  resourceNames: [['x'], []],
  roleRef: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' }, { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'x' }],
  // network policies
  egress: [[{}], [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }], [{ to: [{ ipBlock: { cidr: '::/0' } }], ports: [{ port: 443 }] }],
    [{ to: [{ ipBlock: { cidr: '0.0.0.0/1' } }, { ipBlock: { cidr: '128.0.0.0/1' } }] }], [{ to: [{ namespaceSelector: {} }] }],
    [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }], ports: [{ port: 443, endPort: 65535 }] }], [{ to: [{ ipBlock: { cidr: '01.2.3.4/32' } }] }],
    [{ to: [{ ipBlock: { cidr: '::ffff:0.0.0.0/96' } }] }], [{ to: [{ ipBlock: { cidr: '1.2.3.4/32' } }], ports: [{ port: 443, protocol: 'TCP' }] }]],
  policyTypes: [['Ingress'], [], ['Egress'], ['egress']],
  podSelector: [{}, { matchLabels: { 'tekton.dev/pipeline': 'other' } }],
  // secrets, config maps, namespaces
  data: [{ token: 'c2VjcmV0' }, {}, { 'config.json': 'e30=' }],
  stringData: [{ password: 'hunter2' }, {}],
  type: ['kubernetes.io/dockerconfigjson', 'Opaque', 'kubernetes.io/service-account-token', 'RuntimeDefault', 'Unconfined'],
  labels: [{ 'pod-security.kubernetes.io/enforce': 'privileged' }, { 'pod-security.kubernetes.io/enforce': 'restricted' }, { 'pod-security.kubernetes.io/enforce-version': 'v1.0' }, {}],
};

/** Keys of a securityContext (container and pod). */
export const SECURITY_CONTEXT_KEYS = [
  'runAsUser', 'runAsGroup', 'runAsNonRoot', 'privileged', 'allowPrivilegeEscalation', 'readOnlyRootFilesystem', 'capabilities',
  'seccompProfile', 'procMount', 'seLinuxOptions', 'appArmorProfile', 'windowsOptions', 'sysctls', 'fsGroup', 'supplementalGroups',
];
/** Keys of a step, sidecar, stepTemplate or StepAction spec. */
export const CONTAINER_KEYS = [
  'image', 'command', 'args', 'script', 'workingDir', 'env', 'envFrom', 'ports', 'volumeMounts', 'computeResources', 'resources', 'securityContext',
  'ref', 'stdoutConfig', 'name',
];
/** Keys of a pod template. */
export const POD_TEMPLATE_KEYS = [
  'securityContext', 'hostNetwork', 'hostPID', 'hostIPC', 'hostUsers', 'automountServiceAccountToken', 'volumes', 'env', 'nodeSelector',
  'tolerations', 'priorityClassName', 'hostAliases', 'dnsConfig', 'dnsPolicy', 'runtimeClassName', 'schedulerName',
];
/** Keys of a spec, across kinds. */
export const SPEC_KEYS = [
  'volumes', 'sidecars', 'steps', 'stepTemplate', 'taskSpec', 'pipelineSpec', 'taskRef', 'pipelineRef', 'serviceAccountName', 'timeouts',
  'timeout', 'taskRunTemplate', 'podTemplate', 'taskRunSpecs', 'workspaces', 'params', 'egress', 'policyTypes', 'podSelector',
];
/** Annotation keys: the library's own records and seal, and others. */
export const ANNOTATION_KEYS = [
  'secure-tekton/relax.IMAGE_DIGEST', 'secure-tekton/relax.RUN_AS_NON_ROOT', 'secure-tekton/relax.SCRIPT_INJECTION', 'secure-tekton/relax.NOPE',
  'secure-tekton/relax.', 'secure-tekton/seal', 'Secure-Tekton/relax.IMAGE_DIGEST', 'secure-tekton/relax.image_digest',
  'container.apparmor.security.beta.kubernetes.io/step-step-0', 'seccomp.security.alpha.kubernetes.io/pod', 'tekton.dev/pipeline', 'x',
];
/** Values of annotations. */
export const ANNOTATION_VALUES: PatchValue[] = [
  '*: the vendor image needs this', 'step/step-0: the vendor image needs this', '*: short', 'no target at all here',
  `sha256:${'0'.repeat(64)}`, 'unconfined', 'localhost/x', '*: a\n*: b the second line', 'runtime/default', 'true', '',
];
/** Keys whose values are free text no rule looks at: adversarial strings there must be written as they are read. */
export const TEXT_KEYS = ['description', 'displayName', 'example.com/note', 'value'];
/** Other keys, for anywhere. */
export const OTHER_KEYS = ['x', 'metadata', 'spec', '$(params.value)', '', 'a/b', 'a~b', '<', '<<', '<<<', '"<<"'];

// ---------------------------------------------------------------------------------------
// Escape-hatch patches

/** Where a patch goes; resolved against the object's JSON when the app is built. */
export type PatchFocus = 'securityContext' | 'container' | 'podTemplate' | 'annotations' | 'reference' | 'spec' | 'rbac' | 'text' | 'any';

export interface PatchSpec {
  /** Index (modulo their number) of the ApiObject to patch. */
  readonly object: number;
  readonly focus: PatchFocus;
  readonly op: 'add' | 'replace' | 'remove';
  /** Index (modulo their number) of the candidate place. */
  readonly pick: number;
  /** The key to add or replace at the place (for focus `any`, ignored by replace and remove). */
  readonly key: string;
  readonly value: PatchValue;
}

const KEYS_BY_FOCUS: Record<PatchFocus, string[]> = {
  securityContext: SECURITY_CONTEXT_KEYS,
  container: CONTAINER_KEYS,
  podTemplate: POD_TEMPLATE_KEYS,
  annotations: ANNOTATION_KEYS,
  reference: ['name', 'kind', 'resolver', 'params', 'apiVersion', 'bundle'],
  spec: SPEC_KEYS,
  rbac: ['rules', 'verbs', 'resources', 'apiGroups', 'resourceNames', 'roleRef', 'nonResourceURLs'],
  text: TEXT_KEYS,
  any: [...SPEC_KEYS, ...CONTAINER_KEYS, ...SECURITY_CONTEXT_KEYS, ...OTHER_KEYS, 'labels', 'data', 'stringData', 'type', 'namespace', 'name', 'generateName'],
};

function valueFor(key: string): fc.Arbitrary<PatchValue> {
  if (TEXT_KEYS.includes(key)) return adversarialString;
  const specific = VALUES_BY_KEY[key] ?? (key.startsWith('secure-tekton/') || key.includes('/') ? ANNOTATION_VALUES : []);
  return fc.oneof(
    { weight: specific.length ? 4 : 0, arbitrary: specific.length ? fc.constantFrom(...specific) : fc.constant(null) },
    { weight: 2, arbitrary: fc.constantFrom(...SCALARS) },
    { weight: 1, arbitrary: fc.constantFrom(...SHAPES) },
    { weight: 1, arbitrary: adversarialString },
  );
}

/** A patch; `nonJson` lets undefined, NaN and Infinity through as values. */
export function patchArb(options: { nonJson?: boolean; focus?: PatchFocus[] } = {}): fc.Arbitrary<PatchSpec> {
  const focuses = options.focus ?? ['securityContext', 'container', 'podTemplate', 'annotations', 'reference', 'spec', 'rbac', 'text', 'any'];
  return fc.record({
    object: fc.nat({ max: 40 }),
    focus: fc.constantFrom(...focuses),
    op: fc.constantFrom('add' as const, 'replace' as const, 'remove' as const),
    pick: fc.nat({ max: 40 }),
  }).chain((p) => fc.record({
    key: fc.constantFrom(...KEYS_BY_FOCUS[p.focus]),
  }).chain(({ key }) => fc.record({
    object: fc.constant(p.object),
    focus: fc.constant(p.focus),
    op: fc.constant(p.op),
    pick: fc.constant(p.pick),
    key: fc.constant(key),
    value: options.nonJson
      ? fc.oneof({ weight: 6, arbitrary: valueFor(key) }, { weight: 1, arbitrary: fc.constantFrom(...NON_JSON) })
      : valueFor(key),
  })));
}

/** A JSON pointer token. */
function token(k: string | number): string {
  return String(k).replace(/~/g, '~0').replace(/\//g, '~1');
}

interface Place {
  readonly pointer: string;
  readonly value: any;
  /** The key (or index) at which it sits in its parent. */
  readonly key: string | number | undefined;
  /** The key of the array it is an item of, if it is one. */
  readonly arrayKey?: string;
}

/** Every node of a JSON value with its pointer. */
function places(value: any, pointer = '', key?: string | number, arrayKey?: string): Place[] {
  const out: Place[] = [{ pointer, value, key, arrayKey }];
  if (Array.isArray(value)) {
    value.forEach((v, i) => out.push(...places(v, `${pointer}/${i}`, i, typeof key === 'string' ? key : undefined)));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push(...places(v, `${pointer}/${token(k)}`, k));
  }
  return out;
}

const isObject = (x: any) => x !== null && typeof x === 'object' && !Array.isArray(x);
const CONTAINER_ARRAYS = new Set(['steps', 'sidecars']);

/** The operations a patch makes on an object's JSON (none when it has no place for it). */
export function resolvePatch(json: any, p: PatchSpec): JsonPatch[] {
  const all = places(json);
  const pick = <T>(xs: T[]): T | undefined => (xs.length ? xs[p.pick % xs.length] : undefined);
  const setKey = (parent: Place | undefined): JsonPatch[] => {
    if (!parent || !isObject(parent.value)) return [];
    const pointer = `${parent.pointer}/${token(p.key)}`;
    const has = Object.prototype.hasOwnProperty.call(parent.value, p.key);
    if (p.op === 'remove') return has ? [JsonPatch.remove(pointer)] : [];
    if (p.op === 'replace' && has) return [JsonPatch.replace(pointer, p.value)];
    return [JsonPatch.add(pointer, p.value)];
  };
  /** Ensures objects exist along `keys` below the root, then sets the key in the last. */
  const ensure = (keys: string[]): JsonPatch[] => {
    const ops: JsonPatch[] = [];
    let node = json;
    let pointer = '';
    for (const k of keys) {
      pointer += `/${token(k)}`;
      if (!isObject(node)) return [];
      if (!isObject(node[k])) {
        if (node[k] !== undefined && node[k] !== null) return [];
        ops.push(JsonPatch.add(pointer, {}));
        node = {};
      } else {
        node = node[k];
      }
    }
    return [...ops, ...setKey({ pointer, value: node, key: keys[keys.length - 1] })];
  };
  // kubectl cannot decode an annotation that is not a string (nor null): a document it refuses, not a hunt
  const annotation = (): JsonPatch[] => (p.op === 'remove' || p.value === null || p.value === undefined || typeof p.value === 'string'
    ? ensure(['metadata', 'annotations'])
    : []);
  switch (p.focus) {
    case 'securityContext': {
      const scs = all.filter((x) => x.key === 'securityContext' && isObject(x.value));
      return setKey(pick(scs));
    }
    case 'container': {
      const cs = all.filter((x) => isObject(x.value) && ((x.arrayKey && CONTAINER_ARRAYS.has(x.arrayKey)) || x.key === 'stepTemplate'
        || (x.pointer === '/spec' && json?.kind === 'StepAction')));
      return setKey(pick(cs));
    }
    case 'podTemplate': {
      const pts = all.filter((x) => x.key === 'podTemplate' && isObject(x.value));
      if (pts.length) return setKey(pick(pts));
      if (json?.kind === 'PipelineRun') return ensure(['spec', 'taskRunTemplate', 'podTemplate']);
      if (json?.kind === 'TaskRun') return ensure(['spec', 'podTemplate']);
      return [];
    }
    case 'annotations':
      return annotation();
    case 'text': {
      if (p.key === 'example.com/note') return annotation();
      if (p.key === 'value') {
        // the value of an env variable or of a param
        const vs = all.filter((x) => isObject(x.value) && (x.arrayKey === 'env' || x.arrayKey === 'params') && typeof x.value.value === 'string');
        return setKey(pick(vs));
      }
      const specs = all.filter((x) => (x.key === 'spec' || x.key === 'taskSpec' || x.key === 'pipelineSpec') && isObject(x.value));
      return setKey(pick(specs));
    }
    case 'reference': {
      const refs = all.filter((x) => (x.key === 'taskRef' || x.key === 'pipelineRef' || x.key === 'ref') && isObject(x.value));
      return setKey(pick(refs));
    }
    case 'spec': {
      const specs = all.filter((x) => (x.key === 'spec' || x.key === 'taskSpec' || x.key === 'pipelineSpec') && isObject(x.value));
      return setKey(pick(specs));
    }
    case 'rbac': {
      const rs = all.filter((x) => isObject(x.value) && (x.arrayKey === 'rules' || x.pointer === ''));
      return setKey(pick(rs));
    }
    case 'any': {
      // removing kind or metadata, or giving a field of metadata a value of another type, makes a document
      // kubectl refuses, not a hunt (a new name or namespace may collide with another object's: UNIQUE_OBJECTS);
      // annotations have their own focus
      const fixed = new Set(['', '/apiVersion', '/kind', '/metadata']);
      const candidates = all.filter((x) => !fixed.has(x.pointer) && !x.pointer.startsWith('/metadata/'));
      const place = pick(candidates);
      if (!place) return [];
      if (p.op === 'remove') return [JsonPatch.remove(place.pointer)];
      if (p.op === 'replace') return [JsonPatch.replace(place.pointer, p.value)];
      if (Array.isArray(place.value)) return [JsonPatch.add(`${place.pointer}/-`, p.value)];
      return setKey(place);
    }
  }
}

// ---------------------------------------------------------------------------------------
// Raw objects

/** Kinds of raw objects added beside the library's. */
export const RAW_KINDS = [
  'Task', 'TaskV1beta1', 'Pipeline', 'PipelineNested', 'PipelineRun', 'PipelineRunV1beta1', 'TaskRun', 'TaskRunV1beta1', 'StepActionV1beta1', 'StepActionV1alpha1',
  'Role', 'ClusterRole', 'RoleBinding', 'NetworkPolicy', 'Secret', 'ConfigMap', 'FeatureFlags', 'Namespace',
] as const;
export type RawKind = typeof RAW_KINDS[number];

export interface RawSpec {
  readonly kind: RawKind;
  readonly name: string;
  /** Patches applied to it (through `addJsonPatch`, like an escape hatch). */
  readonly patches: PatchSpec[];
}

let templates: Record<string, any> | undefined;

/** Hardened objects as the library writes them, to start raw objects from. */
function libraryTemplates(): Record<string, any> {
  if (templates) return templates;
  const c = new Chart(new App(), 'tmpl', { namespace: 'ci' });
  const t = new SecureTask(c, 't', {
    name: 'tmpl-task',
    parameters: [{ name: 'value' }],
    workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }],
    results: [{ name: 'out' }],
    steps: [{ name: 'step-0', image: DIGEST_IMAGE, env: { VALUE: '$(params.value)' }, script: '#!/bin/sh\necho "$VALUE"\n' }],
    sidecars: [{ name: 'side', image: DIGEST_IMAGE, command: ['/bin/server'] }],
  });
  const p = new SecurePipeline(c, 'p', { name: 'tmpl-pipeline', parameters: [{ name: 'value', defaultValue: 'x' }], workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }] });
  p.addTask({ task: t, name: 'a', parameters: { value: '$(params.value)' }, workspaces: { source: 'source' } });
  new SecurePipelineRun(c, 'r', { pipeline: p, parameters: { value: 'v' }, workspaces: { source: RunWorkspace.emptyDir() } });
  const objects = Testing.synth(c);
  const find = (kind: string) => structuredClone(objects.find((o: any) => o.kind === kind));
  templates = { task: find('Task'), pipeline: find('Pipeline'), run: find('PipelineRun'), networkPolicy: objects.find((o: any) => o.metadata.name.endsWith('-dns')) };
  return templates;
}

/** v1beta1 names `computeResources` `resources`. */
function toV1beta1(spec: any): any {
  const rename = (c: any) => {
    if (!c) return c;
    const { computeResources, ...rest } = c;
    return computeResources ? { ...rest, resources: computeResources } : rest;
  };
  return { ...spec, stepTemplate: rename(spec.stepTemplate), steps: spec.steps?.map(rename), sidecars: spec.sidecars?.map(rename) };
}

/** The JSON of a raw object before its patches. */
export function rawJson(kind: RawKind, name: string): any {
  const t = libraryTemplates();
  const meta = { name, namespace: 'ci' };
  const taskSpec = structuredClone(t.task.spec);
  const step = structuredClone(taskSpec.steps[0]);
  delete step.name;
  delete step.volumeMounts;
  switch (kind) {
    case 'Task': return { apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: meta, spec: taskSpec };
    case 'TaskV1beta1': return { apiVersion: 'tekton.dev/v1beta1', kind: 'Task', metadata: meta, spec: toV1beta1(taskSpec) };
    case 'Pipeline': return {
      apiVersion: 'tekton.dev/v1',
      kind: 'Pipeline',
      metadata: meta,
      spec: { ...structuredClone(t.pipeline.spec), tasks: [{ ...structuredClone(t.pipeline.spec.tasks[0]), taskRef: undefined, taskSpec }] },
    };
    case 'PipelineNested': return {
      apiVersion: 'tekton.dev/v1',
      kind: 'Pipeline',
      metadata: meta,
      spec: { tasks: [{ name: 'outer', pipelineSpec: { tasks: [{ name: 'inner', taskSpec: { ...taskSpec, params: [], workspaces: [] } }] } }] },
    };
    case 'PipelineRun': return {
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: meta,
      spec: { ...structuredClone(t.run.spec), pipelineRef: undefined, pipelineSpec: { tasks: [{ name: 'a', taskSpec: { ...taskSpec, params: [], workspaces: [] } }] }, params: [], workspaces: [] },
    };
    case 'TaskRun': return {
      apiVersion: 'tekton.dev/v1',
      kind: 'TaskRun',
      metadata: meta,
      spec: {
        serviceAccountName: t.run.spec.taskRunTemplate.serviceAccountName,
        podTemplate: structuredClone(t.run.spec.taskRunTemplate.podTemplate),
        timeout: '1h0m0s',
        taskSpec: { ...taskSpec, params: [], workspaces: [] },
      },
    };
    case 'PipelineRunV1beta1': return {
      apiVersion: 'tekton.dev/v1beta1',
      kind: 'PipelineRun',
      metadata: meta,
      spec: {
        serviceAccountName: t.run.spec.taskRunTemplate.serviceAccountName,
        podTemplate: structuredClone(t.run.spec.taskRunTemplate.podTemplate),
        timeouts: { pipeline: '1h0m0s' },
        pipelineSpec: { tasks: [{ name: 'a', taskSpec: toV1beta1({ ...taskSpec, params: [], workspaces: [] }) }] },
      },
    };
    case 'TaskRunV1beta1': return {
      apiVersion: 'tekton.dev/v1beta1',
      kind: 'TaskRun',
      metadata: meta,
      spec: {
        serviceAccountName: t.run.spec.taskRunTemplate.serviceAccountName,
        podTemplate: structuredClone(t.run.spec.taskRunTemplate.podTemplate),
        timeout: '1h0m0s',
        taskSpec: toV1beta1({ ...taskSpec, params: [], workspaces: [] }),
      },
    };
    case 'StepActionV1beta1': return { apiVersion: 'tekton.dev/v1beta1', kind: 'StepAction', metadata: meta, spec: step };
    case 'StepActionV1alpha1': return { apiVersion: 'tekton.dev/v1alpha1', kind: 'StepAction', metadata: meta, spec: step };
    case 'Role': return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: meta, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'], resourceNames: ['x'] }] };
    case 'ClusterRole': return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }] };
    case 'RoleBinding': return {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: meta,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'x' },
      subjects: [{ kind: 'ServiceAccount', name: 'tmpl-pipeline-runner', namespace: 'ci' }],
    };
    case 'NetworkPolicy': return { ...structuredClone(t.networkPolicy), metadata: meta };
    case 'Secret': return { apiVersion: 'v1', kind: 'Secret', metadata: meta, type: 'Opaque' };
    case 'ConfigMap': return { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta, data: { key: 'value' } };
    case 'FeatureFlags': return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'feature-flags', namespace: 'tekton-pipelines' }, data: { 'enable-api-fields': 'stable' } };
    case 'Namespace': return {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name,
        labels: Object.fromEntries(['enforce', 'audit', 'warn'].flatMap((m) => [[`pod-security.kubernetes.io/${m}`, 'restricted'], [`pod-security.kubernetes.io/${m}-version`, 'latest']])),
      },
    };
  }
}

/** The names the library's objects get in a scenario (a raw object of the same kind and name is refused: UNIQUE_OBJECTS). */
export const LIBRARY_NAMES = ['build', 'ci', 'ci-runner', 'ci-deny-all', 'ci-dns', 'shared'];

export const rawArb: fc.Arbitrary<RawSpec> = fc.record({
  kind: fc.constantFrom(...RAW_KINDS),
  name: fc.oneof({ weight: 9, arbitrary: nameLike }, { weight: 1, arbitrary: fc.constantFrom(...LIBRARY_NAMES) }),
  patches: fc.array(patchArb(), { maxLength: 2 }),
});

// ---------------------------------------------------------------------------------------
// The library's constructs

/** The string positions of the library's API that a scenario may fill with an adversarial string. */
export const POSITIONS = [
  'task.name', 'task.description', 'param.name', 'param.default', 'param.oneOf', 'result.name', 'workspace.name',
  'step.name', 'step.image', 'step.script', 'step.scriptWhole', 'step.command', 'step.args', 'step.env.name', 'step.env.value', 'step.workingDir',
  'sidecar.name', 'sidecar.image', 'sidecar.args', 'sidecar.env.value',
  'pipeline.name', 'pipeline.description', 'pipeline.param.default', 'pipelineTask.name', 'pipelineTask.param',
  'run.name', 'run.param', 'run.workspaceRef',
] as const;
export type Position = typeof POSITIONS[number];

export interface LibrarySpec {
  /** Param constraint of the task's param. */
  readonly constraint: 'none' | 'git-sha' | 'one-of' | 'pattern';
  /** Whether the task has a result, a sidecar, a second step. */
  readonly result: boolean;
  readonly sidecar: boolean;
  readonly secondStep: boolean;
  /** The first step runs a script (else a command). */
  readonly script: boolean;
  /** How the run binds the workspace. */
  readonly runWorkspace: 'vct' | 'emptyDir' | 'secret' | 'configMap' | 'pvc';
  /** The run is named (else generateName). */
  readonly runNamed: boolean;
  /** Strings given in place of the benign ones, by position. */
  readonly strings: Array<[Position, string]>;
}

export interface RelaxationSpec {
  /** Which construct holds it: the task, its first step, the pipeline, the run, the first raw object, the chart. */
  readonly on: 'task' | 'step' | 'pipeline' | 'run' | 'raw' | 'chart';
  readonly rule: RuleId;
  readonly reason: string;
  readonly target?: string;
}

export interface Scenario {
  /** The library's constructs (an app without any is not checked by the library). */
  readonly library: LibrarySpec;
  readonly raws: RawSpec[];
  readonly patches: PatchSpec[];
  readonly relaxations: RelaxationSpec[];
}

export const libraryArb: fc.Arbitrary<LibrarySpec> = fc.record({
  constraint: fc.constantFrom('none' as const, 'git-sha' as const, 'one-of' as const, 'pattern' as const),
  result: fc.boolean(),
  sidecar: fc.boolean(),
  secondStep: fc.boolean(),
  script: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  runWorkspace: fc.constantFrom('vct' as const, 'vct' as const, 'emptyDir' as const, 'secret' as const, 'configMap' as const, 'pvc' as const),
  runNamed: fc.boolean(),
  strings: fc.array(
    fc.constantFrom(...POSITIONS).chain((p) => fc.tuple(fc.constant(p), adversarialString)),
    { maxLength: 2 },
  ),
});

const TARGETS = [
  'step/step-0', 'step/validate-params', 'sidecar/side', 'stepTemplate', 'task/a', 'task/a/step/step-0', 'workspace/source', '*', 'step/', 'step/*',
];
const RELAXABLE = Object.values(RuleId).filter((r) => RuleCatalogue.isRelaxable(r));

export const relaxationArb: fc.Arbitrary<RelaxationSpec> = fc.record({
  on: fc.constantFrom('task' as const, 'step' as const, 'pipeline' as const, 'run' as const, 'raw' as const, 'chart' as const),
  rule: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...RELAXABLE) }, { weight: 1, arbitrary: fc.constantFrom(...Object.values(RuleId)) }),
  reason: reasonLike,
  target: fc.oneof(
    { weight: 3, arbitrary: fc.constant(undefined) },
    { weight: 3, arbitrary: fc.constantFrom(...TARGETS) },
    { weight: 1, arbitrary: adversarialString },
  ),
}, { requiredKeys: ['on', 'rule', 'reason'] });

export const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  library: libraryArb,
  // two raw objects of one kind and name (refused: UNIQUE_OBJECTS) are drawn too
  raws: fc.array(rawArb, { maxLength: 2 }),
  patches: fc.array(patchArb({ nonJson: true }), { maxLength: 2 }),
  relaxations: fc.oneof(
    { weight: 4, arbitrary: fc.constant<RelaxationSpec[]>([]) },
    { weight: 1, arbitrary: fc.array(relaxationArb, { minLength: 1, maxLength: 2 }) },
  ),
});

// ---------------------------------------------------------------------------------------
// Building

export interface BuiltScenario {
  readonly app: App;
  readonly chart: Chart;
  /** The raw objects added, in order. */
  readonly raws: ApiObject[];
  /** The ApiObjects patched by the scenario's escape hatches (raw objects' own patches included). */
  readonly patched: Set<ApiObject>;
}

function acceptedValue(constraint: LibrarySpec['constraint']): string {
  switch (constraint) {
    case 'git-sha': return '0123456789abcdef0123456789abcdef01234567';
    case 'one-of': return 'fast';
    case 'pattern': return 'fast';
    default: return 'anything at all';
  }
}

function constraintOf(constraint: LibrarySpec['constraint'], oneOf: string): ParamConstraint | undefined {
  switch (constraint) {
    case 'git-sha': return ParamConstraint.gitSha();
    case 'one-of': return ParamConstraint.oneOf(['fast', oneOf]);
    case 'pattern': return ParamConstraint.pattern('^(fast|full)$');
    default: return undefined;
  }
}

/** The library's constructs of a spec; returns the constructs relaxations may be given to. */
function buildLibrary(chart: Chart, spec: LibrarySpec): Record<'task' | 'pipeline' | 'run', IConstruct> {
  const given = new Map(spec.strings);
  const str = (p: Position, benign: string): string => given.get(p) ?? benign;
  const opt = (p: Position): string | undefined => given.get(p);
  const paramName = str('param.name', 'value');
  const workspaceName = str('workspace.name', 'source');
  const step0: StepProps = {
    name: str('step.name', 'step-0'),
    image: str('step.image', DIGEST_IMAGE),
    ...(spec.script
      ? { script: opt('step.scriptWhole') ?? `#!/bin/sh\nset -eu\n${str('step.script', 'printf "%s\\n" "$V" > "$W/out.txt"')}\n` }
      : { command: [str('step.command', '/ko-app/tool')], args: ['--input', `$(workspaces.${workspaceName}.path)/in`, ...opt('step.args') !== undefined ? [opt('step.args')!] : []] }),
    env: { V: `$(params.${paramName})`, W: `$(workspaces.${workspaceName}.path)`, ...opt('step.env.name') !== undefined ? { [opt('step.env.name')!]: 'x' } : {}, ...opt('step.env.value') !== undefined ? { E: opt('step.env.value')! } : {} },
    ...(opt('step.workingDir') !== undefined ? { workingDir: opt('step.workingDir') } : {}),
  };
  const sidecar: StepProps = {
    name: str('sidecar.name', 'side'),
    image: str('sidecar.image', DIGEST_IMAGE),
    command: ['/bin/server'],
    ...(opt('sidecar.args') !== undefined ? { args: [opt('sidecar.args')!] } : {}),
    env: { PORT: str('sidecar.env.value', '8080') },
  };
  // a secret reaches only a credentials workspace of a trusted task
  const domain = spec.runWorkspace === 'secret' ? TrustDomain.CREDENTIALS : TrustDomain.SOURCE;
  const task = new SecureTask(chart, 'task', {
    name: str('task.name', 'build'),
    description: opt('task.description'),
    trusted: spec.runWorkspace === 'secret',
    parameters: [{ name: paramName, defaultValue: opt('param.default') ?? (spec.constraint !== 'none' ? acceptedValue(spec.constraint) : undefined), constraint: constraintOf(spec.constraint, str('param.oneOf', 'full')) }],
    workspaces: [{ name: workspaceName, domain }],
    results: spec.result ? [{ name: str('result.name', 'out') }] : undefined,
    steps: [step0, ...spec.secondStep ? [{ name: 'step-1', image: DIGEST_IMAGE, command: ['/bin/true'] }] : []],
    sidecars: spec.sidecar ? [sidecar] : undefined,
  });
  const pipeline = new SecurePipeline(chart, 'pipeline', {
    name: str('pipeline.name', 'ci'),
    description: opt('pipeline.description'),
    parameters: [{ name: 'value', defaultValue: str('pipeline.param.default', acceptedValue(spec.constraint)) }],
    workspaces: [{ name: 'source', domain }],
  });
  pipeline.addTask({ task, name: str('pipelineTask.name', 'a'), parameters: { [paramName]: str('pipelineTask.param', '$(params.value)') }, workspaces: { [workspaceName]: 'source' } });
  const ref = str('run.workspaceRef', 'shared');
  const workspace = (() => {
    switch (spec.runWorkspace) {
      case 'vct': return RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1) });
      case 'emptyDir': return RunWorkspace.emptyDir();
      case 'secret': return RunWorkspace.secret(ref);
      case 'configMap': return RunWorkspace.configMap(ref);
      case 'pvc': return RunWorkspace.persistentVolumeClaim(ref);
    }
  })();
  const run = new SecurePipelineRun(chart, 'run', {
    pipeline,
    ...(spec.runNamed ? { name: str('run.name', 'ci-run-1') } : {}),
    parameters: { value: str('run.param', acceptedValue(spec.constraint)) },
    workspaces: { source: workspace },
  });
  return { task, pipeline, run };
}

/** Builds a scenario's app. Construction may throw (the library refuses at construction too). */
export function buildScenario(s: Scenario): BuiltScenario {
  // created by synth (so that an app refused at construction leaves nothing behind)
  const app = new App({ outdir: path.join(os.tmpdir(), `hunt-${randomUUID()}`) });
  const chart = new Chart(app, 'hunt', { namespace: 'ci' });
  const holders: Partial<Record<RelaxationSpec['on'], IConstruct>> = { chart, ...buildLibrary(chart, s.library) };
  const patched = new Set<ApiObject>();
  const patch = (o: ApiObject, p: PatchSpec) => {
    const ops = resolvePatch(o.toJson(), p);
    if (ops.length) {
      o.addJsonPatch(...ops);
      patched.add(o);
    }
  };
  const raws = s.raws.map((r, i) => {
    const o = new ApiObject(chart, `raw-${i}`, rawJson(r.kind, r.name));
    r.patches.forEach((p) => patch(o, p));
    return o;
  });
  if (raws.length) holders.raw = raws[0];
  for (const p of s.patches) {
    const list = chart.node.findAll().filter(ApiObject.isApiObject);
    patch(list[p.object % list.length], p);
  }
  for (const r of s.relaxations) {
    const holder = r.on === 'step' ? holders.task : holders[r.on];
    if (!holder) continue;
    const target = r.on === 'step' && r.target === undefined ? 'step/step-0' : r.target;
    Relaxations.of(holder).add({ rule: r.rule, reason: r.reason, ...(target !== undefined ? { target } : {}) });
  }
  return { app, chart, raws, patched };
}

// ---------------------------------------------------------------------------------------
// Known dangers, each at every place it can be

/** A dangerous setting and the rules (any of them) that must refuse it. */
export interface Danger {
  readonly name: string;
  readonly rules: RuleId[];
  /** The kinds of object it is set in. */
  readonly kinds: string[];
  /** The patch that sets it, at the `pick`-th place of the object (undefined: no such place). */
  readonly apply: (json: any, pick: number) => JsonPatch[] | undefined;
}

/** The container places of a Tekton object: steps, sidecars and stepTemplates at any depth, a StepAction's spec. */
export function containerPlaces(json: any): Array<{ pointer: string; role: 'step' | 'sidecar' | 'stepTemplate'; stepsPointer?: string }> {
  if (json?.kind === 'StepAction') return [{ pointer: '/spec', role: 'step' }];
  const out: Array<{ pointer: string; role: 'step' | 'sidecar' | 'stepTemplate'; stepsPointer?: string }> = [];
  for (const p of places(json)) {
    if (!isObject(p.value)) continue;
    if (p.arrayKey === 'steps') out.push({ pointer: p.pointer, role: 'step' });
    else if (p.arrayKey === 'sidecars') out.push({ pointer: p.pointer, role: 'sidecar' });
    else if (p.key === 'stepTemplate') out.push({ pointer: p.pointer, role: 'stepTemplate', stepsPointer: p.pointer.replace(/stepTemplate$/, 'steps') });
  }
  return out;
}

function get(json: any, pointer: string): any {
  return pointer.split('/').slice(1).map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~')).reduce((x, k) => (x == null ? undefined : x[k]), json);
}

/**
 * Sets `field` (a path below the container, e.g. `securityContext/privileged`) to `value` in
 * one container; in a stepTemplate, also removes the field from the steps that would override it.
 */
function inContainer(field: string, value: PatchValue, roles: Array<'step' | 'sidecar' | 'stepTemplate'> = ['step', 'sidecar', 'stepTemplate']) {
  return (json: any, pick: number): JsonPatch[] | undefined => {
    const cs = containerPlaces(json).filter((c) => roles.includes(c.role));
    if (!cs.length) return undefined;
    const c = cs[pick % cs.length];
    const ops: JsonPatch[] = [];
    const [first, ...rest] = field.split('/');
    if (rest.length && !isObject(get(json, `${c.pointer}/${first}`))) ops.push(JsonPatch.add(`${c.pointer}/${first}`, {}));
    ops.push(JsonPatch.add(`${c.pointer}/${field}`, value));
    if (c.role === 'stepTemplate') {
      const steps = get(json, c.stepsPointer!);
      (Array.isArray(steps) ? steps : []).forEach((s: any, i: number) => {
        if (get(s, `/${field}`) !== undefined) ops.push(JsonPatch.remove(`${c.stepsPointer}/${i}/${field}`));
      });
    }
    return ops;
  };
}

/** Sets a field of the pod template of a run (creating it). */
function inPodTemplate(field: string, value: PatchValue) {
  return (json: any): JsonPatch[] | undefined => {
    const base = json?.kind === 'TaskRun' || json?.apiVersion === 'tekton.dev/v1beta1' ? ['spec', 'podTemplate'] : ['spec', 'taskRunTemplate', 'podTemplate'];
    const ops: JsonPatch[] = [];
    let node = json;
    let pointer = '';
    for (const k of base) {
      pointer += `/${k}`;
      if (!isObject(node?.[k])) ops.push(JsonPatch.add(pointer, {}));
      node = node?.[k] ?? {};
    }
    const [first, ...rest] = field.split('/');
    if (rest.length && !isObject(node[first])) ops.push(JsonPatch.add(`${pointer}/${first}`, {}));
    ops.push(JsonPatch.add(`${pointer}/${field}`, value));
    return ops;
  };
}

/** Sets a field at a fixed pointer (its parent must exist). */
function at(pointer: string, value: PatchValue) {
  return (json: any): JsonPatch[] | undefined => {
    const parent = pointer.replace(/\/[^/]+$/, '');
    return get(json, parent) === undefined ? undefined : [JsonPatch.add(pointer, value)];
  };
}

const TEKTON_WITH_CONTAINERS = ['Task', 'TaskRun', 'Pipeline', 'PipelineRun', 'StepAction'];
const RUNS = ['PipelineRun', 'TaskRun'];

export const DANGERS: Danger[] = [
  { name: 'privileged', rules: [RuleId.NOT_PRIVILEGED], kinds: TEKTON_WITH_CONTAINERS, apply: inContainer('securityContext/privileged', true) },
  { name: 'root UID', rules: [RuleId.RUN_AS_NON_ROOT], kinds: TEKTON_WITH_CONTAINERS, apply: inContainer('securityContext/runAsUser', 0) },
  { name: 'root UID written -0', rules: [RuleId.RUN_AS_NON_ROOT], kinds: TEKTON_WITH_CONTAINERS, apply: inContainer('securityContext/runAsUser', -0) },
  { name: 'runAsNonRoot false', rules: [RuleId.RUN_AS_NON_ROOT], kinds: TEKTON_WITH_CONTAINERS, apply: inContainer('securityContext/runAsNonRoot', false) },
  { name: 'privilege escalation', rules: [RuleId.NO_PRIVILEGE_ESCALATION], kinds: TEKTON_WITH_CONTAINERS, apply: inContainer('securityContext/allowPrivilegeEscalation', true) },
  { name: 'added capability', rules: [RuleId.DROP_ALL_CAPABILITIES], kinds: TEKTON_WITH_CONTAINERS, apply: inContainer('securityContext/capabilities', { add: ['NET_RAW'], drop: ['ALL'] }) },
  { name: 'added capability with CAP_ prefix', rules: [RuleId.DROP_ALL_CAPABILITIES], kinds: TEKTON_WITH_CONTAINERS, apply: inContainer('securityContext/capabilities', { add: ['CAP_SYS_ADMIN'], drop: ['ALL'] }) },
  // an empty drop list is no danger where a stepTemplate drops ALL: Tekton's merge reads it as unset (omitempty)
  { name: 'not all dropped', rules: [RuleId.DROP_ALL_CAPABILITIES], kinds: TEKTON_WITH_CONTAINERS, apply: inContainer('securityContext/capabilities', { drop: ['NET_RAW'] }) },
  { name: 'unconfined seccomp', rules: [RuleId.SECCOMP_RUNTIME_DEFAULT], kinds: TEKTON_WITH_CONTAINERS, apply: inContainer('securityContext/seccompProfile', { type: 'Unconfined' }) },
  { name: 'writable root', rules: [RuleId.READ_ONLY_ROOT_FILESYSTEM], kinds: TEKTON_WITH_CONTAINERS, apply: inContainer('securityContext/readOnlyRootFilesystem', false) },
  { name: 'unmasked /proc', rules: [RuleId.DEFAULT_ISOLATION], kinds: TEKTON_WITH_CONTAINERS, apply: inContainer('securityContext/procMount', 'Unmasked') },
  { name: 'SELinux spc_t', rules: [RuleId.DEFAULT_ISOLATION], kinds: TEKTON_WITH_CONTAINERS, apply: inContainer('securityContext/seLinuxOptions', { type: 'spc_t' }) },
  { name: 'AppArmor unconfined', rules: [RuleId.DEFAULT_ISOLATION], kinds: TEKTON_WITH_CONTAINERS, apply: inContainer('securityContext/appArmorProfile', { type: 'Unconfined' }) },
  { name: 'Windows host process', rules: [RuleId.NO_HOST_ACCESS], kinds: TEKTON_WITH_CONTAINERS, apply: inContainer('securityContext/windowsOptions', { hostProcess: true }) },
  // a v1 step has no ports (the API server drops them, TEKTON_FIELD_NAMES): a sidecar's
  { name: 'host port', rules: [RuleId.NO_HOST_ACCESS], kinds: TEKTON_WITH_CONTAINERS, apply: inContainer('ports', [{ containerPort: 8080, hostPort: 8080 }], ['sidecar']) },
  { name: 'tagged image', rules: [RuleId.IMAGE_DIGEST], kinds: TEKTON_WITH_CONTAINERS, apply: inContainer('image', 'docker.io/library/alpine:3.20', ['step', 'sidecar']) },
  { name: 'image without tag', rules: [RuleId.IMAGE_DIGEST], kinds: TEKTON_WITH_CONTAINERS, apply: inContainer('image', 'alpine', ['step', 'sidecar']) },
  { name: 'param pasted into a script', rules: [RuleId.SCRIPT_INJECTION], kinds: TEKTON_WITH_CONTAINERS, apply: inContainer('script', '#!/bin/sh\necho $(params.value)\n', ['step', 'sidecar']) },
  {
    name: 'param pasted into sh -c',
    rules: [RuleId.SCRIPT_INJECTION],
    kinds: TEKTON_WITH_CONTAINERS,
    apply: (json, pick) => {
    // a command replaces the script (with a script, args are the script's positional parameters)
      const cs = containerPlaces(json).filter((c) => c.role === 'step');
      if (!cs.length) return undefined;
      const c = cs[pick % cs.length];
      const container = get(json, c.pointer);
      return [
        ...container.script !== undefined ? [JsonPatch.remove(`${c.pointer}/script`)] : [],
        JsonPatch.add(`${c.pointer}/command`, ['/bin/sh', '-c']),
        JsonPatch.add(`${c.pointer}/args`, ['echo $(params.value)']),
      ];
    },
  },
  {
    name: 'hostPath volume',
    rules: [RuleId.NO_HOST_ACCESS],
    kinds: ['Task', 'TaskRun', 'Pipeline', 'PipelineRun'],
    apply: (json, pick) => {
      const specs = places(json).filter((p) => isObject(p.value) && Array.isArray(p.value.steps));
      if (!specs.length) return undefined;
      const s = specs[pick % specs.length];
      return [JsonPatch.add(`${s.pointer}/volumes`, [...(s.value.volumes ?? []), { name: 'host', hostPath: { path: '/' } }])];
    },
  },
  { name: 'host network', rules: [RuleId.NO_HOST_ACCESS], kinds: RUNS, apply: inPodTemplate('hostNetwork', true) },
  // (Tekton's pod template has no hostPID or hostIPC: the API server drops them, TEKTON_FIELD_NAMES)
  { name: 'pod runs as root', rules: [RuleId.RUN_POD_SECURITY_CONTEXT, RuleId.RUN_AS_NON_ROOT], kinds: RUNS, apply: inPodTemplate('securityContext/runAsUser', 0) },
  { name: 'pod token mounted', rules: [RuleId.RUN_TOKEN_AUTOMOUNT], kinds: RUNS, apply: inPodTemplate('automountServiceAccountToken', true) },
  { name: 'pod hostPath volume', rules: [RuleId.NO_HOST_ACCESS], kinds: RUNS, apply: inPodTemplate('volumes', [{ name: 'host', hostPath: { path: '/var/run/docker.sock' } }]) },
  { name: 'pod on the control plane', rules: [RuleId.RUN_POD_OVERRIDES], kinds: RUNS, apply: inPodTemplate('tolerations', [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }]) },
  { name: 'pod with system priority', rules: [RuleId.RUN_POD_OVERRIDES], kinds: RUNS, apply: inPodTemplate('priorityClassName', 'system-node-critical') },
  { name: 'pod with host aliases', rules: [RuleId.RUN_POD_OVERRIDES], kinds: RUNS, apply: inPodTemplate('hostAliases', [{ ip: '10.0.0.1', hostnames: ['registry.example.com'] }]) },
  { name: 'pod env', rules: [RuleId.RUN_POD_OVERRIDES], kinds: RUNS, apply: inPodTemplate('env', [{ name: 'LD_PRELOAD', value: '/tmp/x.so' }]) },
  {
    name: 'per-task host network',
    rules: [RuleId.NO_HOST_ACCESS],
    kinds: ['PipelineRun'],
    apply: (json) => [JsonPatch.add('/spec/taskRunSpecs', [
      json?.apiVersion === 'tekton.dev/v1beta1' ? { pipelineTaskName: 'a', taskPodTemplate: { hostNetwork: true } } : { pipelineTaskName: 'a', podTemplate: { hostNetwork: true } },
    ])],
  },
  {
    name: 'per-task default service account',
    rules: [RuleId.RUN_SERVICE_ACCOUNT],
    kinds: ['PipelineRun'],
    apply: (json) => [JsonPatch.add('/spec/taskRunSpecs', [
      json?.apiVersion === 'tekton.dev/v1beta1' ? { pipelineTaskName: 'a', taskServiceAccountName: 'default' } : { pipelineTaskName: 'a', serviceAccountName: 'default' },
    ])],
  },
  {
    name: 'default service account',
    rules: [RuleId.RUN_SERVICE_ACCOUNT],
    kinds: RUNS,
    apply: (json) => (json?.kind === 'TaskRun' || json?.apiVersion === 'tekton.dev/v1beta1'
      ? [JsonPatch.add('/spec/serviceAccountName', 'default')]
      : isObject(json?.spec?.taskRunTemplate) ? [JsonPatch.add('/spec/taskRunTemplate/serviceAccountName', 'default')] : undefined),
  },
  {
    name: 'no timeout',
    rules: [RuleId.RUN_TIMEOUT],
    kinds: RUNS,
    apply: (json) => (json?.kind === 'TaskRun'
      ? [JsonPatch.add('/spec/timeout', '0s')] : [JsonPatch.add('/spec/timeouts', { pipeline: '0s' })]),
  },
  {
    name: 'shared claim',
    rules: [RuleId.WORKSPACE_PER_RUN],
    kinds: ['PipelineRun'],
    apply: (json) => (Array.isArray(json?.spec?.workspaces) && json.spec.workspaces.length
      ? [JsonPatch.replace('/spec/workspaces/0', { name: json.spec.workspaces[0].name, persistentVolumeClaim: { claimName: 'shared' } })] : undefined),
  },
  { name: 'wildcard verbs', rules: [RuleId.RBAC_NO_WILDCARD], kinds: ['Role'], apply: at('/rules/0/verbs', ['*']) },
  { name: 'secret listing', rules: [RuleId.RBAC_NO_SECRET_LISTING], kinds: ['Role'], apply: (json) => (json?.rules?.[0] ? [JsonPatch.replace('/rules/0', { apiGroups: [''], resources: ['secrets'], verbs: ['list'] })] : undefined) },
  { name: 'exec into pods', rules: [RuleId.RBAC_NO_ESCALATION], kinds: ['Role'], apply: (json) => (json?.rules?.[0] ? [JsonPatch.replace('/rules/0', { apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] })] : undefined) },
  {
    name: 'open egress',
    rules: [RuleId.EGRESS_NO_OPEN_CIDR],
    kinds: ['NetworkPolicy'],
    apply: (json) => (Array.isArray(json?.spec?.egress)
      ? [JsonPatch.add('/spec/egress/-', { to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 443, protocol: 'TCP' }] })] : undefined),
  },
  { name: 'secret data', rules: [RuleId.NO_SECRET_MATERIAL], kinds: ['Secret'], apply: at('/data', { token: 'c2VjcmV0' }) },
  { name: 'privileged namespace', rules: [RuleId.NAMESPACE_RESTRICTED], kinds: ['Namespace'], apply: at('/metadata/labels/pod-security.kubernetes.io~1enforce', 'privileged') },
];

/** Where a danger is set: in one of the library's objects, or in a raw object of a kind. */
export type DangerHost = 'library' | RawKind;

export interface DangerScenario {
  readonly danger: string;
  readonly host: DangerHost;
  /** Which object (library host) and which place in it. */
  readonly object: number;
  readonly pick: number;
  /** Relax the danger's first rule on the construct that holds the object, with this reason. */
  readonly relax?: string;
  readonly library: LibrarySpec;
}

const BENIGN_LIBRARY = libraryArb.map((l) => ({ ...l, strings: [] }));

/** The kind of each raw object. */
export const KIND_OF_RAW: Record<RawKind, string> = {
  Task: 'Task',
  TaskV1beta1: 'Task',
  Pipeline: 'Pipeline',
  PipelineNested: 'Pipeline',
  PipelineRun: 'PipelineRun',
  PipelineRunV1beta1: 'PipelineRun',
  TaskRun: 'TaskRun',
  TaskRunV1beta1: 'TaskRun',
  StepActionV1beta1: 'StepAction',
  StepActionV1alpha1: 'StepAction',
  Role: 'Role',
  ClusterRole: 'ClusterRole',
  RoleBinding: 'RoleBinding',
  NetworkPolicy: 'NetworkPolicy',
  Secret: 'Secret',
  ConfigMap: 'ConfigMap',
  FeatureFlags: 'ConfigMap',
  Namespace: 'Namespace',
};
/** The kinds of object the library's constructs write in a danger scenario. */
const LIBRARY_KINDS = ['Task', 'Pipeline', 'PipelineRun', 'NetworkPolicy'];

export const dangerScenarioArb: fc.Arbitrary<DangerScenario> = fc.constantFrom(...DANGERS).chain((d) => {
  const hosts: DangerHost[] = [
    ...d.kinds.some((k) => LIBRARY_KINDS.includes(k)) ? ['library' as const, 'library' as const] : [],
    ...RAW_KINDS.filter((k) => d.kinds.includes(KIND_OF_RAW[k])),
  ];
  return fc.record({
    danger: fc.constant(d.name),
    host: fc.constantFrom(...hosts),
    object: fc.nat({ max: 20 }),
    pick: fc.nat({ max: 20 }),
    // only a rule that may be relaxed is
    relax: RuleCatalogue.isRelaxable(d.rules[0])
      ? fc.option(fc.constantFrom('the vendor image needs this', 'needed by the legacy build until Q3'), { nil: undefined })
      : fc.constant(undefined),
    library: BENIGN_LIBRARY,
  }, { requiredKeys: ['danger', 'host', 'object', 'pick', 'library'] });
});

/** Builds a danger scenario: undefined when the danger has no place in the host. */
export function buildDanger(s: DangerScenario): (BuiltScenario & { danger: Danger; target: ApiObject }) | undefined {
  const danger = DANGERS.find((d) => d.name === s.danger)!;
  const built = buildScenario({ library: s.library, raws: s.host === 'library' ? [] : [{ kind: s.host, name: 'host', patches: [] }], patches: [], relaxations: [] });
  const candidates = s.host === 'library'
    ? built.chart.node.findAll().filter(ApiObject.isApiObject).filter((o) => !built.raws.includes(o) && danger.kinds.includes(o.kind))
    : built.raws.filter((o) => danger.kinds.includes(o.kind));
  if (!candidates.length) return undefined;
  const target = candidates[s.object % candidates.length];
  const ops = danger.apply(target.toJson(), s.pick);
  if (!ops?.length) return undefined;
  target.addJsonPatch(...ops);
  built.patched.add(target);
  if (s.relax !== undefined) {
    // the construct that emitted the object holds the relaxation (for a raw object, the object itself)
    const holder = s.host === 'library' ? target.node.scope! : target;
    Relaxations.of(holder).add({ rule: danger.rules[0], reason: s.relax });
  }
  return { ...built, danger, target };
}
