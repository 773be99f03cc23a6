import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from '@bufbuild/cel';
import { Chart, Size, Testing } from 'cdk8s';
import { buildPipelineApp, KANIKO_IMAGE } from '../../examples/build-pipeline/app';
import {
  AccessMode, AdmissionApiVersion, ApiVerb, EnforcementAction, RuleId, RunWorkspace, SecurePipeline, SecurePipelineRun, SecureTask,
  TektonAdmissionPolicies, TektonAdmissionPoliciesProps, TrustDomain,
} from '../../src';
import { PINNED, step } from '../helpers/constructs';
import { expectValidManifests } from '../helpers/schema';
import { AdmissionRequestInput, describeWithVapEval, PolicyVerdict, VapEvaluator } from '../helpers/vap-eval';

const SA = 'build-and-push-runner';
const BASE: TektonAdmissionPoliciesProps = { namespaces: ['ci'], allowedServiceAccounts: [SA] };
const CONTROLLER = 'system:serviceaccount:tekton-pipelines:tekton-pipelines-controller';
const IMAGE_POLICY = 'secure-tekton-image-digest';
const SECURITY_POLICY = 'secure-tekton-step-security-context';
const SA_POLICY = 'secure-tekton-run-service-account';
const WORKSPACE_POLICY = 'secure-tekton-run-workspaces';
const POLICY_NAMES = [IMAGE_POLICY, SECURITY_POLICY, SA_POLICY, WORKSPACE_POLICY];
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

const RESOURCES: Record<string, string> = { Task: 'tasks', Pipeline: 'pipelines', PipelineRun: 'pipelineruns', TaskRun: 'taskruns' };

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
    return { ...rest, taskSpec: clone(EX.task(taskRef.name).spec) };
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
  pipeline.addTask({ task }).grantApi({ apiGroup: 'apps', resource: 'deployments', verbs: [ApiVerb.GET], resourceNames: ['web'] });
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

// ---------------------------------------------------------------------------------------------
// The emitted objects
// ---------------------------------------------------------------------------------------------

