/**
 * The benchmark workload: N pipelines of 6 SecureTasks each (clone -> lint + unit-test
 * -> build -> scan -> push), each with a DAG, egress allowances, an API-free
 * least-privilege ServiceAccount with one secret grant, and one SecurePipelineRun.
 * Built only through the public API of the library ('../src').
 *
 * Two layouts of the same objects (same names, same YAML):
 * - 'per-chart': one cdk8s Chart per pipeline (what `cdk8s synth` writes as one file per pipeline);
 * - 'single-chart': every pipeline in one Chart, each under its own plain Construct scope.
 */
import { ApiObject, App, Chart, JsonPatch, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { gitCloneTask, GOLANG_IMAGE, kanikoPushTask } from '../examples/build-pipeline/app';
import {
  EgressPeer, EgressPort, ParamConstraint, RelaxationTarget, RuleId, RunWorkspace,
  SecurePipeline, SecurePipelineRun, SecureTask, TrustDomain,
} from '../src';

export type Layout = 'per-chart' | 'single-chart';
export const LAYOUTS: Layout[] = ['per-chart', 'single-chart'];

const NAMESPACE = 'ci';

const GOLANGCI_IMAGE =
  'docker.io/golangci/golangci-lint:v1.62.2-alpine@sha256:0f3af3929517ed4afa1f1bcba4eae827296017720e08ecd5c68b9f0640bc310d';
const TRIVY_IMAGE =
  'docker.io/aquasec/trivy:0.58.1@sha256:0d6d5a9c4c8bd0ad0f7bf7a5d0c9d1c8e3e2f8a7f9d1f6f0d0f9b0c6c1a2b3c4';

const BIG = { cpuRequest: '500m', cpuLimit: '2', memoryRequest: '512Mi', memoryLimit: '2Gi' };

/** `p0042`: the name prefix of pipeline i. */
export function prefix(i: number): string {
  return `p${String(i).padStart(4, '0')}`;
}

/** One pipeline (6 tasks, pipeline, run) under `scope`; every object name starts with prefix(i). */
export function buildPipeline(scope: Construct, i: number): void {
  const p = prefix(i);
  const hex = ((i * 2654435761) % 2 ** 32).toString(16).padStart(8, '0');
  const revision = hex.repeat(5);

  const clone = gitCloneTask(scope, `${p}-git-clone`);

  const lint = new SecureTask(scope, `${p}-lint`, {
    description: 'Static analysis of the checkout (user code: no credentials).',
    parameters: [{ name: 'config', description: 'golangci-lint configuration file', defaultValue: '.golangci.yml' }],
    workspaces: [{ name: 'source', domain: TrustDomain.SOURCE, readOnly: true }],
    steps: [{
      name: 'golangci-lint',
      image: GOLANGCI_IMAGE,
      workingDir: '$(workspaces.source.path)',
      env: { CONFIG: '$(params.config)', GOCACHE: '/tmp/go-cache', GOPATH: '/tmp/go', GOLANGCI_LINT_CACHE: '/tmp/lint-cache', GOFLAGS: '-mod=vendor' },
      resources: BIG,
      script: '#!/bin/sh\nset -eu\ngolangci-lint run --config "$CONFIG" --timeout 10m ./...\n',
    }],
  });

  const test = new SecureTask(scope, `${p}-unit-test`, {
    description: 'Unit tests with coverage (user code: no credentials).',
    parameters: [
      { name: 'revision', description: 'Commit under test', constraint: ParamConstraint.gitSha() },
      { name: 'packages', description: 'Packages to test', defaultValue: './...' },
    ],
    workspaces: [{ name: 'source', domain: TrustDomain.SOURCE, readOnly: true }],
    results: [{ name: 'coverage', description: 'Total statement coverage' }],
    steps: [
      {
        name: 'test',
        image: GOLANG_IMAGE,
        workingDir: '$(workspaces.source.path)',
        env: { REVISION: '$(params.revision)', PACKAGES: '$(params.packages)', GOCACHE: '/tmp/go-cache', GOPATH: '/tmp/go', GOFLAGS: '-mod=vendor' },
        resources: BIG,
        script: '#!/bin/sh\nset -eu\necho "testing $REVISION"\ngo test -race -coverprofile=/tmp/cover.out $PACKAGES\n',
      },
      {
        name: 'coverage',
        image: GOLANG_IMAGE,
        workingDir: '$(workspaces.source.path)',
        env: { GOCACHE: '/tmp/go-cache', GOPATH: '/tmp/go' },
        script: '#!/bin/sh\nset -eu\ngo tool cover -func=/tmp/cover.out | tail -n1 | awk \'{print $3}\' | tr -d "\\n" > "$(results.coverage.path)"\n',
      },
    ],
  });

  const build = new SecureTask(scope, `${p}-go-build`, {
    description: 'Compile the checked-out code (user code: no credentials).',
    workspaces: [
      { name: 'source', domain: TrustDomain.SOURCE, readOnly: true },
      { name: 'output', domain: TrustDomain.OUTPUT },
    ],
    steps: [{
      name: 'build',
      image: GOLANG_IMAGE,
      workingDir: '$(workspaces.source.path)',
      env: { OUT: '$(workspaces.output.path)', CGO_ENABLED: '0', GOCACHE: '/tmp/go-cache', GOPATH: '/tmp/go', GOFLAGS: '-mod=vendor', GOPROXY: 'off' },
      resources: BIG,
      script: '#!/bin/sh\nset -eu\ngo build -trimpath -o "$OUT/app" .\n',
    }],
  });

  const scan = new SecureTask(scope, `${p}-scan`, {
    description: 'Scan the build output for known vulnerabilities.',
    parameters: [{ name: 'severity', description: 'Lowest severity that fails the scan', defaultValue: 'HIGH', constraint: ParamConstraint.oneOf(['MEDIUM', 'HIGH', 'CRITICAL']) }],
    workspaces: [{ name: 'output', domain: TrustDomain.OUTPUT, readOnly: true }],
    results: [{ name: 'report', description: 'Number of findings' }],
    steps: [{
      name: 'trivy',
      image: TRIVY_IMAGE,
      env: { SEVERITY: '$(params.severity)', TARGET: '$(workspaces.output.path)', TRIVY_CACHE_DIR: '/tmp/trivy' },
      resources: BIG,
      script: '#!/bin/sh\nset -eu\ntrivy fs --exit-code 1 --severity "$SEVERITY" --format json -o /tmp/report.json "$TARGET"\nprintf "0" > "$(results.report.path)"\n',
    }],
  });

  const push = kanikoPushTask(scope, `${p}-kaniko-push`);

  const pipeline = new SecurePipeline(scope, `${p}-build`, {
    description: 'Clone one commit, lint and test it, build it without credentials, scan it, push it from a trusted task.',
    parameters: [
      { name: 'git-url', description: 'Repository to clone' },
      { name: 'git-revision', description: 'Commit SHA (40 hex)' },
      { name: 'image', description: 'Image repository, without tag' },
      { name: 'image-tag', description: 'Tag to push' },
      { name: 'severity', description: 'Lowest severity that fails the scan', defaultValue: 'HIGH' },
    ],
    workspaces: [
      { name: 'source', domain: TrustDomain.SOURCE },
      { name: 'output', domain: TrustDomain.OUTPUT },
      { name: 'git-credentials', domain: TrustDomain.CREDENTIALS },
      { name: 'registry-credentials', domain: TrustDomain.CREDENTIALS },
    ],
    // as in the build example: kaniko runs the Dockerfile's RUN lines beside the registry credentials
    relaxations: [{ rule: RuleId.CREDENTIALS_WITH_REPO_CODE, target: RelaxationTarget.task('push'), reason: 'the example push task builds with kaniko until build and push are split' }],
  });
  const cloneTask = pipeline.addTask({
    task: clone,
    name: 'clone',
    parameters: { url: '$(params.git-url)', revision: '$(params.git-revision)' },
    workspaces: { source: 'source', ssh: 'git-credentials' },
  });
  pipeline.addTask({ task: lint, name: 'lint', runAfter: ['clone'], workspaces: { source: 'source' }, hermetic: true });
  pipeline.addTask({
    task: test,
    name: 'unit-test',
    parameters: { revision: cloneTask.result('commit') },
    workspaces: { source: 'source' },
    hermetic: true,
  });
  pipeline.addTask({ task: build, name: 'build', runAfter: ['lint', 'unit-test'], workspaces: { source: 'source', output: 'output' }, hermetic: true });
  const scanTask = pipeline.addTask({
    task: scan,
    name: 'scan',
    runAfter: ['build'],
    parameters: { severity: '$(params.severity)' },
    workspaces: { output: 'output' },
  });
  const pushTask = pipeline.addTask({
    task: push,
    name: 'push',
    runAfter: ['scan'],
    parameters: { 'image': '$(params.image)', 'image-tag': '$(params.image-tag)' },
    workspaces: { source: 'source', output: 'output', dockerconfig: 'registry-credentials' },
  });
  for (const cidr of ['140.82.112.0/20', '192.30.252.0/22']) cloneTask.allowEgressTo(EgressPeer.cidr(cidr), [EgressPort.tcp(443)]);
  scanTask.allowEgressTo(EgressPeer.cidr('185.199.108.0/22'), [EgressPort.tcp(443)]);
  pushTask.allowEgressTo(EgressPeer.cidr(`10.${Math.floor(i / 256) % 256}.${i % 256}.0/24`), [EgressPort.tcp(443), EgressPort.tcp(5000)]);
  pipeline.egress.allow(EgressPeer.pods({ app: 'build-cache' }, 'build-cache'), [EgressPort.tcp(8080)]);

  new SecurePipelineRun(scope, `${p}-run`, {
    pipeline,
    // a named run stays in the chart's file (a run with a generateName goes to runs/, which plain cdk8s cannot do)
    generateName: false,
    parameters: {
      'git-url': `ssh://git@ssh.github.com:443/example/app-${i}.git`,
      'git-revision': revision,
      'image': `registry.example.com/team/app-${i}`,
      'image-tag': `v1.${i}.0`,
    },
    workspaces: {
      'source': RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1) }),
      'output': RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(5) }),
      'git-credentials': RunWorkspace.secret(`${p}-git-deploy-key`),
      'registry-credentials': RunWorkspace.secret(`${p}-registry-push`),
    },
    // as in the build example: build and push bind two claims, which the cluster's coschedule "disabled" allows
    relaxations: [{ rule: RuleId.AFFINITY_ASSISTANT_CLAIMS, reason: 'the cluster sets coschedule "disabled", so a TaskRun may bind two claims' }],
  });
}

