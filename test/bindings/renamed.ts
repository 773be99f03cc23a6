/**
 * The app of python/renamed.py in TypeScript: every member the API renamed from a name a
 * target language reserves (CHANGELOG, Breaking changes), as TypeScript spells it. run.ts
 * synthesizes it with `lib/` and compares the YAML of the Python app with it byte for byte.
 */
export const RENAMED = String.raw`
import { App, Chart, Size } from 'cdk8s';
import {
  EgressPeer, EgressPort, GitCredential, HubType, ParamType, PipelineTaskOnError, RelaxationTarget, RemoteTask, RuleId, RunWorkspace,
  SecurePipeline, SecurePipelineRun, SecureStepAction, SecureTask, SyncedSecretType, TaskContent, TrustDomain, VaultSecretProviderClass,
  VerificationKey, VerificationPolicy, WhenExpression,
} from 'cdk8s-secure-tekton';

const IMAGE = 'docker.io/library/alpine:3.20@sha256:beefdbd8a1da6d2915566fde36db9db0b524eb737fc57cd1367effd16dc0d06d';
const app = new App();
const chart = new Chart(app, 'ci', { namespace: 'ci' });

const checksum = new SecureStepAction(chart, 'checksum', {
  image: IMAGE,
  parameters: [{ name: 'file' }, { name: 'algorithm', defaultValue: 'sha256' }],
  env: { FILE: '$(params.file)', ALGORITHM: '$(params.algorithm)' },
  script: '#!/bin/sh\nset -eu\necho "$ALGORITHM"\nsha256sum "$FILE"\n',
});
const build = new SecureTask(chart, 'build', {
  parameters: [
    { name: 'tags', valueType: ParamType.ARRAY, defaultArray: ['latest'] },
    { name: 'target', valueType: ParamType.OBJECT, properties: ['os', 'arch'] },
    { name: 'mode', valueType: ParamType.STRING, defaultValue: 'release' },
  ],
  workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }],
  steps: [
    { name: 'build', image: IMAGE, env: { MODE: '$(params.mode)', OS: '$(params.target.os)' }, args: ['$(params.tags[*])'], script: '#!/bin/sh\nset -eu\necho "$MODE $OS $*"\n' },
    { name: 'sum', action: checksum, actionParameters: { file: '/tmp/out' } },
  ],
});
const shared = RemoteTask.fromCluster(chart, 'notify', {
  namespaceName: 'shared-tasks',
  content: TaskContent.fromSecureTask(new SecureTask(new Chart(app, 'published', { namespace: 'shared-tasks' }), 'notify', {
    parameters: [{ name: 'status' }],
    steps: [{ name: 'send', image: IMAGE, env: { STATUS: '$(params.status)' }, script: '#!/bin/sh\necho "$STATUS"\n' }],
  })),
});
const hub = RemoteTask.fromHub(chart, 'lint', {
  hubType: HubType.ARTIFACT,
  version: '0.9',
  content: TaskContent.fromSecureTask(new SecureTask(new Chart(app, 'hub-content', { namespace: 'shared-tasks' }), 'lint', {
    steps: [{ name: 'lint', image: IMAGE, script: '#!/bin/sh\necho lint\n' }],
  })),
});
const pipeline = new SecurePipeline(chart, 'release', {
  parameters: [
    { name: 'env', valueType: ParamType.STRING, defaultValue: 'dev' },
    { name: 'tags', valueType: ParamType.ARRAY, defaultArray: ['latest'] },
  ],
  workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }],
  relaxations: [
    { rule: RuleId.REMOTE_REFERENCE_PINNED, target: RelaxationTarget.task('notify'), reason: 'the platform team owns the shared-tasks namespace' },
  ],
});
const built = pipeline.addTask({
  task: build,
  parameters: { mode: '$(params.env)' },
  arrayParameters: { tags: ['$(params.tags[*])'] },
  objectParameters: { target: { os: 'linux', arch: 'amd64' } },
  workspaces: { source: 'source' },
  when: [WhenExpression.noneOf('$(params.env)', ['skip'])],
});
pipeline.addTask({ task: hub, runAfter: [built], onError: PipelineTaskOnError.CONTINUE });
pipeline.addFinally({ task: shared, parameters: { status: built.status } });
pipeline.egress.allow(EgressPeer.cidr('198.51.100.0/24', ['198.51.100.7/32']), [EgressPort.tcpRange(8000, 8100)]);
pipeline.egress.allowForTask(built.name, EgressPeer.pods({ app: 'cache' }, 'cache'), [EgressPort.tcp(6379)]);
pipeline.egress.allowForTask(built.name, EgressPeer.namespaceNamed('mirror'), [EgressPort.tcp(443)]);
new VerificationPolicy(chart, 'tasks', {
  remoteTasks: [shared, hub],
  authorities: [{ name: 'platform', key: VerificationKey.fromSecret({ secretName: 'tasks-signing-pub', secretNamespace: 'ci' }) }],
});
new VaultSecretProviderClass(chart, 'registry-push', {
  vaultAddress: 'https://vault.example.com:8200',
  roleName: 'ci-push',
  objects: [{ objectName: 'config.json', secretPath: 'secret/data/ci/registry', secretKey: 'config.json' }],
  secretObjects: [{ secretName: 'registry-push', secretType: SyncedSecretType.DOCKER_CONFIG_JSON, data: [{ key: '.dockerconfigjson', objectName: 'config.json' }] }],
});
new GitCredential(chart, 'git', { secretName: 'git-basic', url: 'https://git.example.com/team/app.git' });
new SecurePipelineRun(chart, 'run', {
  pipeline,
  parameters: { env: 'prod' },
  arrayParameters: { tags: ['v1', 'stable'] },
  workspaces: { source: RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1) }) },
});
app.synth();
`;

/**
 * What the renamed read-only members read in that app, as python/renamed.py prints them:
 * the git credential's `authType` (an https URL: basic-auth), the SecretProviderClass's
 * `namespaceName` (its chart's), the resolver params of each RemoteTask's `taskReference`,
 * the when expression's `whenOperator` (`noneOf`), and each posture object's `namespaceName`.
 */
export const RENAMED_READS = {
  authType: 'BASIC_AUTH',
  namespaceName: 'ci',
  resolverParameters: { kind: 'task', name: 'notify', namespace: 'shared-tasks' },
  hubResolverParameters: { catalog: 'tekton-catalog-tasks', type: 'artifact', kind: 'task', name: 'lint', version: '0.9' },
  whenOperator: 'NOT_IN',
  postureNamespaces: [
    'StepAction/ci/checksum',
    'Task/ci/build',
    'ServiceAccount/ci/release-runner',
    'NetworkPolicy/ci/release-deny-all',
    'NetworkPolicy/ci/release-dns',
    'NetworkPolicy/ci/release-egress',
    'NetworkPolicy/ci/release-build-egress',
    'Pipeline/ci/release',
    'VerificationPolicy/ci/tasks',
    'SecretProviderClass/ci/registry-push',
    'PipelineRun/ci/release-run-',
    'Task/shared-tasks/notify',
    'Task/shared-tasks/lint',
  ],
};
