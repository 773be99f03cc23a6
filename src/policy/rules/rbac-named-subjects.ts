import { asArray, isObject } from '../../private/containers';
import { Severity } from '../rule';
import { kindIs, manifestRule, Problem, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

/** The user of requests without credentials (anonymous authentication, on by default). */
const ANONYMOUS = 'system:anonymous';

/**
 * Who a group Kubernetes fills itself holds (k8s.io/apiserver: the anonymous
 * authenticator, the ServiceAccount authenticator, the groups every authenticated
 * user gets); undefined for a group of the cluster's identity provider.
 */
function systemGroup(name: string): string | undefined {
  if (name === 'system:unauthenticated') return 'every request without credentials (anonymous requests are on by default)';
  if (name === 'system:authenticated') return 'every authenticated user and ServiceAccount of the cluster';
  if (name === 'system:serviceaccounts') return 'every ServiceAccount of the cluster, every other pipeline\'s included';
  if (name.startsWith('system:serviceaccounts:')) {
    return `every ServiceAccount of namespace '${name.slice('system:serviceaccounts:'.length)}', every other pipeline's there included`;
  }
  if (name.startsWith('system:')) return 'a class of identities Kubernetes fills itself (nodes, bootstrappers, components), not a named one';
  return undefined;
}

/**
 * Bindings grant their role to named identities: no subject is a group Kubernetes fills
 * with a whole class of identities (system:authenticated, system:unauthenticated,
 * system:serviceaccounts[:<namespace>] …) or the anonymous user. Subjects are matched as
 * the RBAC authorizer's `appliesToUser` matches them (pkg/registry/rbac/validation/rule.go):
 * a Group subject holds every user in the group.
 */
export const RBAC_NAMED_SUBJECTS = manifestRule(
  {
    id: RuleId.RBAC_NAMED_SUBJECTS,
    severity: Severity.HIGH,
    title: 'Bindings grant roles to named identities, never to a group of every user, every ServiceAccount or anonymous requests',
    rationale:
      'A binding to system:authenticated, system:serviceaccounts or system:unauthenticated gives the role to every user, every '
      + 'pod or the whole network: a Role that reads one named Secret, bound so, hands that Secret to anyone who can reach the '
      + 'API server. A binding to the ServiceAccounts of a namespace gives it to every other pipeline there.',
    fix: 'Bind the role to the ServiceAccount (or named user or group) that needs it.',
    decidesFrom:
      'The `subjects` of RoleBindings and ClusterRoleBindings: a `Group` subject whose name starts with `system:` '
      + '(`system:authenticated`, `system:unauthenticated`, `system:serviceaccounts`, `system:serviceaccounts:<namespace>`, '
      + '`system:nodes` …), and the `User` `system:anonymous`, are findings. ServiceAccounts, other users and the groups of '
      + 'the cluster\'s identity provider pass.',
    limits:
      'What the bound role grants is not weighed (a binding of a harmless role is a finding too), nor how large the groups of '
      + 'the identity provider are. ServiceAccounts of other namespaces pass.',
    howToRelax:
      "Findings are about the whole binding: `{ rule: RuleId.RBAC_NAMED_SUBJECTS, reason: '<why>' }` without a target, given "
      + 'to `Relaxations.of(binding).add(...)` (e.g. a read-only role every user of the cluster needs). In YAML for the audit: '
      + relaxAnnotation(RuleId.RBAC_NAMED_SUBJECTS, '*: <why>') + ' on the binding.',
    relaxable: true,
    appliesTo: kindIs('RoleBinding', 'ClusterRoleBinding'),
  },
  (manifest) => asArray(manifest.subjects).flatMap((subject, i): Problem[] => {
    if (!isObject(subject) || typeof subject.name !== 'string') return [];
    const who = subject.kind === 'Group' ? systemGroup(subject.name)
      : subject.kind === 'User' && subject.name === ANONYMOUS ? 'every request without credentials (anonymous requests are on by default)'
        : undefined;
    if (who === undefined) return [];
    return [{ property: `subjects[${i}]`, value: `${subject.kind} ${subject.name}`, problem: `grants the role to ${who}` }];
  }),
);
