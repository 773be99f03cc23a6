/**
 * Realistic objects of every kind the rules read, for the robustness properties
 * (rule-robustness.test.ts): the example apps' objects, the audit fixtures' objects, and
 * hand-written objects of the kinds neither has (Tekton and Chains ConfigMaps, resolver
 * configs, StepActions, v1beta1 runs, Triggers, workloads, Cilium, Calico and
 * AdminNetworkPolicies, Gatekeeper and Kyverno policies, the operator's TektonConfig).
 */
import * as fs from 'fs';
import * as path from 'path';
import { EXAMPLES } from '../../examples';
import { readManifests } from '../../src/cli/read-yaml';

const DIGEST = `registry.example.com/tools/sh@sha256:${'a'.repeat(64)}`;
const meta = (name: string, namespace = 'ci', extra: Record<string, unknown> = {}) => ({
  name, namespace, labels: { 'app.kubernetes.io/name': name }, annotations: { 'example.com/owner': 'team' }, ...extra,
});
const step = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  image: DIGEST,
  securityContext: { runAsNonRoot: true, runAsUser: 1000, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } },
  computeResources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '1', memory: '256Mi' } },
  env: [{ name: 'REVISION', value: '$(params.revision)' }, { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'token', key: 'token' } } }],
  ...extra,
});
const podTemplate = {
  securityContext: { runAsNonRoot: true, runAsUser: 1000, fsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } },
  automountServiceAccountToken: false,
  nodeSelector: { 'kubernetes.io/os': 'linux' },
  tolerations: [{ key: 'ci', operator: 'Equal', value: 'true', effect: 'NoSchedule' }],
  volumes: [{ name: 'cache', emptyDir: {} }, { name: 'creds', csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'vault' } } }],
};
const taskSpec = {
  params: [{ name: 'revision', type: 'string', default: 'main' }, { name: 'flags', type: 'array', default: ['-v'] }, { name: 'cfg', type: 'object', properties: { a: { type: 'string' } } }],
  results: [{ name: 'digest', type: 'string' }, { name: 'meta', type: 'object', properties: { url: { type: 'string' } } }],
  workspaces: [{ name: 'source', mountPath: '/workspace/source', readOnly: false }, { name: 'docker-config', optional: true }],
  volumes: [{ name: 'tmp', emptyDir: {} }],
  stepTemplate: { env: [{ name: 'HOME', value: '/tekton/home' }], securityContext: { runAsNonRoot: true } },
  steps: [
    step('clone', { script: '#!/bin/sh\nset -eu\ngit clone "$(params.revision)" /workspace/source\ncurl -sSL https://example.com/x | sh\n', workingDir: '$(workspaces.source.path)' }),
    step('build', { command: ['/bin/sh', '-c'], args: ['make build REV=$(params.revision) $(params.flags[*])'], volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }] }),
    { name: 'uses-action', ref: { name: 'git-clone' }, params: [{ name: 'url', value: '$(params.revision)' }] },
    { name: 'remote-action', ref: { resolver: 'git', params: [{ name: 'url', value: 'https://github.com/o/r.git' }, { name: 'revision', value: 'a'.repeat(40) }, { name: 'pathInRepo', value: 'a.yaml' }] } },
  ],
  sidecars: [step('docker', { image: 'docker:dind', securityContext: { privileged: true } })],
};
const pipelineSpec = {
  params: [{ name: 'revision', type: 'string' }],
  workspaces: [{ name: 'shared' }, { name: 'docker-config', optional: true }],
  results: [{ name: 'digest', value: '$(tasks.build.results.digest)' }],
  tasks: [
    { name: 'build', taskRef: { name: 'build', kind: 'Task' }, params: [{ name: 'revision', value: '$(params.revision)' }], workspaces: [{ name: 'source', workspace: 'shared' }], timeout: '1h' },
    { name: 'inline', taskSpec: { ...taskSpec, metadata: { labels: { a: 'b' } } }, runAfter: ['build'], when: [{ input: '$(params.revision)', operator: 'in', values: ['main'] }] },
    { name: 'hub', taskRef: { resolver: 'hub', params: [{ name: 'name', value: 'git-clone' }, { name: 'version', value: '0.9' }] } },
    { name: 'bundle', taskRef: { resolver: 'bundles', params: [{ name: 'bundle', value: DIGEST }, { name: 'name', value: 'x' }, { name: 'kind', value: 'task' }] } },
    { name: 'cluster', taskRef: { resolver: 'cluster', params: [{ name: 'name', value: 'x' }, { name: 'namespace', value: 'shared' }, { name: 'kind', value: 'task' }] } },
    { name: 'matrix', taskRef: { name: 'build' }, matrix: { params: [{ name: 'revision', value: ['a', 'b'] }], include: [{ name: 'x', params: [{ name: 'revision', value: 'c' }] }] } },
    { name: 'custom', taskRef: { apiVersion: 'example.dev/v1', kind: 'Wait' }, params: [{ name: 'duration', value: '10s' }] },
    { name: 'cel', when: [{ cel: "'$(params.revision)' == 'main'" }], taskRef: { name: 'build' } },
  ],
  finally: [{ name: 'notify', taskRef: { name: 'notify' }, params: [{ name: 'status', value: '$(tasks.status)' }, { name: 'r', value: '$(tasks.build.results.digest)' }] }],
};

