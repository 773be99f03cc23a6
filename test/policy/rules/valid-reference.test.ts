import { Chart, Size, Testing } from 'cdk8s';
import { describeRule } from './fixtures';
import { RunWorkspace, RuleCatalogue, RuleId, SecurePipeline, SecurePipelineRun, SecureTask, Severity, TrustDomain } from '../../../src';
import { ruleContext } from '../../../src/policy/engine/context';
import { VALID_REFERENCE } from '../../../src/policy/rules/valid-reference';
import { storedForm } from '../../../src/private/stored-form';
import { objectsOf, step } from '../../helpers/constructs';
import { describeWithOracle, runOracle } from '../../helpers/tekton-oracle';

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
