import { describeRule, loopInPipeline, pipelineLoop } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { ruleContext } from '../../../src/policy/engine/context';
import { REMOTE_REFERENCE_VERIFIED } from '../../../src/policy/rules/remote-reference-verified';

const DIGEST = 'a'.repeat(64);
const COMMIT = '0123456789abcdef0123456789abcdef01234567';

const ref = (resolver: string, params: Record<string, unknown>) => ({
  resolver,
  params: Object.entries(params).map(([name, value]) => ({ name, value })),
});
/** A Pipeline `p` (namespace `ci` unless told) whose task `build` refers to its Task with `taskRef`. */
const pipeline = (taskRef: any, namespace = 'ci') => ({
  apiVersion: 'tekton.dev/v1',
  kind: 'Pipeline',
  metadata: { name: 'p', ...(namespace ? { namespace } : {}) },
  spec: { tasks: [{ name: 'build', taskRef }] },
});
/** A VerificationPolicy `vp` with these patterns (namespace `ci` unless told). */
const policy = (patterns: string[], namespace = 'ci', mode?: string) => ({
  apiVersion: 'tekton.dev/v1alpha1',
  kind: 'VerificationPolicy',
  metadata: { name: 'vp', ...(namespace ? { namespace } : {}) },
  spec: { resources: patterns.map((pattern) => ({ pattern })), authorities: [{ name: 'k', key: { secretRef: { name: 's', namespace: 'ci' } } }], ...(mode ? { mode } : {}) },
});
const check = (m: any, ...others: any[]) => REMOTE_REFERENCE_VERIFIED.check(m, ruleContext([m, ...others]));

const GIT = pipeline(ref('git', { url: 'https://github.com/example/tasks.git', revision: COMMIT, pathInRepo: 'task/build.yaml' }));
const NO_MATCH = 'matches no VerificationPolicy of namespace \'ci\': Tekton runs it without verifying a signature, or fails the run when trusted-resources-verification-no-match-policy is "fail"';
const unmatched = (value: string, problem = NO_MATCH) => ({
  rule: RuleId.REMOTE_REFERENCE_VERIFIED, kind: 'Pipeline', name: 'p', location: "task 'build'", target: 'task/build', property: 'taskRef', value, problem,
});

