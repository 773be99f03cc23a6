import { generateKeyPairSync } from 'crypto';
import { Chart, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  HashAlgorithm, Relaxations, RemoteTask, RuleId, SecurePipeline, TaskContent, VerificationKey, VerificationMode, VerificationPolicy,
  VerificationPolicyProps,
} from '../../src';
import { only, relaxationsOf } from '../helpers/constructs';
import { PUBLIC_KEY_PEM } from '../helpers/fixtures';
import { expectValidManifests } from '../helpers/schema';
import { task as hardenedTask } from '../policy/rules/fixtures';

const COMMIT = '0123456789abcdef0123456789abcdef01234567';

/** A task fetched from the catalog repository at one commit, and a pipeline `ci` that runs it. */
function catalogTask(c: Chart, url = 'https://github.com/example/tekton-catalog.git', id = 'build'): RemoteTask {
  const task = RemoteTask.fromGit(c, id, { url, revision: COMMIT, pathInRepo: 'task/build/build.yaml', content: TaskContent.fromYaml(JSON.stringify(hardenedTask())) });
  new SecurePipeline(c, `${id}-pipeline`).addTask({ task });
  return task;
}

const PEM = PUBLIC_KEY_PEM;

const BASE: VerificationPolicyProps = {
  resources: ['^https://github\\.com/example/tekton-catalog\\.git$'],
  authorities: [{ name: 'release', key: VerificationKey.fromSecret({ secretName: 'catalog-signing-pub' }) }],
};

