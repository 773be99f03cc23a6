/**
 * The Tasks and Pipelines that Pipelines-as-Code fetches for a PipelineRun from its
 * annotations (`pipelinesascode.tekton.dev/task`, `task-<n>`, and a PipelineRun's `pipeline`), read as its
 * matcher and resolver read them (pkg/matcher, pkg/resolve): keys matched by a regular
 * expression that is not anchored at its start and whose dots match any character; a value
 * that is one item, or `[a, b]` split at commas and trimmed (`&#44;` is a comma in an item), read
 * with Go's regular expressions and `strings.TrimSpace`; each item, unless the provider fetches it
 * first (an item Go's url.Parse gives a host, when that is the event's Git host), a URL (`http://`,
 * `https://`), a custom hub catalog (`<catalog>://<name>[:<version>]`), a file of the repository at
 * the event's commit (any other item with a `/`), or a name on the default hub (`<name>[:<version>]`,
 * the newest version without one). Placeholders (`{{ key }}`) are replaced in the whole template
 * before: the commit's and the repository's keep what an item is, others put a text not known here.
 */
import { goTrimSpace } from './go-strings';
import { goParseUrl } from './go-url';
import { EXACT_VERSION } from './remote-refs';
import { FIXED_PLACEHOLDERS, placeholdersIn, replacePlaceholders } from './templates';

const TASK_KEY = /pipelinesascode.tekton.dev\/task(-[0-9]+)?$/;
const PIPELINE_KEY = /pipelinesascode.tekton.dev\/pipeline$/;
/**
 * A value Pipelines-as-Code reads (reValidateTag); it refuses the run for any other. Written as
 * Go's RE2 reads it: `.` is any character but a newline, `\s` only ASCII white space.
 */
const VALUE = /^\[([^\n]*)\]$|^[^[\]\t\n\f\r ]*$/;

/** One item of an annotation: what Pipelines-as-Code fetches, and from where. */
export interface PacRemoteItem {
  /** The annotation's key. */
  readonly key: string;
  /** The item as Pipelines-as-Code reads it. */
  readonly item: string;
  readonly fetches: 'Task' | 'Pipeline';
  /**
   * A placeholder of the value (`{{ key }}`, the key trimmed) that Pipelines-as-Code replaces
   * with a text not known here before it reads the annotation. @default - none
   */
  readonly placeholder?: string;
  /** The item as judged, where `{{ repo_url }}` is replaced by a URL. @default - the item */
  readonly reads?: string;
}

/** A fixed placeholder while the value is split: it holds no space, comma or bracket. */
const TOKEN = /\u0001([0-9]+)\u0001/g;

