import { IConstruct } from 'constructs';
import { checkedRelaxation, relaxationsIn, storeRelaxations } from './engine/relaxation-store';
import { RecordedRelaxation, Relaxation } from './relaxation';
import { RuleId } from './rule-id';

/**
 * Relax rules on any construct, and query the relaxations of a construct tree.
 *
 * A relaxation added to a construct covers every object below it (for example a
 * cdk8s-plus Deployment, a raw `ApiObject`, an imported L1 or one of the
 * library's constructs), limited to its target when it has one.
 *
 * `add` takes `Relaxation` structs as separate arguments: in Python each is a
 * `Relaxation(rule=..., reason=...)` (neither keyword arguments nor a dict), in Java
 * `Relaxation.builder()...build()`. `list()` gives a `List<RecordedRelaxation>` in Java
 * (`getPath()`, `getRule()`, `getTarget()`, `getReason()`), a list in Python, a slice in Go.
 *
 * @example
 * declare const task: SecureTask;
 *
 * const relaxation: Relaxation = { rule: RuleId.IMAGE_DIGEST, target: RelaxationTarget.step('app'), reason: 'the image is promoted by tag in dev only' };
 * Relaxations.of(task).add(relaxation);
 * // every relaxation of the app, each with its construct path, rule, target (none: the whole object) and reason
 * review(Relaxations.of(app).list());
 */
export class Relaxations {
  /** The relaxations of `scope` and every construct beneath it. */
  public static of(scope: IConstruct): Relaxations {
    return new Relaxations(scope);
  }

  private constructor(private readonly scope: IConstruct) {}

  /**
   * Relax rules on this construct and every object below it. Each relaxation is
   * checked now (a relaxable rule, a reason of at least 10 visible characters, a
   * well-formed target) and at synth (it must cover something).
   *
   * @param relaxations one `Relaxation` struct per argument (Python: `add(Relaxation(rule=..., reason=...))`)
   */
  public add(...relaxations: Relaxation[]): Relaxations {
    // refusals name the construct relaxed (its class, e.g. SecureTask or a cdk8s-plus Deployment) and the call
    const construct = (this.scope as object).constructor?.name || 'Construct';
    storeRelaxations(this.scope, relaxations.map((r, i) =>
      checkedRelaxation(r, { construct, path: this.scope.node.path, property: `Relaxations.add[${i}]` })));
    return this;
  }

  /** Every relaxation recorded in the tree, in construct order (including those the library derives, such as API grants). */
  public list(): RecordedRelaxation[] {
    return this.scope.node.findAll().flatMap((c) => relaxationsIn(c)).map((r) => ({
      rule: r.rule,
      reason: r.reason,
      path: r.path,
      ...(r.target !== undefined ? { target: r.target } : {}),
    }));
  }

  /** The recorded relaxations of one rule. */
  public forRule(rule: RuleId): RecordedRelaxation[] {
    return this.list().filter((r) => r.rule === rule);
  }
}