/** The construct app of n pipelines in the given layout, writing to `outdir` on synth(). */
export function buildConstructApp(n: number, layout: Layout, outdir = '/nonexistent'): App {
  const app = new App({ outdir });
  if (layout === 'per-chart') {
    for (let i = 0; i < n; i++) buildPipeline(new Chart(app, prefix(i), { namespace: NAMESPACE }), i);
  } else {
    const chart = new Chart(app, 'ci', { namespace: NAMESPACE });
    for (let i = 0; i < n; i++) buildPipeline(new Construct(chart, prefix(i)), i);
  }
  return app;
}

/** What the baseline needs to rebuild an app: per chart, its id, namespace and object JSON in synth order. */
export interface ChartSnapshot {
  readonly id: string;
  readonly namespace?: string;
  readonly objects: any[];
}

/**
 * Synthesizes `app` with `method` (synth() writes its files to the app's outdir; synthYaml()
 * returns the YAML) and returns, per chart, the objects exactly as that synth emitted
 * them (what each `chart.toJson()` returned, in cdk8s' order), deep-copied. The library
 * pins and seals the JSON it checked for the duration of a synth only, so the objects are
 * taken from inside the synth: a `toJson()` called afterwards recomputes them without the
 * relaxation records.
 */
export function synthesizeAndCapture(app: App, method: 'synth' | 'synthYaml' = 'synthYaml'): { yaml?: string; charts: ChartSnapshot[] } {
  const charts = app.charts;
  const captured = new Map<Chart, any[]>();
  for (const chart of charts) {
    const toJson = chart.toJson.bind(chart);
    Object.defineProperty(chart, 'toJson', {
      configurable: true,
      writable: true,
      value: () => {
        const objects = toJson();
        captured.set(chart, objects);
        return objects;
      },
    });
  }
  let yaml: string | undefined;
  try {
    if (method === 'synth') app.synth();
    else yaml = app.synthYaml();
  } finally {
    for (const chart of charts) delete (chart as any).toJson;
  }
  return {
    yaml,
    charts: charts.map((chart) => ({ id: chart.node.id, namespace: chart.namespace, objects: structuredClone(captured.get(chart)!) })),
  };
}

