/**
 * Reads Kubernetes manifests the way `kubectl apply -f` does (k8s.io/cli-runtime resource
 * visitors, k8s.io/apimachinery util/yaml, sigs.k8s.io/yaml over go-yaml v2), and refuses, with
 * a one-line message naming the file (and line:col where there is one), every input kubectl
 * would refuse or that cannot be read safely.
 *
 * - Files: a path given explicitly is read whatever its name; a directory is walked recursively
 *   in byte order, taking `.yaml`, `.yml` and `.json` names in any case (kubectl: `-R`, and
 *   those three in lower case only). Symbolic links are followed, links to directories after
 *   the real directories; a file or directory reached twice is read once. A path given
 *   explicitly that is not a regular file or directory (FIFO, socket, device, dangling link,
 *   link loop) is an error; inside a directory such entries, and links back to a directory that
 *   holds them, are skipped with a notice. Nothing is opened before it is known to be a regular
 *   file (and a FIFO swapped in afterwards is refused, not waited on), and files above
 *   MAX_FILE_BYTES are refused.
 * - Bytes: a UTF-8 BOM is dropped and UTF-16 with a BOM decoded (kubectl's BOMOverride);
 *   invalid UTF-8 is refused (kubectl would read each invalid byte as U+FFFD).
 * - Stream: if the first non-space character within the first 4096 bytes is `{`, a stream of
 *   JSON values (encoding/json), falling back to YAML after at most one value
 *   (YAMLOrJSONDecoder); otherwise YAML cut at lines that start with `---` (YAMLReader: anything
 *   but a comment after the `---` is an error; CRLF read as LF), each piece one document
 *   (yaml-document.ts).
 * - Objects: null documents are skipped; every other document must be a mapping with a kind,
 *   whose apiVersion, kind and metadata decode into their Go types (cli-runtime's
 *   metadataValidatingDecoder, object-meta.ts). An object with an `items` field, whatever its
 *   kind, is a list to kubectl (UnstructuredJSONScheme); one whose kind does not end in `List`
 *   is refused (Pipelines-as-Code, kustomize and Unstructured readers keep it as the object),
 *   but `list` in any case (isListKind).
 *   A list's items are the objects, and an item with
 *   neither kind nor apiVersion gets the list's kind without the "List" suffix and its
 *   apiVersion; an item must end up with both (UnstructuredObjectTyper). An item that is a list
 *   itself is refused, as kubectl's FlattenListVisitor fails on it (meta.ExtractList cannot
 *   open an Unstructured).
 * - Errors: by default the first one ends the read (an InputError). With `continueOnError` (the
 *   audit) each path or file that cannot be read is recorded with its place and message
 *   (`unread`), none of its objects is kept, and the other paths and files are read.
 */
import * as fs from 'fs';
import * as path from 'path';
import { scalarSourceOffset } from './scalar-source';
import { isSealed } from '../policy/engine/annotations';
import { RuleId } from '../policy/rule-id';
import { goStringOrder, otherSpelling } from '../private/go-json';
import { goTrimSpace, isGoSpace } from '../private/go-strings';
import { utf8At } from '../private/go-yaml';
import { formatPath, metadataError } from '../private/object-meta';
import { isWithin } from '../private/paths';
import { resourceTemplates } from '../private/resource-templates';
import { recordComments } from '../private/source-comments';
import { PASTED_BY_PAC, senderPlaceholder } from '../private/templates';
import { ChildAt, ChunkError, decodeChunk, jsonChild, JsonPositions, afterDocumentEnd, splitTemplates, templateComments, UnreadContent } from '../private/yaml-document';

/** An input the audit refuses; the message names the file. */
export class InputError extends Error {}

/** A file that holds no Kubernetes object at all: skipped with a notice, not refused. */
export class NotManifestError extends InputError {}

/** One step of a JSON path: a key of a mapping or an index of a sequence. */
export type PathSegment = string | number;

/** A 1-based line and column (in characters). */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** One Kubernetes object read from a file. */
export interface ManifestObject {
  /** The object as kubectl would send it. */
  readonly object: Record<string, any>;
  /** The file it was read from, as given or found. */
  readonly file: string;
  /** 1-based line and column where the object starts (its document, or its item in a List). */
  readonly line: number;
  readonly column: number;
  /**
   * Whether relaxation records on it are the library's: undefined for a document, whose own
   * seal says; false for an item of a list (the library never writes lists); for an object a
   * Triggers object creates (resource-templates.ts), whether that object carries the seal.
   */
  readonly sealed?: boolean;
  /**
   * Where the node at `path` (from the object) is written: the key of a mapping entry, the
   * start of a sequence item; for a path that goes further than the object does, the deepest
   * node on it that exists. `depth` is how many steps of `path` exist. Found only when asked.
   * With `written`, where that text is first written from there on inside the node, when it is written there as it
   * reads (a line of a block scalar, a quoted scalar without escapes in it; see `writtenIn`); with `nth`, where it is
   * written the nth time after that first (0: the first). With `inText`, an index in the value of the string field at
   * `path`: where that character is written, when its scalar reads back so (scalar-source.ts), before `written` is sought.
   */
  locate(path: readonly PathSegment[], written?: string, nth?: number, inText?: number): Position & { readonly depth: number };
}

/** What was read. */
export interface ReadResult {
  /** The files read, in order (skipped ones included). */
  readonly files: string[];
  /** Their objects, in order. */
  readonly objects: ManifestObject[];
  /** Entries of directories and files that were skipped, one line each (not errors). */
  readonly notices: string[];
  /** The files skipped as holding no Kubernetes object (or as kustomize patches). */
  readonly skipped: string[];
  /**
   * The paths and files that could not be read, in the order found (with `continueOnError`
   * only; they are not among `files`).
   */
  readonly unread: UnreadFile[];
}

/** A path or file that could not be read, or that kubectl would refuse: where, and why. */
export interface UnreadFile {
  /** The path as given or found (`<stdin>` for standard input; a directory whose entries cannot be listed). */
  readonly file: string;
  /** 1-based line and column (in characters) of the error, when it is at a place in the file. */
  readonly line?: number;
  readonly column?: number;
  /** What is wrong, without the place (`invalid YAML: …`, `no such file or directory`). */
  readonly message: string;
}

/** How to read. */
export interface ReadOptions {
  /**
   * Record each path or file that cannot be read in `unread` and read the others, instead of
   * throwing the first InputError. @default false
   */
  readonly continueOnError?: boolean;
}

/** The one-line message of an unread file, as the InputError said it: `<file>[:<line>:<col>]: <message>`. */
export function unreadText(u: UnreadFile): string {
  return `${u.file}${u.line !== undefined ? `:${u.line}:${u.column}` : ''}: ${u.message}`;
}

/** An InputError about `file` (its message starts with the file's name, then its place if any), taken apart. */
function unreadFile(file: string, e: InputError): UnreadFile {
  if (!e.message.startsWith(file)) return { file, message: e.message };
  const rest = e.message.slice(file.length);
  const at = /^:(\d+):(\d+): /.exec(rest);
  if (at) return { file, line: Number(at[1]), column: Number(at[2]), message: rest.slice(at[0].length) };
  return { file, message: rest.startsWith(': ') ? rest.slice(2) : e.message };
}

/** The largest file read (kubectl has no limit, but the audit keeps all objects in memory). */
export const MAX_FILE_BYTES = 128 * 2 ** 20;
const MANIFEST_NAME = /\.(ya?ml|json)$/i;

/** The path that names standard input (`kubectl kustomize overlay | … audit -`). */
export const STDIN_PATH = '-';
/** How standard input is named in messages and findings. */
export const STDIN_NAME = '<stdin>';

/**
 * Read every file under the paths (`-`: standard input, once). Throws InputError (with
 * `continueOnError`, only when standard input is given more than once).
 */
