import { RuleId, SecureTask, SecureTektonErrors } from '../../src';
import { SecureTektonError } from '../../src/policy/errors';
import { chart, step } from '../helpers/constructs';

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('SecureTektonError', () => {
  test('carries path, property, value, rule and fix', () => {
    const e = caught(() => new SecureTask(chart(), 'unit', { steps: [step({ name: 'Bad' })] })) as SecureTektonError;
    expect(e).toBeInstanceOf(SecureTektonError);
    expect(e.name).toBe('SecureTektonError');
    expect(e.path).toBe('test/unit');
    expect(e.property).toBe('name');
    expect(e.value).toBe('Bad');
    expect(e.rule).toBe(RuleId.VALID_NAME);
    expect(e.fix).toBe('Use at most 63 lower-case letters, digits and "-", starting and ending with a letter or digit.');
  });

  test('an error without a value leaves the quotes out', () => {
    const e = new SecureTektonError({ construct: 'X', path: 'a/b', property: 'p', problem: 'is missing', rule: RuleId.VALID_SPEC, fix: 'Set it.' });
    expect(e.message).toBe("X 'a/b': p is missing [VALID_SPEC]. Set it.");
  });

  test('language-neutral helpers recognise the library error only', () => {
    const e = caught(() => new SecureTask(chart(), 'unit', { steps: [] }));
    expect(SecureTektonErrors.isSecureTektonError(e)).toBe(true);
    expect(SecureTektonErrors.ruleOf(e)).toBe(RuleId.VALID_SPEC);
    expect(SecureTektonErrors.isSecureTektonError(new Error('x'))).toBe(false);
    expect(SecureTektonErrors.ruleOf(new Error('x'))).toBeUndefined();
  });
});
