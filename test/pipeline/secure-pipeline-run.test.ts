import { ApiObject, Chart, Duration, JsonPatch, Size, Testing } from 'cdk8s';
import {
  AccessMode, ApiFields, ApiVerb, EgressPeer, EgressPort, ParamConstraint, ParamType, PipelineTaskOptions, RelaxationTarget, Relaxations, RuleId,
  RunWorkspace, SecurePipeline, SecurePipelineRun, SecurePipelineRunProps, SecureTask, TektonFeatureFlags, TrustDomain, VaultSecretProviderClass,
} from '../../src';
import { chart, messageOf, only, relaxationsOf, step } from '../helpers/constructs';

function run(props: Partial<SecurePipelineRunProps> = {}) {
  const c = chart();
  const pipeline = new SecurePipeline(c, 'ci', {
    parameters: [{ name: 'revision' }, { name: 'mode', defaultValue: 'fast' }],
    workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }, { name: 'cache', domain: TrustDomain.CACHE, optional: true }],
  });
  pipeline.addTask({ task: new SecureTask(c, 'test', { workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }], steps: [step()] }), workspaces: { source: 'source' } });
  const r = new SecurePipelineRun(c, 'run', {
    pipeline,
    parameters: { revision: 'a'.repeat(40) },
    workspaces: { source: RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1) }) },
    ...props,
  });
  return { c, r, pipeline, manifest: () => only(c, 'PipelineRun') };
}

describe('SecurePipelineRun defaults', () => {
  const { manifest, r } = run();
  const m = manifest();
  const pod = m.spec.taskRunTemplate.podTemplate;

  test('has a generateName so that each kubectl create starts a new run', () => {
    expect(m.metadata.generateName).toBe('ci-run-');
    expect(m.metadata.name).toBeUndefined();
    expect(m.spec.pipelineRef).toEqual({ name: 'ci' });
  });

  test('fresh ReadWriteOnce volume per run', () => {
    expect(m.spec.workspaces).toEqual([{
      name: 'source',
      volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
    }]);
  });

  test('dedicated ServiceAccount, never default', () => {
    expect(m.spec.taskRunTemplate.serviceAccountName).toBe('ci-runner');
    expect(r.serviceAccountName).toBe('ci-runner');
  });

  test('pod template mounts no token', () => {
    expect(pod.automountServiceAccountToken).toBe(false);
  });

  test('pod securityContext: non-root, fsGroup, RuntimeDefault seccomp', () => {
    expect(pod.securityContext).toEqual({
      runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532, fsGroup: 65532, seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  test('timeout from the pipeline', () => {
    expect(m.spec.timeouts).toEqual({ pipeline: '1h0m0s' });
  });

  test('params passed as given, defaults left to the pipeline', () => {
    expect(m.spec.params).toEqual([{ name: 'revision', value: 'a'.repeat(40) }]);
  });
});

describe('SecurePipelineRun options', () => {
  test('fixed name, custom timeout and fsGroup', () => {
    const { manifest } = run({ generateName: false, name: 'nightly', timeout: Duration.minutes(30), fsGroup: 1000 });
    const m = manifest();
    expect(m.metadata.name).toBe('nightly');
    expect(m.metadata.generateName).toBeUndefined();
    expect(m.spec.timeouts.pipeline).toBe('0h30m0s');
    expect(m.spec.taskRunTemplate.podTemplate.securityContext.fsGroup).toBe(1000);
  });

  test('storage class and sizes in mebibytes', () => {
    const { manifest } = run({ workspaces: { source: RunWorkspace.volumeClaimTemplate({ storage: Size.mebibytes(512), storageClassName: 'fast' }) } });
    expect(manifest().spec.workspaces[0].volumeClaimTemplate.spec).toEqual({
      accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '512Mi' } }, storageClassName: 'fast',
    });
  });

  test('secret, configMap and emptyDir bindings, sorted by name', () => {
    // Tekton binds them by name; the order is the library's, not the map's (a Java Map.of changes its order from run to run)
    const { manifest } = run({ workspaces: { source: RunWorkspace.emptyDir(), cache: RunWorkspace.configMap('settings') } });
    expect(manifest().spec.workspaces).toEqual([{ name: 'cache', configMap: { name: 'settings' } }, { name: 'source', emptyDir: {} }]);
    expect(RunWorkspace.secret('creds')._render('c')).toEqual({ name: 'c', secret: { secretName: 'creds' } });
  });
});

describe('SecurePipelineRun refusals', () => {
  test('ReadWriteMany volume', () => {
    const rwx = RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1), accessMode: AccessMode.READ_WRITE_MANY });
    const { manifest } = run({ workspaces: { source: rwx } });
    expect(manifest).toThrow(
      "SecurePipelineRun 'test/run' workspace 'source': accessMode \"AccessMode.READ_WRITE_MANY\" is not ReadWriteOnce, so pods of other runs and nodes can "
      + "mount the volume at once [WORKSPACE_PER_RUN]. Leave accessMode out (AccessMode.READ_WRITE_ONCE, the default). Or relax WORKSPACE_PER_RUN with a reason in its props: relaxations: [{ rule: RuleId.WORKSPACE_PER_RUN, target: 'workspace/source', reason: '<why>' }].",
    );
  });

  test('fsGroup 0, in the words of the prop', () => {
    const { manifest } = run({ fsGroup: 0 });
    expect(manifest).toThrow(
      "SecurePipelineRun 'test/run': fsGroup \"0\" is root, which every container that sets none inherits [RUN_POD_SECURITY_CONTEXT]. Give a non-zero GID, "
      + 'e.g. fsGroup: 65532 (the default), or leave fsGroup out. Or relax RUN_POD_SECURITY_CONTEXT with a reason in its props: '
      + "relaxations: [{ rule: RuleId.RUN_POD_SECURITY_CONTEXT, reason: '<why>' }].",
    );
  });

  test('shared PersistentVolumeClaim', () => {
    const { manifest } = run({ workspaces: { source: RunWorkspace.persistentVolumeClaim('shared-src') } });
    expect(manifest).toThrow(
      "SecurePipelineRun 'test/run' workspace 'source': persistentVolumeClaim.claimName \"shared-src\" is a shared PersistentVolumeClaim [WORKSPACE_PER_RUN]. Use a volumeClaimTemplate with accessModes [ReadWriteOnce] (RunWorkspace.volumeClaimTemplate). Or relax WORKSPACE_PER_RUN with a reason in its props: relaxations: [{ rule: RuleId.WORKSPACE_PER_RUN, target: 'workspace/source', reason: '<why>' }].",
    );
  });

  test('missing required param', () => {
    expect(() => run({ parameters: {} })).toThrow(
      "SecurePipelineRun 'test/run': parameters \"revision\" is required by the pipeline but not passed [VALID_REFERENCE]. Pass it: parameters: { revision: '<value>' }.",
    );
  });

  test('unknown param', () => {
    expect(() => run({ parameters: { revision: 'x', branch: 'main' } })).toThrow(
      "SecurePipelineRun 'test/run': parameters.branch \"main\" is not a param of pipeline 'ci' [VALID_REFERENCE]. Use one of: revision, mode.",
    );
  });

  test('a param or workspace of a pipeline that declares none', () => {
    const bare = (props: Partial<SecurePipelineRunProps>) => {
      const c = chart();
      const pipeline = new SecurePipeline(c, 'lint', {});
      pipeline.addTask({ task: new SecureTask(c, 'test', { steps: [step()] }) });
      return () => new SecurePipelineRun(c, 'run', { pipeline, ...props });
    };
    expect(bare({ parameters: { revision: 'main' } })).toThrow(
      "SecurePipelineRun 'test/run': parameters.revision \"main\" is not a param of pipeline 'lint' [VALID_REFERENCE]. "
      + "Remove 'revision' from parameters: pipeline 'lint' declares no params (or declare it in the SecurePipeline's parameters).",
    );
    expect(bare({ workspaces: { source: RunWorkspace.emptyDir() } })).toThrow(
      "SecurePipelineRun 'test/run': workspaces.source \"source\" is not a workspace of pipeline 'lint' [VALID_REFERENCE]. "
      + "Remove 'source' from workspaces: pipeline 'lint' declares no workspaces (or declare it in the SecurePipeline's workspaces).",
    );
  });

  test('a value a task\'s param constraint refuses, given or the pipeline\'s default, passed on by a pipeline task', () => {
    const constrained = (params: SecurePipelineRunProps['parameters'], written = '$(params.revision)', defaultRevision?: string) => {
      const c = chart();
      const pipeline = new SecurePipeline(c, 'ci', { parameters: [{ name: 'revision', defaultValue: defaultRevision }] });
      const test = new SecureTask(c, 'test', { parameters: [{ name: 'rev', constraint: ParamConstraint.gitSha() }], steps: [step({ env: { REV: '$(params.rev)' } })] });
      new SecurePipelineRun(c, 'run', { pipeline, parameters: params });
      // added after the run: the check runs at synth
      pipeline.addTask({ task: test, name: 'unit', parameters: { rev: written } });
      return () => only(c, 'PipelineRun');
    };
    expect(constrained({ revision: 'main; rm -rf /' })).toThrow(
      "SecurePipelineRun 'test/run': parameters.revision \"main; rm -rf /\" is not a 40-hex git commit SHA, which param 'rev' of task 'test' requires (pipeline task 'unit' passes it): "
      + "its validate-params step fails every run [VALID_REFERENCE]. Pass a 40-hex git commit SHA: parameters: { 'revision': '...' }.",
    );
    expect(constrained({}, '$(params.revision)', 'main')).toThrow(
      "SecurePipelineRun 'test/run': parameters \"revision\" is not passed, and the pipeline's default \"main\" is not a 40-hex git commit SHA, which param 'rev' of task 'test' requires "
      + "(pipeline task 'unit' passes it): its validate-params step fails every run [VALID_REFERENCE]. Pass a 40-hex git commit SHA: parameters: { 'revision': '...' }.",
    );
    expect(constrained({ revision: 'a'.repeat(40) }, 'x$(params.revision)')).toThrow(
      "SecurePipelineRun 'test/run': parameters.revision \"" + 'a'.repeat(40) + "\" is not a value that makes a 40-hex git commit SHA, which param 'rev' of task 'test' requires "
      + "(pipeline task 'unit' passes \"x$(params.revision)\", here \"x" + 'a'.repeat(40) + '"): its validate-params step fails every run [VALID_REFERENCE]. '
      + "Pass a value that makes \"x$(params.revision)\" a 40-hex git commit SHA: parameters: { 'revision': '...' }.",
    );
    expect(constrained({ revision: 'a'.repeat(40) })().spec.params).toEqual([{ name: 'revision', value: 'a'.repeat(40) }]);
    // the default is checked only when the run passes nothing
    expect(constrained({ revision: 'a'.repeat(40) }, '$(params.revision)', 'main')().spec.params).toEqual([{ name: 'revision', value: 'a'.repeat(40) }]);
  });

  test('unbound required workspace', () => {
    expect(() => run({ workspaces: {} })).toThrow(
      "SecurePipelineRun 'test/run': workspaces \"source\" is required by the pipeline but not bound [VALID_REFERENCE]. Bind it: workspaces: { 'source': RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1) }) } (Size from 'cdk8s').",
    );
  });

  test('an unbound credentials workspace: the fix names where credentials come from, not a fresh volume', () => {
    const c = chart();
    const pipeline = new SecurePipeline(c, 'ci', { workspaces: [{ name: 'git-credentials', domain: TrustDomain.CREDENTIALS }] });
    pipeline.addTask({ task: new SecureTask(c, 'test', { steps: [step()] }) });
    expect(() => new SecurePipelineRun(c, 'run', { pipeline })).toThrow(
      "SecurePipelineRun 'test/run': workspaces \"git-credentials\" is required by the pipeline but not bound [VALID_REFERENCE]. Bind it to the credentials: "
      + "workspaces: { 'git-credentials': RunWorkspace.secret('<Secret name>') } (or RunWorkspace.csi(<VaultSecretProviderClass>), or the workspace() of the "
      + 'GitCredential or RegistryCredential its task uses).',
    );
  });

  test('a credentials workspace bound to a new volume: it holds no credentials', () => {
    const c = chart();
    const pipeline = new SecurePipeline(c, 'ci', { workspaces: [{ name: 'git-credentials', domain: TrustDomain.CREDENTIALS }] });
    pipeline.addTask({ task: new SecureTask(c, 'test', { steps: [step()] }) });
    const refusal = (fresh: string, id = 'run') => `SecurePipelineRun 'test/${id}': workspaces.git-credentials "RunWorkspace.${fresh}(...)" is a new, empty volume for credentials `
      + "workspace 'git-credentials' of pipeline 'ci': the tasks that receive it find no credentials in it and cannot authenticate [VALID_REFERENCE]. "
      + "Bind it to the credentials: workspaces: { 'git-credentials': RunWorkspace.secret('<Secret name>') } (or RunWorkspace.csi(<VaultSecretProviderClass>), "
      + 'or the workspace() of the GitCredential or RegistryCredential its task uses).';
    expect(() => new SecurePipelineRun(c, 'run', { pipeline, workspaces: { 'git-credentials': RunWorkspace.emptyDir() } })).toThrow(refusal('emptyDir'));
    expect(() => new SecurePipelineRun(c, 'run2', { pipeline, workspaces: { 'git-credentials': RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1) }) } }))
      .toThrow(refusal('volumeClaimTemplate', 'run2'));
  });

  test('unknown workspace', () => {
    expect(() => run({ workspaces: { source: RunWorkspace.emptyDir(), scratch: RunWorkspace.emptyDir() } })).toThrow(
      "SecurePipelineRun 'test/run': workspaces.scratch \"scratch\" is not a workspace of pipeline 'ci' [VALID_REFERENCE]. Use one of: source, cache.",
    );
  });

  test('a run in another namespace than its pipeline', () => {
    const app = Testing.app();
    const ci = new Chart(app, 'ci', { namespace: 'ci' });
    const pipeline = new SecurePipeline(ci, 'build');
    pipeline.addTask({ task: new SecureTask(ci, 'test', { steps: [step()] }) });
    expect(() => new SecurePipelineRun(new Chart(app, 'runs'), 'run', { pipeline })).toThrow(
      "SecurePipelineRun 'runs/run': pipeline \"build\" is in namespace 'ci', the run in '(none)': a PipelineRun finds its Pipeline, Tasks and ServiceAccount in its own namespace [VALID_REFERENCE]. Create the run in a chart of the pipeline's namespace: a Chart whose namespace prop is 'ci'.",
    );
    expect(() => new SecurePipelineRun(new Chart(app, 'other', { namespace: 'other' }), 'run', { pipeline })).toThrow(
      "SecurePipelineRun 'other/run': pipeline \"build\" is in namespace 'ci', the run in 'other': a PipelineRun finds its Pipeline, Tasks and ServiceAccount in its own namespace [VALID_REFERENCE]. Create the run in a chart of the pipeline's namespace: a Chart whose namespace prop is 'ci'.",
    );
    // a chart of its own in the pipeline's namespace is the way to write runs apart (App.synth writes them to runs/)
    expect(new SecurePipelineRun(new Chart(app, 'ci-runs', { namespace: 'ci' }), 'run', { pipeline }).serviceAccountName).toBe('build-runner');
  });
});

