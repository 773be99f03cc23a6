/**
 * The interceptors of a Tekton Triggers trigger as the EventListener's sink runs them after Triggers'
 * defaulting (v1alpha1's deprecated fields included, keys read as Go's encoding/json reads them), and
 * whether each checks who sent the event: a github, gitlab or bitbucket ClusterInterceptor with a
 * secretRef, or a cel one whose filter compares a header with a Secret (TRIGGERS_AUTHENTICATED).
 */
import { asArray, isObject } from './containers';
import { goJsonField, otherSpelling } from './go-json';
import { jsString, safeText } from './text';
import { CEL_INTERCEPTOR, DEPRECATED_INTERCEPTORS, SECRET_FILTER, SECRET_FILTER_DEPTH, SECRET_FILTER_MAX, VERIFIERS } from './triggers';

/** A CEL filter the secret comparison is read in. */
const SECRET_FILTER_RE = new RegExp(SECRET_FILTER);

/**
 * Why a cel interceptor's `filter` value does not make it check who sent the event, or
 * undefined when it is true only when a header equals a Secret's value (SECRET_FILTER).
 */
function filterProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'that is not a string';
  if ([...value].length > SECRET_FILTER_MAX) return `longer than ${SECRET_FILTER_MAX} characters, which is not read`;
  if (!SECRET_FILTER_RE.test(value)) {
    return "in which header.canonical('<header>').compareSecret('<key>', '<Secret>') is not an operand of the top-level && chain, or which holds "
      + `||, ?:, a comment, a backslash, a backtick, an empty string or brackets nested more than ${SECRET_FILTER_DEPTH} deep`;
  }
  return undefined;
}

/** Whether Go's encoding/json reads `key` as the field `field` (case-insensitively, ſ and K included). */
export function readsAs(key: string, field: string): boolean {
  return goJsonField(key, [field]) !== undefined;
}

/** The values of every key of `obj` that Go reads as the field `field`. */
function valuesOf(obj: Record<string, any>, field: string): unknown[] {
  return Object.keys(obj).filter((k) => readsAs(k, field)).map((k) => obj[k]);
}

/**
 * Why a `secretRef` value leaves the interceptor checking no signature, or undefined when it
 * names a Secret and a key. Every spelling Go would read as `secretName` or `secretKey` must be a
 * string that is not empty (the interceptor reads one of them; an empty key is refused at run time).
 */
function secretRefProblem(value: unknown): string | undefined {
  if (value === undefined || value === null) return 'is null: the interceptor then checks no signature';
  if (!isObject(value)) return 'is not an object { secretName, secretKey }';
  for (const field of ['secretName', 'secretKey']) {
    const given = valuesOf(value, field);
    if (given.length === 0) return `has no ${field}`;
    if (given.some((v) => typeof v !== 'string' || v === '')) return `has a ${field} that is not a string or is empty`;
  }
  return undefined;
}

/**
 * Why `key` is not read: Go's encoding/json reads it as `field`, and Triggers' defaulting webhook
 * writes the object back with the field's name (the last of two spellings winning), so the sink
 * reads what this rule, which reads `field` alone, does not.
 */
export function spelledProblem(key: string, field: string): string {
  return `writes '${key}', which Triggers reads as '${field}' (Go's encoding/json matches keys case-insensitively, and its defaulting webhook `
    + 'writes the object back so, the last of two spellings winning): what the sink runs is not known here';
}

/** The fields of an interceptor entry, of its `ref` and of a param, as Triggers' types name them. */
const ENTRY_FIELDS = ['name', 'ref', 'params', 'webhook'];
const REF_FIELDS = ['name', 'kind', 'apiVersion'];
const PARAM_FIELDS = ['name', 'value'];

/** The first key of an interceptor entry (its ref, its params) spelled otherwise than the field Triggers reads it as, or undefined. */
function unreadKey(entry: Record<string, any>, at: string, v1alpha1: boolean): { at: string; key: string; field: string } | undefined {
  const top = otherSpelling(entry, v1alpha1 ? [...ENTRY_FIELDS, ...DEPRECATED_INTERCEPTORS] : ENTRY_FIELDS);
  if (top !== undefined) return { at: `${at}.${top.key}`, ...top };
  const ref = isObject(entry.ref) ? otherSpelling(entry.ref, REF_FIELDS) : undefined;
  if (ref !== undefined) return { at: `${at}.ref.${ref.key}`, ...ref };
  for (const [i, p] of asArray(entry.params).entries()) {
    const param = isObject(p) ? otherSpelling(p, PARAM_FIELDS) : undefined;
    if (param !== undefined) return { at: `${at}.params[${i}].${param.key}`, ...param };
  }
  return undefined;
}

/** One interceptor as the sink runs it: its name and kind, and the secretRef values it is given. */
export interface Interceptor {
  /** Where the entry is. */
  readonly at: string;
  /** A key of the entry spelled otherwise than its field: what it runs is not known (it may be a webhook). */
  readonly unread?: { readonly at: string; readonly key: string; readonly field: string };
  readonly name: string;
  readonly clusterScoped: boolean;
  readonly webhook: boolean;
  /** The secretRef values it is given (any spelling Go reads as it), with where each is. */
  readonly secretRefs: Array<{ readonly at: string; readonly value: unknown }>;
  /** The filter values it is given (any spelling Go reads as it), with where each is and the key or param name that gives it. */
  readonly filters: Array<{ readonly at: string; readonly value: unknown; readonly key: string }>;
  /** The overlays values it is given (any spelling Go reads as it), as `filters`. */
  readonly overlays: Array<{ readonly at: string; readonly value: unknown; readonly key: string }>;
  /** Whether it is read from v1alpha1's deprecated field (`cel:`) rather than from params. */
  readonly deprecated: boolean;
}

