/**
 * The values a task spec's params take where a caller runs it (a pipeline task's or a TaskRun's `params`, its pipeline's params
 * and a PipelineRun's, a StepAction's step), as Tekton v1.15 substitutes them; and the image a container takes from them
 * (`image: $(params.BUILDER_IMAGE)`), with the clause that says where it comes from. Read by CREDENTIALS_WITH_REPO_CODE (the
 * builder a step runs) and DEPLOY_VERIFIED_IMAGE (the image whose entrypoint a step's args run).
 */
import { asArray, isObject } from './containers';
import { paramUses, wholeParamName } from './substitutions';
import { jsString } from './text';

/** Who runs a task spec and the params it gives it: a pipeline task's `params` (and `matrix`), a TaskRun's `params`. */
export interface Caller {
  /** The caller, for a message: `pipeline task 'build'`, `the TaskRun`. */
  readonly by: string;
  readonly params: unknown;
  readonly matrix?: unknown;
  /** A pipeline task's pipeline: the params it declares, and those its PipelineRun gives where that run is known. */
  readonly pipeline?: PipelineLevel;
  /** Whether the task spec is embedded in the pipeline task (`taskSpec`): Tekton puts the pipeline's params into it. */
  readonly embedded?: boolean;
  /**
   * A step that runs a StepAction (the spec): the values of the task's params, which Tekton puts into the step's `params` first
   * (taskrun/resources/apply.go `applyStepActionParameters`: the TaskRun's values, else the task's defaults).
   */
  readonly task?: (name: string) => Taken | undefined;
}

/** The params of a pipeline spec as its pipeline tasks see them (Tekton's pipeline-level substitution). */
export interface PipelineLevel {
  /** The pipeline's `params`, as declared. */
  readonly declared: unknown;
  /** The PipelineRun's `params`; undefined where no run is known (a Pipeline: any PipelineRun may give any value). */
  readonly run?: unknown;
  /**
   * The run whose `params` are `run`, for a message, where it is not the PipelineRun of this manifest: `PipelineRun 'release'` (among
   * the objects, it refers to the Pipeline), `the child PipelineRun of pipeline task 'ci'` (a pipeline in a pipeline).
   */
  readonly runBy?: string;
}

/** The caller of a pipeline task's spec, in a pipeline spec with params `declared` run by a PipelineRun with params `run` (undefined: not known). */
export const taskCaller = (t: any, declared?: unknown, run?: unknown, runBy?: string): Caller => ({
  by: `pipeline task '${jsString(t?.name)}'`,
  params: t?.params,
  matrix: t?.matrix,
  pipeline: { declared, run, ...runBy === undefined ? {} : { runBy } },
  embedded: isObject(t?.taskSpec),
});

/** An image a container takes from a param of its task spec (`image: $(params.BUILDER_IMAGE)`), as a run gets it. */
export interface ImageParam {
  /** The image as written, `$(params.BUILDER_IMAGE)`. */
  readonly written: string;
  /** The image the param gives. */
  readonly value: string;
  /** How the container takes it, a clause for a message: `takes the task's default of "BUILDER_IMAGE", "…"`. */
  readonly takes: string;
}

/** A constant image: a string with no substitution left. */
export const constantImage = (v: unknown): v is string => typeof v === 'string' && v !== '' && !v.includes('$(');

/** A constant text: a string with no substitution left (empty or not). */
export const constantText = (v: unknown): v is string => typeof v === 'string' && !v.includes('$(');

/** A value a param takes, and where it comes from: a clause for a message (`the task's default of "X", "…", unless …`). */
export interface Taken {
  readonly value: string;
  readonly clause: string;
  /** Where a run not known may give another value: `, unless its PipelineRun passes another value for it`. */
  readonly unless?: string;
}

/** A value's clause for a message, with its `unless`. */
export const takenSaid = (t: Taken): string => `${t.clause}${t.unless ?? ''}`;

/** What `list` (a list of params) names `name`. */
export const namedParam = (list: unknown, name: string): any => asArray(list).find((p) => isObject(p) && p.name === name);

/**
 * The value a pipeline spec's `$(params.<name>)` takes (pipelinerun/resources/apply.go `ApplyParameters`): the PipelineRun's,
 * else the pipeline's default (where no run is known, any run may give another); a default that refers to other params
 * (`$(params.registry)/kaniko-project/executor`) with their values in place, as Tekton v1.15 resolves it (`resolveStringParamRecursively`:
 * the run's value, else the default, in turn, at most 10 levels). Undefined where the pipeline level replaces nothing for it; null
 * where it does, with no constant string.
 */
