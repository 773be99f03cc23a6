import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { describeRule, task } from './fixtures';
import {
  EgressPeer, EgressPort, GitClone, GitCredential, RunWorkspace, RuleId, SecurePipeline, SecurePipelineRun, SecureTask, Severity, SyncedSecretType,
  TrustDomain,
  VaultSecretProviderClass,
} from '../../../src';
import { audit } from '../../../src/cli/audit';
import { ruleContext } from '../../../src/policy/engine/context';
import { SecureTektonError } from '../../../src/policy/errors';
import { UNIQUE_OBJECTS } from '../../../src/policy/rules/unique-objects';
import { messageOf, refusalLinesOf, step } from '../../helpers/constructs';

/** The findings of the rule on each of `manifests`, checked together. */
const check = (...manifests: any[]) => {
  const context = ruleContext(manifests);
  return manifests.map((m) => UNIQUE_OBJECTS.check(m, context));
};

/** Each call another object (an annotation tells them apart: copies, key for key, are no finding). */
let copies = 0;
const named = (apiVersion: string, kind: string, name: string, namespace?: string) =>
  ({ apiVersion, kind, metadata: { name, ...(namespace === undefined ? {} : { namespace }), annotations: { copy: String(++copies) } } });

const dup = (kind: string, name: string, what: string, more = '') => ({
  rule: RuleId.UNIQUE_OBJECTS,
  kind,
  name,
  property: 'metadata.name',
  value: name,
  problem: `is the identity of 2 objects checked together: ${what}${more}; the API server keeps one, and kubectl apply the last one applied`,
});

