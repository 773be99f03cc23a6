import { parsePath } from './json-path';
import { jsString, literalPattern } from './text';

/** A Tekton `$(...)` substitution found in a string. */
export interface Reference {
  /** The whole substitution, e.g. `$(params.url)`. */
  readonly text: string;
  /** What it refers to. */
  readonly kind: 'params' | 'workspaces' | 'results' | 'tasks' | 'other';
  /** The param, workspace or result name (for `tasks`, the pipeline task name). */
  readonly name: string;
  /** For `tasks` references, the result name. */
  readonly result?: string;
}

/** A `$(...)` in a text: the whole of it, what is inside the parentheses, and where it starts. */
interface Substitution {
  readonly whole: string;
  readonly inner: string;
  readonly index: number;
}

/**
 * Every `$(` followed by text without `)` or `$` up to a `)` (what `/\$\(([^)$]*)\)/g`
 * matches), in linear time: the regular expression retries from every `$(` of a text without
 * `)` and takes quadratic time on a long run of them. Tekton replaces its variables wherever
 * they are, so one inside a shell's own `$(…)` (`$(git rev-parse $(params.rev))`) is found:
 * the outer `$(` holds a `$` before its `)` and is no substitution of its own.
 */
function substitutions(text: string): Substitution[] {
  const out: Substitution[] = [];
  let close = -1;
  for (let i = text.indexOf('$('); i >= 0;) {
    if (close < i + 2) close = text.indexOf(')', i + 2);
    if (close < 0) break;
    const dollar = text.indexOf('$', i + 2);
    if (dollar >= 0 && dollar < close) {
      i = text.indexOf('$(', i + 2);
      continue;
    }
    out.push({ whole: text.slice(i, close + 1), inner: text.slice(i + 2, close), index: i });
    i = text.indexOf('$(', close + 1);
  }
  return out;
}

/**
 * The texts of a step (or StepAction) as the library writes them, each with the prop that holds
 * it, where Tekton substitutes `$(...)`: its script, command, args, env values and working directory.
 */
export function stepTexts(step: {
  readonly script?: string;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly env?: { readonly [name: string]: string };
  readonly workingDir?: string;
}): Array<[string, string]> {
  return [
    ['script', step.script ?? ''],
    ...(step.command ?? []).map((c): [string, string] => ['command', c]),
    ...(step.args ?? []).map((a): [string, string] => ['args', a]),
    ...Object.entries(step.env ?? {}).map(([k, v]): [string, string] => [`env.${k}`, v]),
    ['workingDir', step.workingDir ?? ''],
  ];
}

/** Every `$(...)` substitution in `text`, classified. */
export function findReferences(text: string): Reference[] {
  // not trimmed: Tekton replaces only the exact text `$(params.x)`, so `$( params.x)` refers to nothing
  return substitutions(text).map((m) => classify(m.whole, m.inner));
}

