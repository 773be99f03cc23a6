import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Duration, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import {
  ApiVerb, EgressPeer, EgressPort, ImageSigner, ImageVerify, InlineSpecKind, LeastPrivilegeServiceAccount, Relaxations, TektonFeatureFlags,
  ParamConstraint, ParamType, Relaxation, PipelineTaskOnError, PipelineTaskOptions, RelaxationTarget, RuleId, ImagePush, ITaskDefinition,
  SecurePipeline, SecurePipelineRun, SecureStepAction, SecureTask, TaskReference, TaskWorkspace, TrustDomain, WhenOperator,
} from '../../src';
import { audit } from '../../src/cli/audit';
import { chart, HARDENED_SECURITY_CONTEXT, messageOf, objectsOf, only, PINNED, relaxationsOf, step } from '../helpers/constructs';
import { describeWithTektonSubstitute, tektonSubstitute } from '../helpers/tekton-substitute';

/** The failed findings and the notices of the audit of what `c` writes. */
function auditOfSynth(c: Chart): [number, string[]] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-audit-'));
  try {
    fs.writeFileSync(path.join(dir, 'app.yaml'), Testing.synth(c).map((o: any) => JSON.stringify(o)).join('\n---\n'));
    const report = JSON.parse(audit([dir], 'json').stdout);
    return [report.summary.failed, report.notices];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A chart with three tasks: clone (source), build (source+output, result), push (trusted, credentials). */
function fixture() {
  const c = chart();
  const clone = new SecureTask(c, 'clone', {
    parameters: [{ name: 'url' }],
    workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }],
    results: [{ name: 'commit' }],
    steps: [step()],
  });
  const build = new SecureTask(c, 'build', {
    parameters: [{ name: 'commit', defaultValue: 'HEAD' }],
    workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }, { name: 'output', domain: TrustDomain.OUTPUT, optional: true }],
    steps: [step()],
  });
  const push = new SecureTask(c, 'push', {
    trusted: true,
    workspaces: [{ name: 'creds', domain: TrustDomain.CREDENTIALS }],
    steps: [step()],
  });
  const pipeline = new SecurePipeline(c, 'ci', {
    parameters: [{ name: 'git-url' }],
    workspaces: [
      { name: 'source', domain: TrustDomain.SOURCE },
      { name: 'output', domain: TrustDomain.OUTPUT },
      { name: 'creds', domain: TrustDomain.CREDENTIALS },
    ],
  });
  return { c, clone, build, push, pipeline };
}

function valid() {
  const f = fixture();
  const cloneTask = f.pipeline.addTask({ task: f.clone, parameters: { url: '$(params.git-url)' }, workspaces: { source: 'source' } });
  f.pipeline.addTask({ task: f.build, parameters: { commit: cloneTask.result('commit') }, workspaces: { source: 'source' } });
  f.pipeline.addTask({ task: f.push, runAfter: ['build'], workspaces: { creds: 'creds' } });
  return f;
}

describe('SecurePipeline defaults', () => {
  const { c, pipeline } = valid();
  const manifest = only(c, 'Pipeline');

  test('references standalone Tasks by taskRef', () => {
    expect(manifest.apiVersion).toBe('tekton.dev/v1');
    expect(manifest.spec.tasks.map((t: any) => t.taskRef)).toEqual([
      { kind: 'Task', name: 'clone' }, { kind: 'Task', name: 'build' }, { kind: 'Task', name: 'push' },
    ]);
    expect(manifest.spec.tasks.some((t: any) => t.taskSpec)).toBe(false);
  });

  test('records trust as a relaxation of CREDENTIALS_TRUSTED_TASK for the trusted task that holds credentials, with the reason', () => {
    expect(relaxationsOf(manifest)).toEqual({
      'secure-tekton/relax.CREDENTIALS_TRUSTED_TASK': "task/push: runs Task 'push', which SecureTask 'test/push' marks trusted: it may receive credentials workspaces",
    });
  });

  test('binds results, params and workspaces as declared', () => {
    expect(manifest.spec.tasks[1]).toEqual({
      name: 'build',
      taskRef: { kind: 'Task', name: 'build' },
      params: [{ name: 'commit', value: '$(tasks.clone.results.commit)' }],
      workspaces: [{ name: 'source', workspace: 'source' }],
    });
  });

  test('writes a pipeline task\'s params and workspaces sorted by name, whatever the order of the maps given', () => {
    // Tekton binds them by name; a Java Map.of iterates in an order that changes from run to run
    const sorted = chart();
    const task = new SecureTask(sorted, 'build', {
      parameters: [{ name: 'b' }, { name: 'a' }, { name: 'c', valueType: ParamType.ARRAY }],
      workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }, { name: 'output', domain: TrustDomain.OUTPUT }],
      steps: [step()],
    });
    const p = new SecurePipeline(sorted, 'ci', {
      workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }, { name: 'output', domain: TrustDomain.OUTPUT }],
    });
    p.addTask({ task, parameters: { b: 'x', a: 'y' }, arrayParameters: { c: ['z'] }, workspaces: { source: 'source', output: 'output' } });
    const t = only(sorted, 'Pipeline').spec.tasks[0];
    expect(t.params).toEqual([{ name: 'a', value: 'y' }, { name: 'b', value: 'x' }, { name: 'c', value: ['z'] }]);
    expect(t.workspaces).toEqual([{ name: 'output', workspace: 'output' }, { name: 'source', workspace: 'source' }]);
  });

  test('creates a dedicated ServiceAccount that mounts no token', () => {
    const sa = only(c, 'ServiceAccount');
    expect(sa.metadata.name).toBe('ci-runner');
    expect(sa.automountServiceAccountToken).toBe(false);
    expect(pipeline.serviceAccountName).toBe('ci-runner');
  });

  test('timeout defaults to one hour', () => {
    expect(pipeline.timeout.toMinutes()).toBe(60);
  });

  test('a task timeout is written in Tekton duration format', () => {
    const f = fixture();
    f.pipeline.addTask({ task: f.clone, parameters: { url: 'x' }, workspaces: { source: 'source' }, timeout: Duration.minutes(90) });
    expect(() => only(f.c, 'Pipeline')).toThrow(
      "SecurePipeline 'test/ci' task 'clone': timeout \"1h30m0s\" is longer than the pipeline timeout 1h0m0s [VALID_SPEC]. "
      + "Give the task at most the pipeline's timeout (timeout: Duration.hours(1) in its addTask options, or none: the pipeline's then applies), "
      + 'or lengthen the pipeline\'s (timeout: Duration.minutes(90) in the SecurePipeline props).',
    );
  });
});

describe('SecurePipeline refusals', () => {
  const cases: Array<[string, (f: ReturnType<typeof fixture>) => void, string]> = [
    ['unknown runAfter', (f) => {
      f.pipeline.addTask({ task: f.clone, parameters: { url: 'x' }, workspaces: { source: 'source' }, runAfter: ['compile'] });
    }, "SecurePipeline 'test/ci' task 'clone': runAfter \"compile\" names a task that is not in the pipeline [VALID_DAG]. Use one of: clone."],
    ['cycle through runAfter', (f) => {
      f.pipeline.addTask({ task: f.clone, parameters: { url: 'x' }, workspaces: { source: 'source' }, runAfter: ['build'] });
      f.pipeline.addTask({ task: f.build, workspaces: { source: 'source' }, runAfter: ['clone'] });
    }, "SecurePipeline 'test/ci' task 'clone': runAfter \"clone -> build -> clone\" forms a cycle [VALID_DAG]. Remove one runAfter or result reference so that the tasks form a DAG."],
    ['cycle through a result reference', (f) => {
      f.pipeline.addTask({ task: f.clone, parameters: { url: 'x' }, workspaces: { source: 'source' }, runAfter: ['build'] });
      f.pipeline.addTask({ task: f.build, parameters: { commit: '$(tasks.clone.results.commit)' }, workspaces: { source: 'source' } });
    }, "SecurePipeline 'test/ci' task 'clone': runAfter \"clone -> build -> clone\" forms a cycle [VALID_DAG]. Remove one runAfter or result reference so that the tasks form a DAG."],
    ['unknown task param', (f) => {
      f.pipeline.addTask({ task: f.clone, parameters: { url: 'x', branch: 'main' }, workspaces: { source: 'source' } });
    }, "SecurePipeline 'test/ci' task 'clone': parameters.branch \"main\" is not a param of task 'clone' [VALID_REFERENCE]. Use one of: url."],
    ['a param of a task that declares none', (f) => {
      f.pipeline.addTask({ task: f.push, parameters: { tag: 'v1' }, workspaces: { creds: 'creds' } });
    }, "SecurePipeline 'test/ci' task 'push': parameters.tag \"v1\" is not a param of task 'push' [VALID_REFERENCE]. "
      + "Remove 'tag' from parameters: task 'push' declares no params (or declare it: parameters: [{ name: 'tag' }] in the props of SecureTask 'test/push')."],
    ['undeclared pipeline param', (f) => {
      f.pipeline.addTask({ task: f.clone, parameters: { url: '$(params.repo)' }, workspaces: { source: 'source' } });
    }, "SecurePipeline 'test/ci' task 'clone': parameters.url \"$(params.repo)\" references an undeclared pipeline param 'repo' [VALID_REFERENCE]. Use a param the pipeline declares ('git-url'), or declare it: add { name: 'repo' } to the SecurePipeline's parameters."],
    ['missing required param', (f) => {
      f.pipeline.addTask({ task: f.clone, workspaces: { source: 'source' } });
    }, "SecurePipeline 'test/ci' task 'clone': parameters \"url\" is required by the task but not passed [VALID_REFERENCE]. Pass it in the task's addTask(...) options: parameters: { url: '<value>' }."],
    ['unknown result', (f) => {
      f.pipeline.addTask({ task: f.clone, parameters: { url: 'x' }, workspaces: { source: 'source' } });
      f.pipeline.addTask({ task: f.build, parameters: { commit: '$(tasks.clone.results.sha)' }, workspaces: { source: 'source' } });
    }, "SecurePipeline 'test/ci' task 'build': parameters.commit \"$(tasks.clone.results.sha)\" references result 'sha' that task 'clone' does not declare [VALID_REFERENCE]. Use a result it declares ('commit'), or declare 'sha' in the props of SecureTask 'test/clone': results: [{ name: 'commit' }, { name: 'sha' }], and write it from a step (to the file $(results.sha.path))."],
    ['result of an unknown task', (f) => {
      f.pipeline.addTask({ task: f.build, parameters: { commit: '$(tasks.fetch.results.commit)' }, workspaces: { source: 'source' } });
    }, "SecurePipeline 'test/ci' task 'build': parameters.commit \"$(tasks.fetch.results.commit)\" references task 'fetch' that is not in the pipeline [VALID_REFERENCE]. Reference a result of a task of this pipeline ('build'), with task.result('<result>') on the PipelineTask addTask returned."],
    ['workspace the task does not declare', (f) => {
      f.pipeline.addTask({ task: f.clone, parameters: { url: 'x' }, workspaces: { source: 'source', output: 'output' } });
    }, "SecurePipeline 'test/ci' task 'clone': workspaces.output \"output\" is not a workspace of task 'clone' [VALID_REFERENCE]. A task gets only the workspaces it declares: source."],
    ['unknown pipeline workspace', (f) => {
      f.pipeline.addTask({ task: f.clone, parameters: { url: 'x' }, workspaces: { source: 'src' } });
    }, "SecurePipeline 'test/ci' task 'clone': workspaces.source \"src\" is not a pipeline workspace [VALID_REFERENCE]. Use a workspace the pipeline declares ('source', 'output', 'creds'), or declare it: add { name: 'src', domain: TrustDomain.SOURCE } to the SecurePipeline's workspaces."],
    ['unbound required workspace', (f) => {
      f.pipeline.addTask({ task: f.clone, parameters: { url: 'x' } });
    }, "SecurePipeline 'test/ci' task 'clone': workspaces \"source\" is required by the task but not bound [VALID_REFERENCE]. Bind it in the task's addTask(...) options: workspaces: { source: 'source' }."],
    ['trust domain mismatch', (f) => {
      f.pipeline.addTask({ task: f.clone, parameters: { url: 'x' }, workspaces: { source: 'output' } });
    }, "SecurePipeline 'test/ci' task 'clone': workspaces.source \"output\" is a workspace of domain 'output' bound to a task workspace of domain 'source' [VALID_REFERENCE]. Bind it in the task's addTask(...) options: workspaces: { source: 'source' } (or, if 'output' holds only what task 'clone' expects there, declare 'output' with domain: TrustDomain.SOURCE)."],
    ['trust domain mismatch, no pipeline workspace of the domain', (f) => {
      const cached = new SecureTask(f.c, 'cached', { workspaces: [{ name: 'cache', domain: TrustDomain.CACHE }], steps: [step()] });
      f.pipeline.addTask({ task: cached, workspaces: { cache: 'output' } });
    }, "SecurePipeline 'test/ci' task 'cached': workspaces.cache \"output\" is a workspace of domain 'output' bound to a task workspace of domain 'cache' [VALID_REFERENCE]. "
      + "Bind a pipeline workspace of domain 'cache': declare one in the pipeline's workspaces with domain: TrustDomain.CACHE (or, if 'output' holds only what task 'cached' expects there, declare 'output' with that domain)."],
    ['a literal that the task\'s param constraint refuses', (f) => {
      const tagged = new SecureTask(f.c, 'tagged', { parameters: [{ name: 'tag', constraint: ParamConstraint.imageTag() }, { name: 'tags', valueType: ParamType.ARRAY, constraint: ParamConstraint.imageTag() }], steps: [step()] });
      f.pipeline.addTask({ task: tagged, parameters: { tag: 'v1.0' }, arrayParameters: { tags: ['latest', '-bad', '$(params.tag)'] } });
    }, "SecurePipeline 'test/ci' task 'tagged': arrayParameters.tags[1] \"-bad\" is not an image tag, which param 'tags' of task 'tagged' requires: its validate-params step fails every run [VALID_REFERENCE]. Pass an image tag, or a pipeline param: arrayParameters: { 'tags': ['$(params.<name>)'] }."],
    ['a matrix param misspelt: the binding under the task\'s param nearest that name', (f) => {
      const multi = new SecureTask(f.c, 'multi', { parameters: [{ name: 'platform' }, { name: 'mode' }], steps: [step()] });
      f.pipeline.addTask({ task: multi, parameters: { mode: 'fast' }, matrix: { parameters: { platfrom: ['linux/amd64', 'linux/arm64'] } } });
    }, "SecurePipeline 'test/ci' task 'multi': matrix.parameters.platfrom \"linux/amd64, linux/arm64\" is not a param of task 'multi' [VALID_REFERENCE]. "
      + "Use one of: platform, mode; for 'platform': matrix: { parameters: { platform: ['linux/amd64', 'linux/arm64'] } }."],
    ['a param misspelt: the binding under the task\'s param nearest that name', (f) => {
      f.pipeline.addTask({ task: f.clone, parameters: { URL: '$(params.git-url)' }, workspaces: { source: 'source' } });
    }, "SecurePipeline 'test/ci' task 'clone': parameters.URL \"$(params.git-url)\" is not a param of task 'clone' [VALID_REFERENCE]. "
      + "Use one of: url; for 'url': parameters: { url: '$(params.git-url)' }."],
    ['credentials workspace bound to a trusted task that declares another domain', (f) => {
      const notify = new SecureTask(f.c, 'notify', { trusted: true, workspaces: [{ name: 'token', domain: TrustDomain.SOURCE }], steps: [step()] });
      f.pipeline.addTask({ task: notify, workspaces: { token: 'creds' } });
    }, "SecurePipeline 'test/ci' task 'notify': workspaces.token \"creds\" is a workspace of domain 'credentials' bound to a task workspace of domain 'source' [VALID_REFERENCE]. "
      + "If task 'notify' reads the credential there, declare its workspace as { name: 'token', domain: TrustDomain.CREDENTIALS } in the workspaces of SecureTask 'test/notify'; "
      + "otherwise bind it in the task's addTask(...) options: workspaces: { token: 'source' }."],
    ['credentials workspace bound to an untrusted task', (f) => {
      f.pipeline.addTask({ task: f.clone, parameters: { url: 'x' }, workspaces: { source: 'creds' } });
    }, "SecurePipeline 'test/ci' task 'clone': workspaces.source \"creds\" is a credentials workspace bound to a task not marked trusted [CREDENTIALS_TRUSTED_TASK]. Bind credentials only to a task that runs no user code (trusted: true in its SecureTask props), or move the step that needs them into a task of its own."],
  ];

  test.each(cases)('%s', (_name, build, message) => {
    const f = fixture();
    build(f);
    expect(() => only(f.c, 'Pipeline')).toThrow(message);
  });

  test('a credential bound to a trusted task that declares another domain: the fix the message gives first passes', () => {
    const f = fixture();
    const notify = new SecureTask(f.c, 'notify', { trusted: true, workspaces: [{ name: 'token', domain: TrustDomain.CREDENTIALS }], steps: [step()] });
    f.pipeline.addTask({ task: notify, workspaces: { token: 'creds' } });
    expect(only(f.c, 'Pipeline').spec.tasks[0].workspaces).toEqual([{ name: 'token', workspace: 'creds' }]);
  });

  // an undeclared pipeline param or workspace: the name nearest it, or the declaration to add, of the type the reference reads
  test.each<[string, { params?: string[]; workspaces?: string[] }, string, string]>([
    ['a param of a pipeline that declares none', {}, '$(params.revision)',
      "SecurePipeline 'test/p' task 'unit': parameters.rev \"$(params.revision)\" references an undeclared pipeline param 'revision' [VALID_REFERENCE]. Declare it in the SecurePipeline's props: parameters: [{ name: 'revision' }]."],
    ['a misspelt param', { params: ['revision', 'branch'] }, '$(params.revison)',
      "SecurePipeline 'test/p' task 'unit': parameters.rev \"$(params.revison)\" references an undeclared pipeline param 'revison' [VALID_REFERENCE]. "
      + "Use 'revision', the pipeline's param nearest that name, or declare it: add { name: 'revison' } to the SecurePipeline's parameters."],
    ['a param indexed', { params: ['branch'] }, '$(params.revisions[0])',
      "SecurePipeline 'test/p' task 'unit': parameters.rev \"$(params.revisions[0])\" references an undeclared pipeline param 'revisions' [VALID_REFERENCE]. "
      + "Use a param the pipeline declares ('branch'), or declare it: add { name: 'revisions', valueType: ParamType.ARRAY } to the SecurePipeline's parameters."],
    ['a param keyed', { params: ['branch'] }, '$(params.git.revision)',
      "SecurePipeline 'test/p' task 'unit': parameters.rev \"$(params.git.revision)\" references an undeclared pipeline param 'git' [VALID_REFERENCE]. "
      + "Use a param the pipeline declares ('branch'), or declare it: add { name: 'git', valueType: ParamType.OBJECT, properties: ['revision'] } to the SecurePipeline's parameters."],
    ['a workspace of a pipeline that declares none', { params: ['revision'] }, '$(params.revision)',
      "SecurePipeline 'test/p' task 'unit': workspaces.cache \"gocache\" is not a pipeline workspace [VALID_REFERENCE]. Declare it in the SecurePipeline's props: workspaces: [{ name: 'gocache', domain: TrustDomain.CACHE }]."],
    ['a misspelt workspace', { params: ['revision'], workspaces: ['go-cache', 'source'] }, '$(params.revision)',
      "SecurePipeline 'test/p' task 'unit': workspaces.cache \"gocache\" is not a pipeline workspace [VALID_REFERENCE]. "
      + "Use 'go-cache', the pipeline's workspace nearest that name, or declare it: add { name: 'gocache', domain: TrustDomain.CACHE } to the SecurePipeline's workspaces."],
  ])('refused: %s', (_, declared, rev, message) => {
    const c = chart();
    const unit = new SecureTask(c, 'unit', {
      parameters: [{ name: 'rev' }],
      workspaces: [{ name: 'cache', domain: TrustDomain.CACHE }],
      steps: [step({ env: { REV: '$(params.rev)' } })],
    });
    const p = new SecurePipeline(c, 'p', {
      parameters: declared.params?.map((name) => ({ name })),
      workspaces: declared.workspaces?.map((name) => ({ name, domain: TrustDomain.CACHE })),
    });
    p.addTask({ task: unit, parameters: { rev }, workspaces: { cache: 'gocache' } });
    expect(() => Testing.synth(c)).toThrow(message);
  });

  // an unbound task workspace: bound to the pipeline's workspaces of its domain, or one declared for it
  test.each<[string, string[], string]>([
    ['several of its domain', ['cache-a', 'cache-b'],
      "SecurePipeline 'test/p' task 'unit': workspaces \"go-cache\" is required by the task but not bound [VALID_REFERENCE]. "
      + "Bind it to a pipeline workspace of domain 'cache' ('cache-a', 'cache-b') in the task's addTask(...) options: workspaces: { 'go-cache': 'cache-a' }."],
    ['none of its domain', [],
      "SecurePipeline 'test/p' task 'unit': workspaces \"go-cache\" is required by the task but not bound [VALID_REFERENCE]. "
      + "Bind it to a pipeline workspace of domain 'cache', which the pipeline does not declare: add { name: 'go-cache', domain: TrustDomain.CACHE } to the SecurePipeline's workspaces, "
      + "and workspaces: { 'go-cache': 'go-cache' } to the task's addTask(...) options."],
  ])('refused: an unbound task workspace, %s', (_, caches, message) => {
    const c = chart();
    const unit = new SecureTask(c, 'unit', { workspaces: [{ name: 'go-cache', domain: TrustDomain.CACHE }], steps: [step()] });
    const p = new SecurePipeline(c, 'p', { workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }, ...caches.map((name) => ({ name, domain: TrustDomain.CACHE }))] });
    p.addTask({ task: unit });
    expect(() => Testing.synth(c)).toThrow(message);
  });

  test('refused: an unbound credentials workspace is bound to the workspace of its own credential, not to another credential\'s', () => {
    const c = chart();
    const push = new SecureTask(c, 'push', { trusted: true, workspaces: [{ name: 'dockerconfig', domain: TrustDomain.CREDENTIALS }], steps: [step()] });
    const p = new SecurePipeline(c, 'p', { workspaces: [{ name: 'git-credentials', domain: TrustDomain.CREDENTIALS }] });
    p.addTask({ task: push });
    expect(() => Testing.synth(c)).toThrow(
      "SecurePipeline 'test/p' task 'push': workspaces \"dockerconfig\" is required by the task but not bound [VALID_REFERENCE]. "
      + "Bind it to the pipeline workspace that holds this credential: add { name: 'dockerconfig', domain: TrustDomain.CREDENTIALS } to the SecurePipeline's "
      + "workspaces, and workspaces: { dockerconfig: 'dockerconfig' } to the task's addTask(...) options (or, if 'git-credentials' holds it, "
      + "workspaces: { dockerconfig: 'git-credentials' }).",
    );
  });

  test('duplicate task names refused when added', () => {
    const f = fixture();
    f.pipeline.addTask({ task: f.clone, parameters: { url: 'x' }, workspaces: { source: 'source' } });
    expect(() => f.pipeline.addTask({ task: f.build, name: 'clone', workspaces: { source: 'source' } })).toThrow(
      "SecurePipeline 'test/ci': tasks \"clone\" is declared twice [VALID_DAG]. Give each one a distinct name.",
    );
  });

  test('invalid pipeline task name refused when added', () => {
    const f = fixture();
    const options: PipelineTaskOptions = { task: f.clone, name: 'Clone_Repo', parameters: { url: 'x' }, workspaces: { source: 'source' } };
    expect(() => f.pipeline.addTask(options)).toThrow(
      "SecurePipeline 'test/ci': tasks \"Clone_Repo\" is not a DNS-1123 label [VALID_NAME]. Use at most 63 lower-case letters, digits and \"-\", starting and ending with a letter or digit.",
    );
  });

  test('invalid pipeline name', () => {
    expect(() => new SecurePipeline(chart(), 'CI')).toThrow(
      "SecurePipeline 'test/CI': name \"CI\" is not a DNS-1123 label (the name defaults to the construct id) [VALID_NAME]. Give the construct a name (name: 'ci') or a lower-case id: at most 63 lower-case letters, digits and \"-\", starting and ending with a letter or digit.",
    );
  });

  test('a default ServiceAccount name longer than 63 characters', () => {
    const name = 'p'.repeat(60);
    expect(() => new SecurePipeline(chart(), name)).toThrow(
      `SecurePipeline 'test/${name}': serviceAccountName "${name}-runner" is longer than 63 characters (the default: the pipeline's name and "-runner") [VALID_NAME]. `
      + 'Give the ServiceAccount a name of at most 63 characters (serviceAccountName: \'<name>\'), or the pipeline a shorter one.',
    );
    expect(new SecurePipeline(chart(), name, { serviceAccountName: 'runner' }).serviceAccountName).toBe('runner');
  });

  test('duplicate pipeline workspace', () => {
    expect(() => new SecurePipeline(chart(), 'ci', {
      workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }, { name: 'source', domain: TrustDomain.OUTPUT }],
    })).toThrow("SecurePipeline 'test/ci': workspaces \"source\" is declared twice [VALID_NAME]. Give each one a distinct name.");
  });

  test('relaxation reason too short on a pipeline', () => {
    expect(() => new SecurePipeline(chart(), 'ci', { relaxations: [{ rule: RuleId.RUN_TIMEOUT, reason: ' short  ' }] })).toThrow(
      "SecurePipeline 'test/ci': relaxations[0].reason \" short  \" has fewer than 10 visible characters [RELAXATION_REASON]. Say why the rule cannot hold here, e.g. reason: 'kaniko unpacks the base image as root'; the reason is written into the YAML and the posture report.",
    );
  });

  test('nothing is written when synth fails', () => {
    const f = fixture();
    f.pipeline.addTask({ task: f.clone, parameters: { url: 'x' }, workspaces: { source: 'source' }, runAfter: ['nope'] });
    const app = f.c.node.scope as any;
    expect(() => app.synth()).toThrow(/\[VALID_DAG\]/);
    expect(fs.existsSync(app.outdir) ? fs.readdirSync(app.outdir) : []).toEqual([]);
  });
});

