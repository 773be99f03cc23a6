import { describeRule } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { ruleContext } from '../../../src/policy/engine/context';
import { VERIFICATION_POLICY_USED } from '../../../src/policy/rules/verification-policy-used';

const DIGEST = 'a'.repeat(64);
const BUNDLE = `ghcr.io/example/tasks/build@sha256:${DIGEST}`;

const ref = (resolver: string, params: Record<string, unknown>) => ({
  resolver,
  params: Object.entries(params).map(([name, value]) => ({ name, value })),
});
const pipeline = (taskRef: any, namespace = 'ci') => ({
  apiVersion: 'tekton.dev/v1',
  kind: 'Pipeline',
  metadata: { name: 'p', ...(namespace ? { namespace } : {}) },
  spec: { tasks: [{ name: 'build', taskRef }] },
});
const policy = (patterns: string[], namespace = 'ci') => ({
  apiVersion: 'tekton.dev/v1alpha1',
  kind: 'VerificationPolicy',
  metadata: { name: 'vp', ...(namespace ? { namespace } : {}) },
  spec: { resources: patterns.map((pattern) => ({ pattern })), authorities: [{ name: 'k', key: { secretRef: { name: 's', namespace: 'ci' } } }] },
});
const check = (vp: any, ...others: any[]) => VERIFICATION_POLICY_USED.check(vp, ruleContext([vp, ...others]));
const finding = (value: string, problem: string) => ({ rule: RuleId.VERIFICATION_POLICY_USED, kind: 'VerificationPolicy', name: 'vp', property: 'spec.resources', value, problem });

const NOTHING_ELSE = 'and Tekton verifies nothing else (never a Task referenced by name), so the policy protects nothing';
const REMOTE = pipeline(ref('bundles', { bundle: BUNDLE, name: 'build', kind: 'task' }));

