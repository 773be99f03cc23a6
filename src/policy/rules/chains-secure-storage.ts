import { chainsConfigData, dataKey, parsesTrue } from '../../private/chains-keys';
import { Severity } from '../rule';
import { isChainsConfig, manifestRule } from '../rule-builders';
import { RuleId } from '../rule-id';

/** Chains talks to OCI registries over verified TLS. */
export const CHAINS_SECURE_STORAGE = manifestRule(
  {
    id: RuleId.CHAINS_SECURE_STORAGE,
    severity: Severity.HIGH,
    title: 'Chains reaches OCI registries with TLS verification on',
    rationale: 'storage.oci.repository.insecure turns off TLS verification towards the registry that receives signatures and attestations: anyone on the network path can read, replace or drop them, which breaks the guarantees provenance exists for.',
    fix: 'Leave storage.oci.repository.insecure "false" (give the registry a certificate the controller trusts).',
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