describe('SecurePipelineRun props are read once, when the run is made', () => {
  const REFUSED = "SecurePipelineRun 'test/run': parameters.revision \"main\" is not a 40-hex git commit SHA, which param 'rev' of task 'test' requires "
    + "(pipeline task 'test' passes it): its validate-params step fails every run [VALID_REFERENCE]. Pass a 40-hex git commit SHA: parameters: { 'revision': '...' }.";
  function constrained(params: (sha: string) => Record<string, string>) {
    const c = chart();
    const pipeline = new SecurePipeline(c, 'ci', { parameters: [{ name: 'revision' }] });
    const test = new SecureTask(c, 'test', { parameters: [{ name: 'rev', constraint: ParamConstraint.gitSha() }], steps: [step({ env: { REV: '$(params.rev)' } })] });
    pipeline.addTask({ task: test, parameters: { rev: '$(params.revision)' } });
    const given = params('a'.repeat(40));
    new SecurePipelineRun(c, 'run', { pipeline, parameters: given });
    return { c, given };
  }

  test('a getter that answers otherwise on each read: what is checked is what is written', () => {
    const { c } = constrained(() => {
      const params: Record<string, string> = {};
      Object.defineProperty(params, 'revision', { enumerable: true, get: () => (new Error().stack!.includes('constraintProblems') ? 'a'.repeat(40) : 'main') });
      return params;
    });
    expect(() => only(c, 'PipelineRun')).toThrow(REFUSED);
  });

  test('a change of the params after the run is made is neither checked nor written', () => {
    const { c, given } = constrained((sha) => ({ revision: sha }));
    given.revision = 'main';
    expect(only(c, 'PipelineRun').spec.params).toEqual([{ name: 'revision', value: 'a'.repeat(40) }]);
  });
});

