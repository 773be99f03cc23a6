import { isObject } from '../../private/containers';
import { CONFIG_DEFAULTS_READINGS_TEXT, OPERATOR_DEFAULTS_OF } from '../../private/pods';
import { bindingSubjects, BINDING_SUBJECTS_READ, EVENT_VALUE_READ, eventMayBe, eventParam, eventShape } from '../../private/rbac';
import { defaultServiceAccountProblems } from '../../private/run-accounts';
import { EVENT_REPLACES } from '../../private/substitutions';
import { jsString } from '../../private/text';
import { Severity } from '../rule';
import { kindIs, manifestRule, Problem, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

/** The user of requests without credentials (anonymous authentication, on by default). */
const ANONYMOUS = 'system:anonymous';
/** The ServiceAccount the API server gives a pod that names none (plugin/pkg/admission/serviceaccount). */
const DEFAULT_SERVICE_ACCOUNT = 'default';
/** The user name of a ServiceAccount: `system:serviceaccount:<namespace>:<name>` (k8s.io/apiserver serviceaccount.MakeUsername). */
const SERVICE_ACCOUNT_USER = /^system:serviceaccount:([^:]+):([^:]+)$/;

/** OpenShift's groups that its bootstrap bindings give a cluster-wide role, and Kubernetes' superuser group, by what they are. */
const OPENSHIFT_GROUPS: Readonly<Record<string, string>> = {
  'system:cluster-admins': 'OpenShift\'s group of cluster administrators (ClusterAdminGroup, which its cluster-admins ClusterRoleBinding gives cluster-admin)',
  'system:cluster-readers': 'OpenShift\'s group of cluster readers (ClusterReaderGroup, which its cluster-readers ClusterRoleBinding gives cluster-reader: '
    + 'read access to the whole cluster)',
  'system:node-admins': 'OpenShift\'s group of node administrators (NodeAdminsGroup, which its system:node-admins ClusterRoleBinding gives '
    + 'system:node-admin: every kubelet\'s API)',
  'system:masters': 'the superuser group, every request of which the API server authorizes (OpenShift\'s system:masters ClusterRoleBinding gives it '
    + 'system:master too)',
};

/**
 * Who a group Kubernetes fills itself holds (k8s.io/apiserver: the anonymous
 * authenticator, the ServiceAccount authenticator, the groups every authenticated
 * user gets; OpenShift's `system:authenticated:oauth`, which its OAuth server gives every
 * user it logs in), or what a `system:` group OpenShift binds a cluster-wide role to is for
 * (`system:cluster-admins`, `system:cluster-readers`, `system:node-admins`, OPENSHIFT_GROUPS);
 * undefined for a group of the cluster's identity provider.
 */
function systemGroup(name: string): string | undefined {
  if (name === 'system:unauthenticated') return 'every request without credentials (anonymous requests are on by default)';
  if (name === 'system:authenticated') return 'every authenticated user and ServiceAccount of the cluster';
  // OpenShift's OAuth server puts every user it logs in into this group (openshift-apiserver bootstrappolicy AuthenticatedOAuthGroup)
  if (name === 'system:authenticated:oauth') return 'every user who logs in to the cluster through OpenShift\'s OAuth server';
  if (name === 'system:serviceaccounts') return 'every ServiceAccount of the cluster, every other pipeline\'s included';
  if (name.startsWith('system:serviceaccounts:')) {
    return `every ServiceAccount of namespace '${name.slice('system:serviceaccounts:'.length)}', every other pipeline's there included`;
  }
  // OpenShift's groups (openshift-apiserver pkg/bootstrappolicy constants.go and GetOpenshiftBootstrapClusterRoleBindings), and the
  // superuser group Kubernetes' API server authorizes every request of (authorizerfactory privilegedGroups)
  const openshift = Object.prototype.hasOwnProperty.call(OPENSHIFT_GROUPS, name) ? OPENSHIFT_GROUPS[name] : undefined;
  if (openshift !== undefined) return `${openshift}: whoever the cluster's authentication puts in it (a client certificate's organization, an identity provider, a Group), not a named identity`;
  if (name.startsWith('system:')) return 'a class of identities Kubernetes fills itself (nodes, bootstrappers, components), not a named one';
  return undefined;
}

/**
 * The namespace of the ServiceAccount `account` when a subject names it (a ServiceAccount
 * subject without a namespace is of the binding's, as `appliesToUser` reads it): undefined
 * when it names another identity, '' when the namespace is not known.
 */
function serviceAccountOf(subject: Record<string, any>, bindingNamespace: unknown, account: string): string | undefined {
  if (subject.kind === 'ServiceAccount') {
    if (subject.name !== account) return undefined;
    const ns = typeof subject.namespace === 'string' && subject.namespace !== '' ? subject.namespace : bindingNamespace;
    return typeof ns === 'string' ? ns : '';
  }
  if (subject.kind !== 'User') return undefined;
  const user = SERVICE_ACCOUNT_USER.exec(subject.name);
  return user !== null && user[2] === account ? user[1] : undefined;
}

/**
 * Whom an event may name in a subject that holds its param (`eventParam`), in its kind, name or namespace: the widest identity
 * its values can make, else those its text allows.
 */
function eventSubjects(subject: Record<string, any>): string {
  const may = (value: unknown, target: string) => value === target || eventMayBe(value, target);
  const { kind, name } = subject;
  if (may(kind, 'Group') && may(name, 'system:authenticated')) return 'the group of every user (system:authenticated) included';
  if (may(kind, 'User') && may(name, 'system:anonymous')) {
    return 'anonymous requests (system:anonymous) and any ServiceAccount (system:serviceaccount:<namespace>:<name>) included';
  }
  if (may(kind, 'ServiceAccount') && may(name, 'default')) return 'the default ServiceAccount included';
  if (eventParam(name) !== undefined) return `any ${eventParam(kind) === undefined ? jsString(kind).toLowerCase() : 'subject'} whose name fits "${eventShape(name)}"`;
  if (eventParam(kind) !== undefined) return `a user, group or ServiceAccount named '${name}', whichever the event says`;
  const ns = eventShape(jsString(subject.namespace));
  return `the ${jsString(kind)} '${name}' of any namespace${/^…+$/.test(ns) ? '' : ` whose name fits "${ns}"`}`;
}

/**
 * Bindings grant their role to named identities: no subject is a group Kubernetes fills
 * with a whole class of identities (system:authenticated, system:unauthenticated,
 * system:serviceaccounts[:<namespace>] …), the anonymous user, or a namespace's `default`
 * ServiceAccount, which the API server gives every pod that names none
 * (plugin/pkg/admission/serviceaccount/admission.go), nor, with the objects checked
 * together, the `default-service-account` that config-defaults (or a Tekton operator's
 * TektonConfig) names, which Tekton gives every run that names none, in every namespace
 * (run-accounts.ts `defaultServiceAccounts`). Subjects are matched as the RBAC
 * authorizer's `appliesToUser` matches them (pkg/registry/rbac/validation/rule.go): a
 * Group subject holds every user in the group, a ServiceAccount subject without a
 * namespace is of the binding's, and a User subject `system:serviceaccount:<ns>:<name>`
 * is that ServiceAccount. A subject an event chooses (a TriggerTemplate's `$(tt.params.<name>)` in its kind, name or
 * namespace, which Tekton Triggers replaces with the event's value) may be any of them.
 */
export const RBAC_NAMED_SUBJECTS = manifestRule(
  {
    id: RuleId.RBAC_NAMED_SUBJECTS,
    severity: Severity.HIGH,
    title: 'Bindings grant roles to named identities, never to a group of every user, every ServiceAccount or anonymous requests, or to a default ServiceAccount',
    rationale:
      'A binding to system:authenticated, system:serviceaccounts or system:unauthenticated gives the role to every user, every '
      + 'pod or the whole network: a Role that reads one named Secret, bound so, hands that Secret to anyone who can reach the '
      + 'API server. A binding to the ServiceAccounts of a namespace gives it to every other pipeline there, and one to its '
      + '`default` ServiceAccount (or the one config-defaults names for runs) to every pod (run) there that names no ServiceAccount.',
    fix: 'Bind the role to the ServiceAccount (or named user or group) that needs it.',
    decidesFrom:
      'The `subjects` of RoleBindings and ClusterRoleBindings: a `Group` subject whose name starts with `system:` '
      + '(`system:authenticated`, `system:unauthenticated`, `system:serviceaccounts`, `system:serviceaccounts:<namespace>`, '
      + 'OpenShift\'s `system:authenticated:oauth`, every user its OAuth server logs in, `system:nodes` …), the `User` `system:anonymous`, and a namespace\'s default ServiceAccount (a `ServiceAccount` '
      + 'subject named `default`, of its namespace or the binding\'s, or the `User` `system:serviceaccount:<namespace>:default`), '
      + 'which the API server gives every pod that names no ServiceAccount, are findings; so is, with the objects checked together, the '
      + 'ServiceAccount of that name in any namespace when a config-defaults ConfigMap names it the `default-service-account`, which '
      + 'Tekton gives every run that names none (of several config-defaults checked together that disagree, each one\'s: the cluster '
      + 'keeps one of them). Other ServiceAccounts, other '
      + 'users and the groups of the cluster\'s identity provider pass. A subject whose kind, name or (of a ServiceAccount) namespace holds a TriggerTemplate\'s '
      + '`$(tt.params.<name>)` is a finding too: Tekton Triggers pastes the event\'s value into the objects it creates, so the event chooses '
      + 'who gets the role.' + BINDING_SUBJECTS_READ + OPERATOR_DEFAULTS_OF + CONFIG_DEFAULTS_READINGS_TEXT + EVENT_VALUE_READ,
    limits:
      'What the bound role grants is not weighed (a binding of a harmless role is a finding too), nor how large the groups of '
      + 'the identity provider are. ServiceAccounts of other namespaces pass, and so does a dedicated ServiceAccount that '
      + 'other workloads name too. The default-service-account of config-defaults is known only from the objects checked together '
      + '(a binding checked by itself, or with a config-defaults the API server would refuse, judges `default` alone).',
    howToRelax:
      "Findings are about the whole binding: `{ rule: RuleId.RBAC_NAMED_SUBJECTS, reason: '<why>' }` without a target, given "
      + 'to `Relaxations.of(binding).add(...)` (e.g. a read-only role every user of the cluster needs). In YAML for the audit: '
      + relaxAnnotation(RuleId.RBAC_NAMED_SUBJECTS, '*: <why>') + ' on the binding.',
    relaxable: true,
    appliesTo: kindIs('RoleBinding', 'ClusterRoleBinding'),
  },
  (manifest, context) => bindingSubjects(manifest).flatMap(({ property, subject, value }): Problem[] => {
    if (!isObject(subject) || typeof subject.name !== 'string') return [];
    // a TriggerTemplate's param: the event's value, pasted in when Triggers creates the binding
    // the authorizer reads a subject's namespace for a ServiceAccount only (appliesToUser)
    const namespaced = subject.kind === 'ServiceAccount' || eventMayBe(subject.kind, 'ServiceAccount');
    const chosen = [subject.kind, subject.name, ...(namespaced ? [subject.namespace] : [])].map(eventParam).find((p) => p !== undefined);
    if (chosen !== undefined) {
      return [{
        property,
        value,
        problem: `holds ${chosen}, ${EVENT_REPLACES}: the event chooses who gets the role, ${eventSubjects(subject)}`,
        fix: 'Name the subject in the template, not with a param of the event: the ServiceAccount (or named user or group) that needs the role.',
      }];
    }
    const bindingNamespace = manifest.kind === 'RoleBinding' ? manifest.metadata?.namespace : undefined;
    const defaultOf = serviceAccountOf(subject, bindingNamespace, DEFAULT_SERVICE_ACCOUNT);
    // the ServiceAccount config-defaults gives every run that names none, in every namespace
    // (of several config-defaults that disagree, each: the cluster keeps one of them)
    // (beside a Tekton operator's object, a finding only some readings of its config-defaults have names the reading)
    const tekton = defaultServiceAccountProblems(context?.manifests, (name): Problem[] => {
      const tektonOf = name === DEFAULT_SERVICE_ACCOUNT ? undefined : serviceAccountOf(subject, bindingNamespace, name);
      return tektonOf === undefined ? [] : [{
        property,
        value,
        problem: `grants the role to ServiceAccount '${name}' of ${tektonOf === '' ? 'its namespace' : `namespace '${tektonOf}'`}, `
          + 'which config-defaults names the default-service-account: Tekton runs as it every run there that names no ServiceAccount',
        fix: 'Bind the role to a dedicated ServiceAccount, named by the runs that need it (SecurePipeline creates one), not to the default-service-account of config-defaults.',
      }];
    });
    if (tekton.length > 0) return tekton.slice(0, 1);
    if (defaultOf !== undefined) {
      return [{
        property,
        value,
        problem: `grants the role to the default ServiceAccount of ${defaultOf === '' ? 'its namespace' : `namespace '${defaultOf}'`}, `
          + 'which the API server gives every pod there that names no ServiceAccount (and Tekton every run that names none, '
          + 'unless config-defaults names another)',
        fix: 'Bind the role to a dedicated ServiceAccount, named by the pods or runs that need it (SecurePipeline creates one).',
      }];
    }
    const who = subject.kind === 'Group' ? systemGroup(subject.name)
      : subject.kind === 'User' && subject.name === ANONYMOUS ? 'every request without credentials (anonymous requests are on by default)'
        : undefined;
    if (who === undefined) return [];
    return [{ property, value, problem: `grants the role to ${who}` }];
  }),
);
