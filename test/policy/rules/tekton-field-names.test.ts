import { describeRule, hardenedContainer, hardenedSecurityContext, loopInPipeline, pipelineEmbedding, pipelineLoop, task, taskSpec } from './fixtures';
import { RuleCatalogue, RuleId, Severity } from '../../../src';
import { NOT_PRIVILEGED } from '../../../src/policy/rules/not-privileged';
import { TEKTON_FIELD_NAMES } from '../../../src/policy/rules/tekton-field-names';
import { describeWithOracle, runOracle } from '../../helpers/tekton-oracle';

/** [property, value, problem] of each finding. */
const summary = (m: any) => TEKTON_FIELD_NAMES.check(m).map((f) => [f.property, f.value, f.problem]);
const dropped = (object: string) => `is not a field of ${object}: the API server drops it (kubectl's strict field validation refuses the object), so it has no effect`;
const refused = (object: string) => `is not a field of ${object} there: Tekton's webhook refuses the object (it decodes it with unknown fields disallowed)`;
const decodedAs = (field: string) => `is decoded by Tekton's webhook as the field "${field}" (Go's JSON decoding ignores case), which is not what the other rules read`;

/** A TaskRun `run` embedding `spec` as its taskSpec; `runSpec` adds to the run's spec. */
function taskRun(spec: any, runSpec: Record<string, any> = {}, apiVersion = 'tekton.dev/v1'): any {
  return { apiVersion, kind: 'TaskRun', metadata: { name: 'run', namespace: 'ci' }, spec: { taskSpec: spec, ...runSpec } };
}

