import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart, Testing } from 'cdk8s';
import { describeRule, pipelineLoop, loopInPipeline } from './fixtures';
import { RelaxationTarget, Relaxations, RuleId, SecureTask, Severity } from '../../../src';
import { audit } from '../../../src/cli/audit';
import { ruleContext } from '../../../src/policy/engine/context';
import { CREDENTIALS_TRUSTED_TASK } from '../../../src/policy/rules/credentials-trusted-task';
import { step } from '../../helpers/constructs';

/** Pipeline `pipe` with pipeline workspaces `src` and `creds`, and these tasks. */
function pipeline(tasks: any[], extra: Record<string, any> = {}): any {
  return {
    apiVersion: 'tekton.dev/v1',
    kind: 'Pipeline',
    metadata: { name: 'pipe', namespace: 'ci' },
    spec: { workspaces: [{ name: 'src' }, { name: 'creds' }], tasks, ...extra },
  };
}

/** A PipelineRun of `pipelineName` with these workspace bindings. */
function run(workspaces: any[], pipelineName = 'pipe', namespace?: string): any {
  return {
    apiVersion: 'tekton.dev/v1',
    kind: 'PipelineRun',
    metadata: { generateName: 'pipe-run-', ...(namespace ? { namespace } : {}) },
    spec: { pipelineRef: { name: pipelineName }, workspaces },
  };
}

