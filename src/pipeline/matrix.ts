/**
 * One extra combination of a matrix, or extra params for the combinations that
 * match it.
 */
export interface MatrixInclude {
  /** Name of the combination. */
  readonly name: string;
  /** Values of string params of the task. */
  readonly parameters: { [param: string]: string };
}

/**
 * Fans a pipeline task out: one TaskRun per combination of the values of its
 * matrix params (Tekton's `matrix`, a beta feature that `TektonFeatureFlags`
 * enables with `enable-api-fields: "beta"`).
 *
 * @example
 * const matrix: PipelineTaskMatrix = { parameters: { platform: ['linux/amd64', 'linux/arm64'] } };
 */
export interface PipelineTaskMatrix {
  /**
   * For each string param of the task, the values to fan out over: literals,
   * `$(params.x)` or a whole array param `$(params.list[*])`.
   * @default - none
   */
  readonly parameters?: { [param: string]: string[] };
  /** Extra combinations, or extra params for the combinations that match. @default - none */
  readonly include?: MatrixInclude[];
}
