/**
 * The values a task's param may take, as far as the manifests say: its default, and
 * the literal values the Pipelines, PipelineRuns and TaskRuns checked with it pass
 * (a pipeline param passed on is followed to its default and the runs' values).
 */
import { asArray, isObject, isPipelineLoop, pipelineLoopsOf } from './containers';
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

/** A literal, or what a whole `$(params.x)` of the pipeline may be; nothing for other substitutions. */
function pipelineValue(text: string, pipelineSpec: any, pipeline: any, manifests: readonly any[]): string[] {
  const param = wholeParam(text);
  if (param === undefined) return text.includes('$(') ? [] : [text];
  const out: string[] = [];
  const def = stringOf(asArray(pipelineSpec?.params).find((p: any) => p?.name === param)?.default);
  if (def !== undefined) out.push(def);
  if (pipeline === undefined) return out;
  const name = pipeline?.kind === 'Pipeline' ? pipeline.metadata?.name : undefined;
  const runs = pipeline?.kind === 'PipelineRun' ? [pipeline]
    : manifestsOfKind(manifests, 'PipelineRun').filter((m) => name !== undefined && m.spec?.pipelineRef?.name === name && !m.spec?.pipelineRef?.resolver && mayShareNamespace(m, pipeline));
  for (const run of runs) {
    const v = stringOf(asArray(run.spec?.params).find((p: any) => p?.name === param)?.value);
    if (v !== undefined && !v.includes('$(')) out.push(v);
  }
  return out;
}

/** What the pipeline tasks of a pipeline spec that run a task pass for one param. */
function passedBy(pipelineTasks: any[], param: string, pipelineSpec: any, owner: any, manifests: readonly any[]): string[] {
  return pipelineTasks.flatMap((pt) => {
    const v = stringOf(asArray(pt?.params).find((p: any) => p?.name === param)?.value);
    return v === undefined ? [] : pipelineValue(v, pipelineSpec, owner, manifests);
  });
}

/**
 * The values param `param` of the task spec holding a container may take.
 * @param manifest the manifest holding the container
 * @param path the container's JSON path in it (e.g. `spec.tasks[1].taskSpec.steps[0]`)
 * @param declared the params the task spec declares
 */
export function paramValues(manifest: any, path: string, declared: readonly any[], param: string, manifests: readonly any[]): string[] {
  const out = new Set<string>();
  const def = stringOf(declared.find((p: any) => p?.name === param)?.default);
  if (def !== undefined) out.add(def);
  const add = (values: string[]) => values.forEach((v) => out.add(v));
  // a Task without a name (a name that is not a string) is referred to by nothing
  const name = manifest?.metadata?.name;
  if (manifest?.kind === 'Task' && path.startsWith('spec.steps') && typeof name === 'string') {
    const refers = (pt: any) => pt?.taskRef?.name === name && !pt.taskRef.resolver && (pt.taskRef.kind ?? 'Task') === 'Task';
    for (const m of manifests) {
      // the pipelineSpec of a PipelineLoop (kfp-tekton) in it: its params are a CustomRun's, which no manifest here gives
      for (const { loop } of mayShareNamespace(m, manifest) ? pipelineLoopsOf(m) : []) {
        const spec = loop.spec.pipelineSpec;
        add(passedBy([...asArray(spec?.tasks), ...asArray(spec?.finally)].filter(refers), param, spec, undefined, manifests));
      }
      if ((m?.kind !== 'Pipeline' && m?.kind !== 'PipelineRun' && m?.kind !== 'TaskRun') || !mayShareNamespace(m, manifest)) continue;
      if (m?.kind === 'Pipeline' || m?.kind === 'PipelineRun') {
        const spec = m.kind === 'Pipeline' ? m.spec : m.spec?.pipelineSpec;
        const tasks = [...asArray(spec?.tasks), ...asArray(spec?.finally)].filter(refers);
        add(passedBy(tasks, param, spec, m, manifests));
      } else if (m?.kind === 'TaskRun' && m.spec?.taskRef?.name === name && !m.spec.taskRef.resolver) {
        const v = stringOf(asArray(m.spec?.params).find((p: any) => p?.name === param)?.value);
        if (v !== undefined && !v.includes('$(')) out.add(v);
      }
    }
  }
  // the innermost pipeline task whose taskSpec holds the container, and the pipeline spec that holds that task
  const embedded = /^(.*)\.(tasks|finally)\[(\d+)\]\.taskSpec\./.exec(path);
  const top = manifest?.kind === 'Pipeline' ? 'spec' : manifest?.kind === 'PipelineRun' || isPipelineLoop(manifest) ? 'spec.pipelineSpec' : undefined;
  // a PipelineLoop's (kfp-tekton) pipelineSpec, an object of that kind or a pipeline task's custom task spec: its
  // params are the CustomRun's, which no manifest here gives (a pipeline spec nested in a task is not followed)
  const inLoop = embedded !== null && (isPipelineLoop(manifest) ? embedded[1] === top : /\.taskSpec\.spec\.pipelineSpec$/.test(embedded[1]));
  if (embedded && top !== undefined && (embedded[1] === top || inLoop)) {
    const spec = valueAt(manifest, embedded[1]);
    const pt = asArray(spec?.[embedded[2]])[Number(embedded[3])];
    add(passedBy([pt], param, spec, inLoop ? undefined : manifest, manifests));
  }
  if (manifest?.kind === 'TaskRun' && path.startsWith('spec.taskSpec.')) {
    const v = stringOf(asArray(manifest.spec?.params).find((p: any) => p?.name === param)?.value);
    if (v !== undefined && !v.includes('$(')) out.add(v);
  }
  return [...out];
}

/** The node at a path of the form `spec.tasks[0].taskSpec.spec.pipelineSpec` (keys and list indexes). */
function valueAt(root: any, path: string): any {
  let node = root;
  for (const part of path.split('.')) {
    const m = /^([^[]+)((?:\[\d+\])*)$/.exec(part);
    if (!m) return undefined;
    node = isObject(node) ? node[m[1]] : undefined;
    for (const i of m[2].match(/\d+/g) ?? []) node = Array.isArray(node) ? node[Number(i)] : undefined;
  }
  return node;
}
