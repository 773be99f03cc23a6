import { describeRule, loopInPipeline, pipelineLoop, pipelineRun, taskRun } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { RUN_POD_SECURITY_CONTEXT } from '../../../src/policy/rules/run-pod-security-context';

const finding = (kind: string, name: string, rest: Record<string, unknown>) => ({ rule: RuleId.RUN_POD_SECURITY_CONTEXT, kind, name, ...rest });
const PR = 'taskRunTemplate.podTemplate.securityContext';

/** A PipelineRun whose pod securityContext is `securityContext`. */
function runWith(securityContext: any): any {
  const run = pipelineRun();
  run.spec.taskRunTemplate.podTemplate.securityContext = securityContext;
  return run;
}

describe('RUN_POD_SECURITY_CONTEXT', () => {
  describeRule(RUN_POD_SECURITY_CONTEXT, RuleId.RUN_POD_SECURITY_CONTEXT, Severity.MEDIUM, true);

  test('applies to PipelineRuns and TaskRuns only', () => {
    expect(RUN_POD_SECURITY_CONTEXT.appliesTo(pipelineRun())).toBe(true);
    expect(RUN_POD_SECURITY_CONTEXT.appliesTo(taskRun())).toBe(true);
    expect(RUN_POD_SECURITY_CONTEXT.appliesTo({ kind: 'Pod', spec: { securityContext: {} } })).toBe(false);
  });

  test('compliant: runAsNonRoot, fsGroup and RuntimeDefault or Localhost seccomp', () => {
    expect(RUN_POD_SECURITY_CONTEXT.check(pipelineRun())).toEqual([]);
    expect(RUN_POD_SECURITY_CONTEXT.check(taskRun())).toEqual([]);
    expect(RUN_POD_SECURITY_CONTEXT.check(runWith({ runAsNonRoot: true, fsGroup: 1, seccompProfile: { type: 'Localhost', localhostProfile: 'ci.json' } }))).toEqual([]);
  });

  test('non-compliant: fsGroup missing', () => {
    expect(RUN_POD_SECURITY_CONTEXT.check(runWith({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } })))
      .toEqual([finding('PipelineRun', 'pipe-run', { property: `${PR}.fsGroup`, problem: 'is not set' })]);
  });

  test('non-compliant: runAsNonRoot false, fsGroup as a string, seccomp Unconfined', () => {
    expect(RUN_POD_SECURITY_CONTEXT.check(runWith({ runAsNonRoot: false, fsGroup: '65532', seccompProfile: { type: 'Unconfined' } }))).toEqual([
      finding('PipelineRun', 'pipe-run', { property: `${PR}.runAsNonRoot`, value: 'false', problem: 'is not true' }),
      finding('PipelineRun', 'pipe-run', { property: `${PR}.fsGroup`, problem: 'is not set' }),
      finding('PipelineRun', 'pipe-run', { property: `${PR}.seccompProfile.type`, value: 'Unconfined', problem: 'is not RuntimeDefault' }),
    ]);
  });

  test('non-compliant: a PipelineRun without pod template misses all three', () => {
    expect(RUN_POD_SECURITY_CONTEXT.check(pipelineRun({ taskRunTemplate: { serviceAccountName: 'pipe-runner' } }))).toEqual([
      finding('PipelineRun', 'pipe-run', { property: `${PR}.runAsNonRoot`, problem: 'is not true' }),
      finding('PipelineRun', 'pipe-run', { property: `${PR}.fsGroup`, problem: 'is not set' }),
      finding('PipelineRun', 'pipe-run', { property: `${PR}.seccompProfile.type`, problem: 'is not RuntimeDefault' }),
    ]);
  });

  test('non-compliant: a TaskRun without pod template', () => {
    expect(RUN_POD_SECURITY_CONTEXT.check({ kind: 'TaskRun', metadata: { name: 'r' }, spec: { taskRef: { name: 't' } } })).toEqual([
      finding('TaskRun', 'r', { property: 'podTemplate.securityContext.runAsNonRoot', problem: 'is not true' }),
      finding('TaskRun', 'r', { property: 'podTemplate.securityContext.fsGroup', problem: 'is not set' }),
      finding('TaskRun', 'r', { property: 'podTemplate.securityContext.seccompProfile.type', problem: 'is not RuntimeDefault' }),
    ]);
  });

  const base = { kind: 'PipelineRun', name: 'pipe-run', rule: RuleId.RUN_POD_SECURITY_CONTEXT };

  test('non-compliant: root identities at pod level, which every container without its own inherits', () => {
    expect(RUN_POD_SECURITY_CONTEXT.check(runWith({
      runAsNonRoot: true, fsGroup: 0, runAsUser: 0, runAsGroup: 0, supplementalGroups: [1000, 0], seccompProfile: { type: 'RuntimeDefault' },
    }))).toEqual(['runAsUser', 'runAsGroup', 'fsGroup'].map((f) => ({
      ...base, property: `taskRunTemplate.podTemplate.securityContext.${f}`, value: '0', problem: 'is root, which every container that sets none inherits',
    })).concat([{
      ...base, property: 'taskRunTemplate.podTemplate.securityContext.supplementalGroups', value: '[1000,0]', problem: 'adds the root group to every container',
    } as any]));
  });

  test('non-compliant: IDs and a Localhost profile the API server refuses (the pods never run)', () => {
    const refused = 'is not an ID from 0 to 2147483647 (the API server refuses the pods)';
    expect(RUN_POD_SECURITY_CONTEXT.check(runWith({
      runAsNonRoot: true, fsGroup: -1, runAsUser: 2147483648, runAsGroup: 1.5, supplementalGroups: [1000, -2], seccompProfile: { type: 'Localhost' },
    })).map((f) => [f.property, f.value, f.problem])).toEqual([
      [`${PR}.seccompProfile.localhostProfile`, undefined, 'is not set with type Localhost (the API server refuses the pods)'],
      [`${PR}.runAsUser`, '2147483648', refused],
      [`${PR}.runAsGroup`, '1.5', refused],
      [`${PR}.fsGroup`, '-1', refused],
      [`${PR}.supplementalGroups[1]`, '-2', refused],
    ]);
  });

  test('non-compliant: a localhostProfile with another type, or an empty one with Localhost', () => {
    const profile = (seccompProfile: any) => RUN_POD_SECURITY_CONTEXT.check(runWith({ runAsNonRoot: true, fsGroup: 1, seccompProfile }))
      .map((f) => [f.property, f.value, f.problem]);
    expect(profile({ type: 'RuntimeDefault', localhostProfile: 'ci.json' })).toEqual([
      [`${PR}.seccompProfile.localhostProfile`, 'ci.json', 'is set with type "RuntimeDefault" (the API server refuses the pods: only a Localhost profile has one)'],
    ]);
    expect(profile({ type: 'Localhost', localhostProfile: '' })).toEqual([
      [`${PR}.seccompProfile.localhostProfile`, '', 'is empty with type Localhost (the kubelet starts no container of the pods)'],
    ]);
  });

  test('non-compliant: a per-task pod template replaces the securityContext as a whole, so it must be complete', () => {
    const run = pipelineRun({
      taskRunSpecs: [
        { pipelineTaskName: 'build', podTemplate: { securityContext: { runAsUser: 0 } } },
        { pipelineTaskName: 'lint', podTemplate: { nodeSelector: { pool: 'ci' } } },
      ],
    });
    const at = { location: "taskRunSpec 'build'", target: 'task/build' };
    expect(RUN_POD_SECURITY_CONTEXT.check(run)).toEqual([
      { ...base, ...at, property: 'podTemplate.securityContext.runAsNonRoot', problem: 'is not true' },
      { ...base, ...at, property: 'podTemplate.securityContext.fsGroup', problem: 'is not set' },
      { ...base, ...at, property: 'podTemplate.securityContext.seccompProfile.type', problem: 'is not RuntimeDefault' },
      { ...base, ...at, property: 'podTemplate.securityContext.runAsUser', value: '0', problem: 'is root, which every container that sets none inherits' },
    ]);
  });

  test('compliant: a per-task securityContext of null is none (Go decodes it as nil), so the run-wide one applies', () => {
    expect(RUN_POD_SECURITY_CONTEXT.check(pipelineRun({ taskRunSpecs: [{ pipelineTaskName: 'build', podTemplate: { securityContext: null } }] }))).toEqual([]);
    // an empty one replaces the run-wide one with nothing
    expect(RUN_POD_SECURITY_CONTEXT.check(pipelineRun({ taskRunSpecs: [{ pipelineTaskName: 'build', podTemplate: { securityContext: {} } }] })).map((f) => f.property)).toEqual([
      'podTemplate.securityContext.runAsNonRoot', 'podTemplate.securityContext.fsGroup', 'podTemplate.securityContext.seccompProfile.type',
    ]);
  });

  test('v1beta1 runs: podTemplate and taskPodTemplate', () => {
    const run = {
      apiVersion: 'tekton.dev/v1beta1',
      kind: 'PipelineRun',
      metadata: { name: 'pipe-run' },
      spec: {
        podTemplate: { securityContext: { runAsNonRoot: true, fsGroup: 1, seccompProfile: { type: 'RuntimeDefault' } } },
        taskRunSpecs: [{ pipelineTaskName: 'x', taskPodTemplate: { securityContext: { runAsNonRoot: false, fsGroup: 1, seccompProfile: { type: 'RuntimeDefault' } } } }],
      },
    };
    expect(RUN_POD_SECURITY_CONTEXT.check(run)).toEqual([
      { ...base, location: "taskRunSpec 'x'", target: 'task/x', property: 'taskPodTemplate.securityContext.runAsNonRoot', value: 'false', problem: 'is not true' },
    ]);
  });
});