describe('VERIFICATION_POLICY_USED', () => {
  describeRule(VERIFICATION_POLICY_USED, RuleId.VERIFICATION_POLICY_USED, Severity.LOW, true);

  test('applies to VerificationPolicies only', () => {
    expect(VERIFICATION_POLICY_USED.appliesTo(policy(['x']))).toBe(true);
    expect(VERIFICATION_POLICY_USED.appliesTo(REMOTE)).toBe(false);
  });

  test('checked alone (without the objects around it), a policy is not judged', () => {
    expect(VERIFICATION_POLICY_USED.check(policy(['x']))).toEqual([]);
  });

  test('compliant: a pattern matches a source a Pipeline or run of its namespace fetches', () => {
    expect(check(policy(['^ghcr\\.io/example/tasks/build$']), REMOTE)).toEqual([]);
    expect(check(policy(['^nothing$', '^ghcr\\.io/example/tasks/.*$']), REMOTE)).toEqual([]);
    expect(check(policy(['^ghcr\\.io/example/tasks/build$'], ''), pipeline(REMOTE.spec.tasks[0].taskRef, 'other'))).toEqual([]);
    const run = { apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { generateName: 'r-', namespace: 'ci' }, spec: { pipelineRef: ref('bundles', { bundle: BUNDLE, name: 'build', kind: 'pipeline' }) } };
    expect(check(policy(['^ghcr\\.io/example/tasks/build$']), run)).toEqual([]);
  });

  test('non-compliant: only Tasks referenced by name (Tekton never verifies those)', () => {
    expect(check(policy(['^https://github\\.com/example/tasks(\\.git)?$']), pipeline({ name: 'build' }))).toEqual([finding(
      '^https://github\\.com/example/tasks(\\.git)?$',
      `match no source: no Pipeline, PipelineRun or TaskRun of namespace 'ci' fetches a Task or Pipeline through a resolver, ${NOTHING_ELSE}`,
    )]);
  });

  test('non-compliant: patterns that match none of the sources in use, or only sources of another namespace', () => {
    expect(check(policy(['^ghcr\\.io/example/tasks$', '^ghcr\\.io/example/other$']), REMOTE)).toEqual([finding(
      '^ghcr\\.io/example/tasks$, ^ghcr\\.io/example/other$',
      `match none of the sources fetched through a resolver of namespace 'ci' ("ghcr.io/example/tasks/build"), ${NOTHING_ELSE}`,
    )]);
    expect(check(policy(['^ghcr\\.io/example/tasks/build$']), pipeline(REMOTE.spec.tasks[0].taskRef, 'other'))).toHaveLength(1);
  });

  test('non-compliant: StepActions do not count (Tekton does not verify them)', () => {
    const steps = { ...pipeline(undefined), spec: { tasks: [{ name: 'build', taskSpec: { steps: [{ name: 's', ref: ref('bundles', { bundle: BUNDLE, name: 's', kind: 'stepaction' }) }] } }] } };
    expect(check(policy(['^ghcr\\.io/example/tasks/build$']), steps)).toHaveLength(1);
  });

  test('non-compliant: sources the manifests do not say are named', () => {
    const scm = pipeline(ref('git', { org: 'example', repo: 'tasks', revision: 'b'.repeat(40), pathInRepo: 'a.yaml' }));
    const undecided = "the sources of git example/tasks are not said by the manifests (a substituted or defaulted param, the git resolver's SCM API mode, or a hub whose URL the cluster configures)";
    expect(check(policy(['^https://github\\.com/example/tasks\\.git$']), scm)).toEqual([finding('^https://github\\.com/example/tasks\\.git$', `match no source the manifests say: ${undecided}`)]);
    expect(check(policy(['^x$']), scm, REMOTE)).toEqual([finding(
      '^x$',
      `match none of the sources fetched through a resolver of namespace 'ci' ("ghcr.io/example/tasks/build"), ${NOTHING_ELSE}; ${undecided}`,
    )]);
  });

  test("a policy of a run's namespace is used by a Pipeline the run fetches from another namespace through the cluster resolver", () => {
    const platform = pipeline(REMOTE.spec.tasks[0].taskRef, 'platform');
    const run = {
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: { name: 'rel', namespace: 'ci' },
      spec: { pipelineRef: ref('cluster', { kind: 'pipeline', name: 'p', namespace: 'platform' }) },
    };
    expect(check(policy(['^ghcr\\.io/example/tasks/build$'], 'ci'), platform, run)).toEqual([]);
    // without the run, the Pipeline's references are not verified in ci
    expect(check(policy(['^ghcr\\.io/example/tasks/build$'], 'ci'), platform)).toHaveLength(1);
  });

  test("a reference that names neither a resolver nor a name is fetched through config-defaults' default-resolver-type", () => {
    const bare = pipeline({ params: [{ name: 'bundle', value: BUNDLE }, { name: 'name', value: 'build' }, { name: 'kind', value: 'task' }] });
    const configDefaults = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data: { 'default-resolver-type': 'bundles' } };
    expect(check(policy(['ghcr\\.io/example/tasks/.*']), bare, configDefaults)).toEqual([]);
    expect(check(policy(['ghcr\\.io/example/tasks/.*']), bare)).toEqual([finding('ghcr\\.io/example/tasks/.*',
      "match no source the manifests say: the sources of a reference through config-defaults' default-resolver-type are not said by the manifests "
      + "(a substituted or defaulted param, the git resolver's SCM API mode, or a hub whose URL the cluster configures)")]);
  });

  test("a cluster reference without a namespace is read from cluster-resolver-config's default-namespace", () => {
    const cluster = pipeline(ref('cluster', { name: 'build' }));
    const config = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cluster-resolver-config', namespace: 'tekton-pipelines-resolvers' }, data: { 'default-namespace': 'tasks' } };
    const pattern = '^/apis/tekton\\.dev/v1/namespaces/tasks/task/build@.*$';
    expect(check(policy([pattern]), cluster, config)).toEqual([]);
    expect(check(policy([pattern]), cluster)).toEqual([finding(pattern,
      'match no source the manifests say: the sources of cluster build are not said by the manifests '
      + "(a substituted or defaulted param, the git resolver's SCM API mode, or a hub whose URL the cluster configures)")]);
  });
});
