import { Refusal } from './refusal';
import { header, parseRefusals, refusalLine } from './refusal-line';
import { RuleId } from './rule-id';
import { safeText } from '../private/text';

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
  /** The property that holds the bad value, as the user wrote it, e.g. `runAsUser`. */
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
 * One line: `<construct> '<path>' <location>: <property> "<value>" <problem> [<RULE>]. <fix>`;
 * never throws. Written so that `SecureTektonErrors.refusalsOfMessage` reads it back
 * (see `refusal-line.ts` for what is escaped).
 */
export function formatRefusal(p: SecureTektonErrorProps): string {
  const text = (x: unknown) => (typeof x === 'string' ? x : safeText(x));
  return refusalLine({
    construct: text(p.construct),
    path: text(p.path),
    location: p.location !== undefined ? text(p.location) : undefined,
    property: text(p.property),
    value: p.value !== undefined ? safeText(p.value) : undefined,
    problem: text(p.problem),
    rule: text(p.rule),
    fix: text(p.fix),
  });
}

/** Findings in report order: by construct path, then location, then as found. */
function sorted(findings: readonly SecureTektonErrorProps[]): SecureTektonErrorProps[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => compare(safeText(a.f.path), safeText(b.f.path)) || compare(safeText(a.f.location ?? ''), safeText(b.f.location ?? '')) || a.i - b.i)
    .map((x) => x.f);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The one error class of the library: every refusal, at construction or at synth.
 *
 * At synth it carries every unrelaxed finding of the app (`findings`), sorted by
 * construct path; its own fields describe the first. With one finding the
 * message is that finding's line:
 * `<construct> '<path>' <location>: <property> "<value>" <problem> [<RULE>]. <fix>`;
 * with more, a count and one line per finding.
 *
 * jsii cannot model a subclass of `Error`, so this class is not part of the jsii
 * API: TypeScript users import it from `cdk8s-secure-tekton/lib/policy/errors`;
 * every language can use `SecureTektonErrors`.
 */
export class SecureTektonError extends Error {
  /** Construct path of the construct that refuses (the first finding's). */
  public readonly path: string;
  /** The property that holds the bad value (the first finding's). */
  public readonly property: string;
  /** The offending value, if any (the first finding's). */
  public readonly value?: string;
  /** The rule that refuses (the first finding's). */
  public readonly rule: RuleId;
  /** How to fix it (the first finding's). */
  public readonly fix: string;
  /** Every refusal, sorted by construct path. */
  public readonly findings: SecureTektonErrorProps[];

  constructor(props: SecureTektonErrorProps, ...more: SecureTektonErrorProps[]) {
    const findings = sorted([props, ...more]);
    const lines = findings.map(formatRefusal);
    super(lines.length === 1
      ? lines[0]
      : [header(lines.length), ...lines.map((l) => `  ${l}`)].join('\n'));
    this.name = 'SecureTektonError';
    const first = findings[0];
    this.path = first.path;
    this.property = first.property;
    this.value = first.value;
    this.rule = first.rule;
    this.fix = first.fix;
    this.findings = findings;
  }
}

/**
 * Language-neutral helpers to recognise the library's errors.
 *
 * In TypeScript and JavaScript, pass the caught error to `isSecureTektonError`,
 * `ruleOf` or `refusalsOf`. In Python, Java and Go an error reaches you as its
 * message only (a Python `RuntimeError`; in Java a `RuntimeException`: a
 * `software.amazon.jsii.JsiiError` from a constructor, a plain `RuntimeException` from
 * a method call such as `app.synth()`, so catch `RuntimeException`; a Go panic with an
 * `error`), and the caught exception cannot be passed back: give its message to
 * `isSecureTektonErrorMessage`, `ruleOfMessage` or `refusalsOfMessage`
 * (Python `str(e)`, Java `e.getMessage()`, Go `err.Error()`).
 *
 * The message of one refusal is one line,
 * `<construct> '<path>' <location>: <property> "<value>" <problem> [<RULE>]. <fix>`;
 * with several, a first line `<N> findings; nothing was written:` and one line per
 * refusal, indented by two spaces, sorted by construct path. The `*Message` helpers
 * read the path, rule, property and value of every refusal back from that text
 * exactly, with or without the `SecureTektonError: ` prefix jsii adds to an error
 * thrown by a method call (such as `app.synth()`).
 */
export class SecureTektonErrors {
  /** Whether `x` is an error thrown by this library (TypeScript and JavaScript; other languages: `isSecureTektonErrorMessage`). */
  public static isSecureTektonError(x: any): boolean {
    return x instanceof SecureTektonError;
  }

  /** The rule ID carried by an error thrown by this library (its first finding's), or undefined for any other value. */
  public static ruleOf(x: any): RuleId | undefined {
    return x instanceof SecureTektonError ? x.rule : undefined;
  }

  /** Every refusal carried by an error thrown by this library, sorted by construct path; empty for any other value. */
  public static refusalsOf(x: any): Refusal[] {
    if (!(x instanceof SecureTektonError)) return [];
    return x.findings.map((f) => ({
      path: f.path,
      rule: f.rule,
      property: f.property,
      ...(f.value !== undefined ? { value: f.value } : {}),
      message: formatRefusal(f),
    }));
  }

  /**
   * Whether `message` is the message of an error thrown by this library (for Python,
   * Java and Go, where the caught error is its message).
   *
   * @param message the error's message: Python `str(e)`, Java `e.getMessage()`, Go `err.Error()`
   */
  public static isSecureTektonErrorMessage(message: string): boolean {
    return parseRefusals(message) !== undefined;
  }

  /**
   * The rule ID stated by the message of an error thrown by this library (its first
   * refusal's), or undefined for any other message.
   *
   * @param message the error's message: Python `str(e)`, Java `e.getMessage()`, Go `err.Error()`
   */
  public static ruleOfMessage(message: string): RuleId | undefined {
    return parseRefusals(message)?.[0].rule;
  }

  /**
   * Every refusal stated by the message of an error thrown by this library, sorted by
   * construct path, as `refusalsOf` gives them for the error itself; empty for any
   * other message.
   *
   * @param message the error's message: Python `str(e)`, Java `e.getMessage()`, Go `err.Error()`
   */
  public static refusalsOfMessage(message: string): Refusal[] {
    return parseRefusals(message) ?? [];
  }

  private constructor() {}
}
