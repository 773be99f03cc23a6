import * as fc from 'fast-check';
import { clusterRole, describeRule, namedSecretRule, role } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { RBAC_NAMESPACED } from '../../../src/policy/rules/rbac-namespaced';

/** A RoleBinding `reader` in `ci` of the pipeline's ServiceAccount to `roleRef`. */
function roleBinding(roleRef: { kind: string; name: string }): any {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'reader', namespace: 'ci' },
    subjects: [{ kind: 'ServiceAccount', name: 'pipe-runner', namespace: 'ci' }],
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef },
  };
}

describe('RBAC_NAMESPACED', () => {
  describeRule(RBAC_NAMESPACED, RuleId.RBAC_NAMESPACED, Severity.HIGH, false);

  test('applies to ClusterRoles, ClusterRoleBindings and RoleBindings', () => {
    expect(RBAC_NAMESPACED.appliesTo(clusterRole())).toBe(true);
    expect(RBAC_NAMESPACED.appliesTo({ kind: 'ClusterRoleBinding' })).toBe(true);
    expect(RBAC_NAMESPACED.appliesTo(roleBinding({ kind: 'Role', name: 'reader' }))).toBe(true);
    expect(RBAC_NAMESPACED.appliesTo(role(namedSecretRule()))).toBe(false);
    expect(RBAC_NAMESPACED.appliesTo({ kind: 'ServiceAccount' })).toBe(false);
  });

  test('compliant: a Role, and a RoleBinding to a Role', () => {
    expect(RBAC_NAMESPACED.check(role(namedSecretRule()))).toEqual([]);
    expect(RBAC_NAMESPACED.check(roleBinding({ kind: 'Role', name: 'reader' }))).toEqual([]);
  });

  test('non-compliant: a ClusterRole, even with harmless rules', () => {
    expect(RBAC_NAMESPACED.check(clusterRole(namedSecretRule()))).toEqual([{
      rule: RuleId.RBAC_NAMESPACED, kind: 'ClusterRole', name: 'reader', property: 'kind', value: 'ClusterRole', problem: 'is cluster-scoped',
    }]);
  });

  test('non-compliant: a ClusterRoleBinding', () => {
    const binding = { ...roleBinding({ kind: 'ClusterRole', name: 'view' }), kind: 'ClusterRoleBinding', metadata: { name: 'pipe-view' } };
    expect(RBAC_NAMESPACED.check(binding)).toEqual([{
      rule: RuleId.RBAC_NAMESPACED, kind: 'ClusterRoleBinding', name: 'pipe-view', property: 'kind', value: 'ClusterRoleBinding', problem: 'is cluster-scoped',
    }]);
  });

  test.each(['cluster-admin', 'admin', 'edit', 'view'])('non-compliant: a RoleBinding to ClusterRole %s', (name) => {
    expect(RBAC_NAMESPACED.check(roleBinding({ kind: 'ClusterRole', name }))).toEqual([{
      rule: RuleId.RBAC_NAMESPACED, kind: 'RoleBinding', name: 'reader', property: 'roleRef', value: `ClusterRole/${name}`, problem: 'binds a ClusterRole',
    }]);
  });

  test.each(['cluster-admin', 'admin', 'edit'])('non-compliant: a ClusterRoleBinding to %s', (name) => {
    const binding = { ...roleBinding({ kind: 'ClusterRole', name }), kind: 'ClusterRoleBinding', metadata: { name: 'pipe' } };
    expect(RBAC_NAMESPACED.check(binding)).toEqual([{
      rule: RuleId.RBAC_NAMESPACED, kind: 'ClusterRoleBinding', name: 'pipe', property: 'kind', value: 'ClusterRoleBinding', problem: 'is cluster-scoped',
    }]);
  });

  test('compliant: a RoleBinding to a namespaced Role that happens to be called cluster-admin (the binding reaches only that Role)', () => {
    expect(RBAC_NAMESPACED.check(roleBinding({ kind: 'Role', name: 'cluster-admin' }))).toEqual([]);
  });

  test('compliant: a roleRef kind the API server refuses (it accepts only Role and ClusterRole) binds nothing', () => {
    expect(RBAC_NAMESPACED.check(roleBinding({ kind: 'clusterrole', name: 'cluster-admin' }))).toEqual([]);
    expect(RBAC_NAMESPACED.check({ ...roleBinding({ kind: 'Role', name: 'x' }), roleRef: null })).toEqual([]);
  });

  test('non-compliant: a roleRef kind an event chooses (a TriggerTemplate\'s param), which may be ClusterRole', () => {
    expect(RBAC_NAMESPACED.check(roleBinding({ kind: '$(tt.params.kind)', name: 'view' }))).toEqual([{
      rule: RuleId.RBAC_NAMESPACED,
      kind: 'RoleBinding',
      name: 'reader',
      property: 'roleRef',
      value: '$(tt.params.kind)/view',
      problem: "holds $(tt.params.kind), which Tekton Triggers replaces with the event's value when it creates the object: the event chooses "
        + 'the kind of role bound, ClusterRole included',
    }]);
    // a Tekton variable is no variable in a RoleBinding: nothing replaces it there, and the API server refuses the kind
    expect(RBAC_NAMESPACED.check(roleBinding({ kind: '$(params.kind)', name: 'view' }))).toEqual([]);
    // text around it that ClusterRole cannot complete
    expect(RBAC_NAMESPACED.check(roleBinding({ kind: 'Role$(tt.params.suffix)', name: 'view' }))).toEqual([]);
  });

  describe("OpenShift's authorization.openshift.io RoleBinding (its roleRef names a ClusterRole when it has no namespace)", () => {
    const openshift = (roleRef: Record<string, unknown>): any => ({
      apiVersion: 'authorization.openshift.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'pipeline-admin', namespace: 'ci' },
      roleRef,
      subjects: [{ kind: 'ServiceAccount', name: 'build-bot', namespace: 'ci' }],
    });
    const FIX = 'Set roleRef.namespace to the binding\'s namespace ("ci") to bind the Role of that namespace, or write the binding as '
      + 'rbac.authorization.k8s.io/v1 with roleRef.kind Role; this rule cannot be relaxed.';
    const clusterRoleFinding = (value: string) => ({
      rule: RuleId.RBAC_NAMESPACED,
      kind: 'RoleBinding',
      name: 'pipeline-admin',
      property: 'roleRef',
      value,
      problem: 'has no namespace: authorization.openshift.io reads it as a ClusterRole, which the binding grants in its namespace',
      fix: FIX,
    });

    test('non-compliant: a roleRef without namespace (or an empty one), whatever its kind says', () => {
      expect(RBAC_NAMESPACED.check(openshift({ name: 'cluster-admin' }))).toEqual([clusterRoleFinding('cluster-admin')]);
      expect(RBAC_NAMESPACED.check(openshift({ kind: 'Role', name: 'edit', namespace: '' }))).toEqual([clusterRoleFinding('edit')]);
      expect(RBAC_NAMESPACED.check(openshift({ kind: 'Role', name: 'edit', namespace: null }))).toEqual([clusterRoleFinding('edit')]);
      expect(RBAC_NAMESPACED.check(openshift({ name: 'reader' }))).toEqual([clusterRoleFinding('reader')]);
    });

    test('non-compliant: a roleRef namespace an event may leave empty', () => {
      expect(RBAC_NAMESPACED.check(openshift({ name: 'reader', namespace: '$(tt.params.ns)' }))).toEqual([{
        rule: RuleId.RBAC_NAMESPACED,
        kind: 'RoleBinding',
        name: 'pipeline-admin',
        property: 'roleRef.namespace',
        value: '$(tt.params.ns)',
        problem: "holds $(tt.params.ns), which Tekton Triggers replaces with the event's value when it creates the object: an empty value makes "
          + 'the roleRef a ClusterRole (authorization.openshift.io reads a roleRef without namespace so)',
        fix: FIX,
      }]);
      expect(RBAC_NAMESPACED.check(openshift({ name: 'reader', namespace: 'ci-$(tt.params.ns)' }))).toEqual([]);
    });

    test("compliant: a roleRef with the binding's namespace names its Role, whatever its kind says", () => {
      expect(RBAC_NAMESPACED.check(openshift({ name: 'reader', namespace: 'ci' }))).toEqual([]);
      expect(RBAC_NAMESPACED.check(openshift({ kind: 'ClusterRole', name: 'cluster-admin', namespace: 'ci' }))).toEqual([]);
    });

    test("an rbac.authorization.k8s.io RoleBinding's roleRef namespace is no field of it: its kind decides", () => {
      expect(RBAC_NAMESPACED.check({ ...roleBinding({ kind: 'Role', name: 'reader' }), roleRef: { kind: 'Role', name: 'reader' } })).toEqual([]);
      expect(RBAC_NAMESPACED.check({ ...roleBinding({ kind: 'Role', name: 'reader' }), roleRef: { kind: 'ClusterRole', name: 'view', namespace: 'ci' } }))
        .toEqual([expect.objectContaining({ value: 'ClusterRole/view', problem: 'binds a ClusterRole' })]);
    });

    test('non-compliant: its ClusterRole and ClusterRoleBinding are cluster-scoped', () => {
      expect(RBAC_NAMESPACED.check({ ...openshift({ name: 'view' }), kind: 'ClusterRoleBinding', metadata: { name: 'pipe' } })).toEqual([{
        rule: RuleId.RBAC_NAMESPACED, kind: 'ClusterRoleBinding', name: 'pipe', property: 'kind', value: 'ClusterRoleBinding', problem: 'is cluster-scoped',
      }]);
    });
  });

  test('non-compliant: an aggregated ClusterRole is cluster-scoped too', () => {
    expect(RBAC_NAMESPACED.check({ ...clusterRole(), aggregationRule: { clusterRoleSelectors: [{}] } })).toEqual([{
      rule: RuleId.RBAC_NAMESPACED, kind: 'ClusterRole', name: 'reader', property: 'kind', value: 'ClusterRole', problem: 'is cluster-scoped',
    }]);
  });

  test('property: a finding exactly for ClusterRoles, ClusterRoleBindings and RoleBindings of a ClusterRole', () => {
    const object = fc.record({
      kind: fc.constantFrom('Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'ServiceAccount'),
      refKind: fc.constantFrom('Role', 'ClusterRole', 'clusterrole', undefined),
      refName: fc.constantFrom('cluster-admin', 'admin', 'edit', 'view', 'reader'),
    });
    fc.assert(fc.property(object, ({ kind, refKind, refName }) => {
      const manifest = { ...roleBinding({ kind: refKind as string, name: refName }), kind };
      const expected = kind === 'ClusterRole' || kind === 'ClusterRoleBinding' || (kind === 'RoleBinding' && refKind === 'ClusterRole');
      expect(RBAC_NAMESPACED.check(manifest).length).toBe(expected ? 1 : 0);
    }), { numRuns: 200 });
  });
});
