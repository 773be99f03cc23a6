import { RuleId } from './rule-id';

/**
 * How much a violated rule matters.
 */
export enum Severity {
  /** Direct path to compromise of the cluster, credentials or artifacts. */
  HIGH = 'high',
  /** Weakens isolation or widens the blast radius of another flaw. */
  MEDIUM = 'medium',
  /** Hygiene: makes other flaws harder to exploit or easier to see. */
  LOW = 'low',
}

/**
 * One violation of a rule, found in one synthesized object.
 */
export interface Finding {
  /** The rule that is violated. */
  readonly rule: RuleId;
  /** `kind` of the object. */
  readonly kind: string;
  /** `metadata.name` (or `generateName`) of the object. */
  readonly name: string;
  /** Where inside the object, e.g. `step 'compile'`. @default - the object itself */
  readonly location?: string;
  /**
   * The part of the object the finding is about, as a relaxation target path
   * (`step/compile`, `task/push`, `flag/disable-creds-init` …); a relaxation with
   * a target covers findings at that path or below it.
   * @default - the whole object
   */
  readonly target?: string;
  /** The field that holds the bad value, e.g. `image` or `securityContext.runAsUser`. */
  readonly property: string;
  /** The offending value. @default - the field is missing */
  readonly value?: string;
  /**
   * What the finding says its object grants, where its value does not say it: the verbs with
   * which an RBAC rule reaches what the finding is about (`get, list, watch`, sorted). The
   * audit's baselines and SARIF fingerprints identify a finding by it too, so that a widened
   * grant is a new finding.
   * @default - the value says it, or the finding grants nothing
   */
  readonly granted?: string;
  /** What is wrong, e.g. `is not pinned by digest`. */
  readonly problem: string;
  /** How to fix this finding, when more specific than the rule's fix. @default - the rule's `fix` */
  readonly fix?: string;
}

/**
 * What a rule may know beyond the manifest it checks: the other objects checked
 * with it (the whole app at synth, every file given to the audit) and what the
 * library's model says about them.
 */
export interface IRuleContext {
  /** Every manifest checked together. */
  readonly manifests: any[];
  /**
   * Names of a Pipeline's workspaces that carry credentials: those the library
   * declared with the credentials trust domain, and those that runs bind to
   * Secrets, CSI volumes or projected volumes.
   */
  credentialWorkspaces(pipeline: any): string[];
}

/**
 * A security rule: a pure function over one synthesized manifest.
 *
 * The constructs run every rule at synth; the same rules audit YAML that was not
 * made with this library.
 */
export interface IRule {
  /** Stable ID; relaxations name it. */
  readonly id: RuleId;
  /** How much a violation matters. */
  readonly severity: Severity;
  /** The positive statement the rule checks. */
  readonly title: string;
  /** Why it matters. */
  readonly rationale: string;
  /** How to fix a violation (the end of every error message). */
  readonly fix: string;
  /**
   * What the rule reads to decide: which objects and fields, and how it reads
   * them (e.g. quantities as the API server parses them).
   * @default - not documented
   */
  readonly decidesFrom?: string;
  /**
   * What the rule does not see or decide: objects it does not read, what it
   * accepts without proof, what only the cluster knows.
   * @default - not documented
   */
  readonly limits?: string;
  /**
   * For a relaxable rule, the relaxation that waives one of its findings (rule,
   * reason and target) and where to give it; otherwise what to do instead.
   * @default - not documented
   */
  readonly howToRelax?: string;
  /** Whether a relaxation with a reason may waive it. */
  readonly relaxable: boolean;
  /** Whether the rule looks at this manifest at all (otherwise it is not applicable to it). */
  appliesTo(manifest: any): boolean;
  /**
   * Findings in one manifest (a plain Kubernetes object); empty when it complies or the rule does not apply.
   * @param context the other objects checked together; without it, the manifest is checked alone.
   */
  check(manifest: any, context?: IRuleContext): Finding[];
}
