import { apiGroupOf, asArray, isObject } from '../../private/containers';
import { manifestsNamed } from '../../private/manifest-index';
import { mayShareNamespace } from '../../private/namespaces';
import { ownKey } from '../../private/own';
import { jsString, quoted } from '../../private/text';
import { bindingExpressions, pastedAsJson } from '../../private/trigger-bindings';
import { TRIGGERS_GROUP } from '../../private/triggers';
import { IRuleContext, Severity } from '../rule';
import { manifestRule, Problem, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

/** The annotation that makes Triggers escape every `"` of a param's value again (pkg/template/event.go OldEscapeAnnotation). */
const OLD_ESCAPE = 'triggers.tekton.dev/old-escape-quotes';

/** How many of the variables pasted a finding names. */
const NAMED = 3;
/** The longest variable a finding writes out (one without a closing parenthesis runs to the end of its string). */
const VARIABLE_MAX = 60;

const FIX = `Remove the annotation ${OLD_ESCAPE}: Triggers' default escaping already keeps a string taken from the event inside the JSON string it is pasted into.`;

/**
 * Every `$(tt.params.…)` written in `value` (the keys of objects and the strings, at any depth),
 * distinct, in the order they come: the text from `$(tt.params.` to the first `)` after it, or to
 * the end of its string when none follows there (a param whose name holds a quote would close
 * the variable in a later string of the JSON text Triggers replaces in).
 */
function pastedVariables(value: unknown, only?: string): string[] {
  const found = new Set<string>();
  const seen = new Set<unknown>();
  const text = (s: string) => {
    if (only !== undefined) {
      if (s.includes(only)) found.add(only);
      return;
    }
    for (const m of s.match(/\$\(tt\.params\.[^)]*\)?/g) ?? []) {
      found.add([...m].length > VARIABLE_MAX ? `${[...m].slice(0, VARIABLE_MAX).join('')}…` : m);
    }
  };
  const walk = (v: unknown): void => {
    if (typeof v === 'string') return text(v);
    if (v === null || typeof v !== 'object' || seen.has(v)) return;
    // a value read from YAML may be an alias of one above it
    seen.add(v);
    if (Array.isArray(v)) return v.forEach(walk);
    for (const [k, x] of Object.entries(v)) {
      text(k);
      walk(x);
    }
  };
  walk(value);
  return [...found];
}

const BINDING_FIX = 'Bind each string field the template needs as a param of its own (e.g. $(body.pull_request.title), $(body.pull_request.head.sha)): '
  + 'Triggers pastes a string escaped for JSON without its quotes, which stays inside the string it is pasted into.';

const UNUSED_FIX = 'Remove the binding of a param the template does not paste, and bind each string field the template needs as a param of its own '
  + '(e.g. $(body.pull_request.title)): no param then holds JSON text with quotes that a value of the event could pull into its string.';

/** Whether `m` is an object of Triggers' group of this kind. */
const triggersObject = (m: any, kind: string) => m?.kind === kind && apiGroupOf(m?.apiVersion) === TRIGGERS_GROUP;

/** A param a trigger's bindings give: its name, its value, and where the value is written. */
interface Bound {
  readonly name: string;
  readonly value: string;
  readonly at: string;
  /** The TriggerBinding or ClusterTriggerBinding that gives it, and where in it, for one given by a `ref`. */
  readonly via?: string;
}

/**
 * The params the `bindings` of a trigger (at `at`, in `owner`'s namespace) give, as Triggers
 * resolves them (pkg/template ResolveTrigger): an entry with a `name` and a `value` is that param;
 * one with a `ref` is the ClusterTriggerBinding of that name when its `kind` is
 * ClusterTriggerBinding, else the TriggerBinding of that name in the trigger's namespace, among
 * the objects checked with it.
 */