describe('UNIQUE_OBJECTS', () => {
  describeRule(UNIQUE_OBJECTS, RuleId.UNIQUE_OBJECTS, Severity.HIGH, false);

  test('applies to objects with a name', () => {
    expect(UNIQUE_OBJECTS.appliesTo(task())).toBe(true);
    expect(UNIQUE_OBJECTS.appliesTo({ kind: 'PipelineRun', metadata: { generateName: 'run-' } })).toBe(false);
    expect(UNIQUE_OBJECTS.appliesTo({ kind: 'Task', metadata: { name: '' } })).toBe(false);
  });

  test('compliant: alone, or without a context', () => {
    expect(UNIQUE_OBJECTS.check(task())).toEqual([]);
    expect(check(task())).toEqual([[]]);
  });

  test('compliant: another kind, namespace, name or API group', () => {
    expect(check(
      named('tekton.dev/v1', 'Task', 'build', 'ci'),
      named('tekton.dev/v1', 'Pipeline', 'build', 'ci'),
      named('tekton.dev/v1', 'Task', 'build', 'other'),
      named('tekton.dev/v1', 'Task', 'test', 'ci'),
      named('example.com/v1', 'Task', 'build', 'ci'),
      named('v1', 'ConfigMap', 'build', 'ci'),
      named('example.com/v1', 'ConfigMap', 'build', 'ci'),
    ).flat()).toEqual([]);
  });

  test('non-compliant: one identity twice, each of them a finding', () => {
    const a = named('tekton.dev/v1', 'Task', 'build', 'ci');
    const b = { ...named('tekton.dev/v1', 'Task', 'build', 'ci'), spec: { steps: [] } };
    const finding = dup('Task', 'build', 'Task/ci/build (API group tekton.dev)');
    expect(check(a, b)).toEqual([[finding], [finding]]);
  });

  test('non-compliant: tekton.dev/v1 and tekton.dev/v1beta1 are one API group', () => {
    expect(check(named('tekton.dev/v1', 'Task', 'build', 'ci'), named('tekton.dev/v1beta1', 'Task', 'build', 'ci'))[0]).toEqual([
      dup('Task', 'build', 'Task/ci/build (API group tekton.dev)', ', as tekton.dev/v1 and tekton.dev/v1beta1'),
    ]);
  });

  test('non-compliant: the core group', () => {
    expect(check(named('v1', 'ConfigMap', 'c', 'ci'), named('v1', 'ConfigMap', 'c', 'ci'))[1]).toEqual([dup('ConfigMap', 'c', 'ConfigMap/ci/c (API group core)')]);
  });

  test('cluster-scoped kinds: the namespace is not part of the identity', () => {
    expect(check(named('rbac.authorization.k8s.io/v1', 'ClusterRole', 'r', 'a'), named('rbac.authorization.k8s.io/v1', 'ClusterRole', 'r'))[0]).toEqual([
      dup('ClusterRole', 'r', 'ClusterRole/r (API group rbac.authorization.k8s.io)'),
    ]);
    expect(check(named('v1', 'Namespace', 'ci'), named('v1', 'Namespace', 'ci', 'x'))[1]).toEqual([dup('Namespace', 'ci', 'Namespace/ci (API group core)')]);
  });

  test('cluster-scoped kinds: Shipwright\'s ClusterBuildStrategy and the Tekton operator\'s kinds, whatever namespace each names', () => {
    // a ClusterBuildStrategy in "other" is the one in "builds": kubectl apply keeps the last one, which a Build was not read with
    const a = named('shipwright.io/v1beta1', 'ClusterBuildStrategy', 'buildah', 'builds');
    const b = { ...named('shipwright.io/v1alpha1', 'ClusterBuildStrategy', 'buildah', 'other'), spec: { volumes: [{ name: 'cache', overridable: true }] } };
    expect(check(a, b)).toEqual([
      [dup('ClusterBuildStrategy', 'buildah', 'ClusterBuildStrategy/buildah (API group shipwright.io)', ', as shipwright.io/v1beta1 and shipwright.io/v1alpha1')],
      [dup('ClusterBuildStrategy', 'buildah', 'ClusterBuildStrategy/buildah (API group shipwright.io)', ', as shipwright.io/v1beta1 and shipwright.io/v1alpha1')],
    ]);
    expect(check(named('operator.tekton.dev/v1alpha1', 'TektonConfig', 'config', 'a'), { ...named('operator.tekton.dev/v1alpha1', 'TektonConfig', 'config', 'b'), spec: { pipeline: {} } })[0])
      .toEqual([dup('TektonConfig', 'config', 'TektonConfig/config (API group operator.tekton.dev)')]);
    // a namespaced BuildStrategy's namespace is its identity's
    expect(check(named('shipwright.io/v1beta1', 'BuildStrategy', 'buildah', 'a'), named('shipwright.io/v1beta1', 'BuildStrategy', 'buildah', 'b'))).toEqual([[], []]);
  });

  test('an empty or null namespace is no namespace, as the API server reads it', () => {
    const empty = { ...named('v1', 'ConfigMap', 'c'), metadata: { name: 'c', namespace: '' } };
    const nulled = { ...named('v1', 'ConfigMap', 'c'), metadata: { name: 'c', namespace: null } };
    expect(check(named('v1', 'ConfigMap', 'c'), empty)[0]).toEqual([dup('ConfigMap', 'c', 'ConfigMap/(no namespace)/c (API group core)')]);
    expect(check(nulled, empty)[0]).toEqual([dup('ConfigMap', 'c', 'ConfigMap/(no namespace)/c (API group core)')]);
  });

  test('no namespace is its own value (the kubectl context decides where it lands)', () => {
    expect(check(named('v1', 'ConfigMap', 'c'), named('v1', 'ConfigMap', 'c'))[0]).toEqual([dup('ConfigMap', 'c', 'ConfigMap/(no namespace)/c (API group core)')]);
  });

  test('non-compliant: an object without a namespace may be the identity of one that names the namespace it lands in', () => {
    const MAY = (what: string) => `may be the identity of ${what} too, checked together: an object without metadata.namespace is applied to the `
      + "namespace of the kubectl context, which may be the other's; the API server then keeps one, and kubectl apply the last one applied";
    const may = (kind: string, name: string, what: string) => ({
      rule: RuleId.UNIQUE_OBJECTS, kind, name, property: 'metadata.name', value: name, problem: MAY(what), fix: 'Give every object its metadata.namespace, or each object its own name.',
    });
    // a raw Task applied with kubectl -n ci replaces the trusted one of that name
    expect(check(named('tekton.dev/v1', 'Task', 'build'), named('tekton.dev/v1', 'Task', 'build', 'ci'))).toEqual([
      [may('Task', 'build', 'Task/ci/build (API group tekton.dev)')],
      [may('Task', 'build', 'Task/(no namespace)/build (API group tekton.dev)')],
    ]);
    expect(check(named('v1', 'ConfigMap', 'c'), named('v1', 'ConfigMap', 'c', 'default'))[0]).toEqual([may('ConfigMap', 'c', 'ConfigMap/default/c (API group core)')]);
    // two namespaces named are two identities; the same object but for its namespace replaces nothing that differs
    expect(check(named('v1', 'ConfigMap', 'c', 'a'), named('v1', 'ConfigMap', 'c', 'b')).flat()).toEqual([]);
    const one = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } };
    expect(check(one, { ...one, metadata: { name: 'c', namespace: 'ci' } }).flat()).toEqual([]);
    // another kind or name, or a name substituted at each create, is no finding
    expect(check(named('v1', 'ConfigMap', 'c'), named('v1', 'Secret', 'c', 'ci'), named('v1', 'ConfigMap', 'd', 'ci')).flat()).toEqual([]);
    expect(check(named('tekton.dev/v1', 'PipelineRun', 'run-$(uid)'), named('tekton.dev/v1', 'PipelineRun', 'run-$(uid)', 'ci')).flat()).toEqual([]);
  });

  test('generateName only: never compared', () => {
    const run = { apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { generateName: 'run-', namespace: 'ci' } };
    expect(check(run, { ...run }).flat()).toEqual([]);
  });

  test('a manifest checked with a set but not in it is not compared with it', () => {
    const a = named('tekton.dev/v1', 'Task', 'build', 'ci');
    expect(UNIQUE_OBJECTS.check(named('tekton.dev/v1', 'Task', 'build', 'ci'), ruleContext([a]))).toEqual([]);
  });

  test('synth: a raw Task named like a trusted SecureTask receiving a secret workspace is refused, with both objects', () => {
    const c = Testing.chart();
    const build = new SecureTask(c, 'build', { trusted: true, workspaces: [{ name: 'creds', domain: TrustDomain.CREDENTIALS }], steps: [step()] });
    const p = new SecurePipeline(c, 'p', { workspaces: [{ name: 'creds', domain: TrustDomain.CREDENTIALS }] });
    p.addTask({ task: build, workspaces: { creds: 'creds' } });
    new SecurePipelineRun(c, 'r', { pipeline: p, workspaces: { creds: RunWorkspace.secret('registry') } });
    new ApiObject(c, 'raw', { apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: 'build' }, spec: { steps: [] } } as any);
    const lines = refusalLinesOf(c, RuleId.UNIQUE_OBJECTS);
    expect(lines).toEqual([
      "SecureTask 'test/build': metadata.name \"build\" is the identity of 2 objects checked together: Task/(no namespace)/build (API group tekton.dev); "
      + 'the API server keeps one, and kubectl apply the last one applied [UNIQUE_OBJECTS]. Give each object its own name (or namespace), or remove the duplicate.',
      "Task 'test/raw' 'build': metadata.name \"build\" is the identity of 2 objects checked together: Task/(no namespace)/build (API group tekton.dev); "
      + 'the API server keeps one, and kubectl apply the last one applied [UNIQUE_OBJECTS]. Give each object its own name (or namespace), or remove the duplicate.',
    ]);
  });

  test('audit: across files', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unique-objects-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.yaml'), 'apiVersion: tekton.dev/v1\nkind: Task\nmetadata:\n  name: build\n  namespace: ci\nspec:\n  steps: []\n');
      fs.writeFileSync(path.join(dir, 'b.yaml'), 'apiVersion: tekton.dev/v1beta1\nkind: Task\nmetadata:\n  name: build\n  namespace: ci\nspec:\n  steps: []\n');
      const r = audit([dir], 'json');
      const found = JSON.parse(r.stdout).findings.filter((f: any) => f.rule === RuleId.UNIQUE_OBJECTS);
      expect(found.map((f: any) => [path.basename(f.file), f.status])).toEqual([['a.yaml', 'failed'], ['b.yaml', 'failed']]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('UNIQUE_OBJECTS: the Secrets a SecretProviderClass syncs', () => {
  const spc = (name: string, namespace: string | undefined, ...secretNames: string[]) => ({
    apiVersion: 'secrets-store.csi.x-k8s.io/v1',
    kind: 'SecretProviderClass',
    metadata: { name, ...(namespace === undefined ? {} : { namespace }) },
    spec: { provider: 'vault', secretObjects: secretNames.map((secretName) => ({ secretName, type: 'Opaque', data: [{ key: 'k', objectName: 'o' }] })) },
  });
  const secret = (name: string, namespace = 'ci') => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace }, type: 'Opaque' });
  const PROBLEM = (at: string, what: string) => `names the Secret ${at}, which ${what} writes too; the Secrets Store CSI driver creates or `
    + 'overwrites that Secret with what it fetched whenever a pod mounts this class, so one replaces the other';
  const FIX = 'Sync to a Secret name nothing else writes (secretObjects[].secretName), or remove the other writer.';

  test('non-compliant: a class syncs over a Secret of the set, with the exact finding (on the class)', () => {
    expect(check(spc('vault', 'ci', 'token', 'git-credentials'), secret('git-credentials'))).toEqual([[{
      rule: RuleId.UNIQUE_OBJECTS,
      kind: 'SecretProviderClass',
      name: 'vault',
      property: 'secretObjects[1].secretName',
      value: 'git-credentials',
      problem: PROBLEM('ci/git-credentials', 'Secret/ci/git-credentials (API group core)'),
      fix: FIX,
    }], []]);
  });

  test('non-compliant: two classes sync one Secret; one class twice; the name trimmed as the driver trims it', () => {
    const [a, b] = check(spc('a', 'ci', 'token'), spc('b', 'ci', ' token '));
    expect(a.map((f) => [f.property, f.value, f.problem])).toEqual([
      ['secretObjects[0].secretName', 'token', PROBLEM('ci/token', 'secretObjects[0] of SecretProviderClass/ci/b (API group secrets-store.csi.x-k8s.io)')],
    ]);
    expect(b.map((f) => [f.property, f.value])).toEqual([['secretObjects[0].secretName', 'token']]);
    expect(check(spc('a', 'ci', 'token', 'token'))[0].map((f) => [f.property, f.problem])).toEqual([
      ['secretObjects[0].secretName', PROBLEM('ci/token', 'secretObjects[1] of SecretProviderClass/ci/a (API group secrets-store.csi.x-k8s.io)')],
      ['secretObjects[1].secretName', PROBLEM('ci/token', 'secretObjects[0] of SecretProviderClass/ci/a (API group secrets-store.csi.x-k8s.io)')],
    ]);
  });

  test('compliant: other namespaces, other names, no context', () => {
    expect(check(spc('vault', 'ci', 'token'), secret('token', 'other'), spc('other', 'other', 'git'), secret('git'))).toEqual([[], [], [], []]);
    expect(UNIQUE_OBJECTS.check(spc('vault', 'ci', 'token', 'token'))).toEqual([]);
  });

  test('synth: a VaultSecretProviderClass that syncs over a Secret the app writes is refused', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'ci', { namespace: 'ci' });
    new ApiObject(chart, 'creds', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'git-credentials' }, type: 'Opaque' });
    new VaultSecretProviderClass(chart, 'vault', {
      vaultAddress: 'https://vault.example.com',
      roleName: 'ci',
      objects: [{ objectName: 'token', secretPath: 'secret/data/ci/git', secretKey: 'token' }],
      secretObjects: [{ secretName: 'git-credentials', secretType: SyncedSecretType.OPAQUE, data: [{ key: 'token', objectName: 'token' }] }],
    });
    expect(() => app.synth()).toThrow(
      "VaultSecretProviderClass 'ci/vault': secretObjects[0].secretName \"git-credentials\" "
      + PROBLEM('ci/git-credentials', 'Secret/ci/git-credentials (API group core)') + ' [UNIQUE_OBJECTS]. ' + FIX,
    );
  });
});

