import { describeRule, loopInPipeline, pipelineLoop, pipelineRun, taskRun } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { RUN_SERVICE_ACCOUNT } from '../../../src/policy/rules/run-service-account';

const NOT_SET = 'is not set (the namespace default is used)';
const DEFAULT = 'is the namespace default';
const finding = (kind: string, name: string, rest: Record<string, unknown>) => ({ rule: RuleId.RUN_SERVICE_ACCOUNT, kind, name, ...rest });

describe('RUN_SERVICE_ACCOUNT', () => {
  describeRule(RUN_SERVICE_ACCOUNT, RuleId.RUN_SERVICE_ACCOUNT, Severity.HIGH, true);

  test('applies to PipelineRuns and TaskRuns only', () => {
    expect(RUN_SERVICE_ACCOUNT.appliesTo(pipelineRun())).toBe(true);
    expect(RUN_SERVICE_ACCOUNT.appliesTo(taskRun())).toBe(true);
    expect(RUN_SERVICE_ACCOUNT.appliesTo({ kind: 'Pod', spec: { serviceAccountName: 'default' } })).toBe(false);
  });

  test('compliant: a dedicated ServiceAccount, and per-task ones that are dedicated too', () => {
    expect(RUN_SERVICE_ACCOUNT.check(pipelineRun())).toEqual([]);
    expect(RUN_SERVICE_ACCOUNT.check(taskRun())).toEqual([]);
    const run = pipelineRun({ taskRunSpecs: [{ pipelineTaskName: 'push', serviceAccountName: 'pusher' }, { pipelineTaskName: 'test' }] });
    run.spec.taskRunTemplate.serviceAccountName = 'pipe-runner';
    expect(RUN_SERVICE_ACCOUNT.check(run)).toEqual([]);
  });

  test('non-compliant: a PipelineRun naming default', () => {
    const run = pipelineRun();
    run.spec.taskRunTemplate.serviceAccountName = 'default';
    expect(RUN_SERVICE_ACCOUNT.check(run)).toEqual([
      finding('PipelineRun', 'pipe-run', { property: 'taskRunTemplate.serviceAccountName', value: 'default', problem: DEFAULT }),
    ]);
  });

  test('non-compliant: a PipelineRun naming none, or an empty name', () => {
    const none = pipelineRun();
    delete none.spec.taskRunTemplate.serviceAccountName;
    expect(RUN_SERVICE_ACCOUNT.check(none)).toEqual([finding('PipelineRun', 'pipe-run', { property: 'taskRunTemplate.serviceAccountName', problem: NOT_SET })]);
    expect(RUN_SERVICE_ACCOUNT.check(pipelineRun({ taskRunTemplate: undefined }))).toEqual([
      finding('PipelineRun', 'pipe-run', { property: 'taskRunTemplate.serviceAccountName', problem: NOT_SET }),
    ]);
    const empty = pipelineRun();
    empty.spec.taskRunTemplate.serviceAccountName = '';
    expect(RUN_SERVICE_ACCOUNT.check(empty)).toEqual([finding('PipelineRun', 'pipe-run', { property: 'taskRunTemplate.serviceAccountName', value: '', problem: DEFAULT })]);
  });

  test('non-compliant: one pipeline task sent back to default through taskRunSpecs', () => {
    expect(RUN_SERVICE_ACCOUNT.check(pipelineRun({ taskRunSpecs: [{ pipelineTaskName: 'test', serviceAccountName: 'default' }, { pipelineTaskName: 'push', serviceAccountName: 'pusher' }] }))).toEqual([
      finding('PipelineRun', 'pipe-run', { location: "taskRunSpec 'test'", target: 'task/test', property: 'serviceAccountName', value: 'default', problem: DEFAULT }),
    ]);
  });

  test('compliant: an empty (or null) per-task name inherits the run-wide ServiceAccount, v1\'s and v1beta1\'s, which is judged instead', () => {
    const specs = [
      { pipelineTaskName: 'push', serviceAccountName: '' }, { pipelineTaskName: 'test', serviceAccountName: null },
      { pipelineTaskName: 'lint', taskServiceAccountName: '' },
    ];
    expect(RUN_SERVICE_ACCOUNT.check(pipelineRun({ taskRunSpecs: specs }))).toEqual([]);
    const legacy = { apiVersion: 'tekton.dev/v1beta1', kind: 'PipelineRun', metadata: { name: 'r' }, spec: { serviceAccountName: 'pipe-runner', taskRunSpecs: specs } };
    expect(RUN_SERVICE_ACCOUNT.check(legacy)).toEqual([]);
    const inheritsDefault = pipelineRun({ taskRunSpecs: specs });
    inheritsDefault.spec.taskRunTemplate.serviceAccountName = 'default';
    expect(RUN_SERVICE_ACCOUNT.check(inheritsDefault)).toEqual([
      finding('PipelineRun', 'pipe-run', { property: 'taskRunTemplate.serviceAccountName', value: 'default', problem: DEFAULT }),
    ]);
  });

  test('non-compliant: a TaskRun naming none or default', () => {
    expect(RUN_SERVICE_ACCOUNT.check(taskRun({ serviceAccountName: undefined }))).toEqual([finding('TaskRun', 'build-run', { property: 'serviceAccountName', problem: NOT_SET })]);
    expect(RUN_SERVICE_ACCOUNT.check(taskRun({ serviceAccountName: 'default' }))).toEqual([finding('TaskRun', 'build-run', { property: 'serviceAccountName', value: 'default', problem: DEFAULT })]);
  });

  test('non-compliant: v1beta1 names, the run\'s and each task\'s (serviceAccountNames is no field of Tekton v1.15: not read)', () => {
    const run = {
      apiVersion: 'tekton.dev/v1beta1',
      kind: 'PipelineRun',
      metadata: { name: 'r' },
      spec: {
        serviceAccountName: 'default',
        taskRunSpecs: [{ pipelineTaskName: 'push', taskServiceAccountName: 'default' }],
        serviceAccountNames: [{ taskName: 'clone', serviceAccountName: '' }],
      },
    };
    const base = { rule: RuleId.RUN_SERVICE_ACCOUNT, kind: 'PipelineRun', name: 'r' };
    expect(RUN_SERVICE_ACCOUNT.check(run)).toEqual([
      { ...base, property: 'serviceAccountName', value: 'default', problem: 'is the namespace default' },
      { ...base, location: "taskRunSpec 'push'", target: 'task/push', property: 'taskServiceAccountName', value: 'default', problem: 'is the namespace default' },
    ]);
  });
});