describe('SecurePipeline API grants on Secrets', () => {
  test('a grant that reads Secrets goes to trusted tasks only: its pod mounts the token', () => {
    const grant = (trusted: boolean, resource: string) => () => {
      const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
      const task = new SecureTask(c, 'build', { trusted, steps: [step({ script: '#!/bin/sh\nmake\n' })] });
      const build = new SecurePipeline(c, 'ci').addTask({ task });
      build.grantApi({ resource, verbs: [ApiVerb.GET], resourceNames: ['registry-creds'] });
      build.allowEgressTo(EgressPeer.cidr('10.96.0.1/32'), [EgressPort.tcp(443)]);
      Testing.synth(c);
    };
    expect(grant(false, 'secrets')).toThrow(
      "SecurePipeline 'test/ci' task 'build': grantApi \"secrets registry-creds (get)\" lets task 'build', which is not marked trusted, read Secrets through the API: "
      + 'its pod mounts the ServiceAccount token, so the code it runs can fetch them [CREDENTIALS_TRUSTED_TASK]. Grant it to a task that runs no user code '
      + '(trusted: true in its SecureTask props), or give the Secret to such a task as a credentials workspace.',
    );
    expect(grant(true, 'secrets')).not.toThrow();
    expect(grant(false, 'configmaps')).not.toThrow();
  });

  test('a grant RBAC never matches is refused where it is given, in the terms of the pipeline task', () => {
    const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
    const build = new SecurePipeline(c, 'ci').addTask({ task: new SecureTask(c, 'build', { steps: [step()] }) });
    expect(() => build.grantApi({ resource: 'Secrets', verbs: [ApiVerb.GET], resourceNames: ['registry-creds'] })).toThrow(
      "SecurePipeline 'test/ci' task 'build': grantApi().resource \"Secrets\" matches no request the API server authorizes: the Role is admitted, but every call of "
      + 'the task it is meant for is refused (403 Forbidden) [VALID_SPEC]. Give the resource as kubectl api-resources names it: lower case and plural, with a '
      + "subresource after '/', e.g. resource: 'configmaps' or 'deployments/scale'.",
    );
    expect(build.apiGrants).toEqual([]);
  });
});

describe('SecurePipeline API grants need egress to the API server', () => {
  const grant = { resource: 'configmaps', verbs: [ApiVerb.GET, ApiVerb.UPDATE], resourceNames: ['web-release'] };
  function pipelineWith(options: { hermetic?: boolean } = {}) {
    const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
    const task = new SecureTask(c, 'release', { steps: [step()] });
    const p = new SecurePipeline(c, 'ci');
    return { c, p, release: p.addTask({ task, ...options }) };
  }
  const FIX = "Give the task egress to the API server's endpoints (kubectl get endpoints kubernetes): "
    + "allowEgressTo(EgressPeer.cidr('<API server address>/32'), [EgressPort.tcp(443)]) on the PipelineTask addTask returned (the port is often 6443 on a self-managed cluster).";

  test('a grant to a task whose egress reaches nothing but DNS is refused: the token it mounts reaches no API server', () => {
    const { c, release } = pipelineWith();
    release.grantApi(grant);
    expect(() => Testing.synth(c)).toThrow(
      "SecurePipeline 'test/ci' task 'release': grantApi \"configmaps web-release (get, update)\" mounts the ServiceAccount token in this task's pod, "
      + 'but allowEgressTo is not called for this pipeline task (nor egress.allow for its pipeline), so its pod reaches nothing but DNS, not the API server [VALID_SPEC]. '
      + FIX,
    );
  });

  test('a hermetic task is told to drop hermetic', () => {
    const { c, release } = pipelineWith({ hermetic: true });
    release.grantApi(grant);
    expect(() => Testing.synth(c)).toThrow(
      "SecurePipeline 'test/ci' task 'release': grantApi \"configmaps web-release (get, update)\" mounts the ServiceAccount token in this task's pod, "
      + 'but hermetic: true gives the pod no egress, not even to the API server [VALID_SPEC]. '
      + "Remove hermetic: true from this task's addTask(...) options, and give it egress to the API server's endpoints (kubectl get endpoints kubernetes): "
      + "allowEgressTo(EgressPeer.cidr('<API server address>/32'), [EgressPort.tcp(443)]) on the PipelineTask addTask returned (the port is often 6443 on a self-managed cluster).",
    );
  });

  test('egress on UDP alone reaches no API server either', () => {
    const { c, release } = pipelineWith();
    release.grantApi(grant);
    release.allowEgressTo(EgressPeer.cidr('10.0.0.10/32'), [EgressPort.udp(8125)]);
    expect(() => Testing.synth(c)).toThrow(
      "SecurePipeline 'test/ci' task 'release': grantApi \"configmaps web-release (get, update)\" mounts the ServiceAccount token in this task's pod, "
      + 'but its egress, allowEgressTo "EgressPort.udp(8125)", reaches no TCP port, not the API server [VALID_SPEC]. '
      + FIX,
    );
  });

  test('egress on a TCP port, the task\'s own or the pipeline\'s, is accepted: the API server\'s address is only known at run time', () => {
    const own = pipelineWith();
    own.release.grantApi(grant);
    own.release.allowEgressTo(EgressPeer.cidr('10.96.0.1/32'), [EgressPort.tcp(443)]);
    const policies = Testing.synth(own.c).filter((o: any) => o.kind === 'NetworkPolicy');
    expect(policies.flatMap((o: any) => o.spec.egress ?? []).flatMap((e: any) => e.to ?? []).filter((t: any) => t.ipBlock)).toEqual([{ ipBlock: { cidr: '10.96.0.1/32' } }]);
    const wide = pipelineWith();
    wide.release.grantApi(grant);
    wide.p.egress.allow(EgressPeer.cidr('10.96.0.1/32'), [EgressPort.tcp(6443)]);
    expect(() => Testing.synth(wide.c)).not.toThrow();
  });
});

describe('SecurePipeline taskRef: only to the Task the app writes under that name, in the pipeline\'s namespace', () => {
  test('a SecureTask whose Task is written in another namespace is refused: the taskRef would run whatever the pipeline\'s namespace holds', () => {
    const app = Testing.app();
    const tools = new Chart(app, 'tools', { namespace: 'tools' });
    const c = new Chart(app, 'test', { namespace: 'ci' });
    new SecurePipeline(c, 'ci').addTask({ task: new SecureTask(tools, 'lint', { steps: [step()] }) });
    expect(messageOf(() => app.synth())).toBe(
      "SecurePipeline 'test/ci' task 'lint': task \"lint\" runs Task 'lint' of SecureTask 'tools/lint', but its Task is written in namespace 'tools', the pipeline "
      + "in 'ci': the taskRef runs whatever Task 'lint' the run's namespace 'ci' holds when the run starts, unchecked [VALID_REFERENCE]. Create SecureTask "
      + "'tools/lint' in a chart of the pipeline's namespace: a Chart whose namespace prop is 'ci'.",
    );
  });
});

