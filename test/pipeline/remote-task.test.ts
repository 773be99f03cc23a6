import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, JsonPatch, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { parse, stringify } from 'yaml';
import {
  HubTaskProps, HubType, ITaskDefinition, ParamType, RelaxationTarget, Relaxations, RemoteTask, RuleId, SecurePipeline, SecureStepAction, SecureTask,
  TaskContent,
  TaskReference, TaskResolver, TrustDomain,
  VerificationKey, VerificationPolicy,
} from '../../src';
import { seal } from '../../src/policy/engine/annotations';
import { only, objectsOf, refusalLinesOf, relaxationsOf, step } from '../helpers/constructs';
import { task as hardenedTask } from '../policy/rules/fixtures';

const DIGEST = 'c'.repeat(64);
const BUNDLE = `ghcr.io/example/tekton-tasks/git-clone@sha256:${DIGEST}`;
const COMMIT = '0123456789abcdef0123456789abcdef01234567';

/** A hardened Task `git-clone` as YAML, with a param, two workspaces and a result; `spec` replaces fields. */
function cloneYaml(spec: Record<string, any> = {}, name = 'git-clone'): string {
  const t = hardenedTask({
    params: [{ name: 'url', type: 'string' }, { name: 'depth', type: 'string', default: '1' }, { name: 'extra-args', type: 'array', default: [] }],
    workspaces: [{ name: 'output' }, { name: 'ssh-directory', optional: true, readOnly: true }],
    results: [{ name: 'commit' }],
    ...spec,
  });
  t.metadata = { name };
  return stringify(t);
}

const DOMAINS = { 'output': TrustDomain.SOURCE, 'ssh-directory': TrustDomain.CREDENTIALS };
/** The same workspaces for a task that is not trusted. */
const UNTRUSTED = { 'output': TrustDomain.SOURCE, 'ssh-directory': TrustDomain.CACHE };

/** A chart in namespace `ci`, and a VerificationPolicy that covers every remote task given to it. */
function app() {
  const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
  const policy = new VerificationPolicy(c, 'tasks', {
    resources: ['^never$'],
    authorities: [{ name: 'release', key: VerificationKey.fromSecret({ secretName: 'tasks-signing-pub' }) }],
    relaxations: [],
  });
  return { c, policy };
}

/** A pipeline `runs` that runs the task (a policy that matches no task a pipeline runs is refused). */
function runs(c: Chart, task: RemoteTask, workspaces: Record<string, string> = { output: 'source' }): SecurePipeline {
  const pipeline = new SecurePipeline(c, 'runs', {
    workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }, { name: 'creds', domain: TrustDomain.CREDENTIALS }],
    relaxations: [],
  });
  pipeline.addTask({ task, parameters: { url: 'git@github.com:example/app.git' }, workspaces });
  return pipeline;
}

/** A bundle task with the hardened content, trusted, covered by the chart's policy. */
function bundleTask(c: Chart, policy: VerificationPolicy, props: Partial<Parameters<typeof RemoteTask.fromBundle>[2]> = {}): RemoteTask {
  const t = RemoteTask.fromBundle(c, 'git-clone', { bundle: BUNDLE, content: TaskContent.fromYaml(cloneYaml()), workspaceDomains: DOMAINS, trusted: true, ...props });
  policy.addRemoteTask(t);
  return t;
}

describe('RemoteTask from a bundle: defaults', () => {
  const { c, policy } = app();
  const task = bundleTask(c, policy);
  const pipeline = new SecurePipeline(c, 'ci', { parameters: [{ name: 'url' }], workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }] });
  pipeline.addTask({ task, parameters: { url: '$(params.url)' }, workspaces: { output: 'source' } });
  const objects = Testing.synth(c);

  test('the pipeline task refers to the bundle by digest, through the bundles resolver', () => {
    expect(only(c, 'Pipeline').spec.tasks).toEqual([{
      name: 'git-clone',
      taskRef: { resolver: 'bundles', params: [{ name: 'bundle', value: BUNDLE }, { name: 'name', value: 'git-clone' }, { name: 'kind', value: 'task' }] },
      params: [{ name: 'url', value: '$(params.url)' }],
      workspaces: [{ name: 'output', workspace: 'source' }],
    }]);
  });

  test('the content is checked, not written', () => {
    expect(objects.filter((o: any) => o.kind === 'Task')).toEqual([]);
  });

  test('the source Tekton matches and the pattern that matches exactly it', () => {
    expect(task.resolver).toBe(TaskResolver.BUNDLES);
    expect(task.source).toBe('ghcr.io/example/tekton-tasks/git-clone');
    expect(task.sourcePattern).toBe('^ghcr\\.io/example/tekton-tasks/git-clone$');
    expect(only(c, 'VerificationPolicy').spec.resources).toEqual([{ pattern: '^never$' }, { pattern: '^ghcr\\.io/example/tekton-tasks/git-clone$' }]);
  });

  test('the content\'s declarations drive the pipeline\'s checks', () => {
    expect(task.name).toBe('git-clone');
    expect(task.paramNames).toEqual(['url', 'depth', 'extra-args']);
    expect(task.param('depth')).toEqual({ name: 'depth', defaultValue: '1' });
    expect(task.param('extra-args')).toEqual({ name: 'extra-args', valueType: ParamType.ARRAY, defaultArray: [] });
    expect(task.workspaceDeclarations).toEqual([
      { name: 'output', domain: TrustDomain.SOURCE },
      { name: 'ssh-directory', domain: TrustDomain.CREDENTIALS, readOnly: true, optional: true },
    ]);
    expect(task.hasResult('commit')).toBe(true);
    expect(task.hasResult('digest')).toBe(false);
    expect(task.trusted).toBe(true);
  });
});