function boundParams(bindings: unknown, at: string, owner: any, context: IRuleContext | undefined): Bound[] {
  return asArray(bindings).flatMap((b: any, i: number): Bound[] => {
    if (!isObject(b)) return [];
    if (typeof b.name === 'string' && b.name !== '' && typeof b.value === 'string') return [{ name: b.name, value: b.value, at: `${at}[${i}].value` }];
    if (typeof b.ref !== 'string' || b.ref === '' || context === undefined) return [];
    const namespaced = b.kind === undefined || b.kind === null || b.kind === '' || b.kind === 'TriggerBinding';
    const kind = b.kind === 'ClusterTriggerBinding' ? 'ClusterTriggerBinding' : namespaced ? 'TriggerBinding' : undefined;
    if (kind === undefined) return [];
    return manifestsNamed(context.manifests, kind, b.ref)
      .filter((m) => triggersObject(m, kind) && (kind === 'ClusterTriggerBinding' || mayShareNamespace(m, owner)))
      .flatMap((m) => asArray(isObject(m.spec) ? m.spec.params : undefined).flatMap((p: any, j: number): Bound[] => (isObject(p) && typeof p.name === 'string'
        && typeof p.value === 'string' ? [{ name: p.name, value: p.value, at: `${at}[${i}]`, via: `${kind} '${b.ref}' spec.params[${j}]` }] : [])));
  });
}

/** A template a trigger pastes its params into: how the finding names it, and its resource templates. */
interface Pasting {
  readonly named: string;
  readonly resourcetemplates: unknown;
  /** Its params (`spec.params`), and where they are written in the trigger, for an inline template. */
  readonly params: unknown;
  readonly paramsAt?: string;
}

/**
 * The templates a trigger's `template` resolves to (pkg/template ResolveTrigger): its inline
 * `spec`, which has no annotations, else the TriggerTemplates of its `ref` in the trigger's
 * namespace, among the objects checked with it, but those with the old-escape annotation (the
 * rule's finding on them says what their escaping does).
 */
function templatesOf(template: unknown, at: string, owner: any, context: IRuleContext | undefined): Pasting[] {
  if (!isObject(template)) return [];
  if (isObject(template.spec)) {
    return [{ named: `its inline template (${at}.spec)`, resourcetemplates: template.spec.resourcetemplates, params: template.spec.params, paramsAt: `${at}.spec.params` }];
  }
  if (typeof template.ref !== 'string' || context === undefined) return [];
  return manifestsNamed(context.manifests, 'TriggerTemplate', template.ref)
    .filter((m) => triggersObject(m, 'TriggerTemplate') && mayShareNamespace(m, owner)
      && !(isObject(m.metadata?.annotations) && ownKey(m.metadata.annotations, OLD_ESCAPE)))
    .map((m) => ({
      named: `TriggerTemplate '${template.ref}'`,
      resourcetemplates: isObject(m.spec) ? m.spec.resourcetemplates : undefined,
      params: isObject(m.spec) ? m.spec.params : undefined,
    }));
}

/** Whether Triggers' pasting of `text` into a JSON string leaves it a JSON string: no `"`, no `\\` that starts no JSON escape, no control character. */
function jsonStringContent(text: string): boolean {
  try {
    JSON.parse(`"${text}"`);
    return true;
  } catch {
    return false;
  }
}

/** A param whose value breaks the JSON string it is pasted into: where it is written, and what the finding says of it. */
interface Breaking {
  readonly name: string;
  readonly property: string;
  readonly value: string;
  /** What gives the param its value, e.g. `binds the param 'pr' to $(body), the whole event body, an object, which …`. */
  readonly subject: string;
  /** What of it Triggers pastes: `the JSON text`. */
  readonly what: string;
  /** What that does to the string: `its first quote ends the string`. */
  readonly effect: string;
}

/**
 * For one trigger (`spec` of a Trigger, or an EventListener's `spec.triggers[i]` with a
 * template, at `at`): each param bound to a value that pastes JSON text with its quotes, that one
 * of its templates pastes; and each param whose value breaks the JSON string it is pasted into
 * (that JSON text, a fixed text of a binding or a template's default with a `"`, a bare `\\` or
 * a control character) that a template does not paste when it pastes a param whose value the
 * event's sender writes: Triggers pastes the params one after the other in the order of a Go map,
 * and a value pasted before that one which holds its variable (a sender's `$(` is escaped as `$$(`,
 * which still holds it) gets that one's value pasted into its string.
 */
