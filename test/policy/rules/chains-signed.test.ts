import { chainsConfig, describeRule, HARDENED_CHAINS_DATA, operatorChain, operatorConfig } from './fixtures';
import { RuleCatalogue, RuleId, Severity } from '../../../src';
import { CHAINS_SIGNED } from '../../../src/policy/rules/chains-signed';

/** [rule, property, value, problem] of each finding. */
const summary = (findings: ReturnType<typeof RuleCatalogue.check>) => findings.map((f) => [f.rule, f.property, f.value, f.problem]);
const unsigned = (type: string, value: string) => ({
  rule: RuleId.CHAINS_SIGNED,
  kind: 'ConfigMap',
  name: 'chains-config',
  property: `data['artifacts.${type}.signer']`,
  value,
  problem: 'does not sign with x509 or kms',
});

describe('CHAINS_SIGNED', () => {
  describeRule(CHAINS_SIGNED, RuleId.CHAINS_SIGNED, Severity.HIGH, true);

  test('applies to chains-config only', () => {
    expect(CHAINS_SIGNED.appliesTo(chainsConfig({}))).toBe(true);
    // an empty or null namespace is none: applied with -n tekton-chains, it is the live configuration
    expect(CHAINS_SIGNED.appliesTo(chainsConfig({ 'artifacts.oci.signer': 'none' }, { namespace: '' }))).toBe(true);
    expect(CHAINS_SIGNED.check(chainsConfig({ 'artifacts.oci.signer': 'none' }, { namespace: null })).length).toBeGreaterThan(0);
    // of another namespace, read only where an operator checked with it installs Chains there
    expect(CHAINS_SIGNED.check(chainsConfig({ 'artifacts.oci.signer': 'none' }, { namespace: 'ci' }))).toEqual([]);
  });

  test('compliant: x509, kms, or no signer key (Chains defaults to x509)', () => {
    expect(CHAINS_SIGNED.check(chainsConfig({ 'artifacts.taskrun.signer': 'x509', 'artifacts.oci.signer': 'kms', 'signers.kms.kmsref': 'gcpkms://projects/p/locations/l/keyRings/r/cryptoKeys/k' }))).toEqual([]);
    expect(CHAINS_SIGNED.check(chainsConfig({}))).toEqual([]);
    expect(CHAINS_SIGNED.check(chainsConfig(HARDENED_CHAINS_DATA))).toEqual([]);
  });

  test('non-compliant: signer none', () => {
    expect(CHAINS_SIGNED.check(chainsConfig({ ...HARDENED_CHAINS_DATA, 'artifacts.pipelinerun.signer': 'none' }))).toEqual([unsigned('pipelinerun', 'none')]);
  });

  test('non-compliant: a signer Chains does not know fails closed', () => {
    expect(summary(CHAINS_SIGNED.check(chainsConfig({ 'artifacts.oci.signer': 'X509' })))).toEqual([
      [RuleId.CHAINS_SIGNED, "data['artifacts.oci.signer']", 'X509', 'does not sign with x509 or kms'],
    ]);
  });

  test('non-compliant: every artifact type on its own, an empty signer too', () => {
    expect(CHAINS_SIGNED.check(chainsConfig({ 'artifacts.taskrun.signer': 'none', 'artifacts.pipelinerun.signer': '', 'artifacts.oci.signer': 'None' }))).toEqual([
      unsigned('taskrun', 'none'),
      unsigned('pipelinerun', ''),
      unsigned('oci', 'None'),
    ]);
  });
  test('non-compliant: a storage written empty turns its artifact type off; kms without a usable kmsref signs nothing', () => {
    const off = (type: string, value: string) => ({
      rule: RuleId.CHAINS_SIGNED,
      kind: 'ConfigMap',
      name: 'chains-config',
      property: `data['artifacts.${type}.storage']`,
      value,
      problem: 'is empty, which turns this artifact type off: Chains neither signs nor stores it',
      fix: 'Name where it is stored (e.g. "oci" or "tekton"), or leave the key out for Chains\' default.',
    });
    expect(CHAINS_SIGNED.check(chainsConfig({ 'artifacts.taskrun.storage': '', 'artifacts.oci.storage': 'oci', 'artifacts.pipelinerun.storage': 'tekton' }))).toEqual([
      off('taskrun', ''),
    ]);
    // a list of nothing but spaces or commas turns nothing off: Chains refuses the whole configuration (CHAINS_KNOWN_KEYS' finding)
    for (const value of [' ', ',', ' , ']) expect(CHAINS_SIGNED.check(chainsConfig({ 'artifacts.oci.storage': value }))).toEqual([]);
    // a null is stored as "" (CHAINS_KNOWN_KEYS reports that a client-side kubectl apply over the installed chains-config would remove the key instead)
    expect(CHAINS_SIGNED.check(chainsConfig({ 'artifacts.oci.storage': null } as any))).toEqual([off('oci', '')]);
    const kms = (value: string | undefined, problem: string) => ({
      rule: RuleId.CHAINS_SIGNED,
      kind: 'ConfigMap',
      name: 'chains-config',
      property: "data['signers.kms.kmsref']",
      ...(value !== undefined ? { value } : {}),
      problem,
      fix: "Set signers.kms.kmsref to the key's reference: gcpkms://projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>, awskms:///<key id, alias/<name> or ARN>, azurekms://<vault>/<key>, or hashivault://<transit key name> (openbao:// too).",
    });
    expect(CHAINS_SIGNED.check(chainsConfig({ 'artifacts.oci.signer': 'kms' }))).toEqual([
      kms(undefined, 'is missing, though an artifact type signs with kms: Chains leaves the kms signer out and signs nothing with it'),
    ]);
    expect(CHAINS_SIGNED.check(chainsConfig({ 'artifacts.taskrun.signer': 'kms', 'signers.kms.kmsref': 'projects/p/locations/global/keyRings/r/cryptoKeys/k' }))).toEqual([
      kms('projects/p/locations/global/keyRings/r/cryptoKeys/k', 'is not a key reference sigstore accepts (gcpkms://projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>, awskms:///<key id, alias/<name> or ARN>, azurekms://<vault>/<key>, or hashivault://<transit key name> (openbao:// too)), though an artifact type signs with kms: Chains leaves the kms signer out and signs nothing with it'),
    ]);
    // a known scheme in a shape its provider refuses (a Vault transit key is a name, not a path)
    for (const ref of ['hashivault://transit/keys/chains', 'gcpkms://chains-key']) {
      expect(CHAINS_SIGNED.check(chainsConfig({ 'artifacts.taskrun.signer': 'kms', 'signers.kms.kmsref': ref })).map((f) => f.value)).toEqual([ref]);
    }
    expect(CHAINS_SIGNED.check(chainsConfig({ 'artifacts.taskrun.signer': 'kms', 'signers.kms.kmsref': 'openbao://chains' }))).toEqual([]);
    // no kms signer: the kmsref is not read
    expect(CHAINS_SIGNED.check(chainsConfig({ 'signers.kms.kmsref': 'x' }))).toEqual([]);
  });

  test('non-compliant: a Fulcio provider Chains does not register', () => {
    const problem = 'is not a provider Chains registers (spiffe, github-actions, google-workload-identity, google-impersonate, buildkite-agent, '
      + 'envvar, filesystem, filesystem-custom-path): it gets no identity token for Fulcio, so Chains cannot build its x509 signer, leaves it out '
      + 'and signs nothing with it, yet marks every run signed';
    expect(CHAINS_SIGNED.check(chainsConfig({ 'signers.x509.fulcio.enabled': 'true', 'signers.x509.fulcio.provider': 'github' }))).toEqual([{
      rule: RuleId.CHAINS_SIGNED,
      kind: 'ConfigMap',
      name: 'chains-config',
      property: "data['signers.x509.fulcio.provider']",
      value: 'github',
      problem,
      fix: 'Name a registered provider (GitHub Actions is github-actions, Google google-workload-identity or google-impersonate), '
        + 'or leave signers.x509.fulcio.provider out to try each.',
    }]);
    // the operator's webhook accepts google, github, spiffe and filesystem
    expect(summary(CHAINS_SIGNED.check(operatorConfig({ 'signers.x509.fulcio.enabled': true, 'signers.x509.fulcio.provider': 'google' })))).toEqual([
      [RuleId.CHAINS_SIGNED, "spec.chain['signers.x509.fulcio.provider']", 'google', problem],
    ]);
    // a registered provider, "" (each is tried), Fulcio off (ParseBool), or no type signing with x509
    expect(CHAINS_SIGNED.check(chainsConfig({ 'signers.x509.fulcio.enabled': 'true', 'signers.x509.fulcio.provider': 'google-workload-identity' }))).toEqual([]);
    expect(CHAINS_SIGNED.check(chainsConfig({ 'signers.x509.fulcio.enabled': 'true', 'signers.x509.fulcio.provider': '' }))).toEqual([]);
    expect(CHAINS_SIGNED.check(chainsConfig({ 'signers.x509.fulcio.enabled': 'yes', 'signers.x509.fulcio.provider': 'github' }))).toEqual([]);
    const kms = { 'signers.kms.kmsref': 'gcpkms://projects/p/locations/l/keyRings/r/cryptoKeys/k', 'artifacts.taskrun.signer': 'kms', 'artifacts.pipelinerun.signer': 'kms', 'artifacts.oci.signer': 'kms' };
    expect(CHAINS_SIGNED.check(chainsConfig({ ...kms, 'signers.x509.fulcio.enabled': 'T', 'signers.x509.fulcio.provider': 'github' }))).toEqual([]);
    expect(summary(CHAINS_SIGNED.check(chainsConfig({ ...kms, 'artifacts.oci.signer': 'x509', 'signers.x509.fulcio.enabled': 'T', 'signers.x509.fulcio.provider': 'github' }))).map((f) => f[1]))
      .toEqual(["data['signers.x509.fulcio.provider']"]);
  });

  test('non-compliant: a storage that names kafka, which Chains accepts but starts no backend for', () => {
    const problem = 'names kafka, where Chains v0.29 starts no storage backend for it (its pubsub backend is named pubsub, which no storage key '
      + 'accepts): storing there always fails, so Chains stores nothing there, skips the artifact types it would sign after this one for the '
      + "run (a TaskRun's images come after its attestation) and never marks the run signed";
    expect(CHAINS_SIGNED.check(chainsConfig({ ...HARDENED_CHAINS_DATA, 'artifacts.taskrun.storage': 'tekton, kafka' }))).toEqual([{
      rule: RuleId.CHAINS_SIGNED,
      kind: 'ConfigMap',
      name: 'chains-config',
      property: "data['artifacts.taskrun.storage']",
      value: 'tekton, kafka',
      problem,
      fix: 'Remove kafka from artifacts.taskrun.storage and name where it is stored (e.g. "oci" or "tekton").',
    }]);
    expect(summary(CHAINS_SIGNED.check(chainsConfig({ 'artifacts.oci.storage': 'kafka' })))).toEqual([
      [RuleId.CHAINS_SIGNED, "data['artifacts.oci.storage']", 'kafka', problem],
    ]);
    // the operator accepts kafka in its typed storage fields and writes it into chains-config
    expect(summary(CHAINS_SIGNED.check(operatorConfig({ 'artifacts.taskrun.storage': 'kafka' })))).toEqual([
      [RuleId.CHAINS_SIGNED, "spec.chain['artifacts.taskrun.storage']", 'kafka', problem],
    ]);
    // a type whose signer is none is off: it stores nothing anywhere (the signer's own finding)
    expect(summary(CHAINS_SIGNED.check(chainsConfig({ 'artifacts.oci.signer': 'none', 'artifacts.oci.storage': 'kafka' })))).toEqual([
      [RuleId.CHAINS_SIGNED, "data['artifacts.oci.signer']", 'none', 'does not sign with x509 or kms'],
    ]);
  });

  test('non-compliant: grafeas without a project, gcs without a bucket', () => {
    const finding = (key: string, value: string | undefined, backend: string, what: string) => ({
      rule: RuleId.CHAINS_SIGNED,
      kind: 'ConfigMap',
      name: 'chains-config',
      property: `data['${key}']`,
      ...(value !== undefined ? { value } : {}),
      problem: `is ${value === undefined ? 'missing' : 'empty'}, though an artifact type is stored in ${backend}: every write there fails, so Chains `
        + 'stores nothing there, skips the artifact types it would sign after that one for the run and never marks the run signed',
      fix: `Set ${key} to ${what}, or remove ${backend} from the artifacts' storage.`,
    });
    expect(CHAINS_SIGNED.check(chainsConfig({ 'artifacts.taskrun.storage': 'tekton, grafeas' }))).toEqual([
      finding('storage.grafeas.projectid', undefined, 'grafeas', 'the Google Cloud project of the Container Analysis notes'),
    ]);
    expect(CHAINS_SIGNED.check(chainsConfig({ 'artifacts.pipelinerun.storage': 'gcs', 'storage.gcs.bucket': '' }))).toEqual([
      finding('storage.gcs.bucket', '', 'gcs', 'the GCS bucket'),
    ]);
    expect(summary(CHAINS_SIGNED.check(operatorConfig({ 'artifacts.oci.storage': 'grafeas' }))).map((f) => f[1])).toEqual(["spec.chain['storage.grafeas.projectid']"]);
    // set, or the type is off
    expect(CHAINS_SIGNED.check(chainsConfig({ 'artifacts.taskrun.storage': 'grafeas', 'storage.grafeas.projectid': 'p', 'artifacts.oci.storage': 'gcs', 'storage.gcs.bucket': 'b' }))).toEqual([]);
    expect(summary(CHAINS_SIGNED.check(chainsConfig({ 'artifacts.taskrun.signer': 'none', 'artifacts.taskrun.storage': 'gcs' }))).map((f) => f[1]))
      .toEqual(["data['artifacts.taskrun.signer']"]);
  });

  test('non-compliant: a kms signer whose signers.kms.auth.address Go cannot parse, which Chains cannot build', () => {
    const kms = { 'artifacts.oci.signer': 'kms', 'signers.kms.kmsref': 'hashivault://chains' };
    for (const address of ['https://vault.example.com:8200:443', ' https://vault.example.com:8200', 'https://vault.example.com/%zz']) {
      expect(CHAINS_SIGNED.check(chainsConfig({ ...kms, 'signers.kms.auth.address': address }))).toEqual([{
        rule: RuleId.CHAINS_SIGNED,
        kind: 'ConfigMap',
        name: 'chains-config',
        property: "data['signers.kms.auth.address']",
        value: address,
        problem: "is not a URL Go's url.Parse reads (Chains v0.29.2 is built with Go 1.26), though an artifact type signs with kms: "
          + 'Chains cannot build its kms signer, leaves it out and signs nothing with it, yet marks every run signed',
        fix: 'Write the Vault address as an https:// URL without spaces and with one port (https://vault.example.com:8200), or leave it out.',
      }]);
    }
    // parsed (whether it answers is not seen), unset or "" (not read), or no type signs with kms
    for (const address of ['https://vault.example.com:8200', 'vault.example.com:8200', '']) {
      expect(CHAINS_SIGNED.check(chainsConfig({ ...kms, 'signers.kms.auth.address': address }))).toEqual([]);
    }
    expect(CHAINS_SIGNED.check(chainsConfig({ 'signers.kms.auth.address': 'https://vault.example.com:8200:443' }))).toEqual([]);
  });

  test('non-compliant: signing through Fulcio with a TUF mirror Chains cannot fetch its root from', () => {
    const fulcio = { 'signers.x509.fulcio.enabled': 'true' };
    for (const mirror of [' https://tuf.example.com', 'https://tuf.example.com/%zz', 'https://tuf.example.com:443:443', 'tuf.example.com', 'https:///tuf', '']) {
      expect(CHAINS_SIGNED.check(chainsConfig({ ...fulcio, 'signers.x509.tuf.mirror.url': mirror }))).toEqual([{
        rule: RuleId.CHAINS_SIGNED,
        kind: 'ConfigMap',
        name: 'chains-config',
        property: "data['signers.x509.tuf.mirror.url']",
        value: mirror,
        problem: "is not a URL Chains can fetch the TUF root from (an http or https URL with a host that Go's url.Parse reads), though it signs "
          + 'through Fulcio (signers.x509.fulcio.enabled true): Chains cannot build its x509 signer, leaves it out and signs nothing with it, yet marks every run signed',
        fix: "Write the TUF mirror as an https:// URL without spaces, or leave signers.x509.tuf.mirror.url out for sigstore's (https://tuf-repo-cdn.sigstore.dev).",
      }]);
    }
    // a URL Chains can fetch, sigstore's own (not fetched), no Fulcio, or no type signing with x509
    expect(CHAINS_SIGNED.check(chainsConfig({ ...fulcio, 'signers.x509.tuf.mirror.url': 'https://tuf.example.com' }))).toEqual([]);
    expect(CHAINS_SIGNED.check(chainsConfig({ ...fulcio, 'signers.x509.tuf.mirror.url': 'https://tuf-repo-cdn.sigstore.dev' }))).toEqual([]);
    expect(CHAINS_SIGNED.check(chainsConfig({ 'signers.x509.tuf.mirror.url': ' https://tuf.example.com' }))).toEqual([]);
    const kmsOnly = { 'artifacts.taskrun.signer': 'kms', 'artifacts.pipelinerun.signer': 'kms', 'artifacts.oci.signer': 'kms', 'signers.kms.kmsref': 'hashivault://chains' };
    expect(CHAINS_SIGNED.check(chainsConfig({ ...kmsOnly, ...fulcio, 'signers.x509.tuf.mirror.url': ' https://tuf.example.com' }))).toEqual([]);
  });

  test('non-compliant: OCI signatures stored in archivista, which takes only DSSE envelopes', () => {
    expect(CHAINS_SIGNED.check(chainsConfig({ 'artifacts.oci.storage': 'oci,archivista', 'storage.archivista.url': 'https://archivista.example.com' }))).toEqual([{
      rule: RuleId.CHAINS_SIGNED,
      kind: 'ConfigMap',
      name: 'chains-config',
      property: "data['artifacts.oci.storage']",
      value: 'oci,archivista',
      problem: 'names archivista, where Archivista takes only DSSE envelopes, and Chains signs images in simplesigning, which it does not wrap in one: '
        + 'storing there always fails, so Chains stores nothing there, skips the artifact types it would sign after this one for the '
        + "run (a TaskRun's images come after its attestation) and never marks the run signed",
      fix: 'Remove archivista from artifacts.oci.storage and name where it is stored (e.g. "oci" or "tekton").',
    }]);
    // attestations are DSSE envelopes: archivista stores them
    expect(CHAINS_SIGNED.check(chainsConfig({ 'artifacts.taskrun.storage': 'archivista', 'artifacts.pipelinerun.storage': 'archivista', 'storage.archivista.url': 'https://archivista.example.com' }))).toEqual([]);
  });

  test('non-compliant: a storage backend Chains cannot start leaves it with none at all', () => {
    const ARCHIVISTA_URL = "the Archivista server's URL, written without spaces around it, with %-escapes of two hex digits and at most one port";
    const finding = (key: string, value: string | undefined, backend: string, what: string, why = 'is missing') => ({
      rule: RuleId.CHAINS_SIGNED,
      kind: 'ConfigMap',
      name: 'chains-config',
      property: `data['${key}']`,
      ...(value !== undefined ? { value } : {}),
      problem: `${why}, though an artifact type is stored in ${backend}: Chains cannot start that `
        + 'backend and is then left with none (tekton and oci included), so it stores nothing and marks no run signed',
      fix: `Set ${key} to ${what}, or remove ${backend} from the artifacts' storage.`,
    });
    expect(CHAINS_SIGNED.check(chainsConfig({ 'artifacts.pipelinerun.storage': 'tekton,archivista' }))).toEqual([
      finding('storage.archivista.url', undefined, 'archivista', ARCHIVISTA_URL),
    ]);
    expect(CHAINS_SIGNED.check(chainsConfig({ 'artifacts.taskrun.storage': 'docdb', 'storage.docdb.url': 'chains/provenance' }))).toEqual([
      finding('storage.docdb.url', 'chains/provenance', 'docdb', 'the collection URL (mongo://, firestore:// or dynamodb://)', 'is not a mongo://, firestore:// or dynamodb:// URL'),
    ]);
    // archivista's client parses the URL with Go's url.Parse (Go 1.26): a space, a bad escape or two colons in the host fail it
    for (const url of [' https://archivista.example.com', 'https://archivista.example.com/%zz', 'https://archivista.example.com:8080:443']) {
      expect(CHAINS_SIGNED.check(chainsConfig({ 'artifacts.pipelinerun.storage': 'archivista', 'storage.archivista.url': url }))).toEqual([
        finding('storage.archivista.url', url, 'archivista', ARCHIVISTA_URL, "is not a URL Go's url.Parse reads (Chains v0.29.2 is built with Go 1.26)"),
      ]);
    }
    expect(CHAINS_SIGNED.check(chainsConfig({ 'artifacts.pipelinerun.storage': 'archivista', 'storage.archivista.url': 'https://archivista.example.com:8080' }))).toEqual([]);
    // (image signatures in archivista fail to store anyway: their own finding)
    expect(CHAINS_SIGNED.check(chainsConfig({ 'artifacts.oci.storage': 'archivista', 'storage.archivista.url': '  ' })).map((f) => f.value)).toEqual(['  ', 'archivista']);
    expect(CHAINS_SIGNED.check(chainsConfig({ 'artifacts.taskrun.storage': 'archivista', 'storage.archivista.url': '  ' }))).toEqual([
      finding('storage.archivista.url', '  ', 'archivista', ARCHIVISTA_URL, 'is blank'),
    ]);
    expect(CHAINS_SIGNED.check(chainsConfig({ 'artifacts.taskrun.storage': 'docdb', 'storage.docdb.url': 'https://db.example.com/c' })).map((f) => f.value))
      .toEqual(['https://db.example.com/c']);
    // a type whose signer is none is off: its backends are not started
    expect(CHAINS_SIGNED.check(chainsConfig({ 'artifacts.pipelinerun.signer': 'none', 'artifacts.pipelinerun.storage': 'archivista' })).map((f) => f.property))
      .toEqual(["data['artifacts.pipelinerun.signer']"]);
    // set as the backend needs it
    expect(CHAINS_SIGNED.check(chainsConfig({ 'artifacts.pipelinerun.storage': 'archivista', 'storage.archivista.url': 'https://archivista.example.com' }))).toEqual([]);
    expect(CHAINS_SIGNED.check(chainsConfig({ 'artifacts.taskrun.storage': 'docdb', 'storage.docdb.url': 'mongo://chains/provenance' }))).toEqual([]);
  });

  test('non-compliant: keyless through the public-good Fulcio with a provider it never certifies from a cluster signs nothing with x509', () => {
    const FIX = 'Point signers.x509.fulcio.address and signers.x509.fulcio.issuer at a private Fulcio whose configuration has a spiffe issuer '
      + 'for your SPIRE trust domain (provider spiffe), or use a provider the public Fulcio accepts from a cluster '
      + "(google-workload-identity, or filesystem with a managed cluster's service account token).";
    const SPIFFE_WHY = 'it trusts no SPIFFE issuer and refuses the SPIRE JWT-SVID the controller presents';
    const GITHUB_WHY = "the controller's pod has no GitHub Actions token to present (cosign's github-actions provider needs the "
      + 'ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN of a GitHub Actions runner)';
    const finding = (value: string, at: string, why: string) => ({
      rule: RuleId.CHAINS_SIGNED,
      kind: 'ConfigMap',
      name: 'chains-config',
      property: "data['signers.x509.fulcio.provider']",
      value,
      problem: `gets no certificate from the public-good Fulcio (${at}): ${why}, so Chains cannot build its x509 signer, `
        + 'leaves it out and signs nothing with it, yet marks every run signed',
      fix: FIX,
    });
    const keyless = { 'signers.x509.fulcio.enabled': 'true', 'signers.x509.fulcio.address': 'https://fulcio.sigstore.dev' };
    expect(CHAINS_SIGNED.check(chainsConfig({ ...keyless, 'signers.x509.fulcio.provider': 'spiffe' }))).toEqual([
      finding('spiffe', 'signers.x509.fulcio.address https://fulcio.sigstore.dev', SPIFFE_WHY),
    ]);
    // the address unset is Chains' default, the public-good Fulcio; ParseBool reads "1" as true
    expect(CHAINS_SIGNED.check(chainsConfig({ 'signers.x509.fulcio.enabled': '1', 'signers.x509.fulcio.provider': 'github-actions' }))).toEqual([
      finding('github-actions', "https://fulcio.sigstore.dev, Chains' default as signers.x509.fulcio.address is not set", GITHUB_WHY),
    ]);
    expect(CHAINS_SIGNED.check(chainsConfig({ ...keyless, 'signers.x509.fulcio.address': 'https://Fulcio.sigstore.dev:443/', 'signers.x509.fulcio.provider': 'spiffe' }))
      .map((f) => f.value)).toEqual(['spiffe']);
    // compliant: a private Fulcio, a provider the public one accepts, Fulcio off, or no artifact type signed with x509
    const spiffe = { 'signers.x509.fulcio.provider': 'spiffe' };
    expect(CHAINS_SIGNED.check(chainsConfig({ ...keyless, ...spiffe, 'signers.x509.fulcio.address': 'https://fulcio.example.internal' }))).toEqual([]);
    expect(CHAINS_SIGNED.check(chainsConfig({ ...keyless, 'signers.x509.fulcio.provider': 'google-workload-identity' }))).toEqual([]);
    expect(CHAINS_SIGNED.check(chainsConfig({ ...keyless, ...spiffe, 'signers.x509.fulcio.enabled': 'false' }))).toEqual([]);
    const kms = 'gcpkms://projects/p/locations/l/keyRings/r/cryptoKeys/k';
    expect(CHAINS_SIGNED.check(chainsConfig({
      ...keyless, ...spiffe, 'artifacts.taskrun.signer': 'kms', 'artifacts.pipelinerun.signer': 'kms', 'artifacts.oci.signer': 'kms', 'signers.kms.kmsref': kms,
    }))).toEqual([]);
    // one type still signed with x509 (the default when the key is unset) is enough for the finding
    expect(CHAINS_SIGNED.check(chainsConfig({ ...keyless, ...spiffe, 'artifacts.taskrun.signer': 'kms', 'artifacts.oci.signer': 'kms', 'signers.kms.kmsref': kms }))
      .map((f) => f.value)).toEqual(['spiffe']);
  });
});

