/**
 * Walks the containers of Tekton objects so that container rules can be written
 * once: Tasks, TaskRuns, Pipelines, PipelineRuns and StepActions, v1 and v1beta1,
 * with embedded task specs and pipeline specs at any depth (a pipeline task's
 * `taskSpec`, the `spec` of an embedded custom task, and a pipeline task's own
 * `pipelineSpec`).
 */

/** How deep embedded pipeline specs are followed; deeper ones are reported, never skipped silently. */
export const MAX_EMBEDDING_DEPTH = 8;

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
  /**
   * Whether `volumes` are the ones the container runs with: not for a StepAction,
   * whose volumes come from the Task that uses it.
   */
  readonly volumesKnown: boolean;
}

/** A task spec inside a manifest, with the prefixes of its containers' locations and targets. */
export interface EmbeddedSpec {
  readonly prefix: string;
  readonly targetPrefix: string;
  readonly spec: any;
}

/** Task specs inside a manifest, with a location prefix for messages. */
export function taskSpecsOf(manifest: any): EmbeddedSpec[] {
  const spec = manifest?.spec;
  if (!isObject(spec) || !isTekton(manifest)) return [];
  switch (manifest.kind) {
    case 'Task':
      return [{ prefix: '', targetPrefix: '', spec }];
    case 'TaskRun':
      return isObject(spec.taskSpec) ? [{ prefix: '', targetPrefix: '', spec: spec.taskSpec }] : [];
    case 'Pipeline':
      return embeddedTaskSpecs(spec, '', '', 0);
    case 'PipelineRun':
      return isObject(spec.pipelineSpec) ? embeddedTaskSpecs(spec.pipelineSpec, '', '', 0) : [];
    default:
      return [];
  }
}

/** Whether a manifest is a Tekton object (any version of tekton.dev). */
function isTekton(manifest: any): boolean {
  const apiVersion = manifest?.apiVersion;
  return apiVersion === undefined || (typeof apiVersion === 'string' && /^tekton\.dev\//.test(apiVersion));
}

function isObject(x: any): boolean {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

/**
 * The task specs a pipeline spec embeds: each task's `taskSpec` (and the `spec`
 * inside it, which an embedded custom task uses), and the task specs of a
 * pipeline task's own `pipelineSpec`, to any depth.
 */
function embeddedTaskSpecs(pipelineSpec: any, prefix: string, targetPrefix: string, depth: number): EmbeddedSpec[] {
  const out: EmbeddedSpec[] = [];
  for (const t of [...asArray(pipelineSpec?.tasks), ...asArray(pipelineSpec?.finally)]) {
    if (!isObject(t)) continue;
    const at = { prefix: `${prefix}task '${t.name}' `, targetPrefix: `${targetPrefix}task/${t.name}/` };
    if (isObject(t.taskSpec)) {
      out.push({ ...at, spec: t.taskSpec });
      if (isObject(t.taskSpec.spec)) out.push({ ...at, spec: t.taskSpec.spec });
    }
    if (isObject(t.pipelineSpec) && depth < MAX_EMBEDDING_DEPTH) {
      out.push(...embeddedTaskSpecs(t.pipelineSpec, at.prefix, at.targetPrefix, depth + 1));
    }
  }
  return out;
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
  // a StepAction is one step, defined apart from the Task that runs it
  if (manifest.kind === 'StepAction' && isTekton(manifest) && isObject(manifest.spec)) {
    const name = String(manifest.metadata?.name ?? '');
    out.push({ role: 'step', name, target: `step/${name}`, location: `stepAction '${name}'`, container: manifest.spec, effective: manifest.spec, volumes: [], volumesKnown: false });
    return out;
  }
  for (const { prefix, targetPrefix, spec } of taskSpecsOf(manifest)) {
    const volumes = asArray(spec.volumes);
    const template = spec.stepTemplate;
    if (template) {
      out.push({ role: 'stepTemplate', name: 'stepTemplate', target: `${targetPrefix}stepTemplate`, location: `${prefix}stepTemplate`, container: template, effective: template, volumes, volumesKnown: true });
    }
    for (const step of asArray(spec.steps)) {
      out.push({ role: 'step', name: step?.name ?? '', target: `${targetPrefix}step/${step?.name ?? ''}`, location: `${prefix}step '${step?.name ?? ''}'`, container: step, effective: mergeTemplate(template, step), volumes, volumesKnown: true });
    }
    for (const sidecar of asArray(spec.sidecars)) {
      out.push({ role: 'sidecar', name: sidecar?.name ?? '', target: `${targetPrefix}sidecar/${sidecar?.name ?? ''}`, location: `${prefix}sidecar '${sidecar?.name ?? ''}'`, container: sidecar, effective: sidecar, volumes, volumesKnown: true });
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

