import { chainsConfig, describeRule, HARDENED_CHAINS_DATA, operatorConfig } from './fixtures';
import { RuleCatalogue, RuleId, Severity } from '../../../src';
import { CHAINS_SECURE_STORAGE } from '../../../src/policy/rules/chains-secure-storage';

/** [rule, property, value, problem] of each finding. */
const summary = (findings: ReturnType<typeof RuleCatalogue.check>) => findings.map((f) => [f.rule, f.property, f.value, f.problem]);

describe('CHAINS_SECURE_STORAGE', () => {
  describeRule(CHAINS_SECURE_STORAGE, RuleId.CHAINS_SECURE_STORAGE, Severity.HIGH, true);

  test('applies to chains-config only', () => {
    expect(CHAINS_SECURE_STORAGE.appliesTo(chainsConfig({}))).toBe(true);
    // of another namespace, read only where an operator checked with it installs Chains there
    expect(CHAINS_SECURE_STORAGE.check({ kind: 'ConfigMap', metadata: { name: 'chains-config', namespace: 'ci' }, data: { 'storage.oci.repository.insecure': 'true' } })).toEqual([]);
  });

  test('compliant: "false", or unset (Chains defaults to false)', () => {
    expect(CHAINS_SECURE_STORAGE.check(chainsConfig({ 'storage.oci.repository.insecure': 'false' }))).toEqual([]);
    expect(CHAINS_SECURE_STORAGE.check(chainsConfig({}))).toEqual([]);
    expect(CHAINS_SECURE_STORAGE.check(chainsConfig(HARDENED_CHAINS_DATA))).toEqual([]);
  });

  test('non-compliant: "true", as a whole finding', () => {
    expect(CHAINS_SECURE_STORAGE.check(chainsConfig({ ...HARDENED_CHAINS_DATA, 'storage.oci.repository.insecure': 'true' }))).toEqual([{
      rule: RuleId.CHAINS_SECURE_STORAGE,
      kind: 'ConfigMap',
      name: 'chains-config',
      property: "data['storage.oci.repository.insecure']",
      value: 'true',
      problem: 'turns TLS verification off',
      fix: 'Leave storage.oci.repository.insecure "false" (give the registry a certificate the controller trusts).',
    }]);
  });

  test.each(['true', 'True', 'TRUE', '1', 't', 'T'])('non-compliant: %s (Go reads it as true)', (value) => {
    expect(summary(CHAINS_SECURE_STORAGE.check(chainsConfig({ 'storage.oci.repository.insecure': value })))).toEqual([
      [RuleId.CHAINS_SECURE_STORAGE, "data['storage.oci.repository.insecure']", value, 'turns TLS verification off'],
    ]);
    expect(CHAINS_SECURE_STORAGE.check(chainsConfig({ ...HARDENED_CHAINS_DATA, 'storage.oci.repository.insecure': value }))).toEqual([{
      rule: RuleId.CHAINS_SECURE_STORAGE,
      kind: 'ConfigMap',
      name: 'chains-config',
      property: "data['storage.oci.repository.insecure']",
      value,
      problem: 'turns TLS verification off',
      fix: 'Leave storage.oci.repository.insecure "false" (give the registry a certificate the controller trusts).',
    }]);
  });

  test.each([
    'signers.x509.fulcio.address', 'signers.x509.tuf.mirror.url', 'transparency.url', 'storage.archivista.url', 'signers.kms.auth.address',
  ])('non-compliant: %s not over https (the identity token, the Vault token, uploads travel in clear)', (key) => {
    for (const value of ['http://service.internal:8200', 'service.internal', 'https://', '']) {
      expect(CHAINS_SECURE_STORAGE.check(chainsConfig({ [key]: value }))).toEqual([{
        rule: RuleId.CHAINS_SECURE_STORAGE,
        kind: 'ConfigMap',
        name: 'chains-config',
        property: `data['${key}']`,
        value,
        problem: 'is not an https:// URL: Chains sends tokens, signatures or provenance there',
        fix: 'Use an https:// URL (mount a private CA into the controller if needed).',
      }]);
    }
    expect(CHAINS_SECURE_STORAGE.check(chainsConfig({ [key]: 'HTTPS://service.internal:8200' }))).toEqual([]);
  });

  test.each([
    'signers.x509.fulcio.address', 'signers.x509.tuf.mirror.url', 'transparency.url', 'storage.archivista.url', 'signers.kms.auth.address',
  ])('non-compliant: %s with a space or a %%-escape Go\'s url.Parse refuses (a WHATWG parser reads it), so Chains cannot reach the service', (key) => {
    for (const value of ['https://service.internal ', ' https://service.internal', 'https://service.internal/%zz', 'https://service.internal/a%2']) {
      expect(CHAINS_SECURE_STORAGE.check(chainsConfig({ [key]: value }))).toEqual([{
        rule: RuleId.CHAINS_SECURE_STORAGE,
        kind: 'ConfigMap',
        name: 'chains-config',
        property: `data['${key}']`,
        value,
        problem: "is not a URL Go's url.Parse reads (Chains v0.29.2 is built with Go 1.26): Chains cannot reach the service, so nothing is sent there",
        fix: 'Write the https:// URL without spaces around it, with %-escapes of two hex digits and at most one port (https://host:port/path).',
      }]);
    }
  });

  test.each([
    'signers.x509.fulcio.address', 'signers.x509.tuf.mirror.url', 'transparency.url', 'storage.archivista.url', 'signers.kms.auth.address',
  ])('non-compliant: %s with two colons in its host, which Go 1.26 (Chains v0.29.2\'s) refuses in an https URL', (key) => {
    // it is written with https: the finding says what Go refuses, not that https is missing
    for (const value of ['https://service.internal:8200:443', 'HTTPS://service.internal:8200:443']) {
      expect(CHAINS_SECURE_STORAGE.check(chainsConfig({ [key]: value }))).toEqual([{
        rule: RuleId.CHAINS_SECURE_STORAGE,
        kind: 'ConfigMap',
        name: 'chains-config',
        property: `data['${key}']`,
        value,
        problem: "is not a URL Go's url.Parse reads (Chains v0.29.2 is built with Go 1.26): Chains cannot reach the service, so nothing is sent there",
        fix: 'Write the https:// URL without spaces around it, with %-escapes of two hex digits and at most one port (https://host:port/path).',
      }]);
    }
    expect(CHAINS_SECURE_STORAGE.check(chainsConfig({ [key]: 'https://service.internal:8200' }))).toEqual([]);
  });

  test('non-compliant: a storage.oci.repository registry go-containerregistry also reaches over plain http', () => {
    const finding = (value: string, registry: string) => ({
      rule: RuleId.CHAINS_SECURE_STORAGE,
      kind: 'ConfigMap',
      name: 'chains-config',
      property: "data['storage.oci.repository']",
      value,
      problem: `names the registry ${registry}, which Chains' registry client (go-containerregistry) also tries over plain http when https fails `
        + '(an RFC 1918 address, localhost with a port, *.localhost, 127.0.0.1 or ::1): anyone on the network path can make https fail, then '
        + 'read the registry credentials and replace or drop the signatures and attestations',
      fix: 'Name the registry by a DNS name (not localhost or *.localhost) or an address outside RFC 1918, which go-containerregistry reaches over https only, with a certificate the controller trusts.',
    });
    for (const registry of ['10.20.0.15', '10.0.0.1:5000', '172.16.0.1', '172.31.255.255:443', '192.168.1.10', 'localhost:5000', 'registry.localhost', 'kind-registry.localhost:5001', '127.0.0.1', '127.0.0.1:5000', '[::1]:5000']) {
      const value = `${registry}/supply-chain/signatures`;
      expect(CHAINS_SECURE_STORAGE.check(chainsConfig({ ...HARDENED_CHAINS_DATA, 'storage.oci.repository': value }))).toEqual([finding(value, registry)]);
    }
    // what Scheme() reaches over https only: a public address, 172.32/12's neighbours, localhost without a port, other loopback
    // addresses, leading zeros (net.ParseIP refuses them), IPv6 other than ::1, a DNS name, Docker Hub (no registry part)
    for (const value of ['registry.example.com/sigs', '172.32.0.1/sigs', '11.0.0.1/sigs', 'localhost/sigs', '127.0.0.2:5000/sigs', '010.0.0.1/sigs',
      '[fd00::1]:5000/sigs', 'localhost.example.com/sigs', 'library/sigs', '10.0.0.1']) {
      expect(CHAINS_SECURE_STORAGE.check(chainsConfig({ ...HARDENED_CHAINS_DATA, 'storage.oci.repository': value }))).toEqual([]);
    }
  });

  test('compliant: signers.x509.fulcio.issuer over http, which Chains never contacts (it hands Fulcio its provider\'s token)', () => {
    expect(CHAINS_SECURE_STORAGE.check(chainsConfig({ ...HARDENED_CHAINS_DATA, 'signers.x509.fulcio.issuer': 'http://oidc.internal' }))).toEqual([]);
  });
});