describe('SecurePipelineRun relaxations', () => {
  test('WORKSPACE_PER_RUN lets a shared PVC through and records the reason', () => {
    const { manifest } = run({
      workspaces: { source: RunWorkspace.persistentVolumeClaim('mirror') },
      relaxations: [{ rule: RuleId.WORKSPACE_PER_RUN, reason: 'read-mostly git mirror shared on purpose' }],
    });
    const m = manifest();
    expect(m.spec.workspaces).toEqual([{ name: 'source', persistentVolumeClaim: { claimName: 'mirror' } }]);
    expect(relaxationsOf(m)).toEqual({ 'secure-tekton/relax.WORKSPACE_PER_RUN': '*: read-mostly git mirror shared on purpose' });
  });

  test('WORKSPACE_PER_RUN lets ReadWriteMany through', () => {
    const { manifest } = run({
      workspaces: { source: RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1), accessMode: AccessMode.READ_WRITE_MANY }) },
      relaxations: [{ rule: RuleId.WORKSPACE_PER_RUN, reason: 'fan-out tasks run on many nodes at once' }],
    });
    expect(manifest().spec.workspaces[0].volumeClaimTemplate.spec.accessModes).toEqual(['ReadWriteMany']);
  });
});

describe('SecurePipelineRun API grants', () => {
  test('an API grant mounts the token for that task only, and records why', () => {
    const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
    const deployTask = new SecureTask(c, 'deploy', { steps: [step()] });
    const otherTask = new SecureTask(c, 'other', { steps: [step()] });
    const pipeline = new SecurePipeline(c, 'ci');
    const deploy = pipeline.addTask({ task: deployTask });
    pipeline.addTask({ task: otherTask, runAfter: ['deploy'] });
    const rule = deploy.grantApi({ resource: 'configmaps', verbs: [ApiVerb.GET, ApiVerb.UPDATE], resourceNames: ['web'] });
    deploy.allowEgressTo(EgressPeer.cidr('10.96.0.1/32'), [EgressPort.tcp(443)]);
    new SecurePipelineRun(c, 'run', { pipeline });

    expect(rule).toEqual({ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'update'], resourceNames: ['web'] });
    expect(deploy.apiGrants).toEqual([rule]);
    const manifest = only(c, 'PipelineRun');
    expect(manifest.spec.taskRunTemplate.podTemplate.automountServiceAccountToken).toBe(false);
    expect(manifest.spec.taskRunSpecs).toEqual([{ pipelineTaskName: 'deploy', podTemplate: { automountServiceAccountToken: true } }]);
    expect(relaxationsOf(manifest)).toEqual({ 'secure-tekton/relax.RUN_TOKEN_AUTOMOUNT': 'task/deploy: API grant: get,update configmaps [web]' });
    expect(only(c, 'Role').rules).toEqual([rule]);
  });
});

describe('SecurePipelineRun API grants: the record holds only for the run as emitted', () => {
  function granted(...patches: JsonPatch[]) {
    const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
    const pipeline = new SecurePipeline(c, 'ci');
    const deploy = pipeline.addTask({ task: new SecureTask(c, 'deploy', { steps: [step()] }) });
    deploy.grantApi({ resource: 'configmaps', verbs: [ApiVerb.GET], resourceNames: ['web'] });
    deploy.allowEgressTo(EgressPeer.cidr('10.96.0.1/32'), [EgressPort.tcp(443)]);
    const r = new SecurePipelineRun(c, 'run', { pipeline });
    r.apiObject.addJsonPatch(...patches);
    return () => Testing.synth(c);
  }

  const MOUNTS = "SecurePipelineRun 'test/run' taskRunSpec 'deploy': podTemplate.automountServiceAccountToken \"true\" mounts the token [RUN_TOKEN_AUTOMOUNT]. "
    + 'Set podTemplate.automountServiceAccountToken: false, and mount no serviceAccountToken projection. '
    + "Or relax RUN_TOKEN_AUTOMOUNT with a reason in its props: relaxations: [{ rule: RuleId.RUN_TOKEN_AUTOMOUNT, target: 'task/deploy', reason: '<why>' }].";

  test.each<[string, JsonPatch[]]>([
    ['another pipeline', [JsonPatch.replace('/spec/pipelineRef/name', 'release')]],
    ['another ServiceAccount for the run', [JsonPatch.replace('/spec/taskRunTemplate/serviceAccountName', 'cluster-admin')]],
    ['another ServiceAccount for the task', [JsonPatch.add('/spec/taskRunSpecs/0/serviceAccountName', 'cluster-admin')]],
    ['another namespace', [JsonPatch.replace('/metadata/namespace', 'prod')]],
  ])('%s: the token mount is refused again', (_, patches) => {
    // (another pipeline, which the app does not write, is refused as well: VALID_REFERENCE)
    expect(messageOf(granted(...patches)).split('\n').filter((l) => l.includes('[RUN_TOKEN_AUTOMOUNT]')).map((l) => l.trim())).toEqual([MOUNTS]);
  });

  test('the record does not reach the PipelineRuns a PipelineLoop (kfp-tekton) of the app creates, even of the same pipeline and fields: the loop is relaxed on its own', () => {
    const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
    const pipeline = new SecurePipeline(c, 'ci');
    const deploy = pipeline.addTask({ task: new SecureTask(c, 'deploy', { steps: [step()] }) });
    deploy.grantApi({ resource: 'configmaps', verbs: [ApiVerb.GET], resourceNames: ['web'] });
    deploy.allowEgressTo(EgressPeer.cidr('10.96.0.1/32'), [EgressPort.tcp(443)]);
    const spec = new SecurePipelineRun(c, 'run', { pipeline }).apiObject.toJson().spec;
    // a loop whose runs are the SecurePipelineRun's but for the iterated param
    const loop = new ApiObject(c, 'loop', {
      apiVersion: 'custom.tekton.dev/v1alpha1',
      kind: 'PipelineLoop',
      metadata: { name: 'each' },
      spec: {
        iterateParam: 'x',
        pipelineRef: { name: pipeline.name },
        serviceAccountName: spec.taskRunTemplate.serviceAccountName,
        podTemplate: spec.taskRunTemplate.podTemplate,
        taskRunSpecs: spec.taskRunSpecs,
        timeout: '1h',
      },
    });
    expect(messageOf(() => Testing.synth(c)).split('\n').filter((l) => l.includes('[RUN_TOKEN_AUTOMOUNT]')).map((l) => l.trim())).toEqual([
      "PipelineLoop 'test/loop' 'each' taskRunSpec 'deploy': podTemplate.automountServiceAccountToken \"true\" mounts the token [RUN_TOKEN_AUTOMOUNT]. "
        + 'Set podTemplate.automountServiceAccountToken: false, and mount no serviceAccountToken projection. Or relax RUN_TOKEN_AUTOMOUNT with a reason: '
        + "Relaxations.of(loop).add({ rule: RuleId.RUN_TOKEN_AUTOMOUNT, target: 'task/deploy', reason: '<why>' }).",
    ]);
    Relaxations.of(loop).add({ rule: RuleId.RUN_TOKEN_AUTOMOUNT, target: RelaxationTarget.task('deploy'), reason: 'each iteration updates the web config map' });
    expect(() => Testing.synth(c)).not.toThrow();
    expect(relaxationsOf(only(c, 'PipelineLoop'))).toEqual({ 'secure-tekton/relax.RUN_TOKEN_AUTOMOUNT': 'task/deploy: each iteration updates the web config map' });
  });

  test('a token projected by a patch into the task\'s pod template is refused, not covered by the grant', () => {
    expect(messageOf(granted(JsonPatch.add('/spec/taskRunSpecs/0/podTemplate/volumes', [
      { name: 'token', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } },
    ])))).toBe('2 findings; nothing was written:\n'
      + `  ${MOUNTS}\n`
      + "  SecurePipelineRun 'test/run' taskRunSpec 'deploy': podTemplate.volumes \"token\" projects a ServiceAccount token into the pod [RUN_TOKEN_AUTOMOUNT]. "
      + 'Set podTemplate.automountServiceAccountToken: false, and mount no serviceAccountToken projection. '
      + "Or relax RUN_TOKEN_AUTOMOUNT with a reason in its props: relaxations: [{ rule: RuleId.RUN_TOKEN_AUTOMOUNT, target: 'task/deploy', reason: '<why>' }].");
  });

  test('a patch to another part of the run keeps the record', () => {
    const written = granted(JsonPatch.add('/metadata/labels', { team: 'web' }))().find((o: any) => o.kind === 'PipelineRun');
    expect(relaxationsOf(written)).toEqual({ 'secure-tekton/relax.RUN_TOKEN_AUTOMOUNT': 'task/deploy: API grant: get configmaps [web]' });
  });
});

