import { ChainsInstall, chainsInstallsOf, chainsReadingsProblems } from '../../private/chains-keys';
import {
  attestationSigners, CHAINS_SIGNING_SECRET, CHAINS_SPIFFE_PATH, cosignVerifications, imageSigner, signatureRepositoryMismatch, transparencyMismatch,
  verificationMismatches, verifiesKeyless,
} from '../../private/chains-signing';
import { containersOf } from '../../private/containers';
import { OPERATOR_CHAINS_NAMESPACE, OPERATOR_CHAINS_OF } from '../../private/operator-chains';
import { paramValues } from '../../private/param-values';
import { Severity } from '../rule';
import { containerRelaxation, manifestRule, Problem, BUILD_STRATEGIES } from '../rule-builders';
import { RuleId } from '../rule-id';

/**
 * Every `cosign verify` step accepts the signer Tekton Chains signs images with,
 * as the `chains-config` checked with it says: a key, a KMS key or a keyless
 * Fulcio certificate of a given identity.
 */
export const CHAINS_SIGNER_VERIFIED = manifestRule(
  {
    id: RuleId.CHAINS_SIGNER_VERIFIED,
    severity: Severity.MEDIUM,
    title: 'Image verification steps accept the signer Tekton Chains signs images with',
    rationale:
      'A cosign verification that expects another signer than the one Chains uses, or attestations Chains never writes '
      + 'to the registry, fails for every image, forever: '
      + 'a key where Chains signs keyless through Fulcio, a certificate identity where Chains signs with a key, '
      + 'another KMS key, or an identity that cannot be the SPIFFE ID SPIRE gives the Chains controller. The pipeline '
      + 'then never deploys, or someone turns the check off under pressure.',
    fix:
      'Verify what Chains signs with: `--key k8s://tekton-chains/signing-secrets` (or its public key) for the x509 key, '
      + '`--key <signers.kms.kmsref>` for kms, and for keyless signing `--certificate-identity` and `--certificate-oidc-issuer` '
      + `of the Fulcio provider (SPIFFE: spiffe://<trust domain>${CHAINS_SPIFFE_PATH} and the SPIRE OIDC issuer); images with `
      + 'the `artifacts.oci.signer`, attestations with the `artifacts.taskrun.signer` or `artifacts.pipelinerun.signer` of a '
      + 'type whose storage includes `oci`. With transparency off, give `--insecure-ignore-tlog=true` for a key; keyless '
      + 'signatures need transparency on (`transparency.enabled` "true").',
    decidesFrom:
      'Only with a `chains-config` ConfigMap (namespace `tekton-chains` or none; of several, the one Chains reads: in '
      + '`tekton-chains` over one without a namespace, the last of those) checked together. For `cosign verify` (image '
      + 'signatures) its `artifacts.oci.storage` (default `oci`; without `oci` no signature reaches the registry) and '
      + '`artifacts.oci.signer` (default `x509`; `none` signs nothing); for `cosign verify-attestation` the same keys of '
      + '`artifacts.taskrun.*` and `artifacts.pipelinerun.*` (storage default `tekton`, which writes no attestation to the '
      + 'registry), whose signers sign the TaskRun and PipelineRun attestations: the verification must accept either one that '
      + 'stores in `oci`. With them `signers.kms.kmsref`, `signers.x509.fulcio.enabled` (Go `ParseBool`) and '
      + '`signers.x509.fulcio.provider` (a token file with no provider: `filesystem`). Against every step, in Tasks, Pipelines, runs and StepActions, that runs '
      + '`cosign verify` or `cosign verify-attestation` through `command`/`args` (or the args of an image named `cosign`), '
      + '`sh -c`, or a simple command of a shell `script` (sh, bash, dash, ash, ksh or zsh, its `#!` line read past env\'s options '
      + 'and assignments, `#!/usr/bin/env -S -u HOME bash`, and busybox; `cosign manifest verify` and `dockerfile verify` as verify; '
      + 'cosign\'s global flags and their values before the subcommand, `cosign -t 5m verify`; `if`/`until` and wrappers such as '
      + '`timeout`, `sudo` and `doas` looked through, the code it runs through `sh -c`, `eval`, `trap`, a command substitution or a heredoc or here-string fed to a '
      + 'shell (or read as its `/dev/stdin`) read in place, '
      + '`"$NAME"` read from the step\'s `env`): '
      + '`--key` (a KMS URI is compared with `signers.kms.kmsref` exactly, and with kms the key must not be '
      + `\`k8s://${CHAINS_SIGNING_SECRET}\`, which only the x509 signer reads; with the x509 key the key must not be a KMS URI, `
      + `the key of ${CHAINS_SIGNING_SECRET}), \`--certificate-identity\` and \`--certificate-oidc-issuer\` (with provider \`spiffe\` `
      + `the identity must be \`spiffe://<trust domain>${CHAINS_SPIFFE_PATH}\`, as SPIRE's Kubernetes registration template `
      + 'names the controller, and the issuer not one of GitHub Actions, Google or the public Sigstore OIDC; with `github-actions` '
      + 'an https://github.com/ identity and GitHub\'s issuer; with `google-workload-identity` or `google-impersonate` an '
      + 'e-mail and Google\'s issuer); and when `signers.x509.fulcio.address` is not the public-good Fulcio (its default), a '
      + '`SIGSTORE_ROOT_FILE` in the container\'s env or named in its script, since otherwise cosign trusts only the public-good '
      + 'Fulcio\'s root. A flag not given is read from its `COSIGN_<FLAG>` env var (`COSIGN_KEY`, '
      + '`COSIGN_CERTIFICATE_IDENTITY` …; an empty one is unset), as cosign binds them: in a script, an assignment before cosign '
      + '(`COSIGN_KEY=… cosign verify`) over one the script exports (`export COSIGN_KEY=…`) over the env. A value '
      + '`$(params.x)` is read as the task\'s default and the literal values the Pipelines, PipelineRuns and TaskRuns checked '
      + 'with it pass, a pipeline param followed to its default and the values of what runs its spec: the PipelineRuns naming a '
      + 'Pipeline (and the iterations of a PipelineLoop whose `pipelineRef` names it: the params of the pipeline task that runs the loop), the params of the pipeline task whose own `pipelineSpec` it is (its default only where that task passes none), '
      + 'in a pipeline task\'s `taskSpec` a param that task does not pass also the pipeline level\'s value of that name (a checked '
      + 'PipelineRun\'s, declared by the pipeline or not, or the pipeline\'s default; in a PipelineLoop\'s spec the iteration\'s: the '
      + 'caller\'s, the loop\'s default, or one the controller makes), which Tekton v1.15 substitutes into the spec (`propagateParams`), '
      + 'and for a kfp-tekton PipelineLoop\'s those of the pipeline task that runs it (the loop embedded, or named by a `taskRef` '
      + 'to the loop object); where one value may be unknown (a pipeline param no default nor checked run gives, '
      + 'another substitution, a param the loop\'s controller makes for each iteration, `<iterateParam>-subvar-<key>` of a list of '
      + 'dictionaries among them) no value is known, so the flag is neither judged nor taken to skip the log. Unless `transparency.enabled` is `true` or `manual` (unset is off), the verification must pass '
      + '`--insecure-ignore-tlog=true` or `--private-infrastructure` (cosign checks the Rekor entry by default), except against '
      + 'keyless signatures, which no verification accepts then: past the Fulcio certificate\'s 10 minutes cosign needs a Rekor '
      + 'entry or a signed timestamp, and Chains v0.29 makes no timestamp. The step\'s `COSIGN_REPOSITORY` env (where cosign looks for signatures) must be `storage.oci.repository` '
      + 'exactly, or unset when that key is, or when `storage.oci.encoding-format` is `sigstore-bundle` (Chains then writes '
      + 'OCI 1.1 referrers next to the image and ignores `storage.oci.repository`).' + OPERATOR_CHAINS_OF + OPERATOR_CHAINS_NAMESPACE + BUILD_STRATEGIES,
    limits:
      'Without chains-config checked together nothing is judged. cosign run from a script file, a '
      + 'variable, a param (`$(params.bin) verify`) or a name the shell builds (`/usr/bin/cosig?`, `$(echo cosign)`), values built from other substitutions, shell variables not set by `env` (a COSIGN_REPOSITORY exported by '
      + 'the script, and `--key "$KEY"` of a variable the script assigns, are not seen), params with no known value, '
      + 'and the `-regexp` flags are not judged; with the provider unset or '
      + '`filesystem` only key against keyless is. A KMS key written two ways (alias and ARN) is a finding; with kms, a key '
      + 'in a file or another Secret (the KMS key\'s public key exported) is not judged. The trust domain '
      + 'and whether SPIRE registers the controller with another template, whether Fulcio trusts the SPIRE issuer, '
      + 'with `transparency.enabled: manual` whether the run is annotated for upload, the Rekor instance each side uses, '
      + 'and whether the image verified is one Chains signed are not seen; a repository written two ways (with and without '
      + '`index.docker.io/`) is a finding.',
    howToRelax:
      containerRelaxation(RuleId.CHAINS_SIGNER_VERIFIED, {
        props: 'Relax it on a step that verifies images Chains does not sign (a vendor\'s), or when SPIRE registers the controller under another path.',
      }),
    relaxable: true,
    appliesTo: (m) => containersOf(m).length > 0,
  },
  (manifest, context) => {
    if (context === undefined) return [];
    // each chains-config Chains may read (the operator's apply may keep a ConfigMap's own keys): a finding of any is one
    return chainsReadingsProblems(chainsInstallsOf(context.manifests), (install) => stepProblems(manifest, install, context.manifests));
  },
);

