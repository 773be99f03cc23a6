/**
 * The golden path as README.md shows it ("## The golden path"), on top of the chart,
 * credentials and namespace it uses but does not define: it compiles, synthesizes with
 * every check of the catalogue, and writes what its comments say.
 */
import * as library from '../../src';
import { readmeExample } from '../helpers/readme-snippet';

/** What the example uses but does not define: the app, its chart in namespace ci (baseline, for kaniko), the README's credentials. */
const PRELUDE = `import { Chart, Testing } from 'cdk8s';
import {
  ContainerBuild, Coschedule, Deploy, EgressPeer, EgressPort, GitClone, GitCredential, HardenedNamespace, ImagePush, ImageSigner, ImageVerify, PodSecurityLevel,
  PodSecurityMode, RegistryCredential, RelaxationTarget, RuleId, SecurePipeline, TektonFeatureFlags, TrustDomain,
} from 'cdk8s-secure-tekton';

export const app = Testing.app();
const chart = new Chart(app, 'release', { namespace: 'ci' });
new HardenedNamespace(chart, 'ci', {
  name: 'ci',
  enforce: PodSecurityLevel.BASELINE,
  relaxations: [{ rule: RuleId.NAMESPACE_RESTRICTED, target: RelaxationTarget.podSecurityMode(PodSecurityMode.ENFORCE), reason: 'ContainerBuild runs kaniko as root' }],
});
const git = new GitCredential(chart, 'git', {
  secretName: 'git-deploy-key',
  url: 'git@github.com:example/app.git',
  knownHosts: 'github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl',
});
const registry = new RegistryCredential(chart, 'registry', { secretName: 'registry-push' });
`;

const chartOf = readmeExample('The golden path', PRELUDE, library);

describe('the example, synthesized', () => {
  const [release, cluster] = ['release', 'cluster'].map(chartOf);
  const pipeline = release.find((o) => o.kind === 'Pipeline');

  test('clone, build, push, verify and deploy run in that order: verify after push through the image it takes from push\'s results', () => {
    expect(pipeline.spec.tasks.map((t: any) => [t.name, t.runAfter ?? []])).toEqual([
      ['clone', []], ['build', ['clone']], ['push', ['build']], ['verify', []], ['deploy', ['verify']],
    ]);
    expect(pipeline.spec.tasks[3].params).toEqual([{ name: 'image', value: '$(tasks.push.results.IMAGE_URL)@$(tasks.push.results.IMAGE_DIGEST)' }]);
    // deploy pins the manifests' image to the digest verify verified
    expect(pipeline.spec.tasks[4].params).toEqual([{ name: 'image-digest', value: '$(tasks.verify.results.digest)' }]);
  });

  test("the registry Secret is listed under the run ServiceAccount's imagePullSecrets, for Chains, and nothing under secrets", () => {
    const account = release.find((o) => o.kind === 'ServiceAccount');
    expect([account.metadata.name, account.imagePullSecrets, account.secrets]).toEqual(['release-runner', [{ name: 'registry-push' }], undefined]);
  });

  test('the cluster chart turns the Affinity Assistant off', () => {
    expect(cluster.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'feature-flags').data.coschedule).toBe('disabled');
  });
});
