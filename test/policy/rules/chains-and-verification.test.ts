/**
 * Compliant / non-compliant pairs for the Tekton Chains and VerificationPolicy rules,
 * over plain manifests (as the audit of YAML not made by this library sees them).
 */
import { RuleCatalogue, RuleId, Severity } from '../../../src';
import { CHAINS_KNOWN_KEYS } from '../../../src/policy/rules/chains-known-keys';
import { CHAINS_SECURE_STORAGE } from '../../../src/policy/rules/chains-secure-storage';
import { CHAINS_SIGNED } from '../../../src/policy/rules/chains-signed';
import { CHAINS_SLSA_PROVENANCE } from '../../../src/policy/rules/chains-slsa-provenance';
import { CHAINS_TRANSPARENCY } from '../../../src/policy/rules/chains-transparency';
import { VERIFICATION_ENFORCED } from '../../../src/policy/rules/verification-enforced';

/** A hardened chains-config, as an administrator might write it by hand. */
const HARDENED_DATA: Record<string, string> = {
  'artifacts.taskrun.format': 'slsa/v2alpha4',
  'artifacts.taskrun.storage': 'oci, tekton',
  'artifacts.pipelinerun.format': 'slsa/v1',
  'artifacts.pipelinerun.storage': 'oci',
  'artifacts.pipelinerun.enable-deep-inspection': 'true',
  'artifacts.oci.storage': '',
  'artifacts.oci.signer': 'kms',
  'signers.kms.kmsref': 'awskms:///alias/chains',
  'storage.oci.repository.insecure': 'false',
  'transparency.enabled': 'true',
  'transparency.url': 'https://rekor.example.com',
};

function chainsConfig(data: Record<string, string> | undefined, metadata: Record<string, string> = { namespace: 'tekton-chains' }) {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'chains-config', ...metadata }, data };
}

function verificationPolicy(mode?: string) {
  return {
    apiVersion: 'tekton.dev/v1alpha1',
    kind: 'VerificationPolicy',
    metadata: { name: 'catalog', namespace: 'ci' },
    spec: { resources: [{ pattern: '^https://github\\.com/example/.*$' }], authorities: [{ name: 'k', key: { kms: 'gcpkms://k' } }], mode },
  };
}

/** [rule, property, value, problem] of each finding. */
const summary = (findings: ReturnType<typeof RuleCatalogue.check>) => findings.map((f) => [f.rule, f.property, f.value, f.problem]);

describe('rule metadata', () => {
  test.each([
    [CHAINS_KNOWN_KEYS, RuleId.CHAINS_KNOWN_KEYS, Severity.HIGH, false],
    [CHAINS_SIGNED, RuleId.CHAINS_SIGNED, Severity.HIGH, true],
    [CHAINS_SLSA_PROVENANCE, RuleId.CHAINS_SLSA_PROVENANCE, Severity.LOW, true],
    [CHAINS_TRANSPARENCY, RuleId.CHAINS_TRANSPARENCY, Severity.MEDIUM, true],
    [CHAINS_SECURE_STORAGE, RuleId.CHAINS_SECURE_STORAGE, Severity.HIGH, true],
    [VERIFICATION_ENFORCED, RuleId.VERIFICATION_ENFORCED, Severity.HIGH, true],
  ])('%# %s is registered with its severity and relaxability', (rule, id, severity, relaxable) => {
    expect(rule.id).toBe(id);
    expect(RuleCatalogue.find(id)).toBe(rule);
    expect(rule.severity).toBe(severity);
    expect(rule.relaxable).toBe(relaxable);
    expect(RuleCatalogue.isRelaxable(id)).toBe(relaxable);
  });
});

describe('a hardened chains-config and VerificationPolicy', () => {
  test('pass every rule of the catalogue, in tekton-chains or without a namespace', () => {
    expect(RuleCatalogue.check(chainsConfig(HARDENED_DATA))).toEqual([]);
    expect(RuleCatalogue.check(chainsConfig(HARDENED_DATA, {}))).toEqual([]);
    expect(RuleCatalogue.check(verificationPolicy('enforce'))).toEqual([]);
  });

  test('ConfigMaps with another name or namespace are not Chains configuration', () => {
    const bad = { 'artifacts.oci.signer': 'none', 'no.such.key': 'x' };
    expect(RuleCatalogue.check({ ...chainsConfig(bad), metadata: { name: 'feature-flags', namespace: 'tekton-chains' } })).toEqual([]);
    expect(RuleCatalogue.check(chainsConfig(bad, { namespace: 'ci' }))).toEqual([]);
  });

  test('malformed objects give no crash', () => {
    for (const m of [chainsConfig(undefined), { kind: 'ConfigMap', metadata: { name: 'chains-config' }, data: 'x' }, { kind: 'VerificationPolicy', spec: null }]) {
      expect(() => RuleCatalogue.check(m)).not.toThrow();
    }
  });
});

