/**
 * What rules may know beyond one manifest (see `IRuleContext`).
 */
import { asArray } from '../../private/containers';
import { bindsSecret } from '../../private/workspaces';
import { IRuleContext } from '../rule';


/**
 * A context over a set of manifests. `declared` adds what the library's model
 * knows (workspaces declared with the credentials trust domain).
 */
export function ruleContext(manifests: any[], declared?: (pipeline: any) => string[] | undefined): IRuleContext {
  let runs: any[] | undefined;
  return {
    manifests,
    credentialWorkspaces: (pipeline: any): string[] => {
      runs = runs ?? manifests.filter((m) => m?.kind === 'PipelineRun');
      const name = pipeline?.metadata?.name;
      const namespace = pipeline?.metadata?.namespace;
      const out = new Set<string>(declared?.(pipeline) ?? []);
      for (const run of runs) {
        if (run.spec?.pipelineRef?.name !== name || name === undefined) continue;
        const runNamespace = run.metadata?.namespace;
        if (namespace !== undefined && runNamespace !== undefined && namespace !== runNamespace) continue;
        for (const w of asArray(run.spec?.workspaces)) {
          if (typeof w?.name === 'string' && bindsSecret(w)) out.add(w.name);
        }
      }
      return [...out];
    },
  };
}
