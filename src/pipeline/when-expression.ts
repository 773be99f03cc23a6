/**
 * How a when expression compares its input.
 */
export enum WhenOperator {
  /** `in`: the input equals one of the values. */
  IN = 'in',
  /** `notin`: the input equals none of the values. */
  NOT_IN = 'notin',
}

/**
 * A guard on a pipeline task: the task runs only when every one of its when
 * expressions holds; otherwise it is skipped (and so are the tasks that need its
 * results).
 *
 * Inputs and values are literals or Tekton substitutions (`$(params.x)`,
 * `$(tasks.t.results.r)`, in a finally task also `$(tasks.t.status)`); Tekton
 * compares the substituted strings itself, so no shell ever sees them. CEL
 * expressions (`cel:`) need Tekton's alpha flag `enable-cel-in-whenexpression`,
 * which `TektonFeatureFlags` leaves off, and are not offered.
 *
 * @example
 * WhenExpression.oneOf('$(params.git-branch)', ['main'])
 */
export class WhenExpression {
  /** Runs the task when `input` equals one of `values`. */
  public static oneOf(input: string, values: string[]): WhenExpression {
    return new WhenExpression(input, WhenOperator.IN, [...values]);
  }

  /** Runs the task when `input` equals none of `values`. */
  public static noneOf(input: string, values: string[]): WhenExpression {
    return new WhenExpression(input, WhenOperator.NOT_IN, [...values]);
  }

  private constructor(
    /** What is compared. */
    public readonly input: string,
    /** How it is compared. */
    public readonly whenOperator: WhenOperator,
    /** What it is compared with. */
    public readonly values: string[],
  ) {}
}