/** An entry of `interceptors` as Triggers reads it after defaulting (v1alpha1's deprecated fields included). */
function interceptorOf(entry: Record<string, any>, at: string, v1alpha1: boolean): Interceptor {
  const unread = unreadKey(entry, at, v1alpha1);
  // named as written (TektonAdmissionPolicies' policy names it so), never counted as checking the sender
  return unread === undefined ? asWritten(entry, at, v1alpha1) : { ...asWritten(entry, at, v1alpha1), unread };
}

/** An interceptor entry read by the keys spelled as its fields. */
function asWritten(entry: Record<string, any>, at: string, v1alpha1: boolean): Interceptor {
  const ref = isObject(entry.ref) ? entry.ref : {};
  const kind = ref.kind;
  const clusterScoped = kind === undefined || kind === null || kind === '' || kind === 'ClusterInterceptor';
  const webhook = entry.webhook !== undefined && entry.webhook !== null;
  if (typeof ref.name === 'string' && ref.name !== '') {
    const given = (field: string) => asArray(entry.params).flatMap((p: any, i: number) => (isObject(p) && typeof p.name === 'string' && readsAs(p.name, field)
      ? [{ at: `${at}.params[${i}].value`, value: p.value, key: p.name as string }] : []));
    return { at, name: ref.name, clusterScoped, webhook, secretRefs: given('secretRef'), filters: given('filter'), overlays: given('overlays'), deprecated: false };
  }
  // v1alpha1 defaulting (updateCoreInterceptors) names it after the first deprecated field set and takes that field's secretRef (cel: filter)
  const deprecated = v1alpha1 ? DEPRECATED_INTERCEPTORS.find((d) => entry[d] !== undefined && entry[d] !== null) : undefined;
  if (deprecated === undefined) return { at, name: '', clusterScoped, webhook, secretRefs: [], filters: [], overlays: [], deprecated: false };
  const inline = entry[deprecated];
  const given = (field: string) => (isObject(inline) ? Object.keys(inline).filter((k) => readsAs(k, field))
    .map((k) => ({ at: `${at}.${deprecated}.${k}`, value: inline[k], key: k })) : []);
  return { at, name: deprecated, clusterScoped, webhook, secretRefs: given('secretRef'), filters: given('filter'), overlays: given('overlays'), deprecated: true };
}

/** Why an interceptor does not check the sender (`null`: it does not mean to; undefined: it does). */
export type Check = { readonly at: string; readonly problem: string; readonly value?: string } | undefined | null;

/** A filter or secretRef value as a finding names it: text as written (a long one cut), anything else described. */
function givenValue(value: unknown): string {
  if (typeof value !== 'string') return safeText(value);
  const chars = [...value];
  return chars.length > 200 ? `${chars.slice(0, 80).join('')}… (${chars.length} characters)` : value;
}

/** The interceptors at `at` as the sink runs them, and the Check of each. */
export function judged(interceptors: unknown, at: string, v1alpha1: boolean): { all: Interceptor[]; checks: Check[] } {
  const all = asArray(interceptors).flatMap((e: any, i: number) => (isObject(e) ? [interceptorOf(e, `${at}[${i}]`, v1alpha1)] : []));
  // in order: each github, gitlab or bitbucket ClusterInterceptor, and each cel one with a filter that means to compare a secret
  // (null: an interceptor that does not mean to check the sender)
  const checks = all.map((c): Check => {
    if (c.unread !== undefined) return { at: c.unread.at, problem: spelledProblem(c.unread.key, c.unread.field) };
    if (!c.clusterScoped || c.webhook) return null;
    if (c.name === CEL_INTERCEPTOR && c.filters.some((f) => typeof f.value === 'string' && f.value.includes('compareSecret'))) {
      const bad = c.filters.map((f) => ({ f, why: filterProblem(f.value) })).find((x) => x.why !== undefined);
      return bad === undefined ? undefined : { at: bad.f.at, value: givenValue(bad.f.value), problem: `gives the cel interceptor a filter ${bad.why}` };
    }
    if (!VERIFIERS.includes(c.name)) return null;
    if (c.secretRefs.length === 0) {
      return { at: c.at, problem: `runs the ${jsString(c.name)} interceptor without a secretRef param: it then checks no signature and passes every request` };
    }
    const bad = c.secretRefs.map((s) => ({ s, why: secretRefProblem(s.value) })).find((x) => x.why !== undefined);
    return bad === undefined ? undefined : { at: bad.s.at, value: givenValue(bad.s.value), problem: `gives the ${jsString(c.name)} interceptor a secretRef that ${bad.why}` };
  });
  return { all, checks };
}

/** The interceptors as a finding names them (as the triggers-authenticated admission policy does). */
export function namesOf(all: Interceptor[]): string[] {
  return all.map((i) => (i.webhook ? 'webhook' : i.name === '' ? '(unnamed)' : i.clusterScoped ? i.name : `${jsString(i.name)} (NamespacedInterceptor)`));
}

/**
 * The `interceptors` of a trigger as a finding at them names them, and as the triggers-authenticated
 * admission policy names them in every refusal: `cel`, `github, cel`, `(none)`. A finding at one
 * interceptor's filter or secretRef names that value instead.
 */
export function interceptorsNamed(interceptors: unknown, v1alpha1: boolean): string {
  const named = namesOf(judged(interceptors, '', v1alpha1).all);
  return named.length > 0 ? named.join(', ') : '(none)';
}

/** The fix of a trigger group's null interceptor entry. */
export const NULL_GROUP_ENTRY_FIX = "Remove the null entry from the trigger group's interceptors (or write it as the interceptor it is meant to be, "
  + '{ ref: { name: <interceptor> } }), and run the interceptor that checks the sender first.';
