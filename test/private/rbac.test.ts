import { apiGroupMatches, isUrlWildcard, namesReach, policyRule, rbacRulesOf, resourceEntryMatches, resourceMatches, resourceNameMatches, splitResource, verbMatches } from '../../src/private/rbac';

describe('private/rbac: PolicyRules read as the RBAC authorizer reads them', () => {
  test('a rule without apiGroups is the core group; a null entry is "", an entry of another type is dropped', () => {
    expect(policyRule({ verbs: ['get', null, 3], resources: ['secrets'], resourceNames: [null] })).toEqual({
      verbs: ['get', ''], apiGroups: [''], resources: ['secrets'], resourceNames: [''], nonResourceURLs: [],
    });
    expect(policyRule({ apiGroups: [null, 'apps'] }).apiGroups).toEqual(['', 'apps']);
    expect(policyRule(undefined).apiGroups).toEqual(['']);
  });

  test('the rules of Roles and ClusterRoles only, each with its location', () => {
    expect(rbacRulesOf({ kind: 'Role', rules: [{ verbs: ['get'] }, { verbs: ['list'] }] }).map((r) => [r.location, r.rule.verbs])).toEqual([
      ['rules[0]', ['get']], ['rules[1]', ['list']],
    ]);
    expect(rbacRulesOf({ kind: 'RoleBinding', rules: [{ verbs: ['get'] }] })).toEqual([]);
  });

  test('verbs and API groups: exact and case-sensitive, * as a whole entry only', () => {
    const rule = policyRule({ verbs: ['get', 'Create'], apiGroups: ['', 'apps'] });
    expect([verbMatches(rule, 'get'), verbMatches(rule, 'create'), verbMatches(rule, 'list')]).toEqual([true, false, false]);
    expect(verbMatches(policyRule({ verbs: ['*'] }), 'impersonate')).toBe(true);
    // the verb of a method the API server does not name (OPTIONS) is "", which a "" verb matches
    expect([verbMatches(policyRule({ verbs: [''] }), ''), verbMatches(policyRule({ verbs: ['get'] }), '')]).toEqual([true, false]);
    expect([apiGroupMatches(rule, ''), apiGroupMatches(rule, 'apps'), apiGroupMatches(rule, 'batch')]).toEqual([true, true, false]);
    expect(apiGroupMatches(policyRule({ apiGroups: ['*'] }), 'rbac.authorization.k8s.io')).toBe(true);
    expect(apiGroupMatches(policyRule({ apiGroups: ['apps*'] }), 'apps')).toBe(false);
  });

  test('resources: * matches every resource and subresource, */<sub> that subresource of every resource, <res>/* nothing', () => {
    expect([resourceEntryMatches('*', 'pods', ''), resourceEntryMatches('*', 'pods', 'exec')]).toEqual([true, true]);
    expect([resourceEntryMatches('*/exec', 'pods', 'exec'), resourceEntryMatches('*/exec', 'widgets', 'exec'), resourceEntryMatches('*/exec', 'pods', '')])
      .toEqual([true, true, false]);
    expect([resourceEntryMatches('pods/*', 'pods', 'exec'), resourceEntryMatches('*/*', 'pods', 'exec'), resourceEntryMatches('*/', 'pods', '')])
      .toEqual([false, false, false]);
    expect([resourceEntryMatches('pods', 'pods', ''), resourceEntryMatches('pods', 'pods', 'exec'), resourceEntryMatches('pods/exec', 'pods', 'exec')])
      .toEqual([true, false, true]);
    expect([resourceEntryMatches('Pods', 'pods', ''), resourceEntryMatches('pods/EXEC', 'pods', 'exec')]).toEqual([false, false]);
    expect(resourceMatches(policyRule({ resources: ['configmaps', '*/token'] }), 'serviceaccounts', 'token')).toBe(true);
  });

  test('resourceNames: none matches every name; "" matches the requests that name no object (create, list, watch, deletecollection)', () => {
    const any = policyRule({ verbs: ['*'], resources: ['secrets'] });
    expect([namesReach(any, 'get', 'x'), resourceNameMatches(any, 'x')]).toEqual([true, true]);
    const empty = policyRule({ verbs: ['*'], resources: ['secrets'], resourceNames: [''] });
    expect(['create', 'list', 'watch', 'deletecollection', '*'].map((v) => namesReach(empty, v, 'signing-secrets'))).toEqual([true, true, true, true, true]);
    // get, update, patch, delete, bind, approve, sign and attest always carry a name: "" never matches them
    expect(['get', 'update', 'patch', 'delete', 'bind', 'approve', 'sign', 'attest'].map((v) => namesReach(empty, v, 'signing-secrets')))
      .toEqual([false, false, false, false, false, false, false, false]);
    const named = policyRule({ verbs: ['*'], resources: ['secrets'], resourceNames: ['signing-secrets', '*'] });
    // a list or watch selecting the name by metadata.name, a server-side apply: the name; a deletecollection never carries one
    expect(['get', 'list', 'create', 'deletecollection'].map((v) => namesReach(named, v, 'signing-secrets'))).toEqual([true, true, true, false]);
    // * in resourceNames is a name, not a wildcard
    expect([namesReach(named, 'get', 'other'), resourceNameMatches(named, 'other'), resourceNameMatches(named, '*')]).toEqual([false, false, true]);
  });

  test('nonResourceURLs: * and a trailing * are wildcards', () => {
    expect(['*', '/api/*', '/healthz', '/logs*x'].map(isUrlWildcard)).toEqual([true, true, false, false]);
  });

  test('a resources entry split at its first slash', () => {
    expect([splitResource('pods'), splitResource('pods/exec'), splitResource('*/token'), splitResource('a/b/c')]).toEqual([
      { resource: 'pods', subresource: '' }, { resource: 'pods', subresource: 'exec' }, { resource: '*', subresource: 'token' },
      { resource: 'a', subresource: 'b/c' },
    ]);
  });
});
