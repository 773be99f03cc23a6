/**
 * Credentials a step writes into a workspace, or into a volume of its task, where later steps of the task and later pipeline
 * tasks that bind the same workspace find them: a remote URL with `user:secret@` that git stores in `.git/config`, a git
 * setting holding a secret (`git clone -c http.extraHeader=…`, `git config …`), a secret printed or copied into a file, a
 * registry login whose auth file lies there. The repository's code run next to that file (a Makefile, a test) can read it.
 */
import { asArray, isObject, stepDesignation, taskSpecsOf } from './containers';
import { copyOperands, CopyOperands, cpioWrites, ddFiles, ddOperands, findCommands, tarCreates, xargsCommand, zipCreates } from './copy-operands';
import { locallyReferenced } from './manifest-index';
import { PipelineOrder } from './pipeline-order';
import { CredentialProblem, firstRepoCode, interpreterOf, readsAsShell, RepoCode, sourcedPath, workspaceMountPaths } from './repo-code';
import {
  argvOf, closing, definedFunctions, outputFiles, readVariables, redirectionTable, runOf, SimpleCommand, simpleCommands, teeOperands,
  withoutRedirections,
} from './shell';
import { jsString } from './text';
import { bindsSecret, receivedWorkspaces } from './workspaces';
import { fileReadBy, scriptsWritten, WrittenScript } from './written-scripts';

/** Programs that pass what they read on to their output, changed but whole (compressors, encoders, `tee`, `cat`). */
const ARCHIVE_FILTERS = /^(gzip|pigz|bzip2|xz|zstd|lz4|lzma|base64|base32|cat|tee)$/;

/** Where a path lies: a workspace (`ws:<name>`) or a volume of the task (`vol:<name>`), and the path below it (`/.git/config`, `` for itself). */
interface Place {
  readonly place: string;
  readonly rest: string;
}

/** A credential a step wrote into a workspace or a volume, and how. */
export interface CredentialWrite {
  /** The step that wrote it. */
  readonly step: string;
  /** The file as the script names it (`$(params.source-dir)/.git/config`). */
  readonly file: string;
  /** Where the file lies. */
  readonly at: Place;
  /** The command line that wrote it. */
  readonly line: string;
  /** What it wrote, for a message: `a remote URL holding $GIT_PASSWORD (the Secret 'git-credentials')`. */
  readonly what: string;
  /** How it is written, for the fix. */
  readonly kind: 'remote' | 'config' | 'file' | 'authfile' | 'reflog';
  /** For `remote` and `config`: the repository's directory (a Place's key) and the git configuration key it set, lowercase. */
  readonly key?: string;
  /** Where the command lies when it is not the step's own: a script the step wrote and ran, a function it called (a clause). */
  readonly via?: string;
}

/** A place's key, for comparing. */
const placeKey = (p: Place): string => `${p.place}\u0000${p.rest}`;

/** A path without `.` segments, doubled and trailing slashes. */
function normal(path: string): string {
  const out = path.replace(/\/+/g, '/').split('/').filter((s, k) => s !== '.' || k === 0).join('/');
  return out.length > 1 ? out.replace(/\/+$/, '') : out;
}

/** The text of a word with each command substitution (`$(…)`, backquotes) in it replaced by `?`. */
function withoutSubstitutions(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text.startsWith('$(', i) && !text.startsWith('$((', i)) {
      i = closing(text, i + 1);
      out += '?';
    } else if (text[i] === '`') {
      i = closing(text, i);
      out += '?';
    } else {
      out += text[i];
    }
  }
  return out;
}

/** The pattern of each variable name `expands` looked for. */
const EXPANDS = new Map<string, RegExp>();

/** Whether `text` expands the variable `name` (`$NAME`, `${NAME}`, `${NAME:-…}`). */
const expands = (text: string, name: string): boolean => {
  if (!text.includes(name)) return false;
  // (one pattern per name, kept while the names stay few)
  let re = EXPANDS.get(name);
  if (re === undefined) {
    if (EXPANDS.size > 4096) EXPANDS.clear();
    EXPANDS.set(name, re = new RegExp(`\\$(?:\\{)?${name}(?![A-Za-z0-9_])`));
  }
  return re.test(text);
};

/** The reading of one container's script. */
interface ContainerReading {
  /** Paths where each place is, longest first. */
  readonly prefixes: ReadonlyArray<{ readonly prefix: string; readonly place: string }>;
  /** Variables that hold a secret, with where it comes from. */
  readonly secrets: Map<string, string>;
  /** Variables whose value is a URL with a secret in its user part. */
  readonly credentialUrls: Map<string, string>;
  /** Paths of Secret files the container mounts (a Secret volume, a credentials workspace), with their Secret. */
  readonly secretFiles: Array<{ readonly prefix: string; readonly source: string }>;
  /** An `envFrom` of a Secret not among the objects (its keys not known), for a message: any variable the step does not set may be one. */
  readonly envFromUnknown?: string;
  /** Variables the container's env and the script give a path (DOCKER_CONFIG, REGISTRY_AUTH_FILE). */
  readonly paths: Map<string, string>;
  /** The volumes of the task a step clones a repository into (shared by the steps of a task spec): their files are the repository's. */
  readonly cloned: Set<string>;
}

