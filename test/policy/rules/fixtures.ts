/**
 * Plain manifests shared by the per-rule tests, written as an administrator
 * might write them by hand (the audit of YAML not made by this library sees
 * them so), and the checks every rule file repeats.
 */
import { IRule, RuleCatalogue, RuleId, Severity } from '../../../src';

/** A digest-pinned image. */
export const IMAGE = 'registry.example.com/tools/sh@sha256:' + 'a'.repeat(64);

/** The securityContext that passes every container rule. */
export function hardenedSecurityContext(): any {
  return {
    runAsNonRoot: true,
    runAsUser: 65532,
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** CPU and memory requests and limits. */
export function computeResources(): any {
  return { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '1Gi' } };
}

/** A step or sidecar that passes every container rule (with the task's `tmp` emptyDir at /tmp). */
export function hardenedContainer(name: string, overrides: Record<string, any> = {}): any {
  return {
    name,
    image: IMAGE,
    script: '#!/bin/sh\nmake\n',
    securityContext: hardenedSecurityContext(),
    computeResources: computeResources(),
    volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
    ...overrides,
  };
}

/** A task spec with one hardened step `compile` and a `tmp` emptyDir volume; `spec` replaces fields. */
export function taskSpec(spec: Record<string, any> = {}): any {
  return { steps: [hardenedContainer('compile')], volumes: [{ name: 'tmp', emptyDir: {} }], ...spec };
}

/** A Task `build` with `taskSpec(spec)`. */
export function task(spec: Record<string, any> = {}): any {
  return { apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: 'build', namespace: 'ci' }, spec: taskSpec(spec) };
}

/** A Pipeline `pipe` embedding `spec` as the taskSpec of pipeline task `build`, in `tasks` or `finally`. */
export function pipelineEmbedding(spec: any, where: 'tasks' | 'finally' = 'tasks'): any {
  return {
    apiVersion: 'tekton.dev/v1',
    kind: 'Pipeline',
    metadata: { name: 'pipe', namespace: 'ci' },
    spec: { [where]: [{ name: 'build', taskSpec: spec }] },
  };
}

/** A TaskRun `build-run` embedding `spec` as its taskSpec. */
export function taskRunEmbedding(spec: any): any {
  return { apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name: 'build-run', namespace: 'ci' }, spec: { taskSpec: spec } };
}

/** A PipelineRun `pipe-run` embedding a pipelineSpec whose task `build` embeds `spec`. */
export function pipelineRunEmbedding(spec: any): any {
  return {
    apiVersion: 'tekton.dev/v1',
    kind: 'PipelineRun',
    metadata: { name: 'pipe-run', namespace: 'ci' },
    spec: { pipelineSpec: { tasks: [{ name: 'build', taskSpec: spec }] } },
  };
}

/** A PipelineRun `pipe-run` of Pipeline `pipe` that passes every run rule; `spec` replaces fields. */
export function pipelineRun(spec: Record<string, any> = {}): any {
  return {
    apiVersion: 'tekton.dev/v1',
    kind: 'PipelineRun',
    metadata: { name: 'pipe-run', namespace: 'ci' },
    spec: {
      pipelineRef: { name: 'pipe' },
      timeouts: { pipeline: '1h0m0s' },
      taskRunTemplate: {
        serviceAccountName: 'pipe-runner',
        podTemplate: {
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, fsGroup: 65532, seccompProfile: { type: 'RuntimeDefault' } },
        },
      },
      workspaces: [{ name: 'src', volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } }],
      ...spec,
    },
  };
}

/** A TaskRun `build-run` of Task `build` that passes every run rule; `spec` replaces fields. */
export function taskRun(spec: Record<string, any> = {}): any {
  return {
    apiVersion: 'tekton.dev/v1',
    kind: 'TaskRun',
    metadata: { name: 'build-run', namespace: 'ci' },
    spec: {
      taskRef: { name: 'build' },
      timeout: '30m',
      serviceAccountName: 'build-runner',
      podTemplate: {
        automountServiceAccountToken: false,
        securityContext: { runAsNonRoot: true, fsGroup: 65532, seccompProfile: { type: 'RuntimeDefault' } },
      },
      ...spec,
    },
  };
}

/** A Role `reader` in `ci` with these rules. */
export function role(...rules: any[]): any {
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'reader', namespace: 'ci' }, rules };
}

/** A ClusterRole `reader` with these rules. */
export function clusterRole(...rules: any[]): any {
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'reader' }, rules };
}

/** A ClusterRole `ci` that aggregates the ClusterRoles labelled example.com/aggregate-to-ci, with no rules of its own, and one so labelled. */
export function aggregation(sourceRules: any[]): { aggregator: any; source: any } {
  return {
    aggregator: {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'ci' },
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'example.com/aggregate-to-ci': 'true' } }] },
      rules: [],
    },
    source: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'extra', labels: { 'example.com/aggregate-to-ci': 'true' } }, rules: sourceRules },
  };
}

