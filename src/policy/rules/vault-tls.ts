import { isObject } from '../../private/containers';
import { goHttpsHost } from '../../private/go-url';
import { goParseBool } from '../../private/parse-bool';
import { isVaultProviderClass, secretsStoreVolumes } from '../../private/secrets-store';
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
 * The Secrets Store CSI driver copies every attribute of a CSI volume over the class's
 * parameters before it calls the provider (`NodePublishVolume`, `maps.Copy(parameters,
 * attrib)`): a `vaultAddress` or `vaultSkipTLSVerify` among the `volumeAttributes` of a task's
 * volume, a run's pod template volume or a run's workspace binding wins over the class's, and is
 * judged the same way.
 *
 * A class is the Vault provider's when its provider is `vault` or one of its parameters begins
 * with `vault`: the driver reaches a provider through a socket whose name the operator chooses
 * (the provider's `-endpoint` flag), so `provider: hashicorp-vault` may well be Vault.
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
      'SecretProviderClasses of the Vault provider (`spec.provider: vault`, or any parameter whose name begins with `vault`: '
      + 'the driver finds a provider by a socket name the operator chooses), as the Vault CSI provider reads them: '
      + "`spec.parameters.vaultAddress`, parsed as Go's `net/url.Parse` parses it (scheme lower-cased), must be `https` with "
      + "a host (a missing one is a finding: the provider's fallback address is not visible); `vaultSkipTLSVerify`, when "
      + "present, is read as Go's `strconv.ParseBool`, and a true spelling (`1`, `t`, `T`, `true`, `TRUE`, `True`) or a value "
      + 'it refuses is a finding. The Secrets Store CSI driver copies a CSI volume\'s `volumeAttributes` over the class\'s '
      + 'parameters, so a `vaultAddress` or `vaultSkipTLSVerify` there is judged the same way: in the `volumes` of task specs '
      + '(Tasks, TaskRuns, Pipelines, PipelineRuns, embedded specs included), in the volumes of a run\'s pod templates and in '
      + 'the `csi` workspace bindings of PipelineRuns and TaskRuns (driver `secrets-store.csi.k8s.io`).',
    limits:
      "The provider's own flags and environment are not visible: `-vault-tls-skip-verify` or `VAULT_SKIP_VERIFY` turns "
      + 'verification off and `VAULT_AGENT_ADDR` replaces every address, whatever the manifest says. CA overrides '
      + '(`vaultCACertPath`, `vaultCADirectory`, `vaultTLSServerName`) are accepted as given, and other providers are not '
      + 'checked: a class of a provider not named `vault` without any `vault…` parameter (so without an address of its '
      + 'own) is not recognised as Vault\'s. CSI volumes of Pods, Deployments and other workloads are not read.',
    howToRelax:
      'Cannot be relaxed: no prop, `Relaxations.of(...)` or annotation waives it. Use an `https://` vaultAddress, leave '
      + '`vaultSkipTLSVerify` out or "false", and give `vaultCACertPath` for a private CA; in a CSI volume, leave only '
      + '`secretProviderClass` in `volumeAttributes`.',
    relaxable: false,
    appliesTo: (m: any) => isVaultProviderClass(m) || secretsStoreVolumes(m).length > 0,
  },
  (manifest) => {
    if (isVaultProviderClass(manifest)) {
      const params = isObject(manifest.spec.parameters) ? manifest.spec.parameters : {};
      return tlsProblems(params, 'parameters.', true, {});
    }
    return secretsStoreVolumes(manifest).flatMap((v) => (isObject(v.csi.volumeAttributes)
      ? tlsProblems(v.csi.volumeAttributes, `${v.property}.volumeAttributes.`, false, {
        ...(v.location === undefined ? {} : { location: v.location }),
        ...(v.target === undefined ? {} : { target: v.target }),
      })
      : []));
  },
);

/** What the driver does with a volume attribute, said after a volume's problem. */
const OVERRIDES = ' (the Secrets Store CSI driver gives the provider the volume\'s attributes in place of the SecretProviderClass\'s parameters)';
const VOLUME_FIX = 'Remove the attribute: leave only secretProviderClass in volumeAttributes, and reach Vault over https with TLS verified in the '
  + 'SecretProviderClass (VaultSecretProviderClass); this rule cannot be relaxed.';

/**
 * The TLS problems of the parameters the provider reads (a class's, `required` to name an address;
 * or a volume's attributes, which override them).
 */
function tlsProblems(params: Record<string, any>, prefix: string, required: boolean, at: { location?: string; target?: string }): Problem[] {
  const problems: Problem[] = [];
  const volume = !required;
  const suffix = volume ? OVERRIDES : '';
  const address = params.vaultAddress;
  if ((required || address !== undefined) && (typeof address !== 'string' || goHttpsHost(address) === undefined)) {
    problems.push({
      ...at,
      property: `${prefix}vaultAddress`,
      value: address === undefined ? undefined : String(address),
      problem: `is not an https:// address${suffix}`,
      ...(volume ? { fix: VOLUME_FIX } : {}),
    });
  }
  if (params.vaultSkipTLSVerify !== undefined) {
    const text = String(params.vaultSkipTLSVerify);
    const skip = goParseBool(text);
    if (skip === true) {
      problems.push({ ...at, property: `${prefix}vaultSkipTLSVerify`, value: text, problem: `turns TLS verification off${suffix}`, ...(volume ? { fix: VOLUME_FIX } : {}) });
    } else if (skip === undefined) {
      problems.push({
        ...at,
        property: `${prefix}vaultSkipTLSVerify`,
        value: text,
        problem: `is not a boolean Go's strconv.ParseBool reads (the provider refuses the mount)${suffix}`,
        fix: volume ? VOLUME_FIX : 'Write "false" (or leave the parameter out); this rule cannot be relaxed.',
      });
    }
  }
  return problems;
}
