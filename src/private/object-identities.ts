/**
 * The identity the API server stores an object under (API group, kind, namespace and name), the objects of a set that share one, and how
 * UNIQUE_OBJECTS names them: read by the rule and by the engine's check at synth of objects alike but for what it writes after the rules.
 */
import { isDeepStrictEqual } from 'util';
import { apiGroupOf } from './containers';
import { manifestNamespace } from './namespaces';
import { own } from './own';
import { jsString } from './text';

/**
 * Kinds the API server stores without a namespace, by API group ('' is the core group): for
 * them `metadata.namespace` is ignored, so two objects that differ only there are one.
 */
const CLUSTER_SCOPED: Readonly<Record<string, readonly string[]>> = {
  '': ['Namespace', 'Node', 'PersistentVolume', 'ComponentStatus'],
  'rbac.authorization.k8s.io': ['ClusterRole', 'ClusterRoleBinding'],
  // openshift/api authorization/v1 (+genclient:nonNamespaced)
  'authorization.openshift.io': ['ClusterRole', 'ClusterRoleBinding'],
  'admissionregistration.k8s.io': [
    'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding',
    'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration',
  ],
  'apiextensions.k8s.io': ['CustomResourceDefinition'],
  'apiregistration.k8s.io': ['APIService'],
  'storage.k8s.io': ['StorageClass', 'CSIDriver', 'CSINode', 'VolumeAttachment'],
  'scheduling.k8s.io': ['PriorityClass'],
  'node.k8s.io': ['RuntimeClass'],
  'networking.k8s.io': ['IngressClass'],
  'certificates.k8s.io': ['CertificateSigningRequest'],
  'flowcontrol.apiserver.k8s.io': ['FlowSchema', 'PriorityLevelConfiguration'],
  'tekton.dev': ['ClusterTask'],
  'triggers.tekton.dev': ['ClusterTriggerBinding', 'ClusterInterceptor'],
  // shipwright-io/build v0.20.13 deploy/crds (scope: Cluster)
  'shipwright.io': ['ClusterBuildStrategy'],
  // tektoncd/operator v0.81.0 config/base/generated-crds (scope: Cluster): every kind of the group
  'operator.tekton.dev': [
    'TektonConfig', 'TektonPipeline', 'TektonTrigger', 'TektonChain', 'TektonDashboard', 'TektonResult', 'TektonAddon', 'TektonPruner',
    'TektonScheduler', 'TektonInstallerSet', 'TektonMulticlusterProxyAAE', 'ManualApprovalGate', 'OpenShiftPipelinesAsCode', 'SyncerService',
  ],
};

/**
 * The identity the API server stores an object under: API group (not version), kind,
 * namespace (none for a cluster-scoped kind) and name; undefined for an object without a
 * name (a `generateName` gets a new name at every create).
 */
export function identityOf(manifest: any): string | undefined {
  const name = manifest?.metadata?.name;
  if (typeof name !== 'string' || name === '') return undefined;
  const group = apiGroupOf(manifest?.apiVersion);
  const kind = jsString(manifest?.kind ?? '');
  const clusterScoped = own(CLUSTER_SCOPED, group)?.includes(kind) ?? false;
  // an empty namespace is none, as the API server reads it
  const namespace = clusterScoped ? '' : manifestNamespace(manifest);
  return JSON.stringify([group, kind, namespace ?? null, name]);
}

/**
 * The manifests of a set grouped by `key` (undefined: left out), computed once per set for each key function: by
 * identity (`identityOf`) and by group, kind and name (`nameOf`).
 */
function groupedBy(key: (manifest: any) => string | undefined): (manifests?: readonly any[]) => Map<string, any[]> | undefined {
  const cache = new WeakMap<object, Map<string, any[]>>();
  return (manifests) => {
    if (!Array.isArray(manifests)) return undefined;
    let found = cache.get(manifests);
    if (found === undefined) {
      found = new Map();
      for (const m of manifests) {
        const k = key(m);
        if (k === undefined) continue;
        const group = found.get(k);
        if (group === undefined) found.set(k, [m]);
        else group.push(m);
      }
      cache.set(manifests, found);
    }
    return found;
  };
}