describe('CHAINS_SECURE_STORAGE: the chains-config the Tekton operator writes', () => {
  test('compliant: insecure false, https URLs', () => {
    expect(CHAINS_SECURE_STORAGE.check(operatorConfig({ 'storage.oci.repository.insecure': false, 'transparency.url': 'https://rekor.example.com' }))).toEqual([]);
  });

  test('insecure true (a boolean field) and a plain-http URL under options: at the fields', () => {
    const chain = { 'storage.oci.repository.insecure': true, 'options': { configMaps: { 'chains-config': { data: { 'storage.archivista.url': 'http://archivista.example.com' } } } } };
    expect(CHAINS_SECURE_STORAGE.check(operatorConfig(chain))).toEqual([
      {
        rule: RuleId.CHAINS_SECURE_STORAGE,
        kind: 'TektonConfig',
        name: 'config',
        property: "spec.chain['storage.oci.repository.insecure']",
        value: 'true',
        problem: 'turns TLS verification off',
        fix: 'Write storage.oci.repository.insecure: false under spec.chain, or leave it out (give the registry a certificate the controller trusts).',
      },
      {
        rule: RuleId.CHAINS_SECURE_STORAGE,
        kind: 'TektonConfig',
        name: 'config',
        property: "spec.chain.options.configMaps['chains-config'].data['storage.archivista.url']",
        value: 'http://archivista.example.com',
        problem: 'is not an https:// URL: Chains sends tokens, signatures or provenance there',
        fix: 'Use an https:// URL (mount a private CA into the controller if needed).',
      },
    ]);
  });
});

