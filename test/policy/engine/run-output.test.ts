/**
 * App.synth() writes what kubectl applies to the outdir and the objects with a
 * generateName (runs) to <outdir>/runs/, whatever chart they are in.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, JsonPatch, Names, Size, Yaml, YamlOutputType } from 'cdk8s';
import { Construct } from 'constructs';
import { RunWorkspace, SecurePipeline, SecurePipelineRun, SecureTask, TrustDomain } from '../../../src';
import { isCreateOnly } from '../../../src/policy/engine/run-output';
import { SecureTektonError } from '../../../src/policy/errors';
import { allObjects, isApplicable, isCreatedWithGeneratedName, outputLayout } from '../../helpers/output-layout';

const IMAGE = 'docker.io/library/golang:1.23-alpine@sha256:d0b31558e6b3e4cc59f6011d79905835108c919143ebecc58f35965bf79948f4';

function pipelineIn(chart: Chart): SecurePipeline {
  const task = new SecureTask(chart, 'unit-test', {
    workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }],
    steps: [{ name: 'test', image: IMAGE, workingDir: '$(workspaces.source.path)', script: '#!/bin/sh\ngo test ./...\n' }],
  });
  const pipeline = new SecurePipeline(chart, 'verify', { workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }] });
  pipeline.addTask({ task, workspaces: { source: 'source' } });
  return pipeline;
}

function runOf(scope: Chart, pipeline: SecurePipeline, id = 'run', generateName?: boolean): SecurePipelineRun {
  return new SecurePipelineRun(scope, id, {
    pipeline,
    generateName,
    workspaces: { source: RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1) }) },
  });
}

function app(yamlOutputType?: YamlOutputType): App {
  return new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'run-output-')), yamlOutputType });
}

const kinds = (objects: any[]) => objects.map((o) => o.kind);


/** The refusal of an app's synth; nothing may have been written. */
function refusal(a: App): string {
  try {
    a.synth();
  } catch (e) {
    expect(e).toBeInstanceOf(SecureTektonError);
    expect(fs.readdirSync(a.outdir)).toEqual([]);
    return (e as Error).message;
  }
  throw new Error('synth was not refused');
}
describe('a run in the chart of its pipeline', () => {
  const a = app();
  const chart = new Chart(a, 'ci', { namespace: 'ci' });
  runOf(chart, pipelineIn(chart));
  const everything = chart.toJson();
  a.synth();
  const layout = outputLayout(a.outdir);

  test('the chart file holds what kubectl applies, runs/ the run', () => {
    expect(layout.entries).toEqual(['ci.k8s.yaml', 'runs/', 'runs/ci.k8s.yaml']);
    expect(kinds(layout.applied[0].objects)).toEqual(kinds(everything.filter((o) => o.kind !== 'PipelineRun')));
    expect(kinds(layout.created[0].objects)).toEqual(['PipelineRun']);
    expect(layout.applied.flatMap((f) => f.objects).every(isApplicable)).toBe(true);
    expect(layout.created.flatMap((f) => f.objects).every(isCreatedWithGeneratedName)).toBe(true);
  });

  test('the run is written exactly as checked', () => {
    const run = everything.find((o) => o.kind === 'PipelineRun');
    expect(fs.readFileSync(path.join(a.outdir, 'runs', 'ci.k8s.yaml'), 'utf8')).toBe(Yaml.stringify(run));
    expect(run.metadata).toEqual({ namespace: 'ci', generateName: 'verify-run-' });
  });

  test('outside a synth, the chart gives every object, and the app its charts', () => {
    expect(chart.toJson()).toEqual(everything);
    expect(a.charts).toEqual([chart]);
    expect(Object.getOwnPropertyNames(chart)).not.toContain('toJson');
    expect(Object.getOwnPropertyNames(a)).not.toContain('charts');
  });

  test('synthYaml gives every object', () => {
    expect(a.synthYaml()).toBe(Yaml.stringify(...everything));
  });
});

