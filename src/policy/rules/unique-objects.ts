import { isDeepStrictEqual } from 'util';
import { apiGroupOf } from '../../private/containers';
import { oncePerSet } from '../../private/manifest-index';
import { manifestNamespace, mayShareNamespace } from '../../private/namespaces';
import { byName, describeObject, identityOf, identitySharedWith, nameOf, sameIdentityObjects } from '../../private/object-identities';
import { jsString } from '../../private/text';
import { IRuleContext, Severity } from '../rule';
import { manifestRule, Problem } from '../rule-builders';
import { RuleId } from '../rule-id';

/** A manifest without its `metadata.namespace`. */
function withoutNamespace(manifest: any): any {
  const { namespace: _, ...metadata } = manifest?.metadata ?? {};
  return { ...manifest, metadata };
}

/** The identity of the Secret the Secrets Store CSI driver syncs a SecretProviderClass's `secretName` to: in the class's namespace, the name trimmed as the driver trims it. */
function syncedIdentity(spc: any, secretName: unknown): string | undefined {
  if (typeof secretName !== 'string' || secretName.trim() === '') return undefined;
  return JSON.stringify(['', 'Secret', manifestNamespace(spc) ?? null, secretName.trim()]);
}

/** The Secrets a SecretProviderClass syncs (its `secretObjects`), by index. */
function syncedSecrets(manifest: any): Array<{ readonly index: number; readonly name: string; readonly id: string }> {
  if (manifest?.kind !== 'SecretProviderClass' || apiGroupOf(manifest?.apiVersion) !== 'secrets-store.csi.x-k8s.io') return [];
  const objects = manifest.spec?.secretObjects;
  if (!Array.isArray(objects)) return [];
  return objects.flatMap((o, index) => {
    const id = syncedIdentity(manifest, o?.secretName);
    return id === undefined ? [] : [{ index, name: jsString(o.secretName).trim(), id }];
  });
}

/** Who writes each Secret identity of a set: Secrets by their name, SecretProviderClasses by their `secretObjects`. */
type SecretWriters = Map<string, Array<{ readonly manifest: any; readonly index?: number }>>;
const SECRET_WRITERS = new WeakMap<readonly any[], Map<string, SecretWriters>>();
function secretWriters(manifests: readonly any[]): SecretWriters {
  return oncePerSet(SECRET_WRITERS, manifests, 'writers', () => {
    const found: SecretWriters = new Map();
    for (const m of manifests) {
      const id = m?.kind === 'Secret' ? identityOf(m) : undefined;
      if (id !== undefined) found.set(id, [...found.get(id) ?? [], { manifest: m }]);
      for (const s of syncedSecrets(m)) found.set(s.id, [...found.get(s.id) ?? [], { manifest: m, index: s.index }]);
    }
    return found;
  });
}

/** The Secrets a SecretProviderClass syncs that another object of the set writes too (a Secret, or another class's or entry's `secretObjects`). */
function syncProblems(manifest: any, context?: IRuleContext): Problem[] {
  // only a class syncs Secrets: every other object is done without a look at the set
  const synced = syncedSecrets(manifest);
  const manifests = context?.manifests;
  if (synced.length === 0 || !Array.isArray(manifests) || !manifests.includes(manifest)) return [];
  const writers = secretWriters(manifests);
  return synced.flatMap((s) => {
    const others = (writers.get(s.id) ?? []).filter((w) => w.manifest !== manifest || w.index !== s.index);
    if (others.length === 0) return [];
    const what = others.map((w) => (w.index === undefined
      ? describeObject(w.manifest, false)
      : `secretObjects[${w.index}] of ${describeObject(w.manifest, false)}`)).join(', ');
    const namespace = manifestNamespace(manifest);
    return [{
      property: `secretObjects[${s.index}].secretName`,
      value: s.name,
      problem: `names the Secret ${namespace ?? '(no namespace)'}/${jsString(s.name)}, which ${what} writes too; the Secrets Store CSI driver creates or `
        + 'overwrites that Secret with what it fetched whenever a pod mounts this class, so one replaces the other',
      fix: 'Sync to a Secret name nothing else writes (secretObjects[].secretName), or remove the other writer.',
    }];
  });
}

/**
 * Objects checked together have distinct identities: API group, kind, namespace and name.
 *
 * The API server stores one object per identity, whatever the version: `kubectl apply`
 * of two documents with one identity keeps the last one applied, which replaces the
 * other, so what the rules judged (two objects) is not what runs (one of them). A raw
 * Task named like a trusted SecureTask would take its place and receive the credentials
 * the pipeline gives the trusted task.
 */