describe('UNIQUE_OBJECTS at synth: a construct of the user\'s made twice', () => {
  test('the fix names the prop that names each object: the construct\'s name, or that of the construct it is named after', () => {
    class Team extends Construct {
      constructor(scope: Construct, id: string) {
        super(scope, id);
        // each team's task, pipeline and egress differ (a script, a param, a registry)
        const pipeline = new SecurePipeline(this, 'pipeline', { parameters: [{ name: id }] });
        pipeline.addTask({ task: new SecureTask(this, 'lint', { steps: [step({ script: `#!/bin/sh\necho ${id}\n` })] }) });
        pipeline.egress.allow(EgressPeer.cidr(id === 'billing' ? '203.0.113.0/24' : '198.51.100.0/24'), [EgressPort.tcp(443)]);
      }
    }
    const chart = Testing.chart();
    new Team(chart, 'billing');
    new Team(chart, 'payments');
    let refusals: string[] = [];
    let rulesAndPaths: string[] = [];
    try {
      Testing.synth(chart);
    } catch (e) {
      refusals = (e as SecureTektonError).findings.map((f) => `${f.construct} '${f.path}': ${f.fix}`);
      rulesAndPaths = (e as SecureTektonError).findings.map((f) => `${f.rule} ${f.construct} '${f.path}'`);
    }
    expect(refusals).toContain("SecureTask 'test/billing/lint': Give SecureTask 'test/billing/lint' its own name (name: 'billing-lint'): its name defaults to the "
      + 'construct id "lint", which repeats when a construct holding it is made twice.');
    expect(refusals).toContain("SecurePipeline 'test/payments/pipeline': A pipeline's NetworkPolicies are named <pipeline>-egress, <pipeline>-<task>-egress, "
      + "<pipeline>-deny-all and <pipeline>-dns: rename SecurePipeline 'test/payments/pipeline' (its name prop, e.g. name: 'payments-pipeline'), or the other "
      + 'pipeline whose names these repeat.');
    // the ServiceAccounts, the same in both, are one object written twice: no finding; each pipeline's egress policy
    // selects the other's pods too (both are tekton.dev/pipeline: pipeline), which widens their egress (EGRESS_SCOPED)
    expect(rulesAndPaths).toEqual([
      "UNIQUE_OBJECTS SecureTask 'test/billing/lint'", "UNIQUE_OBJECTS SecurePipeline 'test/billing/pipeline'",
      "UNIQUE_OBJECTS SecurePipeline 'test/billing/pipeline'", "EGRESS_SCOPED SecurePipeline 'test/billing/pipeline'",
      "UNIQUE_OBJECTS SecureTask 'test/payments/lint'", "UNIQUE_OBJECTS SecurePipeline 'test/payments/pipeline'",
      "UNIQUE_OBJECTS SecurePipeline 'test/payments/pipeline'", "EGRESS_SCOPED SecurePipeline 'test/payments/pipeline'",
    ]);
  });
});

