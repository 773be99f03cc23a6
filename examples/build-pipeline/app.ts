/**
 * The hardening guide's scenario: clone -> build -> push.
 *
 * - clone: a trusted task (no user code) where git-init checks out one exact commit
 *   (a 40-hex SHA) into `source` over SSH, with the deploy key and known_hosts. The
 *   platform team publishes it, signed, in an OCI bundle; the pipeline fetches it by
 *   digest through the bundles resolver, the app checks its content (the Task the
 *   `build-pipeline-tasks` chart writes, which is what is signed and pushed), and a
 *   VerificationPolicy makes Tekton verify its signature before it runs.
 * - build: user code (go build) with `source` and `output` only, no credentials.
 * - push: a trusted task that builds the image with kaniko from `output` and
 *   pushes it with registry credentials fetched from Vault by the CSI driver. kaniko
 *   runs the Dockerfile's RUN lines beside those credentials: the pipeline records a
 *   relaxation of CREDENTIALS_WITH_REPO_CODE for it, which this example keeps to show
 *   how a relaxation is written and reported. examples/golden-path splits them
 *   (ContainerBuild builds with no credentials, ImagePush runs no repository code)
 *   and needs no such relaxation.
 * - The runs use the pipeline's LeastPrivilegeServiceAccount: no Role, no token, and
 *   no Secret under its `secrets:` (creds-init would write one into every step); the
 *   credentials reach clone and push through their workspaces only.
 */
import { App, Chart, ChartProps, Size } from 'cdk8s';
import { Construct } from 'constructs';
import {
  Capability, EgressPeer, EgressPort, GitCredential, ParamConstraint, RegistryCredential, RelaxationTarget, RemoteTask, RuleId, RunWorkspace,
  SecurePipeline, SecurePipelineRun, SecureTask, SyncedSecretType, TaskContent, TrustDomain, VaultSecretProviderClass,
  VerificationKey, VerificationPolicy,
} from '../../src';

/** Tekton's git-init (release v0.42.0), as pinned by that release's manifest. */
export const GIT_INIT_IMAGE =
  'ghcr.io/tektoncd/github.com/tektoncd/pipeline/cmd/git-init:v0.42.0@sha256:211b0822659b2030a9e12b1cdb47faab2187a63a24ed9d21044520f967674138';
/** Go toolchain on alpine. */
export const GOLANG_IMAGE =
  'docker.io/library/golang:1.23-alpine@sha256:d0b31558e6b3e4cc59f6011d79905835108c919143ebecc58f35965bf79948f4';
/** kaniko executor, as pinned by the Tekton catalog's kaniko task 0.8. */
export const KANIKO_IMAGE =
  'ghcr.io/osscontainertools/kaniko:v1.27.6@sha256:95779f52d460ca70b65a4f4679d4f5163ad6c33edea3303dc8bbff847de5e05c';
/** alpine, as pinned by the Tekton catalog's kaniko task for its helper step. */
export const ALPINE_IMAGE =
  'docker.io/library/alpine:3.21@sha256:a8560b36e8b8210634f77d9f7f9efd7ffa463e380b75e2e74aff4511df3ef88c';

/**
 * The trusted clone task: Tekton's git-init checks out one exact commit (a 40-hex SHA,
 * checked first) over SSH, with the key and known_hosts from a credentials workspace.
 */
export function gitCloneTask(scope: Construct, id: string): SecureTask {
  return new SecureTask(scope, id, {
    description: 'Check out one exact commit over SSH (trusted: runs git only, no user code).',
    trusted: true,
    parameters: [
      { name: 'url', description: 'Repository URL' },
      { name: 'revision', description: 'Commit SHA to check out', constraint: ParamConstraint.gitSha() },
    ],
    workspaces: [
      { name: 'source', domain: TrustDomain.SOURCE, description: 'The checkout' },
      { name: 'ssh', domain: TrustDomain.CREDENTIALS, description: 'ssh-privatekey and known_hosts' },
    ],
    results: [{ name: 'commit', description: 'The commit checked out' }],
    steps: [{
      name: 'clone',
      image: GIT_INIT_IMAGE,
      env: { URL: '$(params.url)', REVISION: '$(params.revision)', CHECKOUT_DIR: '$(workspaces.source.path)', SSH_DIR: '$(workspaces.ssh.path)' },
      script: [
        '#!/bin/sh',
        'set -eu',
        '# ssh wants a key only its owner can read: copy it to the emptyDir $HOME',
        'mkdir -p "$HOME/.ssh" && cp "$SSH_DIR/ssh-privatekey" "$HOME/.ssh/id_key" && chmod 600 "$HOME/.ssh/id_key"',
        'export GIT_SSH_COMMAND="ssh -i $HOME/.ssh/id_key -o IdentitiesOnly=yes -o UserKnownHostsFile=$SSH_DIR/known_hosts -o StrictHostKeyChecking=yes"',
        'git config --global --add safe.directory "$CHECKOUT_DIR"',
        '/ko-app/git-init -url="$URL" -revision="$REVISION" -path="$CHECKOUT_DIR" -depth=1',
        'cd "$CHECKOUT_DIR"',
        'printf "%s" "$(git rev-parse HEAD)" > "$(results.commit.path)"',
      ].join('\n'),
    }],
  });
}

