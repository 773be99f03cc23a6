import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describeRule, loopInPipeline, pipelineLoop } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { audit } from '../../../src/cli/audit';
import { ruleContext } from '../../../src/policy/engine/context';
import { EMPTY_DIR_NOT_SHARED } from '../../../src/policy/rules/empty-dir-not-shared';

const emptyDir = (name: string, body: Record<string, unknown> = {}) => ({ name, emptyDir: body });
const vct = (name: string) => ({ name, volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } });
const task = (name: string, workspaces: Array<[string, string]>, extra: Record<string, unknown> = {}) =>
  ({ name, taskRef: { name: 'build' }, workspaces: workspaces.map(([n, w]) => ({ name: n, workspace: w })), ...extra });
const run = (spec: Record<string, unknown>, ...workspaces: any[]) =>
  ({ apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { name: 'release', namespace: 'ci' }, spec: { ...spec, workspaces } });
const pipelineSpec = (tasks: any[], final: any[] = []) => ({ workspaces: [{ name: 'source' }, { name: 'scratch' }], tasks, ...(final.length ? { finally: final } : {}) });
const taskObject = (name: string, workspaces: any[], namespace = 'ci') =>
  ({ apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name, namespace }, spec: { workspaces, steps: [{ name: 's', image: 'x', script: 'true' }] } });
const check = (manifest: any, ...others: any[]) => EMPTY_DIR_NOT_SHARED.check(manifest, ruleContext([manifest, ...others]));
/** The finding on the run's `source` workspace, an emptyDir of `{}`, of PipelineRun `release`. */
const sourceFinding = (text: string) => ({
  rule: RuleId.EMPTY_DIR_NOT_SHARED,
  kind: 'PipelineRun',
  name: 'release',
  location: "workspace 'source'",
  target: 'workspace/source',
  property: 'emptyDir',
  value: '{}',
  problem: text,
});
const problem = (then: string, first: string, thenAs: string, firstAs: string) => `gives each TaskRun's pod a new, empty directory, so task '${then}', which `
  + `runs after task '${first}' and receives the workspace too (as "${thenAs}"), sees nothing '${first}' writes to it (as "${firstAs}")`;