function objectsPasted(trigger: Record<string, any>, at: string, owner: any, context: IRuleContext | undefined): Problem[] {
  const templates = templatesOf(trigger.template, `${at}.template`, owner, context);
  if (templates.length === 0) return [];
  const bound = boundParams(trigger.bindings, `${at}.bindings`, owner, context);
  // the params whose values the event's sender writes (a `$(…)` of the body, the headers or the extensions)
  const sent = bound.filter((b) => bindingExpressions(b.value).length > 0);
  const via = (b: Bound) => (b.via !== undefined ? ` (${b.via})` : '');
  const pulled = (x: Breaking): Problem[] => {
    const variable = `$(tt.params.${jsString(x.name)})`;
    const carrier = templates.flatMap((t) => sent.filter((e) => e.name !== x.name)
      .map((e) => ({ t, e, v: `$(tt.params.${jsString(e.name)})` })))
      .find((c) => pastedVariables(c.t.resourcetemplates, variable).length === 0 && pastedVariables(c.t.resourcetemplates, c.v).length > 0);
    if (carrier === undefined) return [];
    return [{
      property: x.property,
      value: x.value,
      problem: `${x.subject}; ${carrier.t.named} does not paste ${variable} but pastes ${carrier.v}, whose value the event's sender writes (${jsString(carrier.e.value)}): `
        + `Triggers pastes the params one after the other in no fixed order, and a sender who writes ${variable} in that value (escaped as `
        + `$${variable}, which still holds it) gets ${x.what} pasted there when ${variable} comes later: ${x.effect}, so `
        + 'the object is no longer JSON and Triggers creates neither it nor the templates after it',
      fix: UNUSED_FIX,
    }];
  };
  const fromBindings = bound.flatMap((b): Problem[] => {
    const json = bindingExpressions(b.value).map((e) => ({ e, why: pastedAsJson(e) })).find((x) => x.why !== undefined);
    if (json === undefined) {
      // the text of the binding around its `$(…)` (each read as a letter, which no JSON escape is)
      let text = b.value;
      for (const e of bindingExpressions(b.value)) text = text.split(`$(${e})`).join('x');
      if (jsonStringContent(text)) return [];
      return pulled({
        name: b.name,
        property: b.at,
        value: b.value,
        subject: `binds the param '${jsString(b.name)}'${via(b)} to a text that is not the content of a JSON string (a ", a \\ that starts no JSON escape `
          + 'or a control character), which Triggers pastes as it is',
        what: 'that text',
        effect: 'it ends the string or breaks its escapes',
      });
    }
    const variable = `$(tt.params.${jsString(b.name)})`;
    const into = templates.find((t) => pastedVariables(t.resourcetemplates, variable).length > 0);
    if (into === undefined) {
      return pulled({
        name: b.name,
        property: b.at,
        value: b.value,
        subject: `binds the param '${jsString(b.name)}'${via(b)} to $(${json.e}), ${json.why}, which Triggers pastes as its JSON text, quotes and all`,
        what: 'the JSON text',
        effect: 'its first quote ends the string',
      });
    }
    return [{
      property: b.at,
      value: b.value,
      problem: `binds the param '${jsString(b.name)}'${via(b)} to $(${json.e}), ${json.why}, which Triggers pastes as its JSON text, quotes and all, and ${into.named} `
        + `pastes ${variable} into a string of its resource templates: the first quote of that text ends the string, so the object is no longer `
        + 'JSON and Triggers creates neither it nor the templates after it (a sender who writes every string of the value in JSON punctuation and '
        + "digits alone makes it JSON again, with fields of the sender's and the template's later fields moved)",
      fix: BINDING_FIX,
    }];
  });
  // a template's default is the value of a param no binding gives (ResolveParams)
  const given = new Set(bound.map((b) => b.name));
  const fromDefaults = templates.flatMap((t) => asArray(t.params).flatMap((p: any, j: number): Problem[] => {
    if (!isObject(p) || typeof p.name !== 'string' || given.has(p.name) || typeof p.default !== 'string' || jsonStringContent(p.default)) return [];
    return pulled({
      name: p.name,
      property: t.paramsAt === undefined ? `${at}.template.ref` : `${t.paramsAt}[${j}].default`,
      value: t.paramsAt === undefined ? String(trigger.template.ref) : p.default,
      subject: `${t.named} gives the param '${jsString(p.name)}', which no binding gives, the default ${quoted(p.default)}, a text that is not the content `
        + 'of a JSON string (a ", a \\ that starts no JSON escape or a control character), which Triggers pastes as it is',
      what: 'that text',
      effect: 'it ends the string or breaks its escapes',
    });
  }));
  return [...fromBindings, ...fromDefaults];
}