describe('TEKTON_FIELD_NAMES', () => {
  describeRule(TEKTON_FIELD_NAMES, RuleId.TEKTON_FIELD_NAMES, Severity.HIGH, false);

  test('applies to the Tekton kinds and versions of Tekton v1.15\'s CRDs, and to nothing else', () => {
    for (const [apiVersion, kind] of [['tekton.dev/v1', 'Task'], ['tekton.dev/v1beta1', 'TaskRun'], ['tekton.dev/v1', 'Pipeline'],
      ['tekton.dev/v1beta1', 'PipelineRun'], ['tekton.dev/v1alpha1', 'StepAction'], ['tekton.dev/v1beta1', 'StepAction'], [undefined, 'Task']]) {
      expect(TEKTON_FIELD_NAMES.appliesTo({ apiVersion, kind, metadata: { name: 'x' }, spec: {} })).toBe(true);
    }
    for (const [apiVersion, kind] of [['tekton.dev/v2', 'Task'], ['tekton.dev/v1', 'StepAction'], ['example.com/v1', 'Task'], ['tekton.dev/v1alpha1', 'VerificationPolicy'], ['v1', 'Pod']]) {
      expect(TEKTON_FIELD_NAMES.appliesTo({ apiVersion, kind, metadata: { name: 'x' }, spec: {} })).toBe(false);
    }
  });

  test('compliant: objects spelled as Tekton\'s schema, with any keys in param values and free-form maps', () => {
    const spec = taskSpec({ params: [{ name: 'o', type: 'object', properties: { URL: {} }, default: { URL: 'x' } }] });
    expect(TEKTON_FIELD_NAMES.check(task())).toEqual([]);
    expect(TEKTON_FIELD_NAMES.check(pipelineEmbedding(spec))).toEqual([]);
    expect(TEKTON_FIELD_NAMES.check(taskRun(spec, {
      params: [{ name: 'o', value: { URL: 'y', Steps: 'z' } }],
      podTemplate: { nodeSelector: { Kubernetes: 'x' }, securityContext: { runAsNonRoot: true, sysctls: [{ name: 'Name', value: 'V' }] } },
    }))).toEqual([]);
  });

  test('non-compliant: a step\'s SecurityContext in a TaskRun\'s taskSpec, which NOT_PRIVILEGED does not read', () => {
    const run = taskRun(taskSpec({ steps: [hardenedContainer('compile', { securityContext: undefined, SecurityContext: { ...hardenedSecurityContext(), privileged: true } })] }));
    expect(NOT_PRIVILEGED.check(run)).toEqual([]);
    expect(TEKTON_FIELD_NAMES.check(run)).toEqual([{
      rule: RuleId.TEKTON_FIELD_NAMES,
      kind: 'TaskRun',
      name: 'run',
      property: 'spec.taskSpec.steps[0].SecurityContext',
      value: 'SecurityContext',
      problem: decodedAs('securityContext'),
      fix: 'Write the key as "securityContext" at spec.taskSpec.steps[0].SecurityContext; this rule cannot be relaxed.',
    }]);
  });

  test('non-compliant: in Pipelines\' embedded taskSpecs (and their nested fields), pipelineSpecs, Task volumes and pod templates', () => {
    expect(summary(pipelineEmbedding({ Steps: [{ name: 'a', image: 'alpine', Script: 'echo' }] }, 'finally'))).toEqual([
      ['spec.finally[0].taskSpec.Steps', 'Steps', decodedAs('steps')],
      ['spec.finally[0].taskSpec.Steps[0].Script', 'Script', decodedAs('script')],
    ]);
    expect(summary(task({ volumes: [{ name: 'root', HostPath: { path: '/' } }] }))).toEqual([
      ['spec.volumes[0].HostPath', 'HostPath', decodedAs('hostPath')],
    ]);
    const run = {
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: { name: 'run' },
      spec: {
        pipelineSpec: { tasks: [{ name: 'a', taskSpec: { Metadata: { labels: {} }, steps: [] } }] },
        taskRunTemplate: { podTemplate: { securityContext: { RunAsUser: 0 }, affinity: { NodeAffinity: {} } } },
        workspaces: [{ name: 'w', volumeClaimTemplate: { spec: { AccessModes: ['ReadWriteOnce'] } } }],
      },
    };
    expect(summary(run)).toEqual([
      ['spec.pipelineSpec.tasks[0].taskSpec.Metadata', 'Metadata', decodedAs('metadata')],
      ['spec.taskRunTemplate.podTemplate.securityContext.RunAsUser', 'RunAsUser', decodedAs('runAsUser')],
      ['spec.taskRunTemplate.podTemplate.affinity.NodeAffinity', 'NodeAffinity', decodedAs('nodeAffinity')],
      ['spec.workspaces[0].volumeClaimTemplate.spec.AccessModes', 'AccessModes', decodedAs('accessModes')],
    ]);
  });

  test('the core types are those of the Kubernetes release Tekton v1.15 builds with: AppArmorProfile (1.30) in a pod template, an image volume (1.31)', () => {
    const run = taskRun(taskSpec({ volumes: [{ name: 'tools', Image: { reference: 'registry.example.com/tools:1' } }] }), {
      podTemplate: { securityContext: { AppArmorProfile: { type: 'Unconfined' } } },
    });
    expect(summary(run)).toEqual([
      ['spec.taskSpec.volumes[0].Image', 'Image', decodedAs('image')],
      ['spec.podTemplate.securityContext.AppArmorProfile', 'AppArmorProfile', decodedAs('appArmorProfile')],
    ]);
  });

  test('v1beta1 is read along its own schema (taskRunSpecs\' taskPodTemplate)', () => {
    const run = {
      apiVersion: 'tekton.dev/v1beta1',
      kind: 'PipelineRun',
      metadata: { name: 'run' },
      spec: { taskRunSpecs: [{ pipelineTaskName: 'a', taskPodTemplate: { securityContext: { runAsUser: 0, FSGroup: 0 } } }] },
    };
    expect(summary(run)).toEqual([['spec.taskRunSpecs[0].taskPodTemplate.securityContext.FSGroup', 'FSGroup', decodedAs('fsGroup')]]);
  });

  test('Go\'s folding: ſ reads as s and the Kelvin sign as k; the dotless ı and the dotted İ fold to no ASCII letter', () => {
    expect(summary(taskRun(taskSpec({ steps: [hardenedContainer('compile', { ſcript: 'x', worKingDir: '/' })] })))).toEqual([
      ['spec.taskSpec.steps[0]["\u017fcript"]', '\u017fcript', decodedAs('script')],
      ['spec.taskSpec.steps[0]["wor\u212aingDir"]', 'wor\u212aingDir', decodedAs('workingDir')],
    ]);
    // ı and İ fold to no field: unknown keys, which the webhook refuses
    expect(summary(taskRun(taskSpec({ steps: [hardenedContainer('compile', { ımage: 'x', SCRİPT: 'y' })] })))).toEqual([
      ['spec.taskSpec.steps[0]["\u0131mage"]', '\u0131mage', refused('tekton.dev/v1 TaskRun')],
      ['spec.taskSpec.steps[0]["SCR\u0130PT"]', 'SCR\u0130PT', refused('tekton.dev/v1 TaskRun')],
    ]);
  });

  test('non-compliant: a key the schema prunes (a Task\'s spec, a run\'s own fields), which the API server drops and kubectl refuses', () => {
    expect(TEKTON_FIELD_NAMES.check(task({ Sidecars: [{ name: 's', image: 'x', securityContext: { privileged: true } }] }))).toEqual([{
      rule: RuleId.TEKTON_FIELD_NAMES,
      kind: 'Task',
      name: 'build',
      property: 'spec.Sidecars',
      value: 'Sidecars',
      problem: dropped('tekton.dev/v1 Task'),
      fix: 'Write the key as "sidecars" at spec.Sidecars; this rule cannot be relaxed.',
    }]);
    expect(TEKTON_FIELD_NAMES.check(taskRun(taskSpec(), { ServiceAccountName: 'admin', podTemplate: { HostNetwork: true }, runAfter: ['a'] }))
      .map((f) => [f.property, f.problem, f.fix])).toEqual([
      ['spec.ServiceAccountName', dropped('tekton.dev/v1 TaskRun'), 'Write the key as "serviceAccountName" at spec.ServiceAccountName; this rule cannot be relaxed.'],
      ['spec.podTemplate.HostNetwork', dropped('tekton.dev/v1 TaskRun'), 'Write the key as "hostNetwork" at spec.podTemplate.HostNetwork; this rule cannot be relaxed.'],
      ['spec.runAfter', dropped('tekton.dev/v1 TaskRun'), 'Remove spec.runAfter, or write it where tekton.dev/v1 TaskRun has the field; this rule cannot be relaxed.'],
    ]);
  });

  test('non-compliant: a Secret or claim source written with name, with the key it takes (kubevirt-tekton-tasks\' disk-virt-customize example)', () => {
    const run = taskRun(taskSpec(), {
      workspaces: [{ name: 'data', secret: { name: 'disk-virt-customize-taskrun-workspace' } }, { name: 'cache', persistentVolumeClaim: { name: 'cache' } }],
    });
    expect(TEKTON_FIELD_NAMES.check(run).map((f) => [f.property, f.problem, f.fix])).toEqual([
      ['spec.workspaces[0].secret.name', dropped('tekton.dev/v1 TaskRun'),
        'Write the key as "secretName" (the name this source takes) in place of spec.workspaces[0].secret.name; this rule cannot be relaxed.'],
      ['spec.workspaces[1].persistentVolumeClaim.name', dropped('tekton.dev/v1 TaskRun'),
        'Write the key as "claimName" (the name this source takes) in place of spec.workspaces[1].persistentVolumeClaim.name; this rule cannot be relaxed.'],
    ]);
    // a projected Secret takes name: no finding
    const projected = taskRun(taskSpec(), { workspaces: [{ name: 'p', projected: { sources: [{ secret: { name: 's' } }] } }] });
    expect(TEKTON_FIELD_NAMES.check(projected)).toEqual([]);
  });

  test('non-compliant: a field of the other version, with its name in the object\'s own (the other rules read the run without it)', () => {
    const hardened = { automountServiceAccountToken: false, securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } } };
    const v1 = {
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: { name: 'run', namespace: 'ci' },
      spec: {
        pipelineRef: { name: 'build' },
        serviceAccountName: 'builder',
        podTemplate: hardened,
        timeout: '1h',
        taskRunSpecs: [{ pipelineTaskName: 'push', taskServiceAccountName: 'pusher', taskPodTemplate: hardened }],
      },
    };
    expect(TEKTON_FIELD_NAMES.check(v1).map((f) => [f.property, f.problem, f.fix])).toEqual([
      ['spec.serviceAccountName', dropped('tekton.dev/v1 PipelineRun'), 'Write it as spec.taskRunTemplate.serviceAccountName (its name in tekton.dev/v1 PipelineRun) instead of spec.serviceAccountName; this rule cannot be relaxed.'],
      ['spec.podTemplate', dropped('tekton.dev/v1 PipelineRun'), 'Write it as spec.taskRunTemplate.podTemplate (its name in tekton.dev/v1 PipelineRun) instead of spec.podTemplate; this rule cannot be relaxed.'],
      ['spec.timeout', dropped('tekton.dev/v1 PipelineRun'), 'Write it as spec.timeouts.pipeline (its name in tekton.dev/v1 PipelineRun) instead of spec.timeout; this rule cannot be relaxed.'],
      ['spec.taskRunSpecs[0].taskServiceAccountName', dropped('tekton.dev/v1 PipelineRun'), 'Write it as "serviceAccountName" (its name in tekton.dev/v1 PipelineRun) instead of spec.taskRunSpecs[0].taskServiceAccountName; this rule cannot be relaxed.'],
      ['spec.taskRunSpecs[0].taskPodTemplate', dropped('tekton.dev/v1 PipelineRun'), 'Write it as "podTemplate" (its name in tekton.dev/v1 PipelineRun) instead of spec.taskRunSpecs[0].taskPodTemplate; this rule cannot be relaxed.'],
    ]);
    // the other rules read the run as the API server keeps it: no account and no pod template
    const checked = RuleCatalogue.check(v1);
    expect(checked.filter((f) => f.rule === RuleId.RUN_SERVICE_ACCOUNT).map((f) => [f.property, f.problem]))
      .toEqual([['taskRunTemplate.serviceAccountName', 'is not set (the namespace default is used)']]);
    expect(checked.some((f) => f.rule === RuleId.RUN_TOKEN_AUTOMOUNT)).toBe(true);
    expect(checked.some((f) => f.rule === RuleId.RUN_POD_SECURITY_CONTEXT)).toBe(true);
    // and the other way round: v1beta1 has no taskRunTemplate, and names a step's resources `resources`
    const v1beta1 = { ...v1, apiVersion: 'tekton.dev/v1beta1', spec: { pipelineRef: { name: 'build' }, taskRunTemplate: { serviceAccountName: 'builder', podTemplate: hardened } } };
    expect(TEKTON_FIELD_NAMES.check(v1beta1).map((f) => [f.property, f.fix])).toEqual([
      ['spec.taskRunTemplate', 'Write it as spec.podTemplate and spec.serviceAccountName (its name in tekton.dev/v1beta1 PipelineRun) instead of spec.taskRunTemplate; this rule cannot be relaxed.'],
    ]);
    expect(RuleCatalogue.check(v1beta1).filter((f) => f.rule === RuleId.RUN_SERVICE_ACCOUNT).map((f) => f.property)).toEqual(['serviceAccountName']);
    const steps = [hardenedContainer('compile', { computeResources: undefined, resources: { limits: { cpu: '1', memory: '1Gi' } } })];
    expect(TEKTON_FIELD_NAMES.check(task({ steps })).map((f) => [f.property, f.fix])).toEqual([
      ['spec.steps[0].resources', 'Write it as "computeResources" (its name in tekton.dev/v1 Task) instead of spec.steps[0].resources; this rule cannot be relaxed.'],
    ]);
    expect(RuleCatalogue.check(task({ steps })).filter((f) => f.rule === RuleId.COMPUTE_RESOURCES).length).toBeGreaterThan(0);
    // in an embedded task spec the API server keeps the key, and Tekton's webhook refuses it
    expect(summary(pipelineEmbedding(taskSpec({ steps })))).toEqual([
      ['spec.tasks[0].taskSpec.steps[0].resources', 'resources', refused('tekton.dev/v1 Pipeline')],
    ]);
  });

  test('non-compliant: a v1beta1 pipeline task\'s pipelineSpec and pipelineRef, which Tekton\'s conversion to v1 drops; the other rules do not judge them', () => {
    const privileged = { name: 'inner', taskSpec: { steps: [{ name: 's', image: 'alpine', script: 'echo $(params.x)', securityContext: { privileged: true } }] } };
    const spec = { tasks: [{ name: 'nested', pipelineSpec: { tasks: [privileged] } }], finally: [{ name: 'report', pipelineRef: { resolver: 'git', params: [] } }] };
    const pipeline = { apiVersion: 'tekton.dev/v1beta1', kind: 'Pipeline', metadata: { name: 'outer', namespace: 'ci' }, spec };
    const droppedBy = (object: string) => `is dropped when Tekton converts the ${object} to tekton.dev/v1, the version it stores and runs `
      + '(v1beta1 keeps neither pipelineSpec nor pipelineRef of a pipeline task): what it holds never runs, and the pipeline '
      + 'task is left with nothing to run, so every run of the pipeline fails validation';
    expect(TEKTON_FIELD_NAMES.check(pipeline)).toEqual([
      {
        rule: RuleId.TEKTON_FIELD_NAMES,
        kind: 'Pipeline',
        name: 'outer',
        property: 'spec.tasks[0].pipelineSpec',
        value: 'pipelineSpec',
        problem: droppedBy('tekton.dev/v1beta1 Pipeline'),
        fix: 'Write the Pipeline as tekton.dev/v1 (whose pipeline tasks keep pipelineSpec, with v1\'s field names), or give the pipeline task '
          + 'a taskRef or taskSpec in place of spec.tasks[0].pipelineSpec; this rule cannot be relaxed.',
      },
      {
        rule: RuleId.TEKTON_FIELD_NAMES,
        kind: 'Pipeline',
        name: 'outer',
        property: 'spec.finally[0].pipelineRef',
        value: 'pipelineRef',
        problem: droppedBy('tekton.dev/v1beta1 Pipeline'),
        fix: 'Write the Pipeline as tekton.dev/v1 (whose pipeline tasks keep pipelineRef, with v1\'s field names), or give the pipeline task '
          + 'a taskRef or taskSpec in place of spec.finally[0].pipelineRef; this rule cannot be relaxed.',
      },
    ]);
    // the catalogue reads the Pipeline as Tekton stores it: nothing of the nested pipeline, nor the dropped reference; but
    // the webhook, before the conversion, refuses both alpha fields under Tekton's default enable-api-fields (beta)
    expect(RuleCatalogue.check(pipeline).map((f) => [f.rule, f.property])).toEqual([
      [RuleId.TEKTON_FIELD_NAMES, 'spec.tasks[0].pipelineSpec'],
      [RuleId.TEKTON_FIELD_NAMES, 'spec.finally[0].pipelineRef'],
      [RuleId.TEKTON_ADMITTED, 'spec.tasks[0].pipelineSpec'],
      [RuleId.TEKTON_ADMITTED, 'spec.finally[0].pipelineRef'],
    ]);
    // a v1beta1 PipelineRun's own pipelineSpec is converted the same way (it is kept, its tasks' pipelineSpecs are not)
    const run = { apiVersion: 'tekton.dev/v1beta1', kind: 'PipelineRun', metadata: { name: 'run', namespace: 'ci' }, spec: { pipelineSpec: spec } };
    expect(summary(run)).toEqual([
      ['spec.pipelineSpec.tasks[0].pipelineSpec', 'pipelineSpec', droppedBy('tekton.dev/v1beta1 PipelineRun')],
      ['spec.pipelineSpec.finally[0].pipelineRef', 'pipelineRef', droppedBy('tekton.dev/v1beta1 PipelineRun')],
    ]);
    expect(RuleCatalogue.check(run).filter((f) => f.location !== undefined && f.rule !== RuleId.TEKTON_ADMITTED)).toEqual([]);
    // (the webhook refuses the alpha fields under Tekton's default enable-api-fields, as for the Pipeline)
    expect(RuleCatalogue.check(run).filter((f) => f.rule === RuleId.TEKTON_ADMITTED).map((f) => f.property))
      .toEqual(['spec.pipelineSpec.tasks[0].pipelineSpec', 'spec.pipelineSpec.finally[0].pipelineRef']);
    // v1 keeps both: no finding, and the other rules judge the nested pipeline
    const v1 = { ...pipeline, apiVersion: 'tekton.dev/v1' };
    expect(TEKTON_FIELD_NAMES.check(v1)).toEqual([]);
    expect(RuleCatalogue.check(v1).filter((f) => f.rule === RuleId.NOT_PRIVILEGED).map((f) => [f.location, f.property]))
      .toEqual([["task 'nested' task 'inner' step 's'", 'securityContext.privileged']]);
  });

  test('non-compliant: a key the fields of a param\'s or result\'s properties do not have (any property name, each with only type)', () => {
    const properties = { URL: { type: 'string' }, Email: { Type: 'string' }, user: { type: 'string', required: true } };
    const spec = taskSpec({ params: [{ name: 'o', type: 'object', properties }], results: [{ name: 'r', type: 'object', properties: { Digest: { type: 'string', kind: 'x' } } }] });
    expect(summary(task(spec))).toEqual([
      ['spec.params[0].properties.Email.Type', 'Type', dropped('tekton.dev/v1 Task')],
      ['spec.params[0].properties.user.required', 'required', dropped('tekton.dev/v1 Task')],
      ['spec.results[0].properties.Digest.kind', 'kind', dropped('tekton.dev/v1 Task')],
    ]);
    // embedded, the API server keeps them and Tekton's webhook decodes them
    expect(summary(taskRun(spec))).toEqual([
      ['spec.taskSpec.params[0].properties.Email.Type', 'Type', decodedAs('type')],
      ['spec.taskSpec.params[0].properties.user.required', 'required', refused('tekton.dev/v1 TaskRun')],
      ['spec.taskSpec.results[0].properties.Digest.kind', 'kind', refused('tekton.dev/v1 TaskRun')],
    ]);
  });

  test('non-compliant: a v1beta1 taskRef\'s or pipelineRef\'s bundle, which Tekton v1.15 refuses on create and its conversion to v1 drops', () => {
    const bundle = `gcr.io/tekton-releases/catalog/upstream/git-clone@sha256:${'a'.repeat(64)}`;
    const refusedOnCreate = (object: string) => 'is refused by Tekton\'s webhook when the object is created (Tekton v1.15 no longer fetches a bundle this way) and dropped '
      + `when it converts the ${object} to tekton.dev/v1, the version it stores and runs`;
    const fix = (ref: string) => `Fetch the bundle with the bundles resolver: write ${ref} as { resolver: bundles, params: [{ name: bundle, value: <bundle> }, `
      + '{ name: name, value: <name> }, { name: kind, value: task or pipeline }] }; this rule cannot be relaxed.';
    const pipeline = { apiVersion: 'tekton.dev/v1beta1', kind: 'Pipeline', metadata: { name: 'p' }, spec: { tasks: [{ name: 'clone', taskRef: { name: 'git-clone', bundle } }] } };
    expect(TEKTON_FIELD_NAMES.check(pipeline)).toEqual([{
      rule: RuleId.TEKTON_FIELD_NAMES,
      kind: 'Pipeline',
      name: 'p',
      property: 'spec.tasks[0].taskRef.bundle',
      value: 'bundle',
      problem: refusedOnCreate('tekton.dev/v1beta1 Pipeline'),
      fix: fix('spec.tasks[0].taskRef'),
    }]);
    const run = { apiVersion: 'tekton.dev/v1beta1', kind: 'PipelineRun', metadata: { name: 'r' }, spec: { pipelineRef: { name: 'build', bundle } } };
    expect(TEKTON_FIELD_NAMES.check(run).map((f) => [f.property, f.problem, f.fix])).toEqual([
      ['spec.pipelineRef.bundle', refusedOnCreate('tekton.dev/v1beta1 PipelineRun'), fix('spec.pipelineRef')],
    ]);
    expect(summary(taskRun({ steps: [] }, { taskSpec: undefined, taskRef: { name: 'git-clone', bundle } }, 'tekton.dev/v1beta1'))).toEqual([
      ['spec.taskRef.bundle', 'bundle', refusedOnCreate('tekton.dev/v1beta1 TaskRun')],
    ]);
  });

  test('non-compliant: a node of another JSON type where the webhook decodes a Go type (a list for a pipelineSpec, a mapping for volumes): one finding, its content not walked', () => {
    const wrong = (written: string, what: string, object: string) => `is the wrong JSON type: Tekton's webhook decodes ${what} from it, and Go's JSON decoding `
      + `cannot turn ${written} into one, so the webhook refuses the ${object}`;
    const listed = { apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { name: 'r', namespace: 'ci' }, spec: { pipelineSpec: [{ name: 'noop', taskSpec: taskSpec() }] } };
    expect(summary(listed)).toEqual([['spec.pipelineSpec', 'list', wrong('a list', 'a pipeline spec', 'tekton.dev/v1 PipelineRun')]]);
    expect(TEKTON_FIELD_NAMES.check(listed)[0].fix).toBe('Write spec.pipelineSpec as one mapping of its fields; this rule cannot be relaxed.');
    expect(summary(taskRun('echo'))).toEqual([['spec.taskSpec', 'string', wrong('a string', 'a task spec', 'tekton.dev/v1 TaskRun')]]);
    expect(summary(taskRun(taskSpec({ volumes: { name: 'tmp', emptyDir: {} } })))).toEqual([
      ['spec.taskSpec.volumes', 'mapping', wrong('a mapping', 'a list of Volumes', 'tekton.dev/v1 TaskRun')],
    ]);
    expect(summary(taskRun(taskSpec(), { podTemplate: { securityContext: [{ runAsNonRoot: true }] } }))).toEqual([
      ['spec.podTemplate.securityContext', 'list', wrong('a list', 'a PodSecurityContext', 'tekton.dev/v1 TaskRun')],
    ]);
    // null is no value: the field is unset
    expect(summary(taskRun(null))).toEqual([]);
  });

  test('the audit reports it among the other rules of the catalogue', () => {
    const run = taskRun(taskSpec({ Volumes: [] }));
    expect(RuleCatalogue.check(run).filter((f) => f.rule === RuleId.TEKTON_FIELD_NAMES).map((f) => f.property)).toEqual(['spec.taskSpec.Volumes']);
  });
});

