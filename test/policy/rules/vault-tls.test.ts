import { describeRule } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { VAULT_TLS } from '../../../src/policy/rules/vault-tls';

/** A Vault SecretProviderClass `vault` with these parameters. */
function spc(parameters: Record<string, any>, provider = 'vault'): any {
  return {
    apiVersion: 'secrets-store.csi.x-k8s.io/v1',
    kind: 'SecretProviderClass',
    metadata: { name: 'vault', namespace: 'ci' },
    spec: { provider, parameters: { roleName: 'ci', objects: '- objectName: k\n  secretPath: secret/data/k\n  secretKey: v\n', ...parameters } },
  };
}

const finding = (property: string, value: string | undefined, problem: string) =>
  ({ rule: RuleId.VAULT_TLS, kind: 'SecretProviderClass', name: 'vault', property, value, problem });
const NOT_HTTPS = 'is not an https:// address';
const SKIPS = 'turns TLS verification off';

describe('VAULT_TLS', () => {
  describeRule(VAULT_TLS, RuleId.VAULT_TLS, Severity.HIGH, false);

  test('applies to SecretProviderClasses of the vault provider only', () => {
    expect(VAULT_TLS.appliesTo(spc({}))).toBe(true);
    expect(VAULT_TLS.appliesTo(spc({}, 'azure'))).toBe(false);
    expect(VAULT_TLS.appliesTo({ kind: 'ConfigMap', spec: { provider: 'vault' } })).toBe(false);
    expect(VAULT_TLS.check(spc({ vaultAddress: 'http://vault:8200' }, 'gcp'))).toEqual([]);
  });

  test('compliant: https, verification on or left to its default, a private CA', () => {
    expect(VAULT_TLS.check(spc({ vaultAddress: 'https://vault.example.com:8200' }))).toEqual([]);
    expect(VAULT_TLS.check(spc({ vaultAddress: 'https://vault.example.com', vaultSkipTLSVerify: 'false', vaultCACertPath: '/vault/tls/ca.crt' }))).toEqual([]);
  });

  test('non-compliant: plain http', () => {
    expect(VAULT_TLS.check(spc({ vaultAddress: 'http://vault.vault.svc:8200' }))).toEqual([finding('parameters.vaultAddress', 'http://vault.vault.svc:8200', NOT_HTTPS)]);
  });

  test.each([
    ['no address', undefined],
    ['an address without scheme', 'vault.example.com:8200'],
    ['https only further in', 'http://proxy/?to=https://vault'],
    ['a mis-cased scheme', 'HTTPS://vault.example.com'],
  ])('non-compliant: %s', (_, address) => {
    expect(VAULT_TLS.check(spc({ vaultAddress: address }))).toEqual([finding('parameters.vaultAddress', address, NOT_HTTPS)]);
  });

  test.each(['true', 'TRUE', 'True'])('non-compliant: vaultSkipTLSVerify %s', (skip) => {
    expect(VAULT_TLS.check(spc({ vaultAddress: 'https://vault.example.com', vaultSkipTLSVerify: skip }))).toEqual([finding('parameters.vaultSkipTLSVerify', skip, SKIPS)]);
  });

  test('non-compliant: both at once, and a boolean true', () => {
    expect(VAULT_TLS.check(spc({ vaultAddress: 'http://vault:8200', vaultSkipTLSVerify: true }))).toEqual([
      finding('parameters.vaultAddress', 'http://vault:8200', NOT_HTTPS),
      finding('parameters.vaultSkipTLSVerify', 'true', SKIPS),
    ]);
  });
});
