import { EVENT_VALUE_READ, eventMayBe, eventParam, isOpenShiftAuthorization, roleRefKind } from '../../private/rbac';
import { EVENT_REPLACES } from '../../private/substitutions';
import { jsString } from '../../private/text';
import { Severity } from '../rule';
import { kindIs, manifestRule, Problem } from '../rule-builders';
import { RuleId } from '../rule-id';

/**
 * What a RoleBinding of OpenShift's authorization.openshift.io group binds: its roleRef's kind is not
 * read, and one without `namespace` (or an empty one) names a ClusterRole (`roleRefKind`), as may one
 * whose namespace an event chooses.
 */
function openShiftRoleRef(binding: any): Problem[] {
  const namespace = binding.roleRef?.namespace;
  const fix = `Set roleRef.namespace to the binding's namespace${typeof binding.metadata?.namespace === 'string' ? ` ("${binding.metadata.namespace}")` : ''} `
    + 'to bind the Role of that namespace, or write the binding as rbac.authorization.k8s.io/v1 with roleRef.kind Role; this rule cannot be relaxed.';
  if (roleRefKind(binding) === 'ClusterRole') {
    return [{
      property: 'roleRef',
      value: jsString(binding.roleRef?.name),
      problem: 'has no namespace: authorization.openshift.io reads it as a ClusterRole, which the binding grants in its namespace',
      fix,
    }];
  }
  const chosen = eventParam(namespace);
  if (chosen !== undefined && eventMayBe(namespace, '')) {
    return [{
      property: 'roleRef.namespace',
      value: jsString(namespace),
      problem: `holds ${chosen}, ${EVENT_REPLACES}: an empty value makes the roleRef a ClusterRole (authorization.openshift.io reads a roleRef without namespace so)`,
      fix,
    }];
  }
  return [];
}

/**
 * Only namespaced RBAC: no ClusterRole (aggregated or not), no ClusterRoleBinding,
 * and no RoleBinding of a ClusterRole (cluster-admin, admin, edit or any other: a
 * ClusterRole is shared and can change under the binding). A RoleBinding of a
 * Role reaches only that namespace's Role, whatever its name; a roleRef kind other
 * than Role or ClusterRole is refused by the API server and binds nothing, but one an event chooses (a
 * TriggerTemplate's `$(tt.params.<name>)`) may be ClusterRole. OpenShift's authorization.openshift.io
 * RoleBinding names a ClusterRole by a roleRef without namespace (`openShiftRoleRef`).
 */
export const RBAC_NAMESPACED = manifestRule(
  {
    id: RuleId.RBAC_NAMESPACED,
    severity: Severity.HIGH,
    title: 'RBAC is namespaced only: no ClusterRole, ClusterRoleBinding or RoleBinding of a ClusterRole',
    rationale: 'A pipeline ServiceAccount bound cluster-wide (the hardening guide\'s first threat) turns any compromised step into a cluster compromise.',
    fix: 'Use a Role and RoleBinding in the pipeline\'s namespace; this rule cannot be relaxed.',
    decidesFrom:
      'The kind of RBAC objects: every ClusterRole (aggregated or not) and ClusterRoleBinding is a finding, and every '
      + 'RoleBinding whose `roleRef.kind` is `ClusterRole`, whatever its name, rules or subjects, or holds a TriggerTemplate\'s '
      + '`$(tt.params.<name>)` that the event\'s value can make `ClusterRole` (Tekton Triggers pastes it into the objects it creates). '
      + 'A RoleBinding of OpenShift\'s `authorization.openshift.io` group is read as openshift-apiserver converts it to RBAC: its '
      + '`roleRef.kind` is not read, and a `roleRef` without `namespace` (or with an empty one, or one a TriggerTemplate\'s param may '
      + 'leave empty) names a ClusterRole (`cluster-admin` binds cluster-admin in the namespace); one with the namespace names that '
      + 'namespace\'s Role.' + EVENT_VALUE_READ,
    limits:
      'It does not tell pipeline identities from others: every cluster-scoped RBAC object checked is refused, including '
      + 'those of other components in the same app or audit input. Bindings already in the cluster, and what the Role a '
      + 'RoleBinding names grants, are not seen here.',
    howToRelax:
      'Cannot be relaxed: no prop, `Relaxations.of(...)` or annotation waives it. Use a Role and RoleBinding in the '
      + "pipeline's namespace (LeastPrivilegeServiceAccount), and keep the cluster-wide RBAC that other components need out "
      + 'of the app and the audited files.',
    relaxable: false,
    appliesTo: kindIs('ClusterRole', 'ClusterRoleBinding', 'RoleBinding'),
  },
  (manifest) => {
    if (manifest?.kind === 'ClusterRole' || manifest?.kind === 'ClusterRoleBinding') {
      return [{ property: 'kind', value: manifest.kind, problem: 'is cluster-scoped' }];
    }
    if (manifest?.kind === 'RoleBinding' && isOpenShiftAuthorization(manifest)) return openShiftRoleRef(manifest);
    if (manifest?.kind === 'RoleBinding' && manifest.roleRef?.kind === 'ClusterRole') {
      return [{ property: 'roleRef', value: `ClusterRole/${jsString(manifest.roleRef.name)}`, problem: 'binds a ClusterRole' }];
    }
    // a TriggerTemplate's param: the event's value, pasted in when Triggers creates the binding
    const chosen = manifest?.kind === 'RoleBinding' ? eventParam(manifest.roleRef?.kind) : undefined;
    if (chosen !== undefined && eventMayBe(manifest.roleRef.kind, 'ClusterRole')) {
      return [{
        property: 'roleRef',
        value: `${jsString(manifest.roleRef.kind)}/${jsString(manifest.roleRef.name)}`,
        problem: `holds ${chosen}, ${EVENT_REPLACES}: the event chooses the kind of role bound, ClusterRole included`,
      }];
    }
    return [];
  },
);