describeWithOracle('TEKTON_FIELD_NAMES against Tekton v1.15\'s webhook (the oracle)', () => {
  test('the webhook reads each key the rule finds as the field it names', () => {
    // a step with `command` and a script spelled otherwise: Tekton refuses the pair, so it read the script
    for (const key of ['Script', 'SCRIPT', '\u017fcript']) {
      const run = taskRun({ steps: [{ name: 'a', image: 'alpine', command: ['sh'], [key]: 'echo' }] });
      expect(TEKTON_FIELD_NAMES.check(run).map((f) => f.value)).toEqual([key]);
      expect(runOracle([run]).verdicts[0].errors).toEqual(['script cannot be used with command: spec.taskSpec.steps[0].script']);
    }
    // a key that is no field, where the API server keeps it: the webhook refuses the object
    const unknown = taskRun({ steps: [{ name: 'a', image: 'alpine', resources: {} }] });
    expect(TEKTON_FIELD_NAMES.check(unknown).map((f) => f.value)).toEqual(['resources']);
    expect(runOracle([unknown]).verdicts[0].errors).toEqual(['cannot decode incoming new object: json: unknown field "resources"']);
    // a param property's fields are decoded the same way
    const property = taskRun({ params: [{ name: 'o', type: 'object', properties: { a: { type: 'string', required: true } } }], steps: [{ name: 'a', image: 'alpine' }] });
    expect(TEKTON_FIELD_NAMES.check(property).map((f) => f.value)).toEqual(['required']);
    expect(runOracle([property]).verdicts[0].errors).toEqual(['cannot decode incoming new object: json: unknown field "required"']);
    // a v1beta1 bundle reference: refused on create
    const bundled = { apiVersion: 'tekton.dev/v1beta1', kind: 'TaskRun', metadata: { name: 'run' }, spec: { taskRef: { name: 'git-clone', bundle: 'gcr.io/x/y:1' } } };
    expect(TEKTON_FIELD_NAMES.check(bundled).map((f) => f.value)).toEqual(['bundle']);
    expect(runOracle([bundled]).verdicts[0].errors).toEqual(['must not set the field(s): spec.taskRef.bundle']);
    // a pipelineSpec written as a list: the webhook cannot decode it
    const listed = { apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { name: 'r' }, spec: { pipelineSpec: [{ name: 'noop', taskSpec: { steps: [{ name: 'a', image: 'alpine' }] } }] } };
    expect(TEKTON_FIELD_NAMES.check(listed).map((f) => f.value)).toEqual(['list']);
    expect(runOracle([listed]).verdicts[0].errors[0]).toContain('cannot unmarshal array');
    const pod = taskRun({ steps: [{ name: 'a', image: 'alpine' }] }, { podTemplate: { securityContext: { RunAsUser: 'x' } } });
    expect(TEKTON_FIELD_NAMES.check(pod).map((f) => f.value)).toEqual(['RunAsUser']);
    expect(runOracle([pod]).verdicts[0].errors[0]).toContain('PodSecurityContext.spec.podTemplate.securityContext.runAsUser of type int64');
  });

  test('a PipelineLoop (kfp-tekton) is walked along its Go type, all of it decoded: by its webhook as an object, by its controller embedded', () => {
    const inner = { tasks: [{ name: 'e', taskSpec: { steps: [{ name: 's', image: 'x', SecurityContext: { privileged: true } }] } }] };
    const spec = { PipelineSpec: inner, podTemplat: {}, podTemplate: { HostNetwork: true }, parallelism: 2 };
    const WEBHOOK = "kfp-tekton's PipelineLoop webhook";
    const CONTROLLER = "kfp-tekton's PipelineLoop controller";
    const by = (decoder: string, field: string) => `is decoded by ${decoder} as the field "${field}" (Go's JSON decoding ignores case), which is not what the other rules read`;
    expect(summary(pipelineLoop(spec))).toEqual([
      ['spec.PipelineSpec', 'PipelineSpec', by(WEBHOOK, 'pipelineSpec')],
      ['spec.PipelineSpec.tasks[0].taskSpec.steps[0].SecurityContext', 'SecurityContext', by(WEBHOOK, 'securityContext')],
      ['spec.podTemplat', 'podTemplat', `is not a field of custom.tekton.dev PipelineLoop there: ${WEBHOOK} refuses the object (it decodes it with unknown fields disallowed)`],
      ['spec.podTemplate.HostNetwork', 'HostNetwork', by(WEBHOOK, 'hostNetwork')],
    ]);
    const at = 'spec.tasks[0].taskSpec.spec';
    expect(summary(loopInPipeline(spec))).toEqual([
      [`${at}.PipelineSpec`, 'PipelineSpec', by(CONTROLLER, 'pipelineSpec')],
      [`${at}.PipelineSpec.tasks[0].taskSpec.steps[0].SecurityContext`, 'SecurityContext', by(CONTROLLER, 'securityContext')],
      [`${at}.podTemplat`, 'podTemplat', `is not a field of custom.tekton.dev PipelineLoop there: ${CONTROLLER} drops it when it decodes the loop, so it has no effect`],
      [`${at}.podTemplate.HostNetwork`, 'HostNetwork', by(CONTROLLER, 'hostNetwork')],
    ]);
    expect(summary(pipelineLoop({ pipelineSpec: { tasks: [] }, podTemplate: { hostNetwork: false }, iterationNumberParam: 'i', timeout: '1h' }))).toEqual([]);
    // a wrong JSON type where the controller decodes a pipeline spec fails the loop's CustomRun
    expect(summary(loopInPipeline({ pipelineSpec: [] }))).toEqual([[`${at}.pipelineSpec`, 'list',
      `is the wrong JSON type: ${CONTROLLER} decodes a pipeline spec from it, and Go's JSON decoding cannot turn a list into one, so the loop's CustomRun fails`]]);
  });
});

