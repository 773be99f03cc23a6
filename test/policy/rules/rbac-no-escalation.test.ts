import * as fc from 'fast-check';
import { aggregation, clusterRole, describeRule, namedSecretRule, role } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { ruleContext } from '../../../src/policy/engine/context';
import { RBAC_NO_ESCALATION } from '../../../src/policy/rules/rbac-no-escalation';
import { evaluatingOnce } from '../../../src/private/containers';

const at = (location: string, finding: Record<string, unknown>, kind = 'Role') => ({ rule: RuleId.RBAC_NO_ESCALATION, kind, name: 'reader', location, ...finding });
const verb = (value: string) => ({ property: 'verbs', value, problem: 'is an escalation verb' });
/** `granted`: the rule's verbs that reach the subresource, each once and sorted. */
const subresource = (value: string, granted: string) => ({ property: 'resources', value, granted, problem: 'is an escalation subresource' });
const FIX = 'Remove these verbs or this resource from the rule.';
/** `verbs` as the problem lists them; `granted` the same, sorted. */
const reaches = (value: string, verbs: string, problem: string) => ({
  property: 'resources', value, granted: verbs.split(', ').sort().join(', '), problem: `with ${verbs}: ${problem}`, fix: FIX,
});

const POD = 'a new or rewritten pod can run as any ServiceAccount of the namespace and mount any of its Secrets';
const SECRET = 'a Secret of type kubernetes.io/service-account-token is filled with a token of the ServiceAccount it names';
const RBAC = 'roles and bindings decide every identity\'s permissions, this one\'s included';
const ADMISSION = 'admission webhooks and policies see, change or stop guarding every object the cluster admits';
const SUBRESOURCES = 'exec, attach, port-forward, proxy, ephemeral containers and token requests act inside other workloads or as their ServiceAccounts';
const IMPERSONATION = 'impersonate acts as any user, group, ServiceAccount, UID or user extra';

const policy = (apiGroups: string[], resources: string[], verbs: string[], resourceNames = ['x']) => ({ apiGroups, resources, verbs, resourceNames });


