import { CHAINS_HTTPS_KEYS, chainsConfigData, dataKey, parsesTrue } from '../../private/chains-keys';
import { parseHttpsUrl } from '../../private/urls';
import { Severity } from '../rule';
import { isChainsConfig, manifestRule, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

/** Chains talks to OCI registries over verified TLS, and to Fulcio, Rekor, TUF, Archivista and the KMS over https. */
export const CHAINS_SECURE_STORAGE = manifestRule(
  {
    id: RuleId.CHAINS_SECURE_STORAGE,
    severity: Severity.HIGH,
    title: 'Chains reaches OCI registries with TLS verification on, and Fulcio, Rekor, TUF, Archivista and the KMS over https',
    rationale: 'storage.oci.repository.insecure turns off TLS verification towards the registry that receives signatures and attestations: anyone on the network path can read, replace or drop them, which breaks the guarantees provenance exists for. '
      + 'Over plain http, the identity token Chains hands Fulcio, the Vault token it signs with and the entries it uploads to Rekor travel in clear.',
    fix: 'Leave storage.oci.repository.insecure "false" (give the registry a certificate the controller trusts), and give every service Chains reaches an https:// URL (mount a private CA into the controller if needed).',
    decidesFrom:
      '`storage.oci.repository.insecure` in the ConfigMap named `chains-config` in namespace `tekton-chains` (or with no '
      + "namespace), read as Go's `strconv.ParseBool`: `1`, `t`, `T`, `true`, `TRUE` or `True` is a finding; and "
      + `${CHAINS_HTTPS_KEYS.map((k) => `\`${k}\``).join(', ')}: a value that is not an https:// URL with a host is a finding, `
      + 'whether or not the setting is in use.',
    limits:
      'TLS towards docdb, grafeas and GCS (set by their client libraries), the certificates the services present and the CAs '
      + 'the controller trusts are not judged.',
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
    const insecure = parsesTrue(value) ? [{
      property: dataKey('storage.oci.repository.insecure'),
      value,
      problem: 'turns TLS verification off',
      fix: 'Leave storage.oci.repository.insecure "false" (give the registry a certificate the controller trusts).',
    }] : [];
    const plain = CHAINS_HTTPS_KEYS.filter((k) => data[k] !== undefined && !parseHttpsUrl(data[k])).map((k) => ({
      property: dataKey(k),
      value: data[k],
      problem: 'is not an https:// URL: Chains sends tokens, signatures or provenance there',
      fix: 'Use an https:// URL (mount a private CA into the controller if needed).',
    }));
    return [...insecure, ...plain];
  },
);
