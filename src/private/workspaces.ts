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

/**
 * A workspace reference as Tekton's `ExtractVariablesFromString` finds one: `$(workspaces.<name>)`
 * or `$(workspaces.<name>.<anything>)` (up to the first `)`), `$(workspaces["<name>"])` or
 * `$(workspaces['<name>'])`.
 */
const WORKSPACE_USE = /\$\(workspaces(?:\.(.*?(?:\[\*\])?)|\["(.*?(?:\[\*\])?)"\]|\['(.*?(?:\[\*\])?)'\])\)/g;

/** The workspaces the strings of `node` (at any depth) use, as Tekton's `FindWorkspacesUsedByTask` finds them. */
function workspacesUsed(node: unknown, out: Set<string>): Set<string> {
  if (typeof node === 'string') {
    if (!node.includes('$(workspaces')) return out;
    for (const m of node.matchAll(WORKSPACE_USE)) {
      // the dot form names the workspace before its first dot (`source.path`)
      out.add(m[1] !== undefined ? m[1].split('.')[0] : m[2] ?? m[3]);
    }
  } else if (node !== null && typeof node === 'object') {
    for (const v of Object.values(node)) workspacesUsed(v, out);
  }
  return out;
}

/**
 * The workspaces the steps, sidecars and stepTemplate of an embedded task spec use, which Tekton
 * propagates to its TaskRun from the pipeline workspaces of the same names
 * (pkg/reconciler/pipelinerun `propagateWorkspaces`, through `FindWorkspacesUsedByTask`).
 */
export function propagatedWorkspaces(taskSpec: any): string[] {
  return isObject(taskSpec) ? [...workspacesUsed([taskSpec.steps, taskSpec.sidecars, taskSpec.stepTemplate], new Set())] : [];
}

/**
 * The workspaces a pipeline task receives, as Tekton's PipelineRun reconciler gives them:
 *
 * - each binding in `workspaces`, from the pipeline workspace its `workspace` names, or
 *   from the one of the binding's own name when it names none (`getTaskrunWorkspaces`);
 * - for an embedded `taskSpec`, each pipeline workspace it declares or uses (a
 *   `$(workspaces.<name>)`, `$(workspaces.<name>.…)` or `$(workspaces["<name>"])` in its
 *   steps, sidecars or stepTemplate) without a binding:
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
    const used = workspacesUsed([spec.steps, spec.sidecars, spec.stepTemplate], new Set());
    for (const name of [...declared, ...used]) if (!out.has(name)) out.set(name, name);
  }
  return [...out].map(([taskWorkspace, pipelineWorkspace]) => ({ taskWorkspace, pipelineWorkspace }));
}