describe('SecurePipelineRun API grants: only while the Pipeline runs in the task what addTask gave it', () => {
  function granted(embedTasks: boolean, patch: (pipeline: SecurePipeline) => void) {
    const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
    const pipeline = new SecurePipeline(c, 'ci', { embedTasks });
    const deploy = pipeline.addTask({ task: new SecureTask(c, 'deploy', { steps: [step()] }) });
    deploy.grantApi({ resource: 'configmaps', verbs: [ApiVerb.GET], resourceNames: ['web'] });
    deploy.allowEgressTo(EgressPeer.cidr('10.96.0.1/32'), [EgressPort.tcp(443)]);
    // another Task of the app, checked like every object, which the grant was not given for
    pipeline.addTask({ task: new SecureTask(c, 'lint', { steps: [step({ script: '#!/bin/sh\nkubectl get configmap web\n' })] }) });
    new SecurePipelineRun(c, 'run', { pipeline });
    patch(pipeline);
    return () => Testing.synth(c);
  }
  const swapped = (how: string) => "SecurePipelineRun 'test/run' taskRunSpec 'deploy': podTemplate.automountServiceAccountToken \"true\" mounts the token of task 'deploy' "
    + "for its API grants in SecurePipeline 'test/ci', but the Pipeline as written no longer runs in that task what addTask gave it (SecureTask 'test/deploy'): "
    + `an escape-hatch patch of the Pipeline changed its taskRef or taskSpec, and the grant is not for what it runs now [RUN_TOKEN_AUTOMOUNT]. ${how}`;
  const FIX = 'Grant the API to the pipeline task that runs the code that calls it (pipeline.addTask({ task }).grantApi(...)), '
    + "and leave the Pipeline's taskRef and taskSpec as addTask writes them.";

  test('a patch that points the granted task at another Task the app writes is refused', () => {
    const lines = messageOf(granted(false, (p) => p.apiObject.addJsonPatch(JsonPatch.replace('/spec/tasks/0/taskRef/name', 'lint'))))
      .split('\n').map((l) => l.trim()).filter((l) => l.includes('[RUN_TOKEN_AUTOMOUNT]'));
    expect(lines).toEqual([swapped(FIX)]);
  });

  test('a patch of the spec a Pipeline embeds for the granted task is refused', () => {
    const lines = messageOf(granted(true, (p) => p.apiObject.addJsonPatch(JsonPatch.replace('/spec/tasks/0/taskSpec/steps/0/script', '#!/bin/sh\nkubectl get secrets\n'))))
      .split('\n').map((l) => l.trim()).filter((l) => l.includes('[RUN_TOKEN_AUTOMOUNT]'));
    expect(lines).toEqual([swapped(FIX)]);
  });

  test('a patch of another task keeps the record', () => {
    const written = granted(false, (p) => p.apiObject.addJsonPatch(JsonPatch.add('/spec/tasks/1/retries', 1)))().find((o: any) => o.kind === 'PipelineRun');
    expect(relaxationsOf(written)).toEqual({ 'secure-tekton/relax.RUN_TOKEN_AUTOMOUNT': 'task/deploy: API grant: get configmaps [web]' });
  });
});

describe('SecurePipelineRun API grants: only for the Pipeline the app writes under that name, in the run\'s namespace', () => {
  function granted(pipelineChart: (c: Chart) => Chart, patch?: (p: SecurePipeline) => void) {
    const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
    const pc = pipelineChart(c);
    const pipeline = new SecurePipeline(pc, 'ci');
    const deploy = pipeline.addTask({ task: new SecureTask(pc, 'deploy', { steps: [step()] }) });
    deploy.grantApi({ resource: 'configmaps', verbs: [ApiVerb.GET], resourceNames: ['web'] });
    deploy.allowEgressTo(EgressPeer.cidr('10.96.0.1/32'), [EgressPort.tcp(443)]);
    patch?.(pipeline);
    new SecurePipelineRun(c, 'run', { pipeline });
    return () => Testing.synth(c);
  }
  const refused = (why: string, fix: string) => "SecurePipelineRun 'test/run' taskRunSpec 'deploy': podTemplate.automountServiceAccountToken \"true\" mounts the token "
    + `of task 'deploy' for its API grants in SecurePipeline 'test/ci', but ${why}: pipelineRef.name runs whatever Pipeline 'ci' the run's namespace 'ci' holds `
    + `when the run starts [RUN_TOKEN_AUTOMOUNT]. ${fix}`;

  test.each<[string, (c: Chart) => Chart, ((p: SecurePipeline) => void) | undefined, string]>([
    ['in another App', () => new Chart(Testing.app(), 'test', { namespace: 'ci' }), undefined, refused(
      'that SecurePipeline is in another App, so this app writes no such Pipeline',
      "Create SecurePipeline 'test/ci' in this app, in a chart of the run's namespace (a Chart whose namespace prop is 'ci').")],
    ['renamed by a patch', (c) => c, (p) => p.apiObject.addJsonPatch(JsonPatch.replace('/metadata/name', 'ci-v2')), refused(
      'its Pipeline is written as "ci-v2" (a patch of metadata.name)',
      "Remove the patch of metadata.name from the apiObject of SecurePipeline 'test/ci'; to name the Pipeline, give the SecurePipeline its name prop (name: 'ci').")],
    ['moved to another namespace by a patch', (c) => c, (p) => p.apiObject.addJsonPatch(JsonPatch.replace('/metadata/namespace', 'prod')), refused(
      "its Pipeline is written in namespace 'prod', the run in 'ci'",
      "Remove the patch of metadata.namespace from the apiObject of SecurePipeline 'test/ci'.")],
    ['taken out of the app', (c) => c, (p) => p.node.tryRemoveChild('Resource'), refused(
      'its Pipeline was taken out of the app, so the app writes no such Pipeline',
      "Keep the Pipeline of SecurePipeline 'test/ci' in the app (remove no construct on its path).")],
  ])('a pipeline %s: the token mount is refused', (name, pipelineChart, patch, message) => {
    const got = messageOf(granted(pipelineChart, patch));
    if (name === 'renamed by a patch') {
      // renamed, its NetworkPolicies no longer select its pods: refused too
      expect(got.split('\n').map((l) => l.trim())).toEqual([
        '3 findings; nothing was written:',
        "SecurePipeline 'test/ci': metadata.name \"ci-v2\" is not the name the pipeline's NetworkPolicies select its pods by (secure-tekton/pipeline: ci): "
        + 'an escape-hatch patch renamed the Pipeline, so the Pipeline and the NetworkPolicies no longer name the same pipeline [VALID_REFERENCE]. '
        + "Give the SecurePipeline its name prop (name: 'ci-v2') rather than a patch of metadata.name.",
        // the label it still carries names another pipeline than the Pipeline's name: the admission policies refuse it too
        "SecurePipeline 'test/ci': metadata.labels['secure-tekton/pipeline'] \"ci\" is not the Pipeline's own name ('ci-v2'): Tekton copies it onto the TaskRuns "
        + "and pods of the Pipeline's runs, and the NetworkPolicies of the pipeline it names (that pipeline's egress) would select them [RUN_POD_OVERRIDES]. Remove "
        + "the label, or give it the Pipeline's name: secure-tekton/pipeline: ci-v2. Or relax RUN_POD_OVERRIDES with a reason in its props: relaxations: "
        + "[{ rule: RuleId.RUN_POD_OVERRIDES, reason: '<why>' }].",
        message,
      ]);
      return;
    }
    if (name !== 'moved to another namespace by a patch') {
      expect(got).toBe(message);
      return;
    }
    // moved away from its task's namespace and its NetworkPolicies', the pipeline's taskRef and namespace are refused too
    expect(got.split('\n').map((l) => l.trim())).toEqual([
      '3 findings; nothing was written:',
      "SecurePipeline 'test/ci': metadata.namespace \"prod\" is not the namespace of the pipeline's NetworkPolicies ('ci'): an escape-hatch patch moved the "
      + 'Pipeline, and the pods of its runs would be kept from the network by no policy [VALID_REFERENCE]. Create the SecurePipeline in a chart of the namespace '
      + "it runs in (a Chart whose namespace prop is '<namespace>') rather than a patch of metadata.namespace.",
      "SecurePipeline 'test/ci' task 'deploy': task \"deploy\" runs Task 'deploy' of SecureTask 'test/deploy', but its Task is written in namespace 'ci', the pipeline "
      + "in 'prod': the taskRef runs whatever Task 'deploy' the run's namespace 'prod' holds when the run starts, unchecked [VALID_REFERENCE]. Create SecureTask "
      + "'test/deploy' in a chart of the pipeline's namespace: a Chart whose namespace prop is 'prod'.",
      message,
    ]);
  });
});

