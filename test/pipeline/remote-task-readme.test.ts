/**
 * The README's remote task example ("## Remote tasks and verification"), as written
 * there, on top of the pipeline and git credential the README builds before it: it
 * compiles, synthesizes, and writes what its comments say.
 */
import * as library from '../../src';
import { readmeExample } from '../helpers/readme-snippet';

/** What the example uses but does not define: the README's git credential and a pipeline with the params and workspaces it binds. */
const PRELUDE = `import { Chart, Testing } from 'cdk8s';
import {
  GitClone, GitCredential, RemoteTask, SecurePipeline, TaskContent, TrustDomain, VerificationKey, VerificationPolicy,
} from 'cdk8s-secure-tekton';

export const app = Testing.app();
const chart = new Chart(app, 'ci', { namespace: 'ci' });
const git = new GitCredential(chart, 'git', {
  secretName: 'git-deploy-key',
  url: 'git@github.com:example/app.git',
  knownHosts: 'github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl',
});
const pipeline = new SecurePipeline(chart, 'build', {
  parameters: [{ name: 'git-url' }, { name: 'git-revision' }],
  workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }, { name: 'git-credentials', domain: TrustDomain.CREDENTIALS }],
});
`;

const chartOf = readmeExample('Remote tasks and verification', PRELUDE, library);

describe('the example, synthesized', () => {
  const [ci, published] = ['ci', 'published-tasks'].map(chartOf);

  test('the pipeline task fetches git-clone through the bundles resolver, pinned by digest', () => {
    const pipeline = ci.find((o) => o.kind === 'Pipeline');
    expect(pipeline.spec.tasks).toEqual([expect.objectContaining({
      name: 'git-clone',
      taskRef: {
        resolver: 'bundles',
        params: [
          { name: 'bundle', value: 'ghcr.io/example/tekton-tasks@sha256:4b0c8c0d29b0ed5ae3c34e8d27ff7d4a6e2dfcff6f56a4a9b7c5b4d6e3f2a1b0' },
          { name: 'name', value: 'git-clone' },
          { name: 'kind', value: 'task' },
        ],
      },
      workspaces: [{ name: 'git-credentials', workspace: 'git-credentials' }, { name: 'source', workspace: 'source' }],
    })]);
  });

  test('the VerificationPolicy matches exactly the bundle\'s repository', () => {
    const policy = ci.find((o) => o.kind === 'VerificationPolicy');
    expect(policy.spec.resources).toEqual([{ pattern: '^ghcr\\.io/example/tekton-tasks$' }]);
  });

  test('the published chart holds the Task to sign and push, and the pipeline\'s chart holds no Task', () => {
    expect(published.filter((o) => o.kind === 'Task').map((o) => o.metadata.name)).toEqual(['git-clone']);
    expect(ci.filter((o) => o.kind === 'Task')).toEqual([]);
  });
});