test('a chart of runs only writes runs/<chart>.k8s.yaml and no file of its own', () => {
  const a = app();
  const ci = new Chart(a, 'ci', { namespace: 'ci' });
  const pipeline = pipelineIn(ci);
  const runs = new Chart(a, 'ci-runs', { namespace: 'ci' });
  runOf(runs, pipeline, 'nightly');
  runOf(runs, pipeline, 'release');
  a.synth();
  const layout = outputLayout(a.outdir);
  expect(layout.entries).toEqual(['ci.k8s.yaml', 'runs/', 'runs/ci-runs.k8s.yaml']);
  expect(layout.created[0].objects.map((o) => o.metadata.generateName)).toEqual(['verify-run-', 'verify-run-']);
});

test('a run with a fixed name stays with the objects of its chart: kubectl apply starts it once', () => {
  const a = app();
  const chart = new Chart(a, 'ci', { namespace: 'ci' });
  runOf(chart, pipelineIn(chart), 'run', false);
  a.synth();
  const layout = outputLayout(a.outdir);
  expect(layout.entries).toEqual(['ci.k8s.yaml']);
  expect(layout.applied[0].objects.find((o) => o.kind === 'PipelineRun').metadata).toEqual({ name: 'verify-run', namespace: 'ci' });
});

test('an app without runs writes no runs/ directory', () => {
  const a = app();
  pipelineIn(new Chart(a, 'ci', { namespace: 'ci' }));
  a.synth();
  expect(outputLayout(a.outdir).entries).toEqual(['ci.k8s.yaml']);
});

test('any object with a generateName goes to runs/, a raw TaskRun as the library\'s runs', () => {
  const a = app();
  const chart = new Chart(a, 'ci', { namespace: 'ci' });
  const pipeline = pipelineIn(chart);
  const raw = new ApiObject(chart, 'raw-run', {
    apiVersion: 'tekton.dev/v1',
    kind: 'TaskRun',
    metadata: { name: 'unit-test-run' },
    spec: {
      taskRef: { name: 'unit-test' },
      serviceAccountName: pipeline.serviceAccountName,
      timeout: '10m0s',
      workspaces: [{ name: 'source', emptyDir: {} }],
      podTemplate: {
        automountServiceAccountToken: false,
        securityContext: { runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532, fsGroup: 65532, seccompProfile: { type: 'RuntimeDefault' } },
      },
    },
  });
  raw.addJsonPatch(JsonPatch.remove('/metadata/name'), JsonPatch.add('/metadata/generateName', 'unit-test-run-'));
  a.synth();
  const layout = outputLayout(a.outdir);
  expect(kinds(layout.created[0].objects)).toEqual(['TaskRun']);
  expect(kinds(layout.applied[0].objects)).not.toContain('TaskRun');
});

describe.each([
  ['FILE_PER_APP', YamlOutputType.FILE_PER_APP, ['app.k8s.yaml', 'runs/', 'runs/ci.k8s.yaml']],
  ['FILE_PER_RESOURCE', YamlOutputType.FILE_PER_RESOURCE, [
    'NetworkPolicy.verify-deny-all.k8s.yaml', 'NetworkPolicy.verify-dns.k8s.yaml', 'Pipeline.verify.k8s.yaml',
    'ServiceAccount.verify-runner.k8s.yaml', 'Task.unit-test.k8s.yaml', 'runs/', 'runs/ci.k8s.yaml',
  ]],
])('yamlOutputType %s', (_name, type, entries) => {
  test('runs go to runs/, the rest where cdk8s writes it', () => {
    const a = app(type);
    const chart = new Chart(a, 'ci', { namespace: 'ci' });
    runOf(chart, pipelineIn(chart));
    a.synth();
    const layout = outputLayout(a.outdir);
    expect(layout.entries).toEqual(entries);
    expect(layout.applied.flatMap((f) => f.objects).every(isApplicable)).toBe(true);
    expect(kinds(layout.created.flatMap((f) => f.objects))).toEqual(['PipelineRun']);
    expect(allObjects(layout)).toHaveLength(6);
  });
});

test('FOLDER_PER_CHART_FILE_PER_RESOURCE is left as cdk8s writes it: one file per object, the run\'s among them', () => {
  const a = app(YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE);
  const chart = new Chart(a, 'ci', { namespace: 'ci' });
  runOf(chart, pipelineIn(chart));
  a.synth();
  expect(outputLayout(a.outdir).entries).toContain('ci/PipelineRun.verify-run.k8s.yaml');
  expect(outputLayout(a.outdir).entries).not.toContain('runs/');
});

