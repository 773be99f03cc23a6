/**
 * Everything the library emits, Tekton accepts: one app that sets every prop of
 * SecureTask (and its steps, params, workspaces, results), SecurePipeline (and
 * addTask / addFinally), SecurePipelineRun (every RunWorkspace) and
 * ImageVerificationTask at least once, and uses every variable Tekton substitutes
 * that the library lets through; every Tekton object it writes is admitted by the
 * oracle (Tekton v1.15's webhook), with the recommended feature flags and the
 * other hardened values the library offers.
 */
import { App, Chart, Duration, Size, Testing } from 'cdk8s';
import {
  AccessMode, ApiVerb, Capability, Coschedule, EgressPeer, EgressPort, ImageVerificationTask, ParamConstraint, RuleId, RunWorkspace,
  ParamType, PipelineTaskOnError, RelaxationTarget, SecurePipeline, SecurePipelineRun, SecureTask, StepOnError, TektonFeatureFlags, TrustDomain,
  VaultSecretProviderClass, WhenExpression,
} from '../../src';
import { PINNED } from '../helpers/constructs';
import { describeWithOracle, OracleResult, runOracle } from '../helpers/tekton-oracle';

const isTekton = (o: any) => typeof o?.apiVersion === 'string' && o.apiVersion.startsWith('tekton.dev/');
const rejected = (r: OracleResult) => r.verdicts.filter((v) => !v.valid).map((v) => `${v.kind} ${v.name}: ${v.errors.join('; ')}`);
const TAGGED = 'registry.example.com/tools/legacy:1.0';
const REASON = 'the vendor publishes this tool by tag only';