/** Every item of the object's Pipelines-as-Code remote-resource annotations. */
export function pacRemoteItems(manifest: any): PacRemoteItem[] {
  const annotations = manifest?.metadata?.annotations;
  if (annotations === null || typeof annotations !== 'object' || Array.isArray(annotations)) return [];
  const out: PacRemoteItem[] = [];
  for (const [key, raw] of Object.entries(annotations)) {
    // the pipeline annotation is read on PipelineRuns only (a Pipeline's names only Tasks)
    const fetches = TASK_KEY.test(key) ? 'Task' : PIPELINE_KEY.test(key) && manifest?.kind === 'PipelineRun' ? 'Pipeline' : undefined;
    if (fetches === undefined || typeof raw !== 'string') continue;
    // placeholders are replaced before the value is read: the others are chosen when each event arrives
    const other = placeholdersIn(raw).map((p) => goTrimSpace(p[1])).find((k) => !FIXED_PLACEHOLDERS.has(k));
    if (other !== undefined) {
      out.push({ key, item: goTrimSpace(raw), fetches, placeholder: other });
      continue;
    }
    const written: string[] = [];
    const value = goTrimSpace(replacePlaceholders(raw, (p) => `\u0001${written.push(p) - 1}\u0001`));
    const m = VALUE.exec(value);
    // a value it cannot read makes it refuse the run: nothing is fetched
    if (m === null) continue;
    const items = m[1] === undefined ? [value.replace(/&#44;/g, ',')] : m[1].split(',').map((s) => goTrimSpace(s.replace(/&#44;/g, ',')));
    for (const item of items) {
      if (item === '') continue;
      const shown = item.replace(TOKEN, (_, i: string) => written[Number(i)]);
      const reads = item.replace(TOKEN, (_, i: string) => FIXED_PLACEHOLDERS.get(goTrimSpace(written[Number(i)].slice(2, -2))) ?? written[Number(i)]);
      out.push({ key, item: shown, fetches, ...(reads === shown ? {} : { reads }) });
    }
  }
  return out;
}

/** Why an item does not name one content, with a fix; undefined when it does (a file of the repository). */
export function pacPinProblem(r: PacRemoteItem): { readonly problem: string; readonly fix: string } | undefined {
  if (r.placeholder !== undefined) {
    return {
      problem: `holds {{ ${r.placeholder} }}, which Pipelines-as-Code replaces before it reads the annotation (with the event's body, headers or `
        + 'changed files, a CEL expression, a variable of the event such as source_branch or trigger_comment, or a custom param of the '
        + `Repository): which ${r.fetches} it fetches is not written here, and may be chosen by whoever sends the event`,
      fix: `${inRepository(r.fetches)}, or name an exact hub version ('<name>:<major>.<minor>.<patch>'), without a placeholder.`,
    };
  }
  const item = r.reads ?? r.item;
  const p = byPrefix(item, r.fetches);
  if (p !== undefined) return p;
  // before anything else, the provider fetches an item that Go's url.Parse gives a host, when that host is the event's Git host
  const host = goParseUrl(item)?.hostname;
  if (host === undefined || host === '') return undefined;
  return {
    problem: `has a host as Go's url.Parse reads it ('${host}'): when that is the Git host of the event, Pipelines-as-Code's provider fetches the `
      + `${r.fetches} from the repository and ref the URL names when each event arrives, not from the event's commit, so nothing pins its content`,
    fix: `${inRepository(r.fetches)} without a scheme or a leading //, or name an exact hub version ('<name>:<major>.<minor>.<patch>').`,
  };
}

function inRepository(kind: string): string {
  return `Keep the ${kind} in the repository (e.g. .tekton/${kind === 'Task' ? 'tasks/' : ''}<name>.yaml) and name its path`;
}

/** The item read as getRemote reads it after the provider hook: a URL, a hub entry or a file of the repository. */
function byPrefix(item: string, kind: string): { readonly problem: string; readonly fix: string } | undefined {
  const inRepo = inRepository(kind);
  if (item.startsWith('https://') || item.startsWith('http://')) {
    return {
      problem: `is a URL Pipelines-as-Code fetches the ${kind} from when each event arrives: whatever is served there then runs, nothing pins its content`,
      fix: `${inRepo}, or name an exact hub version ('<name>:<major>.<minor>.<patch>').`,
    };
  }
  const catalog = item.includes('://') ? item.slice(0, item.indexOf('://')) : undefined;
  if (catalog === undefined && item.includes('/')) return undefined;
  const entry = catalog === undefined ? item : item.slice(catalog.length + 3);
  const hub = catalog === undefined ? 'the default hub' : `hub catalog '${catalog}'`;
  const name = entry.split(':')[0];
  if (!entry.includes(':')) {
    return {
      problem: `names a ${kind} of ${hub} without a version: Pipelines-as-Code fetches the newest one when each event arrives`,
      fix: `Name the exact version: '${catalog === undefined ? '' : `${catalog}://`}${name}:<major>.<minor>.<patch>', or ${inRepo.charAt(0).toLowerCase()}${inRepo.slice(1)}.`,
    };
  }
  // the resolver takes what follows the last colon
  const version = entry.slice(entry.lastIndexOf(':') + 1);
  if (!EXACT_VERSION.test(version)) {
    return {
      // pkg/hub: the text after the last ':' is written into the hub's URL as it is; Artifact Hub and Tekton Hub match a version by its exact text
      problem: `names version '${version}' of ${hub}, which is not an exact version (<major>.<minor> or <major>.<minor>.<patch>): Pipelines-as-Code `
        + 'asks the hub for a version of that very name (it reads no range and no `latest`; only a name without `:<version>` gets the newest), '
        + 'so the hub serves whatever it lists under that name, if anything (Artifact Hub lists Tekton versions as <major>.<minor>.<patch> and '
        + 'finds none by another name: every event fails)',
      fix: `Name the exact version: '${catalog === undefined ? '' : `${catalog}://`}${name}:<major>.<minor>.<patch>'.`,
    };
  }
  // the name and version are written into the path of the hub's URL: a ? or # there ends the path before the version
  const cut = /[?#]/.exec(name);
  if (cut === null) {
    // pkg/hub/artifacthub.go getSpecificVersion: the version as written, which Artifact Hub (get_package.sql) matches by its exact text;
    // its Tekton tracker lists a catalog's `0.9` directory as the semver `0.9.0`
    if (catalog !== undefined || !/^[0-9]+\.[0-9]+$/.test(version)) return undefined;
    return {
      problem: `names version '${version}' of the default hub, which is Artifact Hub unless Pipelines-as-Code's settings say otherwise (hub-catalog-type): `
        + `Pipelines-as-Code asks it for the version of that very name, and Artifact Hub lists the catalog's versions as <major>.<minor>.<patch> ('${version}.0') `
        + 'and finds none by another name: every event fails',
      fix: `Name the version as Artifact Hub lists it: '${name}:${version}.0'.`,
    };
  }
  const plain = name.slice(0, cut.index);
  return {
    problem: `names '${name}' of ${hub}, whose '${cut[0]}' ends the path of the hub's URL before the version: the hub is asked for `
      + `'${plain}' without a version and serves the newest one when each event arrives`,
    fix: `Name the exact version: '${catalog === undefined ? '' : `${catalog}://`}${plain}:${version}'.`,
  };
}
