import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { buildPipelineApp, KANIKO_IMAGE } from '../../examples/build-pipeline/app';
import { Relaxations, RuleId } from '../../src';
import { HARDENED_SECURITY_CONTEXT } from '../helpers/constructs';

function synth() {
  const app = buildPipelineApp(fs.mkdtempSync(path.join(os.tmpdir(), 'build-pipeline-')));
  return { app, objects: app.charts.flatMap((c) => Testing.synth(c)) };
}

describe('build-pipeline example', () => {
  const { app, objects } = synth();
  const byKind = (kind: string) => objects.filter((o: any) => o.kind === kind);
  const task = (name: string) => byKind('Task').find((t: any) => t.metadata.name === name);
  const theRun = () => byKind('PipelineRun')[0];

  test('clone -> build -> push, in that order', () => {
    const [pipeline] = byKind('Pipeline');
    expect(pipeline.spec.tasks.map((t: any) => [t.name, t.runAfter])).toEqual([
      ['clone', undefined], ['build', ['clone']], ['push', ['build']],
    ]);
  });

  test('build runs user code with source and output only, no credentials', () => {
    const [pipeline] = byKind('Pipeline');
    const build = pipeline.spec.tasks.find((t: any) => t.name === 'build');
    expect(build.workspaces.map((w: any) => w.workspace)).toEqual(['output', 'source']);
    expect(task('go-build').metadata.annotations).toBeUndefined();
  });

  test('clone and push are the trusted tasks, each with only its own credentials', () => {
    const [pipeline] = byKind('Pipeline');
    // trust is recorded as a relaxation of CREDENTIALS_TRUSTED_TASK per trusted task that holds credentials
    expect(pipeline.metadata.annotations['secure-tekton/relax.CREDENTIALS_TRUSTED_TASK'].split('\n').map((l: string) => l.split(':')[0]))
      .toEqual(['task/clone', 'task/push']);
    const credentialsOf = (name: string) => pipeline.spec.tasks.find((t: any) => t.name === name).workspaces
      .map((w: any) => w.workspace).filter((w: string) => w.endsWith('-credentials'));
    expect(credentialsOf('clone')).toEqual(['git-credentials']);
    expect(credentialsOf('build')).toEqual([]);
    expect(credentialsOf('push')).toEqual(['registry-credentials']);
    expect(task('kaniko-push').spec.workspaces.find((w: any) => w.name === 'dockerconfig')).toEqual({
      name: 'dockerconfig', description: 'config.json with push access', mountPath: '/kaniko/.docker', readOnly: true, optional: false,
    });
  });

  test('git-revision must be a 40-hex SHA and image-tag a tag, checked before anything else runs', () => {
    const clone = task('git-clone').spec.steps[0];
    const push = task('kaniko-push').spec.steps[0];
    expect(clone.name).toBe('validate-params');
    expect(clone.script).toContain("grep -Eq -e '^[0-9a-f]{40}$'");
    expect(push.name).toBe('validate-params');
    expect(push.script).toContain("grep -Eq -e '^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$'");
  });

  test('the run mounts the git key and known_hosts, and the registry config.json from Vault, without any Secret in the YAML', () => {
    const [run] = byKind('PipelineRun');
    expect(run.spec.workspaces.find((w: any) => w.name === 'git-credentials').projected.sources).toEqual([
      { secret: { name: 'git-deploy-key', items: [{ key: 'ssh-privatekey', path: 'ssh-privatekey' }] } },
      { configMap: { name: 'git-deploy-key-known-hosts', items: [{ key: 'known_hosts', path: 'known_hosts' }] } },
    ]);
    expect(run.spec.workspaces.find((w: any) => w.name === 'registry-credentials')).toEqual({
      name: 'registry-credentials', csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'registry-push' } },
    });
    expect(byKind('Secret')).toEqual([]);
  });

  test('Vault: https, TLS verified, config.json synced as a dockerconfigjson Secret', () => {
    const [spc] = byKind('SecretProviderClass');
    expect(spc.metadata.namespace).toBe(theRun().metadata.namespace);
    expect(spc.spec.parameters.vaultAddress).toMatch(/^https:\/\//);
    expect(spc.spec.parameters.vaultSkipTLSVerify).toBe('false');
    expect(spc.spec.secretObjects[0].type).toBe('kubernetes.io/dockerconfigjson');
  });

  test('least privilege: one ServiceAccount without token, no Role, no Secret under secrets:', () => {
    const [sa] = byKind('ServiceAccount');
    expect(sa.metadata.name).toBe('build-and-push-runner');
    expect(sa.automountServiceAccountToken).toBe(false);
    // the credentials reach clone and push as workspaces (the kubelet mounts them): nothing under secrets:, which
    // Tekton's creds-init writes into every step (go build's too); the registry Secret Chains pushes signatures with is
    // listed, not granted, under imagePullSecrets:, which creds-init does not read
    expect(sa.secrets).toBeUndefined();
    expect(sa.imagePullSecrets).toEqual([{ name: 'registry-push' }]);
    expect(byKind('Role')).toEqual([]);
    expect(byKind('RoleBinding')).toEqual([]);
    expect(theRun().spec.taskRunTemplate.serviceAccountName).toBe('build-and-push-runner');
    expect(objects.filter((o: any) => o.kind.startsWith('Cluster'))).toEqual([]);
  });

  test('runs get RWO volumes of 1Gi and 5Gi', () => {
    const [run] = byKind('PipelineRun');
    const sizes = run.spec.workspaces
      .filter((w: any) => w.volumeClaimTemplate)
      .map((w: any) => [w.name, w.volumeClaimTemplate.spec.accessModes, w.volumeClaimTemplate.spec.resources.requests.storage]);
    expect(sizes).toEqual([['output', ['ReadWriteOnce'], '5Gi'], ['source', ['ReadWriteOnce'], '1Gi']]);
  });

  test('kaniko gets exactly root, a writable root and seven capabilities, each with a recorded reason', () => {
    const kaniko = task('kaniko-push').spec.steps.find((s: any) => s.image === KANIKO_IMAGE);
    expect(kaniko.securityContext).toEqual({
      runAsNonRoot: false,
      runAsUser: 0,
      runAsGroup: 65532,
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: false,
      capabilities: { drop: ['ALL'], add: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETUID', 'SETGID', 'FSETID', 'SETFCAP'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(Object.keys(task('kaniko-push').metadata.annotations).sort()).toEqual([
      'secure-tekton/relax.DROP_ALL_CAPABILITIES', 'secure-tekton/relax.READ_ONLY_ROOT_FILESYSTEM',
      'secure-tekton/relax.RUN_AS_NON_ROOT', 'secure-tekton/seal',
    ]);
    expect(Relaxations.of(app).list().map((r) => [r.rule, r.target])).toEqual([
      [RuleId.RUN_AS_NON_ROOT, 'step/build-and-push'],
      [RuleId.READ_ONLY_ROOT_FILESYSTEM, 'step/build-and-push'],
      [RuleId.DROP_ALL_CAPABILITIES, 'step/build-and-push'],
      // kaniko runs the Dockerfile beside the push credentials: accepted, with the reason, until build and push are split
      [RuleId.CREDENTIALS_WITH_REPO_CODE, 'task/push'],
      // the pipeline's trust records: the two trusted tasks that hold credentials
      [RuleId.CREDENTIALS_TRUSTED_TASK, 'task/clone'],
      [RuleId.CREDENTIALS_TRUSTED_TASK, 'task/push'],
      // the run's two claims per task, which the cluster's coschedule "disabled" allows
      [RuleId.AFFINITY_ASSISTANT_CLAIMS, undefined],
    ]);
  });

  test('the push task runs the Dockerfile beside the registry credentials: a recorded relaxation on the Pipeline', () => {
    const pipeline = byKind('Pipeline').find((p: any) => p.metadata.name === 'build-and-push');
    expect(pipeline.metadata.annotations['secure-tekton/relax.CREDENTIALS_WITH_REPO_CODE']).toBe(
      'task/push: kaniko builds and pushes in one step, so the Dockerfile runs beside the push credentials; accepted until build and push are split',
    );
  });

  test('every other step keeps every default', () => {
    const steps = byKind('Task').flatMap((t: any) => t.spec.steps).filter((s: any) => s.image !== KANIKO_IMAGE);
    expect(steps.length).toBe(5);
    for (const s of steps) {
      expect(s.securityContext).toEqual(HARDENED_SECURITY_CONTEXT);
    }
  });

  test('egress: clone reaches the git host on 443, build nothing (not even DNS), push the registry on 443', () => {
    const policy = (name: string) => byKind('NetworkPolicy').find((p: any) => p.metadata.name === name)?.spec;
    expect(policy('build-and-push-clone-egress').egress).toEqual([
      { to: [{ ipBlock: { cidr: '140.82.112.0/20' } }], ports: [{ protocol: 'TCP', port: 443 }] },
      { to: [{ ipBlock: { cidr: '192.30.252.0/22' } }], ports: [{ protocol: 'TCP', port: 443 }] },
    ]);
    expect(policy('build-and-push-push-egress').egress).toEqual([
      { to: [{ ipBlock: { cidr: '203.0.113.0/24' } }], ports: [{ protocol: 'TCP', port: 443 }] },
    ]);
    expect(policy('build-and-push-build-egress')).toBeUndefined();
    expect(policy('build-and-push-dns').podSelector.matchExpressions).toEqual([
      { key: 'tekton.dev/pipelineTask', operator: 'Exists' },
      { key: 'tekton.dev/pipelineTask', operator: 'NotIn', values: ['build'] },
    ]);
  });

  test('clone is fetched from the platform\'s bundle by digest, and Tekton verifies it against the platform\'s key', () => {
    const [pipeline] = byKind('Pipeline');
    const bundle = 'ghcr.io/example/tekton-tasks:v1@sha256:4b0c8c0d29b0ed5ae3c34e8d27ff7d4a6e2dfcff6f56a4a9b7c5b4d6e3f2a1b0';
    expect(pipeline.spec.tasks.find((t: any) => t.name === 'clone').taskRef).toEqual({
      resolver: 'bundles', params: [{ name: 'bundle', value: bundle }, { name: 'name', value: 'git-clone' }, { name: 'kind', value: 'task' }],
    });
    // the content: the Task the published-tasks chart writes (signed and pushed, not applied)
    const published = app.charts.find((c) => c.node.id === 'build-pipeline-tasks')!;
    expect(Testing.synth(published).map((o: any) => [o.kind, o.metadata.name, o.metadata.namespace])).toEqual([['Task', 'git-clone', undefined]]);
    const [vp] = byKind('VerificationPolicy');
    expect(vp.metadata).toEqual({ name: 'signed-tasks', namespace: 'ci' });
    expect(vp.spec).toEqual({
      resources: [{ pattern: '^ghcr\\.io/example/tekton-tasks$' }],
      authorities: [{ name: 'platform-tasks', key: { secretRef: { name: 'tekton-tasks-signing-key', namespace: 'tekton-pipelines' } } }],
      mode: 'enforce',
    });
  });

  test('every image is pinned by digest', () => {
    const images = byKind('Task').flatMap((t: any) => t.spec.steps.map((s: any) => s.image));
    for (const image of images) expect(image).toMatch(/@sha256:[a-f0-9]{64}$/);
  });
});