describe('SecurePipelineRun array and object params', () => {
  function typed(props: Partial<SecurePipelineRunProps>) {
    const c = chart();
    const pipeline = new SecurePipeline(c, 'ci', {
      parameters: [
        { name: 'revision' },
        { name: 'platforms', valueType: ParamType.ARRAY },
        { name: 'git', valueType: ParamType.OBJECT, properties: ['url', 'ref'] },
      ],
    });
    pipeline.addTask({ task: new SecureTask(c, 'test', { steps: [step()] }) });
    new SecurePipelineRun(c, 'run', { pipeline, parameters: { revision: 'a'.repeat(40) }, arrayParameters: { platforms: ['linux/amd64'] }, objectParameters: { git: { url: 'u', ref: 'r' } }, ...props });
    return c;
  }

  test('are written as Tekton takes them, sorted by name', () => {
    expect(only(typed({}), 'PipelineRun').spec.params).toEqual([
      { name: 'git', value: { url: 'u', ref: 'r' } },
      { name: 'platforms', value: ['linux/amd64'] },
      { name: 'revision', value: 'a'.repeat(40) },
    ]);
  });

  test.each<[string, Partial<SecurePipelineRunProps>, string]>([
    ['a string for an array param', { parameters: { revision: 'x', platforms: 'linux/amd64' }, arrayParameters: {} },
      "SecurePipelineRun 'test/run': parameters.platforms \"linux/amd64\" is array param 'platforms' of pipeline 'ci' [VALID_REFERENCE]. Pass it in arrayParameters: { platforms: ['linux/amd64'] }."],
    ['an array for a string param', { parameters: {}, arrayParameters: { platforms: ['linux/amd64'], revision: ['a', 'b'] } },
      "SecurePipelineRun 'test/run': arrayParameters.revision \"a, b\" is string param 'revision' of pipeline 'ci' [VALID_REFERENCE]. Pass it in parameters: { revision: '<value>' }."],
    ['an object for an array param', { arrayParameters: {}, objectParameters: { git: { url: 'u', ref: 'r' }, platforms: { linux: 'amd64' } } },
      "SecurePipelineRun 'test/run': objectParameters.platforms \"linux\" is array param 'platforms' of pipeline 'ci' [VALID_REFERENCE]. Pass it in arrayParameters: { platforms: ['<value>'] }."],
    ['a string for an object param', { parameters: { revision: 'x', git: 'https://git.example.com/app' }, objectParameters: {} },
      "SecurePipelineRun 'test/run': parameters.git \"https://git.example.com/app\" is object param 'git' of pipeline 'ci' [VALID_REFERENCE]. Pass it in objectParameters: { git: { url: '<value>', ref: '<value>' } }."],
    ['an object that leaves out a key', { objectParameters: { git: { url: 'u' } } },
      "SecurePipelineRun 'test/run': objectParameters.git \"url\" leaves out ref [VALID_REFERENCE]. Give a value for exactly its properties: objectParameters: { git: { url: 'u', ref: '<value>' } }."],
    ['an array param not passed', { arrayParameters: {} },
      "SecurePipelineRun 'test/run': arrayParameters \"platforms\" is required by the pipeline but not passed [VALID_REFERENCE]. Pass it: arrayParameters: { platforms: ['<value>'] }."],
    // a name in two maps is refused, whatever sorting would then write first
    ['a param passed in params and objectParameters', { objectParameters: { git: { url: 'u', ref: 'r' }, revision: { url: 'u', ref: 'r' } } },
      "SecurePipelineRun 'test/run': objectParameters.revision is passed twice [VALID_REFERENCE]. Pass each param once: in parameters, arrayParameters or objectParameters."],
    ['a result reference in an array', { arrayParameters: { platforms: ['$(tasks.test.results.x)'] } },
      "SecurePipelineRun 'test/run': arrayParameters.platforms \"$(tasks.test.results.x)\" is a result reference, which a run cannot pass [VALID_REFERENCE]."],
  ])('refused: %s', (_, props, message) => {
    expect(() => typed(props)).toThrow(message);
  });
});

describe("SecurePipelineRun array and object values a task's param constraint refuses", () => {
  /** Pipeline `ci` with an array param `revs` and an object param `src`, passed on to task `test` as `passes` says; the run as `props` says. */
  function constrained(passes: Partial<PipelineTaskOptions>, props: Partial<SecurePipelineRunProps>, defaults: { revs?: string[] } = {}) {
    const c = chart();
    const pipeline = new SecurePipeline(c, 'ci', {
      parameters: [{ name: 'revs', valueType: ParamType.ARRAY, defaultArray: defaults.revs }, { name: 'src', valueType: ParamType.OBJECT, properties: ['rev', 'url'] }],
    });
    const test = new SecureTask(c, 'test', {
      parameters: [
        { name: 'rev', constraint: ParamConstraint.gitSha() },
        { name: 'all', valueType: ParamType.ARRAY, constraint: ParamConstraint.gitSha() },
        { name: 'obj', valueType: ParamType.OBJECT, properties: ['rev'], constraint: ParamConstraint.gitSha() },
      ],
      steps: [step({ env: { REV: '$(params.rev)', OBJ: '$(params.obj.rev)' }, args: ['$(params.all[*])'] })],
    });
    new SecurePipelineRun(c, 'run', { pipeline, objectParameters: { src: { rev: SHA, url: 'u' } }, ...props });
    pipeline.addTask({ task: test, name: 'unit', parameters: { rev: SHA }, arrayParameters: { all: [SHA] }, objectParameters: { obj: { rev: SHA } }, ...passes });
    return () => only(c, 'PipelineRun');
  }
  const SHA = 'a'.repeat(40);
  const RULE = 'its validate-params step fails every run [VALID_REFERENCE]';

  test('a whole array passed on ($(params.revs[*])): each element', () => {
    expect(constrained({ arrayParameters: { all: ['$(params.revs[*])'] } }, { arrayParameters: { revs: [SHA, 'main'] } })).toThrow(
      "SecurePipelineRun 'test/run': arrayParameters.revs \"main\" is not a 40-hex git commit SHA, which param 'all' of task 'test' requires (pipeline task 'unit' "
      + `passes it): ${RULE}. Pass a 40-hex git commit SHA: arrayParameters: { 'revs': ['...'] }.`,
    );
  });

  test("an element passed to a string param ($(params.revs[1])), and the pipeline's default array", () => {
    expect(constrained({ parameters: { rev: '$(params.revs[1])' } }, { arrayParameters: { revs: [SHA, 'v1.0'] } })).toThrow(
      "SecurePipelineRun 'test/run': arrayParameters.revs \"v1.0\" is not a 40-hex git commit SHA, which param 'rev' of task 'test' requires (pipeline task 'unit' "
      + `passes it): ${RULE}. Pass a 40-hex git commit SHA: arrayParameters: { 'revs': ['...'] }.`,
    );
    expect(constrained({ parameters: { rev: '$(params.revs[0])' } }, {}, { revs: ['main'] })).toThrow(
      "SecurePipelineRun 'test/run': arrayParameters \"revs\" is not passed, and the pipeline's default \"main\" is not a 40-hex git commit SHA, which param 'rev' of "
      + `task 'test' requires (pipeline task 'unit' passes it): ${RULE}. Pass a 40-hex git commit SHA: arrayParameters: { 'revs': ['...'] }.`,
    );
  });

  test("a key passed to a string param and to an object param's key ($(params.src.rev))", () => {
    expect(constrained({ parameters: { rev: '$(params.src.rev)' } }, { objectParameters: { src: { rev: 'HEAD', url: 'u' } } }, { revs: [SHA] })).toThrow(
      "SecurePipelineRun 'test/run': objectParameters.src.rev \"HEAD\" is not a 40-hex git commit SHA, which param 'rev' of task 'test' requires (pipeline task 'unit' "
      + `passes it): ${RULE}. Pass a 40-hex git commit SHA: objectParameters: { 'src': { ... } }.`,
    );
    expect(constrained({ objectParameters: { obj: { rev: 'x$(params.src.rev)' } } }, {}, { revs: [SHA] })).toThrow(
      "SecurePipelineRun 'test/run': objectParameters.src.rev \"" + SHA + "\" is not a value that makes a 40-hex git commit SHA, which param 'obj' of task 'test' requires "
      + `(pipeline task 'unit' passes "x$(params.src.rev)", here "x${SHA}"): ${RULE}. Pass a value that makes "x$(params.src.rev)" a 40-hex git commit SHA: `
      + "objectParameters: { 'src': { ... } }.",
    );
  });

  test('a matrix that fans out over a whole array ($(params.revs[*])), or an include that passes an element: each value', () => {
    expect(constrained({ parameters: {}, matrix: { parameters: { rev: ['$(params.revs[*])'] } } }, { arrayParameters: { revs: [SHA, 'main'] } })).toThrow(
      "SecurePipelineRun 'test/run': arrayParameters.revs \"main\" is not a 40-hex git commit SHA, which param 'rev' of task 'test' requires (pipeline task 'unit' "
      + `fans out over it): ${RULE}. Pass a 40-hex git commit SHA: arrayParameters: { 'revs': ['...'] }.`,
    );
    expect(constrained({ parameters: {}, matrix: { parameters: { rev: ['$(params.revs[*])'] } } }, {}, { revs: ['v1.0'] })).toThrow(
      "SecurePipelineRun 'test/run': arrayParameters \"revs\" is not passed, and the pipeline's default \"v1.0\" is not a 40-hex git commit SHA, which param 'rev' of "
      + `task 'test' requires (pipeline task 'unit' fans out over it): ${RULE}. Pass a 40-hex git commit SHA: arrayParameters: { 'revs': ['...'] }.`,
    );
    expect(constrained({ parameters: {}, matrix: { parameters: { rev: [SHA] }, include: [{ name: 'head', parameters: { rev: '$(params.src.rev)' } }] } },
      { objectParameters: { src: { rev: 'HEAD', url: 'u' } } }, { revs: [SHA] })).toThrow(
      "SecurePipelineRun 'test/run': objectParameters.src.rev \"HEAD\" is not a 40-hex git commit SHA, which param 'rev' of task 'test' requires (pipeline task 'unit' "
      + `passes it): ${RULE}. Pass a 40-hex git commit SHA: objectParameters: { 'src': { ... } }.`,
    );
    expect(constrained({ parameters: {}, matrix: { parameters: { rev: ['$(params.revs[*])'] } } }, { arrayParameters: { revs: [SHA, 'b'.repeat(40)] } })).not.toThrow();
  });

  test('accepted: values the constraint accepts, and references whose value is not known at synth', () => {
    expect(constrained({ arrayParameters: { all: ['$(params.revs[*])'] }, parameters: { rev: '$(params.revs[0])' } }, { arrayParameters: { revs: [SHA, SHA] } })).not.toThrow();
  });

  test('an index beyond the array the run passes: the reconciler fails the run (ParamArrayIndexingInvalid), said in arrayParameters', () => {
    expect(constrained({ parameters: { rev: '$(params.revs[5])' } }, { arrayParameters: { revs: [SHA] } })).toThrow(
      `SecurePipelineRun 'test/run': arrayParameters.revs "[\\"${SHA}\\"]" is an array of 1 item, but Pipeline 'ci' refers to $(params.revs[5]) in its pipeline tasks' `
      + "params, matrix, workspaces' subPath and when expressions: Tekton admits the run, then its reconciler fails it (reason ParamArrayIndexingInvalid: "
      + "non-existent param references:[$(params.revs[5])]) [VALID_REFERENCE]. Pass an array of at least 6 items: arrayParameters: { revs: ['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', '<value>', '<value>', '<value>', '<value>', '<value>'] }, "
      + "or refer only to indexes it has in the pipeline's tasks.",
    );
    // an empty array indexed at 0: one item
    expect(constrained({ parameters: { rev: '$(params.revs[0])' } }, { arrayParameters: { revs: [] } })).toThrow(
      "SecurePipelineRun 'test/run': arrayParameters.revs \"[]\" is an array of 0 items, but Pipeline 'ci' refers to $(params.revs[0]) in its pipeline tasks' "
      + "params, matrix, workspaces' subPath and when expressions: Tekton admits the run, then its reconciler fails it (reason ParamArrayIndexingInvalid: "
      + "non-existent param references:[$(params.revs[0])]) [VALID_REFERENCE]. Pass an array of at least 1 item: arrayParameters: { revs: ['<value>'] }, "
      + "or refer only to indexes it has in the pipeline's tasks.",
    );
  });
});

