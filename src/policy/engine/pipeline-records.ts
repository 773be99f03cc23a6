/**
 * Relaxation records that a Pipeline's TaskRuns must keep. Tekton gives a PipelineRun its
 * Pipeline's annotations under its own, key by key (the run's value wins), and each TaskRun the
 * PipelineRun's: where both carry records of one rule, the Pipeline's lines are lost, and the
 * admission policies refuse the TaskRuns they exempted.
 */
import { RECORD_LINE, recordLines, WHOLE_OBJECT } from './annotations';
import { RELAXATION_ANNOTATION_PREFIX } from '../../private/annotations';
import { asArray } from '../../private/containers';
import { manifestsNamed } from '../../private/manifest-index';

const lines = (value: unknown): string[] => (typeof value === 'string' ? recordLines(value) : []);

/**
 * Adds to each PipelineRun's records of a rule the lines of the same rule that the Pipeline it
 * names (by `pipelineRef.name`, same namespace, among `manifests`) records, where both record the
 * rule. A Pipeline's whole-object line (`*`) becomes a line per pipeline task (`task/<name>`),
 * which is what it exempts in the TaskRuns (on the run itself, it also covers the per-task pod
 * templates of those tasks, which Tekton gives the same TaskRuns).
 * Returns the PipelineRuns changed.
 */
export function foldPipelineRecords(manifests: readonly any[]): any[] {
  const changed: any[] = [];
  for (const run of manifests) {
    const ref = run?.spec?.pipelineRef;
    if (run?.kind !== 'PipelineRun' || typeof ref?.name !== 'string' || ref.resolver !== undefined) continue;
    const pipeline = manifestsNamed(manifests, 'Pipeline', ref.name)
      .find((m) => (m.metadata?.namespace ?? undefined) === (run.metadata?.namespace ?? undefined));
    const runAnnotations = run.metadata?.annotations;
    const pipelineAnnotations = pipeline?.metadata?.annotations;
    if (!runAnnotations || !pipelineAnnotations) continue;
    const tasks = [...asArray(pipeline.spec?.tasks), ...asArray(pipeline.spec?.finally)].map((t: any) => t?.name).filter((n: unknown) => typeof n === 'string');
    for (const key of Object.keys(runAnnotations)) {
      if (!key.startsWith(RELAXATION_ANNOTATION_PREFIX) || pipelineAnnotations[key] === undefined) continue;
      const own = lines(runAnnotations[key]);
      const added = lines(pipelineAnnotations[key]).flatMap((line) => {
        // read as the audit and the admission policies read a record line
        const m = RECORD_LINE.exec(line);
        return m !== null && m[1] === WHOLE_OBJECT ? tasks.map((t: string) => `task/${t}: ${m[2]}`) : [line];
      }).filter((l) => !own.includes(l));
      if (added.length === 0) continue;
      runAnnotations[key] = [...own, ...added].join('\n');
      if (!changed.includes(run)) changed.push(run);
    }
  }
  return changed;
}
