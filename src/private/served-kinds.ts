/**
 * The kinds and versions the API server serves in the API groups the rules read: what
 * `kubectl apply` can map to a resource (its RESTMapper asks the server's discovery; a kind or
 * version it does not list fails with "no matches for kind"), with the kind matched exactly (case
 * included) and the version as written.
 *
 * The custom resources are those of the CRDs (`spec.versions[]` with `served: true`) of the
 * releases the library is built against: Tekton Pipelines v1.15.0 (config/300-crds), Tekton
 * Triggers v0.37.0 (config/300-*.yaml), the Tekton operator v0.81.0
 * (config/base/generated-crds, installed on Kubernetes and OpenShift alike), the Secrets
 * Store CSI driver v1.6.0 (deploy/secrets-store.csi.x-k8s.io_*.yaml), Pipelines-as-Code v0.43.0
 * (openshift-pipelines/pipelines-as-code, config/300-repositories.yaml) and kubeflow kfp-tekton
 * v2.0.5 (manifests/kustomize/third-party/tekton-custom-task: pipeline-loops/300-pipelineloop.yaml,
 * pipeline-loops/301-breaktask.yaml, exit-handler/300-exithandler-crd.yaml and
 * kfptask/300-kfptask-crd.yaml). Kubernetes' own groups are
 * those of the `api/openapi-spec/v3` documents of Kubernetes 1.28 to 1.35 (as kubectl-validate
 * stores them: the create operations of `paths`, with their `x-kubernetes-group-version-kind`),
 * a version being served where any of those releases serves it (the library supports 1.28 on; an
 * alpha version needs the API server's runtime-config).
 */

/** Where a version of a kind is served: a product's release, or the Kubernetes releases. */
export interface Serving {
  readonly version: string;
  /** Said after the version in messages: `Tekton Pipelines v1.15`, `Kubernetes 1.30 on`. */
  readonly by: string;
}

const TEKTON = 'Tekton Pipelines v1.15';
const TRIGGERS = 'Tekton Triggers v0.37';
const OPERATOR = 'the Tekton operator v0.81';
const CSI = 'the Secrets Store CSI driver v1.6';
const PAC = 'Pipelines-as-Code v0.43';
const KFP = 'kfp-tekton v2.0.5';

/** Kubernetes releases: `1.28 on` where every supported release serves it, else the range. */
function k8s(from: number, to = 35): string {
  return from <= 28 && to >= 35 ? 'Kubernetes' : to >= 35 ? `Kubernetes 1.${from} on` : `Kubernetes 1.${Math.max(from, 28)} to 1.${to}`;
}

type Table = Readonly<Record<string, Readonly<Record<string, readonly Serving[]>>>>;

const at = (by: string, ...versions: string[]): Serving[] => versions.map((version) => ({ version, by }));