describe('SecurePipelineRun arrayParameters a pipeline task passes whole to a Task that indexes it', () => {
  test('an index beyond the array the run passes: the TaskRun fails (TaskRunValidationFailed), said in arrayParameters', () => {
    const c = chart();
    const pipeline = new SecurePipeline(c, 'ci', { parameters: [{ name: 'revs', valueType: ParamType.ARRAY }] });
    const lister = new SecureTask(c, 'list', { parameters: [{ name: 'all', valueType: ParamType.ARRAY }], steps: [step({ args: ['$(params.all[0])', '$(params.all[2])'] })] });
    pipeline.addTask({ task: lister, name: 'unit', arrayParameters: { all: ['$(params.revs[*])'] } });
    new SecurePipelineRun(c, 'run', { pipeline, arrayParameters: { revs: ['a', 'b'] } });
    expect(() => Testing.synth(c)).toThrow('SecurePipelineRun \'test/run\': arrayParameters.revs "[\\"a\\",\\"b\\"]" is an array of 2 items, but pipeline task \'unit\' passes it '
      + "to Task 'list' as its param \"all\", and Task 'list' refers to $(params.all[2]) in its steps, sidecars, stepTemplate, volumes and workspaces' mountPath: "
      + 'Tekton admits the run, then fails it when it runs the task (its TaskRun fails with reason TaskRunValidationFailed: non-existent param references:[$(params.all[2])]) '
      + "[VALID_REFERENCE]. Pass an array of at least 3 items: arrayParameters: { revs: ['a', 'b', '<value>'] }, or refer only to indexes it has in the steps of the Task it is passed to.");
    // enough items: it runs
    const ok = chart();
    const p2 = new SecurePipeline(ok, 'ci', { parameters: [{ name: 'revs', valueType: ParamType.ARRAY }] });
    p2.addTask({ task: new SecureTask(ok, 'list', { parameters: [{ name: 'all', valueType: ParamType.ARRAY }], steps: [step({ args: ['$(params.all[2])'] })] }), name: 'unit', arrayParameters: { all: ['$(params.revs[*])'] } });
    new SecurePipelineRun(ok, 'run', { pipeline: p2, arrayParameters: { revs: ['a', 'b', 'c'] } });
    expect(() => Testing.synth(ok)).not.toThrow();
  });
});

describe('SecurePipelineRun workspace a new volume that no task can write', () => {
  test('every task receiving it mounts it read-only: refused in the words of workspaces (VALID_REFERENCE, not relaxable)', () => {
    const c = chart();
    const pipeline = new SecurePipeline(c, 'ci', { workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }] });
    const reader = new SecureTask(c, 'test', { workspaces: [{ name: 'source', domain: TrustDomain.SOURCE, readOnly: true }], steps: [step()] });
    pipeline.addTask({ task: reader, workspaces: { source: 'source' } });
    new SecurePipelineRun(c, 'run', { pipeline, workspaces: { source: RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1) }) } });
    expect(() => only(c, 'PipelineRun')).toThrow(
      "SecurePipelineRun 'test/run': workspaces.source \"RunWorkspace.volumeClaimTemplate(...)\" is a new, empty volume, and every task of Pipeline 'ci' that "
      + "receives it mounts the workspace read-only (readOnly: true on the SecureTask's workspace): Tekton admits and runs the run, and nothing can write the volume, "
      + "so the steps find it empty [VALID_REFERENCE]. Run a task that writes workspace 'source' before the tasks that read it (its SecureTask's workspace "
      + "without readOnly), or bind it to a volume that holds what the steps read: workspaces: { source: RunWorkspace.persistentVolumeClaim('<a claim that holds it>') }. "
      + "A claim every run shares needs relaxations: [{ rule: RuleId.WORKSPACE_PER_RUN, target: 'workspace/source', reason: '<why>' }] in the run's props.",
    );
    // the second fix, as the message writes it, passes
    const c2 = chart();
    const pipeline2 = new SecurePipeline(c2, 'ci', { workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }] });
    pipeline2.addTask({ task: new SecureTask(c2, 'test', { workspaces: [{ name: 'source', domain: TrustDomain.SOURCE, readOnly: true }], steps: [step()] }), workspaces: { source: 'source' } });
    new SecurePipelineRun(c2, 'run', {
      pipeline: pipeline2,
      workspaces: { source: RunWorkspace.persistentVolumeClaim('sources') },
      relaxations: [{ rule: RuleId.WORKSPACE_PER_RUN, target: 'workspace/source', reason: 'the sources are mirrored to this claim nightly' }],
    });
    expect(only(c2, 'PipelineRun').spec.workspaces).toEqual([{ name: 'source', persistentVolumeClaim: { claimName: 'sources' } }]);
  });
});

