/**
 * What Tekton Pipelines v1.15's admission webhook refuses in a pipeline spec, read from the YAML as Tekton
 * decodes it (v1 pipeline_validation.go, pipeline_types.go `Deps`, when_validation.go, reconciler/pipeline/dag
 * `Build`): the checks that read the spec alone, each with the webhook's error text as `kubectl apply` prints it.
 * One pass over the pipeline tasks (and one over their dependencies for the graph); memoized per spec object.
 */
import { asArray, isObject } from './containers';
import { goQuote } from './go-strings';
import { isDns1123Label, looksLikeResultRef, PrefixedVariable, prefixedVariables, tektonExpressions } from './names';
import { declaredParamType, paramValueType } from './param-types';
import { cleanPath } from './paths';
import { admittedForm, writtenForm } from './stored-form';
import { jsString } from './text';

/**
 * Whether the object is one these checks read: a `tekton.dev/v1` or `tekton.dev/v1beta1` one (a `kind: Pipeline` of another API group
 * is no Tekton object).
 */
export function admissionChecked(manifest: any): boolean {
  return manifest?.apiVersion === 'tekton.dev/v1' || manifest?.apiVersion === 'tekton.dev/v1beta1';
}

/**
 * Whether Tekton validates the object with its v1beta1 code, which differs from v1's here: two steps of one name are
 * `invalid value: <name>`, an undeclared variable in a script is named (`non-existent variable \`<name>\` in ...`), and a pipeline task's
 * dependencies are read in its params and `when` only, not in its embedded Task's steps.
 */
export function isV1beta1(manifest: any): boolean {
  return manifest?.apiVersion === 'tekton.dev/v1beta1';
}

/** The forms of v1beta1 objects the webhook reads, by the stored form the rules are given (its spec object is kept for the memo). */
const ADMITTED_FORMS = new WeakMap<object, any>();

/**
 * The object the webhook validates, of the stored form the rules are given: a v1 object as it is; a v1beta1 one as written
 * and pruned, before its conversion to v1 drops what v1 does not have (a pipeline task's `pipelineSpec` and `pipelineRef`).
 */
export function admissionForm(manifest: any): any {
  if (!isV1beta1(manifest) || !isObject(manifest)) return manifest;
  let form = ADMITTED_FORMS.get(manifest);
  if (form === undefined) {
    form = admittedForm(writtenForm(manifest));
    ADMITTED_FORMS.set(manifest, form);
  }
  return form;
}

/** One refusal: where it is, what the webhook says, and the fix in the YAML's terms. */
export interface PipelineRefusal {
  /** `pipeline task 'a'`, `workspace 'w'`, `result 'r'` (absent for the whole spec). */
  readonly location?: string;
  /** The relaxation target of the location (`task/a`). */
  readonly target?: string;
  /** The field as written, from the object's root: `spec.tasks[0].workspaces[0].workspace`. */
  readonly property: string;
  /** The value written there. */
  readonly value?: string;
  /** What is wrong, in the YAML's terms (without the webhook's text). */
  readonly what: string;
  /** Tekton's error as its webhook answers (`FieldError.Error()`: the message, `: ` and the path). */
  readonly tekton: string;
  readonly fix: string;
}

/**
 * A field path as knative's FieldError writes it (`flatten`): the parts between dots, empty ones dropped, an index part
 * (`[…]`) joined to the one before it.
 */
export function goFieldPath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('.')) {
    if (part === '') continue;
    if (parts.length > 0 && part.startsWith('[') && part.endsWith(']')) parts[parts.length - 1] += part;
    else parts.push(part);
  }
  return parts.join('.');
}

/** A pipeline task as written: its index, list and name (tasks without a string name are left to the schema). */
interface Pt {
  readonly t: any;
  readonly list: 'tasks' | 'finally';
  readonly index: number;
  readonly name: string;
}

/** The strings in a value (params' values: a string, an array or an object of strings; steps: every field). */
export function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (isObject(value)) for (const v of Object.values(value)) strings(v, out);
  return out;
}

/**
 * Whether an expression is a result reference Tekton's `NewResultRefs` keeps: it looks like one (`tasks|finally.<task>.results.…`) and
 * `resultref.ParseTaskExpression` parses it, with four or five dot-separated parts (`$(tasks.a.results.r.x.y)` is no reference to it).
 */
function parsedResultRef(inner: string): boolean {
  const parts = inner.split('.');
  return looksLikeResultRef(inner) && parts.length <= 5;
}

/** The strings of a container's fields whose variables Tekton reads for result references (`Step.GetVarSubstitutionExpressions`, and a sidecar's). */
function containerStrings(c: unknown): unknown[] {
  if (!isObject(c)) return [];
  const env = asArray(c.env).filter(isObject).map((e: any) => [
    e.value,
    e.valueFrom?.secretKeyRef?.key, e.valueFrom?.secretKeyRef?.name,
    e.valueFrom?.configMapKeyRef?.key, e.valueFrom?.configMapKeyRef?.name,
  ]);
  return [c.name, c.image, c.imagePullPolicy, c.script, c.workingDir, asArray(c.command), asArray(c.args), env];
}

/** A when expression's strings (`WhenExpression.GetVarSubstitutionExpressions`: input, cel and values). */
const whenStrings = (w: unknown): unknown => (isObject(w) ? [w.input, w.cel, w.values] : undefined);

/**
 * The pipeline tasks a pipeline task's result references name (`PipelineTaskResultRefs`: params, matrix params, `when`, and the fields of an
 * embedded Task's steps and sidecars that Tekton reads).
 */
function resultRefTasks(t: any, v1beta1: boolean): Array<{ task: string; text: string; prefix: string }> {
  const texts = strings([
    asArray(t.params).map((p: any) => p?.value),
    asArray(t.matrix?.params).map((p: any) => p?.value),
    asArray(t.matrix?.include).flatMap((i: any) => asArray(i?.params).map((p: any) => p?.value)),
    asArray(t.when).map(whenStrings),
    isObject(t.taskSpec) && !v1beta1 ? [...asArray(t.taskSpec.steps), ...asArray(t.taskSpec.sidecars)].map(containerStrings) : [],
  ]);
  const out: Array<{ task: string; text: string; prefix: string }> = [];
  for (const s of texts) {
    if (!s.includes('$(')) continue;
    for (const e of tektonExpressions(s)) {
      if (parsedResultRef(e.inner)) {
        const parts = e.inner.split('.');
        out.push({ task: parts[1], text: e.text, prefix: parts[0] });
      }
    }
  }
  return out;
}

/**
 * What makes Tekton's `taskContainsResult` false for a pipeline result's value: it splits the value at each `$` and reads every
 * piece as a result reference (`$(` and `)` trimmed), which must parse and name a task (`tasks.`) or finally task (`finally.`) of the pipeline.
 */
function uncontained(value: string, tasks: Set<string>, finals: Set<string>): { piece: string; task?: string; prefix?: string } | undefined {
  for (const [i, piece] of value.split('$').entries()) {
    if (piece === '') continue;
    const written = i === 0 ? piece : `$${piece}`;
    let v = `$${piece}`;
    if (v.startsWith('$(')) v = v.slice(2);
    if (v.endsWith(')')) v = v.slice(0, -1);
    const parts = v.split('.');
    if (!looksLikeResultRef(v) || parts.length > 5) return { piece: written };
    if (parts[0] === 'tasks' && !tasks.has(parts[1])) return { piece: written, task: parts[1], prefix: 'tasks' };
    if (parts[0] === 'finally' && !finals.has(parts[1])) return { piece: written, task: parts[1], prefix: 'finally' };
  }
  return undefined;
}

/** Where a pipeline task writes its dependency on `dep`: `runAfter`, or the field whose result reference names it. */
function depField(t: any, dep: string): string {
  if (asArray(t.runAfter).includes(dep)) return 'runAfter';
  const names = (value: unknown) => strings(value).some((s) => s.includes(`$(tasks.${dep}.results.`) || s.includes(`$(finally.${dep}.results.`));
  if (names(asArray(t.params).map((p: any) => p?.value))) return 'params';
  if (names([t.matrix?.params, t.matrix?.include])) return 'matrix';
  if (names(asArray(t.when).map(whenStrings))) return 'when';
  return 'taskSpec';
}

/** Go's `%q` of a string. */
const q = goQuote;

/**
 * The names a field refers to that are not declared, once each in the order written, for a message: `the param "u"`, `the
 * params "u", "v"` (Tekton's one error for the field quotes its whole value).
 */
function undeclared(names: readonly string[], noun: 'param' | 'result'): { text: string; decl: string; several: boolean } {
  const each = [...new Set(names)];
  const several = each.length > 1;
  return {
    text: `the ${noun}${several ? 's' : ''} ${each.map((n) => `"${jsString(n)}"`).join(', ')}`,
    decl: each.map((n) => `- name: ${jsString(n)}`).join(', '),
    several,
  };
}

/** The cycle dag.Build reports, if any (findCyclesInDependencies: Kahn's algorithm, then the first task left and its deps left, sorted). */
function cycle(deps: Map<string, string[]>): { task: string; deps: string[] } | undefined {
  const left = new Map<string, Set<string>>();
  const children = new Map<string, string[]>();
  const ready: string[] = [];
  for (const [task, ds] of deps) {
    if (ds.length === 0) continue;
    left.set(task, new Set(ds));
    for (const d of ds) {
      if ((deps.get(d) ?? []).length === 0) ready.push(d);
      const c = children.get(d);
      if (c === undefined) children.set(d, [task]); else c.push(task);
    }
  }
  const done = new Set<string>();
  while (ready.length > 0) {
    const parent = ready.pop()!;
    if (done.has(parent)) continue;
    done.add(parent);
    for (const child of children.get(parent) ?? []) {
      const l = left.get(child);
      if (l === undefined) continue;
      l.delete(parent);
      if (l.size === 0) {
        left.delete(child);
        ready.push(child);
      }
    }
  }
  if (left.size === 0) return undefined;
  const task = [...left.keys()].sort()[0];
  return { task, deps: [...left.get(task)!].sort() };
}

/**
 * What Tekton v1.15's webhook refuses in a Task spec (a Task's, a TaskRun's `taskSpec`, a pipeline task's `taskSpec`) on names
 * alone: two steps of one name (`StepList.Validate`), a param declared twice (`ValidateNoDuplicateNames`), a workspace declared
 * twice, and two workspaces (or a workspace and a step's volume mount) at one mount path (`validateDeclaredWorkspaces`); a
 * `$(results.<name>.path)` in a step's script naming no result of the Task, and (`declaredParams`, a Task's own spec, whose
 * params do not propagate) a `$(params.<name>)` in a step naming no param of it.
 * `root` is the path of the spec; `where` the location of a pipeline task's; `propertiesAt` the path under which the webhook names an
 * object param without `properties` (`spec` but for a Pipeline's task: the pipeline task's path).
 */
