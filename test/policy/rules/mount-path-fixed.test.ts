import { describeRule, hardenedContainer, pipelineEmbedding, task, taskSpec } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { ruleContext } from '../../../src/policy/engine/context';
import { MOUNT_PATH_FIXED } from '../../../src/policy/rules/mount-path-fixed';
import { evaluatingOnce } from '../../../src/private/containers';
import { describeWithTektonSubstitute, tektonSubstitute } from '../../helpers/tekton-substitute';

/** Said of a mount path a caller chooses with `chosen`; `by` says what substitutes it. */
const mount = (chosen: string, by = 'Tekton substitutes params there') => `lets a caller choose where the volume is mounted with ${chosen} (${by}; `
  + "Tekton checks the path for /tekton/ only as written): over the programs the container runs (the image's /usr/bin, Tekton's /tekton/bin "
  + "entrypoint and /tekton/scripts) or another mount, so the volume's content, which a run or an earlier step may write, replaces them";
const SUBPATH = 'lets a caller choose which part of the volume the container sees (the kubelet refuses a path that leaves the volume, '
  + "but any directory of it, another run's on a shared claim, is open)";
const workspace = (chosen: string) => `lets a caller choose with ${chosen} where the workspace is mounted in every step and sidecar that uses `
  + "it (Tekton substitutes params there, in the declaration's mountPath): over the programs they run (the image's /usr/bin, Tekton's "
  + '/tekton/bin and /tekton/scripts) or another mount, with the content the run binds';
const name = (chosen: string, at = '') => `lets a caller choose which volume of the pod is mounted${at} with ${chosen} (Tekton substitutes params there; `
  + 'Tekton refuses a name starting with tekton-internal- only as written): another volume of the task, such as one holding a Secret, or one '
  + "of Tekton's own, such as tekton-internal-bin, which holds the entrypoint every later step runs";
const NAME_FIX = "Write the volume's name in the Task (a volume of spec.volumes, or $(workspaces.<name>.volume)), and mount each volume a caller "
  + 'may pick in a step of its own, chosen with when expressions.';
const FIX = 'Write the path in the Task (a fixed directory such as /workspace/<name>), and pass what varies as data: an env var a step '
  + 'reads, a directory the step creates below the fixed one.';
// a subPath is relative to the volume: the Task's fixed directory would be refused as an absolute subPath
const SUBPATH_FIX = 'Write the subPath in the Task as a fixed path relative to the volume (subPath: cache), or leave it out, and pass '
  + 'what varies as data: an env var a step reads, a directory the step creates below the mount.';

const summary = (m: any, context?: any) => MOUNT_PATH_FIXED.check(m, context).map((f) => [f.location, f.target, f.property, f.value]);
const scratch = { name: 'scratch', emptyDir: {} };

