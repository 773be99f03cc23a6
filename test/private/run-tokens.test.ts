import { tokenMounts } from '../../src/private/run-tokens';

/** A PipelineRun of `ci` with these spec fields. */
const run = (spec: Record<string, any>) => ({ apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { name: 'r', namespace: 'ci' }, spec: { pipelineRef: { name: 'ci' }, ...spec } });

describe('tokenMounts', () => {
  test('a per-task pod template that turns the token on is at that task; the run-wide template at the whole run', () => {
    expect(tokenMounts(run({
      taskRunTemplate: { podTemplate: { automountServiceAccountToken: false } },
      taskRunSpecs: [{ pipelineTaskName: 'deploy', podTemplate: { automountServiceAccountToken: true } }],
    }))).toEqual([{
      location: "taskRunSpec 'deploy'", target: 'task/deploy', property: 'podTemplate.automountServiceAccountToken', value: 'true', problem: 'mounts the token',
    }]);
    expect(tokenMounts(run({}))).toEqual([{ property: 'taskRunTemplate.podTemplate.automountServiceAccountToken', value: undefined, problem: 'is not false' }]);
  });

  test('none where every template keeps the token off, or the accounts checked with the run opt out', () => {
    expect(tokenMounts(run({ taskRunTemplate: { podTemplate: { automountServiceAccountToken: false } } }))).toEqual([]);
    const sa = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'builder', namespace: 'ci' }, automountServiceAccountToken: false };
    const unset = run({ taskRunTemplate: { serviceAccountName: 'builder' } });
    expect(tokenMounts(unset, { manifests: [unset, sa] })).toEqual([]);
    expect(tokenMounts(unset, { manifests: [unset] }).map((m) => m.problem)).toEqual(['is not false']);
  });

  test('a projected token a workspace binding carries reaches the pods of the whole run', () => {
    expect(tokenMounts(run({
      taskRunTemplate: { podTemplate: { automountServiceAccountToken: false } },
      workspaces: [{ name: 'kube', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } }],
    }))).toEqual([{ location: "workspace 'kube'", property: 'workspaces.projected', value: 'kube', problem: 'projects a ServiceAccount token into the pods that mount the workspace' }]);
  });
});
