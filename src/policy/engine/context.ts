/**
 * What rules may know beyond one manifest (see `IRuleContext`).
 */
import { ContextRelaxation, knowRelaxations } from './annotations';
import { asArray } from '../../private/containers';
import { manifestNamespace } from '../../private/namespaces';
import { loopRunsOf } from '../../private/pipeline-loops';
import { bindsSecret } from '../../private/workspaces';
import { IRuleContext } from '../rule';

/**
 * A context over a set of manifests. `declared` adds what the library's model
 * knows (workspaces declared with the credentials trust domain), `relaxations`
 * the relaxations the app gives an object (see relaxationsOf; undefined for an
 * object it does not know).
 */
export function ruleContext(
  manifests: any[], declared?: (pipeline: any) => string[] | undefined, relaxations?: (manifest: any) => readonly ContextRelaxation[] | undefined,
): IRuleContext {
  // the PipelineRuns (and the runs of PipelineLoops) by the name of the Pipeline they refer to (built on first use)
  let runsOf: Map<unknown, any[]> | undefined;
  const context: IRuleContext = {
    manifests,
    credentialWorkspaces: (pipeline: any): string[] => {
      if (runsOf === undefined) {
        runsOf = new Map();
        // with the PipelineRuns a PipelineLoop's controller makes, which bind the loop's workspaces
        for (const m of manifests.flatMap((x) => [x, ...loopRunsOf(x).map((l) => l.run)])) {
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
  if (relaxations !== undefined) knowRelaxations(context, relaxations);
  return context;
}
