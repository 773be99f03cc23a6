/**
 * Every example app: synthesizes, validates strictly against the schemas in schemas/,
 * passes tekton-lint with no error and no warning, and passes every rule.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EXAMPLES, synthExample } from '../../examples';
import { RuleCatalogue } from '../../src';
import { audit } from '../../src/cli/audit';
import { allObjects, isApplicable, isCreatedWithGeneratedName, outputLayout } from '../helpers/output-layout';
import { expectValidManifests } from '../helpers/schema';
import { runTektonLint } from '../helpers/tekton-lint';

const synthesized = Object.keys(EXAMPLES).map((name) => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `example-${name}-`));
  synthExample(name, outdir);
  const layout = outputLayout(outdir);
  const files = [...layout.applied, ...layout.created].map((f) => path.join(outdir, f.file));
  const report = JSON.parse(fs.readFileSync(path.join(`${outdir}-posture`, 'posture-report.json'), 'utf8'));
  const reportMarkdown = fs.readFileSync(path.join(`${outdir}-posture`, 'posture-report.md'), 'utf8');
  const objects = allObjects(layout);
  return { name, layout, files, objects, report, reportMarkdown };
});

describe.each(synthesized)('example $name', ({ layout, files, objects, report, reportMarkdown }) => {
  test('kubectl apply -f <outdir>/ reads only objects it can apply; runs are in runs/, for kubectl create', () => {
    expect(layout.applied.flatMap((f) => f.objects).filter((o) => !isApplicable(o))).toEqual([]);
    expect(layout.created.flatMap((f) => f.objects).filter((o) => !isCreatedWithGeneratedName(o))).toEqual([]);
  });

  test('writes a JSON and a Markdown posture report with no failed check', () => {
    expect(report.summary.objects).toBe(objects.length);
    expect(report.summary.failed).toBe(0);
    expect(reportMarkdown).toMatch(/^# Security posture\n/);
  });

  test('writes YAML', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(objects.length).toBeGreaterThan(0);
  });

  test('passes every rule of the catalogue (relaxed findings are annotated)', () => {
    const open = objects.flatMap((o) =>
      RuleCatalogue.check(o).filter((f) => o.metadata?.annotations?.[`secure-tekton/relax.${f.rule}`] === undefined),
    );
    expect(open).toEqual([]);
  });

  test('every Pipeline is selected by a NetworkPolicy denying both directions, and no egress is open to everything', () => {
    const policies = objects.filter((o) => o.kind === 'NetworkPolicy');
    for (const pipeline of objects.filter((o) => o.kind === 'Pipeline')) {
      const denyAll = policies.filter((p) =>
        p.metadata.namespace === pipeline.metadata.namespace
        && p.spec.podSelector.matchLabels?.['secure-tekton/pipeline'] === pipeline.metadata.name && pipeline.metadata.labels?.['secure-tekton/pipeline'] === pipeline.metadata.name
        && !p.spec.podSelector.matchExpressions
        && Object.keys(p.spec.podSelector.matchLabels).length === 1
        && p.spec.policyTypes.includes('Ingress') && p.spec.policyTypes.includes('Egress')
        && !p.spec.ingress && !p.spec.egress);
      expect(denyAll).toHaveLength(1);
    }
    const cidrs = policies.flatMap((p) => (p.spec.egress ?? []).flatMap((r: any) => (r.to ?? []).map((t: any) => t.ipBlock?.cidr))).filter(Boolean);
    expect(cidrs.filter((c: string) => /\/0$/.test(c))).toEqual([]);
  });

  test('tekton-lint reports no error and no warning (on examples with Tekton definitions)', () => {
    // tekton-lint refuses input without Tasks, Pipelines or runs (a cluster-config example has none)
    if (!objects.some((o) => ['Task', 'Pipeline', 'PipelineRun', 'TaskRun'].includes(o.kind))) return;
    const { errors, warnings } = runTektonLint(files);
    // tekton-lint 1.1 knows no resolvers: it reads a resolver's taskRef as a local one without a name
    const resolverRefs = objects.filter((o) => o.kind === 'Pipeline')
      .flatMap((p) => [...(p.spec.tasks ?? []), ...(p.spec.finally ?? [])]
        .filter((t: any) => t.taskRef?.resolver !== undefined).map(() => p.metadata.name));
    const unknownToLint = (e: any) => e.rule === 'no-missing-resource' && /^Pipeline '([^']+)' references task 'undefined' but the referenced task cannot be found/.test(e.message);
    expect(errors.filter(unknownToLint).map((e) => /^Pipeline '([^']+)'/.exec(e.message)![1])).toEqual(resolverRefs);
    // nor matrices: it reads the whole result of a matrixed task, $(tasks.<t>.results.<r>[*]), as a result named '<r>[*]'
    const wholeMatrixResults = objects.filter((o) => o.kind === 'Pipeline').flatMap((p) => JSON.stringify(p.spec).match(/\$\(tasks\.[^.()]+\.results\.[^.()[\]]+\[\*\]\)/g) ?? []);
    const matrixUnknownToLint = (e: any) => e.rule === 'no-undefined-result' && /as '(\$\(tasks\.[^']+\[\*\]\))' - '[^']+\[\*\]' is not a result/.test(e.message);
    expect(errors.filter(matrixUnknownToLint).map((e) => /as '([^']+)'/.exec(e.message)![1])).toEqual(wholeMatrixResults);
    expect(errors.filter((e) => !unknownToLint(e) && !matrixUnknownToLint(e))).toEqual([]);
    // and reads a whole array param fanned out by a matrix, $(params.<p>[*]), as a param named '<p>[*]'
    const matrixParam = (w: any) => w.rule === 'prefer-kebab-case' && /^Invalid name for '[a-z0-9-]+\[\*\]' at \.spec\.(tasks|finally)\[\d+\]\.matrix\.params\[\d+\]\.value\[\d+\]/.test(w.message);
    expect(warnings.filter((w) => !matrixParam(w))).toEqual([]);
  });
});

describe('examples validate strictly against the reference schemas', () => {
  test.each(synthesized)('$name', ({ objects }) => {
    expectValidManifests(objects);
  });
});

describe('the library\'s relaxation records, audited', () => {
  test.each(synthesized)('$name: every record the library wrote is honoured without a notice (trust records need not cover a finding)', ({ files }) => {
    const notices: string[] = JSON.parse(audit(files, 'json').stdout).notices;
    expect(notices.filter((n) => n.includes('relaxation record'))).toEqual([]);
  });
});

describe('the cluster configuration and the build pipeline, audited together', () => {
  test('no finding fails: Chains (cluster-config) can push the signatures of the image the build pushes (CHAINS_STORAGE_CREDENTIALS)', () => {
    const files = synthesized.filter((e) => e.name === 'cluster-config' || e.name === 'build-pipeline').flatMap((e) => e.files);
    const result = audit(files, 'json');
    const findings = JSON.parse(result.stdout).findings;
    expect(findings.filter((f: any) => f.status !== 'relaxed')).toEqual([]);
    expect(result.exitCode).toBe(0);
  });
});
