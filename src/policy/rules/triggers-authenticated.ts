import { apiGroupOf, asArray, isObject } from '../../private/containers';
import { otherSpelling } from '../../private/go-json';
import { manifestsOfKind } from '../../private/manifest-index';
import { mayShareNamespace } from '../../private/namespaces';
import { jsString } from '../../private/text';
import { judged, namesOf, NULL_GROUP_ENTRY_FIX, readsAs, spelledProblem } from '../../private/trigger-interceptors';
import { Picks, selectorPicks, triggerSelectorPicks } from '../../private/trigger-selection';
import { SECRET_FILTER_DEPTH, SECRET_FILTER_MAX, TRIGGERS_GROUP } from '../../private/triggers';
import { IRuleContext, Severity } from '../rule';
import { manifestRule, Problem, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

const FIX = "Add the interceptor of the events' source with the webhook secret, e.g. interceptors: [{ ref: { name: 'github' }, params: "
  + "[{ name: 'secretRef', value: { secretName: '<Secret>', secretKey: '<key>' } }] }] (gitlab and bitbucket take the same secretRef).";

/** A finding on a key spelled otherwise than the field Triggers reads it as. */
function spelledOtherwise(at: string, key: string, field: string): Problem {
  return { property: at, value: key, problem: spelledProblem(key, field), fix: `Write the key as '${field}', once.` };
}

/** Why the interceptors at `at` let anyone who reaches the listener start the trigger, or undefined. */
function unverified(interceptors: unknown, at: string, v1alpha1: boolean, what: string): Problem | undefined {
  const { all, checks } = judged(interceptors, at, v1alpha1);
  if (checks.some((c) => c === undefined)) return undefined;
  const named = namesOf(all);
  const first = checks.find((c) => c !== null && c !== undefined);
  return {
    property: first?.at ?? at,
    // the filter or secretRef the finding is at, else the interceptors the trigger runs
    value: first?.value ?? (named.length > 0 ? named.join(', ') : '(none)'),
    problem: `${first ? `${first.problem}; ` : ''}no interceptor of ${what} checks who sent the event (a github, gitlab or bitbucket `
      + "ClusterInterceptor with the webhook secret, or a cel one whose filter requires header.canonical('<header>').compareSecret('<key>', '<Secret>')), "
      + 'so anyone who can reach the EventListener starts its runs with a body and params of their choosing',
    fix: FIX,
  };
}

/** The kinds that say where an interceptor listens (`spec.clientConfig`). */
const INTERCEPTOR_KINDS = ['ClusterInterceptor', 'Interceptor'];

/**
 * An interceptor reached over plain http: Triggers v0.37's sink posts it each event's InterceptorRequest (the body and every
 * header of the request, a GitLab webhook token among them; pkg/interceptors Execute) to `spec.clientConfig.url` as written
 * (ResolveAddress), and runs or stops the trigger on the answer (`continue`, and the `extensions` its bindings read).
 */
function plainInterceptor(manifest: any): Problem[] {
  const config = isObject(manifest.spec) && isObject(manifest.spec.clientConfig) ? manifest.spec.clientConfig : undefined;
  const url = config?.url;
  // Go's url.Parse reads the scheme in any case
  if (typeof url !== 'string' || !/^http:/i.test(url)) return [];
  return [{
    property: 'spec.clientConfig.url',
    value: url,
    problem: 'is plain http: the EventListener sends this interceptor the body and every header of each event a trigger runs it for (a GitLab '
      + "webhook token, a sender's Authorization header) in clear, and runs or stops the trigger, with the extensions its bindings read, on an "
      + 'answer anyone on the network path can read or forge',
    fix: 'Serve the interceptor over TLS: an https url, or clientConfig.service with the caBundle that verifies its certificate.',
  }];
}

/** The fix of a namespaceSelector that lists the Triggers of other namespaces. */
const NAMESPACE_SELECTOR_FIX = "List only the EventListener's own namespace (namespaceSelector: {matchNames: ['<its namespace>']}), or leave "
  + "namespaceSelector out and pick this namespace's Triggers with a labelSelector; a namespace whose Triggers it must run gets an "
  + 'EventListener of its own.';

/**
 * The namespaceSelectors of an EventListener (its own and, v1beta1, each trigger group's `triggerSelector`) that list the Triggers
 * of other namespaces, as Triggers' sink reads `matchNames` (pkg/sink selectTriggers): exactly `['*']` is every namespace, other
 * names those namespaces. The sink runs each Trigger it lists with the listener's own ServiceAccount (or the one the Trigger
 * names: CreateResources), creating what its template says where the template says, so whoever may write a Trigger in such a
 * namespace, one no check of this listener's namespace reads, makes runs with this listener's credentials (with interceptors of
 * their choosing, or none). A name is read against the listener's namespace only where it has one.
 */
function foreignNamespaces(spec: Record<string, any>, namespace: unknown, v1alpha1: boolean): Problem[] {
  const own = typeof namespace === 'string' && namespace !== '' ? namespace : undefined;
  const selectors: Array<[string, unknown]> = [['spec.namespaceSelector', spec.namespaceSelector]];
  if (!v1alpha1) {
    asArray(spec.triggerGroups).forEach((g: any, i: number) => {
      if (isObject(g) && isObject(g.triggerSelector)) selectors.push([`spec.triggerGroups[${i}].triggerSelector.namespaceSelector`, g.triggerSelector.namespaceSelector]);
    });
  }
  return selectors.flatMap(([at, selector]): Problem[] => {
    const names = isObject(selector) && Array.isArray(selector.matchNames) ? selector.matchNames : [];
    const every = names.length === 1 && names[0] === '*';
    const foreign = every ? names : names.filter((n: unknown) => own !== undefined && n !== own);
    if (foreign.length === 0) return [];
    const listed = every ? 'the Triggers of every namespace (matchNames exactly [\'*\'])'
      : `the Triggers of ${foreign.map((n: unknown) => `'${jsString(String(n))}'`).join(', ')}, not the EventListener's own namespace '${jsString(own!)}'`;
    return [{
      property: `${at}.matchNames`,
      value: names.map((n: unknown) => jsString(String(n))).join(', '),
      problem: `lists ${listed}: Triggers' sink runs each with the EventListener's own ServiceAccount (or the one the Trigger names), `
        + "creating what the Trigger's template says where it says, so whoever may write a Trigger there, which no check of this namespace "
        + 'reads, starts runs with these credentials, with interceptors of their choosing or none',
      fix: NAMESPACE_SELECTOR_FIX,
    }];
  });
}

/**
 * The null interceptor entries of an EventListener's trigger groups (v1beta1) that an event reaches
 * before any interceptor checks who sent it. Triggers' webhooks admit them, and the sink, which
 * runs each group in a goroutine of its own that recovers nothing (pkg/sink HandleEvent), reads
 * the entry's webhook field (ExecuteInterceptors) and panics, which ends the EventListener's
 * process (conformance/triggers/cmd/triggers-admit/sink_test.go). Every key Go reads as
 * `triggerGroups` or `interceptors` is looked into, whichever spelling Triggers keeps.
 */
function crashingGroups(spec: Record<string, any>): Problem[] {
  return Object.keys(spec).filter((k) => readsAs(k, 'triggerGroups')).flatMap((key) => asArray(spec[key]).flatMap((g: any, i: number): Problem[] => {
    if (!isObject(g)) return [];
    const location = typeof g.name === 'string' && g.name !== '' ? `trigger group '${jsString(g.name)}'` : `spec.${key}[${i}]`;
    return Object.keys(g).filter((k) => readsAs(k, 'interceptors')).flatMap((field): Problem[] => {
      const interceptors = g[field];
      if (!Array.isArray(interceptors)) return [];
      const at = `spec.${key}[${i}].${field}`;
      const k = interceptors.indexOf(null);
      // an interceptor before it that checks the sender stops every event another sends
      if (k < 0 || judged(interceptors.slice(0, k), at, false).checks.some((c) => c === undefined)) return [];
      return [{
        location,
        property: `${at}[${k}]`,
        value: 'null',
        problem: `is null, and ${k === 0 ? 'no interceptor comes before it' : 'no interceptor before it checks who sent the event'}: Triggers' webhooks admit `
          + "it in a trigger group, and the EventListener's sink, which runs each group in a goroutine of its own that recovers nothing, dereferences "
          + 'it and its process ends, so anyone who can reach the EventListener stops it with one request, and every trigger it serves misses the '
          + 'events sent until its Pod has restarted (a request after each restart keeps it down)',
        fix: NULL_GROUP_ENTRY_FIX,
      }];
    });
  }));
}

/**
 * Whether a trigger group's interceptors check the body its Triggers bind: one checks the sender
 * before any `webhook` entry. The sink hands the group's Triggers the event's body as it came, while
 * each interceptor after a webhook sees the body and headers that webhook answered with.
 */
function groupChecksEvent(interceptors: unknown, at: string): boolean {
  const { all, checks } = judged(interceptors, at, false);
  const first = checks.findIndex((c) => c === undefined);
  return first >= 0 && all.slice(0, first).every((i) => !i.webhook && i.unread === undefined);
}

/** Whether a trigger group is credited with checking who sent the events of a Trigger, and why not when a group may list it. */
interface GroupCredit {
  readonly credited: boolean;
  /** Why no group is credited, when a group whose interceptors check the sender may list the Trigger. */
  readonly why?: string;
}

/**
 * Whether the EventListeners checked with `trigger` run it only after a trigger group whose
 * interceptors check who sent the event, and one of them surely does (pkg/sink: each group runs
 * its interceptors, then the Triggers its triggerSelector lists, with the event's body as it came,
 * so one that checks the sender counts only before any webhook entry; the listener's own selectors
 * and its spec.triggers entries that name the Trigger by triggerRef run it without them). A
 * listener that may run it otherwise (a selector that may pick it, a group whose interceptors
 * check nothing, one of v1alpha1, which has no groups, fields that are not read) leaves it uncredited.
 */
function groupCredit(trigger: any, context: IRuleContext | undefined): GroupCredit {
  if (context === undefined) return { credited: false };
  const name = trigger.metadata?.name;
  // a group that checks the sender and surely lists it; one that may list it; the first reason none is credited
  let surely = false;
  let checking = false;
  const reasons: string[] = [];
  for (const listener of manifestsOfKind(context.manifests, 'EventListener')) {
    if (apiGroupOf(listener?.apiVersion) !== TRIGGERS_GROUP) continue;
    const called = `EventListener '${jsString(listener.metadata?.name ?? '')}'`;
    const spec = isObject(listener.spec) ? listener.spec : {};
    const { triggers, triggerGroups } = spec;
    const v1alpha1 = listener.apiVersion === `${TRIGGERS_GROUP}/v1alpha1`;
    for (const [i, group] of (Array.isArray(triggerGroups) ? triggerGroups : []).entries()) {
      const at = `spec.triggerGroups[${i}]`;
      const spelled = isObject(group) ? otherSpelling(group, GROUP_FIELDS) : undefined;
      const picks: Picks = isObject(group) && spelled === undefined ? triggerSelectorPicks(group.triggerSelector, listener, trigger) : 'maybe';
      if (picks === 'no') continue;
      const checks = isObject(group) && groupChecksEvent(group.interceptors, `${at}.interceptors`);
      if (checks) checking = true;
      if (v1alpha1) reasons.push(`${called} is v1alpha1, whose sink runs no trigger group`);
      else if (spelled !== undefined) reasons.push(`the group ${at} of ${called} spells ${spelled.key}, which Triggers reads as its field ${spelled.field}: not read here`);
      else if (!checks) reasons.push(`${called} may run it after its group ${at}, whose interceptors check nothing of the sender before every webhook entry`);
      else if (picks === 'yes') surely = true;
      else reasons.push(`the group ${at} of ${called} may not list it: its triggerSelector, or a namespace or label it compares, is not known here`);
    }
    // a key Triggers reads as one of these fields under another spelling: what the sink runs is not known
    const spelled = otherSpelling(listener, ['spec']) ?? otherSpelling(spec, LISTENER_FIELDS);
    if (spelled !== undefined) {reasons.push(`${called} spells ${spelled.key}, which Triggers reads as its field ${spelled.field}: what it runs is not read here`);} else if (selectorPicks(spec.namespaceSelector, spec.labelSelector, listener, trigger) !== 'no') {
      reasons.push(`${called} may run it without a group, through its own namespaceSelector or labelSelector`);
    }
    if (!absent(triggers) && !Array.isArray(triggers)) reasons.push(`${called}'s spec.triggers is not a list`);
    // the sink looks a triggerRef up in the listener's namespace; an entry with a template runs that one instead
    // a name a template writes with `$(tt.params.x)` may be any
    // a Trigger without a name (generateName) may be named by any; an entry whose template or triggerRef is spelled otherwise may name it
    const byRef = asArray(triggers).some((t: any) => isObject(t) && (otherSpelling(t, ['template', 'triggerRef']) !== undefined || (absent(t.template)
      && (t.triggerRef === name || (typeof t.triggerRef === 'string' && (t.triggerRef.includes('$(') || typeof name !== 'string'))
        || (typeof name === 'string' && name.includes('$('))))));
    if (byRef && mayShareNamespace(listener, trigger)) reasons.push(`${called} may run it without a group, by a spec.triggers entry whose triggerRef may name it`);
    if (!absent(triggerGroups) && !Array.isArray(triggerGroups)) reasons.push(`${called}'s spec.triggerGroups is not a list`);
  }
  const credited = surely && reasons.length === 0;
  // a group that checks the sender and may list it was either surely listing it or gave a reason
  return credited || !checking ? { credited } : { credited, why: reasons[0] };
}

const absent = (v: unknown): v is undefined | null => v === undefined || v === null;
/** The fields of an EventListener's spec that say which Triggers it runs, and those of a trigger group. */
const LISTENER_FIELDS = ['triggers', 'triggerGroups', 'namespaceSelector', 'labelSelector'];
const GROUP_FIELDS = ['name', 'interceptors', 'triggerSelector'];

/**
 * Every trigger an EventListener runs checks who sent the event: one of its interceptors is
 * the core `github`, `gitlab` or `bitbucket` ClusterInterceptor given the webhook secret
 * (`secretRef`). Without one, anyone who can reach the listener's Service (every pod of the
 * cluster, or the internet through an Ingress) creates the trigger's runs with a body of their
 * choosing, which bindings turn into params: a revision or a repository URL to build and
 * deploy with the pipeline's credentials. Read as Triggers' sink reads it (pkg/sink: an inline
 * trigger when `template` is set, else the Trigger its `triggerRef` names; the interceptors
 * run in order and all must pass; `webhook` entries go to their Service; the github, gitlab and
 * bitbucket interceptors check a signature or token only when `secretRef` is given). A `cel`
 * interceptor whose filter requires `header.canonical(…).compareSecret(…)` (an operand of its
 * top-level `&&` chain, in the subset of CEL SECRET_FILTER reads) checks a shared token too.
 * A Trigger whose own interceptors check nothing passes when the listeners checked with it run
 * it only after a trigger group whose interceptors check the sender (groupCredit).
 */
export const TRIGGERS_AUTHENTICATED = manifestRule(
  {
    id: RuleId.TRIGGERS_AUTHENTICATED,
    severity: Severity.HIGH,
    title: 'Every trigger an EventListener runs checks who sent the event: a github, gitlab or bitbucket interceptor with the webhook secret, or a CEL filter that compares a header with a Secret',
    rationale:
      "An EventListener's Service accepts events from anyone who can reach it: every pod of the cluster, and the internet when an "
      + 'Ingress or a route exposes it, as it must for a Git host to reach it. A trigger whose interceptors check no signature '
      + 'creates its runs for a forged event, with params its bindings take from the body (a revision, a repository URL, an '
      + "image), so anyone who can send a request builds and deploys code of their choosing with the pipeline's credentials. "
      + 'A CEL filter on a header or on the event type checks nothing a sender cannot write. A null entry among a trigger '
      + "group's interceptors, which Triggers admits, ends the EventListener's process when an event reaches it: unless an "
      + 'interceptor before it checks the sender, anyone who can send a request stops every trigger the listener serves.',
    fix: FIX,
    decidesFrom:
      'EventListeners and Triggers of `triggers.tekton.dev` (v1beta1 and v1alpha1). An EventListener\'s `spec.triggers` entry '
      + 'with a `template` is judged by its own `interceptors`; one with only a `triggerRef` runs that Trigger, which is judged '
      + 'as an object of its own (so is every Trigger, whichever listener selects it). A trigger passes when one of its '
      + 'interceptors is the core `github`, `gitlab` or `bitbucket` interceptor (`ref.name`, with `ref.kind` unset or '
      + '`ClusterInterceptor`, which Triggers\' defaulting gives an unset kind; v1alpha1\'s deprecated `github:`, `gitlab:` and '
      + '`bitbucket:` fields, which its defaulting turns into that reference when `ref.name` is unset) and not a `webhook` '
      + 'entry (the sink sends those to their Service), given a `secretRef` param: an object whose `secretName` and '
      + '`secretKey` are strings that are not empty. Param names and the keys of `secretRef` are read as Go\'s encoding/json '
      + 'reads them (case-insensitively): every spelling given must be valid, since the interceptor reads one of them and a '
      + 'null one leaves it checking nothing. The other keys are read as Triggers\' defaulting webhook writes the object back '
      + '(decoded by encoding/json, which matches a key to a field case-insensitively, the last of two spellings winning): '
      + 'a key spelled otherwise than its field (`Kind`, `WebHook`, `Params`, a param\'s `Value`, `spec.Interceptors`, an '
      + 'inline trigger\'s `Template`) is not read, a finding, and an EventListener or a trigger group with one credits no group. '
      + 'A trigger also passes when one of its interceptors is the core `cel` '
      + 'ClusterInterceptor (or v1alpha1\'s deprecated `cel:` field) whose `filter` (every spelling Go reads as it) is true '
      + "only when `header.canonical('<header>').compareSecret('<key>', '<Secret>')` is: an operand of the filter's "
      + 'top-level `&&` chain, the rest of the filter holding no `||`, `?:`, comment, backslash, backtick or empty string, '
      + `with complete string literals and brackets nested at most ${SECRET_FILTER_DEPTH} deep, in at most ${SECRET_FILTER_MAX} characters (Triggers' CEL `
      + 'environment: `compareSecret` compares the string with the Secret\'s key in constant time, and the interceptor '
      + 'stops the trigger unless the filter evaluates to true). Interceptors are run in order and all must pass, so the '
      + 'position of the checking one does not matter. A trigger group (`spec.triggerGroups[]` of a v1beta1 EventListener) '
      + 'runs its interceptors, judged the same way, before the Triggers its `triggerSelector` lists, but hands those Triggers '
      + 'the body of the event as it came: each interceptor after a `webhook` entry checks the body the webhook answered with, '
      + 'so a group counts only when an interceptor that checks the sender comes before every `webhook` entry. It lists them as the sink does: '
      + '`namespaceSelector.matchNames` exactly `[\'*\']` lists every namespace, other names those namespaces, and none the '
      + "listener's namespace when a `labelSelector` is given (nothing otherwise); the `labelSelector` is read as "
      + "apimachinery's `LabelSelectorAsSelector` reads it (`matchLabels`, and `matchExpressions` with `In`, `NotIn`, "
      + '`Exists` and `DoesNotExist`; a null value is `""`, as the API server decodes it), absent it lists every Trigger of those namespaces. So a Trigger whose own interceptors '
      + 'check nothing passes when a group whose interceptors check the sender surely lists it among the EventListeners '
      + 'checked with it, and none of them may run it otherwise: not through its own `namespaceSelector` or `labelSelector` '
      + '(those Triggers run without a group), a `spec.triggers` entry without a `template` whose `triggerRef` names it in '
      + 'its namespace (any, for a Trigger without a name, which the API server names after its `generateName`), or a group whose '
      + 'interceptors check nothing or whose selector may list it. A selector that is not '
      + 'read (a field the types do not have, a value the API server refuses, an unknown operator) may list any Trigger and '
      + 'credits none, and so may a namespace or a label that is not a valid one and a name or a `triggerRef` that holds `$(` '
      + '(the `$(tt.params.x)` of an object a TriggerTemplate creates, replaced per event); files without a namespace are read as applied to one, and a listener or Trigger with a namespace '
      + 'beside one without may be in different ones (not credited). A trigger group of a v1beta1 EventListener whose `interceptors` '
      + '(every key Go reads as `triggerGroups` and `interceptors`) hold a null entry is a finding when no interceptor before it checks the '
      + "sender as above: Triggers' webhooks admit it (its defaulting passes a null entry over, and its validation looks no further than the "
      + "group's selector and whether it has interceptors), and the sink runs each group in a goroutine of its own that recovers nothing "
      + '(pkg/sink HandleEvent), whose ExecuteInterceptors reads the entry\'s `webhook` field, so the first event that reaches the entry '
      + "ends the EventListener's process (Go's panic: net/http recovers only the panics of a request's own goroutine), checked with "
      + "Triggers v0.37.0's own sink and server (conformance/triggers/cmd/triggers-admit/sink_test.go). A ClusterInterceptor or "
      + '(namespaced) Interceptor whose `spec.clientConfig.url` is plain `http:` (any case, as Go\'s url.Parse reads a scheme) is a '
      + 'finding: the sink posts it the body and every header of each event (pkg/interceptors Execute, to the address ResolveAddress '
      + 'takes from the url) and trusts its answer. An EventListener whose `namespaceSelector` (or, v1beta1, a trigger group\'s '
      + '`triggerSelector.namespaceSelector`) lists the Triggers of other namespaces, as the sink reads `matchNames` (pkg/sink '
      + 'selectTriggers: exactly `[\'*\']` every namespace, any other list those names), is a finding: `[\'*\']`, and a name other '
      + 'than the listener\'s own namespace where it has one. The sink runs each Trigger it lists with the listener\'s own '
      + 'ServiceAccount (or the one the Trigger names: CreateResources), creating what its template says where it says, so whoever '
      + 'may write a Trigger in such a namespace makes runs with the listener\'s credentials, with interceptors of their choosing.',
    limits:
      'A NamespacedInterceptor, a ClusterInterceptor of another name or a `webhook` interceptor may check the sender itself, '
      + 'but what it does is not known here: a finding to relax with the reason. A group\'s interceptors are credited only '
      + 'when its EventListener is checked with the Trigger (the same app, or files given to the audit together): a Trigger '
      + 'checked alone, and TektonAdmissionPolicies\' policy, which sees one object, credit no group, and a listener that '
      + 'is not checked with it (in the cluster) may run it without one. The policy reads keys as written: it judges the '
      + 'object after Triggers\' defaulting webhook (a mutating webhook, which runs before it) wrote every key the types '
      + 'read as its field, so keys spelled otherwise do not reach it. Whether the Secret holds a '
      + 'strong value (an empty one lets anyone compute the github signature, and makes `compareSecret` true for a request '
      + "without the header, which `header.canonical` reads as ''), whether the ClusterInterceptors named "
      + '`github`, `gitlab` and `bitbucket` are the core ones, and who can reach the listener (NetworkPolicies, Ingresses) '
      + 'are not judged. The slack interceptor checks no signature. A CEL filter that compares a secret otherwise (a '
      + '`compareSecret` under `||`, `!` or `?:`, on another receiver, or beside text outside the subset above) is not '
      + 'read: a finding to relax with the reason. A header compared with a Secret is a shared token sent with every request '
      + '(as GitLab\'s is), not a signature of the body: whoever sees one request (a proxy\'s log) can send another body with it. '
      + 'Entries Triggers cannot run (not an object, naming no interceptor, null but in a trigger group where no interceptor '
      + 'before it checks the sender) are passed over here, and a filter that compares a secret but does not parse (`… && `) is '
      + 'credited, since it stops every event: both are TRIGGERS_RUNNABLE\'s findings (a null entry in a group after the '
      + 'interceptor that checks the sender still ends the process, for each event a sender signs). The policy refuses a trigger '
      + 'group with a null entry wherever the entry is. An interceptor reached through `clientConfig.service` without a `caBundle` '
      + 'is also plain http (port 80), but the core interceptors\' server writes the caBundle of the ClusterInterceptors it serves '
      + 'at run time, so it is not judged; nor is a `webhook` entry of a trigger, to which the sink sends the whole request, over plain '
      + 'http when it names a Service (`http://<name>.<namespace>.svc/`), else to its `url` as written (the rule judges a trigger as '
      + 'the policy does, and the policy does not read it); the policy does not match interceptors. Where the listener\'s namespace '
      + 'is not written, a name in its `namespaceSelector` is not judged; the policy, which knows the namespaces it is bound to, '
      + 'refuses `[\'*\']` and any name it is not bound to (a namespace it checks is no finding there, and is one here).',
    howToRelax:
      "Findings are about the whole object: `{ rule: RuleId.TRIGGERS_AUTHENTICATED, reason: '<why>' }` without a target, "
      + 'given to `Relaxations.of(construct).add(...)`. In YAML for the audit: '
      + relaxAnnotation(RuleId.TRIGGERS_AUTHENTICATED, '*: <why>') + ' on the EventListener, Trigger or interceptor (e.g. a webhook '
      + 'interceptor that checks the signature, named in the reason). TektonAdmissionPolicies honours that record only when '
      + 'its `honouredRelaxations` lists TRIGGERS_AUTHENTICATED: whoever writes the object writes the record.',
    relaxable: true,
    appliesTo: (m) => (m?.kind === 'EventListener' || m?.kind === 'Trigger' || INTERCEPTOR_KINDS.includes(m?.kind)) && apiGroupOf(m?.apiVersion) === TRIGGERS_GROUP,
  },
  (manifest, context) => {
    if (INTERCEPTOR_KINDS.includes(manifest.kind)) return plainInterceptor(manifest);
    const v1alpha1 = manifest.apiVersion === `${TRIGGERS_GROUP}/v1alpha1`;
    const spec = isObject(manifest.spec) ? manifest.spec : {};
    // a key Triggers reads as `spec`, `interceptors`, `triggers` or an inline trigger's field under another spelling: not read here
    const top = otherSpelling(manifest, ['spec']);
    if (top !== undefined) return [spelledOtherwise(top.key, top.key, top.field)];
    if (manifest.kind === 'Trigger') {
      const spelled = otherSpelling(spec, ['interceptors']);
      const p = spelled !== undefined ? spelledOtherwise(`spec.${spelled.key}`, spelled.key, spelled.field)
        : unverified(spec.interceptors, 'spec.interceptors', v1alpha1, 'the Trigger');
      if (p === undefined) return [];
      const credit = groupCredit(manifest, context);
      if (credit.credited) return [];
      return [credit.why === undefined ? p : { ...p, problem: `${p.problem}; no trigger group is credited with checking it: ${credit.why}` }];
    }
    // v1alpha1 has no trigger groups: its webhooks refuse the field
    const crashing = [...(v1alpha1 ? [] : crashingGroups(spec)), ...foreignNamespaces(spec, manifest.metadata?.namespace, v1alpha1)];
    const spelled = otherSpelling(spec, ['triggers']);
    if (spelled !== undefined) return [spelledOtherwise(`spec.${spelled.key}`, spelled.key, spelled.field), ...crashing];
    return [...crashing, ...asArray(spec.triggers).flatMap((t: any, i: number): Problem[] => {
      if (!isObject(t)) return [];
      const name = typeof t.name === 'string' && t.name !== '' ? `trigger '${jsString(t.name)}'` : `spec.triggers[${i}]`;
      const entry = otherSpelling(t, ['name', 'template', 'triggerRef', 'interceptors']);
      if (entry !== undefined) return [{ ...spelledOtherwise(`spec.triggers[${i}].${entry.key}`, entry.key, entry.field), location: name }];
      // the sink runs an inline trigger when it has a template, else the Trigger of its triggerRef
      if (t.template === undefined || t.template === null) return [];
      const p = unverified(t.interceptors, `spec.triggers[${i}].interceptors`, v1alpha1, name);
      return p === undefined ? [] : [{ ...p, location: name }];
    })];
  },
);