describe('CHAINS_KNOWN_KEYS', () => {
  test('compliant: documented keys, allowed values, storage lists with spaces or empty', () => {
    expect(CHAINS_KNOWN_KEYS.check(chainsConfig({ ...HARDENED_DATA, 'storage.docdb.mongo-server-url-path': '/etc/mongo/url', 'builder.id': 'https://ci.example.com' }))).toEqual([]);
  });

  test('non-compliant: an unknown key, with the reason it is unknown in the fix', () => {
    expect(CHAINS_KNOWN_KEYS.check(chainsConfig({ ...HARDENED_DATA, 'artifacts.oci.signing-backend': 'kms' }))).toEqual([{
      rule: RuleId.CHAINS_KNOWN_KEYS,
      kind: 'ConfigMap',
      name: 'chains-config',
      property: 'data',
      value: 'artifacts.oci.signing-backend',
      problem: 'is not a documented chains-config key',
      fix: '"artifacts.oci.signing-backend" is not a Chains v0.29 key (the signer is artifacts.oci.signer), so Chains ignores it: remove it or use a key documented in Chains v0.29 docs/config.md; this rule cannot be relaxed.',
    }]);
  });

  test('non-compliant: keys from later Chains versions', () => {
    expect(summary(CHAINS_KNOWN_KEYS.check(chainsConfig({ 'filter.managed-by': 'x', 'storage.pubsub.topic': 'y' })))).toEqual([
      [RuleId.CHAINS_KNOWN_KEYS, 'data', 'filter.managed-by', 'is not a documented chains-config key'],
      [RuleId.CHAINS_KNOWN_KEYS, 'data', 'storage.pubsub.topic', 'is not a documented chains-config key'],
    ]);
  });

  test('non-compliant: credentials, whose values are never repeated', () => {
    const findings = CHAINS_KNOWN_KEYS.check(chainsConfig({ 'signers.kms.auth.token': 'hvs.s3cr3t', 'storage.docdb.mongo-server-url': 'mongodb://u:pw@h' }));
    expect(summary(findings)).toEqual([
      [RuleId.CHAINS_KNOWN_KEYS, "data['signers.kms.auth.token']", undefined, 'puts a credential in a ConfigMap'],
      [RuleId.CHAINS_KNOWN_KEYS, "data['storage.docdb.mongo-server-url']", undefined, 'puts a credential in a ConfigMap'],
    ]);
    expect(JSON.stringify(findings)).not.toMatch(/s3cr3t|pw@/);
  });

  test('non-compliant: values Chains refuses, each bad storage entry on its own', () => {
    expect(summary(CHAINS_KNOWN_KEYS.check(chainsConfig({
      'artifacts.taskrun.format': 'slsa/v3',
      'artifacts.pipelinerun.storage': 'oci, s3,',
      'artifacts.oci.storage': 'archivista',
      'transparency.enabled': 'yes',
    })))).toEqual([
      [RuleId.CHAINS_KNOWN_KEYS, "data['artifacts.taskrun.format']", 'slsa/v3', 'is not one of in-toto, slsa/v1, slsa/v2alpha3, slsa/v2alpha4'],
      [RuleId.CHAINS_KNOWN_KEYS, "data['artifacts.pipelinerun.storage']", 's3', 'is not one of tekton, oci, gcs, docdb, grafeas, archivista'],
      [RuleId.CHAINS_KNOWN_KEYS, "data['artifacts.pipelinerun.storage']", '', 'is not one of tekton, oci, gcs, docdb, grafeas, archivista'],
      [RuleId.CHAINS_KNOWN_KEYS, "data['artifacts.oci.storage']", 'archivista', 'is not one of tekton, oci, gcs, docdb, grafeas'],
      [RuleId.CHAINS_KNOWN_KEYS, "data['transparency.enabled']", 'yes', 'is not one of true, false, manual'],
    ]);
  });
});