/**
 * The trusted push task: kaniko builds the image from the compiled output and pushes it
 * with the credentials workspace; its one root step carries three scoped relaxations.
 */
export function kanikoPushTask(scope: Construct, id: string): SecureTask {
  return new SecureTask(scope, id, {
    description: 'Build the image from the compiled output and push it.',
    trusted: true,
    parameters: [
      { name: 'image', description: 'Image repository, without tag' },
      { name: 'image-tag', description: 'Tag to push', constraint: ParamConstraint.imageTag() },
    ],
    workspaces: [
      { name: 'source', domain: TrustDomain.SOURCE, readOnly: true, description: 'Holds the Dockerfile' },
      { name: 'output', domain: TrustDomain.OUTPUT, readOnly: true, description: 'The build context' },
      { name: 'dockerconfig', domain: TrustDomain.CREDENTIALS, mountPath: '/kaniko/.docker', description: 'config.json with push access' },
    ],
    results: [
      { name: 'IMAGE_DIGEST', description: 'Digest of the pushed image' },
      { name: 'IMAGE_URL', description: 'Repository and tag of the pushed image' },
    ],
    steps: [
      {
        name: 'build-and-push',
        image: KANIKO_IMAGE,
        command: ['/kaniko/executor'],
        args: [
          '--dockerfile=$(workspaces.source.path)/Dockerfile',
          '--context=dir://$(workspaces.output.path)',
          '--destination=$(params.image):$(params.image-tag)',
          '--digest-file=$(results.IMAGE_DIGEST.path)',
        ],
        resources: { cpuRequest: '500m', cpuLimit: '2', memoryRequest: '512Mi', memoryLimit: '2Gi' },
        // kaniko builds the image by unpacking the base image over its own root filesystem.
        runAsUser: 0,
        writableRootFilesystem: true,
        addCapabilities: [
          Capability.CHOWN, Capability.DAC_OVERRIDE, Capability.FOWNER, Capability.SETUID, Capability.SETGID, Capability.FSETID, Capability.SETFCAP,
        ],
        relaxations: [
          { rule: RuleId.RUN_AS_NON_ROOT, reason: 'kaniko unpacks base image layers as root (file ownership must be preserved)' },
          { rule: RuleId.READ_ONLY_ROOT_FILESYSTEM, reason: 'kaniko builds the image by writing its layers over its own root filesystem' },
          { rule: RuleId.DROP_ALL_CAPABILITIES, reason: 'kaniko needs CHOWN, DAC_OVERRIDE, FOWNER, SETUID and SETGID to reproduce layer ownership, FSETID and SETFCAP for the setgid bits and file capabilities RUN lines set' },
        ],
      },
      {
        name: 'write-url',
        image: ALPINE_IMAGE,
        env: { IMAGE_URL: '$(params.image):$(params.image-tag)' },
        resources: { cpuRequest: '10m', cpuLimit: '100m', memoryRequest: '16Mi', memoryLimit: '32Mi' },
        script: '#!/bin/sh\nset -eu\nprintf "%s" "$IMAGE_URL" > "$(results.IMAGE_URL.path)"\n',
      },
    ],
  });
}

/**
 * The tasks the platform team publishes: this chart's file is what is signed
 * (`tkn task sign`) and pushed into the bundle (`tkn bundle push`), not applied.
 */
export class PublishedTasksChart extends Chart {
  /** The trusted clone task, published as entry `git-clone` of the bundle. */
  public readonly gitClone: SecureTask;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    this.gitClone = gitCloneTask(this, 'git-clone');
  }
}

/** Settings of one deployment of the example. */
export interface BuildPipelineChartProps extends ChartProps {
  /** The published tasks (the content the bundle holds). */
  readonly tasks: PublishedTasksChart;
  /** The bundle they are published in, pinned by digest (the digest `tkn bundle push` prints). */
  readonly tasksBundle: string;
  /** The Secret (in tekton-pipelines) holding the public key the published tasks are signed with. */
  readonly tasksSigningKeySecret: string;
  /** Repository to clone, over SSH (`git@host:path`). */
  readonly gitUrl: string;
  /** `known_hosts` lines of the git host. */
  readonly gitKnownHosts: string;
  /** Existing `kubernetes.io/ssh-auth` Secret holding the deploy key. */
  readonly gitSecretName: string;
  /** CIDR blocks of the git host (clone may reach them on 443). */
  readonly gitCidrs: string[];
  /** CIDR blocks of the registry (push may reach them on 443). */
  readonly registryCidrs: string[];
  /** Vault address (https). */
  readonly vaultAddress: string;
  /** Vault Kubernetes-auth role allowed to read the registry credentials. */
  readonly vaultRole: string;
  /** Vault path of the registry `config.json` (KV v2). */
  readonly registryVaultPath: string;
  /** Image repository to push to, without tag. */
  readonly imageRepository: string;
}

