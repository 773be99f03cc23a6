import { describeRule, operatorDeployment } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { ruleContext } from '../../../src/policy/engine/context';
import { AFFINITY_ASSISTANT_CLAIMS } from '../../../src/policy/rules/affinity-assistant-claims';

const vct = (name: string) => ({ name, volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } });
const pvc = (name: string, claimName: string) => ({ name, persistentVolumeClaim: { claimName } });
const flags = (coschedule?: string) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'feature-flags', namespace: 'tekton-pipelines' },
  data: coschedule === undefined ? {} : { coschedule },
});
const pipelineSpec = (...tasks: any[]) => ({ workspaces: [{ name: 'source' }, { name: 'image' }], tasks });
const task = (name: string, workspaces: Array<[string, string]>, extra: Record<string, unknown> = {}) =>
  ({ name, taskRef: { name: 'build' }, workspaces: workspaces.map(([n, w]) => ({ name: n, workspace: w })), ...extra });
const run = (spec: Record<string, unknown>, ...workspaces: any[]) =>
  ({ apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { name: 'release', namespace: 'ci' }, spec: { ...spec, workspaces } });
const check = (manifest: any, ...others: any[]) => AFFINITY_ASSISTANT_CLAIMS.check(manifest, ruleContext([manifest, ...others]));

const DEFAULT = 'coschedule is "workspaces", Tekton\'s default (no feature-flags ConfigMap is checked with it)';
const SAID = 'the feature-flags checked with it set coschedule "workspaces"';
const problem = (claims: string, why: string, n = 2) => `bind ${n} PersistentVolumeClaims, ${claims}; ${why}, under which Tekton fails a TaskRun `
  + 'that binds more than one ("more than one PersistentVolumeClaim is bound") before it makes the pod';
const TWO_TEMPLATES = 'source (the volumeClaimTemplate of workspace "source"), image (the volumeClaimTemplate of workspace "image")';
/** The finding on pipeline task 'build' given the claim templates of workspaces source and image, with why coschedule is "workspaces". */
const onBuild = (why: string) => ({
  rule: RuleId.AFFINITY_ASSISTANT_CLAIMS,
  kind: 'PipelineRun',
  name: 'release',
  location: 'task \'build\'',
  property: 'workspaces',
  value: 'source, image',
  problem: problem(TWO_TEMPLATES, why),
});

