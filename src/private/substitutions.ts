/** A Tekton `$(...)` substitution found in a string. */
export interface Reference {
  /** The whole substitution, e.g. `$(params.url)`. */
  readonly text: string;
  /** What it refers to. */
  readonly kind: 'params' | 'workspaces' | 'results' | 'tasks' | 'other';
  /** The param, workspace or result name (for `tasks`, the pipeline task name). */
  readonly name: string;
  /** For `tasks` references, the result name. */
  readonly result?: string;
}

const SUBSTITUTION = /\$\(([^)]*)\)/g;

/** Every `$(...)` substitution in `text`, classified. */
export function findReferences(text: string): Reference[] {
  return [...text.matchAll(SUBSTITUTION)].map((m) => classify(m[0], m[1].trim()));
}

function classify(text: string, inner: string): Reference {
  // params.x, params["x"], params['x'] (and params.x[*] for arrays)
  const param = /^params(?:\.([^.[\]\s]+)|\[["']([^"']+)["']\])/.exec(inner);
  if (param) return { text, kind: 'params', name: param[1] ?? param[2] };
  const ws = /^workspaces\.([^.\s]+)\./.exec(inner);
  if (ws) return { text, kind: 'workspaces', name: ws[1] };
  const result = /^results\.([^.\s]+)\.path$/.exec(inner);
  if (result) return { text, kind: 'results', name: result[1] };
  const task = /^tasks\.([^.\s]+)\.results\.([^.[\s]+)/.exec(inner);
  if (task) return { text, kind: 'tasks', name: task[1], result: task[2] };
  return { text, kind: 'other', name: inner };
}

/** An env var name for a substitution: `$(params.git-url)` -> `GIT_URL`. */
export function envNameFor(substitution: string): string {
  const inner = substitution.replace(/^\$\(\s*/, '').replace(/\s*\)$/, '');
  const last = inner.replace(/\[["']?([^"'\]]+)["']?\]/g, '.$1').split('.').filter(Boolean).pop() ?? 'VALUE';
  const name = last.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[0-9]/.test(name) || name === '' ? `P_${name}` : name;
}