/** The whole app: every prop at least once (with `embedTasks`, the pipelines embed their task specs). */
function everything(embedTasks = false): Chart {
  const c = new Chart(new App(), 'all', { namespace: 'ci' });

  const build = new SecureTask(c, 'build', {
    name: 'build-all',
    description: 'Build and test, with a database sidecar.',
    parameters: [
      { name: 'revision', description: 'Commit to build', constraint: ParamConstraint.gitSha() },
      { name: 'tag', defaultValue: 'latest', constraint: ParamConstraint.imageTag() },
      { name: 'mode', defaultValue: 'fast', constraint: ParamConstraint.oneOf(['fast', 'full']) },
      { name: 'git.ref', defaultValue: 'refs/heads/main', constraint: ParamConstraint.pattern('^refs/[a-z/]+$') },
      { name: 'target', description: 'make target', constraint: ParamConstraint.pattern('^[a-z]+$', 'a make target') },
      { name: 'flags', defaultValue: '' },
      { name: 'Flags', defaultValue: '-v' },
      { name: 'note' },
    ],
    workspaces: [
      { name: 'source', domain: TrustDomain.SOURCE, description: 'The checkout', readOnly: true },
      { name: 'output', domain: TrustDomain.OUTPUT, mountPath: '/workspace/out' },
      { name: 'cache', domain: TrustDomain.CACHE, optional: true, mountPath: '/tmp/cache' },
    ],
    results: [{ name: 'digest', description: 'The image digest' }, { name: 'Image_ID' }],
    validationImage: PINNED,
    relaxations: [{ rule: RuleId.IMAGE_DIGEST, target: 'sidecar/db', reason: REASON }],
    sidecars: [{
      name: 'db',
      image: TAGGED,
      env: { PGDATA: '/tmp/pg', TASK: '$(context.task.name)' },
      args: ['-c', 'fsync=off'],
      resources: { cpuRequest: '50m', cpuLimit: '500m', memoryRequest: '64Mi', memoryLimit: '256Mi' },
    }],
    steps: [
      {
        name: 'compile',
        image: PINNED,
        workingDir: '$(workspaces.source.path)',
        env: {
          REVISION: '$(params.revision)',
          REF: '$(params["git.ref"])',
          MODE: "$(params['mode'])",
          FLAGS: '$(params.flags) $(params.Flags)',
          NOTE: '$(params.note)',
          RUN: '$(context.taskRun.name) $(context.taskRun.namespace) $(context.taskRun.uid) $(context.task.retry-count)',
          OUT: '$(workspaces.output.path)',
          CACHE: '$(workspaces.cache.path) $(workspaces.cache.bound)',
        },
        resources: { cpuRequest: '500m', cpuLimit: '2', memoryRequest: '512Mi', memoryLimit: '2Gi' },
        runAsUser: 1000,
        runAsGroup: 1000,
        script: '#!/bin/sh\nset -eu\necho "$(date) $REVISION $REF $MODE"\nmake -C "$OUT" build\nprintf sha256:0 > $(results.digest.path)\nprintf x > $(results.Image_ID.path)\n',
      },
      {
        name: 'test',
        image: PINNED,
        command: ['/ko-app/tool'],
        args: ['--tag=$(params.tag)', '--home=$(HOME)', '$(params.target)'],
      },
      {
        name: 'legacy',
        image: TAGGED,
        runAsUser: 0,
        addCapabilities: [Capability.CHOWN, Capability.FOWNER],
        writableRootFilesystem: true,
        allowPrivilegeEscalation: true,
        script: '#!/usr/bin/env python3\nprint("legacy")\n',
        relaxations: [
          { rule: RuleId.IMAGE_DIGEST, reason: REASON },
          { rule: RuleId.RUN_AS_NON_ROOT, reason: 'the vendor tool writes to /etc as root' },
          { rule: RuleId.DROP_ALL_CAPABILITIES, reason: 'the vendor tool chowns its own files' },
          { rule: RuleId.READ_ONLY_ROOT_FILESYSTEM, reason: 'the vendor tool writes to /etc as root' },
          { rule: RuleId.NO_PRIVILEGE_ESCALATION, reason: 'the vendor tool calls a setuid helper' },
        ],
      },
    ],
  });

  const push = new SecureTask(c, 'push', {
    trusted: true,
    parameters: [{ name: 'digest' }, { name: 'status', defaultValue: 'unknown' }],
    workspaces: [{ name: 'creds', domain: TrustDomain.CREDENTIALS }, { name: 'output', domain: TrustDomain.OUTPUT, optional: true }],
    steps: [{ name: 'push', image: PINNED, env: { DIGEST: '$(params.digest)', STATUS: '$(params.status)' }, script: '#!/bin/sh\necho "$DIGEST $STATUS"\n' }],
  });
  const notify = new SecureTask(c, 'notify', {
    parameters: [{ name: 'status' }, { name: 'who', defaultValue: 'ci' }],
    steps: [{ name: 'notify', image: PINNED, env: { STATUS: '$(params.status)', WHO: '$(params.who)' }, script: '#!/bin/sh\necho "$WHO: $STATUS"\n' }],
  });
  const verify = new ImageVerificationTask(c, 'verify', {
    name: 'verify-image',
    certificateIdentity: 'https://github.com/example/app/.github/workflows/release.yml@refs/heads/main',
    oidcIssuer: 'https://token.actions.githubusercontent.com',
    cosignImage: PINNED,
  });
  const verifyDefaults = new ImageVerificationTask(c, 'verify-defaults', { certificateIdentity: 'release@example.com', oidcIssuer: 'https://accounts.example.com' });
  // writes the checkout the build reads read-only (a fresh claim that no task writes would stay empty: VALID_REFERENCE)
  const checkout = new SecureTask(c, 'checkout', {
    parameters: [{ name: 'revision', constraint: ParamConstraint.gitSha() }],
    workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }],
    steps: [{ name: 'fetch', image: PINNED, workingDir: '$(workspaces.source.path)', env: { REVISION: '$(params.revision)' }, script: '#!/bin/sh\nprintf \'%s\\n\' "$REVISION" > REVISION\n' }],
  });

  const pipeline = new SecurePipeline(c, 'pipeline', {
    embedTasks,
    name: 'build-and-push',
    description: 'Build, verify, push and notify.',
    parameters: [
      { name: 'revision', description: 'Commit to build' },
      { name: 'image', defaultValue: 'registry.example.com/app/web@sha256:' + 'b'.repeat(64) },
      { name: 'git.ref', defaultValue: 'refs/heads/main' },
      // a string param of the name of the task's whole-element `$(params.target)`: with embedTasks, Tekton then refuses a run
      // that gives an array 'target' (which would delete the element from the embedded spec's args)
      { name: 'target', defaultValue: 'all' },
    ],
    workspaces: [
      { name: 'source', domain: TrustDomain.SOURCE, description: 'The checkout' },
      { name: 'output', domain: TrustDomain.OUTPUT },
      { name: 'cache', domain: TrustDomain.CACHE, optional: true },
      { name: 'creds', domain: TrustDomain.CREDENTIALS },
      { name: 'conf', domain: TrustDomain.CACHE, optional: true },
      { name: 'tls', domain: TrustDomain.CREDENTIALS, optional: true },
      { name: 'vault', domain: TrustDomain.CREDENTIALS, optional: true },
      { name: 'shared', domain: TrustDomain.CACHE, optional: true },
      { name: 'scratch', domain: TrustDomain.CACHE, optional: true },
    ],
    timeout: Duration.hours(2),
    serviceAccountName: 'build-runner',
    relaxations: [
      { rule: RuleId.EGRESS_NO_OPEN_CIDR, reason: 'package mirrors are spread over the internet' },
      // push (and push-on-exit) holds the registry credentials and is given compile's digest, which compile's code writes
      ...['push', 'push-on-exit'].map((t) => ({
        rule: RuleId.CREDENTIALS_TRUSTED_TASK, target: RelaxationTarget.task(t), reason: 'the push step only prints the digest it is given',
      })),
    ],
  });
  const fetched = pipeline.addTask({ task: checkout, parameters: { revision: '$(params.revision)' }, workspaces: { source: 'source' } });
  const compile = pipeline.addTask({
    task: build,
    name: 'compile',
    runAfter: [fetched.name],
    parameters: {
      'revision': '$(params.revision)',
      'git.ref': '$(params["git.ref"])',
      'target': 'all',
      'note': 'run $(context.pipelineRun.name) in $(context.pipelineRun.namespace) ($(context.pipelineRun.uid)) of $(context.pipeline.name), '
        + 'retry $(context.pipelineTask.retries); $(workspaces.cache.bound) $(workspaces.cache.path) $(params.image)',
    },
    workspaces: { source: 'source', output: 'output', cache: 'cache' },
    timeout: Duration.minutes(90),
    hermetic: true,
  });
  const check = pipeline.addTask({ task: verify, parameters: { image: '$(params.image)' }, runAfter: [compile.name] });
  pipeline.addTask({ task: verifyDefaults, name: 'verify-again', parameters: { image: '$(params.image)' }, runAfter: ['verify-image'] });
  const pushTask = pipeline.addTask({
    task: push,
    parameters: { digest: compile.result('digest'), status: 'built' },
    workspaces: { creds: 'creds', output: 'output' },
    runAfter: [check.name],
  });
  pushTask.allowEgressTo(EgressPeer.cidr('203.0.113.0/24'), [EgressPort.tcp(443)]);
  pushTask.grantApi({ resource: 'configmaps', verbs: [ApiVerb.GET, ApiVerb.UPDATE], resourceNames: ['release-notes'] });
  pipeline.egress.allow(EgressPeer.cidr('0.0.0.0/0'), [EgressPort.tcp(443)]);
  pipeline.addFinally({
    task: notify,
    parameters: { status: '$(tasks.status) $(tasks.compile.status) $(tasks.compile.reason) $(tasks.push.status)', who: '$(context.pipelineRun.name)' },
    timeout: Duration.minutes(5),
  });
  pipeline.addFinally({ task: push, name: 'push-on-exit', parameters: { digest: '$(tasks.compile.results.digest)' }, workspaces: { creds: 'creds' } });

  // compile binds source, output and cache, three claims: the cluster's coschedule allows that (AFFINITY_ASSISTANT_CLAIMS)
  new TektonFeatureFlags(c, 'flags', { coschedule: Coschedule.DISABLED });
  const vault = new VaultSecretProviderClass(c, 'vault', {
    vaultAddress: 'https://vault.example.com',
    roleName: 'ci',
    objects: [{ objectName: 'config.json', secretPath: 'secret/data/registry', secretKey: 'config' }],
  });
  new SecurePipelineRun(c, 'run', {
    pipeline,
    parameters: { 'revision': 'a'.repeat(40), 'git.ref': 'refs/tags/v1' },
    workspaces: {
      source: RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(2), storageClassName: 'fast', accessMode: AccessMode.READ_WRITE_ONCE_POD }),
      output: RunWorkspace.volumeClaimTemplate({ storage: Size.mebibytes(512) }),
      cache: RunWorkspace.persistentVolumeClaim('build-cache'),
      creds: RunWorkspace.secret('push-creds', { items: [{ key: '.dockerconfigjson', path: 'config.json' }] }),
      conf: RunWorkspace.configMap('build-conf'),
      tls: RunWorkspace.projected([{ secretName: 'tls', items: [{ key: 'tls.key', path: 'key.pem' }] }, { configMapName: 'ca' }]),
      vault: RunWorkspace.csi(vault),
      shared: RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1), accessMode: AccessMode.READ_WRITE_MANY }),
      scratch: RunWorkspace.emptyDir(),
    },
    timeout: Duration.minutes(100),
    fsGroup: 2000,
    generateName: false,
    name: 'nightly',
    relaxations: [
      { rule: RuleId.WORKSPACE_PER_RUN, target: 'workspace/cache', reason: 'the module cache is shared on purpose' },
      { rule: RuleId.WORKSPACE_PER_RUN, target: 'workspace/shared', reason: 'the test farm reads the build over NFS' },
    ],
  });
  new SecurePipelineRun(c, 'default-run', {
    pipeline,
    parameters: { revision: 'b'.repeat(40) },
    workspaces: {
      source: RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1) }),
      output: RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1) }),
      creds: RunWorkspace.secret('push-creds'),
    },
  });
  new SecurePipelineRun(c, 'named-run', {
    pipeline,
    name: 'release',
    parameters: { revision: 'c'.repeat(40) },
    workspaces: {
      source: RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1) }),
      output: RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1) }),
      creds: RunWorkspace.secret('push-creds'),
    },
  });

  // the longest names the library takes: a pipeline of 63 characters and its default run (generateName cut by the API server)
  const long = new SecurePipeline(c, 'long', { name: 'l'.repeat(63), serviceAccountName: 'long-runner', embedTasks });
  long.addTask({ task: notify, name: 't'.repeat(63), parameters: { status: 'ok' } });
  new SecurePipelineRun(c, 'long-run', { pipeline: long });
  return c;
}