function classify(text: string, inner: string): Reference {
  // params.x, params["x"], params['x'] (and params.x[*] for arrays)
  const param = /^params(?:\.([^.[\]\s]+)|\[["']([^"']+)["']\])/.exec(inner);
  if (param) return { text, kind: 'params', name: param[1] ?? param[2] };
  const ws = /^workspaces\.([^.\s]+)\./.exec(inner);
  if (ws) return { text, kind: 'workspaces', name: ws[1] };
  const result = /^results\.([^.\s]+)\.path$/.exec(inner);
  if (result) return { text, kind: 'results', name: result[1] };
  const task = /^tasks\.([^.\s]+)\.results\.([^.[\s]+)/.exec(inner);
  if (task) return { text, kind: 'tasks', name: task[1], result: task[2] };
  return { text, kind: 'other', name: inner };
}

/** An env var name for a substitution: `$(params.git-url)` -> `GIT_URL`. */
export function envNameFor(substitution: string): string {
  const inner = substitution.replace(/^\$\(\s*/, '').replace(/\s*\)$/, '');
  const segments = inner.replace(/\[["']?([^"'\]]+)["']?\]/g, '.$1').split('.').filter(Boolean);
  const upper = (x: string) => x.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  let name = upper(segments[segments.length - 1] ?? 'VALUE');
  // a name the shell or the system already gives a meaning ($(workspaces.src.path) is not PATH)
  if (SHELL_NAMES.has(name)) name = segments.length > 1 ? `${upper(segments[segments.length - 2])}_${name}` : `P_${name}`;
  return /^[0-9]/.test(name) || name === '' ? `P_${name}` : name;
}

/** Environment variables that shells, the dynamic loader or common tools read. */
const SHELL_NAMES = new Set(['PATH', 'HOME', 'SHELL', 'IFS', 'PWD', 'OLDPWD', 'USER', 'ENV', 'BASH_ENV', 'CDPATH', 'PS4', 'LANG', 'TERM', 'TMPDIR', 'HOSTNAME', 'LD_PRELOAD', 'LD_LIBRARY_PATH']);

/** The variables of a run's own identity, `context.<x>.name`, `.namespace` and `.uid` (INERT, RUN_IDENTITY). */
const RUN_IDENTITY_VARIABLE = 'context\\.\\w+\\.(?:name|namespace|uid)';

/** The statuses Tekton gives finally tasks, `tasks.status` and `tasks.<t>.status` (INERT, TASK_STATUS). */
const TASK_STATUS_VARIABLE = 'tasks\\.(?:[^.\\s()]+\\.)?status';

/**
 * The counts Tekton writes as decimal numbers (INERT): `context.task.retry-count`, the number of a
 * TaskRun's earlier attempts (`len(status.retriesStatus)`), `context.pipelineTask.retries`, a pipeline
 * task's `retries` (an integer in the Pipeline), and `tasks.<t>.matrix.length` and
 * `tasks.<t>.matrix.<result>.length`, the number of a matrix's combinations and of a result's values
 * (taskrun and pipelinerun resources/apply.go).
 */
const COUNT_VARIABLE = 'context\\.task\\.retry-count|context\\.pipelineTask\\.retries|tasks\\.[^.\\s()]+\\.matrix\\.(?:[^.\\s()]+\\.)?length';

/**
 * Substitutions whose value no caller of a run can choose, or can choose only within
 * an alphabet that neither a shell nor a program's option parser reads as anything
 * but a word:
 *
 * - paths Tekton fixes from the Task itself (a workspace's mount path, a result's or a
 *   step's files, the artifacts files `$(artifacts.path)` and `$(step.artifacts.path)`, the
 *   credentials directory, and the directory of a PipelineResource of
 *   the v1alpha1/v1beta1 API: `$(resources.inputs.<r>.path)`, `$(inputs.resources.<r>.path)`,
 *   `/workspace/<r>` or the task's own targetPath);
 * - `$(workspaces.<w>.bound)`: "true" or "false"; `$(workspaces.<w>.volume)`: the name Tekton
 *   gives the volume (`ws-` and a hash);
 * - `$(context.<x>.name)`, `.namespace` and `.uid`: the names, namespaces and uids of the
 *   TaskRun and PipelineRun and the names of the Task and Pipeline, which the API server
 *   admits only as DNS-1123 names (lower-case letters, digits, '-' and '.', starting with a
 *   letter or digit) or generates (uids); Tekton admits only DNS-1123 labels as pipeline task
 *   names, and leaves any other `$(context.<x>.<y>)` as written, a shell's own command
 *   substitution of a fixed word;
 * - the counts Tekton writes as decimal numbers: `$(context.task.retry-count)`,
 *   `$(context.pipelineTask.retries)`, `$(tasks.<t>.matrix.length)` and `$(tasks.<t>.matrix.<r>.length)`.
 *
 * Every other substitution (params, results of other tasks and steps, a workspace's claim,
 * a resource's url or revision) is data from outside the task, and
 * reaches a container only through env. The admission policies (cluster/admission-policies.ts)
 * read the same list.
 */
const INERT = new RegExp('^(workspaces\\.[^.\\s()]+\\.(?:path|bound|volume)|results\\.[^.\\s()]+\\.path|step\\.results\\.[^.\\s()]+\\.path|(?:step\\.)?artifacts\\.path'
  + '|steps\\.[^.\\s()]+\\.exitCode\\.path|credentials\\.path|resources\\.(?:inputs|outputs)\\.[^.\\s()]+\\.path|(?:inputs|outputs)\\.resources\\.[^.\\s()]+\\.path'
  + `|${RUN_IDENTITY_VARIABLE}|${TASK_STATUS_VARIABLE}|${COUNT_VARIABLE})$`);

/**
 * A step result, `$(steps.<step>.results.<result>…)` (RE2 and JavaScript alike): the
 * entrypoint replaces it in the running step, after the kubelet's `$(NAME)` expansion
 * (EXPANSION_INJECTION, and the admission policies that check the same).
 */
export const STEP_RESULT_PATTERN = '^\\$\\(steps\\.[^.()]+\\.results\\.';

/**
 * A param substitution, `$(params.<name>…)` or `$(params["<name>"]…)` (RE2 and JavaScript alike):
 * what Tekton substitutes a TaskRun's params into its pod template with (RUN_POD_OVERRIDES, and
 * the admission policies that check the same); and a TriggerTemplate's `$(tt.params.<name>)`,
 * the event's value, in the runs it creates.
 */
export const PARAM_SUBSTITUTION_PATTERN = '\\$\\((?:tt\\.)?params[.\\[][^)$]*\\)';

/** A substitution in a text, where it starts. */
export interface Occurrence {
  /** The whole substitution, e.g. `$(params.url)`. */
  readonly text: string;
  /** Its offset in the text. */
  readonly index: number;
  /** Whether it expands to several values (an array param with `[*]`). */
  readonly expands: boolean;
  /**
   * For `$(NAME)` that the kubelet expands from the container's env (not a Tekton variable),
   * the env var's name.
   * @default - a Tekton substitution
   */
  readonly envVar?: string;
}
/**
 * The variable prefixes Tekton substitutes (v1 and v1beta1), and Tekton Triggers' `tt.` (a
 * TriggerTemplate's `$(tt.params.x)`, the event's value pasted into the objects it creates,
 * before Tekton reads them). Any other `$(…)` is
 * left as it is and, in a shell script, is the shell's own command substitution: Tekton
 * replaces the exact text `$(<variable>)`, so `$( params.x)` or `$(params .x)` is never
 * replaced. Of `workspaces.`, Tekton replaces only `<w>.path`, `<w>.bound`, `<w>.claim` and
 * `<w>.volume` (`ApplyWorkspaces`; its validation admits any other text, which reaches the step
 * as written: `$(workspaces.src)` in a script is the shell's command substitution of a program
 * named `workspaces.src`, whose value no caller chooses).
 */
const TEKTON_VARIABLE = /^(?:(params|tasks|steps|step|context|results|credentials|inputs|outputs|resources|tt)[.[]|workspaces\.[^.\s()]+\.(?:path|bound|claim|volume)$)/;

/** The substitutions in `text` Tekton replaces in a Task (params, results, context, workspaces ...), as written. */
export function tektonVariables(text: string): string[] {
  return substitutions(text).filter((m) => TEKTON_VARIABLE.test(m.inner)).map((m) => m.whole);
}

const WORKSPACE_PATH = /^workspaces\.([^.\s()]+)\.path$/;

/**
 * What Tekton pastes for a param substitution a run fixes (param-enums.ts `runFixedReferences`), for
 * `untrustedSubstitutions` to check that the pasted text forms no other one.
 */
export interface FixedValue {
  /** The constant pasted (an array's elements, joined by spaces). */
  readonly value: string;
  /**
   * Whether a param name a caller chooses is among Tekton's replacements where it pastes the value,
   * so that the text `$(params.<name>)` of such a param may span it (see `callerNamed`).
   */
  readonly spannable: boolean;
  /**
   * Whether, as a whole element of `command` or `args`, Tekton expands it to no element or to
   * several (an array of that name, whose elements replace the element before any string does: a
   * caller's array in a Pipeline, which propagateParams empties where the pipeline task passes a
   * string), moving every later element (`sh -c $(params.code) $(params.name)` runs `name` as the code).
   */
  readonly vanishes: boolean;
}

/**
 * The param substitutions a run fixes, as the texts inside `$(…)` Tekton replaces, with what it
 * pastes for each.
 */
export type FixedReferences = ReadonlyMap<string, FixedValue>;

/**
 * `text` as Tekton writes it where a run fixes params (param-enums.ts `runFixedReferences`): each
 * substitution whose text inside `$(…)` is one of `fixed` replaced by the constant pasted, in one
 * pass (a pasted value is not read again), every other text as written. Meant for a text in which
 * `untrustedSubstitutions` with the same `fixed` finds nothing a caller chooses.
 */
export function pasteFixed(text: string, fixed: FixedReferences): string {
  let out = '';
  let at = 0;
  for (const m of substitutions(text)) {
    const v = fixed.get(m.inner);
    if (v === undefined) continue;
    out += text.slice(at, m.index) + v.value;
    at = m.index + m.whole.length;
  }
  return out + text.slice(at);
}

/**
 * Every substitution in `text` whose value can come from outside the task: one Tekton makes (see
 * INERT), and, with `callerValuedEnv`, `$(NAME)` that the kubelet expands from an env var holding such
 * a value (in command, args and env values; `$$(NAME)` is the kubelet's escape). `chosenPaths`:
 * the workspaces whose `$(workspaces.<w>.path)` a caller can choose (a mount path that holds a
 * param: Tekton substitutes params into mount paths first). `fixedParams`: the param substitutions, as the
 * text inside `$(…)`, whose value the run in the same manifest fixes to a constant (param-enums.ts
 * `runFixedReferences`: `params.url`, `params.obj.key`, `params.arr[0]`, `params.arr[*]` …), which no caller
 * chooses where the constant, pasted, stays the author's (see standingFixed). `element`: the text is a whole
 * element of `command` or `args` followed by one that holds a caller's value (see `callerAfter`), which Tekton may
 * expand from an array to no element or several (param-enums.ts `FixedValue.vanishes`), moving that value.
 */
export function untrustedSubstitutions(
  text: string, chosenPaths?: ReadonlySet<string>, callerValuedEnv?: ReadonlySet<string>, fixedParams?: FixedReferences, element = false,
): Occurrence[] {
  const out: Occurrence[] = [];
  let references: ReadonlyMap<number, string> | undefined;
  const all = substitutions(text);
  const standing = fixedParams !== undefined && fixedParams.size > 0
    ? standingFixed(text, all, fixedParams, chosenPaths, callerValuedEnv, element) : undefined;
  for (const m of all) {
    const expands = /\[\s*\*\s*\]\s*$/.test(m.inner);
    if (TEKTON_VARIABLE.test(m.inner)) {
      // Tekton replaces the exact text: the map holds it as written inside `$(…)`
      if (standing?.has(m.index)) continue;
      if (callerChosen(m.inner, chosenPaths)) out.push({ text: m.whole, index: m.index, expands });
    } else if (callerValuedEnv !== undefined && callerValuedEnv.has(m.inner) && (references ??= kubeletReferences(text)).has(m.index)) {
      out.push({ text: m.whole, index: m.index, expands: false, envVar: m.inner });
    }
  }
  return out;
}

/**
 * For each element of a container's `command` and `args` (in one list), whether a later element holds
 * a substitution a caller chooses: a value an element that Tekton expands to no element or several
 * moves to another place (from the data after `sh -c CODE` into the code). False for an element `single`
 * says Tekton keeps one (single-elements.ts: a whole param the pipeline declares a string), which moves nothing.
 */
export function callerAfter(
  argv: readonly string[], chosenPaths?: ReadonlySet<string>, callerValuedEnv?: ReadonlySet<string>, fixedParams?: FixedReferences,
  single?: (element: string) => boolean,
): boolean[] {
  const out = argv.map(() => false);
  let later = false;
  for (let i = argv.length - 2; i >= 0; i--) {
    later = later || untrustedSubstitutions(argv[i + 1], chosenPaths, callerValuedEnv, fixedParams, out[i + 1]).length > 0;
    out[i] = later && single?.(argv[i]) !== true;
  }
  return out;
}

/** Whether a Tekton variable (the text inside `$(…)`) is one whose value can come from outside the task (see INERT). */
function callerChosen(inner: string, chosenPaths?: ReadonlySet<string>): boolean {
  const trimmed = inner.trim();
  const workspace = chosenPaths && chosenPaths.size > 0 ? WORKSPACE_PATH.exec(trimmed) : null;
  return !INERT.test(trimmed) || (workspace !== null && chosenPaths!.has(workspace[1]));
}

/**
 * The offsets of the substitutions of `text` whose value the run fixes (`fixed`) and that stay
 * the author's once Tekton pastes it. Not one that a caller's param name may span (where
 * `spannable`, a `$(params` before it or a `)` after it: Tekton replaces the text `$(params.<name>)`
 * of a run's param whatever its name holds, checking a run's param names for duplicates only), nor one whose constant, pasted with the others, forms
 * with the text around it a substitution a later level fills with a caller's value: Tekton replaces
 * each level in one pass and the next level reads what it pasted, so `$(tasks.$(params.t).results.r)`
 * with `t` fixed to `build` is the result of task `build`, and `$(params.d)(tasks.build.results.r)`
 * with `d` fixed to `$` is too; the kubelet then expands `$(NAME)` in command, args and env (with
 * `callerValuedEnv`, the env vars that hold a caller's value). Nor, with `element`, one that is the whole
 * element and that Tekton may expand to no element or several (`FixedValue.vanishes`), moving a caller's value after it.
 */
function standingFixed(
  text: string, all: readonly Substitution[], fixed: FixedReferences, chosenPaths?: ReadonlySet<string>, callerValuedEnv?: ReadonlySet<string>,
  element = false,
): ReadonlySet<number> {
  const candidates = all.filter((m) => {
    const f = fixed.get(m.inner);
    if (f === undefined || !TEKTON_VARIABLE.test(m.inner) || (element && f.vanishes && m.whole === text)) return false;
    return !f.spannable || (!text.slice(0, m.index).includes('$(params') && !text.slice(m.index + m.whole.length).includes(')'));
  });
  // the text with each constant pasted (the run's own identity in it as Tekton replaces it later: a name), and where each lies
  let pasted = '';
  let from = 0;
  const regions: Array<{ start: number; end: number; index: number }> = [];
  for (const m of candidates) {
    pasted += text.slice(from, m.index);
    const value = fixed.get(m.inner)!.value.replace(RUN_IDENTITY, 'name').replace(TASK_STATUS, 'Succeeded');
    regions.push({ start: pasted.length, end: pasted.length + value.length, index: m.index });
    pasted += value;
    from = m.index + m.whole.length;
  }
  pasted += text.slice(from);
  // a substitution the pasting forms: one that overlaps a constant, not within it
  const formed = (start: number, end: number) => regions.filter((r) => start < r.end && end > r.start && (start < r.start || end > r.end));
  const broken = new Set<number>();
  for (const m of substitutions(pasted)) {
    if (!TEKTON_VARIABLE.test(m.inner) || !callerChosen(m.inner, chosenPaths)) continue;
    for (const r of formed(m.index, m.index + m.whole.length)) broken.add(r.index);
  }
  if (callerValuedEnv !== undefined) {
    for (const [at, name] of kubeletReferences(pasted)) {
      if (callerValuedEnv.has(name)) for (const r of formed(at, at + name.length + 3)) broken.add(r.index);
    }
  }
  return new Set(regions.map((r) => r.index).filter((i) => !broken.has(i)));
}

/**
 * The run's own identity: `$(context.<x>.name)`, `.namespace` and `.uid`, which Tekton replaces
 * with the names and namespace of the run, its task and pipeline, or the run's uid (see INERT):
 * DNS-1123 names the API server admits, or a uid it generates.
 */
export const RUN_IDENTITY = new RegExp(`\\$\\(${RUN_IDENTITY_VARIABLE}\\)`, 'g');

/**
 * The statuses Tekton gives a Pipeline's finally tasks in their params and `when` expressions
 * (see INERT): `$(tasks.<t>.status)`, one of Succeeded, Failed and None, and `$(tasks.status)`, the
 * aggregate, one of Succeeded, Failed, Completed and None (pipelinerun/resources/apply.go
 * `ApplyPipelineTaskStateContext`). The webhook refuses them in any other task.
 */
export const TASK_STATUS = new RegExp(`\\$\\(${TASK_STATUS_VARIABLE}\\)`, 'g');

/**
 * Where the kubelet expands `$(NAME)` in `text` (an env value, a command or an argument), as its
 * `expansion.Expand` scans: left to right, `$$` is one literal `$`, `$(` reads a name up to the
 * first `)` (so a `$(` inside an earlier reference's name is no reference), and any other `$` is
 * literal. The offsets of the references' `$`, with their names.
 */
export function kubeletReferences(text: string): ReadonlyMap<number, string> {
  const out = new Map<number, string>();
  for (let i = text.indexOf('$'); i >= 0 && i + 1 < text.length; i = text.indexOf('$', i + 1)) {
    const next = text[i + 1];
    if (next === '$') {
      i += 1; // the escape: one literal $
    } else if (next === '(') {
      const close = text.indexOf(')', i + 2);
      if (close < 0) {
        i += 1; // an unclosed reference is literal text
        continue;
      }
      out.set(i, text.slice(i + 2, close));
      i = close;
    } else {
      i += 1;
    }
  }
  return out;
}

/**
 * `text` (a command or an argument) as the kubelet hands it to the container, as far as it can be known: its escape `$$` one
 * `$`, each `$(NAME)` reference kept as written (its value, when the env defines NAME, is not known here), any other `$` literal.
 */
export function kubeletUnescaped(text: string): string {
  if (!text.includes('$$')) return text;
  const refs = kubeletReferences(text);
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const name = refs.get(i);
    if (name !== undefined) {
      out += `$(${name})`;
      i += name.length + 2;
    } else if (text[i] === '$' && text[i + 1] === '$') {
      out += '$';
      i += 1;
    } else {
      out += text[i];
    }
  }
  return out;
}

/** An env entry and the first substitution callers can choose that its value holds, as the kubelet sees it. */
export interface EnvValue {
  readonly entry: any;
  readonly found: Occurrence;
}

/**
 * The env of a container read in order (as Tekton runs it: the stepTemplate's, then its own):
 * the entries whose value holds a substitution callers can choose, directly or through the
 * kubelet's `$(NAME)` expansion of an env var defined before it (a later entry of the same name
 * replaces an earlier one), or that the kubelet fills from a source callers choose (see
 * chosenSource), and the names that hold one at the end.
 */
export function envWithCallerValues(
  env: readonly any[], chosenPaths?: ReadonlySet<string>, fixedParams?: FixedReferences,
): { readonly values: EnvValue[]; readonly names: ReadonlySet<string> } {
  const names = new Set<string>();
  const values: EnvValue[] = [];
  for (const e of env) {
    if (typeof e?.name !== 'string') continue;
    const found = typeof e.value === 'string' && e.value !== '' ? untrustedSubstitutions(e.value, chosenPaths, names, fixedParams)[0] : chosenSource(e.valueFrom);
    if (found === undefined) {
      names.delete(e.name);
      continue;
    }
    names.add(e.name);
    values.push({ entry: e, found });
  }
  return { values, names };
}

/**
 * A `valueFrom` whose value callers choose, as an occurrence: the downward API's
 * `metadata.annotations[...]` (Tekton copies the run's annotations, which whoever creates it
 * writes, onto the pod), or a ConfigMap or Secret whose name holds such a substitution (any
 * object of the namespace by that name). Labels are not: their values cannot hold shell syntax
 * nor start with a dash, but each is a word callers choose (see labelFilled), read where a word is enough.
 */
function chosenSource(valueFrom: any): Occurrence | undefined {
  if (valueFrom === null || typeof valueFrom !== 'object') return undefined;
  const path = valueFrom.fieldRef?.fieldPath;
  if (typeof path === 'string' && /^metadata\.annotations\[/.test(path)) return { text: `valueFrom.fieldRef ${path}`, index: 0, expands: false };
  for (const ref of [valueFrom.configMapKeyRef, valueFrom.secretKeyRef]) {
    const name = ref?.name;
    const chosen = typeof name === 'string' ? untrustedSubstitutions(name)[0] : undefined;
    if (chosen !== undefined) return chosen;
  }
  return undefined;
}

/** A `$(NAME)` the kubelet expands from an env var it fills from a run's label (see labelFilled), or from one that copies such a label (see LabelCopy). */
export interface LabelReference extends Occurrence {
  /** The env var whose `$(NAME)` is written: the label's, or one that copies it. */
  readonly envVar: string;
  /** The label's field path, `metadata.labels['<key>']`. */
  readonly path: string;
  /**
   * Where `envVar` copies a label: the env var the kubelet fills from the label, and the env vars it expanded it through
   * after `envVar` (outermost first; none where `envVar`'s value holds the label's `$(NAME)` itself).
   * @default - envVar is filled from the label itself
   */
  readonly copies?: { readonly label: string; readonly through: readonly string[] };
  /**
   * The text of the element before the label's value, as the kubelet writes it (a copy's text before it included; any other
   * label's value as its `$(NAME)`, a literal `$` as `$$`).
   */
  readonly before: string;
}

/**
 * An env var whose `value` holds the `$(NAME)` of an env var defined before it that the kubelet fills from a run's label (or of
 * one such copy in turn): the kubelet expands it there when the container starts (`makeEnvironmentVariables`: each value
 * expanded from the env vars defined before it), so its value holds the label's word too.
 */
export interface LabelCopy {
  /** Its value as the kubelet writes it: each label's value as the `$(NAME)` of its env var, any other `$` (literal, or a reference it leaves or fills with no label) as `$$`. */
  readonly text: string;
  /**
   * For each env var filled from a label whose value it holds, the label's field path and the env vars it was expanded through
   * (outermost first, none when written directly).
   */
  readonly through: ReadonlyMap<string, { readonly path: string; readonly via: readonly string[] }>;
}

/**
 * The env vars the kubelet fills from a run's label (`valueFrom.fieldRef` `metadata.labels[...]`, no `value`; a later entry of
 * a name replacing an earlier one), by name, with the field path. Tekton copies the run's labels, which whoever creates it
 * writes, onto the pod; the API server admits as a label's value only an empty one or one word of at most 63 letters,
 * digits, `-`, `_` and `.` that starts and ends with a letter or digit (`(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?`): no
 * shell syntax, never an option, but a word that can name a program, an option or an env var (see chosenSource).
 */
export function labelFilled(env: readonly any[]): Map<string, string> {
  return labelEnv(env).labels;
}

/**
 * The env of a container read in order (see envWithCallerValues): the entries the kubelet fills from a run's label (`found` its
 * field path) or whose value holds a `$(NAME)` it expands from one defined before, directly or through a copy (`found` the first
 * such), the label-filled names at the end (see labelFilled), and the copies at the end (see LabelCopy).
 */
export function labelEnv(env: readonly any[]): {
  readonly values: Array<{ readonly entry: any; readonly found: LabelReference }>;
  readonly labels: Map<string, string>;
  readonly copies: Map<string, LabelCopy>;
} {
  const labels = new Map<string, string>();
  const copies = new Map<string, LabelCopy>();
  const values: Array<{ entry: any; found: LabelReference }> = [];
  for (const entry of env) {
    if (typeof entry?.name !== 'string') continue;
    const path = entry.valueFrom?.fieldRef?.fieldPath;
    const valued = typeof entry.value === 'string' && entry.value !== '';
    const found = valued ? labelReferences(entry.value, labels, copies)[0] : undefined;
    if (found !== undefined) values.push({ entry, found });
    const copy = valued ? copyOf(entry.value, labels, copies) : undefined;
    if (copy !== undefined) copies.set(entry.name, copy);
    else copies.delete(entry.name);
    if (!valued && typeof path === 'string' && /^metadata\.labels\[/.test(path)) {
      labels.set(entry.name, path);
      values.push({ entry, found: { text: `valueFrom.fieldRef ${path}`, index: 0, expands: false, envVar: entry.name, path, before: '' } });
    } else {
      labels.delete(entry.name);
    }
  }
  return { values, labels, copies };
}

/**
 * `value` as the kubelet's `expansion.Expand` writes it (Kubernetes third_party/forked/golang/expansion: `$$` one `$`, `$(NAME)`
 * the value of an env var defined before, else kept as written, any other `$` literal), in the notation of LabelCopy: undefined
 * when it holds no label's value.
 */
function copyOf(value: string, labels: ReadonlyMap<string, string>, copies: ReadonlyMap<string, LabelCopy>): LabelCopy | undefined {
  let text = '';
  const through = new Map<string, { path: string; via: readonly string[] }>();
  for (let i = 0; i < value.length; i++) {
    if (value[i] !== '$' || i + 1 >= value.length) {
      text += value[i] === '$' ? '$$' : value[i];
      continue;
    }
    const close = value[i + 1] === '(' ? value.indexOf(')', i + 2) : -1;
    if (close < 0) {
      // `$$`, `$x` and an unclosed `$(` are literal: the kubelet skips the character after `$`
      text += `$$${value[i + 1] === '$' ? '' : value[i + 1]}`;
      i++;
      continue;
    }
    const name = value.slice(i + 2, close);
    const copy = copies.get(name);
    if (labels.has(name)) {
      text += `$(${name})`;
      if (!through.has(name)) through.set(name, { path: labels.get(name)!, via: [] });
    } else if (copy !== undefined) {
      text += copy.text;
      for (const [label, { path, via }] of copy.through) if (!through.has(label)) through.set(label, { path, via: [name, ...via] });
    } else {
      text += `$$(${name})`;
    }
    i = close;
  }
  return through.size === 0 ? undefined : { text, through };
}

/**
 * The `$(NAME)` of `labels` (see labelFilled) that the kubelet expands in `text` (`$$(NAME)` is kept as written), in order; with
 * `copies`, each label's value that a `$(NAME)` of a copy (see LabelCopy) brings too, as that `$(NAME)`.
 */
export function labelReferences(text: string, labels: ReadonlyMap<string, string>, copies?: ReadonlyMap<string, LabelCopy>): LabelReference[] {
  if (labels.size === 0) return [];
  const out: LabelReference[] = [];
  // the text before each reference as the kubelet writes it, in LabelCopy's notation
  let at = 0;
  let before = '';
  for (const [index, name] of kubeletReferences(text)) {
    before += writtenAsCopy(text.slice(at, index));
    at = index + name.length + 3;
    const path = labels.get(name);
    const copy = copies?.get(name);
    if (path !== undefined) {
      out.push({ text: `$(${name})`, index, expands: false, envVar: name, path, before });
      before += `$(${name})`;
    } else if (copy !== undefined) {
      for (const [label, { path: from, via }] of copy.through) {
        const inCopy = [...kubeletReferences(copy.text)].find(([, n]) => n === label)![0];
        out.push({
          text: `$(${name})`, index, expands: false, envVar: name, path: from, copies: { label, through: via }, before: before + copy.text.slice(0, inCopy),
        });
      }
      before += copy.text;
    } else {
      before += `$$(${name})`;
    }
  }
  return out.sort((a, b) => a.index - b.index || a.before.length - b.before.length);
}

/** Text without a reference the kubelet expands (`$$` its escape, any other `$` literal) in LabelCopy's notation. */
function writtenAsCopy(text: string): string {
  return text.replace(/\$\$|\$/g, '$$$$');
}

/** The names of the env vars that hold a substitution callers can choose (see envWithCallerValues). */
export function callerEnv(env: readonly any[], chosenPaths?: ReadonlySet<string>, fixedParams?: FixedReferences): ReadonlySet<string> {
  return envWithCallerValues(env, chosenPaths, fixedParams).names;
}

/**
 * The workspaces of a task spec whose `$(workspaces.<w>.path)` a caller can choose: Tekton
 * substitutes params (and context) into a workspace's declared `mountPath` before it substitutes
 * `$(workspaces.<w>.path)` with it, and checks nothing about the result; a mount path that holds
 * the path of such a workspace is chosen too (Tekton substitutes the paths one after another).
 * A step's or sidecar's own `mountPath` for a workspace is pasted as written, after params.
 */
export function chosenWorkspacePaths(spec: any): ReadonlySet<string> {
  const chosen = new Set<string>();
  const declared = (Array.isArray(spec?.workspaces) ? spec.workspaces : []).filter((w: any) => typeof w?.mountPath === 'string');
  for (let grew = true; grew;) {
    grew = false;
    for (const w of declared) {
      const name = jsString(w.name);
      if (!chosen.has(name) && untrustedSubstitutions(w.mountPath, chosen).length > 0) {
        chosen.add(name);
        grew = true;
      }
    }
  }
  return chosen;
}

/** How a `$(params…)` substitution uses its param. */
export interface ParamUse {
  /** The whole substitution, e.g. `$(params.tags[*])`. */
  readonly text: string;
  /** The param's name. */
  readonly name: string;
  /** `[*]`: every element (array) or the whole object. */
  readonly star: boolean;
  /** `[<n>]`: one element of an array. */
  readonly index?: number;
  /** `.<key>`: one key of an object. */
  readonly key?: string;
}

const PARAM_USE = /\$\(\s*params(?:\.([^.[\]\s()"']+)|\[\s*"([^"]+)"\s*\]|\[\s*'([^']+)'\s*\])(?:(\[\s*\*\s*\])|\[\s*([0-9]+)\s*\]|\.([^.[\]\s()]+))?\s*\)/g;

/** Every `$(params…)` substitution in `text`, with what it takes from the param. */
export function paramUses(text: string): ParamUse[] {
  return [...text.matchAll(PARAM_USE)].map((m) => ({
    text: m[0],
    name: m[1] ?? m[2] ?? m[3],
    star: m[4] !== undefined,
    ...(m[5] !== undefined ? { index: Number(m[5]) } : {}),
    ...(m[6] !== undefined ? { key: m[6] } : {}),
  }));
}

/**
 * The param a whole text names (`$(params.x)`, `$(params["x"])`, `$(params['x'])`, v1alpha1 `$(inputs.params.x)`), where the
 * text is that substitution and nothing else (blanks around it aside): an image a run chooses as a whole. Undefined for an
 * element, a key or every element of a param (`$(params.a[0])`, `$(params.o.k)`, `$(params.a[*])`), and for any other text.
 */
export function wholeParamName(text: unknown): string | undefined {
  if (typeof text !== 'string') return undefined;
  const uses = paramUses(text);
  const use = uses.length === 1 ? uses[0] : undefined;
  if (use !== undefined && use.text === text.trim() && !use.star && use.index === undefined && use.key === undefined) return use.name;
  return /^\$\(\s*inputs\.params\.([^.)[\]\s]+)\s*\)$/.exec(text.trim())?.[1];
}

/** The text Tekton puts for each string param of a StepAction: the value the step passes, else the default. */
function stepParamValues(spec: any, stepParams: unknown): Map<string, { readonly text: string; readonly passed: boolean }> {
  const values = new Map<string, { text: string; passed: boolean }>();
  const list = (x: unknown): any[] => (Array.isArray(x) ? x : []);
  for (const p of list(spec?.params)) if (typeof p?.name === 'string' && typeof p.default === 'string') values.set(p.name, { text: p.default, passed: false });
  for (const p of list(stepParams)) if (typeof p?.name === 'string' && typeof p.value === 'string') values.set(p.name, { text: p.value, passed: true });
  return values;
}

const STEP_ACTION_PARAM = /\$\(params(?:\.([^.[\]\s()$]+)|\[["']([^"'\]]+)["']\])\)/g;

/** One piece of a StepAction's text after the step's params: as written (`param` undefined) or a param's replacement. */
interface Piece {
  readonly written: string;
  readonly text: string;
  readonly param?: string;
  readonly passed?: boolean;
}

function substitutedPieces(text: string, values: ReadonlyMap<string, { readonly text: string; readonly passed: boolean }>): Piece[] {
  const out: Piece[] = [];
  let at = 0;
  for (const m of text.matchAll(STEP_ACTION_PARAM)) {
    const name = m[1] ?? m[2];
    const value = values.get(name);
    if (value === undefined) continue;
    if (m.index! > at) out.push({ written: text.slice(at, m.index), text: text.slice(at, m.index) });
    out.push({ written: m[0], text: value.text, param: name, passed: value.passed });
    at = m.index! + m[0].length;
  }
  if (at < text.length) out.push({ written: text.slice(at), text: text.slice(at) });
  return out;
}

/**
 * A StepAction's spec with its string params replaced as Tekton's applyStepActionParameters does:
 * by the value the step passes (`params` of the step), else the param's default; array and
 * object params, and params given neither, stay as written.
 */
export function withStepParams(spec: any, stepParams: unknown): any {
  const values = stepParamValues(spec, stepParams);
  if (values.size === 0) return spec;
  const replace = (x: any): any => {
    if (typeof x === 'string') return substitutedPieces(x, values).map((p) => p.text).join('');
    if (Array.isArray(x)) return x.map(replace);
    if (x !== null && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, k === 'params' ? v : replace(v)]));
    return x;
  };
  return replace(spec);
}

/** Where a text a rule found in a StepAction run with a step's params is written (writtenInStepAction). */
export interface StepActionText {
  /** The StepAction's text as written, e.g. `$(params.dir)`. */
  readonly written: string;
  /** What the step's params make of it, e.g. `$(workspaces.source.path)/x`. */
  readonly becomes: string;
  /** Where the replacement comes from, e.g. `the value this step passes to param dir`. */
  readonly from: string;
}

/**
 * For `value`, found at `property` (a path as findings write it, a list entry by its name or index)
 * of a StepAction's spec after the step's params replaced its own (withStepParams): the StepAction's
 * text as written that holds it and what the params make of it, the whole `$(params.<p>)` it came
 * from (in a list, its first string where the params put the value). Undefined where the value is
 * written so in the StepAction (or is not at that field).
 */
export function writtenInStepAction(spec: any, stepParams: unknown, property: string, value: string | undefined): StepActionText | undefined {
  const path = parsePath(property);
  if (value === undefined || value === '' || path === undefined) return undefined;
  let node: any = spec;
  for (const s of path) {
    if (Array.isArray(node)) node = typeof s === 'number' ? node[s] : node.find((e) => e !== null && typeof e === 'object' && e.name === s);
    else node = node !== null && typeof node === 'object' && typeof s === 'string' && Object.prototype.hasOwnProperty.call(node, s) ? node[s] : undefined;
  }
  // a list (`command`, `args`) is said as a whole: the value is in one of its strings
  const values = stepParamValues(spec, stepParams);
  for (const written of Array.isArray(node) ? node : [node]) {
    const found = typeof written === 'string' ? writtenIn(substitutedPieces(written, values), value) : undefined;
    if (found !== undefined) return found;
  }
  return undefined;
}

function writtenIn(pieces: readonly Piece[], value: string): StepActionText | undefined {
  const text = pieces.map((p) => p.text).join('');
  // the first place the value lies in a replacement: the pieces it overlaps, replacements whole
  for (let i = text.indexOf(value); i >= 0; i = text.indexOf(value, i + 1)) {
    const end = i + value.length;
    let start = 0;
    let written = '';
    let becomes = '';
    const used: Piece[] = [];
    for (const p of pieces) {
      const from = start;
      const to = start + p.text.length;
      start = to;
      if (to <= i || from >= end) continue;
      if (p.param === undefined) {
        const cut = p.text.slice(Math.max(i, from) - from, Math.min(end, to) - from);
        written += cut;
        becomes += cut;
      } else {
        used.push(p);
        written += p.written;
        becomes += p.text;
      }
    }
    if (used.length === 0) continue;
    const names = (passed: boolean) => [...new Set(used.filter((p) => p.passed === passed).map((p) => p.param!))];
    const [given, defaults] = [names(true), names(false)];
    const from = [
      given.length === 0 ? [] : given.length === 1 ? [`the value this step passes to param ${given[0]}`] : [`the values this step passes to params ${given.join(', ')}`],
      defaults.length === 0 ? [] : defaults.length === 1 ? [`the default of param ${defaults[0]}, which this step does not pass`]
        : [`the defaults of params ${defaults.join(', ')}, which this step does not pass`],
    ].flat().join(' and ');
    return { written, becomes, from };
  }
  return undefined;
}

/** What Tekton Triggers does with a TriggerTemplate's `$(tt.params.<name>)`, for messages: `which Tekton Triggers replaces …`. */
export const EVENT_REPLACES = 'which Tekton Triggers replaces with the event\'s value when it creates the object';

/**
 * A pattern of the texts `text` may become once each of `variables` (substitutions of it, at their index, in order) is replaced
 * by any text (an empty one included), the text around them as written.
 */
export function anyValuePattern(text: string, variables: Iterable<{ readonly index: number; readonly text: string }>, flags = ''): RegExp {
  let source = '';
  let at = 0;
  for (const v of variables) {
    source += `${literalPattern(text.slice(at, v.index))}[^]*`;
    at = v.index + v.text.length;
  }
  return new RegExp(`^${source}${literalPattern(text.slice(at))}$`, flags);
}

/**
 * The params a StepAction param's default refers to, as Tekton's reconciler extracts them (substitution.go
 * `ExtractVariableExpressions` with the prefix params): each reference as written and the name it is read as, the text
 * between `$(params.` and `)` (so `flags[*]` of `$(params.flags[*])`, and a bracket reference as written).
 */
export function defaultReferences(text: string): Array<{ readonly written: string; readonly name: string }> {
  const found = text.match(/\$\(params(\.(.*?(\[\*\])?)|\["(.*?(\[\*\])?)"\]|\['(.*?(\[\*\])?)'\])\)/g) ?? [];
  return found.map((m) => ({ written: m, name: (m.startsWith('$(params.') ? m.slice('$(params.'.length) : m).replace(/\)$/, '') }));
}

/**
 * The params whose defaults the reconciler cannot resolve (apply.go `applyStepActionParameters`): from those resolved,
 * each pending one whose references are all resolved is resolved in turn, until none is; `resolved` grows with them.
 * The pending left, in their order.
 */
export function pendingDefaults<T extends { readonly name: string }>(
  pending: readonly T[], references: (p: T) => readonly string[], resolved: Set<string>,
): T[] {
  let left = [...pending];
  for (let progress = true; progress && left.length > 0;) {
    const before = left.length;
    left = left.filter((p) => {
      if (!references(p).every((n) => resolved.has(n))) return true;
      resolved.add(p.name);
      return false;
    });
    progress = left.length < before;
  }
  return left;
}
