import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { goldenPathApp } from '../../examples/golden-path/app';
import { evaluateManifests, unrelaxed } from '../../src/policy/engine/evaluate';

describe('golden-path example', () => {
  const app = goldenPathApp(fs.mkdtempSync(path.join(os.tmpdir(), 'golden-path-')));
  const objects = app.charts.flatMap((c) => Testing.synth(c));
  const ofKind = (kind: string) => objects.filter((o: any) => o.kind === kind);
  const pipeline = ofKind('Pipeline')[0];
  const task = (name: string) => ofKind('Task').find((t: any) => t.metadata.name === name);
  const pipelineTask = (name: string) => pipeline.spec.tasks.find((t: any) => t.name === name);

  test('clone, unit-test, build, push, verify and deploy run in that order', () => {
    expect(pipeline.spec.tasks.map((t: any) => [t.name, t.runAfter])).toEqual([
      ['clone', undefined], ['unit-test', ['clone']], ['build', ['unit-test']], ['push', ['build']], ['verify', undefined], ['deploy', ['verify']],
    ]);
    // verify reads push's results, so Tekton runs it after push
    expect(pipelineTask('verify').params).toEqual([{ name: 'image', value: '$(tasks.push.results.IMAGE_URL)@$(tasks.push.results.IMAGE_DIGEST)' }]);
  });

  test('each credential reaches one task: the git key clone, the registry config push', () => {
    const credentialsOf = (name: string) => (pipelineTask(name).workspaces ?? []).map((w: any) => w.workspace).filter((w: string) => w.endsWith('-credentials'));
    expect(['clone', 'unit-test', 'build', 'push', 'verify', 'deploy'].map((t) => [t, credentialsOf(t)])).toEqual([
      ['clone', ['git-credentials']], ['unit-test', []], ['build', []], ['push', ['registry-credentials']], ['verify', []], ['deploy', []],
    ]);
    const run = ofKind('PipelineRun')[0];
    const registry = run.spec.workspaces.find((w: any) => w.name === 'registry-credentials');
    expect(registry.csi).toEqual({ driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'registry-push' } });
  });

  test('only the build runs as root, and it holds no credentials; the unit tests run with no egress at all', () => {
    const root = ofKind('Task').flatMap((t: any) => t.spec.steps.filter((s: any) => s.securityContext?.runAsUser === 0).map((s: any) => `${t.metadata.name}/${s.name}`));
    expect(root).toEqual(['container-build/build']);
    expect(task('container-build').spec.workspaces.map((w: any) => w.name).sort()).toEqual(['image', 'source']);
    // hermetic: no allowance selects the unit-test pod, and the DNS policy leaves it out
    expect(ofKind('NetworkPolicy').filter((p: any) => p.spec.podSelector?.matchLabels?.['tekton.dev/pipelineTask'] === 'unit-test')).toEqual([]);
    const dns = ofKind('NetworkPolicy').find((p: any) => p.metadata.name === 'release-dns');
    expect(dns.spec.podSelector.matchExpressions).toEqual([
      { key: 'tekton.dev/pipelineTask', operator: 'Exists' },
      { key: 'tekton.dev/pipelineTask', operator: 'NotIn', values: ['unit-test'] },
    ]);
  });

  test('the namespace enforces baseline for kaniko, audits and warns restricted, and denies all traffic by default', () => {
    const ns = ofKind('Namespace')[0];
    expect(ns.metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'baseline',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/warn': 'restricted',
    });
    const deny = ofKind('NetworkPolicy').filter((p: any) => p.metadata.namespace === 'ci' && JSON.stringify(p.spec.podSelector) === '{}');
    expect(deny.map((p: any) => [p.spec.policyTypes, p.spec.egress ?? [], p.spec.ingress ?? []])).toEqual([[['Ingress', 'Egress'], [], []]]);
  });

  test('Chains signs keyless as the identity verify requires, and pushes with the Secret listed under the run\'s ServiceAccount\'s imagePullSecrets', () => {
    const chains = ofKind('ConfigMap').find((c: any) => c.metadata.name === 'chains-config');
    expect(chains.data['signers.x509.fulcio.enabled']).toBe('true');
    expect(chains.data['signers.x509.fulcio.provider']).toBe('spiffe');
    // the cluster's own Fulcio, which trusts SPIRE's issuer: the public-good one has no spiffe issuer
    expect(chains.data['signers.x509.fulcio.address']).toBe('https://fulcio.example.org');
    expect(chains.data['signers.x509.fulcio.issuer']).toBe('https://oidc-discovery.example.org');
    const verifyTask = task('image-verify');
    expect(verifyTask.spec.params.find((p: any) => p.name === 'certificate-identity').default).toBe('spiffe://example.org/ns/tekton-chains/sa/tekton-chains-controller');
    expect(verifyTask.spec.params.find((p: any) => p.name === 'certificate-oidc-issuer').default).toBe(chains.data['signers.x509.fulcio.issuer']);
    const sa = ofKind('ServiceAccount').find((s: any) => s.metadata.name === ofKind('PipelineRun')[0].spec.taskRunTemplate.serviceAccountName);
    expect(sa.imagePullSecrets).toEqual([{ name: 'registry-push' }]);
    // nothing under secrets:, which Tekton's creds-init writes into every step: the credentials reach clone and push as workspaces
    expect(sa.secrets).toBeUndefined();
  });

  test('the deploy task may change Deployment app and Service app only', () => {
    const role = ofKind('Role').find((r: any) => r.rules.some((x: any) => x.resources.includes('deployments')));
    expect(role.rules.filter((x: any) => ['deployments', 'services'].some((r) => x.resources.includes(r))).flatMap((x: any) => x.resourceNames)).toEqual(['app', 'app']);
  });

  test('the deploy task deploys the digest verify verified: its image-digest is verify\'s digest result, and its pin step pins the release repository to it', () => {
    expect(pipelineTask('deploy').params).toEqual([{ name: 'image-digest', value: '$(tasks.verify.results.digest)' }]);
    expect(task('image-verify').spec.results.map((r: any) => r.name)).toEqual(['digest']);
    const steps = task('deploy').spec.steps;
    expect(steps.map((st: any) => st.name)).toEqual(['validate-params', 'prepare', 'render', 'pin', 'apply']);
    expect(steps.find((st: any) => st.name === 'pin').env.slice(0, 3)).toEqual([
      { name: 'REPOSITORY', value: 'registry.example.com/team/app' }, { name: 'DIGEST', value: '$(params.image-digest)' }, { name: 'OTHER_IMAGES', value: '' },
    ]);
    expect(steps.find((st: any) => st.name === 'apply').args).toEqual(['apply', '--server-side', '--field-manager=tekton-deploy', '--filename=/tmp/deploy/pinned.yaml']);
  });

  test('read back as YAML, the whole app has no unrelaxed finding (the audit agrees with synth)', () => {
    const open = evaluateManifests(objects).flatMap((p) => p.checks.flatMap((c) => unrelaxed(c).map((f) => `${p.kind}/${p.name} ${f.rule}`)));
    expect(open).toEqual([]);
  });
});