/** The clone -> build -> push pipeline: apply it once (`kubectl apply`). */
export class BuildPipelineChart extends Chart {
  public readonly pipeline: SecurePipeline;
  public readonly gitUrl: string;
  public readonly imageRepository: string;
  public readonly git: GitCredential;
  public readonly registry: RegistryCredential;
  public readonly clone: RemoteTask;
  public readonly signedTasks: VerificationPolicy;

  constructor(scope: Construct, id: string, props: BuildPipelineChartProps) {
    super(scope, id, props);
    this.gitUrl = props.gitUrl;
    this.imageRepository = props.imageRepository;

    this.git = new GitCredential(this, 'git', {
      secretName: props.gitSecretName,
      url: props.gitUrl,
      knownHosts: props.gitKnownHosts,
    });
    const vault = new VaultSecretProviderClass(this, 'registry-push', {
      vaultAddress: props.vaultAddress,
      roleName: props.vaultRole,
      objects: [{ objectName: 'config.json', secretPath: props.registryVaultPath, secretKey: 'config.json' }],
      secretObjects: [{
        secretName: 'registry-push',
        secretType: SyncedSecretType.DOCKER_CONFIG_JSON,
        data: [{ key: '.dockerconfigjson', objectName: 'config.json' }],
      }],
    });
    this.registry = new RegistryCredential(this, 'registry', { secretName: 'registry-push', vault });

    // the clone task, fetched from the platform's bundle by digest; its content is the published Task
    const clone = RemoteTask.fromBundle(this, 'git-clone', {
      bundle: props.tasksBundle,
      content: TaskContent.fromSecureTask(props.tasks.gitClone),
    });
    this.clone = clone;
    // Tekton verifies the bundle's Task against this key before it runs (the policies of the run's namespace)
    this.signedTasks = new VerificationPolicy(this, 'signed-tasks', {
      remoteTasks: [clone],
      authorities: [{ name: 'platform-tasks', key: VerificationKey.fromSecret({ secretName: props.tasksSigningKeySecret, secretNamespace: 'tekton-pipelines' }) }],
    });

    const build = new SecureTask(this, 'go-build', {
      description: 'Compile the checked-out code (user code: no credentials).',
      workspaces: [
        { name: 'source', domain: TrustDomain.SOURCE, readOnly: true },
        { name: 'output', domain: TrustDomain.OUTPUT },
      ],
      steps: [{
        name: 'build',
        image: GOLANG_IMAGE,
        workingDir: '$(workspaces.source.path)',
        // hermetic: modules come from the vendor/ directory, never from the network
        env: { OUT: '$(workspaces.output.path)', CGO_ENABLED: '0', GOCACHE: '/tmp/go-cache', GOPATH: '/tmp/go', GOFLAGS: '-mod=vendor', GOPROXY: 'off' },
        resources: { cpuRequest: '500m', cpuLimit: '2', memoryRequest: '512Mi', memoryLimit: '2Gi' },
        script: [
          '#!/bin/sh',
          'set -eu',
          'go build -trimpath -o "$OUT/app" .',
        ].join('\n'),
      }],
    });

    const push = kanikoPushTask(this, 'kaniko-push');

    this.pipeline = new SecurePipeline(this, 'build-and-push', {
      description: 'Clone one commit, build it without credentials, push it from a trusted task.',
      relaxations: [{
        rule: RuleId.CREDENTIALS_WITH_REPO_CODE,
        target: RelaxationTarget.task('push'),
        // kaniko runs the Dockerfile's RUN lines with the registry credentials mounted; accepted until the
        // push is split from the image build (a build that holds no credentials, a push that runs no repository code)
        reason: 'kaniko builds and pushes in one step, so the Dockerfile runs beside the push credentials; accepted until build and push are split',
      }],
      parameters: [
        { name: 'git-url', description: 'Repository to clone' },
        { name: 'git-revision', description: 'Commit SHA (40 hex)' },
        { name: 'image', description: 'Image repository, without tag' },
        { name: 'image-tag', description: 'Tag to push' },
      ],
      workspaces: [
        { name: 'source', domain: TrustDomain.SOURCE },
        { name: 'output', domain: TrustDomain.OUTPUT },
        { name: 'git-credentials', domain: TrustDomain.CREDENTIALS },
        { name: 'registry-credentials', domain: TrustDomain.CREDENTIALS },
      ],
    });
    const cloneTask = this.pipeline.addTask({
      task: clone,
      name: 'clone',
      parameters: { url: '$(params.git-url)', revision: '$(params.git-revision)' },
      workspaces: { source: 'source', ssh: 'git-credentials' },
    });
    this.pipeline.addTask({
      task: build,
      name: 'build',
      runAfter: ['clone'],
      workspaces: { source: 'source', output: 'output' },
      hermetic: true,
    });
    const pushTask = this.pipeline.addTask({
      task: push,
      name: 'push',
      runAfter: ['build'],
      parameters: { 'image': '$(params.image)', 'image-tag': '$(params.image-tag)' },
      workspaces: { source: 'source', output: 'output', dockerconfig: 'registry-credentials' },
    });
    // Egress: clone reaches the git host, push the registry, both on 443 only; build reaches nothing.
    for (const cidr of props.gitCidrs) cloneTask.allowEgressTo(EgressPeer.cidr(cidr), [EgressPort.tcp(443)]);
    for (const cidr of props.registryCidrs) pushTask.allowEgressTo(EgressPeer.cidr(cidr), [EgressPort.tcp(443)]);

    // The credentials reach clone and push through their workspaces only: nothing is listed under the
    // ServiceAccount's secrets:, which Tekton's creds-init would write into every step (go build's too),
    // and the run's identity is granted no Role; no token is mounted.
    // Chains pushes the image's signature and attestations with the registry Secrets listed on the
    // run's ServiceAccount: the Secret the CSI driver syncs from Vault while the push task runs.
    this.registry.allowChainsToPush(this.pipeline.serviceAccount);
  }
}