/** A policy with BASE and `props`, beside a pipeline that runs a task from the repository BASE matches. */
function policy(props: Partial<VerificationPolicyProps> = {}) {
  const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
  catalogTask(c);
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

describe('VerificationPolicy from remote tasks', () => {
  test('one pattern per remote task, matching exactly its source; added later too, and each once', () => {
    const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
    const build = catalogTask(c);
    const lint = catalogTask(c, 'https://gitlab.example.com/platform/tasks.git', 'lint');
    const p = new VerificationPolicy(c, 'tasks', { remoteTasks: [build], authorities: BASE.authorities });
    p.addRemoteTask(lint);
    p.addRemoteTask(build);
    expect(p.remoteTasks).toEqual([build, lint]);
    expect(only(c, 'VerificationPolicy').spec.resources).toEqual([
      { pattern: '^https://github\\.com/example/tekton-catalog\\.git$' },
      { pattern: '^https://gitlab\\.example\\.com/platform/tasks\\.git$' },
    ]);
    expect(p.resources).toEqual(['^https://github\\.com/example/tekton-catalog\\.git$', '^https://gitlab\\.example\\.com/platform/tasks\\.git$']);
  });

  test('patterns given beside remote tasks come first, and a duplicate is written once', () => {
    const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
    const build = catalogTask(c);
    new VerificationPolicy(c, 'tasks', { ...BASE, remoteTasks: [build] });
    expect(only(c, 'VerificationPolicy').spec.resources).toEqual([{ pattern: '^https://github\\.com/example/tekton-catalog\\.git$' }]);
  });
});

describe('VerificationPolicy relaxations', () => {
  test('VERIFICATION_POLICY_USED relaxed: the policy is written with the reason', () => {
    const reason = 'the pipelines it protects are synthesized in the platform repository';
    const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
    new VerificationPolicy(c, 'catalog', { ...BASE, relaxations: [{ rule: RuleId.VERIFICATION_POLICY_USED, reason }] });
    expect(relaxationsOf(only(c, 'VerificationPolicy'))).toEqual({ 'secure-tekton/relax.VERIFICATION_POLICY_USED': `*: ${reason}` });
  });

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

  test('no resources and no remote tasks', () => {
    expect(() => policy({ resources: [] })).toThrow(
      "VerificationPolicy 'test/catalog': resources is empty [VALID_SPEC]. Give the remote tasks the policy covers (remoteTasks: [task]), or at least one pattern of the resource sources it covers, e.g. '^https://github\\.com/my-org/catalog\\.git$'.",
    );
  });

  test('a policy that matches no source the app\'s pipelines fetch (Tekton verifies nothing else)', () => {
    const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
    new VerificationPolicy(c, 'catalog', BASE);
    expect(() => Testing.synth(c)).toThrow(
      "VerificationPolicy 'test/catalog': spec.resources \"^https://github\\\\.com/example/tekton-catalog\\\\.git$\" match no source: no Pipeline, PipelineRun or TaskRun of namespace 'ci' fetches a Task or Pipeline "
      + 'through a resolver, and Tekton verifies nothing else (never a Task referenced by name), so the policy protects nothing [VERIFICATION_POLICY_USED]. '
      + 'Refer to the tasks the policy is for through a resolver (RemoteTask.fromBundle pinned by digest, RemoteTask.fromGit at a commit) and build the policy from them (remoteTasks: [task]), or remove the policy. '
      + "Or relax VERIFICATION_POLICY_USED with a reason in its props: relaxations: [{ rule: RuleId.VERIFICATION_POLICY_USED, reason: '<why>' }].",
    );
  });

  test('a policy whose patterns miss the sources in use (an unanchored prefix does not match: Tekton anchors patterns)', () => {
    const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
    catalogTask(c);
    new VerificationPolicy(c, 'catalog', { ...BASE, resources: ['^https://github\\.com/example'] });
    expect(() => Testing.synth(c)).toThrow(
      "VerificationPolicy 'test/catalog': spec.resources \"^https://github\\\\.com/example\" match none of the sources fetched through a resolver of namespace 'ci' (\"https://github.com/example/tekton-catalog.git\")",
    );
    expect(() => Testing.synth(c)).toThrow(
      "SecurePipeline 'test/build-pipeline' task 'build': taskRef \"https://github.com/example/tekton-catalog.git\" matches no VerificationPolicy of namespace 'ci'",
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

  test('a pattern written in the CRD\'s shape by a plain JavaScript caller: the string meant', () => {
    expect(() => policy({ resources: [{ pattern: '^https://github\\.com/example/.*$' }] as any })).toThrow(new Error(
      "VerificationPolicy 'test/catalog': resources[0] \"{\\\"pattern\\\":\\\"^https://github\\\\\\\\.com/example/.*$\\\"}\" is not a string [VALID_SPEC]. "
      + "Give each pattern as a string: resources: ['^https://github\\\\.com/example/.*$'].",
    ));
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

  test('a PEM public key Tekton cannot load (not base64, a curve Go lacks), without quoting more than its first line', () => {
    const bad = '-----BEGIN PUBLIC KEY-----\nnot base64 at all\n-----END PUBLIC KEY-----';
    expect(() => policy({ authorities: [{ name: 'release', key: VerificationKey.fromPem(bad) }] })).toThrow(
      "VerificationPolicy 'test/catalog': authorities[release].key.data \"-----BEGIN PUBLIC KEY-----\" does not parse as a PKIX public key: Tekton could not "
      + 'load the key, and every run this policy matches would fail [VALID_SPEC]. Give the RSA, ECDSA (P-256, P-384 or P-521) or Ed25519 public key the '
      + 'resources are signed with, in PEM as `cosign public-key` prints it.',
    );
    const k1 = generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(() => policy({ authorities: [{ name: 'release', key: VerificationKey.fromPem(k1) }] })).toThrow(/is an ECDSA key on curve secp256k1, which Go does not support/);
    const keys = [
      generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey,
      generateKeyPairSync('ed25519').publicKey,
      generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey,
    ];
    for (const key of keys) {
      const pem = key.export({ type: 'spki', format: 'pem' }).toString();
      expect(() => policy({ authorities: [{ name: 'release', key: VerificationKey.fromPem(pem) }] })).not.toThrow();
    }
  });

  test('a KMS key with an unknown scheme', () => {
    expect(() => policy({ authorities: [{ name: 'release', key: VerificationKey.fromKms('vault://transit/keys/tekton') }] })).toThrow(
      "VerificationPolicy 'test/catalog': authorities[release].key.kms \"vault://transit/keys/tekton\" is not a key reference sigstore accepts (Tekton could not load the key, and verification would fail every run) [VALID_SPEC]. Use a key reference of the form gcpkms://projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>, awskms:///<key id, alias/<name> or ARN>, azurekms://<vault>/<key>, or hashivault://<transit key name> (openbao:// too).",
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

  test('a Secret name or namespace no object can have: Tekton cannot get the Secret when it verifies', () => {
    const UNLOADABLE = 'Tekton could not load the key, and every run this policy matches would fail [VALID_SPEC]. ';
    expect(() => policy({ authorities: [{ name: 'release', key: VerificationKey.fromSecret({ secretName: 'Catalog_Signing.pub' }) }] })).toThrow(
      `VerificationPolicy 'test/catalog': authorities[release].key.secretRef.name "Catalog_Signing.pub" is not a DNS-1123 subdomain, so no Secret has this name: ${UNLOADABLE}`
        + "Give the Secret's name: at most 253 lower-case letters, digits, '-' and '.', e.g. VerificationKey.fromSecret({ secretName: 'catalog-signing.pub' }).",
    );
    expect(() => policy({ authorities: [{ name: 'release', key: VerificationKey.fromSecret({ secretName: '__' }) }] })).toThrow(
      "e.g. VerificationKey.fromSecret({ secretName: 'cosign-pub' }).",
    );
    expect(() => policy({ authorities: [{ name: 'release', key: VerificationKey.fromSecret({ secretName: 'catalog-signing-pub', secretNamespace: 'Tekton Pipelines' }) }] })).toThrow(
      `VerificationPolicy 'test/catalog': authorities[release].key.secretRef.namespace "Tekton Pipelines" is not a DNS-1123 label, so no namespace has this name: ${UNLOADABLE}`
        + "Give the namespace of the Secret: at most 63 lower-case letters, digits and '-', e.g. secretNamespace: 'tekton-pipelines'.",
    );
    // a subdomain with dots is a Secret name, not a namespace
    expect(() => policy({ authorities: [{ name: 'release', key: VerificationKey.fromSecret({ secretName: 'catalog.signing-pub', secretNamespace: 'tekton.pipelines' }) }] }))
      .toThrow('authorities[release].key.secretRef.namespace "tekton.pipelines" is not a DNS-1123 label');
    expect(() => policy({ authorities: [{ name: 'release', key: VerificationKey.fromSecret({ secretName: 'catalog.signing-pub', secretNamespace: 'tekton-pipelines' }) }] }))
      .not.toThrow();
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

describe('VerificationPolicy keys in cdk8s-plus Secrets', () => {
  test('a Secret of the app: referenced in its own namespace, written once', () => {
    const app = Testing.app();
    const keys = new Chart(app, 'keys', { namespace: 'tekton-pipelines' });
    const pub = new kplus.Secret(keys, 'pub', { metadata: { name: 'catalog-signing-pub' } });
    const c = new Chart(app, 'test', { namespace: 'ci' });
    catalogTask(c);
    new VerificationPolicy(c, 'catalog', { ...BASE, authorities: [{ name: 'release', key: VerificationKey.fromSecret({ secret: pub }) }] });
    expect(only(c, 'VerificationPolicy').spec.authorities).toEqual([
      { name: 'release', key: { secretRef: { name: 'catalog-signing-pub', namespace: 'tekton-pipelines' } } },
    ]);
    expect(Testing.synth(keys).map((o: any) => `${o.kind}/${o.metadata.name}`)).toEqual(['Secret/catalog-signing-pub']);
    expect(Testing.synth(c).filter((o: any) => o.kind === 'Secret')).toEqual([]);
  });

  test('a Secret of the app holding more than the public key is refused at synth, with the fix in VerificationKey\'s words', () => {
    const app = Testing.app();
    const c = new Chart(app, 'test', { namespace: 'ci' });
    const pub = new kplus.Secret(c, 'pub', { metadata: { name: 'catalog-signing-pub' }, stringData: { 'cosign.pub': PEM, 'cosign.key': 'x' } });
    Relaxations.of(pub).add({ rule: RuleId.NO_SECRET_MATERIAL, reason: 'a key pair generated for this test alone' });
    catalogTask(c);
    new VerificationPolicy(c, 'catalog', { ...BASE, authorities: [{ name: 'release', key: VerificationKey.fromSecret({ secret: pub }) }] });
    expect(() => app.synth()).toThrow("VerificationPolicy 'test/catalog': spec.authorities[0].key.secretRef \"ci/catalog-signing-pub\" names a Secret checked "
      + 'with it that has 2 data entries (cosign.key, cosign.pub): Tekton reads the public key from a Secret with exactly one: Tekton cannot load the key, '
      + 'and loads every key of the policy for each run it matches: every one of those runs fails [VERIFICATION_ENFORCED]. Name a Secret that holds the '
      + 'public key alone, in one data entry (e.g. cosign.pub as `cosign public-key` prints it; not the Secret `cosign generate-key-pair k8s://…` writes, '
      + "which holds the private key too): in YAML the secretRef's name and namespace; with the library VerificationKey.fromSecret({ secretName: "
      + "'<Secret holding only cosign.pub>' }), or a cdk8s-plus Secret with that one entry as VerificationKey.fromSecret({ secret }). Or relax "
      + "VERIFICATION_ENFORCED with a reason in its props: relaxations: [{ rule: RuleId.VERIFICATION_ENFORCED, reason: '<why>' }].");
  });

  test('one imported by name: in the namespace given, else the policy\'s', () => {
    const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
    catalogTask(c);
    const pub = kplus.Secret.fromSecretName(c, 'pub', 'catalog-signing-pub');
    new VerificationPolicy(c, 'catalog', {
      ...BASE,
      authorities: [
        { name: 'here', key: VerificationKey.fromSecret({ secret: pub }) },
        { name: 'there', key: VerificationKey.fromSecret({ secret: pub, secretNamespace: 'tekton-pipelines' }) },
      ],
    });
    expect(only(c, 'VerificationPolicy').spec.authorities).toEqual([
      { name: 'here', key: { secretRef: { name: 'catalog-signing-pub', namespace: 'ci' } } },
      { name: 'there', key: { secretRef: { name: 'catalog-signing-pub', namespace: 'tekton-pipelines' } } },
    ]);
  });

  test('refused: neither secretName nor secret', () => {
    expect(() => policy({ authorities: [{ name: 'release', key: VerificationKey.fromSecret({}) }] })).toThrow(
      "VerificationPolicy 'test/catalog': authorities[release].key.secretRef.name is not set [VALID_SPEC]. Name the Secret: VerificationKey.fromSecret({ secretName: '<name>' }), or give it as a cdk8s-plus object: VerificationKey.fromSecret({ secret }).",
    );
  });

  test('refused: secretName other than the name of secret', () => {
    const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
    catalogTask(c);
    const pub = kplus.Secret.fromSecretName(c, 'pub', 'catalog-signing-pub');
    expect(() => new VerificationPolicy(c, 'catalog', { ...BASE, authorities: [{ name: 'release', key: VerificationKey.fromSecret({ secret: pub, secretName: 'other-pub' }) }] })).toThrow(
      "VerificationPolicy 'test/catalog': authorities[release].key.secretRef.name \"other-pub\" differs from the name of secret 'catalog-signing-pub' (test/pub) [VALID_REFERENCE]. Give either secretName or secret to VerificationKey.fromSecret, not both.",
    );
  });
});
