import { Chart, JsonPatch, Testing } from 'cdk8s';
import {
  HashAlgorithm, Relaxations, RuleId, VerificationKey, VerificationMode, VerificationPolicy, VerificationPolicyProps,
} from '../../src';
import { only, relaxationsOf } from '../helpers/constructs';
import { expectValidManifests } from '../helpers/schema';

const PEM = [
  '-----BEGIN PUBLIC KEY-----',
  'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEXsz5kpqJjWKtbTBx9kIvOrFGhAfXvBCd4tLwbbyBZmZ2GEwX0ZJC+6obEq5Y4lz1HGFmXbHLDLxgzsaYfVRe3Q==',
  '-----END PUBLIC KEY-----',
].join('\n');

const BASE: VerificationPolicyProps = {
  resources: ['^https://github\\.com/example/tekton-catalog\\.git$'],
  authorities: [{ name: 'release', key: VerificationKey.fromSecret({ secretName: 'catalog-signing-pub' }) }],
};

function policy(props: Partial<VerificationPolicyProps> = {}) {
  const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
  const p = new VerificationPolicy(c, 'catalog', { ...BASE, ...props });
  return { c, p };
}

describe('VerificationPolicy defaults', () => {
  const { c, p } = policy();
  const m = only(c, 'VerificationPolicy');

  test('tekton.dev/v1alpha1 in the chart namespace', () => {
    expect(m.apiVersion).toBe('tekton.dev/v1alpha1');
    expect(m.metadata).toEqual({ name: 'catalog', namespace: 'ci' });
  });

  test('mode enforce written explicitly', () => {
    expect(m.spec.mode).toBe('enforce');
    expect(p.mode).toBe(VerificationMode.ENFORCE);
  });

  test('patterns and a Secret key, in the policy namespace unless told', () => {
    expect(m.spec.resources).toEqual([{ pattern: '^https://github\\.com/example/tekton-catalog\\.git$' }]);
    expect(m.spec.authorities).toEqual([{ name: 'release', key: { secretRef: { name: 'catalog-signing-pub', namespace: 'ci' } } }]);
  });

  test('no relaxation recorded', () => {
    expect(Relaxations.of(c).list()).toEqual([]);
  });
});

describe('VerificationPolicy options', () => {
  test('inline PEM, KMS and Secret keys with hash algorithms', () => {
    const { c } = policy({
      name: 'trusted-tasks',
      resources: ['(?i)^https://github\\.com/example/.*$', '^oci://registry\\.example\\.com/(?P<team>[a-z]+)/tasks$'],
      authorities: [
        { name: 'inline', key: VerificationKey.fromPem(PEM), hashAlgorithm: HashAlgorithm.SHA384 },
        { name: 'kms', key: VerificationKey.fromKms('gcpkms://projects/p/locations/global/keyRings/r/cryptoKeys/k/cryptoKeyVersions/1') },
        { name: 'shared', key: VerificationKey.fromSecret({ secretName: 'shared-pub', secretNamespace: 'tekton-pipelines' }), hashAlgorithm: HashAlgorithm.SHA512 },
      ],
    });
    const m = only(c, 'VerificationPolicy');
    expect(m.metadata.name).toBe('trusted-tasks');
    expect(m.spec.authorities).toEqual([
      { name: 'inline', key: { data: PEM, hashAlgorithm: 'sha384' } },
      { name: 'kms', key: { kms: 'gcpkms://projects/p/locations/global/keyRings/r/cryptoKeys/k/cryptoKeyVersions/1' } },
      { name: 'shared', key: { secretRef: { name: 'shared-pub', namespace: 'tekton-pipelines' }, hashAlgorithm: 'sha512' } },
    ]);
    expect(m.spec.resources).toHaveLength(2);
  });
});

describe('VerificationPolicy relaxations', () => {
  test('VERIFICATION_ENFORCED relaxed: warn mode written, reason recorded', () => {
    const reason = 'signing is being rolled out team by team';
    const { c, p } = policy({ mode: VerificationMode.WARN, relaxations: [{ rule: RuleId.VERIFICATION_ENFORCED, reason }] });
    const m = only(c, 'VerificationPolicy');
    expect(m.spec.mode).toBe('warn');
    expect(p.mode).toBe(VerificationMode.WARN);
    expect(relaxationsOf(m)).toEqual({ 'secure-tekton/relax.VERIFICATION_ENFORCED': `*: ${reason}` });
    expect(Relaxations.of(c).list()).toEqual([{ rule: RuleId.VERIFICATION_ENFORCED, reason, path: 'test/catalog', target: undefined }]);
  });
});