export function readManifests(paths: string[], stdin: () => Buffer = readStdin, options: ReadOptions = {}): ReadResult {
  if (paths.filter((p) => p === STDIN_PATH).length > 1) throw new InputError(`${STDIN_PATH}: standard input is given more than once`);
  // paths that cannot be read, each before the file found at `at`: listed in the order found
  const pathErrors: { at: number; unread: UnreadFile }[] = [];
  const onError = (file: string, e: unknown, at: number): void => {
    if (!(e instanceof InputError) || !options.continueOnError) throw e;
    pathErrors.push({ at, unread: unreadFile(file, e) });
  };
  const found = findFiles(paths, onError);
  const files: string[] = [];
  const objects: ManifestObject[] = [];
  const notices = [...found.notices];
  const skipped: string[] = [];
  const unread: UnreadFile[] = [];
  const patches = kustomizePatches(found.files, found.byId, notices);
  let next = 0;
  found.files.forEach((file, i) => {
    while (next < pathErrors.length && pathErrors[next].at <= i) unread.push(pathErrors[next++].unread);
    const listedBy = patches.get(file);
    if (listedBy !== undefined) {
      const filled = patchPlaceholder(file, listedBy);
      if (filled !== undefined) {
        if (!options.continueOnError) throw filled;
        unread.push(unreadFile(file, filled));
        return;
      }
      notices.push(`${file}: a kustomize patch (listed in ${listedBy}), skipped; to check what it changes, audit what kustomize renders: `
        + `kubectl kustomize ${path.dirname(listedBy)} | cdk8s-secure-tekton audit -`);
      files.push(file);
      skipped.push(file);
      return;
    }
    try {
      // standard input is read where it is given, as a file there
      const text = file === STDIN_NAME ? decodeBytes(stdinBytes(stdin), STDIN_NAME) : readText(file);
      // the whole file is parsed before its objects are kept: a file that fails keeps none
      const parsed = parseManifests(text, file);
      // (one by one: a file may hold more objects than a call takes arguments)
      for (const o of parsed) objects.push(o);
      files.push(file);
    } catch (e) {
      if (e instanceof NotManifestError) {
        notices.push(`${e.message}, skipped`);
        files.push(file);
        skipped.push(file);
        return;
      }
      if (!(e instanceof InputError) || !options.continueOnError) throw e;
      unread.push(unreadFile(file, e));
    }
  });
  while (next < pathErrors.length) unread.push(pathErrors[next++].unread);
  return { files, objects, notices, skipped, unread };
}

/** Standard input's bytes, at most MAX_FILE_BYTES. */
function stdinBytes(stdin: () => Buffer): Buffer {
  const bytes = stdin();
  if (bytes.length > MAX_FILE_BYTES) throw new InputError(`${STDIN_NAME}: larger than ${MAX_FILE_BYTES / 2 ** 20} MiB`);
  return bytes;
}

/** Standard input, read to its end. */
function readStdin(): Buffer {
  try {
    return fs.readFileSync(0);
  } catch (e) {
    throw new InputError(`${STDIN_NAME}: cannot read (${(e as Error).message.split('\n')[0]})`);
  }
}

const KUSTOMIZATION = /^(?:kustomization\.ya?ml|Kustomization)$/;

/** The keys of a Helm chart's Chart.yaml (Helm v3's, and v2's `engine` and `tillerVersion`): a mapping with an apiVersion and no others is no object meant. */
const HELM_CHART_KEYS: readonly string[] = ['apiVersion', 'name', 'version', 'kubeVersion', 'description', 'type', 'keywords', 'home', 'sources',
  'dependencies', 'maintainers', 'icon', 'appVersion', 'deprecated', 'annotations', 'engine', 'tillerVersion'];

/**
 * The refusal of a kustomize patch (listed in `listedBy`) whose text holds a placeholder Pipelines-as-Code fills with text the
 * event's sender writes: PaC fills the text of every file of `.tekton/`, a patch too, and a line break in the value ends what it
 * is written in, so what follows is YAML, after a `---` line a PipelineRun of its own, which no rule sees in a skipped file
 * (a patch found in a `.tekton` directory is read as an object instead; this one may be a copy of one, audited elsewhere).
 * Undefined for a patch without one, and for one that cannot be read (it is skipped, as before).
 */
function patchPlaceholder(file: string, listedBy: string): InputError | undefined {
  let text: string;
  try {
    text = readText(file);
  } catch {
    return undefined;
  }
  const placeholder = senderPlaceholder(text);
  if (placeholder === undefined) return undefined;
  const at = new Lines(text).at(text.indexOf(placeholder));
  return new InputError(`${file}:${at.line}:${at.column}: the text holds ${placeholder}${PASTED_BY_PAC}, in a kustomize patch (listed in ${listedBy}), `
    + 'which the audit would skip: a line break or a quote in the value ends what it is written in, and what follows is YAML, after a `---` line '
    + `a PipelineRun of its own, which no rule sees here (${RuleId.TEMPLATE_INJECTION}). Take ${placeholder} out of the patch, or leave the `
    + 'kustomization out of the audit where Pipelines-as-Code does not read it (what kustomize renders is audited with '
    + `\`kubectl kustomize ${path.dirname(listedBy)} | cdk8s-secure-tekton audit -\`).`);
}

/**
 * The files that kustomization files among `files` name as patches (`patchesStrategicMerge`,
 * `patches[].path`, `patchesJson6902[].path`) and that sit in the kustomization's folder or
 * below: partial objects that kustomize merges into others, not objects of their own. A file
 * outside it is read (a kustomization cannot hide a manifest that is applied by itself), and so
 * is a file that a kustomization among `files` also names as a resource (`resources`, `bases`:
 * kustomize renders it as an object) and a `.yaml` or `.yml` file in a `.tekton` directory (Pipelines-as-Code reads every
 * such file there, and in its subdirectories, as objects, and has no kustomize): those get a
 * notice that says why.
 * A listed name is matched to the file found under whatever name (link or path) by its device
 * and inode (`byId`, from the walk). File to the kustomization that lists it.
 */
