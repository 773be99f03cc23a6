import {
  CHAINS_CONFIG_NAME, CHAINS_DEFAULTS, CHAINS_KEYS, chainsConfigRefusals, chainsConfigWritten, chainsInstallsOf, ChainsValueProblem, dataKey,
  storageEntries, unreadByOperatorChains,
} from '../../private/chains-keys';
import { nullValueText, writtenValue } from '../../private/config-map-data';
import { isOperatorChainsConfig, OPERATOR_CHAINS_DECIDES, OPERATOR_CHAINS_LIMITS, OPERATOR_KNOWN_KEYS, operatorChainsConfig, operatorRefusesWhat } from '../../private/operator-chains';
import { operatorOptionsFix, operatorOptionsRefuser } from '../../private/operator-objects';
import { isSecretKey } from '../../private/secret-types';
import { IRuleContext, Severity } from '../rule';
import { chainsConfigKeptOnly, isChainsConfig, isChainsConfigOrOperatorTarget, manifestRule, Problem } from '../rule-builders';
import { RuleId } from '../rule-id';

/** Why a key that is not documented for v0.29 is likely there, when known. */
function unknownKeyHint(key: string): string {
  const signer = /^artifacts\.(\w+)\.signing-backend$/.exec(key);
  if (signer) return ` (the signer is artifacts.${signer[1]}.signer)`;
  if (key.startsWith('filter.')) return ' (filters were added after v0.29.2)';
  return '';
}

/** The fix for a key that is not documented for v0.29. */
function unknownKeyFix(key: string): string {
  if (key.startsWith('storage.pubsub.')) {
    // config.go reads storage.pubsub.provider, .topic and .kafka.bootstrap.servers, but the storage keys take "kafka",
    // while the backend registers as "pubsub": no artifact type can be stored there
    return `"${key}" is not documented for Chains v0.29: v0.29.2 reads it, but no artifact storage can select its pubsub backend (the storage `
      + `keys accept "kafka", which names no backend), so it has no effect${key === 'storage.pubsub.provider'
        ? ', and a value other than inmemory or kafka makes the whole configuration fail to load' : ''}: remove it; this rule cannot be relaxed.`;
  }
  return `"${key}" is not a Chains v0.29 key${unknownKeyHint(key)}, so Chains ignores it: remove it or use a key documented in Chains v0.29 docs/config.md; this rule cannot be relaxed.`;
}

/** What Chains v0.29.2 makes of "" for a key of CHAINS_DEFAULTS, for messages. */
function emptyMeaning(key: string): string {
  const spec = CHAINS_KEYS.get(key);
  if (spec?.list) return 'no storage, which turns the artifact type off';
  if (spec?.values) return 'a value it does not allow, so the whole configuration fails to load';
  return 'an empty value';
}

/**
 * The chains-config keys a Tekton operator's TektonConfig or TektonChain sets, judged as the
 * ConfigMap is: each finding at the field that sets the key.
 */