describe('AFFINITY_ASSISTANT_CLAIMS', () => {
  describeRule(AFFINITY_ASSISTANT_CLAIMS, RuleId.AFFINITY_ASSISTANT_CLAIMS, Severity.LOW, true);

  test('applies to runs only', () => {
    expect(AFFINITY_ASSISTANT_CLAIMS.appliesTo({ kind: 'PipelineRun' })).toBe(true);
    expect(AFFINITY_ASSISTANT_CLAIMS.appliesTo({ kind: 'TaskRun' })).toBe(true);
    expect(AFFINITY_ASSISTANT_CLAIMS.appliesTo({ kind: 'Pipeline' })).toBe(false);
  });

  test('non-compliant: a pipeline task given two claim templates, under Tekton\'s default coschedule', () => {
    const r = run({ pipelineSpec: pipelineSpec(task('clone', [['source', 'source']]), task('build', [['source', 'source'], ['image', 'image']])) }, vct('source'), vct('image'));
    expect(check(r)).toEqual([onBuild(DEFAULT)]);
  });

  test('the feature-flags checked together decide, lower-cased as Tekton reads them', () => {
    const r = run({ pipelineSpec: pipelineSpec(task('build', [['source', 'source'], ['image', 'image']])) }, vct('source'), vct('image'));
    for (const off of ['disabled', 'pipelineruns', 'isolate-pipelinerun', 'Disabled', 'PipelineRuns']) expect(check(r, flags(off))).toEqual([]);
    expect(check(r, flags('Workspaces')).map((f) => f.problem)).toEqual([problem(TWO_TEMPLATES, SAID)]);
    // one Tekton cannot read (its webhook refuses it, a controller started with it exits): the cluster keeps what it had
    const unread = 'Tekton cannot read the feature-flags checked with it (TEKTON_FEATURE_FLAGS says why), so the cluster keeps the coschedule it had, '
      + '"workspaces" as Tekton is installed';
    expect(check(r, flags('always')).map((f) => f.problem)).toEqual([problem(TWO_TEMPLATES, unread)]);
    // a null coschedule is stored as "", which Tekton cannot read either; and a value that is not a string is refused by the API server
    expect(check(r, { ...flags(), data: { coschedule: null } }).map((f) => f.problem)).toEqual([problem(TWO_TEMPLATES, unread)]);
    expect(check(r, { ...flags('disabled'), data: { 'coschedule': 'disabled', 'enable-step-actions': true } }).map((f) => f.problem)).toEqual([problem(TWO_TEMPLATES, unread)]);
    // a feature-flags without the key: Tekton's default
    expect(check(r, flags()).map((f) => f.problem)).toEqual([problem(TWO_TEMPLATES, 'the feature-flags checked with it leave coschedule unset, so Tekton uses "workspaces"')]);
    // the flag coschedule replaced, which Tekton no longer reads (found on real YAML: the finding said nothing of it)
    expect(check(r, { ...flags(), data: { 'disable-affinity-assistant': 'true' } }).map((f) => f.problem)).toEqual([problem(TWO_TEMPLATES,
      'the feature-flags checked with it leave coschedule unset, so Tekton uses "workspaces" (disable-affinity-assistant, which they set, is no longer '
      + 'read: Tekton removed it after v0.68; set coschedule instead)')]);
    expect(check(r, { ...flags('disabled'), data: { 'disable-affinity-assistant': 'false', 'coschedule': 'disabled' } })).toEqual([]);
  });

  test("a Tekton operator's TektonConfig or TektonPipeline checked together: the coschedule it writes, over the ConfigMap", () => {
    const r = run({ pipelineSpec: pipelineSpec(task('build', [['source', 'source'], ['image', 'image']])) }, vct('source'), vct('image'));
    const operator = (kind: string, pipeline: Record<string, unknown> | undefined) => ({
      apiVersion: 'operator.tekton.dev/v1alpha1',
      kind,
      metadata: { name: kind === 'TektonConfig' ? 'config' : 'pipeline' },
      spec: kind === 'TektonConfig' ? { targetNamespace: 'tekton-pipelines', pipeline } : { targetNamespace: 'tekton-pipelines', ...pipeline },
    });
    expect(check(r, flags('workspaces'), operator('TektonConfig', { coschedule: 'disabled' }))).toEqual([]);
    expect(check(r, operator('TektonPipeline', { options: { configMaps: { 'feature-flags': { data: { coschedule: 'pipelineruns' } } } } }), operatorDeployment())).toEqual([]);
    expect(check(r, flags('disabled'), operator('TektonConfig', undefined)).map((f) => f.problem)).toEqual([problem(TWO_TEMPLATES,
      "the operator writes coschedule \"workspaces\" for TektonConfig 'config', Tekton's release value, as spec.pipeline['coschedule'] is not set")]);
    // under options the operator writes the value as it is, which Tekton reads in any case
    expect(check(r, flags('disabled'), operator('TektonPipeline', { options: { configMaps: { 'feature-flags': { data: { coschedule: 'Workspaces' } } } } }), operatorDeployment()).map((f) => f.problem))
      .toEqual([problem(TWO_TEMPLATES, "TektonPipeline 'pipeline' sets coschedule \"Workspaces\" (spec.options.configMaps['feature-flags'].data['coschedule'])")]);
    expect(check(r, flags('disabled'), operator('TektonConfig', { 'coschedule': 'disabled', 'keep-pod-on-cancel': 'yes' })).map((f) => f.problem)).toEqual([problem(TWO_TEMPLATES,
      "the feature-flags the operator writes for TektonConfig 'config' do not reach Tekton (TEKTON_FEATURE_FLAGS says why), so the cluster keeps the coschedule it had, "
      + '"workspaces" as Tekton is installed')]);
    // in its typed field the operator's webhook takes it exactly as written: "Workspaces" refuses the object, which writes nothing
    expect(check(r, flags('disabled'), operator('TektonPipeline', { coschedule: 'Workspaces' }), operatorDeployment()).map((f) => f.problem)).toEqual([problem(TWO_TEMPLATES,
      "the feature-flags the operator writes for TektonPipeline 'pipeline' do not reach Tekton (TEKTON_FEATURE_FLAGS says why), so the cluster keeps the coschedule it had, "
      + '"workspaces" as Tekton is installed')]);
  });

  test('a TektonPipeline checked without a TektonConfig: the operator\'s own TektonConfig replaces its settings, so its defaults are read', () => {
    const r = run({ pipelineSpec: pipelineSpec(task('build', [['source', 'source'], ['image', 'image']])) }, vct('source'), vct('image'));
    const lone = (settings: Record<string, unknown>) => ({
      apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonPipeline', metadata: { name: 'pipeline' }, spec: { targetNamespace: 'tekton-pipelines', ...settings },
    });
    const own = "the operator writes coschedule \"workspaces\" for TektonConfig 'config' (the operator's own, with its defaults: TektonPipeline 'pipeline' "
      + "is checked without a TektonConfig), Tekton's release value, as spec.pipeline['coschedule'] is not set";
    // the operator's UpdatePipeline replaces the whole of spec (typed fields and options): "disabled" does not reach feature-flags
    expect(check(r, lone({ coschedule: 'disabled' })).map((f) => f.problem)).toEqual([problem(TWO_TEMPLATES, own)]);
    expect(check(r, flags('disabled'), lone({ options: { configMaps: { 'feature-flags': { data: { coschedule: 'disabled' } } } } })).map((f) => f.problem))
      .toEqual([problem(TWO_TEMPLATES, own)]);
    // so does it when a TektonChain alone shows the operator installed
    expect(check(r, flags('disabled'), { apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonChain', metadata: { name: 'chain' }, spec: { targetNamespace: 'tekton-pipelines' } })
      .map((f) => f.problem)).toEqual([problem(TWO_TEMPLATES, own.replace("TektonPipeline 'pipeline'", "TektonChain 'chain'"))]);
    // the operator's Deployment with AUTOINSTALL_COMPONENTS other than "true": the object is read
    expect(check(r, lone({ coschedule: 'disabled' }), operatorDeployment())).toEqual([]);
    expect(check(r, lone({ coschedule: 'disabled' }), operatorDeployment('true')).map((f) => f.problem)).toEqual([problem(TWO_TEMPLATES, own)]);
  });

  test('the operator\'s Deployment checked without any of its objects: the feature-flags it writes over the ConfigMap are read', () => {
    const r = run({ pipelineSpec: pipelineSpec(task('build', [['source', 'source'], ['image', 'image']])) }, vct('source'), vct('image'));
    // the installer set's apply sets every key of the operator's feature-flags over the ConfigMap: "disabled" does not reach Tekton
    expect(check(r, flags('disabled'), operatorDeployment('true')).map((f) => f.problem)).toEqual([problem(TWO_TEMPLATES,
      "the operator writes coschedule \"workspaces\" for TektonConfig 'config' (the operator's own, with its defaults: its Deployment 'tekton-operator' "
      + "runs it with AUTOINSTALL_COMPONENTS \"true\", and no TektonConfig is checked), Tekton's release value, as spec.pipeline['coschedule'] is not set")]);
    // AUTOINSTALL_COMPONENTS other than "true": the operator installs nothing of its own, the ConfigMap is read
    expect(check(r, flags('disabled'), operatorDeployment())).toEqual([]);
    expect(check(r, flags('disabled'))).toEqual([]);
  });

  test('claims are counted as Tekton counts them: by claim name, and per run workspace for templates', () => {
    const spec = (t: any) => ({ pipelineSpec: { workspaces: [{ name: 'a' }, { name: 'b' }, { name: 'c' }], tasks: [t] } });
    // two task workspaces on one run workspace (subPaths of one volume): one claim
    expect(check(run(spec(task('t', [['src', 'a'], ['out', 'a']])), vct('a')))).toEqual([]);
    // the same claim twice: one claim
    expect(check(run(spec(task('t', [['src', 'a'], ['out', 'b']])), pvc('a', 'shared'), pvc('b', 'shared')))).toEqual([]);
    // an emptyDir, a Secret and a claim: one claim
    expect(check(run(spec(task('t', [['src', 'a'], ['tmp', 'b'], ['creds', 'c']])), vct('a'), { name: 'b', emptyDir: {} }, { name: 'c', secret: { secretName: 's' } }))).toEqual([]);
    // two claims by name, or a claim and a template
    expect(check(run(spec(task('t', [['src', 'a'], ['out', 'b']])), pvc('a', 'one'), pvc('b', 'two'))).map((f) => f.problem))
      .toEqual([problem('src (persistentVolumeClaim "one"), out (persistentVolumeClaim "two")', DEFAULT)]);
    expect(check(run(spec(task('t', [['src', 'a'], ['out', 'b'], ['again', 'a']])), vct('a'), pvc('b', 'two'))).map((f) => [f.value, f.problem]))
      .toEqual([['src, again, out', problem('src and again (the volumeClaimTemplate of workspace "a"), out (persistentVolumeClaim "two")', DEFAULT)]]);
  });

  test('finally tasks, embedded task specs (the workspaces Tekton propagates), and the Pipeline a pipelineRef names', () => {
    const embedded = { name: 'e', taskSpec: { workspaces: [{ name: 'source' }], steps: [{ name: 's', image: 'x', script: 'ls $(workspaces.image.path)' }] } };
    const spec = { workspaces: [{ name: 'source' }, { name: 'image' }], tasks: [embedded], finally: [task('f', [['source', 'source'], ['image', 'image']])] };
    expect(check(run({ pipelineSpec: spec }, vct('source'), vct('image'))).map((f) => f.location)).toEqual(['task \'e\'', 'task \'f\'']);
    const pipeline = { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'p', namespace: 'ci' }, spec };
    const byRef = run({ pipelineRef: { name: 'p' } }, vct('source'), vct('image'));
    expect(check(byRef, pipeline).map((f) => f.location)).toEqual(['task \'e\'', 'task \'f\'']);
    // without the Pipeline, or with one of another namespace, nothing is known
    expect(AFFINITY_ASSISTANT_CLAIMS.check(byRef)).toEqual([]);
    expect(check(byRef, { ...pipeline, metadata: { name: 'p', namespace: 'other' } })).toEqual([]);
  });

  test('pipeline tasks that make no TaskRun are not judged: custom tasks (CustomRuns) and pipelines in pipelines', () => {
    const two = [['source', 'source'], ['image', 'image']] as Array<[string, string]>;
    const spec = pipelineSpec(
      task('custom', two, { taskRef: { apiVersion: 'example.dev/v1', kind: 'Approval', name: 'a' } }),
      task('child', two, { taskRef: undefined, pipelineRef: { name: 'p' } }),
      task('beta', two, { taskRef: { apiVersion: 'tekton.dev/v1beta1', kind: 'Task', name: 'b' } }),
    );
    expect(check(run({ pipelineSpec: spec }, vct('source'), vct('image'))).map((f) => f.location)).toEqual(['task \'beta\'']);
  });

  test('a claim template of access mode ReadWriteOncePod, which the affinity assistant mounts under every coschedule but "disabled"', () => {
    const rwop = (name: string) => ({ name, volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOncePod'], resources: { requests: { storage: '1Gi' } } } } });
    const r = run({ pipelineSpec: pipelineSpec(task('clone', [['source', 'source']]), task('build', [['source', 'source']])) }, rwop('source'), vct('image'));
    const podProblem = (why: string) => `is an access mode of the claim; ${why}, under which Tekton's affinity assistant pod mounts the claim for the whole run, `
      + 'and the scheduler then puts no TaskRun pod that mounts it on any node (a ReadWriteOncePod claim is mounted by one pod at a time)';
    expect(check(r)).toEqual([{
      rule: RuleId.AFFINITY_ASSISTANT_CLAIMS,
      kind: 'PipelineRun',
      name: 'release',
      location: 'workspace \'source\'',
      property: 'volumeClaimTemplate.spec.accessModes',
      value: 'ReadWriteOncePod',
      problem: podProblem(DEFAULT),
      fix: 'Bind the workspace with access mode ReadWriteOnce (AccessMode.READ_WRITE_ONCE, the default), which the affinity assistant keeps on the node of the run\'s '
        + 'pods. When the cluster sets coschedule to "disabled" (TektonFeatureFlags coschedule: Coschedule.DISABLED), check its feature-flags with the run, or relax this rule saying so.',
    }]);
    for (const on of ['pipelineruns', 'isolate-pipelinerun']) {
      expect(check(r, flags(on)).map((f) => f.problem)).toEqual([podProblem(`the feature-flags checked with it set coschedule "${on}"`)]);
    }
    expect(check(r, flags('disabled'))).toEqual([]);
    // a workspace no task receives makes no pod wait
    expect(check(run({ pipelineSpec: pipelineSpec(task('build', [['image', 'image']])) }, rwop('source'), vct('image')))).toEqual([]);
    // a TaskRun of its own has no affinity assistant
    expect(check({ apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name: 'tr' }, spec: { taskRef: { name: 'build' }, workspaces: [rwop('source')] } })).toEqual([]);
  });

  test('several feature-flags ConfigMaps checked together (the cluster may keep any): the first under which the most is checked', () => {
    const r = run({ pipelineSpec: pipelineSpec(task('build', [['source', 'source'], ['image', 'image']])) }, vct('source'), vct('image'));
    const of = (i: number, n: number) => `the feature-flags checked with it (ConfigMap ${i} of the ${n} named feature-flags, any of which the cluster may keep)`;
    // "workspaces" before any other coschedule, whichever comes first
    expect(check(r, flags('disabled'), flags('Workspaces'))).toEqual([onBuild(`${of(2, 2)} set coschedule "workspaces"`)]);
    expect(check(r, flags('pipelineruns'), flags(), flags('disabled')).map((f) => f.problem))
      .toEqual([problem(TWO_TEMPLATES, `${of(2, 3)} leave coschedule unset, so Tekton uses "workspaces"`)]);
    expect(check(r, flags('disabled'), flags('always')).map((f) => f.problem)).toEqual([problem(TWO_TEMPLATES,
      `Tekton cannot read ${of(2, 2)} (TEKTON_FEATURE_FLAGS says why), so the cluster keeps the coschedule it had, "workspaces" as Tekton is installed`)]);
    // none "workspaces": one that starts an affinity assistant before "disabled"
    const rwop = { name: 'source', volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOncePod'], resources: { requests: { storage: '1Gi' } } } } };
    const one = run({ pipelineSpec: pipelineSpec(task('build', [['source', 'source']])) }, rwop, vct('image'));
    expect(check(one, flags('disabled'), flags('isolate-pipelinerun'), flags('pipelineruns')).map((f) => f.problem)).toEqual([
      `is an access mode of the claim; ${of(2, 3)} set coschedule "isolate-pipelinerun", under which Tekton's affinity assistant pod mounts the claim for the whole run, `
      + 'and the scheduler then puts no TaskRun pod that mounts it on any node (a ReadWriteOncePod claim is mounted by one pod at a time)',
    ]);
    // all of them agree: nothing to find
    expect(check(r, flags('disabled'), flags('Disabled'))).toEqual([]);
    expect(check(one, flags('disabled'), flags('disabled'))).toEqual([]);
  });

  test('a TaskRun binds its claims itself', () => {
    const tr = { apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name: 'tr' }, spec: { taskRef: { name: 'build' }, workspaces: [vct('source'), { name: 'tmp', emptyDir: {} }, vct('image')] } };
    expect(check(tr)).toEqual([{
      rule: RuleId.AFFINITY_ASSISTANT_CLAIMS, kind: 'TaskRun', name: 'tr', property: 'spec.workspaces', value: 'source, image', problem: problem(TWO_TEMPLATES, DEFAULT),
    }]);
    expect(check(tr, flags('disabled'))).toEqual([]);
    expect(check({ ...tr, spec: { ...tr.spec, workspaces: [vct('source')] } })).toEqual([]);
    // Tekton keys a TaskRun's template by its workspace's name among the claim names: a claim of that name is the same one
    expect(check({ ...tr, spec: { ...tr.spec, workspaces: [{ name: 'source', persistentVolumeClaim: { claimName: 'cache' } }, vct('cache')] } })).toEqual([]);
  });
});
