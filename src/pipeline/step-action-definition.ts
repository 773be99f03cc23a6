import { TaskParam } from './param';

/**
 * A StepAction a step can run (`StepProps.action`): its name and what it declares,
 * which the task checks the step's `actionParameters` and later `$(steps.<step>.results.<r>)`
 * against. `SecureStepAction` is one, and the one a step accepts: a step's `action` of
 * another implementation names a StepAction the app neither writes nor checks, and synth
 * refuses it (VALID_REFERENCE).
 */
export interface IStepAction {
  /** `metadata.name` of the StepAction: the step's `ref.name`. */
  readonly name: string;
  /** Names of the declared params. */
  readonly paramNames: string[];
  /** The declared param, or undefined. */
  param(name: string): TaskParam | undefined;
  /** Whether the StepAction declares this result. */
  hasResult(name: string): boolean;
}
