import { Finding, IRule, IRuleContext } from './rule';
import { chainsConfigData } from '../private/chains-keys';
import { ContainerView, containersOf, objectName, taskSpecsOf } from '../private/containers';
import { FEATURE_FLAGS_NAME, TEKTON_NAMESPACE } from '../private/tekton-config';

/** What a rule says about one place; the builder adds the rule and the object's identity. */
export type Problem = Omit<Finding, 'rule' | 'kind' | 'name'>;

/** Metadata every rule has, and which manifests it looks at. */
export type RuleMeta = Omit<IRule, 'check' | 'appliesTo'> & { readonly appliesTo: (manifest: any) => boolean };

/** Applies to manifests of these kinds. */
export function kindIs(...kinds: string[]): (manifest: any) => boolean {
  return (manifest) => kinds.includes(manifest?.kind);
}

/** Applies to Tekton Chains' `chains-config` ConfigMap. */
export function isChainsConfig(manifest: any): boolean {
  return chainsConfigData(manifest) !== undefined;
}

/** Applies to Tekton Pipelines' `feature-flags` ConfigMap. */
export function isFeatureFlags(manifest: any): boolean {
  const ns = manifest?.metadata?.namespace;
  return manifest?.kind === 'ConfigMap' && manifest.metadata?.name === FEATURE_FLAGS_NAME && (ns === undefined || ns === TEKTON_NAMESPACE);
}

/** A rule over whole manifests (and, for cross-object rules, the context). */
export function manifestRule(meta: RuleMeta, check: (manifest: any, context?: IRuleContext) => Problem[]): IRule {
  return {
    ...meta,
    check: (manifest: any, context?: IRuleContext): Finding[] => (meta.appliesTo(manifest) ? check(manifest, context) : [])
      .map((p) => ({ rule: meta.id, kind: String(manifest?.kind ?? ''), name: objectName(manifest), ...p })),
  };
}

/**
 * A rule over every step and sidecar (with the stepTemplate merged in) of Tekton
 * objects. `check` returns the problems of one container, without location.
 */
export function containerRule(
  meta: Omit<RuleMeta, 'appliesTo'>,
  check: (view: ContainerView) => Array<Omit<Problem, 'location' | 'target'>>,
  options: { readonly includeStepTemplate?: boolean } = {},
): IRule {
  return manifestRule({ ...meta, appliesTo: (m) => taskSpecsOf(m).length > 0 || (m?.kind === 'StepAction' && containersOf(m).length > 0) }, (manifest) =>
    containersOf(manifest)
      .filter((v) => v.role !== 'stepTemplate' || options.includeStepTemplate)
      .flatMap((v) => check(v).map((p) => ({ location: v.location, target: v.target, ...p }))),
  );
}

/** `securityContext.<field>` as written, for messages. */
export function securityField(view: ContainerView, field: string): { property: string; value?: string } {
  const v = view.effective?.securityContext?.[field];
  return { property: `securityContext.${field}`, value: v === undefined ? undefined : String(v) };
}
