import { asArray, isObject, viewsBySpec } from '../../private/containers';
import { goQuote } from '../../private/go-strings';
import { locallyReferenced, oncePerSet } from '../../private/manifest-index';
import { pacRemoteItems } from '../../private/pac-annotations';
import { paramEnumFlag } from '../../private/param-enum-flag';
import { knownParamType, paramValueType, TektonParamType } from '../../private/param-types';
import { defaultWorkspaceBinding } from '../../private/pods';
import { makesTaskRun, RunPipeline, runPipelines } from '../../private/run-pipelines';
import { servedVersions } from '../../private/served-kinds';
import { BuildRunFailure, buildRunFailure, isShipwrightBuild } from '../../private/shipwright-builds';
import { writtenForm } from '../../private/stored-form';
import { defaultReferences, findReferences, pendingDefaults } from '../../private/substitutions';
import { webhookRefusals } from '../../private/tekton-admission';
import { jsString } from '../../private/text';
import { propagatedWorkspaces, receivedWorkspaces } from '../../private/workspaces';
import { IRuleContext, Severity } from '../rule';
import { kindIs, manifestRule, Problem } from '../rule-builders';
import { RuleId } from '../rule-id';

/** The fields of a Tekton TaskRef or PipelineRef (v1; v1beta1's bundle too). */
const REF_FIELDS = new Set(['name', 'kind', 'apiVersion', 'resolver', 'params', 'bundle']);

/**
 * Whether a reference as written has a key Tekton's does not (konflux's `version`, which its build turns
 * into a bundle reference): a template, whose object the webhook refuses as it is (TEKTON_FIELD_NAMES), and
 * which may name another object than the one of its name among the files.
 */
const templatedRef = (ref: any) => isObject(ref) && Object.keys(ref).some((k) => !REF_FIELDS.has(k));

/** The pipeline task of that name as written (before the keys Tekton's schema does not have were dropped). */
function writtenTask(writtenSpec: any, name: string): any {
  return [...asArray(writtenSpec?.tasks), ...asArray(writtenSpec?.finally)].find((t) => isObject(t) && t.name === name);
}

/** A declaration Tekton requires a binding for: a named workspace not marked `optional: true`. */
const required = (w: any): w is { name: string } => isObject(w) && typeof w.name === 'string' && w.optional !== true;

/** The names of the workspaces a spec declares, the required ones when `onlyRequired`. */
function declared(spec: any, onlyRequired = false): string[] {
  return asArray(spec?.workspaces).filter((w) => (onlyRequired ? required(w) : isObject(w) && typeof w.name === 'string')).map((w) => w.name);
}

/** The names a run binds (`spec.workspaces[].name`). */
function bound(spec: any): Set<string> {
  return new Set(asArray(spec?.workspaces).filter((w) => isObject(w) && typeof w.name === 'string').map((w) => w.name));
}

/** `Pipeline 'build'`, or `the run's pipelineSpec` for a pipeline a run embeds. */
function pipelineName(p: RunPipeline): string {
  return p.from?.kind === 'Pipeline' ? `Pipeline '${jsString(p.from.metadata?.name)}'` : "the run's pipelineSpec";
}

/**
 * Whether config-defaults (or an operator object that writes it) among the manifests binds every workspace a TaskRun leaves unbound
 * (read once per set of manifests checked together, not for each object).
 */
function defaultBinding(context: IRuleContext | undefined): boolean {
  const manifests = context?.manifests ?? [];
  return oncePerSet(DEFAULT_BINDING, manifests, true, () => manifests.some((m) => defaultWorkspaceBinding(m, manifests) !== undefined));
}

/** defaultBinding's answer, by the set of manifests. */
const DEFAULT_BINDING = new WeakMap<readonly any[], Map<true, boolean>>();

/** `a, b` or `none`. */
const list = (names: readonly string[]) => (names.length === 0 ? 'none' : names.map((n) => `"${jsString(n)}"`).join(', '));

/** The named params of a list (declarations or values). */
const named = (entries: unknown): any[] => asArray(entries).filter((p) => isObject(p) && typeof p.name === 'string');

/** A value Tekton may still substitute (a `$(...)` in it), whose type or keys are known only then. */
const substituted = (v: unknown) => JSON.stringify(v ?? '').includes('$(');

/** `a string`, `an array`, `an object`. */
const article = (t: TektonParamType) => (t === 'string' ? 'a string' : `an ${t}`);

/** The shape of a value of that declaration, in YAML. */
function shape(p: any): string {
  const t = knownParamType(p);
  if (t === 'array') return '[<value>, ...]';
  if (t === 'object') {
    const keys = isObject(p.properties) ? Object.keys(p.properties) : [];
    return `{ ${(keys.length === 0 ? ['<key>'] : keys).map((k) => `${k}: <value>`).join(', ')} }`;
  }
  return '<value>';
}

/** One way the params given fail a run: the param, what is wrong and Tekton's message for all of them. */
interface ParamIssue {
  readonly param: string;
  readonly issue: 'missing' | 'type' | 'keys';
  /** The value given (type and keys). */
  readonly value?: unknown;
  /** The type declared (type). */
  readonly declared?: any;
  /** A matrix param (each value a string). */
  readonly matrix?: boolean;
  /** The keys missing (keys). */
  readonly keys?: readonly string[];
  /** Tekton's error text listing every param of that issue. */
  readonly tekton: string;
}

/** Go's `%s` of a []string. */
const goList = (names: readonly string[]) => `[${names.join(' ')}]`;

/**
 * The params given to a spec against its declarations, as Tekton v1.15 checks them (taskrun validateParams for a
 * TaskRun or a pipeline task, resources ValidateRequiredParametersProvided, ValidateParamTypesMatching and
 * ValidateObjectParamRequiredKeys for a PipelineRun): a declaration without a default no value is given for; a value
 * of another type than the declaration's (one that may still be substituted is not judged); an object value that, with
 * the default, lacks a key of the declaration's `properties`. `matrix` values count as given and must be strings.
 */
/** Tekton's error texts for each issue, given the Go rendering of the params (or keys) concerned. */
interface ParamTexts {
  readonly missing: (names: string) => string;
  readonly type: (names: string) => string;
  readonly keys: (names: string) => string;
}

function paramIssues(specs: readonly any[], given: readonly any[], matrix: readonly any[], texts: ParamTexts): ParamIssue[] {
  if (specs.length === 0) return [];
  const provided = new Set([...given, ...matrix].map((p) => p.name));
  const out: ParamIssue[] = [];
  const missing = specs.filter((s) => (s.default === undefined || s.default === null) && !provided.has(s.name)).map((s) => s.name as string);
  const missingText = texts.missing(goList(missing));
  for (const m of missing) out.push({ param: m, issue: 'missing', tekton: missingText });
  const byName = new Map(specs.map((s) => [s.name as string, s]));
  const wrong: Array<{ param: string; value: unknown; declared: any; matrix?: boolean }> = [];
  for (const p of given) {
    const s = byName.get(p.name);
    if (s === undefined || p.value === undefined || substituted(p.value)) continue;
    const t = knownParamType(s);
    if (t !== undefined && (paramValueType(p.value) ?? 'string') !== t) wrong.push({ param: p.name, value: p.value, declared: s });
  }
  for (const p of matrix) {
    const s = byName.get(p.name);
    const t = s === undefined ? undefined : knownParamType(s);
    if (t !== undefined && t !== 'string') wrong.push({ param: p.name, value: p.value, declared: s, matrix: true });
  }
  const typeText = texts.type(goList(wrong.map((w) => w.param)));
  for (const w of wrong) out.push({ ...w, issue: 'type', tekton: typeText });
  // the keys of the default and of the value given, where either gives one (MissingKeysObjectParamNames: a default that lacks one fails every run that gives none)
  const lacking: Array<{ param: string; value: unknown; declared: any; keys: string[] }> = [];
  for (const s of specs) {
    if (knownParamType(s) !== 'object' || !isObject(s.properties)) continue;
    const value = given.find((p) => p.name === s.name)?.value;
    if (substituted(value)) continue;
    const have = new Set([...(paramValueType(value) === 'object' && isObject(value) ? Object.keys(value) : []),
      ...(paramValueType(s.default) === 'object' && isObject(s.default) ? Object.keys(s.default) : [])]);
    const keys = Object.keys(s.properties).filter((k) => !have.has(k)).sort();
    if (have.size > 0 && keys.length > 0) lacking.push({ param: s.name, value, declared: s, keys });
  }
  const keysText = texts.keys(`map[${[...lacking].sort((a, b) => (a.param < b.param ? -1 : 1)).map((l) => `${l.param}:${goList(l.keys)}`).join(' ')}]`);
  for (const l of lacking) out.push({ ...l, issue: 'keys', tekton: keysText });
  return out;
}

/** The issues every candidate spec has (an ambiguous reference is judged only where all agree), as the first one words them. */
function agreed(all: ParamIssue[][]): ParamIssue[] {
  const key = (i: ParamIssue) => `${i.issue}\u0000${i.param}`;
  const rest = all.slice(1).map((issues) => new Set(issues.map(key)));
  return (all[0] ?? []).filter((i) => rest.every((r) => r.has(key(i))));
}

/** `"a", "b"`. */
const quoted = (names: readonly string[]) => names.map((n) => `"${jsString(n)}"`).join(', ');

/** Where a run or pipeline task gives its params, and how Tekton fails it. */
interface ParamSite {
  /** The spec that declares the params (`Pipeline 'build'`, `Task 'compile'`, `its taskSpec`). */
  readonly declarer: string;
  /** `spec.params` (a run) or `params` (a pipeline task). */
  readonly property: string;
  readonly where?: { location: string; target: string };
  /** The failure, given Tekton's reason and message. */
  readonly fails: (reason: string, message: string) => string;
  /** The reason for each issue. */
  readonly reasons: Record<ParamIssue['issue'], string>;
  /** Where the fix gives a value (`the run's spec.params`, `the pipeline task's params`), and who declares (`the pipeline's`, `the Task's`). */
  readonly givenIn: string;
  readonly declaredBy: string;
}

function paramProblems(issues: readonly ParamIssue[], site: ParamSite): Problem[] {
  return issues.map((i) => {
    const name = jsString(i.param);
    const failure = site.fails(site.reasons[i.issue], i.tekton);
    const base = { ...site.where, property: site.property, value: i.param };
    if (i.issue === 'missing') {
      return {
        ...base,
        problem: `is not given, and ${site.declarer} declares the param without a default: ${failure}`,
        fix: `Give it in ${site.givenIn}: - name: ${name} with value: <a value>, or give ${site.declaredBy} param a default.`,
      };
    }
    if (i.issue === 'type') {
      // (a mismatch is found only against one of Tekton's three types)
      const t = knownParamType(i.declared) ?? 'string';
      return {
        ...base,
        problem: i.matrix === true
          ? `is a matrix param (each of its values is a string), but ${site.declarer} declares the param of type ${t}: ${failure}`
          : `is given ${article(paramValueType(i.value) ?? 'string')} (${JSON.stringify(i.value ?? '')}) but ${site.declarer} declares the param of type ${t}: ${failure}`,
        fix: i.matrix === true
          ? `Give it in ${site.givenIn} (not the matrix): - name: ${name} with value: ${shape(i.declared)}, or declare ${site.declaredBy} param of type string.`
          : `Give it ${article(t)}: - name: ${name} with value: ${shape(i.declared)}, or declare ${site.declaredBy} param with the type of the value.`,
      };
    }
    if (i.value === undefined) {
      return {
        ...base,
        problem: `is not given, and the default ${site.declarer} declares for the param lacks the keys ${quoted(i.keys ?? [])} of its properties: ${failure}`,
        fix: `Give it with every key of its properties: - name: ${name} with value: ${shape(i.declared)}, or add the keys to ${site.declaredBy} param's default.`,
      };
    }
    return {
      ...base,
      problem: `is given an object without the keys ${quoted(i.keys ?? [])}, which ${site.declarer} requires in the param's properties and its default does not give: ${failure}`,
      fix: `Give every key of the param's properties: - name: ${name} with value: { ${(i.keys ?? []).map((k) => `${k}: <value>`).join(', ')}, ... }, or give them in ${site.declaredBy} param's default.`,
    };
  });
}

/**
 * `$(params.<name>[<int>])`, `$(params['<name>'][<int>])`, `$(params["<name>"][<int>])`: an index into an array param
 * (substitution paramIndexing). Its bracket forms' class `[_a-zA-Z0-9.-\/]` holds the range `.`-`/`, no `-`: Tekton does
 * not read `$(params['my-tags'][3])` as an index (its substitution leaves it as written, and the run runs).
 */
const INDEX_REF = /\$\(params(?:\.([_a-zA-Z0-9.-]+)|\['([_a-zA-Z0-9./]+)'\]|\["([_a-zA-Z0-9./]+)"\])\[([0-9]+)\]\)/g;

/** The array indexes written in strings: the reference as written, the param and the index (a dotted name, an object key, is not read). */
type IndexRef = { text: string; param: string; index: number };
function indexRefs(strings: readonly unknown[]): IndexRef[] {
  const out: IndexRef[] = [];
  for (const s of strings) {
    if (typeof s !== 'string') continue;
    for (const m of s.matchAll(INDEX_REF)) {
      const param = m[1] ?? m[2] ?? m[3];
      if (m[1] !== undefined && param.includes('.')) continue;
      out.push({ text: m[0], param, index: Number(m[4]) });
    }
  }
  return out;
}

/** The strings of a step, sidecar or step template Tekton reads array indexes in (extractParamRefsFromContainer, and the script). */
function containerStrings(c: any): unknown[] {
  if (!isObject(c)) return [];
  const env = asArray(c.env).filter(isObject);
  const from = (r: any) => (isObject(r) ? [r.name, r.key] : []);
  return [c.script, c.name, c.image, c.imagePullPolicy, ...asArray(c.args), ...asArray(c.command), c.workingDir,
    ...env.flatMap((e) => [e.value, ...from(e.valueFrom?.secretKeyRef), ...from(e.valueFrom?.configMapKeyRef)]),
    ...asArray(c.envFrom).filter(isObject).flatMap((e) => [e.prefix, e.configMapRef?.name, e.secretRef?.name]),
    ...asArray(c.volumeMounts).filter(isObject).flatMap((v) => [v.name, v.mountPath, v.subPath])];
}