test('UNIQUE_OBJECTS: copies of one object, key for key, leave nothing to choose between', () => {
  const ns = (labels: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ci', labels } });
  const a = ns({ 'pod-security.kubernetes.io/enforce': 'restricted', 'team': 'x' });
  const b = { metadata: { labels: { 'team': 'x', 'pod-security.kubernetes.io/enforce': 'restricted' }, name: 'ci' }, kind: 'Namespace', apiVersion: 'v1' };
  expect(UNIQUE_OBJECTS.check(a, ruleContext([a, b]))).toEqual([]);
  // a name with a substitution is a new one each time (a TriggerTemplate's runs)
  const run = (n: number) => ({ apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { name: 'build-$(tt.params.id)' }, spec: { params: [{ name: 'n', value: String(n) }] } });
  expect(UNIQUE_OBJECTS.check(run(1), ruleContext([run(1), run(2)]))).toEqual([]);
  const c = ns({ 'pod-security.kubernetes.io/enforce': 'privileged' });
  expect(UNIQUE_OBJECTS.check(a, ruleContext([a, b, c])).map((f) => f.value)).toEqual(['ci']);
});

test('an apiVersion or kind that is a map with a toString key (no string: the API server refuses it) is read as absent, and does not throw', () => {
  const odd = JSON.parse('{"toString": "x"}');
  const config = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'ci' } };
  const noVersion = { kind: 'ConfigMap', metadata: { name: 'c', namespace: 'ci' } };
  const oddVersion = { ...noVersion, apiVersion: odd };
  // the same identity as without an apiVersion (the core group): one finding on metadata.name
  const found = (m: any) => UNIQUE_OBJECTS.check(m, ruleContext([m, config])).map((f) => `${f.property} ${f.value}`);
  expect(found(noVersion)).toEqual(['metadata.name c']);
  expect(found(oddVersion)).toEqual(['metadata.name c']);
  const oddKind = { ...config, kind: odd };
  expect(UNIQUE_OBJECTS.check(oddKind, ruleContext([oddKind, config]))).toEqual([]);
});