describe('TektonAdmissionPolicies defaults', () => {
  const { p, objects, policy, binding } = policies();

  test('four v1beta1 policies, then a binding of the same name for each, cluster-scoped', () => {
    expect(objects.map((o: any) => [o.apiVersion, o.kind, o.metadata.name])).toEqual([
      ...POLICY_NAMES.map((name) => ['admissionregistration.k8s.io/v1beta1', 'ValidatingAdmissionPolicy', name]),
      ...POLICY_NAMES.map((name) => ['admissionregistration.k8s.io/v1beta1', 'ValidatingAdmissionPolicyBinding', name]),
    ]);
    objects.forEach((o: any) => expect(o.metadata.namespace).toBeUndefined());
    expect(p.policyNames).toEqual(POLICY_NAMES);
    expect(p.apiVersion).toBe(AdmissionApiVersion.V1BETA1);
  });

  test('failurePolicy Fail; CREATE and UPDATE of tekton.dev/v1 objects, v1beta1 requests converted (Equivalent)', () => {
    const rule = (resources: string[]) => ({
      matchPolicy: 'Equivalent',
      resourceRules: [{ apiGroups: ['tekton.dev'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources, scope: 'Namespaced' }],
    });
    for (const name of POLICY_NAMES) expect(policy(name).spec.failurePolicy).toBe('Fail');
    expect(policy(IMAGE_POLICY).spec.matchConstraints).toEqual(rule(['tasks', 'pipelines', 'pipelineruns', 'taskruns']));
    expect(policy(SECURITY_POLICY).spec.matchConstraints).toEqual(rule(['tasks', 'pipelines', 'pipelineruns', 'taskruns']));
    expect(policy(SA_POLICY).spec.matchConstraints).toEqual(rule(['pipelineruns', 'taskruns']));
    expect(policy(WORKSPACE_POLICY).spec.matchConstraints).toEqual(rule(['pipelineruns', 'taskruns']));
  });

  test('every validation has reason Invalid and a message naming its rule and the fix, on one line', () => {
    const expected: Record<string, string[]> = {
      [IMAGE_POLICY]: ['IMAGE_DIGEST', 'IMAGE_DIGEST', 'IMAGE_DIGEST'],
      [SECURITY_POLICY]: ['RUN_AS_NON_ROOT', 'NO_PRIVILEGE_ESCALATION', 'NOT_PRIVILEGED', 'DROP_ALL_CAPABILITIES', 'SECCOMP_RUNTIME_DEFAULT'],
      [SA_POLICY]: ['RUN_SERVICE_ACCOUNT', 'RUN_SERVICE_ACCOUNT', 'RUN_SERVICE_ACCOUNT'],
      [WORKSPACE_POLICY]: ['WORKSPACE_PER_RUN', 'WORKSPACE_PER_RUN'],
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
      'A step image is not pinned by digest [IMAGE_DIGEST]. Use <repository>@sha256:<64 hex digest>, '
      + 'or record a relaxation: annotation secure-tekton/relax.IMAGE_DIGEST: "<target, or * for the whole object>: <why, at least 10 characters>".');
    expect(policy(SECURITY_POLICY).spec.validations[2].message).toBe(
      'A step or sidecar sets securityContext.privileged: true [NOT_PRIVILEGED]. Remove it or set privileged: false; this rule cannot be relaxed.');
    expect(policy(SA_POLICY).spec.validations[0].message).toBe(
      `The PipelineRun does not name an allowed ServiceAccount in spec.taskRunTemplate.serviceAccountName [RUN_SERVICE_ACCOUNT]. Use one of: ${SA}.`);
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

  test('every exemptable relaxation is honoured, the controller is the default one', () => {
    expect(p.honouredRelaxations).toEqual([
      RuleId.IMAGE_DIGEST, RuleId.RUN_AS_NON_ROOT, RuleId.NO_PRIVILEGE_ESCALATION, RuleId.DROP_ALL_CAPABILITIES,
      RuleId.SECCOMP_RUNTIME_DEFAULT, RuleId.WORKSPACE_PER_RUN,
    ]);
    expect(policy(SECURITY_POLICY).spec.variables.map((v: any) => v.name)).toEqual([
      'ownTaskSpecs', 'embeddedTasks', 'relaxedRunAsNonRoot', 'relaxedNoPrivilegeEscalation', 'relaxedDropAllCapabilities', 'relaxedSeccompRuntimeDefault',
    ]);
    expect(policy(SA_POLICY).spec.variables).toBeUndefined();
    expect(p.tektonControllerUsername).toBe(CONTROLLER);
    expect(policy(WORKSPACE_POLICY).spec.matchConditions).toEqual([{
      name: 'not-a-taskrun-of-the-tekton-controller',
      expression: `!(object.kind == 'TaskRun' && request.userInfo.username == '${CONTROLLER}')`,
    }]);
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
    const { objects } = policies({ enforcementAction: action });
    for (const b of objects.filter((o: any) => o.kind === 'ValidatingAdmissionPolicyBinding')) expect(b.spec.validationActions).toEqual([action]);
  });

  test('several namespaces, several ServiceAccounts, a name prefix and another controller', () => {
    const { objects, policy, binding } = policies({
      namespaces: ['ci', 'ci-team-a'],
      allowedServiceAccounts: [SA, 'deployer-runner'],
      namePrefix: 'team-a',
      tektonControllerUsername: 'system:serviceaccount:openshift-pipelines:pipeline',
    });
    const names = ['team-a-image-digest', 'team-a-step-security-context', 'team-a-run-service-account', 'team-a-run-workspaces'];
    expect(objects.map((o: any) => o.metadata.name)).toEqual([...names, ...names]);
    expect(binding('team-a-run-workspaces').spec.matchResources.namespaceSelector.matchExpressions[0].values).toEqual(['ci', 'ci-team-a']);
    expect(policy('team-a-run-service-account').spec.validations[2].expression).toContain(`in ['${SA}', 'deployer-runner']`);
    expect(policy('team-a-run-workspaces').spec.matchConditions[0].expression).toContain("'system:serviceaccount:openshift-pipelines:pipeline'");
  });

  test('no relaxation honoured: no annotation is read', () => {
    const { objects, policy } = policies({ honouredRelaxations: [] });
    expect(JSON.stringify(objects)).not.toContain('secure-tekton/relax.');
    expect(policy(IMAGE_POLICY).spec.variables.map((v: any) => v.name)).toEqual(['ownTaskSpecs', 'embeddedTasks']);
    expect(policy(WORKSPACE_POLICY).spec.variables).toBeUndefined();
    expect(policy(IMAGE_POLICY).spec.validations[0].message).toBe(
      'A step image is not pinned by digest [IMAGE_DIGEST]. Use <repository>@sha256:<64 hex digest>.');
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

  test('a relaxation the policies cannot honour', () => {
    expect(() => policies({ honouredRelaxations: [RuleId.NOT_PRIVILEGED] })).toThrow(
      "TektonAdmissionPolicies 'test/admission': honouredRelaxations \"NOT_PRIVILEGED\" is not a rule these policies can exempt [VALID_SPEC]. "
      + 'Use some of: IMAGE_DIGEST, RUN_AS_NON_ROOT, NO_PRIVILEGE_ESCALATION, DROP_ALL_CAPABILITIES, SECCOMP_RUNTIME_DEFAULT, WORKSPACE_PER_RUN.');
  });

  test('a controller user name that is not a ServiceAccount', () => {
    expect(() => policies({ tektonControllerUsername: 'tekton-pipelines-controller' })).toThrow(
      "TektonAdmissionPolicies 'test/admission': tektonControllerUsername \"tekton-pipelines-controller\" is not a ServiceAccount user name [VALID_SPEC]. "
      + 'Use "system:serviceaccount:<namespace>:<name>", e.g. "system:serviceaccount:tekton-pipelines:tekton-pipelines-controller".');
  });

  test('a name prefix that is not a DNS-1123 label', () => {
    expect(() => policies({ namePrefix: 'Secure_Tekton' })).toThrow(
      "TektonAdmissionPolicies 'test/admission': namePrefix \"Secure_Tekton\" is not a DNS-1123 label [VALID_NAME].");
  });
});

describe('TektonAdmissionPolicies output validates strictly', () => {
  test('v1beta1 (Kubernetes 1.28) and v1 (1.30)', () => {
    expectValidManifests([
      ...policies().objects,
      ...policies({ apiVersion: AdmissionApiVersion.V1, enforcementAction: EnforcementAction.WARN, honouredRelaxations: [] }).objects,
    ]);
  });

  test('the test fixtures are valid Tekton objects too', () => {
    expectValidManifests([
      embeddedPipeline(), embeddedPipelineRun(), taskRun(),
      relaxedPipelineRun(RunWorkspace.persistentVolumeClaim('shared-cache')), grantingPipelineRun().run,
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
  const imagePolicy = defaults.policy(IMAGE_POLICY);
  const securityPolicy = defaults.policy(SECURITY_POLICY);
  const saPolicy = defaults.policy(SA_POLICY);
  const workspacePolicy = defaults.policy(WORKSPACE_POLICY);
  const all = [imagePolicy, securityPolicy, saPolicy, workspacePolicy];

  /** Rules refused by any of the given policies. */
  const refused = async (obj: any, ps: any[] = all, username?: string) =>
    (await Promise.all(ps.map((p) => admit(p, obj, username)))).flatMap(rulesOf);

  test('every expression parses (@bufbuild/cel)', () => {
    for (const p of [...defaults.vaps, ...strict.vaps]) {
      const exprs = [...p.spec.validations, ...p.spec.variables ?? [], ...p.spec.matchConditions ?? []].map((e: any) => e.expression);
      for (const e of exprs) expect(() => parse(e)).not.toThrow();
    }
  });

  describe('admits the library output', () => {
    test.each([
      ...EX.tasks.map((t: any) => [`Task ${t.metadata.name}`, t]),
      ['the Pipeline', EX.pipeline],
      ['the PipelineRun', EX.pipelineRun],
      ['the Pipeline with its hardened tasks embedded', hardenedEmbeddedPipeline()],
      ['a PipelineRun with the pipeline embedded', embeddedPipelineRun()],
      ['a TaskRun with the task embedded', taskRun()],
    ])('%s', async (_, obj) => {
      for (const p of all) {
        const outcome = await admit(p, obj);
        expect(outcome.refusals).toEqual([]);
        expect(outcome.matched).toBe(p.spec.matchConstraints.resourceRules[0].resources.includes(RESOURCES[obj.kind]));
      }
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
      ['sha512', `registry.example.com/x@sha512:${'a'.repeat(128)}`],
    ])('%s', async (_, image) => {
      const bad = clone(GO_BUILD);
      bad.spec.steps[0].image = image;
      expect(rulesOf(await admit(imagePolicy, bad))).toEqual(['IMAGE_DIGEST']);
    });

    test('a sidecar image and a stepTemplate image', async () => {
      const sidecar = clone(GO_BUILD);
      sidecar.spec.sidecars = [{ name: 'cache', image: 'redis:7' }];
      expect((await admit(imagePolicy, sidecar)).refusals).toEqual([imagePolicy.spec.validations[1].message]);
      sidecar.spec.sidecars[0].image = PINNED;
      expect((await admit(imagePolicy, sidecar)).refusals).toEqual([]);
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

    test('privileged is never exempt', async () => {
      const bad = buildStep((sc) => { sc.privileged = true; });
      const annotated = [RuleId.NOT_PRIVILEGED, RuleId.RUN_AS_NON_ROOT, RuleId.DROP_ALL_CAPABILITIES].reduce((o, r) => withAnnotation(o, r), bad);
      expect(await refused(annotated, [securityPolicy])).toEqual(['NOT_PRIVILEGED']);
    });

    test.each([
      [RuleId.RUN_AS_NON_ROOT, (sc: any) => { sc.runAsNonRoot = false; }],
      [RuleId.NO_PRIVILEGE_ESCALATION, (sc: any) => { sc.allowPrivilegeEscalation = true; }],
      [RuleId.DROP_ALL_CAPABILITIES, (sc: any) => { sc.capabilities = { drop: [] }; }],
      [RuleId.SECCOMP_RUNTIME_DEFAULT, (sc: any) => { sc.seccompProfile.type = 'Unconfined'; }],
    ])('%s: exempt with its annotation only', async (rule, change) => {
      const bad = buildStep(change);
      expect(await refused(bad, [securityPolicy])).toEqual([rule]);
      expect(await refused(withAnnotation(bad, rule), [securityPolicy])).toEqual([]);
      expect(await refused(withAnnotation(bad, rule), [strict.policy(SECURITY_POLICY)])).toEqual([rule]);
      expect(await refused(withAnnotation(bad, RuleId.IMAGE_DIGEST), [securityPolicy])).toEqual([rule]);
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
    });

    test('never exempt by annotation', async () => {
      const bad = withAnnotation(pipelineRun((s) => { s.taskRunTemplate.serviceAccountName = 'default'; }), RuleId.RUN_SERVICE_ACCOUNT);
      expect(await refused(bad)).toEqual(['RUN_SERVICE_ACCOUNT']);
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

  test('malformed objects (no spec, empty lists) are decided without a CEL error', async () => {
    const noSpec = { apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: 'x' } };
    expect(await refused(noSpec, [imagePolicy, securityPolicy])).toEqual([]);
    expect(await refused({ ...noSpec, kind: 'TaskRun' })).toEqual(['RUN_SERVICE_ACCOUNT']);
    expect(await refused({ ...noSpec, kind: 'PipelineRun' })).toEqual(['RUN_SERVICE_ACCOUNT']);
    expect(await refused({ ...noSpec, kind: 'Pipeline', spec: { tasks: [] } })).toEqual([]);
    expect(await refused({ ...noSpec, kind: 'Task', spec: { steps: [] } })).toEqual([]);
  });
});