describe('MOUNT_PATH_FIXED', () => {
  describeRule(MOUNT_PATH_FIXED, RuleId.MOUNT_PATH_FIXED, Severity.HIGH, true);

  test('non-compliant: a param chooses where a step mounts a volume, with the exact finding', () => {
    const m = task({ params: [{ name: 'dir' }], volumes: [scratch], steps: [hardenedContainer('s', { volumeMounts: [{ name: 'scratch', mountPath: '$(params.dir)' }] })] });
    expect(MOUNT_PATH_FIXED.check(m)).toEqual([{
      rule: RuleId.MOUNT_PATH_FIXED,
      kind: 'Task',
      name: 'build',
      location: "step 's'",
      target: 'step/s',
      property: 'volumeMounts.scratch.mountPath',
      value: '$(params.dir)',
      problem: mount('$(params.dir)'),
      fix: FIX,
    }]);
  });

  test('non-compliant: a subPath and a workspace\'s mountPath, with the exact findings', () => {
    const m = task({
      params: [{ name: 'part' }, { name: 'dir' }],
      volumes: [scratch],
      workspaces: [{ name: 'source', mountPath: '/ws/$(params.dir)' }],
      steps: [hardenedContainer('s', { volumeMounts: [{ name: 'scratch', mountPath: '/scratch', subPath: '$(params.part)' }] })],
    });
    expect(MOUNT_PATH_FIXED.check(m).map((f) => [f.location, f.target, f.property, f.value, f.problem, f.fix])).toEqual([
      ["step 's'", 'step/s', 'volumeMounts.scratch.subPath', '$(params.part)', SUBPATH, SUBPATH_FIX],
      // a caller's text after a fixed directory still leaves it: Kubernetes does not refuse `..` in a mount path (quoted as written)
      [undefined, undefined, 'workspaces.source.mountPath', '/ws/$(params.dir)', workspace('$(params.dir)'), FIX],
    ]);
  });

  test('non-compliant: the stepTemplate, a sidecar, a result, a chosen workspace path, a StepAction, and an embedded spec', () => {
    expect(summary(task({
      params: [{ name: 'dir' }],
      volumes: [scratch],
      workspaces: [{ name: 'source', mountPath: '/src/$(params.dir)' }],
      stepTemplate: { volumeMounts: [{ name: 'scratch', mountPath: '$(params.dir)' }] },
      steps: [hardenedContainer('s', { volumeMounts: [{ name: 'scratch', mountPath: '$(workspaces.source.path)/bin' }] })],
      sidecars: [hardenedContainer('proxy', { volumeMounts: [{ name: 'scratch', mountPath: '/x', subPath: '$(tasks.a.results.dir)' }] })],
    }))).toEqual([
      ['stepTemplate', 'stepTemplate', 'volumeMounts.scratch.mountPath', '$(params.dir)'],
      ["step 's'", 'step/s', 'volumeMounts.scratch.mountPath', '$(workspaces.source.path)/bin'],
      ["sidecar 'proxy'", 'sidecar/proxy', 'volumeMounts.scratch.subPath', '$(tasks.a.results.dir)'],
      [undefined, undefined, 'workspaces.source.mountPath', '/src/$(params.dir)'],
    ]);
    const action = { apiVersion: 'tekton.dev/v1beta1', kind: 'StepAction', metadata: { name: 'cache' }, spec: { params: [{ name: 'v' }, { name: 'at' }], image: 'x', volumeMounts: [{ name: '$(params.v)', mountPath: '$(params.at)' }] } };
    expect(summary(action)).toEqual([
      ["stepAction 'cache'", 'step/cache', 'volumeMounts["$(params.v)"].name', '$(params.v)'],
      ["stepAction 'cache'", 'step/cache', 'volumeMounts["$(params.v)"].mountPath', '$(params.at)'],
    ]);
    expect(summary(pipelineEmbedding(taskSpec({ params: [{ name: 'd' }], volumes: [scratch], workspaces: [{ name: 'w', mountPath: '$(params.d)' }], steps: [hardenedContainer('s')] }))))
      .toEqual([["task 'build'", 'task/build', 'workspaces.w.mountPath', '$(params.d)']]);
  });

  test('non-compliant: a caller\'s value a step passes to the mount path of a StepAction checked with it', () => {
    const action = { apiVersion: 'tekton.dev/v1beta1', kind: 'StepAction', metadata: { name: 'cache' }, spec: { params: [{ name: 'v', default: 'scratch' }, { name: 'at', default: '/cache' }], image: 'x', volumeMounts: [{ name: '$(params.v)', mountPath: '$(params.at)' }] } };
    const m = task({ params: [{ name: 'dir' }], volumes: [scratch], steps: [{ name: 's', ref: { name: 'cache' }, params: [{ name: 'at', value: '$(params.dir)' }] }] });
    expect(MOUNT_PATH_FIXED.check(m, ruleContext([m, action])).map((f) => [f.location, f.target, f.property, f.value, f.problem])).toEqual([
      ["step 's'", 'step/s', 'volumeMounts.scratch.mountPath', '$(params.dir)', `${mount('$(params.dir)')}, through the params this step passes to StepAction 'cache'`],
    ]);
    // a constant the step passes: nothing on the step; the StepAction's own param, whatever its default, is each step's to give
    const fixed = task({ volumes: [scratch], steps: [{ name: 's', ref: { name: 'cache' }, params: [{ name: 'at', value: '/cache' }] }] });
    expect(MOUNT_PATH_FIXED.check(fixed, ruleContext([fixed, action]))).toEqual([]);
    expect(summary(action)).toEqual([
      ["stepAction 'cache'", 'step/cache', 'volumeMounts["$(params.v)"].name', '$(params.v)'],
      ["stepAction 'cache'", 'step/cache', 'volumeMounts["$(params.v)"].mountPath', '$(params.at)'],
    ]);
  });

  test('a result or a chosen workspace path is named as what it is, not as a param, in the value as written', () => {
    const m = task({
      params: [{ name: 'dir' }],
      volumes: [scratch],
      workspaces: [{ name: 'source', mountPath: '/src/$(params.dir)' }],
      steps: [hardenedContainer('s', {
        volumeMounts: [
          { name: 'scratch', mountPath: '/work/$(tasks.a.results.dir)' },
          { name: 'x-$(tasks.a.results.vol)', mountPath: '$(workspaces.source.path)/bin' },
        ],
      })],
    });
    expect(MOUNT_PATH_FIXED.check(m).map((f) => [f.property, f.value, f.problem])).toEqual([
      ['volumeMounts.scratch.mountPath', '/work/$(tasks.a.results.dir)', mount('$(tasks.a.results.dir)', 'Tekton substitutes the results of earlier tasks there')],
      ['volumeMounts["x-$(tasks.a.results.vol)"].name', 'x-$(tasks.a.results.vol)', 'lets a caller choose which volume of the pod is mounted with '
        + '$(tasks.a.results.vol) (Tekton substitutes the results of earlier tasks there; Tekton refuses a name starting with tekton-internal- '
        + "only as written): another volume of the task, such as one holding a Secret, or one of Tekton's own, such as tekton-internal-bin, "
        + 'which holds the entrypoint every later step runs'],
      ['volumeMounts["x-$(tasks.a.results.vol)"].mountPath', '$(workspaces.source.path)/bin',
        mount('$(workspaces.source.path)', "Tekton substitutes the workspace's path there, whose mountPath a caller chooses")],
      ['workspaces.source.mountPath', '/src/$(params.dir)', workspace('$(params.dir)')],
    ]);
  });

  test('non-compliant: a param chooses which volume a step mounts (Tekton substitutes params into volumeMounts[].name), with the exact finding', () => {
    const m = task({
      params: [{ name: 'vol' }],
      volumes: [scratch, { name: 'token', secret: { secretName: 'deploy-token' } }],
      steps: [hardenedContainer('s', { volumeMounts: [{ name: '$(params.vol)', mountPath: '/data', readOnly: true }] })],
    });
    expect(MOUNT_PATH_FIXED.check(m)).toEqual([{
      rule: RuleId.MOUNT_PATH_FIXED,
      kind: 'Task',
      name: 'build',
      location: "step 's'",
      target: 'step/s',
      property: 'volumeMounts["$(params.vol)"].name',
      value: '$(params.vol)',
      problem: name('$(params.vol)'),
      fix: NAME_FIX,
    }]);
    // a sidecar's and a stepTemplate's too, and a result
    expect(summary(task({
      volumes: [scratch],
      stepTemplate: { volumeMounts: [{ name: 'cache-$(params.v)', mountPath: '/cache' }] },
      steps: [hardenedContainer('s')],
      sidecars: [hardenedContainer('proxy', { volumeMounts: [{ name: '$(tasks.a.results.vol)', mountPath: '/x' }] })],
    }))).toEqual([
      ['stepTemplate', 'stepTemplate', 'volumeMounts["cache-$(params.v)"].name', 'cache-$(params.v)'],
      ["sidecar 'proxy'", 'sidecar/proxy', 'volumeMounts["$(tasks.a.results.vol)"].name', '$(tasks.a.results.vol)'],
    ]);
    // a caller's value a step passes to a StepAction checked with it, as the volume's name
    const action = { apiVersion: 'tekton.dev/v1beta1', kind: 'StepAction', metadata: { name: 'cache' }, spec: { params: [{ name: 'v', default: 'scratch' }], image: 'x', volumeMounts: [{ name: '$(params.v)', mountPath: '/cache' }] } };
    const through = task({ params: [{ name: 'vol' }], volumes: [scratch], steps: [{ name: 's', ref: { name: 'cache' }, params: [{ name: 'v', value: '$(params.vol)' }] }] });
    expect(MOUNT_PATH_FIXED.check(through, ruleContext([through, action])).map((f) => [f.target, f.property, f.value, f.problem])).toEqual([
      ['step/s', 'volumeMounts["$(params.vol)"].name', '$(params.vol)', `${name('$(params.vol)')}, through the params this step passes to StepAction 'cache'`],
    ]);
    // the name written in the Task, a workspace's volume (Tekton's generated name), the default the StepAction's param gives: compliant
    const fixed = task({
      workspaces: [{ name: 'w' }],
      volumes: [scratch],
      steps: [
        hardenedContainer('s', { volumeMounts: [{ name: 'scratch', mountPath: '/a' }, { name: '$(workspaces.w.volume)', mountPath: '/b' }] }),
        { name: 't', ref: { name: 'cache' } },
      ],
    });
    expect(MOUNT_PATH_FIXED.check(fixed, ruleContext([fixed, action]))).toEqual([]);
  });

  test('several mounts of one chosen name are told apart by their mountPath; one mount of its name is not', () => {
    // the catalog's jib-gradle: a caller's volume mounted at several paths, each a mount to fix
    const m = task({
      params: [{ name: 'CACHE' }, { name: 'part' }],
      volumes: [scratch],
      steps: [hardenedContainer('s', {
        volumeMounts: [
          { name: 'scratch', mountPath: '/scratch' },
          { name: '$(params.CACHE)', mountPath: '/workspace/.m2', subPath: '$(params.part)' },
          { name: '$(params.CACHE)', mountPath: '/workspace/.cache', subPath: '$(params.part)' },
        ],
      })],
    });
    expect(MOUNT_PATH_FIXED.check(m).map((f) => [f.property, f.value, f.problem, f.fix])).toEqual([
      ['volumeMounts["$(params.CACHE)"].name', '$(params.CACHE)', name('$(params.CACHE)', ' at /workspace/.m2'), NAME_FIX],
      ['volumeMounts["$(params.CACHE)"].subPath', '$(params.part)', SUBPATH.replace('of the volume', 'of the volume mounted at /workspace/.m2'), SUBPATH_FIX],
      ['volumeMounts["$(params.CACHE)"].name', '$(params.CACHE)', name('$(params.CACHE)', ' at /workspace/.cache'), NAME_FIX],
      ['volumeMounts["$(params.CACHE)"].subPath', '$(params.part)', SUBPATH.replace('of the volume', 'of the volume mounted at /workspace/.cache'), SUBPATH_FIX],
    ]);
    // a mount whose name no other mount has, and two mounts the same in every field (the engine reports those once), say no mountPath
    const same = { name: '$(params.CACHE)', mountPath: '/workspace/.m2' };
    expect(MOUNT_PATH_FIXED.check(task({ params: [{ name: 'CACHE' }], volumes: [scratch], steps: [hardenedContainer('s', { volumeMounts: [same, same] })] }))
      .map((f) => f.problem)).toEqual([name('$(params.CACHE)'), name('$(params.CACHE)')]);
  });

  test('non-compliant: a subPathExpr naming an env var that holds a caller\'s value, the stepTemplate\'s too, with the exact finding', () => {
    const m = task({
      params: [{ name: 'part' }],
      volumes: [scratch],
      stepTemplate: { env: [{ name: 'FROM_TEMPLATE', value: '$(params.part)' }] },
      steps: [hardenedContainer('s', {
        env: [{ name: 'PART', value: 'x-$(params.part)' }, { name: 'NOTE', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['note']" } } }],
        volumeMounts: [
          { name: 'scratch', mountPath: '/a', subPathExpr: 'runs/$(PART)' },
          { name: 'scratch', mountPath: '/b', subPathExpr: '$(FROM_TEMPLATE)' },
          { name: 'scratch', mountPath: '/c', subPathExpr: '$(NOTE)' },
        ],
      })],
    });
    // three mounts of one volume: each names its mountPath
    const problem = (env: string, at: string) => `names in ${env} an env var that holds a caller's value, which the kubelet expands there: it `
      + SUBPATH.replace('of the volume', `of the volume mounted at ${at}`);
    expect(MOUNT_PATH_FIXED.check(m).map((f) => [f.target, f.property, f.value, f.problem, f.fix])).toEqual([
      ['step/s', 'volumeMounts.scratch.subPathExpr', 'runs/$(PART)', problem('$(PART)', '/a'), SUBPATH_FIX],
      ['step/s', 'volumeMounts.scratch.subPathExpr', '$(FROM_TEMPLATE)', problem('$(FROM_TEMPLATE)', '/b'), SUBPATH_FIX],
      ['step/s', 'volumeMounts.scratch.subPathExpr', '$(NOTE)', problem('$(NOTE)', '/c'), SUBPATH_FIX],
    ]);
  });

  test('compliant: a subPathExpr of fixed env vars, the pod\'s name, an escaped $$(PART), or a name env no longer holds', () => {
    expect(MOUNT_PATH_FIXED.check(task({
      params: [{ name: 'part' }],
      volumes: [scratch],
      steps: [hardenedContainer('s', {
        env: [
          { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          { name: 'PART', value: '$(params.part)' },
          { name: 'PART', value: 'fixed' },
          { name: 'OTHER', value: '$(params.part)' },
        ],
        volumeMounts: [
          { name: 'scratch', mountPath: '/a', subPathExpr: '$(POD)/$(PART)' },
          { name: 'scratch', mountPath: '/b', subPathExpr: 'x/$$(OTHER)' },
          { name: 'scratch', mountPath: '/c', subPathExpr: '$(params.part)' },
        ],
      })],
    }))).toEqual([]);
  });

  // Tekton v1.15 substitutes params into stdoutConfig.path and stderrConfig.path (ApplyStepReplacements); the entrypoint appends the
  // stream to that file (-stdout_path: os.OpenFile O_APPEND|O_CREATE after MkdirAll of its directory, cmd/entrypoint/runner.go)
  test('non-compliant: a param chooses the file a step\'s stdout or stderr is written to, with the exact findings', () => {
    const stream = (s: string, chosen: string) => `lets a caller choose with ${chosen} the file the step's ${s} is written to (Tekton substitutes params there): `
      + `the entrypoint appends the ${s} to that path, creating it and its directories, so the caller adds the step's output to any file the step can write: `
      + 'a script or git hook in a workspace a later step or task runs, a result file under /tekton/results that later tasks read';
    const STREAM_FIX = 'Write the path in the Task (a fixed file such as $(workspaces.<name>.path)/<step>.log, or $(results.<name>.path)), and pass '
      + 'what varies as data: an env var a step reads, a file name the step checks before it copies the output there.';
    const m = task({
      params: [{ name: 'log' }],
      results: [{ name: 'out' }],
      workspaces: [{ name: 'source' }],
      steps: [
        // a caller's text after the workspace's path still leaves it (`../../tekton/results/x`): the entrypoint opens the path as given
        hardenedContainer('s', { stdoutConfig: { path: '$(params.log)' }, stderrConfig: { path: '$(workspaces.source.path)/$(params.log).err' } }),
        // the task's own files: a result's path and a fixed file of a workspace
        hardenedContainer('t', { stdoutConfig: { path: '$(results.out.path)' }, stderrConfig: { path: '$(workspaces.source.path)/t.err' } }),
      ],
    });
    expect(MOUNT_PATH_FIXED.check(m).map((f) => [f.location, f.target, f.property, f.value, f.problem, f.fix])).toEqual([
      ["step 's'", 'step/s', 'stdoutConfig.path', '$(params.log)', stream('stdout', '$(params.log)'), STREAM_FIX],
      ["step 's'", 'step/s', 'stderrConfig.path', '$(workspaces.source.path)/$(params.log).err', stream('stderr', '$(params.log)'), STREAM_FIX],
    ]);
  });

  // Tekton v1.15 substitutes params into envFrom[].prefix (applyContainerReplacements), checked with tekton-substitute below
  test('non-compliant: a param or result chooses an envFrom prefix, the names of the env vars a ConfigMap or Secret gives, with the exact findings', () => {
    const prefix = (chosen: string, source: string) => `lets a caller choose with ${chosen} the names of the env vars the container gets from the ${source} `
      + `(${chosen.startsWith('$(tasks.') ? 'Tekton substitutes the results of earlier tasks there' : 'Tekton substitutes params there'}; each name is the prefix followed by a key): `
      + 'with a key PRELOAD the prefix LD_ makes LD_PRELOAD, which the dynamic loader loads into every program the container runs, and with a key ENV '
      + "the prefix BASH_ makes BASH_ENV, which bash runs before its script; an empty prefix gives each key its own name, PATH among them, over the image's";
    const PREFIX_FIX = 'Write the prefix in the Task as fixed text (prefix: CONFIG_), or leave it out, and pass what varies as data: an env var whose value a step reads.';
    const m = task({
      params: [{ name: 'env' }],
      stepTemplate: { envFrom: [{ prefix: 'APP_$(params.env)', secretRef: { name: 'app' } }] },
      steps: [
        hardenedContainer('s', { envFrom: [{ configMapRef: { name: 'settings' } }, { prefix: '$(params["env"])', configMapRef: { name: 'settings' } }] }),
        // a fixed prefix, and the run's own name (no caller's value): none
        hardenedContainer('t', { envFrom: [{ prefix: 'CONFIG_', configMapRef: { name: 'settings' } }, { prefix: '$(context.taskRun.namespace)_', secretRef: { name: 'app' } }] }),
      ],
      sidecars: [hardenedContainer('db', { envFrom: [{ prefix: '$(params.env)' }] })],
    });
    expect(MOUNT_PATH_FIXED.check(m).map((f) => [f.location, f.target, f.property, f.value, f.problem, f.fix])).toEqual([
      ['stepTemplate', 'stepTemplate', 'envFrom[0].prefix', 'APP_$(params.env)', prefix('$(params.env)', "Secret 'app'"), PREFIX_FIX],
      ["step 's'", 'step/s', 'envFrom[1].prefix', '$(params["env"])', prefix('$(params["env"])', "ConfigMap 'settings'"), PREFIX_FIX],
      ["sidecar 'db'", 'sidecar/db', 'envFrom[0].prefix', '$(params.env)', prefix('$(params.env)', 'ConfigMap or Secret it names'), PREFIX_FIX],
    ]);
    // in a Pipeline's embedded spec, a result of another task
    const p = pipelineEmbedding(taskSpec({ steps: [hardenedContainer('s', { envFrom: [{ prefix: '$(tasks.a.results.p)', configMapRef: { name: 'settings' } }] })] }));
    expect(MOUNT_PATH_FIXED.check(p).map((f) => [f.location, f.property, f.problem])).toEqual([
      [expect.stringContaining("step 's'"), 'envFrom[0].prefix', prefix('$(tasks.a.results.p)', "ConfigMap 'settings'")],
    ]);
  });

  // Tekton v1.15 substitutes params into envFrom[].configMapRef.name (applyContainerReplacements), checked with tekton-substitute below; the
  // kubelet gives every key of the ConfigMap as an env var of its name (makeEnvironmentVariables)
  test('non-compliant: a param, result or the run\'s name chooses an envFrom ConfigMap, whose keys name the env vars, with the exact findings', () => {
    const configMap = (chosen: string, there: string) => `lets a caller choose with ${chosen} the ConfigMap whose every key becomes an env var of the container, `
      + `by the key's name and with its value (${there}, and the kubelet then gives the pod any ConfigMap of the namespace by that name): one the caller `
      + 'writes or finds with a key LD_PRELOAD has the dynamic loader load a library into every program the container runs, BASH_ENV has bash run a '
      + 'file before its script, GIT_SSH_COMMAND runs a command for git, PATH picks the programs the step runs';
    const CONFIG_MAP_FIX = 'Write the ConfigMap\'s name in the Task (configMapRef: {name: build-settings}), and pass what varies as data: an env var '
      + 'whose value a step reads, or a key of a fixed ConfigMap in an env var of a fixed name (valueFrom.configMapKeyRef).';
    const m = task({
      params: [{ name: 'cm' }],
      stepTemplate: { envFrom: [{ configMapRef: { name: 'settings-$(params.cm)' } }] },
      steps: [
        hardenedContainer('s', { envFrom: [{ configMapRef: { name: 'settings' } }, { configMapRef: { name: '$(params["cm"])' } }] }),
        // a fixed name, the run's namespace, a Secret's name (SECRET_REFERENCE_FIXED's) and a ConfigMap's key read into a fixed env var: none
        hardenedContainer('t', {
          envFrom: [{ prefix: 'CONFIG_', configMapRef: { name: 'settings' } }, { configMapRef: { name: '$(context.taskRun.namespace)-settings' } },
            { secretRef: { name: '$(params.cm)' } }],
          env: [{ name: 'MODE', valueFrom: { configMapKeyRef: { name: 'settings', key: '$(params.cm)' } } }],
        }),
      ],
      sidecars: [hardenedContainer('db', { envFrom: [{ configMapRef: { name: '$(context.taskRun.name)' } }] })],
    });
    expect(MOUNT_PATH_FIXED.check(m).map((f) => [f.location, f.target, f.property, f.value, f.problem, f.fix])).toEqual([
      ['stepTemplate', 'stepTemplate', 'envFrom[0].configMapRef.name', 'settings-$(params.cm)', configMap('$(params.cm)', 'Tekton substitutes params there'), CONFIG_MAP_FIX],
      ["step 's'", 'step/s', 'envFrom[1].configMapRef.name', '$(params["cm"])', configMap('$(params["cm"])', 'Tekton substitutes params there'), CONFIG_MAP_FIX],
      ["sidecar 'db'", 'sidecar/db', 'envFrom[0].configMapRef.name', '$(context.taskRun.name)',
        configMap('$(context.taskRun.name)', 'Tekton substitutes the run\'s name there, which whoever creates the run chooses'), CONFIG_MAP_FIX],
    ]);
    // a chosen prefix of a chosen ConfigMap: both; in a Pipeline's embedded spec, a result of another task
    const p = pipelineEmbedding(taskSpec({ steps: [hardenedContainer('s', { envFrom: [{ prefix: '$(params.p)', configMapRef: { name: '$(tasks.a.results.cm)' } }] })] }));
    expect(MOUNT_PATH_FIXED.check(p).map((f) => [f.property, f.problem])).toEqual([
      ['envFrom[0].prefix', expect.stringContaining("the env vars the container gets from the ConfigMap '$(tasks.a.results.cm)'")],
      ['envFrom[0].configMapRef.name', configMap('$(tasks.a.results.cm)', 'Tekton substitutes the results of earlier tasks there')],
    ]);
  });

  test('compliant: fixed paths, a workspace path whose mount path is fixed, and the run\'s own name', () => {
    expect(MOUNT_PATH_FIXED.check(task({
      volumes: [scratch],
      workspaces: [{ name: 'source', mountPath: '/src' }, { name: 'cache' }],
      steps: [hardenedContainer('s', {
        volumeMounts: [
          { name: 'scratch', mountPath: '/scratch', subPath: 'cache' },
          { name: 'scratch', mountPath: '$(workspaces.source.path)/tmp' },
        ],
      })],
    }))).toEqual([]);
  });
});

describeWithTektonSubstitute('MOUNT_PATH_FIXED: envFrom prefixes as Tekton v1.15 substitutes them (conformance/cmd/tekton-substitute)', () => {
  test('a TaskRun\'s param reaches the prefix of a step, a sidecar and the stepTemplate; the finding\'s neighbours keep theirs', () => {
    const spec = taskSpec({
      params: [{ name: 'env' }],
      stepTemplate: { envFrom: [{ prefix: 'APP_$(params.env)', secretRef: { name: 'app' } }] },
      steps: [hardenedContainer('s', { envFrom: [{ prefix: '$(params.env)', configMapRef: { name: 'settings' } }, { prefix: 'CONFIG_', configMapRef: { name: 'settings' } }] })],
      sidecars: [hardenedContainer('db', { envFrom: [{ prefix: '$(params["env"])', configMapRef: { name: 'settings' } }, { configMapRef: { name: 'cm-$(params.env)' } }] })],
    });
    const run = { apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name: 'r', namespace: 'ci' }, spec: { params: [{ name: 'env', value: 'LD_' }], taskSpec: spec } };
    const [answer] = tektonSubstitute([{ run }]);
    const substituted = answer.taskRuns![0].taskSpec;
    expect([...substituted.steps, ...substituted.sidecars].map((c: any) => [c.name, c.envFrom.map((f: any) => f.prefix)])).toEqual([
      ['s', ['LD_', 'CONFIG_']],
      ['db', ['LD_', undefined]],
    ]);
    // and into the name of the ConfigMap an envFrom entry reads
    expect(substituted.sidecars[0].envFrom[1].configMapRef.name).toBe('cm-LD_');
    expect(substituted.stepTemplate.envFrom[0].prefix).toBe('APP_LD_');
    expect(summary(run).map((f) => [f[1], f[2]])).toEqual([['stepTemplate', 'envFrom[0].prefix'], ['step/s', 'envFrom[0].prefix'], ['sidecar/db', 'envFrom[0].prefix'],
      ['sidecar/db', 'envFrom[1].configMapRef.name']]);
  });
});

describe('MOUNT_PATH_FIXED: a Shipwright build strategy by itself', () => {
  const strategy = (mountPath: string) => ({
    apiVersion: 'shipwright.io/v1beta1',
    kind: 'BuildStrategy',
    metadata: { name: 'oci', namespace: 'ci' },
    spec: {
      parameters: [{ name: 'cache-dir', default: '/cache' }],
      volumes: [{ name: 'cache', emptyDir: {} }],
      steps: [{ name: 'build', image: 'registry.example.com/builder@sha256:' + 'f'.repeat(64), volumeMounts: [{ name: 'cache', mountPath }] }],
    },
  });
  const build = {
    apiVersion: 'shipwright.io/v1beta1',
    kind: 'Build',
    metadata: { name: 'web', namespace: 'ci' },
    spec: { strategy: { kind: 'BuildStrategy', name: 'oci' }, output: { image: 'registry.example.com/web' } },
  };

  test('a param of the strategy in a mountPath is its finding (any Build gives the value); the Build does not repeat it', () => {
    const s = strategy('$(params.cache-dir)');
    expect(MOUNT_PATH_FIXED.check(s, ruleContext([s]))).toEqual([{
      rule: RuleId.MOUNT_PATH_FIXED,
      kind: 'BuildStrategy',
      name: 'oci',
      location: "step 'build'",
      target: 'step/build',
      property: 'volumeMounts.cache.mountPath',
      value: '$(params.cache-dir)',
      problem: 'lets a caller choose where the volume is mounted with $(params.cache-dir) (Tekton substitutes params there; Tekton checks the path '
        + "for /tekton/ only as written): over the programs the container runs (the image's /usr/bin, Tekton's /tekton/bin entrypoint and "
        + "/tekton/scripts) or another mount, so the volume's content, which a run or an earlier step may write, replaces them",
      fix: 'Write the path in the strategy (a fixed directory such as /workspace/<name>), and pass what varies as data: an env var a step reads, '
        + 'a directory the step creates below the fixed one.',
    }]);
    expect(MOUNT_PATH_FIXED.check(build, ruleContext([build, s]))).toEqual([]);
  });

  test("compliant: the controller's own values (shp-output-directory, shp-source-root) choose nothing", () => {
    for (const path of ['$(params.shp-output-directory)', '$(params.shp-source-root)/cache']) {
      const s = strategy(path);
      expect(MOUNT_PATH_FIXED.check(s, ruleContext([s]))).toEqual([]);
    }
  });

  test("a BuildRun's finding is fixed in the strategy, which writes the mount, as a Build's is", () => {
    const s = { ...strategy('/cache'), spec: { ...strategy('/cache').spec, steps: [{ ...strategy('/cache').spec.steps[0], volumeMounts: [{ name: 'cache', mountPath: '/cache', subPathExpr: '$(CACHE)' }] }] } };
    const withEnv = { ...build, spec: { ...build.spec, env: [{ name: 'CACHE', value: '$(params.cache-dir)' }] } };
    const run = { apiVersion: 'shipwright.io/v1beta1', kind: 'BuildRun', metadata: { name: 'web-1', namespace: 'ci' }, spec: { build: { name: 'web' }, paramValues: [{ name: 'cache-dir', value: '$(context.taskRun.name)' }] } };
    const on = (m: any, ...others: any[]) => evaluatingOnce(() => MOUNT_PATH_FIXED.check(m, ruleContext([m, ...others])), [m, ...others]);
    const IN_STRATEGY = 'Write the subPath in the strategy as a fixed path relative to the volume (subPath: cache), or leave it out, and pass what varies as data: '
      + 'an env var a step reads, a directory the step creates below the mount.';
    expect(on(run, withEnv, s)).toEqual([{
      rule: RuleId.MOUNT_PATH_FIXED,
      kind: 'BuildRun',
      name: 'web-1',
      location: "strategy BuildStrategy 'oci' step 'build'",
      target: 'step/build',
      property: 'volumeMounts.cache.subPathExpr',
      value: '$(CACHE)',
      problem: "names in $(CACHE) an env var that holds a caller's value, which the kubelet expands there: it lets a caller choose which part of the "
        + "volume the container sees (the kubelet refuses a path that leaves the volume, but any directory of it, another run's on a shared claim, is open)",
      fix: IN_STRATEGY,
    }]);
    expect(on(withEnv, s).map((f) => f.fix)).toEqual([IN_STRATEGY]);
  });
});