function operatorProblems(manifest: any): Problem[] {
  const operator = operatorChainsConfig(manifest);
  const problems: Problem[] = [];
  for (const refusal of operator.refusals) {
    const text = writtenValue(refusal.written);
    if (refusal.reason === 'value') {
      problems.push({
        property: refusal.path,
        value: text,
        problem: `${refusal.problem}: its webhook refuses ${operatorRefusesWhat(manifest)}, so none of its settings reach chains-config`,
        fix: `Use one of those values, or write the key under ${operator.prefix}.options.configMaps.chains-config.data, which the operator does not check; this rule cannot be relaxed.`,
      });
      continue;
    }
    if (refusal.options !== undefined) {
      problems.push({
        property: refusal.path,
        value: typeof refusal.written === 'string' && refusal.options.by !== 'webhook' ? JSON.stringify(refusal.written) : text,
        problem: `${refusal.problem}: ${operatorOptionsRefuser(refusal.options, manifest.kind)}, so none of its settings reach chains-config`,
        fix: `${operatorOptionsFix(refusal.options).replace(/\.$/, '')}; this rule cannot be relaxed.`,
      });
      continue;
    }
    const key = /\['([^']+)'\]$/.exec(refusal.path)?.[1];
    const bool = refusal.problem === 'is not a boolean';
    const field = refusal.path.endsWith('.disabled') ? 'disabled' : key;
    const scalar = typeof refusal.written === 'boolean' || typeof refusal.written === 'number' || typeof refusal.written === 'bigint';
    problems.push({
      property: refusal.path,
      value: text,
      problem: `${refusal.problem}: the operator cannot read the ${manifest.kind}, so none of its settings reach chains-config`,
      fix: bool
        ? `Write ${field}: true or false (unquoted); this rule cannot be relaxed.`
        : scalar ? `Quote the value ("${text}") so YAML reads it as a string; this rule cannot be relaxed.`
          : `Give ${field} a string value (quoted in YAML); this rule cannot be relaxed.`,
    });
  }
  const dataPath = `${operator.prefix}.options.configMaps['chains-config'].data`;
  const refused = new Set(operator.refusals.map((r) => r.path));
  for (const [key, k] of operator.keys) {
    if (k.from === 'default' || refused.has(k.path)) continue;
    const spec = CHAINS_KEYS.get(key);
    if (!isSecretKey(key)) {
      problems.push({
        property: dataPath,
        value: key,
        problem: 'is not a valid ConfigMap key (only letters, digits, \'-\', \'_\' and \'.\', not starting with \'..\'): the API server refuses the chains-config the operator writes, and none of its settings reach Chains',
        fix: 'Remove the key or use a key documented in Chains v0.29 docs/config.md; this rule cannot be relaxed.',
      });
      continue;
    }
    if (!spec) {
      problems.push({ property: dataPath, value: key, problem: 'is not a documented chains-config key', fix: unknownKeyFix(key) });
      continue;
    }
    if (spec.secret) {
      // The value is a credential: never repeat it in a message.
      problems.push({
        property: k.path,
        problem: `puts a credential in the ${manifest.kind} and in the chains-config ConfigMap the operator writes`,
        fix: `${spec.secret}; this rule cannot be relaxed.`,
      });
      continue;
    }
    const unusable = spec.check?.(k.value);
    if (unusable !== undefined) problems.push(unusableValue(k.path, k.value, unusable));
    if (!spec.values) continue;
    // each refused entry once ("," has two empty ones)
    const entries = spec.list ? [...new Set(storageEntries(k.value))] : [k.value];
    for (const v of entries.filter((e) => !spec.values!.includes(e))) {
      problems.push(k.written === null
        ? { property: k.path, value: 'null', problem: `is null, which the operator writes as "", and "" is not one of ${spec.values.join(', ')}` }
        : spec.list && v === '' ? emptyEntry(k.path, k.value) : { property: k.path, value: v, problem: `is not one of ${spec.values.join(', ')}` });
    }
  }
  return problems;
}

/** A free value Chains passes on as written (a registry repository, a bucket) that can name nothing (ChainsKeySpec's `check`). */
function unusableValue(property: string, value: string, refused: ChainsValueProblem): Problem {
  return {
    property,
    value,
    problem: refused.problem,
    fix: `Write ${refused.meant !== undefined ? `${JSON.stringify(refused.meant)} (${refused.form})` : refused.form}; this rule cannot be relaxed.`,
  };
}

/**
 * A storage list with an empty entry (`" "`, `"oci,"`, `" , "`): Chains v0.29's `asStringSet` trims each comma-separated entry
 * and refuses one left empty (only `""` as a whole is the empty list), so it loads none of chains-config.
 */
function emptyEntry(property: string, written: string): Problem {
  return {
    property,
    value: written,
    problem: 'has an empty entry (spaces or a comma alone between commas, or at either end), which is no storage backend: Chains refuses it, and with it the whole configuration (it keeps the one it had, or its controller exits at start)',
    fix: 'Remove the empty entry (write "oci", not "oci,"), or write exactly "" to turn the artifact type\'s storage off; this rule cannot be relaxed.',
  };
}

/**
 * The credentials of a `chains-config` ConfigMap in a namespace other than `tekton-chains`: Chains
 * reads it there only under a Tekton operator (whose apply keeps the keys it does not write), but
 * whoever may read that namespace's ConfigMaps reads the credential whether Chains does or not.
 */
