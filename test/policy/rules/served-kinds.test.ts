import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart, Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { describeRule } from './fixtures';
import { Relaxations, RuleCatalogue, RuleId, Severity, TektonFeatureFlags } from '../../../src';
import { audit } from '../../../src/cli/audit';
import { SERVED_KINDS } from '../../../src/policy/rules/served-kinds';
import { nearestKind, SERVED_TABLE } from '../../../src/private/served-kinds';

const object = (apiVersion: string, kind: string, extra: Record<string, any> = {}) => ({ apiVersion, kind, metadata: { name: 'x', namespace: 'ci' }, ...extra });
const refused = (kind: string, apiVersion: string) =>
  `so no client can create the object: kubectl apply fails with no matches for kind "${kind}" in version "${apiVersion}", and nothing of it reaches the cluster`;

describe('SERVED_KINDS', () => {
  describeRule(SERVED_KINDS, RuleId.SERVED_KINDS, Severity.LOW, true);

  test('the metadata', () => {
    expect(SERVED_KINDS.title).toBe('Objects of the API groups the rules read are of a kind and version their API server serves');
    expect(SERVED_KINDS.fix).toBe('Write the apiVersion and kind the API server serves for the object (the finding names them).');
  });

  test('every kind and version the table serves passes, and so does what the library writes', () => {
    for (const [group, kinds] of Object.entries(SERVED_TABLE)) {
      for (const [kind, servings] of Object.entries(kinds)) {
        for (const s of servings) expect(SERVED_KINDS.check(object(group === '' ? s.version : `${group}/${s.version}`, kind))).toEqual([]);
      }
    }
  });

  test('a Triggers kind written with tekton.dev: the group that serves it, and the version to write', () => {
    expect(SERVED_KINDS.check(object('tekton.dev/v1', 'TriggerTemplate'))).toEqual([{
      rule: RuleId.SERVED_KINDS,
      kind: 'TriggerTemplate',
      name: 'x',
      property: 'apiVersion',
      value: 'tekton.dev/v1',
      problem: 'names an API group that serves no kind TriggerTemplate: triggers.tekton.dev serves it as v1beta1 and v1alpha1 (Tekton Triggers v0.37), '
        + refused('TriggerTemplate', 'tekton.dev/v1'),
      fix: 'Write apiVersion: triggers.tekton.dev/v1beta1.',
    }]);
    // the version written, where the group that serves the kind serves it too
    expect(SERVED_KINDS.check(object('tekton.dev/v1alpha1', 'EventListener'))[0].fix).toBe('Write apiVersion: triggers.tekton.dev/v1alpha1.');
  });

  test('a version the group does not serve the kind at: the versions it serves', () => {
    expect(SERVED_KINDS.check(object('triggers.tekton.dev/v1', 'TriggerBinding'))).toEqual([expect.objectContaining({
      property: 'apiVersion',
      value: 'triggers.tekton.dev/v1',
      problem: 'is not a version triggers.tekton.dev serves TriggerBinding at: it serves TriggerBinding as v1beta1 and v1alpha1 (Tekton Triggers v0.37), '
        + refused('TriggerBinding', 'triggers.tekton.dev/v1'),
      fix: 'Write apiVersion: triggers.tekton.dev/v1beta1 (with the fields of that version).',
    })]);
    // Tekton's v1alpha1 Tasks are gone
    expect(SERVED_KINDS.check(object('tekton.dev/v1alpha1', 'Task'))[0]).toEqual(expect.objectContaining({
      problem: `is not a version tekton.dev serves Task at: it serves Task as v1 and v1beta1 (Tekton Pipelines v1.15), ${refused('Task', 'tekton.dev/v1alpha1')}`,
      fix: 'Write apiVersion: tekton.dev/v1 (with the fields of that version).',
    }));
    expect(SERVED_KINDS.check(object('operator.tekton.dev/v1', 'TektonConfig'))[0].problem).toBe('is not a version operator.tekton.dev serves TektonConfig at: '
      + `it serves TektonConfig as v1alpha1 (the Tekton operator v0.81), ${refused('TektonConfig', 'operator.tekton.dev/v1')}`);
    // Kubernetes: the releases that serve each version
    expect(SERVED_KINDS.check(object('admissionregistration.k8s.io/v2', 'ValidatingAdmissionPolicy'))[0].problem).toBe(
      'is not a version admissionregistration.k8s.io serves ValidatingAdmissionPolicy at: it serves ValidatingAdmissionPolicy as v1 (Kubernetes 1.30 on), '
      + `v1beta1 (Kubernetes 1.28 to 1.33) and v1alpha1 (Kubernetes 1.28 to 1.31), ${refused('ValidatingAdmissionPolicy', 'admissionregistration.k8s.io/v2')}`);
    expect(SERVED_KINDS.check(object('batch/v1beta1', 'CronJob'))[0].fix).toBe('Write apiVersion: batch/v1 (with the fields of that version).');
    expect(SERVED_KINDS.check(object('rbac.authorization.k8s.io/v1beta1', 'Role'))[0].problem).toBe('is not a version rbac.authorization.k8s.io serves Role '
      + `at: it serves Role as v1 (Kubernetes), ${refused('Role', 'rbac.authorization.k8s.io/v1beta1')}`);
  });

  test('a kind of another group: extensions, the core group', () => {
    expect(SERVED_KINDS.check(object('extensions/v1beta1', 'Deployment'))).toEqual([expect.objectContaining({
      property: 'apiVersion',
      value: 'extensions/v1beta1',
      problem: `names an API group that serves no kind Deployment: apps serves it as v1 (Kubernetes), ${refused('Deployment', 'extensions/v1beta1')}`,
      fix: 'Write apiVersion: apps/v1.',
    })]);
    expect(SERVED_KINDS.check(object('v1', 'Task'))[0]).toEqual(expect.objectContaining({
      problem: `names an API group that serves no kind Task: tekton.dev serves it as v1 and v1beta1 (Tekton Pipelines v1.15), ${refused('Task', 'v1')}`,
      fix: 'Write apiVersion: tekton.dev/v1.',
    }));
    expect(SERVED_KINDS.check(object('networking.k8s.io/v1', 'Secret'))[0].problem).toBe(
      `names an API group that serves no kind Secret: the core group serves it as v1 (Kubernetes), ${refused('Secret', 'networking.k8s.io/v1')}`);
  });

  test('a kind Tekton Pipelines removed: what to write in its place, not a group that serves it (none does)', () => {
    const kinds = 'its kinds are CustomRun, Pipeline, PipelineRun, StepAction, Task, TaskRun and VerificationPolicy';
    // Kabanero's TriggerTemplates create PipelineResources, its pipelines guard tasks with Conditions
    expect(SERVED_KINDS.check(object('tekton.dev/v1alpha1', 'PipelineResource'))).toEqual([{
      rule: RuleId.SERVED_KINDS,
      kind: 'PipelineResource',
      name: 'x',
      property: 'kind',
      value: 'PipelineResource',
      problem: `is no kind tekton.dev serves (${kinds}): Tekton Pipelines removed PipelineResources (TEP-0074), with the \`resources\` of `
        + `Tasks, Pipelines and their runs, ${refused('PipelineResource', 'tekton.dev/v1alpha1')}; no rule checks it`,
      fix: 'Remove the PipelineResource, and pass what it held to the tasks as params (a URL, a revision, an image reference) and '
        + 'workspaces (a git-clone Task fills one with the repository), as Tekton\'s docs/pipelineresources.md describes.',
    }]);
    const condition = SERVED_KINDS.check(object('tekton.dev/v1alpha1', 'Condition'));
    expect(condition.map((p) => [p.property, p.problem, p.fix])).toEqual([['kind',
      `is no kind tekton.dev serves (${kinds}): Tekton Pipelines removed Conditions, replaced by the when expressions of a pipeline task, `
        + `${refused('Condition', 'tekton.dev/v1alpha1')}; no rule checks it`,
      'Remove the Condition, and guard the pipeline task with when: [{ input: ..., operator: in, values: [...] }] on a param, '
        + 'or on a result of a task that runs the check.']]);
    const run = SERVED_KINDS.check(object('tekton.dev/v1alpha1', 'Run'));
    expect(run.map((p) => [p.property, p.problem, p.fix])).toEqual([['kind',
      `is no kind tekton.dev serves (${kinds}): Tekton Pipelines removed the v1alpha1 Run (TEP-0114), replaced by the v1beta1 CustomRun, `
        + `${refused('Run', 'tekton.dev/v1alpha1')}; no rule checks it`,
      'Write apiVersion: tekton.dev/v1beta1 and kind: CustomRun, with spec.ref written as spec.customRef and spec.spec as spec.customSpec.']]);
    const clusterTask = SERVED_KINDS.check(object('tekton.dev/v1beta1', 'ClusterTask'));
    expect(clusterTask.map((p) => [p.property, p.problem, p.fix])).toEqual([['kind',
      `is no kind tekton.dev serves (${kinds}): Tekton Pipelines removed ClusterTasks, replaced by the cluster resolver, `
        + `${refused('ClusterTask', 'tekton.dev/v1beta1')}; no rule checks it`,
      'Write kind: Task in a namespace of its own, and have runs fetch it with taskRef: { resolver: cluster, params: '
        + '[{ name: kind, value: task }, { name: name, value: <name> }, { name: namespace, value: <namespace> }] }.']]);
    // in another group the rules know, no group serves it either: what replaces it, not "the API group that serves" it
    const triggers = 'its kinds are ClusterInterceptor, ClusterTriggerBinding, EventListener, Interceptor, Trigger, TriggerBinding and TriggerTemplate';
    expect(SERVED_KINDS.check(object('triggers.tekton.dev/v1beta1', 'ClusterTask')).map((p) => [p.property, p.problem, p.fix])).toEqual([['kind',
      `is no kind triggers.tekton.dev serves (${triggers}), nor does any other API group: Tekton Pipelines removed ClusterTasks, replaced by the cluster resolver, `
        + `${refused('ClusterTask', 'triggers.tekton.dev/v1beta1')}; no rule checks it`,
      'Write kind: Task in a namespace of its own, and have runs fetch it with taskRef: { resolver: cluster, params: '
        + '[{ name: kind, value: task }, { name: name, value: <name> }, { name: namespace, value: <namespace> }] }.']]);
    expect(SERVED_KINDS.check(object('triggers.tekton.dev/v1beta1', 'Condition'))[0].fix).toBe(
      'Remove the Condition, and guard the pipeline task with when: [{ input: ..., operator: in, values: [...] }] on a param, '
        + 'or on a result of a task that runs the check.');
    // kinds are case-sensitive (apimachinery meta/restmapper.go RESTMappings looks the group, version and kind up as written):
    // kubectl finds no `clustertask` either, and what was meant is the removed ClusterTask
    expect(SERVED_KINDS.check(object('tekton.dev/v1beta1', 'clustertask')).map((p) => [p.property, p.problem, p.fix])).toEqual([['kind',
      `is no kind tekton.dev serves (${kinds}; kinds are case-sensitive): Tekton Pipelines removed ClusterTasks, replaced by the cluster resolver, `
        + `${refused('clustertask', 'tekton.dev/v1beta1')}; no rule checks it`,
      'Write kind: Task in a namespace of its own, and have runs fetch it with taskRef: { resolver: cluster, params: '
        + '[{ name: kind, value: task }, { name: name, value: <name> }, { name: namespace, value: <namespace> }] }.']]);
    // a misspelling of a removed kind is no removed kind
    expect(SERVED_KINDS.check(object('tekton.dev/v1alpha1', 'PipelineResources'))[0].fix).toBe(
      'Write one of the kinds tekton.dev serves, or the apiVersion of the API group that serves PipelineResources.');
  });

  test('a kind no group serves: the nearest kind of its group, case included', () => {
    const kinds = 'its kinds are CustomRun, Pipeline, PipelineRun, StepAction, Task, TaskRun and VerificationPolicy';
    expect(SERVED_KINDS.check(object('tekton.dev/v1', 'Pipelin'))).toEqual([{
      rule: RuleId.SERVED_KINDS,
      kind: 'Pipelin',
      name: 'x',
      property: 'kind',
      value: 'Pipelin',
      problem: `is no kind tekton.dev serves (${kinds}), ${refused('Pipelin', 'tekton.dev/v1')}; no rule checks it as the kind it was meant to be`,
      fix: 'Write kind: Pipeline (the kind of tekton.dev nearest to "Pipelin"), or the apiVersion of the API group that serves Pipelin.',
    }]);
    expect(SERVED_KINDS.check(object('tekton.dev/v1', 'pipelinerun'))[0].fix).toBe(
      'Write kind: PipelineRun (the kind of tekton.dev nearest to "pipelinerun"), or the apiVersion of the API group that serves pipelinerun.');
    // a kind nothing is near and Tekton never served
    expect(SERVED_KINDS.check(object('tekton.dev/v1', 'Conditon'))[0].fix).toBe(
      'Write one of the kinds tekton.dev serves, or the apiVersion of the API group that serves Conditon.');
    expect(SERVED_KINDS.check(object('extensions/v1beta1', 'Thing'))[0].problem).toBe(
      `is no kind extensions serves (it serves none), ${refused('Thing', 'extensions/v1beta1')}; no rule checks it as the kind it was meant to be`);
    expect(nearestKind('tekton.dev', 'Taks')).toBe('Task');
    expect(nearestKind('tekton.dev', 'Build')).toBeUndefined();
  });

  test('a group one or two edits from one that serves the kind; any other group is not judged', () => {
    expect(SERVED_KINDS.check(object('tekton.dv/v1', 'Task'))).toEqual([expect.objectContaining({
      property: 'apiVersion',
      value: 'tekton.dv/v1',
      problem: 'names the API group tekton.dv, which serves no kind the rules know; tekton.dev serves Task as v1 and v1beta1 (Tekton Pipelines v1.15), '
        + `${refused('Task', 'tekton.dv/v1')} (unless a CRD of the cluster defines Task in tekton.dv)`,
      fix: 'Write apiVersion: tekton.dev/v1.',
    })]);
    expect(SERVED_KINDS.check(object('Triggers.Tekton.dev/v1beta1', 'Trigger'))[0].fix).toBe('Write apiVersion: triggers.tekton.dev/v1beta1.');
    for (const m of [
      object('example.com/v1', 'Task'),
      object('tekton.dv/v1', 'Widget'),
      object('kustomize.config.k8s.io/v1beta1', 'Kustomization'),
      // a kustomization.yaml: no group the table knows serves the kind
      { kind: 'Kustomization', resources: ['a.yaml'] },
      // an empty apiVersion of a core kind: kubectl maps it in the core group
      { apiVersion: '', kind: 'ConfigMap', metadata: { name: 'x' } },
      object('a/b/c', 'Task'),
      // a list to kubectl, whatever its kind
      object('v1', 'List', { items: [] }),
      object('v1', 'PodList', { items: [object('v1', 'Pod')] }),
      // a kind that is no string (the reader refuses it; a rule never throws on it)
      { ...object('v1', 'Pod'), kind: { toString: 'x', constructor: { prototype: 1 } } },
      { ...object('v1', 'Pod'), kind: '' },
    ]) {
      expect(SERVED_KINDS.appliesTo(m)).toBe(false);
      expect(SERVED_KINDS.check(m)).toEqual([]);
    }
    // custom.tekton.dev is shared: a kind other projects define there (tektoncd/experimental's TaskLoop) passes
    expect(SERVED_KINDS.check(object('custom.tekton.dev/v1alpha1', 'TaskLoop'))).toEqual([]);
  });

  test('an object without an apiVersion: kubectl refuses it, and the apiVersion of the group that serves the kind', () => {
    const said = 'is written without an apiVersion: apiVersion is not set, so kubectl refuses the object (kubectl apply fails with error validating data: '
      + 'apiVersion not set) and nothing of it reaches the cluster (Triggers\' webhook likewise refuses a TriggerTemplate whose resource template has none); ';
    const rest = 'and the rules that read its kind alone judge it as that kind all the same';
    expect(SERVED_KINDS.check({ kind: 'Task', metadata: { name: 'x', namespace: 'ci' } })).toEqual([{
      rule: RuleId.SERVED_KINDS,
      kind: 'Task',
      name: 'x',
      property: 'kind',
      value: 'Task',
      problem: `${said}tekton.dev serves Task as v1 and v1beta1 (Tekton Pipelines v1.15), ${rest}`,
      fix: 'Write apiVersion: tekton.dev/v1 (with the fields of that version).',
    }]);
    expect(SERVED_KINDS.check({ apiVersion: null, kind: 'ConfigMap', metadata: { name: 'x' } })[0]).toEqual(expect.objectContaining({
      problem: `${said}the core group serves ConfigMap as v1 (Kubernetes), ${rest}`,
      fix: 'Write apiVersion: v1 (with the fields of that version).',
    }));
    expect(SERVED_KINDS.check({ kind: 'EventListener', metadata: { name: 'x' } })[0].fix).toBe('Write apiVersion: triggers.tekton.dev/v1beta1 (with the fields of that version).');
    // an empty one passes kubectl's validation and is looked up in the core group
    expect(SERVED_KINDS.check({ apiVersion: '', kind: 'Pipeline', metadata: { name: 'x' } })[0].problem).toBe('is written with an empty apiVersion, so kubectl looks for '
      + 'the kind in the core group and refuses the object (kubectl apply fails with no matches for kind "Pipeline" in group "") and nothing of it reaches the '
      + `cluster (Triggers' webhook likewise refuses a TriggerTemplate whose resource template has none); tekton.dev serves Pipeline as v1 and v1beta1 (Tekton Pipelines v1.15), ${rest}`);
  });

  test('Pipelines-as-Code and kfp-tekton: the versions their CRDs serve; a kind of custom.tekton.dev only when it is near one of kfp-tekton\'s', () => {
    expect(SERVED_KINDS.check(object('pipelinesascode.tekton.dev/v1beta1', 'Repository'))).toEqual([expect.objectContaining({
      property: 'apiVersion',
      problem: 'is not a version pipelinesascode.tekton.dev serves Repository at: it serves Repository as v1alpha1 (Pipelines-as-Code v0.43), '
        + refused('Repository', 'pipelinesascode.tekton.dev/v1beta1'),
      fix: 'Write apiVersion: pipelinesascode.tekton.dev/v1alpha1 (with the fields of that version).',
    })]);
    expect(SERVED_KINDS.check(object('pipelinesascode.tekton.dev/v1alpha1', 'Repo'))[0].problem).toBe('is no kind pipelinesascode.tekton.dev serves (its kinds are '
      + `Repository), ${refused('Repo', 'pipelinesascode.tekton.dev/v1alpha1')}; no rule checks it as the kind it was meant to be`);
    expect(SERVED_KINDS.check(object('custom.tekton.dev/v1', 'PipelineLoop'))[0].fix).toBe('Write apiVersion: custom.tekton.dev/v1alpha1 (with the fields of that version).');
    expect(SERVED_KINDS.check(object('custom.tekton.dev/v1alpha1', 'PipelineLop'))).toEqual([expect.objectContaining({
      property: 'kind',
      value: 'PipelineLop',
      problem: 'is no kind custom.tekton.dev serves as the rules know it (BreakTask, ExitHandler, KfpTask and PipelineLoop of v1alpha1 (kfp-tekton v2.0.5)), '
        + `${refused('PipelineLop', 'custom.tekton.dev/v1alpha1')} (unless a CRD of the cluster defines PipelineLop in custom.tekton.dev); `
        + 'no rule checks it as the PipelineLoop it is nearest to',
      fix: 'Write kind: PipelineLoop (the kind of custom.tekton.dev nearest to "PipelineLop").',
    })]);
    // a typo of the group, now that the table knows it
    expect(SERVED_KINDS.check(object('pipelinesascode.tekton.dv/v1alpha1', 'Repository'))[0].fix).toBe('Write apiVersion: pipelinesascode.tekton.dev/v1alpha1.');
  });

  test('a misspelled Triggers kind that holds templates: the finding says its templates are judged as the nearest kind\'s', () => {
    expect(SERVED_KINDS.check(object('triggers.tekton.dev/v1beta1', 'TriggerTemplat'))).toEqual([expect.objectContaining({
      property: 'kind',
      value: 'TriggerTemplat',
      problem: 'is no kind triggers.tekton.dev serves (its kinds are ClusterInterceptor, ClusterTriggerBinding, EventListener, Interceptor, Trigger, TriggerBinding '
        + `and TriggerTemplate), ${refused('TriggerTemplat', 'triggers.tekton.dev/v1beta1')}; its resource templates are judged as those of the TriggerTemplate `
        + 'it is nearest to, and no rule reads its own fields as that kind\'s',
      fix: 'Write kind: TriggerTemplate (the kind of triggers.tekton.dev nearest to "TriggerTemplat"), or the apiVersion of the API group that serves TriggerTemplat.',
    })]);
    // written with tekton.dev too: both to fix
    expect(SERVED_KINDS.check(object('tekton.dev/v1alpha1', 'EventListner'))).toEqual([expect.objectContaining({
      property: 'kind',
      problem: 'is no kind tekton.dev serves (its kinds are CustomRun, Pipeline, PipelineRun, StepAction, Task, TaskRun and VerificationPolicy), '
        + `${refused('EventListner', 'tekton.dev/v1alpha1')}; its resource templates are judged as those of the EventListener of triggers.tekton.dev it is `
        + 'nearest to, and no rule reads its own fields as that kind\'s',
      fix: 'Write apiVersion: triggers.tekton.dev/v1alpha1 and kind: EventListener.',
    })]);
    // a kind that holds no templates keeps the plain finding
    expect(SERVED_KINDS.check(object('triggers.tekton.dev/v1beta1', 'TriggerBindng'))[0].problem).toMatch(/; no rule checks it as the kind it was meant to be$/);
  });

  test('the CRDs of the Go module cache serve exactly what the table says (when Go is there)', () => {
    const cache = process.env.GOMODCACHE ?? path.join(os.homedir(), 'go', 'pkg', 'mod');
    const dirs: Array<[string, string]> = [
      [path.join(cache, 'github.com/tektoncd/pipeline@v1.15.0/config/300-crds'), ''],
      [path.join(cache, 'github.com/tektoncd/triggers@v0.37.0/config'), '300-'],
      [path.join(cache, 'github.com/tektoncd/operator@v0.81.0/config/base/generated-crds'), ''],
    ];
    if (!dirs.every(([d]) => fs.existsSync(d))) return;
    const served: Record<string, Record<string, string[]>> = {};
    for (const [dir, prefix] of dirs) {
      for (const f of fs.readdirSync(dir).filter((n) => n.startsWith(prefix) && n.endsWith('.yaml'))) {
        for (const doc of parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8'))) {
          const crd = doc.toJSON();
          if (crd?.kind !== 'CustomResourceDefinition') continue;
          (served[crd.spec.group] ??= {})[crd.spec.names.kind] = crd.spec.versions.filter((v: any) => v.served).map((v: any) => v.name).sort();
        }
      }
    }
    for (const group of Object.keys(served)) {
      const table = Object.fromEntries(Object.entries(SERVED_TABLE[group]).map(([k, s]) => [k, s.map((x) => x.version).sort()]));
      expect([group, table]).toEqual([group, served[group]]);
    }
    expect(Object.keys(served).sort()).toEqual(['operator.tekton.dev', 'resolution.tekton.dev', 'tekton.dev', 'triggers.tekton.dev']);
  });

  test('in the audit: a mis-versioned TriggerTemplate and a typo are findings at the line of what is wrong, and the runs the template creates are judged', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'served-kinds-'));
    const file = path.join(dir, 'tt.yaml');
    fs.writeFileSync(file, [
      'apiVersion: tekton.dev/v1',
      'kind: TriggerTemplate',
      'metadata: {name: build, namespace: ci}',
      'spec:',
      '  resourcetemplates:',
      '  - apiVersion: tekton.dev/v1',
      '    kind: PipelineRun',
      '    metadata: {generateName: build-}',
      '    spec: {pipelineRef: {name: build}}',
      '---',
      'apiVersion: tekton.dev/v1',
      'kind: Pipelin',
      'metadata: {name: build, namespace: ci}',
      '',
    ].join('\n'));
    fs.writeFileSync(path.join(dir, 'pvc.yaml'), 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: cache}\n');
    const json = JSON.parse(audit([dir], { format: 'json' }).stdout);
    const served = json.findings.filter((f: any) => f.rule === 'SERVED_KINDS').map((f: any) => `${path.basename(f.file)}:${f.line}:${f.column} ${f.object} ${f.property}`);
    expect(served).toEqual(['tt.yaml:1:1 TriggerTemplate/ci/build apiVersion', 'tt.yaml:12:1 Pipelin/ci/build kind']);
    // the PipelineRun the template would create is judged as one (its run timeout, its ServiceAccount, ...)
    expect(json.findings.some((f: any) => f.kind === 'PipelineRun' && f.rule === 'RUN_SERVICE_ACCOUNT' && f.line === 9)).toBe(true);
    // a misspelled kind: its templates are judged as the TriggerTemplate's; an object without apiVersion is reported at its kind
    fs.writeFileSync(file, [
      'apiVersion: triggers.tekton.dev/v1beta1',
      'kind: TriggerTemplat',
      'metadata: {name: build, namespace: ci}',
      'spec:',
      '  resourcetemplates:',
      '  - apiVersion: tekton.dev/v1',
      '    kind: PipelineRun',
      '    metadata: {generateName: build-}',
      '    spec: {pipelineRef: {name: build}}',
      '---',
      'kind: Task',
      'metadata: {name: build, namespace: ci}',
      'spec: {steps: [{name: a, image: alpine}]}',
      '',
    ].join('\n'));
    const typo = JSON.parse(audit([file], { format: 'json' }).stdout);
    expect(typo.findings.filter((f: any) => f.rule === 'SERVED_KINDS').map((f: any) => `${f.line}:${f.column} ${f.object} ${f.property}`))
      .toEqual(['2:1 TriggerTemplat/ci/build kind', '11:1 Task/ci/build kind']);
    expect(typo.findings.some((f: any) => f.kind === 'PipelineRun' && f.rule === 'RUN_SERVICE_ACCOUNT' && f.line === 9)).toBe(true);
    // the Task without apiVersion is judged by the other rules all the same
    expect(typo.findings.some((f: any) => f.object === 'Task/ci/build' && f.rule === 'IMAGE_DIGEST')).toBe(true);
    // a served kind no other rule reads keeps its notice
    expect(audit([dir]).stderr).toBe(`notice: ${path.join(dir, 'pvc.yaml')}: no object of a kind the rules check (PersistentVolumeClaim): read, not checked\n`);
  });

  test('relaxed by the annotation', () => {
    const m = object('triggers.tekton.dev/v1', 'TriggerBinding', {
      metadata: { name: 'x', namespace: 'ci', annotations: { 'secure-tekton/relax.SERVED_KINDS': '*: our Triggers serves v1' } },
    });
    expect(RuleCatalogue.isRelaxable(RuleId.SERVED_KINDS)).toBe(true);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'served-kinds-'));
    fs.writeFileSync(path.join(dir, 'tb.yaml'), JSON.stringify(m));
    const json = JSON.parse(audit([dir], { format: 'json' }).stdout);
    expect(json.findings.map((f: any) => [f.rule, f.status, f.reason])).toEqual([['SERVED_KINDS', 'relaxed', 'our Triggers serves v1']]);
  });

  test('at synth: a raw ApiObject of a kind not served is refused, and relaxed on the object', () => {
    const app = Testing.app();
    const c = new Chart(app, 'c', { namespace: 'ci' });
    new TektonFeatureFlags(c, 'flags');
    const tt = new ApiObject(c, 'tt', { apiVersion: 'tekton.dev/v1', kind: 'TriggerTemplate', metadata: { name: 'tt' } });
    expect(() => app.synth()).toThrow("TriggerTemplate 'c/tt' 'tt': apiVersion \"tekton.dev/v1\" names an API group that serves no kind TriggerTemplate: "
      + `triggers.tekton.dev serves it as v1beta1 and v1alpha1 (Tekton Triggers v0.37), ${refused('TriggerTemplate', 'tekton.dev/v1')} [SERVED_KINDS]. `
      + "Write apiVersion: triggers.tekton.dev/v1beta1. Or relax SERVED_KINDS with a reason: Relaxations.of(tt).add({ rule: RuleId.SERVED_KINDS, reason: '<why>' }).");
    Relaxations.of(tt).add({ rule: RuleId.SERVED_KINDS, reason: 'the cluster serves it' });
    expect(() => app.synth()).not.toThrow();
  });
});
