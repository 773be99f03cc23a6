import { describeRule, hardenedContainer, pipelineEmbedding, pipelineRunEmbedding, task, taskRunEmbedding, taskSpec } from './fixtures';
import { RuleCatalogue, RuleId, Severity } from '../../../src';
import { ruleContext } from '../../../src/policy/engine/context';
import { evaluateManifests } from '../../../src/policy/engine/evaluate';
import { ABSOLUTE_PATHS } from '../../../src/policy/rules/absolute-paths';
import { describeWithOracle, runOracle } from '../../helpers/tekton-oracle';

const RELATIVE = 'is a relative path, which the container runtime refuses (runc: "Cwd must be an absolute path"; the OCI runtime spec '
  + 'requires an absolute working directory), so the pod never starts';

const workingDir = (location: string, target: string, value: string, problem = RELATIVE, kind = 'Task', name = 'build') => ({
  rule: RuleId.ABSOLUTE_PATHS, kind, name, location, target, property: 'workingDir', value, problem,
});

interface At { readonly kind?: string; readonly name?: string; readonly location?: string; readonly target?: string }

const mountPath = (workspace: string, value: string, absolute: string, at: At = {}) => ({
  rule: RuleId.ABSOLUTE_PATHS,
  kind: at.kind ?? 'Task',
  name: at.name ?? 'build',
  ...(at.location === undefined ? {} : { location: at.location }),
  ...(at.target === undefined ? {} : { target: at.target }),
  property: `workspaces.${workspace}.mountPath`,
  value,
  problem: `is a relative path: the kubelet mounts the volume at "${absolute}", but Tekton gives the steps $(workspaces.${workspace}.path) as `
    + `"${value}", which each step resolves from its own working directory`,
});

const stepAction = (spec: Record<string, any>, apiVersion = 'tekton.dev/v1beta1') => ({
  apiVersion, kind: 'StepAction', metadata: { name: 'checkout', namespace: 'ci' }, spec: { image: 'registry.example.com/git@sha256:' + 'b'.repeat(64), script: '#!/bin/sh\ngit status\n', ...spec },
});