describe('EMPTY_DIR_NOT_SHARED', () => {
  describeRule(EMPTY_DIR_NOT_SHARED, RuleId.EMPTY_DIR_NOT_SHARED, Severity.LOW, true);

  test('applies to PipelineRuns only', () => {
    expect(EMPTY_DIR_NOT_SHARED.appliesTo({ kind: 'PipelineRun' })).toBe(true);
    expect(EMPTY_DIR_NOT_SHARED.appliesTo({ kind: 'TaskRun' })).toBe(false);
    expect(EMPTY_DIR_NOT_SHARED.appliesTo({ kind: 'Pipeline' })).toBe(false);
  });

  test('non-compliant: an emptyDir workspace cloned into by one task and built from by a task that runs after it', () => {
    const r = run({ pipelineSpec: pipelineSpec([task('clone', [['output', 'source']]), task('build', [['source', 'source']], { runAfter: ['clone'] })]) }, emptyDir('source'));
    expect(check(r)).toEqual([sourceFinding(problem('build', 'clone', 'source', 'output'))]);
    // the emptyDir as written, a medium included
    expect(check(run(r.spec, emptyDir('source', { medium: 'Memory' }))).map((f) => f.value)).toEqual(['{"medium":"Memory"}']);
  });

  test('every order Tekton\'s DAG gives: runAfter, a result reference, a chain, and finally', () => {
    const ordered = (tasks: any[], final: any[] = []) => check(run({ pipelineSpec: pipelineSpec(tasks, final) }, emptyDir('source'))).map((f) => f.problem);
    // a result used in params, or in a when expression
    expect(ordered([task('clone', [['output', 'source']]), task('build', [['source', 'source']], { params: [{ name: 'rev', value: '$(tasks.clone.results.commit)' }] })]))
      .toEqual([problem('build', 'clone', 'source', 'output')]);
    expect(ordered([task('clone', [['output', 'source']]), task('build', [['source', 'source']], { when: [{ input: '$(tasks.clone.results.commit)', operator: 'in', values: ['a'] }] })]))
      .toEqual([problem('build', 'clone', 'source', 'output')]);
    // through a task that does not receive the workspace
    expect(ordered([task('clone', [['output', 'source']]), task('wait', [], { runAfter: ['clone'] }), task('build', [['source', 'source']], { runAfter: ['wait'] })]))
      .toEqual([problem('build', 'clone', 'source', 'output')]);
    // a finally task runs after every task
    expect(ordered([task('clone', [['output', 'source']])], [task('report', [['source', 'source']])])).toEqual([problem('report', 'clone', 'source', 'output')]);
    // an embedded task spec that uses the pipeline workspace without a binding receives it (Tekton propagates it)
    const embedded = { name: 'list', runAfter: ['clone'], taskSpec: { steps: [{ name: 's', image: 'x', script: 'ls $(workspaces.source.path)' }] } };
    expect(ordered([task('clone', [['output', 'source']]), embedded])).toEqual([problem('list', 'clone', 'source', 'output')]);
    // a pipeline in a pipeline: its tasks get new empty directories too
    expect(ordered([task('clone', [['output', 'source']]), task('child', [['source', 'source']], { taskRef: undefined, pipelineRef: { name: 'p' }, runAfter: ['clone'] })]))
      .toEqual([problem('child', 'clone', 'source', 'output')]);
  });

  test('compliant: one task, tasks that may run at the same time, finally tasks among themselves, and other bindings', () => {
    const two = [task('clone', [['output', 'source']]), task('build', [['source', 'source']], { runAfter: ['clone'] })];
    // a single task: the scratch space the emptyDir is for
    expect(check(run({ pipelineSpec: pipelineSpec([task('clone', [['output', 'source']])]) }, emptyDir('source')))).toEqual([]);
    // not ordered: each is its own scratch space
    expect(check(run({ pipelineSpec: pipelineSpec([task('a', [['output', 'source']]), task('b', [['source', 'source']])]) }, emptyDir('source')))).toEqual([]);
    expect(check(run({ pipelineSpec: pipelineSpec([], [task('a', [['output', 'source']]), task('b', [['source', 'source']])]) }, emptyDir('source')))).toEqual([]);
    // the same tasks on a claim template, or on another workspace than the emptyDir
    expect(check(run({ pipelineSpec: pipelineSpec(two) }, vct('source'), emptyDir('scratch')))).toEqual([]);
    // a result reference to a task of another name orders nothing here
    expect(check(run({ pipelineSpec: pipelineSpec([task('clone', [['output', 'source']]), task('build', [['source', 'source']], { params: [{ name: 'x', value: '$(tasks.other.results.y)' }] })]) },
      emptyDir('source')))).toEqual([]);
    // custom tasks (CustomRuns) are left out: their controller decides what a binding is
    const custom = task('clone', [['output', 'source']], { taskRef: { apiVersion: 'example.dev/v1', kind: 'Fetch', name: 'f' } });
    expect(check(run({ pipelineSpec: pipelineSpec([custom, task('build', [['source', 'source']], { runAfter: ['clone'] })]) }, emptyDir('source')))).toEqual([]);
  });

  test('an earlier task whose Task mounts the workspace read-only writes nothing to hand on', () => {
    const spec = pipelineSpec([task('lint', [['src', 'source']]), task('build', [['source', 'source']], { runAfter: ['lint'] })]);
    const r = run({ pipelineSpec: spec }, emptyDir('source'));
    // the Task the local taskRef names, checked together
    expect(check(r, taskObject('build', [{ name: 'src', readOnly: true }, { name: 'source' }]))).toEqual([]);
    // not read-only, not known (no Task checked with the run), or a Task of another namespace: it may write
    expect(check(r, taskObject('build', [{ name: 'src' }, { name: 'source' }])).map((f) => f.problem)).toEqual([problem('build', 'lint', 'source', 'src')]);
    expect(check(r).map((f) => f.problem)).toEqual([problem('build', 'lint', 'source', 'src')]);
    expect(check(r, taskObject('build', [{ name: 'src', readOnly: true }], 'other')).map((f) => f.problem)).toEqual([problem('build', 'lint', 'source', 'src')]);
    // an embedded task spec that declares it read-only
    const embedded = { name: 'lint', workspaces: [{ name: 'src', workspace: 'source' }], taskSpec: { workspaces: [{ name: 'src', readOnly: true }], steps: [{ name: 's', image: 'x', script: 'true' }] } };
    expect(check(run({ pipelineSpec: pipelineSpec([embedded, task('build', [['source', 'source']], { runAfter: ['lint'] })]) }, emptyDir('source')))).toEqual([]);
  });

  test('the Pipeline a pipelineRef names, checked together; one finding per workspace', () => {
    const spec = pipelineSpec([
      task('clone', [['output', 'source'], ['tmp', 'scratch']]),
      task('build', [['source', 'source'], ['tmp', 'scratch']], { runAfter: ['clone'] }),
      task('push', [['source', 'source']], { runAfter: ['build'] }),
    ]);
    const pipeline = { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'p', namespace: 'ci' }, spec };
    const byRef = run({ pipelineRef: { name: 'p' } }, emptyDir('source'), emptyDir('scratch'));
    expect(check(byRef, pipeline).map((f) => [f.location, f.problem])).toEqual([
      ["workspace 'source'", problem('build', 'clone', 'source', 'output')],
      ["workspace 'scratch'", problem('build', 'clone', 'tmp', 'tmp')],
    ]);
    // without the Pipeline, or with one of another namespace, nothing is known
    expect(EMPTY_DIR_NOT_SHARED.check(byRef)).toEqual([]);
    expect(check(byRef, { ...pipeline, metadata: { name: 'p', namespace: 'other' } })).toEqual([]);
  });

  test('a pipeline in a pipeline (pipelineSpec, or a pipelineRef to a Pipeline checked together): its child PipelineRun binds the same emptyDir, so its tasks hand nothing on either', () => {
    const nested = (parent: string, childTasks: any[], as = 'src') => `gives each TaskRun's pod a new, empty directory, so in the pipeline of pipeline task '${parent}' `
      + `(which receives the workspace as "${as}"), task '${childTasks[0]}', which runs after task '${childTasks[1]}' and receives the workspace too `
      + `(as "${childTasks[2]}"), sees nothing '${childTasks[1]}' writes to it (as "${childTasks[3]}")`;
    const child = { workspaces: [{ name: 'src' }], tasks: [task('clone', [['output', 'src']]), task('build', [['source', 'src']], { runAfter: ['clone'] })] };
    const parent = (extra: Record<string, unknown>) => run({ pipelineSpec: pipelineSpec([{ name: 'release', workspaces: [{ name: 'src', workspace: 'source' }], ...extra }]) },
      emptyDir('source'));
    const r = parent({ pipelineSpec: child });
    expect(check(r)).toEqual([sourceFinding(nested('release', ['build', 'clone', 'source', 'output']))]);
    // by pipelineRef, to a Pipeline of the run's namespace; two levels down
    const childPipeline = { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'child', namespace: 'ci' }, spec: child };
    expect(check(parent({ pipelineRef: { name: 'child' } }), childPipeline).map((f) => f.problem)).toEqual([nested('release', ['build', 'clone', 'source', 'output'])]);
    const middle = { workspaces: [{ name: 'src' }], tasks: [{ name: 'inner', workspaces: [{ name: 'src' }], pipelineRef: { name: 'child' } }] };
    expect(check(parent({ pipelineSpec: middle }), childPipeline).map((f) => f.problem)).toEqual([
      "gives each TaskRun's pod a new, empty directory, so in the pipeline of pipeline task 'release' (which receives the workspace as \"src\"), in the pipeline of "
      + "pipeline task 'inner' (which receives the workspace as \"src\"), task 'build', which runs after task 'clone' and receives the workspace too (as \"source\"), "
      + "sees nothing 'clone' writes to it (as \"output\")",
    ]);
    // not passed down (another workspace, or none), a Pipeline of another namespace or not checked with the run, one child task alone, a pipelineRef to itself
    expect(check(run({ pipelineSpec: pipelineSpec([{ name: 'release', workspaces: [{ name: 'src', workspace: 'scratch' }], pipelineSpec: child }]) }, emptyDir('source')))).toEqual([]);
    expect(check(run({ pipelineSpec: pipelineSpec([{ name: 'release', pipelineSpec: child }]) }, emptyDir('source')))).toEqual([]);
    expect(check(parent({ pipelineRef: { name: 'child' } }), { ...childPipeline, metadata: { name: 'child', namespace: 'other' } })).toEqual([]);
    expect(check(parent({ pipelineRef: { name: 'child' } }))).toEqual([]);
    expect(check(parent({ pipelineSpec: { ...child, tasks: [child.tasks[1]] } }))).toEqual([]);
    const looping = { ...childPipeline, spec: { workspaces: [{ name: 'src' }], tasks: [{ name: 'again', workspaces: [{ name: 'src' }], pipelineRef: { name: 'child' } }] } };
    expect(check(parent({ pipelineRef: { name: 'child' } }), looping)).toEqual([]);
  });

  test('audit: a v1 PipelineRun\'s nested pipeline is judged; a v1beta1 one\'s is dropped by Tekton\'s conversion to v1 and never runs', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'empty-dir-nested-'));
    const child = { workspaces: [{ name: 'src' }], tasks: [task('clone', [['output', 'src']]), task('build', [['source', 'src']], { runAfter: ['clone'] })] };
    const r = run({ pipelineSpec: pipelineSpec([{ name: 'release', workspaces: [{ name: 'src', workspace: 'source' }], pipelineSpec: child }]) }, emptyDir('source'));
    const findings = (apiVersion: string) => {
      fs.writeFileSync(path.join(dir, 'run.json'), JSON.stringify({ ...r, apiVersion }));
      return JSON.parse(audit([path.join(dir, 'run.json')], 'json').stdout).findings
        .filter((f: any) => f.rule === RuleId.EMPTY_DIR_NOT_SHARED).map((f: any) => [f.status, f.location]);
    };
    expect(findings('tekton.dev/v1')).toEqual([['failed', "workspace 'source'"]]);
    expect(findings('tekton.dev/v1beta1')).toEqual([]);
  });

  test('config-defaults\' default-task-run-workspace-binding gives no pipeline workspace a binding: an optional workspace the run leaves unbound hands nothing on', () => {
    // Tekton fills only a TaskRun's missing bindings of non-optional Task workspaces, each TaskRun its own volume; an optional pipeline
    // workspace may only be bound to optional Task workspaces, and a required one the run does not bind fails the run
    const defaults = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data: { 'default-task-run-workspace-binding': 'emptyDir: {}' } };
    const spec = { workspaces: [{ name: 'cache', optional: true }], tasks: [task('a', [['cache', 'cache']]), task('b', [['cache', 'cache']], { runAfter: ['a'] })] };
    const r = run({ pipelineSpec: spec });
    expect(check(r, defaults, taskObject('build', [{ name: 'cache', optional: true }]))).toEqual([]);
    // tasks that leave a Task workspace unbound: each TaskRun gets a volume of its own, which no pipeline workspace passes on
    const unbound = run({ pipelineSpec: { tasks: [task('a', []), task('b', [], { runAfter: ['a'] })] } });
    expect(check(unbound, defaults, taskObject('build', [{ name: 'cache' }]))).toEqual([]);
  });

  test("a PipelineLoop's (kfp-tekton) workspaces are the bindings of the PipelineRun of each iteration: of its pipelineSpec, or of the Pipeline its pipelineRef names", () => {
    const spec = pipelineSpec([task('clone', [['output', 'source']]), task('build', [['source', 'source']], { runAfter: ['clone'] })]);
    const text = problem('build', 'clone', 'source', 'output');
    const at = { location: "workspace 'source'", target: 'workspace/source', property: 'emptyDir', value: '{}', problem: text };
    expect(check(pipelineLoop({ workspaces: [emptyDir('source')], pipelineSpec: spec }))).toEqual([{ rule: RuleId.EMPTY_DIR_NOT_SHARED, kind: 'PipelineLoop', name: 'each', ...at }]);
    expect(check(loopInPipeline({ workspaces: [emptyDir('source')], pipelineSpec: spec }))).toEqual([
      { rule: RuleId.EMPTY_DIR_NOT_SHARED, kind: 'Pipeline', name: 'outer', ...at, location: "task 'loop' workspace 'source'", target: 'task/loop/workspace/source' },
    ]);
    // the controller copies the name of the pipelineRef alone: a Pipeline of that name in the namespace, whatever resolver is written
    const named = { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'build', namespace: 'ci' }, spec };
    const byRef = pipelineLoop({ workspaces: [emptyDir('source')], pipelineRef: { name: 'build', resolver: 'git' } });
    expect(check(byRef, named)).toEqual([{ rule: RuleId.EMPTY_DIR_NOT_SHARED, kind: 'PipelineLoop', name: 'each', ...at }]);
    expect(check(byRef)).toEqual([]);
  });
});
