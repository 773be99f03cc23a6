import { Severity } from '../rule';
import { manifestRule, Problem } from '../rule-builders';
import { RuleId } from '../rule-id';

/** Vault is reached over verified TLS. */
export const VAULT_TLS = manifestRule(
  {
    id: RuleId.VAULT_TLS,
    severity: Severity.HIGH,
    title: 'Vault is reached over https with TLS verification on',
    rationale: 'The CSI provider sends the pod\'s ServiceAccount token to Vault and receives the secrets back: over plain http or unverified TLS both can be read or forged on the way.',
    fix: 'Use an https:// vaultAddress and leave vaultSkipTLSVerify "false" (give vaultCACertPath for a private CA); this rule cannot be relaxed.',
    relaxable: false,
    appliesTo: (m: any) => m?.kind === 'SecretProviderClass' && m.spec?.provider === 'vault',
  },
  (manifest) => {
    if (manifest?.kind !== 'SecretProviderClass' || manifest.spec?.provider !== 'vault') return [];
    const params = manifest.spec?.parameters ?? {};
    const problems: Problem[] = [];
    const address = params.vaultAddress;
    if (typeof address !== 'string' || !address.startsWith('https://')) {
      problems.push({ property: 'parameters.vaultAddress', value: address, problem: 'is not an https:// address' });
    }
    if (String(params.vaultSkipTLSVerify).toLowerCase() === 'true') {
      problems.push({ property: 'parameters.vaultSkipTLSVerify', value: String(params.vaultSkipTLSVerify), problem: 'turns TLS verification off' });
    }
    return problems;
  },
);
