import { Chart, Size, Testing } from 'cdk8s';
import { describeRule } from './fixtures';
import { RunWorkspace, RuleCatalogue, RuleId, SecurePipeline, SecurePipelineRun, SecureTask, Severity, TrustDomain } from '../../../src';
import { ruleContext } from '../../../src/policy/engine/context';
import { VALID_REFERENCE } from '../../../src/policy/rules/valid-reference';
import { storedForm } from '../../../src/private/stored-form';
import { objectsOf, step } from '../../helpers/constructs';
import { describeWithOracle, runOracle } from '../../helpers/tekton-oracle';
import { describeWithTektonSubstitute, tektonSubstitute } from '../../helpers/tekton-substitute';

const IMAGE = 'docker.io/library/alpine:3.21@sha256:a8560b36e8b8210634f77d9f7f9efd7ffa463e380b75e2e74aff4511df3ef88c';
const taskObject = (name: string, workspaces: any[]) => ({
  apiVersion: 'tekton.dev/v1',
  kind: 'Task',
  metadata: { name, namespace: 'ci' },
  spec: { workspaces, steps: [{ name: 's', image: IMAGE, script: '#!/bin/sh\ntrue' }] },
});
const pipeline = (workspaces: any[], tasks: any[]) => ({ apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'build', namespace: 'ci' }, spec: { workspaces, tasks } });
const pipelineRun = (workspaces: any[], spec: Record<string, unknown> = { pipelineRef: { name: 'build' } }) =>
  ({ apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { name: 'release', namespace: 'ci' }, spec: { ...spec, workspaces } });
const taskRun = (workspaces: any[], spec: Record<string, unknown> = { taskRef: { name: 'compile' } }) =>
  ({ apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name: 'once', namespace: 'ci' }, spec: { ...spec, workspaces } });
const vct = (name: string) => ({ name, volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } });
const check = (manifest: any, ...others: any[]) => VALID_REFERENCE.check(manifest, ruleContext([manifest, ...others]));

/** A Task with a required `source` and an optional `cache`, and a Pipeline that passes its `src` and `creds` to it. */
const compile = taskObject('compile', [{ name: 'source' }, { name: 'cache', optional: true }]);
const build = pipeline([{ name: 'src' }, { name: 'creds' }], [{ name: 'compile', taskRef: { name: 'compile' }, workspaces: [{ name: 'source', workspace: 'src' }] }]);

describe('VALID_REFERENCE', () => {
  describeRule(VALID_REFERENCE, RuleId.VALID_REFERENCE, Severity.LOW, false);

  test('a PipelineRun that leaves a required workspace of its Pipeline unbound: the reconciler fails it', () => {
    const run = pipelineRun([vct('src')]);
    expect(check(run, build, compile)).toEqual([{
      rule: RuleId.VALID_REFERENCE,
      kind: 'PipelineRun',
      name: 'release',
      property: 'spec.workspaces',
      value: 'creds',
      problem: 'is not bound, and Pipeline \'build\' declares the workspace without optional: true: Tekton admits the run, then its reconciler fails it '
        + '(reason InvalidWorkspaceBindings: pipeline requires workspace with name "creds" be provided by pipelinerun)',
      fix: 'Bind it in the run\'s spec.workspaces: - name: creds with a volume (volumeClaimTemplate: { spec: { accessModes: [ReadWriteOnce], '
        + 'resources: { requests: { storage: 1Gi } } } }, or secret: { secretName: <name> } for credentials), or mark the pipeline\'s workspace '
        + 'optional: true if every Task that receives it declares it optional.',
    }]);
    // an optional one may stay unbound; a run of a Pipeline not among the files, or fetched by a resolver, is not judged
    expect(check(pipelineRun([vct('src')]), pipeline([{ name: 'src' }, { name: 'creds', optional: true }], []))).toEqual([]);
    expect(check(run)).toEqual([]);
    expect(check(pipelineRun([vct('src')], { pipelineRef: { resolver: 'git', params: [] } }), build)).toEqual([]);
    // an embedded pipelineSpec is its pipeline
    expect(check(pipelineRun([], { pipelineSpec: { workspaces: [{ name: 'w' }], tasks: [] } })).map((f) => f.problem)).toEqual([
      'is not bound, and the run\'s pipelineSpec declares the workspace without optional: true: Tekton admits the run, then its reconciler fails it '
        + '(reason InvalidWorkspaceBindings: pipeline requires workspace with name "w" be provided by pipelinerun)',
    ]);
  });

  test('a run of a version Tekton does not serve: kubectl cannot create it, and the reconciler would fail it at a served one', () => {
    const alpha = (m: any) => ({ ...m, apiVersion: 'tekton.dev/v1alpha1' });
    expect(check(alpha(pipelineRun([vct('src')])), alpha(build), compile).map((f) => f.problem)).toEqual([
      'is not bound, and Pipeline \'build\' declares the workspace without optional: true: Tekton Pipelines v1.15 serves no PipelineRun at tekton.dev/v1alpha1, '
        + 'so kubectl cannot create the run (SERVED_KINDS); written at a version it serves, Tekton admits the run, then its reconciler fails it '
        + '(reason InvalidWorkspaceBindings: pipeline requires workspace with name "creds" be provided by pipelinerun)',
    ]);
    expect(check(alpha(taskRun([]))).length).toBe(0);
    expect(check(alpha(taskRun([])), compile).map((f) => f.problem)).toEqual([
      'is not bound, and Task \'compile\' declares the workspace without optional: true: Tekton Pipelines v1.15 serves no TaskRun at tekton.dev/v1alpha1, '
        + 'so kubectl cannot create the run (SERVED_KINDS); written at a version it serves, Tekton admits the run, then its reconciler fails it '
        + '(reason TaskRunValidationFailed: declared workspace "source" is required but has not been bound)',
    ]);
  });

  test('a binding the Pipeline does not declare and no task receives is ignored by Tekton', () => {
    expect(check(pipelineRun([vct('src'), vct('creds'), vct('sources')]), build, compile)).toEqual([{
      rule: RuleId.VALID_REFERENCE,
      kind: 'PipelineRun',
      name: 'release',
      location: "workspace 'sources'",
      target: 'workspace/sources',
      property: 'name',
      value: 'sources',
      problem: 'is not a workspace of Pipeline \'build\' (it declares "src", "creds") and no task of it receives it: Tekton admits and runs the run and ignores '
        + 'the binding, so its volume reaches no task',
      fix: 'Give the binding the name of a workspace the pipeline declares ("src", "creds"), or remove it.',
    }]);
    // one an embedded taskSpec uses is propagated to it
    const propagated = { workspaces: [], tasks: [{ name: 't', taskSpec: { steps: [{ name: 's', image: IMAGE, script: 'ls $(workspaces.extra.path)' }] } }] };
    expect(check(pipelineRun([vct('extra')], { pipelineSpec: propagated }))).toEqual([]);
  });

  test('a credentials workspace bound to a new volume holds no credentials', () => {
    const withSecret = pipelineRun([vct('src'), { name: 'creds', secret: { secretName: 'token' } }]);
    const edited = { ...pipelineRun([vct('src'), { name: 'creds', emptyDir: {} }]), metadata: { name: 'edited', namespace: 'ci' } };
    expect(check(edited, build, compile, withSecret)).toEqual([{
      rule: RuleId.VALID_REFERENCE,
      kind: 'PipelineRun',
      name: 'edited',
      location: "workspace 'creds'",
      target: 'workspace/creds',
      property: 'emptyDir',
      value: '{}',
      problem: 'is a new, empty volume for a credentials workspace of Pipeline \'build\' (one the library declares so, or a run checked with it binds to a '
        + 'Secret, CSI or projected volume): Tekton admits and runs the run, and the tasks that receive the workspace find no credentials in it and cannot authenticate',
      fix: 'Bind it to the credentials: - name: creds with secret: { secretName: <Secret name> } (or csi: { driver: secrets-store.csi.k8s.io, readOnly: true, '
        + 'volumeAttributes: { secretProviderClass: <name> } }), as the runs that hold them do.',
    }]);
    // without a run that binds it to a credentials source, its name says nothing
    expect(check(edited, build, compile)).toEqual([]);
    expect(check(withSecret, build, compile)).toEqual([]);
  });

  test('a pipeline task that does not bind a required workspace of its Task, or binds one the Task does not declare', () => {
    const p = pipeline([{ name: 'src' }], [{ name: 'compile', taskRef: { name: 'compile' }, workspaces: [{ name: 'cache', workspace: 'src' }, { name: 'tokens', workspace: 'src' }] }]);
    expect(check(p, compile)).toEqual([
      {
        rule: RuleId.VALID_REFERENCE,
        kind: 'Pipeline',
        name: 'build',
        location: "pipeline task 'compile'",
        target: 'task/compile',
        property: 'workspaces',
        value: 'source',
        problem: 'is not bound, and Task \'compile\' declares the workspace without optional: true: Tekton admits the pipeline, then fails every run of it when it runs '
          + 'the task (its TaskRun fails with reason TaskRunValidationFailed: declared workspace "source" is required but has not been bound)',
        fix: 'Bind it in the pipeline task\'s workspaces: - name: source with workspace: <a workspace of the pipeline>, or mark the Task\'s workspace optional: true, '
          + 'or bind every such workspace in config-defaults\' default-task-run-workspace-binding; where the cluster\'s config-defaults sets it, '
          + 'audit the pipeline with it (kubectl get configmap config-defaults -n tekton-pipelines -o yaml | cdk8s-secure-tekton audit - <files>).',
      },
      {
        rule: RuleId.VALID_REFERENCE,
        kind: 'Pipeline',
        name: 'build',
        location: "pipeline task 'compile'",
        target: 'task/compile',
        property: 'workspaces',
        value: 'tokens',
        problem: 'is not a workspace of Task \'compile\' (it declares "source", "cache"): Tekton admits the pipeline, then fails every run of it when it runs the task '
          + '(its TaskRun fails with reason TaskRunValidationFailed: workspace binding "tokens" does not match any declared workspace)',
        fix: 'Give the binding the name of a workspace the Task declares ("source", "cache"), or remove it.',
      },
    ]);
    // an embedded taskSpec gets the workspaces its steps use from the pipeline (propagated), and takes any binding
    const embedded = pipeline([{ name: 'source' }], [{
      name: 'e',
      workspaces: [{ name: 'more', workspace: 'source' }],
      taskSpec: { workspaces: [{ name: 'source' }, { name: 'out' }], steps: [{ name: 's', image: IMAGE, script: 'ls $(workspaces.source.path)' }] },
    }]);
    expect(check(embedded).map((f) => [f.value, f.problem.split(':')[0]])).toEqual([['out', 'is not bound, and its taskSpec declares the workspace without optional']]);
    // config-defaults' default-task-run-workspace-binding binds what a TaskRun leaves unbound
    const defaults = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data: { 'default-task-run-workspace-binding': 'emptyDir: {}' } };
    expect(check(p, compile, defaults).map((f) => f.value)).toEqual(['tokens']);
  });

  test('config-defaults\' default binding is read once per set of objects checked together: each set answers for itself', () => {
    const p = pipeline([{ name: 'src' }], [{ name: 'compile', taskRef: { name: 'compile' }, workspaces: [{ name: 'cache', workspace: 'src' }] }]);
    const defaults = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data: { 'default-task-run-workspace-binding': 'emptyDir: {}' } };
    const unset = { ...defaults, data: {} };
    const withDefaults = ruleContext([p, compile, defaults]);
    const without = ruleContext([p, compile, unset]);
    // the same objects, alternately in a set whose config-defaults binds unbound workspaces and in one whose does not
    for (let round = 0; round < 2; round++) {
      expect(VALID_REFERENCE.check(p, without).map((f) => f.value)).toEqual(['source']);
      expect(VALID_REFERENCE.check(p, withDefaults)).toEqual([]);
      expect(VALID_REFERENCE.check(p, ruleContext([p, compile])).map((f) => f.value)).toEqual(['source']);
      expect(VALID_REFERENCE.check(p, ruleContext([p, compile, defaults]))).toEqual([]);
    }
  });

  test('a reference with a key Tekton\'s do not have is a template, not followed; Pipelines-as-Code inlines the Tasks it fetches', () => {
    // konflux's `version`, which its build turns into a bundle reference (the webhook refuses the Pipeline as written)
    const templated = pipeline([{ name: 'src' }], [{ name: 'compile', taskRef: { name: 'compile', version: '0.2' }, workspaces: [{ name: 'netrc', workspace: 'src' }] }]);
    expect(check(storedForm(templated), compile)).toEqual([]);
    expect(check(storedForm(taskRun([], { taskRef: { name: 'compile', version: '0.2' } })), compile)).toEqual([]);
    // a Task Pipelines-as-Code fetches becomes the pipeline task's taskSpec: a binding it does not declare is propagated
    const pac = pipelineRun([vct('src')], { pipelineSpec: { workspaces: [{ name: 'src' }], tasks: [{ name: 'compile', taskRef: { name: 'compile' }, workspaces: [{ name: 'source', workspace: 'src' }, { name: 'extra', workspace: 'src' }] }] } });
    pac.metadata = { ...pac.metadata, annotations: { 'pipelinesascode.tekton.dev/task': '[.tekton/compile.yaml]' } } as any;
    expect(check(pac, compile)).toEqual([]);
    expect(check({ ...pac, metadata: { name: 'release', namespace: 'ci' } }, compile).map((f) => [f.location, f.value])).toEqual([["pipeline task 'compile'", 'extra']]);
  });

  test('a TaskRun that leaves a required workspace of its Task unbound, or binds one it does not declare', () => {
    expect(check(taskRun([{ name: 'other', emptyDir: {} }]), compile)).toEqual([
      {
        rule: RuleId.VALID_REFERENCE,
        kind: 'TaskRun',
        name: 'once',
        property: 'spec.workspaces',
        value: 'source',
        problem: 'is not bound, and Task \'compile\' declares the workspace without optional: true: Tekton admits the run, then its reconciler fails it '
          + '(reason TaskRunValidationFailed: declared workspace "source" is required but has not been bound)',
        fix: 'Bind it in the run\'s spec.workspaces: - name: source with a volume (emptyDir: {}, volumeClaimTemplate: ..., or secret: { secretName: <name> } '
          + 'for credentials), or mark the Task\'s workspace optional: true, or bind every such workspace in config-defaults\' '
          + 'default-task-run-workspace-binding; where the cluster\'s config-defaults sets it, audit the run with it '
          + '(kubectl get configmap config-defaults -n tekton-pipelines -o yaml | cdk8s-secure-tekton audit - <files>).',
      },
      {
        rule: RuleId.VALID_REFERENCE,
        kind: 'TaskRun',
        name: 'once',
        location: "workspace 'other'",
        target: 'workspace/other',
        property: 'name',
        value: 'other',
        problem: 'is not a workspace of Task \'compile\' (it declares "source", "cache"): Tekton admits the run, then its reconciler fails it '
          + '(reason TaskRunValidationFailed: workspace binding "other" does not match any declared workspace)',
        fix: 'Give the binding the name of a workspace the Task declares ("source", "cache"), or remove it.',
      },
    ]);
    expect(check(taskRun([{ name: 'source', emptyDir: {} }]), compile)).toEqual([]);
    // an embedded taskSpec takes any binding (propagated)
    expect(check(taskRun([{ name: 'x', emptyDir: {} }], { taskSpec: { workspaces: [], steps: [] } }))).toEqual([]);
  });

  test('the library\'s pipeline and run pass', () => {
    const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
    const t = new SecureTask(c, 'task', { steps: [step()], workspaces: [{ name: 'creds', domain: TrustDomain.CREDENTIALS }, { name: 'src', domain: TrustDomain.SOURCE }], trusted: true });
    const p = new SecurePipeline(c, 'pipe', { workspaces: [{ name: 'src', domain: TrustDomain.SOURCE }, { name: 'creds', domain: TrustDomain.CREDENTIALS }] });
    p.addTask({ task: t, workspaces: { creds: 'creds', src: 'src' } });
    new SecurePipelineRun(c, 'run', { pipeline: p, workspaces: { src: RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1) }), creds: RunWorkspace.secret('c') } });
    const all = Testing.synth(c);
    expect(all.flatMap((m) => RuleCatalogue.check(m, ruleContext(all)).filter((f) => f.rule === RuleId.VALID_REFERENCE))).toEqual([]);
    expect(objectsOf(c, 'PipelineRun')).toHaveLength(1);
  });
});

