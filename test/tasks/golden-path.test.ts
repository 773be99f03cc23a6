/**
 * The golden path of src/tasks/README.md, as written there: clone -> build ->
 * push -> verify -> deploy in one SecurePipeline. Synth runs the whole catalogue
 * over the app; Tekton's own validation (the oracle) admits every Tekton object.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Size, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import * as Library from '../../src';
import {
  ContainerBuild, Deploy, EgressPeer, EgressPort, GitClone, GitCredential, HardenedNamespace, ImagePush, ImageSigner, ImageVerify,
  PodSecurityLevel, RegistryCredential, RelaxationTarget, Relaxations, RuleId, RunWorkspace, SecurePipeline, SecurePipelineProps,
  SecurePipelineRun, TrustDomain,
} from '../../src';
import { runTektonLint, writeManifests } from '../helpers/tekton-lint';
import { describeWithOracle, runOracle } from '../helpers/tekton-oracle';
import { describeWithTektonSubstitute, tektonSubstitute } from '../helpers/tekton-substitute';

/**
 * The README's example, verbatim but for the function around it, whose `SecurePipeline` a test may
 * replace (EmbeddingPipeline: the same path with embedTasks).
 */
// eslint-disable-next-line @typescript-eslint/no-shadow
function goldenPath(app: App, SecurePipeline: typeof Library.SecurePipeline = Library.SecurePipeline): { pipeline: Library.SecurePipeline } {
  // ContainerBuild runs kaniko as root: the namespace enforces baseline, and says why
  const cluster = new Chart(app, 'cluster');
  new HardenedNamespace(cluster, 'ci', {
    enforce: PodSecurityLevel.BASELINE,
    relaxations: [{
      rule: RuleId.NAMESPACE_RESTRICTED,
      target: RelaxationTarget.podSecurityMode('enforce'),
      reason: 'ContainerBuild runs kaniko as root with seven capabilities, all in the baseline profile',
    }],
  });

  const chart = new Chart(app, 'release', { namespace: 'ci' });
  const git = new GitCredential(chart, 'git', {
    secretName: 'git-deploy-key',
    url: 'git@github.com:example/app.git',
    knownHosts: 'github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl',
  });
  const registry = new RegistryCredential(chart, 'registry', { secretName: 'registry-push' });

  const pipeline = new SecurePipeline(chart, 'release', {
    parameters: [{ name: 'git-url' }, { name: 'git-revision' }, { name: 'image' }],
    workspaces: [
      { name: 'source', domain: TrustDomain.SOURCE },
      { name: 'image', domain: TrustDomain.OUTPUT },
      { name: 'git-credentials', domain: TrustDomain.CREDENTIALS },
      { name: 'registry-credentials', domain: TrustDomain.CREDENTIALS },
      { name: 'sigstore-trust', domain: TrustDomain.CREDENTIALS }, // the cluster Sigstore's public keys (a ConfigMap)
    ],
    // Chains' type hints at pipeline level: the image the run produced, and the source it was built from
    results: [
      { name: 'IMAGE_URL', value: '$(tasks.push.results.IMAGE_URL)' },
      { name: 'IMAGE_DIGEST', value: '$(tasks.push.results.IMAGE_DIGEST)' },
      { name: 'CHAINS-GIT_URL', value: '$(tasks.clone.results.url)' },
      { name: 'CHAINS-GIT_COMMIT', value: '$(tasks.clone.results.commit)' },
    ],
    // Deploy writes the Deployment 'app': a pod it rewrites runs as any ServiceAccount of the namespace
    relaxations: [{ rule: RuleId.RBAC_NO_ESCALATION, reason: 'the deploy task applies Deployment app, after cosign verified its image' }],
  });

  const clone = pipeline.addTask({
    task: new GitClone(chart, 'git-clone', { credential: git }),
    name: 'clone',
    parameters: { url: '$(params.git-url)', revision: '$(params.git-revision)' },
    workspaces: { 'source': 'source', 'git-credentials': 'git-credentials' },
  });
  const build = pipeline.addTask({
    task: new ContainerBuild(chart, 'container-build'),
    name: 'build',
    runAfter: [clone],
    workspaces: { source: 'source', image: 'image' },
  });
  const push = pipeline.addTask({
    task: new ImagePush(chart, 'image-push'),
    name: 'push',
    runAfter: [build],
    parameters: { image: '$(params.image)' },
    workspaces: { image: 'image', dockerconfig: 'registry-credentials' },
  });
  const verify = pipeline.addTask({
    task: new ImageVerify(chart, 'image-verify', {
      // Chains signs keyless with its SPIRE identity
      signer: ImageSigner.spiffe({
        oidcIssuer: 'https://oidc.spire.example.com',
        spiffeId: 'spiffe://example.org/ns/tekton-chains/sa/tekton-chains-controller',
      }),
      // against the cluster's own Sigstore, whose Fulcio certifies that SPIFFE ID (the public-good one certifies none)
      privateSigstore: true,
      rekorUrl: 'https://rekor.example.org',
    }),
    name: 'verify',
    parameters: { image: `${push.result('IMAGE_URL')}@${push.result('IMAGE_DIGEST')}` },
    workspaces: { 'sigstore-trust': 'sigstore-trust' },
  });
  // the manifests name image: registry.example.com/team/app; the task pins it to the digest verify verified
  const deploy = new Deploy(chart, 'deploy', {
    objects: [{ apiGroup: 'apps', resource: 'deployments', name: 'app' }, { resource: 'services', name: 'app' }],
    path: 'deploy',
    image: 'registry.example.com/team/app',
  });
  const deployTask = pipeline.addTask({
    task: deploy,
    runAfter: [verify],
    parameters: { 'image-digest': verify.result('digest') },
    workspaces: { manifests: 'source' },
  });
  deploy.grantTo(deployTask, { apiServerCidrs: ['10.0.0.1/32'], apiServerPort: 6443 });

  // egress per task: each reaches its own hosts only
  clone.allowEgressTo(EgressPeer.cidr('140.82.112.0/20'), [EgressPort.tcp(22)]);
  build.allowEgressTo(EgressPeer.cidr('198.51.100.0/24'), [EgressPort.tcp(443)]); // the base images' registry
  push.allowEgressTo(EgressPeer.cidr('203.0.113.0/24'), [EgressPort.tcp(443)]); // the registry
  verify.allowEgressTo(EgressPeer.cidr('203.0.113.0/24'), [EgressPort.tcp(443)]); // the registry
  verify.allowEgressTo(EgressPeer.cidr('192.0.2.0/24'), [EgressPort.tcp(443)]); // the cluster's Rekor
  // credentials reach clone and push as workspaces (the kubelet mounts them): the ServiceAccount
  // needs no grant to read them, so the token the deploy pod mounts cannot read them either
  // Chains pushes the signature with the Secrets listed on the run's ServiceAccount: the registry's, under imagePullSecrets
  registry.allowChainsToPush(pipeline.serviceAccount);

  const runs = new Chart(app, 'release-run', { namespace: 'ci' });
  new SecurePipelineRun(runs, 'run', {
    pipeline,
    parameters: { 'git-url': 'git@github.com:example/app.git', 'git-revision': '0123456789abcdef0123456789abcdef01234567', 'image': 'registry.example.com/team/app:v1.0.0' },
    workspaces: {
      'source': RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1) }),
      'image': RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(5) }),
      'git-credentials': git.workspace(),
      'registry-credentials': registry.workspace(),
      'sigstore-trust': RunWorkspace.configMap('sigstore-trust'),
    },
    // build binds source and image: the cluster's coschedule must allow two claims per TaskRun
    relaxations: [{ rule: RuleId.AFFINITY_ASSISTANT_CLAIMS, reason: 'the cluster sets coschedule "disabled"' }],
  });
  return { pipeline };
}

