import { configDefaultsWithTemplate, describeRule, KEPT_TEMPLATE_READING, operatorPipelineConfig } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { ruleContext } from '../../../src/policy/engine/context';
import { VAULT_TOKEN_AUDIENCE } from '../../../src/policy/rules/vault-token-audience';

/** A SecretProviderClass `db` of `provider` with these parameters besides an address, a role and one object. */
function spc(more: Record<string, unknown>, provider = 'vault'): any {
  return {
    apiVersion: 'secrets-store.csi.x-k8s.io/v1',
    kind: 'SecretProviderClass',
    metadata: { name: 'db', namespace: 'ci' },
    spec: {
      provider,
      parameters: { vaultAddress: 'https://vault.example.com', roleName: 'ci', objects: '- objectName: p\n  secretPath: secret/data/p\n  secretKey: v\n', ...more },
    },
  };
}

/** The driver's CSIDriver object, asking the kubelet for tokens of these audiences. */
const csiDriver = (...audiences: string[]) => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'CSIDriver',
  metadata: { name: 'secrets-store.csi.k8s.io' },
  spec: { podInfoOnMountVersion: 'v1', tokenRequests: audiences.map((audience) => ({ audience })) },
});

const REPLAY = 'so Vault, and whoever reads the login on its way, can use the token against the Kubernetes API as the pod\'s ServiceAccount until it expires';
const unset = (state: string, provider = 'the Vault CSI provider', uses = "the provider uses a token of audience 'vault'", none = 'no CSIDriver checked with it does') => {
  const one = !provider.includes(' and ');
  return `is ${state}: ${provider} then ${one ? 'logs' : 'log'} in to Vault with a ServiceAccount token of the API server's own audience, ${REPLAY}. `
    + `${state === 'empty' ? 'With an empty audience' : 'Without an audience'}, ${uses} if the CSIDriver secrets-store.csi.k8s.io has the kubelet make `
    + `${one ? 'one' : 'them'} (spec.tokenRequests), and ${none}, so ${one ? 'it requests' : 'they request'} a token with no audience, which the API server issues for its own`;
};
const BOTH = ['the Vault CSI provider and OpenBao\'s CSI provider', "the Vault CSI provider uses a token of audience 'vault' and OpenBao's CSI provider one of audience 'openbao'"] as const;
const emptyFix = (state: string, requests = '{ audience: vault }') => 'Set the audience parameter to one only Vault accepts, such as audience: vault (which '
  + 'VaultSecretProviderClass sets by default), and give the Vault role the same audience (vault write auth/kubernetes/role/<role> audience=vault …); or, '
  + `to leave it ${state}, add ${requests} to spec.tokenRequests of the CSIDriver secrets-store.csi.k8s.io and give the Vault role that audience.`;
const API_SERVER = `is the API server's own audience: the provider logs in to Vault with a ServiceAccount token of that audience, ${REPLAY}`;