export function taskSpecRefusals(
  spec: any,
  root: string,
  where: { location?: string; target?: string } = {},
  declaredParams = false,
  v1beta1 = false,
  propertiesAt = 'spec',
  usage: readonly TypeUsageCheck[] = [],
): PipelineRefusal[] {
  if (!isObject(spec)) return [];
  const out: PipelineRefusal[] = [];
  // (a Task's own spec: ValidateUsageOfDeclaredParameters' check of its object params)
  const checks = declaredParams ? [{ objects: paramsOfType(spec.params, 'object'), under: root }, ...usage] : usage;
  out.push(...typeUsageRefusals(spec, root, checks).map((r) => ({ ...where, ...r })));
  const steps = new Set<string>();
  asArray(spec.steps).forEach((st: any, i: number) => {
    if (!isObject(st) || typeof st.name !== 'string' || st.name === '') return;
    if (steps.has(st.name)) {
      out.push({
        ...where,
        property: `${root}.steps[${i}].name`,
        value: st.name,
        what: 'is the name of another step of the Task: each step has its own',
        tekton: v1beta1 ? `invalid value: ${st.name}: ${root}.steps[${i}].name` : `expected exactly one, got both: ${root}.steps[${i}].name`,
        fix: `Give the step another name than ${jsString(st.name)}.`,
      });
    }
    steps.add(st.name);
  });
  asArray(spec.steps).forEach((st: any, i: number) => {
    if (isObject(st)) out.push(...stepRefRefusals(st, `${root}.steps[${i}]`).map((r) => ({ ...where, ...r })));
  });
  const params = declaredOnce(spec.params, root, 'Task', (r) => out.push({ ...where, ...r }));
  // ValidateParameterTypes, and ValidateObjectParamsHaveProperties (ValidateUsageOfDeclaredParameters: a Task's, a run's and a pipeline task's spec)
  out.push(...paramTypeRefusals(spec.params, root, propertiesAt).map((r) => ({ ...where, ...r })));
  // references to results, and (a Task's own spec: `declaredParams`) params, the Task does not declare
  // (validateTaskResultsVariables: in scripts; ValidateUsageOfDeclaredParameters: in the fields validateStepVariables reads)
  const results = new Set(asArray(spec.results).filter((r: any) => isObject(r) && typeof r.name === 'string').map((r: any) => r.name as string));
  asArray(spec.steps).forEach((st: any, i: number) => {
    if (!isObject(st)) return;
    const at = `${root}.steps[${i}]`;
    const fields: Array<[string, unknown, 'results' | 'params']> = [[`${at}.script`, st.script, 'results']];
    if (declaredParams) {
      fields.push([`${at}.name`, st.name, 'params'], [`${at}.image`, st.image, 'params'], [`${at}.workingDir`, st.workingDir, 'params'], [`${at}.script`, st.script, 'params']);
      asArray(st.command).forEach((c: unknown, j: number) => fields.push([`${at}.command[${j}]`, c, 'params']));
      asArray(st.args).forEach((a: unknown, j: number) => fields.push([`${at}.args[${j}]`, a, 'params']));
      for (const e of asArray(st.env)) if (isObject(e) && typeof e.name === 'string') fields.push([`${at}.env[${e.name}]`, e.value, 'params']);
    }
    for (const [field, value, prefix] of fields) {
      if (typeof value !== 'string' || !value.includes(`$(${prefix}`)) continue;
      const vars = prefixedVariables(value, prefix);
      const known = prefix === 'results' ? results : params;
      const unknown = vars.find((r) => !known.has(r.name));
      // the first variable decides (one too deep has a message of its own)
      if (unknown === undefined || vars.some((r) => r.tooDeep)) continue;
      const declared = [...known].map((n) => `"${jsString(n)}"`).join(', ') || 'none';
      const names = undeclared(vars.filter((r) => !known.has(r.name)).map((r) => r.name), prefix === 'results' ? 'result' : 'param');
      out.push({
        ...where,
        property: field,
        value: unknown.text,
        what: `refers to ${names.text}, which the Task does not declare (its ${prefix} declares ${declared})`,
        // v1beta1 names the variable of a script (ValidateNoReferencesToUnknownVariablesWithDetail)
        tekton: v1beta1 && field.endsWith('.script')
          ? `non-existent variable \`${unknown.name}\` in ${q(value)}: ${field}` : `non-existent variable in ${q(value)}: ${field}`,
        fix: prefix === 'results'
          ? `Declare the result${names.several ? 's' : ''} in the Task's results (${names.decl}), or write ${names.several ? 'results' : 'a result'} it declares; `
            + 'a name Tekton cannot know before the step runs ($(results.x-${i}.path)) is refused.'
          : `Declare the param${names.several ? 's' : ''} in the Task's params (${names.decl}), or refer to ${names.several ? 'ones' : 'one'} it declares.`,
      });
    }
  });
  // validateWorkspaceUsages: a step's or sidecar's workspace that the Task does not declare (in an embedded spec too, whatever the run propagates)
  const declaredWorkspaces = new Set(asArray(spec.workspaces).filter((w: any) => isObject(w)).map((w: any) => (typeof w.name === 'string' ? w.name : '')));
  for (const list of ['steps', 'sidecars'] as const) {
    asArray(spec[list]).forEach((c: any, i: number) => {
      if (!isObject(c)) return;
      asArray(c.workspaces).forEach((w: any, j: number) => {
        const name = isObject(w) && typeof w.name === 'string' ? w.name : '';
        if (!isObject(w) || declaredWorkspaces.has(name)) return;
        const declared = [...declaredWorkspaces].map((n) => `"${jsString(n)}"`).join(', ') || 'none';
        out.push({
          ...where,
          property: `${root}.${list}[${i}].workspaces[${j}].name`,
          value: name,
          what: `is no workspace of the Task (its workspaces declares ${declared}): a ${list === 'steps' ? 'step' : 'sidecar'} mounts only a workspace its Task declares`,
          tekton: `undefined workspace ${q(name)}: ${root}.${list}[${i}].workspaces[${j}].name`,
          fix: `Declare the workspace in the Task's workspaces (- name: ${jsString(name)}), or name one it declares.`,
        });
      });
    });
  }
  const mounts = new Set<string>();
  for (const st of [...asArray(spec.steps), spec.stepTemplate]) {
    if (isObject(st)) for (const vm of asArray(st.volumeMounts)) if (isObject(vm) && typeof vm.mountPath === 'string') mounts.add(cleanPath(vm.mountPath));
  }
  const workspaces = new Set<string>();
  asArray(spec.workspaces).forEach((w: any, i: number) => {
    if (!isObject(w)) return;
    const name = typeof w.name === 'string' ? w.name : '';
    if (workspaces.has(name)) {
      out.push({
        ...where,
        property: `${root}.workspaces[${i}].name`,
        value: name,
        what: 'declares the workspace twice',
        tekton: `workspace name ${q(name)} must be unique: ${root}.workspaces[${i}].name`,
        fix: `Declare the workspace ${jsString(name)} once in the Task's workspaces.`,
      });
    }
    workspaces.add(name);
    const mountPath = cleanPath(typeof w.mountPath === 'string' && w.mountPath !== '' ? w.mountPath : `/workspace/${name}`);
    if (mounts.has(mountPath)) {
      out.push({
        ...where,
        property: `${root}.workspaces[${i}].mountPath`,
        value: mountPath,
        what: 'is where another workspace or a step\'s volume mount is mounted already',
        tekton: `workspace mount path ${q(mountPath)} must be unique: ${root}.workspaces[${i}].mountpath`,
        fix: `Give the workspace ${jsString(name)} a mountPath that no other workspace or volume mount of the Task has (mountPath: <path>), or mount the other elsewhere.`,
      });
    }
    mounts.add(mountPath);
  });
  return out;
}

/**
 * One check of the webhook of how a Task spec's steps use array and object params (typeUsageRefusals): the params it reads as arrays
 * (`validateArrayUsage`) and as objects (`validateObjectUsageAsWhole`), and the path it names the steps under.
 */
interface TypeUsageCheck {
  readonly arrays?: ReadonlySet<string>;
  readonly objects?: ReadonlySet<string>;
  /** `spec` for a run's own check, `spec.tasks[0]` for a Pipeline's of its pipeline task's steps, the spec's path for `TaskSpec.Validate`'s. */
  readonly under: string;
}

/** The params a run's webhook reads as arrays and as objects when it validates its embedded Tasks' steps once more (inlineParamTypes). */
interface InlineTypes {
  readonly arrays: ReadonlySet<string>;
  readonly objects: ReadonlySet<string>;
}

/**
 * The params a run's webhook reads as arrays and objects when it validates the steps of its embedded Tasks once more (`validateInlineParameters`,
 * which the params a run gives may propagate to): a param the run gives is of its value's type (of two of one name, the last),
 * one it does not give of the type its first declaration has, in the order Go merges them (a PipelineRun: the pipeline's params,
 * then each pipeline task's of `tasks`, its params' values then its embedded Task's params).
 */
function inlineParamTypes(runParams: unknown, declarations: ReadonlyArray<{ values?: unknown; specs?: unknown }>): InlineTypes {
  const types = new Map<string, string | undefined>();
  for (const p of asArray(runParams)) if (isObject(p) && typeof p.name === 'string') types.set(p.name, paramValueType(p.value));
  for (const d of declarations) {
    for (const p of asArray(d.values)) if (isObject(p) && typeof p.name === 'string' && !types.has(p.name)) types.set(p.name, paramValueType(p.value));
    for (const p of asArray(d.specs)) if (isObject(p) && typeof p.name === 'string' && !types.has(p.name)) types.set(p.name, declaredParamType(p));
  }
  const of = (type: string) => new Set([...types].filter(([, t]) => t === type).map(([n]) => n));
  return { arrays: of('array'), objects: of('object') };
}

/** The names of the params of a list declared (as the defaulting webhook types them) of the type. */
function paramsOfType(params: unknown, type: string): Set<string> {
  return new Set(asArray(params).filter((p: any) => isObject(p) && typeof p.name === 'string' && declaredParamType(p) === type).map((p: any) => p.name as string));
}

/** Go's paths of the fields `validateArrayUsage` reads in a step, with the fields as written: [Go's, written, value, how an array may be used]. */
function arrayUsageFields(st: any, at: string): Array<[string, string, unknown, 'isolated' | 'whole']> {
  const fields: Array<[string, string, unknown, 'isolated' | 'whole']> = [];
  for (const f of ['name', 'image', 'workingDir', 'script']) fields.push([f, `${at}.${f}`, st[f], 'whole']);
  asArray(st.command).forEach((c: unknown, j: number) => fields.push([`command[${j}]`, `${at}.command[${j}]`, c, 'isolated']));
  asArray(st.args).forEach((a: unknown, j: number) => fields.push([`args[${j}]`, `${at}.args[${j}]`, a, 'isolated']));
  for (const e of asArray(st.env)) if (isObject(e) && typeof e.name === 'string') fields.push([`env[${e.name}]`, `${at}.env[${e.name}].value`, e.value, 'whole']);
  asArray(st.volumeMounts).forEach((v: any, j: number) => {
    if (!isObject(v)) return;
    for (const f of ['name', 'mountPath', 'subPath']) fields.push([`volumeMount[${j}].${f}`, `${at}.volumeMounts[${j}].${f}`, v[f], 'whole']);
  });
  return fields;
}

/**
 * The array and object params used where Tekton's webhook refuses them in a Task's steps. `validateArrayUsage` (run by `TaskSpec.Validate`
 * with the spec's params and, in a run, by `validateInlineParameters` with the params it merges, `inline`): an array param in a step's `name`,
 * `image`, `workingDir`, `script`, env value or volume mount (`$(params.flags)`, `$(params.flags[*])`; an element, `$(params.flags[0])`,
 * is a string), or with other text in a `command` or `args` entry. `validateObjectUsageAsWhole` (run by `ValidateUsageOfDeclaredParameters`
 * on a Task's own spec, `objects`, and by the run's check): an object param whole in any of these fields (`$(params.git)`, `$(params.git[*])`;
 * a key, `$(params.git.url)`, is a string). One error a message of an erring field, with the path Go gives it: Go adds the index of each later
 * step to the path of a step's error (`steps[1].steps[0].script`), and the run's check names its fields under `spec`; errors of one message,
 * of the run's check and of the spec's, are one error naming every path, sorted.
 */