describe('SecurePipeline addTask options are read once, when the task is added', () => {
  const UNWRITTEN = "SecurePipeline 'test/ci' task 'push': task \"push\" runs Task 'push' of SecureTask 'tools/push', but its Task is written in namespace 'tools', "
    + "the pipeline in 'ci': the taskRef runs whatever Task 'push' the run's namespace 'ci' holds when the run starts, unchecked [VALID_REFERENCE]. "
    + "Create SecureTask 'tools/push' in a chart of the pipeline's namespace: a Chart whose namespace prop is 'ci'.";
  function added(options: (task: SecureTask) => PipelineTaskOptions) {
    const app = Testing.app();
    const tools = new Chart(app, 'tools', { namespace: 'tools' });
    const c = new Chart(app, 'test', { namespace: 'ci' });
    const push = new SecureTask(tools, 'push', { trusted: true, workspaces: [{ name: 'creds', domain: TrustDomain.CREDENTIALS, optional: true }], steps: [step()] });
    const pipeline = new SecurePipeline(c, 'ci', { workspaces: [{ name: 'creds', domain: TrustDomain.CREDENTIALS }] });
    pipeline.addTask(options(push));
    return { app, pipeline };
  }

  test('a getter that answers otherwise on each read: what is checked is what is written', () => {
    // a credentials binding shown to the check that leaves trusted tasks bound to credentials to the trust rules, and to nothing else
    const { app } = added((task) => {
      const options: any = { task };
      Object.defineProperty(options, 'workspaces', { enumerable: true, get: () => (new Error().stack!.includes('unwrittenTaskProblems') ? { creds: 'creds' } : undefined) });
      return options;
    });
    expect(messageOf(() => app.synth())).toBe(UNWRITTEN);
  });

  test('a change of the options after addTask changes neither what is checked nor what is written', () => {
    let options: any;
    const { app, pipeline } = added((task) => (options = { task, workspaces: {} }));
    options.workspaces.creds = 'creds';
    options.params = { x: 'y' };
    expect(messageOf(() => app.synth())).toBe(UNWRITTEN);
    expect(pipeline.pipelineTasks[0]._options.workspaces).toEqual({});
  });
});

describe('timeouts Tekton runs with: whole seconds, at least one', () => {
  test('a zero or fractional timeout of a pipeline, a pipeline task, a run or a step is refused in the words of its prop', () => {
    const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
    expect(() => new SecurePipeline(c, 'zero', { timeout: Duration.seconds(0) })).toThrow(
      "SecurePipeline 'test/zero': timeout \"0h0m0s\" is shorter than one second (Tekton reads zero as no timeout) [VALID_SPEC]. "
      + 'Give the pipeline a whole number of seconds, at least one, e.g. timeout: Duration.hours(1) (the default).',
    );
    expect(() => new SecurePipeline(c, 'millis', { timeout: Duration.millis(1500) })).toThrow(
      "SecurePipeline 'test/millis': timeout \"1500 millis\" is not a whole number of seconds, which Tekton writes timeouts in [VALID_SPEC].",
    );
    const pipeline = new SecurePipeline(c, 'ci');
    const lint = new SecureTask(c, 'lint', { steps: [step()] });
    expect(() => pipeline.addTask({ task: lint, timeout: Duration.seconds(0) })).toThrow(
      "SecurePipeline 'test/ci' task 'lint': timeout \"0h0m0s\" is shorter than one second (Tekton reads zero as no timeout) [VALID_SPEC]. "
      + "Give the task a whole number of seconds, at least one, e.g. timeout: Duration.minutes(30), or leave it out for the pipeline's.",
    );
    pipeline.addTask({ task: lint });
    expect(() => new SecurePipelineRun(c, 'run', { pipeline, timeout: Duration.millis(500) })).toThrow(
      "SecurePipelineRun 'test/run': timeout \"500 millis\" is shorter than one second (Tekton reads zero as no timeout) [VALID_SPEC]. "
      + "Give the run a whole number of seconds, at least one, e.g. timeout: Duration.hours(1), or leave it out for the pipeline's.",
    );
    expect(() => new SecureTask(c, 'slow', { steps: [step({ timeout: Duration.millis(90500) })] })).toThrow(
      "SecureTask 'test/slow' step 'run': timeout \"90500 millis\" is not a whole number of seconds, which Tekton writes timeouts in [VALID_SPEC].",
    );
  });
});

describe('SecurePipeline when expressions on workspaces', () => {
  test('$(workspaces.<name>.bound) of a workspace the pipeline does not declare is refused: it would stay text, never "true"', () => {
    const c = chart();
    const p = new SecurePipeline(c, 'ci', { workspaces: [{ name: 'cache', domain: TrustDomain.CACHE, optional: true }] });
    p.addTask({ task: new SecureTask(c, 'lint', { steps: [step()] }), when: [{ input: '$(workspaces.cahce.bound)', whenOperator: WhenOperator.IN, values: ['true'] }] });
    expect(messageOf(() => Testing.synth(c))).toBe(
      "SecurePipeline 'test/ci' task 'lint': when[0].input \"$(workspaces.cahce.bound)\" references workspace 'cahce', which the pipeline does not declare: "
      + 'Tekton leaves it as text, so it is never "true" [VALID_REFERENCE]. Reference a pipeline workspace (cache), or declare \'cahce\' (optional: true) '
      + "in the pipeline's workspaces.",
    );
  });
});

describe('SecurePipeline finally tasks', () => {
  test('are written under finally and may use results of regular tasks', () => {
    const f = fixture();
    const clone = f.pipeline.addTask({ task: f.clone, parameters: { url: 'x' }, workspaces: { source: 'source' } });
    const report = f.pipeline.addFinally({ task: f.build, name: 'report', parameters: { commit: clone.result('commit') }, workspaces: { source: 'source' } });
    const manifest = only(f.c, 'Pipeline');
    expect(report.isFinally).toBe(true);
    expect(manifest.spec.tasks.map((t: any) => t.name)).toEqual(['clone']);
    expect(manifest.spec.finally).toEqual([{
      name: 'report',
      taskRef: { kind: 'Task', name: 'build' },
      params: [{ name: 'commit', value: '$(tasks.clone.results.commit)' }],
      workspaces: [{ name: 'source', workspace: 'source' }],
    }]);
  });

  test('runAfter on a finally task is refused', () => {
    const f = fixture();
    f.pipeline.addTask({ task: f.clone, parameters: { url: 'x' }, workspaces: { source: 'source' } });
    expect(() => f.pipeline.addFinally({ task: f.build, runAfter: ['clone'], workspaces: { source: 'source' } })).toThrow(
      "SecurePipeline 'test/ci' task 'build': runAfter \"clone\" is set on a finally task [VALID_DAG]. Finally tasks run after all other tasks; remove runAfter.",
    );
  });

  test('a task cannot run after a finally task', () => {
    const f = fixture();
    f.pipeline.addFinally({ task: f.build, name: 'report', workspaces: { source: 'source' } });
    f.pipeline.addTask({ task: f.clone, parameters: { url: 'x' }, workspaces: { source: 'source' }, runAfter: ['report'] });
    expect(() => only(f.c, 'Pipeline')).toThrow(
      "SecurePipeline 'test/ci' task 'clone': runAfter \"report\" names a finally task [VALID_DAG]. Finally tasks run after all other tasks; nothing can run after one.",
    );
  });

  test('a task cannot use the result of a finally task', () => {
    const f = fixture();
    const fin = f.pipeline.addFinally({ task: f.clone, parameters: { url: 'x' }, workspaces: { source: 'source' } });
    f.pipeline.addTask({ task: f.build, parameters: { commit: fin.result('commit') }, workspaces: { source: 'source' } });
    expect(() => only(f.c, 'Pipeline')).toThrow(
      "SecurePipeline 'test/ci' task 'build': parameters.commit \"$(tasks.clone.results.commit)\" references a result of finally task 'clone' [VALID_DAG]. Finally tasks run last: only use their results in the pipeline results, not in other tasks.",
    );
  });

  test('a credentials workspace in a finally task still needs a trusted task', () => {
    const f = fixture();
    f.pipeline.addFinally({ task: f.clone, parameters: { url: 'x' }, workspaces: { source: 'creds' } });
    expect(() => only(f.c, 'Pipeline')).toThrow(/\[CREDENTIALS_TRUSTED_TASK\]/);
  });
});

describe('SecurePipeline trust: only in the Task the app writes under that name, in the pipeline\'s namespace', () => {
  /** A trusted SecureTask `push` (in the chart `where` gives) bound to the credentials workspace of pipeline `ci` in namespace `ci`. */
  function trusted(where: (app: App, c: Chart) => Chart, patch?: (t: SecureTask) => void) {
    const app = Testing.app();
    const c = new Chart(app, 'test', { namespace: 'ci' });
    const push = new SecureTask(where(app, c), 'push', { trusted: true, workspaces: [{ name: 'creds', domain: TrustDomain.CREDENTIALS }], steps: [step()] });
    patch?.(push);
    const pipeline = new SecurePipeline(c, 'ci', { workspaces: [{ name: 'creds', domain: TrustDomain.CREDENTIALS }] });
    pipeline.addTask({ task: push, workspaces: { creds: 'creds' } });
    return () => Testing.synth(c);
  }
  const refused = (owner: string, why: string, fix: string) => 'SecurePipeline \'test/ci\' task \'push\': workspaces.creds "creds" is a credentials workspace bound to Task \'push\', '
    + `which SecureTask '${owner}' marks trusted, but ${why}: the taskRef runs whatever Task 'push' the run's namespace 'ci' holds when the run starts `
    + `[CREDENTIALS_TRUSTED_TASK]. ${fix}`;

  test.each<[string, (app: App, c: Chart) => Chart, ((t: SecureTask) => void) | undefined, string]>([
    ['in a chart of another namespace', (app) => new Chart(app, 'tools', { namespace: 'tools' }), undefined, refused('tools/push',
      "its Task is written in namespace 'tools', the pipeline in 'ci'",
      "Create SecureTask 'tools/push' in a chart of the pipeline's namespace: a Chart whose namespace prop is 'ci'.")],
    ['in a chart without a namespace', (app) => new Chart(app, 'tools'), undefined, refused('tools/push',
      "its Task is written in namespace '(none)', the pipeline in 'ci'",
      "Create SecureTask 'tools/push' in a chart of the pipeline's namespace: a Chart whose namespace prop is 'ci'.")],
    ['in another App', () => new Chart(Testing.app(), 'tools', { namespace: 'ci' }), undefined, refused('tools/push',
      'that SecureTask is in another App, so this app writes no such Task',
      "Create SecureTask 'tools/push' in this app, in a chart of the pipeline's namespace (a Chart whose namespace prop is 'ci'), so that synth writes and checks its Task.")],
    ['renamed by a patch', (_, c) => c, (t) => t.apiObject.addJsonPatch(JsonPatch.replace('/metadata/name', 'push-v2')), refused('test/push',
      'its Task is written as "push-v2" (a patch of metadata.name)',
      "Remove the patch of metadata.name from the apiObject of SecureTask 'test/push'; to name the Task, give the SecureTask its name prop (name: 'push').")],
    ['moved to another namespace by a patch', (_, c) => c, (t) => t.apiObject.addJsonPatch(JsonPatch.replace('/metadata/namespace', 'tools')), refused('test/push',
      "its Task is written in namespace 'tools', the pipeline in 'ci'",
      "Remove the patch of metadata.namespace from the apiObject of SecureTask 'test/push'.")],
    ['taken out of the app', (_, c) => c, (t) => t.node.tryRemoveChild('Resource'), refused('test/push',
      'its Task was taken out of the app, so the app writes no such Task',
      "Keep the Task of SecureTask 'test/push' in the app (remove no construct on its path), or bind the credentials to a task whose Task the app writes.")],
  ])('%s: refused', (_, where, patch, message) => {
    expect(messageOf(trusted(where, patch))).toBe(message);
  });

  test('another Task of that name written without a namespace, which kubectl may apply over it: refused', () => {
    const write = trusted((_, c) => {
      new ApiObject(new Chart(c.node.root as App, 'other'), 'push', { apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: 'push' }, spec: { steps: [] } });
      return c;
    });
    // UNIQUE_OBJECTS finds the two objects of one identity as well, each from its side
    const unique = (where: string, other: string) => `${where}: metadata.name "push" may be the identity of Task/${other}/push (API group tekton.dev) too, `
      + 'checked together: an object without metadata.namespace is applied to the namespace of the kubectl context, which may be the other\'s; the API '
      + 'server then keeps one, and kubectl apply the last one applied [UNIQUE_OBJECTS]. Give every object its metadata.namespace, or each object its own name.';
    expect(messageOf(write)).toBe([
      '3 findings; nothing was written:',
      `  ${unique("Task 'other/push' 'push'", 'ci')}`,
      `  ${refused('test/push',
        "the app also writes Task 'push' without a namespace (other/push), which kubectl applies to the namespace of its context: it may replace this one in 'ci'",
        "Give other/push a namespace (its chart's namespace prop) other than 'ci', or another name.")}`,
      `  ${unique("SecureTask 'test/push'", '(no namespace)')}`,
    ].join('\n'));
  });

  test('another Task of that name written with an empty namespace, which the API server reads as none: refused', () => {
    const write = trusted((_, c) => {
      new ApiObject(c, 'raw', { apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: 'push', namespace: '' }, spec: { steps: [] } });
      return c;
    });
    expect(messageOf(write)).toContain("but the app also writes Task 'push' without a namespace (test/raw), which kubectl applies to the namespace of its context");
  });

  test('a pipeline without a namespace, and another Task of that name written in one: refused', () => {
    const app = Testing.app();
    const c = new Chart(app, 'test');
    const push = new SecureTask(c, 'push', { trusted: true, workspaces: [{ name: 'creds', domain: TrustDomain.CREDENTIALS }], steps: [step()] });
    new SecureTask(new Chart(app, 'tools', { namespace: 'tools' }), 'push', { steps: [step()] });
    const pipeline = new SecurePipeline(c, 'ci', { workspaces: [{ name: 'creds', domain: TrustDomain.CREDENTIALS }] });
    pipeline.addTask({ task: push, workspaces: { creds: 'creds' } });
    const unique = (where: string, other: string) => `${where}: metadata.name "push" may be the identity of Task/${other}/push (API group tekton.dev) too, `
      + 'checked together: an object without metadata.namespace is applied to the namespace of the kubectl context, which may be the other\'s; the API '
      + 'server then keeps one, and kubectl apply the last one applied [UNIQUE_OBJECTS]. Give every object its metadata.namespace, or each object its own name.';
    expect(messageOf(() => Testing.synth(c))).toBe([
      '3 findings; nothing was written:',
      '  SecurePipeline \'test/ci\' task \'push\': workspaces.creds "creds" is a credentials workspace bound to Task \'push\', '
      + "which SecureTask 'test/push' marks trusted, but it is written without a namespace, and the app also writes Task 'push' in 'tools' (tools/push): "
      + "kubectl applies this one to the namespace of its context, which may be that one: the taskRef runs whatever Task 'push' the run's namespace holds when the run starts "
      + "[CREDENTIALS_TRUSTED_TASK]. Give the pipeline and SecureTask 'test/push' a namespace (their chart's namespace prop), "
      + 'or give tools/push another name.',
      `  ${unique("SecureTask 'test/push'", 'tools')}`,
      `  ${unique("SecureTask 'tools/push'", '(no namespace)')}`,
    ].join('\n'));
  });

  test('a task built on SecureTask whose taskReference names another Task than the one it writes: the trust does not follow the reference', () => {
    class Elsewhere extends SecureTask {
      public get taskReference() {
        return { kind: 'Task', name: 'not-written' };
      }
    }
    const c = chart();
    const push = new Elsewhere(c, 'push', { trusted: true, workspaces: [{ name: 'creds', domain: TrustDomain.CREDENTIALS }], steps: [step()] });
    const pipeline = new SecurePipeline(c, 'ci', { workspaces: [{ name: 'creds', domain: TrustDomain.CREDENTIALS }] });
    pipeline.addTask({ task: push, workspaces: { creds: 'creds' } });
    expect(messageOf(() => Testing.synth(c)).split('\n')).toEqual([
      '2 findings; nothing was written:',
      "  SecurePipeline 'test/ci' task 'push': taskRef.name \"not-written\" names Task 'not-written', which the app does not write without a namespace "
      + "(not 'push', which addTask referred to: an escape-hatch patch or a taskReference of its own changed it): the taskRef runs whatever Task 'not-written' "
      + "the run's namespace holds when the run starts, unchecked [VALID_REFERENCE]. Run a Task the app writes and checks: pipeline.addTask({ task: secureTask }), "
      + 'without a patch of taskRef, or fetch it with a RemoteTask, whose content synth checks.',
      "  SecurePipeline 'test/ci' task 'push': workspaces.creds \"creds\" is a credentials workspace bound to a task "
      + 'not marked trusted [CREDENTIALS_TRUSTED_TASK]. Bind credentials only to a task that runs no user code (trusted: true in its SecureTask props), '
      + 'or move the step that needs them into a task of its own.',
    ]);
  });

  test('another Task of that name in another namespace: trusted', () => {
    const objects = trusted((app, c) => {
      new SecureTask(new Chart(app, 'tools', { namespace: 'tools' }), 'push', { steps: [step()] });
      return c;
    })();
    expect(relaxationsOf(objects.find((o: any) => o.kind === 'Pipeline'))['secure-tekton/relax.CREDENTIALS_TRUSTED_TASK']).toMatch(/^task\/push: /);
  });

  test('written in the pipeline\'s namespace, from another chart: trusted', () => {
    const objects = trusted((app) => new Chart(app, 'tools', { namespace: 'ci' }))();
    expect(relaxationsOf(objects.find((o: any) => o.kind === 'Pipeline'))).toEqual({
      'secure-tekton/relax.CREDENTIALS_TRUSTED_TASK': "task/push: runs Task 'push', which SecureTask 'tools/push' marks trusted: it may receive credentials workspaces",
    });
  });
});

