/**
 * Whether a task param's `enum` binds the value a container's `$(params.x)` takes.
 *
 * Tekton checks a run's value of a param against the param's `enum` (with the feature flag
 * `enable-param-enum` on): a TaskRun's params against its Task's (taskrun.go `ValidateEnumParam`),
 * a PipelineRun's against its Pipeline's, and a pipeline task's against the task it runs
 * (pipelinerun.go `createTaskRuns`). But a task spec embedded in a pipeline task (`taskSpec`)
 * is substituted before any of that: `ApplyParameters` puts every param of the PipelineRun,
 * declared by the pipeline or not, and each default of the pipeline's params, into it
 * (apply.go `paramsFromPipelineRun`, `propagateParams`), replaced by the pipeline task's own
 * value only for a param the pipeline task passes in `params` (not in `matrix`). That value
 * is the one its TaskRun is given and checked against the task's enum; any other reaches the
 * container unchecked by the task's enum.
 */
import type { ContainerView, PipelineTaskContext } from './containers';
import { goQuote } from './go-strings';
import { isDigestPinned } from './image-references';
import { goParamValue, knownParamType, TektonParamType } from './param-types';
import { FixedReferences, FixedValue, RUN_IDENTITY, TASK_STATUS } from './substitutions';
import { onlyFixedPlaceholders } from './templates';
import { jsString } from './text';

/** Why a task's enum does not bind a param in an embedded task spec: undefined when it does. */
export interface EnumGap {
  /** What reaches the container instead, for a finding's problem. */
  readonly problem: string;
  /** How to make the enum bind, for a finding's fix. */
  readonly fix: string;
}

/** How a value of a pipeline's enum that is not allowed is written so that it is (enumGap): what is wrong with it, and the value written right. */
export interface EnumRepair {
  /** What the value does, after "which": `has its digest in upper-case hex, … so no pod can run it`. */
  readonly problem: string;
  /** The value written right. */
  readonly written: string;
  /** How it differs, for the fix: `its digest in lower case`. */
  readonly note: string;
}

const named = (list: readonly any[] | undefined, name: string): any => list?.find((p) => p?.name === name);

/**
 * Whether the enum of the task param `param` of the view's task spec binds what `$(params.<param>)`
 * becomes in the view's container, where every value `allowed` accepts is harmless (for
 * IMAGE_DIGEST: pinned by digest). A Task's or a TaskRun's taskSpec: it does. A spec embedded
 * in a pipeline task: only when the pipeline task passes the param, or when every value the
 * pipeline level puts in its place is one `allowed` accepts (the pipeline's own enum, or the
 * pipeline's default and the run's value where the run is in the same manifest).
 */