describe('RUN_SERVICE_ACCOUNT: the field named as the run\'s API version names it', () => {
  test('a v1beta1 or v1alpha1 PipelineRun without any: spec.serviceAccountName, not v1\'s taskRunTemplate', () => {
    for (const apiVersion of ['tekton.dev/v1beta1', 'tekton.dev/v1alpha1']) {
      expect(RUN_SERVICE_ACCOUNT.check({ apiVersion, kind: 'PipelineRun', metadata: { name: 'r' }, spec: { pipelineRef: { name: 'p' } } }).map((f) => f.property))
        .toEqual(['serviceAccountName']);
    }
    expect(RUN_SERVICE_ACCOUNT.check({ apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { name: 'r' }, spec: { pipelineRef: { name: 'p' } } }).map((f) => f.property))
      .toEqual(['taskRunTemplate.serviceAccountName']);
  });

  test('non-compliant: a name no ServiceAccount can have, so the run never makes a pod', () => {
    const INVALID = 'is not a name a ServiceAccount can have (a DNS-1123 subdomain: lower-case letters, digits, \'-\' and \'.\'), so Tekton cannot '
      + 'read the account and no pod of the run is made';
    for (const name of ['Default', 'DEFAULT', 'ci_builder', ' builder', 'builder ', 'builder.', '-builder', 'a'.repeat(254)]) {
      expect(RUN_SERVICE_ACCOUNT.check(taskRun({ serviceAccountName: name }))).toEqual([
        finding('TaskRun', 'build-run', { property: 'serviceAccountName', value: name, problem: INVALID }),
      ]);
    }
    const run = pipelineRun({ taskRunSpecs: [{ pipelineTaskName: 'push', serviceAccountName: 'Pusher' }] });
    run.spec.taskRunTemplate.serviceAccountName = 'Pipe-Runner';
    expect(RUN_SERVICE_ACCOUNT.check(run)).toEqual([
      finding('PipelineRun', 'pipe-run', { property: 'taskRunTemplate.serviceAccountName', value: 'Pipe-Runner', problem: INVALID }),
      finding('PipelineRun', 'pipe-run', { location: "taskRunSpec 'push'", target: 'task/push', property: 'serviceAccountName', value: 'Pusher', problem: INVALID }),
    ]);
    // dotted names and the longest name are ServiceAccount names
    for (const name of ['ci.builder', 'builder-1', '1builder', 'a'.repeat(253)]) expect(RUN_SERVICE_ACCOUNT.check(taskRun({ serviceAccountName: name }))).toEqual([]);
  });

  test('non-compliant, named as such: unset or empty where config-defaults checked with the run names a default account', () => {
    const defaults = (account: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data: { 'default-service-account': account } });
    const context = (...manifests: any[]) => ({ manifests, credentialWorkspaces: () => [] });
    const BY_DEFAULT = 'so Tekton gives the run config-defaults\' default-service-account "tekton-runner", the account of every run that names none';
    const none = taskRun({ serviceAccountName: undefined });
    expect(RUN_SERVICE_ACCOUNT.check(none, context(none, defaults('tekton-runner')))).toEqual([
      finding('TaskRun', 'build-run', { property: 'serviceAccountName', problem: `is not set, ${BY_DEFAULT}` }),
    ]);
    for (const empty of ['', null]) {
      const run = pipelineRun();
      run.spec.taskRunTemplate.serviceAccountName = empty;
      expect(RUN_SERVICE_ACCOUNT.check(run, context(run, defaults('tekton-runner')))).toEqual([
        finding('PipelineRun', 'pipe-run', { property: 'taskRunTemplate.serviceAccountName', value: String(empty), problem: `is empty, ${BY_DEFAULT}` }),
      ]);
    }
    // default named, or a default of default: the namespace default
    const named = taskRun({ serviceAccountName: 'default' });
    expect(RUN_SERVICE_ACCOUNT.check(named, context(named, defaults('tekton-runner')))).toEqual([
      finding('TaskRun', 'build-run', { property: 'serviceAccountName', value: 'default', problem: DEFAULT }),
    ]);
    expect(RUN_SERVICE_ACCOUNT.check(none, context(none, defaults('default')))).toEqual([finding('TaskRun', 'build-run', { property: 'serviceAccountName', problem: NOT_SET })]);
  });

  test('non-compliant, named as such: unset where several config-defaults checked with the run disagree on the default account', () => {
    const defaults = (account: string, namespace?: string) => ({
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', ...(namespace ? { namespace } : {}) }, data: { 'default-service-account': account },
    });
    const context = (...manifests: any[]) => ({ manifests, credentialWorkspaces: () => [] });
    const none = taskRun({ serviceAccountName: undefined });
    expect(RUN_SERVICE_ACCOUNT.check(none, context(none, defaults('tekton-runner', 'tekton-pipelines'), defaults('')))).toEqual([
      finding('TaskRun', 'build-run', {
        property: 'serviceAccountName',
        problem: 'is not set, so Tekton gives the run the default-service-account of the config-defaults the cluster keeps, the account of every run '
          + 'that names none: the config-defaults checked together name "tekton-runner" and "default"',
      }),
    ]);
  });

  test("beside a Tekton operator's object: each reading of config-defaults that gives another account is named", () => {
    const defaults = (data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data });
    const config = (pipeline: Record<string, unknown> = {}) => ({
      apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonConfig', metadata: { name: 'config' }, spec: { targetNamespace: 'tekton-pipelines', pipeline },
    });
    const context = (...manifests: any[]) => ({ manifests, credentialWorkspaces: () => [] });
    const none = taskRun({ serviceAccountName: undefined });
    // the operator writes no default-service-account: the ConfigMap's stays unless kubectl apply created it
    expect(RUN_SERVICE_ACCOUNT.check(none, context(none, defaults({ 'default-service-account': 'tekton-runner' }), config()))).toEqual([
      finding('TaskRun', 'build-run', {
        property: 'serviceAccountName',
        problem: 'is not set, so Tekton gives the run the default-service-account of the config-defaults the cluster keeps, the account of every run '
          + 'that names none: the config-defaults checked together name "default" (reading config-defaults as TektonConfig \'config\' writes it alone, '
          + 'if kubectl apply created ConfigMap \'config-defaults\' in tekton-pipelines) and "tekton-runner" (reading config-defaults with '
          + 'data[\'default-service-account\'] that ConfigMap \'config-defaults\' in tekton-pipelines keeps beside what TektonConfig \'config\' writes, '
          + 'unless kubectl apply created it)',
      }),
    ]);
    // the operator writes it over the ConfigMap's: one account in every reading, said as for one config-defaults
    expect(RUN_SERVICE_ACCOUNT.check(none, context(none, defaults({ 'default-service-account': 'other', 'default-timeout-minutes': '30' }),
      config({ 'default-service-account': 'tekton-runner' })))).toEqual([
      finding('TaskRun', 'build-run', {
        property: 'serviceAccountName',
        problem: 'is not set, so Tekton gives the run config-defaults\' default-service-account "tekton-runner", the account of every run that names none',
      }),
    ]);
    // the ConfigMap keeps a key of its own but no account: "default" in every reading
    expect(RUN_SERVICE_ACCOUNT.check(none, context(none, defaults({ 'default-timeout-minutes': '30' }), config())))
      .toEqual([finding('TaskRun', 'build-run', { property: 'serviceAccountName', problem: NOT_SET })]);
  });

  test('non-compliant: a {{…}} template pasted into the name before the run is read picks the account; a fixed placeholder does not', () => {
    const HOLDS = (t: string) => `holds ${t}, which a tool pastes into the YAML before it is read (Pipelines-as-Code from the event, Helm from its values), `
      + 'so whoever chooses that value picks the ServiceAccount';
    for (const [name, t] of [['{{ target_branch }}-sa', '{{ target_branch }}'], ['{{ .Values.serviceAccount }}', '{{ .Values.serviceAccount }}'], ['ci-{{sender}}', '{{sender}}']]) {
      expect(RUN_SERVICE_ACCOUNT.check(taskRun({ serviceAccountName: name }))).toEqual([
        finding('TaskRun', 'build-run', { property: 'serviceAccountName', value: name, problem: HOLDS(t) }),
      ]);
    }
    // the repository fixes its name: not chosen by an event, and not judged as a name as written
    expect(RUN_SERVICE_ACCOUNT.check(taskRun({ serviceAccountName: '{{ repo_name }}-builder' }))).toEqual([]);
  });
});