function kustomizePatches(files: readonly string[], byId: ReadonlyMap<string, string>, notices: string[]): Map<string, string> {
  const out = new Map<string, string>();
  const kustomizations = files.filter((f) => KUSTOMIZATION.test(path.basename(f)));
  if (kustomizations.length === 0) return out;
  // the files found that a kustomization names as a resource: file to the (first) kustomization that names it
  const resources = new Map<string, string>();
  // the patches kept with their kustomization, in the order listed
  const listedPatches: { file: string; by: string }[] = [];
  // each kustomization's fields that change what it renders, and the patch files it lists (as found, or undefined)
  const changed: { by: string; changes: string[] }[] = [];
  const patchFiles: { by: string; field: string; file: string | undefined }[] = [];
  for (const k of kustomizations) {
    let docs: unknown[];
    try {
      docs = streamDocuments(readText(k), () => k).map((d) => d.value);
    } catch {
      continue; // reported when the file itself is read
    }
    const listed: unknown[] = [];
    const asResources: unknown[] = [];
    // the fields that change the resources' content other than patch files, as written (`patches[0].patch`, `images`)
    const changes: string[] = [];
    for (const object of docs) {
      // (kustomize reads a kustomization that names no kind as a Kustomization: kubectl kustomize renders one)
      if (!isObject(object) || (object.kind !== undefined && object.kind !== 'Kustomization' && object.kind !== 'Component')) continue;
      listed.push(...asList(object.patchesStrategicMerge));
      for (const p of [...asList(object.patches), ...asList(object.patchesJson6902)]) listed.push(isObject(p) ? p.path : undefined);
      // (`bases`, deprecated, is read as `resources` is: kubectl kustomize renders a file listed there too)
      asResources.push(...asList(object.resources), ...asList(object.bases));
      changes.push(...contentChanges(object));
      // a patch file is named in the kustomization's notice when it is not skipped as its patch (with a notice of its own)
      for (const field of ['patches', 'patchesJson6902', 'patchesStrategicMerge']) {
        asList(object[field]).forEach((p, i) => {
          const name = field === 'patchesStrategicMerge' ? p : isObject(p) ? p.path : undefined;
          if (typeof name === 'string' && !name.includes('\n')) patchFiles.push({ by: k, field: `${field}[${i}]${field === 'patchesStrategicMerge' ? '' : '.path'}`, file: foundFile(byId, k, name) });
        });
      }
    }
    changed.push({ by: k, changes });
    // a resource is a file or a folder (of a kustomization of its own, among `files` when audited) or a URL: only files are matched
    for (const entry of asResources) {
      const file = typeof entry === 'string' ? foundFile(byId, k, entry) : undefined;
      if (file !== undefined && !resources.has(file)) resources.set(file, k);
    }
    let home: string;
    try {
      home = fs.realpathSync(path.dirname(k));
    } catch {
      continue;
    }
    for (const entry of listed) {
      // an inline patch is YAML text, not a file name
      if (typeof entry !== 'string' || entry.includes('\n')) continue;
      const file = foundFile(byId, k, entry);
      if (file === undefined || out.has(file)) continue;
      try {
        // only a patch kept with its kustomization (its folder or below): a file elsewhere that a
        // kustomization names as a patch may still be applied by itself, so it is read
        if (isWithin(home, fs.realpathSync(file))) {
          out.set(file, k);
          listedPatches.push({ file, by: k });
        }
      } catch {
        // removed since the walk: reported when the file itself is read
      }
    }
  }
  for (const { file, by } of listedPatches) {
    const resource = resources.get(file);
    const pac = resource === undefined && inTektonDir(file);
    if (resource === undefined && !pac) continue;
    out.delete(file);
    notices.push(`${file}: a kustomize patch (listed in ${by}), read as an object: `
      + (resource !== undefined ? `${resource} also names it as a resource, which kustomize renders as it is written`
        : 'it is in a `.tekton` directory, whose every `.yaml` and `.yml` file Pipelines-as-Code reads as objects (it has no kustomize)'));
  }
  for (const { by, changes } of changed) {
    const all = [...changes, ...patchFiles.filter((p) => p.by === by && (p.file === undefined || out.get(p.file) !== by)).map((p) => p.field)];
    if (all.length === 0) continue;
    notices.push(`${by}: a kustomization that changes what it renders (${[...new Set(all)].join(', ')}): the files are audited as written; `
      + `to check what kustomize applies, audit what it renders: kubectl kustomize ${path.dirname(by)} | cdk8s-secure-tekton audit -`);
  }
  return out;
}

/**
 * The fields of a kustomization (or a Component) that change the content of what it renders, other than the patch files it
 * lists (which get a notice of their own): an inline patch (`patches[i].patch`, `patchesJson6902[i].patch`, a
 * `patchesStrategicMerge` entry that is YAML text), and every transformer or generator that is set (not empty).
 */
function contentChanges(kustomization: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const field of ['patches', 'patchesJson6902']) {
    asList(kustomization[field]).forEach((p, i) => {
      if (isObject(p) && p.patch !== undefined && p.patch !== null && p.patch !== '') out.push(`${field}[${i}].patch`);
    });
  }
  asList(kustomization.patchesStrategicMerge).forEach((p, i) => {
    if (typeof p === 'string' ? p.includes('\n') : isObject(p)) out.push(`patchesStrategicMerge[${i}]`);
  });
  for (const field of KUSTOMIZE_TRANSFORMERS) {
    const v = kustomization[field];
    const set = Array.isArray(v) ? v.length > 0 : isObject(v) ? Object.keys(v).length > 0 : v !== undefined && v !== null && v !== '';
    if (set) out.push(field);
  }
  return out;
}

/**
 * The kustomization fields other than patches that change what kustomize renders: the objects' names, namespace, labels,
 * annotations, images, replicas and values, or objects it adds (generators, components, Helm charts).
 */
const KUSTOMIZE_TRANSFORMERS = [
  'namespace', 'namePrefix', 'nameSuffix', 'commonLabels', 'labels', 'commonAnnotations', 'images', 'replicas', 'replacements',
  'vars', 'components', 'configMapGenerator', 'secretGenerator', 'generators', 'transformers', 'helmCharts', 'helmChartInflationGenerator',
  // (kustomize v5.5 run: `buildMetadata: [managedByLabel, originAnnotations]` adds a label and annotations to every object)
  'buildMetadata',
];

/** The file found (`byId`) that a kustomization's entry names (a path from its folder), or undefined (not found, a URL, a folder). */
function foundFile(byId: ReadonlyMap<string, string>, kustomization: string, entry: string): string | undefined {
  try {
    return byId.get(fileId(fs.statSync(path.resolve(path.dirname(kustomization), entry))));
  } catch {
    return undefined; // not there: kustomize's problem, not the audit's
  }
}

/**
 * Whether the file's name ends in `.yaml` or `.yml` (in lower case) and a folder of its path, as found or with its links
 * resolved, is named `.tekton`: Pipelines-as-Code reads every such file of a repository's `.tekton` and its subfolders
 * (its providers' GetTektonDir), whatever a kustomization there says.
 */
function inTektonDir(file: string): boolean {
  if (!/\.ya?ml$/.test(file)) return false;
  const named = (p: string): boolean => path.dirname(path.resolve(p)).split(path.sep).includes('.tekton');
  if (named(file)) return true;
  try {
    return named(fs.realpathSync(file));
  } catch {
    return false;
  }
}

const asList = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);

// ---------------------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------------------

function kindOf(st: fs.Stats): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

const code = (e: unknown): string | undefined => (e as NodeJS.ErrnoException)?.code;

/** fs.statSync following links, or the reason it cannot be followed. */
function follow(p: string): fs.Stats | string {
  try {
    return fs.statSync(p);
  } catch (e) {
    switch (code(e)) {
      case 'ELOOP': return 'symbolic link loop';
      case 'ENOENT': return 'dangling symbolic link';
      case 'EACCES': return 'permission denied';
      default: return (e as Error).message;
    }
  }
}

/** What identifies a file or directory whatever it is called: its device and inode. */
const fileId = (st: fs.Stats): string => `${st.dev}:${st.ino}`;

/**
 * The files under the paths, in order. A path or directory that cannot be read goes to
 * `onError` with the number of files found before it (which throws, or records it).
 */
function findFiles(
  paths: string[],
  onError: (file: string, e: InputError, at: number) => void,
): { files: string[]; notices: string[]; byId: Map<string, string> } {
  const files: string[] = [];
  const notices: string[] = [];
  const seen = new Set<string>();
  const byId = new Map<string, string>();
  const once = (st: fs.Stats): boolean => {
    const id = fileId(st);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  };
  const found = (file: string, st: fs.Stats): void => {
    files.push(file);
    byId.set(fileId(st), file);
  };
  // links to directories are followed after the real directories, so a file is named by its real path
  const linked: string[] = [];

  const walk = (dir: string): void => {
    let entries: string[];
    try {
      entries = fs.readdirSync(dir);
    } catch (e) {
      onError(dir, new InputError(`${dir}: cannot read the directory (${code(e) === 'EACCES' ? 'permission denied' : (e as Error).message})`), files.length);
      return;
    }
    for (const entry of entries.sort(goStringOrder)) {
      const full = path.join(dir, entry);
      let st: fs.Stats;
      try {
        st = fs.lstatSync(full);
      } catch {
        continue; // removed while walking
      }
      if (st.isSymbolicLink()) {
        const target = follow(full);
        if (typeof target === 'string') {
          notices.push(`${full}: ${target}, skipped`);
          continue;
        }
        if (target.isDirectory()) {
          linked.push(full);
          continue;
        }
        st = target;
      }
      if (st.isDirectory()) {
        if (once(st)) walk(full);
      } else if (MANIFEST_NAME.test(entry)) {
        if (!st.isFile()) notices.push(`${full}: ${kindOf(st)}, not a regular file, skipped`);
        else if (once(st)) found(full, st);
      }
    }
  };

  /** Walks the directory a link leads to, unless it was read (a loop if it holds the link). */
  const followLinks = (): void => {
    while (linked.length > 0) {
      const link = linked.shift()!;
      const st = follow(link);
      if (typeof st === 'string') continue;
      if (once(st)) {
        walk(link);
        continue;
      }
      const target = fs.realpathSync(link);
      const from = fs.realpathSync(path.dirname(link));
      if (from === target || from.startsWith(target.endsWith(path.sep) ? target : target + path.sep)) {
        notices.push(`${link}: a symbolic link loop (to ${target}), skipped`);
      }
    }
  };

  for (const p of paths) {
    // standard input is read where it is given, as a file there
    if (p === STDIN_PATH) {
      files.push(STDIN_NAME);
      continue;
    }
    let lst: fs.Stats;
    try {
      lst = fs.lstatSync(p);
    } catch (e) {
      onError(p, new InputError(code(e) === 'ENOENT' || code(e) === 'ENOTDIR' ? `${p}: no such file or directory` : `${p}: ${(e as Error).message}`), files.length);
      continue;
    }
    const st = lst.isSymbolicLink() ? follow(p) : lst;
    if (typeof st === 'string') {
      onError(p, new InputError(`${p}: ${st}`), files.length);
    } else if (st.isDirectory()) {
      if (once(st)) walk(p);
      followLinks();
    } else if (st.isFile()) {
      if (once(st)) found(p, st);
    } else {
      onError(p, new InputError(`${p}: ${kindOf(st)}, not a regular file or directory`), files.length);
    }
  }
  return { files, notices, byId };
}