export function enumGap(
  view: ContainerView, param: string, allowed: (value: string) => boolean = isDigestPinned, repair?: (value: string) => EnumRepair | undefined,
): EnumGap | undefined {
  const at = view.pipelineTask;
  if (at === undefined) return undefined;
  const taskName = jsString(at.task?.name ?? '');
  if (at.customTask) {
    return {
      problem: 'the enum of a custom task\'s spec binds nothing: Tekton checks no value its controller is given against it',
      fix: 'Write the value into the spec, or give the custom task a param its controller checks.',
    };
  }
  // the pipeline task passes it: its TaskRun is given the same value, checked against the enum
  if (named(Array.isArray(at.task?.params) ? at.task.params : [], param) !== undefined) return undefined;
  const passIt = `Pass "${param}" in params of pipeline task '${taskName}' (Tekton checks what it passes against the enum)`;
  const declared = named(at.pipelineParams, param);
  const pipelineEnum: unknown[] = Array.isArray(declared?.enum) ? declared.enum : [];
  // the run's value is checked against the pipeline's enum, and its default must be in it
  if (pipelineEnum.length > 0 && pipelineEnum.every((v) => typeof v === 'string' && allowed(v))) return undefined;
  // the pipeline's enum binds the run's value, but holds a value written so that nothing runs it (an upper-case digest): written right, it binds
  const repairs = pipelineEnum.map((v) => (typeof v === 'string' && !allowed(v) ? repair?.(v) : undefined));
  if (pipelineEnum.length > 0 && pipelineEnum.every((v, k) => typeof v === 'string' && (allowed(v) || repairs[k] !== undefined))) {
    const bad = pipelineEnum.flatMap((v, k) => (repairs[k] === undefined ? [] : [{ value: v as string, ...repairs[k]! }]));
    return {
      problem: `the pipeline's enum of "${param}", which Tekton checks a PipelineRun's value against, holds ${bad.map((b) => `"${b.value}", which ${b.problem}`).join('; ')}`,
      fix: `Write ${bad.map((b) => `"${b.written}" (${b.note})`).join(', ')} in the enum of "${param}" on the pipeline.`,
    };
  }
  if (at.runParams === undefined) {
    return {
      problem: `the task's enum does not bind it: pipeline task '${taskName}' does not pass "${param}", so Tekton substitutes a PipelineRun's param "${param}" `
        + '(declared by the pipeline or not) into the inline taskSpec before any enum is checked',
      fix: `${passIt}, or declare "${param}" on the pipeline with an enum of the same values.`,
    };
  }
  // the run is known: what it gives, else the pipeline's default, takes the param's place
  const resolved = pipelineLevelValue(at, param);
  if (resolved === undefined || (resolved.value !== undefined && allowed(resolved.value))) return undefined;
  return {
    problem: `the task's enum does not bind it: pipeline task '${taskName}' does not pass "${param}" and ${resolved.source}, which Tekton substitutes into the inline taskSpec before any enum is checked`,
    fix: `${passIt}, or declare "${param}" on the pipeline with an enum of the same values.`,
  };
}

/** A value a param takes that the run in the same manifest fixes, and where it comes from, for a message. */
export interface KnownValue {
  readonly value: string;
  /** A clause naming where the value is given: `the run gives "image" "ubuntu"`. */
  readonly source: string;
}

/** `value` when Go reads it as a string (goParamValue: a number's, a list's of numbers … JSON text) with no substitution left in it. */
function literal(value: unknown, source: (v: string) => string): KnownValue | undefined {
  const read = goParamValue(value);
  const v = read?.type === 'string' ? read.value : undefined;
  return v === undefined || v.includes('$(') ? undefined : { value: v, source: source(v) };
}

/**
 * What `$(params.<param>)` becomes in a task spec embedded in a pipeline task whose run is in
 * the same manifest, at the pipeline level: the run's value (declared by the pipeline or not),
 * else the pipeline's default; `value` only where that is a string with no substitution left.
 * Undefined where neither gives one.
 */
function pipelineLevelValue(at: PipelineTaskContext, param: string): { readonly value?: string; readonly source: string } | undefined {
  const given = named(at.runParams, param);
  const declared = named(at.pipelineParams, param);
  const written = given !== undefined ? given.value : declared?.default;
  if (given === undefined && declared?.default === undefined) return undefined;
  const source = given !== undefined ? `the run gives "${param}" ${JSON.stringify(written)}` : `the pipeline's default of "${param}" is ${JSON.stringify(written)}`;
  return { ...literal(written, () => source), source };
}


/**
 * A value Tekton pastes for a substitution, with where it comes from (for a message): `null` where
 * it is no constant the manifest's author wrote (a value that holds a substitution, a value not a
 * string, a run's value where any run may give any).
 */
type Pasted<T> = { readonly value: T; readonly source: string } | null;

/**
 * One level of Tekton's replacements, as apply.go builds them: the text inside `$(…)` it replaces
 * with a string, the names of array values it expands an isolated argument into, and the names of
 * object values (which decide whether propagateParams replaces a key of the object).
 */
interface Replacements {
  readonly strings: Map<string, Pasted<string>>;
  readonly arrays: Map<string, Pasted<readonly string[]>>;
  readonly objects: Set<string>;
  /** Any run may give any param (a Pipeline): a `params…` text it holds no entry for may hold a run's value. */
  readonly open: boolean;
  /**
   * The names whose value the level gives but whose type it does not know (a text that is no constant, which an earlier level may
   * make a whole array or object): every text of such a name, its elements and keys included, holds that value.
   */
  readonly chosen: Set<string>;
}