describe('RemoteTask from git, a hub, the cluster: the reference written', () => {
  const taskRefOf = (build: (c: Chart) => RemoteTask) => {
    const task = build(app().c);
    return { task, taskRef: task.taskReference };
  };
  const content = TaskContent.fromYaml(cloneYaml());

  test('git: the URL, the commit and the file', () => {
    const { task, taskRef } = taskRefOf((c) => RemoteTask.fromGit(c, 'git-clone', {
      url: 'https://github.com/example/tekton-tasks.git', revision: COMMIT, pathInRepo: 'task/git-clone/git-clone.yaml', content, workspaceDomains: UNTRUSTED,
    }));
    expect(taskRef).toEqual({ resolver: 'git', resolverParameters: { url: 'https://github.com/example/tekton-tasks.git', revision: COMMIT, pathInRepo: 'task/git-clone/git-clone.yaml' } });
    expect(task.source).toBe('https://github.com/example/tekton-tasks.git');
    expect(task.sourcePattern).toBe('^https://github\\.com/example/tekton-tasks\\.git$');
    expect(task.trusted).toBe(false);
  });

  test('hub: catalog, type and kind written explicitly, the exact version; the source of Artifact Hub', () => {
    const { task, taskRef } = taskRefOf((c) => RemoteTask.fromHub(c, 'git-clone', { version: '0.9', content, workspaceDomains: UNTRUSTED }));
    expect(taskRef).toEqual({ resolver: 'hub', resolverParameters: { catalog: 'tekton-catalog-tasks', type: 'artifact', kind: 'task', name: 'git-clone', version: '0.9' } });
    expect(task.source).toBe('https://artifacthub.io/api/v1/packages/tekton-task/tekton-catalog-tasks/git-clone/0.9.0');
  });

  test('a Tekton Hub: its URL written as the url param, which the hub resolver fetches from', () => {
    const { task, taskRef } = taskRefOf((c) => RemoteTask.fromHub(c, 'git-clone', {
      version: '0.9', hubType: HubType.TEKTON, hubUrl: 'https://api.hub.example.com/', content, workspaceDomains: UNTRUSTED,
    }));
    expect(taskRef.resolverParameters).toEqual({ catalog: 'Tekton', type: 'tekton', kind: 'task', name: 'git-clone', version: '0.9', url: 'https://api.hub.example.com/' });
    expect(task.source).toBe('https://api.hub.example.com/v1/resource/Tekton/task/git-clone/0.9/yaml');
    expect(task.sourcePattern).toBe('^https://api\\.hub\\.example\\.com/v1/resource/Tekton/task/git-clone/0\\.9/yaml$');
    // a patch of 0 is the listed <major>.<minor>
    expect(() => RemoteTask.fromHub(app().c, 'git-clone', { version: '0.9.0', hubType: HubType.TEKTON, hubUrl: 'https://api.hub.example.com', content, workspaceDomains: UNTRUSTED })).not.toThrow();
  });

  test('hub: a version with a `v` or an `=`, read as the hub resolver reads it (goversion.NewConstraint), is written as given; the source is the release\'s', () => {
    // (spaces around it are refused, as around every literal of a reference)
    for (const version of ['v0.9.0', '=0.9.0', '= 0.9', 'v0.9', '=v0.09']) {
      const artifact = taskRefOf((c) => RemoteTask.fromHub(c, 'git-clone', { version, content, workspaceDomains: UNTRUSTED }));
      expect(artifact.taskRef.resolverParameters?.version).toBe(version);
      expect([version, artifact.task.source]).toEqual([version, 'https://artifacthub.io/api/v1/packages/tekton-task/tekton-catalog-tasks/git-clone/0.9.0']);
      const tekton = taskRefOf((c) => RemoteTask.fromHub(c, 'git-clone', { version, hubType: HubType.TEKTON, hubUrl: 'https://api.hub.example.com', content, workspaceDomains: UNTRUSTED }));
      expect([version, tekton.task.source]).toEqual([version, 'https://api.hub.example.com/v1/resource/Tekton/task/git-clone/0.9/yaml']);
    }
  });

  test('hub: a version with zeros after the patch (`0.9.0.0`) names the release go-version pads it to equal; written as given', () => {
    const artifact = taskRefOf((c) => RemoteTask.fromHub(c, 'git-clone', { version: '0.9.0.0', content, workspaceDomains: UNTRUSTED }));
    expect(artifact.taskRef.resolverParameters?.version).toBe('0.9.0.0');
    expect(artifact.task.source).toBe('https://artifacthub.io/api/v1/packages/tekton-task/tekton-catalog-tasks/git-clone/0.9.0');
    const tekton = taskRefOf((c) => RemoteTask.fromHub(c, 'git-clone', { version: '0.9.0.0', hubType: HubType.TEKTON, hubUrl: 'https://api.hub.example.com', content, workspaceDomains: UNTRUSTED }));
    expect(tekton.task.source).toBe('https://api.hub.example.com/v1/resource/Tekton/task/git-clone/0.9/yaml');
    // a number other than 0 after the patch equals no listed version
    expect(() => RemoteTask.fromHub(app().c, 'git-clone', { version: '0.9.0.1', content, workspaceDomains: UNTRUSTED })).toThrow(
      "RemoteTask 'test/git-clone': version \"0.9.0.1\" has a number other than 0 after the patch (0.9.0.1), which no hub version has (a Tekton Hub lists <major>.<minor>, "
      + 'an Artifact Hub <major>.<minor>.<patch>): the hub resolver finds no listed version equal to it, so every run would fail [VALID_SPEC]. '
      + "Give the exact version, e.g. version: '0.9' or '0.9.1'.");
  });

  test('a hub reference written otherwise (an ITaskDefinition of the app) has its version judged as fromHub judges it, by REMOTE_REFERENCE_PINNED', () => {
    class HubTask extends Construct implements ITaskDefinition {
      public readonly name = 'git-clone';
      public readonly trusted = false;
      public readonly paramNames: string[] = [];
      public readonly workspaceDeclarations = [];
      public readonly taskReference: TaskReference;
      public constructor(scope: Construct, id: string, version: string) {
        super(scope, id);
        this.taskReference = { resolver: 'hub', resolverParameters: { type: 'tekton', catalog: 'Tekton', kind: 'task', name: 'git-clone', version, url: 'https://api.hub.example.com' } };
      }
      public param() { return undefined; }
      public workspace() { return undefined; }
      public hasResult() { return false; }
    }
    const synth = (version: string) => () => {
      const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
      new SecurePipeline(c, 'runs', { relaxations: [{ rule: RuleId.REMOTE_REFERENCE_VERIFIED, reason: 'verified elsewhere' }] }).addTask({ task: new HubTask(c, 'hub', version) });
      Testing.synth(c);
    };
    expect(synth('0.9.1')).toThrow("SecurePipeline 'test/runs' task 'git-clone': taskRef.params.version \"0.9.1\" has patch 1, which no Tekton Hub version has "
      + '(a Tekton Hub lists <major>.<minor>): the hub resolver finds no listed version equal to it, so every run would fail [REMOTE_REFERENCE_PINNED]. '
      + 'Give the version as the Tekton Hub lists it: version: "0.9".');
    expect(synth('~>0.9')).toThrow("SecurePipeline 'test/runs' task 'git-clone': taskRef.params.version \"~>0.9\" is not an exact version: a range or constraint "
      + 'picks the newest match at run time [REMOTE_REFERENCE_PINNED]. Give the exact version, e.g. version: "0.9" (a Tekton Hub lists <major>.<minor>).');
    expect(synth('0.9')).not.toThrow();
  });

  test('Artifact Hub: the policy pattern also matches the +<build> releases the hub resolver fetches for the version', () => {
    const { task } = taskRefOf((c) => RemoteTask.fromHub(c, 'git-clone', { version: '0.9', content, workspaceDomains: UNTRUSTED }));
    expect(task.sourcePattern).toBe('^https://artifacthub\\.io/api/v1/packages/tekton-task/tekton-catalog-tasks/git-clone/0\\.9\\.0(?:\\+[0-9A-Za-z~-]+(?:\\.[0-9A-Za-z~-]+)*)?$');
  });

  describe('a hub URL: what Tekton fetches, the source the rules derive and the policy pattern agree', () => {
    const hubTask = (c: Chart, type: HubType, hubUrl: string) => RemoteTask.fromHub(c, 'git-clone', {
      version: type === HubType.TEKTON ? '0.9' : '0.9.1', hubType: type, hubUrl, content: TaskContent.fromYaml(cloneYaml()), workspaceDomains: UNTRUSTED,
    });
    const policyOf = (c: Chart, props: { remoteTasks?: RemoteTask[]; resources?: string[] }) => new VerificationPolicy(c, 'tasks', {
      ...props, authorities: [{ name: 'release', key: VerificationKey.fromSecret({ secretName: 'tasks-signing-pub' }) }],
    });

    test.each<[HubType, string, string]>([
      [HubType.ARTIFACT, 'https://hub.internal.example.com', '^https://hub\\.internal\\.example\\.com/api/v1/packages/tekton-task/tekton-catalog-tasks/git-clone/0\\.9\\.1(?:\\+[0-9A-Za-z~-]+(?:\\.[0-9A-Za-z~-]+)*)?$'],
      [HubType.TEKTON, 'https://api.hub.example.com', '^https://api\\.hub\\.example\\.com/v1/resource/Tekton/task/git-clone/0\\.9/yaml$'],
    ])('%s hub at %s with new VerificationPolicy({ remoteTasks: [task] }) synthesizes', (type, hubUrl, pattern) => {
      const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
      const task = hubTask(c, type, hubUrl);
      policyOf(c, { remoteTasks: [task] });
      runs(c, task);
      const objects = Testing.synth(c);
      const pipeline = objects.find((o) => o.kind === 'Pipeline');
      expect(pipeline.spec.tasks[0].taskRef.params).toContainEqual({ name: 'url', value: hubUrl });
      expect(objects.find((o) => o.kind === 'VerificationPolicy').spec.resources).toEqual([{ pattern }]);
    });

    test('a policy that matches the default Artifact Hub, not the hub the task is fetched from, is refused', () => {
      const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
      const task = hubTask(c, HubType.ARTIFACT, 'https://hub.internal.example.com');
      policyOf(c, { resources: ['^https://artifacthub\\.io/api/v1/packages/tekton-task/tekton-catalog-tasks/git-clone/0\\.9\\.1$'] });
      runs(c, task);
      const source = 'https://hub.internal.example.com/api/v1/packages/tekton-task/tekton-catalog-tasks/git-clone/0.9.1';
      expect(() => Testing.synth(c)).toThrow([
        '2 findings; nothing was written:',
        `  SecurePipeline 'test/runs' task 'git-clone': taskRef "${source}" matches no VerificationPolicy of namespace 'ci': Tekton runs it without verifying a signature, `
        + 'or fails the run when trusted-resources-verification-no-match-policy is "fail" [REMOTE_REFERENCE_VERIFIED]. Add a VerificationPolicy in the namespace of the runs whose resources match the source, '
        + 'with the key the content is signed with: a VerificationPolicy construct whose remoteTasks prop lists the task and whose authorities hold the key. '
        + "Or relax REMOTE_REFERENCE_VERIFIED with a reason in the props of SecurePipeline 'test/runs': relaxations: [{ rule: RuleId.REMOTE_REFERENCE_VERIFIED, target: 'task/git-clone', reason: '<why>' }].",
        "  VerificationPolicy 'test/tasks': spec.resources \"^https://artifacthub\\\\.io/api/v1/packages/tekton-task/tekton-catalog-tasks/git-clone/0\\\\.9\\\\.1$\" match none of the sources "
        + `fetched through a resolver of namespace 'ci' ("${source}"), and Tekton verifies nothing else (never a Task referenced by name), so the policy protects nothing [VERIFICATION_POLICY_USED]. `
        + 'Refer to the tasks the policy is for through a resolver (RemoteTask.fromBundle pinned by digest, RemoteTask.fromGit at a commit) and build the policy from them (remoteTasks: [task]), or remove the policy. '
        + "Or relax VERIFICATION_POLICY_USED with a reason in its props: relaxations: [{ rule: RuleId.VERIFICATION_POLICY_USED, reason: '<why>' }].",
      ].join('\n'));
    });
  });

  test('cluster: the namespace and name; every pipeline that runs it relaxes REMOTE_REFERENCE_PINNED for that task', () => {
    const { task, taskRef } = taskRefOf((c) => RemoteTask.fromCluster(c, 'git-clone', { namespaceName: 'tekton-tasks', content, workspaceDomains: UNTRUSTED }));
    expect(taskRef).toEqual({ resolver: 'cluster', resolverParameters: { kind: 'task', name: 'git-clone', namespace: 'tekton-tasks' } });
    expect(task.source).toBe('/apis/tekton.dev/v1/namespaces/tekton-tasks/task/git-clone@<uid>');
    expect(task.sourcePattern).toBe('^/apis/tekton\\.dev/v1/namespaces/tekton-tasks/task/git-clone@[0-9a-f-]+$');
  });

  test('cluster: refused without the relaxation, written with it and its reason', () => {
    const { c, policy } = app();
    const task = RemoteTask.fromCluster(c, 'git-clone', { namespaceName: 'tekton-tasks', content, workspaceDomains: UNTRUSTED });
    policy.addRemoteTask(task);
    const pipeline = new SecurePipeline(c, 'ci', { workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }] });
    pipeline.addTask({ task, parameters: { url: 'x' }, workspaces: { output: 'source' } });
    expect(() => Testing.synth(c)).toThrow(
      "SecurePipeline 'test/ci' task 'git-clone': taskRef.resolver \"cluster\" fetches the Task as the cluster holds it at run time: nothing pins its content [REMOTE_REFERENCE_PINNED]. "
      + 'Publish it as an OCI bundle and refer to it by digest (resolver bundles), or at a commit in git (resolver git, revision: <40 hex>). '
      + "Or relax REMOTE_REFERENCE_PINNED with a reason in the props of SecurePipeline 'test/ci': relaxations: [{ rule: RuleId.REMOTE_REFERENCE_PINNED, target: 'task/git-clone', reason: '<why>' }].",
    );
    Relaxations.of(pipeline).add({ rule: RuleId.REMOTE_REFERENCE_PINNED, target: RelaxationTarget.task('git-clone'), reason: 'the platform team owns tekton-tasks' });
    expect(relaxationsOf(only(c, 'Pipeline'))).toEqual({ 'secure-tekton/relax.REMOTE_REFERENCE_PINNED': 'task/git-clone: the platform team owns tekton-tasks' });
  });
});