function elsewhereCredentials(manifest: any): Problem[] {
  const data = manifest?.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return [];
  return Object.keys(data).flatMap((key) => {
    const secret = CHAINS_KEYS.get(key)?.secret;
    return secret === undefined ? [] : [credentialInConfigMap(key, secret)];
  });
}

/** A credential key of a chains-config ConfigMap: its value is never repeated in the message. */
function credentialInConfigMap(key: string, secret: string): Problem {
  return { property: dataKey(key), problem: 'puts a credential in a ConfigMap', fix: `${secret}; this rule cannot be relaxed.` };
}

/**
 * How CHAINS_KNOWN_KEYS says a key of chains-config ConfigMap `manifest` (one the API server accepts) among the objects
 * checked with it: `undefined` as written; `null` not at all, for a ConfigMap without a namespace (or of the target
 * namespace) beside a Tekton operator's object that installs Chains (chainsConfigKeptOnly) where the operator writes the key (its apply writes its own over it,
 * as the other Chains rules judge such a ConfigMap); else the text after its findings: the reading that keeps it (`
 * (reading chains-config with … unless kubectl apply created it)`), or, for a ConfigMap of tekton-chains beside an
 * operator that installs Chains elsewhere, that the operator's Chains does not read it (unreadByOperatorChains).
 */
function keySaid(manifest: any, context: IRuleContext | undefined): (key: string) => string | null | undefined {
  if (context === undefined || chainsConfigRefusals(manifest).length > 0) return () => undefined;
  if (chainsConfigKeptOnly(manifest, context)) {
    const install = chainsInstallsOf(context.manifests).find((i) => i.configMap === manifest);
    return (key) => (install?.keptKeys?.includes(key) ? ` (reading ${CHAINS_CONFIG_NAME} ${install.reading})` : null);
  }
  const unread = unreadByOperatorChains(manifest, context.manifests);
  return () => unread;
}