/**
 * The strings of a task's volume Tekton reads array indexes in (v1 param_types.go extractParamRefsFromVolumes): its name, a
 * configMap's or secret's name and items, a claim's name, a projected volume's configMap and secret names and token audience,
 * a CSI volume's secret name and attributes.
 */
function volumeStrings(v: any): unknown[] {
  if (!isObject(v)) return [];
  const items = (x: any) => asArray(x?.items).filter(isObject).flatMap((i) => [i.key, i.path]);
  const sources = asArray(v.projected?.sources).filter(isObject);
  const csi = v.csi;
  return [v.name,
    ...(isObject(v.configMap) ? [v.configMap.name, ...items(v.configMap)] : []),
    ...(isObject(v.secret) ? [v.secret.secretName, ...items(v.secret)] : []),
    v.persistentVolumeClaim?.claimName,
    ...sources.flatMap((x) => [x.configMap?.name, x.secret?.name, x.serviceAccountToken?.audience]),
    ...(isObject(csi) ? [csi.nodePublishSecretRef?.name, ...(isObject(csi.volumeAttributes) ? Object.values(csi.volumeAttributes) : [])] : [])];
}

/** The strings of a task spec Tekton reads array indexes in (TaskSpec.GetIndexingReferencesToArrayParams). */
const taskIndexStrings = (spec: any): unknown[] => [...asArray(spec?.steps), ...asArray(spec?.sidecars), spec?.stepTemplate].flatMap(containerStrings)
  .concat(asArray(spec?.workspaces).filter(isObject).map((w) => w.mountPath), asArray(spec?.volumes).flatMap(volumeStrings));

/** The array indexes a task spec writes, read once per spec (a Task many pipeline tasks run is read once). */
const taskRefsRead = new WeakMap<object, IndexRef[]>();
function taskIndexRefs(spec: any): IndexRef[] {
  if (!isObject(spec)) return [];
  let refs = taskRefsRead.get(spec);
  if (refs === undefined) taskRefsRead.set(spec, refs = indexRefs(taskIndexStrings(spec)));
  return refs;
}

/** Where a Task's array indexes are read, in messages. */
const TASK_INDEX_FIELDS = "steps, sidecars, stepTemplate, volumes and workspaces' mountPath";

/** A param value's strings (Params.extractValues). */
const valueStrings = (v: unknown): unknown[] => (Array.isArray(v) ? v : isObject(v) ? Object.values(v) : [v]);

/** The strings of a pipeline spec Tekton reads array indexes in (PipelineSpec.GetIndexingReferencesToArrayParams). */
function pipelineIndexStrings(spec: any): unknown[] {
  const of = (t: any, finallyTask: boolean): unknown[] => (!isObject(t) ? [] : [
    ...asArray(t.params).flatMap((p) => valueStrings(p?.value)),
    ...asArray(t.matrix?.params).flatMap((p) => valueStrings(p?.value)),
    ...(finallyTask ? [] : asArray(t.workspaces).filter(isObject).map((w) => w.subPath)),
    ...asArray(t.when).filter(isObject).flatMap((w) => [w.input, ...asArray(w.values)]),
  ]);
  return [...asArray(spec?.tasks).flatMap((t) => of(t, false)), ...asArray(spec?.finally).flatMap((t) => of(t, true))];
}

/**
 * The array indexes out of bounds (ValidateOutOfBoundArrayParams): the length of each array param is the run's value's,
 * else its declaration's default's; a value with a `$(...)` is not judged. The run's param, the references beyond it and
 * Tekton's error for all of them.
 */
interface OutOfBounds {
  readonly tekton: string;
  readonly params: Array<{ param: string; value: unknown; given: boolean; refs: string[]; length: number }>;
}
function outOfBounds(specs: readonly any[], given: readonly any[], refs: () => readonly IndexRef[]): OutOfBounds {
  const lengths = new Map<string, { value: unknown; given: boolean }>();
  for (const s of specs) if (Array.isArray(s.default) && paramValueType(s.default) === 'array') lengths.set(s.name, { value: s.default, given: false });
  for (const p of given) {
    if (substituted(p.value)) lengths.delete(p.name);
    else if (Array.isArray(p.value) && paramValueType(p.value) === 'array') lengths.set(p.name, { value: p.value, given: true });
  }
  if (lengths.size === 0) return { tekton: '', params: [] };
  const beyond = new Map<string, string[]>();
  for (const r of refs()) {
    const l = lengths.get(r.param);
    if (l === undefined || r.index < (l.value as unknown[]).length) continue;
    const texts = beyond.get(r.param) ?? [];
    if (!texts.includes(r.text)) texts.push(r.text);
    beyond.set(r.param, texts);
  }
  const all = [...new Set([...beyond.values()].flat())].sort();
  return {
    tekton: `non-existent param references:${goList(all)}`,
    params: [...beyond].map(([param, texts]) => ({
      param,
      refs: texts,
      ...lengths.get(param)!,
      length: (lengths.get(param)!.value as unknown[]).length,
    })),
  };
}

/** Where an array index finding lands and how Tekton fails: the property, the location and the failure given Tekton's message. */
interface BoundsSite {
  readonly property: string;
  readonly where?: { location: string; target: string };
  readonly fails: (message: string) => string;
  /** Where the fix gives the value (`: - name: ...` follows). */
  readonly givenIn?: string;
}

/** The findings on a run (or a pipeline task) whose array params are indexed beyond their length. */
function boundsProblems(specs: readonly any[], given: readonly any[], refs: () => readonly IndexRef[],
  declarer: string, where: string, site: BoundsSite, declaredBy: string): Problem[] {
  const { tekton, params } = outOfBounds(specs, given, refs);
  return params.map((p) => {
    const top = Math.max(...p.refs.map((r) => Number(/\[([0-9]+)\]\)$/.exec(r)![1])));
    const items = `${p.length} item${p.length === 1 ? '' : 's'}`;
    return {
      ...site.where,
      property: site.property,
      value: p.param,
      problem: `${p.given ? `is given an array of ${items} (${JSON.stringify(p.value)})` : `is not given, and the default ${declarer} declares for the param is an array of ${items} (${JSON.stringify(p.value)})`}, `
        + `but ${declarer} refers to ${p.refs.join(', ')} in its ${where}: ${site.fails(tekton)}`,
      fix: `Give it an array of at least ${top + 1} item${top === 0 ? '' : 's'}${site.givenIn === undefined ? '' : ` in ${site.givenIn}`}: - name: ${jsString(p.param)} with value: [<value>, ...], or refer only to indexes below ${p.length} in ${declaredBy} ${where}.`,
    };
  });
}

/** `$(params.<name>[*])` (or with brackets): the whole of an array param, as an item of an array value; the name, else undefined. */
function wholeArray(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^\$\(params(?:\.([_a-zA-Z0-9-]+)|\['([_a-zA-Z0-9./-]+)'\]|\["([_a-zA-Z0-9./-]+)"\])\[\*\]\)$/.exec(v);
  return m === null ? undefined : m[1] ?? m[2] ?? m[3];
}

/**
 * The array indexes a pipeline task's TaskRun makes in its Task beyond the length of an array the run gives (or the pipeline's
 * default): the pipeline task passes a pipeline array param whole in an array value (`["$(params.x[*])", ...]`, whose other
 * items are literal), Tekton substitutes the run's array (ApplyParameters) and the TaskRun reconciler checks its Task's indexes
 * against it
 * (prepare's ValidateParamArrayIndex, reason TaskRunValidationFailed).
 */
function passedBoundsProblems(p: RunPipeline, runParams: readonly any[], context: IRuleContext | undefined): Problem[] {
  const arrays = new Map<string, { value: unknown[]; given: boolean }>();
  for (const s of named(p.spec.params)) if (knownParamType(s) === 'array' && Array.isArray(s.default) && !substituted(s.default)) arrays.set(s.name, { value: s.default, given: false });
  for (const g of runParams) {
    if (Array.isArray(g.value) && paramValueType(g.value) === 'array' && !substituted(g.value)) arrays.set(g.name, { value: g.value, given: true });
    else arrays.delete(g.name);
  }
  if (arrays.size === 0) return [];
  const written = writtenForm(p.from)?.spec;
  const writtenSpec = p.from?.kind === 'Pipeline' ? written : written?.pipelineSpec;
  const problems: Problem[] = [];
  for (const t of [...asArray(p.spec.tasks), ...asArray(p.spec.finally)]) {
    if (!isObject(t) || typeof t.name !== 'string') continue;
    // the array values that hold a pipeline array param whole (`["$(params.x[*])", ...]`), by the Task param they become, and their items once substituted
    const passed = new Map<string, { from: string; value: unknown[] }>();
    for (const g of named(t.params)) {
      if (!Array.isArray(g.value)) continue;
      const from = g.value.map(wholeArray).find((x: string | undefined) => x !== undefined && arrays.has(x));
      if (from === undefined) continue;
      const items = g.value.flatMap((x: unknown) => {
        const whole = wholeArray(x);
        return whole !== undefined && arrays.has(whole) ? arrays.get(whole)!.value : [x];
      });
      if (!substituted(items)) passed.set(g.name, { from, value: items });
    }
    if (passed.size === 0) continue;
    const tasks = knownTasks(t, writtenSpec, p.from, context);
    if (tasks.length === 0) continue;
    const given = named(t.params).map((g) => (passed.has(g.name) ? { name: g.name, value: passed.get(g.name)!.value } : g));
    const readings = tasks.map((x) => {
      const { tekton, params } = outOfBounds(named(x.spec.params), given, () => taskIndexRefs(x.spec));
      return params.filter((b) => b.given && passed.has(b.param)).map((b): Problem => {
        const from = passed.get(b.param)!.from;
        const a = arrays.get(from)!;
        const items = `${a.value.length} item${a.value.length === 1 ? '' : 's'}`;
        const top = Math.max(...b.refs.map((r) => Number(/\[([0-9]+)\]\)$/.exec(r)![1])));
        // (the items the pipeline task adds to the run's)
        const extra = b.length - a.value.length;
        return {
          property: 'spec.params',
          value: from,
          problem: `${a.given ? `is given an array of ${items} (${JSON.stringify(a.value)})` : `is not given, and the default ${pipelineName(p)} declares for the param is an array of ${items} (${JSON.stringify(a.value)})`}, `
            + `but pipeline task '${jsString(t.name)}' passes it to ${tasks[0].name} as its param "${jsString(b.param)}"${extra === 0 ? '' : ` (with ${extra} more item${extra === 1 ? '' : 's'})`}, `
            + `and ${tasks[0].name} refers to ${b.refs.join(', ')} in its ${TASK_INDEX_FIELDS}: `
            + `Tekton admits the run, then fails it when it runs the task (its TaskRun fails with reason TaskRunValidationFailed: ${tekton})`,
          fix: `Give it an array of at least ${top + 1 - extra} items: - name: ${jsString(from)} with value: [<value>, ...], or refer only to indexes below ${b.length} in the Task's ${TASK_INDEX_FIELDS}.`,
        };
      });
    });
    problems.push(...inEveryReading(readings));
  }
  return problems;
}

/**
 * The values given outside their param's `enum` (taskrun ValidateEnumParam, run only while feature-flags' enable-param-enum
 * is on): a string value, not empty and without a `$(...)` still to be substituted, that the declaration's enum does not list.
 */
function enumProblems(specs: readonly any[], given: readonly any[], declarer: string, property: string, fails: (message: string) => string,
  fixIn: string, where?: { location: string; target: string }): Problem[] {
  const enums = new Map(specs.filter((s) => Array.isArray(s.enum) && s.enum.length > 0).map((s) => [s.name as string, s.enum as unknown[]]));
  return given.flatMap((given_) => {
    // a number or a bool as YAML writes it is the string Tekton reads (ParamValue.UnmarshalJSON keeps the JSON text: `value: 3` is "3")
    const p = typeof given_.value === 'number' || typeof given_.value === 'boolean' ? { ...given_, value: String(given_.value) } : given_;
    const allowed = enums.get(p.name);
    if (allowed === undefined || typeof p.value !== 'string' || p.value === '' || substituted(p.value) || allowed.includes(p.value)) return [];
    const listed = allowed.map((v) => JSON.stringify(v)).join(', ');
    return [{
      ...where,
      property,
      value: p.name,
      problem: `is given "${jsString(p.value)}", which is not in the enum ${declarer} declares for the param (${listed}), and feature-flags' enable-param-enum is "true": `
        + fails(`param \`${p.name}\` value: ${p.value} is not in the enum list`),
      fix: `Give it a value of the enum in ${fixIn}: - name: ${jsString(p.name)} with value: ${JSON.stringify(allowed[0])}, or add "${jsString(p.value)}" to the param's enum.`,
    }];
  });
}

const FRESH_VOLUMES = ['volumeClaimTemplate', 'emptyDir'] as const;

/**
 * A pipeline task whose `onError` is a param (`$(params.<name>)`, which the webhook does not judge), given a value by the run (or the
 * pipeline's default) that is not "continue" or "stopAndFail", or "continue" for a task with `retries`: the PipelineRun reconciler
 * validates the pipeline tasks again once the run's params are applied (pipelinerun.go validatePipelineSpecAfterApplyParameters,
 * v1 PipelineTask.ValidateOnError) and fails the run (reason PipelineValidationFailed).
 */