function typeUsageRefusals(spec: any, root: string, more: readonly TypeUsageCheck[]): Array<Omit<PipelineRefusal, 'location' | 'target'>> {
  const declared = asArray(spec.params).filter((p: any) => isObject(p) && typeof p.name === 'string');
  // TaskSpec.Validate's check, of the spec's own array params, then the others
  const checks = [{ arrays: paramsOfType(spec.params, 'array'), under: root }, ...more];
  if (checks.every((c) => (c.arrays?.size ?? 0) + (c.objects?.size ?? 0) === 0)) return [];
  const steps = asArray(spec.steps);
  const out: Array<Omit<PipelineRefusal, 'location' | 'target'>> = [];
  steps.forEach((st: any, i: number) => {
    if (!isObject(st)) return;
    // the steps whose index Go's loop adds to the error's path, the last outermost
    const chain = steps.slice(i).map((_, k) => `steps[${i + k}]`).reverse().join('.');
    for (const [goField, property, value, use] of arrayUsageFields(st, `${root}.steps[${i}]`)) {
      // (a reference too deep has an error of its own)
      if (typeof value !== 'string' || !value.includes('$(params')) continue;
      const vars = prefixedVariables(value, 'params');
      if (vars.some((r) => r.tooDeep)) continue;
      const star = (x: string) => (x.endsWith('[*]') ? x.slice(0, -3) : x);
      const array = (names: ReadonlySet<string>) => {
        const v = vars.find((r) => names.has(star(r.raw)));
        return v !== undefined && (use === 'whole' || value !== vars[0].text) ? v : undefined;
      };
      const object = (names: ReadonlySet<string>) => vars.find((r) => names.has(star(r.whole)));
      // each error of the field: its message, the reference, what it is, and the paths Go names it by
      const errors = new Map<string, { ref: PrefixedVariable; kind: 'array' | 'object'; paths: Set<string> }>();
      const add = (ref: PrefixedVariable | undefined, kind: 'array' | 'object', path: string) => {
        if (ref === undefined) return;
        const message = kind === 'array' && use === 'isolated' ? 'variable is not properly isolated' : 'variable type invalid';
        const e = errors.get(message) ?? { ref, kind, paths: new Set<string>() };
        e.paths.add(path);
        errors.set(message, e);
      };
      for (const c of checks) {
        if (c.arrays) add(array(c.arrays), 'array', `${c.under}.${chain}.${goField}`);
        if (c.objects) add(object(c.objects), 'object', `${c.under}.${chain}.${goField}`);
      }
      for (const [message, { ref, kind, paths }] of errors) {
        const tekton = `${message} in ${q(value)}: ${[...paths].sort().join(', ')}`;
        if (kind === 'object') {
          const keys = Object.keys(declared.find((p: any) => p.name === ref.name)?.properties ?? {});
          out.push({
            property,
            value: ref.text,
            what: `refers to the object param "${jsString(ref.name)}" whole: Tekton's webhook admits only its keys in a Task's steps ($(params.${ref.name}.<key>))`,
            tekton,
            fix: `Refer to a key of it ($(params.${ref.name}.${keys[0] ?? '<key>'})).`,
          });
          continue;
        }
        out.push({
          property,
          value: ref.text,
          what: use === 'whole'
            ? `refers to the array param "${jsString(ref.name)}" as a string: Tekton's webhook admits an array param in a step's command and args only, each reference alone in its entry`
            : `refers to the array param "${jsString(ref.name)}" with other text in one entry: Tekton's webhook admits an array param in command and args only as an entry of its own`,
          tekton,
          fix: use === 'whole'
            ? `Refer to one element ($(params.${ref.name}[0])), or pass the array as args of their own (args: ["$(params.${ref.name}[*])"]) and read them there ("$@" in a script).`
            : `Give the reference an entry of its own (args: [..., "$(params.${ref.name}[*])", ...]), or refer to one element ($(params.${ref.name}[0])).`,
        });
      }
    }
  });
  return out;
}

/** Whether an apiVersion is `group/version`, both parts non-empty (`isValidAPIVersion`). */
const groupVersion = (v: string): boolean => {
  const parts = v.split('/');
  return parts.length === 2 && parts[0] !== '' && parts[1] !== '';
};

/**
 * The refusals of a pipeline task that Tekton reads as a custom task (`PipelineTask.Validate`, `validateCustomTask`): a `taskRef`
 * whose kind is neither empty nor `Task` (the defaulting webhook gives a taskRef without kind nor resolver the kind `Task`) or that
 * has an apiVersion, and a `taskSpec` so written. Such a task is a CustomRun of its kind, which needs the kind and the apiVersion
 * (`group/version`) of the API of the controller that runs it. A `ClusterTask` is one: Tekton removed ClusterTasks, and no longer
 * counts the kind among its own.
 */
function customTaskRefusals(t: any, path: string, where: { location: string; target: string }): PipelineRefusal[] {
  const text = (v: unknown): string => (typeof v === 'string' ? v : '');
  const ref = isObject(t.taskRef) ? t.taskRef : undefined;
  const spec = isObject(t.taskSpec) ? t.taskSpec : undefined;
  const refKind = ref === undefined ? '' : text(ref.kind) !== '' || text(ref.resolver) !== '' ? text(ref.kind) : 'Task';
  const custom = (ref !== undefined && (!['', 'Task'].includes(refKind) || text(ref.apiVersion) !== ''))
    || (spec !== undefined && (!['', 'Task'].includes(text(spec.kind)) || text(spec.apiVersion) !== ''));
  if (!custom) return [];
  const out: PipelineRefusal[] = [];
  const removed = refKind === 'ClusterTask'
    ? 'Refer to a Task of the pipeline\'s namespace (remove kind, and apply the Task in that namespace), or to the Task of another namespace through the cluster '
      + `resolver (taskRef: { resolver: cluster, params: [{ name: kind, value: task }, { name: name, value: ${jsString(text(ref.name) || '<Task>')} }, `
      + '{ name: namespace, value: <namespace of the Task> }] }), which fetches it as the cluster holds it at run time, unpinned (REMOTE_REFERENCE_PINNED)'
    : undefined;
  const kindFix = (field: string) => `Give ${path}.${field} the kind of the custom task (kind: <Kind>), or remove its apiVersion to run a Task.`;
  if (ref !== undefined && refKind === '') {
    out.push({
      ...where,
      property: `${path}.taskRef.apiVersion`,
      value: text(ref.apiVersion),
      what: 'is given without a kind, which the defaulting webhook sets to Task only in a taskRef without a resolver: Tekton reads the pipeline task as a custom task, which needs its kind',
      tekton: `invalid value: custom task ref must specify kind: ${path}.taskRef.kind`,
      fix: kindFix('taskRef'),
    });
  }
  if (spec !== undefined && text(spec.kind) === '') {
    out.push({
      ...where,
      property: `${path}.taskSpec.apiVersion`,
      value: text(spec.apiVersion),
      what: 'is given without a kind: Tekton reads the pipeline task as a custom task, which needs its kind',
      tekton: `invalid value: custom task spec must specify kind: ${path}.taskSpec.kind`,
      fix: kindFix('taskSpec'),
    });
  }
  for (const [field, given, kind] of [['taskRef', ref, refKind], ['taskSpec', spec, text(spec?.kind)]] as const) {
    if (given === undefined) continue;
    const apiVersion = text(given.apiVersion);
    const noun = field === 'taskRef' ? 'ref' : 'spec';
    if (apiVersion === '') {
      out.push({
        ...where,
        property: `${path}.${field}.kind`,
        value: kind,
        what: `is not Task, and the ${field} gives no apiVersion: Tekton reads the pipeline task as a custom task (a CustomRun of that kind, which a controller of its own runs), which needs the apiVersion of its API`
          + (kind === 'ClusterTask' && field === 'taskRef' ? '; Tekton removed ClusterTasks, and reads the kind as no Task of its own' : ''),
        tekton: `invalid value: custom task ${noun} must specify apiVersion: ${path}.${field}.apiVersion`,
        fix: kind === 'ClusterTask' && removed !== undefined && field === 'taskRef' ? `${removed}.`
          : `Give ${path}.${field} the apiVersion of the custom task's API (apiVersion: <group>/<version>), or remove kind to run a Task.`,
      });
    } else if (!groupVersion(apiVersion)) {
      out.push({
        ...where,
        property: `${path}.${field}.apiVersion`,
        value: apiVersion,
        what: 'is not of the form group/version, which a custom task\'s apiVersion must be',
        tekton: `invalid value: invalid apiVersion format ${q(apiVersion)}, must be in the format "group/version": ${path}.${field}.apiVersion`,
        fix: `Give ${path}.${field} the apiVersion of the custom task's API as <group>/<version> (apiVersion: example.dev/v1).`,
      });
    }
  }
  return out;
}

/** The fields of a step Tekton's webhook refuses beside a `ref` (`Step.Validate`), by their names in its messages, and whether each is set as Go reads it. */
const NOT_WITH_REF: ReadonlyArray<[string, string, (v: unknown) => boolean]> = [
  ['image', 'image', (v) => typeof v === 'string' && v !== ''],
  ['command', 'command', (v) => asArray(v).length > 0],
  ['args', 'args', (v) => asArray(v).length > 0],
  ['script', 'script', (v) => typeof v === 'string' && v !== ''],
  ['workingDir', 'working dir', (v) => typeof v === 'string' && v !== ''],
  // (`env: []` is dropped, as the defaulting webhook writes the object back without it)
  ['env', 'env', (v) => asArray(v).length > 0],
  ['volumeMounts', 'volumeMounts', (v) => asArray(v).length > 0],
  ['results', 'results', (v) => asArray(v).length > 0],
];

/**
 * What Tekton v1.15's webhook refuses in a step for its `ref` (`Step.Validate`, v1 and v1beta1): beside a `ref` (a StepAction's), an
 * `image`, `command`, `args`, `script`, `workingDir`, `env` (even empty), `volumeMounts` or `results`, which the StepAction gives; without
 * one, `params`, which only a StepAction receives. `at` is the step's path.
 */
function stepRefRefusals(st: any, at: string): Array<Omit<PipelineRefusal, 'location' | 'target'>> {
  const name = typeof st.name === 'string' ? st.name : '';
  if (st.ref === undefined || st.ref === null) {
    if (asArray(st.params).length === 0) return [];
    return [{
      property: `${at}.params`,
      what: 'is given in a step without a ref: only a step that runs a StepAction takes params',
      tekton: `params cannot be used without Ref: ${at}.params`,
      fix: `Remove the params of the step ${jsString(name)}: write the Task's own params into its fields ($(params.<name>)), or run a StepAction (ref: { name: <step-action> }) that declares them.`,
    }];
  }
  const ref = isObject(st.ref) && typeof st.ref.name === 'string' && st.ref.name !== '' ? `StepAction '${jsString(st.ref.name)}'` : 'the StepAction';
  return NOT_WITH_REF.filter(([field, , set]) => set(st[field])).map(([field, words]) => ({
    property: `${at}.${field}`,
    what: `is given beside a ref: a step that runs a StepAction takes its ${field} from ${ref}`,
    tekton: `${words} cannot be used with Ref: ${at}.${field}`,
    fix: field === 'volumeMounts'
      ? `Remove volumeMounts from the step ${jsString(name)}: mount the volume in ${ref} (volumeMounts: [{ name: $(params.<param>), mountPath: <path> }]) and pass the volume's name as that param.`
      : field === 'results'
        ? `Remove results from the step ${jsString(name)}: its results are those ${ref} declares.`
        : `Remove ${field} from the step ${jsString(name)}, or set it in ${ref} (passing what differs as its params), or write a step of its own without the ref.`,
  }));
}