/** chains-config holds only documented keys with allowed values, and no credentials. */
export const CHAINS_KNOWN_KEYS = manifestRule(
  {
    id: RuleId.CHAINS_KNOWN_KEYS,
    severity: Severity.HIGH,
    title: 'chains-config holds only keys and values documented for Chains v0.29, and no credentials',
    rationale: 'Chains silently ignores a key it does not know; a value it does not allow for a key with a fixed set of values makes the whole configuration fail to load (Chains keeps the one it had, or its controller exits at start), and the boolean keys and transparency.enabled read a value they do not know as off: a typo or a key copied from a blog post (artifacts.taskrun.signing-backend) leaves the intended signing or storage off without a word. A KMS token or a MongoDB URL with a password in a ConfigMap is readable by everyone who may read ConfigMaps.',
    fix: 'Use only keys and values documented in Chains v0.29 docs/config.md (every one has a typed ChainsConfig setting), and keep credentials in a Secret mounted into the controller (the *-path keys); this rule cannot be relaxed.',
    decidesFrom:
      'The `data` of the ConfigMap named `chains-config` in namespace `tekton-chains` (or with no namespace): every key '
      + 'must be one documented for Chains v0.29.2, a key with a fixed set of values must hold one of them (storage keys as '
      + 'comma-separated lists), and `signers.kms.auth.token` and `storage.docdb.mongo-server-url`, which hold credentials, '
      + 'must not be set (in a `chains-config` ConfigMap of any namespace). Every value must be a string (`transparency.enabled: true`, `yes` or `0x10` unquoted is a boolean or '
      + 'a number): a ConfigMap\'s `data` is map[string]string, so the API server refuses the whole ConfigMap, and the other '
      + 'Chains rules judge it as Chains\' defaults; so does a key of `data` or `binaryData` that is not a valid ConfigMap key '
      + '(letters, digits, `-`, `_` and `.`, not starting with `..`), a `binaryData` value that is not base64, and a '
      + '`binaryData` key that repeats one of `data`. A null value (`key:`, `key: ~`) is stored as "" and read as Chains reads '
      + '"", by this rule and the other Chains rules; where Chains reads "" otherwise than the key unset (a format, signer, '
      + 'encoding or build type "" makes the configuration fail to load, a storage "" turns the artifact type off, an empty '
      + 'URL, issuer, builder ID or note hint replaces the default) it is a finding of its own, since a client-side kubectl apply over the '
      + 'installed chains-config removes the key instead. '
      + '`storage.oci.repository` must be one go-containerregistry v0.21\'s `name.NewRepository` reads (Chains v0.29.2 parses it with it): the '
      + 'part after the registry (the first part when it is localhost or holds a `.` or `:`) 2 to 255 of lower-case letters, digits, `_`, '
      + '`-`, `.` and `/` (no upper case, `:tag` or `@digest`), the registry a host[:port]; with no scheme (`https://r/p` parses as the '
      + 'registry `https:`) and no empty path segment, nor a registry alone (`ghcr.io`, `localhost`, `registry.example.com:5000` with no `/`), '
      + 'which it reads as a repository of Docker Hub (`index.docker.io/library/ghcr.io`), nor one word (`sigs`), which it reads as '
      + '`index.docker.io/library/sigs`, a repository of Docker Hub\'s official images no user can push to (`<user>/sigs` is a '
      + 'Docker Hub user\'s), nor another spelling of that namespace: a path under `library/` (`library/sigs`) or one word on Docker Hub '
      + '(`docker.io/sigs`, `index.docker.io/sigs`, read as `index.docker.io/library/sigs` too), and `registry-1.docker.io/library/…`. `storage.gcs.bucket` must be a name Cloud Storage allows a bucket (Chains passes it to '
      + 'the storage client unchecked): lower-case letters, digits, `-`, `_`, `.` (no `gs://`, no path), 3 to 63 characters (up to 222 with '
      + 'dots, each dot-separated part 1 to 63: no `..`), starting and ending with a letter or digit, no dotted-decimal IP address, not beginning '
      + 'with `goog` nor holding `google` or a close misspelling of it (`g00gle`, `goog1e`: a 0, 1 or 3 for the o, l or e it looks like). Both are judged also where a Tekton operator\'s object sets them.' + OPERATOR_CHAINS_DECIDES + OPERATOR_KNOWN_KEYS,
    limits:
      'Free-form values (KMS references, URLs) are not validated, nor is it checked that the keys, '
      + 'buckets or registries they name exist. Of Cloud Storage\'s "close misspellings" of `google` only digits for letters are '
      + 'judged (`googel` or `gooogle` is not), and of Docker Hub\'s names only those go-containerregistry reads as Docker Hub '
      + '(`registry-1.docker.io/sigs`, `Docker.io/sigs` and `docker.io:443/sigs`, which it keeps as written, are not). Chains installed in another namespace is not recognised, and keys added after '
      + 'v0.29 are findings, as are the `storage.pubsub.*` keys v0.29.2 reads but no artifact storage can use. A `chains-config` '
      + 'ConfigMap in a namespace other than `tekton-chains` (a Tekton operator\'s target namespace, whose apply keeps the keys the operator does '
      + 'not write unless kubectl apply created it) is judged only for credentials, which whoever may read its ConfigMaps reads whether Chains '
      + 'does or not; CHAINS_SIGNED, CHAINS_TRANSPARENCY, CHAINS_SLSA_PROVENANCE and CHAINS_SECURE_STORAGE judge its other keys beside the operator.' + OPERATOR_CHAINS_LIMITS,
    howToRelax:
      'Cannot be relaxed: no prop, `Relaxations.of(...)` or annotation waives it. Remove unknown keys or use the documented '
      + 'ones (each has a typed ChainsConfig setting), and mount credentials from a Secret into the Chains controller (the '
      + '`-path` keys).',
    relaxable: false,
    appliesTo: isChainsConfigOrOperatorTarget,
  },
  (manifest, context) => {
    if (isOperatorChainsConfig(manifest)) return operatorProblems(manifest);
    if (!isChainsConfig(manifest)) return elsewhereCredentials(manifest);
    const data = chainsConfigWritten(manifest);
    if (!data) return [];
    const said = keySaid(manifest, context);
    const problems: Problem[] = [];
    for (const [key, value] of Object.entries(data)) {
      const spec = CHAINS_KEYS.get(key);
      // a key of a ConfigMap the API server accepts (its refusals below stand however it is applied), but for a credential
      const reach = isSecretKey(key) && !spec?.secret ? said(key) : undefined;
      if (reach === null) continue;
      const push = (p: Problem) => problems.push(reach === undefined ? p : { ...p, problem: p.problem + reach });
      if (!isSecretKey(key)) {
        // apimachinery's IsConfigMapKey: the API server refuses the ConfigMap, it does not reach Chains to be ignored
        problems.push({
          property: 'data',
          value: key,
          problem: 'is not a valid ConfigMap key (only letters, digits, \'-\', \'_\' and \'.\', not starting with \'..\'): the API server refuses the whole ConfigMap and none of its settings reach Chains',
          fix: 'Remove the key or use a key documented in Chains v0.29 docs/config.md; this rule cannot be relaxed.',
        });
        continue;
      }
      if (!spec) {
        push({
          property: 'data',
          value: key,
          problem: 'is not a documented chains-config key',
          fix: unknownKeyFix(key),
        });
      } else if (spec.secret) {
        push(credentialInConfigMap(key, spec.secret));
        continue;
      }
      const defaulted = CHAINS_DEFAULTS.get(key);
      if (value === null && defaulted !== undefined) {
        // stored as "" when the ConfigMap is created or replaced, removed by a client-side kubectl apply over the installed one: two meanings
        push({
          property: dataKey(key),
          value: 'null',
          problem: `${nullValueText(CHAINS_CONFIG_NAME)}: Chains reads "" as ${emptyMeaning(key)}, and an unset key as "${defaulted}", so what it reads depends on how the ConfigMap is applied`,
          fix: `Write the value meant, quoted (remove the key for Chains' default "${defaulted}"); this rule cannot be relaxed.`,
        });
      } else if (value !== null && typeof value !== 'string') {
        // a ConfigMap's data is map[string]string: `true` or `8080` unquoted is refused, not read as text
        const text = writtenValue(value);
        push({
          property: dataKey(key),
          value: text,
          problem: 'is not a string: a ConfigMap\'s data values are strings, so the API server refuses the whole ConfigMap and none of its settings reach Chains',
          fix: typeof value === 'boolean' || typeof value === 'number' || typeof value === 'bigint'
            ? `Quote the value ("${text}") so YAML reads it as a string; this rule cannot be relaxed.`
            : 'Give the key a string value (quoted in YAML); this rule cannot be relaxed.',
        });
      } else if (spec?.values) {
        // a null is stored as "", read as Chains reads "" (here where that is also what it reads for the key unset)
        const allowed = spec.values;
        const stored = (value ?? '') as string;
        const entries = spec.list ? [...new Set(storageEntries(stored))] : [stored];
        for (const v of entries.filter((e) => !allowed.includes(e))) {
          push(value === null
            ? { property: dataKey(key), value: 'null', problem: `${nullValueText(CHAINS_CONFIG_NAME)}, and "" is not one of ${allowed.join(', ')}` }
            : spec.list && v === '' ? emptyEntry(dataKey(key), stored) : { property: dataKey(key), value: v, problem: `is not one of ${allowed.join(', ')}` });
        }
      } else if (spec?.check && typeof value === 'string') {
        // a free value Chains passes on as written (a registry repository, a bucket) that can name nothing
        const refused = spec.check(value);
        if (refused !== undefined) push(unusableValue(dataKey(key), value, refused));
      }
    }
    // a binaryData key is refused when data holds it too or it is not a valid key (the data keys are judged above)
    for (const refusal of chainsConfigRefusals(manifest).filter((r) => r.property.startsWith('binaryData'))) {
      problems.push({
        property: refusal.property,
        problem: `${refusal.problem}: the API server refuses the whole ConfigMap and none of its settings reach Chains`,
        fix: 'Remove binaryData from chains-config (Chains reads only data); this rule cannot be relaxed.',
      });
    }
    return problems;
  },
);
