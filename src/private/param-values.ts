/**
 * The values a task's param may take, as far as the manifests say: its default, and
 * the literal values the Pipelines, PipelineRuns and TaskRuns checked with it pass
 * (a pipeline param passed on is followed to its default and the runs' values).
 *
 * A pipeline spec's params come from whoever runs it: a Pipeline's from the PipelineRuns that name it (and, as a loop's
 * spec, from the PipelineLoops whose `pipelineRef` names it), a
 * PipelineRun's embedded spec from that run, a pipeline task's own `pipelineSpec` from that task's params alone
 * (Tekton gives its child PipelineRun those and only those), and a kfp-tekton PipelineLoop's from the CustomRun,
 * whose params are those of the pipeline task that runs the loop (its `taskSpec`, or a `taskRef` naming a
 * PipelineLoop object): the controller (getParameters) passes them on, but makes the iterated ones itself.
 */
import { apiGroupOf, asArray, isObject, isPipelineLoop, loopPipelineSpec, pipelineLoopsOf } from './containers';
import { manifestsOfKind } from './manifest-index';
import { mayShareNamespace } from './namespaces';

/** A string value of a param entry (`value` of a binding, `default` of a declaration). */
function stringOf(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** `$(params.x)` as the whole text: `x`. */
function wholeParam(text: string): string | undefined {
  return /^\$\(\s*params\.([A-Za-z0-9_.-]+)\s*\)$/.exec(text.trim())?.[1];
}

/** The values a param of a pipeline spec may take; `unknown` when some run may give one no manifest here says. */
interface Values {
  readonly values: readonly string[];
  readonly unknown: boolean;
}

const NONE: Values = { values: [], unknown: false };
const UNKNOWN: Values = { values: [], unknown: true };

function union(all: readonly Values[]): Values {
  return { values: [...new Set(all.flatMap((v) => v.values))], unknown: all.some((v) => v.unknown) };
}

/** Who gives a pipeline spec's params: the values of one of them. */
type Source = (param: string) => Values;

/** A source that reads a param it is already reading (a loop that runs itself) as unknown. */
function guarded(f: Source): Source {
  const busy = new Set<string>();
  return (param) => {
    if (busy.has(param)) return UNKNOWN;
    busy.add(param);
    try {
      return f(param);
    } finally {
      busy.delete(param);
    }
  };
}

/** The default a pipeline spec declares for a param, as values. */
function defaultOf(spec: any, param: string): Values {
  const def = stringOf(asArray(spec?.params).find((p: any) => p?.name === param)?.default);
  return def === undefined ? NONE : { values: [def], unknown: false };
}

/** A value written in a pipeline spec: a literal, what a whole `$(params.x)` of the spec may be, or unknown (another substitution, not a string). */
function valueIn(value: unknown, source: Source): Values {
  if (typeof value !== 'string') return UNKNOWN;
  const param = wholeParam(value);
  if (param !== undefined) return source(param);
  return value.includes('$(') ? UNKNOWN : { values: [value], unknown: false };
}

/** What the params of a pipeline task give a run of it for one param: its value in the spec that holds the task, else undefined. */
function passedTo(task: any, param: string, holder: Source): Values | undefined {
  const entry = asArray(task?.params).find((p: any) => p?.name === param);
  return entry === undefined ? undefined : valueIn(entry.value, holder);
}

/**
 * A Pipeline's params (the PipelineRuns checked with it that name it, their literal values, and the iterations of the
 * PipelineLoops checked with it that run it through their `pipelineRef`, `loops`) or a PipelineRun's embedded spec's
 * (its own values), with the spec's default; unknown where a run gives a substitution, or where neither a default nor
 * a run gives any value.
 */
function runSource(manifest: any, spec: any, manifests: readonly any[], propagated = false, loops: () => readonly Source[] = () => []): Source {
  return guarded((param) => {
    const name = manifest?.kind === 'Pipeline' ? manifest.metadata?.name : undefined;
    const runs = manifest?.kind === 'PipelineRun' ? [manifest]
      : manifestsOfKind(manifests, 'PipelineRun').filter((m) => name !== undefined && m.spec?.pipelineRef?.name === name && !m.spec?.pipelineRef?.resolver && mayShareNamespace(m, manifest));
    const out = [defaultOf(spec, param), ...loops().map((loop) => loop(param))];
    for (const run of runs) {
      const entry = asArray(run.spec?.params).find((p: any) => p?.name === param);
      if (entry !== undefined) out.push(typeof entry.value === 'string' && !entry.value.includes('$(') ? { values: [entry.value], unknown: false } : UNKNOWN);
    }
    const all = union(out);
    // no default and no run checked here that gives it: any run's value (propagated: none, the task's default stays)
    return all.values.length === 0 && !all.unknown ? (propagated ? NONE : UNKNOWN) : all;
  });
}

/** A pipeline task's own `pipelineSpec`: Tekton gives its child PipelineRun the task's params, and only those. */
function nestedSource(task: any, spec: any, holder: Source): Source {
  return guarded((param) => passedTo(task, param, holder) ?? defaultOf(spec, param));
}

/** The names of the params kfp-tekton's controller makes for each iteration of a loop (getParameters), and those it drops. */
function iterationParam(loopSpec: Record<string, any>, param: string): 'made' | 'dropped' | undefined {
  const iterate = typeof loopSpec.iterateParam === 'string' ? loopSpec.iterateParam : '';
  // the iteration's number, the element of iterateNumeric, and the iterated param: an element of its value, and
  // of a list of dictionaries one `<name>-subvar-<key>` param for each key
  for (const made of [loopSpec.iterationNumberParam, loopSpec.iterateNumeric]) {
    if (typeof made === 'string' && made !== '' && made === param) return 'made';
  }
  if (iterate !== '') {
    if (param === iterate || param.startsWith(`${iterate}-subvar-`)) return 'made';
    // the separator is read and not passed on
    if (typeof loopSpec.iterateParamSeparator === 'string' && loopSpec.iterateParamSeparator !== '' && param === loopSpec.iterateParamSeparator) return 'dropped';
    return undefined;
  }
  // without iterateParam the numeric bounds are read and not passed on
  return ['from', 'step', 'to'].includes(param) ? 'dropped' : undefined;
}

/**
 * A PipelineLoop's pipelineSpec: the PipelineRun of each iteration gets the CustomRun's params, which are those of the
 * pipeline task that runs the loop (`callers`, each with the source of the spec holding it), save the ones the controller
 * makes (their values unknown) or drops (the spec's default then). A loop object may also be run by a CustomRun no
 * manifest here makes: its default counts then, as a Pipeline's does. `propagated`: what the iteration's PipelineRun
 * substitutes into the spec of a pipeline task of the loop that passes no param of that name (as runSource's), none
 * (the task's default stays) where neither a caller, the controller nor the spec's default gives one.
 */
function loopSource(
  loopSpec: Record<string, any>, spec: any, callers: () => ReadonlyArray<{ task: any; holder: Source }>, standalone: boolean, propagated = false,
): Source {
  return guarded((param) => {
    const made = iterationParam(loopSpec, param);
    if (made === 'made') return UNKNOWN;
    const def = defaultOf(spec, param);
    if (made === 'dropped') return def;
    const out = callers().map(({ task, holder }) => passedTo(task, param, holder) ?? def);
    const all = union(standalone || out.length === 0 ? [def, ...out] : out);
    // no default and no caller here that gives it: any CustomRun's value (propagated: none, the task's default stays)
    return all.values.length === 0 && !all.unknown && propagated ? NONE : all.values.length === 0 ? UNKNOWN : all;
  });
}

/** A pipeline spec in a manifest, with its JSON path and who gives its params. */
interface SpecPlace {
  readonly spec: any;
  readonly path: string;
  readonly source: Source;
  /**
   * What Tekton substitutes into the spec of a pipeline task of it that passes no param of a name
   * (pipelinerun/resources/apply.go `propagateParams`, Tekton v1.15): the pipeline level's value of
   * that name, a run's whether the pipeline declares it or not; none (the task's default) where
   * nothing here gives one; in a PipelineLoop's spec, the iteration's PipelineRun's (loopSource).
   */
  readonly propagated?: Source;
}

/** A pipeline task's `taskRef` to a PipelineLoop object (`custom.tekton.dev`, kind PipelineLoop, no resolver): its name. */
function loopRefName(task: any): string | undefined {
  const ref = task?.taskRef;
  if (!isObject(ref) || ref.kind !== 'PipelineLoop' || apiGroupOf(ref.apiVersion) !== 'custom.tekton.dev' || ref.resolver) return undefined;
  return typeof ref.name === 'string' ? ref.name : undefined;
}

/** Reads the pipeline specs of the manifests checked together, with their sources (made once per paramValues call). */
class Specs {
  private readonly places = new Map<any, SpecPlace[]>();

  constructor(private readonly manifests: readonly any[]) {}

  /** The pipeline specs of a manifest and of every pipeline task's `pipelineSpec` and PipelineLoop in it, to any depth. */
  of(manifest: any): SpecPlace[] {
    const known = this.places.get(manifest);
    if (known) return known;
    const out: SpecPlace[] = [];
    this.places.set(manifest, out);
    const spec = manifest?.spec;
    if (isPipelineLoop(manifest)) {
      const loop = loopPipelineSpec(manifest);
      const callers = () => this.callersOf(manifest);
      if (loop !== undefined) {
        this.walk(loop, 'spec.pipelineSpec', loopSource(manifest.spec, loop, callers, true), new Set([loop]), out, loopSource(manifest.spec, loop, callers, true, true));
      }
    } else if (manifest?.kind === 'Pipeline' && isObject(spec)) {
      const loops = (propagated: boolean) => {
        let made: Source[] | undefined;
        return () => (made ??= this.loopsRunning(manifest, spec, propagated));
      };
      this.walk(spec, 'spec', runSource(manifest, spec, this.manifests, false, loops(false)), new Set([spec]), out, runSource(manifest, spec, this.manifests, true, loops(true)));
    } else if (manifest?.kind === 'PipelineRun' && isObject(spec?.pipelineSpec)) {
      this.walk(spec.pipelineSpec, 'spec.pipelineSpec', runSource(manifest, spec.pipelineSpec, this.manifests), new Set([spec.pipelineSpec]), out,
        runSource(manifest, spec.pipelineSpec, this.manifests, true));
    }
    return out;
  }

  private walk(spec: any, path: string, source: Source, within: ReadonlySet<any>, out: SpecPlace[], propagated?: Source): void {
    out.push({ spec, path, source, propagated });
    const tasks = [
      ...asArray(spec?.tasks).map((task, i) => ({ task, path: `${path}.tasks[${i}]` })),
      ...asArray(spec?.finally).map((task, i) => ({ task, path: `${path}.finally[${i}]` })),
    ];
    for (const { task, path: taskPath } of tasks) {
      if (!isObject(task)) continue;
      const nested = task.pipelineSpec;
      if (isObject(nested) && !within.has(nested)) {
        const nestedParams = nestedSource(task, nested, source);
        this.walk(nested, `${taskPath}.pipelineSpec`, nestedParams, new Set([...within, nested]), out, nestedParams);
      }
      const loop = loopPipelineSpec(task.taskSpec);
      if (loop !== undefined && !within.has(loop)) {
        const callers = [{ task, holder: source }];
        this.walk(loop, `${taskPath}.taskSpec.spec.pipelineSpec`, loopSource(task.taskSpec.spec, loop, () => callers, false), new Set([...within, loop]), out,
          loopSource(task.taskSpec.spec, loop, () => callers, false, true));
      }
    }
  }

  /**
   * The PipelineLoops, in the manifests that may share the Pipeline's namespace, whose `pipelineRef` names it, each as
   * the source of its iterations' params (loopSource over the Pipeline's spec): a loop object's callers, or the
   * pipeline task whose `taskSpec` the loop is, with the source of the spec that holds it.
   */
  private loopsRunning(pipeline: any, spec: any, propagated: boolean): Source[] {
    const name = pipeline.metadata?.name;
    const out: Source[] = [];
    for (const m of this.manifests) {
      if (typeof name !== 'string' || !mayShareNamespace(m, pipeline)) continue;
      for (const { loop, path } of pipelineLoopsOf(m)) {
        const ref = loop.spec.pipelineRef;
        if (!isObject(ref) || ref.name !== name || ref.resolver) continue;
        if (path === '') {
          out.push(loopSource(loop.spec, spec, () => this.callersOf(m), true, propagated));
          continue;
        }
        const at = /^(.*)\.(tasks|finally)\[(\d+)\]\.taskSpec$/.exec(path);
        const place = at === null ? undefined : this.of(m).find((p) => p.path === at[1]);
        const task = place === undefined ? undefined : asArray(place.spec?.[at![2]])[Number(at![3])];
        // a loop whose caller is not followed here: any CustomRun's values
        const callers = place === undefined || !isObject(task) ? undefined : () => [{ task, holder: place.source }];
        out.push(callers === undefined ? () => UNKNOWN : loopSource(loop.spec, spec, callers, false, propagated));
      }
    }
    return out;
  }

  /** The pipeline tasks, in the manifests that may share the loop object's namespace, whose `taskRef` names it. */
  private callersOf(loop: any): Array<{ task: any; holder: Source }> {
    const name = loop?.metadata?.name;
    if (typeof name !== 'string') return [];
    const out: Array<{ task: any; holder: Source }> = [];
    for (const m of this.manifests) {
      if (!mayShareNamespace(m, loop)) continue;
      for (const place of this.of(m)) {
        for (const task of [...asArray(place.spec?.tasks), ...asArray(place.spec?.finally)]) {
          if (loopRefName(task) === name) out.push({ task, holder: place.source });
        }
      }
    }
    return out;
  }
}

/** What a TaskRun gives a param: its literal value, unknown for a substitution Tekton fills in (or not a string), undefined when it gives none. */
function runValue(run: any, param: string): Values | undefined {
  const entry = asArray(run.spec?.params).find((p: any) => p?.name === param);
  if (entry === undefined) return undefined;
  return typeof entry.value === 'string' && !entry.value.includes('$(') ? { values: [entry.value], unknown: false } : UNKNOWN;
}

/**
 * The values param `param` of the task spec holding a container may take.
 * @param manifest the manifest holding the container
 * @param path the container's JSON path in it (e.g. `spec.tasks[1].taskSpec.steps[0]`)
 * @param declared the params the task spec declares
 */
export function paramValues(manifest: any, path: string, declared: readonly any[], param: string, manifests: readonly any[]): string[] {
  const specs = new Specs(manifests);
  const found: Values[] = [];
  const def = stringOf(declared.find((p: any) => p?.name === param)?.default);
  if (def !== undefined) found.push({ values: [def], unknown: false });
  // a Task without a name (a name that is not a string) is referred to by nothing
  const name = manifest?.metadata?.name;
  if (manifest?.kind === 'Task' && path.startsWith('spec.steps') && typeof name === 'string') {
    const refers = (pt: any) => isObject(pt) && pt.taskRef?.name === name && !pt.taskRef.resolver && (pt.taskRef.kind ?? 'Task') === 'Task';
    for (const m of manifests) {
      if (!mayShareNamespace(m, manifest)) continue;
      for (const place of specs.of(m)) {
        for (const pt of [...asArray(place.spec?.tasks), ...asArray(place.spec?.finally)].filter(refers)) {
          const v = passedTo(pt, param, place.source);
          if (v !== undefined) found.push(v);
        }
      }
      if (m?.kind === 'TaskRun' && m.spec?.taskRef?.name === name && !m.spec.taskRef.resolver) {
        const v = runValue(m, param);
        if (v !== undefined) found.push(v);
      }
    }
  }
  // the innermost pipeline task whose taskSpec holds the container, in the pipeline spec that holds that task
  const embedded = /^(.*)\.(tasks|finally)\[(\d+)\]\.taskSpec\./.exec(path);
  const place = embedded === null ? undefined : specs.of(manifest).find((p) => p.path === embedded[1]);
  if (embedded !== null && place !== undefined) {
    const pt = asArray(place.spec?.[embedded[2]])[Number(embedded[3])];
    const v = passedTo(pt, param, place.source);
    if (v !== undefined) found.push(v);
    // a param the pipeline task does not pass (a matrix's included: Tekton substitutes before it fans out): the pipeline level's
    else if (place.propagated !== undefined) found.push(place.propagated(param));
  }
  if (manifest?.kind === 'TaskRun' && path.startsWith('spec.taskSpec.')) {
    const v = runValue(manifest, param);
    if (v !== undefined) found.push(v);
  }
  const all = union(found);
  // a value some run chooses that no manifest here gives: none is known (never a default it may override)
  return all.unknown ? [] : [...all.values];
}