describe('SecurePipeline: Chains type hints come from trusted tasks only (Chains signs and attests what the result names)', () => {
  const relax = (task: string) => `; or relax the rule for that pipeline task in the SecurePipeline's props: relaxations: [{ rule: RuleId.CREDENTIALS_TRUSTED_TASK, target: RelaxationTarget.task('${task}'), reason: '<why>' }].`;
  const taskRefused = (result: string, hint: string) => `SecurePipeline 'test/ci' task 'build': results "${result}" of SecureTask 'test/build', which is not marked trusted, is a type hint Chains reads as ${hint}: `
    + "the code the task runs writes it, so that code chooses what the cluster's Chains signs and attests [CREDENTIALS_TRUSTED_TASK]. "
    + "Rename the result in the props of SecureTask 'test/build' (as ContainerBuild names its result 'digest') and publish from a task that runs no user code (ImagePush), "
    + `or mark the task trusted (trusted: true) only if it runs no repository code${relax('build')}`;
  const image = (prefix: string) => `part of the image ${prefix}IMAGE_URL@${prefix}IMAGE_DIGEST, which Chains signs and names as the subject of the provenance`;
  const SOURCE = 'a source Chains records as a material of the provenance';
  const ARTIFACT = 'an artifact Chains names as a subject of the provenance';
  const ARTIFACT_SOURCE = "a SecureTask marked trusted (trusted: true) that writes the artifact's uri and digest itself and runs no repository code";

  test.each([
    ['IMAGE_URL', image('')],
    ['IMAGE_DIGEST', image('')],
    ['APP_IMAGE_DIGEST', image('APP_')],
    ['FOOIMAGE_URL', image('FOO')],
    ['IMAGES', 'the list of images Chains signs and names as subjects of the provenance'],
    ['X_ARTIFACT_URI', 'an artifact Chains names as a subject of the provenance'],
    ['X_ARTIFACT_DIGEST', 'an artifact Chains names as a subject of the provenance'],
    ['ARTIFACT_OUTPUTS', 'an artifact Chains names as a subject of the provenance'],
    ['SBOM_ARTIFACT_INPUTS', 'a source Chains records as a material of the provenance'],
    ['CHAINS-GIT_COMMIT', 'a source Chains records as a material of the provenance'],
  ])('a task not marked trusted that declares %s: refused', (result, hint) => {
    const c = chart();
    const build = new SecureTask(c, 'build', { results: [{ name: result }], steps: [step()] });
    new SecurePipeline(c, 'ci').addTask({ task: build });
    expect(messageOf(() => Testing.synth(c))).toBe(taskRefused(result, hint));
  });

  test.each(['image_url', 'IMAGE_URLS', 'digest', 'IMAGE', 'CHAINS-GIT_URL2'])('a result Chains does not read (%s): passes', (result) => {
    const c = chart();
    const build = new SecureTask(c, 'build', { results: [{ name: result }], steps: [step()] });
    new SecurePipeline(c, 'ci').addTask({ task: build });
    expect(only(c, 'Pipeline').spec.tasks[0].name).toBe('build');
  });

  test('a trusted task that declares them, and a pipeline result made of them: passes', () => {
    const c = chart();
    const push = new SecureTask(c, 'push', { trusted: true, results: [{ name: 'IMAGE_URL' }, { name: 'IMAGE_DIGEST' }], steps: [step()] });
    const pipeline = new SecurePipeline(c, 'ci');
    const p = pipeline.addTask({ task: push });
    pipeline.addResult({ name: 'IMAGE_URL', value: p.result('IMAGE_URL') });
    pipeline.addResult({ name: 'IMAGE_DIGEST', value: p.result('IMAGE_DIGEST') });
    expect(only(c, 'Pipeline').spec.results.map((r: any) => r.name)).toEqual(['IMAGE_URL', 'IMAGE_DIGEST']);
  });

  test('a pipeline result of a type-hint name made of a result of a task not marked trusted: refused', () => {
    const c = chart();
    const build = new SecureTask(c, 'build', { results: [{ name: 'digest' }], steps: [step()] });
    const pipeline = new SecurePipeline(c, 'ci');
    const b = pipeline.addTask({ task: build });
    pipeline.addResult({ name: 'APP_IMAGE_DIGEST', value: b.result('digest') });
    pipeline.addResult({ name: 'digest', value: b.result('digest') });
    expect(messageOf(() => Testing.synth(c))).toBe("SecurePipeline 'test/ci': results.APP_IMAGE_DIGEST \"$(tasks.build.results.digest)\" is a result of pipeline task 'build' "
      + "(SecureTask 'test/build', which is not marked trusted), and Chains reads pipeline result 'APP_IMAGE_DIGEST' as " + image('APP_')
      + ": the code that task runs chooses what the cluster's Chains signs and attests [CREDENTIALS_TRUSTED_TASK]. Make 'APP_IMAGE_DIGEST' of results of a task that runs "
      + `no user code (ImagePush's IMAGE_DIGEST), or give the pipeline result another name${relax('build')}`);
  });

  test.each([
    ['IMAGES', "ImagePush's IMAGE_URL and IMAGE_DIGEST, as $(tasks.<push>.results.IMAGE_URL)@$(tasks.<push>.results.IMAGE_DIGEST)",
      'the list of images Chains signs and names as subjects of the provenance'],
    ['APP_IMAGE_URL', "ImagePush's IMAGE_URL", image('APP_')],
    ['CHAINS-GIT_URL', "GitClone's url", SOURCE],
    ['CHAINS-GIT_COMMIT', "GitClone's commit", SOURCE],
    ['APP_ARTIFACT_URI', ARTIFACT_SOURCE, ARTIFACT],
    ['APP_ARTIFACT_DIGEST', ARTIFACT_SOURCE, ARTIFACT],
    ['APP_ARTIFACT_OUTPUTS', ARTIFACT_SOURCE, ARTIFACT],
    ['APP_ARTIFACT_INPUTS', ARTIFACT_SOURCE, SOURCE],
  ])('pipeline result %s made of a result of a task not marked trusted: the fix names the results it can be made of', (name, source, hint) => {
    const c = chart();
    const pipeline = new SecurePipeline(c, 'ci');
    const b = pipeline.addTask({ task: new SecureTask(c, 'build', { results: [{ name: 'digest' }], steps: [step()] }) });
    pipeline.addResult({ name, value: b.result('digest') });
    expect(messageOf(() => Testing.synth(c))).toBe(`SecurePipeline 'test/ci': results.${name} "$(tasks.build.results.digest)" is a result of pipeline task 'build' `
      + `(SecureTask 'test/build', which is not marked trusted), and Chains reads pipeline result '${name}' as ${hint}: the code that task runs chooses what the `
      + `cluster's Chains signs and attests [CREDENTIALS_TRUSTED_TASK]. Make '${name}' of results of a task that runs no user code (${source}), `
      + `or give the pipeline result another name${relax('build')}`);
  });

  test('relaxed for the pipeline task: passes, and the same relaxation of a task that declares none is refused as covering nothing', () => {
    const make = (results: string[]) => {
      const c = chart();
      const build = new SecureTask(c, 'build', { results: results.map((name) => ({ name })), steps: [step()] });
      new SecurePipeline(c, 'ci', {
        relaxations: [{ rule: RuleId.CREDENTIALS_TRUSTED_TASK, target: RelaxationTarget.task('build'), reason: 'this build publishes what it builds' }],
      }).addTask({ task: build });
      return c;
    };
    expect(only(make(['IMAGE_URL', 'IMAGE_DIGEST']), 'Pipeline').spec.tasks[0].name).toBe('build');
    expect(messageOf(() => Testing.synth(make(['digest'])))).toContain('relaxations[0].rule "CREDENTIALS_TRUSTED_TASK" covers nothing');
  });
});

describe('SecurePipeline: a task holding credentials takes no param from a task not marked trusted (its code would choose what the credential does)', () => {
  function release(given: Partial<PipelineTaskOptions>, trustedTest = false) {
    const c = chart();
    const test = new SecureTask(c, 'test', { trusted: trustedTest, results: [{ name: 'dest' }], steps: [step()] });
    const pipeline = new SecurePipeline(c, 'ci', {
      parameters: [{ name: 'image' }],
      workspaces: [{ name: 'image', domain: TrustDomain.OUTPUT }, { name: 'registry', domain: TrustDomain.CREDENTIALS }],
    });
    const t = pipeline.addTask({ task: test });
    const push = pipeline.addTask({ task: new ImagePush(c, 'image-push'), name: 'push', runAfter: [t], workspaces: { image: 'image', dockerconfig: 'registry' }, ...given });
    push.allowEgressTo(EgressPeer.cidr('203.0.113.0/24'), [EgressPort.tcp(443)]);
    return c;
  }
  const refused = (property: string, value: string, fix: string) => `SecurePipeline 'test/ci' task 'push': ${property} "${value}" is a result of pipeline task 'test' (SecureTask 'test/test', `
    + "which is not marked trusted), given to a task that holds credentials (workspaces.dockerconfig \"registry\"): the code 'test' runs chooses what the credentials do "
    + `[CREDENTIALS_TRUSTED_TASK]. Pass a pipeline param or a literal instead, or a result of a task marked trusted${fix}; or relax the rule for that pipeline task in the SecurePipeline's props: `
    + "relaxations: [{ rule: RuleId.CREDENTIALS_TRUSTED_TASK, target: RelaxationTarget.task('push'), reason: '<why>' }].";

  test('ImagePush\'s image given a result of an untrusted task: refused', () => {
    expect(messageOf(() => Testing.synth(release({ parameters: { image: 'ghcr.io/example/$(tasks.test.results.dest)' } }))))
      .toBe(refused('parameters.image', '$(tasks.test.results.dest)', " (parameters: { image: '$(params.<name>)' })"));
  });

  test('ImagePush\'s image fanned out over a result of an untrusted task: refused', () => {
    expect(messageOf(() => Testing.synth(release({ matrix: { parameters: { image: ['ghcr.io/example/app', '$(tasks.test.results.dest)'] } } }))))
      .toBe(refused('matrix.parameters.image[1]', '$(tasks.test.results.dest)', ''));
  });

  test.each<[string, Partial<PipelineTaskOptions>, boolean]>([
    ['a pipeline param', { parameters: { image: '$(params.image)' } }, false],
    ['a literal', { parameters: { image: 'ghcr.io/example/app' } }, false],
    ['a result of a trusted task', { parameters: { image: '$(tasks.test.results.dest)' } }, true],
  ])('ImagePush\'s image given %s: passes', (_, given, trustedTest) => {
    expect(only(release(given, trustedTest), 'Pipeline').spec.tasks[1].name).toBe('push');
  });
});

describe('SecurePipeline: what a task not marked trusted chose, carried on by a trusted task\'s results, is followed (its results may repeat a param)', () => {
  const RELAX = (task: string) => `; or relax the rule for that pipeline task in the SecurePipeline's props: relaxations: [{ rule: RuleId.CREDENTIALS_TRUSTED_TASK, target: RelaxationTarget.task('${task}'), reason: '<why>' }].`;
  /** test (not trusted) -> echo (trusted, no credentials) -> relay (trusted, no credentials) -> push (ImagePush, holds the registry credentials). */
  function release(options: { echoGiven?: string; relay?: boolean; pushGiven?: string; relaxations?: Relaxation[]; echoResults?: string[] } = {}) {
    const c = chart();
    const test = new SecureTask(c, 'test', { results: [{ name: 'dest' }], steps: [step()] });
    const echo = new SecureTask(c, 'echo', {
      trusted: true, parameters: [{ name: 'msg' }], results: (options.echoResults ?? ['out']).map((name) => ({ name })), steps: [step()],
    });
    const pipeline = new SecurePipeline(c, 'ci', {
      parameters: [{ name: 'image' }],
      workspaces: [{ name: 'image', domain: TrustDomain.OUTPUT }, { name: 'registry', domain: TrustDomain.CREDENTIALS }],
      relaxations: options.relaxations,
    });
    const t = pipeline.addTask({ task: test });
    const e = pipeline.addTask({ task: echo, runAfter: [t], parameters: { msg: options.echoGiven ?? '$(tasks.test.results.dest)' } });
    const last = options.relay ? pipeline.addTask({ task: echo, name: 'relay', runAfter: [e], parameters: { msg: '$(tasks.echo.results.out)' } }) : e;
    const push = pipeline.addTask({
      task: new ImagePush(c, 'image-push'),
      name: 'push',
      runAfter: [last],
      workspaces: { image: 'image', dockerconfig: 'registry' },
      parameters: { image: options.pushGiven ?? `ghcr.io/example/$(tasks.${last.name}.results.out)` },
    });
    push.allowEgressTo(EgressPeer.cidr('203.0.113.0/24'), [EgressPort.tcp(443)]);
    return { c, pipeline, echo: e, last };
  }

  test('a trusted task given a result of a task not marked trusted, its result given to a param of a task holding credentials: refused, naming the chain', () => {
    expect(messageOf(() => Testing.synth(release().c))).toBe(
      "SecurePipeline 'test/ci' task 'push': parameters.image \"$(tasks.echo.results.out)\" is a result of pipeline task 'echo' (SecureTask 'test/echo', marked trusted), "
      + "which is given a result of pipeline task 'test' (SecureTask 'test/test', which is not marked trusted): $(tasks.test.results.dest) → 'echo' parameters.msg → "
      + "$(tasks.echo.results.out) → 'push' parameters.image; a trusted task's result may repeat what a param gives it, so the code 'test' runs may choose what the "
      + "credentials (workspaces.dockerconfig \"registry\") of 'push' do [CREDENTIALS_TRUSTED_TASK]. Pass a pipeline param or a literal instead "
      + "(parameters: { image: '$(params.<name>)' }), or give 'echo' parameters.msg a pipeline param, a literal or a result of a task marked trusted" + RELAX('push'),
    );
  });

  test('through two trusted tasks: the chain names each, and the fix the first trusted task\'s param', () => {
    expect(messageOf(() => Testing.synth(release({ relay: true }).c))).toBe(
      "SecurePipeline 'test/ci' task 'push': parameters.image \"$(tasks.relay.results.out)\" is a result of pipeline task 'relay' (SecureTask 'test/echo', marked trusted), "
      + "which is given a result of pipeline task 'test' (SecureTask 'test/test', which is not marked trusted): $(tasks.test.results.dest) → 'echo' parameters.msg → "
      + "$(tasks.echo.results.out) → 'relay' parameters.msg → $(tasks.relay.results.out) → 'push' parameters.image; a trusted task's result may repeat what a param "
      + "gives it, so the code 'test' runs may choose what the credentials (workspaces.dockerconfig \"registry\") of 'push' do [CREDENTIALS_TRUSTED_TASK]. Pass a "
      + "pipeline param or a literal instead (parameters: { image: '$(params.<name>)' }), or give 'echo' parameters.msg a pipeline param, a literal or a result of a "
      + 'task marked trusted' + RELAX('push'),
    );
  });

  test.each([
    ["$(tasks.test.results['dest'])"],
    ['$(tasks.test.results["dest"])'],
    ["$(tasks.test.results['dest'][0])"],
    ['$(tasks.test.results["dest"][*])'],
    ["$(tasks.test.results['dest'][key])"],
  ])('the result in the bracket form %s, which Tekton replaces as the dot form: followed to the task holding credentials, and through a trusted task', (ref) => {
    expect(messageOf(() => Testing.synth(release({ echoGiven: 'app', pushGiven: `ghcr.io/example/${ref}` }).c))).toBe(
      `SecurePipeline 'test/ci' task 'push': parameters.image ${JSON.stringify(ref)} is a result of pipeline task 'test' (SecureTask 'test/test', which is not marked trusted), `
      + "given to a task that holds credentials (workspaces.dockerconfig \"registry\"): the code 'test' runs chooses what the credentials do [CREDENTIALS_TRUSTED_TASK]. "
      + "Pass a pipeline param or a literal instead, or a result of a task marked trusted (parameters: { image: '$(params.<name>)' })" + RELAX('push'),
    );
    expect(messageOf(() => Testing.synth(release({ echoGiven: ref }).c))).toBe(
      "SecurePipeline 'test/ci' task 'push': parameters.image \"$(tasks.echo.results.out)\" is a result of pipeline task 'echo' (SecureTask 'test/echo', marked trusted), "
      + `which is given a result of pipeline task 'test' (SecureTask 'test/test', which is not marked trusted): ${ref} → 'echo' parameters.msg → `
      + "$(tasks.echo.results.out) → 'push' parameters.image; a trusted task's result may repeat what a param gives it, so the code 'test' runs may choose what the "
      + "credentials (workspaces.dockerconfig \"registry\") of 'push' do [CREDENTIALS_TRUSTED_TASK]. Pass a pipeline param or a literal instead "
      + "(parameters: { image: '$(params.<name>)' }), or give 'echo' parameters.msg a pipeline param, a literal or a result of a task marked trusted" + RELAX('push'),
    );
  });

  test('a pipeline result of a type-hint name in the bracket form: refused as holding no task result, as Tekton v1.15 admission refuses it', () => {
    const { c, pipeline } = release({ pushGiven: '$(params.image)' });
    pipeline.addResult({ name: 'IMAGE_URL', value: "$(tasks.echo.results['out'])" });
    expect(messageOf(() => Testing.synth(c))).toBe(
      "SecurePipeline 'test/ci': results.IMAGE_URL \"$(tasks.echo.results['out'])\" holds no task result [VALID_REFERENCE]. Make it of task results: value: task.result('<result>').",
    );
  });

  test.each([
    ["$(tasks.test.results['dest')"],
    ["$(tasks.test.results['dest\"])"],
    ["$(tasks.test.results.['dest'])"],
    ["$(task.test.results['dest'])"],
  ])('a text that is no result reference (%s), given to the task holding credentials: passes', (ref) => {
    expect(only(release({ echoGiven: 'app', pushGiven: `ghcr.io/example/${ref}` }).c, 'Pipeline').spec.tasks.map((t: any) => t.name)).toEqual(['test', 'echo', 'push']);
  });

  test.each([
    ['the trusted task is given a pipeline param', { echoGiven: '$(params.image)' }],
    ['the trusted task is given a literal', { echoGiven: 'app' }],
    ['the task holding credentials is given a pipeline param', { pushGiven: '$(params.image)' }],
  ])('%s: passes', (_, options) => {
    expect(only(release(options).c, 'Pipeline').spec.tasks.map((t: any) => t.name)).toEqual(['test', 'echo', 'push']);
  });

  test('relaxed for the task holding credentials: passes, and the Pipeline records the relaxation (sealed) beside the trust record', () => {
    const reason = 'echo repeats a tag the tests choose from a fixed list';
    const { c } = release({ relaxations: [{ rule: RuleId.CREDENTIALS_TRUSTED_TASK, target: RelaxationTarget.task('push'), reason }] });
    const pipeline = only(c, 'Pipeline');
    expect(relaxationsOf(pipeline)['secure-tekton/relax.CREDENTIALS_TRUSTED_TASK'].split('\n')).toContain(`task/push: ${reason}`);
    expect(pipeline.metadata.annotations['secure-tekton/seal']).toBeDefined();
  });

  test('a pipeline result of a type-hint name made of the trusted task\'s result: refused, naming the chain', () => {
    const { c, pipeline, echo } = release({ pushGiven: '$(params.image)' });
    pipeline.addResult({ name: 'IMAGE_URL', value: echo.result('out') });
    expect(messageOf(() => Testing.synth(c))).toBe(
      "SecurePipeline 'test/ci': results.IMAGE_URL \"$(tasks.echo.results.out)\" is a result of pipeline task 'echo' (SecureTask 'test/echo', marked trusted), which is "
      + "given a result of pipeline task 'test' (SecureTask 'test/test', which is not marked trusted): $(tasks.test.results.dest) → 'echo' parameters.msg → "
      + "$(tasks.echo.results.out) → pipeline result 'IMAGE_URL'; a trusted task's result may repeat what a param gives it, and Chains reads pipeline result 'IMAGE_URL' as "
      + "part of the image IMAGE_URL@IMAGE_DIGEST, which Chains signs and names as the subject of the provenance, so the code 'test' runs may choose what the cluster's "
      + "Chains signs and attests [CREDENTIALS_TRUSTED_TASK]. Make 'IMAGE_URL' of results of a task that runs no user code (ImagePush's IMAGE_URL), or give "
      + "'echo' parameters.msg a pipeline param, a literal or a result of a task marked trusted, or give the pipeline result another name" + RELAX('echo'),
    );
  });

  test('a type-hint result of a trusted task given a result of a task not marked trusted: refused, naming the chain', () => {
    expect(messageOf(() => Testing.synth(release({ pushGiven: '$(params.image)', echoResults: ['out', 'APP_IMAGE_URL'] }).c))).toBe(
      "SecurePipeline 'test/ci' task 'echo': results \"APP_IMAGE_URL\" of SecureTask 'test/echo', marked trusted, is a type hint Chains reads as part of the image "
      + 'APP_IMAGE_URL@APP_IMAGE_DIGEST, which Chains signs and names as the subject of the provenance, and the task is given a result of pipeline task \'test\' '
      + "(SecureTask 'test/test', which is not marked trusted): $(tasks.test.results.dest) → 'echo' parameters.msg; a trusted task's result may repeat what a param "
      + "gives it, so the code 'test' runs may choose what the cluster's Chains signs and attests [CREDENTIALS_TRUSTED_TASK]. Give 'echo' parameters.msg a pipeline "
      + 'param, a literal or a result of a task marked trusted' + RELAX('echo'),
    );
  });
  test('a trusted finally task given the result, made a pipeline result of a type-hint name: refused, naming the chain', () => {
    const c = chart();
    const pipeline = new SecurePipeline(c, 'ci');
    pipeline.addTask({ task: new SecureTask(c, 'test', { results: [{ name: 'dest' }], steps: [step()] }) });
    const report = pipeline.addFinally({
      task: new SecureTask(c, 'report', { trusted: true, parameters: [{ name: 'msg' }], results: [{ name: 'out' }], steps: [step()] }),
      parameters: { msg: '$(tasks.test.results.dest)' },
    });
    pipeline.addResult({ name: 'CHAINS-GIT_COMMIT', value: `$(finally.${report.name}.results.out)` });
    expect(messageOf(() => Testing.synth(c))).toBe(
      "SecurePipeline 'test/ci': results.CHAINS-GIT_COMMIT \"$(finally.report.results.out)\" is a result of pipeline task 'report' (SecureTask 'test/report', marked trusted), "
      + "which is given a result of pipeline task 'test' (SecureTask 'test/test', which is not marked trusted): $(tasks.test.results.dest) → 'report' parameters.msg → "
      + "$(finally.report.results.out) → pipeline result 'CHAINS-GIT_COMMIT'; a trusted task's result may repeat what a param gives it, and Chains reads pipeline "
      + "result 'CHAINS-GIT_COMMIT' as a source Chains records as a material of the provenance, so the code 'test' runs may choose what the cluster's Chains signs "
      + "and attests [CREDENTIALS_TRUSTED_TASK]. Make 'CHAINS-GIT_COMMIT' of results of a task that runs no user code (GitClone's commit), or "
      + "give 'report' parameters.msg a pipeline param, a literal or a result of a task marked trusted, or give the pipeline result another name" + RELAX('report'),
    );
  });
});