describeWithOracle('Tekton v1.15\'s webhook admits every object VALID_REFERENCE finds (its runs fail at reconcile)', () => {
  test('runs and a pipeline with unbound, undeclared and ignored workspaces', () => {
    const objects = [compile, build, pipelineRun([vct('src'), vct('sources')]), taskRun([{ name: 'other', emptyDir: {} }]),
      { ...pipeline([{ name: 'src' }], [{ name: 'compile', taskRef: { name: 'compile' }, workspaces: [{ name: 'tokens', workspace: 'src' }] }]), metadata: { name: 'other', namespace: 'ci' } }];
    expect(objects.flatMap((o) => check(o, ...objects)).map((f) => [f.kind, f.value])).toEqual([
      ['PipelineRun', 'creds'], ['PipelineRun', 'sources'], ['TaskRun', 'source'], ['TaskRun', 'other'], ['Pipeline', 'source'], ['Pipeline', 'tokens'],
    ]);
    expect(runOracle(objects).verdicts.map((v) => [v.kind, v.valid, v.errors])).toEqual(objects.map((o) => [o.kind, true, []]));
  });
});

/** A Task with a required string `url`, a required array `flags`, a required object `opts` of keys `a` and `b`, and a result `digest`. */
const clone = {
  apiVersion: 'tekton.dev/v1',
  kind: 'Task',
  metadata: { name: 'clone', namespace: 'ci' },
  spec: {
    params: [{ name: 'url' }, { name: 'flags', type: 'array' }, { name: 'opts', properties: { a: {}, b: {} } }, { name: 'level', default: '1' }],
    results: [{ name: 'digest' }],
    steps: [{ name: 's', image: IMAGE, script: '#!/bin/sh\necho $(params.url)' }],
  },
};
const cloneTask = (name: string, params: any[], more: Record<string, unknown> = {}) => ({ name, taskRef: { name: 'clone' }, params, ...more });
const URL = { name: 'url', value: 'u' };
const FLAGS = { name: 'flags', value: ['-v'] };
const OPTS = { name: 'opts', value: { a: '1', b: '2' } };
const fullParams = [URL, FLAGS, OPTS];
const withParams = (params: any[], tasks: any[], more: Record<string, unknown> = {}) =>
  ({ apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'build', namespace: 'ci' }, spec: { params, tasks, ...more } });
const lister = {
  apiVersion: 'tekton.dev/v1',
  kind: 'Task',
  metadata: { name: 'lister', namespace: 'ci' },
  spec: { params: [{ name: 'args', type: 'array', default: ['a'] }], steps: [{ name: 's', image: IMAGE, args: ['$(params.args[0])', "$(params['args'][2])"] }] },
};
const PIPELINE_FAILS = 'Tekton admits the pipeline, then fails every run of it before any task runs (the PipelineRun fails with reason ';

describe('VALID_REFERENCE: params, results and optional workspaces', () => {
  test('a PipelineRun that does not give a param its Pipeline requires, or gives one of another type or without a required key', () => {
    const p = withParams([{ name: 'repo' }, { name: 'tags', type: 'array' }, { name: 'cfg', type: 'object', properties: { k: {} } }, { name: 'mode', default: 'fast' }], []);
    const run = { ...pipelineRun([]), spec: { pipelineRef: { name: 'build' }, params: [{ name: 'tags', value: 'v1' }, { name: 'cfg', value: { j: 'x' } }, { name: 'extra', value: 'x' }] } };
    expect(check(run, p)).toEqual([
      {
        rule: RuleId.VALID_REFERENCE,
        kind: 'PipelineRun',
        name: 'release',
        property: 'spec.params',
        value: 'repo',
        problem: 'is not given, and Pipeline \'build\' declares the param without a default: Tekton admits the run, then its reconciler fails it '
          + '(reason ParameterMissing: pipelineRun missing parameters: [repo])',
        fix: 'Give it in the run\'s spec.params: - name: repo with value: <a value>, or give the pipeline\'s param a default.',
      },
      {
        rule: RuleId.VALID_REFERENCE,
        kind: 'PipelineRun',
        name: 'release',
        property: 'spec.params',
        value: 'tags',
        problem: 'is given a string ("v1") but Pipeline \'build\' declares the param of type array: Tekton admits the run, then its reconciler fails it '
          + '(reason ParameterTypeMismatch: parameters have inconsistent types : [tags])',
        fix: 'Give it an array: - name: tags with value: [<value>, ...], or declare the pipeline\'s param with the type of the value.',
      },
      {
        rule: RuleId.VALID_REFERENCE,
        kind: 'PipelineRun',
        name: 'release',
        property: 'spec.params',
        value: 'cfg',
        problem: 'is given an object without the keys "k", which Pipeline \'build\' requires in the param\'s properties and its default does not give: '
          + 'Tekton admits the run, then its reconciler fails it (reason ObjectParameterMissKeys: pipelineRun missing object keys for parameters: map[cfg:[k]])',
        fix: 'Give every key of the param\'s properties: - name: cfg with value: { k: <value>, ... }, or give them in the pipeline\'s param\'s default.',
      },
    ]);
    // every param given with its type and keys; a value Tekton may still substitute is not judged; a Pipeline not among the files is not known
    const good = { ...run, spec: { pipelineRef: { name: 'build' }, params: [{ name: 'repo', value: 'r' }, { name: 'tags', value: ['v1'] }, { name: 'cfg', value: { k: 'x' } }] } };
    expect(check(good, p)).toEqual([]);
    expect(check({ ...good, spec: { ...good.spec, params: [...good.spec.params.slice(0, 1), { name: 'tags', value: '$(tt.params.tags)' }, good.spec.params[2]] } }, p)).toEqual([]);
    expect(check(run)).toEqual([]);
  });

  test('a TaskRun that does not give a param its Task requires, or gives one of another type or without a required key', () => {
    const run = { ...taskRun([], { taskRef: { name: 'clone' } }), spec: { taskRef: { name: 'clone' }, params: [{ name: 'flags', value: { k: 'v' } }, { name: 'opts', value: { c: '1' } }] } };
    const failure = 'Tekton admits the run, then its reconciler fails it (reason TaskRunValidationFailed: invalid input params for task clone: ';
    expect(check(run, clone).map((f) => [f.kind, f.property, f.value, f.problem, f.fix])).toEqual([
      ['TaskRun', 'spec.params', 'url', `is not given, and Task 'clone' declares the param without a default: ${failure}missing values for these params which have no default values: [url])`,
        'Give it in the run\'s spec.params: - name: url with value: <a value>, or give the Task\'s param a default.'],
      ['TaskRun', 'spec.params', 'flags', `is given an object ({"k":"v"}) but Task 'clone' declares the param of type array: ${failure}param types don't match the user-specified type: [flags])`,
        'Give it an array: - name: flags with value: [<value>, ...], or declare the Task\'s param with the type of the value.'],
      ['TaskRun', 'spec.params', 'opts', 'is given an object without the keys "a", "b", which Task \'clone\' requires in the param\'s properties and its default does not give: '
        + `${failure}missing keys for these params which are required in ParamSpec's properties map[opts:[a b]])`,
      'Give every key of the param\'s properties: - name: opts with value: { a: <value>, b: <value>, ... }, or give them in the Task\'s param\'s default.'],
    ]);
    // the default's keys count: a default that lacks one fails every run that does not give it
    const partial = { ...clone, spec: { ...clone.spec, params: [URL.name, 'flags', 'opts'].map((n) => clone.spec.params.find((x: any) => x.name === n)).map((x: any) => (x.name === 'opts' ? { ...x, default: { a: '1' } } : x)) } };
    expect(check({ ...run, spec: { taskRef: { name: 'clone' }, params: [URL, FLAGS, { name: 'opts', value: { b: '2' } }] } }, partial)).toEqual([]);
    expect(check({ ...run, spec: { taskRef: { name: 'clone' }, params: [URL, FLAGS] } }, partial).map((f) => [f.value, f.problem, f.fix])).toEqual([[
      'opts',
      'is not given, and the default Task \'clone\' declares for the param lacks the keys "b" of its properties: '
        + `${failure}missing keys for these params which are required in ParamSpec's properties map[opts:[b]])`,
      'Give it with every key of its properties: - name: opts with value: { a: <value>, b: <value> }, or add the keys to the Task\'s param\'s default.',
    ]]);
    // an embedded taskSpec is named as Tekton names it, after the run
    expect(check(taskRun([], { taskSpec: { params: [{ name: 'p' }], steps: [] } })).map((f) => f.problem)).toEqual([
      'is not given, and the run\'s taskSpec declares the param without a default: Tekton admits the run, then its reconciler fails it (reason TaskRunValidationFailed: '
        + 'invalid input params for task once: missing values for these params which have no default values: [p])',
    ]);
  });

  test('a pipeline task that does not give a param its Task requires, or gives one of another type', () => {
    const p = withParams([], [cloneTask('a', [{ name: 'flags', value: 'x' }, OPTS]), {
      name: 'b',
      taskSpec: { params: [{ name: 'p', type: 'array' }], steps: [{ name: 's', image: IMAGE, script: 'true' }] },
      matrix: { params: [{ name: 'p', value: ['1', '2'] }] },
    }]);
    expect(check(p, clone)).toEqual([
      {
        rule: RuleId.VALID_REFERENCE,
        kind: 'Pipeline',
        name: 'build',
        location: "pipeline task 'a'",
        target: 'task/a',
        property: 'params',
        value: 'url',
        problem: `is not given, and Task 'clone' declares the param without a default: ${PIPELINE_FAILS}PipelineValidationFailed: `
          + 'invalid input params for task clone: missing values for these params which have no default values: [url])',
        fix: 'Give it in the pipeline task\'s params: - name: url with value: <a value>, or give the Task\'s param a default.',
      },
      {
        rule: RuleId.VALID_REFERENCE,
        kind: 'Pipeline',
        name: 'build',
        location: "pipeline task 'a'",
        target: 'task/a',
        property: 'params',
        value: 'flags',
        problem: `is given a string ("x") but Task 'clone' declares the param of type array: ${PIPELINE_FAILS}PipelineValidationFailed: `
          + 'invalid input params for task clone: param types don\'t match the user-specified type: [flags])',
        fix: 'Give it an array: - name: flags with value: [<value>, ...], or declare the Task\'s param with the type of the value.',
      },
      {
        rule: RuleId.VALID_REFERENCE,
        kind: 'Pipeline',
        name: 'build',
        location: "pipeline task 'b'",
        target: 'task/b',
        property: 'params',
        value: 'p',
        problem: `is a matrix param (each of its values is a string), but its taskSpec declares the param of type array: ${PIPELINE_FAILS}PipelineValidationFailed: `
          + 'invalid input params for task : param types don\'t match the user-specified type: [p])',
        fix: 'Give it in the pipeline task\'s params (not the matrix): - name: p with value: [<value>, ...], or declare the Task\'s param of type string.',
      },
    ]);
    // a pipeline param passed on may be an array once substituted: not judged
    expect(check(withParams([{ name: 'f', type: 'array' }], [cloneTask('a', [URL, { name: 'flags', value: '$(params.f[*])' }, OPTS])]), clone)).toEqual([]);
  });

  test('a result reference to a result the Task does not declare, in a pipeline task or a pipeline result', () => {
    const p = withParams([], [
      cloneTask('a', fullParams),
      cloneTask('b', [{ name: 'url', value: '$(tasks.a.results.sha)' }, FLAGS, OPTS], { when: [{ input: '$(tasks.a.results.digest)', operator: 'in', values: ['x'] }] }),
    ], { results: [{ name: 'out', value: '$(tasks.a.results.digests)' }] });
    expect(check(p, clone)).toEqual([
      {
        rule: RuleId.VALID_REFERENCE,
        kind: 'Pipeline',
        name: 'build',
        location: "pipeline task 'b'",
        target: 'task/b',
        property: 'params',
        value: '$(tasks.a.results.sha)',
        problem: `refers to result "sha" of pipeline task 'a', which Task 'clone' does not declare (it declares "digest"): ${PIPELINE_FAILS}InvalidTaskResultReference: `
          + 'invalid result reference in pipeline task "b": "sha" is not a named result returned by pipeline task "a")',
        fix: 'Refer to a result Task \'clone\' declares ("digest"), or declare sha in its results and write it in a step.',
      },
      {
        rule: RuleId.VALID_REFERENCE,
        kind: 'Pipeline',
        name: 'build',
        location: "result 'out'",
        target: 'result/out',
        property: 'value',
        value: '$(tasks.a.results.digests)',
        problem: `refers to result "digests" of pipeline task 'a', which Task 'clone' does not declare (it declares "digest"): ${PIPELINE_FAILS}InvalidPipelineResultReference: `
          + 'Failed to resolve pipeline result reference for "<run name>" with error invalid pipeline result "out": "digests" is not a named result returned by pipeline task "a")',
        fix: 'Refer to a result Task \'clone\' declares ("digest"), or declare digests in its results and write it in a step.',
      },
    ]);
    // in an embedded taskSpec's steps too; a task whose Task is not known, or a custom task, is not judged
    const inSteps = withParams([], [cloneTask('a', fullParams), { name: 'c', taskSpec: { steps: [{ name: 's', image: IMAGE, script: 'echo $(tasks.a.results.nope)' }] } }]);
    expect(check(inSteps, clone).map((f) => [f.location, f.property, f.value])).toEqual([["pipeline task 'c'", 'taskSpec', '$(tasks.a.results.nope)']]);
    expect(check(inSteps)).toEqual([]);
  });

  test('a pipeline result that refers to a result a finally task\'s Task does not declare', () => {
    const p = withParams([], [cloneTask('a', fullParams)], { finally: [cloneTask('fin', fullParams)], results: [{ name: 'out', value: '$(finally.fin.results.sha)' }] });
    expect(check(p, clone).map((f) => [f.location, f.property, f.value, f.problem, f.fix])).toEqual([[
      "result 'out'",
      'value',
      '$(finally.fin.results.sha)',
      `refers to result "sha" of pipeline task 'fin', which Task 'clone' does not declare (it declares "digest"): ${PIPELINE_FAILS}InvalidPipelineResultReference: `
        + 'Failed to resolve pipeline result reference for "<run name>" with error invalid pipeline result "out": "sha" is not a named result returned by pipeline task "fin")',
      'Refer to a result Task \'clone\' declares ("digest"), or declare sha in its results and write it in a step.',
    ]]);
    expect(check({ ...p, spec: { ...p.spec, results: [{ name: 'out', value: '$(finally.fin.results.digest)' }] } }, clone)).toEqual([]);
    // a reference with brackets in a pipeline task's params is not one Tekton's reconciler reads (its VariableSubstitutionRegex has no quotes): the run runs
    expect(check(withParams([], [cloneTask('a', fullParams), cloneTask('b', [{ name: 'url', value: "$(tasks.a.results['sha'])" }, FLAGS, OPTS])]), clone)).toEqual([]);
  });

  test('a pipeline workspace marked optional passed to a workspace the Task requires', () => {
    const p = pipeline([{ name: 'src', optional: true }], [{ name: 'compile', taskRef: { name: 'compile' }, workspaces: [{ name: 'source', workspace: 'src' }, { name: 'cache', workspace: 'src' }] }]);
    expect(check(p, compile)).toEqual([{
      rule: RuleId.VALID_REFERENCE,
      kind: 'Pipeline',
      name: 'build',
      location: "pipeline task 'compile'",
      target: 'task/compile',
      property: 'workspaces',
      value: 'source',
      problem: 'is bound to the pipeline\'s workspace "src", marked optional: true, and Task \'compile\' declares the workspace without optional: true: '
        + `${PIPELINE_FAILS}RequiredWorkspaceMarkedOptional: Optional workspace not supported by task: pipeline workspace "src" is marked optional but pipeline task "compile" requires it be provided)`,
      fix: 'Remove optional: true from the pipeline\'s workspace src (every run then binds it), or mark the Task\'s workspace source optional: true if its steps do without it.',
    }]);
  });
});