const SECRET_CREDS = { name: 'creds', secret: { secretName: 'registry' } };
const FRESH_SRC = { name: 'src', volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'] } } };

/** Pipeline task `name` binding pipeline workspace `workspace` (as task workspace `as`). */
const bound = (name: string, workspace: string, as = workspace) => ({ name, taskRef: { name }, workspaces: [{ name: as, workspace }] });

/** The finding for a credentials workspace bound to pipeline task `task`. */
const exposed = (task: string, workspace = 'creds') => ({
  rule: RuleId.CREDENTIALS_TRUSTED_TASK,
  kind: 'Pipeline',
  name: 'pipe',
  location: `task '${task}'`,
  target: `task/${task}`,
  property: 'workspaces',
  value: workspace,
  problem: 'gives this task a credentials workspace, which only a task trusted to run no user code may hold',
});

/** Findings for `p` checked together with `others`. */
const check = (p: any, ...others: any[]) => CREDENTIALS_TRUSTED_TASK.check(p, ruleContext([p, ...others]));

describe('CREDENTIALS_TRUSTED_TASK', () => {
  describeRule(CREDENTIALS_TRUSTED_TASK, RuleId.CREDENTIALS_TRUSTED_TASK, Severity.HIGH, true);

  test('applies to Pipelines only', () => {
    expect(CREDENTIALS_TRUSTED_TASK.appliesTo(pipeline([]))).toBe(true);
    expect(CREDENTIALS_TRUSTED_TASK.appliesTo(run([SECRET_CREDS]))).toBe(false);
    expect(CREDENTIALS_TRUSTED_TASK.appliesTo({ kind: 'Task', spec: { workspaces: [{ name: 'creds' }] } })).toBe(false);
  });

  test('compliant: the credentials workspace bound to no task, only the source workspace shared', () => {
    const p = pipeline([bound('test', 'src'), bound('build', 'src')]);
    expect(check(p, run([FRESH_SRC, SECRET_CREDS]))).toEqual([]);
  });

  test('compliant: without a context, or without a run that binds secret content, nothing says a workspace holds credentials', () => {
    const p = pipeline([bound('push', 'creds')]);
    expect(CREDENTIALS_TRUSTED_TASK.check(p)).toEqual([]);
    expect(check(p)).toEqual([]);
    // annotations and names say nothing: only what the run binds does
    const named = pipeline([bound('push', 'creds')]);
    named.metadata.annotations = { 'tekton.dev/credentials': 'creds' };
    expect(check(named, run([{ name: 'creds', emptyDir: {} }]))).toEqual([]);
    expect(check(p, run([{ name: 'creds', configMap: { name: 'settings' } }]))).toEqual([]);
    expect(check(p, run([{ name: 'creds', persistentVolumeClaim: { claimName: 'cache' } }]))).toEqual([]);
  });

  test('compliant: runs of another Pipeline, or in another namespace, do not count', () => {
    const p = pipeline([bound('push', 'creds')]);
    expect(check(p, run([SECRET_CREDS], 'other'))).toEqual([]);
    expect(check(p, run([SECRET_CREDS], 'pipe', 'elsewhere'))).toEqual([]);
  });

  test('non-compliant: a task bound to a workspace a run fills from a Secret', () => {
    expect(check(pipeline([bound('test', 'src'), bound('push', 'creds')]), run([FRESH_SRC, SECRET_CREDS]))).toEqual([exposed('push')]);
  });

  test.each([
    ['a CSI volume (Vault)', { name: 'creds', csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'vault' } } }],
    ['a projected volume', { name: 'creds', projected: { sources: [{ secret: { name: 'registry' } }] } }],
  ])('non-compliant: credentials bound from %s', (_, binding) => {
    expect(check(pipeline([bound('push', 'creds')]), run([binding]))).toEqual([exposed('push')]);
  });

  test('non-compliant: renamed in the task, in finally, in every task that binds it', () => {
    const p = pipeline([bound('test', 'creds', 'docker-config'), bound('push', 'creds')], { finally: [bound('notify', 'creds', 'token')] });
    expect(check(p, run([SECRET_CREDS]))).toEqual([exposed('test'), exposed('push'), exposed('notify')]);
  });

  test('non-compliant: a run in the same namespace, or one without a namespace, counts', () => {
    const p = pipeline([bound('push', 'creds')]);
    expect(check(p, run([SECRET_CREDS], 'pipe', 'ci'))).toEqual([exposed('push')]);
  });

  test('non-compliant: the workspaces the library declares as credentials count without any run', () => {
    const p = pipeline([bound('push', 'src'), bound('deploy', 'creds')]);
    expect(CREDENTIALS_TRUSTED_TASK.check(p, ruleContext([p], () => ['src']))).toEqual([exposed('push', 'src')]);
    expect(CREDENTIALS_TRUSTED_TASK.check(p, ruleContext([p, run([SECRET_CREDS])], () => ['src']))).toEqual([exposed('push', 'src'), exposed('deploy')]);
  });

  test('the trust of a task is a relaxation the engine honours, not something the rule reads', () => {
    const p = pipeline([bound('push', 'creds')]);
    p.metadata.annotations = { 'secure-tekton/relax.CREDENTIALS_TRUSTED_TASK': "task/push: runs Task 'push', which is trusted" };
    expect(check(p, run([SECRET_CREDS]))).toEqual([exposed('push')]);
  });

  describe('runs that hold the pipeline or the task themselves', () => {
    const secretRun = (spec: any) => ({ apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { name: 'r' }, spec });
    const base = { rule: RuleId.CREDENTIALS_TRUSTED_TASK, problem: 'gives this task a credentials workspace, which only a task trusted to run no user code may hold' };

    test('a PipelineRun with an embedded pipeline that binds a Secret to a task', () => {
      const heldRun = secretRun({
        workspaces: [{ name: 'creds', secret: { secretName: 'registry' } }, { name: 'src', emptyDir: {} }],
        pipelineSpec: {
          workspaces: [{ name: 'creds' }, { name: 'src' }],
          tasks: [
            { name: 'test', taskRef: { name: 'unit-tests' }, workspaces: [{ name: 'creds', workspace: 'creds' }, { name: 'src', workspace: 'src' }] },
            { name: 'lint', taskRef: { name: 'lint' }, workspaces: [{ name: 'src', workspace: 'src' }] },
          ],
        },
      });
      expect(CREDENTIALS_TRUSTED_TASK.check(heldRun)).toEqual([
        { ...base, kind: 'PipelineRun', name: 'r', location: "task 'test'", target: 'task/test', property: 'workspaces', value: 'creds' },
      ]);
    });

    test('an embedded task receives a pipeline workspace of the same name without a binding (propagated)', () => {
      const heldPipeline = {
        apiVersion: 'tekton.dev/v1',
        kind: 'Pipeline',
        metadata: { name: 'pipe' },
        spec: {
          workspaces: [{ name: 'creds' }],
          tasks: [{ name: 'test', taskSpec: { workspaces: [{ name: 'creds' }], steps: [{ name: 's', image: 'x', script: '#!/bin/sh\ncat $(workspaces.creds.path)/token' }] } }],
        },
      };
      const heldRun = secretRun({ pipelineRef: { name: 'pipe' }, workspaces: [{ name: 'creds', projected: { sources: [{ secret: { name: 'registry' } }] } }] });
      expect(CREDENTIALS_TRUSTED_TASK.check(heldPipeline, ruleContext([heldPipeline, heldRun]))).toEqual([
        { ...base, kind: 'Pipeline', name: 'pipe', location: "task 'test'", target: 'task/test', property: 'workspaces', value: 'creds' },
      ]);
    });

    test('a binding without workspace receives the pipeline workspace of its own name; an embedded spec receives one it only uses', () => {
      const heldPipeline = {
        apiVersion: 'tekton.dev/v1',
        kind: 'Pipeline',
        metadata: { name: 'pipe' },
        spec: {
          workspaces: [{ name: 'creds' }, { name: 'src' }],
          tasks: [
            { name: 'build', taskRef: { name: 'build' }, workspaces: [{ name: 'src' }, { name: 'creds' }] },
            { name: 'push', taskSpec: { workspaces: [{ name: 'src' }], steps: [{ name: 's', image: 'x', script: '#!/bin/sh\nexport DOCKER_CONFIG=$(workspaces.creds.path)\n' }] } },
          ],
        },
      };
      const heldRun = secretRun({ pipelineRef: { name: 'pipe' }, workspaces: [{ name: 'creds', secret: { secretName: 'regcred' } }] });
      expect(CREDENTIALS_TRUSTED_TASK.check(heldPipeline, ruleContext([heldPipeline, heldRun])).map((f) => [f.location, f.value])).toEqual([
        ["task 'build'", 'creds'], ["task 'push'", 'creds'],
      ]);
    });

    test('a TaskRun that binds secret content straight to its task', () => {
      const heldRun = {
        apiVersion: 'tekton.dev/v1',
        kind: 'TaskRun',
        metadata: { name: 'tr' },
        spec: {
          taskRef: { name: 'unit-tests' },
          workspaces: [
            { name: 'creds', csi: { driver: 'secrets-store.csi.k8s.io', volumeAttributes: { secretProviderClass: 'vault-creds' } } },
            { name: 'cache', emptyDir: {} },
          ],
        },
      };
      expect(CREDENTIALS_TRUSTED_TASK.check(heldRun)).toEqual([{
        rule: RuleId.CREDENTIALS_TRUSTED_TASK,
        kind: 'TaskRun',
        name: 'tr',
        location: "workspace 'creds'",
        target: 'workspace/creds',
        property: 'workspaces',
        value: 'creds',
        problem: "gives the task the objects of SecretProviderClass 'vault-creds', and nothing records that the task runs no user code",
      }]);
      // the message says what the binding gives
      const binding = (creds: any) => ({ ...heldRun, spec: { ...heldRun.spec, workspaces: [{ name: 'creds', ...creds }] } });
      expect([
        { secret: { secretName: 'registry' } },
        { csi: { driver: 'csi.cert-manager.io' } },
        { csi: { driver: 'secrets-store.csi.k8s.io', volumeAttributes: { secretProviderClass: 'mock', providerName: 'mock_provider' } } },
        { projected: { sources: [{ secret: { name: 'a' } }, { secret: { name: 'b' } }] } },
        { projected: { sources: [{ configMap: { name: 'settings' } }] } },
      ].map((creds) => CREDENTIALS_TRUSTED_TASK.check(binding(creds)).map((f) => f.problem.replace(', and nothing records that the task runs no user code', '')))).toEqual([
        ["gives the task Secret 'registry'"],
        ["gives the task the files of the CSI driver 'csi.cert-manager.io'"],
        ["gives the task the CSI volume of the driver 'secrets-store.csi.k8s.io'"],
        ["gives the task Secret 'a', 'b'"],
        ['gives the task a projected volume'],
      ]);
    });
  });

  describe("credentials a run's pod template gives a step that mounts them", () => {
    const IMG = 'docker.io/library/node@sha256:' + 'c'.repeat(64);
    const task = {
      apiVersion: 'tekton.dev/v1',
      kind: 'Task',
      metadata: { name: 'unit-tests', namespace: 'ci' },
      spec: { steps: [{ name: 'test', image: IMG, script: 'npm test', volumeMounts: [{ name: 'reg', mountPath: '/creds' }, { name: 'cache', mountPath: '/cache' }] }] },
    };
    const podVolumes = (reg: any) => [{ name: 'reg', ...reg }, { name: 'cache', emptyDir: {} }];
    const taskRun = (reg: any, extra: Record<string, any> = {}) => ({
      apiVersion: 'tekton.dev/v1',
      kind: 'TaskRun',
      metadata: { name: 'tr', namespace: 'ci' },
      spec: { taskRef: { name: 'unit-tests' }, podTemplate: { volumes: podVolumes(reg) }, ...extra },
    });

    test("a TaskRun's podTemplate Secret (or CSI volume) that a step of its Task mounts", () => {
      const tr = taskRun({ secret: { secretName: 'registry' } });
      expect(CREDENTIALS_TRUSTED_TASK.check(tr, ruleContext([tr, task]))).toEqual([{
        rule: RuleId.CREDENTIALS_TRUSTED_TASK,
        kind: 'TaskRun',
        name: 'tr',
        location: "volume 'reg'",
        target: 'volume/reg',
        property: 'podTemplate.volumes',
        value: 'reg',
        problem: "gives the task Secret 'registry' (volume 'reg' of the TaskRun's podTemplate), which its step 'test' mounts at /creds, "
          + 'and nothing records that the task runs no user code',
      }]);
      const csi = taskRun({ csi: { driver: 'secrets-store.csi.k8s.io', volumeAttributes: { secretProviderClass: 'vault-creds' } } });
      expect(CREDENTIALS_TRUSTED_TASK.check(csi, ruleContext([csi, task])).map((f) => f.problem)).toEqual([
        "gives the task the objects of SecretProviderClass 'vault-creds' (volume 'reg' of the TaskRun's podTemplate), which its step 'test' mounts at /creds, "
        + 'and nothing records that the task runs no user code',
      ]);
      // the same in a taskSpec the TaskRun embeds
      const embedded = taskRun({ secret: { secretName: 'registry' } }, { taskRef: undefined, taskSpec: task.spec });
      expect(CREDENTIALS_TRUSTED_TASK.check(embedded, ruleContext([embedded])).map((f) => f.value)).toEqual(['reg']);
    });

    test('not: an emptyDir or configMap in the pod template, a Secret no step mounts, a tekton-internal mount, a Task not checked with the run', () => {
      for (const reg of [{ emptyDir: {} }, { configMap: { name: 'settings' } }]) {
        const tr = taskRun(reg);
        expect(CREDENTIALS_TRUSTED_TASK.check(tr, ruleContext([tr, task]))).toEqual([]);
      }
      const unmounted = taskRun({ secret: { secretName: 'registry' } });
      unmounted.spec.podTemplate.volumes[0].name = 'other';
      expect(CREDENTIALS_TRUSTED_TASK.check(unmounted, ruleContext([unmounted, task]))).toEqual([]);
      const internal = { ...task, spec: { steps: [{ name: 'test', image: IMG, volumeMounts: [{ name: 'tekton-internal-secret-volume-reg', mountPath: '/x' }] }] } };
      const tr = taskRun({ secret: { secretName: 'registry' } });
      expect(CREDENTIALS_TRUSTED_TASK.check(tr, ruleContext([tr, internal]))).toEqual([]);
      expect(CREDENTIALS_TRUSTED_TASK.check(tr, ruleContext([tr]))).toEqual([]);
    });

    test("a PipelineRun's taskRunSpecs (or run-wide) pod template Secret that a pipeline task's step mounts: on the Pipeline, and on a run that embeds it", () => {
      const p = pipeline([{ name: 'test', taskRef: { name: 'unit-tests' } }, { name: 'lint', taskRef: { name: 'unit-tests' } }]);
      const pr = {
        ...run([]),
        spec: { pipelineRef: { name: 'pipe' }, taskRunSpecs: [{ pipelineTaskName: 'test', podTemplate: { volumes: podVolumes({ secret: { secretName: 'registry' } }) } }] },
      };
      expect(check(p, pr, task)).toEqual([{
        rule: RuleId.CREDENTIALS_TRUSTED_TASK,
        kind: 'Pipeline',
        name: 'pipe',
        location: "task 'test'",
        target: 'task/test',
        property: 'volumes',
        value: 'reg',
        problem: "gets Secret 'registry' (volume 'reg' of the taskRunSpec 'test' podTemplate of PipelineRun 'pipe-run-'), which its step 'test' mounts at /creds: "
          + "a run's pod template gives this task a credential, which only a task trusted to run no user code may hold",
      }]);
      const embedded = {
        ...run([]),
        spec: {
          pipelineSpec: { tasks: [{ name: 'test', taskSpec: task.spec }] },
          taskRunTemplate: { podTemplate: { volumes: podVolumes({ projected: { sources: [{ secret: { name: 'registry' } }] } }) } },
        },
      };
      expect(CREDENTIALS_TRUSTED_TASK.check(embedded, ruleContext([embedded])).map((f) => [f.target, f.problem])).toEqual([['task/test',
        "gets Secret 'registry' (volume 'reg' of the PipelineRun's taskRunTemplate.podTemplate), which its step 'test' mounts at /creds: "
        + "a run's pod template gives this task a credential, which only a task trusted to run no user code may hold"]]);
      const safe = { ...pr, spec: { ...pr.spec, taskRunSpecs: [{ pipelineTaskName: 'test', podTemplate: { volumes: podVolumes({ emptyDir: {} }) } }] } };
      expect(check(p, safe, task)).toEqual([]);
    });

    test("config-defaults' default-pod-template Secret: a TaskRun's own volume of that name replaces it (Tekton's mergeByName)", () => {
      const defaults = {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' },
        data: { 'default-pod-template': 'volumes: [{name: reg, secret: {secretName: registry}}]' },
      };
      const replaced = taskRun({ emptyDir: {} });
      expect(CREDENTIALS_TRUSTED_TASK.check(replaced, ruleContext([replaced, task, defaults]))).toEqual([]);
      // without a volume of that name, the default's Secret reaches the step
      const bare = { ...replaced, spec: { ...replaced.spec, podTemplate: { volumes: [{ name: 'cache', emptyDir: {} }] } } };
      expect(CREDENTIALS_TRUSTED_TASK.check(bare, ruleContext([bare, task, defaults])).map((f) => f.problem)).toEqual([
        "gives the task Secret 'registry' (volume 'reg' of config-defaults' default-pod-template), which its step 'test' mounts at /creds, "
        + 'and nothing records that the task runs no user code',
      ]);
    });

    test("relaxed with RelaxationTarget.volume('<name>') on the TaskRun: in its annotations for the audit, and through Relaxations.of at synth", () => {
      expect(RelaxationTarget.volume('reg')).toBe('volume/reg');
      const reason = 'the unit tests run only reviewed code';
      const annotated = (target: string) => ({
        ...taskRun({ secret: { secretName: 'registry' } }),
        metadata: { name: 'tr', namespace: 'ci', annotations: { 'secure-tekton/relax.CREDENTIALS_TRUSTED_TASK': `${target}: ${reason}` } },
      });
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credentials-trusted-task-volume-'));
      try {
        const statuses = (target: string) => {
          fs.writeFileSync(path.join(dir, 'all.json'), JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [task, annotated(target)] }));
          return JSON.parse(audit([dir], { format: 'json', rules: [RuleId.CREDENTIALS_TRUSTED_TASK, RuleId.RELAXATION_REASON] }).stdout).findings
            .map((f: any) => [f.rule, f.status, f.target]);
        };
        expect(statuses(RelaxationTarget.volume('reg'))).toEqual([[RuleId.CREDENTIALS_TRUSTED_TASK, 'relaxed', 'volume/reg']]);
        // another volume's record covers nothing
        expect(statuses(RelaxationTarget.volume('cache'))).toEqual([[RuleId.CREDENTIALS_TRUSTED_TASK, 'failed', 'volume/reg']]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
      const app = (relax: boolean) => {
        const chart = new Chart(Testing.app(), 'ci', { namespace: 'ci' });
        new SecureTask(chart, 'unit', { steps: [step()] });
        new ApiObject(chart, 'task', task);
        const tr = new ApiObject(chart, 'tr', taskRun({ secret: { secretName: 'registry' } }));
        if (relax) Relaxations.of(tr).add({ rule: RuleId.CREDENTIALS_TRUSTED_TASK, target: RelaxationTarget.volume('reg'), reason });
        return chart;
      };
      const rules = (f: () => unknown) => {
        try {
          f();
          return [];
        } catch (e) {
          return ((e as any).findings ?? []).map((x: any) => x.rule);
        }
      };
      expect(rules(() => Testing.synth(app(false)))).toContain(RuleId.CREDENTIALS_TRUSTED_TASK);
      expect(rules(() => Testing.synth(app(true)))).not.toContain(RuleId.CREDENTIALS_TRUSTED_TASK);
    });
  });

  describe('PipelineLoops (kfp-tekton)', () => {
    const NODE = 'docker.io/library/node@sha256:' + 'c'.repeat(64);
    const creds = {
      workspaces: [{ name: 'creds', secret: { secretName: 'registry' } }, { name: 'src', emptyDir: {} }],
      pipelineSpec: {
        workspaces: [{ name: 'creds' }, { name: 'src' }],
        tasks: [{ name: 'test', taskSpec: { workspaces: [{ name: 'creds' }], steps: [{ name: 's', image: NODE }] }, workspaces: [{ name: 'creds', workspace: 'creds' }] }],
      },
    };
    const base = { rule: RuleId.CREDENTIALS_TRUSTED_TASK, property: 'workspaces', value: 'creds', problem: 'gives this task a credentials workspace, which only a task trusted to run no user code may hold' };

    test("a loop's workspaces bind its pipelineSpec's, as the PipelineRun of each iteration does: as an object, embedded, or for the Pipeline its pipelineRef names", () => {
      expect(CREDENTIALS_TRUSTED_TASK.check(pipelineLoop(creds))).toEqual([{ ...base, kind: 'PipelineLoop', name: 'each', location: "task 'test'", target: 'task/test' }]);
      expect(CREDENTIALS_TRUSTED_TASK.check(loopInPipeline(creds))).toEqual([{ ...base, kind: 'Pipeline', name: 'outer', location: "task 'loop' task 'test'", target: 'task/loop/task/test' }]);
      const pipe = { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'pipe', namespace: 'ci' }, spec: creds.pipelineSpec };
      const loop = pipelineLoop({ workspaces: creds.workspaces, pipelineRef: { name: 'pipe' } });
      expect(CREDENTIALS_TRUSTED_TASK.check(pipe, ruleContext([pipe, loop]))).toEqual([{ ...base, kind: 'Pipeline', name: 'pipe', location: "task 'test'", target: 'task/test' }]);
      expect(CREDENTIALS_TRUSTED_TASK.check(pipe, ruleContext([pipe]))).toEqual([]);
    });
  });
});
