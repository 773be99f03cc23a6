/**
 * The `{{…}}` templates that tools fill in before a manifest is read: Pipelines-as-Code's placeholders and Helm's. Both
 * paste their value into the YAML text before it is parsed.
 */
import { celTyping } from './cel-syntax';
import { goTrimSpace } from './go-strings';

/** Pipelines-as-Code's placeholders (keys.ParamsRe), replaced in the whole template before its matcher reads it. */
export const PLACEHOLDER = /{{([^}]{2,})}}/g;

/** One placeholder of a text: as written (`[0]`), its key as written (`[1]`), and where it starts. */
export interface PlaceholderMatch {
  readonly 0: string;
  readonly 1: string;
  readonly index: number;
}

/**
 * The placeholders of `text`, as `text.matchAll(PLACEHOLDER)` finds them, in time linear in the
 * text (Go's regexp is; JavaScript's backtracks over every `{{` of a run of them, which grows with
 * the square of its length). A match at `{{` ends at the first `}` after it, when a second `}`
 * follows it and at least two characters lie between; else the next `{{` is tried.
 */
export function placeholdersIn(text: string): PlaceholderMatch[] {
  const out: PlaceholderMatch[] = [];
  // the first `}` at or after `start + 2`, kept while `start` moves up to it
  let close = -1;
  for (let start = text.indexOf('{{'); start !== -1;) {
    if (close < start + 2) {
      close = text.indexOf('}', start + 2);
      if (close === -1) break;
    }
    if (close - (start + 2) >= 2 && text.charCodeAt(close + 1) === 0x7d) {
      out.push({ 0: text.slice(start, close + 2), 1: text.slice(start + 2, close), index: start });
      start = text.indexOf('{{', close + 2);
    } else {
      start = text.indexOf('{{', start + 1);
    }
  }
  return out;
}

/** `text` with each placeholder (placeholdersIn) replaced by what `by` gives for it. */
export function replacePlaceholders(text: string, by: (placeholder: string) => string): string {
  let out = '';
  let from = 0;
  for (const p of placeholdersIn(text)) {
    out += text.slice(from, p.index) + by(p[0]);
    from = p.index + p[0].length;
  }
  return out + text.slice(from);
}

/**
 * The placeholders whose value the repository, its provider or Pipelines-as-Code fixes, in an
 * alphabet that holds no space, comma, bracket, quote or shell syntax (pkg/customparams/standard.go):
 * the commit, the repository's URL, owner and name, the fork's URL (the provider's), the pull
 * request's number, the name of the Secret PaC makes for git, the Repository's namespace and PaC's
 * name of the event. With what each reads as: `repo_url` and `source_url` make an item a URL.
 */
export const FIXED_PLACEHOLDERS: ReadonlyMap<string, string | undefined> = new Map([
  ['revision', undefined],
  ['repo_url', 'https://git.example.com/owner/repo'],
  ['repo_owner', undefined],
  ['repo_name', undefined],
  ['source_url', 'https://git.example.com/fork/repo'],
  ['pull_request_number', undefined],
  ['git_auth_secret', undefined],
  ['target_namespace', undefined],
  ['event_type', undefined],
]);

/** FIXED_PLACEHOLDERS as the rules' documentation lists them. */
export const FIXED_PLACEHOLDERS_TEXT = '`{{ revision }}`, `{{ repo_url }}`, `{{ repo_owner }}`, `{{ repo_name }}`, `{{ source_url }}`, '
  + '`{{ pull_request_number }}`, `{{ git_auth_secret }}`, `{{ target_namespace }}` and `{{ event_type }}`, which the repository, '
  + 'its provider or Pipelines-as-Code fixes';
/**
 * Whether every Pipelines-as-Code placeholder of `text` is one the repository or the event's
 * commit fixes (FIXED_PLACEHOLDERS): none is replaced with text whoever sends the event chooses.
 */
export function onlyFixedPlaceholders(text: string): boolean {
  for (const p of placeholdersIn(text)) if (!FIXED_PLACEHOLDERS.has(goTrimSpace(p[1]))) return false;
  return true;
}

/**
 * Whether `text` is Pipelines-as-Code's placeholder of `key` and nothing else (`{{ revision }}`, its key trimmed as Go's
 * strings.TrimSpace trims it): what PaC pastes for it is the whole value.
 */
export function isWholePlaceholder(text: string, key: string): boolean {
  const found = placeholdersIn(text);
  return found.length === 1 && found[0].index === 0 && found[0][0].length === text.length && goTrimSpace(found[0][1]) === key;
}

/**
 * The first `{{…}}` template of `text` that another tool fills in before the object is read
 * with text the manifest does not fix (Helm's, and Pipelines-as-Code's but for the placeholders
 * the repository or the event's commit fixes, FIXED_PLACEHOLDERS), or undefined. Both paste the
 * value into the YAML text before it is parsed, so the value can end the scalar it sits in: what
 * is written after it need not be part of the value that is read.
 */
export function chosenTemplate(text: string): string | undefined {
  for (const p of placeholdersIn(text)) if (!FIXED_PLACEHOLDERS.has(goTrimSpace(p[1]))) return p[0];
  return undefined;
}

/**
 * Pipelines-as-Code's standard params whose value the event's sender writes (pkg/customparams/standard.go): the pull
 * request's head branch, the comment that triggered the run (its `\n` written as `\\n`; its quotes, a lone carriage return, NEL, U+2028 and U+2029 kept), the pull
 * request's labels and the sender's login, which some providers let hold any text.
 */