describe('VALID_REFERENCE: array indexes beyond the length of the array param', () => {
  const indexer = withParams([{ name: 'tags', type: 'array' }], [{
    name: 'echo',
    taskSpec: { params: [{ name: 't' }], steps: [{ name: 's', image: IMAGE, script: 'echo $(params.t)' }] },
    params: [{ name: 't', value: '$(params.tags[1])' }],
  }]);
  test('a TaskRun whose Task indexes its array param beyond the value given, or the default', () => {
    const run = { ...taskRun([], { taskRef: { name: 'lister' } }), spec: { taskRef: { name: 'lister' }, params: [{ name: 'args', value: ['x', 'y'] }] } };
    expect(check(run, lister)).toEqual([{
      rule: RuleId.VALID_REFERENCE,
      kind: 'TaskRun',
      name: 'once',
      property: 'spec.params',
      value: 'args',
      problem: 'is given an array of 2 items (["x","y"]), but Task \'lister\' refers to $(params[\'args\'][2]) in its steps, sidecars, stepTemplate, volumes and workspaces\' mountPath: '
        + 'Tekton admits the run, then its reconciler fails it (reason TaskRunValidationFailed: non-existent param references:[$(params[\'args\'][2])])',
      fix: 'Give it an array of at least 3 items: - name: args with value: [<value>, ...], or refer only to indexes below 2 in the Task\'s steps, sidecars, stepTemplate, volumes and workspaces\' mountPath.',
    }]);
    expect(check({ ...run, spec: { taskRef: { name: 'lister' } } }, lister).map((f) => f.problem.split(', but')[0])).toEqual([
      'is not given, and the default Task \'lister\' declares for the param is an array of 1 item (["a"])',
    ]);
    // enough items; a value Tekton may still substitute; a Task not known: no finding
    expect(check({ ...run, spec: { taskRef: { name: 'lister' }, params: [{ name: 'args', value: ['x', 'y', 'z'] }] } }, lister)).toEqual([]);
    expect(check({ ...run, spec: { taskRef: { name: 'lister' }, params: [{ name: 'args', value: ['$(tt.params.a)'] }] } }, lister)).toEqual([]);
    expect(check({ ...run, spec: { taskRef: { name: 'lister' }, params: [{ name: 'args', value: '$(tt.params.a)' }] } }, lister)).toEqual([]);
    expect(check(run)).toEqual([]);
    // an embedded taskSpec: the fix names it
    expect(check({ ...run, spec: { taskSpec: lister.spec, params: [{ name: 'args', value: ['x'] }] } }).map((f) => f.fix)).toEqual([
      'Give it an array of at least 3 items: - name: args with value: [<value>, ...], or refer only to indexes below 1 in the run\'s taskSpec\'s steps, sidecars, stepTemplate, volumes and workspaces\' mountPath.',
    ]);
  });

  test('an index in a Task\'s volumes is read; a bracket reference whose name holds a dash is none (Tekton runs it as written)', () => {
    const spec = (volume: any, args: string[] = []) => ({
      params: [{ name: 'tags', type: 'array' }, { name: 'my-tags', type: 'array' }],
      volumes: [volume],
      steps: [{ name: 's', image: IMAGE, args }],
    });
    const run = (taskSpec: any, tags: string[] = ['a']) => ({ ...taskRun([]), spec: { taskSpec, params: [{ name: 'tags', value: tags }, { name: 'my-tags', value: ['a'] }] } });
    expect(check(run(spec({ name: 'v', configMap: { name: '$(params.tags[3])' } })))).toEqual([{
      rule: RuleId.VALID_REFERENCE,
      kind: 'TaskRun',
      name: 'once',
      property: 'spec.params',
      value: 'tags',
      problem: 'is given an array of 1 item (["a"]), but the run\'s taskSpec refers to $(params.tags[3]) in its steps, sidecars, stepTemplate, volumes and workspaces\' mountPath: '
        + 'Tekton admits the run, then its reconciler fails it (reason TaskRunValidationFailed: non-existent param references:[$(params.tags[3])])',
      fix: 'Give it an array of at least 4 items: - name: tags with value: [<value>, ...], or refer only to indexes below 1 in the run\'s taskSpec\'s steps, sidecars, stepTemplate, volumes and workspaces\' mountPath.',
    }]);
    // secret items, a claim, projected sources, CSI attributes: each read
    for (const volume of [
      { name: 'v', secret: { secretName: 's', items: [{ key: 'k', path: '$(params.tags[1])' }] } },
      { name: 'v', persistentVolumeClaim: { claimName: '$(params.tags[1])' } },
      { name: 'v', projected: { sources: [{ serviceAccountToken: { audience: '$(params.tags[1])' } }] } },
      { name: 'v', csi: { driver: 'd', volumeAttributes: { a: '$(params.tags[1])' } } },
    ]) expect(check(run(spec(volume))).map((f) => f.value)).toEqual(['tags']);
    // an empty array indexed at 0: one item asked for
    expect(check(run(spec({ name: 'v', emptyDir: {} }, ['$(params.tags[0])']), [])).map((f) => f.fix?.split(':')[0])).toEqual(['Give it an array of at least 1 item']);
    // substitution.go paramIndexing's bracket class is [_a-zA-Z0-9.-\/]: a range from . to /, without -
    expect(check(run(spec({ name: 'v', emptyDir: {} }, ["$(params['my-tags'][3])", '$(params["my-tags"][3])'])))).toEqual([]);
    expect(check(run(spec({ name: 'v', emptyDir: {} }, ['$(params.my-tags[3])']))).map((f) => f.value)).toEqual(['my-tags']);
  });

  test('a PipelineRun whose pipeline indexes its array param beyond the value given', () => {
    const run = { ...pipelineRun([]), spec: { pipelineRef: { name: 'build' }, params: [{ name: 'tags', value: ['v1'] }] } };
    expect(check(run, indexer).map((f) => [f.property, f.value, f.problem, f.fix])).toEqual([[
      'spec.params',
      'tags',
      'is given an array of 1 item (["v1"]), but Pipeline \'build\' refers to $(params.tags[1]) in its pipeline tasks\' params, matrix, workspaces\' subPath and when expressions: '
        + 'Tekton admits the run, then its reconciler fails it (reason ParamArrayIndexingInvalid: non-existent param references:[$(params.tags[1])])',
      'Give it an array of at least 2 items: - name: tags with value: [<value>, ...], or refer only to indexes below 1 in the pipeline\'s pipeline tasks\' params, matrix, workspaces\' subPath and when expressions.',
    ]]);
    expect(check({ ...run, spec: { ...run.spec, params: [{ name: 'tags', value: ['v1', 'v2'] }] } }, indexer)).toEqual([]);
    // an index in an embedded task's steps is the TaskRun's, checked with the value the pipeline task gives it
    expect(check({ ...run, spec: { ...run.spec, params: [{ name: 'tags', value: ['$(tt.params.tags)'] }] } }, indexer)).toEqual([]);
  });
});

describe('VALID_REFERENCE: values outside their param\'s enum (enable-param-enum)', () => {
  const FLAGS_ON = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'feature-flags', namespace: 'tekton-pipelines' }, data: { 'enable-param-enum': 'true' } };
  const deployer = {
    apiVersion: 'tekton.dev/v1',
    kind: 'Task',
    metadata: { name: 'deployer', namespace: 'ci' },
    spec: { params: [{ name: 'env', enum: ['dev', 'prod'], default: 'dev' }], steps: [{ name: 's', image: IMAGE, script: 'echo $(params.env)' }] },
  };
  const trun = (value: string) => ({ ...taskRun([], { taskRef: { name: 'deployer' } }), spec: { taskRef: { name: 'deployer' }, params: [{ name: 'env', value }] } });
  test('a TaskRun, a PipelineRun and a pipeline task that give a value the enum does not list, with the flag on', () => {
    expect(check(trun('staging'), deployer, FLAGS_ON)).toEqual([{
      rule: RuleId.VALID_REFERENCE,
      kind: 'TaskRun',
      name: 'once',
      property: 'spec.params',
      value: 'env',
      problem: 'is given "staging", which is not in the enum Task \'deployer\' declares for the param ("dev", "prod"), and feature-flags\' enable-param-enum is "true": '
        + 'Tekton admits the run, then its reconciler fails it (reason InvalidParamValue: param `env` value: staging is not in the enum list)',
      fix: 'Give it a value of the enum in the run\'s spec.params: - name: env with value: "dev", or add "staging" to the param\'s enum.',
    }]);
    const p = withParams([{ name: 'env', enum: ['dev', 'prod'] }], [{ name: 'deploy', taskRef: { name: 'deployer' }, params: [{ name: 'env', value: 'qa' }] }]);
    const run = { ...pipelineRun([]), spec: { pipelineRef: { name: 'build' }, params: [{ name: 'env', value: 'staging' }] } };
    expect(check(run, p, deployer, FLAGS_ON).map((f) => [f.property, f.value, f.problem.split(': Tekton')[1]])).toEqual([
      ['spec.params', 'env', ' admits the run, then its reconciler fails it (reason InvalidParamValue: param `env` value: staging is not in the enum list)'],
    ]);
    expect(check(p, deployer, FLAGS_ON).map((f) => [f.location, f.property, f.value, f.problem.split('is "true": ')[1], f.fix])).toEqual([[
      "pipeline task 'deploy'", 'params', 'env',
      'Tekton admits the pipeline, then fails every run of it when it reaches the task (the PipelineRun fails with reason InvalidParamValue: '
        + 'Invalid param value from PipelineTask "deploy": param `env` value: qa is not in the enum list)',
      'Give it a value of the enum in the pipeline task\'s params: - name: env with value: "dev", or add "qa" to the param\'s enum.',
    ]]);
  });
  test('a number or a bool written as the value is the string Tekton reads (ParamValue.UnmarshalJSON keeps the JSON text)', () => {
    // (its step refers to its own param: a Task the webhook admits)
    const levels = { ...deployer, spec: { params: [{ name: 'level', enum: ['1', '2'], default: '1' }], steps: [{ name: 's', image: IMAGE, script: 'echo $(params.level)' }] } };
    const given = (value: unknown) => ({ ...taskRun([], { taskRef: { name: 'deployer' } }), spec: { taskRef: { name: 'deployer' }, params: [{ name: 'level', value }] } });
    expect(check(given(3), levels, FLAGS_ON).map((f) => [f.problem, f.fix])).toEqual([[
      'is given "3", which is not in the enum Task \'deployer\' declares for the param ("1", "2"), and feature-flags\' enable-param-enum is "true": '
        + 'Tekton admits the run, then its reconciler fails it (reason InvalidParamValue: param `level` value: 3 is not in the enum list)',
      'Give it a value of the enum in the run\'s spec.params: - name: level with value: "1", or add "3" to the param\'s enum.',
    ]]);
    expect(check(given(true), levels, FLAGS_ON).map((f) => f.problem.split(':')[0])).toEqual(['is given "true", which is not in the enum Task \'deployer\' declares for the param ("1", "2"), and feature-flags\' enable-param-enum is "true"']);
    expect(check(given(2), levels, FLAGS_ON)).toEqual([]);
  });
  test('no finding: the flag off or unknown (no feature-flags checked with it), a value in the enum, empty, or still substituted', () => {
    expect(check(trun('staging'), deployer)).toEqual([]);
    expect(check(trun('staging'), deployer, { ...FLAGS_ON, data: { 'enable-param-enum': 'false' } })).toEqual([]);
    expect(check(trun('prod'), deployer, FLAGS_ON)).toEqual([]);
    expect(check(trun(''), deployer, FLAGS_ON)).toEqual([]);
    expect(check(trun('$(tt.params.env)'), deployer, FLAGS_ON)).toEqual([]);
    const p = withParams([{ name: 'env', enum: ['dev', 'prod'] }], [{ name: 'deploy', taskRef: { name: 'deployer' }, params: [{ name: 'env', value: '$(params.env)' }] }]);
    expect(check(p, deployer, FLAGS_ON)).toEqual([]);
  });
});

