import { apiGroupOf, isObject } from '../../private/containers';
import { ownKey } from '../../private/own';
import { TRIGGERS_GROUP } from '../../private/triggers';
import { Severity } from '../rule';
import { manifestRule, relaxAnnotation } from '../rule-builders';
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
function pastedVariables(value: unknown): string[] {
  const found = new Set<string>();
  const seen = new Set<unknown>();
  const text = (s: string) => {
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
 */
export const TRIGGERS_ESCAPED_PARAMS = manifestRule(
  {
    id: RuleId.TRIGGERS_ESCAPED_PARAMS,
    severity: Severity.MEDIUM,
    title: "TriggerTemplates that paste params keep Triggers' default escaping: no old-escape-quotes annotation, with which a quote in an event's text stops their objects from being created",
    rationale:
      'Tekton Triggers pastes each param value into the JSON text of the TriggerTemplate\'s resource templates as it is. A value '
      + 'taken from the event is a string escaped for JSON (a `"` is `\\"`), which stays inside the JSON string it is pasted '
      + `into. The annotation \`${OLD_ESCAPE}\` makes Triggers replace every \`"\` with \`\\"\` once more, after that escaping: `
      + 'a `"` in a pull request title or a commit message becomes `\\\\"`, an escaped backslash and then a quote that ends the '
      + 'string. What follows is no longer JSON (every later quote of the value comes behind a backslash, which JSON refuses '
      + 'outside a string, so the text cannot write a field, and the template\'s own quotes are left unpaired), and Triggers '
      + 'creates neither that object nor the templates after it. Whoever writes that text (anyone who opens a pull request) '
      + 'decides whether the runs are made: a scan or a check that runs for each pull request is skipped, with nothing but a '
      + 'line in the listener\'s log to say so.',
    fix: FIX,
    decidesFrom:
      'TriggerTemplates of `triggers.tekton.dev` (v1beta1 and v1alpha1): one whose `metadata.annotations` has the key '
      + `\`${OLD_ESCAPE}\` (exactly, as Kubernetes keeps annotation keys; any value, an empty one included, since Triggers `
      + 'asks only whether the key is there) and whose `spec.resourcetemplates` hold `$(tt.params.` anywhere (in a string or '
      + 'a key, at any depth, in templates with or without a kind) is a finding, which names the variables pasted. A '
      + 'Trigger\'s or an EventListener trigger\'s inline template (`template.spec`) has no metadata: Triggers resolves it '
      + 'without annotations, so it is never escaped the old way and is not judged here. A TriggerTemplate that a resource '
      + 'template creates is judged as an object of its own.',
    limits:
      'Which bindings give the params their values is not read: a param bound to a field whose values hold no `"` (a '
      + 'commit SHA, a fixed text in the binding) or left to its default is a finding all the same (relax it with the '
      + 'reason). Without the annotation, a value that is not a string in the event (an object or an array from '
      + '`$(body.x)`) is pasted as JSON with its quotes, which end the string it is pasted into: not judged here (the '
      + 'annotation was meant for such values, and with it a `"` inside one of their strings ends the string too). What '
      + 'the fields written through a param do with its value (a script, an argument) is judged on the objects the '
      + 'template creates, by the other rules.',
    howToRelax:
      "Findings are about the whole object: `{ rule: RuleId.TRIGGERS_ESCAPED_PARAMS, reason: '<why>' }` without a target, "
      + 'given to `Relaxations.of(construct).add(...)`. In YAML for the audit: '
      + relaxAnnotation(RuleId.TRIGGERS_ESCAPED_PARAMS, '*: <why>') + ' on the TriggerTemplate (e.g. every param it pastes '
      + 'is bound to a commit SHA or a fixed text, named in the reason).',
    relaxable: true,
    appliesTo: (m) => m?.kind === 'TriggerTemplate' && apiGroupOf(m?.apiVersion) === TRIGGERS_GROUP,
  },
  (manifest) => {
    const annotations = manifest.metadata?.annotations;
    if (!isObject(annotations) || !ownKey(annotations, OLD_ESCAPE)) return [];
    const spec = isObject(manifest.spec) ? manifest.spec : {};
    const variables = pastedVariables(spec.resourcetemplates);
    if (variables.length === 0) return [];
    const value = annotations[OLD_ESCAPE];
    return [{
      property: `metadata.annotations['${OLD_ESCAPE}']`,
      value: typeof value === 'string' ? value : String(JSON.stringify(value) ?? value),
      problem: `makes Triggers escape every " once more in the values it pastes into spec.resourcetemplates for ${listed(variables)}: `
        + 'a " of the event\'s text (a pull request title, a commit message), already escaped as \\", becomes \\\\", an escaped '
        + 'backslash and then a quote that ends the JSON string, so the object is no longer JSON and Triggers creates neither it '
        + 'nor the templates after it: whoever writes that text decides whether the runs are made',
      fix: FIX,
    }];
  },
);
