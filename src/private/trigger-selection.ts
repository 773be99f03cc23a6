/**
 * Which Triggers an EventListener's selectors pick, as Triggers' sink lists them for each event
 * (tektoncd/triggers pkg/sink `selectTriggers`): the listener's own `namespaceSelector` and
 * `labelSelector` (the Triggers it runs without a group) and each trigger group's
 * `triggerSelector` (the Triggers it runs after the group's interceptors).
 */
import { isDns1123Label, isLabelValue, isQualifiedName } from './names';
import { manifestNamespace } from './namespaces';

/** Whether a selector picks a Trigger: surely, surely not, or not known here (a selector not read, an unset namespace). */
export type Picks = 'yes' | 'no' | 'maybe';

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const absent = (v: unknown): v is undefined | null => v === undefined || v === null;
/** Whether `v` is a map whose keys are all among `fields` (a field the API types do not have is not read). */
const onlyFields = (v: Record<string, unknown>, fields: readonly string[]) => Object.keys(v).every((k) => fields.includes(k));
const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * Whether a metav1.LabelSelector matches these labels, as apimachinery's `LabelSelectorAsSelector`
 * reads it: `{}` matches everything; each matchLabels entry and each expression must hold.
 * Undefined when it refuses the selector (the sink then picks no Trigger) or the text is not one
 * the types read: a key that is not a label key, a value that is not a label value or not a
 * string, an operator other than In, NotIn, Exists and DoesNotExist, In or NotIn without values,
 * Exists or DoesNotExist with some, a field the types do not have; or when the labels are not a
 * map of strings.
 */
export function labelSelectorMatches(selector: unknown, labels: unknown): boolean | undefined {
  if (!isMap(selector) || !onlyFields(selector, ['matchLabels', 'matchExpressions'])) return undefined;
  const have = absent(labels) ? {} : labels;
  // labels the API server refuses (a template's `$(tt.params.x)`, replaced per event) are not known
  if (!isMap(have) || !Object.entries(have).every(([k, v]) => typeof v === 'string' && isQualifiedName(k) && isLabelValue(v))) return undefined;
  const has = (k: string) => Object.prototype.hasOwnProperty.call(have, k);
  let matches = true;
  const { matchLabels, matchExpressions } = selector;
  if (!absent(matchLabels)) {
    if (!isMap(matchLabels)) return undefined;
    for (const [k, v] of Object.entries(matchLabels)) {
      if (typeof v !== 'string' || !isQualifiedName(k) || !isLabelValue(v)) return undefined;
      if (!has(k) || have[k] !== v) matches = false;
    }
  }
  if (!absent(matchExpressions)) {
    if (!Array.isArray(matchExpressions)) return undefined;
    for (const e of matchExpressions) {
      if (!isMap(e) || !onlyFields(e, ['key', 'operator', 'values']) || typeof e.key !== 'string' || !isQualifiedName(e.key)) return undefined;
      const values = absent(e.values) ? [] : e.values;
      if (!strings(values) || !values.every(isLabelValue)) return undefined;
      const set = e.operator === 'In' || e.operator === 'NotIn';
      if (!set && e.operator !== 'Exists' && e.operator !== 'DoesNotExist') return undefined;
      if (set ? values.length === 0 : values.length > 0) return undefined;
      const value = has(e.key) ? have[e.key] as string : undefined;
      const holds = e.operator === 'In' ? value !== undefined && values.includes(value)
        : e.operator === 'NotIn' ? value === undefined || !values.includes(value)
          : e.operator === 'Exists' ? value !== undefined : value === undefined;
      if (!holds) matches = false;
    }
  }
  return matches;
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
  const labels = labelSelectorMatches(labelSelector, trigger?.metadata?.labels);
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