describeWithTektonSubstitute('Tekton v1.15\'s PipelineRun and TaskRun reconcilers fail what VALID_REFERENCE finds on params and results', () => {
  /** Tekton's message, as the finding quotes it after the reason. */
  const quoted = (f: { problem: string }) => /\(.*?reason \w+: (.*)\)$/.exec(f.problem)?.[1];
  test('each finding is the reconciler\'s error, and the fixed objects run', () => {
    const runOf = (params: any[], workspaces: any[] = []) => ({ ...pipelineRun(workspaces), spec: { pipelineRef: { name: 'build' }, params, workspaces } });
    const cases: Array<{ pipeline?: any; run: any; tasks?: any[]; featureFlags?: Record<string, string> }> = [
      { run: runOf([{ name: 'tags', value: 'v1' }]), pipeline: withParams([{ name: 'repo' }, { name: 'tags', type: 'array' }], []) },
      { run: runOf([{ name: 'repo', value: 'r' }, { name: 'tags', value: 'v1' }]), pipeline: withParams([{ name: 'repo' }, { name: 'tags', type: 'array' }], []) },
      { run: runOf([{ name: 'cfg', value: { j: 'x' } }]), pipeline: withParams([{ name: 'cfg', type: 'object', properties: { k: {} } }], []) },
      { run: { ...taskRun([], { taskRef: { name: 'clone' } }), spec: { taskRef: { name: 'clone' }, params: [FLAGS] } }, tasks: [clone] },
      { run: { ...taskRun([], { taskRef: { name: 'clone' } }), spec: { taskRef: { name: 'clone' }, params: [URL, { name: 'flags', value: 'x' }, OPTS] } }, tasks: [clone] },
      { run: { ...taskRun([], { taskRef: { name: 'clone' } }), spec: { taskRef: { name: 'clone' }, params: [URL, FLAGS, { name: 'opts', value: { a: 'x' } }] } }, tasks: [clone] },
      { run: runOf([]), pipeline: withParams([], [cloneTask('a', [URL])]), tasks: [clone] },
      { run: runOf([]), pipeline: withParams([], [cloneTask('a', [URL, FLAGS, { name: 'opts', value: { b: 'x' } }])]), tasks: [clone] },
      { run: runOf([]), pipeline: withParams([], [cloneTask('a', fullParams), cloneTask('b', [{ name: 'url', value: '$(tasks.a.results.sha)' }, FLAGS, OPTS])]), tasks: [clone] },
      { run: runOf([]), pipeline: withParams([], [cloneTask('a', fullParams)], { results: [{ name: 'out', value: '$(tasks.a.results.digests)' }] }), tasks: [clone] },
      { run: runOf([{ name: 'tags', value: ['v1'] }]), pipeline: withParams([{ name: 'tags', type: 'array' }], [{ name: 'echo', taskSpec: { params: [{ name: 't' }], steps: [{ name: 's', image: IMAGE, script: 'echo $(params.t)' }] }, params: [{ name: 't', value: '$(params.tags[1])' }] }]) },
      { run: { ...taskRun([], { taskRef: { name: 'lister' } }), spec: { taskRef: { name: 'lister' }, params: [{ name: 'args', value: ['x', 'y'] }] } }, tasks: [lister] },
      { run: { ...taskRun([], { taskRef: { name: 'lister' } }), spec: { taskRef: { name: 'lister' } } }, tasks: [lister] },
      { run: { ...taskRun([]), spec: { params: [{ name: 'tags', value: ['a'] }], taskSpec: { params: [{ name: 'tags', type: 'array' }], volumes: [{ name: 'v', configMap: { name: '$(params.tags[3])' } }], steps: [{ name: 's', image: IMAGE }] } } } },
      { run: runOf([]), pipeline: withParams([], [cloneTask('a', fullParams)], { finally: [cloneTask('fin', fullParams)], results: [{ name: 'out', value: '$(finally.fin.results.sha)' }] }), tasks: [clone] },
      { run: runOf([], [vct('src')]), pipeline: pipeline([{ name: 'src', optional: true }], [{ name: 'compile', taskRef: { name: 'compile' }, workspaces: [{ name: 'source', workspace: 'src' }] }]), tasks: [compile] },
    ];
    const enumOn = { 'enable-param-enum': 'true' };
    const deployer = {
      apiVersion: 'tekton.dev/v1',
      kind: 'Task',
      metadata: { name: 'deployer', namespace: 'ci' },
      spec: { params: [{ name: 'env', enum: ['dev', 'prod'], default: 'dev' }], steps: [{ name: 's', image: IMAGE, script: 'echo $(params.env)' }] },
    };
    const deploying = (env: string, given: string) => ({
      run: runOf([{ name: 'env', value: given }]),
      featureFlags: enumOn,
      tasks: [deployer],
      pipeline: withParams([{ name: 'env', enum: ['dev', 'prod'] }], [{ name: 'deploy', taskRef: { name: 'deployer' }, params: [{ name: 'env', value: env }] }]),
    });
    cases.push(
      { run: { ...taskRun([], { taskRef: { name: 'deployer' } }), spec: { taskRef: { name: 'deployer' }, params: [{ name: 'env', value: 'staging' }] } }, tasks: [deployer], featureFlags: enumOn } as any,
      { run: { ...taskRun([], { taskRef: { name: 'deployer' } }), spec: { taskRef: { name: 'deployer' }, params: [{ name: 'env', value: 3 }] } }, tasks: [deployer], featureFlags: enumOn } as any,
      deploying('$(params.env)', 'staging') as any,
      deploying('qa', 'dev') as any,
    );
    const answers = tektonSubstitute(cases);
    cases.forEach((c, i) => {
      const flags = c.featureFlags ? [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'feature-flags', namespace: 'tekton-pipelines' }, data: c.featureFlags }] : [];
      const manifests = [c.run, ...(c.pipeline ? [c.pipeline] : []), ...(c.tasks ?? []), ...flags];
      const findings = manifests.flatMap((m) => check(m, ...manifests.filter((o) => o !== m)));
      const error = answers[i].error ?? answers[i].taskRuns?.find((t) => t.error)?.error;
      expect(findings.length).toBeGreaterThan(0);
      // the first finding is the error Tekton stops at (the pipeline result's run name is the run's)
      expect(error?.replace(/^reconciler: (\w+: )?/, '')).toEqual(quoted(findings[0])?.replace(/^Optional workspace not supported by task: /, '').replace(/^Invalid param value from PipelineTask "\w+": /, '')
        .replace('Failed to resolve pipeline result reference for "<run name>" with error ', ''));
    });
    // the same objects fixed: Tekton runs them, the rule finds nothing
    const fixed = [
      { run: runOf([{ name: 'repo', value: 'r' }, { name: 'tags', value: ['v1'] }, { name: 'extra', value: 'x' }]), pipeline: withParams([{ name: 'repo' }, { name: 'tags', type: 'array' }], []) },
      { run: { ...taskRun([], { taskRef: { name: 'clone' } }), spec: { taskRef: { name: 'clone' }, params: [...fullParams, { name: 'level', value: '2' }, { name: 'extra', value: 'x' }] } }, tasks: [clone] },
      { run: runOf([]), pipeline: withParams([], [cloneTask('a', fullParams), cloneTask('b', [{ name: 'url', value: '$(tasks.a.results.digest)' }, FLAGS, OPTS])], { results: [{ name: 'out', value: '$(tasks.b.results.digest)' }] }), tasks: [clone] },
      { run: { ...taskRun([], { taskRef: { name: 'lister' } }), spec: { taskRef: { name: 'lister' }, params: [{ name: 'args', value: ['x', 'y', 'z'] }] } }, tasks: [lister] },
      { run: runOf([{ name: 'tags', value: ['v1', 'v2'] }]), pipeline: withParams([{ name: 'tags', type: 'array' }], [{ name: 'echo', taskSpec: { params: [{ name: 't' }], steps: [{ name: 's', image: IMAGE, script: 'echo $(params.t)' }] }, params: [{ name: 't', value: '$(params.tags[1])' }] }]) },
      { run: runOf([]), pipeline: withParams([], [cloneTask('a', fullParams)], { finally: [cloneTask('fin', fullParams)], results: [{ name: 'out', value: '$(finally.fin.results.digest)' }] }), tasks: [clone] },
      { run: runOf([]), pipeline: withParams([], [cloneTask('a', fullParams), cloneTask('b', [{ name: 'url', value: "$(tasks.a.results['sha'])" }, FLAGS, OPTS])]), tasks: [clone] },
      deploying('$(params.env)', 'prod'),
      deploying('dev', 'dev'),
      // a bracket reference whose name holds a dash is no index Tekton reads: the run runs, the reference left as written
      { run: { ...taskRun([]), spec: { params: [{ name: 'my-tags', value: ['a'] }], taskSpec: { params: [{ name: 'my-tags', type: 'array' }], steps: [{ name: 's', image: IMAGE, args: ["$(params['my-tags'][3])"] }] } } } },
    ];
    expect(tektonSubstitute(fixed).map((a) => a.error ?? (a.taskRuns ?? []).map((t) => t.error ?? 'ok'))).toEqual([[], ['ok'], ['ok', 'ok'], ['ok'], ['ok'], ['ok', 'ok'], ['ok', 'ok'], ['ok'], ['ok'], ['ok']]);
    for (const c of fixed) {
      const flags = 'featureFlags' in c ? [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'feature-flags', namespace: 'tekton-pipelines' }, data: c.featureFlags }] : [];
      const manifests = [c.run, c.pipeline, ...(c.tasks ?? []), ...flags].filter((m) => m !== undefined);
      expect(manifests.flatMap((m) => check(m, ...manifests.filter((o) => o !== m)))).toEqual([]);
    }
  });
});

describe('VALID_REFERENCE: a new volume every task that receives it mounts read-only', () => {
  const reader = taskObject('reader', [{ name: 'config', readOnly: true }]);
  const writer = taskObject('writer', [{ name: 'config' }]);
  const readers = pipeline([{ name: 'cfg' }], [{ name: 'read', taskRef: { name: 'reader' }, workspaces: [{ name: 'config', workspace: 'cfg' }] }]);
  test('a PipelineRun or TaskRun that binds it to an emptyDir or a volumeClaimTemplate: nothing writes it', () => {
    expect(check(pipelineRun([{ name: 'cfg', emptyDir: {} }]), readers, reader)).toEqual([{
      rule: RuleId.VALID_REFERENCE,
      kind: 'PipelineRun',
      name: 'release',
      location: "workspace 'cfg'",
      target: 'workspace/cfg',
      property: 'emptyDir',
      value: '{}',
      problem: 'is a new, empty volume, and every task of Pipeline \'build\' that receives it mounts the workspace read-only (readOnly: true): Tekton admits and runs the run, '
        + 'and nothing can write the volume, so the steps find it empty',
      fix: 'Bind it to a volume that holds what the steps read: - name: cfg with secret: { secretName: <name> }, configMap: { name: <name> } '
        + 'or persistentVolumeClaim: { claimName: <a claim that holds it> }; or remove readOnly: true from the Task\'s workspace if a step writes it.',
    }]);
    expect(check(taskRun([vct('config')], { taskRef: { name: 'reader' } }), reader).map((f) => [f.kind, f.property, f.problem.split(':')[0]])).toEqual([
      ['TaskRun', 'volumeClaimTemplate', 'is a new, empty volume, and Task \'reader\' mounts the workspace read-only (readOnly'],
    ]);
    // a task that may write it (its Task does not declare it read-only, or is not known), a claim made from a data source, a ConfigMap: no finding
    const both = pipeline([{ name: 'cfg' }], [
      { name: 'read', taskRef: { name: 'reader' }, workspaces: [{ name: 'config', workspace: 'cfg' }] },
      { name: 'write', taskRef: { name: 'writer' }, workspaces: [{ name: 'config', workspace: 'cfg' }] },
    ]);
    expect(check(pipelineRun([{ name: 'cfg', emptyDir: {} }]), both, reader, writer)).toEqual([]);
    expect(check(pipelineRun([{ name: 'cfg', emptyDir: {} }]), both, reader)).toEqual([]);
    const restored = { name: 'cfg', volumeClaimTemplate: { spec: { dataSource: { kind: 'VolumeSnapshot', name: 'cfg', apiGroup: 'snapshot.storage.k8s.io' }, resources: { requests: { storage: '1Gi' } } } } };
    expect(check(pipelineRun([restored]), readers, reader)).toEqual([]);
    expect(check(pipelineRun([{ name: 'cfg', configMap: { name: 'cfg' } }]), readers, reader)).toEqual([]);
  });

  test('refused at synth: a run of the library\'s pipeline whose tasks all mount the new volume read-only', () => {
    const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
    const t = new SecureTask(c, 'task', { steps: [step()], workspaces: [{ name: 'src', domain: TrustDomain.SOURCE, readOnly: true }] });
    const p = new SecurePipeline(c, 'pipe', { workspaces: [{ name: 'src', domain: TrustDomain.SOURCE }] });
    p.addTask({ task: t, workspaces: { src: 'src' } });
    new SecurePipelineRun(c, 'run', { pipeline: p, workspaces: { src: RunWorkspace.emptyDir() } });
    // said in the run's props (workspaces), the fix in code
    expect(() => Testing.synth(c)).toThrow("SecurePipelineRun 'test/run': workspaces.src \"RunWorkspace.emptyDir()\" is a new, empty volume, and every task of Pipeline 'pipe' "
      + "that receives it mounts the workspace read-only (readOnly: true on the SecureTask's workspace): Tekton admits and runs the run, and nothing can write the "
      + "volume, so the steps find it empty [VALID_REFERENCE]. Run a task that writes workspace 'src' before the tasks that read it (its SecureTask's workspace "
      + "without readOnly), or bind it to a volume that holds what the steps read: workspaces: { src: RunWorkspace.persistentVolumeClaim('<a claim that holds it>') }.");
  });
});

