import { chainsConfig, describeRule, HARDENED_CHAINS_DATA } from './fixtures';
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
    expect(CHAINS_SIGNED.appliesTo(chainsConfig({ 'artifacts.oci.signer': 'none' }, { namespace: 'ci' }))).toBe(false);
    // an empty or null namespace is none: applied with -n tekton-chains, it is the live configuration
    expect(CHAINS_SIGNED.appliesTo(chainsConfig({ 'artifacts.oci.signer': 'none' }, { namespace: '' }))).toBe(true);
    expect(CHAINS_SIGNED.check(chainsConfig({ 'artifacts.oci.signer': 'none' }, { namespace: null })).length).toBeGreaterThan(0);
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
    expect(CHAINS_SIGNED.check(chainsConfig({ 'artifacts.taskrun.storage': '', 'artifacts.oci.storage': ' , ', 'artifacts.pipelinerun.storage': 'tekton' }))).toEqual([
      off('taskrun', ''), off('oci', ' , '),
    ]);
    const kms = (value: string | undefined, problem: string) => ({
      rule: RuleId.CHAINS_SIGNED,
      kind: 'ConfigMap',
      name: 'chains-config',
      property: "data['signers.kms.kmsref']",
      ...(value !== undefined ? { value } : {}),
      problem,
      fix: "Set signers.kms.kmsref to the key's URI (gcpkms://, awskms://, azurekms:// or hashivault://).",
    });
    expect(CHAINS_SIGNED.check(chainsConfig({ 'artifacts.oci.signer': 'kms' }))).toEqual([
      kms(undefined, 'is missing, though an artifact type signs with kms: Chains leaves the kms signer out and signs nothing with it'),
    ]);
    expect(CHAINS_SIGNED.check(chainsConfig({ 'artifacts.taskrun.signer': 'kms', 'signers.kms.kmsref': 'projects/p/locations/global/keyRings/r/cryptoKeys/k' }))).toEqual([
      kms('projects/p/locations/global/keyRings/r/cryptoKeys/k', 'is not a key URI (gcpkms://, awskms://, azurekms:// or hashivault://), though an artifact type signs with kms: Chains leaves the kms signer out and signs nothing with it'),
    ]);
    // no kms signer: the kmsref is not read
    expect(CHAINS_SIGNED.check(chainsConfig({ 'signers.kms.kmsref': 'x' }))).toEqual([]);
  });
});
