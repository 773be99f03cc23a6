import {
  aggregatedRulesOf, apiGroupMatches, bindingSubjects, eventMayBe, eventParam, isUrlWildcard, namesReach, policyRule, rbacRulesOf,
  resourceEntryMatches,
  resourceMatches, resourceNameMatches, roleRefKind, serviceAccountOfUserName, splitResource, verbMatches,
} from '../../src/private/rbac';

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

  describe("OpenShift's authorization.openshift.io objects, read as openshift-apiserver converts them to RBAC", () => {
    const OS = 'authorization.openshift.io/v1';

    test('a rule with attributeRestrictions (not null) grants nothing; a rule without apiGroups of verbs and resources * alone is apiGroups *', () => {
      const rules = [
        { verbs: ['list'], resources: ['secrets'], attributeRestrictions: { kind: 'IsPersonalSubjectAccessReview' } },
        { verbs: ['list'], resources: ['secrets'], attributeRestrictions: null },
        { verbs: ['*'], resources: ['*'] },
        { verbs: ['*'], resources: ['*'], apiGroups: [] },
        { verbs: ['*'], resources: ['*'], resourceNames: ['x'] },
      ];
      expect(rbacRulesOf({ apiVersion: OS, kind: 'Role', rules }).map((r) => [r.location, r.rule.apiGroups])).toEqual([
        ['rules[1]', ['']], ['rules[2]', ['*']], ['rules[3]', ['']], ['rules[4]', ['']],
      ]);
      // in rbac.authorization.k8s.io attributeRestrictions is no field, and a rule without apiGroups is refused (read as the core group)
      expect(rbacRulesOf({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', rules }).map((r) => [r.location, r.rule.apiGroups])).toEqual([
        ['rules[0]', ['']], ['rules[1]', ['']], ['rules[2]', ['']], ['rules[3]', ['']], ['rules[4]', ['']],
      ]);
      // a ClusterRole aggregated from one of the group drops its restricted rules too
      const a = { apiVersion: OS, kind: 'ClusterRole', metadata: { name: 'a' }, aggregationRule: { clusterRoleSelectors: [{}] }, rules: [] };
      const b = { apiVersion: OS, kind: 'ClusterRole', metadata: { name: 'b' }, rules };
      expect(aggregatedRulesOf(a, [a, b]).map((r) => r.location)).toEqual([
        "aggregated from ClusterRole 'b' rules[1]", "aggregated from ClusterRole 'b' rules[2]",
        "aggregated from ClusterRole 'b' rules[3]", "aggregated from ClusterRole 'b' rules[4]",
      ]);
    });

    test("a binding's roleRef: its kind in RBAC; in authorization.openshift.io a ClusterRole without namespace, else a Role", () => {
      expect(roleRefKind({ apiVersion: 'rbac.authorization.k8s.io/v1', roleRef: { kind: 'Role', name: 'x' } })).toBe('Role');
      expect(roleRefKind({ apiVersion: OS, roleRef: { kind: 'Role', name: 'x' } })).toBe('ClusterRole');
      expect(roleRefKind({ apiVersion: OS, roleRef: { kind: 'ClusterRole', name: 'x', namespace: 'ci' } })).toBe('Role');
      expect(roleRefKind({ apiVersion: OS })).toBe('ClusterRole');
    });

    test("a binding's subjects: userNames and groupNames when either is set, else subjects with SystemUser and SystemGroup as User and Group", () => {
      const subjects = [{ kind: 'SystemGroup', name: 'system:authenticated' }, { kind: 'ServiceAccount', name: 'sa' }, 'x'];
      expect(bindingSubjects({ apiVersion: OS, subjects, userNames: ['system:serviceaccount:ci:sa'], groupNames: ['g'] })).toEqual([
        { property: 'userNames[0]', subject: { kind: 'ServiceAccount', namespace: 'ci', name: 'sa' }, value: 'system:serviceaccount:ci:sa' },
        { property: 'groupNames[0]', subject: { kind: 'Group', name: 'g' }, value: 'g' },
      ]);
      expect(bindingSubjects({ apiVersion: OS, subjects, userNames: [] })).toEqual([]);
      expect(bindingSubjects({ apiVersion: OS, subjects, userNames: null })).toEqual([
        { property: 'subjects[0]', subject: { kind: 'Group', name: 'system:authenticated' }, value: 'SystemGroup system:authenticated' },
        { property: 'subjects[1]', subject: { kind: 'ServiceAccount', name: 'sa' }, value: 'ServiceAccount sa' },
        { property: 'subjects[2]', subject: 'x', value: 'undefined undefined' },
      ]);
      // not of the group: subjects as written
      expect(bindingSubjects({ apiVersion: 'rbac.authorization.k8s.io/v1', subjects, userNames: ['u'] }).map((s) => s.subject)).toEqual(subjects);
    });

    test("a user name is a ServiceAccount as openshift-apiserver's SplitUsername reads it: two parts, a DNS-1123 label and a DNS-1123 subdomain", () => {
      expect(serviceAccountOfUserName('system:serviceaccount:tekton-chains:tekton-chains-controller')).toEqual({ namespace: 'tekton-chains', name: 'tekton-chains-controller' });
      expect(serviceAccountOfUserName('system:serviceaccount:ci:a.b')).toEqual({ namespace: 'ci', name: 'a.b' });
      for (const name of ['system:serviceaccount:ci', 'system:serviceaccount:ci:sa:x', 'system:serviceaccount::sa', 'system:serviceaccount:ci:',
        'system:serviceaccount:a.b:sa', 'system:serviceaccount:CI:sa', `system:serviceaccount:${'n'.repeat(64)}:sa`, 'system:serviceaccounts:ci:sa',
        'alice', 7, null]) {
        expect(serviceAccountOfUserName(name)).toBeUndefined();
      }
      // in userNames such a name stays a User
      expect(bindingSubjects({ apiVersion: OS, userNames: ['system:serviceaccount:ci:sa:x', 'system:serviceaccount:CI:sa'] }).map((s) => s.subject)).toEqual([
        { kind: 'User', name: 'system:serviceaccount:ci:sa:x' }, { kind: 'User', name: 'system:serviceaccount:CI:sa' },
      ]);
    });
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

  describe('aggregatedRulesOf: what the aggregation controller writes into a ClusterRole with an aggregationRule', () => {
    const cr = (name: string, labels: Record<string, any> | undefined, verbs: string[], more: Record<string, any> = {}) =>
      ({ kind: 'ClusterRole', metadata: { name, ...(labels === undefined ? {} : { labels }) }, rules: [{ apiGroups: [''], resources: ['pods'], verbs }], ...more });
    const aggregating = (name: string, selectors: any[], labels?: Record<string, any>) => cr(name, labels, ['get'], { rules: [], aggregationRule: { clusterRoleSelectors: selectors } });
    const at = (m: any, manifests: any[]) => aggregatedRulesOf(m, manifests).map((r) => `${r.location}: ${r.rule.verbs.join(',')}`);

    test('the rules of every other ClusterRole a selector matches (matchLabels, matchExpressions, {} every one)', () => {
      const a = aggregating('a', [{ matchLabels: { team: 'ci' } }, { matchExpressions: [{ key: 'extra', operator: 'Exists' }] }]);
      const manifests = [a, cr('b', { team: 'ci' }, ['list']), cr('c', { team: 'cd' }, ['watch']), cr('d', { extra: '' }, ['delete']), cr('e', undefined, ['patch']),
        { ...cr('f', { team: 'ci' }, ['create']), kind: 'Role' }];
      expect(at(a, manifests)).toEqual(["aggregated from ClusterRole 'b' rules[0]: list", "aggregated from ClusterRole 'd' rules[0]: delete"]);
      const all = aggregating('all', [{}]);
      expect(at(all, [all, ...manifests.slice(1)])).toEqual(['b: list', 'c: watch', 'd: delete', 'e: patch']
        .map((x) => `aggregated from ClusterRole '${x.split(':')[0]}' rules[0]:${x.split(':')[1]}`));
    });

    test('itself (by name) never; a matched aggregating ClusterRole gives what it aggregates, cycles once', () => {
      const a = aggregating('a', [{ matchLabels: { tier: '1' } }], { tier: '1' });
      const b = aggregating('b', [{ matchLabels: { tier: '2' } }, { matchLabels: { tier: '1' } }], { tier: '1' });
      const c = cr('c', { tier: '2' }, ['escalate']);
      expect(at(a, [a, { ...a }, b, c])).toEqual(["aggregated from ClusterRole 'c' rules[0]: escalate"]);
    });

    test('a selector the API server refuses, or labels that are not label values, may match: their rules are taken', () => {
      const a = aggregating('a', [{ matchExpressions: [{ key: 'x', operator: 'Bogus' }] }]);
      const b = aggregating('b', [{ matchLabels: { x: 'y' } }]);
      // the location says why it may match
      expect(at(a, [a, cr('c', { z: 'w' }, ['get'])])).toEqual(["aggregated from ClusterRole 'c' rules[0] (a selector the API server refuses may match it: "
        + 'aggregationRule.clusterRoleSelectors[0].matchExpressions[0].operator "Bogus" is not In, NotIn, Exists or DoesNotExist): get']);
      expect(at(b, [b, cr('c', { x: 3 } as any, ['get']), cr('d', { x: 'z' }, ['list'])]))
        .toEqual(["aggregated from ClusterRole 'c' rules[0] (its labels are not all label values, which a selector may match): get"]);
      // In without values, in a ClusterRole another aggregates: named by that ClusterRole
      const top = aggregating('top', [{ matchLabels: { tier: 'mid' } }]);
      const mid = aggregating('mid', [{ matchExpressions: [{ key: 'team', operator: 'In', values: [] }] }], { tier: 'mid' });
      expect(at(top, [top, mid, cr('c', { team: 'x' }, ['list'])])).toEqual(["aggregated from ClusterRole 'c' rules[0] (a selector the API server refuses may match it: "
        + "ClusterRole 'mid' aggregationRule.clusterRoleSelectors[0].matchExpressions[0] (In) has no values): list"]);
      // through a ClusterRole that only such a selector may match: the note holds for what that one aggregates
      const refusing = aggregating('refusing', [{ matchExpressions: [{ key: 'team', operator: 'In', values: [] }] }]);
      const sure = aggregating('sure', [{ matchLabels: { team: '' } }], { tier: 'x' });
      expect(at(refusing, [refusing, sure, cr('c', { team: '' }, ['list'])])).toEqual([
        "aggregated from ClusterRole 'c' rules[0] (a selector the API server refuses may match it: aggregationRule.clusterRoleSelectors[0].matchExpressions[0] (In) has no values): list",
      ]);
      // a selector that surely matches it besides one that is not read: no such note
      const both = aggregating('both', [{ matchExpressions: [{ key: 'x', operator: 'Bogus' }] }, { matchLabels: { z: 'w' } }]);
      expect(at(both, [both, cr('c', { z: 'w' }, ['get'])])).toEqual(["aggregated from ClusterRole 'c' rules[0]: get"]);
    });

    test('nothing for a ClusterRole without an aggregationRule (or a null one), or a Role', () => {
      const manifests = [cr('b', {}, ['list'])];
      expect(aggregatedRulesOf(cr('a', undefined, ['get']), manifests)).toEqual([]);
      expect(aggregatedRulesOf(cr('a', undefined, ['get'], { aggregationRule: null }), manifests)).toEqual([]);
      expect(aggregatedRulesOf({ kind: 'Role', aggregationRule: { clusterRoleSelectors: [{}] } }, manifests)).toEqual([]);
    });

    test('rbacRulesOf keeps the own rules, then the aggregated ones, with the objects checked together only', () => {
      const a = { ...aggregating('a', [{}]), rules: [{ verbs: ['get'] }] };
      const b = cr('b', {}, ['list']);
      expect(rbacRulesOf(a).map((r) => r.location)).toEqual(['rules[0]']);
      expect(rbacRulesOf(a, [a, b]).map((r) => r.location)).toEqual(['rules[0]', "aggregated from ClusterRole 'b' rules[0]"]);
    });
  });
});

describe('eventParam and eventMayBe: a TriggerTemplate param as Tekton Triggers replaces it', () => {
  test('the dotted $(tt.params.<name>) alone: Triggers leaves a bracketed one as written', () => {
    expect(eventParam('get-$(tt.params.verb)')).toBe('$(tt.params.verb)');
    expect(eventParam('$(tt.params["verb"])')).toBeUndefined();
    expect(eventParam("$(tt.params['verb'])")).toBeUndefined();
    expect(eventParam('$(params.verb)')).toBeUndefined();
    expect(eventParam(undefined)).toBeUndefined();
  });

  test('each param any text, quotes and newlines included (Triggers pastes an event\'s string escaped as JSON), the text around it as written', () => {
    expect(eventMayBe('$(tt.params.v)', '*')).toBe(true);
    expect(eventMayBe('$(tt.params.a)$(tt.params.b)', '*')).toBe(true);
    expect(eventMayBe('x$(tt.params.v)', '*')).toBe(false);
    expect(eventMayBe('$(tt.params.v)', 'a"\nb')).toBe(true);
    expect(eventMayBe('$(tt.params["v"])', '*')).toBe(false);
  });
});
