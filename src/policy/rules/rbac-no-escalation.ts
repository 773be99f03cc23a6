import { asArray } from '../../private/containers';
import { rbacRulesOf } from '../../private/rbac';
import { Severity } from '../rule';
import { kindIs, manifestRule } from '../rule-builders';
import { RuleId } from '../rule-id';

const ESCALATION_VERBS = new Set(['bind', 'escalate', 'impersonate']);
const ESCALATION_RESOURCES = new Set(['pods/exec', 'pods/attach', 'serviceaccounts/token']);

/** No verbs or subresources that grant more than they name. */
export const RBAC_NO_ESCALATION = manifestRule(
  {
    id: RuleId.RBAC_NO_ESCALATION,
    severity: Severity.HIGH,
    title: 'No escalation verbs (bind, escalate, impersonate) or exec/attach/token subresources',
    rationale: 'These grant other identities\' permissions: binding any role, acting as another user, running commands in other pods or minting their tokens.',
    fix: 'Remove the verb or subresource.',
    relaxable: true,
    appliesTo: kindIs('Role', 'ClusterRole'),
  },
  (manifest) => rbacRulesOf(manifest).flatMap(({ location, rule }) => [
    ...asArray(rule?.verbs).filter((v) => ESCALATION_VERBS.has(v)).map((v) => ({ location, property: 'verbs', value: v, problem: 'is an escalation verb' })),
    ...asArray(rule?.resources).filter((r) => ESCALATION_RESOURCES.has(r)).map((r) => ({ location, property: 'resources', value: r, problem: 'is an escalation subresource' })),
  ]),
);
