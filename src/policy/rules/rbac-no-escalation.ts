import { manifestsCheckedTogether } from '../../private/containers';
import { manifestNamespace, sameNamespace } from '../../private/namespaces';
import { openShiftPipelinesSubscription, readWriteDashboard } from '../../private/operator-dashboard';
import { lastOperatorObject, namesVariable, OPERATOR_AUTOINSTALL_ENV, operatorAutoinstallContainers, OPERATOR_GROUP } from '../../private/operator-objects';
import { own } from '../../private/own';
import { AGGREGATED_RULES_LIMIT, AGGREGATED_RULES_READ, OPENSHIFT_RULES_READ, ALL, PolicyRuleView, apiGroupMatches, grantedVerbs, namesReach, rbacRulesOf, resourceMatches, splitResource, verbMatches } from '../../private/rbac';
import { runConfigMaps } from '../../private/run-config-maps';
import { PLATFORM_CONFIG_MAPS, PLATFORM_NAMESPACES, PLATFORM_SECRETS } from '../../private/tekton-config';
import { jsString } from '../../private/text';
import { IRuleContext, Severity } from '../rule';
import { Problem, kindIs, manifestRule, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

/** Any resource, subresource or API group. */
const ANY = Symbol('any');
/** Any subresource, or none (`userextras` takes the extra's key, which may be empty). */
const ANY_SUB = Symbol('any subresource');

/** A request target: API group, resource and subresource ("" for the resource itself). */
interface Target {
  readonly group: string | typeof ANY;
  readonly resource: string | typeof ANY;
  readonly sub: string | typeof ANY_SUB;
  /**
   * Whether a rule reaches a resource of ANY name only where it names the group itself (or names every resource): the
   * kinds of a group that holds any kind (Gatekeeper's constraints) are not told apart from other groups' by name.
   */
  readonly namedGroup?: boolean;
}

/** A kind of request that grants more than it names. */
interface EscalationPath {
  /** What it is, in a list of several. */
  readonly label: string;
  /** Why it escalates, after the verbs that reach it. */
  readonly reason: string;
  readonly verbs: readonly string[] | typeof ANY;
  readonly targets: readonly Target[];
  /** Reached only through the `*` verb: the verbs themselves are reported as escalation verbs. */
  readonly wildcardVerbOnly?: boolean;
  /** Objects whose requests reach nothing more: a rule whose resourceNames name only these does not reach the path. */
  readonly harmlessNames?: readonly string[];
  /**
   * For a `resources` entry of the core group that names its resource, the verbs that
   * resource serves, in place of `verbs`, where the rule's apiGroups are the core group
   * alone (another group, or `*`, may serve the same name with other methods).
   */
  readonly coreVerbs?: Readonly<Record<string, readonly string[]>>;
  /**
   * The targets are the namespaces themselves: a RoleBinding grants a Role's rules on them for the namespace of its own
   * name alone (the request's namespace is the name of the namespace it is about, requestinfo.go).
   */
  readonly ownNamespaceOnly?: boolean;
}

const CORE = '';
const RBAC = 'rbac.authorization.k8s.io';
const AUTHN = 'authentication.k8s.io';
const CERTS = 'certificates.k8s.io';
const WRITE = ['create', 'update', 'patch'];
const WRITE_DELETE = [...WRITE, 'delete', 'deletecollection'];

/**
 * What a cert-manager certificate request reaches: the internal approver approves every
 * request for cert-manager's own issuers unless it is turned off.
 */
const CERT_MANAGER_ISSUANCE = 'cert-manager\'s default approver approves every request for its own issuers, so an Issuer of the namespace or any ClusterIssuer '
  + 'signs a certificate for whatever names and URIs it asks (another service\'s identity, wherever that CA is trusted)';

/** OpenShift's build API group (openshift-apiserver pkg/build). */
const OPENSHIFT_BUILDS = 'build.openshift.io';
/** OpenShift's image API group (openshift-apiserver pkg/image). */
const OPENSHIFT_IMAGES = 'image.openshift.io';

/**
 * What an OpenShift build runs (openshift-controller-manager pkg/build/controller/strategy: docker.go, sti.go, custom.go, util.go
 * `securityContextForBuild`): the build controller makes a pod, privileged and as root unless the strategy's env sets
 * BUILD_PRIVILEGED false, as the ServiceAccount the build's spec names (builder when none), that mounts the Secrets and ConfigMaps
 * it names.
 */
const OPENSHIFT_BUILD_POD = 'an OpenShift build is a privileged pod the build controller makes, as the ServiceAccount the build names '
  + '(builder when none), that mounts the Secrets of the namespace the build names (its source secrets, which its Dockerfile or assemble '
  + 'script reads, its pull and push secrets, its strategy\'s volumes)';

/** What a written ImageStream tag reaches. */
const OPENSHIFT_IMAGE_TAGS = 'an ImageStream tag names the image that Deployments and DeploymentConfigs with image triggers on it roll out, '
  + 'BuildConfigs with image change triggers build on, and pods that name the stream run (its local lookup policy): a written tag, an '
  + 'import or a push makes them run an image of the writer\'s choosing, as their ServiceAccounts';

const targets = (group: string | typeof ANY, resources: readonly (string | typeof ANY)[], sub: string | typeof ANY_SUB = ''): Target[] =>
  resources.map((resource) => ({ group, resource, sub }));

/** Subresources that act inside a workload or as its identity, on any resource of any API group. */
const ESCALATION_SUBRESOURCES = ['exec', 'attach', 'portforward', 'proxy', 'ephemeralcontainers', 'token'];

/**
 * The verbs of a request for a subresource: it names its object, so it is never a list, a
 * watch or a deletecollection (requestinfo.go); `*` and any other verb a client may send
 * (connect requests are get and create) reach it, and "": requestinfo.go gives a method it
 * does not name (OPTIONS, which the proxy subresources pass on) the verb "".
 */
const SUBRESOURCE_VERBS = ['get', 'create', 'update', 'patch', 'delete', ''];

/**
 * The verbs the core group's own escalation subresources serve (pkg/registry/core): exec,
 * attach and portforward are connected by GET or POST (get or create), ephemeral containers
 * are read (get, the pod itself) and written by update or patch alone, and a token is only
 * created (TokenRequest); the proxy subresources serve every method.
 */
const CORE_SUBRESOURCE_VERBS: Readonly<Record<string, readonly string[]>> = {
  'pods/exec': ['get', 'create'],
  'pods/attach': ['get', 'create'],
  'pods/portforward': ['get', 'create'],
  'pods/ephemeralcontainers': ['update', 'patch'],
  'serviceaccounts/token': ['create'],
};

/**
 * Verbs reported wherever they appear: RBAC's bind and escalate checks, legacy
 * impersonation, and constrained impersonation's `impersonate:<mode>` and
 * `impersonate-on:<mode>:<verb>` (Kubernetes 1.35+).
 */
function isEscalationVerb(verb: string): boolean {
  return verb === 'bind' || verb === 'escalate' || verb === 'impersonate' || verb.startsWith('impersonate:') || verb.startsWith('impersonate-on:');
}

const PATHS: readonly EscalationPath[] = [
  {
    label: 'exec/attach/portforward/proxy/ephemeralcontainers/token subresources',
    reason: 'exec, attach, port-forward, proxy, ephemeral containers and token requests act inside other workloads or as their ServiceAccounts',
    verbs: SUBRESOURCE_VERBS,
    targets: ESCALATION_SUBRESOURCES.map((sub) => ({ group: ANY, resource: ANY, sub })),
    coreVerbs: CORE_SUBRESOURCE_VERBS,
  },
  {
    label: 'the proxy verb',
    reason: 'the proxy verb reaches every port of pods, services and nodes',
    verbs: ['proxy'],
    targets: targets(CORE, ['pods', 'services', 'nodes']),
  },
  {
    label: 'writes to pods and workloads',
    reason: 'a new or rewritten pod can run as any ServiceAccount of the namespace and mount any of its Secrets',
    verbs: WRITE,
    targets: [
      ...targets(CORE, ['pods', 'replicationcontrollers']),
      ...targets('apps', ['deployments', 'replicasets', 'statefulsets', 'daemonsets']),
      ...targets('batch', ['jobs', 'cronjobs']),
      ...targets('tekton.dev', ['taskruns', 'pipelineruns', 'customruns']),
      // an EventListener's ServiceAccount creates what its TriggerTemplates describe
      ...targets('triggers.tekton.dev', ['eventlisteners', 'triggers', 'triggertemplates']),
      // Argo Workflows' workflows and the templates they run, Argo Rollouts' rollouts, Knative Serving's services and their
      // configurations, KEDA's scaled jobs, OpenShift's DeploymentConfigs (each holds a pod template its controller makes pods from)
      ...targets('argoproj.io', ['workflows', 'cronworkflows', 'workflowtemplates', 'clusterworkflowtemplates', 'rollouts']),
      // Argo Events' sensors and event sources: their controllers make a Deployment of the object's pod template (its
      // serviceAccountName, volumes and container), and a sensor's triggers create objects as that pod's ServiceAccount
      ...targets('argoproj.io', ['sensors', 'eventsources']),
      ...targets('serving.knative.dev', ['services', 'configurations']),
      ...targets('keda.sh', ['scaledjobs']),
      ...targets('apps.openshift.io', ['deploymentconfigs']),
      // Shipwright's controller makes a TaskRun of each BuildRun, as the ServiceAccount the BuildRun names, of the steps of the
      // strategy its Build (or its own embedded build) names, on the source the Build names; kfp-tekton's PipelineLoop controller
      // makes a PipelineRun of the loop's pipeline for each iteration, as the loop's serviceAccountName with its podTemplate
      ...targets('shipwright.io', ['buildruns', 'builds', 'buildstrategies', 'clusterbuildstrategies']),
      ...targets('custom.tekton.dev', ['pipelineloops']),
    ],
  },
  {
    label: 'writes to ControllerRevisions',
    reason: 'a StatefulSet makes the pods it keeps at its current revision (below its partition, or not rolled yet) from the '
      + 'ControllerRevision of that name, and a rollback of a StatefulSet or DaemonSet restores one its selector matches (the controllers '
      + 'adopt one no object owns): a planted or relabelled one starts pods of the template it holds, as any ServiceAccount of the namespace',
    verbs: WRITE,
    targets: targets('apps', ['controllerrevisions']),
  },
  {
    label: 'writes to Tekton definitions',
    reason: 'a rewritten Task, Pipeline or StepAction, or a resolution request\'s answer, runs its steps in later runs as their ServiceAccounts, '
      + 'and VerificationPolicies decide which of them Tekton trusts',
    verbs: WRITE,
    targets: [
      ...targets('tekton.dev', ['tasks', 'pipelines', 'stepactions', 'verificationpolicies']),
      ...targets('resolution.tekton.dev', ['resolutionrequests'], ANY_SUB),
    ],
  },
  {
    label: 'deletes of VerificationPolicies',
    reason: 'Tekton verifies a Task, Pipeline or StepAction only against the VerificationPolicies whose patterns match its source: '
      + 'with one deleted, what it covered runs unverified (unless trusted-resources-verification-no-match-policy is fail)',
    verbs: ['delete', 'deletecollection'],
    targets: targets('tekton.dev', ['verificationpolicies']),
  },
  {
    label: 'writes to Pipelines-as-Code Repositories',
    reason: 'a Pipelines-as-Code Repository makes its controller run, in the Repository\'s namespace, the PipelineRuns of the git repository '
      + 'it names, and read with the controller\'s own access the Secrets it names (git_provider.secret, params\' secret_ref), '
      + 'which it sends to the git provider URL the Repository names or passes into those runs',
    verbs: WRITE,
    targets: targets('pipelinesascode.tekton.dev', ['repositories']),
  },
  {
    label: 'writes to Triggers\' bindings and interceptors',
    reason: 'TriggerBindings choose the params an EventListener passes into the runs it creates as its ServiceAccount, and '
      + 'interceptors decide which events it accepts (a rewritten one accepts a forged webhook, or rewrites its body)',
    verbs: WRITE,
    targets: targets('triggers.tekton.dev', ['triggerbindings', 'clustertriggerbindings', 'interceptors', 'clusterinterceptors']),
  },
  {
    label: 'writes to run status',
    reason: 'a run\'s status holds its results, which later tasks receive as params and Chains signs as provenance, and tells the controller the run is done',
    verbs: ['update', 'patch'],
    targets: targets('tekton.dev', ['taskruns', 'pipelineruns', 'customruns'], 'status'),
  },
  {
    label: 'writes to Secrets',
    reason: 'a Secret of type kubernetes.io/service-account-token is filled with a token of the ServiceAccount it names',
    verbs: WRITE,
    targets: targets(CORE, ['secrets']),
  },
  {
    label: 'writes to ServiceAccounts',
    reason: 'Tekton mounts into every step of a run each Secret its ServiceAccount lists under secrets: that holds git or registry '
      + 'credentials (a tekton.dev/git-* or tekton.dev/docker-* annotation, or a dockerconfigjson or dockercfg type), reading it with '
      + 'its own access to every Secret, so a ServiceAccount that lists another Secret hands it to its next run',
    verbs: ['update', 'patch'],
    targets: targets(CORE, ['serviceaccounts']),
  },
  {
    label: 'writes to NetworkPolicies',
    reason: 'NetworkPolicies confine every pod\'s traffic: a deleted or rewritten one lets it out, and so does an added one (policies add up)',
    verbs: WRITE_DELETE,
    targets: targets('networking.k8s.io', ['networkpolicies']),
  },
  {
    label: 'writes to cluster-wide and network plugin policies',
    reason: 'an AdminNetworkPolicy\'s Allow comes before every NetworkPolicy, Cilium\'s and Calico\'s policies add up with them (a Calico Allow '
      + 'whatever its order), and Cilium\'s CIDR groups and Calico\'s network sets and tiers widen the policies that name them: an added or '
      + 'rewritten one lets pods out, and so does a deleted deny',
    verbs: WRITE_DELETE,
    targets: [
      ...targets('policy.networking.k8s.io', ['adminnetworkpolicies', 'baselineadminnetworkpolicies', 'clusternetworkpolicies']),
      ...targets('cilium.io', ['ciliumnetworkpolicies', 'ciliumclusterwidenetworkpolicies', 'ciliumcidrgroups']),
      ...targets('crd.projectcalico.org', ['networkpolicies', 'globalnetworkpolicies', 'globalnetworksets', 'networksets', 'tiers']),
      ...targets('projectcalico.org', ['networkpolicies', 'globalnetworkpolicies', 'globalnetworksets', 'networksets', 'tiers']),
    ],
  },
  {
    label: 'writes to SecretProviderClasses',
    reason: 'a SecretProviderClass names the Vault address, role and secrets a CSI volume fetches with the pod\'s identity: a rewritten one '
      + 'sends that identity\'s token to another server, or mounts other secrets into the trusted task that uses it',
    verbs: WRITE,
    targets: targets('secrets-store.csi.x-k8s.io', ['secretproviderclasses']),
  },
  {
    label: 'writes to External Secrets objects',
    reason: 'External Secrets\' controller acts with its own access: a SecretStore names the server it authenticates to and how (a token it '
      + 'mints for any ServiceAccount of the namespace, for the audiences the store names, or a Secret of the namespace, sent to that server), '
      + 'an ExternalSecret or a generator writes a Secret of any type (a service-account-token one included), and a PushSecret sends any '
      + 'Secret of the namespace to a store',
    verbs: WRITE,
    targets: [
      ...targets('external-secrets.io', ['secretstores', 'clustersecretstores', 'externalsecrets', 'clusterexternalsecrets', 'pushsecrets', 'clusterpushsecrets']),
      // the generators of External Secrets v2.9 (ClusterGenerator wraps any of them)
      ...targets('generators.external-secrets.io', [
        'acraccesstokens', 'beyondtrustworkloadcredentialsdynamicsecrets', 'cloudsmithaccesstokens', 'clustergenerators',
        'ecrauthorizationtokens', 'fakes', 'gcraccesstokens', 'githubaccesstokens', 'gitlabdeploytokens', 'grafanas', 'mfas', 'passwords',
        'quayaccesstokens', 'sshkeys', 'stssessiontokens', 'uuids', 'vaultdynamicsecrets', 'webhooks',
      ]),
    ],
  },
  {
    label: 'writes to Vault Secrets Operator objects',
    reason: 'the Vault Secrets Operator acts with its own access: a VaultConnection names the Vault server it talks to, a VaultAuth (or '
      + 'VaultAuthGlobal) the ServiceAccount of the namespace it mints a token of, for the audiences it names, and sends to that server, '
      + 'and a VaultStaticSecret, VaultDynamicSecret or VaultPKISecret (HCP\'s HCPAuth and HCPVaultSecretsApp alike) writes what that login '
      + 'reads into the Secret it names (a PKI one issues a certificate, a write to Vault)',
    verbs: WRITE,
    // the kinds of hashicorp/vault-secrets-operator's CRDs (config/crd/bases)
    targets: targets('secrets.hashicorp.com', [
      'vaultconnections', 'vaultauths', 'vaultauthglobals', 'vaultstaticsecrets', 'vaultdynamicsecrets', 'vaultpkisecrets', 'hcpauths',
      'hcpvaultsecretsapps',
    ]),
  },
  {
    label: 'writes to GitOps deployments',
    reason: 'an Argo CD Application or ApplicationSet, or a Flux Kustomization or HelmRelease, deploys what its source holds with the '
      + 'controller\'s own permissions, usually cluster-wide, and a rewritten Flux source (GitRepository, OCIRepository, HelmRepository, '
      + 'HelmChart, Bucket) changes what the Kustomizations and HelmReleases that name it deploy, as Flux\'s image automation (ImageRepository, '
      + 'ImagePolicy, ImageUpdateAutomation) does when it commits the image a policy picks into the repository they deploy',
    verbs: WRITE,
    targets: [
      ...targets('argoproj.io', ['applications', 'applicationsets']),
      ...targets('kustomize.toolkit.fluxcd.io', ['kustomizations']),
      ...targets('helm.toolkit.fluxcd.io', ['helmreleases']),
      ...targets('source.toolkit.fluxcd.io', ['gitrepositories', 'ocirepositories', 'helmrepositories', 'helmcharts', 'buckets']),
      ...targets('image.toolkit.fluxcd.io', ['imagerepositories', 'imagepolicies', 'imageupdateautomations']),
    ],
  },
  {
    label: 'writes to the Tekton operator\'s objects',
    reason: 'the Tekton operator installs and configures Tekton from these objects with its own cluster-wide permissions: it applies a '
      + 'TektonInstallerSet\'s manifests as they are (a ClusterRoleBinding among them included), and a TektonConfig, TektonPipeline, '
      + 'TektonChain or TektonTrigger rewrites the configuration of every run and EventListener (config-defaults\' ServiceAccount and pod '
      + 'template, feature-flags, Chains\' signing)',
    verbs: WRITE,
    // the kinds of the operator's CRDs (config/base of tektoncd/operator)
    targets: targets(OPERATOR_GROUP, [
      'tektonconfigs', 'tektonpipelines', 'tektontriggers', 'tektonchains', 'tektonresults', 'tektondashboards', 'tektonhubs', 'tektonaddons',
      'tektoninstallersets', 'tektonpruners', 'tektonschedulers', 'tektonkueues', 'tektonmulticlusterproxyaaes', 'manualapprovalgates',
      'openshiftpipelinesascodes', 'syncerservices', 'shipwrightbuilds', 'sharedresources',
    ]),
  },
  {
    label: 'writes to Service routing',
    reason: 'Services, Endpoints and EndpointSlices send a Service\'s traffic, with the tokens its clients send, to any address '
      + '(and a Service\'s externalIPs catch traffic to those addresses from every pod of the cluster)',
    verbs: WRITE,
    targets: [...targets(CORE, ['services', 'endpoints']), ...targets('discovery.k8s.io', ['endpointslices'])],
  },
  {
    label: 'writes to ingress routes',
    reason: 'an Ingress or a Gateway API route sends the requests for a host name and path, with the credentials their clients send, to a '
      + 'Service of its namespace, through the ingress controllers and Gateways the cluster shares (another team\'s host included), and '
      + 'ingress-nginx has run code an Ingress\'s annotations carry in its controller, which reads every Secret of the cluster',
    verbs: WRITE,
    targets: [
      ...targets('networking.k8s.io', ['ingresses']),
      ...targets('gateway.networking.k8s.io', ['httproutes', 'grpcroutes', 'tlsroutes', 'tcproutes', 'udproutes']),
    ],
  },
  {
    label: 'writes to Gateways and ReferenceGrants',
    reason: 'the gateway controller serves a Gateway\'s listeners with the keys of the TLS Secrets they name (tls.certificateRefs), read '
      + 'with its own access, so a new listener answers for the host names of any certificate of its namespace; and a ReferenceGrant opens '
      + 'objects of its namespace to those of the namespaces it names (its TLS Secrets to their Gateways, its Services to their routes, '
      + 'its volume snapshots and claims to their claims, CrossNamespaceVolumeDataSource)',
    verbs: WRITE,
    targets: targets('gateway.networking.k8s.io', ['gateways', 'referencegrants']),
  },
  {
    label: 'writes to Knative domain routing',
    reason: 'a ClusterDomainClaim gives a host name to the namespace it names, a DomainMapping sends a host name\'s requests to a service '
      + 'of its namespace (claiming it when Knative creates the claims on its own, autocreate-cluster-domain-claims), and Knative\'s '
      + 'internal Ingresses program the shared ingress for any host',
    verbs: WRITE,
    targets: [
      ...targets('serving.knative.dev', ['domainmappings']),
      ...targets('networking.internal.knative.dev', ['clusterdomainclaims', 'ingresses']),
    ],
  },
  {
    label: 'writes to cert-manager issuers',
    reason: 'cert-manager reads with its own access the Secrets an Issuer names: it signs with the CA key one holds, and sends the others '
      + '(a Vault token, ACME and DNS providers\' credentials) to the servers the Issuer names; a ClusterIssuer does so with the Secrets of '
      + 'cert-manager\'s namespace, for certificates of every namespace',
    verbs: WRITE,
    targets: targets('cert-manager.io', ['issuers', 'clusterissuers']),
  },
  {
    label: 'cert-manager certificate requests',
    reason: CERT_MANAGER_ISSUANCE,
    verbs: ['create'],
    targets: targets('cert-manager.io', ['certificaterequests']),
  },
  {
    label: 'writes to cert-manager Certificates',
    reason: `${CERT_MANAGER_ISSUANCE}, and writes its key into the Secret a Certificate names`,
    verbs: WRITE,
    targets: [...targets('cert-manager.io', ['certificates']), ...targets('networking.internal.knative.dev', ['certificates'])],
  },
  {
    label: 'writes to Service and pod status',
    reason: 'a Service\'s status.loadBalancer.ingress IPs make kube-proxy catch traffic to those addresses from every pod of the cluster, '
      + 'and a pod\'s status.podIPs are the addresses its Services\' Endpoints send traffic to',
    verbs: ['update', 'patch'],
    targets: [...targets(CORE, ['services'], 'status'), ...targets(CORE, ['pods'], 'status')],
  },
  {
    label: 'writes to roles and bindings',
    reason: 'roles and bindings decide every identity\'s permissions, this one\'s included',
    verbs: WRITE_DELETE,
    targets: targets(RBAC, ['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings']),
  },
  {
    label: 'writes to admission control',
    reason: 'admission webhooks and policies see, change or stop guarding every object the cluster admits',
    verbs: WRITE_DELETE,
    targets: targets('admissionregistration.k8s.io', [
      'validatingwebhookconfigurations', 'mutatingwebhookconfigurations',
      'validatingadmissionpolicies', 'validatingadmissionpolicybindings', 'mutatingadmissionpolicies', 'mutatingadmissionpolicybindings',
    ]),
  },
  {
    label: 'writes to Kyverno policies',
    reason: 'Kyverno\'s policies rewrite, create and delete objects with Kyverno\'s own permissions and decide which ones are admitted (a '
      + 'namespaced Policy rewrites the pods others start in its namespace, the images and containers of the runs of other pipelines '
      + 'included), and a policy exception exempts objects from them',
    verbs: WRITE_DELETE,
    targets: [
      ...targets('kyverno.io', ['policies', 'clusterpolicies', 'policyexceptions', 'cleanuppolicies', 'clustercleanuppolicies']),
      ...targets('policies.kyverno.io', [
        'validatingpolicies', 'mutatingpolicies', 'generatingpolicies', 'imagevalidatingpolicies', 'deletingpolicies',
        'namespacedvalidatingpolicies', 'namespacedmutatingpolicies', 'namespacedgeneratingpolicies', 'namespacedimagevalidatingpolicies',
        'namespaceddeletingpolicies', 'policyexceptions',
      ]),
    ],
  },
  {
    label: 'writes to Gatekeeper and Sigstore policy-controller policies',
    reason: 'Gatekeeper\'s constraint templates, constraints, mutations, expansion templates and config (the namespaces it exempts) and the Sigstore '
      + 'policy-controller\'s ClusterImagePolicies and TrustRoots decide which objects and images the cluster admits and how it rewrites '
      + 'them: an added, rewritten or deleted one admits what they refused (an image no trusted key signed included)',
    verbs: WRITE_DELETE,
    targets: [
      ...targets('templates.gatekeeper.sh', ['constrainttemplates']),
      // each ConstraintTemplate defines a kind of its own in this group: any resource of it is a constraint
      { group: 'constraints.gatekeeper.sh', resource: ANY, sub: '', namedGroup: true },
      ...targets('config.gatekeeper.sh', ['configs']),
      ...targets('mutations.gatekeeper.sh', ['assign', 'assignmetadata', 'modifyset', 'assignimage']),
      ...targets('expansion.gatekeeper.sh', ['expansiontemplates']),
      ...targets('policy.sigstore.dev', ['clusterimagepolicies', 'trustroots']),
    ],
  },
  {
    label: 'writes to APIServices',
    reason: 'an APIService sends an API group\'s requests, with their callers\' identities, to a server of its choosing',
    verbs: WRITE,
    targets: targets('apiregistration.k8s.io', ['apiservices']),
  },
  {
    label: 'writes to CustomResourceDefinitions',
    reason: 'a CustomResourceDefinition\'s conversion webhook receives every object of its kind the API server stores or returns, at a server '
      + 'of its choosing, and rewrites it (a new storage version sends every write through it: a Task\'s steps, a VerificationPolicy\'s keys), '
      + 'its schema decides which fields are kept, and deleting one deletes every object of its kind (every VerificationPolicy: Tekton '
      + 'then verifies nothing, unless its no-match policy is fail)',
    verbs: WRITE_DELETE,
    targets: targets('apiextensions.k8s.io', ['customresourcedefinitions']),
  },
  {
    label: 'writes to PersistentVolumes',
    reason: 'a PersistentVolume may be a node\'s directory (hostPath, local) or storage on any server, bound ahead (claimRef) to a claim '
      + 'of any namespace, and an update of its claimRef hands a released volume, another team\'s data on it, to another claim: the pods '
      + 'that mount the claim read and write it, whatever Pod Security their namespace enforces (it checks a pod\'s volumes, not the '
      + 'volume behind a claim)',
    verbs: WRITE,
    targets: targets(CORE, ['persistentvolumes']),
  },
  {
    label: 'writes to VolumeSnapshotContents',
    reason: 'a VolumeSnapshotContent made ahead binds the storage snapshot its snapshotHandle names (another team\'s data) to the '
      + 'VolumeSnapshot of any namespace its volumeSnapshotRef names: a claim there restores it, and the pods that mount the claim read it',
    verbs: WRITE,
    targets: targets('snapshot.storage.k8s.io', ['volumesnapshotcontents']),
  },
  {
    label: 'writes to nodes',
    reason: 'a node hosts every pod scheduled to it, with their Secrets',
    verbs: WRITE_DELETE,
    targets: [...targets(CORE, ['nodes']), ...targets(CORE, ['nodes'], 'status')],
  },
  {
    label: 'namespace relabelling',
    reason: 'a namespace\'s pod-security labels decide which pods it admits (its status and finalize subresources change its labels too)',
    verbs: ['update', 'patch'],
    targets: [...targets(CORE, ['namespaces']), ...targets(CORE, ['namespaces'], 'status'), ...targets(CORE, ['namespaces'], 'finalize')],
    ownNamespaceOnly: true,
  },
  {
    label: 'SecurityContextConstraints',
    reason: 'OpenShift admits a pod under any SecurityContextConstraints its ServiceAccount or its creator may use: privileged, anyuid, '
      + 'hostaccess, hostmount-anyuid and hostnetwork run containers privileged, as root, or in the node\'s namespaces and filesystem, '
      + 'past the namespace\'s Pod Security',
    verbs: ['use'],
    targets: targets('security.openshift.io', ['securitycontextconstraints']),
    // OpenShift's restricted SCCs (restricted-v2 is every authenticated user's): no added capability, host access or chosen UID
    harmlessNames: ['restricted', 'restricted-v2'],
  },
  {
    label: 'writes to SecurityContextConstraints',
    reason: 'a SecurityContextConstraints object says what the pods it admits may do and who may use it (its users and groups, and '
      + 'RBAC\'s use): a rewritten restricted-v2, which every authenticated user may use, or a new one that lists system:authenticated '
      + 'admits privileged or host pods from anyone, and a deleted one hands its pods to another that may allow more',
    verbs: WRITE_DELETE,
    targets: targets('security.openshift.io', ['securitycontextconstraints']),
  },
  {
    label: 'certificate approval',
    reason: 'an approved request becomes a certificate for whatever identity it asks for',
    verbs: ['update', 'patch'],
    targets: targets(CERTS, ['certificatesigningrequests'], 'approval'),
  },
  {
    label: 'node client certificates',
    reason: 'Kubernetes\' CSR approver approves on its own a node client certificate request from whoever may create this subresource, for any node',
    verbs: ['create'],
    // (selfnodeclient approves a node's request for its own name only: nothing for another identity)
    targets: targets(CERTS, ['certificatesigningrequests'], 'nodeclient'),
  },
  {
    label: 'certificate signers',
    reason: 'approving, signing or attesting for a signer issues or trusts certificates of any identity',
    verbs: ['approve', 'sign', 'attest'],
    targets: targets(CERTS, ['signers']),
  },
  {
    label: 'cert-manager approval',
    reason: 'approving for a cert-manager signer (an Issuer or ClusterIssuer) lets it sign a request for any identity, whatever the approvers\' policy says',
    verbs: ['approve'],
    targets: targets('cert-manager.io', ['signers']),
  },
  {
    label: 'bind and escalate',
    reason: 'bind and escalate grant permissions the holder does not have',
    verbs: ['bind', 'escalate'],
    targets: targets(RBAC, ['roles', 'clusterroles']),
    wildcardVerbOnly: true,
  },
  {
    label: 'impersonation',
    reason: 'impersonate acts as any user, group, ServiceAccount, UID or user extra',
    verbs: ['impersonate'],
    targets: [
      ...targets(CORE, ['users', 'groups', 'serviceaccounts']),
      ...targets(AUTHN, ['users', 'groups', 'serviceaccounts', 'nodes', 'uids']),
      ...targets(AUTHN, ['userextras'], ANY_SUB),
    ],
    wildcardVerbOnly: true,
  },
  {
    label: 'OpenShift builds',
    reason: OPENSHIFT_BUILD_POD,
    verbs: ['create'],
    targets: targets(OPENSHIFT_BUILDS, ['builds']),
  },
  {
    label: 'writes to OpenShift BuildConfigs',
    reason: `the builds of a BuildConfig, which its triggers start (its creation or change, a git webhook, a new image of its base): ${OPENSHIFT_BUILD_POD}`,
    verbs: WRITE,
    targets: targets(OPENSHIFT_BUILDS, ['buildconfigs']),
  },
  {
    label: 'starts of OpenShift builds',
    reason: 'a build started from a BuildConfig (instantiate, instantiatebinary) or cloned from a Build runs with the source the caller uploads '
      + '(a binary build\'s Dockerfile or code), the git revision, environment and build args it asks for (the environment chooses the '
      + 'package registries and tool flags its RUN steps or assemble script use), and the ServiceAccount and Secrets of the '
      + 'BuildConfig, and pushes what it builds to the BuildConfig\'s output, which image triggers then deploy',
    verbs: ['create'],
    targets: [
      ...targets(OPENSHIFT_BUILDS, ['buildconfigs'], 'instantiate'), ...targets(OPENSHIFT_BUILDS, ['buildconfigs'], 'instantiatebinary'),
      ...targets(OPENSHIFT_BUILDS, ['builds'], 'clone'),
    ],
  },
  {
    label: 'custom builds',
    reason: 'openshift-apiserver admits a Build or BuildConfig of the custom strategy from whoever may create builds/custom (OpenShift\'s '
      + 'default roles grant it to no one): its build runs the image the caller names, as root in a privileged container (root on its node), as '
      + 'the ServiceAccount its spec names, with the Secrets of the namespace it names',
    verbs: ['create'],
    targets: targets(OPENSHIFT_BUILDS, ['builds'], 'custom'),
  },
  {
    label: 'writes to ImageStreams',
    reason: OPENSHIFT_IMAGE_TAGS,
    verbs: WRITE,
    targets: targets(OPENSHIFT_IMAGES, ['imagestreams', 'imagestreamtags', 'imagetags']),
  },
  {
    label: 'ImageStream imports and mappings',
    reason: OPENSHIFT_IMAGE_TAGS,
    verbs: ['create'],
    targets: targets(OPENSHIFT_IMAGES, ['imagestreamimports', 'imagestreammappings']),
  },
  {
    label: 'writes to ImageStream status',
    reason: `an ImageStream's status holds the image each of its tags resolves to: ${OPENSHIFT_IMAGE_TAGS}`,
    verbs: ['update', 'patch'],
    targets: targets(OPENSHIFT_IMAGES, ['imagestreams'], 'status'),
  },
  {
    label: 'pushes to ImageStreams',
    reason: `OpenShift's image registry allows a push to an ImageStream to whoever may update imagestreams/layers: ${OPENSHIFT_IMAGE_TAGS}`,
    verbs: ['update'],
    targets: targets(OPENSHIFT_IMAGES, ['imagestreams'], 'layers'),
  },
  {
    label: 'ImageStream secrets',
    reason: 'a get of imagestreams/secrets returns every dockercfg and dockerconfigjson Secret of the namespace, their data included, '
      + 'whatever stream it names (but those annotated openshift.io/image.excludeSecret "true"): the registry credentials of every pipeline there',
    verbs: ['get'],
    targets: targets(OPENSHIFT_IMAGES, ['imagestreams'], 'secrets'),
  },
  {
    label: 'writes to OpenShift users, groups and tokens',
    reason: 'OpenShift gives a user the groups whose Group object lists it, logs an identity of its providers in as the user its '
      + 'identity mapping names, and takes an OAuth token object as a token of the user it names: a written one acts as any user or group',
    verbs: WRITE,
    targets: [
      ...targets('user.openshift.io', ['groups', 'users', 'identities', 'useridentitymappings']),
      ...targets('oauth.openshift.io', ['oauthaccesstokens', 'oauthauthorizetokens']),
    ],
  },
];

/** Objects of the Tekton and Chains installs whose access reaches every pipeline: the verbs that do, by name. */
interface PlatformObjects {
  readonly resource: string;
  readonly names: readonly string[];
  readonly verbs: readonly string[];
  readonly reason: string;
}

const PLATFORM_OBJECTS: readonly PlatformObjects[] = [
  {
    resource: 'secrets',
    names: PLATFORM_SECRETS,
    verbs: ['get', 'list', 'watch', ...WRITE_DELETE],
    reason: 'signing-secrets holds the key Chains signs provenance with, webhook-certs and triggers-webhook-certs the serving keys of '
      + 'the admission webhooks of Tekton Pipelines and Triggers, tekton-triggers-core-interceptors-certs that of the core interceptors, '
      + 'which check the signature of every webhook an EventListener accepts',
  },
  {
    resource: 'configmaps',
    names: PLATFORM_CONFIG_MAPS,
    verbs: WRITE_DELETE,
    reason: 'the ConfigMaps of the Tekton and Chains installs configure every run of the cluster (config-defaults\' pod template and '
      + 'ServiceAccount, feature-flags, resolvers, registry CAs, chains-config\'s signing) and every EventListener (config-defaults-triggers\' '
      + 'ServiceAccount and user)',
  },
];

/**
 * Whether a Role or ClusterRole may grant in a namespace Tekton or Chains runs in: a
 * ClusterRole may be bound anywhere, a Role without a namespace goes where it is applied.
 */
function mayGrantInPlatform(manifest: any): boolean {
  if (manifest?.kind === 'ClusterRole') return true;
  const namespace = manifestNamespace(manifest);
  return namespace === undefined || PLATFORM_NAMESPACES.includes(namespace);
}

/** The platform objects a rule reaches: core `secrets` or `configmaps` with a verb that reaches one of the names. */
function platformProblems(rule: PolicyRuleView): Problem[] {
  if (!apiGroupMatches(rule, CORE)) return [];
  const problems: Problem[] = [];
  for (const objects of PLATFORM_OBJECTS) {
    if (!resourceMatches(rule, objects.resource, '')) continue;
    const verbs = objects.verbs.filter((v) => verbMatches(rule, v));
    const names = objects.names.filter((n) => verbs.some((v) => namesReach(rule, v, n)));
    if (names.length === 0) continue;
    const reaching = [...new Set(verbs.filter((v) => names.some((n) => namesReach(rule, v, n))).map((v) => (rule.verbs.includes(v) ? v : ALL)))];
    problems.push({
      property: 'resources',
      value: objects.resource,
      granted: grantedVerbs(reaching),
      problem: `with ${reaching.join(', ')}: reaches ${names.length === objects.names.length ? `every ${objects.resource === 'secrets' ? 'Secret' : 'ConfigMap'} of the Tekton and Chains installs` : names.join(', ')} `
        + `where it is granted in their namespace (${PLATFORM_NAMESPACES.join(', ')}): ${objects.reason}`,
      fix: 'Grant nothing on the platform\'s objects to pipeline identities: name other objects in resourceNames, or keep the role out of the platform namespaces.',
    });
  }
  return problems;
}

/** The namespace of Kubernetes' own components, whose ConfigMaps configure the cluster's authentication and DNS. */
const SYSTEM_NAMESPACE = 'kube-system';

/** ConfigMaps of kube-system that decide who a request is, or where a name resolves to, for the whole cluster. */
const SYSTEM_CONFIG_MAPS = ['aws-auth', 'coredns', 'extension-apiserver-authentication'];

const SYSTEM_CONFIG_MAPS_REASON = 'on EKS aws-auth maps AWS IAM roles and users to Kubernetes users and groups (system:masters included), '
  + 'coredns holds the Corefile of the cluster DNS (which can answer any name, a git server\'s or a registry\'s, with another address), '
  + 'and extension-apiserver-authentication the CAs aggregated API servers trust for the front proxy\'s requests, with the user and '
  + 'groups those name';

/**
 * The kube-system ConfigMaps a write of the rule reaches, where the role may grant in
 * kube-system (a ClusterRole, a Role without a namespace or in kube-system).
 */
function systemProblems(manifest: any, rule: PolicyRuleView): Problem[] {
  const namespace = manifest?.kind === 'ClusterRole' ? undefined : manifestNamespace(manifest);
  if (namespace !== undefined && namespace !== SYSTEM_NAMESPACE) return [];
  if (!apiGroupMatches(rule, CORE) || !resourceMatches(rule, 'configmaps', '')) return [];
  const verbs = WRITE.filter((v) => verbMatches(rule, v));
  const names = SYSTEM_CONFIG_MAPS.filter((n) => verbs.some((v) => namesReach(rule, v, n)));
  if (names.length === 0) return [];
  const reaching = [...new Set(verbs.filter((v) => names.some((n) => namesReach(rule, v, n))).map((v) => (rule.verbs.includes(v) ? v : ALL)))];
  return [{
    property: 'resources',
    value: 'configmaps',
    granted: grantedVerbs(reaching),
    problem: `with ${reaching.join(', ')}: reaches ${names.join(', ')} where it is granted in ${SYSTEM_NAMESPACE}: ${SYSTEM_CONFIG_MAPS_REASON}`,
    fix: `Grant no write on the ConfigMaps of ${SYSTEM_NAMESPACE} to pipeline identities: name other ConfigMaps in resourceNames, or keep the role out of ${SYSTEM_NAMESPACE}.`,
  }];
}

/** How many ConfigMaps a finding names before it says how many more it reaches. */
const LISTED_CONFIG_MAPS = 5;

/**
 * The ConfigMaps that Tekton objects checked with the role put into their runs' steps, in
 * a namespace the role may grant in (a ClusterRole's or a Role's without a namespace: any),
 * that a write of the rule reaches by name.
 */
function runConfigMapProblems(manifest: any, rule: PolicyRuleView, context: IRuleContext | undefined): Problem[] {
  if (context === undefined || !apiGroupMatches(rule, CORE) || !resourceMatches(rule, 'configmaps', '')) return [];
  const verbs = WRITE.filter((v) => verbMatches(rule, v));
  if (verbs.length === 0) return [];
  const mounted = runConfigMaps(context.manifests);
  // a rule with resourceNames (and no "") reaches those names alone: look them up, not the whole map
  const candidates = rule.resourceNames.length > 0 && !rule.resourceNames.includes('') ? rule.resourceNames : [...mounted.keys()];
  const namespace = manifest.kind === 'ClusterRole' ? undefined : manifestNamespace(manifest);
  const reached: Array<{ name: string; where: string; verbs: string[] }> = [];
  for (const name of new Set(candidates)) {
    const place = mounted.get(name)?.find((p) => sameNamespace(namespace, p.namespace));
    const reaching = place === undefined ? [] : verbs.filter((v) => namesReach(rule, v, name));
    if (place !== undefined && reaching.length > 0) reached.push({ name, where: place.where, verbs: reaching });
  }
  if (reached.length === 0) return [];
  const shown = reached.slice(0, LISTED_CONFIG_MAPS).map((r) => `${jsString(r.name)} (${r.where})`);
  const more = reached.length - shown.length;
  const reaching = [...new Set(verbs.filter((v) => reached.some((r) => r.verbs.includes(v))).map((v) => (rule.verbs.includes(v) ? v : ALL)))];
  return [{
    property: 'resources',
    value: 'configmaps',
    granted: grantedVerbs(reaching),
    problem: `with ${reaching.join(', ')}: reaches ${reached.length === 1 ? 'the ConfigMap' : 'the ConfigMaps'} ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}, `
      + 'which Tekton puts into the steps of runs: a rewritten one changes the files and environment those steps read, and so what '
      + 'they run with the run\'s ServiceAccount and credentials',
    fix: 'Grant no write on the ConfigMaps runs mount: name other ConfigMaps in resourceNames, or keep the pipeline\'s scripts and '
      + 'configuration in its Tasks or its git repository.',
  }];
}

/** Whether one `resources` entry matches a request for `t` (ResourceMatches, with ANY for any value). */
function entryReaches(entry: string, t: Target): boolean {
  if (entry === ALL) return true;
  const { resource, subresource } = splitResource(entry);
  if (t.sub === ANY_SUB) return resource === ALL ? subresource !== '' : (t.resource === ANY || resource === t.resource);
  if (resource === ALL) return subresource !== '' && subresource === t.sub;
  return (t.resource === ANY || resource === t.resource) && subresource === t.sub;
}

/** The rule's verbs that make requests of `path`. */
/** The rule's verbs that make requests of `path` through the resources `entry`. */
function reachingVerbs(rule: PolicyRuleView, path: EscalationPath, entry: string): string[] {
  const core = rule.apiGroups.every((g) => g === CORE) ? own(path.coreVerbs ?? {}, entry) : undefined;
  const verbs = core ?? path.verbs;
  if (path.wildcardVerbOnly) return rule.verbs.filter((v) => v === ALL);
  return rule.verbs.filter((v) => v === ALL || verbs === ANY || verbs.includes(v));
}

/**
 * Whether `path` reaches a request through `entry` of `rule`, a rule of a Role of the namespace `roleNamespace` (undefined for a
 * ClusterRole, which a ClusterRoleBinding may grant, a Role without a namespace, or one whose namespace an event fills in).
 */
function reaches(rule: PolicyRuleView, entry: string, path: EscalationPath, roleNamespace?: string): boolean {
  const harmless = path.harmlessNames;
  if (harmless !== undefined && rule.resourceNames.length > 0 && rule.resourceNames.every((n) => harmless.includes(n))) return false;
  // update and patch name their object, so resourceNames that leave out the Role's namespace (each a name as written) reach none
  if (path.ownNamespaceOnly === true && roleNamespace !== undefined && rule.resourceNames.length > 0
    && rule.resourceNames.every((n) => n !== roleNamespace && !n.includes('$('))) return false;
  return reachingVerbs(rule, path, entry).length > 0
    && path.targets.some((t) => (t.group === ANY || apiGroupMatches(rule, t.group)) && entryReaches(entry, t)
      && (t.namedGroup !== true || entry === ALL || splitResource(entry).resource === ALL || rule.apiGroups.includes(t.group as string)));
}

function escalations(rule: PolicyRuleView, roleNamespace?: string): Problem[] {
  const problems: Problem[] = rule.verbs.filter(isEscalationVerb)
    .map((v) => ({ property: 'verbs', value: v, problem: 'is an escalation verb' }));
  for (const entry of rule.resources) {
    const reached = PATHS.filter((p) => reaches(rule, entry, p, roleNamespace));
    if (reached.length === 0) continue;
    if (reached.length === 1 && reached[0] === PATHS[0] && entry !== ALL) {
      problems.push({ property: 'resources', value: entry, granted: grantedVerbs(reachingVerbs(rule, PATHS[0], entry)), problem: 'is an escalation subresource' });
      continue;
    }
    const reaching = [...new Set(reached.flatMap((p) => reachingVerbs(rule, p, entry)))];
    const verbs = reaching.join(', ');
    problems.push({
      property: 'resources',
      value: entry,
      granted: grantedVerbs(reaching),
      problem: reached.length === 1 ? `with ${verbs}: ${reached[0].reason}` : `with ${verbs}: reaches ${reached.map((p) => p.label).join(', ')}`,
      fix: 'Remove these verbs or this resource from the rule.',
    });
  }
  return problems;
}

/** A TektonDashboard (or a TektonConfig of profile all) the operator installs read/write: the dashboard's grants, for whoever reaches it. */
/** What a read/write dashboard the operator installs lets whoever reaches it do (after "installs"). */
const READ_WRITE_DASHBOARD = 'the Tekton Dashboard v0.71 read/write (its release-full.yaml), which binds the ClusterRoles tekton-aggregate-edit, '
  + 'tekton-triggers-aggregate-edit and tekton-dashboard-backend-edit to the dashboard\'s ServiceAccount in every namespace: whoever reaches the '
  + 'dashboard (it has no authentication of its own) creates, changes and deletes Tasks, Pipelines, TaskRuns and PipelineRuns, run as any '
  + 'ServiceAccount of their namespace, and the Triggers objects that turn events into runs';

function dashboardProblems(d: { property: string; value?: string; unwritten?: string }): Problem[] {
  const how = d.unwritten !== undefined
    ? `is not set (${d.unwritten} is not written), which the Tekton operator v0.81 reads as false (Go's zero value), so it installs`
    : 'makes the Tekton operator v0.81 install';
  return [{
    property: d.property,
    ...(d.value !== undefined ? { value: d.value } : {}),
    problem: `${how} ${READ_WRITE_DASHBOARD}`,
    fix: `Set ${d.property}: true, and let the users who need to start runs do so with their own RBAC (or put the dashboard behind a proxy that authenticates them and impersonates them).`,
  }];
}

/**
 * Whether `manifests` hold a Tekton operator that reads a TektonConfig with its Kubernetes extension: an OLM Subscription to the
 * community package `tektoncd-operator`, or the operator's Deployment with a container that does not run with PLATFORM written
 * "openshift" in its `env`.
 */
function kubernetesOperatorAmong(manifests: readonly any[]): boolean {
  return manifests.some((m) => (m?.kind === 'Subscription' && typeof m?.apiVersion === 'string' && m.apiVersion.startsWith('operators.coreos.com/')
      && m?.spec?.name === 'tektoncd-operator')
    || (isOperatorDeployment(m, manifests) && m.spec.template.spec.containers.some((c: any) =>
      ((Array.isArray(c?.env) && c.env.some((e: any) => e?.name === OPERATOR_AUTOINSTALL_ENV))
        || namesVariable(c, OPERATOR_AUTOINSTALL_ENV, m, manifests))
      && !(Array.isArray(c?.env) && c.env.some((e: any) => e?.name === 'PLATFORM' && e?.value === 'openshift')))));
}

/**
 * Whether the object is a Deployment with a container that may be the Tekton operator's: its `env` names AUTOINSTALL_COMPONENTS,
 * or a key of one of its `envFrom` ConfigMaps or Secrets among the manifests checked together does (a container whose sources are
 * not among them is not known to be the operator's, and the object is not read: "read, not checked" in the audit).
 */
function isOperatorDeployment(m: any, together: readonly any[] | undefined = manifestsCheckedTogether()): boolean {
  return m?.kind === 'Deployment' && Array.isArray(m?.spec?.template?.spec?.containers)
    && m.spec.template.spec.containers.some((c: any) => (Array.isArray(c?.env) && c.env.some((e: any) => e?.name === OPERATOR_AUTOINSTALL_ENV))
      || (together !== undefined && namesVariable(c, OPERATOR_AUTOINSTALL_ENV, m, together)));
}

/**
 * The read/write dashboard of the TektonConfig the operator creates of its own (tektoncd/operator v0.81.0 instance.go
 * `createInstance`: profile `all`, no `spec.dashboard`, so `readonly` false; on Kubernetes its PostReconcile makes the
 * TektonDashboard from it), on the operator's Deployment checked without a TektonConfig, from its first container that may
 * create one (operatorAutoinstallContainers) and does not run with PLATFORM "openshift" (whose extension installs no dashboard).
 */
function autoinstalledDashboardProblems(manifest: any, manifests: readonly any[] | undefined): Problem[] {
  if (manifests === undefined || lastOperatorObject(manifests, 'TektonConfig') !== undefined) return [];
  const creator = operatorAutoinstallContainers(manifest, manifests).find((c) => c.platform !== 'openshift');
  if (creator === undefined) return [];
  const name = jsString(manifest.spec.template.spec.containers[creator.container]?.name ?? '');
  return [{
    location: `container '${name}'`,
    property: `spec.template.spec.containers[${creator.container}].${creator.at}`,
    value: `${OPERATOR_AUTOINSTALL_ENV}=${creator.value ?? '<not known>'}`,
    problem: `${creator.value !== undefined ? 'is "true"' : creator.unknownFrom !== undefined
      ? `may be "true" (its value is not known: ${creator.unknownFrom} may set it)` : 'may be "true" (its value is not known)'} and no TektonConfig is checked together: `
      + 'the Tekton operator v0.81 then creates a TektonConfig \'config\' of its own, of profile all and without spec.dashboard, whose readonly it '
      + `reads as false (Go's zero value), so it installs ${READ_WRITE_DASHBOARD}`,
    fix: 'Write a TektonConfig named config with spec.dashboard.readonly: true (and the spec.profile and spec.targetNamespace you want), checked '
      + `together and applied with the operator, which then creates none of its own; or run the operator with ${OPERATOR_AUTOINSTALL_ENV} "false" `
      + 'and write your own TektonConfig.'
      + (creator.value === undefined && creator.unknownFrom !== undefined ? ' Or check the object that envFrom entry names together, so that its value is read.' : ''),
  }];
}

/**
 * No RBAC rule that reaches other identities' permissions. Each rule is matched as
 * the API server matches it (see private/rbac), so wildcards reach what they
 * match; resourceNames never make a path safe (exec into one named pod is still
 * exec). Findings are per escalation verb and per `resources` entry:
 *
 * - the verbs bind, escalate, impersonate, `impersonate:<mode>` and
 *   `impersonate-on:<mode>:<verb>`, on any resource (the verb `*` reaches them on
 *   roles and clusterroles, and on users, groups, serviceaccounts, uids, nodes and
 *   userextras);
 * - the subresources exec, attach, portforward, proxy, ephemeralcontainers and
 *   token of any resource (pods/exec, nodes/proxy, serviceaccounts/token …), with
 *   any verb a request for a subresource has (not list, watch or deletecollection; "",
 *   the verb of an OPTIONS request, included), but in a rule of the core group alone, with the methods the core group's own serve
 *   (get or create of pods/exec, pods/attach and pods/portforward, update or patch of
 *   pods/ephemeralcontainers, create of serviceaccounts/token); and the old `proxy`
 *   verb on pods, services and nodes;
 * - create, update or patch of pods and of the objects that make pods with a
 *   ServiceAccount of their choosing (replicationcontrollers, deployments,
 *   replicasets, statefulsets, daemonsets, jobs, cronjobs, Tekton taskruns,
 *   pipelineruns, customruns, eventlisteners, triggers and triggertemplates, Argo
 *   Workflows' workflows, cronworkflows and workflow templates, Argo Rollouts'
 *   rollouts, Argo Events' sensors and eventsources, Knative services and configurations, KEDA scaledjobs, OpenShift
 *   deploymentconfigs, Shipwright buildruns, builds, buildstrategies and
 *   clusterbuildstrategies, kfp-tekton pipelineloops): a pod may name any
 *   ServiceAccount of its namespace, mount any of its Secrets, and an update can swap
 *   the image of a running pod. Workload kinds of other projects are not known here;
 * - create, update or patch of apps controllerrevisions: a StatefulSet makes the pods it
 *   keeps at its current revision from the ControllerRevision of that name, and a
 *   rollback of a StatefulSet or DaemonSet restores one its selector matches (the
 *   controllers adopt one no object owns), so a planted one (its data is immutable, its
 *   labels and owner are not) starts pods of the template it holds;
 * - create, update or patch of the Tekton operator's objects (operator.tekton.dev): the
 *   operator applies a TektonInstallerSet's manifests as they are, and a TektonConfig (or a
 *   component's own object) rewrites the configuration of every run, with its own
 *   cluster-wide permissions;
 * - create, update or patch of Pipelines-as-Code repositories: the controller runs the
 *   PipelineRuns of the git repository one names, and sends the Secrets it names to the
 *   git provider URL it names, or into those runs;
 * - create, update or patch of Triggers' triggerbindings, clustertriggerbindings,
 *   interceptors and clusterinterceptors: they choose the params and the events an
 *   EventListener turns into runs as its ServiceAccount;
 * - create, update or patch of Tekton's tasks, pipelines, stepactions and
 *   verificationpolicies, and of resolution requests (their answer is the Task or
 *   Pipeline that runs); delete and deletecollection of verificationpolicies (what one
 *   covered then runs unverified unless the no-match policy is fail);
 * - create, update or patch of secrets: a Secret of type
 *   kubernetes.io/service-account-token naming a ServiceAccount is filled with its
 *   token by the token controller (an update can retarget an existing one);
 * - update or patch of serviceaccounts: Tekton's creds-init mounts the git and registry
 *   Secrets a run's ServiceAccount lists under `secrets:` into every step, reading them
 *   with the controller's own access (pkg/pod/creds_init.go), so listing another
 *   Secret there hands it to the next run;
 * - writes (create, update, patch, delete, deletecollection) to roles, rolebindings,
 *   clusterroles and clusterrolebindings (a binding it can edit includes its own),
 *   to admission webhooks and policies, to Kyverno's policies and policy exceptions (a
 *   namespaced Policy rewrites the pods others start there), to Gatekeeper's constraint
 *   templates, mutations, expansion templates and config and the Sigstore policy-controller's
 *   ClusterImagePolicies and TrustRoots, to customresourcedefinitions
 *   (a conversion webhook rewrites every object of the kind, and deleting one deletes
 *   them all), and to nodes (and nodes/status); create,
 *   update or patch of apiservices; update or patch of namespaces and of their
 *   status and finalize subresources (pod-security labels);
 * - create, update or patch of OpenShift's groups, users, identities and useridentitymappings
 *   (user.openshift.io) and oauthaccesstokens and oauthauthorizetokens (oauth.openshift.io):
 *   group membership, the user an identity logs in as, a token of any user;
 * - OpenShift builds (build.openshift.io; openshift-apiserver and openshift-controller-manager read): create of builds,
 *   create, update or patch of buildconfigs (a build is a privileged pod, as the ServiceAccount it names, that mounts the
 *   Secrets it names), create of buildconfigs/instantiate, buildconfigs/instantiatebinary and builds/clone (a build of the
 *   BuildConfig with the caller's uploaded source, revision, environment and build args, pushed to its output), and create
 *   of builds/custom (the BuildByStrategy admission's right to a custom build, which runs the image the caller names
 *   privileged); OpenShift image streams (image.openshift.io): create, update or patch of imagestreams, imagestreamtags
 *   and imagetags, create of imagestreamimports and imagestreammappings, update or patch of imagestreams/status and
 *   update of imagestreams/layers (a push to the integrated registry): a tag names the image that image triggers roll out;
 *   and get of imagestreams/secrets (every pull Secret of the namespace, with its data);
 * - use of OpenShift's securitycontextconstraints (security.openshift.io): a pod runs under
 *   any SCC its ServiceAccount or its creator may use (privileged, anyuid, hostaccess …),
 *   unless the rule names only the restricted ones (restricted-v2 is every authenticated
 *   user's); and writes to SCCs (create, update, patch, delete, deletecollection), by name
 *   too: an SCC lists who may use it and what its pods may do, so a rewritten restricted-v2
 *   admits privileged pods from every user;
 * - update or patch of certificatesigningrequests/approval, and approve, sign or
 *   attest on certificates.k8s.io signers;
 * - a ClusterRole with an aggregationRule: its rules are those of every ClusterRole
 *   its selectors match (an empty selector matches all of them, cluster-admin
 *   included), so it grows whenever one is created or labelled to match; with the
 *   objects checked together, the rules it takes from them are judged as its own
 *   (private/rbac `aggregatedRulesOf`);
 * - update or patch of a run's status (its results feed later tasks and Chains),
 *   writes to NetworkPolicies and to what routes a Service's traffic (update or patch
 *   of services/status and pods/status too: kube-proxy catches traffic to a Service's
 *   load-balancer IPs, the endpoints controller copies a pod's IPs) and to ingresses
 *   and Gateway API routes (they claim host names and paths on the ingress controllers
 *   and Gateways the cluster shares), and create of the node client CSR subresources
 *   the CSR approver approves on its own;
 * - create, update or patch of persistentvolumes (see below), and of volumesnapshotcontents
 *   (snapshot.storage.k8s.io: one made ahead binds any storage snapshot to a VolumeSnapshot of
 *   any namespace, which a claim there restores);
 * - create, update or patch of Gateway API gateways (the gateway controller serves a
 *   listener with the key of any TLS Secret of the namespace it names) and
 *   referencegrants (they open the namespace's Secrets, Services, volume snapshots and
 *   claims to the Gateways, routes and claims of other namespaces), of Knative
 *   domainmappings, clusterdomainclaims and internal ingresses (host names on the
 *   shared ingress);
 * - cert-manager: create, update or patch of issuers and clusterissuers (cert-manager
 *   signs with the CA key of the Secret one names and sends the other Secrets it names to
 *   the servers it names), and of certificates (Knative's networking ones too); create of
 *   certificaterequests (the default approver approves every request for cert-manager's
 *   own issuers, for any name they sign); approve on cert-manager.io signers;
 * - where the role may grant in a namespace Tekton or Chains runs in: the platform's
 *   Secrets (Chains' signing key, the webhooks' and Triggers' interceptors' serving keys)
 *   with any verb, its ConfigMaps (Triggers' included) with writes;
 * - where the role may grant in kube-system (a ClusterRole, a Role without a namespace or in
 *   kube-system): create, update or patch that reaches the ConfigMaps aws-auth (EKS maps IAM
 *   identities to users and groups with it, system:masters included), coredns (the cluster
 *   DNS) or extension-apiserver-authentication (the front proxy's CAs aggregated API
 *   servers trust);
 * - with the objects checked together (context): create, update or patch that reaches by
 *   name a ConfigMap that Tekton puts into the steps of runs in a namespace the role may
 *   grant in (`run-config-maps.ts`: a run's configMap or projected workspace binding, a
 *   task spec's volume or a step's, sidecar's or stepTemplate's environment, a
 *   StepAction's environment, a pod template's volume or environment, config-defaults'
 *   default workspace binding): a
 *   rewritten one changes what those steps run, with the run's credentials.
 *
 * The rule does not rely on scope: a Role's rules on cluster-scoped resources
 * (nodes, clusterroles …) grant nothing through its RoleBinding, but are reported
 * (namespaces excepted: a RoleBinding grants them on its own namespace, so a Role's
 * rule whose resourceNames leave that namespace out reaches none).
 *
 * Writes to persistentvolumeclaims are not findings: a claim that names an Available
 * PersistentVolume (`spec.volumeName`, which may also be set once on a pending claim) is
 * bound to it by the PV controller, whatever data it holds, but only a pod that mounts
 * the claim reads it, and writes to pods, runs and the workloads that make them are
 * findings of their own (a run's volumeClaimTemplate that names a volume is
 * WORKSPACE_PER_RUN's). Writes to persistentvolumes are: create, update or patch of one
 * chooses what a claim of any namespace mounts (a hostPath, or a released volume's data
 * through its claimRef, the one field of its source an update may change), past the Pod
 * Security of the namespace, which checks only a pod's own volumes.
 */
export const RBAC_NO_ESCALATION = manifestRule(
  {
    id: RuleId.RBAC_NO_ESCALATION,
    severity: Severity.HIGH,
    title: 'No escalation verbs, exec/attach/proxy/token subresources, aggregated ClusterRoles, or writes to pods, workloads, Secrets and ServiceAccounts, Tekton definitions and run status, NetworkPolicies, Service and ingress routing, RBAC, admission, nodes, namespaces or the platform\'s own objects',
    rationale: 'These grant other identities\' permissions: binding or escalating roles, acting as another user, running commands in other pods or minting their tokens, '
      + 'starting pods as any ServiceAccount of the namespace (or privileged, under an OpenShift SecurityContextConstraints), handing a run\'s steps other Secrets, forging a run\'s results, opening or rerouting traffic (or serving it with another host\'s TLS key), '
      + 'having certificates signed for other identities, reading Chains\' signing key or '
      + 'rewriting the configuration every run gets (the platform\'s ConfigMaps, or the Tekton operator\'s objects that write them) or the ConfigMaps a pipeline\'s steps read, and rewriting the RBAC, admission control, custom resource definitions, nodes or pod-security labels that confine everything else. '
      + 'An aggregated ClusterRole grows whenever another ClusterRole is labelled to match.',
    fix: 'Remove the verb or subresource.',
    decidesFrom:
      "The `rules` and `aggregationRule` of Roles and ClusterRoles, each rule matched as the API server's `RuleAllows` "
      + 'matches it, resourceNames never making a path safe: the verbs bind, escalate, impersonate and its `impersonate:` and '
      + '`impersonate-on:` forms; the exec, attach, portforward, proxy, ephemeralcontainers and token subresources of any '
      + 'resource with the verbs a request for a subresource has (not list, watch or deletecollection; "" too, the verb of an OPTIONS '
      + 'request; in a rule of the core group '
      + 'alone, only those its own serve: get or create of pods/exec, pods/attach and pods/portforward, update or patch of '
      + 'pods/ephemeralcontainers, create of serviceaccounts/token), and the proxy verb '
      + 'on pods, services and nodes; create, update or patch of pods, of the workloads that make pods (core, apps '
      + 'and batch kinds, but not the `extensions` group, which Kubernetes serves nothing of since 1.22, its Ingresses neither: an aggregated '
      + 'APIService may claim that group, whose kinds are then its server\'s own, not known, and a wildcard there is RBAC_NO_WILDCARD\'s; Tekton taskruns, pipelineruns and customruns, Triggers eventlisteners, triggers and '
      + 'triggertemplates, Argo Workflows workflows, cronworkflows, workflowtemplates and clusterworkflowtemplates, Argo Rollouts '
      + 'rollouts, Argo Events sensors and eventsources (a Deployment of the pod template each holds), Knative services and configurations, KEDA scaledjobs, OpenShift (`apps.openshift.io`) deploymentconfigs, Shipwright '
      + '(`shipwright.io`) buildruns, builds, buildstrategies and clusterbuildstrategies (a BuildRun runs as the ServiceAccount it names '
      + 'the steps of the strategy its Build names, on the Build\'s source), kfp-tekton (`custom.tekton.dev`) pipelineloops (each '
      + 'iteration a PipelineRun as the loop\'s serviceAccountName)), of apps controllerrevisions (the template a StatefulSet makes the pods of its current '
      + 'revision from, and what a rollback of a StatefulSet or DaemonSet restores), of Triggers triggerbindings, clustertriggerbindings, interceptors and clusterinterceptors (the '
      + 'params and the events an EventListener turns into runs), of Pipelines-as-Code repositories (the runs of the git '
      + 'repository one names, and the Secrets it names, sent to the git provider URL it names), of secrets, of Tekton tasks, pipelines, stepactions, verificationpolicies and resolution '
      + 'requests (and delete or deletecollection of verificationpolicies: what one covered then runs unverified), of services, endpoints and endpointslices, of ingresses and Gateway API routes (httproutes, grpcroutes, '
      + 'tlsroutes, tcproutes, udproutes), of Gateway API gateways (the TLS Secrets of their listeners) and referencegrants, of Knative domainmappings, '
      + 'clusterdomainclaims and internal ingresses (networking.internal.knative.dev), of cert-manager issuers and clusterissuers (the '
      + 'Secrets they name, which cert-manager signs with or sends to the servers they name) and certificates (Knative\'s networking '
      + 'ones too), of persistentvolumes (a hostPath, or a released volume handed to another claim through its claimRef), and of '
      + 'volumesnapshotcontents (any storage snapshot bound to a VolumeSnapshot of any namespace); create of cert-manager certificaterequests (its default approver approves every one for its own issuers); approve on '
      + 'cert-manager.io signers; update or patch of serviceaccounts (Tekton mounts the git '
      + "and registry Secrets a run's ServiceAccount lists under `secrets:` into its steps), of taskruns/status, "
      + 'pipelineruns/status, customruns/status, services/status (its load-balancer IPs) and pods/status (its IPs); writes '
      + 'to networkpolicies, to the AdminNetworkPolicy API\'s (adminnetworkpolicies, baselineadminnetworkpolicies, '
      + 'clusternetworkpolicies), to Cilium\'s (ciliumnetworkpolicies, ciliumclusterwidenetworkpolicies, ciliumcidrgroups) and to Calico\'s '
      + '(networkpolicies, globalnetworkpolicies, globalnetworksets, networksets, tiers, of projectcalico.org and crd.projectcalico.org), roles and bindings, admission webhooks and policies, Kyverno\'s '
      + 'policies, cleanup policies and policy exceptions (kyverno.io and policies.kyverno.io, namespaced ones included), Gatekeeper\'s '
      + 'constrainttemplates, constraints (any resource of constraints.gatekeeper.sh, where each template defines its kind), configs, mutations (assign, assignmetadata, modifyset, assignimage) and expansiontemplates, the Sigstore '
      + 'policy-controller\'s clusterimagepolicies and trustroots (policy.sigstore.dev), '
      + 'customresourcedefinitions (a conversion webhook rewrites every object of the kind; deleting one deletes them all), nodes and '
      + 'apiservices; create, update or patch of SecretProviderClasses, of External Secrets\' stores, ExternalSecrets, PushSecrets '
      + '(external-secrets.io, cluster ones included) and generators (generators.external-secrets.io), of the Vault Secrets Operator\'s '
      + 'objects (secrets.hashicorp.com: its connections, auths and the secrets it syncs), of Argo CD Applications and ApplicationSets, Flux '
      + 'Kustomizations and HelmReleases and the Flux sources they deploy (source.toolkit.fluxcd.io gitrepositories, ocirepositories, '
      + 'helmrepositories, helmcharts, buckets) and image automation (image.toolkit.fluxcd.io imagerepositories, imagepolicies, '
      + 'imageupdateautomations), and the Tekton operator\'s objects (operator.tekton.dev: the manifests of a TektonInstallerSet, '
      + 'which it applies, and the TektonConfig and components\' objects, which configure every run); update or patch of '
      + 'namespaces (and their status and finalize subresources: in a Role of a namespace, where its resourceNames are none or name that '
      + 'namespace, as a RoleBinding grants a Role\'s rules on the namespace of its own name alone) and certificatesigningrequests/approval; create of '
      + 'certificatesigningrequests/nodeclient; approve, sign or attest on certificates.k8s.io signers; use of OpenShift\'s '
      + 'securitycontextconstraints (security.openshift.io: privileged, anyuid, hostaccess … run pods as root or on the host) unless the '
      + 'rule\'s resourceNames name only restricted or restricted-v2, and writes to them (create, update, patch, delete, deletecollection: '
      + 'an SCC says what its pods may do and who may use it), by name too; create, update or patch of OpenShift\'s groups, users, '
      + 'identities and useridentitymappings (user.openshift.io) and oauthaccesstokens and oauthauthorizetokens (oauth.openshift.io); '
      + 'OpenShift builds (build.openshift.io): create of builds, create, update or patch of buildconfigs (a build is a privileged pod, '
      + 'as the ServiceAccount it names, that mounts the Secrets of the namespace it names), create of buildconfigs/instantiate, '
      + 'buildconfigs/instantiatebinary and builds/clone (a build of the BuildConfig with the source, revision, environment and build args '
      + 'the caller gives, pushed to its output) and of builds/custom (openshift-apiserver\'s BuildByStrategy admission lets whoever may '
      + 'create it make a custom build, which runs the image it names privileged); OpenShift image streams (image.openshift.io): '
      + 'create, update or patch of imagestreams, imagestreamtags and imagetags, create of imagestreamimports and imagestreammappings, '
      + 'update or patch of imagestreams/status and update of imagestreams/layers (a push to OpenShift\'s registry): a tag names the image '
      + 'image triggers roll out and pods that name the stream run; get of imagestreams/secrets (every dockercfg and dockerconfigjson '
      + 'Secret of the namespace, with its data); every ClusterRole with an `aggregationRule`. In a ClusterRole, a Role without a '
      + `namespace or a Role in ${PLATFORM_NAMESPACES.join(', ')}: any verb on the Secrets ${PLATFORM_SECRETS.slice(0, -1).join(', ')} and `
      + `${PLATFORM_SECRETS[PLATFORM_SECRETS.length - 1]}, and a write to a ConfigMap of the Tekton Pipelines, Triggers and Chains release `
      + "manifests (config-defaults, feature-flags, chains-config, config-defaults-triggers, the resolvers' …), by name or through a rule "
      + 'without resourceNames. In a ClusterRole, a Role without a namespace or a Role in kube-system: create, update or patch that '
      + 'reaches, by name or through a rule without resourceNames, the ConfigMaps aws-auth (EKS\' map of IAM identities to users and '
      + 'groups), coredns (the cluster DNS) or extension-apiserver-authentication (the CAs aggregated API servers trust for the front '
      + 'proxy\'s requests). With the objects checked together: create, update or patch that reaches, by name or through a rule '
      + 'without resourceNames, a ConfigMap that Tekton puts into the steps of runs, in a namespace the role may grant in (a ClusterRole '
      + 'or a Role without a namespace: any; an object without a namespace: any): one a PipelineRun or TaskRun binds as a workspace '
      + '(`configMap`, or a `projected` source), a task spec (a Task\'s, or one embedded in a Pipeline or a run) declares as a volume or '
      + 'puts into a step\'s, sidecar\'s or the stepTemplate\'s environment (`envFrom`, `configMapKeyRef`), a StepAction puts into its '
      + 'steps\' environment, a run\'s pod template adds as a '
      + 'volume or to the environment, config-defaults\' `default-pod-template` adds so (Tekton v1.15 merges it into the pod template of '
      + 'every run, in any namespace: a run\'s template replaces a volume or env entry of the same name, every run that does not, '
      + 'checked together or not, gets it, so it counts whatever the runs checked replace), or config-defaults\' default workspace binding names (a config-defaults ConfigMap beside a Tekton '
      + 'operator\'s object as the operator\'s apply leaves each key: not where the operator writes its own, else in the reading that '
      + 'keeps it, named in the place). The Tekton operator\'s (v0.81) TektonDashboard whose `spec.readonly` is false, or that has no '
      + '`spec` (the operator reads the missing field as false), and a TektonConfig of profile `all` whose `spec.dashboard.readonly` is '
      + 'false or that has no `spec.dashboard` (the operator makes a TektonDashboard of it on Kubernetes; not one checked with an OLM '
      + 'Subscription to `openshift-pipelines-operator-rh`, OpenShift\'s operator, whose extension makes none): the operator then installs the Tekton '
      + 'Dashboard v0.71 read/write, its ServiceAccount bound cluster-wide to tekton-aggregate-edit (create, update, delete of tasks, '
      + 'taskruns, pipelines, pipelineruns, customruns, stepactions) and tekton-triggers-aggregate-edit, which it uses for whoever '
      + 'reaches it. So does the operator\'s own Deployment (`apps`, a container whose `env` names AUTOINSTALL_COMPONENTS, or one of whose '
      + '`envFrom` ConfigMaps or Secrets checked together holds it, after the source\'s `prefix`) checked without '
      + 'a TektonConfig, when that container gives AUTOINSTALL_COMPONENTS "true" or a value not known (as TEKTON_FEATURE_FLAGS reads it), '
      + 'DEFAULT_TARGET_NAMESPACE no known "", and PLATFORM no known "openshift": the operator v0.81 then creates a TektonConfig `config` of '
      + 'its own, of profile `all` with no `spec.dashboard` (instance.go `createInstance`), and installs that read/write dashboard; the '
      + 'finding is at the container\'s last `env` entry of AUTOINSTALL_COMPONENTS, else at the `envFrom` source that decides it. Its '
      + 'environment is read as the kubelet makes it (kubernetes pkg/kubelet/kubelet_pods.go makeEnvironmentVariables): the `envFrom` '
      + 'sources in order, a later one replacing what an earlier set (a ConfigMap\'s `data`, not its `binaryData`; a Secret\'s `data` '
      + 'decoded, `stringData` over it), then the `env` entries over them; a source not checked together may set the variable, so a '
      + 'value it may replace is not known, and the finding names that source.' + AGGREGATED_RULES_READ + OPENSHIFT_RULES_READ,
    limits:
      'Workload kinds of other projects beyond Argo Workflows, Rollouts and Events, Knative Serving, KEDA\'s scaled jobs, OpenShift\'s DeploymentConfigs '
      + 'and Builds, Shipwright and kfp-tekton\'s PipelineLoops (operators whose custom resources make pods), '
      + 'Gatekeeper\'s constraints named in a rule of apiGroups `*` (any name may be a constraint\'s kind; `*` and the group named '
      + 'are read), and other '
      + 'custom resources whose controllers act with more privilege than the caller are not known. Scope is not weighed: a '
      + "Role's rules on cluster-scoped resources other than namespaces (a RoleBinding grants those on its own namespace alone) are "
      + 'reported though a RoleBinding grants nothing with them. Tekton or Chains installed in a namespace not listed is read '
      + 'as any other; who a binding grants the role to is RBAC_NAMED_SUBJECTS\', and a ClusterRole labelled into the built-in '
      + 'admin, edit or view roles is judged on its rules, whoever holds those. Delete and create of serviceaccounts, which '
      + 'together replace a ServiceAccount, are not reported, nor the create of OpenShift\'s builds/docker, builds/optimizeddocker, '
      + 'builds/source and builds/jenkinspipeline (the rights to those strategies, which OpenShift grants every authenticated user by '
      + 'default), of buildconfigs/webhooks (the secret in a webhook\'s URL decides, and every authenticated user holds it by '
      + 'default) and update of builds (openshift-apiserver refuses a change of a Build\'s spec but its push secret), nor the routes of ingress '
      + 'controllers\' own kinds (Traefik IngressRoutes, Contour HTTPProxies, Istio VirtualServices). The ConfigMaps runs read are '
      + 'known from the objects checked together alone (a role checked by itself has no such finding): a Task\'s are matched in the '
      + 'Task\'s namespace, though a resolver may run it in another, and those of Tasks and StepActions fetched by resolvers or '
      + 'bundles, or read by a step through the API, are not seen. Writes to persistentvolumeclaims are not reported: a claim that '
      + 'names an Available PersistentVolume (`spec.volumeName`) is bound to it whatever data it holds, but only a pod that mounts the '
      + 'claim reads it, and writes to pods, runs and the workloads that make them are reported (a run\'s volumeClaimTemplate that names '
      + 'a volume is WORKSPACE_PER_RUN\'s). cert-manager\'s requests and '
      + 'Certificates are reported even where its default approver is off and a policy (approver-policy) decides, and Knative '
      + 'DomainMappings even where Knative creates no ClusterDomainClaim on its own: what the cluster runs is not known. Of kube-system\'s '
      + 'ConfigMaps only aws-auth, coredns and extension-apiserver-authentication are known: those kubeadm reads when a node joins or '
      + 'the cluster is upgraded (kubeadm-config, kubelet-config) and kube-proxy\'s are not, nor the DNS configuration of other '
      + 'providers. A TektonConfig of profile `all` on OpenShift installs no dashboard (the operator\'s OpenShift extension makes '
      + 'none): it passes where an OLM Subscription to Red Hat OpenShift Pipelines\' operator (`spec.name: openshift-pipelines-operator-rh`) '
      + 'is checked with it and no Kubernetes operator is (a Subscription to `tektoncd-operator`, or the operator\'s Deployment not run with '
      + '`PLATFORM` "openshift": manifests of several clusters checked together, or a second operator, whose extension makes it), and is a '
      + 'finding otherwise (the platform is not known from the TektonConfig: the Kubernetes operator ignores '
      + '`spec.platforms.openshift`); a dashboard behind a proxy that authenticates users and impersonates them acts with their permissions: relax '
      + 'the finding there. A dashboard installed from its own release-full.yaml (not by the operator) is judged by the ClusterRoles '
      + 'it binds, where they are checked. The TektonConfig the operator creates of its own when none exists is read from the '
      + 'operator\'s Deployment alone: a TektonConfig kept in the cluster but not checked together is not known (relax the Deployment\'s '
      + 'finding with that reason), nor is an operator whose AUTOINSTALL_COMPONENTS comes from the image, or only from `envFrom` sources not checked together '
      + '(its container is not known to be the operator\'s; with an `env` entry of the name, such a source makes the value not known).' + AGGREGATED_RULES_LIMIT,
    howToRelax:
      "Findings are about the whole Role or ClusterRole: `{ rule: RuleId.RBAC_NO_ESCALATION, reason: '<why>' }` without a "
      + "target, given to the LeastPrivilegeServiceAccount's or SecurePipeline's `relaxations` (they cover the Role the "
      + 'construct makes) or to `Relaxations.of(construct).add(...)`. In YAML for the audit: '
      + relaxAnnotation(RuleId.RBAC_NO_ESCALATION, '*: <why>') + ' on the Role (on the TektonDashboard or TektonConfig for its dashboard; on the operator\'s Deployment for the dashboard of '
      + 'the TektonConfig it creates of its own).',
    relaxable: true,
    appliesTo: (m) => kindIs('Role', 'ClusterRole')(m) || readWriteDashboard(m) !== undefined || isOperatorDeployment(m),
  },
  (manifest, context) => {
    const dashboard = readWriteDashboard(manifest);
    // a TektonConfig the OpenShift Pipelines operator reads (its Subscription checked together) makes no dashboard
    // a TektonConfig the OpenShift Pipelines operator reads (its Subscription checked together) makes no dashboard, unless a
    // Kubernetes operator checked with it reads it too (another manifest set's, or a second operator: its extension makes one)
    if (dashboard !== undefined && manifest.kind === 'TektonConfig' && context !== undefined && openShiftPipelinesSubscription(context.manifests) !== undefined
      && !kubernetesOperatorAmong(context.manifests)) return [];
    if (dashboard !== undefined) return dashboardProblems(dashboard);
    if (isOperatorDeployment(manifest, context?.manifests ?? manifestsCheckedTogether())) {
      return autoinstalledDashboardProblems(manifest, context?.manifests);
    }
    const platform = mayGrantInPlatform(manifest);
    const namespace = manifest.metadata?.namespace;
    const roleNamespace = manifest.kind === 'Role' && typeof namespace === 'string' && namespace !== '' && !namespace.includes('$(') ? namespace : undefined;
    return [
      ...(manifest.kind === 'ClusterRole' && manifest.aggregationRule !== undefined && manifest.aggregationRule !== null
        ? [{
          property: 'aggregationRule',
          problem: 'takes the rules of every ClusterRole its selectors match, so the role grows whenever one is created or labelled to match',
          fix: 'List the rules in the ClusterRole itself and remove aggregationRule.',
        }]
        : []),
      ...rbacRulesOf(manifest, context?.manifests).flatMap(({ location, rule }) =>
        [
          ...escalations(rule, roleNamespace), ...(platform ? platformProblems(rule) : []), ...systemProblems(manifest, rule),
          ...runConfigMapProblems(manifest, rule, context),
        ].map((p) => ({ location, ...p }))),
    ];
  },
);