describe('RemoteTask content is checked with the whole catalogue, without being written', () => {
  const unpinnedStep = { ...hardenedTask().spec.steps[0], image: 'alpine:3.21' };

  test('a finding in the content is a refusal of the RemoteTask, in the content\'s terms', () => {
    const { c, policy } = app();
    bundleTask(c, policy, { content: TaskContent.fromYaml(cloneYaml({ steps: [unpinnedStep] })) });
    expect(() => Testing.synth(c)).toThrow(
      "RemoteTask 'test/git-clone' content step 'compile': image \"alpine:3.21\" is not pinned by digest [IMAGE_DIGEST]. Use \"alpine@sha256:<64 hex>\". "
      + "Or relax IMAGE_DIGEST with a reason in the props of RemoteTask 'test/git-clone': relaxations: [{ rule: RuleId.IMAGE_DIGEST, target: 'step/compile', reason: '<why>' }].",
    );
  });

  test('every substitution a content script pastes is refused, each once with how often the script holds it', () => {
    const { c, policy } = app();
    const script = '#!/bin/sh\necho $(params.url) $(params.depth)\ncd $(params.url) && git fetch --depth $(params.depth) $(params.url)\n';
    const content = TaskContent.fromYaml(cloneYaml({ steps: [{ ...hardenedTask().spec.steps[0], script }] }));
    runs(c, bundleTask(c, policy, { content, workspaceDomains: UNTRUSTED, trusted: false }));
    expect(() => Testing.synth(c)).toThrow([
      '2 findings; nothing was written:',
      "  RemoteTask 'test/git-clone' content step 'compile': script \"$(params.url)\" pastes a substitution into a script (3 times) [SCRIPT_INJECTION]. "
      + 'Pass it through env instead: env: [{ name: \'URL\', value: \'$(params.url)\' }] and use "$URL" (quoted) in the script.',
      "  RemoteTask 'test/git-clone' content step 'compile': script \"$(params.depth)\" pastes a substitution into a script (2 times) [SCRIPT_INJECTION]. "
      + 'Pass it through env instead: env: [{ name: \'DEPTH\', value: \'$(params.depth)\' }] and use "$DEPTH" (quoted) in the script.',
    ].join('\n'));
  });

  test('relaxed in the RemoteTask\'s props, or with Relaxations.of: synth passes and the relaxation is listed', () => {
    const reason = 'the vendor publishes tags only';
    const { c, policy } = app();
    runs(c, bundleTask(c, policy, {
      content: TaskContent.fromYaml(cloneYaml({ steps: [unpinnedStep] })),
      relaxations: [{ rule: RuleId.IMAGE_DIGEST, target: RelaxationTarget.step('compile'), reason }],
    }));
    expect(() => Testing.synth(c)).not.toThrow();
    expect(Relaxations.of(c).forRule(RuleId.IMAGE_DIGEST)).toEqual([{ rule: RuleId.IMAGE_DIGEST, target: 'step/compile', reason, path: 'test/git-clone' }]);

    const other = app();
    const task = bundleTask(other.c, other.policy, { content: TaskContent.fromYaml(cloneYaml({ steps: [unpinnedStep] })) });
    runs(other.c, task);
    Relaxations.of(task).add({ rule: RuleId.IMAGE_DIGEST, target: RelaxationTarget.step('compile'), reason });
    expect(() => Testing.synth(other.c)).not.toThrow();
  });

  test('a relaxation that covers nothing in the content is refused', () => {
    const { c, policy } = app();
    bundleTask(c, policy, { relaxations: [{ rule: RuleId.IMAGE_DIGEST, target: RelaxationTarget.step('compile'), reason: 'the vendor publishes tags only' }] });
    expect(() => Testing.synth(c)).toThrow(
      "RemoteTask 'test/git-clone': relaxations[0].rule \"IMAGE_DIGEST\" covers nothing: IMAGE_DIGEST holds for step/compile in the objects RemoteTask 'test/git-clone' checks [RELAXATION_REASON].",
    );
  });

  test('the content\'s own relaxation records never count, even under the library\'s seal: the refusal says to restate them on the RemoteTask', () => {
    // a Task this library wrote elsewhere, with a recorded relaxation, vendored as published
    const publisher = new Chart(new App(), 'tasks');
    new SecureTask(publisher, 'git-clone', {
      parameters: [{ name: 'url' }],
      workspaces: [{ name: 'output', domain: TrustDomain.SOURCE }],
      steps: [step({ name: 'compile', image: 'alpine:3.21', relaxations: [{ rule: RuleId.IMAGE_DIGEST, reason: 'the vendor publishes tags only' }] })],
    });
    const published = Testing.synth(publisher).find((o: any) => o.kind === 'Task');
    expect(published.metadata.annotations['secure-tekton/seal']).toMatch(/^sha256:/);
    const content = () => TaskContent.fromYaml(stringify(published));
    const sealed = app();
    runs(sealed.c, bundleTask(sealed.c, sealed.policy, { content: content(), workspaceDomains: { output: TrustDomain.SOURCE }, trusted: false }));
    expect(() => Testing.synth(sealed.c)).toThrow(
      "RemoteTask 'test/git-clone' content step 'compile': image \"alpine:3.21\" is not pinned by digest [IMAGE_DIGEST]. Use \"alpine@sha256:<64 hex>\". "
      + 'The content\'s own record metadata.annotations["secure-tekton/relax.IMAGE_DIGEST"] "step/compile: the vendor publishes tags only" is not honoured: '
      + 'what a resolver fetches cannot relax its own findings. If the reason holds for this app, restate it on RemoteTask \'test/git-clone\': '
      + "relaxations: [{ rule: RuleId.IMAGE_DIGEST, target: 'step/compile', reason: 'the vendor publishes tags only' }] in its props, "
      + "or Relaxations.of(gitClone).add({ rule: RuleId.IMAGE_DIGEST, target: 'step/compile', reason: 'the vendor publishes tags only' }).",
    );

    // restated as the message says, in the props or with Relaxations.of
    const restated = app();
    runs(restated.c, bundleTask(restated.c, restated.policy, {
      content: content(),
      workspaceDomains: { output: TrustDomain.SOURCE },
      trusted: false,
      relaxations: [{ rule: RuleId.IMAGE_DIGEST, target: 'step/compile', reason: 'the vendor publishes tags only' }],
    }));
    expect(() => Testing.synth(restated.c)).not.toThrow();
    const added = app();
    const gitClone = bundleTask(added.c, added.policy, { content: content(), workspaceDomains: { output: TrustDomain.SOURCE }, trusted: false });
    runs(added.c, gitClone);
    Relaxations.of(gitClone).add({ rule: RuleId.IMAGE_DIGEST, target: 'step/compile', reason: 'the vendor publishes tags only' });
    expect(() => Testing.synth(added.c)).not.toThrow();
  });

  test('a seal computed by whoever publishes the content relaxes nothing (the seal is no signature)', () => {
    const forged = hardenedTask({ steps: [{ ...unpinnedStep, name: 'compile' }] });
    forged.metadata = { name: 'git-clone', annotations: { 'secure-tekton/relax.IMAGE_DIGEST': "*: it's fine, trust us" } };
    seal(forged);
    const { c, policy } = app();
    runs(c, bundleTask(c, policy, { content: TaskContent.fromYaml(stringify(forged)), workspaceDomains: {}, trusted: false }), {});
    expect(() => Testing.synth(c)).toThrow(
      "RemoteTask 'test/git-clone' content step 'compile': image \"alpine:3.21\" is not pinned by digest [IMAGE_DIGEST]. Use \"alpine@sha256:<64 hex>\". "
      + 'The content\'s own record metadata.annotations["secure-tekton/relax.IMAGE_DIGEST"] "*: it\'s fine, trust us" is not honoured: '
      + 'what a resolver fetches cannot relax its own findings. If the reason holds for this app, restate it on RemoteTask \'test/git-clone\': '
      + "relaxations: [{ rule: RuleId.IMAGE_DIGEST, reason: 'it\\'s fine, trust us' }] in its props, "
      + "or Relaxations.of(gitClone).add({ rule: RuleId.IMAGE_DIGEST, reason: 'it\\'s fine, trust us' }).",
    );
  });

  test('content read from a file, as kubectl reads YAML', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'remote-task-'));
    const file = path.join(dir, 'git-clone.yaml');
    fs.writeFileSync(file, cloneYaml());
    const { c, policy } = app();
    const task = bundleTask(c, policy, { content: TaskContent.fromFile(file) });
    runs(c, task);
    expect(task.content.path).toBe(file);
    expect(task.paramNames).toEqual(['url', 'depth', 'extra-args']);
    expect(() => Testing.synth(c)).not.toThrow();
  });
});