/** `a, b, c and 2 more`. */
function listed(variables: readonly string[]): string {
  const named = variables.slice(0, NAMED).join(', ');
  return variables.length > NAMED ? `${named} and ${variables.length - NAMED} more` : named;
}

/**
 * A TriggerTemplate pastes the values of its params into its resource templates as Triggers
 * escapes them by default. Triggers (pkg/template) replaces each `$(tt.params.<name>)` in the
 * JSON text of `spec.resourcetemplates` with the param's value as raw bytes; a value a binding
 * takes from the event (`$(body.x)`, `$(header.x)`, `$(extensions.x)`) is a string JSON-escaped
 * without its quotes, which stays inside the JSON string it is pasted into. When the
 * TriggerTemplate carries the annotation `triggers.tekton.dev/old-escape-quotes` (whatever its
 * value: `metav1.HasAnnotation`), Triggers also replaces every `"` of the value with `\"`, after
 * that escaping: a `"` of the event's text, already `\"`, becomes `\\"`, an escaped backslash
 * and a quote that ends the string. The text after it cannot write a field: every later quote of
 * the value comes behind a backslash, which JSON refuses outside a string, and the quotes left
 * in the template then open and close strings the other way round, so the last one is never
 * closed. The object is no longer JSON, and Triggers (pkg/resources Create) creates neither it
 * nor the templates after it: whoever writes the event's text decides whether the runs are made.
 *
 * A binding's result that is not one string (an object or an array of the event, several values
 * of a wildcard path) is pasted as its JSON text, quotes and all, into a template without the
 * annotation: its first quote ends the template's string, and the event's own strings (escaped
 * as JSON, so they hold no bare quote) then stand outside any string. The object is no longer
 * JSON unless every string of the value is JSON punctuation and digits alone, in which case the
 * sender who wrote them gives the object fields of its own and moves the template's later fields
 * (a step's securityContext after its script into a new step). Such bindings are findings on the
 * Trigger or EventListener that pairs them with the template (objectsPasted), and so are those the
 * template does not paste when it pastes a param whose value the event's sender writes: Triggers
 * pastes the params one after the other in the order of a Go map (convertParamMapToArray), a new
 * order for each event, and escapes a `$(` of a value as `$$(`, which still holds
 * `$(tt.params.<name>)`, so a sender who writes that variable in a title gets the object's JSON
 * text pasted into the title's string whenever that param comes later. The same holds for a
 * fixed text of a binding and a TriggerTemplate's default (the value of a param no binding gives)
 * that are not the content of a JSON string (a `"`, a `\` that starts no JSON escape, a control
 * character): one the template pastes breaks every object, whoever sends the event, but one it
 * does not paste breaks the object a sender chooses to break. With the
 * annotation the value's quotes are escaped once more, but a quote of one of its strings then ends
 * the string as above: the finding on the annotation says so.
 */
