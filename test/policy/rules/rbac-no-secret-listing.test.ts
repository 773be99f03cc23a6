import { clusterRole, describeRule, namedSecretRule, role } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { RBAC_NO_SECRET_LISTING } from '../../../src/policy/rules/rbac-no-secret-listing';

const lists = (location: string, value: string, kind = 'Role') =>
  ({ rule: RuleId.RBAC_NO_SECRET_LISTING, kind, name: 'reader', location, property: 'verbs', value, problem: 'lists or watches secrets' });

describe('RBAC_NO_SECRET_LISTING', () => {
  describeRule(RBAC_NO_SECRET_LISTING, RuleId.RBAC_NO_SECRET_LISTING, Severity.HIGH, true);

  test('applies to Roles and ClusterRoles only', () => {
    expect(RBAC_NO_SECRET_LISTING.appliesTo(role())).toBe(true);
    expect(RBAC_NO_SECRET_LISTING.appliesTo(clusterRole())).toBe(true);
    expect(RBAC_NO_SECRET_LISTING.appliesTo({ kind: 'Secret' })).toBe(false);
  });

  test('compliant: get on a named Secret, list on other resources, secrets-named resources of other groups', () => {
    expect(RBAC_NO_SECRET_LISTING.check(role(
      namedSecretRule(),
      { apiGroups: [''], resources: ['configmaps'], resourceNames: ['settings'], verbs: ['list', 'watch'] },
      { apiGroups: ['external-secrets.io'], resources: ['secrets'], resourceNames: ['x'], verbs: ['list'] },
    ))).toEqual([]);
  });

  test('non-compliant: list on secrets, even with resourceNames', () => {
    expect(RBAC_NO_SECRET_LISTING.check(role(namedSecretRule({ verbs: ['get', 'list'] })))).toEqual([lists('rules[0]', 'list')]);
  });

  test('non-compliant: list and watch together, in the second rule', () => {
    expect(RBAC_NO_SECRET_LISTING.check(role(namedSecretRule(), namedSecretRule({ verbs: ['watch', 'get', 'list'] })))).toEqual([lists('rules[1]', 'watch,list')]);
  });

  test.each([
    ['verbs *', { verbs: ['*'] }, '*'],
    ['resources *', { resources: ['*'], verbs: ['list'] }, 'list'],
    ['apiGroups *', { apiGroups: ['*'], verbs: ['watch'] }, 'watch'],
    ['secrets among other resources', { resources: ['configmaps', 'secrets'], verbs: ['list'] }, 'list'],
  ])('non-compliant: %s', (_, overrides, value) => {
    expect(RBAC_NO_SECRET_LISTING.check(role(namedSecretRule(overrides)))).toEqual([lists('rules[0]', value)]);
  });

  test('non-compliant: a ClusterRole', () => {
    expect(RBAC_NO_SECRET_LISTING.check(clusterRole(namedSecretRule({ verbs: ['list'] })))).toEqual([lists('rules[0]', 'list', 'ClusterRole')]);
  });
});
