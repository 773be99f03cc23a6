import { shipwrightBuildCredentialProblems, shipwrightStrategyCredentialProblems } from '../../src/private/shipwright-credentials';

const IMAGE = 'registry.example.com/tools/builder@sha256:' + 'd'.repeat(64);
/** A strategy whose second step, unnamed, builds the Dockerfile of the cloned source and pushes the image itself, with `auth` mounted. */
const strategy = {
  apiVersion: 'shipwright.io/v1beta1',
  kind: 'ClusterBuildStrategy',
  metadata: { name: 'bud-push' },
  spec: {
    volumes: [{ name: 'auth', secret: { secretName: 'registry-auth' } }],
    steps: [
      { name: 'prepare', image: IMAGE, command: ['/bin/sh', '-c', 'mkdir -p /tmp/out'] },
      {
        image: IMAGE,
        workingDir: '$(params.shp-source-context)',
        command: ['/bin/bash', '-c'],
        args: ['buildah bud -t "$(params.shp-output-image)" . && buildah push "$(params.shp-output-image)"'],
        volumeMounts: [{ name: 'auth', mountPath: '/auth' }],
      },
    ],
  },
};
const build = {
  apiVersion: 'shipwright.io/v1beta1',
  kind: 'Build',
  metadata: { name: 'web', namespace: 'ci' },
  spec: {
    source: { type: 'Git', git: { url: 'https://github.com/example/web' } },
    strategy: { kind: 'ClusterBuildStrategy', name: 'bud-push' },
    output: { image: 'registry.example.com/web', pushSecret: 'registry-push' },
  },
};

describe('an unnamed step of a strategy is unnamed-<index>, as Tekton names its container step-unnamed-<index>', () => {
  test('the strategy\'s own Secret', () => {
    expect(shipwrightStrategyCredentialProblems(strategy).map((p) => [p.location, p.target, p.property])).toEqual([["step 'unnamed-1'", 'step/unnamed-1', 'command']]);
  });

  test('the Build\'s pushSecret', () => {
    expect(shipwrightBuildCredentialProblems(build, [build, strategy]).map((p) => [p.location, p.target, p.property]))
      .toEqual([["strategy ClusterBuildStrategy 'bud-push' step 'unnamed-1'", 'step/unnamed-1', 'command']]);
  });
});