export function pipelineValue(level: PipelineLevel | undefined, name: string, depth = 0): Taken | null | undefined {
  if (level === undefined) return undefined;
  const given = level.run === undefined ? undefined : namedParam(level.run, name);
  if (given !== undefined) {
    if (!constantText(given.value)) return null;
    return {
      value: given.value,
      clause: level.runBy === undefined ? `the PipelineRun's value of "${name}", ${JSON.stringify(given.value)}`
        : `the value ${level.runBy} passes for "${name}", ${JSON.stringify(given.value)}`,
    };
  }
  const declared = namedParam(level.declared, name);
  if (declared?.default === undefined) return undefined;
  if (typeof declared.default !== 'string') return null;
  const unless = level.run === undefined ? { unless: ', unless its PipelineRun passes another value for it' } : {};
  const clause = `the pipeline's default of "${name}", ${JSON.stringify(declared.default)}`;
  if (constantText(declared.default)) return { value: declared.default, clause, ...unless };
  // (a param it refers to that has no value, or refers back to it, fails the PipelineRun: not known)
  if (depth >= 10) return null;
  const at = substituted(declared.default, (other) => (other === name ? null : pipelineValue(level, other, depth + 1)));
  if (at === undefined) return null;
  const where = at.pieces.map((piece) => `${piece.text} is ${piece.taken.clause}`).join('; ');
  return { value: at.value, clause: `${clause}, which is ${JSON.stringify(at.value)} where ${where}`, ...unless };
}

/**
 * The value of a task spec's param default that refers to other params (`$(params.REGISTRY)/kaniko-project/executor`), as Tekton
 * v1.15 resolves it (taskrun/resources/apply.go `replacementsFromDefaultParams`): with the defaults alone, never a value the caller
 * passes for the param it refers to; the params without such a reference first, then those with one in the order declared (one may
 * take one resolved before it); of its `$(params.<name>)` references (the dot form alone), each whose param has a value so far
 * replaces the last value with the default's text where it alone is replaced, so that with several only the last stays.
 * Undefined where none resolves it, and for a default that refers to no param.
 */
function referringDefault(spec: any, name: string): { readonly value: string; readonly from: string; readonly fromValue: string } | undefined {
  const params = asArray(spec?.params).filter(isObject).filter((p) => typeof p.name === 'string' && (p.type === undefined || p.type === 'string'));
  const refers = (p: any) => typeof p.default === 'string' && p.default.includes('$(params.');
  const values = new Map<string, string>(params.filter((p) => typeof p.default === 'string' && !refers(p)).map((p) => [p.name, p.default]));
  const resolved = new Map<string, { value: string; from: string; fromValue: string }>();
  for (const p of params.filter(refers)) {
    for (const use of paramUses(p.default)) {
      if (!use.text.startsWith('$(params.') || use.star || use.index !== undefined || use.key !== undefined) continue;
      const value = values.get(use.name);
      if (value === undefined) continue;
      const out = p.default.split(use.text).join(value);
      values.set(p.name, out);
      resolved.set(p.name, { value: out, from: use.name, fromValue: value });
    }
  }
  return resolved.get(name);
}

/** A text with the values of its params in place, and where each comes from. */
export interface Substituted {
  readonly value: string;
  /** Each substitution (its first place), with its value: `$(params.x)`, the task's default of "x". */
  readonly pieces: ReadonlyArray<{ readonly text: string; readonly taken: Taken }>;
}

/** The clauses of a text's substitutions, for a message: `$(params.x) is the task's default of "x", "…"; $(params.y) is …`. */
export const piecesSaid = (s: Substituted): string => s.pieces.map((p) => `${p.text} is ${takenSaid(p.taken)}`).join('; ');

/**
 * `text` with each param substitution in it replaced by what `value` gives for its name, with the clauses of the values
 * (`$(params.x)`, `$(params["x"])`, `$(params['x'])`); undefined where one is not a whole string param's, where `value` gives
 * none, or where another substitution is left.
 */
export function substituted(text: string, value: (name: string) => Taken | null | undefined): Substituted | undefined {
  const pieces: Array<{ text: string; taken: Taken }> = [];
  let out = text;
  for (const use of paramUses(text)) {
    if (pieces.some((p) => p.text === use.text)) continue;
    const taken = use.star || use.index !== undefined || use.key !== undefined ? undefined : value(use.name);
    if (taken === undefined || taken === null) return undefined;
    out = out.split(use.text).join(taken.value);
    pieces.push({ text: use.text, taken });
  }
  return out.includes('$(') ? undefined : { value: out, pieces };
}

/**
 * The value the task param `name` of `spec` takes where `caller` runs it (a `noun` for a message: `image`, `value`): the constant
 * the caller passes, or the text it passes with its pipeline's params in place (the PipelineRun's value, else the pipeline's
 * default); else the param's default. Undefined where it is not known (a matrix, no default, a value that is no constant).
 */