function synth(pipelineClass?: typeof SecurePipeline): { app: App; objects: any[] } {
  const app = Testing.app();
  goldenPath(app, pipelineClass);
  return { app, objects: app.charts.flatMap((c) => Testing.synth(c)) };
}

/** A SecurePipeline that writes its tasks' specs inside itself (embedTasks), whatever its props say. */
class EmbeddingPipeline extends SecurePipeline {
  constructor(scope: Construct, id: string, props: SecurePipelineProps = {}) {
    super(scope, id, { ...props, embedTasks: true });
  }
}

test('the golden path of src/tasks/README.md is the one this file synthesizes, line for line', () => {
  const readme = fs.readFileSync(path.join(__dirname, '../../src/tasks/README.md'), 'utf8');
  const written = /## The golden path\n[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)![1].trimEnd().split('\n');
  const self = fs.readFileSync(__filename, 'utf8');
  const body = self.slice(self.indexOf('function goldenPath('), self.indexOf('  return { pipeline };\n}'));
  const tested = body.split('\n').slice(1).map((l) => l.replace(/^ {2}/, '')).join('\n').trimEnd().split('\n');
  expect(written).toEqual(tested);
});

describe('the golden path', () => {
  const { app, objects } = synth();
  const ofKind = (kind: string) => objects.filter((o) => o.kind === kind);
  const task = (name: string) => ofKind('Task').find((t) => t.metadata.name === name);

  test('the whole app passes the catalogue (synth checks it) and writes one Task per step of the path', () => {
    expect(ofKind('Task').map((t) => t.metadata.name).sort()).toEqual(['container-build', 'deploy', 'git-clone', 'image-push', 'image-verify']);
    expect(ofKind('Pipeline')[0].spec.tasks.map((t: any) => [t.name, t.runAfter])).toEqual([
      ['clone', undefined], ['build', ['clone']], ['push', ['build']], ['verify', undefined], ['deploy', ['verify']],
    ]);
  });

  test('credentials reach only the task that uses them: git in clone, the registry in push', () => {
    const bound = ofKind('Pipeline')[0].spec.tasks.map((t: any) => [t.name, (t.workspaces ?? []).map((w: any) => w.workspace).sort()]);
    expect(bound).toEqual([
      ['clone', ['git-credentials', 'source']],
      ['build', ['image', 'source']],
      ['push', ['image', 'registry-credentials']],
      ['verify', ['sigstore-trust']],
      ['deploy', ['source']],
    ]);
  });

  test('only the build runs as root, and every relaxation of the app is one of the three kaniko needs, the namespace\'s, the deploy\'s or a derived one', () => {
    const rootSteps = ofKind('Task').flatMap((t) => t.spec.steps.filter((s: any) => s.securityContext.runAsUser === 0).map((s: any) => `${t.metadata.name}/${s.name}`));
    expect(rootSteps).toEqual(['container-build/build']);
    // the derived ones (ARGUMENT_INJECTION of checked params, the deploy token) have their own tests
    const written = Relaxations.of(app).list().filter((r) => !/ARGUMENT_INJECTION|RUN_TOKEN_AUTOMOUNT/.test(r.rule))
      .map((r) => `${r.rule} ${r.path}${r.target ? ` ${r.target}` : ''}`).sort();
    expect(written).toEqual([
      // the run's: the cluster's coschedule lets build bind its two claims
      'AFFINITY_ASSISTANT_CLAIMS release-run/run',
      // trust, recorded: the tasks that receive credentials workspaces (verify's holds the cluster Sigstore's trust anchor)
      'CREDENTIALS_TRUSTED_TASK release/release task/clone',
      'CREDENTIALS_TRUSTED_TASK release/release task/push',
      'CREDENTIALS_TRUSTED_TASK release/release task/verify',
      'DROP_ALL_CAPABILITIES release/container-build step/build',
      'NAMESPACE_RESTRICTED cluster/ci mode/enforce',
      'RBAC_NO_ESCALATION release/release',
      'READ_ONLY_ROOT_FILESYSTEM release/container-build step/build',
      'RUN_AS_NON_ROOT release/container-build step/build',
    ]);
  });

  test('Chains signs what push reports, and verify checks exactly that image', () => {
    expect(task('image-push').spec.results.map((r: any) => r.name)).toEqual(['IMAGE_URL', 'IMAGE_DIGEST']);
    const verify = ofKind('Pipeline')[0].spec.tasks.find((t: any) => t.name === 'verify');
    expect(verify.params).toEqual([{ name: 'image', value: '$(tasks.push.results.IMAGE_URL)@$(tasks.push.results.IMAGE_DIGEST)' }]);
    expect(ofKind('Pipeline')[0].spec.results.map((r: any) => [r.name, r.value])).toEqual([
      ['IMAGE_URL', '$(tasks.push.results.IMAGE_URL)'],
      ['IMAGE_DIGEST', '$(tasks.push.results.IMAGE_DIGEST)'],
      ['CHAINS-GIT_URL', '$(tasks.clone.results.url)'],
      ['CHAINS-GIT_COMMIT', '$(tasks.clone.results.commit)'],
    ]);
    // the one token a pod mounts (deploy's) can change the named objects and read nothing
    expect(ofKind('Role').map((r) => r.rules)).toEqual([[
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['patch', 'create'], resourceNames: ['app'] },
      { apiGroups: [''], resources: ['services'], verbs: ['patch', 'create'], resourceNames: ['app'] },
    ]]);
    expect(ofKind('PipelineRun')[0].spec.taskRunSpecs).toEqual([{ pipelineTaskName: 'deploy', podTemplate: { automountServiceAccountToken: true } }]);
  });

  test('deploy takes the digest verify verified, and pins the image of its manifests to it', () => {
    const deploy = ofKind('Pipeline')[0].spec.tasks.find((t: any) => t.name === 'deploy');
    expect(deploy.params).toEqual([{ name: 'image-digest', value: '$(tasks.verify.results.digest)' }]);
    const pin = task('deploy').spec.steps.find((s: any) => s.name === 'pin');
    expect(pin.env.find((e: any) => e.name === 'REPOSITORY').value).toBe('registry.example.com/team/app');
  });

  test('Chains can push the signature: the registry Secret is listed on the run\'s ServiceAccount, under imagePullSecrets only', () => {
    const runAccount = ofKind('PipelineRun')[0].spec.taskRunTemplate.serviceAccountName;
    const account = ofKind('ServiceAccount').find((a) => a.metadata.name === runAccount);
    expect([account.metadata.namespace, account.imagePullSecrets, account.secrets]).toEqual(['ci', [{ name: 'registry-push' }], undefined]);
  });
});