describe('VAULT_TOKEN_AUDIENCE', () => {
  describeRule(VAULT_TOKEN_AUDIENCE, RuleId.VAULT_TOKEN_AUDIENCE, Severity.MEDIUM, true);

  test('non-compliant: a Vault class without an audience, with the exact finding', () => {
    const m = spc({});
    expect(VAULT_TOKEN_AUDIENCE.appliesTo(m)).toBe(true);
    expect(VAULT_TOKEN_AUDIENCE.check(m)).toEqual([{
      rule: RuleId.VAULT_TOKEN_AUDIENCE,
      kind: 'SecretProviderClass',
      name: 'db',
      target: 'key/audience',
      property: 'parameters.audience',
      problem: unset('not set'),
      fix: emptyFix('unset'),
    }]);
  });

  test('non-compliant: an empty audience, which the provider reads as none, with the exact finding', () => {
    expect(VAULT_TOKEN_AUDIENCE.check(spc({ audience: '' }))).toEqual([{
      rule: RuleId.VAULT_TOKEN_AUDIENCE,
      kind: 'SecretProviderClass',
      name: 'db',
      target: 'key/audience',
      property: 'parameters.audience',
      value: '',
      problem: "is empty: the Vault CSI provider then logs in to Vault with a ServiceAccount token of the API server's own audience, so Vault, and "
        + "whoever reads the login on its way, can use the token against the Kubernetes API as the pod's ServiceAccount until it expires. With an empty "
        + "audience, the provider uses a token of audience 'vault' if the CSIDriver secrets-store.csi.k8s.io has the kubelet make one (spec.tokenRequests), "
        + 'and no CSIDriver checked with it does, so it requests a token with no audience, which the API server issues for its own',
      fix: 'Set the audience parameter to one only Vault accepts, such as audience: vault (which VaultSecretProviderClass sets by default), and give the '
        + 'Vault role the same audience (vault write auth/kubernetes/role/<role> audience=vault …); or, to leave it empty, add { audience: vault } to '
        + 'spec.tokenRequests of the CSIDriver secrets-store.csi.k8s.io and give the Vault role that audience.',
    }]);
    // the fix's CSIDriver does clear it
    expect(VAULT_TOKEN_AUDIENCE.check(spc({ audience: '' }), ruleContext([csiDriver('vault')]))).toEqual([]);
    // a class either provider may serve: both fallbacks
    expect(VAULT_TOKEN_AUDIENCE.check(spc({ audience: '', baoRoleName: 'ci' })).map((f) => [f.problem, f.fix]))
      .toEqual([[unset('empty', ...BOTH), emptyFix('empty', '{ audience: vault }, { audience: openbao }')]]);
  });

  test('non-compliant: an OpenBao class falls back to the driver\'s openbao token; a class either provider may serve needs both', () => {
    expect(VAULT_TOKEN_AUDIENCE.check(spc({ baoAddress: 'https://bao.example.com' }, 'openbao')).map((f) => f.problem))
      .toEqual([unset('not set', 'OpenBao\'s CSI provider', "the provider uses a token of audience 'openbao'")]);
    expect(VAULT_TOKEN_AUDIENCE.check(spc({}, 'vault-east')).map((f) => f.problem)).toEqual([unset('not set')]);
    expect(VAULT_TOKEN_AUDIENCE.check(spc({ baoRoleName: 'ci' })).map((f) => f.problem))
      .toEqual([unset('not set', ...BOTH)]);
  });

  test('compliant: no audience, with a CSIDriver checked with the class that asks the kubelet for the provider\'s fallback token', () => {
    expect(VAULT_TOKEN_AUDIENCE.check(spc({}), ruleContext([spc({}), csiDriver('vault')]))).toEqual([]);
    expect(VAULT_TOKEN_AUDIENCE.check(spc({}, 'openbao'), ruleContext([csiDriver('vault', 'openbao')]))).toEqual([]);
  });

  test('non-compliant: a CSIDriver that asks for other audiences only (an empty one is the API server\'s)', () => {
    const problem = unset('not set', undefined, undefined, 'the CSIDriver checked with it does not');
    expect(VAULT_TOKEN_AUDIENCE.check(spc({}), ruleContext([csiDriver('', 'openbao')])).map((f) => f.problem)).toEqual([problem]);
    // another driver's tokens are not the Secrets Store driver's
    const other = { ...csiDriver('vault'), metadata: { name: 'csi.example.com' } };
    expect(VAULT_TOKEN_AUDIENCE.check(spc({}), ruleContext([other])).map((f) => f.problem)).toEqual([unset('not set')]);
  });

  test.each([
    'https://kubernetes.default.svc.cluster.local',
    'https://kubernetes.default.svc',
    'kubernetes.default.svc',
    'https://KUBERNETES.default.svc.cluster.local:443/',
    'kubernetes',
    'https://container.googleapis.com/v1/projects/p/locations/europe-west1/clusters/c',
    'https://oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789',
    'https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/11111111-1111-1111-1111-111111111111/',
  ])('non-compliant: the API server\'s own audience %s', (audience) => {
    expect(VAULT_TOKEN_AUDIENCE.check(spc({ audience })).map((f) => [f.property, f.value, f.problem])).toEqual([['parameters.audience', audience, API_SERVER]]);
  });

  const exchange = (whose: string) => `is the audience ${whose}: where the pod's ServiceAccount is federated with that cloud, Vault, and whoever reads `
    + "the login on its way, can exchange the token the provider logs in with for the cloud credentials of the ServiceAccount's role until it expires";
  test.each([
    ['sts.amazonaws.com', 'AWS STS accepts for EKS IAM roles for service accounts'],
    ['STS.eu-west-1.amazonaws.com', 'AWS STS accepts for EKS IAM roles for service accounts'],
    ['sts.amazonaws.com.cn', 'AWS STS accepts for EKS IAM roles for service accounts'],
    ['pods.eks.amazonaws.com', 'EKS Pod Identity accepts'],
    ['api://AzureADTokenExchange', 'Microsoft Entra workload identity accepts'],
    ['api://AzureADTokenExchangeUSGov', 'Microsoft Entra workload identity accepts'],
    ['my-project.svc.id.goog', "Google's STS accepts for GKE Workload Identity"],
    ['//iam.googleapis.com/projects/123456/locations/global/workloadIdentityPools/ci/providers/gke', "Google's STS accepts for workload identity federation"],
    ['https://iam.googleapis.com/projects/123456/locations/global/workloadIdentityPools/ci/providers/gke', "Google's STS accepts for workload identity federation"],
  ])('non-compliant: a cloud token exchange\'s audience %s, for which the token buys the federated cloud role', (audience, whose) => {
    expect(VAULT_TOKEN_AUDIENCE.check(spc({ audience }))).toEqual([{
      rule: RuleId.VAULT_TOKEN_AUDIENCE,
      kind: 'SecretProviderClass',
      name: 'db',
      property: 'parameters.audience',
      value: audience,
      target: 'key/audience',
      problem: exchange(whose),
    }]);
  });

  test.each(['sts.example.com', 'api://vault', 'svc.id.goog', '//iam.googleapis.com/projects/123456'])('compliant: an audience that is no cloud token exchange\'s: %s', (audience) => {
    expect(VAULT_TOKEN_AUDIENCE.check(spc({ audience }))).toEqual([]);
  });

  test.each(['vault', 'openbao', 'https://vault.example.com', ' kubernetes', 'kubernetes-vault', 'https://kubernetes.example.com'])('compliant: a dedicated audience %s', (audience) => {
    expect(VAULT_TOKEN_AUDIENCE.check(spc({ audience }))).toEqual([]);
  });

  test('non-compliant: a CSI volume whose audience attribute is empty or the API server\'s, which the driver copies over the class\'s', () => {
    const run = {
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: { name: 'r' },
      spec: {
        pipelineRef: { name: 'p' },
        workspaces: [
          { name: 'creds', csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'db', audience: '' } } },
          { name: 'kube', csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'db', audience: 'https://kubernetes.default.svc' } } },
          { name: 'ok', csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'db', audience: 'vault' } } },
          { name: 'mock', csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { providerName: 'mock_provider', audience: '' } } },
        ],
      },
    };
    const fix = 'Remove the audience attribute (leave only secretProviderClass in volumeAttributes) and set a dedicated audience in the '
      + 'SecretProviderClass (VaultSecretProviderClass sets audience: vault).';
    const overrides = ' (the Secrets Store CSI driver gives the provider the volume\'s attributes in place of the SecretProviderClass\'s parameters)';
    expect(VAULT_TOKEN_AUDIENCE.check(run)).toEqual([
      {
        rule: RuleId.VAULT_TOKEN_AUDIENCE,
        kind: 'PipelineRun',
        name: 'r',
        location: "workspace 'creds'",
        target: 'workspace/creds',
        property: 'workspaces.creds.csi.volumeAttributes.audience',
        value: '',
        problem: unset('empty', ...BOTH) + overrides,
        fix,
      },
      {
        rule: RuleId.VAULT_TOKEN_AUDIENCE,
        kind: 'PipelineRun',
        name: 'r',
        location: "workspace 'kube'",
        target: 'workspace/kube',
        property: 'workspaces.kube.csi.volumeAttributes.audience',
        value: 'https://kubernetes.default.svc',
        problem: API_SERVER + overrides,
        fix,
      },
    ]);
    // a volume without an audience attribute leaves the class's, judged on the class
    expect(VAULT_TOKEN_AUDIENCE.check({ ...run, spec: { ...run.spec, workspaces: [run.spec.workspaces[2]] } })).toEqual([]);
  });

  test('non-compliant: an audience a run or an event chooses (a variable replaced before the driver reads it), as Tekton and Triggers replace them', () => {
    const chosen = (variable: string, by: string) => `holds ${variable}, ${by}: whoever gives that value chooses the audience of the ServiceAccount token `
      + `the provider logs in to Vault with, the API server's own included, ${REPLAY}`;
    const BY_TASK = "which Tekton replaces with the param's value, which whoever runs the task gives (or a result another task passes), before it creates the pod";
    const overrides = ' (the Secrets Store CSI driver gives the provider the volume\'s attributes in place of the SecretProviderClass\'s parameters)';
    const fix = 'Remove the audience attribute (leave only secretProviderClass in volumeAttributes) and set a dedicated audience in the '
      + 'SecretProviderClass (VaultSecretProviderClass sets audience: vault).';
    const csi = (audience: string) => ({ driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'db', audience } });
    const task = {
      apiVersion: 'tekton.dev/v1',
      kind: 'Task',
      metadata: { name: 't', namespace: 'ci' },
      spec: {
        params: [{ name: 'aud', default: 'https://kubernetes.default.svc' }],
        steps: [{ name: 's', image: 'alpine' }],
        volumes: [{ name: 'v', csi: csi('$(params.aud)') }, { name: 'w', csi: csi('vault-$(context.taskRun.namespace)') }],
      },
    };
    expect(VAULT_TOKEN_AUDIENCE.check(task)).toEqual([{
      rule: RuleId.VAULT_TOKEN_AUDIENCE,
      kind: 'Task',
      name: 't',
      property: 'volumes.v.csi.volumeAttributes.audience',
      value: '$(params.aud)',
      problem: chosen('$(params.aud)', BY_TASK) + overrides,
      fix,
    }]);
    // Tekton leaves another task's result in an embedded task spec's volume as written (it replaces results only in a pipeline task's params,
    // when expressions, taskRef, displayName and workspace subPaths): a dedicated audience
    const pipeline = {
      apiVersion: 'tekton.dev/v1',
      kind: 'Pipeline',
      metadata: { name: 'p', namespace: 'ci' },
      spec: { tasks: [{ name: 'b', taskSpec: { steps: [{ name: 's', image: 'alpine' }], volumes: [{ name: 'v', csi: csi('$(tasks.a.results.aud)') }] } }] },
    };
    expect(VAULT_TOKEN_AUDIENCE.check(pipeline)).toEqual([]);
    // a run's pod template: Tekton replaces the TaskRun's params there, nothing else
    const run = {
      apiVersion: 'tekton.dev/v1',
      kind: 'TaskRun',
      metadata: { name: 'r', namespace: 'ci' },
      spec: {
        taskRef: { name: 't' },
        params: [{ name: 'aud', value: 'kubernetes' }],
        podTemplate: { volumes: [{ name: 'v', csi: csi('$(params.aud)') }, { name: 'w', csi: csi('$(context.taskRun.name)') }] },
        workspaces: [{ name: 'creds', csi: csi('$(params.aud)') }],
      },
    };
    expect(VAULT_TOKEN_AUDIENCE.check(run).map((f) => [f.property, f.problem])).toEqual([
      ['podTemplate.volumes.v.csi.volumeAttributes.audience',
        chosen('$(params.aud)', "which Tekton replaces with the TaskRun's param of that name before it creates the pod") + overrides],
    ]);
    // a class a TriggerTemplate creates: Triggers pastes the event's value in
    const template = spc({ audience: '$(tt.params.audience)' });
    expect(VAULT_TOKEN_AUDIENCE.check(template)).toEqual([{
      rule: RuleId.VAULT_TOKEN_AUDIENCE,
      kind: 'SecretProviderClass',
      name: 'db',
      target: 'key/audience',
      property: 'parameters.audience',
      value: '$(tt.params.audience)',
      problem: chosen('$(tt.params.audience)', "which Tekton Triggers replaces with the event's value when it creates the object"),
      fix: 'Write a dedicated audience in the SecretProviderClass, not a variable: audience: vault (which VaultSecretProviderClass sets by default), and give '
        + 'the Vault role the same audience (vault write auth/kubernetes/role/<role> audience=vault …).',
    }]);
    // a Tekton variable in a class is no variable: nothing replaces it there
    expect(VAULT_TOKEN_AUDIENCE.check(spc({ audience: '$(params.audience)' }))).toEqual([]);
    // text around it that no value can make the API server's audience (nor empty); text that still can
    const around = (audience: string) => VAULT_TOKEN_AUDIENCE.check({ ...task, spec: { ...task.spec, volumes: [{ name: 'v', csi: csi(audience) }] } });
    expect(around('vault-$(params.env)')).toEqual([]);
    expect(around('$(params.env).vault.example.com')).toEqual([]);
    expect(around('https://$(params.host)').map((f) => f.value)).toEqual(['https://$(params.host)']);
    expect(around('KUBERNETES.default.$(params.rest)').map((f) => f.value)).toEqual(['KUBERNETES.default.$(params.rest)']);
    // checked with the objects: the TaskRun's own value is pasted into its pod template, and a param no TaskRun has stays as written
    // the value pasted is said after the problem, the volume's overriding after both
    const noted = (note: string) => `${API_SERVER} (with ${note})${overrides}`;
    expect(VAULT_TOKEN_AUDIENCE.check(run, ruleContext([run])).map((f) => [f.property, f.problem])).toEqual([
      ['podTemplate.volumes.v.csi.volumeAttributes.audience', noted('$(params.aud) "kubernetes" (the TaskRun\'s value)')],
    ]);
    const { taskRef: _, ...embedding } = run.spec;
    const noParam = { ...run, spec: { ...embedding, params: [], taskSpec: { steps: [{ name: 's', image: 'alpine' }] } } };
    expect(VAULT_TOKEN_AUDIENCE.check(noParam, ruleContext([noParam]))).toEqual([]);
    // its Task not among the objects (it may give a default): any value, as before
    expect(VAULT_TOKEN_AUDIENCE.check({ ...run, spec: { ...run.spec, params: [] } }, ruleContext([])).map((f) => f.value)).toEqual(['$(params.aud)']);
    // with enable-param-enum on, a task param's enum: each value judged as written
    const FLAGS = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'feature-flags', namespace: 'tekton-pipelines' }, data: { 'enable-param-enum': 'true' } };
    const enumTask = (values: string[]) => ({ ...task, spec: { ...task.spec, params: [{ name: 'aud', default: values[0], enum: values }], volumes: [task.spec.volumes[0]] } });
    expect(VAULT_TOKEN_AUDIENCE.check(enumTask(['vault', 'vault-dr']), ruleContext([enumTask(['vault', 'vault-dr']), FLAGS]))).toEqual([]);
    expect(VAULT_TOKEN_AUDIENCE.check(enumTask(['vault', 'https://kubernetes.default.svc']), ruleContext([FLAGS])).map((f) => f.problem)).toEqual([
      noted('$(params.aud) "https://kubernetes.default.svc" (a value of its enum, which Tekton checks the run\'s value against)'),
    ]);
  });

  test('non-compliant: an audience a run or an event chooses that the text around the variable lets become a cloud token exchange\'s', () => {
    const csi = (audience: string) => ({ driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'db', audience } });
    const task = (audience: string) => ({
      apiVersion: 'tekton.dev/v1',
      kind: 'Task',
      metadata: { name: 't', namespace: 'ci' },
      spec: { params: [{ name: 'p' }], steps: [{ name: 's', image: 'alpine' }], volumes: [{ name: 'v', csi: csi(audience) }] },
    });
    const BY_TASK = "which Tekton replaces with the param's value, which whoever runs the task gives (or a result another task passes), before it creates the pod";
    const may = (variable: string, by: string, audience: string, whose: string) => `holds ${variable}, ${by}: whoever gives that value can make the audience `
      + `"${audience}", the audience ${whose}: where the pod's ServiceAccount is federated with that cloud, Vault, and whoever reads the login on its way, may `
      + "exchange the token the provider logs in with for the cloud credentials of the ServiceAccount's role until it expires";
    expect(VAULT_TOKEN_AUDIENCE.check(spc({ audience: '$(tt.params.project).svc.id.goog' }))).toEqual([{
      rule: RuleId.VAULT_TOKEN_AUDIENCE,
      kind: 'SecretProviderClass',
      name: 'db',
      target: 'key/audience',
      property: 'parameters.audience',
      value: '$(tt.params.project).svc.id.goog',
      problem: may('$(tt.params.project)', "which Tekton Triggers replaces with the event's value when it creates the object", 'p.svc.id.goog',
        "Google's STS accepts for GKE Workload Identity"),
      fix: 'Write a dedicated audience in the SecretProviderClass, not a variable: audience: vault (which VaultSecretProviderClass sets by default), and give '
        + 'the Vault role the same audience (vault write auth/kubernetes/role/<role> audience=vault …).',
    }]);
    expect(VAULT_TOKEN_AUDIENCE.check(task('sts.$(params.p).amazonaws.com'))).toEqual([{
      rule: RuleId.VAULT_TOKEN_AUDIENCE,
      kind: 'Task',
      name: 't',
      property: 'volumes.v.csi.volumeAttributes.audience',
      value: 'sts.$(params.p).amazonaws.com',
      problem: may('$(params.p)', BY_TASK, 'sts.us-east-1.amazonaws.com', 'AWS STS accepts for EKS IAM roles for service accounts')
        + " (the Secrets Store CSI driver gives the provider the volume's attributes in place of the SecretProviderClass's parameters)",
      fix: 'Remove the audience attribute (leave only secretProviderClass in volumeAttributes) and set a dedicated audience in the '
        + 'SecretProviderClass (VaultSecretProviderClass sets audience: vault).',
    }]);
    // the variable as the free part of a longer audience, a prefix of one, or two variables
    const first = (audience: string) => VAULT_TOKEN_AUDIENCE.check(task(audience)).map((f) => f.problem.replace(/^holds [^,]*, .*?: whoever gives that value can make the audience ("[^"]*")[^]*$/, '$1'));
    expect(first('//iam.googleapis.com/projects/$(params.p)/locations/global/workloadIdentityPools/ci/providers/gke'))
      .toEqual(['"//iam.googleapis.com/projects/p/locations/global/workloadIdentityPools/ci/providers/gke"']);
    expect(first('api://$(params.p)')).toEqual(['"api://AzureADTokenExchange"']);
    expect(first('sts.$(params.p).amazonaws.$(params.p)')).toEqual(['"sts.us-east-1.amazonaws.com"']);
    // text around it that no value makes a cloud's audience (nor the API server's); a Tekton variable in a class is none
    // (vault-$(params.p) could be vault-….svc.id.goog only where the project's ID starts with vault-: text that fixes a free part)
    expect(VAULT_TOKEN_AUDIENCE.check(task('vault-$(params.p)'))).toEqual([]);
    // compliant by decision (the rule's limits): an event's value too, where no enum can be given, and its neighbours with the pool's suffix written found
    expect(VAULT_TOKEN_AUDIENCE.check(spc({ audience: 'vault-$(tt.params.env)' }))).toEqual([]);
    expect(first('vault-$(params.p).svc.id.goog')).toEqual(['"vault-p.svc.id.goog"']);
    expect(VAULT_TOKEN_AUDIENCE.check(spc({ audience: 'vault-$(tt.params.env).svc.id.goog' })).map((f) => f.value)).toEqual(['vault-$(tt.params.env).svc.id.goog']);
    expect(VAULT_TOKEN_AUDIENCE.check(task('vault-$(params.p)/x'))).toEqual([]);
    expect(VAULT_TOKEN_AUDIENCE.check(task('$(params.p).vault.example.com'))).toEqual([]);
    expect(VAULT_TOKEN_AUDIENCE.check(task('api://vault-$(params.p)'))).toEqual([]);
    expect(VAULT_TOKEN_AUDIENCE.check(spc({ audience: '$(params.project).svc.id.goog' }))).toEqual([]);
    // with enable-param-enum on, the values of the enum are judged as written, not as any value
    const FLAGS = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'feature-flags', namespace: 'tekton-pipelines' }, data: { 'enable-param-enum': 'true' } };
    const enumTask = { ...task('$(params.p).svc.id.goog'), spec: { ...task('').spec, params: [{ name: 'p', default: 'x', enum: ['x', 'y'] }], volumes: [{ name: 'v', csi: csi('$(params.p).vault') }] } };
    expect(VAULT_TOKEN_AUDIENCE.check(enumTask, ruleContext([enumTask, FLAGS]))).toEqual([]);
    expect(VAULT_TOKEN_AUDIENCE.check(enumTask, ruleContext([])).map((f) => f.value)).toEqual([]);
  });

  test('not applicable: a class of another provider', () => {
    expect(VAULT_TOKEN_AUDIENCE.appliesTo({ ...spc({}), spec: { provider: 'azure', parameters: { keyvaultName: 'k' } } })).toBe(false);
  });
});

