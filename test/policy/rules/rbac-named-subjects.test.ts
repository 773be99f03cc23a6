import { describeRule } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { RBAC_NAMED_SUBJECTS } from '../../../src/policy/rules/rbac-named-subjects';

const binding = (kind: string, ...subjects: any[]) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind,
  metadata: { name: 'read-key', namespace: 'ci' },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'read-key' },
  subjects,
});
const group = (name: string) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name });
const finding = (i: number, value: string, who: string, kind = 'RoleBinding') => ({
  rule: RuleId.RBAC_NAMED_SUBJECTS, kind, name: 'read-key', property: `subjects[${i}]`, value, problem: `grants the role to ${who}`,
});

describe('RBAC_NAMED_SUBJECTS', () => {
  describeRule(RBAC_NAMED_SUBJECTS, RuleId.RBAC_NAMED_SUBJECTS, Severity.HIGH, true);

  test('applies to bindings only', () => {
    expect(RBAC_NAMED_SUBJECTS.appliesTo({ kind: 'RoleBinding' })).toBe(true);
    expect(RBAC_NAMED_SUBJECTS.appliesTo({ kind: 'ClusterRoleBinding' })).toBe(true);
    expect(RBAC_NAMED_SUBJECTS.appliesTo({ kind: 'Role' })).toBe(false);
  });

  test('compliant: ServiceAccounts (of any namespace), named users and the identity provider\'s groups', () => {
    expect(RBAC_NAMED_SUBJECTS.check(binding('RoleBinding',
      { kind: 'ServiceAccount', name: 'pipeline', namespace: 'ci' },
      { kind: 'ServiceAccount', name: 'system:serviceaccounts' },
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'alice@example.com' },
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'system:serviceaccount:ci:pipeline' },
      group('platform-admins'),
      null, 'x', { kind: 'Group' },
    ))).toEqual([]);
    expect(RBAC_NAMED_SUBJECTS.check(binding('RoleBinding'))).toEqual([]);
  });

  test('non-compliant: the groups Kubernetes fills with every user, every ServiceAccount or anonymous requests', () => {
    expect(RBAC_NAMED_SUBJECTS.check(binding('RoleBinding',
      group('system:unauthenticated'),
      { kind: 'ServiceAccount', name: 'pipeline', namespace: 'ci' },
      group('system:authenticated'),
      group('system:serviceaccounts'),
      group('system:serviceaccounts:ci'),
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'system:anonymous' },
      group('system:nodes'),
    ))).toEqual([
      finding(0, 'Group system:unauthenticated', 'every request without credentials (anonymous requests are on by default)'),
      finding(2, 'Group system:authenticated', 'every authenticated user and ServiceAccount of the cluster'),
      finding(3, 'Group system:serviceaccounts', 'every ServiceAccount of the cluster, every other pipeline\'s included'),
      finding(4, 'Group system:serviceaccounts:ci', 'every ServiceAccount of namespace \'ci\', every other pipeline\'s there included'),
      finding(5, 'User system:anonymous', 'every request without credentials (anonymous requests are on by default)'),
      finding(6, 'Group system:nodes', 'a class of identities Kubernetes fills itself (nodes, bootstrappers, components), not a named one'),
    ]);
    expect(RBAC_NAMED_SUBJECTS.check(binding('ClusterRoleBinding', group('system:authenticated'))))
      .toEqual([finding(0, 'Group system:authenticated', 'every authenticated user and ServiceAccount of the cluster', 'ClusterRoleBinding')]);
  });
});
