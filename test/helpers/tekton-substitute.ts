/**
 * Tekton's own substitution code as a test oracle: builds conformance/cmd/tekton-substitute (the
 * defaulting and the param, context and workspace substitution Tekton Pipelines' PipelineRun and
 * TaskRun reconcilers apply to a run's task specs before they make its pods) and asks it for the
 * task specs of runs, all in one process.
 *
 * Without Go, `describeWithTektonSubstitute` skips its tests with one notice, except in CI
 * (`CI` set and not "false" or "0"), where a missing Go is a failure.
 */
import { describeWithJsonLinesCommand, JsonLinesCommand, runJsonLinesCommand } from './tekton-oracle';

/**
 * A run to substitute: a v1 PipelineRun or TaskRun, the Pipeline its pipelineRef names, the Tasks its taskRefs name,
 * the StepActions its steps' refs name, and the data of the feature-flags ConfigMap (Tekton's defaults without it).
 */
export interface SubstituteRequest {
  readonly run: any;
  readonly pipeline?: any;
  readonly tasks?: readonly any[];
  /** The StepActions (tekton.dev/v1beta1) the steps' refs name, in the run's namespace. */
  readonly stepActions?: readonly any[];
  readonly featureFlags?: Readonly<Record<string, string>>;
}

/** One TaskRun Tekton makes of the run: its params and its task spec once substituted, or why it is not made. */
export interface SubstitutedTaskRun {
  /** The pipeline task (absent for a TaskRun); `<outer>/<inner>` for one of a pipeline task's pipelineSpec. */
  readonly pipelineTask?: string;
  readonly finally?: boolean;
  /** The matrix combination (0 without a matrix). */
  readonly combination: number;
  readonly params?: any[];
  /** The pipeline task's when expressions, once the pipeline level substituted them. */
  readonly when?: any[];
  readonly taskSpec?: any;
  readonly error?: string;
}

/** What Tekton makes of one run, or why it refuses it. */
export interface Substitution {
  readonly taskRuns?: SubstitutedTaskRun[];
  readonly error?: string;
}

const TEKTON_SUBSTITUTE: JsonLinesCommand = {
  command: 'tekton-substitute',
  compares: 'the injection rules\' reading of substitutions with Tekton\'s own substitution',
  verb: 'substituted',
  items: 'runs',
};

/** Substitutes the runs in one run of tekton-substitute (one answer per run, in order). */
export function tektonSubstitute(requests: readonly SubstituteRequest[]): Substitution[] {
  return runJsonLinesCommand<Substitution>(TEKTON_SUBSTITUTE, requests);
}

/** `describe` for tests that run tekton-substitute (see describeWithJsonLinesCommand). */
export function describeWithTektonSubstitute(name: string, fn: () => void): void {
  describeWithJsonLinesCommand(TEKTON_SUBSTITUTE, name, fn);
}
