import { RuleId } from './rule-id';

/**
 * What a refusal is about.
 */
export interface SecureTektonErrorProps {
  /** Construct path of the construct that refuses (e.g. `build/pipeline`). */
  readonly path: string;
  /** Kind of construct, used at the start of the message (e.g. `SecurePipeline`). */
  readonly construct: string;
  /** Where inside the construct, e.g. `step 'compile'`. @default - the construct itself */
  readonly location?: string;
  /** The property that holds the bad value, e.g. `image`. */
  readonly property: string;
  /** The offending value, as the user wrote it. @default - no value (something is missing) */
  readonly value?: string;
  /** What is wrong, e.g. `is not pinned by digest`. */
  readonly problem: string;
  /** The rule that refuses. */
  readonly rule: RuleId;
  /** How to fix it. */
  readonly fix: string;
}

/**
 * The one error class of the library: every refusal, at construction or at synth.
 *
 * jsii cannot model a subclass of `Error`, so this class is not part of the jsii
 * API: TypeScript users import it from `cdk8s-secure-tekton/lib/policy/errors`;
 * every language can use `SecureTektonErrors.isSecureTektonError(x)`.
 *
 * The message reads
 * `<construct> '<path>' <location>: <property> "<value>" <problem> [<RULE>]. <fix>`.
 */
export class SecureTektonError extends Error {
  private static format(p: SecureTektonErrorProps): string {
    const where = p.location ? ` ${p.location}` : '';
    const value = p.value !== undefined ? ` ${JSON.stringify(p.value)}` : '';
    return `${p.construct} '${p.path}'${where}: ${p.property}${value} ${p.problem} [${p.rule}]. ${p.fix}`;
  }

  /** Construct path of the construct that refuses. */
  public readonly path: string;
  /** The property that holds the bad value. */
  public readonly property: string;
  /** The offending value, if any. */
  public readonly value?: string;
  /** The rule that refuses. */
  public readonly rule: RuleId;
  /** How to fix it. */
  public readonly fix: string;

  constructor(props: SecureTektonErrorProps) {
    super(SecureTektonError.format(props));
    this.name = 'SecureTektonError';
    this.path = props.path;
    this.property = props.property;
    this.value = props.value;
    this.rule = props.rule;
    this.fix = props.fix;
  }
}

/**
 * Language-neutral helpers to recognise the library's errors.
 */
export class SecureTektonErrors {
  /** Whether `x` is an error thrown by this library. */
  public static isSecureTektonError(x: any): boolean {
    return x instanceof SecureTektonError;
  }

  /** The rule ID carried by an error thrown by this library, or undefined for any other value. */
  public static ruleOf(x: any): RuleId | undefined {
    return x instanceof SecureTektonError ? x.rule : undefined;
  }

  private constructor() {}
}