describe('SecurePipelineRun workspace bindings the API server would refuse', () => {
  const bind = (source: RunWorkspace) => () => run({ workspaces: { source } });
  test('names no Secret, ConfigMap, claim or StorageClass can have; a key path outside the volume; no storage', () => {
    const NAME = (kind: string, resource: string) => `is not a name a ${kind} can have (a DNS-1123 subdomain: lower-case letters, digits, "-" and ".") [VALID_SPEC]. `
      + `Give the ${kind}'s name as kubectl get ${resource} lists it.`;
    expect(bind(RunWorkspace.configMap('Bad_Name'))).toThrow(`SecurePipelineRun 'test/run': workspaces.source "RunWorkspace.configMap('Bad_Name')" ${NAME('ConfigMap', 'configmaps')}`);
    expect(bind(RunWorkspace.persistentVolumeClaim('cache claim'))).toThrow(
      `SecurePipelineRun 'test/run': workspaces.source "RunWorkspace.persistentVolumeClaim('cache claim')" ${NAME('PersistentVolumeClaim', 'persistentvolumeclaims')}`,
    );
    expect(bind(RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1), storageClassName: 'Fast SSD' }))).toThrow(
      `SecurePipelineRun 'test/run': workspaces.source "storageClassName 'Fast SSD'" ${NAME('StorageClass', 'storageclasses')}`,
    );
    expect(bind(RunWorkspace.secret('creds', { items: [{ key: 'k', path: '../etc/passwd' }] }))).toThrow(
      "SecurePipelineRun 'test/run': workspaces.source \"items path '../etc/passwd'\" is not a relative path inside the volume (the API server refuses an absolute "
      + "path, a \"..\" element or a path that starts with \"..\") [VALID_SPEC]. Give each key's file a relative path such as 'config.json'.",
    );
    expect(bind(RunWorkspace.volumeClaimTemplate({ storage: Size.mebibytes(0) }))).toThrow(
      "SecurePipelineRun 'test/run': workspaces.source \"storage 0Gi\" requests no storage, which no volume can be provisioned for [VALID_SPEC]. "
      + 'Request the size the task needs: RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1) }).',
    );
  });

  test('a key file path that starts with "..", in a Secret, a ConfigMap or a projected source', () => {
    const PATH = (value: string) => `SecurePipelineRun 'test/run': workspaces.source "${value}" is not a relative path inside the volume (the API server refuses `
      + "an absolute path, a \"..\" element or a path that starts with \"..\") [VALID_SPEC]. Give each key's file a relative path such as 'config.json'.";
    expect(bind(RunWorkspace.secret('creds', { items: [{ key: 'k', path: '..data' }] }))).toThrow(PATH("items path '..data'"));
    expect(bind(RunWorkspace.projected([{ configMapName: 'ca', items: [{ key: 'ca.crt', path: '/etc/ssl/ca.crt' }] }]))).toThrow(PATH("sources[0] items path '/etc/ssl/ca.crt'"));
    expect(bind(RunWorkspace.projected([{ configMapName: 'ca' }, { secretName: 'key', items: [{ key: 'k', path: 'keys/../../k' }] }])))
      .toThrow(PATH("sources[1] items path 'keys/../../k'"));
  });

  test('a key no Secret or ConfigMap can hold, in a Secret, a ConfigMap or a projected source: the pod never starts', () => {
    const KEY = (value: string) => `SecurePipelineRun 'test/run': workspaces.source "${value}" is not a key a Secret or ConfigMap can hold (letters, digits, "-", "_" `
      + 'and ".", not "." or starting with ".."), so the pod waits for it forever [VALID_SPEC]. Give the key as kubectl get shows it, e.g. { key: \'config.json\', path: \'config.json\' }.';
    expect(bind(RunWorkspace.secret('creds', { items: [{ key: '', path: 'token' }] }))).toThrow(KEY("items key ''"));
    expect(bind(RunWorkspace.projected([{ secretName: 'key', items: [{ key: 'ssh key', path: 'id' }] }]))).toThrow(KEY("sources[0] items key 'ssh key'"));
  });

  test('a projected source whose name no Secret or ConfigMap can have', () => {
    expect(bind(RunWorkspace.projected([{ secretName: 'key' }, { configMapName: 'CA_Bundle' }]))).toThrow(
      'SecurePipelineRun \'test/run\': workspaces.source "sources[1] configMapName \'CA_Bundle\'" is not a name a ConfigMap can have (a DNS-1123 subdomain: '
      + 'lower-case letters, digits, "-" and ".") [VALID_SPEC]. Give the ConfigMap\'s name as kubectl get configmaps lists it.',
    );
    expect(bind(RunWorkspace.projected([{ secretName: 'Deploy Key' }]))).toThrow(
      'SecurePipelineRun \'test/run\': workspaces.source "sources[0] secretName \'Deploy Key\'" is not a name a Secret can have (a DNS-1123 subdomain: '
      + 'lower-case letters, digits, "-" and ".") [VALID_SPEC]. Give the Secret\'s name as kubectl get secrets lists it.',
    );
  });

  test('two projected sources that write one file path (the API server refuses "conflicting duplicate paths")', () => {
    expect(bind(RunWorkspace.projected([
      { secretName: 'key', items: [{ key: 'tls.key', path: 'tls/key.pem' }] },
      { configMapName: 'ca', items: [{ key: 'ca.crt', path: 'tls/key.pem' }] },
    ]))).toThrow(
      'SecurePipelineRun \'test/run\': workspaces.source "sources[1] items path \'tls/key.pem\'" is the path of a file of sources[0] too (the API server refuses '
      + 'conflicting duplicate paths) [VALID_SPEC]. Give each file of a projected workspace its own path.',
    );
  });

  test('accepted: key files in sub-directories, a name with a dot inside, distinct paths across sources', () => {
    // a Secret binds only to a credentials workspace: its binding alone
    expect(RunWorkspace.secret('creds', { items: [{ key: '.dockerconfigjson', path: 'docker/config.json' }, { key: 'a..b', path: 'x..y' }] })._problem()).toBeUndefined();
    // Tekton substitutes the run's params into the binding before the pod is made
    expect(RunWorkspace.secret('creds', { items: [{ key: '$(params.mode)', path: 'mode' }] })._problem()).toBeUndefined();
    expect(bind(RunWorkspace.projected([
      { configMapName: 'tools', items: [{ key: 'settings.xml', path: 'maven/settings.xml' }] },
      { configMapName: 'ca.bundle', items: [{ key: 'ca.crt', path: 'maven/ca.pem' }] },
    ]))).not.toThrow();
  });

  test('a size in kibibytes is written exactly, not refused by a conversion', () => {
    const { manifest } = run({ workspaces: { source: RunWorkspace.volumeClaimTemplate({ storage: Size.kibibytes(1536) }) } });
    expect(manifest().spec.workspaces[0].volumeClaimTemplate.spec.resources.requests.storage).toBe('1536Ki');
  });
});

describe('a ReadWriteOncePod run workspace and the affinity assistant', () => {
  test("refused at synth under Tekton's default coschedule: the affinity assistant's pod holds the claim, and no task pod is scheduled", () => {
    const onePod = RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1), accessMode: AccessMode.READ_WRITE_ONCE_POD });
    const { c } = run({ workspaces: { source: onePod } });
    expect(messageOf(() => Testing.synth(c))).toBe(
      "SecurePipelineRun 'test/run' workspace 'source': accessMode \"AccessMode.READ_WRITE_ONCE_POD\" asks for a claim one pod at a time may mount; coschedule is "
      + '"workspaces", Tekton\'s default (no feature-flags ConfigMap is checked with it), under which Tekton\'s affinity assistant pod mounts the claim for the whole '
      + 'run, and the scheduler then puts no TaskRun pod that mounts it on any node (a ReadWriteOncePod claim is mounted by one pod at a time) [AFFINITY_ASSISTANT_CLAIMS]. '
      + 'Leave accessMode out (AccessMode.READ_WRITE_ONCE, the default), which the affinity assistant keeps on the node of the run\'s pods. '
      + 'When the cluster sets coschedule to "disabled" (TektonFeatureFlags coschedule: Coschedule.DISABLED), check its feature-flags with the run, or say so in a relaxation. '
      + "Or relax AFFINITY_ASSISTANT_CLAIMS with a reason in its props: relaxations: [{ rule: RuleId.AFFINITY_ASSISTANT_CLAIMS, reason: '<why>' }].",
    );
  });

  test('written when the cluster sets coschedule "disabled", said by a relaxation', () => {
    const { c, manifest } = run({
      workspaces: { source: RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1), accessMode: AccessMode.READ_WRITE_ONCE_POD }) },
      relaxations: [{ rule: RuleId.AFFINITY_ASSISTANT_CLAIMS, reason: 'the cluster sets coschedule "disabled"' }],
    });
    expect(() => Testing.synth(c)).not.toThrow();
    expect(manifest().spec.workspaces[0].volumeClaimTemplate.spec.accessModes).toEqual(['ReadWriteOncePod']);
  });
});