describe("VAULT_TOKEN_AUDIENCE: config-defaults' default pod template beside a Tekton operator's object", () => {
  const template = 'volumes:\n- name: v\n  csi:\n    driver: secrets-store.csi.k8s.io\n    readOnly: true\n    volumeAttributes:\n      secretProviderClass: c\n'
    + '      audience: ""\n';
  const cm = configDefaultsWithTemplate(template);
  const check = (m: any, ...manifests: any[]) => VAULT_TOKEN_AUDIENCE.check(m, { manifests, credentialWorkspaces: () => [] } as any);

  test('the ConfigMap\'s template only in the reading that keeps it (the operator writes none), named; the operator\'s own in every reading, not named', () => {
    expect(check(cm, operatorPipelineConfig({}), cm)).toEqual([{
      rule: RuleId.VAULT_TOKEN_AUDIENCE,
      kind: 'ConfigMap',
      name: 'config-defaults',
      property: "data['default-pod-template'].volumes.v.csi.volumeAttributes.audience",
      value: '',
      problem: ("is empty: the Vault CSI provider and OpenBao's CSI provider then log in to Vault with a ServiceAccount token of the API server's own audience, "
    + "so Vault, and whoever reads the login on its way, can use the token against the Kubernetes API as the pod's ServiceAccount until it expires. "
    + "With an empty audience, the Vault CSI provider uses a token of audience 'vault' and OpenBao's CSI provider one of audience 'openbao' if the "
    + 'CSIDriver secrets-store.csi.k8s.io has the kubelet make them (spec.tokenRequests), and no CSIDriver checked with it does, so they request a '
    + "token with no audience, which the API server issues for its own (the Secrets Store CSI driver gives the provider the volume's attributes in "
    + "place of the SecretProviderClass's parameters)") + KEPT_TEMPLATE_READING,
      fix: ('Remove the audience attribute (leave only secretProviderClass in volumeAttributes) and set a dedicated audience in the SecretProviderClass '
        + '(VaultSecretProviderClass sets audience: vault).'),
    }]);
    const own = operatorPipelineConfig({ 'default-pod-template': template });
    expect(check(own, own, cm).map((p) => [p.property, p.problem])).toEqual([
      ["spec.pipeline['default-pod-template'].volumes.v.csi.volumeAttributes.audience", ("is empty: the Vault CSI provider and OpenBao's CSI provider then log in to Vault with a ServiceAccount token of the API server's own audience, "
    + "so Vault, and whoever reads the login on its way, can use the token against the Kubernetes API as the pod's ServiceAccount until it expires. "
    + "With an empty audience, the Vault CSI provider uses a token of audience 'vault' and OpenBao's CSI provider one of audience 'openbao' if the "
    + 'CSIDriver secrets-store.csi.k8s.io has the kubelet make them (spec.tokenRequests), and no CSIDriver checked with it does, so they request a '
    + "token with no audience, which the API server issues for its own (the Secrets Store CSI driver gives the provider the volume's attributes in "
    + "place of the SecretProviderClass's parameters)")],
    ]);
  });

  test('compliant: a template the operator writes over in every reading reaches no pod', () => {
    expect(check(cm, operatorPipelineConfig({ 'default-pod-template': 'dnsPolicy: Default' }), cm)).toEqual([]);
  });
});
