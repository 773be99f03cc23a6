import { IConstruct } from 'constructs';
import { SecureTektonError } from '../policy/errors';
import { RuleId } from '../policy/rule-id';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Whether `name` is a DNS-1123 label (lower-case alphanumerics and '-', at most 63 characters). */
export function isDns1123Label(name: string): boolean {
  return name.length <= 63 && DNS1123_LABEL.test(name);
}

/** Throws unless `name` is a DNS-1123 label. */
export function checkName(construct: IConstruct, constructKind: string, property: string, name: string, location?: string): void {
  if (!isDns1123Label(name)) {
    throw new SecureTektonError({
      construct: constructKind,
      path: construct.node.path,
      location,
      property,
      value: name,
      problem: 'is not a DNS-1123 label',
      rule: RuleId.VALID_NAME,
      fix: 'Use at most 63 lower-case letters, digits and "-", starting and ending with a letter or digit.',
    });
  }
}

/** Throws on the first name that appears twice. */
export function checkUnique(construct: IConstruct, constructKind: string, property: string, names: readonly string[], location?: string): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) {
      throw new SecureTektonError({
        construct: constructKind,
        path: construct.node.path,
        location,
        property,
        value: name,
        problem: 'is declared twice',
        rule: property === 'tasks' ? RuleId.VALID_DAG : RuleId.VALID_NAME,
        fix: 'Give each one a distinct name.',
      });
    }
    seen.add(name);
  }
}