/** An RBAC rule that passes every RBAC rule: get on one named Secret. */
export function namedSecretRule(overrides: Record<string, any> = {}): any {
  return { apiGroups: [''], resources: ['secrets'], resourceNames: ['git-key'], verbs: ['get'], ...overrides };
}

/** A NetworkPolicy `pipe-egress` in `ci` with these egress rules. */
export function egressPolicy(...egress: any[]): any {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'pipe-egress', namespace: 'ci' },
    spec: { podSelector: { matchLabels: { 'tekton.dev/pipeline': 'pipe' } }, policyTypes: ['Egress'], egress },
  };
}

/** A hardened chains-config, as an administrator might write it by hand. */
export const HARDENED_CHAINS_DATA: Readonly<Record<string, string>> = {
  'artifacts.taskrun.format': 'slsa/v2alpha4',
  'artifacts.taskrun.storage': 'oci, tekton',
  'artifacts.pipelinerun.format': 'slsa/v1',
  'artifacts.pipelinerun.storage': 'oci',
  'artifacts.pipelinerun.enable-deep-inspection': 'true',
  'artifacts.oci.storage': 'oci',
  'artifacts.oci.signer': 'kms',
  'signers.kms.kmsref': 'awskms:///alias/chains',
  'storage.oci.repository.insecure': 'false',
  'transparency.enabled': 'true',
  'transparency.url': 'https://rekor.example.com',
};

/** Tekton Chains' ConfigMap with this data, in `tekton-chains` unless told otherwise. */
export function chainsConfig(data: Record<string, string> | undefined, metadata: Record<string, string | null> = { namespace: 'tekton-chains' }): any {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'chains-config', ...metadata }, data };
}

/** A Tekton operator's TektonConfig `config` (target namespace tekton-pipelines) with these Pipelines settings (`spec.pipeline`). */
export function operatorPipelineConfig(pipeline: Record<string, unknown>): any {
  return { apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonConfig', metadata: { name: 'config' }, spec: { targetNamespace: 'tekton-pipelines', pipeline } };
}

/** Tekton's config-defaults ConfigMap in tekton-pipelines with this `default-pod-template`. */
export function configDefaultsWithTemplate(template: string): any {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data: { 'default-pod-template': template } };
}

/** How a finding names the reading in which config-defaults' own `default-pod-template` is kept beside TektonConfig 'config'. */
export const KEPT_TEMPLATE_READING = " (reading config-defaults with data['default-pod-template'] that ConfigMap 'config-defaults' in tekton-pipelines "
  + "keeps beside what TektonConfig 'config' writes, unless kubectl apply created it)";

/** A Tekton operator's TektonConfig with these Chains settings (`spec.chain`). */
export function operatorConfig(chain: Record<string, unknown> | undefined, spec: Record<string, unknown> = {}): any {
  return { apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonConfig', metadata: { name: 'config' }, spec: { targetNamespace: 'tekton-pipelines', ...spec, chain } };
}

/** A Tekton operator's TektonChain with these Chains settings (`spec`). */
export function operatorChain(settings: Record<string, unknown>): any {
  return { apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonChain', metadata: { name: 'chain' }, spec: { targetNamespace: 'tekton-pipelines', disabled: false, ...settings } };
}

/**
 * The Tekton operator's Deployment, whose container runs with AUTOINSTALL_COMPONENTS `value`:
 * "false" makes the operator create no TektonConfig of its own, so that a TektonPipeline or
 * TektonChain checked without a TektonConfig is read as it stands.
 */
export function operatorDeployment(value = 'false'): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'tekton-operator', namespace: 'tekton-operator' },
    spec: { template: { spec: { containers: [{ name: 'tekton-operator-lifecycle', image: IMAGE, env: [{ name: 'AUTOINSTALL_COMPONENTS', value }] }] } } },
  };
}

/** A VerificationPolicy `catalog` with this mode. */
export function verificationPolicy(mode?: string): any {
  return {
    apiVersion: 'tekton.dev/v1alpha1',
    kind: 'VerificationPolicy',
    metadata: { name: 'catalog', namespace: 'ci' },
    spec: { resources: [{ pattern: '^https://github\\.com/example/.*$' }], authorities: [{ name: 'k', key: { kms: 'gcpkms://projects/p/locations/global/keyRings/r/cryptoKeys/k' } }], mode },
  };
}

