import {
  configDefaultsWithTemplate, describeRule, hardenedContainer, hardenedSecurityContext, pipelineEmbedding, pipelineRun, pipelineRunEmbedding, task,
  taskRun, taskRunEmbedding, taskSpec,
} from './fixtures';
import { RuleId, Severity } from '../../../src';
import { ruleContext } from '../../../src/policy/engine/context';
import { WRITABLE_SCRATCH } from '../../../src/policy/rules/writable-scratch';

const at = (location: string, target: string, finding: Record<string, unknown>, kind = 'Task', name = 'build') =>
  ({ rule: RuleId.WRITABLE_SCRATCH, kind, name, location, target, ...finding });
const noEmptyDir = (path: string) => ({ property: 'volumeMounts', value: path, problem: 'has no emptyDir volume mounted' });
/** The finding of a path where only a workspace is mounted that is read-only (`why`), and its fix (none for a `$(workspaces…)` path). */
const readOnlyWorkspace = (path: string, name: string, why: string) => ({
  property: 'volumeMounts',
  value: path,
  problem: `has no emptyDir volume mounted: workspace '${name}' is mounted there, but ${why}, so the step cannot write there`,
  ...(path.startsWith('$(') ? {} : {
    fix: `Give ${path} a volume of its own: move workspace '${name}' elsewhere (its mountPath) and mount an emptyDir volume at ${path} `
      + `(volumes: [{ name: tmp, emptyDir: {} }], volumeMounts: [{ name: tmp, mountPath: ${path} }]).`,
  }),
});
const CONFIG_MAP = 'a configMap volume, which the kubelet mounts read-only';