/** What CHAINS_SIGNER_VERIFIED finds in the steps of `manifest` with the chains-config of `install`. */
function stepProblems(manifest: any, install: ChainsInstall, manifests: readonly any[]): Problem[] {
  const config = install.data;
  // `cosign verify` finds image signatures, `verify-attestation` the attestations of TaskRuns and PipelineRuns (read where a step
  // verifies: most run no cosign)
  const readSigners = () => ({ 'verify': [imageSigner(config, install.namespace)], 'verify-attestation': attestationSigners(config, install.namespace) });
  let signers: ReturnType<typeof readSigners> | undefined;
  const signs = (v: { subcommand: 'verify' | 'verify-attestation' }) => (signers ??= readSigners())[v.subcommand].some((s) => s.kind !== 'unsigned');
  const problems: Problem[] = [];
  for (const view of containersOf(manifest)) {
    if (view.role !== 'step') continue;
    const resolve = (param: string) => paramValues(manifest, view.path, view.params, param, manifests);
    const verifications = cosignVerifications(view.effective, resolve);
    if (verifications.length === 0) continue;
    signers ??= readSigners();
    const repository = verifications.some(signs) ? signatureRepositoryMismatch(config, view.effective, resolve) : undefined;
    if (repository) problems.push({ location: view.location, target: view.target, ...repository });
    for (const verification of verifications) {
      const judged = signers[verification.subcommand];
      const tlog = signs(verification) ? transparencyMismatch(config, verification, verifiesKeyless(judged, verification)) : undefined;
      for (const m of [...verificationMismatches(judged, verification), ...(tlog ? [tlog] : [])]) {
        const resolved = m.value !== undefined && !m.written.includes(m.value);
        problems.push({
          location: view.location,
          target: view.target,
          property: m.property ?? verification.property,
          value: m.written,
          problem: resolved ? `gives "${m.value}", which ${m.problem}` : m.problem,
        });
      }
    }
  }
  return problems;
}
