/**
 * The cluster side of the hardening guide, applied once by a cluster admin:
 *
 * - Tekton's feature flags with the hardened values (security context on injected
 *   containers, known_hosts required, trusted resources fail closed, credentials
 *   through workspaces only, CloudEvents of every run to an audit sink);
 * - Tekton Chains signing keyless as its SPIFFE ID (SPIRE) through the cluster's
 *   own Fulcio, which trusts SPIRE's OIDC issuer (the public-good Fulcio has no
 *   spiffe issuer), SLSA provenance stored next to the image, every entry in the
 *   public Rekor log;
 * - the `ci` namespace with Pod Security Admission (the VerificationPolicy for the
 *   tasks the build example fetches from a bundle is in that example: a policy
 *   matches the sources the pipelines of its namespace fetch, so it lives with them);
 * - admission policies that make the cluster itself refuse, in `ci`, Tekton objects
 *   with unpinned images, unhardened steps, other ServiceAccounts or shared volumes, and
 *   Tasks and Pipelines a resolver fetches unless they are pinned (the build example's
 *   bundle, which its VerificationPolicy makes Tekton verify: `pinnedRemoteReferences`).
 *
 * Chains pushes signatures and attestations with the registry Secrets of each run's
 * ServiceAccount, so the registry credential belongs to the pipeline (see the build
 * example's `allowChainsToPush`), not to the Chains controller.
 */
import { App, Chart } from 'cdk8s';
import {
  ChainsConfig,
  ChainsStorageBackend,
  Coschedule,
  FulcioProvider,
  HardenedNamespace,
  KeylessSigning,
  PodSecurityLevel,
  ProvenanceFormat,
  RelaxationTarget,
  RuleId,
  TektonAdmissionPolicies,
  TektonFeatureFlags,
} from '../../src';

/** The cluster-wide configuration, one chart per namespace it writes to. */
export function clusterConfigApp(outdir: string): App {
  const app = new App({ outdir });

  // tekton-pipelines: feature flags (and config-events for the audit sink)
  const pipelines = new Chart(app, 'tekton-pipelines');
  new TektonFeatureFlags(pipelines, 'feature-flags', {
    cloudEventsSink: 'https://audit-events.example.com/tekton',
    // the build example's tasks bind two claims each, which coschedule "workspaces" refuses
    coschedule: Coschedule.DISABLED,
  });

  // tekton-chains: keyless signing, SLSA provenance in the registry, transparency log
  const chains = new Chart(app, 'tekton-chains', { namespace: 'tekton-chains' });
  new ChainsConfig(chains, 'chains-config', {
    // verify with ImageVerificationTask.chainsSpiffeIdentity('example.org'), this oidcIssuer, privateSigstore: true and this rekorUrl
    keyless: KeylessSigning.custom({
      fulcioAddress: 'https://fulcio.example.org',
      oidcIssuer: 'https://oidc-discovery.example.org',
      provider: FulcioProvider.SPIFFE,
      rekorUrl: 'https://rekor.example.org',
    }),
    taskRuns: { format: ProvenanceFormat.SLSA_V2_ALPHA4, storage: [ChainsStorageBackend.OCI] },
    pipelineRuns: { format: ProvenanceFormat.SLSA_V2_ALPHA4, storage: [ChainsStorageBackend.OCI], deepInspection: true },
  });

  // ci: the namespace the build example runs in
  const ci = new Chart(app, 'ci', { namespace: 'ci' });
  new HardenedNamespace(ci, 'namespace', {
    name: 'ci',
    // the build example's kaniko push step runs as root with seven capabilities of the baseline list
    enforce: PodSecurityLevel.BASELINE,
    relaxations: [{ rule: RuleId.NAMESPACE_RESTRICTED, target: RelaxationTarget.podSecurityMode('enforce'), reason: 'the kaniko push step runs as UID 0 with CHOWN, DAC_OVERRIDE, FOWNER, SETUID, SETGID, FSETID and SETFCAP' }],
  });

  // cluster-scoped: refuse in ci what synth would have refused (defence in depth)
  const admission = new Chart(app, 'admission');
  new TektonAdmissionPolicies(admission, 'policies', {
    namespaces: ['ci'],
    allowedServiceAccounts: ['build-and-push-runner'],
    // the build example fetches its clone task from the platform's bundle by digest; the policies check what a resolver
    // fetches only with the relaxation records its publisher wrote, so they admit it only because Tekton verifies it before it runs
    pinnedRemoteReferences: {
      reason: 'the build pipeline fetches git-clone from the platform bundle by digest, and the VerificationPolicy signed-tasks in ci (mode enforce) with no-match-policy fail verifies it before it runs',
    },
  });
  return app;
}