test('isCreateOnly: a generateName and no name', () => {
  expect(isCreateOnly({ metadata: { generateName: 'run-' } })).toBe(true);
  expect(isCreateOnly({ metadata: { generateName: 'run-', name: '' } })).toBe(true);
  expect(isCreateOnly({ metadata: { generateName: 'run-', name: 'run' } })).toBe(false);
  expect(isCreateOnly({ metadata: { generateName: '' } })).toBe(false);
  expect(isCreateOnly({ metadata: { name: 'run' } })).toBe(false);
  expect(isCreateOnly(undefined)).toBe(false);
});

describe('called as the jsii runtime calls it (Python, Java, Go)', () => {
  test('through the prototype of the app\'s class, synth writes the runs apart and checks the app once', () => {
    const a = app();
    const chart = new Chart(a, 'ci', { namespace: 'ci' });
    runOf(chart, pipelineIn(chart));
    // the runtime looks a method up on instance.constructor.prototype, never on the instance
    (a.constructor as typeof App).prototype.synth.apply(a, []);
    expect(fs.readdirSync(a.outdir).sort()).toEqual(['ci.k8s.yaml', 'runs']);
    expect(fs.readdirSync(path.join(a.outdir, 'runs'))).toEqual(['ci.k8s.yaml']);
  });

  test('an app without any construct of the library synthesizes as cdk8s does', () => {
    const a = app();
    const chart = new Chart(a, 'plain');
    new ApiObject(chart, 'run', { apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { generateName: 'run-' }, spec: {} });
    a.synth();
    expect(fs.readdirSync(a.outdir)).toEqual(['plain.k8s.yaml']);
  });
});