/** The identity of an object without its namespace: API group, kind and name (for a cluster-scoped kind, its identity). */
export function nameOf(manifest: any): string | undefined {
  const id = identityOf(manifest);
  if (id === undefined) return undefined;
  const [group, kind, , name] = JSON.parse(id);
  return JSON.stringify([group, kind, name]);
}

/** The manifests of a set by identity. */
const byIdentity = groupedBy(identityOf);
/** The manifests of a set by group, kind and name. */
export const byName = groupedBy(nameOf);

/** `Task/ci/build (API group tekton.dev)`, for messages. */
export function describeObject(manifest: any, clusterScoped: boolean): string {
  const group = apiGroupOf(manifest?.apiVersion);
  const namespace = manifestNamespace(manifest);
  const where = clusterScoped ? '' : namespace !== undefined ? `${namespace}/` : '(no namespace)/';
  return `${jsString(manifest?.kind ?? '')}/${where}${jsString(manifest?.metadata?.name)} (API group ${group === '' ? 'core' : group})`;
}

/**
 * Whether the objects of one identity are all the same object, key for key: decided once for
 * the group (deep equality is an equivalence: each equals every other when each equals the
 * first), not once for each of its objects against all the others.
 */
const COPIES_OF_ONE = new WeakMap<readonly any[], boolean>();
function copiesOfOne(same: readonly any[]): boolean {
  let copies = COPIES_OF_ONE.get(same);
  if (copies === undefined) COPIES_OF_ONE.set(same, copies = same.every((m) => isDeepStrictEqual(m, same[0])));
  return copies;
}

/** An object's identity that other objects of the set share, as UNIQUE_OBJECTS reports it. */
export interface SharedIdentity {
  /** What the finding says of the identity, without what the API server then does: `is the identity of 2 objects checked together: Task/ci/build (API group tekton.dev)`. */
  readonly lead: string;
  /** The objects of the set of that identity, this one among them. */
  readonly objects: readonly any[];
}

/** The objects of the set (`manifests`) of the object's identity, where it is one of them and they are two or more. */
export function sameIdentityObjects(manifest: any, manifests?: readonly any[]): readonly any[] | undefined {
  const id = identityOf(manifest);
  const same = id === undefined ? undefined : byIdentity(manifests)?.get(id);
  // only objects of the set (a manifest checked with the set but not in it is not applied with it)
  return same && same.length >= 2 && same.includes(manifest) ? same : undefined;
}

/**
 * The identity the object shares with other objects of the set (`manifests`) that are not all the same object: what
 * UNIQUE_OBJECTS's finding on its `metadata.name` says, for the engine's check at synth to read without the finding's words.
 * Undefined where there is none (the object alone of its identity, copies of one object, a name with a substitution).
 */
export function sharedIdentity(manifest: any, manifests?: readonly any[]): SharedIdentity | undefined {
  const same = sameIdentityObjects(manifest, manifests);
  return same === undefined ? undefined : identitySharedWith(manifest, same);
}

/** sharedIdentity, given the objects of the set of the object's identity (`sameIdentityObjects`' answer, read once by its caller). */
export function identitySharedWith(manifest: any, same: readonly any[]): SharedIdentity | undefined {
  // a name with a substitution (a TriggerTemplate's $(tt.params.id), $(uid)) is a new one each time the object is made
  if (jsString(manifest.metadata.name).includes('$(')) return undefined;
  // copies of one object (two charts writing the same Namespace) leave nothing to choose between
  if (copiesOfOne(same)) return undefined;
  const clusterScoped = JSON.parse(identityOf(manifest)!)[2] === '' && (own(CLUSTER_SCOPED, apiGroupOf(manifest?.apiVersion))?.includes(jsString(manifest?.kind)) ?? false);
  const versions = [...new Set(same.map((m) => jsString(m?.apiVersion)))];
  return {
    lead: `is the identity of ${same.length} objects checked together: ${describeObject(manifest, clusterScoped)}${versions.length > 1 ? `, as ${versions.join(' and ')}` : ''}`,
    objects: same,
  };
}
