/**
 * Tekton's own admission code as the oracle (conformance/, Tekton Pipelines v1.15.0):
 * what the library synthesizes is admitted by Tekton's webhook on CREATE, with the
 * feature flags the library recommends.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import * as fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { EXAMPLES, synthExample } from '../../examples';
import { TektonFeatureFlags } from '../../src';
import { describeWithOracle, OracleResult, OracleVerdict, runOracle, runOracleOnPaths, oracleFlags } from '../helpers/tekton-oracle';
import { build, validPipeline } from '../property/generators';

/** Tekton objects (group tekton.dev) among synthesized objects. */
const isTekton = (o: any) => typeof o?.apiVersion === 'string' && o.apiVersion.startsWith('tekton.dev/');

/** The verdicts that are not valid, in a form that shows the errors in a failed expectation. */
const rejected = (r: OracleResult) => r.verdicts.filter((v) => !v.valid).map((v) => `${v.file}#${v.index} ${v.kind} ${v.name}: ${v.errors.join('; ')}`);

const synthesized = Object.keys(EXAMPLES).map((name) => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `oracle-example-${name}-`));
  synthExample(name, outdir);
  // the objects to apply in outdir, the runs to create in outdir/runs/
  const files = [outdir, path.join(outdir, 'runs')].filter((d) => fs.existsSync(d))
    .flatMap((d) => fs.readdirSync(d).filter((f) => f.endsWith('.yaml')).sort().map((f) => path.join(d, f)));
  const objects = files.flatMap((f) => parseAllDocuments(fs.readFileSync(f, 'utf8')).map((d) => d.toJS()));
  return { name, outdir, files, tekton: objects.filter(isTekton) };
});

