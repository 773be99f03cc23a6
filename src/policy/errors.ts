import { Refusal } from './refusal';
import { RuleId } from './rule-id';
import { quoted, safeText } from '../private/text';

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

/** One line: `<construct> '<path>' <location>: <property> "<value>" <problem> [<RULE>]. <fix>`; never throws. */
export function formatRefusal(p: SecureTektonErrorProps): string {
  const text = (x: unknown) => (typeof x === 'string' ? x : safeText(x));
  const where = p.location !== undefined && p.location !== '' ? ` ${text(p.location)}` : '';
  const value = p.value !== undefined ? ` ${quoted(p.value)}` : '';
  return `${text(p.construct)} '${text(p.path)}'${where}: ${text(p.property)}${value} ${text(p.problem)} [${text(p.rule)}]. ${text(p.fix)}`;
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
      : [`${lines.length} findings; nothing was written:`, ...lines.map((l) => `  ${l}`)].join('\n'));
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
 */
export class SecureTektonErrors {
  /** Whether `x` is an error thrown by this library. */
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

  private constructor() {}
}