const emptyLevel = (open = false): Replacements => ({ strings: new Map(), arrays: new Map(), objects: new Set(), open, chosen: new Set() });

/** The texts a pipeline's replacements name a param by (pipelinerun/resources/apply.go `paramPatterns`: `params[%q]` is Go's quoting). */
function pipelinePatterns(name: string): string[] {
  return [`params.${name}`, `params[${goQuote(name)}]`, `params['${name}']`];
}

/** The texts a task's replacements name a param by (taskrun/resources/apply.go `paramPatterns`, v1beta1's `inputs.params.` too). */
const taskPatterns = (name: string): string[] => [...pipelinePatterns(name), `inputs.params.${name}`];

/** A param's value as Tekton types it (`ParamValue`): a string, an array of strings, an object of strings; `unknown` for anything else. */
type Value =
  | { readonly type: 'string'; readonly value: Pasted<string> }
  | { readonly type: 'array'; readonly values: Array<Pasted<string>>; readonly whole: Pasted<readonly string[]> }
  | { readonly type: 'object'; readonly entries: Array<[string, Pasted<string>]> }
  | { readonly type: 'unknown' };

/**
 * Whether `v` holds a substitution other than the run's own identity and the statuses of a
 * finally task's pipeline tasks (a param, a result, an event's value …).
 */
const substituted = (v: string, events = false): boolean => v.includes('$(')
  && (events ? v.replace(EVENT_PARAMS, '') : v).replace(RUN_IDENTITY, '').replace(TASK_STATUS, '').includes('$(');

/** A TriggerTemplate's `$(tt.params.<name>)` (rbac.ts `eventParam`), read as text where `events` says so (see `eventFilled`). */
const EVENT_PARAMS = /\$\(tt\.params\.[^)$]*\)/g;

/**
 * A constant: a string with no substitution left in it but the run's own identity and the statuses of pipeline tasks (and, with
 * `events`, an event's param, read as text).
 */
const constant = (v: unknown, source: string, events = false): Pasted<string> => (typeof v === 'string' && !substituted(v, events) ? { value: v, source } : null);

/**
 * `written` as Tekton types it (param-types' goParamValue: a list or a map holding another value than a string is one string, its JSON
 * text; a `null` item the empty string), each string read by `text` (a constant, or what the pipeline level makes of it).
 */
function typed(written: unknown, text: (s: string) => Pasted<string>, source: string): Value {
  const v = goParamValue(written);
  switch (v?.type) {
    case 'string': return { type: 'string', value: text(v.value) };
    case 'array': {
      const values = v.values.map(text);
      return { type: 'array', values, whole: values.every((x) => x !== null) ? { value: values.map((x) => x!.value), source } : null };
    }
    case 'object': return { type: 'object', entries: v.entries.map(([k, x]) => [k, text(x)]) };
    default: return { type: 'unknown' };
  }
}

/** Params given as Tekton types them, in order. */
type Given = ReadonlyArray<{ readonly name: string; readonly value: Value }>;

/** Whether `key` names param `name` or a part of it (an element, a key): `params.a`, `params.a[0]`, `params["a"].k` … */
const belongsTo = (key: string, name: string): boolean => taskPatterns(name).some((p) => key === p || key.startsWith(`${p}[`) || key.startsWith(`${p}.`));

/**
 * Every entry of `level` that names param `name` or a part of it no longer a constant (a value Tekton types otherwise than the model),
 * and every text of it the level holds no entry for (`chosen`: an element of the whole array a text may be).
 */
function chosenAll(level: Replacements, name: string, patterns: string[]): void {
  for (const key of level.strings.keys()) if (belongsTo(key, name)) level.strings.set(key, null);
  for (const key of level.arrays.keys()) if (belongsTo(key, name)) level.arrays.set(key, null);
  for (const p of patterns) level.strings.set(p, null);
  level.chosen.add(name);
}

