/**
 * A multi-platform build with a matrix: one TaskRun per platform, from one exact commit.
 *
 * - clone: Tekton's git-init fetches one commit (a 40-hex SHA, checked first) over https
 *   from a public repository; it is the only task that reaches GitHub.
 * - build: fans out over the `platforms` array param (a matrix), cross-compiles with
 *   GOOS/GOARCH and writes the binary's digest as a result; hermetic, no network.
 * - The pipeline result `digests` holds every TaskRun's digest (the matrixed result,
 *   whole), and the finally task `report` receives them as an array param, which its
 *   step reads from /tmp/params/digests, one per line.
 */
import { App, Chart, ChartProps, Size } from 'cdk8s';
import { Construct } from 'constructs';
import {
  EgressPeer, EgressPort, ParamConstraint, ParamType, RunWorkspace, SecurePipeline, SecurePipelineRun, SecureTask, TrustDomain,
} from '../../src';
import { ALPINE_IMAGE, GIT_INIT_IMAGE, GOLANG_IMAGE } from '../build-pipeline/app';

/** The pipeline and its tasks. */
export class MultiPlatformBuildChart extends Chart {
  /** The pipeline. */
  public readonly pipeline: SecurePipeline;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    const clone = new SecureTask(this, 'clone', {
      description: 'Fetch one exact commit of a public repository over https (runs git only).',
      parameters: [
        { name: 'url', description: 'https URL of the repository', constraint: ParamConstraint.pattern('^https://[a-zA-Z0-9./_-]+$', 'an https URL') },
        { name: 'revision', description: 'Commit SHA', constraint: ParamConstraint.gitSha() },
      ],
      workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }],
      results: [{ name: 'commit' }],
      steps: [{
        name: 'clone',
        image: GIT_INIT_IMAGE,
        command: ['/ko-app/git-init'],
        args: ['-url=$(params.url)', '-revision=$(params.revision)', '-path=$(workspaces.source.path)', '-submodules=false', '-depth=1'],
      }, {
        name: 'commit',
        image: ALPINE_IMAGE,
        env: { REVISION: '$(params.revision)' },
        script: '#!/bin/sh\nset -eu\nprintf %s "$REVISION" > $(results.commit.path)\n',
      }],
    });
    const build = new SecureTask(this, 'build', {
      description: 'Cross-compile for one platform and report the binary\'s digest.',
      parameters: [
        { name: 'platform', description: 'os/arch, e.g. linux/arm64', constraint: ParamConstraint.pattern('^linux/(amd64|arm64|riscv64)$', 'a linux platform') },
        { name: 'ldflags', valueType: ParamType.ARRAY, defaultArray: ['-s', '-w'], description: 'Flags for the Go linker', constraint: ParamConstraint.pattern('^-[a-zA-Z]$', 'a one-letter linker flag') },
      ],
      workspaces: [{ name: 'source', domain: TrustDomain.SOURCE, readOnly: true }],
      results: [{ name: 'digest', description: 'sha256 of the binary' }],
      steps: [{
        name: 'compile',
        image: GOLANG_IMAGE,
        workingDir: '$(workspaces.source.path)',
        env: { PLATFORM: '$(params.platform)', GOCACHE: '/tmp/go-cache', GOPATH: '/tmp/go', CGO_ENABLED: '0', GOFLAGS: '-mod=vendor' },
        resources: { cpuRequest: '500m', cpuLimit: '2', memoryRequest: '512Mi', memoryLimit: '2Gi' },
        script: [
          '#!/bin/sh',
          'set -eu',
          'export GOOS="${PLATFORM%/*}" GOARCH="${PLATFORM#*/}"',
          '# the linker flags, one per line, as the array param step wrote them',
          'LDFLAGS="$(tr \'\\n\' \' \' < /tmp/params/ldflags)"',
          'go build -trimpath -ldflags="$LDFLAGS" -o /tmp/app ./cmd/app',
          'printf \'sha256:%s\' "$(sha256sum /tmp/app | cut -d" " -f1)" > $(results.digest.path)',
          '',
        ].join('\n'),
      }],
    });
    const report = new SecureTask(this, 'report', {
      description: 'Print the digest of every platform\'s binary.',
      parameters: [{ name: 'digests', valueType: ParamType.ARRAY, description: 'One digest per platform' }],
      steps: [{
        name: 'print',
        image: ALPINE_IMAGE,
        script: '#!/bin/sh\nset -eu\nwhile IFS= read -r digest; do echo "built $digest"; done < /tmp/params/digests\n',
      }],
    });

    this.pipeline = new SecurePipeline(this, 'pipeline', {
      name: 'multi-platform-build',
      parameters: [
        { name: 'git-url' },
        { name: 'git-revision' },
        { name: 'platforms', valueType: ParamType.ARRAY, defaultArray: ['linux/amd64', 'linux/arm64'] },
      ],
      workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }],
    });
    const fetch = this.pipeline.addTask({ task: clone, parameters: { url: '$(params.git-url)', revision: '$(params.git-revision)' }, workspaces: { source: 'source' } });
    // GitHub's git ranges (see api.github.com/meta), https only
    for (const cidr of ['140.82.112.0/20', '192.30.252.0/22']) fetch.allowEgressTo(EgressPeer.cidr(cidr), [EgressPort.tcp(443)]);
    const compile = this.pipeline.addTask({
      task: build,
      runAfter: [fetch],
      matrix: { parameters: { platform: ['$(params.platforms[*])'] } },
      workspaces: { source: 'source' },
      hermetic: true,
    });
    this.pipeline.addResult({ name: 'digests', value: `$(tasks.${compile.name}.results.digest[*])`, description: 'One digest per platform' });
    this.pipeline.addFinally({ task: report, arrayParameters: { digests: [`$(tasks.${compile.name}.results.digest[*])`] }, hermetic: true });
  }
}

/** A run of the pipeline (generateName: `kubectl create` it). */
export class MultiPlatformBuildRunChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps & { readonly pipeline: SecurePipeline }) {
    super(scope, id, props);
    new SecurePipelineRun(this, 'run', {
      pipeline: props.pipeline,
      parameters: { 'git-url': 'https://github.com/example/app', 'git-revision': '0123456789abcdef0123456789abcdef01234567' },
      workspaces: { source: RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1) }) },
    });
  }
}

/** The example app, as `npx projen examples` synthesizes it. */
export function multiPlatformBuildApp(outdir: string): App {
  const app = new App({ outdir });
  const pipelines = new MultiPlatformBuildChart(app, 'multi-platform-build', { namespace: 'ci' });
  new MultiPlatformBuildRunChart(app, 'multi-platform-build-run', { namespace: 'ci', pipeline: pipelines.pipeline });
  return app;
}