function onErrorProblems(p: RunPipeline, runParams: readonly any[]): Problem[] {
  const problems: Problem[] = [];
  for (const t of [...asArray(p.spec.tasks), ...asArray(p.spec.finally)]) {
    if (!isObject(t) || typeof t.name !== 'string') continue;
    const name = typeof t.onError === 'string' ? /^\$\(params(?:\.([_a-zA-Z0-9-]+)|\['([_a-zA-Z0-9./-]+)'\]|\["([_a-zA-Z0-9./-]+)"\])\)$/.exec(t.onError) : null;
    if (name === null) continue;
    const param = name[1] ?? name[2] ?? name[3];
    const given = runParams.find((g) => g.name === param);
    const value = given !== undefined ? given.value : named(p.spec.params).find((d) => d.name === param)?.default;
    if (typeof value !== 'string' || value === '' || substituted(value)) continue;
    const retries = typeof t.retries === 'number' && t.retries > 0;
    const bad = value !== 'continue' && value !== 'stopAndFail';
    if (!bad && !(value === 'continue' && retries)) continue;
    const whose = given !== undefined ? `is given "${jsString(value)}"` : `is not given, and the default ${pipelineName(p)} declares for the param is "${jsString(value)}"`;
    problems.push({
      property: 'spec.params',
      value: param,
      problem: `${whose}, which pipeline task '${jsString(t.name)}' takes as its onError (${t.onError})${bad ? '' : ` while it has retries: ${t.retries}`}: `
        + reconcilerFails('PipelineValidationFailed', bad
          ? `invalid value: ${value}: OnError\nPipelineTask OnError must be either "continue" or "stopAndFail"`
          : 'PipelineTask OnError cannot be set to "continue" when Retries is greater than 0: '),
      fix: bad ? `Give it "continue" or "stopAndFail": - name: ${jsString(param)} with value: stopAndFail.`
        : `Give it "stopAndFail": - name: ${jsString(param)} with value: stopAndFail, or remove the pipeline task's retries.`,
    });
  }
  return problems;
}

/** A PipelineRun's bindings against the pipeline it runs (when it is known). */
function pipelineRunProblems(run: any, context: IRuleContext | undefined): Problem[] {
  // (a pipeline Pipelines-as-Code fetches for the run is not known)
  const fetched = !isObject(run.spec?.pipelineSpec)
    && (templatedRef(writtenForm(run).spec?.pipelineRef) || pacRemoteItems(run).some((r) => r.fetches === 'Pipeline'));
  const pipelines = fetched ? [] : runPipelines(run, context?.manifests);
  if (pipelines.length === 0) return [];
  const names = bound(run.spec);
  const problems: Problem[] = [];
  const first = pipelines[0];
  // (every pipeline the reference may name: an ambiguous reference is judged only where all agree)
  for (const w of declared(first.spec, true)) {
    if (names.has(w) || !pipelines.every((p) => declared(p.spec, true).includes(w))) continue;
    problems.push({
      property: 'spec.workspaces',
      value: w,
      problem: `is not bound, and ${pipelineName(first)} declares the workspace without optional: true: Tekton admits the run, then its `
        + `reconciler fails it (reason InvalidWorkspaceBindings: pipeline requires workspace with name "${jsString(w)}" be provided by pipelinerun)`,
      fix: `Bind it in the run's spec.workspaces: - name: ${jsString(w)} with a volume (volumeClaimTemplate: { spec: { accessModes: [ReadWriteOnce], `
        + 'resources: { requests: { storage: 1Gi } } } }, or secret: { secretName: <name> } for credentials), or mark the pipeline\'s workspace '
        + 'optional: true if every Task that receives it declares it optional.',
    });
  }
  // a binding no pipeline declares and no pipeline task receives (an embedded taskSpec gets one of its name: Tekton propagates it)
  const used = (p: RunPipeline) => new Set([...declared(p.spec), ...[...asArray(p.spec.tasks), ...asArray(p.spec.finally)]
    .filter(isObject).flatMap((t) => receivedWorkspaces(t).map((r) => r.pipelineWorkspace))]);
  for (const w of names) {
    if (pipelines.some((p) => used(p).has(w))) continue;
    problems.push({
      location: `workspace '${jsString(w)}'`,
      target: `workspace/${jsString(w)}`,
      property: 'name',
      value: w,
      problem: `is not a workspace of ${pipelineName(first)} (it declares ${list(declared(first.spec))}) and no task of it receives it: `
        + 'Tekton admits and runs the run and ignores the binding, so its volume reaches no task',
      fix: `Give the binding the name of a workspace the pipeline declares (${list(declared(first.spec))}), or remove it.`,
    });
  }
  // the params the run gives against those the pipeline declares
  problems.push(...paramProblems(agreed(pipelines.map((p) => paramIssues(named(p.spec.params), named(run.spec?.params), [], {
    missing: (l) => `pipelineRun missing parameters: ${l}`,
    type: (l) => `parameters have inconsistent types : ${l}`,
    keys: (l) => `pipelineRun missing object keys for parameters: ${l}`,
  }))), {
    declarer: pipelineName(first),
    property: 'spec.params',
    fails: reconcilerFails,
    reasons: { missing: 'ParameterMissing', type: 'ParameterTypeMismatch', keys: 'ObjectParameterMissKeys' },
    givenIn: "the run's spec.params",
    declaredBy: "the pipeline's",
  }));
  // with enable-param-enum on, the run's values against the pipeline's enums
  if (paramEnumFlag(context?.manifests).on) {
    const all = pipelines.map((p) => enumProblems(named(p.spec.params), named(run.spec?.params), pipelineName(first), 'spec.params',
      (m) => reconcilerFails('InvalidParamValue', m), "the run's spec.params"));
    problems.push(...inEveryReading(all));
  }
  // the array indexes the pipeline's tasks write beyond the length of the run's value (or the default)
  {
    const bounds = pipelines.map((p) => boundsProblems(named(p.spec.params), named(run.spec?.params), () => indexRefs(pipelineIndexStrings(p.spec)), pipelineName(first), "pipeline tasks' params, matrix, workspaces' subPath and when expressions",
      { property: 'spec.params', fails: (m) => reconcilerFails('ParamArrayIndexingInvalid', m) }, "the pipeline's"));
    problems.push(...inEveryReading(bounds));
  }
  // the array indexes a pipeline task's TaskRun makes in its Task beyond the length of the array the run gives
  problems.push(...inEveryReading(pipelines.map((p) => passedBoundsProblems(p, named(run.spec?.params), context))));
  // a pipeline task's onError a param gives, once the run's values are applied
  problems.push(...inEveryReading(pipelines.map((p) => onErrorProblems(p, named(run.spec?.params)))));
  // a taskRunSpecs entry for a pipeline task the pipeline does not have (ValidateTaskRunSpecs)
  const taskNames = (p: RunPipeline) => [...asArray(p.spec.tasks), ...asArray(p.spec.finally)].filter(isObject).map((t) => t.name);
  for (const trs of asArray(run.spec?.taskRunSpecs)) {
    if (!isObject(trs) || typeof trs.pipelineTaskName !== 'string' || pipelines.some((p) => taskNames(p).includes(trs.pipelineTaskName))) continue;
    problems.push({
      property: 'spec.taskRunSpecs',
      value: trs.pipelineTaskName,
      problem: `names a pipeline task ${pipelineName(first)} does not have (it has ${list(taskNames(first))}): `
        + reconcilerFails('InvalidTaskRunSpecs', `pipelineRun's taskrunSpecs defined wrong taskName: ${goQuote(trs.pipelineTaskName)}, does not exist in Pipeline`),
      fix: `Give the entry's pipelineTaskName the name of a task of the pipeline (${list(taskNames(first))}), or remove the entry.`,
    });
  }
  // a credentials workspace bound to a new, empty volume
  const credentials = new Set(pipelines.flatMap((p) => (p.from?.kind === 'Pipeline' && context !== undefined ? context.credentialWorkspaces(p.from) : [])));
  for (const b of asArray(run.spec?.workspaces)) {
    if (!isObject(b) || typeof b.name !== 'string') continue;
    const fresh = freshVolume(b);
    if (fresh === undefined) continue;
    if (!credentials.has(b.name)) {
      // a new volume every task that receives it mounts read-only: nothing writes it
      if (pipelines.every((p) => onlyReadOnly(p, b.name, context))) problems.push(readOnlyProblem(b, fresh, `every task of ${pipelineName(first)} that receives it`));
      continue;
    }
    problems.push({
      location: `workspace '${jsString(b.name)}'`,
      target: `workspace/${jsString(b.name)}`,
      property: fresh,
      value: JSON.stringify(b[fresh]),
      problem: `is a new, empty volume for a credentials workspace of ${pipelineName(first)} (one the library declares so, or a run checked with it `
        + 'binds to a Secret, CSI or projected volume): Tekton admits and runs the run, and the tasks that receive the '
        + 'workspace find no credentials in it and cannot authenticate',
      fix: `Bind it to the credentials: - name: ${jsString(b.name)} with secret: { secretName: <Secret name> } (or csi: { driver: secrets-store.csi.k8s.io, `
        + 'readOnly: true, volumeAttributes: { secretProviderClass: <name> } }), as the runs that hold them do.',
    });
  }
  return problems;
}

/** A TaskRun's bindings against the Task it runs (when it is known). */
function taskRunProblems(run: any, context: IRuleContext | undefined): Problem[] {
  const spec = run.spec;
  const embedded = isObject(spec?.taskSpec);
  // (taskName: the name Tekton's messages give the Task, the run's own for an embedded one)
  const tasks: Array<{ spec: any; name: string; taskName: string }> = embedded ? [{ spec: spec.taskSpec, name: "the run's taskSpec", taskName: String(run.metadata?.name ?? '') }]
    : context === undefined ? []
      : templatedRef(writtenForm(run).spec?.taskRef) ? [] : locallyReferenced(context.manifests, spec?.taskRef, 'Task', run).filter((t) => isObject(t.spec))
        .map((t) => ({ spec: t.spec, name: `Task '${jsString(t.metadata?.name)}'`, taskName: String(t.metadata?.name) }));
  if (tasks.length === 0) return [];
  const names = bound(spec);
  const problems: Problem[] = [];
  if (!defaultBinding(context)) {
    for (const w of declared(tasks[0].spec, true)) {
      if (names.has(w) || !tasks.every((t) => declared(t.spec, true).includes(w))) continue;
      problems.push({
        property: 'spec.workspaces',
        value: w,
        problem: `is not bound, and ${tasks[0].name} declares the workspace without optional: true: Tekton admits the run, then its `
          + `reconciler fails it (reason TaskRunValidationFailed: declared workspace "${jsString(w)}" is required but has not been bound)`,
        fix: `Bind it in the run's spec.workspaces: - name: ${jsString(w)} with a volume (emptyDir: {}, volumeClaimTemplate: ..., or secret: { secretName: <name> } `
          + 'for credentials), or mark the Task\'s workspace optional: true, or bind every such workspace in config-defaults\' '
          + 'default-task-run-workspace-binding; where the cluster\'s config-defaults sets it, audit the run with it '
          + '(kubectl get configmap config-defaults -n tekton-pipelines -o yaml | cdk8s-secure-tekton audit - <files>).',
      });
    }
  }
  // a new volume the Task mounts read-only: nothing writes it
  for (const b of asArray(spec?.workspaces)) {
    if (!isObject(b) || typeof b.name !== 'string') continue;
    const fresh = freshVolume(b);
    if (fresh !== undefined && tasks.every((t) => readOnly(t.spec, b.name))) problems.push(readOnlyProblem(b, fresh, tasks[0].name));
  }
  // an embedded taskSpec takes any binding (Tekton propagates it); a referenced Task's run fails on one it does not declare
  if (!embedded) {
    for (const w of names) {
      if (tasks.some((t) => declared(t.spec).includes(w))) continue;
      problems.push({
        location: `workspace '${jsString(w)}'`,
        target: `workspace/${jsString(w)}`,
        property: 'name',
        value: w,
        problem: `is not a workspace of ${tasks[0].name} (it declares ${list(declared(tasks[0].spec))}): Tekton admits the run, then its reconciler fails it `
          + `(reason TaskRunValidationFailed: workspace binding "${jsString(w)}" does not match any declared workspace)`,
        fix: `Give the binding the name of a workspace the Task declares (${list(declared(tasks[0].spec))}), or remove it.`,
      });
    }
  }
  const texts = taskParamTexts(tasks[0].taskName);
  problems.push(...paramProblems(agreed(tasks.map((t) => paramIssues(named(t.spec.params), named(spec?.params), [], texts))), {
    declarer: tasks[0].name,
    property: 'spec.params',
    fails: reconcilerFails,
    reasons: { missing: 'TaskRunValidationFailed', type: 'TaskRunValidationFailed', keys: 'TaskRunValidationFailed' },
    givenIn: "the run's spec.params",
    declaredBy: "the Task's",
  }));
  // with enable-param-enum on, the run's values against the Task's enums
  if (paramEnumFlag(context?.manifests).on) {
    const all = tasks.map((t) => enumProblems(named(t.spec.params), named(spec?.params), tasks[0].name, 'spec.params',
      (m) => reconcilerFails('InvalidParamValue', m), "the run's spec.params"));
    problems.push(...inEveryReading(all));
  }
  // the array indexes the Task's steps write beyond the length of the run's value (or the default)
  {
    const bounds = tasks.map((t) => boundsProblems(named(t.spec.params), named(spec?.params), () => taskIndexRefs(t.spec), tasks[0].name,
      TASK_INDEX_FIELDS,
      { property: 'spec.params', fails: (m) => reconcilerFails('TaskRunValidationFailed', m) }, embedded ? "the run's taskSpec's" : "the Task's"));
    problems.push(...inEveryReading(bounds));
  }
  return problems;
}

/** Tekton's messages for the params of a TaskRun or pipeline task (taskrun ValidateResolvedTask). */
function taskParamTexts(taskName: string): ParamTexts {
  const prefix = `invalid input params for task ${taskName}: `;
  return {
    missing: (l: string) => `${prefix}missing values for these params which have no default values: ${l}`,
    type: (l: string) => `${prefix}param types don't match the user-specified type: ${l}`,
    keys: (l: string) => `${prefix}missing keys for these params which are required in ParamSpec's properties ${l}`,
  };
}

