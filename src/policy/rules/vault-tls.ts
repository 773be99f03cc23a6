import { isObject } from '../../private/containers';
import { goHttpsHost } from '../../private/go-url';
import { goParseBool } from '../../private/parse-bool';
import { CONFIG_DEFAULTS_OBJECT_TEXT, DEFAULT_POD_TEMPLATE_TEXT, isConfigDefaultsNamed } from '../../private/pods';
import {
  CHOSEN_VARIABLES_TEXT, chosenVariable, expansions, isMockProviderVolume, isOpenBaoProviderClass, isVaultProviderClass, OPENBAO_PREFIXES,
  openBaoParameter, podSecretsStoreProblems, podSecretsStoreVolumes, Replacing, withNote, WORKLOAD_VOLUMES_TEXT,
} from '../../private/secrets-store';
import { jsString } from '../../private/text';
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
 * volume, a run's pod template volume, a run's workspace binding or a volume of a Pod's or
 * workload's pod template (a Deployment's, a CronJob's …) or of the default pod template of Tekton's
 * config-defaults wins over the class's, and is judged the same way.
 *
 * A class is the Vault provider's when its provider is `vault`, or is not `openbao` and one of its
 * parameters begins with `vault`: the driver reaches a provider through a socket whose name the operator chooses
 * (the provider's `-endpoint` flag), so `provider: hashicorp-vault` may well be Vault.
 *
 * OpenBao's provider (openbao/openbao-csi-provider, internal/config `parseParameters`, and
 * openbao/api v2, which parses addresses and applies TLS settings as Vault's client does) reads
 * each parameter under the first spelling present of `bao…`, `openbao…` and `vault…`
 * (`baoAddress` before `openbaoAddress` before `vaultAddress`; likewise `…SkipTLSVerify`): a
 * class whose provider is `openbao` or with a `bao…` or `openbao…` parameter is judged under that
 * reading too, so `baoSkipTLSVerify: "true"` beside `vaultSkipTLSVerify: "false"` is a finding. In
 * a volume's attributes, every spelling is judged (which one the provider reads depends on the
 * class).
 *
 * A switch or an address that holds a variable Tekton or Tekton Triggers replaces with a value from outside (a run's
 * param, an event's value: private/secrets-store `chosenVariable`) is decided by whoever gives that value; the finding
 * says so (`https://$(params.host)` keeps its scheme, and passes).
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
    rationale: 'The CSI provider sends the pod\'s ServiceAccount token to Vault (or OpenBao, its fork) and receives the secrets back: over plain http or unverified TLS both can be read or forged on the way.',
    fix: 'Use an https:// vaultAddress and leave vaultSkipTLSVerify "false" (give vaultCACertPath for a private CA); this rule cannot be relaxed.',
    decidesFrom:
      'SecretProviderClasses of the Vault provider (`spec.provider: vault`, or a provider other than `openbao` with any parameter whose '
      + 'name begins with `vault`: '
      + 'the driver finds a provider by a socket name the operator chooses), as the Vault CSI provider reads them: '
      + "`spec.parameters.vaultAddress`, parsed as Go's `net/url.Parse` parses it (scheme lower-cased), must be `https` with "
      + "a host (a missing one is a finding: the provider's fallback address is not visible); `vaultSkipTLSVerify`, when "
      + "present, is read as Go's `strconv.ParseBool`, and a true spelling (`1`, `t`, `T`, `true`, `TRUE`, `True`) or a value "
      + 'it refuses is a finding. Classes of OpenBao\'s provider (`spec.provider: openbao`, or a parameter whose name begins '
      + 'with `bao` or `openbao`) are judged as it reads them, each parameter under the first spelling present of `bao…`, '
      + '`openbao…` and `vault…` (`baoAddress`, else `openbaoAddress`, else `vaultAddress`; the same for `…SkipTLSVerify`), '
      + 'the address and switch judged as above (a class with `vault…` parameters is judged under both readings). '
      + 'The Secrets Store CSI driver copies a CSI volume\'s `volumeAttributes` over the class\'s '
      + 'parameters, so an address or `…SkipTLSVerify` there, in any of the three spellings, is judged the same way: in the `volumes` of task specs '
      + '(Tasks, TaskRuns, Pipelines, PipelineRuns, embedded specs included), in the volumes of a run\'s pod templates, in '
      + 'the `csi` workspace bindings of PipelineRuns and TaskRuns and in the volumes of ' + WORKLOAD_VOLUMES_TEXT
      + ' (driver `secrets-store.csi.k8s.io`; but a volume of the driver\'s `mock_provider`, which it mounts empty without calling any '
      + 'provider): the provider reaches Vault with the token of whichever pod mounts the volume.'
      + DEFAULT_POD_TEMPLATE_TEXT + CONFIG_DEFAULTS_OBJECT_TEXT + ' A switch, or an address that is no https one as written, that holds a '
      + 'variable replaced by a value from outside before the provider reads it is a finding that says so (whoever gives that value decides): '
      + CHOSEN_VARIABLES_TEXT + '.',
    limits:
      "The provider's own flags and environment are not visible: `-vault-tls-skip-verify` or `VAULT_SKIP_VERIFY` turns "
      + 'verification off and `VAULT_AGENT_ADDR` replaces every address, whatever the manifest says. CA overrides '
      + '(`vaultCACertPath`, `vaultCADirectory`, `vaultTLSServerName`) are accepted as given, and other providers are not '
      + 'checked: a class of a provider not named `vault` or `openbao` without any `vault…`, `bao…` or `openbao…` parameter (so '
      + 'without an address of its own) is not recognised as Vault\'s or OpenBao\'s. Which provider serves a class is not known: '
      + 'a class with both spellings is held to both readings. OpenBao\'s own flags and environment (`-openbao-tls-skip-verify`, '
      + '`BAO_SKIP_VERIFY`, `BAO_AGENT_ADDR`) are not visible either. The pod templates of other kinds (custom resources, '
      + 'an operator\'s own objects) are not read.',
    howToRelax:
      'Cannot be relaxed: no prop, `Relaxations.of(...)` or annotation waives it. Use an `https://` vaultAddress, leave '
      + '`vaultSkipTLSVerify` out or "false", and give `vaultCACertPath` for a private CA; in a CSI volume, leave only '
      + '`secretProviderClass` in `volumeAttributes`.',
    relaxable: false,
    appliesTo: (m: any) => isVaultProviderClass(m) || isOpenBaoProviderClass(m) || podSecretsStoreVolumes(m).length > 0 || isConfigDefaultsNamed(m),
  },
  (manifest, context) => {
    const vault = isVaultProviderClass(manifest);
    if (vault || isOpenBaoProviderClass(manifest)) {
      const params = isObject(manifest.spec.parameters) ? manifest.spec.parameters : {};
      const problems = vault ? tlsProblems(params, 'parameters.', { required: true, volume: false, replaced: 'class' }, {}, VAULT_KEYS) : [];
      if (!isOpenBaoProviderClass(manifest)) return problems;
      // OpenBao's provider reads the first spelling present of each parameter: bao…, openbao…, then vault…
      const keys = { address: openBaoParameter(params, 'Address') ?? 'baoAddress', skip: openBaoParameter(params, 'SkipTLSVerify') ?? 'baoSkipTLSVerify' };
      const seen = new Set(problems.map((p) => p.property));
      // an address of any spelling is judged where present; a missing one, the Vault reading reports already
      const openBao = tlsProblems(params, 'parameters.', { required: !vault, volume: false, replaced: 'class' }, {}, keys);
      return [...problems, ...openBao.filter((p) => !seen.has(p.property))];
    }
    // the driver mounts a volume of its mock_provider empty, without calling any provider
    return podSecretsStoreProblems(manifest, context?.manifests, (v) => (isObject(v.csi.volumeAttributes) && !isMockProviderVolume(v.csi)
      ? OPENBAO_PREFIXES.flatMap((prefix) => tlsProblems(v.csi.volumeAttributes, `${v.property}.volumeAttributes.`, {
        required: false, volume: true, replaced: v,
      }, {
        ...(v.location === undefined ? {} : { location: v.location }),
        ...(v.target === undefined ? {} : { target: v.target }),
      }, { address: `${prefix}Address`, skip: `${prefix}SkipTLSVerify` }))
      : []));
  },
);

