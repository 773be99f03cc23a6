/**
 * Facts of Tekton Triggers that TRIGGERS_AUTHENTICATED and its admission policy both read
 * (tektoncd/triggers: pkg/sink, pkg/interceptors, v1alpha1 defaulting).
 */

/** The group of Tekton Triggers' EventListeners and Triggers. */
export const TRIGGERS_GROUP = 'triggers.tekton.dev';
/** The core interceptors that check who sent an event, when given the webhook secret (`secretRef`). */
export const VERIFIERS: readonly string[] = ['github', 'gitlab', 'bitbucket'];
/** v1alpha1's deprecated inline interceptors, in the order Triggers' GetName picks one. */
export const DEPRECATED_INTERCEPTORS: readonly string[] = ['bitbucket', 'cel', 'github', 'gitlab'];

/** The core interceptor that evaluates a CEL `filter`; Triggers' CEL environment gives it `compareSecret`. */
export const CEL_INTERCEPTOR = 'cel';

/** The longest `filter` (in code points, as CEL's `size` counts) read for a secret comparison; a longer one is not credited. */
export const SECRET_FILTER_MAX = 4096;

/** How deep brackets may nest in a filter read for a secret comparison. */
export const SECRET_FILTER_DEPTH = 4;
/** CEL's white space. */
const WS = '[\\t\\n\\f\\r ]*';
/** A CEL string literal that is not empty and holds no backslash or line break (single or double quotes; triple quotes never match). */
const STRING = '(?:\'[^\'\\\\\\n\\r]+\'|"[^"\\\\\\n\\r]+")';
/** One character outside string literals that opens no group, no string, no comment, no `||` and no `?:`. */
const ATOM = "[^'\"()\\[\\]{}|?/\\\\`]";

/**
 * Text whose brackets are balanced to `depth` levels (an opening `(`, `[` or `{` closed by any of
 * `)`, `]`, `}`: a pair CEL does not match is a syntax error, which fails the filter), whose
 * string literals are complete, and which holds no `||`, `?`, comment, backslash or backtick
 * outside them.
 */
function balanced(depth: number): string {
  const inner = depth === 0 ? '' : `|[([{]${balanced(depth - 1)}[)\\]}]`;
  return `(?:${ATOM}|${STRING}${inner})*`;
}

/** `header.canonical('<header>').compareSecret('<key>', '<Secret>'[, '<namespace>'])`: the request's header compared with a Secret's value. */
const COMPARE_SECRET = `header\\.canonical\\(${WS}${STRING}${WS}\\)\\.compareSecret\\(${WS}${STRING}${WS},${WS}${STRING}${WS}(?:,${WS}${STRING}${WS})?\\)`;

/**
 * A CEL `filter` that is true only when a request header equals a Secret's value: a chain of
 * `&&` of which one operand is `header.canonical(…).compareSecret(…)`. The rest is any text with
 * balanced brackets (SECRET_FILTER_DEPTH levels deep) and complete string literals, and with no `||`, `?:`,
 * comment, backslash or backtick, so that the comparison is an operand of the top-level `&&`
 * chain whatever the rest says (CEL's `&&` is true only when every operand is). Written in the
 * syntax JavaScript's RegExp and RE2 (CEL's `matches`) read alike; both the rule and its
 * admission policy match a filter against it.
 */
export const SECRET_FILTER = `^(?:${balanced(SECRET_FILTER_DEPTH)}&&)?${WS}${COMPARE_SECRET}${WS}(?:&&${balanced(SECRET_FILTER_DEPTH)})?$`;