describe('REMOTE_REFERENCE_VERIFIED', () => {
  describeRule(REMOTE_REFERENCE_VERIFIED, RuleId.REMOTE_REFERENCE_VERIFIED, Severity.MEDIUM, true);

  test('applies to Pipelines and runs (Tekton verifies Tasks and Pipelines, not StepActions)', () => {
    for (const kind of ['Pipeline', 'PipelineRun', 'TaskRun']) expect(REMOTE_REFERENCE_VERIFIED.appliesTo({ kind })).toBe(true);
    expect(REMOTE_REFERENCE_VERIFIED.appliesTo({ kind: 'Task' })).toBe(false);
  });

  test('non-compliant: the only policies that match are ones Tekton\'s webhook refuses (they verify nothing)', () => {
    const noAuthorities = { ...policy(['https://github\\.com/example/.*']), spec: { resources: [{ pattern: 'https://github\\.com/example/.*' }] } };
    expect(check(GIT, noAuthorities)).toEqual([unmatched('https://github.com/example/tasks.git',
      'matches only VerificationPolicies that Tekton refuses or cannot use: \'vp\' (spec.authorities is missing or empty): Tekton runs it without verifying a signature, '
      + 'or fails the run when trusted-resources-verification-no-match-policy is "fail"')]);
    // one valid policy beside it covers the reference
    expect(check(GIT, noAuthorities, { ...policy(['https://github\\.com/example/.*']), metadata: { name: 'valid', namespace: 'ci' } })).toEqual([]);
    // an invalid mode is refused as well (and no policy at all, as before)
    expect(check(GIT, policy(['https://github\\.com/example/.*'], 'ci', 'Enforce'))[0].problem).toMatch(/^matches only VerificationPolicies that Tekton refuses or cannot use: 'vp' \(spec\.mode is not "enforce" or "warn"\)/);
  });

  test('non-compliant: the only policy that matches is one the API server refuses by the CRD\'s schema (a resource without a pattern beside the one that matches)', () => {
    const missing = policy(['https://github\\.com/example/.*']);
    (missing.spec.resources as any[]).push({ patern: 'https://github\\.com/other/.*' });
    expect(check(GIT, missing)).toEqual([unmatched('https://github.com/example/tasks.git',
      'matches only VerificationPolicies that Tekton refuses or cannot use: \'vp\' (spec.resources[1].pattern is missing (the CRD requires it)): Tekton runs it without verifying a signature, '
      + 'or fails the run when trusted-resources-verification-no-match-policy is "fail"')]);
  });

  test('non-compliant: the only policy that matches reads its key from a Secret checked with it that Tekton cannot load it from', () => {
    const cosignSecret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'ci' }, data: { 'cosign.key': 'YQ==', 'cosign.password': '', 'cosign.pub': 'Yg==' } };
    expect(check(GIT, policy(['https://github\\.com/example/.*']), cosignSecret)).toEqual([unmatched('https://github.com/example/tasks.git',
      'matches only VerificationPolicies that Tekton refuses or cannot use: \'vp\' (spec.authorities[0].key.secretRef names a Secret checked with it that has 3 data entries '
      + '(cosign.key, cosign.password, cosign.pub): Tekton reads the public key from a Secret with exactly one): Tekton runs it without verifying a signature, '
      + 'or fails the run when trusted-resources-verification-no-match-policy is "fail"')]);
  });

  test('a policy that may land in another namespace protects nothing: one without a namespace for a pipeline in ci, one in another namespace for a pipeline without one', () => {
    // the policy is applied to the kubectl context's namespace, which need not be ci
    expect(check(GIT, policy(['^https://github\\.com/example/tasks\\.git$'], '')).map((f) => f.problem)).toEqual([
      "matches no VerificationPolicy of namespace 'ci': Tekton runs it without verifying a signature, or fails the run when trusted-resources-verification-no-match-policy is \"fail\"",
    ]);
    // the pipeline is applied to the context's namespace, which need not be other
    expect(check(pipeline(GIT.spec.tasks[0].taskRef, ''), policy(['^https://github\\.com/example/tasks\\.git$'], 'other')).map((f) => f.problem)).toEqual([
      'matches no VerificationPolicy checked with it: Tekton runs it without verifying a signature, or fails the run when trusted-resources-verification-no-match-policy is "fail"',
    ]);
  });

  test('checked alone (without the objects around it), a reference is not judged', () => {
    expect(REMOTE_REFERENCE_VERIFIED.check(GIT)).toEqual([]);
  });

  test('compliant: a policy of the namespace (both without one: applied together) whose pattern matches the source as Tekton matches it', () => {
    expect(check(GIT, policy(['^https://github\\.com/example/tasks\\.git$']))).toEqual([]);
    // unanchored patterns are wrapped in ^(?:…)$ and match the whole source
    expect(check(GIT, policy(['https://github\\.com/example/.*']))).toEqual([]);
    expect(check(pipeline(GIT.spec.tasks[0].taskRef, ''), policy(['^https://github\\.com/example/tasks\\.git$'], ''))).toEqual([]);
    // a leading flag group works as in Go
    expect(check(GIT, policy(['(?i)^HTTPS://GITHUB\\.com/example/tasks\\.git$']))).toEqual([]);
    // any mode counts (VERIFICATION_ENFORCED judges the mode)
    expect(check(GIT, policy(['^https://github\\.com/example/tasks\\.git$'], 'ci', 'warn'))).toEqual([]);
    // Tekton leaves a pattern alone when it starts with ^ and ends with $: an alternation then matches a prefix or a suffix
    expect(check(GIT, policy(['^https://evil\\.example|tasks\\.git$']))).toEqual([]);
  });

  test('non-compliant: no policy, one of another namespace, or patterns that match only part of the source', () => {
    expect(check(GIT)).toEqual([unmatched('https://github.com/example/tasks.git')]);
    expect(check(GIT, policy(['^https://github\\.com/example/tasks\\.git$'], 'other'))).toEqual([unmatched('https://github.com/example/tasks.git')]);
    // Tekton v1.15 anchors patterns: a prefix is not enough
    expect(check(GIT, policy(['^https://github\\.com/example']))).toEqual([unmatched('https://github.com/example/tasks.git')]);
    expect(check(GIT, policy(['github\\.com/example/tasks\\.git']))).toEqual([unmatched('https://github.com/example/tasks.git')]);
    // a pattern JavaScript cannot read as Go does matches nothing
    expect(check(GIT, policy(['^\\p{L}.*$']))).toEqual([unmatched('https://github.com/example/tasks.git')]);
  });

  test('the bundles resolver\'s source is the repository as go-containerregistry names it', () => {
    const hub = pipeline(ref('bundles', { bundle: `docker.io/example/tasks:1.0@sha256:${DIGEST}`, name: 'build', kind: 'task' }));
    expect(check(hub, policy(['^index\\.docker\\.io/example/tasks$']))).toEqual([]);
    // docker.io is written index.docker.io in the source
    expect(check(hub, policy(['^docker\\.io/example/tasks$']))).toEqual([unmatched('index.docker.io/example/tasks')]);
    const library = pipeline(ref('bundles', { bundle: `tasks@sha256:${DIGEST}`, name: 'build', kind: 'task' }));
    expect(check(library, policy(['^index\\.docker\\.io/library/tasks$']))).toEqual([]);
    const ghcr = pipeline(ref('bundles', { bundle: `ghcr.io/example/tasks/build@sha256:${DIGEST}`, name: 'build', kind: 'task' }));
    expect(check(ghcr, policy(['^ghcr\\.io/example/tasks/build$']))).toEqual([]);
    // the v1beta1 bundle field too
    const beta = { ...pipeline({ name: 'build', bundle: `ghcr.io/example/tasks/build@sha256:${DIGEST}` }), apiVersion: 'tekton.dev/v1beta1' };
    expect(check(beta, policy(['^ghcr\\.io/example/tasks/build$']))).toEqual([]);
  });

  test('the hub and cluster resolvers\' sources', () => {
    const artifact = pipeline(ref('hub', { name: 'git-clone', version: '0.9' }));
    const build = '(?:\\+[0-9A-Za-z~-]+(?:\\.[0-9A-Za-z~-]+)*)?';
    expect(check(artifact, policy([`^https://artifacthub\\.io/api/v1/packages/tekton-task/tekton-catalog-tasks/git-clone/0\\.9\\.0${build}$`]))).toEqual([]);
    expect(check(artifact, policy(['^https://artifacthub\\.io/api/v1/packages/tekton-task/tekton-catalog-tasks/git-clone/0\\.9$']))).toHaveLength(1);
    // the hub resolver reads 0.9 as a constraint and also fetches a 0.9.0+<build> release, under that release's source
    expect(check(artifact, policy(['^https://artifacthub\\.io/api/v1/packages/tekton-task/tekton-catalog-tasks/git-clone/0\\.9\\.0$']))).toEqual([unmatched(
      'https://artifacthub.io/api/v1/packages/tekton-task/tekton-catalog-tasks/git-clone/0.9.0',
      "matches no usable VerificationPolicy of namespace 'ci' with the source of a release of the same version with build metadata "
      + '(https://artifacthub.io/api/v1/packages/tekton-task/tekton-catalog-tasks/git-clone/0.9.0+build.1), which the hub resolver fetches for this version once the catalog lists one'
      + ': Tekton runs it without verifying a signature, or fails the run when trusted-resources-verification-no-match-policy is "fail"',
    )]);
    const cluster = pipeline(ref('cluster', { kind: 'task', name: 'git-clone', namespace: 'tasks' }));
    expect(check(cluster, policy(['^/apis/tekton\\.dev/v1/namespaces/tasks/task/git-clone@[0-9a-f-]+$']))).toEqual([]);
    // unmatched, the source shows where the object's uid goes (known only in the cluster)
    expect(check(cluster, policy(['^https://example\\.com/.*$']))).toEqual([unmatched('/apis/tekton.dev/v1/namespaces/tasks/task/git-clone@<uid>')]);
    // a pipelineRef's kind left to the resolver's default-kind is pipeline: any other default fetches something the run refuses
    const run = { apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { name: 'r', namespace: 'ci' }, spec: { pipelineRef: ref('cluster', { name: 'release', namespace: 'platform' }) } };
    expect(check(run, policy(['^/apis/tekton\\.dev/v1/namespaces/platform/pipeline/release@[0-9a-f-]+$']))).toEqual([]);
    expect(check(run, policy(['^/apis/tekton\\.dev/v1/namespaces/platform/task/release@[0-9a-f-]+$'])).map((f) => [f.property, f.value])).toEqual([
      ['spec.pipelineRef', '/apis/tekton.dev/v1/namespaces/platform/pipeline/release@<uid>'],
    ]);
  });

  test('the hub resolver\'s url param replaces the configured hub: the source is under it; a substituted one is the caller\'s', () => {
    const privateHub = pipeline(ref('hub', { name: 'git-clone', version: '0.9', url: 'https://hub.example.com/' }));
    expect(check(privateHub, policy(['^https://artifacthub\\.io/.*$']))).toEqual([
      unmatched('https://hub.example.com/api/v1/packages/tekton-task/tekton-catalog-tasks/git-clone/0.9.0'),
    ]);
    expect(check(privateHub, policy(['^https://hub\\.example\\.com/api/v1/packages/tekton-task/tekton-catalog-tasks/git-clone/0\\.9\\.0(\\+.*)?$']))).toEqual([]);
    // with a url, a Tekton Hub's source is known too
    expect(check(pipeline(ref('hub', { type: 'tekton', name: 'git-clone', version: '0.9.1', url: 'https://hub.example.com' })), policy(['^https://hub\\.example\\.com/v1/resource/Tekton/task/git-clone/0\\.9/yaml$']))).toEqual([]);
    // an empty url is none: the configured hub
    expect(check(pipeline(ref('hub', { name: 'git-clone', version: '0.9', url: '' })), policy(['^https://artifacthub\\.io/.*$']))).toEqual([]);
    const unknown = 'has a source the manifest does not say (a substituted or defaulted param, the git resolver\'s SCM API mode, or a hub whose URL the cluster configures), so no VerificationPolicy can be shown to match it';
    // substituted: the caller's hub, matched by no policy however wide
    expect(check(pipeline(ref('hub', { name: 'git-clone', version: '0.9', url: '$(params.hub)' })), policy(['.*']))).toEqual([unmatched('hub', unknown)]);
    // one the resolver refuses fetches nothing that could be matched
    expect(check(pipeline(ref('hub', { name: 'git-clone', version: '0.9', url: 'ftp://hub.example.com' })), policy(['.*']))).toEqual([unmatched('hub', unknown)]);
  });

  test('the hub resolver\'s defaults come from a hubresolver-config checked together: its Artifact Hub URL, default type, kind and catalog', () => {
    const artifact = pipeline(ref('hub', { name: 'git-clone', version: '0.9' }));
    const config = (data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'hubresolver-config', namespace: 'tekton-pipelines-resolvers' }, data });
    const publicHub = policy(['^https://artifacthub\\.io/api/v1/packages/tekton-task/tekton-catalog-tasks/git-clone/0\\.9\\.0(\\+.*)?$']);
    expect(check(artifact, publicHub, config({ 'default-type': 'artifact' }))).toEqual([]);
    // the cluster fetches from its own Artifact Hub, which the policy does not name
    expect(check(artifact, publicHub, config({ 'artifact-hub-urls': '- https://hub.internal.example.com/\n' }))).toEqual([
      unmatched('https://hub.internal.example.com/api/v1/packages/tekton-task/tekton-catalog-tasks/git-clone/0.9.0'),
    ]);
    expect(check(artifact, publicHub, config({ 'default-artifact-hub-task-catalog': 'internal-tasks' }))).toEqual([
      unmatched('https://artifacthub.io/api/v1/packages/tekton-task/internal-tasks/git-clone/0.9.0'),
    ]);
    const unknown = 'has a source the manifest does not say (a substituted or defaulted param, the git resolver\'s SCM API mode, or a hub whose URL the cluster configures), so no VerificationPolicy can be shown to match it';
    expect(check(artifact, policy(['.*']), config({ 'default-type': 'tekton' }))).toEqual([unmatched('hub', unknown)]);
    expect(check(artifact, policy(['.*']), config({ 'artifact-hub-urls': '- https://hub.internal.example.com\n- https://artifacthub.io\n' }))).toEqual([unmatched('hub', unknown)]);
  });

  test('non-compliant: a source the manifest does not say', () => {
    const unknown = 'has a source the manifest does not say (a substituted or defaulted param, the git resolver\'s SCM API mode, or a hub whose URL the cluster configures), so no VerificationPolicy can be shown to match it';
    const everything = policy(['.*']);
    expect(check(pipeline(ref('git', { org: 'example', repo: 'tasks', revision: COMMIT, pathInRepo: 'a.yaml' })), everything)).toEqual([unmatched('git', unknown)]);
    expect(check(pipeline(ref('git', { url: '$(params.url)', revision: COMMIT, pathInRepo: 'a.yaml' })), everything)).toEqual([unmatched('git', unknown)]);
    expect(check(pipeline(ref('hub', { type: 'tekton', name: 'git-clone', version: '0.9' })), everything)).toEqual([unmatched('hub', unknown)]);
    expect(check(pipeline(ref('cluster', { name: 'git-clone' })), everything)).toEqual([unmatched('cluster', unknown)]);
  });

  test('a bundle whose digest is in upper-case hex is not judged: the resolver cannot parse it and fetches nothing (REMOTE_REFERENCE_PINNED reports it)', () => {
    const upper = `ghcr.io/example/tasks@sha256:${'AB'.repeat(32)}`;
    expect(check(pipeline(ref('bundles', { bundle: upper, name: 'build', kind: 'task' })), policy(['^other$']))).toEqual([]);
    // in lower case it is fetched, and judged
    expect(check(pipeline(ref('bundles', { bundle: upper.toLowerCase(), name: 'build', kind: 'task' })), policy(['^other$'])).map((f) => [f.value, f.problem]))
      .toEqual([['ghcr.io/example/tasks', "matches no VerificationPolicy of namespace 'ci': Tekton runs it without verifying a signature, or fails the run when trusted-resources-verification-no-match-policy is \"fail\""]]);
  });

  test('a bundle whose digest is sha512 is not judged: go-containerregistry reads sha256 digests only, so the resolver fetches nothing (REMOTE_REFERENCE_PINNED reports it)', () => {
    const sha512 = `ghcr.io/example/tasks@sha512:${'a'.repeat(128)}`;
    expect(check(pipeline(ref('bundles', { bundle: sha512, name: 'build', kind: 'task' })), policy(['^other$']))).toEqual([]);
    // a reference that does not parse before the digest either is still one whose source is not said
    expect(check(pipeline(ref('bundles', { bundle: `Ghcr.io/Ex@sha512:${'a'.repeat(128)}`, name: 'build', kind: 'task' })), policy(['^other$'])).map((f) => f.value)).toEqual(['bundles']);
  });

  test('runs\' own references are judged; StepActions, which Tekton does not verify, are not', () => {
    const gitRef = GIT.spec.tasks[0].taskRef;
    const taskRun = { apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name: 'r', namespace: 'ci' }, spec: { taskRef: gitRef, taskSpec: undefined } };
    expect(check(taskRun).map((f) => [f.location, f.property, f.value])).toEqual([[undefined, 'spec.taskRef', 'https://github.com/example/tasks.git']]);
    const pipelineRun = { apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { generateName: 'r-', namespace: 'ci' }, spec: { pipelineRef: gitRef } };
    expect(check(pipelineRun).map((f) => [f.location, f.property])).toEqual([[undefined, 'spec.pipelineRef']]);
    const steps = pipeline(undefined);
    (steps.spec.tasks[0] as any).taskSpec = { steps: [{ name: 's', ref: gitRef }] };
    expect(check(steps)).toEqual([]);
  });

  describe("a Pipeline the cluster resolver fetches into another namespace: verified with the policies of the run's namespace", () => {
    const clusterRun = (name = 'p', namespace = 'platform', kind: string | undefined = 'pipeline', runNs = 'ci') => ({
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: { name: 'rel', namespace: runNs },
      spec: { pipelineRef: ref('cluster', { ...(kind !== undefined ? { kind } : {}), name, namespace }) },
    });
    const gitPattern = '^https://github\\.com/example/tasks\\.git$';
    const platformPipeline = pipeline(GIT.spec.tasks[0].taskRef, 'platform');

    test("a policy in the Pipeline's namespace alone does not verify what a run in another namespace fetches", () => {
      expect(check(platformPipeline, policy([gitPattern], 'platform'), clusterRun())).toEqual([{
        ...unmatched('https://github.com/example/tasks.git'),
        problem: "matches no VerificationPolicy of namespace 'ci', where PipelineRun 'rel' fetches this Pipeline through the cluster resolver (Tekton "
          + 'verifies it with the policies of the run\'s namespace): Tekton runs it without verifying a signature, or fails the run when '
          + 'trusted-resources-verification-no-match-policy is "fail"',
      }]);
    });

    test('no policy anywhere: both namespaces are named', () => {
      expect(check(platformPipeline, clusterRun()).map((f) => f.problem)).toEqual([
        "matches no VerificationPolicy of namespace 'platform'; it also matches no VerificationPolicy of namespace 'ci', where PipelineRun 'rel' "
        + "fetches this Pipeline through the cluster resolver (Tekton verifies it with the policies of the run's namespace): Tekton runs it without "
        + 'verifying a signature, or fails the run when trusted-resources-verification-no-match-policy is "fail"',
      ]);
    });

    test("compliant: a policy in each namespace; runs that fetch another Pipeline, or from the Pipeline's own namespace, add none", () => {
      expect(check(platformPipeline, policy([gitPattern], 'platform'), { ...policy([gitPattern], 'ci'), metadata: { name: 'vp2', namespace: 'ci' } }, clusterRun())).toEqual([]);
      for (const other of [clusterRun('q'), clusterRun('p', 'elsewhere'), clusterRun('p', 'platform', 'task'), clusterRun('p', 'platform', 'pipeline', 'platform')]) {
        expect(check(platformPipeline, policy([gitPattern], 'platform'), other)).toEqual([]);
      }
      // kind left to the resolver's default-kind: taken as the Pipeline
      expect(check(platformPipeline, policy([gitPattern], 'platform'), clusterRun('p', 'platform', undefined))).toHaveLength(1);
    });
  });

  test("a reference that names neither a resolver nor a name: fetched through config-defaults' default-resolver-type", () => {
    const bare = pipeline({ params: [{ name: 'url', value: 'https://github.com/example/tasks.git' }, { name: 'revision', value: COMMIT }, { name: 'pathInRepo', value: 'task/build.yaml' }] });
    const matching = policy(['https://github\\.com/example/.*']);
    const configDefaults = (value: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data: { 'default-resolver-type': value } });
    // without a config-defaults the resolver, and so the source, is not known
    expect(check(bare, matching)).toEqual([{
      rule: RuleId.REMOTE_REFERENCE_VERIFIED,
      kind: 'Pipeline',
      name: 'p',
      location: "task 'build'",
      target: 'task/build',
      property: 'taskRef.resolver',
      problem: "is not set, nor a name: Tekton's defaulting gives the reference config-defaults' default-resolver-type, which no config-defaults checked with it sets "
        + '(Tekton ships it empty, and then refuses the reference): its source is not known, so no VerificationPolicy can be shown to match it',
      fix: "Name the resolver in the reference, or check it together with the cluster's config-defaults (for the audit: kubectl get configmap "
        + 'config-defaults -n tekton-pipelines -o yaml > config-defaults.yaml, and give that file with the others); then add a VerificationPolicy '
        + 'in the namespace of the runs whose resources match its source, with the key the content is signed with.',
    }]);
    // with default-resolver-type git, the git url is the source
    expect(check(bare, matching, configDefaults('git'))).toEqual([]);
    expect(check(bare, configDefaults('git'))).toEqual([unmatched('https://github.com/example/tasks.git')]);
    // an empty one: Tekton refuses the reference, which fetches nothing
    expect(check(bare, configDefaults(''))).toEqual([]);
  });

  test("a cluster reference without a namespace: cluster-resolver-config's default-namespace, when one checked together says it", () => {
    const unknown = 'has a source the manifest does not say (a substituted or defaulted param, the git resolver\'s SCM API mode, or a hub whose URL the cluster configures), so no VerificationPolicy can be shown to match it';
    const config = (defaultNamespace: unknown, namespace: string | undefined = 'tekton-pipelines-resolvers') => ({
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cluster-resolver-config', ...(namespace ? { namespace } : {}) }, data: { 'default-namespace': defaultNamespace },
    });
    const tasks = policy(['^/apis/tekton\\.dev/v1/namespaces/tasks/task/git-clone@[0-9a-f-]+$']);
    for (const params of [{ name: 'git-clone' }, { name: 'git-clone', namespace: '' }]) {
      const cluster = pipeline(ref('cluster', params));
      expect(check(cluster, tasks, config('tasks'))).toEqual([]);
      expect(check(cluster, tasks, config('tasks', undefined))).toEqual([]);
      expect(check(cluster, config('tasks'))).toEqual([unmatched('/apis/tekton.dev/v1/namespaces/tasks/task/git-clone@<uid>')]);
      // none checked, one of another namespace, a blank one (the resolver fails the reference), or two that disagree: not known
      for (const others of [[], [config('tasks', 'ci')], [config('  ')], [config(null)], [config('tasks'), config('other', undefined)]]) {
        expect(check(cluster, tasks, ...others)).toEqual([unmatched('cluster', unknown)]);
      }
    }
    // a namespace written is the one read
    expect(check(pipeline(ref('cluster', { name: 'git-clone', namespace: 'other' })), tasks, config('tasks'))).toHaveLength(1);
    // a run that fetches a Pipeline from the default namespace: the Pipeline is verified with the policies of the run's namespace too
    const gitPattern = '^https://github\\.com/example/tasks\\.git$';
    const platformPipeline = pipeline(GIT.spec.tasks[0].taskRef, 'platform');
    const run = { apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { name: 'rel', namespace: 'ci' }, spec: { pipelineRef: ref('cluster', { kind: 'pipeline', name: 'p' }) } };
    expect(check(platformPipeline, policy([gitPattern], 'platform'), run)).toEqual([]);
    expect(check(platformPipeline, policy([gitPattern], 'platform'), run, config('platform')).map((f) => f.problem)).toEqual([
      "matches no VerificationPolicy of namespace 'ci', where PipelineRun 'rel' fetches this Pipeline through the cluster resolver (Tekton "
        + 'verifies it with the policies of the run\'s namespace): Tekton runs it without verifying a signature, or fails the run when '
        + 'trusted-resources-verification-no-match-policy is "fail"',
    ]);
  });

  test("a git reference without url and repo: git-resolver-config's default-url, when one checked together says it", () => {
    const config = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'git-resolver-config', namespace: 'tekton-pipelines-resolvers' }, data: { 'default-url': 'https://github.com/example/tasks.git' } };
    const noUrl = pipeline(ref('git', { revision: COMMIT, pathInRepo: 'task/build.yaml' }));
    expect(check(noUrl, policy(['https://github\\.com/example/.*']), config)).toEqual([]);
    expect(check(noUrl, config)).toEqual([unmatched('https://github.com/example/tasks.git')]);
    expect(check(noUrl, policy(['https://github\\.com/example/.*'])).map((f) => f.value)).toEqual(['git']);
  });
});