/** The result references (`$(tasks.x.results.y…)`) in every string of a value. */
function resultRefs(value: unknown): Array<{ text: string; task: string; result: string }> {
  if (typeof value === 'string') {
    return findReferences(value).filter((r) => r.kind === 'tasks' && r.result !== undefined).map((r) => ({ text: r.text, task: r.name, result: r.result as string }));
  }
  if (Array.isArray(value)) return value.flatMap(resultRefs);
  if (isObject(value)) return Object.values(value).flatMap(resultRefs);
  return [];
}

/**
 * The references to a pipeline task's result written `$(finally.<task>.results.<result>…)` in every string of a value, as a pipeline's
 * `results` may refer to a finally task's (v1 resultref validateString's VariableSubstitutionRegex, then resultref LooksLikeResultRef).
 */
function finallyRefs(value: unknown): Array<{ text: string; task: string; result: string }> {
  if (typeof value === 'string') {
    return [...value.matchAll(/\$\(([_a-zA-Z0-9.-]+(?:\.[_a-zA-Z0-9.-]+)*(?:\[(?:[0-9]+|\*)\])?)\)/g)].flatMap((m) => {
      const parts = m[1].split('.');
      return parts.length >= 4 && parts[0] === 'finally' && parts[2] === 'results'
        ? [{ text: m[0], task: parts[1], result: parts[3].replace(/\[[0-9]*\*?\]/g, '') }] : [];
    });
  }
  if (Array.isArray(value)) return value.flatMap(finallyRefs);
  if (isObject(value)) return Object.values(value).flatMap(finallyRefs);
  return [];
}

/** The results a Task declares. */
const resultsOf = (spec: any): string[] => asArray(spec?.results).filter((r) => isObject(r) && typeof r.name === 'string').map((r) => r.name);

/** A Task a pipeline task runs: its spec, how messages name it, and the name Tekton's messages give it. */
interface KnownTask {
  readonly spec: any;
  readonly name: string;
  readonly taskName: string;
}

/** The Tasks a pipeline task that makes a TaskRun may run, where they are known: its embedded taskSpec, or the local Tasks its taskRef may name. */
function knownTasks(t: any, writtenSpec: any, from: any, context: IRuleContext | undefined): KnownTask[] {
  if (!isObject(t) || typeof t.name !== 'string' || !makesTaskRun(t)) return [];
  if (isObject(t.taskSpec)) return [{ spec: t.taskSpec, name: 'its taskSpec', taskName: '' }];
  if (context === undefined || templatedRef(writtenTask(writtenSpec, t.name)?.taskRef)) return [];
  return locallyReferenced(context.manifests, t.taskRef, 'Task', from).filter((x) => isObject(x.spec))
    .map((x) => ({ spec: x.spec, name: `Task '${jsString(x.metadata?.name)}'`, taskName: String(x.metadata?.name) }));
}

/** Whether a spec declares the workspace `readOnly: true` (Tekton mounts it read-only in every step and sidecar). */
const readOnly = (spec: any, name: string) => asArray(spec?.workspaces).some((w) => isObject(w) && w.name === name && w.readOnly === true);

/**
 * Whether some pipeline task of a pipeline receives the workspace and every one that does mounts it read-only: it runs a
 * known Task (all the Tasks its reference may name) that declares the workspace `readOnly: true` (not a Task Pipelines-as-Code
 * fetches, a custom task or a pipeline in a pipeline, which may write it).
 */
function onlyReadOnly(p: RunPipeline, workspace: string, context: IRuleContext | undefined): boolean {
  if (pacRemoteItems(p.from).some((r) => r.fetches === 'Task')) return false;
  const written = writtenForm(p.from)?.spec;
  const writtenSpec = p.from?.kind === 'Pipeline' ? written : written?.pipelineSpec;
  let receivers = 0;
  for (const t of [...asArray(p.spec.tasks), ...asArray(p.spec.finally)]) {
    if (!isObject(t)) continue;
    const received = receivedWorkspaces(t).filter((r) => r.pipelineWorkspace === workspace);
    if (received.length === 0) continue;
    const tasks = knownTasks(t, writtenSpec, p.from, context);
    if (tasks.length === 0 || !received.every((r) => tasks.every((x) => readOnly(x.spec, r.taskWorkspace)))) return false;
    receivers++;
  }
  return receivers > 0;
}

/** The new, empty volume a binding makes (a `volumeClaimTemplate` without a data source, an `emptyDir`), if it makes one. */
function freshVolume(binding: any): typeof FRESH_VOLUMES[number] | undefined {
  const fresh = FRESH_VOLUMES.find((f) => binding[f] !== undefined && binding[f] !== null);
  const claim = binding.volumeClaimTemplate?.spec;
  return fresh === 'volumeClaimTemplate' && (isObject(claim?.dataSource) || isObject(claim?.dataSourceRef)) ? undefined : fresh;
}

/** The finding on a binding to a new volume that every task receiving it mounts read-only. */
function readOnlyProblem(b: any, fresh: string, receivers: string): Problem {
  return {
    location: `workspace '${jsString(b.name)}'`,
    target: `workspace/${jsString(b.name)}`,
    property: fresh,
    value: JSON.stringify(b[fresh]),
    problem: `is a new, empty volume, and ${receivers} mounts the workspace read-only (readOnly: true): Tekton admits and runs the run, `
      + 'and nothing can write the volume, so the steps find it empty',
    fix: `Bind it to a volume that holds what the steps read: - name: ${jsString(b.name)} with secret: { secretName: <name> }, configMap: { name: <name> } `
      + 'or persistentVolumeClaim: { claimName: <a claim that holds it> }; or remove readOnly: true from the Task\'s workspace if a step writes it.',
  };
}

/** The first finding on each param (by value). */
const firstPerParam = (problems: Problem[]) => problems.filter((f, i) => problems.findIndex((o) => o.value === f.value) === i);

/** A `$(params...)` reference as substitution's braceMatchingRegex reads it: dot (up to two components) or bracket notation. */
const PARAM_VARIABLE = /\$\(params(?:\.(.*?(?:\[\*\])?)|\["(.*?(?:\[\*\])?)"\]|\['(.*?(?:\[\*\])?)'\])\)/g;

/**
 * A pipeline task's params against its Task's enums as Tekton v1.15's ValidateParamEnumSubset reads them (pipelinerunresolution.go,
 * run by the PipelineRun reconciler with enable-param-enum on, on the pipeline task as written, before any TaskRun): in order, a
 * string value that refers to one pipeline param (`$(params.<name>)`, any text around it, an index trimmed) ends the check when
 * that param is not a string param of the pipeline or the Task's param of its name has no enum; else the pipeline param
 * must have an enum, all of whose values the Task param's lists.
 */
function enumSubsetProblems(t: any, pipelineParams: readonly any[], task: KnownTask, taskLabel: string, where: { location: string; target: string },
  fails: (message: string) => string): Problem[] {
  for (const p of named(t.params)) {
    if (typeof p.value !== 'string') continue;
    const refs = [...p.value.matchAll(PARAM_VARIABLE)].map((m) => m[1] ?? m[2] ?? m[3]);
    if (refs.length !== 1) continue;
    if (refs[0].split('.').length > 2) return [];
    const name = refs[0].split('.')[0].replace(/\[[0-9]*\*?\]/g, '');
    const declaredParam = pipelineParams.find((d) => d.name === name);
    const taskParam = named(task.spec.params).find((d) => d.name === p.name);
    const taskEnum: unknown[] = Array.isArray(taskParam?.enum) ? taskParam.enum : [];
    if (declaredParam === undefined || knownParamType(declaredParam) !== 'string' || taskEnum.length === 0) return [];
    const pipelineEnum: unknown[] = Array.isArray(declaredParam.enum) ? declaredParam.enum : [];
    const listed = (e: unknown[]) => e.map((v) => JSON.stringify(v)).join(', ');
    const base = { ...where, property: 'params', value: p.name };
    const flagOn = 'and feature-flags\' enable-param-enum is "true"';
    if (pipelineEnum.length === 0) {
      return [{
        ...base,
        problem: `is given ${JSON.stringify(p.value)}, the pipeline's param "${jsString(name)}", which the pipeline declares without an enum, but ${taskLabel} declares the param `
          + `with the enum (${listed(taskEnum)}), ${flagOn}: `
          + fails(`pipeline param "${name}" has no enum, but referenced in "${task.taskName}" task has enums: ${goList(taskEnum.map(String))}`),
        fix: `Declare the pipeline's param ${jsString(name)} with an enum of values the Task's lists: enum: [${listed(taskEnum)}] (or some of them).`,
      }];
    }
    const extra = pipelineEnum.filter((v) => !taskEnum.includes(v));
    if (extra.length > 0) {
      return [{
        ...base,
        problem: `is given ${JSON.stringify(p.value)}, the pipeline's param "${jsString(name)}", whose enum (${listed(pipelineEnum)}) has ${listed(extra)}, which the enum `
          + `${taskLabel} declares for the param (${listed(taskEnum)}) does not list, ${flagOn}: `
          + fails(`pipeline param "${name}" enum: ${goList(pipelineEnum.map(String))} is not a subset of the referenced in "${task.taskName}" task param enum: ${goList(taskEnum.map(String))}`),
        fix: `Remove ${listed(extra)} from the enum of the pipeline's param ${jsString(name)} (keep values the Task's lists: ${listed(taskEnum)}), or add them to the Task param's enum.`,
      }];
    }
  }
  return [];
}