/**
 * A run's params put into `level` as `replacementsFromParams` (a TaskRun's) and `paramsFromPipelineRun`
 * (a PipelineRun's) do, in order, a later one replacing an earlier: a string under each of `patterns`,
 * an array's elements under `<pattern>[<i>]` and the array under each pattern, an object's keys
 * under `params.<name>.<key>` only. A string that is no constant takes every entry of its name, its
 * elements and keys included: it may be an array or an object once an earlier level substitutes it.
 */
function putParams(level: Replacements, params: Given, patterns: (name: string) => string[]): void {
  for (const { name, value } of params) {
    const spellings = patterns(name);
    switch (value.type) {
      case 'string':
        // a text that is no constant may be a whole array or object (a pipeline task's `$(params.images[*])`, which the
        // pipeline level makes the array its TaskRun is given): its elements and keys replace the default's too
        if (value.value === null) chosenAll(level, name, spellings);
        else for (const p of spellings) level.strings.set(p, value.value);
        break;
      case 'array':
        for (const p of spellings) {
          value.values.forEach((v, i) => level.strings.set(`${p}[${i}]`, v));
          level.arrays.set(p, value.whole);
        }
        break;
      case 'object':
        for (const p of spellings) level.objects.add(p);
        for (const [k, v] of value.entries) level.strings.set(`params.${name}.${k}`, v);
        break;
      default:
        chosenAll(level, name, spellings);
    }
  }
}

/** A declared param's type as Tekton's defaulting gives it (see param-types); a written type other than Tekton's three, which its webhook refuses, is none of them. */
const declaredType = (spec: any): TektonParamType | undefined => knownParamType(spec);

/** What the run's value of `name` and the pipeline's default read as, for a message. */
const runSource = (name: string, v: unknown) => `the run gives "${name}" ${JSON.stringify(v)}`;
const pipelineDefaultSource = (name: string, v: unknown) => `the pipeline's default of "${name}" is ${JSON.stringify(v)}`;

/** Each named param of a list, its value read by `value`. */
function namedParams<T>(list: unknown, value: (p: any) => T): Array<{ name: string; value: T }> {
  return (Array.isArray(list) ? list : []).filter((p) => typeof p?.name === 'string').map((p) => ({ name: p.name, value: value(p) }));
}

/**
 * The pipeline level of a pipeline spec whose run is known (pipelinerun/resources/apply.go
 * `ApplyParameters`): the run's params (`paramsFromPipelineRun`), then the pipeline's default of
 * each param the run gives no value of that type: a string's (`buildUnresolvedStringParamDefaults`),
 * an array's, then an object's, whose keys are put under each spelling of the object
 * (`resolveObjectParam`). A default that holds a substitution is not followed.
 */
function pipelineLevel(runParams: readonly any[], pipelineParams: readonly any[], events = false): Replacements {
  const level = emptyLevel();
  const given = namedParams(runParams, (p) => typed(p.value, (s) => constant(s, runSource(p.name, p.value), events), runSource(p.name, p.value)));
  putParams(level, given, pipelinePatterns);
  const declared = namedParams(pipelineParams, (p) => p).filter(({ value: p }) => p.default !== undefined);
  const has = (map: { has: (k: string) => boolean }, name: string) => pipelinePatterns(name).some((k) => map.has(k));
  for (const type of ['string', 'array', 'object'] as const) {
    for (const { name, value: p } of declared) {
      // a run's value of no known type (a parent pipeline task's `$(params.a[*])`) is the declared type once given, and
      // replaces every element and key of the default (Tekton refuses a run's value of another type or an index beyond it)
      if (declaredType(p) !== type || level.chosen.has(name)) continue;
      const source = pipelineDefaultSource(name, p.default);
      const value = typed(p.default, (s) => constant(s, source, events), source);
      if (type === 'string' && !has(level.strings, name)) {
        for (const k of pipelinePatterns(name)) level.strings.set(k, value.type === 'string' ? value.value : null);
      } else if (type === 'array' && !has(level.arrays, name)) {
        for (const k of pipelinePatterns(name)) {
          if (value.type !== 'array') {
            level.arrays.set(k, null);
            continue;
          }
          value.values.forEach((v, i) => level.strings.set(`${k}[${i}]`, v));
          level.arrays.set(k, value.whole);
        }
      } else if (type === 'object' && !has(level.objects, name)) {
        for (const k of pipelinePatterns(name)) {
          level.objects.add(k);
          if (value.type === 'object') for (const [key, v] of value.entries) level.strings.set(`${k}.${key}`, v);
          else chosenAll(level, name, []);
        }
      }
    }
  }
  return level;
}

