import { RuleId } from './rule-id';

/**
 * A refusal as every language sees it.
 */
export interface Refusal {
  /** Construct path. */
  readonly path: string;
  /** The rule that refuses. */
  readonly rule: RuleId;
  /** The property as the user wrote it. */
  readonly property: string;
  /** The offending value. @default - none */
  readonly value?: string;
  /** The whole line, as in the message. */
  readonly message: string;
}