describe('SecurePipeline: the relaxations of the trust-use refusals are recorded on the Pipeline (the posture report shows them)', () => {
  test('a type-hint result of a task not marked trusted, relaxed: the Pipeline records the relaxation, sealed', () => {
    const c = chart();
    const reason = 'this build publishes what it builds';
    const build = new SecureTask(c, 'build', { results: [{ name: 'IMAGE_URL' }], steps: [step()] });
    new SecurePipeline(c, 'ci', {
      relaxations: [{ rule: RuleId.CREDENTIALS_TRUSTED_TASK, target: RelaxationTarget.task('build'), reason }],
    }).addTask({ task: build });
    const pipeline = only(c, 'Pipeline');
    expect(relaxationsOf(pipeline)).toEqual({ 'secure-tekton/relax.CREDENTIALS_TRUSTED_TASK': `task/build: ${reason}` });
    expect(pipeline.metadata.annotations['secure-tekton/seal']).toBeDefined();
    // the audit of the written YAML reads the record as the library's: no failed finding, no notice
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'type-hint-record-'));
    try {
      fs.writeFileSync(path.join(dir, 'ci.yaml'), Testing.synth(c).map((o: any) => JSON.stringify(o)).join('\n---\n'));
      const report = JSON.parse(audit([dir], 'json').stdout);
      expect([report.summary.failed, report.notices]).toEqual([0, []]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SecurePipeline: the relaxation of a policy not written for a task that widens its egress is recorded on the Pipeline', () => {
  test('relaxed for the task: the Pipeline records the relaxation (sealed), and the audit of the written YAML reads it as the library\'s', () => {
    const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
    const reason = 'the shared mirror proxy';
    new SecurePipeline(c, 'p', { relaxations: [{ rule: RuleId.EGRESS_SCOPED, target: RelaxationTarget.task('build'), reason }] })
      .addTask({ task: new SecureTask(c, 'build', { steps: [step()] }) });
    new ApiObject(c, 'other', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'web' },
      spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '203.0.113.0/24' } }], ports: [{ port: 443 }] }] },
    });
    expect(relaxationsOf(only(c, 'Pipeline'))).toEqual({ 'secure-tekton/relax.EGRESS_SCOPED': `task/build: ${reason}` });
    expect(auditOfSynth(c)).toEqual([0, []]);
  });
});

describe('SecurePipeline serviceAccountName: not an account a platform makes in every namespace and binds', () => {
  function named(serviceAccountName: string, relaxed = false) {
    const c = chart();
    const pipeline = new SecurePipeline(c, 'ci', {
      serviceAccountName,
      relaxations: relaxed ? [{ rule: RuleId.RUN_SERVICE_ACCOUNT, reason: 'this namespace binds nothing to it' }] : [],
    });
    pipeline.addTask({ task: new SecureTask(c, 'build', { steps: [step()] }) });
    return c;
  }
  test.each([
    ['pipeline', 'the ServiceAccount OpenShift Pipelines makes in every namespace and binds to the ClusterRole edit (RoleBinding openshift-pipelines-edit)'],
    ['default', "the namespace's default ServiceAccount, which Kubernetes makes in every namespace and every pod that names none uses"],
    ['builder', 'the ServiceAccount OpenShift makes in every namespace for builds and binds to system:image-builder (push to the integrated registry)'],
    ['deployer', 'the ServiceAccount OpenShift makes in every namespace for deployments and binds to system:deployer'],
  ])('%s: refused', (name, what) => {
    expect(messageOf(() => Testing.synth(named(name)))).toBe(`SecurePipeline 'test/ci': serviceAccountName "${name}" is ${what}: the pipeline's runs would act with whatever `
      + "the platform binds to that name, not as a ServiceAccount of their own [RUN_SERVICE_ACCOUNT]. Leave serviceAccountName out (the pipeline then creates 'ci-runner'), "
      + "or give a name of its own that no platform makes; or relax the rule in the SecurePipeline's props: relaxations: [{ rule: RuleId.RUN_SERVICE_ACCOUNT, reason: '<why>' }].");
  });
  test('relaxed, or a name of its own: passes', () => {
    expect(objectsOf(named('pipeline', true), 'ServiceAccount').map((a) => a.metadata.name)).toEqual(['pipeline']);
    expect(objectsOf(named('ci-bot'), 'ServiceAccount').map((a) => a.metadata.name)).toEqual(['ci-bot']);
  });
  test('relaxed: the Pipeline records the relaxation (sealed), and the audit of the written YAML reads it as the library\'s', () => {
    const c = named('pipeline', true);
    expect(relaxationsOf(only(c, 'Pipeline'))).toEqual({ 'secure-tekton/relax.RUN_SERVICE_ACCOUNT': '*: this namespace binds nothing to it' });
    expect(auditOfSynth(c)).toEqual([0, []]);
  });
});

describe('SecurePipeline: a task definition of the app\'s own (an ITaskDefinition that is neither SecureTask nor RemoteTask)', () => {
  class Named extends Construct implements ITaskDefinition {
    public readonly paramNames: string[] = [];
    public readonly workspaceDeclarations: TaskWorkspace[];
    public readonly taskReference: TaskReference;
    public constructor(scope: Construct, id: string, public readonly name: string, public readonly trusted: boolean, domain: TrustDomain) {
      super(scope, id);
      this.taskReference = { kind: 'Task', name };
      this.workspaceDeclarations = [{ name: 'ws', domain }];
    }
    public param() { return undefined; }
    public workspace(n: string) { return this.workspaceDeclarations.find((w) => w.name === n); }
    public hasResult() { return false; }
  }
  const UNCHECKED = "SecurePipeline 'test/ci' task 'tool': task \"tool\" runs Task 'tool' of Named 'test/tool' by name, but the app writes no Task 'tool' without a namespace: "
    + "the taskRef runs whatever Task 'tool' the run's namespace holds when the run starts, unchecked [VALID_REFERENCE]. Write the task as a SecureTask of this app "
    + "(construct id 'tool', with its steps) in a chart of the pipeline's namespace, or fetch it with a RemoteTask, whose content synth checks.";

  test('run by name, with no Task of that name written in the pipeline\'s namespace: refused', () => {
    const c = chart();
    new SecurePipeline(c, 'ci', { workspaces: [{ name: 'src', domain: TrustDomain.SOURCE }] })
      .addTask({ task: new Named(c, 'tool', 'tool', false, TrustDomain.SOURCE), workspaces: { ws: 'src' } });
    expect(messageOf(() => Testing.synth(c))).toBe(UNCHECKED);
  });

  test('run by name, with a Task of that name the app writes (and checks) there: accepted', () => {
    const c = chart();
    new SecurePipeline(c, 'ci', { workspaces: [{ name: 'src', domain: TrustDomain.SOURCE }] })
      .addTask({ task: new Named(c, 'tool', 'tool', false, TrustDomain.SOURCE), workspaces: { ws: 'src' } });
    new SecureTask(c, 'tool-task', { name: 'tool', steps: [step()], workspaces: [{ name: 'ws', domain: TrustDomain.SOURCE }] });
    expect(Testing.synth(c).find((o: any) => o.kind === 'Pipeline').spec.tasks[0].taskRef).toEqual({ kind: 'Task', name: 'tool' });
  });

  test('its trusted is not honoured: credentials bound to it are refused', () => {
    const c = chart();
    new SecureTask(c, 'tool-task', { name: 'tool', trusted: true, steps: [step()], workspaces: [{ name: 'ws', domain: TrustDomain.CREDENTIALS }] });
    new SecurePipeline(c, 'ci', { workspaces: [{ name: 'creds', domain: TrustDomain.CREDENTIALS }] })
      .addTask({ task: new Named(c, 'tool', 'tool', true, TrustDomain.CREDENTIALS), workspaces: { ws: 'creds' } });
    expect(messageOf(() => Testing.synth(c))).toBe("SecurePipeline 'test/ci' task 'tool': workspaces.ws \"creds\" is a credentials workspace bound to Named 'test/tool', "
      + 'which says it is trusted but is neither a SecureTask nor a RemoteTask: synth checks neither what its Task runs nor that it runs no user code '
      + '[CREDENTIALS_TRUSTED_TASK]. Bind credentials only to a SecureTask or RemoteTask marked trusted (trusted: true in its props), whose content synth checks.');
  });
});

describe('SecurePipeline: every taskRef by name, as written, runs a Task the app writes in the pipeline\'s namespace', () => {
  const FIX = 'Run a Task the app writes and checks: pipeline.addTask({ task: secureTask }), without a patch of taskRef, or fetch it with a RemoteTask, '
    + 'whose content synth checks.';
  const unchecked = (task: string, name: string, why: string) => `SecurePipeline 'test/ci' task '${task}': taskRef.name "${name}" names Task '${name}', `
    + `which the app does not write in namespace 'ci' (${why}): the taskRef runs whatever Task '${name}' the run's namespace holds when the run starts, `
    + `unchecked [VALID_REFERENCE]. ${FIX}`;
  function pipelineOf(task: (c: Chart) => SecureTask) {
    const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
    const pipeline = new SecurePipeline(c, 'ci');
    pipeline.addTask({ task: task(c) });
    return { c, pipeline };
  }

  test('a patch of taskRef.name to a Task the app does not write: refused', () => {
    const { c, pipeline } = pipelineOf((x) => new SecureTask(x, 'lint', { steps: [step()] }));
    pipeline.apiObject.addJsonPatch(JsonPatch.replace('/spec/tasks/0/taskRef/name', 'unchecked'));
    expect(messageOf(() => Testing.synth(c))).toBe(unchecked('lint', 'unchecked',
      "not 'lint', which addTask referred to: an escape-hatch patch or a taskReference of its own changed it"));
  });

  test('a task built on SecureTask whose taskReference names another Task: refused', () => {
    class Elsewhere extends SecureTask {
      public get taskReference() {
        return { kind: 'Task', name: 'unchecked' };
      }
    }
    const { c } = pipelineOf((x) => new Elsewhere(x, 'lint', { steps: [step()] }));
    expect(messageOf(() => Testing.synth(c))).toBe(unchecked('lint', 'unchecked',
      "not 'lint', which addTask referred to: an escape-hatch patch or a taskReference of its own changed it"));
  });

  test('a pipeline task added by a patch: refused', () => {
    const { c, pipeline } = pipelineOf((x) => new SecureTask(x, 'lint', { steps: [step()] }));
    pipeline.apiObject.addJsonPatch(JsonPatch.add('/spec/tasks/-', { name: 'extra', taskRef: { name: 'unchecked' }, runAfter: ['lint'] }));
    expect(messageOf(() => Testing.synth(c))).toBe(unchecked('extra', 'unchecked', 'a pipeline task an escape-hatch patch added'));
  });

  test('a patch of taskRef.name to another Task the app writes there: accepted (that Task is checked)', () => {
    const { c, pipeline } = pipelineOf((x) => new SecureTask(x, 'lint', { steps: [step()] }));
    new SecureTask(c, 'lint-v2', { steps: [step()] });
    pipeline.apiObject.addJsonPatch(JsonPatch.replace('/spec/tasks/0/taskRef/name', 'lint-v2'));
    expect(Testing.synth(c).find((o: any) => o.kind === 'Pipeline').spec.tasks[0].taskRef).toEqual({ kind: 'Task', name: 'lint-v2' });
  });
});