/** Objects no rule may crash on. */
export const MALFORMED: readonly any[] = [
  null, undefined, 42, 'x', [], {},
  { kind: 'Task' }, { kind: 'Task', spec: { steps: 'nope', sidecars: [null, 1] } }, { kind: 'Task', spec: { steps: [null, 'x', { securityContext: null }] } },
  { kind: 'Pipeline', spec: { tasks: [null, { taskSpec: null }], finally: 'x' } }, { kind: 'PipelineRun', spec: null }, { kind: 'TaskRun', spec: { podTemplate: null } },
  { kind: 'Role', rules: [null, { verbs: 'get' }] }, { kind: 'NetworkPolicy', spec: { egress: [null, { to: [null] }] } },
  { kind: 'ConfigMap', metadata: { name: 'chains-config' }, data: 'x' }, { kind: 'ConfigMap', metadata: { name: 'feature-flags' }, data: null },
  { kind: 'Namespace', metadata: { labels: null } }, { kind: 'Secret', data: null }, { kind: 'SecretProviderClass', spec: { provider: 'vault', parameters: null } },
  { kind: 'VerificationPolicy', spec: null }, { kind: 'Task', metadata: { annotations: { 'secure-tekton/relax.IMAGE_DIGEST': null } } },
];

/**
 * The tests every rule file starts with: the rule's ID, severity and
 * relaxability, its place in the catalogue, and no crash on malformed objects.
 */
export function describeRule(rule: IRule, id: RuleId, severity: Severity, relaxable: boolean): void {
  test(`is ${id}, ${severity} severity, ${relaxable ? 'relaxable' : 'never relaxable'}, and in the catalogue`, () => {
    expect(rule.id).toBe(id);
    expect(rule.severity).toBe(severity);
    expect(rule.relaxable).toBe(relaxable);
    expect(RuleCatalogue.find(id)).toBe(rule);
    expect(RuleCatalogue.isRelaxable(id)).toBe(relaxable);
  });

  test('malformed objects give no crash', () => {
    for (const m of MALFORMED) {
      expect(() => rule.appliesTo(m)).not.toThrow();
      expect(() => rule.check(m)).not.toThrow();
    }
  });
}

/** kfp-tekton's PipelineLoop (`custom.tekton.dev`) `each`, of namespace `ci`, with this spec (iterating over `message`). */
export function pipelineLoop(spec: Record<string, any>): any {
  return { apiVersion: 'custom.tekton.dev/v1alpha1', kind: 'PipelineLoop', metadata: { name: 'each', namespace: 'ci' }, spec: { iterateParam: 'message', ...spec } };
}

/** Pipeline `outer` of namespace `ci` whose pipeline task `loop` runs a PipelineLoop of this spec, embedded as its custom task spec. */
export function loopInPipeline(spec: Record<string, any>): any {
  const loop = pipelineLoop(spec);
  return {
    apiVersion: 'tekton.dev/v1',
    kind: 'Pipeline',
    metadata: { name: 'outer', namespace: 'ci' },
    spec: { tasks: [{ name: 'loop', params: [{ name: 'message', value: ['a', 'b'] }], taskSpec: { apiVersion: loop.apiVersion, kind: loop.kind, spec: loop.spec } }] },
  };
}


/** A Tekton Triggers EventListener `github-listener` in `ci`, with this `spec.resources.kubernetesResource.spec.template` if given. */
export function eventListener(template?: any): any {
  return {
    apiVersion: 'triggers.tekton.dev/v1beta1',
    kind: 'EventListener',
    metadata: { name: 'github-listener', namespace: 'ci' },
    spec: {
      serviceAccountName: 'el-sa',
      triggers: [{ name: 'push', bindings: [{ ref: 'push-binding' }], template: { ref: 'build-template' } }],
      ...(template === undefined ? {} : { resources: { kubernetesResource: { spec: { template } } } }),
    },
  };
}

/** An EventListener in namespace ci whose pod is that of its customResource `object` (a Knative Service). */
export function customEventListener(object: any): any {
  const el = eventListener();
  return { ...el, spec: { ...el.spec, resources: { customResource: object } } };
}

/** Triggers' config-defaults-triggers in tekton-pipelines with this data. */
export function triggersDefaults(data: Record<string, string>): any {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults-triggers', namespace: 'tekton-pipelines' }, data };
}

/** Where an EventListener's pod template's container is. */
export const LISTENER_CONTAINER_PATH = 'spec.resources.kubernetesResource.spec.template.spec.containers[0]';

/** What a container securityContext written in an EventListener is said to take away. */
export const LISTENER_REPLACED = " (the listener's container securityContext written in the EventListener replaces whole the one Triggers gives it "
  + "(allowPrivilegeEscalation: false, capabilities drop ALL, runAsNonRoot, seccompProfile RuntimeDefault, readOnlyRootFilesystem: true, config-defaults-triggers' IDs))";
