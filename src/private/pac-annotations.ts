/**
 * The Tasks and Pipelines that Pipelines-as-Code fetches for a PipelineRun from its
 * annotations (`pipelinesascode.tekton.dev/task`, `task-<n>`, `pipeline`), read as its
 * matcher and resolver read them (pkg/matcher, pkg/resolve): keys matched by a regular
 * expression that is not anchored at its start and whose dots match any character; a value
 * that is one item, or `[a, b]` split at commas and trimmed (`&#44;` is a comma in an item);
 * each item a URL (`http://`, `https://`), a custom hub catalog (`<catalog>://<name>[:<version>]`),
 * a file of the repository at the event's commit (any other item with a `/`), or a name on the
 * default hub (`<name>[:<version>]`, the newest version without one).
 */
import { EXACT_VERSION } from './remote-refs';

const TASK_KEY = /pipelinesascode.tekton.dev\/task(-[0-9]+)?$/;
const PIPELINE_KEY = /pipelinesascode.tekton.dev\/pipeline$/;
/** A value Pipelines-as-Code reads (reValidateTag); it refuses the run for any other. */
const VALUE = /^\[(.*)\]$|^[^[\]\s]*$/;

/** One item of an annotation: what Pipelines-as-Code fetches, and from where. */
export interface PacRemoteItem {
  /** The annotation's key. */
  readonly key: string;
  /** The item as Pipelines-as-Code reads it. */
  readonly item: string;
  readonly fetches: 'Task' | 'Pipeline';
}

/** Every item of the object's Pipelines-as-Code remote-resource annotations. */
export function pacRemoteItems(manifest: any): PacRemoteItem[] {
  const annotations = manifest?.metadata?.annotations;
  if (annotations === null || typeof annotations !== 'object' || Array.isArray(annotations)) return [];
  const out: PacRemoteItem[] = [];
  for (const [key, raw] of Object.entries(annotations)) {
    const fetches = TASK_KEY.test(key) ? 'Task' : PIPELINE_KEY.test(key) ? 'Pipeline' : undefined;
    if (fetches === undefined || typeof raw !== 'string') continue;
    const value = raw.trim();
    const m = VALUE.exec(value);
    // a value it cannot read makes it refuse the run: nothing is fetched
    if (m === null) continue;
    const items = m[1] === undefined ? [value.replace(/&#44;/g, ',')] : m[1].split(',').map((s) => s.replace(/&#44;/g, ',').trim());
    for (const item of items) if (item !== '') out.push({ key, item, fetches });
  }
  return out;
}

/** Why an item does not name one content, with a fix; undefined when it does (a file of the repository). */
export function pacPinProblem(r: PacRemoteItem): { readonly problem: string; readonly fix: string } | undefined {
  const kind = r.fetches;
  const inRepository = `Keep the ${kind} in the repository (e.g. .tekton/${kind === 'Task' ? 'tasks/' : ''}<name>.yaml) and name its path`;
  if (r.item.startsWith('https://') || r.item.startsWith('http://')) {
    return {
      problem: `is a URL Pipelines-as-Code fetches the ${kind} from when each event arrives: whatever is served there then runs, nothing pins its content`,
      fix: `${inRepository}, or name an exact hub version ('<name>:<major>.<minor>.<patch>').`,
    };
  }
  const catalog = r.item.includes('://') ? r.item.slice(0, r.item.indexOf('://')) : undefined;
  if (catalog === undefined && r.item.includes('/')) return undefined;
  const entry = catalog === undefined ? r.item : r.item.slice(catalog.length + 3);
  const hub = catalog === undefined ? 'the default hub' : `hub catalog '${catalog}'`;
  const name = entry.split(':')[0];
  if (!entry.includes(':')) {
    return {
      problem: `names a ${kind} of ${hub} without a version: Pipelines-as-Code fetches the newest one when each event arrives`,
      fix: `Name the exact version: '${catalog === undefined ? '' : `${catalog}://`}${name}:<major>.<minor>.<patch>', or ${inRepository.charAt(0).toLowerCase()}${inRepository.slice(1)}.`,
    };
  }
  // the resolver takes what follows the last colon
  const version = entry.slice(entry.lastIndexOf(':') + 1);
  if (EXACT_VERSION.test(version)) return undefined;
  return {
    problem: `names version '${version}' of ${hub}, which is not an exact version (<major>.<minor> or <major>.<minor>.<patch>)`,
    fix: `Name the exact version: '${catalog === undefined ? '' : `${catalog}://`}${name}:<major>.<minor>.<patch>'.`,
  };
}
