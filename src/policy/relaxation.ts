import { IConstruct } from 'constructs';
import { RuleId } from './rule-id';
import { RECORDS } from '../private/relaxation-records';

/**
 * An explicit, reasoned waiver of one rule.
 *
 * @example
 * { rule: RuleId.RUN_AS_NON_ROOT, reason: 'kaniko unpacks the base image as root' }
 */
export interface Relaxation {
  /** The rule to relax. */
  readonly rule: RuleId;
  /** Why; at least 10 characters. It is written into the YAML and the posture report. */
  readonly reason: string;
}

/**
 * A relaxation as recorded on a construct.
 */
export interface RecordedRelaxation {
  /** The relaxed rule. */
  readonly rule: RuleId;
  /** The reason given. */
  readonly reason: string;
  /** Construct path of the construct it was given to. */
  readonly path: string;
  /** Name of the step or task it is limited to. @default - the whole construct */
  readonly target?: string;
}

/**
 * Query the relaxations recorded in a construct tree.
 *
 * @example
 * Relaxations.of(app).list().forEach((r) => console.log(r.rule, r.reason));
 */
export class Relaxations {
  /** The relaxations recorded on `scope` and every construct beneath it. */
  public static of(scope: IConstruct): Relaxations {
    return new Relaxations(scope);
  }

  private constructor(private readonly scope: IConstruct) {}

  /** Every recorded relaxation, in construct order. */
  public list(): RecordedRelaxation[] {
    return this.scope.node.findAll().flatMap((c) => RECORDS.get(c) ?? []);
  }

  /** The recorded relaxations of one rule. */
  public forRule(rule: RuleId): RecordedRelaxation[] {
    return this.list().filter((r) => r.rule === rule);
  }
}