describe('CHAINS_SIGNED', () => {
  test('compliant: x509, kms, or no signer key (Chains defaults to x509)', () => {
    expect(CHAINS_SIGNED.check(chainsConfig({ 'artifacts.taskrun.signer': 'x509', 'artifacts.oci.signer': 'kms' }))).toEqual([]);
    expect(CHAINS_SIGNED.check(chainsConfig({}))).toEqual([]);
  });

  test('non-compliant: signer none', () => {
    expect(CHAINS_SIGNED.check(chainsConfig({ ...HARDENED_DATA, 'artifacts.pipelinerun.signer': 'none' }))).toEqual([{
      rule: RuleId.CHAINS_SIGNED,
      kind: 'ConfigMap',
      name: 'chains-config',
      property: "data['artifacts.pipelinerun.signer']",
      value: 'none',
      problem: 'does not sign with x509 or kms',
    }]);
  });

  test('non-compliant: a signer Chains does not know fails closed', () => {
    expect(summary(CHAINS_SIGNED.check(chainsConfig({ 'artifacts.oci.signer': 'X509' })))).toEqual([
      [RuleId.CHAINS_SIGNED, "data['artifacts.oci.signer']", 'X509', 'does not sign with x509 or kms'],
    ]);
  });
});

describe('CHAINS_SLSA_PROVENANCE', () => {
  test('compliant: every SLSA format', () => {
    for (const format of ['slsa/v1', 'slsa/v2alpha3', 'slsa/v2alpha4']) {
      expect(CHAINS_SLSA_PROVENANCE.check(chainsConfig({ 'artifacts.taskrun.format': format, 'artifacts.pipelinerun.format': format }))).toEqual([]);
    }
  });

  test('non-compliant: in-toto, or the format left to the in-toto default', () => {
    expect(summary(CHAINS_SLSA_PROVENANCE.check(chainsConfig({ 'artifacts.taskrun.format': 'in-toto' })))).toEqual([
      [RuleId.CHAINS_SLSA_PROVENANCE, "data['artifacts.taskrun.format']", 'in-toto', 'is not a SLSA format (slsa/v1, slsa/v2alpha3, slsa/v2alpha4)'],
      [RuleId.CHAINS_SLSA_PROVENANCE, "data['artifacts.pipelinerun.format']", undefined, 'is not set, so Chains writes its in-toto default'],
    ]);
  });
});

describe('CHAINS_TRANSPARENCY', () => {
  test('compliant: "true"', () => {
    expect(CHAINS_TRANSPARENCY.check(chainsConfig({ 'transparency.enabled': 'true' }))).toEqual([]);
  });

  test.each([
    [undefined, 'is not set, so nothing is uploaded'],
    ['manual', 'uploads only runs annotated chains.tekton.dev/transparency-upload'],
    ['false', 'turns uploads off'],
    ['True', 'turns uploads off'],
  ])('non-compliant: %s', (value, problem) => {
    const data: Record<string, string> = value === undefined ? {} : { 'transparency.enabled': value };
    expect(summary(CHAINS_TRANSPARENCY.check(chainsConfig(data)))).toEqual([[RuleId.CHAINS_TRANSPARENCY, "data['transparency.enabled']", value, problem]]);
  });
});

describe('CHAINS_SECURE_STORAGE', () => {
  test('compliant: "false", or unset (Chains defaults to false)', () => {
    expect(CHAINS_SECURE_STORAGE.check(chainsConfig({ 'storage.oci.repository.insecure': 'false' }))).toEqual([]);
    expect(CHAINS_SECURE_STORAGE.check(chainsConfig({}))).toEqual([]);
  });

  test.each(['true', 'True', '1', 't'])('non-compliant: %s (Go reads it as true)', (value) => {
    expect(summary(CHAINS_SECURE_STORAGE.check(chainsConfig({ 'storage.oci.repository.insecure': value })))).toEqual([
      [RuleId.CHAINS_SECURE_STORAGE, "data['storage.oci.repository.insecure']", value, 'turns TLS verification off'],
    ]);
  });
});

describe('VERIFICATION_ENFORCED', () => {
  test('compliant: enforce, or no mode (the CRD default is enforce)', () => {
    expect(VERIFICATION_ENFORCED.check(verificationPolicy('enforce'))).toEqual([]);
    expect(VERIFICATION_ENFORCED.check(verificationPolicy(undefined))).toEqual([]);
  });

  test('non-compliant: warn', () => {
    expect(VERIFICATION_ENFORCED.check(verificationPolicy('warn'))).toEqual([{
      rule: RuleId.VERIFICATION_ENFORCED,
      kind: 'VerificationPolicy',
      name: 'catalog',
      property: 'spec.mode',
      value: 'warn',
      problem: 'lets resources that fail verification run',
    }]);
  });

  test('other kinds are not checked', () => {
    expect(VERIFICATION_ENFORCED.check({ kind: 'ConfigMap', metadata: { name: 'x' }, spec: { mode: 'warn' } })).toEqual([]);
  });
});
