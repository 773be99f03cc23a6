/**
 * Walks the containers of Tekton objects (Task, TaskRun, Pipeline, PipelineRun,
 * including embedded specs) so that container rules can be written once.
 */

/** One container as a rule sees it. */
export interface ContainerView {
  /** `step`, `sidecar` or `stepTemplate`. */
  readonly role: 'step' | 'sidecar' | 'stepTemplate';
  /** The container's name (`stepTemplate` for the template). */
  readonly name: string;
  /** Its relaxation target, e.g. `step/compile` or `task/build/step/compile` (see targets.ts). */
  readonly target: string;
  /** For messages, e.g. `task 'build' step 'compile'`. */
  readonly location: string;
  /** The container as written. */
  readonly container: any;
  /**
   * The container as Tekton runs it: for a step, the stepTemplate merged under
   * the step (the step wins field by field, securityContext and computeResources
   * merged one level deeper).
   */
  readonly effective: any;
  /** `spec.volumes` of the task the container belongs to. */
  readonly volumes: any[];
}

/** Task specs inside a manifest, with a location prefix for messages. */
export function taskSpecsOf(manifest: any): Array<{ prefix: string; targetPrefix: string; spec: any }> {
  const spec = manifest?.spec;
  if (!spec || typeof spec !== 'object') return [];
  switch (manifest.kind) {
    case 'Task':
      return [{ prefix: '', targetPrefix: '', spec }];
    case 'TaskRun':
      return spec.taskSpec ? [{ prefix: '', targetPrefix: '', spec: spec.taskSpec }] : [];
    case 'Pipeline':
      return embeddedTaskSpecs(spec);
    case 'PipelineRun':
      return spec.pipelineSpec ? embeddedTaskSpecs(spec.pipelineSpec) : [];
    default:
      return [];
  }
}

function embeddedTaskSpecs(pipelineSpec: any): Array<{ prefix: string; targetPrefix: string; spec: any }> {
  const tasks = [...asArray(pipelineSpec.tasks), ...asArray(pipelineSpec.finally)];
  return tasks
    .filter((t) => t?.taskSpec)
    .map((t) => ({ prefix: `task '${t.name}' `, targetPrefix: `task/${t.name}/`, spec: t.taskSpec.spec ?? t.taskSpec }));
}

/**
 * Container views of the manifest being evaluated: about ten rules read them for each
 * manifest. Only kept while one evaluation runs (see `evaluatingOnce`), so a manifest
 * changed between two evaluations is never judged on stale views.
 */
let cache: WeakMap<object, ContainerView[]> | undefined;

/** Runs `f` (every rule on one manifest) with the container views computed once. */
export function evaluatingOnce<T>(f: () => T): T {
  const outer = cache;
  cache = outer ?? new WeakMap();
  try {
    return f();
  } finally {
    cache = outer;
  }
}

/** Every step, sidecar and stepTemplate in a manifest. */
export function containersOf(manifest: any): ContainerView[] {
  if (!manifest || typeof manifest !== 'object') return [];
  const cached = cache?.get(manifest);
  if (cached) return cached;
  const out = collectContainers(manifest);
  cache?.set(manifest, out);
  return out;
}

function collectContainers(manifest: any): ContainerView[] {
  const out: ContainerView[] = [];
  for (const { prefix, targetPrefix, spec } of taskSpecsOf(manifest)) {
    const volumes = asArray(spec.volumes);
    const template = spec.stepTemplate;
    if (template) {
      out.push({ role: 'stepTemplate', name: 'stepTemplate', target: `${targetPrefix}stepTemplate`, location: `${prefix}stepTemplate`, container: template, effective: template, volumes });
    }
    for (const step of asArray(spec.steps)) {
      out.push({ role: 'step', name: step?.name ?? '', target: `${targetPrefix}step/${step?.name ?? ''}`, location: `${prefix}step '${step?.name ?? ''}'`, container: step, effective: mergeTemplate(template, step), volumes });
    }
    for (const sidecar of asArray(spec.sidecars)) {
      out.push({ role: 'sidecar', name: sidecar?.name ?? '', target: `${targetPrefix}sidecar/${sidecar?.name ?? ''}`, location: `${prefix}sidecar '${sidecar?.name ?? ''}'`, container: sidecar, effective: sidecar, volumes });
    }
  }
  return out;
}

function mergeTemplate(template: any, step: any): any {
  if (!template) return step;
  return {
    ...template,
    ...step,
    securityContext: mergeObjects(template.securityContext, step?.securityContext),
    computeResources: mergeObjects(template.computeResources, step?.computeResources),
    env: [...asArray(template.env), ...asArray(step?.env)],
    volumeMounts: [...asArray(template.volumeMounts), ...asArray(step?.volumeMounts)],
  };
}

function mergeObjects(a: any, b: any): any {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const out: any = { ...a };
  for (const [k, v] of Object.entries(b)) {
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && out[k] && typeof out[k] === 'object' ? { ...out[k], ...v } : v;
  }
  return out;
}

/** `x` if it is an array, else an empty one (rules must not crash on malformed YAML). */
export function asArray(x: any): any[] {
  return Array.isArray(x) ? x : [];
}

/** The object's name for findings. */
export function objectName(manifest: any): string {
  return manifest?.metadata?.name ?? manifest?.metadata?.generateName ?? '';
}

/** The podTemplate of a PipelineRun or TaskRun, with its property path. */
export function podTemplateOf(manifest: any): { path: string; template: any } | undefined {
  if (manifest?.kind === 'PipelineRun') return { path: 'taskRunTemplate.podTemplate', template: manifest.spec?.taskRunTemplate?.podTemplate };
  if (manifest?.kind === 'TaskRun') return { path: 'podTemplate', template: manifest.spec?.podTemplate };
  return undefined;
}
