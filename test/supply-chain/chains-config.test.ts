import { Chart, JsonPatch, Testing } from 'cdk8s';
import {
  ChainsBuildType, ChainsConfig, ChainsConfigProps, ChainsSigner, ChainsStorageBackend, FulcioProvider, KeylessSigning,
  OciEncodingFormat, OciPayloadFormat, ProvenanceFormat, Relaxations, RuleId, TransparencyMode,
} from '../../src';
import { CHAINS_TRANSPARENCY } from '../../src/policy/rules/chains-transparency';
import { only, relaxationsOf } from '../helpers/constructs';
import { expectValidManifests } from '../helpers/schema';

function chains(props: ChainsConfigProps = {}) {
  const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
  const config = new ChainsConfig(c, 'chains', props);
  return { c, config };
}

/** The data of the synthesized ConfigMap. */
function dataOf(props: ChainsConfigProps = {}): Record<string, string> {
  return only(chains(props).c, 'ConfigMap').data;
}

const KMS_ALL: ChainsConfigProps = {
  taskRuns: { signer: ChainsSigner.KMS },
  pipelineRuns: { signer: ChainsSigner.KMS },
  oci: { signer: ChainsSigner.KMS },
  kms: { keyRef: 'gcpkms://projects/p/locations/global/keyRings/chains/cryptoKeys/signing' },
};

/** Settings every storage backend needs. */
const FULL_STORAGE = { gcsBucket: 'provenance', docdbUrl: 'firestore://projects/p/databases/(default)/documents/c', grafeasProjectId: 'p', archivistaUrl: 'https://archivista.example.com' };

describe('ChainsConfig defaults', () => {
  const { c, config } = chains();
  const m = only(c, 'ConfigMap');

  test('ConfigMap chains-config in tekton-chains, whatever the chart namespace', () => {
    expect(m.apiVersion).toBe('v1');
    expect(m.metadata).toEqual({ name: 'chains-config', namespace: 'tekton-chains' });
  });

  test('SLSA provenance for TaskRuns and PipelineRuns, deep inspection on', () => {
    expect(m.data['artifacts.taskrun.format']).toBe('slsa/v1');
    expect(m.data['artifacts.pipelinerun.format']).toBe('slsa/v1');
    expect(m.data['artifacts.pipelinerun.enable-deep-inspection']).toBe('true');
    expect(m.data['artifacts.oci.format']).toBe('simplesigning');
  });

  test('OCI storage for every artifact type, with TLS verification written on', () => {
    expect(m.data['artifacts.taskrun.storage']).toBe('oci');
    expect(m.data['artifacts.pipelinerun.storage']).toBe('oci');
    expect(m.data['artifacts.oci.storage']).toBe('oci');
    expect(m.data['storage.oci.repository.insecure']).toBe('false');
  });

  test('x509 signer for every artifact type, with the key from signing-secrets (no Fulcio)', () => {
    expect(m.data['artifacts.taskrun.signer']).toBe('x509');
    expect(m.data['artifacts.pipelinerun.signer']).toBe('x509');
    expect(m.data['artifacts.oci.signer']).toBe('x509');
    expect(m.data['signers.x509.fulcio.enabled']).toBe('false');
  });

  test('every signature uploaded to the public Rekor', () => {
    expect(m.data['transparency.enabled']).toBe('true');
    expect(m.data['transparency.url']).toBe('https://rekor.sigstore.dev');
  });

  test('nothing else is written, no relaxation is recorded', () => {
    expect(Object.keys(m.data)).toHaveLength(14);
    expect(config.settings).toEqual(m.data);
    expect(Relaxations.of(c).list()).toEqual([]);
  });
});

describe('ChainsConfig options', () => {
  test('keyless signing with the public-good instance and GKE workload identity', () => {
    const data = dataOf({ keyless: KeylessSigning.publicGood({ provider: FulcioProvider.GOOGLE }) });
    expect(data['signers.x509.fulcio.enabled']).toBe('true');
    expect(data['signers.x509.fulcio.address']).toBe('https://fulcio.sigstore.dev');
    expect(data['signers.x509.fulcio.issuer']).toBe('https://oauth2.sigstore.dev/auth');
    expect(data['signers.x509.fulcio.provider']).toBe('google-workload-identity');
    expect(data['transparency.url']).toBe('https://rekor.sigstore.dev');
    expect(data['artifacts.oci.signer']).toBe('x509');
  });

  test('keyless signing with a private Sigstore instance', () => {
    const data = dataOf({
      keyless: KeylessSigning.custom({
        fulcioAddress: 'https://fulcio.sigstore.example.com',
        oidcIssuer: 'https://oidc.example.com',
        provider: FulcioProvider.FILESYSTEM,
        identityTokenFile: '/var/run/sigstore/oidc-token',
        rekorUrl: 'https://rekor.sigstore.example.com',
        tufMirrorUrl: 'https://tuf.sigstore.example.com',
      }),
    });
    expect(data).toMatchObject({
      'signers.x509.fulcio.enabled': 'true',
      'signers.x509.fulcio.address': 'https://fulcio.sigstore.example.com',
      'signers.x509.fulcio.issuer': 'https://oidc.example.com',
      'signers.x509.fulcio.provider': 'filesystem',
      'signers.x509.identity.token.file': '/var/run/sigstore/oidc-token',
      'signers.x509.tuf.mirror.url': 'https://tuf.sigstore.example.com',
      'transparency.url': 'https://rekor.sigstore.example.com',
    });
  });

  test('KMS signing with Vault OIDC auth', () => {
    const data = dataOf({
      ...KMS_ALL,
      kms: {
        keyRef: 'hashivault://chains',
        authAddress: 'https://vault.example.com:8200',
        authTokenPath: '/etc/kms-secrets/token',
        oidcPath: 'jwt',
        oidcRole: 'chains',
        oidcTokenPath: '/var/run/sigstore/token',
        spireSocket: 'unix:///tmp/spire-agent/public/api.sock',
        spireAudience: 'vault',
      },
    });
    expect(data).toMatchObject({
      'artifacts.taskrun.signer': 'kms',
      'artifacts.pipelinerun.signer': 'kms',
      'artifacts.oci.signer': 'kms',
      'signers.kms.kmsref': 'hashivault://chains',
      'signers.kms.auth.address': 'https://vault.example.com:8200',
      'signers.kms.auth.token-path': '/etc/kms-secrets/token',
      'signers.kms.auth.oidc.path': 'jwt',
      'signers.kms.auth.oidc.role': 'chains',
      'signers.kms.auth.oidc.token-path': '/var/run/sigstore/token',
      'signers.kms.auth.spire.sock': 'unix:///tmp/spire-agent/public/api.sock',
      'signers.kms.auth.spire.audience': 'vault',
    });
  });

  test('storage backends are comma-separated without duplicates; an empty list turns an artifact type off', () => {
    const data = dataOf({
      taskRuns: { storage: [] },
      // nothing of a type turned off is signed
      relaxations: [
        { rule: RuleId.CHAINS_SIGNED, reason: 'TaskRun provenance is not kept on this cluster: images and PipelineRuns are' },
        { rule: RuleId.CHAINS_SLSA_PROVENANCE, reason: 'TaskRun provenance is not kept on this cluster: images and PipelineRuns are' },
      ],
      pipelineRuns: {
        format: ProvenanceFormat.SLSA_V2_ALPHA4,
        storage: [ChainsStorageBackend.OCI, ChainsStorageBackend.TEKTON, ChainsStorageBackend.OCI, ChainsStorageBackend.ARCHIVISTA],
        deepInspection: false,
      },
      oci: { format: OciPayloadFormat.SIMPLE_SIGNING, storage: [ChainsStorageBackend.GCS, ChainsStorageBackend.DOCDB, ChainsStorageBackend.GRAFEAS] },
      storage: {
        ociRepository: 'registry.example.com/attestations',
        ociEncodingFormat: OciEncodingFormat.SIGSTORE_BUNDLE,
        gcsBucket: 'provenance',
        docdbUrl: 'mongo://chains/provenance?id_field=name',
        mongoServerUrlPath: '/etc/mongo/url',
        mongoServerUrlDir: '/etc/mongo',
        grafeasProjectId: 'builds',
        grafeasNoteId: 'ci',
        grafeasNoteHint: 'Built by the CI platform',
        archivistaUrl: 'https://archivista.example.com',
      },
      builderId: 'https://ci.example.com/chains',
      buildType: ChainsBuildType.SLSA_TEKTON,
    });
    expect(data).toMatchObject({
      'artifacts.taskrun.storage': '',
      'artifacts.pipelinerun.format': 'slsa/v2alpha4',
      'artifacts.pipelinerun.storage': 'oci,tekton,archivista',
      'artifacts.pipelinerun.enable-deep-inspection': 'false',
      'artifacts.oci.storage': 'gcs,docdb,grafeas',
      'storage.oci.repository': 'registry.example.com/attestations',
      'storage.oci.repository.insecure': 'false',
      'storage.oci.encoding-format': 'sigstore-bundle',
      'storage.gcs.bucket': 'provenance',
      'storage.docdb.url': 'mongo://chains/provenance?id_field=name',
      'storage.docdb.mongo-server-url-dir': '/etc/mongo',
      'storage.docdb.mongo-server-url-path': '/etc/mongo/url',
      'storage.grafeas.projectid': 'builds',
      'storage.grafeas.noteid': 'ci',
      'storage.grafeas.notehint': 'Built by the CI platform',
      'storage.archivista.url': 'https://archivista.example.com',
      'builder.id': 'https://ci.example.com/chains',
      'builddefinition.buildtype': 'https://tekton.dev/chains/v2/slsa-tekton',
    });
  });

  test('additionalSettings override defaults and are written as given', () => {
    const data = dataOf({ additionalSettings: { 'transparency.url': 'https://rekor.example.com', 'storage.oci.encoding-format': 'dsse' } });
    expect(data['transparency.url']).toBe('https://rekor.example.com');
    expect(data['storage.oci.encoding-format']).toBe('dsse');
  });

  test('every enum value is a value Chains v0.29 documents', () => {
    for (const format of Object.values(ProvenanceFormat)) expect(() => chains({ taskRuns: { format } })).not.toThrow();
    for (const backend of Object.values(ChainsStorageBackend)) {
      expect(() => chains({ pipelineRuns: { storage: [backend] }, storage: FULL_STORAGE })).not.toThrow();
    }
    for (const signer of Object.values(ChainsSigner)) expect(() => chains({ ...KMS_ALL, oci: { signer } })).not.toThrow();
    for (const ociEncodingFormat of Object.values(OciEncodingFormat)) expect(() => chains({ storage: { ociEncodingFormat } })).not.toThrow();
    for (const transparency of Object.values(TransparencyMode)) expect(() => chains({ transparency })).not.toThrow();
    // a private Fulcio: the public-good one refuses spiffe and github-actions
    const fulcio = { fulcioAddress: 'https://fulcio.example.internal', oidcIssuer: 'https://oidc-discovery.example.org', rekorUrl: 'https://rekor.example.internal' };
    for (const provider of Object.values(FulcioProvider)) {
      expect(() => chains({ keyless: KeylessSigning.custom({ ...fulcio, provider }) })).not.toThrow();
    }
    // the names cosign's providers register, which Chains passes to ProvideFrom as they are
    expect(Object.values(FulcioProvider).map((provider) => dataOf({ keyless: KeylessSigning.custom({ ...fulcio, provider }) })['signers.x509.fulcio.provider']))
      .toEqual(['google-workload-identity', 'google-impersonate', 'spiffe', 'github-actions', 'filesystem']);
    for (const buildType of Object.values(ChainsBuildType)) expect(() => chains({ buildType })).not.toThrow();
  });
});