export const UNIQUE_OBJECTS = manifestRule(
  {
    id: RuleId.UNIQUE_OBJECTS,
    severity: Severity.HIGH,
    title: 'Objects checked together have distinct identities (API group, kind, namespace and name)',
    rationale:
      'The API server keeps one object per identity: of two, kubectl apply keeps the last one applied, which replaces what the '
      + 'rules judged in the other (a raw Task named like a trusted task receives its credentials).',
    fix: 'Give each object its own name (or namespace), or remove the duplicate.',
    decidesFrom:
      'Every object checked together (the whole app at synth, every file given to the audit) that has a `metadata.name`, by '
      + 'its API group (the part of `apiVersion` before `/`, so `tekton.dev/v1` and `tekton.dev/v1beta1` are one group, and '
      + '`v1` is the core group), `kind`, `metadata.namespace` and `metadata.name`. For the cluster-scoped kinds of '
      + 'Kubernetes, Tekton and Tekton Triggers (Namespace, ClusterRole, ClusterRoleBinding (of rbac.authorization.k8s.io and of OpenShift\'s authorization.openshift.io), CustomResourceDefinition, '
      + 'admission policies and webhooks, StorageClass, PriorityClass, ClusterTask, ClusterTriggerBinding, ClusterInterceptor, '
      + 'Shipwright\'s ClusterBuildStrategy, every kind of the Tekton operator (TektonConfig, TektonPipeline, TektonChain …) …) the namespace is not part of the identity. Each object that shares its identity with another is a finding, unless '
      + 'all of them are the same object, key for key (the same Namespace written by two charts), or the name holds a substitution '
      + '(`$(tt.params.id)` in a TriggerTemplate\'s run: a new name for each event). A SecretProviderClass '
      + '(`secrets-store.csi.x-k8s.io`) writes the Secrets its `secretObjects` name (`secretName`, trimmed as the driver trims it) '
      + 'in its own namespace: the Secrets Store CSI driver creates each, or overwrites the one that exists, whenever a pod mounts '
      + 'the class. A `secretObjects` entry that names a Secret another object of the set writes (a Secret of that identity, '
      + 'another entry of this or another class) is a finding. An object without `metadata.namespace` lands in the namespace of '
      + 'the kubectl context: with an object of its API group, kind and name that names a namespace, it may be one identity, '
      + 'a finding on both unless they differ in nothing but the namespace. At synth the objects are compared as written, with the '
      + 'relaxation records and the seal the library writes on them after the rules ran: two objects of a construct made twice, alike '
      + 'but for a record that names the construct that gave the relaxation, are two.',
    limits:
      'An object without `metadata.namespace` is applied to the namespace of the kubectl context, which the manifests do not '
      + 'say: it is taken as landing in any namespace an object of its name names, and with other objects without one as one '
      + 'identity (they may yet be applied with different contexts). A cluster-scoped kind not in the list above is compared as a namespaced one. Objects with only `generateName` '
      + 'get a new name at every create and are not compared. Objects already in the cluster, or applied from other files, '
      + 'are not seen.',
    howToRelax:
      'Cannot be relaxed: no prop, `Relaxations.of(...)` or annotation waives it. Rename or remove one of the objects.',
    relaxable: false,
    appliesTo: (m) => identityOf(m) !== undefined,
  },
  (manifest, context): Problem[] => [...sameIdentity(manifest, context), ...syncProblems(manifest, context)],
);

/**
 * The finding of a namespaced object that may share its identity with another of the set: one of
 * them names no namespace, so it lands in the namespace of the kubectl context, which may be the
 * other's.
 */
function mayShareIdentity(manifest: any, context?: IRuleContext): Problem[] {
  const key = nameOf(manifest);
  const named = key === undefined ? undefined : byName(context?.manifests)?.get(key);
  if (!named || named.length < 2 || !named.includes(manifest) || jsString(manifest.metadata.name).includes('$(')) return [];
  const others = named.filter((m) => manifestNamespace(m) !== manifestNamespace(manifest) && mayShareNamespace(m, manifest));
  // the same object but for the namespace replaces nothing that differs
  const differ = others.filter((m) => !isDeepStrictEqual(withoutNamespace(m), withoutNamespace(manifest)));
  if (differ.length === 0) return [];
  return [{
    property: 'metadata.name',
    value: jsString(manifest.metadata.name),
    problem: `may be the identity of ${describeObject(differ[0], false)} too, checked together: an object without metadata.namespace is applied to the `
      + 'namespace of the kubectl context, which may be the other\'s; the API server then keeps one, and kubectl apply the last one applied',
    fix: 'Give every object its metadata.namespace, or each object its own name.',
  }];
}

/** The finding of an object that shares its identity with another of the set. */
function sameIdentity(manifest: any, context?: IRuleContext): Problem[] {
  const same = sameIdentityObjects(manifest, context?.manifests);
  if (same === undefined) return mayShareIdentity(manifest, context);
  const shared = identitySharedWith(manifest, same);
  if (shared === undefined) return [];
  return [{
    property: 'metadata.name',
    value: jsString(manifest.metadata.name),
    problem: `${shared.lead}; the API server keeps one, and kubectl apply the last one applied`,
  }];
}
