import { generateKeyPairSync } from 'crypto';
import { describeRule, verificationPolicy } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { ruleContext } from '../../../src/policy/engine/context';
import { VERIFICATION_ENFORCED } from '../../../src/policy/rules/verification-enforced';
import { PUBLIC_KEY_PEM } from '../../helpers/fixtures';
import { describeWithOracle, runOracle } from '../../helpers/tekton-oracle';

const lets = (value: string) => ({
  rule: RuleId.VERIFICATION_ENFORCED,
  kind: 'VerificationPolicy',
  name: 'catalog',
  property: 'spec.mode',
  value,
  problem: 'lets resources that fail verification run',
});

const REFUSED = (problem: string) => `${problem}: Tekton's webhook refuses the policy, so it verifies nothing`;

/** [what, change to a valid policy's spec, property, value, problem] of each refusal. */
const REFUSALS: Array<[string, (spec: any) => void, string, string | undefined, string]> = [
  ['no resources', (s) => { s.resources = []; }, 'spec.resources', undefined, 'is missing or empty'],
  ['a pattern Go does not compile', (s) => { s.resources.push({ pattern: 'https://(github.com/.*' }); }, 'spec.resources[1].pattern', 'https://(github.com/.*',
    'does not compile as a Go regular expression (error parsing regexp: missing closing ): `https://(github.com/.*`)'],
  ['no authorities', (s) => { delete s.authorities; }, 'spec.authorities', undefined, 'is missing or empty'],
  ['a key with no key material', (s) => { s.authorities[0].key = { hashAlgorithm: 'sha256' }; }, 'spec.authorities[0].key', undefined, 'sets none of data, kms and secretRef'],
  ['a key with two', (s) => { s.authorities[0].key.secretRef = { name: 'k' }; }, 'spec.authorities[0].key', undefined, 'sets more than one of data, kms and secretRef'],
  ['an unknown hash algorithm', (s) => { s.authorities[0].key.hashAlgorithm = 'md5'; }, 'spec.authorities[0].key.hashAlgorithm', 'md5', 'is not one of sha224, sha256, sha384, sha512'],
];

/** What the API server refuses by the CRD's schema (before Tekton's webhook sees it): [what, change, property, value, problem]. */
const SERVER_REFUSED = (problem: string) => `${problem}: the API server refuses the policy, so it verifies nothing`;
const SCHEMA_REFUSALS: Array<[string, (spec: any) => void, string, string | undefined, string]> = [
  ['a resource without a pattern', (s) => { s.resources.push({}); }, 'spec.resources[1].pattern', undefined, 'is missing (the CRD requires it)'],
  ['a null pattern (pruned, so missing)', (s) => { s.resources.push({ pattern: null }); }, 'spec.resources[1].pattern', undefined, 'is missing (the CRD requires it)'],
  ['a resource that is a string', (s) => { s.resources.push('https://github.com/example/.*'); }, 'spec.resources[1]', 'https://github.com/example/.*', 'is not an object (a map with a pattern)'],
  ['a null resource', (s) => { s.resources.push(null); }, 'spec.resources[1]', 'null', 'is not an object (a map with a pattern)'],
  ['a pattern that is a number', (s) => { s.resources.push({ pattern: 5 }); }, 'spec.resources[1].pattern', '5', 'is not a string'],
  ['resources that are a map', (s) => { s.resources = { pattern: '.*' }; }, 'spec.resources', '{"pattern":".*"}', 'is not a list'],
  ['an authority that is a string', (s) => { s.authorities.push('k2'); }, 'spec.authorities[1]', 'k2', 'is not an object (a map with a name and a key)'],
  ['an authority name that is a number', (s) => { s.authorities[0].name = 1; }, 'spec.authorities[0].name', '1', 'is not a string'],
  ['a key that is a string', (s) => { s.authorities[0].key = 'gcpkms://projects/p/locations/global/keyRings/r/cryptoKeys/k'; }, 'spec.authorities[0].key',
    'gcpkms://projects/p/locations/global/keyRings/r/cryptoKeys/k', 'is not an object'],
  ['a secretRef that is a string beside a kms key', (s) => { s.authorities[0].key.secretRef = 'k8s://ci/pub'; }, 'spec.authorities[0].key.secretRef', 'k8s://ci/pub', 'is not an object'],
  ['a data that is a number beside a kms key', (s) => { s.authorities[0].key.data = 1; }, 'spec.authorities[0].key.data', '1', 'is not a string'],
  ['a secretRef name that is a number', (s) => { s.authorities[0].key = { secretRef: { name: 1, namespace: 'ci' } }; }, 'spec.authorities[0].key.secretRef.name', '1', 'is not a string'],
  ['a hash algorithm that is a number', (s) => { s.authorities[0].key.hashAlgorithm = 256; }, 'spec.authorities[0].key.hashAlgorithm', '256', 'is not a string'],
];

