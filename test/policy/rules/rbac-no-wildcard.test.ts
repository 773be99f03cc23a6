import { clusterRole, describeRule, namedSecretRule, role } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { RBAC_NO_WILDCARD } from '../../../src/policy/rules/rbac-no-wildcard';

const at = (location: string, finding: Record<string, unknown>, kind = 'Role') => ({ rule: RuleId.RBAC_NO_WILDCARD, kind, name: 'reader', location, ...finding });
const wildcard = (property: string) => ({ property, value: '*', problem: 'is a wildcard' });
const UNNAMED = { property: 'resourceNames', problem: 'is empty, so the rule reaches every object of its kind' };

describe('RBAC_NO_WILDCARD', () => {
  describeRule(RBAC_NO_WILDCARD, RuleId.RBAC_NO_WILDCARD, Severity.HIGH, true);

  test('applies to Roles and ClusterRoles only', () => {
    expect(RBAC_NO_WILDCARD.appliesTo(role())).toBe(true);
    expect(RBAC_NO_WILDCARD.appliesTo(clusterRole())).toBe(true);
    expect(RBAC_NO_WILDCARD.appliesTo({ kind: 'RoleBinding', roleRef: { kind: 'Role', name: '*' } })).toBe(false);
  });

  test('compliant: named verbs on named resources, in every rule', () => {
    expect(RBAC_NO_WILDCARD.check(role(namedSecretRule(), { apiGroups: ['tekton.dev'], resources: ['pipelineruns'], resourceNames: ['nightly'], verbs: ['get', 'update'] }))).toEqual([]);
    expect(RBAC_NO_WILDCARD.check(role())).toEqual([]);
  });

  test('non-compliant: no resourceNames', () => {
    expect(RBAC_NO_WILDCARD.check(role(namedSecretRule({ resourceNames: undefined })))).toEqual([at('rules[0]', UNNAMED)]);
    expect(RBAC_NO_WILDCARD.check(role(namedSecretRule({ resourceNames: [] })))).toEqual([at('rules[0]', UNNAMED)]);
  });

  test.each(['verbs', 'resources', 'apiGroups', 'resourceNames'])('non-compliant: * in %s', (field) => {
    expect(RBAC_NO_WILDCARD.check(role(namedSecretRule({ [field]: ['get', '*'] })))).toEqual([at('rules[0]', wildcard(field))]);
  });

  test('non-compliant: * in apiGroups reaches secrets of every group; each wildcard reported in its rule', () => {
    expect(RBAC_NO_WILDCARD.check(role(namedSecretRule(), { apiGroups: ['*'], resources: ['*'], verbs: ['*'] }))).toEqual([
      at('rules[1]', wildcard('verbs')),
      at('rules[1]', wildcard('resources')),
      at('rules[1]', wildcard('apiGroups')),
      at('rules[1]', UNNAMED),
    ]);
  });

  test('non-compliant: a ClusterRole with * in nonResourceURLs', () => {
    expect(RBAC_NO_WILDCARD.check(clusterRole({ nonResourceURLs: ['*'], verbs: ['get'] }))).toEqual([
      at('rules[0]', wildcard('nonResourceURLs'), 'ClusterRole'),
      at('rules[0]', UNNAMED, 'ClusterRole'),
    ]);
  });
});