describe('ChainsConfig relaxations', () => {
  test.each<[RuleId, ChainsConfigProps, string, string, string]>([
    [RuleId.CHAINS_SIGNED, { oci: { signer: ChainsSigner.NONE } }, 'artifacts.oci.signer', 'none', 'images are signed by the release pipeline with cosign'],
    [RuleId.CHAINS_TRANSPARENCY, { transparency: TransparencyMode.MANUAL }, 'transparency.enabled', 'manual', 'only release runs may appear in the public log'],
    [RuleId.CHAINS_TRANSPARENCY, { transparency: TransparencyMode.DISABLED }, 'transparency.enabled', 'false', 'air-gapped cluster without a Rekor instance'],
    [RuleId.CHAINS_SECURE_STORAGE, { storage: { insecureOciRepository: true } }, 'storage.oci.repository.insecure', 'true', 'kind cluster with a local plain-http registry'],
  ])('%s relaxed: value written, reason recorded', (rule, props, key, value, reason) => {
    const { c } = chains({ ...props, relaxations: [{ rule, reason }] });
    const m = only(c, 'ConfigMap');
    expect(m.data[key]).toBe(value);
    expect(relaxationsOf(m)).toEqual({ [`secure-tekton/relax.${rule}`]: `*: ${reason}` });
    expect(Relaxations.of(c).list()).toEqual([{ rule, reason, path: 'test/chains', target: undefined }]);
  });

  test('CHAINS_KNOWN_KEYS cannot be relaxed', () => {
    expect(() => chains({ relaxations: [{ rule: RuleId.CHAINS_KNOWN_KEYS, reason: 'we use keys from the next release' }] })).toThrow(
      "ChainsConfig 'test/chains': relaxations[0].rule \"CHAINS_KNOWN_KEYS\" names a rule that cannot be relaxed [RELAXATION_REASON]. Remove this relaxation and comply with the rule.",
    );
  });
});

describe('ChainsConfig refusals at synth (rules)', () => {
  const synth = (props: ChainsConfigProps) => () => Testing.synth(chains(props).c);

  test('signer none of TaskRuns: also no provenance recorded (CHAINS_SLSA_PROVENANCE) once CHAINS_SIGNED is relaxed', () => {
    expect(synth({ taskRuns: { signer: ChainsSigner.NONE }, relaxations: [{ rule: RuleId.CHAINS_SIGNED, reason: 'TaskRuns are not signed here' }] })).toThrow(
      "ChainsConfig 'test/chains': data['artifacts.taskrun.signer'] \"none\" turns TaskRun artifacts off: Chains v0.29 neither formats nor stores them, so it records no provenance for them [CHAINS_SLSA_PROVENANCE]. Sign with x509 or kms (or leave artifacts.taskrun.signer out for Chains' default, x509): Chains records no provenance for a signer \"none\". Or relax CHAINS_SLSA_PROVENANCE with a reason in its props: relaxations: [{ rule: RuleId.CHAINS_SLSA_PROVENANCE, reason: '<why>' }].",
    );
  });

  test('signer none', () => {
    expect(synth({ taskRuns: { signer: ChainsSigner.NONE } })).toThrow(
      "ChainsConfig 'test/chains': data['artifacts.taskrun.signer'] \"none\" does not sign with x509 or kms [CHAINS_SIGNED]. Sign with x509 (the key in the signing-secrets Secret, or keyless through Fulcio) or kms. Or relax CHAINS_SIGNED with a reason in its props: relaxations: [{ rule: RuleId.CHAINS_SIGNED, reason: '<why>' }].",
    );
  });

  test('in-toto format: the other name Chains gives the slsa/v1 formatter, so no refusal', () => {
    expect(synth({ pipelineRuns: { format: ProvenanceFormat.IN_TOTO } })).not.toThrow();
  });

  test('transparency manual', () => {
    expect(synth({ transparency: TransparencyMode.MANUAL })).toThrow(
      "ChainsConfig 'test/chains': data['transparency.enabled'] \"manual\" uploads only runs annotated chains.tekton.dev/transparency-upload [CHAINS_TRANSPARENCY]. Set transparency.enabled \"true\" (TransparencyMode.ENABLED) with transparency.url pointing at your Rekor. Or relax CHAINS_TRANSPARENCY with a reason in its props: relaxations: [{ rule: RuleId.CHAINS_TRANSPARENCY, reason: '<why>' }].",
    );
  });

  test('insecure OCI storage', () => {
    expect(synth({ storage: { insecureOciRepository: true } })).toThrow(
      "ChainsConfig 'test/chains': data['storage.oci.repository.insecure'] \"true\" turns TLS verification off [CHAINS_SECURE_STORAGE]. Leave storage.oci.repository.insecure \"false\" (give the registry a certificate the controller trusts). Or relax CHAINS_SECURE_STORAGE with a reason in its props: relaxations: [{ rule: RuleId.CHAINS_SECURE_STORAGE, reason: '<why>' }].",
    );
  });

  test('signer none through an escape hatch', () => {
    const { c, config } = chains();
    config.apiObject.addJsonPatch(JsonPatch.replace('/data/artifacts.oci.signer', 'none'));
    expect(() => Testing.synth(c)).toThrow(
      "ChainsConfig 'test/chains': data['artifacts.oci.signer'] \"none\" does not sign with x509 or kms [CHAINS_SIGNED].",
    );
  });

  test('an unknown key through an escape hatch', () => {
    const { c, config } = chains();
    config.apiObject.addJsonPatch(JsonPatch.add('/data/filter.managed-by', 'tekton-pipelines'));
    expect(() => Testing.synth(c)).toThrow(
      "ChainsConfig 'test/chains': data \"filter.managed-by\" is not a documented chains-config key [CHAINS_KNOWN_KEYS]. \"filter.managed-by\" is not a Chains v0.29 key (filters were added after v0.29.2), so Chains ignores it: remove it or use a key documented in Chains v0.29 docs/config.md; this rule cannot be relaxed.",
    );
  });
});