describe('an emptyDir run workspace handed from one task to a later one', () => {
  /** clone writes the source workspace, build (after it) reads it; the pipeline's workspace named `workspace`. */
  function cloneThenBuild(workspace: string, binding: RunWorkspace, props: Partial<SecurePipelineRunProps> = {}, cloneReadOnly = false) {
    const c = chart();
    const pipeline = new SecurePipeline(c, 'ci', { workspaces: [{ name: workspace, domain: TrustDomain.SOURCE }] });
    const clone = pipeline.addTask({
      task: new SecureTask(c, 'clone', { workspaces: [{ name: 'output', domain: TrustDomain.SOURCE, readOnly: cloneReadOnly }], steps: [step()] }),
      workspaces: { output: workspace },
    });
    pipeline.addTask({
      // (with clone read-only too, build writes it: a new volume every task mounts read-only stays empty, VALID_REFERENCE)
      task: new SecureTask(c, 'build', { workspaces: [{ name: 'source', domain: TrustDomain.SOURCE, readOnly: !cloneReadOnly }], steps: [step()] }),
      workspaces: { source: workspace },
      runAfter: [clone],
    });
    new SecurePipelineRun(c, 'run', { pipeline, workspaces: { [workspace]: binding }, ...props });
    return c;
  }

  test('refused at synth: the later task gets a new, empty directory', () => {
    expect(messageOf(() => Testing.synth(cloneThenBuild('source', RunWorkspace.emptyDir())))).toBe(
      "SecurePipelineRun 'test/run': workspaces.source \"RunWorkspace.emptyDir()\" gives each TaskRun's pod a new, empty directory, so task 'build', which runs "
      + "after task 'clone' and receives the workspace too (as \"source\"), sees nothing 'clone' writes to it (as \"output\") [EMPTY_DIR_NOT_SHARED]. "
      + 'Bind it to a volume that lives as long as the run, which every task of it mounts: workspaces: { source: RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1) }) }. '
      + "Or relax EMPTY_DIR_NOT_SHARED with a reason in its props: relaxations: [{ rule: RuleId.EMPTY_DIR_NOT_SHARED, target: 'workspace/source', reason: '<why>' }].",
    );
    // a workspace name that is not an identifier is quoted in the fix
    expect(messageOf(() => Testing.synth(cloneThenBuild('git-source', RunWorkspace.emptyDir())))).toContain(
      "workspaces: { 'git-source': RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1) }) }.",
    );
  });

  test('accepted: a claim template, an earlier task that mounts it read-only, or a relaxation for the workspace', () => {
    expect(() => Testing.synth(cloneThenBuild('source', RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1) })))).not.toThrow();
    expect(() => Testing.synth(cloneThenBuild('source', RunWorkspace.emptyDir(), {}, true))).not.toThrow();
    const relaxed = cloneThenBuild('source', RunWorkspace.emptyDir(), {
      relaxations: [{ rule: RuleId.EMPTY_DIR_NOT_SHARED, reason: 'each task starts from an empty scratch directory', target: RelaxationTarget.workspace('source') }],
    });
    expect(only(relaxed, 'PipelineRun').spec.workspaces).toEqual([{ name: 'source', emptyDir: {} }]);
  });
});

describe('SecurePipelineRun: its pipelineRef as written names a Pipeline the app writes in the run\'s namespace', () => {
  function patchedRun() {
    const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
    const pipeline = new SecurePipeline(c, 'ci');
    pipeline.addTask({ task: new SecureTask(c, 'lint', { steps: [step()] }) });
    return { c, pipeline, r: new SecurePipelineRun(c, 'run', { pipeline }) };
  }

  test('a patch of pipelineRef.name to a Pipeline the app does not write: refused', () => {
    const { c, r } = patchedRun();
    r.apiObject.addJsonPatch(JsonPatch.replace('/spec/pipelineRef/name', 'unchecked'));
    expect(messageOf(() => Testing.synth(c))).toBe("SecurePipelineRun 'test/run': pipelineRef.name \"unchecked\" names Pipeline 'unchecked', which the app does not write "
      + "in namespace 'ci' (not 'ci', the pipeline's: an escape-hatch patch changed it): the run runs whatever Pipeline 'unchecked' the namespace holds when it "
      + 'starts, unchecked [VALID_REFERENCE]. Remove the patch of pipelineRef: the SecurePipelineRun\'s pipeline prop refers to the Pipeline the app '
      + 'writes and checks.');
  });

  test('a patch to another Pipeline the app writes there: accepted (that Pipeline is checked)', () => {
    const { c, r } = patchedRun();
    new SecurePipeline(c, 'other').addTask({ task: new SecureTask(c, 'test-task', { steps: [step()] }) });
    r.apiObject.addJsonPatch(JsonPatch.replace('/spec/pipelineRef/name', 'other'));
    expect(Testing.synth(c).find((o: any) => o.kind === 'PipelineRun').spec.pipelineRef).toEqual({ name: 'other' });
  });
});

describe('a csi run workspace and the app\'s own Tekton feature flags', () => {
  function vaultRun(apiFields?: ApiFields) {
    const c = chart();
    const spc = new VaultSecretProviderClass(c, 'registry', {
      vaultAddress: 'https://vault.example.com', roleName: 'ci', objects: [{ objectName: 'config.json', secretPath: 'secret/data/ci', secretKey: 'config' }],
    });
    const pipeline = new SecurePipeline(c, 'ci', { workspaces: [{ name: 'creds', domain: TrustDomain.CREDENTIALS }] });
    const push = new SecureTask(c, 'push', { trusted: true, steps: [step()], workspaces: [{ name: 'creds', domain: TrustDomain.CREDENTIALS }] });
    pipeline.addTask({ task: push, workspaces: { creds: 'creds' } });
    new SecurePipelineRun(c, 'run', { pipeline, workspaces: { creds: RunWorkspace.csi(spc) } });
    new TektonFeatureFlags(c, 'flags', apiFields === undefined ? {} : { apiFields });
    return c;
  }

  test('accepted under any enable-api-fields: Tekton v1.15 admits a csi binding with "stable" too (its beta gate was dropped in v0.50)', () => {
    for (const apiFields of [undefined, ApiFields.STABLE, ApiFields.BETA]) {
      const written = Testing.synth(vaultRun(apiFields)).find((o: any) => o.kind === 'PipelineRun');
      expect(written.spec.workspaces).toEqual([{ name: 'creds', csi: expect.objectContaining({ driver: 'secrets-store.csi.k8s.io' }) }]);
    }
  });
});

describe("a run's labels by which another policy of the app gives its pods egress", () => {
  test('are refused at synth: RUN_POD_OVERRIDES on the run, EGRESS_SCOPED on the pipeline task whose pods they widen', () => {
    const { c, r } = run();
    r.apiObject.metadata.addLabel('app', 'web');
    new ApiObject(c, 'web', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'web' },
      spec: { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '203.0.113.0/24' } }], ports: [{ port: 443 }] }] },
    });
    const message = messageOf(() => Testing.synth(c));
    expect(message).toContain(`SecurePipelineRun '${r.node.path}': metadata.labels['app'] "web" makes NetworkPolicy/web select the run's pods `
      + '(its podSelector {"matchLabels":{"app":"web"}}), which allows them egress (spec.egress[0]): NetworkPolicies are additive, so whoever writes the run gives '
      + 'its tasks what that policy allows, beyond the egress of their pipeline [RUN_POD_OVERRIDES].');
    expect(message).toContain("task 'test': egress \"NetworkPolicy/web ('test/web')\" selects the task's pods (its podSelector {\"matchLabels\":{\"app\":\"web\"}} by labels "
      + "Tekton copies onto them from the Pipeline, the Task or a PipelineRun (the chart's labels, a patch of metadata.labels)) and allows egress the task does not declare");
    // without the label, the policy selects no pod of the pipeline
    const other = run();
    new ApiObject(other.c, 'web', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'web' },
      spec: { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '203.0.113.0/24' } }], ports: [{ port: 443 }] }] },
    });
    expect(() => Testing.synth(other.c)).not.toThrow();
  });
});
