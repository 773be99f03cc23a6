import { asArray } from '../../private/containers';
import { manifestNamespace, sameNamespace } from '../../private/namespaces';
import { Severity } from '../rule';
import { kindIs, manifestRule, Problem, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

function isObject(x: any): boolean {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

/** Whether a label selector selects every pod: absent, or without a label or an expression. */
function selectsAll(selector: any): boolean {
  if (selector === undefined || selector === null) return true;
  if (!isObject(selector)) return false;
  const labels = selector.matchLabels;
  const expressions = selector.matchExpressions;
  const noLabels = labels === undefined || labels === null || (isObject(labels) && Object.keys(labels).length === 0);
  const noExpressions = expressions === undefined || expressions === null || (Array.isArray(expressions) && expressions.length === 0);
  return noLabels && noExpressions;
}

/**
 * The directions a NetworkPolicy isolates, as the API server defaults `policyTypes`:
 * when it is empty, Ingress always, and Egress when the policy has egress rules.
 */
function policyTypes(spec: any): string[] {
  const written = asArray(spec?.policyTypes).map(String);
  if (written.length > 0) return written;
  return asArray(spec?.egress).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** Whether a NetworkPolicy denies `direction` to every pod of its namespace: it selects all pods, isolates them that way and allows nothing. */
function deniesAll(policy: any, direction: 'Ingress' | 'Egress'): boolean {
  const spec = policy?.spec;
  if (!isObject(spec) || !selectsAll(spec.podSelector)) return false;
  if (!policyTypes(spec).includes(direction)) return false;
  const rules = spec[direction === 'Ingress' ? 'ingress' : 'egress'];
  return rules === undefined || rules === null || (Array.isArray(rules) && rules.length === 0);
}

/**
 * Every pod of a namespace is denied all ingress and egress by a NetworkPolicy that
 * selects all of them and allows nothing: the pipeline's EgressPolicy selects its own
 * labelled pods only, and a bare TaskRun, a run with an inline spec or a pod made
 * outside the pipeline would otherwise reach everything.
 */
export const NAMESPACE_DEFAULT_DENY = manifestRule(
  {
    id: RuleId.NAMESPACE_DEFAULT_DENY,
    severity: Severity.MEDIUM,
    title: 'Namespaces deny all ingress and egress to their pods by default',
    rationale:
      "A pod that no NetworkPolicy selects may connect anywhere. A pipeline's EgressPolicy selects the pods Tekton labels for "
      + 'that pipeline; a TaskRun created by hand, a run with an inline spec, a pipeline added later or a debugging pod in the '
      + 'same namespace is selected by nothing and reaches the cluster and the internet, credentials included.',
    fix: "Add a NetworkPolicy to the namespace with podSelector: {}, policyTypes: [Ingress, Egress] and no rules (HardenedNamespace emits one, 'default-deny'); allow what each task needs with EgressPolicy.",
    decidesFrom:
      'Every Namespace checked, against the NetworkPolicies (networking.k8s.io) checked with it in that namespace (a policy '
      + 'without a namespace counts for any): for Ingress and for Egress, one policy must select every pod (`podSelector` '
      + 'absent or `{}`, no `matchLabels` or `matchExpressions`), isolate that direction (its `policyTypes`, defaulted as the '
      + 'API server does: Ingress always, Egress only when the policy has egress rules) and allow nothing in it (no '
      + '`ingress` or `egress` rule; a rule `{}` allows everything). Policies are additive: a policy that selects every pod '
      + 'and allows some traffic is an allow-list, not a deny, and does not count.',
    limits:
      'Only Namespaces in the app or the audit input are judged, each of them: runs created later (by triggers) may run in '
      + "any of them, so the rule does not look for Tekton objects first. Whether the cluster's network plugin enforces "
      + 'NetworkPolicies, and cluster-wide policies of a plugin (AdminNetworkPolicy, Calico or Cilium global policies), are not seen.',
    howToRelax:
      "`{ rule: RuleId.NAMESPACE_DEFAULT_DENY, reason: '<why>' }` without a target, given to the HardenedNamespace's "
      + '`relaxations` (it then emits no default-deny policy) or to `Relaxations.of(construct).add(...)`. In YAML for the '
      + 'audit: ' + relaxAnnotation(RuleId.NAMESPACE_DEFAULT_DENY, '*: <why>') + ' on the Namespace.',
    relaxable: true,
    appliesTo: kindIs('Namespace'),
  },
  (manifest, context) => {
    if (context === undefined || manifest?.kind !== 'Namespace') return [];
    const name = manifest.metadata?.name;
    if (typeof name !== 'string' || name === '') return [];
    const policies = context.manifests.filter((m) => m?.kind === 'NetworkPolicy'
      && (m.apiVersion === undefined || /^networking\.k8s\.io\//.test(String(m.apiVersion)))
      && sameNamespace(manifestNamespace(m), name));
    const problems: Problem[] = [];
    for (const direction of ['Ingress', 'Egress'] as const) {
      if (policies.some((p) => deniesAll(p, direction))) continue;
      const rules = direction === 'Ingress' ? 'ingress' : 'egress';
      problems.push({
        location: `direction '${direction}'`,
        property: 'NetworkPolicy',
        problem: `that denies all ${rules} to every pod of namespace '${name}' (podSelector: {}, policyTypes ${direction}, no ${rules} rule) is missing, `
          + `so a pod no other policy selects (a bare TaskRun, a run with an inline spec) ${direction === 'Ingress' ? 'accepts any connection' : 'may connect anywhere'}`,
      });
    }
    return problems;
  },
);
