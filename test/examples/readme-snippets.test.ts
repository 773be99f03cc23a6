/**
 * The README's shorter examples, each as written there inside the app it assumes
 * (the chart, pipeline and tasks it names but does not define): they compile against
 * the API and synthesize with every check of the catalogue.
 */
import { App, Testing } from 'cdk8s';
import * as library from '../../src';
import { codeBlocks, readmeSection, runApp, typeErrors, withoutAssumptions } from '../helpers/readme-snippet';

const IMPORTS = `import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  ApiVerb, ChainsConfig, ChainsStorageBackend, DnsServer, EgressPeer, EgressPort, EnforcementAction, FulcioProvider, GitCredential, HardenedNamespace, KeylessSigning, LeastPrivilegeServiceAccount, ParamConstraint, ParamType,
  PipelineWorkspace, ProvenanceFormat, RegistryCredential, SecurePipeline, SecurePipelineRun, SecureTask, SyncedSecretType, TektonAdmissionPolicies,
  TektonFeatureFlags, TrustDomain, VaultSecretProviderClass, WhenExpression,
} from 'cdk8s-secure-tekton';

const image = 'docker.io/library/alpine:3.21@sha256:56fa17d2a7e7f168a043a2712e63aed1f8543aeafdcee47c58dcffe38ed51099';
`;

/** A chart of namespace ci in an app of its own. */
const CHART = "const app = Testing.app();\nconst chart = new Chart(app, 'ci', { namespace: 'ci' });\n";
/** A task of the source workspace that writes result outcome. */
const UNIT_TEST = "const unitTest = new SecureTask(chart, 'unit-test', { workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }], results: [{ name: 'outcome' }], "
  + "steps: [{ name: 'test', image, script: '#!/bin/sh\\necho passed > \"$(results.outcome.path)\"\\n' }] });\n";

