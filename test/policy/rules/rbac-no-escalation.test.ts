import { clusterRole, describeRule, namedSecretRule, role } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { RBAC_NO_ESCALATION } from '../../../src/policy/rules/rbac-no-escalation';

const at = (location: string, finding: Record<string, unknown>, kind = 'Role') => ({ rule: RuleId.RBAC_NO_ESCALATION, kind, name: 'reader', location, ...finding });
const verb = (value: string) => ({ property: 'verbs', value, problem: 'is an escalation verb' });
const subresource = (value: string) => ({ property: 'resources', value, problem: 'is an escalation subresource' });

describe('RBAC_NO_ESCALATION', () => {
  describeRule(RBAC_NO_ESCALATION, RuleId.RBAC_NO_ESCALATION, Severity.HIGH, true);

  test('applies to Roles and ClusterRoles only', () => {
    expect(RBAC_NO_ESCALATION.appliesTo(role())).toBe(true);
    expect(RBAC_NO_ESCALATION.appliesTo(clusterRole())).toBe(true);
    expect(RBAC_NO_ESCALATION.appliesTo({ kind: 'RoleBinding' })).toBe(false);
  });

  test('compliant: ordinary verbs on ordinary resources and subresources', () => {
    expect(RBAC_NO_ESCALATION.check(role(
      namedSecretRule(),
      { apiGroups: [''], resources: ['pods', 'pods/log'], resourceNames: ['p'], verbs: ['get', 'create', 'patch', 'delete'] },
    ))).toEqual([]);
  });

  test.each(['bind', 'escalate', 'impersonate'])('non-compliant: the verb %s', (v) => {
    expect(RBAC_NO_ESCALATION.check(role(namedSecretRule({ verbs: ['get', v] })))).toEqual([at('rules[0]', verb(v))]);
  });

  test.each(['pods/exec', 'pods/attach', 'serviceaccounts/token'])('non-compliant: the subresource %s (whatever the verb)', (r) => {
    expect(RBAC_NO_ESCALATION.check(role(namedSecretRule({ resources: ['pods', r], verbs: ['get'] })))).toEqual([at('rules[0]', subresource(r))]);
  });

  test('non-compliant: impersonation and exec in a ClusterRole, every one reported in its rule, verbs first', () => {
    expect(RBAC_NO_ESCALATION.check(clusterRole(
      { apiGroups: [''], resources: ['users', 'groups', 'serviceaccounts'], verbs: ['impersonate'] },
      { apiGroups: [''], resources: ['pods/exec', 'pods/attach'], resourceNames: ['p'], verbs: ['create', 'bind'] },
    ))).toEqual([
      at('rules[0]', verb('impersonate'), 'ClusterRole'),
      at('rules[1]', verb('bind'), 'ClusterRole'),
      at('rules[1]', subresource('pods/exec'), 'ClusterRole'),
      at('rules[1]', subresource('pods/attach'), 'ClusterRole'),
    ]);
  });

  test('non-compliant: escalating or binding roles', () => {
    expect(RBAC_NO_ESCALATION.check(role({ apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], resourceNames: ['admin'], verbs: ['escalate', 'bind'] })))
      .toEqual([at('rules[0]', verb('escalate')), at('rules[0]', verb('bind'))]);
  });
});