describe('RUN_POD_SECURITY_CONTEXT: the field named as the run\'s API version names it', () => {
  test('a v1beta1 PipelineRun without a pod template: spec.podTemplate, not v1\'s taskRunTemplate.podTemplate', () => {
    const run = { apiVersion: 'tekton.dev/v1beta1', kind: 'PipelineRun', metadata: { name: 'r' }, spec: { pipelineRef: { name: 'p' } } };
    expect(RUN_POD_SECURITY_CONTEXT.check(run).map((f) => f.property)).toEqual([
      'podTemplate.securityContext.runAsNonRoot', 'podTemplate.securityContext.fsGroup', 'podTemplate.securityContext.seccompProfile.type',
    ]);
  });

  test('compliant: a run-wide template without a securityContext takes a complete one from the default pod template checked with it', () => {
    const defaults = (template: string, namespace = 'tekton-pipelines') => ({
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace }, data: { 'default-pod-template': template },
    });
    const context = (...manifests: any[]) => ({ manifests, credentialWorkspaces: () => [] });
    const complete = 'securityContext:\n  runAsNonRoot: true\n  fsGroup: 65532\n  seccompProfile: {type: RuntimeDefault}\n';
    const run = pipelineRun();
    delete run.spec.taskRunTemplate.podTemplate.securityContext;
    const unset = RUN_POD_SECURITY_CONTEXT.check(run);
    expect(unset.map((f) => f.property)).toEqual([
      'taskRunTemplate.podTemplate.securityContext.runAsNonRoot', 'taskRunTemplate.podTemplate.securityContext.fsGroup',
      'taskRunTemplate.podTemplate.securityContext.seccompProfile.type',
    ]);
    expect(RUN_POD_SECURITY_CONTEXT.check(run, context(run, defaults(complete)))).toEqual([]);
    const tr = taskRun({ podTemplate: undefined });
    expect(RUN_POD_SECURITY_CONTEXT.check(tr, context(tr, defaults(complete)))).toEqual([]);
    // a default without a securityContext, another namespace's ConfigMap, or a run that writes its own: judged as before
    for (const other of [defaults('nodeSelector: {a: b}\n'), defaults(complete, 'ci')]) {
      expect(RUN_POD_SECURITY_CONTEXT.check(run, context(run, other))).toEqual(unset);
    }
    // an incomplete or root default: what it lacks, said of it (it set runAsNonRoot, which is not reported as missing)
    const TAKEN = " in config-defaults' default-pod-template, whose securityContext the run takes as it sets none";
    expect(RUN_POD_SECURITY_CONTEXT.check(run, context(run, defaults('securityContext: {runAsNonRoot: true}\n'))).map((f) => [f.property, f.value, f.problem]))
      .toEqual([
        ['taskRunTemplate.podTemplate.securityContext.fsGroup', undefined, `is not set${TAKEN}`],
        ['taskRunTemplate.podTemplate.securityContext.seccompProfile.type', undefined, `is not RuntimeDefault${TAKEN}`],
      ]);
    expect(RUN_POD_SECURITY_CONTEXT.check(run, context(run, defaults(`${complete}  runAsUser: 0\n`))).map((f) => [f.property, f.value, f.problem]))
      .toEqual([['taskRunTemplate.podTemplate.securityContext.runAsUser', '0', `is root, which every container that sets none inherits${TAKEN}`]]);
    const own = pipelineRun();
    own.spec.taskRunTemplate.podTemplate.securityContext = { runAsNonRoot: true };
    expect(RUN_POD_SECURITY_CONTEXT.check(own, context(own, defaults(complete))).map((f) => f.property)).toEqual([
      'taskRunTemplate.podTemplate.securityContext.fsGroup', 'taskRunTemplate.podTemplate.securityContext.seccompProfile.type',
    ]);
  });
});