const WHEN_OPERATORS = ['in', 'notin'];

/**
 * The refusals of each spec, read as v1 and as v1beta1, with `enable-api-fields` alpha or not (a spec object is read with one
 * root and `standalone` only), and with the array params a PipelineRun's check reads in its embedded Tasks.
 */
const MEMO = new Map<string, WeakMap<object, PipelineRefusal[]>>();

/**
 * The refusals of a pipeline spec. `root` is the path of the spec (`spec` for a Pipeline, `spec.pipelineSpec` for a
 * PipelineRun's); `standalone` for a Pipeline, whose webhook also requires every workspace its pipeline tasks bind
 * to be declared (`validatePipelineWorkspacesUsage`, not run on a PipelineRun's embedded spec, whose workspaces propagate).
 * `alpha` when the feature flag `enable-api-fields` is `alpha`, under which a pipeline task with none of `taskRef`, `taskSpec`,
 * `pipelineRef` and `pipelineSpec` is refused naming the four. `run` gives a PipelineRun's params, with which its webhook reads its
 * embedded Tasks' steps once more (`validateInlineParameters`).
 */
export function pipelineRefusals(
  spec: any, root: string, standalone: boolean, v1beta1 = false, alpha = false, run?: { params?: unknown },
): PipelineRefusal[] {
  if (!isObject(spec)) return [];
  // a PipelineRun's embedded Tasks are validated once more with the params it merges (validateInlineParameters)
  const inline = run === undefined ? undefined : inlineParamTypes(run.params, [
    { specs: spec.params },
    ...asArray(spec.tasks).filter(isObject).map((t: any) => ({ values: t.params, specs: isObject(t.taskSpec) ? t.taskSpec.params : undefined })),
  ]);
  const key = `${v1beta1}/${alpha}/${inline === undefined ? '' : JSON.stringify([[...inline.arrays], [...inline.objects]])}`;
  let memos = MEMO.get(key);
  if (memos === undefined) MEMO.set(key, memos = new WeakMap());
  const memo = memos.get(spec);
  if (memo !== undefined) return memo;
  const out: PipelineRefusal[] = [];
  // an empty spec (equality.Semantic.DeepEqual with a zero PipelineSpec: every field absent or empty)
  if (Object.values(spec).every((v) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0))) {
    out.push({
      property: root,
      what: 'is empty: the pipeline has no tasks',
      tekton: `expected at least one, got none: ${['description', 'params', 'resources', 'tasks', 'workspaces'].map((f) => `${root}.${f}`).join(', ')}`,
      fix: 'Give the pipeline its tasks (tasks: - name: <name> with taskRef: { name: <Task> }).',
    });
  }
  const pts: Pt[] = [];
  for (const list of ['tasks', 'finally'] as const) {
    asArray(spec[list]).forEach((t: any, index: number) => {
      if (isObject(t) && typeof t.name === 'string') pts.push({ t, list, index, name: t.name });
    });
  }
  const at = (p: Pt) => `${root}.${p.list}[${p.index}]`;
  const where = (p: Pt) => ({ location: `pipeline task '${jsString(p.name)}'`, target: `task/${jsString(p.name)}` });
  const taskNames = new Set(pts.filter((p) => p.list === 'tasks').map((p) => p.name));
  const finallyNames = new Set(pts.filter((p) => p.list === 'finally').map((p) => p.name));

  // the pipeline's workspaces (validatePipelineWorkspacesDeclarations)
  const declared = new Set<string>();
  asArray(spec.workspaces).forEach((w: any, i: number) => {
    if (!isObject(w)) return;
    const name = typeof w.name === 'string' ? w.name : '';
    const path = `${root}.workspaces[${i}]`;
    if (name === '') {
      out.push({
        property: `${path}.name`,
        value: name,
        what: 'is empty: a pipeline workspace needs a name',
        tekton: `invalid value: workspace ${i} has empty name: ${path}`,
        fix: `Name the workspace (workspaces: - name: <name>), or remove the entry ${i}.`,
      });
    }
    if (declared.has(name)) {
      out.push({
        location: `workspace '${jsString(name)}'`,
        property: `${path}.name`,
        value: name,
        what: 'is the name of another workspace of the pipeline: each is declared once',
        tekton: `invalid value: workspace with name ${q(name)} appears more than once: ${path}`,
        fix: `Remove the second declaration of the workspace ${jsString(name)}, or give it another name.`,
      });
    }
    declared.add(name);
  });

  if (asArray(spec.finally).length > 0 && asArray(spec.tasks).length === 0) {
    const n = asArray(spec.finally).length;
    out.push({
      property: `${root}.finally`,
      what: 'holds tasks while the pipeline has no tasks: finally tasks run after the tasks, and Tekton requires at least one',
      tekton: `invalid value: spec.tasks is empty but spec.finally has ${n} tasks: ${root}.finally`,
      fix: 'Move the finally tasks into the pipeline\'s tasks (tasks: - name: ...), or add the task they follow.',
    });
  }

  // the pipeline's params: declared twice (ValidateNoDuplicateNames, run for tasks and finally: one error, both paths)
  const pipelineParams = new Set<string>();
  asArray(spec.params).forEach((x: any, i: number) => {
    if (!isObject(x) || typeof x.name !== 'string') return;
    if (pipelineParams.has(x.name)) {
      out.push({
        location: `param '${jsString(x.name)}'`,
        property: `${root}.params[${i}].name`,
        value: x.name,
        what: 'declares the param twice',
        tekton: `parameter appears more than once: ${root}.finally.params[${x.name}], ${root}.tasks.params[${x.name}]`,
        fix: `Declare the param ${jsString(x.name)} once in the pipeline's params.`,
      });
    }
    pipelineParams.add(x.name);
  });
  // their types and defaults (ValidatePipelineParameterVariables: ValidateParameterTypes), and an object param without properties,
  // which the webhook checks in each pipeline task that embeds a spec (a custom task's too) and names under it (under `spec` in a
  // PipelineRun's embedded pipeline)
  const embedding = (['tasks', 'finally'] as const).flatMap((list) => asArray(spec[list])
    .flatMap((t: any, i: number) => (isObject(t) && isObject(t.taskSpec) ? [standalone ? `${root}.${list}[${i}]` : 'spec'] : [])));
  out.push(...paramTypeRefusals(spec.params, root, embedding.length > 0 ? embedding : undefined, true));

  const seen = new Set<string>();
  const deps = new Map<string, string[]>();
  for (const p of pts) {
    const t = p.t;
    const path = at(p);
    // name (ValidateName, then uniqueness over tasks and finally)
    if (!isDns1123Label(p.name)) {
      out.push({
        ...where(p),
        property: `${path}.name`,
        value: p.name,
        what: 'is not a DNS-1123 label (lower-case letters, digits and \'-\', starting and ending with a letter or digit, at most 63 characters)',
        tekton: `invalid value ${q(p.name)}: ${path}.name`,
        fix: `Name the pipeline task with a DNS-1123 label, e.g. name: ${dnsLabel(p.name)}, and the references to it ($(tasks.${jsString(p.name)}.…), runAfter) the same.`,
      });
    }
    if (seen.has(p.name)) {
      out.push({
        ...where(p),
        property: `${path}.name`,
        value: p.name,
        what: 'is the name of another pipeline task of the pipeline (its tasks and finally tasks share one set of names)',
        tekton: `expected exactly one, got both: ${path}.name`,
        fix: 'Give each pipeline task its own name, and make the runAfter and $(tasks.<name>.…) references name the one they mean.',
      });
    }
    seen.add(p.name);
    // taskRef or taskSpec (validateRefOrSpec; pipelineRef and pipelineSpec are the alpha pipelines in pipelines)
    const given = ['taskRef', 'taskSpec', 'pipelineRef', 'pipelineSpec'].filter((k) => t[k] !== undefined && t[k] !== null);
    if (given.length > 1) {
      out.push({
        ...where(p),
        property: `${path}.${given[1]}`,
        what: `is given beside ${given[0]}: a pipeline task runs one Task, referenced or embedded`,
        // the webhook lists the fields sorted
        tekton: `expected exactly one, got multiple: ${given.map((k) => `${path}.${k}`).sort().join(', ')}`,
        fix: `Keep either ${given[0]} or ${given[1]} in the pipeline task '${jsString(p.name)}'.`,
      });
    } else if (given.length === 0) {
      out.push({
        ...where(p),
        property: `${path}.taskRef`,
        what: 'is not given, nor is taskSpec: the pipeline task runs nothing',
        tekton: `expected exactly one, got neither: ${(alpha ? ['pipelineRef', 'pipelineSpec', 'taskRef', 'taskSpec'] : ['taskRef', 'taskSpec']).map((k) => `${path}.${k}`).join(', ')}`,
        fix: `Give the pipeline task '${jsString(p.name)}' taskRef: { name: <Task> } or taskSpec: { steps: [...] }.`,
      });
    }
    out.push(...customTaskRefusals(t, path, where(p)));
    // its embedded Task (not a custom task's spec: one with apiVersion or kind)
    if (isObject(t.taskSpec) && Array.isArray(t.taskSpec.steps) && !t.taskSpec.apiVersion && !t.taskSpec.kind) {
      // the webhook names an object param without properties under the pipeline task in a Pipeline, under `spec` in a PipelineRun
      // (a Pipeline's check of the object params of the task and of the pipeline, validateUsageOfDeclaredPipelineTaskParameters; a
      // PipelineRun's of the params it merges, of the tasks of `tasks`)
      const usage: TypeUsageCheck[] = standalone
        ? [{ objects: new Set([...paramsOfType(t.taskSpec.params, 'object'), ...paramsOfType(spec.params, 'object')]), under: path }]
        : inline !== undefined && p.list === 'tasks' ? [{ ...inline, under: 'spec' }] : [];
      out.push(...taskSpecRefusals(t.taskSpec, `${path}.taskSpec`, where(p), false, v1beta1, standalone ? path : 'spec', usage));
    }
    // its workspace bindings (validateWorkspaces: a Pipeline's only)
    if (standalone) {
      const bound = new Set<string>();
      asArray(t.workspaces).forEach((w: any, i: number) => {
        if (!isObject(w) || typeof w.name !== 'string') return;
        const wpath = `${path}.workspaces[${i}]`;
        if (bound.has(w.name)) {
          out.push({
            ...where(p),
            property: `${wpath}.name`,
            value: w.name,
            what: 'is bound twice in the pipeline task: each workspace of its Task takes one binding',
            tekton: `workspace name ${q(w.name)} must be unique: ${wpath}`,
            fix: `Remove the second binding of ${jsString(w.name)} from the pipeline task's workspaces.`,
          });
        }
        bound.add(w.name);
        const target = typeof w.workspace === 'string' && w.workspace !== '' ? w.workspace : w.name;
        if (!declared.has(target)) {
          const field = target === w.name ? 'name' : 'workspace';
          out.push({
            ...where(p),
            property: `${wpath}.${field}`,
            value: target,
            what: `is not a workspace of the pipeline (its spec.workspaces declares ${declared.size === 0 ? 'none' : [...declared].map((n) => `"${jsString(n)}"`).join(', ')})`,
            tekton: `invalid value: pipeline task ${q(p.name)} expects workspace with name ${q(target)} but none exists in pipeline spec: ${wpath}`,
            fix: `Declare it in the pipeline's workspaces (- name: ${jsString(target)}), or bind the pipeline task's workspace ${jsString(w.name)} `
              + 'to a workspace the pipeline declares (workspace: <name>).',
          });
        }
      });
    }
    // params given twice (validateDuplicateParameters, from ValidatePipelineParameterVariables)
    {
      const params = new Map<string, number>();
      asArray(t.params).forEach((x: any, i: number) => {
        if (!isObject(x) || typeof x.name !== 'string') return;
        const first = params.get(x.name);
        if (first !== undefined) {
          out.push({
            ...where(p),
            property: `${path}.params[${i}].name`,
            value: x.name,
            what: 'is given twice in the pipeline task\'s params',
            // a PipelineRun's tasks are checked again with the params it propagates (validateInlineParameters), at a path without the spec's
            tekton: `parameter names must be unique, the parameter ${q(x.name)} is also defined at: ${path}.params[${i}].name`
              + (!standalone && p.list === 'tasks' ? `, spec[${p.index}].params[${i}].name` : ''),
            fix: `Give the param ${jsString(x.name)} once in the pipeline task's params.`,
          });
        } else {params.set(x.name, i);}
      });
    }
    // references to params the Pipeline does not declare in its pipeline tasks' param values (validatePipelineTaskParameterUsage; a Pipeline's only)
    if (standalone) {
      for (const x of asArray(t.params)) {
        if (!isObject(x) || typeof x.name !== 'string') continue;
        const values: Array<[string, unknown]> = Array.isArray(x.value) ? x.value.map((v: unknown, i: number) => [`.value[${i}]`, v])
          : isObject(x.value) ? Object.entries(x.value).map(([k, v]) => [`.properties[${k}]`, v]) : [['', x.value]];
        for (const [suffix, v] of values) {
          if (typeof v !== 'string' || !v.includes('$(params')) continue;
          const vars = prefixedVariables(v, 'params');
          const unknown = vars.find((r) => !pipelineParams.has(r.name));
          // the first variable decides (a reference too deep for Tekton has a message of its own)
          if (unknown === undefined || vars.some((r) => r.tooDeep)) continue;
          const field = `${path}.params[${x.name}]${suffix}`;
          const names = undeclared(vars.filter((r) => !pipelineParams.has(r.name)).map((r) => r.name), 'param');
          out.push({
            ...where(p),
            property: field,
            value: unknown.text,
            what: `refers to ${names.text}, which the Pipeline does not declare (its spec.params declares ${pipelineParams.size === 0 ? 'none' : [...pipelineParams].map((n) => `"${jsString(n)}"`).join(', ')})`,
            tekton: `non-existent variable in ${q(v)}: ${field}`,
            fix: `Declare the param${names.several ? 's' : ''} in the Pipeline's params (${names.decl}), or refer to ${names.several ? 'ones' : 'one'} it declares.`,
          });
        }
      }
    }
    // execution status: refused in tasks, and in finally tasks for a task the pipeline does not have (validateExecutionStatusVariables)
    const statusSites: Array<[string, unknown]> = [
      ...asArray(t.params).filter((x: any) => isObject(x) && typeof x.name === 'string').map((x: any): [string, unknown] => [`${path}.params[${x.name}].value`, x.value]),
      ...asArray(t.when).map((w: any, i: number): [string, unknown] => [`${path}.when[${i}]`, whenStrings(w)]),
    ];
    for (const [field, value] of statusSites) {
      const expressions = strings(value).flatMap((v) => (v.includes('$(') ? tektonExpressions(v) : []));
      if (expressions.some((e) => looksLikeResultRef(e.inner))) continue;
      const statuses = expressions.filter((e) => e.inner.startsWith('tasks.') && (e.inner.endsWith('.status') || e.inner.endsWith('.reason')));
      if (p.list === 'tasks' && statuses.length > 0) {
        out.push({
          ...where(p),
          property: field,
          value: statuses[0].text,
          what: 'refers to the execution status of pipeline tasks, which only finally tasks may read (they run after every task)',
          tekton: `invalid value: pipeline tasks can not refer to execution status of any other pipeline task or aggregate status of tasks: ${field}`,
          fix: 'Read the status in a finally task (finally: - name: ... params: [{ name: status, value: $(tasks.<name>.status) }]), or make the task depend on a result instead.',
        });
      } else if (p.list === 'finally') {
        const named = new Set<string>();
        for (const e of statuses) {
          if (e.inner === 'tasks.status') continue;
          const task = e.inner.slice('tasks.'.length, e.inner.length - (e.inner.endsWith('.status') ? '.status' : '.reason').length);
          if (taskNames.has(task) || named.has(task)) continue;
          named.add(task);
          out.push({
            ...where(p),
            property: field,
            value: e.text,
            what: `refers to the execution status of '${jsString(task)}', which is no task of the pipeline's tasks`,
            tekton: `invalid value: pipeline task ${task} is not defined in the pipeline: ${field}`,
            fix: `Name a task of the pipeline's tasks (${[...taskNames].map((n) => `'${jsString(n)}'`).join(', ') || 'none'}): $(tasks.<name>.status), or $(tasks.status) for all of them.`,
          });
        }
      }
    }
    // onError (ValidateOnError; a value that starts with $(params is judged once substituted)
    if (typeof t.onError === 'string' && t.onError !== '' && !t.onError.startsWith('$(params')) {
      if (t.onError !== 'continue' && t.onError !== 'stopAndFail') {
        out.push({
          ...where(p),
          property: `${path}.onError`,
          value: t.onError,
          what: 'is not an onError Tekton knows: continue or stopAndFail',
          tekton: `invalid value: ${t.onError}: ${path}.OnError`,
          fix: 'Write onError: continue (the pipeline goes on when the task fails) or onError: stopAndFail (the default), or remove it.',
        });
      } else if (t.onError === 'continue' && typeof t.retries === 'number' && t.retries > 0) {
        out.push({
          ...where(p),
          property: `${path}.onError`,
          value: t.onError,
          what: `is continue beside retries: ${t.retries}, which Tekton does not combine`,
          tekton: 'PipelineTask OnError cannot be set to "continue" when Retries is greater than 0: ',
          fix: 'Remove retries, or onError: continue.',
        });
      }
    }
    // when expressions (WhenExpressions.validate without CEL)
    asArray(t.when).forEach((w: any, i: number) => {
      if (!isObject(w) || (typeof w.cel === 'string' && w.cel !== '')) return;
      const wpath = `${path}.when[${i}]`;
      if (typeof w.operator === 'string' && !WHEN_OPERATORS.includes(w.operator)) {
        out.push({
          ...where(p),
          property: `${wpath}.operator`,
          value: w.operator,
          what: 'is not an operator of when expressions: Tekton knows in and notin',
          tekton: `invalid value: operator ${q(w.operator)} is not recognized. valid operators: in,notin: ${wpath}`,
          fix: 'Write operator: in (the input is one of the values) or operator: notin.',
        });
      } else if (typeof w.operator === 'string' && Array.isArray(w.values) && w.values.length === 0) {
        out.push({
          ...where(p),
          property: `${wpath}.values`,
          value: '[]',
          what: 'is empty: a when expression compares its input with at least one value',
          tekton: `invalid value: expecting non-empty values field: ${wpath}`,
          fix: 'Give the when expression its values (values: [<value>, ...]), or remove it.',
        });
      }
    });
    // finally tasks: no runAfter, result references only to tasks (validateFinalTasks)
    if (p.list === 'finally') {
      if (asArray(t.runAfter).length > 0) {
        out.push({
          ...where(p),
          property: `${path}.runAfter`,
          value: JSON.stringify(t.runAfter),
          what: 'is given on a finally task: finally tasks run after every task, in parallel',
          tekton: `invalid value: no runAfter allowed under spec.finally, final task ${p.name} has runAfter specified: ${path}`,
          fix: `Remove runAfter from the finally task '${jsString(p.name)}'; to run it after another finally task, make both one task, or move the other into the pipeline's tasks.`,
        });
      }
      const refs = (values: unknown, field: string) => {
        for (const s of strings(values)) {
          if (!s.includes('$(')) continue;
          for (const e of tektonExpressions(s)) {
            if (!parsedResultRef(e.inner)) continue;
            const ref = e.inner.split('.')[1];
            if (finallyNames.has(ref)) {
              out.push({
                ...where(p),
                property: field,
                value: e.text,
                what: `refers to a result of the finally task '${jsString(ref)}': finally tasks run in parallel, so none can read another's results`,
                tekton: `invalid value: invalid task result reference, final task has task result reference from a final task ${ref}: ${field}`,
                fix: `Refer to a result of a pipeline task of the pipeline's tasks, or move '${jsString(ref)}' into the pipeline's tasks.`,
              });
            } else if (!taskNames.has(ref)) {
              out.push({
                ...where(p),
                property: field,
                value: e.text,
                what: `refers to a result of '${jsString(ref)}', which is no task of the pipeline`,
                tekton: `invalid value: invalid task result reference, final task has task result reference from a task ${ref} which is not defined in the pipeline: ${field}`,
                fix: `Refer to a result of a task the pipeline's tasks name (${[...taskNames].map((n) => `'${jsString(n)}'`).join(', ') || 'none'}).`,
              });
            }
          }
        }
      };
      for (const x of asArray(t.params)) if (isObject(x) && typeof x.name === 'string') refs(x.value, `${path}.params[${x.name}].value`);
      asArray(t.when).forEach((w: any, i: number) => { if (isObject(w)) refs(whenStrings(w), `${path}.when[${i}]`); });
    } else {
      // the graph of the tasks: runAfter and result references (PipelineTaskList.Deps)
      const d = new Set<string>([...resultRefTasks(t, v1beta1).map((r) => r.task), ...asArray(t.runAfter).filter((x: any) => typeof x === 'string')]);
      if (d.size > 0 && !deps.has(p.name)) deps.set(p.name, [...d].sort());
    }
  }
  // the graph (validateGraph: dag.Build; duplicates, then a cycle, then a dependency on no task)
  if (taskNames.size === pts.filter((p) => p.list === 'tasks').length) {
    const c = cycle(deps);
    if (c !== undefined) {
      const p = pts.find((x) => x.list === 'tasks' && x.name === c.task)!;
      out.push({
        ...where(p),
        property: `${at(p)}.${depField(p.t, c.deps[0])}`,
        value: c.deps.join(', '),
        what: `makes the pipeline task depend on ${c.deps.map((x) => `'${jsString(x)}'`).join(', ')}, and what it depends on leads back to it (through runAfter or $(tasks.<name>.results.…) references): the tasks form a cycle`,
        tekton: `invalid value: cycle detected; task ${q(c.task)} depends on ${c.deps.map(q).join(', ')}: ${root}.tasks`,
        fix: 'Remove the runAfter entry or the result reference that closes the cycle, so that every task runs after the tasks it depends on.',
      });
    } else {
      // dependencies on no task: dag.Build stops at the first its map iteration meets (a task's in sorted order), one error for
      // the graph: one finding, at the first as written, naming the others
      const missing = pts.filter((p) => p.list === 'tasks').flatMap((p) => (deps.get(p.name) ?? []).filter((dep) => !taskNames.has(dep))
        .map((dep) => ({ p, dep, field: depField(p.t, dep) })));
      if (missing.length > 0) {
        const [{ p, dep, field }, ...others] = missing;
        const runAfter = field === 'runAfter';
        const tasks = [...taskNames].map((n) => `'${jsString(n)}'`).join(', ');
        out.push({
          ...where(p),
          property: `${at(p)}.${field}`,
          value: dep,
          what: `${runAfter ? 'names' : 'refers to a result of'} '${jsString(dep)}', which is no task of the pipeline's tasks`
            + (finallyNames.has(dep) ? ' (it is a finally task, which runs after them all)' : '')
            + (others.length === 0 ? '' : `; so ${others.length === 1 ? 'does' : 'do'} ${others.map((o) => `${at(o.p)}.${o.field} ('${jsString(o.dep)}')`).join(', ')}: `
              + 'Tekton\'s webhook stops at the first of them its map iteration meets, and names that one'),
          tekton: `invalid value: couldn't add link between ${p.name} and ${dep}: task ${p.name} depends on ${dep} but ${dep} wasn't present in Pipeline: ${root}.tasks`,
          fix: others.length === 0
            ? `Name a task of the pipeline's tasks (${tasks}), or remove the ${runAfter ? 'runAfter entry' : 'reference'}.`
            : `Name tasks of the pipeline's tasks (${tasks}), or remove the runAfter entries and references that name others.`,
        });
      }
    }
  }
  // the pipeline's results (validatePipelineResults; a string value: an array's or object's is not read by taskContainsResult)
  asArray(spec.results).forEach((r: any, i: number) => {
    if (!isObject(r) || typeof r.value !== 'string') return;
    const field = `${root}.results[${i}].value`;
    const named = typeof r.name === 'string' ? { location: `result '${jsString(r.name)}'`, target: `result/${jsString(r.name)}` } : {};
    const expressions = tektonExpressions(r.value);
    const fix = 'Give the result the value of a result of a pipeline task: value: $(tasks.<name>.results.<result>), with nothing written before it.';
    if (expressions.length === 0) {
      out.push({
        ...named,
        property: field,
        value: r.value,
        what: 'holds no $(tasks.<name>.results.<result>) reference: a pipeline\'s result passes on a result of one of its tasks',
        tekton: `invalid value: expected pipeline results to be task result expressions but no expressions were found: ${field}`,
        fix,
      });
    } else if (!expressions.some((e) => looksLikeResultRef(e.inner))) {
      out.push({
        ...named,
        property: field,
        value: r.value,
        what: `refers to no result of a pipeline task (${expressions.map((e) => e.text).join(', ')}): a pipeline's result passes on a result of one of its tasks`,
        tekton: `invalid value: expected pipeline results to be task result expressions but an invalid expressions was found: ${field}`,
        fix,
      });
    } else {
      const bad = uncontained(r.value, taskNames, finallyNames);
      if (bad === undefined) return;
      out.push({
        ...named,
        property: field,
        value: bad.piece,
        what: bad.task === undefined
          ? `has text Tekton reads as a result reference it cannot parse ("${jsString(bad.piece)}": it reads the value from its start and from each $ on as one)`
          : `refers to '${jsString(bad.task)}', which is no ${bad.prefix === 'tasks' ? 'task' : 'finally task'} of the pipeline`,
        tekton: `invalid value: referencing a nonexistent task: ${field}`,
        fix: bad.task === undefined ? fix : `Refer to a result of a pipeline task the pipeline's ${bad.prefix} name: $(${bad.prefix}.<name>.results.<result>).`,
      });
    }
  });
  memos.set(spec, out);
  return out;
}