const SENDER_PARAMS = new Set(['source_branch', 'trigger_comment', 'pull_request_labels', 'sender']);

/**
 * The variables of the event that Pipelines-as-Code evaluates a key starting with their name as (templates.ReplacePlaceHoldersVariables):
 * it tests the prefix as written, then reads the key as a CEL expression over `body`, `headers` and `files` and leaves the
 * placeholder as written where that expression fails to compile. A key that goes on with a letter, digit or `_`
 * (`bodyguard`, `headers_x`, `files2`) starts with another CEL identifier, which no declaration names: never filled.
 */
const EVENT_VARIABLES = ['body', 'headers', 'files'];

/** A character that goes on a CEL identifier (CEL.g4: `(LETTER | '_') (LETTER | DIGIT | '_')*`, ASCII letters). */
const CEL_IDENTIFIER_PART = /[A-Za-z0-9_]/;

/** `cel:`: PaC evaluates the rest, trimmed, over the event and its params; an empty expression fails and is replaced with nothing. */
const CEL_PREFIX = 'cel:';

/**
 * The variables Pipelines-as-Code's `cel:` expressions are evaluated over (pkg/cel Value): the event's maps and the standard params
 * of its run, each a string; `event` is the event's kind (`push`, `pull_request`) and `target_url` the base repository's URL.
 */
const CEL_VARIABLES: Readonly<Record<string, string>> = {
  body: 'map(string, dyn)',
  headers: 'map(string, dyn)',
  pac: 'map(string, dyn)',
  files: 'map(string, dyn)',
  ...Object.fromEntries(['event', 'event_type', 'target_branch', 'source_branch', 'target_url', 'source_url', 'event_title', 'revision',
    'repo_owner', 'repo_name', 'sender', 'repo_url', 'git_tag', 'target_namespace', 'trigger_comment', 'pull_request_labels',
    'pull_request_number', 'git_auth_secret'].map((name) => [name, 'string'])),
};

/** Those of CEL_VARIABLES whose value the event's sender does not write (as the plain placeholders of their names read). */
const CEL_FIXED_VARIABLES: ReadonlySet<string> = new Set(['event', 'event_type', 'target_branch', 'target_url', 'source_url', 'revision',
  'repo_owner', 'repo_name', 'repo_url', 'git_tag', 'target_namespace', 'pull_request_number', 'git_auth_secret']);

/**
 * The types of a `cel:` expression's value that Pipelines-as-Code writes as a word of a fixed alphabet (templates.ReplacePlaceHoldersVariables):
 * a bool as `true` or `false`, an int or a double as a JSON number, a uint or null as nothing.
 */
const CEL_SCALAR_TYPES: ReadonlySet<string> = new Set(['bool', 'int', 'uint', 'double', 'null']);

/**
 * Whether a `cel:` expression's value is surely not text the event's sender writes: one of the variables whose value the
 * repository or the provider fixes (`target_branch`), or a value of a type written as a word of a fixed alphabet (a
 * comparison, `has(…)`, `.startsWith(…)`, `size(…)`: `true`, `false`, a number).
 */
function celValueFixed(expression: string): boolean {
  if (CEL_FIXED_VARIABLES.has(expression)) return true;
  const type = celTyping(expression, CEL_VARIABLES, { optionalSyntax: false })?.type;
  return type !== undefined && CEL_SCALAR_TYPES.has(type);
}

/** Whether Pipelines-as-Code fills the placeholder of `key` (trimmed) with text from the event or that its sender writes. */
function filledByEvent(key: string): boolean {
  if (SENDER_PARAMS.has(key)) return true;
  if (key.startsWith(CEL_PREFIX)) {
    const expression = goTrimSpace(key.slice(CEL_PREFIX.length));
    return expression !== '' && !celValueFixed(expression);
  }
  return EVENT_VARIABLES.some((name) => key.startsWith(name) && !CEL_IDENTIFIER_PART.test(key.charAt(name.length)));
}

/** The first placeholder of `text` that Pipelines-as-Code fills with text the event's sender writes, or undefined. */
export function senderPlaceholder(text: string): string | undefined {
  if (!text.includes('{{')) return undefined;
  for (const p of placeholdersIn(text)) {
    // the key as Go's strings.TrimSpace trims it (U+0085 is space to Go, not to JavaScript's trim)
    if (filledByEvent(goTrimSpace(p[1]))) return p[0];
  }
  return undefined;
}

/** The words of a TEMPLATE_INJECTION problem after the placeholder it names. */
export const PASTED_BY_PAC = ", which Pipelines-as-Code replaces with text the event's sender writes before the YAML is read";

/** The wording of every TEMPLATE_INJECTION problem, up to the placeholder it names. */
const NAMED = /^(?:has a key that )?holds ({{[^}]{2,}}}), which Pipelines-as-Code replaces with text the event's sender writes before the YAML is read/;

/**
 * The placeholder a TEMPLATE_INJECTION problem names (the first of its string, key or comment that Pipelines-as-Code fills
 * from the event), read back from its words; undefined for other words. The audit places such a finding at it.
 */
export function placeholderOfProblem(problem: string): string | undefined {
  return NAMED.exec(problem)?.[1];
}