describe('VerificationPolicy refusals', () => {
  test('warn mode without a relaxation', () => {
    const { c } = policy({ mode: VerificationMode.WARN });
    expect(() => Testing.synth(c)).toThrow(
      "VerificationPolicy 'test/catalog': spec.mode \"warn\" lets resources that fail verification run [VERIFICATION_ENFORCED]. Set spec.mode \"enforce\" (VerificationMode.ENFORCE, the default). Or relax VERIFICATION_ENFORCED with a reason in its props: relaxations: [{ rule: RuleId.VERIFICATION_ENFORCED, reason: '<why>' }].",
    );
  });

  test('warn mode through an escape hatch', () => {
    const { c, p } = policy();
    p.apiObject.addJsonPatch(JsonPatch.replace('/spec/mode', 'warn'));
    expect(() => Testing.synth(c)).toThrow("VerificationPolicy 'test/catalog': spec.mode \"warn\" lets resources that fail verification run [VERIFICATION_ENFORCED].");
  });

  test('no resources', () => {
    expect(() => policy({ resources: [] })).toThrow(
      "VerificationPolicy 'test/catalog': resources is empty [VALID_SPEC]. Give at least one pattern of the resource sources the policy covers, e.g. '^https://github\\.com/my-org/catalog\\.git$'.",
    );
  });

  test('no authorities', () => {
    expect(() => policy({ authorities: [] })).toThrow(
      "VerificationPolicy 'test/catalog': authorities is empty [VALID_SPEC]. Give at least one authority with the public key the resources are signed with.",
    );
  });

  test('a pattern that does not compile', () => {
    expect(() => policy({ resources: ['https://github.com/example/(catalog'] })).toThrow(
      "VerificationPolicy 'test/catalog': resources \"https://github.com/example/(catalog\" is not a valid regular expression [VALID_SPEC]. Tekton compiles each pattern as a Go (RE2) regular expression, which has no lookaround or backreferences: fix its syntax.",
    );
  });

  test('a pattern Go cannot compile although JavaScript can', () => {
    expect(() => policy({ resources: ['^https://github\\.com/(?!evil)'] })).toThrow(
      "VerificationPolicy 'test/catalog': resources \"^https://github\\\\.com/(?!evil)\" is not a valid regular expression [VALID_SPEC].",
    );
  });

  test('a private key instead of a PEM public key, without quoting it', () => {
    const privateKey = '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIKeySecretMaterial\n-----END EC PRIVATE KEY-----';
    const create = () => policy({ authorities: [{ name: 'release', key: VerificationKey.fromPem(privateKey) }] });
    expect(create).toThrow(
      "VerificationPolicy 'test/catalog': authorities[release].key.data \"-----BEGIN EC PRIVATE KEY-----\" is not a PEM public key [VALID_SPEC]. Give the public key in PEM (\"-----BEGIN PUBLIC KEY-----\" ... \"-----END PUBLIC KEY-----\", e.g. cosign.pub), never a private key.",
    );
    expect(create).not.toThrow(/KeySecretMaterial/);
  });

  test('a KMS key with an unknown scheme', () => {
    expect(() => policy({ authorities: [{ name: 'release', key: VerificationKey.fromKms('vault://transit/keys/tekton') }] })).toThrow(
      "VerificationPolicy 'test/catalog': authorities[release].key.kms \"vault://transit/keys/tekton\" does not use a supported scheme [VALID_SPEC]. Use a gcpkms://, awskms://, azurekms:// or hashivault:// URI.",
    );
  });

  test('a Secret key without a namespace', () => {
    expect(() => new VerificationPolicy(Testing.chart(), 'catalog', BASE)).toThrow(
      "VerificationPolicy 'test/catalog': authorities[release].key.secretRef.namespace is not set [VALID_SPEC]. Give secretNamespace, or a namespace to the chart: Tekton looks the Secret up in the namespace named here.",
    );
  });

  test('two authorities with the same name', () => {
    expect(() => policy({ authorities: [...BASE.authorities, { name: 'release', key: VerificationKey.fromPem(PEM) }] })).toThrow(
      "VerificationPolicy 'test/catalog': authorities \"release\" is declared twice [VALID_NAME]. Give each one a distinct name.",
    );
  });

  test('a name that is not a DNS-1123 label', () => {
    expect(() => policy({ name: 'Catalog' })).toThrow(
      "VerificationPolicy 'test/catalog': name \"Catalog\" is not a DNS-1123 label [VALID_NAME].",
    );
  });
});

describe('VerificationPolicy validates strictly against the reference schemas', () => {
  test('defaults', () => {
    expectValidManifests(Testing.synth(policy().c));
  });

  test('every key kind, warn mode relaxed', () => {
    const { c } = policy({
      mode: VerificationMode.WARN,
      relaxations: [{ rule: RuleId.VERIFICATION_ENFORCED, reason: 'signing is being rolled out team by team' }],
      authorities: [
        { name: 'inline', key: VerificationKey.fromPem(PEM), hashAlgorithm: HashAlgorithm.SHA256 },
        { name: 'kms', key: VerificationKey.fromKms('awskms:///alias/tekton') },
        { name: 'secret', key: VerificationKey.fromSecret({ secretName: 'pub', secretNamespace: 'tekton-pipelines' }), hashAlgorithm: HashAlgorithm.SHA224 },
      ],
    });
    expectValidManifests(Testing.synth(c));
  });
});
