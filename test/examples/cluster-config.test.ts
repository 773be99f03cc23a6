import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { clusterConfigApp } from '../../examples/cluster-config/app';
import { Relaxations, RuleId } from '../../src';

describe('cluster-config example', () => {
  const app = clusterConfigApp(fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-config-')));
  const objects = app.charts.flatMap((c) => Testing.synth(c));
  const find = (kind: string, name: string) => objects.find((o: any) => o.kind === kind && o.metadata.name === name);

  test('feature-flags carry the hardened values', () => {
    const flags = find('ConfigMap', 'feature-flags');
    expect(flags.metadata.namespace).toBe('tekton-pipelines');
    expect(flags.data).toMatchObject({
      'set-security-context': 'true',
      'set-security-context-read-only-root-filesystem': 'true',
      'require-git-ssh-secret-known-hosts': 'true',
      'trusted-resources-verification-no-match-policy': 'fail',
      'disable-creds-init': 'true',
      'send-cloudevents-for-runs': 'true',
    });
    expect(find('ConfigMap', 'config-events').data.sink).toBe('https://audit-events.example.com/tekton');
  });

  test('chains-config: keyless x509 signing, SLSA provenance, transparency on, secure OCI storage', () => {
    const chains = find('ConfigMap', 'chains-config');
    expect(chains.metadata.namespace).toBe('tekton-chains');
    expect(chains.data).toMatchObject({
      'artifacts.taskrun.signer': 'x509',
      'artifacts.pipelinerun.signer': 'x509',
      'artifacts.oci.signer': 'x509',
      'artifacts.taskrun.format': 'slsa/v2alpha4',
      'artifacts.pipelinerun.format': 'slsa/v2alpha4',
      'signers.x509.fulcio.enabled': 'true',
      // SPIRE's identity needs a Fulcio with a spiffe issuer: not the public-good one
      'signers.x509.fulcio.address': 'https://fulcio.example.org',
      'signers.x509.fulcio.issuer': 'https://oidc-discovery.example.org',
      'signers.x509.fulcio.provider': 'spiffe',
      'transparency.enabled': 'true',
      'storage.oci.repository.insecure': 'false',
    });
  });

  test('writes no Chains controller ServiceAccount: Chains pushes with the Secrets of the run\'s ServiceAccount', () => {
    expect(objects.filter((o: any) => o.kind === 'ServiceAccount' && o.metadata.name === 'tekton-chains-controller')).toEqual([]);
  });

  test('namespace ci: restricted audit and warn; enforce relaxed to baseline for kaniko, with the reason recorded', () => {
    const ns = find('Namespace', 'ci');
    expect(ns.metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'baseline',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/warn': 'restricted',
    });
    expect(Relaxations.of(app).forRule(RuleId.NAMESPACE_RESTRICTED).map((r) => r.target)).toEqual(['mode/enforce']);
  });

  test('no VerificationPolicy: one protects the sources the pipelines of its namespace fetch, so it lives with them (the build example)', () => {
    expect(objects.filter((o: any) => o.kind === 'VerificationPolicy')).toEqual([]);
  });
});

describe('cluster-config example admission policies', () => {
  const app = clusterConfigApp(fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-config-')));
  const objects = app.charts.flatMap((c) => Testing.synth(c));

  test('emits a ValidatingAdmissionPolicy and a binding per invariant, bound to ci', () => {
    const policies = objects.filter((o: any) => o.kind === 'ValidatingAdmissionPolicy');
    const bindings = objects.filter((o: any) => o.kind === 'ValidatingAdmissionPolicyBinding');
    // nine over the objects, one over the runs' status subresource, one over Tekton Triggers' EventListeners and Triggers, one over ResolutionRequests,
    // one over the CustomRuns and PipelineRuns a PipelineRun would adopt, one over the PersistentVolumeClaims Tekton makes for volumeClaimTemplates,
    // one over the StatefulSets Tekton makes for affinity assistants
    expect(policies.map((p: any) => p.metadata.name)).toEqual([
      'secure-tekton-image-digest', 'secure-tekton-step-security-context', 'secure-tekton-host-access', 'secure-tekton-injection',
      'secure-tekton-secrets', 'secure-tekton-run-pod-templates', 'secure-tekton-run-service-account', 'secure-tekton-run-workspaces',
      'secure-tekton-run-status', 'secure-tekton-remote-references', 'secure-tekton-triggers-authenticated', 'secure-tekton-resolution-requests',
      'secure-tekton-child-runs', 'secure-tekton-workspace-claims', 'secure-tekton-affinity-assistants',
    ]);
    expect(bindings.map((b: any) => b.spec.policyName).sort()).toEqual(policies.map((p: any) => p.metadata.name).sort());
    for (const b of bindings) {
      expect(b.apiVersion).toBe('admissionregistration.k8s.io/v1beta1');
      expect(b.spec.validationActions).toEqual(['Deny']);
      expect(b.spec.matchResources.namespaceSelector.matchExpressions).toEqual([{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['ci'] }]);
    }
  });

  test('the loosening the build example\'s bundle task needs is written with its reason, recorded on the policy', () => {
    const remote = objects.find((o: any) => o.kind === 'ValidatingAdmissionPolicy' && o.metadata.name === 'secure-tekton-remote-references');
    expect(remote.metadata.annotations).toEqual({
      'secure-tekton/pinned-remote-references': 'the build pipeline fetches git-clone from the platform bundle by digest, and the VerificationPolicy'
        + ' signed-tasks in ci (mode enforce) with no-match-policy fail verifies it before it runs',
    });
  });
});
