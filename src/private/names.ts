/**
 * Names and variable references as Tekton Pipelines v1.15 reads them: the name
 * patterns its admission webhook enforces and the ways it finds `$(…)` variables
 * in a text (each function says which of Tekton's it follows).
 */

import { literalPattern } from './text';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Whether `name` is a DNS-1123 label (lower-case alphanumerics and '-', at most 63 characters). */
export function isDns1123Label(name: string): boolean {
  return typeof name === 'string' && name.length <= 63 && DNS1123_LABEL.test(name);
}

/** apimachinery's `IsDNS1123Subdomain`: at most 253 characters, dot-separated labels (the names of most objects). */
const DNS1123_SUBDOMAIN = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*$/;
export function isDns1123Subdomain(name: unknown): boolean {
  return typeof name === 'string' && name.length <= 253 && DNS1123_SUBDOMAIN.test(name);
}

/** The pattern of `IsDNS1123Subdomain` without its length: dot-separated labels of lower-case alphanumerics and '-'. */
export function matchesDns1123Subdomain(name: string): boolean {
  return DNS1123_SUBDOMAIN.test(name);
}

/** apimachinery's qualified name part and label value: alphanumeric at both ends, `-`, `_` and `.` inside. */
const QUALIFIED_PART = /^(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;

/** `IsQualifiedName` (label and annotation keys): an optional DNS subdomain prefix and `/`, and a name of at most 63 characters. */
export function isQualifiedName(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const [prefix, name] = slash < 0 ? [undefined, key] : [key.slice(0, slash), key.slice(slash + 1)];
  if (prefix !== undefined && (prefix === '' || !isDns1123Subdomain(prefix))) return false;
  return name.length <= 63 && QUALIFIED_PART.test(name);
}

/** `IsValidLabelValue`: empty, or at most 63 characters, alphanumeric at both ends, `-`, `_` and `.` inside. */
export function isLabelValue(value: string): boolean {
  return value === '' || (value.length <= 63 && QUALIFIED_PART.test(value));
}

/** The first name that appears twice, if any. */
export function firstDuplicate(names: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) return name;
    seen.add(name);
  }
  return undefined;
}

/**
 * Whether `name` is a result name the library accepts: Tekton's `ResultNameFormat`
 * (`^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$`) without the '.', which Tekton
 * reads in `$(tasks.<t>.results.<name>)` and `$(results.<name>.path)` as the key
 * of an object result.
 */
export function isResultName(name: string): boolean {
  return typeof name === 'string' && /^[A-Za-z0-9]([-A-Za-z0-9_]*[A-Za-z0-9])?$/.test(name);
}

/**
 * The name of the container Tekton makes for a step (`step-`) or a sidecar (`sidecar-`) of a
 * Task (`pod.StepName` and `names.SimpleNameGenerator.RestrictLength`): the prefix and the
 * name, cut to 63 characters, then to a letter or digit at its end. Two names that differ
 * only after that cut give one container name, which the API server refuses twice in a pod.
 */
export function tektonContainerName(prefix: 'step-' | 'sidecar-', name: string): string {
  let container = `${prefix}${name}`.slice(0, 63);
  while (container.length > 0 && !/[A-Za-z0-9]$/.test(container)) container = container.slice(0, -1);
  return container;
}

/** The name of the sidecar Tekton adds to read results (`results-from: sidecar-logs`); a Task may not use it. */
export const RESERVED_SIDECAR_NAME = 'tekton-log-results';

/** A `$(…)` expression as Tekton finds it in a param value. */
export interface Expression {
  /** The whole expression, e.g. `$(tasks.build.results.digest)`. */
  readonly text: string;
  /** What is inside the parentheses, e.g. `tasks.build.results.digest`. */
  readonly inner: string;
}

/**
 * Every expression Tekton's `VariableSubstitutionRegex` finds
 * (`$(` letters, digits, `_`, `.` and `-`, an optional `[n]` or `[*]`, `)`):
 * what it checks in the params of pipeline tasks and runs. `$(echo hi)` is none.
 */
export function tektonExpressions(text: string): Expression[] {
  return [...text.matchAll(/\$\(([_a-zA-Z0-9.-]+(?:\[(?:[0-9]+|\*)\])?)\)/g)].map((m) => ({ text: m[0], inner: m[1] }));
}

/** The variable prefixes Tekton accepts in the params of a pipeline task (`validateVarSubstitutionExpressions`). */
export const PIPELINE_VARIABLE_PREFIXES: readonly string[] = ['params', 'tasks', 'finally', 'context', 'workspaces', 'results'];

/** A variable of one prefix, as Tekton's `ExtractVariablesFromString` reads it. */
export interface PrefixedVariable {
  /** The whole reference, e.g. `$(params.url)`. */
  readonly text: string;
  /** The variable: the first dot-separated part after the prefix, without `[n]` or `[*]`. */
  readonly name: string;
  /** Whether the dot notation has more than two parts after the prefix (`$(params.a.b.c)`), which Tekton refuses. */
  readonly tooDeep: boolean;
  /** The variable as Tekton extracts it, before it drops `[n]` and `[*]` (`flags[*]`, `list[0]`, `git` of `$(params.git.url)`). */
  readonly raw: string;
  /** What follows the prefix's dot whole (`git.url` of `$(params.git.url)`), or what the brackets hold. */
  readonly whole: string;
}

/** The pattern of each prefix, compiled once (`matchAll` copies a global pattern, so sharing it is safe). */
const PREFIX_PATTERNS = new Map<string, RegExp>();

