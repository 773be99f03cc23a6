import { ApiObject, Testing } from 'cdk8s';
import * as fx from './fixtures';
import { expectValidManifests, validateManifest } from './schema';

/** A fixture changed by `mutate`. */
function changed(make: () => any, mutate: (obj: any) => void): any {
  const obj = make();
  mutate(obj);
  return obj;
}

describe('validateManifest', () => {
  test('accepts hardened Tekton v1 Task, Pipeline, PipelineRun and TaskRun', () => {
    expectValidManifests([fx.task(), fx.pipeline(), fx.pipelineRun(), fx.taskRun()]);
  });

  test('accepts ServiceAccount, Role, RoleBinding, NetworkPolicy and SecretProviderClass', () => {
    expectValidManifests([fx.serviceAccount(), fx.role(), fx.roleBinding(), fx.networkPolicy(), fx.secretProviderClass()]);
  });

  test('accepts VerificationPolicy and ValidatingAdmissionPolicy v1 (Kubernetes 1.30) and v1beta1 (1.28)', () => {
    const policy = {
      failurePolicy: 'Fail',
      matchConstraints: {
        resourceRules: [{ apiGroups: ['tekton.dev'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['taskruns'] }],
      },
      validations: [{ expression: 'object.spec.podTemplate.securityContext.runAsNonRoot == true', message: 'must run as non-root' }],
    };
    const binding = { policyName: 'non-root', validationActions: ['Deny'] };
    expectValidManifests([
      {
        apiVersion: 'tekton.dev/v1alpha1',
        kind: 'VerificationPolicy',
        metadata: { name: 'trusted-tasks', namespace: 'ci' },
        spec: {
          resources: [{ pattern: 'https://github.com/example/.*' }],
          authorities: [{ name: 'key', key: { secretRef: { name: 'verification-key', namespace: 'ci' }, hashAlgorithm: 'sha256' } }],
          mode: 'enforce',
        },
      },
      ...['v1', 'v1beta1'].flatMap((version) => [
        { apiVersion: `admissionregistration.k8s.io/${version}`, kind: 'ValidatingAdmissionPolicy', metadata: { name: 'non-root' }, spec: policy },
        { apiVersion: `admissionregistration.k8s.io/${version}`, kind: 'ValidatingAdmissionPolicyBinding', metadata: { name: 'non-root' }, spec: binding },
      ]),
    ]);
  });

  test('accepts the output of Testing.synth', () => {
    const chart = Testing.chart();
    for (const obj of [fx.task(), fx.serviceAccount()]) {
      new ApiObject(chart, obj.kind, obj);
    }
    expectValidManifests(Testing.synth(chart));
  });

  test('accepts quantities and int-or-string values as strings and numbers', () => {
    const obj = changed(fx.task, (t) => {
      t.spec.stepTemplate.computeResources = { requests: { 'cpu': '100m', 'memory': '1Gi', 'ephemeral-storage': 1000000 }, limits: { cpu: 2 } };
    });
    expect(validateManifest(obj)).toEqual([]);
    expect(validateManifest(changed(fx.pipelineRun, (r) => {
      r.spec.workspaces[0].volumeClaimTemplate.spec.resources.requests.storage = 1073741824;
    }))).toEqual([]);
  });

  test.each([
    ['a typo in a Task spec', fx.task, (o: any) => { o.spec.stepz = []; }, '/spec/stepz'],
    ['a typo in metadata', fx.task, (o: any) => { o.metadata.lables = {}; }, '/metadata/lables'],
    ['a typo at the top level', fx.serviceAccount, (o: any) => { o.automountServiceAcountToken = false; }, '/automountServiceAcountToken'],
    ['an unknown step field in an embedded taskSpec', fx.pipeline,
      (o: any) => { o.spec.tasks[1].taskSpec.steps[0].imagePullPolicyy = 'Always'; }, '/spec/tasks/1/taskSpec/steps/0/imagePullPolicyy'],
    ['an unknown field in a finally taskSpec', fx.pipeline,
      (o: any) => { o.spec.finally[0].taskSpec.stepz = []; }, '/spec/finally/0/taskSpec/stepz'],
    ['metadata.name in an embedded taskSpec', fx.pipeline,
      (o: any) => { o.spec.tasks[1].taskSpec.metadata.name = 'x'; }, '/spec/tasks/1/taskSpec/metadata/name'],
    ['an unknown step field in a PipelineRun pipelineSpec', fx.pipelineRun, (o: any) => {
      delete o.spec.pipelineRef;
      o.spec.pipelineSpec = fx.pipeline().spec;
      o.spec.pipelineSpec.tasks[1].taskSpec.steps[0].securityContext = { runAsNonroot: true };
    }, '/spec/pipelineSpec/tasks/1/taskSpec/steps/0/securityContext/runAsNonroot'],
    ['an unknown field in a taskSpec nested in a Pipeline task pipelineSpec', fx.pipeline, (o: any) => {
      o.spec.tasks[0] = { name: 'child', pipelineSpec: fx.pipeline().spec };
      o.spec.tasks[0].pipelineSpec.tasks[1].taskSpec.stepz = [];
    }, '/spec/tasks/0/pipelineSpec/tasks/1/taskSpec/stepz'],
    ['an unknown step field in a TaskRun taskSpec', fx.taskRun,
      (o: any) => { o.spec.taskSpec.steps[0].scrip = ''; }, '/spec/taskSpec/steps/0/scrip'],
    ['a typo in a volumeClaimTemplate', fx.pipelineRun,
      (o: any) => { o.spec.workspaces[0].volumeClaimTemplate.spec.resourcez = {}; }, '/spec/workspaces/0/volumeClaimTemplate/spec/resourcez'],
    ['a typo in a podTemplate securityContext', fx.pipelineRun,
      (o: any) => { o.spec.taskRunTemplate.podTemplate.securityContext.runAsNonroot = true; }, '/spec/taskRunTemplate/podTemplate/securityContext/runAsNonroot'],
    ['a typo in a Task volume', fx.task, (o: any) => { o.spec.volumes[0].emptydir = {}; }, '/spec/volumes/0/emptydir'],
    ['a typo in a NetworkPolicy', fx.networkPolicy, (o: any) => { o.spec.egres = []; }, '/spec/egres'],
    ['a typo in a SecretProviderClass', fx.secretProviderClass, (o: any) => { o.spec.parameter = {}; }, '/spec/parameter'],
  ])('rejects %s', (_name, make, mutate, pointer) => {
    const obj = changed(make, mutate);
    expect(validateManifest(obj)).toEqual([`${obj.kind}/${obj.metadata.name} ${pointer}: must NOT have additional properties`]);
  });

  test('rejects an unknown field in a Role rule, with the missing required field', () => {
    const obj = changed(fx.role, (o) => { o.rules[0].verb = o.rules[0].verbs; delete o.rules[0].verbs; });
    expect(validateManifest(obj)).toEqual([
      "Role/pipeline-runner /rules/0: must have required property 'verbs'",
      'Role/pipeline-runner /rules/0/verb: must NOT have additional properties',
    ]);
  });

  test.each([
    ['a step image', fx.task, (o: any) => { o.spec.steps[0].image = 42; }, '/spec/steps/0/image: must be string'],
    ['a boolean', fx.serviceAccount, (o: any) => { o.automountServiceAccountToken = 'false'; }, '/automountServiceAccountToken: must be boolean'],
    ['Role verbs', fx.role, (o: any) => { o.rules[0].verbs = 'get'; }, '/rules/0/verbs: must be array'],
    ['SecretProviderClass objects given as a list', fx.secretProviderClass,
      (o: any) => { o.spec.parameters.objects = [{ objectName: 'token' }]; }, '/spec/parameters/objects: must be string'],
    ['a date-time', fx.serviceAccount, (o: any) => { o.metadata.creationTimestamp = 'yesterday'; }, '/metadata/creationTimestamp: must match format "date-time"'],
    ['an int32', fx.networkPolicy, (o: any) => { o.spec.egress[1].ports[0].endPort = 2 ** 31; }, '/spec/egress/1/ports/0/endPort: must match format "int32"'],
  ])('rejects a wrong type or value: %s', (_name, make, mutate, expected) => {
    const obj = changed(make, mutate);
    expect(validateManifest(obj)).toEqual([`${obj.kind}/${obj.metadata.name} ${expected}`]);
  });

  test('rejects base64 data that is not base64', () => {
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { token: 'not base64!' } };
    expect(validateManifest(secret)).toEqual(['Secret/s /data/token: must match format "byte"']);
  });

  test('rejects a malformed quantity and a non-integer number in an int-or-string quantity', () => {
    const obj = changed(fx.task, (t) => { t.spec.stepTemplate.computeResources.limits = { memory: '1 GB', cpu: 0.5 }; });
    const errors = validateManifest(obj);
    expect(errors).toContain('Task/git-clone /spec/stepTemplate/computeResources/limits/memory: must match pattern "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$"');
    expect(errors).toContain('Task/git-clone /spec/stepTemplate/computeResources/limits/cpu: must be integer');
  });

  test('requires step names (a false positive of the CRD that generated YAML must satisfy) but not step workspace mountPaths', () => {
    const unnamed = changed(fx.task, (t) => { delete t.spec.steps[0].name; });
    expect(validateManifest(unnamed)).toEqual(["Task/git-clone /spec/steps/0: must have required property 'name'"]);
    const stepWorkspace = changed(fx.task, (t) => { t.spec.steps[0].workspaces = [{ name: 'source' }]; });
    expect(validateManifest(stepWorkspace)).toEqual([]);
  });

  test('reports objects without a reference schema', () => {
    expect(validateManifest({ ...fx.task(), apiVersion: 'tekton.dev/v1beta1' })).toEqual(['Task/git-clone: no reference schema for tekton.dev/v1beta1 Task']);
    expect(validateManifest({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' } }))
      .toEqual(['Deployment/d: no reference schema for apps/v1 Deployment']);
    expect(validateManifest({ kind: 'ServiceAccount', metadata: { name: 'sa' } })).toEqual(['ServiceAccount/sa: no reference schema for undefined ServiceAccount']);
  });

  test('expectValidManifests fails listing every error', () => {
    const bad = [changed(fx.task, (t) => { t.spec.stepz = []; }), fx.role(), changed(fx.role, (r) => { r.rules[0].verbs = 'get'; })];
    expect(() => expectValidManifests(bad)).toThrow(/Task\/git-clone \/spec\/stepz[^]*Role\/pipeline-runner \/rules\/0\/verbs: must be array/);
  });
});
