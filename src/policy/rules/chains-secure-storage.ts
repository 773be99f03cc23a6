import { chainsConfigData, dataKey, parsesTrue } from '../../private/chains-keys';
import { Severity } from '../rule';
import { isChainsConfig, manifestRule, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

/** Chains talks to OCI registries over verified TLS. */
export const CHAINS_SECURE_STORAGE = manifestRule(
  {
    id: RuleId.CHAINS_SECURE_STORAGE,
    severity: Severity.HIGH,
    title: 'Chains reaches OCI registries with TLS verification on',
    rationale: 'storage.oci.repository.insecure turns off TLS verification towards the registry that receives signatures and attestations: anyone on the network path can read, replace or drop them, which breaks the guarantees provenance exists for.',
    fix: 'Leave storage.oci.repository.insecure "false" (give the registry a certificate the controller trusts).',
    decidesFrom:
      '`storage.oci.repository.insecure` in the ConfigMap named `chains-config` in namespace `tekton-chains` (or with no '
      + "namespace), read as Go's `strconv.ParseBool`: `1`, `t`, `T`, `true`, `TRUE` or `True` is a finding.",
    limits:
      'Only that key is read: TLS towards the other storage backends (docdb, grafeas, archivista, GCS), the transparency '
      + "log and the KMS is not judged, nor the registry's certificate.",
    howToRelax:
      "Findings are about the whole ConfigMap, so give `{ rule: RuleId.CHAINS_SECURE_STORAGE, reason: '<why>' }` without a "
      + 'target (a `RelaxationTarget.configKey(...)` target covers none of them and is refused as covering nothing), in the '
      + "ChainsConfig's `relaxations` (the storage setting `insecureOciRepository: true` needs one) or to "
      + '`Relaxations.of(construct).add(...)`. In YAML for the audit: ' + relaxAnnotation(RuleId.CHAINS_SECURE_STORAGE, '*: <why>')
      + ' on chains-config.',
    relaxable: true,
    appliesTo: isChainsConfig,
  },
  (manifest) => {
    const data = chainsConfigData(manifest);
    if (!data) return [];
    const value = data['storage.oci.repository.insecure'];
    return parsesTrue(value) ? [{ property: dataKey('storage.oci.repository.insecure'), value, problem: 'turns TLS verification off' }] : [];
  },
);
