import { asArray } from '../../private/containers';
import { Severity } from '../rule';
import { kindIs, manifestRule, Problem } from '../rule-builders';
import { RuleId } from '../rule-id';

/** Every egress rule names a destination and ports. */
export const EGRESS_SCOPED = manifestRule(
  {
    id: RuleId.EGRESS_SCOPED,
    severity: Severity.MEDIUM,
    title: 'Every egress rule names a destination and ports',
    rationale: 'In a NetworkPolicy a rule without `to` allows every destination, and one without `ports` every port: each silently widens an allow-list.',
    fix: 'Give each allowance a peer and at least one port.',
    relaxable: true,
    appliesTo: kindIs('NetworkPolicy'),
  },
  (manifest) => {
    if (manifest?.kind !== 'NetworkPolicy') return [];
    return asArray(manifest.spec?.egress).flatMap((rule, i) => {
      const problems: Problem[] = [];
      if (asArray(rule?.to).length === 0) problems.push({ location: `egress[${i}]`, property: 'to', problem: 'is empty, so every destination is allowed' });
      if (asArray(rule?.ports).length === 0) problems.push({ location: `egress[${i}]`, property: 'ports', problem: 'is empty, so every port is allowed' });
      return problems;
    });
  },
);
