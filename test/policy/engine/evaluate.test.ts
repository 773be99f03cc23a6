/**
 * The engine reports each finding once: a rule that reaches one defect along several ways gives
 * as many findings the same in every field, which are one finding of the object, in the audit
 * and at synth; findings that differ in any field stay apart.
 */
import { ApiObject, JsonPatch, Testing } from 'cdk8s';
import { RuleId, SecureTask } from '../../../src';
import { ruleContext } from '../../../src/policy/engine/context';
import { evaluateManifests } from '../../../src/policy/engine/evaluate';
import { ARGUMENT_INJECTION } from '../../../src/policy/rules/argument-injection';
import { MOUNT_PATH_FIXED } from '../../../src/policy/rules/mount-path-fixed';
import { RUN_TOKEN_AUTOMOUNT } from '../../../src/policy/rules/run-token-automount';
import { step } from '../../helpers/constructs';
import { hardenedContainer, task } from '../rules/fixtures';

/** The findings of `rule` on the first manifest, as the engine reports them. */
const reported = (manifests: any[], rule: RuleId) => evaluateManifests(manifests)[0].checks.find((c) => c.rule === rule)?.findings;

const NAME_PROBLEM = 'lets a caller choose which volume of the pod is mounted with $(params.CACHE) (Tekton substitutes params there; Tekton '
  + "refuses a name starting with tekton-internal- only as written): another volume of the task, such as one holding a Secret, or one of Tekton's "
  + 'own, such as tekton-internal-bin, which holds the entrypoint every later step runs';
const NAME_FIX = "Write the volume's name in the Task (a volume of spec.volumes, or $(workspaces.<name>.volume)), and mount each volume a caller "
  + 'may pick in a step of its own, chosen with when expressions.';

describe('each finding once', () => {
  test('two volumeMounts the same in every field are one finding; two mounts of the name at two paths are two', () => {
    const same = { name: '$(params.CACHE)', mountPath: '/workspace/.m2' };
    const m = task({ params: [{ name: 'CACHE' }], steps: [hardenedContainer('s', { volumeMounts: [same, same] })] });
    // the rule reads each mount
    expect(MOUNT_PATH_FIXED.check(m)).toHaveLength(2);
    expect(reported([m], RuleId.MOUNT_PATH_FIXED)).toEqual([{
      rule: RuleId.MOUNT_PATH_FIXED,
      kind: 'Task',
      name: 'build',
      location: "step 's'",
      target: 'step/s',
      property: 'volumeMounts["$(params.CACHE)"].name',
      value: '$(params.CACHE)',
      problem: NAME_PROBLEM,
      fix: NAME_FIX,
    }]);
    const two = task({ params: [{ name: 'CACHE' }], steps: [hardenedContainer('s', { volumeMounts: [same, { ...same, mountPath: '/workspace/.cache' }] })] });
    expect(reported([two], RuleId.MOUNT_PATH_FIXED)?.map((f) => f.problem)).toEqual([
      NAME_PROBLEM.replace('mounted with', 'mounted at /workspace/.m2 with'),
      NAME_PROBLEM.replace('mounted with', 'mounted at /workspace/.cache with'),
    ]);
  });

  test('an env var listed twice with one caller value is one finding; another var of the same param is its own', () => {
    // the catalog's terraform-cli 0.2: HTTP_PROXY twice, the kubelet gives the process one
    const env = [
      { name: 'HTTP_PROXY', value: '$(params.httpProxy)' },
      { name: 'HTTPS_PROXY', value: '$(params.httpProxy)' },
      { name: 'HTTP_PROXY', value: '$(params.httpProxy)' },
    ];
    const m = task({ params: [{ name: 'httpProxy' }], steps: [hardenedContainer('s', { env })] });
    const proxy = (v: string) => `sets ${v}, which tools read to decide how they verify what they fetch (a caller's value lets them fetch, and build or run, code from anywhere)`;
    expect(ARGUMENT_INJECTION.check(m).map((f) => f.property)).toEqual(['env.HTTP_PROXY', 'env.HTTPS_PROXY', 'env.HTTP_PROXY']);
    expect(reported([m], RuleId.ARGUMENT_INJECTION)?.map((f) => [f.target, f.property, f.value, f.problem])).toEqual([
      ['step/s', 'env.HTTP_PROXY', '$(params.httpProxy)', proxy('HTTP_PROXY')],
      ['step/s', 'env.HTTPS_PROXY', '$(params.httpProxy)', proxy('HTTPS_PROXY')],
    ]);
  });

  test('a run that refers to a Pipeline of a name two objects have, each with the task that mounts the token, is one finding', () => {
    // the catalog's rhacs samples: Pipelines named rox-pipeline in several files, each running Task rhacs-m2m-authenticate
    const tokenTask = {
      apiVersion: 'tekton.dev/v1',
      kind: 'Task',
      metadata: { name: 'auth' },
      spec: {
        steps: [{ name: 's', image: 'x' }],
        volumes: [{ name: 'token-vol', projected: { sources: [{ serviceAccountToken: { path: 'token', audience: 'central' } }] } }],
      },
    };
    const pipeline = { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'rox' }, spec: { tasks: [{ name: 'login', taskRef: { name: 'auth' } }] } };
    const run = {
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: { name: 'r' },
      spec: { pipelineRef: { name: 'rox' }, taskRunTemplate: { podTemplate: { automountServiceAccountToken: false } } },
    };
    const manifests = [run, pipeline, { ...pipeline, spec: { ...pipeline.spec } }, tokenTask];
    expect(RUN_TOKEN_AUTOMOUNT.check(run, ruleContext(manifests))).toHaveLength(2);
    expect(reported(manifests, RuleId.RUN_TOKEN_AUTOMOUNT)?.map((f) => [f.target, f.property, f.value, f.problem])).toEqual([
      ['task/login', 'spec.pipelineRef', 'rox', "refers to a Pipeline whose task 'login' refers to Task 'auth', whose volume 'token-vol' projects a ServiceAccount token into the pod"],
    ]);
  });

  test('a refusal at synth lists a finding the same in every field once', () => {
    const c = Testing.chart();
    new SecureTask(c, 't', { steps: [step()] });
    const same = { name: '$(params.CACHE)', mountPath: '/workspace/.m2' };
    c.node.findAll().filter(ApiObject.isApiObject).find((o) => o.kind === 'Task')!
      .addJsonPatch(JsonPatch.add('/spec/params', [{ name: 'CACHE' }]), JsonPatch.add('/spec/steps/0/volumeMounts/-', same), JsonPatch.add('/spec/steps/0/volumeMounts/-', same));
    let message = '';
    try {
      Testing.synth(c);
    } catch (e) {
      message = (e as Error).message;
    }
    const line = `SecureTask 'test/t' step 'run': volumeMounts["$(params.CACHE)"].name "$(params.CACHE)" ${NAME_PROBLEM} [MOUNT_PATH_FIXED]. ${NAME_FIX} `
      + "Or relax MOUNT_PATH_FIXED with a reason in the props of SecureTask 'test/t': relaxations: [{ rule: RuleId.MOUNT_PATH_FIXED, target: 'step/run', reason: '<why>' }].";
    expect(message.split('\n').map((l) => l.trim()).filter((l) => l.includes('[MOUNT_PATH_FIXED]'))).toEqual([line]);
  });
});