describe('ABSOLUTE_PATHS', () => {
  describeRule(ABSOLUTE_PATHS, RuleId.ABSOLUTE_PATHS, Severity.LOW, true);

  test('the metadata: a functional check, its fix giving absolute paths', () => {
    expect(ABSOLUTE_PATHS.title).toBe('Steps, sidecars and StepActions work in absolute directories, and task workspaces mount at absolute paths');
    expect(ABSOLUTE_PATHS.fix).toBe('Give an absolute path: workingDir: $(workspaces.<name>.path)/<dir> or /<dir>; a workspace mountPath: /<dir>, '
      + 'or leave mountPath out (Tekton mounts it at /workspace/<name>).');
  });

  test('compliant: absolute paths, paths Tekton makes absolute, unset or empty ones, and a param\'s (the caller\'s, not judged)', () => {
    expect(ABSOLUTE_PATHS.check(task({
      workspaces: [{ name: 'src' }, { name: 'cache', mountPath: '/cache' }, { name: 'out', mountPath: '$(params.root)/out' }, { name: 'empty', mountPath: '' }],
      params: [{ name: 'dir' }, { name: 'root' }],
      stepTemplate: { workingDir: '/work' },
      steps: [
        hardenedContainer('a', { workingDir: '/src' }),
        hardenedContainer('b', { workingDir: '$(workspaces.src.path)/app' }),
        hardenedContainer('c', { workingDir: '$(workspaces.src.path)' }),
        hardenedContainer('d', { workingDir: '$(params.dir)' }),
        hardenedContainer('e', { workingDir: "$(params['dir'])/sub" }),
        hardenedContainer('f'),
        hardenedContainer('g', { workingDir: '$(credentials.path)' }),
        hardenedContainer('h', { workingDir: '$( results.out.path )' }),
        hardenedContainer('i', { workingDir: '$(steps.step-a.exitCode.path)' }),
        // a step's result: not known here (and Tekton's webhook refuses it in a workingDir)
        hardenedContainer('j', { workingDir: '$(steps.a.results.dir)' }),
      ],
      sidecars: [hardenedContainer('db', { workingDir: '/var/lib/db' })],
    }))).toEqual([]);
    expect(ABSOLUTE_PATHS.check(stepAction({ workingDir: '$(step.results.sum.path)' }))).toEqual([]);
    expect(ABSOLUTE_PATHS.check(stepAction({ params: [{ name: 'dir' }], workingDir: '$(params.dir)/repo' }))).toEqual([]);
  });

  test('non-compliant: a step\'s relative workingDir, written as a word, ./… or ../…', () => {
    expect(ABSOLUTE_PATHS.check(task({
      steps: [
        hardenedContainer('a', { workingDir: 'build' }),
        hardenedContainer('b', { workingDir: './out' }),
        hardenedContainer('c', { workingDir: '../x' }),
      ],
    }))).toEqual([
      workingDir("step 'a'", 'step/a', 'build'),
      workingDir("step 'b'", 'step/b', './out'),
      workingDir("step 'c'", 'step/c', '../x'),
    ]);
  });

  test('non-compliant: a variable whose value is a name (context, a workspace\'s claim or volume) starts a relative path', () => {
    expect(ABSOLUTE_PATHS.check(task({
      workspaces: [{ name: 'src' }],
      steps: [
        hardenedContainer('a', { workingDir: '$(context.taskRun.name)' }),
        hardenedContainer('b', { workingDir: '$(workspaces.src.claim)/x' }),
      ],
    }))).toEqual([
      workingDir("step 'a'", 'step/a', '$(context.taskRun.name)'),
      workingDir("step 'b'", 'step/b', '$(workspaces.src.claim)/x'),
    ]);
  });

  test('the stepTemplate\'s relative workingDir reaches the steps that set none (an empty one included), not those that set their own', () => {
    expect(ABSOLUTE_PATHS.check(task({
      stepTemplate: { workingDir: 'src' },
      steps: [hardenedContainer('a'), hardenedContainer('b', { workingDir: '' }), hardenedContainer('c', { workingDir: '/src' })],
      sidecars: [hardenedContainer('db')],
    }))).toEqual([
      workingDir("step 'a'", 'step/a', 'src', `${RELATIVE} (set by the stepTemplate)`),
      workingDir("step 'b'", 'step/b', 'src', `${RELATIVE} (set by the stepTemplate)`),
    ]);
  });

  test('a sidecar\'s, a StepAction\'s (v1beta1 and v1alpha1)', () => {
    expect(ABSOLUTE_PATHS.check(task({ sidecars: [hardenedContainer('db', { workingDir: 'data' })] })))
      .toEqual([workingDir("sidecar 'db'", 'sidecar/db', 'data')]);
    for (const apiVersion of ['tekton.dev/v1beta1', 'tekton.dev/v1alpha1']) {
      expect(ABSOLUTE_PATHS.check(stepAction({ workingDir: 'repo' }, apiVersion)))
        .toEqual([workingDir("stepAction 'checkout'", 'step/checkout', 'repo', RELATIVE, 'StepAction', 'checkout')]);
    }
  });

  test('a step that runs a StepAction: the StepAction\'s own workingDir is judged on it; the stepTemplate\'s reaches it when the StepAction sets none', () => {
    const t = task({ stepTemplate: { workingDir: 'src' }, steps: [{ name: 'clone', ref: { name: 'checkout' } }] });
    // the StepAction at hand sets its own: the stepTemplate's never reaches the step
    expect(RuleCatalogue.check(t, ruleContext([t, stepAction({ workingDir: '/workspace' })])).filter((f) => f.rule === RuleId.ABSOLUTE_PATHS)).toEqual([]);
    // it sets none: the stepTemplate's is the step's
    expect(RuleCatalogue.check(t, ruleContext([t, stepAction({})])).filter((f) => f.rule === RuleId.ABSOLUTE_PATHS)).toEqual([
      workingDir("step 'clone'", 'step/clone', 'src', `${RELATIVE} (set by the stepTemplate) (in StepAction 'checkout', which this step runs)`),
    ]);
  });

  test('a workspace declared at a relative mountPath: a Task, a TaskRun\'s and a pipeline task\'s embedded spec, a v1beta1 Task', () => {
    const spec = taskSpec({ workspaces: [{ name: 'src', mountPath: 'src' }, { name: 'cache', mountPath: './cache/' }, { name: 'ok', mountPath: '/ok' }] });
    expect(ABSOLUTE_PATHS.check(task(spec))).toEqual([mountPath('src', 'src', '/src'), mountPath('cache', './cache/', '/cache')]);
    expect(ABSOLUTE_PATHS.check(taskRunEmbedding(taskSpec({ workspaces: [{ name: 'src', mountPath: 'src' }] }))))
      .toEqual([mountPath('src', 'src', '/src', { kind: 'TaskRun', name: 'build-run' })]);
    expect(ABSOLUTE_PATHS.check(pipelineEmbedding(taskSpec({ workspaces: [{ name: 'src', mountPath: 'src' }] }), 'finally')))
      .toEqual([mountPath('src', 'src', '/src', { kind: 'Pipeline', name: 'pipe', location: "task 'build'", target: 'task/build' })]);
    const run = pipelineRunEmbedding(taskSpec({ workspaces: [{ name: 'src', mountPath: '$(context.pipelineRun.name)' }] }));
    expect(ABSOLUTE_PATHS.check(run).map((f) => [f.kind, f.location, f.target, f.value]))
      .toEqual([['PipelineRun', "task 'build'", 'task/build', '$(context.pipelineRun.name)']]);
    const beta = { ...task(taskSpec({ workspaces: [{ name: 'src', mountPath: 'src' }] })), apiVersion: 'tekton.dev/v1beta1' };
    expect(ABSOLUTE_PATHS.check(beta)).toEqual([mountPath('src', 'src', '/src')]);
  });

  test('embedded steps, in a Pipeline and a PipelineRun', () => {
    expect(ABSOLUTE_PATHS.check(pipelineEmbedding(taskSpec({ steps: [hardenedContainer('make', { workingDir: 'app' })] }))))
      .toEqual([workingDir("task 'build' step 'make'", 'task/build/step/make', 'app', RELATIVE, 'Pipeline', 'pipe')]);
    expect(ABSOLUTE_PATHS.check(pipelineRunEmbedding(taskSpec({ steps: [hardenedContainer('make', { workingDir: 'app' })] }))).map((f) => f.target))
      .toEqual(['task/build/step/make']);
  });

  test('not on other kinds, and relaxed by its annotation for its target', () => {
    expect(ABSOLUTE_PATHS.check({ kind: 'Pod', spec: { containers: [{ name: 'a', workingDir: 'x' }] } })).toEqual([]);
    const t = task({ steps: [hardenedContainer('compile', { workingDir: 'build' })] });
    t.metadata.annotations = { 'secure-tekton/relax.ABSOLUTE_PATHS': 'step/compile: the cluster runtime resolves it from the image directory' };
    expect(evaluateManifests([t])[0].checks.find((c) => c.rule === RuleId.ABSOLUTE_PATHS)?.status).toBe('relaxed');
  });
});

describeWithOracle('Tekton v1.15 admits relative working directories and workspace mount paths (the webhook checks neither)', () => {
  test('a Task and a StepAction that ABSOLUTE_PATHS finds', () => {
    const t = task({
      workspaces: [{ name: 'src', mountPath: 'src' }],
      stepTemplate: { workingDir: 'tmpl' },
      steps: [hardenedContainer('compile', { workingDir: 'build' })],
      sidecars: [hardenedContainer('db', { workingDir: 'data' })],
    });
    const action = stepAction({ workingDir: 'repo' });
    const r = runOracle([t, action]);
    expect(r.verdicts.map((v) => [v.kind, v.valid, v.errors])).toEqual([['Task', true, []], ['StepAction', true, []]]);
    expect([...ABSOLUTE_PATHS.check(t), ...ABSOLUTE_PATHS.check(action)].map((f) => [f.location, f.property, f.value])).toEqual([
      ["step 'compile'", 'workingDir', 'build'],
      ["sidecar 'db'", 'workingDir', 'data'],
      [undefined, 'workspaces.src.mountPath', 'src'],
      ["stepAction 'checkout'", 'workingDir', 'repo'],
    ]);
  });
});