/** `text` with the pipeline level's strings pasted in, as Tekton substitutes a pipeline task's params: a constant only where nothing is left to substitute. */
function atPipelineLevel(text: string, level: Replacements, source: (resolved: string) => string, events = false): Pasted<string> {
  if (!substituted(text, events)) return { value: text, source: source(text) };
  if (level.open) return null;
  // Tekton's whole `$(params.<array or object>[*])` makes the value an array or an object: not read here
  const whole = /^\$\(([^()]*)\)$/.exec(text)?.[1];
  if (whole !== undefined && (level.arrays.has(whole.replace(/\[\*\]$/, '')) || level.objects.has(whole.replace(/\[\*\]$/, '')))) return null;
  let chosen = false;
  const pasted = text.replace(/\$\(([^()]*)\)/g, (all, inner: string) => {
    const v = level.strings.get(inner);
    if (v === undefined) return all;
    if (v === null) chosen = true;
    return v?.value ?? '';
  });
  if (chosen || substituted(pasted, events)) return null;
  const only = whole !== undefined ? level.strings.get(whole) : undefined;
  return { value: pasted, source: only ? `${source(text)}, and ${only.source}` : source(pasted) };
}

/**
 * A pipeline task's params put into the pipeline level for its embedded task spec, as
 * `propagateParams` does: each spelling of a name the level holds takes the pipeline task's value
 * (a string's, an empty one for an array or object; an array's, none for a string or object; an
 * object's keys, under `params.<name>.<key>` only), while the level's elements of an array
 * (`params.<name>[<i>]`) stay the run's. Of a Pipeline (an open level) only a string the pipeline
 * task passes: it replaces the run's value of that name, or its TaskRun is given it where the run
 * gives none (an array of that name the run gives expands to nothing); any other text may be a
 * run's, which may give any param of any type under any name (an array named `obj.key` expands the
 * argument `$(params.obj.key)`). A text the level does not make a constant may be a whole array or object of
 * the level (`$(params.o[*])`), which the pipeline task passes as that array or object: every entry of its name
 * is then not known.
 */
function propagated(level: Replacements, passed: Given): Replacements {
  const out: Replacements = {
    strings: new Map(level.strings), arrays: new Map(level.arrays), objects: new Set(level.objects), open: level.open, chosen: new Set(level.chosen),
  };
  for (const { name, value: written } of passed) {
    // a text that is no constant may be a whole array or object of the pipeline level (`$(params.o[*])`), which the
    // pipeline task then passes as that array or object: of a type not known
    const value: Value = written.type === 'string' && written.value === null && !level.open ? { type: 'unknown' } : written;
    const source = `pipeline task passes "${name}" as ${value.type}`;
    for (const k of pipelinePatterns(name)) {
      if (out.strings.has(k) || (level.open && value.type === 'string')) {
        out.strings.set(k, value.type === 'string' ? value.value : value.type === 'unknown' ? null : { value: '', source });
      }
      if (out.arrays.has(k) || (level.open && value.type === 'string')) {
        out.arrays.set(k, value.type === 'array' ? value.whole : value.type === 'unknown' ? null : { value: [], source });
      }
      if (out.objects.has(k)) {
        if (value.type === 'object') for (const [key, v] of value.entries) out.strings.set(`params.${name}.${key}`, v);
        else if (value.type === 'unknown') chosenAll(out, name, []);
      }
    }
  }
  return out;
}

/**
 * The task level (taskrun/resources/apply.go `getTaskParameters`): the task's defaults (a string's
 * that holds no substitution, an array's, an object's keys under `params.<name>.<key>`), then the
 * TaskRun's params, key by key (an object's keys the run leaves keep the default's), then the
 * params a matrix gives (a caller's).
 */