export function taskValue(spec: any, caller: Caller | undefined, name: string, noun: string, depth = 0): Taken | undefined {
  const matrix = isObject(caller?.matrix) ? caller!.matrix as any : {};
  // a matrix gives each of its TaskRuns its own value
  const inMatrix = [...asArray(matrix.params), ...asArray(matrix.include).flatMap((i) => asArray(i?.params))];
  if (inMatrix.some((p) => isObject(p) && p.name === name)) return undefined;
  const given = namedParam(caller?.params, name);
  if (given !== undefined) {
    if (constantText(given.value)) return { value: given.value, clause: `the ${noun} ${caller!.by} passes for "${name}", ${JSON.stringify(given.value)}` };
    if (typeof given.value !== 'string' || (caller?.pipeline === undefined && caller?.task === undefined)) return undefined;
    // the pipeline level substitutes the pipeline task's params first; the task's params a step's params for its StepAction
    const at = substituted(given.value, (p) => (caller.task !== undefined ? caller.task(p) : pipelineValue(caller.pipeline, p)));
    if (at === undefined) return undefined;
    return {
      value: at.value,
      clause: wholeParamName(given.value) !== undefined
        ? `the ${noun} ${caller.by} passes for "${name}", ${given.value}, ${takenSaid(at.pieces[0].taken)}`
        : `the ${noun} ${caller.by} passes for "${name}", ${JSON.stringify(given.value)}, which is ${JSON.stringify(at.value)} where ${piecesSaid(at)}`,
    };
  }
  // an embedded spec: Tekton puts the pipeline's params in place of its own of the same name (apply.go `propagateParams`): a
  // PipelineRun's, declared by the pipeline or not, else the pipeline's default
  if (caller?.embedded === true) {
    const level = pipelineValue(caller.pipeline, name);
    if (level === null) return undefined;
    if (level !== undefined) return { ...level, clause: `${level.clause}, which Tekton puts in place of the param in the embedded taskSpec of ${caller.by}` };
  }
  const declared = namedParam(spec?.params, name);
  const unless = `, unless its caller passes another ${noun} for it`;
  if (caller?.task !== undefined) return stepActionDefault(spec, caller, name, declared, unless, depth);
  if (declared !== undefined && typeof declared.default === 'string' && !constantText(declared.default)) {
    // a default that refers to another param: Tekton fills it from that param's default
    const referring = referringDefault(spec, name);
    return referring === undefined ? undefined : {
      value: referring.value,
      clause: `the task's default of "${name}", ${JSON.stringify(declared.default)}, which Tekton fills from the default of "${referring.from}", `
        + `${JSON.stringify(referring.fromValue)} (not from a value its caller passes for "${referring.from}"): ${JSON.stringify(referring.value)}`,
      unless,
    };
  }
  if (declared === undefined || !constantText(declared.default)) return undefined;
  return { value: declared.default, clause: `the task's default of "${name}", ${JSON.stringify(declared.default)}`, unless };
}

/**
 * The default of a StepAction's param a step does not pass (taskrun/resources/apply.go `applyStepActionParameters`): one that refers
 * to other params of the StepAction takes their values (those the step passes, else their defaults, in turn; a reference to itself
 * or to a param without a value fails the TaskRun: not known).
 */
function stepActionDefault(spec: any, caller: Caller, name: string, declared: any, unless: string, depth: number): Taken | undefined {
  if (declared === undefined || typeof declared.default !== 'string') return undefined;
  const clause = `the StepAction's default of "${name}", ${JSON.stringify(declared.default)}`;
  if (constantText(declared.default)) return { value: declared.default, clause, unless };
  if (depth >= 10) return undefined;
  const at = substituted(declared.default, (other) => (other === name ? null : taskValue(spec, caller, other, 'value', depth + 1)));
  if (at === undefined) return undefined;
  const where = at.pieces.map((piece) => `${piece.text} is ${piece.taken.clause}`).join('; ');
  return { value: at.value, clause: `${clause}, which is ${JSON.stringify(at.value)} where ${where}`, unless };
}

/**
 * The image `container` takes from params of `spec` (IMAGE_DIGEST's reading of `$(params.x)`), the whole image or params among
 * its text: the constant the caller gives (a pipeline task's or a TaskRun's `params`), or the text it gives with its pipeline's
 * params in place (the PipelineRun's value, else the pipeline's default), else, where it gives none, a PipelineRun's param of the
 * name (an embedded spec), else the param's default. Undefined where the image holds no param, where a value is not known (a
 * pipeline param without a default, a matrix, a param without a constant default), and where another substitution is left.
 */
export function imageFromParam(container: any, spec: any, caller: Caller | undefined): ImageParam | undefined {
  const image = container?.image;
  const param = wholeParamName(image);
  if (param !== undefined) {
    const taken = taskValue(spec, caller, param, 'image');
    return taken !== undefined && constantImage(taken.value) ? { written: image, value: taken.value, takes: `takes ${takenSaid(taken)}` } : undefined;
  }
  // params among other text (`$(params.REGISTRY)/kaniko-project/executor:v1.9`): each value in place, as Tekton writes it
  if (typeof image !== 'string' || paramUses(image).length === 0) return undefined;
  const at = substituted(image, (name) => taskValue(spec, caller, name, 'value'));
  return at !== undefined && constantImage(at.value)
    ? { written: image, value: at.value, takes: `takes the image ${JSON.stringify(at.value)}, where ${piecesSaid(at)}` }
    : undefined;
}
