/**
 * Where the value of a substitution a caller chooses comes from, in the words of what it is: a finding that says
 * "Tekton substitutes params there" of `$(tasks.build.results.dir)` names a param nobody wrote. What Tekton (or, for a
 * TriggerTemplate's `$(tt.params.x)`, Tekton Triggers) puts in the field, said of the substitution as written.
 */

/**
 * A run's name: inert in a script (a DNS name holds no shell syntax), but whoever creates the run
 * chooses it, and so, in a reference to a Secret or ConfigMap, which one is read (a PipelineRun's
 * name begins the names of its TaskRuns).
 */
export const RUN_NAME = /\$\(context\.(?:taskRun|pipelineRun)\.name\)/;

/** The text inside `$(…)`, trimmed. */
const innerOf = (substitution: string): string => (substitution.startsWith('$(') && substitution.endsWith(')')
  ? substitution.slice(2, -1).trim() : substitution);

/**
 * What puts the value of `substitution` (a whole `$(…)` as written) in a field: `Tekton substitutes params there`,
 * `Tekton substitutes the results of earlier tasks there`, `Tekton substitutes the run's name there`; for a
 * substitution of another kind, itself (`Tekton substitutes $(steps.a.results.b) there`).
 */
export function substitutedThere(substitution: string): string {
  const inner = innerOf(substitution);
  if (/^tt\.params[.[]/.test(inner)) return 'Tekton Triggers pastes the event\'s value there before Tekton reads the run';
  if (/^(?:inputs\.)?params[.[]/.test(inner)) return 'Tekton substitutes params there';
  if (/^tasks\.[^.\s()]+\.results[.[]/.test(inner)) return 'Tekton substitutes the results of earlier tasks there';
  if (/^workspaces\.[^.\s()]+\.path$/.test(inner)) return 'Tekton substitutes the workspace\'s path there, whose mountPath a caller chooses';
  if (/^context\.(?:taskRun|pipelineRun)\.name$/.test(inner)) return 'Tekton substitutes the run\'s name there, which whoever creates the run chooses';
  return `Tekton substitutes ${substitution} there`;
}
