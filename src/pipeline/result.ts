/**
 * A string result a task writes to `$(results.<name>.path)`.
 */
export interface TaskResult {
  /** Result name. */
  readonly name: string;
  /** What it holds. @default - no description */
  readonly description?: string;
}
