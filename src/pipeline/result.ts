/**
 * A string result a task writes to `$(results.<name>.path)`.
 */
export interface TaskResult {
  /** Result name. */
  readonly name: string;
  /** What it holds. @default - no description */
  readonly description?: string;
}

/**
 * A result of a pipeline, made of results of its tasks; runs report it in
 * `status.results`.
 *
 * @example
 * declare const push: PipelineTask; // the ImagePush task
 * const result: PipelineResult = { name: 'image-digest', value: push.result('IMAGE_DIGEST') };
 */
export interface PipelineResult {
  /** Result name. */
  readonly name: string;
  /**
   * Its value: one or more task results, `$(tasks.<task>.results.<result>)` (also
   * `$(finally.<task>.results.<result>)`), with literal text around them; a whole
   * matrixed result `$(tasks.<task>.results.<result>[*])` makes an array result.
   */
  readonly value: string;
  /** What it holds. @default - no description */
  readonly description?: string;
}