/** Policies Tekton's webhook admits but cannot use: [what, change, property, value, problem and consequence]. */
const CANNOT_LOAD = 'Tekton cannot load the key, and loads every key of the policy for each run it matches: every one of those runs fails';
const SECP256K1 = generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();

const UNUSABLE: Array<[string, (spec: any) => void, string, string | undefined, string]> = [
  ['an authority without a key', (s) => { s.authorities.push({ name: 'nokey' }); }, 'spec.authorities[1].key', undefined,
    'is not set: Tekton\'s verifier reads the key of every authority, and its controller crashes on every run this policy matches'],
  ['a pattern that anchoring breaks', (s) => { s.resources = [{ pattern: 'https://github\\.com/example/tasks\\$' }]; }, 'spec.resources[0].pattern', 'https://github\\.com/example/tasks\\$',
    'no longer compiles once Tekton anchors it (^(?:https://github\\.com/example/tasks\\)$): matching fails for every Task and Pipeline of the namespace, so all their runs fail'],
  // a key Tekton cannot load, beside a good one: FromPolicy loads every key and fails on the first bad one
  ['a key that does not parse', (s) => { s.authorities.push({ name: 'bad', key: { data: '-----BEGIN PUBLIC KEY-----\nnot base64 at all\n-----END PUBLIC KEY-----' } }); },
    'spec.authorities[1].key.data', '-----BEGIN PUBLIC KEY-----', `does not parse as a PKIX public key: ${CANNOT_LOAD}`],
  ['a private key in data', (s) => { s.authorities.push({ name: 'bad', key: { data: '-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----' } }); },
    'spec.authorities[1].key.data', '-----BEGIN EC PRIVATE KEY-----', `is a PEM "EC PRIVATE KEY" block, not a public key: ${CANNOT_LOAD}`],
  ['a key on a curve Go does not support', (s) => { s.authorities.push({ name: 'bad', key: { data: SECP256K1 } }); },
    'spec.authorities[1].key.data', '-----BEGIN PUBLIC KEY-----', `is an ECDSA key on curve secp256k1, which Go does not support: ${CANNOT_LOAD}`],
  ['a secretRef without a namespace', (s) => { s.authorities.push({ name: 'bad', key: { secretRef: { name: 'pub' } } }); },
    'spec.authorities[1].key.secretRef.namespace', undefined, `is not set, and Tekton looks the Secret up as k8s://<namespace>/<name>: ${CANNOT_LOAD}`],
  ['a KMS reference sigstore does not accept', (s) => { s.authorities.push({ name: 'bad', key: { kms: 'gcpkms://nope' } }); },
    'spec.authorities[1].key.kms', 'gcpkms://nope', `is not a KMS key reference sigstore accepts: ${CANNOT_LOAD}`],
];

/** The findings of a valid policy changed by `change`. */
function checkChanged(change: (spec: any) => void) {
  const policy = verificationPolicy('enforce');
  change(policy.spec);
  return VERIFICATION_ENFORCED.check(policy);
}

/** The finding of a policy Tekton refuses or cannot use. */
const findingOf = (property: string, value: string | undefined, problem: string) => ({
  rule: RuleId.VERIFICATION_ENFORCED,
  kind: 'VerificationPolicy',
  name: 'catalog',
  property,
  ...(value !== undefined ? { value } : {}),
  problem,
  fix: `Correct ${property}: a tekton.dev/v1alpha1 VerificationPolicy needs spec.resources, each with a pattern (a Go regular expression of the `
    + 'sources it covers), and spec.authorities, each with a name and a key of exactly one of data (a PEM public key), secretRef (name and '
    + 'namespace of a Secret with one entry) and kms (the library\'s VerificationPolicy writes a valid one).',
});

