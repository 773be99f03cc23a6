/**
 * Which Triggers an EventListener's selectors pick, as Triggers' sink lists them for each event
 * (tektoncd/triggers pkg/sink `selectTriggers`): the listener's own `namespaceSelector` and
 * `labelSelector` (the Triggers it runs without a group) and each trigger group's
 * `triggerSelector` (the Triggers it runs after the group's interceptors).
 */
import { matchesLabels, objectLabels, readLabelSelector } from './label-selectors';
import { isDns1123Label } from './names';
import { manifestNamespace } from './namespaces';

/** Whether a selector picks a Trigger: surely, surely not, or not known here (a selector not read, an unset namespace). */
export type Picks = 'yes' | 'no' | 'maybe';

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const absent = (v: unknown): v is undefined | null => v === undefined || v === null;
/** Whether `v` is a map whose keys are all among `fields` (a field the API types do not have is not read). */
const onlyFields = (v: Record<string, unknown>, fields: readonly string[]) => Object.keys(v).every((k) => fields.includes(k));
const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * Whether a Trigger's labels match a listener's or a group's labelSelector, as the sink matches
 * them (`metav1.LabelSelectorAsSelector`, label-selectors.ts): `{}` matches everything; each
 * matchLabels entry and each expression must hold (a null value is ""). Undefined when the
 * selector is one LabelSelectorAsSelector refuses or strict field validation would (the sink then
 * picks no Trigger, which TRIGGERS_AUTHENTICATED does not credit: it reads that as maybe), or
 * when the labels are not a map of label values (a template's `$(tt.params.x)`, replaced per event; a null value is "").
 */
export function triggerLabelsMatch(selector: unknown, labels: unknown): boolean | undefined {
  const read = readLabelSelector(selector, 'labelSelector');
  if (read.kind !== 'selector') return undefined;
  const have = objectLabels(labels);
  return have === undefined ? undefined : matchesLabels(read.selector, have);
}

/** Both surely: yes; either surely not: no; else maybe. */
function both(a: Picks, b: Picks): Picks {
  return a === 'no' || b === 'no' ? 'no' : a === 'yes' && b === 'yes' ? 'yes' : 'maybe';
}

/**
 * Whether selectors of a listener (its `namespaceSelector` and `labelSelector`, or a group's
 * `triggerSelector` fields) pick `trigger`, as the sink's `selectTriggers` does: `matchNames`
 * exactly `['*']` lists every namespace; other names list those namespaces; none lists the
 * listener's namespace when a labelSelector is given, and nothing otherwise; an absent
 * labelSelector lists every Trigger of the namespaces listed. Files without a namespace
 * checked together are read as applied to one; a listener or a Trigger with one and the other
 * without may be in different namespaces (maybe), as may a Trigger without one that names list.
 */
export function selectorPicks(namespaceSelector: unknown, labelSelector: unknown, listener: any, trigger: any): Picks {
  let names: string[] = [];
  if (!absent(namespaceSelector)) {
    if (!isMap(namespaceSelector) || !onlyFields(namespaceSelector, ['matchNames'])) return 'maybe';
    const given = namespaceSelector.matchNames;
    if (!absent(given)) {
      if (!strings(given)) return 'maybe';
      names = given;
    }
  }
  const triggerNamespace = manifestNamespace(trigger);
  const listenerNamespace = manifestNamespace(listener);
  // a namespace that is no DNS label (a template's `$(tt.params.x)`, replaced per event) may be any
  const known = [triggerNamespace, listenerNamespace, ...names.filter((n) => n !== '*')].every((n) => n === undefined || isDns1123Label(n));
  let namespaces: Picks;
  if (names.length === 1 && names[0] === '*') {
    namespaces = 'yes';
  } else if (names.length > 0) {
    namespaces = triggerNamespace === undefined || !known ? 'maybe' : names.includes(triggerNamespace) ? 'yes' : 'no';
  } else if (absent(labelSelector)) {
    return 'no';
  } else if (!known) {
    namespaces = 'maybe';
  } else {
    namespaces = listenerNamespace === triggerNamespace ? 'yes' : listenerNamespace === undefined || triggerNamespace === undefined ? 'maybe' : 'no';
  }
  if (absent(labelSelector)) return namespaces;
  const labels = triggerLabelsMatch(labelSelector, trigger?.metadata?.labels);
  return both(namespaces, labels === undefined ? 'maybe' : labels ? 'yes' : 'no');
}

/**
 * Whether a trigger group's `triggerSelector` picks `trigger` (selectorPicks of its
 * `namespaceSelector` and `labelSelector`); maybe when it is not a map of those two fields.
 */
export function triggerSelectorPicks(triggerSelector: unknown, listener: any, trigger: any): Picks {
  if (absent(triggerSelector)) return 'no';
  if (!isMap(triggerSelector) || !onlyFields(triggerSelector, ['namespaceSelector', 'labelSelector'])) return 'maybe';
  return selectorPicks(triggerSelector.namespaceSelector, triggerSelector.labelSelector, listener, trigger);
}