const objects = Testing.synth(everything()).filter(isTekton);

test('the app writes every kind of Tekton object the pipeline constructs make', () => {
  expect(objects.map((o) => `${o.kind}/${o.metadata.name ?? o.metadata.generateName}`)).toEqual([
    'Task/build-all', 'Task/push', 'Task/notify', 'Task/verify-image', 'Task/verify-defaults', 'Task/checkout',
    'Pipeline/build-and-push',
    'PipelineRun/nightly', 'PipelineRun/build-and-push-run-', 'PipelineRun/release-',
    `Pipeline/${'l'.repeat(63)}`, `PipelineRun/${'l'.repeat(63)}-run-`,
  ]);
  // every RunWorkspace kind, bound once (written sorted by workspace name)
  expect(objects.find((o) => o.metadata.name === 'nightly').spec.workspaces.map((w: any) => Object.keys(w).find((k) => k !== 'name')).sort()).toEqual([
    'configMap', 'csi', 'emptyDir', 'persistentVolumeClaim', 'projected', 'secret', 'volumeClaimTemplate', 'volumeClaimTemplate', 'volumeClaimTemplate',
  ]);
});

const embedded = Testing.synth(everything(true)).filter(isTekton);

test('with embedTasks, the same app writes no Task: each pipeline task carries exactly the spec its Task has when written alone', () => {
  expect(embedded.map((o) => `${o.kind}/${o.metadata.name ?? o.metadata.generateName}`)).toEqual(
    objects.filter((o) => o.kind !== 'Task').map((o) => `${o.kind}/${o.metadata.name ?? o.metadata.generateName}`));
  const tasks = new Map(objects.filter((o) => o.kind === 'Task').map((o) => [o.metadata.name, o.spec]));
  for (const standalone of objects.filter((o) => o.kind === 'Pipeline')) {
    const inline = embedded.find((o) => o.kind === 'Pipeline' && o.metadata.name === standalone.metadata.name);
    for (const list of ['tasks', 'finally']) {
      (standalone.spec[list] ?? []).forEach((t: any, i: number) => {
        const e = inline.spec[list][i];
        expect(e.taskRef).toBeUndefined();
        expect(e.taskSpec).toEqual(tasks.get(t.taskRef.name));
        // and passes every param the spec declares: the pipeline's value, else the default as written (Tekton would
        // substitute a PipelineRun's param of the name of any other into the embedded spec)
        const given = new Set((t.params ?? []).map((p: any) => p.name));
        const defaults = (e.taskSpec.params ?? []).filter((p: any) => !given.has(p.name)).map((p: any) => ({ name: p.name, value: p.default }));
        expect(defaults.every((p: any) => p.value !== undefined)).toBe(true);
        expect(e.params ?? []).toEqual([...(t.params ?? []), ...defaults].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)));
        expect({ ...e, taskSpec: undefined, params: undefined }).toEqual({ ...t, taskRef: undefined, taskSpec: undefined, params: undefined });
      });
    }
  }
  // the build task's relaxations moved with its spec, below its pipeline task
  const key = 'secure-tekton/relax.IMAGE_DIGEST';
  const task = objects.find((o) => o.metadata.name === 'build-all');
  const pipeline = embedded.find((o) => o.metadata.name === 'build-and-push');
  expect(task.metadata.annotations[key].split('\n')).toEqual([`sidecar/db: ${REASON}`, `step/legacy: ${REASON}`]);
  expect(pipeline.metadata.annotations[key].split('\n')).toEqual([`task/compile/sidecar/db: ${REASON}`, `task/compile/step/legacy: ${REASON}`]);
});