export const TRIGGERS_ESCAPED_PARAMS = manifestRule(
  {
    id: RuleId.TRIGGERS_ESCAPED_PARAMS,
    severity: Severity.MEDIUM,
    title: 'Triggers paste params only as their escaping keeps them in their JSON strings: no old-escape-quotes annotation, and no object or array of the event pasted into a string',
    rationale:
      'Tekton Triggers pastes each param value into the JSON text of the TriggerTemplate\'s resource templates as it is. A value '
      + 'taken from the event is a string escaped for JSON (a `"` is `\\"`), which stays inside the JSON string it is pasted '
      + `into. The annotation \`${OLD_ESCAPE}\` makes Triggers replace every \`"\` with \`\\"\` once more, after that escaping: `
      + 'a `"` in a pull request title or a commit message becomes `\\\\"`, an escaped backslash and then a quote that ends the '
      + 'string. What follows is no longer JSON (every later quote of the value comes behind a backslash, which JSON refuses '
      + 'outside a string, so the text cannot write a field, and the template\'s own quotes are left unpaired), and Triggers '
      + 'creates neither that object nor the templates after it. Whoever writes that text (anyone who opens a pull request) '
      + 'decides whether the runs are made: a scan or a check that runs for each pull request is skipped, with nothing but a '
      + 'line in the listener\'s log to say so. A param bound to an object or an array of the event (`$(body.pull_request)`, '
      + '`$(body.commits)`, a wildcard path) is pasted as its JSON text, quotes and all, where the annotation is not given: its '
      + 'first quote ends the string, the event\'s strings then stand outside any string, and the object is not created; a '
      + 'sender who writes every string of the value in JSON punctuation and digits alone makes it JSON again, with fields of '
      + 'their own and the template\'s later fields moved elsewhere (a step\'s securityContext into a new step). Such a param '
      + 'need not be pasted by the template: Triggers pastes the params one after the other in no fixed order, and a sender who '
      + 'writes `$(tt.params.<name>)` in a title the template pastes (escaped as `$$(tt.params.<name>)`, which still holds it) gets '
      + 'the JSON text pasted into the title\'s string whenever that param comes later; so does a fixed text of a binding or a '
      + 'template\'s default that holds a `"` or a bare `\\`, pasted as it is.',
    fix: FIX,
    decidesFrom:
      'TriggerTemplates of `triggers.tekton.dev` (v1beta1 and v1alpha1): one whose `metadata.annotations` has the key '
      + `\`${OLD_ESCAPE}\` (exactly, as Kubernetes keeps annotation keys; any value, an empty one included, since Triggers `
      + 'asks only whether the key is there) and whose `spec.resourcetemplates` hold `$(tt.params.` anywhere (in a string or '
      + 'a key, at any depth, in templates with or without a kind) is a finding, which names the variables pasted. A '
      + 'Trigger\'s or an EventListener trigger\'s inline template (`template.spec`) has no metadata: Triggers resolves it '
      + 'without annotations, so it is never escaped the old way. A TriggerTemplate that a resource '
      + 'template creates is judged as an object of its own. Triggers and EventListener triggers with a `template` (the sink '
      + 'runs that inline trigger; one with only a `triggerRef` runs the Trigger, judged itself) are findings for each param '
      + 'their `bindings` give whose value holds a `$(…)` (found as Triggers finds them: up to the first `)` that closes no '
      + '`(` after it) that Triggers pastes as JSON text with quotes, when one of their templates pastes `$(tt.params.<name>)` '
      + '(in a string or a key, at any depth): `$(body)`, `$(header)` and `$(extensions)` (objects), a path with a wildcard `*`, '
      + 'a recursive descent `..`, a slice or a union (several values, a JSON array when more than one matches), and fields '
      + 'that are objects or arrays in one of the webhook events of GitHub, GitLab or Bitbucket Cloud, as the Go types of their '
      + "clients declare them (go-github v73's events, GitLab's client-go v0.143.3's, go-playground/webhooks v6.4.0's Bitbucket "
      + 'payloads: `pull_request`, its `head.repo.owner`, `milestone`, `merged_by`, `requested_teams`; `commits`, `head_commit.author`; '
      + '`object_attributes.last_commit`; `pullrequest.source.commit` …; a field that is a string in another event counts all the '
      + 'same), written in dot notation from `body` (`{…}` and a leading `.` optional, as Triggers relaxes the path); a param the templates do not paste is a '
      + 'finding all the same when they paste another param whose binding holds a `$(…)` (whose value the sender writes), and '
      + 'so is, then, a param they do not paste whose binding\'s text around its `$(…)` or whose template default (no binding '
      + 'giving it) is not the content of a JSON string (a `"`, a `\\` that starts no JSON escape, a control character). '
      + 'The bindings are read as Triggers resolves '
      + 'them: an entry with `name` and `value`, else the ClusterTriggerBinding its `ref` names when its `kind` is '
      + 'ClusterTriggerBinding, else the TriggerBinding of that name in the trigger\'s namespace; the template is the inline '
      + '`template.spec`, else the TriggerTemplate its `ref` names in that namespace, among the objects checked with the '
      + 'trigger. A TriggerTemplate with the old-escape annotation is reported at the annotation instead.',
    limits:
      'For the annotation, which bindings give the params their values is not read: a param bound to a field whose values '
      + 'hold no `"` (a commit SHA, a fixed text in the binding) or left to its default is a finding all the same (relax it '
      + 'with the reason). For bindings, the type of a value is known only as said above: a field of another source or that '
      + "the clients' types do not declare an object or an array (a time, a raw JSON value, the values of a map), an "
      + 'element by index (`$(body.commits[0])`), a path in bracket notation, an extension an interceptor adds (a CEL '
      + 'overlay may make a list) and a filter `[?(…)]` (read as selecting the one value it is written for, though it gives '
      + 'an array when several match) are read as strings; a binding or template not checked with the trigger is not '
      + 'read. An object or array that holds no string (`{}`, `[1, 2]`) is pasted harmlessly but is a finding all the same. Two things '
      + 'an event\'s sender decides that are not escaping are not reported: a param pasted into a key (of labels, of a map) names '
      + 'that field, and an event without a field a binding reads (and no default) makes Triggers create nothing. What the fields written through a param do with its value (a script, an argument) is judged on the '
      + 'objects the template creates, by the other rules.',
    howToRelax:
      "Findings are about the whole object: `{ rule: RuleId.TRIGGERS_ESCAPED_PARAMS, reason: '<why>' }` without a target, "
      + 'given to `Relaxations.of(construct).add(...)`. In YAML for the audit: '
      + relaxAnnotation(RuleId.TRIGGERS_ESCAPED_PARAMS, '*: <why>') + ' on the TriggerTemplate (e.g. every param it pastes '
      + 'is bound to a commit SHA or a fixed text, named in the reason), or on the Trigger or EventListener that binds an '
      + 'object (e.g. the events it accepts never hold one there).',
    relaxable: true,
    appliesTo: (m) => ['TriggerTemplate', 'Trigger', 'EventListener'].includes(m?.kind) && apiGroupOf(m?.apiVersion) === TRIGGERS_GROUP,
  },
  (manifest, context) => {
    const spec = isObject(manifest.spec) ? manifest.spec : {};
    if (manifest.kind === 'Trigger') return objectsPasted(spec, 'spec', manifest, context);
    if (manifest.kind === 'EventListener') {
      // the sink runs an inline trigger when it has a template, else the Trigger of its triggerRef (judged on its own)
      return asArray(spec.triggers).flatMap((t: any, i: number): Problem[] => {
        if (!isObject(t) || t.template === undefined || t.template === null) return [];
        const location = typeof t.name === 'string' && t.name !== '' ? `trigger '${jsString(t.name)}'` : `spec.triggers[${i}]`;
        return objectsPasted(t, `spec.triggers[${i}]`, manifest, context).map((p) => ({ ...p, location }));
      });
    }
    const annotations = manifest.metadata?.annotations;
    if (!isObject(annotations) || !ownKey(annotations, OLD_ESCAPE)) return [];
    const variables = pastedVariables(spec.resourcetemplates);
    if (variables.length === 0) return [];
    const value = annotations[OLD_ESCAPE];
    return [{
      property: `metadata.annotations['${OLD_ESCAPE}']`,
      value: typeof value === 'string' ? value : jsString(JSON.stringify(value) ?? value),
      problem: `makes Triggers escape every " once more in the values it pastes into spec.resourcetemplates for ${listed(variables)}: `
        + 'a " of the event\'s text (a pull request title, a commit message), already escaped as \\", becomes \\\\", an escaped '
        + 'backslash and then a quote that ends the JSON string, so the object is no longer JSON and Triggers creates neither it '
        + 'nor the templates after it: whoever writes that text decides whether the runs are made',
      fix: FIX,
    }];
  },
);
