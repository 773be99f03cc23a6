/**
 * What rules may know beyond one manifest (see `IRuleContext`).
 */
import { honouredRelaxations } from './annotations';
import { asArray } from '../../private/containers';
import { manifestNamespace } from '../../private/namespaces';
import { covers } from '../../private/targets';
import { bindsSecret } from '../../private/workspaces';
import { RecordedRelaxation } from '../relaxation';
import { Finding, IRuleContext } from '../rule';
import { RuleId } from '../rule-id';

/** A relaxation as a rule reads it: its rule and target, and the parts below the target it leaves out. */
export type ContextRelaxation = Pick<RecordedRelaxation, 'rule' | 'target' | 'reason'> & { readonly excludes?: readonly string[] };

/** The relaxation that covers a finding, if any (same rule, and a target at or above the finding's). */
export function coveringRelaxation<R extends Pick<RecordedRelaxation, 'rule' | 'target'> & { readonly excludes?: readonly string[] }>(
  finding: Pick<Finding, 'rule' | 'target'>, relaxations: readonly R[],
): R | undefined {
  return relaxations.find((r) => r.rule === finding.rule && covers(r.target, finding.target)
    && !(r.excludes ?? []).some((prefix) => finding.target?.startsWith(prefix)));
}

/** The relaxations of an object that a context knows (at synth: those the app gives the object), by context. */
const KNOWN_RELAXATIONS = new WeakMap<IRuleContext, (manifest: any) => readonly ContextRelaxation[] | undefined>();

/**
 * The relaxations of the relaxable rule `rule` that apply to `manifest` when checked in `context`,
 * for a rule that judges by what another rule's relaxation allows (a token RUN_TOKEN_AUTOMOUNT is
 * relaxed for is mounted on purpose): those the context knows (at synth, those the app gives the
 * object, the library's own records such as an API grant's among them), else the records of the
 * object's annotations that the audit honours.
 */
export function relaxationsOf(context: IRuleContext | undefined, manifest: any, rule: RuleId): ContextRelaxation[] {
  const known = context === undefined ? undefined : KNOWN_RELAXATIONS.get(context)?.(manifest);
  if (known !== undefined) return known.filter((r) => r.rule === rule);
  return honouredRelaxations(manifest, '', (r) => r === rule);
}


/**
 * A context over a set of manifests. `declared` adds what the library's model
 * knows (workspaces declared with the credentials trust domain), `relaxations`
 * the relaxations the app gives an object (see relaxationsOf; undefined for an
 * object it does not know).
 */
export function ruleContext(
  manifests: any[], declared?: (pipeline: any) => string[] | undefined, relaxations?: (manifest: any) => readonly ContextRelaxation[] | undefined,
): IRuleContext {
  // the PipelineRuns by the name of the Pipeline they refer to (built on first use)
  let runsOf: Map<unknown, any[]> | undefined;
  const context: IRuleContext = {
    manifests,
    credentialWorkspaces: (pipeline: any): string[] => {
      if (runsOf === undefined) {
        runsOf = new Map();
        for (const m of manifests) {
          if (m?.kind !== 'PipelineRun') continue;
          const ref = m.spec?.pipelineRef?.name;
          const list = runsOf.get(ref);
          if (list) list.push(m);
          else runsOf.set(ref, [m]);
        }
      }
      const name = pipeline?.metadata?.name;
      const namespace = manifestNamespace(pipeline);
      const out = new Set<string>(declared?.(pipeline) ?? []);
      for (const run of name === undefined ? [] : runsOf.get(name) ?? []) {
        const runNamespace = manifestNamespace(run);
        if (namespace !== undefined && runNamespace !== undefined && namespace !== runNamespace) continue;
        for (const w of asArray(run.spec?.workspaces)) {
          if (typeof w?.name === 'string' && bindsSecret(w)) out.add(w.name);
        }
      }
      return [...out];
    },
  };
  if (relaxations !== undefined) KNOWN_RELAXATIONS.set(context, relaxations);
  return context;
}
