/**
 * A conditional release: test every commit, release only from the main branch and only
 * when the tests passed, and always report how it went.
 *
 * - clone (GitClone): fetches the commit `git-revision` of the public repository `git-url`
 *   into the workspace the tests mount read-only.
 * - test: runs the tests with `onError: continue`, so that a failing test does not stop
 *   the pipeline at once; a second step turns the test step's exit code into the result
 *   `outcome` (`passed` or `failed`) and fails the task after recording it.
 * - release: runs only when `$(params.branch)` is `main` and the tests passed (two when
 *   expressions; the result reference orders it after the tests). It records the released
 *   commit in the ConfigMap `app-release`, the only object its API grant names.
 * - notify (finally): receives the status of both tasks, `$(tasks.<task>.status)`, which
 *   only finally tasks can read, and the pipeline result `outcome`.
 */
import { App, Chart, ChartProps, Size } from 'cdk8s';
import { Construct } from 'constructs';
import {
  ApiVerb, EgressPeer, EgressPort, GitClone, ParamConstraint, RunWorkspace, SecurePipeline, SecurePipelineRun, SecureTask, StepOnError, TrustDomain,
  WhenExpression,
} from '../../src';
import { ALPINE_IMAGE, GOLANG_IMAGE } from '../build-pipeline/app';

/** kubectl, as pinned by the Tekton catalog's kubernetes-actions task 0.2. */
export const KUBECTL_IMAGE = 'gcr.io/cloud-builders/kubectl@sha256:8ab94be8b2b4f3d117f02d868b39540fddd225447abf4014f7ba4765cb39f753';

/** The pipeline and its tasks. */
export class ConditionalDeployChart extends Chart {
  /** The pipeline. */
  public readonly pipeline: SecurePipeline;

  constructor(scope: Construct, id: string, props: ChartProps & { readonly apiServerCidr: string }) {
    super(scope, id, props);
    const test = new SecureTask(this, 'test', {
      description: 'Run the unit tests; record whether they passed.',
      workspaces: [{ name: 'source', domain: TrustDomain.SOURCE, readOnly: true }],
      results: [{ name: 'outcome', description: 'passed or failed' }],
      steps: [{
        name: 'unit',
        image: GOLANG_IMAGE,
        workingDir: '$(workspaces.source.path)',
        env: { GOCACHE: '/tmp/go-cache', GOPATH: '/tmp/go', CGO_ENABLED: '0', GOFLAGS: '-mod=vendor' },
        onError: StepOnError.CONTINUE,
        resources: { cpuRequest: '500m', cpuLimit: '2', memoryRequest: '512Mi', memoryLimit: '2Gi' },
        script: '#!/bin/sh\nset -eu\ngo test ./...\n',
      }, {
        name: 'outcome',
        image: ALPINE_IMAGE,
        script: [
          '#!/bin/sh',
          'set -eu',
          'if [ "$(cat $(steps.unit.exitCode.path))" = 0 ]; then printf passed > $(results.outcome.path); exit 0; fi',
          'printf failed > $(results.outcome.path)',
          'exit 1',
          '',
        ].join('\n'),
      }],
    });
    const release = new SecureTask(this, 'release', {
      description: 'Record the released commit in the ConfigMap app-release.',
      parameters: [{ name: 'revision', constraint: ParamConstraint.gitSha() }],
      steps: [{
        name: 'record',
        image: KUBECTL_IMAGE,
        env: { REVISION: '$(params.revision)' },
        script: [
          '#!/bin/sh',
          'set -eu',
          'kubectl get configmap app-release -o name',
          'kubectl create configmap app-release --from-literal=revision="$REVISION" --dry-run=client -o yaml | kubectl replace -f -',
          '',
        ].join('\n'),
      }],
    });
    const notify = new SecureTask(this, 'notify', {
      description: 'Report how the tests and the release went.',
      parameters: [{ name: 'tests' }, { name: 'release' }, { name: 'outcome', defaultValue: 'unknown' }],
      steps: [{
        name: 'report',
        image: ALPINE_IMAGE,
        env: { TESTS: '$(params.tests)', RELEASE: '$(params.release)', OUTCOME: '$(params.outcome)' },
        script: '#!/bin/sh\necho "tests: $TESTS ($OUTCOME), release: $RELEASE"\n',
      }],
    });

    this.pipeline = new SecurePipeline(this, 'pipeline', {
      name: 'conditional-deploy',
      parameters: [{ name: 'git-url' }, { name: 'branch' }, { name: 'git-revision' }],
      workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }],
    });
    // the source the tests read (they mount it read-only: without a task that writes it, the run's new claim stays empty)
    const clone = this.pipeline.addTask({
      task: new GitClone(this, 'git-clone'),
      name: 'clone',
      parameters: { url: '$(params.git-url)', revision: '$(params.git-revision)' },
      workspaces: { source: 'source' },
    });
    clone.allowEgressTo(EgressPeer.cidr('140.82.112.0/20'), [EgressPort.tcp(443)]); // github.com over https
    const tests = this.pipeline.addTask({ task: test, workspaces: { source: 'source' }, hermetic: true, runAfter: [clone] });
    const rel = this.pipeline.addTask({
      task: release,
      parameters: { revision: '$(params.git-revision)' },
      when: [WhenExpression.oneOf('$(params.branch)', ['main']), WhenExpression.oneOf(tests.result('outcome'), ['passed'])],
    });
    // the API server, for this task's pod alone; the grant names one ConfigMap
    rel.grantApi({ resource: 'configmaps', verbs: [ApiVerb.GET, ApiVerb.UPDATE], resourceNames: ['app-release'] });
    // network policies see the API server's endpoint addresses (here a documentation address: use your cluster's)
    rel.allowEgressTo(EgressPeer.cidr(props.apiServerCidr), [EgressPort.tcp(6443)]);
    this.pipeline.addResult({ name: 'outcome', value: tests.result('outcome') });
    this.pipeline.addFinally({ task: notify, parameters: { tests: tests.status, release: rel.status, outcome: tests.result('outcome') }, hermetic: true });
  }
}

/** A run of the pipeline (generateName: `kubectl create` it). */
export class ConditionalDeployRunChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps & { readonly pipeline: SecurePipeline }) {
    super(scope, id, props);
    new SecurePipelineRun(this, 'run', {
      pipeline: props.pipeline,
      parameters: { 'git-url': 'https://github.com/example/app.git', 'branch': 'main', 'git-revision': '0123456789abcdef0123456789abcdef01234567' },
      workspaces: { source: RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1) }) },
    });
  }
}

/** The example app, as `npx projen examples` synthesizes it. */
export function conditionalDeployApp(outdir: string): App {
  const app = new App({ outdir });
  const pipelines = new ConditionalDeployChart(app, 'conditional-deploy', { namespace: 'ci', apiServerCidr: '192.0.2.10/32' });
  new ConditionalDeployRunChart(app, 'conditional-deploy-run', { namespace: 'ci', pipeline: pipelines.pipeline });
  return app;
}
