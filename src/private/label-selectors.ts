/**
 * Kubernetes label selectors (metav1.LabelSelector) as the API server reads them and as
 * controllers match objects with them: decoded as the API server decodes JSON (a null
 * `matchLabels` value or `values` entry is "", a null map or list is none, a field the type
 * does not have is refused under kubectl's strict field validation), validated as
 * apimachinery's `ValidateLabelSelector` validates it, and matched as `LabelSelectorAsSelector`
 * and `Selector.Matches` match labels.
 *
 * What a null or absent selector means is not said here: each API gives it its own meaning (a
 * NetworkPolicy peer's absent namespaceSelector is the policy's own namespace and `{}` every
 * namespace; an EventListener's absent labelSelector lists no Trigger by label;
 * `LabelSelectorAsSelector(nil)` is `Nothing()`), so callers decide. What a selector the API
 * server refuses means is the caller's too: for a rule, the conservative reading depends on
 * whether a match credits the input (a deny, an authenticated trigger) or counts against it
 * (a grant, an opening).
 */
import { LabelLookup, UNKNOWN_LABEL } from './calico-selectors';
import { isLabelValue, isQualifiedName } from './names';

/** The operators of a requirement. */
export type LabelSelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

const OPERATORS: readonly string[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
const SELECTOR_FIELDS: readonly string[] = ['matchLabels', 'matchExpressions'];
const REQUIREMENT_FIELDS: readonly string[] = ['key', 'operator', 'values'];

/**
 * One requirement of a selector, as `LabelSelectorAsSelector` builds it: a `matchLabels`
 * entry is `In` of its one value (apimachinery's Equals, which matches the same labels).
 */
export interface LabelRequirement {
  readonly key: string;
  readonly operator: LabelSelectorOperator;
  readonly values: readonly string[];
  /** Where it is written. */
  readonly from: 'matchLabels' | 'matchExpressions';
}

/** A selector that reads: the AND of its requirements (none matches every object). */
export interface LabelSelector {
  readonly requirements: readonly LabelRequirement[];
}

/** What a selector is: absent (undefined or null: the caller's API says what that means), refused (and why), or read. */
export type SelectorReading =
  | { readonly kind: 'absent' }
  | { readonly kind: 'refused'; readonly why: string }
  | { readonly kind: 'selector'; readonly selector: LabelSelector };

/** How keys and values are validated. */
export interface SelectorReadOptions {
  /**
   * `kubernetes` (the default): keys are qualified names and values label values, as
   * `ValidateLabelSelector` and `LabelSelectorAsSelector` require, with the counts of values
   * each operator needs. `any`: a selector of an API that is no Kubernetes object's
   * (Cilium's endpoint selectors, whose keys carry a source such as `k8s:`): any string key
   * and value, the operator one of the four.
   */
  readonly keys?: 'kubernetes' | 'any';
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const absent = (v: unknown): v is undefined | null => v === undefined || v === null;
const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** A label value of a selector as the API server decodes it: null is "" (Go leaves the string empty); undefined for one that is no string. */
export function selectorValue(v: unknown): string | undefined {
  return v === null ? '' : typeof v === 'string' ? v : undefined;
}

/**
 * Reads a label selector written at `at` (for messages: `its <at>.matchLabels is not a map`).
 * Refused, with the first reason, where the API server refuses it: a selector that is no map
 * or has a field other than matchLabels and matchExpressions; matchLabels that is no map, with
 * a key that is no qualified name or a value that is no label value (null is ""); expressions
 * that are no list, an entry that is no map (a null one decodes as a requirement without key
 * or operator) or has another field than key, operator and values; values that are no list or
 * hold an entry that is no label value (null is ""); an operator other than In, NotIn, Exists
 * and DoesNotExist (spelled so: `in` is not In); In or NotIn without values, Exists or
 * DoesNotExist with some; a key that is no qualified name.
 */
export function readLabelSelector(value: unknown, at: string, options: SelectorReadOptions = {}): SelectorReading {
  if (absent(value)) return { kind: 'absent' };
  const strict = (options.keys ?? 'kubernetes') === 'kubernetes';
  const refused = (why: string): SelectorReading => ({ kind: 'refused', why: `its ${why}` });
  if (!isMap(value)) return refused(`${at} is not a label selector`);
  const extra = Object.keys(value).find((k) => !SELECTOR_FIELDS.includes(k));
  if (extra !== undefined) return refused(`${at} has no field '${extra}'`);
  const requirements: LabelRequirement[] = [];
  const labels = value.matchLabels;
  if (!absent(labels)) {
    if (!isMap(labels)) return refused(`${at}.matchLabels is not a map`);
    for (const [key, v] of Object.entries(labels)) {
      if (strict && !isQualifiedName(key)) return refused(`${at}.matchLabels key ${JSON.stringify(key)} is not a qualified name`);
      const decoded = selectorValue(v);
      if (decoded === undefined || (strict && !isLabelValue(decoded))) {
        return refused(`${at}.matchLabels ${JSON.stringify(key)} has the value ${JSON.stringify(v)}, which is not a label value`);
      }
      requirements.push({ key, operator: 'In', values: [decoded], from: 'matchLabels' });
    }
  }
  const expressions = value.matchExpressions;
  if (!absent(expressions) && !Array.isArray(expressions)) return refused(`${at}.matchExpressions is not a list`);
  for (const [i, e] of (expressions ?? []).entries()) {
    const here = `${at}.matchExpressions[${i}]`;
    if (!isMap(e)) return refused(`${here} is not a requirement`);
    const extraField = Object.keys(e).find((k) => !REQUIREMENT_FIELDS.includes(k));
    if (extraField !== undefined) return refused(`${here} has no field '${extraField}'`);
    if (!absent(e.values) && !Array.isArray(e.values)) return refused(`${here}.values is not a list`);
    const written: unknown[] = absent(e.values) ? [] : e.values;
    const operator = e.operator;
    if (typeof operator !== 'string' || !OPERATORS.includes(operator)) {
      return refused(`${here}.operator ${JSON.stringify(operator ?? null)} is not In, NotIn, Exists or DoesNotExist`);
    }
    if (strict) {
      const wantsValues = operator === 'In' || operator === 'NotIn';
      if (wantsValues && written.length === 0) return refused(`${here} (${operator}) has no values`);
      if (!wantsValues && written.length > 0) return refused(`${here} (${operator}) has values`);
    }
    const key = selectorValue(e.key);
    if (key === undefined || (strict && !isQualifiedName(key))) return refused(`${here}.key ${JSON.stringify(e.key ?? null)} is not a qualified name`);
    const values: string[] = [];
    for (const v of written) {
      const decoded = selectorValue(v);
      if (decoded === undefined || (strict && !isLabelValue(decoded))) return refused(`${here} value ${JSON.stringify(v)} is not a label value`);
      values.push(decoded);
    }
    requirements.push({ key, operator: operator as LabelSelectorOperator, values, from: 'matchExpressions' });
  }
  return { kind: 'selector', selector: { requirements } };
}

/**
 * An object's `metadata.labels` as the API server decodes and admits them, to match a selector
 * with: none (absent or null) is `{}`, a null value is "". Undefined when they are no map of
 * label keys to label values (the API server refuses the object; a template's `$(tt.params.x)`
 * is replaced per event): each caller says what that means.
 */
export function objectLabels(labels: unknown): Record<string, string> | undefined {
  if (absent(labels)) return {};
  if (!isMap(labels)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) {
    const value = selectorValue(v);
    if (value === undefined || !isQualifiedName(k) || !isLabelValue(value)) return undefined;
    out[k] = value;
  }
  return out;
}

/** Whether one requirement holds of a label's value (null: the object has no such label), as `Requirement.Matches` says. */
function holds(r: LabelRequirement, have: string | null): boolean {
  switch (r.operator) {
    case 'In': return have !== null && r.values.includes(have);
    case 'NotIn': return have === null || !r.values.includes(have);
    case 'Exists': return have !== null;
    default: return have === null;
  }
}

/** Whether a selector that reads matches an object with exactly these labels (no requirement: every object). */
export function matchesLabels(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  return selector.requirements.every((r) => holds(r, has(labels, r.key) ? labels[r.key] : null));
}

/**
 * Whether a selector that reads matches labels known in part: false when a requirement
 * surely fails, undefined when none does but one depends on a label not known, else true.
 */
export function matchesLookup(selector: LabelSelector, labels: LabelLookup): boolean | undefined {
  let result: boolean | undefined = true;
  for (const r of selector.requirements) {
    const have = labels(r.key);
    if (have === UNKNOWN_LABEL) result = undefined;
    else if (!holds(r, have)) return false;
  }
  return result;
}

/**
 * Whether a selector as written matches these labels: undefined when it is absent or refused
 * (the caller says what each means for its API).
 */
export function labelSelectorMatches(value: unknown, labels: Readonly<Record<string, string>>, at = 'selector'): boolean | undefined {
  const read = readLabelSelector(value, at);
  return read.kind === 'selector' ? matchesLabels(read.selector, labels) : undefined;
}

/**
 * Whether a selector has no term as written (absent, `{}`, empty matchLabels and
 * matchExpressions): the shape only, whether the API server admits the rest of it or not.
 */
export function hasNoTerms(value: unknown): boolean {
  if (absent(value)) return true;
  if (!isMap(value)) return false;
  const labels = value.matchLabels;
  const expressions = value.matchExpressions;
  const noLabels = absent(labels) || (isMap(labels) && Object.keys(labels).length === 0);
  const noExpressions = absent(expressions) || (Array.isArray(expressions) && expressions.length === 0);
  return noLabels && noExpressions;
}
