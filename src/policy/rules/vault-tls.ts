import { goHttpsHost } from '../../private/go-url';
import { goParseBool } from '../../private/parse-bool';
import { Severity } from '../rule';
import { manifestRule, Problem } from '../rule-builders';
import { RuleId } from '../rule-id';

/**
 * Vault is reached over verified TLS.
 *
 * Parameters are read as hashicorp/vault-csi-provider (v1.7, internal/config/config.go
 * `parseParameters`, internal/client/client.go `New`) and its Vault API client
 * (hashicorp/vault/api v1.23, `ConfigureTLS`, `ParseAddress`) read them:
 *
 * - `vaultSkipTLSVerify` goes through Go's `strconv.ParseBool`: "1", "t", "T",
 *   "true", "TRUE" and "True" turn verification off (a finding); "0", "f", "F",
 *   "false", "FALSE" and "False" leave it on; any other value (" true", "yes", "")
 *   makes the provider refuse the mount, which is reported too, since the author
 *   most likely meant to turn verification off.
 * - `vaultAddress` goes through Go's `url.Parse`, which lower-cases the scheme:
 *   `HTTPS://vault` is https. It must parse, have the https scheme and a host
 *   (`https:vault`, `https:///v1`, an address with white space around it and a
 *   `unix://` socket are findings). Without it the provider falls back to its
 *   `-vault-addr` flag or `VAULT_ADDR`, which the manifest does not show: a finding.
 * - Trust-anchor overrides do not weaken verification: `vaultCACertPath` and
 *   `vaultCADirectory` replace the system roots with a CA on the provider's own
 *   file system (how a private CA is given); `vaultTLSServerName` makes the
 *   certificate be checked against that name instead of the address's host, still
 *   verified (the author could have written that name in the address);
 *   `vaultTLSClientCertPath` and `vaultTLSClientKeyPath` add a client certificate.
 *   `vaultCAPem` has been ignored since provider v0.4.
 *
 * What the manifest cannot show: `ConfigureTLS` only ever turns verification
 * off, so "false" here cannot undo the provider's `-vault-tls-skip-verify` flag
 * or `VAULT_SKIP_VERIFY` in its environment; and `VAULT_AGENT_ADDR` in the
 * provider's environment replaces every address.
 */
export const VAULT_TLS = manifestRule(
  {
    id: RuleId.VAULT_TLS,
    severity: Severity.HIGH,
    title: 'Vault is reached over https with TLS verification on',
    rationale: 'The CSI provider sends the pod\'s ServiceAccount token to Vault and receives the secrets back: over plain http or unverified TLS both can be read or forged on the way.',
    fix: 'Use an https:// vaultAddress and leave vaultSkipTLSVerify "false" (give vaultCACertPath for a private CA); this rule cannot be relaxed.',
    decidesFrom:
      'SecretProviderClasses with `spec.provider: vault`, as the Vault CSI provider reads them: '
      + "`spec.parameters.vaultAddress`, parsed as Go's `net/url.Parse` parses it (scheme lower-cased), must be `https` with "
      + "a host (a missing one is a finding: the provider's fallback address is not visible); `vaultSkipTLSVerify`, when "
      + "present, is read as Go's `strconv.ParseBool`, and a true spelling (`1`, `t`, `T`, `true`, `TRUE`, `True`) or a value "
      + 'it refuses is a finding.',
    limits:
      "The provider's own flags and environment are not visible: `-vault-tls-skip-verify` or `VAULT_SKIP_VERIFY` turns "
      + 'verification off and `VAULT_AGENT_ADDR` replaces every address, whatever the manifest says. CA overrides '
      + '(`vaultCACertPath`, `vaultCADirectory`, `vaultTLSServerName`) are accepted as given, and other providers are not '
      + 'checked.',
    howToRelax:
      'Cannot be relaxed: no prop, `Relaxations.of(...)` or annotation waives it. Use an `https://` vaultAddress, leave '
      + '`vaultSkipTLSVerify` out or "false", and give `vaultCACertPath` for a private CA.',
    relaxable: false,
    appliesTo: (m: any) => m?.kind === 'SecretProviderClass' && m.spec?.provider === 'vault',
  },
  (manifest) => {
    if (manifest?.kind !== 'SecretProviderClass' || manifest.spec?.provider !== 'vault') return [];
    const params = manifest.spec?.parameters && typeof manifest.spec.parameters === 'object' ? manifest.spec.parameters : {};
    const problems: Problem[] = [];
    const address = params.vaultAddress;
    if (typeof address !== 'string' || goHttpsHost(address) === undefined) {
      problems.push({ property: 'parameters.vaultAddress', value: address === undefined ? undefined : String(address), problem: 'is not an https:// address' });
    }
    if (params.vaultSkipTLSVerify !== undefined) {
      const text = String(params.vaultSkipTLSVerify);
      const skip = goParseBool(text);
      if (skip === true) {
        problems.push({ property: 'parameters.vaultSkipTLSVerify', value: text, problem: 'turns TLS verification off' });
      } else if (skip === undefined) {
        problems.push({
          property: 'parameters.vaultSkipTLSVerify',
          value: text,
          problem: 'is not a boolean Go\'s strconv.ParseBool reads (the provider refuses the mount)',
          fix: 'Write "false" (or leave the parameter out); this rule cannot be relaxed.',
        });
      }
    }
    return problems;
  },
);