/** The served kinds of each group the rules read, by group ('' is the core group) and kind, newest version first. */
export const SERVED_TABLE: Table = {
  'tekton.dev': {
    CustomRun: at(TEKTON, 'v1beta1'),
    Pipeline: at(TEKTON, 'v1', 'v1beta1'),
    PipelineRun: at(TEKTON, 'v1', 'v1beta1'),
    StepAction: at(TEKTON, 'v1beta1', 'v1alpha1'),
    Task: at(TEKTON, 'v1', 'v1beta1'),
    TaskRun: at(TEKTON, 'v1', 'v1beta1'),
    VerificationPolicy: at(TEKTON, 'v1alpha1'),
  },
  'resolution.tekton.dev': {
    ResolutionRequest: at(TEKTON, 'v1beta1', 'v1alpha1'),
  },
  'triggers.tekton.dev': {
    ClusterInterceptor: at(TRIGGERS, 'v1alpha1'),
    ClusterTriggerBinding: at(TRIGGERS, 'v1beta1', 'v1alpha1'),
    EventListener: at(TRIGGERS, 'v1beta1', 'v1alpha1'),
    Interceptor: at(TRIGGERS, 'v1alpha1'),
    Trigger: at(TRIGGERS, 'v1beta1', 'v1alpha1'),
    TriggerBinding: at(TRIGGERS, 'v1beta1', 'v1alpha1'),
    TriggerTemplate: at(TRIGGERS, 'v1beta1', 'v1alpha1'),
  },
  'operator.tekton.dev': Object.fromEntries([
    'ManualApprovalGate', 'OpenShiftPipelinesAsCode', 'SyncerService', 'TektonAddon', 'TektonChain', 'TektonConfig', 'TektonDashboard',
    'TektonInstallerSet', 'TektonMulticlusterProxyAAE', 'TektonPipeline', 'TektonPruner', 'TektonResult', 'TektonScheduler', 'TektonTrigger',
  ].map((kind) => [kind, at(OPERATOR, 'v1alpha1')])),
  'secrets-store.csi.x-k8s.io': {
    SecretProviderClass: at(CSI, 'v1', 'v1alpha1'),
    SecretProviderClassPodStatus: at(CSI, 'v1', 'v1alpha1'),
  },
  'pipelinesascode.tekton.dev': {
    Repository: at(PAC, 'v1alpha1'),
  },
  // shared by the custom tasks of several projects (tektoncd/experimental's TaskLoop, ...): only kfp-tekton's are known (OPEN_GROUPS)
  'custom.tekton.dev': {
    BreakTask: at(KFP, 'v1alpha1'),
    ExitHandler: at(KFP, 'v1alpha1'),
    KfpTask: at(KFP, 'v1alpha1'),
    PipelineLoop: at(KFP, 'v1alpha1'),
  },
  '': Object.fromEntries([
    'Binding', 'ConfigMap', 'Endpoints', 'Event', 'LimitRange', 'Namespace', 'Node', 'PersistentVolume', 'PersistentVolumeClaim', 'Pod',
    'PodTemplate', 'ReplicationController', 'ResourceQuota', 'Secret', 'Service', 'ServiceAccount',
  ].map((kind) => [kind, at(k8s(28), 'v1')])),
  'apps': Object.fromEntries(['ControllerRevision', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'].map((kind) => [kind, at(k8s(28), 'v1')])),
  'batch': {
    CronJob: at(k8s(28), 'v1'),
    Job: at(k8s(28), 'v1'),
  },
  // served by no release since 1.22 (its kinds moved to apps, networking.k8s.io and policy)
  'extensions': {},
  'rbac.authorization.k8s.io': Object.fromEntries(['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'].map((kind) => [kind, at(k8s(28), 'v1')])),
  'networking.k8s.io': {
    ClusterCIDR: at(k8s(28, 28), 'v1alpha1'),
    IPAddress: [...at(k8s(33), 'v1'), ...at(k8s(31), 'v1beta1'), ...at(k8s(28, 30), 'v1alpha1')],
    Ingress: at(k8s(28), 'v1'),
    IngressClass: at(k8s(28), 'v1'),
    NetworkPolicy: at(k8s(28), 'v1'),
    ServiceCIDR: [...at(k8s(33), 'v1'), ...at(k8s(31), 'v1beta1'), ...at(k8s(29, 30), 'v1alpha1')],
  },
  'admissionregistration.k8s.io': {
    MutatingAdmissionPolicy: [...at(k8s(34), 'v1beta1'), ...at(k8s(32), 'v1alpha1')],
    MutatingAdmissionPolicyBinding: [...at(k8s(34), 'v1beta1'), ...at(k8s(32), 'v1alpha1')],
    MutatingWebhookConfiguration: at(k8s(28), 'v1'),
    ValidatingAdmissionPolicy: [...at(k8s(30), 'v1'), ...at(k8s(28, 33), 'v1beta1'), ...at(k8s(28, 31), 'v1alpha1')],
    ValidatingAdmissionPolicyBinding: [...at(k8s(30), 'v1'), ...at(k8s(28, 33), 'v1beta1'), ...at(k8s(28, 31), 'v1alpha1')],
    ValidatingWebhookConfiguration: at(k8s(28), 'v1'),
  },
};

/**
 * The groups whose kinds the table does not list in full: other CRDs define kinds in them (the custom tasks of
 * `custom.tekton.dev`), so a kind the table does not list there is judged only as a typo of one it lists.
 */
export const OPEN_GROUPS: ReadonlySet<string> = new Set(['custom.tekton.dev']);

/** What the group is, for messages: `tekton.dev (Tekton Pipelines v1.15)`, `the core group (Kubernetes)`. */
export function groupName(group: string): string {
  return group === '' ? 'the core group' : group;
}

/** The versions `group` serves `kind` at; undefined when the group is not one the table knows. */
export function servedVersions(group: string, kind: string): readonly Serving[] | undefined {
  if (!Object.prototype.hasOwnProperty.call(SERVED_TABLE, group)) return undefined;
  const kinds = SERVED_TABLE[group];
  return Object.prototype.hasOwnProperty.call(kinds, kind) ? kinds[kind] : [];
}

/** The groups the table knows that serve `kind`, in the table's order. */
export function groupsServing(kind: string): string[] {
  return Object.keys(SERVED_TABLE).filter((g) => (servedVersions(g, kind) ?? []).length > 0);
}

/** The apiVersion of `version` in `group`: `tekton.dev/v1`, or `v1` for the core group. */
export function apiVersionOf(group: string, version: string): string {
  return group === '' ? version : `${group}/${version}`;
}

/** The edits between two strings (code units): insertions, deletions, substitutions and swaps of two neighbours (`Taks`, `Task`). */
export function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) next[j] = Math.min(next[j], before[j - 2] + 1);
    }
    before = row;
    row = next;
  }
  return row[b.length];
}

/**
 * The one of `names` nearest to `name`: the same but for case, else one within a third of its length in edits (at least
 * one, at most three); undefined when none is that near.
 */
export function nearestName(name: string, names: readonly string[]): string | undefined {
  const folded = names.find((n) => n.toLowerCase() === name.toLowerCase());
  if (folded !== undefined) return folded;
  const limit = Math.min(3, Math.max(1, Math.floor(name.length / 3)));
  let best: { name: string; distance: number } | undefined;
  for (const n of names) {
    const d = editDistance(n.toLowerCase(), name.toLowerCase());
    if (d <= limit && (best === undefined || d < best.distance)) best = { name: n, distance: d };
  }
  return best?.name;
}

/** The kind of `group` nearest to `kind` (nearestName); undefined when none is that near. */
export function nearestKind(group: string, kind: string): string | undefined {
  return nearestName(kind, Object.keys(SERVED_TABLE[group] ?? {}));
}

/**
 * The group the table knows nearest to `group` (at most two edits, case aside) that serves `kind`, when
 * `group` is not one of them: a group of that spelling is then a typo, not another API.
 */
export function nearestGroup(group: string, kind: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(SERVED_TABLE, group)) return undefined;
  let best: { group: string; distance: number } | undefined;
  for (const g of groupsServing(kind)) {
    if (g === '') continue;
    const d = editDistance(g, group.toLowerCase());
    if (d <= 2 && (best === undefined || d < best.distance)) best = { group: g, distance: d };
  }
  return best?.group;
}