describe('VERIFICATION_ENFORCED', () => {
  describeRule(VERIFICATION_ENFORCED, RuleId.VERIFICATION_ENFORCED, Severity.HIGH, true);

  test('applies to VerificationPolicies only', () => {
    expect(VERIFICATION_ENFORCED.appliesTo(verificationPolicy('warn'))).toBe(true);
    expect(VERIFICATION_ENFORCED.appliesTo({ kind: 'ConfigMap', metadata: { name: 'x' }, spec: { mode: 'warn' } })).toBe(false);
  });

  test('compliant: enforce, or no mode (the CRD default is enforce)', () => {
    expect(VERIFICATION_ENFORCED.check(verificationPolicy('enforce'))).toEqual([]);
    expect(VERIFICATION_ENFORCED.check(verificationPolicy(undefined))).toEqual([]);
    expect(VERIFICATION_ENFORCED.check(verificationPolicy(''))).toEqual([]);
  });

  test('non-compliant: warn', () => {
    expect(VERIFICATION_ENFORCED.check(verificationPolicy('warn'))).toEqual([lets('warn')]);
  });

  test.each(['Enforce', 'enforce ', 'audit', 'off'])('non-compliant: %j is not enforce, nor a mode Tekton accepts', (mode) => {
    expect(VERIFICATION_ENFORCED.check(verificationPolicy(mode))).toEqual([{ ...lets(mode), problem: REFUSED('is not "enforce" or "warn"') }]);
  });

  test.each<[string, (spec: any) => void, string, string | undefined, string]>(REFUSALS)('non-compliant: a policy Tekton refuses verifies nothing: %s', (_, change, property, value, problem) => {
    expect(checkChanged(change)).toEqual([findingOf(property, value, REFUSED(problem))]);
  });

  test('compliant: what Tekton accepts and uses: a key\'s hash algorithm in any case, a pattern Go compiles before and after anchoring', () => {
    const policy = verificationPolicy('enforce');
    policy.spec.resources = [{ pattern: '(?i)^https://github\\.com/(?P<org>[a-z]+)/.*' }, { pattern: 'https://example\\.com/a\\\\$' }];
    policy.spec.authorities = [{ name: 'a', key: { data: PUBLIC_KEY_PEM, hashAlgorithm: 'SHA512' } }];
    expect(VERIFICATION_ENFORCED.check(policy)).toEqual([]);
  });

  test.each(SCHEMA_REFUSALS)('non-compliant: a policy the API server refuses by the CRD\'s schema verifies nothing: %s', (_, change, property, value, problem) => {
    expect(checkChanged(change)).toEqual([findingOf(property, value, SERVER_REFUSED(problem))]);
  });

  test('compliant: a null mode, which the API server prunes (the CRD does not make it nullable), so the default enforce applies', () => {
    expect(VERIFICATION_ENFORCED.check(verificationPolicy(null as any))).toEqual([]);
  });

  test('non-compliant: a name that is not a DNS-1123 subdomain, which the API server and Tekton\'s webhook refuse', () => {
    for (const name of ['Catalog', 'catalog_keys', 'catalog-']) {
      const policy = verificationPolicy('enforce');
      policy.metadata.name = name;
      expect(VERIFICATION_ENFORCED.check(policy)).toEqual([{ ...findingOf('metadata.name', name, SERVER_REFUSED("is not a DNS-1123 subdomain (lower-case alphanumerics, '-' and '.')")), name }]);
    }
  });

  test.each(UNUSABLE)('non-compliant: a policy Tekton admits but cannot use: %s', (_, change, property, value, problem) => {
    expect(checkChanged(change)).toEqual([findingOf(property, value, problem)]);
  });

  test('non-compliant: what the API server refuses (an authority without a name) and a name longer than Tekton allows', () => {
    const noName = verificationPolicy('enforce');
    noName.spec.authorities = [{ key: { kms: 'gcpkms://projects/p/locations/global/keyRings/r/cryptoKeys/k' } }];
    expect(VERIFICATION_ENFORCED.check(noName).map((f) => [f.property, f.problem])).toEqual([
      ['spec.authorities[0].name', 'is missing: the API server refuses the policy (the CRD requires it), so it verifies nothing'],
    ]);
    const long = verificationPolicy('enforce');
    long.metadata.name = 'p'.repeat(64);
    expect(VERIFICATION_ENFORCED.check(long).map((f) => [f.property, f.problem])).toEqual([['metadata.name', REFUSED('is longer than 63 characters')]]);
  });

  test('non-compliant: an apiVersion the CRD does not serve (only v1alpha1)', () => {
    for (const apiVersion of ['tekton.dev/v1', 'tekton.dev/v1beta1', undefined]) {
      const policy = { ...verificationPolicy('enforce'), apiVersion };
      expect(VERIFICATION_ENFORCED.check(policy)).toEqual([findingOf('apiVersion', apiVersion ?? '',
        "is not tekton.dev/v1alpha1, the only version Tekton's VerificationPolicy CRD serves: the API server refuses the policy, so it verifies nothing")]);
    }
  });

  describe('a secretRef to a Secret checked with the policy: Tekton reads the public key from its one data entry', () => {
    const secret = (fields: any, namespace = 'ci') => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'signing-pub', namespace }, type: 'Opaque', ...fields });
    const withSecret = (...secrets: any[]) => {
      const policy = verificationPolicy('enforce');
      policy.spec.authorities = [{ name: 'k', key: { secretRef: { name: 'signing-pub', namespace: 'ci' } } }];
      return VERIFICATION_ENFORCED.check(policy, ruleContext([policy, ...secrets]));
    };
    // the fix in the YAML's words and the library's (a VerificationPolicy construct's Secret is checked at synth too)
    const SECRET_FIX = 'Name a Secret that holds the public key alone, in one data entry (e.g. cosign.pub as `cosign public-key` prints it; not the Secret '
      + "`cosign generate-key-pair k8s://…` writes, which holds the private key too): in YAML the secretRef's name and namespace; with the "
      + "library VerificationKey.fromSecret({ secretName: '<Secret holding only cosign.pub>' }), or a cdk8s-plus Secret with that one entry as "
      + 'VerificationKey.fromSecret({ secret }).';
    const unloadable = (problem: string) => [{
      ...findingOf('spec.authorities[0].key.secretRef', 'ci/signing-pub', `names a Secret checked with it ${problem}: ${CANNOT_LOAD}`), fix: SECRET_FIX,
    }];

    test('non-compliant: the Secret cosign generate-key-pair k8s://ci/signing-pub writes (three entries), or one entry that is not a public key', () => {
      expect(withSecret(secret({ data: { 'cosign.key': 'YQ==', 'cosign.password': '', 'cosign.pub': Buffer.from(PUBLIC_KEY_PEM).toString('base64') } })))
        .toEqual(unloadable('that has 3 data entries (cosign.key, cosign.password, cosign.pub): Tekton reads the public key from a Secret with exactly one'));
      // data and stringData are stored together
      expect(withSecret(secret({ data: { 'cosign.pub': Buffer.from(PUBLIC_KEY_PEM).toString('base64') }, stringData: { note: 'x' } })))
        .toEqual(unloadable('that has 2 data entries (cosign.pub, note): Tekton reads the public key from a Secret with exactly one'));
      expect(withSecret(secret({ stringData: { 'cosign.pub': 'ssh-ed25519 AAAA' } }))).toEqual(unloadable('whose entry cosign.pub holds no PEM block'));
    });

    test('compliant: one entry holding a public key (in data or stringData); a Secret without entries (a placeholder filled elsewhere), of another namespace or name, or none, is not judged', () => {
      expect(withSecret(secret({}))).toEqual([]);
      expect(withSecret(secret({ data: null, stringData: {} }))).toEqual([]);
      expect(withSecret(secret({ data: { 'cosign.pub': Buffer.from(PUBLIC_KEY_PEM).toString('base64') } }))).toEqual([]);
      expect(withSecret(secret({ stringData: { 'cosign.pub': PUBLIC_KEY_PEM } }))).toEqual([]);
      expect(withSecret(secret({}, 'other'))).toEqual([]);
      expect(withSecret({ ...secret({}), metadata: { name: 'other', namespace: 'ci' } })).toEqual([]);
      expect(withSecret()).toEqual([]);
    });
  });

  test('a key Tekton cannot load, in warn mode: the runs are not verified', () => {
    const policy = verificationPolicy('warn');
    policy.spec.authorities.push({ name: 'bad', key: { kms: 'gcpkms://nope' } });
    expect(VERIFICATION_ENFORCED.check(policy).map((f) => f.problem)).toEqual([
      'is not a KMS key reference sigstore accepts: Tekton cannot load the key, and loads every key of the policy for each run it matches: those runs are not verified (warn mode only logs it)',
    ]);
  });

  test('other kinds are not checked', () => {
    expect(VERIFICATION_ENFORCED.check({ kind: 'ConfigMap', metadata: { name: 'x' }, spec: { mode: 'warn' } })).toEqual([]);
  });
});

