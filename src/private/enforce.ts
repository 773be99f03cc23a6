import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { RuleCatalogue } from '../policy/catalogue';
import { SecureTektonError } from '../policy/errors';
import { RecordedRelaxation } from '../policy/relaxation';
import { Finding } from '../policy/rule';

/** Whether a finding is waived by one of the relaxations (same rule, and the same target when scoped). */
export function isRelaxed(finding: Finding, relaxations: readonly RecordedRelaxation[]): boolean {
  return relaxations.some((r) => r.rule === finding.rule && (r.target === undefined || r.target === finding.target));
}

/** The library's error for a finding of the catalogue, attributed to a construct. */
export function findingError(construct: IConstruct, constructKind: string, f: Finding): SecureTektonError {
  return new SecureTektonError({
    construct: constructKind,
    path: construct.node.path,
    location: f.location,
    property: f.property,
    value: f.value,
    problem: f.problem,
    rule: f.rule,
    fix: f.fix ?? RuleCatalogue.find(f.rule)?.fix ?? '',
  });
}

/**
 * At synth (before anything is written), run the rule catalogue over the objects a
 * construct emits and throw the first finding its relaxations do not waive.
 */
export function enforceCatalogue(
  construct: IConstruct,
  constructKind: string,
  objects: () => ApiObject[],
  relaxations: () => readonly RecordedRelaxation[],
): void {
  construct.node.addValidation({
    validate: () => {
      for (const obj of objects()) {
        const open = RuleCatalogue.check(obj.toJson()).filter((f) => !isRelaxed(f, relaxations()));
        if (open.length > 0) throw findingError(construct, constructKind, open[0]);
      }
      return [];
    },
  });
}