describe('Shipwright: a Build its controller does not register, a BuildRun it fails before it creates a TaskRun', () => {
  const strategy = {
    apiVersion: 'shipwright.io/v1beta1',
    kind: 'ClusterBuildStrategy',
    metadata: { name: 'buildah' },
    spec: {
      parameters: [{ name: 'dockerfile', default: 'Dockerfile' }, { name: 'target' }, { name: 'args', type: 'array', defaults: [] }],
      volumes: [{ name: 'cache', overridable: true, emptyDir: {} }, { name: 'fixed', emptyDir: {} }],
      steps: [{ name: 'build', image: IMAGE, command: ['buildah', 'bud', '-t', '$(params.shp-output-image)'] }],
    },
  };
  const buildSpec = (fields: Record<string, any> = {}) => ({
    source: { type: 'Git', git: { url: 'https://github.com/example/web' } },
    strategy: { kind: 'ClusterBuildStrategy', name: 'buildah' },
    paramValues: [{ name: 'target', value: 'prod' }],
    output: { image: 'registry.example.com/web' },
    ...fields,
  });
  const shpBuild = (fields: Record<string, any> = {}) => ({ apiVersion: 'shipwright.io/v1beta1', kind: 'Build', metadata: { name: 'web', namespace: 'ci' }, spec: buildSpec(fields) });
  const run = (spec: Record<string, any>, name = 'web-1') => ({ apiVersion: 'shipwright.io/v1beta1', kind: 'BuildRun', metadata: { name, namespace: 'ci' }, spec });
  const brief = (manifest: any, ...others: any[]) => check(manifest, ...others).map((f) => [f.property, f.value, f.problem, f.fix]);
  const FAILS = (reason: string, message: string) => `Shipwright admits the BuildRun, then its controller fails it before it creates a TaskRun (reason ${reason}: ${message})`;
  const PARAMS_FIX = 'Give paramValues only for the params the strategy declares (not shp-*, BUILDER_IMAGE, DOCKERFILE or CONTEXT_DIR), each with one of '
    + 'value, configMapValue or secretValue (with name and key) for a string param and values for an array param, and a value to every param '
    + 'the strategy declares without a default.';

  test('compliant: a BuildRun its strategy accepts; a Build or strategy not checked with it is not known', () => {
    expect(check(run({ build: { name: 'web' } }), shpBuild(), strategy)).toEqual([]);
    expect(check(shpBuild(), strategy)).toEqual([]);
    expect(check(run({ build: { name: 'web' }, paramValues: [{ name: 'bogus', value: 'x' }] }))).toEqual([]);
    expect(check(run({ build: { name: 'web' }, paramValues: [{ name: 'bogus', value: 'x' }] }), shpBuild())).toEqual([]);
    expect(check(run({ build: { spec: buildSpec({ paramValues: [] }) } }))).toEqual([]);
  });

  test('non-compliant: the BuildRun\'s own fields (buildrun.go: its name a label value; validate.go BuildRunFields)', () => {
    const long = `web-${'1'.repeat(60)}`;
    expect(brief(run({ build: { name: 'web' } }, long), shpBuild(), strategy)).toEqual([[
      'metadata.name', long, `is refused: ${FAILS('BuildRunNameInvalid', 'must be no more than 63 characters')}`,
      'Give the BuildRun a name of at most 63 characters (metadata.name; generateName: leaves room for the suffix).',
    ]]);
    expect(brief(run({}))).toEqual([[
      'spec.build', undefined, `is refused: ${FAILS('BuildRunNoRefOrSpec', "no build referenced or specified, either 'buildRef' or 'buildSpec' has to be set")}`,
      'Name the Build to run (spec.build.name: <build>) or embed its spec (spec.build.spec).',
    ]]);
    expect(brief(run({ build: { name: 'web', spec: buildSpec() } }))).toEqual([[
      'spec.build.spec', undefined, `is refused: ${FAILS('BuildRunAmbiguousBuild', "fields 'buildRef' and 'buildSpec' are mutually exclusive")}`,
      'Keep one of spec.build.name and spec.build.spec.',
    ]]);
    expect(brief(run({ build: { spec: buildSpec() }, timeout: '10m' }))).toEqual([[
      'spec.timeout', undefined, `is refused: ${FAILS('BuildRunBuildFieldOverrideForbidden', "cannot use 'timeout' override and 'buildSpec' simultaneously")}`,
      'Write timeout in the embedded Build spec (spec.build.spec) instead, or remove it from the BuildRun.',
    ]]);
    const alpha = { apiVersion: 'shipwright.io/v1alpha1', kind: 'BuildRun', metadata: { name: 'web-1', namespace: 'ci' }, spec: { buildSpec: { ...buildSpec(), trigger: { when: [] } } } };
    expect(brief(alpha)).toEqual([[
      'spec.buildSpec.trigger', undefined, `is refused: ${FAILS('BuildRunBuildFieldOverrideForbidden', "cannot use 'triggers' override in the 'BuildRun', only allowed in the 'Build'")}`,
      'Remove trigger from spec.buildSpec (a Build object\'s trigger starts its BuildRuns).',
    ]]);
  });

  test('non-compliant: an embedded Build spec whose source type lacks its field stops the BuildRun at every retry (validate/sources.go)', () => {
    const pending = (source: any) => brief(run({ build: { spec: buildSpec({ source }) } }), strategy);
    const STOPS = (message: string) => 'is refused: Shipwright admits the BuildRun, then its controller stops at validating the embedded Build spec at every '
      + `retry (${message}) and never creates a TaskRun`;
    const FIX = 'Give the source the field of its type: type: Git with git, type: OCI with ociArtifact, type: Local with local, and no other.';
    expect(pending({ type: 'Git', ociArtifact: { image: 'registry.example.com/src' } })).toEqual([['spec.build.spec.source', undefined, STOPS('type does not match the source'), FIX]]);
    expect(pending({ type: 'Git', git: { url: 'https://github.com/example/web' }, local: { name: 'upload' } }).map((f) => f[2])).toEqual([STOPS('type does not match the source')]);
    expect(pending({ git: { url: 'https://github.com/example/web' } }).map((f) => f[2])).toEqual([STOPS('type definition is missing')]);
    // before the strategy is read: a strategy not checked with it changes nothing
    expect(check(run({ build: { spec: buildSpec({ source: { type: 'OCI' } }) } })).map((f) => f.problem)).toEqual([STOPS('type does not match the source')]);
    // an empty source, a matching one, and a Build's own (the build controller goes on) are not
    expect(pending({})).toEqual([]);
    expect(pending({ type: 'Local', local: { name: 'upload' } })).toEqual([]);
    expect(check(shpBuild({ source: { type: 'Git', ociArtifact: { image: 'r' } } }), strategy)).toEqual([]);
  });

  test('non-compliant: a Build its strategy refuses is not registered, and every BuildRun of it fails (validate/strategies.go)', () => {
    const unregistered = shpBuild({ paramValues: [{ name: 'target', value: 'prod' }, { name: 'dockrfile', value: 'Containerfile' }] });
    expect(brief(unregistered, strategy)).toEqual([[
      'spec.paramValues', undefined, 'is refused by the strategy: Shipwright admits the Build, then its controller does not register it (reason '
        + 'UndefinedParameter: The following parameters are not defined in the build strategy: dockrfile) and fails every BuildRun of it before it '
        + 'creates a TaskRun (reason BuildRegistrationFailed)',
      PARAMS_FIX,
    ]]);
    expect(brief(run({ build: { name: 'web' } }), unregistered, strategy)).toEqual([[
      'spec.build.name', 'web', 'names a Build that Shipwright does not register (its strategy refuses spec.paramValues): '
        + FAILS('BuildRegistrationFailed', 'the Build is not registered correctly, build: web, registered status: False, reason: UndefinedParameter'),
      `In the Build 'web': ${PARAMS_FIX}`,
    ]]);
    // each check overwrites the reason of an earlier one: the last stands (a volume the strategy does not let be overridden)
    const both = shpBuild({ paramValues: [{ name: 'dockrfile', value: 'x' }], volumes: [{ name: 'fixed', emptyDir: {} }] });
    expect(brief(both, strategy).map((f) => f[2])).toEqual(['is refused by the strategy: Shipwright admits the Build, then its controller does not register it '
      + '(reason VolumeNotOverridable: Volume "fixed" is not overridable in the Strategy) and fails every BuildRun of it before it creates a TaskRun (reason BuildRegistrationFailed)']);
    // an embedded Build spec is validated the same way (buildrun.go, reason BuildRegistrationFailed with the check's message)
    expect(brief(run({ build: { spec: buildSpec({ strategy: { kind: 'ClusterBuildStrategy', name: 'buildah', stepResources: [{ name: 'push', resources: {} }] } }) } }), strategy))
      .toEqual([[
        'spec.build.spec.strategy.stepResources', undefined,
        `is refused: ${FAILS('BuildRegistrationFailed', 'stepResources references step "push" which does not exist in the build strategy')}`,
        'Name only the strategy\'s steps in stepResources.',
      ]]);
    // a v1alpha1 Build's dockerfile is its dockerfile param (build_conversion.go): a strategy that declares none refuses it
    const alphaBuild = { apiVersion: 'shipwright.io/v1alpha1', kind: 'Build', metadata: { name: 'web', namespace: 'ci' }, spec: { ...buildSpec(), dockerfile: 'Containerfile' } };
    const noDockerfile = { ...strategy, spec: { ...strategy.spec, parameters: [{ name: 'target' }] } };
    expect(brief(alphaBuild, noDockerfile).map((f) => f[2])).toEqual(['is refused by the strategy: Shipwright admits the Build, then its controller does not '
      + 'register it (reason UndefinedParameter: The following parameters are not defined in the build strategy: dockerfile) and fails every BuildRun of it '
      + 'before it creates a TaskRun (reason BuildRegistrationFailed)']);
    expect(check(alphaBuild, strategy)).toEqual([]);
    // a v1alpha1 empty values list converts to none (build_conversion.go convertBetaParamValue): not the wrong type for a string param
    const emptyValues = { ...alphaBuild, spec: { ...buildSpec({ paramValues: [{ name: 'target', value: 'prod', values: [] }] }) } };
    expect(check(emptyValues, strategy)).toEqual([]);
    expect(brief(shpBuild({ paramValues: [{ name: 'target', value: 'prod', values: [] }] }), strategy).map((f) => f[2])).toEqual(['is refused by the strategy: '
      + 'Shipwright admits the Build, then its controller does not register it (reason WrongParameterValueType: The values for the following parameters are '
      + 'using the wrong type: target) and fails every BuildRun of it before it creates a TaskRun (reason BuildRegistrationFailed)']);
  });

  test('non-compliant: a BuildRun\'s params, volumes and stepResources against the strategy (validate/params.go, volumes.go, stepresources.go)', () => {
    const failsWith = (spec: Record<string, any>, b: any = shpBuild()) => brief(run({ build: { name: 'web' }, ...spec }), b, strategy).map((f) => [f[0], f[2]]);
    // a required param neither the Build nor the BuildRun gives (a Build alone may leave it to its BuildRuns)
    expect(failsWith({}, shpBuild({ paramValues: [] }))).toEqual([['spec.paramValues',
      `is refused: ${FAILS('MissingParameterValues', 'The following parameters are required but no value has been provided: target')}`]]);
    expect(check(shpBuild({ paramValues: [] }), strategy)).toEqual([]);
    expect(failsWith({ paramValues: [{ name: 'shp-output-image', value: 'x' }] })).toEqual([['spec.paramValues',
      `is refused: ${FAILS('RestrictedParametersInUse', 'The following parameters are restricted and cannot be set: shp-output-image')}`]]);
    expect(failsWith({ paramValues: [{ name: 'args', value: 'x' }, { name: 'target', values: [{ value: 'x' }] }] })).toEqual([['spec.paramValues',
      `is refused: ${FAILS('WrongParameterValueType', 'The values for the following parameters are using the wrong type: target, args')}`]]);
    expect(failsWith({ paramValues: [{ name: 'target', value: 'x', secretValue: { name: 's', key: 'k' } }] })).toEqual([['spec.paramValues',
      `is refused: ${FAILS('InconsistentParameterValues', "The following parameters have more than one of 'configMapValue', 'secretValue', and 'value' set: target")}`]]);
    expect(failsWith({ paramValues: [{ name: 'args', values: [{ value: 'a' }, {}] }] })).toEqual([['spec.paramValues', `is refused: ${FAILS('EmptyArrayItemParameterValues',
      "The values for the following array parameters are containing at least one item where none of 'configMapValue', 'secretValue', and 'value' are set: args")}`]]);
    expect(failsWith({ paramValues: [{ name: 'target', secretValue: { name: 'release' } }] })).toEqual([['spec.paramValues',
      `is refused: ${FAILS('IncompleteSecretValueParameterValues', "The values for the following parameters are containing a 'secretValue' with an empty 'name' or 'key': target")}`]]);
    expect(failsWith({ volumes: [{ name: 'scratch', emptyDir: {} }] })).toEqual([['spec.volumes',
      `is refused: ${FAILS('UndefinedVolume', 'Volume "scratch" is not defined in the Strategy')}`]]);
    expect(failsWith({ stepResources: [{ name: 'push', resources: {} }] })).toEqual([['spec.stepResources',
      `is refused: ${FAILS('UndefinedStepResource', 'stepResources references step "push" which does not exist in the build strategy')}`]]);
    // the BuildRun's value of a name replaces the Build's; a value given as "" is a value
    expect(failsWith({ paramValues: [{ name: 'target', value: '' }, { name: 'args', values: [] }, { name: 'dockerfile', configMapValue: { name: 'c', key: 'k' } }] })).toEqual([]);
    expect(failsWith({ volumes: [{ name: 'cache', emptyDir: {} }], stepResources: [{ name: 'build', resources: {} }] })).toEqual([]);
  });

  test('a param given twice: the first entry of its name where one list is empty (params.go OverrideParams, FindParamValueByName), the last beside the other list', () => {
    const twice = [{ name: 'target', value: 'prod' }, { name: 'target', values: [{ value: 'x' }] }];
    // the Build's own list: the first entry is validated, so the Build is registered and its BuildRuns run
    expect(check(shpBuild({ paramValues: twice }), strategy)).toEqual([]);
    expect(check(run({ build: { name: 'web' } }), shpBuild({ paramValues: twice }), strategy)).toEqual([]);
    expect(check(run({ build: { spec: buildSpec({ paramValues: twice }) } }), strategy)).toEqual([]);
    // the first entry refused is a finding; an undefined name given twice is listed twice
    expect(brief(shpBuild({ paramValues: [...twice].reverse() }), strategy).map((f) => f[2])).toEqual(['is refused by the strategy: Shipwright admits the Build, then '
      + 'its controller does not register it (reason WrongParameterValueType: The values for the following parameters are using the wrong type: target) and '
      + 'fails every BuildRun of it before it creates a TaskRun (reason BuildRegistrationFailed)']);
    expect(brief(shpBuild({ paramValues: [{ name: 'tag', value: 'a' }, { name: 'tag', value: 'b' }] }), strategy).map((f) => f[2])).toEqual(['is refused by '
      + 'the strategy: Shipwright admits the Build, then its controller does not register it (reason UndefinedParameter: The following parameters are not '
      + 'defined in the build strategy: tag, tag) and fails every BuildRun of it before it creates a TaskRun (reason BuildRegistrationFailed)']);
    // the BuildRun's list where its Build gives none: its first entry; beside the Build's list, the last of a name
    expect(check(run({ build: { name: 'web' }, paramValues: twice }), shpBuild({ paramValues: [] }), strategy)).toEqual([]);
    expect(brief(run({ build: { name: 'web' }, paramValues: twice }), shpBuild(), strategy).map((f) => f[2])).toEqual([
      `is refused: ${FAILS('WrongParameterValueType', 'The values for the following parameters are using the wrong type: target')}`,
    ]);
  });

  test('v1alpha1 has no nodeSelector, tolerations, schedulerName, runtimeClassName or stepResources: a v1alpha1 BuildRun that embeds its Build spec beside them runs', () => {
    const alpha = (fields: Record<string, any>) => ({
      apiVersion: 'shipwright.io/v1alpha1',
      kind: 'BuildRun',
      metadata: { name: 'web-1', namespace: 'ci' },
      spec: { buildSpec: buildSpec(), ...fields },
    });
    expect(check(alpha({
      nodeSelector: { disk: 'ssd' },
      tolerations: [{ operator: 'Exists' }],
      schedulerName: 's',
      runtimeClassName: 'r',
      stepResources: [{ name: 'push', resources: {} }],
    }), strategy)).toEqual([]);
    expect(brief(run({ build: { spec: buildSpec() }, nodeSelector: { disk: 'ssd' } })).map((f) => f[2])).toEqual([
      `is refused: ${FAILS('BuildRunBuildFieldOverrideForbidden', "cannot use 'nodeSelector' override and 'buildSpec' simultaneously")}`,
    ]);
    const alphaBuild = {
      apiVersion: 'shipwright.io/v1alpha1',
      kind: 'Build',
      metadata: { name: 'web', namespace: 'ci' },
      spec: buildSpec({ strategy: { kind: 'ClusterBuildStrategy', name: 'buildah', stepResources: [{ name: 'push', resources: {} }] } }),
    };
    expect(check(alphaBuild, strategy)).toEqual([]);
  });
});

/** A Task whose `env` param has an enum. */
const deployer = {
  apiVersion: 'tekton.dev/v1',
  kind: 'Task',
  metadata: { name: 'deployer', namespace: 'ci' },
  spec: { params: [{ name: 'env', enum: ['dev', 'prod'], default: 'dev' }], steps: [{ name: 's', image: IMAGE, script: 'echo $(params.env)' }] },
};
/** A Task that mounts the ConfigMap its `names` param's second item names. */
const mounter = {
  apiVersion: 'tekton.dev/v1',
  kind: 'Task',
  metadata: { name: 'mounter', namespace: 'ci' },
  spec: {
    params: [{ name: 'names', type: 'array' }],
    volumes: [{ name: 'cfg', configMap: { name: '$(params.names[1])' } }],
    steps: [{ name: 's', image: IMAGE, script: '#!/bin/sh\nls /cfg', volumeMounts: [{ name: 'cfg', mountPath: '/cfg' }] }],
  },
};