describeWithOracle('VERIFICATION_ENFORCED against Tekton v1.15\'s webhook (the oracle)', () => {
  test('Tekton refuses each policy the rule says it refuses, and accepts the valid one', () => {
    const policies = REFUSALS.map(([, change], i) => {
      const policy = verificationPolicy('enforce');
      policy.metadata.name = `p${i}`;
      change(policy.spec);
      return policy;
    });
    const modes = [verificationPolicy('Enforce'), verificationPolicy('warn')].map((p, i) => ({ ...p, metadata: { name: `m${i}`, namespace: 'ci' } }));
    const long = { ...verificationPolicy('enforce'), metadata: { name: 'p'.repeat(64), namespace: 'ci' } };
    const badName = { ...verificationPolicy('enforce'), metadata: { name: 'catalog_keys', namespace: 'ci' } };
    // what the webhook admits though Tekton cannot use it
    const admitted = UNUSABLE.map(([, change], i) => {
      const policy = verificationPolicy('enforce');
      policy.metadata.name = `u${i}`;
      change(policy.spec);
      return policy;
    });
    const verdicts = runOracle([verificationPolicy('enforce'), ...policies, ...modes, long, badName, ...admitted]).verdicts;
    expect(verdicts.map((v) => v.valid)).toEqual([true, ...REFUSALS.map(() => false), false, true, false, false, ...UNUSABLE.map(() => true)]);
  });
});