describe('each chart is read in one walk of the chart, not of the whole app', () => {
  /** An app of `n` charts, a pipeline in each, nested charts and an object written after the one it depends on. */
  function build(n: number): { readonly a: App; readonly validations: () => number } {
    const a = app();
    let count = 0;
    // cdk8s validates the whole app once per synth and again for every chart it reads
    a.node.addValidation({ validate: () => { count++; return []; } });
    for (let i = 0; i < n; i++) {
      const chart = new Chart(a, `team-${i}`, { namespace: `team-${i}` });
      runOf(chart, pipelineIn(chart), 'run', false);
      const nested = new Chart(chart, 'config', { namespace: `team-${i}` });
      const second = new ApiObject(nested, 'second', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'second' } });
      const first = new ApiObject(nested, 'first', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'first' } });
      second.addDependency(first);
    }
    return { a, validations: () => count };
  }

  test.each([['synth'], ['synthYaml']] as const)('%s validates the app once, whatever the number of charts', (method) => {
    const small = build(1);
    const large = build(5);
    small.a[method]();
    large.a[method]();
    expect([small.validations(), large.validations()]).toEqual([1, 1]);
  });

  test('the objects, their order and the files are those of cdk8s\'s own Chart.toJson()', () => {
    const { a } = build(3);
    a.synth();
    // outside a synth, each chart gives its objects through cdk8s (after a check of the whole app);
    // a.charts is in the order synth numbered the files (each chart after the charts nested in it)
    const expected = a.charts.map((c) => Yaml.stringify(...c.toJson()));
    // nested charts: cdk8s numbers the files in the order of the charts (0000-team-0.k8s.yaml, ...)
    const files = fs.readdirSync(a.outdir).filter((f) => f.endsWith('.k8s.yaml')).sort();
    expect(files).toHaveLength(6);
    const written = files.map((f) => fs.readFileSync(path.join(a.outdir, f), 'utf8'));
    expect(written).toEqual(expected);
    expect(a.charts.map((c) => c.node.path).sort()).toEqual(['team-0', 'team-0/config', 'team-1', 'team-1/config', 'team-2', 'team-2/config']);
    // the dependency puts `first` before `second`, in the nested chart's file only
    expect(written.filter((y) => y.includes('kind: ConfigMap')).every((y) => y.indexOf('name: first') < y.indexOf('name: second'))).toBe(true);
    expect(a.synthYaml()).toBe(expected.join('---\n'));
  });

  /** An app whose chart gives its objects through `toJson()`, changed by `edit`. */
  function overriding(edit: (objects: any[]) => any[]): App {
    const a = app();
    class Custom extends Chart {
      public toJson(): any[] {
        return edit(super.toJson());
      }
    }
    const chart = new Custom(a, 'ci', { namespace: 'ci' });
    pipelineIn(chart);
    return a;
  }
  const FIX = 'Add each object as an ApiObject construct of the chart and change objects with JSON patches '
    + "(apiObject.addJsonPatch(JsonPatch.replace('/spec/x', value))), not in toJson(): synth checks those; or remove the toJson() override.";

  test('a chart class with a toJson of its own is asked, and may return what synth checked, or copies of it', () => {
    const a = overriding((objects) => objects);
    a.synth();
    // as a chart written in another language returns them: equal copies
    overriding((objects) => JSON.parse(JSON.stringify(objects))).synth();
    expect(allObjects(outputLayout(a.outdir)).map((o) => o.kind).sort()).toEqual(['NetworkPolicy', 'NetworkPolicy', 'Pipeline', 'ServiceAccount', 'Task']);
  });

  test('an object a chart\'s toJson adds was never checked: refused, nothing written', () => {
    const privileged = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'root' }, spec: { containers: [{ name: 'c', image: 'x', securityContext: { privileged: true } }] } };
    expect(refusal(overriding((objects) => [...objects, privileged]))).toBe(
      `Custom 'ci': toJson() "Pod/root" returns an object synth never checked (not one of the chart's ApiObjects, or a changed copy of one) [VALID_SPEC]. ${FIX}`);
  });

  test('an object a chart\'s toJson changes or leaves out is refused, each one named', () => {
    // a changed copy: not what was checked, and the checked object is left out
    expect(refusal(overriding((objects) => objects.map((o) => (o.kind === 'Task' ? { ...o, spec: { ...o.spec, steps: [] } } : o))))).toBe([
      '2 findings; nothing was written:',
      `  Custom 'ci': toJson() "Task/unit-test" returns an object synth never checked (not one of the chart's ApiObjects, or a changed copy of one) [VALID_SPEC]. ${FIX}`,
      `  Custom 'ci': toJson() "Task/unit-test" leaves out an object that synth checked with the rest of the app [VALID_SPEC]. ${FIX}`,
    ].join('\n'));
    const changedInPlace = refusal(overriding((objects) => {
      objects.find((o) => o.kind === 'Task').spec.steps[0].securityContext.privileged = true;
      return objects;
    }));
    // the checked objects are frozen until the files are written
    expect(changedInPlace).toBe('Custom \'ci\': toJson() "Cannot assign to read only property \'privileged\' of object \'#<Object>\'" changes an object after synth '
      + `checked it (the checked objects are read-only until the files are written) [VALID_SPEC]. ${FIX}`);
    expect(refusal(overriding((objects) => objects.filter((o) => o.kind !== 'Pipeline')))).toBe(
      `Custom 'ci': toJson() "Pipeline/verify" leaves out an object that synth checked with the rest of the app [VALID_SPEC]. ${FIX}`);
  });
});

