import { Chart, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { ApiVerb, LeastPrivilegeServiceAccount, RuleId, RunWorkspace, SecurePipeline, SecurePipelineRun, SecureTask, TrustDomain } from '../../src';
import { chart, only, relaxationsOf, step } from '../helpers/constructs';
import { describeWithRbacEval, rbacEval } from '../helpers/rbac-eval';

function namespaced() {
  return new Chart(Testing.app(), 'test', { namespace: 'ci' });
}

describe('LeastPrivilegeServiceAccount defaults', () => {
  test('a ServiceAccount that mounts no token, and no Role without grants', () => {
    const c = chart();
    new LeastPrivilegeServiceAccount(c, 'runner');
    const objects = Testing.synth(c);
    expect(objects).toEqual([{
      apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'runner' }, automountServiceAccountToken: false,
    }]);
  });

  test('listSecret lists a Secret under secrets: without a Role, once; a bad name is refused', () => {
    const c = chart();
    const sa = new LeastPrivilegeServiceAccount(c, 'runner');
    sa.listSecret('registry-push');
    sa.listSecret('registry-push');
    expect(Testing.synth(c)).toEqual([{
      apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'runner' }, automountServiceAccountToken: false, secrets: [{ name: 'registry-push' }],
    }]);
    expect(() => sa.listSecret('Registry_Push')).toThrow(/LeastPrivilegeServiceAccount 'test\/runner': secretName "Registry_Push" /);
  });

  test('SecurePipeline creates one for its runs', () => {
    const c = chart();
    const p = new SecurePipeline(c, 'ci');
    p.addTask({ task: new SecureTask(c, 'build', { steps: [step()] }) });
    expect(p.serviceAccount.name).toBe('ci-runner');
    expect(only(c, 'ServiceAccount').automountServiceAccountToken).toBe(false);
  });
});

describe('LeastPrivilegeServiceAccount: its ServiceAccount mounts no token, as written', () => {
  const refusal = (value: string) => `LeastPrivilegeServiceAccount 'test/runner': automountServiceAccountToken ${value}: every pod that runs as this `
    + 'ServiceAccount and leaves the setting to it (a TaskRun made by hand, a cdk8s-plus Pod or Deployment given it) would mount a token that holds its '
    + 'grants [VALID_SPEC]. Remove the patch of automountServiceAccountToken; give the token to the one task that '
    + "calls the API with a grant (pipeline.addTask({ task }).grantApi({ resource: 'configmaps', verbs: [ApiVerb.GET], resourceNames: ['<name>'] })), "
    + "which mounts it for that task's pod alone, or to the one cdk8s-plus Pod or Deployment that calls the API (automountServiceAccountToken: true in "
    + 'its props), which mounts it for its own pods.';

  test.each<[string, JsonPatch, string]>([
    ['turned on', JsonPatch.replace('/automountServiceAccountToken', true),
      '"true" is not false, as LeastPrivilegeServiceAccount writes it (an escape-hatch patch)'],
    ['removed (Kubernetes then mounts it)', JsonPatch.remove('/automountServiceAccountToken'),
      'is not set (an escape-hatch patch removed it, and Kubernetes then mounts the token), where LeastPrivilegeServiceAccount writes false'],
  ])('a patch that leaves it not false is refused: %s', (_, patch, value) => {
    const c = namespaced();
    const sa = new LeastPrivilegeServiceAccount(c, 'runner');
    sa.grantApi({ resource: 'configmaps', verbs: [ApiVerb.GET], resourceNames: ['web'] });
    sa.serviceAccount!.addJsonPatch(patch);
    expect(() => Testing.synth(c)).toThrow(refusal(value));
  });

  test('a patch of another field is written', () => {
    const c = chart();
    const sa = new LeastPrivilegeServiceAccount(c, 'runner');
    sa.serviceAccount!.addJsonPatch(JsonPatch.add('/metadata/labels', { team: 'web' }));
    expect(only(c, 'ServiceAccount')).toMatchObject({ automountServiceAccountToken: false, metadata: { labels: { team: 'web' } } });
  });
});

describe('LeastPrivilegeServiceAccount grants', () => {
  test('reading a Secret grants get on that Secret only and lists it under secrets', () => {
    const c = namespaced();
    const sa = new LeastPrivilegeServiceAccount(c, 'runner');
    const rule = sa.grantReadSecret('git-deploy-key');
    expect(rule).toEqual({ apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: ['git-deploy-key'] });
    expect(only(c, 'Role').rules).toEqual([{ apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: ['git-deploy-key'] }]);
    expect(only(c, 'ServiceAccount').secrets).toEqual([{ name: 'git-deploy-key' }]);
    expect(sa.secretNames).toEqual(['git-deploy-key']);
  });

  test('the RoleBinding binds the namespaced Role to this ServiceAccount only', () => {
    const c = namespaced();
    new LeastPrivilegeServiceAccount(c, 'runner').grantReadSecret('k');
    expect(only(c, 'RoleBinding')).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'runner', namespace: 'ci' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'runner' },
      subjects: [{ kind: 'ServiceAccount', name: 'runner', namespace: 'ci' }],
    });
    expect(Testing.synth(c).filter((o: any) => o.kind.startsWith('Cluster'))).toEqual([]);
  });

  test('granting twice is harmless', () => {
    const c = namespaced();
    const sa = new LeastPrivilegeServiceAccount(c, 'runner');
    sa.grantReadSecret('k');
    sa.grantReadSecret('k');
    sa.grantApi({ apiGroup: 'tekton.dev', resource: 'pipelineruns', verbs: [ApiVerb.GET, ApiVerb.GET], resourceNames: ['r'] });
    expect(sa.rules).toEqual([
      { apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: ['k'] },
      { apiGroups: ['tekton.dev'], resources: ['pipelineruns'], verbs: ['get'], resourceNames: ['r'] },
    ]);
    expect(only(c, 'Role').rules).toHaveLength(2);
  });
});

