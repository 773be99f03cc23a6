import { CHAINS_KEYS, chainsConfigRefusals, chainsConfigWritten, dataKey, storageEntries } from '../../private/chains-keys';
import { isSecretKey } from '../../private/secret-types';
import { Severity } from '../rule';
import { isChainsConfig, manifestRule, Problem } from '../rule-builders';
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

/** A value as written, for messages (`true`, `8080`, `null`, `{"a":1}`). */
function written(value: unknown): string {
  return typeof value === 'object' || value === undefined ? JSON.stringify(value) ?? 'undefined' : String(value);
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
      + 'must not be set. Every value must be a string (`transparency.enabled: true` unquoted is a boolean): a ConfigMap\'s '
      + '`data` is map[string]string, so the API server refuses the whole ConfigMap, and the other Chains rules judge it as '
      + 'Chains\' defaults; so does a key of `data` or `binaryData` that is not a valid ConfigMap key (letters, digits, `-`, '
      + '`_` and `.`, not starting with `..`) and a `binaryData` key that repeats one of `data`.',
    limits:
      'Free-form values (KMS references, buckets, repositories, URLs) are not validated, nor is it checked that the keys, '
      + 'buckets or registries they name exist. Chains installed in another namespace is not recognised, and keys added after '
      + 'v0.29 are findings, as are the `storage.pubsub.*` keys v0.29.2 reads but no artifact storage can use.',
    howToRelax:
      'Cannot be relaxed: no prop, `Relaxations.of(...)` or annotation waives it. Remove unknown keys or use the documented '
      + 'ones (each has a typed ChainsConfig setting), and mount credentials from a Secret into the Chains controller (the '
      + '`-path` keys).',
    relaxable: false,
    appliesTo: isChainsConfig,
  },
  (manifest) => {
    const data = chainsConfigWritten(manifest);
    if (!data) return [];
    const problems: Problem[] = [];
    for (const [key, value] of Object.entries(data)) {
      const spec = CHAINS_KEYS.get(key);
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
        problems.push({
          property: 'data',
          value: key,
          problem: 'is not a documented chains-config key',
          fix: unknownKeyFix(key),
        });
      } else if (spec.secret) {
        // The value is a credential: never repeat it in a message.
        problems.push({ property: dataKey(key), problem: 'puts a credential in a ConfigMap', fix: `${spec.secret}; this rule cannot be relaxed.` });
        continue;
      }
      if (typeof value !== 'string') {
        // a ConfigMap's data is map[string]string: `true` or `8080` unquoted is refused, not read as text
        const text = written(value);
        problems.push({
          property: dataKey(key),
          value: text,
          problem: 'is not a string: a ConfigMap\'s data values are strings, so the API server refuses the whole ConfigMap and none of its settings reach Chains',
          fix: typeof value === 'boolean' || typeof value === 'number'
            ? `Quote the value ("${text}") so YAML reads it as a string; this rule cannot be relaxed.`
            : 'Give the key a string value (quoted in YAML); this rule cannot be relaxed.',
        });
      } else if (spec?.values) {
        const allowed = spec.values;
        const entries = spec.list ? storageEntries(value) : [value];
        for (const v of entries.filter((e) => !allowed.includes(e))) {
          problems.push({ property: dataKey(key), value: v, problem: `is not one of ${allowed.join(', ')}` });
        }
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
