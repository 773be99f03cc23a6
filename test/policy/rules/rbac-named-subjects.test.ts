import { describeRule } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { ruleContext } from '../../../src/policy/engine/context';
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

  test('compliant: dedicated ServiceAccounts (of any namespace), named users and the identity provider\'s groups', () => {
    expect(RBAC_NAMED_SUBJECTS.check(binding('RoleBinding',
      { kind: 'ServiceAccount', name: 'pipeline', namespace: 'ci' },
      { kind: 'ServiceAccount', name: 'system:serviceaccounts' },
      { kind: 'ServiceAccount', name: 'Default', namespace: 'ci' },
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'alice@example.com' },
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'system:serviceaccount:ci:pipeline' },
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'default' },
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'system:serviceaccount:default:pipeline' },
      group('platform-admins'),
      group('default'),
      null, 'x', { kind: 'Group' },
    ))).toEqual([]);
    expect(RBAC_NAMED_SUBJECTS.check(binding('RoleBinding'))).toEqual([]);
  });

  test('non-compliant: a subject an event chooses (a TriggerTemplate\'s param in its kind, name or namespace)', () => {
    const chosen = (param: string, who = 'the group of every user (system:authenticated) included') => `holds ${param}, which Tekton Triggers `
      + `replaces with the event's value when it creates the object: the event chooses who gets the role, ${who}`;
    const FIX = 'Name the subject in the template, not with a param of the event: the ServiceAccount (or named user or group) that needs the role.';
    expect(RBAC_NAMED_SUBJECTS.check(binding('RoleBinding',
      group('$(tt.params.team)'),
      { kind: 'ServiceAccount', name: 'pipeline', namespace: '$(tt.params.namespace)' },
      { kind: 'ServiceAccount', name: 'pipeline', namespace: 'pr-$(tt.params.number)' },
      { kind: '$(tt.params.kind)', name: 'pipeline' },
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: '$(tt.params.user)' },
      { kind: 'ServiceAccount', name: 'pipeline', namespace: 'ci' },
      { kind: 'ServiceAccount', name: '$(params.account)', namespace: 'ci' },
      group('team-$(tt.params.team)'),
      // the authorizer reads no namespace of a user or group
      { ...group('platform-admins'), namespace: '$(tt.params.namespace)' },
    ))).toEqual([
      { ...finding(0, 'Group $(tt.params.team)', ''), problem: chosen('$(tt.params.team)'), fix: FIX },
      { ...finding(1, 'ServiceAccount pipeline', ''), problem: chosen('$(tt.params.namespace)', "the ServiceAccount 'pipeline' of any namespace"), fix: FIX },
      {
        ...finding(2, 'ServiceAccount pipeline', ''),
        problem: chosen('$(tt.params.number)', 'the ServiceAccount \'pipeline\' of any namespace whose name fits "pr-…"'),
        fix: FIX,
      },
      {
        ...finding(3, '$(tt.params.kind) pipeline', ''),
        problem: chosen('$(tt.params.kind)', "a user, group or ServiceAccount named 'pipeline', whichever the event says"),
        fix: FIX,
      },
      {
        ...finding(4, 'User $(tt.params.user)', ''),
        problem: chosen('$(tt.params.user)', 'anonymous requests (system:anonymous) and any ServiceAccount (system:serviceaccount:<namespace>:<name>) included'),
        fix: FIX,
      },
      { ...finding(7, 'Group team-$(tt.params.team)', ''), problem: chosen('$(tt.params.team)', 'any group whose name fits "team-…"'), fix: FIX },
    ]);
  });

  describe("OpenShift's authorization.openshift.io bindings (userNames and groupNames are subjects, and replace `subjects`)", () => {
    const openshift = (kind: string, fields: Record<string, unknown>) => ({
      apiVersion: 'authorization.openshift.io/v1', kind, metadata: { name: 'read-key', namespace: 'ci' }, roleRef: { name: 'read-key', namespace: 'ci' }, ...fields,
    });
    const at = (property: string, value: string, who: string, kind = 'RoleBinding') => ({ ...finding(0, value, who, kind), property });

    test('non-compliant: groupNames and userNames of every user, anonymous requests or a default ServiceAccount', () => {
      expect(RBAC_NAMED_SUBJECTS.check(openshift('RoleBinding', {
        groupNames: ['system:authenticated'], userNames: ['system:anonymous', 'system:serviceaccount:ci:default', 'alice'], subjects: [],
      }))).toEqual([
        at('userNames[0]', 'system:anonymous', 'every request without credentials (anonymous requests are on by default)'),
        {
          ...at('userNames[1]', 'system:serviceaccount:ci:default', "the default ServiceAccount of namespace 'ci', which the API server gives every pod there "
            + 'that names no ServiceAccount (and Tekton every run that names none, unless config-defaults names another)'),
          fix: 'Bind the role to a dedicated ServiceAccount, named by the pods or runs that need it (SecurePipeline creates one).',
        },
        at('groupNames[0]', 'system:authenticated', 'every authenticated user and ServiceAccount of the cluster'),
      ]);
      expect(RBAC_NAMED_SUBJECTS.check(openshift('ClusterRoleBinding', { groupNames: ['system:serviceaccounts'] })))
        .toEqual([at('groupNames[0]', 'system:serviceaccounts', "every ServiceAccount of the cluster, every other pipeline's included", 'ClusterRoleBinding')]);
    });

    test("system:authenticated:oauth is every user OpenShift's OAuth server logs in, in groupNames and as an RBAC Group alike", () => {
      const oauth = "every user who logs in to the cluster through OpenShift's OAuth server";
      expect(RBAC_NAMED_SUBJECTS.check(openshift('RoleBinding', { groupNames: ['system:authenticated:oauth'] })))
        .toEqual([at('groupNames[0]', 'system:authenticated:oauth', oauth)]);
      expect(RBAC_NAMED_SUBJECTS.check(openshift('RoleBinding', { subjects: [{ kind: 'SystemGroup', name: 'system:authenticated:oauth' }] })))
        .toEqual([at('subjects[0]', 'SystemGroup system:authenticated:oauth', oauth)]);
      expect(RBAC_NAMED_SUBJECTS.check(binding('RoleBinding', group('system:authenticated:oauth'))))
        .toEqual([finding(0, 'Group system:authenticated:oauth', oauth)]);
      // other system: groups keep their reading
      expect(RBAC_NAMED_SUBJECTS.check(binding('RoleBinding', group('system:authenticated:oauth:x'))))
        .toEqual([finding(0, 'Group system:authenticated:oauth:x', 'a class of identities Kubernetes fills itself (nodes, bootstrappers, components), not a named one')]);
    });

    // openshift-apiserver pkg/bootstrappolicy: ClusterAdminGroup, ClusterReaderGroup and NodeAdminsGroup, bound by its bootstrap ClusterRoleBindings
    test("OpenShift's system:cluster-admins, system:cluster-readers and system:node-admins, and system:masters, are worded as OpenShift defines them", () => {
      const whoever = ": whoever the cluster's authentication puts in it (a client certificate's organization, an identity provider, a Group), not a named identity";
      expect(RBAC_NAMED_SUBJECTS.check(openshift('RoleBinding', { groupNames: ['system:cluster-admins', 'system:cluster-readers', 'system:node-admins', 'system:masters'] })))
        .toEqual([
          at('groupNames[0]', 'system:cluster-admins', "OpenShift's group of cluster administrators (ClusterAdminGroup, which its cluster-admins ClusterRoleBinding "
            + `gives cluster-admin)${whoever}`),
          at('groupNames[1]', 'system:cluster-readers', "OpenShift's group of cluster readers (ClusterReaderGroup, which its cluster-readers ClusterRoleBinding "
            + `gives cluster-reader: read access to the whole cluster)${whoever}`),
          at('groupNames[2]', 'system:node-admins', "OpenShift's group of node administrators (NodeAdminsGroup, which its system:node-admins ClusterRoleBinding "
            + `gives system:node-admin: every kubelet's API)${whoever}`),
          at('groupNames[3]', 'system:masters', "the superuser group, every request of which the API server authorizes (OpenShift's system:masters "
            + `ClusterRoleBinding gives it system:master too)${whoever}`),
        ]);
      // a group named as an Object's own property is no such group
      expect(RBAC_NAMED_SUBJECTS.check(binding('RoleBinding', group('constructor')))).toEqual([]);
    });

    test('`subjects` is ignored when userNames or groupNames is set (an empty list included), and read otherwise', () => {
      const everyone = [{ kind: 'SystemGroup', name: 'system:authenticated' }];
      expect(RBAC_NAMED_SUBJECTS.check(openshift('RoleBinding', { userNames: ['alice'], subjects: everyone }))).toEqual([]);
      expect(RBAC_NAMED_SUBJECTS.check(openshift('RoleBinding', { groupNames: [], subjects: everyone }))).toEqual([]);
      // a SystemGroup or SystemUser subject is RBAC's Group or User
      const everyoneFinding = at('subjects[0]', 'SystemGroup system:authenticated', 'every authenticated user and ServiceAccount of the cluster');
      expect(RBAC_NAMED_SUBJECTS.check(openshift('RoleBinding', { subjects: everyone }))).toEqual([everyoneFinding]);
      expect(RBAC_NAMED_SUBJECTS.check(openshift('RoleBinding', { userNames: null, groupNames: null, subjects: everyone }))).toEqual([everyoneFinding]);
      expect(RBAC_NAMED_SUBJECTS.check(openshift('RoleBinding', { subjects: [{ kind: 'SystemUser', name: 'system:anonymous' }] })))
        .toEqual([at('subjects[0]', 'SystemUser system:anonymous', 'every request without credentials (anonymous requests are on by default)')]);
    });

    test('compliant: named users, groups and dedicated ServiceAccounts', () => {
      expect(RBAC_NAMED_SUBJECTS.check(openshift('RoleBinding', {
        userNames: ['alice', 'system:serviceaccount:ci:pipeline-runner'], groupNames: ['platform-admins'],
      }))).toEqual([]);
    });

    test("an rbac.authorization.k8s.io binding's userNames and groupNames are no fields of it", () => {
      expect(RBAC_NAMED_SUBJECTS.check({ ...binding('RoleBinding', group('system:authenticated')), groupNames: ['platform-admins'], userNames: [] }))
        .toEqual([finding(0, 'Group system:authenticated', 'every authenticated user and ServiceAccount of the cluster')]);
      expect(RBAC_NAMED_SUBJECTS.check({ ...binding('RoleBinding'), groupNames: ['system:authenticated'] })).toEqual([]);
    });
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

  describe('the default ServiceAccount, which every pod that names none runs as', () => {
    const DEFAULT_FIX = 'Bind the role to a dedicated ServiceAccount, named by the pods or runs that need it (SecurePipeline creates one).';
    const byDefault = (i: number, value: string, namespace: string, kind = 'RoleBinding') => ({
      ...finding(i, value, '', kind),
      problem: `grants the role to the default ServiceAccount of ${namespace}, which the API server gives every pod there that names no ServiceAccount `
        + '(and Tekton every run that names none, unless config-defaults names another)',
      fix: DEFAULT_FIX,
    });
    test('non-compliant: as a ServiceAccount subject (of the binding\'s namespace when it names none) or as its user name', () => {
      expect(RBAC_NAMED_SUBJECTS.check(binding('RoleBinding',
        { kind: 'ServiceAccount', name: 'default' },
        { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'system:serviceaccount:ci:default' },
        { kind: 'ServiceAccount', name: 'default', namespace: 'tools' },
        { kind: 'ServiceAccount', name: 'default', namespace: '' },
      ))).toEqual([
        byDefault(0, 'ServiceAccount default', 'namespace \'ci\''),
        byDefault(1, 'User system:serviceaccount:ci:default', 'namespace \'ci\''),
        byDefault(2, 'ServiceAccount default', 'namespace \'tools\''),
        byDefault(3, 'ServiceAccount default', 'namespace \'ci\''),
      ]);
    });
    test('non-compliant: in a ClusterRoleBinding, and in a RoleBinding without a namespace', () => {
      expect(RBAC_NAMED_SUBJECTS.check(binding('ClusterRoleBinding', { kind: 'ServiceAccount', name: 'default', namespace: 'ci' }, { kind: 'ServiceAccount', name: 'default' })))
        .toEqual([
          byDefault(0, 'ServiceAccount default', 'namespace \'ci\'', 'ClusterRoleBinding'),
          byDefault(1, 'ServiceAccount default', 'its namespace', 'ClusterRoleBinding'),
        ]);
      const unplaced = { ...binding('RoleBinding', { kind: 'ServiceAccount', name: 'default' }), metadata: { name: 'read-key' } };
      expect(RBAC_NAMED_SUBJECTS.check(unplaced)).toEqual([byDefault(0, 'ServiceAccount default', 'its namespace')]);
    });
  });

  describe('the default-service-account of config-defaults, which Tekton gives every run that names none', () => {
    const configDefaults = (account: string | null) => ({
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data: { 'default-service-account': account },
    });
    const TEKTON_FIX = 'Bind the role to a dedicated ServiceAccount, named by the runs that need it (SecurePipeline creates one), not to the '
      + 'default-service-account of config-defaults.';
    const byTekton = (i: number, value: string, namespace: string, kind = 'RoleBinding') => ({
      ...finding(i, value, '', kind),
      problem: `grants the role to ServiceAccount 'pipeline' of ${namespace}, which config-defaults names the default-service-account: `
        + 'Tekton runs as it every run there that names no ServiceAccount',
      fix: TEKTON_FIX,
    });
    const subjects = [
      { kind: 'ServiceAccount', name: 'pipeline' },
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'system:serviceaccount:tools:pipeline' },
      { kind: 'ServiceAccount', name: 'builder', namespace: 'ci' },
      { kind: 'ServiceAccount', name: 'default', namespace: 'ci' },
    ];

    test('non-compliant: the ServiceAccount it names, in any namespace, with the objects checked together; default stays a finding', () => {
      const b = binding('RoleBinding', ...subjects);
      expect(RBAC_NAMED_SUBJECTS.check(b, ruleContext([b, configDefaults('pipeline')]))).toEqual([
        byTekton(0, 'ServiceAccount pipeline', 'namespace \'ci\''),
        byTekton(1, 'User system:serviceaccount:tools:pipeline', 'namespace \'tools\''),
        expect.objectContaining({ property: 'subjects[3]', value: 'ServiceAccount default' }),
      ]);
      const cluster = binding('ClusterRoleBinding', { kind: 'ServiceAccount', name: 'pipeline' });
      expect(RBAC_NAMED_SUBJECTS.check(cluster, ruleContext([cluster, configDefaults('pipeline')])))
        .toEqual([byTekton(0, 'ServiceAccount pipeline', 'its namespace', 'ClusterRoleBinding')]);
    });

    test('non-compliant: several config-defaults checked together that disagree, each one\'s account (the cluster keeps one of them)', () => {
      const b = binding('RoleBinding', subjects[0]);
      const other = { ...configDefaults('builder'), metadata: { name: 'config-defaults' } };
      expect(RBAC_NAMED_SUBJECTS.check(b, ruleContext([b, other, configDefaults('pipeline')]))).toEqual([byTekton(0, 'ServiceAccount pipeline', 'namespace \'ci\'')]);
      expect(RBAC_NAMED_SUBJECTS.check(b, ruleContext([b, configDefaults('pipeline'), other]))).toEqual([byTekton(0, 'ServiceAccount pipeline', 'namespace \'ci\'')]);
    });

    test("beside a Tekton operator's object: the account a reading of config-defaults names alone says which reading", () => {
      const b = binding('RoleBinding', subjects[0]);
      const config = (pipeline: Record<string, unknown> = {}) => ({
        apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonConfig', metadata: { name: 'config' }, spec: { targetNamespace: 'tekton-pipelines', pipeline },
      });
      // the ConfigMap's account stays beside what the operator writes unless kubectl apply created it
      expect(RBAC_NAMED_SUBJECTS.check(b, ruleContext([b, configDefaults('pipeline'), config()]))).toEqual([{
        ...byTekton(0, 'ServiceAccount pipeline', 'namespace \'ci\''),
        problem: 'grants the role to ServiceAccount \'pipeline\' of namespace \'ci\', which config-defaults names the default-service-account: '
          + 'Tekton runs as it every run there that names no ServiceAccount (reading config-defaults with data[\'default-service-account\'] that '
          + 'ConfigMap \'config-defaults\' in tekton-pipelines keeps beside what TektonConfig \'config\' writes, unless kubectl apply created it)',
      }]);
      // the operator writes it: its account in every reading, said as for one
      expect(RBAC_NAMED_SUBJECTS.check(b, ruleContext([b, { ...configDefaults('builder'), data: { 'default-service-account': 'builder', 'default-timeout-minutes': '30' } },
        config({ 'default-service-account': 'pipeline' })]))).toEqual([byTekton(0, 'ServiceAccount pipeline', 'namespace \'ci\'')]);
      expect(RBAC_NAMED_SUBJECTS.check(b, ruleContext([b, configDefaults('pipeline'), config({ 'default-service-account': 'builder' })]))).toEqual([]);
    });

    test('compliant: the same subjects checked alone, or where config-defaults names no other ServiceAccount', () => {
      const b = binding('RoleBinding', ...subjects.slice(0, 3));
      expect(RBAC_NAMED_SUBJECTS.check(b)).toEqual([]);
      expect(RBAC_NAMED_SUBJECTS.check(b, ruleContext([b, configDefaults(null)]))).toEqual([]);
      expect(RBAC_NAMED_SUBJECTS.check(b, ruleContext([b, configDefaults('default')]))).toEqual([]);
    });
  });
});