/** A regular file's bytes; never blocks on a FIFO swapped in after the directory walk. */
function readBytes(file: string): Buffer {
  let fd: number;
  try {
    // (the flags are distinct bits: their sum is their union)
    fd = fs.openSync(file, fs.constants.O_RDONLY + (fs.constants.O_NONBLOCK ?? 0) + (fs.constants.O_NOCTTY ?? 0));
  } catch (e) {
    throw new InputError(`${file}: cannot open (${code(e) === 'EACCES' ? 'permission denied' : (e as Error).message})`);
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw new InputError(`${file}: ${kindOf(st)}, not a regular file`);
    if (st.size > MAX_FILE_BYTES) throw new InputError(`${file}: larger than ${MAX_FILE_BYTES / 2 ** 20} MiB`);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // the size stat gave (and one more byte, to see the end), then small reads if it grew
      const buf = Buffer.allocUnsafe(total === 0 ? Math.min(st.size, MAX_FILE_BYTES) + 1 : 64 * 1024);
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(buf.subarray(0, n));
      total += n;
      if (total > MAX_FILE_BYTES) throw new InputError(`${file}: larger than ${MAX_FILE_BYTES / 2 ** 20} MiB`);
    }
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${file}: cannot read (${(e as Error).message})`);
  } finally {
    fs.closeSync(fd);
  }
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence (-1: none). */
function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length;) {
    const r = utf8At(b, i);
    if (!r) return i;
    i += r.length;
  }
  return -1;
}

/** The file's text: BOM handled as kubectl's BOMOverride does; invalid UTF-8 refused. */
export function decodeBytes(bytes: Buffer, file: string): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const be = Buffer.from(bytes.subarray(2));
    if (be.length % 2 !== 0) throw new InputError(`${file}: invalid UTF-16`);
    return decodeUtf16(be.swap16(), file);
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes.subarray(2), file);
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    const at = firstInvalidUtf8(body);
    const before = body.subarray(0, Math.max(at, 0));
    // lines end at LF, CRLF and a lone CR (as Lines counts them)
    const lineStart = Math.max(before.lastIndexOf(0x0a), before.lastIndexOf(0x0d)) + 1;
    const line = before.reduce((n, c, i) => n + (c === 0x0a || (c === 0x0d && before[i + 1] !== 0x0a) ? 1 : 0), 1);
    const column = [...before.subarray(lineStart).toString('utf8')].length + 1;
    const byte = at >= 0 ? ` (byte 0x${body[at].toString(16).padStart(2, '0')})` : '';
    throw new InputError(`${file}:${line}:${column}: invalid UTF-8${byte}`);
  }
}

function decodeUtf16(le: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }).decode(le);
  } catch {
    throw new InputError(`${file}: invalid UTF-16`);
  }
}

function readText(file: string): string {
  return decodeBytes(readBytes(file), file);
}

// ---------------------------------------------------------------------------------------
// Stream: YAMLOrJSONDecoder
// ---------------------------------------------------------------------------------------

/** GuessJSONStream: the first non-space character of the first 4096 bytes is `{`. */
function looksLikeJson(text: string): boolean {
  let bytes = 0;
  for (const c of text) {
    bytes += Buffer.byteLength(c);
    if (bytes > 4096) return false;
    if (!isGoSpace(c)) return c === '{';
  }
  return false;
}

/**
 * Positions in a text: offset to 1-based line and column (in characters). Lines end at LF, CRLF
 * and a lone CR, as editors show them (and as libyaml reads a CR that kubectl's reader keeps).
 */
class Lines {
  private readonly starts: number[] = [0];
  constructor(private readonly text: string) {
    if (!text.includes('\r')) {
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) this.starts.push(i + 1);
    }
  }

  at(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi + 1) / 2);
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: [...this.text.slice(this.starts[lo], offset)].length + 1 };
  }
}

/**
 * A text of a document said of its object (source-comments.ts), where it starts (offset in `text`): a comment that holds
 * `{{`, or a piece of text no value holds (an overwritten entry, a placeholder across tokens or after the document's end).
 */
interface DocumentText {
  readonly offset: number;
  readonly text: string;
  readonly overwritten?: true;
  readonly split?: true;
  readonly afterEnd?: true;
}

/** A document of the stream: its value and where it and its nodes start (offsets in `text`). */
interface StreamDocument {
  readonly value: unknown;
  readonly offset: number;
  /** Whether it was read as JSON (its numbers as written are encoding/json's to decode). */
  readonly json?: boolean;
  /** A YAML document's comments that hold `{{` (offsets in `text`). */
  readonly comments?: readonly DocumentText[];
  offsetOf(o: object): number | undefined;
  child(parent: object, parentAt: number, step: PathSegment): ChildAt;
  /** A YAML document's integer beyond 2^53 as written (yaml-document.ts). */
  integerText?(parent: object, key: string): string | undefined;
}

const JSON_SPACE = /[ \t\r\n]/;

/** encoding/json refuses values nested deeper than this. */
const MAX_JSON_DEPTH = 10000;

/** A JSON value nested deeper than encoding/json reads: where. */
class JsonTooDeep {
  constructor(readonly offset: number) {}
}

/** A number literal that may be beyond float64 (a long exponent or very many digits). */
const HUGE_NUMBER = /-?\d+(?:\.\d+)?[eE][+]?\d{3,}|-?\d{309,}(?:\.\d+)?(?:[eE][-+]?\d+)?/g;

/** Whether a parsed JSON value holds a number JSON.parse made infinite (encoding/json refuses it). */
function hasInfinity(v: unknown): boolean {
  if (typeof v === 'number') return !Number.isFinite(v);
  if (v === null || typeof v !== 'object') return false;
  return (Array.isArray(v) ? v : Object.values(v)).some(hasInfinity);
}

/**
 * The end of the JSON value starting at `start` (json.Decoder reads exactly one value), or
 * undefined if the input ends first. Syntax is checked by JSON.parse afterwards.
 */
function jsonValueEnd(text: string, start: number): number | undefined {
  const c = text[start];
  if (c === '{' || c === '[') {
    let depth = 0;
    for (let i = start; i < text.length; i++) {
      const ch = text[i];
      if (ch === '"') {
        for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
        if (i >= text.length) return undefined;
      } else if (ch === '{' || ch === '[') {
        if (++depth > MAX_JSON_DEPTH) throw new JsonTooDeep(i);
      } else if (ch === '}' || ch === ']') {
        if (--depth === 0) return i + 1;
      }
    }
    return undefined;
  }
  if (c === '"') {
    for (let i = start + 1; i < text.length; i++) {
      if (text[i] === '\\') i++;
      else if (text[i] === '"') return i + 1;
    }
    return undefined;
  }
  let i = start;
  while (i < text.length && /[-+.0-9a-zA-Z]/.test(text[i])) i++;
  return i > start ? i : start + 1;
}

/** Offsets of the objects and arrays in the JSON value at `start`, their keys and items (found on demand). */
function jsonOffsets(text: string, start: number, value: unknown): JsonPositions {
  const positions = new WeakMap<object, number>();
  const keyOffsets = new WeakMap<object, Map<string, number>>();
  const itemOffsets = new WeakMap<object, number[]>();
  let i = start;
  const space = (): void => {
    while (i < text.length && JSON_SPACE.test(text[i])) i++;
  };
  const visit = (v: unknown): void => {
    space();
    if (v !== null && typeof v === 'object') positions.set(v, i);
    const c = text[i];
    if (c === '{') {
      i++;
      const keys = new Map<string, number>();
      if (v !== null && typeof v === 'object') keyOffsets.set(v, keys);
      for (;;) {
        space();
        if (text[i] === '}') break;
        const keyEnd = jsonValueEnd(text, i)!;
        const key = JSON.parse(text.slice(i, keyEnd)) as string;
        keys.set(key, i);
        i = keyEnd;
        space();
        i++; // ':'
        // the last duplicate is the one JSON.parse kept
        visit(Object.prototype.hasOwnProperty.call(v, key) ? (v as any)[key] : undefined);
        space();
        if (text[i] === ',') i++;
      }
      i++;
    } else if (c === '[') {
      i++;
      let k = 0;
      const items: number[] = [];
      if (Array.isArray(v)) itemOffsets.set(v, items);
      for (;;) {
        space();
        if (text[i] === ']') break;
        items.push(i);
        visit(Array.isArray(v) ? v[k++] : undefined);
        space();
        if (text[i] === ',') i++;
      }
      i++;
    } else {
      i = jsonValueEnd(text, i)!;
    }
  };
  visit(value);
  return { nodes: positions, keys: keyOffsets, items: itemOffsets };
}

/** A one-line message of JSON.parse, and the offset it names in the value (if any). */
function jsonError(e: unknown): { message: string; at: number } {
  const raw = (e as Error).message;
  const at = /at position (\d+)/.exec(raw);
  const message = raw
    .replace(/, ".*" is not valid JSON$/s, '')
    .replace(/ in JSON at position \d+.*$/s, '')
    .split('\n')[0];
  return { message, at: at ? Number(at[1]) : 0 };
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** encoding/json decodes a \\u escape of a lone surrogate as U+FFFD. */
function replaceLoneSurrogates(v: unknown): unknown {
  if (typeof v === 'string') return v.replace(LONE_SURROGATE, '\ufffd');
  if (Array.isArray(v)) return v.map(replaceLoneSurrogates);
  if (v === null || typeof v !== 'object') return v;
  const o: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const key = k.replace(LONE_SURROGATE, '\ufffd');
    if (key === '__proto__') Object.defineProperty(o, key, { value: replaceLoneSurrogates(x), enumerable: true, writable: true, configurable: true });
    else o[key] = replaceLoneSurrogates(x);
  }
  return o;
}

/** The documents of a file, as YAMLOrJSONDecoder yields them. Throws InputError. */
function streamDocuments(text: string, where: (offset: number) => string): StreamDocument[] {
  if (!looksLikeJson(text)) return yamlDocuments(text, 0, where);
  const docs: StreamDocument[] = [];
  let pos = 0;
  let lastEnd = 0;
  for (;;) {
    while (pos < text.length && JSON_SPACE.test(text[pos])) pos++;
    if (pos >= text.length) return docs;
    const start = pos;
    let end: number | undefined;
    let value: unknown;
    let failure: { message: string; at: number } | undefined;
    try {
      end = jsonValueEnd(text, start);
    } catch (e) {
      if (!(e instanceof JsonTooDeep)) throw e;
      failure = { message: `exceeded max depth of ${MAX_JSON_DEPTH}`, at: e.offset - start };
    }
    if (failure !== undefined) {
      // reported below
    } else if (end === undefined) {
      failure = { message: 'unexpected end of JSON input', at: text.length - start };
    } else {
      try {
        const json = text.slice(start, end);
        value = JSON.parse(json);
        if (/\\u[dD][89a-fA-F]/.test(json)) value = replaceLoneSurrogates(value);
      } catch (e) {
        failure = jsonError(e);
      }
      if (failure === undefined) {
        // a number beyond float64: the stream reads it, the object's decoding fails
        for (const m of text.slice(start, end).matchAll(HUGE_NUMBER)) {
          if (Number.isFinite(Number(m[0])) || !hasInfinity(value)) continue;
          throw new InputError(`${where(start + m.index)}: kubectl cannot decode the object: the number ${m[0].length > 40 ? `${m[0].slice(0, 40)}...` : m[0]} is beyond float64 (json: cannot unmarshal number into Go value of type float64)`);
        }
      }
    }
    if (failure === undefined) {
      let offsets: JsonPositions | undefined;
      const at = (): JsonPositions => (offsets ??= jsonOffsets(text, start, value));
      docs.push({
        value,
        offset: start,
        json: true,
        offsetOf: (o) => at().nodes.get(o),
        child: (parent, _parentAt, step) => jsonChild(at(), parent, step),
      });
      pos = lastEnd = end!;
      continue;
    }
    const error = new InputError(`${where(start + failure.at)}: invalid JSON: ${failure.message}`);
    // more than one JSON value read: a JSON stream, which does not switch to YAML
    if (docs.length > 1) throw error;
    // rewind to the end of the last value read and consume blanks up to the first line break
    let p = lastEnd;
    for (;;) {
      if (p >= text.length) throw error;
      const c = text[p];
      if (!isGoSpace(c)) break;
      p++;
      if (c === '\n') break;
    }
    // if the first YAML document fails too, kubectl reports the JSON error
    for (const d of yamlDocuments(text, p, where, error)) docs.push(d);
    return docs;
  }
}

/**
 * YAMLReader: lines starting with `---` cut the text (only a comment may follow them); each
 * piece is one document. A `---` line with nothing before it in its piece is kept in the piece,
 * as YAMLReader keeps it. Lines end at LF; a CR before it is dropped (bufio.ReadLine), and the
 * last line gets its LF.
 */
function yamlDocuments(text: string, from: number, where: (offset: number) => string, firstError?: InputError): StreamDocument[] {
  const docs: StreamDocument[] = [];
  let chunkStart = from;
  // kubectl reads one piece per Decode call: when the first one after JSON fails, it reports
  // the JSON error instead
  let decodes = 0;
  const fail = (first: boolean, message: string): never => {
    throw first && firstError ? firstError : new InputError(message);
  };
  // the comment of a `---` line that cut the text (in no piece, so no document reads it): said of the next piece
  let separatorComments: DocumentText[] = [];
  const emit = (end: number): void => {
    if (end <= chunkStart) {
      // none: a piece without an object, whose comments are said of the last object
      if (separatorComments.length > 0) {
        docs.push({ value: null, offset: separatorComments[0].offset, comments: separatorComments, offsetOf: () => undefined, child: () => ({}) });
        separatorComments = [];
      }
      return;
    }
    const first = decodes++ === 0;
    const base = chunkStart;
    let chunk = text.slice(base, end);
    // offsets in the chunk, back to offsets in the text: one more for each CR dropped before them
    const dropped: number[] = [];
    if (chunk.includes('\r\n')) {
      let removed = 0;
      chunk = chunk.replace(/\r\n/g, (_m, at: number) => {
        dropped.push(at - removed++);
        return '\n';
      });
    }
    if (!chunk.endsWith('\n')) chunk += '\n';
    const toText = (o: number): number => {
      let lo = 0;
      let hi = dropped.length;
      while (lo < hi) {
        const mid = Math.floor((lo + hi) / 2);
        if (dropped[mid] < o) lo = mid + 1;
        else hi = mid;
      }
      return base + o + lo;
    };
    let decoded;
    try {
      decoded = decodeChunk(chunk);
    } catch (e) {
      if (!(e instanceof ChunkError)) throw e;
      // (where kubectl reads the chunk, its JSON error is not what it reports)
      return fail(first && !(e instanceof UnreadContent), `${where(toText(e.offset))}: invalid YAML: ${e.message}`);
    }
    const back = (p: number | undefined): number | undefined => (p === undefined ? undefined : toText(p));
    // positions inside the chunk are the chunk's, whose CRs are dropped: the caller's go back and forth
    const toChunk = (t: number): number => {
      let o = t - base;
      for (const d of dropped) if (d < o) o--;
      return o;
    };
    // and the entries a later duplicate key overwrote that hold one: in no value read, and filled all the same
    const overwritten = (decoded.overwritten ?? [])
      .map((r) => ({ offset: toText(r.offset), text: chunk.slice(r.offset, r.end), overwritten: true as const }))
      .filter((r) => r.text.includes('{{'));
    // and the placeholders written across YAML's tokens
    const split = splitTemplates(chunk).map((c) => ({ offset: toText(c.offset), text: c.text, split: true as const }));
    // and those after the `...` that ends the document
    const after = afterDocumentEnd(chunk, decoded.unreadFrom).map((c) => ({ offset: toText(c.offset), text: c.text, afterEnd: true as const }));
    const comments = [
      ...separatorComments,
      ...templateComments(chunk).map((c) => ({ offset: toText(c.offset), text: c.text })),
      ...overwritten,
      ...split,
      ...after,
    ];
    separatorComments = [];
    docs.push({
      value: decoded.value,
      offset: toText(decoded.offset),
      ...(comments.length > 0 ? { comments } : {}),
      offsetOf: (o) => back(decoded.offsetOf(o)),
      child: (parent, parentAt, step) => {
        const r = decoded.child(parent, toChunk(parentAt), step);
        return { at: back(r.at), value: back(r.value) };
      },
      integerText: decoded.integerText,
    });
  };
  let lineStart = from;
  while (lineStart < text.length) {
    // lines that start otherwise cut nothing: on to the next that starts with `---`
    if (!text.startsWith('---', lineStart)) {
      const cut = text.indexOf('\n---', lineStart);
      if (cut < 0) break;
      lineStart = cut + 1;
    }
    const nl = text.indexOf('\n', lineStart);
    const next = nl < 0 ? text.length : nl + 1;
    if (text.startsWith('---', lineStart)) {
      const rest = goTrimSpace(text.slice(lineStart + 3, nl < 0 ? text.length : nl));
      if (rest !== '' && rest[0] !== '#') fail(decodes === 0, `${where(lineStart)}: invalid YAML: invalid document separator: ${rest}`);
      // a --- line that ends nothing (the first line, or one right after another) stays in the
      // piece it starts: go-yaml reads it as a document start (then `---#c` is a scalar, and a
      // `...` right after it ends an empty document)
      if (lineStart > chunkStart) {
        emit(lineStart);
        chunkStart = next;
        // Pipelines-as-Code fills the line as it fills any text (up to its LF; a CR before it dropped)
        const hash = text.indexOf('#', lineStart + 3);
        const lineEnd = nl < 0 ? text.length : nl;
        const comment = rest !== '' && hash !== -1 && hash < lineEnd ? text.slice(hash, text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd) : '';
        if (comment.includes('{{')) separatorComments.push({ offset: hash, text: comment });
      }
    }
    lineStart = next;
  }
  emit(text.length);
  return docs;
}

// ---------------------------------------------------------------------------------------
// Objects: Lists flattened
// ---------------------------------------------------------------------------------------

const isObject = (v: unknown): v is Record<string, any> => v !== null && typeof v === 'object' && !Array.isArray(v);
const stringField = (o: Record<string, any>, k: string): string => (typeof o[k] === 'string' ? o[k] : '');
const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function describeValue(v: unknown): string {
  if (Array.isArray(v)) return 'a sequence';
  if (typeof v === 'string') return 'a string';
  if (typeof v === 'number') return 'a number';
  if (typeof v === 'boolean') return 'a boolean';
  return 'null';
}

/** Where a node is written (`offset`: its key, or the item), how many steps of its path exist, the node, and where its value starts when known. */
interface Located {
  readonly offset: number;
  readonly depth: number;
  readonly node: unknown;
  readonly start?: number;
}

/** Where the node at `path` below `root` (which starts at `rootOffset`) is written, as far as the path exists. */
function locateIn(doc: StreamDocument, root: object, rootOffset: number, steps: readonly PathSegment[]): Located {
  let node: unknown = root;
  let offset = rootOffset;
  // where the current node starts; unknown once a step could not be found in the text
  let start: number | undefined = rootOffset;
  let depth = 0;
  for (const step of steps) {
    const exists = Array.isArray(node)
      ? typeof step === 'number' && step >= 0 && step < node.length
      : isObject(node) && typeof step === 'string' && has(node, step);
    if (!exists) break;
    const r: ChildAt = start !== undefined ? doc.child(node as object, start, step) : {};
    if (r.at !== undefined) offset = r.at;
    start = r.value;
    node = (node as any)[step];
    depth++;
  }
  return { offset, depth, node, ...(start === undefined ? {} : { start }) };
}

/** libyaml's line breaks. */
const LINE_BREAK = /[\n\r\u0085\u2028\u2029]/g;
/** A line of blanks only (from `lastIndex`). */
const BLANK_LINE = /[ \t]*(?:[\n\r\u0085\u2028\u2029]|$)/y;

/** How many spaces start the line that holds `offset`. */
function indentation(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && !'\n\r\u0085\u2028\u2029'.includes(text[i - 1])) i--;
  let n = 0;
  while (text[i + n] === ' ') n++;
  return n;
}

/**
 * Where `written` is written in `text` the first time (with `nth`, the time after `nth` others) from the node written at `start` (its key, or its value) on, while still
 * inside the node as far as the lines tell: on its first line, or on a later line when every line between is blank or
 * indented further than the first (the lines of a block scalar, of a plain or quoted scalar in the block context, of a
 * nested node). Undefined when not there: text that reads so only once decoded (`\x7b{` in a double-quoted scalar, `''`
 * in a single-quoted one, a placeholder over lines), or after a line indented no further (which libyaml allows in a
 * quoted scalar).
 */
function writtenIn(text: string, start: number, written: string, nth = 0): number | undefined {
  let at = text.indexOf(written, start);
  for (let n = 0; n < nth && at >= 0; n++) at = text.indexOf(written, at + 1);
  if (at < 0) return undefined;
  const first = indentation(text, start);
  LINE_BREAK.lastIndex = start;
  for (let m = LINE_BREAK.exec(text); m !== null && m.index < at; m = LINE_BREAK.exec(text)) {
    const from = m.index + 1;
    BLANK_LINE.lastIndex = from;
    if (BLANK_LINE.test(text)) continue;
    let indent = 0;
    while (text[from + indent] === ' ') indent++;
    // a line (the text's own included) that starts where the first does, or further left: past the node
    if (indent <= first) return undefined;
  }
  return at;
}

/**
 * The Kubernetes objects of a file's text. Throws InputError; NotManifestError when no
 * document of the file is a Kubernetes object (a mapping with a kind).
 */
export function parseManifests(text: string, file: string): ManifestObject[] {
  const lines = new Lines(text);
  const where = (offset: number): string => {
    const p = lines.at(offset);
    return `${file}:${p.line}:${p.column}`;
  };
  const docs = streamDocuments(text, where);
  const objects: ManifestObject[] = [];
  const push = (doc: StreamDocument, object: Record<string, any>, offset: number, sealed: boolean | undefined): void => {
    objects.push({
      object,
      file,
      ...lines.at(offset),
      ...(sealed !== undefined ? { sealed } : {}),
      locate: (p, written, nth, inText) => {
        const found = locateIn(doc, object, offset, p);
        const full = found.depth === p.length;
        // inside a string field's text: the character read back from its scalar, else the text as written there
        const mapped = inText !== undefined && full && typeof found.node === 'string' && found.start !== undefined
          ? scalarSourceOffset(text, found.start, found.node, inText) : undefined;
        const at = mapped ?? (written !== undefined && full ? writtenIn(text, found.offset, written, nth) : undefined);
        return { ...lines.at(at ?? found.offset), depth: found.depth };
      },
    });
  };
  // the objects a TriggerTemplate (or a Trigger's, an EventListener's inline template) creates are judged
  // as written, its $(tt.params.x) as what an event chooses; their records are the library's when the
  // object holding them is a document that carries its seal
  const pushTemplates = (doc: StreamDocument, object: Record<string, any>, offset: number, holderSealed: boolean): void => {
    for (const t of resourceTemplates(object)) {
      const at = locateIn(doc, object, offset, t.path);
      // an object under a key (a CustomRun's customSpec) is read from where its value starts, one in a list from its item
      const start = typeof t.path[t.path.length - 1] === 'string' && at.start !== undefined ? at.start : at.offset;
      push(doc, t.object, at.depth === t.path.length ? start : offset, holderSealed);
    }
  };
  // a file none of whose documents is an object (Helm values, CI workflows, JSON patches) is
  // not a manifest at all; a non-object document next to objects is refused, as kubectl does
  const isManifest = (v: unknown): boolean => isObject(v) && stringField(v, 'kind') !== '';
  // a mapping written as an object whose kind is missing (a `kind` key with no name, an apiVersion with any key a Helm Chart.yaml
  // does not have, `data`, `rules`, `metadata` …, or items holding an object) is refused, as kubectl refuses it (Object 'Kind' is
  // missing), not taken for a file without objects; a kustomization may omit its kind, a Helm Chart.yaml has an apiVersion and no kind
  const meantAsObject = (v: unknown): boolean => isObject(v) && !KUSTOMIZATION.test(path.basename(file))
    && (has(v, 'kind') || (has(v, 'apiVersion') && Object.keys(v).some((k) => !HELM_CHART_KEYS.includes(k)))
      || (Array.isArray(v.items) && v.items.some(isManifest)));
  const notManifest = (): InputError | undefined => {
    if (docs.some((d) => isManifest(d.value) || meantAsObject(d.value))) return undefined;
    const why = 'no Kubernetes object (no document is a mapping with apiVersion and kind)';
    // Pipelines-as-Code fills the text of every file of `.tekton/`, objects or not: such a file is refused, not skipped
    const placeholder = senderPlaceholder(text);
    return placeholder === undefined ? new NotManifestError(`${file}: ${why}`)
      : new InputError(`${where(text.indexOf(placeholder))}: the text holds ${placeholder}${PASTED_BY_PAC}, in a file with ${why}, `
        + 'which the audit would skip: a line break or a quote in the value ends what it is written in, and what follows is YAML, '
        + `after a \`---\` line a PipelineRun of its own, which no rule sees here (${RuleId.TEMPLATE_INJECTION}). Take ${placeholder} out of `
        + 'the file, or leave the file out of the audit where Pipelines-as-Code does not read it.');
  };
  // the comments of a document are said of its (first) object; those of a piece without one (before the first `---`,
  // between two, after the last) of the next object of the file, else of the last
  let pending: DocumentText[] = [];
  const sayComments = (first: number, comments: StreamDocument['comments'] = []): void => {
    pending.push(...comments);
    if (objects.length <= first || pending.length === 0) return;
    recordComments(objects[first].object, pending.map((c) => ({
      text: c.text,
      ...lines.at(c.offset),
      ...(c.overwritten ? { overwritten: c.overwritten } : {}),
      ...(c.split ? { split: c.split } : {}),
      ...(c.afterEnd ? { afterEnd: c.afterEnd } : {}),
    })));
    pending = [];
  };
  docs.forEach((doc, d) => {
    const value = doc.value;
    const first = objects.length;
    if (value === null || value === undefined) {
      sayComments(first, doc.comments);
      return;
    }
    if (isObject(value)) refuseOtherSpelling(doc, value, doc.offset, where);
    if (!isObject(value) || !stringField(value, 'kind')) {
      throw notManifest() ?? notObject(text, doc.offset, docs[d + 1]?.offset ?? text.length, value, where);
    }
    // cli-runtime decodes the document's apiVersion, kind and metadata into their Go types first
    // a JSON document's numbers are decoded as written: 1.0 is no int64; a YAML document's as
    // sigs.k8s.io/yaml writes them (an integer beyond 2^53 exactly)
    const literal = doc.json ? (p: PathSegment[]): string | undefined => {
      // the key of the entry, then its value after the colon
      const found = locateIn(doc, value, doc.offset, p);
      if (found.depth !== p.length || typeof p[p.length - 1] !== 'string') return undefined;
      let i = jsonValueEnd(text, found.offset)!;
      while (JSON_SPACE.test(text[i]) || text[i] === ':') i++;
      return text.slice(i, jsonValueEnd(text, i));
    } : (p: PathSegment[]): string | undefined => {
      const key = p[p.length - 1];
      const parent = p.slice(0, -1).reduce<any>((o, step) => o?.[step], value);
      return typeof key === 'string' && isObject(parent) ? doc.integerText?.(parent, key) : undefined;
    };
    const bad = metadataError(value, literal);
    if (bad) {
      const at = locateIn(doc, value, doc.offset, bad.path);
      throw new InputError(`${where(at.offset)}: kubectl cannot decode the object: ${formatPath(bad.path)} ${bad.message}`);
    }
    if (!has(value, 'items')) {
      push(doc, value, doc.offset, undefined);
      pushTemplates(doc, value, doc.offset, isSealed(value));
      sayComments(first, doc.comments);
      return;
    }
    // UnstructuredList: items (null for none), each item an object
    const items = value.items ?? [];
    if (Array.isArray(items) && !isListKind(value.kind)) throw itemsOfAnObject(value.kind, items.length, where(locateIn(doc, value, doc.offset, ['items']).offset));
    if (!Array.isArray(items)) throw new InputError(`${where(doc.offset)}: the items of ${value.kind} are not a list`);
    const itemKind = value.kind.replace(/List$/, '');
    const queue: { object: Record<string, any>; offset: number }[] = [];
    for (const item of items) {
      const offset = (isObject(item) ? doc.offsetOf(item) : undefined) ?? doc.offset;
      if (item !== null && !isObject(item)) throw new InputError(`${where(offset)}: an item of ${value.kind} is not an object (${describeValue(item)})`);
      if (item !== null) refuseOtherSpelling(doc, item, offset, where, true);
      const object = item ?? {};
      if (!stringField(object, 'kind') && !stringField(object, 'apiVersion')) {
        object.kind = itemKind;
        object.apiVersion = stringField(value, 'apiVersion');
      }
      queue.push({ object, offset });
    }
    // FlattenListVisitor: an item that is a list itself (items is a sequence) is an
    // *unstructured.Unstructured, which meta.ExtractList cannot open: kubectl fails
    for (const { object, offset } of queue) {
      if (Array.isArray(object.items)) {
        throw new InputError(`${where(offset)}: a list inside ${value.kind}: kubectl refuses it (*unstructured.Unstructured is not a list: no Items field in this object)`);
      }
      if (!stringField(object, 'kind')) throw new InputError(`${where(offset)}: an item of ${value.kind} is not a Kubernetes object (no kind)`);
      // cli-runtime types each item by its apiVersion and kind (UnstructuredObjectTyper)
      if (!stringField(object, 'apiVersion')) throw new InputError(`${where(offset)}: an item of ${value.kind} has no apiVersion (a non-empty string): kubectl refuses it (Object 'apiVersion' is missing)`);
      push(doc, object, offset, false);
      pushTemplates(doc, object, offset, false);
    }
    sayComments(first, doc.comments);
  });
  if (objects.length > 0) sayComments(objects.length - 1);
  else unsaidPlaceholder(pending, where);
  return objects;
}

/**
 * The refusal of a document of a kind that does not end in `List` with an `items` key (a sequence or null), at `at`: kubectl
 * (unstructured's detector) reads any document with `items` as a list, whatever its kind, and sends its items (none for
 * `[]` or null) instead of the object, while Pipelines-as-Code (client-go's typed deserializer, for every file of
 * `.tekton/`), kustomize and clients that read documents into Unstructured objects keep the object and drop or pass on
 * `items`, so they run an object that the audit, reading as kubectl does, would not see.
 */
/**
 * Whether a document with `items` is read as a list, not refused as an object with items (itemsOfAnObject): a kind that ends
 * in `List`, or `list` in any case (`kind: list`), which kubectl reads as a List like any kind (its items sent, one without kind
 * and apiVersion of kind `list`: kubectl-read run), and which no client runs as an object of its own: no API and no Tekton kind
 * is named so, and kustomize (which expands only a kind ending in `List`, api v0.20.1 resource/factory.go) renders it whole,
 * with its items, which kubectl then sends.
 */
function isListKind(kind: string): boolean {
  return kind.endsWith('List') || kind.toLowerCase() === 'list';
}

function itemsOfAnObject(kind: string, count: number, at: string): InputError {
  const sent = count === 0 ? 'nothing' : `its ${count === 1 ? 'only item' : `${count} items`}`;
  return new InputError(`${at}: a ${kind} with an \`items\` key: kubectl reads a document with \`items\` as a List, whatever its kind, `
    + `and sends ${sent} instead of the ${kind}, but Pipelines-as-Code (which reads every file of \`.tekton/\` as objects), kustomize and `
    + `other clients read it as the ${kind} and run that, which the audit would not see. Take \`items\` out of the ${kind}; for a list `
    + 'of objects, give it a kind that ends in `List` (`kind: List`).');
}

/** The two keys that say what an object is, as Go's encoding/json matches them (go-json.ts). */
const TYPE_FIELDS = ['apiVersion', 'kind'];

/**
 * Refuses an object (a document, or an item of a list, starting at `offset`) with a key that Go's encoding/json reads as
 * `kind` or `apiVersion` though spelled otherwise (`Kind`, `APIVERSION`, `apiVerſion` with U+017F, `kind` with the
 * Kelvin sign U+212A): kubectl reads those two keys as written, but Pipelines-as-Code, which decodes each document of
 * `.tekton/` into Go types (client-go's deserializer: apimachinery's SimpleMetaFactory reads the type with encoding/json,
 * the last spelling written winning, after sigs.k8s.io/yaml has sorted a YAML document's keys), reads the type through such
 * a key, so what it runs may be of another kind or version than the object kubectl reads and the rules judge, or an
 * object where kubectl reads none; an item of a list (which PaC does not decode) is sent by kubectl as written to the API
 * server, whose decoder reads the type the same way. Only these two keys: that decoder reads the body's fields as written (sigs.k8s.io/json,
 * case-sensitive; TEKTON_FIELD_NAMES judges the spellings Tekton's webhook and controllers fold).
 */
function refuseOtherSpelling(
  doc: StreamDocument, object: Record<string, unknown>, offset: number, where: (offset: number) => string, item = false,
): void {
  const spelled = otherSpelling(object, TYPE_FIELDS);
  if (spelled === undefined) return;
  const { key, field } = spelled;
  const odd = [...key].filter((c) => c.codePointAt(0)! > 0x7f)
    .map((c) => (c === '\u212a' ? 'U+212A, the Kelvin sign, for k' : 'U+017F, a long s, for s'));
  const asWritten = object[field];
  const kubectl = typeof asWritten === 'string' && asWritten !== '' ? `reads ${JSON.stringify(asWritten)} from \`${field}\``
    : `finds no \`${field}\`${field === 'kind' && !item ? " and refuses the document (Object 'Kind' is missing)" : ''}`;
  throw new InputError(`${where(locateIn(doc, object, offset, [key]).offset)}: the key ${JSON.stringify(key)}${odd.length > 0 ? ` (${odd.join('; ')})` : ''} `
    + `is not spelled \`${field}\`: kubectl ${kubectl}, but ${item ? 'the API server, to which kubectl sends the item as written, may read'
      : 'Pipelines-as-Code, which decodes every document of `.tekton/` into Go types, reads'} `
    + `this key as \`${field}\` (Go's encoding/json ignores case, and takes \`ſ\` for s and the Kelvin sign for k), so it may run an object `
    + `of another kind or version than the one the audit would judge. Spell the key \`${field}\`, and write it once.`);
}

/** A line that ends a YAML document (`---` or `...` at its start). */
const DOCUMENT_MARKER = /[\n\r](?:---|\.\.\.)(?=[ \t\n\r]|$)/;

/**
 * The refusal of a document that is no Kubernetes object (a sequence, a scalar, a mapping without a kind) in a file
 * that holds objects, as kubectl refuses it: what it is and how it starts as written, the placeholder its text holds
 * that Pipelines-as-Code fills from the event, and what to do. `start` is where its content starts, `end` where the
 * next document's starts (or the text's end).
 */
function notObject(text: string, start: number, end: number, value: unknown, where: (offset: number) => string): InputError {
  const own = text.slice(start, end);
  const marker = DOCUMENT_MARKER.exec(own);
  const body = marker === null ? own : own.slice(0, marker.index);
  const line = body.split(/[\n\r\u0085\u2028\u2029]/, 1)[0].trimEnd();
  const written = JSON.stringify(line.length > 60 ? `${line.slice(0, 60)}…` : line);
  const mapping = isObject(value);
  const what = mapping ? 'a mapping with no kind (a non-empty string)' : describeValue(value);
  // apimachinery's unstructured decoding: a JSON value other than an object fails to unmarshal, an object needs a kind
  const goType = Array.isArray(value) ? 'array' : typeof value === 'boolean' ? 'bool' : typeof value;
  const kubectl = mapping ? "Object 'Kind' is missing" : `json: cannot unmarshal ${goType} into Go value of type unstructured.detector`;
  const placeholder = senderPlaceholder(body);
  const filled = placeholder === undefined ? ''
    : ` Its text holds ${placeholder} (${where(start + body.indexOf(placeholder))})${PASTED_BY_PAC} (${RuleId.TEMPLATE_INJECTION}).`;
  // a JSON 6902 patch is a sequence, a strategic merge patch a mapping that may lack a kind
  const patch = mapping || Array.isArray(value)
    ? ' If it is a kustomize patch, put it in a file of its own that its kustomization lists as a patch (the audit skips it) '
      + 'and audit what kustomize renders: `kubectl kustomize KUSTOMIZATION_DIR | cdk8s-secure-tekton audit -`.'
    : '';
  return new InputError(`${where(start)}: a document is not a Kubernetes object: ${what}, written ${written} (kubectl refuses it: ${kubectl}).${filled} `
    + `${mapping ? 'Give it its apiVersion and kind, or take' : 'Take'} the document out of the file.${patch}`);
}

/**
 * Refuses a file without an object whose comments hold a placeholder Pipelines-as-Code fills with text the event's
 * sender writes: PaC fills the text of every file of `.tekton/`, and a line break in the value ends the comment, so what
 * follows is YAML, after a `---` line a PipelineRun of its own. With no object, TEMPLATE_INJECTION has none to say it of.
 */
function unsaidPlaceholder(comments: readonly DocumentText[], where: (offset: number) => string): void {
  for (const c of comments) {
    const placeholder = senderPlaceholder(c.text);
    if (placeholder === undefined) continue;
    throw new InputError(`${where(c.offset)}: the comment ${JSON.stringify(c.text.length > 80 ? `${c.text.slice(0, 80)}…` : c.text)} holds ${placeholder}${PASTED_BY_PAC}, `
      + 'in a file with no object: a line break in it ends the comment, and what follows is YAML, after a `---` line a PipelineRun '
      + `of its own, which no rule sees here (${RuleId.TEMPLATE_INJECTION}). Take ${placeholder} out of the comment, or leave the file out of the audit where Pipelines-as-Code does not read it.`);
  }
}