describe('ChainsConfig refusals at construction', () => {
  test('an unknown key from a blog post', () => {
    expect(() => chains({ additionalSettings: { 'artifacts.taskrun.signing-backend': 'kms' } })).toThrow(
      "ChainsConfig 'test/chains': data \"artifacts.taskrun.signing-backend\" is not a documented chains-config key [CHAINS_KNOWN_KEYS]. \"artifacts.taskrun.signing-backend\" is not a Chains v0.29 key (the signer is artifacts.taskrun.signer), so Chains ignores it: remove it or use a key documented in Chains v0.29 docs/config.md; this rule cannot be relaxed.",
    );
  });

  test('filter.managed-by, which only exists after v0.29.2', () => {
    expect(() => chains({ additionalSettings: { 'filter.managed-by': 'tekton-pipelines' } })).toThrow(
      "ChainsConfig 'test/chains': data \"filter.managed-by\" is not a documented chains-config key [CHAINS_KNOWN_KEYS]. \"filter.managed-by\" is not a Chains v0.29 key (filters were added after v0.29.2), so Chains ignores it: remove it or use a key documented in Chains v0.29 docs/config.md; this rule cannot be relaxed.",
    );
  });

  test('a KMS token, without repeating it', () => {
    const create = () => chains({ ...KMS_ALL, additionalSettings: { 'signers.kms.auth.token': 'hvs.s3cr3t' } });
    expect(create).toThrow(
      "ChainsConfig 'test/chains': data['signers.kms.auth.token'] puts a credential in a ConfigMap [CHAINS_KNOWN_KEYS]. Mount the token from a Secret into the Chains controller and set signers.kms.auth.token-path (KmsSigning.authTokenPath); this rule cannot be relaxed.",
    );
    expect(create).not.toThrow(/s3cr3t/);
  });

  test('a MongoDB URL with credentials', () => {
    expect(() => chains({ additionalSettings: { 'storage.docdb.mongo-server-url': 'mongodb://chains:pw@mongo:27017' } })).toThrow(
      "ChainsConfig 'test/chains': data['storage.docdb.mongo-server-url'] puts a credential in a ConfigMap [CHAINS_KNOWN_KEYS]. Mount the connection URL from a Secret into the Chains controller and set storage.docdb.mongo-server-url-path or -dir (ChainsStorageSettings.mongoServerUrlPath); this rule cannot be relaxed.",
    );
  });

  test('a value Chains does not allow, in additionalSettings', () => {
    expect(() => chains({ additionalSettings: { 'signers.x509.fulcio.provider': 'gitlab' } })).toThrow(
      "ChainsConfig 'test/chains': data['signers.x509.fulcio.provider'] \"gitlab\" is not one of spiffe, github-actions, google-workload-identity, google-impersonate, buildkite-agent, envvar, filesystem, filesystem-custom-path [CHAINS_KNOWN_KEYS]. Use only keys and values documented in Chains v0.29 docs/config.md (every one has a typed ChainsConfig setting), and keep credentials in a Secret mounted into the controller (the *-path keys); this rule cannot be relaxed.",
    );
  });

  test('archivista storage for OCI artifacts', () => {
    expect(() => chains({ oci: { storage: [ChainsStorageBackend.OCI, ChainsStorageBackend.ARCHIVISTA] }, storage: FULL_STORAGE })).toThrow(
      "ChainsConfig 'test/chains': data['artifacts.oci.storage'] \"archivista\" is not one of tekton, oci, gcs, docdb, grafeas [CHAINS_KNOWN_KEYS].",
    );
  });

  test('a key set both by a typed prop and in additionalSettings', () => {
    expect(() => chains({ transparency: TransparencyMode.ENABLED, additionalSettings: { 'transparency.enabled': 'manual' } })).toThrow(
      "ChainsConfig 'test/chains': data['transparency.enabled'] \"manual\" is set both by a typed prop and in additionalSettings [VALID_SPEC]. Set it in one place, preferably the typed prop.",
    );
  });

  test('keyless signing without the x509 signer', () => {
    expect(() => chains({ ...KMS_ALL, keyless: KeylessSigning.publicGood() })).toThrow(
      "ChainsConfig 'test/chains': data['signers.x509.fulcio.enabled'] \"true\" is set but no artifact type is signed with x509 [VALID_SPEC]. Keyless signing configures the x509 signer: keep signer ChainsSigner.X509 (the default) on the artifact types it should sign, or remove keyless.",
    );
  });

  test('an http Fulcio address', () => {
    expect(() => chains({ keyless: KeylessSigning.custom({ fulcioAddress: 'http://fulcio.internal:5555', oidcIssuer: 'https://oidc.example.com' }) })).toThrow(
      "ChainsConfig 'test/chains': keyless.fulcioAddress \"http://fulcio.internal:5555\" is not an https:// URL [VALID_SPEC]. Chains sends tokens, signatures or provenance there: use https (mount a private CA into the controller if needed).",
    );
  });

  test('the public-good Fulcio with the SPIFFE provider, which it never certifies', () => {
    expect(() => chains({ keyless: KeylessSigning.publicGood({ provider: FulcioProvider.SPIFFE }) })).toThrow(
      "ChainsConfig 'test/chains': keyless.provider \"spiffe\" gets no certificate from the public-good Fulcio (https://fulcio.sigstore.dev): it trusts no SPIFFE issuer and refuses the SPIRE JWT-SVID the controller presents, so Chains cannot build its x509 signer, leaves it out and marks every run signed with no signature [VALID_SPEC]. With SPIRE, sign through a private Fulcio whose configuration has a spiffe issuer for your trust domain: keyless: KeylessSigning.custom({ fulcioAddress: 'https://fulcio.example.internal', oidcIssuer: 'https://oidc-discovery.example.org', provider: FulcioProvider.SPIFFE, rekorUrl: 'https://rekor.example.internal' }); or keep KeylessSigning.publicGood with provider FulcioProvider.GOOGLE or FulcioProvider.FILESYSTEM on a managed cluster whose OIDC issuer the public Fulcio accepts.",
    );
  });

  test('the public-good Fulcio with the GitHub Actions provider, whose token no pod has', () => {
    expect(() => chains({ keyless: KeylessSigning.publicGood({ provider: FulcioProvider.GITHUB }) })).toThrow(
      "ChainsConfig 'test/chains': keyless.provider \"github-actions\" gets no certificate from the public-good Fulcio (https://fulcio.sigstore.dev): the controller's pod has no GitHub Actions token to present (cosign's github-actions provider needs the ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN of a GitHub Actions runner), so Chains cannot build its x509 signer, leaves it out and marks every run signed with no signature [VALID_SPEC]. Sign with an identity the controller has: keep KeylessSigning.publicGood with provider FulcioProvider.GOOGLE or FulcioProvider.FILESYSTEM on a managed cluster whose OIDC issuer the public Fulcio accepts; or, with SPIRE, a private Fulcio whose configuration has a spiffe issuer for your trust domain: keyless: KeylessSigning.custom({ fulcioAddress: 'https://fulcio.example.internal', oidcIssuer: 'https://oidc-discovery.example.org', provider: FulcioProvider.SPIFFE, rekorUrl: 'https://rekor.example.internal' }).",
    );
  });

  test('the public-good Fulcio by its address in custom, or by Chains\' default with the provider in additionalSettings', () => {
    const publicAddress = { fulcioAddress: 'https://fulcio.sigstore.dev/', oidcIssuer: 'https://oidc-discovery.example.org' };
    expect(() => chains({ keyless: KeylessSigning.custom({ ...publicAddress, provider: FulcioProvider.SPIFFE }) })).toThrow(
      "ChainsConfig 'test/chains': keyless.provider \"spiffe\" gets no certificate from the public-good Fulcio (https://fulcio.sigstore.dev): ",
    );
    expect(() => chains({ additionalSettings: { 'signers.x509.fulcio.enabled': 'true', 'signers.x509.fulcio.provider': 'spiffe' } })).toThrow(
      "ChainsConfig 'test/chains': data['signers.x509.fulcio.provider'] \"spiffe\" gets no certificate from the public-good Fulcio (https://fulcio.sigstore.dev): ",
    );
    // a private Fulcio on the public host name's look-alike is not the public one
    expect(() => chains({ keyless: KeylessSigning.custom({ ...publicAddress, fulcioAddress: 'https://fulcio.sigstore.dev.example.internal', provider: FulcioProvider.SPIFFE, rekorUrl: 'https://rekor.example.internal' }) })).not.toThrow();
    // the providers the public Fulcio accepts from a cluster
    for (const provider of [FulcioProvider.GOOGLE, FulcioProvider.GOOGLE_IMPERSONATE, FulcioProvider.FILESYSTEM, undefined]) {
      expect(() => chains({ keyless: KeylessSigning.publicGood({ provider }) })).not.toThrow();
    }
  });

  test('a private Fulcio whose certificates would go to the public-good Rekor only because no Rekor was given', () => {
    const custom = { fulcioAddress: 'https://fulcio.example.internal', oidcIssuer: 'https://oidc-discovery.example.org', provider: FulcioProvider.SPIFFE };
    expect(() => chains({ keyless: KeylessSigning.custom(custom) })).toThrow(
      "ChainsConfig 'test/chains': keyless.rekorUrl is not set, nor is transparencyUrl: ChainsConfig would write out Chains' default, and then "
      + "Chains uploads the private Fulcio https://fulcio.example.internal's certificates (the controller's identity, the images and their digests) "
      + 'to its default, the public-good Rekor (https://rekor.sigstore.dev), a public log that keeps them for good (the finding of CHAINS_TRANSPARENCY '
      + 'on a chains-config that leaves transparency.url out) [VALID_SPEC]. Give your Sigstore\'s Rekor beside its Fulcio: '
      + "rekorUrl: 'https://rekor.example.internal' in KeylessSigning.custom; or, to publish in the public log on purpose, transparencyUrl: 'https://rekor.sigstore.dev'.",
    );
    // either fix, as written, is accepted; so is a log given in additionalSettings, or no upload at all (relaxed)
    expect(dataOf({ keyless: KeylessSigning.custom({ ...custom, rekorUrl: 'https://rekor.example.internal' }) })['transparency.url']).toBe('https://rekor.example.internal');
    expect(dataOf({ keyless: KeylessSigning.custom(custom), transparencyUrl: 'https://rekor.sigstore.dev' })['transparency.url']).toBe('https://rekor.sigstore.dev');
    expect(dataOf({ keyless: KeylessSigning.custom(custom), additionalSettings: { 'transparency.url': 'https://rekor.example.internal' } })['transparency.url'])
      .toBe('https://rekor.example.internal');
    expect(() => chains({
      keyless: KeylessSigning.custom(custom),
      transparency: TransparencyMode.DISABLED,
      relaxations: [{ rule: RuleId.CHAINS_TRANSPARENCY, reason: 'signatures are verified against the key in the cluster only' }],
    })).not.toThrow();
    // the public-good Fulcio's entries go to the public-good Rekor, as its own
    expect(dataOf({ keyless: KeylessSigning.publicGood({ provider: FulcioProvider.GOOGLE }) })['transparency.url']).toBe('https://rekor.sigstore.dev');
  });

  test('the private Fulcio\'s public log is one condition: CHAINS_TRANSPARENCY\'s, read before ChainsConfig writes the default url', () => {
    // a private Fulcio given in additionalSettings alone: refused in the key's words
    expect(() => chains({ additionalSettings: { 'signers.x509.fulcio.enabled': 'true', 'signers.x509.fulcio.address': 'https://fulcio.example.internal' } })).toThrow(
      "ChainsConfig 'test/chains': data['transparency.url'] is not set, nor is transparencyUrl: ChainsConfig would write out Chains' default, and then "
      + "Chains uploads the private Fulcio https://fulcio.example.internal's certificates (the controller's identity, the images and their digests) "
      + 'to its default, the public-good Rekor (https://rekor.sigstore.dev), a public log that keeps them for good (the finding of CHAINS_TRANSPARENCY '
      + "on a chains-config that leaves transparency.url out) [VALID_SPEC]. Give your Sigstore's Rekor: transparencyUrl: 'https://rekor.example.internal'; "
      + "or, to publish in the public log on purpose, transparencyUrl: 'https://rekor.sigstore.dev'.",
    );
    // the settings it refuses, without the default url, are the ConfigMap CHAINS_TRANSPARENCY finds the same words in
    const custom = { fulcioAddress: 'https://fulcio.example.internal', oidcIssuer: 'https://oidc-discovery.example.org', provider: FulcioProvider.SPIFFE };
    const data = dataOf({ keyless: KeylessSigning.custom({ ...custom, rekorUrl: 'https://rekor.example.internal' }) });
    delete data['transparency.url'];
    const findings = CHAINS_TRANSPARENCY.check({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'chains-config', namespace: 'tekton-chains' }, data });
    expect(findings.map((f) => f.problem)).toEqual([
      "is not set, so Chains uploads the private Fulcio https://fulcio.example.internal's certificates (the controller's identity, the images and their digests) "
      + 'to its default, the public-good Rekor (https://rekor.sigstore.dev), a public log that keeps them for good',
    ]);
  });

  test('a token file with a provider other than filesystem, which Chains never reads', () => {
    expect(() => chains({ keyless: KeylessSigning.publicGood({ provider: FulcioProvider.GOOGLE, identityTokenFile: '/var/run/sigstore/token' }) })).toThrow(
      "ChainsConfig 'test/chains': keyless.identityTokenFile \"/var/run/sigstore/token\" is never read: with signers.x509.fulcio.provider \"google-workload-identity\" Chains asks that provider for the token (it reads the token file only with provider filesystem, filesystem-custom-path or none) [VALID_SPEC]. Give the token file with provider: FulcioProvider.FILESYSTEM (or no provider), or remove identityTokenFile to use the provider's own token.",
    );
    expect(() => chains({
      keyless: KeylessSigning.custom({ fulcioAddress: 'https://fulcio.example.internal', oidcIssuer: 'https://oidc-discovery.example.org', provider: FulcioProvider.SPIFFE }),
      additionalSettings: { 'signers.x509.identity.token.file': '/var/run/sigstore/token' },
    })).toThrow(
      "ChainsConfig 'test/chains': data['signers.x509.identity.token.file'] \"/var/run/sigstore/token\" is never read: with signers.x509.fulcio.provider \"spiffe\" Chains asks that provider for the token (it reads the token file only with provider filesystem, filesystem-custom-path or none) [VALID_SPEC]. Set signers.x509.fulcio.provider \"filesystem\" (or leave it unset) to sign with the token file, or remove signers.x509.identity.token.file.",
    );
    const file = { identityTokenFile: '/var/run/sigstore/token' };
    expect(dataOf({ keyless: KeylessSigning.publicGood({ ...file, provider: FulcioProvider.FILESYSTEM }) })['signers.x509.identity.token.file']).toBe('/var/run/sigstore/token');
    expect(() => chains({ keyless: KeylessSigning.publicGood(file) })).not.toThrow();
    expect(() => chains({ keyless: KeylessSigning.publicGood(file), additionalSettings: { 'signers.x509.fulcio.provider': 'filesystem-custom-path' } })).not.toThrow();
  });

  test('an http OIDC issuer, which Chains never contacts, is written as given', () => {
    const data = dataOf({ keyless: KeylessSigning.custom({ fulcioAddress: 'https://f.example.com', oidcIssuer: 'http://oidc.internal', rekorUrl: 'https://rekor.example.internal' }) });
    expect(data['signers.x509.fulcio.issuer']).toBe('http://oidc.internal');
  });

  test.each<[string, ChainsConfigProps]>([
    ['transparencyUrl', { transparencyUrl: 'http://rekor.internal' }],
    ['keyless.rekorUrl', { keyless: KeylessSigning.custom({ fulcioAddress: 'https://f.example.com', oidcIssuer: 'https://o.example.com', rekorUrl: 'http://rekor' }) }],
    ['keyless.tufMirrorUrl', { keyless: KeylessSigning.custom({ fulcioAddress: 'https://f.example.com', oidcIssuer: 'https://o.example.com', tufMirrorUrl: 'http://tuf' }) }],
    ['storage.archivistaUrl', { taskRuns: { storage: [ChainsStorageBackend.ARCHIVISTA] }, storage: { archivistaUrl: 'http://archivista' } }],
    ['kms.authAddress', { ...KMS_ALL, kms: { keyRef: 'hashivault://chains', authAddress: 'http://vault:8200' } }],
    ["data['transparency.url']", { additionalSettings: { 'transparency.url': 'http://rekor.internal' } }],
  ])('a plain-http %s', (property, props) => {
    expect(() => chains(props)).toThrow(new RegExp(`'test/chains': ${property.replace(/[.[\]]/g, '\\$&')} "http://[^"]+" is not an https:// URL \\[VALID_SPEC\\]`));
  });

  test.each<[string, (url: string) => ChainsConfigProps]>([
    ['transparencyUrl', (url) => ({ transparencyUrl: url })],
    ['keyless.fulcioAddress', (url) => ({ keyless: KeylessSigning.custom({ fulcioAddress: url, oidcIssuer: 'https://o.example.com', rekorUrl: 'https://rekor.example.internal' }) })],
    ['keyless.rekorUrl', (url) => ({ keyless: KeylessSigning.custom({ fulcioAddress: 'https://f.example.com', oidcIssuer: 'https://o.example.com', rekorUrl: url }) })],
    ['keyless.tufMirrorUrl', (url) => ({ keyless: KeylessSigning.custom({ fulcioAddress: 'https://f.example.com', oidcIssuer: 'https://o.example.com', tufMirrorUrl: url, rekorUrl: 'https://rekor.example.internal' }) })],
    ['storage.archivistaUrl', (url) => ({ taskRuns: { storage: [ChainsStorageBackend.ARCHIVISTA] }, storage: { archivistaUrl: url } })],
    ['kms.authAddress', (url) => ({ ...KMS_ALL, kms: { keyRef: 'hashivault://chains', authAddress: url } })],
    ["data['transparency.url']", (url) => ({ additionalSettings: { 'transparency.url': url } })],
  ])("a %s that Go's url.Parse refuses (a WHATWG parser reads some), so Chains cannot reach the service", (property, props) => {
    // a space around it and a bad %-escape a WHATWG parser reads; two colons in the host neither reads, but it is https
    for (const url of [' https://service.example.com', 'https://service.example.com/%zz', 'https://service.example.com:8200:443']) {
      expect(() => chains(props(url))).toThrow(
        `ChainsConfig 'test/chains': ${property} ${JSON.stringify(url)} is not a URL Go's url.Parse reads (Chains v0.29.2 is built with Go 1.26) [VALID_SPEC]. `
        + `Chains cannot reach the service: give ${property} the https:// URL without spaces around it, with %-escapes of two hex digits and at most one port (https://host:port/path).`);
    }
    expect(() => chains(props('https://service.example.com:8443'))).not.toThrow();
  });

  test('the Rekor URL given twice', () => {
    expect(() => chains({
      transparencyUrl: 'https://rekor.example.com',
      keyless: KeylessSigning.custom({ fulcioAddress: 'https://f.example.com', oidcIssuer: 'https://o.example.com', rekorUrl: 'https://rekor.example.com' }),
    })).toThrow(
      "ChainsConfig 'test/chains': data['transparency.url'] \"https://rekor.example.com\" is set both in transparencyUrl and as the keyless rekorUrl [VALID_SPEC]. Give the Rekor URL once: in KeylessSigning.custom({ rekorUrl }) or in transparencyUrl.",
    );
  });

  test('the kms signer without a kmsref', () => {
    expect(() => chains({ pipelineRuns: { signer: ChainsSigner.KMS } })).toThrow(
      "ChainsConfig 'test/chains': data['artifacts.pipelinerun.signer'] \"kms\" needs signers.kms.kmsref [VALID_SPEC]. Give kms: { keyRef: '<key URI>' } of the form gcpkms://projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>, awskms:///<key id, alias/<name> or ARN>, azurekms://<vault>/<key>, or hashivault://<transit key name> (openbao:// too).",
    );
  });

  test('a kmsref with an unknown scheme', () => {
    expect(() => chains({ ...KMS_ALL, kms: { keyRef: 'vault://transit/keys/chains' } })).toThrow(
      "ChainsConfig 'test/chains': data['signers.kms.kmsref'] \"vault://transit/keys/chains\" is not a key reference sigstore accepts (Chains would leave the kms signer out and sign nothing with it) [VALID_SPEC]. Use a key reference of the form gcpkms://projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>, awskms:///<key id, alias/<name> or ARN>, azurekms://<vault>/<key>, or hashivault://<transit key name> (openbao:// too) (see https://docs.sigstore.dev/cosign/kms_support).",
    );
  });

  test('a kmsref no artifact type uses', () => {
    expect(() => chains({ kms: { keyRef: 'awskms:///alias/chains' } })).toThrow(
      "ChainsConfig 'test/chains': data['signers.kms.kmsref'] \"awskms:///alias/chains\" is set but no artifact type is signed with kms [VALID_SPEC]. Set signer: ChainsSigner.KMS on the artifact types to sign with it, or remove kms.",
    );
  });

  test('a storage backend without its setting', () => {
    expect(() => chains({ taskRuns: { storage: [ChainsStorageBackend.OCI, ChainsStorageBackend.GCS] } })).toThrow(
      "ChainsConfig 'test/chains': data['artifacts.taskrun.storage'] \"gcs\" needs storage.gcs.bucket [VALID_SPEC]. Give storage: { gcsBucket: ... }: Chains cannot store there without it.",
    );
  });

  test('a storage backend whose setting is empty: Chains takes "" as written and fails every store there', () => {
    expect(() => chains({ taskRuns: { storage: [ChainsStorageBackend.GCS] }, storage: { gcsBucket: '' } })).toThrow(
      "ChainsConfig 'test/chains': storage.gcsBucket \"\" is empty, though artifacts.taskrun.storage stores in gcs: Chains cannot store there without it [VALID_SPEC]. "
        + "Give storage: { gcsBucket: ... } a value, or remove gcs from the artifacts' storage.",
    );
    expect(() => chains({ pipelineRuns: { storage: [ChainsStorageBackend.GRAFEAS] }, storage: { grafeasProjectId: ' ' } })).toThrow(
      "ChainsConfig 'test/chains': storage.grafeasProjectId \" \" is empty, though artifacts.pipelinerun.storage stores in grafeas: Chains cannot store there without it [VALID_SPEC]. "
        + "Give storage: { grafeasProjectId: ... } a value, or remove grafeas from the artifacts' storage.",
    );
    // written as a key: named as the key
    expect(() => chains({ taskRuns: { storage: [ChainsStorageBackend.DOCDB] }, additionalSettings: { 'storage.docdb.url': '' } })).toThrow(
      "ChainsConfig 'test/chains': data['storage.docdb.url'] \"\" is empty, though artifacts.taskrun.storage stores in docdb: Chains cannot store there without it [VALID_SPEC]. "
        + "Give storage: { docdbUrl: ... } a value, or remove docdb from the artifacts' storage.",
    );
  });

  test('an additional setting that is not a string (null, a number), as JavaScript or another jsii language can give it', () => {
    const settings = (config: ChainsConfig) => config.settings;
    const fix = "Give the key a string value, or leave it out for Chains' default.";
    expect(() => chains({ additionalSettings: { 'storage.gcs.bucket': null } as any })).toThrow(
      `ChainsConfig 'test/chains': additionalSettings['storage.gcs.bucket'] "null" is not a string: a ConfigMap's data holds strings only [VALID_SPEC]. ${fix}`,
    );
    // a typed prop given null is not given (cdk8s leaves a null out of what it writes)
    expect(settings(chains({ builderId: null, storage: { gcsBucket: null } } as any).config)).toEqual(settings(chains().config));
    expect(() => chains({ additionalSettings: { 'transparency.url': 443 } as any })).toThrow(
      `ChainsConfig 'test/chains': additionalSettings['transparency.url'] "443" is not a string: a ConfigMap's data holds strings only [VALID_SPEC]. ${fix}`,
    );
  });

  test('an empty builder ID: every provenance would name no builder', () => {
    const fix = "Give the URI of your build platform, e.g. builderId: 'https://ci.example.com/chains', or leave it out for Chains' default https://tekton.dev/chains/v2.";
    expect(() => chains({ builderId: '' })).toThrow(
      "ChainsConfig 'test/chains': builderId \"\" is empty: Chains writes it as the builder.id of every provenance it records, which then names no builder for a verifier to trust "
        + `[VALID_SPEC]. ${fix}`,
    );
    expect(() => chains({ additionalSettings: { 'builder.id': ' ' } })).toThrow(
      "ChainsConfig 'test/chains': data['builder.id'] \" \" is empty: Chains writes it as the builder.id of every provenance it records, which then names no builder for a verifier to trust "
        + `[VALID_SPEC]. ${fix}`,
    );
  });
});