/**
 * The names of the params `declared` (a Task's or StepAction's `params` at `root`), each given twice a refusal to `refuse`
 * once, at its second declaration, as Tekton v1.15's webhook words it (`parameter appears more than once`).
 */
function declaredOnce(
  declared: unknown, root: string, owner: string,
  refuse: (r: { property: string; value: string; what: string; tekton: string; fix: string }) => void,
): Set<string> {
  const params = new Set<string>();
  const twice = new Set<string>();
  asArray(declared).forEach((x: any, i: number) => {
    if (!isObject(x) || typeof x.name !== 'string') return;
    if (params.has(x.name) && !twice.has(x.name)) {
      twice.add(x.name);
      refuse({
        property: `${root}.params[${i}].name`,
        value: x.name,
        what: 'declares the param twice',
        tekton: `parameter appears more than once: ${root}.params[${x.name}]`,
        fix: `Declare the param ${jsString(x.name)} once in the ${owner}'s params.`,
      });
    }
    params.add(x.name);
  });
  return params;
}

/** A DNS-1123 label made of a name, for a fix: lower case, other characters as '-'. */
function dnsLabel(name: string): string {
  const l = name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63).replace(/-+$/, '');
  return l === '' ? 'task' : l;
}

/**
 * What Tekton v1.15's webhook refuses in a PipelineRun's or TaskRun's own fields on names alone: both a reference and an
 * embedded spec, a param given twice (names compared without case: `validateNoDuplicateNames`), a workspace bound twice; for a
 * TaskRun, what it refuses in its `taskSpec` (taskSpecRefusals). A PipelineRun's embedded pipeline is pipelineRefusals'.
 */