test('tekton-lint reports nothing on the golden path', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'golden-path-'));
  try {
    const tekton = synth().objects.filter((o) => String(o.apiVersion).startsWith('tekton.dev/'));
    const { errors, warnings } = runTektonLint([writeManifests(tekton, dir)]);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describeWithOracle('Tekton v1.15 admits the golden path', () => {
  test('every Tekton object', () => {
    const tekton = synth().objects.filter((o) => String(o.apiVersion).startsWith('tekton.dev/'));
    const r = runOracle(tekton);
    expect(r.verdicts.filter((v) => !v.valid).map((v) => `${v.kind} ${v.name}: ${v.errors.join('; ')}`)).toEqual([]);
    expect(r.summary.objects).toBe(tekton.length);
  });
});

describe('the golden path with embedTasks', () => {
  const { objects } = synth(EmbeddingPipeline);
  const pipeline = objects.find((o) => o.kind === 'Pipeline');

  test('passes the catalogue with no Task written, and each pipeline task passes every param its spec declares', () => {
    expect(objects.filter((o) => o.kind === 'Task')).toEqual([]);
    expect(pipeline.spec.tasks.map((t: any) => [t.name, (t.params ?? []).map((p: any) => p.name)])).toEqual(
      pipeline.spec.tasks.map((t: any) => [t.name, (t.taskSpec.params ?? []).map((p: any) => p.name).sort()]));
    expect(pipeline.spec.tasks.find((t: any) => t.name === 'verify').params).toEqual([
      { name: 'certificate-identity', value: 'spiffe://example.org/ns/tekton-chains/sa/tekton-chains-controller' },
      { name: 'certificate-oidc-issuer', value: 'https://oidc.spire.example.com' },
      { name: 'image', value: '$(tasks.push.results.IMAGE_URL)@$(tasks.push.results.IMAGE_DIGEST)' },
      { name: 'rekor-url', value: 'https://rekor.example.org' },
    ]);
  });

  describeWithTektonSubstitute('as Tekton v1.15 substitutes it (conformance/cmd/tekton-substitute)', () => {
    test('a run that gives the verify task\'s params (undeclared by the pipeline) changes no value of the pipeline\'s in any task', () => {
      // the run as created: Tekton names it from its generateName
      const written = objects.find((o) => o.kind === 'PipelineRun');
      const run = { ...written, metadata: { ...written.metadata, name: 'release-run-x7k2p' } };
      const given = pipeline.spec.tasks.flatMap((t: any) => (t.taskSpec.params ?? []).map((p: any) => p.name))
        .filter((name: string, i: number, all: string[]) => all.indexOf(name) === i && !run.spec.params.some((p: any) => p.name === name));
      const attacked = { ...run, spec: { ...run.spec, params: [...run.spec.params, ...given.map((name: string) => ({ name, value: 'spiffe://evil.example/x' }))] } };
      expect(given).toEqual(expect.arrayContaining(['certificate-identity', 'certificate-oidc-issuer', 'rekor-url']));
      const [plain, changed] = tektonSubstitute([{ run, pipeline }, { run: attacked, pipeline }]);
      expect(plain.error).toBeUndefined();
      expect(changed.taskRuns!.map((t) => t.taskSpec)).toEqual(plain.taskRuns!.map((t) => t.taskSpec));
      const verify = changed.taskRuns!.find((t) => t.pipelineTask === 'verify')!;
      expect(verify.taskSpec.steps.filter((s: any) => s.name.startsWith('verify')).map((s: any) => s.args.find((a: string) => a.startsWith('--certificate-identity='))))
        .toEqual(verify.taskSpec.steps.filter((s: any) => s.name.startsWith('verify')).map(() => '--certificate-identity=spiffe://example.org/ns/tekton-chains/sa/tekton-chains-controller'));
    });
  });
});