/** Each example: its section, its index among the section's TypeScript blocks, what it assumes, and kinds it writes. */
const EXAMPLES: Array<[string, string, number, string, string[]]> = [
  ['conditions, results and finally', 'Expressing real pipelines', 0, CHART + UNIT_TEST
    + "const pipeline = new SecurePipeline(chart, 'ci', { parameters: [{ name: 'branch' }], workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }] });\n"
    + "const releaseTask = new SecureTask(chart, 'release', { steps: [{ name: 'release', image, script: '#!/bin/sh\\necho release\\n' }] });\n"
    + "const notify = new SecureTask(chart, 'notify', { parameters: [{ name: 'tests' }, { name: 'release' }], steps: [{ name: 'notify', image, "
    + "env: { TESTS: '$(params.tests)', RELEASE: '$(params.release)' }, script: '#!/bin/sh\\necho \"$TESTS $RELEASE\"\\n' }] });\n", ['Task', 'Task', 'Task', 'Pipeline']],
  ['fan-out', 'Expressing real pipelines', 1, CHART
    + "const pipeline = new SecurePipeline(chart, 'ci', { parameters: [{ name: 'platforms', valueType: ParamType.ARRAY, defaultArray: ['linux/amd64', 'linux/arm64'] }] });\n"
    + "const buildTask = new SecureTask(chart, 'build', { parameters: [{ name: 'platform' }], results: [{ name: 'digest' }], steps: [{ name: 'build', image, "
    + "env: { PLATFORM: '$(params.platform)' }, script: '#!/bin/sh\\nprintf \"%s\" \"$PLATFORM\" > \"$(results.digest.path)\"\\n' }] });\n", ['Task', 'Pipeline']],
  ['array params', 'Expressing real pipelines', 2, CHART, ['Task']],
  ['one object per pipeline', 'Expressing real pipelines', 3, CHART + UNIT_TEST, ['Pipeline']],
  ['registry credentials from Vault', 'Credentials and Vault', 0, CHART
    + "const pipeline = new SecurePipeline(chart, 'release', { workspaces: [{ name: 'registry-credentials', domain: TrustDomain.CREDENTIALS }] });\n"
    + "pipeline.addTask({ task: new SecureTask(chart, 'build', { steps: [{ name: 'build', image, script: '#!/bin/sh\\necho build\\n' }] }) });\n", ['SecretProviderClass', 'ServiceAccount', 'Pipeline', 'PipelineRun']],
  ['git credentials', 'Credentials and Vault', 1, CHART
    + "const pipeline = new SecurePipeline(chart, 'release', { workspaces: [{ name: 'git-credentials', domain: TrustDomain.CREDENTIALS }] });\n"
    + "pipeline.addTask({ task: new SecureTask(chart, 'build', { steps: [{ name: 'build', image, script: '#!/bin/sh\\necho build\\n' }] }) });\n", ['ConfigMap', 'PipelineRun']],
  ['an API grant to one pipeline task, with egress to the API server', 'Least-privilege identity', 1, CHART
    + "const pipeline = new SecurePipeline(chart, 'release-pipeline');\n"
    + "const releaseTask = new SecureTask(chart, 'release', { steps: [{ name: 'release', image, script: '#!/bin/sh\\necho release\\n' }] });\n",
  ['Role', 'RoleBinding', 'NetworkPolicy', 'Pipeline']],
  ['a pipeline that runs as a cdk8s-plus ServiceAccount and reads a cdk8s-plus Secret it references', 'With cdk8s-plus', 0, CHART
    + "const pushTask = new SecureTask(chart, 'push', { trusted: true, workspaces: [{ name: 'registry-credentials', domain: TrustDomain.CREDENTIALS }], "
    + "steps: [{ name: 'check', image, env: { DIR: '$(workspaces.registry-credentials.path)' }, script: '#!/bin/sh\\ntest -s \"$DIR/config.json\"\\n' }] });\n",
  ['ServiceAccount', 'Task', 'Pipeline', 'PipelineRun']],
  ['a cdk8s-plus Deployment that runs as a LeastPrivilegeServiceAccount, in a restricted namespace', 'With cdk8s-plus', 1, CHART
    + "new HardenedNamespace(chart, 'ci');\n", ['ServiceAccount', 'Role', 'RoleBinding', 'Deployment', 'Namespace']],
  ['a pipeline whose pods resolve names through NodeLocal DNSCache', 'Egress', 0, CHART
    + "const goBuild = new SecureTask(chart, 'go-build', { steps: [{ name: 'build', image, script: '#!/bin/sh\\necho build\\n' }] });\n", ['NetworkPolicy', 'Pipeline']],
  ['cluster configuration', 'Cluster configuration and supply chain', 0, CHART + "const chainsChart = new Chart(app, 'chains');\n", ['ConfigMap', 'ConfigMap', 'Namespace', 'NetworkPolicy']],
  ['admission policies', 'Admission policies', 0, "const app = Testing.app();\nconst clusterChart = new Chart(app, 'cluster');\n", ['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding']],
  ['admission policies that warn while they are rolled out, with the reason', 'Admission policies', 1, "const app = Testing.app();\nconst clusterChart = new Chart(app, 'cluster');\n",
    ['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding']],
  ['admission policies admitting pinned remote references', 'Admission policies', 2, "const app = Testing.app();\nconst clusterChart = new Chart(app, 'cluster');\n",
    ['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding']],
];

/** One module: each example in a function of its own that returns its app. */
const MODULE = IMPORTS + EXAMPLES.map(([, section, index, prelude], i) =>
  `export function example${i}() {\n${prelude}${withoutAssumptions(codeBlocks(readmeSection(section), 'ts')[index])}return app;\n}\n`).join('\n');

test('every example compiles against the API', () => {
  expect(typeErrors(MODULE)).toEqual([]);
}, 120_000);

describe('each example synthesizes', () => {
  const module = runApp(MODULE, library) as { [name: string]: () => App };
  test.each(EXAMPLES.map(([what, , , , kinds], i) => [what, i, kinds] as const))('%s, writing its objects', (_, i, kinds) => {
    const app = module[`example${i}`]();
    const written = app.charts.flatMap((c) => Testing.synth(c)).map((o) => o.kind);
    expect(written).toEqual(expect.arrayContaining(kinds));
  });
});

test('the cdk8s-plus snippet writes one ServiceAccount, by cdk8s-plus, and no Secret', () => {
  const module = runApp(MODULE, library) as { [name: string]: () => App };
  const i = EXAMPLES.findIndex(([, section, index]) => section === 'With cdk8s-plus' && index === 0);
  const written = module[`example${i}`]().charts.flatMap((c) => Testing.synth(c));
  expect(written.filter((o) => o.kind === 'ServiceAccount').map((o) => o.metadata.name)).toEqual(['builder']);
  expect(written.filter((o) => o.kind === 'Secret')).toEqual([]);
});
