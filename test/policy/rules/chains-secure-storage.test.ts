import { chainsConfig, describeRule, HARDENED_CHAINS_DATA } from './fixtures';
import { RuleCatalogue, RuleId, Severity } from '../../../src';
import { CHAINS_SECURE_STORAGE } from '../../../src/policy/rules/chains-secure-storage';

/** [rule, property, value, problem] of each finding. */
const summary = (findings: ReturnType<typeof RuleCatalogue.check>) => findings.map((f) => [f.rule, f.property, f.value, f.problem]);

describe('CHAINS_SECURE_STORAGE', () => {
  describeRule(CHAINS_SECURE_STORAGE, RuleId.CHAINS_SECURE_STORAGE, Severity.HIGH, true);

  test('applies to chains-config only', () => {
    expect(CHAINS_SECURE_STORAGE.appliesTo(chainsConfig({}))).toBe(true);
    expect(CHAINS_SECURE_STORAGE.appliesTo({ kind: 'ConfigMap', metadata: { name: 'chains-config', namespace: 'ci' }, data: { 'storage.oci.repository.insecure': 'true' } })).toBe(false);
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
    'signers.x509.fulcio.address', 'signers.x509.fulcio.issuer', 'signers.x509.tuf.mirror.url', 'transparency.url', 'storage.archivista.url', 'signers.kms.auth.address',
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
});