/**
 * The variables of one prefix (`params`, `context.taskRun`, ...) in a text, as
 * Tekton's `substitution.ExtractVariablesFromString` finds them: `$(<prefix>.x)`,
 * `$(<prefix>.x.key)`, `$(<prefix>["x"])` and `$(<prefix>['x'])`.
 */
export function prefixedVariables(text: string, prefix: string): PrefixedVariable[] {
  // most values hold no variable of the prefix at all
  if (!text.includes(`$(${prefix}`)) return [];
  let re = PREFIX_PATTERNS.get(prefix);
  if (re === undefined) {
    const p = literalPattern(prefix);
    const v = '(.*?(?:\\[\\*\\])?)';
    re = new RegExp(`\\$\\(${p}(?:\\.${v}|\\["${v}"\\]|\\['${v}'\\])\\)`, 'g');
    PREFIX_PATTERNS.set(prefix, re);
  }
  return [...text.matchAll(re)].map((m) => {
    const dotted = m[1];
    const parts = dotted !== undefined && dotted.includes('.') ? dotted.split('.') : undefined;
    const raw = parts ? parts[0] : (dotted || m[2] || m[3] || '');
    return { text: m[0], name: raw.replace(/\[([0-9])*\*?\]/g, ''), tooDeep: parts !== undefined && parts.length > 2, raw, whole: dotted || m[2] || m[3] || '' };
  });
}

/**
 * Whether an expression looks like a result reference to Tekton
 * (`resultref.LooksLikeResultRef`): `tasks|finally.<task>.results.<result>…`.
 */
export function looksLikeResultRef(inner: string): boolean {
  const parts = inner.split('.');
  return parts.length >= 4 && (parts[0] === 'tasks' || parts[0] === 'finally') && parts[2] === 'results';
}

/** A reference to the execution status of pipeline tasks. */
export interface StatusReference {
  /** The whole reference, e.g. `$(tasks.build.status)`. */
  readonly text: string;
  /** The pipeline task, or undefined for the aggregate `$(tasks.status)`. */
  readonly task?: string;
}

/**
 * The references to execution status in a text, as Tekton's
 * `containsExecutionStatusRef` finds them: `$(tasks.<t>.status)`, `$(tasks.<t>.reason)`
 * and the aggregate `$(tasks.status)`.
 */
export function statusReferences(text: string): StatusReference[] {
  return tektonExpressions(text)
    .filter((e) => e.inner.startsWith('tasks.') && /\.(status|reason)$/.test(e.inner) && !looksLikeResultRef(e.inner))
    .map((e) => (e.inner === 'tasks.status' ? { text: e.text } : { text: e.text, task: e.inner.replace(/^tasks\./, '').replace(/\.(status|reason)$/, '') }));
}

/** A reference to a result of a step, `$(steps.<step>.results.<result>)` (Tekton's `StepResultRegex`). */
export interface StepResultReference {
  readonly text: string;
  readonly step: string;
  readonly result: string;
}

/**
 * Every step-result reference in a text, as Tekton's `StepResultRegex` finds them
 * (`/\$\(steps\.(.*?)\.results\.(.*?)\)/g`, `.` not crossing a line break), in linear time:
 * the regular expression retries from every `$(steps.` and takes quadratic time on a long
 * run of them. At each `$(steps.`, only the first `.results.` after it can lead to a match (a
 * later one finds no `)` before the line ends either).
 */
export function stepResultReferences(text: string): StepResultReference[] {
  const out: StepResultReference[] = [];
  // the next line break, `.results.` and `)` at or after a position, each found once per stretch of text
  const next = (what: string | RegExp): ((from: number) => number) => {
    let at = -2;
    let found = -1;
    return (from: number): number => {
      if (at === -2 || (found >= 0 && found < from) || (found < 0 && at > from)) {
        at = from;
        if (typeof what === 'string') {
          found = text.indexOf(what, from);
        } else {
          what.lastIndex = from;
          found = what.exec(text)?.index ?? -1;
        }
      }
      return found;
    };
  };
  const lineEnd = next(/[\n\r\u2028\u2029]/g);
  const results = next('.results.');
  const close = next(')');
  for (let i = text.indexOf('$(steps.'); i >= 0;) {
    const end = lineEnd(i + 8);
    const limit = end < 0 ? text.length : end;
    const r = results(i + 8);
    const c = r >= 0 && r < limit ? close(r + 9) : -1;
    if (c >= 0 && c < limit) {
      out.push({ text: text.slice(i, c + 1), step: text.slice(i + 8, r), result: text.slice(r + 9, c) });
      i = text.indexOf('$(steps.', c + 1);
    } else {
      i = text.indexOf('$(steps.', i + 1);
    }
  }
  return out;
}

/**
 * Every artifact reference in a text, as Tekton's `artifactref` finds them:
 * `$(steps|tasks.<name>.inputs|outputs.<artifact>)`, `$(step.artifacts.path)` and
 * `$(artifacts.path)`. Tekton refuses them while `enable-artifacts` is off.
 */
export function artifactReferences(text: string): string[] {
  const found = [...text.matchAll(/\$\((?:steps|tasks)\.[^.]+\.(?:inputs|outputs)\.[^.)]+\)/g)].map((m) => m[0]);
  for (const path of ['$(step.artifacts.path)', '$(artifacts.path)']) {
    if (text.includes(path)) found.push(path);
  }
  return found;
}

/** A DNS-1123 label made from construct ids or a path (`BuildPipeline` -> `build-pipeline`, `billing/lint` -> `billing-lint`), or undefined when nothing is left. */
export function dnsLabelLike(text: string): string | undefined {
  const label = text.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-')
    .slice(0, 63).replace(/^-+|-+$/g, '');
  return isDns1123Label(label) ? label : undefined;
}