describeWithOracle('Tekton v1.15 admits the pipelines that embed their task specs', () => {
  test.each([
    ['the recommended feature flags', {}],
    ['enable-api-fields: stable', { 'enable-api-fields': 'stable' }],
  ])('with %s', (_name, flags) => {
    const r = runOracle(embedded, { flags });
    expect(rejected(r)).toEqual([]);
    expect(r.exitCode).toBe(0);
  });

  test('with inline pipeline specs disabled, Tekton refuses them (the specs are inline)', () => {
    const r = runOracle(embedded, { flags: { 'disable-inline-spec': 'pipeline' } });
    expect(rejected(r).filter((x) => x.startsWith('Pipeline '))).toHaveLength(2);
  });
});

describeWithOracle('Tekton v1.15 admits everything the library writes', () => {
  test.each([
    ['the recommended feature flags', {}],
    ['enable-api-fields: stable', { 'enable-api-fields': 'stable' }],
    ['every inline spec disabled', { 'disable-inline-spec': 'pipeline,pipelinerun,taskrun' }],
  ])('with %s', (_name, flags) => {
    const r = runOracle(objects, { flags });
    expect(rejected(r)).toEqual([]);
    expect(r.summary.objects).toBe(objects.length);
    expect(r.exitCode).toBe(0);
  });

  test('a constrained param with dots in its name reaches the check in bracket notation: Tekton reads $(params.git.ref) as key "ref" of param "git"', () => {
    const task = objects.find((o) => o.metadata.name === 'build-all');
    const check = task.spec.steps[0];
    expect(check.name).toBe('validate-params');
    expect(check.env).toContainEqual({ name: 'PARAM_GIT_REF', value: '$(params["git.ref"])' });
    const dotted = JSON.parse(JSON.stringify(task));
    dotted.spec.steps[0].env = check.env.map((e: any) => (e.name === 'PARAM_GIT_REF' ? { ...e, value: '$(params.git.ref)' } : e));
    expect(runOracle([dotted]).verdicts[0].errors).toEqual(['non-existent variable in "$(params.git.ref)": spec.steps[0].env[PARAM_GIT_REF]']);
  });
});

