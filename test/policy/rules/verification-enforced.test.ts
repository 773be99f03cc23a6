import { describeRule, verificationPolicy } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { VERIFICATION_ENFORCED } from '../../../src/policy/rules/verification-enforced';

const lets = (value: string) => ({
  rule: RuleId.VERIFICATION_ENFORCED,
  kind: 'VerificationPolicy',
  name: 'catalog',
  property: 'spec.mode',
  value,
  problem: 'lets resources that fail verification run',
});

describe('VERIFICATION_ENFORCED', () => {
  describeRule(VERIFICATION_ENFORCED, RuleId.VERIFICATION_ENFORCED, Severity.HIGH, true);

  test('applies to VerificationPolicies only', () => {
    expect(VERIFICATION_ENFORCED.appliesTo(verificationPolicy('warn'))).toBe(true);
    expect(VERIFICATION_ENFORCED.appliesTo({ kind: 'ConfigMap', metadata: { name: 'x' }, spec: { mode: 'warn' } })).toBe(false);
  });

  test('compliant: enforce, or no mode (the CRD default is enforce)', () => {
    expect(VERIFICATION_ENFORCED.check(verificationPolicy('enforce'))).toEqual([]);
    expect(VERIFICATION_ENFORCED.check(verificationPolicy(undefined))).toEqual([]);
    expect(VERIFICATION_ENFORCED.check(verificationPolicy(''))).toEqual([]);
  });

  test('non-compliant: warn', () => {
    expect(VERIFICATION_ENFORCED.check(verificationPolicy('warn'))).toEqual([lets('warn')]);
  });

  test.each(['Enforce', 'enforce ', 'audit', 'off'])('non-compliant: %j is not enforce', (mode) => {
    expect(VERIFICATION_ENFORCED.check(verificationPolicy(mode))).toEqual([lets(mode)]);
  });

  test('other kinds are not checked', () => {
    expect(VERIFICATION_ENFORCED.check({ kind: 'ConfigMap', metadata: { name: 'x' }, spec: { mode: 'warn' } })).toEqual([]);
  });
});
