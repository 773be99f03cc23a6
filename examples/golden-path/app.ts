/**
 * The golden path: one release pipeline built from the library's hardened tasks,
 * and the cluster configuration it needs, checked together so that what is
 * accepted also runs.
 *
 *   clone -> unit-test -> build -> push -> verify -> deploy
 *
 * - clone (GitClone): the only task with the git deploy key; one exact commit over
 *   SSH, the host key checked against known_hosts.
 * - unit-test (a SecureTask of the team): runs the repository's tests, hermetic (no
 *   egress at all), no credentials.
 * - build (ContainerBuild): kaniko, root, no credentials, pushes nothing: the image
 *   goes to the `image` workspace as an OCI layout.
 * - push (ImagePush): crane, non-root, read-only root; the only task with the registry
 *   credentials, which the Secrets Store CSI driver fetches from Vault while it runs.
 *   Its results IMAGE_URL and IMAGE_DIGEST tell Chains what to sign.
 * - verify (ImageVerify): cosign, after Chains has signed (bounded retries), the
 *   SPIFFE identity Chains signs with through SPIRE.
 * - deploy (Deploy): kubectl apply of the Deployment and Service `app`, with a
 *   ServiceAccount allowed to change those two objects only, egress to the API server only;
 *   the image is pinned to the digest verify verified (its `digest` result), never the tag or
 *   digest the manifests or the registry say.
 *
 * Cluster side: the `ci` namespace enforces `baseline` (kaniko runs as root; the
 * relaxation says so) and audits and warns `restricted`, with a default-deny
 * NetworkPolicy; Tekton's feature flags hardened; Chains signs keyless through
 * SPIRE and the cluster's own Fulcio and stores signatures and SLSA provenance next to the image, pushing with
 * the same Vault-synced registry Secret (listed under the run's ServiceAccount's
 * imagePullSecrets:, which creds-init does not read).
 * docs/golden-path.md says what runs where and why.
 */
import { App, Chart, Size } from 'cdk8s';
import {
  ChainsConfig, ChainsStorageBackend, ContainerBuild, Coschedule, Deploy, EgressPeer, EgressPort, FulcioProvider, GitClone, GitCredential,
  HardenedNamespace, ImagePush, ImageSigner, ImageVerify, KeylessSigning, ParamConstraint, PodSecurityLevel,
  ProvenanceFormat, RegistryCredential, RelaxationTarget, RuleId, RunWorkspace, SecurePipeline, SecurePipelineRun, SecureTask,
  SyncedSecretType, TektonFeatureFlags, TrustDomain, VaultSecretProviderClass,
} from '../../src';

/** golang 1.23 (alpine), pinned by digest. */
const GOLANG = 'docker.io/library/golang:1.23-alpine@sha256:d0b31558e6b3e4cc59f6011d79905835108c919143ebecc58f35965bf79948f4';

/** The SPIRE trust domain of the cluster (Chains signs as its controller's SPIFFE ID). */
const TRUST_DOMAIN = 'example.org';
/** SPIRE's OIDC discovery provider: the issuer of the JWT-SVIDs Chains presents to Fulcio. */
const SPIRE_OIDC_ISSUER = `https://oidc-discovery.${TRUST_DOMAIN}`;
/** The cluster's own Rekor, which Chains uploads to and the verify task checks against. */
const REKOR_URL = `https://rekor.${TRUST_DOMAIN}`;
/** The ConfigMap (namespace ci) with the cluster Sigstore's public material: fulcio.crt.pem, ctfe.pub, rekor.pub. */
const SIGSTORE_TRUST = 'sigstore-trust';

/** The cluster configuration the release pipeline relies on. */
export class GoldenPathClusterChart extends Chart {
  constructor(scope: App, id: string) {
    super(scope, id);
    // build binds two claims (source and image): Tekton's default coschedule "workspaces"
    // would fail its TaskRun, so the Affinity Assistant is off (the tasks run one after another)
    new TektonFeatureFlags(this, 'feature-flags', { coschedule: Coschedule.DISABLED });
    new ChainsConfig(this, 'chains-config', {
      // the controller's SPIFFE ID, certified by the cluster's own Fulcio, which trusts SPIRE's OIDC
      // issuer for the trust domain (the public-good Fulcio has no spiffe issuer, and is refused)
      keyless: KeylessSigning.custom({
        fulcioAddress: `https://fulcio.${TRUST_DOMAIN}`,
        oidcIssuer: SPIRE_OIDC_ISSUER,
        provider: FulcioProvider.SPIFFE,
        rekorUrl: REKOR_URL,
      }),
      taskRuns: { format: ProvenanceFormat.SLSA_V2_ALPHA4, storage: [ChainsStorageBackend.OCI] },
      pipelineRuns: { format: ProvenanceFormat.SLSA_V2_ALPHA4, storage: [ChainsStorageBackend.OCI], deepInspection: true },
    });
    new HardenedNamespace(this, 'ci', {
      name: 'ci',
      // ContainerBuild runs kaniko as root with seven capabilities: enforce baseline, audit and warn restricted
      enforce: PodSecurityLevel.BASELINE,
      relaxations: [{
        rule: RuleId.NAMESPACE_RESTRICTED,
        target: RelaxationTarget.podSecurityMode('enforce'),
        reason: 'ContainerBuild runs kaniko as UID 0 with CHOWN, DAC_OVERRIDE, FOWNER, SETUID, SETGID, FSETID and SETFCAP, all in the baseline profile',
      }],
    });
  }
}