describe('WRITABLE_SCRATCH', () => {
  describeRule(WRITABLE_SCRATCH, RuleId.WRITABLE_SCRATCH, Severity.LOW, true);

  test('applies to Tekton objects that hold task specs only', () => {
    expect(WRITABLE_SCRATCH.appliesTo(task())).toBe(true);
    expect(WRITABLE_SCRATCH.appliesTo(pipelineEmbedding(taskSpec()))).toBe(true);
    expect(WRITABLE_SCRATCH.appliesTo({ kind: 'StatefulSet', spec: {} })).toBe(false);
  });

  test('compliant: emptyDir at /tmp and at $HOME', () => {
    expect(WRITABLE_SCRATCH.check(task())).toEqual([]);
    expect(WRITABLE_SCRATCH.check(task({
      steps: [hardenedContainer('compile', {
        env: [{ name: 'HOME', value: '/home/build' }],
        volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }, { name: 'home', mountPath: '/home/build' }],
      })],
      volumes: [{ name: 'tmp', emptyDir: {} }, { name: 'home', emptyDir: { medium: 'Memory' } }],
    }))).toEqual([]);
  });

  test('compliant: a mount path the container runtime cleans to /tmp or $HOME', () => {
    for (const [tmp, home, mount] of [['/tmp/', '/home/build', '/home/build/'], ['//tmp', '/home/build/', '/home/build'], ['/tmp/.', '/home/./build', '/home/build']]) {
      expect(WRITABLE_SCRATCH.check(task({
        steps: [hardenedContainer('compile', {
          env: [{ name: 'HOME', value: home }],
          volumeMounts: [{ name: 'tmp', mountPath: tmp }, { name: 'home', mountPath: mount }],
        })],
        volumes: [{ name: 'tmp', emptyDir: {} }, { name: 'home', emptyDir: {} }],
      }))).toEqual([]);
    }
    // another directory is not one
    expect(WRITABLE_SCRATCH.check(task({
      steps: [hardenedContainer('compile', { volumeMounts: [{ name: 'tmp', mountPath: '/tmp/x' }] })],
      volumes: [{ name: 'tmp', emptyDir: {} }],
    }))).toEqual([at("step 'compile'", 'step/compile', noEmptyDir('/tmp'))]);
  });

  test('compliant: the mounts may come from the stepTemplate', () => {
    expect(WRITABLE_SCRATCH.check(task({
      stepTemplate: { securityContext: { readOnlyRootFilesystem: true }, volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }] },
      steps: [hardenedContainer('compile', { securityContext: { runAsNonRoot: true }, volumeMounts: undefined })],
    }))).toEqual([]);
  });

  test('not judged: a writable root filesystem (READ_ONLY_ROOT_FILESYSTEM), and a StepAction (its volumes are the Task\'s)', () => {
    const { readOnlyRootFilesystem: _, ...writable } = hardenedSecurityContext();
    expect(WRITABLE_SCRATCH.check(task({ steps: [hardenedContainer('compile', { securityContext: writable, volumeMounts: [] })] }))).toEqual([]);
    const action = { apiVersion: 'tekton.dev/v1beta1', kind: 'StepAction', metadata: { name: 'clone' }, spec: hardenedContainer('clone', { volumeMounts: [] }) };
    expect(WRITABLE_SCRATCH.check(action)).toEqual([]);
  });

  test('non-compliant: read-only, but /tmp is not an emptyDir', () => {
    expect(WRITABLE_SCRATCH.check(task({ steps: [hardenedContainer('compile', { volumeMounts: [] })] })))
      .toEqual([at("step 'compile'", 'step/compile', noEmptyDir('/tmp'))]);
    // mounted, but from a ConfigMap (or a volume the task does not declare)
    expect(WRITABLE_SCRATCH.check(task({ volumes: [{ name: 'tmp', configMap: { name: 'scratch' } }] })))
      .toEqual([at("step 'compile'", 'step/compile', noEmptyDir('/tmp'))]);
    expect(WRITABLE_SCRATCH.check(task({ volumes: [] })))
      .toEqual([at("step 'compile'", 'step/compile', noEmptyDir('/tmp'))]);
    // an emptyDir mounted read-only is no scratch space
    expect(WRITABLE_SCRATCH.check(task({ steps: [hardenedContainer('compile', { volumeMounts: [{ name: 'tmp', mountPath: '/tmp', readOnly: true }] })] })))
      .toEqual([at("step 'compile'", 'step/compile', noEmptyDir('/tmp'))]);
  });

  test('non-compliant: $HOME without an emptyDir, in a sidecar', () => {
    expect(WRITABLE_SCRATCH.check(task({ sidecars: [hardenedContainer('db', { env: [{ name: 'HOME', value: '/var/lib/db' }] })] })))
      .toEqual([at("sidecar 'db'", 'sidecar/db', noEmptyDir('/var/lib/db'))]);
  });

  test('HOME as the kubelet reads it: the last entry of that name, the step\'s over the stepTemplate\'s', () => {
    const volumes = [{ name: 'tmp', emptyDir: {} }, { name: 'home', emptyDir: {} }];
    const mounts = [{ name: 'tmp', mountPath: '/tmp' }, { name: 'home', mountPath: '/home/a' }];
    // the first HOME has its emptyDir, but the kubelet sets the last one
    expect(WRITABLE_SCRATCH.check(task({
      volumes,
      steps: [hardenedContainer('compile', { env: [{ name: 'HOME', value: '/home/a' }, { name: 'HOME', value: '/home/b' }], volumeMounts: mounts })],
    }))).toEqual([at("step 'compile'", 'step/compile', noEmptyDir('/home/b'))]);
    // the step's HOME replaces the stepTemplate's
    expect(WRITABLE_SCRATCH.check(task({
      volumes,
      stepTemplate: { env: [{ name: 'HOME', value: '/home/a' }] },
      steps: [hardenedContainer('compile', { env: [{ name: 'HOME', value: '/home/b' }], volumeMounts: mounts })],
    }))).toEqual([at("step 'compile'", 'step/compile', noEmptyDir('/home/b'))]);
    // and the step's mount at /tmp replaces the stepTemplate's emptyDir there
    expect(WRITABLE_SCRATCH.check(task({
      volumes: [...volumes, { name: 'cache', configMap: { name: 'cache' } }],
      stepTemplate: { volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }] },
      steps: [hardenedContainer('compile', { volumeMounts: [{ name: 'cache', mountPath: '/tmp' }] })],
    }))).toEqual([at("step 'compile'", 'step/compile', noEmptyDir('/tmp'))]);
  });

  test('TMPDIR: the temporary directory env names replaces /tmp (shipwright-io/build\'s buildah strategies: TMPDIR /shp-tmp over an emptyDir)', () => {
    const volumes = [{ name: 'shp-tmp', emptyDir: {} }];
    const env = [{ name: 'TMPDIR', value: '/shp-tmp' }];
    expect(WRITABLE_SCRATCH.check(task({
      volumes,
      steps: [hardenedContainer('build', { env, volumeMounts: [{ name: 'shp-tmp', mountPath: '/shp-tmp' }] })],
    }))).toEqual([]);
    // TMPDIR without its emptyDir is the finding, at the path it names (and /tmp is then no longer asked for)
    expect(WRITABLE_SCRATCH.check(task({ steps: [hardenedContainer('build', { env })] })))
      .toEqual([at("step 'build'", 'step/build', noEmptyDir('/shp-tmp'))]);
    // the step's over the stepTemplate's
    expect(WRITABLE_SCRATCH.check(task({
      volumes,
      stepTemplate: { env: [{ name: 'TMPDIR', value: '/scratch' }] },
      steps: [hardenedContainer('build', { env, volumeMounts: [{ name: 'shp-tmp', mountPath: '/shp-tmp' }] })],
    }))).toEqual([]);
  });

  test('HOME at /tekton/home or /workspace: Tekton\'s own emptyDir in every step (pod.go implicitVolumeMounts), not in a sidecar', () => {
    // after shipwright-io/build's ko and buildkit strategies: HOME /tekton/home with a read-only root
    const home = (path: string) => [{ name: 'HOME', value: path }];
    expect(WRITABLE_SCRATCH.check(task({ steps: [hardenedContainer('build', { env: home('/tekton/home') })] }))).toEqual([]);
    expect(WRITABLE_SCRATCH.check(task({ steps: [hardenedContainer('build', { env: home('/workspace/') })] }))).toEqual([]);
    // a sidecar gets none of them; a step that mounts another volume there replaces Tekton's; a path below is on that emptyDir
    expect(WRITABLE_SCRATCH.check(task({ sidecars: [hardenedContainer('db', { env: home('/tekton/home') })] })))
      .toEqual([at("sidecar 'db'", 'sidecar/db', noEmptyDir('/tekton/home'))]);
    expect(WRITABLE_SCRATCH.check(task({
      volumes: [{ name: 'tmp', emptyDir: {} }, { name: 'cfg', configMap: { name: 'cfg' } }],
      steps: [hardenedContainer('build', { env: home('/tekton/home'), volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }, { name: 'cfg', mountPath: '/tekton/home' }] })],
    }))).toEqual([at("step 'build'", 'step/build', noEmptyDir('/tekton/home'))]);
    expect(WRITABLE_SCRATCH.check(task({ steps: [hardenedContainer('build', { env: home('/tekton/home/app') })] }))).toEqual([]);
    expect(WRITABLE_SCRATCH.check(task({ sidecars: [hardenedContainer('db', { env: home('/tekton/home/app') })] })))
      .toEqual([at("sidecar 'db'", 'sidecar/db', noEmptyDir('/tekton/home/app'))]);
  });

  test('a HOME or TMPDIR under a writable mount is on its volume (the step can create it there: mkdir -p "$TMPDIR"); the deepest mount above it decides', () => {
    const volumes = [{ name: 'tmp', emptyDir: {} }, { name: 'home', emptyDir: {} }, { name: 'cfg', configMap: { name: 'cfg' } }];
    const mounts = [{ name: 'tmp', mountPath: '/tmp' }, { name: 'home', mountPath: '/home/build' }];
    const env = (tmpdir: string, home = '/home/build') => [{ name: 'TMPDIR', value: tmpdir }, { name: 'HOME', value: home }];
    const check = (e: any[], extraMounts: any[] = [], more: Record<string, unknown> = {}) =>
      WRITABLE_SCRATCH.check(task({ volumes, steps: [hardenedContainer('compile', { env: e, volumeMounts: [...mounts, ...extraMounts] })], ...more }));
    expect(check(env('/tmp/sub', '/home/build/sub'))).toEqual([]);
    expect(check(env('/tmp//a/./b/', '/home/build/../build/x'))).toEqual([]);
    // not under it once cleaned; a relative path is compared as written
    expect(check(env('/tmp/../var/tmp'))).toEqual([at("step 'compile'", 'step/compile', noEmptyDir('/tmp/../var/tmp'))]);
    expect(check(env('/tmpx'))).toEqual([at("step 'compile'", 'step/compile', noEmptyDir('/tmpx'))]);
    expect(check(env('tmp/sub'))).toEqual([at("step 'compile'", 'step/compile', noEmptyDir('tmp/sub'))]);
    // a deeper mount of a ConfigMap holds it, as does a read-only mount of the emptyDir
    expect(check(env('/tmp/cfg/x'), [{ name: 'cfg', mountPath: '/tmp/cfg' }])).toEqual([at("step 'compile'", 'step/compile', noEmptyDir('/tmp/cfg/x'))]);
    expect(WRITABLE_SCRATCH.check(task({
      volumes, steps: [hardenedContainer('compile', { env: env('/tmp/sub'), volumeMounts: [{ name: 'tmp', mountPath: '/tmp', readOnly: true }, mounts[1]] })],
    }))).toEqual([at("step 'compile'", 'step/compile', noEmptyDir('/tmp/sub'))]);
    // under a writable workspace; under a read-only one (named, with the path it is mounted at); under an optional one, which a run may bind to anything
    expect(check(env('/workspace/src/tmp'), [], { workspaces: [{ name: 'src' }] })).toEqual([]);
    expect(check(env('/workspace/src/tmp'), [], { workspaces: [{ name: 'src', readOnly: true }] })).toEqual([at("step 'compile'", 'step/compile', {
      property: 'volumeMounts',
      value: '/workspace/src/tmp',
      problem: "has no emptyDir volume mounted: workspace 'src' is mounted at /workspace/src, above it, but the task declares it readOnly: true, so the step cannot write there",
      fix: 'Give /workspace/src/tmp a volume of its own: move workspace \'src\' elsewhere (its mountPath) and mount an emptyDir volume at /workspace/src/tmp '
        + '(volumes: [{ name: tmp, emptyDir: {} }], volumeMounts: [{ name: tmp, mountPath: /workspace/src/tmp }]).',
    })]);
    expect(check(env('/workspace/src/tmp'), [], { workspaces: [{ name: 'src', optional: true }] }))
      .toEqual([at("step 'compile'", 'step/compile', noEmptyDir('/workspace/src/tmp'))]);
  });

  test('a volume without a source is an emptyDir: the API server defaults it so (SetDefaults_Volume)', () => {
    expect(WRITABLE_SCRATCH.check(task({ volumes: [{ name: 'tmp' }] }))).toEqual([]);
    expect(WRITABLE_SCRATCH.check(task({ volumes: [{ name: 'tmp', emptyDir: null }] }))).toEqual([]);
    // a null emptyDir beside another source is that source
    expect(WRITABLE_SCRATCH.check(task({ volumes: [{ name: 'tmp', emptyDir: null, configMap: { name: 'scratch' } }] })))
      .toEqual([at("step 'compile'", 'step/compile', noEmptyDir('/tmp'))]);
  });

  test('a workspace the task declares at /tmp or $HOME is scratch space: Tekton mounts it in every step and sidecar (pkg/workspace/apply.go)', () => {
    const bare = (name: string, more: Record<string, unknown> = {}) => hardenedContainer(name, { volumeMounts: [], ...more });
    expect(WRITABLE_SCRATCH.check(task({
      volumes: [],
      workspaces: [{ name: 'tmp', mountPath: '/tmp' }, { name: 'home' }],
      steps: [bare('compile', { env: [{ name: 'HOME', value: '/workspace/home' }] })],
      sidecars: [bare('db')],
    }))).toEqual([]);
    // not one Tekton mounts read-only, nor an optional one (a run may leave it unbound, and then nothing is mounted)
    expect(WRITABLE_SCRATCH.check(task({ volumes: [], workspaces: [{ name: 'tmp', mountPath: '/tmp', readOnly: true }], steps: [bare('compile')] })))
      .toEqual([at("step 'compile'", 'step/compile', readOnlyWorkspace('/tmp', 'tmp', 'the task declares it readOnly: true'))]);
    expect(WRITABLE_SCRATCH.check(task({ volumes: [], workspaces: [{ name: 'tmp', mountPath: '/tmp', optional: true }], steps: [bare('compile')] })))
      .toEqual([at("step 'compile'", 'step/compile', noEmptyDir('/tmp'))]);
    // a workspace a step or sidecar lists is mounted only in those that list it, at the path each gives
    expect(WRITABLE_SCRATCH.check(task({
      volumes: [],
      workspaces: [{ name: 'tmp', mountPath: '/scratch' }],
      steps: [bare('compile', { workspaces: [{ name: 'tmp', mountPath: '/tmp' }] }), bare('test')],
      sidecars: [bare('db', { workspaces: [{ name: 'tmp' }], env: [{ name: 'TMPDIR', value: '/scratch' }] })],
    }))).toEqual([at("step 'test'", 'step/test', noEmptyDir('/tmp'))]);
  });

  test('a HOME or TMPDIR of $(workspaces.<w>.path) is that workspace\'s mount path, which Tekton writes there', () => {
    const bare = (env: any[]) => hardenedContainer('compile', { volumeMounts: [], env });
    const both = [{ name: 'HOME', value: '$(workspaces.home.path)' }, { name: 'TMPDIR', value: '$(workspaces.scratch.path)' }];
    expect(WRITABLE_SCRATCH.check(task({ volumes: [], workspaces: [{ name: 'home', mountPath: '/home/build' }, { name: 'scratch' }], steps: [bare(both)] })))
      .toEqual([]);
    // a read-only workspace is no scratch space; the finding names the value as written
    expect(WRITABLE_SCRATCH.check(task({ volumes: [], workspaces: [{ name: 'scratch', readOnly: true }], steps: [bare([both[1]])] })))
      .toEqual([at("step 'compile'", 'step/compile', readOnlyWorkspace('$(workspaces.scratch.path)', 'scratch', 'the task declares it readOnly: true'))]);
    // a directory under it: that workspace's, wherever it is mounted
    const under = [{ name: 'HOME', value: '$(workspaces.home.path)/user' }, { name: 'TMPDIR', value: '$(workspaces.scratch.path)/tmp' }];
    expect(WRITABLE_SCRATCH.check(task({ volumes: [], workspaces: [{ name: 'home', mountPath: '/home/build' }, { name: 'scratch' }], steps: [bare(under)] })))
      .toEqual([]);
    expect(WRITABLE_SCRATCH.check(task({ volumes: [], workspaces: [{ name: 'scratch', mountPath: '/scratch', readOnly: true }], steps: [bare([under[1]])] })))
      .toEqual([at("step 'compile'", 'step/compile', {
        property: 'volumeMounts',
        value: '$(workspaces.scratch.path)/tmp',
        problem: "has no emptyDir volume mounted: workspace 'scratch' is mounted at /scratch, above it, but the task declares it readOnly: true, so the step cannot write there",
      })]);
  });

  test('non-compliant: an embedded task spec in a Pipeline', () => {
    const spec = taskSpec({ steps: [hardenedContainer('make', { volumeMounts: [] })] });
    expect(WRITABLE_SCRATCH.check(pipelineEmbedding(spec))).toEqual([at("task 'build' step 'make'", 'task/build/step/make', noEmptyDir('/tmp'), 'Pipeline', 'pipe')]);
  });

  test('a volume a run\'s pod template (or config-defaults\' default pod template) adds as an emptyDir is scratch space (MergePodTemplateWithDefault, volumes by name)', () => {
    // the task declares no tmp volume: the run's template gives it
    const spec = taskSpec({ volumes: [] });
    const run = taskRunEmbedding(spec);
    expect(WRITABLE_SCRATCH.check(run)).toEqual([at("step 'compile'", 'step/compile', noEmptyDir('/tmp'), 'TaskRun', 'build-run')]);
    expect(WRITABLE_SCRATCH.check({ ...run, spec: { ...run.spec, podTemplate: { volumes: [{ name: 'tmp', emptyDir: {} }] } } })).toEqual([]);
    // a template's volume of another source is none
    expect(WRITABLE_SCRATCH.check({ ...run, spec: { ...run.spec, podTemplate: { volumes: [{ name: 'tmp', configMap: { name: 'tmp' } }] } } }))
      .toEqual([at("step 'compile'", 'step/compile', noEmptyDir('/tmp'), 'TaskRun', 'build-run')]);
    // a PipelineRun's run-wide template, replaced by name by the task's own one in taskRunSpecs
    const prun = pipelineRunEmbedding(spec);
    const wide = { taskRunTemplate: { podTemplate: { volumes: [{ name: 'tmp', emptyDir: {} }] } } };
    expect(WRITABLE_SCRATCH.check({ ...prun, spec: { ...prun.spec, ...wide } })).toEqual([]);
    expect(WRITABLE_SCRATCH.check({ ...prun, spec: { ...prun.spec, ...wide, taskRunSpecs: [{ pipelineTaskName: 'build', podTemplate: { volumes: [{ name: 'tmp', secret: { secretName: 's' } }] } }] } }))
      .toEqual([at("task 'build' step 'compile'", 'task/build/step/compile', noEmptyDir('/tmp'), 'PipelineRun', 'pipe-run')]);
    expect(WRITABLE_SCRATCH.check({ ...prun, spec: { ...prun.spec, taskRunSpecs: [{ pipelineTaskName: 'other', podTemplate: wide.taskRunTemplate.podTemplate }] } }))
      .toEqual([at("task 'build' step 'compile'", 'task/build/step/compile', noEmptyDir('/tmp'), 'PipelineRun', 'pipe-run')]);
    // config-defaults' default pod template reaches every run, a Task's too
    const defaults = configDefaultsWithTemplate('volumes:\n- name: tmp\n  emptyDir: {}\n');
    const t = task({ volumes: [] });
    expect(WRITABLE_SCRATCH.check(t)).toEqual([at("step 'compile'", 'step/compile', noEmptyDir('/tmp'))]);
    expect(WRITABLE_SCRATCH.check(t, ruleContext([t, defaults]))).toEqual([]);
  });

  test('a workspace the run in the same manifest binds read-only (ConfigMap, Secret, projected, readOnly claim or CSI volume) is no scratch space', () => {
    const spec = taskSpec({ volumes: [], workspaces: [{ name: 'scratch', mountPath: '/tmp' }], steps: [hardenedContainer('compile', { volumeMounts: [] })] });
    const run = taskRunEmbedding(spec);
    const bound = (binding: Record<string, unknown>) => ({ ...run, spec: { ...run.spec, workspaces: [{ name: 'scratch', ...binding }] } });
    expect(WRITABLE_SCRATCH.check(bound({ emptyDir: {} }))).toEqual([]);
    expect(WRITABLE_SCRATCH.check(bound({ persistentVolumeClaim: { claimName: 'c' } }))).toEqual([]);
    for (const [binding, source] of [
      [{ configMap: { name: 'c' } }, CONFIG_MAP],
      [{ secret: { secretName: 's' } }, 'a secret volume, which the kubelet mounts read-only'],
      [{ projected: { sources: [] } }, 'a projected volume, which the kubelet mounts read-only'],
      [{ persistentVolumeClaim: { claimName: 'c', readOnly: true } }, 'a persistentVolumeClaim volume with readOnly: true'],
      [{ csi: { driver: 'd', readOnly: true } }, 'a csi volume with readOnly: true'],
    ] as const) {
      expect(WRITABLE_SCRATCH.check(bound(binding))).toEqual([at("step 'compile'", 'step/compile', readOnlyWorkspace('/tmp', 'scratch', `TaskRun 'build-run' binds it to ${source}`), 'TaskRun', 'build-run')]);
    }
    // as the audit prints it
    expect(WRITABLE_SCRATCH.check(bound({ configMap: { name: 'c' } })).map((f) => [f.problem, f.fix])).toEqual([[
      'has no emptyDir volume mounted: workspace \'scratch\' is mounted there, but TaskRun \'build-run\' binds it to a configMap volume, which the kubelet mounts '
        + 'read-only, so the step cannot write there',
      'Give /tmp a volume of its own: move workspace \'scratch\' elsewhere (its mountPath) and mount an emptyDir volume at /tmp '
        + '(volumes: [{ name: tmp, emptyDir: {} }], volumeMounts: [{ name: tmp, mountPath: /tmp }]).',
    ]]);
    // a PipelineRun's binding of the pipeline workspace the pipeline task passes
    const prun = pipelineRunEmbedding(spec);
    prun.spec.pipelineSpec.tasks[0].workspaces = [{ name: 'scratch', workspace: 'shared' }];
    expect(WRITABLE_SCRATCH.check({ ...prun, spec: { ...prun.spec, workspaces: [{ name: 'shared', configMap: { name: 'c' } }] } }))
      .toEqual([at("task 'build' step 'compile'", 'task/build/step/compile',
        readOnlyWorkspace('/tmp', 'scratch', `PipelineRun 'pipe-run' binds it (as its workspace 'shared') to ${CONFIG_MAP}`), 'PipelineRun', 'pipe-run')]);
    expect(WRITABLE_SCRATCH.check({ ...prun, spec: { ...prun.spec, workspaces: [{ name: 'shared', emptyDir: {} }, { name: 'scratch', configMap: { name: 'c' } }] } })).toEqual([]);
  });

  test('with the objects checked together, the runs of a Task or Pipeline among them: their pod templates\' volumes and read-only bindings', () => {
    const t = task({ volumes: [] });
    const finding = at("step 'compile'", 'step/compile', noEmptyDir('/tmp'));
    const tmp = { volumes: [{ name: 'tmp', emptyDir: {} }] };
    // every TaskRun of the Task among the objects gives it an emptyDir: scratch space; one that does not leaves the finding
    const run = taskRun({ podTemplate: tmp });
    expect(WRITABLE_SCRATCH.check(t, ruleContext([t, run]))).toEqual([]);
    const bare = { ...taskRun(), metadata: { name: 'other-run', namespace: 'ci' } };
    expect(WRITABLE_SCRATCH.check(t, ruleContext([t, run, bare]))).toEqual([finding]);
    // a PipelineRun whose Pipeline runs the Task, its template for that pipeline task (taskRunSpecs) over the run-wide one
    const pipe = { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'pipe', namespace: 'ci' }, spec: { tasks: [{ name: 'compile', taskRef: { name: 'build' } }] } };
    const prun = pipelineRun({ taskRunSpecs: [{ pipelineTaskName: 'compile', podTemplate: tmp }] });
    expect(WRITABLE_SCRATCH.check(t, ruleContext([t, pipe, prun]))).toEqual([]);
    const elsewhere = pipelineRun({ taskRunSpecs: [{ pipelineTaskName: 'other', podTemplate: tmp }] });
    expect(WRITABLE_SCRATCH.check(t, ruleContext([t, pipe, elsewhere]))).toEqual([finding]);
    // a Pipeline's embedded task spec, run by a PipelineRun of that Pipeline
    const embedding = pipelineEmbedding(taskSpec({ volumes: [] }));
    expect(WRITABLE_SCRATCH.check(embedding, ruleContext([embedding, pipelineRun({ taskRunTemplate: { podTemplate: tmp } })]))).toEqual([]);
    // a workspace a TaskRun of the Task binds to a ConfigMap is no scratch space
    const ws = task({ volumes: [], workspaces: [{ name: 'scratch', mountPath: '/tmp' }], steps: [hardenedContainer('compile', { volumeMounts: [] })] });
    expect(WRITABLE_SCRATCH.check(ws, ruleContext([ws, taskRun({ workspaces: [{ name: 'scratch', emptyDir: {} }] })]))).toEqual([]);
    expect(WRITABLE_SCRATCH.check(ws, ruleContext([ws, taskRun({ workspaces: [{ name: 'scratch', configMap: { name: 'c' } }] })])))
      .toEqual([at("step 'compile'", 'step/compile', readOnlyWorkspace('/tmp', 'scratch', `TaskRun 'build-run' binds it to ${CONFIG_MAP}`))]);
  });
  test("config-defaults' default-task-run-workspace-binding: what a known run leaves unbound is bound to it (read-only: no scratch space)", () => {
    const ws = task({ volumes: [], workspaces: [{ name: 'scratch', mountPath: '/tmp' }], steps: [hardenedContainer('compile', { volumeMounts: [] })] });
    const binding = (yaml: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data: { 'default-task-run-workspace-binding': yaml } });
    const unbound = taskRun();
    const viaDefault = (by: string, source: string, left = 'leaves it unbound') => at("step 'compile'", 'step/compile',
      readOnlyWorkspace('/tmp', 'scratch', `${by} ${left}, and config-defaults' default-task-run-workspace-binding binds it to ${source}`));
    expect(WRITABLE_SCRATCH.check(ws, ruleContext([ws, unbound, binding('configMap:\n  name: scratch\n')])))
      .toEqual([viaDefault("TaskRun 'build-run'", CONFIG_MAP)]);
    expect(WRITABLE_SCRATCH.check(ws, ruleContext([ws, unbound, binding('secret: {secretName: s}')])))
      .toEqual([viaDefault("TaskRun 'build-run'", 'a secret volume, which the kubelet mounts read-only')]);
    expect(WRITABLE_SCRATCH.check(ws, ruleContext([ws, unbound, binding('persistentVolumeClaim: {claimName: c, readOnly: true}')])))
      .toEqual([viaDefault("TaskRun 'build-run'", 'a persistentVolumeClaim volume with readOnly: true')]);
    // a pipeline task that passes the workspace nothing
    const pipe = { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'pipe', namespace: 'ci' }, spec: { tasks: [{ name: 'compile', taskRef: { name: 'build' } }] } };
    expect(WRITABLE_SCRATCH.check(ws, ruleContext([ws, pipe, pipelineRun(), binding('configMap: {name: scratch}')])))
      .toEqual([viaDefault("PipelineRun 'pipe-run'", CONFIG_MAP, "leaves it unbound (pipeline task 'compile' passes it no workspace the run binds)")]);
    // not a finding: an emptyDir (or claim) by default; the run binds it itself; an optional workspace (the default binds none); no known run
    expect(WRITABLE_SCRATCH.check(ws, ruleContext([ws, unbound, binding('emptyDir: {}')]))).toEqual([]);
    expect(WRITABLE_SCRATCH.check(ws, ruleContext([ws, unbound, binding('persistentVolumeClaim: {claimName: c}')]))).toEqual([]);
    expect(WRITABLE_SCRATCH.check(ws, ruleContext([ws, taskRun({ workspaces: [{ name: 'scratch', emptyDir: {} }] }), binding('configMap: {name: scratch}')]))).toEqual([]);
    const optional = task({ volumes: [], workspaces: [{ name: 'scratch', mountPath: '/tmp', optional: true }], steps: [hardenedContainer('compile', { volumeMounts: [] })] });
    expect(WRITABLE_SCRATCH.check(optional, ruleContext([optional, unbound, binding('configMap: {name: scratch}')]))).toEqual([at("step 'compile'", 'step/compile', noEmptyDir('/tmp'))]);
    expect(WRITABLE_SCRATCH.check(ws, ruleContext([ws, binding('configMap: {name: scratch}')]))).toEqual([]);
  });

  test('pipelines in pipelines: the child PipelineRun of a pipeline task that runs a pipeline (pipelineSpec, a local pipelineRef) is a known run', () => {
    const spec = taskSpec({ volumes: [], workspaces: [{ name: 'scratch', mountPath: '/tmp' }], steps: [hardenedContainer('compile', { volumeMounts: [] })] });
    // a PipelineRun's own pipelineSpec whose task `ci` runs an embedded pipeline, whose task `build` embeds the task spec
    const nested = (bindings: any[], extra: Record<string, unknown> = {}) => ({
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: { name: 'pipe-run', namespace: 'ci' },
      spec: {
        workspaces: bindings,
        ...extra,
        pipelineSpec: {
          workspaces: [{ name: 'shared' }],
          tasks: [{
            name: 'ci',
            workspaces: [{ name: 'inner', workspace: 'shared' }],
            pipelineSpec: { workspaces: [{ name: 'inner' }], tasks: [{ name: 'build', workspaces: [{ name: 'scratch', workspace: 'inner' }], taskSpec: spec }] },
          }],
        },
      },
    });
    const where = "task 'ci' task 'build' step 'compile'";
    const target = 'task/ci/task/build/step/compile';
    const viaChild = at(where, target, readOnlyWorkspace('/tmp', 'scratch',
      `the child PipelineRun of pipeline task 'ci' of PipelineRun 'pipe-run' binds it (as its workspace 'inner') to ${CONFIG_MAP}`), 'PipelineRun', 'pipe-run');
    expect(WRITABLE_SCRATCH.check(nested([{ name: 'shared', configMap: { name: 'c' } }]))).toEqual([viaChild]);
    expect(WRITABLE_SCRATCH.check(nested([{ name: 'shared', emptyDir: {} }]))).toEqual([]);
    // the child gets the parent's run-wide pod template (its taskRunTemplate), not its taskRunSpecs
    const tmpSpec = taskSpec({ volumes: [] });
    const nestedTmp = (extra: Record<string, unknown>) => ({
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: { name: 'pipe-run', namespace: 'ci' },
      spec: { ...extra, pipelineSpec: { tasks: [{ name: 'ci', pipelineSpec: { tasks: [{ name: 'build', taskSpec: tmpSpec }] } }] } },
    });
    const tmp = { volumes: [{ name: 'tmp', emptyDir: {} }] };
    expect(WRITABLE_SCRATCH.check(nestedTmp({ taskRunTemplate: { podTemplate: tmp } }))).toEqual([]);
    expect(WRITABLE_SCRATCH.check(nestedTmp({ taskRunSpecs: [{ pipelineTaskName: 'build', podTemplate: tmp }] })))
      .toEqual([at(where, target, noEmptyDir('/tmp'), 'PipelineRun', 'pipe-run')]);
    // a Task a child pipeline runs by taskRef, the child a local Pipeline a pipeline task names by pipelineRef
    const t = task({ volumes: [], workspaces: [{ name: 'scratch', mountPath: '/tmp' }], steps: [hardenedContainer('compile', { volumeMounts: [] })] });
    const child = { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'child', namespace: 'ci' }, spec: { workspaces: [{ name: 'inner' }], tasks: [{ name: 'build', taskRef: { name: 'build' }, workspaces: [{ name: 'scratch', workspace: 'inner' }] }] } };
    const parent = { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'pipe', namespace: 'ci' }, spec: { workspaces: [{ name: 'shared' }], tasks: [{ name: 'ci', pipelineRef: { name: 'child' }, workspaces: [{ name: 'inner', workspace: 'shared' }] }] } };
    const run = { ...pipelineRun(), spec: { ...pipelineRun().spec, workspaces: [{ name: 'shared', secret: { secretName: 's' } }] } };
    const secret = 'a secret volume, which the kubelet mounts read-only';
    expect(WRITABLE_SCRATCH.check(t, ruleContext([t, child, parent, run]))).toEqual([at("step 'compile'", 'step/compile', readOnlyWorkspace('/tmp', 'scratch',
      `the child PipelineRun of pipeline task 'ci' of PipelineRun 'pipe-run' binds it (as its workspace 'inner') to ${secret}`))]);
    // an embedded task spec of the child Pipeline, run by that child PipelineRun
    const childEmbedding = { ...child, spec: { ...child.spec, tasks: [{ name: 'build', taskSpec: spec, workspaces: [{ name: 'scratch', workspace: 'inner' }] }] } };
    expect(WRITABLE_SCRATCH.check(childEmbedding, ruleContext([childEmbedding, parent, run]))).toEqual([at("task 'build' step 'compile'", 'task/build/step/compile',
      readOnlyWorkspace('/tmp', 'scratch', `the child PipelineRun of pipeline task 'ci' of PipelineRun 'pipe-run' binds it (as its workspace 'inner') to ${secret}`), 'Pipeline', 'child')]);
    // a Task a resolver or bundle fetches is not among the objects: its steps are not judged here, nor are its runs known for a Task of
    // the same name; but the cluster resolver fetches the Task of its name and namespace, which is the one among the objects
    const fetching = (taskRef: any) => ({
      ...pipelineRun(),
      spec: {
        ...pipelineRun().spec,
        pipelineRef: undefined,
        pipelineSpec: { workspaces: [{ name: 'scratch' }], tasks: [{ name: 'compile', taskRef, workspaces: [{ name: 'scratch' }] }] },
        workspaces: [{ name: 'scratch', configMap: { name: 'c' } }],
      },
    });
    const gitRef = { resolver: 'git', params: [{ name: 'url', value: 'https://github.com/org/tasks' }, { name: 'revision', value: 'a'.repeat(40) }, { name: 'pathInRepo', value: 'build.yaml' }] };
    expect(WRITABLE_SCRATCH.check(fetching(gitRef))).toEqual([]);
    expect(WRITABLE_SCRATCH.check(t, ruleContext([t, fetching(gitRef)]))).toEqual([]);
    expect(WRITABLE_SCRATCH.check(t, ruleContext([t, fetching({ bundle: 'registry.example.com/tasks@sha256:' + 'b'.repeat(64), name: 'build' })]))).toEqual([]);
    const clusterRef = (namespace: string) => ({ resolver: 'cluster', params: [{ name: 'kind', value: 'task' }, { name: 'name', value: 'build' }, { name: 'namespace', value: namespace }] });
    expect(WRITABLE_SCRATCH.check(t, ruleContext([t, fetching(clusterRef('ci'))]))).toEqual([at("step 'compile'", 'step/compile',
      readOnlyWorkspace('/tmp', 'scratch', `PipelineRun 'pipe-run' binds it (as its workspace 'scratch') to ${CONFIG_MAP}`))]);
    expect(WRITABLE_SCRATCH.check(t, ruleContext([t, fetching(clusterRef('other'))]))).toEqual([]);
    const clusterRun = { ...taskRun({ workspaces: [{ name: 'scratch', secret: { secretName: 's' } }] }) };
    clusterRun.spec.taskRef = clusterRef('ci');
    expect(WRITABLE_SCRATCH.check(t, ruleContext([t, clusterRun]))).toEqual([at("step 'compile'", 'step/compile',
      readOnlyWorkspace('/tmp', 'scratch', `TaskRun 'build-run' binds it to ${secret}`))]);
  });
});