/** The secret a text holds: a variable holding one it expands, or a Secret file a command substitution of it reads. */
function secretIn(text: string, r: ContainerReading): string | undefined {
  const variable = secretVariable(text, r);
  if (variable !== undefined) return variable;
  for (const f of r.secretFiles) {
    const at = text.indexOf(f.prefix);
    if (at >= 0 && /\$\(|`/.test(text.slice(0, at))) return `${f.prefix} (${f.source})`;
  }
  return undefined;
}

/** Variables the shell, the kubelet or the step's image set, which no `envFrom` gives a step its value of (`HOME` aside, which env may set). */
const NOT_FROM_ENVFROM = /^(HOME|PATH|PWD|OLDPWD|HOSTNAME|SHELL|IFS|UID|EUID|PPID|RANDOM|LINENO|SECONDS|USER|TERM|LANG|BASH[A-Z_]*|KUBERNETES_[A-Z0-9_]+|[0-9]+)$/;

/** A variable holding a secret that `text` expands, with where it comes from: one of `r.secrets`, else one `envFrom` of a Secret not known may give. */
function secretVariable(text: string, r: ContainerReading): string | undefined {
  for (const [name, source] of r.secrets) if (expands(text, name)) return `$${name} (${source})`;
  if (r.envFromUnknown === undefined || !text.includes('$')) return undefined;
  for (const m of text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) {
    if (!r.paths.has(m[1]) && !NOT_FROM_ENVFROM.test(m[1])) return `$${m[1]} (${r.envFromUnknown})`;
  }
  return undefined;
}

/** A secret in the user part of a URL (`https://user:$TOKEN@host/…`), or a variable holding such a URL. */
function credentialUrl(text: string, r: ContainerReading): string | undefined {
  // (`$NAME`, `${NAME}`: only a text that starts with `$` can be one; the pattern built only for those)
  if (text.startsWith('$')) for (const [name, held] of r.credentialUrls) if (new RegExp(`^\\$(?:\\{)?${name}\\}?$`).test(text)) return held;
  const m = /:\/\/([^/@]*)@/.exec(withoutSubstitutions(text));
  if (m === null) return undefined;
  return secretVariable(m[1], r);
}

/** Where `path` lies, from the directory `cwd` (undefined: not known). */
function placeOf(path: string, cwd: string | undefined, r: ContainerReading): (Place & { readonly path: string }) | undefined {
  // the home directory (`~`, `$HOME`) where the step's env or script gives HOME (Tekton v1.15 sets none: the image's, in the
  // container's own files, unless env sets it); another user's (`~user`): root's /root, another's /home/<user> (useradd's default: the
  // image's /etc/passwd is not known here)
  const user = /^~([A-Za-z_][A-Za-z0-9_.-]*)(?=\/|$)/.exec(path);
  if (user !== null) return placeOf(`${user[1] === 'root' ? '/root' : `/home/${user[1]}`}${path.slice(user[0].length)}`, cwd, r);
  const home = r.paths.get('HOME');
  const under = /^(?:~|\$HOME|\$\{HOME\})(?=\/|$)/.exec(path);
  if (under !== null) return home === undefined || !/^[/$]/.test(home) || /^(?:~|\$HOME|\$\{HOME\})/.test(home) ? undefined : placeOf(`${home}${path.slice(under[0].length)}`, cwd, r);
  // a variable the step's env or script gives a path (`WS=$(workspaces.source.path)`; `$WS/.token`)
  const variable = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))(?=\/|$)/.exec(path);
  const value = variable === null ? undefined : r.paths.get(variable[1] ?? variable[2]);
  if (value !== undefined && (value.startsWith('/') || value.startsWith('$(')) && !value.includes(variable![0])) return placeOf(`${value}${path.slice(variable![0].length)}`, cwd, r);
  const full = path.startsWith('/') || path.startsWith('$') ? path : cwd === undefined || path.startsWith('~') ? undefined : path === '.' ? cwd : `${cwd}/${path}`;
  if (full === undefined) return undefined;
  const p = normal(full);
  for (const { prefix, place } of r.prefixes) {
    if (p === prefix || p.startsWith(`${prefix}/`)) return { place, rest: p.slice(prefix.length), path: p };
  }
  return undefined;
}

/** git's global options that take a value (git.c `handle_options`). */
const GIT_VALUED = /^(-C|-c|--git-dir|--work-tree|--namespace|--exec-path|--super-prefix|--config-env|--list-cmds|--attr-source)$/;

/** clone's options that take a value as the next word (builtin/clone.c). */
const CLONE_VALUED = /^(-b|--branch|-o|--origin|-c|--config|--depth|--reference|--reference-if-able|-u|--upload-pack|--template|--separate-git-dir|-j|--jobs|--filter|--shallow-since|--shallow-exclude|--server-option|--bundle-uri|--ref-format)$/;

/** A git command: its directory (`-C`), its subcommand and the words after it. */
function gitParts(argv: readonly string[]): { dirs: string[]; sub: string; rest: string[]; settings: string[] } | undefined {
  if (!/(^|\/)git$/.test(argv[0] ?? '')) return undefined;
  const dirs: string[] = [];
  const settings: string[] = [];
  let k = 1;
  while (k < argv.length && argv[k].startsWith('-')) {
    if (argv[k] === '-C') dirs.push(argv[k + 1] ?? '');
    if (argv[k] === '-c') settings.push(argv[k + 1] ?? '');
    if (GIT_VALUED.test(argv[k])) k++;
    k++;
  }
  if (k >= argv.length) return undefined;
  return { dirs, sub: argv[k], rest: argv.slice(k + 1), settings };
}

/** The words of a command apart from its redirections, and the files its standard output is written to (shell.ts reads both). */
function outputs(argv: readonly string[]): { operands: string[]; to: string[] } {
  return { operands: withoutRedirections(argv), to: outputFiles(argv) };
}

/** Programs that print what they are given (their operands, their input): what they write to a file is that. */
const PRINTERS = /^(echo|printf|cat|base64|tee|envsubst)$/;

/** A path as a command names it, from the directory `cwd` where it is relative and known. */
const pathFrom = (a: string, cwd: string | undefined): string => (a.startsWith('/') ? normal(a) : cwd === undefined || /^[~$]/.test(a) ? a : normal(`${cwd}/${a}`));

/** The Secret file (or one a secret was written into) that a path names, as written or from `cwd`. */
function secretFileOf(a: string, cwd: string | undefined, r: ContainerReading): { readonly prefix: string; readonly source: string } | undefined {
  if (r.secretFiles.length === 0) return undefined;
  const full = pathFrom(a, cwd);
  return r.secretFiles.find((f) => a === f.prefix || a.startsWith(`${f.prefix}/`) || full === f.prefix || full.startsWith(`${f.prefix}/`));
}

/** The functions of each script read (`scriptFunctions`), by its text. */
const SCRIPT_FUNCTIONS = new Map<string, ReadonlyMap<string, readonly string[]>>();

/** The functions a script defines (shell.ts definedFunctions), not in a heredoc's body, which is data; read once per text. */
function scriptFunctions(script: string, commands: readonly SimpleCommand[]): ReadonlyMap<string, readonly string[]> {
  let out = SCRIPT_FUNCTIONS.get(script);
  if (out === undefined) {
    const bodies = commands.flatMap((c) => c.heredocs.map((h) => h.body)).filter((b) => b !== '');
    out = definedFunctions(bodies.reduce((text, b) => text.replace(b, ''), script));
    if (SCRIPT_FUNCTIONS.size >= 2_000) SCRIPT_FUNCTIONS.clear();
    SCRIPT_FUNCTIONS.set(script, out);
  }
  return out;
}

/**
 * The Secret file (or one a secret was written into) a path reaches without naming it, as bash 5.2 and coreutils 9.1 read it: a
 * directory above it that a `recursive` copy takes whole (`cp -r / dst`, `rsync -a /etc dst` of `/etc/secret`, `..` resolved), or
 * a pattern the shell may expand to it or into it (`/sec*`, `/s?cret/token`), or, `recursive`, to a directory above it.
 */
function secretReachedBy(
  a: string, cwd: string | undefined, recursive: boolean, r: ContainerReading,
): { readonly prefix: string; readonly source: string } | undefined {
  if (r.secretFiles.length === 0) return undefined;
  const full = dotsResolved(pathFrom(a, cwd));
  if (!full.startsWith('/')) return undefined;
  const segments = full.split('/').filter((x) => x !== '');
  return r.secretFiles.find((f) => {
    const under = f.prefix.split('/').filter((x) => x !== '');
    // (a path no longer than the Secret's needs a recursive copy to reach into it)
    if (segments.length < under.length && !recursive) return false;
    return segments.slice(0, under.length).every((x, k) => (/[*?[]/.test(x) ? globSegment(x).test(under[k]) : x === under[k]));
  });
}

/**
 * The paths a command prints one a line, given its words: find's start points (with what lies under each: `recursive`), the
 * arguments of echo and of printf past its format, the operands of ls naming no directory's entries (`ls /secret/x`); undefined
 * for another command.
 */
function pipedNames(argv: readonly string[]): { readonly paths: string[]; readonly recursive: boolean } | undefined {
  const name = (argv[0] ?? '').replace(/^.*\//, '');
  if (name === 'find') return { paths: findCommands(argv.slice(1)).starts, recursive: true };
  if (name === 'echo') return { paths: argv.slice(1).filter((a) => !/^-[neE]+$/.test(a)), recursive: false };
  if (name === 'printf') return { paths: argv.slice(argv[1] === '--' ? 3 : 2), recursive: false };
  if (name === 'ls') return { paths: argv.slice(1).filter((a) => !a.startsWith('-')), recursive: false };
  return undefined;
}

/** A path with its `..` segments resolved (`/secret/..` is `/`). */
function dotsResolved(path: string): string {
  if (!path.includes('..')) return path;
  const out: string[] = [];
  for (const x of path.split('/')) {
    if (x === '..') out.pop();
    else if (x !== '' && x !== '.') out.push(x);
  }
  return path.startsWith('/') ? `/${out.join('/')}` : out.join('/');
}

/** A pattern's segment as a regular expression of the names it matches (`*`, `?`, `[…]`, `[!…]`; never a `/`). */
function globSegment(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    const close = c === '[' ? pattern.indexOf(']', i + 2) : -1;
    if (c === '*') {out += '[^/]*';} else if (c === '?') {out += '[^/]';} else if (close > 0) {
      out += `[${pattern.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
      i = close;
    } else {out += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');}
  }
  return new RegExp(`^${out}$`);
}

/**
 * The secret a printer or text tool prints: a variable its words or an expanding heredoc expand, a Secret file it reads (an operand,
 * `<` input), or, for envsubst without a format, a variable of its environment from a Secret.
 */
function printedSecret(
  words: readonly string[], argv: readonly string[], c: SimpleCommand | undefined, cwd: string | undefined, r: ContainerReading,
): string | undefined {
  const program = (argv[0] ?? '').replace(/^.*\//, '');
  // (a here-string's word: `base64 -d <<< "$T"`)
  const herestrings = words.flatMap((w, k) => (w.startsWith('<<<') ? [w.length > 3 ? w.slice(3) : words[k + 1] ?? ''] : []));
  return secretIn([...argv.slice(1), ...herestrings].join(' '), r)
    ?? (c?.heredocs.some((h) => h.expanded) ? secretIn(c.heredocs.map((h) => h.body).join(''), r) : undefined)
    ?? (argv.slice(1).map((a) => secretFileOf(a, cwd, r)).find((f) => f !== undefined)
      ?? words.map((a, k) => (/^[0]?<(?![<&>])/.test(a) ? secretFileOf(a.replace(/^0?</, '') || (words[k + 1] ?? ''), cwd, r) : undefined)).find((f) => f !== undefined))?.source
    // envsubst without a format puts each variable of its environment in place: the step's env from a Secret among them
    ?? (program === 'envsubst' && argv.length === 1 ? environmentSecret(r) : undefined);
}

/** Text tools whose output holds a value their arguments give (a sed expression, an awk program, jq's and yq's `--arg`). */
const TEXT_TOOLS = /^(sed|awk|gawk|jq|yq|tr|head|tail|cut|perl|xxd|rev|fold|gzip|openssl)$/;

/** Text tools that edit their files in place with `-i`: their files are written with what they are given. */
const INPLACE = /^(sed|perl|yq)$/;

/** A variable of the step's env from a Secret (envsubst puts those of its environment in place), or one an `envFrom` not known may give. */
function environmentSecret(r: ContainerReading): string | undefined {
  for (const [name, source] of r.secrets) if (!source.startsWith('from ')) return `$${name} (${source})`;
  return r.envFromUnknown === undefined ? undefined : `a variable of ${r.envFromUnknown}`;
}

/** The files `sed -i` edits: its operands past the script (the first operand, where no `-e` or `-f` gives it). */
function sedFiles(args: readonly string[]): string[] {
  const out: string[] = [];
  let script = false;
  for (let k = 0; k < args.length; k++) {
    if (/^(-e|--expression|-f|--file)$/.test(args[k])) {
      script = true;
      k++;
    } else if (/^(--expression|--file)=|^-[ef]./.test(args[k])) {
      script = true;
    } else if (!args[k].startsWith('-')) {
      out.push(args[k]);
    }
  }
  return script ? out : out.slice(1);
}

/** A path with the variable it starts with (`$SRC`, `${DST}/x`) replaced by the path the env or the script gave it, again where that starts with one. */
function heldPath(path: string, r: ContainerReading): string {
  let out = path;
  for (let depth = 0; depth < 8; depth++) {
    const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))(?=\/|$)/.exec(out);
    const value = m === null ? undefined : r.paths.get(m[1] ?? m[2]);
    if (value === undefined || value.includes(m![0]) || !/^(\/|\$)/.test(value)) break;
    out = `${value}${out.slice(m![0].length)}`;
  }
  return out;
}

/** A file outside the workspaces and volumes that a secret was written into: its later copies count as the secret's (not /dev's). */
function taint(file: string, cwd: string | undefined, source: string, r: ContainerReading): void {
  const full = pathFrom(file, cwd);
  if (!/^(\/dev\/|[~$])/.test(full) && full.startsWith('/')) r.secretFiles.push({ prefix: full, source });
}

/** The state of a script read in order: the credentials written so far, by file. */
type Written = Map<string, CredentialWrite>;

/** The operands of `rm` (past its options). */
const rmOperands = (args: readonly string[]): string[] => {
  const out: string[] = [];
  let options = true;
  for (const a of args) {
    if (options && a === '--') options = false;
    else if (options && a.startsWith('-')) continue;
    else out.push(a);
  }
  return out;
};

/** A script an earlier step of the task wrote from a literal, where a later step that mounts the same place finds it. */
interface SharedScript {
  readonly script: WrittenScript;
  /** Where it lies. */
  readonly at: Place;
  /** The step that wrote it. */
  readonly step: string;
}

/** A command read in order: its words, the command as written (none for a command and args), whether it surely runs, and where it lies. */
interface ReadCommand {
  readonly argv: string[];
  readonly c?: SimpleCommand;
  readonly sure: boolean;
  readonly via?: string;
}

/** How deep scripts run or sourced from written scripts, and function calls, are read. */
const MAX_DEPTH = 4;

/** A function's words with its positional parameters (`$1`, `${2}`) in place: the call's arguments. */
const positionalIn = (word: string, args: readonly string[]): string => word.replace(/\$\{([1-9])\}|\$([1-9])/g, (_, a, b) => args[Number(a ?? b) - 1] ?? '');

/** The commands of a text that are the words defining a function (`f() {`, `function f {`): those its body's scope follows. */
function definitions(text: string): ReadonlySet<SimpleCommand> {
  let found = DEFINITIONS.get(text);
  if (found === undefined) {
    const functions = definedFunctions(text);
    const commands = simpleCommands(text);
    found = new Set(functions.size === 0 ? [] : commands.filter((c, k) => {
      const words = c.words.map((w) => w.text);
      const name = words[0] === 'function' ? words[1] : words.length === 1 ? words[0] : undefined;
      const next = commands[k + 1];
      return name !== undefined && functions.has(name) && next !== undefined && next.scope.length > c.scope.length;
    }));
    if (DEFINITIONS.size >= 500) DEFINITIONS.clear();
    DEFINITIONS.set(text, found);
  }
  return found;
}
const DEFINITIONS = new Map<string, ReadonlySet<SimpleCommand>>();

/**
 * The commands of a step's script in order, with those of each script it wrote from a literal (written-scripts.ts) and then runs or
 * sources (this step's, or one an earlier step wrote where this step mounts the same place, `shared`) read where it runs them, and
 * the body of each function such a script defines (or sources) read where it is called, the call's arguments as its `$1`, `$2` ….
 */
function commandsRead(
  commands: readonly SimpleCommand[], script: string, shared: readonly SharedScript[], placeAt: (path: string) => Place | undefined,
): ReadCommand[] {
  const own = scriptsWritten(script);
  // (the script's own functions are read where it calls them too, their arguments their `$1` …; not those of a heredoc's body, data)
  const ownFunctions = scriptFunctions(script, commands);
  if (own.length === 0 && shared.length === 0 && ownFunctions.size === 0) return commands.map((c) => ({ argv: argvOf(c), c, sure: c.unconditional }));
  const out: ReadCommand[] = [];
  /** The written script at `path` for a command at `at` of the step's own script (undefined: inside a written one, any it wrote). */
  const writtenAt = (path: string, at: number | undefined): { w: WrittenScript; said: string } | undefined => {
    const mine = own.filter((w) => (at === undefined || w.at < at) && (w.path === path || normal(w.path) === path)).pop();
    if (mine !== undefined) return { w: mine, said: `which the step's script ${mine.decoded ? 'decodes from a base64 literal' : 'writes from a literal'}` };
    const place = placeAt(path);
    const other = place === undefined ? undefined : shared.filter((x) => placeKey(x.at) === placeKey(place)).pop();
    return other === undefined ? undefined
      : { w: other.script, said: `which step '${other.step}' ${other.script.decoded ? 'decodes from a base64 literal' : 'writes from a literal'}` };
  };
  type Functions = Map<string, readonly string[]>;
  // (the command piped into each, for a shell that reads a file cat gives it: `cat f | sh`)
  const pipedInto = (cs: readonly SimpleCommand[], at: number): SimpleCommand | undefined => (at > 0 && cs[at - 1].pipe ? cs[at - 1] : undefined);
  const read = (text: string, path: string, args: readonly string[], sure: boolean, via: string, functions: Functions, depth: number) => {
    for (const [name, bodies] of definedFunctions(text)) functions.set(name, bodies);
    // (a script's own `$0` is its path)
    simpleCommands(text).forEach((c, k, cs) => each(c, text, argvOf(c).map((w) => positionalIn(w.replace(/\$\{0\}|\$0(?![0-9])/g, path), args)), sure && c.unconditional,
      via, functions, depth, undefined, pipedInto(cs, k)));
  };
  const each = (
    c: SimpleCommand, text: string, argv: string[], sure: boolean, via: string | undefined, functions: Functions, depth: number,
    at: number | undefined, piped?: SimpleCommand,
  ) => {
    out.push({ argv, c, sure, ...via === undefined ? {} : { via } });
    if (depth >= MAX_DEPTH || !c.words[0]?.literal) return;
    const words = withoutRedirections(argv);
    const name = words[0];
    const sourced = name === 'source' || name === '.' ? sourcedPath(words[1] ?? '') : undefined;
    const run = sourced === undefined ? fileReadBy(argv, piped) : undefined;
    const path = sourced ?? run?.path;
    const found = path === undefined ? undefined : writtenAt(path, at);
    if (found !== undefined) {
      const interpreter = interpreterOf(found.w.text)?.words ?? [];
      if (!readsAsShell(run?.shell === undefined ? interpreter : [run.shell])) return;
      const how = `in ${found.w.path}, ${found.said} (\`${found.w.line}\`) and ${sourced !== undefined ? 'sources' : 'runs'} (\`${run?.line ?? ''}${c.line}\`)`;
      // a script run is a process of its own: the functions it defines stay there; a sourced one's are the shell's, as are those of
      // the code eval runs or source reads from what cat prints of it (`eval "$(cat f)"`, `source <(cat f)`: fileReadBy)
      const same = sourced !== undefined || name === 'eval' || name === 'source' || name === '.';
      read(found.w.text, found.w.path, sourced !== undefined ? args0(words, 2) : args0(words, words.indexOf(run!.path) + 1), sure, via === undefined ? how : `${how}, ${via}`,
        same ? functions : new Map(), depth + 1);
      return;
    }
    const bodies = name === undefined ? undefined : functions.get(name);
    // (not the words that define it)
    if (bodies !== undefined && !definitions(text).has(c)) {
      const how = `in the function ${name} (\`${c.line}\`)`;
      for (const body of bodies) {
        for (const inner of simpleCommands(body)) {
          each(inner, body, argvOf(inner).map((w) => positionalIn(w, words.slice(1))), sure && inner.unconditional, via === undefined ? how : `${how}, ${via}`, functions, depth + 1, undefined);
        }
      }
    }
  };
  const args0 = (words: readonly string[], from: number): string[] => (from <= 0 ? [] : words.slice(from));
  // (the functions the step's own script defines, and those of the scripts its shell sources)
  const functions = new Map<string, readonly string[]>(ownFunctions);
  commands.forEach((c, at) => each(c, script, argvOf(c), c.unconditional, undefined, functions, 0, at, pipedInto(commands, at)));
  return out;
}

/** Reads one container's script in order: its writes are added to `written`, and what it clears is taken from it (`clears` alone: a later step's). */
function readScript(
  step: string, container: any, r: ContainerReading, written: Written, clearsOnly: boolean, shared: readonly SharedScript[] = [],
): void {
  const argvGiven = [...asArray(container?.command), ...asArray(container?.args)].map(jsString);
  // `sh -c CODE` given as the command: CODE read as the script
  const shellCode = /(^|\/)(sh|bash|ash|dash)$/.test(argvGiven[0] ?? '') && /^-[a-z]*c$/.test(argvGiven[1] ?? '') ? argvGiven[2] : undefined;
  const script = typeof container?.script === 'string' ? container.script : shellCode;
  const lines: string[][] = script !== undefined
    ? []
    : [[...asArray(container?.command), ...asArray(container?.args)].map(jsString)];
  const commands: readonly SimpleCommand[] = script !== undefined ? simpleCommands(script) : [];
  let cwd: string | undefined = typeof container?.workingDir === 'string' && container.workingDir !== '' ? normal(container.workingDir) : undefined;
  let previous: SimpleCommand | undefined;
  const descriptors = new Map<number, string>();
  let via: string | undefined;
  const add = (given: CredentialWrite) => {
    const written0 = via === undefined ? given : { ...given, via };
    // a file of the home directory: where HOME is, for the message and the fix
    const home = /^(?:~|\$HOME|\$\{HOME\})(?=\/|$)/.exec(written0.file);
    // a path a variable of the script or env holds (`"${AUTH_FILE}"`, `$WS/.token`): the path it holds, which a later step's `rm` can name
    const resolved = (written0.at as Partial<{ path: string }>).path;
    const w = home !== null
      ? { ...written0, file: `${r.paths.get('HOME')}${written0.file.slice(home[0].length)}`, what: `${written0.what} (the step's HOME is ${r.paths.get('HOME')})` }
      : /^"?\$(?!\()/.test(written0.file) && resolved !== undefined ? { ...written0, file: resolved } : written0;
    if (!clearsOnly && !written.has(placeKey(w.at) + (w.key ?? ''))) written.set(placeKey(w.at) + (w.key ?? ''), w);
  };
  const clear = (at: Place, key?: string) => {
    for (const [k, w] of written) {
      // `rm` of the file or of a directory above it; a git setting unset or set again in the repository
      if (key === undefined ? (w.at.place === at.place && (w.at.rest === at.rest || w.at.rest.startsWith(`${at.rest}/`))) : (w.key === key && w.at.place === at.place && w.at.rest.startsWith(`${at.rest}/.git/`))) written.delete(k);
    }
  };
  const items: ReadCommand[] = script !== undefined
    ? commandsRead(commands, script, shared, (path) => placeOf(path, cwd, r))
    : lines.map((argv) => ({ argv, sure: true }));
  // nothing written before to clear, no secret the step holds, and no word of a registry login, a clone or git's store helper: it
  // writes no credential (a secret printed, copied or put in a URL or setting needs one) and clones into no volume
  if (!clearsOnly && written.size === 0 && r.secrets.size === 0 && r.secretFiles.length === 0 && r.envFromUnknown === undefined
    && !items.some(({ argv }) => argv.some((w) => /^(login|clone|set-credentials|activate-service-account)$/.test(w) || w.includes('store')))) return;
  for (const { argv: words, c, sure, via: where } of items) {
    via = where;
    const piped = previous?.pipe === true ? previous : undefined;
    previous = c;
    // assignments: a variable given a secret, a URL holding one, or a path
    let k = 0;
    while (k < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[k])) k++;
    const assigning = k === words.length || /^(export|declare|local|readonly|typeset)$/.test(words[k] ?? '');
    if (assigning) {
      for (const w of words.slice(k === words.length ? 0 : k + 1)) {
        const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(w);
        if (m === null) continue;
        const url = credentialUrl(m[2], r);
        if (url !== undefined) r.credentialUrls.set(m[1], url);
        const secret = secretIn(m[2], r);
        // an assignment that may not run (a branch, a loop, after `&&`) leaves the secret the variable held in the other case
        const held = sure || secret === undefined ? undefined : r.secrets.get(m[1]);
        if (secret !== undefined) r.secrets.set(m[1], held === undefined ? `from ${secret}` : `${held} or, where the script assigns it so, from ${secret}`);
        // (`X="${X:-}"`, `X=${X-default}`: X keeps a value the env or the script gave it)
        const kept = m[2].startsWith('${') && new RegExp(`^\\$\\{${m[1]}:?-[^}]*\\}$`).test(m[2]) && (r.paths.get(m[1]) ?? '') !== '';
        if (!kept) r.paths.set(m[1], m[2]);
      }
      if (k === words.length) continue;
    }
    const prefixed = new Map(words.slice(0, k).map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]));
    const { operands: given, to } = outputs(words.slice(assigning ? words.length : k));
    // the program a wrapper runs (`sudo tee f`, `env -i cp …`, `timeout 30 npm …`, `command printf …`)
    const wrapped = given.length > 1 ? runOf(given).programIndex : 0;
    const argv = wrapped > 0 && wrapped < given.length ? given.slice(wrapped) : given;
    const program = (argv[0] ?? '').replace(/^.*\//, '');
    // `exec N>file` (`exec >file`: the standard output of what follows), as shell.ts `redirectionTable` reads the redirections: a
    // later `>&N` writes there (`exec 4>&3` a copy of 3, `exec 3>&-` or `exec 3<f` no longer a file written)
    if (program === 'exec' && argv.length === 1) {
      for (const [fd, source] of redirectionTable(words, c?.heredocs ?? [])) {
        const file = source.kind === 'file' && !source.read ? source.target : source.kind === 'outer' ? descriptors.get(source.fd) : undefined;
        // (not a process substitution `>(tee log)`)
        if (file !== undefined && !/^[<>]\(/.test(file)) descriptors.set(fd, file);
        else descriptors.delete(fd);
      }
      continue;
    }
    if (descriptors.size > 0) {
      const out = redirectionTable(words, c?.heredocs ?? []).get(1) ?? { kind: 'outer', fd: 1 };
      const file = out.kind === 'outer' ? descriptors.get(out.fd) : undefined;
      if (file !== undefined) to.push(file);
    }
    // `read` from a Secret's file, a here-string or heredoc holding a secret: its variables hold it
    if (program === 'read') {
      const secret = printedSecret(words, ['read'], c, cwd, r);
      // (its names as bash 5.2 reads its options: `read -ar X` fills the array r, `read -p PROMPT X` X)
      if (secret !== undefined) for (const v of readVariables(argv.slice(1))) r.secrets.set(v, `from ${secret}`);
      continue;
    }
    const line = c?.line ?? words.join(' ');
    if (program === 'cd' && argv.length === 2) {
      const at = argv[1];
      cwd = at.startsWith('/') || at.startsWith('$') ? normal(at) : cwd === undefined ? undefined : normal(`${cwd}/${at}`);
      continue;
    }
    if (program === 'rm') {
      for (const f of rmOperands(argv.slice(1))) {
        const at = placeOf(f, cwd, r);
        if (at !== undefined && sure) clear(at);
      }
      continue;
    }
    // a secret printed into a file of a workspace or volume: by a printer, or a text tool given it (`sed "s/X/$T/" f > g`, `jq --arg`)
    // (`kubectl create secret … --dry-run=client -o yaml` prints a manifest holding what it is given)
    const printer = PRINTERS.test(program) || TEXT_TOOLS.test(program) || (/^(kubectl|oc)$/.test(program) && argv[1] === 'create' && argv[2] === 'secret');
    const printed = printer ? printedSecret(words, argv, c, cwd, r) : undefined;
    // what a printer piped to it prints (`echo "$T" | base64 > f`, `… | tee f`, `cat /secret/f | jq . > g`, `… | dd of=f`)
    const pipedArgv = piped === undefined ? [] : argvOf(piped);
    const teed = (printer || program === 'dd') && piped !== undefined && PRINTERS.test((pipedArgv[0] ?? '').replace(/^.*\//, ''))
      ? printedSecret(pipedArgv, outputs(pipedArgv).operands, piped, cwd, r) : undefined;
    const files = [
      ...to,
      ...program === 'tee' ? teeOperands(argv.slice(1)).files : [],
      ...program === 'dd' ? [ddFiles(argv.slice(1)).output].filter((f): f is string => f !== undefined) : [],
      // in place: `sed -i`, `perl -pi`, `yq -i`
      ...INPLACE.test(program) && argv.slice(1).some((a) => /^(-[A-Za-z]*i|--in-?place)/.test(a)) ? sedFiles(argv.slice(1)) : [],
    ];
    const secret = printed ?? teed;
    if (secret !== undefined) {
      for (const f of files) {
        const at = placeOf(f, cwd, r);
        if (at !== undefined) add({ step, file: f, at, line, what: secret, kind: 'file' });
        else if (!clearsOnly) taint(f, cwd, `${secret}, written there`, r);
      }
    }
    // a Secret's file (or one a secret was written into) named among `paths`, or reached by one (a directory above it that is taken
    // whole, `recursive`; a pattern): the path and the Secret, said as a finding says it
    const secretAmong = (paths: readonly string[], recursive: boolean): { from: string; what: string; reached: boolean } | undefined => {
      // (each as the path a variable of the env or the script holds: `cp "$SRC" "$DST"`)
      const held = paths.map((a) => heldPath(a, r));
      const named = held.find((a) => secretFileOf(a, cwd, r) !== undefined);
      if (named !== undefined) return { from: named, what: `${named} (${secretFileOf(named, cwd, r)!.source})`, reached: false };
      // (or a directory above it, copied whole, or a pattern that may name it: `cp -r / dst`, `cp /sec*/token dst`)
      const from = held.find((a) => secretReachedBy(a, cwd, recursive, r) !== undefined);
      const reached = from === undefined ? undefined : secretReachedBy(from, cwd, recursive, r)!;
      return from === undefined ? undefined : { from, what: `${from} (holding ${reached!.prefix}, ${reached!.source})`, reached: true };
    };
    const wrote = (dest: string, what: string, how: string, by = line) => {
      const at = placeOf(dest, cwd, r);
      if (at !== undefined) add({ step, file: dest, at, line: by, what, kind: 'file' });
      else if (!clearsOnly) taint(dest, cwd, `${what}, ${how} there`, r);
    };
    // a copy of one into a file or a directory
    const copied = (copy: CopyOperands, recursive: boolean, by = line) => {
      const found = secretAmong(copy.sources, recursive);
      const into = copy.destination === undefined ? undefined : heldPath(copy.destination, r);
      if (found === undefined || into === undefined) return;
      const { from, reached } = found;
      // into a directory (`-t`, written with a slash, or a workspace's own; not with `-T`): the file of its name there
      const dir = !copy.noTargetDirectory && (copy.targetDirectory || into.endsWith('/') || placeOf(into, cwd, r)?.rest === '');
      // (a directory above it by its own name: `/` and `/secret/..` are copied into the directory as what they hold)
      const base = !reached ? from.replace(/^.*\//, '') : /(^|\/)\.\.?\/*$/.test(from) ? '' : dotsResolved(from).replace(/\/+$/, '').replace(/^.*\//, '');
      wrote(dir && (!reached || base !== '') ? `${into.replace(/\/+$/, '')}/${base}` : into, found.what, 'copied', by);
    };
    // copied or moved into one (`dd if=… of=…` too)
    const copy = program === 'ln' ? undefined : program === 'dd' ? ddOperands(argv.slice(1)) : copyOperands(program, argv.slice(1));
    if (copy !== undefined) copied(copy, copy.recursive);
    // the names a command piped to this one prints, one a line: find's start points (each with what lies under it), what echo,
    // printf's arguments or ls's operands name
    const names = pipedNames(pipedArgv);
    const pipedLine = piped === undefined ? line : `${piped.line} | ${line}`;
    // the copy each file find finds runs (`find /secret -exec cp {} dst \;`: `{}` a start point, what lies under it too), or xargs
    // runs on each name it reads (`find /secret | xargs cp -t dst`, `echo /secret/x | xargs -I{} cp {} dst`)
    const runs: Array<{ words: string[]; recursive: boolean }> = [];
    if (program === 'find') {
      const found = findCommands(argv.slice(1));
      for (const run of found.commands) for (const start of found.starts) runs.push({ words: run.map((w) => w.split('{}').join(start)), recursive: true });
    }
    const xargs = program === 'xargs' && names !== undefined ? xargsCommand(argv.slice(1)) : undefined;
    if (xargs !== undefined) {
      for (const name of names!.paths) {
        const xargsWords = xargs.replace === undefined ? [...xargs.command, name] : xargs.command.map((w) => w.split(xargs.replace!).join(name));
        runs.push({ words: xargsWords, recursive: names!.recursive });
      }
    }
    for (const run of runs) {
      const name = (run.words[0] ?? '').replace(/^.*\//, '');
      const runCopy = name === 'ln' ? undefined : copyOperands(name, run.words.slice(1));
      if (runCopy !== undefined) copied(runCopy, runCopy.recursive || run.recursive, program === 'xargs' ? pipedLine : line);
    }
    // an archive of one written into one: tar's, zip's (to its file, or its output's: `tar c /secret > f`), cpio's of the names
    // piped to it (`find /secret | cpio -o > f`), or cpio -p's copy of them into a directory
    const tar = program === 'tar' || program === 'bsdtar' ? tarCreates(argv.slice(1)) : undefined;
    const zip = program === 'zip' ? zipCreates(argv.slice(1)) : undefined;
    const cpio = program === 'cpio' && names !== undefined ? cpioWrites(argv.slice(1)) : undefined;
    // (a source relative to tar's -C directory: `tar -C / -cf f secret` archives /secret)
    const under = (directory: string | undefined, f: string) => (directory === undefined || f.startsWith('/') ? f : `${directory.replace(/\/+$/, '')}/${f}`);
    const archived = tar !== undefined ? secretAmong(tar.sources.map((f) => under(tar.directory, f)), true)
      : zip !== undefined ? secretAmong(zip.sources, zip.recursive) : cpio !== undefined ? secretAmong(names!.paths, names!.recursive) : undefined;
    const archive = tar?.archive ?? zip?.archive ?? cpio?.archive;
    if (archived !== undefined && cpio?.directory !== undefined) {
      wrote(`${heldPath(cpio.directory, r).replace(/\/+$/, '')}/${archived.from.replace(/^\/+/, '')}`, archived.what, 'copied', pipedLine);
    } else if (archived !== undefined) {
      for (const f of archive === undefined || archive === '-' ? to : [heldPath(archive, r)]) wrote(f, archived.what, `archived by ${program}`, cpio !== undefined ? pipedLine : line);
    }
    // what tar extracts from a tar piped to it that archives one (`tar c /secret | tar x -C dst`): into its -C directory, else here
    const unpacked = (program === 'tar' || program === 'bsdtar') && tar === undefined && piped !== undefined && /^(bsd)?tar$/.test((pipedArgv[0] ?? '').replace(/^.*\//, ''))
      ? tarCreates(withoutRedirections(pipedArgv).slice(1)) : undefined;
    const packed = unpacked !== undefined && (unpacked.archive === undefined || unpacked.archive === '-')
      ? secretAmong(unpacked.sources.map((f) => under(unpacked.directory, f)), true) : undefined;
    if (packed !== undefined) {
      const option = argv.findIndex((a) => a === '-C' || a === '--directory');
      const into = option > 0 ? argv[option + 1] : argv.find((a) => a.startsWith('--directory='))?.slice(12) ?? cwd;
      if (into !== undefined) wrote(`${heldPath(into, r).replace(/\/+$/, '')}/${packed.from.replace(/^\/+/, '')}`, packed.what, `extracted by ${program}`, pipedLine);
    }
    // a tar of one piped through a filter into a file (`tar cf - /secret | gzip > f`, `tar c /secret | base64 | tee f`: one filter)
    const filtered = ARCHIVE_FILTERS.test(program) && piped !== undefined && /^(bsd)?tar$/.test((pipedArgv[0] ?? '').replace(/^.*\//, ''))
      ? tarCreates(withoutRedirections(pipedArgv).slice(1)) : undefined;
    const filteredSecret = filtered !== undefined && (filtered.archive === undefined || filtered.archive === '-')
      ? secretAmong(filtered.sources.map((f) => under(filtered.directory, f)), true) : undefined;
    if (filteredSecret !== undefined) {
      for (const f of [...to, ...program === 'tee' ? teeOperands(argv.slice(1)).files : []]) wrote(f, filteredSecret.what, `archived by tar through ${program}`, pipedLine);
    }
    // a tool's own configuration that keeps a credential (`npm config set`, `cargo login`, `kubectl config set-credentials` …)
    for (const t of toolCredentials(argv, prefixed, r)) {
      const at = placeOf(t.file, cwd, r);
      if (at !== undefined) add({ step, file: t.file, at, line, what: t.what, kind: 'file' });
    }
    // a registry login whose auth file lies in one
    const login = registryLogin(argv, prefixed, r);
    if (login !== undefined) {
      const at = placeOf(login, cwd, r);
      if (at !== undefined && program === 'gh') add({ step, file: login, at, line, what: 'the token `gh auth login` stores', kind: 'file' });
      else if (at !== undefined) add({ step, file: login, at, line, what: `the registry credentials \`${program === 'helm' ? 'helm registry' : program === 'crane' ? 'crane auth' : program} login\` stores`, kind: 'authfile' });
    }
    const git = gitParts(argv);
    if (git === undefined) continue;
    // `git credential-store store` (its input the credentials): its `--file`, else the store helper's default
    if (git.sub === 'credential-store' && git.rest.includes('store')) {
      const file = git.rest.find((a) => a.startsWith('--file='))?.slice(7) ?? (git.rest.includes('--file') ? git.rest[git.rest.indexOf('--file') + 1] : undefined);
      const stored = storePlace('credential.helper', file === undefined ? 'store' : `store --file=${file}`, cwd, r);
      if (stored !== undefined) add({ step, file: stored.file, at: stored.at, line, what: 'the credentials `git credential-store store` saves', kind: 'file' });
      continue;
    }
    const repoDir = git.dirs.reduce<string | undefined>((d, x) => (x.startsWith('/') || x.startsWith('$') ? normal(x) : d === undefined ? undefined : normal(`${d}/${x}`)), cwd);
    gitCommand(git, repoDir, step, line, r, add, sure ? clear : () => undefined);
  }
}

/** The auth file a registry login writes (`--authfile`, `REGISTRY_AUTH_FILE`, docker's `--config` or `DOCKER_CONFIG`), where it is given. */
function registryLogin(argv: readonly string[], prefixed: ReadonlyMap<string, string>, r: ContainerReading): string | undefined {
  const program = (argv[0] ?? '').replace(/^.*\//, '');
  const login = argv.indexOf('login');
  // the subcommand: only options (and their values) before it, not an argument of another (`docker run image login`)
  if (login < 0 || !argv.slice(1, login).every((a, k, before) => a.startsWith('-') || (k > 0 && before[k - 1].startsWith('-') && !before[k - 1].includes('=')))) {
    if (!((program === 'helm' && argv[1] === 'registry' && login === 2) || (/^(gh|crane)$/.test(program) && argv[1] === 'auth' && login === 2))) return undefined;
  }
  const option = (name: string): string | undefined => {
    for (let k = 1; k < argv.length; k++) {
      if (argv[k] === name) return argv[k + 1];
      if (argv[k].startsWith(`${name}=`)) return argv[k].slice(name.length + 1);
    }
    return undefined;
  };
  const variable = (name: string) => prefixed.get(name) ?? r.paths.get(name);
  if (/^(podman|buildah|skopeo)$/.test(program)) {
    // (containers/image: the file given, else XDG_RUNTIME_DIR's containers/auth.json, else /run/containers/<uid>/auth.json)
    const runtime = variable('XDG_RUNTIME_DIR');
    return option('--authfile') ?? option('--compat-auth-file') ?? variable('REGISTRY_AUTH_FILE')
      ?? (runtime === undefined || runtime === '' ? '/run/containers/<uid>/auth.json' : `${runtime}/containers/auth.json`);
  }
  if (/^(docker|nerdctl)$/.test(program)) {
    // (docker's config directory: --config, else DOCKER_CONFIG, else ~/.docker)
    return `${option('--config') ?? variable('DOCKER_CONFIG') ?? '~/.docker'}/config.json`;
  }
  // crane, oras and cosign write docker's config file (oras: --registry-config first)
  if (/^(crane|oras|cosign)$/.test(program)) {
    return (program === 'oras' ? option('--registry-config') : undefined) ?? `${variable('DOCKER_CONFIG') ?? '~/.docker'}/config.json`;
  }
  // helm's: --registry-config, else HELM_REGISTRY_CONFIG, else registry/config.json of HELM_CONFIG_HOME, else of XDG_CONFIG_HOME/helm, else of ~/.config/helm
  if (program === 'helm' && argv[login - 1] === 'registry') {
    const home = variable('HELM_CONFIG_HOME') ?? `${variable('XDG_CONFIG_HOME') ?? '~/.config'}/helm`;
    return option('--registry-config') ?? variable('HELM_REGISTRY_CONFIG') ?? `${home}/registry/config.json`;
  }
  // GitHub's CLI: its hosts.yml in GH_CONFIG_DIR, else XDG_CONFIG_HOME/gh, else ~/.config/gh (where no keyring takes the token, as in a step)
  if (program === 'gh' && argv[1] === 'auth' && login === 2) {
    const xdg = variable('XDG_CONFIG_HOME');
    return `${variable('GH_CONFIG_DIR') ?? (xdg === undefined ? '~/.config/gh' : `${xdg}/gh`)}/hosts.yml`;
  }
  return undefined;
}

/**
 * The files a tool's own configuration command writes a credential into, with what: `npm config set` (the user's `.npmrc`:
 * `--userconfig`, `NPM_CONFIG_USERCONFIG`, else `~/.npmrc`; the project's with `--location=project`), `yarn config set` (yarn 1's
 * `~/.yarnrc`, yarn 2's project `.yarnrc.yml`, `~/.yarnrc.yml` with `-H`), `pip config set` (`PIP_CONFIG_FILE`, else
 * `$XDG_CONFIG_HOME/pip/pip.conf`, else `~/.config/pip/pip.conf`; `--site`: the virtualenv's), each where the value holds a secret;
 * `cargo login` (`$CARGO_HOME/credentials.toml`, else `~/.cargo/credentials.toml`) and `kubectl config set-credentials` with a
 * token or password (`--kubeconfig`, the first file of `KUBECONFIG`, else `~/.kube/config`; `kubectl config set` of a value holding
 * a secret as well).
 */
function toolCredentials(argv: readonly string[], prefixed: ReadonlyMap<string, string>, r: ContainerReading): Array<{ file: string; what: string }> {
  const program = (argv[0] ?? '').replace(/^.*\//, '');
  if (!/^(npm|yarn|pip3?|cargo|kubectl|oc|aws|gcloud|az|vault|poetry|helm|mc|rclone|terraform|doctl|dotnet|composer|bundle)$/.test(program)) return [];
  const variable = (name: string) => prefixed.get(name) ?? r.paths.get(name);
  const option = (...names: string[]): string | undefined => {
    for (let k = 1; k < argv.length; k++) {
      for (const name of names) {
        if (argv[k] === name) return argv[k + 1];
        if (argv[k].startsWith(`${name}=`)) return argv[k].slice(name.length + 1);
      }
    }
    return undefined;
  };
  const words = argv.filter((a) => !a.startsWith('-'));
  const xdg = variable('XDG_CONFIG_HOME') ?? '~/.config';
  const setting = (sub: string) => words[1] === 'config' && words[2] === sub;
  const held = (how: string) => {
    const secret = secretIn(argv.slice(3).join(' '), r);
    return secret === undefined ? undefined : `${secret}, which \`${program} ${how}\` stores`;
  };
  if (program === 'npm' && setting('set')) {
    const what = held('config set');
    const location = option('--location', '-L') ?? (argv.some((a) => a === '-g' || a === '--global') ? 'global' : 'user');
    if (what === undefined || location === 'global') return [];
    return [{ file: location === 'project' ? '.npmrc' : option('--userconfig') ?? variable('NPM_CONFIG_USERCONFIG') ?? variable('npm_config_userconfig') ?? '~/.npmrc', what }];
  }
  if (program === 'yarn' && setting('set')) {
    const what = held('config set');
    if (what === undefined) return [];
    return (argv.some((a) => a === '-H' || a === '--home') ? ['~/.yarnrc.yml'] : ['~/.yarnrc', '.yarnrc.yml']).map((file) => ({ file, what }));
  }
  if (/^pip3?$/.test(program) && setting('set')) {
    const what = held('config set');
    if (what === undefined || argv.includes('--global')) return [];
    const site = variable('VIRTUAL_ENV');
    if (argv.includes('--site')) return site === undefined ? [] : [{ file: `${site}/pip.conf`, what }];
    return [{ file: variable('PIP_CONFIG_FILE') ?? `${xdg}/pip/pip.conf`, what }];
  }
  if (program === 'cargo' && words[1] === 'login') {
    return [{ file: `${option('--config-home') ?? variable('CARGO_HOME') ?? '~/.cargo'}/credentials.toml`, what: 'the token `cargo login` stores' }];
  }
  const kubeconfig = () => option('--kubeconfig') ?? variable('KUBECONFIG')?.split(':')[0] ?? '~/.kube/config';
  // cloud and secret stores' logins: the AWS CLI's `configure set` of a secret (AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials),
  // gcloud's `auth activate-service-account` (CLOUDSDK_CONFIG, else ~/.config/gcloud), `az login` (AZURE_CONFIG_DIR, else ~/.azure),
  // `vault login` (~/.vault-token), `oc login` (the kubeconfig), poetry's `config http-basic.*`/`pypi-token.*` of a secret (its auth.toml
  // where no keyring takes it: POETRY_CONFIG_DIR, else $XDG_CONFIG_HOME/pypoetry), `helm repo add` with a password (its repositories.yaml)
  if (program === 'aws' && words[1] === 'configure' && words[2] === 'set') {
    const what = held('configure set');
    return what === undefined ? [] : [{ file: variable('AWS_SHARED_CREDENTIALS_FILE') ?? '~/.aws/credentials', what }];
  }
  if (program === 'gcloud' && words[1] === 'auth' && /^(activate-service-account|login)$/.test(words[2] ?? '')) {
    return [{ file: `${variable('CLOUDSDK_CONFIG') ?? `${xdg}/gcloud`}`, what: `the credentials \`gcloud auth ${words[2]}\` stores` }];
  }
  if (program === 'az' && words[1] === 'login') return [{ file: variable('AZURE_CONFIG_DIR') ?? '~/.azure', what: 'the credentials `az login` stores' }];
  if (program === 'vault' && words[1] === 'login') return [{ file: '~/.vault-token', what: 'the token `vault login` stores' }];
  if (program === 'oc' && words[1] === 'login') return [{ file: kubeconfig(), what: 'the token `oc login` stores' }];
  if (program === 'poetry' && words[1] === 'config' && /^(http-basic|pypi-token)\./.test(words[2] ?? '')) {
    const what = held('config');
    const dir = variable('POETRY_CONFIG_DIR') ?? `${xdg}/pypoetry`;
    return what === undefined ? [] : [{ file: `${dir}/auth.toml`, what }];
  }
  if (program === 'helm' && words[1] === 'repo' && words[2] === 'add' && argv.some((a) => /^--password(-stdin)?(=|$)/.test(a))) {
    const home = variable('HELM_CONFIG_HOME') ?? `${xdg}/helm`;
    return [{ file: option('--repository-config') ?? variable('HELM_REPOSITORY_CONFIG') ?? `${home}/repositories.yaml`, what: 'the password `helm repo add` stores' }];
  }
  // MinIO's `mc alias set` (MC_CONFIG_DIR, else ~/.mc), `rclone config create` of a secret (RCLONE_CONFIG, else its rclone.conf),
  // `terraform login` (~/.terraform.d), `doctl auth init` (its config.yaml), `dotnet nuget add source` with a password (--configfile,
  // else ~/.nuget/NuGet/NuGet.Config), composer's `config` of an auth key (`--global`: COMPOSER_HOME's auth.json; else the
  // project's auth.json), `bundle config set` of a secret (`--global`, `--local`: the project's .bundle/config)
  if (program === 'mc' && ((words[1] === 'alias' && words[2] === 'set') || (words[1] === 'config' && words[2] === 'host'))) {
    const what = held(`${words[1]} ${words[2]}`);
    return what === undefined ? [] : [{ file: `${variable('MC_CONFIG_DIR') ?? '~/.mc'}/config.json`, what }];
  }
  if (program === 'rclone' && words[1] === 'config' && /^(create|update)$/.test(words[2] ?? '')) {
    const what = held(`config ${words[2]}`);
    return what === undefined ? [] : [{ file: option('--config') ?? variable('RCLONE_CONFIG') ?? `${xdg}/rclone/rclone.conf`, what }];
  }
  if (program === 'terraform' && words[1] === 'login') return [{ file: '~/.terraform.d/credentials.tfrc.json', what: 'the token `terraform login` stores' }];
  if (program === 'doctl' && words[1] === 'auth' && words[2] === 'init') {
    return [{ file: option('--config', '-c') ?? `${xdg}/doctl/config.yaml`, what: 'the token `doctl auth init` stores' }];
  }
  if (program === 'dotnet' && words[1] === 'nuget' && /^(add|update)$/.test(words[2] ?? '') && argv.some((a) => /^(-p|--password)(=|$)/.test(a))) {
    return [{ file: option('--configfile') ?? '~/.nuget/NuGet/NuGet.Config', what: `the password \`dotnet nuget ${words[2]} source\` stores` }];
  }
  if (program === 'composer' && words[1] === 'config') {
    const what = held('config');
    const global = argv.some((a) => a === '-g' || a === '--global');
    const home = variable('COMPOSER_HOME') ?? '~/.composer';
    return what === undefined || !/^(http-basic|github-oauth|gitlab-oauth|gitlab-token|bitbucket-oauth|bearer|forgejo-token)\./.test(words[2] ?? '') && !argv.some((a) => a === '-a' || a === '--auth')
      ? [] : [{ file: global ? `${home}/auth.json` : 'auth.json', what }];
  }
  if (program === 'bundle' && words[1] === 'config') {
    const what = held('config');
    const local = argv.includes('--local');
    return what === undefined ? [] : [{ file: local ? '.bundle/config' : `${variable('BUNDLE_USER_CONFIG') ?? '~/.bundle/config'}`, what }];
  }
  if (program === 'kubectl' && words[1] === 'config' && /^(set-credentials|set)$/.test(words[2] ?? '')) {
    const secret = secretIn(argv.slice(3).join(' '), r);
    const given = words[2] === 'set-credentials' && argv.some((a) => /^--(token|password)(=|$)/.test(a));
    if (secret === undefined && !given) return [];
    const what = secret === undefined ? 'the credentials `kubectl config set-credentials` stores' : `${secret}, which \`kubectl config ${words[2]}\` stores`;
    return [{ file: kubeconfig(), what }];
  }
  return [];
}

/** What git's store helper saves, for a message. */
const STORE_SAVES = "the credentials git's store helper saves there on each authenticated fetch or push";

/**
 * The file git's store helper writes where the setting `key` (lowercase) `value` makes it a credential helper: its `--file`, else
 * `~/.git-credentials` (git-credential-store: that file, where `$XDG_CONFIG_HOME/git/credentials` does not exist; taken as not).
 */
function storeFile(key: string, value: string | undefined): string | undefined {
  if (value === undefined || !/^credential\..*helper$/.test(key)) return undefined;
  const store = /^store\b(.*)$/.exec(value.trim());
  if (store === null) return undefined;
  return /--file[= ]?(\S+)/.exec(store[1])?.[1] ?? '~/.git-credentials';
}

/**
 * Where git's store helper the setting makes writes, in a workspace or volume: its file; for the default `~/.git-credentials`, else
 * `$XDG_CONFIG_HOME/git/credentials` (`~/.config/git/credentials`), which it writes where that file exists and the first does not.
 */
function storePlace(key: string, value: string | undefined, dir: string | undefined, r: ContainerReading): { file: string; at: Place } | undefined {
  const store = storeFile(key, value);
  if (store === undefined) return undefined;
  const files = store === '~/.git-credentials' ? [store, `${r.paths.get('XDG_CONFIG_HOME') ?? '~/.config'}/git/credentials`] : [store];
  for (const file of files) {
    const at = placeOf(file, dir, r);
    if (at !== undefined) return { file, at };
  }
  return undefined;
}

/** What a git command writes (a remote URL, a setting holding a secret, a pulled URL in the reflog) and what it clears. */
function gitCommand(
  git: { dirs: string[]; sub: string; rest: string[]; settings: string[] }, repoDir: string | undefined, step: string, line: string,
  r: ContainerReading, add: (w: CredentialWrite) => void, clear: (at: Place, key?: string) => void,
): void {
  const config = (dir: string | undefined, key: string, value: string | undefined, what: string) => {
    const at = dir === undefined ? undefined : placeOf(dir, undefined, r);
    if (at === undefined) return;
    const lower = key.toLowerCase();
    // git's store helper given a file in a workspace or volume: it saves there the credentials of each authenticated fetch or push
    const stored = storePlace(lower, value, dir, r);
    if (stored !== undefined) {
      add({ step, file: stored.file, at: stored.at, line, what: STORE_SAVES, kind: 'file' });
      return;
    }
    if (value === undefined) {
      clear(at, lower);
      return;
    }
    const secret = /^remote\..*\.url$/.test(lower) ? credentialUrl(value, r) : secretIn(`${key} ${value}`, r);
    if (secret === undefined) {
      clear(at, lower);
      return;
    }
    add({ step, file: `${dir}/.git/config`, at: { place: at.place, rest: `${at.rest}/.git/config` }, line, what: `${what} holding ${secret}`, kind: /^remote\./.test(lower) ? 'remote' : 'config', key: lower });
  };
  const { sub, rest } = git;
  // `git -c credential.helper=store … push`: the store helper for that command alone, which saves the credentials it authenticates with
  if (/^(clone|fetch|pull|push|ls-remote|remote|submodule)$/.test(sub)) {
    for (const setting of git.settings) {
      const eq = setting.indexOf('=');
      const stored = eq < 0 ? undefined : storePlace(setting.slice(0, eq).toLowerCase(), setting.slice(eq + 1), repoDir, r);
      if (stored !== undefined) add({ step, file: stored.file, at: stored.at, line, what: STORE_SAVES, kind: 'file' });
    }
  }
  if (sub === 'clone') {
    const operands: string[] = [];
    const settings: string[] = [];
    let origin = 'origin';
    for (let k = 0; k < rest.length; k++) {
      const a = rest[k];
      if (a === '--') {
        operands.push(...rest.slice(k + 1));
        break;
      }
      if (CLONE_VALUED.test(a)) {
        if (/^(-c|--config)$/.test(a)) settings.push(rest[k + 1] ?? '');
        if (/^(-o|--origin)$/.test(a)) origin = rest[k + 1] ?? origin;
        k++;
      } else if (a.startsWith('--config=')) {settings.push(a.slice(9));} else if (a.startsWith('--origin=')) {origin = a.slice(9);} else if (/^-c./.test(a)) {settings.push(a.slice(2));} else if (!a.startsWith('-')) {operands.push(a);}
    }
    const [url, dest] = operands;
    if (url === undefined) return;
    const named = url.replace(/\/+$/, '').replace(/\.git$/, '').replace(/^.*[/:]/, '');
    const dir = dest ?? (repoDir === undefined || named === '' || /[$`?]/.test(named) ? undefined : `${repoDir}/${named}`);
    const target = dir === undefined ? undefined : dir.startsWith('/') || dir.startsWith('$') ? dir : repoDir === undefined ? undefined : `${repoDir}/${dir}`;
    if (target === undefined) return;
    const into = placeOf(target, undefined, r);
    if (into !== undefined && into.place.startsWith('vol:')) r.cloned.add(into.place);
    config(normal(target), `remote.${origin}.url`, url, `the remote URL of '${origin}'`);
    for (const s of settings) {
      const eq = s.indexOf('=');
      if (eq > 0) config(normal(target), s.slice(0, eq), s.slice(eq + 1), `the setting ${s.slice(0, eq)}`);
    }
    return;
  }
  if (repoDir === undefined && sub !== 'config') return;
  if (sub === 'remote') {
    const args = rest.filter((a) => !a.startsWith('-'));
    if (/^(add|set-url)$/.test(args[0] ?? '') && args.length >= 3) config(repoDir, `remote.${args[1]}.url`, args[args.length - 1], `the remote URL of '${args[1]}'`);
    if (/^(remove|rm)$/.test(args[0] ?? '') && args.length >= 2) config(repoDir, `remote.${args[1]}.url`, undefined, '');
    return;
  }
  if (sub === 'config') {
    // a global, system or other file's setting is not the repository's .git/config; the store helper it makes git's writes its own file
    if (rest.some((a) => /^--(global|system|file|worktree|blob)/.test(a) || a === '-f')) {
      const named = rest.some((a) => /^--(file|blob)/.test(a) || a === '-f');
      const fileAt = rest.findIndex((a) => a === '--file' || a === '-f');
      const file = fileAt >= 0 ? rest[fileAt + 1] : rest.find((a) => a.startsWith('--file='))?.slice(7);
      const args = rest.filter((a, k) => !a.startsWith('-') && (fileAt < 0 || k !== fileAt + 1));
      const stored = args.length >= 2 && !named ? storePlace(args[0].toLowerCase(), args[1], repoDir, r) : undefined;
      if (stored !== undefined) add({ step, file: stored.file, at: stored.at, line, what: STORE_SAVES, kind: 'file' });
      // a setting holding a secret in the file it names (`--global`: ~/.gitconfig, else $XDG_CONFIG_HOME/git/config where that exists)
      const secret = args.length >= 2 && !rest.some((a) => /^--(unset|blob|worktree)/.test(a)) ? secretIn(`${args[0]} ${args[1]}`, r) : undefined;
      const into = secret === undefined ? [] : file !== undefined ? [file] : rest.includes('--global') ? ['~/.gitconfig', `${r.paths.get('XDG_CONFIG_HOME') ?? '~/.config'}/git/config`]
        : rest.includes('--system') ? ['/etc/gitconfig'] : [];
      for (const f of into) {
        const at = placeOf(f, repoDir, r);
        if (at === undefined) continue;
        add({ step, file: f, at, line, what: `the setting ${args[0]} holding ${secret}`, kind: 'file' });
        break;
      }
      return;
    }
    const unset = rest.some((a) => /^--(unset|unset-all|remove-section)$/.test(a));
    const args = rest.filter((a) => !a.startsWith('-'));
    if (args.length === 0) return;
    if (unset) config(repoDir, args[0], undefined, '');
    else if (args.length >= 2) config(repoDir, args[0], args[1], `the setting ${args[0]}`);
    return;
  }
  if (sub === 'pull') {
    // git writes the command line of a pull into the reflog (.git/logs/HEAD) when it updates HEAD, its URL as given (git 2.39)
    const url = rest.find((a) => !a.startsWith('-'));
    const held = url === undefined ? undefined : credentialUrl(url, r);
    const at = repoDir === undefined ? undefined : placeOf(repoDir, undefined, r);
    if (held !== undefined && at !== undefined) {
      add({ step, file: `${repoDir}/.git/logs/HEAD`, at: { place: at.place, rest: `${at.rest}/.git/logs/HEAD` }, line, what: `the pulled URL holding ${held} (git keeps a pull's command line in the reflog)`, kind: 'reflog' });
    }
  }
}

/** A container of a task spec as this reading takes it: a step, as findings name it, and the container. */
interface Step {
  /** Its name, or `unnamed-<index>` for a step without one (stepDesignation, as Tekton names its container). */
  readonly name: string;
  readonly container: any;
}

/** The steps of a task spec with the stepTemplate merged under each (env and volumeMounts joined). */
function stepsOf(spec: any): Step[] {
  const template = isObject(spec?.stepTemplate) ? spec.stepTemplate : {};
  return asArray(spec?.steps).flatMap((s, i) => {
    if (!isObject(s)) return [];
    const env = [...asArray(template.env).filter((e) => !asArray(s.env).some((x) => x?.name === e?.name)), ...asArray(s.env)];
    const own = asArray(s.volumeMounts);
    const mounts = [...asArray(template.volumeMounts).filter((m) => !own.some((x) => x?.mountPath === m?.mountPath)), ...own];
    return [{ name: stepDesignation(s, i), container: { ...template, ...s, env, volumeMounts: mounts } }];
  });
}

/** The workspaces a container mounts: all of the spec's, but one isolated to other containers (a step's `workspaces` naming it). */
function mountedWorkspaces(spec: any, container: any): string[] {
  const isolated = new Set([...asArray(spec?.steps), ...asArray(spec?.sidecars)].flatMap((c) => asArray(c?.workspaces).map((w) => w?.name)));
  const own = new Set(asArray(container?.workspaces).map((w) => w?.name));
  return asArray(spec?.workspaces).map((w) => w?.name).filter((n): n is string => typeof n === 'string' && (!isolated.has(n) || own.has(n)));
}

/** The reading of a container of `spec`: where its workspaces and volumes are, its secrets (`held`: credentials workspaces). */
function readingOf(spec: any, container: any, held: readonly string[], cloned: Set<string>, manifests: readonly any[] = []): ContainerReading {
  const mounts = workspaceMountPaths(spec, container);
  const prefixes: Array<{ prefix: string; place: string }> = [];
  const secretFiles: Array<{ prefix: string; source: string }> = [];
  for (const w of mountedWorkspaces(spec, container)) {
    const paths = [`$(workspaces.${w}.path)`, mounts[w] ?? `/workspace/${w}`];
    if (held.includes(w)) secretFiles.push(...paths.map((prefix) => ({ prefix, source: `the credentials workspace '${w}'` })));
    else prefixes.push(...paths.map((prefix) => ({ prefix, place: `ws:${w}` })));
  }
  const volumes = new Map(asArray(spec?.volumes).filter(isObject).map((v) => [v.name, v]));
  for (const m of asArray(container?.volumeMounts)) {
    const v = volumes.get(m?.name);
    if (!isObject(v) || typeof m.mountPath !== 'string') continue;
    const path = normal(m.mountPath);
    if (isObject(v.secret)) secretFiles.push({ prefix: path, source: `the Secret '${jsString(v.secret.secretName ?? '')}'` });
    else if (asArray(v.projected?.sources).some((s) => isObject(s?.secret))) secretFiles.push({ prefix: path, source: 'a projected Secret' });
    else if (asArray(v.projected?.sources).some((s) => isObject(s?.serviceAccountToken))) secretFiles.push({ prefix: path, source: 'a projected ServiceAccount token' });
    // a CSI volume: a secrets store's (secrets-store.csi.k8s.io) files, as CREDENTIALS_WITH_REPO_CODE reads a container's own
    else if (isObject(v.csi)) secretFiles.push({ prefix: path, source: `the CSI volume of ${jsString(v.csi.driver ?? '')}` });
    else if (!isObject(v.configMap) && !isObject(v.projected) && !isObject(v.downwardAPI) && !isObject(v.csi)) prefixes.push({ prefix: path, place: `vol:${v.name}` });
  }
  // Tekton's /tekton/home emptyDir, which every step mounts where it mounts nothing there (a HOME env may name it)
  if (!prefixes.some((p) => p.prefix === '/tekton/home')) prefixes.push({ prefix: '/tekton/home', place: 'vol:/tekton/home' });
  prefixes.sort((a, b) => b.prefix.length - a.prefix.length);
  const secrets = new Map<string, string>();
  const paths = new Map<string, string>();
  // envFrom a Secret among the objects: a variable of each of its keys (the prefix before it), unless env sets that name
  // (one not among the objects: any variable the step does not set may be one of its keys)
  let envFromUnknown: string | undefined;
  for (const f of asArray(container?.envFrom)) {
    const name = f?.secretRef?.name;
    if (typeof name !== 'string') continue;
    const known = manifests.filter((m) => m?.kind === 'Secret' && m.apiVersion === 'v1' && m.metadata?.name === name);
    if (known.length === 0) envFromUnknown ??= `a key the Secret '${jsString(name)}' may give through envFrom, not among the objects`;
    for (const m of known) {
      for (const key of [...Object.keys(isObject(m.data) ? m.data : {}), ...Object.keys(isObject(m.stringData) ? m.stringData : {})]) {
        const variable = `${typeof f.prefix === 'string' ? f.prefix : ''}${key}`;
        if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable)) secrets.set(variable, `the Secret '${jsString(name)}' through envFrom`);
      }
    }
  }
  for (const e of asArray(container?.env)) {
    if (typeof e?.name !== 'string') continue;
    const ref = e.valueFrom?.secretKeyRef;
    if (isObject(ref)) secrets.set(e.name, `the Secret '${jsString(ref.name ?? '')}'`);
    else secrets.delete(e.name);
    if (!isObject(ref) && typeof e.value === 'string') paths.set(e.name, e.value);
  }
  return { prefixes, secrets, credentialUrls: new Map(), secretFiles, paths, cloned, ...envFromUnknown === undefined ? {} : { envFromUnknown } };
}

/** A step that runs the repository's code where an earlier step left a credential: the write, and what it runs. */
export interface PersistedCredentialReader {
  readonly write: CredentialWrite;
  /** The reading step. */
  readonly step: string;
  readonly found: RepoCode;
}

/** The names firstRepoCode takes for the workspaces of a container and the volumes a step cloned into, with their mount paths. */
function repoPlaces(r: ContainerReading, spec: any, container: any, held: readonly string[]): { names: string[]; mounts: Record<string, string> } {
  const names: string[] = [];
  const mounts: Record<string, string> = {};
  const ws = workspaceMountPaths(spec, container);
  for (const w of mountedWorkspaces(spec, container)) {
    if (held.includes(w)) continue;
    names.push(w);
    if (ws[w] !== undefined) mounts[w] = ws[w];
  }
  for (const p of r.prefixes) {
    // a volume is the repository's where a step clones into it
    if (!r.cloned.has(p.place) || names.includes(p.place)) continue;
    names.push(p.place);
    mounts[p.place] = p.prefix;
  }
  return { names, mounts };
}

/**
 * The steps of `spec` that run the repository's code in a container that mounts where a credential lies: one an earlier step
 * of the spec wrote, or one of `incoming` (an earlier task's, at this spec's places), each with the first such write; what a
 * step clears (`rm`, `git remote set-url` to a URL without credentials, `git config --unset`) is taken off for it (its own
 * commands taken to run before its code) and the steps after it. Also the credentials left when the last step ends.
 */
export function persistedReaders(
  spec: any, held: readonly string[] = [], incoming: readonly CredentialWrite[] = [], manifests: readonly any[] = [],
): { readonly readers: PersistedCredentialReader[]; readonly left: CredentialWrite[] } {
  // a spec with nothing coming in reads the same for every pipeline task that runs it: once per spec and credentials held (a step's
  // envFrom of a Secret, whose keys the objects give, read each time)
  const envFrom = isObject(spec) && [spec.stepTemplate, ...asArray(spec.steps)].some((c) => asArray(c?.envFrom).some((f) => isObject(f?.secretRef)));
  if (incoming.length > 0 || !isObject(spec) || envFrom) return readPersisted(spec, held, incoming, manifests);
  let bySpec = READ.get(spec);
  if (bySpec === undefined) READ.set(spec, bySpec = new Map());
  const key = JSON.stringify(held);
  let found = bySpec.get(key);
  if (found === undefined) bySpec.set(key, found = readPersisted(spec, held, incoming, manifests));
  return found;
}
const READ = new WeakMap<object, Map<string, { readonly readers: PersistedCredentialReader[]; readonly left: CredentialWrite[] }>>();

function readPersisted(
  spec: any, held: readonly string[], incoming: readonly CredentialWrite[], manifests: readonly any[],
): { readonly readers: PersistedCredentialReader[]; readonly left: CredentialWrite[] } {
  const written: Written = new Map(incoming.map((w) => [placeKey(w.at) + (w.key ?? ''), w]));
  const readers: PersistedCredentialReader[] = [];
  const cloned = new Set<string>();
  // the scripts the steps so far wrote into a workspace or volume, which a later step mounting it may run
  const shared: SharedScript[] = [];
  for (const s of stepsOf(spec)) {
    const before: Written = new Map(written);
    const r = readingOf(spec, s.container, held, cloned, manifests);
    // (what the step clears matters only where something was written before it)
    if (before.size > 0) {
      const again = { ...r, secrets: new Map(r.secrets), credentialUrls: new Map(), paths: new Map(r.paths) };
      readScript(s.name, s.container, again, before, true, shared);
    }
    const mounted = new Set(r.prefixes.map((p) => p.place));
    const write = [...before.values()].find((w) => mounted.has(w.at.place));
    if (write !== undefined) {
      const { names, mounts } = repoPlaces(r, spec, s.container, held);
      const found = firstRepoCode(s.container, names, mounts);
      if (found !== undefined) readers.push({ write, step: s.name, found });
    }
    readScript(s.name, s.container, r, written, false, shared);
    if (typeof s.container?.script === 'string') {
      for (const w of scriptsWritten(s.container.script)) {
        const at = w.path.startsWith('/') ? placeOf(w.path, undefined, r) : undefined;
        if (at !== undefined) shared.push({ script: w, at, step: s.name });
      }
    }
  }
  return { readers, left: [...written.values()] };
}

/** The fix of a reader of `w`, the step `reader` (`task 'x' step 'y'` or `step 'y'`), in words. */
function fixOf(w: CredentialWrite, writer: string, reader: string): string {
  switch (w.kind) {
    case 'remote':
      return `Keep the credentials out of the remote URL: in ${writer}, give them to git for that command alone (git -c http.extraHeader="Authorization: Basic <base64 of user:token>" clone <URL without credentials>, which git does not store), or through a credential helper that reads the Secret's mounted file, or run \`git remote set-url ${w.key?.replace(/^remote\.(.*)\.url$/, '$1') ?? 'origin'} <URL without credentials>\` in the repository right after that command, before ${reader} runs.`;
    case 'config':
      return `Give the setting on git's command line for that command alone (git -c <key>=<value> clone …, which git does not store, where git clone -c and git config store it in .git/config), or run \`git config --unset ${w.key}\` in the repository in ${writer}, before ${reader} runs.`;
    case 'authfile':
      return `Keep the registry login out of the workspace: point --authfile (REGISTRY_AUTH_FILE, DOCKER_CONFIG) at a directory in the container of ${writer} that no workspace or volume covers (later steps do not see it), or \`rm ${w.file}\` before ${reader} runs.`;
    case 'reflog':
      return `Fetch with the credentials given for that command alone (git -c http.extraHeader="Authorization: Basic <base64 of user:token>" pull <URL without credentials>), or \`rm -rf ${w.file.replace(/\/logs\/HEAD$/, '/logs')}\` before ${reader} runs.`;
    default:
      return `Write the credential outside the workspaces and shared volumes (into a directory in the container of ${writer} that no volume covers, which later steps do not see), or read it where it is needed from the Secret's mounted file, or \`rm ${w.file}\` before ${reader} runs.`;
  }
}

/** The words of a write, for a message. */
const writeSaid = (w: CredentialWrite, writer: string): string => `${writer} writes ${w.what} into ${w.file} (\`${w.line}\`${w.via === undefined ? '' : `, ${w.via}`})`;

/** The findings of one reader. */
function finding(
  reader: PersistedCredentialReader, location: string, target: string, writer: string, readerSaid: string, how: string,
): CredentialProblem {
  const why = reader.found.why.replace(/a workspace the repository fills/g, 'a directory the repository fills');
  return {
    location,
    target,
    property: reader.found.property,
    value: reader.found.value,
    problem: `${why}, where ${writeSaid(reader.write, writer)}${how}: code from the repository can read the credential in that file`,
    fix: fixOf(reader.write, writer, readerSaid),
  };
}

/** The task specs a pipeline task may run: its embedded spec, else every Task its local taskRef names among `manifests`. */
function specsOfTask(t: any, manifests: readonly any[], from: any): any[] {
  if (isObject(t.taskSpec)) return [t.taskSpec];
  return locallyReferenced(manifests, t.taskRef, 'Task', from).map((m) => m.spec).filter(isObject);
}

/**
 * The steps that run the repository's code where an earlier step left a credential in a workspace or volume: within each task
 * spec of `manifest` (a Task, a TaskRun's or a pipeline's embedded ones), and, in a pipeline (a Pipeline, a PipelineRun's
 * pipelineSpec), in the pipeline tasks that may run after the task that wrote it and bind the same pipeline workspace.
 * `credentialWorkspaces` gives a Pipeline's credentials workspaces (read as Secret files, not as places).
 */
export function persistedCredentialFindings(
  manifest: any, manifests: readonly any[] = [], credentialWorkspaces: (pipeline: any) => readonly string[] = () => [],
): CredentialProblem[] {
  const out: CredentialProblem[] = [];
  const bound = manifest?.kind === 'TaskRun' ? asArray(manifest?.spec?.workspaces).filter(bindsSecret).map((w) => jsString(w.name)) : [];
  for (const e of taskSpecsOf(manifest)) {
    for (const r of persistedReaders(e.spec, bound, [], manifests).readers) {
      out.push(finding(r, `${e.prefix}step '${r.step}'`, `${e.targetPrefix}step/${r.step}`, `step '${r.write.step}'`, `step '${r.step}'`, ''));
    }
  }
  const pipeline = manifest?.kind === 'Pipeline' ? manifest.spec : manifest?.kind === 'PipelineRun' ? manifest.spec?.pipelineSpec : undefined;
  if (!isObject(pipeline)) return out;
  const credentials = new Set(manifest.kind === 'Pipeline' ? credentialWorkspaces(manifest)
    : asArray(manifest.spec?.workspaces).filter(bindsSecret).map((w) => jsString(w.name)));
  const tasks = [...asArray(pipeline.tasks), ...asArray(pipeline.finally)].filter(isObject).map((t) => {
    const received = receivedWorkspaces(t);
    const held = [...new Set(received.filter((w) => credentials.has(w.pipelineWorkspace)).map((w) => w.taskWorkspace))];
    return { name: jsString(t.name), received, held, specs: specsOfTask(t, manifests, manifest) };
  });
  const order = new PipelineOrder(pipeline);
  const seen = new Set(out.map((f) => f.location));
  for (const w of tasks) {
    // what each spec the writer may run leaves in its workspaces, at the pipeline's workspaces
    const left = w.specs.flatMap((spec) => persistedReaders(spec, w.held, [], manifests).left).flatMap((x) => {
      const pws = x.at.place.startsWith('ws:') ? w.received.find((b) => b.taskWorkspace === x.at.place.slice(3))?.pipelineWorkspace : undefined;
      return pws === undefined ? [] : [{ ...x, pipelineWorkspace: pws }];
    });
    if (left.length === 0) continue;
    for (const t of tasks) {
      if (t.name === w.name || order.before(t.name, w.name)) continue;
      const incoming = left.flatMap((x) => {
        const b = t.received.find((y) => y.pipelineWorkspace === x.pipelineWorkspace);
        return b === undefined ? [] : [{ ...x, at: { place: `ws:${b.taskWorkspace}`, rest: x.at.rest } }];
      });
      if (incoming.length === 0) continue;
      const surely = order.before(w.name, t.name) ? 'runs after it' : 'may run after it (nothing orders it before)';
      for (const spec of t.specs) {
        for (const r of persistedReaders(spec, t.held, incoming, manifests).readers) {
          const location = `task '${t.name}' step '${r.step}'`;
          if (seen.has(location) || !incoming.includes(r.write as any)) continue;
          seen.add(location);
          const pws = (r.write as any).pipelineWorkspace;
          out.push(finding(r, location, `task/${t.name}`, `task '${w.name}' step '${r.write.step}'`, `task '${t.name}' step '${r.step}'`,
            `, and task '${t.name}' ${surely} and binds the same pipeline workspace '${pws}'`));
        }
      }
    }
  }
  return out;
}

/** How CREDENTIALS_WITH_REPO_CODE reads credentials a step leaves for later steps and tasks (its `decidesFrom`). */
export const PERSISTED_CREDENTIALS_DECIDES = 'Credentials left for later steps: a step (of a Task, a TaskRun\'s or a pipeline\'s embedded spec, '
  + 'with its stepTemplate) whose script (or the code of `sh -c` as its command) writes a credential into a workspace, or into a volume of '
  + 'its task, counts for each later step of the task that mounts it and runs repository code (read as above; a volume is the repository\'s '
  + 'only where a step of the task clones into it), and, in a pipeline, for each step of another pipeline task that binds the same pipeline '
  + 'workspace and does not surely run before the writer\'s (runAfter, results, finally); the message names the step that wrote, the file '
  + 'and the later step. A credential is an env var from `secretKeyRef`, or from `envFrom` a Secret among the objects (each of its keys, its '
  + '`prefix` before it, where `env` does not set that name), or, from `envFrom` of a Secret not among the objects (a Secret by its kind, '
  + 'its keys not known), any variable that neither `env` nor the script sets nor the shell or the kubelet gives (`HOME`, `PATH`, '
  + '`HOSTNAME`, `KUBERNETES_*` …), or a variable the script assigns from one, or a file of a Secret '
  + 'volume, of a projected Secret or ServiceAccount token, or of a CSI volume the step mounts, or of a credentials workspace, found: in the user part of a URL git stores (`git clone`, into the directory it '
  + 'is given or the one of the URL\'s name: git 2.39 writes the URL as given to `remote.origin.url`, `-o` naming the remote; `git remote '
  + 'add`, `git remote set-url`, `git config remote.<name>.url`); in a setting `git clone -c` (`--config`) or `git config` (not `--global`, '
  + '`--system`, `--file`) stores in `.git/config` (`http.extraHeader`); in the URL of `git pull <url>`, whose command line git keeps in the '
  + 'reflog (`.git/logs/HEAD`); printed into a file (`echo`, `printf`, `cat`, `base64`, `envsubst` through `>`, `>>`, `tee` or `dd of=`, a heredoc; '
  + 'envsubst without a format puts the step\'s env from a Secret in place; a text tool given it, `sed`, `awk`, `jq`, `yq`, `tr`, `head`, `tail`, `cut`, `perl`, or `sed -i`, `perl -pi`, `yq -i` on the '
  + 'file; `>&N` to a descriptor `exec N>file` opened, or anything after `exec >file` or `exec &>file`, `exec 4>&3` copying a descriptor and '
  + '`exec 3>&-` or `exec 3<f` ending its writes); a Secret\'s file copied or moved there (`cp`, `install`, `mv`, `rsync`, their options read '
  + 'as coreutils 9 and rsync 3 read them, `-t` naming the directory), also where no word names it: a directory above the mount copied whole '
  + '(`cp -r /`, `rsync -a`, rsync\'s `--files-from`), a pattern that may expand to it (`cp -r /sec* dst`), an archive of it (`tar c`, '
  + '`zip -r`, `cpio -o` or `-p` of the names `find`, `ls` or `echo` pipe to it, what `tar x` extracts from a `tar c` piped to it), the '
  + 'copies `find -exec` and `xargs` run (`find /secret -exec cp {} dst \\;`, `echo /secret/x | xargs -I{} cp {} dst`), and a function that '
  + 'copies it, read where called (the script\'s own, a sourced file\'s, or one `eval "$(cat f)"` defines); or a file of the step\'s own a '
  + 'secret was written into (`echo "$T" > /tmp/npmrc; cp /tmp/npmrc ~/.npmrc`); a setting holding a secret that `git config --global` '
  + '(`~/.gitconfig`, else `$XDG_CONFIG_HOME/git/config`), `--system` or `--file` stores; a tool\'s own configuration: `npm config set` '
  + '(`--userconfig`, `NPM_CONFIG_USERCONFIG`, else `~/.npmrc`; the project\'s with `--location=project`), `yarn config set` (`~/.yarnrc`, '
  + 'the project\'s `.yarnrc.yml`), `pip config set` (`PIP_CONFIG_FILE`, else `$XDG_CONFIG_HOME/pip/pip.conf`, else `~/.config/pip/pip.conf`) '
  + 'of a value holding a secret, `cargo login` (`$CARGO_HOME/credentials.toml`, else `~/.cargo`), `kubectl config set-credentials` with a '
  + 'token or password and `oc login` (`--kubeconfig`, the first file of `KUBECONFIG`, else `~/.kube/config`), `aws configure set` of a '
  + 'secret (`AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`), `gcloud auth activate-service-account` or `login` (`CLOUDSDK_CONFIG`, '
  + 'else `~/.config/gcloud`), `az login` (`AZURE_CONFIG_DIR`, else `~/.azure`), `vault login` (`~/.vault-token`), poetry\'s `config '
  + 'http-basic.*` or `pypi-token.*` of a secret (`POETRY_CONFIG_DIR`, else `$XDG_CONFIG_HOME/pypoetry`, its auth.toml: a step has no '
  + 'keyring), `helm repo add` with a password (`--repository-config`, `HELM_REPOSITORY_CONFIG`, else helm\'s `repositories.yaml`), '
  + '`mc alias set` and `rclone config create` of a secret, `terraform login`, `doctl auth init`, `dotnet nuget add source` with a password, '
  + 'composer\'s `config` of an auth key and `bundle config set` of a secret (the project\'s file, or with `--global` the home\'s), '
  + '`git credential-store store` (its `--file`, else the store helper\'s default), `kubectl create secret` printing its manifest; '
  + 'a here-string (`<<<`) and a `<` input read as a printer\'s; a variable `read` takes from a Secret\'s file or a secret; a command '
  + 'behind a wrapper (`sudo`, `env`, `timeout`, `command`, `nohup` … as shell.ts `runOf` reads them); a script the step wrote from a literal '
  + '(`printf \'%s\' "<base64>" | base64 -d > /scripts/prepare.sh`, `cat > f <<\'EOF\'`, `echo \'…\' > f`: written-scripts.ts) and then runs or '
  + 'sources (`/scripts/prepare.sh`, `sh f`, `. f`), or that an earlier step of the task wrote into a workspace or volume this step mounts, read '
  + 'where it runs, its `$0` its path, a script it sources from its own directory (`source $(dirname -- ${0})/common.sh`, `$(CDPATH= cd -- '
  + '"$(dirname -- ${0})" && pwd)/common.sh`) read in place, and the body of each function such scripts define read where it is called, the '
  + 'call\'s arguments as its `$1`, `$2` … (four levels deep), the message naming the script and the call; a copy\'s operands as the path '
  + 'the variable they start with holds (`cp "$SRC" "$DST"`), a variable assigned `"${X:-}"` keeping the value it had; a path a variable of the env or the script holds (`WS=$(workspaces.'
  + 'source.path)`, `$WS/.token`); the file of git\'s store helper (`credential.helper` set to `store --file=<path>`, '
  + 'else its default `~/.git-credentials`, or `$XDG_CONFIG_HOME/git/credentials` (`~/.config/git/credentials`) where the first lies in '
  + 'no workspace or volume (git writes it where it exists and the first does not: taken as so), by `git config`, `--global` and `--system` included, or by git\'s `-c` for a clone, fetch, pull, '
  + 'push, ls-remote, remote or submodule command); the auth file of a registry login (`podman`, `buildah`, `skopeo login`: `--authfile`, `--compat-auth-file`, '
  + '`REGISTRY_AUTH_FILE`, else `$XDG_RUNTIME_DIR/containers/auth.json`, else `/run/containers/<uid>/auth.json`; `docker`, `nerdctl` with `--config`, else `DOCKER_CONFIG`, else `~/.docker`; `crane auth login`, `oras login`, `cosign login` the same file (oras\'s `--registry-config` first); `helm registry login`: '
  + '`--registry-config`, `HELM_REGISTRY_CONFIG`, else `registry/config.json` of `HELM_CONFIG_HOME`, of `$XDG_CONFIG_HOME/helm`, of '
  + '`~/.config/helm`); the token `gh auth login` stores in `hosts.yml` (of `GH_CONFIG_DIR`, else '
  + '`$XDG_CONFIG_HOME/gh`, else `~/.config/gh`). A home directory (`~/`, `$HOME/`) is where the step\'s env or its script sets HOME to a '
  + 'path (Tekton v1.15 sets no HOME: the image\'s, in the step\'s own files, otherwise), the message naming it; another user\'s (`~user/`): root\'s `/root`, another\'s `/home/<user>` (useradd\'s default); HOME in a workspace, or at '
  + 'Tekton\'s `/tekton/home` emptyDir, which every step of the task mounts where it mounts nothing there, leaves `~/.git-credentials`, '
  + '`~/.netrc` and `~/.docker/config.json` to the later steps. A command that surely '
  + 'runs (not in a branch, a loop or after `&&`) in that step, or in a later step before the reader, clears it: `rm` of the file or of a '
  + 'directory above it, `git remote set-url` or `git config remote.<name>.url` to a URL without a credential, `git remote remove`, `git '
  + 'config --unset`. Not stored, so not counted: `git -c <key>=<value> clone …` (git\'s own `-c`, but for the store helper), `git fetch <url>` (FETCH_HEAD holds the '
  + 'URL without its credentials), a clone without credentials in its URL (`git clone -c credential.helper=`). A param is no Secret: its '
  + 'value is written in the run.';

/** What that reading does not see (its `limits`). */
export const PERSISTED_CREDENTIALS_LIMITS = 'Credentials left for later steps: a step\'s clearing command is taken to run before its own code; '
  + 'a path is known only as written (a workspace\'s path variable or mount path, a volume\'s mountPath as written, a path relative to the '
  + '`workingDir` or a plain `cd`), so a file under a home directory is counted only where HOME is set so (not where the image sets it: '
  + 'unknowable here, and in the container\'s own files unless a volume lies there), another user\'s home is taken as `/home/<user>` '
  + '(the image\'s /etc/passwd is not known), the `<uid>` of `/run/containers/<uid>/auth.json` is not known (a volume at `/run` or '
  + '`/run/containers` counts), a token `gh auth login` gives a keyring is not counted (a step has none: hosts.yml is), a variable '
  + '`envFrom` of a Secret not among the objects may give is any the step does not set (a loop\'s or `read`\'s variable included: relax), '
  + 'a file a secret was written into is followed only by its absolute path or one relative to a known directory, and a secret a param '
  + 'or a variable not read here carries, a tool\'s configuration command or login not listed above (`npm login`, `git credential approve`, `regctl`), a file a '
  + 'program of another interpreter writes (`python3 -c "open(…).write(…)"`), '
  + 'and what a StepAction\'s or a sidecar\'s code writes are not seen; a credential a TaskRun or an earlier '
  + 'PipelineRun left in a persistent volume is not known.';