describe('VALID_REFERENCE: what the PipelineRun and TaskRun reconcilers check in the Task a pipeline task runs', () => {
  const FLAGS_ON = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'feature-flags', namespace: 'tekton-pipelines' }, data: { 'enable-param-enum': 'true' } };
  const TASK_FAILS = 'Tekton admits the pipeline, then fails every run of it when it runs the task (its TaskRun fails with reason TaskRunValidationFailed: ';
  const FIELDS = "steps, sidecars, stepTemplate, volumes and workspaces' mountPath";
  const lists = (args?: unknown) => withParams([], [{ name: 'list', taskRef: { name: 'lister' }, ...(args === undefined ? {} : { params: [{ name: 'args', value: args }] }) }]);
  const passes = withParams([{ name: 'tags', type: 'array' }], [{ name: 'list', taskRef: { name: 'lister' }, params: [{ name: 'args', value: ['$(params.tags[*])'] }] }]);
  const runOf = (params: any[], more: Record<string, unknown> = {}) => ({ ...pipelineRun([]), spec: { pipelineRef: { name: 'build' }, params, ...more } });
  const deploys = (pipelineParam: any, value = '$(params.env)') => withParams([pipelineParam], [{ name: 'deploy', taskRef: { name: 'deployer' }, params: [{ name: 'env', value }] }]);

  test('a pipeline task that gives its Task an array shorter than the Task indexes, or leaves it the default', () => {
    expect(check(lists(['x', 'y']), lister)).toEqual([{
      rule: RuleId.VALID_REFERENCE,
      kind: 'Pipeline',
      name: 'build',
      location: "pipeline task 'list'",
      target: 'task/list',
      property: 'params',
      value: 'args',
      problem: `is given an array of 2 items (["x","y"]), but Task 'lister' refers to $(params['args'][2]) in its ${FIELDS}: ${TASK_FAILS}non-existent param references:[$(params['args'][2])])`,
      fix: `Give it an array of at least 3 items in the pipeline task's params: - name: args with value: [<value>, ...], or refer only to indexes below 2 in the Task's ${FIELDS}.`,
    }]);
    expect(check(lists(), lister).map((f) => f.problem.split(', but')[0])).toEqual(['is not given, and the default Task \'lister\' declares for the param is an array of 1 item (["a"])']);
    // enough items, a value the run gives (judged on the run), a Task not known: no finding
    expect(check(lists(['x', 'y', 'z']), lister)).toEqual([]);
    expect(check(lists(['$(params.tags[*])']), lister)).toEqual([]);
    expect(check(lists(['x']))).toEqual([]);
  });

  test('a PipelineRun whose array a pipeline task passes whole to a Task that indexes it beyond its length', () => {
    expect(check(runOf([{ name: 'tags', value: ['x', 'y'] }]), passes, lister)).toEqual([{
      rule: RuleId.VALID_REFERENCE,
      kind: 'PipelineRun',
      name: 'release',
      property: 'spec.params',
      value: 'tags',
      problem: `is given an array of 2 items (["x","y"]), but pipeline task 'list' passes it to Task 'lister' as its param "args", and Task 'lister' refers to $(params['args'][2]) in its ${FIELDS}: `
        + "Tekton admits the run, then fails it when it runs the task (its TaskRun fails with reason TaskRunValidationFailed: non-existent param references:[$(params['args'][2])])",
      fix: `Give it an array of at least 3 items: - name: tags with value: [<value>, ...], or refer only to indexes below 2 in the Task's ${FIELDS}.`,
    }]);
    // the pipeline's default, when the run gives none; the string forms of the whole array
    const defaulted = withParams([{ name: 'tags', type: 'array', default: ['x'] }], passes.spec.tasks);
    expect(check(runOf([]), defaulted, lister).map((f) => f.problem.split(', but')[0])).toEqual(['is not given, and the default Pipeline \'build\' declares for the param is an array of 1 item (["x"])']);
    // the bracket forms; literal items beside it count
    for (const item of ["$(params['tags'][*])", '$(params["tags"][*])']) {
      const p = withParams([{ name: 'tags', type: 'array' }], [{ name: 'list', taskRef: { name: 'lister' }, params: [{ name: 'args', value: [item] }] }]);
      expect(check(runOf([{ name: 'tags', value: ['x'] }]), p, lister).map((f) => f.value)).toEqual(['tags']);
    }
    const more = withParams([{ name: 'tags', type: 'array' }], [{ name: 'list', taskRef: { name: 'lister' }, params: [{ name: 'args', value: ['first', '$(params.tags[*])'] }] }]);
    expect(check(runOf([{ name: 'tags', value: ['x'] }]), more, lister).map((f) => [f.problem.split(', and')[0], f.fix?.split(':')[0]])).toEqual([[
      'is given an array of 1 item (["x"]), but pipeline task \'list\' passes it to Task \'lister\' as its param "args" (with 1 more item)', 'Give it an array of at least 2 items',
    ]]);
    expect(check(runOf([{ name: 'tags', value: ['x', 'y'] }]), more, lister)).toEqual([]);
    // a string that names the array (the webhook refuses it, or the Task's param type does not match): not judged here
    for (const value of ['$(params.tags)', '$(params.tags[*])']) {
      const p = withParams([{ name: 'tags', type: 'array' }], [{ name: 'list', taskRef: { name: 'lister' }, params: [{ name: 'args', value }] }]);
      expect(check(runOf([{ name: 'tags', value: ['x'] }]), p, lister)).toEqual([]);
    }
    // enough items, a value Triggers may still substitute, a Task not known: no finding
    expect(check(runOf([{ name: 'tags', value: ['x', 'y', 'z'] }]), passes, lister)).toEqual([]);
    expect(check(runOf([{ name: 'tags', value: ['$(tt.params.tags)'] }]), passes, lister)).toEqual([]);
    expect(check(runOf([{ name: 'tags', value: ['x'] }]), passes)).toEqual([]);
  });

  test('an index in a Task\'s volumes', () => {
    const run = { ...taskRun([], { taskRef: { name: 'mounter' } }), spec: { taskRef: { name: 'mounter' }, params: [{ name: 'names', value: ['a'] }] } };
    expect(check(run, mounter).map((f) => [f.value, f.problem])).toEqual([['names',
      `is given an array of 1 item (["a"]), but Task 'mounter' refers to $(params.names[1]) in its ${FIELDS}: `
        + 'Tekton admits the run, then its reconciler fails it (reason TaskRunValidationFailed: non-existent param references:[$(params.names[1])])']]);
    // every volume field Tekton reads
    const volumes = [
      { name: 'a', secret: { secretName: 's', items: [{ key: '$(params.names[1])', path: 'p' }] } },
      { name: 'b', persistentVolumeClaim: { claimName: 'x-$(params.names[2])' } },
      { name: 'c', projected: { sources: [{ serviceAccountToken: { audience: '$(params.names[3])' } }, { configMap: { name: '$(params.names[4])' } }] } },
      { name: 'd', csi: { driver: 'd', nodePublishSecretRef: { name: '$(params.names[5])' }, volumeAttributes: { k: '$(params.names[6])' } } },
      { name: '$(params.names[7])', configMap: { name: 'n', items: [{ key: 'k', path: '$(params.names[8])' }] } },
    ];
    expect(check(run, { ...mounter, spec: { ...mounter.spec, volumes } }).map((f) => /non-existent param references:(.*)\)$/.exec(f.problem)?.[1])).toEqual([
      '[$(params.names[1]) $(params.names[2]) $(params.names[3]) $(params.names[4]) $(params.names[5]) $(params.names[6]) $(params.names[7]) $(params.names[8])]',
    ]);
    expect(check({ ...run, spec: { ...run.spec, params: [{ name: 'names', value: ['a', 'b'] }] } }, mounter)).toEqual([]);
  });

  test('a taskRunSpecs entry for a pipeline task the pipeline does not have', () => {
    const p = withParams([], [cloneTask('a', fullParams)], { finally: [cloneTask('fin', fullParams)] });
    expect(check(runOf([], { taskRunSpecs: [{ pipelineTaskName: 'fin' }, { pipelineTaskName: 'b' }] }), p, clone)).toEqual([{
      rule: RuleId.VALID_REFERENCE,
      kind: 'PipelineRun',
      name: 'release',
      property: 'spec.taskRunSpecs',
      value: 'b',
      problem: 'names a pipeline task Pipeline \'build\' does not have (it has "a", "fin"): Tekton admits the run, then its reconciler fails it '
        + '(reason InvalidTaskRunSpecs: pipelineRun\'s taskrunSpecs defined wrong taskName: "b", does not exist in Pipeline)',
      fix: 'Give the entry\'s pipelineTaskName the name of a task of the pipeline ("a", "fin"), or remove the entry.',
    }]);
    expect(check(runOf([], { taskRunSpecs: [{ pipelineTaskName: 'b' }] }))).toEqual([]);
  });

  test('a pipeline task whose onError is a param the run gives a value Tekton does not take', () => {
    const guarded = (more: Record<string, unknown> = {}, param: any = { name: 'mode' }) => withParams([param], [cloneTask('a', fullParams, { onError: '$(params.mode)', ...more })]);
    expect(check(runOf([{ name: 'mode', value: 'ignore' }]), guarded(), clone)).toEqual([{
      rule: RuleId.VALID_REFERENCE,
      kind: 'PipelineRun',
      name: 'release',
      property: 'spec.params',
      value: 'mode',
      problem: 'is given "ignore", which pipeline task \'a\' takes as its onError ($(params.mode)): Tekton admits the run, then its reconciler fails it (reason PipelineValidationFailed: '
        + 'invalid value: ignore: OnError\nPipelineTask OnError must be either "continue" or "stopAndFail")',
      fix: 'Give it "continue" or "stopAndFail": - name: mode with value: stopAndFail.',
    }]);
    expect(check(runOf([{ name: 'mode', value: 'continue' }]), guarded({ retries: 2 }), clone).map((f) => [f.problem.split(': Tekton')[0], f.fix])).toEqual([[
      'is given "continue", which pipeline task \'a\' takes as its onError ($(params.mode)) while it has retries: 2',
      'Give it "stopAndFail": - name: mode with value: stopAndFail, or remove the pipeline task\'s retries.',
    ]]);
    expect(check(runOf([]), guarded({}, { name: 'mode', default: 'skip' }), clone).map((f) => f.problem.split(', which')[0])).toEqual([
      'is not given, and the default Pipeline \'build\' declares for the param is "skip"',
    ]);
    // a value Tekton takes, or one Triggers may still substitute: no finding
    expect(check(runOf([{ name: 'mode', value: 'continue' }]), guarded(), clone)).toEqual([]);
    expect(check(runOf([{ name: 'mode', value: 'stopAndFail' }]), guarded({ retries: 2 }), clone)).toEqual([]);
    expect(check(runOf([{ name: 'mode', value: '$(tt.params.mode)' }]), guarded(), clone)).toEqual([]);
  });

  test('enable-param-enum: a pipeline param without an enum, or with a wider one, passed to a Task param with an enum', () => {
    const SUBSET_FAILS = 'Tekton admits the pipeline, then fails every run of it before any task runs (the PipelineRun fails with reason PipelineValidationFailed: Validation failed for pipelinerun with error ';
    expect(check(deploys({ name: 'env' }), deployer, FLAGS_ON)).toEqual([{
      rule: RuleId.VALID_REFERENCE,
      kind: 'Pipeline',
      name: 'build',
      location: "pipeline task 'deploy'",
      target: 'task/deploy',
      property: 'params',
      value: 'env',
      problem: 'is given "$(params.env)", the pipeline\'s param "env", which the pipeline declares without an enum, but Task \'deployer\' declares the param with the enum ("dev", "prod"), '
        + `and feature-flags' enable-param-enum is "true": ${SUBSET_FAILS}pipeline param "env" has no enum, but referenced in "deployer" task has enums: [dev prod])`,
      fix: 'Declare the pipeline\'s param env with an enum of values the Task\'s lists: enum: ["dev", "prod"] (or some of them).',
    }]);
    expect(check(deploys({ name: 'env', enum: ['dev', 'qa'] }, 'env-$(params.env)'), deployer, FLAGS_ON).map((f) => [f.problem, f.fix])).toEqual([[
      'is given "env-$(params.env)", the pipeline\'s param "env", whose enum ("dev", "qa") has "qa", which the enum Task \'deployer\' declares for the param ("dev", "prod") does not list, '
        + `and feature-flags' enable-param-enum is "true": ${SUBSET_FAILS}pipeline param "env" enum: [dev qa] is not a subset of the referenced in "deployer" task param enum: [dev prod])`,
      'Remove "qa" from the enum of the pipeline\'s param env (keep values the Task\'s lists: "dev", "prod"), or add them to the Task param\'s enum.',
    ]]);
    // a subset; the flag off; two references in the value; a param before it whose Task param has no enum (Tekton stops there): no finding
    expect(check(deploys({ name: 'env', enum: ['prod'] }), deployer, FLAGS_ON)).toEqual([]);
    expect(check(deploys({ name: 'env' }), deployer)).toEqual([]);
    expect(check(deploys({ name: 'env' }, '$(params.env)$(params.env)'), deployer, FLAGS_ON)).toEqual([]);
    const stops = withParams([{ name: 'env' }], [{ name: 'deploy', taskRef: { name: 'deployer' }, params: [{ name: 'other', value: '$(params.env)' }, { name: 'env', value: '$(params.env)' }] }]);
    expect(check(stops, deployer, FLAGS_ON)).toEqual([]);
  });

  test('enable-param-enum: a matrix value the Task param\'s enum does not list', () => {
    const matrixed = (values: string[]) => withParams([], [{ name: 'deploy', taskRef: { name: 'deployer' }, matrix: { params: [{ name: 'env', value: values }] } }]);
    expect(check(matrixed(['dev', 'staging', 'qa']), deployer, FLAGS_ON)).toEqual([{
      rule: RuleId.VALID_REFERENCE,
      kind: 'Pipeline',
      name: 'build',
      location: "pipeline task 'deploy'",
      target: 'task/deploy',
      property: 'matrix',
      value: 'env',
      problem: 'is given "staging", which is not in the enum Task \'deployer\' declares for the param ("dev", "prod"), and feature-flags\' enable-param-enum is "true": '
        + 'Tekton admits the pipeline, then fails every run of it when it reaches the task (the PipelineRun fails with reason InvalidParamValue: '
        + 'Invalid param value from PipelineTask "deploy": param `env` value: staging is not in the enum list)',
      fix: 'Give the matrix only values of the enum: - name: env with value: ["dev", ...], or add "staging" to the param\'s enum.',
    }]);
    const included = withParams([], [{ name: 'deploy', taskRef: { name: 'deployer' }, matrix: { include: [{ name: 'one', params: [{ name: 'env', value: 'qa' }] }] } }]);
    expect(check(included, deployer, FLAGS_ON).map((f) => [f.property, f.value, f.problem.split(',')[0]])).toEqual([['matrix', 'env', 'is given "qa"']]);
    expect(check(matrixed(['dev', 'prod']), deployer, FLAGS_ON)).toEqual([]);
    expect(check(matrixed(['dev', 'staging']), deployer)).toEqual([]);
  });
});

describeWithTektonSubstitute('Tekton v1.15 fails what VALID_REFERENCE finds in the Task a pipeline task runs, and runs the fixed objects', () => {
  const enumOn = { 'enable-param-enum': 'true' };
  const runOf = (params: any[], more: Record<string, unknown> = {}) => ({ ...pipelineRun([]), spec: { pipelineRef: { name: 'build' }, params, ...more } });
  const lists = (args: unknown) => withParams([], [{ name: 'list', taskRef: { name: 'lister' }, params: [{ name: 'args', value: args }] }]);
  const passes = withParams([{ name: 'tags', type: 'array' }], [{ name: 'list', taskRef: { name: 'lister' }, params: [{ name: 'args', value: ['$(params.tags[*])'] }] }]);
  const deploys = (pipelineParam: any) => withParams([pipelineParam], [{ name: 'deploy', taskRef: { name: 'deployer' }, params: [{ name: 'env', value: '$(params.env)' }] }]);
  const matrixed = (values: string[]) => withParams([], [{ name: 'deploy', taskRef: { name: 'deployer' }, matrix: { params: [{ name: 'env', value: values }] } }]);
  const mounting = (names: string[]) => ({ run: { ...taskRun([], { taskRef: { name: 'mounter' } }), spec: { taskRef: { name: 'mounter' }, params: [{ name: 'names', value: names }] } }, tasks: [mounter] });
  const p = withParams([], [cloneTask('a', fullParams)]);
  type Case = { run: any; pipeline?: any; tasks?: any[]; featureFlags?: Record<string, string> };
  const manifestsOf = (c: Case) => [c.run, ...(c.pipeline ? [c.pipeline] : []), ...(c.tasks ?? []),
    ...(c.featureFlags ? [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'feature-flags', namespace: 'tekton-pipelines' }, data: c.featureFlags }] : [])];
  const findingsOf = (c: Case) => manifestsOf(c).flatMap((m) => check(m, ...manifestsOf(c).filter((o) => o !== m)));

  test('each finding quotes the reconciler\'s error', () => {
    const cases: Case[] = [
      { run: runOf([]), pipeline: lists(['x', 'y']), tasks: [lister] },
      { run: runOf([{ name: 'tags', value: ['x', 'y'] }]), pipeline: passes, tasks: [lister] },
      { run: runOf([{ name: 'tags', value: ['x'] }]), pipeline: withParams([{ name: 'tags', type: 'array' }], [{ name: 'list', taskRef: { name: 'lister' }, params: [{ name: 'args', value: ['first', '$(params["tags"][*])'] }] }]), tasks: [lister] },
      mounting(['a']),
      { run: runOf([], { taskRunSpecs: [{ pipelineTaskName: 'b' }] }), pipeline: p, tasks: [clone] },
      { run: runOf([{ name: 'env', value: 'dev' }]), pipeline: deploys({ name: 'env' }), tasks: [deployer], featureFlags: enumOn },
      { run: runOf([{ name: 'env', value: 'dev' }]), pipeline: deploys({ name: 'env', enum: ['dev', 'qa'] }), tasks: [deployer], featureFlags: enumOn },
      { run: runOf([]), pipeline: matrixed(['dev', 'staging']), tasks: [deployer], featureFlags: enumOn },
      { run: runOf([{ name: 'mode', value: 'ignore' }]), pipeline: withParams([{ name: 'mode' }], [cloneTask('a', fullParams, { onError: '$(params.mode)' })]), tasks: [clone] },
      { run: runOf([{ name: 'mode', value: 'continue' }]), pipeline: withParams([{ name: 'mode' }], [cloneTask('a', fullParams, { onError: '$(params.mode)', retries: 2 })]), tasks: [clone] },
    ];
    const answers = tektonSubstitute(cases);
    cases.forEach((c, i) => {
      const findings = findingsOf(c);
      const error = answers[i].error ?? answers[i].taskRuns?.find((t) => t.error)?.error;
      expect(findings).toHaveLength(1);
      expect(error?.replace(/^reconciler: (\w+: )?/, '')).toEqual(/\(.*?reason \w+: ([\s\S]*)\)$/.exec(findings[0].problem)?.[1]
        ?.replace(/^Invalid param value from PipelineTask "\w+": /, '').replace(/^Validation failed for pipelinerun with error /, ''));
    });
  });

  test('the fixed objects run, and the rule finds nothing', () => {
    const fixed: Case[] = [
      { run: runOf([]), pipeline: lists(['x', 'y', 'z']), tasks: [lister] },
      { run: runOf([{ name: 'tags', value: ['x', 'y', 'z'] }]), pipeline: passes, tasks: [lister] },
      { run: runOf([{ name: 'tags', value: ['x', 'y'] }]), pipeline: withParams([{ name: 'tags', type: 'array' }], [{ name: 'list', taskRef: { name: 'lister' }, params: [{ name: 'args', value: ['first', '$(params["tags"][*])'] }] }]), tasks: [lister] },
      mounting(['a', 'b']),
      { run: runOf([], { taskRunSpecs: [{ pipelineTaskName: 'a' }] }), pipeline: p, tasks: [clone] },
      { run: runOf([{ name: 'env', value: 'dev' }]), pipeline: deploys({ name: 'env', enum: ['dev'] }), tasks: [deployer], featureFlags: enumOn },
      { run: runOf([]), pipeline: matrixed(['dev', 'prod']), tasks: [deployer], featureFlags: enumOn },
      { run: runOf([{ name: 'mode', value: 'stopAndFail' }]), pipeline: withParams([{ name: 'mode' }], [cloneTask('a', fullParams, { onError: '$(params.mode)', retries: 2 })]), tasks: [clone] },
    ];
    expect(tektonSubstitute(fixed).map((a) => a.error ?? (a.taskRuns ?? []).map((t) => t.error ?? 'ok'))).toEqual([['ok'], ['ok'], ['ok'], ['ok'], ['ok'], ['ok'], ['ok', 'ok'], ['ok']]);
    for (const c of fixed) expect(findingsOf(c)).toEqual([]);
  });
});

