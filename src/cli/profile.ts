/**
 * Audit profiles: which findings a profile accepts on purpose.
 *
 * - `strict` (the default) accepts nothing: every finding counts.
 * - `platform` is for auditing a cluster's platform install (Tekton Pipelines', Triggers'
 *   and Chains' own release manifests) together with the pipelines: the RBAC rules are
 *   written for pipeline identities, and the controllers and webhooks of the platform
 *   namespaces need cluster-wide roles by design. Under this profile the RBAC findings of
 *   an RBAC object that only the platform namespaces' ServiceAccounts hold are accepted:
 *   - a RoleBinding or ClusterRoleBinding whose subjects are all ServiceAccounts of
 *     platform namespaces (a subject without a namespace is in the binding's; a User
 *     subject `system:serviceaccount:<namespace>:<name>` is that ServiceAccount, as the
 *     RBAC authorizer reads it) and whose
 *     role is among the audited objects (an RBAC Role or ClusterRole, not one of Kubernetes'
 *     own ClusterRoles: a binding to `cluster-admin`, or to any role whose rules are not seen,
 *     is judged as in `strict`);
 *   - a Role or ClusterRole that at least one binding among the audited objects binds, that
 *     only such platform bindings bind, and (a ClusterRole) that no aggregation label folds
 *     into the roles users get (`rbac.authorization.k8s.io/aggregate-to-*`).
 *   OpenShift's `authorization.openshift.io` objects are RBAC objects too, their bindings read as
 *   openshift-apiserver converts them (a roleRef without namespace names a ClusterRole; `userNames`
 *   and `groupNames`, when set, are the subjects, a user name `system:serviceaccount:<namespace>:<name>`
 *   being that ServiceAccount).
 *   A Role and a RoleBinding of which either has no namespace may meet wherever they are
 *   applied: such a binding counts as a binder of every Role of its name.
 *   Where an object is does not matter: a RoleBinding in `tekton-chains` that grants
 *   `system:authenticated` the Secrets there (Chains' signing key) is judged as in `strict`.
 *   Everything else, other rules on the same objects included, is judged as in `strict`.
 */
import { RuleId } from '../policy/rule-id';
import { sameNamespace } from '../private/namespaces';
import { bindingSubjects, isOpenShiftAuthorization, roleRefKind, serviceAccountOfUserName } from '../private/rbac';
import { PLATFORM_NAMESPACES } from '../private/tekton-config';
import { jsString } from '../private/text';

/** The profiles. */
export type AuditProfile = 'strict' | 'platform';

export { PLATFORM_NAMESPACES };

/** The rules written for pipeline identities, which the platform profile does not apply to the platform's own RBAC. */
export const PLATFORM_RBAC_RULES: ReadonlySet<string> = new Set([
  RuleId.RBAC_NAMESPACED, RuleId.RBAC_NO_WILDCARD, RuleId.RBAC_NO_SECRET_LISTING, RuleId.RBAC_NO_ESCALATION,
]);

const AGGREGATE_LABEL = /^rbac\.authorization\.k8s\.io\/aggregate-to-/;
/** Kubernetes' own ClusterRoles: the API server reconciles them at start, whatever a file says. */
const BUILT_IN_CLUSTER_ROLE = /^(?:cluster-admin|admin|edit|view)$|^system:/;
const isRbac = (m: any): boolean => (typeof m?.apiVersion === 'string' && m.apiVersion.startsWith('rbac.authorization.k8s.io/')) || isOpenShiftAuthorization(m);
const builtIn = (m: any): boolean => m?.kind === 'ClusterRole' && BUILT_IN_CLUSTER_ROLE.test(jsString(m.metadata?.name ?? ''));

const isObject = (x: unknown): x is Record<string, any> => x !== null && typeof x === 'object' && !Array.isArray(x);

/**
 * For each manifest, why the profile accepts its RBAC findings (undefined: it does not).
 * Decided from all the manifests audited together (bindings tell who holds a ClusterRole).
 */
export function platformAcceptance(manifests: readonly any[], namespaces: readonly string[] = PLATFORM_NAMESPACES): (string | undefined)[] {
  const platform = new Set(namespaces);
  const nsOf = (m: any): string | undefined => (typeof m?.metadata?.namespace === 'string' && m.metadata.namespace !== '' ? m.metadata.namespace : undefined);
  // the namespace of the ServiceAccount a subject is (a User `system:serviceaccount:<ns>:<name>` is that ServiceAccount)
  const accountNamespace = (s: unknown, binding: any): string | undefined => {
    if (!isObject(s)) return undefined;
    if (s.kind === 'User') return serviceAccountOfUserName(s.name)?.namespace;
    if (s.kind !== 'ServiceAccount') return undefined;
    return typeof s.namespace === 'string' && s.namespace !== '' ? s.namespace : nsOf(binding);
  };
  const platformSubjects = (binding: any): boolean => {
    const subjects = bindingSubjects(binding).map(({ subject }) => subject);
    return subjects.length > 0 && subjects.every((s) => platform.has(accountNamespace(s, binding) ?? ''));
  };
  /** A binding may grant a Role when they share a name and may share a namespace (either without one lands where it is applied). */
  const grants = (binding: any, role: any): boolean => {
    const ref = binding?.roleRef;
    if (typeof ref?.name !== 'string' || ref.name !== role.metadata?.name || roleRefKind(binding) !== role.kind) return false;
    if (role.kind === 'ClusterRole') return true;
    return binding.kind === 'RoleBinding' && sameNamespace(nsOf(binding), nsOf(role));
  };
  // roles the API server would take from these files: RBAC objects, not Kubernetes' own ClusterRoles
  // (cluster-admin, admin, edit, view, system:*), which it reconciles back whatever a file says
  const audited = manifests.filter((m) => (m?.kind === 'Role' || m?.kind === 'ClusterRole') && isRbac(m) && !builtIn(m));
  const bindings = manifests.filter((m) => m?.kind === 'ClusterRoleBinding' || m?.kind === 'RoleBinding');
  // every binding that may grant the role binds only platform ServiceAccounts, and one does
  const boundOnlyByPlatform = (role: any): boolean => {
    const binders = bindings.filter((b) => grants(b, role));
    return binders.length > 0 && binders.every(platformSubjects);
  };
  return manifests.map((m) => {
    switch (m?.kind) {
      case 'RoleBinding':
      case 'ClusterRoleBinding': {
        // every role it may grant is audited (a binding to a role whose rules are not seen is judged as in strict)
        const granted = audited.filter((r) => grants(m, r));
        return platformSubjects(m) && granted.length > 0 ? 'binds only ServiceAccounts of platform namespaces' : undefined;
      }
      case 'Role':
        return isRbac(m) && boundOnlyByPlatform(m) ? 'bound only to ServiceAccounts of platform namespaces' : undefined;
      case 'ClusterRole': {
        const labels = isObject(m.metadata?.labels) ? Object.keys(m.metadata.labels) : [];
        if (labels.some((l) => AGGREGATE_LABEL.test(l)) || builtIn(m) || !isRbac(m)) return undefined;
        return boundOnlyByPlatform(m) ? 'bound only to ServiceAccounts of platform namespaces' : undefined;
      }
      default:
        return undefined;
    }
  });
}
