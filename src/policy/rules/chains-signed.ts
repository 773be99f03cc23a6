import { ARTIFACT_TYPES, chainsConfigData, dataKey } from '../../private/chains-keys';
import { Severity } from '../rule';
import { isChainsConfig, manifestRule, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

/** The signers that sign; a missing key means Chains' default, x509. */
const SIGNING = ['x509', 'kms'];

/** Chains signs every artifact type. */
export const CHAINS_SIGNED = manifestRule(
  {
    id: RuleId.CHAINS_SIGNED,
    severity: Severity.HIGH,
    title: 'Chains signs TaskRun, PipelineRun and OCI artifacts with a real signer (x509 or kms)',
    rationale: 'Unsigned provenance or an unsigned image can be written or swapped by anyone who can write to the storage, and a verifier cannot tell it from the real one. Signer "none" keeps the provenance but drops the signature that makes it evidence.',
    fix: 'Sign with x509 (the key in the signing-secrets Secret, or keyless through Fulcio) or kms.',
    decidesFrom:
      '`artifacts.taskrun.signer`, `artifacts.pipelinerun.signer` and `artifacts.oci.signer` in the ConfigMap named '
      + '`chains-config` in namespace `tekton-chains` (or with no namespace): a value other than exactly `x509` or `kms` is a '
      + 'finding; an unset key passes (Chains then signs with x509).',
    limits:
      'Whether the signing key exists (the signing-secrets Secret, the KMS key, Fulcio for keyless signing), whether an '
      + 'artifact type is stored at all, and whether Chains is installed and running are not seen.',
    howToRelax:
      "Findings are about the whole ConfigMap, so give `{ rule: RuleId.CHAINS_SIGNED, reason: '<why>' }` without a target "
      + '(a `RelaxationTarget.configKey(...)` target covers none of them and is refused as covering nothing), in the '
      + "ChainsConfig's `relaxations` (`ChainsSigner.NONE` needs one) or to `Relaxations.of(construct).add(...)`. In YAML for "
      + 'the audit: ' + relaxAnnotation(RuleId.CHAINS_SIGNED, '*: <why>') + ' on chains-config.',
    relaxable: true,
    appliesTo: isChainsConfig,
  },
  (manifest) => {
    const data = chainsConfigData(manifest);
    if (!data) return [];
    return ARTIFACT_TYPES
      .map((type) => `artifacts.${type}.signer`)
      .filter((key) => data[key] !== undefined && !SIGNING.includes(data[key]))
      .map((key) => ({ property: dataKey(key), value: data[key], problem: 'does not sign with x509 or kms' }));
  },
);