describe('VALID_REFERENCE on steps that run a StepAction whose params they do not match', () => {
  const gitClone = {
    apiVersion: 'tekton.dev/v1beta1',
    kind: 'StepAction',
    metadata: { name: 'git-clone', namespace: 'ci' },
    spec: { image: IMAGE, params: [{ name: 'url' }, { name: 'rev', default: 'main' }], env: [{ name: 'URL', value: '$(params.url)' }], script: 'git clone "$URL"' },
  };
  const RESOLUTION = 'Tekton admits the Task, then fails every run of it when it resolves the step\'s StepAction (reason TaskRunResolutionFailed: failed to resolve step ref for step';
  const task = (steps: any[], apiVersion = 'tekton.dev/v1') => ({ apiVersion, kind: 'Task', metadata: { name: 'fetch', namespace: 'ci' }, spec: { steps } });
  const found = (o: any, ...more: any[]) => check(o, gitClone, ...more)
    .map((f) => ({ property: f.property, value: f.value, problem: f.problem, fix: f.fix }));

  test('a param the StepAction does not declare; else one it declares without a default that the step does not give', () => {
    expect(found(task([
      { name: 'a', ref: { name: 'git-clone' }, params: [{ name: 'url', value: 'u' }, { name: 'depth', value: '1' }, { name: 'sparse', value: 'x' }] },
      { name: 'b', ref: { name: 'git-clone' } },
      { name: 'c', ref: { name: 'git-clone' }, params: [{ name: 'rev', value: 'v1' }] },
    ]))).toEqual([
      {
        property: 'spec.steps[0].params',
        value: 'depth, sparse',
        problem: `passes params "depth", "sparse" that StepAction 'git-clone' does not declare: ${RESOLUTION} "a" (index 0): extra params passed by Step to StepAction: [depth sparse])`,
        fix: 'Remove "depth", "sparse" from the step\'s params, or declare them in the params of StepAction \'git-clone\' (- name: depth, - name: sparse).',
      },
      {
        property: 'spec.steps[1].params',
        value: 'url',
        problem: `is not given, and StepAction 'git-clone' declares the param without a default: ${RESOLUTION} "b" (index 1): non-existent params in Step: [url])`,
        fix: 'Give it in the step\'s params (params: [{ name: url, value: <value> }]), or give it a default in the params of StepAction \'git-clone\'.',
      },
      {
        property: 'spec.steps[2].params',
        value: 'url',
        problem: `is not given, and StepAction 'git-clone' declares the param without a default: ${RESOLUTION} "c" (index 2): non-existent params in Step: [url])`,
        fix: 'Give it in the step\'s params (params: [{ name: url, value: <value> }]), or give it a default in the params of StepAction \'git-clone\'.',
      },
    ]);
  });

  test('the fix gives each param a value of its type, and names the params the step lacks beside those the StepAction does not declare', () => {
    const typed = {
      ...gitClone,
      spec: {
        ...gitClone.spec,
        params: [{ name: 'git', type: 'object', properties: { url: {}, revision: {} } }, { name: 'flags', type: 'array' }, { name: 'rev', default: 'main' }],
      },
    };
    const fixes = (steps: any[]) => check(task(steps), typed).map((f) => [f.property, f.value, f.fix]);
    expect(fixes([{ name: 'a', ref: { name: 'git-clone' } }])).toEqual([[
      'spec.steps[0].params', 'git, flags',
      'Give them in the step\'s params (params: [{ name: git, value: { url: <value>, revision: <value> } }, { name: flags, value: [<value>, ...] }]), '
        + 'or give them a default in the params of StepAction \'git-clone\'.',
    ]]);
    expect(fixes([{ name: 'a', ref: { name: 'git-clone' }, params: [{ name: 'url', value: 'u' }, { name: 'flags', value: ['-q'] }] }])).toEqual([[
      'spec.steps[0].params', 'url',
      'Remove "url" from the step\'s params, or declare it in the params of StepAction \'git-clone\' (- name: url). The step gives no "git" either, which '
        + 'StepAction \'git-clone\' declares without a default: give it too (params: [{ name: git, value: { url: <value>, revision: <value> } }]).',
    ]]);
    expect(check(task([{ name: 'a', ref: { name: 'git-clone' }, params: [{ name: 'git', value: { url: 'u', revision: 'r' } }, { name: 'flags', value: ['-q'] }] }]), typed)).toEqual([]);
  });

  test('a TaskRun\'s own taskSpec: its reconciler fails the run; a v1beta1 Task alike', () => {
    const run = { apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name: 'r', namespace: 'ci' }, spec: { taskSpec: { steps: [{ name: 's', ref: { name: 'git-clone' }, params: [{ name: 'x', value: '1' }] }] } } };
    expect(found(run)).toEqual([{
      property: 'spec.taskSpec.steps[0].params',
      value: 'x',
      problem: 'passes a param "x" that StepAction \'git-clone\' does not declare: Tekton admits the run, then its reconciler fails it (reason TaskRunResolutionFailed: '
        + 'failed to resolve step ref for step "s" (index 0): extra params passed by Step to StepAction: [x])',
      fix: 'Remove "x" from the step\'s params, or declare it in the params of StepAction \'git-clone\' (- name: x). The step gives no "url" either, which '
        + 'StepAction \'git-clone\' declares without a default: give it too (params: [{ name: url, value: <value> }]).',
    }]);
    expect(found(storedForm(task([{ name: 'b', ref: { name: 'git-clone' } }], 'tekton.dev/v1beta1'))).map((f) => f.value)).toEqual(['url']);
  });

  test('a pipeline task\'s embedded taskSpec: every run of the pipeline fails when it runs the task (a Pipeline\'s, a PipelineRun\'s own pipeline)', () => {
    const tasks = [{ name: 'fetch', taskSpec: { steps: [{ name: 'clone', ref: { name: 'git-clone' }, params: [{ name: 'url', value: 'u' }, { name: 'depth', value: '1' }] }] } }];
    const p = { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'p', namespace: 'ci' }, spec: { tasks } };
    const pr = { apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { name: 'pr', namespace: 'ci' }, spec: { pipelineSpec: { tasks } } };
    const want = {
      property: 'taskSpec.steps[0].params',
      value: 'depth',
      problem: 'passes a param "depth" that StepAction \'git-clone\' does not declare: Tekton admits the pipeline, then fails every run of it when it runs the task '
        + '(its TaskRun fails with reason TaskRunResolutionFailed: failed to resolve step ref for step "clone" (index 0): extra params passed by Step to StepAction: [depth])',
      fix: 'Remove "depth" from the step\'s params, or declare it in the params of StepAction \'git-clone\' (- name: depth).',
    };
    expect(found(p)).toEqual([want]);
    expect(check(p, gitClone)[0].location).toBe('pipeline task \'fetch\'');
    expect(found(pr)).toEqual([want]);
  });

  test('no finding: params that match, a StepAction not among the files or in another namespace, a resolver, a Task the webhook refuses says so first', () => {
    expect(found(task([{ name: 'a', ref: { name: 'git-clone' }, params: [{ name: 'url', value: 'u' }] }, { name: 'b', ref: { name: 'other' } }]))).toEqual([]);
    expect(check(task([{ name: 'b', ref: { name: 'git-clone' } }]), { ...gitClone, metadata: { name: 'git-clone', namespace: 'other' } })).toEqual([]);
    expect(found(task([{ name: 'b', ref: { resolver: 'git', params: [{ name: 'url', value: 'u' }] } }]))).toEqual([]);
    // (an image beside the ref: TEKTON_ADMITTED's refusal)
    expect(found(task([{ name: 'b', ref: { name: 'git-clone' }, image: IMAGE }])).map((f) => f.problem.split(' (reason')[0])).toEqual([
      'is not given, and StepAction \'git-clone\' declares the param without a default: Tekton\'s webhook refuses the Task as written (TEKTON_ADMITTED); '
        + 'once it admits it, Tekton fails every run of it when it resolves the step\'s StepAction',
    ]);
  });
});

describe('VALID_REFERENCE on steps whose StepAction\'s defaults the reconciler cannot resolve', () => {
  const actionOf = (params: any[]) => ({
    apiVersion: 'tekton.dev/v1beta1',
    kind: 'StepAction',
    metadata: { name: 'res', namespace: 'ci' },
    // (a string param read in the env: the webhook refuses an array's or an object's whole there)
    spec: { image: IMAGE, params, env: params.filter((p) => !p.type && !p.properties).map((p, k) => ({ name: `P${k}`, value: `$(params.${p.name})` })), script: 'echo "$P0"' },
  });
  const runOf = (action: any, params: any[] = [], name: string | null = 'b') => ({
    apiVersion: 'tekton.dev/v1',
    kind: 'TaskRun',
    metadata: { name: 'tr', namespace: 'ci' },
    spec: { taskSpec: { steps: [{ ...(name === null ? {} : { name }), ref: { name: action.metadata.name }, params }] } },
  });
  const FAILS = 'Tekton admits the run, then its reconciler fails it (reason TaskRunResolutionFailed: failed to resolve step ref for step';
  const GIVE = 'or make the defaults in StepAction \'res\' refer only to params it declares with a default (as $(params.<name>), no element, key or [*]) without a circle.';
  const CIRCLE = 'circular dependency detected in parameter references';
  // [the StepAction's params, the step's params, the finding's value, problem and fix (none: no finding)]
  const CASES: Array<[any[], any[], { value: string; problem: string; fix: string } | undefined]> = [
    [[{ name: 'ref', default: '$(params.flags[*])' }, { name: 'flags', type: 'array', default: ['-v'] }], [], {
      value: 'ref',
      problem: `does not give "ref", whose default in StepAction 'res' refers to a param the StepAction does not declare: ${FAILS} "b" (index 0): `
        + 'parameter "ref" references non-existent parameter "flags[*]")',
      fix: `Give it in the step's params (params: [{ name: ref, value: <value> }]), ${GIVE}`,
    }],
    [[{ name: 'url', default: 'https://$(params.git.host)/x' }, { name: 'git', properties: { host: {} }, default: { host: 'h' } }], [], {
      value: 'url',
      problem: `does not give "url", whose default in StepAction 'res' refers to a param the StepAction does not declare: ${FAILS} "b" (index 0): `
        + 'parameter "url" references non-existent parameter "git.host")',
      fix: `Give it in the step's params (params: [{ name: url, value: <value> }]), ${GIVE}`,
    }],
    [[{ name: 'a', default: '$(params.b)' }, { name: 'b', default: 'x-$(params.a)' }, { name: 'c', default: '$(params.a)' }], [], {
      value: 'a, b, c',
      problem: 'does not give "a", "b", "c", whose defaults in StepAction \'res\' refer to params that cannot be resolved (in a circle, or through one '
        + `whose default cannot be): ${FAILS} "b" (index 0): ${CIRCLE})`,
      fix: `Give them in the step's params (params: [{ name: a, value: <value> }, { name: b, value: <value> }, { name: c, value: <value> }]), ${GIVE}`,
    }],
    // (given: the step's value breaks the circle; resolved in turn)
    [[{ name: 'a', default: '$(params.b)' }, { name: 'b', default: 'x-$(params.a)' }], [{ name: 'b', value: 'v' }], undefined],
    [[{ name: 'a', default: '$(params.b)-$(params.c)' }, { name: 'b', default: '$(params.c)' }, { name: 'c', default: 'x' }], [], undefined],
  ];

  test.each(CASES.map((c, i) => [i, ...c] as const))('case %d', (_, params, given, want) => {
    const action = actionOf(params);
    const run = runOf(action, given);
    const findings = VALID_REFERENCE.check(run, ruleContext([run, action]));
    expect(findings.map((f) => ({ value: f.value, problem: f.problem, fix: f.fix }))).toEqual(want ? [want] : []);
  });

  test('a circle and a reference to no param: the reconciler fails on either, as Go\'s map order decides; an unnamed step is placed as Tekton names its container', () => {
    const action = actionOf([{ name: 'a', default: '$(params.nope)' }, { name: 'b', default: '$(params.c)' }, { name: 'c', default: '$(params.b)' }]);
    const run = runOf(action, [], null);
    expect(VALID_REFERENCE.check(run, ruleContext([run, action])).map((f) => ({ location: f.location, problem: f.problem }))).toEqual([{
      location: 'step \'unnamed-0\'',
      problem: 'does not give "a", "b", "c", whose defaults in StepAction \'res\' refer to params that cannot be resolved (in a circle, or through one '
        + `whose default cannot be): ${FAILS} "" (index 0): ${CIRCLE}, or failed to resolve step ref for step "" (index 0): parameter "a" references `
        + 'non-existent parameter "nope" (which one, Go\'s map order decides))',
    }]);
  });

  describeWithTektonSubstitute('Tekton v1.15\'s TaskRun reconciler fails the runs found so, with the message quoted, and runs the others', () => {
    test('each case', () => {
      const requests = CASES.map(([params, given]) => ({ run: runOf(actionOf(params), given), stepActions: [actionOf(params)] }));
      const quoted = requests.map(({ run, stepActions }) => VALID_REFERENCE.check(run, ruleContext([run, ...stepActions]))
        .map((f) => `reconciler: ${f.problem.split('(reason TaskRunResolutionFailed: ')[1].slice(0, -1)}`)[0]);
      expect(tektonSubstitute(requests).map((a) => a.error ?? a.taskRuns?.[0].error)).toEqual(quoted);
      expect(quoted.filter((q) => q !== undefined)).toHaveLength(3);
    });

    test('a circle and a reference to no param: either error, each quoted', () => {
      const action = actionOf([{ name: 'a', default: '$(params.nope)' }, { name: 'b', default: '$(params.c)' }, { name: 'c', default: '$(params.b)' }]);
      const run = runOf(action, [], null);
      const errors = tektonSubstitute(Array.from({ length: 8 }, () => ({ run, stepActions: [action] }))).map((a) => a.taskRuns?.[0].error?.replace(/^reconciler: /, ''));
      const [problem] = VALID_REFERENCE.check(run, ruleContext([run, action])).map((f) => f.problem);
      for (const e of errors) expect([CIRCLE, 'parameter "a" references non-existent parameter "nope"'].map((m) => `failed to resolve step ref for step "" (index 0): ${m}`)).toContain(e);
      for (const e of errors) expect(problem).toContain(e!);
    });
  });
});