describeWithOracle('Tekton v1.15 admission webhook (the oracle)', () => {
  test('runs Tekton v1.15.0 with the feature flags TektonFeatureFlags writes by default', () => {
    const flags = new TektonFeatureFlags(new Chart(new App(), 'cluster'), 'flags').flags;
    expect(oracleFlags()).toEqual(flags);
    expect(runOracle([]).summary.tekton).toBe('v1.15.0');
  });

  describe.each(synthesized)('example $name', ({ outdir, tekton }) => {
    test('every Tekton object is admitted', () => {
      const r = runOracleOnPaths([outdir]);
      expect(rejected(r)).toEqual([]);
      expect(r.unreadable).toEqual([]);
      expect(r.exitCode).toBe(0);
      // every Tekton object the example writes was checked, none skipped
      expect(r.verdicts.map((v) => `${v.kind}/${v.name}`).sort())
        .toEqual(tekton.map((o) => `${o.kind}/${o.metadata.name ?? o.metadata.generateName}`).sort());
    });

    test('every Tekton object is admitted with every inline spec disabled (disable-inline-spec)', () => {
      const r = runOracleOnPaths([outdir], { flags: { 'disable-inline-spec': 'pipeline,pipelinerun,taskrun' } });
      expect(rejected(r)).toEqual([]);
      expect(r.exitCode).toBe(0);
    });

    test('with enable-api-fields "stable", Tekton refuses only the beta features the example uses (resolvers, matrix)', () => {
      const r = runOracleOnPaths([outdir], { flags: { 'enable-api-fields': 'stable' } });
      const errors = r.verdicts.flatMap((v) => v.errors);
      expect(errors.filter((e) => !/^(taskref\.resolver|taskref\.params|resolver|resolver params|matrix) requires "enable-api-fields" feature gate to be "alpha" or "beta" but it is "stable"/.test(e))).toEqual([]);
    });
  });

  test('the examples write Tekton objects of several kinds', () => {
    expect(new Set(synthesized.flatMap((s) => s.tekton.map((o) => o.kind)))).toEqual(
      new Set(['Task', 'Pipeline', 'PipelineRun', 'VerificationPolicy']));
  });

  describe('rejects what Tekton rejects, with Tekton\'s error', () => {
    const errorsOf = (obj: any, flags?: Record<string, string>): OracleVerdict => {
      const r = runOracle([obj], { flags });
      expect(r.verdicts).toHaveLength(1);
      return r.verdicts[0];
    };

    test('a Pipeline with a duplicate task name', () => {
      const v = errorsOf({
        apiVersion: 'tekton.dev/v1',
        kind: 'Pipeline',
        metadata: { name: 'dup' },
        spec: { tasks: [{ name: 'a', taskRef: { name: 't' } }, { name: 'a', taskRef: { name: 't' } }] },
      });
      expect(v.valid).toBe(false);
      expect(v.errors).toContain('invalid value: task a is already present in Graph, can\'t add it again: duplicate pipeline task: spec.tasks');
    });

    test('a Task step with both script and command', () => {
      const v = errorsOf({
        apiVersion: 'tekton.dev/v1',
        kind: 'Task',
        metadata: { name: 'both' },
        spec: { steps: [{ name: 's', image: 'alpine', command: ['sh'], script: 'echo hi' }] },
      });
      expect(v.valid).toBe(false);
      expect(v.errors).toEqual(['script cannot be used with command: spec.steps[0].script']);
    });

    test('a PipelineRun with an unknown field (strict decoding, as the webhook does)', () => {
      const v = errorsOf({
        apiVersion: 'tekton.dev/v1',
        kind: 'PipelineRun',
        metadata: { generateName: 'run-' },
        spec: { pipelineRef: { name: 'p' }, serviceAccount: 'ci' },
      });
      expect(v).toMatchObject({ kind: 'PipelineRun', name: 'run-', valid: false });
      expect(v.errors).toEqual(['cannot decode incoming new object: json: unknown field "serviceAccount"']);
    });

    test('an object name that is not a DNS label', () => {
      const v = errorsOf({
        apiVersion: 'tekton.dev/v1',
        kind: 'Task',
        metadata: { name: 'Build_Image' },
        spec: { steps: [{ name: 's', image: 'alpine', script: '#!/bin/sh\necho hi\n' }] },
      });
      expect(v.errors).toEqual(['invalid resource name "Build_Image": must be a valid DNS label: metadata.name']);
    });

    test('an alpha field under the recommended enable-api-fields "beta", admitted under "alpha"', () => {
      const task = {
        apiVersion: 'tekton.dev/v1',
        kind: 'Task',
        metadata: { name: 'stdout' },
        spec: { steps: [{ name: 's', image: 'alpine', script: '#!/bin/sh\necho hi\n', stdoutConfig: { path: '/tekton/home/out' } }] },
      };
      const v = errorsOf(task);
      expect(v.valid).toBe(false);
      // Tekton's FieldError for a feature gate has no path
      expect(v.errors).toEqual(['step stdout stream support requires "enable-api-fields" feature gate to be "alpha" but it is "beta": ']);
      expect(errorsOf(task, { 'enable-api-fields': 'alpha' }).valid).toBe(true);
    });

    test('non-Tekton objects are skipped, the exit code tells valid (0) from invalid (1)', () => {
      const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } };
      const task = { apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: 't' }, spec: { steps: [{ name: 's', image: 'alpine', script: 'true' }] } };
      const ok = runOracle([configMap, task]);
      expect(ok).toMatchObject({ exitCode: 0, summary: { objects: 1, valid: 1, invalid: 0, skipped: 1 } });
      expect(ok.verdicts[0]).toMatchObject({ file: '-', index: 1, kind: 'Task', name: 't', valid: true, errors: [] });
      const bad = runOracle([configMap, { ...task, spec: { steps: [] } }]);
      expect(bad).toMatchObject({ exitCode: 1, summary: { objects: 1, valid: 0, invalid: 1 } });
    });
  });

  test('a sample of the property generators\' valid pipelines is admitted', () => {
    const specs = fc.sample(validPipeline, { numRuns: 10, seed: 20261123 });
    const objects = specs.flatMap((spec) => build(spec).charts.flatMap((c) => c.toJson())).filter(isTekton);
    const r = runOracle(objects);
    expect(rejected(r)).toEqual([]);
    expect(r.summary.objects).toBe(objects.length);
    expect(new Set(r.verdicts.map((v) => v.kind))).toEqual(new Set(['Task', 'Pipeline', 'PipelineRun']));
  });
});