describe('RUN_SERVICE_ACCOUNT on a run without a spec', () => {
  test('a v1beta1 PipelineRun without a spec (or with spec: null) names no account, as one with an empty spec', () => {
    const run = { apiVersion: 'tekton.dev/v1beta1', kind: 'PipelineRun', metadata: { name: 'p', namespace: 'ci' } };
    const found = RUN_SERVICE_ACCOUNT.check({ ...run, spec: {} });
    expect(found.map((f) => f.property)).toEqual(['serviceAccountName']);
    expect(RUN_SERVICE_ACCOUNT.check(run)).toEqual(found);
    expect(RUN_SERVICE_ACCOUNT.check({ ...run, spec: null })).toEqual(found);
  });

  test('a PipelineLoop (kfp-tekton) gives the PipelineRun of each iteration its serviceAccountName: judged when it names one, as an object or embedded', () => {
    const spec = { serviceAccountName: 'default', taskRunSpecs: [{ pipelineTaskName: 'push', serviceAccountName: '{{ .sa }}' }], pipelineSpec: { tasks: [] } };
    const perTask = { location: "taskRunSpec 'push'", target: 'task/push', property: 'serviceAccountName', value: '{{ .sa }}' };
    const [own, task] = RUN_SERVICE_ACCOUNT.check(pipelineLoop(spec));
    expect(own).toEqual(finding('PipelineLoop', 'each', { property: 'serviceAccountName', value: 'default', problem: DEFAULT }));
    expect(task).toMatchObject({ ...perTask, kind: 'PipelineLoop' });
    expect(RUN_SERVICE_ACCOUNT.check(loopInPipeline(spec))).toEqual([
      finding('Pipeline', 'outer', { location: "task 'loop'", target: 'task/loop', property: 'serviceAccountName', value: 'default', problem: DEFAULT }),
      { ...finding('Pipeline', 'outer', {}), ...perTask, location: "task 'loop' taskRunSpec 'push'", target: 'task/loop/task/push', problem: task.problem },
    ]);
    // a loop that names none (or "") runs as the CustomRun's account, judged on the run that makes it
    for (const name of [undefined, '', null]) {
      expect(RUN_SERVICE_ACCOUNT.check(pipelineLoop({ serviceAccountName: name, pipelineSpec: { tasks: [] } }))).toEqual([]);
      expect(RUN_SERVICE_ACCOUNT.check(loopInPipeline({ serviceAccountName: name, pipelineSpec: { tasks: [] } }))).toEqual([]);
    }
    expect(RUN_SERVICE_ACCOUNT.check(pipelineLoop({ serviceAccountName: 'looper', pipelineSpec: { tasks: [] } }))).toEqual([]);
  });

  describe('a Shipwright BuildRun', () => {
    // after shipwright-io/build's samples (buildrun_buildah_cr.yaml)
    const buildRun = (spec: Record<string, any> = {}, apiVersion = 'shipwright.io/v1beta1') => ({
      apiVersion, kind: 'BuildRun', metadata: { name: 'buildah-golang-buildrun' }, spec: { build: { name: 'buildah-golang-build' }, ...spec },
    });
    const FIX = 'Set spec.serviceAccount to a ServiceAccount of this build\'s own, or to ".generate" for one Shipwright creates for each BuildRun (and deletes with it).';
    // v1alpha1's spec.serviceAccount is a mapping: the fix names its fields (".generate" there would be refused by the schema)
    const ALPHA_FIX = 'Set spec.serviceAccount.name to a ServiceAccount of this build\'s own, or set spec.serviceAccount.generate: true for one Shipwright creates for each BuildRun (and deletes with it).';

    test('unset: the namespace\'s pipeline ServiceAccount, else default', () => {
      expect(RUN_SERVICE_ACCOUNT.appliesTo(buildRun())).toBe(true);
      expect(RUN_SERVICE_ACCOUNT.check(buildRun())).toEqual([finding('BuildRun', 'buildah-golang-buildrun', {
        property: 'serviceAccount',
        problem: 'is not set, so Shipwright runs the build as the namespace\'s "pipeline" ServiceAccount (else "default"), the account of every BuildRun that names none',
        fix: FIX,
      })]);
    });

    test('named default or pipeline, or a name no ServiceAccount has', () => {
      expect(RUN_SERVICE_ACCOUNT.check(buildRun({ serviceAccount: 'pipeline' }))).toEqual([finding('BuildRun', 'buildah-golang-buildrun', {
        property: 'serviceAccount', value: 'pipeline', problem: 'is the namespace\'s shared "pipeline" ServiceAccount', fix: FIX,
      })]);
      expect(RUN_SERVICE_ACCOUNT.check(buildRun({ serviceAccount: { name: 'default' } }, 'shipwright.io/v1alpha1'))).toEqual([finding('BuildRun', 'buildah-golang-buildrun', {
        property: 'serviceAccount.name', value: 'default', problem: 'is the namespace\'s shared "default" ServiceAccount', fix: ALPHA_FIX,
      })]);
      expect(RUN_SERVICE_ACCOUNT.check(buildRun({ serviceAccount: 'Builder' }))).toEqual([finding('BuildRun', 'buildah-golang-buildrun', {
        property: 'serviceAccount',
        value: 'Builder',
        problem: 'is not a name a ServiceAccount can have (a DNS-1123 subdomain), so Shipwright finds no such account and fails the BuildRun',
        fix: FIX,
      })]);
    });

    test('v1alpha1 unset (shipwright-io/build samples/v1alpha1/buildrun/buildrun_buildah_cr.yaml): the fix in v1alpha1\'s fields', () => {
      expect(RUN_SERVICE_ACCOUNT.check(buildRun({}, 'shipwright.io/v1alpha1'))).toEqual([finding('BuildRun', 'buildah-golang-buildrun', {
        property: 'serviceAccount.name',
        problem: 'is not set, so Shipwright runs the build as the namespace\'s "pipeline" ServiceAccount (else "default"), the account of every BuildRun that names none',
        fix: ALPHA_FIX,
      })]);
    });

    test('a v1alpha1 name ".generate" is a generated account: the conversion copies the name as it is (buildrun_conversion.go)', () => {
      expect(RUN_SERVICE_ACCOUNT.check(buildRun({ serviceAccount: { name: '.generate' } }, 'shipwright.io/v1alpha1'))).toEqual([]);
      expect(RUN_SERVICE_ACCOUNT.check(buildRun({ serviceAccount: { name: '.generated' } }, 'shipwright.io/v1alpha1'))).toEqual([finding('BuildRun', 'buildah-golang-buildrun', {
        property: 'serviceAccount.name',
        value: '.generated',
        problem: 'is not a name a ServiceAccount can have (a DNS-1123 subdomain), so Shipwright finds no such account and fails the BuildRun',
        fix: ALPHA_FIX,
      })]);
    });

    test('compliant: .generate (v1alpha1 generate: true) or a ServiceAccount of its own; a Build is no run', () => {
      expect(RUN_SERVICE_ACCOUNT.check(buildRun({ serviceAccount: '.generate' }))).toEqual([]);
      expect(RUN_SERVICE_ACCOUNT.check(buildRun({ serviceAccount: { generate: true } }, 'shipwright.io/v1alpha1'))).toEqual([]);
      expect(RUN_SERVICE_ACCOUNT.check(buildRun({ serviceAccount: 'go-builder' }))).toEqual([]);
      expect(RUN_SERVICE_ACCOUNT.appliesTo({ ...buildRun(), kind: 'Build' })).toBe(false);
    });
  });
});