export function runRefusals(manifest: any): PipelineRefusal[] {
  const spec = manifest?.spec;
  if (!isObject(spec)) return [];
  const pipelineRun = manifest.kind === 'PipelineRun';
  const [ref, embedded] = pipelineRun ? ['pipelineRef', 'pipelineSpec'] : ['taskRef', 'taskSpec'];
  const out: PipelineRefusal[] = [];
  const given = (k: string) => spec[k] !== undefined && spec[k] !== null;
  if (given(ref) && given(embedded)) {
    out.push({
      property: `spec.${embedded}`,
      what: `is given beside spec.${ref}: a run runs one ${pipelineRun ? 'pipeline' : 'Task'}, referenced or embedded`,
      tekton: `expected exactly one, got both: spec.${ref}, spec.${embedded}`,
      fix: `Keep either spec.${ref} or spec.${embedded}.`,
    });
  }
  const seen = new Set<string>();
  for (const x of asArray(spec.params)) {
    if (!isObject(x) || typeof x.name !== 'string') continue;
    const key = x.name.toLowerCase();
    if (seen.has(key)) {
      out.push({
        property: `spec.params[${x.name}].name`,
        value: x.name,
        what: 'is given twice in the run\'s params (Tekton compares their names without case)',
        tekton: `expected exactly one, got both: spec.params[${x.name}].name`,
        fix: `Give the param ${jsString(x.name)} once in spec.params (names that differ only in case are one).`,
      });
    }
    seen.add(key);
  }
  const bound = new Map<string, number>();
  asArray(spec.workspaces).forEach((w: any, i: number) => {
    if (!isObject(w) || typeof w.name !== 'string') return;
    const key = pipelineRun ? w.name : w.name.toLowerCase();
    const first = bound.get(key);
    if (first !== undefined) {
      out.push({
        location: `workspace '${jsString(w.name)}'`,
        target: `workspace/${jsString(w.name)}`,
        property: `spec.workspaces[${i}].name`,
        value: w.name,
        what: `binds the workspace a second time${pipelineRun ? '' : ' (Tekton compares their names without case)'}`,
        tekton: pipelineRun
          ? `workspace ${q(w.name)} provided by pipelinerun more than once, at index ${first} and ${i}: spec.workspaces[${i}].name`
          : `expected exactly one, got both: spec.workspaces[${i}].name`,
        fix: `Bind the workspace ${jsString(w.name)} once in spec.workspaces${pipelineRun ? '' : ' (names that differ only in case are one)'}.`,
      });
    }
    bound.set(key, i);
  });
  if (!pipelineRun && isObject(spec.taskSpec)) {
    const inline = Array.isArray(spec.taskSpec.steps) ? inlineParamTypes(spec.params, [{ specs: spec.taskSpec.params }]) : undefined;
    out.push(...taskSpecRefusals(spec.taskSpec, 'spec.taskSpec', {}, false, isV1beta1(manifest), 'spec', inline === undefined ? [] : [{ ...inline, under: 'spec' }]));
  }
  return out;
}

/**
 * The PipelineResources a `tekton.dev/v1beta1` object (as the webhook receives it) still holds, which Tekton removed (TEP-0074)
 * and its v1beta1 validation refuses wherever they are written (`apis.ErrDisallowedFields`, one error naming every field: each
 * finding quotes it with its own): a Task's, a TaskRun's and an embedded Task's `resources` and a pipeline task's (of `tasks`
 * and `finally`) given as anything but null (`{}` too), a Pipeline's and a PipelineRun's `resources` list when not empty, in
 * an embedded pipeline too.
 */
export function removedResourcesRefusals(manifest: any): PipelineRefusal[] {
  if (!isV1beta1(manifest) || !isObject(manifest.spec)) return [];
  const out: PipelineRefusal[] = [];
  const refuse = (property: string, where: { location?: string; target?: string } = {}) => out.push({
    ...where,
    property,
    what: 'holds PipelineResources, which Tekton removed (TEP-0074) with the resources of Tasks, Pipelines and their runs',
    tekton: `must not set the field(s): ${property}`,
    fix: `Remove ${property}, and pass what it held as params (a URL, a revision, an image reference) and workspaces (a git-clone Task fills one with the repository).`,
  });
  const given = (v: unknown) => v !== undefined && v !== null;
  const listed = (v: unknown) => Array.isArray(v) && v.length > 0;
  const taskSpec = (spec: any, root: string, where: { location?: string; target?: string } = {}) => {
    if (isObject(spec) && given(spec.resources)) refuse(`${root}.resources`, where);
  };
  const pipelineSpec = (spec: any, root: string) => {
    if (!isObject(spec)) return;
    if (listed(spec.resources)) refuse(`${root}.resources`);
    for (const field of ['tasks', 'finally']) {
      asArray(spec[field]).forEach((t: any, i: number) => {
        if (!isObject(t)) return;
        const where = typeof t.name === 'string' ? { location: `pipeline task '${jsString(t.name)}'`, target: `task/${jsString(t.name)}` } : {};
        if (given(t.resources)) refuse(`${root}.${field}[${i}].resources`, where);
        taskSpec(t.taskSpec, `${root}.${field}[${i}].taskSpec`, where);
      });
    }
  };
  const spec = manifest.spec;
  switch (manifest.kind) {
    case 'Task': taskSpec(spec, 'spec'); break;
    case 'TaskRun':
      if (given(spec.resources)) refuse('spec.resources');
      taskSpec(spec.taskSpec, 'spec.taskSpec');
      break;
    case 'Pipeline': pipelineSpec(spec, 'spec'); break;
    case 'PipelineRun':
      if (listed(spec.resources)) refuse('spec.resources');
      pipelineSpec(spec.pipelineSpec, 'spec.pipelineSpec');
      break;
  }
  return out;
}

/**
 * Whether the object is a StepAction Tekton v1.15's webhook validates: `tekton.dev/v1beta1` or `tekton.dev/v1alpha1` (the two versions
 * it serves), whose validations agree in what is read here.
 */
export function isCheckedStepAction(manifest: any): boolean {
  return manifest?.kind === 'StepAction' && (manifest.apiVersion === 'tekton.dev/v1beta1' || manifest.apiVersion === 'tekton.dev/v1alpha1');
}