describe('RemoteTask with a SecureTask of the app as content', () => {
  function fixture(trusted?: boolean) {
    const { c, policy } = app();
    const published = new Chart(c.node.scope as App, 'published-tasks', { namespace: 'ci' });
    const secure = new SecureTask(published, 'git-clone', {
      trusted: true,
      parameters: [{ name: 'url' }],
      workspaces: [{ name: 'output', domain: TrustDomain.SOURCE }, { name: 'ssh', domain: TrustDomain.CREDENTIALS }],
      results: [{ name: 'commit' }],
      steps: [step()],
    });
    const task = RemoteTask.fromBundle(c, 'clone', { bundle: BUNDLE, content: TaskContent.fromSecureTask(secure), ...(trusted !== undefined ? { trusted } : {}) });
    policy.addRemoteTask(task);
    runs(c, task, { output: 'source', ssh: 'creds' });
    return { c, secure, task };
  }

  test('its declarations, its name and its trust come with it; its Task is written (and checked) where it is', () => {
    const { c, task } = fixture();
    expect(task.name).toBe('git-clone');
    expect(task.trusted).toBe(true);
    expect(task.paramNames).toEqual(['url']);
    expect(task.workspace('ssh')?.domain).toBe(TrustDomain.CREDENTIALS);
    expect(task.hasResult('commit')).toBe(true);
    expect(task.taskReference.resolverParameters).toEqual({ bundle: BUNDLE, name: 'git-clone', kind: 'task' });
    const whole = c.node.scope as App;
    expect(whole.synthYaml()).toContain('kind: Task');
  });

  test('refused: a SecureTask of another app, and credentials on a task marked untrusted', () => {
    const other = new SecureTask(new Chart(new App(), 'x'), 'git-clone', { steps: [step()] });
    const { c } = app();
    expect(() => RemoteTask.fromBundle(c, 'clone', { bundle: BUNDLE, content: TaskContent.fromSecureTask(other) })).toThrow(
      "RemoteTask 'test/clone': content \"SecureTask 'x/git-clone'\" is not in this app, so the Task it writes is not checked here [VALID_SPEC]. "
      + "Create the SecureTask in this app (in a chart of its own, the file you sign and publish), or give the published Task's YAML: content: TaskContent.fromFile('<file>').",
    );
    expect(() => fixture(false)).toThrow(
      "RemoteTask 'test/clone': trusted \"false\" gives the credentials domain to workspace 'ssh' of a task not marked trusted [CREDENTIALS_TRUSTED_TASK]. "
      + 'Mark the task trusted (trusted: true) only if its content runs no user code; otherwise give the credential to a separate trusted task.',
    );
  });
});

describe('RemoteTask content the resolver\'s strict decoding refuses', () => {
  const bundle = BUNDLE;
  const STRICT = 'Tekton decodes what the resolver serves strictly and refuses it, so every run would fail';
  const JSON_TASK = JSON.stringify(parse(cloneYaml()));
  const build = (yaml: string) => () => RemoteTask.fromBundle(app().c, 'x', { bundle, content: TaskContent.fromYaml(yaml), workspaceDomains: UNTRUSTED });

  test.each<[string, string, string]>([
    ['a status', `${cloneYaml()}status: {}\n`,
      `RemoteTask 'test/x' content: status "status" is not a field of tekton.dev/v1 Task: ${STRICT} [VALID_SPEC]. Remove status: a Task has only apiVersion, kind, metadata, spec.`],
    ['a data key', `${cloneYaml()}data: x\n`,
      `RemoteTask 'test/x' content: data "data" is not a field of tekton.dev/v1 Task: ${STRICT} [VALID_SPEC]. Remove data: a Task has only apiVersion, kind, metadata, spec.`],
    ['a metadata key ObjectMeta does not have', cloneYaml().replace('metadata:\n', 'metadata:\n  foo: bar\n'),
      `RemoteTask 'test/x' content: metadata.foo "foo" is not a field of an object's metadata: ${STRICT} [VALID_SPEC]. Remove metadata.foo, or write it as a label or an annotation (metadata.annotations).`],
    ['a key an owner reference does not have, below metadata', cloneYaml().replace('metadata:\n', 'metadata:\n  ownerReferences:\n    - {apiVersion: v1, kind: ConfigMap, name: x, uid: u, owner: true}\n'),
      `RemoteTask 'test/x' content: metadata.ownerReferences[0].owner "owner" is not a field of an object's metadata there: ${STRICT} [VALID_SPEC]. `
      + 'Remove metadata.ownerReferences[0].owner, or write metadata.ownerReferences[0] with the fields Kubernetes gives it.'],
    ['a key a managed fields entry does not have', cloneYaml().replace('metadata:\n', 'metadata:\n  managedFields:\n    - {manager: kubectl, operation: Apply, Time: x}\n'),
      `RemoteTask 'test/x' content: metadata.managedFields[0].Time "Time" is not a field of an object's metadata there: ${STRICT} [VALID_SPEC]. `
      + 'Remove metadata.managedFields[0].Time, or write metadata.managedFields[0] with the fields Kubernetes gives it.'],
    ['a comment-only document before the Task', `---\n# c\n---\n${cloneYaml()}`,
      "RemoteTask 'test/x': content \"YAML\" has a first document that is empty (nothing but comments, or null, before the next '---'): Tekton decodes only the first document of what the resolver serves, "
      + `${STRICT} [VALID_SPEC]. Remove the empty document: start the file with the Task (or with '---' and then the Task).`],
    ['a null document before the Task', `null\n---\n${cloneYaml()}`,
      "RemoteTask 'test/x': content \"YAML\" has a first document that is empty (nothing but comments, or null, before the next '---'): Tekton decodes only the first document of what the resolver serves, "
      + `${STRICT} [VALID_SPEC]. Remove the empty document: start the file with the Task (or with '---' and then the Task).`],
    ['a JSON Task followed by ---', `${JSON_TASK}\n---\n`,
      "RemoteTask 'test/x': content \"YAML\" starts with \"{\", so Tekton decodes it as JSON, and it is not one JSON object alone (text after the object, such as '---', or YAML flow style): "
      + `${STRICT} [VALID_SPEC]. Give the Task as one JSON object with nothing after it, or as YAML in block style.`],
    ['a Task in YAML flow style', `{apiVersion: tekton.dev/v1, kind: Task, metadata: {name: git-clone}, spec: ${JSON.stringify(parse(cloneYaml()).spec)}}\n`,
      "RemoteTask 'test/x': content \"YAML\" starts with \"{\", so Tekton decodes it as JSON, and it is not one JSON object alone (text after the object, such as '---', or YAML flow style): "
      + `${STRICT} [VALID_SPEC]. Give the Task as one JSON object with nothing after it, or as YAML in block style.`],
    ['an unknown key under spec (the API server would drop it; the resolver refuses it)', cloneYaml({ foo: 1 }),
      `RemoteTask 'test/x' content: spec.foo "foo" is not a field of tekton.dev/v1 Task there: ${STRICT} [TEKTON_FIELD_NAMES]. `
      + 'Remove spec.foo, or write it where tekton.dev/v1 Task has the field; this rule cannot be relaxed.'],
    ['a key a param\'s property does not have, deep in spec', cloneYaml({ params: [{ name: 'cfg', type: 'object', properties: { user: { type: 'string', required: true } } }] }),
      `RemoteTask 'test/x' content: spec.params[0].properties.user.required "required" is not a field of tekton.dev/v1 Task there: ${STRICT} [TEKTON_FIELD_NAMES]. `
      + 'Remove spec.params[0].properties.user.required, or write it where tekton.dev/v1 Task has the field; this rule cannot be relaxed.'],
    ['a key spelled with other case under spec', cloneYaml().replace('    image: ', '    Image: '),
      `RemoteTask 'test/x' content: spec.steps[0].Image "Image" is not a field of tekton.dev/v1 Task there (the decoding matches field names with case): ${STRICT} [TEKTON_FIELD_NAMES]. `
      + 'Write the key as "image" at spec.steps[0].Image; this rule cannot be relaxed.'],
  ])('refused: %s', (_, yaml, message) => {
    expect(build(yaml)).toThrow(message);
  });

  test.each<[string, string]>([
    ['a leading ---', `---\n${cloneYaml()}`],
    ['a comment before the first ---', `# the Task\n---\n${cloneYaml()}`],
    ['empty documents after the Task (only the first is decoded)', `${cloneYaml()}---\n# c\n---\nnull\n`],
    ['one JSON object, with whitespace around it', `\n ${JSON_TASK}\n\n`],
    ['metadata ObjectMeta has', cloneYaml().replace('metadata:\n', 'metadata:\n  namespace: tasks\n  labels: {app: clone}\n  annotations: {note: x}\n')],
    ['owner references and managed fields as ObjectMeta has them (their maps and fieldsV1 hold any keys)', cloneYaml().replace('metadata:\n', 'metadata:\n'
      + '  ownerReferences:\n    - {apiVersion: v1, kind: ConfigMap, name: x, uid: u, controller: true, blockOwnerDeletion: false}\n'
      + '  managedFields:\n    - {manager: kubectl, operation: Apply, apiVersion: tekton.dev/v1, fieldsType: FieldsV1, fieldsV1: {"f:spec": {}}}\n')],
  ])('accepted: %s', (_, yaml) => {
    expect(build(yaml)).not.toThrow();
  });
});