describe('RBAC_NO_ESCALATION', () => {
  describeRule(RBAC_NO_ESCALATION, RuleId.RBAC_NO_ESCALATION, Severity.HIGH, true);

  test('applies to Roles and ClusterRoles only', () => {
    expect(RBAC_NO_ESCALATION.appliesTo(role())).toBe(true);
    expect(RBAC_NO_ESCALATION.appliesTo(clusterRole())).toBe(true);
    expect(RBAC_NO_ESCALATION.appliesTo({ kind: 'RoleBinding' })).toBe(false);
  });

  test('compliant: reading, deleting and ordinary subresources', () => {
    expect(RBAC_NO_ESCALATION.check(role(
      namedSecretRule(),
      policy([''], ['pods', 'pods/log', 'pods/status', 'pods/eviction'], ['get', 'list', 'watch', 'delete']),
      policy(['apps'], ['deployments', 'deployments/scale'], ['get', 'list', 'watch']),
      policy(['apps'], ['deployments/scale'], ['update', 'patch']),
      policy([''], ['configmaps', 'persistentvolumeclaims'], ['get', 'create', 'update', 'patch', 'delete']),
      policy([''], ['services', 'endpoints'], ['get', 'list', 'delete']),
      policy(['tekton.dev'], ['tasks', 'pipelines'], ['get', 'list']),
      policy(['certificates.k8s.io'], ['certificatesigningrequests'], ['create', 'get']),
    ))).toEqual([]);
  });

  test.each(['bind', 'escalate', 'impersonate', 'impersonate:user-info', 'impersonate:serviceaccount', 'impersonate-on:user-info:get'])('non-compliant: the verb %s, on any resource', (v) => {
    expect(RBAC_NO_ESCALATION.check(role(namedSecretRule({ verbs: ['get', v] })))).toEqual([at('rules[0]', verb(v))]);
  });

  test.each([
    'pods/exec', 'pods/attach', 'pods/portforward', 'pods/proxy', 'pods/ephemeralcontainers', 'services/proxy', 'nodes/proxy', 'serviceaccounts/token',
    '*/exec', '*/attach', '*/token', '*/proxy', '*/portforward', '*/ephemeralcontainers', 'virtualmachineinstances/portforward',
  ])('non-compliant: the subresource %s, whatever the verb, group or names', (r) => {
    expect(RBAC_NO_ESCALATION.check(role(policy(['example.com', ''], ['pods', r], ['get'])))).toEqual([at('rules[0]', subresource(r, 'get'))]);
  });

  test('compliant: the verbs the core group\'s exec, attach, portforward, ephemeralcontainers and token subresources do not serve', () => {
    expect(RBAC_NO_ESCALATION.check(role(
      policy([''], ['pods/exec', 'pods/attach', 'pods/portforward'], ['update', 'patch', 'delete']),
      // a get of ephemeralcontainers reads the pod; a TokenRequest is only created
      policy([''], ['pods/ephemeralcontainers'], ['get', 'create', 'delete']),
      { resources: ['serviceaccounts/token'], verbs: ['get', 'update', 'patch', 'delete'] },
    ))).toEqual([]);
  });

  test('non-compliant: the verbs they serve, and any verb where another group (or *) may serve the same name', () => {
    expect(RBAC_NO_ESCALATION.check(role(
      policy([''], ['pods/exec', 'pods/attach', 'pods/portforward'], ['get']),
      policy([''], ['pods/portforward'], ['create']),
      policy([''], ['pods/ephemeralcontainers'], ['patch']),
      policy([''], ['serviceaccounts/token'], ['create']),
      policy(['', 'example.com'], ['pods/exec'], ['update']),
      policy(['*'], ['serviceaccounts/token'], ['get']),
      policy([''], ['*/token', 'pods/proxy'], ['delete']),
      // an OPTIONS request has the verb "", and the proxy subresources pass it on (exec and attach serve only GET and POST)
      policy([''], ['nodes/proxy', '*/proxy', 'pods/exec', 'pods/attach'], ['']),
    ))).toEqual([
      at('rules[0]', subresource('pods/exec', 'get')), at('rules[0]', subresource('pods/attach', 'get')), at('rules[0]', subresource('pods/portforward', 'get')),
      at('rules[1]', subresource('pods/portforward', 'create')),
      at('rules[2]', subresource('pods/ephemeralcontainers', 'patch')),
      at('rules[3]', subresource('serviceaccounts/token', 'create')),
      at('rules[4]', subresource('pods/exec', 'update')),
      at('rules[5]', subresource('serviceaccounts/token', 'get')),
      at('rules[6]', subresource('*/token', 'delete')), at('rules[6]', subresource('pods/proxy', 'delete')),
      at('rules[7]', subresource('nodes/proxy', '')), at('rules[7]', subresource('*/proxy', '')),
    ]);
  });

  test('non-compliant: impersonation and exec in a ClusterRole, every one reported in its rule, verbs first', () => {
    expect(RBAC_NO_ESCALATION.check(clusterRole(
      { apiGroups: [''], resources: ['users', 'groups', 'serviceaccounts'], verbs: ['impersonate'] },
      { apiGroups: [''], resources: ['pods/exec', 'pods/attach'], resourceNames: ['p'], verbs: ['create', 'bind'] },
    ))).toEqual([
      at('rules[0]', verb('impersonate'), 'ClusterRole'),
      at('rules[1]', verb('bind'), 'ClusterRole'),
      at('rules[1]', subresource('pods/exec', 'create'), 'ClusterRole'),
      at('rules[1]', subresource('pods/attach', 'create'), 'ClusterRole'),
    ]);
  });

  test('non-compliant: escalating or binding roles (the verbs only: bind and escalate on roles are what they do)', () => {
    expect(RBAC_NO_ESCALATION.check(role({ apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], resourceNames: ['admin'], verbs: ['escalate', 'bind'] })))
      .toEqual([at('rules[0]', verb('escalate')), at('rules[0]', verb('bind'))]);
  });

  describe('writes that start pods as any ServiceAccount of the namespace', () => {
    const WORKLOADS: Array<[string, string]> = [
      ['', 'pods'], ['', 'replicationcontrollers'],
      ['apps', 'deployments'], ['apps', 'replicasets'], ['apps', 'statefulsets'], ['apps', 'daemonsets'],
      ['batch', 'jobs'], ['batch', 'cronjobs'],
      ['tekton.dev', 'taskruns'], ['tekton.dev', 'pipelineruns'], ['tekton.dev', 'customruns'],
      ['triggers.tekton.dev', 'eventlisteners'], ['triggers.tekton.dev', 'triggers'],
    ];
    test.each(WORKLOADS.flatMap(([g, r]) => ['create', 'update', 'patch'].map((v) => [g, r, v])))('non-compliant: %s %s with %s, even on named objects', (g, r, v) => {
      expect(RBAC_NO_ESCALATION.check(role(policy([g], [r], ['get', v])))).toEqual([at('rules[0]', reaches(r, v, POD))]);
    });

    test('the verbs that reach it are listed; * reaches it too', () => {
      expect(RBAC_NO_ESCALATION.check(role(policy([''], ['pods'], ['create', 'patch', 'delete']), policy(['apps'], ['deployments'], ['*']))))
        .toEqual([at('rules[0]', reaches('pods', 'create, patch', POD)), at('rules[1]', reaches('deployments', '*', POD))]);
    });

    test('compliant: the extensions group, which Kubernetes serves nothing of since 1.22 (Deployments, DaemonSets and ReplicaSets left it in 1.16, Ingresses in 1.22), grants no write', () => {
      expect(RBAC_NO_ESCALATION.check(role(
        policy(['extensions'], ['deployments', 'replicasets', 'daemonsets'], ['create', 'update', 'patch']),
        policy(['extensions'], ['ingresses'], ['create', 'get', 'list', 'delete', 'update']),
      ))).toEqual([]);
      // beside a group that serves the kind, that group's grant is the finding
      expect(RBAC_NO_ESCALATION.check(role(policy(['extensions', 'apps'], ['deployments'], ['create'])))).toEqual([at('rules[0]', reaches('deployments', 'create', POD))]);
    });

    test('compliant: the kind in another group, or spelled in another case, is another (or no) resource', () => {
      expect(RBAC_NO_ESCALATION.check(role(policy(['apps'], ['pods'], ['create']), policy([''], ['deployments'], ['create']), policy([''], ['Pods'], ['create']), policy([''], ['pods'], ['Create'])))).toEqual([]);
    });

    test('a rule without apiGroups is read as the core group', () => {
      expect(RBAC_NO_ESCALATION.check(role({ resources: ['pods'], verbs: ['create'] }))).toEqual([at('rules[0]', reaches('pods', 'create', POD))]);
    });
  });

  test.each(['create', 'update', 'patch'])('non-compliant: secrets with %s (a service-account-token Secret is filled with a token)', (v) => {
    expect(RBAC_NO_ESCALATION.check(role(namedSecretRule({ verbs: ['get', v] })))).toEqual([at('rules[0]', reaches('secrets', v, SECRET))]);
  });

  test.each(['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings'])('non-compliant: %s with every write verb (its own binding included)', (r) => {
    expect(RBAC_NO_ESCALATION.check(role(policy(['rbac.authorization.k8s.io'], [r], ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection']))))
      .toEqual([at('rules[0]', reaches(r, 'create, update, patch, delete, deletecollection', RBAC))]);
  });

  test.each([
    'validatingwebhookconfigurations', 'mutatingwebhookconfigurations', 'validatingadmissionpolicies', 'validatingadmissionpolicybindings',
    'mutatingadmissionpolicies', 'mutatingadmissionpolicybindings',
  ])('non-compliant: writes to %s', (r) => {
    expect(RBAC_NO_ESCALATION.check(clusterRole(policy(['admissionregistration.k8s.io'], [r], ['get', 'delete'])))).toEqual([at('rules[0]', reaches(r, 'delete', ADMISSION), 'ClusterRole')]);
  });

  test('non-compliant: the other writes that confine everything else', () => {
    expect(RBAC_NO_ESCALATION.check(clusterRole(
      policy(['apiregistration.k8s.io'], ['apiservices'], ['create']),
      policy([''], ['nodes', 'nodes/status'], ['patch']),
      policy([''], ['namespaces'], ['get', 'update']),
      policy(['certificates.k8s.io'], ['certificatesigningrequests/approval'], ['update']),
      policy(['certificates.k8s.io'], ['signers'], ['approve', 'sign', 'attest']),
      policy([''], ['pods', 'services', 'nodes'], ['proxy']),
    ))).toEqual([
      at('rules[0]', reaches('apiservices', 'create', 'an APIService sends an API group\'s requests, with their callers\' identities, to a server of its choosing'), 'ClusterRole'),
      at('rules[1]', reaches('nodes', 'patch', 'a node hosts every pod scheduled to it, with their Secrets'), 'ClusterRole'),
      at('rules[1]', reaches('nodes/status', 'patch', 'a node hosts every pod scheduled to it, with their Secrets'), 'ClusterRole'),
      at('rules[2]', reaches('namespaces', 'update', 'a namespace\'s pod-security labels decide which pods it admits (its status and finalize subresources change its labels too)'), 'ClusterRole'),
      at('rules[3]', reaches('certificatesigningrequests/approval', 'update', 'an approved request becomes a certificate for whatever identity it asks for'), 'ClusterRole'),
      at('rules[4]', reaches('signers', 'approve, sign, attest', 'approving, signing or attesting for a signer issues or trusts certificates of any identity'), 'ClusterRole'),
      ...['pods', 'services', 'nodes'].map((r) => at('rules[5]', reaches(r, 'proxy', 'the proxy verb reaches every port of pods, services and nodes'), 'ClusterRole')),
    ]);
  });

  test('compliant: reading namespaces, creating one, and deleting a namespace\'s own objects', () => {
    expect(RBAC_NO_ESCALATION.check(role(policy([''], ['namespaces'], ['get', 'create']), policy(['certificates.k8s.io'], ['signers'], ['get'])))).toEqual([]);
  });

  test('non-compliant: a run\'s status, traffic routing and node client certificates', () => {
    const STATUS = 'a run\'s status holds its results, which later tasks receive as params and Chains signs as provenance, and tells the controller the run is done';
    const NETPOL = 'NetworkPolicies confine every pod\'s traffic: a deleted or rewritten one lets it out, and so does an added one (policies add up)';
    const ROUTING = 'Services, Endpoints and EndpointSlices send a Service\'s traffic, with the tokens its clients send, to any address '
      + '(and a Service\'s externalIPs catch traffic to those addresses from every pod of the cluster)';
    const NODE = 'Kubernetes\' CSR approver approves on its own a node client certificate request from whoever may create this subresource, for any node';
    expect(RBAC_NO_ESCALATION.check(role(
      policy(['tekton.dev'], ['taskruns/status', 'pipelineruns/status', 'customruns/status'], ['get', 'patch']),
      policy(['networking.k8s.io'], ['networkpolicies'], ['get', 'delete'], ['default-deny']),
      policy([''], ['services', 'endpoints'], ['get', 'update']),
      policy(['discovery.k8s.io'], ['endpointslices'], ['create']),
      policy(['certificates.k8s.io'], ['certificatesigningrequests/nodeclient'], ['create']),
    ))).toEqual([
      ...['taskruns/status', 'pipelineruns/status', 'customruns/status'].map((r) => at('rules[0]', reaches(r, 'patch', STATUS))),
      at('rules[1]', reaches('networkpolicies', 'delete', NETPOL)),
      at('rules[2]', reaches('services', 'update', ROUTING)),
      at('rules[2]', reaches('endpoints', 'update', ROUTING)),
      at('rules[3]', reaches('endpointslices', 'create', ROUTING)),
      at('rules[4]', reaches('certificatesigningrequests/nodeclient', 'create', NODE)),
    ]);
    // reading them, and deleting a Service, change no route
    expect(RBAC_NO_ESCALATION.check(role(policy(['tekton.dev'], ['taskruns/status'], ['get']), policy([''], ['services'], ['get', 'delete'])))).toEqual([]);
  });

  test('non-compliant: writes to Argo Workflows\' workflows and templates, Argo Rollouts, Knative services and KEDA scaled jobs, whose pods run as a ServiceAccount of their choosing', () => {
    expect(RBAC_NO_ESCALATION.check(role(
      policy(['argoproj.io'], ['workflows', 'cronworkflows', 'workflowtemplates', 'clusterworkflowtemplates', 'rollouts'], ['create']),
      policy(['serving.knative.dev'], ['services', 'configurations'], ['update']),
      policy(['keda.sh'], ['scaledjobs', 'scaledobjects'], ['patch']),
    ))).toEqual([
      ...['workflows', 'cronworkflows', 'workflowtemplates', 'clusterworkflowtemplates', 'rollouts'].map((r) => at('rules[0]', reaches(r, 'create', POD))),
      ...['services', 'configurations'].map((r) => at('rules[1]', reaches(r, 'update', POD))),
      // a ScaledObject scales a workload it names, and makes no pod of its own
      at('rules[2]', reaches('scaledjobs', 'patch', POD)),
    ]);
    // reading or deleting them starts nothing
    expect(RBAC_NO_ESCALATION.check(role(policy(['argoproj.io', 'serving.knative.dev'], ['workflows', 'services'], ['get', 'list', 'watch', 'delete'])))).toEqual([]);
  });

  test('non-compliant: writes to Shipwright builds, BuildRuns and strategies, kfp-tekton PipelineLoops, OpenShift DeploymentConfigs and Argo Events sensors and event sources, whose controllers make pods as a ServiceAccount the object names', () => {
    expect(RBAC_NO_ESCALATION.check(role(
      policy(['shipwright.io'], ['buildruns', 'builds', 'buildstrategies', 'clusterbuildstrategies'], ['create']),
      policy(['custom.tekton.dev'], ['pipelineloops'], ['update'], ['loop']),
      policy(['apps.openshift.io'], ['deploymentconfigs'], ['patch']),
      policy(['argoproj.io'], ['sensors', 'eventsources'], ['create']),
    ))).toEqual([
      ...['buildruns', 'builds', 'buildstrategies', 'clusterbuildstrategies'].map((r) => at('rules[0]', reaches(r, 'create', POD))),
      at('rules[1]', reaches('pipelineloops', 'update', POD)),
      at('rules[2]', reaches('deploymentconfigs', 'patch', POD)),
      ...['sensors', 'eventsources'].map((r) => at('rules[3]', reaches(r, 'create', POD))),
    ]);
    // reading or deleting them starts nothing, and the same names in another group are other kinds
    expect(RBAC_NO_ESCALATION.check(role(
      policy(['shipwright.io', 'custom.tekton.dev', 'apps.openshift.io', 'argoproj.io'], ['buildruns', 'pipelineloops', 'deploymentconfigs', 'sensors'], ['get', 'list', 'watch', 'delete']),
      policy(['example.com'], ['buildruns', 'pipelineloops'], ['create']),
    ))).toEqual([]);
  });

  test('non-compliant: writes to the Vault Secrets Operator\'s objects, which mint a token of a ServiceAccount the object names and send it to the server it names', () => {
    const VSO = 'the Vault Secrets Operator acts with its own access: a VaultConnection names the Vault server it talks to, a VaultAuth (or '
      + 'VaultAuthGlobal) the ServiceAccount of the namespace it mints a token of, for the audiences it names, and sends to that server, '
      + 'and a VaultStaticSecret, VaultDynamicSecret or VaultPKISecret (HCP\'s HCPAuth and HCPVaultSecretsApp alike) writes what that login '
      + 'reads into the Secret it names (a PKI one issues a certificate, a write to Vault)';
    expect(RBAC_NO_ESCALATION.check(role(
      policy(['secrets.hashicorp.com'], ['vaultconnections', 'vaultauths'], ['create']),
      policy(['secrets.hashicorp.com'], ['vaultstaticsecrets'], ['patch'], ['app-db']),
    ))).toEqual([
      at('rules[0]', reaches('vaultconnections', 'create', VSO)),
      at('rules[0]', reaches('vaultauths', 'create', VSO)),
      at('rules[1]', reaches('vaultstaticsecrets', 'patch', VSO)),
    ]);
    // reading them, or deleting one, sends no token anywhere; the same names in another group are other kinds
    expect(RBAC_NO_ESCALATION.check(role(
      policy(['secrets.hashicorp.com'], ['vaultauths', 'vaultstaticsecrets'], ['get', 'list', 'watch', 'delete']),
      policy(['example.com'], ['vaultauths'], ['create']),
    ))).toEqual([]);
  });

  test('non-compliant: writes to ControllerRevisions, which StatefulSets make pods from and rollbacks restore, even on named objects', () => {
    const REVISION = 'a StatefulSet makes the pods it keeps at its current revision (below its partition, or not rolled yet) from the '
      + 'ControllerRevision of that name, and a rollback of a StatefulSet or DaemonSet restores one its selector matches (the controllers '
      + 'adopt one no object owns): a planted or relabelled one starts pods of the template it holds, as any ServiceAccount of the namespace';
    expect(RBAC_NO_ESCALATION.check(role(
      policy(['apps'], ['controllerrevisions'], ['get', 'create']),
      policy(['apps'], ['controllerrevisions'], ['update', 'patch'], ['web-7d4b9c']),
    ))).toEqual([
      at('rules[0]', reaches('controllerrevisions', 'create', REVISION)),
      at('rules[1]', reaches('controllerrevisions', 'update, patch', REVISION)),
    ]);
    // reading or deleting them makes no pod; the kind is served by apps alone
    expect(RBAC_NO_ESCALATION.check(role(
      policy(['apps'], ['controllerrevisions'], ['get', 'list', 'watch', 'delete', 'deletecollection']),
      policy(['', 'extensions'], ['controllerrevisions'], ['create']),
    ))).toEqual([]);
  });

  test('non-compliant: writes to Pipelines-as-Code Repositories, which run the PipelineRuns of the repository they name and send the Secrets they name away', () => {
    const PAC = 'a Pipelines-as-Code Repository makes its controller run, in the Repository\'s namespace, the PipelineRuns of the git repository '
      + 'it names, and read with the controller\'s own access the Secrets it names (git_provider.secret, params\' secret_ref), '
      + 'which it sends to the git provider URL the Repository names or passes into those runs';
    expect(RBAC_NO_ESCALATION.check(role(policy(['pipelinesascode.tekton.dev'], ['repositories'], ['get', 'create', 'patch'])))).toEqual([
      at('rules[0]', reaches('repositories', 'create, patch', PAC)),
    ]);
    // reading or deleting one, or its status, runs nothing
    expect(RBAC_NO_ESCALATION.check(role(policy(['pipelinesascode.tekton.dev'], ['repositories', 'repositories/status'], ['get', 'list', 'watch', 'delete'])))).toEqual([]);
  });

  test('non-compliant: writes to External Secrets\' stores, syncs and generators, which act with the controller\'s access', () => {
    const ESO = 'External Secrets\' controller acts with its own access: a SecretStore names the server it authenticates to and how (a token it '
      + 'mints for any ServiceAccount of the namespace, for the audiences the store names, or a Secret of the namespace, sent to that server), '
      + 'an ExternalSecret or a generator writes a Secret of any type (a service-account-token one included), and a PushSecret sends any '
      + 'Secret of the namespace to a store';
    expect(RBAC_NO_ESCALATION.check(role(
      policy(['external-secrets.io'], ['secretstores', 'externalsecrets', 'pushsecrets'], ['get', 'create']),
      policy(['generators.external-secrets.io'], ['vaultdynamicsecrets', 'webhooks'], ['patch']),
    ))).toEqual([
      ...['secretstores', 'externalsecrets', 'pushsecrets'].map((r) => at('rules[0]', reaches(r, 'create', ESO))),
      ...['vaultdynamicsecrets', 'webhooks'].map((r) => at('rules[1]', reaches(r, 'patch', ESO))),
    ]);
    // reading them, or their status, writes nothing
    expect(RBAC_NO_ESCALATION.check(role(
      policy(['external-secrets.io', 'generators.external-secrets.io'], ['secretstores', 'externalsecrets', 'vaultdynamicsecrets'], ['get', 'list', 'watch', 'delete']),
      policy(['external-secrets.io'], ['externalsecrets/status'], ['patch']),
    ))).toEqual([]);
  });

  test('non-compliant: writes to Kyverno\'s policies and exceptions, namespaced ones included, which act with Kyverno\'s permissions', () => {
    const KYVERNO = 'Kyverno\'s policies rewrite, create and delete objects with Kyverno\'s own permissions and decide which ones are admitted (a '
      + 'namespaced Policy rewrites the pods others start in its namespace, the images and containers of the runs of other pipelines '
      + 'included), and a policy exception exempts objects from them';
    expect(RBAC_NO_ESCALATION.check(role(
      policy(['kyverno.io'], ['policies', 'policyexceptions', 'cleanuppolicies'], ['create']),
      policy(['policies.kyverno.io'], ['namespacedmutatingpolicies', 'policyexceptions'], ['get', 'delete', 'patch']),
    ))).toEqual([
      ...['policies', 'policyexceptions', 'cleanuppolicies'].map((r) => at('rules[0]', reaches(r, 'create', KYVERNO))),
      ...['namespacedmutatingpolicies', 'policyexceptions'].map((r) => at('rules[1]', reaches(r, 'delete, patch', KYVERNO))),
    ]);
    // reading policies and their reports changes nothing
    expect(RBAC_NO_ESCALATION.check(role(
      policy(['kyverno.io', 'policies.kyverno.io'], ['policies', 'namespacedvalidatingpolicies'], ['get', 'list', 'watch']),
      policy(['wgpolicyk8s.io'], ['policyreports'], ['create', 'delete']),
    ))).toEqual([]);
  });

  test('non-compliant: writes to Ingresses and Gateway API routes, which claim host names on the shared ingress controllers and Gateways, even on named objects', () => {
    const INGRESS = 'an Ingress or a Gateway API route sends the requests for a host name and path, with the credentials their clients send, to a '
      + 'Service of its namespace, through the ingress controllers and Gateways the cluster shares (another team\'s host included), and '
      + 'ingress-nginx has run code an Ingress\'s annotations carry in its controller, which reads every Secret of the cluster';
    expect(RBAC_NO_ESCALATION.check(role(
      policy(['networking.k8s.io', 'extensions'], ['ingresses'], ['get', 'patch']),
      policy(['gateway.networking.k8s.io'], ['httproutes', 'grpcroutes', 'tlsroutes', 'tcproutes', 'udproutes'], ['create', 'update']),
      policy(['*'], ['ingresses'], ['create'], []),
    ))).toEqual([
      at('rules[0]', reaches('ingresses', 'patch', INGRESS)),
      ...['httproutes', 'grpcroutes', 'tlsroutes', 'tcproutes', 'udproutes'].map((r) => at('rules[1]', reaches(r, 'create, update', INGRESS))),
      // every group's ingresses: Knative's internal ones too
      at('rules[2]', reaches('ingresses', 'create', 'reaches writes to ingress routes, writes to Knative domain routing')),
    ]);
    // reading and deleting them route nothing; a status and another group's ingresses are not known
    expect(RBAC_NO_ESCALATION.check(role(
      policy(['networking.k8s.io', 'gateway.networking.k8s.io'], ['ingresses', 'httproutes'], ['get', 'list', 'watch', 'delete']),
      policy(['gateway.networking.k8s.io'], ['gateways/status', 'ingresses/status'], ['create', 'update', 'patch']),
      policy(['example.com'], ['ingresses', 'httproutes'], ['create']),
    ))).toEqual([]);
  });

  test('non-compliant: writes to Gateways and ReferenceGrants, which serve TLS with the namespace\'s Secrets and open them to other namespaces', () => {
    const GATEWAY = 'the gateway controller serves a Gateway\'s listeners with the keys of the TLS Secrets they name (tls.certificateRefs), read '
      + 'with its own access, so a new listener answers for the host names of any certificate of its namespace; and a ReferenceGrant opens '
      + 'objects of its namespace to those of the namespaces it names (its TLS Secrets to their Gateways, its Services to their routes, '
      + 'its volume snapshots and claims to their claims, CrossNamespaceVolumeDataSource)';
    expect(RBAC_NO_ESCALATION.check(role(
      policy(['gateway.networking.k8s.io'], ['gateways'], ['get', 'patch'], ['shared']),
      policy(['gateway.networking.k8s.io'], ['referencegrants'], ['create']),
    ))).toEqual([
      at('rules[0]', reaches('gateways', 'patch', GATEWAY)),
      at('rules[1]', reaches('referencegrants', 'create', GATEWAY)),
    ]);
    // reading or deleting them serves and opens nothing; GatewayClasses are the cluster's
    expect(RBAC_NO_ESCALATION.check(role(policy(['gateway.networking.k8s.io'], ['gateways', 'referencegrants', 'gatewayclasses'], ['get', 'list', 'watch', 'delete'])))).toEqual([]);
  });

  test('non-compliant: writes to Knative DomainMappings, ClusterDomainClaims and internal Ingresses, which claim host names on the shared ingress', () => {
    const KNATIVE = 'a ClusterDomainClaim gives a host name to the namespace it names, a DomainMapping sends a host name\'s requests to a service '
      + 'of its namespace (claiming it when Knative creates the claims on its own, autocreate-cluster-domain-claims), and Knative\'s '
      + 'internal Ingresses program the shared ingress for any host';
    expect(RBAC_NO_ESCALATION.check(role(
      policy(['serving.knative.dev'], ['domainmappings'], ['create']),
      policy(['networking.internal.knative.dev'], ['clusterdomainclaims', 'ingresses'], ['update']),
    ))).toEqual([
      at('rules[0]', reaches('domainmappings', 'create', KNATIVE)),
      ...['clusterdomainclaims', 'ingresses'].map((r) => at('rules[1]', reaches(r, 'update', KNATIVE))),
    ]);
    // a Knative Route names no host of another namespace; reading them claims nothing
    expect(RBAC_NO_ESCALATION.check(role(
      policy(['serving.knative.dev'], ['routes'], ['create']),
      policy(['serving.knative.dev', 'networking.internal.knative.dev'], ['domainmappings', 'clusterdomainclaims'], ['get', 'list', 'delete']),
    ))).toEqual([]);
  });

  test('non-compliant: cert-manager issuers, certificates, requests and approval, which sign certificates for any identity', () => {
    const ISSUANCE = 'cert-manager\'s default approver approves every request for its own issuers, so an Issuer of the namespace or any ClusterIssuer '
      + 'signs a certificate for whatever names and URIs it asks (another service\'s identity, wherever that CA is trusted)';
    const ISSUERS = 'cert-manager reads with its own access the Secrets an Issuer names: it signs with the CA key one holds, and sends the others '
      + '(a Vault token, ACME and DNS providers\' credentials) to the servers the Issuer names; a ClusterIssuer does so with the Secrets of '
      + 'cert-manager\'s namespace, for certificates of every namespace';
    expect(RBAC_NO_ESCALATION.check(clusterRole(
      policy(['cert-manager.io'], ['issuers', 'clusterissuers'], ['patch']),
      policy(['cert-manager.io'], ['certificates', 'certificaterequests'], ['get', 'create', 'update']),
      policy(['networking.internal.knative.dev'], ['certificates'], ['create']),
      policy(['cert-manager.io'], ['signers'], ['approve', 'reference'], ['issuers.cert-manager.io/ci.internal-ca']),
    ))).toEqual([
      ...['issuers', 'clusterissuers'].map((r) => at('rules[0]', reaches(r, 'patch', ISSUERS), 'ClusterRole')),
      at('rules[1]', reaches('certificates', 'create, update', `${ISSUANCE}, and writes its key into the Secret a Certificate names`), 'ClusterRole'),
      at('rules[1]', reaches('certificaterequests', 'create', ISSUANCE), 'ClusterRole'),
      at('rules[2]', reaches('certificates', 'create', `${ISSUANCE}, and writes its key into the Secret a Certificate names`), 'ClusterRole'),
      at('rules[3]', reaches('signers', 'approve', 'approving for a cert-manager signer (an Issuer or ClusterIssuer) lets it sign a request for any identity, whatever the approvers\' policy says'), 'ClusterRole'),
    ]);
    // a request's spec cannot change after its creation; reading, deleting and referencing a signer issue nothing
    expect(RBAC_NO_ESCALATION.check(role(
      policy(['cert-manager.io'], ['certificaterequests'], ['get', 'update', 'patch', 'delete']),
      policy(['cert-manager.io'], ['issuers', 'certificates'], ['get', 'list', 'watch', 'delete']),
      policy(['cert-manager.io'], ['signers'], ['reference', 'sign']),
    ))).toEqual([]);
    // the verb * on any group's signers reaches both APIs' approval
    expect(RBAC_NO_ESCALATION.check(role(policy(['*'], ['signers'], ['approve']))))
      .toEqual([at('rules[0]', reaches('signers', 'approve', 'reaches certificate signers, cert-manager approval'))]);
  });

  test('non-compliant: a Service\'s and a pod\'s status, which route traffic too (load-balancer IPs, pod IPs), even on named objects', () => {
    const STATUS = 'a Service\'s status.loadBalancer.ingress IPs make kube-proxy catch traffic to those addresses from every pod of the cluster, '
      + 'and a pod\'s status.podIPs are the addresses its Services\' Endpoints send traffic to';
    expect(RBAC_NO_ESCALATION.check(role(
      policy([''], ['services/status'], ['patch', 'update'], ['my-svc']),
      policy([''], ['pods/status'], ['get', 'patch'], ['web-0']),
      policy([''], ['*/status'], ['update']),
    ))).toEqual([
      at('rules[0]', reaches('services/status', 'patch, update', STATUS)),
      at('rules[1]', reaches('pods/status', 'patch', STATUS)),
      // the Role's RoleBinding grants namespaces/status on its own namespace, ci, alone: resourceNames [x] leave it out
      at('rules[2]', { property: 'resources', value: '*/status', granted: 'update', problem: 'with update: reaches writes to Service and pod status, writes to nodes', fix: FIX }),
    ]);
    // reading or creating them changes no route (a status has no create)
    expect(RBAC_NO_ESCALATION.check(role(policy([''], ['services/status', 'pods/status'], ['get', 'list', 'watch', 'create', 'delete'])))).toEqual([]);
  });

  test('non-compliant: update or patch of a ServiceAccount, whose secrets: Tekton mounts into its runs\' steps, even by name', () => {
    const SA = 'Tekton mounts into every step of a run each Secret its ServiceAccount lists under secrets: that holds git or registry '
      + 'credentials (a tekton.dev/git-* or tekton.dev/docker-* annotation, or a dockerconfigjson or dockercfg type), reading it with '
      + 'its own access to every Secret, so a ServiceAccount that lists another Secret hands it to its next run';
    expect(RBAC_NO_ESCALATION.check(role(
      policy([''], ['serviceaccounts'], ['get', 'patch'], ['builder']),
      policy([''], ['serviceaccounts'], ['update']),
    ))).toEqual([
      at('rules[0]', reaches('serviceaccounts', 'patch', SA)),
      at('rules[1]', reaches('serviceaccounts', 'update', SA)),
    ]);
    // reading, creating or deleting one lists no Secret in the ServiceAccount a run uses
    expect(RBAC_NO_ESCALATION.check(role(policy([''], ['serviceaccounts'], ['get', 'list', 'watch', 'create', 'delete'])))).toEqual([]);
  });

  describe('the platform\'s own objects, where a role may grant in a namespace Tekton or Chains runs in', () => {
    const SECRETS = 'signing-secrets holds the key Chains signs provenance with, webhook-certs and triggers-webhook-certs the serving keys of '
      + 'the admission webhooks of Tekton Pipelines and Triggers, tekton-triggers-core-interceptors-certs that of the core interceptors, '
      + 'which check the signature of every webhook an EventListener accepts';
    const CONFIG = 'the ConfigMaps of the Tekton and Chains installs configure every run of the cluster (config-defaults\' pod template and '
      + 'ServiceAccount, feature-flags, resolvers, registry CAs, chains-config\'s signing) and every EventListener (config-defaults-triggers\' '
      + 'ServiceAccount and user)';
    const WHERE = 'where it is granted in their namespace (tekton-pipelines, tekton-pipelines-resolvers, tekton-chains, openshift-pipelines)';
    const platform = (verbs: string, what: string, why: string) => ({
      property: 'resources',
      value: why === SECRETS ? 'secrets' : 'configmaps',
      granted: verbs.split(', ').sort().join(', '),
      problem: `with ${verbs}: reaches ${what} ${WHERE}: ${why}`,
      fix: 'Grant nothing on the platform\'s objects to pipeline identities: name other objects in resourceNames, or keep the role out of the platform namespaces.',
    });
    const inNamespace = (namespace: string | undefined, ...rules: any[]) => {
      const r = role(...rules);
      return { ...r, metadata: namespace === undefined ? { name: 'reader' } : { name: 'reader', namespace } };
    };
    const SYSTEM = 'on EKS aws-auth maps AWS IAM roles and users to Kubernetes users and groups (system:masters included), '
      + 'coredns holds the Corefile of the cluster DNS (which can answer any name, a git server\'s or a registry\'s, with another address), '
      + 'and extension-apiserver-authentication the CAs aggregated API servers trust for the front proxy\'s requests, with the user and '
      + 'groups those name';
    const system = (verbs: string, what: string) => ({
      property: 'resources',
      value: 'configmaps',
      granted: verbs.split(', ').sort().join(', '),
      problem: `with ${verbs}: reaches ${what} where it is granted in kube-system: ${SYSTEM}`,
      fix: 'Grant no write on the ConfigMaps of kube-system to pipeline identities: name other ConfigMaps in resourceNames, or keep the role out of kube-system.',
    });

    test('non-compliant: a write to kube-system\'s aws-auth, coredns or extension-apiserver-authentication, in kube-system, without a namespace or from a ClusterRole', () => {
      const awsAuth = policy([''], ['configmaps'], ['get', 'update', 'patch'], ['aws-auth', 'app-config']);
      expect(RBAC_NO_ESCALATION.check(inNamespace('kube-system', awsAuth))).toEqual([at('rules[0]', system('update, patch', 'aws-auth'))]);
      expect(RBAC_NO_ESCALATION.check(inNamespace(undefined, { apiGroups: [''], resources: ['configmaps'], verbs: ['create'] }))).toEqual([
        at('rules[0]', platform('create', 'every ConfigMap of the Tekton and Chains installs', CONFIG)),
        at('rules[0]', system('create', 'aws-auth, coredns, extension-apiserver-authentication')),
      ]);
      expect(RBAC_NO_ESCALATION.check(clusterRole(policy(['*'], ['configmaps'], ['patch'], ['coredns', 'extension-apiserver-authentication']))))
        .toEqual([at('rules[0]', system('patch', 'coredns, extension-apiserver-authentication'), 'ClusterRole')]);
    });

    test('compliant: the same writes in another namespace, reads and deletes of kube-system\'s ConfigMaps, and writes that cannot name them', () => {
      expect(RBAC_NO_ESCALATION.check(inNamespace('ci', policy([''], ['configmaps'], ['create', 'update', 'patch'], ['aws-auth', 'coredns'])))).toEqual([]);
      expect(RBAC_NO_ESCALATION.check(inNamespace('kube-system',
        { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch', 'delete'] },
        // a patch always names its object: "" names none
        policy([''], ['configmaps'], ['update', 'patch'], ['', 'kube-proxy']),
      ))).toEqual([]);
    });

    test('non-compliant: Chains\' signing key read by name, in its namespace, unnamed or from a ClusterRole', () => {
      const getKey = policy([''], ['secrets'], ['get'], ['signing-secrets']);
      expect(RBAC_NO_ESCALATION.check(inNamespace('tekton-chains', getKey))).toEqual([at('rules[0]', platform('get', 'signing-secrets', SECRETS))]);
      expect(RBAC_NO_ESCALATION.check(inNamespace(undefined, getKey))).toEqual([at('rules[0]', platform('get', 'signing-secrets', SECRETS))]);
      expect(RBAC_NO_ESCALATION.check(clusterRole(getKey))).toEqual([at('rules[0]', platform('get', 'signing-secrets', SECRETS), 'ClusterRole')]);
      expect(RBAC_NO_ESCALATION.check(inNamespace('tekton-chains', { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'watch'] })))
        .toEqual([at('rules[0]', platform('get, watch', 'every Secret of the Tekton and Chains installs', SECRETS))]);
      expect(RBAC_NO_ESCALATION.check(inNamespace('openshift-pipelines', { apiGroups: ['*'], resources: ['*'], resourceNames: ['webhook-certs'], verbs: ['get'] })).map((f) => f.problem))
        .toContain(platform('get', 'webhook-certs', SECRETS).problem);
    });

    test('non-compliant: a write to the configuration every run gets', () => {
      expect(RBAC_NO_ESCALATION.check(inNamespace('tekton-pipelines', policy([''], ['configmaps'], ['get', 'patch'], ['config-defaults', 'feature-flags', 'app-config']))))
        .toEqual([at('rules[0]', platform('patch', 'config-defaults, feature-flags', CONFIG))]);
      expect(RBAC_NO_ESCALATION.check(clusterRole({ apiGroups: [''], resources: ['configmaps'], verbs: ['*'] })))
        .toEqual([
          at('rules[0]', platform('*', 'every ConfigMap of the Tekton and Chains installs', CONFIG), 'ClusterRole'),
          at('rules[0]', system('*', 'aws-auth, coredns, extension-apiserver-authentication'), 'ClusterRole'),
        ]);
    });

    test('non-compliant: Triggers\' keys and configuration, installed in tekton-pipelines too, and every ConfigMap of Chains\' release', () => {
      expect(RBAC_NO_ESCALATION.check(inNamespace('tekton-pipelines',
        policy([''], ['secrets'], ['get'], ['tekton-triggers-core-interceptors-certs', 'triggers-webhook-certs', 'app-secret']),
        policy([''], ['configmaps'], ['patch', 'update'], ['config-defaults-triggers', 'feature-flags-triggers', 'app-config']),
      ))).toEqual([
        at('rules[0]', platform('get', 'triggers-webhook-certs, tekton-triggers-core-interceptors-certs', SECRETS)),
        at('rules[1]', platform('update, patch', 'config-defaults-triggers, feature-flags-triggers', CONFIG)),
      ]);
      // and the two ConfigMaps of Chains' release beside chains-config
      expect(RBAC_NO_ESCALATION.check(inNamespace('tekton-chains', policy([''], ['configmaps'], ['delete'], ['chains-info', 'tekton-chains-config-leader-election']))))
        .toEqual([at('rules[0]', platform('delete', 'chains-info, tekton-chains-config-leader-election', CONFIG))]);
    });

    test('compliant: the same grants elsewhere, other names, reads of configuration, and requests that cannot name them', () => {
      expect(RBAC_NO_ESCALATION.check(inNamespace('ci', policy([''], ['secrets'], ['get'], ['signing-secrets']), policy([''], ['configmaps'], ['patch'], ['feature-flags'])))).toEqual([]);
      expect(RBAC_NO_ESCALATION.check(inNamespace('tekton-chains', policy([''], ['secrets'], ['get'], ['registry-push']), policy([''], ['configmaps'], ['get', 'list', 'watch'])))).toEqual([]);
      // a deletecollection never names an object; a list named by another name selects only that one
      expect(RBAC_NO_ESCALATION.check(inNamespace('tekton-chains', policy([''], ['secrets'], ['deletecollection', 'list'], ['registry-push'])))).toEqual([]);
      expect(RBAC_NO_ESCALATION.check(inNamespace('tekton-chains', policy(['apps'], ['secrets'], ['get'], ['signing-secrets'])))).toEqual([]);
    });
  });

  test('compliant: writes to persistentvolumeclaims, even of a claim a run mounts: binding a volume reads nothing until a pod mounts it', () => {
    const run = { apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { name: 'release', namespace: 'ci' }, spec: { workspaces: [{ name: 'cache', persistentVolumeClaim: { claimName: 'cache' } }] } };
    const claims = role(policy([''], ['persistentvolumeclaims'], ['create', 'update', 'patch', 'delete'], []));
    expect(RBAC_NO_ESCALATION.check(claims, ruleContext([claims, run]))).toEqual([]);
    // with pods, the pods are the finding
    expect(RBAC_NO_ESCALATION.check(role(policy([''], ['persistentvolumeclaims', 'pods'], ['create'], [])))).toEqual([at('rules[0]', reaches('pods', 'create', POD))]);
  });

  test('non-compliant: writes to PersistentVolumes, which choose what a claim of any namespace mounts, even by name', () => {
    const PV = 'a PersistentVolume may be a node\'s directory (hostPath, local) or storage on any server, bound ahead (claimRef) to a claim '
      + 'of any namespace, and an update of its claimRef hands a released volume, another team\'s data on it, to another claim: the pods '
      + 'that mount the claim read and write it, whatever Pod Security their namespace enforces (it checks a pod\'s volumes, not the '
      + 'volume behind a claim)';
    expect(RBAC_NO_ESCALATION.check(clusterRole(
      policy([''], ['persistentvolumes'], ['get', 'create'], []),
      policy([''], ['persistentvolumes'], ['patch'], ['pvc-3f1c']),
    ))).toEqual([
      at('rules[0]', reaches('persistentvolumes', 'create', PV), 'ClusterRole'),
      at('rules[1]', reaches('persistentvolumes', 'patch', PV), 'ClusterRole'),
    ]);
    // reading or deleting one hands nothing over; its status is the PV controller's record
    expect(RBAC_NO_ESCALATION.check(clusterRole(policy([''], ['persistentvolumes'], ['get', 'list', 'watch', 'delete'], []), policy([''], ['persistentvolumes/status'], ['patch'], [])))).toEqual([]);
  });

  describe('the ConfigMaps that Tekton objects checked with the role put into the steps of their runs', () => {
    const WHY = 'which Tekton puts into the steps of runs: a rewritten one changes the files and environment those steps read, and so what '
      + 'they run with the run\'s ServiceAccount and credentials';
    const mounted = (verbs: string, list: string) => ({
      property: 'resources',
      value: 'configmaps',
      granted: verbs.split(', ').sort().join(', '),
      problem: `with ${verbs}: reaches ${list}, ${WHY}`,
      fix: 'Grant no write on the ConfigMaps runs mount: name other ConfigMaps in resourceNames, or keep the pipeline\'s scripts and '
        + 'configuration in its Tasks or its git repository.',
    });
    const run = (namespace: string | undefined, workspaces: any[], extra: Record<string, any> = {}) => ({
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: namespace === undefined ? { name: 'release' } : { name: 'release', namespace },
      spec: { pipelineRef: { name: 'release' }, workspaces, ...extra },
    });
    const task = {
      apiVersion: 'tekton.dev/v1',
      kind: 'Task',
      metadata: { name: 'build', namespace: 'ci' },
      spec: {
        volumes: [{ name: 'settings', configMap: { name: 'maven-settings' } }, { name: 'ca', projected: { sources: [{ configMap: { name: 'ca-bundle' } }] } }],
        stepTemplate: { env: [{ name: 'MAVEN_OPTS', valueFrom: { configMapKeyRef: { name: 'maven-opts', key: 'opts' } } }] },
        steps: [{ name: 'build', image: 'maven', envFrom: [{ configMapRef: { name: 'build-env' } }], script: 'mvn package' }],
      },
    };
    const check = (r: any, ...others: any[]) => RBAC_NO_ESCALATION.check(r, ruleContext([r, ...others]));

    test('non-compliant: a write by name to a ConfigMap a run binds as a workspace, in the role\'s namespace', () => {
      const scripts = run('ci', [{ name: 'scripts', configMap: { name: 'release-scripts' } }]);
      expect(check(role(policy([''], ['configmaps'], ['get', 'patch'], ['release-scripts', 'release-notes'])), scripts))
        .toEqual([at('rules[0]', mounted('patch', 'the ConfigMap release-scripts (PipelineRun \'release\' workspace \'scripts\')'))]);
      // a projected source, and a run without a namespace (applied anywhere)
      const projected = run(undefined, [{ name: 'scripts', projected: { sources: [{ secret: { name: 'token' } }, { configMap: { name: 'release-scripts' } }] } }]);
      expect(check(role(policy([''], ['configmaps'], ['update'], ['release-scripts'])), projected))
        .toEqual([at('rules[0]', mounted('update', 'the ConfigMap release-scripts (PipelineRun \'release\' workspace \'scripts\')'))]);
    });

    test('non-compliant: a rule without resourceNames reaches every such ConfigMap: a Task\'s volumes and environment, a pod template\'s', () => {
      const templated = run('ci', [], { taskRunTemplate: { podTemplate: { volumes: [{ name: 'hooks', configMap: { name: 'git-hooks' } }] } } });
      expect(check(role(policy([''], ['configmaps'], ['create', 'update', 'delete'], [])), task, templated)).toEqual([at('rules[0]', mounted('create, update',
        'the ConfigMaps git-hooks (PipelineRun \'release\' taskRunTemplate.podTemplate volume \'hooks\'), maven-settings (Task \'build\' volume \'settings\'), '
        + 'ca-bundle (Task \'build\' volume \'ca\'), build-env (Task \'build\' step \'build\' env), maven-opts (Task \'build\' stepTemplate env)'))]);
      // with * and more than five, the first five are named
      const six = run('ci', ['a', 'b', 'c', 'd', 'e', 'f'].map((n) => ({ name: n, configMap: { name: `cm-${n}` } })));
      expect(check(clusterRole({ apiGroups: [''], resources: ['configmaps'], verbs: ['*'] }), six).filter((f) => f.problem.includes('Tekton puts')))
        .toEqual([at('rules[0]', mounted('*', `the ConfigMaps ${['a', 'b', 'c', 'd', 'e'].map((n) => `cm-${n} (PipelineRun 'release' workspace '${n}')`).join(', ')} and 1 more`), 'ClusterRole')]);
    });

    test("config-defaults' default pod template, merged into every run's: its volumes and env, in each reading beside a Tekton operator's object", () => {
      const template = 'volumes:\n- name: hooks\n  configMap: {name: git-hooks}\n';
      const defaults = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data: { 'default-pod-template': template } };
      const config = (pipeline: Record<string, unknown>) => ({
        apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonConfig', metadata: { name: 'config' }, spec: { targetNamespace: 'tekton-pipelines', pipeline },
      });
      const writer = role(policy([''], ['configmaps'], ['patch'], ['git-hooks']));
      // read in the namespace of every run that gets it: any
      expect(check(writer, defaults)).toEqual([at('rules[0]', mounted('patch', "the ConfigMap git-hooks (ConfigMap 'config-defaults' data['default-pod-template'] volume 'hooks')"))]);
      // kept beside an operator that writes no template, only where kubectl apply did not create it: that reading named
      expect(check(writer, defaults, config({}))).toEqual([at('rules[0]', mounted('patch', "the ConfigMap git-hooks (ConfigMap 'config-defaults' "
        + "data['default-pod-template'] volume 'hooks' (reading config-defaults with data['default-pod-template'] that ConfigMap 'config-defaults' in "
        + "tekton-pipelines keeps beside what TektonConfig 'config' writes, unless kubectl apply created it))"))]);
      // written over by the operator's own template: it reaches no run; the operator's own (a projected source, env) does, in every reading
      expect(check(writer, defaults, config({ 'default-pod-template': 'dnsPolicy: Default' }))).toEqual([]);
      const own = config({
        'default-pod-template': 'volumes:\n- name: ca\n  projected:\n    sources:\n    - configMap: {name: git-hooks}\nenv:\n- name: PROXY\n  valueFrom: {configMapKeyRef: {name: proxy, key: url}}\n',
      });
      expect(check(role(policy([''], ['configmaps'], ['update'], ['git-hooks', 'proxy'])), defaults, own)).toEqual([at('rules[0]', mounted('update',
        "the ConfigMaps git-hooks (TektonConfig 'config' spec.pipeline['default-pod-template'] volume 'ca'), proxy (TektonConfig 'config' spec.pipeline['default-pod-template'] env)"))]);
    });

    test("config-defaults' default pod template volume that a run's template replaces by name still reaches every other run", () => {
      // Tekton v1.15 MergePodTemplateWithDefault: volumes and env merged by name, the run's first; the default's reach runs not checked too
      const template = 'volumes:\n- name: hooks\n  configMap: {name: git-hooks}\n';
      const defaults = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data: { 'default-pod-template': template } };
      const replacing = run('ci', [], { taskRunTemplate: { podTemplate: { volumes: [{ name: 'hooks', configMap: { name: 'team-hooks' } }] } } });
      expect(check(role(policy([''], ['configmaps'], ['patch'], ['git-hooks', 'team-hooks'])), defaults, replacing)).toEqual([at('rules[0]', mounted('patch',
        "the ConfigMaps git-hooks (ConfigMap 'config-defaults' data['default-pod-template'] volume 'hooks'), "
        + "team-hooks (PipelineRun 'release' taskRunTemplate.podTemplate volume 'hooks')"))]);
    });

    test('compliant: another namespace, other names, reads and deletes, and a role checked alone', () => {
      const scripts = run('ci', [{ name: 'scripts', configMap: { name: 'release-scripts' } }]);
      const other = { ...role(policy([''], ['configmaps'], ['update'], [])), metadata: { name: 'reader', namespace: 'prod' } };
      expect(check(other, scripts)).toEqual([]);
      expect(check(role(policy([''], ['configmaps'], ['update', 'patch'], ['release-notes'])), scripts)).toEqual([]);
      expect(check(role(policy([''], ['configmaps'], ['get', 'list', 'watch', 'delete'], [])), scripts)).toEqual([]);
      expect(check(role(policy(['apps'], ['configmaps'], ['update'], [])), scripts)).toEqual([]);
      expect(RBAC_NO_ESCALATION.check(role(policy([''], ['configmaps'], ['update'], ['release-scripts'])))).toEqual([]);
    });
  });

  test('compliant: a ClusterRole labelled into the built-in view role is judged on its rules (Tekton\'s own tekton-aggregate-view)', () => {
    const view = { ...clusterRole(policy(['tekton.dev'], ['tasks', 'pipelines', 'pipelineruns'], ['get', 'list', 'watch'])), metadata: { name: 'reader', labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } } };
    expect(RBAC_NO_ESCALATION.check(view)).toEqual([]);
  });

  test('compliant: selfnodeclient, which the CSR approver approves only for a node\'s own name', () => {
    expect(RBAC_NO_ESCALATION.check(role(policy(['certificates.k8s.io'], ['certificatesigningrequests/selfnodeclient'], ['create'])))).toEqual([]);
  });

  describe('the verb * reaches the escalation verbs', () => {
    test.each([
      [['rbac.authorization.k8s.io'], 'roles', 'create, update, patch, delete, deletecollection, bind and escalate'],
      [[''], 'users', 'impersonation'],
      [['authentication.k8s.io'], 'uids', 'impersonation'],
      [['authentication.k8s.io'], 'userextras/scopes', 'impersonation'],
      [['authentication.k8s.io'], 'userextras', 'impersonation'],
      [['authentication.k8s.io'], 'nodes', 'impersonation'],
      [['authentication.k8s.io'], '*/scopes', 'impersonation'],
    ])('%j %s', (groups, r, what) => {
      const findings = RBAC_NO_ESCALATION.check(role(policy(groups, [r], ['*'])));
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({ property: 'resources', value: r });
      if (what === 'impersonation') expect(findings[0].problem).toBe(`with *: ${IMPERSONATION}`);
      else expect(findings[0].problem).toBe('with *: reaches writes to roles and bindings, bind and escalate');
    });

    test('* on serviceaccounts: impersonation and writes', () => {
      expect(RBAC_NO_ESCALATION.check(role(policy([''], ['serviceaccounts'], ['*']))))
        .toEqual([at('rules[0]', reaches('serviceaccounts', '*', 'reaches writes to ServiceAccounts, impersonation'))]);
    });

    test('compliant: * on resources that hold no escalation', () => {
      expect(RBAC_NO_ESCALATION.check(role(policy([''], ['configmaps', 'pods/log', 'Pods'], ['*']), policy(['authentication.k8s.io'], ['tokenreviews'], ['*'])))).toEqual([]);
    });
  });

  test('non-compliant: the resource * reaches every subresource, with the verbs of a request for one; with * everything', () => {
    expect(RBAC_NO_ESCALATION.check(role(policy(['tekton.dev'], ['*'], ['get'])))).toEqual([at('rules[0]', reaches('*', 'get', SUBRESOURCES))]);
    // a request for a subresource names its object: it is never a list, a watch or a deletecollection
    expect(RBAC_NO_ESCALATION.check(role(policy(['example.com'], ['*', '*/exec', 'pods/exec'], ['list', 'watch', 'deletecollection'])))).toEqual([]);
    // in tekton.dev, a deletecollection of every kind deletes the VerificationPolicies
    expect(RBAC_NO_ESCALATION.check(role(policy(['tekton.dev'], ['*', '*/exec', 'pods/exec'], ['list', 'watch', 'deletecollection'])))).toEqual([at('rules[0]', reaches('*', 'deletecollection',
      'Tekton verifies a Task, Pipeline or StepAction only against the VerificationPolicies whose patterns match its source: '
      + 'with one deleted, what it covered runs unverified (unless trusted-resources-verification-no-match-policy is fail)'))]);
    expect(RBAC_NO_ESCALATION.check(role({ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }))).toEqual([at('rules[0]', {
      property: 'resources',
      value: '*',
      granted: '*',
      problem: 'with *: reaches exec/attach/portforward/proxy/ephemeralcontainers/token subresources, the proxy verb, writes to pods and workloads, writes to ControllerRevisions, writes to Tekton definitions, deletes of VerificationPolicies, writes to Pipelines-as-Code Repositories, writes to Triggers\' bindings and interceptors, writes to run status, '
        + 'writes to Secrets, writes to ServiceAccounts, writes to NetworkPolicies, writes to cluster-wide and network plugin policies, writes to SecretProviderClasses, writes to External Secrets objects, writes to Vault Secrets Operator objects, writes to GitOps deployments, writes to the Tekton operator\'s objects, writes to Service routing, writes to ingress routes, writes to Gateways and ReferenceGrants, writes to Knative domain routing, writes to cert-manager issuers, cert-manager certificate requests, writes to cert-manager Certificates, writes to Service and pod status, writes to roles and bindings, writes to admission control, writes to Kyverno policies, writes to Gatekeeper and Sigstore policy-controller policies, writes to APIServices, '
        + 'writes to CustomResourceDefinitions, writes to PersistentVolumes, writes to VolumeSnapshotContents, writes to nodes, namespace relabelling, SecurityContextConstraints, writes to SecurityContextConstraints, certificate approval, node client certificates, certificate signers, cert-manager approval, bind and escalate, impersonation, OpenShift builds, writes to OpenShift BuildConfigs, starts of OpenShift builds, custom builds, writes to ImageStreams, ImageStream imports and mappings, writes to ImageStream status, pushes to ImageStreams, ImageStream secrets, writes to OpenShift users, groups and tokens',
      fix: FIX,
    })]);
  });

  test('non-compliant: an aggregated ClusterRole, whatever its rules', () => {
    const aggregated = { ...clusterRole(), aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'example.com/aggregate-to-ci': 'true' } }] } };
    expect(RBAC_NO_ESCALATION.check(aggregated)).toEqual([{
      rule: RuleId.RBAC_NO_ESCALATION,
      kind: 'ClusterRole',
      name: 'reader',
      property: 'aggregationRule',
      problem: 'takes the rules of every ClusterRole its selectors match, so the role grows whenever one is created or labelled to match',
      fix: 'List the rules in the ClusterRole itself and remove aggregationRule.',
    }]);
    expect(RBAC_NO_ESCALATION.check({ ...clusterRole(), aggregationRule: null })).toEqual([]);
  });

  test('non-compliant: writes to the Tekton definitions later runs execute, and to TriggerTemplates', () => {
    const TEKTON = 'a rewritten Task, Pipeline or StepAction, or a resolution request\'s answer, runs its steps in later runs as their ServiceAccounts, '
      + 'and VerificationPolicies decide which of them Tekton trusts';
    expect(RBAC_NO_ESCALATION.check(role(
      policy(['tekton.dev'], ['tasks', 'pipelines', 'stepactions', 'verificationpolicies'], ['update', 'patch'], ['build']),
      policy(['resolution.tekton.dev'], ['resolutionrequests/status'], ['patch']),
      policy(['triggers.tekton.dev'], ['triggertemplates'], ['update'], ['build-template']),
    ))).toEqual([
      ...['tasks', 'pipelines', 'stepactions', 'verificationpolicies'].map((r) => at('rules[0]', reaches(r, 'update, patch', TEKTON))),
      at('rules[1]', reaches('resolutionrequests/status', 'patch', TEKTON)),
      at('rules[2]', reaches('triggertemplates', 'update', POD)),
    ]);
  });

  test('non-compliant: writes to Triggers\' bindings and interceptors, which choose the params and the events an EventListener turns into runs', () => {
    const TRIGGERS = 'TriggerBindings choose the params an EventListener passes into the runs it creates as its ServiceAccount, and '
      + 'interceptors decide which events it accepts (a rewritten one accepts a forged webhook, or rewrites its body)';
    const INPUTS = ['triggerbindings', 'clustertriggerbindings', 'interceptors', 'clusterinterceptors'];
    expect(RBAC_NO_ESCALATION.check(role(
      policy(['triggers.tekton.dev'], INPUTS, ['get', 'list', 'patch'], ['github']),
      policy(['triggers.tekton.dev'], ['triggerbindings'], ['get', 'list', 'watch', 'delete']),
    ))).toEqual(INPUTS.map((r) => at('rules[0]', reaches(r, 'patch', TRIGGERS))));
  });

  test('non-compliant: writes to CNI plugins\' network policies, SecretProviderClasses and GitOps deployments', () => {
    const found = RBAC_NO_ESCALATION.check(role(
      policy(['cilium.io'], ['ciliumnetworkpolicies'], ['create']),
      policy(['crd.projectcalico.org'], ['globalnetworkpolicies'], ['delete']),
      policy(['secrets-store.csi.x-k8s.io'], ['secretproviderclasses'], ['update'], ['vault-creds']),
      policy(['argoproj.io'], ['applications'], ['patch'], ['app']),
      policy(['helm.toolkit.fluxcd.io'], ['helmreleases'], ['create']),
      policy(['secrets-store.csi.x-k8s.io', 'argoproj.io'], ['secretproviderclasses', 'applications'], ['get', 'list', 'watch']),
    )).map((f) => [f.location, f.value, f.problem.split(': ')[0]]);
    expect(found).toEqual([
      ['rules[0]', 'ciliumnetworkpolicies', 'with create'],
      ['rules[1]', 'globalnetworkpolicies', 'with delete'],
      ['rules[2]', 'secretproviderclasses', 'with update'],
      ['rules[3]', 'applications', 'with patch'],
      ['rules[4]', 'helmreleases', 'with create'],
    ]);
  });

  test('non-compliant: writes to the Flux sources a Kustomization or HelmRelease deploys, and to Flux\'s image automation, even by name', () => {
    const GITOPS = 'an Argo CD Application or ApplicationSet, or a Flux Kustomization or HelmRelease, deploys what its source holds with the '
      + 'controller\'s own permissions, usually cluster-wide, and a rewritten Flux source (GitRepository, OCIRepository, HelmRepository, '
      + 'HelmChart, Bucket) changes what the Kustomizations and HelmReleases that name it deploy, as Flux\'s image automation (ImageRepository, '
      + 'ImagePolicy, ImageUpdateAutomation) does when it commits the image a policy picks into the repository they deploy';
    const SOURCES = ['gitrepositories', 'ocirepositories', 'helmrepositories', 'helmcharts', 'buckets'];
    const AUTOMATION = ['imagerepositories', 'imagepolicies', 'imageupdateautomations'];
    expect(RBAC_NO_ESCALATION.check(role(
      policy(['source.toolkit.fluxcd.io'], SOURCES, ['patch'], ['flux-system']),
      policy(['image.toolkit.fluxcd.io'], AUTOMATION, ['create']),
    ))).toEqual([
      ...SOURCES.map((r) => at('rules[0]', reaches(r, 'patch', GITOPS))),
      ...AUTOMATION.map((r) => at('rules[1]', reaches(r, 'create', GITOPS))),
    ]);
    // reading a source, or deleting one (the Kustomization then deploys nothing new), is no finding; nor another group's kind of that name
    expect(RBAC_NO_ESCALATION.check(role(
      policy(['source.toolkit.fluxcd.io'], SOURCES, ['get', 'list', 'watch', 'delete']),
      policy(['image.toolkit.fluxcd.io'], AUTOMATION, ['get', 'list', 'watch']),
      policy(['example.com'], ['gitrepositories', 'imagepolicies'], ['create']),
    ))).toEqual([]);
  });

  test('non-compliant: writes to Gatekeeper\'s templates, constraints, mutations and config and to the Sigstore policy-controller\'s image policies, even by name', () => {
    const ENGINES = 'Gatekeeper\'s constraint templates, constraints, mutations, expansion templates and config (the namespaces it exempts) and the Sigstore '
      + 'policy-controller\'s ClusterImagePolicies and TrustRoots decide which objects and images the cluster admits and how it rewrites '
      + 'them: an added, rewritten or deleted one admits what they refused (an image no trusted key signed included)';
    expect(RBAC_NO_ESCALATION.check(clusterRole(
      policy(['policy.sigstore.dev'], ['clusterimagepolicies'], ['get', 'delete'], ['signed-by-chains']),
      { apiGroups: ['config.gatekeeper.sh'], resources: ['configs'], verbs: ['patch'], resourceNames: ['config'] },
      policy(['templates.gatekeeper.sh', 'mutations.gatekeeper.sh'], ['constrainttemplates', 'assignimage'], ['create']),
      policy(['templates.gatekeeper.sh', 'policy.sigstore.dev'], ['constrainttemplates', 'clusterimagepolicies', 'trustroots'], ['get', 'list', 'watch']),
      // a constraint's kind is its template's: any resource of the group
      policy(['constraints.gatekeeper.sh'], ['k8srequiredsignedimages'], ['delete'], ['prod']),
      policy(['constraints.gatekeeper.sh'], ['k8sallowedrepos'], ['patch']),
      policy(['constraints.gatekeeper.sh'], ['k8sallowedrepos'], ['get', 'list', 'watch']),
      // under apiGroups '*' a name is not known to be a constraint's kind (a stated limit)
      policy(['*'], ['k8sallowedrepos'], ['delete']),
    ))).toEqual([
      at('rules[0]', reaches('clusterimagepolicies', 'delete', ENGINES), 'ClusterRole'),
      at('rules[1]', reaches('configs', 'patch', ENGINES), 'ClusterRole'),
      at('rules[2]', reaches('constrainttemplates', 'create', ENGINES), 'ClusterRole'),
      at('rules[2]', reaches('assignimage', 'create', ENGINES), 'ClusterRole'),
      at('rules[4]', reaches('k8srequiredsignedimages', 'delete', ENGINES), 'ClusterRole'),
      at('rules[5]', reaches('k8sallowedrepos', 'patch', ENGINES), 'ClusterRole'),
    ]);
  });

  test('non-compliant: writes to VolumeSnapshotContents, which bind any storage snapshot to a VolumeSnapshot of any namespace, even by name', () => {
    const SNAPSHOT = 'a VolumeSnapshotContent made ahead binds the storage snapshot its snapshotHandle names (another team\'s data) to the '
      + 'VolumeSnapshot of any namespace its volumeSnapshotRef names: a claim there restores it, and the pods that mount the claim read it';
    expect(RBAC_NO_ESCALATION.check(clusterRole(
      { apiGroups: ['snapshot.storage.k8s.io'], resources: ['volumesnapshotcontents'], verbs: ['create'] },
      policy(['snapshot.storage.k8s.io'], ['volumesnapshotcontents', 'volumesnapshots'], ['get', 'patch'], ['cache']),
      { apiGroups: ['snapshot.storage.k8s.io'], resources: ['volumesnapshotcontents', 'volumesnapshots', 'volumesnapshotcontents/status'], verbs: ['get', 'list', 'watch', 'delete'] },
      { apiGroups: ['snapshot.storage.k8s.io'], resources: ['volumesnapshots'], verbs: ['create'] },
    ))).toEqual([
      at('rules[0]', reaches('volumesnapshotcontents', 'create', SNAPSHOT), 'ClusterRole'),
      at('rules[1]', reaches('volumesnapshotcontents', 'patch', SNAPSHOT), 'ClusterRole'),
    ]);
  });

  test('non-compliant: deleting VerificationPolicies, which leaves what they covered unverified, even by name', () => {
    const UNVERIFIED = 'Tekton verifies a Task, Pipeline or StepAction only against the VerificationPolicies whose patterns match its source: '
      + 'with one deleted, what it covered runs unverified (unless trusted-resources-verification-no-match-policy is fail)';
    expect(RBAC_NO_ESCALATION.check(role(
      policy(['tekton.dev'], ['verificationpolicies'], ['get', 'delete'], ['release-tasks']),
      { apiGroups: ['tekton.dev'], resources: ['verificationpolicies'], verbs: ['deletecollection'] },
      policy(['tekton.dev'], ['verificationpolicies', 'tasks'], ['get', 'list', 'watch', 'delete']),
    ))).toEqual([
      at('rules[0]', reaches('verificationpolicies', 'delete', UNVERIFIED)),
      at('rules[1]', reaches('verificationpolicies', 'deletecollection', UNVERIFIED)),
      at('rules[2]', reaches('verificationpolicies', 'delete', UNVERIFIED)),
    ]);
    // with a write too, both are named
    expect(RBAC_NO_ESCALATION.check(role(policy(['tekton.dev'], ['verificationpolicies'], ['patch', 'delete'])))).toEqual([at('rules[0]', {
      property: 'resources',
      value: 'verificationpolicies',
      granted: 'delete, patch',
      problem: 'with patch, delete: reaches writes to Tekton definitions, deletes of VerificationPolicies',
      fix: FIX,
    })]);
  });

  test('non-compliant: writes to the Tekton operator\'s objects, which it applies and configures every run from with its own permissions, even by name', () => {
    const OPERATOR = 'the Tekton operator installs and configures Tekton from these objects with its own cluster-wide permissions: it applies a '
      + 'TektonInstallerSet\'s manifests as they are (a ClusterRoleBinding among them included), and a TektonConfig, TektonPipeline, '
      + 'TektonChain or TektonTrigger rewrites the configuration of every run and EventListener (config-defaults\' ServiceAccount and pod '
      + 'template, feature-flags, Chains\' signing)';
    expect(RBAC_NO_ESCALATION.check(clusterRole(
      policy(['operator.tekton.dev'], ['tektoninstallersets'], ['create']),
      policy(['operator.tekton.dev'], ['tektonconfigs', 'tektonchains'], ['get', 'patch'], ['config', 'chain']),
      policy(['operator.tekton.dev'], ['tektonconfigs', 'tektonconfigs/status', 'tektoninstallersets'], ['get', 'list', 'watch', 'delete']),
      policy(['operator.tekton.dev'], ['tektonconfigs/status'], ['update', 'patch']),
    ))).toEqual([
      at('rules[0]', reaches('tektoninstallersets', 'create', OPERATOR), 'ClusterRole'),
      at('rules[1]', reaches('tektonconfigs', 'patch', OPERATOR), 'ClusterRole'),
      at('rules[1]', reaches('tektonchains', 'patch', OPERATOR), 'ClusterRole'),
    ]);
  });

  test('non-compliant: writes to OpenShift\'s groups, users, identities and OAuth tokens, which make a request any user\'s or group\'s, even by name', () => {
    const IDENTITY = 'OpenShift gives a user the groups whose Group object lists it, logs an identity of its providers in as the user its '
      + 'identity mapping names, and takes an OAuth token object as a token of the user it names: a written one acts as any user or group';
    expect(RBAC_NO_ESCALATION.check(clusterRole(
      policy(['user.openshift.io'], ['groups'], ['update', 'patch'], ['dedicated-admins']),
      policy(['user.openshift.io'], ['identities', 'useridentitymappings'], ['create']),
      policy(['oauth.openshift.io'], ['oauthaccesstokens'], ['create']),
      policy(['user.openshift.io', 'oauth.openshift.io'], ['groups', 'users', 'oauthaccesstokens'], ['get', 'list', 'watch', 'delete']),
    ))).toEqual([
      at('rules[0]', reaches('groups', 'update, patch', IDENTITY), 'ClusterRole'),
      at('rules[1]', reaches('identities', 'create', IDENTITY), 'ClusterRole'),
      at('rules[1]', reaches('useridentitymappings', 'create', IDENTITY), 'ClusterRole'),
      at('rules[2]', reaches('oauthaccesstokens', 'create', IDENTITY), 'ClusterRole'),
    ]);
  });

  test('non-compliant: OpenShift builds (a privileged pod as the ServiceAccount and with the Secrets the build names), their starts and custom builds', () => {
    const BUILD_POD = 'an OpenShift build is a privileged pod the build controller makes, as the ServiceAccount the build names '
      + '(builder when none), that mounts the Secrets of the namespace the build names (its source secrets, which its Dockerfile or assemble '
      + 'script reads, its pull and push secrets, its strategy\'s volumes)';
    const START = 'a build started from a BuildConfig (instantiate, instantiatebinary) or cloned from a Build runs with the source the caller uploads '
      + '(a binary build\'s Dockerfile or code), the git revision, environment and build args it asks for (the environment chooses the '
      + 'package registries and tool flags its RUN steps or assemble script use), and the ServiceAccount and Secrets of the '
      + 'BuildConfig, and pushes what it builds to the BuildConfig\'s output, which image triggers then deploy';
    const CUSTOM = 'openshift-apiserver admits a Build or BuildConfig of the custom strategy from whoever may create builds/custom (OpenShift\'s '
      + 'default roles grant it to no one): its build runs the image the caller names, as root in a privileged container (root on its node), as '
      + 'the ServiceAccount its spec names, with the Secrets of the namespace it names';
    expect(RBAC_NO_ESCALATION.check(role(
      policy(['build.openshift.io'], ['buildconfigs', 'builds'], ['create']),
      policy(['build.openshift.io'], ['buildconfigs'], ['update', 'patch']),
      policy(['build.openshift.io'], ['buildconfigs/instantiate', 'buildconfigs/instantiatebinary', 'builds/clone'], ['create']),
      policy(['build.openshift.io'], ['builds/custom', 'builds/docker'], ['create']),
      // reading, deleting, a Build's update (its spec is kept), the rights to the strategies every authenticated user has, webhooks
      policy(['build.openshift.io'], ['builds', 'buildconfigs', 'builds/log'], ['get', 'list', 'watch', 'delete']),
      policy(['build.openshift.io'], ['builds', 'builds/details'], ['update', 'patch']),
      policy(['build.openshift.io'], ['builds/docker', 'builds/source', 'builds/optimizeddocker', 'builds/jenkinspipeline', 'buildconfigs/webhooks'], ['create']),
      policy(['build.openshift.io'], ['buildconfigs/instantiate', 'builds/custom'], ['get', 'update']),
      // another group's kinds of those names
      policy(['builds.example.com'], ['builds', 'buildconfigs', 'builds/custom'], ['create']),
    ))).toEqual([
      at('rules[0]', reaches('buildconfigs', 'create', `the builds of a BuildConfig, which its triggers start (its creation or change, a git webhook, a new image of its base): ${BUILD_POD}`)),
      at('rules[0]', reaches('builds', 'create', BUILD_POD)),
      at('rules[1]', reaches('buildconfigs', 'update, patch', `the builds of a BuildConfig, which its triggers start (its creation or change, a git webhook, a new image of its base): ${BUILD_POD}`)),
      at('rules[2]', reaches('buildconfigs/instantiate', 'create', START)),
      at('rules[2]', reaches('buildconfigs/instantiatebinary', 'create', START)),
      at('rules[2]', reaches('builds/clone', 'create', START)),
      at('rules[3]', reaches('builds/custom', 'create', CUSTOM)),
    ]);
    // a wildcard reaches them all
    expect(RBAC_NO_ESCALATION.check(role({ apiGroups: ['build.openshift.io'], resources: ['*'], verbs: ['create'] }))).toEqual([
      at('rules[0]', reaches('*', 'create', 'reaches exec/attach/portforward/proxy/ephemeralcontainers/token subresources, OpenShift builds, writes to OpenShift BuildConfigs, starts of OpenShift builds, custom builds')),
    ]);
  });

  test('non-compliant: writes to OpenShift ImageStreams, imports, pushes and status (the image triggers roll out), and reads of imagestreams/secrets', () => {
    const TAGS = 'an ImageStream tag names the image that Deployments and DeploymentConfigs with image triggers on it roll out, '
      + 'BuildConfigs with image change triggers build on, and pods that name the stream run (its local lookup policy): a written tag, an '
      + 'import or a push makes them run an image of the writer\'s choosing, as their ServiceAccounts';
    const SECRETS = 'a get of imagestreams/secrets returns every dockercfg and dockerconfigjson Secret of the namespace, their data included, '
      + 'whatever stream it names (but those annotated openshift.io/image.excludeSecret "true"): the registry credentials of every pipeline there';
    expect(RBAC_NO_ESCALATION.check(role(
      policy(['image.openshift.io'], ['imagestreams', 'imagestreamtags', 'imagetags'], ['create', 'update', 'patch'], ['app']),
      policy(['image.openshift.io'], ['imagestreamimports', 'imagestreammappings'], ['create']),
      policy(['image.openshift.io'], ['imagestreams/status'], ['patch']),
      policy(['image.openshift.io'], ['imagestreams/layers'], ['get', 'update']),
      policy(['image.openshift.io'], ['imagestreams/secrets'], ['get'], ['any']),
      // reads, deletes, a pull, verbs the subresources do not serve
      policy(['image.openshift.io'], ['imagestreams', 'imagestreamtags', 'imagestreamimages', 'images'], ['get', 'list', 'watch', 'delete']),
      policy(['image.openshift.io'], ['imagestreamimports', 'imagestreammappings', 'imagestreams/status'], ['get', 'delete']),
      policy(['image.openshift.io'], ['imagestreams/layers'], ['get', 'patch', 'create']),
      policy(['image.openshift.io'], ['imagestreams/secrets'], ['list', 'update']),
      policy(['image.toolkit.example.com'], ['imagestreams', 'imagestreams/secrets'], ['get', 'create']),
    ))).toEqual([
      at('rules[0]', reaches('imagestreams', 'create, update, patch', TAGS)),
      at('rules[0]', reaches('imagestreamtags', 'create, update, patch', TAGS)),
      at('rules[0]', reaches('imagetags', 'create, update, patch', TAGS)),
      at('rules[1]', reaches('imagestreamimports', 'create', TAGS)),
      at('rules[1]', reaches('imagestreammappings', 'create', TAGS)),
      at('rules[2]', reaches('imagestreams/status', 'patch', `an ImageStream's status holds the image each of its tags resolves to: ${TAGS}`)),
      at('rules[3]', reaches('imagestreams/layers', 'update', `OpenShift's image registry allows a push to an ImageStream to whoever may update imagestreams/layers: ${TAGS}`)),
      at('rules[4]', reaches('imagestreams/secrets', 'get', SECRETS)),
    ]);
  });

  test('non-compliant: use of OpenShift SecurityContextConstraints, unless it names only OpenShift\'s restricted ones', () => {
    const SCC = 'OpenShift admits a pod under any SecurityContextConstraints its ServiceAccount or its creator may use: privileged, anyuid, '
      + 'hostaccess, hostmount-anyuid and hostnetwork run containers privileged, as root, or in the node\'s namespaces and filesystem, '
      + 'past the namespace\'s Pod Security';
    expect(RBAC_NO_ESCALATION.check(role(
      policy(['security.openshift.io'], ['securitycontextconstraints'], ['use'], ['privileged']),
      policy(['security.openshift.io'], ['securitycontextconstraints'], ['use'], ['restricted-v2', 'anyuid']),
      { apiGroups: ['security.openshift.io'], resources: ['securitycontextconstraints'], verbs: ['use'] },
      policy(['*'], ['securitycontextconstraints'], ['*'], ['hostnetwork']),
      policy(['security.openshift.io'], ['securitycontextconstraints'], ['use'], ['restricted', 'restricted-v2']),
      policy(['security.openshift.io'], ['securitycontextconstraints'], ['get', 'list', 'watch']),
      policy(['security.openshift.io'], ['SecurityContextConstraints'], ['use'], ['privileged']),
      // a name OpenShift does not ship may be any SCC an admin made
      policy(['security.openshift.io'], ['securitycontextconstraints'], ['use'], ['restricted-v3']),
    ))).toEqual([
      at('rules[0]', reaches('securitycontextconstraints', 'use', SCC)),
      at('rules[1]', reaches('securitycontextconstraints', 'use', SCC)),
      at('rules[2]', reaches('securitycontextconstraints', 'use', SCC)),
      at('rules[3]', reaches('securitycontextconstraints', '*', 'reaches SecurityContextConstraints, writes to SecurityContextConstraints')),
      at('rules[7]', reaches('securitycontextconstraints', 'use', SCC)),
    ]);
  });

  test('non-compliant: writes to OpenShift SecurityContextConstraints, by name too (the restricted ones included)', () => {
    const SCC_WRITES = 'a SecurityContextConstraints object says what the pods it admits may do and who may use it (its users and groups, and '
      + 'RBAC\'s use): a rewritten restricted-v2, which every authenticated user may use, or a new one that lists system:authenticated '
      + 'admits privileged or host pods from anyone, and a deleted one hands its pods to another that may allow more';
    expect(RBAC_NO_ESCALATION.check(role(
      policy(['security.openshift.io'], ['securitycontextconstraints'], ['*'], ['restricted-v2']),
      policy(['security.openshift.io'], ['securitycontextconstraints'], ['patch', 'use'], ['restricted', 'restricted-v2']),
      { apiGroups: ['security.openshift.io'], resources: ['securitycontextconstraints'], verbs: ['create'] },
      policy(['*'], ['securitycontextconstraints'], ['delete', 'deletecollection'], ['anyuid']),
      policy(['security.openshift.io'], ['securitycontextconstraints'], ['get', 'list', 'watch', 'use'], ['restricted-v2']),
    ))).toEqual([
      at('rules[0]', reaches('securitycontextconstraints', '*', SCC_WRITES)),
      at('rules[1]', reaches('securitycontextconstraints', 'patch', SCC_WRITES)),
      at('rules[2]', reaches('securitycontextconstraints', 'create', SCC_WRITES)),
      at('rules[3]', reaches('securitycontextconstraints', 'delete, deletecollection', SCC_WRITES)),
    ]);
  });

  test('non-compliant: writes to CustomResourceDefinitions, whose conversion webhook rewrites every object of the kind, even by name (Tekton\'s webhook updates its own)', () => {
    const CRD = 'a CustomResourceDefinition\'s conversion webhook receives every object of its kind the API server stores or returns, at a server '
      + 'of its choosing, and rewrites it (a new storage version sends every write through it: a Task\'s steps, a VerificationPolicy\'s keys), '
      + 'its schema decides which fields are kept, and deleting one deletes every object of its kind (every VerificationPolicy: Tekton '
      + 'then verifies nothing, unless its no-match policy is fail)';
    expect(RBAC_NO_ESCALATION.check(clusterRole(
      policy(['apiextensions.k8s.io'], ['customresourcedefinitions', 'customresourcedefinitions/status'], ['get', 'update', 'patch'], ['tasks.tekton.dev']),
      policy(['apiextensions.k8s.io'], ['customresourcedefinitions'], ['delete'], ['verificationpolicies.tekton.dev']),
      policy(['apiextensions.k8s.io'], ['customresourcedefinitions'], ['create']),
      policy(['apiextensions.k8s.io'], ['customresourcedefinitions', 'customresourcedefinitions/status'], ['get', 'list', 'watch']),
    ))).toEqual([
      at('rules[0]', reaches('customresourcedefinitions', 'update, patch', CRD), 'ClusterRole'),
      at('rules[1]', reaches('customresourcedefinitions', 'delete', CRD), 'ClusterRole'),
      at('rules[2]', reaches('customresourcedefinitions', 'create', CRD), 'ClusterRole'),
    ]);
  });

  test('non-compliant: writes to the AdminNetworkPolicy API\'s policies, Cilium\'s CIDR groups and Calico\'s network sets and tiers, which open pods past NetworkPolicies', () => {
    const CLUSTER_NETPOL = 'an AdminNetworkPolicy\'s Allow comes before every NetworkPolicy, Cilium\'s and Calico\'s policies add up with them (a Calico Allow '
      + 'whatever its order), and Cilium\'s CIDR groups and Calico\'s network sets and tiers widen the policies that name them: an added or '
      + 'rewritten one lets pods out, and so does a deleted deny';
    expect(RBAC_NO_ESCALATION.check(role(
      policy(['policy.networking.k8s.io'], ['adminnetworkpolicies', 'baselineadminnetworkpolicies', 'clusternetworkpolicies'], ['create']),
      policy(['projectcalico.org'], ['globalnetworksets', 'tiers'], ['patch'], ['egress']),
      policy(['cilium.io'], ['ciliumcidrgroups'], ['deletecollection']),
      policy(['policy.networking.k8s.io', 'cilium.io', 'projectcalico.org', 'crd.projectcalico.org'], ['adminnetworkpolicies', 'ciliumclusterwidenetworkpolicies', 'tiers'], ['get', 'list', 'watch']),
    ))).toEqual([
      at('rules[0]', reaches('adminnetworkpolicies', 'create', CLUSTER_NETPOL)),
      at('rules[0]', reaches('baselineadminnetworkpolicies', 'create', CLUSTER_NETPOL)),
      at('rules[0]', reaches('clusternetworkpolicies', 'create', CLUSTER_NETPOL)),
      at('rules[1]', reaches('globalnetworksets', 'patch', CLUSTER_NETPOL)),
      at('rules[1]', reaches('tiers', 'patch', CLUSTER_NETPOL)),
      at('rules[2]', reaches('ciliumcidrgroups', 'deletecollection', CLUSTER_NETPOL)),
    ]);
  });

  test('non-compliant: a namespace\'s status and finalize subresources, which change its labels too', () => {
    const NS = 'a namespace\'s pod-security labels decide which pods it admits (its status and finalize subresources change its labels too)';
    expect(RBAC_NO_ESCALATION.check(role(policy([''], ['namespaces/status', 'namespaces/finalize'], ['update', 'patch'], ['ci'])))).toEqual([
      at('rules[0]', reaches('namespaces/status', 'update, patch', NS)),
      at('rules[0]', reaches('namespaces/finalize', 'update, patch', NS)),
    ]);
  });

  test('a Role\'s rule on namespaces reaches its own namespace alone: resourceNames that leave it out grant nothing, a ClusterRole\'s or a Role without a namespace may', () => {
    const NS = 'a namespace\'s pod-security labels decide which pods it admits (its status and finalize subresources change its labels too)';
    // a RoleBinding in ci grants a request about namespace other nothing: that request is in namespace other
    expect(RBAC_NO_ESCALATION.check(role(policy([''], ['namespaces', 'namespaces/status'], ['patch'], ['other', 'tekton-pipelines'])))).toEqual([]);
    // naming ci, or nothing, or a name that holds a variable (a TriggerTemplate's $(tt.params.x), which an event fills in), it may reach ci
    expect(RBAC_NO_ESCALATION.check(role(
      policy([''], ['namespaces'], ['patch'], ['other', 'ci']),
      policy([''], ['namespaces'], ['update'], []),
      policy([''], ['namespaces'], ['patch'], ['$(tt.params.ns)']),
    ))).toEqual([
      at('rules[0]', reaches('namespaces', 'patch', NS)),
      at('rules[1]', reaches('namespaces', 'update', NS)),
      at('rules[2]', reaches('namespaces', 'patch', NS)),
    ]);
    // a ClusterRole may be bound in namespace other, or by a ClusterRoleBinding; a Role without a namespace is applied where kubectl says
    expect(RBAC_NO_ESCALATION.check(clusterRole(policy([''], ['namespaces'], ['patch'], ['other']))))
      .toEqual([at('rules[0]', reaches('namespaces', 'patch', NS), 'ClusterRole')]);
    const unplaced = role(policy([''], ['namespaces'], ['patch'], ['other']));
    delete unplaced.metadata.namespace;
    expect(RBAC_NO_ESCALATION.check(unplaced)).toEqual([at('rules[0]', reaches('namespaces', 'patch', NS))]);
  });

  test('non-compliant: a null entry is "", as the API server decodes it: [null, apps] holds the core group', () => {
    expect(RBAC_NO_ESCALATION.check(role({ apiGroups: [null, 'apps'], resources: ['pods', 'secrets'], resourceNames: [null, 'x'], verbs: ['create'] }))).toEqual([
      at('rules[0]', reaches('pods', 'create', POD)),
      at('rules[0]', reaches('secrets', 'create', SECRET)),
    ]);
  });

  test('verbs and resources are case-sensitive: BIND, Pods/Exec match no request', () => {
    expect(RBAC_NO_ESCALATION.check(role(policy([''], ['Pods/Exec', 'pods/Exec'], ['BIND', 'Impersonate'])))).toEqual([]);
  });

  describe('property: every rule that lets an escalating request through is reported', () => {
    const VERBS = ['get', 'list', 'create', 'update', 'patch', 'delete', 'deletecollection', 'bind', 'escalate', 'impersonate', 'impersonate:user-info',
      'impersonate-on:user-info:get', 'approve', 'sign', 'attest', 'proxy', 'use', 'Create', '', '*'];
    const GROUPS = ['', '*', 'apps', 'batch', 'rbac.authorization.k8s.io', 'authentication.k8s.io', 'certificates.k8s.io', 'admissionregistration.k8s.io',
      'apiregistration.k8s.io', 'apiextensions.k8s.io', 'operator.tekton.dev', 'security.openshift.io', 'user.openshift.io', 'tekton.dev', 'triggers.tekton.dev', 'resolution.tekton.dev', 'networking.k8s.io', 'discovery.k8s.io', 'v1', 'example.com', 'gateway.networking.k8s.io', 'cert-manager.io'];
    const RESOURCES = ['pods', 'pods/exec', 'pods/attach', 'pods/log', 'pods/ephemeralcontainers', 'pods/*', 'Pods', 'services/proxy', 'nodes', 'nodes/proxy',
      'nodes/status', 'serviceaccounts', 'serviceaccounts/token', 'secrets', 'configmaps', 'deployments', 'deployments/scale', 'jobs', 'taskruns', 'pipelineruns',
      'roles', 'rolebindings', 'clusterroles', 'validatingwebhookconfigurations', 'apiservices', 'namespaces', 'certificatesigningrequests',
      'certificatesigningrequests/approval', 'signers', 'users', 'groups', 'uids', 'userextras', 'userextras/scopes', 'widgets', 'widgets/portforward',
      'tasks', 'stepactions', 'verificationpolicies', 'triggertemplates', 'resolutionrequests', 'resolutionrequests/status', 'namespaces/status',
      'namespaces/finalize', 'taskruns/status', 'pipelineruns/status', 'networkpolicies', 'services', 'endpoints', 'endpointslices',
      'services/status', 'pods/status', 'certificatesigningrequests/nodeclient', 'triggerbindings', 'clusterinterceptors', 'certificatesigningrequests/selfnodeclient', 'controllerrevisions', 'customresourcedefinitions', 'tektonconfigs', 'tektoninstallersets', 'tektonconfigs/status', 'securitycontextconstraints', 'persistentvolumes', 'persistentvolumeclaims', 'gateways', 'referencegrants', 'issuers', 'certificates', 'certificaterequests', '*', '*/exec', '*/status', '*/token', '*/scopes', '*/finalize'];
    /** `ci` is the namespace of the Role the rules are checked in (a RoleBinding grants its rules on namespaces for that one alone). */
    const NAMES = ['', '*', 'x', 'ci'];
    /** The group a resource of the vocabulary is served in, so that generated rules often name real pairs. */
    const HOMES: Array<[string, string[]]> = [
      ['apps', ['deployments', 'controllerrevisions']], ['batch', ['jobs']], ['tekton.dev', ['taskruns', 'pipelineruns', 'tasks', 'stepactions', 'verificationpolicies']],
      ['triggers.tekton.dev', ['triggertemplates', 'triggerbindings', 'clusterinterceptors']], ['resolution.tekton.dev', ['resolutionrequests']],
      ['rbac.authorization.k8s.io', ['roles', 'rolebindings', 'clusterroles']], ['admissionregistration.k8s.io', ['validatingwebhookconfigurations']],
      ['apiregistration.k8s.io', ['apiservices']], ['apiextensions.k8s.io', ['customresourcedefinitions']], ['operator.tekton.dev', ['tektonconfigs', 'tektoninstallersets']], ['security.openshift.io', ['securitycontextconstraints']], ['certificates.k8s.io', ['certificatesigningrequests', 'signers']],
      ['authentication.k8s.io', ['uids', 'userextras']], ['example.com', ['widgets']], ['networking.k8s.io', ['networkpolicies']],
      ['discovery.k8s.io', ['endpointslices']], ['gateway.networking.k8s.io', ['gateways', 'referencegrants']],
      ['cert-manager.io', ['issuers', 'certificates', 'certificaterequests']],
    ];
    const HOME: Record<string, string> = Object.fromEntries(HOMES.flatMap(([group, rs]) => rs.map((r) => [r, group])));
    const policyRule = fc.subarray(RESOURCES, { minLength: 1, maxLength: 3 }).chain((resources) => fc.record({
      verbs: fc.subarray(VERBS, { minLength: 1, maxLength: 3 }),
      apiGroups: fc.tuple(fc.subarray(GROUPS, { maxLength: 2 }), fc.boolean()).map(([groups, home]) =>
        [...new Set([...groups, ...(home || groups.length === 0 ? resources.map((r) => HOME[r.split('/')[0]] ?? '') : [])])]),
      resources: fc.constant(resources),
      resourceNames: fc.option(fc.subarray(NAMES, { maxLength: 2 }), { nil: undefined }),
    }, { requiredKeys: ['verbs', 'apiGroups', 'resources'] }));

    type Rule = { verbs: string[]; apiGroups: string[]; resources: string[]; resourceNames?: string[] };
    type Request = { verb: string; group: string; resource: string; sub: string };

    /** RuleAllows of the RBAC authorizer, written from the Kubernetes source for this test (any name: names never make a path safe). */
    function allows(p: Rule, r: Request): boolean {
      const matches = (xs: string[], x: string) => xs.some((y) => y === '*' || y === x);
      const combined = r.sub === '' ? r.resource : `${r.resource}/${r.sub}`;
      return matches(p.verbs, r.verb) && matches(p.apiGroups, r.group)
        && p.resources.some((e) => e === '*' || e === combined || (r.sub !== '' && e === `*/${r.sub}`));
    }

    /** The requests that act as, or change what confines, another identity: a reference list written for this test. */
    function escalates({ verb: v, group, resource, sub }: Request): boolean {
      const core = group === '';
      const write = ['create', 'update', 'patch'].includes(v);
      const writeOrDelete = write || v === 'delete' || v === 'deletecollection';
      const podMakers: Record<string, string[]> = {
        '': ['pods', 'replicationcontrollers'],
        // a ControllerRevision is the template a StatefulSet makes pods from, and what a rollback restores
        'apps': ['deployments', 'replicasets', 'statefulsets', 'daemonsets', 'controllerrevisions'],
        'batch': ['jobs', 'cronjobs'],
        'tekton.dev': ['taskruns', 'pipelineruns', 'customruns'],
        // what an EventListener's ServiceAccount creates, TriggerTemplates say
        'triggers.tekton.dev': ['eventlisteners', 'triggers', 'triggertemplates'],
      };
      // the core group's own serve only their methods: exec, attach and portforward GET and POST, ephemeral containers a write by
      // update or patch (a get reads the pod), a token a create
      if (core && resource === 'pods' && ['exec', 'attach', 'portforward'].includes(sub)) return v === 'get' || v === 'create';
      if (core && resource === 'pods' && sub === 'ephemeralcontainers') return v === 'update' || v === 'patch';
      if (core && resource === 'serviceaccounts' && sub === 'token') return v === 'create';
      // a request for a subresource names its object: get, create (connect), update, patch or delete, never a list
      // ("" too: an OPTIONS request, which a proxy passes on)
      if (['exec', 'attach', 'portforward', 'proxy', 'ephemeralcontainers', 'token'].includes(sub)) return ['get', 'create', 'update', 'patch', 'delete', ''].includes(v);
      // a resolution request's answer (its status) is the Task or Pipeline that runs
      if (group === 'resolution.tekton.dev') return resource === 'resolutionrequests' && write;
      // a namespace's labels change through its status and finalize subresources too
      if (core && resource === 'namespaces' && (sub === 'status' || sub === 'finalize')) return v === 'update' || v === 'patch';
      if (group === 'authentication.k8s.io' && resource === 'userextras') return v === 'impersonate' || v.startsWith('impersonate:');
      if (sub === 'approval') return group === 'certificates.k8s.io' && resource === 'certificatesigningrequests' && (v === 'update' || v === 'patch');
      // the CSR approver approves node client certificates for whoever may create this (selfnodeclient: a node's own only)
      if (sub === 'nodeclient') return group === 'certificates.k8s.io' && resource === 'certificatesigningrequests' && v === 'create';
      // a run's status: its results feed later tasks and Chains
      if (sub === 'status' && group === 'tekton.dev') return ['taskruns', 'pipelineruns', 'customruns'].includes(resource) && (v === 'update' || v === 'patch');
      // a Service's load-balancer IPs and a pod's IPs route traffic
      if (sub === 'status' && core && ['services', 'pods'].includes(resource)) return v === 'update' || v === 'patch';
      if (sub === 'status') return core && resource === 'nodes' && writeOrDelete;
      if (sub !== '') return false;
      if (group === 'rbac.authorization.k8s.io') {
        return (['roles', 'clusterroles'].includes(resource) && (v === 'bind' || v === 'escalate'))
          || (['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings'].includes(resource) && writeOrDelete);
      }
      if (core && ['users', 'groups', 'serviceaccounts'].includes(resource) && v === 'impersonate') return true;
      // Tekton mounts the Secrets a run's ServiceAccount lists into its steps
      if (core && resource === 'serviceaccounts' && (v === 'update' || v === 'patch')) return true;
      if (group === 'authentication.k8s.io') return ['users', 'groups', 'serviceaccounts', 'nodes', 'uids'].includes(resource) && (v.startsWith('impersonate:') || (resource === 'uids' && v === 'impersonate'));
      if (group === 'certificates.k8s.io') return resource === 'signers' && ['approve', 'sign', 'attest'].includes(v);
      // cert-manager signs what its issuers are told to: the issuers, Certificates, requests (their spec is immutable) and approval
      if (group === 'cert-manager.io') {
        return (['issuers', 'certificates'].includes(resource) && write) || (resource === 'certificaterequests' && v === 'create')
          || (resource === 'signers' && v === 'approve');
      }
      // a Gateway serves TLS with its namespace's Secrets; a ReferenceGrant opens them to other namespaces
      if (group === 'gateway.networking.k8s.io') return ['gateways', 'referencegrants'].includes(resource) && write;
      if (group === 'admissionregistration.k8s.io') return resource.endsWith('webhookconfigurations') && writeOrDelete;
      if (group === 'apiregistration.k8s.io') return resource === 'apiservices' && write;
      // a CustomResourceDefinition's conversion webhook rewrites every object of its kind; deleting one deletes them all
      if (group === 'apiextensions.k8s.io') return resource === 'customresourcedefinitions' && writeOrDelete;
      // the Tekton operator applies an installer set's manifests and writes every run's configuration from a TektonConfig
      // OpenShift gives a user the groups that list it, and an identity the user its mapping names
      if (group === 'user.openshift.io') return ['groups', 'users', 'identities', 'useridentitymappings'].includes(resource) && write;
      // OpenShift runs a pod under any SCC it may use (no generated name is one of the restricted SCCs)
      // and writes one: an SCC lists who may use it and what its pods may do
      if (group === 'security.openshift.io') return resource === 'securitycontextconstraints' && (v === 'use' || writeOrDelete);
      if (group === 'operator.tekton.dev') return sub === '' && ['tektonconfigs', 'tektoninstallersets'].includes(resource) && write;
      if (core && resource === 'nodes' && writeOrDelete) return true;
      if (core && resource === 'namespaces') return v === 'update' || v === 'patch';
      if (core && resource === 'secrets' && write) return true;
      // a PersistentVolume chooses what a claim mounts (a claim binds one, which only a pod reads)
      if (core && resource === 'persistentvolumes' && write) return true;
      // the params and the events an EventListener turns into runs
      if (group === 'triggers.tekton.dev' && ['triggerbindings', 'clustertriggerbindings', 'interceptors', 'clusterinterceptors'].includes(resource) && write) return true;
      // the definitions later runs execute, and which of them Tekton trusts
      if (group === 'tekton.dev' && ['tasks', 'pipelines', 'stepactions', 'verificationpolicies'].includes(resource) && write) return true;
      // what a deleted VerificationPolicy covered runs unverified
      if (group === 'tekton.dev' && resource === 'verificationpolicies' && (v === 'delete' || v === 'deletecollection')) return true;
      if (core && ['pods', 'services', 'nodes'].includes(resource) && v === 'proxy') return true;
      // what confines and routes traffic
      if (group === 'networking.k8s.io' && resource === 'networkpolicies') return writeOrDelete;
      if ((core && ['services', 'endpoints'].includes(resource)) || (group === 'discovery.k8s.io' && resource === 'endpointslices')) return write;
      return write && (podMakers[group] ?? []).includes(resource);
    }

    // every request the vocabulary spells, plus a verb, group, resource and extra key no rule names
    const verbs = [...VERBS.filter((v) => v !== '*'), 'impersonate:serviceaccount', 'fresh-verb'];
    const groups = [...GROUPS.filter((g) => g !== '*'), 'fresh.example.com'];
    const parts = RESOURCES.filter((r) => !r.startsWith('*')).map((r) => r.split('/'));
    const resources = [...new Set([...parts.map((p) => p[0]), 'fresh'])];
    const subs = [...new Set(['', ...RESOURCES.map((r) => r.split('/')[1] ?? ''), 'fresh-key'])];

    /** Whether the rule lets some escalating request of the vocabulary through. */
    function letsEscalationThrough(p: Rule): boolean {
      const matches = (xs: string[], x: string) => xs.some((y) => y === '*' || y === x);
      for (const resource of resources) {
        for (const sub of subs) {
          if (!allows({ ...p, verbs: ['*'], apiGroups: ['*'] }, { verb: '', group: '', resource, sub })) continue;
          for (const group of groups.filter((g) => matches(p.apiGroups, g))) {
            // a request about a namespace is in that namespace (requestinfo.go): the Role of ci reaches namespace ci alone
            if (group === '' && resource === 'namespaces' && p.resourceNames !== undefined && p.resourceNames.length > 0 && !p.resourceNames.includes('ci')) continue;
            if (verbs.some((v) => matches(p.verbs, v) && escalates({ verb: v, group, resource, sub }))) return true;
          }
        }
      }
      return false;
    }

    const explicit = (v: string) => ['bind', 'escalate', 'impersonate'].includes(v) || v.startsWith('impersonate:') || v.startsWith('impersonate-on:');

    test('sound: a rule that lets any escalating request through has a finding', () => {
      fc.assert(fc.property(policyRule, (p) => {
        const findings = RBAC_NO_ESCALATION.check(role(p));
        if (letsEscalationThrough(p)) expect(findings.length).toBeGreaterThan(0);
        for (const v of p.verbs.filter(explicit)) expect(findings).toContainEqual(at('rules[0]', verb(v)));
      }), { numRuns: 500 });
    });

    test('precise: without an escalation verb, a rule has a finding only when it lets an escalating request through', () => {
      fc.assert(fc.property(policyRule.filter((r) => !r.verbs.some(explicit)), (p) => {
        expect(RBAC_NO_ESCALATION.check(role(p)).length > 0).toBe(letsEscalationThrough(p));
      }), { numRuns: 500 });
    });
  });
});