/** A JSON patch `replace` operation. */
export interface Replace {
  readonly path: string;
  readonly value: any;
}

/** One object of the baseline: the props of a plain ApiObject and the JSON patches that make it emit the library's JSON. */
export interface PlainObject {
  readonly props: any;
  readonly patches: Replace[];
}

/** The baseline's charts, ready to build (see preparePlain). */
export interface PlainChart {
  readonly id: string;
  readonly namespace?: string;
  readonly objects: PlainObject[];
}

/**
 * Prepares the baseline (untimed): for each object the library emitted, the props of
 * a `new ApiObject(chart, id, props)` and the JSON patches a cdk8s user would need to
 * make it emit the same JSON. A plain ApiObject sorts every object's keys and invents
 * a metadata.name; the library writes a PipelineRun with only metadata.generateName
 * and appends its relaxation annotations and seal after name and namespace. Where the
 * keys of an object (set or order) differ from what the plain ApiObject renders, one
 * `replace` patch puts the library's value there. Values themselves are never patched.
 */
export function preparePlain(charts: ChartSnapshot[]): PlainChart[] {
  const scratch = new Chart(new App({ outdir: '/nonexistent' }), 'scratch');
  return charts.map((c) => ({
    id: c.id,
    namespace: c.namespace,
    objects: c.objects.map((json, k) => {
      const props = structuredClone(json);
      const rendered = new ApiObject(new Chart(scratch, `c${c.id}-${k}`, { namespace: c.namespace }), 'o', props).toJson();
      return { props, patches: keyOrderPatches(rendered, json, '') };
    }),
  }));
}