describe('CHAINS_SIGNED: the chains-config the Tekton operator writes', () => {
  test('compliant: nothing set (x509, every type stored in oci)', () => {
    expect(CHAINS_SIGNED.check(operatorConfig(undefined))).toEqual([]);
    expect(CHAINS_SIGNED.check(operatorChain({ disabled: true }))).toEqual([]);
  });

  test('a signer none, a storage written empty, a kms signer without a kmsref: at the fields', () => {
    // the operator's webhook refuses a signer none in the typed field (CHAINS_KNOWN_KEYS says so), not under options
    const chain = { 'artifacts.pipelinerun.storage': '', 'options': { configMaps: { 'chains-config': { data: { 'artifacts.oci.signer': 'none', 'artifacts.taskrun.signer': 'kms' } } } } };
    expect(CHAINS_SIGNED.check(operatorChain(chain))).toEqual([
      {
        rule: RuleId.CHAINS_SIGNED, kind: 'TektonChain', name: 'chain', property: "spec.options.configMaps['chains-config'].data['artifacts.oci.signer']", value: 'none', problem: 'does not sign with x509 or kms',
      },
      {
        rule: RuleId.CHAINS_SIGNED,
        kind: 'TektonChain',
        name: 'chain',
        property: "spec['artifacts.pipelinerun.storage']",
        value: '',
        problem: 'is empty, which turns this artifact type off: Chains neither signs nor stores it',
        fix: 'Name where it is stored (e.g. "oci" or "tekton"), or leave the key out for the operator\'s default, oci.',
      },
      {
        rule: RuleId.CHAINS_SIGNED,
        kind: 'TektonChain',
        name: 'chain',
        property: "spec['signers.kms.kmsref']",
        problem: 'is missing, though an artifact type signs with kms: Chains leaves the kms signer out and signs nothing with it',
        fix: 'Set signers.kms.kmsref to the key\'s reference: gcpkms://projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>, '
          + 'awskms:///<key id, alias/<name> or ARN>, azurekms://<vault>/<key>, or hashivault://<transit key name> (openbao:// too).',
      },
    ]);
  });

  test('a TektonConfig that installs no Chains: nothing is signed', () => {
    expect(CHAINS_SIGNED.check(operatorConfig({ 'disabled': true, 'transparency.enabled': 'true' }))).toEqual([{
      rule: RuleId.CHAINS_SIGNED,
      kind: 'TektonConfig',
      name: 'config',
      property: 'spec.chain.disabled',
      value: 'true',
      problem: 'turns Tekton Chains off: the operator removes its TektonChain, so nothing is signed',
      fix: 'Write disabled: false under spec.chain (or leave it out).',
    }]);
    expect(CHAINS_SIGNED.check(operatorConfig(undefined, { profile: 'lite' }))).toEqual([{
      rule: RuleId.CHAINS_SIGNED,
      kind: 'TektonConfig',
      name: 'config',
      property: 'spec.profile',
      value: 'lite',
      problem: 'installs no Tekton Chains (only the profiles all and basic do): the operator removes its TektonChain, so nothing is signed',
      fix: 'Set spec.profile to basic (or all), which install Tekton Chains.',
    }]);
  });

  test("a chains-config ConfigMap of the operator's target namespace: the keys its apply keeps unless kubectl apply created it", () => {
    const configMap = chainsConfig({ 'artifacts.oci.signer': 'none', 'artifacts.taskrun.storage': 'tekton' }, { namespace: 'tekton-pipelines' });
    const context = (...manifests: any[]) => ({ manifests, credentialWorkspaces: () => [] });
    // the operator writes each storage (its default oci), not the signers: artifacts.oci.signer stays, and Chains signs no image
    expect(CHAINS_SIGNED.check(configMap, context(configMap, operatorConfig({})))).toEqual([{
      rule: RuleId.CHAINS_SIGNED,
      kind: 'ConfigMap',
      name: 'chains-config',
      property: "data['artifacts.oci.signer']",
      value: 'none',
      problem: "does not sign with x509 or kms (reading chains-config with data['artifacts.oci.signer'] that ConfigMap 'chains-config' in tekton-pipelines "
        + "keeps beside what TektonConfig 'config' writes, unless kubectl apply created it)",
      fix: "Remove data['artifacts.oci.signer'] from this ConfigMap, which the operator's apply keeps unless kubectl apply created it; to set it, write it on "
        + "TektonConfig 'config' (the operator writes its chains-config over this ConfigMap).",
    }]);
    // a signer the operator writes takes its value either way; without the operator, a ConfigMap of another namespace is not read
    expect(CHAINS_SIGNED.check(configMap, context(configMap, operatorConfig({ 'artifacts.oci.signer': 'x509' })))).toEqual([]);
    expect(CHAINS_SIGNED.check(configMap, context(configMap))).toEqual([]);
    expect(CHAINS_SIGNED.check(configMap, context(configMap, operatorConfig({}, { targetNamespace: 'ci-tekton' })))).toEqual([]);
  });

  test('a chains-config ConfigMap without a namespace beside an explicit TektonConfig: judged as in the target namespace, where kubectl may apply it', () => {
    const configMap = chainsConfig({ 'artifacts.oci.signer': 'none', 'artifacts.taskrun.format': 'in-toto', 'artifacts.taskrun.signer': 'none' }, {});
    const context = (...manifests: any[]) => ({ manifests, credentialWorkspaces: () => [] });
    const kept = (property: string) => ({
      rule: RuleId.CHAINS_SIGNED,
      kind: 'ConfigMap',
      name: 'chains-config',
      property,
      value: 'none',
      problem: "does not sign with x509 or kms (reading chains-config with data['artifacts.oci.signer'], data['artifacts.taskrun.signer'] that ConfigMap "
        + "'chains-config' without a namespace keeps beside what TektonConfig 'config' writes, unless kubectl apply created it)",
      fix: `Remove ${property} from this ConfigMap, which the operator's apply keeps unless kubectl apply created it; to set it, write it on `
        + "TektonConfig 'config' (the operator writes its chains-config over this ConfigMap).",
    });
    // the operator writes the format (its default in-toto) and the storages; the signers it does not write stay, in that reading only
    expect(CHAINS_SIGNED.check(configMap, context(configMap, operatorConfig({})))).toEqual([kept("data['artifacts.taskrun.signer']"), kept("data['artifacts.oci.signer']")]);
    // signers the operator writes take its values in every reading: nothing of the ConfigMap reaches Chains that the rule judges
    expect(CHAINS_SIGNED.check(configMap, context(configMap, operatorConfig({ 'artifacts.oci.signer': 'x509', 'artifacts.taskrun.signer': 'x509' })))).toEqual([]);
    // an operator that applies its chains-config in another namespace: still the reading of a ConfigMap kubectl may apply there
    expect(CHAINS_SIGNED.check(configMap, context(configMap, operatorConfig({}, { targetNamespace: 'ci-tekton' }))).map((f) => f.property))
      .toEqual(["data['artifacts.taskrun.signer']", "data['artifacts.oci.signer']"]);
    // alone, or where the TektonConfig installs no Chains, it is the ConfigMap Chains of tekton-chains may read: judged on its own
    expect(CHAINS_SIGNED.check(configMap, context(configMap)).map((f) => f.problem)).toEqual(['does not sign with x509 or kms', 'does not sign with x509 or kms']);
    expect(CHAINS_SIGNED.check(configMap, context(configMap, operatorConfig({ disabled: true }))).map((f) => f.problem))
      .toEqual(['does not sign with x509 or kms', 'does not sign with x509 or kms']);
  });

  test("a chains-config ConfigMap of tekton-chains beside an operator that installs Chains elsewhere: judged, saying the operator's Chains does not read it", () => {
    const configMap = chainsConfig({ 'artifacts.oci.signer': 'none' });
    const context = (...manifests: any[]) => ({ manifests, credentialWorkspaces: () => [] });
    const unread = (installed: string) => ({
      rule: RuleId.CHAINS_SIGNED,
      kind: 'ConfigMap',
      name: 'chains-config',
      property: "data['artifacts.oci.signer']",
      value: 'none',
      problem: `does not sign with x509 or kms (TektonConfig 'config' installs Chains in ${installed}, whose Chains reads the chains-config there, not this `
        + 'ConfigMap: judged for a Chains installed in tekton-chains otherwise, from its release YAML)',
    });
    expect(CHAINS_SIGNED.check(configMap, context(configMap, operatorConfig({})))).toEqual([unread('tekton-pipelines')]);
    // a Deployment of Chains' controller in tekton-chains checked with it reads it: as written
    const controller = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'tekton-chains-controller', namespace: 'tekton-chains' }, spec: {} };
    expect(CHAINS_SIGNED.check(configMap, context(configMap, operatorConfig({}), controller)).map((f) => f.problem)).toEqual(['does not sign with x509 or kms']);
    // an operator that installs Chains in tekton-chains applies its chains-config over it: the key it does not write, in the reading that keeps it
    expect(CHAINS_SIGNED.check(configMap, context(configMap, operatorConfig({}, { targetNamespace: 'tekton-chains' }))).map((f) => f.problem))
      .toEqual(["does not sign with x509 or kms (reading chains-config with data['artifacts.oci.signer'] that ConfigMap 'chains-config' in tekton-chains keeps "
        + "beside what TektonConfig 'config' writes, unless kubectl apply created it)"]);
    expect(CHAINS_SIGNED.check(configMap, context(configMap, operatorConfig({ 'artifacts.oci.signer': 'x509' }, { targetNamespace: 'tekton-chains' })))).toEqual([]);
    // one that installs none: as written
    expect(CHAINS_SIGNED.check(configMap, context(configMap, operatorConfig({ disabled: true }))).map((f) => f.problem)).toEqual(['does not sign with x509 or kms']);
  });

  describe('a TektonChain checked without a TektonConfig', () => {
    const chain = operatorChain({ 'artifacts.oci.signer': 'x509' });
    const context = (...manifests: any[]) => ({ manifests, credentialWorkspaces: () => [] });
    const operator = (value: string) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'tekton-operator', namespace: 'tekton-operator' },
      spec: { template: { spec: { containers: [{ name: 'tekton-operator-lifecycle', env: [{ name: 'AUTOINSTALL_COMPONENTS', value }] }] } } },
    });
    const replaced = {
      rule: RuleId.CHAINS_SIGNED,
      kind: 'TektonChain',
      name: 'chain',
      property: 'kind',
      value: 'TektonChain',
      problem: 'is checked without a TektonConfig: unless the operator runs with AUTOINSTALL_COMPONENTS "false" (its release\'s default is "true"), '
        + 'it creates a TektonConfig \'config\' of its own, whose defaults then replace this TektonChain\'s settings, so they do not reach chains-config',
      fix: 'Write these settings under spec.chain of a TektonConfig named config, checked together; if the operator runs with '
        + 'AUTOINSTALL_COMPONENTS "false", check its Deployment together with the TektonChain (every rule then reads its settings), or relax this finding with that reason '
        + '(annotation secure-tekton/relax.CHAINS_SIGNED: "*: <why>" on the TektonChain; the other rules still read the operator\'s defaults).',
    };

    test('is a finding: the operator\'s own TektonConfig replaces its settings', () => {
      expect(CHAINS_SIGNED.check(chain, context(chain))).toEqual([replaced]);
      expect(CHAINS_SIGNED.check(chain, context(chain, operator('true')))).toEqual([replaced]);
      // beside the findings on its own settings
      const none = operatorChain({ options: { configMaps: { 'chains-config': { data: { 'artifacts.oci.signer': 'none' } } } } });
      expect(CHAINS_SIGNED.check(none, context(none)).map((f) => f.property)).toEqual(['kind', "spec.options.configMaps['chains-config'].data['artifacts.oci.signer']"]);
    });

    test('is no finding with a TektonConfig, or the operator\'s Deployment without AUTOINSTALL_COMPONENTS "true"', () => {
      expect(CHAINS_SIGNED.check(chain, context(chain, operatorConfig({})))).toEqual([]);
      expect(CHAINS_SIGNED.check(chain, context(chain, operator('false')))).toEqual([]);
      expect(CHAINS_SIGNED.check(chain)).toEqual([]);
    });
  });
});