describe('RBAC_NO_ESCALATION with runs of odd shape checked together', () => {
  const editor = role(policy([''], ['configmaps'], ['update'], []));
  test('a TaskRun whose name is a map with a toString key, and a v1beta1 PipelineRun whose spec is null: no throw, the same findings as without them', () => {
    const named = { apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name: JSON.parse('{"toString": "x"}'), namespace: 'ci' }, spec: { workspaces: [{ name: 'w', configMap: { name: 'c' } }] } };
    const empty = { apiVersion: 'tekton.dev/v1beta1', kind: 'PipelineRun', metadata: { name: 'p', namespace: 'ci' }, spec: null };
    expect(RBAC_NO_ESCALATION.check(editor, ruleContext([editor, empty]))).toEqual(RBAC_NO_ESCALATION.check(editor, ruleContext([editor])));
    expect(() => RBAC_NO_ESCALATION.check(editor, ruleContext([editor, named]))).not.toThrow();
    const perTask = {
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: { name: 'r', namespace: 'ci' },
      spec: { pipelineRef: { name: 'x' }, taskRunSpecs: [{ pipelineTaskName: JSON.parse('{"toString": "x"}'), podTemplate: { volumes: [{ name: 'v', configMap: { name: 'c' } }] } }] },
    };
    expect(() => RBAC_NO_ESCALATION.check(editor, ruleContext([editor, perTask]))).not.toThrow();
  });

  test('non-compliant: a ClusterRole that aggregates, with the objects checked together, exec into pods', () => {
    const { aggregator, source } = aggregation([{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }]);
    const findings = RBAC_NO_ESCALATION.check(aggregator, ruleContext([aggregator, source]));
    expect(findings.map((f) => [f.location, f.property, f.value])).toEqual([[undefined, 'aggregationRule', undefined], ["aggregated from ClusterRole 'extra' rules[0]", 'resources', 'pods/exec']]);
    expect(findings[1]).toEqual({
      rule: RuleId.RBAC_NO_ESCALATION,
      kind: 'ClusterRole',
      name: 'ci',
      location: "aggregated from ClusterRole 'extra' rules[0]",
      property: 'resources',
      value: 'pods/exec',
      granted: 'create',
      problem: 'is an escalation subresource',
    });
    expect(RBAC_NO_ESCALATION.check(aggregator).map((f) => f.property)).toEqual(['aggregationRule']);
  });

  test('a Tekton operator dashboard installed read/write: TektonDashboard spec.readonly false or no spec, a TektonConfig of profile all', () => {
    const grants = 'the Tekton Dashboard v0.71 read/write (its release-full.yaml), which binds the ClusterRoles tekton-aggregate-edit, '
      + 'tekton-triggers-aggregate-edit and tekton-dashboard-backend-edit to the dashboard\'s ServiceAccount in every namespace: whoever reaches the '
      + 'dashboard (it has no authentication of its own) creates, changes and deletes Tasks, Pipelines, TaskRuns and PipelineRuns, run as any '
      + 'ServiceAccount of their namespace, and the Triggers objects that turn events into runs';
    const fix = (p: string) => `Set ${p}: true, and let the users who need to start runs do so with their own RBAC (or put the dashboard behind a proxy `
      + 'that authenticates them and impersonates them).';
    const dashboard = (spec?: unknown) => ({ apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonDashboard', metadata: { name: 'dashboard' }, ...(spec !== undefined ? { spec } : {}) });
    expect(RBAC_NO_ESCALATION.check(dashboard({ readonly: false, targetNamespace: 'tekton-pipelines' }))).toEqual([{
      rule: RuleId.RBAC_NO_ESCALATION,
      kind: 'TektonDashboard',
      name: 'dashboard',
      property: 'spec.readonly',
      value: 'false',
      problem: `makes the Tekton operator v0.81 install ${grants}`,
      fix: fix('spec.readonly'),
    }]);
    expect(RBAC_NO_ESCALATION.check(dashboard())).toEqual([expect.objectContaining({
      property: 'spec.readonly',
      problem: `is not set (spec is not written), which the Tekton operator v0.81 reads as false (Go's zero value), so it installs ${grants}`,
    })]);
    expect(RBAC_NO_ESCALATION.check(dashboard())[0]).not.toHaveProperty('value');
    const config = (spec: Record<string, unknown>) => ({ apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonConfig', metadata: { name: 'config' }, spec });
    expect(RBAC_NO_ESCALATION.check(config({ profile: 'all', dashboard: { readonly: false } }))).toEqual([expect.objectContaining({
      kind: 'TektonConfig', property: 'spec.dashboard.readonly', value: 'false', fix: fix('spec.dashboard.readonly'),
    })]);
    expect(RBAC_NO_ESCALATION.check(config({ profile: 'all' }))[0].problem).toBe(
      `is not set (spec.dashboard is not written), which the Tekton operator v0.81 reads as false (Go's zero value), so it installs ${grants}`);
    // on OpenShift (Red Hat OpenShift Pipelines' operator, its OLM Subscription checked together) a TektonConfig makes no dashboard
    // (tektoncd/operator v0.81: only pkg/reconciler/kubernetes/tektonconfig's PostReconcile makes a TektonDashboard); another package's does
    const subscription = (name: string) => ({
      apiVersion: 'operators.coreos.com/v1alpha1',
      kind: 'Subscription',
      metadata: { name: 'openshift-pipelines-operator', namespace: 'openshift-operators' },
      spec: { channel: 'latest', name, source: 'redhat-operators', sourceNamespace: 'openshift-marketplace' },
    });
    const onOpenShift = config({ profile: 'all', targetNamespace: 'openshift-pipelines' });
    const openShift = subscription('openshift-pipelines-operator-rh');
    expect(RBAC_NO_ESCALATION.check(onOpenShift, ruleContext([onOpenShift, openShift]))).toEqual([]);
    // a Kubernetes operator checked with it reads it too (the manifests of another cluster, or a second operator): its extension makes one
    const k8sOperator = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'tekton-operator', namespace: 'tekton-operator' },
      spec: { template: { spec: { containers: [{ name: 'tekton-operator', image: 'gcr.io/tekton-releases/operator', env: [{ name: 'AUTOINSTALL_COMPONENTS', value: 'false' }] }] } } },
    };
    expect(RBAC_NO_ESCALATION.check(onOpenShift, ruleContext([onOpenShift, openShift, k8sOperator])).map((f) => f.property)).toEqual(['spec.dashboard.readonly']);
    expect(RBAC_NO_ESCALATION.check(onOpenShift, ruleContext([onOpenShift, openShift, subscription('tektoncd-operator')])).map((f) => f.property))
      .toEqual(['spec.dashboard.readonly']);
    const openShiftOperator = {
      ...k8sOperator,
      spec: {
        template: {
          spec: {
            containers: [{
              ...k8sOperator.spec.template.spec.containers[0],
              env: [{ name: 'AUTOINSTALL_COMPONENTS', value: 'false' }, { name: 'PLATFORM', value: 'openshift' }],
            }],
          },
        },
      },
    };
    expect(RBAC_NO_ESCALATION.check(onOpenShift, ruleContext([onOpenShift, openShift, openShiftOperator]))).toEqual([]);
    expect(RBAC_NO_ESCALATION.check(onOpenShift, ruleContext([onOpenShift, subscription('tektoncd-operator')])).map((f) => f.property)).toEqual(['spec.dashboard.readonly']);
    expect(RBAC_NO_ESCALATION.check(onOpenShift, ruleContext([onOpenShift, { ...openShift, apiVersion: 'example.com/v1' }])).map((f) => f.property)).toEqual(['spec.dashboard.readonly']);
    // a TektonDashboard is still judged (it is not the TektonConfig's extension that installs it)
    expect(RBAC_NO_ESCALATION.check(dashboard(), ruleContext([dashboard(), openShift])).map((f) => f.property)).toEqual(['spec.readonly']);
    // read-only; a spec without readonly (the CRD requires it: the API server refuses the object); no dashboard (basic, lite, the default basic); another version
    for (const m of [
      dashboard({ readonly: true }), dashboard({ targetNamespace: 'tekton-pipelines' }), dashboard({ readonly: 'false' }),
      config({ profile: 'all', dashboard: { readonly: true } }), config({ profile: 'basic' }), config({}), config({ profile: 'lite', dashboard: { readonly: false } }),
      { ...dashboard({ readonly: false }), apiVersion: 'operator.tekton.dev/v1beta1' },
      { ...dashboard({ readonly: false }), apiVersion: 'example.com/v1alpha1' },
    ]) {
      expect(RBAC_NO_ESCALATION.appliesTo(m)).toBe(false);
      expect(RBAC_NO_ESCALATION.check(m)).toEqual([]);
    }
  });
});

describe('RBAC_NO_ESCALATION on the Tekton operator\'s Deployment checked without a TektonConfig', () => {
  const grants = 'the Tekton Dashboard v0.71 read/write (its release-full.yaml), which binds the ClusterRoles tekton-aggregate-edit, '
    + 'tekton-triggers-aggregate-edit and tekton-dashboard-backend-edit to the dashboard\'s ServiceAccount in every namespace: whoever reaches the '
    + 'dashboard (it has no authentication of its own) creates, changes and deletes Tasks, Pipelines, TaskRuns and PipelineRuns, run as any '
    + 'ServiceAccount of their namespace, and the Triggers objects that turn events into runs';
  const defaults = (autoinstall: string) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'tekton-config-defaults', namespace: 'tekton-operator' },
    data: { AUTOINSTALL_COMPONENTS: autoinstall, DEFAULT_TARGET_NAMESPACE: 'tekton-pipelines' },
  });
  // as the operator's release for Kubernetes writes it (config/kubernetes/base/operator.yaml)
  const operator = (...extra: unknown[]) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'tekton-operator', namespace: 'tekton-operator' },
    spec: {
      template: {
        spec: {
          containers: [{
            name: 'tekton-operator-lifecycle',
            image: 'o',
            env: [
              { name: 'OPERATOR_NAME', value: 'tekton-operator' },
              { name: 'AUTOINSTALL_COMPONENTS', valueFrom: { configMapKeyRef: { name: 'tekton-config-defaults', key: 'AUTOINSTALL_COMPONENTS' } } },
              { name: 'DEFAULT_TARGET_NAMESPACE', valueFrom: { configMapKeyRef: { name: 'tekton-config-defaults', key: 'DEFAULT_TARGET_NAMESPACE' } } },
              ...extra,
            ],
          }],
        },
      },
    },
  });
  const check = (d: any, ...others: any[]) => RBAC_NO_ESCALATION.check(d, ruleContext([d, ...others]));

  test('AUTOINSTALL_COMPONENTS "true" (the release\'s default) and no TektonConfig: the operator\'s own TektonConfig installs a read/write dashboard', () => {
    const d = operator();
    expect(RBAC_NO_ESCALATION.appliesTo(d)).toBe(true);
    expect(check(d, defaults('true'))).toEqual([{
      rule: RuleId.RBAC_NO_ESCALATION,
      kind: 'Deployment',
      name: 'tekton-operator',
      location: "container 'tekton-operator-lifecycle'",
      property: 'spec.template.spec.containers[0].env[1]',
      value: 'AUTOINSTALL_COMPONENTS=true',
      problem: 'is "true" and no TektonConfig is checked together: the Tekton operator v0.81 then creates a TektonConfig \'config\' of its own, of '
        + `profile all and without spec.dashboard, whose readonly it reads as false (Go's zero value), so it installs ${grants}`,
      fix: 'Write a TektonConfig named config with spec.dashboard.readonly: true (and the spec.profile and spec.targetNamespace you want), checked '
        + 'together and applied with the operator, which then creates none of its own; or run the operator with AUTOINSTALL_COMPONENTS "false" '
        + 'and write your own TektonConfig.',
    }]);
    // a value not known (its ConfigMap not checked together): it may create one
    expect(check(d).map((f) => [f.value, f.problem.slice(0, 40)])).toEqual([['AUTOINSTALL_COMPONENTS=<not known>', 'may be "true" (its value is not known) a']]);
  });

  test('no finding: the fix taken (a read-only TektonConfig), autoinstall off, OpenShift, no target namespace, judged alone', () => {
    const readOnly = {
      apiVersion: 'operator.tekton.dev/v1alpha1',
      kind: 'TektonConfig',
      metadata: { name: 'config' },
      spec: { profile: 'all', targetNamespace: 'tekton-pipelines', dashboard: { readonly: true } },
    };
    expect(check(operator(), defaults('true'), readOnly)).toEqual([]);
    // a TektonConfig checked together is judged itself (its own finding when read/write)
    const readWrite = { ...readOnly, spec: { profile: 'all', targetNamespace: 'tekton-pipelines' } };
    expect(check(operator(), defaults('true'), readWrite)).toEqual([]);
    expect(RBAC_NO_ESCALATION.check(readWrite).map((f) => f.property)).toEqual(['spec.dashboard.readonly']);
    expect(check(operator(), defaults('false'))).toEqual([]);
    expect(check(operator(), defaults('True'))).toEqual([]);
    expect(check(operator({ name: 'PLATFORM', value: 'openshift' }), defaults('true'))).toEqual([]);
    expect(check(operator({ name: 'PLATFORM', value: 'kubernetes' }), defaults('true'))).toHaveLength(1);
    expect(check(operator({ name: 'DEFAULT_TARGET_NAMESPACE', value: '' }), defaults('true'))).toEqual([]);
    expect(RBAC_NO_ESCALATION.check(operator())).toEqual([]);
    const other = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { template: { spec: { containers: [{ name: 'w', image: 'w' }] } } } };
    expect(RBAC_NO_ESCALATION.appliesTo(other)).toBe(false);
  });

  test('AUTOINSTALL_COMPONENTS given through envFrom: the ConfigMaps and Secrets checked together read as the kubelet does (prefix, later source wins, env over envFrom)', () => {
    const fromEnv = (envFrom: unknown[], env: unknown[] = []) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'tekton-operator', namespace: 'tekton-operator' },
      spec: { template: { spec: { containers: [{ name: 'tekton-operator-lifecycle', image: 'o', envFrom, env }] } } },
    });
    const cm = (name: string, data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'tekton-operator' }, data });
    const env = (name: string) => ({ configMapRef: { name } });
    // as the engine runs the rule, with the objects checked together (appliesTo reads the envFrom sources among them)
    const together = (d: any, ...others: any[]) => evaluatingOnce(() => check(d, ...others), [d, ...others]);
    const placed = (d: any, ...others: any[]) => together(d, ...others).map((f) => [f.property, f.value, f.problem.slice(0, f.problem.indexOf(' and no TektonConfig'))]);
    // a ConfigMap checked together that holds the key: the operator, with its value
    const on = cm('operator-env', { AUTOINSTALL_COMPONENTS: 'true', DEFAULT_TARGET_NAMESPACE: 'tekton-pipelines' });
    // judged alone, a Deployment whose env does not name it is not known to be the operator's
    expect(RBAC_NO_ESCALATION.appliesTo(fromEnv([env('operator-env')]))).toBe(false);
    expect(placed(fromEnv([env('operator-env')]), on)).toEqual([['spec.template.spec.containers[0].envFrom[0]', 'AUTOINSTALL_COMPONENTS=true', 'is "true"']]);
    expect(placed(fromEnv([env('operator-env')]), cm('operator-env', { AUTOINSTALL_COMPONENTS: 'false' }))).toEqual([]);
    // with a prefix: the key after it
    expect(placed(fromEnv([{ configMapRef: { name: 'p' }, prefix: 'AUTO' }]), cm('p', { INSTALL_COMPONENTS: 'true' }))).toEqual([
      ['spec.template.spec.containers[0].envFrom[0]', 'AUTOINSTALL_COMPONENTS=true', 'is "true"'],
    ]);
    expect(placed(fromEnv([{ configMapRef: { name: 'p' }, prefix: 'X_' }]), cm('p', { AUTOINSTALL_COMPONENTS: 'true' }))).toEqual([]);
    // a later source wins over an earlier; env wins over every source
    expect(placed(fromEnv([env('operator-env'), env('off')]), on, cm('off', { AUTOINSTALL_COMPONENTS: 'false' }))).toEqual([]);
    expect(placed(fromEnv([env('off'), env('operator-env')]), on, cm('off', { AUTOINSTALL_COMPONENTS: 'false' }))).toHaveLength(1);
    expect(placed(fromEnv([env('operator-env')], [{ name: 'AUTOINSTALL_COMPONENTS', value: 'false' }]), on)).toEqual([]);
    // an optional env entry whose key is missing keeps the value envFrom gave
    const kept = [{ name: 'AUTOINSTALL_COMPONENTS', valueFrom: { configMapKeyRef: { name: 'other', key: 'missing', optional: true } } }];
    expect(placed(fromEnv([env('operator-env')], kept), on, cm('other', {}))).toEqual([['spec.template.spec.containers[0].env[0]', 'AUTOINSTALL_COMPONENTS=true', 'is "true"']]);
    // a Secret checked together: its data decoded, stringData over it
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'tekton-operator' }, data: { AUTOINSTALL_COMPONENTS: Buffer.from('false').toString('base64') } };
    expect(placed(fromEnv([{ secretRef: { name: 's' } }]), secret)).toEqual([]);
    expect(placed(fromEnv([{ secretRef: { name: 's' } }]), { ...secret, stringData: { AUTOINSTALL_COMPONENTS: 'true' } })).toHaveLength(1);
    // a source not among the objects, after the one that names it: not known, and the finding says which source
    expect(together(fromEnv([env('operator-env'), env('site-env')]), on)).toEqual([{
      rule: RuleId.RBAC_NO_ESCALATION,
      kind: 'Deployment',
      name: 'tekton-operator',
      location: "container 'tekton-operator-lifecycle'",
      property: 'spec.template.spec.containers[0].envFrom[1]',
      value: 'AUTOINSTALL_COMPONENTS=<not known>',
      problem: 'may be "true" (its value is not known: envFrom[1] (ConfigMap \'site-env\', not among the objects checked) may set it) and no TektonConfig '
        + 'is checked together: the Tekton operator v0.81 then creates a TektonConfig \'config\' of its own, of '
        + `profile all and without spec.dashboard, whose readonly it reads as false (Go's zero value), so it installs ${grants}`,
      fix: 'Write a TektonConfig named config with spec.dashboard.readonly: true (and the spec.profile and spec.targetNamespace you want), checked '
        + 'together and applied with the operator, which then creates none of its own; or run the operator with AUTOINSTALL_COMPONENTS "false" '
        + 'and write your own TektonConfig. Or check the object that envFrom entry names together, so that its value is read.',
    }]);
    // the env entry that names it, with a source not among the objects and no entry that sets it after: not known, from that source
    expect(placed(fromEnv([env('site-env')], kept), cm('other', {}))).toEqual([[
      'spec.template.spec.containers[0].env[0]', 'AUTOINSTALL_COMPONENTS=<not known>',
      'may be "true" (its value is not known: envFrom[0] (ConfigMap \'site-env\', not among the objects checked) may set it)',
    ]]);
    // a Deployment whose envFrom names no source checked together that holds the key, and whose env does not name it: not read as the operator
    expect(placed(fromEnv([env('site-env')]))).toEqual([]);
    expect(placed(fromEnv([env('app')]), cm('app', { LOG_LEVEL: 'debug' }))).toEqual([]);
    // the ConfigMap's binaryData is not part of the environment (the kubelet reads data alone)
    expect(placed(fromEnv([env('b')]), { ...cm('b', {}), binaryData: { AUTOINSTALL_COMPONENTS: Buffer.from('true').toString('base64') } })).toEqual([]);
  });
});
