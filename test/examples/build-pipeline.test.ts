import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { BuildPipelineChart, BuildPipelineRunChart, KANIKO_IMAGE } from '../../examples/build-pipeline/app';
import { Relaxations, RuleId } from '../../src';
import { HARDENED_SECURITY_CONTEXT } from '../helpers/constructs';

function synth() {
  const app = Testing.app({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'build-pipeline-')) });
  const pipelines = new BuildPipelineChart(app, 'build', {
    gitUrl: 'https://git.example.com/app.git',
    imageRepository: 'registry.example.com/app',
  });
  const run = new BuildPipelineRunChart(app, 'run', { pipelines, registrySecretName: 'push-creds' });
  return { app, objects: [...Testing.synth(pipelines), ...Testing.synth(run)] };
}

describe('build-pipeline example', () => {
  const { app, objects } = synth();
  const byKind = (kind: string) => objects.filter((o: any) => o.kind === kind);
  const task = (name: string) => byKind('Task').find((t: any) => t.metadata.name === name);

  test('clone -> build -> push, in that order', () => {
    const [pipeline] = byKind('Pipeline');
    expect(pipeline.spec.tasks.map((t: any) => [t.name, t.runAfter])).toEqual([
      ['clone', undefined], ['build', ['clone']], ['push', ['build']],
    ]);
  });

  test('build runs user code with source and output only, no credentials', () => {
    const [pipeline] = byKind('Pipeline');
    const build = pipeline.spec.tasks.find((t: any) => t.name === 'build');
    expect(build.workspaces.map((w: any) => w.workspace)).toEqual(['source', 'output']);
    expect(task('go-build').metadata.annotations).toBeUndefined();
  });

  test('push is the only trusted task and the only one with the credentials workspace', () => {
    const [pipeline] = byKind('Pipeline');
    expect(pipeline.metadata.annotations['secure-tekton/trusted-tasks']).toBe('push');
    const withCreds = pipeline.spec.tasks.filter((t: any) => (t.workspaces ?? []).some((w: any) => w.workspace === 'registry-credentials'));
    expect(withCreds.map((t: any) => t.name)).toEqual(['push']);
    expect(task('kaniko-push').spec.workspaces.find((w: any) => w.name === 'dockerconfig')).toEqual({
      name: 'dockerconfig', description: 'config.json with push access', mountPath: '/kaniko/.docker', readOnly: true, optional: false,
    });
  });

  test('git-revision must be a 40-hex SHA and image-tag a tag, checked before anything else runs', () => {
    const clone = task('git-clone').spec.steps[0];
    const push = task('kaniko-push').spec.steps[0];
    expect(clone.name).toBe('validate-params');
    expect(clone.script).toContain("grep -Eq '^[0-9a-f]{40}$'");
    expect(push.name).toBe('validate-params');
    expect(push.script).toContain("grep -Eq '^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$'");
  });

  test('the run binds the credentials Secret by name only', () => {
    const [run] = byKind('PipelineRun');
    expect(run.spec.workspaces.find((w: any) => w.name === 'registry-credentials')).toEqual({
      name: 'registry-credentials', secret: { secretName: 'push-creds' },
    });
    expect(byKind('Secret')).toEqual([]);
  });

  test('runs get RWO volumes of 1Gi and 5Gi', () => {
    const [run] = byKind('PipelineRun');
    const sizes = run.spec.workspaces
      .filter((w: any) => w.volumeClaimTemplate)
      .map((w: any) => [w.name, w.volumeClaimTemplate.spec.accessModes, w.volumeClaimTemplate.spec.resources.requests.storage]);
    expect(sizes).toEqual([['source', ['ReadWriteOnce'], '1Gi'], ['output', ['ReadWriteOnce'], '5Gi']]);
  });

  test('kaniko gets exactly root, a writable root and five capabilities, each with a recorded reason', () => {
    const kaniko = task('kaniko-push').spec.steps.find((s: any) => s.image === KANIKO_IMAGE);
    expect(kaniko.securityContext).toEqual({
      runAsNonRoot: false,
      runAsUser: 0,
      runAsGroup: 65532,
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: false,
      capabilities: { drop: ['ALL'], add: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETUID', 'SETGID'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(Object.keys(task('kaniko-push').metadata.annotations).sort()).toEqual([
      'secure-tekton/relax.DROP_ALL_CAPABILITIES', 'secure-tekton/relax.READ_ONLY_ROOT_FILESYSTEM',
      'secure-tekton/relax.RUN_AS_NON_ROOT', 'secure-tekton/trusted',
    ]);
    expect(Relaxations.of(app).list().map((r) => [r.rule, r.target])).toEqual([
      [RuleId.RUN_AS_NON_ROOT, 'build-and-push'],
      [RuleId.READ_ONLY_ROOT_FILESYSTEM, 'build-and-push'],
      [RuleId.DROP_ALL_CAPABILITIES, 'build-and-push'],
    ]);
  });

  test('every other step keeps every default', () => {
    const steps = byKind('Task').flatMap((t: any) => t.spec.steps).filter((s: any) => s.image !== KANIKO_IMAGE);
    expect(steps.length).toBe(5);
    for (const s of steps) {
      expect(s.securityContext).toEqual(HARDENED_SECURITY_CONTEXT);
    }
  });

  test('every image is pinned by digest', () => {
    const images = byKind('Task').flatMap((t: any) => t.spec.steps.map((s: any) => s.image));
    for (const image of images) expect(image).toMatch(/@sha256:[a-f0-9]{64}$/);
  });
});
