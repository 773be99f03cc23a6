import { bindsSecret, receivedWorkspaces } from '../../src/private/workspaces';

describe('workspaces', () => {
  test('bindsSecret: secret, csi and projected volumes', () => {
    expect([{ secret: {} }, { csi: {} }, { projected: {} }, { emptyDir: {} }, null, 'x'].map(bindsSecret)).toEqual([true, true, true, false, false, false]);
  });

  test('receivedWorkspaces: bindings (by their own name without workspace), and what an embedded spec declares or uses', () => {
    expect(receivedWorkspaces({ workspaces: [{ name: 'src', workspace: 'source' }, { name: 'creds' }, { name: 'x', workspace: '' }, 'bad', { workspace: 'y' }] })).toEqual([
      { taskWorkspace: 'src', pipelineWorkspace: 'source' },
      { taskWorkspace: 'creds', pipelineWorkspace: 'creds' },
      { taskWorkspace: 'x', pipelineWorkspace: 'x' },
    ]);
    expect(receivedWorkspaces({
      workspaces: [{ name: 'src', workspace: 'source' }],
      taskSpec: {
        workspaces: [{ name: 'src' }, { name: 'cache' }],
        steps: [{ script: 'cat $(workspaces.creds.path)/token; ls $(workspaces.src.path)' }],
        sidecars: [{ env: [{ name: 'D', value: '$(workspaces.docker.path)' }] }],
        stepTemplate: { workingDir: '$(workspaces.tmpl.path)' },
        description: '$(workspaces.ignored.path)',
      },
    })).toEqual([
      { taskWorkspace: 'src', pipelineWorkspace: 'source' },
      { taskWorkspace: 'cache', pipelineWorkspace: 'cache' },
      { taskWorkspace: 'creds', pipelineWorkspace: 'creds' },
      { taskWorkspace: 'docker', pipelineWorkspace: 'docker' },
      { taskWorkspace: 'tmpl', pipelineWorkspace: 'tmpl' },
    ]);
    // Tekton's ExtractVariablesFromString needs no `.path`, and reads the bracket forms
    expect(receivedWorkspaces({
      taskSpec: {
        steps: [{
          env: [{ name: 'K', value: '$(workspaces.registry-creds)' }, { name: 'L', value: 'x $(workspaces["dq"]) $(workspaces[\'sq\'])' }],
          args: ['$(workspaces.bound.volume)', '$(workspaces["notclosed"].path)'],
        }],
      },
    }).map((w) => w.taskWorkspace)).toEqual(['registry-creds', 'dq', 'sq', 'bound']);
    expect(receivedWorkspaces(undefined)).toEqual([]);
  });
});