/** The release pipeline of one repository, in namespace `ci`. */
export class GoldenPathReleaseChart extends Chart {
  public readonly pipeline: SecurePipeline;
  public readonly git: GitCredential;
  public readonly registry: RegistryCredential;

  constructor(scope: App, id: string) {
    super(scope, id, { namespace: 'ci' });

    this.git = new GitCredential(this, 'git', {
      secretName: 'git-deploy-key',
      url: 'git@github.com:example/app.git',
      knownHosts: 'github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl',
    });
    // the registry's config.json lives in Vault; the CSI driver fetches it into the push pod and syncs it
    // into Secret registry-push, which Chains reads (through the run's ServiceAccount) to push signatures
    const vault = new VaultSecretProviderClass(this, 'registry-push', {
      vaultAddress: 'https://vault.example.com:8200',
      roleName: 'ci-release',
      objects: [{ objectName: 'config.json', secretPath: 'secret/data/ci/registry', secretKey: 'config.json' }],
      secretObjects: [{
        secretName: 'registry-push',
        secretType: SyncedSecretType.DOCKER_CONFIG_JSON,
        data: [{ key: '.dockerconfigjson', objectName: 'config.json' }],
      }],
    });
    this.registry = new RegistryCredential(this, 'registry', { secretName: 'registry-push', vault });

    const pipeline = new SecurePipeline(this, 'release', {
      parameters: [
        { name: 'git-url' },
        { name: 'git-revision' },
        { name: 'image', description: 'The repository and tag to push, e.g. registry.example.com/team/app:v1.2.3' },
      ],
      workspaces: [
        { name: 'source', domain: TrustDomain.SOURCE },
        { name: 'image', domain: TrustDomain.OUTPUT },
        { name: 'git-credentials', domain: TrustDomain.CREDENTIALS },
        { name: 'registry-credentials', domain: TrustDomain.CREDENTIALS },
        { name: 'sigstore-trust', domain: TrustDomain.CREDENTIALS },
      ],
      // Chains' type hints at pipeline level: the image the run produced and the source it came from
      results: [
        { name: 'IMAGE_URL', value: '$(tasks.push.results.IMAGE_URL)' },
        { name: 'IMAGE_DIGEST', value: '$(tasks.push.results.IMAGE_DIGEST)' },
        { name: 'CHAINS-GIT_URL', value: '$(tasks.clone.results.url)' },
        { name: 'CHAINS-GIT_COMMIT', value: '$(tasks.clone.results.commit)' },
      ],
      // Deploy applies Deployment app: a pod it rewrites may run as any ServiceAccount of the namespace
      relaxations: [{ rule: RuleId.RBAC_NO_ESCALATION, reason: 'the deploy task applies Deployment app, only after cosign verified its image' }],
    });
    this.pipeline = pipeline;

    const clone = pipeline.addTask({
      task: new GitClone(this, 'git-clone', { credential: this.git }),
      name: 'clone',
      parameters: { url: '$(params.git-url)', revision: '$(params.git-revision)' },
      workspaces: { 'source': 'source', 'git-credentials': 'git-credentials' },
    });

    // the team's own task: the repository's tests, with no credentials and no network
    const unitTest = new SecureTask(this, 'unit-test', {
      description: 'Run the repository\'s unit tests (user code: no credentials, no egress).',
      parameters: [{ name: 'revision', constraint: ParamConstraint.gitSha() }],
      workspaces: [{ name: 'source', domain: TrustDomain.SOURCE, readOnly: true }],
      steps: [{
        name: 'test',
        image: GOLANG,
        workingDir: '$(workspaces.source.path)',
        env: { REVISION: '$(params.revision)', GOCACHE: '/tmp/go-cache', GOPATH: '/tmp/go', GOFLAGS: '-mod=vendor' },
        script: '#!/bin/sh\nset -eu\necho "testing $REVISION"\ngo test ./...\n',
        resources: { cpuRequest: '1', memoryRequest: '2Gi', cpuLimit: '2', memoryLimit: '2Gi' },
      }],
    });
    const test = pipeline.addTask({
      task: unitTest,
      name: 'unit-test',
      runAfter: [clone],
      parameters: { revision: '$(params.git-revision)' },
      workspaces: { source: 'source' },
      hermetic: true,
    });

    const build = pipeline.addTask({
      task: new ContainerBuild(this, 'container-build'),
      name: 'build',
      runAfter: [test],
      workspaces: { source: 'source', image: 'image' },
    });
    const push = pipeline.addTask({
      task: new ImagePush(this, 'image-push'),
      name: 'push',
      runAfter: [build],
      parameters: { image: '$(params.image)' },
      workspaces: { image: 'image', dockerconfig: 'registry-credentials' },
    });
    const verify = pipeline.addTask({
      task: new ImageVerify(this, 'image-verify', {
        // what Chains signs with (chains-config: keyless, the cluster's Fulcio with the SPIFFE provider)
        signer: ImageSigner.spiffe({
          oidcIssuer: SPIRE_OIDC_ISSUER,
          spiffeId: `spiffe://${TRUST_DOMAIN}/ns/tekton-chains/sa/tekton-chains-controller`,
        }),
        // verified against the cluster's Sigstore (its Fulcio, CT log and Rekor), not the public-good one
        privateSigstore: true,
        rekorUrl: REKOR_URL,
      }),
      name: 'verify',
      parameters: { image: `${push.result('IMAGE_URL')}@${push.result('IMAGE_DIGEST')}` },
      workspaces: { 'sigstore-trust': 'sigstore-trust' },
    });
    // the manifests in deploy/ name image: registry.example.com/team/app (the repository alone): the task
    // pins it to the digest verify verified, and fails on any other image, a tag or another digest
    const deploy = new Deploy(this, 'deploy', {
      objects: [{ apiGroup: 'apps', resource: 'deployments', name: 'app' }, { resource: 'services', name: 'app' }],
      path: 'deploy',
      image: 'registry.example.com/team/app',
    });
    const deployTask = pipeline.addTask({
      task: deploy,
      name: 'deploy',
      runAfter: [verify],
      parameters: { 'image-digest': verify.result('digest') },
      workspaces: { manifests: 'source' },
    });
    deploy.grantTo(deployTask, { apiServerCidrs: ['10.96.0.1/32'], apiServerPort: 443 });

    // egress per task: each reaches only its own hosts (documentation ranges stand for the real ones)
    clone.allowEgressTo(EgressPeer.cidr('140.82.112.0/20'), [EgressPort.tcp(22)]); // github.com over SSH
    build.allowEgressTo(EgressPeer.cidr('198.51.100.0/24'), [EgressPort.tcp(443)]); // the base images' registry
    push.allowEgressTo(EgressPeer.cidr('203.0.113.0/24'), [EgressPort.tcp(443)]); // the registry
    verify.allowEgressTo(EgressPeer.cidr('203.0.113.0/24'), [EgressPort.tcp(443)]); // the registry
    verify.allowEgressTo(EgressPeer.cidr('192.0.2.0/28'), [EgressPort.tcp(443)]); // the cluster's Rekor

    // the credentials reach clone and push through their workspaces only (nothing under the
    // ServiceAccount's secrets:, which Tekton's creds-init would write into every step); Chains
    // pushes signatures with the registry Secret listed under its imagePullSecrets:
    this.registry.allowChainsToPush(pipeline.serviceAccount);
  }
}

/** One release run (written to runs/, for kubectl create). */
export class GoldenPathRunChart extends Chart {
  constructor(scope: App, id: string, release: GoldenPathReleaseChart) {
    super(scope, id, { namespace: 'ci' });
    new SecurePipelineRun(this, 'release', {
      pipeline: release.pipeline,
      parameters: {
        'git-url': 'git@github.com:example/app.git',
        'git-revision': '0123456789abcdef0123456789abcdef01234567',
        'image': 'registry.example.com/team/app:v1.0.0',
      },
      workspaces: {
        'source': RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1) }),
        'image': RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(5) }),
        'git-credentials': release.git.workspace(),
        'registry-credentials': release.registry.workspace(),
        'sigstore-trust': RunWorkspace.configMap(SIGSTORE_TRUST),
      },
    });
  }
}

/** The example app, as `npx projen examples` synthesizes it. */
export function goldenPathApp(outdir: string): App {
  const app = new App({ outdir });
  new GoldenPathClusterChart(app, 'cluster');
  const release = new GoldenPathReleaseChart(app, 'release');
  new GoldenPathRunChart(app, 'release-run', release);
  return app;
}