function taskLevel(taskParams: readonly any[], runParams: Given, matrixNames: readonly string[], events = false): Replacements {
  const level = emptyLevel();
  const defaults = namedParams(taskParams, (p) => p.default).filter((p) => p.value !== undefined).map(({ name, value }) => {
    const source = `the task's default of "${name}" is ${JSON.stringify(value)}`;
    return { name, value: typed(value, (s) => constant(s, source, events), source) };
  });
  putParams(level, defaults, taskPatterns);
  putParams(level, runParams, taskPatterns);
  for (const name of matrixNames) chosenAll(level, name, taskPatterns(name));
  return level;
}

/** The levels of replacements Tekton applies to the view's container, in order: none where another run may choose its params. */
function levelsOf(view: ContainerView, events = false): Replacements[] {
  if (view.stepActionParams) return [];
  if (view.controllerParams !== undefined) {
    // a build strategy's step: the controller's own values, every other param a Build's or BuildRun's
    const level = emptyLevel(true);
    const given = namedParams(view.controllerParams, (p) => typed(p.value, (s) => constant(s, jsString(p.source)), jsString(p.source)));
    putParams(level, given, taskPatterns);
    return [level];
  }
  if (view.taskRunParams !== undefined) {
    const given = namedParams(view.taskRunParams, (p) => typed(p.value, (s) => constant(s, `the TaskRun gives "${jsString(p.name)}" ${JSON.stringify(s)}`, events),
      `the TaskRun gives "${jsString(p.name)}" ${JSON.stringify(p.value)}`));
    return [taskLevel(view.params, given, [], events)];
  }
  const at = view.pipelineTask;
  if (at === undefined || at.customTask) return [];
  const taskName = jsString(at.task?.name ?? '');
  const pipeline = at.runParams !== undefined ? pipelineLevel(at.runParams, at.pipelineParams, events) : emptyLevel(true);
  // the pipeline task's params, as the pipeline level substitutes them: what its TaskRun is given
  const passed = namedParams(at.task?.params, (p) => {
    const source = (v: unknown) => `pipeline task '${taskName}' passes "${jsString(p.name)}" ${typeof v === 'string' && v.includes('$(') ? v : JSON.stringify(v)}`;
    return typed(p.value, (s) => (typeof s === 'string' ? atPipelineLevel(s, pipeline, source, events) : null), source(p.value));
  });
  const matrix = at.task?.matrix;
  const matrixNames = [
    ...namedParams(matrix?.params, (p) => p).map((p) => p.name),
    ...(Array.isArray(matrix?.include) ? matrix.include : []).flatMap((i: any) => namedParams(i?.params, (p) => p).map((p) => p.name)),
  ];
  return [propagated(pipeline, passed), taskLevel(view.params, passed, matrixNames, events)];
}

/**
 * What a level pastes for `key`: its entry, null for a `params…` text of an open level or of a name whose value the level gives
 * of no known type, undefined where it replaces nothing.
 */
