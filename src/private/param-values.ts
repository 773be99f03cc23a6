/**
 * The values a task's param may take, as far as the manifests say: its default, and
 * the literal values the Pipelines, PipelineRuns and TaskRuns checked with it pass
 * (a pipeline param passed on is followed to its default and the runs' values).
 */
import { asArray } from './containers';
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
  const embedded = /^spec\.(pipelineSpec\.)?(tasks|finally)\[(\d+)\]\.taskSpec\./.exec(path);
  if (embedded && (manifest?.kind === 'Pipeline' || manifest?.kind === 'PipelineRun')) {
    const spec = embedded[1] ? manifest.spec?.pipelineSpec : manifest.spec;
    const pt = asArray(spec?.[embedded[2]])[Number(embedded[3])];
    add(passedBy([pt], param, spec, manifest, manifests));
  }
  if (manifest?.kind === 'TaskRun' && path.startsWith('spec.taskSpec.')) {
    const v = stringOf(asArray(manifest.spec?.params).find((p: any) => p?.name === param)?.value);
    if (v !== undefined && !v.includes('$(')) out.add(v);
  }
  return [...out];
}
