import { describeRule } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { NO_SECRET_MATERIAL } from '../../../src/policy/rules/no-secret-material';

/** A Secret `git` with these fields. */
function secret(fields: Record<string, any> = {}): any {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'git', namespace: 'ci', annotations: { 'tekton.dev/git-0': 'github.com' } }, type: 'kubernetes.io/ssh-auth', ...fields };
}
const holds = (property: string, value: string) => ({ rule: RuleId.NO_SECRET_MATERIAL, kind: 'Secret', name: 'git', property, value, problem: 'holds secret values' });

describe('NO_SECRET_MATERIAL', () => {
  describeRule(NO_SECRET_MATERIAL, RuleId.NO_SECRET_MATERIAL, Severity.HIGH, true);

  test('applies to Secrets only', () => {
    expect(NO_SECRET_MATERIAL.appliesTo(secret())).toBe(true);
    expect(NO_SECRET_MATERIAL.appliesTo({ kind: 'ConfigMap', data: { password: 'x' } })).toBe(false);
  });

  test('compliant: a Secret that only names what it holds, or holds empty maps', () => {
    expect(NO_SECRET_MATERIAL.check(secret())).toEqual([]);
    expect(NO_SECRET_MATERIAL.check(secret({ data: {}, stringData: {} }))).toEqual([]);
  });

  test('non-compliant: stringData, the keys (never the values) as value', () => {
    const findings = NO_SECRET_MATERIAL.check(secret({ stringData: { 'ssh-privatekey': '-----BEGIN OPENSSH PRIVATE KEY-----' } }));
    expect(findings).toEqual([holds('stringData', 'ssh-privatekey')]);
    expect(JSON.stringify(findings)).not.toContain('BEGIN');
  });

  test('non-compliant: base64 data with several keys, and both fields at once', () => {
    expect(NO_SECRET_MATERIAL.check(secret({ data: { 'ssh-privatekey': 'LS0t', 'known_hosts': 'Z2l0aHVi' } }))).toEqual([holds('data', 'ssh-privatekey,known_hosts')]);
    expect(NO_SECRET_MATERIAL.check(secret({ data: { a: 'YQ==' }, stringData: { b: 'b' } }))).toEqual([holds('data', 'a'), holds('stringData', 'b')]);
  });

  test('non-compliant: an empty value still ships the key', () => {
    expect(NO_SECRET_MATERIAL.check(secret({ stringData: { token: '' } }))).toEqual([holds('stringData', 'token')]);
  });
});