/** Conditions, outcomes, fan-out and typed params: every new field at least once. */
function pipelineFeatures(): any[] {
  const c = new Chart(new App(), 'features', { namespace: 'ci' });
  const build = new SecureTask(c, 'build', {
    parameters: [
      { name: 'platform', constraint: ParamConstraint.pattern('^linux/[a-z0-9]+$') },
      { name: 'tags', valueType: ParamType.ARRAY, defaultArray: ['latest'], constraint: ParamConstraint.imageTag() },
      { name: 'repo', valueType: ParamType.OBJECT, properties: ['url', 'revision'], defaultObject: { url: 'https://git.example.com/app', revision: 'main' } },
    ],
    results: [{ name: 'digest' }],
    steps: [
      { name: 'compile', image: PINNED, env: { URL: '$(params.repo.url)', FIRST: '$(params.tags[0])', PLATFORM: '$(params.platform)' }, onError: StepOnError.CONTINUE, timeout: Duration.minutes(10), script: '#!/bin/sh\necho "$URL $FIRST $PLATFORM"\n' },
      { name: 'tags', image: PINNED, args: ['$(params.tags[*])'], script: '#!/bin/sh\nfor t in "$@"; do echo "$t"; done\ncat /tmp/params/tags\nprintf sha256:0 > $(results.digest.path)\n' },
    ],
  });
  const deploy = new SecureTask(c, 'deploy', { parameters: [{ name: 'digests', valueType: ParamType.ARRAY }], steps: [{ name: 'run', image: PINNED, script: '#!/bin/sh\ncat /tmp/params/digests\n' }] });
  const notify = new SecureTask(c, 'notify', { parameters: [{ name: 'status' }, { name: 'reason' }], steps: [{ name: 'run', image: PINNED, env: { S: '$(params.status)', R: '$(params.reason)' }, script: '#!/bin/sh\necho "$S $R"\n' }] });
  const pipeline = new SecurePipeline(c, 'ci', {
    parameters: [
      { name: 'branch' },
      { name: 'platforms', valueType: ParamType.ARRAY, defaultArray: ['linux/amd64', 'linux/arm64'] },
      { name: 'git', valueType: ParamType.OBJECT, properties: ['url', 'revision'], defaultObject: { url: 'https://git.example.com/app', revision: 'main' } },
    ],
  });
  const b = pipeline.addTask({
    task: build,
    matrix: { parameters: { platform: ['$(params.platforms[*])'] }, include: [{ name: 'riscv', parameters: { platform: 'linux/riscv64' } }] },
    arrayParameters: { tags: ['$(params.branch)', '$(params.git.revision)'] },
    parameters: { repo: '$(params.git[*])' },
    retries: 2,
  });
  const d = pipeline.addTask({
    task: deploy,
    when: [WhenExpression.oneOf('$(params.branch)', ['main']), WhenExpression.noneOf('$(params.git.url)', ['https://forbidden.example.com'])],
    arrayParameters: { digests: [`$(tasks.${b.name}.results.digest[*])`] },
    onError: PipelineTaskOnError.STOP_AND_FAIL,
    runAfter: [b],
    timeout: Duration.minutes(30),
  });
  pipeline.addFinally({ task: notify, parameters: { status: d.status, reason: d.reason }, when: [WhenExpression.noneOf('$(tasks.status)', ['Succeeded'])] });
  pipeline.addResult({ name: 'digests', value: '$(tasks.build.results.digest[*])' });
  return Testing.synth(c).filter(isTekton);
}

describeWithOracle('Tekton v1.15 admits the conditions, outcomes, fan-out and typed params the library writes', () => {
  const written = pipelineFeatures();

  test('with the recommended feature flags', () => {
    const r = runOracle(written);
    expect(rejected(r)).toEqual([]);
    expect(r.summary.objects).toBe(4);
  });

  test('with enable-api-fields "stable", Tekton refuses the matrix (a beta feature); onError stopAndFail, its default, is not written', () => {
    const r = runOracle(written, { flags: { 'enable-api-fields': 'stable' } });
    expect(rejected(r)).toEqual(['Pipeline ci: matrix requires "enable-api-fields" feature gate to be "alpha" or "beta" but it is "stable": ']);
    expect(written.find((o) => o.kind === 'Pipeline').spec.tasks[1].onError).toBeUndefined();
  });
});