describe('the content\'s array and object params keep their types', () => {
  const content = TaskContent.fromYaml(cloneYaml({
    params: [
      { name: 'url', type: 'string' },
      { name: 'extra-args', type: 'array', default: ['--depth=1'] },
      { name: 'cfg', type: 'object', properties: { user: { type: 'string' }, email: {} } },
      { name: 'inferred', properties: { a: {} }, default: { a: 'x' } },
      { name: 'flags', default: [] },
      { name: 'numbers', default: [1, 2] },
      { name: 'retries', default: 3 },
    ],
  }));

  /** A pipeline that runs the task with `options` (besides the url and the workspace). */
  function run(options: Record<string, any>) {
    const { c, policy } = app();
    const task = bundleTask(c, policy, { content, workspaceDomains: UNTRUSTED, trusted: false });
    const pipeline = new SecurePipeline(c, 'runs', { workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }], relaxations: [] });
    pipeline.addTask({ task, ...options, parameters: { url: 'git@github.com:example/app.git', ...options.params }, workspaces: { output: 'source' } });
    return { c, task };
  }

  test('declared or inferred as Tekton does (type, else properties, else the default)', () => {
    const { task } = run({ objectParameters: { cfg: { user: 'ci', email: 'ci@example.com' } } });
    expect(task.param('url')).toEqual({ name: 'url' });
    expect(task.param('extra-args')).toEqual({ name: 'extra-args', valueType: ParamType.ARRAY, defaultArray: ['--depth=1'] });
    expect(task.param('cfg')).toEqual({ name: 'cfg', valueType: ParamType.OBJECT, properties: ['user', 'email'] });
    expect(task.param('inferred')).toEqual({ name: 'inferred', valueType: ParamType.OBJECT, properties: ['a'], defaultObject: { a: 'x' } });
    expect(task.param('flags')).toEqual({ name: 'flags', valueType: ParamType.ARRAY, defaultArray: [] });
    // a list of numbers and a number are strings to Tekton's decoding (their JSON text), not an array
    expect(task.param('numbers')).toEqual({ name: 'numbers', defaultValue: '[1,2]' });
    expect(task.param('retries')).toEqual({ name: 'retries', defaultValue: '3' });
  });

  test('a string passed to an array param is refused (Tekton refuses the run)', () => {
    const { c } = run({ params: { 'extra-args': '--upload-pack=evil' }, objectParameters: { cfg: { user: 'ci', email: 'e' } } });
    expect(() => Testing.synth(c)).toThrow(
      "SecurePipeline 'test/runs' task 'git-clone': parameters.extra-args \"--upload-pack=evil\" passes a string to array param 'extra-args' of task 'git-clone' [VALID_REFERENCE]. "
      + "Pass it as arrayParameters: { 'extra-args': ['--upload-pack=evil'] }.",
    );
  });

  test('arrayParameters for an array param is written; params sorted by name, an object\'s keys too', () => {
    const { c } = run({ arrayParameters: { 'extra-args': ['--depth=1', '--single-branch'] }, objectParameters: { cfg: { user: 'ci', email: 'e' } } });
    expect(only(c, 'Pipeline').spec.tasks[0].params).toEqual([
      { name: 'cfg', value: { user: 'ci', email: 'e' } },
      { name: 'extra-args', value: ['--depth=1', '--single-branch'] },
      { name: 'url', value: 'git@github.com:example/app.git' },
    ]);
    expect(Object.keys(only(c, 'Pipeline').spec.tasks[0].params[0].value)).toEqual(['email', 'user']);
  });

  test('a string passed to an object param, and a required object param not passed, are refused', () => {
    expect(() => Testing.synth(run({ params: { cfg: 'x' } }).c)).toThrow(
      "SecurePipeline 'test/runs' task 'git-clone': parameters.cfg \"x\" passes a string to object param 'cfg' of task 'git-clone' [VALID_REFERENCE]. "
      + "Pass it as objectParameters: { cfg: { user: '<value>', email: '<value>' } }, or whole as parameters: { 'cfg': '$(params.<object param>[*])' }.",
    );
    expect(() => Testing.synth(run({}).c)).toThrow("objectParameters \"cfg\" is required by the task but not passed [VALID_REFERENCE]. Pass it in the task's addTask(...) options: objectParameters: { cfg: { user: '<value>', email: '<value>' } }.");
  });

  test('a type Tekton does not know is refused', () => {
    expect(() => RemoteTask.fromBundle(app().c, 'x', { bundle: BUNDLE, content: TaskContent.fromYaml(cloneYaml({ params: [{ name: 'count', type: 'int' }] })), workspaceDomains: UNTRUSTED })).toThrow(
      "RemoteTask 'test/x': content \"YAML\" declares param 'count' of type \"int\", which Tekton refuses [VALID_SPEC]. Give it type string, array or object, as in the Task the reference fetches.",
    );
  });

  test('an enum is refused: Tekton refuses the fetched Task while enable-param-enum is off', () => {
    const withEnum = (e: unknown) => TaskContent.fromYaml(cloneYaml({ params: [{ name: 'url' }, { name: 'mode', enum: e, default: 'fast' }] }));
    expect(() => RemoteTask.fromBundle(app().c, 'x', { bundle: BUNDLE, content: withEnum(['fast', 'slow']), workspaceDomains: UNTRUSTED })).toThrow(
      "RemoteTask 'test/x': content \"YAML\" declares param 'mode' with an enum (\"fast\", \"slow\"), which Tekton refuses while the feature flag "
      + 'enable-param-enum is off (its default, and TektonFeatureFlags leaves it off): the fetched Task fails validation and every run with it [VALID_SPEC]. '
      + "Fetch a Task whose params declare no enum, or write the task as a SecureTask whose param 'mode' has constraint: ParamConstraint.oneOf([...]).",
    );
    // not a list of strings: Tekton's decoding refuses it, whatever the flag
    for (const bad of ['fast', [1], { a: 'b' }]) {
      expect(() => RemoteTask.fromBundle(app().c, 'x', { bundle: BUNDLE, content: withEnum(bad), workspaceDomains: UNTRUSTED })).toThrow(
        `RemoteTask 'test/x': content \"YAML\" declares param 'mode' with enum ${JSON.stringify(bad)}, which is not a list of strings: Tekton cannot decode the fetched Task, `
        + 'and every run with it fails [VALID_SPEC]. Fetch a Task whose params declare no enum.',
      );
    }
    // an empty or null enum is none (Go decodes both to an empty list)
    for (const none of [[], null]) {
      expect(RemoteTask.fromBundle(app().c, 'x', { bundle: BUNDLE, content: withEnum(none), workspaceDomains: UNTRUSTED }).param('mode')?.defaultValue).toBe('fast');
    }
  });
});

describe('a trusted RemoteTask whose content runs a StepAction', () => {
  const BY_NAME = { name: 'helper', ref: { name: 'helper' } };
  const BY_RESOLVER = {
    name: 'helper',
    ref: { resolver: 'bundles', params: [{ name: 'bundle', value: `ghcr.io/example/actions@sha256:${'d'.repeat(64)}` }, { name: 'name', value: 'helper' }, { name: 'kind', value: 'stepaction' }] },
  };
  const FIX = "Write the StepAction's image and script into step 'helper' of the content in place of its ref, or build the task as a SecureTask whose step runs a SecureStepAction "
    + 'of this app (content: TaskContent.fromSecureTask(task)), or leave trusted out and give the credentials to a separate trusted task.';
  const withStep = (s: Record<string, any>) => cloneYaml({ steps: [{ ...s, computeResources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '1', memory: '256Mi' } } }] });

  test('refused by name (YAML): the run\'s namespace holds whatever StepAction of that name', () => {
    expect(() => RemoteTask.fromBundle(app().c, 'x', { bundle: BUNDLE, content: TaskContent.fromYaml(withStep(BY_NAME)), workspaceDomains: DOMAINS, trusted: true })).toThrow(
      "RemoteTask 'test/x' content step 'helper': ref.name \"helper\" runs StepAction 'helper' by name, which this app neither writes nor checks: the step's ref runs whatever "
      + "StepAction 'helper' the run's namespace holds when the run starts, with its own image, script and securityContext, in a task marked trusted (trusted: true); "
      + `trusted-resources verification does not cover StepActions [VALID_REFERENCE]. ${FIX}`,
    );
  });

  test('an unnamed step is named as Tekton names its container (unnamed-<index>)', () => {
    const { name: _, ...unnamed } = BY_NAME;
    expect(() => RemoteTask.fromBundle(app().c, 'x', { bundle: BUNDLE, content: TaskContent.fromYaml(withStep(unnamed)), workspaceDomains: DOMAINS, trusted: true })).toThrow(
      "RemoteTask 'test/x' content step 'unnamed-0': ref.name \"helper\" runs StepAction 'helper' by name, which this app neither writes nor checks: the step's ref runs whatever "
      + "StepAction 'helper' the run's namespace holds when the run starts, with its own image, script and securityContext, in a task marked trusted (trusted: true); "
      + `trusted-resources verification does not cover StepActions [VALID_REFERENCE]. ${FIX.replace("step 'helper'", "step 'unnamed-0'")}`,
    );
  });

  test('refused through a resolver (file), even pinned', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'remote-task-')), 'git-clone.yaml');
    fs.writeFileSync(file, withStep(BY_RESOLVER));
    expect(() => RemoteTask.fromGit(app().c, 'x', { url: 'https://github.com/example/tasks.git', revision: COMMIT, pathInRepo: 'a.yaml', content: TaskContent.fromFile(file), workspaceDomains: DOMAINS, trusted: true })).toThrow(
      "RemoteTask 'test/x' content step 'helper': ref.resolver \"bundles\" runs a StepAction the bundles resolver fetches when the run starts, which this app neither writes nor "
      + 'checks, with its own image, script and securityContext, in a task marked trusted (trusted: true); trusted-resources verification does not cover StepActions [VALID_REFERENCE]. '
      + FIX,
    );
  });

  test('made not trusted, then marked trusted by a change of the field: still not trusted, so credentials are refused', () => {
    const { c, policy } = app();
    const task = RemoteTask.fromBundle(c, 'git-clone', { bundle: BUNDLE, content: TaskContent.fromYaml(withStep(BY_RESOLVER)), workspaceDomains: UNTRUSTED });
    policy.addRemoteTask(task);
    (task as any).trusted = true;
    runs(c, task, { 'output': 'source', 'ssh-directory': 'creds' });
    expect(refusalLinesOf(c, RuleId.CREDENTIALS_TRUSTED_TASK)).toEqual([
      "SecurePipeline 'test/runs' task 'git-clone': workspaces.ssh-directory \"creds\" is a credentials workspace bound to a task not marked trusted [CREDENTIALS_TRUSTED_TASK]. "
      + 'Bind credentials only to a task that runs no user code (trusted: true in its SecureTask props), or move the step that needs them into a task of its own.',
    ]);
  });

  test('not trusted, the content is only checked', () => {
    expect(() => RemoteTask.fromBundle(app().c, 'x', { bundle: BUNDLE, content: TaskContent.fromYaml(withStep(BY_NAME)), workspaceDomains: UNTRUSTED })).not.toThrow();
  });

  /** A SecureTask (trusted, with credentials) whose step runs a SecureStepAction, both in a chart of `namespace`, run from pipelines of `pipelines`' namespaces. */
  function secureFixture(namespace: string, pipelines: string[]) {
    const whole = Testing.app();
    const published = new Chart(whole, 'published', { namespace });
    const action = new SecureStepAction(published, 'helper', { image: step().image!, script: '#!/bin/sh\necho hi\n' });
    const secure = new SecureTask(published, 'git-clone', {
      trusted: true,
      workspaces: [{ name: 'ssh', domain: TrustDomain.CREDENTIALS }],
      steps: [{ name: 'help', action }],
    });
    const c = new Chart(whole, 'ci', { namespace: 'ci' });
    const task = RemoteTask.fromBundle(c, 'clone', { bundle: BUNDLE, content: TaskContent.fromSecureTask(secure) });
    pipelines.forEach((ns, i) => {
      const chartOf = ns === 'ci' ? c : new Chart(whole, `runs-${ns}`, { namespace: ns });
      new VerificationPolicy(chartOf, `tasks-${i}`, { remoteTasks: [task], authorities: [{ name: 'release', key: VerificationKey.fromSecret({ secretName: 'k' }) }] });
      new SecurePipeline(chartOf, `runs-${i}`, { workspaces: [{ name: 'creds', domain: TrustDomain.CREDENTIALS }] }).addTask({ task, workspaces: { ssh: 'creds' } });
    });
    return whole;
  }

  test('a SecureTask\'s SecureStepAction written in the namespace of the pipelines that run it is accepted', () => {
    expect(() => secureFixture('ci', ['ci']).synth()).not.toThrow();
  });

  test.each<[string, string, string[], string]>([
    ['written where the SecureTask is, not where the pipeline runs it', 'tasks', ['ci'], 'ci'],
    ['run by pipelines of two namespaces', 'ci', ['ci', 'prod'], 'prod'],
  ])('refused: a SecureTask\'s SecureStepAction %s', (_, namespace, pipelines, missing) => {
    const whole = secureFixture(namespace, pipelines);
    expect(() => whole.synth()).toThrow(
      `RemoteTask 'ci/clone' content step 'help': action "helper" runs StepAction 'helper' of SecureStepAction 'published/helper', but its StepAction is written in namespace '${namespace}', `
      + `the pipeline in '${missing}': the step's ref runs whatever StepAction 'helper' the run's namespace '${missing}' holds when the run starts, in a task marked trusted `
      + "(from SecureTask 'published/git-clone'); trusted-resources verification does not cover StepActions [VALID_REFERENCE]. "
      + `Create SecureStepAction 'published/helper' in a chart of the pipeline's namespace: a Chart whose namespace prop is '${missing}'.`,
    );
  });
});