describe('UNIQUE_OBJECTS at synth: copies alike but for the relaxation records the library writes after checking them', () => {
  /** A team's pipeline that clones first: its GitClone, trusted with the credentials, is named in the pipeline's record. */
  class TeamPipeline extends Construct {
    constructor(scope: Construct, id: string, git: GitCredential, name?: string) {
      super(scope, id);
      const pipeline = new SecurePipeline(this, 'pipeline', {
        name,
        parameters: [{ name: 'git-url' }, { name: 'git-revision' }],
        workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }, { name: 'git-credentials', domain: TrustDomain.CREDENTIALS }],
      });
      pipeline.addTask({
        task: new GitClone(this, 'git-clone', { credential: git }),
        name: 'clone',
        parameters: { url: '$(params.git-url)', revision: '$(params.git-revision)' },
        workspaces: { 'source': 'source', 'git-credentials': 'git-credentials' },
      }).allowEgressTo(EgressPeer.cidr('140.82.112.0/20'), [EgressPort.tcp(22)]);
    }
  }
  const teams = (...names: Array<string | undefined>) => {
    const app = Testing.app();
    const chart = new Chart(app, 'ci', { namespace: 'ci' });
    const git = new GitCredential(chart, 'git', {
      secretName: 'git-deploy-key',
      url: 'git@github.com:example/app.git',
      knownHosts: 'github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl',
    });
    names.forEach((name, i) => new TeamPipeline(chart, i === 0 ? 'team' : `team${i + 1}`, git, name));
    return app;
  };

  test('made twice in one chart: the two Pipelines differ in their records, as the audit of the written files reads them: refused', () => {
    const app = teams(undefined, undefined);
    const refusal = (mine: string, other: string, suggestion: string) => `SecurePipeline 'ci/${mine}/pipeline': metadata.name "pipeline" is the identity `
      + `of 2 objects checked together: Pipeline/ci/pipeline (API group tekton.dev), written by SecurePipeline 'ci/${mine}/pipeline' and SecurePipeline `
      + `'ci/${other}/pipeline', alike but for what the library writes after checking them: metadata.annotations["secure-tekton/relax.CREDENTIALS_TRUSTED_TASK"], `
      + 'metadata.annotations["secure-tekton/seal"] (a relaxation record names the construct that gave the relaxation, and the seal covers the records); '
      + 'the API server keeps one, and kubectl apply the last one applied, so the records of the other are lost [UNIQUE_OBJECTS]. '
      + `Give SecurePipeline 'ci/${mine}/pipeline' its own name (name: '${suggestion}'): its name defaults to the construct id "pipeline", which repeats `
      + 'when a construct holding it is made twice.';
    // the ServiceAccount, the NetworkPolicies and the Task git-clone are copies, key for key: one object written twice
    expect(messageOf(() => app.synth()).split('\n')).toEqual([
      '2 findings; nothing was written:', `  ${refusal('team', 'team2', 'team-pipeline')}`, `  ${refusal('team2', 'team', 'team2-pipeline')}`,
    ]);
  });

  test('the check at synth reads the shared identity from the rule as data: a rewording of the finding leaves its message whole', () => {
    const original = UNIQUE_OBJECTS.check.bind(UNIQUE_OBJECTS);
    const reworded = jest.spyOn(UNIQUE_OBJECTS, 'check').mockImplementation((m: any, c?: any) => original(m, c)
      .map((f) => ({ ...f, problem: f.problem.replace('; the API server keeps one, and kubectl apply the last one applied', ' (reworded)') })));
    try {
      const lines = messageOf(() => teams(undefined, undefined).synth()).split('\n');
      expect(lines.map((l) => l.split(' [UNIQUE_OBJECTS]')[0])).toEqual([
        '2 findings; nothing was written:',
        ...[['team', 'team2'], ['team2', 'team']].map(([mine, other]) => `  SecurePipeline 'ci/${mine}/pipeline': metadata.name "pipeline" is the identity `
          + `of 2 objects checked together: Pipeline/ci/pipeline (API group tekton.dev), written by SecurePipeline 'ci/${mine}/pipeline' and SecurePipeline `
          + `'ci/${other}/pipeline', alike but for what the library writes after checking them: metadata.annotations["secure-tekton/relax.CREDENTIALS_TRUSTED_TASK"], `
          + 'metadata.annotations["secure-tekton/seal"] (a relaxation record names the construct that gave the relaxation, and the seal covers the records); '
          + 'the API server keeps one, and kubectl apply the last one applied, so the records of the other are lost'),
      ]);
      expect(reworded).toHaveBeenCalled();
    } finally {
      reworded.mockRestore();
    }
  });

  test('each Pipeline with its own name, as the fix says: written, and the audit of the written files agrees', () => {
    const app = teams(undefined, 'team2-pipeline');
    app.synth();
    const r = audit([app.outdir], 'json');
    expect(JSON.parse(r.stdout).findings.filter((f: any) => f.status === 'failed')).toEqual([]);
    // the Task git-clone, alike in both, is written twice and read as one
    expect(fs.readFileSync(path.join(app.outdir, 'ci.k8s.yaml'), 'utf8').match(/^ {2}name: git-clone$/gm)).toHaveLength(2);
  });
});