describe('two outputs of App.synth that are one file are refused: cdk8s would write one over the other', () => {
  const CLASH = 'cdk8s writes one over the other, so the files would not hold every object synth checked [VALID_SPEC]';
  const CHART_FIX = 'Give one of the charts another construct id.';
  const OBJECT_FIX = 'Give one of the objects another name (metadata.name), or write a file per chart (the App\'s yamlOutputType prop: YamlOutputType.FILE_PER_CHART).';
  const configMap = (scope: Chart, id: string, name: string, namespace: string) =>
    new ApiObject(scope, id, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data: { k: id } });
  const role = (scope: Chart, id: string, name: string) =>
    new ApiObject(scope, id, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name, namespace: 'ops' }, rules: [] });


  test('a file per object: one kind and name in two namespaces, names that differ in a character cdk8s drops or only in case', () => {
    const a = app(YamlOutputType.FILE_PER_RESOURCE);
    const team = new Chart(a, 'team', { namespace: 'team' });
    pipelineIn(team);
    const ops = new Chart(a, 'ops', { namespace: 'ops' });
    configMap(team, 'settings', 'settings', 'team');
    configMap(ops, 'settings', 'settings', 'ops');
    role(ops, 'reader', 'ci:reader');
    role(ops, 'reader2', 'cireader');
    role(ops, 'admin', 'Admin');
    role(ops, 'admin2', 'admin');
    expect(refusal(a).split('\n').map((l) => l.trim()).filter((l) => l.includes('[VALID_SPEC]'))).toEqual([
      `Chart 'ops': file "ConfigMap.settings.k8s.yaml" holds ConfigMap/settings, and is also the output of ConfigMap/settings of Chart 'team': ${CLASH}. ${OBJECT_FIX}`,
      `Chart 'ops': file "Role.cireader.k8s.yaml" holds Role/cireader, and is also the output of Role/ci:reader of Chart 'ops': ${CLASH}. ${OBJECT_FIX}`,
      'Chart \'ops\': file "Role.admin.k8s.yaml" holds Role/admin, and is also the output of Role/Admin of Chart \'ops\' ("Role.Admin.k8s.yaml", a name that '
      + `differs only in case: one file on a case-insensitive filesystem such as macOS's or Windows'): ${CLASH}. ${OBJECT_FIX}`,
    ]);
  });

  test('a folder per chart: one kind and name in two namespaces of one chart', () => {
    const a = app(YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE);
    const chart = new Chart(a, 'ci', { namespace: 'ci' });
    pipelineIn(chart);
    configMap(chart, 'a', 'settings', 'team');
    configMap(chart, 'b', 'settings', 'ops');
    expect(refusal(a)).toBe(`Chart 'ci': file "ci/ConfigMap.settings.k8s.yaml" holds ConfigMap/settings, and is also the output of ConfigMap/settings of Chart 'ci': ${CLASH}. ${OBJECT_FIX}`);
  });

  test('a file per chart: a chart whose id is the file name cdk8s gives another, or the construct metadata\'s', () => {
    const a = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'run-output-')), outputFileExtension: '.json', recordConstructMetadata: true });
    const nested = new Chart(new Construct(a, 'team'), 'ci', { namespace: 'ci' });
    pipelineIn(nested);
    const label = Names.toDnsLabel(nested);
    new Chart(a, label, { namespace: 'other' });
    new Chart(a, 'construct-metadata', { namespace: 'other' });
    expect(refusal(a).split('\n').map((l) => l.trim()).filter((l) => l.includes('[VALID_SPEC]'))).toEqual([
      `Chart 'construct-metadata': file "construct-metadata.json" is also the file of the construct metadata (recordConstructMetadata): ${CLASH}. ${CHART_FIX}`,
      `Chart '${label}': file "${label}.json" is also the output of Chart 'team/ci': ${CLASH}. ${CHART_FIX}`,
    ]);
  });

  test('a chart file named like the runs directory', () => {
    const a = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'run-output-')), outputFileExtension: '' });
    const chart = new Chart(a, 'ci', { namespace: 'ci' });
    runOf(chart, pipelineIn(chart));
    new Chart(a, 'RUNS', { namespace: 'other' });
    new Chart(a, 'runs', { namespace: 'other' });
    expect(refusal(a)).toContain(`Chart 'runs': file "runs" is also the output of the directory runs/ of the runs to create: ${CLASH}. ${CHART_FIX}`);
  });

  test('charts with distinct files, and an App whose own synth names the files, are written', () => {
    const a = app(YamlOutputType.FILE_PER_RESOURCE);
    const team = new Chart(a, 'team', { namespace: 'team' });
    pipelineIn(team);
    configMap(team, 'settings', 'settings', 'team');
    configMap(new Chart(a, 'ops', { namespace: 'ops' }), 'settings', 'ops-settings', 'ops');
    a.synth();
    expect(fs.readdirSync(a.outdir)).toContain('ConfigMap.ops-settings.k8s.yaml');
    class OwnFiles extends App {
      public synth(): void {
        fs.mkdirSync(this.outdir, { recursive: true });
        for (const c of this.charts) Yaml.save(path.join(this.outdir, `${c.node.path.replace(/\//g, '_')}.yaml`), c.toJson());
      }
    }
    const own = new OwnFiles({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'run-output-')), yamlOutputType: YamlOutputType.FILE_PER_RESOURCE });
    const c1 = new Chart(own, 'one', { namespace: 'one' });
    pipelineIn(c1);
    configMap(c1, 'settings', 'settings', 'one');
    configMap(new Chart(own, 'two', { namespace: 'two' }), 'settings', 'settings', 'two');
    own.synth();
    expect(fs.readdirSync(own.outdir).sort()).toEqual(['one.yaml', 'two.yaml']);
  });
});