describe("CHAINS_SECURE_STORAGE: a chains-config ConfigMap of a Tekton operator's target namespace", () => {
  test('the keys the operator does not write are judged as its apply keeps them unless kubectl apply created the ConfigMap', () => {
    const configMap = chainsConfig({ 'storage.oci.repository.insecure': 'true', 'artifacts.oci.storage': 'tekton' }, { namespace: 'tekton-pipelines' });
    const run = (...others: any[]) => CHAINS_SECURE_STORAGE.check(configMap, { manifests: [configMap, ...others], credentialWorkspaces: () => [] });
    expect(run(operatorConfig({}))).toEqual([{
      rule: RuleId.CHAINS_SECURE_STORAGE,
      kind: 'ConfigMap',
      name: 'chains-config',
      property: "data['storage.oci.repository.insecure']",
      value: 'true',
      problem: "turns TLS verification off (reading chains-config with data['storage.oci.repository.insecure'] that ConfigMap 'chains-config' in tekton-pipelines "
        + "keeps beside what TektonConfig 'config' writes, unless kubectl apply created it)",
      fix: "Remove data['storage.oci.repository.insecure'] from this ConfigMap, which the operator's apply keeps unless kubectl apply created it; to set it, "
        + "write it on TektonConfig 'config' (the operator writes its chains-config over this ConfigMap). Leave storage.oci.repository.insecure \"false\" "
        + '(give the registry a certificate the controller trusts).',
    }]);
    // the operator writes the key: its value, judged on the TektonConfig
    expect(run(operatorConfig({ 'storage.oci.repository.insecure': false }))).toEqual([]);
  });

  test('one without a namespace beside the operator: kubectl applies it in its context\'s namespace, maybe the target, judged as there', () => {
    const configMap = chainsConfig({ 'storage.oci.repository.insecure': 'true', 'artifacts.oci.storage': 'tekton' }, {});
    const run = (...others: any[]) => CHAINS_SECURE_STORAGE.check(configMap, { manifests: [configMap, ...others], credentialWorkspaces: () => [] });
    expect(run(operatorConfig({})).map((f) => [f.property, f.problem])).toEqual([[
      "data['storage.oci.repository.insecure']",
      "turns TLS verification off (reading chains-config with data['storage.oci.repository.insecure'] that ConfigMap 'chains-config' without a namespace "
        + "keeps beside what TektonConfig 'config' writes, unless kubectl apply created it)",
    ]]);
    // the key the operator writes reaches Chains from the TektonConfig alone; by itself the ConfigMap is Chains' own, judged as written
    expect(run(operatorConfig({ 'storage.oci.repository.insecure': false }))).toEqual([]);
    expect(run().map((f) => f.problem)).toEqual(['turns TLS verification off']);
  });
});