describe('a trusted RemoteTask holding credentials', () => {
  function fixture() {
    const { c, policy } = app();
    const task = bundleTask(c, policy);
    const pipeline = new SecurePipeline(c, 'ci', {
      workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }, { name: 'ssh', domain: TrustDomain.CREDENTIALS }],
    });
    pipeline.addTask({ task, parameters: { url: 'git@github.com:example/app.git' }, workspaces: { 'output': 'source', 'ssh-directory': 'ssh' } });
    return { c, pipeline };
  }

  test('is recorded on the Pipeline with the reason', () => {
    const { c } = fixture();
    expect(relaxationsOf(only(c, 'Pipeline'))).toEqual({
      'secure-tekton/relax.CREDENTIALS_TRUSTED_TASK': "task/git-clone: runs Task 'git-clone', which RemoteTask 'test/git-clone' marks trusted: it may receive credentials workspaces",
    });
  });

  test('the record holds only while the written reference is exactly the trusted one', () => {
    const { c, pipeline } = fixture();
    pipeline.apiObject.addJsonPatch(JsonPatch.replace('/spec/tasks/0/taskRef/params/0/value', `ghcr.io/example/tekton-tasks/git-clone@sha256:${'d'.repeat(64)}`));
    expect(() => Testing.synth(c)).toThrow('[CREDENTIALS_TRUSTED_TASK]');
  });
});

describe('the written reference is the one whose content synth checked', () => {
  const OTHER = `ghcr.io/example/tekton-tasks/git-clone@sha256:${'d'.repeat(64)}`;
  const REFUSAL = "SecurePipeline 'test/runs' task 'git-clone': taskRef \"bundles bundle=" + OTHER + ', name=git-clone, kind=task" fetches content synth never checked: '
    + "it is not the reference RemoteTask 'test/git-clone' was made with (bundles bundle=" + BUNDLE + ', name=git-clone, kind=task), whose content synth checks, '
    + 'but one an escape-hatch patch or a change of the RemoteTask after it was made wrote; Tekton runs whatever the bundles resolver serves there [VALID_REFERENCE]. '
    + 'Run the task as it was made: pipeline.addTask({ task: remoteTask }), without a patch of taskRef; to fetch other content, '
    + "make a RemoteTask of it (RemoteTask.fromBundle(scope, '<id>', { bundle: '<repository>@sha256:<64 hex>', content: TaskContent.fromFile('<file>') })), whose content synth checks.";
  /** An untrusted bundle task (no credentials record to drop), covered by the chart's policy, run by pipeline `runs`. */
  function fixture() {
    const { c, policy } = app();
    const task = bundleTask(c, policy, { workspaceDomains: UNTRUSTED, trusted: false });
    return { c, task };
  }

  test('as made, it is written', () => {
    const { c, task } = fixture();
    runs(c, task);
    expect(only(c, 'Pipeline').spec.tasks[0].taskRef.params[0]).toEqual({ name: 'bundle', value: BUNDLE });
  });

  test('an escape-hatch patch of the digest (the same repository, which the VerificationPolicy matches) is refused', () => {
    const { c, task } = fixture();
    runs(c, task).apiObject.addJsonPatch(JsonPatch.replace('/spec/tasks/0/taskRef/params/0/value', OTHER));
    expect(() => Testing.synth(c)).toThrow(REFUSAL);
  });

  test('a taskReference overridden on the instance, or the RemoteTask\'s params changed after it was made, is refused', () => {
    const overridden = fixture();
    Object.defineProperty(overridden.task, 'taskReference', { get: () => ({ resolver: TaskResolver.BUNDLES, resolverParameters: { bundle: OTHER, name: 'git-clone', kind: 'task' } }) });
    runs(overridden.c, overridden.task);
    expect(() => Testing.synth(overridden.c)).toThrow(REFUSAL);
    const mutated = fixture();
    (mutated.task as any).resolverParameters.bundle = OTHER;
    runs(mutated.c, mutated.task);
    expect(() => Testing.synth(mutated.c)).toThrow(REFUSAL);
  });

  test('a pipeline task that an escape-hatch patch adds with a resolver is refused', () => {
    const { c, task } = fixture();
    runs(c, task).apiObject.addJsonPatch(JsonPatch.add('/spec/tasks/-', { name: 'extra', taskRef: { resolver: 'bundles', params: [{ name: 'bundle', value: OTHER }, { name: 'name', value: 'git-clone' }, { name: 'kind', value: 'task' }] } }));
    expect(() => Testing.synth(c)).toThrow("SecurePipeline 'test/runs' task 'extra': taskRef \"bundles bundle=" + OTHER + ', name=git-clone, kind=task" fetches content synth never checked: '
      + 'it is a pipeline task an escape-hatch patch added; Tekton runs whatever the bundles resolver serves there [VALID_REFERENCE].');
  });
});

