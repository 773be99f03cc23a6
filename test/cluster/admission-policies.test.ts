import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from '@bufbuild/cel';
import { Chart, JsonPatch, Size, Testing } from 'cdk8s';
import { buildPipelineApp, KANIKO_IMAGE } from '../../examples/build-pipeline/app';
import { clusterConfigApp } from '../../examples/cluster-config/app';
import { EXAMPLES } from '../../examples/index';
import {
  AccessMode, AdmissionApiVersion, ApiVerb, EgressPeer, EgressPort, EnforcementAction, Finding, ParamConstraint, RuleCatalogue, RuleId, RunWorkspace,
  SecurePipeline,
  SecurePipelineRun, SecureTask, TektonAdmissionPolicies, TektonAdmissionPoliciesProps, TrustDomain,
} from '../../src';
import { evaluateManifests } from '../../src/policy/engine/evaluate';
import { ARGUMENT_INJECTION } from '../../src/policy/rules/argument-injection';
import { DEFAULT_ISOLATION } from '../../src/policy/rules/default-isolation';
import { EXPANSION_INJECTION } from '../../src/policy/rules/expansion-injection';
import { IMAGE_DIGEST } from '../../src/policy/rules/image-digest';
import { MOUNT_PATH_FIXED } from '../../src/policy/rules/mount-path-fixed';
import { NO_HOST_ACCESS } from '../../src/policy/rules/no-host-access';
import { RUN_POD_OVERRIDES } from '../../src/policy/rules/run-pod-overrides';
import { RUN_POD_SECURITY_CONTEXT } from '../../src/policy/rules/run-pod-security-context';
import { RUN_TOKEN_AUTOMOUNT } from '../../src/policy/rules/run-token-automount';
import { SCRIPT_INJECTION } from '../../src/policy/rules/script-injection';
import { SECRET_REFERENCE_FIXED } from '../../src/policy/rules/secret-reference-fixed';
import { TRIGGERS_AUTHENTICATED } from '../../src/policy/rules/triggers-authenticated';
import { WORKSPACE_PER_RUN } from '../../src/policy/rules/workspace-per-run';
import { SEPARATED_RUNNERS } from '../../src/private/argv';
import { POD_TEMPLATE_SUBSTITUTED_PATHS } from '../../src/private/pod-template-params';
import { pinProblems, remoteReferencesOf } from '../../src/private/remote-refs';
import { interceptorsNamed } from '../../src/private/trigger-interceptors';
import { PINNED, step } from '../helpers/constructs';
import { expectValidManifests } from '../helpers/schema';
import { buildOracle, runOracleOnPaths } from '../helpers/tekton-oracle';
import {
  AdmissionRequestInput, describeWithVapEval, evaluateCases, PER_CALL_LIMIT, PolicyVerdict, RUNTIME_CEL_COST_BUDGET, TEKTON_CRDS,
  VAP_EVAL_BUILD_TIMEOUT_MS, VapEvaluator,
} from '../helpers/vap-eval';

const SA = 'build-and-push-runner';
const BASE: TektonAdmissionPoliciesProps = { namespaces: ['ci'], allowedServiceAccounts: [SA] };
const CONTROLLER = 'system:serviceaccount:tekton-pipelines:tekton-pipelines-controller';
const IMAGE_POLICY = 'secure-tekton-image-digest';
const SECURITY_POLICY = 'secure-tekton-step-security-context';
const HOST_POLICY = 'secure-tekton-host-access';
const INJECTION_POLICY = 'secure-tekton-injection';
const SECRETS_POLICY = 'secure-tekton-secrets';
const POD_POLICY = 'secure-tekton-run-pod-templates';
const SA_POLICY = 'secure-tekton-run-service-account';
const WORKSPACE_POLICY = 'secure-tekton-run-workspaces';
const STATUS_POLICY = 'secure-tekton-run-status';
const REMOTE_POLICY = 'secure-tekton-remote-references';
const TRIGGERS_POLICY = 'secure-tekton-triggers-authenticated';
const RESOLUTION_POLICY = 'secure-tekton-resolution-requests';
const CHILD_POLICY = 'secure-tekton-child-runs';
const CLAIMS_POLICY = 'secure-tekton-workspace-claims';
const ASSISTANTS_POLICY = 'secure-tekton-affinity-assistants';
const STATEFUL_SET_CONTROLLERS = ['system:serviceaccount:kube-system:statefulset-controller', 'system:kube-controller-manager'];
const RESOLVERS = 'system:serviceaccount:tekton-pipelines-resolvers:tekton-pipelines-resolvers';
const POLICY_NAMES = [
  IMAGE_POLICY, SECURITY_POLICY, HOST_POLICY, INJECTION_POLICY, SECRETS_POLICY, POD_POLICY, SA_POLICY, WORKSPACE_POLICY, STATUS_POLICY, REMOTE_POLICY,
  TRIGGERS_POLICY, RESOLUTION_POLICY, CHILD_POLICY, CLAIMS_POLICY, ASSISTANTS_POLICY,
];
/** The variables that walk task specs and containers, in every policy that reads them. */
const WALK = ['pipelineTasks', 'taskSpecs', 'nestedTaskSpecs', 'deepTaskSpecs', 'containers'];
/** Every relaxable rule the policies check (and so can honour), in the order of the prop's default. */
const EXEMPTABLE: RuleId[] = [
  RuleId.IMAGE_DIGEST, RuleId.RUN_AS_NON_ROOT, RuleId.NO_PRIVILEGE_ESCALATION, RuleId.DROP_ALL_CAPABILITIES,
  RuleId.SECCOMP_RUNTIME_DEFAULT, RuleId.WORKSPACE_PER_RUN, RuleId.NO_HOST_ACCESS, RuleId.DEFAULT_ISOLATION,
  RuleId.RUN_POD_OVERRIDES, RuleId.RUN_POD_SECURITY_CONTEXT, RuleId.RUN_TOKEN_AUTOMOUNT, RuleId.ARGUMENT_INJECTION,
  RuleId.EXPANSION_INJECTION, RuleId.SECRET_REFERENCE_FIXED, RuleId.MOUNT_PATH_FIXED, RuleId.TRIGGERS_AUTHENTICATED,
];
/**
 * The rules honoured by default: all but those whose records alone would open the node, and TRIGGERS_AUTHENTICATED, whose record
 * on an EventListener or Trigger would let its author accept unauthenticated events (honoured only when listed).
 */
const NOT_HONOURED_BY_DEFAULT = [RuleId.NO_HOST_ACCESS, RuleId.SECCOMP_RUNTIME_DEFAULT, RuleId.DEFAULT_ISOLATION, RuleId.TRIGGERS_AUTHENTICATED];
const HONOURED = EXEMPTABLE.filter((r) => !NOT_HONOURED_BY_DEFAULT.includes(r));
const REASON = 'the shared cache must outlive a single run';

function policies(props: Partial<TektonAdmissionPoliciesProps> = {}, chartNamespace: string | undefined = 'ci') {
  const c = new Chart(Testing.app(), 'test', { namespace: chartNamespace });
  const p = new TektonAdmissionPolicies(c, 'admission', { ...BASE, ...props });
  const objects = Testing.synth(c);
  const policy = (name: string) => objects.find((o: any) => o.kind === 'ValidatingAdmissionPolicy' && o.metadata.name === name);
  const binding = (name: string) => objects.find((o: any) => o.kind === 'ValidatingAdmissionPolicyBinding' && o.metadata.name === name);
  const vaps = objects.filter((o: any) => o.kind === 'ValidatingAdmissionPolicy');
  return { c, p, objects, policy, binding, vaps };
}

// ---------------------------------------------------------------------------------------------
// Evaluating the policies with the API server's own code (conformance/cmd/vap-eval)
// ---------------------------------------------------------------------------------------------

const evaluator = new VapEvaluator();

/** What a policy does with a request. */
interface Outcome {
  /** The policy's resource rules and match conditions select the request. */
  readonly matched: boolean;
  /** Messages of the validations that refuse it. */
  readonly refusals: string[];
}

/** The API server's verdict of `policy` on a request; a validation that cannot be evaluated fails the test. */
async function verdict(policy: any, request: AdmissionRequestInput, options: { allowErrors?: boolean } = {}): Promise<PolicyVerdict> {
  const result = await evaluator.evaluate({ policies: [policy], requests: [{ namespaceName: 'ci', ...request }] });
  const compileErrors = result.policies[0].compileErrors;
  if (compileErrors.length > 0) throw new Error(`policy ${policy.metadata.name} does not compile: ${JSON.stringify(compileErrors)}`);
  const v = result.requests[0].verdicts[0];
  if (v.error) throw new Error(`policy ${policy.metadata.name}: ${v.error}`);
  const errors = v.denials.filter((d) => d.evaluation === 'error');
  if (errors.length > 0 && !options.allowErrors) {
    throw new Error(`policy ${policy.metadata.name}: ${errors.map((e) => `validation ${e.validation}: ${e.message}`).join('\n')}`);
  }
  return v;
}

/** What `policy` does with a CREATE (or `operation`) of `object` by `username`. */
async function admit(policy: any, object: any, username = 'jane@example.com', operation = 'CREATE'): Promise<Outcome> {
  const v = await verdict(policy, { operation, object, userInfo: { username } });
  return { matched: v.matched && v.matchConditions !== false, refusals: v.denials.map((d) => d.message) };
}

const RESOURCES: Record<string, string> = { Task: 'tasks', Pipeline: 'pipelines', PipelineRun: 'pipelineruns', TaskRun: 'taskruns', StepAction: 'stepactions' };

/** Rule IDs of the refusals, deduplicated. */
function rulesOf(outcome: Outcome): string[] {
  return [...new Set(outcome.refusals.map((m) => /\[([A-Z_]+)\]/.exec(m)?.[1] ?? m))];
}

// ---------------------------------------------------------------------------------------------
// Good objects: real library output, and embedded variants of it
// ---------------------------------------------------------------------------------------------

const clone = <T>(x: T): T => structuredClone(x);

function exampleObjects() {
  const app = buildPipelineApp(fs.mkdtempSync(path.join(os.tmpdir(), 'admission-policies-')));
  const objects = app.charts.flatMap((c) => Testing.synth(c));
  const byKind = (kind: string) => objects.filter((o: any) => o.kind === kind);
  const task = (name: string) => byKind('Task').find((t: any) => t.metadata.name === name);
  return { tasks: byKind('Task'), task, pipeline: byKind('Pipeline')[0], pipelineRun: byKind('PipelineRun')[0] };
}

const EX = exampleObjects();
const GO_BUILD = EX.task('go-build');
const KANIKO = EX.task('kaniko-push');

/** The example Pipeline with each task's spec embedded (`taskSpec`) instead of referenced, and a finally task. */
function embeddedPipeline(): any {
  const p = clone(EX.pipeline);
  p.spec.tasks = p.spec.tasks.map((t: any) => {
    const { taskRef, ...rest } = t;
    // a task fetched from the bundle is embedded as the Task the app publishes there (the bundle entry's name)
    const name = taskRef.resolver === 'bundles' ? taskRef.params.find((x: any) => x.name === 'name').value : taskRef.name;
    return { ...rest, taskSpec: clone(EX.task(name).spec) };
  });
  p.spec.finally = [{ name: 'report', taskSpec: clone(GO_BUILD.spec), workspaces: [{ name: 'source', workspace: 'source' }, { name: 'output', workspace: 'output' }] }];
  return p;
}

/** Embedded Pipeline minus the kaniko task (which needs relaxations). */
function hardenedEmbeddedPipeline(): any {
  const p = embeddedPipeline();
  p.spec.tasks = p.spec.tasks.filter((t: any) => t.name !== 'push');
  return p;
}

/**
 * A Pipeline the library writes with `embedTasks`: a step that runs as root with its
 * relaxation (recorded below its pipeline task) and a trusted task holding credentials.
 */
function libraryEmbeddedPipeline(): any {
  const c = new Chart(Testing.app(), 'embedded', { namespace: 'ci' });
  const build = new SecureTask(c, 'build', {
    steps: [step({ name: 'install', runAsUser: 0, relaxations: [{ rule: RuleId.RUN_AS_NON_ROOT, reason: 'the installer writes to /usr as root' }] })],
  });
  const push = new SecureTask(c, 'push', { trusted: true, workspaces: [{ name: 'creds', domain: TrustDomain.CREDENTIALS }], steps: [step()] });
  const pipeline = new SecurePipeline(c, 'ci', { embedTasks: true, workspaces: [{ name: 'creds', domain: TrustDomain.CREDENTIALS }] });
  pipeline.addTask({ task: build });
  pipeline.addTask({ task: push, workspaces: { creds: 'creds' } });
  return Testing.synth(c).find((o: any) => o.kind === 'Pipeline');
}

/** The example PipelineRun with the (hardened) pipeline embedded as `pipelineSpec`. */
function embeddedPipelineRun(): any {
  const r = clone(EX.pipelineRun);
  delete r.spec.pipelineRef;
  r.spec.pipelineSpec = hardenedEmbeddedPipeline().spec;
  return r;
}

/** A TaskRun of go-build with its spec embedded, as one writes it by hand. */
function taskRun(): any {
  return {
    apiVersion: 'tekton.dev/v1',
    kind: 'TaskRun',
    metadata: { generateName: 'go-build-run-', namespace: 'ci' },
    spec: {
      serviceAccountName: SA,
      taskSpec: clone(GO_BUILD.spec),
      workspaces: [
        { name: 'source', volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } },
        { name: 'output', emptyDir: {} },
      ],
    },
  };
}

/** A library PipelineRun whose run-level relaxation of WORKSPACE_PER_RUN is recorded as an annotation. */
function relaxedPipelineRun(workspace: RunWorkspace): any {
  const c = Testing.chart();
  const task = new SecureTask(c, 'cache-warm', {
    workspaces: [{ name: 'cache', domain: TrustDomain.CACHE }],
    steps: [step()],
  });
  const pipeline = new SecurePipeline(c, 'warm', { workspaces: [{ name: 'cache', domain: TrustDomain.CACHE }] });
  pipeline.addTask({ task, workspaces: { cache: 'cache' } });
  new SecurePipelineRun(c, 'run', {
    pipeline,
    workspaces: { cache: workspace },
    relaxations: [{ rule: RuleId.WORKSPACE_PER_RUN, reason: REASON }],
  });
  return Testing.synth(c).find((o: any) => o.kind === 'PipelineRun');
}

/** A library PipelineRun whose task gets an API grant (so `taskRunSpecs[]` without serviceAccountName). */
function grantingPipelineRun(): { run: any; sa: string } {
  const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
  const task = new SecureTask(c, 'deploy', { steps: [step()] });
  const pipeline = new SecurePipeline(c, 'deployer', {});
  const deploy = pipeline.addTask({ task });
  deploy.grantApi({ apiGroup: 'apps', resource: 'deployments', verbs: [ApiVerb.GET], resourceNames: ['web'] });
  deploy.allowEgressTo(EgressPeer.cidr('10.96.0.1/32'), [EgressPort.tcp(443)]);
  new SecurePipelineRun(c, 'run', { pipeline });
  return { run: Testing.synth(c).find((o: any) => o.kind === 'PipelineRun'), sa: pipeline.serviceAccountName };
}

/** Every first step of every TaskSpec in `obj` (Task, embedded Pipeline, PipelineRun, TaskRun). */
function firstStepsOf(obj: any): any[] {
  switch (obj.kind) {
    case 'Task': return [obj.spec.steps[0]];
    case 'TaskRun': return [obj.spec.taskSpec.steps[0]];
    case 'Pipeline': return [...obj.spec.tasks, ...obj.spec.finally ?? []].map((t: any) => t.taskSpec.steps[0]);
    default: return obj.spec.pipelineSpec.tasks.map((t: any) => t.taskSpec.steps[0]);
  }
}

function withAnnotation(obj: any, rule: RuleId, reason = '*: reviewed by the platform team'): any {
  const o = clone(obj);
  o.metadata.annotations = { ...o.metadata.annotations, [`secure-tekton/relax.${rule}`]: reason };
  return o;
}

/** The TektonAdmissionPolicies of the cluster-config example. */
function exampleAdmissionPolicies(): TektonAdmissionPolicies {
  const app = clusterConfigApp(fs.mkdtempSync(path.join(os.tmpdir(), 'admission-cluster-config-')));
  return app.node.findAll().find((c): c is TektonAdmissionPolicies => c instanceof TektonAdmissionPolicies)!;
}

/** A hardened StepAction, as one writes it by hand (the param reaches the script through env). */
function stepAction(): any {
  return {
    apiVersion: 'tekton.dev/v1beta1',
    kind: 'StepAction',
    metadata: { name: 'scan', namespace: 'ci' },
    spec: {
      image: PINNED,
      params: [{ name: 'target', type: 'string' }],
      results: [{ name: 'report', type: 'string' }],
      env: [{ name: 'TARGET', value: '$(params.target)' }],
      script: '#!/bin/sh\nset -eu\nscan "$TARGET" > "$(step.results.report.path)"\n',
      securityContext: clone(GO_BUILD.spec.stepTemplate.securityContext),
    },
  };
}

/** A hardened sidecar. */
function sidecar(overrides: any = {}): any {
  return { name: 'cache', image: PINNED, securityContext: clone(GO_BUILD.spec.stepTemplate.securityContext), ...overrides };
}

/** go-build with `change` applied to a copy. */
function goBuild(change: (t: any) => void): any {
  const t = clone(GO_BUILD);
  change(t);
  return t;
}

/** A TaskRun of go-build whose podTemplate is the library's, with `change` applied. */
function runWithPod(change: (pod: any, run: any) => void): any {
  const r = taskRun();
  r.spec.podTemplate = clone(EX.pipelineRun.spec.taskRunTemplate.podTemplate);
  change(r.spec.podTemplate, r);
  return r;
}

/** The example PipelineRun with a per-task pod template for `build` (and `change` applied to it). */
function runWithTaskPod(change: (pod: any, run: any) => void): any {
  const r = clone(EX.pipelineRun);
  r.spec.taskRunSpecs = [{ pipelineTaskName: 'build', podTemplate: {} }, { pipelineTaskName: 'push', podTemplate: {} }];
  change(r.spec.taskRunSpecs[0].podTemplate, r);
  return r;
}

/** A Pipeline embedding `spec` as the taskSpec of a task `inner`, `levels` pipelineSpecs down (0: a task of the Pipeline itself). */
function nestedPipeline(spec: any, levels: number): any {
  let tasks: any[] = [{ name: 'inner', taskSpec: spec }];
  for (let i = levels; i > 0; i--) tasks = [{ name: `level${i}`, pipelineSpec: { tasks } }];
  return { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'nested', namespace: 'ci' }, spec: { tasks } };
}

/**
 * A Pipeline of `tasks` tasks of `steps` steps each, embedded: the hardened steps of the
 * example Tasks (scripts, commands and args, workingDirs, env) over and over.
 */
function largePipeline(tasks: number, steps: number): any {
  const sources = [EX.task('git-clone').spec, GO_BUILD.spec, KANIKO.spec];
  const hardened = sources.flatMap((t: any) => t.steps)
    .filter((s: any) => s.securityContext.runAsNonRoot === true && !(s.securityContext.capabilities.add ?? []).length);
  // what the steps refer to, declared once each
  const union = (field: string) => [...new Map(sources.flatMap((t: any) => t[field] ?? []).map((x: any) => [x.name, x])).values()];
  const spec = (i: number) => ({
    ...clone(GO_BUILD.spec),
    params: union('params'),
    results: union('results'),
    workspaces: union('workspaces'),
    volumes: union('volumes'),
    steps: Array.from({ length: steps }, (_, j) => ({ ...clone(hardened[(i + j) % hardened.length]), name: `step-${j}` })),
  });
  return {
    apiVersion: 'tekton.dev/v1',
    kind: 'Pipeline',
    metadata: { name: 'large', namespace: 'ci' },
    spec: { tasks: Array.from({ length: tasks }, (_, i) => ({ name: `task-${i}`, taskSpec: spec(i) })) },
  };
}

/** A library Task whose constrained param starts an argument: SecureTask records the relaxation of ARGUMENT_INJECTION it derives. */
function constrainedParamTask(): any {
  const c = Testing.chart();
  new SecureTask(c, 'checkout', {
    parameters: [{ name: 'revision', constraint: ParamConstraint.gitSha() }],
    steps: [{ name: 'checkout', image: PINNED, command: ['git', 'checkout'], args: ['$(params.revision)'] }],
  });
  return Testing.synth(c).find((o: any) => o.kind === 'Task');
}

/** Findings of the catalogue's rules, limited to what the policies enforce of each (the reference the CEL follows). */
const CATALOGUE: Partial<Record<RuleId, (obj: any) => Finding[]>> = {
  [RuleId.NO_HOST_ACCESS]: (o) => NO_HOST_ACCESS.check(o),
  [RuleId.DEFAULT_ISOLATION]: (o) => DEFAULT_ISOLATION.check(o),
  [RuleId.RUN_POD_OVERRIDES]: (o) => RUN_POD_OVERRIDES.check(o),
  // the pod-level root identities and a seccompProfile type written other than RuntimeDefault or Localhost only (not the settings it requires)
  [RuleId.RUN_POD_SECURITY_CONTEXT]: (o) => RUN_POD_SECURITY_CONTEXT.check(o)
    .filter((f) => /root/.test(f.problem) || (/seccompProfile\.type$/.test(f.property ?? '') && f.value !== undefined)),
  // projected tokens and templates that set automountServiceAccountToken: true (not the run-wide false it requires, unset or otherwise)
  [RuleId.RUN_TOKEN_AUTOMOUNT]: (o) => RUN_TOKEN_AUTOMOUNT.check(o).filter((f) => f.problem !== 'is not false' || f.value === 'true'),
  [RuleId.SCRIPT_INJECTION]: (o) => SCRIPT_INJECTION.check(o),
  [RuleId.ARGUMENT_INJECTION]: (o) => ARGUMENT_INJECTION.check(o),
  [RuleId.EXPANSION_INJECTION]: (o) => EXPANSION_INJECTION.check(o),
  [RuleId.SECRET_REFERENCE_FIXED]: (o) => SECRET_REFERENCE_FIXED.check(o),
  [RuleId.MOUNT_PATH_FIXED]: (o) => MOUNT_PATH_FIXED.check(o),
  [RuleId.IMAGE_DIGEST]: (o) => IMAGE_DIGEST.check(o),
  // volumes only (a run's workspaces are the run-workspaces policy's)
  [RuleId.WORKSPACE_PER_RUN]: (o) => WORKSPACE_PER_RUN.check(o).filter((f) => !f.target?.startsWith('workspace/')),
};

/** The catalogue rules (of those in CATALOGUE) that find something in `obj`. */
function catalogueFinds(obj: any, rules: readonly RuleId[]): RuleId[] {
  return rules.filter((r) => CATALOGUE[r]!(obj).length > 0);
}

// ---------------------------------------------------------------------------------------------
// The emitted objects
// ---------------------------------------------------------------------------------------------

describe('TektonAdmissionPolicies defaults', () => {
  const { p, objects, policy, binding } = policies();

  test('eleven v1beta1 policies, then a binding of the same name for each, cluster-scoped', () => {
    expect(objects.map((o: any) => [o.apiVersion, o.kind, o.metadata.name])).toEqual([
      ...POLICY_NAMES.map((name) => ['admissionregistration.k8s.io/v1beta1', 'ValidatingAdmissionPolicy', name]),
      ...POLICY_NAMES.map((name) => ['admissionregistration.k8s.io/v1beta1', 'ValidatingAdmissionPolicyBinding', name]),
    ]);
    objects.forEach((o: any) => expect(o.metadata.namespace).toBeUndefined());
    expect(p.policyNames).toEqual(POLICY_NAMES);
    expect(p.apiVersion).toBe(AdmissionApiVersion.V1BETA1);
  });

  test('failurePolicy Fail; CREATE and UPDATE of tekton.dev/v1 objects and v1beta1 StepActions, other versions converted (Equivalent)', () => {
    const rule = (resources: string[]) => ({ apiGroups: ['tekton.dev'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources, scope: 'Namespaced' });
    const stepActions = { apiGroups: ['tekton.dev'], apiVersions: ['v1beta1'], operations: ['CREATE', 'UPDATE'], resources: ['stepactions'], scope: 'Namespaced' };
    const containers = { matchPolicy: 'Equivalent', resourceRules: [rule(['tasks', 'pipelines', 'pipelineruns', 'taskruns']), stepActions] };
    const runs = { matchPolicy: 'Equivalent', resourceRules: [rule(['pipelineruns', 'taskruns'])] };
    for (const name of POLICY_NAMES) expect(policy(name).spec.failurePolicy).toBe('Fail');
    for (const name of [IMAGE_POLICY, SECURITY_POLICY, HOST_POLICY, INJECTION_POLICY]) expect(policy(name).spec.matchConstraints).toEqual(containers);
    for (const name of [SA_POLICY, WORKSPACE_POLICY]) expect(policy(name).spec.matchConstraints).toEqual(runs);
    // Tasks and Pipelines for their labels, which Tekton copies onto their TaskRuns (a Pipeline's through its runs)
    expect(policy(POD_POLICY).spec.matchConstraints).toEqual({ matchPolicy: 'Equivalent', resourceRules: [rule(['pipelineruns', 'taskruns', 'tasks', 'pipelines'])] });
    // Tasks hold no taskRef nor pipelineRef (a step's ref is the step-security-context policy's)
    expect(policy(REMOTE_POLICY).spec.matchConstraints).toEqual({ matchPolicy: 'Equivalent', resourceRules: [rule(['pipelines', 'pipelineruns', 'taskruns'])] });
    // the status subresource, which a rule for the runs does not match; only ever updated
    expect(policy(STATUS_POLICY).spec.matchConstraints).toEqual({
      matchPolicy: 'Equivalent',
      resourceRules: [{ apiGroups: ['tekton.dev'], apiVersions: ['v1'], operations: ['UPDATE'], resources: ['pipelineruns/status', 'taskruns/status'], scope: 'Namespaced' }],
    });
    // ResolutionRequests and their answers, at both served versions
    expect(policy(RESOLUTION_POLICY).spec.matchConstraints).toEqual({
      matchPolicy: 'Equivalent',
      resourceRules: ['v1beta1', 'v1alpha1'].map((v) => ({
        apiGroups: ['resolution.tekton.dev'], apiVersions: [v], operations: ['CREATE', 'UPDATE'], resources: ['resolutionrequests', 'resolutionrequests/status'], scope: 'Namespaced',
      })),
    });
    // the core API's PersistentVolumeClaims, when they are created
    expect(policy(CLAIMS_POLICY).spec.matchConstraints).toEqual({
      matchPolicy: 'Equivalent',
      resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['persistentvolumeclaims'], scope: 'Namespaced' }],
    });
    // StatefulSets, their scale and status, Pods and their status (the API server keeps the metadata written there), created and updated;
    // the kinds whose labels Tekton copies to a run's pods
    expect(policy(ASSISTANTS_POLICY).spec.matchConstraints).toEqual({
      matchPolicy: 'Equivalent',
      resourceRules: [
        { apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['statefulsets', 'statefulsets/scale', 'statefulsets/status'], scope: 'Namespaced' },
        { apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['pods', 'pods/status', 'replicationcontrollers'], scope: 'Namespaced' },
        { apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['deployments', 'replicasets', 'daemonsets'], scope: 'Namespaced' },
        { apiGroups: ['batch'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['jobs', 'cronjobs'], scope: 'Namespaced' },
        { apiGroups: ['tekton.dev'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['tasks', 'pipelines', 'pipelineruns', 'taskruns'], scope: 'Namespaced' },
      ],
    });
  });

  test('every validation has reason Invalid and a message naming its rule and the fix, on one line', () => {
    const expected: Record<string, string[]> = {
      [IMAGE_POLICY]: ['IMAGE_DIGEST', 'IMAGE_DIGEST', 'IMAGE_DIGEST', 'IMAGE_DIGEST', 'IMAGE_DIGEST', 'VALID_SPEC'],
      [SECURITY_POLICY]: ['RUN_AS_NON_ROOT', 'NO_PRIVILEGE_ESCALATION', 'NOT_PRIVILEGED', 'DROP_ALL_CAPABILITIES', 'DROP_ALL_CAPABILITIES', 'SECCOMP_RUNTIME_DEFAULT',
        'SECCOMP_RUNTIME_DEFAULT', 'RUN_AS_NON_ROOT', 'VALID_SPEC', 'VALID_SPEC'],
      [HOST_POLICY]: [...Array(6).fill('NO_HOST_ACCESS'), ...Array(3).fill('DEFAULT_ISOLATION'), 'VALID_SPEC', 'WORKSPACE_PER_RUN', 'WORKSPACE_PER_RUN', 'NO_HOST_ACCESS', 'NO_HOST_ACCESS',
        'NO_HOST_ACCESS', 'RUN_TOKEN_AUTOMOUNT'],
      [INJECTION_POLICY]: ['SCRIPT_INJECTION', 'SCRIPT_INJECTION', 'ARGUMENT_INJECTION', 'ARGUMENT_INJECTION', 'ARGUMENT_INJECTION', 'VALID_SPEC', 'ARGUMENT_INJECTION', 'VALID_SPEC',
        'ARGUMENT_INJECTION', 'MOUNT_PATH_FIXED', 'MOUNT_PATH_FIXED', 'ARGUMENT_INJECTION', 'SCRIPT_INJECTION', 'ARGUMENT_INJECTION', 'SCRIPT_INJECTION',
        'ARGUMENT_INJECTION', 'SCRIPT_INJECTION', 'ARGUMENT_INJECTION', 'MOUNT_PATH_FIXED'],
      [SECRETS_POLICY]: ['EXPANSION_INJECTION', 'SECRET_REFERENCE_FIXED', 'VALID_SPEC', 'SECRET_REFERENCE_FIXED'],
      [POD_POLICY]: [...Array(5).fill('RUN_POD_OVERRIDES'), 'RUN_POD_SECURITY_CONTEXT', 'RUN_TOKEN_AUTOMOUNT', 'RUN_TOKEN_AUTOMOUNT', 'RUN_POD_OVERRIDES', 'RUN_POD_OVERRIDES',
        'RUN_TOKEN_AUTOMOUNT', 'RUN_POD_SECURITY_CONTEXT', 'RUN_POD_OVERRIDES', ...Array(5).fill('RUN_POD_OVERRIDES'), 'VALID_SPEC'],
      [SA_POLICY]: ['RUN_SERVICE_ACCOUNT', 'RUN_SERVICE_ACCOUNT', 'RUN_SERVICE_ACCOUNT'],
      [WORKSPACE_POLICY]: ['WORKSPACE_PER_RUN', 'WORKSPACE_PER_RUN', 'WORKSPACE_PER_RUN', 'WORKSPACE_PER_RUN', 'SECRET_REFERENCE_FIXED', 'SECRET_REFERENCE_FIXED',
        'SECRET_REFERENCE_FIXED'],
      [STATUS_POLICY]: ['RBAC_NO_ESCALATION'],
      [REMOTE_POLICY]: ['VALID_SPEC', 'VALID_SPEC', 'VALID_SPEC', 'VALID_SPEC'],
      [TRIGGERS_POLICY]: ['TRIGGERS_AUTHENTICATED', 'TRIGGERS_AUTHENTICATED', 'TRIGGERS_AUTHENTICATED', 'TRIGGERS_AUTHENTICATED'],
      [RESOLUTION_POLICY]: ['RBAC_NO_ESCALATION'],
      [CHILD_POLICY]: ['RBAC_NO_ESCALATION', 'RBAC_NO_ESCALATION', 'RBAC_NO_ESCALATION'],
      [CLAIMS_POLICY]: ['WORKSPACE_PER_RUN', 'WORKSPACE_PER_RUN', 'WORKSPACE_PER_RUN'],
      [ASSISTANTS_POLICY]: ['RBAC_NO_ESCALATION', 'WORKSPACE_PER_RUN', 'RBAC_NO_ESCALATION', 'RBAC_NO_ESCALATION', 'RBAC_NO_ESCALATION', 'RBAC_NO_ESCALATION', 'RBAC_NO_ESCALATION'],
    };
    for (const name of POLICY_NAMES) {
      const validations = policy(name).spec.validations;
      expect(validations.map((v: any) => /\[([A-Z_]+)\]\. /.exec(v.message)?.[1])).toEqual(expected[name]);
      for (const v of validations) {
        expect(v.reason).toBe('Invalid');
        expect(v.message).not.toMatch(/\n/);
        expect(v.message).toMatch(/\.$/);
      }
    }
  });

  test('messages: the fix, and the relaxation annotation where one is honoured', () => {
    expect(policy(IMAGE_POLICY).spec.validations[0].message).toBe(
      'A step image is missing or not pinned by digest [IMAGE_DIGEST]. Use <repository>@sha256:<64 hex digest>, '
      + 'or record a relaxation: annotation secure-tekton/relax.IMAGE_DIGEST: "<target, or * for the whole object>: <why, at least 10 characters>".');
    expect(policy(SECURITY_POLICY).spec.validations[2].message).toBe(
      'A step, sidecar, stepTemplate or StepAction sets securityContext.privileged: true [NOT_PRIVILEGED]. Remove it or set privileged: false; this rule cannot be relaxed.');
    expect(policy(INJECTION_POLICY).spec.validations[0].message).toBe(
      'A step, sidecar or StepAction script pastes a substitution callers can choose ($(params…), $(tasks…results…), $(steps…results…), $(context…) …)'
      + ' into its code [SCRIPT_INJECTION]. Pass the value through env and quote the variable in the script; this rule cannot be relaxed.');
    expect(policy(HOST_POLICY).spec.validations[3].message).toBe(
      'A run pod template shares a namespace of the node (hostNetwork, hostPID or hostIPC) [NO_HOST_ACCESS]. Remove the field from the pod template.');
    expect(policies({ honouredRelaxations: [RuleId.NO_HOST_ACCESS] }).policy(HOST_POLICY).spec.validations[3].message).toBe(
      'A run pod template shares a namespace of the node (hostNetwork, hostPID or hostIPC) [NO_HOST_ACCESS]. Remove the field from the pod template, '
      + 'or record a relaxation: annotation secure-tekton/relax.NO_HOST_ACCESS: "<target, or * for the whole object>: <why, at least 10 characters>".');
    expect(policy(IMAGE_POLICY).spec.validations[5].message).toBe(
      'A pipeline task embeds pipelineSpecs more than 2 levels deep, which these policies do not read [VALID_SPEC]. Embed fewer levels of pipelines in pipelines.');
    expect(policy(SA_POLICY).spec.validations[0].message).toBe(
      `The PipelineRun does not name an allowed ServiceAccount in spec.taskRunTemplate.serviceAccountName [RUN_SERVICE_ACCOUNT]. Use one of: ${SA}.`);
    expect(policy(STATUS_POLICY).spec.validations[0].message).toBe(
      'Someone other than the Tekton controller writes the status of a run (taskruns/status, pipelineruns/status): the controller runs'
      + " a TaskRun's status.taskSpec and a PipelineRun's status.pipelineSpec in place of the Task or Pipeline the run references,"
      + ' and sets results, which later tasks receive as params and Chains signs, none of which any other policy checks [RBAC_NO_ESCALATION].'
      + ` Leave run status to the Tekton controller (${CONTROLLER}): grant no one else update or patch of taskruns/status and pipelineruns/status.`);
  });

  test('bindings: Deny, in the listed namespaces only', () => {
    for (const name of POLICY_NAMES) {
      expect(binding(name).spec).toEqual({
        policyName: name,
        validationActions: ['Deny'],
        matchResources: {
          matchPolicy: 'Equivalent',
          namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['ci'] }] },
        },
      });
    }
    expect(p.enforcementAction).toBe(EnforcementAction.DENY);
    expect(p.namespaces).toEqual(['ci']);
  });

  test('every exemptable relaxation but NO_HOST_ACCESS, SECCOMP_RUNTIME_DEFAULT, DEFAULT_ISOLATION and TRIGGERS_AUTHENTICATED is honoured, the controller is the default one', () => {
    expect(p.honouredRelaxations).toEqual(HONOURED);
    expect(HONOURED).toHaveLength(12);
    expect(policy(SECURITY_POLICY).spec.variables.map((v: any) => v.name)).toEqual([
      ...WALK, 'relaxedRunAsNonRoot', 'relaxedNoPrivilegeEscalation', 'relaxedDropAllCapabilities',
    ]);
    expect(policy(HOST_POLICY).spec.variables.map((v: any) => v.name)).toEqual([
      ...WALK, 'podTemplates', 'relaxedWorkspacePerRun', 'relaxedRunTokenAutomount',
    ]);
    // they are read when listed
    const listed = policies({ honouredRelaxations: EXEMPTABLE });
    expect(listed.policy(SECURITY_POLICY).spec.variables.map((v: any) => v.name)).toContain('relaxedSeccompRuntimeDefault');
    expect(listed.policy(HOST_POLICY).spec.variables.map((v: any) => v.name)).toEqual([
      ...WALK, 'podTemplates', 'relaxedNoHostAccess', 'relaxedDefaultIsolation', 'relaxedWorkspacePerRun', 'relaxedRunTokenAutomount',
    ]);
    expect(policy(INJECTION_POLICY).spec.variables.map((v: any) => v.name)).toEqual(['patterns', ...WALK, 'executingEnv', 'relaxedArgumentInjection', 'relaxedMountPathFixed']);
    expect(policy(SECRETS_POLICY).spec.variables.map((v: any) => v.name)).toEqual(['podSecret', ...WALK, 'relaxedExpansionInjection', 'relaxedSecretReferenceFixed']);
    expect(policy(POD_POLICY).spec.variables.map((v: any) => v.name)).toEqual([
      'podTemplates', 'relaxedRunPodOverrides', 'relaxedRunPodSecurityContext', 'relaxedRunTokenAutomount',
    ]);
    // rules that cannot be relaxed are never read
    expect(JSON.stringify(objects)).not.toMatch(/relax\.(NOT_PRIVILEGED|SCRIPT_INJECTION|RUN_SERVICE_ACCOUNT|RBAC_NO_ESCALATION|VALID_SPEC|NO_HOST_ACCESS|SECCOMP_RUNTIME_DEFAULT|TRIGGERS_AUTHENTICATED)/);
    expect(policy(SA_POLICY).spec.variables).toBeUndefined();
    expect(policy(STATUS_POLICY).spec.variables).toBeUndefined();
    expect(p.tektonControllerUsername).toBe(CONTROLLER);
    expect(policy(STATUS_POLICY).spec.validations[0].expression).toBe(`request.userInfo.username == '${CONTROLLER}'`);
    expect(p.tektonResolversUsername).toBe(RESOLVERS);
    expect(policy(RESOLUTION_POLICY).spec.variables).toBeUndefined();
    expect(policy(WORKSPACE_POLICY).spec.matchConditions).toEqual([{
      name: 'not-a-taskrun-of-the-tekton-controller',
      expression: `!(object.kind == 'TaskRun' && request.userInfo.username == '${CONTROLLER}')`,
    }, { name: 'not-an-update-of-metadata-or-a-cancel', expression: expect.stringContaining(`request.userInfo.username == '${CONTROLLER}'`) }]);
    // every policy over objects leaves out the updates that change nothing judged (the status and resolution ones match no such update)
    expect(policies().vaps.filter((v: any) => v.spec.matchConditions?.some((c: any) => c.name === 'not-an-update-of-metadata-or-a-cancel'))
      .map((v: any) => v.metadata.name))
      .toEqual(POLICY_NAMES.filter((n) => ![STATUS_POLICY, RESOLUTION_POLICY, CHILD_POLICY, CLAIMS_POLICY, ASSISTANTS_POLICY].includes(n)));
  });

  test('sizes: each walk is written once (variables), so expressions stay far below CEL\'s parser limit and policies below kubectl\'s', () => {
    // The bytes of `v` as Go's encoding/json writes it (apimachinery's unstructured JSON scheme: json.NewEncoder, HTML escaping on), as
    // client-side apply copies the object into its last-applied-configuration annotation: UTF-8, and `&`, `<`, `>` (CEL's `&&`) as
    // \u0026 and the like, six bytes each, U+2028 and U+2029 too.
    const annotationBytes = (v: any) => {
      const json = JSON.stringify(v);
      return Buffer.byteLength(json) + 5 * (json.match(/[&<>]/g) ?? []).length + 3 * (json.match(/[\u2028\u2029]/g) ?? []).length;
    };
    for (const v of policies().vaps) {
      // cel-go refuses expressions above 100,000 code points (parser.go's default, which the API server keeps). The run pod templates
      // policy's longest is about 10,100, a quarter of it the null checks of the fields pod templates keep open; the injection policy's
      // container entry (a shell's options: values, long options, posix mode, -o interactive, a terminal) about 11,400, its patterns
      // read from its variable `patterns`
      for (const e of [...v.spec.validations, ...v.spec.variables ?? []]) expect(e.expression.length).toBeLessThan(16_500);
      // The hard bound. Client-side apply copies the whole object into its last-applied-configuration annotation, which with the others
      // must stay within 256 KiB (apimachinery's TotalAnnotationSizeLimitB; the API server refuses the apply beyond it): 120 KiB leaves
      // that far off. The stored object (the policy and that copy of it, about 2.1 times its size) stays far below etcd's request limit
      // (1.5 MiB by default) and the API server's 3 MiB for a request; server-side apply copies nothing (its managedFields name fields only).
      expect(annotationBytes(v)).toBeLessThan(120 * 1024);
    }
    // A tripwire on the injection policy's shape, the largest: every container entry it reads (RUN_ENTRY, about 10,600 characters) is
    // worked out once, in the one variable `containers` that holds the task specs of every level (CEL has no flatten: each spec three
    // lists down), and each validation walks it once. It was written three times, a copy per level of embedding (113,545 characters,
    // 127,452 bytes as Go writes them: past the 120 KiB above, which counted characters); about 59,900 characters and 65,800 bytes now (the
    // runners' package options included). A change that copies the entry or a validation's body per level again (about 23,000 bytes
    // more) trips it, as does growing the policy by a quarter: say why here, or share what it repeats (`patterns`, variables).
    // Raised from 80 to 96 KiB: the check of envFrom prefixes and ConfigMap names and of stdoutConfig/stderrConfig paths a caller
    // chooses, and its messageExpression naming the field refused, took the policy from about 80,200 to 90,800 bytes; a copy per level
    // (about 23,000 bytes) still trips it
    expect(annotationBytes(policies().policy(INJECTION_POLICY))).toBeLessThan(96 * 1024);
    // (the entry's `pt`, written once)
    expect(JSON.stringify(policies().policy(INJECTION_POLICY).spec).split("'pt': dyn(chosen.through)")).toHaveLength(2);
  });

  test('in a chart without a namespace too', () => {
    expect(policies({}, undefined).objects).toEqual(objects);
  });
});

describe('TektonAdmissionPolicies options', () => {
  test('v1 for Kubernetes 1.30+', () => {
    const { objects } = policies({ apiVersion: AdmissionApiVersion.V1 });
    expect(new Set(objects.map((o: any) => o.apiVersion))).toEqual(new Set(['admissionregistration.k8s.io/v1']));
  });

  test.each([EnforcementAction.WARN, EnforcementAction.AUDIT])('the weaker %s action', (action) => {
    const { objects } = policies({ enforcementAction: action, enforcementReason: ' rolling the policies out:\n\tWarn first ' });
    for (const b of objects.filter((o: any) => o.kind === 'ValidatingAdmissionPolicyBinding')) {
      expect(b.spec.validationActions).toEqual([action]);
      // the reason is recorded on every binding, on one line
      expect(b.metadata.annotations).toEqual({ 'secure-tekton/enforcement-action': 'rolling the policies out: Warn first' });
    }
  });

  test('several namespaces, several ServiceAccounts, a name prefix and another controller', () => {
    const { objects, policy, binding } = policies({
      namespaces: ['ci', 'ci-team-a'],
      allowedServiceAccounts: [SA, 'deployer-runner'],
      namePrefix: 'team-a',
      tektonControllerUsername: 'system:serviceaccount:openshift-pipelines:pipeline',
      tektonResolversUsername: 'system:serviceaccount:openshift-pipelines:tekton-pipelines-resolvers',
    });
    const names = POLICY_NAMES.map((n) => n.replace('secure-tekton-', 'team-a-'));
    expect(objects.map((o: any) => o.metadata.name)).toEqual([...names, ...names]);
    expect(binding('team-a-run-workspaces').spec.matchResources.namespaceSelector.matchExpressions[0].values).toEqual(['ci', 'ci-team-a']);
    expect(policy('team-a-run-service-account').spec.validations[2].expression).toContain(`in ['${SA}', 'deployer-runner']`);
    expect(policy('team-a-run-workspaces').spec.matchConditions[0].expression).toContain("'system:serviceaccount:openshift-pipelines:pipeline'");
    expect(policy('team-a-run-status').spec.validations[0].expression).toBe("request.userInfo.username == 'system:serviceaccount:openshift-pipelines:pipeline'");
    expect(policy('team-a-resolution-requests').spec.validations[0].expression).toBe("request.userInfo.username == 'system:serviceaccount:openshift-pipelines:pipeline'"
      + " || (request.operation == 'UPDATE' && (request.userInfo.username == 'system:serviceaccount:openshift-pipelines:tekton-pipelines-resolvers'"
      + " || ((!has(request.subResource) || request.subResource == '') && has(object.spec) == has(oldObject.spec) && (!has(object.spec) || object.spec == oldObject.spec))))");
  });

  test('pinnedRemoteReferences: the loosening carries its reason, recorded (on one line) on the remote-references policy only', () => {
    expect(policies().p.pinnedRemoteReferences).toBeUndefined();
    expect(policies().policy(REMOTE_POLICY).metadata.annotations).toBeUndefined();
    const { p, vaps, policy } = policies({ pinnedRemoteReferences: { reason: '  signed-tasks (mode enforce)\n verifies every bundle we fetch ' } });
    expect(p.pinnedRemoteReferences).toEqual({ reason: 'signed-tasks (mode enforce) verifies every bundle we fetch' });
    expect(policy(REMOTE_POLICY).metadata.annotations).toEqual({ 'secure-tekton/pinned-remote-references': 'signed-tasks (mode enforce) verifies every bundle we fetch' });
    expect(vaps.filter((v: any) => v.metadata.annotations !== undefined).map((v: any) => v.metadata.name)).toEqual([REMOTE_POLICY]);
    // what it loosens: the pinned resolvers join the remote-references policy's check, nothing else changes
    const other = (ps: any[]) => ps.filter((v: any) => v.metadata.name !== REMOTE_POLICY);
    expect(other(vaps)).toEqual(other(policies().vaps));
    expect(policy(REMOTE_POLICY).spec.validations[0].expression).toContain("resolver == 'bundles'");
    expect(policies().policy(REMOTE_POLICY).spec.validations[0].expression).not.toContain("resolver == 'bundles'");
  });

  test('no relaxation honoured: no relaxation record is read (an update that adds one is not judged again)', () => {
    const { objects, policy } = policies({ honouredRelaxations: [] });
    expect(JSON.stringify(objects)).not.toContain('secure-tekton/relax.');
    expect(policy(IMAGE_POLICY).spec.variables.map((v: any) => v.name)).toEqual(WALK);
    expect(policy(POD_POLICY).spec.variables.map((v: any) => v.name)).toEqual(['podTemplates']);
    expect(policy(WORKSPACE_POLICY).spec.variables).toBeUndefined();
    expect(policy(IMAGE_POLICY).spec.validations[0].message).toBe(
      'A step image is missing or not pinned by digest [IMAGE_DIGEST]. Use <repository>@sha256:<64 hex digest>.');
  });
});

describe('TektonAdmissionPolicies refusals', () => {
  test('no namespace', () => {
    expect(() => policies({ namespaces: [] })).toThrow(
      "TektonAdmissionPolicies 'test/admission': namespaces is empty [VALID_SPEC]. List at least one namespace for the policies to hold in.");
  });

  test('a namespace that is not a DNS-1123 label', () => {
    expect(() => policies({ namespaces: ['ci', 'Team_A'] })).toThrow(
      "TektonAdmissionPolicies 'test/admission': namespaces \"Team_A\" is not a DNS-1123 label [VALID_NAME]. "
      + 'Use at most 63 lower-case letters, digits and "-", starting and ending with a letter or digit.');
  });

  test('a namespace listed twice', () => {
    expect(() => policies({ namespaces: ['ci', 'ci'] })).toThrow(
      "TektonAdmissionPolicies 'test/admission': namespaces \"ci\" is declared twice [VALID_NAME]. Give each one a distinct name.");
  });

  test('no ServiceAccount', () => {
    expect(() => policies({ allowedServiceAccounts: [] })).toThrow(
      "TektonAdmissionPolicies 'test/admission': allowedServiceAccounts is empty, so no run could be admitted [VALID_SPEC]. "
      + "List the ServiceAccounts your runs use, e.g. each SecurePipeline's serviceAccountName.");
  });

  test('the default ServiceAccount', () => {
    expect(() => policies({ allowedServiceAccounts: [SA, 'default'] })).toThrow(
      "TektonAdmissionPolicies 'test/admission': allowedServiceAccounts \"default\" is the namespace's default ServiceAccount, "
      + 'which every pod gets when none is named [VALID_SPEC]. '
      + "List the dedicated ServiceAccounts your runs use instead, e.g. each SecurePipeline's serviceAccountName.");
  });

  test('a ServiceAccount that is not a DNS-1123 label', () => {
    expect(() => policies({ allowedServiceAccounts: ["x' || true || '"] })).toThrow(
      "TektonAdmissionPolicies 'test/admission': allowedServiceAccounts \"x' || true || '\" is not a DNS-1123 label [VALID_NAME].");
  });

  test.each([RuleId.SCRIPT_INJECTION, RuleId.RUN_SERVICE_ACCOUNT, RuleId.READ_ONLY_ROOT_FILESYSTEM])('%s cannot be honoured', (rule) => {
    expect(() => policies({ honouredRelaxations: [rule] })).toThrow(`honouredRelaxations "${rule}" is not a rule these policies can exempt [VALID_SPEC].`);
  });

  test('a relaxation the policies cannot honour', () => {
    expect(() => policies({ honouredRelaxations: [RuleId.NOT_PRIVILEGED] })).toThrow(
      "TektonAdmissionPolicies 'test/admission': honouredRelaxations \"NOT_PRIVILEGED\" is not a rule these policies can exempt [VALID_SPEC]. "
      + 'Use some of: IMAGE_DIGEST, RUN_AS_NON_ROOT, NO_PRIVILEGE_ESCALATION, DROP_ALL_CAPABILITIES, SECCOMP_RUNTIME_DEFAULT, WORKSPACE_PER_RUN, '
      + 'NO_HOST_ACCESS, DEFAULT_ISOLATION, RUN_POD_OVERRIDES, RUN_POD_SECURITY_CONTEXT, RUN_TOKEN_AUTOMOUNT, ARGUMENT_INJECTION, EXPANSION_INJECTION, SECRET_REFERENCE_FIXED, '
      + 'MOUNT_PATH_FIXED, TRIGGERS_AUTHENTICATED.');
  });

  test('a controller user name that is not a ServiceAccount', () => {
    expect(() => policies({ tektonControllerUsername: 'tekton-pipelines-controller' })).toThrow(
      "TektonAdmissionPolicies 'test/admission': tektonControllerUsername \"tekton-pipelines-controller\" is not a ServiceAccount user name [VALID_SPEC]. "
      + 'Use "system:serviceaccount:<namespace>:<name>", e.g. "system:serviceaccount:tekton-pipelines:tekton-pipelines-controller".');
  });

  test('a resolvers user name that is not a ServiceAccount', () => {
    expect(() => policies({ tektonResolversUsername: 'system:serviceaccount:tekton-pipelines-resolvers' })).toThrow(
      "TektonAdmissionPolicies 'test/admission': tektonResolversUsername \"system:serviceaccount:tekton-pipelines-resolvers\" is not a ServiceAccount user name [VALID_SPEC]. "
      + 'Use "system:serviceaccount:<namespace>:<name>", e.g. "system:serviceaccount:tekton-pipelines-resolvers:tekton-pipelines-resolvers".');
  });

  test('a custom task controller user name that is not a ServiceAccount', () => {
    expect(() => policies({ customTaskControllerUsernames: ['system:serviceaccount:approvals:gate', 'approval-gate'] })).toThrow(
      "TektonAdmissionPolicies 'test/admission': customTaskControllerUsernames \"approval-gate\" is not a ServiceAccount user name [VALID_SPEC]. "
      + 'Use "system:serviceaccount:<namespace>:<name>", e.g. "system:serviceaccount:openshift-pipelines:manual-approval-gate-controller".');
  });

  test('pinnedRemoteReferences without a reason of 10 visible characters', () => {
    const fix = "Say what verifies the fetched content, e.g. pinnedRemoteReferences: { reason: 'every Task and Pipeline fetched in ci is verified by the"
      + " VerificationPolicy signed-tasks (mode enforce)' }; or leave pinnedRemoteReferences out.";
    const problem = 'has fewer than 10 visible characters: the policies admit references whose content they never see, so the loosening carries'
      + ' why the cluster trusts it [RELAXATION_REASON]. ';
    expect(() => policies({ pinnedRemoteReferences: { reason: 'verified' } })).toThrow(
      `TektonAdmissionPolicies 'test/admission': pinnedRemoteReferences.reason "verified" ${problem}${fix}`);
    // invisible characters do not count
    expect(() => policies({ pinnedRemoteReferences: { reason: 'verified \u200b\u200b\u200b\u200b' } })).toThrow(
      `TektonAdmissionPolicies 'test/admission': pinnedRemoteReferences.reason "verified \u200b\u200b\u200b\u200b" ${problem}${fix}`);
    expect(() => policies({ pinnedRemoteReferences: {} as any })).toThrow(
      `TektonAdmissionPolicies 'test/admission': pinnedRemoteReferences.reason ${problem}${fix}`);
    expect(() => policies({ pinnedRemoteReferences: { reason: 42 } as any })).toThrow(
      `TektonAdmissionPolicies 'test/admission': pinnedRemoteReferences.reason "42" ${problem}${fix}`);
    // exactly ten is enough
    expect(policies({ pinnedRemoteReferences: { reason: 'verified!!' } }).p.pinnedRemoteReferences).toEqual({ reason: 'verified!!' });
  });

  test('a weaker enforcement action (Warn, Audit) without a reason of 10 visible characters', () => {
    // the fix's example names the action it is given with
    const example = (action: string) => `enforcementReason: 'the policies are being rolled out in ci: ${action} until 2026-01-31, see https://example.com/ADR-9'`;
    const refusal = (member: string, value: string) => `TektonAdmissionPolicies 'test/admission': enforcementReason ${value === '' ? 'is not given' : `${value}has fewer than 10 visible characters`}: `
      + `with enforcementAction EnforcementAction.${member} the cluster stores every object the policies refuse, so the loosening carries why [RELAXATION_REASON]. `
      + `Say why the policies may let refused objects through, e.g. ${example(member.toLowerCase())}; or leave enforcementAction out (EnforcementAction.DENY).`;
    expect(() => policies({ enforcementAction: EnforcementAction.WARN })).toThrow(refusal('WARN', ''));
    expect(() => policies({ enforcementAction: EnforcementAction.AUDIT, enforcementReason: 'rollout' })).toThrow(refusal('AUDIT', '"rollout" '));
    // invisible characters do not count
    expect(() => policies({ enforcementAction: EnforcementAction.AUDIT, enforcementReason: 'rollout \u200b\u200b\u200b' })).toThrow(refusal('AUDIT', '"rollout \u200b\u200b\u200b" '));
    expect(() => policies({ enforcementAction: EnforcementAction.WARN, enforcementReason: 42 as any })).toThrow(refusal('WARN', '"42" '));
    expect(() => policies({ enforcementAction: EnforcementAction.WARN, enforcementReason: 'x'.repeat(1025) })).toThrow(
      `TektonAdmissionPolicies 'test/admission': enforcementReason "${'x'.repeat(40)}… (1025 characters)" has more than 1024 characters [RELAXATION_REASON]. `
      + `Say why in at most 1024 characters and point to the rest, e.g. ${example('warn')}.`);
    // the fix's example, pasted, is taken
    for (const [action, word] of [[EnforcementAction.WARN, 'warn'], [EnforcementAction.AUDIT, 'audit']] as const) {
      const pasted = `the policies are being rolled out in ci: ${word} until 2026-01-31, see https://example.com/ADR-9`;
      expect(policies({ enforcementAction: action, enforcementReason: pasted }).p.enforcementReason).toBe(pasted);
    }
    // exactly ten is enough
    expect(policies({ enforcementAction: EnforcementAction.WARN, enforcementReason: 'rollout!!!' }).p.enforcementReason).toBe('rollout!!!');
  });

  test('a reason with Deny, and an enforcement action that is none', () => {
    expect(() => policies({ enforcementReason: REASON })).toThrow(
      `TektonAdmissionPolicies 'test/admission': enforcementReason "${REASON}" is given, but enforcementAction is EnforcementAction.DENY: it loosens nothing [RELAXATION_REASON]. `
      + 'Remove enforcementReason, or give it with the weaker enforcementAction it is the reason for.');
    expect(() => policies({ enforcementAction: 'deny' as any })).toThrow(
      "TektonAdmissionPolicies 'test/admission': enforcementAction \"deny\" is not an EnforcementAction: the API server refuses a binding with it, and the policies would hold nowhere [VALID_SPEC]. "
      + 'Use EnforcementAction.DENY (or leave it out), or EnforcementAction.WARN or EnforcementAction.AUDIT with an enforcementReason.');
    expect(policies().objects.filter((o: any) => o.kind === 'ValidatingAdmissionPolicyBinding').every((b: any) => b.metadata.annotations === undefined)).toBe(true);
  });

  test('pinnedRemoteReferences that is not an object', () => {
    expect(() => policies({ pinnedRemoteReferences: 'yes' as any })).toThrow(
      "TektonAdmissionPolicies 'test/admission': pinnedRemoteReferences \"yes\" is not an object with a reason [RELAXATION_REASON]. "
      + "Give pinnedRemoteReferences: { reason: 'every Task and Pipeline fetched in ci is verified by the VerificationPolicy signed-tasks (mode enforce)' }, or leave it out.");
  });

  test('pinnedRemoteReferences with a reason of more than 1024 characters', () => {
    expect(() => policies({ pinnedRemoteReferences: { reason: 'x'.repeat(1025) } })).toThrow(
      `TektonAdmissionPolicies 'test/admission': pinnedRemoteReferences.reason "${'x'.repeat(40)}… (1025 characters)" has more than 1024 characters`
      + ' [RELAXATION_REASON]. Say why in at most 1024 characters and point to the rest, e.g. pinnedRemoteReferences: { reason: \'every Task and Pipeline'
      + ' fetched in ci is verified by the VerificationPolicy signed-tasks (mode enforce); see https://example.com/ADR-7\' }.');
    expect(policies({ pinnedRemoteReferences: { reason: 'x'.repeat(1024) } }).p.pinnedRemoteReferences!.reason).toHaveLength(1024);
  });

  test('a name prefix that is not a DNS-1123 label', () => {
    expect(() => policies({ namePrefix: 'Secure_Tekton' })).toThrow(
      "TektonAdmissionPolicies 'test/admission': namePrefix \"Secure_Tekton\" is not a DNS-1123 label [VALID_NAME].");
  });
});

describe('TektonAdmissionPolicies are written as emitted: no rule of the catalogue judges them', () => {
  const FIX = "Change the policies through the props of TektonAdmissionPolicies 'test/admission' (namespaces, allowedServiceAccounts, honouredRelaxations, "
    + 'enforcementAction, enforcementReason, pinnedRemoteReferences), not with a patch or by taking one of them out of the app.';
  const made = () => {
    const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
    return { c, p: new TektonAdmissionPolicies(c, 'admission', BASE) };
  };

  test('a patch that makes a policy hold for everything is refused', () => {
    const { c, p } = made();
    p.policies[0].addJsonPatch(JsonPatch.replace('/spec/validations', [{ expression: 'true', message: 'ok' }]));
    expect(() => Testing.synth(c)).toThrow(new Error(`TektonAdmissionPolicies 'test/admission' ValidatingAdmissionPolicy '${IMAGE_POLICY}': `
      + 'spec.validations "[{\\"expression\\":\\"true\\",\\"message\\":\\"ok\\"}]" differs from what TektonAdmissionPolicies wrote (an escape-hatch patch): '
      + `no rule of the catalogue judges this object, which decides what the cluster admits [VALID_SPEC]. ${FIX}`));
  });

  test('a patch that makes a binding only warn, or renames the policy it binds, is refused', () => {
    const { c, p } = made();
    p.bindings[0].addJsonPatch(JsonPatch.replace('/spec/validationActions', ['Warn']));
    p.policies[1].addJsonPatch(JsonPatch.replace('/metadata/name', 'unused'));
    expect(() => Testing.synth(c)).toThrow(new Error('2 findings; nothing was written:\n'
      + '  TektonAdmissionPolicies \'test/admission\' ValidatingAdmissionPolicy \'secure-tekton-step-security-context\': metadata.name "unused" differs from what '
      + `TektonAdmissionPolicies wrote (an escape-hatch patch): no rule of the catalogue judges this object, which decides what the cluster admits [VALID_SPEC]. ${FIX}\n`
      + `  TektonAdmissionPolicies 'test/admission' ValidatingAdmissionPolicyBinding '${IMAGE_POLICY}': spec.validationActions "[\\"Warn\\"]" differs from what `
      + `TektonAdmissionPolicies wrote (an escape-hatch patch): no rule of the catalogue judges this object, which decides what the cluster admits [VALID_SPEC]. ${FIX}`));
  });

  test('a policy taken out of the app is refused; the whole construct taken out writes nothing and is not', () => {
    const { c, p } = made();
    p.node.tryRemoveChild(p.bindings[0].node.id);
    expect(() => Testing.synth(c)).toThrow(`TektonAdmissionPolicies 'test/admission' ValidatingAdmissionPolicyBinding '${IMAGE_POLICY}': `
      + `node.path "test/admission/image-digest-binding" was taken out of the app, so the cluster would not hold the rule it enforces [VALID_SPEC]. ${FIX}`);
    c.node.tryRemoveChild(p.node.id);
    expect(Testing.synth(c)).toEqual([]);
  });

  test('labels and annotations may be added, and enforcementAction given in props is written', () => {
    const { c, p } = made();
    p.policies[0].metadata.addLabel('team', 'platform');
    p.bindings[0].metadata.addAnnotation('argocd.argoproj.io/sync-wave', '1');
    expect(Testing.synth(c).find((o: any) => o.metadata.name === IMAGE_POLICY).metadata.labels).toEqual({ team: 'platform' });
    expect(policies({ enforcementAction: EnforcementAction.WARN, enforcementReason: REASON }).binding(IMAGE_POLICY).spec.validationActions).toEqual(['Warn']);
  });
});

describe('TektonAdmissionPolicies output validates strictly', () => {
  test('v1beta1 (Kubernetes 1.28) and v1 (1.30)', () => {
    expectValidManifests([
      ...policies().objects,
      ...policies({
        apiVersion: AdmissionApiVersion.V1,
        enforcementAction: EnforcementAction.WARN,
        enforcementReason: REASON,
        honouredRelaxations: [],
        pinnedRemoteReferences: { reason: REASON },
      }).objects,
    ]);
  });

  test('every expression parses as CEL (@bufbuild/cel; without Go, the API server\'s evaluation below is skipped)', () => {
    const variants = [policies(), policies({ honouredRelaxations: [] }), policies({ pinnedRemoteReferences: { reason: REASON } })];
    for (const p of variants.flatMap((v) => v.vaps)) {
      const exprs = [...p.spec.validations, ...p.spec.variables ?? [], ...p.spec.matchConditions ?? []].map((e: any) => e.expression);
      for (const e of exprs) expect(() => parse(e)).not.toThrow();
    }
  });

  test('the test fixtures are valid Tekton objects too', () => {
    expectValidManifests([
      embeddedPipeline(), embeddedPipelineRun(), taskRun(),
      relaxedPipelineRun(RunWorkspace.persistentVolumeClaim('shared-cache')), grantingPipelineRun().run,
      constrainedParamTask(), largePipeline(3, 4), runWithPod(() => undefined), runWithTaskPod(() => undefined),
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// The CEL, evaluated
// ---------------------------------------------------------------------------------------------

describeWithVapEval('TektonAdmissionPolicies CEL (the API server\'s evaluation)', () => {
  beforeAll(() => evaluator.start());
  afterAll(() => evaluator.stop());

  const defaults = policies();
  const strict = policies({ honouredRelaxations: [] });
  /** Every exemptable rule honoured, NO_HOST_ACCESS, SECCOMP_RUNTIME_DEFAULT and DEFAULT_ISOLATION listed explicitly. */
  const everyRule = policies({ honouredRelaxations: EXEMPTABLE });
  const imagePolicy = defaults.policy(IMAGE_POLICY);
  const securityPolicy = defaults.policy(SECURITY_POLICY);
  const hostPolicy = defaults.policy(HOST_POLICY);
  const injectionPolicy = defaults.policy(INJECTION_POLICY);
  const secretsPolicy = defaults.policy(SECRETS_POLICY);
  const podPolicy = defaults.policy(POD_POLICY);
  const saPolicy = defaults.policy(SA_POLICY);
  const workspacePolicy = defaults.policy(WORKSPACE_POLICY);
  const statusPolicy = defaults.policy(STATUS_POLICY);
  const remotePolicy = defaults.policy(REMOTE_POLICY);
  const all = [
    imagePolicy, securityPolicy, hostPolicy, injectionPolicy, secretsPolicy, podPolicy, saPolicy, workspacePolicy, statusPolicy, remotePolicy,
  ];
  /** The loosening the cluster-config example gives, for the build example's bundle task (which its VerificationPolicy verifies). */
  const EXAMPLE_PINNED = exampleAdmissionPolicies().pinnedRemoteReferences!;
  /** The policies as the cluster-config example configures them: pinned references a resolver fetches admitted. */
  const loosened = policies({ pinnedRemoteReferences: EXAMPLE_PINNED });
  const pinnedRemotePolicy = loosened.policy(REMOTE_POLICY);
  const admitting = all.map((p) => (p === remotePolicy ? pinnedRemotePolicy : p));
  /** The message of validation `i` of a policy. */
  const message = (policy: any, i: number): string => policy.spec.validations[i].message;
  /** Whether a policy's resource rules name the object's kind (at any version). */
  const selects = (policy: any, obj: any) => policy.spec.matchConstraints.resourceRules.some((r: any) => r.resources.includes(RESOURCES[obj.kind]));

  /** Rules refused by any of the given policies. */
  const refused = async (obj: any, ps: any[] = all, username?: string) =>
    (await Promise.all(ps.map((p) => admit(p, obj, username)))).flatMap(rulesOf);

  test('profile annotations that Tekton copies to the pods: a Task\'s, a taskRunSpec\'s, an embedded task spec\'s (as the catalogue reads them)', async () => {
    const OFF = { 'container.apparmor.security.beta.kubernetes.io/step-build': 'unconfined' };
    const task = clone(GO_BUILD);
    task.metadata.annotations = { ...task.metadata.annotations, ...OFF };
    const run = embeddedPipelineRun();
    run.spec.taskRunSpecs = [{ pipelineTaskName: 'build', metadata: { annotations: OFF } }];
    const embedded = embeddedPipelineRun();
    embedded.spec.pipelineSpec.tasks[0].taskSpec.metadata = { annotations: OFF };
    for (const o of [task, run, embedded]) {
      expect(await refused(o)).toEqual(['DEFAULT_ISOLATION']);
      expect(evaluateManifests([o])[0].checks.find((c) => c.rule === RuleId.DEFAULT_ISOLATION)?.status).toBe('failed');
    }
    // relaxed for that task: admitted where DEFAULT_ISOLATION is honoured (it is not by default)
    run.metadata.annotations = { ...run.metadata.annotations, 'secure-tekton/relax.DEFAULT_ISOLATION': 'task/build: the build runs an AppArmor-less kernel module test' };
    expect(await refused(run)).toEqual(['DEFAULT_ISOLATION']);
    expect(await refused(run, everyRule.vaps)).toEqual([]);
  });

  describe('the TaskRun Tekton creates for a pipeline task reads the records of its Pipeline for that task', () => {
    /** The TaskRun of pipeline task `build` as the controller writes it: the Pipeline's annotations, its label, the embedded spec. */
    const controllerTaskRun = (labels: Record<string, string>): any => {
      const pipeline = libraryEmbeddedPipeline();
      const build = pipeline.spec.tasks.find((t: any) => t.name === 'build');
      return {
        apiVersion: 'tekton.dev/v1',
        kind: 'TaskRun',
        metadata: { name: 'ci-run-abcde-build', namespace: 'ci', labels, annotations: { ...pipeline.metadata.annotations } },
        spec: { serviceAccountName: SA, taskSpec: build.taskSpec },
      };
    };
    const statusOf = (o: any, rule: RuleId) => evaluateManifests([o])[0].checks.find((c) => c.rule === rule)?.status;

    test('with tekton.dev/pipelineTask: build, the record for task/build/step/install covers its step install: admitted, and relaxed in the catalogue', async () => {
      const run = controllerTaskRun({ 'tekton.dev/pipelineTask': 'build', 'tekton.dev/pipeline': 'ci' });
      expect(run.metadata.annotations['secure-tekton/relax.RUN_AS_NON_ROOT']).toBe('task/build/step/install: the installer writes to /usr as root');
      expect(await refused(run, all, CONTROLLER)).toEqual([]);
      expect(statusOf(run, RuleId.RUN_AS_NON_ROOT)).toBe('relaxed');
    });

    test.each<[string, Record<string, string>]>([
      ['without the label', {}],
      ['for another pipeline task', { 'tekton.dev/pipelineTask': 'push' }],
      ['with an empty label', { 'tekton.dev/pipelineTask': '' }],
    ])('%s, it does not: refused, and failed in the catalogue', async (_, labels) => {
      const run = controllerTaskRun(labels);
      expect(await refused(run, all, CONTROLLER)).toEqual(['RUN_AS_NON_ROOT']);
      expect(statusOf(run, RuleId.RUN_AS_NON_ROOT)).toBe('failed');
    });

    test('a record for the whole pipeline task (task/build) covers the whole TaskRun', async () => {
      const run = controllerTaskRun({ 'tekton.dev/pipelineTask': 'build' });
      run.metadata.annotations['secure-tekton/relax.RUN_AS_NON_ROOT'] = 'task/build: the installer writes to /usr as root';
      expect(await refused(run, all, CONTROLLER)).toEqual([]);
      expect(statusOf(run, RuleId.RUN_AS_NON_ROOT)).toBe('relaxed');
    });
  });

  describe('a record whose target is not well formed is honoured nowhere', () => {
    test.each(['task', 'step', 'step/', 'steps/install', 'task/build/', 'task/build//step/install'])('target %j', async (target) => {
      const t = clone(GO_BUILD);
      t.spec.steps[0].securityContext.runAsNonRoot = false;
      t.metadata.annotations = { 'secure-tekton/relax.RUN_AS_NON_ROOT': `${target}: reviewed by the platform team` };
      expect(await refused(t, [securityPolicy])).toEqual(['RUN_AS_NON_ROOT']);
      expect(statusOf(t, RuleId.RUN_AS_NON_ROOT)).toBe('failed');
      // and a well-formed one is
      t.metadata.annotations['secure-tekton/relax.RUN_AS_NON_ROOT'] = `step/${t.spec.steps[0].name}: reviewed by the platform team`;
      expect(await refused(t, [securityPolicy])).toEqual([]);
    });
    test('target "task" on a Pipeline (it would prefix every task\'s targets)', async () => {
      const pipeline = hardenedEmbeddedPipeline();
      pipeline.spec.tasks[0].taskSpec.steps[0].securityContext.runAsNonRoot = false;
      pipeline.metadata.annotations = { 'secure-tekton/relax.RUN_AS_NON_ROOT': 'task: reviewed by the platform team' };
      expect(await refused(pipeline, [securityPolicy])).toEqual(['RUN_AS_NON_ROOT']);
      expect(statusOf(pipeline, RuleId.RUN_AS_NON_ROOT)).toBe('failed');
    });
    const statusOf = (o: any, rule: RuleId) => evaluateManifests([o])[0].checks.find((c) => c.rule === rule)?.status;
  });

  describe('admits the library output', () => {
    test.each([
      ...EX.tasks.map((t: any) => [`Task ${t.metadata.name}`, t]),
      ['the Pipeline', EX.pipeline],
      ['the PipelineRun', EX.pipelineRun],
      ['the Pipeline with its hardened tasks embedded', hardenedEmbeddedPipeline()],
      ['a Pipeline the library writes with embedTasks (a relaxed step below its task)', libraryEmbeddedPipeline()],
      ['a PipelineRun with the pipeline embedded', embeddedPipelineRun()],
      ['a TaskRun with the task embedded', taskRun()],
      ['a StepAction', stepAction()],
      ['a Task whose constrained param starts an argument (with its derived relaxation)', constrainedParamTask()],
    ])('%s', async (_, obj) => {
      // the Pipeline fetches git-clone from a bundle by digest: admitted with the cluster-config example's loosening
      for (const p of admitting) {
        const outcome = await admit(p, obj);
        expect(outcome.refusals).toEqual([]);
        expect(outcome.matched).toBe(selects(p, obj));
      }
    });

    test('the Pipeline written with embedTasks is admitted for its records: without them, its root step is refused', async () => {
      const stripped = libraryEmbeddedPipeline();
      expect(stripped.metadata.annotations['secure-tekton/relax.RUN_AS_NON_ROOT']).toBe('task/build/step/install: the installer writes to /usr as root');
      delete stripped.metadata.annotations['secure-tekton/relax.RUN_AS_NON_ROOT'];
      expect(await refused(stripped)).toEqual(['RUN_AS_NON_ROOT']);
    });

    test('every example\'s Tekton objects, with the default relaxations (the records the library writes)', () => {
      const objects = Object.entries(EXAMPLES)
        .flatMap(([name, make]) => make(fs.mkdtempSync(path.join(os.tmpdir(), `admission-${name}-`))).charts.flatMap((c) => Testing.synth(c)))
        .filter((o: any) => typeof o.apiVersion === 'string' && o.apiVersion.startsWith('tekton.dev/'));
      // each example's runs have a ServiceAccount of their own
      const accounts = [...new Set(objects.flatMap((o: any) => [o.spec?.taskRunTemplate?.serviceAccountName, o.spec?.serviceAccountName]))]
        .filter((x): x is string => typeof x === 'string');
      // as the cluster-config example binds them, with its loosening for the build example's bundle task
      const { vaps } = policies({ allowedServiceAccounts: accounts, pinnedRemoteReferences: EXAMPLE_PINNED });
      const [result] = evaluateCases([{ policies: vaps, requests: objects.map((object) => ({ object })) }]);
      const refusals = result.requests.filter((r) => !r.allowed).map((r) => `${r.kind} ${r.name}: ${r.verdicts.flatMap((v) => v.denials.map((d) => d.message)).join(' | ')}`);
      expect(refusals).toEqual([]);
      expect(objects.length).toBeGreaterThan(20);
      expect(accounts.length).toBeGreaterThan(3);
    });

    test('the policies match what they should, nothing else', async () => {
      expect((await admit(saPolicy, GO_BUILD)).matched).toBe(false);
      expect((await admit(workspacePolicy, EX.pipeline)).matched).toBe(false);
    });

    test('a v1beta1 request is converted to v1 (matchPolicy Equivalent, Tekton\'s conversion) and checked', async () => {
      const v1beta1 = { ...clone(GO_BUILD), apiVersion: 'tekton.dev/v1beta1' };
      const admitted = await verdict(imagePolicy, { object: v1beta1 });
      expect(admitted).toMatchObject({ matched: true, converted: true, matchedResource: 'tekton.dev/v1, Resource=tasks', allowed: true });
      v1beta1.spec.steps[0].image = 'golang:1.23';
      expect((await verdict(imagePolicy, { object: v1beta1 })).denials.map((d) => d.message)).toEqual([imagePolicy.spec.validations[0].message]);
    });
  });

  describe('IMAGE_DIGEST', () => {
    const TAG = 'docker.io/library/golang:1.23-alpine';
    const targets: Array<[string, any]> = [
      ['a Task', GO_BUILD], ['an embedded Pipeline', hardenedEmbeddedPipeline()], ['an embedded PipelineRun', embeddedPipelineRun()], ['a TaskRun', taskRun()],
    ];

    test.each(targets)('a step image with a tag only, in %s', async (_, good) => {
      const bad = clone(good);
      const steps = firstStepsOf(bad);
      steps[steps.length - 1].image = TAG;
      expect((await admit(imagePolicy, bad)).refusals).toEqual([imagePolicy.spec.validations[0].message]);
      expect(await refused(bad)).toEqual(['IMAGE_DIGEST']);
    });

    test('a finally task of a Pipeline', async () => {
      const bad = embeddedPipeline();
      bad.spec.finally[0].taskSpec.steps[0].image = TAG;
      expect(rulesOf(await admit(imagePolicy, bad))).toEqual(['IMAGE_DIGEST']);
    });

    test.each([
      ['upper-case hex', `registry.example.com/x@sha256:${'A'.repeat(64)}`],
      ['a short digest', `registry.example.com/x@sha256:${'a'.repeat(63)}`],
      ['a digest followed by more', `registry.example.com/x@sha256:${'a'.repeat(64)}-x`],
      ['a param', 'registry.example.com/x@sha256:$(params.digest)'],
      ['a sha512 digest of the length of sha256', `registry.example.com/x@sha512:${'a'.repeat(64)}`],
      ['a sha512 digest after a param', `$(params.repo)@sha512:${'a'.repeat(128)}`],
      ['an md5 digest, which the kubelet refuses', `registry.example.com/x@md5:${'a'.repeat(32)}`],
      // the API server refuses a pod's image with a blank before it ("must not have leading or trailing whitespace"), as IMAGE_DIGEST says
      ['a blank before the name', ` registry.example.com/x@sha256:${'a'.repeat(64)}`],
      ['a blank before a sha512-pinned name', ` registry.example.com/x@sha512:${'a'.repeat(128)}`],
    ])('%s', async (_, image) => {
      const bad = clone(GO_BUILD);
      bad.spec.steps[0].image = image;
      expect((await admit(imagePolicy, bad)).refusals).toEqual([imagePolicy.spec.validations[0].message]);
    });

    // the kubelet pulls by a sha384 or sha512 digest (go-digest reads both), but Tekton looks up the entrypoint of a step with no command
    // with go-containerregistry, whose name.NewDigest reads sha256 only: as the catalogue's IMAGE_DIGEST judges them
    test('a sha512 or sha384 digest: admitted for a sidecar, a stepTemplate, and a step or StepAction with a command or a script', async () => {
      const noCommand = imagePolicy.spec.validations[4].message;
      expect(noCommand).toBe('A step or StepAction without a command or a script has an image pinned by a sha384 or sha512 digest, which Tekton cannot parse'
        + ' when it looks up the image\'s entrypoint (go-containerregistry\'s name.NewDigest reads sha256 digests only: "unsupported digest algorithm"),'
        + ' so every run fails [IMAGE_DIGEST]. Pin the image by its sha256 digest (<repository>@sha256:<64 hex digest>), or give the step its command,'
        + ' or record a relaxation: annotation secure-tekton/relax.IMAGE_DIGEST: "<target, or * for the whole object>: <why, at least 10 characters>".');
      for (const image of [`registry.example.com/x@sha512:${'a'.repeat(128)}`, `registry.example.com/x:1.0@sha384:${'b'.repeat(96)}`]) {
        const task = clone(GO_BUILD);
        task.spec.stepTemplate.image = image;
        task.spec.sidecars = [sidecar({ image })];
        task.spec.steps = [
          { ...clone(GO_BUILD.spec.steps[0]), image, script: '#!/bin/sh\ntrue\n', command: undefined },
          { ...clone(GO_BUILD.spec.steps[0]), name: 'run', image, script: undefined, command: ['/bin/tool'] },
          { ...clone(GO_BUILD.spec.steps[0]), name: 'inherits', image: undefined, script: '#!/bin/sh\ntrue\n', command: undefined },
        ];
        expect((await admit(imagePolicy, task)).refusals).toEqual([]);
        // a step with neither command nor script, its own image or its stepTemplate's: every run fails
        const bare = clone(task);
        bare.spec.steps[1].command = [];
        expect((await admit(imagePolicy, bare)).refusals).toEqual([noCommand]);
        bare.spec.steps[1].command = undefined;
        bare.spec.steps[1].image = undefined;
        expect((await admit(imagePolicy, bare)).refusals).toEqual([noCommand]);
        // the stepTemplate's command is the step's
        bare.spec.stepTemplate.command = ['/bin/tool'];
        expect((await admit(imagePolicy, bare)).refusals).toEqual([]);
        // the sha256 neighbour of the bare step is admitted
        const sha256 = clone(task);
        sha256.spec.steps[1] = { ...sha256.spec.steps[1], image: PINNED, command: undefined };
        expect((await admit(imagePolicy, sha256)).refusals).toEqual([]);
        // a StepAction: with its script, or without
        const action = stepAction();
        action.spec.image = image;
        expect((await admit(imagePolicy, action)).refusals).toEqual([]);
        delete action.spec.script;
        expect((await admit(imagePolicy, action)).refusals).toEqual([noCommand]);
        action.spec.command = ['/bin/scan'];
        expect((await admit(imagePolicy, action)).refusals).toEqual([]);
      }
    });

    test('a sidecar image and a stepTemplate image', async () => {
      const withSidecar = clone(GO_BUILD);
      withSidecar.spec.sidecars = [{ name: 'cache', image: 'redis:7' }];
      expect((await admit(imagePolicy, withSidecar)).refusals).toEqual([imagePolicy.spec.validations[1].message]);
      withSidecar.spec.sidecars[0].image = PINNED;
      expect((await admit(imagePolicy, withSidecar)).refusals).toEqual([]);
      const template = clone(GO_BUILD);
      template.spec.stepTemplate.image = 'alpine:3';
      expect((await admit(imagePolicy, template)).refusals).toEqual([imagePolicy.spec.validations[2].message]);
    });

    test('a step running a StepAction (ref) has no image and is admitted; a step taking the template image too', async () => {
      const ok = clone(GO_BUILD);
      ok.spec.steps.push({ name: 'from-action', ref: { name: 'git-clone-action' } });
      ok.spec.steps.push({ name: 'from-template', script: '#!/bin/sh\ntrue\n' });
      ok.spec.stepTemplate.image = PINNED;
      expect((await admit(imagePolicy, ok)).refusals).toEqual([]);
    });

    test('an annotated object is exempt, with a reason of at least 10 characters, unless not honoured', async () => {
      const bad = clone(GO_BUILD);
      bad.spec.steps[0].image = TAG;
      expect(rulesOf(await admit(imagePolicy, withAnnotation(bad, RuleId.IMAGE_DIGEST)))).toEqual([]);
      expect(rulesOf(await admit(imagePolicy, withAnnotation(bad, RuleId.IMAGE_DIGEST, '*:   too short ')))).toEqual(['IMAGE_DIGEST']);
      expect(rulesOf(await admit(imagePolicy, withAnnotation(bad, RuleId.RUN_AS_NON_ROOT)))).toEqual(['IMAGE_DIGEST']);
      expect(rulesOf(await admit(strict.policy(IMAGE_POLICY), withAnnotation(bad, RuleId.IMAGE_DIGEST)))).toEqual(['IMAGE_DIGEST']);
    });
  });

  describe('relaxation records apply to their target only, as at synth and in the audit', () => {
    const TAG = 'docker.io/library/golang:1.23-alpine';
    const vap = () => policies().policy(IMAGE_POLICY);
    /** go-build with an extra step and a sidecar named like its first step, all three on tags. */
    function tagged(): any {
      const t = clone(GO_BUILD);
      const first = t.spec.steps[0];
      first.image = TAG;
      t.spec.steps.push({ ...clone(first), name: 'other' });
      t.spec.sidecars = [{ ...clone(first), name: first.name }];
      return t;
    }
    const record = (obj: any, line: string) => {
      const o = clone(obj);
      o.metadata.annotations = { ...o.metadata.annotations, 'secure-tekton/relax.IMAGE_DIGEST': line };
      return o;
    };

    test('step/<name> exempts that step: the other step and the same-named sidecar are still refused', async () => {
      const t = tagged();
      const name = t.spec.steps[0].name;
      const refusals = (await admit(vap(), record(t, `step/${name}: vendor publishes tags only`))).refusals;
      expect(refusals).toEqual([vap().spec.validations[0].message, vap().spec.validations[1].message]);
    });

    test('* exempts the whole object; several records, one per line, each count', async () => {
      const t = tagged();
      expect((await admit(vap(), record(t, '*: vendor publishes tags only'))).refusals).toEqual([]);
      const name = t.spec.steps[0].name;
      const lines = [`step/${name}: vendor publishes tags only`, 'step/other: vendor publishes tags only', `sidecar/${name}: vendor publishes tags only`];
      expect((await admit(vap(), record(t, lines.join('\n')))).refusals).toEqual([]);
    });

    test('a record without a target, or with fewer than 10 visible characters, exempts nothing', async () => {
      const t = tagged();
      expect((await admit(vap(), record(t, 'vendor publishes tags only'))).refusals).toHaveLength(2);
      expect((await admit(vap(), record(t, `*: ${'\u200b'.repeat(12)}ok`))).refusals).toHaveLength(2);
    });

    test('in a Pipeline, task/<name> exempts the steps of that embedded task only', async () => {
      const p = hardenedEmbeddedPipeline();
      for (const t of p.spec.tasks) t.taskSpec.steps[0].image = TAG;
      const names = p.spec.tasks.map((t: any) => t.name);
      expect((await admit(vap(), record(p, `task/${names[0]}: vendor publishes tags only`))).refusals).toEqual([vap().spec.validations[0].message]);
      const every = names.map((n: string) => `task/${n}: vendor publishes tags only`).join('\n');
      expect((await admit(vap(), record(p, every))).refusals).toEqual([]);
      // a step record below the task is as good as the task's
      const first = p.spec.tasks[0];
      const below = names.slice(1).map((n: string) => `task/${n}: vendor publishes tags only`).concat(`task/${first.name}/step/${first.taskSpec.steps[0].name}: vendor tag`);
      expect((await admit(vap(), record(p, below.join('\n')))).refusals).toEqual([vap().spec.validations[0].message]);
    });
  });

  describe('step securityContext', () => {
    /** go-build with its build step's securityContext changed. */
    function buildStep(change: (securityContext: any, task: any) => void): any {
      const t = clone(GO_BUILD);
      change(t.spec.steps[0].securityContext, t);
      return t;
    }

    test.each<[string, (sc: any, t: any) => void, string[]]>([
      ['allowPrivilegeEscalation true', (sc) => { sc.allowPrivilegeEscalation = true; }, ['NO_PRIVILEGE_ESCALATION']],
      ['privileged true', (sc) => { sc.privileged = true; }, ['NOT_PRIVILEGED']],
      ['drop NET_RAW only', (sc) => { sc.capabilities.drop = ['NET_RAW']; }, ['DROP_ALL_CAPABILITIES']],
      ['capabilities added back', (sc) => { sc.capabilities.add = ['NET_ADMIN']; }, ['DROP_ALL_CAPABILITIES']],
      ['Unconfined seccomp', (sc) => { sc.seccompProfile.type = 'Unconfined'; }, ['SECCOMP_RUNTIME_DEFAULT']],
      ['unset in the step, false in the template', (sc, t) => { delete sc.runAsNonRoot; t.spec.stepTemplate.securityContext.runAsNonRoot = false; }, ['RUN_AS_NON_ROOT']],
      ['false in the step wins over true in the template', (sc) => { sc.runAsNonRoot = false; }, ['RUN_AS_NON_ROOT']],
      ['unset in step and template', (sc, t) => { delete sc.allowPrivilegeEscalation; delete t.spec.stepTemplate.securityContext.allowPrivilegeEscalation; }, ['NO_PRIVILEGE_ESCALATION']],
      ['privileged through the template', (sc, t) => { delete sc.privileged; t.spec.stepTemplate.securityContext.privileged = true; }, ['NOT_PRIVILEGED']],
      ['an empty add in the step under a template that adds one (Go leaves the empty list out of the merge)', (sc, t) => {
        sc.capabilities.add = []; t.spec.stepTemplate.securityContext.capabilities.add = ['SYS_ADMIN'];
      }, ['DROP_ALL_CAPABILITIES']],
      ['no securityContext and no template', (_, t) => { delete t.spec.steps[0].securityContext; delete t.spec.stepTemplate; },
        ['RUN_AS_NON_ROOT', 'NO_PRIVILEGE_ESCALATION', 'DROP_ALL_CAPABILITIES', 'SECCOMP_RUNTIME_DEFAULT']],
    ])('refused: %s', async (_, change, rules) => {
      expect(await refused(buildStep(change), [securityPolicy])).toEqual(rules);
    });

    test.each<[string, (sc: any, t: any) => void]>([
      ['no step securityContext: the template applies', (_, t) => { delete t.spec.steps[0].securityContext; }],
      ['no template: the step applies', (_, t) => { delete t.spec.stepTemplate; }],
      ['true in the step wins over false in the template', (_, t) => { t.spec.stepTemplate.securityContext.runAsNonRoot = false; }],
      ['fields split between step and template', (sc, t) => {
        delete sc.runAsNonRoot; delete sc.seccompProfile;
        t.spec.stepTemplate.securityContext = { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };
      }],
      ['privileged unset everywhere', (sc, t) => { delete sc.privileged; delete t.spec.stepTemplate.securityContext.privileged; }],
      ['Localhost seccomp', (sc) => { sc.seccompProfile = { type: 'Localhost', localhostProfile: 'profiles/build.json' }; }],
      ['an empty drop in the step under a template that drops ALL (Go leaves the empty list out of the merge)', (sc, t) => {
        sc.capabilities.drop = []; t.spec.stepTemplate.securityContext.capabilities = { drop: ['ALL'] };
      }],
      ['an empty drop in the stepTemplate over a step that runs a StepAction (the StepAction\'s stays)', (_, t) => {
        t.spec.stepTemplate.securityContext.capabilities = { drop: [] }; t.spec.steps = [{ name: 'action', ref: { name: 'scan' } }];
      }],
      ['a StepAction step with the template', (_, t) => { t.spec.steps.push({ name: 'action', ref: { name: 'scan' } }); }],
    ])('admitted: %s', async (_, change) => {
      expect(await refused(buildStep(change), [securityPolicy])).toEqual([]);
    });

    test('a sidecar is checked on its own (no template)', async () => {
      const t = clone(GO_BUILD);
      t.spec.sidecars = [{ name: 'cache', image: PINNED }];
      expect(await refused(t, [securityPolicy])).toEqual(['RUN_AS_NON_ROOT', 'NO_PRIVILEGE_ESCALATION', 'DROP_ALL_CAPABILITIES', 'SECCOMP_RUNTIME_DEFAULT']);
      t.spec.sidecars[0].securityContext = clone(t.spec.stepTemplate.securityContext);
      expect(await refused(t, [securityPolicy])).toEqual([]);
    });

    test('a step that runs a StepAction is checked through the StepAction (Tekton gives it the StepAction\'s securityContext), as the catalogue does', async () => {
      const t = clone(GO_BUILD);
      delete t.spec.stepTemplate;
      t.spec.steps = [{ name: 'clone', ref: { name: 'git-clone' }, securityContext: { privileged: true } }];
      expect(await refused(t, [securityPolicy])).toEqual([]);
      const stepRules = RuleCatalogue.all().filter((r) => [RuleId.RUN_AS_NON_ROOT, RuleId.NO_PRIVILEGE_ESCALATION, RuleId.NOT_PRIVILEGED,
        RuleId.DROP_ALL_CAPABILITIES, RuleId.SECCOMP_RUNTIME_DEFAULT].includes(r.id));
      expect(stepRules.length).toBe(5);
      expect(stepRules.flatMap((r) => r.check(t))).toEqual([]);
      t.spec.steps.push({ name: 'plain', image: PINNED });
      expect(await refused(t, [securityPolicy])).toEqual(['RUN_AS_NON_ROOT', 'NO_PRIVILEGE_ESCALATION', 'DROP_ALL_CAPABILITIES', 'SECCOMP_RUNTIME_DEFAULT']);
    });

    test.each<[string, any, string[]]>([
      ['privileged: true', { privileged: true }, ['NOT_PRIVILEGED']],
      ['runAsNonRoot: false', { runAsNonRoot: false }, ['RUN_AS_NON_ROOT']],
      ['allowPrivilegeEscalation: true', { allowPrivilegeEscalation: true }, ['NO_PRIVILEGE_ESCALATION']],
      ['capabilities.add: [SYS_ADMIN]', { capabilities: { add: ['SYS_ADMIN'] } }, ['DROP_ALL_CAPABILITIES']],
      ['seccompProfile Unconfined', { seccompProfile: { type: 'Unconfined' } }, ['SECCOMP_RUNTIME_DEFAULT']],
    ])('a stepTemplate with %s reaches a step that runs a StepAction (Tekton merges it under the StepAction\'s): refused, as the catalogue finds', async (_, securityContext, rules) => {
      const t = clone(GO_BUILD);
      t.spec.stepTemplate = { securityContext };
      t.spec.steps = [{ name: 'act', ref: { resolver: 'cluster', params: [{ name: 'kind', value: 'stepaction' }, { name: 'name', value: 'scan' }, { name: 'namespace', value: 'ci' }] } }];
      expect(await refused(t, [securityPolicy])).toEqual(rules);
      const catalogue = RuleCatalogue.all().filter((r) => rules.includes(r.id)).flatMap((r) => r.check(t));
      expect(catalogue.map((f) => f.rule)).toEqual(rules);
      // in a TaskRun's embedded spec too
      const run = taskRun();
      run.spec.taskSpec = t.spec;
      expect(await refused(run, [securityPolicy])).toEqual(rules);
    });

    test('a step\'s privileged: null under a privileged stepTemplate, in an embedded spec: refused (Tekton reads null as unset)', async () => {
      const pipeline = hardenedEmbeddedPipeline();
      const spec = pipeline.spec.tasks[1].taskSpec;
      spec.stepTemplate = { securityContext: { privileged: true } };
      spec.steps[0].securityContext.privileged = null;
      expect(await refused(pipeline, [securityPolicy])).toEqual(['NOT_PRIVILEGED']);
      expect(RuleCatalogue.find(RuleId.NOT_PRIVILEGED)!.check(pipeline).length).toBeGreaterThan(0);
    });

    test('embedded: a Pipeline task, a PipelineRun pipelineSpec, a TaskRun taskSpec', async () => {
      const pipeline = hardenedEmbeddedPipeline();
      pipeline.spec.tasks[1].taskSpec.steps[0].securityContext.privileged = true;
      const pipelineRun = embeddedPipelineRun();
      pipelineRun.spec.pipelineSpec.tasks[0].taskSpec.steps[1].securityContext.runAsNonRoot = false;
      const run = taskRun();
      run.spec.taskSpec.steps[0].securityContext.seccompProfile.type = 'Unconfined';
      expect(await refused(pipeline, [securityPolicy])).toEqual(['NOT_PRIVILEGED']);
      expect(await refused(pipelineRun, [securityPolicy])).toEqual(['RUN_AS_NON_ROOT']);
      expect(await refused(run, [securityPolicy])).toEqual(['SECCOMP_RUNTIME_DEFAULT']);
    });

    describe('runAsGroup: 0 in a step, sidecar, stepTemplate or StepAction is refused for RUN_AS_NON_ROOT, as the catalogue finds it', () => {
      const ROOT_GROUP = 'A step, sidecar or StepAction sets securityContext.runAsGroup: 0, the root group, itself or through the stepTemplate [RUN_AS_NON_ROOT]. '
        + 'Set runAsGroup to a non-zero GID (the library writes 65532), or leave it unset, or record a relaxation: annotation secure-tekton/relax.RUN_AS_NON_ROOT: '
        + '"<target, or * for the whole object>: <why, at least 10 characters>".';
      const groupFindings = (o: any) => RuleCatalogue.find(RuleId.RUN_AS_NON_ROOT)!.check(o)
        .filter((f) => f.property === 'securityContext.runAsGroup').map((f) => [f.target, f.value]);

      test('the message', () => {
        expect(message(securityPolicy, 7)).toBe(ROOT_GROUP);
      });

      test.each<[string, (t: any) => void, string[][]]>([
        ['a step\'s own', (t) => { t.spec.steps[0].securityContext.runAsGroup = 0; }, [['step/build', '0']]],
        ['the stepTemplate\'s under a step that sets none', (t) => {
          t.spec.stepTemplate.securityContext.runAsGroup = 0; delete t.spec.steps[0].securityContext.runAsGroup;
        }, [['step/build', '0']]],
        ['the stepTemplate\'s under a step\'s null (Go reads nil)', (t) => {
          t.spec.stepTemplate.securityContext.runAsGroup = 0; t.spec.steps[0].securityContext.runAsGroup = null;
        }, [['step/build', '0']]],
        ['a sidecar\'s', (t) => { t.spec.sidecars = [{ name: 'cache', image: PINNED, securityContext: { ...clone(t.spec.stepTemplate.securityContext), runAsGroup: 0 } }]; },
          [['sidecar/cache', '0']]],
        ['the stepTemplate\'s under a step that runs a StepAction', (t) => {
          t.spec.stepTemplate.securityContext.runAsGroup = 0; t.spec.steps = [{ name: 'act', ref: { name: 'scan' } }];
        }, [['step/act', '0']]],
      ])('refused: %s', async (_, change, found) => {
        const t = clone(GO_BUILD);
        change(t);
        expect((await admit(securityPolicy, t)).refusals).toEqual([ROOT_GROUP]);
        expect(groupFindings(t)).toEqual(found);
        // in a TaskRun's embedded spec and a Pipeline's too
        const run = taskRun();
        run.spec.taskSpec = t.spec;
        expect((await admit(securityPolicy, run)).refusals).toEqual([ROOT_GROUP]);
        const pipeline = hardenedEmbeddedPipeline();
        pipeline.spec.tasks[0].taskSpec = t.spec;
        expect((await admit(securityPolicy, pipeline)).refusals).toEqual([ROOT_GROUP]);
      });

      test('a StepAction\'s own', async () => {
        const action = {
          apiVersion: 'tekton.dev/v1beta1',
          kind: 'StepAction',
          metadata: { name: 'scan', namespace: 'ci' },
          spec: { image: PINNED, script: '#!/bin/sh\nls', securityContext: { ...clone(GO_BUILD.spec.stepTemplate.securityContext), runAsGroup: 0 } },
        };
        expect((await admit(securityPolicy, action)).refusals).toEqual([ROOT_GROUP]);
        expect(groupFindings(action)).toEqual([['step/scan', '0']]);
        action.spec.securityContext.runAsGroup = 65532;
        expect((await admit(securityPolicy, action)).refusals).toEqual([]);
      });

      test.each<[string, (t: any) => void]>([
        ['a non-zero group', (t) => { t.spec.steps[0].securityContext.runAsGroup = 1000; }],
        ['a step\'s non-zero group over the stepTemplate\'s 0 (the step wins)', (t) => {
          t.spec.stepTemplate.securityContext.runAsGroup = 0; t.spec.steps[0].securityContext.runAsGroup = 1000;
        }],
        ['a stepTemplate\'s 0 reaches no step that sets its own', (t) => {
          t.spec.stepTemplate.securityContext.runAsGroup = 0; for (const s of t.spec.steps) s.securityContext.runAsGroup = 65532;
        }],
      ])('admitted: %s', async (_, change) => {
        const t = clone(GO_BUILD);
        change(t);
        expect((await admit(securityPolicy, t)).refusals).toEqual([]);
        expect(groupFindings(t)).toEqual([]);
      });

      test('a record of RUN_AS_NON_ROOT for the step exempts it, one for another step does not', async () => {
        const t = clone(GO_BUILD);
        t.spec.steps[0].securityContext.runAsGroup = 0;
        expect(await refused(withAnnotation(t, RuleId.RUN_AS_NON_ROOT, 'step/build: the image keeps its cache writable by group root only'), [securityPolicy])).toEqual([]);
        expect(await refused(withAnnotation(t, RuleId.RUN_AS_NON_ROOT, 'step/other: the image keeps its cache writable by group root only'), [securityPolicy]))
          .toEqual(['RUN_AS_NON_ROOT']);
      });
    });

    test('the relaxed kaniko Task is admitted through its annotations, and refused without them', async () => {
      expect(KANIKO.spec.steps.some((s: any) => s.image === KANIKO_IMAGE && s.securityContext.runAsNonRoot === false)).toBe(true);
      expect(await refused(KANIKO)).toEqual([]);
      expect(await refused(KANIKO, [strict.policy(SECURITY_POLICY)])).toEqual(['RUN_AS_NON_ROOT', 'DROP_ALL_CAPABILITIES']);
      const stripped = clone(KANIKO);
      stripped.metadata.annotations = { 'secure-tekton/trusted': 'true' };
      expect(await refused(stripped)).toEqual(['RUN_AS_NON_ROOT', 'DROP_ALL_CAPABILITIES']);
    });

    test('embedded kaniko: refused in a Pipeline unless the Pipeline carries the annotations', async () => {
      const pipeline = embeddedPipeline();
      expect(await refused(pipeline)).toEqual(['RUN_AS_NON_ROOT', 'DROP_ALL_CAPABILITIES']);
      const annotated = withAnnotation(withAnnotation(pipeline, RuleId.RUN_AS_NON_ROOT), RuleId.DROP_ALL_CAPABILITIES);
      expect(await refused(annotated)).toEqual([]);
    });

    describe('a record of DROP_ALL_CAPABILITIES exempts the capabilities Pod Security baseline allows, no others (never exempt)', () => {
      const BEYOND = 'A step, sidecar or StepAction that a relaxation record exempts from DROP_ALL_CAPABILITIES adds a capability (itself or through its stepTemplate)'
        + ' that the Pod Security baseline profile does not allow (it allows AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE,'
        + ' SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT), which no record exempts [DROP_ALL_CAPABILITIES]. Add only capabilities of that list; this cannot be relaxed.';
      const adding = (add: string[]) => buildStep((sc) => { sc.capabilities.add = add; });

      test('the message', () => {
        expect(message(securityPolicy, 4)).toBe(BEYOND);
        // without the rule honoured, the validation of DROP_ALL_CAPABILITIES refuses every added capability: no second one
        expect(strict.policy(SECURITY_POLICY).spec.validations.map((v: any) => v.message)).not.toContain(BEYOND);
      });

      test.each<[string, string[]]>([
        ['SYS_ADMIN', ['SYS_ADMIN']],
        ['SYS_PTRACE beside CHOWN', ['CHOWN', 'SYS_PTRACE']],
        ['NET_ADMIN', ['NET_ADMIN']],
        ['NET_RAW (not in baseline)', ['NET_RAW']],
        ['a CAP_ prefix (names are compared exactly, as Pod Security does)', ['CAP_CHOWN']],
        ['a lower-case name', ['chown']],
        ['ALL', ['ALL']],
      ])('refused under a record: %s', async (_, add) => {
        const t = withAnnotation(adding(add), RuleId.DROP_ALL_CAPABILITIES);
        expect((await admit(securityPolicy, t)).refusals).toEqual([BEYOND]);
        // without the record, only the rule's own refusal
        expect((await admit(securityPolicy, adding(add))).refusals).toEqual([message(securityPolicy, 3)]);
      });

      test('admitted under a record: every capability baseline allows, and drop not ALL', async () => {
        const t = adding(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);
        t.spec.steps[0].securityContext.capabilities.drop = ['NET_RAW'];
        expect(await refused(withAnnotation(t, RuleId.DROP_ALL_CAPABILITIES), [securityPolicy])).toEqual([]);
      });

      test('through the stepTemplate, on a sidecar, a StepAction and a step that runs one; a record for another step does not count', async () => {
        const template = buildStep((sc, t) => { delete sc.capabilities.add; t.spec.stepTemplate.securityContext.capabilities.add = ['SYS_ADMIN']; });
        const withSidecar = goBuild((t) => { t.spec.sidecars = [sidecar({ securityContext: { ...sidecar().securityContext, capabilities: { drop: ['ALL'], add: ['SYS_MODULE'] } } })]; });
        const action = stepAction();
        action.spec.securityContext.capabilities = { drop: ['ALL'], add: ['BPF'] };
        const runsAction = buildStep((_, t) => {
          t.spec.stepTemplate.securityContext.capabilities = { drop: ['ALL'], add: ['SYS_ADMIN'] };
          t.spec.steps = [{ name: 'act', ref: { name: 'scan' } }];
        });
        for (const o of [template, withSidecar, action, runsAction]) {
          expect((await admit(securityPolicy, withAnnotation(o, RuleId.DROP_ALL_CAPABILITIES))).refusals).toEqual([BEYOND]);
        }
        const other = withAnnotation(adding(['SYS_ADMIN']), RuleId.DROP_ALL_CAPABILITIES, 'step/other: reviewed by the platform team');
        expect((await admit(securityPolicy, other)).refusals).toEqual([message(securityPolicy, 3)]);
      });
    });

    test('privileged is never exempt', async () => {
      const bad = buildStep((sc) => { sc.privileged = true; });
      const annotated = [RuleId.NOT_PRIVILEGED, RuleId.RUN_AS_NON_ROOT, RuleId.DROP_ALL_CAPABILITIES].reduce((o, r) => withAnnotation(o, r), bad);
      expect(await refused(annotated, [securityPolicy])).toEqual(['NOT_PRIVILEGED']);
    });

    test.each([
      [RuleId.RUN_AS_NON_ROOT, (sc: any) => { sc.runAsNonRoot = false; }],
      [RuleId.NO_PRIVILEGE_ESCALATION, (sc: any) => { sc.allowPrivilegeEscalation = true; }],
      [RuleId.DROP_ALL_CAPABILITIES, (sc: any) => { sc.capabilities = { drop: ['NET_RAW'] }; }],
      [RuleId.SECCOMP_RUNTIME_DEFAULT, (sc: any) => { sc.seccompProfile.type = 'Unconfined'; }],
    ])('%s: exempt with its annotation only, where honoured (SECCOMP_RUNTIME_DEFAULT only when listed)', async (rule, change) => {
      const bad = buildStep(change);
      const byDefault = HONOURED.some((r) => r === rule);
      const honouring = byDefault ? securityPolicy : everyRule.policy(SECURITY_POLICY);
      expect(await refused(bad, [honouring])).toEqual([rule]);
      expect(await refused(withAnnotation(bad, rule), [honouring])).toEqual([]);
      expect(await refused(withAnnotation(bad, rule), [securityPolicy])).toEqual(byDefault ? [] : [rule]);
      expect(await refused(withAnnotation(bad, rule), [strict.policy(SECURITY_POLICY)])).toEqual([rule]);
      expect(await refused(withAnnotation(bad, RuleId.IMAGE_DIGEST), [honouring])).toEqual([rule]);
    });
  });

  describe('RUN_SERVICE_ACCOUNT', () => {
    const pipelineRun = (change: (spec: any) => void) => { const r = clone(EX.pipelineRun); change(r.spec); return r; };
    const run = (change: (spec: any) => void) => { const r = taskRun(); change(r.spec); return r; };

    test.each<[string, any]>([
      ['PipelineRun as default', pipelineRun((s) => { s.taskRunTemplate.serviceAccountName = 'default'; })],
      ['PipelineRun without serviceAccountName', pipelineRun((s) => { delete s.taskRunTemplate.serviceAccountName; })],
      ['PipelineRun without taskRunTemplate', pipelineRun((s) => { delete s.taskRunTemplate; })],
      ['PipelineRun as another ServiceAccount', pipelineRun((s) => { s.taskRunTemplate.serviceAccountName = 'deployer-runner'; })],
      ['PipelineRun with a taskRunSpec as default', pipelineRun((s) => { s.taskRunSpecs = [{ pipelineTaskName: 'build', serviceAccountName: 'default' }]; })],
      ['TaskRun as default', run((s) => { s.serviceAccountName = 'default'; })],
      ['TaskRun without serviceAccountName', run((s) => { delete s.serviceAccountName; })],
      ['TaskRun as another ServiceAccount', run((s) => { s.serviceAccountName = 'builder'; })],
    ])('refused: %s', async (_, obj) => {
      expect(await refused(obj)).toEqual(['RUN_SERVICE_ACCOUNT']);
    });

    test('taskRunSpecs without serviceAccountName (API grants) or with an allowed one are admitted', async () => {
      const { run: granting, sa } = grantingPipelineRun();
      expect(granting.spec.taskRunSpecs[0].serviceAccountName).toBeUndefined();
      const p = policies({ allowedServiceAccounts: [sa, 'release-runner'] }).policy(SA_POLICY);
      expect(rulesOf(await admit(p, granting))).toEqual([]);
      granting.spec.taskRunSpecs[0].serviceAccountName = 'release-runner';
      expect(rulesOf(await admit(p, granting))).toEqual([]);
      // an empty one inherits the taskRunTemplate's (Tekton's GetTaskRunSpec)
      granting.spec.taskRunSpecs[0].serviceAccountName = '';
      expect(rulesOf(await admit(p, granting))).toEqual([]);
      granting.spec.taskRunSpecs[0].serviceAccountName = 'default';
      expect(rulesOf(await admit(p, granting))).toEqual(['RUN_SERVICE_ACCOUNT']);
    });

    test('never exempt by annotation', async () => {
      const bad = withAnnotation(pipelineRun((s) => { s.taskRunTemplate.serviceAccountName = 'default'; }), RuleId.RUN_SERVICE_ACCOUNT);
      expect(await refused(bad)).toEqual(['RUN_SERVICE_ACCOUNT']);
    });
  });

  describe('run status: only the Tekton controller writes it (RBAC_NO_ESCALATION)', () => {
    /** A TaskRun referencing go-build, and the same with a privileged spec in status.taskSpec, which the controller would run. */
    const taskRunStatus = () => {
      const old: any = { apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name: 'tr', namespace: 'ci' }, spec: { serviceAccountName: SA, taskRef: { name: 'go-build' } } };
      const object = clone(old);
      object.status = { taskSpec: goBuild((t) => { t.spec.steps[0].securityContext.privileged = true; }).spec };
      return { old, object };
    };
    /** A PipelineRun referencing the example Pipeline, and the same with a pipelineSpec of a privileged task in status. */
    const pipelineRunStatus = () => {
      const old = clone(EX.pipelineRun);
      const object = clone(old);
      const spec = hardenedEmbeddedPipeline().spec;
      spec.tasks[0].taskSpec.steps[0].securityContext.privileged = true;
      object.status = { pipelineSpec: spec };
      return { old, object };
    };
    /** An update of the status subresource of `object` by `username`. */
    const statusUpdate = (policy: any, object: any, oldObject: any, username: string) =>
      verdict(policy, { operation: 'UPDATE', object, oldObject, userInfo: { username }, resource: RESOURCES[object.kind], subResource: 'status' });

    test.each<[string, () => { old: any; object: any }]>([
      ['a TaskRun\'s status.taskSpec', taskRunStatus],
      ['a PipelineRun\'s status.pipelineSpec', pipelineRunStatus],
    ])('%s written by anyone but the controller: refused; by the controller: admitted', async (_, make) => {
      const { old, object } = make();
      const refusal = await statusUpdate(statusPolicy, object, old, 'jane@example.com');
      expect(refusal).toMatchObject({ matched: true, allowed: false });
      expect(refusal.denials.map((d) => d.message)).toEqual([message(statusPolicy, 0)]);
      // the Tekton controller's own ServiceAccount in another namespace is someone else
      expect((await statusUpdate(statusPolicy, object, old, 'system:serviceaccount:ci:tekton-pipelines-controller')).allowed).toBe(false);
      expect(await statusUpdate(statusPolicy, object, old, CONTROLLER)).toMatchObject({ matched: true, allowed: true, denials: [] });
    });

    test('the policies that check run specs do not match the status subresource, which is why this one does; it matches nothing else', async () => {
      const { old, object } = taskRunStatus();
      for (const p of all.filter((x) => x !== statusPolicy)) expect((await statusUpdate(p, object, old, 'jane@example.com')).matched).toBe(false);
      // an update of the run itself (whose status the API server ignores) is the others' to check, not this one's
      expect(await verdict(statusPolicy, { operation: 'UPDATE', object, oldObject: old, userInfo: { username: 'jane@example.com' } })).toMatchObject({ matched: false });
    });

    test('a v1beta1 status update is converted to v1 (matchPolicy Equivalent) and checked; another controller user name is honoured', async () => {
      const { old, object } = taskRunStatus();
      const [oldBeta, beta] = [old, object].map((o) => ({ ...clone(o), apiVersion: 'tekton.dev/v1beta1' }));
      const v = await statusUpdate(statusPolicy, beta, oldBeta, 'jane@example.com');
      expect(v).toMatchObject({ matched: true, converted: true, matchedResource: 'tekton.dev/v1, Resource=taskruns', allowed: false });
      const other = policies({ tektonControllerUsername: 'system:serviceaccount:openshift-pipelines:pipeline' }).policy(STATUS_POLICY);
      expect((await statusUpdate(other, object, old, CONTROLLER)).allowed).toBe(false);
      expect((await statusUpdate(other, object, old, 'system:serviceaccount:openshift-pipelines:pipeline')).allowed).toBe(true);
    });
  });

  describe('custom run status: with customTaskControllerUsernames, only those controllers write it (RBAC_NO_ESCALATION)', () => {
    const GATE = 'system:serviceaccount:openshift-pipelines:manual-approval-gate-controller';
    const CUSTOM_POLICY = 'secure-tekton-custom-run-status';
    /** An approval CustomRun, and the same marked approved (Succeeded) with a result later tasks read. */
    const old = {
      apiVersion: 'tekton.dev/v1beta1',
      kind: 'CustomRun',
      metadata: { name: 'build-run-approve', namespace: 'ci', resourceVersion: '7' },
      spec: { customRef: { apiVersion: 'openshift-pipelines.org/v1alpha1', kind: 'ApprovalTask' }, params: [{ name: 'approvers', value: ['alice'] }] },
    };
    const object = { ...clone(old), status: { conditions: [{ type: 'Succeeded', status: 'True', reason: 'Approved' }], results: [{ name: 'approver', value: 'alice' }] } };
    const statusUpdate = (policy: any, username: string, subResource = 'status') =>
      verdict(policy, { operation: 'UPDATE', object, oldObject: old, userInfo: { username }, resource: 'customruns', subResource });

    test('not emitted by default (the policies do not know the custom task controllers); emitted with the prop, bound as the others', () => {
      expect(defaults.vaps.map((p: any) => p.metadata.name)).not.toContain(CUSTOM_POLICY);
      const withGate = policies({ customTaskControllerUsernames: [GATE] });
      expect(withGate.vaps.map((p: any) => p.metadata.name)).toEqual([...POLICY_NAMES, CUSTOM_POLICY]);
      expect(withGate.policy(CUSTOM_POLICY).spec.matchConstraints.resourceRules).toEqual([
        { apiGroups: ['tekton.dev'], apiVersions: ['v1beta1'], operations: ['UPDATE'], resources: ['customruns/status'], scope: 'Namespaced' },
      ]);
      expect(withGate.policy(CUSTOM_POLICY).spec.matchConditions).toBeUndefined();
      expect(withGate.binding(CUSTOM_POLICY).spec.matchResources.namespaceSelector)
        .toEqual({ matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['ci'] }] });
    });

    test('a CustomRun approved by anyone but the listed controllers: refused; by one of them: admitted; the run itself is not matched', async () => {
      const policy = policies({ customTaskControllerUsernames: [GATE, 'system:serviceaccount:ci:wait-task'] }).policy(CUSTOM_POLICY);
      const refusal = await statusUpdate(policy, 'jane@example.com');
      expect(refusal).toMatchObject({ matched: true, allowed: false });
      expect(refusal.denials.map((d) => d.message)).toEqual([
        'Someone other than the controllers of the custom tasks (customTaskControllerUsernames) writes the status of a CustomRun (customruns/status):'
        + " Tekton reads its Succeeded condition to decide whether the pipeline tasks after it run (an approval task's is the approval) and passes its"
        + ' results to their params and when expressions [RBAC_NO_ESCALATION]. Leave CustomRun status to the custom task controllers'
        + ` (${GATE}, system:serviceaccount:ci:wait-task): grant no one else update or patch of customruns/status, or list the controller in`
        + ' customTaskControllerUsernames.',
      ]);
      // Tekton's own controller never writes it (it patches a CustomRun's spec only)
      expect((await statusUpdate(policy, CONTROLLER)).allowed).toBe(false);
      expect(await statusUpdate(policy, GATE)).toMatchObject({ matched: true, allowed: true, denials: [] });
      expect(await statusUpdate(policy, 'system:serviceaccount:ci:wait-task')).toMatchObject({ matched: true, allowed: true });
      expect((await statusUpdate(policy, 'jane@example.com', '')).matched).toBe(false);
    });

    test('an empty list: no one writes customruns/status (no custom task may run in the bound namespaces)', async () => {
      const policy = policies({ customTaskControllerUsernames: [] }).policy(CUSTOM_POLICY);
      expect((await statusUpdate(policy, GATE)).allowed).toBe(false);
      expect((await statusUpdate(policy, GATE)).denials[0].message).toContain('Leave CustomRun status to the custom task controllers (none: customTaskControllerUsernames is empty)');
    });
  });

  describe('child runs: only the Tekton controller writes a CustomRun or PipelineRun that a PipelineRun would adopt (RBAC_NO_ESCALATION)', () => {
    const GATE = 'system:serviceaccount:openshift-pipelines:manual-approval-gate-controller';
    const childPolicy = defaults.policy(CHILD_POLICY);
    const PARENT_UID = '6b1f0c2e-5d4a-4e7b-9c3f-2a8d7e6f5b4c';
    const adoption = {
      'tekton.dev/pipelineRun': 'release-x7k2p', 'tekton.dev/pipelineRunUID': PARENT_UID, 'tekton.dev/pipelineTask': 'approve', 'tekton.dev/memberOf': 'tasks',
    };
    const owner = { apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', name: 'release-x7k2p', uid: PARENT_UID, controller: true, blockOwnerDeletion: true };
    /** The attack: a CustomRun of a custom task that succeeds at once, labelled and owned as the run of the release's approval task. */
    const customRun = (labels: Record<string, string> = adoption) => ({
      apiVersion: 'tekton.dev/v1beta1',
      kind: 'CustomRun',
      metadata: { name: 'release-x7k2p-approve-forged', namespace: 'ci', labels, ownerReferences: [owner] },
      spec: { customRef: { apiVersion: 'custom.tekton.dev/v1alpha1', kind: 'Wait' }, params: [{ name: 'duration', value: '0s' }] },
    });
    /** The same as a child PipelineRun (pipelines in pipelines) running an empty pipeline that succeeds. */
    const childRun = (version = 'v1') => ({
      apiVersion: `tekton.dev/${version}`,
      kind: 'PipelineRun',
      metadata: { name: 'release-x7k2p-deploy-forged', namespace: 'ci', labels: { ...adoption, 'tekton.dev/pipelineTask': 'tests' }, ownerReferences: [owner] },
      spec: {
        pipelineSpec: { tasks: [{ name: 'ok', taskSpec: { steps: [{ name: 'ok', image: PINNED, script: 'true' }] } }] },
        ...(version === 'v1' ? { taskRunTemplate: { serviceAccountName: SA } } : { serviceAccountName: SA }),
      },
    });
    const write = (policy: any, object: any, username: string, oldObject?: any) => verdict(policy, {
      operation: oldObject ? 'UPDATE' : 'CREATE',
      object,
      ...(oldObject ? { oldObject } : {}),
      userInfo: { username },
      resource: object.kind === 'CustomRun' ? 'customruns' : 'pipelineruns',
    });
    const MESSAGE = (who: string) => 'A CustomRun or PipelineRun carries the tekton.dev/pipelineRun and tekton.dev/pipelineRunUID labels of a PipelineRun with that'
      + ' PipelineRun as its first owner reference (or changes those labels, or its tekton.dev/pipelineTask label): Tekton adopts such a run as the run of the'
      + " pipeline task its tekton.dev/pipelineTask label names, and takes its success and results (an approval gate passed, a child pipeline's"
      + " outcome) for that task's [RBAC_NO_ESCALATION]. Remove the labels or the owner reference: Tekton sets them on the runs it creates for a PipelineRun's"
      + ` tasks; grant no one but ${who} creation of customruns and pipelineruns where PipelineRuns run.`;

    test('emitted by default, matching CREATE and UPDATE of CustomRuns and PipelineRuns (their status aside), without match conditions', () => {
      expect(childPolicy.spec.matchConstraints).toEqual({
        matchPolicy: 'Equivalent',
        resourceRules: [
          { apiGroups: ['tekton.dev'], apiVersions: ['v1beta1'], operations: ['CREATE', 'UPDATE'], resources: ['customruns'], scope: 'Namespaced' },
          { apiGroups: ['tekton.dev'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['pipelineruns'], scope: 'Namespaced' },
        ],
      });
      expect(childPolicy.spec.matchConditions).toBeUndefined();
      expect(childPolicy.spec.validations).toHaveLength(3);
      expect(defaults.binding(CHILD_POLICY).spec.matchResources.namespaceSelector)
        .toEqual({ matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['ci'] }] });
    });

    test('a CustomRun or child PipelineRun labelled and owned as a PipelineRun\'s child: refused but from the Tekton controller, whatever the records say', async () => {
      const refusal = await write(childPolicy, customRun(), 'jane@example.com');
      expect(refusal).toMatchObject({ matched: true, allowed: false });
      expect(refusal.denials.map((d) => d.message)).toEqual([MESSAGE(`the Tekton controller (${CONTROLLER})`)]);
      for (const child of [childRun(), withAnnotation(childRun(), RuleId.RBAC_NO_ESCALATION, `*: ${REASON}`)]) {
        expect((await write(childPolicy, child, 'jane@example.com')).denials.map((d) => d.message)).toEqual([MESSAGE(`the Tekton controller (${CONTROLLER})`)]);
      }
      // a v1beta1 PipelineRun is converted and judged the same
      expect(await write(childPolicy, childRun('v1beta1'), 'jane@example.com')).toMatchObject({ matched: true, converted: true, allowed: false });
      // either label alone adopts nothing (Tekton lists children by both): admitted, as kfp-tekton's PipelineLoop copies the UID alone
      for (const key of ['tekton.dev/pipelineRun', 'tekton.dev/pipelineRunUID']) {
        expect(await write(childPolicy, customRun({ [key]: (adoption as any)[key], 'tekton.dev/pipelineTask': 'approve' }), 'jane@example.com'))
          .toMatchObject({ matched: true, allowed: true });
        expect(await write(childPolicy, { ...childRun(), metadata: { ...childRun().metadata, labels: { [key]: (adoption as any)[key] } } }, 'jane@example.com'))
          .toMatchObject({ matched: true, allowed: true });
      }
      expect(await write(childPolicy, customRun(), CONTROLLER)).toMatchObject({ matched: true, allowed: true, denials: [] });
      expect(await write(childPolicy, childRun(), CONTROLLER)).toMatchObject({ matched: true, allowed: true });
      // a custom task controller is not trusted unless listed
      expect((await write(childPolicy, customRun(), GATE)).allowed).toBe(false);
    });

    test('documented limit: a run bearing the name Tekton gives a pipeline task\'s run, without labels or owner, is admitted (Tekton takes it by name)', async () => {
      // pipelinerunresolution.go ResolvePipelineTask looks the run up by kmeta.ChildName(<pipelinerun>, "-<task>") before creating it,
      // checking neither labels nor owners: no policy sees the names a PipelineRun will give (the README and the policy docs say so)
      const squat = { ...customRun(), metadata: { name: 'release-x7k2p-approve', namespace: 'ci' } };
      expect(await write(childPolicy, squat, 'jane@example.com')).toMatchObject({ matched: true, allowed: true, denials: [] });
    });

    test('the spec of an adopted CustomRun changed by anyone but the controllers, but for its cancellation: refused (Tekton\'s webhook lets a CustomRun\'s spec change)', async () => {
      const SPEC_MESSAGE = (who: string) => 'Someone other than the Tekton controller changes the spec of a CustomRun a PipelineRun adopted as the run of a'
        + ' pipeline task (its customRef, customSpec, params, workspaces, serviceAccountName, timeout or retries): Tekton admits any change of a CustomRun\'s'
        + " spec, its custom task's controller runs the new one, and Tekton takes its success and results for that task's (an approval gate's approvers"
        + ` rewritten, a custom task that succeeds at once) [RBAC_NO_ESCALATION]. Change only spec.status and spec.statusMessage (to cancel it); grant no one but ${who}`
        + ' update or patch of customruns where PipelineRuns run.';
      const gate = { ...customRun(), spec: { customRef: { apiVersion: 'openshift-pipelines.org/v1alpha1', kind: 'ApprovalTask' }, params: [{ name: 'approvers', value: ['release-managers'] }] } };
      const rewritten = { ...gate, spec: { ...gate.spec, params: [{ name: 'approvers', value: ['jane'] }] } };
      expect((await write(childPolicy, rewritten, 'jane@example.com', gate)).denials.map((d) => d.message)).toEqual([SPEC_MESSAGE(`the Tekton controller (${CONTROLLER})`)]);
      const waited = { ...gate, spec: { customRef: { apiVersion: 'custom.tekton.dev/v1alpha1', kind: 'Wait' }, params: gate.spec.params } };
      expect((await write(childPolicy, waited, 'jane@example.com', gate)).allowed).toBe(false);
      const { params: _p, ...unparamed } = gate.spec;
      expect((await write(childPolicy, { ...gate, spec: unparamed }, 'jane@example.com', gate)).allowed).toBe(false);
      expect((await write(childPolicy, { ...gate, spec: { ...gate.spec, timeout: '1s' } }, 'jane@example.com', gate)).allowed).toBe(false);
      // a child PipelineRun's spec is left to Tekton's webhook (PipelineRunSpec.ValidateUpdate keeps it but for its cancellation)
      const child = childRun();
      const swapped = { ...child, spec: { ...child.spec, pipelineSpec: { tasks: [{ name: 'other', taskSpec: { steps: [{ name: 'x', image: PINNED, script: 'true' }] } }] } } };
      expect(await write(childPolicy, swapped, 'jane@example.com', child)).toMatchObject({ matched: true, allowed: true });
      // cancelling it, or an update that keeps the spec (an annotation), is admitted; so is the controllers' change, and any change of a run not adopted
      const cancelled = { ...gate, spec: { ...gate.spec, status: 'RunCancelled', statusMessage: 'stopped by jane' } };
      expect(await write(childPolicy, cancelled, 'jane@example.com', gate)).toMatchObject({ matched: true, allowed: true });
      const noted = { ...gate, metadata: { ...gate.metadata, annotations: { 'results.tekton.dev/record': 'ci/results/x' } } };
      expect(await write(childPolicy, noted, 'jane@example.com', gate)).toMatchObject({ matched: true, allowed: true });
      expect(await write(childPolicy, rewritten, CONTROLLER, gate)).toMatchObject({ matched: true, allowed: true });
      const listed = policies({ customTaskControllerUsernames: [GATE] }).policy(CHILD_POLICY);
      expect(await write(listed, rewritten, GATE, gate)).toMatchObject({ matched: true, allowed: true });
      // a CustomRun carrying both labels keeps its spec without its owner reference (Tekton reads it by name); one label alone adopts nothing
      const own = (run: any) => ({ ...run, metadata: { ...run.metadata, ownerReferences: undefined } });
      expect((await write(childPolicy, own(rewritten), 'jane@example.com', own(gate))).denials.map((d) => d.message))
        .toEqual([SPEC_MESSAGE(`the Tekton controller (${CONTROLLER})`)]);
      const loose = (run: any) => ({ ...own(run), metadata: { ...own(run).metadata, labels: { 'tekton.dev/pipelineRunUID': PARENT_UID } } });
      expect(await write(childPolicy, loose(rewritten), 'jane@example.com', loose(gate))).toMatchObject({ matched: true, allowed: true });
    });

    test('an adopted CustomRun\'s labels are kept and its spec locked without its owner reference: Tekton reads it by name from status.childReferences', async () => {
      // pipelinerun.go getCustomRunFunc looks a pipeline task's CustomRun up by the name in status.childReferences (getNamesOfCustomRuns),
      // checking neither labels nor owners: stripping the owner reference or the labels first, then rewriting the spec, changed an
      // approval gate Tekton still read
      const LABEL_MESSAGE = (who: string) => 'Someone other than the Tekton controller removes or changes the tekton.dev/pipelineRun,'
        + ' tekton.dev/pipelineRunUID or tekton.dev/pipelineTask label of a CustomRun that carries both adoption labels: Tekton reads the'
        + " CustomRun of a pipeline task by the name its PipelineRun's status.childReferences holds, whatever its labels and owner references,"
        + ' and its spec is kept only while it carries them [RBAC_NO_ESCALATION]. Keep the labels as they are (cancel the run with spec.status);'
        + ` grant no one but ${who} update or patch of customruns where PipelineRuns run.`;
      const gate = { ...customRun(), spec: { customRef: { apiVersion: 'openshift-pipelines.org/v1alpha1', kind: 'ApprovalTask' }, params: [{ name: 'approvers', value: ['release-managers'] }] } };
      const rewritten = (run: any) => ({ ...run, spec: { ...run.spec, params: [{ name: 'approvers', value: ['jane'] }] } });
      const unowned = (run: any) => ({ ...run, metadata: { ...run.metadata, ownerReferences: undefined } });
      const unlabelled = (run: any, keep: Record<string, string> = {}) => ({ ...run, metadata: { ...run.metadata, labels: keep } });
      // step one, the owner reference removed (as the garbage collector orphans it): admitted; step two, the spec: refused
      expect(await write(childPolicy, unowned(gate), 'jane@example.com', gate)).toMatchObject({ matched: true, allowed: true });
      expect((await write(childPolicy, rewritten(unowned(gate)), 'jane@example.com', unowned(gate))).allowed).toBe(false);
      // step one, the labels removed (or one of them, or the pipeline task's changed): refused
      const { ['tekton.dev/pipelineRunUID']: _uid, ...halfAdopted } = adoption;
      const moved = unlabelled(gate, { ...adoption, 'tekton.dev/pipelineTask': 'deploy' });
      for (const stripped of [unlabelled(gate), unlabelled(gate, halfAdopted), moved]) {
        expect((await write(childPolicy, unowned(stripped), 'jane@example.com', unowned(gate))).denials.map((d) => d.message))
          .toEqual([LABEL_MESSAGE(`the Tekton controller (${CONTROLLER})`)]);
        if (stripped === moved) continue;
        expect((await write(childPolicy, stripped, 'jane@example.com', gate)).denials.map((d) => d.message))
          .toEqual([LABEL_MESSAGE(`the Tekton controller (${CONTROLLER})`)]);
      }
      // (owned, moving it to another pipeline task is the adoption's own refusal)
      expect((await write(childPolicy, moved, 'jane@example.com', gate)).denials.map((d) => d.message)).toEqual([MESSAGE(`the Tekton controller (${CONTROLLER})`)]);
      // the controllers' own updates, a CustomRun with one label alone, and a PipelineRun's labels (its spec Tekton's webhook keeps): admitted
      expect(await write(childPolicy, unlabelled(gate), CONTROLLER, gate)).toMatchObject({ matched: true, allowed: true });
      const loop = unlabelled(gate, { 'tekton.dev/pipelineRunUID': PARENT_UID });
      expect(await write(childPolicy, rewritten(unlabelled(loop)), 'jane@example.com', loop)).toMatchObject({ matched: true, allowed: true });
      const child = childRun();
      expect(await write(childPolicy, unlabelled(unowned(child)), 'jane@example.com', unowned(child))).toMatchObject({ matched: true, allowed: true });
    });

    test('with customTaskControllerUsernames, those controllers are trusted too (they already decide a CustomRun\'s success) and named in the fix', async () => {
      const policy = policies({ customTaskControllerUsernames: [GATE] }).policy(CHILD_POLICY);
      expect(await write(policy, customRun(), GATE)).toMatchObject({ matched: true, allowed: true });
      expect(await write(policy, childRun(), CONTROLLER)).toMatchObject({ matched: true, allowed: true });
      expect((await write(policy, childRun(), 'jane@example.com')).denials.map((d) => d.message))
        .toEqual([MESSAGE(`the Tekton controller (${CONTROLLER}) and the custom task controllers (${GATE})`)]);
      const other = policies({ tektonControllerUsername: 'system:serviceaccount:openshift-pipelines:pipeline' }).policy(CHILD_POLICY);
      expect((await write(other, customRun(), CONTROLLER)).allowed).toBe(false);
      expect((await write(other, customRun(), 'system:serviceaccount:openshift-pipelines:pipeline')).allowed).toBe(true);
    });

    test('runs without those labels, and updates that keep them and the pipeline task as they were: admitted; adding or moving them: refused', async () => {
      const plain = customRun({ 'app.kubernetes.io/name': 'approval', 'tekton.dev/pipelineTask': 'approve' });
      expect(await write(childPolicy, plain, 'jane@example.com')).toMatchObject({ matched: true, allowed: true });
      const topLevel = childRun();
      delete (topLevel.metadata as any).labels;
      expect(await write(childPolicy, topLevel, 'jane@example.com')).toMatchObject({ matched: true, allowed: true });
      const CHAINS = 'system:serviceaccount:tekton-chains:tekton-chains-controller';
      const signed = customRun({ ...adoption, 'chains.tekton.dev/signed': 'true' });
      expect(await write(childPolicy, signed, CHAINS, customRun())).toMatchObject({ matched: true, allowed: true });
      // the labels added to a run of one's own (the second one too), or the run moved to another pipeline task
      expect((await write(childPolicy, customRun(), 'jane@example.com', plain)).allowed).toBe(false);
      const { ['tekton.dev/pipelineRunUID']: _uid, ...halfAdopted } = adoption;
      expect(await write(childPolicy, customRun(halfAdopted), 'jane@example.com')).toMatchObject({ matched: true, allowed: true });
      expect((await write(childPolicy, customRun(), 'jane@example.com', customRun(halfAdopted))).allowed).toBe(false);
      expect((await write(childPolicy, customRun({ ...adoption, 'tekton.dev/pipelineTask': 'deploy' }), 'jane@example.com', customRun())).allowed).toBe(false);
      const { ['tekton.dev/pipelineTask']: _, ...untasked } = adoption;
      expect((await write(childPolicy, customRun(untasked), 'jane@example.com', customRun())).allowed).toBe(false);
      // Tekton adopts only a run whose first ownerReference is the PipelineRun of its UID label (filterCustomRunsForPipelineRunStatus,
      // filterChildPipelineRunsForParentPipelineRunStatus): the labels copied without it (a rerun of a child PipelineRun) adopt nothing
      const unowned = (run: any, ownerReferences?: any[]) => ({ ...run, metadata: { ...run.metadata, ownerReferences } });
      const other = { ...owner, name: 'nightly-9q8w7', uid: '0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5a' };
      for (const refs of [undefined, [], [other], [other, owner]]) {
        expect(await write(childPolicy, unowned(childRun(), refs), 'jane@example.com')).toMatchObject({ matched: true, allowed: true });
        expect(await write(childPolicy, unowned(customRun(), refs), 'jane@example.com')).toMatchObject({ matched: true, allowed: true });
      }
      expect((await write(childPolicy, unowned(customRun(), [owner, other]), 'jane@example.com')).denials.map((d) => d.message))
        .toEqual([MESSAGE(`the Tekton controller (${CONTROLLER})`)]);
      // tektoncd/experimental's pipelines-in-pipelines controller copies every label of its CustomRun (both adoption labels among them)
      // onto the PipelineRun it creates, owned by that CustomRun (pkg/reconciler/pip/piprun.go getObjectMeta, getPipelineRunLabels): not adopted
      const PIP = 'system:serviceaccount:tekton-pipelines:pip-controller';
      const byCustomRun = [{ apiVersion: 'tekton.dev/v1beta1', kind: 'CustomRun', name: 'release-x7k2p-tests', uid: '3c2b1a09-8f7e-4d6c-5b4a-3928170f6e5d', controller: true }];
      expect(await write(childPolicy, unowned(childRun(), byCustomRun), PIP)).toMatchObject({ matched: true, allowed: true });
      // the owner reference added (or put first) later by an update: refused
      expect((await write(childPolicy, customRun(), 'jane@example.com', unowned(customRun()))).allowed).toBe(false);
      expect((await write(childPolicy, unowned(childRun(), [owner, other]), 'jane@example.com', unowned(childRun(), [other, owner]))).allowed).toBe(false);
      // an update of the rerun that keeps it unowned: admitted
      expect(await write(childPolicy, unowned(childRun()), 'jane@example.com', unowned(childRun()))).toMatchObject({ matched: true, allowed: true });
      // the status subresource is not matched (custom-run-status and run-status judge it)
      expect((await verdict(childPolicy, {
        operation: 'UPDATE',
        object: customRun(),
        oldObject: customRun(),
        userInfo: { username: 'jane@example.com' },
        resource: 'customruns',
        subResource: 'status',
      })).matched).toBe(false);
    });
  });

  /** Tekton v1.15 GetAffinityAssistantName: `affinity-assistant-<sha256(workspace name + run name)[:10]>` (no workspace with coschedule: pipelineruns). */
  const assistant = (workspace: string, run: string) => `affinity-assistant-${createHash('sha256').update(workspace + run).digest('hex').slice(0, 10)}`;

  // Tekton v1.15 pvchandler.go: the claim for a volumeClaimTemplate workspace is `<template name, else pvc>-<sha256(workspace name + run UID)[:10]>`,
  // and an existing claim of that name is taken as the run's, whoever made it
  describe('workspace claims: only the Tekton controller creates a claim named as it names a run\'s volumeClaimTemplate claim (WORKSPACE_PER_RUN)', () => {
    const claimsPolicy = defaults.policy(CLAIMS_POLICY);
    const UID = '3f1c9a52-8e1d-4f0a-9b7e-2d6c4a1e5b90';
    /** GeneratePVCNameFromWorkspaceBinding, as Tekton writes it. */
    const generated = (template: string, workspace: string) => `${template === '' ? 'pvc' : template}-${createHash('sha256').update(workspace + UID).digest('hex').slice(0, 10)}`;
    const claim = (name: string) => ({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name, namespace: 'ci' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, dataSource: { kind: 'PersistentVolumeClaim', name: 'poisoned' } },
    });
    const MESSAGE = 'Someone other than the Tekton controller creates a PersistentVolumeClaim named as the controller names the claim it makes for a'
      + " run's volumeClaimTemplate workspace (<template name, or pvc>-<10 hex>): the controller takes a claim of that name, made by anyone,"
      + " as the run's new empty workspace without checking who made it, so whoever makes it first, with the run's UID in hand, chooses"
      + ' what the run starts from and can read what it writes [WORKSPACE_PER_RUN].'
      + ` Leave claims named <name>-<10 hex> to the Tekton controller (${CONTROLLER}): give your PersistentVolumeClaim another name.`;
    const AA_MESSAGE = 'Someone other than the StatefulSet controller creates a PersistentVolumeClaim named as the claim of a PipelineRun\'s affinity assistant'
      + ' (<claim name>-affinity-assistant-<10 hex>-0): with coschedule: pipelineruns or isolate-pipelinerun, the StatefulSet controller takes a'
      + " claim of that name, made by anyone, as the assistant's and Tekton binds the run's workspace to it, so whoever makes it first, with the"
      + " run's UID in hand, chooses what the run starts from and can read what it writes [WORKSPACE_PER_RUN]."
      + ` Leave claims named <name>-affinity-assistant-<10 hex>-0 to the StatefulSet controller (${STATEFUL_SET_CONTROLLERS.join(', ')}):`
      + ' give your PersistentVolumeClaim another name.';

    test('the controller creates the claim of a run; anyone else creating one of that name is refused, whatever its records', async () => {
      for (const name of [generated('', 'source'), generated('source', 'source'), generated('cache', 'output')]) {
        expect(await admit(claimsPolicy, claim(name), CONTROLLER)).toEqual({ matched: true, refusals: [] });
        expect(await admit(claimsPolicy, claim(name))).toEqual({ matched: true, refusals: [MESSAGE] });
        // a record of WORKSPACE_PER_RUN, which a claim's author writes, changes nothing
        const recorded = claim(name) as any;
        recorded.metadata.annotations = { 'secure-tekton/relax.WORKSPACE_PER_RUN': `*: ${REASON}` };
        expect((await admit(claimsPolicy, recorded, 'system:serviceaccount:ci:builder')).refusals).toEqual([MESSAGE]);
      }
    });

    test('claims of other names are admitted to anyone; updates and other kinds are not matched', async () => {
      for (const name of ['cache', 'pvc-abcdef012', 'pvc-abcdef01234', 'data-0123456789-0', `${generated('', 'source')}-affinity-assistant-0123456789-1`,
        'pvc-affinity-assistant-012345678-0', 'team-ghijklmnop']) {
        expect([name, await admit(claimsPolicy, claim(name))]).toEqual([name, { matched: true, refusals: [] }]);
      }
      const name = generated('', 'source');
      expect((await admit(claimsPolicy, claim(name), 'jane@example.com', 'UPDATE')).matched).toBe(false);
      expect((await admit(claimsPolicy, { ...claim(name), apiVersion: 'v1', kind: 'ConfigMap' })).matched).toBe(false);
    });

    // Tekton v1.15 affinity_assistant.go getPersistentVolumeClaimNameWithAffinityAssistant: with coschedule: pipelineruns the run's TaskRuns bind
    // `<generated claim name>-affinity-assistant-<sha256(run name)[:10]>-0`, which the StatefulSet controller makes from the assistant's template
    test('the StatefulSet controller creates an affinity assistant\'s claim; anyone else, the Tekton controller too, is refused', async () => {
      const aaClaim = `${generated('', 'source')}-${assistant('', 'build-7x2k9')}-0`;
      for (const user of STATEFUL_SET_CONTROLLERS) {
        expect(await admit(claimsPolicy, claim(aaClaim), user)).toEqual({ matched: true, refusals: [] });
      }
      for (const name of [aaClaim, `${generated('cache', 'output')}-${assistant('', 'release')}-0`, 'x-affinity-assistant-0123456789-0']) {
        expect([name, await admit(claimsPolicy, claim(name))]).toEqual([name, { matched: true, refusals: [AA_MESSAGE] }]);
        expect((await admit(claimsPolicy, claim(name), CONTROLLER)).refusals).toEqual([AA_MESSAGE]);
      }
      // the users given (statefulSetControllerUsernames), or none
      const own = policies({ statefulSetControllerUsernames: ['system:serviceaccount:kube-system:sts'] }).policy(CLAIMS_POLICY);
      expect((await admit(own, claim(aaClaim), 'system:serviceaccount:kube-system:sts')).refusals).toEqual([]);
      expect((await admit(own, claim(aaClaim), STATEFUL_SET_CONTROLLERS[0])).refusals)
        .toEqual([AA_MESSAGE.replace(STATEFUL_SET_CONTROLLERS.join(', '), 'system:serviceaccount:kube-system:sts')]);
      const none = policies({ statefulSetControllerUsernames: [] }).policy(CLAIMS_POLICY);
      expect((await admit(none, claim(aaClaim), STATEFUL_SET_CONTROLLERS[0])).refusals)
        .toEqual([AA_MESSAGE.replace(STATEFUL_SET_CONTROLLERS.join(', '), 'none: statefulSetControllerUsernames is empty')]);
    });

    // kube-controller-manager's ephemeral volume controller (pkg/controller/volume/ephemeral) creates a Pod's generic ephemeral volume's claim
    // `<pod name>-<volume name>` with the Pod as its controller owner, as system:kube-controller-manager without --use-service-account-credentials
    const EPHEMERAL_MESSAGE = 'A PersistentVolumeClaim named as the claim of a PipelineRun\'s affinity assistant (<claim name>-affinity-assistant-<10 hex>-0) is owned'
      + " by a Pod: it is the claim of a Pod's generic ephemeral volume (<pod name>-<volume name>), which kube-controller-manager creates, as"
      + ' system:kube-controller-manager where it runs without --use-service-account-credentials, for whoever creates the Pod; Tekton binds'
      + " the run's workspace to the claim of that name, so the Pod's author chooses what the run starts from and can read what it writes [WORKSPACE_PER_RUN]."
      + ' Rename the Pod or its ephemeral volume so that <pod name>-<volume name> does not end in -affinity-assistant-<10 hex>-0.';
    test('a Pod\'s ephemeral claim named as an assistant\'s (a Pod <claim name>-affinity-assistant-<10 hex>, a volume 0) is refused, whoever creates it', async () => {
      const podName = `${generated('', 'source')}-${assistant('', 'build-7x2k9')}`;
      const ephemeral = (name: string, kind = 'Pod') => {
        const c = claim(name) as any;
        c.metadata.ownerReferences = [{ apiVersion: kind === 'Pod' ? 'v1' : 'apps/v1', kind, name: podName, uid: UID, controller: true, blockOwnerDeletion: true }];
        return c;
      };
      expect(claimsPolicy.spec.validations.map((v: any) => v.message)).toEqual([MESSAGE, AA_MESSAGE, EPHEMERAL_MESSAGE]);
      for (const user of STATEFUL_SET_CONTROLLERS) {
        expect(await admit(claimsPolicy, ephemeral(`${podName}-0`), user)).toEqual({ matched: true, refusals: [EPHEMERAL_MESSAGE] });
      }
      expect((await admit(claimsPolicy, ephemeral(`${podName}-0`))).refusals).toEqual([AA_MESSAGE, EPHEMERAL_MESSAGE]);
      // the StatefulSet controller's claim (no owner with the assistant's retention policy Retain; its StatefulSet with Delete) is admitted
      for (const user of STATEFUL_SET_CONTROLLERS) {
        expect((await admit(claimsPolicy, claim(`${podName}-0`), user)).refusals).toEqual([]);
        expect((await admit(claimsPolicy, ephemeral(`${podName}-0`, 'StatefulSet'), user)).refusals).toEqual([]);
      }
      // a Pod's ephemeral claim of another name is admitted
      expect((await admit(claimsPolicy, ephemeral(`${podName}-cache`), 'system:kube-controller-manager')).refusals).toEqual([]);
      expect((await admit(claimsPolicy, ephemeral('web-0-scratch'), 'system:kube-controller-manager')).refusals).toEqual([]);
    });

    test('statefulSetControllerUsernames takes ServiceAccount user names and system:kube-controller-manager only', () => {
      expect(policies().p.statefulSetControllerUsernames).toEqual(STATEFUL_SET_CONTROLLERS);
      expect(() => policies({ statefulSetControllerUsernames: ['kube-controller-manager'] })).toThrow(
        /statefulSetControllerUsernames.*"kube-controller-manager" is not a ServiceAccount user name/s);
    });

    test('an operator install: the controller user name given (tektonControllerUsername)', async () => {
      const operator = 'system:serviceaccount:openshift-pipelines:tekton-pipelines-controller';
      const own = policies({ tektonControllerUsername: operator }).policy(CLAIMS_POLICY);
      const name = generated('', 'source');
      expect((await admit(own, claim(name), operator)).refusals).toEqual([]);
      expect((await admit(own, claim(name), CONTROLLER)).refusals).toEqual([MESSAGE.replace(CONTROLLER, operator)]);
    });
  });

  describe('affinity assistants: only the Tekton controller creates a StatefulSet named as a run\'s affinity assistant, or one making its claims', () => {
    const assistantsPolicy = defaults.policy(ASSISTANTS_POLICY);
    /** A StatefulSet whose pod lands on a node of its author's choosing, carrying the labels the run's pods' affinity selects (or `labels`). */
    const statefulSet = (name: string, templates: string[] = [], labels: Record<string, string> = { 'app.kubernetes.io/instance': name, 'app.kubernetes.io/component': 'affinity-assistant' }) => ({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name, namespace: 'ci' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { 'app.kubernetes.io/instance': name } },
        template: {
          metadata: { labels },
          spec: { nodeSelector: { 'kubernetes.io/hostname': 'node-7' }, containers: [{ name: 'sleep', image: PINNED }] },
        },
        volumeClaimTemplates: templates.map((t) => ({
          metadata: { name: t },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, dataSource: { kind: 'VolumeSnapshot', apiGroup: 'snapshot.storage.k8s.io', name: 'poisoned' } },
        })),
      },
    });
    const NAME_MESSAGE = 'Someone other than the Tekton controller creates a StatefulSet named as the controller names a PipelineRun\'s affinity assistant'
      + ' (affinity-assistant-<10 hex>, from the names of the run and its workspace alone), or changes the spec of one: the controller takes a'
      + " StatefulSet of that name, made by anyone, as the run's assistant without checking who made it, so its author chooses the node all the"
      + " run's pods are scheduled on and, with coschedule: pipelineruns, the claims that hold the run's workspaces [RBAC_NO_ESCALATION]."
      + ` Leave StatefulSets named affinity-assistant-… to the Tekton controller (${CONTROLLER}): give your StatefulSet another name.`;
    const CLAIM_MESSAGE = 'Someone other than the Tekton controller creates a StatefulSet whose volumeClaimTemplate makes a claim named as the claim of a'
      + " PipelineRun's affinity assistant (<template name>-<StatefulSet name>-0 ending in -affinity-assistant-<10 hex>-0): the StatefulSet"
      + " controller makes it from this template, and Tekton binds the run's workspace to the claim of that name whoever made it [WORKSPACE_PER_RUN]."
      + ' Rename the volumeClaimTemplate or the StatefulSet so that <template name>-<StatefulSet name>-0 does not end in -affinity-assistant-<10 hex>-0.';
    const LABELS_MESSAGE = "Someone other than the StatefulSet controller, for an affinity assistant's StatefulSet, makes a Pod (or a workload whose pod template"
      + ' makes one) labelled app.kubernetes.io/component: affinity-assistant, or gives one that label or changes its app.kubernetes.io/instance:'
      + ' Tekton gives every affinity assistant a pod anti-affinity to the pods with that label (on the same kubernetes.io/hostname; required'
      + " with coschedule: isolate-pipelinerun, preferred otherwise), and a run's pods a required pod affinity to the one also labelled"
      + " app.kubernetes.io/instance: <its assistant's name>, so such a pod keeps the assistants, and the runs' pods that follow them, off its"
      + " node (on every node, the runs wait unscheduled) or, with that instance label, draws the runs' pods to a node its author chooses [RBAC_NO_ESCALATION]."
      + " Leave the label app.kubernetes.io/component: affinity-assistant to the affinity assistants' pods (made by system:serviceaccount:kube-system:statefulset-controller,"
      + ' system:kube-controller-manager for the StatefulSets the Tekton controller creates), and their app.kubernetes.io/instance as it is: remove the label'
      + " from the Pod, the pod template or the run's labels, which Tekton copies to its pods.";
    const SCALE_MESSAGE = "Someone other than the Tekton controller scales a StatefulSet named as a PipelineRun's affinity assistant (statefulsets/scale of"
      + " affinity-assistant-…): Tekton creates it with one replica, and a run's pods must be scheduled beside a pod of it, so with 0 replicas"
      + ' they wait unscheduled until the run times out, and with more they may be scheduled beside another replica, on another node than the'
      + " one holding the run's ReadWriteOnce claims, where they cannot mount them [RBAC_NO_ESCALATION]."
      + ` Leave the replicas of StatefulSets named affinity-assistant-… to the Tekton controller (${CONTROLLER}): do not scale them`
      + ' (cancel the PipelineRun to stop it).';
    const OWNER_MESSAGE = "Someone other than the Tekton controller changes the ownerReferences of a StatefulSet named as a PipelineRun's affinity assistant"
      + ' (affinity-assistant-…), or the garbage collector adds or changes one: the controller makes the PipelineRun its owner, so that it'
      + ' is deleted with the run; detached, it outlives a run deleted before it finished, and Tekton takes it, as it is, as the assistant'
      + ' of the next PipelineRun of that name (with the pod template and claims of the first) [RBAC_NO_ESCALATION].'
      + ` Leave the ownerReferences of StatefulSets named affinity-assistant-… to the Tekton controller (${CONTROLLER}):`
      + ' delete the PipelineRun to delete its assistant with it.';
    const RUN_LABELS_MESSAGE = 'A Task, Pipeline, TaskRun or PipelineRun is labelled app.kubernetes.io/component: affinity-assistant (in its metadata.labels, a'
      + " taskRunSpecs entry's metadata.labels or an embedded taskSpec's metadata.labels), created so, given it by an update or its"
      + " app.kubernetes.io/instance changed: Tekton copies these labels to the run's pods, which would carry the affinity assistants'"
      + " label, keep every assistant off their node and, with app.kubernetes.io/instance: affinity-assistant-…, draw the runs' pods to it,"
      + ' so this policy refuses the pods and the run fails [RBAC_NO_ESCALATION].'
      + ' Remove the label app.kubernetes.io/component: affinity-assistant from it (or give it another value): that label is the affinity'
      + " assistants' own.";
    const FETCHED_LABELS_MESSAGE = 'The Tekton controller gives a TaskRun or PipelineRun the label app.kubernetes.io/component: affinity-assistant (or changes its'
      + ' app.kubernetes.io/instance) that it copies from the Pipeline or Task the run references (its metadata.labels, or a pipeline'
      + " task's taskSpec.metadata.labels), as a resolver (git, bundles, hub, http, cluster) fetched it, or from a run made before this policy:"
      + " Tekton copies these labels to the run's pods, which would carry the affinity assistants' label, keep every assistant off their node and, with"
      + " app.kubernetes.io/instance: affinity-assistant-…, draw the runs' pods to it, so this policy refuses them and the run fails [RBAC_NO_ESCALATION]."
      + ' Remove the label app.kubernetes.io/component: affinity-assistant (or give it another value) from the Pipeline or Task the run'
      + " references, where its resolver fetches it from (the repository, bundle or catalog): that label is the affinity assistants' own.";
    const UID = '3f1c9a52-8e1d-4f0a-9b7e-2d6c4a1e5b90';
    const runClaim = `pvc-${createHash('sha256').update('source' + UID).digest('hex').slice(0, 10)}`;

    test('the controller creates the assistant of a run, with its claims; anyone else creating or changing one of that name is refused', async () => {
      expect(assistantsPolicy.spec.validations.map((v: any) => v.message))
        .toEqual([NAME_MESSAGE, CLAIM_MESSAGE, LABELS_MESSAGE, SCALE_MESSAGE, OWNER_MESSAGE, RUN_LABELS_MESSAGE, FETCHED_LABELS_MESSAGE]);
      for (const name of [assistant('', 'build-7x2k9'), assistant('source', 'build-7x2k9'), 'affinity-assistant-x']) {
        expect(await admit(assistantsPolicy, statefulSet(name, [runClaim]), CONTROLLER)).toEqual({ matched: true, refusals: [] });
        expect((await admit(assistantsPolicy, statefulSet(name), CONTROLLER, 'UPDATE')).refusals).toEqual([]);
        // with its claim template too (the StatefulSet controller would make the run's claim)
        const refusals = name === 'affinity-assistant-x' ? [NAME_MESSAGE] : [NAME_MESSAGE, CLAIM_MESSAGE];
        expect([name, await admit(assistantsPolicy, statefulSet(name, [runClaim]))]).toEqual([name, { matched: true, refusals }]);
        expect((await admit(assistantsPolicy, statefulSet(name), 'system:serviceaccount:ci:builder')).refusals).toEqual([NAME_MESSAGE]);
        // a record, which a StatefulSet's author writes, changes nothing
        const recorded = statefulSet(name) as any;
        recorded.metadata.annotations = { 'secure-tekton/relax.RBAC_NO_ESCALATION': `*: ${REASON}`, 'secure-tekton/relax.WORKSPACE_PER_RUN': `*: ${REASON}` };
        expect((await admit(assistantsPolicy, recorded)).refusals).toEqual([NAME_MESSAGE]);
      }
      // a generated name is judged as its prefix
      const generated = statefulSet('') as any;
      generated.metadata = { generateName: 'affinity-assistant-', namespace: 'ci' };
      expect((await admit(assistantsPolicy, generated)).refusals).toEqual([NAME_MESSAGE]);
    });

    test('an update of Tekton\'s assistant by anyone else is refused unless it leaves the spec as it was', async () => {
      const name = assistant('', 'build-7x2k9');
      const own = statefulSet(name, [runClaim]);
      const update = (object: any, username: string) => verdict(assistantsPolicy, { operation: 'UPDATE', object, oldObject: own, userInfo: { username } });
      const moved = JSON.parse(JSON.stringify(own));
      moved.spec.template.spec.nodeSelector['kubernetes.io/hostname'] = 'node-9';
      expect((await update(moved, 'jane@example.com')).denials.map((d) => d.message)).toEqual([NAME_MESSAGE]);
      const finalized = { ...own, metadata: { ...own.metadata, finalizers: ['foregroundDeletion'] } };
      expect((await update(finalized, 'system:serviceaccount:kube-system:generic-garbage-collector')).denials).toEqual([]);
    });

    // kubectl scale updates statefulsets/scale, an autoscaling/v1 Scale named as the StatefulSet; the evaluator takes the resource's
    // group from the object's apiVersion, so the Scale is given as apps/v1 here (no validation reads it)
    test('scaling Tekton\'s assistant (statefulsets/scale) by anyone else is refused unless it leaves the replicas as they were', async () => {
      const scale = (name: string, replicas?: number) => ({
        apiVersion: 'apps/v1', kind: 'Scale', metadata: { name, namespace: 'ci' }, spec: replicas === undefined ? {} : { replicas }, status: { replicas: 1 },
      });
      const update = (object: any, oldObject: any, username = 'jane@example.com') =>
        verdict(assistantsPolicy, { operation: 'UPDATE', object, oldObject, userInfo: { username }, resource: 'statefulsets', subResource: 'scale' });
      const name = assistant('', 'build-7x2k9');
      // 0 replicas (spec.replicas omitted, as the API server writes 0), 2
      for (const object of [scale(name), scale(name, 0), scale(name, 2)]) {
        const v = await update(object, scale(name, 1));
        expect([object.spec, v.matched, v.denials.map((d) => d.message)]).toEqual([object.spec, true, [SCALE_MESSAGE]]);
        expect((await update(object, scale(name, 1), CONTROLLER)).denials).toEqual([]);
      }
      // replicas as they were, another StatefulSet
      expect((await update(scale(name, 1), scale(name, 1))).denials).toEqual([]);
      expect((await update(scale('postgres', 0), scale('postgres', 3))).denials).toEqual([]);
    });

    // kube-controller-manager's garbage collector orphans the dependents of a PipelineRun deleted with propagation Orphan (removing the run's
    // owner reference) and removes the run's orphan finalizer only once every one is patched (attemptToOrphanWorker requeues it otherwise):
    // its removal is admitted, or the run stays Terminating for ever; an owner it would add or change, and anyone else's removal, are refused
    test('changing the ownerReferences of Tekton\'s assistant by anyone else is refused; the garbage collector may only remove them', async () => {
      const name = assistant('', 'build-7x2k9');
      const owned = statefulSet(name, [runClaim]) as any;
      const owner = { apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', name: 'build-7x2k9', uid: UID, controller: true, blockOwnerDeletion: true };
      owned.metadata.ownerReferences = [owner];
      const update = (object: any, oldObject: any, username: string) => verdict(assistantsPolicy, { operation: 'UPDATE', object, oldObject, userInfo: { username } });
      const stripped = { ...owned, metadata: { name, namespace: 'ci' } };
      const emptied = { ...owned, metadata: { ...owned.metadata, ownerReferences: [] } };
      const other = { ...owned, metadata: { ...owned.metadata, ownerReferences: [{ ...owner, name: 'release', uid: '9d0e6f4b-1c2a-4b3e-8f5d-7a6c5b4e3d21' }] } };
      const added = { ...owned, metadata: { ...owned.metadata, ownerReferences: [owner, { apiVersion: 'v1', kind: 'ConfigMap', name: 'x', uid: UID }] } };
      const configMap = { apiVersion: 'v1', kind: 'ConfigMap', name: 'x', uid: UID.replace('3f', '4a') };
      const two = { ...owned, metadata: { ...owned.metadata, ownerReferences: [owner, configMap] } };
      const one = { ...owned, metadata: { ...owned.metadata, ownerReferences: [configMap] } };
      const blocked = { ...owned, metadata: { ...owned.metadata, ownerReferences: [{ ...owner, blockOwnerDeletion: false }] } };
      for (const [what, object, oldObject] of [['stripped', stripped, owned], ['emptied', emptied, owned], ['another owner', other, owned],
        ['an owner added', added, owned], ['the run\'s owner removed, another kept', one, two], ['blockOwnerDeletion changed', blocked, owned]]) {
        const gc = ['another owner', 'an owner added', 'blockOwnerDeletion changed'].includes(what) ? [OWNER_MESSAGE] : [];
        for (const [username, expected] of [['jane@example.com', [OWNER_MESSAGE]], ['system:serviceaccount:ci:builder', [OWNER_MESSAGE]],
          [SS_CONTROLLER, [OWNER_MESSAGE]], ['system:serviceaccount:kube-system:generic-garbage-collector', gc], ['system:kube-controller-manager', gc]] as Array<[string, string[]]>) {
          expect([username, what, (await update(object, oldObject, username)).denials.map((d) => d.message)]).toEqual([username, what, expected]);
        }
      }
      // the garbage collector giving owners to a StatefulSet without
      expect((await update(owned, stripped, 'system:serviceaccount:kube-system:generic-garbage-collector')).denials.map((d) => d.message)).toEqual([OWNER_MESSAGE]);
      // owners given to a StatefulSet without (one made before the policies): a change too
      expect((await update(owned, stripped, 'jane@example.com')).denials.map((d) => d.message)).toEqual([OWNER_MESSAGE]);
      expect((await update(stripped, owned, CONTROLLER)).denials).toEqual([]);
      // the garbage collector's foreground finalizer and labels leave the owners as they were; another StatefulSet's owners are its author's
      const finalized = { ...owned, metadata: { ...owned.metadata, finalizers: ['foregroundDeletion'], labels: { team: 'build' } } };
      expect((await update(finalized, owned, 'system:serviceaccount:kube-system:generic-garbage-collector')).denials).toEqual([]);
      const web = { ...statefulSet('web'), metadata: { name: 'web', namespace: 'ci', ownerReferences: [owner] } };
      expect((await update(statefulSet('web'), web, 'jane@example.com')).denials).toEqual([]);
    });

    // kube-apiserver's statefulSetStatusStrategy.PrepareForUpdate resets the spec alone: metadata written through statefulsets/status is kept
    // (kubectl patch sts … --subresource=status --type=json -p '[{"op":"remove","path":"/metadata/ownerReferences"}]')
    test('statefulsets/status is judged as the StatefulSet: its ownerReferences removed there are refused, the controllers\' status admitted', async () => {
      const name = assistant('', 'build-7x2k9');
      const owned = statefulSet(name, [runClaim]) as any;
      owned.metadata.ownerReferences = [{ apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', name: 'build-7x2k9', uid: UID, controller: true, blockOwnerDeletion: true }];
      const update = (object: any, oldObject: any, username = 'jane@example.com') =>
        verdict(assistantsPolicy, { operation: 'UPDATE', object, oldObject, userInfo: { username }, resource: 'statefulsets', subResource: 'status' });
      const stripped = { ...owned, metadata: { name, namespace: 'ci' } };
      const v = await update(stripped, owned);
      expect([v.matched, v.denials.map((d) => d.message)]).toEqual([true, [OWNER_MESSAGE]]);
      // the StatefulSet controller's status, owners and labels as they were
      const status = { ...owned, status: { replicas: 1, readyReplicas: 1, availableReplicas: 1 } };
      expect((await update(status, owned, 'system:serviceaccount:kube-system:statefulset-controller')).denials).toEqual([]);
      // another StatefulSet's owners are its author's there too
      const web = { ...statefulSet('web', [], { app: 'web' }), metadata: { name: 'web', namespace: 'ci', ownerReferences: owned.metadata.ownerReferences } };
      expect((await update({ ...web, metadata: { name: 'web', namespace: 'ci' } }, web)).denials).toEqual([]);
    });

    test('volumeClaimTemplates composing an assistant\'s claim with the StatefulSet\'s name are refused; ordinary StatefulSets admitted', async () => {
      const hash = assistant('', 'build-7x2k9').slice('affinity-assistant-'.length);
      for (const [name, template] of [[`assistant-${hash}`, `${runClaim}-affinity`], [`assistant-${hash}`, 'pvc-affinity'],
        [`${hash}`, `${runClaim}-affinity-assistant`], [`x-${runClaim}-affinity-assistant-${hash}`, 'data']]) {
        expect(`${template}-${name}-0`).toMatch(/^.+-affinity-assistant-[0-9a-f]{10}-0$/);
        expect([name, template, await admit(assistantsPolicy, statefulSet(name, ['cache', template], { app: name }))])
          .toEqual([name, template, { matched: true, refusals: [CLAIM_MESSAGE] }]);
        expect((await admit(assistantsPolicy, statefulSet(name, ['cache', template], { app: name }), CONTROLLER)).refusals).toEqual([]);
      }
      for (const [name, templates] of [['postgres', ['data']], ['redis', []], [`assistant-${hash}`, ['pvc-affinity-x']], ['web-affinity-assistant', ['data']],
        [`assistant-${hash}0`, ['pvc-affinity']], ['assistant-0123456789', ['pvc-affinity-']]] as Array<[string, string[]]>) {
        expect([name, await admit(assistantsPolicy, statefulSet(name, templates, { app: name }))]).toEqual([name, { matched: true, refusals: [] }]);
      }
    });

    // Tekton v1.15 gives a run's pods a required pod affinity to matchLabels app.kubernetes.io/instance: <assistant name> and
    // app.kubernetes.io/component: affinity-assistant in the run's namespace (pkg/internal/affinityassistant/transformer.go)
    const LABELS = { 'app.kubernetes.io/instance': assistant('', 'build-7x2k9'), 'app.kubernetes.io/component': 'affinity-assistant' };
    // and gives every assistant a pod anti-affinity to matchLabels app.kubernetes.io/component: affinity-assistant, topologyKey
    // kubernetes.io/hostname (required with coschedule: isolate-pipelinerun, weight 100 preferred otherwise;
    // pkg/reconciler/pipelinerun/affinity_assistant.go getAssistantAffinityMergedWithPodTemplateAffinity)
    const COMPONENT = { 'app.kubernetes.io/component': 'affinity-assistant' };
    const SS_CONTROLLER = 'system:serviceaccount:kube-system:statefulset-controller';
    const podSpec = { nodeSelector: { 'kubernetes.io/hostname': 'node-7' }, containers: [{ name: 'sleep', image: PINNED }] };
    const pod = (labels: Record<string, string>, owner?: string) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${owner ?? 'lure'}-0`,
        namespace: 'ci',
        labels,
        ...(owner !== undefined ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: owner, uid: UID, controller: true, blockOwnerDeletion: true }] } : {}),
      },
      spec: podSpec,
    });
    const template = (labels: Record<string, string>) => ({ metadata: { labels }, spec: podSpec });
    const workloads = (labels: Record<string, string>): Array<[string, any]> => [
      ['Deployment', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'ci' }, spec: { selector: { matchLabels: labels }, template: template(labels) } }],
      ['ReplicaSet', { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web', namespace: 'ci' }, spec: { selector: { matchLabels: labels }, template: template(labels) } }],
      ['DaemonSet', { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'web', namespace: 'ci' }, spec: { selector: { matchLabels: labels }, template: template(labels) } }],
      ['StatefulSet not named affinity-assistant-…', { ...statefulSet('web'), spec: { ...statefulSet('web').spec, template: template(labels) } }],
      ['Job', { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'web', namespace: 'ci' }, spec: { template: { ...template(labels), spec: { ...podSpec, restartPolicy: 'Never' } } } }],
      ['CronJob', {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: 'web', namespace: 'ci' },
        spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { ...template(labels), spec: { ...podSpec, restartPolicy: 'Never' } } } } },
      }],
      ['ReplicationController', { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'web', namespace: 'ci' }, spec: { selector: labels, template: template(labels) } }],
    ];

    test("Tekton's own objects are admitted: the assistant's StatefulSet by the controller, its pod by the StatefulSet controller", async () => {
      const name = LABELS['app.kubernetes.io/instance'];
      expect((await admit(assistantsPolicy, statefulSet(name), CONTROLLER)).refusals).toEqual([]);
      for (const username of [SS_CONTROLLER, 'system:kube-controller-manager']) {
        expect(await admit(assistantsPolicy, pod(LABELS, name), username)).toEqual({ matched: true, refusals: [] });
      }
      // a run's pod, made by the Tekton controller with the run's own labels
      expect((await admit(assistantsPolicy, pod({ 'tekton.dev/taskRun': 'build-run', 'app.kubernetes.io/managed-by': 'tekton-pipelines' }), CONTROLLER)).refusals).toEqual([]);
      // an update of the assistant's pod that leaves its labels (the garbage collector's, say)
      const v = await verdict(assistantsPolicy, { operation: 'UPDATE', object: pod(LABELS, name), oldObject: pod(LABELS, name), userInfo: { username: 'system:serviceaccount:kube-system:generic-garbage-collector' } });
      expect(v.denials).toEqual([]);
      // the StatefulSet controller's own update of its pod (its identity labels)
      const identity = pod({ ...LABELS, 'statefulset.kubernetes.io/pod-name': `${name}-0` }, name);
      expect((await verdict(assistantsPolicy, { operation: 'UPDATE', object: identity, oldObject: pod(LABELS, name), userInfo: { username: SS_CONTROLLER } })).denials).toEqual([]);
    });

    test("a Pod or a workload's pod template carrying an assistant's labels, by anyone else, is refused", async () => {
      expect((await admit(assistantsPolicy, pod(LABELS))).refusals).toEqual([LABELS_MESSAGE]);
      // the StatefulSet controller for another StatefulSet, without an owner, or for one not its controller; the Tekton controller (a run's labels copied)
      expect((await admit(assistantsPolicy, pod(LABELS, 'web'), SS_CONTROLLER)).refusals).toEqual([LABELS_MESSAGE]);
      expect((await admit(assistantsPolicy, pod(LABELS), SS_CONTROLLER)).refusals).toEqual([LABELS_MESSAGE]);
      const notController = pod(LABELS, LABELS['app.kubernetes.io/instance']) as any;
      notController.metadata.ownerReferences[0].controller = false;
      expect((await admit(assistantsPolicy, notController, SS_CONTROLLER)).refusals).toEqual([LABELS_MESSAGE]);
      expect((await admit(assistantsPolicy, pod(LABELS, LABELS['app.kubernetes.io/instance']), 'jane@example.com')).refusals).toEqual([LABELS_MESSAGE]);
      expect((await admit(assistantsPolicy, pod({ ...LABELS, 'tekton.dev/taskRun': 'lure-run' }), CONTROLLER)).refusals).toEqual([LABELS_MESSAGE]);
      // labels added by an update
      const v = await verdict(assistantsPolicy, { operation: 'UPDATE', object: pod(LABELS), oldObject: pod({ app: 'web' }), userInfo: { username: 'jane@example.com' } });
      expect(v.denials.map((d) => d.message)).toEqual([LABELS_MESSAGE]);
      for (const [kind, workload] of workloads(LABELS)) {
        expect([kind, await admit(assistantsPolicy, workload)]).toEqual([kind, { matched: true, refusals: [LABELS_MESSAGE] }]);
        expect([kind, (await admit(assistantsPolicy, workload, CONTROLLER)).refusals]).toEqual([kind, [LABELS_MESSAGE]]);
      }
    });

    // a pod with the component label alone, on every node but the one its author leaves free, sends each new assistant (and the run
    // pods that follow it) there; on every node, no assistant is scheduled under isolate-pipelinerun and the runs never start
    test("a Pod or a workload's pod template carrying the assistants' component label alone, by anyone else, is refused", async () => {
      for (const labels of [COMPONENT, { ...COMPONENT, 'app.kubernetes.io/instance': 'web', 'team': 'build' }]) {
        expect([labels, await admit(assistantsPolicy, pod(labels))]).toEqual([labels, { matched: true, refusals: [LABELS_MESSAGE] }]);
        expect([labels, (await admit(assistantsPolicy, pod(labels, 'web'), SS_CONTROLLER)).refusals]).toEqual([labels, [LABELS_MESSAGE]]);
        // a run's pod, made by the Tekton controller with the labels of a run that carries it
        expect([labels, (await admit(assistantsPolicy, pod({ ...labels, 'tekton.dev/taskRun': 'lure-run' }), CONTROLLER)).refusals]).toEqual([labels, [LABELS_MESSAGE]]);
        const v = await verdict(assistantsPolicy, { operation: 'UPDATE', object: pod(labels), oldObject: pod({ app: 'web' }), userInfo: { username: 'jane@example.com' } });
        expect([labels, v.denials.map((d) => d.message)]).toEqual([labels, [LABELS_MESSAGE]]);
        for (const [kind, workload] of workloads(labels)) {
          expect([kind, labels, await admit(assistantsPolicy, workload)]).toEqual([kind, labels, { matched: true, refusals: [LABELS_MESSAGE] }]);
        }
      }
      // the StatefulSet controller's pod of an assistant's StatefulSet
      expect((await admit(assistantsPolicy, pod(COMPONENT, LABELS['app.kubernetes.io/instance']), SS_CONTROLLER)).refusals).toEqual([]);
    });

    test("an update that changes an assistant's labels on a pod carrying them is refused: another instance, one added or removed", async () => {
      const name = LABELS['app.kubernetes.io/instance'];
      const other = assistant('', 'release-4k8p2');
      const update = (object: any, oldObject: any, username = 'jane@example.com') =>
        verdict(assistantsPolicy, { operation: 'UPDATE', object, oldObject, userInfo: { username } });
      // the assistant's pod moved to another run's assistant, whose run pods' required affinity it then meets on its node
      for (const username of ['jane@example.com', 'system:serviceaccount:kube-system:generic-garbage-collector', CONTROLLER]) {
        const v = await update(pod({ ...LABELS, 'app.kubernetes.io/instance': other }, name), pod(LABELS, name), username);
        expect([username, v.denials.map((d) => d.message)]).toEqual([username, [LABELS_MESSAGE]]);
      }
      // an instance given to a pod with the component alone, the instance taken from an assistant's pod (its run's pods wait unscheduled)
      expect((await update(pod(LABELS), pod(COMPONENT))).denials.map((d) => d.message)).toEqual([LABELS_MESSAGE]);
      expect((await update(pod(COMPONENT, name), pod(LABELS, name))).denials.map((d) => d.message)).toEqual([LABELS_MESSAGE]);
      // a workload's pod template moved to another assistant; its replicas changed, the labels as they were
      const [, deployment] = workloads(LABELS)[0];
      const moved = JSON.parse(JSON.stringify(deployment));
      moved.spec.template.metadata.labels['app.kubernetes.io/instance'] = other;
      expect((await update(moved, deployment)).denials.map((d) => d.message)).toEqual([LABELS_MESSAGE]);
      expect((await update({ ...deployment, spec: { ...deployment.spec, replicas: 3 } }, deployment)).denials).toEqual([]);
      // the component label removed, other labels changed beside the assistant's
      expect((await update(pod({ 'app.kubernetes.io/instance': name }, name), pod(LABELS, name))).denials).toEqual([]);
      expect((await update(pod({ ...LABELS, team: 'build' }, name), pod(LABELS, name))).denials).toEqual([]);
    });

    // kube-apiserver's podStatusStrategy.PrepareForUpdate resets the spec, deletionTimestamp and ownerReferences, not the labels:
    // kubectl patch pod … --subresource=status -p '{"metadata":{"labels":{…}}}' keeps them
    test("pods/status is judged as the Pod: an assistant's labels given there are refused; the kubelet's status, labels kept, admitted", async () => {
      const name = LABELS['app.kubernetes.io/instance'];
      const update = (object: any, oldObject: any, username = 'jane@example.com') =>
        verdict(assistantsPolicy, { operation: 'UPDATE', object, oldObject, userInfo: { username }, resource: 'pods', subResource: 'status' });
      for (const labels of [LABELS, COMPONENT]) {
        const v = await update(pod({ app: 'web', ...labels }), pod({ app: 'web' }));
        expect([labels, v.matched, v.denials.map((d) => d.message)]).toEqual([labels, true, [LABELS_MESSAGE]]);
      }
      // the instance of an assistant's pod changed there
      const moved = await update(pod({ ...LABELS, 'app.kubernetes.io/instance': assistant('', 'release-4k8p2') }, name), pod(LABELS, name));
      expect(moved.denials.map((d) => d.message)).toEqual([LABELS_MESSAGE]);
      // the kubelet's status of the assistant's pod, and another label given to an ordinary pod
      const running = { ...pod(LABELS, name), status: { phase: 'Running' } };
      expect((await update(running, pod(LABELS, name), 'system:node:node-7')).denials).toEqual([]);
      expect((await update(pod({ app: 'web', team: 'build' }), pod({ app: 'web' }))).denials).toEqual([]);
    });

    test('ordinary labels are admitted: the instance alone, another component', async () => {
      for (const labels of [{ app: 'web' } as Record<string, string>, { 'app.kubernetes.io/component': 'affinity-assistants' },
        { 'app.kubernetes.io/instance': LABELS['app.kubernetes.io/instance'] }, { ...LABELS, 'app.kubernetes.io/component': 'database' }]) {
        expect([labels, await admit(assistantsPolicy, pod(labels))]).toEqual([labels, { matched: true, refusals: [] }]);
        for (const [kind, workload] of workloads(labels)) {
          expect([kind, labels, (await admit(assistantsPolicy, workload)).refusals]).toEqual([kind, labels, []]);
        }
      }
      // a Pod without labels, a workload without a template
      expect((await admit(assistantsPolicy, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x', namespace: 'ci' }, spec: podSpec })).refusals).toEqual([]);
      expect((await admit(assistantsPolicy, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x', namespace: 'ci' }, spec: {} })).refusals).toEqual([]);
    });

    // Tekton v1.15 copies a Task's and a Pipeline's labels to their runs, a PipelineRun's, its taskRunSpecs' and an embedded taskSpec's
    // metadata.labels to its TaskRuns, and a TaskRun's to its pod (pkg/pod makeLabels), which the Pod validation above then refuses
    describe("a Tekton object carrying an assistant's labels, which Tekton copies to the run's pods, is refused at admission", () => {
      /** A Tekton object, labelled `labels` where given. */
      const tekton = (kind: string, spec: any, labels?: Record<string, string>) =>
        ({ apiVersion: 'tekton.dev/v1', kind, metadata: { name: 'lure', namespace: 'ci', ...(labels ? { labels } : {}) }, spec });
      const taskSpec = { steps: [{ name: 'build', image: PINNED, script: 'make' }] };
      const carriers = (labels: Record<string, string>): Array<[string, any]> => {
        const l = { metadata: { labels }, ...taskSpec };
        return [
          ['TaskRun', tekton('TaskRun', { taskRef: { name: 'build' } }, labels)],
          ['PipelineRun', tekton('PipelineRun', { pipelineRef: { name: 'build' } }, labels)],
          ['Task', tekton('Task', taskSpec, labels)],
          ['Pipeline', tekton('Pipeline', { tasks: [{ name: 'build', taskRef: { name: 'build' } }] }, labels)],
          ['PipelineRun taskRunSpecs', tekton('PipelineRun', { pipelineRef: { name: 'build' }, taskRunSpecs: [{ pipelineTaskName: 'lint' }, { pipelineTaskName: 'build', metadata: { labels } }] })],
          ['Pipeline tasks taskSpec', tekton('Pipeline', { tasks: [{ name: 'lint', taskSpec }, { name: 'build', taskSpec: l }] })],
          ['Pipeline finally taskSpec', tekton('Pipeline', { tasks: [{ name: 'lint', taskSpec }], finally: [{ name: 'report', taskSpec: l }] })],
          ['PipelineRun pipelineSpec taskSpec', tekton('PipelineRun', { pipelineSpec: { tasks: [{ name: 'build', taskSpec: l }] } })],
          ['PipelineRun pipelineSpec finally taskSpec', tekton('PipelineRun', { pipelineSpec: { tasks: [{ name: 'lint', taskSpec }], finally: [{ name: 'report', taskSpec: l }] } })],
        ];
      };

      test('created by anyone, the Tekton controller too (a PipelineRun\'s TaskRun), or given the labels by an update', async () => {
        for (const [what, object] of [...carriers({ ...LABELS, team: 'build' }), ...carriers({ ...COMPONENT, team: 'build' })]) {
          expect([what, await admit(assistantsPolicy, object)]).toEqual([what, { matched: true, refusals: [RUN_LABELS_MESSAGE] }]);
          expect([what, (await admit(assistantsPolicy, object, CONTROLLER)).refusals]).toEqual([what, [FETCHED_LABELS_MESSAGE]]);
          const bare = carriers({ team: 'build' }).find(([w]) => w === what)![1];
          const v = await verdict(assistantsPolicy, { operation: 'UPDATE', object, oldObject: bare, userInfo: { username: 'jane@example.com' }, resource: RESOURCES[object.kind] });
          expect([what, v.denials.map((d) => d.message)]).toEqual([what, [RUN_LABELS_MESSAGE]]);
          // an update leaving them as they were (the controller's of a run made before the policies)
          const kept = await verdict(assistantsPolicy, { operation: 'UPDATE', object, oldObject: object, userInfo: { username: CONTROLLER }, resource: RESOURCES[object.kind] });
          expect([what, kept.denials]).toEqual([what, []]);
        }
      });

      test("an update that changes the assistants' labels where one carries the component is refused; a cancel leaving them is admitted", async () => {
        const other = { ...LABELS, 'app.kubernetes.io/instance': assistant('', 'release-4k8p2') };
        const moved = carriers(other);
        for (const [what, object] of carriers(LABELS)) {
          const update = (o: any) => verdict(assistantsPolicy, { operation: 'UPDATE', object: o, oldObject: object, userInfo: { username: 'jane@example.com' }, resource: RESOURCES[object.kind] });
          const v = await update(moved.find(([w]) => w === what)![1]);
          expect([what, v.denials.map((d) => d.message)]).toEqual([what, [RUN_LABELS_MESSAGE]]);
          const cancelled = JSON.parse(JSON.stringify(object));
          if (object.kind.endsWith('Run')) cancelled.spec.status = object.kind === 'PipelineRun' ? 'Cancelled' : 'TaskRunCancelled';
          cancelled.metadata.labels = { ...cancelled.metadata.labels, 'tekton.dev/pipeline': 'build' };
          expect([what, (await update(cancelled)).denials]).toEqual([what, []]);
        }
        // the instance changed in a taskRunSpecs entry while the run's own metadata carries the component
        const run = (labels: Record<string, string>) => tekton('PipelineRun', { pipelineRef: { name: 'build' }, taskRunSpecs: [{ pipelineTaskName: 'build', metadata: { labels } }] }, COMPONENT);
        const v = await verdict(assistantsPolicy, { operation: 'UPDATE', object: run(other), oldObject: run(LABELS), userInfo: { username: 'jane@example.com' }, resource: 'pipelineruns' });
        expect(v.denials.map((d) => d.message)).toEqual([RUN_LABELS_MESSAGE]);
      });

      // Tekton v1.15 storePipelineSpecAndMergeMeta unions the fetched Pipeline's labels into the PipelineRun's, which syncMetadata's update
      // stores; the TaskRuns it then creates carry them: the user's PipelineRun carries none, so the message names the fetched Pipeline
      test('the controller\'s update of a PipelineRun with a resolver-fetched Pipeline\'s labels names the fetched Pipeline; a user\'s, the run', async () => {
        const run = (labels: Record<string, string>) => tekton('PipelineRun', {
          pipelineRef: { resolver: 'git', params: [{ name: 'url', value: 'https://example.com/ci.git' }, { name: 'pathInRepo', value: 'pipeline.yaml' }] },
        }, labels);
        for (const labels of [LABELS, COMPONENT]) {
          const update = (username: string) => verdict(assistantsPolicy,
            { operation: 'UPDATE', object: run({ a: 'b', ...labels }), oldObject: run({ a: 'b' }), userInfo: { username }, resource: 'pipelineruns' });
          expect([labels, (await update(CONTROLLER)).denials.map((d) => d.message)]).toEqual([labels, [FETCHED_LABELS_MESSAGE]]);
          expect([labels, (await update('jane@example.com')).denials.map((d) => d.message)]).toEqual([labels, [RUN_LABELS_MESSAGE]]);
        }
        // the controller's update storing another fetched label
        const kept = await verdict(assistantsPolicy,
          { operation: 'UPDATE', object: run({ 'a': 'b', 'tekton.dev/pipeline': 'build' }), oldObject: run({ a: 'b' }), userInfo: { username: CONTROLLER }, resource: 'pipelineruns' });
        expect(kept.denials).toEqual([]);
      });

      test('the instance label alone, another component, is admitted', async () => {
        for (const labels of [{ 'app.kubernetes.io/instance': LABELS['app.kubernetes.io/instance'] },
          { ...LABELS, 'app.kubernetes.io/component': 'build' }, { team: 'build' }] as Array<Record<string, string>>) {
          for (const [what, object] of carriers(labels)) {
            expect([what, labels, await admit(assistantsPolicy, object)]).toEqual([what, labels, { matched: true, refusals: [] }]);
          }
        }
      });
    });
  });

  describe('resolution requests: only the Tekton controller creates them, only it and the resolvers write them (RBAC_NO_ESCALATION)', () => {
    const resolutionPolicy = defaults.policy(RESOLUTION_POLICY);
    /** A request named as the controller names one for a TaskRun's cluster-resolver reference, asking git for another repository's Task. */
    const request = (version = 'v1beta1') => ({
      apiVersion: `resolution.tekton.dev/${version}`,
      kind: 'ResolutionRequest',
      metadata: { name: 'cluster-6f2d3c0e1b4a5978a1c2d3e4f5a6b7c8', namespace: 'ci', labels: { 'resolution.tekton.dev/type': 'git' } },
      spec: { params: [{ name: 'url', value: 'https://git.example.com/attacker/tasks.git' }, { name: 'pathInRepo', value: 'task.yaml' }] },
    });
    const answered = (version = 'v1beta1') => ({ ...request(version), status: { data: Buffer.from('kind: Task').toString('base64'), conditions: [{ type: 'Succeeded', status: 'True' }] } });
    const write = (operation: string, object: any, username: string, subResource?: string) => verdict(resolutionPolicy, {
      operation,
      object,
      ...(operation === 'UPDATE' ? { oldObject: request(object.apiVersion.split('/')[1]) } : {}),
      userInfo: { username },
      resource: 'resolutionrequests',
      ...(subResource ? { subResource } : {}),
    });
    const MESSAGE = 'Someone other than the Tekton controller creates a ResolutionRequest or changes its spec, or other than the controller and the resolvers'
      + ' writes its status (resolutionrequests, resolutionrequests/status): the controller reuses the request of the name it would give its own, and'
      + " runs the Task, Pipeline or StepAction its status.data holds in place of the one the run's reference names (which the policies admitted),"
      + ' whatever its spec asks for [RBAC_NO_ESCALATION].'
      + ` Leave ResolutionRequests to the Tekton controller (${CONTROLLER}) and the resolvers (${RESOLVERS}):`
      + ' grant no one else create, update or patch of resolutionrequests and resolutionrequests/status.';

    test('a request created by anyone but the controller (the resolvers included) is refused; by the controller, admitted', async () => {
      for (const user of ['jane@example.com', RESOLVERS, 'system:serviceaccount:ci:build-and-push-runner']) {
        const v = await write('CREATE', request(), user);
        expect(v).toMatchObject({ matched: true, allowed: false });
        expect(v.denials.map((d) => d.message)).toEqual([MESSAGE]);
      }
      expect(await write('CREATE', request(), CONTROLLER)).toMatchObject({ matched: true, allowed: true });
    });

    test.each(['v1beta1', 'v1alpha1'])('an answer (status.data) written at %s by anyone but the controller or the resolvers: refused', async (version) => {
      const v = await write('UPDATE', answered(version), 'jane@example.com', 'status');
      expect(v).toMatchObject({ matched: true, matchedResource: `resolution.tekton.dev/${version}, Resource=resolutionrequests`, allowed: false });
      expect(v.denials.map((d) => d.message)).toEqual([MESSAGE]);
      for (const user of [CONTROLLER, RESOLVERS]) {
        expect(await write('UPDATE', answered(version), user, 'status')).toMatchObject({ matched: true, allowed: true });
        expect(await write('UPDATE', answered(version), user)).toMatchObject({ matched: true, allowed: true });
      }
    });

    test('an update of a pending request that changes its spec (which a resolver then answers) is refused; one that keeps it, as the garbage collector\'s, is admitted', async () => {
      const pending = (params: any[]) => ({ ...request(), spec: { params } });
      const own = [{ name: 'kind', value: 'task' }, { name: 'name', value: 'go-build' }, { name: 'namespace', value: 'ci' }];
      const planted = [{ name: 'url', value: 'https://git.example.com/attacker/tasks.git' }, { name: 'pathInRepo', value: 'task.yaml' }];
      const update = (object: any, oldObject: any, username: string) =>
        verdict(resolutionPolicy, { operation: 'UPDATE', object, oldObject, userInfo: { username }, resource: 'resolutionrequests' });
      const changed = await update(pending(planted), pending(own), 'jane@example.com');
      expect(changed.denials.map((d) => d.message)).toEqual([MESSAGE]);
      // a spec removed or added counts as changed
      const { spec: _, ...bare } = pending(own);
      expect((await update(bare, pending(own), 'jane@example.com')).allowed).toBe(false);
      expect((await update(pending(own), bare, 'jane@example.com')).allowed).toBe(false);
      // ownerReferences taken off (orphaning) by the garbage collector: the spec is as it was
      const orphaned = pending(own);
      const owned = { ...pending(own), metadata: { ...pending(own).metadata, ownerReferences: [{ apiVersion: 'tekton.dev/v1', kind: 'TaskRun', name: 'tr', uid: 'u-1' }] } };
      expect(await update(orphaned, owned, 'system:serviceaccount:kube-system:generic-garbage-collector')).toMatchObject({ matched: true, allowed: true });
      expect((await update(pending(planted), pending(own), RESOLVERS)).allowed).toBe(true);
    });

    test('no other policy matches a request; this one matches no Tekton object', async () => {
      for (const p of all) {
        const v = await verdict(p, { operation: 'CREATE', object: request(), userInfo: { username: 'jane@example.com' }, resource: 'resolutionrequests' });
        expect(v.matched).toBe(false);
      }
      expect((await admit(resolutionPolicy, clone(GO_BUILD))).matched).toBe(false);
    });
  });

  describe('WORKSPACE_PER_RUN', () => {
    const withWorkspace = (obj: any, workspace: any) => {
      const o = clone(obj);
      o.spec.workspaces[0] = { name: o.spec.workspaces[0].name, ...workspace };
      return o;
    };
    const template = (accessModes?: string[]) => ({
      volumeClaimTemplate: { spec: { ...(accessModes ? { accessModes } : {}), resources: { requests: { storage: '1Gi' } } } },
    });

    test.each<[string, any]>([
      ['a shared PVC', { persistentVolumeClaim: { claimName: 'shared-cache' } }],
      ['ReadWriteMany', template(['ReadWriteMany'])],
      ['ReadOnlyMany', template(['ReadOnlyMany'])],
      ['RWO and RWX', template(['ReadWriteOnce', 'ReadWriteMany'])],
      ['no access mode', template()],
      ['an empty access mode list', template([])],
    ])('refused in a PipelineRun and in a TaskRun: %s', async (_, workspace) => {
      expect(await refused(withWorkspace(EX.pipelineRun, workspace))).toEqual(['WORKSPACE_PER_RUN']);
      expect(await refused(withWorkspace(taskRun(), workspace))).toEqual(['WORKSPACE_PER_RUN']);
    });

    test.each<[string, any]>([
      ['a volumeName', { volumeName: 'shared-pv' }],
      ['a dataSource', { dataSource: { kind: 'PersistentVolumeClaim', name: 'other-run-cache' } }],
      ['a dataSourceRef', { dataSourceRef: { kind: 'VolumeSnapshot', apiGroup: 'snapshot.storage.k8s.io', name: 'cache' } }],
      ['a selector (only an existing volume binds)', { selector: { matchExpressions: [{ key: 'pool', operator: 'In', values: ['cache'] }] } }],
      ['no storage class (only an existing volume binds)', { storageClassName: '' }],
    ])('refused in a PipelineRun and in a TaskRun, as the catalogue finds: a volumeClaimTemplate with %s', async (_, extra) => {
      const workspace = { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...extra } } };
      for (const run of [withWorkspace(EX.pipelineRun, workspace), withWorkspace(taskRun(), workspace)]) {
        expect(await refused(run)).toEqual(['WORKSPACE_PER_RUN']);
        expect(RuleCatalogue.find(RuleId.WORKSPACE_PER_RUN)!.check(run).map((f) => f.rule)).toEqual(['WORKSPACE_PER_RUN']);
      }
    });

    test('the beta storage-class annotation, which the PV controller reads before storageClassName: "" (or null) refused, a class admitted, as the catalogue finds', async () => {
      const KEY = 'volume.beta.kubernetes.io/storage-class';
      const claim = (annotation: unknown, storageClassName?: string) => ({
        volumeClaimTemplate: {
          metadata: { annotations: { [KEY]: annotation } },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...(storageClassName === undefined ? {} : { storageClassName }) },
        },
      });
      const findings = (run: any) => RuleCatalogue.find(RuleId.WORKSPACE_PER_RUN)!.check(run).map((f) => [f.property, f.value]);
      for (const workspace of [claim(''), claim('', 'fast'), claim(null)]) {
        for (const run of [withWorkspace(EX.pipelineRun, workspace), withWorkspace(taskRun(), workspace)]) {
          expect(await refused(run)).toEqual(['WORKSPACE_PER_RUN']);
          expect(findings(run)).toEqual([[`volumeClaimTemplate.metadata.annotations["${KEY}"]`, '']]);
        }
      }
      // the annotation names the class: storageClassName "" is not read
      for (const workspace of [claim('fast'), claim('fast', '')]) {
        const run = withWorkspace(EX.pipelineRun, workspace);
        expect(await refused(run)).toEqual([]);
        expect(findings(run)).toEqual([]);
      }
      expect(message(workspacePolicy, 2)).toContain(`or the annotation ${KEY} "", which the PV controller reads first)`);
    });

    test('a volumeClaimTemplate with an empty volumeName or null dataSource is admitted', async () => {
      const workspace = { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeName: '', dataSource: null } } };
      expect(await refused(withWorkspace(EX.pipelineRun, workspace))).toEqual([]);
    });

    test('a CSI binding: refused for a driver not known to make a volume per pod, admitted for the Secrets Store driver, as the catalogue finds', async () => {
      const nfs = { csi: { driver: 'nfs.csi.k8s.io', volumeAttributes: { share: '/builds' } } };
      for (const run of [withWorkspace(EX.pipelineRun, nfs), withWorkspace(taskRun(), nfs)]) {
        expect(await refused(run)).toEqual(['WORKSPACE_PER_RUN']);
        expect(RuleCatalogue.find(RuleId.WORKSPACE_PER_RUN)!.check(run).map((f) => [f.property, f.value])).toEqual([['csi.driver', 'nfs.csi.k8s.io']]);
      }
      const vault = withWorkspace(EX.pipelineRun, { csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'x' } } });
      expect(await refused(vault)).toEqual([]);
      expect(RuleCatalogue.find(RuleId.WORKSPACE_PER_RUN)!.check(vault)).toEqual([]);
    });

    test('a Secrets Store CSI binding with an attribute other than secretProviderClass (which overrides the class) is refused, as the catalogue finds', async () => {
      const override = { csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'x', vaultSkipTLSVerify: 'true' } } };
      const M5 = message(workspacePolicy, 5);
      for (const run of [withWorkspace(EX.pipelineRun, override), withWorkspace(taskRun(), override)]) {
        expect((await admit(workspacePolicy, run)).refusals).toEqual([M5]);
        expect(catalogueFinds(run, [RuleId.SECRET_REFERENCE_FIXED])).toEqual([RuleId.SECRET_REFERENCE_FIXED]);
        const name = run.spec.workspaces[0].name;
        expect((await admit(workspacePolicy, withAnnotation(run, RuleId.SECRET_REFERENCE_FIXED, `workspace/${name}: the class is the platform team's test double`))).refusals).toEqual([]);
      }
      expect(M5).toBe('A run workspace binding sets a Secrets Store CSI volume attribute other than secretProviderClass (csi.volumeAttributes), which the driver'
        + " copies over the SecretProviderClass's parameters, so the volume, not the class, chooses the Vault role, secrets, address or auth [SECRET_REFERENCE_FIXED]."
        + ' Leave only secretProviderClass in volumeAttributes and set the parameter in the SecretProviderClass, or record a relaxation: annotation'
        + ' secure-tekton/relax.SECRET_REFERENCE_FIXED: "<target, or * for the whole object>: <why, at least 10 characters>".');
      const other = { csi: { driver: 'csi.cert-manager.io', readOnly: true, volumeAttributes: { 'csi.cert-manager.io/issuer-name': 'ca' } } };
      expect((await admit(workspacePolicy, withWorkspace(EX.pipelineRun, other))).refusals).toEqual([]);
    });

    test('a TriggerTemplate\'s $(tt.params.x) in a binding\'s SecretProviderClass or token audience is refused, as the catalogue finds', async () => {
      const M6 = message(workspacePolicy, 6);
      const event = [
        { csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'ci-$(tt.params.env)' } } },
        { projected: { sources: [{ serviceAccountToken: { audience: '$(tt.params.aud)', path: 't' } }] } },
      ];
      for (const run of [...event.map((w) => withWorkspace(EX.pipelineRun, w)), ...event.map((w) => withWorkspace(taskRun(), w)),
        withWorkspace(taskRun(), { secret: { secretName: '$(tt.params.repo)-deploy-key' } })]) {
        expect((await admit(workspacePolicy, run)).refusals).toEqual([M6]);
        expect(catalogueFinds(run, [RuleId.SECRET_REFERENCE_FIXED])).toEqual([RuleId.SECRET_REFERENCE_FIXED]);
      }
      expect(M6).toBe('A run workspace binding names its SecretProviderClass (csi.volumeAttributes.secretProviderClass) or a token audience'
        + ' (projected serviceAccountToken.audience), or a TaskRun binding its Secret or a key of it, by a TriggerTemplate\'s $(tt.params.<p>),'
        + ' which Tekton Triggers pastes in, so an event chooses the Vault secrets, the Secret or the token the tasks get [SECRET_REFERENCE_FIXED].'
        + ' Write the SecretProviderClass, the Secret and the audience in the binding, or record a'
        + ' relaxation: annotation secure-tekton/relax.SECRET_REFERENCE_FIXED: "<target, or * for the whole object>: <why, at least 10 characters>".');
      // a TaskRun's own Secret name is its creator's choice
      const named = withWorkspace(taskRun(), { secret: { secretName: 'deploy-$(params.env)' } });
      expect((await admit(workspacePolicy, named)).refusals).toEqual([]);
      expect(catalogueFinds(named, [RuleId.SECRET_REFERENCE_FIXED])).toEqual([]);
      // Tekton substitutes nothing there: a result or a param is left as written, and chooses nothing
      const left = withWorkspace(EX.pipelineRun, { csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: '$(tasks.a.results.b)' } } });
      expect((await admit(workspacePolicy, left)).refusals).toEqual([]);
      expect(catalogueFinds(left, [RuleId.SECRET_REFERENCE_FIXED])).toEqual([]);
    });

    test('ReadWriteOncePod is admitted', async () => {
      expect(await refused(withWorkspace(EX.pipelineRun, template(['ReadWriteOncePod'])))).toEqual([]);
    });

    test('the library\'s relaxed PipelineRuns are admitted through their annotation, unless not honoured', async () => {
      for (const run of [
        relaxedPipelineRun(RunWorkspace.persistentVolumeClaim('shared-cache')),
        relaxedPipelineRun(RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1), accessMode: AccessMode.READ_WRITE_MANY })),
      ]) {
        expect(run.metadata.annotations['secure-tekton/relax.WORKSPACE_PER_RUN']).toBe(`*: ${REASON}`);
        expect(rulesOf(await admit(workspacePolicy, run))).toEqual([]);
        expect(rulesOf(await admit(strict.policy(WORKSPACE_POLICY), run))).toEqual(['WORKSPACE_PER_RUN']);
      }
    });

    test('the Tekton controller binds its TaskRuns to the PVC made from the PipelineRun template: not matched', async () => {
      const child = withWorkspace(taskRun(), { persistentVolumeClaim: { claimName: 'pvc-0123456789' } });
      expect((await admit(workspacePolicy, child, CONTROLLER))).toEqual({ matched: false, refusals: [] });
      expect((await admit(workspacePolicy, child, 'jane@example.com')).matched).toBe(true);
      expect((await admit(workspacePolicy, withWorkspace(EX.pipelineRun, { persistentVolumeClaim: { claimName: 'x' } }), CONTROLLER)).refusals).toHaveLength(1);
      // the other policies still hold for the controller
      const privileged = clone(child);
      privileged.spec.taskSpec.steps[0].securityContext.privileged = true;
      expect(await refused(privileged, all, CONTROLLER)).toEqual(['NOT_PRIVILEGED']);
    });
  });

  test('every policy compiles in the API server\'s CEL environment: 1.28 for v1beta1, 1.30 for v1, whatever the props', () => {
    const variants = [
      policies(), policies({ honouredRelaxations: [] }), policies({ honouredRelaxations: [RuleId.NO_HOST_ACCESS] }),
      policies({ apiVersion: AdmissionApiVersion.V1 }), policies({ apiVersion: AdmissionApiVersion.V1, honouredRelaxations: [] }),
      policies({ pinnedRemoteReferences: { reason: REASON } }),
      policies({ apiVersion: AdmissionApiVersion.V1, pinnedRemoteReferences: { reason: REASON } }),
    ];
    const results = evaluateCases(variants.map((v) => ({ policies: v.vaps, requests: [] })));
    results.forEach((r, i) => {
      const v1 = variants[i].p.apiVersion === AdmissionApiVersion.V1;
      expect(r.policies.map((p) => p.name)).toEqual(POLICY_NAMES);
      for (const p of r.policies) {
        expect(p).toMatchObject({ kubernetesVersion: v1 ? '1.30' : '1.28', compatibilityVersion: v1 ? '1.29' : '1.27', compileErrors: [] });
        expect(p.runtimeCompileErrors ?? []).toEqual([]);
      }
    });
  });

  test('the 1.28 environment refuses what Kubernetes 1.28 does not offer to new policies (the check is real)', () => {
    const later = clone(imagePolicy);
    later.spec.validations = [
      { expression: "quantity('1Gi').isGreaterThan(quantity('1Mi'))", message: 'x' }, // new expressions from 1.29
      { expression: "'%s'.format(['a']) == 'a'", message: 'x' }, // strings extension version 1 and later
      { expression: "object.metadata.name.lowerAscii().split('-').size() > 0 && ['a'].join(',') == 'a' && [1].indexOf(1) == 0", message: 'x' },
    ];
    const [on128, on130] = [undefined, '1.30'].map((version) => evaluateCases([{ policies: [later], requests: [] }], version)[0].policies[0]);
    expect(on128.compileErrors.map((e) => e.field)).toEqual(['spec.validations[0].expression', 'spec.validations[1].expression']);
    expect(on128.compileErrors[1].error).toContain("undeclared reference to 'format'");
    expect(on130.compileErrors).toEqual([]);
  });

  test('the v1 policies (Kubernetes 1.30) decide as the v1beta1 ones (1.28)', async () => {
    const v1 = policies({ apiVersion: AdmissionApiVersion.V1 });
    const objects = [
      GO_BUILD, KANIKO, EX.pipeline, EX.pipelineRun, taskRun(), stepAction(), embeddedPipelineRun(),
      goBuild((t) => { t.spec.steps[0].script = '#!/bin/sh\necho $(params.x)\n'; t.spec.volumes.push({ name: 'h', hostPath: { path: '/' } }); }),
      runWithPod((pod) => { pod.hostNetwork = true; pod.env = [{ name: 'X', value: '1' }]; }),
    ];
    for (const obj of objects) {
      expect(await refused(obj, v1.vaps)).toEqual(await refused(obj));
    }
    expect(await refused(objects[7], v1.vaps)).toEqual(['NO_HOST_ACCESS', 'SCRIPT_INJECTION']);
  });

  test('the bindings, as the API server applies them: only in the bound namespaces; Deny refuses, Warn and Audit let through', async () => {
    const bad = goBuild((t) => { t.spec.steps[0].image = 'golang:1.23'; });
    const evaluate = async (action: EnforcementAction, namespace: string) => {
      const p = policies({ enforcementAction: action, ...(action !== EnforcementAction.DENY ? { enforcementReason: REASON } : {}), namespaces: ['ci', 'ci-team-a'] });
      const result = await evaluator.evaluate({
        policies: [p.policy(IMAGE_POLICY)],
        bindings: [p.binding(IMAGE_POLICY)],
        requests: [{ object: { ...bad, metadata: { ...bad.metadata, namespace } } }],
      });
      return result.requests[0].verdicts[0];
    };
    const denied = await evaluate(EnforcementAction.DENY, 'ci-team-a');
    expect(denied).toMatchObject({ matched: true, allowed: false, binding: IMAGE_POLICY });
    expect(denied.response).toBe(`ValidatingAdmissionPolicy '${IMAGE_POLICY}' with binding '${IMAGE_POLICY}' denied request: ${message(imagePolicy, 0)}`);
    expect(await evaluate(EnforcementAction.DENY, 'default')).toMatchObject({ matched: false, allowed: true });
    const warned = await evaluate(EnforcementAction.WARN, 'ci');
    expect(warned).toMatchObject({ matched: true, allowed: true, denials: [] });
    expect(warned.warnings).toEqual([`Validation failed for ValidatingAdmissionPolicy '${IMAGE_POLICY}' with binding '${IMAGE_POLICY}': ${message(imagePolicy, 0)}`]);
    const audited = await evaluate(EnforcementAction.AUDIT, 'ci');
    expect(audited).toMatchObject({ matched: true, allowed: true, denials: [] });
    expect(audited.audit?.map((d) => d.message)).toEqual([message(imagePolicy, 0)]);
  });

  test('UPDATE is checked like CREATE; DELETE is not matched', async () => {
    const bad = goBuild((t) => { t.spec.volumes.push({ name: 'h', hostPath: { path: '/' } }); });
    const update = await verdict(hostPolicy, { operation: 'UPDATE', object: bad, oldObject: GO_BUILD });
    expect(update.denials.map((d) => d.message)).toEqual([message(hostPolicy, 0)]);
    expect(await verdict(hostPolicy, { operation: 'DELETE', oldObject: bad })).toMatchObject({ matched: false, allowed: true });
  });

  test('the hand-written fixtures the policies admit are objects Tekton\'s webhook admits (the oracle)', () => {
    const fixtures = [
      stepAction(), taskRun(), embeddedPipelineRun(), largePipeline(3, 4), runWithPod(() => undefined), runWithTaskPod(() => undefined),
    ];
    buildOracle();
    // as JSON: the YAML the helper writes leaves GOPROXY's "off" unquoted, a bool to Go's YAML
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'admission-fixtures-'));
    const file = path.join(dir, 'fixtures.json');
    fs.writeFileSync(file, fixtures.map((f) => JSON.stringify(f)).join('\n'));
    let result: ReturnType<typeof runOracleOnPaths>;
    try {
      result = runOracleOnPaths([file]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(result.verdicts.filter((v) => !v.valid).map((v) => `${v.kind} ${v.name}: ${v.errors.join('; ')}`)).toEqual([]);
    expect(result.verdicts).toHaveLength(fixtures.length);
  }, VAP_EVAL_BUILD_TIMEOUT_MS);

  describe('StepActions', () => {
    test('a StepAction is checked like a step: image, securityContext, host access, isolation, script', async () => {
      const variants: Array<[(a: any) => void, string[]]> = [
        [(a) => { a.spec.image = 'alpine:3'; }, ['IMAGE_DIGEST']],
        [(a) => { delete a.spec.image; }, ['IMAGE_DIGEST']],
        [(a) => { a.spec.securityContext.privileged = true; }, ['NOT_PRIVILEGED']],
        [(a) => { a.spec.securityContext.runAsNonRoot = false; }, ['RUN_AS_NON_ROOT']],
        [(a) => { delete a.spec.securityContext; }, ['RUN_AS_NON_ROOT', 'NO_PRIVILEGE_ESCALATION', 'DROP_ALL_CAPABILITIES', 'SECCOMP_RUNTIME_DEFAULT']],
        [(a) => { a.spec.securityContext.windowsOptions = { hostProcess: true }; }, ['NO_HOST_ACCESS']],
        [(a) => { a.spec.securityContext.seLinuxOptions = { type: 'spc_t' }; }, ['DEFAULT_ISOLATION']],
        [(a) => { a.spec.script = '#!/bin/sh\nscan $(params.target)\n'; }, ['SCRIPT_INJECTION']],
        // inside the shell's own command substitution, Tekton still replaces it
        [(a) => { a.spec.script = '#!/bin/sh\nSHA="$(git rev-parse $(params.target))"\n'; }, ['SCRIPT_INJECTION']],
        [(a) => { delete a.spec.script; a.spec.args = ['$(params.target)']; }, ['ARGUMENT_INJECTION']],
        [(a) => { delete a.spec.script; a.spec.command = ['bash', '-c', 'scan $(params.target)']; }, ['SCRIPT_INJECTION']],
      ];
      for (const [change, rules] of variants) {
        const a = stepAction();
        change(a);
        expect(await refused(a)).toEqual(rules);
      }
    });

    test('its relaxation target is step/<its name>; a v1alpha1 StepAction is converted and checked', async () => {
      const a = stepAction();
      a.spec.image = 'alpine:3';
      expect(await refused(withAnnotation(a, RuleId.IMAGE_DIGEST, 'step/scan: the vendor publishes tags only'))).toEqual([]);
      expect(await refused(withAnnotation(a, RuleId.IMAGE_DIGEST, 'step/other: the vendor publishes tags only'))).toEqual(['IMAGE_DIGEST']);
      const alpha = { ...stepAction(), apiVersion: 'tekton.dev/v1alpha1' };
      alpha.spec.securityContext.privileged = true;
      const v = await verdict(securityPolicy, { object: alpha });
      expect(v).toMatchObject({ matched: true, converted: true, matchedResource: 'tekton.dev/v1beta1, Resource=stepactions' });
      expect(v.denials.map((d) => d.message)).toEqual([message(securityPolicy, 2)]);
    });
  });

  describe('StepActions a resolver fetches: only the cluster resolver from a bound namespace (VALID_SPEC, never exempt)', () => {
    /** go-build whose first step runs the StepAction `ref` (and no image, script or securityContext of its own). */
    const withRef = (ref: any) => goBuild((t) => { t.spec.steps[0] = { name: 'action', ref }; });
    const param = (name: string, value: any) => ({ name, value });
    const cluster = (...params: any[]) => ({ resolver: 'cluster', params: [param('kind', 'stepaction'), param('name', 'scan'), ...params] });
    const M = 'A step runs a StepAction that a resolver fetches (ref.resolver) and takes its image, command, script, env and securityContext,'
      + " which its publisher chooses at each run: these policies check them only in Tekton's dry-run create of the StepAction in the run's namespace,"
      + " with the relaxation records the publisher wrote in it (honoured as any object's), and Tekton does not verify it (trusted resources cover"
      + ' Tasks and Pipelines only); only the cluster resolver with a literal namespace param naming a namespace these policies hold in is admitted [VALID_SPEC].'
      + ' Create the StepAction in the namespace ci and reference it by name (ref.name) or through the cluster resolver with its namespace param set to that namespace.';

    test('the message', () => {
      expect(message(securityPolicy, 8)).toBe(M);
      expect(message(strict.policy(SECURITY_POLICY), 7)).toBe(M);
      expect(policies({ namespaces: ['ci', 'ci-team-a'] }).policy(SECURITY_POLICY).spec.validations[8].message)
        .toContain('Create the StepAction in one of the namespaces ci, ci-team-a and reference it');
    });

    test.each<[string, any]>([
      ['the git resolver, pinned to a commit', { resolver: 'git', params: [param('url', 'https://github.com/acme/actions'), param('revision', 'a'.repeat(40)), param('pathInRepo', 'scan.yaml')] }],
      ['the bundles resolver, pinned by digest', { resolver: 'bundles', params: [param('bundle', `registry.example.com/actions@sha256:${'a'.repeat(64)}`), param('name', 'scan'), param('kind', 'stepaction')] }],
      ['the hub resolver', { resolver: 'hub', params: [param('name', 'scan'), param('version', '0.1')] }],
      ['the http resolver', { resolver: 'http', params: [param('url', 'https://example.com/scan.yaml')] }],
      ['a resolver of another name', { resolver: 'Cluster', params: [param('namespace', 'ci')] }],
      ['the cluster resolver without a namespace param (the configured default namespace)', cluster()],
      ['the cluster resolver without params', { resolver: 'cluster' }],
      ['the cluster resolver from an unbound namespace', cluster(param('namespace', 'scratch'))],
      ['the cluster resolver with an empty namespace (the default one)', cluster(param('namespace', ''))],
      ['the cluster resolver with a substituted namespace', cluster(param('namespace', '$(params.ns)'))],
      ['the cluster resolver with the run\'s namespace substituted', cluster(param('namespace', '$(context.taskRun.namespace)'))],
      ['the cluster resolver with an array namespace', cluster(param('namespace', ['ci']))],
      ['the cluster resolver with a second namespace param, which the resolver reads', cluster(param('namespace', 'ci'), param('namespace', 'scratch'))],
    ])('refused: %s', async (_, ref) => {
      const t = withRef(ref);
      expect((await admit(securityPolicy, t)).refusals).toEqual([M]);
      expect(await refused(t)).toEqual(['VALID_SPEC']);
    });

    test.each<[string, any]>([
      ['a StepAction of the namespace, by name', { name: 'scan' }],
      ['an empty resolver (a StepAction by name)', { name: 'scan', resolver: '' }],
      ['the cluster resolver from the bound namespace', cluster(param('namespace', 'ci'))],
    ])('admitted: %s', async (_, ref) => {
      expect(await refused(withRef(ref))).toEqual([]);
    });

    test('the cluster resolver from any of several bound namespaces', async () => {
      const two = policies({ namespaces: ['ci', 'ci-team-a'] }).policy(SECURITY_POLICY);
      expect((await admit(two, withRef(cluster(param('namespace', 'ci-team-a'))))).refusals).toEqual([]);
      expect((await admit(securityPolicy, withRef(cluster(param('namespace', 'ci-team-a'))))).refusals).toEqual([M]);
    });

    test('in every task spec the policies read: a TaskRun\'s, a Pipeline\'s tasks, finally and custom-task specs, a PipelineRun\'s, pipelineSpecs two levels down', async () => {
      const ref = { resolver: 'git', params: [param('url', 'https://github.com/acme/actions'), param('revision', 'a'.repeat(40)), param('pathInRepo', 'scan.yaml')] };
      const spec = withRef(ref).spec;
      const run = taskRun();
      run.spec.taskSpec = spec;
      const pipeline = hardenedEmbeddedPipeline();
      pipeline.spec.finally = [{ name: 'report', taskSpec: clone(spec) }];
      const custom = hardenedEmbeddedPipeline();
      custom.spec.tasks.push({ name: 'custom', taskSpec: { apiVersion: 'example.dev/v1', kind: 'Wait', spec: clone(spec) } });
      const pipelineRun = embeddedPipelineRun();
      pipelineRun.spec.pipelineSpec.tasks[0].taskSpec = clone(spec);
      for (const o of [run, pipeline, custom, pipelineRun, nestedPipeline(spec, 0), nestedPipeline(spec, 1), nestedPipeline(spec, 2)]) {
        expect(await refused(o, [securityPolicy])).toEqual(['VALID_SPEC']);
        expect((await admit(securityPolicy, o)).refusals).toEqual([M]);
      }
    });

    test('never exempt: records of every rule, for the whole object, exempt nothing; nor with no relaxation honoured', async () => {
      const t = withRef({ resolver: 'git', params: [param('url', 'https://github.com/acme/actions')] });
      const rules = [...EXEMPTABLE, RuleId.VALID_SPEC, RuleId.REMOTE_REFERENCE_PINNED, RuleId.REMOTE_REFERENCE_VERIFIED];
      const annotated = rules.reduce((o, r) => withAnnotation(o, r), t);
      expect(await refused(annotated)).toEqual(['VALID_SPEC']);
      expect((await admit(strict.policy(SECURITY_POLICY), t)).refusals).toEqual([M]);
    });
  });

  describe('Tasks and Pipelines a resolver fetches (taskRef, pipelineRef): only the cluster resolver from a bound namespace, or pinned with the written loosening (VALID_SPEC, never exempt)', () => {
    const param = (name: string, value: any) => ({ name, value });
    const SHA = 'a'.repeat(40);
    const DIGEST = `registry.example.com/tasks@sha256:${'b'.repeat(64)}`;
    const cluster = (...params: any[]) => ({ resolver: 'cluster', params: [param('kind', 'task'), param('name', 'build'), ...params] });
    const bundle = (...params: any[]) => ({ resolver: 'bundles', params: [param('name', 'build'), param('kind', 'task'), ...params] });
    const git = (...params: any[]) => ({ resolver: 'git', params: [param('url', 'https://github.com/acme/tasks'), param('pathInRepo', 'task.yaml'), ...params] });
    /** The git resolver in SCM API mode: a repo and no url. */
    const gitApi = (...params: any[]) => ({ resolver: 'git', params: [param('org', 'acme'), param('repo', 'tasks'), param('pathInRepo', 'task.yaml'), ...params] });
    const hub = (...params: any[]) => ({ resolver: 'hub', params: [param('name', 'build'), param('kind', 'task'), ...params] });

    /** A TaskRun as a trigger creates it, whose spec.taskRef is `ref`. */
    const taskRunOf = (ref: any) => { const r = taskRun(); delete r.spec.taskSpec; r.spec.taskRef = ref; return r; };
    /** The example PipelineRun, whose spec.pipelineRef is `ref`. */
    const pipelineRunOf = (ref: any) => { const r = clone(EX.pipelineRun); r.spec.pipelineRef = ref; return r; };
    /** A Pipeline whose task `inner`, `levels` pipelineSpecs down, has `field` (taskRef or pipelineRef) `ref`, in tasks or finally. */
    const pipelineOf = (ref: any, levels = 0, field = 'taskRef', list = 'tasks') => {
      let spec: any = { [list]: [{ name: 'inner', [field]: ref }] };
      for (let i = levels; i > 0; i--) spec = { tasks: [{ name: `level${i}`, pipelineSpec: spec }] };
      return { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'nested', namespace: 'ci' }, spec };
    };
    /** The embedded example PipelineRun, whose pipelineSpec's first task (or a finally task) has taskRef `ref`. */
    const embeddedRunOf = (ref: any, list = 'tasks') => {
      const r = embeddedPipelineRun();
      if (list === 'tasks') {
        const { taskSpec, ...task } = r.spec.pipelineSpec.tasks[0];
        r.spec.pipelineSpec.tasks[0] = { ...task, taskRef: ref };
      } else {
        r.spec.pipelineSpec.finally = [{ name: 'report', taskRef: ref }];
      }
      return r;
    };

    const ADMITTED = ', or through the cluster resolver with a literal namespace param naming a namespace these policies hold in';
    const PINNED_ADMITTED = ', or through the bundles, git or hub resolver pinned as REMOTE_REFERENCE_PINNED judges it (pinnedRemoteReferences)';
    const CLUSTER_FIX = ' or through the cluster resolver with its namespace param set to that namespace';
    const CHECKED = "these policies check it only in Tekton's dry-run create of it in the run's namespace, with the relaxation records the publisher"
      + " wrote in it (honoured as any object's, and copied onto the run)";
    const PIN_FIX = '; or pin it: bundle <repository>@sha256:<64 hex>, git revision <40 hex commit> or hub version <exact version>,'
      + ' with the params that choose the content or its source written into the reference';
    const refusal = (who: string, field: string, what: string, create: string, byName: string, pinned: boolean) =>
      `${who} fetches ${what} through a resolver (${field}), whose spec its publisher chooses at each run: ${CHECKED}: only a reference by name${ADMITTED}`
      + `${pinned ? PINNED_ADMITTED : ''}, is admitted [VALID_SPEC]. Create the ${create} in the namespace ci and reference it by name (${byName})${CLUSTER_FIX}`
      + `${pinned ? PIN_FIX : ''}.`;
    const taskRunMessage = (pinned = false) => refusal('The TaskRun', 'spec.taskRef.resolver', 'its Task', 'Task', 'spec.taskRef.name', pinned);
    const pipelineRunMessage = (pinned = false) => refusal('The PipelineRun', 'spec.pipelineRef.resolver', 'its Pipeline', 'Pipeline', 'spec.pipelineRef.name', pinned);
    const tasksMessage = (pinned = false) => refusal(
      'A pipeline task (in tasks or finally of a Pipeline, of a PipelineRun\'s pipelineSpec or of a pipelineSpec a pipeline task embeds)',
      'taskRef.resolver or pipelineRef.resolver', 'a Task or Pipeline', 'Task or Pipeline', 'taskRef.name or pipelineRef.name', pinned);

    test('the messages', () => {
      expect(remotePolicy.spec.validations.map((v: any) => v.message)).toEqual([
        'The TaskRun fetches its Task through a resolver (spec.taskRef.resolver), whose spec its publisher chooses at each run: these policies check it'
        + " only in Tekton's dry-run create of it in the run's namespace, with the relaxation records the publisher wrote in it (honoured as any object's,"
        + ' and copied onto the run): only a reference by name, or through the cluster resolver with a literal namespace param naming a namespace these policies hold in, is admitted'
        + ' [VALID_SPEC]. Create the Task in the namespace ci and reference it by name (spec.taskRef.name) or through the cluster resolver with its'
        + ' namespace param set to that namespace.',
        pipelineRunMessage(), tasksMessage(),
        'A pipeline task embeds pipelineSpecs more than 2 levels deep, which these policies do not read [VALID_SPEC]. Embed fewer levels of pipelines in pipelines.',
      ]);
      expect(pinnedRemotePolicy.spec.validations[0].message).toBe(
        'The TaskRun fetches its Task through a resolver (spec.taskRef.resolver), whose spec its publisher chooses at each run: these policies check it'
        + " only in Tekton's dry-run create of it in the run's namespace, with the relaxation records the publisher wrote in it (honoured as any object's,"
        + ' and copied onto the run): only a reference by name, or through the cluster resolver with a literal namespace param naming a namespace these policies hold in,'
        + ' or through the bundles, git or hub resolver pinned as REMOTE_REFERENCE_PINNED judges it (pinnedRemoteReferences), is admitted [VALID_SPEC].'
        + ' Create the Task in the namespace ci and reference it by name (spec.taskRef.name) or through the cluster resolver with its namespace param'
        + ' set to that namespace; or pin it: bundle <repository>@sha256:<64 hex>, git revision <40 hex commit> or hub version <exact version>,'
        + ' with the params that choose the content or its source written into the reference.');
      expect(pinnedRemotePolicy.spec.validations.slice(1, 3).map((v: any) => v.message)).toEqual([pipelineRunMessage(true), tasksMessage(true)]);
      expect(policies({ namespaces: ['ci', 'ci-team-a'] }).policy(REMOTE_POLICY).spec.validations[0].message)
        .toContain('Create the Task in one of the namespaces ci, ci-team-a and reference it by name');
    });

    test('the gap: a TaskRun a trigger creates with a git taskRef at a branch was admitted by every other policy; this one refuses it', async () => {
      const run = taskRunOf(git(param('revision', 'main')));
      for (const p of all.filter((x) => x !== remotePolicy)) expect((await admit(p, run)).refusals).toEqual([]);
      expect((await admit(remotePolicy, run)).refusals).toEqual([taskRunMessage()]);
      expect((await admit(pinnedRemotePolicy, run)).refusals).toEqual([taskRunMessage(true)]);
      // as the catalogue finds it
      expect(evaluateManifests([run])[0].checks.find((c) => c.rule === RuleId.REMOTE_REFERENCE_PINNED)?.status).toBe('failed');
    });

    test.each<[string, any]>([
      ['the git resolver at a branch', git(param('revision', 'main'))],
      ['the git resolver pinned to a commit', git(param('revision', SHA))],
      ['the bundles resolver by tag', bundle(param('bundle', 'registry.example.com/tasks:v1'))],
      ['the bundles resolver pinned by digest', bundle(param('bundle', DIGEST))],
      ['the hub resolver at an exact version', hub(param('version', '0.9'))],
      ['the http resolver', { resolver: 'http', params: [param('url', 'https://example.com/task.yaml')] }],
      ['a resolver of another name', { resolver: 'Cluster', params: [param('namespace', 'ci')] }],
      ['the cluster resolver without a namespace param (the configured default namespace)', cluster()],
      ['the cluster resolver without params', { resolver: 'cluster' }],
      ['the cluster resolver with null params', { resolver: 'cluster', params: null }],
      ['the cluster resolver from an unbound namespace', cluster(param('namespace', 'scratch'))],
      ['the cluster resolver with an empty namespace (the default one)', cluster(param('namespace', ''))],
      ['the cluster resolver with a null namespace (Tekton decodes a ParamValue null as "", the default one)', cluster(param('namespace', null))],
      ['the cluster resolver with a substituted namespace', cluster(param('namespace', '$(params.ns)'))],
      ['the cluster resolver with the run\'s namespace substituted', cluster(param('namespace', '$(context.taskRun.namespace)'))],
      ['the cluster resolver with an array namespace', cluster(param('namespace', ['ci']))],
      ['the cluster resolver with a second namespace param, which the resolver reads', cluster(param('namespace', 'ci'), param('namespace', 'scratch'))],
      ['the cluster resolver with an unbound namespace first', cluster(param('namespace', 'scratch'), param('namespace', 'ci'))],
    ])('refused by default, in a TaskRun\'s spec.taskRef: %s', async (_, ref) => {
      const run = taskRunOf(ref);
      expect((await admit(remotePolicy, run)).refusals).toEqual([taskRunMessage()]);
      expect(await refused(run)).toEqual(['VALID_SPEC']);
    });

    test.each<[string, any]>([
      ['a Task of the namespace, by name', { name: 'build' }],
      ['an empty resolver (a Task by name)', { name: 'build', resolver: '' }],
      ['a null resolver (a Task by name)', { name: 'build', resolver: null }],
      ['the cluster resolver from the bound namespace', cluster(param('namespace', 'ci'))],
      ['the cluster resolver from the bound namespace, twice', cluster(param('namespace', 'ci'), param('namespace', 'ci'))],
    ])('admitted by default: %s', async (_, ref) => {
      expect((await admit(remotePolicy, taskRunOf(ref))).refusals).toEqual([]);
      expect((await admit(remotePolicy, pipelineRunOf({ ...ref, ...(ref.params ? { params: ref.params.map((p: any) => (p.name === 'kind' ? param('kind', 'pipeline') : p)) } : {}) }))).refusals).toEqual([]);
      expect((await admit(remotePolicy, pipelineOf(ref))).refusals).toEqual([]);
    });

    test('a null taskRef or pipelineRef is no reference', async () => {
      const run = taskRun();
      run.spec.taskRef = null;
      expect((await admit(remotePolicy, run)).refusals).toEqual([]);
      const p = pipelineOf(null);
      p.spec.tasks[0].taskSpec = clone(GO_BUILD.spec);
      expect((await admit(remotePolicy, p)).refusals).toEqual([]);
    });

    test('the cluster resolver from any of several bound namespaces', async () => {
      const two = policies({ namespaces: ['ci', 'ci-team-a'] }).policy(REMOTE_POLICY);
      expect((await admit(two, taskRunOf(cluster(param('namespace', 'ci-team-a'))))).refusals).toEqual([]);
      expect((await admit(remotePolicy, taskRunOf(cluster(param('namespace', 'ci-team-a'))))).refusals).toEqual([taskRunMessage()]);
    });

    test('everywhere a reference is: a PipelineRun\'s pipelineRef, a Pipeline\'s tasks and finally, a pipeline task\'s pipelineRef, a PipelineRun\'s pipelineSpec, pipelineSpecs two levels down', async () => {
      const ref = git(param('revision', 'main'));
      expect((await admit(remotePolicy, pipelineRunOf(ref))).refusals).toEqual([pipelineRunMessage()]);
      expect(await refused(pipelineRunOf(ref))).toEqual(['VALID_SPEC']);
      for (const o of [
        pipelineOf(ref), pipelineOf(ref, 0, 'taskRef', 'finally'), pipelineOf(ref, 0, 'pipelineRef'), pipelineOf(ref, 1), pipelineOf(ref, 2),
        pipelineOf(ref, 1, 'taskRef', 'finally'), pipelineOf(ref, 2, 'pipelineRef'), embeddedRunOf(ref), embeddedRunOf(ref, 'finally'),
      ]) {
        expect((await admit(remotePolicy, o)).refusals).toEqual([tasksMessage()]);
      }
      // three levels down is not read: refused as nesting the policies do not read
      expect((await admit(remotePolicy, pipelineOf({ name: 'build' }, 3))).refusals).toEqual([message(remotePolicy, 3)]);
      // and from the bound namespace, admitted there
      for (const o of [pipelineOf(cluster(param('namespace', 'ci')), 2), embeddedRunOf(cluster(param('namespace', 'ci')), 'finally')]) {
        expect((await admit(remotePolicy, o)).refusals).toEqual([]);
      }
    });

    test('a v1beta1 request is converted to v1 and checked (its bundle field is dropped there, and refused by Tekton on create)', async () => {
      const run = { ...taskRunOf(git(param('revision', 'main'))), apiVersion: 'tekton.dev/v1beta1' };
      const v = await verdict(remotePolicy, { object: run, userInfo: { username: 'jane@example.com' } });
      expect(v).toMatchObject({ matched: true, converted: true, matchedResource: 'tekton.dev/v1, Resource=taskruns' });
      expect(v.denials.map((d) => d.message)).toEqual([taskRunMessage()]);
    });

    test('never exempt: records of every rule, for the whole object, exempt nothing; nor with every relaxation honoured', async () => {
      const run = taskRunOf(git(param('revision', 'main')));
      const rules = [...EXEMPTABLE, RuleId.VALID_SPEC, RuleId.REMOTE_REFERENCE_PINNED, RuleId.REMOTE_REFERENCE_VERIFIED];
      const annotated = rules.reduce((o, r) => withAnnotation(o, r), run);
      expect(await refused(annotated)).toEqual(['VALID_SPEC']);
      expect((await admit(everyRule.policy(REMOTE_POLICY), annotated)).refusals).toEqual([taskRunMessage()]);
    });

    test('the library\'s examples: the build example\'s Pipeline fetches git-clone from a bundle by digest, refused by default, admitted with the cluster-config example\'s loosening', async () => {
      expect(EX.pipeline.spec.tasks[0].taskRef.resolver).toBe('bundles');
      expect((await admit(remotePolicy, EX.pipeline)).refusals).toEqual([tasksMessage()]);
      expect(await refused(EX.pipeline)).toEqual(['VALID_SPEC']);
      expect((await admit(pinnedRemotePolicy, EX.pipeline)).refusals).toEqual([]);
      // its PipelineRun references the Pipeline by name
      expect((await admit(remotePolicy, EX.pipelineRun)).refusals).toEqual([]);
    });

    describe('with pinnedRemoteReferences: pinned as REMOTE_REFERENCE_PINNED judges it', () => {
      const admittedRefs: Array<[string, any]> = [
        ['a bundle by digest', bundle(param('bundle', DIGEST))],
        ['a bundle by tag and digest', bundle(param('bundle', `registry.example.com/tasks:v1@sha256:${'c'.repeat(64)}`))],
        ['a git commit (clone)', git(param('revision', SHA))],
        ['a git commit in upper case', git(param('revision', 'ABCDEF'.repeat(6) + 'ABCD'))],
        ['a git commit from a substituted url (a clone checks out the commit)', { resolver: 'git', params: [param('url', '$(params.repo)'), param('revision', SHA), param('pathInRepo', 'task.yaml')] }],
        ['a git commit, clone, with a substituted serverURL (not read with a literal url)', git(param('revision', SHA), param('serverURL', '$(params.server)'))],
        ['a git commit through the SCM API, its server written out', gitApi(param('revision', SHA), param('serverURL', 'https://gitlab.example.com'), param('scmType', 'gitlab'))],
        ['a git commit through the SCM API with a substituted token (not judged)', gitApi(param('revision', SHA), param('token', '$(params.secret)'))],
        ['an exact hub version', hub(param('version', '0.9'))],
        ['an exact hub version with a patch', hub(param('version', '0.9.1'))],
        ['a Tekton Hub version', hub(param('version', '0.9'), param('type', 'tekton'))],
        ['a Tekton Hub version with patch 0', hub(param('version', '0.9.0'), param('type', 'tekton'))],
        // an equality as goversion.NewConstraint reads it: an `=`, a `v`, spaces around (Go's \\s)
        // and one padded with zeros, which go-version compares equal: `0` is the release 0.0, `0.9.0.0` the release 0.9.0
        ...['v0.9.0', '=0.9.0', '= 0.9', ' = v0.9 ', '\t0.9\n', '0', '0.9.0.0'].map((version): [string, any] => [`a hub version ${JSON.stringify(version)}`, hub(param('version', version))]),
        ['a Tekton Hub version "=v0.9.0" (patch 0)', hub(param('version', '=v0.9.0'), param('type', 'tekton'))],
        ['the http resolver with the sha256 of the content', { resolver: 'http', params: [param('url', 'https://example.com/task.yaml'), param('digest', `sha256:${'A1'.repeat(32)}`)] }],
        ['the http resolver with the sha512 of the content, from a substituted url', { resolver: 'http', params: [param('url', '$(params.url)'), param('digest', `sha512:${'c'.repeat(128)}`)] }],
      ];
      const refusedRefs: Array<[string, any]> = [
        ['a bundle by tag', bundle(param('bundle', 'registry.example.com/tasks:v1'))],
        ['a bundle digest in upper case', bundle(param('bundle', `registry.example.com/tasks@sha256:${'B'.repeat(64)}`))],
        // go-containerregistry v0.21.7 name.NewDigest, which the bundles resolver parses the reference with, reads sha256 only
        ['a bundle pinned by sha512, which the bundles resolver cannot parse', bundle(param('bundle', `registry.example.com/tasks@sha512:${'b'.repeat(128)}`))],
        ['a bundle pinned by sha384', bundle(param('bundle', `registry.example.com/tasks@sha384:${'b'.repeat(96)}`))],
        ['a bundle with a substituted repository before its digest', bundle(param('bundle', `$(params.registry)/tasks@sha256:${'b'.repeat(64)}`))],
        ['a bundle without a bundle param', bundle()],
        ['a bundle given as an array', bundle(param('bundle', [DIGEST]))],
        ['a bundle whose entry name is substituted', { resolver: 'bundles', params: [param('bundle', DIGEST), param('name', '$(params.task)'), param('kind', 'task')] }],
        ['a bundle whose entry kind is substituted', { resolver: 'bundles', params: [param('bundle', DIGEST), param('name', 'build'), param('kind', '$(params.kind)')] }],
        ['a git branch', git(param('revision', 'main'))],
        ['a git revision of 64 hex (a branch name in a SHA-1 repository)', git(param('revision', 'a'.repeat(64)))],
        ['a git revision substituted', git(param('revision', '$(params.revision)'))],
        ['no git revision (the default branch)', git()],
        ['a git revision null (Tekton decodes a ParamValue null as "", for which the resolver takes its default revision)', git(param('revision', null))],
        ['a git commit with a null url and a repo (Tekton reads "": the SCM API) with a substituted serverURL', gitApi(param('url', null), param('revision', SHA), param('serverURL', '$(params.server)'))],
        ['a bundle null', bundle(param('bundle', null))],
        ['a hub version null (Tekton reads "", the latest)', hub(param('version', null))],
        ['a git commit with a substituted pathInRepo', { resolver: 'git', params: [param('url', 'https://github.com/acme/tasks'), param('revision', SHA), param('pathInRepo', '$(params.path)')] }],
        ['a git commit through the SCM API with a substituted serverURL', gitApi(param('revision', SHA), param('serverURL', '$(params.server)'))],
        ['a git commit through the SCM API with a substituted scmType', gitApi(param('revision', SHA), param('scmType', '$(params.scm)'))],
        ['a git commit through the SCM API with a substituted configKey', gitApi(param('revision', SHA), param('configKey', '$(params.config)'))],
        ['a git commit with an empty url and a repo (SCM API) with a substituted serverURL', gitApi(param('url', ''), param('revision', SHA), param('serverURL', '$(params.server)'))],
        ['a git commit, then a second revision param at a branch (the resolver reads the last)', git(param('revision', SHA), param('revision', 'main'))],
        ['a hub version range', hub(param('version', '^0.9'))],
        ['a hub version constraint', hub(param('version', '>= 0.9'))],
        ['a hub version with a number other than 0 after the patch, which no hub lists', hub(param('version', '0.9.0.1'))],
        ['a hub version substituted', hub(param('version', '$(params.version)'))],
        ['no hub version', hub()],
        ['a Tekton Hub version with a patch, which no Tekton Hub lists', hub(param('version', '0.9.1'), param('type', 'tekton'))],
        ...['v0.9.1', ' = 0.9.01'].map((version): [string, any] => [`a Tekton Hub version ${JSON.stringify(version)}, a patch after a v or an =`, hub(param('version', version), param('type', 'tekton'))]),
        ...['~0.9', '~> 0.9', '==0.9', 'v 0.9', 'V0.9', '\v0.9', '0.9.0+b1', '0.9.0-rc1', '0.9, <1.0'].map((version): [string, any] => [`a hub version ${JSON.stringify(version)}`, hub(param('version', version))]),
        ['a hub url substituted', hub(param('version', '0.9'), param('url', '$(params.hub)'))],
        ['a hub catalog substituted', hub(param('version', '0.9'), param('catalog', '$(params.catalog)'))],
        ['a hub package name substituted', { resolver: 'hub', params: [param('name', '$(params.task)'), param('kind', 'task'), param('version', '0.9')] }],
        ['a hub type substituted', hub(param('version', '0.9'), param('type', '$(params.type)'))],
        ['the http resolver', { resolver: 'http', params: [param('url', `https://example.com/task.yaml?sha=${SHA}`)] }],
        ['the http resolver with a digest of another length', { resolver: 'http', params: [param('url', 'https://example.com/t.yaml'), param('digest', `sha256:${'c'.repeat(63)}`)] }],
        ['the http resolver with a digest of another algorithm', { resolver: 'http', params: [param('url', 'https://example.com/t.yaml'), param('digest', `SHA256:${'c'.repeat(64)}`)] }],
        ['the http resolver with a substituted digest', { resolver: 'http', params: [param('url', 'https://example.com/t.yaml'), param('digest', '$(params.digest)')] }],
        ['the cluster resolver from an unbound namespace', cluster(param('namespace', 'scratch'))],
        ['a resolver Tekton does not ship', { resolver: 'oci', params: [param('bundle', DIGEST)] }],
        ['a bundle without params', { resolver: 'bundles' }],
      ];

      test.each(admittedRefs)('admitted: %s', async (_, ref) => {
        expect((await admit(pinnedRemotePolicy, taskRunOf(ref))).refusals).toEqual([]);
      });

      test.each(refusedRefs)('refused: %s', async (_, ref) => {
        expect((await admit(pinnedRemotePolicy, taskRunOf(ref))).refusals).toEqual([taskRunMessage(true)]);
      });

      test('as the catalogue judges each of them (REMOTE_REFERENCE_PINNED), but where params repeat (the policy reads every one)', async () => {
        const judged = [...admittedRefs, ...refusedRefs].filter(([, ref]) => ['bundles', 'git', 'hub'].includes(ref.resolver) && ref.params !== undefined);
        expect(judged.length).toBeGreaterThan(35);
        for (const [name, ref] of judged) {
          const run = taskRunOf(ref);
          const [reference] = remoteReferencesOf(run);
          const admittedHere = (await admit(pinnedRemotePolicy, run)).refusals.length === 0;
          expect([name, admittedHere]).toEqual([name, pinProblems(reference).length === 0]);
        }
        // stricter where a name repeats: the catalogue reads the last param, the policy refuses unless every one is pinned
        const repeated = taskRunOf(git(param('revision', 'main'), param('revision', SHA)));
        expect(pinProblems(remoteReferencesOf(repeated)[0])).toEqual([]);
        expect((await admit(pinnedRemotePolicy, repeated)).refusals).toEqual([taskRunMessage(true)]);
      });

      test('everywhere a reference is, pinned or not', async () => {
        const pinned = bundle(param('bundle', DIGEST));
        const branch = git(param('revision', 'main'));
        expect((await admit(pinnedRemotePolicy, pipelineRunOf({ ...pinned, params: [param('bundle', DIGEST), param('name', 'ci'), param('kind', 'pipeline')] }))).refusals).toEqual([]);
        expect((await admit(pinnedRemotePolicy, pipelineRunOf(branch))).refusals).toEqual([pipelineRunMessage(true)]);
        for (const make of [
          (r: any) => pipelineOf(r), (r: any) => pipelineOf(r, 0, 'taskRef', 'finally'), (r: any) => pipelineOf(r, 0, 'pipelineRef'),
          (r: any) => pipelineOf(r, 2), (r: any) => pipelineOf(r, 1, 'taskRef', 'finally'), (r: any) => embeddedRunOf(r), (r: any) => embeddedRunOf(r, 'finally'),
        ]) {
          expect((await admit(pinnedRemotePolicy, make(pinned))).refusals).toEqual([]);
          expect((await admit(pinnedRemotePolicy, make(branch))).refusals).toEqual([tasksMessage(true)]);
        }
      });

      test('a StepAction a resolver fetches is not admitted by it: Tekton does not verify StepActions', async () => {
        const t = goBuild((task) => { task.spec.steps[0] = { name: 'action', ref: git(param('revision', SHA)) }; });
        expect(await refused(t, loosened.vaps)).toEqual(['VALID_SPEC']);
        expect((await admit(loosened.policy(SECURITY_POLICY), t)).refusals).toEqual([message(securityPolicy, 8)]);
      });
    });
  });

  describe('embedded specs at depth: pipelineSpecs in pipeline tasks, custom-task specs', () => {
    const tagged = () => goBuild((t) => { t.spec.steps[0].image = 'golang:1.23'; }).spec;

    test.each([0, 1, 2])('a step %i pipelineSpec levels down is checked', async (levels) => {
      expect(await refused(nestedPipeline(GO_BUILD.spec, levels))).toEqual([]);
      expect(await refused(nestedPipeline(tagged(), levels))).toEqual(['IMAGE_DIGEST']);
    });

    test('a pipelineSpec 3 levels down is refused by every policy that reads task specs, unexempted', async () => {
      const deep = withAnnotation(nestedPipeline(GO_BUILD.spec, 3), RuleId.IMAGE_DIGEST);
      expect(await refused(deep)).toEqual(['VALID_SPEC', 'VALID_SPEC', 'VALID_SPEC', 'VALID_SPEC', 'VALID_SPEC', 'VALID_SPEC']);
      expect((await admit(imagePolicy, deep)).refusals).toEqual([message(imagePolicy, 5)]);
    });

    test('targets below nested tasks: task/<outer>/task/<inner> covers the inner task only', async () => {
      const p = nestedPipeline(tagged(), 1);
      p.spec.tasks[0].pipelineSpec.tasks.push({ name: 'other', taskSpec: tagged() });
      const line = (target: string) => `${target}: the vendor publishes tags only`;
      // (as the image policy reads them; the run pod templates policy refuses such records, which the child runs could not read: below)
      const refusedImages = async (o: any) => rulesOf(await admit(imagePolicy, o));
      expect(await refusedImages(withAnnotation(p, RuleId.IMAGE_DIGEST, line('task/level1/task/inner')))).toEqual(['IMAGE_DIGEST']);
      expect(await refusedImages(withAnnotation(p, RuleId.IMAGE_DIGEST, line('task/level1')))).toEqual([]);
      expect(await refusedImages(withAnnotation(p, RuleId.IMAGE_DIGEST, [line('task/level1/task/inner'), line('task/level1/task/other/step/build')].join('\n'))))
        .toEqual([]);
      expect(await refusedImages(withAnnotation(p, RuleId.IMAGE_DIGEST, line('task/inner')))).toEqual(['IMAGE_DIGEST']);
    });

    test('a record targeting a pipeline task that runs a pipeline, or below it, is refused on a Pipeline or PipelineRun (its child runs could not read it); * is not', async () => {
      const last = podPolicy.spec.validations.length - 1;
      const N = message(podPolicy, last);
      expect(N).toBe('A relaxation record (secure-tekton/relax.<RULE>) targets a pipeline task that runs a pipeline (pipelineSpec or pipelineRef), or a part of it'
        + ' (task/<name>, task/<name>/…): Tekton runs that task as a child PipelineRun with the record, whose TaskRuns carry no label naming the task'
        + ' above them, so these policies cannot read the record as theirs and would refuse them, and the run would fail [VALID_SPEC].'
        + ' Record the relaxation for the whole object (*: it reaches the child runs as it is), or make the nested tasks tasks of the pipeline itself.');
      const p = nestedPipeline(tagged(), 1);
      p.spec.tasks.push({ name: 'level1x', taskSpec: tagged() });
      const line = (target: string) => `${target}: the vendor publishes tags only`;
      const run = clone(EX.pipelineRun);
      delete run.spec.pipelineRef;
      run.spec.pipelineSpec = clone(p.spec);
      const byRef = clone(EX.pipelineRun);
      delete byRef.spec.pipelineRef;
      byRef.spec.pipelineSpec = { tasks: [{ name: 'sub', pipelineRef: { name: 'build-and-push' } }] };
      for (const [obj, target] of [[p, 'task/level1/task/inner'], [p, 'task/level1'], [run, 'task/level1/task/inner/step/build'], [byRef, 'task/sub']]) {
        const recorded = withAnnotation(obj, RuleId.IMAGE_DIGEST, [line('task/level1x'), line(target)].join('\n'));
        expect((await admit(podPolicy, recorded)).refusals).toEqual([N]);
        // the controller's child PipelineRuns carry their parent's records, judged in the parent
        expect((await admit(podPolicy, recorded, CONTROLLER)).refusals).toEqual([]);
      }
      // a record of the whole object, of a task that runs no pipeline (level1x is not below level1), or of a rule not honoured, is admitted
      for (const record of ['*', 'task/level1x']) expect((await admit(podPolicy, withAnnotation(p, RuleId.IMAGE_DIGEST, line(record)))).refusals).toEqual([]);
      expect((await admit(podPolicy, withAnnotation(p, RuleId.NO_HOST_ACCESS, line('task/level1')))).refusals).toEqual([]);
    });

    test('the spec a custom task embeds in its taskSpec is read as a task spec', async () => {
      const p = hardenedEmbeddedPipeline();
      p.spec.tasks.push({ name: 'custom', taskSpec: { apiVersion: 'example.dev/v1', kind: 'Runner', spec: goBuild((t) => { t.spec.steps[0].securityContext.privileged = true; }).spec } });
      expect(await refused(p)).toEqual(['NOT_PRIVILEGED']);
      p.spec.tasks[p.spec.tasks.length - 1].taskSpec.spec = 'not an object';
      expect(await refused(p)).toEqual([]);
    });
  });

  describe('NO_HOST_ACCESS', () => {
    const M = (i: number) => message(hostPolicy, i);
    const rules = [RuleId.NO_HOST_ACCESS];

    test.each<[string, () => any, number]>([
      ['a hostPath volume of a Task', () => goBuild((t) => { t.spec.volumes.push({ name: 'docker', hostPath: { path: '/var/run/docker.sock' } }); }), 0],
      ['a hostPath volume of an embedded task', () => {
        const p = hardenedEmbeddedPipeline();
        p.spec.tasks[1].taskSpec.volumes.push({ name: 'root', hostPath: { path: '/' } });
        return p;
      }, 0],
      ['a hostPath volume of a TaskRun taskSpec', () => { const r = taskRun(); r.spec.taskSpec.volumes = [{ name: 'h', hostPath: { path: '/etc' } }]; return r; }, 0],
      ['a hostPort on a sidecar', () => goBuild((t) => { t.spec.sidecars = [sidecar({ ports: [{ containerPort: 5432, hostPort: 5432 }] })]; }), 1],
      ['hostProcess on a step', () => goBuild((t) => { t.spec.steps[0].securityContext.windowsOptions = { hostProcess: true }; }), 2],
      ['hostProcess on a sidecar', () => goBuild((t) => { t.spec.sidecars = [sidecar({ securityContext: { windowsOptions: { hostProcess: true } } })]; }), 2],
      ['hostProcess in the stepTemplate, for every step', () => goBuild((t) => { t.spec.stepTemplate.securityContext.windowsOptions = { hostProcess: true }; }), 2],
      ['hostNetwork in a TaskRun podTemplate', () => runWithPod((pod) => { pod.hostNetwork = true; }), 3],
      ['hostPID in a PipelineRun taskRunTemplate.podTemplate', () => {
        const r = clone(EX.pipelineRun);
        r.spec.taskRunTemplate.podTemplate.hostPID = true;
        return r;
      }, 3],
      ['hostIPC in a per-task pod template', () => runWithTaskPod((pod) => { pod.hostIPC = true; }), 3],
      ['a hostPath volume in a pod template', () => runWithPod((pod) => { pod.volumes = [{ name: 'h', hostPath: { path: '/var/lib/kubelet' } }]; }), 4],
      ['a hostPath volume in a per-task pod template', () => runWithTaskPod((pod) => { pod.volumes = [{ name: 'h', hostPath: { path: '/' } }]; }), 4],
      ['hostProcess in a pod template', () => runWithPod((pod) => { pod.securityContext.windowsOptions = { hostProcess: true }; }), 5],
      ['a gitRepo volume of a Task', () => goBuild((t) => { t.spec.volumes.push({ name: 'src', gitRepo: { repository: 'https://git.example.com/app.git' } }); }), 12],
      ['a gitRepo volume of an embedded task', () => {
        const p = hardenedEmbeddedPipeline();
        p.spec.tasks[1].taskSpec.volumes.push({ name: 'src', gitRepo: { repository: 'r', revision: 'main' } });
        return p;
      }, 12],
      ['a gitRepo volume of a TaskRun taskSpec', () => { const r = taskRun(); r.spec.taskSpec.volumes = [{ name: 'src', gitRepo: { repository: 'r' } }]; return r; }, 12],
      ['a gitRepo volume in a pod template', () => runWithPod((pod) => { pod.volumes = [{ name: 'src', gitRepo: { repository: 'r' } }]; }), 13],
      ['a gitRepo volume in a per-task pod template', () => runWithTaskPod((pod) => { pod.volumes = [{ name: 'src', gitRepo: { repository: 'r' } }]; }), 13],
      ['a host in a sidecar\'s readiness probe', () => goBuild((t) => { t.spec.sidecars = [sidecar({ readinessProbe: { httpGet: { host: '169.254.169.254', port: 80 } } })]; }), 14],
      ['a host in a sidecar\'s preStop hook', () => goBuild((t) => { t.spec.sidecars = [sidecar({ lifecycle: { preStop: { tcpSocket: { host: '127.0.0.1', port: 10250 } } } })]; }), 14],
    ])('refused: %s', async (_, build, i) => {
      const obj = build();
      expect((await admit(hostPolicy, obj)).refusals).toEqual([M(i)]);
      expect(catalogueFinds(obj, rules)).toEqual(rules);
    });

    test.each<[string, () => any]>([
      ['hostPort 0 (none)', () => goBuild((t) => { t.spec.steps[0].ports = [{ containerPort: 8080, hostPort: 0 }]; })],
      // Tekton's v1 steps and stepTemplates have no ports (v1beta1's are dropped when Tekton converts the Task): no pod gets them
      ['a hostPort on a step', () => goBuild((t) => { t.spec.steps[0].ports = [{ containerPort: 8080, hostPort: 8080 }]; })],
      ['a hostPort on the stepTemplate', () => goBuild((t) => { t.spec.stepTemplate.ports = [{ containerPort: 80, hostPort: 80 }]; })],
      ['a containerPort only', () => goBuild((t) => { t.spec.sidecars = [sidecar({ ports: [{ containerPort: 5432 }] })]; })],
      ['a sidecar\'s probes and hooks on its own IP (no host, an empty or null one)', () => goBuild((t) => {
        t.spec.sidecars = [sidecar({
          readinessProbe: { httpGet: { port: 80 } },
          livenessProbe: { tcpSocket: { host: '', port: 80 } },
          lifecycle: { postStart: { httpGet: { host: null, port: 80 } }, preStop: null },
          startupProbe: null,
        })];
      })],
      ['hostProcess false', () => goBuild((t) => { t.spec.steps[0].securityContext.windowsOptions = { hostProcess: false, runAsUserName: 'ContainerUser' }; })],
      ['host namespaces false', () => runWithPod((pod) => { Object.assign(pod, { hostNetwork: false, hostPID: false, hostIPC: false }); })],
      ['null SELinux fields in a pod template (Go decodes them as unset)', () => runWithPod((pod) => {
        pod.securityContext.seLinuxOptions = { type: null, user: null, role: null, level: 's0:c1' };
      })],
      ['emptyDir, projected and CSI volumes', () => runWithPod((pod) => {
        pod.volumes = [{ name: 'a', emptyDir: {} }, { name: 'b', projected: { sources: [{ configMap: { name: 'x' } }] } }, { name: 'c', csi: { driver: 'secrets-store.csi.k8s.io' } }];
      })],
    ])('admitted: %s', async (_, build) => {
      const obj = build();
      expect((await admit(hostPolicy, obj)).refusals).toEqual([]);
      expect(catalogueFinds(obj, rules)).toEqual([]);
    });

    test('a gitRepo volume is refused with its own message and fix', () => {
      expect([M(12), M(13)]).toEqual([
        'A task spec makes the kubelet run git clone on the node, as root, with the repository it names (volumes[].gitRepo) [NO_HOST_ACCESS]. '
        + 'Remove the gitRepo volume: use a step that clones into an emptyDir or a workspace.',
        'A run pod template makes the kubelet run git clone on the node, as root, with the repository it names (volumes[].gitRepo) [NO_HOST_ACCESS]. '
        + 'Remove the gitRepo volume: use a step that clones into an emptyDir or a workspace.',
      ]);
      expect(everyRule.policy(HOST_POLICY).spec.validations[12].message).toBe(`${M(12).slice(0, -1)}, or record a relaxation: annotation `
        + 'secure-tekton/relax.NO_HOST_ACCESS: "<target, or * for the whole object>: <why, at least 10 characters>".');
    });

    test('by default, records of NO_HOST_ACCESS, SECCOMP_RUNTIME_DEFAULT and DEFAULT_ISOLATION exempt nothing: an annotation alone gives no step the node', async () => {
      // a TaskRun that takes over its node, recording a relaxation of every rule it breaks
      const takeover = runWithPod((pod, r) => {
        Object.assign(pod, { hostPID: true, hostNetwork: true });
        r.spec.taskSpec.volumes.push({ name: 'root', hostPath: { path: '/' } });
        const sc = r.spec.taskSpec.steps[0].securityContext;
        Object.assign(sc, { runAsNonRoot: false, runAsUser: 0, allowPrivilegeEscalation: true, capabilities: { add: ['SYS_ADMIN', 'SYS_PTRACE'] } });
        sc.seccompProfile = { type: 'Unconfined' };
        sc.seLinuxOptions = { type: 'spc_t' };
      });
      const recorded = [RuleId.NO_HOST_ACCESS, RuleId.RUN_AS_NON_ROOT, RuleId.NO_PRIVILEGE_ESCALATION, RuleId.DROP_ALL_CAPABILITIES,
        RuleId.SECCOMP_RUNTIME_DEFAULT, RuleId.DEFAULT_ISOLATION, RuleId.RUN_POD_SECURITY_CONTEXT].reduce((o, r) => withAnnotation(o, r, '*: needs the node for debugging purposes'), takeover);
      // SYS_ADMIN and SYS_PTRACE are beyond what a record of DROP_ALL_CAPABILITIES exempts
      expect(await refused(recorded)).toEqual(['DROP_ALL_CAPABILITIES', 'SECCOMP_RUNTIME_DEFAULT', 'NO_HOST_ACCESS', 'DEFAULT_ISOLATION']);
      expect((await admit(hostPolicy, recorded)).refusals).toEqual([M(0), M(3), M(6)]);
      // listed explicitly, they are honoured
      expect(await refused(recorded, everyRule.vaps)).toEqual(['DROP_ALL_CAPABILITIES']);
      const baseline = clone(recorded);
      baseline.spec.taskSpec.steps[0].securityContext.capabilities.add = ['CHOWN', 'SETUID'];
      expect(await refused(baseline, everyRule.vaps)).toEqual([]);
    });

    test('a v1beta1 PipelineRun\'s podTemplate is converted to taskRunTemplate.podTemplate and checked', async () => {
      const r = clone(EX.pipelineRun);
      r.apiVersion = 'tekton.dev/v1beta1';
      r.spec.podTemplate = { ...r.spec.taskRunTemplate.podTemplate, hostNetwork: true };
      r.spec.serviceAccountName = r.spec.taskRunTemplate.serviceAccountName;
      delete r.spec.taskRunTemplate;
      r.spec.timeout = '1h0m0s';
      delete r.spec.timeouts;
      const v = await verdict(hostPolicy, { object: r });
      expect(v).toMatchObject({ matched: true, converted: true });
      expect(v.denials.map((d) => d.message)).toEqual([M(3)]);
    });

    test('records exempt their target only, where NO_HOST_ACCESS is honoured: a step, an embedded task, a per-task pod template; the run-wide template needs *', async () => {
      const honouring = everyRule.policy(HOST_POLICY);
      const N = (i: number) => message(honouring, i);
      const ports = goBuild((t) => {
        t.spec.steps[0].ports = [{ containerPort: 1, hostPort: 1 }];
        t.spec.sidecars = [sidecar({ name: 'build', ports: [{ containerPort: 2, hostPort: 2 }] })];
      });
      const line = (target: string) => `${target}: the node exporter must be reachable on the node`;
      expect((await admit(honouring, withAnnotation(ports, RuleId.NO_HOST_ACCESS, line('step/build')))).refusals).toEqual([N(1)]);
      expect((await admit(honouring, withAnnotation(ports, RuleId.NO_HOST_ACCESS, `${line('step/build')}\n${line('sidecar/build')}`))).refusals).toEqual([]);
      expect((await admit(honouring, withAnnotation(ports, RuleId.DEFAULT_ISOLATION, line('*')))).refusals).toEqual([N(1)]);

      const p = hardenedEmbeddedPipeline();
      for (const t of p.spec.tasks) t.taskSpec.volumes.push({ name: 'h', hostPath: { path: '/' } });
      const [a, b] = p.spec.tasks.map((t: any) => t.name);
      expect((await admit(honouring, withAnnotation(p, RuleId.NO_HOST_ACCESS, line(`task/${a}`)))).refusals).toEqual([N(0)]);
      expect((await admit(honouring, withAnnotation(p, RuleId.NO_HOST_ACCESS, `${line(`task/${a}`)}\n${line(`task/${b}`)}`))).refusals).toEqual([]);
      // a record below the volume's target (a step of the task) does not cover the task's volumes
      expect((await admit(honouring, withAnnotation(p, RuleId.NO_HOST_ACCESS, `${line(`task/${a}`)}\n${line(`task/${b}/step/x`)}`))).refusals).toEqual([N(0)]);

      const perTask = runWithTaskPod((pod, r) => {
        pod.hostNetwork = true;
        r.spec.taskRunSpecs[1].podTemplate.hostNetwork = true;
      });
      expect((await admit(honouring, withAnnotation(perTask, RuleId.NO_HOST_ACCESS, line('task/build')))).refusals).toEqual([N(3)]);
      expect((await admit(honouring, withAnnotation(perTask, RuleId.NO_HOST_ACCESS, `${line('task/build')}\n${line('task/push')}`))).refusals).toEqual([]);
      const runWide = runWithPod((pod) => { pod.hostNetwork = true; });
      expect((await admit(honouring, withAnnotation(runWide, RuleId.NO_HOST_ACCESS, line('task/build')))).refusals).toEqual([N(3)]);
      expect((await admit(honouring, withAnnotation(runWide, RuleId.NO_HOST_ACCESS, line('*')))).refusals).toEqual([]);
      expect((await admit(strict.policy(HOST_POLICY), withAnnotation(runWide, RuleId.NO_HOST_ACCESS, line('*')))).refusals).toEqual([N(3).replace(/, or record a relaxation.*$/, '.')]);
    });
  });

  describe('WORKSPACE_PER_RUN: volumes of task specs and pod templates (host-access policy)', () => {
    const M = (i: number) => message(hostPolicy, i);
    const rules = [RuleId.WORKSPACE_PER_RUN];
    const ephemeral = (spec: any): any => ({ name: 'e', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], ...spec } } } });

    test.each<[string, () => any, number]>([
      ['an existing claim as a Task volume', () => goBuild((t) => { t.spec.volumes.push({ name: 'cache', persistentVolumeClaim: { claimName: 'shared-cache' } }); }), 10],
      ['an existing claim in an embedded task', () => {
        const p = hardenedEmbeddedPipeline();
        p.spec.tasks[1].taskSpec.volumes.push({ name: 'cache', persistentVolumeClaim: { claimName: 'shared-cache' } });
        return p;
      }, 10],
      ['an ephemeral claim cloned from a snapshot', () => goBuild((t) => { t.spec.volumes.push(ephemeral({ dataSource: { kind: 'VolumeSnapshot', name: 'last-build' } })); }), 10],
      ['an ephemeral claim bound to an existing volume', () => goBuild((t) => { t.spec.volumes.push(ephemeral({ volumeName: 'pv-1' })); }), 10],
      ['an existing claim in a pod template', () => runWithPod((pod) => { pod.volumes = [{ name: 'cache', persistentVolumeClaim: { claimName: 'shared' } }]; }), 11],
      ['an ephemeral claim from existing data in a per-task pod template', () => runWithTaskPod((pod) => {
        pod.volumes = [ephemeral({ dataSourceRef: { kind: 'PersistentVolumeClaim', name: 'cache' } })];
      }), 11],
      ['an NFS share as a Task volume', () => goBuild((t) => { t.spec.volumes.push({ name: 'builds', nfs: { server: 'nfs.example.com', path: '/builds' } }); }), 10],
      ['an iSCSI disk in a pod template', () => runWithPod((pod) => { pod.volumes = [{ name: 'd', iscsi: { targetPortal: '10.0.0.1', iqn: 'iqn.x', lun: 0 } }]; }), 11],
      ['an inline CSI volume of a storage driver', () => goBuild((t) => { t.spec.volumes.push({ name: 'n', csi: { driver: 'nfs.csi.k8s.io', volumeAttributes: { share: '/builds' } } }); }), 10],
      ['an ephemeral claim with a selector', () => goBuild((t) => { t.spec.volumes.push(ephemeral({ selector: { matchLabels: { pool: 'build-cache' } } })); }), 10],
      ['an ephemeral claim with no storage class', () => goBuild((t) => { t.spec.volumes.push(ephemeral({ storageClassName: '' })); }), 10],
      ['an ephemeral claim with an empty selector (it matches every volume)', () => goBuild((t) => { t.spec.volumes.push(ephemeral({ selector: {} })); }), 10],
      ['an ephemeral claim whose beta storage-class annotation is "" (read before storageClassName)', () => goBuild((t) => {
        const v = ephemeral({ storageClassName: 'fast' });
        v.ephemeral.volumeClaimTemplate.metadata = { annotations: { 'volume.beta.kubernetes.io/storage-class': '' } };
        t.spec.volumes.push(v);
      }), 10],
      ['an ephemeral claim with the beta storage-class annotation "" in a pod template', () => runWithPod((pod) => {
        pod.volumes = [{ name: 'e', ephemeral: { volumeClaimTemplate: { metadata: { annotations: { 'volume.beta.kubernetes.io/storage-class': '' } } } } }];
      }), 11],
      ['an image volume by tag', () => goBuild((t) => { t.spec.volumes.push({ name: 'c', image: { reference: 'registry.example.com/cache:latest' } }); }), 10],
      ['an image volume by a sha512 digest of another length', () => goBuild((t) => { t.spec.volumes.push({ name: 'c', image: { reference: `registry.example.com/cache@sha512:${'a'.repeat(96)}` } }); }), 10],
    ])('refused: %s', async (_, build, i) => {
      const obj = build();
      expect((await admit(hostPolicy, obj)).refusals).toEqual([M(i)]);
      expect(catalogueFinds(obj, rules)).toEqual(rules);
    });

    test.each<[string, () => any]>([
      ['a fresh ephemeral claim, of any access mode', () => goBuild((t) => { t.spec.volumes.push(ephemeral({ accessModes: ['ReadWriteMany'], volumeName: '' })); })],
      ['a null claim (none, as Tekton decodes it)', () => runWithPod((pod) => { pod.volumes = [{ name: 'a', emptyDir: {}, persistentVolumeClaim: null }]; })],
      ['the per-pod sources, and the CSI drivers known to make a volume per pod', () => goBuild((t) => {
        t.spec.volumes.push({ name: 'a', configMap: { name: 'x' } }, { name: 'b', secret: { secretName: 'x' } }, { name: 'c', downwardAPI: {} },
          { name: 'd', csi: { driver: 'secrets-store.csi.k8s.io' } }, { name: 'f', csi: { driver: 'csi.cert-manager.io' } },
          ephemeral({ storageClassName: 'fast', selector: null }), { name: 'i', image: { reference: `registry.example.com/tools@sha256:${'a'.repeat(64)}` } });
      })],
      ['image volumes pinned by sha512 and sha384 digests, which the kubelet pulls by', () => goBuild((t) => {
        t.spec.volumes.push({ name: 'i', image: { reference: `registry.example.com/tools@sha512:${'a'.repeat(128)}` } },
          { name: 'j', image: { reference: `registry.example.com/tools:1.0@sha384:${'b'.repeat(96)}` } });
      })],
      ['an ephemeral claim whose beta storage-class annotation names a class (storageClassName "" is then not read)', () => goBuild((t) => {
        const v = ephemeral({ storageClassName: '' });
        v.ephemeral.volumeClaimTemplate.metadata = { annotations: { 'volume.beta.kubernetes.io/storage-class': 'fast' } };
        t.spec.volumes.push(v);
      })],
    ])('admitted: %s', async (_, build) => {
      const obj = build();
      expect((await admit(hostPolicy, obj)).refusals).toEqual([]);
      expect(catalogueFinds(obj, rules)).toEqual([]);
    });

    test('a record for the embedded task exempts its volumes, as the catalogue relaxes them', async () => {
      const p = hardenedEmbeddedPipeline();
      const name = p.spec.tasks[1].name;
      p.spec.tasks[1].taskSpec.volumes.push({ name: 'cache', persistentVolumeClaim: { claimName: 'shared-cache' } });
      expect(RuleCatalogue.check(p).filter((f) => f.rule === RuleId.WORKSPACE_PER_RUN).map((f) => [f.target, f.property, f.value, f.problem]))
        .toEqual([[`task/${name}`, 'volumes', 'cache', 'mounts the existing PersistentVolumeClaim "shared-cache", which runs share']]);
      expect((await admit(hostPolicy, withAnnotation(p, RuleId.WORKSPACE_PER_RUN, `task/${name}: a read-only mirror of the module cache`))).refusals).toEqual([]);
    });
  });

  describe('DEFAULT_ISOLATION', () => {
    const M = (i: number) => message(hostPolicy, i);
    const rules = [RuleId.DEFAULT_ISOLATION];
    const sc = (change: (securityContext: any) => void) => goBuild((t) => change(t.spec.steps[0].securityContext));

    test.each<[string, () => any, number]>([
      ['a non-container SELinux type', () => sc((c) => { c.seLinuxOptions = { type: 'spc_t' }; }), 6],
      ['an SELinux user', () => sc((c) => { c.seLinuxOptions = { user: 'system_u' }; }), 6],
      ['an SELinux role', () => sc((c) => { c.seLinuxOptions = { role: 'system_r' }; }), 6],
      ['procMount Unmasked', () => sc((c) => { c.procMount = 'Unmasked'; }), 6],
      ['an Unconfined AppArmor profile', () => sc((c) => { c.appArmorProfile = { type: 'Unconfined' }; }), 6],
      ['an SELinux type through the stepTemplate', () => goBuild((t) => { t.spec.stepTemplate.securityContext.seLinuxOptions = { type: 'unconfined_t' }; }), 6],
      ['a sidecar with procMount Unmasked', () => goBuild((t) => { t.spec.sidecars = [sidecar({ securityContext: { procMount: 'Unmasked' } })]; }), 6],
      ['SELinux options of a pod template', () => runWithPod((pod) => { pod.securityContext.seLinuxOptions = { type: 'spc_t' }; }), 7],
      ['an unsafe sysctl in a pod template', () => runWithPod((pod) => { pod.securityContext.sysctls = [{ name: 'kernel.msgmax', value: '65536' }]; }), 7],
      ['an Unconfined AppArmor profile in a per-task pod template', () => runWithTaskPod((pod) => { pod.securityContext = { appArmorProfile: { type: 'Unconfined' } }; }), 7],
      // the kernel reads the profile name unconfined as no profile
      ['a Localhost AppArmor profile named unconfined', () => sc((c) => { c.appArmorProfile = { type: 'Localhost', localhostProfile: 'unconfined' }; }), 6],
      ['a Localhost AppArmor profile named a beginning of unconfined', () => sc((c) => { c.appArmorProfile = { type: 'Localhost', localhostProfile: 'unconf' }; }), 6],
      ['a run annotation naming the Localhost AppArmor profile u', () => {
        const r = taskRun();
        r.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/step-build': 'localhost/u' };
        return r;
      }, 8],
      ['a Localhost AppArmor profile named unconfined in a pod template', () => runWithPod((pod) => {
        pod.securityContext.appArmorProfile = { type: 'Localhost', localhostProfile: 'unconfined' };
      }), 7],
      ['a run annotation naming the Localhost AppArmor profile unconfined', () => {
        const r = taskRun();
        r.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/step-build': 'localhost/unconfined' };
        return r;
      }, 8],
      ['a run annotation turning AppArmor off', () => {
        const r = taskRun();
        r.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/step-build': 'Unconfined' };
        return r;
      }, 8],
      ['a run annotation turning seccomp off', () => {
        const r = clone(EX.pipelineRun);
        r.metadata.annotations = { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' };
        return r;
      }, 8],
    ])('refused: %s', async (_, build, i) => {
      const obj = build();
      expect((await admit(hostPolicy, obj)).refusals).toEqual([M(i)]);
      expect(catalogueFinds(obj, rules)).toEqual(rules);
    });

    test.each<[string, () => any]>([
      ['a container SELinux type and level', () => sc((c) => { c.seLinuxOptions = { type: 'container_t', level: 's0:c1,c2' }; })],
      ['empty SELinux fields', () => sc((c) => { c.seLinuxOptions = { type: '', user: '', role: '' }; })],
      ['procMount Default', () => sc((c) => { c.procMount = 'Default'; })],
      ['a RuntimeDefault AppArmor profile', () => sc((c) => { c.appArmorProfile = { type: 'RuntimeDefault' }; })],
      ['a Localhost AppArmor profile of another name', () => sc((c) => { c.appArmorProfile = { type: 'Localhost', localhostProfile: 'k8s-build' }; })],
      ['a Localhost AppArmor profile whose name starts with unconfined', () => sc((c) => { c.appArmorProfile = { type: 'Localhost', localhostProfile: 'unconfined2' }; })],
      ['safe sysctls', () => runWithPod((pod) => { pod.securityContext.sysctls = [{ name: 'net.ipv4.tcp_syncookies', value: '1' }]; })],
      ['a profile annotation that keeps the profile', () => {
        const r = taskRun();
        r.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/step-build': 'runtime/default' };
        return r;
      }],
      ['a seccomp annotation naming a Localhost profile unconfined (a file of that name, not the kernel\'s no-profile)', () => {
        const r = taskRun();
        r.metadata.annotations = { 'seccomp.security.alpha.kubernetes.io/pod': 'localhost/unconfined' };
        return r;
      }],
      ['a profile annotation on a Task (not copied to pods)', () => withAnnotation(GO_BUILD, RuleId.IMAGE_DIGEST)],
    ])('admitted: %s', async (_, build) => {
      const obj = build();
      expect((await admit(hostPolicy, obj)).refusals).toEqual([]);
      expect(catalogueFinds(obj, rules)).toEqual([]);
    });

    test('records (DEFAULT_ISOLATION listed): step/<name> for a container, * for a run annotation; NO_HOST_ACCESS records do not count', async () => {
      // DEFAULT_ISOLATION's records are honoured only when listed
      const listed = everyRule.policy(HOST_POLICY);
      const L = (i: number) => message(listed, i);
      const bad = sc((c) => { c.procMount = 'Unmasked'; });
      expect((await admit(hostPolicy, withAnnotation(bad, RuleId.DEFAULT_ISOLATION, 'step/build: the build runs nested containers'))).refusals).toEqual([M(6)]);
      expect((await admit(listed, withAnnotation(bad, RuleId.DEFAULT_ISOLATION, 'step/build: the build runs nested containers')))).toEqual({ matched: true, refusals: [] });
      expect((await admit(listed, withAnnotation(bad, RuleId.DEFAULT_ISOLATION, 'step/test: the build runs nested containers'))).refusals).toEqual([L(6)]);
      expect((await admit(listed, withAnnotation(bad, RuleId.NO_HOST_ACCESS, '*: the build runs nested containers'))).refusals).toEqual([L(6)]);
      const r = taskRun();
      r.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/step-build': 'unconfined' };
      expect((await admit(listed, withAnnotation(r, RuleId.DEFAULT_ISOLATION, 'step/build: the build runs nested containers'))).refusals).toEqual([L(8)]);
      expect((await admit(listed, withAnnotation(r, RuleId.DEFAULT_ISOLATION, '*: the build runs nested containers'))).refusals).toEqual([]);
    });
  });

  describe('RUN_POD_OVERRIDES, RUN_POD_SECURITY_CONTEXT, RUN_TOKEN_AUTOMOUNT: run pod templates', () => {
    const M = (i: number) => message(podPolicy, i);
    const rules = [RuleId.RUN_POD_OVERRIDES, RuleId.RUN_POD_SECURITY_CONTEXT, RuleId.RUN_TOKEN_AUTOMOUNT];
    const cp = 'node-role.kubernetes.io/control-plane';

    test.each<[string, (pod: any) => void, number, RuleId]>([
      ['env for every container', (pod) => { pod.env = [{ name: 'LD_PRELOAD', value: '/tmp/x.so' }]; }, 0, RuleId.RUN_POD_OVERRIDES],
      ['hostAliases', (pod) => { pod.hostAliases = [{ ip: '10.0.0.66', hostnames: ['github.com'] }]; }, 1, RuleId.RUN_POD_OVERRIDES],
      ['dnsPolicy None', (pod) => { pod.dnsPolicy = 'None'; }, 1, RuleId.RUN_POD_OVERRIDES],
      ['DNS servers', (pod) => { pod.dnsConfig = { nameservers: ['10.0.0.53'] }; }, 1, RuleId.RUN_POD_OVERRIDES],
      ['DNS search domains', (pod) => { pod.dnsConfig = { searches: ['attacker.example'] }; }, 1, RuleId.RUN_POD_OVERRIDES],
      ['a control-plane nodeSelector', (pod) => { pod.nodeSelector = { [cp]: '' }; }, 2, RuleId.RUN_POD_OVERRIDES],
      ['required node affinity to the control plane, NotIn', (pod) => {
        pod.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: cp, operator: 'NotIn', values: ['x'] }] }] } } };
      }, 2, RuleId.RUN_POD_OVERRIDES],
      ['required node affinity to the control plane', (pod) => {
        pod.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: cp, operator: 'Exists' }] }] } } };
      }, 2, RuleId.RUN_POD_OVERRIDES],
      ['preferred node affinity to the masters (matchFields)', (pod) => {
        pod.affinity = { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchFields: [{ key: 'node-role.kubernetes.io/master', operator: 'Exists' }] } }] } };
      }, 2, RuleId.RUN_POD_OVERRIDES],
      ['a toleration of every taint', (pod) => { pod.tolerations = [{ operator: 'Exists' }]; }, 2, RuleId.RUN_POD_OVERRIDES],
      ['a toleration of every taint with a null key', (pod) => { pod.tolerations = [{ operator: 'Exists', key: null }]; }, 2, RuleId.RUN_POD_OVERRIDES],
      ['a toleration of the control plane\'s taint', (pod) => { pod.tolerations = [{ key: cp, operator: 'Exists', effect: 'NoSchedule' }]; }, 2, RuleId.RUN_POD_OVERRIDES],
      ['a system priority class', (pod) => { pod.priorityClassName = 'system-node-critical'; }, 3, RuleId.RUN_POD_OVERRIDES],
      ['runAsUser 0', (pod) => { pod.securityContext.runAsUser = 0; }, 5, RuleId.RUN_POD_SECURITY_CONTEXT],
      ['runAsGroup 0', (pod) => { pod.securityContext.runAsGroup = 0; }, 5, RuleId.RUN_POD_SECURITY_CONTEXT],
      ['fsGroup 0', (pod) => { pod.securityContext.fsGroup = 0; }, 5, RuleId.RUN_POD_SECURITY_CONTEXT],
      ['the root group as a supplemental group', (pod) => { pod.securityContext.supplementalGroups = [65532, 0]; }, 5, RuleId.RUN_POD_SECURITY_CONTEXT],
      // a pod-level profile applies to the containers that set none: Tekton's init containers (prepare, place-scripts) by default
      ['seccomp Unconfined', (pod) => { pod.securityContext.seccompProfile = { type: 'Unconfined' }; }, 11, RuleId.RUN_POD_SECURITY_CONTEXT],
      ['a projected ServiceAccount token', (pod) => {
        pod.volumes = [{ name: 'token', projected: { sources: [{ configMap: { name: 'ca' } }, { serviceAccountToken: { path: 'token', audience: 'vault' } }] } }];
      }, 6, RuleId.RUN_TOKEN_AUTOMOUNT],
      // Tekton substitutes the TaskRun's params into the pod template
      ['a param as dnsPolicy', (pod) => { pod.dnsPolicy = '$(params.dns)'; }, 4, RuleId.RUN_POD_OVERRIDES],
      ['a param as a nodeSelector key', (pod) => { pod.nodeSelector = { '$(params.node-label)': '' }; }, 4, RuleId.RUN_POD_OVERRIDES],
      ['a param as a toleration\'s operator', (pod) => { pod.tolerations = [{ operator: '$(params.op)' }]; }, 4, RuleId.RUN_POD_OVERRIDES],
      ['a param in node affinity values', (pod) => {
        pod.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'In', values: ['$(params.pool)'] }] }] } } };
      }, 4, RuleId.RUN_POD_OVERRIDES],
      ['a param as the priority class', (pod) => { pod.priorityClassName = '$(params["priority"])'; }, 4, RuleId.RUN_POD_OVERRIDES],
      ['a param as the SELinux type', (pod) => { pod.securityContext.seLinuxOptions = { type: '$(params.t)' }; }, 4, RuleId.RUN_POD_OVERRIDES],
      ['a param as a Secret volume\'s name', (pod) => { pod.volumes = [{ name: 'creds', secret: { secretName: '$(params.secret)' } }]; }, 4, RuleId.RUN_POD_OVERRIDES],
      ['a param as a Secret volume item\'s key', (pod) => {
        pod.volumes = [{ name: 'creds', secret: { secretName: 'ci', items: [{ key: '$(params.key)', path: 'token' }] } }];
      }, 4, RuleId.RUN_POD_OVERRIDES],
      ['a param as a projected Secret\'s name', (pod) => { pod.volumes = [{ name: 'p', projected: { sources: [{ secret: { name: '$(params.s)' } }] } }]; }, 4, RuleId.RUN_POD_OVERRIDES],
      ['a param as a CSI nodePublishSecretRef', (pod) => {
        pod.volumes = [{ name: 'c', csi: { driver: 'x.example.com', nodePublishSecretRef: { name: '$(params.s)' } } }];
      }, 4, RuleId.RUN_POD_OVERRIDES],
      ['a param as a CSI volume attribute', (pod) => {
        pod.volumes = [{ name: 'c', csi: { driver: 'secrets-store.csi.k8s.io', volumeAttributes: { secretProviderClass: '$(params.spc)' } } }];
      }, 4, RuleId.RUN_POD_OVERRIDES],
      ['a param as a ConfigMap volume\'s name', (pod) => { pod.volumes = [{ name: 'cm', configMap: { name: '$(params["cm"])' } }]; }, 4, RuleId.RUN_POD_OVERRIDES],
      ['a param as a volume\'s name', (pod) => { pod.volumes = [{ name: '$(params.v)', emptyDir: {} }]; }, 4, RuleId.RUN_POD_OVERRIDES],
      ['a param as a topology spread key', (pod) => {
        pod.topologySpreadConstraints = [{ maxSkew: 1, topologyKey: '$(params.k)', whenUnsatisfiable: 'DoNotSchedule' }];
      }, 4, RuleId.RUN_POD_OVERRIDES],
      ['a param as a topology spread label', (pod) => {
        pod.topologySpreadConstraints = [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: '$(params.app)' } } }];
      }, 4, RuleId.RUN_POD_OVERRIDES],
      ['a param in a pod anti-affinity term\'s namespaces', (pod) => {
        pod.affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', namespaces: ['$(params.ns)'] }] } };
      }, 4, RuleId.RUN_POD_OVERRIDES],
      ['a param in a preferred pod affinity term\'s selector key', (pod) => {
        const podAffinityTerm = { topologyKey: 'zone', labelSelector: { matchExpressions: [{ key: '$(params.k)', operator: 'Exists' }] } };
        pod.affinity = { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm }] } };
      }, 4, RuleId.RUN_POD_OVERRIDES],
      ['a param as a sysctl', (pod) => { pod.securityContext.sysctls = [{ name: 'net.ipv4.ping_group_range', value: '$(params.range)' }]; }, 4, RuleId.RUN_POD_OVERRIDES],
      ['a param as supplementalGroupsPolicy', (pod) => { pod.securityContext.supplementalGroupsPolicy = '$(params.p)'; }, 4, RuleId.RUN_POD_OVERRIDES],
      ['a param as fsGroupChangePolicy', (pod) => { pod.securityContext.fsGroupChangePolicy = '$(params.p)'; }, 4, RuleId.RUN_POD_OVERRIDES],
      ['a param as seLinuxChangePolicy', (pod) => { pod.securityContext.seLinuxChangePolicy = '$(params.p)'; }, 4, RuleId.RUN_POD_OVERRIDES],
    ])('refused in a TaskRun podTemplate, a PipelineRun\'s run-wide and per-task ones: %s', async (_, change, i, rule) => {
      const objects = [
        runWithPod((pod) => change(pod)),
        (() => { const r = clone(EX.pipelineRun); change(r.spec.taskRunTemplate.podTemplate); return r; })(),
        runWithTaskPod((pod) => { pod.securityContext = {}; change(pod); }),
      ];
      for (const obj of objects) {
        expect((await admit(podPolicy, obj)).refusals).toEqual([M(i)]);
        expect(catalogueFinds(obj, rules)).toEqual([rule]);
      }
    });

    test('DNS search domains: refused with the message naming them, an empty list admitted, as the catalogue', async () => {
      expect(M(1)).toBe('A run pod template redirects host names (hostAliases, dnsConfig.searches: a short name is looked up under its domains'
        + ' first) or replaces the DNS servers (dnsPolicy None, dnsConfig.nameservers) [RUN_POD_OVERRIDES]. Remove hostAliases, dnsPolicy None,'
        + ' dnsConfig.nameservers and dnsConfig.searches from the pod template, or record a relaxation: annotation'
        + ' secure-tekton/relax.RUN_POD_OVERRIDES: "<target, or * for the whole object>: <why, at least 10 characters>".');
      const searching = runWithPod((pod) => { pod.dnsConfig = { searches: ['corp.example', 'attacker.example'], options: [{ name: 'ndots', value: '2' }] }; });
      expect((await admit(podPolicy, searching)).refusals).toEqual([M(1)]);
      expect(catalogueFinds(searching, rules)).toEqual([RuleId.RUN_POD_OVERRIDES]);
      const empty = runWithPod((pod) => { pod.dnsConfig = { searches: [], options: [{ name: 'ndots', value: '2' }] }; });
      expect((await admit(podPolicy, empty)).refusals).toEqual([]);
      expect(catalogueFinds(empty, rules)).toEqual([]);
    });

    test('a param in each string Tekton substitutes params into (POD_TEMPLATE_SUBSTITUTED_PATHS) is refused and found there', () => {
      const PARAM = '$(params.x)';
      /** A pod template with a param at `path` (in a map's key or value), and the catalogue's property for it. */
      const place = (segments: string[], inKey: boolean): [any, string] => {
        if (segments.length === 0) return [PARAM, ''];
        const [, name, suffix] = /^([^[{]+)(.*)$/.exec(segments[0])!;
        let [value, rest] = place(segments.slice(1), inKey);
        let at = name;
        if (suffix === '[]') {
          value = [value];
          at += '[0]';
        } else if (suffix !== '') {
          const key = inKey ? PARAM : 'k';
          value = { [key]: inKey ? 'v' : value };
          at += `.${key}`;
        }
        return [{ [name]: value }, rest === '' ? at : `${at}.${rest}`];
      };
      const cases = POD_TEMPLATE_SUBSTITUTED_PATHS.flatMap((p) => (p.endsWith('{}') ? [true, false] : [false]).map((inKey) => place(p.split('.'), inKey)));
      expect(cases).toHaveLength(108);
      const objects = cases.map(([pod]) => { const r = taskRun(); r.spec.podTemplate = pod; return r; });
      const [result] = evaluateCases([{ policies: [podPolicy], requests: objects.map((object) => ({ object, namespaceName: 'ci' })) }]);
      const PROBLEM = /^lets a caller choose it/;
      const seen = result.requests.map((r, i) => `${cases[i][1]}: policy ${r.verdicts[0].denials.some((d) => d.message === M(4))},`
        + ` catalogue ${RUN_POD_OVERRIDES.check(objects[i]).filter((f) => PROBLEM.test(f.problem)).map((f) => f.property).join(' ')}`);
      expect(seen).toEqual(cases.map(([, at]) => `${at}: policy true, catalogue podTemplate.${at}`));
    });

    test('params in env and a projected token\'s audience are refused by the param check too', async () => {
      const objects = [
        runWithPod((pod) => { pod.env = [{ name: 'X', valueFrom: { secretKeyRef: { name: '$(params.s)', key: 'k' } } }]; }),
        runWithTaskPod((pod) => { pod.volumes = [{ name: 't', projected: { sources: [{ serviceAccountToken: { path: 't', audience: '$(params.aud)' } }] } }]; }),
      ];
      expect((await admit(podPolicy, objects[0])).refusals).toEqual([M(0), M(4)]);
      expect((await admit(podPolicy, objects[1])).refusals).toEqual([M(4), M(6)]);
      expect(RUN_POD_OVERRIDES.check(objects[0]).map((f) => f.property)).toEqual(['podTemplate.env', 'podTemplate.env[0].valueFrom.secretKeyRef.name']);
      expect(RUN_POD_OVERRIDES.check(objects[1]).map((f) => f.property)).toEqual(['podTemplate.volumes[0].projected.sources[0].serviceAccountToken.audience']);
    });

    test('a ServiceAccount token projected through a run\'s workspace binding or a volume of a task spec (a run\'s, a Task\'s, a Pipeline\'s) is refused', async () => {
      const token = { serviceAccountToken: { path: 'token', audience: 'api' } };
      const bound = taskRun();
      bound.spec.workspaces.push({ name: 'kube', projected: { sources: [{ configMap: { name: 'ca' } }, token] } });
      expect((await admit(podPolicy, bound)).refusals).toEqual([M(10)]);
      expect(M(10)).toMatch(/^A run binds a workspace to a projected volume with a ServiceAccount token .* \[RUN_TOKEN_AUTOMOUNT\]\. /);
      expect(RUN_TOKEN_AUTOMOUNT.check(bound).filter((f) => f.problem !== 'is not false')).toEqual([{
        rule: RuleId.RUN_TOKEN_AUTOMOUNT,
        kind: 'TaskRun',
        name: 'go-build-run-',
        location: "workspace 'kube'",
        property: 'workspaces.projected',
        value: 'kube',
        problem: 'projects a ServiceAccount token into the pods that mount the workspace',
      }]);
      const embedded = taskRun();
      embedded.spec.taskSpec.volumes = [{ name: 'tok', projected: { sources: [token] } }];
      const last = hostPolicy.spec.validations.length - 1;
      expect((await admit(hostPolicy, embedded)).refusals).toEqual([message(hostPolicy, last)]);
      expect(message(hostPolicy, last)).toBe("A task spec (a Task's, a Pipeline's task or one a run embeds) projects a ServiceAccount token into its pods"
        + ' (volumes[].projected.sources[].serviceAccountToken) [RUN_TOKEN_AUTOMOUNT]. Remove the serviceAccountToken projection,'
        + ' or record a relaxation: annotation secure-tekton/relax.RUN_TOKEN_AUTOMOUNT: "<target, or * for the whole object>: <why, at least 10 characters>".');
      expect(RUN_TOKEN_AUTOMOUNT.check(embedded).filter((f) => f.problem !== 'is not false')).toEqual([{
        rule: RuleId.RUN_TOKEN_AUTOMOUNT, kind: 'TaskRun', name: 'go-build-run-', property: 'volumes', value: 'tok', problem: 'projects a ServiceAccount token into the pod',
      }]);
      // a Task's own volumes, and a Pipeline's task's, are refused too: a TaskRun by taskRef, and the TaskRuns of the Pipeline's runs, carry
      // no spec to refuse here, and the TaskRuns Tekton makes of the Pipeline's embedded task would be refused (the Pipeline could never run)
      const task = clone(GO_BUILD);
      task.spec.volumes = [{ name: 'tok', projected: { sources: [token] } }];
      const pipeline = hardenedEmbeddedPipeline();
      pipeline.spec.tasks[0].taskSpec.volumes = [{ name: 'tok', projected: { sources: [token] } }];
      const reason = 'the step reads its own pods through the API, audience api';
      for (const [obj, target] of [[embedded, '*'], [task, '*'], [pipeline, `task/${pipeline.spec.tasks[0].name}`]]) {
        expect((await admit(hostPolicy, obj)).refusals).toEqual([message(hostPolicy, last)]);
        // a record relaxes it, at its target
        expect((await admit(hostPolicy, withAnnotation(obj, RuleId.RUN_TOKEN_AUTOMOUNT, `${target}: ${reason}`))).refusals).toEqual([]);
      }
      expect((await admit(hostPolicy, withAnnotation(pipeline, RuleId.RUN_TOKEN_AUTOMOUNT, `task/${pipeline.spec.tasks[1].name}: ${reason}`))).refusals)
        .toEqual([message(hostPolicy, last)]);
      expect((await admit(podPolicy, withAnnotation(bound, RuleId.RUN_TOKEN_AUTOMOUNT, `*: ${reason}`))).refusals).toEqual([]);
    });

    test("labels Tekton gives a pipeline task's pods, set by a run: taskRunSpecs metadata, a TaskRun Tekton did not make; as the catalogue finds them", async () => {
      const spoofed = runWithTaskPod((_, r) => { r.spec.taskRunSpecs[0].metadata = { labels: { 'tekton.dev/pipelineTask': 'clone' } }; });
      expect((await admit(podPolicy, spoofed)).refusals).toEqual([M(8)]);
      expect(catalogueFinds(spoofed, rules)).toEqual([RuleId.RUN_POD_OVERRIDES]);
      const byHand = taskRun();
      byHand.metadata.labels = { 'tekton.dev/pipeline': 'release', 'tekton.dev/pipelineTask': 'clone' };
      expect((await admit(podPolicy, byHand)).refusals).toEqual([M(9)]);
      expect(catalogueFinds(byHand, rules)).toEqual([RuleId.RUN_POD_OVERRIDES]);
      // the controller makes such TaskRuns; another writer's update that leaves the labels as they were (Chains signing it) is admitted, one that changes them is not
      expect((await admit(podPolicy, byHand, CONTROLLER)).refusals).toEqual([]);
      const signed = clone(byHand);
      signed.metadata.annotations = { 'chains.tekton.dev/signed': 'true' };
      const update = async (object: any, oldObject: any) => (await verdict(podPolicy, { operation: 'UPDATE', object, oldObject, userInfo: { username: 'system:serviceaccount:tekton-chains:tekton-chains-controller' } }))
        .denials.map((d) => d.message);
      expect(await update(signed, byHand)).toEqual([]);
      const moved = clone(byHand);
      moved.metadata.labels['tekton.dev/pipelineTask'] = 'push';
      expect(await update(moved, byHand)).toEqual([M(9)]);
      // other labels, and a whole-object record
      const labelled = taskRun();
      labelled.metadata.labels = { 'app.kubernetes.io/name': 'build' };
      expect((await admit(podPolicy, labelled)).refusals).toEqual([]);
      expect(M(8)).toBe("A PipelineRun's taskRunSpecs[].metadata.labels set a tekton.dev/ label, which wins over the one Tekton gives the task's TaskRun and pod: the "
        + "NetworkPolicies that select pods by it (another task's or another pipeline's egress) would select this task's pods [RUN_POD_OVERRIDES]. Remove the label: "
        + 'Tekton sets it.');
      // whatever the records say: the record's writer is the run's, and the task would take the egress of the task it names
      expect((await admit(podPolicy, withAnnotation(spoofed, RuleId.RUN_POD_OVERRIDES, `task/build: ${REASON}`))).refusals).toEqual([M(8)]);
      expect((await admit(podPolicy, withAnnotation(byHand, RuleId.RUN_POD_OVERRIDES, `*: ${REASON}`))).refusals).toEqual([M(9)]);
    });

    test("a Task's labels Tekton gives a pipeline task's pods: refused, as the catalogue finds them (Tekton copies them onto the Task's TaskRuns and pods)", async () => {
      const last = podPolicy.spec.validations.findIndex((v: any) => v.message.startsWith('A Task sets a label'));
      expect(M(last)).toBe('A Task sets a label Tekton gives only the TaskRuns of a PipelineRun (tekton.dev/pipeline, pipelineTask, pipelineRun or memberOf), which Tekton'
        + " copies onto every TaskRun of the Task that lacks it (one no PipelineRun made) and its pod: the NetworkPolicies that select that pipeline task's pods"
        + ' (its egress) would select this one [RUN_POD_OVERRIDES]. Remove the label: Tekton sets it.');
      for (const labels of [{ 'tekton.dev/pipelineTask': 'deploy' }, { 'tekton.dev/pipeline': 'release' }, { 'tekton.dev/pipelineRun': 'release-x7k2p' }, { 'tekton.dev/memberOf': 'tasks' }]) {
        const task = clone(GO_BUILD);
        task.metadata.labels = { 'app.kubernetes.io/version': '0.9', ...labels };
        expect(await admit(podPolicy, task)).toEqual({ matched: true, refusals: [M(last)] });
        expect(catalogueFinds(task, rules)).toEqual([RuleId.RUN_POD_OVERRIDES]);
        // whoever writes it: the controller never writes Tasks
        expect((await admit(podPolicy, task, CONTROLLER)).refusals).toEqual([M(last)]);
        // whatever the records say: a Task a resolver fetches is dry-run created with the records its publisher wrote
        expect((await admit(podPolicy, withAnnotation(task, RuleId.RUN_POD_OVERRIDES, `*: ${REASON}`), CONTROLLER)).refusals).toEqual([M(last)]);
      }
      // other labels, and Tasks without labels; a Pipeline's labels never override these (Tekton writes them over the run's)
      const labelled = clone(GO_BUILD);
      labelled.metadata.labels = { 'tekton.dev/task': 'go-build', 'app.kubernetes.io/name': 'build' };
      expect(await admit(podPolicy, labelled)).toEqual({ matched: true, refusals: [] });
      expect(await admit(podPolicy, GO_BUILD)).toEqual({ matched: true, refusals: [] });
    });

    test("the secure-tekton/pipeline label the pipeline's NetworkPolicies select on: a run, an embedded task spec or a Pipeline of another name may not set it, whatever the records say", async () => {
      const at = (start: string) => podPolicy.spec.validations.findIndex((v: any) => v.message.startsWith(start));
      const [OWN, RUN, SPECS, EMBEDDED, PIPE] = [at('A Task or a TaskRun sets the secure-tekton'), at('A PipelineRun sets the secure-tekton'),
        at("A PipelineRun's taskRunSpecs[].metadata.labels set the secure-tekton"), at('A task spec a pipeline task embeds'), at("A Pipeline's secure-tekton")];
      const FIX = "Remove the label: a SecurePipeline writes secure-tekton/pipeline on its Pipeline, with the Pipeline's name, and Tekton copies it onto the pods of its runs.";
      expect(M(OWN)).toBe("A Task or a TaskRun sets the secure-tekton/pipeline label, which Tekton copies onto the TaskRun's pod (a Task's onto each TaskRun of it that"
        + " lacks it, one no PipelineRun made): the NetworkPolicies of the pipeline it names (that pipeline's egress) would select that pod [RUN_POD_OVERRIDES]. " + FIX);
      expect(M(RUN)).toBe('A PipelineRun sets the secure-tekton/pipeline label (other than the pipelineRef.name of the Pipeline it runs by name), which wins over the one'
        + " Tekton copies from the Pipeline onto the run's TaskRuns and pods: the NetworkPolicies of the pipeline it names (that pipeline's egress) would select them"
        + ` [RUN_POD_OVERRIDES]. ${FIX}`);
      expect(M(SPECS)).toBe("A PipelineRun's taskRunSpecs[].metadata.labels set the secure-tekton/pipeline label, which wins over the one Tekton copies from the Pipeline"
        + " onto the task's TaskRun and pod: the NetworkPolicies of the pipeline it names (that pipeline's egress) would select this task's pods [RUN_POD_OVERRIDES]. " + FIX);
      expect(M(EMBEDDED)).toBe("A task spec a pipeline task embeds (in a Pipeline, a PipelineRun's pipelineSpec or a pipelineSpec a pipeline task embeds) sets the"
        + " secure-tekton/pipeline label in its metadata.labels, which Tekton copies onto the task's TaskRun and pod where the PipelineRun lacks it (a run that embeds"
        + " its pipelineSpec): the NetworkPolicies of the pipeline it names (that pipeline's egress) would select this task's pods [RUN_POD_OVERRIDES]. " + FIX);
      expect(M(PIPE)).toBe("A Pipeline's secure-tekton/pipeline label is not its own name, and Tekton copies it onto the TaskRuns and pods of the Pipeline's runs: the"
        + " NetworkPolicies of the pipeline it names (that pipeline's egress) would select them [RUN_POD_OVERRIDES]. Remove the label, or give it the Pipeline's metadata.name.");
      const refusedEvenRelaxed = async (obj: any, refusals: string[]) => {
        expect((await admit(podPolicy, obj)).refusals).toEqual(refusals);
        expect(catalogueFinds(obj, rules)).toEqual([RuleId.RUN_POD_OVERRIDES]);
        // a record is written by whoever writes the object: it would give its pods a pipeline's egress
        expect((await admit(podPolicy, withAnnotation(obj, RuleId.RUN_POD_OVERRIDES, `*: ${REASON}`))).refusals).toEqual(refusals);
      };
      // a Task's, and a TaskRun's that the controller did not make
      const task = clone(GO_BUILD);
      task.metadata.labels = { 'secure-tekton/pipeline': 'release' };
      await refusedEvenRelaxed(task, [M(OWN)]);
      expect((await admit(podPolicy, task, CONTROLLER)).refusals).toEqual([M(OWN)]);
      const byHand = taskRun();
      byHand.metadata.labels = { 'secure-tekton/pipeline': 'release', 'tekton.dev/pipelineTask': 'push' };
      const tektons = podPolicy.spec.validations.findIndex((v: any) => v.message.startsWith('A TaskRun sets a label Tekton gives only'));
      expect((await admit(podPolicy, byHand)).refusals).toEqual([M(tektons), M(OWN)]);
      // no record exempts either
      expect((await admit(podPolicy, withAnnotation(byHand, RuleId.RUN_POD_OVERRIDES, `*: ${REASON}`))).refusals).toEqual([M(tektons), M(OWN)]);
      expect((await admit(podPolicy, byHand, CONTROLLER)).refusals).toEqual([]);
      expect((await verdict(podPolicy, { operation: 'UPDATE', object: byHand, oldObject: byHand, userInfo: { username: 'jane@example.com' } })).denials).toEqual([]);
      // a run named release that embeds its pipelineSpec (tekton.dev/pipeline: release) and sets the label
      const embedded: any = {
        apiVersion: 'tekton.dev/v1',
        kind: 'PipelineRun',
        metadata: { name: 'release', namespace: 'ci', labels: { 'secure-tekton/pipeline': 'release' } },
        spec: { pipelineSpec: { tasks: [{ name: 'push', taskSpec: { steps: [{ name: 's', image: 'alpine' }] } }] } },
      };
      await refusedEvenRelaxed(embedded, [M(RUN)]);
      // the run of a Pipeline by name may carry its name (Tekton copies it); through a resolver it may not; the controller writes the fetched Pipeline's
      const byName = clone(EX.pipelineRun);
      byName.metadata.labels = { 'secure-tekton/pipeline': byName.spec.pipelineRef.name };
      expect((await admit(podPolicy, byName)).refusals).toEqual([]);
      byName.metadata.labels = { 'secure-tekton/pipeline': 'release' };
      await refusedEvenRelaxed(byName, [M(RUN)]);
      // (the controller's update that writes the label of the Pipeline it fetched on the run)
      const unlabelled = clone(byName);
      delete unlabelled.metadata.labels;
      expect((await verdict(podPolicy, { operation: 'UPDATE', object: byName, oldObject: unlabelled, userInfo: { username: CONTROLLER } })).denials).toEqual([]);
      // the child PipelineRun the controller creates for a pipeline task that runs a pipeline (alpha) carries every label of its parent run
      // (tektoncd/pipeline v1.15 createChildPipelineRun): its tasks would take the parent pipeline's egress by their names
      const child: any = {
        apiVersion: 'tekton.dev/v1',
        kind: 'PipelineRun',
        metadata: {
          name: 'release-run-sub',
          namespace: 'ci',
          labels: { 'secure-tekton/pipeline': 'release', 'tekton.dev/pipeline': 'sub', 'tekton.dev/pipelineRun': 'release-run', 'tekton.dev/pipelineTask': 'sub' },
          ownerReferences: [{ apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', name: 'release-run', uid: '0c1f5f1e-6d0b-4f5e-9b44-3c6f0f7f2a10', controller: true }],
        },
        spec: { pipelineRef: { resolver: 'git', params: [{ name: 'url', value: 'https://github.com/example/pipelines' }, { name: 'pathInRepo', value: 'sub.yaml' }] } },
      };
      expect((await admit(podPolicy, child, CONTROLLER)).refusals).toEqual([M(RUN)]);
      delete child.metadata.labels['secure-tekton/pipeline'];
      expect((await admit(podPolicy, child, CONTROLLER)).refusals).toEqual([]);
      const signed = clone(byName);
      signed.metadata.annotations = { 'chains.tekton.dev/signed': 'true' };
      expect((await verdict(podPolicy, { operation: 'UPDATE', object: signed, oldObject: byName, userInfo: { username: 'jane@example.com' } })).denials).toEqual([]);
      // taskRunSpecs labels win over the run's
      const specs = clone(EX.pipelineRun);
      specs.spec.taskRunSpecs = [{ pipelineTaskName: 'build', metadata: { labels: { 'secure-tekton/pipeline': 'release' } } }];
      await refusedEvenRelaxed(specs, [M(SPECS)]);
      // an embedded task spec's labels, in a run's pipelineSpec, in a Pipeline, two pipelineSpecs down
      const labelled = { steps: [{ name: 's', image: 'alpine' }], metadata: { labels: { 'secure-tekton/pipeline': 'release' } } };
      const inRun = clone(embedded);
      delete inRun.metadata.labels;
      inRun.spec.pipelineSpec.tasks[0].taskSpec = labelled;
      await refusedEvenRelaxed(inRun, [M(EMBEDDED)]);
      for (const levels of [0, 2]) expect((await admit(podPolicy, nestedPipeline(labelled, levels))).refusals).toEqual([M(EMBEDDED)]);
      // a Pipeline's label: its own name only
      const evil: any = { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'evil', namespace: 'ci', labels: { 'secure-tekton/pipeline': 'release' } }, spec: { tasks: [] } };
      await refusedEvenRelaxed(evil, [M(PIPE)]);
      evil.metadata.labels['secure-tekton/pipeline'] = 'evil';
      expect(await admit(podPolicy, evil)).toEqual({ matched: true, refusals: [] });
      expect(EX.pipeline.metadata.labels).toEqual(expect.objectContaining({ 'secure-tekton/pipeline': EX.pipeline.metadata.name }));
      expect(await admit(podPolicy, EX.pipeline)).toEqual({ matched: true, refusals: [] });
      expect(await admit(podPolicy, embeddedPipeline())).toEqual({ matched: true, refusals: [] });
    });

    test('a pod-level seccompProfile other than RuntimeDefault or Localhost: the message; a record of RUN_POD_SECURITY_CONTEXT for its task exempts it', async () => {
      expect(M(11)).toBe('A run pod template sets a securityContext.seccompProfile whose type is not RuntimeDefault or Localhost (Unconfined turns seccomp off),'
        + " which every container that sets none inherits, Tekton's init containers among them [RUN_POD_SECURITY_CONTEXT]. Set seccompProfile: { type: RuntimeDefault },"
        + ' or record a relaxation: annotation secure-tekton/relax.RUN_POD_SECURITY_CONTEXT: "<target, or * for the whole object>: <why, at least 10 characters>".');
      const perTask = runWithTaskPod((pod) => { pod.securityContext = { seccompProfile: { type: 'Unconfined' } }; });
      expect((await admit(podPolicy, perTask)).refusals).toEqual([M(11)]);
      const reason = 'the profiler task traces syscalls with ptrace';
      expect((await admit(podPolicy, withAnnotation(perTask, RuleId.RUN_POD_SECURITY_CONTEXT, `task/build: ${reason}`))).refusals).toEqual([]);
      // a profile without a type, which the API server refuses in a pod (the catalogue finds its type missing)
      const untyped = runWithPod((pod) => { pod.securityContext.seccompProfile = { localhostProfile: 'profiles/ci.json' }; });
      expect((await admit(podPolicy, untyped)).refusals).toEqual([M(11)]);
      expect(RUN_POD_SECURITY_CONTEXT.check(untyped).map((f) => f.property)).toContain('podTemplate.securityContext.seccompProfile.type');
      // as a v1beta1 TaskRun (podTemplate), converted to v1
      const beta = runWithPod((pod) => { pod.securityContext.seccompProfile = { type: 'Unconfined' }; });
      beta.apiVersion = 'tekton.dev/v1beta1';
      expect((await admit(podPolicy, beta)).refusals).toEqual([M(11)]);
    });

    test('a pod template that mounts the token again is refused, per task, run-wide or a TaskRun\'s, as the catalogue finds it; a record exempts its target', async () => {
      expect(M(7)).toBe("A run pod template (a TaskRun's podTemplate, a PipelineRun's taskRunTemplate.podTemplate or taskRunSpecs[].podTemplate) mounts the"
        + " ServiceAccount token again (automountServiceAccountToken: true), which wins over its ServiceAccount's automountServiceAccountToken: false"
        + ' [RUN_TOKEN_AUTOMOUNT]. Remove automountServiceAccountToken from the pod template,'
        + ' or record a relaxation: annotation secure-tekton/relax.RUN_TOKEN_AUTOMOUNT: "<target, or * for the whole object>: <why, at least 10 characters>".');
      const perTask = runWithTaskPod((pod) => { pod.automountServiceAccountToken = true; });
      const runWide = clone(EX.pipelineRun);
      runWide.spec.taskRunTemplate.podTemplate.automountServiceAccountToken = true;
      const ownPod = runWithPod((pod) => { pod.automountServiceAccountToken = true; });
      const reason = 'the step lists its own pods through the API';
      for (const [run, target, property] of [[perTask, 'task/build', 'podTemplate'], [runWide, '*', 'taskRunTemplate.podTemplate'], [ownPod, '*', 'podTemplate']]) {
        expect((await admit(podPolicy, run)).refusals).toEqual([M(7)]);
        expect(RUN_TOKEN_AUTOMOUNT.check(run).map((f) => [f.property, f.value])).toEqual([[`${property}.automountServiceAccountToken`, 'true']]);
        expect((await admit(podPolicy, withAnnotation(run, RuleId.RUN_TOKEN_AUTOMOUNT, `${target}: ${reason}`))).refusals).toEqual([]);
      }
      // a record of another task does not exempt the run-wide template; false, or the field left out, is admitted
      expect((await admit(podPolicy, withAnnotation(runWide, RuleId.RUN_TOKEN_AUTOMOUNT, `task/build: ${reason}`))).refusals).toEqual([M(7)]);
      expect((await admit(podPolicy, runWithPod((pod) => { pod.automountServiceAccountToken = false; }))).refusals).toEqual([]);
      expect((await admit(podPolicy, runWithPod((pod) => { delete pod.automountServiceAccountToken; }))).refusals).toEqual([]);
    });

    test.each<[string, (pod: any) => void]>([
      ['the library\'s template', () => undefined],
      ['another nodeSelector, affinity and toleration', (pod) => {
        pod.nodeSelector = { 'kubernetes.io/arch': 'arm64' };
        pod.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'In', values: ['ci'] }] }] } } };
        pod.tolerations = [{ key: 'dedicated', operator: 'Exists' }, { key: 'gpu', operator: 'Equal', value: 'true' }];
      }],
      ['node affinity that keeps the pods off the control plane (DoesNotExist)', (pod) => {
        const off = (key: string) => ({ matchExpressions: [{ key, operator: 'DoesNotExist' }] });
        pod.affinity = {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [off('node-role.kubernetes.io/control-plane')] },
            preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: off('node-role.kubernetes.io/master') }],
          },
        };
      }],
      ['DNS options without servers, dnsPolicy Default', (pod) => { pod.dnsPolicy = 'Default'; pod.dnsConfig = { options: [{ name: 'ndots', value: '2' }] }; }],
      ['empty env and hostAliases', (pod) => { pod.env = []; pod.hostAliases = []; }],
      ['a priority class of one\'s own', (pod) => { pod.priorityClassName = 'ci-low'; }],
      ['non-zero identities', (pod) => { Object.assign(pod.securityContext, { runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, supplementalGroups: [1000] }); }],
      ['a Localhost seccomp profile', (pod) => { pod.securityContext.seccompProfile = { type: 'Localhost', localhostProfile: 'profiles/ci.json' }; }],
      ['a projected volume without a token', (pod) => { pod.volumes = [{ name: 'p', projected: { sources: [{ downwardAPI: { items: [] } }] } }]; }],
      // Tekton leaves a param as it is written where it substitutes none
      ['a param where Tekton substitutes none', (pod) => {
        pod.volumes = [{ name: 'scratch', emptyDir: { medium: '$(params.m)' } }, { name: 'c', csi: { driver: 'x.example.com', volumeAttributes: { '$(params.k)': 'v' } } }];
        pod.topologySpreadConstraints = [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: '$(params.w)' }];
        pod.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: '$(params.op)' }] }] } } };
      }],
    ])('admitted: %s', async (_, change) => {
      const obj = runWithPod((pod) => change(pod));
      expect((await admit(podPolicy, obj)).refusals).toEqual([]);
      expect(catalogueFinds(obj, rules)).toEqual([]);
    });

    test('a per-task record task/<name> exempts that task\'s template only; the run-wide template needs *', async () => {
      const reason = 'the mirror is reached through a fixed address';
      const perTask = runWithTaskPod((pod, r) => {
        pod.hostAliases = [{ ip: '10.0.0.5', hostnames: ['mirror'] }];
        r.spec.taskRunSpecs[1].podTemplate.hostAliases = [{ ip: '10.0.0.5', hostnames: ['mirror'] }];
      });
      expect((await admit(podPolicy, withAnnotation(perTask, RuleId.RUN_POD_OVERRIDES, `task/build: ${reason}`))).refusals).toEqual([M(1)]);
      expect((await admit(podPolicy, withAnnotation(perTask, RuleId.RUN_POD_OVERRIDES, `task/build: ${reason}\ntask/push: ${reason}`))).refusals).toEqual([]);
      const runWide = runWithPod((pod) => { pod.hostAliases = [{ ip: '10.0.0.5', hostnames: ['mirror'] }]; pod.securityContext.runAsUser = 0; });
      expect((await admit(podPolicy, withAnnotation(runWide, RuleId.RUN_POD_OVERRIDES, `task/build: ${reason}`))).refusals).toEqual([M(1), M(5)]);
      expect((await admit(podPolicy, withAnnotation(runWide, RuleId.RUN_POD_OVERRIDES, `*: ${reason}`))).refusals).toEqual([M(5)]);
      expect((await admit(podPolicy, withAnnotation(withAnnotation(runWide, RuleId.RUN_POD_OVERRIDES, `*: ${reason}`), RuleId.RUN_POD_SECURITY_CONTEXT, `*: ${reason}`))).refusals)
        .toEqual([]);
      expect((await admit(strict.policy(POD_POLICY), withAnnotation(runWide, RuleId.RUN_POD_OVERRIDES, `*: ${reason}`))).refusals).toHaveLength(2);
    });

    test('Tasks and Pipelines are matched, for their labels alone', async () => {
      expect((await admit(podPolicy, GO_BUILD)).matched).toBe(true);
      expect((await admit(podPolicy, EX.pipeline)).matched).toBe(true);
    });
  });

  describe('SCRIPT_INJECTION', () => {
    const M = (i: number) => message(injectionPolicy, i);
    const rules = [RuleId.SCRIPT_INJECTION, RuleId.ARGUMENT_INJECTION];
    const script = (text: string) => goBuild((t) => { t.spec.steps[0].script = `#!/bin/sh\nset -eu\n${text}\n`; });
    const argv = (command: string[], args?: string[]) => goBuild((t) => {
      const s = t.spec.steps[0];
      delete s.script;
      s.command = command;
      if (args) s.args = args;
    });

    test('jq: a substitution in any of its arguments is refused, stricter than the catalogue, which reads --arg values and the operands after the program as data (but one a substitution starts before another argument)', async () => {
      for (const args of [['--arg', 'n', '$(params.revision)', '.x == $n'], ['-r', '.name', '$(params.revision)']]) {
        const obj = argv(['jq'], args);
        expect([args, (await admit(injectionPolicy, obj)).refusals]).toEqual([args, [M(1)]]);
        expect([args, catalogueFinds(obj, rules)]).toEqual([args, []]);
      }
      // an operand a substitution starts before another argument, which may be --run-tests: the catalogue finds it too
      const runTests = argv(['jq'], ['-r', '.name', '$(params.revision)', '/workspace/source/package.json']);
      expect((await admit(injectionPolicy, runTests)).refusals).toEqual([M(1)]);
      expect(catalogueFinds(runTests, rules)).toEqual([RuleId.SCRIPT_INJECTION]);
    });

    describe('a positional parameter of sh -c CODE that the code runs as code, holding a caller\'s value', () => {
      const POSITIONAL = 16;
      const positional = (code: string, ...after: string[]) => argv(['sh', '-c', code, '_', ...after]);

      test('the message', () => {
        expect(M(POSITIONAL)).toBe('A step, sidecar, stepTemplate or StepAction passes a substitution callers can choose as a positional parameter'
          + ' to the code of a shell (sh -c CODE NAME ARG…) that runs it as code: after eval, gdb or vim, as the code of a shell\'s -c, as the program'
          + ' of a command ("$@"), piped into at, or in arithmetic ($((…)), which runs an array subscript\'s command substitutions) [SCRIPT_INJECTION]. Pass the value through env and have the code treat it as data (quoted, never'
          + ' evaluated); this rule cannot be relaxed.');
      });

      test.each<[string, string]>([
        ['gdb -ex "shell $1"', 'gdb'],
        ['vim -c "$1"', 'vim -c'],
        ['nvim "+$1"', 'nvim +'],
        ['eval "$1"', 'eval'],
        ['eval $*', 'eval of $*'],
        ['set -e; eval "${1}"', 'eval of ${1} after another command'],
        ['bash -c "$1"', "a shell's -c"],
        ['"$@"', 'the program'],
        ['exec "$@"', 'the program after exec'],
        ['echo "$1" | at now', 'at'],
        ['echo $(( $1 + 1 ))', 'arithmetic'],
        ['(( ($1 + 1) > 2 )) && echo big', 'an arithmetic command, parentheses inside'],
      ])('refused as the catalogue finds it: %s (%s)', async (code) => {
        const obj = positional(code, '$(params.revision)');
        expect((await admit(injectionPolicy, obj)).refusals).toEqual([M(POSITIONAL)]);
        expect(catalogueFinds(obj, rules)).toEqual([RuleId.SCRIPT_INJECTION]);
        // no record relaxes it
        expect((await admit(injectionPolicy, withAnnotation(obj, RuleId.SCRIPT_INJECTION))).refusals).toEqual([M(POSITIONAL)]);
      });

      test('a later positional parameter; in a TaskRun and an embedded pipeline', async () => {
        const later = positional('gdb -batch -ex "shell $2"', 'fixed', '$(params.revision)');
        expect((await admit(injectionPolicy, later)).refusals).toEqual([M(POSITIONAL)]);
        const run = taskRun();
        run.spec.taskSpec.steps[0].command = ['sh', '-c', 'eval "$1"', '_', '$(params.revision)'];
        delete run.spec.taskSpec.steps[0].script;
        const pipeline = hardenedEmbeddedPipeline();
        const s0 = pipeline.spec.tasks[1].taskSpec.steps[0];
        delete s0.script;
        s0.command = ['sh', '-c', 'eval "$1"', '_', '$(params.x)'];
        for (const obj of [run, pipeline]) {
          expect((await admit(injectionPolicy, obj)).refusals).toEqual([M(POSITIONAL)]);
          expect(catalogueFinds(obj, rules)).toEqual([RuleId.SCRIPT_INJECTION]);
        }
      });

      test.each<[string, string[]]>([
        // data: printed, quoted, tested
        ['echo "$1"', ['$(params.revision)']],
        ['[ -n "$1" ] && echo "$1"', ['$(params.revision)']],
        ["bash -c 'echo ok' \"$1\"", ['$(params.revision)']],
        // $0 (NAME) is not a positional parameter; a fixed value is the Task's own
        ['eval "$1"', []],
        ['gdb -ex "shell $1"', ['fixed']],
      ])('admitted as by the catalogue: %s %j', async (code, after) => {
        const obj = after.length === 0 ? argv(['sh', '-c', code, '$(params.revision)']) : positional(code, ...after);
        expect((await admit(injectionPolicy, obj)).refusals).toEqual([]);
        expect(catalogueFinds(obj, rules)).toEqual([]);
      });

      test.each<[string, string[]]>([
        // "$@" and $* as the program: the first ARG is; the later ones are its arguments
        ['exec "$@"', ['tool', '--name', '$(params.revision)']],
        ['"$@"', ['tool', '$(params.revision)']],
        ['$*', ['tool', '$(params.revision)']],
        ['set -euo pipefail; exec "$@"', ['tool', '$(params.revision)']],
        // $N: ARG N alone
        ['exec "$2"', ['$(params.revision)', 'tool']],
        ['eval "$1"', ['fixed', '$(params.revision)']],
        ['if "${1}"; then echo ok; fi', ['true', '$(params.revision)']],
        // eval, gdb, vim, ex and view only as a command's word
        ['echo view "$1"', ['$(params.revision)']],
        ['printf "%s eval %s" x "$1"', ['$(params.revision)']],
      ])('admitted as by the catalogue, the position read: %s %j', async (code, after) => {
        const obj = positional(code, ...after);
        expect((await admit(injectionPolicy, obj)).refusals).toEqual([]);
        expect(catalogueFinds(obj, rules)).toEqual([]);
      });

      test.each<[string, string[]]>([
        ['exec "$@"', ['$(params.revision)', '--name', 'x']],
        ['exec "$2"', ['tool', '$(params.revision)']],
        ['"${2}" --version', ['tool', '$(params.revision)']],
        ['if true; then eval "$2"; fi', ['x', '$(params.revision)']],
        ['case "$1" in run) eval "$2";; esac', ['run', '$(params.revision)']],
        ['x=1 eval "$1"', ['$(params.revision)']],
        ['timeout 60 gdb -batch -ex "shell $1"', ['$(params.revision)']],
        ['sudo -E vim -c "$1"', ['$(params.revision)']],
        ['echo $("$1")', ['$(params.revision)']],
        ['if "$1"; then :; fi', ['$(params.revision)']],
        // a later ARG where the code moves the positional parameters, or the value is in several ARGs: any position
        ['shift; exec "$1"', ['tool', '$(params.revision)']],
        ['set -- "$2"; eval "$1"', ['fixed', '$(params.revision)']],
        ['f() { eval "$1"; }; f "$2"', ['fixed', '$(params.revision)']],
        ['eval "$1"', ['$(params.revision)', '$(params.revision)']],
      ])('refused as the catalogue finds it, the position read: %s %j', async (code, after) => {
        const obj = positional(code, ...after);
        expect((await admit(injectionPolicy, obj)).refusals).toEqual([M(POSITIONAL)]);
        expect(catalogueFinds(obj, rules)).toEqual([RuleId.SCRIPT_INJECTION]);
      });

      test('stricter than the catalogue where the first ARG is blank ($@ unquoted drops it) or "$*" joins every ARG into the program', async () => {
        for (const [code, after] of [['$@', ['', '$(params.revision)']], ['"$*"', ['tool', '$(params.revision)']]] as const) {
          const obj = positional(code, ...after);
          expect([code, (await admit(injectionPolicy, obj)).refusals]).toEqual([code, [M(POSITIONAL)]]);
        }
      });

      test('limits: the forms the pattern does not name are the catalogue\'s alone; gdb\'s operands after --args are refused beyond it', async () => {
        for (const code of ['x=$1; eval "$x"', 'for a in "$@"; do eval "$a"; done']) {
          const obj = positional(code, '$(params.revision)');
          expect([code, (await admit(injectionPolicy, obj)).refusals]).toEqual([code, []]);
          expect([code, catalogueFinds(obj, rules)]).toEqual([code, [RuleId.SCRIPT_INJECTION]]);
        }
        const args = positional('gdb --batch -ex run --args ./prog "$1"', '$(params.revision)');
        expect((await admit(injectionPolicy, args)).refusals).toEqual([M(POSITIONAL)]);
        expect(catalogueFinds(args, rules)).toEqual([]);
      });
    });

    test('cosign --key from a param: its own argument refused, behind `--key=` admitted (the policy reads no program\'s option values), as the catalogue reads both alike', async () => {
      const next = argv(['cosign', 'sign', '--key', '$(params.key)', '--', 'img@sha256:0']);
      expect((await admit(injectionPolicy, next)).refusals).toEqual([M(3)]);
      expect(catalogueFinds(next, rules)).toEqual([RuleId.ARGUMENT_INJECTION]);
      // the catalogue reads `--key=` as cosign's pflag does (a pkcs11: URI's module-path names a library cosign loads): looser here
      const glued = argv(['cosign', 'sign', '--key=$(params.key)', '--', 'img@sha256:0']);
      expect((await admit(injectionPolicy, glued)).refusals).toEqual([]);
      expect(catalogueFinds(glued, rules)).toEqual([RuleId.ARGUMENT_INJECTION]);
      // behind a literal start no pkcs11: URI has, both admit it
      const secret = argv(['cosign', 'sign', '--key=k8s://$(params.namespace)/cosign', '--', 'img@sha256:0']);
      expect((await admit(injectionPolicy, secret)).refusals).toEqual([]);
      expect(catalogueFinds(secret, rules)).toEqual([]);
    });

    test.each([
      ['$(params.revision)'], ['$(params["revision"])'], ["$(params['revision'])"], ['$(params.files[*])'],
      ['$(tasks.clone.results.commit)'], ['$(steps.fetch.results.url)'],
      ['$(workspaces.source.claim)'], ['$(inputs.params.x)'],
    ])('a script pasting %s is refused', async (substitution) => {
      const obj = script(`git checkout "${substitution}"`);
      expect((await admit(injectionPolicy, obj)).refusals).toEqual([M(0)]);
      expect(catalogueFinds(obj, rules)).toEqual([RuleId.SCRIPT_INJECTION]);
    });

    test.each([
      ['$(workspaces.source.path)'], ['$(results.commit.path)'], ['$(step.results.url.path)'], ['$(steps.fetch.exitCode.path)'], ['$(credentials.path)'],
      ['$(step.artifacts.path)'], ['$(artifacts.path)'], ['$(workspaces.source.volume)'],
      ['$(workspaces.source.bound)'], ['$(context.taskRun.name)'], ['$(context.pipelineRun.namespace)'], ['$(context.pipeline.uid)'],
      ['$(tasks.status)'], ['$(tasks.build.status)'],
      // counts Tekton writes as decimal numbers
      ['$(context.task.retry-count)'], ['$(context.pipelineTask.retries)'], ['$(tasks.build.matrix.length)'], ['$(tasks.build.matrix.digest.length)'],
      ['$(date +%s)'], ['$(git rev-parse HEAD)'], ['$(printf \'%s\' "$X")'], ['$HOME and ${X}'],
      // Tekton replaces only the exact text $(params.x): with a space it is the shell's own command substitution
      ['$( params.x)'], ['$(params .x)'],
    ])('a script with %s is admitted', async (text) => {
      const obj = script(`echo "${text}"`);
      expect((await admit(injectionPolicy, obj)).refusals).toEqual([]);
      expect(catalogueFinds(obj, rules)).toEqual([]);
    });

    test.each<[string, () => any]>([
      ['sh -c', () => argv(['sh', '-c', 'echo $(params.x)'])],
      ['/bin/bash -ec in args', () => argv(['/bin/bash'], ['-ec', 'make $(params.target)'])],
      ['python3 -c', () => argv(['/usr/local/bin/python3', '-c', 'print("$(params.x)")'])],
      ['node -e with a result', () => argv(['node', '-e', 'run("$(tasks.a.results.b)")'])],
      ['kubectl', () => argv(['kubectl', 'apply', '-f', '$(params.manifest)'])],
      ['env … sh -c', () => argv(['env', '-i', 'PATH=/bin', 'sh', '-c', '$(params.cmd)'])],
      ['timeout 5m bash -c', () => argv(['timeout', '5m', 'bash', '-c', 'run $(params.x)'])],
      ['strace -f -o FILE sh -c', () => argv(['strace', '-f', '-o', '/tmp/t', 'sh', '-c', 'run $(params.x)'])],
      ['perf stat bash -c', () => argv(['perf', 'stat', '-e', 'cycles', 'bash', '-c', 'run $(params.x)'])],
      ['bwrap … python3 -c', () => argv(['bwrap', '--ro-bind', '/', '/', 'python3', '-c', 'run("$(params.x)")'])],
      // the wrappers and interpreter names the catalogue's argv.ts reads (setarch and its architecture names, the dynamic loader, gdb --args …)
      ['setarch x86_64 python3 -c', () => argv(['setarch', 'x86_64', '-R', 'python3', '-c', 'print("$(params.x)")'])],
      ['linux64 bash -c', () => argv(['/usr/bin/linux64', 'bash', '-c', 'run $(params.x)'])],
      ['the dynamic loader running python3 -c', () => argv(['/lib64/ld-linux-x86-64.so.2', '/usr/bin/python3', '-c', 'print("$(params.x)")'])],
      ['gdb -batch -ex run --args sh -c', () => argv(['gdb', '-batch', '-ex', 'run', '--args', 'sh', '-c', 'run $(params.x)'])],
      ['systemd-run --pipe bash -c', () => argv(['systemd-run', '--pipe', 'bash', '-c', 'run $(params.x)'])],
      ['unbuffer ruby3.1 -e', () => argv(['unbuffer', 'ruby3.1', '-e', 'run("$(params.x)")'])],
      ['platform-python -c', () => argv(['/usr/libexec/platform-python', '-c', 'print("$(params.x)")'])],
      ['python3m -c', () => argv(['python3m', '-c', 'print("$(params.x)")'])],
      ['tclsh8.6 given a param', () => argv(['tclsh8.6', '-', '$(params.x)'])],
      ['ssh', () => argv(['ssh', 'host', '$(params.remote)'])],
      ['a sidecar running sh -c', () => goBuild((t) => { t.spec.sidecars = [sidecar({ command: ['sh', '-c', 'serve $(params.port)'] })]; })],
      ['a sidecar script', () => goBuild((t) => { t.spec.sidecars = [sidecar({ script: '#!/bin/sh\nserve $(params.port)\n' })]; })],
      ['a stepTemplate command', () => goBuild((t) => { t.spec.stepTemplate.command = ['sh', '-c', 'echo $(params.x)']; })],
    ])('an interpreter\'s arguments: %s is refused', async (_, build) => {
      const obj = build();
      const refusals = (await admit(injectionPolicy, obj)).refusals;
      expect(refusals.length).toBeGreaterThan(0);
      expect(refusals.every((m) => m === M(0) || m === M(1))).toBe(true);
      expect(catalogueFinds(obj, rules)).toEqual([RuleId.SCRIPT_INJECTION]);
    });

    test.each<[string, () => any]>([
      ['sh -c with the value through env', () => argv(['sh', '-c', 'echo "$X"'])],
      ['sh -c with a workspace path', () => argv(['sh', '-c', 'ls $(workspaces.source.path)'])],
      ['the interpreter\'s own path chosen by a param (ARGUMENT_INJECTION does not read interpreters either)', () => argv(['$(params.dir)/sh', '-c', 'true'])],
      ['env assigning a param before the interpreter', () => argv(['env', 'X=$(params.x)', 'sh', '-c', 'echo "$X"'])],
    ])('admitted: %s', async (_, build) => {
      const obj = build();
      expect((await admit(injectionPolicy, obj)).refusals).toEqual([]);
      expect(catalogueFinds(obj, rules)).toEqual([]);
    });

    test('in every place: an embedded task, a TaskRun taskSpec, a nested pipeline', async () => {
      const p = hardenedEmbeddedPipeline();
      p.spec.tasks[1].taskSpec.steps[0].script = '#!/bin/sh\necho $(params.x)\n';
      const r = taskRun();
      r.spec.taskSpec.steps[0].script = '#!/bin/sh\necho $(workspaces.w.claim)\n';
      const nested = nestedPipeline(script('echo $(params.x)').spec, 2);
      for (const obj of [p, r, nested]) expect((await admit(injectionPolicy, obj)).refusals).toEqual([M(0)]);
    });

    describe("a run's label the kubelet pastes into code ($(NAME) of an env var filled from metadata.labels[...])", () => {
      const TOOL = { name: 'TOOL', valueFrom: { fieldRef: { fieldPath: "metadata.labels['tool']" } } };
      /** `s`, a step without script, given the label's env var (or `env`) and then `change`. */
      const label = (s: any, change: (s: any) => void, env: any[] = [TOOL]) => {
        delete s.script;
        s.env = env;
        change(s);
      };
      const withLabel = (change: (s: any) => void, env?: any[]) => goBuild((t) => label(t.spec.steps[0], change, env));
      const CODE = 12;
      const inCode = (s: any) => { s.command = ['python3', '-c']; s.args = ['print($(TOOL))']; };

      test('the message', () => {
        expect(M(CODE)).toBe("A step, sidecar, stepTemplate or StepAction pastes a run's label, which callers choose, into code: the $(NAME) of an env"
          + ' var the kubelet fills from it (valueFrom.fieldRef metadata.labels[...]) or whose value expands such a $(NAME), in the code of a shell'
          + " (sh -c) or an argument after it (its positional parameters), in a script's args, in the code of another interpreter (python3 -c,"
          + ' node -e, perl -e …) or in the string of env -S or an argument after it, where the word can run as code [SCRIPT_INJECTION]. Read the env var in the code'
          + ' as data ("$NAME" in a shell, os.environ in Python …) instead of $(NAME), which the kubelet pastes into the code; this rule cannot be relaxed.');
      });

      test.each<[string, () => any]>([
        ['python3 -c, the code in args', () => withLabel(inCode)],
        ['node -e', () => withLabel((s) => { s.command = ['node', '-e', 'console.log("$(TOOL)")']; })],
        ['perl -e', () => withLabel((s) => { s.command = ['perl', '-e', 'print "$(TOOL)"']; })],
        ['python3 -c through a wrapper', () => withLabel((s) => { s.command = ['timeout', '5m', 'python3', '-c', 'print($(TOOL))']; })],
        ['python3 -c, the code repeated as an operand', () => withLabel((s) => { s.command = ['python3', '-c', 'print($(TOOL))', 'x', 'print($(TOOL))']; })],
        ['sh -c running it as a command', () => withLabel((s) => { s.command = ['sh', '-c', '$(TOOL) --version']; })],
        ['a positional parameter of sh -c CODE that the code evaluates', () => withLabel((s) => { s.command = ['sh', '-c', 'eval "$1"', '_', '$(TOOL)']; })],
        ["a shell script's args it evaluates", () => withLabel((s) => { s.script = '#!/bin/sh\neval "$1"\n'; s.args = ['$(TOOL)']; })],
        ["the stepTemplate's env", () => goBuild((t) => { t.spec.stepTemplate.env = [TOOL]; label(t.spec.steps[0], inCode, []); })],
        ['a sidecar', () => goBuild((t) => { t.spec.sidecars = [sidecar({ env: [TOOL], command: ['sh', '-c', 'exec $(TOOL)'] })]; })],
        // past an option's value, an interpreter named after a runner, a shell named after busybox
        ['python3 -W ignore -c', () => withLabel((s) => { s.command = ['python3', '-W', 'ignore', '-c', 'print($(TOOL))']; })],
        // long options that take the next word, as the catalogue's CODE_OPTIONS reads them (ruby 3.1 ran the code after each)
        ['ruby --backtrace-limit 5 -e', () => withLabel((s) => { s.command = ['ruby', '--backtrace-limit', '5', '-e', 'puts "$(TOOL)"']; })],
        ['ruby --disable gems -e', () => withLabel((s) => { s.command = ['ruby', '--disable', 'gems', '-e', 'puts "$(TOOL)"']; })],
        ['python3 --check-hash-based-pycs never -c', () => withLabel((s) => { s.command = ['python3', '--check-hash-based-pycs', 'never', '-c', 'print($(TOOL))']; })],
        ['node --inspect-port 9230 -e', () => withLabel((s) => { s.command = ['node', '--inspect-port', '9230', '-e', 'console.log("$(TOOL)")']; })],
        ['sudo … python3 -c', () => withLabel((s) => { s.command = ['sudo', '-u', 'build', 'python3', '-c', 'print($(TOOL))']; })],
        ['busybox sh -c', () => withLabel((s) => { s.command = ['busybox', 'sh', '-c', '$(TOOL)']; })],
        // a name that starts with busybox or toybox is the multiplexer (busybox appletlib.c, toybox main.c toy_find)
        ['busybox-x86_64 sh -c', () => withLabel((s) => { s.command = ['busybox-x86_64', 'sh', '-c', '$(TOOL)']; })],
        ['toybox-x86_64 sh -c', () => withLabel((s) => { s.command = ['/bin/toybox-x86_64', 'sh', '-c', '$(TOOL)']; })],
        // an env var whose value the kubelet expands the label into, and a copy of that
        ['an env var that copies it', () => withLabel((s) => { s.command = ['python3', '-c', 'print($(B))']; }, [TOOL, { name: 'B', value: '$(TOOL)' }])],
        ['a copy of a copy', () => withLabel((s) => { s.command = ['python3', '-c', 'print($(C))']; }, [TOOL, { name: 'B', value: '$(TOOL)' }, { name: 'C', value: '$(B)' }])],
        // a positional parameter of a shell's code in the string of env -S, in the string or after it, that the code evaluates
        ['a positional parameter in the string of env -S', () => withLabel((s) => { s.command = ['env', '-S', 'sh -c \'eval "$1"\' _ $(TOOL)']; })],
        // the code options of groovy, julia, elixir and expect, past option values the policy does not know (julia's -t N, elixir's -pa DIR)
        ['groovy -e', () => withLabel((s) => { s.command = ['groovy', '-e', '"$(TOOL)".execute()']; })],
        ['julia -t 4 -e', () => withLabel((s) => { s.command = ['julia', '-t', '4', '-e', 'run(`$(TOOL)`)']; })],
        ['elixir -pa DIR -e', () => withLabel((s) => { s.command = ['elixir', '-pa', '/ebin', '-e', 'System.cmd("$(TOOL)", [])']; })],
        ['elixir --rpc-eval NODE CODE', () => withLabel((s) => { s.command = ['elixir', '--rpc-eval', 'n@h', 'System.cmd("$(TOOL)", [])']; })],
        ['expect -c', () => withLabel((s) => { s.command = ['expect', '-c', 'spawn $(TOOL)']; })],
        ['erl -eval after an operand', () => withLabel((s) => { s.command = ['erl', '-noshell', 'foo', '-eval', 'os:cmd("$(TOOL)")']; })],
        ['jshell --startup', () => withLabel((s) => { s.command = ['jshell', '--startup=$(TOOL)']; })],
        // the code options of iex, guile, racket (grouped letters), sbcl, clisp, osascript and mix's run -e and eval
        ['iex -e', () => withLabel((s) => { s.command = ['iex', '-e', 'System.cmd("$(TOOL)", [])']; })],
        ['guile -c', () => withLabel((s) => { s.command = ['guile', '-c', '(system "$(TOOL)")']; })],
        ['racket -fe FILE CODE', () => withLabel((s) => { s.command = ['racket', '-fe', 'f.rkt', '(system "$(TOOL)")']; })],
        ['sbcl --eval', () => withLabel((s) => { s.command = ['sbcl', '--non-interactive', '--eval', '(run-program "$(TOOL)" nil)']; })],
        ['clisp -x', () => withLabel((s) => { s.command = ['clisp', '-x', '(ext:shell "$(TOOL)")']; })],
        ['osascript -e', () => withLabel((s) => { s.command = ['osascript', '-e', 'do shell script "$(TOOL)"']; })],
        ['mix run -e', () => withLabel((s) => { s.command = ['mix', 'run', '--no-mix-exs', '-e', 'System.cmd("$(TOOL)", [])']; })],
        ['mix eval', () => withLabel((s) => { s.command = ['mix', 'eval', 'System.cmd("$(TOOL)", [])']; })],
        // every argument after pwsh's -c/-Command is its command (about_Pwsh), -cwa's and -EncodedCommand's value too; Windows PowerShell's name
        ['pwsh -c, the label an argument after the code', () => withLabel((s) => { s.command = ['pwsh', '-c', 'Write-Output', '$(TOOL)']; })],
        ['pwsh -NoProfile -Command, the label an argument after the code', () => withLabel((s) => { s.command = ['/usr/bin/pwsh', '-NoProfile', '-Command', 'Write-Output', '$(TOOL)']; })],
        ['pwsh -c, the code in args', () => withLabel((s) => { s.command = ['pwsh']; s.args = ['-c', 'Write-Output $(TOOL)']; })],
        ['pwsh -C (any case)', () => withLabel((s) => { s.command = ['pwsh', '-C', 'Write-Output', '$(TOOL)']; })],
        ['powershell -Command', () => withLabel((s) => { s.command = ['powershell', '-Command', 'Invoke-Expression', '$(TOOL)']; })],
        ['pwsh -cwa, the label the code', () => withLabel((s) => { s.command = ['pwsh', '-cwa', '$(TOOL)', 'x']; })],
        ['pwsh -CommandWithArgs, the label the code', () => withLabel((s) => { s.command = ['pwsh', '-CommandWithArgs', '$(TOOL)']; })],
        // pwsh's parameters as PowerShell reads them (any prefix of -Command or -EncodedCommand, a second dash, `/`); pwsh-preview as pwsh
        ['pwsh -comm', () => withLabel((s) => { s.command = ['pwsh', '-comm', 'Write-Output', '$(TOOL)']; })],
        ['pwsh --Command', () => withLabel((s) => { s.command = ['pwsh', '--Command', 'Write-Output', '$(TOOL)']; })],
        ['pwsh /c', () => withLabel((s) => { s.command = ['pwsh', '/c', 'Write-Output', '$(TOOL)']; })],
        ['pwsh -e (-EncodedCommand)', () => withLabel((s) => { s.command = ['pwsh', '-NoProfile', '-e', '$(TOOL)']; })],
        ['pwsh-preview -c', () => withLabel((s) => { s.command = ['pwsh-preview', '-c', 'Write-Output', '$(TOOL)']; })],
        // Windows PowerShell's first operand is its command, as after -Command (its default parameter; pwsh's is -File)
        ['powershell, the label an argument of its first operand, its command', () => withLabel((s) => { s.command = ['powershell', '-NoProfile', 'Write-Output', '$(TOOL)']; })],
        ['powershell, the label its first operand', () => withLabel((s) => { s.command = ['powershell', '$(TOOL)']; })],
        ['powershell -Version V, the label its first operand', () => withLabel((s) => { s.command = ['powershell', '-Version', '2.0', '$(TOOL)']; })],
        // Windows PowerShell's host starts its command at the first parameter it does not know (one dash or `/` alone, ASCII's cases), also before -File
        ['powershell -Foo -File, a parameter its host does not know', () => withLabel((s) => { s.command = ['powershell', '-Foo', '-File', 'b.ps1', '$(TOOL)']; })],
        ['powershell --File (two dashes)', () => withLabel((s) => { s.command = ['powershell', '--File', 'b.ps1', '$(TOOL)']; })],
        ['powershell -\u017fta -File (\u017f no s to ToLowerInvariant)', () => withLabel((s) => { s.command = ['powershell', '-\u017fta', '-File', 'b.ps1', '$(TOOL)']; })],
        ['powershell -ep -ExecutionPolicy x -File (x after a value)', () => withLabel((s) => { s.command = ['powershell', '-ep', '-ExecutionPolicy', 'x', '-File', 'b.ps1', '$(TOOL)']; })],
        ['powershell -Version -File (the value of -Version)', () => withLabel((s) => { s.command = ['powershell', '-Version', '-File', 'b.ps1', '$(TOOL)']; })],
        ['powershell -NoProfile -Version V -File (-Version later)', () => withLabel((s) => { s.command = ['powershell', '-NoProfile', '-Version', '2.0', '-File', 'b.ps1', '$(TOOL)']; })],
        // a parameter as PowerShell's GetSwitchKey reads it: trimmed, after `/` or any dash, before a parameter whose value is code
        ['pwsh /NoProfile -ec', () => withLabel((s) => { s.command = ['pwsh', '/NoProfile', '-ec', '$(TOOL)']; })],
        ['pwsh /NoProfile -EncodedCommand', () => withLabel((s) => { s.command = ['pwsh', '/NoProfile', '-EncodedCommand', '$(TOOL)']; })],
        ['pwsh \u2013NoProfile -ec (an en dash)', () => withLabel((s) => { s.command = ['pwsh', '\u2013NoProfile', '-ec', '$(TOOL)']; })],
        ['pwsh " -c" (blanks trimmed)', () => withLabel((s) => { s.command = ['pwsh', ' -c', 'Write-Output $(TOOL)']; })],
        ['pwsh "-c " (blanks trimmed)', () => withLabel((s) => { s.command = ['pwsh', '-c ', 'Write-Output', '$(TOOL)']; })],
        ['pwsh -commandw\u0131thargs (\u0131 an i to OrdinalIgnoreCase)', () => withLabel((s) => { s.command = ['pwsh', '-commandw\u0131thargs', '$(TOOL)']; })],
        ['pwsh -token VALUE -c', () => withLabel((s) => { s.command = ['pwsh', '-token', 'x', '-c', 'Write-Output', '$(TOOL)']; })],
        // PowerShell's and cmd's names as Windows finds them (any case, `.exe`, a `\` path); every argument of cmd (its /c and /k code)
        ['powershell.exe -Command', () => withLabel((s) => { s.command = ['powershell.exe', '-Command', 'Write-Output', '$(TOOL)']; })],
        ['PowerShell.EXE, the label an argument of its first operand', () => withLabel((s) => { s.command = ['PowerShell.EXE', 'Write-Output', '$(TOOL)']; })],
        ['pwsh.exe -c', () => withLabel((s) => { s.command = ['pwsh.exe', '-c', 'Write-Output', '$(TOOL)']; })],
        ['C:\\Program Files\\PowerShell\\7\\pwsh.exe -c', () => withLabel((s) => { s.command = ['C:\\Program Files\\PowerShell\\7\\pwsh.exe', '-c', 'Write-Output', '$(TOOL)']; })],
        ['cmd /c', () => withLabel((s) => { s.command = ['cmd', '/c', 'echo $(TOOL)']; })],
        ['cmd.exe /c', () => withLabel((s) => { s.command = ['cmd.exe', '/c', 'echo $(TOOL)']; })],
        ['CMD.EXE /k', () => withLabel((s) => { s.command = ['CMD.EXE', '/k', 'echo', '$(TOOL)']; })],
        ['C:\\Windows\\System32\\cmd.exe /s /c', () => withLabel((s) => { s.command = ['C:\\Windows\\System32\\cmd.exe', '/s', '/c', '"echo $(TOOL)"']; })],
      ])('refused as the catalogue finds it: %s', async (_, build) => {
        const obj = build();
        expect((await admit(injectionPolicy, obj)).refusals).toEqual([M(CODE)]);
        expect(catalogueFinds(obj, rules)).toEqual([RuleId.SCRIPT_INJECTION]);
      });

      test('in every kind and place: an embedded Pipeline, a TaskRun, a PipelineRun, nested pipelines, a StepAction', async () => {
        const pipeline = hardenedEmbeddedPipeline();
        label(pipeline.spec.tasks[1].taskSpec.steps[0], inCode);
        const run = taskRun();
        label(run.spec.taskSpec.steps[0], inCode);
        const pipelineRun = embeddedPipelineRun();
        label(pipelineRun.spec.pipelineSpec.tasks[0].taskSpec.steps[0], inCode);
        const action = stepAction();
        label(action.spec, inCode);
        const nested = [1, 2].map((levels) => nestedPipeline(withLabel(inCode).spec, levels));
        for (const obj of [pipeline, run, pipelineRun, action, ...nested]) {
          expect((await admit(injectionPolicy, obj)).refusals).toEqual([M(CODE)]);
          expect(catalogueFinds(obj, rules)).toEqual([RuleId.SCRIPT_INJECTION]);
        }
        // no record relaxes it
        expect((await admit(injectionPolicy, withAnnotation(withLabel(inCode), RuleId.SCRIPT_INJECTION))).refusals).toEqual([M(CODE)]);
      });

      test.each<[string, () => any]>([
        // CEL cannot read the shell: anywhere in the code of sh -c, any argument after it, any script's args
        ['sh -c printing it', () => withLabel((s) => { s.command = ['sh', '-c', 'echo $(TOOL)']; })],
        ['a positional parameter of sh -c CODE that the code prints', () => withLabel((s) => { s.command = ['sh', '-c', 'echo "$1"', '_', '$(TOOL)']; })],
        ['$0 of sh -c CODE', () => withLabel((s) => { s.command = ['sh', '-c', 'echo hi', '$(TOOL)']; })],
        ["a shell script's args it prints", () => withLabel((s) => { s.script = '#!/bin/sh\necho "$1"\n'; s.args = ['$(TOOL)']; })],
        // any argument after groovy, julia, elixir or expect, whose options the policy does not read: their program file's too
        ["an elixir script file's arguments", () => withLabel((s) => { s.command = ['elixir', '--boot-var', 'K', 'V', 'a.exs', '$(TOOL)']; })],
        ["a groovy script file's arguments", () => withLabel((s) => { s.command = ['groovy', 'a.groovy', '$(TOOL)']; })],
        ["a Python script's args", () => withLabel((s) => { s.script = '#!/usr/bin/env python3\nimport sys\nprint(sys.argv[1])\n'; s.args = ['$(TOOL)']; })],
        ['the arguments of a shell script file', () => withLabel((s) => { s.command = ['bash', 'build.sh', '$(TOOL)']; })],
        // the string of env -S, and an env var whose value expands the label's
        ['the string of env -S', () => withLabel((s) => { s.command = ['env', '-S', 'git clone $(TOOL)']; })],
        ["a positional parameter in the string of env -S that the shell's code never runs", () => withLabel((s) => { s.command = ['env', '-S', 'sh -c \'echo ok\' _ $(TOOL)']; })],
        // beside a label, a copy of any env var counts as one
        ['a copy of an env var that holds no label, beside one', () => withLabel((s) => { s.command = ['python3', '-c', 'print($(B))']; },
          [TOOL, { name: 'D', value: 'x' }, { name: 'B', value: '$(D)' }])],
      ])('refused beyond the catalogue (the rule\'s limits): %s', async (_, build) => {
        const obj = build();
        expect((await admit(injectionPolicy, obj)).refusals).toEqual([M(CODE)]);
        expect(catalogueFinds(obj, rules)).toEqual([]);
      });

      test('an argument after the string of env -S (env appends it to the command line): refused, also as ARGUMENT_INJECTION reads a wrapper\'s argument', async () => {
        const evaluated = withLabel((s) => { s.command = ['env', '-S', 'sh -c \'eval "$1"\' _', '$(TOOL)']; });
        expect((await admit(injectionPolicy, evaluated)).refusals).toEqual([M(11), M(CODE)]);
        expect(catalogueFinds(evaluated, rules)).toEqual([RuleId.SCRIPT_INJECTION]);
        // beyond the catalogue, which reads it as data there: the shell's positional parameter its code never runs, a program's argument
        for (const command of [['env', '-S', 'sh -c \'echo ok\' _', '$(TOOL)'], ['env', '-S', 'git clone', '$(TOOL)']]) {
          const obj = withLabel((s) => { s.command = command; });
          expect([command, (await admit(injectionPolicy, obj)).refusals]).toEqual([command, [M(11), M(CODE)]]);
          expect([command, catalogueFinds(obj, rules)]).toEqual([command, []]);
        }
      });

      test.each<[string, () => any]>([
        ["a Python script file's arguments", () => withLabel((s) => { s.command = ['python3', 'build.py', '$(TOOL)']; })],
        ['the arguments after python3 -c CODE (sys.argv)', () => withLabel((s) => { s.command = ['python3', '-c', 'import sys; print(sys.argv[1])', '$(TOOL)']; })],
        ["a node script's option value", () => withLabel((s) => { s.command = ['node', 'app.js', '--name', '$(TOOL)']; })],
        ["a Python script file's arguments after options that take no value", () => withLabel((s) => { s.command = ['python3', '-u', '-B', 'build.py', '$(TOOL)']; })],
        ['a runner that is no shell nor interpreter with a code option', () => withLabel((s) => { s.command = ['kubectl', 'get', 'pods', '-l', 'app=$(TOOL)']; })],
        ["the kubelet's escape", () => withLabel((s) => { s.command = ['sh', '-c', 'echo $$(TOOL)']; })],
        ["the shell's own expansion", () => withLabel((s) => { s.command = ['sh', '-c', 'echo "$TOOL"', '_', 'x']; })],
        ['a fixed program', () => withLabel((s) => { s.command = ['git', 'clone', '$(TOOL)']; })],
        // pwsh's script file's arguments, and those after -cwa's code (its $args)
        ["a pwsh script file's arguments", () => withLabel((s) => { s.command = ['pwsh', '-NoProfile', '-File', 'build.ps1', '$(TOOL)']; })],
        ["a pwsh script file's arguments, the file named first", () => withLabel((s) => { s.command = ['pwsh', '/scripts/build.ps1', '$(TOOL)']; })],
        ['the arguments after pwsh -cwa CODE ($args)', () => withLabel((s) => { s.command = ['pwsh', '-cwa', 'Write-Output $args[0]', '$(TOOL)']; })],
        // (pwsh's first operand is its file, Windows PowerShell's after -File)
        ["a pwsh script file's arguments, the file its first operand", () => withLabel((s) => { s.command = ['pwsh', 'build.ps1', '$(TOOL)']; })],
        ["a Windows PowerShell script file's arguments", () => withLabel((s) => { s.command = ['powershell', '-ExecutionPolicy', 'Bypass', '-f', 'build.ps1', '$(TOOL)']; })],
        // (Windows PowerShell's -Version and -PSConsoleFile first, which powershell.exe reads with their values itself)
        ["a Windows PowerShell script file's arguments after -Version V", () => withLabel((s) => { s.command = ['powershell', '-Version', '2.0', '-File', 'build.ps1', '$(TOOL)']; })],
        ["a Windows PowerShell script file's arguments after -PSConsoleFile F", () => withLabel((s) => { s.command = ['powershell', '-PSConsoleFile', 'c.psc1', '-File', 'build.ps1', '$(TOOL)']; })],
        // (the parameters Windows PowerShell's host knows before -File, in any of its forms, with their values; blank words it skips)
        ["a Windows PowerShell script file's arguments after its switches and valued parameters", () => withLabel((s) => {
          s.command = ['powershell', '-Version', '5.1', '-nop', '-noni', '-sta', '-WindowStyle', 'Hidden', '-ep', 'Bypass', '/NoLogo', ' ', '-f', 'b.ps1', '$(TOOL)'];
        })],
        // a script's own parameters spelled as pwsh's -Command: every word after the file is the script's (ParseFile, CollectPSArgs)
        ["a pwsh script file's -Command parameter", () => withLabel((s) => { s.command = ['pwsh', '-NoProfile', '-File', './deploy.ps1', '-Command', 'status', '-Target', '$(TOOL)']; })],
        ["a pwsh script file's -c parameter", () => withLabel((s) => { s.command = ['pwsh', '-File', 'b.ps1', '-c', '$(TOOL)']; })],
        ["a pwsh script file's -Comm parameter, the file its first operand", () => withLabel((s) => { s.command = ['pwsh', './b.ps1', '-Comm', '$(TOOL)']; })],
        ["a pwsh script file's -c parameter, the file an absolute path", () => withLabel((s) => { s.command = ['pwsh', '/scripts/build.ps1', '-c', '$(TOOL)']; })],
        ["a Windows PowerShell script file's -c parameter", () => withLabel((s) => { s.command = ['powershell', '-File', 'b.ps1', '-c', '$(TOOL)']; })],
        ["a pwsh.exe script file's arguments", () => withLabel((s) => { s.command = ['pwsh.exe', '-File', 'b.ps1', '$(TOOL)']; })],
      ])('admitted as by the catalogue: %s', async (_, build) => {
        const obj = build();
        expect((await admit(injectionPolicy, obj)).refusals).toEqual([]);
        expect(catalogueFinds(obj, rules)).toEqual([]);
      });
    });

    test('cannot be relaxed: no record exempts it, and the policy reads none', async () => {
      const bad = script('echo $(params.x)');
      for (const rule of [RuleId.SCRIPT_INJECTION, RuleId.ARGUMENT_INJECTION]) {
        expect((await admit(injectionPolicy, withAnnotation(bad, rule, '*: the value is checked by the caller'))).refusals).toEqual([M(0)]);
      }
      expect(JSON.stringify(injectionPolicy)).not.toContain('relax.SCRIPT_INJECTION');
    });
  });

  describe('ARGUMENT_INJECTION', () => {
    const M = (i: number) => message(injectionPolicy, i);
    const rules = [RuleId.SCRIPT_INJECTION, RuleId.ARGUMENT_INJECTION];
    const argv = (command: string[] | undefined, args?: string[], script?: string) => goBuild((t) => {
      const s = t.spec.steps[0];
      delete s.script;
      if (command) s.command = command;
      if (args) s.args = args;
      if (script) s.script = script;
    });

    test('an env var that runs code set from a substitution callers can choose, and a #!win script\'s args, are refused as the catalogue finds them', async () => {
      const withStep = (change: (s: any) => void) => goBuild((t) => change(t.spec.steps[0]));
      /** The Task with a sidecar like its first step running `command` with `env` added, given a terminal (`tty` and `stdin`, or `tty` alone). */
      const terminalSidecar = (command: string[], env: { name: string; value: string }, stdin = true) => goBuild((t) => {
        const shell: any = { ...clone(t.spec.steps[0]), name: 'shell', command, tty: true, ...(stdin ? { stdin: true } : {}) };
        delete shell.script;
        shell.env = [...(shell.env ?? []), env];
        t.spec.sidecars = [shell];
      });
      for (const obj of [
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'GIT_SSH_COMMAND', value: 'ssh -o $(params.opt)' }]; }),
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'npm_config_script_shell', value: '$(tasks.a.results.shell)' }]; }),
        withStep((s) => { s.script = '#!win powershell.exe -Command\nWrite-Host $args\n'; s.args = ['$(params.message)']; }),
        // ENV where the shell is interactive
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }]; s.script = '#!/bin/sh -i\ngo build ./...\n'; }),
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }]; delete s.script; s.command = ['ksh', '-ic', 'go build ./...']; }),
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }]; delete s.script; s.command = ['env', 'sh', '-i', 'build.sh']; }),
        // PROMPT_COMMAND, PS0, PS1 and PS2 where a shell reads its commands with a prompt
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'PROMPT_COMMAND', value: '$(params.x)' }]; delete s.script; s.command = ['bash', '-i']; }),
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'PS1', value: '$(params.x)' }]; delete s.script; s.command = ['dash']; s.args = ['-is', 'a']; }),
        // every option group before the first operand, past the values of -o and --rcfile; env -S's split #! line
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }]; delete s.script; s.command = ['sh', '-e', '-i']; }),
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }]; delete s.script; s.command = ['dash', '-o', 'errexit', '-i', 'build.sh']; }),
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }]; s.script = '#!/usr/bin/env -S sh -e -i\ngo build ./...\n'; }),
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'PROMPT_COMMAND', value: '$(params.x)' }]; delete s.script; s.command = ['bash', '--norc', '-i']; }),
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'PS0', value: '$(params.x)' }]; delete s.script; s.command = ['bash', '-o', 'errexit', '--rcfile', '/dev/null', '-i', '-']; }),
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'PS1', value: '$(params.x)' }]; delete s.script; s.command = ['dash', '-e', '-s', '-i', 'a']; }),
        // bash's `+s` reads its input as `-s` does (bash 5.2 as run: `bash +s a` reads its commands, `a` its $1), a terminal's too
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'PROMPT_COMMAND', value: '$(params.x)' }]; delete s.script; s.command = ['bash', '-i', '+s', 'a']; }),
        terminalSidecar(['bash', '+s', 'a'], { name: 'PS1', value: '$(params.x)' }),
        // bash's long options with one dash (`-norc`, `-rcfile FILE`: no group's letters); bash in posix mode sources ENV
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'PROMPT_COMMAND', value: '$(params.x)' }]; delete s.script; s.command = ['bash', '-norc', '-i']; }),
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'PS1', value: '$(params.x)' }]; delete s.script; s.command = ['bash', '-rcfile', '/dev/null', '-i']; }),
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }]; delete s.script; s.command = ['bash', '--posix', '-i', '-c', 'go build ./...']; }),
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }]; delete s.script; s.command = ['bash', '-e', '-o', 'posix', '-ic', 'go build ./...']; }),
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }, { name: 'POSIXLY_CORRECT', value: '' }]; delete s.script; s.command = ['bash', '-ic', 'go build ./...']; }),
        // an interactive bash whose posix mode is not seen (POSIXLY_CORRECT from the image's env or envFrom turns it on)
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }]; delete s.script; s.command = ['bash', '-ic', 'go build ./...']; }),
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }]; delete s.script; s.command = ['bash', '+o', 'posix', '-ic', 'go build ./...']; }),
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }]; s.script = '#!/bin/bash -i\ngo build ./...\n'; }),
        // busybox's shell applet (busybox 1.36 appletlib.c), through its own env too; ash reads `+i` as `-i`
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }]; delete s.script; s.command = ['busybox', 'sh', '-i']; }),
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }]; delete s.script; s.command = ['/bin/busybox', 'env', 'X=1', 'ash', '-e', '-i']; }),
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }]; delete s.script; s.command = ['busybox', 'sh', '+i', '-c', 'go build ./...']; }),
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'PS1', value: '$(params.x)' }]; delete s.script; s.command = ['busybox', 'sh', '-i']; }),
        // SHELLOPTS naming posix, or of a value not known here: bash imports it at start-up (builtins/set.def initialize_shell_options)
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }, { name: 'SHELLOPTS', value: 'hashall:posix' }]; delete s.script; s.command = ['bash', '-ic', 'go build ./...']; }),
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }, { name: 'SHELLOPTS', valueFrom: { configMapKeyRef: { name: 'sh', key: 'o' } } }]; delete s.script; s.command = ['bash', '-ic', 'go build ./...']; }),
        // env's own assignment; a #! line running bash -i in posix mode (the env's, env -S's)
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }]; delete s.script; s.command = ['env', 'POSIXLY_CORRECT=1', 'bash', '-ic', 'go build ./...']; }),
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }]; delete s.script; s.command = ['/bin/busybox.static', 'sh', '-i']; }),
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }]; delete s.script; s.command = ['busybox-x86_64', 'ash', '+i', '-c', 'go build ./...']; }),
        // env's assignment through busybox's env applet, and busybox's shell applet after env's; env -S's #! line running busybox's shell
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }]; delete s.script; s.command = ['busybox', 'env', 'POSIXLY_CORRECT=1', 'bash', '-i']; }),
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }]; delete s.script; s.command = ['env', 'SHELLOPTS=posix', 'busybox', 'sh', '-i']; }),
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }]; s.script = '#!/usr/bin/env -S busybox sh -i\ngo build ./...\n'; }),
        // a sidecar given a terminal: a shell reading its input is interactive without -i
        terminalSidecar(['bash'], { name: 'PS1', value: '$(params.x)' }),
        terminalSidecar(['sh', '-e'], { name: 'ENV', value: '$(params.env)' }),
        // `-o interactive`, ksh93's --interactive, ksh93's and mksh's other names
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }]; delete s.script; s.command = ['sh', '-eo', 'interactive', '-c', 'go build ./...']; }),
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'PS1', value: '$(params.x)' }]; delete s.script; s.command = ['dash', '-o', 'interactive']; }),
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }]; delete s.script; s.command = ['ksh93', '--interactive']; }),
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }]; delete s.script; s.command = ['lksh', '-i']; }),
        // the string of env -S, which env splits on blanks (coreutils env.c parse_split_string): a shell and its option groups first
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }]; delete s.script; s.command = ['env', '-S', 'sh -i']; }),
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }]; delete s.script; s.command = ['/usr/bin/env', '-S', 'bash -i']; }),
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }]; delete s.script; s.command = ['env', '-Ssh -i']; }),
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }]; delete s.script; s.command = ['env', '-vS', 'X=1 sh -e -o errexit -i', 'build.sh']; }),
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }]; delete s.script; s.command = ['env', '--split-string=dash -ei']; }),
      ]) {
        expect((await admit(injectionPolicy, obj)).refusals).toEqual([M(6)]);
        expect(catalogueFinds(obj, rules)).toEqual([RuleId.ARGUMENT_INJECTION]);
      }
      for (const obj of [
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'GIT_SSH_COMMAND', value: 'ssh -i $(workspaces.ssh.path)/id' }, { name: 'ENV', value: '$(params.env)' }]; }),
        withStep((s) => { s.script = '#!/bin/sh\necho "$1"\n'; s.args = ['$(params.message)']; }),
        // ENV where the shell is not interactive
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }]; delete s.script; s.command = ['sh', '-c', 'go build ./...', '-i']; }),
        // a bash that is not interactive sources no ENV in any mode; nor does busybox's shell given code without -i
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }, { name: 'POSIXLY_CORRECT', value: '1' }]; delete s.script; s.command = ['bash', '--posix', '-c', 'go build ./...']; }),
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }]; delete s.script; s.command = ['busybox', 'sh', '-c', 'go build ./...']; }),
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }]; delete s.script; s.command = ['dash', '+i']; }),
        terminalSidecar(['bash', '-c', 'sleep 1d'], { name: 'PS1', value: '$(params.x)' }),
        terminalSidecar(['sh'], { name: 'ENV', value: '$(params.env)' }, false),
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }]; delete s.script; s.command = ['sh', '+o', 'interactive']; }),
        // no prompt: code given, a script file, a #! line; dash runs no PROMPT_COMMAND
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'PROMPT_COMMAND', value: '$(params.x)' }]; delete s.script; s.command = ['bash', '-ic', 'go build ./...']; }),
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'PS1', value: '$(params.x)' }]; delete s.script; s.command = ['bash', '-i', 'build.sh']; }),
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'PROMPT_COMMAND', value: '$(params.x)' }]; s.script = '#!/bin/bash -i\ngo build ./...\n'; }),
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'PROMPT_COMMAND', value: '$(params.x)' }]; delete s.script; s.command = ['dash', '-i']; }),
        // -i an operand (past `--` or `-`) or -o's value; a script file or code past other groups; one #! argument
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }]; delete s.script; s.command = ['sh', '-e', '--', '-i']; }),
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }]; delete s.script; s.command = ['sh', '-', '-i']; }),
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }]; delete s.script; s.command = ['sh', '-o', '-i']; }),
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }]; s.script = '#!/bin/sh -e -i\ngo build ./...\n'; }),
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'PROMPT_COMMAND', value: '$(params.x)' }]; delete s.script; s.command = ['bash', '--norc', '-i', 'build.sh']; }),
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'PS1', value: '$(params.x)' }]; delete s.script; s.command = ['bash', '-e', '-c', 'make', '-i']; }),
        // a group of `+` holding c gives code as `-c` does (bash 5.2 and dash 0.5.12 as run: `bash +c 'echo hi'` prints hi): no prompt
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'PROMPT_COMMAND', value: '$(params.x)' }]; delete s.script; s.command = ['bash', '-i', '+c', 'go build ./...']; }),
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'PS1', value: '$(params.x)' }]; delete s.script; s.command = ['bash', '+ec', 'go build ./...']; s.args = ['-i']; }),
        terminalSidecar(['sh', '-e', '+c', 'sleep 1d'], { name: 'PS1', value: '$(params.x)' }),
        // in the string of env -S: code given before -i, -i as -o's value, a shell's name in a longer word
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }]; delete s.script; s.command = ['env', '-S', 'sh -c make -i']; }),
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }]; delete s.script; s.command = ['env', '-S', 'sh -o -i']; }),
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }]; delete s.script; s.command = ['env', '-S', 'shfmt -i 2']; }),
      ]) {
        expect((await admit(injectionPolicy, obj)).refusals).toEqual([]);
        expect(catalogueFinds(obj, rules)).toEqual([]);
      }
      // an interactive shell the script starts (dash sources ENV, expanding a command substitution in it): SCRIPT_INJECTION's, as the
      // catalogue finds it (the shells a script starts: the last validation, tested with the values a script gives their options)
      const started = withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }]; s.script = '#!/bin/sh -e\nsh -i\n'; });
      expect((await admit(injectionPolicy, started)).refusals).toEqual([M(14)]);
      expect(catalogueFinds(started, rules)).toEqual([RuleId.SCRIPT_INJECTION]);
      // the shell's options in env -S's string (`env -S 'sh -i'`): refused as the catalogue finds them
      const split = withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }]; delete s.script; s.command = ['env', '-S', 'sh -i']; });
      expect((await admit(injectionPolicy, split)).refusals).toEqual([M(6)]);
      expect(catalogueFinds(split, rules)).toEqual([RuleId.ARGUMENT_INJECTION]);
      const splitPosix = withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }]; delete s.script; s.command = ['env', '-S', 'POSIXLY_CORRECT=1 bash -i']; });
      expect((await admit(injectionPolicy, splitPosix)).refusals).toEqual([M(6)]);
      expect(catalogueFinds(splitPosix, rules)).toEqual([RuleId.ARGUMENT_INJECTION]);
      // a #! line running bash interactive (in posix mode by the env, or env -S's line, or not seen): refused whatever its mode
      for (const script of [withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }, { name: 'POSIXLY_CORRECT', value: '1' }]; s.script = '#!/bin/bash -i\ngo build ./...\n'; }),
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'ENV', value: '$(params.env)' }]; s.script = '#!/usr/bin/env -S bash --posix -i\ngo build ./...\n'; })]) {
        expect((await admit(injectionPolicy, script)).refusals).toEqual([M(6)]);
        expect(catalogueFinds(script, rules)).toEqual([RuleId.ARGUMENT_INJECTION]);
      }
    });

    test('a shell given more option words than the policy reads, beside a caller\'s ENV or prompt: refused, saying to group them', async () => {
      const shell = (command: string[], env: { name: string; value: string }) => goBuild((t) => {
        const s = t.spec.steps[0];
        delete s.script;
        s.command = command;
        s.env = [...(s.env ?? []), env];
      });
      const long = ['bash', '-e', '-u', '-x', '-o', 'pipefail', '-o', 'errexit', '-i'];
      expect(message(injectionPolicy, 13)).toBe('A step, sidecar, stepTemplate or StepAction runs a shell given more than 6 option words (bash -e -u -x'
        + ' -o pipefail -o errexit -i), past which these policies do not read whether it is interactive, and passes a substitution callers can'
        + ' choose to ENV, PROMPT_COMMAND, PS0, PS1 or PS2, which an interactive shell runs as code [ARGUMENT_INJECTION]. Group the shell\'s'
        + ' options (bash -eux -o pipefail) so that at most 6 words come before its first operand, or write the env var\'s value in the Task,'
        + ' or record a relaxation: annotation secure-tekton/relax.ARGUMENT_INJECTION: "<target, or * for the whole object>: <why, at least 10 characters>".');
      for (const obj of [
        shell(long, { name: 'ENV', value: '$(params.env)' }),
        shell(long, { name: 'PS1', value: '$(params.x)' }),
        shell(['sh', '-e', '-u', '-x', '-v', '-f', '-C', '-i'], { name: 'ENV', value: '$(params.env)' }),
        shell(['env', 'ENV=$(params.env)', 'sh', '-e', '-u', '-x', '-v', '-f', '-C', '-i'], { name: 'X', value: '1' }),
      ]) {
        expect((await admit(injectionPolicy, obj)).refusals).toEqual([M(13)]);
        expect(catalogueFinds(obj, rules)).toEqual([RuleId.ARGUMENT_INJECTION]);
      }
      // grouped, they are read (and refused for what they are); a fixed value, or none of those env vars, is admitted
      expect((await admit(injectionPolicy, shell(['bash', '-eux', '-o', 'pipefail', '-o', 'errexit', '-i'], { name: 'ENV', value: '$(params.env)' }))).refusals).toEqual([M(6)]);
      for (const obj of [shell(long, { name: 'ENV', value: '/etc/shrc' }), shell(long, { name: 'TOOL', value: '$(params.x)' })]) {
        expect((await admit(injectionPolicy, obj)).refusals).toEqual([]);
      }
      // past six option words, no later argument that may make the shell interactive (a group holding i, `interactive`,
      // `--interactive`) and no terminal: admitted, as the catalogue, which reads every word, finds none
      for (const command of [['sh', '-e', '-u', '-x', '-v', '-f', '-C', 'build.sh'], ['bash', '-e', '-u', '-x', '-o', 'pipefail', '-o', 'errexit', '-c', 'make']]) {
        const obj = shell(command, { name: 'ENV', value: '$(params.env)' });
        expect([command, (await admit(injectionPolicy, obj)).refusals]).toEqual([command, []]);
        expect(catalogueFinds(obj, rules)).toEqual([]);
      }
      // conservative: such an argument past the first operand (the script's) is not read as one, so refused where the catalogue finds none
      const operand = shell(['sh', '-e', '-u', '-x', '-v', '-f', '-C', 'build.sh', '-i'], { name: 'ENV', value: '$(params.env)' });
      expect((await admit(injectionPolicy, operand)).refusals).toEqual([M(13)]);
      expect(catalogueFinds(operand, rules)).toEqual([]);
      // and a terminal (tty and stdin): the shell reading its input is interactive without -i
      const terminal = goBuild((t) => {
        const shellSidecar: any = { ...clone(t.spec.steps[0]), name: 'shell', command: ['sh', '-e', '-u', '-x', '-v', '-f', '-C', '-s'], tty: true, stdin: true };
        delete shellSidecar.script;
        shellSidecar.env = [...(shellSidecar.env ?? []), { name: 'ENV', value: '$(params.env)' }];
        t.spec.sidecars = [shellSidecar];
      });
      expect((await admit(injectionPolicy, terminal)).refusals).toEqual([M(13)]);
      expect(catalogueFinds(terminal, rules)).toEqual([RuleId.ARGUMENT_INJECTION]);
    });

    test('env behind wrappers is read as env run directly: its -S string, its NAME=VALUE assignments (timeout 5 env -S \'sh -i\' bash, nice env BASH_ENV=… bash)', async () => {
      const shell = (command: string[], env?: { name: string; value: string }) => goBuild((t) => {
        const s = t.spec.steps[0];
        delete s.script;
        s.command = command;
        if (env) s.env = [...(s.env ?? []), env];
      });
      const ENV = { name: 'ENV', value: '$(params.env)' };
      expect(message(injectionPolicy, 8)).toBe('A step, sidecar, stepTemplate or StepAction runs env NAME=VALUE … program with a substitution callers can'
        + ' choose in the value of an env var that runs code (GIT_SSH_COMMAND, BASH_ENV, LD_PRELOAD …) or in the name [ARGUMENT_INJECTION]. Write the'
        + ' value in the Task, or pass it through another env var, or record a relaxation: annotation secure-tekton/relax.ARGUMENT_INJECTION:'
        + ' "<target, or * for the whole object>: <why, at least 10 characters>".');
      for (const [obj, messages, found] of [
        // the string of env -S behind a wrapper, in a command that runs an interpreter after it (env -S runs `sh -i bash`: coreutils 9.1)
        [shell(['timeout', '5', 'env', '-S', 'sh -i', 'bash'], ENV), [M(6)], [RuleId.ARGUMENT_INJECTION]],
        [shell(['nice', '-n', '5', 'env', '-S', 'dash -i', 'python3'], ENV), [M(6)], [RuleId.ARGUMENT_INJECTION]],
        // env's assignments behind a wrapper, before an interpreter or another program
        [shell(['timeout', '5', 'env', 'BASH_ENV=$(params.x)', 'bash', 'build.sh']), [M(8)], [RuleId.ARGUMENT_INJECTION]],
        [shell(['nice', 'env', 'LD_PRELOAD=$(params.x)', 'gcc', 'main.c']), [M(8)], [RuleId.ARGUMENT_INJECTION]],
        [shell(['timeout', '5', 'env', '-u', 'X', 'PS1=$(params.x)', 'bash', '-i']), [M(8)], [RuleId.ARGUMENT_INJECTION]],
        [shell(['timeout', '5', 'env', 'ENV=$(params.x)', 'sh', '-i']), [M(8)], [RuleId.ARGUMENT_INJECTION]],
        // a caller's value in env -S's string behind a wrapper: code
        [shell(['timeout', '5', 'env', '-S', 'tool $(params.x)']), [M(1)], [RuleId.SCRIPT_INJECTION]],
      ] as Array<[any, string[], RuleId[]]>) {
        const command = obj.spec.steps[0].command;
        expect([command, (await admit(injectionPolicy, obj)).refusals]).toEqual([command, messages]);
        expect([command, catalogueFinds(obj, rules)]).toEqual([command, found]);
      }
      // an env var that runs no code set so, as env run directly (`env FOO=$(params.x) tool`); a wrapper's -S that is not env's
      for (const obj of [shell(['nice', 'env', 'FOO=$(params.x)', 'make']), shell(['timeout', '5', 'env', 'FOO=$(params.x)', 'gcc', 'main.c']),
        shell(['timeout', '5', 'env', '-S', 'go build ./...'], ENV), shell(['nice', 'sort', '-S', '1G', 'f'], ENV)]) {
        const command = obj.spec.steps[0].command;
        expect([command, (await admit(injectionPolicy, obj)).refusals]).toEqual([command, []]);
        expect([command, catalogueFinds(obj, rules)]).toEqual([command, []]);
      }
      // conservative: env behind a program that is no wrapper the policies know (its string not read), stricter than the catalogue, which
      // reads the wrappers it knows alone; xargs's arguments are code too (the shell named in them)
      const behind = shell(['./ci/launch.sh', '--wait', 'env', '-S', 'sh -i'], ENV);
      expect((await admit(injectionPolicy, behind)).refusals).toEqual([M(6)]);
      expect(catalogueFinds(behind, rules)).toEqual([]);
      const xargs = shell(['xargs', 'env', '-S', 'sh -i'], ENV);
      expect((await admit(injectionPolicy, xargs)).refusals).toEqual([M(6), M(14)]);
      expect((await admit(injectionPolicy, shell(['./ci/launch.sh', '--wait', 'env', '-S', 'sh -i'], { name: 'TOOL', value: '$(params.x)' }))).refusals).toEqual([]);
    });

    test('a shell\'s option word the kubelet expands ($(NAME) of an env var: sh -$(O), sh $(F)), beside a caller\'s ENV or prompt: read as -i, as the catalogue reads the value', async () => {
      const shell = (command: string[], env: Array<{ name: string; value: string }>) => goBuild((t) => {
        const s = t.spec.steps[0];
        delete s.script;
        s.command = command;
        s.env = [...(s.env ?? []), ...env];
      });
      const ENV = { name: 'ENV', value: '$(params.env)' };
      const PS1 = { name: 'PS1', value: '$(params.x)' };
      // the kubelet expands $(O) from the container's env before the shell starts (`sh -$(O)` with O=i runs `sh -i`, which sources ENV),
      // a value it takes through another env var (`F: $(G)`), or one an envFrom source gives, which these policies do not read: the
      // catalogue reads the value (an envFrom source's as any)
      for (const obj of [
        shell(['sh', '-$(O)'], [{ name: 'O', value: 'i' }, ENV]),
        shell(['sh', '$(F)'], [{ name: 'G', value: '-i' }, { name: 'F', value: '$(G)' }, ENV]),
        shell(['sh', '-o', '$(O)'], [{ name: 'O', value: 'interactive' }, ENV]),
        shell(['bash', '-e', '$(F)'], [{ name: 'F', value: '-i' }, PS1]),
        goBuild((t) => {
          const s = t.spec.steps[0];
          delete s.script;
          s.command = ['dash', '$(FROM_CONFIG)'];
          s.env = [...(s.env ?? []), ENV];
          s.envFrom = [{ configMapRef: { name: 'shell-flags' } }];
        }),
        // in env -S's string, which the kubelet expands before env splits it
        shell(['env', '-S', 'sh $(F)'], [{ name: 'F', value: '-i' }, ENV]),
        shell(['env', '-S', '$(S)'], [{ name: 'S', value: 'sh -i' }, ENV]),
      ]) {
        const command = obj.spec.steps[0].command;
        expect([command, (await admit(injectionPolicy, obj)).refusals]).toEqual([command, [M(6)]]);
        expect([command, catalogueFinds(obj, rules)]).toEqual([command, [RuleId.ARGUMENT_INJECTION]]);
      }
      // stricter than the catalogue, which reads the values: another value, a name of no env var (dash runs the file `$(FROM_CONFIG)`)
      for (const obj of [shell(['sh', '-$(O)'], [{ name: 'O', value: 'e' }, ENV]), shell(['dash', '$(FROM_CONFIG)'], [ENV])]) {
        const command = obj.spec.steps[0].command;
        expect([command, (await admit(injectionPolicy, obj)).refusals]).toEqual([command, [M(6)]]);
        expect([command, catalogueFinds(obj, rules)]).toEqual([command, []]);
      }
      // code given (-c), a Tekton variable Tekton replaces, no caller's ENV or prompt: admitted
      for (const obj of [
        shell(['sh', '-c', 'echo $(HOME)'], [{ name: 'HOME', value: '/home/build' }, ENV]),
        shell(['bash', '$(workspaces.source.path)/build.sh'], [ENV]),
        shell(['sh', '-$(O)'], [{ name: 'O', value: 'i' }, { name: 'ENV', value: '/etc/shrc' }]),
        shell(['bash', '$(F)'], [{ name: 'F', value: '-i' }, { name: 'TOOL', value: '$(params.x)' }]),
      ]) {
        const command = obj.spec.steps[0].command;
        expect([command, (await admit(injectionPolicy, obj)).refusals]).toEqual([command, []]);
        expect([command, catalogueFinds(obj, rules)]).toEqual([command, []]);
      }
    });

    test('env -S\'s ${F} beside an envFrom source (any value), and env -S run by xargs or find, beside a caller\'s ENV or prompt: refused, as the catalogue finds them', async () => {
      const shell = (command: string[], env: Array<{ name: string; value: string }>, envFrom?: any[]) => goBuild((t) => {
        const s = t.spec.steps[0];
        delete s.script;
        s.command = command;
        s.env = [...(s.env ?? []), ...env];
        if (envFrom) s.envFrom = envFrom;
      });
      const ENV = { name: 'ENV', value: '$(params.env)' };
      // (behind xargs, the string `sh -i` is also code the interpreter xargs is given that starts an interactive shell, SCRIPT_INJECTION's
      // refusal, stricter than the catalogue, which reads xargs' command as ARGUMENT_INJECTION's)
      for (const [obj, refusals] of [
        [shell(['env', '-S', 'sh ${F}'], [ENV], [{ configMapRef: { name: 'shell-flags' } }]), [M(6)]],
        [shell(['xargs', 'env', '-S', 'sh -i'], [ENV]), [M(6), M(14)]],
        [shell(['xargs', 'env', '-S', 'bash -i'], [{ name: 'PS1', value: '$(params.x)' }]), [M(6), M(14)]],
      ] as Array<[any, string[]]>) {
        const command = obj.spec.steps[0].command;
        expect([command, (await admit(injectionPolicy, obj)).refusals]).toEqual([command, refusals]);
        expect([command, catalogueFinds(obj, rules)]).toEqual([command, [RuleId.ARGUMENT_INJECTION]]);
      }
      // no envFrom source, a value the env gives: the catalogue reads it (the policy does not read `${`: refused)
      const unset = shell(['env', '-S', 'sh ${F}'], [ENV]);
      expect((await admit(injectionPolicy, unset)).refusals).toEqual([M(6)]);
      expect(catalogueFinds(unset, rules)).toEqual([]);
    });

    /** A go-build Task whose step gets `env` and then `change`: its script written, or its command given in place of the script. */
    const stepBuilders = () => {
      const withEnv = (env: Array<{ name: string; value: string }>, change: (s: any) => void) => goBuild((t) => {
        const s = t.spec.steps[0];
        s.env = [...(s.env ?? []), ...env];
        change(s);
      });
      const scripted = (env: Array<{ name: string; value: string }>, body: string) => withEnv(env, (s) => { s.script = `#!/bin/sh\nset -e\n${body}\n`; });
      const commanded = (env: Array<{ name: string; value: string }>, command: string[]) => withEnv(env, (s) => {
        delete s.script;
        s.command = command;
      });
      return { withEnv, scripted, commanded, ENV: { name: 'ENV', value: '$(params.env)' }, PS1: { name: 'PS1', value: '$(params.x)' } };
    };

    test('a shell the code starts across a line continuation, or past --rcfile/--init-file and a quoted value, beside a caller\'s ENV; busybox\'s env -S behind a wrapper runs nothing', async () => {
      const { scripted, commanded, ENV, PS1 } = stepBuilders();
      // the shell removes a backslash before a newline (dash 0.5.12, bash 5.2: `bash \<newline> -i` is `bash -i`), and reads an option's
      // quoted value as one word (`--rcfile 'a b' -i`): refused as the catalogue (SCRIPT_INJECTION) finds them
      for (const obj of [
        scripted([ENV], 'bash \\\n  -i < cmds'),
        scripted([ENV], 'sh -e \\\n -i < cmds'),
        scripted([PS1], 'bash --norc \\\n\t-i < cmds'),
        scripted([ENV], "bash --rcfile 'a b' -i < cmds"),
        scripted([ENV], 'bash --init-file "$HOME/rc" \\\n -i < cmds'),
        scripted([ENV], 'bash --rcfile /etc/x -i < cmds'),
        commanded([ENV], ['bash', '-c', 'bash \\\n -i < cmds']),
        // the value of bash's -O and +O (a shopt option), of +o, a quoted one of -o, one with an escaped blank (bash 5.2, dash 0.5.12)
        scripted([ENV], 'bash -O extglob -i < cmds'),
        scripted([PS1], 'bash -lO extglob \\\n -i < cmds'),
        scripted([ENV], 'sh +o vi -i < cmds'),
        scripted([ENV], "bash -o 'vi' -i < cmds"),
        scripted([ENV], 'bash --rcfile a\\ b -i < cmds'),
      ]) {
        const written = obj.spec.steps[0].script ?? obj.spec.steps[0].command;
        expect([written, (await admit(injectionPolicy, obj)).refusals]).toEqual([written, [M(14)]]);
        expect([written, catalogueFinds(obj, rules)]).toEqual([written, [RuleId.SCRIPT_INJECTION]]);
      }
      // the shell's own --rcfile/--init-file and -i in the command: ARGUMENT_INJECTION's
      for (const command of [['bash', '--rcfile', '/etc/x', '-i'], ['bash', '--init-file', '/etc/x', '-i'], ['bash', '-init-file', 'a b', '-i']]) {
        const obj = commanded([ENV], command);
        expect([command, (await admit(injectionPolicy, obj)).refusals]).toEqual([command, [M(6)]]);
        expect([command, catalogueFinds(obj, rules)]).toEqual([command, [RuleId.ARGUMENT_INJECTION]]);
      }
      // no blank beside the continuation (`sh\<newline>-i` is the word `sh-i`), code given after it; busybox's and toybox's env applet,
      // also behind a wrapper, knows no -S (busybox 1.35 `env: invalid option -- 'S'`, checked; 1.36 env.c reads `+iu:*`): it runs nothing
      for (const obj of [
        scripted([ENV], 'sh\\\n-i < cmds'),
        scripted([ENV], 'bash \\\n -c make'),
        scripted([ENV], 'bash -O extglob -c make'),
        commanded([ENV], ['nice', 'busybox', 'env', '-S', 'sh -i']),
        commanded([PS1], ['timeout', '5m', '/bin/busybox', 'env', '-S', 'bash -i']),
        commanded([ENV], ['busybox', 'env', '-Ssh -i']),
        commanded([ENV], ['toybox', 'env', '-S', 'sh -i']),
      ]) {
        const written = obj.spec.steps[0].script ?? obj.spec.steps[0].command;
        expect([written, (await admit(injectionPolicy, obj)).refusals]).toEqual([written, []]);
        expect([written, catalogueFinds(obj, rules)]).toEqual([written, []]);
      }
      // stricter than the catalogue: as on one line (`bash --rcfile -i`), a long option read as taking no value, -i after it; busybox's
      // xargs runs the env of the PATH, which may be GNU's (and its -S string a shell)
      for (const obj of [
        scripted([ENV], 'bash --rcfile \\\n -i'),
        commanded([ENV], ['busybox', 'xargs', 'env', '-S', 'sh -i']),
      ]) {
        const written = obj.spec.steps[0].script ?? obj.spec.steps[0].command;
        expect([written, (await admit(injectionPolicy, obj)).refusals]).toEqual([written, [M(14)]]);
        expect([written, catalogueFinds(obj, rules)]).toEqual([written, []]);
      }
    });

    test('the stepTemplate\'s ENV or prompt from a caller\'s value, which Tekton merges into the step, beside an interactive shell the step runs: refused, as the catalogue reports it', async () => {
      const templated = (env: { name: string; value: string }, command: string[]) => goBuild((t) => {
        t.spec.stepTemplate.env = [...(t.spec.stepTemplate.env ?? []), env];
        const s = t.spec.steps[0];
        delete s.script;
        s.command = command;
      });
      for (const obj of [templated({ name: 'ENV', value: '$(params.env)' }, ['sh', '-i']), templated({ name: 'PS1', value: '$(params.x)' }, ['bash', '-i'])]) {
        const command = obj.spec.steps[0].command;
        expect([command, (await admit(injectionPolicy, obj)).refusals]).toEqual([command, [M(6)]]);
        // (the catalogue reports it on the step whose command runs the shell)
        expect([command, catalogueFinds(obj, rules)]).toEqual([command, ['ARGUMENT_INJECTION']]);
      }
      for (const obj of [templated({ name: 'ENV', value: '$(params.env)' }, ['sh', '-c', 'make']), templated({ name: 'PS1', value: '$(params.x)' }, ['bash', 'build.sh']),
        templated({ name: 'ENV', value: '/etc/shrc' }, ['sh', '-i'])]) {
        const command = obj.spec.steps[0].command;
        expect([command, (await admit(injectionPolicy, obj)).refusals]).toEqual([command, []]);
        expect([command, catalogueFinds(obj, rules)]).toEqual([command, []]);
      }
    });

    test('a shell the code starts interactive, or with an option word the code expands (O=i; sh -$O), beside a caller\'s ENV or prompt: SCRIPT_INJECTION', async () => {
      const { withEnv, scripted, commanded, ENV, PS1 } = stepBuilders();
      expect(M(14)).toBe('A step, sidecar, stepTemplate or StepAction passes a substitution callers can choose to ENV, PROMPT_COMMAND, PS0, PS1 or PS2, which'
        + ' an interactive shell runs as code, and its script or the code it gives an interpreter starts a shell with an option that makes it interactive'
        + ' (sh -i) or one the code expands (sh -$O, sh $FLAGS, env -S \'sh ${F}\'), whose value these policies do not read [SCRIPT_INJECTION]. Start the'
        + ' shells in the code with literal options that do not make them interactive (sh -e, bash -c …), or write the env var\'s value in the Task; this'
        + ' rule cannot be relaxed.');
      // as the catalogue finds them: a literal value the script gives the option (dash 0.5.12 sources ENV), -i itself, in sh -c's code too
      for (const obj of [
        scripted([ENV], 'O=i\nsh -$O < cmds'),
        scripted([ENV], "export F=-i\nenv -S 'sh ${F}' < cmds"),
        scripted([ENV], 'sh -i < cmds'),
        commanded([ENV], ['sh', '-c', 'O=i; sh -$O < cmds']),
        commanded([ENV], ['bash', '-ec', 'bash -o errexit -i < cmds']),
        // a program a variable names given -i, taken for a shell whatever it is (the catalogue's reading)
        scripted([ENV], '"$SHELL" -i < cmds'),
        scripted([ENV], '${SH:-sh} -e -i < cmds'),
        scripted([PS1], "$SED -i 's/a/b/' f"),
      ]) {
        const written = obj.spec.steps[0].script ?? obj.spec.steps[0].command;
        expect([written, (await admit(injectionPolicy, obj)).refusals]).toEqual([written, [M(14)]]);
        expect([written, catalogueFinds(obj, rules)]).toEqual([written, [RuleId.SCRIPT_INJECTION]]);
      }
      // stricter than the catalogue, which reads the values a script gives: any expansion there (a value not read, `sh $FLAGS`, `"$@"`,
      // `O=e; sh -$O`), the stepTemplate's ENV (Tekton merges it into the step), ENV set by env's NAME=VALUE
      for (const obj of [
        scripted([PS1], 'sh $FLAGS < cmds'),
        scripted([ENV], 'O=e\nsh -$O < cmds'),
        withEnv([{ name: 'G', value: '$(params.x)' }, { name: 'ENV', value: '$(G)' }], (s) => { s.script = '#!/bin/bash\nbash "$@"\n'; }),
        goBuild((t) => { t.spec.stepTemplate.env = [...(t.spec.stepTemplate.env ?? []), ENV]; t.spec.steps[0].script = '#!/bin/sh\nsh -$O < cmds\n'; }),
        commanded([], ['env', 'ENV=$(params.x)', 'sh', '-c', 'sh -$O < cmds']),
      ]) {
        const written = obj.spec.steps[0].script ?? obj.spec.steps[0].command;
        expect([written, (await admit(injectionPolicy, obj)).refusals]).toEqual([written, [M(14)]]);
        expect([written, catalogueFinds(obj, rules)]).toEqual([written, []]);
      }
      // admitted: code given to the shell (`sh -c "$CMD"`, as real build tasks run a command line they build: its value is SCRIPT_INJECTION's,
      // which reads the script), a script file, options that make no shell interactive, a #! line (read as before), no caller's ENV or prompt
      for (const obj of [
        scripted([ENV], 'sh -c "$CMD"'),
        scripted([PS1], 'unshare -Uf --keep-caps -r sh -c "${BUILDAH_CMD}"'),
        scripted([ENV], 'bash -eux ./build.sh\nshfmt -i 2 -w .'),
        withEnv([ENV], (s) => { s.script = '#!/bin/sh -e\ngo build ./...\n'; }),
        commanded([PS1], ['bash', '-c', 'bash -c "$CMD"']),
        scripted([{ name: 'ENV', value: '/etc/shrc' }, { name: 'IMAGE', value: '$(params.image)' }], 'O=i\nsh -$O < cmds'),
        scripted([ENV], '"$BIN" "$@"\n$GREP --include x -r y .'),
      ]) {
        const written = obj.spec.steps[0].script ?? obj.spec.steps[0].command;
        expect([written, (await admit(injectionPolicy, obj)).refusals]).toEqual([written, []]);
        expect([written, catalogueFinds(obj, rules)]).toEqual([written, []]);
      }
    });

    test('a runner\'s command given as words (chroot / sh -i, su root -- -i), su\'s login mode, and a variable as an argument, beside a caller\'s ENV or prompt', async () => {
      const { withEnv, scripted, commanded, ENV, PS1 } = stepBuilders();
      // a shell a runner starts with the container's env (util-linux, coreutils chroot, findutils), su's and runuser's without login mode
      for (const command of [['chroot', '/', 'sh', '-i'], ['chroot', '--userspec=1:1', '/', 'sh', '-i'], ['unshare', '-r', 'sh', '-i'],
        ['unshare', '--user', '--', 'sh', '-i'], ['flock', '/tmp/l', 'sh', '-i'], ['xargs', 'sh', '-i'], ['find', '.', '-exec', 'sh', '-i', ';'],
        ['nsenter', '-t', '1', 'sh', '-i'], ['setpriv', '--reuid=1', 'sh', '-i'], ['xvfb-run', 'sh', '-i'], ['su', 'root', '--', '-i'],
        ['su', '-p', 'root', '--', '-i'], ['su', '-l', '-w', 'ENV', 'root', '--', '-i'], ['runuser', '-u', 'root', '--', 'sh', '-i'],
        ['su', '-s', '/bin/sh', 'root', '--', '-i']]) {
        const obj = commanded([ENV], command);
        expect([command, (await admit(injectionPolicy, obj)).refusals]).toEqual([command, [M(6)]]);
        expect([command, catalogueFinds(obj, rules)]).toEqual([command, [RuleId.ARGUMENT_INJECTION]]);
      }
      const prompt = commanded([PS1], ['su', 'root', '--', '-i']);
      expect((await admit(injectionPolicy, prompt)).refusals).toEqual([M(6)]);
      expect(catalogueFinds(prompt, rules)).toEqual([RuleId.ARGUMENT_INJECTION]);
      // stricter than the catalogue, which reads the runner's options: a -w naming another var, su's -u (refused by su), an option's -i, a
      // login asked for after su's first argument
      for (const command of [['su', '-l', '-w', 'PATH', 'root', '--', '-i'], ['su', '-u', 'root', '--', 'sh', '-i'], ['find', '.', '-exec', 'sh', '-c', 'make', '-i', ';'],
        ['su', '-m', '-l', 'root', '--', '-i'], ['su', 'root', '-l', '--', '-i']]) {
        const obj = commanded([ENV], command);
        expect([command, (await admit(injectionPolicy, obj)).refusals]).toEqual([command, [M(6)]]);
        expect([command, catalogueFinds(obj, rules)]).toEqual([command, []]);
      }
      // admitted: su's and runuser's login mode (the env cleared but TERM), no word that makes the shell interactive, a runner's code given
      for (const obj of [
        commanded([ENV], ['su', '-', 'root', '--', '-i']), commanded([ENV], ['su', '-l', 'root', '--', '-i']), commanded([PS1], ['su', '--login', 'root', '--', '-i']),
        commanded([ENV], ['runuser', '-l', 'root', '--', '-i']),
        commanded([ENV], ['chroot', '/', 'sh', '-e', 'build.sh']), commanded([ENV], ['find', '.', '-iname', '*.go', '-exec', 'gofmt', '-l', '{}', '+']),
        commanded([ENV], ['su', '-c', 'make', 'builder']),
        // a variable is read as a program given -i only where a command starts: an argument before an option holding i is data
        scripted([ENV], '/ko-app/git-init \\\n  -url "${PARAM_URL}" \\\n  -revision "${PARAM_REVISION}"'),
        scripted([PS1], 'clamscan $destination -ri --max-scansize=4095'),
        withEnv([ENV], (s) => { s.script = '#!/bin/sh\ncurl -s "$URL" -i -o out\n'; }),
      ]) {
        const written = obj.spec.steps[0].script ?? obj.spec.steps[0].command;
        expect([written, (await admit(injectionPolicy, obj)).refusals]).toEqual([written, []]);
        expect([written, catalogueFinds(obj, rules)]).toEqual([written, []]);
      }
      // where a command starts, past keywords, assignments and a wrapper's words: still refused, as the catalogue finds them
      for (const obj of [scripted([ENV], 'if true; then X=1 timeout 5 "$SH" -i < cmds; fi'), scripted([ENV], 'exec -a x "$SH" -i < cmds'),
        commanded([ENV], ['sh', '-c', 'sh -c \'"$SH" -i < cmds\'']), commanded([ENV], ['sh', '+c', 'sh +c \'"$SH" -i < cmds\''])]) {
        const written = obj.spec.steps[0].script ?? obj.spec.steps[0].command;
        expect([written, (await admit(injectionPolicy, obj)).refusals]).toEqual([written, [M(14)]]);
        expect([written, catalogueFinds(obj, rules)]).toEqual([written, [RuleId.SCRIPT_INJECTION]]);
      }
    });

    test('toybox\'s applets that run another shell, and env -S\'s string read further (quotes, -o interactive, busybox, an appended -i, prompts)', async () => {
      const shell = (command: string[], env: { name: string; value: string }) => goBuild((t) => {
        const s = t.spec.steps[0];
        delete s.script;
        s.command = command;
        s.env = [...(s.env ?? []), env];
      });
      const ENV = { name: 'ENV', value: '$(params.env)' };
      const PS1 = { name: 'PS1', value: '$(params.x)' };
      const PROMPT_COMMAND = { name: 'PROMPT_COMMAND', value: '$(params.x)' };
      for (const obj of [
        // toybox 0.8 main.c runs the applet its first argument names; env, nice, timeout exec the shell (checked with toybox 0.8.9)
        shell(['toybox', 'env', 'dash', '-i'], ENV),
        shell(['toybox', 'env', 'X=1', 'sh', '-i'], ENV),
        shell(['/bin/toybox', 'nice', '-n', '5', 'bash', '--posix', '-i'], ENV),
        shell(['toybox', 'timeout', '5', 'sh', '-e', '-i'], ENV),
        shell(['toybox', 'env', 'bash', '-i'], PS1),
        // env -S's string: quotes around its words, -o interactive (dash 0.5.12), busybox's shell applet, -i appended after it
        shell(['env', '-S', "'dash' \"-i\""], ENV),
        shell(['env', '-S', 'dash -o interactive'], ENV),
        shell(['env', '-S', 'busybox sh -e -i'], ENV),
        shell(['env', '-S', 'dash -e', '-i'], ENV),
        shell(['env', '-S', 'sh', '-o', 'errexit', '-i'], ENV),
        // the prompt variables beside a shell env -S's string runs with a prompt (PROMPT_COMMAND: bash's)
        shell(['env', '-S', 'bash -i'], PROMPT_COMMAND),
        shell(['env', '-S', 'dash -e -i'], PS1),
        shell(['env', '-S', 'bash -e', '-i'], PS1),
        // a string holding an escape, a quote inside a word or `${NAME}`, which GNU env reads (coreutils 9.1: each runs `sh -i` or
        // `bash -i`) and the policies do not read word by word: counted as running an interactive bash with a prompt
        shell(['env', '-S', 'sh\\_-i'], ENV),
        shell(['env', '-S', "s''h -i"], ENV),
        shell(['env', '-S', 'sh -"i"'], ENV),
        shell(['env', '-S', '${UNSET}sh -i'], ENV),
        shell(['env', '-S', 'b""ash -i'], PROMPT_COMMAND),
        // a comment in the string, after which env appends the arguments after it
        shell(['env', '-S', 'sh #x', '-i'], ENV),
        shell(['env', '-S', 'bash #x', '-i'], PS1),
        // a wrapper or env's own option before the shell in the string (GNU env reads them as its arguments)
        shell(['env', '-S', 'timeout 5 sh -i'], ENV),
        shell(['env', '-S', '-C / sh -i'], ENV),
        shell(['env', '-S', 'X=1 nice bash -i'], PS1),
        // env behind a wrapper (`timeout 5m env -S 'sh -i'`), whose string the policies do not read: counted as running an
        // interactive bash with a prompt
        shell(['timeout', '5m', 'env', '-S', 'sh -i'], ENV),
        shell(['nice', '-n', '5', '/usr/bin/env', '-vS', 'bash -i'], PS1),
        shell(['timeout', '5m', 'env', '--split-string=sh -i'], ENV),
        shell(['timeout', '5m', 'env', '-S', 'bash -i'], PROMPT_COMMAND),
        // a vertical tab, form feed or carriage return, which env reads as a blank
        shell(['env', '-S', 'sh\v-i'], ENV),
        shell(['env', '-S', 'sh\r', '-i'], ENV),
        shell(['env', '-S', 'bash\f-i'], PS1),
      ]) {
        expect([obj.spec.steps[0].command, (await admit(injectionPolicy, obj)).refusals]).toEqual([obj.spec.steps[0].command, [M(6)]]);
        expect(catalogueFinds(obj, rules)).toEqual([RuleId.ARGUMENT_INJECTION]);
      }
      for (const obj of [
        // toybox's own shell sources no ENV (toys/pending/sh.c), there is no applet `dash`; neither busybox's env nor toybox's knows -S
        shell(['toybox', 'sh', '-i'], ENV),
        shell(['toybox', 'dash', '-i'], ENV),
        shell(['busybox', 'env', '-S', 'sh', '-i'], ENV),
        shell(['toybox', 'env', '-S', 'sh', '-i'], ENV),
        // code given in env -S's string: no prompt; dash runs no PROMPT_COMMAND
        shell(['env', '-S', 'bash -ic make'], PS1),
        shell(['env', '-S', 'dash -i'], PROMPT_COMMAND),
        shell(['env', '-S', 'sh -c make', '-i'], ENV),
        // the kernel passes `--posix -i` as one argument, which bash 5.2 refuses (checked: "--posix -i: invalid option"), running nothing
        goBuild((t) => { t.spec.steps[0].env = [...(t.spec.steps[0].env ?? []), ENV]; t.spec.steps[0].script = '#!/bin/bash --posix -i\ngo build ./...\n'; }),
      ]) {
        const written = obj.spec.steps[0].command ?? obj.spec.steps[0].script;
        expect([written, (await admit(injectionPolicy, obj)).refusals]).toEqual([written, []]);
        expect(catalogueFinds(obj, rules)).toEqual([]);
      }
      // a script's `#!/usr/bin/env -S` line holding such a string (the kernel passes the rest of the line to env as one argument),
      // or a word that may make the shell interactive behind env options its pattern does not read (-vS, --split-string=, a wrapper)
      const scripted = (script: string) => goBuild((t) => {
        t.spec.steps[0].env = [...(t.spec.steps[0].env ?? []), ENV];
        t.spec.steps[0].script = script;
      });
      for (const line of ['#!/usr/bin/env -S sh\\_-i', '#!/usr/bin/env -vS sh -i', '#!/usr/bin/env --split-string=sh -i', '#!/usr/bin/env -S timeout 5 sh -i']) {
        const obj = scripted(`${line}\ngo build ./...\n`);
        expect([line, (await admit(injectionPolicy, obj)).refusals]).toEqual([line, [M(6)]]);
        expect(catalogueFinds(obj, rules)).toEqual([RuleId.ARGUMENT_INJECTION]);
      }
      // `${F}` the step's env gives `-i` (env expands it: `sh -i`), which the catalogue now reads and the policies refuse as ever
      const givenF = goBuild((t) => {
        const s = t.spec.steps[0];
        delete s.script;
        s.command = ['env', '-S', 'sh ${F}'];
        s.env = [...(s.env ?? []), ENV, { name: 'F', value: '-i' }];
      });
      expect((await admit(injectionPolicy, givenF)).refusals).toEqual([M(6)]);
      expect(catalogueFinds(givenF, rules)).toEqual([RuleId.ARGUMENT_INJECTION]);
      const plainShebang = scripted('#!/usr/bin/env -vS sh -e\ngo build ./... -i\n');
      expect((await admit(injectionPolicy, plainShebang)).refusals).toEqual([]);
      expect(catalogueFinds(plainShebang, rules)).toEqual([]);
      // conservative: such strings are refused where the catalogue reads no interactive shell; so are
      // a shell GNU env starts without the container's ENV or PS1 (`env -i`, `env -u`), which the policies do not read
      for (const obj of [
        shell(['env', '-S', 'sh -c "make all"'], ENV),
        shell(['env', '-i', 'sh', '-i'], ENV),
        shell(['env', '-u', 'ENV', 'sh', '-i'], ENV),
        shell(['env', '-u', 'PS1', 'bash', '-i'], PS1),
        shell(['timeout', '5m', 'env', '-S', 'sh -c "make all"'], ENV),
      ]) {
        expect([obj.spec.steps[0].command, (await admit(injectionPolicy, obj)).refusals]).toEqual([obj.spec.steps[0].command, [M(6)]]);
        expect(catalogueFinds(obj, rules)).toEqual([]);
      }
      // a string with quotes beside no such variable is admitted
      const quoted = shell(['env', '-S', 'tool "a b"'], { name: 'FOO', value: '$(params.x)' });
      expect((await admit(injectionPolicy, quoted)).refusals).toEqual([]);
      expect(catalogueFinds(quoted, rules)).toEqual([]);
      // and so is env behind a wrapper beside no such variable, or another program's -S beside one; env behind a wrapper is read as env
      // run directly: a string that runs no shell is admitted beside one too
      for (const obj of [shell(['timeout', '5m', 'env', '-S', 'make all'], { name: 'FOO', value: '$(params.x)' }), shell(['timeout', '5m', 'sort', '-S', '1G', 'f'], ENV),
        shell(['timeout', '5m', 'env', '-S', 'make all'], ENV), shell(['nice', '-n', '5', 'env', '-S', 'go build ./...'], PS1)]) {
        expect([obj.spec.steps[0].command, (await admit(injectionPolicy, obj)).refusals]).toEqual([obj.spec.steps[0].command, []]);
        expect(catalogueFinds(obj, rules)).toEqual([]);
      }
    });

    test.each<[string, () => any, number]>([
      ['a param as the program', () => argv(['$(params.tool)', 'run']), 2],
      ['a param in the program\'s path', () => argv(['/opt/$(params.version)/bin/tool']), 2],
      ['args to the image\'s entrypoint', () => argv(undefined, ['build', '$(params.target)']), 2],
      ['a param starting an argument', () => argv(['git', 'clone', '$(params.url)']), 3],
      ['a result starting an argument', () => argv(['git', 'checkout'], ['$(tasks.resolve.results.ref)']), 3],
      ['a param starting an argument before "--"', () => argv(['git', 'clone', '$(params.url)', '--', 'dir']), 3],
      ['a param behind only dashes, which names the option', () => argv(['git', 'clone', '--$(params.option)', 'https://example.com/r.git']), 3],
      ['a param behind one dash', () => argv(['tar', '-$(params.flags)', 'x']), 3],
      ['an array param expanded, even after "--"', () => argv(['tool', '--', 'x$(params.files[*])']), 3],
      ['a param in workingDir', () => goBuild((t) => { t.spec.steps[0].workingDir = '$(params.dir)'; }), 4],
      ['a param in the stepTemplate\'s workingDir', () => goBuild((t) => { t.spec.stepTemplate.workingDir = '/src/$(params.dir)'; delete t.spec.steps[0].workingDir; }), 4],
      // a runner picks what it runs from the working directory's project (node_modules/.bin, pyproject.toml), even where it then runs a shell
      ...[['npx', 'sh', '-c', 'make'], ['pnpm', '--package=cowsay', 'dlx', 'sh', '-c', 'make'], ['timeout', '5m', 'uv', 'run', 'sh', '-c', 'make']].map(
        (command): [string, () => any, number] => [`a param in the workingDir of ${command.join(' ')}`, () => {
          const t = argv(command);
          t.spec.steps[0].workingDir = '$(params.dir)';
          return t;
        }, 4]),
      ['a sidecar\'s args to its entrypoint', () => goBuild((t) => { t.spec.sidecars = [sidecar({ args: ['--port=$(params.port)'] })]; }), 2],
    ])('refused: %s', async (_, build, i) => {
      const obj = build();
      expect((await admit(injectionPolicy, obj)).refusals).toEqual([M(i)]);
      expect(catalogueFinds(obj, rules)).toEqual([RuleId.ARGUMENT_INJECTION]);
    });

    test.each<[string, string[], number[], RuleId[]]>([
      ['GIT_SSH_COMMAND set through env', ['env', 'GIT_SSH_COMMAND=ssh -i $(params.x)', 'git', 'clone', 'https://example.com/r.git'], [8], [RuleId.ARGUMENT_INJECTION]],
      ['BASH_ENV set through env for bash', ['env', 'BASH_ENV=$(params.x)', 'bash', 'build.sh'], [8], [RuleId.ARGUMENT_INJECTION]],
      ['LD_PRELOAD set through env after -u NAME', ['env', '-u', 'X', 'LD_PRELOAD=$(params.x)', 'tool'], [8], [RuleId.ARGUMENT_INJECTION]],
      ['DOCKER_HOST (the daemon docker sends registry credentials to) set through env', ['env', 'DOCKER_HOST=$(params.x)', 'docker', 'push', 'r.io/a/b:1'], [8],
        [RuleId.ARGUMENT_INJECTION]],
      ['ENV set through env for an interactive shell', ['env', 'ENV=$(params.x)', 'sh', '-ic', 'make'], [8], [RuleId.ARGUMENT_INJECTION]],
      ['PROMPT_COMMAND set through env for bash reading its commands with a prompt', ['env', 'PROMPT_COMMAND=$(params.x)', 'bash', '-i'], [8], [RuleId.ARGUMENT_INJECTION]],
      ['ENV set through env after -i, which clears only the container\'s env', ['env', '-i', 'ENV=$(params.x)', 'sh', '-i'], [8], [RuleId.ARGUMENT_INJECTION]],
      ['PS1 set through env after -', ['env', '-', 'PS1=$(params.x)', 'bash', '-i'], [8], [RuleId.ARGUMENT_INJECTION]],
      ['the name of an env var set through env', ['env', '$(params.x)=1', 'tool'], [3, 8], [RuleId.ARGUMENT_INJECTION]],
      ['env -S with a param', ['env', '-S', 'sh -c $(params.x)'], [1], [RuleId.SCRIPT_INJECTION]],
      ['env -iS with a param in the group', ['env', '-iS$(params.x)'], [1], [RuleId.SCRIPT_INJECTION]],
      ['env -iS and the string after it', ['env', '-iS', 'tool $(params.x)'], [1], [RuleId.SCRIPT_INJECTION]],
      ['env --split-string=', ['env', '--split-string=tool $(params.x)'], [1], [RuleId.SCRIPT_INJECTION]],
      ['env --spl (a prefix) and the string after it', ['env', '--spl', 'tool $(params.x)'], [1], [RuleId.SCRIPT_INJECTION]],
      ['an option of env before a shell', ['env', '-$(params.x)', 'sh', '-c', 'echo hi'], [2], [RuleId.ARGUMENT_INJECTION]],
      ['an option of strace before make', ['strace', '-$(params.x)', 'make'], [2], [RuleId.ARGUMENT_INJECTION]],
    ])('the env wrapper: %s', async (_, command, messages, found) => {
      const obj = argv(command);
      expect((await admit(injectionPolicy, obj)).refusals).toEqual(messages.map((i) => M(i)));
      expect(catalogueFinds(obj, rules)).toEqual(found);
    });

    test.each<[string, string[]]>([
      ['another env var set through env from a param', ['env', 'FOO=$(params.x)', 'tool']],
      ['ENV set through env for a shell that is not interactive', ['env', 'ENV=$(params.x)', 'sh', '-c', 'make']],
      ['PROMPT_COMMAND set through env for bash given code', ['env', 'PROMPT_COMMAND=$(params.x)', 'bash', '-ic', 'make']],
      ['executing env vars with fixed values after -u NAME', ['env', '-u', 'X', 'PATH=/usr/bin', 'git', 'fetch']],
      ['a fixed env -S string', ['env', '-S', 'tool --flag']],
    ])('the env wrapper, admitted: %s', async (_, command) => {
      const obj = argv(command);
      expect((await admit(injectionPolicy, obj)).refusals).toEqual([]);
      expect(catalogueFinds(obj, rules)).toEqual([]);
    });

    test('a runner\'s "--" (tfcmt, npx, npm exec, uv run) ends no options here; a caller\'s SHELL beside su, runuser, flock, script, sudo or doas', async () => {
      const refusedAs: Array<[any, number, RuleId[]]> = [
        [argv(['/tfcmt/tfcmt', 'plan', '--', 'terraform', '$(params.x)']), 3, [RuleId.ARGUMENT_INJECTION]],
        [argv(['npm'], ['exec', '--', 'eslint', '$(params.x)']), 3, [RuleId.ARGUMENT_INJECTION]],
        // the shell a runner runs, as the catalogue reads it (SCRIPT_INJECTION): its code
        [argv(['npx', '--', 'sh', '-c', '$(params.x)']), 1, [RuleId.SCRIPT_INJECTION]],
        [argv(['uv', 'run', '--', 'sh', '-c', '$(params.x)']), 1, [RuleId.SCRIPT_INJECTION]],
      ];
      const shell = (command: string[]) => goBuild((t) => {
        const s = t.spec.steps[0];
        delete s.script;
        s.command = command;
        s.env = [...(s.env ?? []), { name: 'SHELL', value: '$(params.x)' }];
      });
      for (const command of [['su', '-m', 'builder', '-c', 'make'], ['/usr/bin/flock', '/tmp/l', '-c', 'make'], ['script', '-qc', 'make', '/dev/null'],
        ['sudo', '-s', 'make'], ['doas', '-s']]) refusedAs.push([shell(command), 6, [RuleId.ARGUMENT_INJECTION]]);
      for (const [obj, i, found] of refusedAs) {
        expect((await admit(injectionPolicy, obj)).refusals).toEqual([M(i)]);
        expect(catalogueFinds(obj, rules)).toEqual(found);
      }
      // stricter than the catalogue: su -s, a login, sudo -i run another shell; npx's command's own "--"
      for (const obj of [shell(['su', '-m', '-s', '/bin/sh', 'builder']), shell(['sudo', '-i']), argv(['npx', 'eslint', '--', '$(params.x)'])]) {
        expect((await admit(injectionPolicy, obj)).refusals).not.toEqual([]);
        expect(catalogueFinds(obj, rules)).toEqual([]);
      }
      // a shell's $1 after a runner, with its "--" or not, is data to both
      // (and after a + group holding c, which gives code as -c does: sh +c CODE NAME ARG)
      for (const obj of [argv(['npx', '--', 'sh', '-c', 'echo "$1"', '_', '$(params.x)']), argv(['pnpm', 'dlx', 'sh', '-c', 'echo "$1"', '_', '$(params.x)']),
        argv(['sh', '+c', 'echo "$1"', '_', '$(params.x)']), argv(['bash', '+ec', 'echo "$1"', '_', '$(params.x)'])]) {
        expect((await admit(injectionPolicy, obj)).refusals).toEqual([]);
        expect(catalogueFinds(obj, rules)).toEqual([]);
      }
      // SHELL beside another program, and a param after git's "--"
      expect((await admit(injectionPolicy, shell(['make', 'build']))).refusals).toEqual([]);
    });

    test('every runner of the catalogue\'s table (argv.ts SEPARATED_RUNNERS) ends no options with its "--" here, by name (the policy\'s pattern is built from it)', async () => {
      const names = Object.keys(SEPARATED_RUNNERS);
      expect(names).toEqual(expect.arrayContaining(['tfcmt', 'npx', 'npm', 'uvx', 'pipx', 'bunx', 'pnpm', 'yarn', 'uv']));
      for (const name of names.filter((n) => n !== 'bun')) {
        expect([name, (await admit(injectionPolicy, argv([`/usr/bin/${name}`, '--', 'tool', '$(params.x)']))).refusals]).toEqual([name, [M(3)]]);
      }
      // bun, an interpreter too: its arguments are refused as code (stricter than the catalogue, which reads `bun x` as a runner)
      expect((await admit(injectionPolicy, argv(['/usr/bin/bun', '--', 'tool', '$(params.x)']))).refusals).toEqual([M(1)]);
      // another program's "--" ends its options; a name that only starts or ends like a runner's is another program
      for (const name of ['cp', 'uvxx', 'yarnpkg', 'xnpm']) expect([name, (await admit(injectionPolicy, argv([name, '--', 'tool', '$(params.x)']))).refusals]).toEqual([name, []]);
    });

    // at least as strict as the catalogue for each runner: a "--" beside one ends no options here, and a caller's value in the option that
    // names the package a runner installs and runs, or its code (npx -c), is refused (the 16th validation)
    test.each<[string, string[], number[], RuleId[]]>([
      ['uvx\'s "--" before sh -c', ['uvx', '--', 'sh', '-c', '$(params.x)'], [1], [RuleId.SCRIPT_INJECTION]],
      ['uvx\'s "--" before a command', ['uvx', '--', 'tool', '$(params.x)'], [3], [RuleId.ARGUMENT_INJECTION]],
      ['pnpm dlx\'s "--"', ['pnpm', 'dlx', '--', 'sh', '-c', '$(params.x)'], [1], [RuleId.SCRIPT_INJECTION]],
      // (the interpreter a runner runs, with a "--" or without, as the catalogue reads it: its code is SCRIPT_INJECTION's)
      ['yarn dlx without "--"', ['yarn', 'dlx', 'sh', '-c', '$(params.x)'], [1], [RuleId.SCRIPT_INJECTION]],
      ['pnpm dlx bash -ec', ['pnpm', 'dlx', 'bash', '-ec', 'echo $(params.x)'], [1], [RuleId.SCRIPT_INJECTION]],
      ['npx node -e', ['npx', 'node', '-e', 'run("$(params.x)")'], [1], [RuleId.SCRIPT_INJECTION]],
      ['pnpm\'s options before dlx', ['pnpm', '--package=cowsay', 'dlx', 'sh', '-c', '$(params.x)'], [1], [RuleId.SCRIPT_INJECTION]],
      ['npx --package= before sh -c', ['npx', '--package=x$(params.x)', 'sh', '-c', 'make'], [2], [RuleId.ARGUMENT_INJECTION]],
      ['yarn dlx\'s "--"', ['/usr/local/bin/yarn', 'dlx', '--', 'tool', '$(params.x)'], [3], [RuleId.ARGUMENT_INJECTION]],
      ['pipx run\'s "--"', ['pipx', 'run', '--', 'sh', '-c', '$(params.x)'], [1], [RuleId.SCRIPT_INJECTION]],
      ['bunx\'s "--"', ['bunx', '--', 'tool', '$(params.x)'], [3], [RuleId.ARGUMENT_INJECTION]],
      ['npx --package=', ['npx', '--package=$(params.x)', '--', 'tool'], [15], [RuleId.ARGUMENT_INJECTION]],
      ['npx --pack= (an abbreviation)', ['npx', '--pack=x$(params.x)', 'tool'], [15], [RuleId.ARGUMENT_INJECTION]],
      ['uvx --from and its value', ['uvx', '--from', 'git+https://h/$(params.x)', 'tool'], [15], [RuleId.ARGUMENT_INJECTION]],
      ['uv run --with and its value', ['uv', 'run', '--with', 'pkg==$(params.v)', '--', 'pytest'], [15], [RuleId.ARGUMENT_INJECTION]],
      ['uvx --with-editable=', ['uvx', '--with-editable=./$(params.x)', 'tool'], [15], [RuleId.ARGUMENT_INJECTION]],
      ['pipx run --spec=', ['pipx', 'run', '--spec=x$(params.x)', 'tool'], [15], [RuleId.ARGUMENT_INJECTION]],
      ['bunx -p glued to its value', ['bunx', '-pcow$(params.x)', 'cowsay'], [15], [RuleId.ARGUMENT_INJECTION]],
      ['bunx -p and its value', ['bunx', '-p', 'cow$(params.x)', 'cowsay'], [15], [RuleId.ARGUMENT_INJECTION]],
      ['yarn dlx --package and its value', ['yarn', 'dlx', '--package', 'x$(params.x)', 'tool'], [15], [RuleId.ARGUMENT_INJECTION]],
      ['pnpm dlx --package=', ['pnpm', 'dlx', '--package=x$(params.x)', 'tool'], [15], [RuleId.ARGUMENT_INJECTION]],
      ['npx -c and its code', ['npx', '-c', 'make $(params.x)'], [15], [RuleId.ARGUMENT_INJECTION]],
      ['npm exec --call=', ['npm', 'exec', '--call=make $(params.x)'], [15], [RuleId.ARGUMENT_INJECTION]],
      // yarn 2 and later run the first operand of yarn exec with their own shell, a caller's value anywhere in it (the 18th validation)
      ['yarn exec and its code', ['yarn', 'exec', 'tsc -p $(params.x)'], [17], [RuleId.ARGUMENT_INJECTION]],
      // bun, read as an interpreter whatever its sub-command: stricter than the catalogue (a package runner in bun x, a file's data after bun run FILE),
      // and its ARGUMENT_INJECTION (bun x's program from a caller) refused as SCRIPT_INJECTION, as the doc comment says
      ['bun run FILE and an argument (stricter)', ['bun', 'run', 'build.ts', '$(params.x)'], [1], []],
      ['bun x and the tool\'s argument after "--" (stricter)', ['bun', 'x', 'tool', '--', '$(params.x)'], [1], []],
      ['bun x and a caller\'s program', ['bun', 'x', '$(params.x)'], [1], [RuleId.ARGUMENT_INJECTION]],
      ['yarn exec by its path, a value within its code', ['/usr/local/bin/yarn', 'exec', 'make "$(params.x)" all'], [17], [RuleId.ARGUMENT_INJECTION]],
    ])('a runner: %s', async (_, command, messages, found) => {
      const obj = argv(command);
      expect((await admit(injectionPolicy, obj)).refusals).toEqual(messages.map((i) => M(i)));
      expect(catalogueFinds(obj, rules)).toEqual(found);
    });

    test('yarn exec: the message; its code from a caller in args too; a literal code admitted, as the catalogue', async () => {
      expect(M(17)).toBe('A step, sidecar, stepTemplate or StepAction passes a substitution callers can choose in the code of yarn exec (the word after'
        + ' exec), which yarn 2 and later run with their own shell (yarn 1 as the program) [ARGUMENT_INJECTION]. Write the command literally in the'
        + ' Task, or pass the value through env and have the code quote it ("$X"), or record a relaxation: annotation'
        + ' secure-tekton/relax.ARGUMENT_INJECTION: "<target, or * for the whole object>: <why, at least 10 characters>".');
      const inArgs = goBuild((t) => {
        const s = t.spec.steps[0];
        delete s.script;
        s.command = ['yarn'];
        s.args = ['exec', 'tsc -p $(params.x)'];
      });
      expect((await admit(injectionPolicy, inArgs)).refusals).toEqual([M(17)]);
      expect(catalogueFinds(inArgs, rules)).toEqual([RuleId.ARGUMENT_INJECTION]);
      const literal = argv(['yarn', 'exec', 'tsc -p tsconfig.json']);
      expect((await admit(injectionPolicy, literal)).refusals).toEqual([]);
      expect(catalogueFinds(literal, rules)).toEqual([]);
    });

    test('a runner: a run\'s label\'s $(NAME) (a word callers choose) in the option that names its package or code, before the first "--"', async () => {
      const labelled = (command: string[]) => goBuild((t) => {
        const s = t.spec.steps[0];
        delete s.script;
        s.command = command;
        s.env = [...(s.env ?? []), { name: 'TOOL', valueFrom: { fieldRef: { fieldPath: "metadata.labels['tool']" } } }];
      });
      for (const command of [['npx', '--package=$(TOOL)', '--', 'tool'], ['uvx', '--from', '$(TOOL)', 'tool'], ['npx', '-c', '$(TOOL) x']]) {
        const obj = labelled(command);
        expect([command, (await admit(injectionPolicy, obj)).refusals]).toEqual([command, [M(15)]]);
        expect([command, catalogueFinds(obj, rules)]).toEqual([command, [RuleId.ARGUMENT_INJECTION]]);
      }
      // after the runner's "--", the command's own option; the kubelet's escape $$(TOOL), no reference
      for (const command of [['npx', '--', 'tool', '--from=$(TOOL)'], ['npx', '-c', '$$(TOOL) x']]) {
        const obj = labelled(command);
        expect([command, (await admit(injectionPolicy, obj)).refusals]).toEqual([command, []]);
        expect([command, catalogueFinds(obj, rules)]).toEqual([command, []]);
      }
    });

    test('a runner: the message of a caller\'s value in the option that names its package or code; stricter than the catalogue, and admitted', async () => {
      expect(M(15)).toBe('A step, sidecar, stepTemplate or StepAction passes a substitution callers can choose to the option of a runner (npx, npm exec, uvx,'
        + ' uv, pipx, bunx, pnpm dlx, yarn dlx, tfcmt) that names the package it installs and runs or the code it runs (-p, --package, --from,'
        + ' --with, --spec, -c, --call) [ARGUMENT_INJECTION]. Name the package (with its version) and the code literally in the Task, or record a'
        + ' relaxation: annotation secure-tekton/relax.ARGUMENT_INJECTION: "<target, or * for the whole object>: <why, at least 10 characters>".');
      // stricter: the runner's "--" before the command's own "--"; without a "--", an option of the command named like the runner's
      // (where the command starts is not read); pnpm dlx -c (its shell mode), which the catalogue reads as the program
      for (const [command, messages, found] of [
        [['pipx', 'run', 'tool', '--', '$(params.x)'], [3], []],
        [['uvx', 'ruff', 'check', '--from=x$(params.x)'], [15], []],
        [['pnpm', 'dlx', '-c', 'echo $(params.x)'], [15], [RuleId.ARGUMENT_INJECTION]],
      ] as Array<[string[], number[], RuleId[]]>) {
        const obj = argv(command);
        expect([command, (await admit(injectionPolicy, obj)).refusals]).toEqual([command, messages.map((i) => M(i))]);
        expect([command, catalogueFinds(obj, rules)]).toEqual([command, found]);
      }
      // admitted by both: a value behind a literal prefix in the command's own options, after the runner's "--" or after its command
      for (const command of [['npx', '--yes', 'eslint', '--rule=x$(params.x)'], ['uvx', '--', 'ruff', 'check', '--config=x$(params.x)'],
        ['uvx', '--', 'ruff', '--from=x$(params.x)'], ['uvx', '--from', 'ruff==0.5', 'ruff', 'check', 'x$(params.x)'],
        ['tfcmt', 'plan', '--', 'terraform', 'plan', '-var=x$(params.x)']]) {
        const obj = argv(command);
        expect([command, (await admit(injectionPolicy, obj)).refusals]).toEqual([command, []]);
        expect([command, catalogueFinds(obj, rules)]).toEqual([command, []]);
      }
    });

    // the documented limit: the policies read the first "--" as ending the options, also one that the option before it takes as its
    // value (GNU tar 1.34 run here: `tar -xf -- --help` prints the help), which the catalogue reports for a known program
    test('a "--" that a known program\'s option takes as its value (tar -xf --, git clone --branch --) is admitted, where the catalogue reports it; the "--" after flags, by both', async () => {
      for (const command of [['tar', '-xf', '--', '$(params.f)'], ['git', 'clone', '--branch', '--', '$(params.url)'], ['git', 'fetch', '-o', '--', '$(params.x)'],
        ['install', '-t', '--', '$(params.x)']]) {
        const obj = argv(command);
        expect([command, (await admit(injectionPolicy, obj)).refusals]).toEqual([command, []]);
        expect([command, catalogueFinds(obj, rules)]).toEqual([command, [RuleId.ARGUMENT_INJECTION]]);
      }
      for (const command of [['git', 'checkout', '-f', '--', '$(params.x)'], ['ls', '-la', '--', '$(params.x)'], ['grep', '-rn', '--', '$(params.x)', '.'],
        ['wc', '-l', '--', '$(params.x)'], ['du', '-sh', '--', '$(params.x)'], ['tar', '-x', '-f', 'a.tar', '--', '$(params.x)'], ['tar', '-xf', '--', '-C', '$(params.x)'],
        ['git', 'commit', '-m', 'msg', '--', '$(params.x)']]) {
        const obj = argv(command);
        expect([command, (await admit(injectionPolicy, obj)).refusals]).toEqual([command, []]);
        expect([command, catalogueFinds(obj, rules)]).toEqual([command, []]);
      }
    });

    test.each<[string, () => any]>([
      ['a param after "--"', () => argv(['git', 'clone', '--depth=1', '--', '$(params.url)'])],
      ['a param behind dashes after "--"', () => argv(['git', 'clone', '--', '--$(params.dir)'])],
      ['a param behind a prefix that names the option', () => argv(['git', 'clone', '--no-$(params.flag)', 'https://example.com/r.git'])],
      ['a param behind a literal prefix', () => argv(['/kaniko/executor'], ['--destination=$(params.image):$(params.tag)', 'https://host/$(params.repo)'])],
      ['workspace and result paths starting arguments', () => argv(['cp', '$(workspaces.source.path)/a', '$(results.out.path)'])],
      ['a literal entrypoint argument', () => argv(undefined, ['--verbose'])],
      ['a script\'s args, its "$@", starting with a param or expanding an array', () => argv(undefined, ['$(params.x)', '$(params.list[*])'], '#!/bin/sh\necho "$1"\n')],
      ['the arguments after sh -c CODE, its $0 and "$@"', () => argv(['sh', '-ec', 'echo "$1"', 'name', '$(params.x)', '$(params.list[*])'])],
      ['a workingDir below a workspace', () => goBuild((t) => { t.spec.steps[0].workingDir = '$(workspaces.source.path)/app'; })],
      ['a param in the workingDir of an interpreter (the catalogue leaves interpreters to SCRIPT_INJECTION, which reads no workingDir)', () => {
        const t = argv(['sh', '-c', 'make']);
        t.spec.steps[0].workingDir = '$(params.dir)';
        return t;
      }],
    ])('admitted: %s', async (_, build) => {
      const obj = build();
      expect((await admit(injectionPolicy, obj)).refusals).toEqual([]);
      expect(catalogueFinds(obj, rules)).toEqual([]);
    });

    test('the kubelet\'s $(NAME) expansion of an env var that holds a caller\'s value is read as the catalogue reads it', async () => {
      const withEnv = (env: any[], change: (s: any) => void) => goBuild((t) => {
        const s = t.spec.steps[0];
        delete s.script;
        s.env = env;
        change(s);
      });
      const X = { name: 'X', value: '$(params.x)' };
      const refusals: Array<[any, number, RuleId[]]> = [
        [withEnv([X], (s) => { s.command = ['sh', '-c', 'echo $(X)']; }), 1, [RuleId.SCRIPT_INJECTION]],
        [withEnv([X], (s) => { s.command = ['$(X)']; }), 2, [RuleId.ARGUMENT_INJECTION]],
        [withEnv([X], (s) => { s.command = ['git', 'clone']; s.args = ['$(X)']; }), 3, [RuleId.ARGUMENT_INJECTION]],
        [withEnv([{ name: 'SSHCMD', value: 'ssh $(params.x)' }, { name: 'GIT_SSH_COMMAND', value: '$(SSHCMD)' }], (s) => { s.command = ['git', 'fetch']; }), 6, [RuleId.ARGUMENT_INJECTION]],
        // through two env vars: sh -c "$(Y)" with Y = $(X)
        [withEnv([X, { name: 'Y', value: 'a $(X)' }], (s) => { s.command = ['sh', '-c', 'echo $(Y)']; }), 1, [RuleId.SCRIPT_INJECTION]],
        // filled by the kubelet from a run's annotation, or from a ConfigMap a param names
        [withEnv([{ name: 'MSG', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['ci.example.com/message']" } } }], (s) => { s.command = ['sh', '-c', 'echo "$(MSG)"']; }),
          1, [RuleId.SCRIPT_INJECTION]],
        [withEnv([{ name: 'LD_PRELOAD', valueFrom: { configMapKeyRef: { name: '$(params.cm)', key: 'k' } } }], (s) => { s.command = ['tool']; }), 6, [RuleId.ARGUMENT_INJECTION]],
        [withEnv([{ name: 'BASH_ENV', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['x']" } } }], (s) => { s.command = ['tool']; }), 6, [RuleId.ARGUMENT_INJECTION]],
      ];
      for (const [obj, i, found] of refusals) {
        expect((await admit(injectionPolicy, obj)).refusals).toEqual([M(i)]);
        expect(catalogueFinds(obj, [RuleId.SCRIPT_INJECTION, RuleId.ARGUMENT_INJECTION])).toEqual(found);
      }
      // a chain through two env vars is more than the policies follow
      const chain = withEnv([X, { name: 'Y', value: '$(X)' }, { name: 'Z', value: '$(Y)' }], (s) => { s.command = ['tool']; });
      expect((await admit(injectionPolicy, chain)).refusals).toEqual([M(7)]);
      expect(M(7)).toBe('An env value expands ($(NAME)) an env var that itself expands one holding a substitution callers can choose, or a'
        + " workspace's mountPath holds the path of a workspace whose mountPath holds the path of one holding it: a chain deeper than these"
        + ' policies follow [VALID_SPEC]. Set the env var or the mountPath from the substitution directly, or from one env var or workspace path that holds it.');
      // the escape, a literal prefix, an env var holding a fixed value: admitted
      for (const obj of [
        withEnv([X], (s) => { s.command = ['sh', '-c', 'echo $$(X)']; }),
        withEnv([X], (s) => { s.command = ['git', 'clone']; s.args = ['--url=$(X)']; }),
        withEnv([{ name: 'X', value: '$(workspaces.w.path)' }], (s) => { s.command = ['sh', '-c', 'ls $(X)']; }),
        // a ConfigMap the Task names (a label in sh -c's code is refused beyond the catalogue: SCRIPT_INJECTION's tests)
        withEnv([{ name: 'LD_PRELOAD', valueFrom: { configMapKeyRef: { name: 'preload', key: 'k' } } }], (s) => { s.command = ['tool']; }),
      ]) {
        expect((await admit(injectionPolicy, obj)).refusals).toEqual([]);
        expect(catalogueFinds(obj, [RuleId.SCRIPT_INJECTION, RuleId.ARGUMENT_INJECTION])).toEqual([]);
      }
    });

    test("a run's label the kubelet fills an env var from: refused where a word picks what runs, admitted where it is data, as the catalogue reads it", async () => {
      const TOOL = { name: 'TOOL', valueFrom: { fieldRef: { fieldPath: "metadata.labels['tool']" } } };
      const withLabel = (change: (s: any) => void, env: any[] = []) => goBuild((t) => {
        const s = t.spec.steps[0];
        delete s.script;
        s.env = [TOOL, ...env];
        change(s);
      });
      const LABEL = 11;
      expect(M(LABEL)).toBe("A step, sidecar, stepTemplate or StepAction passes a run's label, which callers choose, through an env var the kubelet"
        + " fills from it (valueFrom.fieldRef metadata.labels[...], $(NAME)) to where a word picks what runs: the program (command[0], or a wrapper's"
        + " argument), the image's entrypoint or a #!win script's interpreter (args), an option's name (behind only dashes), or an env var that runs"
        + ' code (GIT_SSH_COMMAND, LD_PRELOAD …) or its name in env NAME=VALUE [ARGUMENT_INJECTION]. Name the program and its options literally,'
        + " and pass the label to a fixed program only as an argument's data, or record a relaxation:"
        + ' annotation secure-tekton/relax.ARGUMENT_INJECTION: "<target, or * for the whole object>: <why, at least 10 characters>".');
      const SSH = { name: 'GIT_SSH_COMMAND', valueFrom: { fieldRef: { fieldPath: "metadata.labels['ssh']" } } };
      for (const obj of [
        withLabel((s) => { s.command = ['$(TOOL)', '--version']; }),
        withLabel((s) => { s.command = ['timeout', '5m', '$(TOOL)']; }),
        withLabel((s) => { s.command = ['env', '-C', '$(TOOL)', 'sh', '-c', 'make']; }),
        withLabel((s) => { s.args = ['run', '$(TOOL)']; }),
        withLabel((s) => { s.script = '#!win powershell.exe -Command\nWrite-Host $args\n'; s.args = ['$(TOOL)']; }),
        withLabel((s) => { s.command = ['git', '--$(TOOL)', 'status']; }),
        withLabel((s) => { s.command = ['env', 'GIT_SSH_COMMAND=$(TOOL)', 'git', 'fetch']; }),
        withLabel((s) => { s.command = ['env', '$(TOOL)=/w/hook', 'git', 'fetch']; }),
        withLabel((s) => { s.command = ['git', 'fetch']; }, [{ name: 'GIT_SSH_COMMAND', value: 'ssh -i /k $(TOOL)' }]),
        withLabel((s) => { s.command = ['git', 'fetch']; }, [SSH]),
        // through env vars whose value the kubelet expands the label into: a copy, a copy of a copy
        withLabel((s) => { s.command = ['$(B)', '--version']; }, [{ name: 'B', value: '$(TOOL)' }]),
        withLabel((s) => { s.command = ['$(C)']; }, [{ name: 'B', value: '$(TOOL)' }, { name: 'C', value: '$(B)' }]),
      ]) {
        expect((await admit(injectionPolicy, obj)).refusals).toEqual([M(LABEL)]);
        expect(catalogueFinds(obj, [RuleId.SCRIPT_INJECTION, RuleId.ARGUMENT_INJECTION])).toEqual([RuleId.ARGUMENT_INJECTION]);
      }
      for (const obj of [
        withLabel((s) => { s.command = ['git', 'clone', '$(TOOL)', 'https://x/$(TOOL).git', '--branch=$(TOOL)', '$$(TOOL)', '--', '-$(TOOL)']; }),
        withLabel((s) => { s.command = ['env', 'FOO=$(TOOL)', 'git', 'fetch']; }),
        withLabel((s) => { s.command = ['$$(TOOL)']; }),
      ]) {
        expect((await admit(injectionPolicy, obj)).refusals).toEqual([]);
        expect(catalogueFinds(obj, [RuleId.SCRIPT_INJECTION, RuleId.ARGUMENT_INJECTION])).toEqual([]);
      }
      // the limits: behind a wrapper that runs no interpreter, any element (the catalogue reads the wrapper's grammar: git's argument);
      // the value of an option that runs it is not read
      const wrapped = withLabel((s) => { s.command = ['timeout', '5m', 'git', 'clone', '$(TOOL)']; });
      expect((await admit(injectionPolicy, wrapped)).refusals).toEqual([M(LABEL)]);
      expect(catalogueFinds(wrapped, [RuleId.SCRIPT_INJECTION, RuleId.ARGUMENT_INJECTION])).toEqual([]);
      const optionValue = withLabel((s) => { s.command = ['rsync', '-e', '$(TOOL)', 'src/', 'host:dst/']; });
      expect((await admit(injectionPolicy, optionValue)).refusals).toEqual([]);
      expect(catalogueFinds(optionValue, [RuleId.SCRIPT_INJECTION, RuleId.ARGUMENT_INJECTION])).toEqual([RuleId.ARGUMENT_INJECTION]);
    });

    test('a workspace whose declared mountPath holds a param: its path is the caller\'s, as the catalogue reads it', async () => {
      const withWorkspaces = (workspaces: any[], change: (s: any) => void) => goBuild((t) => {
        t.spec.workspaces = workspaces;
        const s = t.spec.steps[0];
        delete s.script;
        change(s);
      });
      const W = { name: 'w', mountPath: '/src/$(params.dir)' };
      const injection = [RuleId.SCRIPT_INJECTION, RuleId.ARGUMENT_INJECTION];
      for (const [obj, i, found] of [
        [withWorkspaces([W], (s) => { s.script = '#!/bin/sh\ncd $(workspaces.w.path) && make\n'; }), 0, [RuleId.SCRIPT_INJECTION]],
        [withWorkspaces([W], (s) => { s.command = ['sh', '-c', 'ls $(workspaces.w.path)']; }), 1, [RuleId.SCRIPT_INJECTION]],
        [withWorkspaces([W], (s) => { s.command = ['git', '-C']; s.args = ['$(workspaces.w.path)', 'status']; }), 3, [RuleId.ARGUMENT_INJECTION]],
        [withWorkspaces([W], (s) => { s.command = ['go', 'build']; s.workingDir = '$(workspaces.w.path)'; }), 4, [RuleId.ARGUMENT_INJECTION]],
        // the path of a chosen workspace in another's mountPath, and through an env var the kubelet expands
        [withWorkspaces([W, { name: 'v', mountPath: '$(workspaces.w.path)/out' }], (s) => { s.script = '#!/bin/sh\nls $(workspaces.v.path)\n'; }), 0, [RuleId.SCRIPT_INJECTION]],
        [withWorkspaces([W], (s) => { s.env = [{ name: 'D', value: '$(workspaces.w.path)' }]; s.command = ['sh', '-c', 'ls $(D)']; }), 1, [RuleId.SCRIPT_INJECTION]],
      ] as Array<[any, number, RuleId[]]>) {
        // the declared mountPath itself is MOUNT_PATH_FIXED's (validation 10)
        expect((await admit(injectionPolicy, obj)).refusals).toEqual([M(i), M(10)]);
        expect(catalogueFinds(obj, injection)).toEqual(found);
      }
      // three levels of mount paths are more than the policies follow
      const deep = withWorkspaces([W, { name: 'v', mountPath: '$(workspaces.w.path)/v' }, { name: 'u', mountPath: '$(workspaces.v.path)/u' }], (s) => { s.command = ['make']; });
      expect((await admit(injectionPolicy, deep)).refusals).toEqual([M(7), M(10)]);
      // a fixed mountPath, and a step's own mountPath (pasted as written, after params): admitted
      for (const obj of [
        withWorkspaces([{ name: 'w', mountPath: '/src' }], (s) => { s.script = '#!/bin/sh\ncd $(workspaces.w.path)\n'; }),
        withWorkspaces([{ name: 'w' }], (s) => { s.workspaces = [{ name: 'w', mountPath: '/src/$(params.dir)' }]; s.script = '#!/bin/sh\ncd $(workspaces.w.path)\n'; }),
      ]) {
        expect((await admit(injectionPolicy, obj)).refusals).toEqual([]);
        expect(catalogueFinds(obj, injection)).toEqual([]);
      }
      // and in the secrets policy: the chosen path in args beside a Secret env var
      const secret = withWorkspaces([W], (s) => { s.command = ['upload', '--dir=$(workspaces.w.path)']; s.env = [{ name: 'T', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }]; });
      expect((await admit(secretsPolicy, secret)).refusals).toEqual([message(secretsPolicy, 0)]);
      expect(catalogueFinds(secret, [RuleId.EXPANSION_INJECTION])).toEqual([RuleId.EXPANSION_INJECTION]);
    });

    test('records exempt the step they name: the library\'s derived record for a constrained param, and by hand', async () => {
      const task = constrainedParamTask();
      expect(task.metadata.annotations['secure-tekton/relax.ARGUMENT_INJECTION']).toMatch(/^step\/checkout: param 'revision' is checked/);
      expect((await admit(injectionPolicy, task)).refusals).toEqual([]);
      expect((await admit(strict.policy(INJECTION_POLICY), task)).refusals).toEqual([M(3).replace(/, or record a relaxation.*$/, '.')]);
      const other = clone(task);
      other.spec.steps.push({ ...clone(other.spec.steps[1]), name: 'again' });
      expect((await admit(injectionPolicy, other)).refusals).toEqual([M(3)]);
      const key = 'secure-tekton/relax.ARGUMENT_INJECTION';
      const both = withAnnotation(other, RuleId.ARGUMENT_INJECTION, `${other.metadata.annotations[key]}\nstep/again: the revision is checked before`);
      expect((await admit(injectionPolicy, both)).refusals).toEqual([]);
    });

    test('an unnamed step is step/unnamed-<index>, as the catalogue names it: a record naming it is honoured by both, by no other step', async () => {
      const statusOf = (o: any) => evaluateManifests([o])[0].checks.find((c) => c.rule === RuleId.ARGUMENT_INJECTION)?.status;
      const t = constrainedParamTask();
      delete t.metadata.annotations;
      // the checked step unnamed, after an unnamed step that runs nothing a caller chooses
      const checkout = t.spec.steps.find((s: any) => s.name === 'checkout');
      delete checkout.name;
      t.spec.steps.splice(t.spec.steps.indexOf(checkout), 0, { name: '', image: PINNED, command: ['git', 'version'] });
      const at = t.spec.steps.indexOf(checkout);
      expect((await admit(injectionPolicy, t)).refusals).toEqual([M(3)]);
      expect(statusOf(t)).toBe('failed');
      const relaxed = withAnnotation(t, RuleId.ARGUMENT_INJECTION, `step/unnamed-${at}: the revision is checked by an earlier step`);
      expect((await admit(injectionPolicy, relaxed)).refusals).toEqual([]);
      expect(statusOf(relaxed)).toBe('relaxed');
      // the other unnamed step's record does not cover it, nor `step/`
      for (const target of [`step/unnamed-${at - 1}`, 'step/']) {
        const other = withAnnotation(t, RuleId.ARGUMENT_INJECTION, `${target}: the revision is checked by an earlier step`);
        expect((await admit(injectionPolicy, other)).refusals).toEqual([M(3)]);
        expect(statusOf(other)).toBe('failed');
      }
      // two equal unnamed steps: the policy cannot tell them apart and honours a record of neither (stricter than the catalogue)
      const twice = clone(relaxed);
      twice.spec.steps.push(clone(checkout));
      expect((await admit(injectionPolicy, twice)).refusals).toEqual([M(3)]);
    });

    test('an unnamed sidecar is sidecar/unnamed-<index>, as the catalogue names it: a record naming it is honoured by both, by no other sidecar', async () => {
      const statusOf = (o: any) => evaluateManifests([o])[0].checks.find((c) => c.rule === RuleId.ARGUMENT_INJECTION)?.status;
      const t = constrainedParamTask();
      delete t.metadata.annotations;
      // the checkout runs in an unnamed sidecar, after an unnamed sidecar that runs nothing a caller chooses
      const checkout = t.spec.steps.find((s: any) => s.name === 'checkout');
      t.spec.steps = t.spec.steps.filter((s: any) => s !== checkout);
      delete checkout.name;
      t.spec.sidecars = [{ name: '', image: PINNED, command: ['git', 'version'] }, checkout];
      expect((await admit(injectionPolicy, t)).refusals).toEqual([M(3)]);
      expect(statusOf(t)).toBe('failed');
      const relaxed = withAnnotation(t, RuleId.ARGUMENT_INJECTION, 'sidecar/unnamed-1: the revision is checked by an earlier step');
      expect((await admit(injectionPolicy, relaxed)).refusals).toEqual([]);
      expect(statusOf(relaxed)).toBe('relaxed');
      // the other unnamed sidecar's record does not cover it, nor `sidecar/` (which the policy named it before), nor the step of that index
      for (const target of ['sidecar/unnamed-0', 'sidecar/', 'step/unnamed-1']) {
        const other = withAnnotation(t, RuleId.ARGUMENT_INJECTION, `${target}: the revision is checked by an earlier step`);
        expect((await admit(injectionPolicy, other)).refusals).toEqual([M(3)]);
        expect(statusOf(other)).toBe('failed');
      }
      // two equal unnamed sidecars: the policy cannot tell them apart and honours a record of neither (stricter than the catalogue)
      const twice = clone(relaxed);
      twice.spec.sidecars.push(clone(checkout));
      expect((await admit(injectionPolicy, twice)).refusals).toEqual([M(3)]);
    });
  });

  describe('EXPANSION_INJECTION', () => {
    const M = (i: number) => message(secretsPolicy, i);
    const rules = [RuleId.EXPANSION_INJECTION];
    const TOKEN = { name: 'GITHUB_TOKEN', valueFrom: { secretKeyRef: { name: 'github', key: 'token' } } };
    const withStep = (change: (s: any, t: any) => void) => goBuild((t) => change(t.spec.steps[0], t));

    test.each<[string, () => any]>([
      ['a param in args beside a Secret env var', () => withStep((s) => { delete s.script; s.command = ['gh', 'pr', 'comment']; s.args = ['--body=$(params.message)']; s.env = [TOKEN]; })],
      ['a script\'s args beside an envFrom Secret', () => withStep((s) => { s.args = ['$(params.branch)']; s.envFrom = [{ secretRef: { name: 'registry' } }]; })],
      ['an env value after a Secret env var', () => withStep((s) => { s.env = [TOKEN, { name: 'MESSAGE', value: 'build of $(params.branch)' }]; })],
      // Tekton puts the step's own env first, the stepTemplate's other entries after
      ['the stepTemplate\'s value after the step\'s Secret', () => withStep((s, t) => { t.spec.stepTemplate.env = [{ name: 'M', value: '$(params.m)' }]; s.env = [TOKEN]; })],
      ['the stepTemplate\'s value after the Secrets of the step\'s envFrom', () => withStep((s, t) => { t.spec.stepTemplate.env = [{ name: 'B', value: '$(params.b)' }]; s.envFrom = [{ secretRef: { name: 'git' } }]; })],
      ['a stepTemplate value merged under a step entry that has only a name, after the step\'s Secret', () => withStep((s, t) => {
        t.spec.stepTemplate.env = [{ name: 'MSG', value: '$(params.msg)' }];
        s.env = [TOKEN, { name: 'MSG' }];
      })],
      ['a copy of an env value after the Secret (the kubelet keeps the last)', () => withStep((s) => {
        const m = { name: 'M', value: '$(params.m)' };
        s.env = [m, TOKEN, { ...m }];
      })],
      ['a sidecar\'s args', () => goBuild((t) => { t.spec.sidecars = [sidecar({ command: ['proxy'], args: ['--to=$(params.url)'], env: [TOKEN] })]; })],
    ])('refused: %s', async (_, build) => {
      const obj = build();
      expect((await admit(secretsPolicy, obj)).refusals).toEqual([M(0)]);
      expect(catalogueFinds(obj, rules)).toEqual(rules);
    });

    test.each<[string, () => any]>([
      ['args without a Secret in env', () => withStep((s) => { delete s.script; s.command = ['gh']; s.args = ['$(params.message)']; s.env = [{ name: 'C', valueFrom: { configMapKeyRef: { name: 'c', key: 'k' } } }]; })],
      ['an env value before the Secret env var, and pasted by the kubelet', () => withStep((s) => {
        delete s.script;
        s.command = ['notify'];
        s.args = ['--body=$(MESSAGE)'];
        s.env = [{ name: 'MESSAGE', value: '$(params.m)' }, TOKEN];
      })],
      ['a script that reads a param, and paths Tekton fixes', () => withStep((s) => {
        s.script = '#!/bin/sh\necho "$(params.m)"\n';
        s.args = ['$(workspaces.source.path)/a'];
        s.env = [TOKEN];
      })],
      ['a step\'s value before the stepTemplate\'s Secret (the rule\'s own fix)', () => withStep((s, t) => { t.spec.stepTemplate.env = [TOKEN]; s.env = [{ name: 'M', value: '$(params.m)' }]; })],
      ['a step\'s envFrom, which replaces the stepTemplate\'s Secret', () => withStep((s, t) => {
        t.spec.stepTemplate.envFrom = [{ secretRef: { name: 'git' } }];
        s.envFrom = [{ configMapRef: { name: 'c' } }];
        s.env = [{ name: 'M', value: '$(params.m)' }];
      })],
      ['a step result, which the entrypoint replaces after the kubelet', () => withStep((s) => { delete s.script; s.command = ['notify', '--digest=$(steps.build.results.digest)']; s.env = [TOKEN]; })],
    ])('admitted: %s', async (_, build) => {
      const obj = build();
      expect((await admit(secretsPolicy, obj)).refusals).toEqual([]);
      expect(catalogueFinds(obj, rules)).toEqual([]);
    });

    test('SECRET_REFERENCE_FIXED: a substitution callers can choose names a Secret, its key or a SecretProviderClass, as the catalogue finds it', async () => {
      const M1 = message(secretsPolicy, 1);
      const found = [RuleId.SECRET_REFERENCE_FIXED];
      const secretRef = (ref: any) => ({ name: 'T', valueFrom: { secretKeyRef: ref } });
      for (const obj of [
        withStep((s) => { s.env = [...(s.env ?? []), secretRef({ name: '$(params.secret)', key: 'token' })]; }),
        withStep((s) => { s.env = [...(s.env ?? []), secretRef({ name: 'git', key: '$(params.key)' })]; }),
        withStep((s) => { s.envFrom = [{ secretRef: { name: '$(tasks.a.results.name)' } }]; }),
        goBuild((t) => { t.spec.volumes = [...(t.spec.volumes ?? []), { name: 's', secret: { secretName: '$(params.s)' } }]; }),
        goBuild((t) => { t.spec.volumes = [...(t.spec.volumes ?? []), { name: 'p', projected: { sources: [{ secret: { name: 'x-$(params.s)' } }] } }]; }),
        goBuild((t) => { t.spec.volumes = [...(t.spec.volumes ?? []), { name: 'c', csi: { driver: 'secrets-store.csi.k8s.io', volumeAttributes: { secretProviderClass: '$(params.spc)' } } }]; }),
        goBuild((t) => { t.spec.volumes = [...(t.spec.volumes ?? []), { name: 't', projected: { sources: [{ serviceAccountToken: { audience: '$(params.aud)', path: 't' } }] } }]; }),
        // whoever creates the run names it
        withStep((s) => { s.env = [...(s.env ?? []), secretRef({ name: '$(context.taskRun.name)-token', key: 'token' })]; }),
        goBuild((t) => { t.spec.volumes = [...(t.spec.volumes ?? []), { name: 's', secret: { secretName: 'x-$(context.pipelineRun.name)' } }]; }),
      ]) {
        expect((await admit(secretsPolicy, obj)).refusals).toEqual([M1]);
        expect(catalogueFinds(obj, found)).toEqual(found);
      }
      // a Secrets Store CSI volume that overrides its class's parameters
      const M3 = message(secretsPolicy, 3);
      const override = goBuild((t) => { t.spec.volumes = [...(t.spec.volumes ?? []), { name: 'c', csi: { driver: 'secrets-store.csi.k8s.io', volumeAttributes: { secretProviderClass: 'x', roleName: 'prod' } } }]; });
      expect((await admit(secretsPolicy, override)).refusals).toEqual([M3]);
      expect(catalogueFinds(override, found)).toEqual(found);
      expect(M3).toContain('A task volume sets a Secrets Store CSI volume attribute other than secretProviderClass (csi.volumeAttributes)');
      for (const obj of [
        withStep((s) => { s.env = [...(s.env ?? []), { name: 'C', valueFrom: { configMapKeyRef: { name: '$(params.cm)', key: 'k' } } }]; s.envFrom = [{ prefix: '$(params.p)', secretRef: { name: 'fixed' } }]; }),
        goBuild((t) => { t.spec.volumes = [...(t.spec.volumes ?? []), { name: 'c', csi: { driver: 'csi.cert-manager.io', volumeAttributes: { 'csi.cert-manager.io/common-name': '$(params.cn)' } } }]; }),
      ]) {
        expect((await admit(secretsPolicy, obj)).refusals).toEqual([]);
        expect(catalogueFinds(obj, found)).toEqual([]);
      }
      // a PipelineRun's workspace binding named by a task's result (Tekton substitutes results there)
      const workspacePolicy0 = defaults.policy(WORKSPACE_POLICY);
      const byResult = clone(EX.pipelineRun);
      byResult.spec.workspaces = [...(byResult.spec.workspaces ?? []), { name: 'creds', secret: { secretName: '$(tasks.fetch.results.which)' } }];
      expect((await admit(workspacePolicy0, byResult)).refusals).toEqual([message(workspacePolicy0, 4)]);
      expect(SECRET_REFERENCE_FIXED.check(byResult).map((f) => [f.target, f.property, f.value])).toEqual([['workspace/creds', 'workspaces.creds.secret.secretName', '$(tasks.fetch.results.which)']]);
      // a param the run gives no value for (each TaskRun substitutes its own), and an event's value
      for (const [name, isRefused] of [['$(params.secret)', true], ['$(params["other"])', true], ["$(params['other'])", true], ['$(tt.params.repo)-key', true],
        ['deploy-$(params.env)', false], ['deploy-$(params["env"])', false]] as const) {
        const run = clone(EX.pipelineRun);
        run.spec.params = [...(run.spec.params ?? []), { name: 'env', value: 'prod' }];
        run.spec.workspaces = [...(run.spec.workspaces ?? []), { name: 'creds', secret: { secretName: name } }];
        expect([name, (await admit(workspacePolicy0, run)).refusals]).toEqual([name, isRefused ? [message(workspacePolicy0, 4)] : []]);
        expect([name, SECRET_REFERENCE_FIXED.check(run).length]).toEqual([name, isRefused ? 1 : 0]);
      }
      const fixedBinding = clone(EX.pipelineRun);
      fixedBinding.spec.workspaces = [...(fixedBinding.spec.workspaces ?? []), { name: 'creds', secret: { secretName: 'git-credentials' } }];
      expect((await admit(workspacePolicy0, fixedBinding)).refusals).toEqual([]);
      expect(SECRET_REFERENCE_FIXED.check(fixedBinding)).toEqual([]);
      expect(M1).toBe('A step, sidecar, stepTemplate, StepAction or task volume lets a substitution callers can choose name the Secret, its key, the'
        + ' SecretProviderClass or the ServiceAccount token audience it reads (secretKeyRef, envFrom secretRef, secret, projected or CSI volumes), and'
        + " the kubelet gives the pod any Secret of the namespace by that name [SECRET_REFERENCE_FIXED]. Write the Secret's name in the Task, or bind the Secret to a workspace, which the run"
        + ' chooses, or record a relaxation: annotation secure-tekton/relax.SECRET_REFERENCE_FIXED: "<target, or * for the whole object>: <why, at least 10 characters>".');
    });

    test('a record exempts the step it names', async () => {
      const obj = withStep((s) => { s.env = [TOKEN, { name: 'M', value: '$(params.m)' }]; });
      const name = obj.spec.steps[0].name;
      expect((await admit(secretsPolicy, withAnnotation(obj, RuleId.EXPANSION_INJECTION, `step/${name}: the param is an enum of three words`))).refusals).toEqual([]);
      expect((await admit(strict.policy(SECRETS_POLICY), withAnnotation(obj, RuleId.EXPANSION_INJECTION, `step/${name}: the param is an enum of three words`))).refusals)
        .toEqual([M(0).replace(/, or record a relaxation.*$/, '.')]);
    });
  });

  describe('MOUNT_PATH_FIXED', () => {
    const M = (i: number) => message(injectionPolicy, i);
    const MOUNTS = 9;
    const WORKSPACES = 10;
    const ENV_FROM = 18;
    const rules = [RuleId.MOUNT_PATH_FIXED];
    const withStep = (change: (s: any, t: any) => void) => goBuild((t) => change(t.spec.steps[0], t));
    const mount = (m: any) => withStep((s) => { s.volumeMounts = [...s.volumeMounts, { name: 'secure-tmp', ...m }]; });
    /** The verdict of the injection policy (and of `policy`) and the catalogue's, on `obj`. */
    const judged = async (obj: any, policy = injectionPolicy) => [(await admit(policy, obj)).refusals, catalogueFinds(obj, rules)];

    test('the messages', () => {
      expect(M(MOUNTS)).toBe('A step, sidecar, stepTemplate or StepAction lets a substitution callers can choose pick which volume is mounted'
        + ' (volumeMounts[].name, which Tekton checks for tekton-internal- only as written), where (mountPath, which Tekton checks for /tekton/ only'
        + " as written: over the programs the container runs or Tekton's entrypoint) or which part of it the container sees (subPath, or subPathExpr"
        + " through an env var the kubelet expands) [MOUNT_PATH_FIXED]. Write the volume's name and the path in the Task (a fixed directory such as"
        + ' /workspace/<name>, a subPath relative to the volume) and pass what varies as data,'
        + ' or record a relaxation: annotation secure-tekton/relax.MOUNT_PATH_FIXED: "<target, or * for the whole object>: <why, at least 10 characters>".');
      expect(M(WORKSPACES)).toBe('A task spec lets a substitution callers can choose pick where a workspace is mounted (workspaces[].mountPath) in every'
        + " step and sidecar that uses it: over the programs they run or Tekton's entrypoint [MOUNT_PATH_FIXED]. Write the path in the Task (a fixed"
        + ' directory such as /workspace/<name>) and pass what varies as data, or record a relaxation: annotation secure-tekton/relax.MOUNT_PATH_FIXED:'
        // the targets that exempt a workspace declaration (a workspace/<name> record does not)
        + ' "<* for the object\'s own task spec, or task/<pipeline task> for a pipeline task\'s>: <why, at least 10 characters>".');
    });

    // the static message (the API server's fallback) names both; the messageExpression names the fields that are refused
    const RELAX = ' or record a relaxation: annotation secure-tekton/relax.MOUNT_PATH_FIXED: "<target, or * for the whole object>: <why, at least 10 characters>".';
    const ENV_FROM_PROBLEM = 'the names of the env vars an envFrom'
      + ' entry gives (envFrom[].prefix: the prefix LD_ before a key PRELOAD makes LD_PRELOAD, BASH_ before ENV makes BASH_ENV) or the ConfigMap'
      + " whose every key becomes an env var (envFrom[].configMapRef.name, the run's name too: one with a key LD_PRELOAD, BASH_ENV, GIT_SSH_COMMAND"
      + " or PATH runs the caller's code)";
    const STREAMS_PROBLEM = 'the file its output is written to (stdoutConfig.path, stderrConfig.path), which the'
      + ' entrypoint appends the stream to, creating it: a script or git hook in a workspace a later step or task runs, a result file';
    const BOTH = `A step, sidecar or stepTemplate lets a substitution callers can choose pick ${ENV_FROM_PROBLEM}, or a step ${STREAMS_PROBLEM}`
      + " [MOUNT_PATH_FIXED]. Write the prefix, the ConfigMap's name and the path in the Task as fixed text (prefix: CONFIG_, configMapRef:"
      + ' {name: build-settings}, stdoutConfig: {path: $(workspaces.<name>.path)/<step>.log}) and pass what varies as data,' + RELAX;
    const ENV_FROM_ONLY = `A step, sidecar or stepTemplate lets a substitution callers can choose pick ${ENV_FROM_PROBLEM} [MOUNT_PATH_FIXED].`
      + " Write the prefix and the ConfigMap's name in the Task as fixed text (prefix: CONFIG_, configMapRef: {name: build-settings}) and pass"
      + ' what varies as data,' + RELAX;
    const STREAMS_ONLY = `A step lets a substitution callers can choose pick ${STREAMS_PROBLEM} [MOUNT_PATH_FIXED]. Write the path in the Task as`
      + ' fixed text (stdoutConfig: {path: $(workspaces.<name>.path)/<step>.log}) and pass what varies as data,' + RELAX;

    test('the message of envFrom entries and output files', () => {
      expect(M(ENV_FROM)).toBe('A step, sidecar or stepTemplate lets a substitution callers can choose pick the names of the env vars an envFrom'
        + ' entry gives (envFrom[].prefix: the prefix LD_ before a key PRELOAD makes LD_PRELOAD, BASH_ before ENV makes BASH_ENV) or the ConfigMap'
        + " whose every key becomes an env var (envFrom[].configMapRef.name, the run's name too: one with a key LD_PRELOAD, BASH_ENV, GIT_SSH_COMMAND"
        + " or PATH runs the caller's code), or a step the file its output is written to (stdoutConfig.path, stderrConfig.path), which the"
        + ' entrypoint appends the stream to, creating it: a script or git hook in a workspace a later step or task runs, a result file'
        + " [MOUNT_PATH_FIXED]. Write the prefix, the ConfigMap's name and the path in the Task as fixed text (prefix: CONFIG_, configMapRef:"
        + ' {name: build-settings}, stdoutConfig: {path: $(workspaces.<name>.path)/<step>.log}) and pass what varies as data,'
        + ' or record a relaxation: annotation secure-tekton/relax.MOUNT_PATH_FIXED: "<target, or * for the whole object>: <why, at least 10 characters>".');
      expect(M(ENV_FROM)).toBe(BOTH);
      expect(injectionPolicy.spec.validations[ENV_FROM].messageExpression).toBeDefined();
    });

    test.each<[string, () => any, string]>([
      // the kubelet names each env var prefix + key (a key ENV and a caller's BASH_ make BASH_ENV)
      ['a param in a step\'s envFrom prefix', () => withStep((s) => { s.envFrom = [{ prefix: '$(params.p)', configMapRef: { name: 'settings' } }]; }), ENV_FROM_ONLY],
      ['a param in a stepTemplate\'s envFrom prefix', () => goBuild((t) => { t.spec.stepTemplate.envFrom = [{ prefix: 'APP_$(params["p"])', secretRef: { name: 'app' } }]; }),
        ENV_FROM_ONLY],
      ['a task\'s result in a sidecar\'s envFrom prefix', () => goBuild((t) => {
        t.spec.sidecars = [sidecar({ envFrom: [{ prefix: '$(tasks.a.results.p)', secretRef: { name: 'app' } }] })];
      }), ENV_FROM_ONLY],
      // every key of the ConfigMap a caller names becomes an env var (LD_PRELOAD, BASH_ENV, GIT_SSH_COMMAND)
      ['a param in a step\'s envFrom ConfigMap name', () => withStep((s) => { s.envFrom = [{ configMapRef: { name: '$(params.cm)' } }]; }), ENV_FROM_ONLY],
      ['the run\'s name in a stepTemplate\'s envFrom ConfigMap name', () => goBuild((t) => {
        t.spec.stepTemplate.envFrom = [{ configMapRef: { name: 'settings-$(context.taskRun.name)' } }];
      }), ENV_FROM_ONLY],
      // the entrypoint appends the stream to the file, creating it (Tekton substitutes params there)
      ['a param in a step\'s stdoutConfig.path', () => withStep((s) => { s.stdoutConfig = { path: '$(params.log)' }; }), STREAMS_ONLY],
      ['the path of a workspace whose mountPath holds a param, in a step\'s stderrConfig.path', () => goBuild((t) => {
        t.spec.workspaces[1].mountPath = '/ws/$(params.dir)';
        t.spec.steps[0].stderrConfig = { path: '$(workspaces.output.path)/build.err' };
      }), STREAMS_ONLY],
      // a relaxed step's output file does not name the streams where another container's envFrom is refused
      ['a param in a sidecar\'s envFrom prefix beside a step\'s stdoutConfig.path its record relaxes', () => {
        const t = goBuild((g) => {
          g.spec.sidecars = [sidecar({ envFrom: [{ prefix: '$(params.p)', configMapRef: { name: 'settings' } }] })];
          g.spec.steps[0].stdoutConfig = { path: '$(params.log)' };
        });
        return withAnnotation(t, RuleId.MOUNT_PATH_FIXED, `step/${t.spec.steps[0].name}: the log path is one of two fixed names the step checks`);
      }, ENV_FROM_ONLY],
      // both, in one container or in two
      ['a param in a step\'s envFrom prefix and its stdoutConfig.path', () => withStep((s) => {
        s.envFrom = [{ prefix: '$(params.p)', configMapRef: { name: 'settings' } }];
        s.stdoutConfig = { path: '$(params.log)' };
      }), BOTH],
      ['a param in a stepTemplate\'s envFrom ConfigMap name and a step\'s stderrConfig.path', () => goBuild((t) => {
        t.spec.stepTemplate.envFrom = [{ configMapRef: { name: '$(params.cm)' } }];
        t.spec.steps[0].stderrConfig = { path: '$(params.log)' };
      }), BOTH],
    ])('refused: %s', async (_, build, refusal) => {
      const obj = build();
      const workspace = obj.spec.workspaces?.some((w: any) => typeof w.mountPath === 'string' && w.mountPath.includes('$(params.'));
      expect(await judged(obj)).toEqual([workspace ? [M(WORKSPACES), refusal] : [refusal], rules]);
    });

    test.each<[string, () => any]>([
      ['a fixed envFrom prefix and ConfigMap', () => withStep((s) => { s.envFrom = [{ prefix: 'CONFIG_', configMapRef: { name: 'settings' } }]; })],
      ['the run\'s namespace in an envFrom ConfigMap name (a name Tekton fixes)', () => withStep((s) => {
        s.envFrom = [{ configMapRef: { name: '$(context.taskRun.namespace)-settings' } }];
      })],
      // a Secret's name is the secrets policy's (SECRET_REFERENCE_FIXED); a key of a fixed ConfigMap is one value of it, for an env var of a fixed name
      ['a param in an envFrom Secret name', () => withStep((s) => { s.envFrom = [{ secretRef: { name: '$(params.s)' } }]; })],
      ['a param in the key of a fixed ConfigMap', () => withStep((s) => { s.env = [...s.env, { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'settings', key: '$(params.k)' } } }]; })],
      ['fixed stdoutConfig and stderrConfig paths', () => withStep((s) => {
        s.stdoutConfig = { path: '$(workspaces.output.path)/build.log' };
        s.stderrConfig = { path: '$(results.out.path)' };
      })],
    ])('admitted: %s', async (_, build) => {
      expect(await judged(build())).toEqual([[], []]);
    });

    test.each<[string, () => any]>([
      ['a param in a step\'s mountPath', () => mount({ mountPath: '/usr/$(params.dir)' })],
      ['a param by its bracket name in a mountPath', () => mount({ mountPath: '$(params["dir"])' })],
      ['a task\'s result in a mountPath', () => mount({ mountPath: '/opt/$(tasks.fetch.results.dir)' })],
      ['a param in a subPath', () => mount({ mountPath: '/cache', subPath: '$(params.sub)' })],
      // Tekton substitutes params into the name and refuses tekton-internal- only as written: tekton-internal-bin holds the entrypoint
      ['a param in the name of the volume mounted', () => withStep((s) => { s.volumeMounts = [...s.volumeMounts, { name: '$(params.vol)', mountPath: '/data' }]; })],
      ['a StepAction\'s own param in the name of the volume it mounts', () => {
        const a = stepAction();
        a.spec.volumeMounts = [{ name: 'cache-$(params.target)', mountPath: '/cache', readOnly: true }];
        return a;
      }],
      ['a subPathExpr naming an env var that holds a param', () => withStep((s) => {
        s.env = [...s.env, { name: 'DIR', value: 'x/$(params.dir)' }];
        s.volumeMounts = [...s.volumeMounts, { name: 'secure-tmp', mountPath: '/cache', subPathExpr: '$(DIR)' }];
      })],
      ['a subPathExpr naming an env var of the stepTemplate that holds a param', () => withStep((s, t) => {
        t.spec.stepTemplate.env = [...t.spec.stepTemplate.env, { name: 'DIR', value: '$(params.dir)' }];
        s.volumeMounts = [...s.volumeMounts, { name: 'secure-tmp', mountPath: '/cache', subPathExpr: 'a/$(DIR)' }];
      })],
      ['a subPathExpr naming an env var filled from the run\'s annotation', () => withStep((s) => {
        s.env = [...s.env, { name: 'DIR', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['dir']" } } }];
        s.volumeMounts = [...s.volumeMounts, { name: 'secure-tmp', mountPath: '/cache', subPathExpr: '$(DIR)' }];
      })],
      ['a subPathExpr naming an env var that expands one holding a param', () => withStep((s) => {
        s.env = [...s.env, { name: 'A', value: '$(params.dir)' }, { name: 'DIR', value: 'x/$(A)' }];
        s.volumeMounts = [...s.volumeMounts, { name: 'secure-tmp', mountPath: '/cache', subPathExpr: '$(DIR)' }];
      })],
      ['a sidecar\'s mountPath', () => goBuild((t) => { t.spec.sidecars = [sidecar({ volumeMounts: [{ name: 'secure-tmp', mountPath: '$(params.dir)' }] })]; })],
      ['a stepTemplate\'s mountPath', () => goBuild((t) => { t.spec.stepTemplate.volumeMounts = [{ name: 'secure-tmp', mountPath: '/tekton/$(params.dir)' }]; })],
      ['a StepAction\'s own param in its mountPath', () => {
        const a = stepAction();
        a.spec.volumeMounts = [{ name: 'cache', mountPath: '$(params.target)' }];
        return a;
      }],
      ['the path of a workspace whose mountPath holds a param, in a step\'s mountPath', () => goBuild((t) => {
        t.spec.workspaces[1].mountPath = '/ws/$(params.dir)';
        t.spec.steps[0].volumeMounts = [...t.spec.steps[0].volumeMounts, { name: 'secure-tmp', mountPath: '$(workspaces.output.path)/tmp' }];
      })],
    ])('a volumeMount is refused: %s', async (_, build) => {
      const obj = build();
      const workspace = obj.spec.workspaces?.some((w: any) => typeof w.mountPath === 'string' && w.mountPath.includes('$(params.'));
      expect(await judged(obj)).toEqual([workspace ? [M(MOUNTS), M(WORKSPACES)] : [M(MOUNTS)], rules]);
    });

    test.each<[string, () => any]>([
      ['a fixed mountPath', () => mount({ mountPath: '/cache' })],
      ['a fixed subPath', () => mount({ mountPath: '/cache', subPath: 'cache' })],
      ['a workspace\'s volume by the name Tekton gives it', () => withStep((s) => { s.volumeMounts = [...s.volumeMounts, { name: '$(workspaces.output.volume)', mountPath: '/data' }]; })],
      ['the run\'s name in a mountPath (a DNS-1123 name Tekton fixes)', () => mount({ mountPath: '/cache/$(context.taskRun.name)' })],
      ['a fixed workspace\'s path', () => mount({ mountPath: '$(workspaces.output.path)/tmp' })],
      ['a subPathExpr naming an env var with a fixed value', () => withStep((s) => {
        s.env = [...s.env, { name: 'DIR', value: 'cache' }];
        s.volumeMounts = [...s.volumeMounts, { name: 'secure-tmp', mountPath: '/cache', subPathExpr: '$(DIR)' }];
      })],
      ['a subPathExpr whose $(NAME) is escaped ($$)', () => withStep((s) => {
        s.env = [...s.env, { name: 'DIR', value: '$(params.dir)' }];
        s.volumeMounts = [...s.volumeMounts, { name: 'secure-tmp', mountPath: '/cache', subPathExpr: '$$(DIR)' }];
      })],
      ['a subPathExpr naming the pod\'s name', () => withStep((s) => {
        s.env = [...s.env, { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }];
        s.volumeMounts = [...s.volumeMounts, { name: 'secure-tmp', mountPath: '/cache', subPathExpr: '$(POD)' }];
      })],
      ['a fixed workspace mountPath', () => goBuild((t) => { t.spec.workspaces[1].mountPath = '/workspace/output'; })],
    ])('admitted: %s', async (_, build) => {
      expect(await judged(build())).toEqual([[], []]);
    });

    test('a workspace mountPath a param chooses is refused in Tasks, TaskRuns, Pipelines and PipelineRuns, the fixed one admitted', async () => {
      const chosen = (spec: any) => { spec.workspaces[1].mountPath = '/ws/$(params.dir)'; };
      const run = taskRun();
      chosen(run.spec.taskSpec);
      const pipeline = hardenedEmbeddedPipeline();
      chosen(pipeline.spec.tasks[1].taskSpec);
      const pipelineRun = embeddedPipelineRun();
      chosen(pipelineRun.spec.pipelineSpec.tasks[1].taskSpec);
      const nested = nestedPipeline(clone(GO_BUILD.spec), 2);
      chosen(nested.spec.tasks[0].pipelineSpec.tasks[0].pipelineSpec.tasks[0].taskSpec);
      for (const obj of [goBuild((t) => chosen(t.spec)), run, pipeline, pipelineRun, nested]) {
        expect([obj.kind, ...await judged(obj)]).toEqual([obj.kind, [M(WORKSPACES)], rules]);
      }
      expect(MOUNT_PATH_FIXED.check(pipelineRun).map((f) => [f.target, f.property, f.value])).toEqual([
        [`task/${pipelineRun.spec.pipelineSpec.tasks[1].name}`, 'workspaces.output.mountPath', '/ws/$(params.dir)'],
      ]);
      const fixed = goBuild((t) => { t.spec.workspaces[1].mountPath = '/workspace/output'; });
      expect(await judged(fixed)).toEqual([[], []]);
    });

    test('a step mount in an embedded spec, at every depth', async () => {
      const chosen = (spec: any) => { spec.steps[0].volumeMounts[0].mountPath = '$(params.dir)'; };
      const run = taskRun();
      chosen(run.spec.taskSpec);
      const pipelineRun = embeddedPipelineRun();
      chosen(pipelineRun.spec.pipelineSpec.tasks[1].taskSpec);
      const nested = nestedPipeline(clone(GO_BUILD.spec), 2);
      chosen(nested.spec.tasks[0].pipelineSpec.tasks[0].pipelineSpec.tasks[0].taskSpec);
      for (const obj of [run, pipelineRun, nested, nestedPipeline(run.spec.taskSpec, 1)]) {
        expect([obj.kind, ...await judged(obj)]).toEqual([obj.kind, [M(MOUNTS)], rules]);
      }
    });

    test('a record exempts the step, the sidecar or the spec it names, where MOUNT_PATH_FIXED is honoured', async () => {
      const obj = mount({ mountPath: '/cache/$(params.dir)' });
      const relaxed = withAnnotation(obj, RuleId.MOUNT_PATH_FIXED, 'step/build: the param is an enum of two cache directories');
      expect(MOUNT_PATH_FIXED.check(relaxed).map((f) => f.target)).toEqual(['step/build']);
      expect(evaluateManifests([relaxed])[0].checks.find((c) => c.rule === RuleId.MOUNT_PATH_FIXED)?.status).not.toBe('failed');
      expect((await admit(injectionPolicy, relaxed)).refusals).toEqual([]);
      // another step's record does not
      expect((await admit(injectionPolicy, withAnnotation(obj, RuleId.MOUNT_PATH_FIXED, 'step/other: the param is an enum of two cache directories'))).refusals)
        .toEqual([M(MOUNTS)]);
      // not honoured: the message offers no record
      expect((await admit(strict.policy(INJECTION_POLICY), relaxed)).refusals).toEqual([M(MOUNTS).replace(/, or record a relaxation.*$/, '.')]);
      // a Task's own workspaces: the whole object; an embedded spec's: its pipeline task
      const workspace = goBuild((t) => { t.spec.workspaces[1].mountPath = '/ws/$(params.dir)'; });
      expect((await admit(injectionPolicy, withAnnotation(workspace, RuleId.MOUNT_PATH_FIXED, 'step/build: the param is an enum of two directories'))).refusals)
        .toEqual([M(WORKSPACES)]);
      // nor does a record of the workspace (the message names the targets that do)
      const named = `workspace/${workspace.spec.workspaces[1].name}: the param is an enum of two directories`;
      expect((await admit(injectionPolicy, withAnnotation(workspace, RuleId.MOUNT_PATH_FIXED, named))).refusals).toEqual([M(WORKSPACES)]);
      expect((await admit(injectionPolicy, withAnnotation(workspace, RuleId.MOUNT_PATH_FIXED, '*: the param is an enum of two directories'))).refusals).toEqual([]);
      const pipelineRun = embeddedPipelineRun();
      const task = pipelineRun.spec.pipelineSpec.tasks[1];
      task.taskSpec.workspaces[1].mountPath = '/ws/$(params.dir)';
      const byTask = withAnnotation(pipelineRun, RuleId.MOUNT_PATH_FIXED, `task/${task.name}: the param is an enum of two directories`);
      expect(MOUNT_PATH_FIXED.check(byTask).map((f) => f.target)).toEqual([`task/${task.name}`]);
      expect((await admit(injectionPolicy, byTask)).refusals).toEqual([]);
    });
  });

  describe('the rule catalogue, on generated objects: the policies refuse what its rules find (where CEL follows them)', () => {
    /** A deterministic generator (Park and Miller's), so that a failure can be replayed. */
    function generator(seed: number) {
      let state = seed;
      const next = () => {
        state = (state * 48271) % 2147483647;
        return state / 2147483647;
      };
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
      const maybe = <T>(p: number, make: () => T): T | undefined => (next() < p ? make() : undefined);
      return { next, pick, maybe };
    }
    /** JSON without the undefined fields. */
    const plain = (o: any): any => JSON.parse(JSON.stringify(o));
    const task = (i: number, spec: any) => ({ apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: `t${i}`, namespace: 'ci' }, spec });

    /** Which of `rules` the policies refuse and the catalogue finds, for each object; the differences. */
    function differences(vaps: any[], objects: any[], rules: RuleId[]): string[] {
      const [result] = evaluateCases([{ policies: vaps, requests: objects.map((object) => ({ object, namespaceName: 'ci' })) }]);
      return result.requests.flatMap((r, i) => {
        const denials = r.verdicts.flatMap((v) => v.denials);
        const errors = denials.filter((d) => d.evaluation === 'error').map((d) => `error: ${d.message}`);
        const cel = denials.map((d) => /\[([A-Z_]+)\]/.exec(d.message)?.[1]);
        const found = catalogueFinds(objects[i], rules);
        const differ = rules.filter((rule) => cel.includes(rule) !== found.includes(rule));
        return [...errors, ...differ.map((rule) => `${rule}: catalogue ${found.includes(rule)}, policy ${cel.includes(rule)} on ${JSON.stringify(objects[i].spec)}`)];
      });
    }

    test('commands, args, scripts and workingDirs of steps and stepTemplates (SCRIPT_INJECTION, ARGUMENT_INJECTION)', () => {
      const g = generator(42);
      // programs: interpreters, others, wrappers (whose later arguments are never named like an interpreter: see the class docs)
      const programs = [['sh', '-c'], ['bash'], ['/usr/bin/python3', '-c'], ['git', 'clone'], ['/kaniko/executor'], ['tool'], ['$(params.tool)'],
        ['/opt/$(params.v)/bin/x'], ['find', '.'], ['xargs'], ['env', 'FOO=1', 'git'], ['env', '-i', 'sh', '-c'], ['timeout', '5m', 'git'],
        ['timeout', '5m', 'bash', '-c'], ['nice', '-n', '10', 'make'], ['git', '--'], ['sg', 'docker'], ['setpriv', '--nnp']];
      const words = ['-c', '--', '$(params.x)', '--flag=$(params.x)', 'x$(params.list[*])', '$(params.list[*])', '$(workspaces.w.path)', 'literal',
        '$(tasks.a.results.b)', '$(context.taskRun.name)', 'echo $(params.y)', '$(results.r.path)', '-o$(params.o)', '$(date)', 'a b',
        // the kubelet's expansion of env vars X and Y (below), and its escape
        '$(X)', 'echo $(Y)', '--f=$(X)', '$$(X)', '$$$(Y)'];
      const objects = Array.from({ length: 600 }, (_, i) => {
        const program = g.pick(programs);
        const pool = /^(env|timeout|nice)$/.test(program[0]) ? words : [...words, 'sh'];
        const s: any = { name: 's', image: PINNED };
        const script = g.maybe(0.2, () => g.pick(['#!/bin/sh\necho hi\n', '#!/bin/sh\necho $(params.x)\n', '#!/bin/sh\nls $(workspaces.w.path)\n',
          '#!win powershell.exe -Command\nWrite-Host hi\n', ' #!win\necho hi\n']));
        // X and Y come first (the policies read the kubelet's expansion without order), Y through X
        const kubelet = g.maybe(0.4, () => [{ name: 'X', value: g.pick(['$(params.x)', 'literal', '$(workspaces.w.path)', 'a $(tasks.a.results.b)']) },
          ...(g.next() < 0.5 ? [{ name: 'Y', value: g.pick(['$(X)', '$$(X)', 'y']) }] : [])]);
        s.env = g.maybe(0.3, () => [g.pick([
          { name: 'GIT_SSH_COMMAND', value: 'ssh $(params.o)' }, { name: 'NODE_OPTIONS', value: '--max-old-space-size=2048' }, { name: 'HOME', value: '$(workspaces.w.path)' },
          { name: 'npm_config_script_shell', value: '$(tasks.a.results.b)' }, { name: 'GIT_CONFIG_VALUE_0', value: '$(params.v)' }, { name: 'URL', value: '$(params.url)' },
          { name: 'PATH', value: '/bin:$(context.taskRun.name)' }, { name: 'LD_PRELOAD', valueFrom: { configMapKeyRef: { name: 'x', key: 'y' } } }, { name: 'PS4', value: null },
          { name: 'GIT_SSH_COMMAND', value: 'ssh $(Y)' }, { name: 'BASH_ENV', value: '$(X)' },
        ])]);
        if (kubelet) s.env = [...kubelet, ...(s.env ?? [])];
        if (script) s.script = script;
        else if (g.next() < 0.8) s.command = [...program, ...Array.from({ length: Math.floor(g.next() * 4) }, () => g.pick(pool))];
        const args = Array.from({ length: Math.floor(g.next() * 4) }, () => g.pick(pool));
        if (args.length) s.args = args;
        s.workingDir = g.maybe(0.15, () => g.pick(['$(params.d)', '$(workspaces.w.path)/x', '/src']));
        const stepTemplate = g.maybe(0.2, () => ({ command: g.pick([['sh', '-c', '$(params.z)'], ['git']]), args: ['$(params.q)'] }));
        // a declared mountPath that holds a param makes $(workspaces.w.path) the caller's
        const workspaces = g.maybe(0.4, () => [{ name: 'w', mountPath: g.pick(['/src', '/src/$(params.d)', '$(context.taskRun.name)', undefined]) }]);
        return plain(task(i, { steps: [s], stepTemplate, workspaces }));
      });
      expect(differences([strict.policy(INJECTION_POLICY)], objects, [RuleId.SCRIPT_INJECTION, RuleId.ARGUMENT_INJECTION])).toEqual([]);
    });

    test('env, envFrom, commands, args and volumes of steps, stepTemplates and sidecars (EXPANSION_INJECTION, SECRET_REFERENCE_FIXED)', () => {
      const g = generator(11);
      const entries = [
        { name: 'T', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }, { name: 'C', valueFrom: { configMapKeyRef: { name: 'c', key: 'k' } } },
        { name: 'M', value: '$(params.m)' }, { name: 'W', value: '$(workspaces.w.path)' }, { name: 'L', value: 'literal' }, { name: 'E', value: '' },
        { name: 'R', value: 'x $(tasks.a.results.b)' }, { name: 'K', value: '$(M)' }, { name: 'N', value: null }, { name: 'S', valueFrom: { secretKeyRef: null } },
        { name: 'P', valueFrom: { secretKeyRef: { name: '$(params.s)', key: 'k' } } }, { name: 'Q', valueFrom: { secretKeyRef: { name: 's', key: '$(context.task.name)' } } },
        { name: 'M' }, { name: 'T', value: '' },
      ];
      const words = ['$(params.x)', '--flag=$(params.x)', '$(workspaces.w.path)', 'literal', '$(context.taskRun.name)', '$(T)', '$(M)', '$$(params.x)'];
      const container = (name?: string) => ({
        ...(name === undefined ? {} : { name, image: PINNED }),
        env: g.maybe(0.8, () => Array.from({ length: 1 + Math.floor(g.next() * 4) }, () => g.pick(entries))),
        envFrom: g.maybe(0.2, () => [g.pick([{ secretRef: { name: 's' } }, { configMapRef: { name: 'c' } }, { secretRef: null }, { secretRef: { name: '$(params.s)' } }])]),
        command: g.maybe(0.5, () => [g.pick(['tool', 'sh']), ...Array.from({ length: Math.floor(g.next() * 3) }, () => g.pick(words))]),
        args: g.maybe(0.5, () => Array.from({ length: 1 + Math.floor(g.next() * 3) }, () => g.pick(words))),
      });
      const objects = Array.from({ length: 600 }, (_, i) => plain(task(i, {
        steps: [container('a'), container('b')],
        stepTemplate: g.maybe(0.3, () => container()),
        sidecars: g.maybe(0.2, () => [container('c')]),
        workspaces: g.maybe(0.3, () => [{ name: 'w', mountPath: g.pick(['/src', '/src/$(params.d)']) }]),
        volumes: g.maybe(0.2, () => [g.pick<any>([{ name: 'v', secret: { secretName: g.pick(['s', '$(params.s)']) } }, { name: 'v', secret: { secretName: 's', items: [{ key: '$(params.k)', path: 'p' }] } },
          { name: 'v', projected: { sources: [{ secret: { name: g.pick(['s', '$(params.s)']) } }, { configMap: { name: '$(params.c)' } }] } },
          {
            name: 'v',
            csi: {
              driver: g.pick(['secrets-store.csi.k8s.io', 'csi.cert-manager.io']),
              volumeAttributes: g.pick<any>([{ a: '$(params.a)' }, { secretProviderClass: 's' },
                { secretProviderClass: 's', roleName: 'r' }, { secretProviderClass: '$(params.s)' }]),
            },
          }])]),
      })));
      // both verdicts are well represented
      const found = objects.filter((o) => EXPANSION_INJECTION.check(o).length > 0).length;
      expect([found > 150, found < 450]).toEqual([true, true]);
      expect(differences([strict.policy(SECRETS_POLICY)], objects, [RuleId.EXPANSION_INJECTION, RuleId.SECRET_REFERENCE_FIXED])).toEqual([]);
    });

    test('volumeMounts (names, mount paths, subPaths) of steps, stepTemplates, sidecars and StepActions, and workspace mount paths (MOUNT_PATH_FIXED)', () => {
      const g = generator(23);
      const texts = ['/cache', '/usr/$(params.d)', '$(workspaces.w.path)/x', '/c/$(context.taskRun.name)', '$(tasks.a.results.b)', '/x/$(params["d"])',
        '$(params.a[*])', '/tekton/$(params.d)', '$(workspaces.w.volume)', '$(date)', '$(X)'];
      const subPaths = ['cache', '$(params.s)', 'a/$(workspaces.w.path)', '$(context.pipelineRun.uid)', '$(X)'];
      const exprs = ['$(X)', '$$(X)', 'a/$(Y)', '$(POD)', '$(A)', 'fixed', '$(params.s)'];
      // each name set once, X before Y (the policies read the kubelet's expansion without order)
      const entries: any[][] = [
        [{ name: 'X', value: '$(params.x)' }, { name: 'X', value: 'literal' }, { name: 'X', value: '$(workspaces.w.path)' }],
        [{ name: 'Y', value: '$(X)' }, { name: 'Y', value: 'y' }, { name: 'Y', value: '$$(X)' }],
        [{ name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
        [{ name: 'A', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['a']" } } }, { name: 'A', valueFrom: { configMapKeyRef: { name: '$(params.c)', key: 'k' } } }],
      ];
      const container = (name?: string) => ({
        ...(name === undefined ? {} : { name, image: PINNED }),
        env: g.maybe(0.6, () => entries.filter(() => g.next() < 0.5).map((variants) => g.pick(variants))),
        volumeMounts: g.maybe(0.5, () => Array.from({ length: 1 + Math.floor(g.next() * 2) }, () => ({
          name: g.next() < 0.2 ? g.pick(['$(params.v)', '$(workspaces.w.volume)', 'x-$(context.taskRun.name)', 'v-$(tasks.a.results.b)']) : 'v',
          mountPath: g.next() < 0.6 ? g.pick(['/cache', '$(workspaces.w.path)/x', '$(X)', '/c/$(context.taskRun.name)']) : g.pick(texts),
          ...(g.next() < 0.2 ? { subPath: g.pick(subPaths) } : g.next() < 0.3 ? { subPathExpr: g.pick(exprs) } : {}),
        }))),
      });
      const objects = Array.from({ length: 600 }, (_, i) => (g.next() < 0.1
        ? plain({ apiVersion: 'tekton.dev/v1beta1', kind: 'StepAction', metadata: { name: `a${i}`, namespace: 'ci' }, spec: { params: [{ name: 'd' }], ...container() } })
        : plain(task(i, {
          steps: [container('a'), container('b')],
          stepTemplate: g.maybe(0.3, () => container()),
          sidecars: g.maybe(0.2, () => [container('c')]),
          workspaces: g.maybe(0.5, () => [{ name: 'w', mountPath: g.pick(['/src', '/src/$(params.d)', '$(context.taskRun.name)', '/w', '$(params.d)/$(workspaces.w.path)']) }]),
        }))));
      // both verdicts are well represented
      const found = objects.filter((o) => MOUNT_PATH_FIXED.check(o).length > 0).length;
      expect([found > 150, found < 450]).toEqual([true, true]);
      expect(differences([strict.policy(INJECTION_POLICY)], objects, [RuleId.MOUNT_PATH_FIXED])).toEqual([]);
    });

    test('securityContexts, ports, volumes and pod templates of Tasks, Pipelines and runs (NO_HOST_ACCESS, DEFAULT_ISOLATION, run pod templates, WORKSPACE_PER_RUN volumes)', () => {
      const g = generator(7);
      const cp = 'node-role.kubernetes.io/control-plane';
      const securityContext = () => ({
        seLinuxOptions: g.maybe(0.3, () => ({ type: g.pick(['', 'container_t', 'spc_t', undefined]), user: g.pick([undefined, '', 'u']), role: g.pick([undefined, '', 'r']) })),
        procMount: g.maybe(0.2, () => g.pick(['Default', 'Unmasked'])),
        appArmorProfile: g.maybe(0.2, () => ({ type: g.pick(['Unconfined', 'RuntimeDefault']) })),
        windowsOptions: g.maybe(0.2, () => ({ hostProcess: g.pick([true, false]) })),
        runAsUser: g.maybe(0.3, () => g.pick([0, 1000])),
        runAsGroup: g.maybe(0.2, () => g.pick([0, 1000])),
        fsGroup: g.maybe(0.2, () => g.pick([0, 1000])),
        supplementalGroups: g.maybe(0.2, () => g.pick([[0], [1, 2], []])),
        sysctls: g.maybe(0.2, () => [{ name: g.pick(['kernel.msgmax', 'net.ipv4.tcp_syncookies']), value: '1' }]),
      });
      const claimVolume = () => ({
        name: 'v',
        ephemeral: {
          volumeClaimTemplate: g.maybe(0.9, () => ({
            metadata: g.maybe(0.2, () => ({ annotations: g.pick([{}, { 'volume.beta.kubernetes.io/storage-class': g.pick(['', 'fast', null]) }]) })),
            spec: g.maybe(0.9, () => ({
              accessModes: ['ReadWriteOnce'],
              dataSource: g.maybe(0.3, () => g.pick([null, { kind: 'VolumeSnapshot', name: 's' }])),
              dataSourceRef: g.maybe(0.2, () => g.pick([null, { kind: 'PersistentVolumeClaim', name: 'c' }])),
              volumeName: g.maybe(0.3, () => g.pick(['', 'pv'])),
              storageClassName: g.maybe(0.2, () => g.pick(['', 'fast', null])),
              selector: g.maybe(0.2, () => g.pick([null, {}, { matchLabels: {} }, { matchLabels: { a: 'b' } }, { matchExpressions: [] }, { matchExpressions: [{ key: 'a', operator: 'Exists' }] }])),
            })),
          })),
        },
      });
      const otherVolume = () => g.pick<any>([
        { name: 'n', nfs: { server: 's', path: '/' } }, { name: 'n', nfs: null, emptyDir: {} }, { name: 'g', gitRepo: { repository: 'r' } },
        { name: 'c', csi: { driver: g.pick(['secrets-store.csi.k8s.io', 'nfs.csi.k8s.io', 'csi.spiffe.io']) } }, { name: 'c', csi: {} }, { name: 'r', rbd: { image: 'i', monitors: ['m'] } },
      ]);
      const pod = () => ({
        securityContext: g.maybe(0.7, securityContext),
        hostNetwork: g.maybe(0.1, () => g.pick([true, false])),
        hostPID: g.maybe(0.1, () => true),
        hostIPC: g.maybe(0.05, () => true),
        volumes: g.maybe(0.3, () => [g.pick([{ name: 'a', hostPath: { path: '/' } }, { name: 'b', emptyDir: {} },
          { name: 'c', projected: { sources: [{ serviceAccountToken: { path: 't' } }] } }, { name: 'd', projected: { sources: [{ configMap: { name: 'x' } }] } },
          { name: 'p', persistentVolumeClaim: g.pick([{ claimName: 'shared' }, null]) }, claimVolume(), otherVolume()])]),
        env: g.maybe(0.1, () => g.pick([[], [{ name: 'X', value: '1' }]])),
        hostAliases: g.maybe(0.1, () => g.pick([[], [{ ip: '10.0.0.1' }]])),
        dnsPolicy: g.maybe(0.1, () => g.pick(['None', 'Default'])),
        dnsConfig: g.maybe(0.1, () => g.pick([{ nameservers: ['10.0.0.53'] }, { options: [] }])),
        nodeSelector: g.maybe(0.1, () => g.pick([{ 'node-role.kubernetes.io/master': '' }, { pool: 'ci' }])),
        tolerations: g.maybe(0.15, () => [g.pick([{ operator: 'Exists' }, { operator: 'Exists', key: '' }, { key: cp }, { key: 'gpu', operator: 'Exists' }])]),
        affinity: g.maybe(0.1, () => ({
          nodeAffinity: g.pick([
            { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: g.pick([cp, 'pool']), operator: 'Exists' }] }] } },
            { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchFields: [{ key: g.pick(['node-role.kubernetes.io/master', 'pool']), operator: 'Exists' }] } }] },
          ]),
        })),
        priorityClassName: g.maybe(0.1, () => g.pick(['system-node-critical', 'ci-low'])),
        automountServiceAccountToken: g.maybe(0.2, () => g.pick([true, false])),
      });
      const container = (name: string) => ({
        name,
        image: PINNED,
        securityContext: g.maybe(0.6, securityContext),
        ports: g.maybe(0.2, () => [g.pick([{ containerPort: 1, hostPort: 1 }, { containerPort: 1, hostPort: 0 }, { containerPort: 2 }])]),
      });
      const spec = () => ({
        steps: [container('a'), container('b')],
        sidecars: g.maybe(0.3, () => [container('c')]),
        stepTemplate: g.maybe(0.4, () => ({ securityContext: securityContext(), ports: g.maybe(0.2, () => [{ containerPort: 3, hostPort: 3 }]) })),
        volumes: g.maybe(0.2, () => [g.pick([{ name: 'h', hostPath: { path: '/' } }, { name: 'e', emptyDir: {} }, { name: 'p', persistentVolumeClaim: { claimName: 'x' } }, claimVolume(), otherVolume()])]),
      });
      const objects = Array.from({ length: 1000 }, (_, i) => {
        const kind = g.pick(['TaskRun', 'PipelineRun', 'Pipeline', 'Task']);
        const annotations = g.maybe(0.1, () => ({ 'container.apparmor.security.beta.kubernetes.io/step-a': g.pick(['unconfined', 'Unconfined', 'runtime/default']) }));
        const specs: Record<string, () => any> = {
          Task: spec,
          TaskRun: () => ({ taskSpec: spec(), podTemplate: g.maybe(0.8, pod) }),
          Pipeline: () => ({ tasks: [{ name: 'x', taskSpec: spec() }, { name: 'y', taskSpec: spec() }] }),
          PipelineRun: () => ({
            pipelineSpec: { tasks: [{ name: 'x', taskSpec: spec() }] },
            taskRunTemplate: { podTemplate: g.maybe(0.7, pod) },
            taskRunSpecs: g.maybe(0.5, () => [{ pipelineTaskName: 'x', podTemplate: pod() }]),
          }),
        };
        return plain({ apiVersion: 'tekton.dev/v1', kind, metadata: { name: `o${i}`, namespace: 'ci', annotations }, spec: specs[kind]() });
      });
      const rules = [
        RuleId.NO_HOST_ACCESS, RuleId.DEFAULT_ISOLATION, RuleId.RUN_POD_OVERRIDES, RuleId.RUN_POD_SECURITY_CONTEXT, RuleId.RUN_TOKEN_AUTOMOUNT,
        RuleId.WORKSPACE_PER_RUN,
      ];
      expect(differences([strict.policy(HOST_POLICY), strict.policy(POD_POLICY)], objects, rules)).toEqual([]);
    });
  });

  describe('agreement with the catalogue where the differential property found none (test/property/admission-parity.test.ts)', () => {
    const statusOf = (o: any, rule: RuleId) => evaluateManifests([o])[0].checks.find((c) => c.rule === rule)?.status;
    const HARDENED = () => clone(GO_BUILD.spec.stepTemplate.securityContext);
    /** A Task of one step `step`, with `stepTemplate` when given. */
    const oneStep = (container: any, stepTemplate?: any, annotations?: Record<string, string>): any => ({
      apiVersion: 'tekton.dev/v1',
      kind: 'Task',
      metadata: { name: 'build', namespace: 'ci', ...(annotations ? { annotations } : {}) },
      spec: { steps: [{ name: 'a', ...container }], ...(stepTemplate ? { stepTemplate } : {}) },
    });

    test('a step with no image, no StepAction and no stepTemplate image (Tekton refuses it; the catalogue finds it) is refused', async () => {
      const task = oneStep({ script: '#!/bin/sh\necho hello\n', securityContext: HARDENED() });
      expect((await admit(imagePolicy, task)).refusals).toEqual([
        'A step image is missing or not pinned by digest [IMAGE_DIGEST]. Use <repository>@sha256:<64 hex digest>, '
        + 'or record a relaxation: annotation secure-tekton/relax.IMAGE_DIGEST: "<target, or * for the whole object>: <why, at least 10 characters>".',
      ]);
      expect(IMAGE_DIGEST.check(task).map((f) => [f.target, f.property, f.problem])).toEqual([['step/a', 'image', 'is missing']]);
      // an empty image is none (Go's omitempty): refused too, and the stepTemplate's fills it
      expect(rulesOf(await admit(imagePolicy, oneStep({ image: '', securityContext: HARDENED() })))).toEqual(['IMAGE_DIGEST']);
      // a step that takes the stepTemplate's image has it as its own: a record of the stepTemplate alone does not exempt the step
      const inherited = oneStep({ securityContext: HARDENED() }, { image: 'alpine:3.20' }, { 'secure-tekton/relax.IMAGE_DIGEST': 'stepTemplate: reviewed by the platform team' });
      expect((await admit(imagePolicy, inherited)).refusals).toEqual([message(imagePolicy, 0)]);
      expect(IMAGE_DIGEST.check(inherited).map((f) => [f.target, f.property, f.problem])).toEqual([
        ['stepTemplate', 'image', 'is not pinned by digest'], ['step/a', 'image', 'is not pinned by digest'],
      ]);
      expect(statusOf(inherited, RuleId.IMAGE_DIGEST)).toBe('failed');
      inherited.metadata.annotations['secure-tekton/relax.IMAGE_DIGEST'] += '\nstep/a: reviewed by the platform team';
      expect((await admit(imagePolicy, inherited)).refusals).toEqual([]);
      expect(statusOf(inherited, RuleId.IMAGE_DIGEST)).toBe('relaxed');
      for (const admitted of [
        oneStep({ securityContext: HARDENED() }, { image: PINNED }),
        oneStep({ image: '', securityContext: HARDENED() }, { image: PINNED }),
        oneStep({ ref: { name: 'scan' } }),
      ]) {
        expect((await admit(imagePolicy, admitted)).refusals).toEqual([]);
        expect(IMAGE_DIGEST.check(admitted)).toEqual([]);
      }
    });

    test('a null in a step\'s securityContext is unset (Go reads nil; the stepTemplate\'s value stays under it)', async () => {
      const nulls = { image: PINNED, securityContext: { ...HARDENED(), runAsNonRoot: null, allowPrivilegeEscalation: null } };
      const admitted = oneStep(nulls, { securityContext: HARDENED() });
      expect(await refused(admitted, [securityPolicy])).toEqual([]);
      expect(statusOf(admitted, RuleId.RUN_AS_NON_ROOT)).toBe('passed');
      expect(statusOf(admitted, RuleId.NO_PRIVILEGE_ESCALATION)).toBe('passed');
      // without the template, null is unset, and refused as unset
      expect((await admit(securityPolicy, oneStep(nulls))).refusals).toEqual([message(securityPolicy, 0), message(securityPolicy, 1)]);
      expect(statusOf(oneStep(nulls), RuleId.RUN_AS_NON_ROOT)).toBe('failed');
      // a stepTemplate's null over a step that runs a StepAction leaves the StepAction's value
      const action = oneStep({ ref: { name: 'scan' } }, { securityContext: { allowPrivilegeEscalation: null } });
      expect(await refused(action, [securityPolicy])).toEqual([]);
      expect(statusOf(action, RuleId.NO_PRIVILEGE_ESCALATION)).toBe('passed');
    });

    test('a step\'s seccompProfile without a type replaces the stepTemplate\'s type with "" (Go writes type always), refused', async () => {
      const task = oneStep({ image: PINNED, securityContext: { ...HARDENED(), seccompProfile: {} } }, { securityContext: HARDENED() });
      expect((await admit(securityPolicy, task)).refusals).toEqual([
        'A step, sidecar or StepAction has no securityContext.seccompProfile.type RuntimeDefault or Localhost (neither itself nor through the stepTemplate) '
        + '[SECCOMP_RUNTIME_DEFAULT]. Set seccompProfile: { type: RuntimeDefault }.',
      ]);
      expect(statusOf(task, RuleId.SECCOMP_RUNTIME_DEFAULT)).toBe('failed');
    });

    test('a stepTemplate whose env holds a Secret and then a caller\'s value, over a step that runs a StepAction a resolver fetches: both refuse', async () => {
      const task = oneStep({ ref: { resolver: 'cluster', params: [{ name: 'name', value: 'notify' }, { name: 'namespace', value: 'ci' }] } }, {
        env: [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'chat', key: 'token' } } }, { name: 'URL', value: '$(params.url)' }],
      });
      task.spec.params = [{ name: 'url', type: 'string' }];
      expect((await admit(secretsPolicy, task)).refusals).toEqual([message(secretsPolicy, 0)]);
      expect(message(secretsPolicy, 0)).toBe('A step, sidecar or StepAction whose env holds Secret values (valueFrom.secretKeyRef, envFrom secretRef;'
        + ' with its stepTemplate\'s, in the order Tekton merges them; a run pod template\'s secretKeyRef, which Tekton appends to every step\'s env)'
        + ' passes a substitution callers can choose to command, args or a later env value,'
        + ' where the kubelet\'s $(NAME) expansion hands it the Secret\'s value [EXPANSION_INJECTION]. Give the step its Secrets as files'
        + ' (a workspace bound to the Secret, or a Vault CSI volume) rather than env, or pass the value through an env var listed before every Secret env var'
        + ' and read it in the script, or record a relaxation: annotation secure-tekton/relax.EXPANSION_INJECTION: "<target, or * for the whole object>:'
        + ' <why, at least 10 characters>".');
      expect(EXPANSION_INJECTION.check(task).map((f) => [f.target, f.property, f.value])).toEqual([['step/a', 'env.URL', '$(params.url)']]);
    });

    test('a run\'s pod template whose env holds a Secret (TaskRun podTemplate, PipelineRun taskRunTemplate and taskRunSpecs): a caller\'s value in command or args is refused, as the catalogue finds it', async () => {
      const secretEnv = { env: [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'chat', key: 'token' } } }] };
      const spec = () => {
        const task = oneStep({ image: PINNED, securityContext: HARDENED(), command: ['/bin/notify'], args: ['--message=$(params.message)'] });
        task.spec.params = [{ name: 'message', type: 'string' }];
        return task.spec;
      };
      const withTaskRun = (podTemplate: any) => ({
        apiVersion: 'tekton.dev/v1',
        kind: 'TaskRun',
        metadata: { name: 'notify-run', namespace: 'ci' },
        spec: { serviceAccountName: SA, taskSpec: spec(), ...(podTemplate ? { podTemplate } : {}) },
      });
      const pipelineRun = (extra: any) => ({
        apiVersion: 'tekton.dev/v1',
        kind: 'PipelineRun',
        metadata: { name: 'notify-run', namespace: 'ci' },
        spec: {
          pipelineSpec: { params: [{ name: 'message', type: 'string' }], tasks: [{ name: 'notify', params: [{ name: 'message', value: '$(params.message)' }], taskSpec: spec() }] },
          ...extra,
        },
      });
      for (const run of [
        withTaskRun(secretEnv),
        pipelineRun({ taskRunTemplate: { serviceAccountName: SA, podTemplate: secretEnv } }),
        pipelineRun({ taskRunTemplate: { serviceAccountName: SA }, taskRunSpecs: [{ pipelineTaskName: 'notify', podTemplate: secretEnv }] }),
      ]) {
        expect([run.kind, (await admit(secretsPolicy, run)).refusals]).toEqual([run.kind, [message(secretsPolicy, 0)]]);
        expect([run.kind, EXPANSION_INJECTION.check(run).map((f) => [f.property, f.value])]).toEqual([run.kind, [['args[0]', '$(params.message)']]]);
      }
      // no Secret in the pod template, or none at all: admitted
      for (const run of [withTaskRun({ env: [{ name: 'LANG', value: 'C.UTF-8' }] }), withTaskRun(undefined), pipelineRun({ taskRunTemplate: { serviceAccountName: SA } })]) {
        expect([run.kind, (await admit(secretsPolicy, run)).refusals]).toEqual([run.kind, []]);
        expect([run.kind, EXPANSION_INJECTION.check(run)]).toEqual([run.kind, []]);
      }
      // a per-task pod template's Secret reaches its own pipeline task's containers alone, as Tekton applies it (and the catalogue reads it)
      const other = pipelineRun({ taskRunTemplate: { serviceAccountName: SA }, taskRunSpecs: [{ pipelineTaskName: 'other', podTemplate: secretEnv }] });
      expect((await admit(secretsPolicy, other)).refusals).toEqual([]);
      expect(EXPANSION_INJECTION.check(other)).toEqual([]);
      // (a task named as a prefix of the pipeline task's name is another task: `noti` is not `notify`)
      const prefix = pipelineRun({ taskRunTemplate: { serviceAccountName: SA }, taskRunSpecs: [{ pipelineTaskName: 'noti', podTemplate: secretEnv }] });
      expect((await admit(secretsPolicy, prefix)).refusals).toEqual([]);
      expect(EXPANSION_INJECTION.check(prefix)).toEqual([]);
      // a custom task's embedded spec: Tekton makes a CustomRun of it, which has no pod template, so neither template reaches its steps
      for (const extra of [{ taskRunTemplate: { serviceAccountName: SA, podTemplate: secretEnv } },
        { taskRunTemplate: { serviceAccountName: SA }, taskRunSpecs: [{ pipelineTaskName: 'notify', podTemplate: secretEnv }] }]) {
        const custom = pipelineRun(extra);
        const task = custom.spec.pipelineSpec.tasks[0];
        task.taskSpec = { apiVersion: 'example.dev/v1', kind: 'Loop', spec: task.taskSpec };
        expect((await admit(secretsPolicy, custom)).refusals).toEqual([]);
        expect(EXPANSION_INJECTION.check(custom)).toEqual([]);
      }
      // beside another task's, its own counts
      const both = pipelineRun({
        taskRunTemplate: { serviceAccountName: SA },
        taskRunSpecs: [{ pipelineTaskName: 'other', podTemplate: {} },
          { pipelineTaskName: 'notify', podTemplate: secretEnv }],
      });
      expect((await admit(secretsPolicy, both)).refusals).toEqual([message(secretsPolicy, 0)]);
      expect(EXPANSION_INJECTION.check(both).map((f) => [f.property, f.value])).toEqual([['args[0]', '$(params.message)']]);
      // Tekton v1.15 appends the pod template's env to every step's env after the step's own, and to no sidecar (pkg/pod/pod.go): a
      // sidecar's caller's value, and a step's env value (the kubelet expands it from the entries before it alone), are admitted
      const withSidecar = withTaskRun(secretEnv);
      withSidecar.spec.taskSpec.sidecars = [{ ...clone(withSidecar.spec.taskSpec.steps[0]), name: 'relay' }];
      withSidecar.spec.taskSpec.steps[0].args = ['--message=hello'];
      const stepEnv = withTaskRun(secretEnv);
      stepEnv.spec.taskSpec.steps[0].args = ['--message=$(MESSAGE)'];
      stepEnv.spec.taskSpec.steps[0].env = [{ name: 'MESSAGE', value: '$(params.message)' }];
      for (const run of [withSidecar, stepEnv]) {
        expect((await admit(secretsPolicy, run)).refusals).toEqual([]);
        expect(EXPANSION_INJECTION.check(run)).toEqual([]);
      }
      // the step's own Secret env var before that value still counts
      const ownSecret = withTaskRun(secretEnv);
      ownSecret.spec.taskSpec.steps[0].args = ['--message=hello'];
      ownSecret.spec.taskSpec.steps[0].env = [{ name: 'KEY', valueFrom: { secretKeyRef: { name: 'chat', key: 'key' } } }, { name: 'MESSAGE', value: '$(params.message)' }];
      expect((await admit(secretsPolicy, ownSecret)).refusals).toEqual([message(secretsPolicy, 0)]);
      expect(EXPANSION_INJECTION.check(ownSecret).map((f) => [f.property, f.value])).toEqual([['env.MESSAGE', '$(params.message)']]);
    });

    test('a seccompProfile the API server refuses, as merged: a step\'s RuntimeDefault keeps the stepTemplate\'s localhostProfile', async () => {
      const localhost = { type: 'Localhost', localhostProfile: 'profiles/build.json' };
      const M = 'A step, sidecar or StepAction runs with a seccompProfile the API server refuses (a localhostProfile with a type other than Localhost,'
        + ' or Localhost without one) or the kubelet cannot load (an empty localhostProfile), itself or as merged with its stepTemplate,'
        + ' so its pod never starts [SECCOMP_RUNTIME_DEFAULT]. Set localhostProfile only with type Localhost, and type Localhost only with a localhostProfile.';
      expect(message(securityPolicy, 6)).toBe(M);
      const profiled = (seccompProfile: any) => ({ image: PINNED, securityContext: { ...HARDENED(), seccompProfile } });
      for (const refusedTask of [
        oneStep(profiled({ type: 'RuntimeDefault' }), { securityContext: { seccompProfile: localhost } }),
        oneStep(profiled({ type: 'Localhost' })),
        oneStep(profiled({ type: 'Localhost', localhostProfile: '' })),
        oneStep(profiled({ type: 'RuntimeDefault', localhostProfile: 'profiles/build.json' })),
        oneStep({ ref: { name: 'scan' } }, { securityContext: { seccompProfile: { type: 'RuntimeDefault', localhostProfile: 'profiles/build.json' } } }),
      ]) {
        expect((await admit(securityPolicy, refusedTask)).refusals).toEqual([M]);
        expect(statusOf(refusedTask, RuleId.SECCOMP_RUNTIME_DEFAULT)).toBe('failed');
      }
      for (const admitted of [
        oneStep(profiled(localhost)),
        oneStep(profiled({ type: 'Localhost' }), { securityContext: { seccompProfile: localhost } }),
        oneStep(profiled({ type: 'RuntimeDefault' }), { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } }),
        oneStep({ ref: { name: 'scan' } }, { securityContext: { seccompProfile: localhost } }),
      ]) {
        expect((await admit(securityPolicy, admitted)).refusals).toEqual([]);
        expect(statusOf(admitted, RuleId.SECCOMP_RUNTIME_DEFAULT)).toBe('passed');
      }
    });

    describe('a record line the catalogue does not read as one line is not honoured (the library writes none)', () => {
      const bad = () => oneStep({ image: PINNED, securityContext: { ...HARDENED(), runAsNonRoot: false } });
      test.each([
        ['a carriage return in the reason', 'step/a: reason with\ra carriage return'],
        ['a line separator in the reason', 'step/a: reason with\u2028a line separator'],
        ['a paragraph separator in the reason', 'step/a: reason with\u2029a paragraph separator'],
        ['a carriage return ending the last line', 'step/a: reviewed by the platform team\r'],
      ])('%s', async (_, record) => {
        const task = bad();
        task.metadata.annotations = { 'secure-tekton/relax.RUN_AS_NON_ROOT': record };
        expect((await admit(securityPolicy, task)).refusals).toEqual([message(securityPolicy, 0)]);
        expect(message(securityPolicy, 0)).toBe(
          'A step, sidecar or StepAction does not set securityContext.runAsNonRoot: true (neither itself nor through the stepTemplate) [RUN_AS_NON_ROOT]. '
          + 'Set runAsNonRoot: true with a non-zero runAsUser, or record a relaxation: annotation secure-tekton/relax.RUN_AS_NON_ROOT: '
          + '"<target, or * for the whole object>: <why, at least 10 characters>".');
        expect(statusOf(task, RuleId.RUN_AS_NON_ROOT)).toBe('failed');
      });
      test.each([
        ['a CRLF line end', 'step/a: reviewed by the platform team\r\nstep/b: reviewed by the platform team'],
        ['a CRLF line end on the last line', 'step/b: reviewed by the platform team\r\nstep/a: reviewed by the platform team\r\n'],
      ])('honoured: %s', async (_, record) => {
        const task = bad();
        task.metadata.annotations = { 'secure-tekton/relax.RUN_AS_NON_ROOT': record };
        expect((await admit(securityPolicy, task)).refusals).toEqual([]);
        expect(statusOf(task, RuleId.RUN_AS_NON_ROOT)).toBe('relaxed');
      });
    });
  });

  describe('a null is the field left out, as Tekton decodes it (objects decoded as the API server does, with Tekton\'s CRDs)', () => {
    /** What each policy refuses of a CREATE of `object`, decoded with Tekton's CRDs; a validation that cannot be evaluated fails the test. */
    async function decodedRefusals(object: any): Promise<Record<string, string[]>> {
      const result = await evaluator.evaluate({
        policies: all, crds: [...TEKTON_CRDS], requests: [{ object, namespaceName: 'ci', userInfo: { username: 'jane@example.com' } }],
      });
      const out: Record<string, string[]> = {};
      // what the API server refuses for the CRD's schema, before any policy runs
      if (result.requests[0].invalid) out.invalid = result.requests[0].invalid;
      for (const v of result.requests[0].verdicts) {
        const errors = v.denials.filter((d) => d.evaluation === 'error');
        if (errors.length > 0) throw new Error(`policy ${v.policy}: ${errors.map((e) => e.message).join('\n')}`);
        if (v.denials.length > 0) out[v.policy] = v.denials.map((d) => d.message);
      }
      return out;
    }
    const relax = (rule: string) => `, or record a relaxation: annotation secure-tekton/relax.${rule}: "<target, or * for the whole object>: <why, at least 10 characters>".`;

    test.each([
      ['steps[0].env', (s: any) => { s.steps[0].env = null; }],
      ['stepTemplate.env', (s: any) => { s.stepTemplate.env = null; }],
      ['steps[0].name, script and workingDir', (s: any) => { Object.assign(s.steps[0], { name: null, script: null, workingDir: null }); }],
      ['steps[0].volumeMounts and the volumes', (s: any) => { s.steps[0].volumeMounts = null; s.volumes = null; }],
      ['workspaces and sidecars', (s: any) => { s.workspaces = null; s.sidecars = null; }],
      ['a step\'s securityContext, beside the hardened stepTemplate', (s: any) => { s.steps[0].securityContext = null; }],
      ['a step\'s securityContext fields, beside the hardened stepTemplate', (s: any) => {
        Object.assign(s.steps[0].securityContext, { runAsNonRoot: null, allowPrivilegeEscalation: null, capabilities: null, seccompProfile: null });
      }],
      ['a volume (an item of volumes: Go\'s Volume without source)', (s: any) => { s.volumes.push(null); }],
    ])('an embedded taskSpec with %s null is admitted (the API server keeps the null below taskSpec)', async (_name, change) => {
      const run = taskRun();
      change(run.spec.taskSpec);
      expect(await decodedRefusals(run)).toEqual({});
    });

    test('a run pod template with volumes: [null] and securityContext fields null is admitted', async () => {
      const run = taskRun();
      run.spec.podTemplate = { volumes: [null], securityContext: { runAsUser: null, seccompProfile: null }, affinity: null };
      expect(await decodedRefusals(run)).toEqual({});
    });

    test('a volumeClaimTemplate with accessModes: null is refused as one without', async () => {
      const run = taskRun();
      run.spec.workspaces[0].volumeClaimTemplate.spec.accessModes = null;
      expect(await decodedRefusals(run)).toEqual({
        [WORKSPACE_POLICY]: ['A run workspace volumeClaimTemplate asks for no access mode or one other than ReadWriteOnce and ReadWriteOncePod'
          + ' (spec.workspaces[].volumeClaimTemplate.spec.accessModes) [WORKSPACE_PER_RUN]. Use accessModes: [ReadWriteOnce]' + relax('WORKSPACE_PER_RUN')],
      });
    });

    test('a sidecar with image: null and no securityContext is refused as one without them', async () => {
      const run = taskRun();
      run.spec.taskSpec.sidecars = [{ name: 'cache', image: null, securityContext: null }];
      expect(await decodedRefusals(run)).toEqual({
        [IMAGE_POLICY]: ['A sidecar image is not pinned by digest [IMAGE_DIGEST]. Use <repository>@sha256:<64 hex digest>' + relax('IMAGE_DIGEST')],
        [SECURITY_POLICY]: [
          'A step, sidecar or StepAction does not set securityContext.runAsNonRoot: true (neither itself nor through the stepTemplate) [RUN_AS_NON_ROOT].'
            + ' Set runAsNonRoot: true with a non-zero runAsUser' + relax('RUN_AS_NON_ROOT'),
          'A step, sidecar or StepAction does not set securityContext.allowPrivilegeEscalation: false (neither itself nor through the stepTemplate)'
            + ' [NO_PRIVILEGE_ESCALATION]. Set allowPrivilegeEscalation: false' + relax('NO_PRIVILEGE_ESCALATION'),
          'A step, sidecar or StepAction does not drop ALL capabilities in securityContext.capabilities (neither itself nor through the stepTemplate),'
            + ' or adds some back [DROP_ALL_CAPABILITIES]. Set capabilities: { drop: [ALL] } and add none' + relax('DROP_ALL_CAPABILITIES'),
          'A step, sidecar or StepAction has no securityContext.seccompProfile.type RuntimeDefault or Localhost (neither itself nor through the stepTemplate)'
            + ' [SECCOMP_RUNTIME_DEFAULT]. Set seccompProfile: { type: RuntimeDefault }.',
        ],
      });
    });

    test('a null hides nothing: a step\'s securityContext: null under a stepTemplate securityContext: null is refused as neither setting one', async () => {
      const run = taskRun();
      run.spec.taskSpec.stepTemplate.securityContext = null;
      run.spec.taskSpec.steps[0].securityContext = null;
      const unset = taskRun();
      delete unset.spec.taskSpec.stepTemplate.securityContext;
      delete unset.spec.taskSpec.steps[0].securityContext;
      const refusals = await decodedRefusals(run);
      expect(refusals).toEqual(await decodedRefusals(unset));
      expect(refusals[SECURITY_POLICY]).toHaveLength(4);
    });

    test('a null the CRD declares is dropped before admission: a Task\'s steps[0].env: null never reaches the policies', async () => {
      const probe = {
        apiVersion: 'admissionregistration.k8s.io/v1beta1',
        kind: 'ValidatingAdmissionPolicy',
        metadata: { name: 'probe' },
        spec: {
          failurePolicy: 'Fail',
          matchConstraints: { resourceRules: [{ apiGroups: ['tekton.dev'], apiVersions: ['v1'], operations: ['CREATE'], resources: ['tasks', 'taskruns'] }] },
          validations: [{ expression: "object.kind != 'Task' || !has(object.spec.steps[0].env)", message: 'Task env present' },
            { expression: "object.kind != 'TaskRun' || !has(object.spec.taskSpec.steps[0].env)", message: 'TaskRun env present' }],
        },
      };
      const task = clone(GO_BUILD);
      task.spec.steps[0].env = null;
      const run = taskRun();
      run.spec.taskSpec.steps[0].env = null;
      const result = await evaluator.evaluate({ policies: [probe], crds: [...TEKTON_CRDS], requests: [{ object: task }, { object: run }].map((r) => ({ ...r, namespaceName: 'ci' })) });
      expect(result.requests.map((r) => r.verdicts[0].denials.map((d) => d.message))).toEqual([[], ['TaskRun env present']]);
      const undecoded = await evaluator.evaluate({ policies: [probe], requests: [{ object: task, namespaceName: 'ci' }] });
      expect(undecoded.requests[0].verdicts[0].denials.map((d) => d.message)).toEqual(['Task env present']);
    });
  });

  describe('with Tekton\'s CRDs, what the API server refuses for the schema never reaches the policies (vap-eval validates as the strategy does)', () => {
    const validated = async (requests: AdmissionRequestInput[]) => (await evaluator.evaluate({
      policies: [securityPolicy], crds: [...TEKTON_CRDS], requests: requests.map((r) => ({ namespaceName: 'ci', userInfo: { username: 'jane@example.com' }, ...r })),
    })).requests.map((r) => ({ allowed: r.allowed, invalid: r.invalid, verdicts: r.verdicts.length }));

    test('a type error, a missing required field, a missing name: refused with the API server\'s words, no policy evaluated', async () => {
      const typed = taskRun();
      typed.spec.timeout = 5;
      const required = taskRun();
      required.spec.params = [{ name: 'x' }];
      const unnamed = taskRun();
      delete unnamed.metadata.generateName;
      expect(await validated([{ object: typed }, { object: required }, { object: unnamed }, { object: taskRun() }])).toEqual([
        { allowed: false, invalid: ['spec.timeout: Invalid value: "integer": spec.timeout in body must be of type string: "integer"'], verdicts: 0 },
        { allowed: false, invalid: ['spec.params[0].value: Required value'], verdicts: 0 },
        { allowed: false, invalid: ['metadata.name: Required value: name or generateName is required'], verdicts: 0 },
        // a generateName is enough: the store names the object before it validates it
        { allowed: true, invalid: undefined, verdicts: 1 },
      ]);
    });

    test('on UPDATE, a value left as it was is not judged again (ratcheting); a new one is, and so are the fields that cannot change', async () => {
      const old = taskRun();
      old.metadata = { name: 'go-build-run-x7k2p', namespace: 'ci', uid: '5f0c' };
      old.spec.params = [{ name: 'x' }];
      const cancelled = clone(old);
      cancelled.spec.status = 'TaskRunCancelled';
      const typed = clone(old);
      typed.spec.timeout = 5;
      const renamed = clone(cancelled);
      renamed.metadata.uid = '6a1d';
      expect(await validated([cancelled, typed, renamed].map((object) => ({ operation: 'UPDATE', object, oldObject: old })))).toEqual([
        { allowed: true, invalid: undefined, verdicts: 1 },
        { allowed: false, invalid: ['spec.timeout: Invalid value: "integer": spec.timeout in body must be of type string: "integer"'], verdicts: 0 },
        { allowed: false, invalid: ['metadata.uid: Invalid value: "6a1d": field is immutable'], verdicts: 0 },
      ]);
    });
  });

  describe('updates of an object admitted before: cancel and metadata are not judged again, anything else is (not-an-update-of-metadata-or-a-cancel)', () => {
    /** Every policy over objects (the run-status one matches the status subresource only), and the triggers one. */
    const specPolicies = [...all.filter((p) => p !== statusPolicy), defaults.policy(TRIGGERS_POLICY)];
    /**
     * A TaskRun as an earlier release admitted it, now refused: a privileged step of an unpinned image run as another
     * ServiceAccount, with the Tekton controller's labels, a relaxation record and a null the CRD keeps (an embedded spec's).
     */
    const oldTaskRun = (): any => {
      const r = taskRun();
      r.metadata = {
        name: 'go-build-run-x7k2p',
        namespace: 'ci',
        uid: '5f0c',
        resourceVersion: '41',
        labels: { 'app.kubernetes.io/managed-by': 'tekton-pipelines', 'tekton.dev/pipelineTask': 'build' },
        annotations: { 'secure-tekton/relax.IMAGE_DIGEST': 'step/lint: the linter image is rebuilt daily upstream' },
      };
      r.spec.serviceAccountName = 'default';
      r.spec.taskSpec.steps[0].securityContext.privileged = true;
      r.spec.taskSpec.steps[0].image = 'golang:1.22';
      r.spec.taskSpec.steps[0].args = null;
      return r;
    };
    /** A PipelineRun an earlier release admitted, now refused: a ServiceAccount no longer allowed, a privileged embedded step. */
    const oldPipelineRun = (status?: string): any => {
      const r = embeddedPipelineRun();
      r.metadata = { ...r.metadata, name: 'build-run-9mq4d', uid: '77aa' };
      r.spec.taskRunTemplate.serviceAccountName = 'default';
      r.spec.pipelineSpec.tasks[0].taskSpec.steps[0].securityContext.privileged = true;
      if (status !== undefined) r.spec.status = status;
      return r;
    };
    /** The policies' verdicts on an UPDATE from `oldObject` to `change(copy)` by `username`, decoded as the API server does. */
    const update = async (oldObject: any, change: (o: any) => void, username = 'jane@example.com') => {
      const object = clone(oldObject);
      change(object);
      const result = await evaluator.evaluate({
        policies: specPolicies,
        crds: [...TEKTON_CRDS],
        requests: [{ operation: 'UPDATE', object, oldObject, userInfo: { username }, namespaceName: 'ci' }],
      });
      expect(result.policies.flatMap((p) => p.compileErrors)).toEqual([]);
      // the API server refuses an object its CRD's schema does not admit before any policy sees it
      expect(result.requests[0].invalid).toBeUndefined();
      const verdicts = result.requests[0].verdicts;
      for (const v of verdicts) expect(v.denials.filter((d) => d.evaluation === 'error')).toEqual([]);
      return {
        /** The policies that judged the update (matched, their match conditions held). */
        judged: verdicts.filter((v) => v.matched && v.matchConditions !== false).map((v) => v.policy),
        refused: verdicts.filter((v) => !v.allowed).map((v) => v.policy),
        verdicts,
      };
    };
    const UNJUDGED = { judged: [], refused: [] };

    test('the fixtures are refused on CREATE (the release in force judges them) and by an update that changes their spec', async () => {
      for (const old of [oldTaskRun(), oldPipelineRun()]) {
        const matching = specPolicies.filter((p) => selects(p, old)).map((p) => p.metadata.name);
        const refusedCreate = (await Promise.all(specPolicies.map((p) => verdict(p, { object: old, userInfo: { username: 'jane@example.com' } })))).filter((v) => !v.allowed).map((v) => v.policy);
        expect(refusedCreate).toEqual(expect.arrayContaining([SECURITY_POLICY, SA_POLICY]));
        // a timeout, which Tekton lets a pending run change, is a change of the spec: judged in full (a field the CRD does not
        // declare, a PipelineRun's v1beta1 timeout, is pruned before admission: no change)
        const changed = await update(old, (o) => { if (o.kind === 'TaskRun') o.spec.timeout = '2h0m0s'; else o.spec.timeouts = { pipeline: '2h0m0s' }; });
        expect(await update(old, (o) => { o.spec.timeout = '2h0m0s'; o.spec.status = o.kind === 'TaskRun' ? 'TaskRunCancelled' : 'Cancelled'; }))
          .toMatchObject(old.kind === 'TaskRun' ? { refused: expect.arrayContaining([SECURITY_POLICY]) } : UNJUDGED);
        expect(changed.judged).toEqual(matching);
        // the TaskRun's pipeline-task label, refused on a CREATE by anyone but the controller, is admitted on an update that keeps it
        expect(changed.refused).toEqual(refusedCreate.filter((p) => p !== POD_POLICY));
      }
    });

    test.each<[string, (o: any) => void]>([
      ['a user\'s cancel (tkn taskrun cancel: spec.status TaskRunCancelled)', (o) => { o.spec.status = 'TaskRunCancelled'; }],
      ['the PipelineRun controller\'s cancel or timeout of a child TaskRun (spec.status and spec.statusMessage)',
        (o) => { o.spec.status = 'TaskRunCancelled'; o.spec.statusMessage = 'TaskRun cancelled as the PipelineRun it belongs to has timed out.'; }],
      ['a cancel applied with kubectl apply (its last-applied-configuration annotation rewritten)', (o) => {
        o.spec.status = 'TaskRunCancelled';
        o.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'] = JSON.stringify({ spec: { status: 'TaskRunCancelled' } });
      }],
      ['the garbage collector\'s foreground deletion (a finalizer, owner references dropped)',
        (o) => { o.metadata.finalizers = ['foregroundDeletion']; o.metadata.ownerReferences = []; }],
      ['Chains\' and Results\' annotations and finalizers', (o) => {
        o.metadata.annotations = { ...o.metadata.annotations, 'chains.tekton.dev/signed': 'true', 'results.tekton.dev/record': 'ci/results/1/records/2' };
        o.metadata.finalizers = ['chains.tekton.dev/finalizer'];
      }],
    ])('%s of a refused TaskRun: no policy judges it', async (_, change) => {
      expect(await update(oldTaskRun(), change)).toMatchObject(UNJUDGED);
    });

    test('a v1beta1 cancel is converted to v1 (matchPolicy Equivalent) and not judged; a v1beta1 change of its spec is', async () => {
      const old = { ...oldTaskRun(), apiVersion: 'tekton.dev/v1beta1' };
      const cancel = await update(old, (o) => { o.spec.status = 'TaskRunCancelled'; });
      expect(cancel).toMatchObject(UNJUDGED);
      expect(cancel.verdicts.filter((v) => v.matched).every((v) => v.converted)).toBe(true);
      expect((await update(old, (o) => { o.spec.timeout = '2h0m0s'; })).refused).toEqual(expect.arrayContaining([SECURITY_POLICY, SA_POLICY]));
    });

    test('the Tekton controller\'s update of labels and annotations (the Task\'s copied onto the run): not judged; the same labels added by anyone else: judged', async () => {
      const copy = (o: any) => {
        o.metadata.labels = { ...o.metadata.labels, 'tekton.dev/task': 'go-build', 'app.kubernetes.io/version': '0.9' };
        o.metadata.annotations = { ...o.metadata.annotations, 'tekton.dev/displayName': 'Go build' };
      };
      expect(await update(oldTaskRun(), copy, CONTROLLER)).toMatchObject(UNJUDGED);
      const byJane = await update(oldTaskRun(), copy);
      expect(byJane.refused).toEqual(expect.arrayContaining([SECURITY_POLICY, SA_POLICY]));
      // nor may the controller change or remove a label the run had
      expect((await update(oldTaskRun(), (o) => { o.metadata.labels['tekton.dev/pipelineTask'] = 'push'; }, CONTROLLER)).refused).toContain(SECURITY_POLICY);
      expect((await update(oldTaskRun(), (o) => { delete o.metadata.labels['tekton.dev/pipelineTask']; }, CONTROLLER)).refused).toContain(SECURITY_POLICY);
    });

    test.each<[string, (o: any) => void]>([
      ['a relaxation record added (with a cancel)', (o) => {
        o.spec.status = 'TaskRunCancelled';
        o.metadata.annotations['secure-tekton/relax.RUN_AS_NON_ROOT'] = '*: the image needs root to install packages';
      }],
      ['a relaxation record changed', (o) => { o.metadata.annotations['secure-tekton/relax.IMAGE_DIGEST'] = '*: the linter image is rebuilt daily upstream'; }],
      ['a relaxation record removed', (o) => { delete o.metadata.annotations['secure-tekton/relax.IMAGE_DIGEST']; }],
      ['an AppArmor profile annotation added (Tekton copies it to the pods of retries)',
        (o) => { o.metadata.annotations['container.apparmor.security.beta.kubernetes.io/step-build'] = 'unconfined'; }],
      ['another annotation changed', (o) => { o.metadata.annotations = { ...o.metadata.annotations }; o.metadata.annotations['secure-tekton/relax.IMAGE_DIGEST'] += ' '; }],
      ['a cancel with another change of the spec', (o) => { o.spec.status = 'TaskRunCancelled'; o.spec.taskSpec.steps[0].args = ['build']; }],
      ['a pending TaskRun started (TaskRunPending taken out)', (o) => { delete o.spec.status; }],
    ])('%s: judged in full, and refused', async (_, change) => {
      const old = oldTaskRun();
      if (_.startsWith('a pending')) old.spec.status = 'TaskRunPending';
      const u = await update(old, change);
      expect(u.judged).toEqual(specPolicies.filter((p) => selects(p, old)).map((p) => p.metadata.name));
      expect(u.refused).toEqual(expect.arrayContaining([SECURITY_POLICY, SA_POLICY]));
    });

    test('an annotation changed other than a record\'s (a note): judged; one added: judged, but Chains\', Results\', Pipelines-as-Code\'s and the controller\'s', async () => {
      const old = oldTaskRun();
      old.metadata.annotations.note = 'first';
      expect((await update(old, (o) => { o.metadata.annotations.note = 'second'; })).refused).toContain(SECURITY_POLICY);
      // Tekton copies a TaskRun's annotations onto the pods of its retries (pkg/pod/pod.go MakePod): a Multus network, a Vault agent
      // with the run's ServiceAccount's role, a sidecar injection turned off would reach the pods of a run the policies now refuse
      for (const [key, value] of [['reviewed', 'yes'], ['k8s.v1.cni.cncf.io/networks', 'host-macvlan'], ['vault.hashicorp.com/agent-inject', 'true'],
        ['sidecar.istio.io/inject', 'false'], ['tekton.dev/auto-cleanup-pvc', 'true'], ['chains.tekton.dev.example.com/x', 'y'], ['xchains.tekton.dev/signed', 'true']]) {
        const u = await update(old, (o) => { o.metadata.annotations[key] = value; });
        expect(u.judged).toEqual(specPolicies.filter((p) => selects(p, old)).map((p) => p.metadata.name));
        expect(u.refused).toEqual(expect.arrayContaining([SECURITY_POLICY, SA_POLICY]));
      }
      for (const [key, value] of [['chains.tekton.dev/signed', 'true'], ['results.tekton.dev/record', 'ci/results/1/records/2'],
        ['pipelinesascode.tekton.dev/log-url', 'https://console.example.com/ci/build-run-9mq4d'], ['kubectl.kubernetes.io/last-applied-configuration', '{}']]) {
        expect(await update(old, (o) => { o.metadata.annotations[key] = value; })).toMatchObject(UNJUDGED);
      }
      expect(await update(old, (o) => { o.metadata.annotations.reviewed = 'yes'; }, CONTROLLER)).toMatchObject(UNJUDGED);
      // nor may the controller add a relaxation record or a profile annotation
      expect((await update(old, (o) => { o.metadata.annotations['seccomp.security.alpha.kubernetes.io/pod'] = 'unconfined'; }, CONTROLLER)).refused)
        .toEqual(expect.arrayContaining([SECURITY_POLICY, SA_POLICY]));
    });

    test('a Task\'s label added (Tekton copies it onto the TaskRuns and pods of the Task): judged in full; one Tekton gives a pipeline task\'s pods is refused', async () => {
      const task = { ...clone(GO_BUILD), metadata: { ...clone(GO_BUILD).metadata, namespace: 'ci', uid: '3c1e', resourceVersion: '7' } };
      const forged = await update(task, (o) => { o.metadata.labels = { ...o.metadata.labels, 'tekton.dev/pipelineTask': 'deploy' }; });
      expect(forged.judged).toEqual(specPolicies.filter((p) => selects(p, task)).map((p) => p.metadata.name));
      expect(forged.judged).toContain(POD_POLICY);
      expect(forged.refused).toEqual([POD_POLICY]);
      expect((await update(task, (o) => { o.metadata.labels = { ...o.metadata.labels, team: 'build' }; })).refused).toEqual([]);
    });

    test.each<[string | undefined, string | undefined, boolean]>([
      [undefined, 'Cancelled', false],
      [undefined, 'CancelledRunFinally', false],
      [undefined, 'StoppedRunFinally', false],
      ['StoppedRunFinally', 'CancelledRunFinally', false],
      ['StoppedRunFinally', 'Cancelled', false],
      ['PipelineRunPending', 'Cancelled', false],
      // starting a pending run: in full, and so is stopping it gracefully (its finally tasks would run)
      ['PipelineRunPending', undefined, true],
      ['PipelineRunPending', 'CancelledRunFinally', true],
      ['PipelineRunPending', 'StoppedRunFinally', true],
      ['Cancelled', 'CancelledRunFinally', true],
      ['Cancelled', undefined, true],
    ])('a PipelineRun\'s spec.status %s -> %s: judged in full %s', async (from, to, judged) => {
      const old = oldPipelineRun(from);
      const u = await update(old, (o) => { if (to === undefined) delete o.spec.status; else o.spec.status = to; });
      if (judged) {
        expect(u.judged).toEqual(specPolicies.filter((p) => selects(p, old)).map((p) => p.metadata.name));
        expect(u.refused).toEqual(expect.arrayContaining([SECURITY_POLICY, SA_POLICY]));
      } else {
        expect(u).toMatchObject(UNJUDGED);
      }
    });

    test('an explicit null is the field left out: spec.status null before, Cancelled after; a null the CRD keeps unchanged', async () => {
      const old = oldPipelineRun();
      old.spec.status = null;
      old.spec.pipelineSpec.tasks[0].taskSpec.steps[0].env = null;
      expect(await update(old, (o) => { o.spec.status = 'Cancelled'; })).toMatchObject(UNJUDGED);
      // metadata.labels null (dropped with the ObjectMeta's nulls) and labels {} are alike
      const run = oldTaskRun();
      run.metadata.labels = null;
      expect(await update(run, (o) => { o.metadata.labels = {}; o.spec.status = 'TaskRunCancelled'; })).toMatchObject(UNJUDGED);
    });

    test('Tasks, Pipelines, StepActions, EventListeners: metadata alone not judged, a spec change judged; CREATE always judged (oldObject null)', async () => {
      const task = goBuild((t) => { t.spec.steps[0].securityContext.privileged = true; });
      expect(await update(task, (o) => { o.metadata.finalizers = ['example.com/keep']; })).toMatchObject(UNJUDGED);
      expect((await update(task, (o) => { o.spec.description = 'builds'; })).refused).toEqual([SECURITY_POLICY]);
      const listener = {
        apiVersion: 'triggers.tekton.dev/v1beta1',
        kind: 'EventListener',
        metadata: { name: 'el', namespace: 'ci' },
        spec: { serviceAccountName: 'el', triggers: [{ name: 'push', template: { ref: 'build' } }] },
      };
      expect(await update(listener, (o) => { o.metadata.ownerReferences = [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'x', uid: '1' }]; })).toMatchObject(UNJUDGED);
      expect((await update(listener, (o) => { o.spec.triggers[0].name = 'pull'; })).refused).toEqual([TRIGGERS_POLICY]);
      const create = await Promise.all([task, listener].map((o) => verdict(o.kind === 'Task' ? securityPolicy : defaults.policy(TRIGGERS_POLICY), { object: o, userInfo: { username: 'jane@example.com' } })));
      expect(create.map((v) => [v.matchConditions, v.allowed])).toEqual([[true, false], [true, false]]);
    });

    test('cost: the match condition on a cancel of a PipelineRun embedding 50 tasks of 10 steps stays far within the limits', async () => {
      const old = clone(EX.pipelineRun);
      delete old.spec.pipelineRef;
      old.spec.pipelineSpec = largePipeline(50, 10).spec;
      old.metadata.annotations = { ...old.metadata.annotations, 'secure-tekton/relax.IMAGE_DIGEST': '*: mirrored images reviewed weekly' };
      const u = await update(old, (o) => { o.spec.status = 'Cancelled'; });
      expect(u).toMatchObject(UNJUDGED);
      const matched = u.verdicts.filter((x) => x.matched);
      expect(matched).toHaveLength(9);
      for (const v of matched) {
        // only the match conditions were evaluated: nothing charged to the policy's budget
        expect(v.cost).toMatchObject({ total: 0 });
        expect(v.cost!.matchConditions).toBeGreaterThan(0);
        expect(v.cost!.max).toBeLessThan(PER_CALL_LIMIT / 50);
      }
    });
  });

  describe('cost: realistic objects stay far within the API server\'s budgets', () => {
    test('a Pipeline of 50 tasks of 10 steps, and a PipelineRun embedding it with per-task pod templates', async () => {
      const pipeline = largePipeline(50, 10);
      const run = clone(EX.pipelineRun);
      delete run.spec.pipelineRef;
      run.spec.pipelineSpec = pipeline.spec;
      const pod = run.spec.taskRunTemplate.podTemplate;
      run.spec.taskRunSpecs = pipeline.spec.tasks.map((t: any) => ({ pipelineTaskName: t.name, podTemplate: clone(pod) }));
      const costs: Record<string, { total: number; max: number }> = {};
      for (const obj of [pipeline, run]) {
        for (const p of all) {
          const v = await verdict(p, { object: obj });
          if (!v.matched) continue;
          expect(v.denials).toEqual([]);
          const c = v.cost!;
          expect(c.exceeded).toBeUndefined();
          // the injection policy works out each container's argv, the env vars that pass a caller's value on and the workspace paths
          // callers choose once, in one variable: about half the limit here (with a null read as the field left out), so about 950 such
          // steps (a 1.1 MB object) would reach it; the secrets policy reads each env entry, envFrom and volume of each (about a fifth)
          expect(c.max).toBeLessThan(p === injectionPolicy ? PER_CALL_LIMIT * 0.55 : p === secretsPolicy ? PER_CALL_LIMIT / 4 : PER_CALL_LIMIT / 5);
          // and in all, with the mount paths it reads (MOUNT_PATH_FIXED), about an eighth of the policy's budget (about 1,300,000 here, of which
          // about 31,600 the runners' package and code options, about 11,700 a runner's workingDir and the positional parameters of sh -c, about
          // 28,700 the envFrom entries and output files: each validation walks the 500 containers, one variable holding every level)
          expect(c.total).toBeLessThan(p === injectionPolicy ? RUNTIME_CEL_COST_BUDGET * 0.135 : RUNTIME_CEL_COST_BUDGET / 20);
          costs[`${obj.kind} ${p.metadata.name}`] = { total: c.total, max: c.max };
        }
      }
      // the run pod templates policy reads a Pipeline's labels and embedded task specs' (secure-tekton/pipeline)
      expect(Object.keys(costs)).toHaveLength(7 + 9);
    });

    test('a Pipeline of 50 tasks, each fetched pinned through the git, bundles or hub resolver, with the loosening, and 2 levels of pipelineSpecs', async () => {
      const refs = [
        { resolver: 'git', params: ['url', 'revision', 'pathInRepo', 'repo', 'serverURL', 'scmType', 'configKey'].map((name) => ({ name, value: name === 'revision' ? 'a'.repeat(40) : `https://example.com/${name}` })) },
        { resolver: 'bundles', params: [{ name: 'bundle', value: `registry.example.com/tasks@sha256:${'b'.repeat(64)}` }, { name: 'name', value: 'build' }, { name: 'kind', value: 'task' }] },
        { resolver: 'hub', params: ['name', 'kind', 'catalog', 'url'].map((name) => ({ name, value: name })).concat([{ name: 'version', value: '0.9.0' }, { name: 'type', value: 'tekton' }]) },
      ];
      const tasks = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `t${i}`, taskRef: clone(refs[i % 3]) }));
      const pipeline = {
        apiVersion: 'tekton.dev/v1',
        kind: 'Pipeline',
        metadata: { name: 'many', namespace: 'ci' },
        spec: { tasks: [...tasks(50), { name: 'nested', pipelineSpec: { tasks: [...tasks(10), { name: 'deeper', pipelineSpec: { tasks: tasks(10) } }] } }], finally: tasks(5) },
      };
      const v = await verdict(pinnedRemotePolicy, { object: pipeline });
      expect(v.denials).toEqual([]);
      expect(v.cost!.max).toBeLessThan(PER_CALL_LIMIT / 20);
      expect(v.cost!.total).toBeLessThan(RUNTIME_CEL_COST_BUDGET / 100);
    });

    test('the secrets policy where every step of that Pipeline holds a Secret in env (it then reads every argument and env value)', async () => {
      const pipeline = largePipeline(50, 10);
      for (const t of pipeline.spec.tasks) {
        for (const s of t.taskSpec.steps) s.env = [...(s.env ?? []), { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'x', key: 'y' } } }];
      }
      const v = await verdict(secretsPolicy, { object: pipeline });
      expect(v.matched).toBe(true);
      expect(v.cost!.exceeded).toBeUndefined();
      expect(v.cost!.max).toBeLessThan(PER_CALL_LIMIT / 2);
      expect(v.cost!.total).toBeLessThan(RUNTIME_CEL_COST_BUDGET / 10);
    });

    test("the injection policy where every step of that Pipeline fills env vars from a run's label (it then reads where each $(NAME) reaches)", async () => {
      const pipeline = largePipeline(50, 10);
      const labelled = (name: string) => ({ name, valueFrom: { fieldRef: { fieldPath: `metadata.labels['${name.toLowerCase()}']` } } });
      for (const t of pipeline.spec.tasks) {
        t.taskSpec.steps.forEach((s: any, j: number) => {
          s.env = [...(s.env ?? []), labelled('TOOL'), labelled('MODE'), { name: 'COPY', value: 'v-$(MODE)' }];
          // one step in five runs an interpreter whose arguments are data (after an operand), where each label's $(NAME) is read
          if (j % 5 === 4) {
            delete s.script;
            s.command = ['python3', '-u', 'build.py', '--tool=$(TOOL)', '$(COPY)'];
          }
        });
      }
      const v = await verdict(injectionPolicy, { object: pipeline });
      expect(v.denials).toEqual([]);
      expect(v.cost!.exceeded).toBeUndefined();
      // the label validation (the 13th) reads the env only where an element it reads holds a `$(`: about 170,000 here; the walk that
      // works out each container (about 755,000: three more env vars a step, each entry's name and value checked for null) and
      // ARGUMENT_INJECTION's reading of labels (about 770,000 here) cost most, about 2,550,000 in all (each of the fifteen validations
      // walks the 500 containers: at least about 30,000 each), about a quarter of the policy's budget
      const last = v.cost!.expressions.find((e) => e.field === 'spec.validations[12].expression')!;
      expect(last.cost).toBeLessThan(PER_CALL_LIMIT / 4);
      expect(v.cost!.max).toBeLessThan(PER_CALL_LIMIT * 0.8);
      expect(v.cost!.total).toBeLessThan(RUNTIME_CEL_COST_BUDGET * 0.3);
    });

    test('the positional parameters of sh -c read by position: 200 steps passing a caller\'s value to the program "$@" runs', async () => {
      const pipeline = largePipeline(20, 10);
      const code = 'set -eu; echo "starting the build of the project in the workspace"; cd /workspace/source; exec "$@"';
      for (const t of pipeline.spec.tasks) {
        for (const s of t.taskSpec.steps) {
          delete s.script;
          s.command = ['sh', '-c', code, 'sh', 'tool', '--name', '$(params.revision)', '--out', '$(params.revision)-out'];
        }
      }
      const v = await verdict(injectionPolicy, { object: pipeline });
      expect(v.denials).toEqual([]);
      expect(v.cost!.exceeded).toBeUndefined();
      // the parts of each code that run positional parameters are found once per step (findAll), each ARG then read in them: about
      // 362,000 here (about 1,800 a step; validation 16, the positional refusal's), about 1,630,000 the whole policy
      const positional = v.cost!.expressions.find((e) => e.field === 'spec.validations[16].expression')!;
      expect(positional.cost).toBeLessThan(PER_CALL_LIMIT * 0.45);
      expect(v.cost!.total).toBeLessThan(RUNTIME_CEL_COST_BUDGET * 0.2);
    });

    test('the bound that ordinary scripts reach: about 550 KB of shell holding a command substitution $(…) a line, in one object', async () => {
      // the injection policy reads each script's substitutions ($(…), the shell's own included) to find Tekton's
      const line = 'VERSION="$(git describe --tags --always)"; echo "building version ${VERSION} for ${TARGET}" >> /tmp/log\n';
      const sized = (kb: number) => goBuild((t) => {
        const steps = 4;
        const lines = Math.round((kb * 1000) / steps / line.length);
        t.spec.steps = Array.from({ length: steps }, (_, i) => ({ ...clone(t.spec.steps[0]), name: `s${i}`, script: `#!/bin/bash\nset -eu\n${line.repeat(lines)}` }));
      });
      const [below, beyond] = [500, 650].map(sized);
      expect([JSON.stringify(below).length, JSON.stringify(beyond).length].map((n) => Math.round(n / 50_000) * 50)).toEqual([550, 700]);
      const admitted = await verdict(injectionPolicy, { object: below });
      expect(admitted).toMatchObject({ allowed: true, denials: [] });
      expect(admitted.cost!.max).toBeGreaterThan(PER_CALL_LIMIT * 0.75);
      const over = await verdict(injectionPolicy, { object: beyond }, { allowErrors: true });
      expect(over.allowed).toBe(false);
      expect(over.denials[0]).toMatchObject({ validation: 0, evaluation: 'error' });
    });

    test('an object beyond the per-expression limit is refused with an evaluation error, never admitted', async () => {
      const pipeline = largePipeline(50, 10);
      const line = 'echo "$(workspaces.source.path)/$(results.out.path)" "$(date)"\n';
      for (const t of pipeline.spec.tasks) for (const s of t.taskSpec.steps) s.script = `#!/bin/sh\n${line.repeat(40)}`;
      const v = await verdict(injectionPolicy, { object: pipeline }, { allowErrors: true });
      expect(v.allowed).toBe(false);
      expect(v.denials[0]).toMatchObject({ validation: 0, evaluation: 'error' });
      expect(v.denials[0].message).toMatch(/cost limit exceeded|out of budget|cost budget/);
    });
  });

  test('malformed objects (no spec, empty lists) are decided without a CEL error', async () => {
    const noSpec = { apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: 'x' } };
    expect(await refused(noSpec, [imagePolicy, securityPolicy])).toEqual([]);
    expect(await refused({ ...noSpec, kind: 'TaskRun' })).toEqual(['RUN_SERVICE_ACCOUNT']);
    expect(await refused({ ...noSpec, kind: 'PipelineRun' })).toEqual(['RUN_SERVICE_ACCOUNT']);
    expect(await refused({ ...noSpec, kind: 'Pipeline', spec: { tasks: [] } })).toEqual([]);
    expect(await refused({ ...noSpec, kind: 'Task', spec: { steps: [] } })).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Tekton Triggers: EventListeners and Triggers (TRIGGERS_AUTHENTICATED)
// ---------------------------------------------------------------------------------------------

const WEBHOOK_SECRET = { secretName: 'github-webhook', secretKey: 'token' };
const secretRef = (value: any = WEBHOOK_SECRET, name = 'secretRef') => ({ name, value });
const verifier = (name: string, params: any[] = [secretRef()], ref: any = {}) => ({ ref: { name, ...ref }, params });
const CEL_FILTER = { ref: { name: 'cel' }, params: [{ name: 'filter', value: "header.match('X-GitHub-Event', 'push')" }] };
const eventListener = (triggers: any[], apiVersion = 'triggers.tekton.dev/v1beta1') => ({
  apiVersion, kind: 'EventListener', metadata: { name: 'ci', namespace: 'ci' }, spec: { serviceAccountName: 'listener', triggers },
});
const inlineTrigger = (interceptors?: any[], name: string | null = 'push') => ({
  ...(name !== null ? { name } : {}), ...(interceptors !== undefined ? { interceptors } : {}), bindings: [{ ref: 'push' }], template: { ref: 'build' },
});
const triggerObject = (interceptors?: any[], apiVersion = 'triggers.tekton.dev/v1beta1') => ({
  apiVersion,
  kind: 'Trigger',
  metadata: { name: 'push', namespace: 'ci' },
  spec: { ...(interceptors !== undefined ? { interceptors } : {}), bindings: [{ ref: 'push' }], template: { ref: 'build' } },
});
/** A cel interceptor with `filter` (and more params), and a filter that compares a header with a Secret. */
const celWith = (filter: unknown, more: any[] = []) => ({ ref: { name: 'cel' }, params: [{ name: 'filter', value: filter }, ...more] });
const COMPARE = "header.canonical('X-Token').compareSecret('token', 'webhook')";
const TRIGGERS_FIX = "Add the interceptor of the events' source with the webhook secret, e.g. interceptors: [{ ref: { name: 'github' }, params: "
  + "[{ name: 'secretRef', value: { secretName: '<Secret>', secretKey: '<key>' } }] }] (gitlab and bitbucket take the same secretRef)";
const UNAUTHENTICATED = 'no interceptor checks who sent the event (a github, gitlab or bitbucket ClusterInterceptor, not a webhook, given a secretRef param'
  + " whose secretName and secretKey are strings that are not empty, or a cel one whose filter requires header.canonical('<header>')"
  + ".compareSecret('<key>', '<Secret>')), so anyone who can reach the EventListener starts its runs with a body and"
  + ' params of their choosing [TRIGGERS_AUTHENTICATED]. ' + TRIGGERS_FIX;
const RELAX_TRIGGERS = ', or record a relaxation: annotation secure-tekton/relax.TRIGGERS_AUTHENTICATED: "*: <why, at least 10 characters>"';
/** The refusal of an EventListener, naming its failing triggers as `<where> (spec.triggers[<i>].interceptors: <names>)`. */
const listenerRefusal = (triggers: string, relax = '') => `EventListener 'ci' ${triggers}: ${UNAUTHENTICATED}${relax}.`;
const triggerRefusal = (interceptors: string, relax = '') => `Trigger 'push' (spec.interceptors: ${interceptors}): ${UNAUTHENTICATED}${relax}.`;
const CRASHING_GROUP = "holds a null interceptor entry, which Triggers' webhooks admit and on which the EventListener's sink process crashes, so anyone who"
  + ' can reach the EventListener stops it with one request unless an interceptor before the entry checks who sent the event [TRIGGERS_AUTHENTICATED].'
  + " Remove the null entry from the trigger group's interceptors (or write it as the interceptor it is meant to be, { ref: { name: <interceptor> } }),"
  + ' and run the interceptor that checks the sender first';
const FOREIGN_NAMESPACES = "lists the Triggers of every namespace (matchNames exactly ['*']) or of a namespace these policies are not bound to"
  + " (they are bound to ci), whose Triggers no policy checks: Triggers' sink runs each with the EventListener's own ServiceAccount (or the one the"
  + " Trigger names), creating what the Trigger's template says where it says, so whoever may write a Trigger there starts runs with these"
  + ' credentials, with interceptors of their choosing or none [TRIGGERS_AUTHENTICATED]. List only namespaces these policies are bound to'
  + " (namespaceSelector: {matchNames: [ci]}), or leave namespaceSelector out and pick this namespace's Triggers with a labelSelector; a namespace"
  + ' whose Triggers it must run gets an EventListener of its own';
/** The refusal of an EventListener whose trigger groups `groups` hold a null interceptor entry. */
const groupRefusal = (groups: string, relax = '') => `EventListener 'ci' ${groups}: ${CRASHING_GROUP}${relax}.`;

describe('TektonAdmissionPolicies: the triggers-authenticated policy (objects)', () => {
  const { policy, binding } = policies();
  const triggers = policy(TRIGGERS_POLICY);

  test('CREATE and UPDATE of triggers.tekton.dev EventListeners and Triggers at v1beta1 and v1alpha1 (Triggers declares no conversion), bound as the others', () => {
    const rule = (version: string) => ({
      apiGroups: ['triggers.tekton.dev'], apiVersions: [version], operations: ['CREATE', 'UPDATE'], resources: ['eventlisteners', 'triggers'], scope: 'Namespaced',
    });
    expect(triggers.spec.failurePolicy).toBe('Fail');
    expect(triggers.spec.matchConstraints).toEqual({ matchPolicy: 'Equivalent', resourceRules: [rule('v1beta1'), rule('v1alpha1')] });
    expect(binding(TRIGGERS_POLICY).spec.matchResources.namespaceSelector.matchExpressions[0].values).toEqual(['ci']);
  });

  test('static messages (the fallback of the messageExpressions that name the object), with the relaxation only where honoured', () => {
    expect(triggers.spec.validations.map((v: any) => v.message)).toEqual([
      `An inline trigger of an EventListener (spec.triggers[] with a template): ${UNAUTHENTICATED}.`,
      `A Trigger (spec.interceptors): ${UNAUTHENTICATED}.`,
      `A trigger group of an EventListener (spec.triggerGroups[].interceptors): ${CRASHING_GROUP}.`,
      `An EventListener (spec.namespaceSelector, spec.triggerGroups[].triggerSelector.namespaceSelector): ${FOREIGN_NAMESPACES}.`,
    ]);
    const honouring = policies({ honouredRelaxations: [RuleId.TRIGGERS_AUTHENTICATED] }).policy(TRIGGERS_POLICY);
    expect(honouring.spec.validations[1].message).toBe(`A Trigger (spec.interceptors): ${UNAUTHENTICATED}${RELAX_TRIGGERS}.`);
    for (const v of triggers.spec.validations) {
      expect(v.reason).toBe('Invalid');
      expect(v.messageExpression).toMatch(/^"(EventListener|Trigger) '" \+ /);
    }
  });

  test('a record of TRIGGERS_AUTHENTICATED is read only when honouredRelaxations lists it: whoever writes the object writes the record', () => {
    expect(policies().p.honouredRelaxations).not.toContain(RuleId.TRIGGERS_AUTHENTICATED);
    expect(triggers.spec.variables.map((v: any) => v.name)).toEqual(['v1alpha1']);
    const honouring = policies({ honouredRelaxations: [RuleId.TRIGGERS_AUTHENTICATED] });
    expect(honouring.p.honouredRelaxations).toEqual([RuleId.TRIGGERS_AUTHENTICATED]);
    expect(honouring.policy(TRIGGERS_POLICY).spec.variables.map((v: any) => v.name)).toEqual(['v1alpha1', 'relaxedTriggersAuthenticated']);
  });
});

describeWithVapEval('TektonAdmissionPolicies: the triggers-authenticated policy (the API server\'s evaluation)', () => {
  const triggersEvaluator = new VapEvaluator();
  beforeAll(() => triggersEvaluator.start());
  afterAll(() => triggersEvaluator.stop());

  const triggersPolicy = policies().policy(TRIGGERS_POLICY);
  const honouringPolicy = policies({ honouredRelaxations: [RuleId.TRIGGERS_AUTHENTICATED] }).policy(TRIGGERS_POLICY);

  /** The verdicts of `policy` on a CREATE of each object (one vap-eval case), failing on any evaluation error. */
  async function verdicts(objects: any[], policy: any = triggersPolicy): Promise<PolicyVerdict[]> {
    const result = await triggersEvaluator.evaluate({
      policies: [policy], requests: objects.map((object) => ({ namespaceName: 'ci', object, userInfo: { username: 'jane@example.com' } })),
    });
    expect(result.policies[0].compileErrors).toEqual([]);
    return result.requests.map((r) => {
      const v = r.verdicts[0];
      expect(v.matched).toBe(true);
      expect(v.denials.filter((d) => d.evaluation === 'error')).toEqual([]);
      return v;
    });
  }
  const refusals = async (object: any, policy?: any) => (await verdicts([object], policy))[0].denials.map((d) => d.message);

  test.each<[string, any]>([
    ['github with a secretRef', verifier('github')],
    ['gitlab with a secretRef', verifier('gitlab')],
    ['bitbucket with a secretRef', verifier('bitbucket')],
    ['github with kind ClusterInterceptor written', verifier('github', undefined, { kind: 'ClusterInterceptor' })],
    ['github with an empty kind (defaulted to ClusterInterceptor)', verifier('github', undefined, { kind: '' })],
    ['the param and keys spelled otherwise, as Go reads them', verifier('github', [secretRef({ SecretName: 'w', SECRETKEY: 'k' }, 'SECRETREF')])],
    ['ſ and the Kelvin sign, which Go folds to s and k', verifier('gitlab', [secretRef({ ſecretName: 'w', secret\u212aey: 'k' }, '\u017fecretRef')])],
    ['two spellings, both valid', verifier('github', [secretRef(), secretRef(WEBHOOK_SECRET, 'secretref')])],
  ])('admitted: %s, in an EventListener (before or after a CEL filter) and a Trigger', async (_, interceptor) => {
    const objects = [eventListener([inlineTrigger([interceptor, CEL_FILTER]), inlineTrigger([CEL_FILTER, interceptor], 'second')]), triggerObject([CEL_FILTER, interceptor])];
    for (const v of await verdicts(objects)) expect(v.denials).toEqual([]);
    for (const o of objects) expect(TRIGGERS_AUTHENTICATED.check(o)).toEqual([]);
  });

  test("admitted: v1alpha1's deprecated github, gitlab and bitbucket fields (defaulting turns them into the reference); not at v1beta1", async () => {
    for (const d of ['github', 'gitlab', 'bitbucket']) {
      const entry = { [d]: { secretRef: WEBHOOK_SECRET, eventTypes: ['push'] } };
      expect(await refusals(triggerObject([entry], 'triggers.tekton.dev/v1alpha1'))).toEqual([]);
      expect(await refusals(eventListener([inlineTrigger([entry])], 'triggers.tekton.dev/v1alpha1'))).toEqual([]);
      expect(await refusals(triggerObject([entry]))).toEqual([triggerRefusal('(unnamed)')]);
    }
    // a ref.name wins over the deprecated fields; the first one set (bitbucket, cel, github, gitlab) is the one defaulting keeps
    expect(await refusals(triggerObject([{ ref: { name: 'cel' }, github: { secretRef: WEBHOOK_SECRET } }], 'triggers.tekton.dev/v1alpha1')))
      .toEqual([triggerRefusal('cel')]);
    expect(await refusals(triggerObject([{ cel: { filter: 'true' }, github: { secretRef: WEBHOOK_SECRET } }], 'triggers.tekton.dev/v1alpha1')))
      .toEqual([triggerRefusal('cel')]);
    expect(await refusals(triggerObject([{ github: { secretRef: null } }], 'triggers.tekton.dev/v1alpha1'))).toEqual([triggerRefusal('github')]);
  });

  test.each<[string, any[] | undefined, string]>([
    ['no interceptors', undefined, '(none)'],
    ['an empty list', [], '(none)'],
    ['a CEL filter only (a sender writes any header)', [CEL_FILTER], 'cel'],
    ['slack, which checks no signature', [verifier('slack')], 'slack'],
    ['a NamespacedInterceptor named github', [verifier('github', undefined, { kind: 'NamespacedInterceptor' })], 'github (NamespacedInterceptor)'],
    ['a webhook entry (the sink sends it to its Service)', [{ ...verifier('github'), webhook: { objectRef: { kind: 'Service', name: 'check', apiVersion: 'v1' } } }], 'webhook'],
    ['github without a secretRef (it then checks nothing)', [verifier('github', [])], 'github'],
    ['github with an empty secretName', [verifier('github', [secretRef({ secretName: '', secretKey: 'token' })])], 'github'],
    ['github without a secretKey', [verifier('github', [secretRef({ secretName: 'github-webhook' })])], 'github'],
    ['a second spelling, null', [verifier('github', [secretRef(), secretRef(null, 'secretref')])], 'github'],
    ['a second spelling of a key, empty', [verifier('github', [secretRef({ ...WEBHOOK_SECRET, SecretKey: '' })])], 'github'],
    ['a secretRef that is a string', [verifier('github', [secretRef('github-webhook')])], 'github'],
    ['a secretRef param without a value', [verifier('github', [{ name: 'secretRef' }])], 'github'],
    ['a secretName that is not a string', [verifier('bitbucket', [secretRef({ secretName: 7, secretKey: 'token' })])], 'bitbucket'],
    ['an entry without a ref', [{ params: [secretRef()] }], '(unnamed)'],
  ])('refused: %s, naming the object and its interceptors', async (_, interceptors, named) => {
    expect(await refusals(eventListener([inlineTrigger(interceptors)]))).toEqual([listenerRefusal(`trigger 'push' (spec.triggers[0].interceptors: ${named})`)]);
    expect(await refusals(triggerObject(interceptors))).toEqual([triggerRefusal(named)]);
    expect(TRIGGERS_AUTHENTICATED.check(triggerObject(interceptors))).toHaveLength(1);
  });

  test('a cel filter that requires a header to equal a Secret checks the sender (v1beta1, and v1alpha1\'s deprecated field); one that only mentions compareSecret does not', async () => {
    for (const filter of [COMPARE, `header.match('X-GitHub-Event', 'push') && ${COMPARE} && body.labels.exists(l, l.name in ['ok'])`]) {
      expect(await refusals(eventListener([inlineTrigger([celWith(filter)])]))).toEqual([]);
      expect(await refusals(triggerObject([CEL_FILTER, celWith(filter)]))).toEqual([]);
      expect(await refusals(triggerObject([{ cel: { filter } }], 'triggers.tekton.dev/v1alpha1'))).toEqual([]);
      expect(await refusals(triggerObject([{ cel: { filter } }]))).toEqual([triggerRefusal('(unnamed)')]);
    }
    for (const filter of [`!(${COMPARE})`, `body.ok || ${COMPARE}`, `body.x ? ${COMPARE} : true`, `"a" != " && ${COMPARE} && "`, `${COMPARE} == false`]) {
      expect(await refusals(triggerObject([celWith(filter)]))).toEqual([triggerRefusal('cel')]);
      expect(TRIGGERS_AUTHENTICATED.check(triggerObject([celWith(filter)]))).toHaveLength(1);
    }
  });

  test('cost: cel filters that compare a secret cost about 25 per character; 100 triggers with filters of 200 characters stay within the budgets, filters of 1,000 do not and are refused', async () => {
    const filterOf = (size: number) => `${COMPARE} && body.ref != '${'r'.repeat(size - COMPARE.length - 18)}'`;
    expect(filterOf(200)).toHaveLength(200);
    const listener = (size: number) => eventListener(Array.from({ length: 100 }, (_, i) => inlineTrigger([celWith(filterOf(size))], `t${i}`)));
    const [within] = await verdicts([listener(200)]);
    expect(TRIGGERS_AUTHENTICATED.check(listener(200))).toEqual([]);
    expect(within.denials).toEqual([]);
    expect(within.cost!.exceeded).toBeUndefined();
    // about 520,000
    expect(within.cost!.max).toBeLessThan(PER_CALL_LIMIT * 0.6);
    expect(within.cost!.total).toBeLessThan(RUNTIME_CEL_COST_BUDGET / 10);
    // the catalogue credits them; the API server stops the evaluation, and its failure policy refuses the object
    expect(TRIGGERS_AUTHENTICATED.check(listener(1000))).toEqual([]);
    const beyond = await triggersEvaluator.evaluate({
      policies: [triggersPolicy], requests: [{ namespaceName: 'ci', object: listener(1000), userInfo: { username: 'jane@example.com' } }],
    });
    expect(beyond.requests[0].verdicts[0].denials.map((d) => [d.evaluation, /actual cost limit exceeded/.test(d.message)])).toEqual([['error', true]]);
  });

  test('an EventListener: every inline trigger is judged, one without a name by its index; one with a triggerRef only runs that Trigger (judged itself)', async () => {
    const listener = eventListener([
      { name: 'ref-only', triggerRef: 'push' },
      inlineTrigger([verifier('github')], 'signed'),
      inlineTrigger([CEL_FILTER], null),
      inlineTrigger([verifier('slack'), CEL_FILTER], 'chat'),
    ]);
    expect(await refusals(listener)).toEqual([listenerRefusal("spec.triggers[2] (spec.triggers[2].interceptors: cel), trigger 'chat' (spec.triggers[3].interceptors: slack, cel)")]);
    expect(await refusals(eventListener([{ name: 'ref-only', triggerRef: 'push', template: null }]))).toEqual([]);
    expect(await refusals(eventListener([]))).toEqual([]);
    expect(await refusals({ ...eventListener([]), spec: undefined })).toEqual([]);
    expect(await refusals({ ...triggerObject([]), spec: undefined })).toEqual([triggerRefusal('(none)')]);
  });

  test("a trigger group whose interceptors hold a null entry, wherever it is (the sink's process crashes on it), is refused, naming the groups; the catalogue finds it unless an interceptor that checks the sender comes first", async () => {
    const selector = { labelSelector: { matchLabels: { app: 'ci' } } };
    const grouped = (groups: any[]) => ({ ...eventListener([]), spec: { serviceAccountName: 'listener', triggerGroups: groups } });
    const first = grouped([{ name: 'push', interceptors: [null, verifier('github')], triggerSelector: selector }]);
    expect(await refusals(first)).toEqual([groupRefusal("trigger group 'push'")]);
    expect(TRIGGERS_AUTHENTICATED.check(first)).toHaveLength(1);
    const after = grouped([{ name: 'push', interceptors: [verifier('github'), null], triggerSelector: selector }]);
    // stricter than the catalogue, whose finding on it is TRIGGERS_RUNNABLE's
    expect(await refusals(after)).toEqual([groupRefusal("trigger group 'push'")]);
    expect(TRIGGERS_AUTHENTICATED.check(after)).toEqual([]);
    const both = grouped([{ interceptors: [CEL_FILTER, null], triggerSelector: selector }, { name: 'ok', interceptors: [verifier('github')], triggerSelector: selector },
      { name: 'pr', interceptors: [null], triggerSelector: selector }, null, { name: 'odd', interceptors: 'github' }]);
    expect(await refusals(both)).toEqual([groupRefusal("spec.triggerGroups[0], trigger group 'pr'")]);
    expect(TRIGGERS_AUTHENTICATED.check(both)).toHaveLength(2);
    for (const ok of [grouped([{ name: 'ok', interceptors: [verifier('github'), CEL_FILTER], triggerSelector: selector }]), grouped([]), grouped(null as any)]) {
      expect(await refusals(ok)).toEqual([]);
      expect(TRIGGERS_AUTHENTICATED.check(ok)).toEqual([]);
    }
    const recorded = withAnnotation(first, RuleId.TRIGGERS_AUTHENTICATED, '*: the listener is reachable from the CI namespace only');
    expect(await refusals(recorded)).toEqual([groupRefusal("trigger group 'push'")]);
    expect(await refusals(recorded, honouringPolicy)).toEqual([]);
    expect(await refusals(first, honouringPolicy)).toEqual([groupRefusal("trigger group 'push'", RELAX_TRIGGERS)]);
  });

  test('a record of TRIGGERS_AUTHENTICATED for the whole object exempts it only when honouredRelaxations lists it; a targeted one never', async () => {
    for (const o of [eventListener([inlineTrigger([CEL_FILTER])]), triggerObject([CEL_FILTER])]) {
      const recorded = withAnnotation(o, RuleId.TRIGGERS_AUTHENTICATED, '*: the webhook interceptor check-signature verifies the HMAC');
      expect(await refusals(recorded)).toHaveLength(1);
      expect(await refusals(recorded, honouringPolicy)).toEqual([]);
      expect(await refusals(withAnnotation(o, RuleId.TRIGGERS_AUTHENTICATED, 'trigger/push: the webhook interceptor verifies it'), honouringPolicy))
        .toHaveLength(1);
      expect(await refusals(o, honouringPolicy)).toEqual([o.kind === 'Trigger'
        ? triggerRefusal('cel', RELAX_TRIGGERS) : listenerRefusal("trigger 'push' (spec.triggers[0].interceptors: cel)", RELAX_TRIGGERS)]);
    }
  });

  /**
   * Interceptor entries the catalogue tells apart: each verifier with and without a valid secretRef, every way a secretRef,
   * its param name or its keys can be spelled, written wrong or given twice, the kinds, webhook entries, v1alpha1's deprecated
   * fields, and entries that are not what they look like.
   */
  const ENTRIES: any[] = [
    verifier('github'), verifier('gitlab'), verifier('bitbucket'), verifier('slack'), CEL_FILTER,
    { ref: { name: 'github' } }, verifier('github', []), verifier('github', [secretRef(null)]), verifier('github', [secretRef('github-webhook')]),
    verifier('github', [secretRef({ secretName: '', secretKey: 'token' })]), verifier('gitlab', [secretRef({ secretName: 'github-webhook' })]),
    verifier('github', [secretRef({ SecretName: 'w', secretkey: 'k' }, 'SECRETREF')]),
    verifier('bitbucket', [secretRef({ ſecretName: 'w', secretKey: 'k' }, '\u017fecretRef')]),
    verifier('github', [secretRef({ secretName: 'w', SECRETKEY: 'k' })]), verifier('gitlab', [secretRef({ secretName: 'w', secretKey: '' })]),
    verifier('github', [secretRef(), secretRef(null, 'secretref')]), verifier('github', [secretRef(), secretRef(WEBHOOK_SECRET, 'SecretRef')]),
    verifier('github', [secretRef({ ...WEBHOOK_SECRET, SecretKey: '' })]), verifier('github', [secretRef({ ...WEBHOOK_SECRET, SECRETNAME: null })]),
    verifier('github', [secretRef({ secretName: 7, secretKey: 'token' })]), verifier('github', [{ name: 'secretRef' }]),
    verifier('github', ['secretRef', { name: 7, value: WEBHOOK_SECRET }, secretRef()]), verifier('github', [secretRef(), { value: null }]),
    verifier('github', undefined, { kind: 'ClusterInterceptor' }), verifier('github', undefined, { kind: 'NamespacedInterceptor' }),
    verifier('github', undefined, { kind: '' }), verifier('github', undefined, { kind: null }), verifier('github', undefined, { kind: 'clusterinterceptor' }),
    { ...verifier('github'), webhook: { objectRef: { kind: 'Service', name: 'check', apiVersion: 'v1' } } }, { ...verifier('gitlab'), webhook: null },
    { github: { secretRef: WEBHOOK_SECRET } }, { gitlab: { SecretRef: WEBHOOK_SECRET } }, { bitbucket: {} }, { github: { secretRef: { secretName: 'w' } } },
    { cel: { filter: 'true' }, github: { secretRef: WEBHOOK_SECRET } }, { github: null, bitbucket: { secretRef: WEBHOOK_SECRET } },
    { ref: { kind: 'NamespacedInterceptor' }, github: { secretRef: WEBHOOK_SECRET } }, { ref: { name: '' }, gitlab: { secretRef: WEBHOOK_SECRET } },
    { ref: { name: 'cel' }, github: { secretRef: WEBHOOK_SECRET } }, { github: { secretRef: WEBHOOK_SECRET, SECRETREF: '' } },
    { ref: { name: 7 }, params: [secretRef()] }, { ref: 'github', params: [secretRef()] }, { Ref: { name: 'github' }, params: [secretRef()] },
    { ref: { name: 'github' }, params: { name: 'secretRef', value: WEBHOOK_SECRET } }, 'github', null,
    // cel filters that compare a header with a Secret, and ones that only look as if they did
    celWith(COMPARE), celWith(`body.action in ['opened'] && ${COMPARE} && body.a.exists(x, [x].size() > 0)`), celWith(`!(${COMPARE})`),
    celWith(`true || ${COMPARE}`), celWith(`"a" != " && ${COMPARE} && "`), celWith(`''' ' && ${COMPARE} && ' ''' != ''`),
    celWith(`true // && ${COMPARE}`), celWith(COMPARE, [{ name: 'Filter', value: 'true' }]), celWith(7), { ref: { name: 'cel' }, params: [{ name: 'filter' }] },
    { ...celWith(COMPARE), ref: { name: 'cel', kind: 'NamespacedInterceptor' } }, { cel: { filter: COMPARE } }, { cel: { FILTER: COMPARE, filter: 'true' } },
    // CEL's size counts code points: 4,073 of them (8,073 UTF-16 units) are read, 4,103 are not
    celWith(`${COMPARE} && '${'\u{1F600}'.repeat(4000)}' != ''`), celWith(`${COMPARE} && '${'\u{1F600}'.repeat(4030)}' != ''`),
  ];

  test.each([
    ['EventListener', 'triggers.tekton.dev/v1beta1'], ['EventListener', 'triggers.tekton.dev/v1alpha1'],
    ['Trigger', 'triggers.tekton.dev/v1beta1'], ['Trigger', 'triggers.tekton.dev/v1alpha1'],
  ])('differential: every list of up to two of those interceptors, in %s objects (%s; an EventListener\'s inline trigger): the policy refuses exactly what the catalogue finds, naming the interceptors as it does', async (kind, apiVersion) => {
    const lists: any[][] = [[], ...ENTRIES.map((e) => [e]), ...ENTRIES.flatMap((a) => ENTRIES.map((b) => [a, b]))];
    const objects = lists.map((l) => (kind === 'Trigger' ? triggerObject(l, apiVersion) : eventListener([inlineTrigger(l)], apiVersion)));
    const results = await verdicts(objects);
    let refused = 0;
    objects.forEach((o, i) => {
      const findings = TRIGGERS_AUTHENTICATED.check(o);
      // the policy names the trigger's interceptors, as the catalogue's finding at them does (one at a filter or secretRef names that value)
      const named = interceptorsNamed(lists[i], apiVersion === 'triggers.tekton.dev/v1alpha1');
      const expected = findings.map(() => (kind === 'Trigger' ? triggerRefusal(named) : listenerRefusal(`trigger 'push' (spec.triggers[0].interceptors: ${named})`)));
      // a finding at the interceptors names them as the policy does
      for (const f of findings) if (/interceptors$/.test(f.property!)) expect(f.value).toBe(named);
      expect({ interceptors: lists[i], refusals: results[i].denials.map((d) => d.message) }).toEqual({ interceptors: lists[i], refusals: expected });
      if (findings.length > 0) refused++;
    });
    // both verdicts occur, many times each
    expect(refused).toBeGreaterThan(lists.length / 4);
    expect(lists.length - refused).toBeGreaterThan(lists.length / 10);
  });

  test('cost: an EventListener of 100 inline triggers of 5 interceptors each, refused for its last, stays far within the budgets', async () => {
    const interceptors = [CEL_FILTER, verifier('slack'), { ...verifier('github'), webhook: { objectRef: { kind: 'Service', name: 'check' } } },
      verifier('gitlab', [secretRef({ secretName: 'w' })]), verifier('github', [secretRef(), secretRef(WEBHOOK_SECRET, 'SecretRef')])];
    const triggers = Array.from({ length: 100 }, (_, i) => inlineTrigger(clone(interceptors), `t${i}`));
    triggers[99].interceptors!.pop();
    const [v] = await verdicts([eventListener(triggers)]);
    expect(v.denials.map((d) => d.message)).toEqual([listenerRefusal("trigger 't99' (spec.triggers[99].interceptors: cel, slack, webhook, gitlab)")]);
    expect(v.cost!.exceeded).toBeUndefined();
    // about 64,000 (the EventListener validation, which walks every interceptor and every key of each secretRef)
    expect(v.cost!.max).toBeLessThan(PER_CALL_LIMIT / 10);
    expect(v.cost!.total).toBeLessThan(RUNTIME_CEL_COST_BUDGET / 100);
  });

  test('an UPDATE that removes the verifier is refused, as a CREATE is', async () => {
    const signed = triggerObject([CEL_FILTER, verifier('github')]);
    const result = await triggersEvaluator.evaluate({
      policies: [triggersPolicy],
      requests: [{ namespaceName: 'ci', operation: 'UPDATE', oldObject: signed, object: triggerObject([CEL_FILTER]), userInfo: { username: 'jane@example.com' } }],
    });
    expect(result.requests[0].verdicts[0].denials.map((d) => d.message)).toEqual([triggerRefusal('cel')]);
  });

  // Triggers' sink (pkg/sink selectTriggers) lists matchNames exactly ['*'] as every namespace, other names as those namespaces, and runs each
  // Trigger it lists with the listener's own ServiceAccount: a Trigger of a namespace the policies are not bound to is checked by none
  describe('an EventListener that lists the Triggers of namespaces the policies are not bound to', () => {
    const signed = [verifier('github')];
    const selecting = (spec: any, apiVersion = 'triggers.tekton.dev/v1beta1') => ({ ...eventListener([], apiVersion), spec: { serviceAccountName: 'listener', ...spec } });
    const group = (matchNames: unknown) => ({ name: 'g', interceptors: signed, triggerSelector: { namespaceSelector: { matchNames } } });

    test.each<[string, any, string]>([
      ['every namespace', selecting({ namespaceSelector: { matchNames: ['*'] } }), 'spec.namespaceSelector.matchNames: *'],
      ['an unbound namespace beside its own (v1alpha1 too)', selecting({ namespaceSelector: { matchNames: ['ci', 'dev'] } }, 'triggers.tekton.dev/v1alpha1'),
        'spec.namespaceSelector.matchNames: ci, dev'],
      ['a trigger group of every namespace and one of an unbound one, whose interceptors check the sender', selecting({ triggerGroups: [group(['*']), group(['ci']), group(['dev'])] }),
        'spec.triggerGroups[0].triggerSelector.namespaceSelector.matchNames: *, spec.triggerGroups[2].triggerSelector.namespaceSelector.matchNames: dev'],
      ['a name that is not a string', selecting({ namespaceSelector: { matchNames: ['ci', 7] } }), 'spec.namespaceSelector.matchNames: ci, a non-string'],
    ])('refused: %s, naming the selectors', async (_, listener, selectors) => {
      expect(await refusals(listener)).toEqual([`EventListener 'ci' (${selectors}): ${FOREIGN_NAMESPACES}.`]);
      expect(TRIGGERS_AUTHENTICATED.check(listener).map((f) => f.property)).toEqual(selectors.split(/, (?=spec)/).map((x) => x.replace(/:.*/, '')));
    });

    test('admitted: its own namespace, a namespace the policies are bound to, a labelSelector alone; a record of the rule where honoured', async () => {
      expect(await refusals(selecting({ namespaceSelector: { matchNames: ['ci'] }, triggerGroups: [group(['ci'])] }))).toEqual([]);
      expect(await refusals(selecting({ labelSelector: { matchLabels: { team: 'ci' } } }))).toEqual([]);
      // bound to ci and ci-2, the Triggers of ci-2 are checked
      const both = policies({ namespaces: ['ci', 'ci-2'] }).policy(TRIGGERS_POLICY);
      expect(await refusals(selecting({ namespaceSelector: { matchNames: ['ci-2'] } }), both)).toEqual([]);
      expect(await refusals(selecting({ namespaceSelector: { matchNames: ['dev'] } }), both)).toHaveLength(1);
      const relaxed = withAnnotation(selecting({ namespaceSelector: { matchNames: ['*'] } }), RuleId.TRIGGERS_AUTHENTICATED, '*: the listener serves every team by design');
      expect(await refusals(relaxed, honouringPolicy)).toEqual([]);
      expect(await refusals(relaxed)).toHaveLength(1);
    });
  });

  test('only triggers.tekton.dev EventListeners and Triggers are matched', async () => {
    const result = await triggersEvaluator.evaluate({
      policies: [triggersPolicy],
      requests: [
        { namespaceName: 'ci', object: { ...triggerObject([]), apiVersion: 'example.com/v1' }, resource: 'triggers' },
        { namespaceName: 'ci', object: { apiVersion: 'triggers.tekton.dev/v1beta1', kind: 'TriggerBinding', metadata: { name: 'b', namespace: 'ci' } } },
        { namespaceName: 'ci', object: clone(GO_BUILD) },
      ],
    });
    expect(result.requests.map((r) => r.verdicts[0].matched)).toEqual([false, false, false]);
  });
});
