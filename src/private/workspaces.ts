/**
 * Workspace bindings of runs.
 */
import { asArray } from './containers';

/** Volume sources whose content is secret: a workspace bound to one carries credentials. */
const SECRET_SOURCES = ['secret', 'csi', 'projected'];

/** Whether a run's workspace binding mounts secret content. */
export function bindsSecret(binding: any): boolean {
  return binding !== null && typeof binding === 'object' && SECRET_SOURCES.some((s) => binding[s] !== undefined);
}

const isObject = (x: unknown): x is Record<string, any> => x !== null && typeof x === 'object' && !Array.isArray(x);

/** A workspace a pipeline task receives: its name in the task, and the pipeline workspace behind it. */
export interface ReceivedWorkspace {
  readonly taskWorkspace: string;
  readonly pipelineWorkspace: string;
}

/** `$(workspaces.<name>.` in a text: the workspaces Tekton finds a task using. */
const WORKSPACE_USE = /\$\(workspaces\.([^.()\s]+)\./g;

/**
 * The workspaces a pipeline task receives, as Tekton's PipelineRun reconciler gives them:
 *
 * - each binding in `workspaces`, from the pipeline workspace its `workspace` names, or
 *   from the one of the binding's own name when it names none (`getTaskrunWorkspaces`);
 * - for an embedded `taskSpec`, each pipeline workspace it declares or uses (a
 *   `$(workspaces.<name>.…)` in its steps, sidecars or stepTemplate) without a binding:
 *   Tekton propagates a pipeline workspace of that name (`propagateWorkspaces`).
 */
export function receivedWorkspaces(pipelineTask: any): ReceivedWorkspace[] {
  const out = new Map<string, string>();
  for (const w of asArray(pipelineTask?.workspaces)) {
    if (!isObject(w) || typeof w.name !== 'string') continue;
    out.set(w.name, typeof w.workspace === 'string' && w.workspace !== '' ? w.workspace : w.name);
  }
  const spec = pipelineTask?.taskSpec;
  if (isObject(spec)) {
    const declared = asArray(spec.workspaces).map((w) => w?.name).filter((n): n is string => typeof n === 'string');
    const used = [...JSON.stringify([spec.steps, spec.sidecars, spec.stepTemplate]).matchAll(WORKSPACE_USE)].map((m) => m[1]);
    for (const name of [...declared, ...used]) if (!out.has(name)) out.set(name, name);
  }
  return [...out].map(([taskWorkspace, pipelineWorkspace]) => ({ taskWorkspace, pipelineWorkspace }));
}