describe('SecurePipeline relaxations', () => {
  test('a pipeline relaxation that covers none of its objects is refused', () => {
    const c = chart();
    new SecurePipeline(c, 'ci', { relaxations: [{ rule: RuleId.RUN_TIMEOUT, reason: 'nightly soak test runs for days' }] });
    expect(() => Testing.synth(c)).toThrow(
      "SecurePipeline 'test/ci': relaxations[0].rule \"RUN_TIMEOUT\" relaxes a rule that checks none of the objects SecurePipeline 'test/ci' writes "
      + '[RELAXATION_REASON]. Remove the relaxation, or give it to the construct whose object breaks the rule.',
    );
  });

  test('a pipeline relaxation of an egress rule is recorded on the NetworkPolicy it covers', () => {
    const c = chart();
    const p = new SecurePipeline(c, 'ci', { relaxations: [{ rule: RuleId.EGRESS_NO_OPEN_CIDR, reason: 'mirrors are spread over the internet' }] });
    p.addTask({ task: new SecureTask(c, 'fetch', { steps: [step()] }) });
    p.egress.allow(EgressPeer.cidr('0.0.0.0/0'), [EgressPort.tcp(443)]);
    const objects = Testing.synth(c);
    const relaxed = objects.filter((o: any) => o.metadata.annotations?.['secure-tekton/relax.EGRESS_NO_OPEN_CIDR']);
    // recorded where it covers a finding, not on every object it could apply to
    expect(relaxed.map((o: any) => `${o.kind}/${o.metadata.name}`)).toEqual(['NetworkPolicy/ci-egress']);
    expect(relaxationsOf(relaxed[0])).toEqual({ 'secure-tekton/relax.EGRESS_NO_OPEN_CIDR': '*: mirrors are spread over the internet' });
  });
});

describe('SecurePipeline variables Tekton substitutes', () => {
  test('a finally task reads the status and reason of tasks, and the aggregate status', () => {
    const f = fixture();
    f.pipeline.addTask({ task: f.clone, parameters: { url: '$(params.git-url)' }, workspaces: { source: 'source' } });
    f.pipeline.addFinally({
      task: f.build,
      parameters: { commit: '$(tasks.clone.status) $(tasks.clone.reason) $(tasks.status)' },
      workspaces: { source: 'source' },
    });
    expect(only(f.c, 'Pipeline').spec.finally[0].params).toEqual([{ name: 'commit', value: '$(tasks.clone.status) $(tasks.clone.reason) $(tasks.status)' }]);
  });

  test('a task passes the context variables of the pipeline, a param in bracket notation, and text around them', () => {
    const f = fixture();
    const value = 'run $(context.pipelineRun.name) in $(context.pipelineRun.namespace) ($(context.pipelineRun.uid)) of $(context.pipeline.name), '
      + 'retry $(context.pipelineTask.retries), from $(params["git-url"]); echo $HOME';
    f.pipeline.addTask({ task: f.clone, parameters: { url: value }, workspaces: { source: 'source' } });
    expect(only(f.c, 'Pipeline').spec.tasks[0].params).toEqual([{ name: 'url', value }]);
  });

  test('every refusal of a task\'s variables is reported at once', () => {
    const f = fixture();
    f.pipeline.addTask({ task: f.clone, parameters: { url: '$(param.x) $(context.pipeline.uid)' }, workspaces: { source: 'source' } });
    expect(() => only(f.c, 'Pipeline')).toThrow([
      '2 findings; nothing was written:',
      "  SecurePipeline 'test/ci' task 'clone': parameters.url \"$(param.x)\" does not start with a variable prefix Tekton knows (params, tasks, finally, context, workspaces, results) "
      + '[VALID_REFERENCE]. Fix the prefix, e.g. $(params.<name>); Tekton refuses any other $(…) of letters, digits, ".", "-" and "_" in a pipeline task\'s params, '
      + 'shell command substitutions included.',
      "  SecurePipeline 'test/ci' task 'clone': parameters.url \"$(context.pipeline.uid)\" is not a context variable of a pipeline [VALID_REFERENCE]. "
      + 'Use one of: $(context.pipelineRun.name), $(context.pipelineRun.namespace), $(context.pipelineRun.uid), $(context.pipeline.name), $(context.pipelineTask.retries).',
    ].join('\n'));
  });
});

describe('SecurePipeline: typed references, retries and onError', () => {
  test('runAfter takes the PipelineTask objects addTask returns, as well as names', () => {
    const f = fixture();
    const clone = f.pipeline.addTask({ task: f.clone, parameters: { url: '$(params.git-url)' }, workspaces: { source: 'source' } });
    f.pipeline.addTask({ task: f.build, runAfter: [clone], workspaces: { source: 'source' } });
    f.pipeline.addTask({ task: f.push, runAfter: [clone, 'build'], workspaces: { creds: 'creds' } });
    expect(only(f.c, 'Pipeline').spec.tasks.map((t: any) => t.runAfter)).toEqual([undefined, ['clone'], ['clone', 'build']]);
  });

  test('refused: a PipelineTask of another pipeline in runAfter', () => {
    const f = fixture();
    const other = new SecurePipeline(f.c, 'other');
    const elsewhere = other.addTask({ task: f.clone, parameters: { url: 'x' }, workspaces: { source: 'source' } });
    f.pipeline.addTask({ task: f.clone, parameters: { url: '$(params.git-url)' }, workspaces: { source: 'source' }, runAfter: [elsewhere] });
    expect(() => Testing.synth(f.c)).toThrow("SecurePipeline 'test/ci' task 'clone': runAfter \"clone\" is a task of another pipeline [VALID_DAG]. Use a PipelineTask this pipeline's addTask returned: clone.");
  });

  test('retries and onError are written as set; unset, neither is written (no retries, stop and fail)', () => {
    const f = fixture();
    f.pipeline.addTask({ task: f.clone, parameters: { url: '$(params.git-url)' }, workspaces: { source: 'source' }, retries: 2 });
    f.pipeline.addTask({ task: f.build, workspaces: { source: 'source' }, onError: PipelineTaskOnError.CONTINUE });
    f.pipeline.addTask({ task: f.push, workspaces: { creds: 'creds' } });
    const tasks = only(f.c, 'Pipeline').spec.tasks;
    expect(tasks.map((t: any) => [t.retries, t.onError])).toEqual([[2, undefined], [undefined, 'continue'], [undefined, undefined]]);
  });

  test.each<[string, Partial<PipelineTaskOptions>, string]>([
    ['negative retries', { retries: -1 }, "SecurePipeline 'test/ci' task 'clone': retries \"-1\" is not a whole number of at least 0 [VALID_SPEC]. Give the number of retries as 0, 1, 2 ..."],
    ['fractional retries', { retries: 1.5 }, "SecurePipeline 'test/ci' task 'clone': retries \"1.5\" is not a whole number of at least 0 [VALID_SPEC]."],
    ['continue with retries', { retries: 1, onError: PipelineTaskOnError.CONTINUE },
      "SecurePipeline 'test/ci' task 'clone': onError \"PipelineTaskOnError.CONTINUE\" is set together with retries 1, which Tekton refuses [VALID_SPEC]. Either retry the task or let the pipeline continue after it fails, not both."],
  ])('refused: %s', (_, options, message) => {
    const f = fixture();
    f.pipeline.addTask({ task: f.clone, parameters: { url: '$(params.git-url)' }, workspaces: { source: 'source' }, ...options });
    expect(() => Testing.synth(f.c)).toThrow(message);
  });
});

describe('SecurePipeline: workspace and param references', () => {
  test('workspace() and paramRef() return what addTask binds, and refuse an undeclared one where they are called', () => {
    const f = fixture();
    f.pipeline.addTask({ task: f.clone, parameters: { url: f.pipeline.paramRef('git-url') }, workspaces: { source: f.pipeline.workspace('source') } });
    expect(only(f.c, 'Pipeline').spec.tasks[0].params).toEqual([{ name: 'url', value: '$(params.git-url)' }]);
    expect(() => f.pipeline.workspace('src')).toThrow("SecurePipeline 'test/ci': workspace \"src\" is not a workspace of the pipeline [VALID_REFERENCE]. "
      + "Use a workspace the pipeline declares ('source', 'output', 'creds'), or declare it: add { name: 'src', domain: TrustDomain.SOURCE } to the SecurePipeline's workspaces, "
      + 'with the TrustDomain of what it holds (SOURCE, OUTPUT, CACHE or CREDENTIALS).');
    expect(() => f.pipeline.workspace('Source')).toThrow("SecurePipeline 'test/ci': workspace \"Source\" is not a workspace of the pipeline [VALID_REFERENCE]. "
      + "Use 'source', the pipeline's workspace nearest that name, or declare it: add { name: 'Source', domain: TrustDomain.SOURCE } to the SecurePipeline's workspaces, "
      + 'with the TrustDomain of what it holds (SOURCE, OUTPUT, CACHE or CREDENTIALS).');
    expect(() => f.pipeline.paramRef('url')).toThrow("SecurePipeline 'test/ci': param \"url\" is not a param of the pipeline [VALID_REFERENCE]. "
      + "Use a param the pipeline declares ('git-url'), or declare it: add { name: 'url' } to the SecurePipeline's parameters.");
    expect(() => f.pipeline.paramRef('git_url')).toThrow("SecurePipeline 'test/ci': param \"git_url\" is not a param of the pipeline [VALID_REFERENCE]. "
      + "Use 'git-url', the pipeline's param nearest that name, or declare it: add { name: 'git_url' } to the SecurePipeline's parameters.");
  });
});

describe('SecurePipeline with a ServiceAccount defined elsewhere (cdk8s-plus)', () => {
  function ci() {
    const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
    return { c, task: new SecureTask(c, 'build', { steps: [step()] }) };
  }
  const serviceAccounts = (c: Chart) => Testing.synth(c).filter((o: any) => o.kind === 'ServiceAccount');

  test('a cdk8s-plus ServiceAccount: exactly one ServiceAccount of that name, runs use it, grants bind to it', () => {
    const { c, task } = ci();
    const builder = new kplus.ServiceAccount(c, 'builder', { metadata: { name: 'builder' } });
    const p = new SecurePipeline(c, 'ci', { serviceAccount: builder });
    const granted = p.addTask({ task });
    granted.grantApi({ resource: 'configmaps', verbs: [ApiVerb.GET], resourceNames: ['settings'] });
    granted.allowEgressTo(EgressPeer.cidr('10.96.0.1/32'), [EgressPort.tcp(443)]);
    new SecurePipelineRun(c, 'run', { pipeline: p, generateName: false });
    expect(serviceAccounts(c).map((o: any) => o.metadata.name)).toEqual(['builder']);
    expect(p.serviceAccountName).toBe('builder');
    expect(p.serviceAccount.name).toBe('builder');
    expect(only(c, 'PipelineRun').spec.taskRunTemplate.serviceAccountName).toBe('builder');
    expect(only(c, 'Role')).toMatchObject({ metadata: { name: 'builder', namespace: 'ci' }, rules: [{ resources: ['configmaps'], verbs: ['get'], resourceNames: ['settings'] }] });
    expect(only(c, 'RoleBinding').subjects).toEqual([{ kind: 'ServiceAccount', name: 'builder', namespace: 'ci' }]);
  });

  test('two pipelines given one cdk8s-plus ServiceAccount share one Role', () => {
    const { c, task } = ci();
    const builder = new kplus.ServiceAccount(c, 'builder', { metadata: { name: 'builder' } });
    for (const name of ['a', 'b']) {
      const p = new SecurePipeline(c, name, { serviceAccount: builder });
      const granted = p.addTask({ task });
      granted.grantApi({ resource: 'configmaps', verbs: [ApiVerb.GET], resourceNames: [name] });
      granted.allowEgressTo(EgressPeer.cidr('10.96.0.1/32'), [EgressPort.tcp(443)]);
    }
    expect(serviceAccounts(c)).toHaveLength(1);
    expect(only(c, 'Role').rules.map((r: any) => r.resourceNames)).toEqual([['a'], ['b']]);
  });

  test('one imported by name with its namespace: no ServiceAccount is written', () => {
    const { c, task } = ci();
    const p = new SecurePipeline(c, 'ci', { serviceAccount: kplus.ServiceAccount.fromServiceAccountName(c, 'builder', 'builder', { namespaceName: 'ci' }) });
    p.addTask({ task });
    expect(serviceAccounts(c)).toEqual([]);
    expect(p.serviceAccountName).toBe('builder');
  });

  test('a LeastPrivilegeServiceAccount is used as it is', () => {
    const { c, task } = ci();
    const sa = new LeastPrivilegeServiceAccount(c, 'shared-runner');
    const p = new SecurePipeline(c, 'ci', { serviceAccount: sa });
    p.addTask({ task });
    expect(p.serviceAccount).toBe(sa);
    expect(serviceAccounts(c).map((o: any) => o.metadata.name)).toEqual(['shared-runner']);
  });

  test('serviceAccountName and serviceAccount together are refused', () => {
    const { c } = ci();
    const builder = new kplus.ServiceAccount(c, 'builder', { metadata: { name: 'builder' } });
    expect(() => new SecurePipeline(c, 'ci', { serviceAccount: builder, serviceAccountName: 'runner' })).toThrow(
      "SecurePipeline 'test/ci': serviceAccountName \"runner\" is given together with serviceAccount 'builder' [VALID_SPEC]. Give either serviceAccount (a ServiceAccount defined elsewhere) or serviceAccountName (for the one the pipeline creates), not both.",
    );
  });

  test('a ServiceAccount of another namespace is refused (cdk8s-plus imports into "default" unless told)', () => {
    const { c } = ci();
    const imported = kplus.ServiceAccount.fromServiceAccountName(c, 'builder', 'builder');
    expect(() => new SecurePipeline(c, 'ci', { serviceAccount: imported })).toThrow(
      "SecurePipeline 'test/ci': serviceAccount \"builder\" is in namespace 'default', the pipeline in 'ci': a run finds its ServiceAccount in its own namespace [VALID_REFERENCE]. "
      + "Use a ServiceAccount of the pipeline's namespace (ServiceAccount.fromServiceAccountName(scope, id, name, { namespaceName }) for one defined elsewhere).",
    );
  });
});