describe("RUN_POD_SECURITY_CONTEXT beside a Tekton operator's object: each reading of config-defaults", () => {
  const complete = 'securityContext:\n  runAsNonRoot: true\n  fsGroup: 65532\n  seccompProfile: {type: RuntimeDefault}\n';
  const defaults = (data: Record<string, string>, namespace?: string) => ({
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', ...(namespace === undefined ? {} : { namespace }) }, data,
  });
  const config = (pipeline: Record<string, unknown> = {}) => ({
    apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonConfig', metadata: { name: 'config' }, spec: { targetNamespace: 'tekton-pipelines', pipeline },
  });
  const run = pipelineRun();
  delete run.spec.taskRunTemplate.podTemplate.securityContext;
  const check = (...manifests: any[]) => RUN_POD_SECURITY_CONTEXT.check(run, { manifests: [run, ...manifests], credentialWorkspaces: () => [] });
  const unset = (suffix: string) => [
    { property: `${PR}.runAsNonRoot`, value: undefined, problem: `is not true${suffix}` },
    { property: `${PR}.fsGroup`, problem: `is not set${suffix}` },
    { property: `${PR}.seccompProfile.type`, value: undefined, problem: `is not RuntimeDefault${suffix}` },
  ].map((p) => finding('PipelineRun', 'pipe-run', p));

  test("the ConfigMap's template is kept beside what the operator writes only when kubectl apply did not create it: the finding names the other reading", () => {
    const alone = " (reading config-defaults as TektonConfig 'config' writes it alone, if kubectl apply created ConfigMap 'config-defaults' in tekton-pipelines)";
    expect(check(defaults({ 'default-pod-template': complete }, 'tekton-pipelines'), config())).toEqual(unset(alone));
    // a ConfigMap without a namespace lands in kubectl's, which may be the operator's target namespace: read as if it were
    expect(check(defaults({ 'default-pod-template': complete }), config()))
      .toEqual(unset(" (reading config-defaults as TektonConfig 'config' writes it alone, if kubectl apply created ConfigMap 'config-defaults' without a namespace)"));
    // one of another namespace is not the one the operator applies over, and the operator's own config-defaults has no template
    expect(check(defaults({ 'default-pod-template': complete }, 'ci'), config())).toEqual(unset(''));
  });

  test('a finding every reading has says nothing of them; the template the operator writes is its own in every reading', () => {
    // the ConfigMap keeps a key of its own, and has no template: no reading has one
    expect(check(defaults({ 'default-service-account': 'builder' }, 'tekton-pipelines'), config())).toEqual(unset(''));
    // the operator writes the template over the ConfigMap's in every reading
    expect(check(defaults({ 'default-pod-template': 'nodeSelector: {a: b}\n', 'default-service-account': 'builder' }, 'tekton-pipelines'),
      config({ 'default-pod-template': complete }))).toEqual([]);
    expect(check(defaults({ 'default-pod-template': complete, 'default-service-account': 'builder' }, 'tekton-pipelines'),
      config({ 'default-pod-template': 'nodeSelector: {a: b}\n' }))).toEqual(unset(''));
  });
});

