import { ContainerView, containersOf, objectName } from './containers';
import { Finding, IRule } from '../policy/rule';

/** What a rule says about one place; the builder adds the rule and the object's identity. */
export type Problem = Omit<Finding, 'rule' | 'kind' | 'name'>;

/** Metadata every rule has. */
export type RuleMeta = Omit<IRule, 'check'>;

/** A rule over whole manifests. */
export function manifestRule(meta: RuleMeta, check: (manifest: any) => Problem[]): IRule {
  return {
    ...meta,
    check: (manifest: any): Finding[] =>
      check(manifest).map((p) => ({ rule: meta.id, kind: String(manifest?.kind ?? ''), name: objectName(manifest), ...p })),
  };
}

/**
 * A rule over every step and sidecar (with the stepTemplate merged in) of Tekton
 * objects. `check` returns the problems of one container, without location.
 */
export function containerRule(
  meta: RuleMeta,
  check: (view: ContainerView) => Array<Omit<Problem, 'location' | 'target'>>,
  options: { readonly includeStepTemplate?: boolean } = {},
): IRule {
  return manifestRule(meta, (manifest) =>
    containersOf(manifest)
      .filter((v) => v.role !== 'stepTemplate' || options.includeStepTemplate)
      .flatMap((v) => check(v).map((p) => ({ location: v.location, target: v.name, ...p }))),
  );
}

/** `securityContext.<field>` as written, for messages. */
export function securityField(view: ContainerView, field: string): { property: string; value?: string } {
  const v = view.effective?.securityContext?.[field];
  return { property: `securityContext.${field}`, value: v === undefined ? undefined : String(v) };
}
