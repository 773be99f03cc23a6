/**
 * Property: TektonAdmissionPolicies read an explicit `null` as the field left out, as Tekton does.
 *
 * The API server drops a null only where the CRD's structural schema declares the field and it is
 * neither nullable nor defaulted (apiextensions-apiserver PruneNonNullableNullsWithoutDefaults);
 * below the nodes Tekton v1.15's CRDs keep open (`x-kubernetes-preserve-unknown-fields`: a
 * TaskRun's taskSpec, a PipelineRun's pipelineSpec, pipeline tasks' taskSpec and pipelineSpec, pod
 * templates' affinity, securityContext and volumes, a Task's volumes, volumeClaimTemplates) it
 * reaches the policies as written. Tekton decodes it with Go's encoding/json, which leaves a nil
 * pointer, slice or map, or an empty string: the field unset.
 *
 * For each fixture object (the library's example app and embedded variants of it, which the
 * policies admit, and objects drawn by admission-parity-generators.ts, which they may refuse) and
 * each field of it in turn, the decision of every policy (admitted, and each refusal's message) on
 * the object with the field set to null equals its decision on the object without the field. Both
 * are decoded as the API server decodes them, with Tekton's CRDs (vap-eval `crds`).
 *
 * Not varied: the root's apiVersion, kind and metadata (the API server refuses an object without
 * them), the values of string maps (labels, annotations, nodeSelector, resource quantities: Go
 * decodes a null value there as "", a key that stays), params' `value` (Tekton's ParamValue
 * decodes a null as the string "").
 *
 * And each object item of a list set to null is decided as the item without fields (`{}`), which
 * is what Go makes of it (a null volume is a Volume without source, an emptyDir to the API server).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { NAMESPACE, SERVICE_ACCOUNT, tektonObject } from './admission-parity-generators';
import { buildPipelineApp } from '../../examples/build-pipeline/app';
import { RuleId, TektonAdmissionPolicies } from '../../src';
import { storedForm } from '../../src/private/stored-form';
import { AdmissionRequestInput, describeWithVapEval, RequestReport, TEKTON_CRDS, VapEvaluator } from '../helpers/vap-eval';

const SEED = Number(process.env.PROPERTY_SEED ?? 20261205);
const DRAWN = Math.max(1, Math.round(12 * Number(process.env.PARITY_RUNS ?? 1)));
const USER = 'jane@example.com';

/** Keys whose values form a map of strings: a null value there is "" to Go, not a key left out. */
const STRING_MAPS = new Set(['labels', 'annotations', 'nodeSelector', 'matchLabels', 'limits', 'requests', 'capacity', 'volumeAttributes', 'data']);

function policies(honoured?: RuleId[]): any[] {
  const chart = new Chart(Testing.app(), 'nulls', { namespace: NAMESPACE });
  new TektonAdmissionPolicies(chart, 'admission', {
    namespaces: [NAMESPACE], allowedServiceAccounts: [SERVICE_ACCOUNT], ...(honoured !== undefined ? { honouredRelaxations: honoured } : {}),
  });
  return Testing.synth(chart).filter((o: any) => o.kind === 'ValidatingAdmissionPolicy');
}

const clone = <T>(x: T): T => structuredClone(x);

/**
 * The example app's Tasks, Pipeline and PipelineRun (its Pipeline, which refers to a bundle, is refused by the remote
 * references policy), and objects the policies admit: its Tasks embedded in a Pipeline, a PipelineRun (with pod template
 * fields) and a TaskRun.
 */
function fixtures(): { admitted: any[]; refused: any[] } {
  const app = buildPipelineApp(fs.mkdtempSync(path.join(os.tmpdir(), 'admission-nulls-')));
  const objects = app.charts.flatMap((c) => Testing.synth(c)).filter((o: any) => ['Task', 'Pipeline', 'PipelineRun'].includes(o.kind));
  const goBuild = objects.find((o: any) => o.kind === 'Task' && o.metadata.name === 'go-build');
  const pipeline = clone(objects.find((o: any) => o.kind === 'Pipeline'));
  pipeline.spec.tasks = pipeline.spec.tasks.filter((t: any) => t.taskRef?.name === 'go-build')
    .map((t: any) => { const { taskRef, ...rest } = t; return { ...rest, taskSpec: clone(goBuild.spec) }; });
  const run = clone(objects.find((o: any) => o.kind === 'PipelineRun'));
  delete run.spec.pipelineRef;
  run.spec.pipelineSpec = clone(pipeline.spec);
  run.spec.taskRunTemplate = {
    ...run.spec.taskRunTemplate,
    podTemplate: {
      securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } },
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'In', values: ['ci'] }] }] } } },
      volumes: [{ name: 'scratch', emptyDir: { sizeLimit: '1Gi' } }],
    },
  };
  const taskRun = {
    apiVersion: 'tekton.dev/v1',
    kind: 'TaskRun',
    metadata: { name: 'go-build-run', namespace: NAMESPACE },
    spec: {
      serviceAccountName: SERVICE_ACCOUNT,
      taskSpec: clone(goBuild.spec),
      workspaces: [
        { name: 'source', volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } },
        { name: 'output', emptyDir: {} },
      ],
    },
  };
  const refused = objects.filter((o: any) => o.kind === 'Pipeline');
  return { admitted: [...objects.filter((o: any) => !refused.includes(o)), pipeline, run, taskRun], refused };
}

