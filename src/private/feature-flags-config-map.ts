/**
 * Tekton's `feature-flags` ConfigMap among the manifests checked together, as the rules that
 * depend on one of its flags read it. Several of them (two in one namespace, or one without a
 * namespace beside one in `tekton-pipelines`) leave open which one the cluster keeps, so each
 * rule reads the one it can trust least: the first under which it has the most to find.
 */
import { configMapRefusals } from './config-map-data';
import { manifestsOfKind, oncePerSet } from './manifest-index';
import { manifestNamespace } from './namespaces';
import { FEATURE_FLAGS_NAME, readFeatureFlags, TEKTON_NAMESPACE } from './tekton-config';

/** Whether the object is Tekton Pipelines' `feature-flags` ConfigMap (namespace `tekton-pipelines`, or none). */
export function isFeatureFlagsConfigMap(manifest: any): boolean {
  const ns = manifestNamespace(manifest);
  return manifest?.kind === 'ConfigMap' && manifest.metadata?.name === FEATURE_FLAGS_NAME && (ns === undefined || ns === TEKTON_NAMESPACE);
}

/** One feature-flags ConfigMap checked together, as Tekton reads it. */
export interface FeatureFlagsConfigMap {
  /** The ConfigMap. */
  readonly manifest: any;
  /** The flags Tekton reads (values as the API server stores them); undefined when it cannot read one of them. */
  readonly read?: Readonly<Record<string, string>>;
  /**
   * Of several, which one it is, for messages (` (ConfigMap 2 of the 2 named feature-flags, any
   * of which the cluster may keep)`); empty when it is the only one.
   */
  readonly which: string;
  /** How messages name it: `the feature-flags checked with it`, then `which`. */
  readonly name: string;
}

const COPIES = new WeakMap<readonly any[], Map<string, readonly FeatureFlagsConfigMap[]>>();

/** Every feature-flags ConfigMap among the manifests checked together, in input order (once per set). */
function featureFlagsCopies(manifests: readonly any[]): readonly FeatureFlagsConfigMap[] {
  return oncePerSet(COPIES, manifests, 'copies', () => {
    const found = manifestsOfKind(manifests, 'ConfigMap').filter(isFeatureFlagsConfigMap);
    return found.map((manifest, i) => {
      // the API server refuses a ConfigMap with a key or binaryData it does not take: none of its flags reach Tekton
      const read = configMapRefusals(manifest.data, manifest.binaryData).length > 0 ? undefined : readFeatureFlags(manifest.data);
      const which = found.length === 1 ? '' : ` (ConfigMap ${i + 1} of the ${found.length} named feature-flags, any of which the cluster may keep)`;
      return { manifest, which, name: `the feature-flags checked with it${which}`, ...(read ? { read } : {}) };
    });
  });
}

/**
 * The feature-flags ConfigMap a rule reads among the manifests checked together: undefined when
 * there is none; of several, the first of those under which the rule has the most to find
 * (`exposure`, higher for flags that harden less; a ConfigMap Tekton cannot read has `read`
 * undefined), since the cluster may keep any of them.
 */
export function featureFlagsConfigMap(
  manifests: readonly any[],
  exposure: (read: Readonly<Record<string, string>> | undefined, manifest: any) => number,
): FeatureFlagsConfigMap | undefined {
  let chosen: FeatureFlagsConfigMap | undefined;
  let most = -Infinity;
  for (const copy of featureFlagsCopies(manifests)) {
    const e = exposure(copy.read, copy.manifest);
    if (e > most) [chosen, most] = [copy, e];
  }
  return chosen;
}

/** For the rules that read a flag of the feature-flags ConfigMap: which one they read of several. */
export const SEVERAL_FEATURE_FLAGS =
  ' Of several feature-flags ConfigMaps checked together (two in one namespace, which UNIQUE_OBJECTS reports, or one without '
  + 'a namespace beside one in `tekton-pipelines`) the cluster may keep any, so the first under which the most is found is '
  + 'read, one Tekton cannot read included.';
