/**
 * --profile platform: the RBAC of Tekton's and Chains' own controllers (held only by
 * ServiceAccounts of the platform namespaces) is accepted; everything else is judged as strict.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { audit } from '../../src/cli/audit';
import { platformAcceptance } from '../../src/cli/profile';

const PLATFORM = path.join(__dirname, '..', 'fixtures', 'audit', 'real', 'platform');
const report = (options: Record<string, unknown>) => JSON.parse(audit([PLATFORM], { format: 'json', ...options }).stdout);
const statuses = (r: any) => r.findings.map((f: any) => `${f.status} ${f.object} ${f.rule}`);

describe('audit profiles', () => {
  test('strict (the default): every RBAC finding fails', () => {
    const r = report({});
    expect(r.profile).toBe('strict');
    expect(r.summary).toMatchObject({ failed: 13, accepted: 0 });
  });

  test('platform: the controller\'s ClusterRole, its binding and the leader-election Role in tekton-pipelines are accepted', () => {
    const r = report({ profile: 'platform' });
    expect(r.profile).toBe('platform');
    expect([...new Set(statuses(r))].sort()).toEqual([
      'accepted ClusterRole/tekton-pipelines-controller-cluster-access RBAC_NAMESPACED',
      'accepted ClusterRole/tekton-pipelines-controller-cluster-access RBAC_NO_ESCALATION',
      'accepted ClusterRole/tekton-pipelines-controller-cluster-access RBAC_NO_WILDCARD',
      'accepted ClusterRoleBinding/tekton-pipelines-controller-cluster-access RBAC_NAMESPACED',
      'accepted Role/tekton-pipelines/tekton-pipelines-leader-election RBAC_NO_WILDCARD',
      // aggregated into the built-in edit role: every user with edit holds it
      'failed ClusterRole/tekton-aggregate-edit RBAC_NAMESPACED',
      'failed ClusterRole/tekton-aggregate-edit RBAC_NO_ESCALATION',
      // create only, on runs: resourceNames cannot limit a create, so no RBAC_NO_WILDCARD
      // a pipeline identity's Role: "" with create and list reaches every ConfigMap
      'failed Role/ci/deployer RBAC_NO_ESCALATION',
      'failed Role/ci/deployer RBAC_NO_WILDCARD',
    ]);
    const accepted = r.findings.find((f: any) => f.status === 'accepted' && f.kind === 'ClusterRole');
    expect(accepted.acceptedBy).toEqual({ profile: 'platform', reason: 'bound only to ServiceAccounts of platform namespaces' });
    const text = audit([PLATFORM], { profile: 'platform' }).stdout;
    expect(text).toContain(': ACCEPTED ClusterRoleBinding/tekton-pipelines-controller-cluster-access: kind "ClusterRoleBinding" is cluster-scoped [RBAC_NAMESPACED]. accepted by the platform profile: binds only ServiceAccounts of platform namespaces');
    expect(text.trim().split('\n').pop()).toBe('2 files, 6 objects: 4 findings failed, 0 relaxed, 9 accepted by the profile');
  });

  test('a ClusterRole is accepted only when every binding among the files binds platform ServiceAccounts, and at least one does', () => {
    const role = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' }, rules: [] };
    const binding = (ns: string, name = 'b') => ({ kind: 'ClusterRoleBinding', metadata: { name }, roleRef: { kind: 'ClusterRole', name: 'r' }, subjects: [{ kind: 'ServiceAccount', name: 'sa', namespace: ns }] });
    expect(platformAcceptance([role])[0]).toBeUndefined();
    expect(platformAcceptance([role, binding('tekton-chains')])[0]).toBe('bound only to ServiceAccounts of platform namespaces');
    expect(platformAcceptance([role, binding('tekton-chains'), binding('ci', 'b2')])[0]).toBeUndefined();
    const users = { ...binding('tekton-pipelines'), subjects: [{ kind: 'Group', name: 'system:authenticated' }] };
    expect(platformAcceptance([role, users])).toEqual([undefined, undefined]);
    // other platform namespaces can be named
    expect(platformAcceptance([role, binding('openshift-pipelines')], ['openshift-pipelines'])[0]).toBe('bound only to ServiceAccounts of platform namespaces');
  });

  test("OpenShift's authorization.openshift.io bindings are read as the API server converts them: roleRef by namespace, userNames and groupNames as subjects", () => {
    const role = { apiVersion: 'authorization.openshift.io/v1', kind: 'ClusterRole', metadata: { name: 'r' }, rules: [] };
    const binding = (fields: Record<string, unknown>) => ({
      apiVersion: 'authorization.openshift.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'b' },
      roleRef: { name: 'r' },
      subjects: [{ kind: 'ServiceAccount', name: 'sa', namespace: 'tekton-chains' }],
      ...fields,
    });
    // a roleRef without namespace names the ClusterRole, whatever its kind says
    expect(platformAcceptance([role, binding({})])).toEqual(['bound only to ServiceAccounts of platform namespaces', 'binds only ServiceAccounts of platform namespaces']);
    expect(platformAcceptance([role, binding({ roleRef: { kind: 'Role', name: 'r' } })])[0]).toBe('bound only to ServiceAccounts of platform namespaces');
    // userNames and groupNames replace subjects
    expect(platformAcceptance([role, binding({ groupNames: ['system:authenticated'] })])).toEqual([undefined, undefined]);
    expect(platformAcceptance([role, binding({ userNames: ['system:serviceaccount:ci:sa'] })])).toEqual([undefined, undefined]);
  });

  test("a userNames entry system:serviceaccount:<ns>:<name> is that ServiceAccount (openshift-apiserver's BuildSubjects), and so is an RBAC User of that name", () => {
    const accepted = ['bound only to ServiceAccounts of platform namespaces', 'binds only ServiceAccounts of platform namespaces'];
    const role = { apiVersion: 'authorization.openshift.io/v1', kind: 'ClusterRole', metadata: { name: 'r' }, rules: [] };
    const binding = (fields: Record<string, unknown>) => ({
      apiVersion: 'authorization.openshift.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'b' }, roleRef: { name: 'r' }, ...fields,
    });
    expect(platformAcceptance([role, binding({ userNames: ['system:serviceaccount:tekton-chains:sa'] })])).toEqual(accepted);
    expect(platformAcceptance([role, binding({ userNames: ['system:serviceaccount:tekton-chains:sa', 'system:serviceaccount:tekton-pipelines:c'], groupNames: [] })]))
      .toEqual(accepted);
    // any other subject among them, or a name SplitUsername does not read (a User of that name, no ServiceAccount), keeps the findings
    expect(platformAcceptance([role, binding({ userNames: ['system:serviceaccount:tekton-chains:sa', 'alice'] })])).toEqual([undefined, undefined]);
    expect(platformAcceptance([role, binding({ userNames: ['system:serviceaccount:tekton-chains:sa'], groupNames: ['g'] })])).toEqual([undefined, undefined]);
    expect(platformAcceptance([role, binding({ userNames: ['system:serviceaccount:tekton-chains:sa:x'] })])).toEqual([undefined, undefined]);
    expect(platformAcceptance([role, binding({ userNames: ['system:serviceaccount:tekton-chains'] })])).toEqual([undefined, undefined]);
    // the RBAC authorizer gives a User subject of a ServiceAccount's user name to that ServiceAccount alone
    const rbacRole = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' }, rules: [] };
    const rbacBinding = (name: string) => ({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'b' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'r' },
      subjects: [{ kind: 'User', name }],
    });
    expect(platformAcceptance([rbacRole, rbacBinding('system:serviceaccount:tekton-pipelines:tekton-pipelines-controller')])).toEqual(accepted);
    expect(platformAcceptance([rbacRole, rbacBinding('system:serviceaccount:ci:sa')])).toEqual([undefined, undefined]);
    expect(platformAcceptance([rbacRole, rbacBinding('tekton-pipelines-controller')])).toEqual([undefined, undefined]);
  });

  test('being in a platform namespace accepts nothing: who is bound decides', () => {
    // Chains' signing key is a Secret in tekton-chains: a binding there that grants it to every user is judged as strict
    const secrets = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'read-secrets', namespace: 'tekton-chains' },
      rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] }],
    };
    const everyone = {
      kind: 'RoleBinding',
      metadata: { name: 'everyone', namespace: 'tekton-chains' },
      roleRef: { kind: 'Role', name: 'read-secrets' },
      subjects: [{ kind: 'Group', name: 'system:authenticated' }],
    };
    expect(platformAcceptance([secrets, everyone])).toEqual([undefined, undefined]);
    // the same ClusterRole granted there through a RoleBinding
    const cluster = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'read-secrets' }, rules: secrets.rules };
    const viaClusterRole = { ...everyone, roleRef: { kind: 'ClusterRole', name: 'read-secrets' } };
    expect(platformAcceptance([cluster, viaClusterRole])).toEqual([undefined, undefined]);
    // an unbound Role in a platform namespace: who holds it is not known
    expect(platformAcceptance([secrets])).toEqual([undefined]);
    // held by the controller (a subject without a namespace is in the binding's): accepted
    const controller = { ...everyone, metadata: { name: 'controller', namespace: 'tekton-chains' }, subjects: [{ kind: 'ServiceAccount', name: 'tekton-chains-controller' }] };
    expect(platformAcceptance([secrets, controller])).toEqual(['bound only to ServiceAccounts of platform namespaces', 'binds only ServiceAccounts of platform namespaces']);
    // a Role is bound by RoleBindings of its own namespace only
    const elsewhere = { ...controller, metadata: { name: 'controller', namespace: 'ci' } };
    expect(platformAcceptance([secrets, elsewhere])[0]).toBeUndefined();
    // once anyone else is bound too, neither the Role nor that binding is accepted
    expect(platformAcceptance([secrets, controller, everyone])).toEqual([undefined, 'binds only ServiceAccounts of platform namespaces', undefined]);
    // a binding without a namespace lands where it is applied (kubectl -n tekton-chains): it may bind the Role too
    const anywhere = { ...everyone, metadata: { name: 'everyone' } };
    expect(platformAcceptance([secrets, controller, anywhere])).toEqual([undefined, 'binds only ServiceAccounts of platform namespaces', undefined]);
    // and a Role without a namespace may be bound by a binding of any namespace
    const roleAnywhere = { ...secrets, metadata: { name: 'read-secrets' } };
    expect(platformAcceptance([roleAnywhere, controller, everyone])).toEqual([undefined, 'binds only ServiceAccounts of platform namespaces', undefined]);
    expect(platformAcceptance([roleAnywhere, controller])[0]).toBe('bound only to ServiceAccounts of platform namespaces');
  });

  test('a binding is accepted only with its role among the audited objects: cluster-admin, unseen, is judged as strict', () => {
    const admin = {
      kind: 'ClusterRoleBinding',
      metadata: { name: 'controller-admin' },
      roleRef: { kind: 'ClusterRole', name: 'cluster-admin' },
      subjects: [{ kind: 'ServiceAccount', name: 'tekton-pipelines-controller', namespace: 'tekton-pipelines' }],
    };
    expect(platformAcceptance([admin])).toEqual([undefined]);
    // a file that names a ClusterRole cluster-admin is a decoy: the API server keeps its own (and kubectl may not read the file)
    const decoy = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'cluster-admin' }, rules: [] };
    expect(platformAcceptance([admin, decoy])).toEqual([undefined, undefined]);
    for (const name of ['admin', 'edit', 'view', 'system:controller:job-controller']) {
      const b = { ...admin, roleRef: { kind: 'ClusterRole', name } };
      expect(platformAcceptance([b, { ...decoy, metadata: { name } }])).toEqual([undefined, undefined]);
    }
    // so is a "role" of another API group
    const own = { ...admin, roleRef: { kind: 'ClusterRole', name: 'controller-access' } };
    const notRbac = { ...decoy, apiVersion: 'decoy.example.com/v1', metadata: { name: 'controller-access' } };
    expect(platformAcceptance([own, notRbac])).toEqual([undefined, undefined]);
    // the controller's own ClusterRole, among the files: both accepted
    const role = { ...decoy, metadata: { name: 'controller-access' } };
    expect(platformAcceptance([own, role])).toEqual(['binds only ServiceAccounts of platform namespaces', 'bound only to ServiceAccounts of platform namespaces']);
    // a RoleBinding's Role is the one of its own namespace
    const lease = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'lease', namespace: 'ci' }, rules: [] };
    const rb = { kind: 'RoleBinding', metadata: { name: 'lease', namespace: 'tekton-pipelines' }, roleRef: { kind: 'Role', name: 'lease' }, subjects: [{ kind: 'ServiceAccount', name: 'c' }] };
    expect(platformAcceptance([lease, rb])).toEqual([undefined, undefined]);
  });

  test('the audit fails a platform-namespace binding that grants every user the signing Secrets', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'profile-'));
    try {
      fs.writeFileSync(path.join(dir, 'grant.yaml'), [
        'apiVersion: rbac.authorization.k8s.io/v1', 'kind: Role', 'metadata: {name: read-secrets, namespace: tekton-chains}',
        'rules: [{apiGroups: [""], resources: [secrets], verbs: [get, list]}]', '---',
        'apiVersion: rbac.authorization.k8s.io/v1', 'kind: RoleBinding', 'metadata: {name: everyone, namespace: tekton-chains}',
        'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: read-secrets}', 'subjects: [{kind: Group, name: "system:authenticated"}]', '',
      ].join('\n'));
      const r = JSON.parse(audit([dir], { format: 'json', profile: 'platform' }).stdout);
      expect([...new Set(statuses(r))].sort()).toEqual([
        // it reaches Chains' signing key, lists Secrets, names none, and is bound to every user
        'failed Role/tekton-chains/read-secrets RBAC_NO_ESCALATION',
        'failed Role/tekton-chains/read-secrets RBAC_NO_SECRET_LISTING',
        'failed Role/tekton-chains/read-secrets RBAC_NO_WILDCARD',
        'failed RoleBinding/tekton-chains/everyone RBAC_NAMED_SUBJECTS',
      ]);
      expect(r.summary.accepted).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('only the RBAC rules are accepted: other rules on platform objects still count', () => {
    const r = JSON.parse(audit([path.join(__dirname, '..', 'fixtures', 'audit', 'real')], { format: 'json', profile: 'platform' }).stdout);
    expect(r.findings.filter((f: any) => f.status === 'accepted').every((f: any) => f.rule.startsWith('RBAC_'))).toBe(true);
    expect(r.findings.some((f: any) => f.status === 'failed' && f.rule === 'RUN_TIMEOUT')).toBe(true);
  });
});