/** The paths of the fields varied (see the file's doc). */
function fieldPaths(x: any, at: string[] = [], out: string[][] = []): string[][] {
  if (Array.isArray(x)) {
    x.forEach((item, i) => {
      if (item !== null && typeof item === 'object' && !Array.isArray(item)) out.push([...at, String(i)]);
      fieldPaths(item, [...at, String(i)], out);
    });
  } else if (x !== null && typeof x === 'object' && !STRING_MAPS.has(at[at.length - 1])) {
    for (const key of Object.keys(x)) {
      if (at.length === 0 && ['apiVersion', 'kind', 'metadata'].includes(key)) continue;
      if (key === 'value' && at[at.length - 2] === 'params') continue;
      out.push([...at, key]);
      fieldPaths(x[key], [...at, key], out);
    }
  }
  return out;
}

/** `obj` with the field at `at` set to null, or removed (an item of a list: set to null, or to an item without fields). */
function variant(obj: any, at: string[], asNull: boolean): any {
  const out = clone(obj);
  const parent = at.slice(0, -1).reduce((node, key) => node[key], out);
  const key = at[at.length - 1];
  if (Array.isArray(parent)) parent[Number(key)] = asNull ? null : {};
  else if (asNull) parent[key] = null;
  else delete parent[key];
  return out;
}

/** Each policy's decision on a request: its name, then each refusal (how it was reached, and its message), sorted. */
function decisions(r: RequestReport): string[] {
  // refused for the CRD's schema before any policy runs (no verdicts): one decision, unlike any policy's, whatever the error (a null
  // item of a list the CRD declares and an item without its required fields are both refused: decided alike)
  if (r.invalid) return ["refused by the API server for the CRD's schema"];
  return r.verdicts.map((v) => `${v.policy}: ${v.allowed ? 'admitted' : v.denials.map((d) => `${d.evaluation} ${d.message}`).sort().join(' | ')}`);
}

const evaluator = new VapEvaluator();

/** Where a null and the field left out are decided differently, as lines (empty when never). */
async function nullDifferences(obj: any, vaps: any[]): Promise<string[]> {
  const paths = fieldPaths(obj);
  const request = (o: any): AdmissionRequestInput => ({ operation: 'CREATE', object: o, namespaceName: NAMESPACE, userInfo: { username: USER } });
  const result = await evaluator.evaluate({
    policies: vaps, crds: [...TEKTON_CRDS], requests: paths.flatMap((p) => [request(variant(obj, p, true)), request(variant(obj, p, false))]),
  });
  const compileErrors = result.policies.flatMap((p) => p.compileErrors);
  if (compileErrors.length > 0) throw new Error(`policies do not compile: ${JSON.stringify(compileErrors)}`);
  const out: string[] = [];
  paths.forEach((p, i) => {
    // a null the CRD's schema refuses (an item of a list it declares) never reaches the policies: the API server refuses it first
    if (result.requests[2 * i].invalid) return;
    const asNull = decisions(result.requests[2 * i]);
    const absent = decisions(result.requests[2 * i + 1]);
    const differ = asNull.filter((d, j) => d !== absent[j]);
    if (differ.length > 0) out.push(`${obj.kind} ${p.join('.')}: null gives ${differ.join(' ;; ')}, absent ${absent.filter((d, j) => d !== asNull[j]).join(' ;; ')}`);
  });
  return out;
}

describeWithVapEval('TektonAdmissionPolicies read a null as the field left out', () => {
  beforeAll(() => evaluator.start());
  afterAll(() => evaluator.stop());

  const DEFAULT = policies();
  const NONE = policies([]);

  test('the example fixtures are decided as written, and every policy decides each of their fields set to null as the field left out', async () => {
    const { admitted, refused } = fixtures();
    const decided = await evaluator.evaluate({
      policies: DEFAULT,
      crds: [...TEKTON_CRDS],
      requests: [...admitted, ...refused].map((o) => ({ operation: 'CREATE', object: o, namespaceName: NAMESPACE, userInfo: { username: USER } })),
    });
    expect(decided.requests.flatMap((r) => r.verdicts.filter((v) => !v.allowed).map((v) => `${r.kind} ${r.name}: ${v.policy}`)))
      .toEqual(refused.map((o) => `Pipeline ${o.metadata.name}: secure-tekton-remote-references`));
    for (const obj of [...admitted, ...refused]) expect(await nullDifferences(obj, DEFAULT)).toEqual([]);
  }, 300_000);

  test('on drawn objects, admitted or refused, with the default records honoured and none', async () => {
    const drawn = fc.sample(tektonObject, { numRuns: DRAWN, seed: SEED }).map((o) => storedForm(o));
    const differences: string[] = [];
    for (const [i, obj] of drawn.entries()) differences.push(...await nullDifferences(obj, i % 2 === 0 ? DEFAULT : NONE));
    expect(differences).toEqual([]);
  }, 600_000);
});