/**
 * What Tekton v1.15's webhook refuses in a StepAction's spec (v1beta1 stepaction_validation.go `StepActionSpec.Validate`), of the object as the
 * webhook receives it: no `image`; a `script` beside a `command`; a `$(params.…)` in its `script`; a `$(params.<name>)` naming no param of it in
 * its `image`, `script`, `command`, `args`, `env` values or volume mounts' `name`s (the first variable of a field decides, as in a Task); a param
 * declared twice; a volume mount whose `name` is not one `$(params.<name>)` (the first such mount: Tekton stops there); and a
 * `$(step.results.<name>.path)` or `$(results.<name>.path)` in its `script` naming no result of it.
 */
export function stepActionRefusals(manifest: any): PipelineRefusal[] {
  // (no spec is validated as an empty one)
  const spec = manifest?.spec === undefined || manifest?.spec === null ? {} : manifest.spec;
  if (!isObject(spec)) return [];
  const out: PipelineRefusal[] = [];
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  if (str(spec.image) === '') {
    out.push({
      property: 'spec.image',
      what: 'is not given: a StepAction names the image its step runs',
      tekton: 'missing field(s): spec.Image',
      fix: 'Give the StepAction an image (image: <registry>/<image>@sha256:<digest>).',
    });
  }
  const script = str(spec.script);
  if (script !== '' && asArray(spec.command).length > 0) {
    out.push({
      property: 'spec.script',
      what: 'is given beside command: a StepAction runs either its script or its command',
      tekton: 'script cannot be used with command: spec.script',
      fix: 'Remove the command, or the script (moving it into command and args).',
    });
  }
  const scriptParams = prefixedVariables(script, 'params');
  if (scriptParams.length > 0) {
    out.push({
      property: 'spec.script',
      value: scriptParams[0].text,
      what: 'refers to a param: Tekton\'s webhook refuses a $(params.…) in a StepAction\'s script',
      tekton: 'param substitution in scripts is not allowed.: spec.script',
      fix: `Pass the param through an env variable (env: [{ name: ${envName(scriptParams[0].name)}, value: ${scriptParams[0].text} }]) and read the variable in the script.`,
    });
  }
  const params = declaredOnce(spec.params, 'spec', 'StepAction', (r) => out.push(r));
  const results = new Set(asArray(spec.results).filter((r: any) => isObject(r) && typeof r.name === 'string').map((r: any) => r.name as string));
  // the fields whose variables validateStepActionVariables reads (the volume mounts' names too, through validateVolumeMounts), and the script's results
  const fields: Array<[string, string, unknown, 'params' | 'results' | 'step.results']> = [
    ['spec.image', 'spec.image', spec.image, 'params'], ['spec.script', 'spec.script', spec.script, 'params'],
  ];
  asArray(spec.command).forEach((c: unknown, j: number) => fields.push([`spec.command[${j}]`, `spec.command[${j}]`, c, 'params']));
  asArray(spec.args).forEach((a: unknown, j: number) => fields.push([`spec.args[${j}]`, `spec.args[${j}]`, a, 'params']));
  for (const e of asArray(spec.env)) if (isObject(e) && typeof e.name === 'string') fields.push([`spec.env[${e.name}]`, `spec.env[${e.name}].value`, e.value, 'params']);
  asArray(spec.volumeMounts).forEach((v: any, j: number) => {
    if (isObject(v)) fields.push([`spec.volumeMounts[${j}]`, `spec.volumeMounts[${j}].name`, v.name, 'params']);
  });
  fields.push(['spec.script', 'spec.script', spec.script, 'step.results'], ['spec.script', 'spec.script', spec.script, 'results']);
  const quoted = new Set<string>();
  for (const [path, property, value, prefix] of fields) {
    if (typeof value !== 'string' || !value.includes(`$(${prefix}`)) continue;
    const vars = prefixedVariables(value, prefix);
    const known = prefix === 'params' ? params : results;
    const unknown = vars.find((r) => !known.has(r.name));
    // the first variable decides (one too deep has a message of its own)
    if (unknown === undefined || vars.some((r) => r.tooDeep)) continue;
    const tekton = `non-existent variable in ${q(value)}: ${path}`;
    // (the step's and the Task's result variables in one script are one error)
    if (quoted.has(tekton)) continue;
    quoted.add(tekton);
    const noun = prefix === 'params' ? 'param' : 'result';
    const names = undeclared(vars.filter((r) => !known.has(r.name)).map((r) => r.name), noun);
    const declared = [...known].map((n) => `"${jsString(n)}"`).join(', ') || 'none';
    out.push({
      property,
      value: unknown.text,
      what: `refers to ${names.text}, which the StepAction does not declare (its ${noun === 'param' ? 'params' : 'results'} declares ${declared})`,
      tekton,
      fix: `Declare the ${noun}${names.several ? 's' : ''} in the StepAction's ${noun}s (${names.decl}), or refer to ${names.several ? 'ones' : 'one'} it declares.`,
    });
  }
  // validateVolumeMounts: each mount's name one $(params.<name>) and nothing else; Tekton stops at the first that is not
  const mounts = asArray(spec.volumeMounts);
  for (let j = 0; j < mounts.length; j++) {
    const v = mounts[j];
    if (!isObject(v)) continue;
    const name = str(v.name);
    const refs = prefixedVariables(name, 'params');
    if (refs.length === 1 && refs[0].text === name) continue;
    out.push({
      property: `spec.volumeMounts[${j}].name`,
      value: name,
      what: 'is not one $(params.<name>): Tekton\'s webhook takes a StepAction\'s volume mount\'s name from a param only (expect the Name to be a single param reference), '
        + 'which the step that runs the StepAction gives the name of a volume of its Task',
      tekton: `invalid value: ${name}: spec.volumeMounts[${j}].name`,
      fix: volumeMountFix(name, asArray(spec.params).map((p: any) => (isObject(p) ? p.name : undefined))),
    });
    break;
  }
  out.push(...stepActionTypeRefusals(spec, quoted));
  return out;
}

/** The keys of `properties` whose type, as the defaulting webhook sets it (`string` where none is written), is not `string`, sorted. */
function nonStringKeys(properties: unknown): string[] {
  if (!isObject(properties)) return [];
  return Object.keys(properties).filter((k) => {
    const t = isObject(properties[k]) ? properties[k].type : undefined;
    return typeof t === 'string' && t !== '' && t !== 'string';
  }).sort();
}

/**
 * Whether `properties` are none once the defaulting webhook writes the object back (`omitempty`: `properties: {}` is dropped, after it made
 * the param or result an object).
 */
const noProperties = (properties: unknown) => properties === undefined || properties === null
  || (isObject(properties) && Object.keys(properties).length === 0);

/** Go's `%s` of a `[]string` (`[a b]`). */
const goList = (names: readonly string[]) => `[${names.join(' ')}]`;

/**
 * What Tekton v1.15's webhook refuses in the params a spec at `root` declares, once its defaulting set their types (see param-types): a type
 * that is not `string`, `array` or `object`, a default of another type, an object param's key of another type than string
 * (`ValidateParameterTypes`), and (`propertiesAt`: a StepAction's and any Task spec's, `ValidateObjectParamsHaveProperties`) an object
 * param without `properties`, named at `<propertiesAt>.<name>.properties` as the webhook names it (a Pipeline's: at each pipeline task that
 * embeds a spec, sorted). `pipeline`: a Pipeline's params, each refusal located at the param (`param 'x'`).
 */
function paramTypeRefusals(
  declared: unknown, root: string, propertiesAt: string | readonly string[] | undefined, pipeline = false,
): PipelineRefusal[] {
  const out: PipelineRefusal[] = [];
  const params = asArray(declared).map((p: any, i: number) => ({ p, i })).filter(({ p }) => isObject(p) && typeof p.name === 'string')
    .map(({ p, i }) => ({ p, i, name: p.name as string, type: declaredParamType(p) }));
  for (const { p, i, name, type } of params) {
    const at = `${root}.params[${i}]`;
    // the paths Tekton names, sorted (a Pipeline's params are validated for its tasks and its finally tasks: one error, both paths)
    const prefixes = pipeline ? [`${root}.finally.params`, `${root}.tasks.params`] : [`${root}.params`];
    const path = (...fields: string[]) => fields.flatMap((x) => prefixes.map((pre) => goFieldPath(`${pre}.${name}.${x}`))).sort().join(', ');
    const given = paramValueType(p.default);
    if (!['string', 'array', 'object'].includes(type)) {
      out.push({
        ...(pipeline ? { location: `param '${jsString(name)}'` } : {}),
        property: `${at}.type`,
        value: type,
        what: 'is no type of a param: Tekton\'s params are string, array or object',
        tekton: `invalid value: ${type}: ${path('type')}`,
        fix: `Write type: string, array or object for the param ${jsString(name)}.`,
      });
    } else if (given !== undefined && given !== type) {
      // (a list or a map holding another value than a string is one string to Go, its JSON text)
      const text = given === 'string' && (Array.isArray(p.default) || isObject(p.default)) ? (Array.isArray(p.default) ? 'list' : 'map') : undefined;
      const asText = (x: unknown) => (typeof x === 'string' ? x : x === null ? '' : JSON.stringify(x));
      const quotedItems = Array.isArray(p.default) ? JSON.stringify(p.default.map(asText))
        : isObject(p.default) ? JSON.stringify(Object.fromEntries(Object.entries(p.default).map(([k, v]) => [k, asText(v)]))) : '';
      out.push({
        ...(pipeline ? { location: `param '${jsString(name)}'` } : {}),
        property: `${at}.default`,
        value: JSON.stringify(p.default),
        what: text === undefined
          ? `is ${given === 'array' ? 'an array' : `a ${given}`}, and the param's type is ${type}: Tekton's webhook requires a default of the param's type`
          : `is a ${text} holding another value than a string, which Tekton reads as one string (its JSON text), and the param's type is ${type}: `
            + 'Tekton\'s webhook requires a default of the param\'s type',
        tekton: `"${type}" type does not match default value's type: "${given}": ${path('default.type', 'type')}`,
        fix: text === undefined || text !== (type === 'array' ? 'list' : type === 'object' ? 'map' : '')
          ? `Give the param ${jsString(name)} a default of type ${type}, or declare it with type: ${given}.`
          : `Quote each ${text === 'list' ? 'item' : 'value'} of the param ${jsString(name)}'s default (default: ${quotedItems}), or declare it with type: string.`,
      });
    } else if (type === 'object' && nonStringKeys(p.properties).length > 0) {
      const keys = nonStringKeys(p.properties);
      out.push({
        ...(pipeline ? { location: `param '${jsString(name)}'` } : {}),
        property: `${at}.properties`,
        value: keys.join(', '),
        what: `declare${keys.length > 1 ? '' : 's'} ${keys.length > 1 ? 'keys' : 'a key'} of another type than string: an object param's keys are strings`,
        tekton: `The value type specified for these keys ${goList(keys)} is invalid: ${path('properties')}`,
        fix: `Declare the key${keys.length > 1 ? 's' : ''} ${keys.map((k) => jsString(k)).join(', ')} with type: string (or without a type).`,
      });
    }
    if (propertiesAt !== undefined && type === 'object' && noProperties(p.properties)) {
      out.push({
        ...(pipeline ? { location: `param '${jsString(name)}'` } : {}),
        property: `${at}.properties`,
        ...(isObject(p.properties) ? { value: '{}' } : {}),
        what: `${isObject(p.properties) ? 'declares no key' : 'is not given'}, and the param is of type object: Tekton's webhook requires an object param to declare its keys`,
        tekton: `missing field(s): ${[...new Set((typeof propertiesAt === 'string' ? [propertiesAt] : propertiesAt).map((under) => goFieldPath(`${under}.${name}.properties`)))].sort().join(', ')}`,
        fix: `Declare the keys of the param ${jsString(name)} (properties: { <key>: { type: string } }), or give it another type.`,
      });
    }
  }
  return out;
}