describe('SecurePipeline embedTasks', () => {
  /** A build task (source, a relaxed root step) and a trusted push task (credentials), run by one pipeline. */
  function app(embedTasks: boolean, options: { pushTrusted?: boolean; buildRelaxations?: any[] } = {}) {
    const c = chart();
    const build = new SecureTask(c, 'build', {
      workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }],
      steps: [step({ name: 'compile' }), step({ name: 'install', runAsUser: 0, relaxations: [{ rule: RuleId.RUN_AS_NON_ROOT, reason: 'the installer writes to /usr as root' }] })],
      relaxations: options.buildRelaxations,
    });
    const push = new SecureTask(c, 'push', { trusted: options.pushTrusted ?? true, workspaces: [{ name: 'creds', domain: TrustDomain.CREDENTIALS }], steps: [step()] });
    const pipeline = new SecurePipeline(c, 'ci', {
      embedTasks,
      workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }, { name: 'creds', domain: TrustDomain.CREDENTIALS }],
    });
    pipeline.addTask({ task: build, workspaces: { source: 'source' } });
    pipeline.addFinally({ task: push, workspaces: { creds: 'creds' } });
    return { c, build, push, pipeline };
  }
  const refusal = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('not refused');
  };

  test('off by default; on, one Pipeline and no Task, each pipeline task with its spec in place of its taskRef', () => {
    expect(new SecurePipeline(chart(), 'plain').embedTasks).toBe(false);
    const { c, pipeline } = app(true);
    expect(pipeline.embedTasks).toBe(true);
    const objects = Testing.synth(c);
    expect(objects.filter((o: any) => o.kind === 'Task')).toEqual([]);
    const p = only(c, 'Pipeline');
    expect([...p.spec.tasks, ...p.spec.finally].map((t: any) => [t.name, t.taskRef, Object.keys(t.taskSpec ?? {}).length > 0])).toEqual([
      ['build', undefined, true], ['push', undefined, true],
    ]);
  });

  test('the embedded spec has the security fields of the Task written alone', () => {
    const standalone = Testing.synth(app(false).c).find((o: any) => o.kind === 'Task' && o.metadata.name === 'build');
    const spec = only(app(true).c, 'Pipeline').spec.tasks[0].taskSpec;
    expect(spec).toEqual(standalone.spec);
    expect(spec.stepTemplate.securityContext).toEqual(HARDENED_SECURITY_CONTEXT);
    expect(spec.steps[0]).toMatchObject({ name: 'compile', image: PINNED, securityContext: HARDENED_SECURITY_CONTEXT });
    expect(spec.steps[1].securityContext).toMatchObject({
      runAsNonRoot: false, runAsUser: 0, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true,
    });
    expect(spec.volumes.map((v: any) => v.emptyDir !== undefined)).toEqual(spec.volumes.map(() => true));
  });

  test('the Task\'s relaxations and the trust of a trusted task are recorded on the Pipeline, below the pipeline task', () => {
    const { c } = app(true);
    expect(relaxationsOf(only(c, 'Pipeline'))).toEqual({
      'secure-tekton/relax.CREDENTIALS_TRUSTED_TASK': "task/push: embeds Task 'push', which SecureTask 'test/push' marks trusted: it may receive credentials workspaces",
      'secure-tekton/relax.RUN_AS_NON_ROOT': 'task/build/step/install: the installer writes to /usr as root',
    });
  });

  test('a relaxation of a step given to the chart (above the task and the pipeline) moves with the spec too', () => {
    const results = [false, true].map((embed) => {
      const c = chart();
      const build = new SecureTask(c, 'build', { steps: [step({ name: 'install', runAsUser: 0 })] });
      new SecurePipeline(c, 'ci', { embedTasks: embed }).addTask({ task: build });
      Relaxations.of(c).add({ rule: RuleId.RUN_AS_NON_ROOT, target: 'step/install', reason: 'the installer writes to /usr as root' });
      return Testing.synth(c).map((o: any) => [o.kind, o.metadata.annotations?.['secure-tekton/relax.RUN_AS_NON_ROOT']]).filter(([, v]: any) => v);
    });
    expect(results).toEqual([
      [['Task', 'step/install: the installer writes to /usr as root']],
      [['Pipeline', 'task/build/step/install: the installer writes to /usr as root']],
    ]);
  });

  test('the pipeline\'s own relaxations relax the pipeline, not the task specs it embeds: refused as without embedTasks', () => {
    const relaxed = (embed: boolean, target?: string) => () => {
      const c = chart();
      const build = new SecureTask(c, 'build', { steps: [step({ name: 'install', runAsUser: 0 })] });
      new SecurePipeline(c, 'ci', { embedTasks: embed, relaxations: [{ rule: RuleId.RUN_AS_NON_ROOT, target, reason: 'the installer writes to /usr as root' }] })
        .addTask({ task: build });
      Testing.synth(c);
    };
    const step0 = "SecureTask 'test/build' step 'install': runAsUser \"0\" runs as root [RUN_AS_NON_ROOT]. Remove runAsUser (the default is UID 65532), "
      + "or add relaxations: [{ rule: RuleId.RUN_AS_NON_ROOT, reason: '<why>' }] to step 'install'.";
    for (const target of [undefined, 'task/build', 'task/build/step/install']) {
      const message = messageOf(relaxed(true, target));
      expect(message).toContain(step0);
      expect(message).toContain("SecurePipeline 'test/ci': relaxations[0].");
    }
    expect(messageOf(relaxed(true))).toContain(
      "SecurePipeline 'test/ci': relaxations[0].rule \"RUN_AS_NON_ROOT\" covers nothing: RUN_AS_NON_ROOT holds in the objects SecurePipeline 'test/ci' writes "
      + "(the task specs it embeds are the tasks': their own relaxations cover them) [RELAXATION_REASON].",
    );
    expect(messageOf(relaxed(false))).toContain(step0);
  });

  test('the audit CLI reads the written Pipeline as the library checked it: no finding left', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-'));
    try {
      const app2 = Testing.app({ outdir: dir });
      const c = new Chart(app2, 'ci');
      const build = new SecureTask(c, 'build', { steps: [step({ runAsUser: 0, relaxations: [{ rule: RuleId.RUN_AS_NON_ROOT, reason: 'the installer writes to /usr as root' }] })] });
      const push = new SecureTask(c, 'push', { trusted: true, workspaces: [{ name: 'creds', domain: TrustDomain.CREDENTIALS }], steps: [step()] });
      const p = new SecurePipeline(c, 'ci', { embedTasks: true, workspaces: [{ name: 'creds', domain: TrustDomain.CREDENTIALS }] });
      p.addTask({ task: build });
      p.addTask({ task: push, workspaces: { creds: 'creds' } });
      app2.synth();
      const r = audit([path.join(dir, 'ci.k8s.yaml')], 'json');
      const failed = JSON.parse(r.stdout).findings.filter((f: any) => f.status === 'failed');
      expect(failed).toEqual([]);
      expect(r.exitCode).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a SecureTask that another pipeline refers to is still written, once', () => {
    const { c, build } = app(true);
    new SecurePipeline(c, 'nightly', { workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }] }).addTask({ task: build, workspaces: { source: 'source' } });
    expect(Testing.synth(c).filter((o: any) => o.kind === 'Task').map((o: any) => o.metadata.name)).toEqual(['build']);
    const nightly = Testing.synth(c).find((o: any) => o.kind === 'Pipeline' && o.metadata.name === 'nightly');
    expect(nightly.spec.tasks[0].taskRef).toEqual({ kind: 'Task', name: 'build' });
  });

  test('the trust holds only for exactly the trusted spec: an edit of the embedded spec drops it', () => {
    const { c, pipeline } = app(true);
    pipeline.apiObject.addJsonPatch(JsonPatch.replace('/spec/finally/0/taskSpec/steps/0/script', '#!/bin/sh\nmake test\n'));
    expect(() => Testing.synth(c)).toThrow(
      "SecurePipeline 'test/ci' task 'push': workspaces.creds \"creds\" is a credentials workspace bound to a task not marked trusted [CREDENTIALS_TRUSTED_TASK]. "
      + 'Bind credentials only to a task that runs no user code (trusted: true in its SecureTask props), or move the step that needs them into a task of its own.',
    );
  });

  test('refused when the app\'s own feature flags disable inline specs in pipelines', () => {
    const { c } = app(true);
    new TektonFeatureFlags(c, 'flags', { disableInlineSpec: [InlineSpecKind.PIPELINE, InlineSpecKind.TASK_RUN] });
    expect(() => Testing.synth(c)).toThrow(
      "SecurePipeline 'test/ci': embedTasks \"true\" writes task specs inside the Pipeline, which the app's feature flags (test/flags/FeatureFlags) refuse: "
      + 'disable-inline-spec "pipeline,taskrun" [VALID_SPEC]. Leave embedTasks out (the tasks are then Task objects referred to by taskRef), '
      + 'or take InlineSpecKind.PIPELINE out of disableInlineSpec.',
    );
  });

  describe('a PipelineRun cannot set an embedded task\'s params (Tekton substitutes its params into an embedded spec where the pipeline task passes none of that name)', () => {
    /** A task with a param the pipeline passes, and string, array and object params it leaves to their defaults. */
    function typed(c: Chart, extra: Partial<ConstructorParameters<typeof SecureTask>[2]> = {}) {
      return new SecureTask(c, 'typed', {
        parameters: [
          { name: 'passed' },
          { name: 'mode', defaultValue: 'fast' },
          { name: 'tags', valueType: ParamType.ARRAY, defaultArray: ['a', 'b'] },
          { name: 'conf', valueType: ParamType.OBJECT, properties: ['level'], defaultObject: { level: '1' } },
        ],
        steps: [step({ name: 's', env: { PASSED: '$(params.passed)', MODE: '$(params.mode)' }, args: ['$(params.tags[*])'] })],
        ...extra,
      });
    }

    test('the pipeline task passes every param the embedded spec declares: the pipeline\'s value, else the default as written', () => {
      for (const embed of [true, false]) {
        const c = chart();
        new SecurePipeline(c, 'ci', { embedTasks: embed, parameters: [{ name: 'p' }] }).addTask({ task: typed(c), parameters: { passed: '$(params.p)' } });
        expect(only(c, 'Pipeline').spec.tasks[0].params).toEqual(embed ? [
          { name: 'conf', value: { level: '1' } },
          { name: 'mode', value: 'fast' },
          { name: 'passed', value: '$(params.p)' },
          { name: 'tags', value: ['a', 'b'] },
        ] : [{ name: 'passed', value: '$(params.p)' }]);
      }
    });

    describe('refused where passing every param cannot stop it (each checked with Tekton v1.15\'s substitution below); with Task objects, the same app synthesizes', () => {
      const cases: Array<[string, (c: Chart, embed: boolean) => void, string]> = [
        ['a param the matrix gives: a run\'s param of its name is substituted before the matrix fans out', (c, embed) => {
          new SecurePipeline(c, 'ci', { embedTasks: embed }).addTask({
            task: typed(c, {
              parameters: [{ name: 'passed' }, { name: 'mode', defaultValue: 'fast' }, { name: 'arch', defaultValue: 'amd64' }],
              steps: [step({ name: 's', env: { PASSED: '$(params.passed)', MODE: '$(params.mode)', ARCH: '$(params.arch)' } })],
            }),
            parameters: { passed: 'x' },
            matrix: { parameters: { mode: ['fast', 'slow'] }, include: [{ name: 'arm', parameters: { arch: 'arm64' } }] },
          });
        }, "SecurePipeline 'test/ci' task 'typed': matrix.parameters.mode fans out over a param of task 'typed', whose spec the pipeline embeds (embedTasks): "
          + "Tekton substitutes a PipelineRun's param of that name into the embedded spec before the matrix fans out, so the run, not the matrix, chooses it [VALID_SPEC]. "
          + 'Leave embedTasks out (the task is then a Task referred to by taskRef), or pass the task one value in parameters.\n'
          + "  SecurePipeline 'test/ci' task 'typed': matrix.include[0].parameters.arch fans out over a param of task 'typed', whose spec the pipeline embeds (embedTasks): "
          + "Tekton substitutes a PipelineRun's param of that name into the embedded spec before the matrix fans out, so the run, not the matrix, chooses it [VALID_SPEC]. "
          + 'Leave embedTasks out (the task is then a Task referred to by taskRef), or pass the task one value in parameters.'],
        ['an element of an array param: a run\'s array of its name gives it, passed or not', (c, embed) => {
          new SecurePipeline(c, 'ci', { embedTasks: embed }).addTask({
            task: typed(c, { steps: [step({ name: 's', env: { PASSED: '$(params.passed)' }, args: ['$(params.tags[0])', '$(params.tags[*])'] })] }),
            parameters: { passed: 'x' },
            arrayParameters: { tags: ['v1', 'v2'] },
          });
        }, "SecurePipeline 'test/ci' task 'typed': embedTasks \"true\" writes the spec of task 'typed' inside the Pipeline, where $(params.tags[0]) takes element 0 of a PipelineRun's "
          + "array param 'tags' in place of the pipeline task's value (Tekton substitutes a run's params into an embedded spec, and passing 'tags' does not stop it) [VALID_SPEC]. "
          + 'Leave embedTasks out (the task is then a Task referred to by taskRef), or give the task the element in a string param of its own.'],
        ['a key of an object param: a run\'s string param named <param>.<key> gives it, passed or not', (c, embed) => {
          new SecurePipeline(c, 'ci', { embedTasks: embed }).addTask({
            task: typed(c, { steps: [step({ name: 's', env: { PASSED: '$(params.passed)', LEVEL: '$(params.conf.level)' } })] }),
            parameters: { passed: 'x' },
          });
        }, "SecurePipeline 'test/ci' task 'typed': embedTasks \"true\" writes the spec of task 'typed' inside the Pipeline, where $(params.conf.level) takes a PipelineRun's "
          + "string param named 'conf.level' in place of the pipeline task's value (Tekton substitutes a run's params into an embedded spec, and passing 'conf' does not stop it) [VALID_SPEC]. "
          + 'Leave embedTasks out (the task is then a Task referred to by taskRef), or give the task the key in a string param of its own.'],
        ['a default that holds a substitution: passed as written, the pipeline\'s params would fill it', (c, embed) => {
          new SecurePipeline(c, 'ci', { embedTasks: embed }).addTask({
            task: typed(c, {
              parameters: [{ name: 'passed' }, { name: 'mode', defaultValue: 'fast' }, { name: 'label', defaultValue: 'run-$(params.mode)' }],
              steps: [step({ name: 's', env: { PASSED: '$(params.passed)', LABEL: '$(params.label)' } })],
            }),
            parameters: { passed: 'x' },
          });
        }, "SecurePipeline 'test/ci' task 'typed': parameters \"label\" is left to the default \"run-$(params.mode)\" of task 'typed', whose spec the pipeline embeds (embedTasks): "
          + "the pipeline task passes every param there (else a PipelineRun's param of that name would replace it), and a substitution in a default it passes would be filled by "
          + "the pipeline's params [VALID_SPEC]. Leave embedTasks out (the task is then a Task referred to by taskRef), or pass it in the task's addTask(...) options: parameters: { label: '<value>' }."],
        ['a string param that is a whole element of args or command: a run\'s array of its name takes its place, empty once passed', (c, embed) => {
          new SecurePipeline(c, 'ci', { embedTasks: embed }).addTask({
            task: typed(c, { steps: [step({ name: 's', script: undefined, command: ['verify', '--', '$(params.mode)'], args: ['$(params.passed)', 'key=$(params.passed)'] })] }),
            parameters: { passed: 'x' },
          });
        }, "SecurePipeline 'test/ci' task 'typed': embedTasks \"true\" writes the spec of task 'typed' inside the Pipeline, where $(params.mode) is a whole element of the command of step 's': "
          + "Tekton puts there a PipelineRun's array param 'mode', emptied by the pipeline task's passing 'mode', so the element disappears and the ones after it move up (a run's params reach "
          + "an embedded spec, and Tekton refuses a run that gives 'mode' as an array only when the pipeline declares a string param 'mode') [VALID_SPEC]. Leave embedTasks out (the task is "
          + "then a Task referred to by taskRef), or declare the param in the pipeline's props: parameters: [{ name: 'mode', defaultValue: '<value>' }] (the task keeps the value it is passed).\n"
          + "  SecurePipeline 'test/ci' task 'typed': embedTasks \"true\" writes the spec of task 'typed' inside the Pipeline, where $(params.passed) is a whole element of the args of step 's': "
          + "Tekton puts there a PipelineRun's array param 'passed', emptied by the pipeline task's passing 'passed', so the element disappears and the ones after it move up (a run's params reach "
          + "an embedded spec, and Tekton refuses a run that gives 'passed' as an array only when the pipeline declares a string param 'passed') [VALID_SPEC]. Leave embedTasks out (the task is "
          + "then a Task referred to by taskRef), or declare the param in the pipeline's props: parameters: [{ name: 'passed', defaultValue: '<value>' }] (the task keeps the value it is passed)."],
        ['the same param in the value a step passes its StepAction, beside a pipeline param of that name that is an array', (c, embed) => {
          const action = new SecureStepAction(c, 'act', { image: PINNED, parameters: [{ name: 'file' }], env: { FILE: '$(params.file)' }, script: '#!/bin/sh\necho "$FILE"\n' });
          new SecurePipeline(c, 'ci', { embedTasks: embed, parameters: [{ name: 'passed', valueType: ParamType.ARRAY, defaultArray: ['a'] }] }).addTask({
            task: typed(c, { steps: [{ name: 'use', action, actionParameters: { file: '$(params.passed)' } }] }),
            parameters: { passed: 'x' },
          });
        }, "SecurePipeline 'test/ci' task 'typed': embedTasks \"true\" writes the spec of task 'typed' inside the Pipeline, where $(params.passed) is the whole value step 'use' passes its "
          + "StepAction's param 'file': Tekton puts there a PipelineRun's array or object param 'passed', emptied by the pipeline task's passing 'passed', so the StepAction's $(params.file) "
          + "is left as written, unsubstituted (a run's params reach an embedded spec, and Tekton refuses a run that gives 'passed' as an array or object only when the pipeline declares "
          + "a string param 'passed'; "
          + "this pipeline declares an array param 'passed') [VALID_SPEC]. Leave embedTasks out (the task is then a Task referred to by taskRef), or rename the pipeline's array param 'passed'."],
      ];
      test.each(cases)('%s', (_name, make, message) => {
        const embedded = chart();
        make(embedded, true);
        const m = refusal(() => Testing.synth(embedded));
        expect(m.includes('\n') ? m.slice(m.indexOf('\n') + 3) : m).toBe(message);
        const referred = chart();
        make(referred, false);
        expect(only(referred, 'Pipeline').spec.tasks[0].taskRef).toEqual({ kind: 'Task', name: 'typed' });
      });
    });

    test('the library\'s ImageVerify and ImagePush, whose image is a whole args element: refused until the pipeline declares a string param image, then written', () => {
      const build = (declare: boolean) => {
        const c = chart();
        const pipeline = new SecurePipeline(c, 'ci', {
          embedTasks: true,
          parameters: declare ? [{ name: 'ref' }, { name: 'image', defaultValue: '<value>' }] : [{ name: 'ref' }],
          workspaces: [{ name: 'image', domain: TrustDomain.OUTPUT }, { name: 'creds', domain: TrustDomain.CREDENTIALS }],
        });
        const push = pipeline.addTask({ task: new ImagePush(c, 'push'), parameters: { image: '$(params.ref)' }, workspaces: { image: 'image', dockerconfig: 'creds' } });
        push.allowEgressTo(EgressPeer.cidr('203.0.113.0/24'), [EgressPort.tcp(443)]);
        pipeline.addTask({
          task: new ImageVerify(c, 'verify', { signer: ImageSigner.keyless({ oidcIssuer: 'https://token.actions.githubusercontent.com', identity: 'https://github.com/example/app/.github/workflows/release.yml@refs/heads/main' }) }),
          parameters: { image: `${push.result('IMAGE_URL')}@${push.result('IMAGE_DIGEST')}` },
        }).allowEgressTo(EgressPeer.cidr('203.0.113.0/24'), [EgressPort.tcp(443)]);
        return c;
      };
      const lines = refusal(() => Testing.synth(build(false))).split('\n').slice(1).map((l) => l.trim());
      expect(lines.map((l) => l.slice(0, l.indexOf(':')))).toEqual(["SecurePipeline 'test/ci' task 'push'", "SecurePipeline 'test/ci' task 'verify'"]);
      expect(lines[1]).toBe("SecurePipeline 'test/ci' task 'verify': embedTasks \"true\" writes the spec of task 'verify' inside the Pipeline, where $(params.image) is a whole element of the args of "
        + "step 'verify-1': Tekton puts there a PipelineRun's array param 'image', emptied by the pipeline task's passing 'image', so the element disappears and the ones after it move up (a run's "
        + "params reach an embedded spec, and Tekton refuses a run that gives 'image' as an array only when the pipeline declares a string param 'image') [VALID_SPEC]. Leave embedTasks out "
        + "(the task is then a Task referred to by taskRef), or declare the param in the pipeline's props: parameters: [{ name: 'image', defaultValue: '<value>' }] (the task keeps the value it is passed).");
      expect(only(build(true), 'Pipeline').spec.tasks.map((t: any) => t.params.find((x: any) => x.name === 'image').value))
        .toEqual(['$(params.ref)', '$(tasks.push.results.IMAGE_URL)@$(tasks.push.results.IMAGE_DIGEST)']);
    });
  });

  describe('the same refusals as with Task objects', () => {
    const cases: Array<[string, (embed: boolean) => Chart, string]> = [
      ['a step that runs as root', (embed) => {
        const x = app(embed);
        new SecureTask(x.c, 'lint', { steps: [step({ name: 'lint', runAsUser: 0 })] });
        x.pipeline.addTask({ task: x.c.node.findChild('lint') as SecureTask });
        return x.c;
      }, "SecureTask 'test/lint' step 'lint': runAsUser \"0\" runs as root [RUN_AS_NON_ROOT]. Remove runAsUser (the default is UID 65532), or add relaxations: [{ rule: RuleId.RUN_AS_NON_ROOT, reason: '<why>' }] to step 'lint'."],
      ['an escape-hatch patch on the Task', (embed) => {
        const x = app(embed);
        x.build.apiObject.addJsonPatch(JsonPatch.add('/spec/steps/0/securityContext/privileged', true));
        return x.c;
      }, "SecureTask 'test/build' step 'compile': securityContext.privileged \"true\" is true [NOT_PRIVILEGED]. Remove securityContext.privileged; this rule cannot be relaxed (build images with a daemonless builder instead)."],
      ['credentials for a task not marked trusted', (embed) => app(embed, { pushTrusted: false }).c,
        "SecureTask 'test/push': workspaces \"creds\" is a credentials workspace on a task not marked trusted [CREDENTIALS_TRUSTED_TASK]. Mark the task trusted (trusted: true) only if it runs no user code; otherwise give the credential to a separate trusted task."],
      ['a relaxation of the Task that covers nothing', (embed) => app(embed, { buildRelaxations: [{ rule: RuleId.IMAGE_DIGEST, reason: 'the images come from a mirror' }] }).c,
        "SecureTask 'test/build': relaxations[0].rule \"IMAGE_DIGEST\" covers nothing: IMAGE_DIGEST holds in the objects SecureTask 'test/build' writes [RELAXATION_REASON]. "
        + 'Remove the relaxation: a relaxation that covers nothing would silently cover what a later change breaks.'],
      ['a relaxation target that names no step', (embed) => app(embed, { buildRelaxations: [{ rule: RuleId.RUN_AS_NON_ROOT, target: 'step/instal', reason: 'the installer writes to /usr as root' }] }).c,
        "SecureTask 'test/build': relaxations[0].target \"step/instal\" names no part of the objects SecureTask 'test/build' writes [RELAXATION_REASON]. "
        + 'Use one of: step/compile, step/install, stepTemplate, or leave target out to cover the whole object.'],
    ];
    test.each(cases)('%s', (_name, make, expected) => {
      const standalone = refusal(() => Testing.synth(make(false)));
      expect(refusal(() => Testing.synth(make(true)))).toBe(standalone);
      expect(standalone).toBe(expected);
    });
  });
});