describe('VALID_REFERENCE on steps that pass a StepAction\'s param a value of another shape than its default', () => {
  const sa = {
    apiVersion: 'tekton.dev/v1beta1',
    kind: 'StepAction',
    metadata: { name: 'build', namespace: 'ci' },
    spec: {
      image: IMAGE,
      params: [
        { name: 'flags', type: 'array', default: ['-v'] }, { name: 'mode', default: 'fast' }, { name: 'my-opt', type: 'array', default: [] },
        { name: 'git', properties: { url: {} }, default: { url: 'u' } }, { name: 'extra', type: 'array' },
      ],
      args: ['$(params.flags[*])', '$(params.mode)', '$(params.my-opt[*])', '$(params.git.url)', '$(params.extra[*])'],
    },
  };
  const shapedRun = (params: any[], taskParams?: any[]) => ({
    apiVersion: 'tekton.dev/v1',
    kind: 'TaskRun',
    metadata: { name: 'tr', namespace: 'ci' },
    spec: {
      taskSpec: {
        ...(taskParams ? { params: taskParams } : {}),
        // (extra, declared without a default, given last unless the case gives it)
        steps: [{ name: 'b', ref: { name: 'build' }, params: [...params, ...(params.some((p) => p.name === 'extra') ? [] : [{ name: 'extra', value: ['e'] }])] }],
      },
    },
  });
  const FAILS = 'Tekton admits the run, then its reconciler fails it (reason TaskRunResolutionFailed: failed to resolve step ref for step "b" (index 0): invalid parameter substitution: ';
  // a PipelineRun whose pipeline task's embedded spec gives flags `value`, the pipeline's array param plist there to replace
  const pipelineRunOf = (value: string) => ({
    apiVersion: 'tekton.dev/v1',
    kind: 'PipelineRun',
    metadata: { name: 'pr', namespace: 'ci' },
    spec: {
      pipelineSpec: {
        params: [{ name: 'plist', type: 'array', default: ['a'] }],
        tasks: [{ name: 'x', taskSpec: { steps: [{ name: 'b', ref: { name: 'build' }, params: [{ name: 'flags', value }, { name: 'extra', value: ['e'] }] }] } }],
      },
    },
  });
  // how the finding names a StepAction param's default: a string, or an array (with its type as written)
  const asDefault = (action: any, param: string) => {
    const declared = action.spec.params.find((p: any) => p.name === param);
    return Array.isArray(declared.default) ? `an array${declared.type ? ` (type: ${declared.type})` : ''}` : 'a string';
  };

  const CHECK = '. Please check the types of the default value and the passed value)';
  const found = (o: any) => check(o, sa).map((f) => ({ property: f.property, value: f.value, problem: f.problem, fix: f.fix }));
  // [the step's params, the finding's property, value, problem and fix (none: no finding)]
  const CASES: Array<[any[], { property: string; value: string; problem: string; fix: string } | undefined]> = [
    [[{ name: 'flags', value: '-x' }], {
      property: 'spec.taskSpec.steps[0].params[0].value',
      value: 'flags',
      problem: `passes a string to the param "flags" of StepAction 'build', whose default is an array (type: array): ${FAILS}flags${CHECK}`,
      fix: 'Pass flags as an array (value: ["-x"]), as its default is, or make the default of flags in StepAction \'build\' a string.',
    }],
    // (the least name in byte order; a name that is no word is reported by its replacement key)
    [[{ name: 'my-opt', value: 'z' }, { name: 'mode', value: ['a', 'b'] }], {
      property: 'spec.taskSpec.steps[0].params[1].value',
      value: 'mode',
      problem: `passes an array to the param "mode" of StepAction 'build', whose default is a string: ${FAILS}mode${CHECK}`,
      fix: 'Pass mode as a string (value: "a b"), as its default is, or make the default of mode in StepAction \'build\' an array.',
    }],
    [[{ name: 'my-opt', value: 'z' }], {
      property: 'spec.taskSpec.steps[0].params[0].value',
      value: 'my-opt',
      problem: `passes a string to the param "my-opt" of StepAction 'build', whose default is an array (type: array): ${FAILS}inputs.params.my-opt${CHECK}`,
      fix: 'Pass my-opt as an array (value: ["z"]), as its default is, or make the default of my-opt in StepAction \'build\' a string.',
    }],
    // (a number is a string to Tekton)
    [[{ name: 'flags', value: 1 }], {
      property: 'spec.taskSpec.steps[0].params[0].value',
      value: 'flags',
      problem: `passes a string to the param "flags" of StepAction 'build', whose default is an array (type: array): ${FAILS}flags${CHECK}`,
      fix: 'Pass flags as an array (value: ["1"]), as its default is, or make the default of flags in StepAction \'build\' a string.',
    }],
    // no failure: the shapes of the defaults, an object (which the reconciler then drops for the default), a param without a default
    [[{ name: 'flags', value: ['-x'] }, { name: 'mode', value: 'slow' }, { name: 'extra', value: 'e' }], undefined],
    [[{ name: 'git', value: ['a'] }, { name: 'flags', value: { k: 'v' } }, { name: 'mode', value: { k: 'v' } }], undefined],
  ];

  test.each(CASES.map((c, i) => [i, ...c] as const))('case %d', (_, params, want) => {
    expect(found(shapedRun(params))).toEqual(want ? [want] : []);
  });

  // the task's params, which the reconciler puts into the step's values first
  const TASK_PARAMS = [{ name: 'list', type: 'array', default: ['a'] }, { name: 'str', default: 's' }, { name: 'obj', type: 'object', properties: { k: {} }, default: { k: 'v' } }];
  const withDefaults = (...more: any[]) => ({ ...sa, spec: { ...sa.spec, params: [...sa.spec.params, ...more] } });
  // [the step's params, the StepAction, the param reported (none: no finding)]
  const READ: Array<[any[], any, string | undefined]> = [
    // a variable alone takes the shape of the task's param; among other text, or another variable, or an element, a string
    [[{ name: 'mode', value: '$(params.list[*])' }], sa, 'mode'],
    [[{ name: 'mode', value: '$(params.list)' }], sa, 'mode'],
    [[{ name: 'flags', value: '$(params.str)' }], sa, 'flags'],
    [[{ name: 'flags', value: 'a-$(params.list[*])' }], sa, 'flags'],
    [[{ name: 'flags', value: '$(params.list[0])' }], sa, 'flags'],
    [[{ name: 'flags', value: '$(context.taskRun.name)' }], sa, 'flags'],
    [[{ name: 'mode', value: ['$(params.list[*])'] }], sa, 'mode'],
    [[{ name: 'flags', value: ['$(params.list[*])'] }], sa, undefined],
    [[{ name: 'flags', value: '$(params.obj)' }], sa, undefined],
    // a param the task does not declare nor the run give stays as written
    [[{ name: 'flags', value: '$(params.nope)' }], sa, 'flags'],
    // a default that refers to a param with a plain default is a string (in the order written: ref2 before ref1 is not resolved in the pass)
    [[{ name: 'ref', value: ['a'] }], withDefaults({ name: 'ref', default: '$(params.mode)-x' }), 'ref'],
    [[{ name: 'ref', value: ['a'] }], withDefaults({ name: 'ref', default: '$(params.git.url)' }), 'ref'],
    [[{ name: 'ref', value: ['a'] }], withDefaults({ name: 'ref', default: 'x$(params.flags[0])' }), 'ref'],
    [[{ name: 'flags', value: '-x' }], withDefaults({ name: 'ref', default: '$(params.mode)-x' }), 'flags'],
    [[{ name: 'ref2', value: ['a'] }], withDefaults({ name: 'ref1', default: '$(params.mode)' }, { name: 'ref2', default: '$(params.ref1)' }), 'ref2'],
    [[{ name: 'ref2', value: ['a'] }], withDefaults({ name: 'ref2', default: '$(params.ref1)' }, { name: 'ref1', default: '$(params.mode)' }), undefined],
    [[{ name: 'ref', value: ['a'] }], withDefaults({ name: 'ref', default: '$(params.extra)-x' }), undefined],
    // not judged: a step result, a default the reconciler cannot resolve (it fails on that first)
    [[{ name: 'mode', value: '$(steps.a.results.r)' }], sa, undefined],
  ];
  const reported = (params: any[], action: any) => {
    const run = shapedRun(params, TASK_PARAMS);
    return VALID_REFERENCE.check(run, ruleContext([run, action])).map((f) => f.problem);
  };
  const says = (param: string, given: string, declared: string) => `passes ${given} to the param "${param}" of StepAction 'build', whose default is ${declared}: `
    + `${FAILS}${param}${CHECK}`;

  test('a value read once the task\'s params are in it, and a default that refers to params, as the reconciler reads them', () => {
    expect(READ.map(([params, action]) => reported(params, action))).toEqual(READ.map(([params, action, param]) => {
      if (param === undefined) return [];
      const value = params.find((p) => p.name === param).value;
      const declared = asDefault(action, param);
      return [says(param, Array.isArray(value) || value === '$(params.list[*])' || value === '$(params.list)' ? 'an array' : 'a string', declared)];
    }));
  });

  test('a Task\'s step: a variable alone takes the shape the Task declares; a pipeline task\'s embedded spec: only a text among other text is judged', () => {
    const task = {
      apiVersion: 'tekton.dev/v1',
      kind: 'Task',
      metadata: { name: 't', namespace: 'ci' },
      spec: { params: TASK_PARAMS, steps: [{ name: 'b', ref: { name: 'build' }, params: [{ name: 'mode', value: '$(params.list[*])' }, { name: 'extra', value: ['e'] }] }] },
    };
    // (a param the Task does not declare: its runs may give it)
    const undeclared = { ...task, spec: { ...task.spec, steps: [{ ...task.spec.steps[0], params: [{ name: 'flags', value: '$(params.nope)' }, { name: 'extra', value: ['e'] }] }] } };
    expect(check(undeclared, sa)).toEqual([]);
    expect(check(task, sa).map((f) => f.problem)).toEqual(['passes an array to the param "mode" of StepAction \'build\', whose default is a string: Tekton admits the Task, '
      + 'then fails every run of it when it resolves the step\'s StepAction (reason TaskRunResolutionFailed: failed to resolve step ref for step "b" (index 0): '
      + `invalid parameter substitution: mode${CHECK}`]);
    const inPipeline = (value: string) => pipelineRunOf(value);
    expect(check(inPipeline('a-$(params.plist[*])'), sa).map((f) => f.problem)).toEqual(['passes a string to the param "flags" of StepAction \'build\', whose default '
      + 'is an array (type: array): Tekton admits the pipeline, then fails every run of it when it runs the task (its TaskRun fails with reason '
      + `TaskRunResolutionFailed: failed to resolve step ref for step "b" (index 0): invalid parameter substitution: flags${CHECK}`]);
    expect(check(inPipeline('$(params.plist[*])'), sa)).toEqual([]);
    // (a context variable alone is a string, whatever the pipeline replaces)
    expect(check(inPipeline('$(context.pipelineRun.name)'), sa).map((f) => f.problem)).toEqual(['passes a string to the param "flags" of StepAction \'build\', whose '
      + 'default is an array (type: array): Tekton admits the pipeline, then fails every run of it when it runs the task (its TaskRun fails with reason '
      + `TaskRunResolutionFailed: failed to resolve step ref for step "b" (index 0): invalid parameter substitution: flags${CHECK}`]);
    expect(check(inPipeline('$(tasks.a.results.r)'), sa)).toEqual([]);
  });

  // a Task param with properties and a default of another shape: Tekton's defaulting reads properties first, so it is an object param (which the
  // webhook refuses for its default), never a string passed to the array param flags
  const objectTyped = {
    apiVersion: 'tekton.dev/v1',
    kind: 'Task',
    metadata: { name: 't', namespace: 'ci' },
    spec: {
      params: [{ name: 'x', properties: { a: {} }, default: 's' }],
      steps: [{ name: 'b', ref: { name: 'build' }, params: [{ name: 'flags', value: '$(params.x)' }, { name: 'extra', value: ['e'] }] }],
    },
  };
  test('a Task param with properties and a string default is an object to Tekton (properties read before the default): no string passed', () => {
    expect(check(objectTyped, sa)).toEqual([]);
    // (as written without properties: a string param, passed to the array param)
    const plain = { ...objectTyped, spec: { ...objectTyped.spec, params: [{ name: 'x', default: 's' }] } };
    expect(check(plain, sa).map((f) => f.problem)).toEqual(['passes a string to the param "flags" of StepAction \'build\', whose default is an array (type: array): '
      + 'Tekton admits the Task, then fails every run of it when it resolves the step\'s StepAction (reason TaskRunResolutionFailed: failed to resolve step ref '
      + `for step "b" (index 0): invalid parameter substitution: flags${CHECK}`]);
  });

  describeWithOracle('Tekton v1.15\'s webhook types that param object', () => {
    test('it refuses the Task for an object param\'s string default', () => {
      expect(runOracle([objectTyped, sa]).verdicts.map((v) => v.errors)).toEqual([
        ['"object" type does not match default value\'s type: "string": spec.params.x.default.type, spec.params.x.type'], [],
      ]);
    });
  });

  describeWithTektonSubstitute('Tekton v1.15\'s TaskRun reconciler fails the runs found so, with the message quoted, and runs the others', () => {
    test('each case, and a variable that makes the value an array', () => {
      const runs = [...CASES.map(([params]) => shapedRun(params)), shapedRun([{ name: 'flags', value: '$(params.list[*])' }], [{ name: 'list', type: 'array', default: ['a'] }])];
      const answers = tektonSubstitute(runs.map((run) => ({ run, stepActions: [sa] })));
      const quoted = runs.map((r) => check(r, sa).map((f) => `reconciler: ${f.problem.split('(reason TaskRunResolutionFailed: ')[1].slice(0, -1)}`)[0]);
      expect(answers.map((a) => a.taskRuns?.[0].error)).toEqual(quoted);
      expect(quoted.filter((q) => q !== undefined)).toHaveLength(4);
    });

    test('each value read once the task\'s params are in it and each default that refers to params: the finding quotes the failure, no finding where it runs', () => {
      const runs = READ.map(([params]) => shapedRun(params, TASK_PARAMS));
      const answers = tektonSubstitute(runs.map((run, i) => ({ run, stepActions: [READ[i][1]] })));
      const quoted = runs.map((r, i) => VALID_REFERENCE.check(r, ruleContext([r, READ[i][1]]))
        .map((f) => `reconciler: ${f.problem.split('(reason TaskRunResolutionFailed: ')[1].slice(0, -1)}`)[0]);
      const errors = answers.map((a) => a.taskRuns?.[0].error);
      expect(errors.map((e, i) => (quoted[i] === undefined && !(e ?? '').includes('invalid parameter substitution') ? undefined : e))).toEqual(quoted);
      // a pipeline task's embedded spec: the text among other text fails, the pipeline's array param alone runs, a context variable alone fails
      const prs = ['a-$(params.plist[*])', '$(params.plist[*])', '$(context.pipelineRun.name)'].map(pipelineRunOf);
      expect(tektonSubstitute(prs.map((run) => ({ run, stepActions: [sa] }))).map((a) => a.taskRuns?.[0].error)).toEqual([
        `reconciler: failed to resolve step ref for step "b" (index 0): invalid parameter substitution: flags${CHECK.slice(0, -1)}`, undefined,
        `reconciler: failed to resolve step ref for step "b" (index 0): invalid parameter substitution: flags${CHECK.slice(0, -1)}`,
      ]);
    });
  });
});

/** A TaskRun whose taskSpec refers to its array param whole in a script, and to an element beyond the run's value. */
const ARRAY_IN_SCRIPT = {
  ...taskRun([]),
  spec: {
    params: [{ name: 'tags', value: ['a'] }],
    taskSpec: { params: [{ name: 'tags', type: 'array' }], steps: [{ name: 's', image: IMAGE, script: 'echo $(params.tags) $(params.tags[3])' }] },
  },
};

describe('VALID_REFERENCE: a run the webhook refuses for an array param in its taskSpec\'s script', () => {
  test('says the webhook refuses it first, and what its reconciler does once it is admitted', () => {
    expect(check(ARRAY_IN_SCRIPT).map((f) => f.problem)).toEqual([
      'is given an array of 1 item (["a"]), but the run\'s taskSpec refers to $(params.tags[3]) in its steps, sidecars, stepTemplate, volumes and workspaces\' mountPath: '
        + 'Tekton\'s webhook refuses the run as written (TEKTON_ADMITTED); once it admits it, its reconciler fails it '
        + '(reason TaskRunValidationFailed: non-existent param references:[$(params.tags[3])])',
    ]);
  });
});

describeWithOracle('Tekton v1.15\'s webhook refuses the run VALID_REFERENCE says it refuses for an array param in a script', () => {
  test('variable type invalid, at the taskSpec\'s path and the run\'s own check\'s', () => {
    expect(runOracle([ARRAY_IN_SCRIPT]).verdicts[0].errors).toEqual([
      'variable type invalid in "echo $(params.tags) $(params.tags[3])": spec.steps[0].script, spec.taskSpec.steps[0].script',
    ]);
  });
});