/** Objects of the kinds the example apps and the fixtures do not hold. */
export const HAND_WRITTEN: any[] = [
  { apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: meta('build'), spec: taskSpec },
  { apiVersion: 'tekton.dev/v1beta1', kind: 'Task', metadata: meta('build-beta'), spec: { ...taskSpec, steps: taskSpec.steps.map((s: any) => ({ ...s, resources: s.computeResources, computeResources: undefined })).map((s) => JSON.parse(JSON.stringify(s))) } },
  { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: meta('build'), spec: pipelineSpec },
  { apiVersion: 'tekton.dev/v1beta1', kind: 'Pipeline', metadata: meta('build-beta'), spec: { ...pipelineSpec, resources: [{ name: 'src', type: 'git' }] } },
  {
    apiVersion: 'tekton.dev/v1',
    kind: 'PipelineRun',
    metadata: { ...meta('run'), name: undefined, generateName: 'build-' },
    spec: {
      pipelineRef: { name: 'build' },
      params: [{ name: 'revision', value: 'main' }],
      workspaces: [{ name: 'shared', volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } },
        { name: 'docker-config', secret: { secretName: 'docker-config' } }, { name: 'p', projected: { sources: [{ secret: { name: 's' } }] } }, { name: 'c', csi: { driver: 'secrets-store.csi.k8s.io' } }],
      taskRunTemplate: { serviceAccountName: 'pipeline-runner', podTemplate },
      taskRunSpecs: [{ pipelineTaskName: 'build', serviceAccountName: 'builder', podTemplate, computeResources: { requests: { cpu: '1' } }, stepSpecs: [{ name: 'build', computeResources: { limits: { memory: '1Gi' } } }], sidecarSpecs: [{ name: 'docker' }] }],
      timeouts: { pipeline: '1h', tasks: '50m', finally: '10m' },
    },
  },
  {
    apiVersion: 'tekton.dev/v1beta1',
    kind: 'PipelineRun',
    metadata: { ...meta('run-beta'), name: undefined, generateName: 'build-beta-' },
    spec: {
      pipelineSpec,
      serviceAccountName: 'pipeline-runner',
      podTemplate,
      params: [{ name: 'revision', value: 'main' }],
      serviceAccountNames: [{ taskName: 'build', serviceAccountName: 'builder' }],
      taskRunSpecs: [{ pipelineTaskName: 'build', taskServiceAccountName: 'builder', taskPodTemplate: podTemplate }],
      workspaces: [{ name: 'shared', emptyDir: {} }],
      timeout: '1h',
    },
  },
  {
    apiVersion: 'tekton.dev/v1',
    kind: 'TaskRun',
    metadata: { ...meta('tr'), name: undefined, generateName: 'tr-' },
    spec: { taskSpec, serviceAccountName: 'builder', podTemplate, params: [{ name: 'revision', value: 'main' }], workspaces: [{ name: 'source', persistentVolumeClaim: { claimName: 'src' } }], stepSpecs: [{ name: 'build', computeResources: { limits: { cpu: '2' } } }], timeout: '10m' },
  },
  {
    apiVersion: 'tekton.dev/v1beta1',
    kind: 'TaskRun',
    metadata: meta('tr-beta'),
    spec: { taskRef: { resolver: 'git', params: [{ name: 'url', value: 'https://github.com/o/r' }, { name: 'revision', value: 'main' }, { name: 'pathInRepo', value: 't.yaml' }] }, serviceAccountName: 'builder', podTemplate, stepOverrides: [{ name: 'build', resources: { limits: { cpu: '1' } } }], sidecarOverrides: [{ name: 'docker', resources: {} }] },
  },
  { apiVersion: 'tekton.dev/v1beta1', kind: 'StepAction', metadata: meta('git-clone'), spec: { params: [{ name: 'url' }], results: [{ name: 'commit' }], image: DIGEST, script: '#!/bin/sh\ngit clone "$(params.url)"\n', securityContext: { runAsNonRoot: true } } },
  { apiVersion: 'tekton.dev/v1alpha1', kind: 'StepAction', metadata: meta('run-cmd'), spec: { image: 'alpine', command: ['sh', '-c'], args: ['$(params.cmd)'], params: [{ name: 'cmd' }], env: [{ name: 'X', value: 'y' }] } },
  { apiVersion: 'tekton.dev/v1alpha1', kind: 'VerificationPolicy', metadata: meta('trusted'), spec: { resources: [{ pattern: 'https://github.com/o/.*' }], authorities: [{ name: 'key', key: { secretRef: { name: 'cosign', namespace: 'tekton-pipelines' }, hashAlgorithm: 'sha256' } }, { name: 'kms', key: { kms: 'gcpkms://x' } }, { name: 'data', key: { data: '-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n' } }], mode: 'enforce' } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('feature-flags', 'tekton-pipelines'), data: { 'enable-api-fields': 'beta', 'trusted-resources-verification-no-match-policy': 'fail', 'disable-creds-init': 'true', 'running-in-environment-with-injected-sidecars': 'true', 'enforce-nonfalsifiability': 'spire', 'set-security-context': 'true', 'enable-step-actions': 'true', 'results-from': 'sidecar-logs', 'coschedule': 'workspaces', 'keep-pod-on-cancel': 'false', 'enable-cel-in-whenexpression': 'true' } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('config-defaults', 'tekton-pipelines'), data: { 'default-service-account': 'pipeline-runner', 'default-timeout-minutes': '60', 'default-resolver-type': 'cluster', 'default-pod-template': 'securityContext:\n  runAsNonRoot: true\nautomountServiceAccountToken: false\n', 'default-affinity-assistant-pod-template': 'nodeSelector: {a: b}\n', 'default-container-resource-requirements': 'default:\n  requests:\n    cpu: 100m\n', 'default-managed-by-label-value': 'tekton-pipelines' } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('chains-config', 'tekton-chains'), data: { 'artifacts.taskrun.format': 'in-toto', 'artifacts.taskrun.storage': 'oci', 'artifacts.pipelinerun.format': 'in-toto', 'artifacts.pipelinerun.storage': 'oci,tekton', 'artifacts.pipelinerun.enable-deep-inspection': 'true', 'artifacts.oci.format': 'simplesigning', 'artifacts.oci.storage': 'oci', 'artifacts.oci.signer': 'x509', 'transparency.enabled': 'true', 'transparency.url': 'https://rekor.sigstore.dev', 'signers.x509.fulcio.enabled': 'true', 'signers.x509.fulcio.address': 'https://fulcio.sigstore.dev', 'builder.id': 'https://tekton.dev/chains/v2', 'storage.oci.repository': 'registry.example.com/att' } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('git-resolver-config', 'tekton-pipelines-resolvers'), data: { 'fetch-timeout': '1m', 'default-url': 'https://github.com/tektoncd/catalog.git', 'default-revision': 'main', 'scm-type': 'github', 'server-url': '', 'api-token-secret-name': 'token', 'api-token-secret-key': 'token', 'default-org': 'o' } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('bundleresolver-config', 'tekton-pipelines-resolvers'), data: { 'default-service-account': 'default', 'default-kind': 'task' } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('cluster-resolver-config', 'tekton-pipelines-resolvers'), data: { 'default-kind': 'task', 'default-namespace': 'shared', 'allowed-namespaces': 'shared,ci', 'blocked-namespaces': 'kube-system' } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('hubresolver-config', 'tekton-pipelines-resolvers'), data: { 'default-tekton-hub-catalog': 'Tekton', 'default-artifact-hub-task-catalog': 'tekton-catalog-tasks', 'default-type': 'artifact' } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('http-resolver-config', 'tekton-pipelines-resolvers'), data: { 'fetch-timeout': '1m' } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('resolvers-feature-flags', 'tekton-pipelines-resolvers'), data: { 'enable-git-resolver': 'true', 'enable-hub-resolver': 'true', 'enable-http-resolver': 'false' } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('config-defaults-triggers', 'tekton-pipelines'), data: { 'default-service-account': 'default' } },
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ci', labels: { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': 'latest' } } },
  { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('builder'), automountServiceAccountToken: false, secrets: [{ name: 'docker-config' }], imagePullSecrets: [{ name: 'pull' }] },
  { apiVersion: 'v1', kind: 'Secret', metadata: meta('docker-config', 'ci', { annotations: { 'tekton.dev/docker-0': 'https://registry.example.com' } }), type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': 'e30=' } },
  { apiVersion: 'v1', kind: 'Secret', metadata: meta('git-basic', 'ci', { annotations: { 'tekton.dev/git-0': 'https://github.com' } }), type: 'kubernetes.io/basic-auth', stringData: { username: 'u', password: 'p' } },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'agg', labels: { 'rbac.example.com/aggregate-to-edit': 'true' } }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'rbac.example.com/x': 'true' } }] }, rules: [{ apiGroups: ['tekton.dev'], resources: ['pipelineruns', 'taskruns/status'], verbs: ['create', 'get'] }, { nonResourceURLs: ['/metrics'], verbs: ['get'] }, { apiGroups: [''], resources: ['secrets'], resourceNames: ['a'], verbs: ['get'] }] },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'crb' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'agg' }, subjects: [{ kind: 'ServiceAccount', name: 'builder', namespace: 'ci' }, { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'system:serviceaccounts:ci' }, { kind: 'User', name: 'alice' }] },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: meta('rb'), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' }, subjects: [{ kind: 'ServiceAccount', name: 'pipeline-runner' }] },
  { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta('allow-egress'), spec: { podSelector: { matchLabels: { 'tekton.dev/pipeline': 'build' }, matchExpressions: [{ key: 'a', operator: 'In', values: ['b'] }] }, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }, { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ protocol: 'UDP', port: 53 }, { port: 'https', endPort: 8443 }] }] } },
  { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: meta('cnp'), spec: { endpointSelector: { matchLabels: { app: 'x' } }, egress: [{ toFQDNs: [{ matchName: 'github.com' }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] }], ingressDeny: [{ fromEntities: ['world'] }] } },
  { apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', metadata: { name: 'ccnp' }, spec: { endpointSelector: {}, ingress: [{ fromEndpoints: [{}] }], egress: [{ toEntities: ['cluster'] }] } },
  { apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkPolicy', metadata: { name: 'default-deny' }, spec: { selector: 'all()', namespaceSelector: "kubernetes.io/metadata.name == 'ci'", types: ['Ingress', 'Egress'], order: 1000 } },
  { apiVersion: 'crd.projectcalico.org/v1', kind: 'NetworkPolicy', metadata: meta('calico'), spec: { selector: 'all()', types: ['Egress'], egress: [{ action: 'Allow', destination: { nets: ['0.0.0.0/0'] } }] } },
  { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name: 'anp' }, spec: { priority: 10, subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ci' } } }, ingress: [{ name: 'deny', action: 'Deny', from: [{ namespaces: {} }] }], egress: [{ name: 'deny', action: 'Deny', to: [{ networks: ['0.0.0.0/0'] }] }] } },
  { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'BaselineAdminNetworkPolicy', metadata: { name: 'default' }, spec: { subject: { namespaces: {} }, ingress: [{ name: 'deny', action: 'Deny', from: [{ namespaces: {} }] }] } },
  { apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy', metadata: { name: 'cnp' }, spec: { tier: 'Admin', priority: 1, subject: { namespaces: {} }, ingress: [{ name: 'd', action: 'Deny', from: [{ namespaces: {} }] }] } },
  { apiVersion: 'secrets-store.csi.x-k8s.io/v1', kind: 'SecretProviderClass', metadata: meta('vault'), spec: { provider: 'vault', parameters: { roleName: 'ci', vaultAddress: 'https://vault.example.com', objects: '- objectName: token\n  secretPath: secret/data/ci\n  secretKey: token\n' }, secretObjects: [{ secretName: 'synced', type: 'Opaque', data: [{ objectName: 'token', key: 'token' }] }] } },
  { apiVersion: 'triggers.tekton.dev/v1beta1', kind: 'EventListener', metadata: meta('listener'), spec: { serviceAccountName: 'triggers', triggers: [{ name: 'push', interceptors: [{ ref: { name: 'github', kind: 'ClusterInterceptor' }, params: [{ name: 'secretRef', value: { secretName: 'hook', secretKey: 'token' } }, { name: 'eventTypes', value: ['push'] }] }, { ref: { name: 'cel' }, params: [{ name: 'filter', value: "body.ref == 'refs/heads/main'" }] }], bindings: [{ ref: 'push-binding' }, { name: 'rev', value: '$(body.after)' }], template: { ref: 'build-template' } }, { triggerRef: 'shared' }], resources: { kubernetesResource: { spec: { template: { spec: { containers: [{ name: 'el', securityContext: { runAsNonRoot: true } }] } } } } }, namespaceSelector: { matchNames: ['ci'] } } },
  { apiVersion: 'triggers.tekton.dev/v1beta1', kind: 'Trigger', metadata: meta('shared'), spec: { interceptors: [{ ref: { name: 'gitlab' }, params: [{ name: 'secretRef', value: { secretName: 'hook', secretKey: 'token' } }] }], bindings: [{ ref: 'push-binding', kind: 'ClusterTriggerBinding' }], template: { spec: { params: [{ name: 'rev' }], resourcetemplates: [{ apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { generateName: 'x-' }, spec: { pipelineRef: { name: 'build' }, params: [{ name: 'revision', value: '$(tt.params.rev)' }] } }] } } } },
  { apiVersion: 'triggers.tekton.dev/v1beta1', kind: 'TriggerBinding', metadata: meta('push-binding'), spec: { params: [{ name: 'rev', value: '$(body.head_commit.id)' }, { name: 'msg', value: '$(body.head_commit.message)' }] } },
  { apiVersion: 'triggers.tekton.dev/v1beta1', kind: 'ClusterTriggerBinding', metadata: { name: 'push-binding' }, spec: { params: [{ name: 'rev', value: '$(header.X-Rev)' }] } },
  { apiVersion: 'triggers.tekton.dev/v1beta1', kind: 'TriggerTemplate', metadata: meta('build-template'), spec: { params: [{ name: 'rev', default: 'main' }, { name: 'msg' }], resourcetemplates: [{ apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { generateName: 'build-' }, spec: { pipelineRef: { name: 'build' }, params: [{ name: 'revision', value: '$(tt.params.rev)' }], taskRunTemplate: { serviceAccountName: 'pipeline-runner' } } }, { apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { generateName: 't-' }, spec: { taskSpec: { steps: [{ name: 's', image: 'alpine', script: 'echo $(tt.params.msg)' }] } } }] } },
  { apiVersion: 'triggers.tekton.dev/v1alpha1', kind: 'ClusterInterceptor', metadata: { name: 'custom' }, spec: { clientConfig: { service: { name: 'x', namespace: 'ci', path: '/', port: 8443 }, url: 'http://x.ci.svc' } } },
  { apiVersion: 'triggers.tekton.dev/v1alpha1', kind: 'Interceptor', metadata: meta('ns-int'), spec: { clientConfig: { url: 'http://x' } } },
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta('web'), spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { serviceAccountName: 'builder', hostNetwork: false, containers: [step('web', { ports: [{ containerPort: 8080 }] })], initContainers: [step('init')], volumes: [{ name: 'h', hostPath: { path: '/var/run' } }] } } } },
  { apiVersion: 'batch/v1', kind: 'CronJob', metadata: meta('nightly'), spec: { schedule: '0 0 * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [step('job', { command: ['tkn', 'pipeline', 'start', 'build'] })] } } } } } },
  { apiVersion: 'batch/v1', kind: 'Job', metadata: meta('once'), spec: { template: { spec: { restartPolicy: 'Never', containers: [step('job')] } } } },
  { apiVersion: 'v1', kind: 'Pod', metadata: meta('pod'), spec: { containers: [step('c')], ephemeralContainers: [{ name: 'e', image: 'busybox' }], securityContext: { runAsUser: 0 } } },
  { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: meta('ds'), spec: { selector: {}, template: { spec: { containers: [step('c')] } } } },
  { apiVersion: 'templates.gatekeeper.sh/v1', kind: 'ConstraintTemplate', metadata: { name: 'k8sdigest' }, spec: { crd: { spec: { names: { kind: 'K8sDigest' } } }, targets: [{ target: 'admission.k8s.gatekeeper.sh', rego: 'package x\nviolation[{"msg": m}] { m := "x" }\n' }] } },
  { apiVersion: 'constraints.gatekeeper.sh/v1beta1', kind: 'K8sDigest', metadata: { name: 'digest' }, spec: { enforcementAction: 'deny', match: { kinds: [{ apiGroups: ['tekton.dev'], kinds: ['Task'] }], namespaces: ['ci'] } } },
  { apiVersion: 'kyverno.io/v1', kind: 'ClusterPolicy', metadata: { name: 'verify-images' }, spec: { validationFailureAction: 'Enforce', background: false, rules: [{ name: 'verify', match: { any: [{ resources: { kinds: ['Pod', 'tekton.dev/v1/TaskRun'], namespaces: ['ci'] } }] }, verifyImages: [{ imageReferences: ['registry.example.com/*'], attestors: [{ entries: [{ keys: { publicKeys: '-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----' } }] }] }] }] } },
  { apiVersion: 'kyverno.io/v1', kind: 'Policy', metadata: meta('require-sa'), spec: { validationFailureAction: 'Audit', rules: [{ name: 'r', match: { resources: { kinds: ['PipelineRun'] } }, validate: { message: 'm', pattern: { spec: { taskRunTemplate: { serviceAccountName: '?*' } } } } }] } },
  { apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonConfig', metadata: { name: 'config' }, spec: { profile: 'all', targetNamespace: 'tekton-pipelines', pipeline: { 'enable-api-fields': 'beta', 'disable-creds-init': true, 'default-service-account': 'pipeline', 'options': { configMaps: { 'feature-flags': { data: { 'enable-step-actions': 'true' } }, 'config-defaults': { data: { 'default-resolver-type': 'git' } } } } }, chain: { 'artifacts.oci.storage': 'oci', 'transparency.enabled': true, 'disabled': false }, trigger: { 'enable-api-fields': 'stable' } } },
  { apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonPipeline', metadata: { name: 'pipeline' }, spec: { 'targetNamespace': 'tekton-pipelines', 'enable-api-fields': 'alpha', 'await-sidecar-readiness': true, 'performance': { 'disable-ha': false, 'buckets': 1 } } },
  { apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonChain', metadata: { name: 'chain' }, spec: { 'targetNamespace': 'tekton-chains', 'artifacts.taskrun.format': 'in-toto', 'artifacts.taskrun.storage': 'tekton' } },
  { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: { name: 'x' }, webhooks: [{ name: 'x.example.com', rules: [{ apiGroups: ['tekton.dev'], operations: ['CREATE'], resources: ['*'] }] }] },
  { apiVersion: 'v1', kind: 'List', items: [] },
];

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'audit');
const walk = (d: string): string[] => fs.readdirSync(d, { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : /\.(ya?ml|json)$/i.test(e.name) ? [path.join(d, e.name)] : []));

/** The objects of the audit fixtures, as the audit reads them. */
export function fixtureObjects(): any[] {
  return walk(FIXTURES).flatMap((f) => {
    try {
      return readManifests([f]).objects.map((o) => o.object);
    } catch {
      return [];
    }
  });
}

/** The objects of every example app, as its charts hold them (not synthesized: nothing written). */
export function exampleObjects(): any[] {
  return Object.values(EXAMPLES).flatMap((app) => app(path.join(__dirname, 'never-written')).charts.flatMap((c) => c.toJson()));
}

/** Every realistic object: the hand-written ones, the fixtures' and the examples' (as plain JSON values). */
export function corpus(): any[] {
  return [...HAND_WRITTEN, ...fixtureObjects(), ...exampleObjects()].map((o) => JSON.parse(JSON.stringify(o)));
}
