/**
 * Which tasks of a pipeline surely finish before another starts, as Tekton's DAG orders
 * them: a task runs after the tasks its `runAfter` names and the tasks whose results it
 * uses (`$(tasks.<name>.results.…)` in its params, matrix, when expressions and embedded
 * steps and sidecars: `PipelineTask.Deps`), and after everything those run after; every
 * `finally` task runs after every task of `tasks`. Tasks not ordered so may run at the same
 * time, in either order.
 */
import { asArray, isObject } from './containers';

/** The task names of `$(tasks.<name>.results…)` references in the strings of `node` (at any depth). */
function resultRefs(node: unknown, out: Set<string>): Set<string> {
  if (typeof node === 'string') {
    if (!node.includes('$(')) return out;
    for (const m of node.matchAll(/\$\(\s*tasks\.([^.()\s]+)\.results\b/g)) out.add(m[1]);
  } else if (node !== null && typeof node === 'object') {
    for (const v of Object.values(node)) resultRefs(v, out);
  }
  return out;
}

/** The tasks a pipeline task depends on directly (PipelineTask.Deps). */
function deps(task: Record<string, any>): Set<string> {
  const out = new Set<string>(asArray(task.runAfter).filter((n): n is string => typeof n === 'string'));
  const spec = isObject(task.taskSpec) ? task.taskSpec : {};
  return resultRefs([task.params, task.matrix, task.when, spec.steps, spec.sidecars], out);
}

/** The order of one pipeline spec's tasks. */
export class PipelineOrder {
  private readonly direct = new Map<string, Set<string>>();
  private readonly finallyTasks = new Set<string>();
  private readonly closure = new Map<string, Set<string>>();

  constructor(pipelineSpec: any) {
    for (const t of asArray(pipelineSpec?.tasks).filter(isObject)) if (typeof t.name === 'string') this.direct.set(t.name, deps(t));
    for (const t of asArray(pipelineSpec?.finally).filter(isObject)) if (typeof t.name === 'string') this.finallyTasks.add(t.name);
  }

  /** Whether task `first` surely finishes before task `then` starts. */
  public before(first: string, then: string): boolean {
    if (this.finallyTasks.has(then)) return this.direct.has(first);
    return this.ancestors(then).has(first);
  }

  /** Every task of `tasks` that `name` runs after (a cycle, which Tekton refuses, stops the walk). */
  private ancestors(name: string): Set<string> {
    let found = this.closure.get(name);
    if (found !== undefined) return found;
    found = new Set();
    const todo = [...(this.direct.get(name) ?? [])];
    while (todo.length > 0) {
      const next = todo.pop()!;
      if (found.has(next) || !this.direct.has(next)) continue;
      found.add(next);
      todo.push(...this.direct.get(next)!);
    }
    this.closure.set(name, found);
    return found;
  }
}