/** What the driver does with a volume attribute, said after a volume's problem. */
const OVERRIDES = ' (the Secrets Store CSI driver gives the provider the volume\'s attributes in place of the SecretProviderClass\'s parameters)';
const VOLUME_FIX = 'Remove the attribute: leave only secretProviderClass in volumeAttributes, and reach Vault over https with TLS verified in the '
  + 'SecretProviderClass (VaultSecretProviderClass); this rule cannot be relaxed.';
/** The parameters the Vault provider reads. */
const VAULT_KEYS = { address: 'vaultAddress', skip: 'vaultSkipTLSVerify' };
/** The fix of a class's finding on a parameter only OpenBao's provider reads. */
const openBaoFix = (keys: { address: string; skip: string }) => `Use an https:// ${keys.address} and leave ${keys.skip} "false" (OpenBao's provider `
  + 'reads the bao, openbao, then vault spelling of each parameter: the first present wins); this rule cannot be relaxed.';

/**
 * The TLS problems of the parameters the provider reads (a class's, `required` to name an address;
 * or a `volume`'s attributes, which override them), under the names `keys` of the address and of the
 * switch that turns verification off.
 */
function tlsProblems(
  params: Record<string, any>, prefix: string,
  { required, volume, replaced }: { required: boolean; volume: boolean; replaced: Replacing },
  at: { location?: string; target?: string }, keys: { address: string; skip: string },
): Problem[] {
  // a value whose variables from outside take known values only (an enum): each value they make is judged as written
  for (const key of [keys.address, keys.skip]) {
    const expanded = typeof params[key] === 'string' ? expansions(params[key], replaced) : undefined;
    if (expanded === undefined) continue;
    const found = expanded.flatMap((e) => tlsProblems({ ...params, [key]: e.text }, prefix, { required, volume, replaced: 'workload' }, at, keys)
      .filter((p) => p.property === `${prefix}${key}`).map((p) => withNote({ ...p, value: jsString(params[key]) }, e.note)));
    const others = tlsProblems(
      { ...params, [key]: undefined }, prefix, { required: key === keys.address ? false : required, volume, replaced }, at, keys,
    );
    return [...(key === keys.address ? found.slice(0, 1) : []), ...others, ...(key === keys.skip ? found.slice(0, 1) : [])];
  }
  const problems: Problem[] = [];
  const suffix = volume ? OVERRIDES : '';
  // a class's finding on a spelling only OpenBao's provider reads says how it reads them
  const fixOf = (key: string) => (volume ? { fix: VOLUME_FIX } : key.startsWith('vault') ? {} : { fix: openBaoFix(keys) });
  // a variable replaced by a value from outside before the provider reads it: that value decides
  const chosenOf = (value: unknown) => (typeof value === 'string' ? chosenVariable(value, replaced) : undefined);
  const address = params[keys.address];
  if ((required || address !== undefined) && (typeof address !== 'string' || goHttpsHost(address) === undefined)) {
    const chosen = chosenOf(address);
    problems.push({
      ...at,
      property: `${prefix}${keys.address}`,
      value: address === undefined ? undefined : jsString(address),
      problem: chosen === undefined ? `is not an https:// address${suffix}`
        : `holds ${chosen.text}, ${chosen.replacedBy}: whoever gives that value chooses the address, an http:// one included${suffix}`,
      ...fixOf(keys.address),
    });
  }
  if (params[keys.skip] !== undefined) {
    const text = jsString(params[keys.skip]);
    const skip = goParseBool(text);
    const chosen = chosenOf(params[keys.skip]);
    if (chosen !== undefined) {
      problems.push({
        ...at,
        property: `${prefix}${keys.skip}`,
        value: text,
        problem: `holds ${chosen.text}, ${chosen.replacedBy}: whoever gives that value can turn TLS verification off ("true")${suffix}`,
        fix: volume ? VOLUME_FIX : 'Write "false" (or leave the parameter out), not a variable; this rule cannot be relaxed.',
      });
    } else if (skip === true) {
      problems.push({ ...at, property: `${prefix}${keys.skip}`, value: text, problem: `turns TLS verification off${suffix}`, ...fixOf(keys.skip) });
    } else if (skip === undefined) {
      problems.push({
        ...at,
        property: `${prefix}${keys.skip}`,
        value: text,
        problem: `is not a boolean Go's strconv.ParseBool reads (the provider refuses the mount)${suffix}`,
        fix: volume ? VOLUME_FIX : 'Write "false" (or leave the parameter out); this rule cannot be relaxed.',
      });
    }
  }
  return problems;
}