describeWithTektonSubstitute('SecurePipeline embedTasks against Tekton\'s own substitution (conformance/cmd/tekton-substitute): a PipelineRun\'s params reach no embedded spec', () => {
  const IDENTITY = 'https://github.com/example/app/.github/workflows/release.yml@refs/heads/main';
  const ISSUER = 'https://token.actions.githubusercontent.com';
  /** A run of pipeline `release` that gives the image and, undeclared by the pipeline, the verify task's own params. */
  const run = {
    apiVersion: 'tekton.dev/v1',
    kind: 'PipelineRun',
    metadata: { name: 'release-run', namespace: 'ci' },
    spec: {
      pipelineRef: { name: 'release' },
      params: [
        { name: 'image', value: `registry.example.com/team/app@sha256:${'a'.repeat(64)}` },
        { name: 'certificate-identity', value: 'attacker@example.com' },
        { name: 'certificate-oidc-issuer', value: 'https://github.com/login/oauth' },
        { name: 'rekor-url', value: 'https://rekor.attacker.example' },
      ],
    },
  };

  test('ImageVerify keeps the pipeline\'s signer identity, issuer and Rekor, embedded as with a Task object', () => {
    const requests = [true, false].map((embed) => {
      const c = new Chart(Testing.app(), 'c', { namespace: 'ci' });
      const pipeline = new SecurePipeline(c, 'release', { embedTasks: embed, parameters: [{ name: 'image' }] });
      pipeline.addTask({
        task: new ImageVerify(c, 'image-verify', { signer: ImageSigner.keyless({ oidcIssuer: ISSUER, identity: IDENTITY }) }),
        name: 'verify',
        parameters: { image: '$(params.image)' },
      }).allowEgressTo(EgressPeer.cidr('203.0.113.0/24'), [EgressPort.tcp(443)]);
      const objects = Testing.synth(c);
      return { run, pipeline: objects.find((o: any) => o.kind === 'Pipeline'), tasks: objects.filter((o: any) => o.kind === 'Task') };
    });
    expect(requests.map((r) => r.tasks.length)).toEqual([0, 1]);
    for (const answer of tektonSubstitute(requests)) {
      const steps = answer.taskRuns![0].taskSpec.steps.filter((s: any) => s.name.startsWith('verify'));
      expect(steps.length).toBeGreaterThan(0);
      for (const s of steps) {
        expect(s.args.filter((a: string) => /^--(certificate|rekor)/.test(a))).toEqual([
          `--certificate-identity=${IDENTITY}`, `--certificate-oidc-issuer=${ISSUER}`, '--rekor-url=https://rekor.sigstore.dev',
        ]);
      }
    }
  });

  test('a run\'s array for a string param that is a whole args element, refused above: the element disappears unless the pipeline declares a string param of its name', () => {
    const spec = {
      params: [{ name: 'k', type: 'string' }, { name: 'a', type: 'string' }],
      steps: [{ name: 's', image: PINNED, command: ['verify'], args: ['--key', '$(params.k)', '$(params.a)', 'key=$(params.k)'] }],
    };
    const pipeline = (params?: any[]) => ({
      apiVersion: 'tekton.dev/v1',
      kind: 'Pipeline',
      metadata: { name: 'p', namespace: 'ci' },
      spec: { ...(params ? { params } : {}), tasks: [{ name: 't', taskSpec: spec, params: [{ name: 'a', value: 'pipeA' }, { name: 'k', value: 'pipeK' }] }] },
    });
    const given = (p: any, params: any[]) => ({ run: { ...run, spec: { pipelineRef: { name: 'p' }, params } }, pipeline: p });
    const answers = tektonSubstitute([
      given(pipeline(), []),
      given(pipeline(), [{ name: 'k', value: ['run1', 'run2'] }]),
      given(pipeline([{ name: 'k', type: 'array', default: ['x'] }]), [{ name: 'k', value: ['run1', 'run2'] }]),
      given(pipeline([{ name: 'k', type: 'string', default: 'x' }]), [{ name: 'k', value: ['run1', 'run2'] }]),
      given(pipeline([{ name: 'k', type: 'string', default: 'x' }]), [{ name: 'k', value: 'run' }]),
    ]);
    expect(answers.map((a) => a.error ?? a.taskRuns!.map((t) => t.taskSpec.steps[0].args))).toEqual([
      [['--key', 'pipeK', 'pipeA', 'key=pipeK']],
      [['--key', 'pipeA', 'key=pipeK']],
      [['--key', 'pipeA', 'key=pipeK']],
      'reconciler: parameters have inconsistent types : [k]',
      [['--key', 'pipeK', 'pipeA', 'key=pipeK']],
    ]);
    // the value a step passes a StepAction's param: a run's array or object of the name leaves the StepAction's own substitution as written
    const action = { apiVersion: 'tekton.dev/v1beta1', kind: 'StepAction', metadata: { name: 'act', namespace: 'ci' }, spec: { image: PINNED, params: [{ name: 'file', type: 'string' }], args: ['file=$(params.file)'] } };
    const withAction = pipeline();
    withAction.spec.tasks[0].taskSpec = { ...spec, steps: [{ name: 'use', ref: { name: 'act' }, params: [{ name: 'file', value: '$(params.k)' }] }] } as any;
    const actionAnswers = tektonSubstitute([[], [{ name: 'k', value: ['run1'] }], [{ name: 'k', value: { x: 'run' } }]]
      .map((params) => ({ ...given(withAction, params), stepActions: [action] })));
    expect(actionAnswers.map((a) => a.error ?? a.taskRuns!.map((t) => t.taskSpec.steps[0].args))).toEqual([[['file=pipeK']], [['file=$(params.file)']], [['file=$(params.file)']]]);
  });

  test('what passing a param does not stop, refused above: a matrix param, an element of an array, a key of an object', () => {
    const spec = {
      params: [{ name: 'mode', default: 'fast' }, { name: 'arch', default: 'amd64' }, { name: 'tags', type: 'array', default: ['a'] },
        { name: 'conf', type: 'object', properties: { level: { type: 'string' } }, default: { level: '1' } }],
      steps: [{ name: 's', image: PINNED, args: ['mode=$(params.mode)', 'arch=$(params.arch)', 'tag=$(params.tags[0])', 'level=$(params.conf.level)'] }],
    };
    const pipeline = {
      apiVersion: 'tekton.dev/v1',
      kind: 'Pipeline',
      metadata: { name: 'p', namespace: 'ci' },
      spec: {
        tasks: [{
          name: 't',
          taskSpec: spec,
          params: [{ name: 'conf', value: { level: 'pipeline' } }, { name: 'tags', value: ['pipeline'] }],
          matrix: { params: [{ name: 'mode', value: ['pipeline'] }], include: [{ name: 'one', params: [{ name: 'arch', value: 'pipeline' }] }] },
        }],
      },
    };
    const given = (params: any[]) => ({ run: { ...run, spec: { pipelineRef: { name: 'p' }, params } }, pipeline });
    const answers = tektonSubstitute([
      given([]),
      given([{ name: 'mode', value: 'run' }, { name: 'arch', value: 'run' }, { name: 'tags', value: ['run'] }, { name: 'conf.level', value: 'run' }]),
    ]);
    expect(answers.map((a) => a.taskRuns!.map((t) => t.taskSpec.steps[0].args))).toEqual([
      [['mode=pipeline', 'arch=pipeline', 'tag=pipeline', 'level=pipeline']],
      [['mode=run', 'arch=run', 'tag=run', 'level=run']],
    ]);
  });
});

describe('SecurePipeline refusals beside Tekton\'s webhook (TEKTON_ADMITTED)', () => {
  test.each([
    ['unknown runAfter', (f: ReturnType<typeof fixture>) => {
      f.pipeline.addTask({ task: f.clone, parameters: { url: 'x' }, workspaces: { source: 'source' }, runAfter: ['compile'] });
    }, "SecurePipeline 'test/ci' task 'clone': runAfter \"compile\" names a task that is not in the pipeline [VALID_DAG]. Use one of: clone."],
    ['cycle through runAfter', (f: ReturnType<typeof fixture>) => {
      f.pipeline.addTask({ task: f.clone, parameters: { url: 'x' }, workspaces: { source: 'source' }, runAfter: ['build'] });
      f.pipeline.addTask({ task: f.build, workspaces: { source: 'source' }, runAfter: ['clone'] });
    }, "SecurePipeline 'test/ci' task 'clone': runAfter \"clone -> build -> clone\" forms a cycle [VALID_DAG]. Remove one runAfter or result reference so that the tasks form a DAG."],
  ])('%s: the construct\'s own refusal alone, not the webhook\'s reading of the Pipeline it writes', (_, build, message) => {
    const f = fixture();
    build(f);
    let thrown = '';
    try {
      only(f.c, 'Pipeline');
    } catch (e) {
      thrown = (e as Error).message;
    }
    expect(thrown).toBe(message);
  });
});

describe('SecurePipeline fixes that compile when pasted', () => {
  /** A Task whose step reads the second item of its array param `tags`, and a pipeline that runs it. */
  function indexing(tags?: string[]) {
    const c = chart();
    const t = new SecureTask(c, 'tagger', {
      parameters: [{ name: 'tags', valueType: ParamType.ARRAY, defaultArray: ['a'] }],
      steps: [step({ name: 'n', env: { TAG: '$(params.tags[1])' }, script: '#!/bin/sh\necho "$TAG"\n' })],
    });
    const p = new SecurePipeline(c, 'ci');
    p.addTask({ task: t, ...(tags !== undefined ? { arrayParameters: { tags } } : {}) });
    return c;
  }

  test('an array the pipeline task gives that the Task indexes beyond: said in arrayParameters, with the items given', () => {
    expect(() => Testing.synth(indexing(["it's"]))).toThrow(
      "SecurePipeline 'test/ci' pipeline task 'tagger': arrayParameters.tags \"[\\\"it's\\\"]\" is an array of 1 item, but Task 'tagger' refers to $(params.tags[1]) in its "
      + "steps, sidecars, stepTemplate, volumes and workspaces' mountPath: Tekton admits the pipeline, then fails every run of it when it runs the task "
      + '(its TaskRun fails with reason TaskRunValidationFailed: non-existent param references:[$(params.tags[1])]) [VALID_REFERENCE]. '
      + "Pass an array of at least 2 items in its addTask(...) options: arrayParameters: { tags: ['it\\'s', '<value>'] }, or refer only to indexes below 1 in the steps of SecureTask 'test/tagger'.");
  });

  test('an array the pipeline task leaves to the Task\'s default: the default\'s items, then placeholders', () => {
    expect(() => Testing.synth(indexing())).toThrow(
      "SecurePipeline 'test/ci' pipeline task 'tagger': arrayParameters \"tags\" is not given, and the default Task 'tagger' declares for the param is an array of 1 item ([\"a\"]), ");
    expect(() => Testing.synth(indexing())).toThrow("[VALID_REFERENCE]. Pass an array of at least 2 items in its addTask(...) options: arrayParameters: { tags: ['a', '<value>'] }, "
      + "or refer only to indexes below 1 in the steps of SecureTask 'test/tagger'.");
    // the fix, pasted, is accepted
    expect(() => Testing.synth(indexing(['a', '<value>']))).not.toThrow();
  });

  test('a result of a task that declares none: declare it, with the results prop written out', () => {
    const c = chart();
    const t = new SecureTask(c, 'unit', { steps: [step()] });
    const p = new SecurePipeline(c, 'ci');
    const unit = p.addTask({ task: t });
    expect(() => unit.result('outcome')).toThrow("SecurePipeline 'test/ci' task 'unit': result \"outcome\" is not a result of task 'unit' [VALID_REFERENCE]. "
      + "Declare it in the props of SecureTask 'test/unit': results: [{ name: 'outcome' }], and write it from a step (to the file $(results.outcome.path)).");
    expect(() => p.addResult({ name: 'outcome', value: '$(tasks.unit.results.outcome)' })).not.toThrow();
    expect(() => Testing.synth(c)).toThrow("SecurePipeline 'test/ci': results.outcome \"$(tasks.unit.results.outcome)\" references result 'outcome' that task 'unit' does not declare "
      + "[VALID_REFERENCE]. Declare it in the props of SecureTask 'test/unit': results: [{ name: 'outcome' }], and write it from a step (to the file $(results.outcome.path)).");
  });

  test('a result of a hardened task: only the results it declares', () => {
    const c = chart();
    const push = new ImagePush(c, 'push');
    const p = new SecurePipeline(c, 'ci');
    const t = p.addTask({ task: push });
    expect(() => t.result('DIGEST')).toThrow("[VALID_REFERENCE]. Use a result ImagePush 'test/push' declares: result('IMAGE_URL'), result('IMAGE_DIGEST').");
  });
});