/**
 * What Tekton v1.15's webhook refuses in a StepAction's params and results beyond names (`StepActionSpec.Validate`, after `SetDefaults`): a param's
 * type that is not `string`, `array` or `object`, a default of another type, an object param whose `properties` are missing or not all strings
 * (`ValidateParameterTypes`, `ValidateObjectParamsHaveProperties`); param names Tekton cannot refer to (`ValidateNameFormat`); an array param
 * in `image`, `script`, an env value or a volume mount's name, or not alone in a `command` or `args` entry (`validateStepActionArrayUsage`); a
 * key of an object param its `properties` do not declare, and a whole object param anywhere (`ValidateObjectUsage`); a result whose name
 * or type Tekton refuses, or an object result without string `properties` (`ValidateStepResults`). `quoted` holds the errors already given.
 */
function stepActionTypeRefusals(spec: any, quoted: Set<string>): PipelineRefusal[] {
  const out: PipelineRefusal[] = [];
  const params = asArray(spec.params).map((p: any, i: number) => ({ p, i })).filter(({ p }) => isObject(p) && typeof p.name === 'string')
    .map(({ p, i }) => ({ p, i, name: p.name as string, type: declaredParamType(p) }));
  out.push(...paramTypeRefusals(spec.params, 'spec', 'spec'));
  // ValidateNameFormat: string and array params' names, then object params' names and keys (one error each)
  const badNames = [...new Set(params.filter((x) => x.type !== 'object' && !/^[_a-zA-Z][_a-zA-Z0-9.-]*$/.test(x.name)).map((x) => x.name))].sort();
  if (badNames.length > 0) {
    const first = params.find((x) => x.name === badNames[0])!;
    out.push({
      property: `spec.params[${first.i}].name`,
      value: badNames.join(', '),
      what: `${badNames.length > 1 ? 'are names' : 'is a name'} Tekton cannot refer to: a string or array param's name starts with a letter or _ and holds letters, digits, _, . and - only`,
      tekton: `The format of following array and string variable names is invalid: ${goList(badNames)}: spec.params`,
      fix: `Rename the param${badNames.length > 1 ? 's' : ''} ${badNames.map((n) => jsString(n)).join(', ')} (a letter or _, then letters, digits, _, . and -), and the references to ${badNames.length > 1 ? 'them' : 'it'}.`,
    });
  }
  const objectName = /^[_a-zA-Z][_a-zA-Z0-9-]*$/;
  const badObjects = new Map<string, string[]>();
  for (const x of params.filter((o) => o.type === 'object')) {
    const keys = isObject(x.p.properties) ? Object.keys(x.p.properties).filter((k) => !objectName.test(k)) : [];
    if (!objectName.test(x.name) || keys.length > 0) badObjects.set(x.name, [...(badObjects.get(x.name) ?? []), ...keys]);
  }
  if (badObjects.size > 0) {
    const names = [...badObjects.keys()].sort();
    const first = params.find((x) => x.name === names[0])!;
    out.push({
      property: `spec.params[${first.i}]`,
      value: names.join(', '),
      what: 'is an object param whose name or keys Tekton cannot refer to: an object param\'s name and keys start with a letter or _ and hold letters, digits, _ and - only',
      tekton: `Object param name and key name format is invalid: map[${names.map((n) => `${n}:${goList(badObjects.get(n)!)}`).join(' ')}]: spec.params`,
      fix: 'Rename the object param or its keys (a letter or _, then letters, digits, _ and -), and the references to them.',
    });
  }
  // the fields read for params' use, with the path Tekton names each by
  const fields: Array<[string, string, unknown, 'isolated' | 'whole']> = [['spec.image', 'spec.image', spec.image, 'whole'], ['spec.script', 'spec.script', spec.script, 'whole']];
  asArray(spec.command).forEach((c: unknown, j: number) => fields.push([`spec.command[${j}]`, `spec.command[${j}]`, c, 'isolated']));
  asArray(spec.args).forEach((a: unknown, j: number) => fields.push([`spec.args[${j}]`, `spec.args[${j}]`, a, 'isolated']));
  for (const e of asArray(spec.env)) if (isObject(e) && typeof e.name === 'string') fields.push([`spec.env[${e.name}]`, `spec.env[${e.name}].value`, e.value, 'whole']);
  asArray(spec.volumeMounts).forEach((v: any, j: number) => {
    if (isObject(v)) fields.push([`spec.volumeMounts[${j}]`, `spec.volumeMounts[${j}].name`, v.name, 'whole']);
  });
  const arrays = new Set(params.filter((x) => x.type === 'array').map((x) => x.name));
  const objects = params.filter((x) => x.type === 'object');
  const objectNames = new Set(objects.map((x) => x.name));
  const push = (r: PipelineRefusal) => {
    if (quoted.has(r.tekton)) return;
    quoted.add(r.tekton);
    out.push(r);
  };
  for (const [path, property, value, use] of fields) {
    if (typeof value !== 'string' || !value.includes('$(params')) continue;
    const vars = prefixedVariables(value, 'params');
    if (vars.some((r) => r.tooDeep)) continue;
    // validateStepActionArrayUsage: an array param in a string, or not alone in a command or args entry
    const array = vars.find((r) => arrays.has(r.raw.endsWith('[*]') ? r.raw.slice(0, -3) : r.raw));
    if (array !== undefined && (use === 'whole' || value !== vars[0].text)) {
      push({
        property,
        value: array.text,
        what: use === 'whole'
          ? `refers to the array param "${jsString(array.name)}" as a string: Tekton's webhook admits an array param in a StepAction's command and args only, each reference alone in its entry`
          : `refers to the array param "${jsString(array.name)}" with other text in one entry: Tekton's webhook admits an array param in command and args only as an entry of its own`,
        tekton: `${use === 'whole' ? 'variable type invalid' : 'variable is not properly isolated'} in ${q(value)}: ${path}`,
        fix: use === 'whole'
          ? `Refer to one element ($(params.${array.name}[0])), or pass the array in args (args: ["$(params.${array.name}[*])"]).`
          : `Give the reference an entry of its own (args: [..., "$(params.${array.name}[*])", ...]), or refer to one element ($(params.${array.name}[0])).`,
      });
    }
    // validateStepActionObjectUsageAsWhole: an object param whole, anywhere
    const whole = vars.find((r) => objectNames.has(r.whole.endsWith('[*]') ? r.whole.slice(0, -3) : r.whole));
    if (whole !== undefined) {
      const keys = Object.keys(objects.find((x) => x.name === whole.name)?.p.properties ?? {});
      push({
        property,
        value: whole.text,
        what: `refers to the object param "${jsString(whole.name)}" whole: Tekton's webhook admits only its keys in a StepAction ($(params.${whole.name}.<key>))`,
        tekton: `variable type invalid in ${q(value)}: ${path}`,
        fix: `Refer to a key of it ($(params.${whole.name}.${keys[0] ?? '<key>'})).`,
      });
    }
    // ValidateObjectUsage: a key an object param's properties do not declare
    for (const o of objects) {
      const refs = prefixedVariables(value, `params.${o.name}`);
      if (refs.length === 0 || refs.some((r) => r.tooDeep)) continue;
      const keys = new Set(isObject(o.p.properties) ? Object.keys(o.p.properties) : []);
      const unknown = refs.find((r) => !keys.has(r.name));
      if (unknown === undefined) continue;
      const declared = [...keys].map((k) => `"${jsString(k)}"`).join(', ') || 'none';
      push({
        property,
        value: unknown.text,
        what: `refers to the key "${jsString(unknown.name)}" of the object param "${jsString(o.name)}", whose properties do not declare it (they declare ${declared})`,
        tekton: `non-existent variable in ${q(value)}: ${path}`,
        fix: `Declare the key in the param's properties (${jsString(unknown.name)}: { type: string }), or refer to one it declares.`,
      });
    }
  }
  // ValidateStepResults: each result's name, its type, an object result's properties
  asArray(spec.results).forEach((r: any, i: number) => {
    if (!isObject(r) || typeof r.name !== 'string') return;
    const at = `spec.results[${i}]`;
    if (!/^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/.test(r.name)) {
      out.push({
        property: `${at}.name`,
        value: r.name,
        what: 'is no result name Tekton admits: letters, digits, -, _ and ., starting and ending with a letter or digit',
        tekton: `invalid key name ${q(r.name)}: ${at}.name`,
        fix: `Rename the result ${jsString(r.name)} (letters, digits, -, _ and ., a letter or digit at each end), and the references to it.`,
      });
      return;
    }
    const type = typeof r.type === 'string' && r.type !== '' ? r.type : (r.properties !== undefined && r.properties !== null ? 'object' : 'string');
    if (type === 'object') {
      if (noProperties(r.properties)) {
        out.push({
          property: `${at}.properties`,
          what: 'is not given, and the result is of type object: Tekton\'s webhook requires an object result to declare its keys',
          tekton: `missing field(s): ${goFieldPath(`${at}.${r.name}.properties`)}`,
          fix: `Declare the keys of the result ${jsString(r.name)} (properties: { <key>: { type: string } }), or give it another type.`,
        });
        return;
      }
      const keys = nonStringKeys(r.properties);
      if (keys.length > 0) {
        out.push({
          property: `${at}.properties`,
          value: keys.join(', '),
          what: `declare${keys.length > 1 ? '' : 's'} ${keys.length > 1 ? 'keys' : 'a key'} of another type than string: an object result's keys are strings`,
          tekton: `the value type specified for these keys ${goList(keys)} is invalid, the type must be string: ${goFieldPath(`${at}.${r.name}.properties`)}`,
          fix: `Declare the key${keys.length > 1 ? 's' : ''} ${keys.map((k) => jsString(k)).join(', ')} with type: string (or without a type).`,
        });
      }
    } else if (type !== 'string' && type !== 'array') {
      out.push({
        property: `${at}.type`,
        value: type,
        what: 'is no type of a result: Tekton\'s results are string, array or object',
        tekton: `invalid value: ${type}: ${at}.type`,
        fix: `Write type: string, array or object for the result ${jsString(r.name)}.`,
      });
    }
  });
  return out;
}

/** An env variable's name for a param's value in a fix: its name upper-cased, other characters than letters and digits as `_`. */
function envName(param: string): string {
  const name = param.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  return /^[A-Z_]/.test(name) ? name : `P_${name}`;
}

/**
 * The fix of a StepAction's volume mount whose name is not one `$(params.<name>)`, in the mount's words: a param of the name it has
 * (`volume` where that is no param name Tekton admits), declared unless the StepAction declares it, which the step that runs the
 * StepAction gives the name of one of its Task's volumes.
 */
function volumeMountFix(name: string, declared: unknown[]): string {
  const param = /^[a-zA-Z_][a-zA-Z0-9_-]*$/.test(name) ? name : 'volume';
  const write = `write name: $(params.${param})`;
  return `${declared.includes(param) ? `${write[0].toUpperCase()}${write.slice(1)}` : `Declare a param for the volume's name (params: [{ name: ${param} }]) and ${write}`}; `
    + `the step that runs the StepAction passes it the name of a volume of its Task (params: [{ name: ${param}, value: <volume> }]).`;
}