function lookup<T>(level: Replacements, map: ReadonlyMap<string, Pasted<T>>, key: string): Pasted<T> | undefined {
  if (map.has(key)) return map.get(key)!;
  // an entry of the other kind answers (a string's text is no array's, an array's no string's)
  if (level.strings.has(key) || level.arrays.has(key)) return undefined;
  if ([...level.chosen].some((name) => belongsTo(key, name))) return null;
  return level.open && /^params[.[]/.test(key) ? null : undefined;
}

/**
 * What `$(<key>)` becomes in a container where `levels` are applied in order (the first that
 * replaces it wins): an argument that is the whole text is expanded from an array (`$(params.a)`,
 * `$(params.a[*])`) before a string is pasted; any other text takes the string. A constant where
 * both readings give one, or where a `[*]` text is an array's only (a string pastes none: the text
 * stays as written).
 */
function pastedFor(levels: readonly Replacements[], key: string): Pasted<string> | Pasted<readonly string[]> | undefined {
  const base = key.endsWith('[*]') ? key.slice(0, -3) : key;
  const isolated = firstOf(levels, (l) => {
    const array = lookup(l, l.arrays, base);
    return array !== undefined ? array : lookup(l, l.strings, key);
  });
  const text = firstOf(levels, (l) => lookup(l, l.strings, key));
  if (isolated === undefined || isolated === null) return isolated;
  if (text !== undefined && text !== null) return text;
  return text === undefined && base !== key ? isolated : null;
}

/** The first level's answer that is not undefined (null included). */
function firstOf<T>(levels: readonly Replacements[], get: (l: Replacements) => T | undefined): T | undefined {
  for (const l of levels) {
    const v = get(l);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** Whether a constant holds no template another tool fills in before the run is created (Helm's `{{…}}`, Pipelines-as-Code's but for the placeholders the repository or the commit fixes). */
const authored = (value: string): boolean => !value.includes('{{') || onlyFixedPlaceholders(value);

/**
 * The value `$(params.<param>)` takes in the view's container where the run in the same manifest
 * fixes it (its params are given once, when it is created), as Tekton substitutes it (see
 * `runFixedReferences`): in a TaskRun's own taskSpec, the TaskRun's value, else the task's default;
 * in a task spec embedded in a PipelineRun's own pipelineSpec (or in a pipeline task's
 * pipelineSpec), the run's value (declared by the pipeline or not), else the pipeline's default,
 * replaced by the pipeline task's value where it passes the param (a `$(params.<name>)` in it
 * read at the pipeline level), else the task's default; in a Pipeline's task spec, a constant its
 * pipeline task passes (which replaces any run's value of that name). Undefined where another run
 * may choose it (a Task, a Pipeline's param, a custom task, a StepAction's param, a matrix) or where
 * the value is not a plain string.
 */
export function runValue(view: ContainerView, param: string): KnownValue | undefined {
  const pasted = pastedFor(levelsOf(view), `params.${param}`);
  return pasted !== undefined && pasted !== null && typeof pasted.value === 'string' ? { value: pasted.value, source: pasted.source } : undefined;
}

/**
 * Whether a name Tekton makes a replacement key of may be a caller's: a name that is not plain
 * text without `)` (Tekton checks the names of a run's params only for an inline spec, as
 * `^[_a-zA-Z][_a-zA-Z0-9.-]*$`, and keeps a TriggerTemplate's or a template tool's text out of reach).
 */
const chosenName = (name: unknown): boolean => typeof name !== 'string' || name.includes(')') || name.includes('{{') || name.includes('$(');

/** Whether any of the params of a list, or any key of an object value among them, has a name `chosenName` refuses. */
const anyChosenName = (list: unknown): boolean => (Array.isArray(list) ? list : []).some((p) => p !== null && typeof p === 'object'
  && (chosenName(p.name) || (p.value !== null && typeof p.value === 'object' && !Array.isArray(p.value) && Object.keys(p.value).some(chosenName))));

/**
 * What the run in the same manifest pastes for `$(<key>)` (the text inside, as written) in the view's container where that holds an
 * event's value: a TriggerTemplate's `$(tt.params.<name>)`, which Tekton Triggers replaces with the event's value when it creates the
 * run, given by the run (`$(params.pr.body)` of a TaskRun whose param `pr` has `body: $(tt.params.body)`), through its pipeline's
 * params too, read as `runFixedReferences` reads the run's values with the event's params read as text. Undefined where no event's
 * param reaches it. For messages: the value the event sends is escaped by Tekton Triggers.
 */
export function eventFilled(view: ContainerView, key: string): string | undefined {
  const pasted = pastedFor(levelsOf(view, true), key);
  return pasted !== undefined && pasted !== null && typeof pasted.value === 'string' && pasted.value.search(EVENT_PARAMS) >= 0 ? pasted.value : undefined;
}

/**
 * Whether a param name a caller chooses is among the keys Tekton replaces the view's container
 * with: a Pipeline's, whose runs (by pipelineRef, whose param names Tekton never checks) may give
 * any param under any name, or a run whose params' names are not plain text. Tekton replaces each
 * key `$(<key>)` wherever its exact text is found (strings.Replacer, whose order among keys that
 * match at one place is a Go map's), so a run's param named `path) && (cd dir` replaces all of
 * `$(params.path) && (cd dir)`, the constant a pipeline task passes for `path` included.
 */
function callerNamed(view: ContainerView): boolean {
  // Shipwright refuses a Build's or BuildRun's param that the strategy does not declare
  if (view.controllerParams !== undefined) return false;
  if (view.taskRunParams !== undefined) return anyChosenName(view.taskRunParams);
  const at = view.pipelineTask;
  if (at === undefined) return true;
  const matrix = at.task?.matrix;
  return at.runParams === undefined || anyChosenName(at.runParams) || anyChosenName(at.task?.params) || anyChosenName(matrix?.params)
    || (Array.isArray(matrix?.include) ? matrix.include : []).some((i: any) => anyChosenName(i?.params));
}

const fixedCache = new WeakMap<ContainerView, FixedReferences>();

/**
 * The param substitutions whose value the run in the same manifest fixes to a constant in the
 * view's container, as the texts inside `$(…)` Tekton replaces exactly: a whole param
 * (`params.url`, `params["url"]`, `params['url']`, `inputs.params.url`), a key of an object param
 * (`params.obj.key`), an element of an array param (`params.arr[0]`), a whole array
 * (`params.arr[*]`, every element a constant). Tekton builds its replacements level by level (see
 * `levelsOf`); the value is a constant with no template another tool fills in before the run is
 * created (Helm's `{{…}}`, and Pipelines-as-Code's but for the placeholders the repository, its
 * provider or Pipelines-as-Code fixes: FIXED_PLACEHOLDERS). No caller of the run
 * chooses such a value: the author of the manifest (or of the repository) wrote it. Empty for a
 * Task, a StepAction and a custom task's spec, whose params each run gives; of a Pipeline's task
 * spec, what its pipeline task passes that no run replaces. Each with what Tekton pastes, for
 * substitutions.ts `untrustedSubstitutions` to judge it where it is written (see `FixedValue`).
 */
export function runFixedReferences(view: ContainerView): FixedReferences {
  const cached = fixedCache.get(view);
  if (cached !== undefined) return cached;
  const levels = levelsOf(view);
  const keys = new Set<string>();
  for (const level of levels) {
    for (const k of level.strings.keys()) keys.add(k);
    for (const k of level.arrays.keys()) keys.add(`${k}[*]`);
  }
  const spannable = callerNamed(view);
  const fixed = new Map<string, FixedValue>();
  for (const key of keys) {
    const pasted = pastedFor(levels, key);
    if (pasted === undefined || pasted === null) continue;
    if (typeof pasted.value === 'string' ? authored(pasted.value) : pasted.value.every(authored)) {
      const value = typeof pasted.value === 'string' ? pasted.value : pasted.value.join(' ');
      // the array Tekton expands a whole element from, where the key is a string's: as many elements as it holds
      const array = key.endsWith('[*]') ? undefined : firstOf(levels, (l) => lookup(l, l.arrays, key));
      fixed.set(key, { value, spannable, vanishes: array !== undefined && (array === null || array.value.length !== 1) });
    }
  }
  fixedCache.set(view, fixed);
  return fixed;
}

/**
 * The param substitutions a pipeline spec whose run is known fixes to a constant where Tekton
 * substitutes the pipeline level alone: the `when` expressions of its tasks (the run's value, else
 * the pipeline's default; a pipeline task's own params do not reach them). Empty when any run may
 * give any param (`runParams` undefined: a Pipeline).
 */
export function pipelineFixedReferences(runParams: readonly any[] | undefined, pipelineParams: unknown): FixedReferences {
  if (runParams === undefined) return new Map();
  const level = pipelineLevel(runParams, Array.isArray(pipelineParams) ? pipelineParams : []);
  const spannable = anyChosenName(runParams);
  const fixed = new Map<string, FixedValue>();
  // a when expression's input and values are no elements of a container
  for (const [k, v] of level.strings) if (v !== null && authored(v.value)) fixed.set(k, { value: v.value, spannable, vanishes: false });
  return fixed;
}