describe('REMOTE_REFERENCE_VERIFIED on fields of another type', () => {
  test('a pipeline task whose name is a map with a toString key: its remote reference is still a finding, without throwing', () => {
    const p = { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'p' }, spec: { tasks: [{ name: JSON.parse('{"toString": "x"}'), taskRef: { resolver: 'hub', params: [{ name: 'name', value: 'x' }] } }] } };
    expect(REMOTE_REFERENCE_VERIFIED.check(p, ruleContext([p])).map((f) => [f.location, f.property, f.value])).toEqual([["task '[object Object]'", 'taskRef', 'hub']]);
  });

  test("a PipelineLoop's (kfp-tekton) pipeline tasks are fetched (and verified) when the PipelineRun of each iteration runs, in the loop's namespace", () => {
    const spec = { pipelineSpec: GIT.spec };
    const summary = (m: any, ...others: any[]) => check(m, ...others).map((f) => [f.kind, f.location, f.target, f.property, f.value, f.problem]);
    expect(summary(pipelineLoop(spec))).toEqual([['PipelineLoop', "task 'build'", 'task/build', 'taskRef', 'https://github.com/example/tasks.git', NO_MATCH]]);
    expect(summary(loopInPipeline(spec))).toEqual([['Pipeline', "task 'loop' task 'build'", 'task/loop/task/build', 'taskRef', 'https://github.com/example/tasks.git', NO_MATCH]]);
    expect(summary(pipelineLoop(spec), policy(['^https://github\\.com/example/tasks\\.git$']))).toEqual([]);
  });
});