describe('RUN_POD_SECURITY_CONTEXT on fields of another type', () => {
  test('a v1beta1 PipelineRun whose spec is null has no pod template: the run-wide one is missing, as for an empty spec', () => {
    const run = { apiVersion: 'tekton.dev/v1beta1', kind: 'PipelineRun', metadata: { name: 'p', namespace: 'ci' }, spec: null };
    expect(RUN_POD_SECURITY_CONTEXT.check(run)).toEqual(RUN_POD_SECURITY_CONTEXT.check({ ...run, spec: {} }));
    expect(RUN_POD_SECURITY_CONTEXT.check(run).map((f) => f.property)).toEqual([
      'podTemplate.securityContext.runAsNonRoot', 'podTemplate.securityContext.fsGroup', 'podTemplate.securityContext.seccompProfile.type',
    ]);
  });

  test("a PipelineLoop's (kfp-tekton) podTemplate is the pod template of the PipelineRun of each iteration: the outer run's does not reach it", () => {
    const hardened = pipelineRun().spec.taskRunTemplate.podTemplate;
    expect(RUN_POD_SECURITY_CONTEXT.check(pipelineLoop({ podTemplate: hardened, pipelineSpec: { tasks: [] } }))).toEqual([]);
    const embedded = loopInPipeline({ podTemplate: { securityContext: { runAsNonRoot: false } }, pipelineSpec: { tasks: [] } });
    expect(RUN_POD_SECURITY_CONTEXT.check(embedded)).toEqual([
      finding('Pipeline', 'outer', { location: "task 'loop'", target: 'task/loop', property: 'podTemplate.securityContext.runAsNonRoot', value: 'false', problem: 'is not true' }),
      finding('Pipeline', 'outer', { location: "task 'loop'", target: 'task/loop', property: 'podTemplate.securityContext.fsGroup', problem: 'is not set' }),
      finding('Pipeline', 'outer', { location: "task 'loop'", target: 'task/loop', property: 'podTemplate.securityContext.seccompProfile.type', problem: 'is not RuntimeDefault' }),
    ]);
    expect(RUN_POD_SECURITY_CONTEXT.check(pipelineLoop({ pipelineSpec: { tasks: [] } })).map((x) => x.property)).toContain('podTemplate.securityContext.runAsNonRoot');
  });
});