describe('RemoteTask refusals', () => {
  const content = TaskContent.fromYaml(cloneYaml());
  const chart = () => app().c;
  const bundle = `ghcr.io/example/tekton-tasks/git-clone@sha256:${DIGEST}`;

  test.each<[string, () => unknown, string]>([
    ['a bundle by tag', () => RemoteTask.fromBundle(chart(), 'x', { bundle: 'ghcr.io/example/tasks/git-clone:0.9', content, workspaceDomains: UNTRUSTED }),
      "RemoteTask 'test/x': bundle \"ghcr.io/example/tasks/git-clone:0.9\" is not pinned by digest: the tag can be moved to other content [REMOTE_REFERENCE_PINNED]. Pin it: bundle: 'ghcr.io/example/tasks/git-clone:0.9@sha256:<64 hex>' (crane digest ghcr.io/example/tasks/git-clone:0.9 prints the digest)."],
    ['a bundle digest in upper-case hex (go-containerregistry refuses it)', () => RemoteTask.fromBundle(chart(), 'x', { bundle: `ghcr.io/example/tasks@sha256:${'AB'.repeat(32)}`, content, workspaceDomains: UNTRUSTED }),
      `RemoteTask 'test/x': bundle "ghcr.io/example/tasks@sha256:${'AB'.repeat(32)}" has its digest in upper-case hex, which image references do not allow (a sha256 digest is `
      + `64 lower-case hex digits): the bundles resolver cannot parse the reference, so every run would fail [VALID_SPEC]. Write the digest in lower case: bundle: 'ghcr.io/example/tasks@sha256:${'ab'.repeat(32)}'.`],
    ['a bundle that is no image reference', () => RemoteTask.fromBundle(chart(), 'x', { bundle: 'Ghcr.io/Example Tasks', content, workspaceDomains: UNTRUSTED }),
      "RemoteTask 'test/x': bundle \"Ghcr.io/Example Tasks\" is not an OCI image reference [VALID_SPEC]. Give the bundle as '<registry>/<repository>@sha256:<64 hex>'."],
    ['a bundle with two digests (go-containerregistry refuses it)', () => RemoteTask.fromBundle(chart(), 'x', { bundle: `${bundle}@sha256:${'d'.repeat(64)}`, content, workspaceDomains: UNTRUSTED }),
      `RemoteTask 'test/x': bundle "${bundle}@sha256:${'d'.repeat(64)}" is not an OCI image reference [VALID_SPEC]. Give the bundle as '<registry>/<repository>@sha256:<64 hex>'.`],
    ['a bundle with an empty tag before its digest', () => RemoteTask.fromBundle(chart(), 'x', { bundle: `ghcr.io/example/tasks:@sha256:${DIGEST}`, content, workspaceDomains: UNTRUSTED }),
      `RemoteTask 'test/x': bundle "ghcr.io/example/tasks:@sha256:${DIGEST}" is not an OCI image reference [VALID_SPEC]. Give the bundle as '<registry>/<repository>@sha256:<64 hex>'.`],
    ['a substituted bundle', () => RemoteTask.fromBundle(chart(), 'x', { bundle: '$(params.bundle)', content, workspaceDomains: UNTRUSTED }),
      "RemoteTask 'test/x': bundle \"$(params.bundle)\" is substituted at run time, so what the reference fetches is not known at synth [VALID_SPEC]. Give a literal value: the reference must say exactly what it fetches."],
    ['an entry name that is not the content\'s', () => RemoteTask.fromBundle(chart(), 'x', { bundle, name: 'clone', content, workspaceDomains: UNTRUSTED }),
      "RemoteTask 'test/x': name \"clone\" is not the content's metadata.name 'git-clone' [VALID_SPEC]. Leave name out (it is the content's), or give the content of that entry."],
    ['a git branch', () => RemoteTask.fromGit(chart(), 'x', { url: 'https://github.com/example/tasks.git', revision: 'main', pathInRepo: 'a.yaml', content, workspaceDomains: UNTRUSTED }),
      "RemoteTask 'test/x': revision \"main\" is not a full commit SHA: a branch or tag can be moved to other content [REMOTE_REFERENCE_PINNED]. Give the commit: revision: '<40 hex>' (git rev-parse main prints it)."],
    ['a local path as git URL', () => RemoteTask.fromGit(chart(), 'x', { url: '/srv/git/tasks', revision: COMMIT, pathInRepo: 'a.yaml', content, workspaceDomains: UNTRUSTED }),
      "RemoteTask 'test/x': url \"/srv/git/tasks\" is not a URL the git resolver accepts [VALID_SPEC]. Give an https://, ssh:// or git@host:path URL, e.g. url: 'https://github.com/example/tekton-tasks.git'."],
    ['a path out of the repository', () => RemoteTask.fromGit(chart(), 'x', { url: 'https://github.com/example/tasks.git', revision: COMMIT, pathInRepo: '../a.yaml', content, workspaceDomains: UNTRUSTED }),
      "RemoteTask 'test/x': pathInRepo \"../a.yaml\" has a \"..\" component, which the git resolver refuses [VALID_SPEC]. Give the path from the repository root, e.g. pathInRepo: 'tasks/git-clone.yaml'."],
    ['a hub version range', () => RemoteTask.fromHub(chart(), 'x', { version: '>=0.9', content, workspaceDomains: UNTRUSTED }),
      "RemoteTask 'test/x': version \">=0.9\" is not an exact version: a range or constraint picks the newest match at run time [REMOTE_REFERENCE_PINNED]. Give the exact version, e.g. version: '0.9' or '0.9.1'."],
    ['a Tekton Hub version range', () => RemoteTask.fromHub(chart(), 'x', { version: '~>0.9', hubType: HubType.TEKTON, hubUrl: 'https://api.hub.example.com', content, workspaceDomains: UNTRUSTED }),
      "RemoteTask 'test/x': version \"~>0.9\" is not an exact version: a range or constraint picks the newest match at run time [REMOTE_REFERENCE_PINNED]. Give the exact version, e.g. version: '0.9' (a Tekton Hub lists <major>.<minor>)."],
    ['a hub version with build metadata (ignored by the resolver\'s comparison)', () => RemoteTask.fromHub(chart(), 'x', { version: 'v0.9.1+b2', content, workspaceDomains: UNTRUSTED }),
      "RemoteTask 'test/x': version \"v0.9.1+b2\" has build metadata (+b2), which the hub resolver ignores when it compares versions: it fetches a 0.9.1 release of any build "
      + "(the last its hub lists), not that one [REMOTE_REFERENCE_PINNED]. Give the version without it: version: '0.9.1'."],
    ['a Tekton Hub version with a patch after a `v` (read as the resolver reads it)', () => RemoteTask.fromHub(chart(), 'x', {
      version: 'v0.9.1', hubType: HubType.TEKTON, hubUrl: 'https://api.hub.example.com', content, workspaceDomains: UNTRUSTED,
    }),
    "RemoteTask 'test/x': version \"v0.9.1\" has patch 1, which no Tekton Hub version has (a Tekton Hub lists <major>.<minor>): the hub resolver finds no listed version equal to it, "
      + "so every run would fail [VALID_SPEC]. Give the version as the Tekton Hub lists it: version: '0.9'."],
    ['a Tekton Hub version with a patch (a Tekton Hub lists <major>.<minor>: it never resolves)', () => RemoteTask.fromHub(chart(), 'x', {
      version: '0.9.1', hubType: HubType.TEKTON, hubUrl: 'https://api.hub.example.com', content, workspaceDomains: UNTRUSTED,
    }),
    "RemoteTask 'test/x': version \"0.9.1\" has patch 1, which no Tekton Hub version has (a Tekton Hub lists <major>.<minor>): the hub resolver finds no listed version equal to it, "
      + "so every run would fail [VALID_SPEC]. Give the version as the Tekton Hub lists it: version: '0.9'."],
    ['a hub version `latest` (no version to the hub resolver: go-version refuses it, and it sends the text to the hub as the version name)',
      () => RemoteTask.fromHub(chart(), 'x', { version: 'latest', content, workspaceDomains: UNTRUSTED }),
      "RemoteTask 'test/x': version \"latest\" is not a version nor a constraint the hub resolver can read (go-version refuses it): the resolver sends the text to the hub as the "
      + 'version, so the hub decides which release that name means, if any (one that lists no version by that name refuses it, and every run fails) [REMOTE_REFERENCE_PINNED]. '
      + "Give the exact version, e.g. version: '0.9' or '0.9.1'."],
    ['no hub version (the hub resolver refuses the reference: it has no default, not the newest release)',
      () => RemoteTask.fromHub(chart(), 'x', { content, workspaceDomains: UNTRUSTED } as unknown as HubTaskProps),
      "RemoteTask 'test/x': version is missing: the hub resolver refuses a reference without a version (\"missing required hub resolver params: version\"; it has no default, "
      + "not even the newest release), so every run would fail [VALID_SPEC]. Give the exact version, e.g. version: '0.9' or '0.9.1'."],
    ['no Tekton Hub version', () => RemoteTask.fromHub(chart(), 'x', { hubType: HubType.TEKTON, hubUrl: 'https://api.hub.example.com', content, workspaceDomains: UNTRUSTED } as unknown as HubTaskProps),
      "RemoteTask 'test/x': version is missing: the hub resolver refuses a reference without a version (\"missing required hub resolver params: version\"; it has no default, "
      + "not even the newest release), so every run would fail [VALID_SPEC]. Give the exact version, e.g. version: '0.9' (a Tekton Hub lists <major>.<minor>)."],
    ['a bundle pinned by a sha512 digest (go-containerregistry reads sha256 digests only)', () => RemoteTask.fromBundle(chart(), 'x', { bundle: `ghcr.io/example/tasks@sha512:${'a'.repeat(128)}`, content, workspaceDomains: UNTRUSTED }),
      `RemoteTask 'test/x': bundle "ghcr.io/example/tasks@sha512:${'a'.repeat(128)}" has a sha512 digest: the bundles resolver cannot parse the reference (go-containerregistry's `
      + 'name.NewDigest reads sha256 digests only: "unsupported digest algorithm"), so every run would fail [VALID_SPEC]. '
      + "Pin it by its sha256 digest: bundle: 'ghcr.io/example/tasks@sha256:<64 hex>' (crane digest ghcr.io/example/tasks prints it)."],
    ['a Tekton Hub without its URL', () => RemoteTask.fromHub(chart(), 'x', { version: '0.9', hubType: HubType.TEKTON, content, workspaceDomains: UNTRUSTED }),
      "RemoteTask 'test/x': hubUrl is missing: a Tekton Hub has no default URL [VALID_SPEC]. Give the hub's API URL, e.g. hubUrl: 'https://api.hub.example.com': it is written as the reference's url param, which the hub resolver fetches from."],
    ['a trusted hub task', () => RemoteTask.fromHub(chart(), 'x', { version: '0.9', trusted: true, content, workspaceDomains: DOMAINS }),
      "RemoteTask 'test/x': trusted \"true\" marks trusted a task whose content the reference does not pin: the hub serves what its catalog publishes under a version, which can be other content than the one checked here [REMOTE_REFERENCE_PINNED]. Publish the task as a bundle pinned by digest (RemoteTask.fromBundle) or in git at a commit (RemoteTask.fromGit) to trust it, or leave trusted out."],
    ['a trusted cluster task', () => RemoteTask.fromCluster(chart(), 'x', { namespaceName: 'tasks', trusted: true, content, workspaceDomains: DOMAINS }),
      "RemoteTask 'test/x': trusted \"true\" marks trusted a task whose content the reference does not pin: the cluster resolver fetches the Task as it is at run time, which can be other content than the one checked here [REMOTE_REFERENCE_PINNED]. Publish the task as a bundle pinned by digest (RemoteTask.fromBundle) or in git at a commit (RemoteTask.fromGit) to trust it, or leave trusted out."],
    ['a cluster namespace that is no DNS label', () => RemoteTask.fromCluster(chart(), 'x', { namespaceName: 'Tasks', content, workspaceDomains: UNTRUSTED }),
      "RemoteTask 'test/x': namespaceName \"Tasks\" is not a DNS-1123 label [VALID_NAME]. Use at most 63 lower-case letters, digits and \"-\", starting and ending with a letter or digit."],
    ['credentials on an untrusted task', () => RemoteTask.fromBundle(chart(), 'x', { bundle, content, workspaceDomains: DOMAINS }),
      "RemoteTask 'test/x': workspaceDomains.ssh-directory \"credentials\" gives the credentials domain to workspace 'ssh-directory' of a task not marked trusted [CREDENTIALS_TRUSTED_TASK]. Mark the task trusted (trusted: true) only if its content runs no user code; otherwise give the credential to a separate trusted task."],
    ['a workspace without a domain', () => RemoteTask.fromBundle(chart(), 'x', { bundle, content, workspaceDomains: { output: TrustDomain.SOURCE } }),
      "RemoteTask 'test/x': workspaceDomains gives no trust domain to workspace 'ssh-directory' of the content [VALID_SPEC]. Give each workspace the trust domain of what it holds (SOURCE, OUTPUT, CACHE or CREDENTIALS), e.g. workspaceDomains: { 'ssh-directory': TrustDomain.SOURCE }."],
    ['a domain for a workspace the content does not declare', () => RemoteTask.fromBundle(chart(), 'x', { bundle, content, workspaceDomains: { ...DOMAINS, cache: TrustDomain.CACHE }, trusted: true }),
      "RemoteTask 'test/x': workspaceDomains.cache \"cache\" is not a workspace of the content (output, ssh-directory) [VALID_REFERENCE]. Give a trust domain to each workspace the content declares, and to no other."],
    ['a file that cannot be read', () => RemoteTask.fromBundle(chart(), 'x', { bundle, content: TaskContent.fromFile('tasks/missing.yaml') }),
      "RemoteTask 'test/x': content \"tasks/missing.yaml\" cannot be read (ENOENT) [VALID_SPEC]. Give the path of the Task file, relative to the directory synth runs in."],
    ['two objects', () => RemoteTask.fromBundle(chart(), 'x', { bundle, content: TaskContent.fromYaml(`${cloneYaml()}---\n${cloneYaml()}`) }),
      "RemoteTask 'test/x': content \"YAML\" holds 2 objects [VALID_SPEC]. Give exactly one Task: the one the reference fetches."],
    ['a List holding the Task (kubectl opens it; Tekton decodes one object of its own API)', () => RemoteTask.fromBundle(chart(), 'x', {
      bundle, content: TaskContent.fromYaml(`apiVersion: v1\nkind: List\nitems:\n${cloneYaml().split('\n').map((l, i) => (l === '' ? l : `${i === 0 ? '- ' : '  '}${l}`)).join('\n')}`),
    }),
    "RemoteTask 'test/x': content \"YAML\" is a List: Tekton decodes what the resolver serves as one object of its own API, and a List is not one, so every run "
      + 'would fail [VALID_SPEC]. Give the Task itself, not a List holding it.'],
    ['a key written twice (kubectl keeps the last; the resolver\'s strict decoding refuses it)', () => RemoteTask.fromBundle(chart(), 'x', {
      bundle, content: TaskContent.fromYaml(cloneYaml().replace('kind: Task\n', 'kind: Task\nkind: Task\n')),
    }),
    "RemoteTask 'test/x': content \"YAML\" writes a key twice (line 3, column 1): Tekton decodes what the resolver serves strictly and refuses it, so every "
      + 'run would fail [VALID_SPEC]. Write each key once, as in the file the reference fetches.'],
    ['a Pipeline', () => RemoteTask.fromBundle(chart(), 'x', { bundle, content: TaskContent.fromYaml('apiVersion: tekton.dev/v1\nkind: Pipeline\nmetadata: {name: p}\nspec: {}\n') }),
      "RemoteTask 'test/x': content \"YAML\" is a tekton.dev/v1 Pipeline, not a Task [VALID_SPEC]. Give the Task the reference fetches (tekton.dev/v1 or v1beta1)."],
    ['a name that is no DNS label', () => RemoteTask.fromBundle(chart(), 'x', { bundle, content: TaskContent.fromYaml('apiVersion: tekton.dev/v1\nkind: Task\nmetadata: {name: Clone}\nspec: {steps: [{name: s}]}\n') }),
      "RemoteTask 'test/x': content \"YAML\" has metadata.name \"Clone\", which is not a DNS-1123 label [VALID_SPEC]. Give the Task a valid metadata.name."],
    ['no steps', () => RemoteTask.fromBundle(chart(), 'x', { bundle, content: TaskContent.fromYaml('apiVersion: tekton.dev/v1\nkind: Task\nmetadata: {name: clone}\nspec: {steps: []}\n') }),
      "RemoteTask 'test/x': content \"YAML\" has no steps [VALID_SPEC]. Give the Task the reference fetches, with its steps."],
    ['YAML kubectl cannot read', () => RemoteTask.fromBundle(chart(), 'x', { bundle, content: TaskContent.fromYaml('kind: Task\n  x: [\n') }),
      "RemoteTask 'test/x': content \"YAML\" is not readable YAML (content:2:4: invalid YAML: Nested mappings are not allowed in compact mappings) [VALID_SPEC]. Give the Task exactly as the resolver serves it."],
  ])('%s', (_, build, message) => {
    expect(build).toThrow(message);
  });

  test('a remote task no VerificationPolicy matches is refused where a pipeline runs it', () => {
    const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
    const task = RemoteTask.fromGit(c, 'git-clone', {
      url: 'https://github.com/example/tasks.git', revision: COMMIT, pathInRepo: 'git-clone.yaml', content: TaskContent.fromYaml(cloneYaml()), workspaceDomains: DOMAINS, trusted: true,
    });
    new SecurePipeline(c, 'ci', { workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }] }).addTask({ task, parameters: { url: 'x' }, workspaces: { output: 'source' } });
    expect(() => Testing.synth(c)).toThrow(
      "SecurePipeline 'test/ci' task 'git-clone': taskRef \"https://github.com/example/tasks.git\" matches no VerificationPolicy of namespace 'ci': Tekton runs it without verifying a signature, "
      + 'or fails the run when trusted-resources-verification-no-match-policy is "fail" [REMOTE_REFERENCE_VERIFIED]. Add a VerificationPolicy in the namespace of the runs whose resources match the source, '
      + 'with the key the content is signed with: a VerificationPolicy construct whose remoteTasks prop lists the task and whose authorities hold the key. '
      + "Or relax REMOTE_REFERENCE_VERIFIED with a reason in the props of SecurePipeline 'test/ci': relaxations: [{ rule: RuleId.REMOTE_REFERENCE_VERIFIED, target: 'task/git-clone', reason: '<why>' }].",
    );
    expect(objectsOf).toBeDefined();
  });

  test('a bundle on localhost: the registry is localhost, as go-containerregistry names it', () => {
    const task = RemoteTask.fromBundle(app().c, 'x', { bundle: `localhost/tasks@sha256:${DIGEST}`, content, workspaceDomains: UNTRUSTED });
    expect(task.source).toBe('localhost/tasks');
    expect(task.sourcePattern).toBe('^localhost/tasks$');
  });

  test('a param passed to content that declares none: removed, as a fetched Task is not declared in the app', () => {
    const { c, policy } = app();
    const task = bundleTask(c, policy, { content: TaskContent.fromYaml(cloneYaml({ params: [] })) });
    const pipeline = new SecurePipeline(c, 'ci', { workspaces: [{ name: 'out', domain: TrustDomain.SOURCE }] });
    pipeline.addTask({ task, parameters: { revision: 'x' }, workspaces: { output: 'out' } });
    expect(() => Testing.synth(c)).toThrow(
      "SecurePipeline 'test/ci' task 'git-clone': parameters.revision \"x\" is not a param of task 'git-clone' [VALID_REFERENCE]. "
      + "Remove 'revision' from parameters: task 'git-clone' declares no params.",
    );
  });

  test('the pipeline\'s checks use the content\'s declarations', () => {
    const { c, policy } = app();
    const task = bundleTask(c, policy);
    const pipeline = new SecurePipeline(c, 'ci', { workspaces: [{ name: 'out', domain: TrustDomain.OUTPUT }] });
    pipeline.addTask({ task, parameters: { revision: 'x' }, workspaces: { output: 'out' } });
    expect(() => Testing.synth(c)).toThrow(/parameters\.revision "x" is not a param of task 'git-clone' \[VALID_REFERENCE\]\. Use one of: url, depth, extra-args\./);
    expect(() => Testing.synth(c)).toThrow(/parameters "url" is required by the task but not passed \[VALID_REFERENCE\]/);
    expect(() => Testing.synth(c)).toThrow(/workspaces\.output "out" is a workspace of domain 'output' bound to a task workspace of domain 'source' \[VALID_REFERENCE\]/);
  });
});

describe('RemoteTask in a pipeline that embeds its tasks', () => {
  test('it is still referred to through its resolver (a resolver fetches it), beside an embedded SecureTask', () => {
    const { c, policy } = app();
    const task = bundleTask(c, policy);
    const lint = new SecureTask(c, 'lint', { workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }], steps: [step()] });
    const pipeline = new SecurePipeline(c, 'ci', { embedTasks: true, parameters: [{ name: 'url' }], workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }] });
    pipeline.addTask({ task, parameters: { url: '$(params.url)' }, workspaces: { output: 'source' } });
    pipeline.addTask({ task: lint, workspaces: { source: 'source' }, runAfter: ['git-clone'] });
    const [clone, embedded] = only(c, 'Pipeline').spec.tasks;
    expect(clone.taskRef).toMatchObject({ resolver: 'bundles' });
    expect(clone.taskSpec).toBeUndefined();
    expect(embedded.taskRef).toBeUndefined();
    expect(embedded.taskSpec.steps.map((s: any) => s.name)).toEqual(['run']);
    expect(objectsOf(c, 'Task')).toEqual([]);
  });
});
