import { ereAsJs, ereSubject } from '../private/posix-ere';

/**
 * A check a string param must pass before any other step of the task runs.
 *
 * The task gets a first step, `validate-params`, that receives the value through
 * `env` and fails the task when it does not match. The constraint itself (its pattern,
 * values and description) is written into that step as it is, where Tekton would replace
 * a variable: a task refuses one that holds `$(params.…)`, `$(context.…)` or another
 * Tekton variable.
 *
 * @example
 * ParamConstraint.gitSha()
 */
export class ParamConstraint {
  /** A full 40-hex git commit SHA (lower case). */
  public static gitSha(): ParamConstraint {
    return new ParamConstraint('^[0-9a-f]{40}$', undefined, 'a 40-hex git commit SHA');
  }

  /** An image tag: letters, digits, `.`, `_` and `-` (at most 128 characters, not starting with `.` or `-`). */
  public static imageTag(): ParamConstraint {
    return new ParamConstraint('^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$', undefined, 'an image tag');
  }

  /**
   * Matches an extended regular expression (POSIX ERE, as `grep -E`). Anchor it
   * with `^` and `$` to match the whole value. Synth checks defaults and literal values
   * with it too, reading it as grep -E does in the C locale (bracket expressions and
   * classes such as `[[:space:]]`, `\` taken as itself inside brackets, a value matched
   * byte by byte; an empty value never matches: grep reads no line from it), so it must
   * mean the same to both: a task refuses a pattern that does not compile, that holds
   * JavaScript-only syntax (`\d`, `\w`, `\s`, `(?...)`, lazy quantifiers; write `[0-9]`,
   * `[A-Za-z0-9_]`, `[[:space:]]` instead), or what Alpine's busybox grep refuses or reads
   * otherwise than GNU grep (`{,n}`: write `{0,n}`; a `{` that opens no interval: write
   * `\{`; `[[=a=]]`, `[[.a.]]`, an unknown class, a reversed range).
   */
  public static pattern(regex: string, description?: string): ParamConstraint {
    return new ParamConstraint(regex, undefined, description ?? `matching ${regex}`);
  }

  /**
   * `pattern` and at most `maxLength` characters, for a task of the library whose param
   * reaches a result (bounded by Tekton's termination message): grep -E cannot bound a
   * length past 255 (RE_DUP_MAX), so the validation step compares `${#value}` too.
   * @internal
   */
  public static _boundedPattern(regex: string, description: string, maxLength: number): ParamConstraint {
    return new ParamConstraint(regex, undefined, description, maxLength);
  }

  /** Exactly one of the given values (at least one: a task refuses an empty list). */
  public static oneOf(values: string[]): ParamConstraint {
    return new ParamConstraint(undefined, [...values], `one of ${values.join(', ')}`);
  }

  private constructor(
    /** The regular expression, for pattern constraints. */
    public readonly regex: string | undefined,
    /** The allowed values, for enum constraints. */
    public readonly values: string[] | undefined,
    /** What a valid value is, in words. */
    public readonly description: string,
    /**
     * The most characters a value may have, or undefined.
     * @internal
     */
    public readonly _maxLength?: number,
  ) {}

  /** Whether a value satisfies the constraint (used to check defaults at synth). */
  public accepts(value: string): boolean {
    if (value.includes('\n')) return false;
    if (this._maxLength !== undefined && value.length > this._maxLength) return false;
    if (this.values) return this.values.includes(value);
    // grep reads no line from an empty value (printf '%s' ''), so it matches nothing, whatever the pattern
    if (value === '') return false;
    // as the step's grep -E reads the pattern, byte by byte; one it reads otherwise is refused where it is declared
    const read = ereAsJs(this.regex ?? '');
    return 'source' in read ? new RegExp(read.source).test(ereSubject(value)) : new RegExp(this.regex ?? '').test(value);
  }
}

/**
 * The type of a param's value.
 */
export enum ParamType {
  /** One string: `$(params.<name>)`. */
  STRING = 'string',
  /**
   * A list of strings. Steps of a `SecureTask` read it from the file
   * `/tmp/params/<name>` (one element per line), written by a step the task adds;
   * `$(params.<name>[*])` may also be passed as the args of a step with a script.
   */
  ARRAY = 'array',
  /** Named string values: `$(params.<name>.<key>)`, one per declared property. */
  OBJECT = 'object',
}

/**
 * A param a task declares.
 *
 * @example
 * const param: TaskParam = { name: 'platforms', valueType: ParamType.ARRAY, defaultArray: ['linux/amd64'], constraint: ParamConstraint.oneOf(['linux/amd64', 'linux/arm64']) };
 */
export interface TaskParam {
  /** Param name. */
  readonly name: string;
  /** What it is. @default - no description */
  readonly description?: string;
  /** Type of the value. @default ParamType.STRING */
  readonly valueType?: ParamType;
  /** Default of a string param; it must satisfy the constraint. @default - no default: the pipeline must pass it */
  readonly defaultValue?: string;
  /** Default of an array param; every element must satisfy the constraint. @default - no default: the pipeline must pass it */
  readonly defaultArray?: string[];
  /** The keys of an object param (each holds a string). @default - none; required for an object param */
  readonly properties?: string[];
  /** Default of an object param, with a value for every property. @default - no default: the pipeline must pass it */
  readonly defaultObject?: { [key: string]: string };
  /**
   * Check the value before any step runs: a string param's value, every element
   * of an array param, every value of an object param.
   * @default - no check
   */
  readonly constraint?: ParamConstraint;
}

/**
 * A param a pipeline declares; runs pass it.
 */
export interface PipelineParam {
  /** Param name. */
  readonly name: string;
  /** What it is. @default - no description */
  readonly description?: string;
  /** Type of the value. @default ParamType.STRING */
  readonly valueType?: ParamType;
  /** Default of a string param. @default - no default: every run must pass it */
  readonly defaultValue?: string;
  /** Default of an array param. @default - no default: every run must pass it */
  readonly defaultArray?: string[];
  /** The keys of an object param (each holds a string). @default - none; required for an object param */
  readonly properties?: string[];
  /** Default of an object param, with a value for every property. @default - no default: every run must pass it */
  readonly defaultObject?: { [key: string]: string };
}