describe('ChainsConfig validates strictly against the reference schemas', () => {
  test('defaults', () => {
    expectValidManifests(Testing.synth(chains().c));
  });

  test('keyless, every storage backend, a relaxation', () => {
    const { c } = chains({
      keyless: KeylessSigning.publicGood({ provider: FulcioProvider.GOOGLE }),
      taskRuns: { storage: [ChainsStorageBackend.TEKTON, ChainsStorageBackend.ARCHIVISTA] },
      oci: { storage: [ChainsStorageBackend.OCI, ChainsStorageBackend.GCS, ChainsStorageBackend.DOCDB, ChainsStorageBackend.GRAFEAS] },
      storage: { ...FULL_STORAGE, insecureOciRepository: true },
      relaxations: [{ rule: RuleId.CHAINS_SECURE_STORAGE, reason: 'kind cluster with a local plain-http registry' }],
    });
    expectValidManifests(Testing.synth(c));
  });
});

describe('ChainsConfig storage names Chains cannot store in (go-containerregistry name.NewRepository, the GCS bucket)', () => {
  const NOT_READ = "is not a repository go-containerregistry's name.NewRepository reads (Chains reads it with it): ";
  const FAILS = ', so every store there fails and Chains keeps no signature or attestation [VALID_SPEC]. ';
  const FORM = '<registry>/<path> in lower case, without scheme, tag or digest';

  test('an upper-case organisation, a tag, a digest: name.NewRepository refuses the repository', () => {
    expect(() => chains({ storage: { ociRepository: 'ghcr.io/MyOrg/signatures' } })).toThrow(
      `ChainsConfig 'test/chains': storage.ociRepository "ghcr.io/MyOrg/signatures" ${NOT_READ}its repository "MyOrg/signatures" holds characters other than `
        + `\`abcdefghijklmnopqrstuvwxyz0123456789_-./\` (no upper case, no :tag, no @digest)${FAILS}Give storage: { ociRepository: 'ghcr.io/myorg/signatures' } (${FORM}).`,
    );
    expect(() => chains({ storage: { ociRepository: 'registry.example.com/signatures:latest' } })).toThrow(
      `ChainsConfig 'test/chains': storage.ociRepository "registry.example.com/signatures:latest" ${NOT_READ}its repository "signatures:latest" holds characters other than `
        + `\`abcdefghijklmnopqrstuvwxyz0123456789_-./\` (no upper case, no :tag, no @digest)${FAILS}Give storage: { ociRepository: 'registry.example.com/signatures' } (${FORM}).`,
    );
    expect(() => chains({ storage: { ociRepository: 'r.example.com/sigs@sha256:abc' } })).toThrow(
      `storage.ociRepository "r.example.com/sigs@sha256:abc" ${NOT_READ}its repository "sigs@sha256:abc" holds characters`,
    );
    expect(() => chains({ storage: { ociRepository: 'localhost:5000/x' } })).toThrow(
      `ChainsConfig 'test/chains': storage.ociRepository "localhost:5000/x" ${NOT_READ}its repository "x" is not 2 to 255 characters long${FAILS}Give storage.ociRepository as ${FORM}.`,
    );
    expect(() => chains({ storage: { ociRepository: 'reg ex.io/sigs' } })).toThrow(
      `ChainsConfig 'test/chains': storage.ociRepository "reg ex.io/sigs" ${NOT_READ}its registry "reg ex.io" is not a host[:port]${FAILS}Give storage.ociRepository as ${FORM}.`,
    );
  });

  test('a registry alone is read as a repository of Docker Hub: refused, with the registry kept in the fix', () => {
    const head = "names a registry but no repository in it: go-containerregistry's name.NewRepository, which Chains reads it with, reads it as ";
    expect(() => chains({ storage: { ociRepository: 'ghcr.io' } })).toThrow(
      `ChainsConfig 'test/chains': storage.ociRepository "ghcr.io" ${head}Docker Hub's repository "index.docker.io/library/ghcr.io", so Chains would push every `
        + 'signature and attestation to Docker Hub, not to ghcr.io [VALID_SPEC]. '
        + 'Give storage.ociRepository as "ghcr.io/<path>": the registry, then the repository\'s path in it, in lower case.',
    );
    expect(() => chains({ storage: { ociRepository: 'localhost' } })).toThrow(
      `storage.ociRepository "localhost" ${head}Docker Hub's repository "index.docker.io/library/localhost", so Chains would push every signature`,
    );
    expect(() => chains({ storage: { ociRepository: '10.0.0.1' } })).toThrow(`storage.ociRepository "10.0.0.1" ${head}Docker Hub's repository "index.docker.io/library/10.0.0.1"`);
    // with a port or an upper-case letter, name.NewRepository refuses the Docker Hub repository
    expect(() => chains({ storage: { ociRepository: 'registry.example.com:5000' } })).toThrow(
      `ChainsConfig 'test/chains': storage.ociRepository "registry.example.com:5000" ${head}a repository of Docker Hub ("index.docker.io/library/registry.example.com:5000") `
        + 'and refuses it, so every store there fails and Chains keeps no signature or attestation [VALID_SPEC]. '
        + 'Give storage.ociRepository as "registry.example.com:5000/<path>": the registry, then the repository\'s path in it, in lower case.',
    );
    expect(() => chains({ storage: { ociRepository: 'GHCR.io' } })).toThrow(
      `storage.ociRepository "GHCR.io" ${head}a repository of Docker Hub ("index.docker.io/library/GHCR.io") and refuses it, so every store there fails`,
    );
    // a name without '.', ':' or localhost is Docker Hub's as meant (myorg/signatures), and the registry with a path is read as it
    for (const ociRepository of ['myorg/signatures', 'ghcr.io/myorg/signatures', 'localhost/sigs']) {
      expect(dataOf({ storage: { ociRepository } })['storage.oci.repository']).toBe(ociRepository);
    }
  });

  test('one word is read as a repository of Docker Hub\'s official images, which no user pushes to: refused, naming <user>/ or a registry', () => {
    expect(() => chains({ storage: { ociRepository: 'sigs' } })).toThrow(
      "ChainsConfig 'test/chains': storage.ociRepository \"sigs\" names no registry and no Docker Hub user or organisation: go-containerregistry's "
        + 'name.NewRepository, which Chains reads it with, reads it as "index.docker.io/library/sigs", a repository of Docker Hub\'s official images, '
        + `which only Docker pushes to${FAILS}Give storage.ociRepository as "<user>/sigs" for a Docker Hub user or organisation, or "<registry>/<path>/sigs" for another registry.`,
    );
    expect(() => chains({ storage: { ociRepository: 'my_sigs-1' } })).toThrow('reads it as "index.docker.io/library/my_sigs-1", a repository of Docker Hub\'s official images');
    // a word name.NewRepository refuses is refused for that; a user's or an organisation's repository on Docker Hub is one it pushes to
    expect(() => chains({ storage: { ociRepository: 'Sigs' } })).toThrow(`storage.ociRepository "Sigs" ${NOT_READ}its repository "Sigs" holds characters other than`);
    expect(() => chains({ storage: { ociRepository: 's' } })).toThrow(`storage.ociRepository "s" ${NOT_READ}its repository "s" is not 2 to 255 characters long`);
    expect(dataOf({ storage: { ociRepository: 'myorg/sigs' } })['storage.oci.repository']).toBe('myorg/sigs');
  });

  // go-containerregistry v0.21.0's name.NewRepository, run here (Go 1.26), reads each of these as index.docker.io/library/sigs: a repository
  // without '/' on Docker Hub is put in `library`, and `docker.io` is rewritten to index.docker.io
  test('every spelling of a repository of Docker Hub\'s official images is refused, the registry written kept in the fix', () => {
    const read = (sigs: string) => `go-containerregistry's name.NewRepository, which Chains reads it with, reads it as "${sigs}", a repository of Docker Hub's official images, `
      + 'which only Docker pushes to';
    const give = (hub: string) => `Give storage.ociRepository as "${hub}<user>/sigs" for a Docker Hub user or organisation, or "<registry>/<path>/sigs" for another registry.`;
    expect(() => chains({ storage: { ociRepository: 'library/sigs' } })).toThrow(
      `ChainsConfig 'test/chains': storage.ociRepository "library/sigs" names "library", the namespace of Docker Hub's official images: ${read('index.docker.io/library/sigs')}`
        + `${FAILS}${give('')}`,
    );
    expect(() => chains({ storage: { ociRepository: 'docker.io/library/sigs' } })).toThrow(
      "ChainsConfig 'test/chains': storage.ociRepository \"docker.io/library/sigs\" names \"library\", the namespace of Docker Hub's official images: "
        + `${read('index.docker.io/library/sigs')}${FAILS}${give('docker.io/')}`,
    );
    expect(() => chains({ storage: { ociRepository: 'docker.io/sigs' } })).toThrow(
      "ChainsConfig 'test/chains': storage.ociRepository \"docker.io/sigs\" names Docker Hub (docker.io) but no user or organisation on it: "
        + `${read('index.docker.io/library/sigs')}${FAILS}${give('docker.io/')}`,
    );
    expect(() => chains({ storage: { ociRepository: 'index.docker.io/sigs' } })).toThrow(
      "ChainsConfig 'test/chains': storage.ociRepository \"index.docker.io/sigs\" names Docker Hub (index.docker.io) but no user or organisation on it: "
        + `${read('index.docker.io/library/sigs')}${FAILS}${give('index.docker.io/')}`,
    );
    // Docker Hub's API host is kept as written, and its `library` is the same namespace
    expect(() => chains({ storage: { ociRepository: 'registry-1.docker.io/library/sigs' } })).toThrow(
      "storage.ociRepository \"registry-1.docker.io/library/sigs\" names \"library\", the namespace of Docker Hub's official images: "
        + `${read('registry-1.docker.io/library/sigs')}${FAILS}${give('registry-1.docker.io/')}`,
    );
    // in upper case, refused for that, with the fix that leaves Docker Hub's official images
    expect(() => chains({ storage: { ociRepository: 'Library/Sigs' } })).toThrow(`storage.ociRepository "Library/Sigs" ${NOT_READ}its repository "Library/Sigs" holds characters other than`);
    expect(() => chains({ storage: { ociRepository: 'Library/Sigs' } })).toThrow(`${FAILS}${give('')}`);
    // a user's or an organisation's repository on Docker Hub, and a `library` path on another registry, are written as given
    for (const ociRepository of ['docker.io/myorg/sigs', 'index.docker.io/myorg/library', 'myorg/library', 'ghcr.io/library/sigs', 'localhost/library/sigs']) {
      expect(dataOf({ storage: { ociRepository } })['storage.oci.repository']).toBe(ociRepository);
    }
  });

  test('a scheme and an empty segment parse, but as no repository any registry has', () => {
    expect(() => chains({ storage: { ociRepository: 'https://registry.example.com/signatures' } })).toThrow(
      "ChainsConfig 'test/chains': storage.ociRepository \"https://registry.example.com/signatures\" has a scheme: go-containerregistry's name.NewRepository, "
        + `which Chains reads it with, takes "https:" for the registry${FAILS}Give storage: { ociRepository: 'registry.example.com/signatures' } (${FORM}).`,
    );
    expect(() => chains({ storage: { ociRepository: 'registry.example.com/signatures/' } })).toThrow(
      "ChainsConfig 'test/chains': storage.ociRepository \"registry.example.com/signatures/\" has an empty path segment (\"//\", or a '/' at the start or end of "
        + `"signatures/"), which no registry accepts in a repository name${FAILS}Give storage: { ociRepository: 'registry.example.com/signatures' } (${FORM}).`,
    );
  });

  test('user info before the registry is taken out of the fix, not the registry with it (the fix is no Docker Hub repository)', () => {
    for (const [ociRepository, meant] of [['user@reg.io/sigs', 'reg.io/sigs'], ['https://user@ghcr.io/org/sigs', 'ghcr.io/org/sigs'],
      ['u:p@ghcr.io/Org/sigs', 'ghcr.io/org/sigs'], ['ghcr.io/org/Sigs@sha256:abc', 'ghcr.io/org/sigs']]) {
      expect(() => chains({ storage: { ociRepository } })).toThrow(`${FAILS}Give storage: { ociRepository: '${meant}' } (${FORM}).`);
    }
  });

  test('a one-word repository with a tag or digest is no registry: its name is kept in the fix, not the digest\'s algorithm', () => {
    const chars = 'holds characters other than `abcdefghijklmnopqrstuvwxyz0123456789_-./` (no upper case, no :tag, no @digest)';
    const official = (word: string) => `Give storage.ociRepository as "<user>/${word}" for a Docker Hub user or organisation, or "<registry>/<path>/${word}" for another registry.`;
    expect(() => chains({ storage: { ociRepository: 'sigs@sha256:abcd' } })).toThrow(
      `ChainsConfig 'test/chains': storage.ociRepository "sigs@sha256:abcd" ${NOT_READ}its repository "sigs@sha256:abcd" ${chars}${FAILS}${official('sigs')}`,
    );
    expect(() => chains({ storage: { ociRepository: 'signatures:v1@sha256:abcd' } })).toThrow(
      `storage.ociRepository "signatures:v1@sha256:abcd" ${NOT_READ}its repository "signatures:v1@sha256:abcd" ${chars}${FAILS}${official('signatures')}`,
    );
    // a ':' followed by other than a port is a tag, not a registry's port
    expect(() => chains({ storage: { ociRepository: 'sigs:v1' } })).toThrow(
      `storage.ociRepository "sigs:v1" ${NOT_READ}its repository "sigs:v1" ${chars}${FAILS}${official('sigs')}`,
    );
    // user info alone before a registry is not offered back in the form
    expect(() => chains({ storage: { ociRepository: 'user@ghcr.io' } })).toThrow(
      `storage.ociRepository "user@ghcr.io" ${NOT_READ}its repository "user@ghcr.io" ${chars}${FAILS}Give storage.ociRepository as ${FORM}.`,
    );
    // with a path, the digest is taken out and the registry kept
    expect(() => chains({ storage: { ociRepository: 'ghcr.io/o/sigs@sha256:abcd' } })).toThrow(`${FAILS}Give storage: { ociRepository: 'ghcr.io/o/sigs' } (${FORM}).`);
  });

  test('repositories name.NewRepository reads are written as given: a registry in any case, localhost, an IPv6 address, Docker Hub', () => {
    for (const ociRepository of ['ghcr.io/myorg/signatures', 'Registry.Example/sigs', 'localhost/sigs', 'myorg/signatures']) {
      expect(dataOf({ storage: { ociRepository } })['storage.oci.repository']).toBe(ociRepository);
    }
    // a loopback registry is reached over http (CHAINS_SECURE_STORAGE), but its name is one Chains reads
    for (const ociRepository of ['localhost:5000/sigs', '[::1]:5000/sigs']) {
      expect(dataOf({ storage: { ociRepository }, relaxations: [{ rule: RuleId.CHAINS_SECURE_STORAGE, reason: 'local registry' }] })['storage.oci.repository']).toBe(ociRepository);
    }
  });

  test('a gs:// URL or an upper-case name is no bucket: Chains passes it to the storage client as the bucket', () => {
    expect(() => chains({ taskRuns: { storage: [ChainsStorageBackend.GCS] }, storage: { gcsBucket: 'gs://provenance' } })).toThrow(
      "ChainsConfig 'test/chains': storage.gcsBucket \"gs://provenance\" is not a Cloud Storage bucket name (only lower-case letters, digits, '-', '_' and '.'; no gs:// "
        + 'and no path): Chains passes it to the storage client as the bucket, so every store there fails and Chains keeps no signature or attestation [VALID_SPEC]. '
        + "Give storage: { gcsBucket: 'provenance' } (the bucket name alone, in lower case).",
    );
    expect(() => chains({ storage: { gcsBucket: 'Prov/enance' } })).toThrow(
      "storage.gcsBucket \"Prov/enance\" is not a Cloud Storage bucket name (only lower-case letters, digits, '-', '_' and '.'; no gs:// and no path)",
    );
    expect(dataOf({ taskRuns: { storage: [ChainsStorageBackend.GCS] }, storage: { gcsBucket: 'my-provenance.example_1' } })['storage.gcs.bucket']).toBe('my-provenance.example_1');
  });

  test('a name Cloud Storage gives no bucket (length, first or last character, an IP address, goog): refused, as every store would fail', () => {
    const tail = ': Chains passes it to the storage client as the bucket, so every store there fails and Chains keeps no signature or attestation [VALID_SPEC]. ';
    const form = "Give storage.gcsBucket as the bucket name alone: 3 to 63 of lower-case letters, digits, '-', '_' and '.' (up to 222 with dots, each "
      + 'dot-separated part 1 to 63), starting and ending with a letter or digit.';
    expect(() => chains({ taskRuns: { storage: [ChainsStorageBackend.GCS] }, storage: { gcsBucket: 'b' } })).toThrow(
      "ChainsConfig 'test/chains': storage.gcsBucket \"b\" is not a Cloud Storage bucket name: it is 1 characters long, and a bucket name has 3 to 63 "
        + `(up to 222 with dots, each dot-separated part 1 to 63)${tail}${form}`,
    );
    const long = 'a'.repeat(64);
    expect(() => chains({ storage: { gcsBucket: long } })).toThrow(`storage.gcsBucket "${long}" is not a Cloud Storage bucket name: it is 64 characters long,`);
    expect(() => chains({ storage: { gcsBucket: `x.${long}` } })).toThrow(`storage.gcsBucket "x.${long}" is not a Cloud Storage bucket name: its part "${long}" is 64 characters long,`);
    expect(() => chains({ storage: { gcsBucket: `${'a'.repeat(60)}.`.repeat(4) + 'abc' } })).toThrow('is not a Cloud Storage bucket name: it is 247 characters long,');
    expect(() => chains({ storage: { gcsBucket: '_provenance' } })).toThrow(
      `storage.gcsBucket "_provenance" is not a Cloud Storage bucket name: it starts with "_", and a bucket name starts and ends with a letter or digit${tail}${form}`,
    );
    expect(() => chains({ storage: { gcsBucket: 'provenance-' } })).toThrow('"provenance-" is not a Cloud Storage bucket name: it ends with "-", and a bucket name starts');
    // an empty dot-separated part: inside, or at either end
    expect(() => chains({ storage: { gcsBucket: 'prov..enance' } })).toThrow(
      'storage.gcsBucket "prov..enance" is not a Cloud Storage bucket name: it holds "..", an empty dot-separated part, and each part of a bucket name has 1 to 63 '
        + `characters${tail}${form}`,
    );
    expect(() => chains({ storage: { gcsBucket: 'a..b' } })).toThrow('storage.gcsBucket "a..b" is not a Cloud Storage bucket name: it holds "..", an empty dot-separated part,');
    expect(() => chains({ storage: { gcsBucket: '.abc' } })).toThrow('storage.gcsBucket ".abc" is not a Cloud Storage bucket name: it starts with ".", and a bucket name starts');
    expect(() => chains({ storage: { gcsBucket: 'abc.' } })).toThrow('storage.gcsBucket "abc." is not a Cloud Storage bucket name: it ends with ".", and a bucket name starts');
    expect(() => chains({ storage: { gcsBucket: '.a' } })).toThrow('storage.gcsBucket ".a" is not a Cloud Storage bucket name: it is 2 characters long');
    expect(() => chains({ storage: { gcsBucket: '192.168.5.4' } })).toThrow('"192.168.5.4" is not a Cloud Storage bucket name: it is an IP address in dotted-decimal form: Chains');
    expect(() => chains({ storage: { gcsBucket: 'goog-provenance' } })).toThrow('"goog-provenance" is not a Cloud Storage bucket name: it begins with "goog", which Cloud Storage reserves: Chains');
    expect(() => chains({ storage: { gcsBucket: 'my-google-sigs' } })).toThrow('"my-google-sigs" is not a Cloud Storage bucket name: it holds "google", which Cloud Storage reserves: Chains');
    // "nor close misspellings, such as "g00gle"" (Cloud Storage's naming rules): a digit for the letter of "google" it looks like
    expect(() => chains({ storage: { gcsBucket: 'my-g00gle-sigs' } })).toThrow(
      `ChainsConfig 'test/chains': storage.gcsBucket "my-g00gle-sigs" is not a Cloud Storage bucket name: it holds "g00gle", which Cloud Storage reserves as a close misspelling of "google"${tail}${form}`,
    );
    for (const [gcsBucket, held] of [['go0gle', 'go0gle'], ['sigs.goog1e.example', 'goog1e'], ['a-googl3', 'googl3']]) {
      expect(() => chains({ storage: { gcsBucket } })).toThrow(`storage.gcsBucket "${gcsBucket}" is not a Cloud Storage bucket name: it holds "${held}", which Cloud Storage reserves`);
    }
    // the value meant is given when the bucket alone, in lower case, is a bucket name
    expect(() => chains({ storage: { gcsBucket: 'gs://ab' } })).toThrow('Give storage.gcsBucket as the bucket name alone: 3 to 63');
    expect(() => chains({ storage: { gcsBucket: 'gs://ab/c' } })).toThrow('storage.gcsBucket "gs://ab/c" is not a Cloud Storage bucket name (only lower-case');
    // the bounds, dotted names, '_' and '-' inside, and a dotted name that is no IP address are bucket names
    for (const gcsBucket of ['abc', 'a'.repeat(63), `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(30)}`, 'a_b-c', '1.2.3.4.5', '256.1.1.1', 'my.goo.gle', 'g00d-gl0be']) {
      expect(dataOf({ taskRuns: { storage: [ChainsStorageBackend.GCS] }, storage: { gcsBucket } })['storage.gcs.bucket']).toBe(gcsBucket);
    }
  });

  test('in additionalSettings, the same values are refused by CHAINS_KNOWN_KEYS in the words of the key', () => {
    expect(() => chains({ additionalSettings: { 'storage.oci.repository': 'ghcr.io/MyOrg/signatures' } })).toThrow(
      `data['storage.oci.repository'] "ghcr.io/MyOrg/signatures" ${NOT_READ}its repository "MyOrg/signatures" holds characters other than `,
    );
  });
});