describe('LeastPrivilegeServiceAccount refusals', () => {
  function grant(g: Parameters<LeastPrivilegeServiceAccount['grantApi']>[0], relaxations: any[] = []) {
    const c = namespaced();
    new LeastPrivilegeServiceAccount(c, 'runner', { relaxations }).grantApi(g);
    return () => Testing.synth(c);
  }

  test('wildcard resource', () => {
    expect(grant({ resource: '*', verbs: [ApiVerb.GET], resourceNames: ['x'] })).toThrow(
      "LeastPrivilegeServiceAccount 'test/runner' grant #1: resource \"*\" is a wildcard [RBAC_NO_WILDCARD]. Grant each verb on each named resource (resourceNames). Or relax RBAC_NO_WILDCARD with a reason in its props: relaxations: [{ rule: RuleId.RBAC_NO_WILDCARD, reason: '<why>' }].",
    );
  });

  test('a grant that matches no request (the Role is admitted, the task\'s calls refused) is refused when it is given', () => {
    const c = namespaced();
    const sa = new LeastPrivilegeServiceAccount(c, 'runner');
    const PROBLEM = 'matches no request the API server authorizes: the Role is admitted, but every call of the task it is meant for is refused (403 Forbidden)';
    expect(() => sa.grantApi({ resource: 'Secrets', verbs: [ApiVerb.GET], resourceNames: ['x'] })).toThrow(
      `LeastPrivilegeServiceAccount 'test/runner': resource "Secrets" ${PROBLEM} [VALID_SPEC]. Give the resource as kubectl api-resources names it: lower case and plural, `
      + "with a subresource after '/', e.g. resource: 'configmaps' or 'deployments/scale'.",
    );
    expect(() => sa.grantApi({ apiGroup: 'apps/v1', resource: 'deployments', verbs: [ApiVerb.GET], resourceNames: ['x'] })).toThrow(
      `LeastPrivilegeServiceAccount 'test/runner': apiGroup "apps/v1" ${PROBLEM} [VALID_SPEC]. Give the API group alone, in lower case, without its version: `
      + "e.g. apiGroup: 'apps' for apps/v1, '' (or leave it out) for v1.",
    );
    expect(() => sa.grantApi({ resource: 'configmaps', verbs: ['GET' as ApiVerb], resourceNames: ['x'] })).toThrow(
      `LeastPrivilegeServiceAccount 'test/runner': verbs "GET" ${PROBLEM} [VALID_SPEC]. Use the members of ApiVerb, e.g. verbs: [ApiVerb.GET] `
      + '(get, list, watch, create, update, patch, delete), which are the verbs of requests.',
    );
    expect(() => sa.grantApi({ resource: 'configmaps', verbs: [ApiVerb.GET], resourceNames: ['ok', 'team/notes'] })).toThrow(
      `LeastPrivilegeServiceAccount 'test/runner': resourceNames "team/notes" ${PROBLEM}: no object has this name [VALID_SPEC]. `
      + "Give each object's metadata.name, e.g. resourceNames: ['release-notes'].",
    );
    for (const name of ['.', '..', '50%']) {
      expect(() => sa.grantApi({ resource: 'configmaps', verbs: [ApiVerb.GET], resourceNames: [name] })).toThrow(/resourceNames ".*" matches no request/);
    }
    expect(() => sa.grantApi({ resource: 'Deployments/scale', verbs: [ApiVerb.GET], resourceNames: ['x'] })).toThrow(/resource "Deployments\/scale" matches no request/);
    expect(() => sa.grantApi({ resource: 'cm', verbs: [ApiVerb.GET], resourceNames: ['x'] })).toThrow(
      `LeastPrivilegeServiceAccount 'test/runner': resource "cm" is not the plural RBAC matches (configmaps), though kubectl takes it, so the grant ${PROBLEM} [VALID_SPEC]. `
      + "Write resource: 'configmaps'.",
    );
    expect(() => sa.grantApi({ resource: 'pod/log', verbs: [ApiVerb.GET], resourceNames: ['x'] })).toThrow(
      `LeastPrivilegeServiceAccount 'test/runner': resource "pod/log" is not the plural RBAC matches (pods), though kubectl takes it, so the grant ${PROBLEM} [VALID_SPEC]. `
      + "Write resource: 'pods/log'.",
    );
    expect(() => sa.grantApi({ resource: 'pipelineruns', verbs: [ApiVerb.GET], resourceNames: ['x'] })).toThrow(
      "LeastPrivilegeServiceAccount 'test/runner': resource \"pipelineruns\" is served by the API group tekton.dev, not the core group ('') that leaving apiGroup "
      + `out names, so the grant ${PROBLEM} [VALID_SPEC]. Add apiGroup: 'tekton.dev' to the grant.`,
    );
    expect(() => sa.grantApi({ apiGroup: 'core', resource: 'configmaps', verbs: [ApiVerb.GET], resourceNames: ['x'] })).toThrow(
      `LeastPrivilegeServiceAccount 'test/runner': apiGroup "core" is not the core group's name, which is '', so the grant ${PROBLEM} [VALID_SPEC]. `
      + "Leave apiGroup out (or write apiGroup: '') for a resource of v1; for another group, give its name without the version (apiGroup: 'apps' for apps/v1).",
    );
    expect(() => sa.grantApi({ apiGroup: 'v1', resource: 'configmaps', verbs: [ApiVerb.GET], resourceNames: ['x'] })).toThrow(
      `LeastPrivilegeServiceAccount 'test/runner': apiGroup "v1" is a version, where the API group alone is named, so the grant ${PROBLEM} [VALID_SPEC]. `
      + "Leave apiGroup out (or write apiGroup: '') for a resource of v1; for another group, give its name without the version (apiGroup: 'apps' for apps/v1).",
    );
    // the fixes as written are granted
    for (const g of [{ resource: 'configmaps' }, { resource: 'pods/log' }, { apiGroup: 'tekton.dev', resource: 'pipelineruns' }, { apiGroup: 'apps', resource: 'deployments' }]) {
      expect(() => sa.grantApi({ ...g, verbs: [ApiVerb.GET], resourceNames: ['x'] })).not.toThrow();
    }
    // what RBAC matches: subresources, CRD groups and plurals, upper-case object names (RBAC objects may have them); wildcards go to RBAC_NO_WILDCARD
    for (const g of [
      { apiGroup: 'apps', resource: 'deployments/scale' }, { apiGroup: 'tekton.dev', resource: 'pipelineruns' }, { apiGroup: 'example.com', resource: 'my-widgets' },
    ]) {
      expect(() => sa.grantApi({ ...g, verbs: [ApiVerb.GET], resourceNames: ['Team.Notes'] })).not.toThrow();
    }
    expect(() => sa.grantApi({ apiGroup: '*', resource: '*/scale', verbs: [ApiVerb.GET], resourceNames: ['x'] })).not.toThrow();
    // the metrics APIs an aggregated server serves name a resource (external) or a subresource (custom) by the metric, as Prometheus writes it
    for (const g of [{ apiGroup: 'custom.metrics.k8s.io', resource: 'pods/http_requests' }, { apiGroup: 'external.metrics.k8s.io', resource: 'queue_messages_Ready' }]) {
      expect(() => sa.grantApi({ ...g, verbs: [ApiVerb.GET], resourceNames: ['x'] })).not.toThrow();
    }
    expect(() => sa.grantApi({ apiGroup: 'custom.metrics.k8s.io', resource: 'pods/x/http_requests', verbs: [ApiVerb.GET], resourceNames: ['x'] })).toThrow(
      /resource "pods\/x\/http_requests" matches no request/,
    );
    expect(() => Testing.synth(c)).toThrow(/apiGroup "\*" is a wildcard \[RBAC_NO_WILDCARD\]/);
  });

  test('a subresource of more than one path segment (KubeVirt\'s sev/fetchcertchain) is refused, naming the one segment RBAC matches', () => {
    const c = namespaced();
    const sa = new LeastPrivilegeServiceAccount(c, 'runner');
    const PROBLEM = 'matches no request the API server authorizes: the Role is admitted, but every call of the task it is meant for is refused (403 Forbidden)';
    expect(() => sa.grantApi({ apiGroup: 'subresources.kubevirt.io', resource: 'virtualmachineinstances/sev/fetchcertchain', verbs: [ApiVerb.GET], resourceNames: ['vm'] }))
      .toThrow(
        "LeastPrivilegeServiceAccount 'test/runner': resource \"virtualmachineinstances/sev/fetchcertchain\" has a subresource of more than one path segment: "
        + 'the API server authorizes a request for virtualmachineinstances/<name>/sev/fetchcertchain as resource virtualmachineinstances and subresource sev, '
        + "the one segment after the name (k8s.io/apiserver RequestInfoFactory; an aggregated API's requests are authorized so before they reach its server), "
        + `and RBAC compares no other, so the grant ${PROBLEM} [VALID_SPEC]. Write resource: 'virtualmachineinstances/sev', which RBAC matches for every `
        + 'request under virtualmachineinstances/<name>/sev/ with the verbs granted (sev/fetchcertchain and the other paths under sev alike).',
      );
    expect(() => sa.grantApi({ apiGroup: 'subresources.kubevirt.io', resource: 'virtualmachineinstances/vnc/screenshot', verbs: [ApiVerb.GET], resourceNames: ['vm'] }))
      .toThrow(/resource "virtualmachineinstances\/vnc\/screenshot" has a subresource of more than one path segment: .* Write resource: 'virtualmachineinstances\/vnc'/);
    // the fix as written is granted, and RBAC matches it for the request's path (resource virtualmachineinstances, subresource sev)
    expect(() => sa.grantApi({ apiGroup: 'subresources.kubevirt.io', resource: 'virtualmachineinstances/sev', verbs: [ApiVerb.GET], resourceNames: ['vm'] })).not.toThrow();
    // a segment RBAC would not match anyway keeps the shape's message
    expect(() => sa.grantApi({ apiGroup: 'subresources.kubevirt.io', resource: 'virtualmachineinstances/sev/Fetch', verbs: [ApiVerb.GET], resourceNames: ['vm'] }))
      .toThrow(/resource "virtualmachineinstances\/sev\/Fetch" matches no request the API server authorizes: .* Give the resource as kubectl api-resources names it/);
  });

  test('no resourceNames', () => {
    expect(grant({ resource: 'configmaps', verbs: [ApiVerb.GET], resourceNames: [] })).toThrow(
      "LeastPrivilegeServiceAccount 'test/runner' grant #1 (configmaps): resourceNames is empty, so the rule reaches every object of its kind [RBAC_NO_WILDCARD]. Grant each verb on each named resource (resourceNames). Or relax RBAC_NO_WILDCARD with a reason in its props: relaxations: [{ rule: RuleId.RBAC_NO_WILDCARD, reason: '<why>' }].",
    );
  });

  test('list on secrets', () => {
    expect(grant({ resource: 'secrets', verbs: [ApiVerb.LIST], resourceNames: ['x'] })).toThrow(
      "LeastPrivilegeServiceAccount 'test/runner' grant #1 (secrets): verbs \"list\" lists or watches secrets [RBAC_NO_SECRET_LISTING]. Grant get on the named Secret instead. Or relax RBAC_NO_SECRET_LISTING with a reason in its props: relaxations: [{ rule: RuleId.RBAC_NO_SECRET_LISTING, reason: '<why>' }].",
    );
  });

  test('a refusal names the grant in the order granted; a rule an escape-hatch patch changed keeps its YAML path', () => {
    const c = namespaced();
    const sa = new LeastPrivilegeServiceAccount(c, 'runner');
    sa.grantReadSecret('git-deploy-key');
    sa.grantApi({ resource: 'configmaps', verbs: [ApiVerb.WATCH], resourceNames: [] });
    expect(() => Testing.synth(c)).toThrow(
      "LeastPrivilegeServiceAccount 'test/runner' grant #2 (configmaps): resourceNames is empty, so the rule reaches every object of its kind [RBAC_NO_WILDCARD].",
    );
    const patched = namespaced();
    new LeastPrivilegeServiceAccount(patched, 'runner').grantReadSecret('git-deploy-key');
    (patched.node.findAll().find((x) => x.node.path === 'test/runner/Role') as any).addJsonPatch(JsonPatch.replace('/rules/0/verbs', ['list']));
    expect(() => Testing.synth(patched)).toThrow(
      "LeastPrivilegeServiceAccount 'test/runner' rules[0]: verbs \"list\" lists or watches secrets [RBAC_NO_SECRET_LISTING].",
    );
  });

  test('pods/exec', () => {
    expect(grant({ resource: 'pods/exec', verbs: [ApiVerb.CREATE], resourceNames: ['x'] })).toThrow(
      "LeastPrivilegeServiceAccount 'test/runner' grant #1: resource \"pods/exec\" is an escalation subresource [RBAC_NO_ESCALATION]. Remove the verb or subresource. Or relax RBAC_NO_ESCALATION with a reason in its props: relaxations: [{ rule: RuleId.RBAC_NO_ESCALATION, reason: '<why>' }].",
    );
  });

  test('a grant in a chart without namespace', () => {
    expect(() => new LeastPrivilegeServiceAccount(chart(), 'runner').grantReadSecret('k')).toThrow(
      "LeastPrivilegeServiceAccount 'test/runner': namespace is not set on the chart [VALID_SPEC]. Give the chart a namespace (the Chart\'s namespace prop): the RoleBinding must name the ServiceAccount's namespace.",
    );
  });

  test('cluster-wide RBAC cannot be relaxed', () => {
    expect(() => new LeastPrivilegeServiceAccount(chart(), 'runner', {
      relaxations: [{ rule: RuleId.RBAC_NAMESPACED, reason: 'the operator needs cluster scope' }],
    })).toThrow(
      "LeastPrivilegeServiceAccount 'test/runner': relaxations[0].rule \"RBAC_NAMESPACED\" names a rule that cannot be relaxed [RELAXATION_REASON]. Remove this relaxation and comply with the rule.",
    );
  });

  test('a cluster-admin binding slipped in through an escape hatch is refused at synth', () => {
    const c = namespaced();
    new LeastPrivilegeServiceAccount(c, 'runner').grantReadSecret('k');
    const binding = c.node.findAll().find((x) => (x as any).kind === 'RoleBinding') as any;
    binding.addJsonPatch(JsonPatch.replace('/roleRef', { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' }));
    expect(() => Testing.synth(c)).toThrow(
      "LeastPrivilegeServiceAccount 'test/runner': roleRef \"ClusterRole/cluster-admin\" binds a ClusterRole [RBAC_NAMESPACED]. Use a Role and RoleBinding in the pipeline's namespace; this rule cannot be relaxed.",
    );
  });

  test.each([
    [RuleId.RBAC_NO_WILDCARD, { resource: 'configmaps', verbs: [ApiVerb.GET], resourceNames: [] }, 'reads whatever config the team adds'],
    [RuleId.RBAC_NO_ESCALATION, { resource: 'pods/exec', verbs: [ApiVerb.CREATE], resourceNames: ['debug'] }, 'debug task runs commands in the debug pod'],
  ])('%s relaxed: rule emitted, reason recorded', (rule, g, reason) => {
    const c = namespaced();
    new LeastPrivilegeServiceAccount(c, 'runner', { relaxations: [{ rule, reason }] }).grantApi(g);
    const role = only(c, 'Role');
    expect(role.rules[0].resources).toEqual([g.resource]);
    expect(relaxationsOf(role)).toEqual({ [`secure-tekton/relax.${rule}`]: `*: ${reason}` });
  });

  test('a relaxed list on secrets is emitted and its reason recorded', () => {
    const c = namespaced();
    new LeastPrivilegeServiceAccount(c, 'runner', {
      relaxations: [{ rule: RuleId.RBAC_NO_SECRET_LISTING, reason: 'secret-sync task mirrors all team secrets' }],
    }).grantApi({ resource: 'secrets', verbs: [ApiVerb.LIST], resourceNames: ['team-a'] });
    const role = only(c, 'Role');
    expect(role.rules[0].verbs).toEqual(['list']);
    expect(relaxationsOf(role)).toEqual({ 'secure-tekton/relax.RBAC_NO_SECRET_LISTING': '*: secret-sync task mirrors all team secrets' });
  });
});

describe('LeastPrivilegeServiceAccount grants and the RBAC rules', () => {
  const relax = (rule: RuleId) => `Or relax ${rule} with a reason in its props: relaxations: [{ rule: RuleId.${rule}, reason: '<why>' }].`;
  const escalation = (resource: string, verbs: string, why: string) =>
    `LeastPrivilegeServiceAccount 'test/runner' grant #1: resource "${resource}" with ${verbs}: ${why} [RBAC_NO_ESCALATION]. Remove these verbs or this resource from the rule. ${relax(RuleId.RBAC_NO_ESCALATION)}`;
  const POD = 'a new or rewritten pod can run as any ServiceAccount of the namespace and mount any of its Secrets';

  function synth(g: Parameters<LeastPrivilegeServiceAccount['grantApi']>[0], relaxations: any[] = []) {
    const c = namespaced();
    new LeastPrivilegeServiceAccount(c, 'runner', { relaxations }).grantApi(g);
    return () => Testing.synth(c);
  }

  test('the library\'s own grants pass every rule: get on named Secrets and named objects, list and watch of named objects, create by apply', () => {
    const c = namespaced();
    const sa = new LeastPrivilegeServiceAccount(c, 'runner');
    sa.grantReadSecret('git-deploy-key');
    sa.grantReadSecret('registry-auth');
    sa.grantApi({ apiGroup: 'tekton.dev', resource: 'pipelineruns', verbs: [ApiVerb.GET], resourceNames: ['nightly'] });
    sa.grantApi({ resource: 'configmaps', verbs: [ApiVerb.GET, ApiVerb.LIST, ApiVerb.WATCH, ApiVerb.CREATE, ApiVerb.UPDATE, ApiVerb.PATCH, ApiVerb.DELETE], resourceNames: ['release-notes'] });
    sa.grantApi({ apiGroup: 'apps', resource: 'deployments', verbs: [ApiVerb.GET], resourceNames: ['web'] });
    const role = only(c, 'Role');
    expect(role.rules).toHaveLength(5);
    expect(role.metadata.annotations).toBeUndefined();
  });

  test.each([
    ['create on pods', { resource: 'pods', verbs: [ApiVerb.CREATE], resourceNames: ['debug'] }, escalation('pods', 'create', POD)],
    ['patch on a named Deployment', { apiGroup: 'apps', resource: 'deployments', verbs: [ApiVerb.GET, ApiVerb.PATCH], resourceNames: ['web'] }, escalation('deployments', 'patch', POD)],
    ['create on pipelineruns', { apiGroup: 'tekton.dev', resource: 'pipelineruns', verbs: [ApiVerb.CREATE], resourceNames: ['nightly'] }, escalation('pipelineruns', 'create', POD)],
    ['update on a named Secret', { resource: 'secrets', verbs: [ApiVerb.GET, ApiVerb.UPDATE], resourceNames: ['token'] },
      escalation('secrets', 'update', 'a Secret of type kubernetes.io/service-account-token is filled with a token of the ServiceAccount it names')],
    ['update on the runner\'s own RoleBinding', { apiGroup: 'rbac.authorization.k8s.io', resource: 'rolebindings', verbs: [ApiVerb.UPDATE], resourceNames: ['runner'] },
      escalation('rolebindings', 'update', 'roles and bindings decide every identity\'s permissions, this one\'s included')],
    ['patch on the namespace', { resource: 'namespaces', verbs: [ApiVerb.PATCH], resourceNames: ['ci'] },
      escalation('namespaces', 'patch', 'a namespace\'s pod-security labels decide which pods it admits (its status and finalize subresources change its labels too)')],
    ['patch on a named ServiceAccount, whose secrets: Tekton mounts into its runs\' steps', { resource: 'serviceaccounts', verbs: [ApiVerb.GET, ApiVerb.PATCH], resourceNames: ['builder'] },
      escalation('serviceaccounts', 'patch', 'Tekton mounts into every step of a run each Secret its ServiceAccount lists under secrets: that holds git or registry '
        + 'credentials (a tekton.dev/git-* or tekton.dev/docker-* annotation, or a dockerconfigjson or dockercfg type), reading it with '
        + 'its own access to every Secret, so a ServiceAccount that lists another Secret hands it to its next run')],
    ['the token of a ServiceAccount', { resource: 'serviceaccounts/token', verbs: [ApiVerb.CREATE], resourceNames: ['deployer'] },
      `LeastPrivilegeServiceAccount 'test/runner' grant #1: resource "serviceaccounts/token" is an escalation subresource [RBAC_NO_ESCALATION]. Remove the verb or subresource. ${relax(RuleId.RBAC_NO_ESCALATION)}`],
  ])('refused at synth: %s', (_, g, message) => {
    expect(synth(g)).toThrow(message);
  });

  test('refused at synth: a write to a ConfigMap that a run of the app binds as a workspace, which its steps read', () => {
    const c = namespaced();
    const pipeline = new SecurePipeline(c, 'ci', { workspaces: [{ name: 'settings', domain: TrustDomain.CACHE }] });
    pipeline.addTask({ task: new SecureTask(c, 'build', { workspaces: [{ name: 'settings', domain: TrustDomain.CACHE }], steps: [step()] }), workspaces: { settings: 'settings' } });
    new SecurePipelineRun(c, 'run', { pipeline, workspaces: { settings: RunWorkspace.configMap('build-settings') } });
    const sa = new LeastPrivilegeServiceAccount(c, 'runner');
    sa.grantApi({ resource: 'configmaps', verbs: [ApiVerb.GET, ApiVerb.PATCH], resourceNames: ['build-settings'] });
    expect(() => Testing.synth(c)).toThrow('LeastPrivilegeServiceAccount \'test/runner\' grant #1: resource "configmaps" with patch: reaches the ConfigMap build-settings '
      + '(PipelineRun \'ci-run-\' workspace \'settings\'), which Tekton puts into the steps of runs: a rewritten one changes the files and environment '
      + 'those steps read, and so what they run with the run\'s ServiceAccount and credentials [RBAC_NO_ESCALATION]. Grant no write on the ConfigMaps runs '
      + 'mount: name other ConfigMaps in resourceNames, or keep the pipeline\'s scripts and configuration in its Tasks or its git repository. '
      + relax(RuleId.RBAC_NO_ESCALATION));
  });

  test('refused at synth: a grant to the namespace\'s default ServiceAccount, which every pod that names none runs as', () => {
    const c = namespaced();
    new LeastPrivilegeServiceAccount(c, 'default').grantReadSecret('git-deploy-key');
    expect(() => Testing.synth(c)).toThrow("LeastPrivilegeServiceAccount 'test/default': subjects[0] \"ServiceAccount default\" grants the role to the default "
      + "ServiceAccount of namespace 'ci', which the API server gives every pod there that names no ServiceAccount (and Tekton every run that names "
      + 'none, unless config-defaults names another) [RBAC_NAMED_SUBJECTS]. Bind the role to a dedicated ServiceAccount, named by the pods or runs that '
      + `need it (SecurePipeline creates one). ${relax(RuleId.RBAC_NAMED_SUBJECTS)}`);
  });

  test('refused at synth: a */exec resource is a wildcard and an escalation subresource, both reported', () => {
    expect(synth({ resource: '*/exec', verbs: [ApiVerb.CREATE], resourceNames: ['x'] })).toThrow([
      '2 findings; nothing was written:',
      `  LeastPrivilegeServiceAccount 'test/runner' grant #1: resource "*/exec" is a wildcard: it matches the exec subresource of every resource [RBAC_NO_WILDCARD]. Grant each verb on each named resource (resourceNames). ${relax(RuleId.RBAC_NO_WILDCARD)}`,
      `  LeastPrivilegeServiceAccount 'test/runner' grant #1: resource "*/exec" is an escalation subresource [RBAC_NO_ESCALATION]. Remove the verb or subresource. ${relax(RuleId.RBAC_NO_ESCALATION)}`,
    ].join('\n'));
  });

  test('relaxed: a deploy grant is emitted with its reason', () => {
    const c = namespaced();
    new LeastPrivilegeServiceAccount(c, 'runner', { relaxations: [{ rule: RuleId.RBAC_NO_ESCALATION, reason: 'the deploy task rolls out web' }] })
      .grantApi({ apiGroup: 'apps', resource: 'deployments', verbs: [ApiVerb.GET, ApiVerb.PATCH], resourceNames: ['web'] });
    const role = only(c, 'Role');
    expect(role.rules).toEqual([{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'patch'], resourceNames: ['web'] }]);
    expect(relaxationsOf(role)).toEqual({ 'secure-tekton/relax.RBAC_NO_ESCALATION': '*: the deploy task rolls out web' });
  });

  test.each([
    [[ApiVerb.GET], ['']],
    [[ApiVerb.LIST], ['settings', '']],
    [[ApiVerb.CREATE], ['']],
  ])('refused at once, whatever relaxations: verbs %j with resourceNames %j (a "" name names no object)', (verbs, resourceNames) => {
    const sa = new LeastPrivilegeServiceAccount(namespaced(), 'runner', { relaxations: [{ rule: RuleId.RBAC_NO_WILDCARD, reason: 'reads whatever the team adds' }] });
    expect(() => sa.grantApi({ resource: 'configmaps', verbs, resourceNames })).toThrow(
      'LeastPrivilegeServiceAccount \'test/runner\': resourceNames "" names no object: the API server matches it to the requests that name none (create, list, watch), which reach every object [VALID_SPEC]. '
      + 'Name each object; to reach every object, grant resourceNames: [] and relax RBAC_NO_WILDCARD with a reason.',
    );
    expect(sa.rules).toEqual([]);
  });
});

describe('LeastPrivilegeServiceAccount: a grant without verbs', () => {
  test('is refused at once: the API server refuses a Role rule without verbs', () => {
    const sa = new LeastPrivilegeServiceAccount(namespaced(), 'runner');
    expect(() => sa.grantApi({ resource: 'configmaps', verbs: [], resourceNames: ['settings'] })).toThrow(
      "LeastPrivilegeServiceAccount 'test/runner': verbs is empty: the API server refuses a Role rule without verbs [VALID_SPEC]. "
      + 'Give the verbs the task needs, e.g. verbs: [ApiVerb.GET].',
    );
    expect(sa.rules).toEqual([]);
  });
});

describe('LeastPrivilegeServiceAccount with cdk8s-plus', () => {
  const names = (c: Chart, kind: string) => Testing.synth(c).filter((o: any) => o.kind === kind).map((o: any) => o.metadata.name);

  test('a cdk8s-plus Deployment runs as it: one ServiceAccount, named in the pod spec', () => {
    const c = namespaced();
    const sa = new LeastPrivilegeServiceAccount(c, 'web');
    new kplus.Deployment(c, 'app', { serviceAccount: sa, containers: [{ image: 'registry.example.com/web@sha256:' + 'b'.repeat(64) }] });
    expect(names(c, 'ServiceAccount')).toEqual(['web']);
    const pod = only(c, 'Deployment').spec.template.spec;
    expect(pod.serviceAccountName).toBe('web');
    expect(pod.automountServiceAccountToken).toBe(false);
  });

  test('a cdk8s-plus Deployment that calls the API mounts the token for its own pods (the way out of a patch turning it on)', () => {
    const c = namespaced();
    const sa = new LeastPrivilegeServiceAccount(c, 'web');
    sa.grantApi({ resource: 'configmaps', verbs: [ApiVerb.GET], resourceNames: ['web-settings'] });
    new kplus.Deployment(c, 'app', {
      serviceAccount: sa,
      automountServiceAccountToken: true,
      containers: [{ image: 'registry.example.com/web@sha256:' + 'b'.repeat(64) }],
    });
    expect(only(c, 'ServiceAccount').automountServiceAccountToken).toBe(false);
    expect(only(c, 'Deployment').spec.template.spec.automountServiceAccountToken).toBe(true);
  });

  test('a cdk8s-plus RoleBinding binds it as a subject of its namespace', () => {
    const c = namespaced();
    const sa = new LeastPrivilegeServiceAccount(c, 'web');
    new kplus.RoleBinding(c, 'reader', { role: kplus.Role.fromRoleName(c, 'role', 'reader') }).addSubjects(sa);
    expect(only(c, 'RoleBinding').subjects).toEqual([{ kind: 'ServiceAccount', name: 'web', namespace: 'ci', apiGroup: '' }]);
    expect(sa.toSubjectConfiguration()).toEqual({ kind: 'ServiceAccount', name: 'web', apiGroup: '', namespace: 'ci' });
  });

  test('given a cdk8s-plus ServiceAccount, it writes none of its own: grants go to a Role bound to that one', () => {
    const c = namespaced();
    const builder = new kplus.ServiceAccount(c, 'builder', { metadata: { name: 'builder' } });
    const sa = new LeastPrivilegeServiceAccount(c, 'grants', { serviceAccount: builder });
    sa.grantReadSecret('git-deploy-key');
    sa.grantReadSecret('git-deploy-key');
    expect(sa.name).toBe('builder');
    expect(sa.serviceAccount).toBeDefined();
    expect(sa.serviceAccount).toBe(builder.node.defaultChild);
    expect(names(c, 'ServiceAccount')).toEqual(['builder']);
    expect(only(c, 'ServiceAccount').secrets).toEqual([{ name: 'git-deploy-key' }]);
    expect(only(c, 'Role')).toMatchObject({ metadata: { name: 'builder' }, rules: [{ resources: ['secrets'], verbs: ['get'], resourceNames: ['git-deploy-key'] }] });
    expect(only(c, 'RoleBinding').subjects).toEqual([{ kind: 'ServiceAccount', name: 'builder', namespace: 'ci' }]);
  });

  test('given one imported by name, it writes no ServiceAccount and binds the one of the namespace given', () => {
    const c = namespaced();
    const imported = kplus.ServiceAccount.fromServiceAccountName(c, 'builder', 'builder', { namespaceName: 'ci' });
    const sa = new LeastPrivilegeServiceAccount(c, 'grants', { serviceAccount: imported });
    sa.grantApi({ resource: 'configmaps', verbs: [ApiVerb.GET], resourceNames: ['settings'] });
    expect(sa.serviceAccount).toBeUndefined();
    expect(names(c, 'ServiceAccount')).toEqual([]);
    expect(only(c, 'RoleBinding').subjects).toEqual([{ kind: 'ServiceAccount', name: 'builder', namespace: 'ci' }]);
  });

  test('a ServiceAccount of another namespace than the chart\'s is refused (cdk8s-plus imports into "default" unless told)', () => {
    const c = namespaced();
    const imported = kplus.ServiceAccount.fromServiceAccountName(c, 'builder', 'builder');
    expect(() => new LeastPrivilegeServiceAccount(c, 'grants', { serviceAccount: imported })).toThrow(
      "LeastPrivilegeServiceAccount 'test/grants': serviceAccount \"builder\" is in namespace 'default', where this construct writes its Role and RoleBinding in 'ci': "
      + "the grants would go to ServiceAccount 'builder' of namespace 'default', not to the one that runs in 'ci' "
      + '(cdk8s-plus places a ServiceAccount imported by name in \'default\' unless given a namespaceName) [VALID_REFERENCE]. '
      + "Import it with its namespace (ServiceAccount.fromServiceAccountName(scope, 'builder', 'builder', { namespaceName: 'ci' })), "
      + "or create this LeastPrivilegeServiceAccount in a chart of namespace 'default'.",
    );
    const other = new kplus.ServiceAccount(c, 'web', { metadata: { name: 'web', namespace: 'tools' } });
    expect(() => new LeastPrivilegeServiceAccount(c, 'web-grants', { serviceAccount: other })).toThrow(
      "LeastPrivilegeServiceAccount 'test/web-grants': serviceAccount \"web\" is in namespace 'tools', where this construct writes its Role and RoleBinding in 'ci': "
      + "the grants would go to ServiceAccount 'web' of namespace 'tools', not to the one that runs in 'ci' "
      + '(cdk8s-plus places a ServiceAccount imported by name in \'default\' unless given a namespaceName) [VALID_REFERENCE]. '
      + "Write ServiceAccount 'web' in namespace 'ci' (its metadata's namespace, or its chart's), or create this LeastPrivilegeServiceAccount in a chart of namespace 'tools'.",
    );
    const bare = new Chart(Testing.app(), 'bare');
    const unplaced = new kplus.ServiceAccount(bare, 'tool', { metadata: { name: 'tool' } });
    expect(() => new LeastPrivilegeServiceAccount(c, 'tool-grants', { serviceAccount: unplaced })).toThrow(
      "LeastPrivilegeServiceAccount 'test/tool-grants': serviceAccount \"tool\" is written without a namespace (kubectl applies it in its current one), where this construct writes its Role and RoleBinding in 'ci': "
      + "it is in 'ci' only if kubectl's namespace is, and runs in 'ci' find their ServiceAccount there [VALID_REFERENCE]. "
      + "Write ServiceAccount 'tool' in namespace 'ci' (its metadata's namespace, or its chart's).",
    );
  });

  test('Secrets listed without a grant reach the given cdk8s-plus ServiceAccount; one imported by name refuses them', () => {
    const c = namespaced();
    const builder = new kplus.ServiceAccount(c, 'builder', { metadata: { name: 'builder' } });
    const sa = new LeastPrivilegeServiceAccount(c, 'grants', { serviceAccount: builder });
    sa.listImagePullSecret('registry-push');
    sa.listImagePullSecret('registry-push');
    sa.listImagePullSecret('mirror-pull');
    sa.listSecret('chains-push');
    expect(only(c, 'ServiceAccount').imagePullSecrets).toEqual([{ name: 'registry-push' }, { name: 'mirror-pull' }]);
    expect(only(c, 'ServiceAccount').secrets).toEqual([{ name: 'chains-push' }]);
    expect(sa.imagePullSecretNames).toEqual(['registry-push', 'mirror-pull']);
    const c2 = namespaced();
    const imported = new LeastPrivilegeServiceAccount(c2, 'grants', { serviceAccount: kplus.ServiceAccount.fromServiceAccountName(c2, 'builder', 'builder', { namespaceName: 'ci' }) });
    expect(() => imported.listImagePullSecret('registry-push')).toThrow(
      "LeastPrivilegeServiceAccount 'test/grants': serviceAccount \"builder\" is imported by name, so its imagePullSecrets are written elsewhere: 'registry-push' cannot be listed there from this app "
      + "[VALID_REFERENCE]. List 'registry-push' under imagePullSecrets of ServiceAccount 'builder' where it is defined, or give a ServiceAccount of this app (a cdk8s-plus ServiceAccount), "
      + 'or none (the construct then writes its own).',
    );
    expect(() => imported.grantReadSecret('git-deploy-key')).toThrow(/'git-deploy-key' cannot be listed there from this app \[VALID_REFERENCE\]. List 'git-deploy-key' under secrets of ServiceAccount 'builder'/);
  });

  test('a name other than the given ServiceAccount\'s is refused', () => {
    const c = namespaced();
    const builder = new kplus.ServiceAccount(c, 'builder', { metadata: { name: 'builder' } });
    expect(() => new LeastPrivilegeServiceAccount(c, 'grants', { name: 'runner', serviceAccount: builder })).toThrow(
      "LeastPrivilegeServiceAccount 'test/grants': name \"runner\" differs from the name of serviceAccount 'builder' (test/builder) [VALID_REFERENCE]. Leave name out: a ServiceAccount given as serviceAccount keeps its own name.",
    );
  });

  test('a LeastPrivilegeServiceAccount given as serviceAccount is refused', () => {
    const c = namespaced();
    const web = new LeastPrivilegeServiceAccount(c, 'web');
    expect(() => new LeastPrivilegeServiceAccount(c, 'grants', { serviceAccount: web })).toThrow(
      "LeastPrivilegeServiceAccount 'test/grants': serviceAccount \"web\" is already a LeastPrivilegeServiceAccount (test/web) [VALID_REFERENCE]. Grant to that LeastPrivilegeServiceAccount itself: a second one would write a second Role of the same name.",
    );
  });
});

describe('one LeastPrivilegeServiceAccount per ServiceAccount given', () => {
  const GET_SETTINGS = { resource: 'configmaps', verbs: [ApiVerb.GET], resourceNames: ['web-settings'] };
  const withTask = (pipeline: SecurePipeline) => pipeline.addTask({ task: new SecureTask(pipeline, 'task', { steps: [step()] }) });

  test('a second one for a ServiceAccount a pipeline was given is refused, naming the pipeline\'s; the fix as written synthesizes one Role', () => {
    const c = namespaced();
    const builder = new kplus.ServiceAccount(c, 'builder', { metadata: { name: 'builder' } });
    const pipeline = new SecurePipeline(c, 'release', { serviceAccount: builder });
    withTask(pipeline);
    expect(() => new LeastPrivilegeServiceAccount(c, 'grants', { serviceAccount: builder })).toThrow(new Error(
      "LeastPrivilegeServiceAccount 'test/grants': serviceAccount \"builder\" already has its grants held by LeastPrivilegeServiceAccount 'test/builder/SecureTektonGrants' "
      + "(made for the SecurePipelines given it as serviceAccount): a second would write a second Role and RoleBinding 'builder' [VALID_REFERENCE]. "
      + "Grant through the pipeline's: pipeline.serviceAccount (of a SecurePipeline given serviceAccount 'builder') is that LeastPrivilegeServiceAccount, "
      + 'or make this LeastPrivilegeServiceAccount before the pipelines and give it to them as serviceAccount.',
    ));
    // the fix, as written
    pipeline.serviceAccount.grantApi(GET_SETTINGS);
    expect(Testing.synth(c).filter((o: any) => o.kind === 'Role').map((o: any) => [o.metadata.name, o.rules.map((r: any) => r.resourceNames)])).toEqual([['builder', [['web-settings']]]]);
  });

  test('one made first holds the grants of the pipelines given the same ServiceAccount: one Role', () => {
    const c = namespaced();
    const builder = new kplus.ServiceAccount(c, 'builder', { metadata: { name: 'builder' } });
    const grants = new LeastPrivilegeServiceAccount(c, 'grants', { serviceAccount: builder });
    grants.grantApi(GET_SETTINGS);
    const pipeline = new SecurePipeline(c, 'release', { serviceAccount: builder });
    withTask(pipeline);
    expect(pipeline.serviceAccount).toBe(grants);
    pipeline.serviceAccount.grantReadSecret('git-deploy-key');
    const roles = Testing.synth(c).filter((o: any) => o.kind === 'Role');
    expect(roles.map((o: any) => [o.metadata.name, o.rules.map((r: any) => r.resourceNames)])).toEqual([['builder', [['web-settings'], ['git-deploy-key']]]]);
  });

  test('a second one of its own is refused, naming the first; the same name imported again is the same ServiceAccount', () => {
    const c = namespaced();
    const builder = kplus.ServiceAccount.fromServiceAccountName(c, 'builder', 'builder', { namespaceName: 'ci' });
    new LeastPrivilegeServiceAccount(c, 'grants', { serviceAccount: builder });
    const again = kplus.ServiceAccount.fromServiceAccountName(c, 'builder-again', 'builder', { namespaceName: 'ci' });
    expect(() => new LeastPrivilegeServiceAccount(c, 'more-grants', { serviceAccount: again })).toThrow(new Error(
      "LeastPrivilegeServiceAccount 'test/more-grants': serviceAccount \"builder\" already has its grants held by LeastPrivilegeServiceAccount 'test/grants': "
      + "a second would write a second Role and RoleBinding 'builder' [VALID_REFERENCE]. Grant through LeastPrivilegeServiceAccount 'test/grants' "
      + '(give it, not the ServiceAccount, wherever one is needed).',
    ));
    // in another app, another ServiceAccount
    expect(() => new LeastPrivilegeServiceAccount(namespaced(), 'grants', { serviceAccount: builder })).not.toThrow();
  });
});

describeWithRbacEval('a nested subresource as Kubernetes matches it (conformance/cmd/rbac-eval)', () => {
  test('the request for virtualmachineinstances/<name>/sev/fetchcertchain is matched by the fix\'s rule, not by the three-segment one', () => {
    const c = namespaced();
    new LeastPrivilegeServiceAccount(c, 'runner').grantApi({
      apiGroup: 'subresources.kubevirt.io', resource: 'virtualmachineinstances/sev', verbs: [ApiVerb.GET], resourceNames: ['vm'],
    });
    const role = Testing.synth(c).find((o: any) => o.kind === 'Role');
    // what RequestInfoFactory makes of GET .../namespaces/ci/virtualmachineinstances/vm/sev/fetchcertchain
    const requests = [{ verb: 'get', apiGroup: 'subresources.kubevirt.io', resource: 'virtualmachineinstances', subresource: 'sev', name: 'vm' }];
    const nested = [{ apiGroups: ['subresources.kubevirt.io'], resources: ['virtualmachineinstances/sev/fetchcertchain'], verbs: ['get'], resourceNames: ['vm'] }];
    expect(rbacEval([{ rules: role.rules, requests }, { rules: nested, requests }])).toEqual([{ allowed: [true] }, { allowed: [false] }]);
  });
});