/** Settings of the run. */
export interface BuildPipelineRunChartProps extends ChartProps {
  /** The pipeline to run. */
  readonly pipelines: BuildPipelineChart;
}

/** One run of the pipeline: `kubectl create` it for each run (it has a generateName). */
export class BuildPipelineRunChart extends Chart {
  constructor(scope: Construct, id: string, props: BuildPipelineRunChartProps) {
    super(scope, id, props);
    const pipelines = props.pipelines;
    new SecurePipelineRun(this, 'run', {
      pipeline: pipelines.pipeline,
      parameters: {
        'git-url': pipelines.gitUrl,
        'git-revision': '0123456789abcdef0123456789abcdef01234567',
        'image': pipelines.imageRepository,
        'image-tag': 'v1.0.0',
      },
      workspaces: {
        'source': RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1) }),
        'output': RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(5) }),
        'git-credentials': pipelines.git.workspace(),
        'registry-credentials': pipelines.registry.workspace(),
      },
      // build and push each bind source and output, two claims: the cluster's feature-flags
      // (examples/cluster-config) turn the Affinity Assistant off, which allows that
      relaxations: [{
        rule: RuleId.AFFINITY_ASSISTANT_CLAIMS,
        reason: 'the cluster sets coschedule "disabled" (examples/cluster-config), so a TaskRun may bind two claims',
      }],
    });
  }
}

/** The example app, as `npx projen examples` synthesizes it. */
export function buildPipelineApp(outdir: string): App {
  const app = new App({ outdir });
  // written to build-pipeline-tasks.k8s.yaml: sign it and push it into the bundle, do not apply it
  const tasks = new PublishedTasksChart(app, 'build-pipeline-tasks');
  const pipelines = new BuildPipelineChart(app, 'build-pipeline', {
    namespace: 'ci',
    tasks,
    tasksBundle: 'ghcr.io/example/tekton-tasks:v1@sha256:4b0c8c0d29b0ed5ae3c34e8d27ff7d4a6e2dfcff6f56a4a9b7c5b4d6e3f2a1b0',
    tasksSigningKeySecret: 'tekton-tasks-signing-key',
    // GitHub serves SSH on port 443 at ssh.github.com, with its published host key
    gitUrl: 'ssh://git@ssh.github.com:443/example/app.git',
    gitKnownHosts: '[ssh.github.com]:443 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl',
    // GitHub's git ranges (see api.github.com/meta) and the registry's block
    gitCidrs: ['140.82.112.0/20', '192.30.252.0/22'],
    registryCidrs: ['203.0.113.0/24'],
    gitSecretName: 'git-deploy-key',
    vaultAddress: 'https://vault.example.com:8200',
    vaultRole: 'ci-build-and-push',
    registryVaultPath: 'secret/data/ci/registry',
    imageRepository: 'registry.example.com/team/app',
  });
  new BuildPipelineRunChart(app, 'build-pipeline-run', { namespace: 'ci', pipelines });
  return app;
}