function keyOrderPatches(actual: any, wanted: any, pointer: string): Replace[] {
  if (typeof wanted !== 'object' || wanted === null || typeof actual !== 'object' || actual === null) return [];
  if (Array.isArray(wanted)) {
    return Array.isArray(actual) ? wanted.flatMap((w, i) => keyOrderPatches(actual[i], w, `${pointer}/${i}`)) : [];
  }
  const keys = Object.keys(wanted);
  // the top level is reordered by ApiObject.toJson() itself (apiVersion, kind, metadata, rest)
  if (pointer !== '' && Object.keys(actual).join('\0') !== keys.join('\0')) return [{ path: pointer, value: structuredClone(wanted) }];
  return keys.flatMap((key) => keyOrderPatches(actual[key], wanted[key], `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`));
}

/** The baseline: an app of plain `new ApiObject(chart, id, props)` (plus patches) that emits the identical YAML. */
export function buildPlainApp(charts: PlainChart[], outdir = '/nonexistent'): App {
  const app = new App({ outdir });
  for (const c of charts) {
    const chart = new Chart(app, c.id, { namespace: c.namespace });
    c.objects.forEach((o, k) => {
      const apiObject = new ApiObject(chart, `o${k}`, o.props);
      if (o.patches.length > 0) apiObject.addJsonPatch(...o.patches.map((p) => JsonPatch.replace(p.path, p.value)));
    });
  }
  return app;
}

/**
 * The same objects regrouped: every pipeline in one chart ('single-chart'), or one chart
 * per pipeline ('per-chart', chart id = the pipeline's name prefix). Every object name
 * starts with the prefix of its pipeline.
 */
export function regroup(charts: ChartSnapshot[], layout: Layout): ChartSnapshot[] {
  const all = charts.flatMap((c) => c.objects.map((o) => ({ o, namespace: c.namespace })));
  if (layout === 'single-chart') return [{ id: 'ci', namespace: NAMESPACE, objects: all.map((x) => x.o) }];
  const byPrefix = new Map<string, ChartSnapshot & { objects: any[] }>();
  for (const { o, namespace } of all) {
    const name: string = o.metadata?.name ?? o.metadata?.generateName;
    const id = name.split('-')[0];
    if (!byPrefix.has(id)) byPrefix.set(id, { id, namespace, objects: [] });
    byPrefix.get(id)!.objects.push(o);
  }
  return [...byPrefix.values()];
}