/** The pipeline tasks of a pipeline spec against the Tasks they run (when they are known). */
function pipelineTaskProblems(pipelineSpec: any, writtenSpec: any, from: any, context: IRuleContext | undefined): Problem[] {
  const problems: Problem[] = [];
  const filled = defaultBinding(context);
  // Pipelines-as-Code fetches the Tasks its annotations name and embeds each as the taskSpec of the pipeline tasks that name it
  const pacInlines = pacRemoteItems(from).some((r) => r.fetches === 'Task');
  const all = [...asArray(pipelineSpec?.tasks), ...asArray(pipelineSpec?.finally)].filter((t) => isObject(t) && typeof t.name === 'string');
  // the Tasks each pipeline task that makes a TaskRun runs, where they are known (taskName: the name Tekton's messages give it)
  const known = new Map<string, Array<{ spec: any; name: string; taskName: string }>>();
  for (const t of all) {
    if (known.has(t.name)) continue;
    const tasks = knownTasks(t, writtenSpec, from, context);
    if (tasks.length > 0) known.set(t.name, tasks);
  }
  const optional = new Set(asArray(pipelineSpec?.workspaces).filter((w) => isObject(w) && typeof w.name === 'string' && w.optional === true).map((w) => w.name as string));
  const failsEveryRun = (reason: string, message: string) => `Tekton admits the pipeline, then fails every run of it before any task runs (the PipelineRun fails with reason ${reason}: ${message})`;
  // the steps of an embedded taskSpec that run a StepAction, against its params
  for (const t of all) {
    if (!isObject(t.taskSpec)) continue;
    problems.push(...stepActionParamProblems(t.taskSpec, 'taskSpec', from, context, 'pipeline', { location: `pipeline task '${jsString(t.name)}'`, target: `task/${jsString(t.name)}` }));
  }
  for (const t of all) {
    const tasks = known.get(t.name);
    if (tasks === undefined) continue;
    const embedded = isObject(t.taskSpec);
    // what the TaskRun binds: the pipeline task's own bindings, and (embedded) the workspaces its steps use, which Tekton propagates
    const names = new Set(asArray(t.workspaces).filter((w) => isObject(w) && typeof w.name === 'string').map((w) => w.name as string));
    const inlined = embedded || pacInlines;
    if (inlined) for (const x of tasks) for (const w of propagatedWorkspaces(x.spec)) names.add(w);
    const where = { location: `pipeline task '${jsString(t.name)}'`, target: `task/${jsString(t.name)}` };
    if (!filled) {
      for (const w of declared(tasks[0].spec, true)) {
        if (names.has(w) || !tasks.every((x) => declared(x.spec, true).includes(w))) continue;
        problems.push({
          ...where,
          property: 'workspaces',
          value: w,
          problem: `is not bound, and ${tasks[0].name} declares the workspace without optional: true: Tekton admits the pipeline, then fails `
            + `every run of it when it runs the task (its TaskRun fails with reason TaskRunValidationFailed: declared workspace "${jsString(w)}" is required but has not been bound)`,
          fix: `Bind it in the pipeline task's workspaces: - name: ${jsString(w)} with workspace: <a workspace of the pipeline>, or mark the Task's workspace optional: true, `
            + "or bind every such workspace in config-defaults' default-task-run-workspace-binding; where the cluster's config-defaults sets it, "
            + 'audit the pipeline with it (kubectl get configmap config-defaults -n tekton-pipelines -o yaml | cdk8s-secure-tekton audit - <files>).',
        });
      }
    }
    if (!inlined) {
      for (const w of names) {
        if (tasks.some((x) => declared(x.spec).includes(w))) continue;
        problems.push({
          ...where,
          property: 'workspaces',
          value: w,
          problem: `is not a workspace of ${tasks[0].name} (it declares ${list(declared(tasks[0].spec))}): Tekton admits the pipeline, then fails every run of it `
            + `when it runs the task (its TaskRun fails with reason TaskRunValidationFailed: workspace binding "${jsString(w)}" does not match any declared workspace)`,
          fix: `Give the binding the name of a workspace the Task declares (${list(declared(tasks[0].spec))}), or remove it.`,
        });
      }
    }
    // a pipeline workspace marked optional passed to a workspace the Task requires
    for (const w of asArray(t.workspaces)) {
      if (!isObject(w) || typeof w.name !== 'string' || typeof w.workspace !== 'string' || !optional.has(w.workspace)) continue;
      if (!tasks.every((x) => declared(x.spec, true).includes(w.name))) continue;
      problems.push({
        ...where,
        property: 'workspaces',
        value: w.name,
        problem: `is bound to the pipeline's workspace "${jsString(w.workspace)}", marked optional: true, and ${tasks[0].name} declares the workspace without optional: true: `
          + failsEveryRun('RequiredWorkspaceMarkedOptional', `Optional workspace not supported by task: pipeline workspace "${jsString(w.workspace)}" is marked optional but pipeline task "${jsString(t.name)}" requires it be provided`),
        fix: `Remove optional: true from the pipeline's workspace ${jsString(w.workspace)} (every run then binds it), or mark the Task's workspace ${jsString(w.name)} optional: true if its steps do without it.`,
      });
    }
    // the params the pipeline task gives against those the Task declares (matrix values count as given)
    const matrix = [...named(t.matrix?.params), ...asArray(t.matrix?.include).flatMap((i) => named(i?.params))];
    const texts = taskParamTexts(tasks[0].taskName);
    problems.push(...paramProblems(agreed(tasks.map((x) => paramIssues(named(x.spec.params), named(t.params), matrix, texts))), {
      declarer: tasks[0].name,
      property: 'params',
      where,
      fails: failsEveryRun,
      reasons: { missing: 'PipelineValidationFailed', type: 'PipelineValidationFailed', keys: 'PipelineValidationFailed' },
      givenIn: "the pipeline task's params",
      declaredBy: "the Task's",
    }));
    // the array indexes its TaskRun makes in the Task beyond the length of the array the pipeline task gives (or the Task's default),
    // a param the matrix gives aside (its values are strings)
    const fromMatrix = new Set(matrix.map((m) => m.name as string));
    problems.push(...inEveryReading(tasks.map((x) => boundsProblems(named(x.spec.params), named(t.params), () => taskIndexRefs(x.spec), tasks[0].name,
      TASK_INDEX_FIELDS, {
        property: 'params',
        where,
        fails: (m) => `Tekton admits the pipeline, then fails every run of it when it runs the task (its TaskRun fails with reason TaskRunValidationFailed: ${m})`,
        givenIn: "the pipeline task's params",
      }, "the Task's").filter((b) => !fromMatrix.has(b.value ?? '')))));
  }
  // with enable-param-enum on, each pipeline task's values against its Task's enums (checked as the PipelineRun makes its TaskRun)
  if (paramEnumFlag(context?.manifests).on) {
    for (const t of all) {
      const tasks = known.get(t.name);
      if (tasks === undefined) continue;
      const where = { location: `pipeline task '${jsString(t.name)}'`, target: `task/${jsString(t.name)}` };
      const fails = (m: string) => 'Tekton admits the pipeline, then fails every run of it when it reaches the task (the PipelineRun fails with reason InvalidParamValue: '
        + `Invalid param value from PipelineTask "${jsString(t.name)}": ${m})`;
      const found = tasks.map((x) => enumProblems(named(x.spec.params), named(t.params), tasks[0].name, 'params', fails, "the pipeline task's params", where));
      problems.push(...inEveryReading(found));
      // the matrix's values, each the value of one TaskRun's param (Matrix.FanOut: createTaskRuns checks every combination)
      const matrixValues = [...named(t.matrix?.params).flatMap((m) => asArray(m.value).map((value) => ({ name: m.name, value }))),
        ...asArray(t.matrix?.include).flatMap((i) => named(i?.params))];
      const inMatrix = tasks.map((x) => firstPerParam(enumProblems(named(x.spec.params), matrixValues, tasks[0].name, 'matrix', fails, "the pipeline task's matrix", where))
        .map((f) => ({ ...f, fix: (f.fix ?? '').replace(/^Give it a value of the enum in the pipeline task's matrix: - name: (.*?) with value: (.*?), or /, 'Give the matrix only values of the enum: - name: $1 with value: [$2, ...], or ') })));
      problems.push(...inEveryReading(inMatrix));
      // a pipeline param passed to a Task param with an enum has an enum within it (ValidateParamEnumSubset)
      problems.push(...inEveryReading(tasks.map((x) => enumSubsetProblems(t, named(pipelineSpec?.params), x, tasks[0].name, where,
        (m) => failsEveryRun('PipelineValidationFailed', `Validation failed for pipelinerun with error ${m}`)))));
    }
  }
  // a result reference to a result the Task of that pipeline task does not declare
  const unknownResult = (ref: { task: string; result: string }) => {
    const tasks = known.get(ref.task);
    return tasks !== undefined && tasks.every((x) => !resultsOf(x.spec).includes(ref.result)) ? tasks : undefined;
  };
  const resultProblem = (ref: { text: string; task: string; result: string }, tasks: Array<{ name: string; spec: any }>) => ({
    value: ref.text,
    problem: `refers to result "${jsString(ref.result)}" of pipeline task '${jsString(ref.task)}', which ${tasks[0].name} does not declare (it declares ${list(resultsOf(tasks[0].spec))}): `,
    fix: `Refer to a result ${tasks[0].name} declares (${list(resultsOf(tasks[0].spec))}), or declare ${jsString(ref.result)} in its results and write it in a step.`,
  });
  for (const t of all) {
    const texts: Array<[string, unknown]> = [
      ['params', asArray(t.params).map((p) => p?.value)],
      ['matrix', [...asArray(t.matrix?.params).map((p) => p?.value), ...asArray(t.matrix?.include).flatMap((i) => asArray(i?.params).map((p) => p?.value))]],
      ['when', asArray(t.when).map((w) => [w?.input, w?.values, w?.cel])],
      ['taskSpec', isObject(t.taskSpec) ? [t.taskSpec.steps, t.taskSpec.sidecars] : []],
    ];
    for (const [property, value] of texts) {
      for (const ref of resultRefs(value)) {
        const tasks = unknownResult(ref);
        if (tasks === undefined) continue;
        const p = resultProblem(ref, tasks);
        problems.push({
          location: `pipeline task '${jsString(t.name)}'`,
          target: `task/${jsString(t.name)}`,
          property,
          ...p,
          problem: p.problem + failsEveryRun('InvalidTaskResultReference',
            `invalid result reference in pipeline task "${jsString(t.name)}": "${jsString(ref.result)}" is not a named result returned by pipeline task "${jsString(ref.task)}"`),
        });
      }
    }
  }
  for (const r of asArray(pipelineSpec?.results)) {
    if (!isObject(r) || typeof r.name !== 'string') continue;
    for (const ref of [...resultRefs(r.value), ...finallyRefs(r.value)]) {
      const tasks = unknownResult(ref);
      if (tasks === undefined) continue;
      const p = resultProblem(ref, tasks);
      problems.push({
        location: `result '${jsString(r.name)}'`,
        target: `result/${jsString(r.name)}`,
        property: 'value',
        ...p,
        problem: p.problem + failsEveryRun('InvalidPipelineResultReference',
          `Failed to resolve pipeline result reference for "<run name>" with error invalid pipeline result "${jsString(r.name)}": "${jsString(ref.result)}" is not a named result returned by pipeline task "${jsString(ref.task)}"`),
      });
    }
  }
  return problems;
}

/**
 * Params, workspaces and results referenced are declared and bound: on YAML, the params and workspaces of runs and
 * pipeline tasks against the Pipelines and Tasks they run, and the result references of pipelines.
 */
export const VALID_REFERENCE = manifestRule(
  {
    id: RuleId.VALID_REFERENCE,
    severity: Severity.LOW,
    title: 'Params, workspaces and results referenced are declared and bound (structural, cannot be relaxed)',
    rationale:
      'Tekton fails a run that leaves a workspace or a param its Pipeline or Task requires without a value, gives a param of '
      + 'another type, binds a Task a workspace it does not declare, or runs a pipeline that refers to a result a Task does not '
      + 'declare, when its reconciler reaches it: after the webhook admitted it, so nothing runs and the error is found only in the '
      + 'run\'s status; Shipwright\'s controller does the same to a BuildRun whose fields, Build or params its strategy refuses. A credentials workspace bound to a new volume holds no credentials, a new volume every task mounts '
      + 'read-only stays empty, and a binding no task receives reaches nothing. Not a security control: a configuration '
      + 'refused here does not do what it says.',
    fix: 'Bind every workspace and give every param the Pipeline or Task requires, with its type, under a name it declares; refer to '
      + 'results the Tasks declare; bind credentials workspaces to the Secret or CSI volume that holds them; give a Shipwright Build or BuildRun '
      + 'only the params, volumes and stepResources its strategy accepts.',
    decidesFrom:
      'A step of a Task (or of a TaskRun\'s or a pipeline task\'s `taskSpec`) that runs a StepAction by name (`ref: { name }`, no resolver) among the manifests checked together '
      + '(of its namespace: `tekton.dev/v1beta1` or `v1alpha1`), against that StepAction\'s params, as the TaskRun reconciler checks them when it resolves '
      + 'the step (pkg/reconciler/taskrun/resources `validateStepHasStepActionParameters`): a param the step gives that the StepAction does not declare, else '
      + 'a param the StepAction declares without a default that the step does not give; the reconciler fails every run (reason TaskRunResolutionFailed, of the '
      + 'pipeline task\'s TaskRun in a pipeline, its '
      + 'message naming the step and its index), one finding a step (where several steps fail, the reconciler resolves them at once and gives one, '
      + 'which may be any; a fix of params the StepAction does not declare names those it declares without a default that the step does not give too, which '
      + 'the reconciler reports once the others are gone). '
      + 'Where they match, a value of another shape than the param\'s default (`applyStepActionParameters`: a string, or a number or a bool, where the '
      + 'default is an array, an array where it is a string; the run fails, reason TaskRunResolutionFailed, `invalid parameter substitution: <name>`, the least such '
      + 'name in byte order, given as `inputs.params.<name>` where it holds other characters than letters, digits and `_`). A value is read once the '
      + 'task\'s params are in it, as the reconciler reads it: a text that holds variables among other text stays a string, a variable alone '
      + '(`$(params.list[*])`) takes the shape of the task\'s param it names (the TaskRun\'s value, else its declaration), and a default that '
      + 'refers to params is a string where one of them has a plain default that the reconciler resolves it from (`$(params.mode)-x`); a context variable alone '
      + '(`$(context.pipelineRun.name)`) is a string, in a pipeline task\'s embedded spec too. '
      + 'Before that, defaults of params the step does not give that refer to params (`$(params.<name>)`) the reconciler cannot resolve in turn from those given and '
      + 'the plain defaults: the run fails (reason TaskRunResolutionFailed) with `parameter "<param>" references non-existent parameter "<ref>"` where the first '
      + 'reference left is to no param the StepAction declares (`flags[*]`, `git.url`: the reconciler reads the name as written), else with `circular '
      + 'dependency detected in parameter references`; where params left give both, the finding quotes each (the reconciler fails on the first of a Go map). '
      + 'A PipelineRun\'s `spec.workspaces` and `spec.params` against the pipeline it runs: its `pipelineSpec`, or the Pipeline its local `pipelineRef` '
      + 'names among the manifests checked together (of the run\'s namespace). A workspace the pipeline declares without '
      + '`optional: true` and the run does not bind is a finding (Tekton v1.15 pkg/reconciler/pipelinerun/resources '
      + '`ValidateWorkspaceBindings`: the PipelineRun fails, reason InvalidWorkspaceBindings); so is a binding the pipeline does '
      + 'not declare and no pipeline task receives (a pipeline task with an embedded `taskSpec` receives one its steps use: Tekton '
      + 'propagates it), which Tekton ignores; a `volumeClaimTemplate` (without a `dataSource`) or `emptyDir` binding of a credentials workspace: one '
      + 'the library declares with the credentials trust domain, or that a run checked with the Pipeline binds to a `secret`, '
      + '`csi` or `projected` volume; and such a binding of a workspace that every pipeline task receiving it mounts read-only '
      + '(its Task, known, declares the workspace `readOnly: true`: pkg/workspace `Apply` mounts it read-only in every step and '
      + 'sidecar, so nothing writes the new volume). A param the pipeline declares without a `default` and the run does not '
      + 'give (`ValidateRequiredParametersProvided`, reason ParameterMissing), one given with another type than the declared '
      + 'or inferred one (a string, an array of strings, an object of strings: `ValidateParamTypesMatching`, reason '
      + 'ParameterTypeMismatch), and an object param whose value and default lack a key of its `properties` '
      + '(`ValidateObjectParamRequiredKeys`, reason ObjectParameterMissKeys) are findings, and so is an array param the pipeline '
      + 'tasks index (`$(params.<name>[<n>])`, or with brackets, in their params, matrix params, workspaces\' `subPath` or `when`) beyond the '
      + 'length of the run\'s array value, or of the default the run leaves it (`ValidateParamArrayIndex`, reason ParamArrayIndexingInvalid; '
      + 'the TaskRun reconciler the same in a Task\'s steps, sidecars, `stepTemplate`, `volumes` (their names, the names and items of '
      + 'configMap and secret volumes, a claim\'s name, projected sources\' names and token audience, CSI secret names and attributes: '
      + 'v1 param_types.go `extractParamRefsFromVolumes`) and workspaces\' `mountPath`, for a TaskRun and for the TaskRun a pipeline '
      + 'task makes: a Pipeline\'s finding when the pipeline task gives the Task an array, without a `$(...)`, shorter than its indexes '
      + 'need, or leaves it a default that is; a PipelineRun\'s when the pipeline task passes a pipeline array param whole as an item of an '
      + 'array value (`["$(params.<name>[*])", ...]`, Tekton\'s ApplyParameters puts the run\'s items there) and the run\'s array, or the '
      + 'pipeline\'s default, is too short: the TaskRun fails, reason TaskRunValidationFailed); a `taskRunSpecs` entry whose '
      + '`pipelineTaskName` is not a task or finally task of the pipeline (`ValidateTaskRunSpecs`, reason InvalidTaskRunSpecs); '
      + 'a run\'s value (or the pipeline\'s default) for a param a pipeline task\'s `onError` is (`$(params.<name>)`, which the webhook '
      + 'leaves) that is not "continue" or "stopAndFail", or is "continue" for a task with `retries` (the reconciler validates the '
      + 'pipeline tasks again once the run\'s params are applied: `validatePipelineSpecAfterApplyParameters`, v1 `ValidateOnError`, '
      + 'reason PipelineValidationFailed); '
      + 'a bracket reference whose name holds a `-`, `$(params[\'my-tags\'][3])`, is no index: the class of substitution.go `paramIndexing` '
      + 'holds `.` to `/`, not `-`, so Tekton leaves it as written and the run runs; '
      + 'with feature-flags\' alpha `enable-param-enum` "true" (read from a feature-flags ConfigMap or Tekton operator object checked '
      + 'with the run; off, Tekton\'s default, when none is, and then the webhook refuses any `enum`: v1 param_types.go '
      + '`validateParamEnums`), a string value (a number or bool written as the value is its JSON text, the string Tekton reads), not empty and without a `$(...)`, that the param\'s `enum` does not list is a finding '
      + 'for a PipelineRun, a TaskRun (`ValidateEnumParam`, reason InvalidParamValue) and a pipeline task against its Task (the '
      + 'PipelineRun reconciler\'s `ValidateEnumParam` as it makes the TaskRuns: also each value of its `matrix` params and `include`, '
      + 'as `createTaskRuns` checks every combination `Matrix.FanOut` makes), and a pipeline task param whose string value refers to '
      + 'one pipeline param (`$(params.<name>)`, with or without text around it) passed to a Task param with an enum, when the pipeline '
      + 'param declares no enum or one with a value the Task\'s does not list (pipelinerunresolution.go `ValidateParamEnumSubset`, run by '
      + 'the PipelineRun reconciler on the pipeline tasks as written before any TaskRun; reason PipelineValidationFailed); it stops at '
      + 'the first such param that refers to a pipeline param that is not a string param, or is passed to a Task param without an '
      + 'enum, as Tekton does; a value with a `$(...)` Tekton or '
      + 'Triggers may still substitute is not judged on type or keys. A TaskRun\'s `spec.workspaces` and `spec.params` against its `taskSpec` or the Task its local `taskRef` names: '
      + 'a workspace the Task declares without `optional: true` left unbound, and (a referenced Task) a binding it does not declare '
      + '(pkg/workspace `ValidateBindings`, called by the TaskRun reconciler: the TaskRun fails, reason TaskRunValidationFailed), '
      + 'a new volume bound to a workspace the Task declares `readOnly: true`, and its params as above (pkg/reconciler/taskrun '
      + '`ValidateResolvedTask`: missing, of another type, or lacking object keys; reason TaskRunValidationFailed). '
      + 'A Pipeline\'s (or a PipelineRun\'s embedded pipeline\'s) pipeline tasks the same way against the Task each runs (its '
      + 'embedded `taskSpec`, whose steps\' workspaces Tekton propagates, or the Task its local `taskRef` names): Tekton creates '
      + 'the TaskRun with the pipeline task\'s bindings, and it fails; the PipelineRun reconciler checks each pipeline task\'s '
      + 'params (its `matrix` values count as given, and must be of string params) with `ValidateResolvedTask` before any task '
      + 'runs and fails every run (reason PipelineValidationFailed). Before the first task, it also fails a run whose pipeline '
      + 'refers (`$(tasks.<task>.results.<result>)` in a pipeline task\'s params, matrix, `when` or embedded steps and sidecars) '
      + 'to a result the Task of that pipeline task does not declare (`ValidatePipelineTaskResults`, reason '
      + 'InvalidTaskResultReference), whose `results` refer to one, also as `$(finally.<task>.results.<result>)` (`ValidatePipelineResults`, reason '
      + 'InvalidPipelineResultReference), or that passes a pipeline workspace marked `optional: true` to a workspace the Task '
      + 'declares without it (`ValidateOptionalWorkspaces`, reason RequiredWorkspaceMarkedOptional, whether or not the run binds '
      + 'it). The webhook refuses none of these (its validation of a run reads no Pipeline or Task; what it refuses in a pipeline, such as '
      + 'a reference to a pipeline task that does not exist or a binding of a workspace the Pipeline does not declare, is TEKTON_ADMITTED\'s; a pipeline '
      + 'it refuses is reported here all the same, the finding then saying that the webhook refuses it first (for any of TEKTON_ADMITTED\'s findings, a field '
      + 'behind a feature flag too, with the flags the manifests checked with it set), so is a run whose `pipelineRef` or `taskRef` names a Pipeline or Task '
      + 'the webhook refuses (each it may name), the finding saying that the webhook refuses that object first, so the run fails at once for want of it, '
      + 'and what its reconciler does once it is admitted, and one of a `tekton.dev` version Tekton Pipelines v1.15 does not serve (`v1alpha1`) saying that kubectl cannot create it, SERVED_KINDS); a required workspace left unbound is not a finding when config-defaults\' '
      + '`default-task-run-workspace-binding` is set among the manifests (the TaskRun reconciler binds it), except a pipeline\'s '
      + 'workspace, which that default does not bind (Tekton v1.15 taskrun.go `updateTaskRunWithDefaultWorkspaces`, before '
      + '`ValidateBindings`). Shipwright (`shipwright.io` v1beta1 and v1alpha1, shipwright-io/build v0.20.13, v1alpha1 read as its conversion '
      + 'to v1beta1 writes it): a BuildRun the controller fails before it creates a TaskRun (buildrun.go `Reconcile`, in its order, the first failure '
      + 'reported): a name longer than 63 characters (reason BuildRunNameInvalid), no Build named or embedded, both, or an embedded Build spec with '
      + 'a BuildRun override of `output`, `paramValues`, `env`, `timeout`, `nodeSelector`, `tolerations`, `schedulerName`, `runtimeClassName` or '
      + '`stepResources` (the last five v1beta1 only: v1alpha1 has no such fields, which the API server prunes, as it prunes a v1alpha1 Build\'s '
      + '`strategy.stepResources`), or its own `trigger` (validate.go `BuildRunFields`); a Build spec (the Build it names, checked with it, or the one it '
      + 'embeds) that the strategy it names, checked with it, refuses, as the build controller registers a Build (validate/strategies.go: paramValues '
      + 'it does not declare or that Shipwright reserves, of the wrong type or with more than one source or an incomplete configMapValue or '
      + 'secretValue; volumes it does not have or does not mark `overridable: true`; `strategy.stepResources` of steps it does not have; each check '
      + 'overwrites the reason of an earlier one; reason BuildRegistrationFailed); then the BuildRun\'s paramValues over its Build\'s against the '
      + 'strategy (validate/params.go `BuildRunParameters`, a param without a default and without a value included), its `volumes` and its '
      + '`stepResources`. A param given twice in one list is read as the controller reads it: where the Build\'s or the BuildRun\'s list is '
      + 'empty, the other is validated as written and the first entry of a name is its value (params.go `OverrideParams`, `FindParamValueByName`; '
      + 'each name is listed in the message as often as it is given), otherwise the last of a name wins (a v1alpha1 `values: []` is none, as its conversion writes it). A BuildRun that names its Build and may be in several namespaces that hold a Build of that name (it, or they, written without a namespace: kubectl\'s context chooses) is a finding only where each of them fails it, and is otherwise read as run with the last that runs. A Build its strategy refuses is a finding too: the controller does not register it (its status says why) and fails every '
      + 'BuildRun of it. So is a BuildRun whose embedded v1beta1 Build spec has a `source` whose `type` lacks its field or has another type\'s '
      + 'beside it (validate/sources.go): the controller retries it without end, with no condition, and never creates a TaskRun (a Build\'s such '
      + 'source is not refused: the build controller goes on). Such a BuildRun runs nothing, so the other rules do not read it as run (its steps, its volumes).',
    limits:
      'The shape of a value a step gives a StepAction\'s param is judged only against its default: not where the StepAction declares no default (the '
      + 'reconciler then leaves the reference as written), nor an object given for a string or an array (it then uses the default), nor a value that is '
      + 'a variable alone whose shape is not known here (of a pipeline task\'s embedded spec but the context\'s, which the pipeline may replace with an array first; a step '
      + 'result\'s; a param a Task does not declare, which its runs may give; an object\'s key); nor '
      + 'are the params a step gives a StepAction fetched by a resolver. '
      + 'A Pipeline or Task fetched by a resolver '
      + 'or a bundle, or not among the files checked, is not known, so its runs and pipeline tasks are not judged, nor are '
      + 'references to the results of a pipeline task that runs one (or a custom task, or a pipeline in a pipeline); a reference '
      + 'that may name several objects (no namespace) is judged only where all of them agree, and one with a key Tekton\'s '
      + 'references do not have (konflux\'s `version`, which its build turns into a bundle reference; the webhook refuses it as '
      + 'written, TEKTON_FIELD_NAMES) is not followed. A param a run or pipeline task gives that the Pipeline or Task does not '
      + 'declare is not a finding: Tekton ignores it (`ValidateRequiredParametersProvided`: extra params are allowed), and an '
      + 'embedded spec may read it (propagated params). A result reference written with brackets (`results[\'x\']`) is not '
      + 'a finding: the reconciler\'s `ValidatePipelineTaskResults` does not read it (v1 resultref.go `VariableSubstitutionRegex` has no '
      + 'quotes), and in a pipeline\'s `results` the webhook refuses it. The type of a result a reference indexes (`[*]`, `[0]`) or reads '
      + 'a key of is not judged (`ValidatePipelineTaskResults` compares names only; the value is read against its type when the result is resolved, after its task ran: resultrefresolution.go). '
      + 'A pipeline task\'s value that joins a run\'s value to other text (`env-$(params.env)`) is not judged against its Task\'s enum, '
      + 'nor, against the enums, a value Triggers may still substitute; a reference `ValidateParamEnumSubset` cannot read (more than two dotted '
      + 'components: the run fails with "unexpected error in ExtractVariablesFromString") is not a finding. An index into a param whose '
      + 'value may still be substituted (a `$(...)` in it) is not judged, nor one a pipeline task\'s TaskRun makes with a value a '
      + 'pipeline array param gives any other way than an item `$(params.<name>[*])` of an array value (a string `$(params.<name>)`, '
      + 'which the webhook or the Task\'s param type refuses first), or with a matrix value, nor in a pipeline in a pipeline. Other '
      + 'checks the reconcilers make before a run starts are other rules\' (a step\'s request above its limit: COMPUTE_RESOURCES; more than '
      + 'one claim in a TaskRun: AFFINITY_ASSISTANT_CLAIMS) or not decidable from the YAML alone (the signatures trusted resources verify, '
      + '(a `when` expression\'s `cel` evaluated with the run\'s values, remote resolution, claims and the affinity assistant the cluster '
      + 'creates); a TaskRun\'s `stepSpecs` or `sidecarSpecs` naming a step or sidecar its Task does not have (taskrun '
      + '`validateOverrides`, reason TaskRunValidationFailed) is not judged. The Pipeline YAML does not record '
      + 'which workspaces carry credentials (Tekton\'s workspace declaration has no field for it, and the library writes no '
      + 'marker): a credentials workspace bound to a new volume is seen only when another run checked '
      + 'with the Pipeline binds it to a credentials source (the library\'s run does), or when every task that receives it '
      + 'mounts it read-only, never from a name or from what a step does with it (an empty `ssh-directory` still clones a public '
      + 'repository). A Task that '
      + 'Pipelines-as-Code fetches for a run or Pipeline (its `pipelinesascode.tekton.dev/task` annotation) is embedded as the '
      + 'pipeline task\'s `taskSpec`, so a binding it does not declare is not judged there (nor read-only mounts of the Tasks it '
      + 'fetches), and a pipeline it fetches is not known. '
      + 'The runs a TriggerTemplate creates are judged as written; those a PipelineLoop or a pipeline in a pipeline creates '
      + 'are not judged. '
      + 'A `default-task-run-workspace-binding` set on the cluster only is not known: the required workspaces it binds are '
      + 'findings until the cluster\'s config-defaults (or the TektonConfig that writes it) is audited with the files, '
      + 'e.g. `kubectl get configmap config-defaults -n tekton-pipelines -o yaml | cdk8s-secure-tekton audit - <files>` (it '
      + 'is then judged too); the rule is not relaxable because such a run fails on every cluster without that default. Shipwright: a Build, '
      + 'BuildStrategy or ClusterBuildStrategy that is not checked with the BuildRun is not known, so a Build or strategy missing from the cluster is '
      + 'not a finding, nor are the checks that read the cluster (the Secrets a Build names, its source URL, the ServiceAccount, nodes for its '
      + '`platforms`, volumes\' objects), the env variables that clash with a step\'s own, and a BuildRun cancelled at once; where the build '
      + 'controller finds several failures its status may give another (a named Build\'s first failing check, an embedded one\'s last), and a BuildRun\'s message lists the params in the order the controller\'s '
      + 'map gives them, which may differ from the one given here. A BuildRun the controller fails is still judged as written by the rules that '
      + 'read its own fields (RUN_TIMEOUT, RUN_SERVICE_ACCOUNT, RUN_POD_OVERRIDES, NO_SECRET_MATERIAL).',
    howToRelax:
      'Cannot be relaxed: no prop, `Relaxations.of(...)` or annotation waives it. Bind the workspace, or rename or remove the binding.',
    relaxable: false,
    appliesTo: (m) => kindIs('PipelineRun', 'TaskRun', 'Pipeline')(m) || isTektonTask(m) || isShipwrightBuild(m),
  },
  (manifest, context) => {
    if (isShipwrightBuild(manifest)) return shipwrightProblems(manifest, context);
    // what TEKTON_ADMITTED reports: the spec's refusals, a v1beta1 object's PipelineResources and the fields behind the flags the
    // manifests checked with it set
    const refused = webhookRefusals(manifest, context?.manifests).length > 0;
    if (manifest.kind === 'Task') return admittedOrNot(stepActionParamProblems(manifest.spec, 'spec', manifest, context, 'task'), refused, manifest);
    if (manifest.kind === 'TaskRun' && isObject(manifest.spec?.taskSpec)) {
      const steps = stepActionParamProblems(manifest.spec.taskSpec, 'spec.taskSpec', manifest, context, 'run');
      const own = referenceRefused(admittedOrNot(taskRunProblems(manifest, context), refused, manifest), manifest, context);
      return [...own, ...admittedOrNot(steps, refused, manifest)];
    }
    if (manifest.kind === 'TaskRun') return referenceRefused(admittedOrNot(taskRunProblems(manifest, context), refused, manifest), manifest, context);
    if (manifest.kind === 'Pipeline') return admittedOrNot(pipelineTaskProblems(manifest.spec, writtenForm(manifest).spec, manifest, context), refused, manifest);
    const embedded = manifest.spec?.pipelineSpec;
    const own = isObject(embedded) ? pipelineTaskProblems(embedded, writtenForm(manifest).spec?.pipelineSpec, manifest, context) : [];
    return referenceRefused(admittedOrNot([...pipelineRunProblems(manifest, context), ...own], refused, manifest), manifest, context);
  },
);

/** What Tekton does first with a pipeline or a run, "Tekton admits ...", and what to say instead where its webhook refuses it (TEKTON_ADMITTED). */
const ADMITTED: ReadonlyArray<[string, string]> = [
  ['Tekton admits the Task, then fails', 'Tekton\'s webhook refuses the Task as written (TEKTON_ADMITTED); once it admits it, Tekton fails'],
  ['Tekton admits the pipeline, then fails', 'Tekton\'s webhook refuses the pipeline as written (TEKTON_ADMITTED); once it admits it, Tekton fails'],
  ['Tekton admits the run, then its reconciler fails it', 'Tekton\'s webhook refuses the run as written (TEKTON_ADMITTED); once it admits it, its reconciler fails it'],
  ['Tekton admits and runs the run', 'Tekton\'s webhook refuses the run as written (TEKTON_ADMITTED); once it admits it, Tekton runs it'],
];

/**
 * The problems of a pipeline or run, worded for one Tekton's webhook refuses where `refused`, and for one of
 * a version Tekton does not serve (`tekton.dev/v1alpha1`: SERVED_KINDS), which never reaches Tekton at all.
 */
function admittedOrNot(problems: Problem[], refused: boolean, manifest?: any): Problem[] {
  const unserved = manifest === undefined ? undefined : unservedVersion(manifest);
  if (unserved !== undefined) {
    return problems.map((p) => ({
      ...p,
      problem: ADMITTED.reduce((text, [admits]) => text.replace(admits, `${unserved(admits.includes('pipeline') ? 'pipeline' : 'run')}${admits}`), p.problem),
    }));
  }
  if (!refused) return problems;
  return problems.map((p) => ({ ...p, problem: ADMITTED.reduce((text, [admits, refuses]) => text.replace(admits, refuses), p.problem) }));
}

/**
 * The problems of a run, worded for one whose `pipelineRef` or `taskRef` names a Pipeline or Task (among the manifests, each it may
 * name) that Tekton's webhook refuses (TEKTON_ADMITTED): that object is never created, so the run fails at once for want of it, and
 * the problem is what happens once the webhook admits it.
 */
function referenceRefused(problems: Problem[], run: any, context: IRuleContext | undefined): Problem[] {
  if (problems.length === 0 || context === undefined) return problems;
  const kind = run.kind === 'TaskRun' ? 'Task' : 'Pipeline';
  const spec = run.spec;
  if (isObject(kind === 'Task' ? spec?.taskSpec : spec?.pipelineSpec)) return problems;
  const objects = locallyReferenced(context.manifests, kind === 'Task' ? spec?.taskRef : spec?.pipelineRef, kind, run).filter((x) => isObject(x.spec));
  if (objects.length === 0 || !objects.every((x) => webhookRefusals(x, context.manifests).length > 0)) return problems;
  const refuses = `Tekton's webhook refuses ${kind} '${jsString(objects[0].metadata?.name)}' as written (TEKTON_ADMITTED), so it is never created and the run `
    + `fails at once, finding no ${kind} of that name; once it admits the ${kind},`;
  const wording: ReadonlyArray<[string, string]> = [
    ['Tekton admits the run, then its reconciler fails it', `${refuses} its reconciler fails the run`],
    ['Tekton admits and runs the run', `${refuses} Tekton runs the run`],
    ['Tekton admits the run, then fails it', `${refuses} Tekton fails the run`],
  ];
  return problems.map((p) => ({ ...p, problem: wording.reduce((text, [admits, instead]) => text.replace(admits, instead), p.problem) }));
}

/** For a Tekton object of a version Tekton Pipelines does not serve, what to say before "Tekton admits ..." of the `noun`; undefined for a served one. */
function unservedVersion(manifest: any): ((noun: string) => string) | undefined {
  const apiVersion = manifest?.apiVersion;
  if (typeof apiVersion !== 'string' || !apiVersion.startsWith('tekton.dev/')) return undefined;
  const version = apiVersion.slice('tekton.dev/'.length);
  const served = servedVersions('tekton.dev', manifest.kind);
  if (served === undefined || served.length === 0 || served.some((v) => v.version === version)) return undefined;
  return (noun) => `Tekton Pipelines v1.15 serves no ${manifest.kind} at ${apiVersion}, so kubectl cannot create the ${noun} (SERVED_KINDS); written at a version it serves, `;
}

/** What Tekton does with a run its reconciler refuses: `reason` and the reconciler's `message`, quoted. */
function reconcilerFails(reason: string, message: string): string {
  return `Tekton admits the run, then its reconciler fails it (reason ${reason}: ${message})`;
}

/** Whether the object is a Task Tekton reads (`tekton.dev/v1` or `v1beta1`). */
const isTektonTask = (m: any) => m?.kind === 'Task' && (m.apiVersion === 'tekton.dev/v1' || m.apiVersion === 'tekton.dev/v1beta1');

/** Where a finding on step `i` of a Task spec of `from` is (the Task's or the run's own spec): the step as its container view designates it. */
function stepPlace(from: any, spec: any, i: number): { location: string; target: string } {
  const view = viewsBySpec(from).get(spec)?.find((v) => v.role === 'step' && v.path.endsWith(`.steps[${i}]`));
  // (containersOf reads every Task spec this rule reads for a Task or a run; an index for a step it would not know)
  const designation = view?.designation ?? `unnamed-${i}`;
  return { location: `step '${designation}'`, target: `step/${designation}` };
}

/**
 * The steps of a Task spec (`root`: its path) that run a StepAction (`ref` by name, no resolver) among the manifests, whose params do not match
 * the StepAction's, as the TaskRun reconciler resolves them before it makes the pod (`validateStepHasStepActionParameters`, of every StepAction the
 * reference may name, alike): params the StepAction does not declare, else params it declares without a default that the step does not give. The
 * reconciler fails the run (reason TaskRunResolutionFailed); `owner` says whose run: a Task's (each run of it) or the run's own.
 */
function stepActionParamProblems(
  spec: any, root: string, from: any, context: IRuleContext | undefined, owner: 'task' | 'run' | 'pipeline', where?: { location: string; target: string },
): Problem[] {
  if (!isObject(spec) || context === undefined) return [];
  const problems: Problem[] = [];
  asArray(spec.steps).forEach((st: any, i: number) => {
    if (!isObject(st) || !isObject(st.ref)) return;
    const actions = locallyReferenced(context.manifests, st.ref, 'StepAction', from)
      .filter((a) => (a.apiVersion === 'tekton.dev/v1beta1' || a.apiVersion === 'tekton.dev/v1alpha1') && isObject(a.spec));
    if (actions.length === 0) return;
    const given = asArray(st.params).filter((x: any) => isObject(x) && typeof x.name === 'string').map((x: any) => x.name as string);
    const withoutDefault = (a: any): any[] => asArray(a.spec.params)
      .filter((x: any) => isObject(x) && typeof x.name === 'string' && (x.default === undefined || x.default === null) && !given.includes(x.name));
    const failure = (a: any): { extra: string[]; missing: string[] } => {
      const names = new Set(asArray(a.spec.params).filter((x: any) => isObject(x) && typeof x.name === 'string').map((x: any) => x.name as string));
      const extra = given.filter((n) => !names.has(n));
      const missing = extra.length > 0 ? [] : withoutDefault(a).map((x: any) => x.name as string);
      return { extra, missing };
    };
    const first = failure(actions[0]);
    const same = (f: { extra: string[]; missing: string[] }) => f.extra.join('\n') === first.extra.join('\n') && f.missing.join('\n') === first.missing.join('\n');
    if (!actions.every((a) => same(failure(a)))) return;
    const step = typeof st.name === 'string' ? st.name : '';
    const place = where ?? stepPlace(from, spec, i);
    if (first.extra.length === 0 && first.missing.length === 0) {
      const unresolved = unresolvedDefaults(st, actions[0]);
      if (unresolved !== undefined) {
        if (!actions.every((a) => unresolvedDefaults(st, a)?.join('\n') === unresolved.join('\n'))) return;
        problems.push(defaultsProblem(unresolved, st, step, i, root, actions[0], owner, place));
        return;
      }
      const mismatch = stepActionTypeMismatch(st, actions[0], spec, owner, from);
      if (mismatch === undefined || !actions.every((a) => stepActionTypeMismatch(st, a, spec, owner, from)?.reported === mismatch.reported)) return;
      problems.push(typeProblem(mismatch, st, step, i, root, actions[0], owner, place));
      return;
    }
    const action = `StepAction '${jsString(actions[0].metadata?.name)}'`;
    const extra = first.extra.length > 0;
    const names = extra ? first.extra : first.missing;
    const listed = names.map((n) => `"${jsString(n)}"`).join(', ');
    const message = `failed to resolve step ref for step ${JSON.stringify(step)} (index ${i}): `
      + (extra ? `extra params passed by Step to StepAction: [${names.join(' ')}]` : `non-existent params in Step: [${names.join(' ')}]`);
    const fails = owner === 'task'
      ? `Tekton admits the Task, then fails every run of it when it resolves the step's StepAction (reason TaskRunResolutionFailed: ${message})`
      : owner === 'pipeline'
        ? `Tekton admits the pipeline, then fails every run of it when it runs the task (its TaskRun fails with reason TaskRunResolutionFailed: ${message})`
        : reconcilerFails('TaskRunResolutionFailed', message);
    // (each param to give, with a value of its declared type; where the step gives params the StepAction does not declare, those it
    // lacks too, which the reconciler reports once the others are gone)
    const lacking = withoutDefault(actions[0]);
    const give = (ps: any[]) => `params: [${ps.map((x: any) => `{ name: ${jsString(x.name)}, value: ${shape(x)} }`).join(', ')}]`;
    const lacks = lacking.map((x: any) => `"${jsString(x.name)}"`).join(', ');
    const also = extra && lacking.length > 0
      ? ` The step gives no ${lacks} either, which ${action} declares without a default: give ${lacking.length > 1 ? 'them' : 'it'} too (${give(lacking)}).`
      : '';
    problems.push({
      ...place,
      property: `${root}.steps[${i}].params`,
      value: names.join(', '),
      problem: extra
        ? `passes ${names.length > 1 ? 'params' : 'a param'} ${listed} that ${action} does not declare: ${fails}`
        : `${names.length > 1 ? 'are' : 'is'} not given, and ${action} declares ${names.length > 1 ? 'them' : 'the param'} without a default: ${fails}`,
      fix: extra
        ? `Remove ${listed} from the step's params, or declare ${names.length > 1 ? 'them' : 'it'} in the params of ${action} (${names.map((n) => `- name: ${jsString(n)}`).join(', ')}).${also}`
        : `Give ${names.length > 1 ? 'them' : 'it'} in the step's params (${give(lacking)}), or give ${names.length > 1 ? 'them' : 'it'} a default in the params of ${action}.`,
    });
  });
  return problems;
}

/** A param a step passes a StepAction a value of another shape than the StepAction's default (`param`, `given`, `declared`), and the name Tekton reports. */
interface TypeMismatch {
  readonly param: string;
  readonly given: 'string' | 'array';
  readonly declared: 'string' | 'array';
  readonly declaredType?: string;
  /** The name in the reconciler's message: the param's (a word), else its replacement key (`inputs.params.<name>`). */
  readonly reported: string;
}

/** A variable Tekton's ParamValue reads as the whole value (v1 resultref.go `exactVariableSubstitutionFormat`), which may change its type. */
const EXACT_VARIABLE = /^\$\([_a-zA-Z0-9.-]+(\.[_a-zA-Z0-9.-]+)*(\[([0-9]+|\*)\])?\)$/;

/** The params a default refers to as the reconciler reads their names (see defaultReferences). */
const referredParams = (text: string): string[] => defaultReferences(text).map((r) => r.name);

/**
 * Where the TaskRun reconciler cannot resolve the defaults of a StepAction's params that refer to params (`applyStepActionParameters`: those the step
 * does not give, resolved one by one from those it gives and the plain defaults, until none resolves): its error for each param left, whose first
 * reference not resolved (`flags[*]` of `$(params.flags[*])`, as it names it) is to no param the StepAction declares (`parameter "<param>" references
 * non-existent parameter "<ref>"`), else the circle's (`circular dependency detected in parameter references`), in byte order without repeats: it
 * fails on the first param of a Go map's iteration, so where these differ any of them is its error. Undefined where every default resolves.
 */
function unresolvedDefaults(st: any, action: any): string[] | undefined {
  const { specs, pending, resolved } = defaultsLeft(st, action);
  if (pending.length === 0) return undefined;
  const names = new Set(specs.map((x: any) => x.name as string));
  const errors = pending.map((x: any) => {
    const ref = referredParams(x.default).find((n) => !resolved.has(n))!;
    return names.has(ref) ? 'circular dependency detected in parameter references' : `parameter ${JSON.stringify(x.name)} references non-existent parameter ${JSON.stringify(ref)}`;
  });
  return [...new Set(errors)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The finding of a step whose StepAction's defaults the reconciler cannot resolve (see unresolvedDefaults). */
function defaultsProblem(errors: string[], st: any, step: string, i: number, root: string, sa: any, owner: 'task' | 'run' | 'pipeline',
  where: { location: string; target: string }): Problem {
  const action = `StepAction '${jsString(sa.metadata?.name)}'`;
  const messages = errors.map((e) => `failed to resolve step ref for step ${JSON.stringify(step)} (index ${i}): ${e}`);
  const message = messages.length === 1 ? messages[0] : `${messages.join(', or ')} (which one, Go's map order decides)`;
  const fails = owner === 'task'
    ? `Tekton admits the Task, then fails every run of it when it resolves the step's StepAction (reason TaskRunResolutionFailed: ${message})`
    : owner === 'pipeline'
      ? `Tekton admits the pipeline, then fails every run of it when it runs the task (its TaskRun fails with reason TaskRunResolutionFailed: ${message})`
      : reconcilerFails('TaskRunResolutionFailed', message);
  const circular = errors.some((e) => e.startsWith('circular'));
  const unresolvable = defaultsLeft(st, sa).pending.map((x: any) => x.name as string);
  return {
    ...where,
    property: `${root}.steps[${i}].params`,
    value: unresolvable.join(', '),
    problem: `does not give ${unresolvable.map((n) => `"${jsString(n)}"`).join(', ')}, whose default${unresolvable.length > 1 ? 's' : ''} in ${action} `
      + `refer${unresolvable.length > 1 ? '' : 's'} to ${circular ? 'params that cannot be resolved (in a circle, or through one whose default cannot be)' : 'a param the StepAction does not declare'}: ${fails}`,
    fix: `Give ${unresolvable.length > 1 ? 'them' : 'it'} in the step's params (params: [${unresolvable.map((n) => `{ name: ${jsString(n)}, value: <value> }`).join(', ')}]), `
      + `or make the defaults in ${action} refer only to params it declares with a default (as $(params.<name>), no element, key or [*]) without a circle.`,
  };
}

/**
 * The StepAction's params (those named), those of them whose defaults refer to params and the reconciler cannot resolve for the step, in the order
 * declared, and those it resolves (given by the step, plain defaults, defaults that refer to those only).
 */
function defaultsLeft(st: any, action: any): { specs: any[]; pending: any[]; resolved: Set<string> } {
  const specs = asArray(action.spec.params).filter((x: any) => isObject(x) && typeof x.name === 'string');
  const given = new Set(asArray(st.params).filter((x: any) => isObject(x) && typeof x.name === 'string').map((x: any) => x.name as string));
  const refers = (x: any) => typeof x.default === 'string' && x.default.includes('$(params.');
  const plain = (x: any) => x.default !== undefined && x.default !== null && !refers(x);
  const resolved = new Set<string>(specs.filter((x: any) => given.has(x.name) || plain(x)).map((x: any) => x.name));
  const pending = pendingDefaults(specs.filter((x: any) => !resolved.has(x.name) && refers(x)), (x: any) => referredParams(x.default), resolved);
  return { specs, pending, resolved };
}

/**
 * The shape of a value a step gives a StepAction's param once the TaskRun reconciler has put the task's params into it (`applyStepActionParameters`
 * step 1, ParamValue `applyOrCorrect`): an array or an object as written; a string unless it is a param's variable alone (`$(params.list[*])`), which
 * takes the shape of the task's param it names (the run's value, else the task's declaration, for `run`; the declaration for `task`); undefined where
 * that is not known (a pipeline task's variable alone but the context's, which the pipeline may replace first, a step result, a param a Task does not declare, an
 * object's key).
 */
function givenShape(v: unknown, spec: any, owner: 'task' | 'run' | 'pipeline', from: any): 'string' | 'array' | 'object' | undefined {
  const written = paramValueType(v);
  if (written !== 'string' || typeof v !== 'string' || !v.includes('$(')) return written;
  // a step result's reference, which the reconciler reads as one (resultref.ParseStepExpression) and may fail on
  if (v.includes('$(steps.')) return undefined;
  if (!EXACT_VARIABLE.test(v)) return 'string';
  // (a pipeline task's variable alone: the pipeline may replace it with an array first, unless it is the context's, always a string)
  if (owner === 'pipeline') return v.startsWith('$(context.') ? 'string' : undefined;
  // another variable than a param's (the context's, a workspace's) is no param's replacement: it stays a string; so does an array's element
  if (!v.startsWith('$(params.') || /^\$\(params\.[_a-zA-Z0-9-]+\[[0-9]+\]\)$/.test(v)) return 'string';
  const param = /^\$\(params\.([_a-zA-Z0-9-]+)(\[\*\])?\)$/.exec(v)?.[1];
  if (param === undefined) return undefined;
  if (owner === 'run') {
    const run = asArray(from?.spec?.params).filter((x: any) => isObject(x) && x.name === param);
    if (run.length > 0) return paramValueType((run[run.length - 1] as any).value);
  }
  const declarations = asArray(spec?.params).filter((x: any) => isObject(x) && x.name === param);
  if (declarations.length === 1) return knownParamType(declarations[0]);
  // (a param neither the run gives nor the task declares is left as written, a string; a Task's runs may give it)
  return owner === 'run' && declarations.length === 0 ? 'string' : undefined;
}

/**
 * The param a step (whose other params match the StepAction's) passes a value of another shape than the StepAction's default, as the TaskRun
 * reconciler finds it once it has put the step's values and the defaults into its replacements (pkg/reconciler/taskrun/resources
 * `applyStepActionParameters`, `replacementsFromDefaultParams`, `checkForDuplicateKeys`): a string where the default is an array, an array where it
 * is a string, each then a string and an array replacement of one key. A default that refers to params is a string replacement only where one
 * of the params it refers to has a default that refers to none (the reconciler's second pass over the defaults). The keys are sorted, so the first
 * is `inputs.params.<name>` of the least such name. Undefined where there is none, and where it is not decided here: a step's value whose shape
 * is not known (see givenShape), a value not given, or defaults the reconciler cannot resolve (a reference to a param it does not declare or a
 * circle, which it fails on first).
 */
function stepActionTypeMismatch(st: any, action: any, spec: any, owner: 'task' | 'run' | 'pipeline', from: any): TypeMismatch | undefined {
  const specs = asArray(action.spec.params).filter((x: any) => isObject(x) && typeof x.name === 'string');
  const given = new Map<string, unknown>();
  for (const x of asArray(st.params)) if (isObject(x) && typeof (x as any).name === 'string') given.set((x as any).name, (x as any).value);
  const refers = (x: any) => typeof x.default === 'string' && x.default.includes('$(params.');
  // (defaults the reconciler cannot resolve: it fails on those first, see unresolvedDefaults)
  if (defaultsLeft(st, action).pending.length > 0) return undefined;
  // the names the defaults give a string replacement to: the plain ones a string's, an array's elements (`list[0]`), an object's keys
  // (`git.url`); then, in their order, each that refers to a name given one before it (the reconciler's second pass writes into the same map)
  const keys = new Set<string>();
  for (const x of specs) {
    if (x.default === undefined || x.default === null || refers(x)) continue;
    const d = paramValueType(x.default);
    if (d === 'string') keys.add(x.name);
    if (d === 'array') (x.default as unknown[]).forEach((_, k) => keys.add(`${x.name}[${k}]`));
    if (d === 'object') for (const key of Object.keys(x.default)) keys.add(`${x.name}.${key}`);
  }
  for (const x of specs) if (refers(x) && referredParams(x.default).some((n) => keys.has(n))) keys.add(x.name);
  const mismatched: TypeMismatch[] = [];
  for (const x of specs) {
    if (!given.has(x.name)) continue;
    if (given.get(x.name) === undefined || given.get(x.name) === null) return undefined;
    const g = givenShape(given.get(x.name), spec, owner, from);
    if (g === undefined) return undefined;
    const d = refers(x) ? (keys.has(x.name) ? 'string' : undefined) : paramValueType(x.default);
    if ((g === 'string' && d === 'array') || (g === 'array' && d === 'string')) {
      mismatched.push({
        param: x.name,
        given: g,
        declared: d,
        ...(typeof x.type === 'string' ? { declaredType: x.type } : {}),
        reported: /^[0-9A-Za-z_]+$/.test(x.name) ? x.name : `inputs.params.${x.name}`,
      });
    }
  }
  return mismatched.sort((a, b) => (a.param < b.param ? -1 : a.param > b.param ? 1 : 0))[0];
}

/** The finding of a step's param of another shape than its StepAction's default. */
function typeProblem(m: TypeMismatch, st: any, step: string, i: number, root: string, sa: any, owner: 'task' | 'run' | 'pipeline',
  where: { location: string; target: string }): Problem {
  const action = `StepAction '${jsString(sa.metadata?.name)}'`;
  const message = `failed to resolve step ref for step ${JSON.stringify(step)} (index ${i}): invalid parameter substitution: ${m.reported}. `
    + 'Please check the types of the default value and the passed value';
  const fails = owner === 'task'
    ? `Tekton admits the Task, then fails every run of it when it resolves the step's StepAction (reason TaskRunResolutionFailed: ${message})`
    : owner === 'pipeline'
      ? `Tekton admits the pipeline, then fails every run of it when it runs the task (its TaskRun fails with reason TaskRunResolutionFailed: ${message})`
      : reconcilerFails('TaskRunResolutionFailed', message);
  const j = asArray(st.params).map((x: any) => (isObject(x) ? (x as any).name : undefined)).lastIndexOf(m.param);
  const fix = m.declared === 'array'
    ? `Pass ${m.param} as an array (value: [${JSON.stringify(String(asArray(st.params)[j]?.value))}]), as its default is`
    : `Pass ${m.param} as a string (value: ${JSON.stringify(asArray(asArray(st.params)[j]?.value).map(String).join(' '))}), as its default is`;
  return {
    ...where,
    property: `${root}.steps[${i}].params[${j}].value`,
    value: m.param,
    problem: `passes ${article(m.given)} to the param "${jsString(m.param)}" of ${action}, whose default is ${article(m.declared)}`
      + `${m.declaredType !== undefined ? ` (type: ${jsString(m.declaredType)})` : ''}: ${fails}`,
    fix: `${fix}, or make the default of ${m.param} in ${action} ${article(m.given)}.`,
  };
}

/** The problems of the first reading (of a run against each object it may name) that every reading finds (by value). */
function inEveryReading(readings: readonly Problem[][]): Problem[] {
  return readings[0].filter((b) => readings.every((o) => o.some((x) => x.value === b.value)));
}

/** The fix of a Shipwright failure, by its reason. */
function shipwrightFix(failure: BuildRunFailure, alpha: boolean): string {
  const embedded = alpha ? 'spec.buildSpec' : 'spec.build.spec';
  switch (failure.reason) {
    case 'BuildRunNameInvalid':
      return 'Give the BuildRun a name of at most 63 characters (metadata.name; generateName: leaves room for the suffix).';
    case 'BuildRunNoRefOrSpec':
      return `Name the Build to run (${alpha ? 'spec.buildRef.name' : 'spec.build.name'}: <build>) or embed its spec (${embedded}).`;
    case 'BuildRunAmbiguousBuild':
      return `Keep one of ${alpha ? 'spec.buildRef' : 'spec.build.name'} and ${embedded}.`;
    case 'BuildRunBuildFieldOverrideForbidden':
      return failure.field.endsWith('.trigger')
        ? `Remove trigger from ${embedded} (a Build object's trigger starts its BuildRuns).`
        : `Write ${failure.field.replace(/^spec\./, '')} in the embedded Build spec (${embedded}) instead, or remove it from the BuildRun.`;
    default:
      // a check against the strategy: by the field it refuses (a Build's reason is the check's, a BuildRun's of its Build BuildRegistrationFailed)
      if (failure.field.endsWith('volumes')) return 'Give volumes only for the strategy\'s volumes it marks overridable: true.';
      if (failure.field.endsWith('stepResources')) return 'Name only the strategy\'s steps in stepResources.';
      return 'Give paramValues only for the params the strategy declares (not shp-*, BUILDER_IMAGE, DOCKERFILE or CONTEXT_DIR), each with one of '
        + 'value, configMapValue or secretValue (with name and key) for a string param and values for an array param, and a value to every param '
        + 'the strategy declares without a default.';
  }
}

/**
 * A Shipwright Build that its controller does not register, or a BuildRun it fails before it creates a TaskRun (shipwright-builds.ts
 * `buildRunFailure`), as far as the objects checked together tell.
 */
function shipwrightProblems(manifest: any, context: IRuleContext | undefined): Problem[] {
  const failure = buildRunFailure(manifest, context?.manifests);
  if (failure === undefined) return [];
  const alpha = manifest.apiVersion === 'shipwright.io/v1alpha1';
  const fix = shipwrightFix(failure, alpha);
  if (manifest.kind === 'Build') {
    return [{
      property: failure.field,
      problem: `is refused by the strategy: Shipwright admits the Build, then its controller does not register it (reason ${failure.reason}: `
        + `${failure.message}) and fails every BuildRun of it before it creates a TaskRun (reason BuildRegistrationFailed)`,
      fix,
    }];
  }
  if (failure.pending === true) {
    return [{
      property: failure.field,
      problem: 'is refused: Shipwright admits the BuildRun, then its controller stops at validating the embedded Build spec at every retry '
        + `(${failure.message}) and never creates a TaskRun`,
      fix: 'Give the source the field of its type: type: Git with git, type: OCI with ociArtifact, type: Local with local, and no other.',
    }];
  }
  const fails = `Shipwright admits the BuildRun, then its controller fails it before it creates a TaskRun (reason ${failure.reason}: ${failure.message})`;
  if (failure.field.startsWith('the Build ')) {
    const ref = alpha ? 'spec.buildRef.name' : 'spec.build.name';
    return [{
      property: ref,
      value: String(alpha ? manifest.spec.buildRef?.name : manifest.spec.build?.name),
      problem: `names a Build that Shipwright does not register (its strategy refuses ${failure.field.replace(/^the Build '[^']*' /, '')}): ${fails}`,
      fix: `In the Build '${jsString(String(alpha ? manifest.spec.buildRef?.name : manifest.spec.build?.name))}': ${fix}`,
    }];
  }
  const value = failure.field === 'metadata.name' ? String(manifest.metadata?.name) : undefined;
  return [{ property: failure.field, ...(value !== undefined ? { value } : {}), problem: `is refused: ${fails}`, fix }];
}
