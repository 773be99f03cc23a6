/**
 * The README's quick start, synthesized as written, gives an outdir that kubectl
 * takes as the README says: `kubectl apply -f dist/` applies every file in it,
 * `kubectl create -f dist/runs/` starts a run, and no file mixes the two. The
 * posture report goes next to the outdir, never into it.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import * as library from '../../src';
import { isApplicable, isCreatedWithGeneratedName, outputLayout } from '../helpers/output-layout';

const README = fs.readFileSync(path.resolve(__dirname, '..', '..', 'README.md'), 'utf8');

/** The first TypeScript block of the README's "## Quick start" section. */
function quickStart(): string {
  const section = README.slice(README.indexOf('\n## Quick start\n'));
  const m = /^```ts nofixture\n([\s\S]*?)^```$/m.exec(section);
  if (!m) throw new Error('the quick start has no ```ts block');
  return m[1];
}

/** Runs a TypeScript app with `CDK8S_OUTDIR` set to `outdir` (the README's imports served by the sources). */
function run(app: string, outdir: string): void {
  const js = ts.transpileModule(app, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const saved = process.env.CDK8S_OUTDIR;
  process.env.CDK8S_OUTDIR = outdir;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the app's other imports (cdk8s) load as in a user's project
    new Function('require', 'exports', js)((name: string) => (name === 'cdk8s-secure-tekton' ? library : require(name)), {});
  } finally {
    if (saved === undefined) delete process.env.CDK8S_OUTDIR;
    else process.env.CDK8S_OUTDIR = saved;
  }
}

describe('the README quick start, synthesized into a temporary directory', () => {
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'quick-start-')), 'dist');
  run(quickStart().replace(/^app\.synth\(\);$/m, 'app.synth();\nPostureReport.writeFor(app);')
    .replace('import {\n', 'import {\n  PostureReport, '), outdir);
  const layout = outputLayout(outdir);

  test('writes dist/ci.k8s.yaml to apply and dist/runs/ci.k8s.yaml to create, nothing else', () => {
    expect(layout.entries).toEqual(['ci.k8s.yaml', 'runs/', 'runs/ci.k8s.yaml']);
  });

  test('kubectl apply -f dist/ reads only objects with a name: the Task, the Pipeline and what the pipeline creates', () => {
    const applied = layout.applied.flatMap((f) => f.objects);
    expect(applied.filter((o) => !isApplicable(o))).toEqual([]);
    expect(applied.map((o) => o.kind)).toEqual(expect.arrayContaining(['Task', 'Pipeline', 'ServiceAccount', 'NetworkPolicy']));
    expect(applied.map((o) => o.kind)).not.toContain('PipelineRun');
  });

  test('kubectl create -f dist/runs/ reads the PipelineRun alone, with its generateName', () => {
    const created = layout.created.flatMap((f) => f.objects);
    expect(created.map((o) => [o.kind, o.metadata.generateName])).toEqual([['PipelineRun', 'verify-run-']]);
    expect(created.every(isCreatedWithGeneratedName)).toBe(true);
  });

  test('the posture report is in dist-posture/, next to dist/', () => {
    expect(fs.readdirSync(`${outdir}-posture`).sort()).toEqual(['posture-report.json', 'posture-report.md']);
    expect(JSON.parse(fs.readFileSync(path.join(`${outdir}-posture`, 'posture-report.json'), 'utf8')).summary.objects)
      .toBe(layout.applied.flatMap((f) => f.objects).length + layout.created.flatMap((f) => f.objects).length);
  });
});
