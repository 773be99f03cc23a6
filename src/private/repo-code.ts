/**
 * Whether a container runs code that the repository it works on controls: a
 * container builder (a Dockerfile's `RUN` lines), a language build tool (build
 * scripts, hooks, tests, code generators), or a script from a workspace.
 */
import {
  ALLEXPORT_SHEBANG, basename, ENV_SHELL, isBusybox, shellPattern, invocation, invocations, MAX_READINGS, privilegeReadings, RunnerReading,
  runnerArgv, runnerReadings, SHELL_NAMES, suLogin, TCL, xargsCommandIndex,
} from './argv';
import { asArray } from './containers';
import { COPY_PROGRAMS, copyOperands, ddFiles, findCommands as findStartsAndCommands } from './copy-operands';
import { EXECUTING_ENV } from './executing-env';
import { goTrimSpace } from './go-strings';
import { repositoryOf } from './image-references';
import { JVM_LAUNCHER, jvmRun } from './jvm-launchers';
import { own, ownKey } from './own';
import { joinPath } from './paths';
import { mountTails, rootsAfterCd, underRelativeRoot } from './relative-roots';
import {
  awkProgramTexts, calledFunction, closing, definedFunctions, descriptorOf, mapfileOptions, normalDir, pastBuiltins, printedBy, privilegeArgumentsEnd,
  programFiles, readNameWords, readOptions, readSetsReply, readVariables, redirectionTable, Scope, SimpleCommand, simpleCommands, splitRedirections,
  standardInput, STDIN_FILE, substitutedCommands, teeOperands, variableAssignment, withoutRedirections, Word,
} from './shell';
import { readShellOptions, setsPosixMode } from './shell-options';
import { tektonVariables } from './substitutions';
import { jsString, literalPattern } from './text';
import { filesRun, scriptsWritten, WrittenScript } from './written-scripts';

/** A CREDENTIALS_WITH_REPO_CODE finding on a container or a Shipwright object, shaped as the rules' problems are. */
export interface CredentialProblem {
  readonly location: string;
  readonly target: string;
  readonly property: string;
  readonly value: string;
  readonly problem: string;
  readonly fix: string;
}

/** What runs repository code in a container, and where it was seen. */
export interface RepoCode {
  /** The field it was seen in: `image`, `command`, `args` or `script`. */
  readonly property: string;
  /** What was seen, e.g. the image repository or the command line. */
  readonly value: string;
  /** Why that runs repository code. */
  readonly why: string;
}

/** Image repositories (their last path segments, or a path part) of container builders. */
const BUILDER_IMAGES: ReadonlyArray<[RegExp, string]> = [
  [/(^|\/)kaniko(-project)?(\/|$)|(^|\/)kaniko[^/]*$/, 'kaniko'],
  [/(^|\/)buildah[^/]*$|\/buildah\//, 'buildah'],
  [/(^|\/)buildkit[^/]*$|moby\/buildkit/, 'BuildKit'],
  [/^r\.j3ss\.co\/img$|(^|\/)img$/, 'img'],
  [/buildpacksio\/lifecycle|paketobuildpacks\/builder|(^|\/)pack$/, 'Cloud Native Buildpacks'],
  [/(^|\/)s2i[^/]*$/, 'source-to-image'],
];

/** What each container builder runs, for messages. */
const BUILDER_RUNS = "which runs the build's own instructions (a Dockerfile's RUN lines, buildpack detection and build scripts)";

/**
 * Programs that run repository code, with the subcommands that do (`*`: any).
 * Builders first, then language tools.
 */
const PROGRAMS: Readonly<Record<string, readonly string[] | '*'>> = {
  'executor': '*',
  'kaniko': '*',
  'buildah': ['bud', 'build', 'build-using-dockerfile'],
  'docker': ['build', 'buildx', 'compose', 'builder', 'image'],
  'podman': ['build', 'buildx', 'compose', 'image'],
  'nerdctl': ['build', 'compose', 'image'],
  'buildctl': ['build'],
  'buildctl-daemonless.sh': ['build'],
  'img': ['build'],
  'pack': ['build'],
  's2i': ['build'],
  'ko': ['build', 'apply', 'publish', 'resolve'],
  'go': ['build', 'test', 'generate', 'run', 'install', 'vet', 'tool'],
  'npm': ['install', 'i', 'ci', 'clean-install', 'cit', 'install-test', 'it', 'add', 'run', 'run-script', 'test', 't', 'start', 'stop', 'restart', 'exec', 'x',
    'rebuild', 'pack', 'publish', 'build', 'version'],
  'yarn': '*',
  'pnpm': '*',
  'npx': '*',
  'pnpx': '*',
  'bun': '*',
  'bunx': '*',
  'deno': ['run', 'task', 'test', 'install'],
  'mvn': '*',
  'mvnw': '*',
  'gradle': '*',
  'gradlew': '*',
  'ant': '*',
  'sbt': '*',
  'lein': '*',
  'make': '*',
  'gmake': '*',
  'cmake': '*',
  'ninja': '*',
  'meson': '*',
  'bazel': '*',
  'bazelisk': '*',
  'just': '*',
  'task': '*',
  'pip': ['install', 'wheel', 'download'],
  'pip3': ['install', 'wheel', 'download'],
  'poetry': ['install', 'build', 'run', 'publish'],
  'pipenv': ['install', 'run', 'sync'],
  'uv': ['sync', 'run', 'build', 'pip'],
  'tox': '*',
  'nox': '*',
  'pytest': '*',
  'py.test': '*',
  'cargo': ['build', 'b', 'test', 't', 'run', 'r', 'install', 'check', 'c', 'bench', 'clippy', 'doc', 'publish', 'package'],
  'bundle': ['install', 'exec'],
  'rake': '*',
  'gem': ['build', 'install'],
  'composer': ['install', 'update', 'run-script', 'run', 'exec'],
  'dotnet': ['build', 'test', 'run', 'restore', 'publish', 'pack', 'msbuild'],
  'swift': ['build', 'test', 'run'],
  'mix': '*',
  'rebar3': '*',
  'stack': '*',
  'cabal': '*',
  // release and deployment tools that build, or run the repository's hooks, providers and scripts
  'goreleaser': '*',
  'skaffold': '*',
  'tilt': '*',
  'earthly': '*',
  'terraform': ['init', 'plan', 'apply', 'destroy', 'validate', 'refresh', 'import', 'console', 'test'],
  'tofu': ['init', 'plan', 'apply', 'destroy', 'validate', 'refresh', 'import', 'console', 'test'],
  'terragrunt': '*',
  // pulumi runs the program of the project it is given (its working directory's by default) to compute the resources of up and preview;
  // ansible-playbook loads the plugins beside the playbook (filter_plugins/, library/, …) and the ansible.cfg of its working directory
  'pulumi': ['up', 'update', 'preview', 'watch'],
  'ansible-playbook': '*',
  'nix': ['build', 'develop', 'run', 'shell'],
  'nix-build': '*',
  'nix-shell': '*',
  // task runners and hook managers that run what the repository defines: pre-commit the hooks of its .pre-commit-config.yaml
  // (`repo: local` hooks are any command), invoke its tasks.py, mage its magefiles (Go), hatch, pdm and rye the scripts and build
  // hooks of its pyproject.toml, nx, turbo and lerna the targets and package.json scripts of its projects
  'pre-commit': ['run', 'try-repo'],
  'invoke': '*',
  'inv': '*',
  'mage': '*',
  'hatch': ['run', 'build', 'test'],
  'pdm': ['run', 'install', 'sync', 'build'],
  'rye': ['run', 'sync', 'build', 'test'],
  'nx': '*',
  'turbo': '*',
  'lerna': ['run', 'exec', 'bootstrap', 'version', 'publish'],
};

/** A bash assignment word up to its `=` (`NAME=`, `NAME+=`, `NAME[i]=`): before the program, it sets the program's environment. */
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(?:\[[^\]]*\])?\+?=/;

/**
 * The name and value a bash assignment word gives a variable (`variableAssignment`): `NAME=VALUE`, or `NAME+=VALUE`, which appends to
 * the value it had (`PATH+=:/ws/bin` is `$PATH:/ws/bin`, whose entries are the old ones and /ws/bin). An array element gives none.
 */
function assignmentOf(word: string): [string, string] | undefined {
  const m = variableAssignment(word);
  return m === undefined ? undefined : [m.name, m.value];
}

/** Where a workspace is: its path variable, and the default mount path `/workspace/<name>`. */
function workspacePrefixes(workspaces: readonly string[]): string[] {
  return workspaces.flatMap((w) => [`$(workspaces.${nameOf(w)}.path)`, mountPathOf(w)]);
}

/** Between a workspace's name and the path the task mounts it at, in the entries the readers take (`withMounts`). */
const MOUNTED_AT = '\u0000';

/**
 * The name of the entries (`<name>\0<path>`) that stand for a path a script wrote from a file of a workspace (`Written`): the
 * file itself, or a directory it was copied into, is the repository's.
 */
const COPIED = '\u0001';

/**
 * The workspaces `names` as the readers of this file take them: a name alone for one mounted at `/workspace/<name>`, and
 * `<name>\0<path>` for one the task (or the container itself, for isolated workspaces) mounts at an absolute `mountPath`.
 */
function withMounts(names: readonly string[], mounts: Readonly<Record<string, string>>): string[] {
  return names.map((n) => {
    const path = Object.prototype.hasOwnProperty.call(mounts, n) ? mounts[n] : undefined;
    return path === undefined ? n : `${n}${MOUNTED_AT}${path}`;
  });
}

/**
 * Where a container runs: a workspace entry (`withMounts`), undefined when in none, or, when its working directory is its
 * image's WORKDIR (no workingDir), which is not known here, the relative paths by which it may reach each workspace.
 */
type Here = string | Reaches | undefined;

/** From a WORKDIR not known here: for each workspace entry, the relative paths that reach it (`mountTails` of its mount path). */
interface Reaches {
  readonly reaches: ReadonlyArray<{ readonly workspace: string; readonly roots: readonly string[] }>;
}

/** Where the workspace entries `workspaces` lie from a WORKDIR not known here: any tail of each mount path (`source` from `/workspace`). */
function reachesOf(workspaces: readonly string[]): Reaches | undefined {
  const reaches = workspaces.map((w) => ({ workspace: w, roots: mountTails(mountPathOf(w)) })).filter((r) => r.roots.length > 0);
  return reaches.length > 0 ? { reaches } : undefined;
}

/** The workspace a relative path lies in from `here`: `here` itself when known, else the one whose relative path it starts with. */
function relativeIn(path: string, here: Here): string | undefined {
  if (typeof here !== 'object') return here;
  return here.reaches.find((r) => underRelativeRoot(path, r.roots))?.workspace;
}

/** The name of a workspace entry (`withMounts`). */
const nameOf = (entry: string): string => (entry.includes(MOUNTED_AT) ? entry.slice(0, entry.indexOf(MOUNTED_AT)) : entry);

/** The path a workspace entry is mounted at (`withMounts`): its own, else Tekton's `/workspace/<name>`. */
const mountPathOf = (entry: string): string => (entry.includes(MOUNTED_AT) ? entry.slice(entry.indexOf(MOUNTED_AT) + 1) : `/workspace/${entry}`);

/**
 * Where a task spec and one of its containers mount each workspace, by name, when not at `/workspace/<name>`: an absolute
 * `mountPath` of the spec's declaration, or of the container's own `workspaces` entry (which wins). A mountPath from a
 * param, or relative, is left out (not known here).
 */
export function workspaceMountPaths(spec: any, container?: any): Record<string, string> {
  const out: Record<string, string> = {};
  for (const w of [...asArray(spec?.workspaces), ...asArray(container?.workspaces)]) {
    const path = w?.mountPath;
    if (typeof w?.name !== 'string' || typeof path !== 'string' || !path.startsWith('/') || path.includes('$(')) continue;
    const trimmed = path.replace(/\/+$/, '');
    if (trimmed !== '') out[w.name] = trimmed;
  }
  return out;
}

/**
 * Where a container's files come from, for what a command substitution prints (`readsNoRepository`): the mount paths of the volumes
 * kubelet mounts read-only with what the cluster's API holds (`fixed`), and of every other volume and workspace the container mounts
 * (`open`: a step before it, a sidecar or another pod may have written them). A path under neither is the image's own, which no
 * other container writes.
 */
export interface ContainerFiles {
  readonly fixed: readonly string[];
  readonly open: readonly string[];
  /** The files (absolute paths) the steps before it write from a literal (`scriptsWritten`): the task's own code, not the repository's. */
  readonly literal?: readonly string[];
  /**
   * The mount paths of `open` that another container may have written before it runs (`sharedDirs`): of a volume other than an
   * emptyDir, of an emptyDir a step before it or a sidecar mounts too, and Tekton's `/workspace`, `/tekton/home`,
   * `/tekton/results` and `/tekton/steps` emptyDirs where a step runs before it or a sidecar beside it.
   */
  readonly shared?: readonly string[];
}

/**
 * The `ContainerFiles` of a container of a task spec that mounts `volumeMounts` (a step's with its stepTemplate's, which Tekton
 * merges by mountPath): a volume of the spec that is a Secret, ConfigMap, projected or downwardAPI volume is fixed (kubelet mounts
 * them read-only whatever the mount says, Kubernetes 1.11 on: CVE-2017-1002102), but one that holds the pod's labels or annotations
 * (a run's, which a trigger may set from a commit's title or branch); every other volume (emptyDir, persistentVolumeClaim, hostPath,
 * csi, ephemeral, image …, and a name the spec does not declare: a TaskRun's podTemplate volume) and the spec's and the container's
 * workspaces at their own mount paths are open. A mountPath not written as an absolute path is left out (the pod would not run); one
 * a substitution gives may be any directory: every file is then open, as where the container's image is one a substitution names
 * (`$(params.image)`: it may be built from the repository). A volume is read as the API server keeps it (`volumeSource`: `secret:
 * null` is no Secret), and the path of a block device (`volumeDevices`, a persistentVolumeClaim's raw device) is open. `before`, the steps that run before it (with the spec's
 * stepTemplate's mounts and its sidecars, they tell `shared`), whose scripts' writes from a literal are `literal`; without it no
 * directory is `shared`.
 */
export function containerFiles(spec: any, volumeMounts: readonly any[], container?: any, before?: readonly any[]): ContainerFiles {
  const volumes = new Map<string, any>(asArray(spec?.volumes).filter((v) => typeof v?.name === 'string').map((v) => [v.name, v]));
  // a mountPath a substitution gives (`$(params.dir)`, which Tekton puts in place) may be any directory: no file is known
  // (and a block device's path: a persistentVolumeClaim's raw device, which other pods may have written)
  const devices = [...asArray(spec?.stepTemplate?.volumeDevices), ...asArray(container?.volumeDevices)].map((d) => d?.devicePath);
  const paths = [...volumeMounts, ...asArray(spec?.workspaces), ...asArray(container?.workspaces)].map((m) => m?.mountPath);
  if ([...paths, ...devices].some((path) => typeof path === 'string' && /[$`]/.test(path))) return { fixed: [], open: ['/'] };
  const fixed: string[] = [];
  const open: string[] = Object.values(workspaceMountPaths(spec, container));
  // an image a substitution names (`$(params.image)`, `$(tasks.build.results.IMAGE_URL)`) may be one built from the repository:
  // none of its own files is known
  const image = container?.image ?? spec?.stepTemplate?.image;
  if (typeof image === 'string' && /[$`]/.test(image)) open.push('/');
  // (the mounts of the steps before, with the stepTemplate's, and of the sidecars)
  const sidecars = asArray(spec?.sidecars);
  const others = [...(before ?? []).map((s) => [...asArray(spec?.stepTemplate?.volumeMounts), ...asArray(s?.volumeMounts)]),
    ...sidecars.map((s) => asArray(s?.volumeMounts))];
  const shared: string[] = [];
  for (const m of volumeMounts) {
    const path = m?.mountPath;
    if (typeof path !== 'string' || !path.startsWith('/')) continue;
    const volume = volumes.get(m?.name);
    const api = apiVolume(volume);
    (api ? fixed : open).push(normalDir(path));
    // an emptyDir no other container of the pod mounts is empty as the pod starts
    const another = others.some((ms) => ms.some((o) => o?.name === m?.name));
    if (before !== undefined && !api && (volumeSource(volume) !== 'emptyDir' || another)) shared.push(normalDir(path));
  }
  for (const path of devices) {
    if (typeof path !== 'string' || !path.startsWith('/')) continue;
    open.push(normalDir(path));
    if (before !== undefined) shared.push(normalDir(path));
  }
  const mounted = [...fixed, ...open];
  if (others.length > 0) {
    // (a mount over one of Tekton's is read as that mount)
    shared.push(...['/workspace', '/tekton/home', '/tekton/results', '/tekton/steps'].filter((d) => !mounted.some((m) => m !== '/' && underDir(d, m))));
  }
  const literal = (before ?? []).flatMap((s) => (typeof s?.script === 'string' ? scriptsWritten(s.script) : []))
    .filter((w) => w.path.startsWith('/')).map((w) => normalDir(w.path));
  return {
    fixed: [...new Set(fixed)].sort(),
    open: [...new Set(open.map(normalDir))].sort(),
    ...literal.length > 0 ? { literal: [...new Set(literal)].sort() } : {},
    ...shared.length > 0 ? { shared: [...new Set(shared)].sort() } : {},
  };
}

/** Whether the absolute path `path` is the directory `dir` or lies under it (`/` holds every path). */
function underDir(path: string, dir: string): boolean {
  return path === dir || path.startsWith(`${dir === '/' ? '' : dir}/`);
}

/**
 * The files (absolute paths, normalised) that hold the task's own code before the command `index` of the container's `script`:
 * what the steps before it (`ContainerFiles.literal`) and the script before that command write from a literal (`scriptsWritten`).
 */
function literalFilesBefore(files: ContainerFiles | undefined, script: string, index: number): Set<string> {
  const written = scriptsWritten(script).filter((w) => w.at < index && w.path.startsWith('/')).map((w) => normalDir(w.path));
  return new Set([...files?.literal ?? [], ...written]);
}

/** Whether a volume is one kubelet fills from the cluster's API and mounts read-only, holding nothing of a run's labels or annotations. */
function apiVolume(volume: any): boolean {
  const labelled = (items: unknown) => asArray(items).some((i) => /^metadata\.(?:labels|annotations)\b/.test(String(i?.fieldRef?.fieldPath ?? '')));
  switch (volumeSource(volume)) {
    case 'secret': case 'configMap': return true;
    case 'downwardAPI': return !labelled(volume.downwardAPI.items);
    case 'projected': return !asArray(volume.projected.sources).some((s) => labelled(s?.downwardAPI?.items));
    default: return false;
  }
}

/**
 * The source of a volume as the API server keeps it: its one field (besides `name`) that holds an object (`secret: null` is no
 * source: Go decodes it to a nil pointer); `emptyDir` where it names none (Kubernetes' defaulting gives such a volume an
 * emptyDir); undefined where it is no object or names several (the API server refuses it).
 */
function volumeSource(volume: any): string | undefined {
  if (volume === null || typeof volume !== 'object' || Array.isArray(volume)) return undefined;
  const sources = Object.keys(volume).filter((k) => k !== 'name' && volume[k] !== null && typeof volume[k] === 'object');
  return sources.length === 0 ? 'emptyDir' : sources.length === 1 ? sources[0] : undefined;
}

/** Whether `word` is a workspace's directory or a path below it. */
function inWorkspaceDir(word: string, workspaces: readonly string[]): boolean {
  const path = normalDir(word);
  return workspacePrefixes(workspaces).some((p) => path === p || path.startsWith(`${p}/`));
}

/**
 * Whether `word` names a file under a workspace or the working directory (a script of the
 * repository). In a workspace, a relative path runs from it: as a program when it holds a `/`
 * (`ci/build.sh`; a bare name is looked up in PATH), as the file an interpreter reads
 * (`asFile`: `bash build.sh`) whatever its form.
 */
function workspaceScript(word: string, workspaces: readonly string[], here: Here, asFile = false): boolean {
  // (a literal absolute path as the kernel reads it: `/workspace//source/x.sh`, `/workspace/./source/x.sh`)
  const path = normalDir(word);
  if (workspacePrefixes(workspaces).some((p) => path.startsWith(`${p}/`))) return true;
  // a copy of a file of a workspace is itself the repository's file
  if (workspaces.some((w) => w.startsWith(`${COPIED}${MOUNTED_AT}`) && word === w.slice(2))) return true;
  if (here === undefined) return false;
  const relative = word !== '' && !/^[/$~-]/.test(word);
  const fromHere = word.startsWith('./') || word.startsWith('../') || (relative && (asFile || word.includes('/')));
  // from a WORKDIR not known here, only a path that reaches a workspace (`source/build.sh` from `/workspace`)
  return fromHere && relativeIn(word, here) !== undefined;
}

/**
 * How perl and ruby read their options (the shells: readShellOptions; python and node: pythonArguments, nodeArguments): `code`,
 * an option after which the next argument is code, not a file (`perl -ne`); `value`, options whose value is the next argument
 * (`perl -I lib`).
 */
const INTERPRETER_OPTIONS: ReadonlyArray<[RegExp, { readonly code: (o: string) => boolean; readonly value: readonly string[] }]> = [
  [/^perl$/, { code: (o) => /^-[A-Za-z]*[eE]$/.test(o) && !/^-[MmIx]/.test(o), value: ['-I', '-M', '-m'] }],
  [/^ruby$/, { code: (o) => /^-[A-Za-z]*e$/.test(o) && !/^-[IrC]/.test(o), value: ['-I', '-r', '-C'] }],
  // (php 8 `-r`, `-B`, `-R`, `-E` code; lua 5.4 and LuaJIT `-e`; Rscript `-e`; groovy `-e`; ts-node and tsx `-e`, `-p`)
  [/^php[0-9.]*$/, { code: (o) => ['-r', '-B', '-R', '-E'].includes(o), value: ['-c', '-d', '-z', '-t'] }],
  [/^(?:lua|luajit)[0-9.]*$/, { code: (o) => o === '-e', value: ['-l'] }],
  [/^Rscript$/, { code: (o) => o === '-e', value: [] }],
  [/^groovy$/, { code: (o) => o === '-e', value: ['-cp', '-classpath', '--classpath'] }],
  [/^(?:ts-node|tsx)$/, { code: (o) => ['-e', '--eval', '-p', '--print'].includes(o), value: ['-P', '--project', '-r', '--require', '-C', '--compiler', '-O', '--compiler-options', '--tsconfig'] }],
];

/**
 * How CPython reads its arguments (Python/getopt.c, options `bBc:dEhiIm:OPqRsStuvVW:xX:?`, Python 2's `-Q:` too): `-c` and
 * `-m` take the rest of their group or the next argument and end the options; `-W`, `-X` and `--check-hash-based-pycs` take a
 * value. The file it runs (none with `-c`, `-m`, or its input read), the code or module given, and whether its import path
 * leaves the working directory out (`-I`, isolated; `-P`, safe path: Python before 3.11 refuses `-P`), or it ignores the
 * environment's PYTHON* variables (`-E`, `-I`); and whether it only prints its help or version and exits (`exits`).
 */
function pythonArguments(after: readonly string[]): {
  file?: string; code?: string; module?: string; safePath: boolean; ignoresEnvironment: boolean; exits: boolean;
} {
  let safePath = false;
  let ignoresEnvironment = false;
  // -h, -?, --help…, -V and --version print and exit while the options are read (initconfig.c), before any code runs
  let exits = false;
  let i = 0;
  for (; i < after.length && after[i].startsWith('-') && after[i] !== '-'; i++) {
    const o = after[i];
    if (o === '--') {
      i++;
      break;
    }
    if (o.startsWith('--')) {
      if (o === '--check-hash-based-pycs') i++;
      exits ||= ['--help', '--version', '--help-env', '--help-xoptions', '--help-all'].includes(o);
      continue;
    }
    for (let j = 1; j < o.length; j++) {
      const letter = o[j];
      exits ||= letter === 'h' || letter === '?' || letter === 'V';
      if (letter === 'c' || letter === 'm') {
        const value = j + 1 < o.length ? o.slice(j + 1) : after[i + 1];
        return letter === 'c' ? { code: value ?? '', safePath, ignoresEnvironment, exits } : { module: value ?? '', safePath, ignoresEnvironment, exits };
      }
      safePath ||= letter === 'I' || letter === 'P';
      ignoresEnvironment ||= letter === 'I' || letter === 'E';
      if ('WXQ'.includes(letter)) {
        if (j + 1 === o.length) i++;
        break;
      }
    }
  }
  return { file: after[i], safePath, ignoresEnvironment, exits };
}

/** node's options that take the next argument as their value (without `=`). */
const NODE_VALUED = new Set(['-r', '--require', '--import', '--loader', '--experimental-loader', '-C', '--conditions', '--input-type', '--title',
  '--env-file', '--env-file-if-exists', '--inspect-port', '--debug-port', '--icu-data-dir', '--openssl-config', '--redirect-warnings',
  '--diagnostic-dir', '--report-dir', '--report-directory', '--report-filename', '--report-signal', '--secure-heap', '--secure-heap-min',
  '--unhandled-rejections', '--watch-path', '--experimental-default-type', '--dns-result-order', '--disable-warning', '--run',
  '--test-name-pattern', '--test-reporter', '--test-reporter-destination', '--test-concurrency', '--test-shard', '--max-http-header-size',
  '--heapsnapshot-signal', '--localstorage-file', '--trace-event-categories', '--trace-event-file-pattern', '--cpu-prof-dir', '--cpu-prof-name',
  '--heap-prof-dir', '--heap-prof-name', '--tls-cipher-list', '--tls-keylog', '--snapshot-blob', '--build-snapshot-config']);

/** node's options whose value is a module it loads before the program, resolved from the working directory. */
const NODE_PRELOAD = new Set(['-r', '--require', '--import', '--loader', '--experimental-loader']);

/** node's options that name an env file it loads before it starts (`--env-file` from Node.js 20.6, `--env-file-if-exists` from 22.9). */
const NODE_ENV_FILE = new Set(['--env-file', '--env-file-if-exists']);

/**
 * How node reads its arguments: options up to the first operand (the script; none, or `-`, is its input), `-e`, `-p`
 * (`--eval`, `--print`, `-pe`) take the code; the modules it preloads (`-r`, `--import` …); whether it runs a script of
 * package.json (`--run`) or the test files it finds (`--test` without a file); the env files it loads (`--env-file=FILE`,
 * `--env-file FILE`, `--env-file-if-exists`), whose NODE_OPTIONS it applies.
 */
function nodeArguments(after: readonly string[]): { file?: string; code?: string; preload: boolean; runsProject: boolean; envFiles: string[] } {
  let preload = false;
  let test = false;
  let run = false;
  const envFiles: string[] = [];
  let i = 0;
  for (; i < after.length && after[i].startsWith('-') && after[i] !== '-'; i++) {
    const o = after[i];
    if (o === '--') {
      i++;
      break;
    }
    const eq = o.indexOf('=');
    const option = eq > 0 ? o.slice(0, eq) : o;
    if (['-e', '-p', '-pe', '-ep', '--eval', '--print'].includes(option)) {
      return { code: eq > 0 ? o.slice(eq + 1) : after[i + 1] ?? '', preload, runsProject: run, envFiles };
    }
    preload ||= NODE_PRELOAD.has(option);
    test ||= option === '--test';
    run ||= option === '--run';
    if (NODE_ENV_FILE.has(option)) envFiles.push(eq > 0 ? o.slice(eq + 1) : after[i + 1] ?? '');
    if (eq < 0 && NODE_VALUED.has(option)) i++;
  }
  return { file: after[i], preload, runsProject: run || (test && after[i] === undefined), envFiles };
}

/**
 * What node loads of the repository through an env file (nodeArguments' `envFiles`): Node.js applies the variables that configure
 * it, NODE_OPTIONS among them, from the file it names (relative to the working directory), so a file of a workspace can make it
 * preload the repository's code (`NODE_OPTIONS=--require ./x.js`) whatever it runs.
 */
function envFileRepoCode(files: readonly string[], workspaces: readonly string[], here: Here): string | undefined {
  for (const file of files) {
    if (UNKNOWN_VARIABLE.test(file) || oneExpansion(file) || !knownValue(file)) {
      return `runs Node.js with the env file ${file} names (--env-file), and what ${file} holds is not known here: it may be a file of the repository`;
    }
    if (workspaceScript(file, workspaces, here, true)) {
      return 'runs Node.js with an env file (--env-file) of a workspace the repository fills: node applies the NODE_OPTIONS it sets, '
        + "whose --require or --import loads the repository's code";
    }
  }
  return undefined;
}

/**
 * The file an interpreter runs (undefined when it runs inline code or reads its standard input), and the code it was given.
 * A shell takes its code (`-c`) or reads its input (`-s`) after all its options: `sh -c -e CODE`, `sh -c -- CODE`.
 */
function interpreterFile(name: string, after: readonly string[]): { file?: string; code?: string; module?: string } {
  if (name === 'source' || name === '.') return { file: after[0] };
  if (PYTHON.test(name)) return pythonArguments(after);
  if (NODE.test(name)) return nodeArguments(after);
  const options = INTERPRETER_OPTIONS.find(([re]) => re.test(name))?.[1];
  if (SHELL_NAMES.test(name)) {
    // (as bash 5.2 and dash 0.5.12 read their options: `-eo NAME`, bash's `-norc` and `-rcfile FILE`, `-` ending them)
    const read = readShellOptions(after);
    if (read.code) return { code: after[read.operand] };
    // (a file where one may run: dash runs `sh +s build.sh`'s file, bash reads its input)
    return read.file ? { file: after[read.operand] } : {};
  }
  let i = 0;
  while (i < after.length && /^[-+]./.test(after[i])) {
    const o = after[i];
    if (o === '--') {
      i++;
      break;
    }
    if (options?.code(o)) return { code: after[i + 1] };
    i += options?.value.includes(o) ? 2 : 1;
  }
  return { file: after[i] };
}

/** Python by its names: CPython's (`python`, `python3`, `python3.12`) and PyPy's (`pypy`, `pypy3`, `pypy3.10`), which reads the same options. */
const PYTHON = /^(python|pypy)[0-9.]*$/;

/** Node.js by its names: `node`, and `nodejs` (Debian's and Ubuntu's). */
const NODE = /^(node|nodejs)$/;

/**
 * The interpreters whose files (and, for a shell, `source` and `.`, code) the rule reads: the shells, Python, Node.js, perl and
 * ruby, php, lua, Rscript, Tcl's tclsh and wish, groovy, ts-node and tsx (`php artisan`, `lua ci.lua`: the file they are given runs).
 */
const INTERPRETER = new RegExp(`^(?:${SHELL_NAMES.source.slice(1, -1)}|source|\\.|(python|pypy)[0-9.]*|node|nodejs|perl|ruby|php[0-9.]*|lua[0-9.]*|luajit|Rscript|${TCL.source.slice(1, -1)}|groovy|ts-node|tsx)$`);

/** A package named for a registry (`awscli`, `ko@v0.15.0`, `@scope/x@1`), not a path, URL or the repository itself. */
const REGISTRY_PACKAGE = /^(@[A-Za-z0-9_.-]+\/)?[A-Za-z0-9_.-]+([@=<>~!][^/\s]*)?$/;

/**
 * Whether a tool installs only packages of a registry, which runs their code but none of the
 * repository's: `pip install awscli`, `go install github.com/google/ko@v0.15.0` (a module at a
 * version, not the local one), `npm install -g semver@7.6.0`. A requirements file, an editable
 * or local path, or a local npm install (which runs the project's own scripts) is the repository's.
 */
function registryOnly(name: string, after: readonly string[]): boolean {
  const sub = after.findIndex((a) => !a.startsWith('-'));
  const rest = after.slice(sub + 1);
  const operands = rest.filter((a) => !a.startsWith('-'));
  if (sub < 0 || operands.length === 0) return false;
  if (/^pip3?$/.test(name)) {
    return after[sub] === 'install' && !rest.some((a) => /^(-r|--requirement|-e|--editable|-c|--constraint)(=|$)/.test(a))
      && operands.every((a) => REGISTRY_PACKAGE.test(a) && !a.startsWith('.'));
  }
  if (name === 'go') return (after[sub] === 'install' || after[sub] === 'run') && operands.every((a) => /^[^./][^@\s]*@[^\s]+$/.test(a));
  if (name === 'npm') {
    return ['install', 'i', 'add'].includes(after[sub]) && after.some((a) => a === '-g' || a === '--global')
      && operands.every((a) => REGISTRY_PACKAGE.test(a) && !a.startsWith('.'));
  }
  return false;
}

/** A program one argv runs, with the arguments it gets and what its assignments and wrappers give it. */
interface ProgramRead {
  readonly program?: string;
  readonly after: string[];
  readonly assignments: Array<[string, string]>;
  readonly lookup?: boolean;
  readonly chdirs: string[];
  readonly binds: Array<{ source: string; target: string }>;
  /** The root directories a wrapper made the program's (`sudo -R DIR`). */
  readonly roots?: string[];
}

/**
 * Each program one argv (a command and its args, or a simple command of a script) may run, and
 * the arguments it gets: past NAME=value assignments and redirections (`>out`, `2>/dev/null`,
 * `&>log`), wrappers such as `env` and `timeout` (an option one does not know read every way it may be:
 * `invocations`), and `sudo` or `doas`, their options read by their grammars (`privilegeReadings`). Never empty.
 */
function programsOf(argv: readonly string[]): readonly ProgramRead[] {
  // the words of a script's command, read by each reading of the same commands, are the same array (never changed): no key to build
  const same = PROGRAMS_OF_ARRAY.get(argv);
  if (same !== undefined) return same;
  // a command is read by several of the rule's readings (its repository code, its git, its shell code): read once
  const key = JSON.stringify(argv);
  let known = PROGRAMS_READ.get(key);
  if (known === undefined) {
    if (PROGRAMS_READ.size >= PROGRAMS_READ_KEPT) PROGRAMS_READ.clear();
    known = readPrograms(argv);
    PROGRAMS_READ.set(key, known);
  }
  PROGRAMS_OF_ARRAY.set(argv, known);
  return known;
}

/** What `programsOf` read, by the argv array itself. */
const PROGRAMS_OF_ARRAY = new WeakMap<readonly string[], readonly ProgramRead[]>();

/** What `programsOf` read, by argv as JSON (at most PROGRAMS_READ_KEPT; the results are never changed). */
const PROGRAMS_READ = new Map<string, readonly ProgramRead[]>();
const PROGRAMS_READ_KEPT = 4096;

/** `programsOf`, read afresh. */
function readPrograms(argv: readonly string[]): ProgramRead[] {
  let i = 0;
  // the assignments before the program, and those of env, are its environment
  const before: Array<[string, string]> = [];
  for (; i < argv.length && (ASSIGNMENT.test(argv[i]) || /^(?:[0-9]*[<>]|&>)./.test(argv[i])); i++) {
    const m = assignmentOf(argv[i]);
    if (m) before.push(m);
  }
  const out: ProgramRead[] = [];
  // the directories env -C and bwrap --chdir move to, the mounts bwrap makes
  const walk = (rest: readonly string[], given: Omit<ProgramRead, 'after'>, hops: number): void => {
    if (hops >= 4) {
      out.push({ ...given, after: [] });
      return;
    }
    for (const run of invocations(rest)) {
      if (out.length >= MAX_READINGS) return;
      const assignments = [...given.assignments, ...run.assignments.map((a): [string, string] => [a.name, a.value])];
      const chdirs = [...given.chdirs, ...run.chdirs ?? []];
      const binds = [...given.binds, ...run.binds ?? []];
      const roots = given.roots ?? [];
      if (run.program === undefined) {
        out.push({ after: [], assignments, chdirs, binds, roots });
        continue;
      }
      const after = rest.slice(run.programIndex + 1);
      if ((isBusybox(run.program) || basename(run.program) === 'builtin') && after.length > 0 && !after[0].startsWith('-')) {
        // busybox sh ./x.sh, builtin eval …: the applet or builtin named runs
        walk(after, { assignments, chdirs, binds, roots }, hops + 1);
        continue;
      }
      if (!['sudo', 'doas'].includes(basename(run.program))) {
        out.push({ program: run.program, after, assignments, lookup: run.lookup, chdirs, binds, roots });
        continue;
      }
      // sudo's and doas' options read by their grammars: the command each reading runs (in the directory of `sudo -D`, with the
      // environment sudo is given among them), or the shell it starts given none, which reads its input, or nothing
      const end = privilegeArgumentsEnd(after);
      for (const reading of privilegeReadings(run.program, after.slice(0, end)) ?? []) {
        if (out.length >= MAX_READINGS) return;
        const through = {
          assignments: [...assignments, ...reading.assignments.map((a): [string, string] => [a.name, a.value])],
          chdirs: [...chdirs, ...reading.chdirs],
          binds,
          roots: [...roots, ...reading.roots],
        };
        if (reading.command !== undefined) walk(after.slice(reading.command), through, hops + 1);
        else if (reading.shell) out.push({ program: 'sh', after: after.slice(end), ...through });
        else out.push({ after: [], ...through, roots });
      }
    }
  };
  walk(argv.slice(i), { assignments: before, chdirs: [], binds: [] }, 0);
  return out;
}

/** Where programs and the libraries they load are found: `/`, and `/usr`, `/bin`, `/sbin`, `/lib…`, `/etc`, `/opt` and below. */
const SYSTEM_DIRECTORY = /^\/+(?:$|(?:usr|bin|sbin|lib|lib32|lib64|libx32|etc|opt)(?:\/|$))/;

/** Text filters that print what they read of the files they are given (or of their input): a shell fed their output runs those files. */
const FILE_FILTERS: ReadonlySet<string> = new Set([
  'cat', 'tac', 'head', 'tail', 'sort', 'uniq', 'cut', 'nl', 'paste', 'rev', 'fold', 'expand', 'unexpand', 'column', 'fmt', 'pr',
  'base64', 'zcat', 'envsubst', 'tr', 'dos2unix',
]);

/** Text filters whose first operand is their script or pattern, unless an option gives it (`sed -e`, `grep -f`, `jq --from-file`). */
const SCRIPT_FILTERS: ReadonlySet<string> = new Set(['grep', 'egrep', 'fgrep', 'sed', 'awk', 'gawk', 'mawk', 'nawk', 'jq', 'yq', 'gojq']);

/** Options of SCRIPT_FILTERS that give the script or pattern, so that every operand is a file. */
const SCRIPT_OPTION = /^(?:-[A-Za-z]*[ef]|--(?:expression|regexp|file|from-file)(?:=.*)?)$/;

/** What a text filter prints (`filterReading`); `unknown`, a file it reads that a variable not known here names. */
interface FilterReading {
  readonly file: boolean;
  readonly input: boolean;
  readonly unknown?: string;
}

/**
 * What a text filter an argv runs prints (undefined when it runs none): `file`, a file of a workspace, as its text or filtered
 * (`cat ./ci.sh`, `cat < ./ci.sh`, `grep -v '^#' .env`, `sed 's/^/export /' ci/env`, `tail -n +2 ./x.sh`), given as an operand
 * (numbers, URLs and a script filter's first operand, its script, aside) or as its input; `input`, its input, from a pipe (no
 * file given, or `-` among them, and its input not redirected).
 */
function filterReading(argv: readonly string[], workspaces: readonly string[], here: Here): FilterReading | undefined {
  let reading: FilterReading | undefined;
  for (const { program, after } of programsOf(argv)) {
    if (program === undefined) continue;
    const name = basename(program);
    const scripted = SCRIPT_FILTERS.has(name);
    if (!scripted && !FILE_FILTERS.has(name)) continue;
    const { operands, from } = splitRedirections(after);
    // envsubst and tr read their input alone: their operands are a format, sets of characters
    const inputOnly = name === 'envsubst' || name === 'tr';
    const candidates = operands.filter((o) => o === '-' || !o.startsWith('-'));
    const named = inputOnly ? [] : scripted && !operands.some((o) => SCRIPT_OPTION.test(o)) ? candidates.slice(1) : candidates;
    const files = named.filter((f) => f !== '-' && !/^[+-]?[0-9]+$/.test(f) && !f.includes('://'));
    // its input, when it reads it: no file given, or `-` among them
    const readsInput = files.length === 0 || named.includes('-');
    const file = files.some((f) => workspaceScript(f, workspaces, here, true))
      || (readsInput && from !== undefined && workspaceScript(from, workspaces, here, true));
    // a file a variable not known here names (`cat "$F"`)
    const unknown = [...files, ...readsInput && from !== undefined ? [from] : []].find((f) => UNKNOWN_VARIABLE.test(f));
    reading = {
      file: file || (reading?.file ?? false),
      input: (readsInput && from === undefined) || (reading?.input ?? false),
      unknown: reading?.unknown ?? unknown,
    };
  }
  return reading;
}

/** Builtins that set the variables their words name (`export NAME=VALUE`). */
const DECLARATIONS: ReadonlySet<string> = new Set(['export', 'declare', 'typeset', 'readonly', 'local']);

/** The message of a file of a workspace a shell runs. */
const WORKSPACE_FILE = 'runs a file of a workspace the repository fills';

/**
 * Programs that print nothing of the files they are given or of their input (they change files, test them, or read their input
 * into variables): what a shell runs of their output holds no file of a workspace.
 */
const PRINTS_NO_FILE: ReadonlySet<string> = new Set([
  'true', 'false', ':', 'test', '[', 'mkdir', 'rmdir', 'rm', 'touch', 'chmod', 'chown', 'chgrp', 'mv', 'ln', 'sleep', 'read', 'readarray',
  'mapfile', 'cd', 'pushd', 'popd', 'unset', 'shift', 'exit', 'return', 'wait',
  // a program's path, a path's parts, the date, the machine or user (`"$(which kubectl)" apply`, `$(dirname "$0")/x`)
  'which', 'type', 'whereis', 'dirname', 'basename', 'pwd', 'date', 'id', 'uname', 'hostname', 'nproc', 'whoami',
]);

/** The paths a word may name: itself, a value after `=` (`--file=x`, `if=x`) or `@` (`@x`), the path of a `file://` URL. */
function pathsOfWord(word: string): string[] {
  const out: string[] = [];
  const valued = /^(?:--?[A-Za-z][A-Za-z0-9-]*|[A-Za-z_][A-Za-z0-9_]*)=(.+)$/s.exec(word);
  if (valued) out.push(valued[1]);
  if (word.startsWith('@')) out.push(word.slice(1));
  const url = /^file:\/\/(?:localhost)?(\/.*)$/s.exec(word);
  if (url) out.push(url[1]);
  return [...out, word];
}

/**
 * The path a word a program is given names in a workspace (a file, or a workspace's directory; `pathsOfWord`), or undefined: an
 * absolute path in one, a relative path from a workspace (a bare name too, but a number, a URL, an option, a word starting with `+`,
 * or a word with a blank).
 */
function workspacePathOf(word: string, workspaces: readonly string[], here: Here): string | undefined {
  return pathsOfWord(word).find((path) => inWorkspaceDir(path, workspaces) || workspaceScript(path, workspaces, here)
    || (!/^[+-]?[0-9]+$/.test(path) && !path.startsWith('+') && !path.includes('://') && !/\s/.test(path) && workspaceScript(path, workspaces, here, true)));
}

/** Whether a word a program is given names a file of a workspace (`workspacePathOf`). */
function namesWorkspaceFile(word: string, workspaces: readonly string[], here: Here): boolean {
  return workspacePathOf(word, workspaces, here) !== undefined;
}

/** What a command prints, as a shell that runs it reads it (`outputReading`). */
interface OutputReading {
  /** Why what it prints may hold a file of a workspace (a message), or undefined. */
  readonly file?: string;
  /** Whether it prints what it reads of its input (piped to it: its input is not redirected). */
  readonly input: boolean;
  /** Whether it prints the path of a file of a workspace (`echo ./ci.sh`), which `xargs` reads as its command's arguments. */
  readonly names: boolean;
}

/**
 * What a command prints, read for a shell that runs it (the commands of a process substitution the shell reads, or piped to its
 * input): whether it may hold a file of a workspace. A text filter (`filterReading`) prints the files it reads; a program that
 * prints nothing of a file (`PRINTS_NO_FILE`) none; `echo` and `printf` their words (read as code where the shell reads them),
 * `curl` and `wget` a download (a `file://` URL, the configuration or list of URLs of `-K` or `-i` in a workspace aside); git in
 * a repository of a workspace its objects (`git show HEAD:ci.sh`); any other program what it reads, so a file of a workspace it
 * is given (`dd if=ci.sh`, `python3 -c … ci.sh`), a file redirected to its input, or the output of a command substitution that
 * holds one (`echo "$(< ci.sh)"`). `piped`: what the command before it in a pipe prints.
 */
function outputReading(
  argv: readonly string[], inner: ReadonlyArray<readonly string[]>, workspaces: readonly string[], here: Here,
  piped: { readonly file?: string; readonly names: boolean } = { names: false },
): OutputReading {
  let file: string | undefined;
  let input = false;
  let names = false;
  // only redirections: bash prints the file of `$(< ci.sh)` and `<(< ci.sh)`
  const redirected = splitRedirections(argv);
  if (redirected.operands.every((o) => ASSIGNMENT.test(o))) {
    const reads = redirected.from !== undefined && namesWorkspaceFile(redirected.from, workspaces, here);
    return { file: reads ? WORKSPACE_FILE : undefined, input: false, names: false };
  }
  // the output of a command substitution in its words (`$(cat ci.sh)`, `$(< ci.sh)`): what it prints of them is not known
  const substituted = inner.map((words) => substitutedFile(words, workspaces, here)).find((why) => why !== undefined);
  for (const read of programsOf(argv)) {
    const { program, after } = read;
    if (program === undefined) continue;
    const name = basename(program);
    if (PRINTS_NO_FILE.has(name)) continue;
    file ??= substituted;
    const { operands, from } = splitRedirections(after);
    const fromFile = from !== undefined && namesWorkspaceFile(from, workspaces, here);
    if (name === 'echo' || name === 'printf') {
      names ||= operands.some((o) => inWorkspaceDir(o, workspaces) || workspaceScript(o, workspaces, here));
      continue;
    }
    const filter = filterReading([program, ...after], workspaces, here);
    if (filter !== undefined) {
      const valued = operands.some((o) => o.startsWith('-') && pathsOfWord(o).slice(0, -1).some((v) => namesWorkspaceFile(v, workspaces, here)));
      if (filter.file || valued || (filter.input && piped.file !== undefined)) file ??= filter.file || valued ? WORKSPACE_FILE : piped.file;
      if (filter.unknown !== undefined) {
        file ??= `runs what ${name} prints of the file ${filter.unknown} names, and what ${filter.unknown} holds is not known here: it may be a file of the repository`;
      }
      input ||= filter.input;
      continue;
    }
    if (name === 'curl' || name === 'wget') {
      const fetched = operands.some((o, k) => {
        const value = /^(?:-K|--config|-i|--input-file)$/.test(o) ? operands[k + 1] : /^--(?:config|input-file)=(.*)$/s.exec(o)?.[1];
        return (value !== undefined && (value === '-' ? fromFile : namesWorkspaceFile(value, workspaces, here)))
          || (/^file:/.test(o) && namesWorkspaceFile(o, workspaces, here));
      });
      if (fetched) file ??= `runs what ${name} prints of a file of a workspace the repository fills`;
      continue;
    }
    // xargs and parallel: their command's arguments are the words of their input
    if (name === 'xargs' || name === 'parallel') {
      const command = name === 'xargs' ? after.slice(xargsCommandIndex(after)) : withoutRedirections(after).filter((o) => !o.startsWith('-'));
      const runs = programsOf(command.length > 0 ? command : ['echo']).some((r) => r.program === undefined || !PRINTS_NO_FILE.has(basename(r.program)));
      const listed = fromFile || (from === undefined && (piped.names || piped.file !== undefined)) || typeof here === 'string';
      if (runs && listed) file ??= `runs what ${name} prints of the files its input names, which may be files of a workspace the repository fills`;
    }
    const given = [...operands].reverse().map((o) => workspacePathOf(o, workspaces, here)).find((path) => path !== undefined);
    const git = name === 'git' && programGit(read, here, workspaces) !== undefined;
    if (git) file ??= 'runs what git prints of the repository of a workspace the repository fills';
    else if (given !== undefined) file ??= `runs what ${name} prints of ${given}, which may be a file of a workspace the repository fills`;
    else if (fromFile) file ??= `runs what ${name} prints of ${from}, a file of a workspace the repository fills`;
    else if (from === undefined && piped.file !== undefined) file ??= piped.file;
    input ||= from === undefined;
  }
  return { file, input, names };
}

/** Why the output of a command substitution (its words) may hold a file of a workspace (`outputReading`). */
function substitutedFile(words: readonly string[], workspaces: readonly string[], here: Here): string | undefined {
  return outputReading(words, [], workspaces, here).file;
}

/** What a shell command reads as its input: the code of its heredoc or here-string, or the command piped to it. */
interface Input {
  readonly code?: string;
  readonly piped?: readonly string[];
  /** Why what is piped to it may hold a file of a workspace, through the pipe's earlier commands (`cat ci.sh | tr -d '\r' |`; `outputReading`). */
  readonly pipedFile?: string;
  /** The heredoc or here-string of the command piped to it. */
  readonly pipedInput?: string;
}

/** Whether a word is one parameter expansion with an operator (`${BUILD:-make}`, `${X#p}`): its value is not known here. */
function oneExpansion(word: string): boolean {
  return /^\$\{[A-Za-z_][A-Za-z0-9_]*[^A-Za-z0-9_}]/.test(word) && closing(word, 1) === word.length - 1;
}

/** A word that is one variable left as written: in a script, one whose value is not known. */
const UNKNOWN_VARIABLE = /^\$(?:\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)$/;

/**
 * What a command's environment names that makes a program load code before its own: the shells' startup files (`BASH_ENV`,
 * `ENV`) and the import paths of Python and node (`PYTHONPATH`, `NODE_PATH`), by name, with their value (null when it is not
 * known); a name not in it is not set.
 */
type Startup = ReadonlyMap<string, string | null>;

/**
 * The variables of `Startup`; `POSIXLY_CORRECT` or `POSIX_PEDANTIC` set (empty included) starts bash in posix mode (bash 5.2
 * shell.c, variables.c), whose interactive shell sources `ENV`; `ZDOTDIR`, the directory whose `.zshenv` (and, by its mode,
 * `.zprofile`, `.zshrc`, `.zlogin`) zsh sources in place of the home directory's.
 */
const STARTUP_VARIABLES = ['BASH_ENV', 'ENV', 'PYTHONPATH', 'NODE_PATH', 'POSIXLY_CORRECT', 'POSIX_PEDANTIC', 'SHELLOPTS', 'ZDOTDIR',
  // (and git's, whose value is a program it runs: GIT_PROGRAM_VARIABLES, `export GIT_SSH_COMMAND=./hack/ssh.sh`; and those naming the
  // repository git reads, GIT_REPOSITORY_VARIABLES)
  'GIT_SSH_COMMAND', 'GIT_SSH', 'GIT_EXTERNAL_DIFF', 'GIT_PAGER', 'GIT_EDITOR', 'GIT_SEQUENCE_EDITOR', 'GIT_ASKPASS', 'GIT_DIR', 'GIT_COMMON_DIR',
  // (and bash's own, read by the shell that holds it, exported or not: SHELL_VARIABLES)
  'BASH_LOADABLES_PATH'];

/**
 * The variables of `Startup` the shell itself reads, whose value reaches its builtins exported or not: BASH_LOADABLES_PATH, where
 * `enable -f NAME` looks a NAME without `/` up (`loadablesRepoCode`).
 */
const SHELL_VARIABLES: ReadonlySet<string> = new Set(['BASH_LOADABLES_PATH']);

/**
 * The variables naming the repository git reads (`programGit`), in the order git applies them: GIT_DIR its `.git`, GIT_COMMON_DIR the
 * directory whose `config` and `hooks` it reads in place of GIT_DIR's (git 2.39 run: a core.fsmonitor in the config of the directory
 * either names, exported or before git, ran on `git status` run in /tmp or in another repository).
 */
const GIT_REPOSITORY_VARIABLES = ['GIT_DIR', 'GIT_COMMON_DIR'];

/**
 * What Python or node load of the repository through their import path (`Startup`'s PYTHONPATH, NODE_PATH): Python searches
 * the directories PYTHONPATH lists before its own library and site-packages (unless `-E` or `-I`), node's `require` those
 * NODE_PATH lists for a package no node_modules up from the file holds; an entry that is relative (or empty) is the working
 * directory's, so in a workspace it is the repository's, as is an entry under a workspace. A value not known is a finding.
 */
function importPathRepoCode(
  name: string, operands: readonly string[], environment: Startup, here: Here, workspaces: readonly string[],
): string | undefined {
  const variable = PYTHON.test(name) ? 'PYTHONPATH' : NODE.test(name) ? 'NODE_PATH' : undefined;
  if (variable === undefined || !environment.has(variable)) return undefined;
  if (variable === 'PYTHONPATH' && pythonArguments(operands).ignoresEnvironment) return undefined;
  const value = environment.get(variable);
  const language = variable === 'PYTHONPATH' ? 'Python' : 'Node.js';
  // an empty value is no path (CPython and node read it as unset)
  if (value === '') return undefined;
  const takes = variable === 'PYTHONPATH' ? 'a module of the repository can take the place of one it imports'
    : 'require loads a package of the repository that no node_modules holds';
  if (value === null || value === undefined) {
    return `runs ${language} with ${variable} set, and what ${variable} holds is not known here: it may name a directory of the repository, where ${takes}`;
  }
  for (const entry of value.split(':')) {
    // under a workspace; relative (or empty): the working directory's; from `~`: the home directory
    const inWorkspace = workspaceOfDir(entry, workspaces) !== undefined || (!/^[/$~]/.test(entry) && relativeIn(entry, here) !== undefined);
    if (inWorkspace) return `runs ${language} with ${variable} naming ${entry === '' ? 'the working directory' : entry}, in a workspace the repository fills: ${takes}`;
    // a variable or substitution in it, unless after a fixed directory that holds no workspace (`/opt/$V/lib`)
    const fixed = entry.includes('$') ? entry.slice(0, entry.slice(0, entry.indexOf('$')).lastIndexOf('/') + 1) : undefined;
    const holdsWorkspace = (dir: string) => dir === '' || dir === '/' || ['/workspace', ...workspacePrefixes(workspaces)].some((p) => `${p}/`.startsWith(dir) || dir.startsWith(`${p}/`));
    if (fixed !== undefined && holdsWorkspace(fixed)) {
      return `runs ${language} with ${variable} naming ${entry}, and what it names is not known here: it may be a directory of the repository, where ${takes}`;
    }
  }
  return undefined;
}

/**
 * The startup file a shell run with options `after` sources before its code (bash's shell.c, run_startup_files): bash, not
 * interactive (no option group holding `i`), not in posix mode (`--posix`, `-o posix`) and not privileged (`-p`, `-o
 * privileged`), sources the file `BASH_ENV` names; an interactive shell that sources `$ENV` (ENV_SHELL, or bash in posix
 * mode, by its options or `POSIXLY_CORRECT` in its `environment`, and not privileged), the file `ENV` names.
 */
function startupVariable(program: string, after: readonly string[], environment: Startup): 'BASH_ENV' | 'ENV' | undefined {
  const name = basename(program);
  const bash = name === 'bash';
  if (!bash && !shellPattern(ENV_SHELL).test(name)) return undefined;
  // (as bash 5.2 and dash 0.5.12 read their options: every group before the first operand, `sh -c CODE -i` not interactive)
  const { interactive, posix: posixOption, privileged: groupPrivileged } = readShellOptions(after);
  // (POSIXLY_CORRECT or POSIX_PEDANTIC in its environment, whatever their value, as `--posix`)
  // (or SHELLOPTS naming posix, or of a value not known, which bash imports at start-up)
  const posix = posixOption || [...environment].some(([variable, value]) => setsPosixMode(variable, value));
  // privileged mode (`-p`, `-o privileged`): bash sources neither
  const privileged = bash && groupPrivileged;
  if (privileged) return undefined;
  if (bash && !interactive && !posix) return 'BASH_ENV';
  return interactive && (!bash || posix) ? 'ENV' : undefined;
}

/** What a shell runs of the repository through its startup file (`variable`'s value in `environment`) before its code. */
function startupRepoCode(
  variable: 'BASH_ENV' | 'ENV', environment: Startup, workspaces: readonly string[], here: Here,
): string | undefined {
  const value = environment.get(variable);
  const shell = variable === 'BASH_ENV' ? 'bash' : 'an interactive shell';
  if (value === undefined || value === '') return undefined;
  if (value === null || !knownValue(value)) {
    return `runs ${shell}, which first sources the file ${variable} names, and what ${variable} holds is not known here: it may be a file of the repository`;
  }
  return workspaceScript(value, workspaces, here, true) ? `runs ${shell}, which first sources the file ${variable} names: a file of a workspace the repository fills` : undefined;
}

/**
 * What an interactive bash (an option group holding `i`), not in posix mode, sources of the repository first: the file
 * `--rcfile` or `--init-file` names (bash's run_startup_files; `--norc` reads none; the ~/.bashrc it reads without them is
 * not judged here).
 */
function rcFileRepoCode(program: string, after: readonly string[], workspaces: readonly string[], here: Here): string | undefined {
  if (basename(program) !== 'bash') return undefined;
  // (as bash 5.2 reads its options: `-rcfile FILE` and `-norc` are its long options too)
  const { interactive, posix, norc, rcfile } = readShellOptions(after);
  const option = rcfile?.option;
  const file = rcfile?.file;
  if (!interactive || posix || norc || file === undefined || file === '') return undefined;
  if (UNKNOWN_VARIABLE.test(file) || oneExpansion(file) || !knownValue(file)) {
    return `runs an interactive bash, which first sources the file ${option} names, and what ${file} holds is not known here: it may be a file of the repository`;
  }
  return workspaceScript(file, workspaces, here, true) ? `runs an interactive bash, which first sources the file ${option} names: a file of a workspace the repository fills` : undefined;
}

/**
 * Whether zsh run with `after` (its words after its name) starts with RCS unset, so sources no startup file but the global zshenv
 * (zsh 5.9 Src/init.c `parseargs`, Src/options.c): `-f` in a group, `-o norcs` (`NO_RCS`, any case, `_` ignored) or `--no-rcs`,
 * `--norcs`, `--no_rcs`, the last one given winning over `+f`, `+o norcs`, `-o rcs`, `--rcs`, which set it; `+o rcs` unsets it.
 * (zsh 5.9 run: `zsh +o norcs -c true` sources ~/.zshenv, `zsh +o rcs -c true` none.)
 */
function zshNoRcs(after: readonly string[]): boolean {
  let noRcs = false;
  const name = (o: string) => o.toLowerCase().replace(/[_-]/g, '');
  for (let k = 0; k < after.length; k++) {
    const a = after[k];
    if (a === '--' || a === '-' || !/^[-+]/.test(a)) break;
    if (a.startsWith('--')) {
      if (name(a) === 'norcs') noRcs = true;
      else if (name(a) === 'rcs') noRcs = false;
      continue;
    }
    // a group (`-fc`, `+f`), whose `o` takes the rest of it or the next word as an option's name
    for (let j = 1; j < a.length; j++) {
      if (a[j] === 'f') noRcs = a[0] === '-';
      if (a[j] !== 'o') continue;
      const option = name(j + 1 < a.length ? a.slice(j + 1) : after[++k] ?? '');
      if (option === 'norcs') noRcs = a[0] === '-';
      else if (option === 'rcs') noRcs = a[0] === '+';
      break;
    }
  }
  return noRcs;
}

/**
 * What zsh sources of the repository through `ZDOTDIR` (zsh 5.9 Src/init.c `run_init_scripts`, `sourcehome`): every zsh, not only an
 * interactive or login one, sources `.zshenv` of the directory ZDOTDIR names, unless `-f` (`--no-rcs`, `-o norcs`) or privileged
 * (`-p`); a directory of a workspace (`$PWD` or a relative path in one) is the repository's, a value not known may be.
 */
function zdotdirRepoCode(
  name: string, after: readonly string[], environment: Startup, workspaces: readonly string[], here: Here,
): string | undefined {
  if (name !== 'zsh') return undefined;
  const value = environment.get('ZDOTDIR');
  if (value === undefined || value === '') return undefined;
  const options = readShellOptions(after);
  if (zshNoRcs(after) || options.privileged) return undefined;
  const pwd = value === null ? undefined : value.replace(/^(?:\$PWD|\$\{PWD\}|\$\(pwd\)|`pwd`)(?=\/|$)/, '.');
  if (pwd === undefined || (!knownValue(pwd) && !inWorkspaceDir(pwd, workspaces))) {
    return 'runs zsh, which first sources .zshenv of the directory ZDOTDIR names, and what ZDOTDIR holds is not known here: it may be a directory of the repository';
  }
  const inWorkspace = /^[/$~]/.test(pwd) ? workspaceOfDir(pwd, workspaces) !== undefined : relativeIn(pwd, here) !== undefined;
  return inWorkspace ? `runs zsh, which first sources .zshenv of the directory ZDOTDIR names, ${value}: a directory of a workspace the repository fills` : undefined;
}

/**
 * The variables of EXECUTING_ENV whose value names where a program finds code or configuration it loads (read by
 * `envPathRepoCode`), by name: a list of directories or files split at `:` (`list`; an entry that is relative, or empty for `PATH`,
 * `LD_LIBRARY_PATH` and `CLASSPATH`, is the working directory's), one path (`path`), or options whose values are paths
 * (`options`: the values of the code-loading ones alone). Not those read where the program runs (BASH_ENV, ENV, ZDOTDIR:
 * `startupRepoCode`, `zdotdirRepoCode`; PYTHONPATH, NODE_PATH: `importPathRepoCode`; the programs git runs: GIT_PROGRAM_VARIABLES), nor
 * GIT_DIR and GIT_COMMON_DIR, which name a repository's `.git` (git run in a workspace's repository is `gitInWorkspaceOf`'s).
 */
const PATH_VARIABLES: Readonly<Record<string, 'list' | 'path' | RegExp>> = {
  ...Object.fromEntries(['PATH', 'LD_LIBRARY_PATH', 'LD_PRELOAD', 'LD_AUDIT', 'GCONV_PATH', 'PERL5LIB', 'PERLLIB', 'RUBYLIB', 'CLASSPATH', 'KUBECONFIG']
    .map((n) => [n, 'list' as const])),
  ...Object.fromEntries(['PYTHONHOME', 'PYTHONSTARTUP', 'GIT_CONFIG_GLOBAL', 'GIT_CONFIG_SYSTEM', 'GIT_TEMPLATE_DIR',
    'GIT_EXEC_PATH', 'HOME', 'XDG_CONFIG_HOME', 'CARGO_HOME', 'GRADLE_USER_HOME', 'PIP_CONFIG_FILE', 'CURL_HOME', 'WGETRC', 'PHPRC', 'OPENSSL_CONF',
    'DOTNET_STARTUP_HOOKS', 'MAKEFILES', 'BUNDLE_GEMFILE', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'SSH_ASKPASS', 'CONFIG_SHELL']
    .map((n) => [n, 'path' as const])),
  // node 20: --require, --import, --loader; the JVM: -javaagent, -agentpath, -Xbootclasspath/a; ruby -r, -I; perl -I; go -toolexec;
  // tar's options that run a program; lua's `@FILE`
  NODE_OPTIONS: /(?:^|\s)(?:-r|--require|--import|--loader|--experimental-loader)(?:=|\s+)(\S+)/g,
  ...Object.fromEntries(['JAVA_TOOL_OPTIONS', 'JDK_JAVA_OPTIONS', '_JAVA_OPTIONS', 'JAVA_OPTS', 'MAVEN_OPTS', 'GRADLE_OPTS', 'SBT_OPTS']
    .map((n) => [n, /(?:^|\s)(?:-javaagent:|-agentpath:|-Xbootclasspath\/[ap]:)([^=\s]+)/g])),
  RUBYOPT: /(?:^|\s)-[rI]\s*(\S+)/g,
  PERL5OPT: /(?:^|\s)-I\s*(\S+)/g,
  GOFLAGS: /(?:^|\s)-?-toolexec=(\S+)/g,
  TAR_OPTIONS: /(?:^|\s)--(?:checkpoint-action=exec|to-command|use-compress-program|rsh-command|info-script|new-volume-script)=(\S+)/g,
  LUA_INIT: /^@(\S+)/g,
};

/** The variables of PATH_VARIABLES, whose value the script's commands and the container's env set (`Startup`). */
const PATH_VARIABLE_NAMES = Object.keys(PATH_VARIABLES);

/**
 * Why a program run with `name` set to `value` in its environment loads code of the repository (`PATH_VARIABLES`): a path it names
 * lies in a workspace (`$(workspaces.out.path)/dist`, `/workspace/out/dist`) or, relative (`./bin`, `$PWD/bin`), in the working
 * directory where that is a workspace's (a path `skip` takes is not read). A variable or substitution in a path (`$PATH`) is not read. Checked here in bash 5.2 (a
 * `curl` in a directory PATH lists first runs; an empty or relative entry is the working directory), with glibc's loader
 * (LD_PRELOAD of a built .so, LD_LIBRARY_PATH), node 20 (`NODE_OPTIONS=--require FILE` runs it before `node -e 1`) and git 2.39
 * (`GIT_CONFIG_GLOBAL` naming a file whose core.fsmonitor runs on `git status`).
 */
function envPathRepoCode(
  name: string, value: string, workspaces: readonly string[], here: Here, skip?: (path: string) => boolean,
): string | undefined {
  // (`BASH_CMDS[NAME]`, bash's table of the programs it runs by name, which `hash -p FILE NAME` sets: FILE, a path)
  const hashed = /^BASH_CMDS\[([^\]]+)\]$/.exec(name)?.[1];
  const kind = hashed !== undefined ? 'path' : own(PATH_VARIABLES, name);
  if (kind === undefined) return undefined;
  const cwd = (p: string) => p.replace(/^(?:\$PWD|\$\{PWD\}|\$\(pwd\)|`pwd`)(?=\/|$)/, '.');
  const paths = kind === 'path' ? [cwd(value)]
    : kind === 'list' ? value.split(name === 'LD_PRELOAD' ? /[:\s]+/ : ':').map(cwd)
      : [...value.matchAll(kind)].flatMap((m) => m[1].split(':')).map(cwd);
  for (const path of paths) {
    const empty = path === '' && ['PATH', 'LD_LIBRARY_PATH', 'CLASSPATH'].includes(name);
    if ((path === '' && !empty) || skip?.(path) === true) continue;
    // (a relative entry: for LD_PRELOAD one without a `/` is a library name the loader looks up, for options one with a `/` alone)
    const relative = !/^[/$~]/.test(path) && (kind === 'list' || kind === 'path' ? name !== 'LD_PRELOAD' || path.includes('/') : path.includes('/'));
    const entry = /^[/$]/.test(path) ? workspaceOfDir(path, workspaces) : relative || empty ? relativeIn(path, here) : undefined;
    if (entry === undefined || entry.startsWith(COPIED)) continue;
    const shown = empty ? 'its empty entry, the working directory,' : path === '.' ? 'the working directory' : path;
    if (hashed !== undefined) {
      return `makes bash run ${value} for ${hashed} (hash -p, BASH_CMDS[${hashed}]): ${shown} lies in a workspace the repository fills, so what runs as ${hashed} is the repository's code`;
    }
    return `sets ${name} to ${value}, which ${own(EXECUTING_ENV, name) ?? 'a program reads'}: ${shown} lies in a workspace the repository fills, so what runs loads its code or configuration from the repository`;
  }
  return undefined;
}

/** The variables naming a home or configuration directory, which a step's tools read whatever volume holds it (`envPathOrSharedRepoCode`). */
const SHARED_HOME_VARIABLES = new Set(['HOME', 'XDG_CONFIG_HOME']);

/**
 * `envPathRepoCode` of a path in the repository or, where `shared` (`sharedDirs`), in a volume a step before or a sidecar may have
 * written from it, told in words of that volume.
 */
function envPathOrSharedRepoCode(
  name: string, value: string, workspaces: readonly string[], here: Here, shared: readonly string[], files?: ContainerFiles,
): string | undefined {
  const why = envPathRepoCode(name, value, workspaces, here);
  // (a home directory on a volume the pod's containers share, as Tekton's own default `/tekton/home` is, and the emptyDir a hardened
  // step mounts at its HOME: every step reads its files there whether it sets HOME or not, so setting it there moves nothing; what a
  // step runs of such a volume is read where it runs it)
  if (why !== undefined || shared.length === 0 || SHARED_HOME_VARIABLES.has(name)) return why;
  for (const dir of shared) {
    // (not a path under a Secret or ConfigMap mounted inside the volume: `fixedInShared`)
    const found = envPathRepoCode(name, value, [sharedEntry(dir)], undefined, (path) => fixedInShared(path, files));
    if (found !== undefined) return `${ofShared(found, dir)}: a step before it or a sidecar may have written it from the repository`;
  }
  return undefined;
}

/**
 * The variables of PATH_VARIABLES a program is given whatever their export status: PATH, where the shell holding it looks programs up
 * (bash 5.2 run: `PATH=/ws/bin` not exported, then `curl` ran /ws/bin/curl), and HOME and PATH, which every container's environment
 * holds (the runtime sets HOME, runc from the user's entry; PATH the image or its default), so that an assignment changes the value
 * exported. Every other one is read by the program run alone, which is given it only where it is exported (`exportedValue`).
 */
const UNEXPORTED_READ: ReadonlySet<string> = new Set(['PATH', 'HOME']);

/** How a variable the script does not export may be exported (`setEnvPathRepoCode`): the words of its finding. */
const IMAGE_ENV_EXPORTS = "not exported by the script but by bash where the image's own ENV sets it (not known here: bash exports every variable its "
  + 'environment holds)';

/**
 * The builtins that run no program (`exportedValue`): what a variable exported while they run reaches nothing.
 */
const RUN_NOTHING: ReadonlySet<string> = new Set(['export', 'declare', 'typeset', 'local', 'readonly', 'unset', 'set', 'shopt', 'read', 'printf', 'echo',
  ':', 'true', 'false', 'cd', 'pushd', 'popd', 'hash', 'alias', 'unalias', 'shift', 'mapfile', 'readarray', 'getopts', 'test', '[', '[[', 'let', 'umask',
  'fi', 'done', 'esac', '}', 'then', 'do', 'else']);

/**
 * What a command does to the export status of `name` (bash 5.2 and dash run): `export` (`declare -x` …, and what `scriptExports`
 * reads as exporting any name) exports it; `export -n NAME` and `declare +x NAME` (`typeset`, `local`) stop exporting it (`unexport`);
 * `unset NAME` (not `-f`) drops it and its value (`unset`).
 * Options are those before the first other word or `--` (`export -- -n NAME` names `-n`, exporting NAME still); one with `f` is
 * about functions (`export -fn NAME`, `declare -f +x NAME` leave the variable exported: bash 5.2 run).
 */
function exportChange(command: SimpleCommand, name: string): 'export' | 'unexport' | 'unset' | undefined {
  const words = command.words;
  const at = pastBuiltins(words, 0);
  const first = words[at];
  if (first === undefined || !first.literal) return undefined;
  const { options, operands } = builtinOptions(words.slice(at + 1));
  const named = operands.some((w) => w.text === name || w.text.startsWith(`${name}=`) || w.text.startsWith(`${name}+=`));
  const functions = options.some((o) => /^-[A-Za-z]*f/.test(o) || (DECLARING.has(first.text) && /^-[A-Za-z]*F/.test(o)));
  if (first.text === 'unset') return named && unsetsVariable(words.slice(at + 1)) ? 'unset' : undefined;
  // (what bash refuses changes nothing: export takes `-f`, `-n` and `-p` alone, a `+` word being a name; declare, typeset and local their own
  // letters, `+` groups too, printing with `-p` or `+p`; local only in a function's body: bash 5.2 run, `export -nv V`, `export -n -x V`,
  // `export +x V`, `readonly +x V`, `declare +x -q V`, `declare +x -p V` and a top-level `local +x V` left V exported)
  const declares = ['declare', 'typeset', 'local'].includes(first.text) && options.every((o) => /^[-+][acfgilnprtuxAFGI]+$/.test(o))
    && !options.some((o) => o.includes('p')) && (first.text !== 'local' || command.scope.some((s) => s.function !== undefined));
  if (named && !functions && ((first.text === 'export' && options.some((o) => /^-[A-Za-z]*n/.test(o)) && options.every((o) => /^-[fnp]+$/.test(o)))
    || (declares && options.some((o) => /^\+[A-Za-z]*x/.test(o))))) return 'unexport';
  const exported = scriptExports(command);
  return exported === '*' || exported.has(name) ? 'export' : undefined;
}

/**
 * Whether `unset` with `rest`, its words past its name, unsets variables: its options (`-` groups alone, before the first other word or `--`:
 * a `+` word is a name) hold only `v` (bash 5.2 unset.def, getopt "fnv"; bash 5.2 run, `export V=1; unset -n V` left V set and exported: `-n`
 * unsets a nameref alone, `-f` a function, `-fv` and a letter it does not know, `-x`, are refused; `unset +x V` and `unset -- V` unset V).
 */
function unsetsVariable(rest: readonly Word[]): boolean {
  for (const w of rest) {
    if (!w.literal || !/^-[A-Za-z]+$/.test(w.text)) return true;
    if (!/^-v+$/.test(w.text)) return false;
  }
  return true;
}

/** A builtin's option words (`-n`, `+x`, before the first other word or `--`) and the words after them (`--` left out). */
function builtinOptions(rest: readonly Word[]): { readonly options: readonly string[]; readonly operands: readonly Word[] } {
  let k = 0;
  while (k < rest.length && rest[k].literal && /^[-+][A-Za-z]+$/.test(rest[k].text)) k++;
  return { options: rest.slice(0, k).map((w) => w.text), operands: rest.slice(rest[k]?.literal && rest[k].text === '--' ? k + 1 : k) };
}

/**
 * Whether a command of `commands` that may run before the unset at `index`, in the same shell, makes `name` readonly (`readonly NAME`,
 * `declare -r NAME`, `declare -rx NAME=…`): bash then refuses to unset it (bash 5.2 run: `readonly LD_PRELOAD; unset LD_PRELOAD` left it
 * exported; `export -n` still stops exporting it). One before it, or in a function's body or a loop with it (which may run before it
 * again), conditional or not; not one after it, nor one in a subshell (`( … )`, a pipeline's stage, the background) the unset is not in
 * (bash 5.2 run: `unset V; readonly V=…` and `( readonly V ); unset V` unset V; `f() { readonly V; }; f; unset V` and `{ readonly V; }` did not).
 */
function madeReadonly(commands: readonly SimpleCommand[], name: string, index: number): boolean {
  const { names, isolated } = readonlyNames(commands);
  const scopes = commands[index].scope;
  return (names.get(name) ?? []).some((k) => {
    const c = commands[k];
    if (c.pipe || c.background || c.scope.some((s) => isolated.has(s.id) && !scopes.some((t) => t.id === s.id))) return false;
    return k < index || c.scope.some((s) => s.function !== undefined || (s.kind === 'loop' && scopes.some((t) => t.id === s.id)));
  });
}

/** The names `madeReadonly` finds in a script's commands, read once per script. */
const READONLY_NAMES = new WeakMap<readonly SimpleCommand[], ReadonlyNames>();

/** The commands that make each name readonly, by index, and the scopes of a script that run in a subshell (`readonlyNames`). */
interface ReadonlyNames {
  readonly names: ReadonlyMap<string, readonly number[]>;
  readonly isolated: ReadonlySet<number>;
}

/**
 * `madeReadonly`'s names of `commands`, by name the indices of the commands that make it readonly: each operand of a `readonly` or of a
 * declaration with `-r` (not `-f` or `-F`, which act on functions: `+f` does not), up to its `=`; and the scopes that run in a subshell
 * (`subshellScopes`, a pipeline's last stage read as the shell's own).
 */
function readonlyNames(commands: readonly SimpleCommand[]): ReadonlyNames {
  let known = READONLY_NAMES.get(commands);
  if (known !== undefined) return known;
  const names = new Map<string, number[]>();
  commands.forEach((c, k) => {
    const at = pastBuiltins(c.words, 0);
    const first = c.words[at];
    if (first === undefined || !first.literal) return;
    const { options, operands } = builtinOptions(c.words.slice(at + 1));
    if (options.some((o) => /^-[A-Za-z]*[fF]/.test(o))) return;
    if (first.text !== 'readonly' && !(DECLARING.has(first.text) && options.some((o) => /^-[A-Za-z]*r/.test(o)))) return;
    for (const w of operands) {
      const name = w.text.includes('=') ? w.text.slice(0, w.text.indexOf('=')) : w.text;
      names.set(name, [...names.get(name) ?? [], k]);
    }
  });
  known = { names, isolated: subshellScopes(commands, true) };
  READONLY_NAMES.set(commands, known);
  return known;
}

/** Whether a command runs a program: its first word past the builtins that run what follows and the assignments, not one of RUN_NOTHING. */
function runsProgram(command: SimpleCommand): boolean {
  const at = pastBuiltins(command.words, 0);
  // (an assignment with a redirection alone runs none: `PATH=/usr/bin 2>/dev/null`)
  const program = unredirected(command.words.slice(at)).find((w) => !ASSIGNMENT.test(w.text));
  return program !== undefined && !(program.literal && RUN_NOTHING.has(program.text));
}

/** The words of a simple command that are not its redirections (`withoutRedirections`), as words. */
function unredirected(words: readonly Word[]): Word[] {
  const operands = withoutRedirections(words.map((w) => w.text));
  return words.filter((w) => operands[0] === w.text && operands.shift() !== undefined);
}

/**
 * Whether a command gives `name` a value that does not hold the one it had (`NAME=…`, `export NAME=…`, `declare NAME=…`, an array; not `+=`,
 * not a value naming `$NAME`): bash 5.2 run, `LD_PRELOAD=/ws/x.so; export LD_PRELOAD=/ws/y.so; curl` loaded y.so alone, and `export
 * LD_PRELOAD=/ws/x.so; LD_PRELOAD=/opt/y.so; curl` too.
 */
function replaces(command: SimpleCommand, name: string): boolean {
  const old = new RegExp(`\\$\\{?${name}(?![A-Za-z0-9_])`);
  // (its redirections left out, and `export -n`'s options: bash 5.2 run, `export PATH=/ws/bin; PATH=/usr/bin:/bin 2>/dev/null; curl` and the same with
  // `export -n PATH=/usr/bin:/bin` ran the system's curl, and `A=1; A=2 < /nonexistent; echo $A` printed 2)
  const kept = unredirected(command.words);
  const words = kept[0]?.literal === true && kept[0].text === 'export' ? [kept[0], ...kept.slice(1).filter((w) => !(w.literal && /^-n+$/.test(w.text)))] : kept;
  const steps = words.length === command.words.length ? assignmentsOf(command) : readAssignments({ ...command, words });
  return steps.some((step) => (step.kind === 'value' || step.kind === 'array') && step.name === name && !step.append
    && !old.test(step.kind === 'value' ? step.written : step.elements));
}

/**
 * Whether the value the command at `index` of `commands` gives `name`, which it does not export itself, reaches a program the script
 * runs (bash 5.2 run, LD_PRELOAD naming a built .so: `LD_PRELOAD=…; /bin/true` loaded nothing; exported before or after, or in the
 * environment bash started with, it ran the .so's constructor; `unset`, `export -n` or `declare +x` before the assignment, or after it
 * before the program, loaded nothing): where `name` is exported (`inEnvironment`: in the environment the shell starts with, or by
 * `exportChange` before) as it is assigned, or later, and a program runs while it is exported and set (one of RUN_NOTHING runs none;
 * where it is still exported at the end, read as reaching one; a variable the shell reads itself, `shellReads`, as exported whatever its
 * export status, up to an unset). An export in a function's body, `{ … }` or a loop may run anywhere,
 * eval's or source's code may export it (`scriptExports`: but the code of the command itself, read for what it does); an unset or
 * `export -n` that may not run where it stands (not `unconditional`) ends nothing. A value it is surely given after, before any program
 * runs, ends it too (`replaces`); a command substitution's program is a program run.
 */
function exportedValue(commands: readonly SimpleCommand[], index: number, name: string, inEnvironment: boolean, shellReads = false): boolean {
  const changes = commands.map((c, k) => {
    const change = exportChange(c, name);
    if (change === 'unset' && madeReadonly(commands, name, k)) return undefined;
    // (eval's or source's own code is read for what it exports; allexport set where it surely stands, for the assignments after it: `all` below)
    if (change === 'export' && allexportChange(c) === 'on' && !c.scope.some((s) => s.kind === 'other' || s.kind === 'loop')) return undefined;
    return k === index && change === 'export' && scriptExports(c) === '*' ? undefined : change;
  });
  if (changes.some((change, k) => change === 'export' && commands[k].scope.some((s) => s.kind === 'other' || s.kind === 'loop'))) return true;
  let on = inEnvironment;
  // (allexport set before it, `set -a` that may have run and no `set +a` surely since: the assignment exports it, after an `export -n` too; bash 5.2
  // run, `set -a; V=1; export -n V; V=2; env` printed V=2, and with `set +a` before `V=2`, nothing)
  let all = false;
  for (let k = 0; k < commands.length; k++) {
    const change = changes[k];
    const surely = change === 'export' || commands[k].unconditional;
    const allexport = k < index ? allexportChange(commands[k]) : undefined;
    if (allexport === 'on' || (allexport === 'off' && commands[k].unconditional)) all = allexport === 'on';
    if (k === index && all) on = true;
    // (a program it runs, or one a command substitution in it runs, which bash runs with what is exported: bash 5.2 run, `export LD_PRELOAD=/ws/x.so;
    // X=$(/bin/true); LD_PRELOAD=/opt/y.so` loaded x.so in /bin/true)
    if (k > index && on && [commands[k], ...substitutedCommands(commands[k])].some(runsProgram)) return true;
    // (a value given it after, surely, before any program ran: what a program is given from there on is that one, `replaces`)
    if (k > index && commands[k].unconditional && replaces(commands[k], name)) return false;
    if (!surely) continue;
    if (change === 'unset' && k > index) return false;
    // (a variable the shell reads, `shellReads`, is read exported or not: an unset alone ends it)
    if (change !== undefined && !shellReads) on = change === 'export';
  }
  return on;
}

/**
 * Whether a command sets allexport (`set -a`, `set -o allexport`, `shopt -so allexport`: `scriptExports`) or unsets it (`set +a`, `set +o allexport`,
 * `shopt -uo allexport`).
 */
function allexportChange(command: SimpleCommand): 'on' | 'off' | undefined {
  const words = command.words;
  const at = pastBuiltins(words, 0);
  const first = words[at];
  if (first === undefined || !first.literal || (first.text !== 'set' && first.text !== 'shopt')) return undefined;
  if (scriptExports(command) === '*') return 'on';
  const rest = words.slice(at + 1);
  if (first.text === 'set' && rest.some((w, k) => /^\+[A-Za-z]*a/.test(w.text) || (w.text === 'allexport' && /^\+[A-Za-z]*o$/.test(rest[k - 1]?.text ?? '')))) {
    return 'off';
  }
  // (`shopt -uo allexport`, `shopt -u -o allexport`: set +a through shopt; without -o bash refuses the name and leaves it set, bash 5.2 run)
  const shoptOptions = first.text === 'shopt' && rest.some((w) => w.text === 'allexport') ? builtinOptions(rest).options.join('') : '';
  return /u/.test(shoptOptions) && /o/.test(shoptOptions) ? 'off' : undefined;
}

/**
 * Whether `program` run with `after` writes the file the variable `name` names and reads nothing of it that runs: the cloud CLIs that
 * write a cluster's credentials into the kubeconfig KUBECONFIG names (`gcloud container clusters get-credentials`, `aws eks
 * update-kubeconfig`, `az aks get-credentials`).
 */
function writesEnvFile(name: string, program: string, after: readonly string[]): boolean {
  if (name !== 'KUBECONFIG') return false;
  const words = after.filter((a) => !a.startsWith('-'));
  return (program === 'gcloud' && words[0] === 'container' && words[1] === 'clusters' && words[2] === 'get-credentials')
    || (program === 'aws' && words[0] === 'eks' && words[1] === 'update-kubeconfig') || (program === 'az' && words[0] === 'aks' && words[1] === 'get-credentials');
}

/**
 * The variables a builtin sets in the shell itself, and their values, where they are known (bash 5.2 run for each): a declaration's
 * `NAME=VALUE` words (`export`, `declare`, `typeset`, `readonly`, `local`); `printf -v NAME FORMAT ARGS`, what printf would print
 * (`printedBy`), its format text and `%s`, `%b`, `%%` alone; `read [-r] NAME…` of a here-string or heredoc, its first line split
 * as the default IFS splits it (its blanks at the ends trimmed, each name but the last a field, the last the rest; not one with a
 * backslash read without `-r`); and `hash -p FILE NAME`, which makes FILE the program bash runs for NAME, as
 * `BASH_CMDS[NAME]=FILE` does (bash 5.2 run: `hash -p /tmp/hb/curl curl; curl` ran /tmp/hb/curl).
 */
function builtinSets(program: string, after: readonly string[], input: string | undefined, ifs?: string): Array<[string, string]> {
  const name = basename(program);
  const operands = withoutRedirections(after);
  if (DECLARATIONS.has(name)) {
    // (with -a each name is an indexed array, its value, if any, element 0: bash 5.2 run, `declare -a PATH` then `curl x` ran ./curl; an
    // associative one, -A, of PATH did not run it)
    const arrays = operands.some((w) => /^-[A-Za-z]*a[A-Za-z]*$/.test(w));
    return operands.flatMap((w): Array<[string, string]> => {
      // (a name an expansion gives, `export "$V=…"`: not known here, NOT_NAMED before it as written; bash 5.2 run, `V=PATH; export "$V=/ws/bin"; curl x`
      // ran the workspace's curl)
      const unnamed = /^([^=]*[$`][^=]*)=(.*)$/s.exec(w);
      const m = assignmentOf(w) ?? (unnamed === null || w.startsWith('-') ? undefined : [`${NOT_NAMED}${unnamed[1]}`, unnamed[2]]);
      if (arrays && (m === undefined ? /^[A-Za-z_][A-Za-z0-9_]*$/.test(w) : !m[1].startsWith('('))) return [[m?.[0] ?? w, '()']];
      return m === undefined ? [] : [m];
    });
  }
  // (`printf -vNAME`, the name joined to the option: bash 5.2 run, `printf -vPATH '%s:%s' /ws/bin "$PATH"` ran /ws/bin/curl)
  if (name === 'printf' && /^-v./s.test(operands[0] ?? '')) return builtinSets(program, ['-v', operands[0].slice(2), ...operands.slice(1)], input, ifs);
  if (name === 'printf' && operands[0] === '-v' && /^[A-Za-z_][A-Za-z0-9_]*$|[$`]/.test(operands[1] ?? '')) {
    const rest = operands.slice(operands[2] === '--' ? 3 : 2);
    // (a format of text and `%s`, `%b`, `%%` alone: another conversion prints something else of its argument, `%d` of a path an error)
    if (rest.length === 0 || [...rest[0].matchAll(/%([-+ #0-9.*]*)(.)/g)].some((m) => m[1] !== '' || !'sb%'.includes(m[2]))) return [];
    // (a name an expansion gives, `printf -v "$V"`: not known here, NOT_NAMED before it as written)
    const named = /[$`]/.test(operands[1]) ? `${NOT_NAMED}${operands[1]}` : operands[1];
    return (printedBy(['printf', '--', ...rest]) ?? []).map((value): [string, string] => [named, value]);
  }
  // (a name `read -a`, mapfile or readarray, or a declaration's -a or -A makes an array, whatever it reads)
  const array = arrayNamed(name, operands);
  if (array !== undefined) return [[array, '()']];
  if (name === 'read' && input !== undefined) {
    // (a name an expansion gives, `read -r "$V"`: not known here, NOT_NAMED before it as written, which may be PATH; bash 5.2 run, `V=PATH; read -r
    // "$V" <<< /ws/bin; curl x` ran the workspace's curl)
    const unnamed = readNameWords(operands).filter((w) => /[$`]/.test(w));
    const stand = (w: string) => `UNNAMED_${unnamed.indexOf(w)}`;
    return readSets(operands.map((w) => (unnamed.includes(w) ? stand(w) : w)), input, ifs)
      .map(([n, v]): [string, string] => {
        const written = unnamed.find((w) => stand(w) === n);
        return [written === undefined ? n : `${NOT_NAMED}${written}`, v];
      });
  }
  if (name === 'hash') {
    const p = operands.findIndex((w) => /^-[a-zA-Z]*p$/.test(w));
    const file = p < 0 ? undefined : operands[p + 1];
    return file === undefined ? [] : operands.slice(p + 2).filter((n) => !n.startsWith('-')).map((n): [string, string] => [`BASH_CMDS[${n}]`, file]);
  }
  return [];
}

/**
 * What `read` of a here-string or heredoc (`input`) sets, as bash 5.2 reads it (run for each): its options `-r`, `-p PROMPT`, `-s`,
 * `-e`, `-t N` (N not 0), `-u 0` change nothing of it; `-d DELIM` ends the line at DELIM's first character (`-d ''` at none), `-n N`
 * after N characters at most, `-N N` after exactly N with no splitting; `-a NAME` sets an array (none of the names here), `-u FD` reads
 * another input (not known: nothing read), `-t 0` reads nothing (`read -t 0 X <<< foo` left X unset). The line is split by IFS (the
 * default, or `ifs`, its prefix assignment `IFS=: read -r A PATH`): its IFS blanks at the ends trimmed, each name but the last a field, the last the rest (a single delimiter ending it dropped). A line with a
 * backslash read without `-r` is not read.
 */
function readSets(operands: readonly string[], input: string, ifs = ' \t\n'): Array<[string, string]> {
  const { flags, values, names } = readOptions(operands);
  if ([...flags].some((option) => !'rsev'.includes(option))) return [];
  const raw = flags.includes('r');
  let delim = '\n';
  let count: number | undefined;
  let exact = false;
  for (const [option, value] of values) {
    if (value === undefined || option === 'a' || (option === 'u' && value !== '0') || ('nN'.includes(option) && !/^\d+$/.test(value))) return [];
    if (option === 't' && /^0*\.?0*$/.test(value)) return [];
    if (option === 'd') delim = value === '' ? '\u0000' : value[0];
    if ('nN'.includes(option)) {
      count = Number(value);
      exact = option === 'N';
    }
  }
  if (names.length === 0 || !names.every((n) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n))) return [];
  let line = exact ? input : input.split(delim)[0];
  if (count !== undefined) line = line.slice(0, count);
  if (!raw && line.includes('\\')) return [];
  // (IFS not known: each name may hold the whole line, its blanks at the ends trimmed)
  if (ifs === IFS_NOT_KNOWN && !exact) return names.map((n): [string, string] => [n, line.replace(/^[ \t\n]+|[ \t\n]+$/g, '')]);
  if (exact) return names.length === 1 ? [[names[0], line]] : [[names[0], line], ...names.slice(1).map((n): [string, string] => [n, ''])];
  const blank = (c: string) => ' \t\n'.includes(c) && ifs.includes(c);
  const delimiter = (c: string) => ifs.includes(c);
  let start = 0;
  let end = line.length;
  while (start < end && blank(line[start])) start++;
  while (end > start && blank(line[end - 1])) end--;
  let rest = line.slice(start, end);
  // each name but the last: up to the next IFS character, then that delimiter and the IFS blanks around it
  return names.map((n, j): [string, string] => {
    if (j === names.length - 1) {
      // (the rest, a single non-blank delimiter ending it dropped: `IFS=: read A B <<< x:y:` gives B `y`)
      const tail = rest[rest.length - 1];
      const single = tail !== undefined && delimiter(tail) && !blank(tail) && (rest.length < 2 || !delimiter(rest[rest.length - 2]));
      const last = single ? rest.slice(0, -1) : rest;
      return [n, last];
    }
    let i = 0;
    while (i < rest.length && !delimiter(rest[i])) i++;
    const field = rest.slice(0, i);
    while (i < rest.length && blank(rest[i])) i++;
    if (i < rest.length && delimiter(rest[i]) && !blank(rest[i])) i++;
    while (i < rest.length && blank(rest[i])) i++;
    rest = rest.slice(i);
    return [n, field];
  });
}

/**
 * The variable a builtin makes an array of: `read -a NAME` (its options parsed as bash 5.2 parses them, `-ra NAME`, `-aNAME`; the last
 * `-a`'s, `read -a B -a A` sets A), `mapfile`
 * or `readarray` NAME (its last operand).
 */
function arrayNamed(builtin: string, operands: readonly string[]): string | undefined {
  if (builtin === 'mapfile' || builtin === 'readarray') {
    const last = operands[operands.length - 1];
    return last !== undefined && /^[A-Za-z_][A-Za-z0-9_]*$/.test(last) ? last : undefined;
  }
  return builtin === 'read' ? readOptions(operands).values.filter(([option]) => option === 'a').pop()?.[1] : undefined;
}

/**
 * What `read` reads redirected from a process substitution (`read -r PATH < <(echo …)`): what its one command, echo or printf,
 * prints (bash 5.2 run: `read -r PATH < <(echo /ws/bin)` then `curl x` ran /ws/bin/curl); undefined for another command or input.
 */
function substitutedInput(program: string, after: readonly string[], here: Here, workspaces: readonly string[]): string | undefined {
  if (basename(program) !== 'read') return undefined;
  const at = after.findIndex((w, k) => w === '<' && k + 1 < after.length);
  return at < 0 ? undefined : printedInto(after[at + 1], here, workspaces);
}

/** What the one command of a process substitution word (`<(echo …)`), echo or printf, prints; undefined for another word or command. */
function printedInto(word: string, here: Here, workspaces: readonly string[]): string | undefined {
  const code = processSubstitution(word);
  return code === undefined ? undefined : printedByCode(code, here, workspaces);
}

/** What the one command of `code`, echo or printf, prints, where it is one text; undefined for another command or more than one. */
function printedByCode(code: string, here: Here, workspaces: readonly string[]): string | undefined {
  const commands = commandsIn(code, here, workspaces, new Map());
  const printed = commands.length === 1 ? printedBy(commands[0].words) ?? [] : [];
  return printed.length === 1 ? printed[0] : undefined;
}

/**
 * eval's code (`code`) with each command substitution in it (`$(…)`, backquoted) whose one command, echo or printf, prints one known
 * text (`printedByCode`) replaced by that text, its trailing newlines removed as the shell removes them (bash 5.2 run: `eval "$(echo export
 * PATH=/ws/bin:\$PATH)"`, `eval $(printf 'PATH=%s\n' /ws/bin)` and a backquoted echo, then `curl`, each ran /ws/bin/curl).
 */
function withPrintedSubstitutions(code: string, here: Here, workspaces: readonly string[]): string {
  if (!code.includes('$(') && !code.includes('`')) return code;
  let out = '';
  let k = 0;
  while (k < code.length) {
    // `$(` (not `$((`) to its matching `)`, a Tekton substitution's `$(workspaces.source.path)` inside it too; or `…` backquoted
    const backquoted = code[k] === '`';
    const opens = code.startsWith('$(', k) && code[k + 2] !== '(';
    let end = -1;
    if (backquoted) {
      end = code.indexOf('`', k + 1);
    } else if (opens) {
      for (let j = k + 2, depth = 1; j < code.length && end < 0; j++) {
        depth += code[j] === '(' ? 1 : code[j] === ')' ? -1 : 0;
        if (depth === 0) end = j;
      }
    }
    if (end < 0) {
      out += code[k++];
      continue;
    }
    const whole = code.slice(k, end + 1);
    const printed = whole.replace(TEKTON_SUBSTITUTION, '') === '' ? undefined
      : printedByCode(code.slice(k + (backquoted ? 1 : 2), end), here, workspaces);
    out += printed === undefined ? whole : printed.replace(/\n+$/, '');
    k = end + 1;
  }
  return out;
}

/**
 * The code `source` or `.` runs from a process substitution echo or printf prints into (bash 5.2 run: `source <(echo "export
 * PATH=/ws/bin:\$PATH")` and `. <(printf 'PATH=%s\n' /ws/bin)` then `curl x` ran /ws/bin/curl); undefined for another command.
 */
function sourcedPrinted({ program, after }: ProgramRead, here: Here, workspaces: readonly string[]): string | undefined {
  if (program === undefined || !['source', '.'].includes(basename(program))) return undefined;
  const first = withoutRedirections(after)[0];
  return first === undefined ? undefined : printedInto(first, here, workspaces);
}

/** What a nameref's target not known here is marked by, before the word it is written as (`setEnvPathRepoCode`). */
const NOT_NAMED = '\u0000target';

/** What compoundElements gives for PATH assigned an array. */
const ARRAY_PATH = '\u0000array';

/**
 * The assignments a script's `NAME=VALUE` (or `NAME+=VALUE`, `declare -A NAME=(…)`) makes: for a compound value `(…)` of BASH_CMDS,
 * each `[KEY]=FILE` element as `BASH_CMDS[KEY]=FILE` (bash 5.2 run: `BASH_CMDS+=([curl]=/ws/bin/curl)`, `BASH_CMDS=(…)` and `declare -A
 * BASH_CMDS=(…)` each ran /ws/bin/curl for curl); of PATH, ARRAY_PATH (bash 5.2 then looks programs up in the working directory, not in
 * the array's elements); any other as it is (the name undefined: the one written).
 */
function compoundElements(name: string, value: string): Array<[string | undefined, string]> {
  const compound = /^(?:\$\{?[A-Za-z_][A-Za-z0-9_]*\}?)?\((.*)\)$/s.exec(value)?.[1];
  if (compound === undefined) return [[undefined, value]];
  if (name === 'PATH') return [[undefined, ARRAY_PATH]];
  if (name !== 'BASH_CMDS') return [[undefined, value]];
  // (an element's value in double or single quotes: what they hold)
  return [...compound.matchAll(/\[([^\]\s]+)\]=(?:"([^"]*)"|'([^']*)'|(\S*))/g)].map((m): [string, string] => [`BASH_CMDS[${m[1]}]`, m[2] ?? m[3] ?? m[4]]);
}

/**
 * Where a script, or a command and its args, sets a variable of PATH_VARIABLES for what it runs after (an assignment alone, or one
 * before a program or through `env`, what a builtin sets, `builtinSets`, and what the shell code it runs itself sets: eval's, `sh -c`'s) to a path of the
 * repository (`envPathOrSharedRepoCode`): the command line and why.
 */
function setEnvPathRepoCode(
  commands: ReadonlyArray<{
    readonly line: string;
    readonly words: readonly string[];
    readonly here: Here;
    readonly input?: string;
    readonly index?: number;
    readonly piped?: readonly string[];
    readonly pipedInput?: string;
  }>,
  workspaces: readonly string[], shared: readonly string[], files?: ContainerFiles, depth = 0, script?: ScriptReading,
): { line: string; why: string } | undefined {
  // whether what a command (not exporting it) sets a variable to reaches a program (`exportedValue`): PATH and HOME exported or not, up to
  // an `unset` before any program (bash 5.2 run: `PATH=/ws/bin; unset PATH; curl` found no curl), the others where exported or where the
  // value extends the one it had (`$LD_LIBRARY_PATH`, `+=`), which the image's env may give
  const reaches = (index: number | undefined, name: string, value: string): boolean => script === undefined || index === undefined
    || name.startsWith('BASH_CMDS[') || (!UNEXPORTED_READ.has(name) && new RegExp(`\\$\\{?${name}(?![A-Za-z0-9_])`).test(value))
    || exportedValue(script.commands, index, name, UNEXPORTED_READ.has(name) || script.inEnvironment(name), UNEXPORTED_READ.has(name));
  // whether it reaches a program where the image's own ENV sets the name, which is not known here: bash exports every variable its
  // environment holds, so the assignment changes what is exported (bash 5.2 run: with LD_LIBRARY_PATH in bash's environment,
  // `LD_LIBRARY_PATH=/ws/lib; curl` loaded /ws/lib's libcurl)
  const imageMay = (index: number | undefined, name: string): boolean => script !== undefined && index !== undefined && !UNEXPORTED_READ.has(name)
    && exportedValue(script.commands, index, name, true);
  // (such a finding, kept where no surer one follows)
  let possible: { line: string; why: string } | undefined;
  // the variables namerefs name, by the nameref (`declare -n P=PATH`, `local -n`, `typeset -n`): what is assigned to P is PATH's (bash 5.2
  // run: `declare -n P=PATH; P="/ws/bin:$P"`, printf -v P, read P and `export P=…` through it each ran the workspace's curl)
  const refs = new Map<string, string>();
  const target = (name: string): string => {
    let to = name;
    for (let k = 0; k < 8 && refs.has(to); k++) to = refs.get(to)!;
    return to;
  };
  // IFS as the script set it before, where that surely ran (`IFS=:` alone, `export IFS=…`, `declare IFS=…`; `unset IFS` the default): how
  // read splits what it reads (bash 5.2 run: `IFS=:; read -r A PATH <<< "x:/ws/bin"; curl x` ran /ws/bin/curl)
  let ifs = script?.ifs;
  for (const { line, words, here, input, index, piped, pipedInput } of commands) {
    // (one that may set it but not surely, in a function's body or a branch: not known from there on; bash 5.2 run, `f() { IFS=:; }; f` and `if
    // true; then IFS=:; fi`, then `read -r A PATH <<< "x:/ws/bin"; curl x`, ran the workspace's curl)
    const special = script?.specialPrefix !== false;
    if (index !== undefined && /\bIFS\b/.test(line)) {
      ifs = script?.commands[index]?.unconditional === true ? ifsSet(words, ifs, special) : changesIfs(words, 'IFS', special) ? IFS_NOT_KNOWN : ifs;
    }
    // (set through a nameref whose target is IFS or not known here, `declare -n R=IFS; R=:`, or by a file source or . runs, whose code is not read
    // here, `. /etc/profile`: not known from there on; bash 5.2 run, `declare -n R=IFS; R=:` and `. ./env.sh` of a file setting `IFS=:`, then
    // `read -r A PATH <<< "x:/ws/bin"; curl x`, ran the workspace's curl)
    if (index !== undefined && (sourcesFile(words) || [...refs.keys()].some((r) => /^(?:IFS$|\u0000)/.test(target(r)) && changesIfs(words, r, special)))) {
      ifs = IFS_NOT_KNOWN;
    }
    const text = input === undefined ? line : `${line}\n${input}`;
    // (a nameref's declaration whatever it names: `declare -n P="$T"`; a name an expansion gives, `read -r "$V"`, `printf -v "$V"`, `export "$V=…"`)
    if (refs.size === 0 && !PATH_VARIABLE_NAMES.some((n) => text.includes(n) || words.some((w) => w.includes(n)))
      && !/\bhash\b|BASH_CMDS|\bread\b|\bprintf\b|[$`][^\s=]*=|\b(?:declare|typeset|local)\s+-[A-Za-z]*n/.test(text)) continue;
    for (const read of programsOf(words)) {
      const { program, after, assignments } = read;
      // the shell code it runs itself (`shellCodeOf`: eval's arguments joined, as written once Tekton put its values in place, `eval
      // "export PATH=…"`; `sh -c`; a shell's heredoc): what it sets there, for what that code runs after
      const shellCode = depth < 4 ? shellCodeOf(read, input) ?? sourcedPrinted(read, here, workspaces) : undefined;
      // (eval's code as the shell expands it: what a command substitution in it prints, where known)
      const code = shellCode !== undefined && basename(program ?? '') === 'eval' ? withPrintedSubstitutions(shellCode, here, workspaces) : shellCode;
      // (its code's variables exported as the script's are where it runs, and as that code exports them)
      // (every one where a shell runs it with allexport set, `bash -a -c …`: `startsAllexport`)
      const allexport = startsAllexport(program, after);
      const outer = (name: string) => script === undefined || index === undefined || allexport
        || exportedValue(script.commands, index, name, script.inEnvironment(name));
      const exports = code === undefined ? undefined
        : {
          commands: simpleCommands(code),
          inEnvironment: outer,
          lastpipe: script?.lastpipe === true || lastStageHolds(code, false),
          ifs,
          // (eval's or source's code in a function's body: its declarations local to the function, where nothing after it there runs a program)
          inFunction: ['eval', 'source', '.'].includes(basename(program ?? '')) && script !== undefined && index !== undefined
            && localOnly(script.commands, index, [], script.inFunction),
        };
      const inner = code === undefined ? undefined
        : setEnvPathRepoCode(commandsIn(code, here, workspaces, new Map()), workspaces, shared, files, depth + 1, exports);
      if (inner !== undefined) return { line, why: inner.why };
      // (`BASH_CMDS[NAME]=FILE` alone, as `hash -p FILE NAME`)
      const hashed = program === undefined ? words.flatMap((w): Array<[string, string]> => {
        const m = /^(BASH_CMDS\[[^\]]+\])=(.*)$/s.exec(w);
        return m === null ? [] : [[m[1], m[2]]];
      }) : [];
      // (`echo DIR | read -r PATH` where the shell runs the last stage itself, `shopt -s lastpipe`: what echo or printf prints; bash 5.2 run,
      // the workspace's curl ran, and without lastpipe the system's)
      const printed = piped !== undefined && script?.lastpipe === true && index !== undefined && !script.commands[index].background
        && basename(program ?? '') === 'read' ? printedBy(piped, pipedInput) : undefined;
      // (with the line break echo ends it with, `printedEnds`, where that is known)
      const ends = printed?.length === 1 && piped !== undefined ? printedEnds(piped) : [];
      const fed = printed?.length === 1 ? `${printed[0]}${ends.length === 1 ? ends[0] : ''}` : undefined;
      // (a here-string ends with the line break bash adds to it, which `read -N` and a `-d` it does not hold read: bash 5.2 run, `read -N 30
      // PATH <<< /ws/bin` and `IFS=, read -d : PATH <<< /ws/bin` each left PATH ending with it, and curl was not found)
      const stdin = input !== undefined && redirectionTable(words).get(0)?.kind === 'text' ? `${input}\n` : input;
      const set = program === undefined ? hashed
        : builtinSets(program, after, stdin ?? substitutedInput(program, after, here, workspaces) ?? fed, knownIfs(assignments.filter(([n]) => n === 'IFS').pop()?.[1]) ?? ifs);
      const nameref = program !== undefined && DECLARATIONS.has(basename(program))
        && withoutRedirections(after).some((w) => /^-[A-Za-z]*n[A-Za-z]*$/.test(w));
      if (nameref) {
        // (a target not known here, `declare -n P="$T"`: NOT_NAMED before what it is written as; bash 5.2 run, `T=PATH; declare -n P="$T";
        // P=/ws/bin; curl` ran the workspace's curl)
        for (const [name, value] of set) refs.set(name, /^[A-Za-z_][A-Za-z0-9_]*$/.test(value) ? value : `${NOT_NAMED}${value}`);
        // (one declared without a target takes the first value assigned to it as its target: not known here; bash 5.2 run, `declare -n R; R=PATH;
        // R=/ws/bin; curl x` and `declare -n R; R=IFS; R=:`, then `read -r A PATH <<< "x:/ws/bin"; curl x`, ran the workspace's curl)
        // (declare, typeset and local: `export -n` stops exporting, and -f names functions)
        const declares = ['declare', 'typeset', 'local'].includes(basename(program)) && !after.some((w) => /^-[A-Za-z]*f/.test(w));
        for (const w of declares ? withoutRedirections(after) : []) if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(w) && !refs.has(w)) refs.set(w, `${NOT_NAMED}its first value`);
        continue;
      }
      // (`${NAME:=VALUE}`, `${NAME=VALUE}` in any word: bash assigns VALUE where NAME is unset or empty, unset; whether it is is not known
      // here, so read as an assignment: bash 5.2 run, `unset PATH; : "${PATH:=/ws/bin}"; curl x` ran /ws/bin/curl)
      const defaults = words.flatMap((w) => [...w.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)(:?)=([^}]*)\}/g)])
        .filter((m) => own(PATH_VARIABLES, target(m[1])) !== undefined);
      const defaulted = defaults.map((m): [string, string] => [m[1], m[3]]);
      const unsetOnly = new Map(defaults.map((m) => [m[1], m[2] === '' ? 'unset' : 'unset or empty']));
      const evaluated = code !== undefined && basename(program ?? '') === 'eval' ? evalUnnamed(code, index === undefined ? undefined : script?.commands[index]) : [];
      const pairs = [...assignments, ...set, ...defaulted, ...evaluated]
        .flatMap(([n, v]) => compoundElements(target(n), v).map(([e, w]): [string, string] => [e ?? n, w]));
      for (const [written, value] of pairs) {
        const reached = target(written);
        // (through a nameref whose target is not known: read as PATH, which it may be)
        const unnamed = reached.startsWith(NOT_NAMED) ? reached.slice(NOT_NAMED.length) : undefined;
        const name = unnamed === undefined ? reached : 'PATH';
        if (name === 'PATH' && value === ARRAY_PATH) {
          // (bash 5.2 run: after `PATH=(/usr/bin)`, `declare -a PATH=(…)` or `read -ra PATH <<< /usr/bin`, `curl x` ran ./curl)
          const entry = relativeIn('.', here);
          if (entry === undefined || entry.startsWith(COPIED)) continue;
          const why = 'sets PATH to an array, which bash then does not read as a list of directories: it looks programs up in the working directory '
            + '(or, where it has more than one element, in a directory of it), which lies in a workspace the repository fills, so what runs loads its code '
            + 'or configuration from the repository';
          return { line, why };
        }
        // (a program that writes the file the variable names, before any program reads it: `KUBECONFIG=… gcloud container clusters get-credentials`)
        if (program !== undefined && !DECLARATIONS.has(basename(program)) && writesEnvFile(name, basename(program), after)) continue;
        // (set in the shell, not before a program it is given to: where no program is given it, nothing loads it)
        const prefix = program !== undefined && !DECLARATIONS.has(basename(program)) && assignments.some(([n, v]) => n === written && v === value);
        const exported = prefix || reaches(index, name, value);
        if (!exported && (possible !== undefined || !imageMay(index, name))) continue;
        // (a declaration in a function's body: local to it, where nothing after it there runs a program)
        if (script !== undefined && index !== undefined && ['declare', 'typeset', 'local'].includes(basename(program ?? ''))
          && localOnly(script.commands, index, after, script.inFunction)) continue;
        const why = envPathOrSharedRepoCode(name, value, workspaces, here, shared, files);
        if (why === undefined) continue;
        if (!exported) {
          possible = {
            line,
            why: why.replace(`sets ${name} to `, `sets ${name}, ${IMAGE_ENV_EXPORTS}, to `),
          };
          continue;
        }
        if (defaulted.some(([n, v]) => n === written && v === value)) {
          return { line, why: why.replace(`sets ${name} to `, `sets ${name}${name === written ? '' : ` (through the nameref ${written})`}, where it is ${unsetOnly.get(written)}, to `) };
        }
        if (unnamed !== undefined) {
          // (any variable, read as PATH, or as LD_PRELOAD where the value names a library, `x.so`: bash 5.2 run, `V=LD_PRELOAD; export "$V=/ws/x.so"`
          // then `curl x` loaded /ws/x.so)
          const library = /\.so(?:\.[0-9]+)*(?::|$)/.test(value) ? envPathOrSharedRepoCode('LD_PRELOAD', value, workspaces, here, shared, files) : undefined;
          const through = written.startsWith(NOT_NAMED) ? `through ${unnamed}` : `through the nameref ${written}, whose target is ${unnamed}`;
          const as = library === undefined ? name : 'LD_PRELOAD';
          return { line, why: (library ?? why).replace(`sets ${as} to `, `sets a variable whose name is not known here (PATH, LD_PRELOAD …; ${through}), read as ${as}, to `) };
        }
        return { line, why: name === written ? why : why.replace(`sets ${name} to `, `sets ${name} (through the nameref ${written}) to `) };
      }
    }
  }
  return possible;
}

/**
 * The assignments to a name not known here that eval's code (`code`) makes (`eval "$V=/ws/bin"`, `eval "${N}=…; curl x"`), NOT_NAMED before the name as
 * written: bash expands eval's arguments, then reads the text as code, where `PATH=/ws/bin` is an assignment (bash 5.2 run: `V=PATH; eval "$V=/ws/bin";
 * curl x` and `eval "$V=/ws/bin curl x"` ran the workspace's curl); not where the eval's words (`command`, where known) hold it in single quotes, which
 * bash expands as the code runs, as a command's name (bash 5.2 run: `eval '$V=/ws/bin'` ran no assignment: command not found).
 */
function evalUnnamed(code: string, command: SimpleCommand | undefined): Array<[string, string]> {
  return simpleCommands(code).flatMap((c) => {
    const out: Array<[string, string]> = [];
    for (const { text } of c.words) {
      if (ASSIGNMENT.test(text)) continue;
      const m = /^([^=\s]*[$`][^=\s]*)=(.*)$/s.exec(text);
      if (m === null || (command !== undefined && !command.words.some((w) => !w.literal && w.text.includes(`${m[1]}=`)))) break;
      out.push([`${NOT_NAMED}${m[1]}`, m[2]]);
    }
    return out;
  });
}

/**
 * Whether `program` with `after` is a shell started with allexport set: an option group holding `a`, or `-o allexport`, among its options
 * before its first operand (bash 5.2 run: `bash -a -c 'V=1; env'`, `bash -o allexport -c …` and `bash -ec -a …` printed V).
 */
function startsAllexport(program: string | undefined, after: readonly string[]): boolean {
  if (program === undefined || !SHELL_NAMES.test(basename(program))) return false;
  for (let k = 0; k < after.length && /^[-+][A-Za-z]/.test(after[k]); k++) {
    if (/^-[A-Za-z]*a/.test(after[k])) return true;
    if (/^[-+][A-Za-z]*o$/.test(after[k])) {
      if (after[k].startsWith('-') && after[k + 1] === 'allexport') return true;
      k++;
    }
  }
  return false;
}

/**
 * A script's commands (`simpleCommands`) and whether a variable is in the environment its shell starts with, for `exportedValue`, and
 * whether its shell runs a pipeline's last stage itself.
 */
interface ScriptReading {
  readonly commands: readonly SimpleCommand[];
  readonly inEnvironment: (name: string) => boolean;
  /** Whether the shell runs a pipeline's last stage itself (`lastStageHolds`). */
  readonly lastpipe: boolean;
  /** IFS as the script set it before its first command (undefined: the default). */
  readonly ifs?: string;
  /** Whether the script is the code eval or source runs in a function's body, where nothing after it runs a program (`localOnly`). */
  readonly inFunction?: boolean;
  /**
   * Whether its shell may keep an assignment before a special builtin (`IFS=: export X`, `changesIfs`): all but bash out of posix mode (where not
   * given: it may).
   */
  readonly specialPrefix?: boolean;
}

/**
 * Whether what the declaration at `index` of a script's `commands` (`declare`, `typeset` or `local`, with `after`, its words past its name)
 * assigns is local to the function whose body holds it, and no command after it there runs a program (RUN_NOTHING): bash makes a name a
 * declaration without `-g` gives local to the function that runs it, and restores it as the function returns (bash 5.2 run: `f() { declare
 * PATH=/ws/bin; }; f; curl` ran the system's curl; with `-g`, or curl in f after it, the workspace's). The body is the innermost compound
 * command a function's definition opens, as the script is parsed (`Scope.function`: `f() { …; }`, `function f { …; }`, `f() if …; fi`, with
 * groups in it), not a group after a call (bash 5.2 run: `f() { :; }; f; { declare PATH=/ws/bin; }; curl` ran the workspace's curl).
 * Where the script is the code eval or source runs in such a body (`inFunction`), its declarations are local to that function too, and
 * what runs after one in the code is read (bash 5.2 run: `f() { eval 'declare PATH=/ws/bin'; }; f; curl` and the same with `source` ran the
 * system's curl; with curl in the code or in f after the eval, the workspace's). A trap set in the script (`setsTrap`), or a file it sources, whose
 * code is not read here and may set one (bash 5.2 run: `. ./env.sh` of `set -E; trap 'curl x' ERR`, then `f() { declare PATH=/ws/bin; false; }; f`,
 * ran the workspace's curl), makes none local.
 */
function localOnly(commands: readonly SimpleCommand[], index: number, after: readonly string[], inFunction = false): boolean {
  if (after.some((w) => /^-[A-Za-z]*g/.test(w)) || mayBeOption(after)) return false;
  const body = [...commands[index].scope].reverse().find((scope) => scope.function !== undefined);
  if (body === undefined && !inFunction) return false;
  if (commands.some((c) => setsTrap(c) || sourcesFile(c.words.map((w) => w.text)))) return false;
  // a loop in the body that holds the declaration runs its commands before it again while the local value is set, its condition too; not a
  // `for` or `select` header, which the shell expands once (bash 5.2 run: `f() { for i in 1 2; do curl x; local PATH=/ws/bin; done; }; f`,
  // and the same with `while read`, `until` or curl in a `while` condition, ran the workspace's curl the second time; `for i in $(curl x)` the
  // system's once; a loop around the function's definition and call, the system's each time); and the declaration's own command substitutions,
  // which run again with it set, not a Tekton variable (bash 5.2 run: `f() { for i in 1 2; do local PATH=/ws/bin:$(curl x); done; }; f` ran
  // the workspace's curl the second time)
  const loops = new Set(commands[index].scope.slice(body === undefined ? 0 : commands[index].scope.indexOf(body) + 1)
    .filter((scope) => scope.kind === 'loop').map((scope) => scope.id));
  const repeats = (c: SimpleCommand): boolean => c.scope.some((scope) => loops.has(scope.id)
    && !(scope.loop !== undefined && !scope.loop.body && (scope.loop.word === 'for' || scope.loop.word === 'select')));
  const again = loops.size > 0 && substitutedCommands(commands[index]).some((c) => runsProgram(c) && tektonVariables(`$(${c.line})`).length === 0);
  return !again && !commands.some((c, k) => (k > index || (k < index && repeats(c)))
    && (body === undefined || c.scope.some((scope) => scope.id === body.id)) && [c, ...substitutedCommands(c)].some(runsProgram));
}

/**
 * Whether a word a declaration's options may be is not known here (`declare $G PATH=…`, `"$@"`): it may be `-g` (bash 5.2 run: `G=-g; f() {
 * declare -x $G PATH=/ws/bin; }; f; curl` ran the workspace's curl). Options end at `--` or the first other literal word (bash 5.2 run: `declare
 * PATH=/ws/bin $G` with G=-g refused `-g` as a name).
 */
function mayBeOption(after: readonly string[]): boolean {
  for (const w of withoutRedirections(after)) {
    if (w === '--') return false;
    if (/[$`]/.test(w) && !ASSIGNMENT.test(w)) return true;
    if (!/^[-+]/.test(w)) return false;
  }
  return false;
}

/**
 * Whether a command sets a trap (`trap CODE SIGNAL`, or `trap` in code eval runs; not `trap -p`, `trap -l` or `trap` alone, which print):
 * its code may run while a function's local value is set (bash 5.2 run: `f() { trap 'curl x' RETURN; declare PATH=/ws/bin; }; f`, and the
 * same with `trap … EXIT` and `exit` in f, `set -E` and an ERR trap, or a USR1 trap and `kill -USR1 $$` in f, ran the workspace's curl).
 */
function setsTrap(command: SimpleCommand): boolean {
  if (!/\btrap\b/.test(command.line)) return false;
  const words = command.words.map((w) => w.text);
  const at = pastBuiltins(command.words, 0);
  return !(words[at] === 'trap' && withoutRedirections(words.slice(at + 1)).every((w) => /^-[lp]+$/.test(w)));
}

/**
 * IFS after a command of a script (`words`), from `ifs` before it (undefined: the default): what an assignment alone or a declaration
 * (`export IFS=:`, `declare IFS=…`) sets it to, the default after `unset IFS` (bash 5.2: unset, IFS splits as the default).
 */
function ifsSet(words: readonly string[], ifs: string | undefined, special: boolean): string | undefined {
  const at = DECLARATIONS.has(words[0] ?? '') ? 1 : 0;
  if (words[0] === 'unset' && words.slice(1).includes('IFS') && !words.slice(1).some((w) => /^-[A-Za-z]*[fn]/.test(w))) return undefined;
  const rest = words.slice(at).filter((w) => at === 0 || !w.startsWith('-'));
  if (!rest.every((w) => ASSIGNMENT.test(w))) return changesIfs(words, 'IFS', special) ? IFS_NOT_KNOWN : ifs;
  // (one appended to, `IFS+=:`, or from a variable, `IFS="$SEP"`: not known; bash 5.2 run, `IFS=; IFS+=:` and `SEP=:; IFS="$SEP"`, then
  // `read -r A PATH <<< "x:/ws/bin"; curl x`, ran the workspace's curl)
  if (rest.some((w) => w.startsWith('IFS+='))) return IFS_NOT_KNOWN;
  return knownIfs(rest.map(assignmentOf).filter((a) => a?.[0] === 'IFS').pop()?.[1]) ?? ifs;
}

/** IFS not known here (`ifsSet`, `changesIfs`): what read splits with it is the whole line, any field of it (`readSets`). */
const IFS_NOT_KNOWN = '\u0000not known';

/** IFS as an assignment gives it (`value`, undefined where it gives none): IFS_NOT_KNOWN where an expansion gives it (`IFS="$SEP"`). */
function knownIfs(value: string | undefined): string | undefined {
  return value !== undefined && /[$`]/.test(value) ? IFS_NOT_KNOWN : value;
}

/**
 * Whether a command (`words`) may set IFS (or `name`) for the commands after it: it names it as a word past the assignments a program is given
 * (`read -r IFS`, `local IFS=:`, `${IFS:=…}`), or assigns it alone; not where it only expands it (`OLD=$IFS`, `echo "$IFS"`) or gives it to one
 * program (`IFS=: read …`: bash 5.2 run, `IFS=: true`, `IFS=: eval true` and `IFS=: export X` left IFS the default). Where `special`, the shell
 * is not known to be bash out of posix mode, and an assignment before a special builtin sets it for the shell (dash 0.5.12, busybox ash and
 * `bash --posix` run: `IFS=: export X`, and before `:`, `.`, eval, exec, readonly, set, shift, times, trap, unset, return and dash's local, left IFS
 * `:`; before true, echo, printf or `command export`, the default).
 */
function changesIfs(words: readonly string[], name = 'IFS', special = false): boolean {
  const program = words.findIndex((w) => !ASSIGNMENT.test(w));
  const prefixed = program > 0 && words.slice(0, program).some((w) => assignmentOf(w)?.[0] === name);
  if (special && prefixed && SPECIAL_BUILTINS.has(words[program])) return true;
  return (program < 0 ? words : words.slice(program)).some((w) => new RegExp(`(?:^|[^$\\w{])${name}\\b|\\$\\{${name}:?=`).test(w));
}

/** POSIX's special builtins, and dash's local, which keep the assignments before them in the shell outside bash (`changesIfs`). */
const SPECIAL_BUILTINS: ReadonlySet<string> = new Set([':', '.', 'source', 'break', 'continue', 'eval', 'exec', 'exit', 'export', 'readonly', 'return',
  'set', 'shift', 'times', 'trap', 'unset', 'local']);

/**
 * Whether a command sources a file (`. FILE`, `source FILE`, past `builtin` and `command`): code not read here, which may set IFS or a trap
 * (`setEnvPathRepoCode`, `localOnly`); not its input where a here-string or heredoc gives it (`source /dev/stdin <<< 'CODE'`: read where it is run).
 */
function sourcesFile(words: readonly string[]): boolean {
  const first = words.findIndex((w) => !ASSIGNMENT.test(w));
  if (first < 0) return false;
  const at = pastBuiltins(words.map((text) => ({ text, literal: true })), first);
  const operands = withoutRedirections(words.slice(at + 1));
  return (words[at] === 'source' || words[at] === '.') && !(STDIN_FILE.test(operands[0] ?? '') && words.some((w) => /^<<[<-]?/.test(w)));
}

/** What one argv (command and args, or one simple command of a script) runs of the repository. */
function argvRepoCode(
  argv: readonly string[], workspaces: readonly string[], here: Here, depth = 0, env: ReadonlyMap<string, string> = new Map(), stdin: Input = {},
  startup: Startup = new Map(), files?: ContainerFiles,
): string | undefined {
  if (depth > 4) return undefined;
  // each program it may run (an option a wrapper does not know read every way): what any runs of the repository
  for (const one of programsOf(argv)) {
    const why = programRepoCode(one, workspaces, here, depth, env, stdin, startup, files);
    if (why !== undefined) return why;
  }
  return undefined;
}

/**
 * What `enable -f NAME` (NAME without `/`) loads of the repository where the script or the container's env sets BASH_LOADABLES_PATH:
 * bash looks NAME up in each of its directories (an empty entry or `.` the working directory), and where none holds it opens NAME as
 * the dynamic loader finds a library, not in the working directory (bash 5.2 run: `BASH_LOADABLES_PATH=/ws/lib; enable -f x.so name`
 * ran /ws/lib/x.so's constructor; `BASH_LOADABLES_PATH=/usr/lib; enable -f y.so name` did not load the working directory's y.so).
 */
function loadablesRepoCode(loaded: string, loadables: string, workspaces: readonly string[], here: Here): string | undefined {
  for (const dir of loadables.split(':')) {
    const file = dir === '' || dir === '.' ? `./${loaded}` : `${dir.replace(/\/+$/, '')}/${loaded}`;
    if (workspaceScript(file, workspaces, here, true)) {
      const shown = dir === '' || dir === '.' ? 'the working directory' : dir;
      return `loads ${loaded} into bash (enable -f) from ${shown}, which BASH_LOADABLES_PATH=${loadables} lists, a directory of a workspace the repository fills: `
        + 'its code runs in the shell';
    }
  }
  return undefined;
}

/** The file `enable -f FILE` (its options `-adnps` before or grouped with `-f`, `-fFILE`) loads, where its arguments give one. */
function enabledFile(after: readonly string[]): string | undefined {
  for (let k = 0; k < after.length && after[k] !== '--'; k++) {
    const m = /^-[adnps]*f(.*)$/s.exec(after[k]);
    if (m !== null) return m[1] !== '' ? m[1] : after[k + 1];
    if (!/^-[adnps]+$/.test(after[k])) return undefined;
  }
  return undefined;
}

/** The code of a word that is one process substitution, `<(…)` and nothing else; undefined for any other word. */
function processSubstitution(word: string): string | undefined {
  return word.startsWith('<(') && closing(word, 1) === word.length - 1 ? word.slice(2, -1) : undefined;
}

/**
 * What a shell runs of the repository when it reads the output of commands as code: a process substitution it reads as its script
 * or input (`bash <(…)`, `source <(…)`, `sh < <(…)`), or a command substitution it runs as a command (`eval "$(cat ci.sh)"`,
 * `sh -c "$(< ci.sh)"`). That output is what the commands print, read as a pipe's is (`outputReading`: a file of a workspace
 * any program but those known to print none of it may print; the code `echo` or `printf` prints); what a download prints (`curl`
 * of a URL) is not known. The commands themselves run too, and are read where they are written. They start in `here` (a `cd`
 * among them moves the others).
 */
function substitutionRepoCode(
  code: string, workspaces: readonly string[], here: Here, env: ReadonlyMap<string, string>, depth: number, environment: Startup,
): string | undefined {
  if (depth > 4) return undefined;
  for (const command of commandsIn(code, here, workspaces, env, environment)) {
    if (command.prints !== undefined) return command.prints;
    for (const printed of printedBy(command.words, command.input) ?? []) {
      const why = scriptRepoCode(printed, workspaces, command.here, env, depth + 1, environment)?.why;
      if (why !== undefined) return why;
    }
  }
  return undefined;
}

/** The code of each command substitution a word holds (`$(…)`, backquotes), outermost first. */
function substitutionsOf(word: string): string[] {
  if (!word.includes('$(') && !word.includes('`')) return [];
  return simpleCommands(word).flatMap((command) => [...command.substitutions]).filter((code) => !code.startsWith('('));
}

/**
 * What one program an argv runs (`programsOf`) runs of the repository. `files`, where the argv is a command of the container's own
 * script (or of code a shell of it runs), tells where its files come from: the shell code it runs itself in the same container and
 * root (`sh -c`, `eval`, a shell's input) is read with its fixed volumes alone known (`nestedFiles`).
 */
function programRepoCode(
  given: ProgramRead, workspaces: readonly string[], here: Here, depth: number, env: ReadonlyMap<string, string>, stdin: Input,
  startup: Startup, files?: ContainerFiles,
): string | undefined {
  const { program, after, assignments, lookup, chdirs, binds, roots } = given;
  // (another root, `sudo -R`, or mounts of its own, `bwrap --bind`: its files are not the container's)
  const nested = files === undefined || (roots?.length ?? 0) > 0 || binds.length > 0 ? undefined : nestedFiles(files);
  // bwrap --ro-bind $(workspaces.source.path)/rootfs /: the programs it runs from there, and the libraries they load, are the repository's
  const system = binds.find((b) => SYSTEM_DIRECTORY.test(b.target) && (/^[/$~]/.test(b.source) ? workspaceOfDir(b.source, workspaces) !== undefined : relativeIn(b.source, here) !== undefined));
  if (system !== undefined) {
    return `mounts ${system.source} over ${system.target}, a workspace the repository fills: the programs and libraries it runs from there are the repository's`;
  }
  // sudo -R $(workspaces.source.path): every program it runs there, the shell included, is the repository's
  const root = roots?.find((dir) => (/^[/$~]/.test(dir) ? workspaceOfDir(dir, workspaces) !== undefined : relativeIn(dir, here) !== undefined));
  if (root !== undefined) return `makes ${root} its root directory, a workspace the repository fills: every program it runs there is the repository's`;
  if (program === undefined) return undefined;
  // the environment the program runs with: BASH_ENV=./env.sh bash -c …, env ENV=… sh -i
  const environment = new Map(startup);
  for (const [name, value] of assignments) if (STARTUP_VARIABLES.includes(name)) environment.set(name, value);
  // a variable whose value is not known (commandsIn expanded the others): whatever it holds runs, unless `command -v` only looks it up
  // `command -v make` only looks the program up (`command` the program run, through wrappers, not a word of another's arguments)
  if (lookup === true) return undefined;
  // env -C DIR: the program runs there
  if (chdirs.length > 0) {
    const at = chdirs.reduce((dir: Here, to) => moved(to, dir, workspaces), here);
    return argvRepoCode([...assignments.map(([name, value]) => `${name}=${value}`), program, ...after], workspaces, at, depth, env, stdin, startup);
  }
  // eval "$(cat ci.sh)", sh -c "$(< ci.sh)": what the command substitution prints is the command
  for (const code of substitutionsOf(program)) {
    const why = substitutionRepoCode(code, workspaces, here, env, depth + 1, environment);
    if (why !== undefined) return why;
  }
  // (`${!V}`: the variable V names, not known here either)
  if (UNKNOWN_VARIABLE.test(program) || oneExpansion(program) || /^\$\{![A-Za-z_][A-Za-z0-9_]*\}$/.test(program)) return `runs ${program} as a command, and what ${program} holds is not known here: it may be the repository's code`;
  if (workspaceScript(program, workspaces, here)) return 'runs a file of a workspace the repository fills';
  const name = basename(program);
  const deployTool = deployToolRepoCode(name, after, workspaces, here);
  if (deployTool !== undefined) return deployTool;
  const configured = commandOptionRepoCode(name, after, workspaces, here, depth, env, environment);
  if (configured !== undefined) return configured;
  const gitProgram = name === 'git' ? gitProgramRepoCode(after, [
    ...[...environment].flatMap(([n, v]): Array<[string, string]> => (typeof v === 'string' && GIT_PROGRAM_VARIABLES.has(n) ? [[n, v]] : [])), ...assignments,
  ], workspaces, here, stepGitTexts.get(env)) : undefined;
  if (gitProgram !== undefined) return gitProgram;
  const gitConfigFile = gitConfigFileRepoCode(name, [program, ...after], stdin, workspaces, here, stepGitTexts.get(env));
  if (gitConfigFile !== undefined) return gitConfigFile;
  // the Cloud Native Buildpacks lifecycle's creator and builder run each buildpack's bin/build on the app (npm, maven, gradle, pip … with its scripts)
  if (/^\/cnb\/lifecycle\/(creator|builder)$/.test(program)) return `is a container build (${program}), ${BUILDER_RUNS}`;
  const variable = startupVariable(program, after, environment);
  const sourced = variable === undefined ? undefined : startupRepoCode(variable, environment, workspaces, here);
  if (sourced !== undefined) return sourced;
  const rc = rcFileRepoCode(program, after, workspaces, here);
  if (rc !== undefined) return rc;
  const zdotdir = zdotdirRepoCode(name, after, environment, workspaces, here);
  if (zdotdir !== undefined) return zdotdir;
  // eval "$RUN", eval make all: its arguments, joined, are a script of their own
  // export $(grep -v '^#' .env | xargs): the names and values are a workspace file's, which may set LD_PRELOAD, BASH_ENV, PATH …
  if (DECLARATIONS.has(name)) {
    const named = after.find((w) => !/^[A-Za-z_][A-Za-z0-9_]*(?:\[[^\]]*\])?\+?=/.test(w)
      && substitutionsOf(w).some((code) => commandsIn(code, here, workspaces, env, environment).some((c) => c.prints !== undefined)));
    if (named !== undefined) {
      return `sets the variables ${named} prints, of a file of a workspace the repository fills: LD_PRELOAD, BASH_ENV or PATH among them run its code`;
    }
  }
  if (name === 'eval') return scriptRepoCode(after.join(' '), workspaces, here, env, depth + 1, environment, undefined, undefined, nested)?.why;
  // enable -f FILE NAME: bash loads FILE, a shared object, into itself (its constructors run as it loads; a name without `/` is looked
  // up in BASH_LOADABLES_PATH, whose default ends with `.`, the working directory: bash 5.2 run, `enable -f x.so name` ran ./x.so's constructor)
  if (name === 'enable') {
    const loaded = enabledFile(after);
    const loadables = loaded === undefined || loaded.includes('/') ? undefined : environment.get('BASH_LOADABLES_PATH');
    if (typeof loadables === 'string') return loadablesRepoCode(loaded!, loadables, workspaces, here);
    if (loaded !== undefined && workspaceScript(loaded, workspaces, here, true)) {
      return `loads ${loaded} into bash (enable -f), a shared object of a workspace the repository fills: its code runs in the shell`;
    }
  }
  // trap 'make clean' EXIT: the action is code the shell runs later (`trap - EXIT` and `trap SIGNAL` reset)
  if (name === 'trap') {
    const k = after[0] === '--' ? 1 : 0;
    return after.length > k + 1 && !after[k].startsWith('-') ? scriptRepoCode(after[k], workspaces, here, env, depth + 1, environment)?.why : undefined;
  }
  // watch, flock, su, runuser, chroot, setpriv, unshare, nsenter, xvfb-run: the command they run, read past their options
  const readings = runnerReadings(name, after);
  if (readings !== undefined) {
    for (const reading of readings) {
      const why = runnerRepoCode(name, reading, workspaces, here, depth, env, environment, stdin);
      if (why !== undefined) return why;
    }
    return undefined;
  }
  // java -jar ./app.jar, java Build.java, jshell ci.jsh, kotlin ci.main.kts; java Main in a workspace loads Main from there
  if (JVM_LAUNCHER.test(name)) {
    const run = jvmRun(name, withoutRedirections(after));
    if (run?.files.some((f) => workspaceScript(f, workspaces, here, true))) return 'runs a file of a workspace the repository fills';
    const options = run?.argFiles?.find((f) => workspaceScript(f, workspaces, here, true));
    if (options !== undefined) {
      return `runs java with the options of @${options}, a file of a workspace the repository fills, which may give it an agent or a class path to run`;
    }
    const entry = run?.classPath.find((e) => inWorkspaceDir(e, workspaces) || workspaceScript(e.replace(/\/\*$/, '') || '.', workspaces, here, true));
    if (entry !== undefined) {
      return `runs ${name} with the class path entry ${entry}, of a workspace the repository fills, from which it loads the main class it runs`;
    }
    return undefined;
  }
  // sh ./build.sh, bash $(workspaces.source.path)/ci.sh, source ./env.sh, . ./env.sh
  if (INTERPRETER.test(name)) {
    const { operands, from } = splitRedirections(after);
    // `python3 --version`, `python3 -h`: Python prints and exits, running and importing nothing
    if (PYTHON.test(name) && pythonArguments(operands).exits) return undefined;
    const read = interpreterFile(name, operands);
    const { code } = read;
    // `bash /dev/stdin <<EOF`, `source /dev/stdin <<< CODE`: the file is its input
    const script = read.file !== undefined && STDIN_FILE.test(read.file) ? undefined : read.file;
    const readsShellCode = SHELL_NAMES.test(name) || name === 'source' || name === '.';
    if (NODE.test(name)) {
      const node = nodeArguments(operands);
      // node --env-file=.env: the NODE_OPTIONS the file sets
      const loaded = envFileRepoCode(node.envFiles, workspaces, here);
      if (loaded !== undefined) return loaded;
      // node --run build, node --test: a script of package.json, the test files it finds
      if (node.runsProject) return "runs the repository's build scripts, hooks, tests or code generators";
    }
    // PYTHONPATH=$(workspaces.source.path) python3 /opt/tool.py: the repository's modules on its import path
    const importPath = importPathRepoCode(name, operands, environment, here, workspaces);
    if (importPath !== undefined) return importPath;
    // sh -c 'go test ./...': the code string is a script of its own
    // (zsh and ksh, and bash given `-O lastpipe`, run a pipeline's last stage in the shell itself: its cd holds; read as a bash
    // that sets lastpipe first, zsh 5.9 and ksh93 run)
    const lastStage = /^(?:zsh|ksh|ksh93|mksh)$/.test(name) || operands.some((w, k) => w === '-Olastpipe' || (w === '-O' && operands[k + 1] === 'lastpipe'));
    if (code !== undefined && !SHELL_NAMES.test(name)) {
      const inline = inlineCodeRepoCode(name, code, workspaces, here, env, depth, environment);
      if (inline !== undefined) return inline;
    }
    if (code !== undefined && SHELL_NAMES.test(name)) {
      return scriptRepoCode(lastStage ? `shopt -s lastpipe\n${code}` : code, workspaces, here, env, depth + 1, environment, undefined, undefined, nested)?.why;
    }
    if (script === undefined && code === undefined && read.module === undefined) {
      // what it reads as its input: a file redirected (`sh < ./build.sh`), a heredoc or here-string fed to a shell, a file `cat` pipes to it
      if (from !== undefined && UNKNOWN_VARIABLE.test(from)) {
        return `runs the file ${from} names, and what ${from} holds is not known here: it may be a file of the repository`;
      }
      // `sh < <(…)`: what the process substitution's commands print, not a file of that name
      const fedFrom = from === undefined ? undefined : processSubstitution(from);
      if (fedFrom !== undefined) return substitutionRepoCode(fedFrom, workspaces, here, env, depth, environment);
      if (from !== undefined && workspaceScript(from, workspaces, here, true)) return 'runs a file of a workspace the repository fills';
      if (!readsShellCode) return importsFromWorkspace(name, operands, read.file, here, env, assignments);
      if (from !== undefined) return undefined;
      if (stdin.code !== undefined) {
        return scriptRepoCode(stdin.code, workspaces, here, env, depth + 1, environment, undefined, undefined, nested)?.why;
      }
      if (stdin.piped === undefined) return stdin.pipedFile;
      // `echo 'make all' | sh`: what echo or printf prints is the code
      for (const printed of printedBy(stdin.piped, stdin.pipedInput) ?? []) {
        const why = scriptRepoCode(printed, workspaces, here, env, depth + 1, environment)?.why;
        if (why !== undefined) return why;
      }
      return stdin.pipedFile ?? outputReading(stdin.piped, [], workspaces, here).file;
    }
    // bash <(cat ./ci.sh), source <(curl …): the file is what the process substitution's commands print, not a file of that name
    const fed = script === undefined ? undefined : processSubstitution(script);
    if (fed !== undefined) return substitutionRepoCode(fed, workspaces, here, env, depth, environment);
    if (script !== undefined && UNKNOWN_VARIABLE.test(script)) {
      return `runs the file ${script} names, and what ${script} holds is not known here: it may be a file of the repository`;
    }
    // source "$(cd hack && pwd)/env.sh", bash "$(ls ci/*.sh | head -1)": a file a command substitution names, whose commands run in a
    // workspace or are given a path of one (what they print may be the path of a file of the repository, or one it chooses)
    if (script !== undefined && substitutionsOf(script).some((inner) => commandsIn(inner, here, workspaces, env, environment)
      .some((c) => (c.words[0] === 'pwd' && typeof c.here === 'string') || c.words.slice(1).some((w) => namesWorkspaceFile(w, workspaces, c.here))))) {
      return `runs the file ${script} names, and what its command substitution prints may be the path of a file of a workspace the repository fills`;
    }
    if (script !== undefined && workspaceScript(script, workspaces, here, true)) return 'runs a file of a workspace the repository fills';
    if (PYTHON.test(name) && read.module !== undefined && ['pip', 'pytest', 'tox', 'build'].includes(read.module)) {
      return "runs the repository's build scripts, hooks, tests or code generators";
    }
    if (PYTHON.test(name) && script !== undefined && /(^|\/)setup\.py$/.test(script)) return "runs setup.py, the repository's build script";
    return importsFromWorkspace(name, operands, read.file, here, env, assignments);
  }
  // awk -f ./x.awk, sed -f ./x.sed: the program is the repository's (awk's system(), GNU sed's e command run any command)
  const sandboxed = (name === 'sed' || name === 'gsed') && after.includes('--sandbox');
  const programFile = (sandboxed ? [] : programFiles(name === 'gsed' ? 'sed' : name, withoutRedirections(after)))
    .map((f) => (STDIN_FILE.test(f) ? splitRedirections(after).from : f))
    .find((f) => f !== undefined && workspaceScript(f, workspaces, here, true));
  if (programFile !== undefined) return `runs ${name} with the program ${programFile}, a file of a workspace the repository fills, which can run any command`;
  // awk 'BEGIN{system("./x.sh")}': the command lines its program text runs
  if (/^(?:awk|gawk|mawk|nawk)$/.test(name)) {
    for (const text of awkProgramTexts(withoutRedirections(after))) {
      const inline = inlineCodeRepoCode(name, text, workspaces, here, env, depth, environment);
      if (inline !== undefined) return inline;
    }
  }
  if (name === 'find') return findRepoCode(after, workspaces, here, depth, env, environment);
  // xargs runs its command with the words it reads appended
  if (name === 'xargs') return argvRepoCode(after.slice(xargsCommandIndex(after)), workspaces, here, depth + 1, env, {}, environment);
  const listed = ownKey(PROGRAMS, name) ? name : name.replace(/\.(sh|bat|cmd)$/, '');
  const sub = ownKey(PROGRAMS, listed) ? PROGRAMS[listed] : undefined;
  if (sub === undefined) return undefined;
  // any argument that is one of the subcommands (options before it may take values: npm --prefix x ci)
  const at = sub === '*' ? -1 : after.findIndex((a) => sub.includes(a));
  if (sub !== '*' && at < 0) {
    // its first operand not known here (`npm ${TARGET}`, `CMD="go ${X}"; $CMD`) may be one of them
    const first = after.find((a) => !a.startsWith('-'));
    return first !== undefined && !knownValue(first)
      ? `runs ${name} ${first}, and what ${first} holds is not known here: it may be a subcommand that runs the repository's build scripts, hooks, tests `
        + `or code generators (${name} ${sub.slice(0, 3).join(', ')} …)`
      : undefined;
  }
  // a group's subcommand decides: docker buildx create builds nothing
  const group = at >= 0 && ownKey(GROUPS, name) && ownKey(GROUPS[name], after[at]) ? GROUPS[name][after[at]] : undefined;
  if (group !== undefined && !after.slice(at + 1).some((a) => group.includes(a))) return undefined;
  if (runsNoBuild(name, after)) return undefined;
  if (registryOnly(name, after)) return undefined;
  const builder = ['executor', 'kaniko', 'buildah', 'docker', 'podman', 'nerdctl', 'buildctl', 'buildctl-daemonless.sh', 'img', 'pack', 's2i'].includes(name);
  return builder ? `is a container build, ${BUILDER_RUNS}` : "runs the repository's build scripts, hooks, tests or code generators";
}

/**
 * The calls of awk, perl, Python, ruby, php and node code that run a command line or program given as a string literal: awk's
 * `system("…")`, `"…" | getline` and `print | "…"`; perl's and ruby's `system`, `exec`, backquotes and `qx`; Python's `os.system`,
 * `os.popen`, `os.exec*`, `os.spawn*` and `subprocess`'s functions (a list's first element); php's `system`, `exec`, `shell_exec`,
 * `passthru`, `popen`, `proc_open`; node's `child_process` `exec`, `execSync`, `execFile`, `spawn` … (the text of the literal as
 * written, escapes aside).
 */
const RUN_CALL = /\b(?:system|exec|execSync|execFile|execFileSync|spawn|spawnSync|popen|shell_exec|passthru|proc_open|getoutput|getstatusoutput|check_call|check_output|call|run|Popen|exec[lv]p?e?|spawn[lv]p?e?)\s*\(?\s*\[?\s*(["'])((?:\\.|(?!\1)[^\\])*)\1/g;
const QUOTED_COMMAND = /`((?:\\.|[^`\\])*)`|\bqx\s*(?:\(([^)]*)\)|\{([^}]*)\}|\/([^/]*)\/)/g;
const AWK_PIPE = /(["'])((?:\\.|(?!\1)[^\\])*)\1\s*\|\s*getline|\|\s*(["'])((?:\\.|(?!\3)[^\\])*)\3/g;

/** The command lines inline code of `name` (awk, perl, Python, ruby, php, node) runs by a call `RUN_CALL` reads. */
function inlineCommands(name: string, code: string): string[] {
  const out = [...code.matchAll(RUN_CALL)].map((m) => m[2]);
  if (/^(?:perl|ruby|php[0-9.]*)$/.test(name)) out.push(...[...code.matchAll(QUOTED_COMMAND)].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4]));
  if (/^(?:awk|gawk|mawk|nawk)$/.test(name)) out.push(...[...code.matchAll(AWK_PIPE)].map((m) => m[2] ?? m[4]));
  return out.map((c) => c.replace(/\\(.)/g, '$1')).filter((c) => c.trim() !== '');
}

/**
 * What inline code of awk, perl, Python, ruby, php or node (`awk 'BEGIN{system("./x.sh")}'`, `perl -e 'system "./x.sh"'`,
 * `python3 -c "import os; os.system('./x.sh')"`) runs of the repository: each command line it gives a run call as a literal,
 * read as a script (`sh -c` runs it) from where the interpreter runs.
 */
function inlineCodeRepoCode(
  name: string, code: string, workspaces: readonly string[], here: Here, env: ReadonlyMap<string, string>, depth: number, startup: Startup,
): string | undefined {
  for (const line of inlineCommands(name, code)) {
    const why = scriptRepoCode(line, workspaces, here, env, depth + 1, startup)?.why;
    if (why !== undefined) return `runs ${name} code that runs the command \`${line}\`, which ${why}`;
  }
  return undefined;
}

/**
 * What Python or node, run in a workspace (`here`), import of the repository's files: Python puts its working directory first on
 * its import path (sys.path[0]) for code given with `-c`, a module run with `-m` and code read from its input (not with `-I` or
 * `-P`, nor with PYTHONSAFEPATH set for a python3.11 or later by its name, unless `-E`), so a module of the repository takes
 * the place of one it imports; node resolves what code given with `-e` or `-p`, or read from its input, and the modules it
 * preloads (`-r`, `--import`), requires or imports from the working directory's node_modules up. `file` is the file it runs.
 */
function importsFromWorkspace(
  name: string, operands: readonly string[], file: string | undefined, here: Here, env: ReadonlyMap<string, string>,
  assignments: ReadonlyArray<[string, string]>,
): string | undefined {
  // in a WORKDIR not known here, Python and node import from that directory, not a workspace
  if (typeof here !== 'string') return undefined;
  if (PYTHON.test(name)) {
    const py = pythonArguments(operands);
    if (file !== undefined && file !== '-') return undefined;
    const safePathVariable = [...env, ...assignments].filter(([n]) => n === 'PYTHONSAFEPATH').pop()?.[1];
    // PYTHONSAFEPATH is read from Python 3.11 on: only a name that says the version tells (CPython's: PyPy's is not taken to read it)
    const version = /^python3\.([0-9]+)$/.exec(name);
    const safeByEnvironment = safePathVariable !== undefined && safePathVariable !== '' && !py.ignoresEnvironment && version !== null && Number(version[1]) >= 11;
    if (py.safePath || safeByEnvironment) return undefined;
    return 'runs Python code (-c, -m or its input) in a workspace the repository fills, whose directory Python puts first on its import path: '
      + 'a module of the repository can take the place of one it imports';
  }
  if (!NODE.test(name)) return undefined;
  if ((file !== undefined && file !== '-') && !nodeArguments(operands).preload) return undefined;
  return 'runs Node.js code (-e, -p, its input or a module it preloads) in a workspace the repository fills, where require and import '
    + "look a package up in the repository's node_modules first";
}

/** What a command runner runs by one reading of its arguments: the argv, the workspace it runs in, and the root directory it sets. */
interface RunnerCommand {
  /** The command it runs; undefined when it runs none (or only a shell of its own choosing, `chroot DIR`). */
  readonly argv?: readonly string[];
  /** The workspace the command runs in. */
  readonly here: Here;
  /** The root directory it makes the command's (`chroot DIR`, `unshare --root DIR`, `nsenter --root=DIR`). */
  readonly root?: string;
}

/**
 * What util-linux script runs, by one reading of its arguments: its command (`runnerArgv`), and without one (no `-c`, nothing
 * after `--`, not `-h` or `-V`) `$SHELL -i`, `/bin/sh -i` where $SHELL is unset (util-linux 2.38 script.c: `execl(shell, shname,
 * "-i", NULL)`; run: `script -q /dev/null` sources ~/.bashrc with SHELL=/bin/bash and the file ENV names without SHELL). $SHELL,
 * which the image may set, is not known here: both readings, an interactive bash and an interactive sh, one after the other.
 */
function scriptArgv(reading: RunnerReading): string[] | undefined {
  const argv = runnerArgv('script', reading);
  if (argv !== undefined) return argv;
  const none = reading.separator !== undefined || reading.options.some((o) => ['c', 'command', 'h', 'help', 'V', 'version'].includes(o.name));
  return none ? undefined : ['sh', '-c', SCRIPT_SHELLS.map((shell) => shell.join(' ')).join('; ')];
}

/** The shells util-linux script may run without a command, $SHELL not known here (`scriptArgv`). */
const SCRIPT_SHELLS: ReadonlyArray<readonly string[]> = [['bash', '-i'], ['sh', '-i']];

/**
 * What a command runner runs, by one reading of its arguments: its command (argv.ts `runnerArgv`), and where: `chroot` from
 * the new root's `/` unless `--skip-chdir`, `unshare` and `nsenter` in the directory `-w` (`--wd`, nsenter's `-W`, `--wdns`)
 * names, `parallel` in the one `--workdir` (`--wd`) names; the others where they run.
 */
function runnerCommand(name: string, reading: RunnerReading, here: Here, workspaces: readonly string[]): RunnerCommand {
  const value = (...names: string[]) => reading.options.find((o) => names.includes(o.name) && o.value !== undefined)?.value;
  const argv = runnerArgv(name, reading);
  switch (name) {
    case 'chroot': {
      // chroot changes to the new root's `/` unless --skip-chdir
      const root = reading.operands[0];
      const skip = reading.options.some((o) => o.name === 'skip-chdir');
      return { argv, here: skip ? here : root === undefined ? undefined : workspaceOfDir(root, workspaces), root };
    }
    case 'unshare':
    case 'nsenter': {
      const root = name === 'unshare' ? value('R', 'root') : value('r', 'root');
      const wd = name === 'unshare' ? value('w', 'wd') : value('w', 'wd', 'W', 'wdns');
      return { argv, here: wd === undefined ? here : moved(wd, here, workspaces), root };
    }
    case 'parallel': {
      const wd = value('workdir', 'wd');
      return { argv, here: wd === undefined ? here : moved(wd, here, workspaces) };
    }
    default:
      return { argv, here };
  }
}

/**
 * What a command runner runs of the repository, by one reading of its arguments (runnerCommand). A root directory in a
 * workspace (`chroot DIR`, `unshare --root DIR`, `nsenter --root=DIR`) makes every program run there, the shell included,
 * the repository's.
 */
function runnerRepoCode(
  name: string, reading: RunnerReading, workspaces: readonly string[], here: Here, depth: number, env: ReadonlyMap<string, string>,
  startup: Startup, stdin: Input,
): string | undefined {
  const run = runnerCommand(name, reading, here, workspaces);
  const root = run.root;
  if (root !== undefined && (/^[/$~]/.test(root) ? workspaceOfDir(root, workspaces) !== undefined : relativeIn(root, here) !== undefined)) {
    return `makes ${root} its root directory, a workspace the repository fills: every program it runs there is the repository's`;
  }
  // its command reads the input the runner was given (`cat jobs | parallel`, `flock /tmp/l sh <<EOF`; script passes it to its
  // interactive shell: `script -q /dev/null <<EOF`)
  const shells = run.argv === undefined && name === 'script' && scriptArgv(reading) !== undefined ? SCRIPT_SHELLS : [];
  for (const shell of shells) {
    const why = argvRepoCode([...shell], workspaces, run.here, depth + 1, env, stdin, startup);
    if (why !== undefined) return why;
  }
  return run.argv === undefined ? undefined : argvRepoCode([...run.argv], workspaces, run.here, depth + 1, env, stdin, startup);
}

/**
 * Subcommands that group others, of the programs above: only the ones listed build (`docker buildx build`,
 * `docker image build`); the others manage builders or images (`docker buildx create`, `docker image ls`).
 */
const GROUPS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  docker: { buildx: ['build', 'bake'], builder: ['build'], image: ['build'] },
  podman: { buildx: ['build'], image: ['build'] },
  nerdctl: { image: ['build'] },
};

/**
 * Of the programs that run repository code whatever their subcommand (`*`), the subcommands that
 * run none: `goreleaser check` only validates its configuration (no hooks, no builds).
 */
const CHECKS_ONLY: Readonly<Record<string, readonly string[]>> = {
  goreleaser: ['check', 'c', 'healthcheck', 'hc', 'init', 'i', 'jsonschema', 'schema', 'completion', 'help', 'man'],
};

/**
 * Programs whose call only prints their version or help, reading nothing of the repository, when their arguments are all
 * `flags` (`make --version`, `make -v`) or the first is one of `subcommands` (`go help test`, `npm help install`). Not
 * mvn (its launcher passes the project's `.mvn/jvm.config` to the JVM on any call), mvnw and gradlew (the project's
 * wrapper properties choose the distribution they fetch and run), gradle, yarn (the project's `yarnPath` runs in its
 * place), bazel (bazelisk and its launcher run the project's `tools/bazel`) nor cargo's help (rustup runs the toolchain
 * the project's rust-toolchain.toml names): what the project holds may run there.
 */
const PRINTS_ONLY: Readonly<Record<string, { readonly flags: readonly string[]; readonly subcommands: readonly string[] }>> = {
  make: { flags: ['--version', '-v', '--help', '-h'], subcommands: [] },
  gmake: { flags: ['--version', '-v', '--help', '-h'], subcommands: [] },
  cmake: { flags: ['--version', '--help', '-h'], subcommands: [] },
  ninja: { flags: ['--version', '--help', '-h'], subcommands: [] },
  go: { flags: [], subcommands: ['help', 'version'] },
  npm: { flags: ['--version', '-v', '--help', '-h'], subcommands: ['help'] },
  pip: { flags: ['--version', '-V', '--help', '-h'], subcommands: ['help'] },
  pip3: { flags: ['--version', '-V', '--help', '-h'], subcommands: ['help'] },
};

/** Whether `after`, the arguments of `name`, only ask for its version or help, or name a subcommand that runs no repository code. */
function runsNoBuild(name: string, after: readonly string[]): boolean {
  // s2i build --as-dockerfile writes a Dockerfile of the source and runs nothing (a later builder runs it)
  if (name === 's2i' && asDockerfile(after)) return true;
  // poetry publish uploads what dist holds; with --build it builds the package first (its build script runs)
  if (name === 'poetry' && after.includes('publish') && !after.includes('--build')) return true;
  const prints = own(PRINTS_ONLY, name);
  const printsOnly = after.length > 0 && (after.every((a) => prints?.flags.includes(a)) || prints?.subcommands.includes(after[0]));
  if (printsOnly === true) return true;
  const checks = own(CHECKS_ONLY, name);
  if (checks === undefined) return false;
  const first = after.find((a) => !a.startsWith('-'));
  if (first !== undefined) return checks.includes(first);
  return after.some((a) => /^(-v|--version|-h|--help)$/.test(a));
}

/**
 * The commands of `find <paths> … -exec <command> {} ;` (copy-operands.ts `findCommands`), and the workspace of its starting points
 * (a relative one lies where find runs; none is `.`).
 */
function findCommands(
  after: readonly string[], here: Here, workspaces: readonly string[],
): { searched?: string; commands: string[][] } {
  const { starts, commands } = findStartsAndCommands(after);
  const searched = starts.map((p) => moved(p, here, workspaces)).find((w): w is string => typeof w === 'string');
  return { searched, commands };
}

/**
 * What `find <paths> … -exec <command> {} ;` runs of the repository: each command of an
 * `-exec`, `-execdir`, `-ok` or `-okdir`, and, when it runs the files found (`-exec {} ;`,
 * `-exec sh {} +`) under a path of a workspace, those files.
 */
function findRepoCode(
  after: readonly string[], workspaces: readonly string[], here: Here, depth: number, env: ReadonlyMap<string, string>,
  startup: Startup,
): string | undefined {
  const { searched, commands } = findCommands(after, here, workspaces);
  for (const command of commands) {
    const program = command[0] ?? '';
    const runsFound = program.includes('{}')
      || (INTERPRETER.test(basename(program))
        && (interpreterFile(basename(program), command.slice(1)).file ?? '').includes('{}'));
    if (runsFound && searched !== undefined) return 'runs files of a workspace the repository fills, found by find';
    const why = argvRepoCode(command, workspaces, typeof here === 'string' ? here : searched ?? here, depth + 1, env, {}, startup);
    if (why !== undefined) return why;
  }
  return undefined;
}

/** The programs of container builder images whose subcommands below run no build and no container (they push, tag, list, pull, log in or read). */
const NO_BUILD_PROGRAMS: ReadonlySet<string> = new Set(['buildah', 'podman', 'docker']);
const NO_BUILD_SUBCOMMANDS: ReadonlySet<string> = new Set(['push', 'tag', 'images', 'login', 'logout', 'pull', 'rmi', 'inspect', 'version', 'info', 'manifest']);

/**
 * Whether a container's `command` (with its `args` after it, as Kubernetes runs them) replaces its image's entrypoint with a
 * builder's subcommand that builds nothing and runs no container (`buildah push`, `podman tag`): the subcommand right after
 * the program, written out (no option before it, no substitution).
 */
function commandBuildsNothing(command: readonly string[], args: readonly string[]): boolean {
  if (command.length === 0) return false;
  const argv = [...command, ...args];
  return NO_BUILD_PROGRAMS.has(basename(argv[0])) && NO_BUILD_SUBCOMMANDS.has(argv[1] ?? '');
}

/** Programs that run the words after them as a script of their own, or make a name run another program (dash expands a script's aliases): not read here. */
const RUNS_CODE: ReadonlySet<string> = new Set(['eval', 'source', '.', 'alias']);

/**
 * Whether a shell script, run in a container builder's image in place of its entrypoint, runs buildah, podman and docker only
 * with a subcommand that builds nothing and runs no container (`buildah login …`, `buildah manifest push …`), right after the
 * program and written out, in every command of it and of its command substitutions; and runs no other program that would run
 * them (a word of a command other than its program naming one: `sudo buildah bud`, `xargs buildah`), no program a
 * substitution or variable gives, no shell and no `eval`, `source` or `alias`, whose code is not read here. What else the script runs
 * is read after it, as in any image.
 */
function scriptBuildsNothing(script: string, depth = 0): boolean {
  if (depth > 8) return false;
  for (const command of simpleCommands(script)) {
    let k = 0;
    while (k < command.words.length && ASSIGNMENT.test(command.words[k].text)) k++;
    const words = command.words.slice(k);
    const program = words[0];
    if (program !== undefined && program.compound !== true) {
      if (!program.literal) return false;
      const name = basename(program.text);
      if (SHELL_NAMES.test(name) || RUNS_CODE.has(name)) return false;
      if (NO_BUILD_PROGRAMS.has(name) && !(words[1]?.literal === true && NO_BUILD_SUBCOMMANDS.has(words[1].text))) return false;
      if (words.slice(1).some((w) => NO_BUILD_PROGRAMS.has(basename(w.text)))) return false;
    }
    if (command.substitutions.some((code) => !scriptBuildsNothing(code, depth + 1))) return false;
  }
  return true;
}

/** Whether s2i's arguments hold `--as-dockerfile`, with which it only writes a Dockerfile (source-to-image `build --as-dockerfile`). */
function asDockerfile(args: readonly string[]): boolean {
  return args.some((a) => a === '--as-dockerfile' || a.startsWith('--as-dockerfile='));
}

/**
 * The directory a `workingDir` names, where known: an absolute path, `$(workspaces.<name>.path)` read as the workspace's mount
 * path (`/workspace/<name>`, or its own), with `..` and `.` as cd reads them; else undefined.
 */
function workingDirPath(workingDir: string, workspaces: readonly string[]): string | undefined {
  const path = workingDir.replace(/\$\(workspaces\.([A-Za-z0-9_-]+)\.path\)/g, (whole, name: string) => {
    const entry = workspaces.find((w) => nameOf(w) === name);
    return entry === undefined ? whole : mountPathOf(entry);
  });
  return path.startsWith('/') && !/[$`~*?[\]]/.test(path) ? normalDir(path) : undefined;
}

/**
 * The first thing of a step (or sidecar) that runs repository code: its image, its command and
 * args, each simple command of its script, in that order (what comes after is not read).
 * `workspaces` are the workspaces whose files the repository controls (every one but the
 * credentials). `files` tells where the container's files come from (`containerFiles`); without it no file outside the workspaces
 * is known not to be the repository's (what a command substitution prints of one, `readsNoRepository`).
 */
export function firstRepoCode(
  container: any, names: readonly string[], mounts: Readonly<Record<string, string>> = {}, files?: ContainerFiles,
): RepoCode | undefined {
  // the same step comes again as another object (a Task, the PipelineRun or TaskRun that embeds a copy of it, another file):
  // read once per content (the outcome depends on these four alone; a container holding anything but plain data is read afresh)
  const key = plainDataKey([container, names, mounts, files ?? null]);
  if (key === undefined) return readFirstRepoCode(container, names, mounts, files);
  if (FIRST_REPO_CODE.has(key)) return FIRST_REPO_CODE.get(key);
  const found = readFirstRepoCode(container, names, mounts, files);
  if (FIRST_REPO_CODE.size >= FIRST_REPO_CODE_KEPT) FIRST_REPO_CODE.clear();
  FIRST_REPO_CODE.set(key, found);
  return found;
}

/** What `firstRepoCode` found, by the text of its arguments (plainDataKey; at most FIRST_REPO_CODE_KEPT, never changed). */
const FIRST_REPO_CODE = new Map<string, RepoCode | undefined>();
const FIRST_REPO_CODE_KEPT = 256;

/**
 * A text that tells plain data apart: strings, finite numbers, booleans, null, arrays and plain objects (their keys in their
 * order); undefined where `value` holds anything else (undefined, a Date, a Map, NaN), which JSON would leave out or write as
 * something it is not.
 */
function plainDataKey(value: unknown): string | undefined {
  let plain = true;
  const text = JSON.stringify(value, function (this: any, name: string, written: unknown) {
    const raw = this[name];
    if (raw === null || typeof raw === 'string' || typeof raw === 'boolean' || (typeof raw === 'number' && Number.isFinite(raw))) return written;
    if (Array.isArray(raw) || (typeof raw === 'object' && (Object.getPrototypeOf(raw) === Object.prototype || Object.getPrototypeOf(raw) === null))) return written;
    plain = false;
    return null;
  });
  return plain ? text : undefined;
}

/** `firstRepoCode`, read afresh. */
function readFirstRepoCode(
  container: any, names: readonly string[], mounts: Readonly<Record<string, string>>, files: ContainerFiles | undefined,
): RepoCode | undefined {
  const workspaces = withMounts(names, mounts);
  const loader = loaderMount(workspaces);
  if (loader !== undefined) return loader;
  const image = typeof container?.image === 'string' ? container.image : undefined;
  const repository = image === undefined ? undefined : repositoryOf(image);
  const workingDir = typeof container?.workingDir === 'string' ? container.workingDir : '';
  // without a workingDir the container runs in its image's WORKDIR, which may be above a workspace (`/workspace` in many images)
  const start = workingDir === '' ? reachesOf(workspaces) : hereOfDir(workingDir, workspaces);
  const cwd = workingDirPath(workingDir, workspaces);
  const env = envPaths(container);
  const startup = startupOf(container);
  // (the commands as the shell reads them: of the script as scriptRepoCode reads it, and of the shell code its command runs)
  stepGitTexts.set(env, stepGitText(container, () => {
    const script = typeof container?.script === 'string' ? container.script : undefined;
    const shebang = script === undefined ? undefined : interpreterOf(script);
    const codes = script === undefined ? shellCodes([...asArray(container?.command), ...asArray(container?.args)].map(jsString))
      : shebang === undefined || readsAsShell(shebang.words) ? [script] : [];
    return codes.flatMap((code) => commandsIn(code, start, workspaces, env, code === script ? startup : undefined, code === script ? cwd : undefined,
      code === script ? files : undefined))
      .flatMap((c) => [c, ...c.inner.map((words) => ({ words }))]);
  }));
  if (repository !== undefined) {
    const builder = BUILDER_IMAGES.find(([re]) => re.test(repository));
    // an s2i image run with --as-dockerfile writes a Dockerfile and builds nothing: what it runs is read below
    const writesDockerfile = builder?.[1] === 'source-to-image' && asDockerfile([...asArray(container?.command), ...asArray(container?.args)].map(jsString));
    // a command given (no script) replaces the image's entrypoint: `buildah push` builds nothing, and is read below as what it is
    const pushes = typeof container?.script !== 'string' ? commandBuildsNothing(asArray(container?.command).map(jsString), asArray(container?.args).map(jsString))
      // a shell script replaces it too: one that only logs in, pushes or makes a manifest list builds nothing
      : builder?.[1] === 'buildah' && readsAsShell(interpreterOf(container.script)?.words ?? []) && scriptBuildsNothing(container.script);
    if (builder && !writesDockerfile && !pushes) return { property: 'image', value: repository, why: `is ${builder[1]}, a container builder, ${BUILDER_RUNS}` };
  }
  // PATH, LD_PRELOAD, NODE_OPTIONS … of its env naming the repository's files: what it runs loads them
  const shared = files === undefined ? [] : sharedDirs(files, workspaces);
  for (const e of asArray(container?.env)) {
    const why = typeof e?.name === 'string' && typeof e.value === 'string' ? envPathOrSharedRepoCode(e.name, e.value, workspaces, start, shared, files) : undefined;
    // (a value a ConfigMap gives, as the rule reads it: the field as written, and the key and ConfigMap after the value)
    const configMap: { property: string; said: string } | undefined = e.configMap;
    if (why !== undefined && configMap !== undefined) {
      const set = `sets ${e.name} to ${e.value}`;
      return { property: configMap.property, value: e.value, why: why.startsWith(set) ? `${set} (${configMap.said})${why.slice(set.length)}` : `${why} (${configMap.said})` };
    }
    if (why !== undefined) return { property: `env.${jsString(e.name)}`, value: e.value, why };
  }
  const command = asArray(container?.command).map(jsString);
  const args = asArray(container?.args).map(jsString);
  // beside a script, args are the script's arguments ("$@"), not a command (Tekton refuses a command there)
  const argv = typeof container?.script === 'string' ? [] : [...command, ...args];
  if (argv.length > 0) {
    const why = argvRepoCode(argv, workspaces, start, 0, env, {}, startup)
      ?? setEnvPathRepoCode([{ line: argv.join(' '), words: argv, here: start }], workspaces, shared, files)?.why
      ?? sharedArgvRepoCode(argv, workspaces, start, env, startup, files, shared);
    if (why !== undefined) return { property: command.length > 0 ? 'command' : 'args', value: argv.join(' '), why };
  }
  if (typeof container?.script === 'string') {
    const shebang = interpreterOf(container.script);
    const shell = shebang?.words ?? [];
    if (shebang !== undefined && workspaceScript(shell[0] ?? '', workspaces, start)) {
      return { property: 'script', value: shebang.line, why: 'runs a file of a workspace the repository fills' };
    } else if (shebang !== undefined && !readsAsShell(shell)) {
      // python, perl, node …: the script is theirs, not shell, and may run anything (subprocess, system, child_process)
      if (workspaces.length > 0) {
        return { property: 'script', value: shebang.line, why: `runs a ${basename(shell[0] ?? '')} script the rule does not read: it may run the repository's code` };
      }
    } else {
      // the shell of the script's #! line sources its startup file first
      const variable = shell.length === 0 ? undefined : startupVariable(shell[0], shell.slice(1), startup);
      const why = variable === undefined ? zdotdirRepoCode(basename(shell[0] ?? ''), shell.slice(1), startup, workspaces, start)
        : startupRepoCode(variable, startup, workspaces, start);
      if (why !== undefined) return { property: 'script', value: shebang!.line, why };
      const seen = scriptRepoCode(container.script, workspaces, start, env, 0, startup, args, cwd, files);
      if (seen !== undefined) return { property: 'script', value: seen.line, why: seen.why };
      const written = writtenScriptRepoCode(container.script, workspaces, start, env, startup, cwd);
      if (written !== undefined) return { property: 'script', value: written.line, why: written.why };
      // (a variable of its env, or any where an envFrom may give it, is exported as the script starts)
      const given = new Set(asArray(container?.env).map((e) => e?.name));
      // (every one where its #! line's option group holds `a`: the shell exports each variable it assigns, `ALLEXPORT_SHEBANG`)
      const allexport = shellPattern(ALLEXPORT_SHEBANG).test(container.script);
      const inEnvironment = (name: string) => allexport || given.has(name) || asArray(container?.envFrom).length > 0;
      const lastpipe = lastStageHolds(container.script, /\blastpipe\b/.test(env.get('BASHOPTS') ?? ''));
      // (bash out of posix mode, as its #! line and env start it, and where the script never names posix, keeps no assignment before a special builtin)
      const specialPrefix = basename(shell[0] ?? 'sh') !== 'bash' || readShellOptions(shell.slice(1)).posix
        || [...startup].some(([name, value]) => setsPosixMode(name, value)) || /\bposix\b/.test(container.script);
      const set = setEnvPathRepoCode(commandsIn(container.script, start, workspaces, env, startup, cwd, files), workspaces, shared, files, 0,
        { commands: simpleCommands(container.script), inEnvironment, lastpipe, specialPrefix });
      if (set !== undefined) return { property: 'script', value: set.line, why: set.why };
    }
  }
  return undefined;
}

/**
 * The directories the dynamic loader reads before or as it starts any dynamically linked program (a shell, curl, git …), by why: the kernel
 * runs the ELF interpreter the program's PT_INTERP names from the container's files (`readelf -l /bin/sh` here: /lib64/ld-linux-x86-64.so.2;
 * alpine's: /lib/ld-musl-x86_64.so.1; /lib32, /libx32 and /usr's for other ABIs); glibc's loader reads /etc/ld.so.preload and /etc/ld.so.cache
 * and looks in /lib and /usr/lib, musl's reads /etc/ld-musl-<arch>.path and looks in /lib:/usr/local/lib:/usr/lib (`strings` of each loader
 * here), and /etc holds the CA certificates (/etc/ssl/certs) curl, git and the registry clients trust with the credentials.
 */
const LOADER_DIRS: ReadonlyArray<[readonly string[], string]> = [
  [['/lib', '/lib32', '/lib64', '/libx32', '/usr/lib', '/usr/lib32', '/usr/lib64', '/usr/libx32', '/usr/local/lib'],
    "where the dynamic loader finds the ELF interpreter (glibc's /lib64/ld-linux-*.so.2, musl's /lib/ld-musl-*.so.1) and the shared libraries every "
    + 'dynamically linked program loads'],
  [['/etc'], "which holds what the dynamic loader reads before any library (glibc's /etc/ld.so.preload and /etc/ld.so.cache, musl's /etc/ld-musl-*.path) "
    + 'and the CA certificates (/etc/ssl/certs) a client trusts with the credentials'],
];

/**
 * A workspace of `workspaces` (the repository fills them) mounted at one of LOADER_DIRS, under one (`/etc/ssl/certs`) or over one (`/usr`):
 * every dynamically linked program the container runs, its shell first, loads the repository's loader, libraries or loader configuration.
 */
function loaderMount(workspaces: readonly string[]): RepoCode | undefined {
  for (const w of workspaces) {
    if (!w.includes(MOUNTED_AT) || w.startsWith(COPIED)) continue;
    const path = normalDir(mountPathOf(w));
    for (const [dirs, why] of LOADER_DIRS) {
      const dir = dirs.find((d) => path === d || path.startsWith(`${d}/`)) ?? dirs.find((d) => d.startsWith(path === '/' ? '/' : `${path}/`));
      if (dir === undefined) continue;
      const shown = dir === path ? path : path.startsWith(`${dir}/`) ? `${path} (in ${dir})` : `${path} (over ${dir})`;
      const said = `mounts the workspace '${nameOf(w)}' at ${shown}, ${why}: the repository fills it, so every dynamically linked program the step runs `
        + "(its shell too) loads the repository's code";
      return { property: 'mountPath', value: path, why: said };
    }
  }
  return undefined;
}

/**
 * What a command and its args (no script) run of a volume a step before or a sidecar may have written from the repository (`shared`,
 * `sharedDirs`), as scriptRepoCode reads a script's command: `command: [sh, /shared/run.sh]`, `command: [/shared/bin/tool]`; but a
 * file the steps before write from a literal (the task's own code) or one of a Secret or ConfigMap mounted inside the volume.
 */
function sharedArgvRepoCode(
  argv: readonly string[], workspaces: readonly string[], start: Here, env: ReadonlyMap<string, string>, startup: Startup,
  files: ContainerFiles | undefined, shared: readonly string[],
): string | undefined {
  if (shared.length === 0) return undefined;
  const literal = new Set(files?.literal ?? []);
  const unwritten = argv.map((w) => (literal.has(normalDir(w)) || fixedInShared(w, files) ? '/dev/null' : w));
  for (const dir of shared) {
    const found = argvRepoCode(unwritten, [...workspaces, sharedEntry(dir)], start, 0, env, {}, startup);
    if (found !== undefined) return `${ofShared(found, dir)}: a step before it or a sidecar may have written it from the repository`;
  }
  return undefined;
}

/**
 * The file a sourced word names, where it is literal or its directory is the running script's own: `$(dirname -- /s/run.sh)/c.sh`,
 * `$(CDPATH= cd -- "$(dirname -- /s/run.sh)" && pwd)/c.sh` (with the script's `$0` in place).
 */
export function sourcedPath(word: string): string | undefined {
  const dir = /^\$\((?:CDPATH=\s*)?cd\s+(?:--\s+)?"?\$\(dirname\s+(?:--\s+)?"?([^\s$()`"']+)"?\)"?\s*(?:&&|;)\s*pwd(?:\s+-[LP])?\s*\)(\/.*)$/.exec(word)
    ?? /^\$\(dirname\s+(?:--\s+)?"?([^\s$()`"']+)"?\)(\/.*)$/.exec(word);
  const path = dir === null ? word : `${dir[1].replace(/\/[^/]*$/, '') || '/'}${dir[2]}`;
  return /^[^$`*?[\s]+$/.test(path) ? path.replace(/\/+/g, '/') : undefined;
}

/**
 * The text of a written script as its shell reads it: its `$0` (`${0}`) its own path, and each `source` (`.`) of another script the
 * step wrote (by a literal path, or from the script's own directory: `sourcedPath`) in place of the command that sources it.
 */
function writtenText(w: WrittenScript, written: readonly WrittenScript[]): string {
  const text = w.text.replace(/\$\{0\}|\$0(?![0-9])/g, w.path);
  let out = text;
  for (const c of simpleCommands(text)) {
    const words = c.words.map((x) => x.text);
    if (!c.words[0]?.literal || (words[0] !== 'source' && words[0] !== '.')) continue;
    const path = sourcedPath(words[1] ?? '');
    const sourced = path === undefined ? undefined : written.filter((x) => x !== w && x.path === path).pop();
    if (sourced !== undefined && out.includes(c.line)) out = out.replace(c.line, () => `\n${sourced.text.replace(/\$\{0\}|\$0(?![0-9])/g, w.path)}\n`);
  }
  return out;
}

/**
 * What a script the step's script writes from a literal (written-scripts.ts: `printf '%s' "<base64>" | base64 -d > /scripts/run.sh`,
 * `cat > f <<'EOF'`) and then runs or sources (`/scripts/run.sh`, `bash f`, `. f`) runs of the repository, read as a shell script
 * (its `#!` line, or the shell that runs it, a shell) from the step's working directory.
 */
function writtenScriptRepoCode(
  script: string, workspaces: readonly string[], start: Here, env: ReadonlyMap<string, string>, startup: Startup, cwd?: string,
): { line: string; why: string } | undefined {
  const written = scriptsWritten(script);
  if (written.length === 0) return undefined;
  for (const run of filesRun(script)) {
    const w = written.filter((x) => x.at < run.at && x.path === run.path).pop();
    if (w === undefined || !readsAsShell(run.shell === undefined ? interpreterOf(w.text)?.words ?? [] : [run.shell])) continue;
    const seen = scriptRepoCode(writtenText(w, written), workspaces, start, env, 1, startup, undefined, cwd);
    if (seen !== undefined) {
      return {
        line: seen.line,
        why: `${seen.why}, in ${w.path}, which the step's script ${w.decoded ? 'decodes from a base64 literal' : 'writes from a literal'} (\`${w.line}\`) and runs (\`${run.line}\`)`,
      };
    }
  }
  return undefined;
}

/**
 * The `#!` line of a Tekton script (Tekton writes the script to a file and runs it, so the kernel runs the interpreter that line
 * names; without one Tekton puts `#!/bin/sh` first), and the interpreter with its arguments: past `env` and its `-S`, option and
 * `NAME=value` words (`#!/usr/bin/env -S bash -e`), and past `busybox` to the applet it names (`#!/bin/busybox sh`).
 */
export function interpreterOf(script: string): { line: string; words: string[] } | undefined {
  const shebang = /^#![ \t]*([^ \t\n]+)[ \t]*([^\n]*)/.exec(goTrimSpace(script));
  if (shebang === null) return undefined;
  let words = [shebang[1], ...shebang[2].trim().split(/[ \t]+/).filter((w) => w !== '')];
  if (basename(words[0]) === 'env') {
    // env's options read by its grammar (`-u NAME` takes a value), then its assignments, then the program
    const rest = words.slice(1).map((w) => w.replace(/^-S/, '')).filter((w) => w !== '');
    const run = invocation(['env', ...rest]);
    words = run.program === undefined ? [] : rest.slice(run.programIndex - 1);
  }
  if (isBusybox(words[0] ?? '') && words.length > 1) words = words.slice(1);
  return { line: shebang[0].trim(), words };
}

/** Whether a script whose `#!` line names `interpreter` (interpreterOf's words) is shell: a POSIX shell, or none named. */
export function readsAsShell(interpreter: readonly string[]): boolean {
  return interpreter.length === 0 || SHELL_NAMES.test(basename(interpreter[0]));
}

/** BASH_ENV and ENV as a container's env sets them (a value from `valueFrom` is not known). */
function startupOf(container: any): Startup {
  const out = new Map<string, string | null>();
  for (const e of asArray(container?.env)) {
    if (!STARTUP_VARIABLES.includes(e?.name)) continue;
    out.set(e.name, typeof e.value === 'string' ? e.value : e.valueFrom !== undefined ? null : '');
  }
  return out;
}

/** The container's env vars whose value is a path (a workspace's, say), by name: a script may `cd "$SRC"`. */
function envPaths(container: any): ReadonlyMap<string, string> {
  return new Map(asArray(container?.env).filter((e) => typeof e?.name === 'string' && typeof e.value === 'string').map((e) => [e.name, e.value]));
}

/** `word` with `$NAME` and `${NAME}` of `env` expanded (others left as written). */
function expand(word: string, env: ReadonlyMap<string, string>): string {
  return env.size === 0 ? word : word.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, a, b) => env.get(a ?? b) ?? whole);
}

/**
 * Where the command at `index` of `script` (its words `argv`) calls a function the script defines whose body runs one of its
 * positional parameters as the program (`"$@"`, `$1`: a wrapper such as `retry() { "$@"; }`), the words that command runs
 * there, from the call's arguments (bash 5.2: a function's positional parameters are its arguments); else undefined.
 */
function functionArgumentsRun(script: string, index: number, argv: readonly string[]): string[] | undefined {
  const command = simpleCommands(script)[index];
  const called = command === undefined ? undefined : calledFunction(script, command);
  if (called === undefined) return undefined;
  const at = argv.indexOf(called);
  const args = at < 0 ? [] : argv.slice(at + 1);
  for (const body of definedFunctions(script).get(called) ?? []) {
    // (a `shift` before it moves them: `retry() { local n=$1; shift; "$@"; }`)
    let shifted = 0;
    for (const c of simpleCommands(body)) {
      const words = c.words.map((w) => w.text);
      if (words[0] === 'shift') shifted += /^[0-9]+$/.test(words[1] ?? '') ? Number(words[1]) : 1;
      let k = 0;
      while (k < words.length && ASSIGNMENT.test(words[k])) k++;
      const m = POSITIONAL.exec(words[k] ?? '');
      if (m === null) continue;
      const n = m[3] ?? m[4];
      const given = args.slice(shifted);
      return [...(n === undefined ? given : given.slice(Number(n) - 1, Number(n))), ...words.slice(k + 1)];
    }
  }
  return undefined;
}

/** A word that is the script's positional parameters, all (`$@`, `${*}`) or one (`$1`, `${12}`). */
const POSITIONAL = /^\$(?:([@*])|\{([@*])\}|([1-9])|\{([1-9][0-9]*)\})$/;

/**
 * The words of the command at `index` of a script Tekton runs with `args` (its positional parameters), where its program is
 * one of them (`"$@"`, `$1`): those the args give it (`args: [./ci/push.sh]` with `script: '"$@"'`), or, where a `set` with
 * operands or a `shift` of the script may change them, the word, not known here (`unknown`). The
 * commands of a function's body (whose positional parameters are its caller's arguments, not read here) keep their words.
 */
function positionalParameters(
  script: string, args: readonly string[],
): (index: number, words: readonly string[]) => { readonly words: string[] } | { readonly unknown: string } | undefined {
  const commands = simpleCommands(script);
  const functions = definedFunctions(script);
  // a function's body: the scope opened right after the words that define it (`f() {`, `function f {`)
  const bodies = new Set<number>();
  commands.forEach((c, k) => {
    const words = c.words.map((w) => w.text);
    const name = words[0] === 'function' ? words[1] : words.length === 1 ? words[0] : undefined;
    const next = commands[k + 1];
    if (name === undefined || !functions.has(name) || next === undefined || next.scope.length <= c.scope.length) return;
    bodies.add(next.scope[c.scope.length].id);
  });
  const inBody = (c: SimpleCommand) => c.scope.some((scope) => bodies.has(scope.id));
  // (bash 5.2: `set` with an operand or `--` sets them, `-o NAME` and `+o NAME` aside; `shift` moves them)
  const setsThem = (words: readonly string[]): boolean => {
    for (let k = 1; k < words.length; k++) {
      if (words[k] === '--' || !/^[-+]/.test(words[k])) return true;
      if (/^[-+][A-Za-z]*o$/.test(words[k])) k++;
    }
    return false;
  };
  const changed = commands.some((c) => !inBody(c) && c.words[0]?.literal && (c.words[0].text === 'shift'
    || (c.words[0].text === 'set' && setsThem(c.words.map((w) => w.text)))));
  return (index, words) => {
    const command = commands[index];
    let k = 0;
    while (k < words.length && ASSIGNMENT.test(words[k])) k++;
    const m = POSITIONAL.exec(words[k] ?? '');
    if (m === null || command === undefined || inBody(command)) return undefined;
    if (changed) return { unknown: words[k] };
    const n = m[3] ?? m[4];
    const given = n === undefined ? args : args.slice(Number(n) - 1, Number(n));
    return { words: [...words.slice(0, k), ...given, ...words.slice(k + 1)] };
  };
}

/**
 * What each simple command of a shell script runs of the repository: a `cd` or `pushd` into a
 * workspace makes what follows run there, and the commands of a `$(…)` or backquoted command
 * substitution are read too (`VERSION=$(./hack/version.sh)`). `files`, for the container's own script alone (`commandsIn`).
 */
function scriptRepoCode(
  script: string, workspaces: readonly string[], start: Here, env: ReadonlyMap<string, string>, depth = 0, startup: Startup = new Map(),
  args?: readonly string[], cwd?: string, files?: ContainerFiles,
): { line: string; why: string } | undefined {
  const positional = args === undefined ? undefined : positionalParameters(script, args);
  // the directories of volumes other containers may have written (the same for every command: read below where any is)
  const shared = files === undefined ? [] : sharedDirs(files, workspaces);
  // the commands in order: the first that runs repository code is the one told (the others are not read for it)
  for (const command of commandsIn(script, start, workspaces, env, startup, cwd, files)) {
    const { line, inner, here, input, piped, pipedInput, pipedFile, environment, written } = command;
    const fromArgs = positional?.(command.index, command.words);
    if (fromArgs !== undefined && 'unknown' in fromArgs) {
      return { line, why: `runs ${fromArgs.unknown} as a command, the script's arguments, and what ${fromArgs.unknown} holds is not known here (the script sets them again with set or shift): it may be the repository's code` };
    }
    // (the command's own words, never changed: the same array each reading of the script gives, which programsOf finds by itself)
    const argv = fromArgs?.words ?? command.words;
    // a call of a function whose body runs its arguments (`retry() { "$@" || "$@"; }; retry ./ci/push.sh`): what they run there
    const viaFunction = functionArgumentsRun(script, command.index, argv);
    if (viaFunction !== undefined) {
      const why = argvRepoCode(viaFunction, workspaces, here, depth, env, {}, environment);
      if (why !== undefined) return { line, why };
    }
    const stdin = { code: input, piped, pipedInput, pipedFile };
    // in a directory the script copied from a workspace (`cd /tmp/w` after `cp -r . /tmp/w`): the copy is told where it decides
    const copy = typeof here === 'string' && here.startsWith(COPIED) ? here : undefined;
    const runs = (entries: readonly string[], words: string[], at: Here = copy === undefined ? here : undefined) => argvRepoCode(
      words, entries, at, depth, env, stdin, environment, files)
      ?? inner.map((code) => argvRepoCode(code, entries, at, depth + 1, env, {}, environment, files)).find((w) => w !== undefined);
    const why = runs(workspaces, argv);
    if (why !== undefined) return { line, why };
    // eval "$(cat /tmp/c)" after `echo "$X" > /tmp/c`: the image's file a command before may write is not known
    const rewritten = files === undefined ? undefined : codeFileWrittenBefore(argv, script, command.index, files);
    if (rewritten !== undefined) return { line, why: rewritten };
    // `x=$(cd $(workspaces.src.path) && ./version.sh)`: a substitution's commands run in the directory its own `cd` leads to (a
    // subshell: read as a script of its own that starts where the command runs)
    for (const code of depth > 4 ? [] : argv.flatMap(substitutionsOf)) {
      if (!/(?:^|[\s;&|(])(?:cd|pushd)\s/.test(code)) continue;
      const found = scriptRepoCode(code, workspaces, here, env, depth + 1, environment);
      if (found !== undefined) return { line, why: found.why };
    }
    const inCopy = copy === undefined ? undefined : runs(workspaces, argv, copy);
    if (inCopy !== undefined) {
      const made = written.find((w) => copy!.slice(2) === w.path || copy!.slice(2).startsWith(`${w.path}/`));
      return { line, why: made === undefined ? inCopy : `${ofClone(inCopy, made)} (in ${made.how})` };
    }
    // a file of a volume a step before it or a sidecar may have written (`sh /shared/c`, `source /tekton/home/env.sh`): of the files
    // outside the workspaces only the image's own and those of a Secret, ConfigMap, projected or downwardAPI volume are known not to be
    // the repository's (`sharedDirs`)
    // (but a file this script or a step before writes from a literal: the task's own code)
    if (shared.length > 0) {
      const literal = literalFilesBefore(files, script, command.index);
      // (and a file of a Secret or ConfigMap volume mounted inside a shared one: `/workspace/x/creds/run.sh`, the Secret's own)
      const shadowed = files !== undefined && shadowsShared(files);
      const unwritten = literal.size === 0 && !shadowed ? argv
        : argv.map((w) => (literal.has(normalDir(w)) || (shadowed && fixedInShared(w, files)) ? '/dev/null' : w));
      if (runs([...workspaces, ...shared.map(sharedEntry)], unwritten) !== undefined) {
        for (const dir of shared) {
          const found = runs([...workspaces, sharedEntry(dir)], unwritten);
          if (found !== undefined) return { line, why: `${ofShared(found, dir)}: a step before it or a sidecar may have written it from the repository` };
        }
      }
    }
    if (written.length === 0) continue;
    // a file written from a file of a workspace (a copy, a descriptor exec opened on one) is the repository's file: the one it runs told
    const entry = (w: Written) => `${COPIED}${MOUNTED_AT}${w.path}`;
    const words = withOpenDescriptors(argv, new Set(written.flatMap((w) => (w.path.startsWith('/dev/fd/') ? [Number(w.path.slice(8))] : []))));
    // (and in its command substitutions: `x=$(bash -i -c true)`)
    const other = writtenStartupOrProgram(argv, written, input, environment)
      ?? inner.map((code) => writtenStartupOrProgram(code, written, undefined, environment)).find((w) => w !== undefined);
    if (other !== undefined) return { line, why: other };
    if (runs([...workspaces, ...written.map(entry)], words) === undefined) continue;
    for (const w of written) {
      const copied = runs([...workspaces, entry(w)], words);
      if (copied !== undefined) return { line, why: `${ofClone(copied, w)} (${w.how})` };
    }
  }
  return undefined;
}

/**
 * The startup files of interactive and login shells (bash 5.2, dash, the `ENV`-less POSIX ones: the profile; bash's logout files,
 * which a login bash sources when it exits by `exit` or at the end of its input), in the home directory as written (`~`, `$HOME`)
 * or as the usual images have it: root's (`/root`), Tekton's (`/tekton/home`).
 */
const STARTUP_FILE = /^(?:(?:~(?:root)?|\$HOME|\$\{HOME\}|\/root|\/tekton\/home)\/\.(?:bashrc|bash_profile|bash_login|bash_logout|profile)|\/etc\/(?:profile|bash\.bashrc|bashrc|bash\.bash_logout)|\/etc\/profile\.d(?:\/.*)?)$/;

/** The startup files of STARTUP_FILE a login shell alone sources (bash's profiles; `/etc/profile` and what it sources). */
const PROFILE_FILE = /(?:^|\/)\.(?:bash_profile|bash_login|profile)$|^\/etc\/profile(?:\.d(?:\/.*)?)?$/;

/** The directories of PATH in the usual images: a program written there is found by its name. */
const PATH_DIRECTORY = /^\/(?:usr\/local\/s?bin|usr\/s?bin|s?bin)$/;

/** bash's logout files (a login bash sources them as it exits: `bashLogoutRead`). */
const BASH_LOGOUT = /(?:^|\/)\.bash_logout$|^\/etc\/bash\.bash_logout$/;

/**
 * zsh's startup files (zsh 5.9 Src/init.c `run_init_scripts`), in the home directory as STARTUP_FILE has it, and the global ones
 * (`/etc/zshenv` as zsh builds them by default, `/etc/zsh/…` as Debian's and Ubuntu's do), by name.
 */
const ZSH_HOME_FILE = /^(?:~(?:root)?|\$HOME|\$\{HOME\}|\/root|\/tekton\/home)\/\.(zshenv|zprofile|zshrc|zlogin|zlogout)$/;
const ZSH_GLOBAL_FILE = /^\/etc\/(?:zsh\/)?(zshenv|zprofile|zshrc|zlogin|zlogout)$/;

/**
 * Whether code a login bash runs may end by its `exit` or `logout` builtin (bash 5.2 builtins/exit.def `exit_or_logout` calls
 * `bash_logout`, which sources `~/.bash_logout` in a login shell; a subshell's does not): a command of it, or of its traps and
 * evals, not in a subshell, is `exit` or `logout`, also through `builtin` or `command` (`builtin exit`); or it may be one the code
 * does not show: a command a variable or substitution names (`X=exit; $X`), a file it sources (`source /opt/lib.sh`, whose
 * `exit` ends the shell), eval or trap code holding an expansion. Undefined code (a file, or an input not known here) may.
 */
function mayExit(code: string | undefined): boolean {
  if (code === undefined) return true;
  // (`shopt -s lastpipe` runs a pipeline's last command in the shell itself: bash 5.2 execute_cmd.c execute_pipeline)
  const lastpipe = /\blastpipe\b/.test(code);
  return simpleCommands(code).some((c) => {
    // (in a subshell, `(exit 1)`, it ends the subshell alone; so in a pipeline's part or the background, `true | exit`, `exit &`)
    if (c.scope.some((scope) => scope.kind === 'other' && !scope.group)) return false;
    if (c.background || c.pipe || (c.after === '|' && !lastpipe)) return false;
    const words = c.words.map((w) => w.text);
    let k = 0;
    while (k < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[k])) k++;
    // (`builtin exit`, `command -p exit`: the builtin itself)
    while (words[k] === 'builtin' || words[k] === 'command') for (k++; k < words.length && /^-[A-Za-z]*$/.test(words[k]); k++);
    const first = words[k] ?? '';
    if (first === 'exit' || first === 'logout' || first === 'source' || first === '.' || /[$`]/.test(first)) return true;
    return (first === 'trap' || first === 'eval') && words.slice(k + 1).some((w) => /\b(?:exit|logout)\b|[$`]/.test(w));
  });
}

/**
 * Whether a login bash (or `sh`, which may be bash) run with `after` (its words after its name) sources the logout file as it
 * exits: as it runs the `exit` or `logout` builtin (`mayExit` of its code: `-c`'s, its input's `input`, a file's, not known), or,
 * interactive and reading its input, at the end of it (bash 5.2 shell.c `exit_shell`; `bash -l -c true` never reads it).
 */
function bashLogoutRead(name: string, options: ReturnType<typeof readShellOptions>, after: readonly string[], input: string | undefined): boolean {
  if (!options.login || !/^(?:bash|rbash|sh)$/.test(name)) return false;
  if (options.code) return mayExit(after[options.operand]);
  if (options.file) return true;
  return options.interactive || mayExit(input);
}

/**
 * The startup file of `written` a shell run with `after` sources before (or, a logout file, as it exits) its code: an
 * interactive or login shell's (STARTUP_FILE; the logout file as `bashLogoutRead` says), zsh's as its mode reads them (`zsh`).
 */
function writtenStartup(
  name: string, after: readonly string[], given: readonly Written[], input: string | undefined, environment: Startup,
): Written | undefined {
  const written = withStartupFiles(given, environment);
  const options = readShellOptions(after);
  if (name === 'zsh') return writtenZshStartup(options, after, written, environment);
  if (!options.interactive && !options.login) return undefined;
  // (a profile is a login shell's alone: an interactive bash that is not one sources ~/.bashrc, dash and `sh -i` $ENV; bash 5.2
  // shell.c run_startup_files)
  const read = written.filter((w) => STARTUP_FILE.test(w.path) && (!BASH_LOGOUT.test(w.path) || bashLogoutRead(name, options, after, input))
    && (options.login || !PROFILE_FILE.test(w.path)));
  // (of several, the one this mode reads first: a login shell's profile, an interactive one's rc file)
  return read.find((w) => (options.login ? /(?:profile|bash_login)$/ : /bashrc$/).test(w.path)) ?? read[0];
}

/** A home directory as STARTUP_FILE has it; `/etc` and `/etc/zsh`, which hold the global startup files. */
const HOME_DIRECTORY = /^(?:~(?:root)?|\$HOME|\$\{HOME\}|\/root|\/tekton\/home)$/;
const HOME_STARTUP = ['.bashrc', '.bash_profile', '.bash_login', '.bash_logout', '.profile', '.zshenv', '.zprofile', '.zshrc', '.zlogin', '.zlogout'];
const ETC_STARTUP: Readonly<Record<string, readonly string[]>> = {
  '/etc': ['profile', 'bash.bashrc', 'bashrc', 'bash.bash_logout', 'profile.d', 'zshenv', 'zprofile', 'zshrc', 'zlogin', 'zlogout'],
  '/etc/zsh': ['zshenv', 'zprofile', 'zshrc', 'zlogin', 'zlogout'],
};

/**
 * `written`, with the startup files a directory written from a workspace may now hold (`tar -xf $(workspaces.src.path)/dotfiles.tar
 * -C ~`, `cp -r etc/. /etc`: any path under a directory copied into is the repository's): those of a home directory (and of the
 * `ZDOTDIR` of `environment`), of `/etc` and `/etc/zsh`.
 */
function withStartupFiles(written: readonly Written[], environment: Startup): readonly Written[] {
  const zdotdir = environment.get('ZDOTDIR');
  const under = (w: Written): readonly string[] => (HOME_DIRECTORY.test(w.path) || (typeof zdotdir === 'string' && w.path === zdotdir.replace(/\/+$/, ''))
    ? HOME_STARTUP : own(ETC_STARTUP, w.path) ?? []);
  if (!written.some((w) => under(w).length > 0)) return written;
  return written.flatMap((w) => [w, ...under(w).map((file) => ({ path: `${w.path}/${file}`, how: w.how }))]);
}

/**
 * The startup file of `written` zsh sources (zsh 5.9 Src/init.c `run_init_scripts`, Src/builtin.c `zexit`): the global zshenv
 * always; unless `-f` (`--no-rcs`, `-o norcs`), `.zshenv` of `$ZDOTDIR` (else the home directory) but in privileged mode (`-p`),
 * then, a login shell, the global and own zprofile and zlogin, an interactive one the global and own zshrc, an interactive login
 * one the zlogout files.
 */
function writtenZshStartup(
  options: ReturnType<typeof readShellOptions>, after: readonly string[], written: readonly Written[], environment: Startup,
): Written | undefined {
  const noRcs = zshNoRcs(after);
  const privileged = options.privileged;
  // (.zlogout as an interactive login zsh exits: Src/builtin.c `zexit`; `zsh -l -c exit` reads none)
  const wanted = (file: string) => file === 'zshenv' || (options.login && ['zprofile', 'zlogin'].includes(file)) || (options.interactive && file === 'zshrc')
    || (options.login && options.interactive && file === 'zlogout');
  const zdotdir = environment.get('ZDOTDIR');
  return written.find((w) => {
    const global = ZSH_GLOBAL_FILE.exec(w.path)?.[1];
    if (global !== undefined) return wanted(global) && (global === 'zshenv' || !noRcs);
    if (noRcs || privileged) return false;
    const dir = typeof zdotdir === 'string' && zdotdir !== '' ? zdotdir.replace(/\/+$/, '') : undefined;
    const home = dir === undefined ? ZSH_HOME_FILE.exec(w.path)?.[1] : w.path.startsWith(`${dir}/.`) ? w.path.slice(dir.length + 2) : undefined;
    return home !== undefined && wanted(home);
  });
}

/** A login shell a command starts: the shell's name, how it was started, its code, and the user when not root. */
interface LoginShell {
  readonly shell: string;
  readonly via: string;
  readonly code?: string;
  readonly user?: string;
}

/**
 * The login shells one argv starts through `su -` (`-l`, `--login`) or `runuser -l` (util-linux: the target's shell, or
 * `-s`'s, with argv[0] `-<name>`, given `-c`'s code), for root (no user, or `root`) or another `user` (`su - builder`), and `sudo -i` (`--login`; sudo 1.9: the
 * target's shell as a login shell, given the command's words as `-c` code), for root (no `-u`, or `-u root`): the shell's name,
 * how it was started, and its code (undefined when it reads its input).
 */
function loginShells(argv: readonly string[]): LoginShell[] {
  const out: LoginShell[] = [];
  for (const run of invocations(argv)) {
    if (run.program === undefined) continue;
    const name = basename(run.program);
    const after = argv.slice(run.programIndex + 1);
    if (name === 'sudo') {
      const end = privilegeArgumentsEnd(after);
      for (const r of privilegeReadings(name, after.slice(0, end)) ?? []) {
        if (r.login !== true) continue;
        // (another user's, `sudo -iu builder`: its home read as su's is, /home/<user>; sudo 1.9 runs the target's login shell)
        const other = r.user !== undefined && r.user !== 'root' && !/^#0+$/.test(r.user) ? r.user : undefined;
        if (other !== undefined && !/^[a-z_][a-z0-9_.-]*$/i.test(other)) continue;
        out.push({
          shell: 'bash',
          via: `sudo -i${other === undefined ? '' : ` -u ${other}`}`,
          ...r.command === undefined ? {} : { code: after.slice(r.command).join(' ') },
          ...other === undefined ? {} : { user: other },
        });
      }
    }
    if (name === 'sudo' || name === 'doas') {
      // the command sudo or doas runs as root (`sudo su -`, `doas su - -c true`)
      const end = privilegeArgumentsEnd(after);
      for (const r of privilegeReadings(name, after.slice(0, end)) ?? []) {
        if (r.command !== undefined && !r.shell) out.push(...loginShells(after.slice(r.command)));
      }
    } else if (name === 'su' || name === 'runuser') {
      for (const r of runnerReadings(name, after) ?? []) {
        const value = (...names: string[]) => r.options.find((o) => names.includes(o.name) && o.value !== undefined)?.value;
        const dash = r.operands[0] === '-';
        const user = dash ? r.operands[1] : r.operands[0];
        if (!suLogin(r) || r.options.some((o) => o.name === 'u' || o.name === 'user')) continue;
        const code = value('c', 'command', 'session-command');
        const other = user !== undefined && user !== 'root' ? user : undefined;
        if (other !== undefined && !/^[a-z_][a-z0-9_.-]*$/i.test(other)) continue;
        out.push({
          shell: basename(value('s', 'shell') ?? 'bash'),
          via: `${name} ${dash ? '-' : '-l'}${other === undefined ? '' : ` ${other}`}`,
          ...code === undefined ? {} : { code },
          ...other === undefined ? {} : { user: other },
        });
      }
    }
  }
  return out;
}

/**
 * What a command runs of a file the script wrote from a file of a workspace (`Written`) that it does not name: a shell's startup
 * file an interactive or login shell sources (`cp ci.sh ~/.bashrc; bash -i -c true`; zsh's, `writtenZshStartup`), or a login
 * shell of root that `su -`, `runuser -l` or `sudo -i` starts (root's home: not `/tekton/home`), or a program written to a
 * directory of PATH run by its name (`cp ci.sh /usr/local/bin/kubectl; kubectl version`). `input` is the command's heredoc or
 * here-string, `environment` its ZDOTDIR.
 */
function writtenStartupOrProgram(
  argv: readonly string[], written: readonly Written[], input: string | undefined, environment: Startup, depth = 0,
): string | undefined {
  for (const { program, after, assignments } of programsOf(argv)) {
    if (program === undefined) continue;
    const name = basename(program);
    const found = !program.includes('/') ? written.find((w) => PATH_DIRECTORY.test(w.path.slice(0, w.path.lastIndexOf('/'))) && basename(w.path) === name) : undefined;
    if (found !== undefined) return `runs ${name}, which PATH finds at ${found.path} (${found.how})`;
    if (!SHELL_NAMES.test(name)) continue;
    // (as bash 5.2 and dash 0.5.12 read their options: `-l`, `--login`, bash's `-login`, a group holding i)
    // (the ZDOTDIR the command gives it: `ZDOTDIR=/opt/z zsh`)
    const given = assignments.filter(([n]) => n === 'ZDOTDIR').pop();
    // (`exec -l bash`, `exec -a -bash bash`: a login shell by its argv[0])
    const words = execLogin(argv) ? ['-l', ...withoutRedirections(after)] : withoutRedirections(after);
    const startup = writtenStartup(name, words, written, input, given === undefined ? environment : new Map([['ZDOTDIR', given[1]]]));
    if (startup !== undefined) return name === 'zsh' ? startupMessage(startup, 'zsh', 'zsh') : startupMessage(startup, 'an interactive or login shell', 'a login shell');
  }
  for (const login of loginShells(argv)) {
    // the login shell of root, its home /root (`~` and `$HOME` of a step run as root); of another user, the files of /etc and
    // those of /home/<user>, useradd's default home (the user's entry in the image's /etc/passwd is not known here; su sets HOME
    // from it: util-linux 2.38 run, `su - nobody` has HOME=/nonexistent), read as root's would be
    const home = login.user === undefined ? undefined : `/home/${login.user}`;
    const files = home === undefined ? written.filter((w) => w.path !== '/tekton/home' && !w.path.startsWith('/tekton/home/'))
      // (the home as written, `/home/builder`, or as the shell expands `~builder`; the home itself a directory written into)
      : written.flatMap((w) => {
        if (w.path === '/etc' || w.path.startsWith('/etc/')) return [w];
        const prefix = [home, `~${login.user}`].find((h) => w.path === h || w.path.startsWith(`${h}/`));
        return prefix === undefined ? [] : [{ ...w, path: `/root${w.path.slice(prefix.length)}` }];
      });
    const words = login.code === undefined ? ['-l'] : ['-l', '-c', login.code];
    const startup = writtenStartup(login.shell, words, files, input, new Map());
    const path = home !== undefined && startup?.path.startsWith('/root/') ? `${home}${startup.path.slice(5)}` : startup?.path;
    if (startup !== undefined) return startupMessage({ ...startup, path: path! }, `a login shell (${login.via})`, `a login shell (${login.via})`);
  }
  // the commands of a shell's -c code (`bash -c 'bash -l -c true'`, `sh -c 'kubectl version'`), a few levels down
  if (depth >= 3) return undefined;
  for (const { program, after } of programsOf(argv)) {
    if (program === undefined) continue;
    // (util-linux script runs its -c code with $SHELL -c, sh where unset, as the user it is: `script -qc 'bash -l -c true' /dev/null`)
    const scripted = basename(program) === 'script'
      ? (runnerReadings('script', withoutRedirections(after)) ?? []).map((r) => scriptArgv(r)?.[2]).find((c) => c !== undefined) : undefined;
    if (scripted === undefined && !SHELL_NAMES.test(basename(program))) continue;
    const words = withoutRedirections(after);
    const options = readShellOptions(words);
    const code = scripted ?? (options.code ? words[options.operand] : undefined);
    if (code === undefined) continue;
    for (const c of simpleCommands(code)) {
      const why = writtenStartupOrProgram(c.words.map((w) => w.text), written, undefined, environment, depth + 1);
      if (why !== undefined) return why;
    }
  }
  return undefined;
}

/**
 * Whether `argv` is bash's `exec` giving the program an argv[0] that starts with `-` (`-l`, or `-a NAME` of such a name): bash,
 * zsh and dash then start as login shells (bash 5.2 shell.c reads `argv[0][0] == '-'`; bash 5.2 run: `exec -l bash -c true` and
 * `exec -a -bash bash -c true` source ~/.bash_profile).
 */
function execLogin(argv: readonly string[]): boolean {
  if (argv[0] !== 'exec') return false;
  let login = false;
  for (let k = 1; k < argv.length && /^-[A-Za-z]+$/.test(argv[k]); k++) {
    const a = argv[k];
    const at = a.indexOf('a');
    if (a.slice(1, at < 0 ? undefined : at).includes('l')) login = true;
    if (at < 0) continue;
    const value = at + 1 < a.length ? a.slice(at + 1) : argv[++k] ?? '';
    login = login || value.startsWith('-');
  }
  return login;
}

/** The message of a startup file a shell sources (`shell`, in words; `exiting`, the shell that sources a logout file). */
function startupMessage(startup: Written, shell: string, exiting: string): string {
  return BASH_LOGOUT.test(startup.path) || /zlogout$/.test(startup.path) ? `runs ${exiting}, which sources ${startup.path} as it exits (${startup.how})`
    : `runs ${shell}, which first sources ${startup.path} (${startup.how})`;
}

/** A simple command of a script as it runs: its line, its words, the words of each command substitution in it, and the workspace it runs in. */
interface ScriptCommand {
  /** Which simple command of the script it is: one is given once for each distinct reading of its variables. */
  readonly index: number;
  readonly line: string;
  readonly words: string[];
  readonly inner: string[][];
  readonly here: Here;
  /** What it reads as its input, written in the script: its heredoc's body or here-string. */
  readonly input?: string;
  /** The words of the command piped to it. */
  readonly piped?: string[];
  /** The heredoc or here-string of the command piped to it. */
  readonly pipedInput?: string;
  /** Why what is piped to it may hold a file of a workspace (`Input.pipedFile`). */
  readonly pipedFile?: string;
  /** Why what it prints itself (its output neither piped nor redirected) may hold a file of a workspace (`outputReading`). */
  readonly prints?: string;
  /** The startup files its environment names (`BASH_ENV`, `ENV`), as the container's env and the script set them before it. */
  readonly environment: Startup;
  /** The paths and descriptors the commands before it wrote or opened from a file of a workspace, the latest first (`Written`). */
  readonly written: readonly Written[];
}

/**
 * A ScriptCommand as readScriptCommands gives it, what it prints read when first asked (`printsOf`). A class, its getter on the
 * prototype: an object literal with a getter of its own is a dictionary to V8, slow to make and to read (some 6,500 are made
 * in one audit of the first 600 files of the real mix, and every reading of a script reads their fields).
 */
class ReadCommand implements ScriptCommand {
  constructor(
    readonly index: number,
    readonly line: string,
    readonly words: string[],
    readonly inner: string[][],
    readonly here: Here,
    readonly input: string | undefined,
    readonly piped: string[] | undefined,
    readonly pipedInput: string | undefined,
    readonly pipedFile: string | undefined,
    readonly environment: Startup,
    readonly written: readonly Written[],
    private readonly printsOf: () => string | undefined,
  ) {}

  get prints(): string | undefined {
    return this.printsOf();
  }
}

/**
 * A path a command of a script wrote from a file of a workspace, or a descriptor `exec` opened on one: a copy (`cp`, `mv`,
 * `install`, `ln`, `rsync`), what a command that prints such a file writes (`cat ci.sh > /tmp/x`, `tee`, `dd of=`), or the
 * descriptor `N` of `exec N< ci.sh`, named `/dev/fd/N` (`fdPath`). A shell that later runs it, sources it, or reads it as
 * `BASH_ENV` runs the repository's code.
 */
interface Written {
  /** The path, or `/dev/fd/N` for a descriptor. */
  readonly path: string;
  /** What wrote it, in words for a message. */
  readonly how: string;
  /** Whether it is a clone of the repository a Tekton param names (not a copy of a workspace's file). */
  readonly cloned?: boolean;
  /** The command line that wrote it (a copy, an extraction, a clone). */
  readonly line?: string;
}

/**
 * The directories of volumes a container shares with the steps before it and its sidecars, which may hold what they wrote of the
 * repository (`ContainerFiles.shared`), but the workspaces' own (read as such). Not Tekton's `/tekton/scripts` (its init container
 * writes the task's own scripts there), `/tekton/bin`, `/tekton/run`, `/tekton/downward` or `/tekton/creds` (its entrypoint's and
 * creds-init's).
 */
function sharedDirs(files: ContainerFiles, workspaces: readonly string[]): string[] {
  const theirs = new Set(workspaces.map((w) => normalDir(mountPathOf(w))));
  return (files.shared ?? []).filter((dir) => !theirs.has(dir));
}

/** The entry (`withMounts`) that stands for a directory of a shared volume (`sharedDirs`): its files may be the repository's. */
const SHARED = '\u0002';
const sharedEntry = (dir: string): string => `${SHARED}${MOUNTED_AT}${dir}`;

/** A reason read with a shared volume's directory as a workspace (`sharedDirs`), in words of that volume. */
const ofShared = (why: string, dir: string): string => why
  .replace(/a workspace the repository fills/g, `the volume mounted at ${dir}, which other containers of the pod write`)
  .replace(/a file of a workspace/g, `a file of the volume mounted at ${dir}`);

/**
 * The `ContainerFiles` of shell code a command of the container's script runs itself (`sh -c '…'`, `eval`, a shell's input): what
 * the commands before that command wrote is not read there, so only a file of a fixed volume (kubelet mounts it read-only) is known
 * not to be the repository's; no directory is read as shared.
 */
function nestedFiles(files: ContainerFiles): ContainerFiles {
  return { fixed: files.fixed, open: [...new Set([...files.open, '/'])].sort() };
}

/** How a message speaks of a workspace's file, said of a clone of the repository a param names. */
const ofClone = (why: string, w: Written): string => (w.cloned === true
  ? why.replace(/a workspace the repository fills/g, 'a directory the repository fills').replace(/a file of a workspace/g, 'a file of the repository')
  : why);

/**
 * The directory `git clone REPO [DIR]` makes of a repository whose URL a Tekton param (or a result) gives, `$(params.url)`: the
 * repository the caller names, as a clone task's (DIR, else the last part of REPO, less `.git`, in `cwd`; git 2.39 builtin/clone.c
 * `git_url_basename`).
 */
function paramClone(read: ProgramRead, cwd: string | undefined): string | undefined {
  const { after } = read;
  let j = 0;
  for (; j < after.length && after[j].startsWith('-'); j++) if (!after[j].includes('=') && GIT_VALUED.has(after[j])) j++;
  if (after[j] !== 'clone') return undefined;
  const [repo, dir] = gitOperands(after.slice(j + 1), GIT_CLONE_VALUED);
  if (repo === undefined || !/\$\(\s*(?:params|tasks)\./.test(repo)) return undefined;
  // (git -C DIR clone: relative to DIR)
  const base = after.slice(0, j).flatMap((a, k) => (a === '-C' ? [after[k + 1]] : [])).reduce((d: string | undefined, to) => cdPath(to, d), cwd);
  if (dir !== undefined) return dir.startsWith('/') || base === undefined ? dir : `${base}/${dir}`;
  const human = basename(repo.replace(/\/+$/, '').replace(/\/\.git$/, '')).replace(/\.git$/, '');
  return base === undefined || human === '' || human === '.' || human.includes('$(') ? undefined : `${base}/${human}`;
}

/** 7-Zip's programs (7-Zip 26, p7zip 16: `7z`, `7za`, `7zr`, `7zz`). */
const SEVEN_ZIP = ['7z', '7za', '7zr', '7zz'];

/**
 * How 7-Zip reads its arguments: whether it extracts (its command, the first word not a switch: `x`, or `e`, which drops the
 * paths; any case), the archive (the next such word) and the directory it extracts into (`-oDIR`, glued; else its working
 * directory). (7-Zip 26 run: `7zz x src.zip -o/w` writes /w/build.sh.)
 */
function sevenZipReading(args: readonly string[]): { extract: boolean; file?: string; dir?: string } {
  const words = args.filter((a) => !a.startsWith('-'));
  const dir = args.filter((a) => /^-o./i.test(a)).map((a) => a.slice(2)).pop();
  return { extract: /^[xe]$/i.test(words[0] ?? ''), file: words[1], dir };
}

/** The programs `writtenBy` reads: those that write what they read to the files they are given. */
const WRITERS: ReadonlySet<string> = new Set(['tee', 'sponge', 'dd', 'tar', 'bsdtar', 'cpio', 'unzip', 'git', ...SEVEN_ZIP, ...COPY_PROGRAMS]);

/** The letters of GNU tar's and bsdtar's short options that take a value (in a group, the rest of it, else the next word; in the old style, the words after the group, in order). */
const TAR_VALUED = 'bCfFgHIKLNTVX';

/** GNU tar's and bsdtar's long options that take the next word as their value (without `=`). */
const TAR_LONG_VALUED = new Set(['--exclude', '--exclude-from', '--files-from', '--transform', '--xform', '--owner', '--group', '--mode', '--mtime',
  '--use-compress-program', '--to-command', '--strip-components', '--newer', '--after-date', '--newer-mtime', '--label', '--format', '--index-file',
  '--blocking-factor', '--record-size', '--tape-length', '--info-script', '--new-volume-script', '--rmt-command', '--rsh-command', '--volno-file',
  '--suffix', '--checkpoint-action', '--owner-map', '--group-map', '--level', '--listed-incremental', '--starting-file', '--quoting-style',
  '--options', '--include', '--uid', '--gid', '--uname', '--gname']);

/**
 * The long options of tar's that `tarReading` reads, as an abbreviation names them: GNU tar 1.34 (getopt_long) and bsdtar 3.6
 * take any prefix that names one option alone (`--ext`, `--dir=/w`, bsdtar's `--direct=/w`; `--ex` and `--di` are ambiguous),
 * and bsdtar's `--cd` is its `--directory`.
 */
function tarLongOption(option: string): string {
  for (const [full, shortest] of [['--extract', 5], ['--get', 4], ['--directory', 5]] as const) {
    if (option.length >= shortest && full.startsWith(option)) return full;
  }
  return option;
}

/**
 * How GNU tar (1.34) and bsdtar read their arguments: whether they extract (`x` in the old-style first group, in a short group, or
 * `--extract`, `--get`, abbreviated or not: `tarLongOption`), the archive (`f`, `--file`; none is their input, as `tar --show-defaults`
 * gives `-f-`) and the directory they extract into (`C`, `--directory`, bsdtar's `--cd`: the last one).
 */
function tarReading(args: readonly string[]): { extract: boolean; file?: string; dir?: string; top?: string } {
  let extract = false;
  let file: string | undefined;
  let dir: string | undefined;
  let top: string | undefined;
  const take = (letter: string, value: string | undefined) => {
    if (letter === 'f') file = value;
    if (letter === 'C') dir = value;
  };
  let k = 0;
  if (args.length > 0 && !args[0].startsWith('-') && /^[A-Za-z]+$/.test(args[0])) {
    // the old style: `tar xf a.tar`, `tar xCf dir a.tar`
    let next = 1;
    for (const letter of args[0]) {
      if (letter === 'x') extract = true;
      else if (TAR_VALUED.includes(letter)) take(letter, args[next++]);
    }
    k = next;
  }
  for (; k < args.length; k++) {
    const a = args[k];
    if (a === '--') break;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const option = tarLongOption(eq > 0 ? a.slice(0, eq) : a);
      const value = () => (eq > 0 ? a.slice(eq + 1) : args[++k]);
      if (option === '--extract' || option === '--get') extract = true;
      else if (option === '--file') file = value();
      else if (option === '--directory' || option === '--cd') dir = value();
      else if (eq > 0 && option.length >= 7 && '--one-top-level'.startsWith(option)) top = a.slice(eq + 1);
      else if (eq < 0 && TAR_LONG_VALUED.has(option)) k++;
      continue;
    }
    if (!a.startsWith('-') || a.length < 2) continue;
    for (let j = 1; j < a.length; j++) {
      if (a[j] === 'x') {extract = true;} else if (TAR_VALUED.includes(a[j])) {
        take(a[j], j + 1 < a.length ? a.slice(j + 1) : args[++k]);
        break;
      }
    }
  }
  return { extract, file, dir, ...top === undefined ? {} : { top } };
}

/**
 * How GNU cpio (2.13) reads its arguments: its mode (`-p`, `--pass-through`: it copies the files its input names into the
 * directory of its operand; `-i`, `--extract`: it extracts the archive of its input, or of `-F`, `-I`, `--file`, into its working
 * directory or the one `-D`, `--directory` names), the archive, the directory.
 */
function cpioReading(args: readonly string[]): { mode?: 'pass' | 'extract'; file?: string; dir?: string } {
  let mode: 'pass' | 'extract' | undefined;
  let file: string | undefined;
  let dir: string | undefined;
  const operands: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const option = eq > 0 ? a.slice(0, eq) : a;
      if (option === '--pass-through') mode = 'pass';
      else if (option === '--extract') mode = 'extract';
      else if (option === '--file') file = eq > 0 ? a.slice(eq + 1) : args[++k];
      else if (option === '--directory') dir = eq > 0 ? a.slice(eq + 1) : args[++k];
      continue;
    }
    if (!a.startsWith('-') || a.length < 2) {
      operands.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      if (a[j] === 'p') {mode = 'pass';} else if (a[j] === 'i') {mode = 'extract';} else if ('DEFHIMORC'.includes(a[j])) {
        const value = j + 1 < a.length ? a.slice(j + 1) : args[++k];
        if (a[j] === 'F' || a[j] === 'I') file = value;
        if (a[j] === 'D') dir = value;
        break;
      }
    }
  }
  return { mode, file, dir: mode === 'pass' ? operands[0] : dir };
}

/**
 * How Info-ZIP unzip (6.0) reads its arguments: the archive (its first operand), the directory it extracts into (`-d DIR`,
 * `-dDIR`, anywhere; else its working directory); none when it only lists, tests or prints (`-l`, `-t`, `-v`, `-z`, `-p`, `-c`).
 */
function unzipReading(args: readonly string[]): { file?: string; dir?: string; extracts: boolean } {
  let file: string | undefined;
  let dir: string | undefined;
  let extracts = true;
  let excluding = false;
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    if (a.startsWith('-') && a.length > 1) {
      excluding = false;
      for (let j = 1; j < a.length; j++) {
        if ('ltvzpcZ'.includes(a[j])) extracts = false;
        if (a[j] === 'x') excluding = true;
        if (a[j] === 'd' || a[j] === 'P') {
          const value = j + 1 < a.length ? a.slice(j + 1) : args[++k];
          if (a[j] === 'd') dir = value;
          break;
        }
      }
      continue;
    }
    if (file === undefined && !excluding) file = a;
  }
  return { file, dir, extracts };
}

/** git clone's options that take the next word as their value (git 2.39 builtin/clone.c). */
const GIT_CLONE_VALUED = new Set(['-o', '--origin', '-b', '--branch', '-u', '--upload-pack', '--reference', '--reference-if-able', '--separate-git-dir',
  '--depth', '--shallow-since', '--shallow-exclude', '-c', '--config', '-j', '--jobs', '--template', '--filter', '--server-option', '--bundle-uri',
  '--revision']);

/** git pull's options that take the next word as their value (builtin/pull.c). */
const GIT_PULL_VALUED = new Set(['-s', '--strategy', '-X', '--strategy-option', '--depth', '--deepen', '--shallow-since', '--shallow-exclude', '-o',
  '--server-option', '--upload-pack', '-j', '--jobs', '--recurse-submodules-default', '--negotiation-tip']);

/** git worktree add's options that take the next word as their value (builtin/worktree.c). */
const GIT_WORKTREE_VALUED = new Set(['-b', '-B', '--reason']);

/** The operands of a git command's arguments `args`, past its options (those of `valued` taking the next word), and all after `--`. */
function gitOperands(args: readonly string[], valued: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    if (a === '--') return [...out, ...args.slice(k + 1)];
    if (!a.startsWith('-') || a === '-') out.push(a);
    else if (valued.has(a)) k++;
  }
  return out;
}

/**
 * The path a git command writes of the repository of a workspace (`programGit`, copies of one included): the working tree
 * `worktree add PATH` checks out, or `--work-tree=DIR` with a command that checks files out (GIT_WORK_TREE_WRITERS), or
 * `checkout-index --prefix=DIR/`, the archive `archive -o FILE` (`--output`) writes, and the clone `clone REPO [DIR]` makes of a
 * repository in a workspace (DIR, else the last part of REPO, less `.git`, in `cwd`).
 */
function gitWritten(read: ProgramRead, here: Here, workspaces: readonly string[], cwd: string | undefined): string | undefined {
  const { after } = read;
  let j = 0;
  // the working tree `--work-tree` names (`git --work-tree=/w checkout -f`: the repository's files are checked out there), or
  // GIT_WORK_TREE in its environment (git 2.39 environment.c: the option sets it)
  let workTree: string | undefined = read.assignments.filter(([name]) => name === 'GIT_WORK_TREE').map(([, value]) => value).pop();
  for (; j < after.length && after[j].startsWith('-'); j++) {
    const eq = after[j].indexOf('=');
    if (after[j].startsWith('--work-tree=')) workTree = after[j].slice(eq + 1);
    else if (after[j] === '--work-tree') workTree = after[j + 1];
    if (eq < 0 && GIT_VALUED.has(after[j])) j++;
  }
  const sub = after[j];
  const rest = after.slice(j + 1);
  if (sub === 'clone') {
    const [repo, dir] = gitOperands(rest, GIT_CLONE_VALUED);
    // the repository from where git runs (its -C moves it)
    const at = read.chdirs.reduce((d: Here, to) => moved(to, d, workspaces), gitDirectory(after.slice(0, j), here, workspaces));
    // a URL or `host:path` is another repository (git's transport), `file://` a local one
    const local = repo === undefined || (/^[^/]*:/.test(repo) && !repo.startsWith('file://')) ? undefined : repo.replace(/^file:\/\//, '');
    if (local === undefined || !namesWorkspaceFile(local, workspaces, at)) return undefined;
    if (dir !== undefined) return dir;
    const human = basename(repo.replace(/\/+$/, '').replace(/\/\.git$/, '')).replace(/\.git$/, '');
    return cwd === undefined || human === '' || human === '.' ? undefined : `${cwd}/${human}`;
  }
  if (sub === 'pull' || sub === 'fetch') {
    // (a pull of a workspace's repository merges its files into the working tree of the one git runs in: its last -C, else cwd;
    // a fetch brings them into that repository, which `git checkout FETCH_HEAD`, `reset --hard` or `merge` then writes there:
    // counted at the fetch, whatever follows)
    const [repo] = gitOperands(rest, GIT_PULL_VALUED);
    const at = read.chdirs.reduce((d: Here, to) => moved(to, d, workspaces), gitDirectory(after.slice(0, j), here, workspaces));
    // (a word without a slash is a remote's name, `git pull origin main`, not a path)
    const path = repo !== undefined && (!/^[\w.-]+$/.test(repo) || repo === '.' || repo === '..');
    const local = !path || (/^[^/]*:/.test(repo) && !repo.startsWith('file://')) ? undefined : repo.replace(/^file:\/\//, '');
    if (local === undefined || !namesWorkspaceFile(local, workspaces, at)) return undefined;
    const into = after.slice(0, j).flatMap((a, k) => (a === '-C' ? [after[k + 1]] : [])).pop();
    return workTree ?? (into === undefined ? cwd : into.startsWith('/') || cwd === undefined ? into : `${cwd}/${into}`);
  }
  if (programGit(read, here, workspaces) === undefined) return undefined;
  if (sub === 'worktree' && rest[0] === 'add') return gitOperands(rest.slice(1), GIT_WORKTREE_VALUED)[0];
  // (`checkout` with no branch, path or option keeps the working tree as it is: it lists what differs, git 2.39 builtin/checkout.c)
  if (workTree !== undefined && sub !== undefined && GIT_WORK_TREE_WRITERS.has(sub) && !(sub === 'checkout' && rest.length === 0)) return workTree;
  if (sub === 'checkout-index') {
    // (its files are named by the prefix and their path: a prefix ending in `/` is the directory they go to)
    const prefix = rest.map((a) => /^--prefix=(.+\/)$/s.exec(a)?.[1]).filter((p) => p !== undefined).pop();
    if (prefix !== undefined) return prefix;
  }
  if (sub === 'archive') {
    for (let k = 0; k < rest.length; k++) {
      const output = /^--output=(.+)$/s.exec(rest[k])?.[1] ?? (rest[k] === '-o' || rest[k] === '--output' ? rest[k + 1] : undefined);
      if (output !== undefined) return output;
    }
  }
  return undefined;
}

/** git's commands that write files of the repository into the working tree (`--work-tree`; git 2.39 builtin/checkout.c, reset.c …). */
const GIT_WORK_TREE_WRITERS: ReadonlySet<string> = new Set(['checkout', 'switch', 'restore', 'reset', 'read-tree', 'merge', 'pull', 'stash',
  'cherry-pick', 'revert', 'rebase', 'am', 'sparse-checkout']);

/** Where git's global options `options` (`-C DIR`) make it run from `here`. */
function gitDirectory(options: readonly string[], here: Here, workspaces: readonly string[]): Here {
  let at = here;
  for (let k = 0; k < options.length; k++) if (options[k] === '-C') at = moved(options[++k] ?? '', at, workspaces);
  return at;
}

/** The path standing for the descriptor N of the script (`/dev/fd/N`). */
const fdPath = (fd: number): string => `/dev/fd/${fd}`;

/**
 * What one simple command (one reading of its words `words`, whose output `output` reads) writes from a file of a workspace
 * (`Written`), and the descriptors an `exec` of redirections alone leaves open on one (or closes: `open`, changed in place; by
 * number, what opened it).
 */
function writtenBy(
  words: readonly string[], line: string, output: () => OutputReading, piped: string | undefined, workspaces: readonly string[], here: Here,
  open: Map<number, string>, cwd?: string,
): Written[] {
  // (most commands write nothing: one with no redirection to a file and none of these programs among its words is not read further)
  if (words[0] !== 'exec' && !words.some((w) => w.includes('>') || WRITERS.has(w.slice(w.lastIndexOf('/') + 1)))) return [];
  const out: Written[] = [];
  const wrote = (path: string | undefined) => {
    // a directory copied into is given with or without its slash (`cp -r . /tmp/src/`)
    const resolved = path !== undefined && cwd !== undefined && /^[^/$~]/.test(path) ? joinPath(cwd, path) : path;
    const trimmed = resolved === undefined || resolved === '/' ? resolved : resolved.replace(/\/+$/, '');
    if (trimmed !== undefined && trimmed !== '' && trimmed !== '/dev/null') out.push({ path: trimmed, how: `${trimmed}, written by \`${line}\` from a file of a workspace`, line });
  };
  const table = redirectionTable(words);
  if (words[0] === 'exec' && withoutRedirections(words).length === 1) {
    // exec 3< ci.sh: the descriptor stays open on the file for the commands after it (exec 3<&-, exec 3< other: no longer)
    for (const [fd, source] of table) {
      const from = source.kind === 'file' && source.read && namesWorkspaceFile(source.target, workspaces, here) ? line
        : source.kind === 'outer' ? open.get(source.fd) : undefined;
      if (from === undefined) open.delete(fd);
      else open.set(fd, from);
    }
    return out;
  }
  // what it prints, to a file its output is redirected to (cat ci.sh > /tmp/x, { cat ci.sh; } > /tmp/x)
  const stdout = table.get(1);
  if (stdout?.kind === 'file' && !stdout.read && output().file !== undefined) wrote(stdout.target);
  for (const { program, after, assignments } of programsOf(words)) {
    if (program === undefined) continue;
    const name = basename(program);
    const operands = withoutRedirections(after);
    if (name === 'tee' || name === 'sponge') {
      // what they read is written to their files
      const { from } = splitRedirections(after);
      if (piped !== undefined || (from !== undefined && namesWorkspaceFile(from, workspaces, here))) teeOperands(operands).files.forEach(wrote);
    } else if (name === 'dd') {
      const dd = ddFiles(operands);
      const { from } = splitRedirections(after);
      const reads = dd.input !== undefined ? namesWorkspaceFile(dd.input, workspaces, here)
        : piped !== undefined || (from !== undefined && namesWorkspaceFile(from, workspaces, here));
      if (reads) wrote(dd.output);
    } else if (COPY_PROGRAMS.has(name)) {
      const copy = copyOperands(name, operands)!;
      // in a workspace, its directory as the shell's PWD names it too (`ln -s "$PWD/ci.sh" /tmp/x`)
      const fromHere = (f: string) => typeof here === 'string' && /^(?:\$PWD|\$\{PWD\}|\$\(pwd\)|`pwd`)(?:\/|$)/.test(f);
      if (copy.sources.some((f) => namesWorkspaceFile(f, workspaces, here) || fromHere(f))) wrote(copy.destination);
    } else {
      // archivers and git: what they extract or check out of the repository, into a directory of their own
      const { from } = splitRedirections(after);
      // an archive they read from their input: piped from a command that prints a file of a workspace (`tar -c .`, `git archive`), or redirected from one
      const fromInput = piped !== undefined || (from !== undefined && namesWorkspaceFile(from, workspaces, here));
      const archive = (file: string | undefined) => (file === undefined || file === '-' ? fromInput : namesWorkspaceFile(file, workspaces, here));
      if (name === 'tar' || name === 'bsdtar') {
        const tar = tarReading(operands);
        // (GNU tar's `--one-top-level=DIR` extracts into DIR, from `-C`'s directory where relative: tar 1.34 run)
        const top = tar.top === undefined || tar.top.startsWith('/') || tar.dir === undefined ? tar.top : `${tar.dir}/${tar.top}`;
        if (tar.extract && archive(tar.file)) wrote(top ?? tar.dir ?? cwd);
      } else if (name === 'cpio') {
        const cpio = cpioReading(operands);
        // pass-through: the files its input names, relative to where it runs (`find . | cpio -pdm /tmp/w` in a workspace)
        if (cpio.mode === 'pass' && (fromInput || typeof here === 'string')) wrote(cpio.dir);
        if (cpio.mode === 'extract' && archive(cpio.file)) wrote(cpio.dir ?? cwd);
      } else if (name === 'unzip') {
        const zip = unzipReading(operands);
        if (zip.extracts && zip.file !== undefined && namesWorkspaceFile(zip.file, workspaces, here)) wrote(zip.dir ?? cwd);
      } else if (SEVEN_ZIP.includes(name)) {
        const zip = sevenZipReading(operands);
        if (zip.extract && zip.file !== undefined && namesWorkspaceFile(zip.file, workspaces, here)) wrote(zip.dir ?? cwd);
      } else if (name === 'git') {
        const read = { program, after: operands, assignments, chdirs: [], binds: [] };
        const clone = paramClone(read, cwd);
        const trimmed = clone?.replace(/\/+$/, '');
        if (trimmed !== undefined && trimmed !== '') out.push({ path: trimmed, how: `${trimmed}, the repository a param names, cloned by \`${line}\``, cloned: true, line });
        else wrote(gitWritten(read, here, workspaces, cwd));
      }
    }
  }
  return out;
}


/** The working directory a `cd` to `target` leads to from `cwd`, when known: an absolute path written plainly, or a relative one from a known one. */
function cdPath(target: string | undefined, cwd: string | undefined): string | undefined {
  if (target === undefined || target === '-' || /[$`~*?[\]]/.test(target)) return undefined;
  if (target.startsWith('/')) return joinPath('/', target);
  return cwd === undefined ? undefined : joinPath(cwd, target);
}

/** The workspace entries (`withMounts`) that stand for the paths of `written` (not descriptors): a copy of a file or directory of a workspace. */
function copiedEntries(written: readonly Written[]): string[] {
  return written.filter((w) => !w.path.startsWith('/dev/fd/')).map((w) => `${COPIED}${MOUNTED_AT}${w.path}`);
}

/** The words of a command with each descriptor of `open` that it reads named `/dev/fd/N` (`source /proc/self/fd/3`, `bash <&3`). */
function withOpenDescriptors(words: readonly string[], open: ReadonlySet<number>): string[] {
  const out: string[] = [];
  for (let k = 0; k < words.length; k++) {
    const dup = /^0?<&(.*)$/s.exec(words[k]);
    const target = dup === null ? undefined : dup[1] !== '' ? dup[1] : words[k + 1];
    // (the dup's digits as bash 5.2 reads them, a leading zero too: `bash <&03` reads descriptor 3; a variable, `<&$fd`, as descriptorOf reads it)
    const digits = target === undefined ? null : /^([0-9]+)-?$/.exec(target);
    const fd = target === undefined ? descriptorOf(words[k]) : digits !== null ? Number(digits[1]) : descriptorOf(`/dev/fd/${target.replace(/-$/, '')}`);
    if (fd === undefined || fd === 0 || !open.has(fd)) {
      out.push(words[k]);
      continue;
    }
    if (target !== undefined) {
      out.push('<', fdPath(fd));
      if (dup![1] === '') k++;
    } else {
      out.push(fdPath(fd));
    }
  }
  return out;
}

/** The script's variables at a point: a value known, or null; a name not in it is neither set nor known (left as written). */
type Vars = Map<string, string | null>;

/** What a loop's pass leaves at its end in the variables it assigns (`endOfPass`): a value, not known (null), or not set (undefined). */
type Top = Map<string, string | null | undefined>;

/** A call of a function in the body of a function called is read (`callEffect`) at most this many calls deep. */
const MAX_CALLS_READ = 4;

/** At most this many sets of the script's variables are followed at once; more are merged into one (a variable they disagree on not known). */
const MAX_STATES = 8;

/** An `if` or `case` being read: the variables before it, those each branch ended with, the branch being read. */
interface Branching {
  readonly id: number;
  readonly kind: Scope['kind'];
  readonly entry: Vars[];
  readonly done: Vars[];
  branch: number;
  condition: boolean;
  otherwise: boolean;
}

/**
 * The distinct sets of variables of `states`. More than MAX_STATES: the variables the script does not read from here on
 * (`live` tells those it may) are made not known, then, if still more, all are merged into one.
 */
function distinct(states: readonly Vars[], live?: (name: string) => boolean): Vars[] {
  if (states.length <= 1) return [...states];
  // the sets differ only in the variables whose values (or presence) differ: compare those
  const first = states[0];
  const differs = new Set<string>();
  for (const state of states) {
    if (state === first) continue;
    for (const [name, value] of state) if (!first.has(name) || first.get(name) !== value) differs.add(name);
    for (const name of first.keys()) if (!state.has(name)) differs.add(name);
  }
  const differing = [...differs];
  const without = (state: Vars, unknown: readonly string[]) => {
    const copy = new Map(state);
    for (const name of unknown) copy.set(name, null);
    return copy;
  };
  // a variable no command reads from here on tells no set from another
  const dead = live === undefined ? [] : differing.filter((name) => !live(name.replace(/(?:\[@\]|\u0000line|\u0000foreign)$/, '')));
  const compared = dead.length === 0 ? differing : differing.filter((name) => !dead.includes(name));
  const out = firstOfEach(states, compared).map((state) => (dead.length === 0 ? state : without(state, dead)));
  if (out.length <= MAX_STATES) return out;
  // too many: one set where what they differ in is not known, but a command line each holds the same program and first words
  // of, which it keeps as a template (`mergedTemplate`)
  const merged = without(out[0], compared);
  const names = new Set(compared.filter((name) => !name.endsWith('[@]') && !name.endsWith('\u0000line')).map((name) => name.replace(/\u0000foreign$/, '')));
  for (const name of names) {
    const template = mergedTemplate(out, name);
    if (template !== null) merged.set(foreignOf(name), template);
  }
  return [merged];
}

/**
 * The template (`foreignTemplate`) of what `name` holds in one of `states`, where each holds a command line (its value, or a
 * template) and they differ only past the same program and words: those words with `${name}` after them, where each one's rest
 * is plain words eval reads as arguments alone (no operator, quote but balanced single quotes, backslash, newline or expansion
 * but Tekton's substitutions and the variables of a template). The rest is one of texts the script wrote, not the repository's.
 */
function mergedTemplate(states: readonly Vars[], name: string): string | null {
  const texts = states.map((state) => {
    const value = state.get(name);
    return typeof value === 'string' ? value : state.get(foreignOf(name)) ?? null;
  });
  if (texts.some((text) => typeof text !== 'string')) return null;
  const first = texts[0]!;
  let n = 0;
  while (n < first.length && texts.every((text) => text![n] === first[n])) n++;
  const cut = first.slice(0, n).search(/\s\S*$/);
  const prefix = first.slice(0, cut + 1);
  const quotes = (text: string) => (text.match(/'/g) ?? []).length % 2 === 0;
  if (cut < 0 || !/^[A-Za-z0-9_./+-]+\s/.test(prefix) || /["\\]/.test(prefix) || !quotes(prefix)) return null;
  const plain = texts.every((text) => {
    const rest = text!.slice(cut + 1).replace(TEKTON_SUBSTITUTION, '').replace(VARIABLE, '');
    return !/[;&|<>()`$"\\\n{}]/.test(rest) && quotes(rest);
  });
  return plain ? `${prefix}\${${name}}` : null;
}

/** The first of `states` of each distinct reading of the variables `names` (a name set or not, and its value), in order. */
function firstOfEach(states: readonly Vars[], names: readonly string[]): Vars[] {
  const out: Vars[] = [];
  for (const state of states) {
    if (!out.some((kept) => names.every((name) => kept.get(name) === state.get(name) && kept.has(name) === state.has(name)))) out.push(state);
  }
  return out;
}

/**
 * The simple commands of a shell script, each with the workspace it runs in (starting in
 * `start`): a `cd` or `pushd` to a workspace moves what follows, to a relative directory it
 * stays where it was (one that may not run, in an `if` or after `&&`, or that leaves a workspace in one reading and not in
 * another, keeps the workspace); the commands of `$(…)` and backquoted substitutions are given with their
 * line (`VERSION=$(./hack/version.sh)`). Variables are expanded where their value is known: the
 * container's `env`, and what the script assigns itself before, as `assign` reads it. The branches of an `if` and the
 * items of a `case` are followed apart: after it, a variable holds any value one of them left (or, when no branch may run,
 * an `if` without `else` or a `case` without `*)`, the value before), and a command is given once for each distinct set of
 * values it may run with (`index` tells the command). `files`, given for the container's own script alone (the commands before
 * each of its commands are those of the script), tells where its files come from (`readsNoRepository`).
 */
function commandsIn(
  script: string, start: Here, workspaces: readonly string[], env: ReadonlyMap<string, string>, startup: Startup = new Map(), cwd?: string,
  files?: ContainerFiles,
): readonly ScriptCommand[] {
  // the repository's code and its git are read from the same script with the same arguments: read once. Of the env and startup
  // variables the reading takes those the script names alone, by name (`scriptVariables`), and of BASHOPTS whether it holds
  // lastpipe: steps whose env differs in other names (a stepTemplate's, a param's value the script never reads) read the same
  const commands = simpleCommands(script);
  const { lastRead, mentions } = scriptVariables(commands);
  const vars: Vars = new Map<string, string | null>([...env].filter(([name]) => lastRead.has(name))
    .map(([name, value]) => [name, knownValue(value) ? value : null]));
  for (const [name, value] of startup) vars.set(name, value !== null && knownValue(value) ? value : null);
  // (bash also where the container's env gives BASHOPTS holding lastpipe, which it sets as it starts: bash 5.2 run)
  const lastpipe = /\blastpipe\b/.test(env.get('BASHOPTS') ?? '');
  // (a reading that never asked where a file comes from, `ownFile`, is the same whatever `files` holds: kept without it)
  const key = JSON.stringify([start ?? null, workspaces, byName(vars), lastpipe, cwd ?? null]);
  const withFiles = (): string => `${key}${JSON.stringify(files ?? null)}`;
  const byArguments = readCommands.get(script);
  const known = byArguments?.get(key) ?? byArguments?.get(withFiles());
  if (known !== undefined) return known;
  if (readCommands.size >= READ_COMMANDS_KEPT) readCommands.clear();
  const asked = { files: false };
  const out = readScriptCommands(script, commands, lastRead, mentions, start, workspaces, vars, lastpipe, cwd, files, asked);
  const kept = readCommands.get(script) ?? new Map<string, readonly ScriptCommand[]>();
  readCommands.set(script, kept.set(asked.files ? withFiles() : key, out));
  return out;
}

/**
 * Whether the shell of `script` runs a pipeline's last stage itself, not in a subshell: bash where the script sets lastpipe (`shopt -s
 * lastpipe`: a script runs without job control, where it applies) or the container's env gives BASHOPTS holding it (`bashoptsLastpipe`),
 * which it sets as it starts (bash 5.2 run); zsh and ksh always.
 */
function lastStageHolds(script: string, bashoptsLastpipe: boolean): boolean {
  return /\blastpipe\b/.test(script) || bashoptsLastpipe || /^#![^\n]*\b(?:zsh|ksh|ksh93|mksh)\b/.test(script);
}

/** A map's entries in the order of their names. */
const byName = <V>(map: ReadonlyMap<string, V>): Array<[string, V]> => [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * What `commandsIn` last read, by script and its other arguments, `files` among them only where the reading asked it (at most
 * READ_COMMANDS_KEPT scripts; the results are never changed).
 */
const readCommands = new Map<string, Map<string, readonly ScriptCommand[]>>();
const READ_COMMANDS_KEPT = 256;

/**
 * The variables a script's commands may read: `lastRead`, each name a command names (`$X`, `${X}`, `${#X}`, `${!X}`, in its line
 * or heredocs) with the last command that names it, and BASH_ENV and ENV (and the other STARTUP_VARIABLES), which any shell the
 * script runs reads (Infinity); `mentions`, the names each command names (its words are expanded from these alone). No other
 * variable of the container's env is ever read. Read once per list of commands (never changed).
 */
function scriptVariables(commands: readonly SimpleCommand[]): ScriptVariables {
  const known = SCRIPT_VARIABLES.get(commands);
  if (known !== undefined) return known;
  const lastRead = new Map<string, number>(STARTUP_VARIABLES.map((name) => [name, Infinity]));
  const mentions = commands.map((command, k) => {
    const text = [command.line, ...command.heredocs.map((h) => h.body)].join('\n');
    const named = new Set<string>();
    for (const m of text.matchAll(/\$\{?[#!]?([A-Za-z_][A-Za-z0-9_]*)/g)) {
      named.add(m[1]);
      if ((lastRead.get(m[1]) ?? -1) < k) lastRead.set(m[1], k);
    }
    return [...named];
  });
  const out = { lastRead, mentions };
  SCRIPT_VARIABLES.set(commands, out);
  return out;
}

interface ScriptVariables {
  readonly lastRead: ReadonlyMap<string, number>;
  readonly mentions: ReadonlyArray<readonly string[]>;
}

/** `scriptVariables` by the list of commands `simpleCommands` gave. */
const SCRIPT_VARIABLES = new WeakMap<readonly SimpleCommand[], ScriptVariables>();

/**
 * `commandsIn`, read afresh: `vars`, the container's env and startup variables the script may read (`scriptVariables`), with the values
 * known; `filesAsked.files` set where the reading asks `files` where a file comes from (`ownFile`: it may then read otherwise with other files).
 */
function readScriptCommands(
  script: string, commands: readonly SimpleCommand[], lastRead: ReadonlyMap<string, number>, mentions: ReadonlyArray<readonly string[]>,
  start: Here, workspaces: readonly string[], vars: Vars, bashoptsLastpipe: boolean, startDir?: string, files?: ContainerFiles,
  filesAsked: { files: boolean } = { files: false },
): ScriptCommand[] {
  const out: ScriptCommand[] = [];
  let here = start;
  const stack: Branching[] = [];
  const live = (from: number) => (name: string) => (lastRead.get(name) ?? -1) >= from;
  let states: Vars[] = [vars];
  // the variables each command assigns (by name): the last command that assigns each, and those assigned in each loop
  // (read only where a command is in a loop, `{ … }` or a subshell)
  const lastAssigned = new Map<string, number>();
  const assignedIn = new Map<number, Set<string>>();
  const firstOf = new Map<number, number>();
  if (commands.some((command) => command.scope.some((scope) => scope.kind === 'loop' || scope.kind === 'other'))) {
    commands.forEach((command, k) => {
      const scratch: Vars = new Map();
      assign(command, scratch, true);
      const names = [...scratch.keys()].filter((name) => !name.includes('\u0000')).map((name) => name.replace(/\[@\]$/, ''));
      for (const name of names) lastAssigned.set(name, k);
      // (a `for` header sets its variable anew each round: not what an earlier round left, in its own loop)
      const header = forValues(command) !== undefined ? command.scope[command.scope.length - 1]?.id : undefined;
      for (const scope of command.scope) {
        if (!firstOf.has(scope.id)) firstOf.set(scope.id, k);
        if (scope.kind !== 'loop' || scope.id === header) continue;
        const inLoop = assignedIn.get(scope.id) ?? new Set<string>();
        for (const name of names) inLoop.add(name);
        assignedIn.set(scope.id, inLoop);
      }
    });
  }
  // the names a loop or `{ … }` hides, with their array spellings (the same for every command of the same scopes)
  const hiddenByScopes = new Map<string, string[]>();
  const hiddenSets = new Map<readonly string[], ReadonlySet<string>>();
  const hiddenSpellings = (loopIds: readonly number[], hiddenFrom: number): string[] => {
    if (loopIds.length === 0 && hiddenFrom === Infinity) return [];
    const key = `${hiddenFrom}|${loopIds.join(',')}`;
    const known = hiddenByScopes.get(key);
    if (known !== undefined) return known;
    const hidden = new Set<string>(loopIds.flatMap((id) => [...assignedIn.get(id) ?? []]));
    if (hiddenFrom !== Infinity) for (const [name, last] of lastAssigned) if (last >= hiddenFrom) hidden.add(name);
    const spellings = [...hidden].flatMap((name) => [name, `${name}[@]`, partialOf(name), foreignOf(name)]);
    hiddenByScopes.set(key, spellings);
    return spellings;
  };
  let at = 0;
  // a branch ends: what it left is one outcome of its if or case
  const close = (frame: Branching) => {
    frame.done.push(...states);
    // no branch may run: the variables as they were before (with what the conditions did)
    if (!frame.otherwise) frame.done.push(...frame.entry);
    states = distinct(frame.done, live(at));
  };
  let previous: { pipe: boolean; words: string[][]; input?: string; file?: string; names: boolean; scopes: readonly number[] } | undefined;
  // why what the commands of each compound command or subshell print may hold a file of a workspace (`{ cat ci.sh; } | sh`), by id
  // (read when asked: what each command of the scope prints, in order, the first that may hold one telling)
  const scopePrints = new Map<number, Array<() => string | undefined>>();
  const scopeRead = new Map<number, string | undefined>();
  const printedIn = (id: number): string | undefined => {
    if (!scopeRead.has(id)) scopeRead.set(id, scopePrints.get(id)?.map((f) => f()).find((why) => why !== undefined));
    return scopeRead.get(id);
  };
  // aliases the script defines (sh and dash expand them in scripts, bash with expand_aliases): a first word written plainly is replaced
  const aliases = new Map<string, string>();
  // what the commands so far wrote from a file of a workspace (the latest first), and the descriptors exec opened on one
  let written: readonly Written[] = [];
  const open = new Map<number, string>();
  // whether a command substitution's commands read nothing of the repository, with what was written so far and the commands that
  // may have run before the one being read (`foreignTemplate`)
  // (`filesAsked.files`: whether the reading asked `files` where a file comes from)
  const foreign = (code: string): boolean => readsNoRepository(code, workspaces, written, files, (path) => mayWriteBefore(commands, at, path), () => {
    filesAsked.files = true;
  });
  // the working directory, where a `cd` names it plainly (`cd /tmp/w`): where an archiver extracts without `-C`
  let cwd: string | undefined = startDir;
  // a `cd` in a subshell moves that subshell alone: `( … )`, a compound command piped or run in the background, each stage of a
  // pipeline (bash runs the last one in a subshell too, unless `shopt -s lastpipe`; zsh and ksh run it in the shell itself), a
  // command run with `&` (bash 5.2 execute_cmd.c execute_pipeline, dash eval.c evalpipe); where each was entered, by scope id
  // (bash also where the container's env gives BASHOPTS holding lastpipe, which it sets as it starts: bash 5.2 run)
  const lastStageHeld = lastStageHolds(script, bashoptsLastpipe);
  const isolated = subshellScopes(commands, lastStageHeld);
  // the directory `cd -`, `cd "$OLDPWD"` and `cd ~-` go back to (OLDPWD, unset as a script starts: null), and pushd's stack,
  // whose top popd goes back to (bash 5.2 builtins/cd.def, pushd.def)
  type Place = { readonly here: Here; readonly cwd: string | undefined };
  let oldHere = null as Place | null;
  let pushed: readonly Place[] = [];
  const entered: Array<Place & { readonly id: number; readonly oldHere: Place | null; readonly pushed: readonly Place[] }> = [];
  // a call of a function the script defines runs its body again: what the body assigns is not known after it (namerefs'
  // targets, assigned through another name, are never known from their declaration on)
  const functionAssigns = new Map([...definedFunctions(script)].map(([name, bodies]) => {
    const scratch: Vars = new Map();
    for (const body of bodies) for (const c of simpleCommands(body)) assign(c, scratch, true);
    return [name, [...scratch.keys()].filter((n) => !n.includes('\u0000') && !n.endsWith('[@]'))];
  }));
  const namerefs = namerefTargets(commands);
  // whether a variable is exported to what the command at an index runs (bash passes a program only those: bash 5.2 run, `GIT_DIR=…;
  // git rev-parse --git-dir` found no repository, `BASH_ENV=…; bash -c …` sourced nothing): one of the container's env (`vars` as
  // the script starts) or one an earlier command exports (`scriptExports`)
  const fromEnvironment = new Set(vars.keys());
  const allexportShebang = shellPattern(ALLEXPORT_SHEBANG).test(script);
  let exports: ReadonlyArray<ReadonlySet<string> | '*'> | undefined;
  // (`unset NAME`, `export -n NAME` or `declare +x NAME` surely run before it, with no export since, stop that: `exportChange`; bash 5.2 run,
  // `export GIT_DIR=…; export -n GIT_DIR; git rev-parse --git-dir` found no repository in /tmp)
  const exportedAt = (index: number, name: string): boolean => {
    exports ??= commands.map(scriptExports);
    const scopes = commands[index].scope;
    const anywhere = scopes.some((scope) => scope.kind === 'other');
    let cleared = -1;
    for (let k = index - 1; k >= 0 && !anywhere && cleared < 0; k--) {
      const change = exportChange(commands[k], name);
      if (change === 'export') break;
      if (change !== undefined && commands[k].unconditional && !(change === 'unset' && madeReadonly(commands, name, k))) cleared = k;
    }
    if (cleared < 0 && fromEnvironment.has(name)) return true;
    // (every variable the script assigns where its #! line's option group holds `a`, `ALLEXPORT_SHEBANG`; after an `export -n` or unset, where assigned
    // again: bash 5.2 run, `#!/bin/bash -a` then `GIT_DIR=/ws/.git; git rev-parse --git-dir` printed /ws/.git)
    const assignment = new RegExp(`^${name}(?:\\[[^\\]]*\\])?\\+?=`);
    // (a command that may assign it: a word `NAME=…`, or naming it, `read -r NAME`; one in a function's body, `{ … }` or a loop may run anywhere)
    const assigns = (c: SimpleCommand): boolean => c.words.some((w) => w.text === name || assignment.test(w.text));
    if (allexportShebang && (cleared < 0 || commands.slice(cleared + 1, index).some(assigns))) {
      return true;
    }
    // (allexport set before it, `set -a`: what is assigned while it holds, up to a `set +a` or `shopt -uo allexport` surely run, not what was
    // assigned before it; bash 5.2 run, `set -a; set +a; BASH_ENV=./env.sh; bash -c true` and `V=1; set -a; env` exported nothing, `set -a;
    // BASH_ENV=./env.sh; set +a` and `set -a; read -r BASH_ENV <<< ./env.sh; set +a`, then `bash -c true`, sourced it)
    const allexported = (k: number): boolean => {
      if (commands.some((c) => assigns(c) && c.scope.some((scope) => scope.kind === 'other' || scope.kind === 'loop'))) return true;
      for (let j = k + 1; j < index; j++) {
        if (assigns(commands[j])) return true;
        if (commands[j].unconditional && allexportChange(commands[j]) === 'off') return false;
      }
      return false;
    };
    return exports.some((names, k) => (names === '*' || names.has(name))
      && ((k < index && k > cleared && (names !== '*' || allexportChange(commands[k]) !== 'on' || allexported(k)))
      // (eval's or source's code runs in the shell itself: what it exports reaches what it runs)
      || (k === index && names === '*')
      // (in a loop with it, run again; in a function's body or a group, which may run anywhere; or the command in one)
      || commands[k].scope.some((scope) => scope.kind === 'other' || (scope.kind === 'loop' && scopes.some((s) => s.id === scope.id)))
      || anywhere));
  };
  const forgetIn = (state: Vars, names: readonly string[]) => {
    for (const name of names) {
      state.set(name, null);
      state.set(`${name}[@]`, null);
      if (state.has(partialOf(name))) state.set(partialOf(name), null);
      if (state.has(foreignOf(name))) state.set(foreignOf(name), null);
    }
  };
  const forget = (names: readonly string[]) => {
    for (const state of states) forgetIn(state, names);
  };
  // what a command of a function's body or a loop does to the variables where it runs in that scope (`id`): it assigns them as `assign` reads
  // it, surely where it runs each time the scope does, in the scope itself (not in a branch, loop, group or subshell of it), and a function it
  // calls (the command at index `k`) as `callEffect` reads the call, or what it may assign not known
  const runIn = (k: number, state: Vars, id: number): void => {
    const c = commands[k];
    const surely = c.sequential && c.scope[c.scope.length - 1].id === id;
    assign(c, state, surely);
    const inner = calledFunction(script, c);
    const effect = inner === undefined || c.pipe || c.after === '|' || c.background || calling >= MAX_CALLS_READ ? undefined : callEffect(inner, c, k);
    if (effect !== undefined) effect(state, surely);
    else if (inner !== undefined) forgetIn(state, functionAssigns.get(inner) ?? []);
  };
  // the indexes of the commands of a scope, in order (they follow each other)
  const commandsOfScope = (id: number): number[] => {
    const inScope: number[] = [];
    const within = (k: number): boolean => k < commands.length && commands[k].scope.some((scope) => scope.id === id);
    for (let k = firstOf.get(id) ?? commands.length; within(k); k++) inScope.push(k);
    return inScope;
  };
  // a call of a function the script defines once, at its top level, as a `{ … }` group, before the call: what the body surely assigns to a global
  // holds after the call (bash 5.2 run: `f() { P=/ws/bin; }; f; PATH=$P; curl x` ran the workspace's curl), where no `return`, `break` or
  // `continue` may end the body before it, no nameref may assign it, and the call gives it no value of its own (`P=x f`, which bash restores
  // after the call); a name the body declares local (`local`, `declare`, `typeset` but with -g), or assigns only in a branch, a loop, a group or
  // a subshell of it, or that a function it calls may assign, is not known after it (bash 5.2 run: `f() { local P=/ws/bin; }; f; PATH=$P; curl
  // x` ran the system's curl). Undefined where none is read so: all it may assign is then not known (`functionAssigns`)
  // (calls in a body read so, at most MAX_CALLS_READ deep: a deeper call's assignments are not known)
  let calling = 0;
  type Body = { readonly id: number; readonly last: number; readonly commands: readonly number[]; readonly local: ReadonlySet<string> };
  const bodies = new Map<string, Body | null>();
  const bodyOf = (name: string) => {
    if (!bodies.has(name)) {
      const body = commands.flatMap((c, k) => (c.scope.some((scope) => scope.function === name) ? [k] : []));
      const top = body.length > 0 ? commands[body[0]].scope[0] : undefined;
      const inBody = body.map((k) => commands[k]);
      const local = new Set(inBody.filter((c) => ['declare', 'typeset', 'local'].includes(c.words[0]?.text ?? '') && c.words[0].literal)
        .flatMap((c) => (mayBeOption(c.words.slice(1).map((w) => w.text)) ? [...functionAssigns.get(name) ?? []]
          : c.words.slice(1).some((w) => /^-[A-Za-z]*g/.test(w.text)) ? []
            : c.words.slice(1).map((w) => /^[A-Za-z_][A-Za-z0-9_]*/.exec(w.text)?.[0] ?? ''))));
      const read = top !== undefined && top.function === name && top.group && definedFunctions(script).get(name)?.length === 1 && namerefs.size === 0
        && inBody.every((c) => c.scope.find((scope) => scope.function === name)?.id === top.id && !['return', 'break', 'continue'].includes(c.words[0]?.text ?? ''));
      bodies.set(name, read ? { id: top.id, last: body[body.length - 1], commands: body, local } : null);
    }
    return bodies.get(name);
  };
  const callEffect = (name: string, call: SimpleCommand, index: number): ((state: Vars, surely: boolean) => void) | undefined => {
    const body = bodyOf(name);
    if (body === null || body === undefined || body.last >= index) return undefined;
    const local = new Set(body.local);
    for (const w of call.words) {
      const given = assignmentOf(w.text);
      if (given === undefined) break;
      local.add(given[0]);
    }
    return (state, surely) => {
      const after = new Map(state);
      calling++;
      for (const k of body.commands) runIn(k, after, body.id);
      calling--;
      // (what it assigns itself, and what a function it calls gave a value)
      const changed = [...after].filter(([n, value]) => typeof value === 'string' && state.get(n) !== value)
        .map(([n]) => n.replace(/(?:\[@\]|\u0000line|\u0000foreign)$/, ''));
      for (const assigned of new Set([...functionAssigns.get(name) ?? [], ...changed])) {
        const value = local.has(assigned) ? null : after.get(assigned);
        if (typeof value !== 'string') {
          forgetIn(state, [assigned]);
          continue;
        }
        for (const spelling of [assigned, `${assigned}[@]`, partialOf(assigned), foreignOf(assigned)]) {
          const held = after.get(spelling);
          if (held === undefined) {
            if (state.has(spelling)) state.set(spelling, null);
          } else {
            state.set(spelling, surely || state.get(spelling) === held ? held : null);
          }
        }
      }
    };
  };
  // the loops, function bodies, `{ … }` and subshells around the command being read, outermost first, each with what the commands of the
  // pass being read surely assigned in it before (a value) or may have (null): in a pass, a variable a command there surely assigned holds
  // that value for the commands after it there, whatever an earlier pass or a later command of the script may leave it (bash 5.2 run:
  // `f() { local P=/ws/bin; PATH=$P; curl x; }; f` and `for i in 1 2; do curl x; P=/ws/bin; PATH=$P; done` ran the workspace's curl, the
  // loop's the second time); a `{ … }` or subshell that is no function's body starts with what the one around it holds, a loop with that but
  // what its commands (a `for` header too), the functions they call or a nameref declared there may assign (bash 5.2 run: `f() { local P=/ws/bin;
  // for i in 1 2; do PATH=$P; curl x; done; }; f` ran the workspace's curl), a function's body empty
  // (a function's body also keeps the names a declaration surely run there made local, `locals`; a loop, what its pass may leave for the next,
  // `top`: `endOfPass`)
  const passes: Array<{ readonly id: number; readonly vars: Vars; readonly function: boolean; readonly locals: Set<string>; top?: Top }> = [];
  // what a loop's pass surely leaves in the variables it assigns where it runs to its end, from the variables it started with (`from`, each
  // set): what they hold at the start of the next pass (bash 5.2 run: `for i in 1 2; do PATH=$P; curl x; P=/ws/bin; done` ran the workspace's
  // curl the second time). Of a name every set agrees on, its value and spellings (undefined: not set); none where a nameref is declared in it,
  // nor a `for` header's own variable, which the header sets anew
  const endOfPass = (id: number, from: readonly Vars[]): Top => {
    const top: Top = new Map();
    const inLoop = commandsOfScope(id);
    if (inLoop.length === 0 || loopAssigns(id) === undefined) return top;
    // (no next pass where the pass surely ends the loop, `break`, `exit` or `return` in the loop itself, or a `for` header gives one word at most;
    // a `continue` there surely ends the pass: what follows it never runs)
    const atLevel = (k: number, words: readonly string[]): boolean => commands[k].sequential
      && commands[k].scope[commands[k].scope.length - 1].id === id && words.includes(commands[k].words[0]?.text ?? '') && commands[k].words[0].literal;
    const opening = commands[inLoop[0]];
    const each = opening.scope[opening.scope.length - 1].id === id ? forValues(opening) : undefined;
    const once = (state: Vars): boolean => each !== undefined && each.words.every(plainWord)
      && expandWords(each.words, state, true).every((value, _, values) => values.length === 1 && !/[*?[{]/.test(value));
    if (inLoop.some((k) => atLevel(k, ['break', 'exit', 'return'])) || from.every(once)) return top;
    const ran = inLoop.slice(0, [...inLoop.keys()].find((n) => atLevel(inLoop[n], ['continue'])));
    const ends = from.map((state) => {
      const copy = new Map(state);
      for (const k of ran) runIn(k, copy, id);
      return copy;
    });
    const header = each?.name;
    for (const name of new Set(loopAssigns(id))) {
      const values = new Set(ends.map((end) => end.get(name)));
      if (name === header || values.size !== 1 || typeof [...values][0] !== 'string') continue;
      for (const spelling of [name, `${name}[@]`, partialOf(name), foreignOf(name)]) {
        const held = new Set(ends.map((end) => end.get(spelling)));
        top.set(spelling, held.size === 1 ? [...held][0] : null);
      }
    }
    return top;
  };
  const loopAssigns = (id: number): readonly string[] | undefined => {
    const inLoop = commands.filter((c) => c.scope.some((scope) => scope.id === id));
    if ([...namerefs.values()].some((k) => commands[k].scope.some((scope) => scope.id === id))) return undefined;
    return [...assignedIn.get(id) ?? [], ...inLoop.flatMap((c) => [forValues(c)?.name ?? '', ...functionAssigns.get(calledFunction(script, c) ?? '') ?? []])];
  };
  // (the command's assignments read in each, with the variables it saw, `seen`, and the names a function it calls or a nameref may set: a
  // value where it surely runs in that pass, in that scope itself, and every set agrees on it; a name a declaration gives without a value, not
  // known: local to the function, it is unset where no earlier `local` in it gave it one, bash 5.2 run)
  // (a function it calls, read by `callEffect` where that reads one, `effect`: what it assigns, `called`)
  // (a declaration without a value of a name an earlier declaration surely run in the function's body made local keeps its value: bash 5.2 run,
  // `f() { local P=/ws/bin; local P; PATH=$P; curl x; }; f` ran the workspace's curl; a declaration without -g surely run there makes what it names
  // local from there on)
  const pass = (
    command: SimpleCommand, seen: readonly Vars[], unknown: readonly string[], effect?: (state: Vars, surely: boolean) => void, called?: string,
  ): void => {
    const declaration = ['declare', 'typeset', 'local'].includes(command.words[0]?.text ?? '') && command.words[0].literal;
    const options = declaration ? command.words.slice(1).map((w) => w.text) : [];
    const declared = declaration ? command.words.slice(1).filter((w) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(w.text)).map((w) => w.text) : [];
    const body = [...passes].reverse().find((p) => p.function);
    const plain = !mayBeOption(options) && !options.some((w) => /^-[A-Za-z]*[gn]/.test(w));
    const keeps = body !== undefined && plain ? body.locals : new Set<string>();
    const callAssigns = effect === undefined ? [] : (functionAssigns.get(called ?? '') ?? []).flatMap((name) => [name, `${name}[@]`, partialOf(name), foreignOf(name)]);
    for (const { id, vars: held } of passes) {
      const surely = command.sequential && command.scope[command.scope.length - 1].id === id;
      if (assignmentsOf(command).length > 0 || effect !== undefined) {
        const after = seen.map((state) => {
          const copy = new Map(state);
          assign(command, copy, surely, foreign);
          effect?.(copy, surely);
          return copy;
        });
        const names = new Set([...callAssigns, ...after.flatMap((copy, k) => [...new Set([...copy.keys(), ...seen[k].keys()])]
          .filter((name) => copy.get(name) !== seen[k].get(name) || copy.has(name) !== seen[k].has(name)))]);
        for (const name of names) {
          const values = new Set(after.map((copy) => copy.get(name) ?? null));
          held.set(name, values.size === 1 ? [...values][0] : null);
        }
      }
      for (const name of [...unknown, ...declared.filter((n) => !keeps.has(n))]) for (const spelling of [name, `${name}[@]`, partialOf(name), foreignOf(name)]) held.set(spelling, null);
    }
    if (body !== undefined && declaration && plain && command.sequential && command.scope[command.scope.length - 1].id === body.id) {
      for (const w of options) {
        const name = /^[A-Za-z_][A-Za-z0-9_]*(?==|$)/.exec(w)?.[0];
        if (name !== undefined) body.locals.add(name);
      }
    }
  };
  commands.forEach((command, index) => {
    at = index;
    // leaving a subshell: the directory it was entered in; entering one: where it was entered
    while (entered.length > 0 && !command.scope.some((scope) => scope.id === entered[entered.length - 1].id)) {
      ({ here, cwd, oldHere, pushed } = entered.pop()!);
    }
    for (const scope of command.scope) {
      if (isolated.has(scope.id) && !entered.some((e) => e.id === scope.id)) entered.push({ id: scope.id, here, cwd, oldHere, pushed });
    }
    const ownSubshell = command.pipe || (command.after === '|' && !lastStageHeld)
      || (command.background && !command.scope.some((scope) => isolated.has(scope.id)));
    // the if and case commands around it, up to the first other compound command or subshell
    const scopes: Scope[] = [];
    for (const scope of command.scope) {
      if (scope.kind !== 'if' && scope.kind !== 'case') break;
      scopes.push(scope);
    }
    let same = 0;
    while (same < stack.length && same < scopes.length && stack[same].id === scopes[same].id) same++;
    while (stack.length > same) close(stack.pop()!);
    scopes.forEach((scope, k) => {
      const frame = stack[k];
      if (frame === undefined) {
        const entry = states.map((m) => new Map(m));
        stack.push({ id: scope.id, kind: scope.kind, entry, done: [], branch: scope.branch, condition: scope.condition, otherwise: scope.otherwise });
        return;
      }
      if (frame.branch === scope.branch) return;
      // an if's condition goes on into its body; any other branch starts from the variables before the if or case
      const body = frame.kind === 'if' && frame.condition && !scope.condition && scope.branch === frame.branch + 1;
      if (!body) {
        if (!frame.condition) frame.done.push(...states);
        // a case item after `;&` or `;;&` may also start where the one before ended
        const before = scope.continued && !frame.condition ? states : [];
        states = distinct([...frame.entry.map((m) => new Map(m)), ...before], live(index));
      }
      frame.branch = scope.branch;
      frame.condition = scope.condition;
      frame.otherwise ||= scope.otherwise;
    });
    // in a loop, what the loop assigns may be what an earlier round left; in `{ … }` or a subshell, which may be a function's
    // body that runs when called, what the script assigns from there on: not known there
    const loops = command.scope.flatMap((scope) => (scope.kind === 'loop' ? [scope.id] : []));
    const hiddenFrom = Math.min(...command.scope.flatMap((scope) => (scope.kind === 'other' ? [firstOf.get(scope.id) ?? index] : [])));
    const spellings = hiddenSpellings(loops, hiddenFrom);
    // (from the smaller side: a state holds the live variables only, the names may be many)
    const hides = (state: Vars): boolean => {
      if (state.size < spellings.length) {
        const set = hiddenSets.get(spellings) ?? hiddenSets.set(spellings, new Set(spellings)).get(spellings)!;
        for (const [name, value] of state) if (value !== null && set.has(name)) return true;
        return false;
      }
      return spellings.some((name) => state.has(name) && state.get(name) !== null);
    };
    // (but what the commands of this pass of the loop or body surely assigned before it: `passes`)
    const hiding = command.scope.filter((scope) => scope.kind === 'loop' || scope.kind === 'other');
    let kept = 0;
    while (kept < passes.length && kept < hiding.length && passes[kept].id === hiding[kept].id) kept++;
    passes.length = kept;
    for (const scope of hiding.slice(kept)) {
      const outer = passes[passes.length - 1];
      const assigned = scope.kind === 'loop' ? loopAssigns(scope.id) : [];
      const held: Vars = outer === undefined || scope.function !== undefined || assigned === undefined ? new Map() : new Map(outer.vars);
      for (const name of assigned ?? []) for (const spelling of [name, `${name}[@]`, partialOf(name), foreignOf(name)]) held.delete(spelling);
      passes.push({ id: scope.id, vars: held, function: scope.function !== undefined, locals: new Set() });
    }
    const settled = [...passes[passes.length - 1]?.vars ?? []].filter((entry): entry is [string, string] => entry[1] !== null);
    const first = (spellings.length > 0 && states.some(hides)) || settled.length > 0 ? states.map((state) => {
      const copy = new Map(state);
      for (const name of spellings) if (copy.has(name)) copy.set(name, null);
      for (const [name, value] of settled) copy.set(name, value);
      return copy;
    }) : states;
    // (and, in a loop, a variable its pass has not assigned yet may hold what the pass before left at its end, `endOfPass`, in the loop's
    // condition and body, not a `for` header, which runs once; of the loops in the innermost function's body, whose commands run when it is called)
    const inBody = passes.map((p) => p.function).lastIndexOf(true);
    const seen = [...first];
    for (const entry of passes.slice(inBody + 1)) {
      const scope = command.scope.find((s) => s.id === entry.id)!;
      if (scope.kind !== 'loop') continue;
      entry.top ??= endOfPass(entry.id, first);
      if (!scope.loop?.body && (scope.loop?.word === 'for' || scope.loop?.word === 'select')) continue;
      const names = [...entry.top].filter(([name, value]) => typeof value === 'string' && !name.includes('\u0000') && !name.endsWith('[@]')
        && [name, `${name}[@]`, partialOf(name), foreignOf(name)].every((spelling) => !entry.vars.has(spelling))).map(([name]) => name);
      if (names.length === 0) continue;
      seen.push(...first.map((state) => {
        const copy = new Map(state);
        for (const name of names) {
          for (const spelling of [name, `${name}[@]`, partialOf(name), foreignOf(name)]) {
            const value = entry.top!.get(spelling);
            if (value === undefined) copy.delete(spelling);
            else copy.set(spelling, value);
          }
        }
        return copy;
      }));
    }
    // the sets that agree on every variable the command names (and BASH_ENV and ENV) give it the same words: expanded once
    // a command whose words (and those of its command substitutions) are all literal has the same words whatever the
    // variables hold: only BASH_ENV and ENV tell its readings apart
    const fixed = literalWordsOf(command);
    const projected = seen.length === 1 ? seen
      : firstOfEach(seen, fixed !== undefined ? STARTUP_VARIABLES : [...mentions[index].flatMap((name) => [name, `${name}[@]`, partialOf(name), foreignOf(name)]), ...STARTUP_VARIABLES]);
    const variants = projected.map((state) => {
      let lineWords = fixed?.words ?? expandWords(command.words, state, true);
      // `$PWD/x.sh`, `$(pwd)/x.sh`: the directory it runs in, where the script never sets PWD (a cd sets it: bash 5.2, dash)
      if (fixed === undefined && !state.has('PWD')) lineWords = lineWords.map((w) => w.replace(CURRENT_DIRECTORY, '.'));
      const alias = command.words[0]?.literal && command.line.startsWith(command.words[0].text) ? aliases.get(command.words[0].text) : undefined;
      if (alias !== undefined) lineWords = [...alias.split(/\s+/).filter((w) => w !== ''), ...lineWords.slice(1)];
      // eval's code is read when eval runs, after the aliases defined before: the first word of each of its commands too
      if (aliases.size > 0 && lineWords[0] === 'eval' && lineWords.length > 1) {
        const code = withAliases(lineWords.slice(1).join(' '), aliases);
        if (code !== undefined) lineWords = ['eval', code];
      }
      const inner = fixed?.inner ?? substitutedCommands(command).map((c) => expandWords(c.words, state, false));
      // BASH_ENV and ENV (and the other STARTUP_VARIABLES) as the script set them before, where exported to what it runs (`exportedAt`)
      const environment: Startup = new Map(STARTUP_VARIABLES.filter((n) => state.has(n) && (SHELL_VARIABLES.has(n) || exportedAt(index, n)))
        .map((n) => [n, state.get(n) ?? null]));
      return { words: lineWords, inner, environment };
    });
    const unique = variants.length === 1 ? variants
      : [...new Map(variants.map((v) => [JSON.stringify([v.words, v.inner, [...v.environment]]), v])).values()];
    for (const { words } of unique) {
      if (words[0] !== 'alias') continue;
      for (const a of words.slice(1)) {
        const m = /^([^=\s/$`'"]+)=(.*)$/s.exec(a);
        if (m) aliases.set(m[1], m[2]);
      }
    }
    const piped = previous?.pipe ? previous.words : undefined;
    const pipedInput = previous?.pipe ? previous.input : undefined;
    // piped from a compound command or subshell (`{ …; } | sh`, `( … ) | sh`, `while …; done < f | sh`): what its commands print
    const fromCompound = command.after === '|' && previous !== undefined && !previous.pipe;
    const closed = (from: readonly number[]) => from.filter((id) => !command.scope.some((scope) => scope.id === id))
      .map(printedIn).find((why) => why !== undefined);
    const pipedFile = previous?.pipe === true ? previous.file : fromCompound ? closed(previous?.scopes ?? []) : undefined;
    const pipedNames = previous?.pipe === true && previous.names;
    // what it prints: a file of a workspace it reads, or one piped to it that it passes on (`outputReading`)
    const closer = ['}', 'done', 'fi', 'esac'].includes(command.words[0]?.text ?? '') && command.words[0].literal;
    const before = previous;
    // (where it runs now: a later cd moves `here`)
    const runsAt = here;
    const reading = (): OutputReading[] => unique.map((v) => {
      if (!closer) return outputReading(v.words, v.inner, workspaces, runsAt, { file: pipedFile, names: pipedNames });
      // the end of a compound command: what its commands printed, or a file of a workspace redirected to them (`done < ./list`)
      const from = splitRedirections(v.words.slice(1)).from;
      const file = closed(before?.scopes ?? []) ?? (from !== undefined && namesWorkspaceFile(from, workspaces, runsAt) ? WORKSPACE_FILE : undefined);
      return { file, input: false, names: false };
    });
    const stdoutRedirected = unique.every((v) => splitRedirections(v.words).stdoutRedirected);
    // what it prints is read where the next command reads it (a pipe), a compound command around it passes it on, or a file gets
    // it; else only where a substitution's commands are read for what they print (`prints`, read when asked)
    const eager = command.pipe || unique.some((v) => v.words.some((w) => w.includes('>')) && redirectionTable(v.words).get(1)?.kind === 'file');
    let outputs: OutputReading[] | undefined = eager ? reading() : undefined;
    const outputsOf = (): OutputReading[] => (outputs ??= reading());
    const fileOf = () => outputsOf().map((o) => o.file).find((why) => why !== undefined);
    // what reaches the script's output (or the compound command's around it): not piped to the next command, not redirected
    const printsOf = (): string | undefined => (command.pipe || stdoutRedirected ? undefined : fileOf());
    const prints = eager ? printsOf() : undefined;
    previous = {
      pipe: command.pipe,
      words: unique.map((v) => v.words),
      input: standardInput(command),
      file: stdoutRedirected || !command.pipe ? undefined : fileOf(),
      names: command.pipe && outputsOf().some((o) => o.names),
      scopes: command.scope.map((scope) => scope.id),
    };
    // it runs whenever the branch it is in runs, and sets what it assigns for what follows there
    const definite = command.sequential && scopes.length === command.scope.length && scopes.every((scope) => !scope.condition);
    // `for NAME in WORDS`: each round, NAME holds one of the words as the shell expands them (a word whose value is not known
    // here, or a reading with more rounds than are followed, leaves it not known); no word, no round (bash 5.2 execute_cmd.c
    // execute_for_command)
    const each = forValues(command);
    // `echo DIR | read -r D` where the last stage runs in the shell (lastpipe, zsh, ksh): D holds what echo or printf printed, as the IFS the
    // script set splits it (bash 5.2 run with lastpipe: `IFS=:; echo "/opt/ok.sh x:./ci/push.sh" | read -r A P; "$P"` ran ./ci/push.sh)
    const lastStage = each === undefined && !ownSubshell && command.after === '|' && before?.pipe === true && before.words.length === 1 ? before : undefined;
    if (lastStage !== undefined) {
      // (it runs whenever the pipeline does: where its first stage, the command before, runs surely, after no `&&` or `||`)
      const surely = scopes.length === command.scope.length && scopes.every((scope) => !scope.condition) && commands[index - 1]?.after === ';'
        && !commands[index - 1].background;
      for (const state of states) {
        const pipedRead = lastStageRead(command, lastStage.words[0], lastStage.input, state.has('IFS') ? state.get('IFS') : undefined);
        if (pipedRead === undefined) {
          assign(command, state, definite, foreign);
          continue;
        }
        for (const [name, value] of pipedRead) {
          const held = state.get(name);
          state.set(name, surely || held === value ? value : null);
          state.delete(`${name}[@]`);
          state.delete(foreignOf(name));
        }
      }
    } else if (each === undefined) {for (const state of states) assign(command, state, definite, foreign);} else {
      states = distinct(states.flatMap((state) => {
        const values = expandWords(each.words, state, true);
        // (an IFS the script sets splits an expansion's value otherwise: `IFS=,; for f in $LIST`)
        const split = state.has('IFS') && each.words.some((w) => !plainWord(w));
        const rounds = values.every(knownValue) && !split ? values : [null];
        return rounds.length === 0 ? [state] : rounds.map((value) => {
          const round = new Map(state).set(each.name, value).set(`${each.name}[@]`, null);
          // (a template held before is no longer its value)
          if (round.has(foreignOf(each.name))) round.set(foreignOf(each.name), null);
          return round;
        });
      }), live(index));
    }
    const called = calledFunction(script, command);
    const effect = called === undefined || ownSubshell ? undefined : callEffect(called, command, index);
    if (called !== undefined && effect === undefined) forget(functionAssigns.get(called) ?? []);
    if (effect !== undefined) for (const state of states) effect(state, definite);
    const bound = [...namerefs].filter(([, from]) => from <= index).map(([name]) => name);
    if (bound.length > 0) forget(bound);
    if (passes.length > 0) pass(command, seen, [...effect === undefined ? functionAssigns.get(called ?? '') ?? [] : [], ...bound], effect, called);
    // a condition runs before the branches after it, and before the end of an if without else
    if (scopes.some((scope) => scope.condition)) for (const frame of stack) for (const state of frame.entry) assign(command, state, false, foreign);
    // the directory is the last operand (`pushd "$SRC" > /dev/null`), past `time`, `command` and `builtin` (`command cd src`)
    const dirWords = unique.map((v) => withoutRedirections(directoryCommand(v.words)));
    // (a cd in a pipeline's stage or run with `&` moves nothing after it)
    if (dirWords.some((w) => ['cd', 'pushd', 'popd'].includes(w[0])) && ownSubshell) return;
    // `pushd -n DIR` puts DIR under the top of the stack and `popd -n` drops it, neither changing directory (bash 5.2 pushd.def)
    const stackOnly = dirWords.find((w) => (w[0] === 'pushd' || w[0] === 'popd') && stackOptions(w).includes('-n'));
    if (stackOnly !== undefined) {
      const target = stackOnly[0] === 'pushd' ? stackOnly.slice(1 + stackOptions(stackOnly).length).find((w) => !/^[-+]\d+$/.test(w)) : undefined;
      if (stackOnly[0] === 'popd') {pushed = pushed.slice(0, -1);} else if (target !== undefined) {
        const copies = copiedEntries(written);
        pushed = [...pushed, { here: moved(target, here, copies.length === 0 ? workspaces : [...workspaces, ...copies]), cwd: cdPath(target, cwd) }];
      }
      return;
    }
    // popd, `cd -`, `cd "$OLDPWD"`: back where pushd or the last cd left (where not known: as it was); cd's options before it
    // (`cd -P -`, `cd -- -`: bash 5.2 and dash read `-` after them as before)
    const back = dirWords.find((w) => w[0] === 'popd' || (w[0] === 'cd' && cdOperands(w).length === 1 && /^(?:-|~-(?:\/.*)?|\$\{?OLDPWD\}?)$/.test(cdOperands(w)[0])))
      ?? (dirWords.length === 1 && dirWords[0][0] === 'pushd' && (dirWords[0].length === 1 || (dirWords[0].length === 2 && /^[-+]\d+$/.test(dirWords[0][1])))
        ? dirWords[0] : undefined);
    if (back !== undefined) {
      const from = { here, cwd };
      const to = back[0] === 'cd' ? oldHere : pushed[pushed.length - 1];
      if (back[0] !== 'cd') pushed = back[0] === 'popd' ? pushed.slice(0, -1) : [...pushed.slice(0, -1), from];
      if (to !== null && to !== undefined) {
        ({ here, cwd } = to);
        oldHere = from;
      }
      return;
    }
    const named = dirWords.flatMap((w) => (w[0] === 'cd' ? [cdOperands(w).slice(-1)[0]] : w[0] === 'pushd' ? [w.slice(1).pop()] : []));
    if (named.length > 0) {
      oldHere = { here, cwd };
      if (dirWords.some((w) => w[0] === 'pushd')) pushed = [...pushed, { here, cwd }];
      // (a directory the script copied from a workspace is the repository's too)
      const copies = copiedEntries(written);
      const reachable = copies.length === 0 ? workspaces : [...workspaces, ...copies];
      // (CDPATH's directories are searched first for a name not starting with `/`, `.` or `..`: the first that holds a copy or
      // a workspace is where cd goes, `CDPATH=/; cd w` into /w; bash 5.2 builtins/cd.def, dash cd.c)
      const cdpaths = [...new Set(states.map((state) => state.get('CDPATH')))];
      const cdpath = cdpaths.length === 1 && typeof cdpaths[0] === 'string' ? cdpaths[0] : undefined;
      const targets = named.map((target) => (target === undefined || cdpath === undefined || /^(?:\/|\.\.?(?:\/|$)|-$)/.test(target) ? target
        : cdpath.split(':').filter((d) => d !== '' && d.startsWith('/')).map((d) => joinPath(d, target))
          .find((dir) => typeof moved(dir, here, reachable) === 'string') ?? target));
      // (`cd ${SRC:-/workspace/source}`: where the variable is not known, its default may be the directory)
      // (`cd /workspace/sour*`: a pattern the mount path of a workspace matches may lead into it, or below one it lies in)
      const defaulted = targets.flatMap((target) => {
        const m = target === undefined ? null : /^\$\{([A-Za-z_][A-Za-z0-9_]*)(:?)[-=]([^{}]*)\}(.*)$/s.exec(target);
        if (m !== null) {
          // (where the script set it to a known value in every state, that value, or the default where `:-` and it is empty)
          const values = states.map((state) => state.get(m[1]));
          if (values.length > 0 && values.every((v): v is string => typeof v === 'string')) {
            return [...new Set(values.map((v) => `${m[2] === ':' && v === '' ? m[3] : v}${m[4]}`))];
          }
          return [target, `${m[3]}${m[4]}`];
        }
        if (target === undefined || !/[*?[]/.test(target) || /[$`]/.test(target)) return [target];
        const parts = normalDir(target).split('/');
        const matches = (p: string) => p.startsWith('/') && parts.length >= p.split('/').length && segmentPattern(parts.slice(0, p.split('/').length).join('/')).test(p);
        return [target, ...workspacePrefixes(reachable).filter(matches)];
      });
      // (`cd ..` from a directory known here is read from that directory: `cd /workspace/source; cd ..` leaves the workspace for
      // /workspace, where Tekton mounts no workspace of its own)
      const reached = defaulted.map((target) => (target === undefined ? here
        : cwd !== undefined && /^(?:\.\.?\/)*\.\.(?:\/|$)/.test(target) && cdPath(target, cwd) !== undefined ? hereOfDir(cdPath(target, cwd)!, reachable)
          : moved(target, here, reachable)));
      // a workspace any target reaches, else where the others lead from a WORKDIR not known here
      here = reached.find((w) => typeof w === 'string') ?? reached.find((w) => w !== undefined) ?? (command.unconditional ? undefined : here);
      // the directory itself, where it is known (`cd /tmp/w`, then `cd sub`)
      cwd = targets.length === 1 ? cdPath(targets[0], cwd) : undefined;
      const into = typeof here === 'string' || cwd === undefined ? undefined : copies.find((e) => inWorkspaceDir(cwd!, [e]));
      if (into !== undefined) here = into;
      return;
    }
    const input = standardInput(command);
    // exec < ci.sh: what a command reads of the script's input, unless piped or redirected, is the file
    const stdinFile = open.has(0) && piped === undefined && !fromCompound && unique.every((v) => !redirectionTable(v.words).has(0))
      ? `reads its input from a file of a workspace the repository fills, which \`${open.get(0)}\` opened` : undefined;
    // what it prints, read once when first asked (by the first of its readings)
    let asked = eager;
    let printed = prints;
    const lazyPrints = (): string | undefined => {
      if (!asked) {
        asked = true;
        printed = printsOf();
      }
      return printed;
    };
    for (const scope of command.scope) (scopePrints.get(scope.id) ?? scopePrints.set(scope.id, []).get(scope.id)!).push(lazyPrints);
    for (const { words, inner, environment } of unique) {
      for (const from of piped ?? [undefined]) {
        const fed = pipedFile ?? stdinFile;
        out.push(new ReadCommand(index, command.line, words, inner, here, input, from, pipedInput, fed, environment, written, lazyPrints));
      }
    }
    // what it writes from a file of a workspace, for the commands after it
    const openBefore = new Set(open.keys());
    const copies = copiedEntries(written);
    const sources = copies.length === 0 ? workspaces : [...workspaces, ...copies];
    const now = unique.flatMap((v, k) => writtenBy(v.words, command.line, () => outputsOf()[k], pipedFile, sources,
      here, open, cwd ?? (typeof here === 'string' && here.startsWith(COPIED) ? here.slice(2) : undefined)));
    // what it extracted into the directory it runs in (`cd /tmp/w && tar -xf $(workspaces.src.path)/src.tar`) is the repository's
    const extracted = typeof here === 'string' || cwd === undefined ? undefined : now.find((w) => cwd === w.path || cwd!.startsWith(`${w.path}/`));
    if (extracted !== undefined) here = `${COPIED}${MOUNTED_AT}${extracted.path}`;
    const opened = [...open].filter(([fd, by]) => !openBefore.has(fd) || by === command.line)
      .map(([fd]) => ({ path: fdPath(fd), how: `${fd < 1_000_000 ? `descriptor ${fd}` : 'the descriptor'}, which \`${open.get(fd)}\` opens on a file of a workspace` }));
    if (now.length > 0 || opened.length > 0 || openBefore.size !== open.size) {
      const paths = new Set([...now, ...opened].map((w) => w.path));
      written = [...now, ...opened, ...written.filter((w) => !paths.has(w.path) && (!w.path.startsWith('/dev/fd/') || open.has(Number(w.path.slice(8)))))];
    }
  });
  return out;
}

/**
 * Shell code with each simple command whose first word is an alias written plainly (`aliases`) starting with the alias's value, as
 * sh and dash expand it when they read the code (bash with `expand_aliases`); undefined where none is.
 */
function withAliases(code: string, aliases: ReadonlyMap<string, string>): string | undefined {
  let out = code;
  let from = 0;
  for (const c of simpleCommands(code)) {
    const first = c.words[0];
    const value = first?.literal && c.line.startsWith(first.text) ? aliases.get(first.text) : undefined;
    const at = value === undefined ? -1 : out.indexOf(c.line, from);
    if (at < 0) continue;
    out = `${out.slice(0, at)}${value}${out.slice(at + first!.text.length)}`;
    from = at + value!.length;
  }
  return out === code ? undefined : out;
}

/** A word's leading `$PWD`, `${PWD}`, `$(pwd)` or `` `pwd` `` before a `/` or the word's end: the directory the shell is in. */
const CURRENT_DIRECTORY = /^(?:\$PWD|\$\{PWD\}|\$\(pwd\)|`pwd`)(?=\/|$)/;

/** The operands of a `cd` (its words past the command), past its options (bash 5.2 `-L`, `-P`, `-e`, `-@`, grouped, and `--`). */
function cdOperands(words: readonly string[]): readonly string[] {
  let k = 1;
  while (k < words.length && /^-[LPe@]+$/.test(words[k])) k++;
  return words.slice(words[k] === '--' ? k + 1 : k);
}

/** The options of a `pushd` or `popd` (`-n`, `+N`, `-N`; bash 5.2 pushd.def reads them up to `--` or another word). */
function stackOptions(words: readonly string[]): readonly string[] {
  let k = 1;
  while (k < words.length && /^(?:-n|[-+]\d+)$/.test(words[k])) k++;
  return words.slice(1, k);
}

function directoryCommand(words: readonly string[]): readonly string[] {
  // (eval of a plain command line runs it in the shell: `eval cd src`, `eval "cd src"`)
  const code = words[0] === 'eval' ? words.slice(1).join(' ') : undefined;
  // (Tekton's substitutions are text: `eval "cd $(workspaces.src.path)"`)
  if (code !== undefined && !/[;&|<>()$`'"\\]/.test(code.replace(TEKTON_SUBSTITUTION, ''))) return directoryCommand(code.split(/\s+/).filter((w) => w !== ''));
  const k = pastBuiltins(words.map((text) => ({ text, literal: true })), 0);
  return k === 0 ? words : words.slice(k);
}

/**
 * The variables namerefs of `commands` name (`declare -n R=CMD`, `local -n`, `typeset -n`): an assignment to the nameref
 * assigns its target (bash 5.2), so the target is not known from the declaration on; by name, the index of the declaration.
 */
function namerefTargets(commands: readonly SimpleCommand[]): ReadonlyMap<string, number> {
  const out = new Map<string, number>();
  commands.forEach((command, k) => {
    const [first, ...rest] = command.words;
    if (!first?.literal || !DECLARING.has(first.text)) return;
    const flags = rest.filter((w) => /^-[A-Za-z]+$/.test(w.text));
    if (!flags.some((w) => w.text.includes('n'))) return;
    for (const w of rest) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*=([A-Za-z_][A-Za-z0-9_]*)$/.exec(w.text);
      if (m && !out.has(m[1])) out.set(m[1], k);
    }
  });
  return out;
}

/**
 * The variables a command exports, for the commands after it (bash 5.2 and dash run): the names `export` and `declare -x` (`typeset`,
 * `local`) give (not `export -n`, which stops exporting them); every one (`*`) after `set -a` or `set -o allexport`, an export of a name the script
 * does not fix (`export "$n"`), and the code `eval`, `source` or `.` runs, which may export any.
 */
function scriptExports(command: SimpleCommand): ReadonlySet<string> | '*' {
  const words = command.words;
  const at = pastBuiltins(words, 0);
  const first = words[at];
  if (first === undefined || !first.literal) return new Set();
  const rest = words.slice(at + 1);
  if (['eval', 'source', '.'].includes(first.text)) return '*';
  if (first.text === 'set' && rest.some((w, k) => /^-[A-Za-z]*a/.test(w.text) || (w.text === 'allexport' && /^-[A-Za-z]*o$/.test(rest[k - 1]?.text ?? '')))) return '*';
  // (`shopt -so allexport`, `shopt -s -o allexport`: set -a's option through shopt, bash 5.2 run)
  if (first.text === 'shopt' && rest.some((w) => w.text === 'allexport')) {
    const shoptOptions = builtinOptions(rest).options.join('');
    if (/s/.test(shoptOptions) && /o/.test(shoptOptions)) return '*';
  }
  const { options, operands } = builtinOptions(rest);
  if (first.text !== 'export' && !(DECLARING.has(first.text) && options.some((o) => /^-[A-Za-z]*x/.test(o)))) return new Set();
  // (`export -n NAME` stops exporting it: `exportChange`)
  if (first.text === 'export' && options.some((o) => /^-[A-Za-z]*n/.test(o))) return new Set();
  const names = new Set<string>();
  for (const w of operands) {
    if (w.text.startsWith('-') || w.text.startsWith('+')) continue;
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(w.text);
    if (m !== null && w.text.slice(m[0].length).match(/^(?:$|\+?=|\[)/) !== null) names.add(m[0]);
    else if (!w.literal) return '*';
  }
  return names;
}

/** The variable and the words of a `for NAME in WORDS` header (`for NAME` alone, over the positional parameters, has none known). */
function forValues(command: SimpleCommand): { readonly name: string; readonly words: readonly Word[] } | undefined {
  const [first, name, keyword] = command.words;
  if (first?.text !== 'for' || !first.literal || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name?.text ?? '') || keyword?.text !== 'in' || !keyword.literal) return undefined;
  const loop = command.scope[command.scope.length - 1];
  if (loop?.kind !== 'loop' || loop.loop?.word !== 'for' || loop.loop.body) return undefined;
  return { name: name.text, words: command.words.slice(3) };
}

/**
 * The ids of the scopes of `commands` that run in a subshell of their own: a `( … )`, and a compound command piped or run in
 * the background (every command in it is `background`), or on the right of a pipe (its first command follows `|`) unless
 * `lastStageHeld` (the shell runs a pipeline's last stage itself: `lastStageHolds`).
 */
function subshellScopes(commands: readonly SimpleCommand[], lastStageHeld: boolean): ReadonlySet<number> {
  const out = new Set<number>();
  const inBackground = new Map<number, boolean>();
  const firstAfter = new Map<number, string>();
  for (const command of commands) {
    for (const scope of command.scope) {
      if (scope.kind === 'other' && !scope.group) out.add(scope.id);
      inBackground.set(scope.id, (inBackground.get(scope.id) ?? true) && command.background);
      if (!firstAfter.has(scope.id)) firstAfter.set(scope.id, command.after);
    }
  }
  for (const [id, background] of inBackground) if (background) out.add(id);
  if (!lastStageHeld) for (const [id, after] of firstAfter) if (after === '|') out.add(id);
  return out;
}

/** A word `expandWord` gives as written whatever the variables hold. */
function plainWord(word: Word): boolean {
  return word.literal && word.variable === undefined && !word.text.startsWith('${');
}

/** The words `words` give with the variables `vars` (`expandWord` of each), each brace-expanded too when `braces`. */
function expandWords(words: readonly Word[], vars: ReadonlyMap<string, string | null>, braces: boolean): string[] {
  const out: string[] = [];
  for (const word of words) {
    for (const text of plainWord(word) ? [word.text] : expandWord(word, vars)) {
      if (braces && text.includes('{')) out.push(...braceExpansion(text));
      else out.push(text);
    }
  }
  return out;
}

/** A command's words and those of its command substitutions when every one is literal (as `expandWord` gives them), by command. */
const LITERAL_WORDS = new WeakMap<SimpleCommand, { readonly words: string[]; readonly inner: string[][] } | null>();

/** The words of a command and of its command substitutions, when no word holds an expansion (else undefined). */
function literalWordsOf(command: SimpleCommand): { readonly words: string[]; readonly inner: string[][] } | undefined {
  let known = LITERAL_WORDS.get(command);
  if (known === undefined) {
    const inner = substitutedCommands(command);
    known = command.words.every(plainWord) && inner.every((c) => c.words.every(plainWord))
      ? { words: command.words.map((w) => w.text).flatMap(braceExpansion), inner: inner.map((c) => c.words.map((w) => w.text)) }
      : null;
    LITERAL_WORDS.set(command, known);
  }
  return known ?? undefined;
}

/** Tekton's substitutions (`$(params.x)`, `$(workspaces.w.path)` …): written in before the shell runs, they are text to it. */
const TEKTON_SUBSTITUTION = /\$\(\s*(?:params|context|workspaces|tasks|steps|step|results|inputs|outputs)\.[^()]*\)/g;

/** Whether a variable's value is known text: it holds no expansion of the shell (Tekton's substitutions are text). */
function knownValue(value: string): boolean {
  return !/[$`]/.test(value.replace(TEKTON_SUBSTITUTION, ''));
}

/**
 * Where the script's variables (`Vars`) keep the value of `name` when it is a command line whose first word is known and some
 * later ones are not (`commandLine`): `name` itself is not known, and this is read only where `$name` is expanded unquoted.
 */
const partialOf = (name: string): string => `${name}\u0000line`;

/**
 * Where the script's variables (`Vars`) keep, for `name` whose value is not known, its template (`foreignTemplate`) when what is
 * not known of it holds nothing of the repository; read where `$name` is expanded and its value is not known.
 */
const foreignOf = (name: string): string => `${name}\u0000foreign`;

/**
 * A value not known (`value`, as `name` is assigned it) written so that what is not known of it holds nothing of the repository,
 * or null: each command substitution in it one whose commands read nothing of a workspace (`foreign`: `readsNoRepository`), left
 * as `${name}`, each variable one of that kind (its template in place, or the variable as written), Tekton's substitutions as
 * text (`cmd="mapt create --url s3://$(cat /opt/creds/bucket)"` is `mapt create --url s3://${cmd}`). eval and `sh -c` read the
 * template as code: what they run of its known words is read, its parts not known are what the shell reads of a variable it
 * does not know, and what the commands they may add run is not the repository's.
 */
function foreignTemplate(value: string, name: string, vars: ReadonlyMap<string, string | null>, foreign: (code: string) => boolean): string | null {
  let out = '';
  for (let k = 0; k < value.length; k++) {
    const c = value[k];
    if (c === '`' || c === '\u0001') return null;
    if (c !== '$' || value[k + 1] !== '(') {
      out += c;
      continue;
    }
    const end = value[k + 2] === '(' ? -1 : closing(value, k + 1);
    if (end < 0) return null;
    const whole = value.slice(k, end + 1);
    if (whole.replace(TEKTON_SUBSTITUTION, '') === '') out += whole;
    else if (foreign(value.slice(k + 2, end))) out += '\u0001';
    else return null;
    k = end;
  }
  const rest = out.replace(VARIABLE, (whole, a, b) => (typeof vars.get(foreignOf(a ?? b)) === 'string' ? '' : whole));
  if (/[$`]/.test(rest.replace(TEKTON_SUBSTITUTION, ''))) return null;
  return out.replace(VARIABLE, (whole, a, b) => {
    const template = vars.get(foreignOf(a ?? b));
    return typeof template === 'string' && !UNKNOWN_VARIABLE.test(template) ? template : whole;
  }).replace(/\u0001/g, `\${${name}}`);
}

/** Programs whose output, given words known here (and files outside the workspaces), holds nothing of the repository. */
const OWN_OUTPUT: ReadonlySet<string> = new Set(['date', 'uname', 'hostname', 'id', 'whoami', 'nproc', 'true', 'echo', 'printf', 'basename', 'dirname', 'pwd']);

/** Programs that print what they read of the files they are given or of their input (`tr`: of its input alone). */
const FILE_OUTPUT: ReadonlySet<string> = new Set(['cat', 'head', 'tail', 'base64', 'cut', 'tr']);

/**
 * Whether what the commands of a command substitution print holds nothing of the repository: each is one of `OWN_OUTPUT` with
 * words known here (`echo` and `printf` with no quote, operator or expansion in them), or one of `FILE_OUTPUT` reading files by
 * absolute paths outside the workspaces, `/workspace`, `/tekton`, `/dev` and `/proc` (`cat /opt/creds/bucket`), none written by
 * the script from a workspace (`written`), each known not to be the repository's (`ownFile`), or what the command before it pipes
 * to it; no nested substitution, heredoc or prefix assignment. Anything else may read the repository (`cat ./cmd.txt`, `git log
 * -1`, `jq -r .cmd package.json`).
 */
function readsNoRepository(
  code: string, workspaces: readonly string[], written: readonly Written[], files: ContainerFiles | undefined,
  writtenBefore: (path: string) => boolean, asksFiles: () => void = () => {},
): boolean {
  const commands = simpleCommands(code);
  return commands.length > 0 && commands.every((command, k) => {
    if (command.substitutions.length > 0 || command.heredocs.length > 0 || command.background) return false;
    const words = command.words.map((w) => w.text);
    if (!words.every(knownValue)) return false;
    const { operands, from } = splitRedirections(words);
    const program = operands[0];
    if (program === undefined || ASSIGNMENT.test(program)) return false;
    const name = basename(program);
    if (OWN_OUTPUT.has(name)) return from === undefined && ((name !== 'echo' && name !== 'printf') || operands.every((o) => !/[\s;&|<>()'"\\$`]/.test(o)));
    if (!FILE_OUTPUT.has(name)) return false;
    const paths = [...name === 'tr' ? [] : operands.slice(1).filter((o) => !o.startsWith('-') && !/^[+-]?[0-9]+$/.test(o)), ...from === undefined ? [] : [from]];
    if (paths.length === 0) return k > 0 && commands[k - 1].pipe;
    return paths.every((path) => {
      const normal = normalDir(path);
      if (!path.startsWith('/') || /[$`~*?[\]]/.test(path) || inWorkspaceDir(normal, workspaces)
        || /^\/(?:workspace|tekton|dev|proc)(?:\/|$)/.test(normal) || normal === '/'
        || written.some((w) => normal === normalDir(w.path) || normal.startsWith(`${normalDir(w.path)}/`))) return false;
      asksFiles();
      return ownFile(normal, files, writtenBefore);
    });
  });
}

/**
 * Why the code `eval` or `sh -c` runs (`argv`, the command `index` of the container's own `script`) may be the repository's: what a
 * text filter (`FILE_OUTPUT`) of a command substitution there prints of a file of the image (no volume over it: `files`) that a
 * command before may write (`mayWriteBefore`: `X=$(cat ./cmd); echo "$X" > /tmp/c; eval "$(cat /tmp/c)"`), but one it or a step
 * before writes from a literal (`scriptsWritten`). Files of volumes are read as such (`sharedDirs`, the workspaces).
 */
function codeFileWrittenBefore(argv: readonly string[], script: string, index: number, files: ContainerFiles): string | undefined {
  const name = basename(argv[0] ?? '');
  const c = argv.indexOf('-c');
  const codes = name === 'eval' ? argv.slice(1) : SHELL_NAMES.test(name) && c > 0 && argv[c + 1] !== undefined ? [argv[c + 1]] : [];
  if (codes.length === 0) return undefined;
  // (a file the script writes from a literal before: the task's own code)
  const literal = literalFilesBefore(files, script, index);
  for (const code of codes.flatMap(substitutionsOf)) {
    for (const command of simpleCommands(code)) {
      const { operands } = splitRedirections(command.words.map((w) => w.text));
      const program = basename(operands[0] ?? '');
      if (!FILE_OUTPUT.has(program)) continue;
      for (const path of operands.slice(1).filter((o) => o.startsWith('/') && !/[$`*?[]/.test(o))) {
        const normal = normalDir(path);
        if (literal.has(normal) || [...files.fixed, ...files.open].some((dir) => underDir(normal, dir))) continue;
        if (!mayWriteBefore(simpleCommands(script), index, normal)) continue;
        return `runs what ${program} prints of ${path}, a file a command before it may write, and what that holds is not known here: it may be the repository's code`;
      }
    }
  }
  return undefined;
}

/** Whether a volume of the cluster's API (`ContainerFiles.fixed`) is mounted inside a shared one (`shared`): its mount hides what lies there. */
function shadowsShared(files: ContainerFiles): boolean {
  return files.fixed.some((f) => (files.shared ?? []).some((dir) => f !== dir && underDir(f, dir)));
}

/**
 * Whether a word is an absolute path under a volume of the cluster's API mounted nearer to it than any other (`ownFile`'s nearest
 * mount): a Secret at /workspace/x/creds inside the `/workspace` emptyDir other steps write holds the Secret's files, which no
 * container writes.
 */
function fixedInShared(word: string, files: ContainerFiles | undefined): boolean {
  if (files === undefined || !word.startsWith('/')) return false;
  const path = normalDir(word);
  const nearest = (dirs: readonly string[]) => Math.max(-1, ...dirs.filter((dir) => underDir(path, dir)).map((d) => d.length));
  return nearest(files.fixed) > nearest([...files.open, ...files.shared ?? []]);
}

/**
 * Whether a file by an absolute path (normalised) is known to hold nothing of the repository: under a volume whose content the
 * cluster's API gives, mounted read-only (`ContainerFiles.fixed`, the mount nearest the file deciding); else under no volume the
 * container mounts, in the image's own filesystem, which no other container writes, where no command that may run before the one
 * read may write it (`writtenBefore`). Without `files` (a script not the container's own, a container whose volumes are not known),
 * none is known.
 */
function ownFile(path: string, files: ContainerFiles | undefined, writtenBefore: (path: string) => boolean): boolean {
  if (files === undefined) return false;
  const nearest = (dirs: readonly string[]) => Math.max(-1, ...dirs.filter((dir) => underDir(path, dir)).map((d) => d.length));
  const fixed = nearest(files.fixed);
  const open = nearest(files.open);
  if (fixed > open) return true;
  return open < 0 && !writtenBefore(path);
}

/**
 * Whether a command that may run before the command `index` of `commands` (one before it; every other one where it is in a loop,
 * a `{ … }` or a subshell, which may be a function's body that runs later), or that command's own substitutions and
 * redirections, may write the file `path` (`mayWrite`).
 */
function mayWriteBefore(commands: readonly SimpleCommand[], index: number, path: string): boolean {
  const current = commands[index];
  if (current === undefined) return true;
  const anywhere = current.scope.some((scope) => scope.kind === 'loop' || scope.kind === 'other');
  return commands.some((command, k) => (k === index ? mayWrite(current, path, false)
    : (anywhere || k < index) && mayWrite(command, path, true)));
}

/**
 * Programs that write no file but through the redirections of their command (the shell's own commands that set its state,
 * the readers that print, the closing words of a compound command): `sed`, `sort`, `awk`, `uniq`, `tee`, `dd`, `ln`, `yq` … may.
 */
const WRITES_NO_FILE: ReadonlySet<string> = new Set([
  'echo', 'printf', 'test', '[', '[[', 'true', 'false', ':', 'cd', 'pushd', 'popd', 'export', 'set', 'unset', 'shift', 'local', 'declare',
  'typeset', 'readonly', 'read', 'sleep', 'date', 'cat', 'head', 'tail', 'wc', 'ls', 'grep', 'basename', 'dirname', 'pwd', 'id', 'whoami',
  'uname', 'hostname', 'nproc', 'mkdir', 'exit', 'return', 'fi', 'done', 'esac', '}', 'case', 'for',
]);

/**
 * Whether a simple command may write the file `path`: a redirection that writes or opens for writing a file that may be it (a
 * target not known as an absolute path, or it; `<>`, a process substitution), a command of a substitution it runs that may, and
 * (`program`) a program not known to write no file (`WRITES_NO_FILE`: `cp ./cmd /tmp/cmd`, `git show HEAD:cmd`, `curl -o`, `tar -x`,
 * a function the script defines, `eval`, `sh -c`), past the assignments before it.
 */
function mayWrite(command: SimpleCommand, path: string, program: boolean): boolean {
  const words = command.words.map((w) => w.text);
  if (words.some((w) => w.includes('<>') || w.includes('>('))) return true;
  for (const source of redirectionTable(words, command.heredocs).values()) {
    if (source.kind !== 'file' || source.read) continue;
    const target = normalDir(source.target);
    if (/^\/dev\/(?:null|stdout|stderr|fd\/[0-9]+)$/.test(target)) continue;
    if (!target.startsWith('/') || /[$`~*?[\]]/.test(target) || target === path || path.startsWith(`${target}/`)) return true;
  }
  if (command.substitutions.some((code) => simpleCommands(code).some((c) => mayWrite(c, path, true)))) return true;
  if (!program) return false;
  const first = command.words.find((w) => !ASSIGNMENT.test(w.text));
  return first !== undefined && (!first.literal || !WRITES_NO_FILE.has(first.text));
}

/**
 * Whether a value not known as a whole is a command line split the same whatever its variables hold: its first word a literal
 * name or path, the rest plain words and `$NAME` or `${NAME}` expansions (no substitution, no other operator), read with the
 * default IFS (bash 5.2 run: `CMD="helm push ${CHART}.tgz"; $CMD` runs helm, whatever CHART holds).
 */
function commandLine(value: string): boolean {
  if (!/^[A-Za-z0-9_./+-]+(?:[ \t\n]|$)/.test(value)) return false;
  return !/[$`]/.test(value.replace(TEKTON_SUBSTITUTION, '').replace(VARIABLE, ''));
}

/** A word that is all the elements of an array: `${A[@]}`, `${A[*]}`. */
const ARRAY_ELEMENTS = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\[[@*]\]\}$/;

/** A `$NAME` or `${NAME}` in a word. */
const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * The words a word gives once the variables whose value is known are expanded: one variable's
 * value, split into words when it is not quoted (`$SUDO make` with `SUDO=` empty is `make`);
 * a variable whose value is not known is left as written. A literal word is as written.
 */
function expandWord(word: Word, vars: ReadonlyMap<string, string | null>): string[] {
  // "${A[@]}": each element of an array whose elements are known (vars holds them under `A[@]`)
  const array = word.text.startsWith('${') ? ARRAY_ELEMENTS.exec(word.text) : null;
  const elements = array === null ? undefined : vars.get(`${array[1]}[@]`);
  if (typeof elements === 'string') return JSON.parse(elements);
  if (word.variable !== undefined) {
    const value = vars.get(word.variable);
    // unquoted, a command line known but for some of its arguments is split into its words, those left as written (`$CMD`)
    const partial = word.split && typeof value !== 'string' && !vars.has('IFS') ? vars.get(partialOf(word.variable)) : undefined;
    if (typeof partial === 'string') return partial.split(/\s+/).filter((w) => w !== '');
    // not known, but what is not known of it holds nothing of the repository: its template (`foreignTemplate`)
    const template = typeof value !== 'string' && !(word.split && vars.has('IFS')) ? vars.get(foreignOf(word.variable)) : undefined;
    if (typeof template === 'string' && !UNKNOWN_VARIABLE.test(template)) return word.split ? template.split(/\s+/).filter((w) => w !== '') : [template];
    if (typeof value !== 'string') return [word.text];
    return word.split ? value.split(/\s+/).filter((w) => w !== '') : [value];
  }
  if (word.literal || vars.size === 0) return [word.text];
  return [word.text.replace(VARIABLE, (whole, a, b) => {
    const value = vars.get(a ?? b);
    return typeof value === 'string' ? value : whole;
  })];
}

/**
 * The words bash's brace expansion makes of a word with one `{a,b}` (`{make,all}` is `make all`); a word with quotes,
 * blanks or nested braces stays as it is.
 */
function braceExpansion(word: string): string[] {
  if (!word.includes('{')) return [word];
  const m = /^([^{}\s'"]*)\{([^{}\s'"]*,[^{}\s'"]*)\}([^{}\s'"]*)$/.exec(word);
  return m === null || m[1].endsWith('$') ? [word] : m[2].split(',').map((part) => `${m[1]}${part}${m[3]}`);
}

/**
 * A command substitution that only looks a program up in PATH and prints its path: `$(command -v NAME)`, `$(which NAME)`
 * (backquoted too, its errors sent to /dev/null or not); NAME written plainly.
 */
const LOOKUP = /^(?:\$\(|`)\s*(?:command\s+-v|which)\s+([A-Za-z0-9_][A-Za-z0-9_.+-]*)\s*(?:2>\s*\/dev\/null\s*)?(?:\)|`)$/;

/** Builtins that declare variables, whose `NAME=value` words assign them (`export X=1`, `local -r Y=2`). */
const DECLARING = new Set(['export', 'readonly', 'declare', 'typeset', 'local']);

/**
 * What a simple command does to the script's variables (`vars`): an assignment alone
 * (`X=1`, `X+=/bin`, `export X=1`, `declare X=1`) sets the variable to its value when the
 * command surely runs where it stands (`definite`: unconditional, or so in the branch of an `if` or `case` it is in) and
 * the value is known, else makes it unknown (unless it already held that value); `read`, `for`,
 * `mapfile`, `readarray`, `getopts`, `printf -v` and `unset` make what they set unknown, as do
 * an array and `declare` with options other than `-x`, `-r` and `-g`. Assignments before a
 * program are for that program only.
 */
function assign(
  command: SimpleCommand, vars: Map<string, string | null>, definite = command.unconditional, foreign?: (code: string) => boolean,
): void {
  // (a here-string read with IFS as the script set it before: `IFS=:; read -r A B <<< "$X"`)
  const plan = vars.has('IFS') && command.words.some((w) => w.text.includes('<<<')) ? readAssignments(command, vars.get('IFS')) : assignmentsOf(command);
  const set = (name: string, value: string | null) => {
    const before = vars.get(name);
    vars.set(name, definite || before === value ? value : null);
  };
  const forget = (name: string) => {
    vars.set(name, null);
    vars.set(`${jsString(name)}[@]`, null);
    if (vars.has(partialOf(name))) vars.set(partialOf(name), null);
    if (vars.has(foreignOf(name))) vars.set(foreignOf(name), null);
  };
  for (const step of plan) {
    switch (step.kind) {
      case 'unset':
      case 'unknown':
        // (`unset` where it surely runs: the variable is no longer set; where it may not, not known)
        if (step.kind === 'unset' && definite) {
          for (const spelling of [step.name, `${jsString(step.name)}[@]`, partialOf(step.name), foreignOf(step.name)]) vars.delete(spelling);
          break;
        }
        forget(step.name);
        break;
      case 'named': {
        // (the variable an expansion names where it is known, `V=CMD; read -r "$V"`; else any the script holds)
        const named = expandWord({ text: step.written, literal: false }, vars)[0];
        const names = /^[A-Za-z_][A-Za-z0-9_]*$/.test(named) ? [named] : [...vars.keys()].filter((n) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n));
        for (const name of names) forget(name);
        break;
      }
      case 'array': {
        vars.set(step.name, null);
        // (`CMD=(./ci/push.sh)`: `$CMD` is its first element, no longer a command line held before)
        if (vars.has(partialOf(step.name))) vars.set(partialOf(step.name), null);
        if (vars.has(foreignOf(step.name))) vars.set(foreignOf(step.name), null);
        const before = vars.get(`${jsString(step.name)}[@]`);
        set(`${jsString(step.name)}[@]`, !step.append ? step.elements : typeof before === 'string' ? JSON.stringify([...JSON.parse(before), ...JSON.parse(step.elements)]) : null);
        break;
      }
      case 'value': {
        const value = step.lookedUp ?? (step.literal ? step.written : expandWord({ text: step.written, literal: false }, vars)[0]);
        const known = step.lookedUp !== undefined || step.literal || knownValue(value);
        const before = vars.get(step.name);
        // not known, but what is not known of it holds nothing of the repository (`foreignTemplate`): its template
        const prefix = !step.append ? '' : typeof before === 'string' ? before : vars.get(foreignOf(step.name)) ?? null;
        const template = foreign === undefined || prefix === null || (known && (!step.append || typeof before === 'string')) ? null
          : foreignTemplate(value, step.name, vars, foreign);
        const whole = template === null || prefix === null ? null : prefix + template;
        if (step.append) set(step.name, known && typeof before === 'string' ? before + value : null);
        else set(step.name, known ? value : null);
        // a command line whose program is known, some of its arguments not (`CMD="helm push ${CHART}.tgz"`): kept apart
        const partial = !known && !step.append && !vars.has('IFS') && commandLine(value) ? value : null;
        if (partial !== null || vars.has(partialOf(step.name))) {
          const held = vars.get(partialOf(step.name));
          vars.set(partialOf(step.name), definite || held === partial ? partial : null);
        }
        if (whole !== null || vars.has(foreignOf(step.name))) {
          const held = vars.get(foreignOf(step.name));
          vars.set(foreignOf(step.name), definite || held === whole ? whole : null);
        }
        break;
      }
    }
  }
}

/**
 * What a command does to the variables, in order, whatever their values: a name made unknown, an array's elements set
 * (as JSON) or appended to, a value set or appended (expanded where it is not literal).
 */
type AssignmentStep =
  | { readonly kind: 'unknown'; readonly name: string }
  /** A variable whose name an expansion gives (`read -r "$V"`): the one it names where that is known, else any. */
  | { readonly kind: 'named'; readonly written: string }
  | { readonly kind: 'unset'; readonly name: string }
  | { readonly kind: 'array'; readonly name: string; readonly append: boolean; readonly elements: string }
  | { readonly kind: 'value'; readonly name: string; readonly append: boolean; readonly written: string; readonly literal: boolean; readonly lookedUp?: string };

/** `assignmentsOf`, by command (a script's commands are read once and kept: see `simpleCommands`). */
const ASSIGNMENTS = new WeakMap<SimpleCommand, readonly AssignmentStep[]>();

/** What `assign` does to the variables with a command, read once per command. */
function assignmentsOf(command: SimpleCommand): readonly AssignmentStep[] {
  let known = ASSIGNMENTS.get(command);
  if (known === undefined) {
    known = readAssignments(command);
    ASSIGNMENTS.set(command, known);
  }
  return known;
}

/** `assignmentsOf`, read afresh (`shellIfs`: IFS as the shell holds it before the command, null where not known; the default where undefined). */
function readAssignments(command: SimpleCommand, shellIfs?: string | null): AssignmentStep[] {
  const unknown = (names: readonly string[]): AssignmentStep[] => names.filter((n) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n))
    .map((name) => ({ kind: 'unknown', name }));
  // `${NAME:=word}` and `${NAME=word}` in any word assign NAME as the shell expands it (bash 5.2, dash): not known after
  const defaults = unknown(command.words.flatMap((w) => [...w.text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*):?=/g)].map((m) => m[1])));
  return [...defaults, ...assignmentSteps(command, shellIfs)];
}

/** The assignments of `readAssignments` a command makes by its words (not by `${NAME:=word}`), with the shell's IFS `shellIfs`. */
function assignmentSteps(command: SimpleCommand, shellIfs?: string | null): AssignmentStep[] {
  // (a builtin's own assignments before it, `IFS= read -r CMD`, are its environment: what it assigns is read past them)
  const before = command.words.findIndex((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w.text));
  const builtin = before > 0 && ['read', 'mapfile', 'readarray', 'getopts', 'printf'].includes(command.words[before].text) && command.words[before].literal;
  const words = builtin ? command.words.slice(before) : command.words;
  const first = words[0]?.text ?? '';
  const unknown = (names: readonly string[]): AssignmentStep[] => names.filter((n) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n))
    .map((name) => ({ kind: 'unknown', name }));
  let k = 0;
  let declared = true;
  if (DECLARING.has(first) && words[0].literal) {
    k = 1;
    for (; k < words.length && /^[-+]/.test(words[k].text); k++) declared &&= /^[-+][xrg]+$/.test(words[k].text);
  } else if (first === 'unset' && words[0].literal && words.slice(1).every((w) => w.literal)) {
    // `unset NAME` (`-v`): NAME no longer set (bash 5.2, dash); `-f` unsets functions, `-n` a nameref itself
    const options = words.slice(1).filter((w) => /^-[fvn]+$/.test(w.text)).map((w) => w.text).join('');
    const names = words.slice(1).map((w) => w.text).filter((n) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n));
    return options.includes('f') ? [] : options.includes('n') ? unknown(names) : names.map((name) => ({ kind: 'unset', name }));
  } else if (first === 'read' || first === 'mapfile' || first === 'readarray' || first === 'unset' || first === 'getopts') {
    // `read -r NAME <<< WORD`: NAME holds what read reads of the word (bash 5.2 run; dash has no here-string), as read's own IFS splits it,
    // else the shell's (bash 5.2 run: `IFS=:; read -r A P <<< "/opt/ok.sh x:./ci/push.sh"; "$P"` ran ./ci/push.sh)
    const given = builtin ? command.words.slice(0, before).filter((w) => assignmentOf(w.text)?.[0] === 'IFS') : [];
    const ifs = given.length === 0 ? shellIfs : given[given.length - 1].literal ? assignmentOf(given[given.length - 1].text)?.[1] : null;
    const herestring = first === 'read' && ifs !== null ? readHereString(words.slice(1), ifs) : undefined;
    if (herestring !== undefined) return herestring.map(({ name, value, literal }): AssignmentStep => ({ kind: 'value', name, append: false, written: value, literal }));
    // (read's own names: `read -ar X` sets the array r alone, bash 5.2 run; a name an expansion gives, `read -r "$V"`, `read -a "$V"`, the
    // variable it names: bash 5.2 run, `V=CMD; read -a "$V" <<< ./ci/push.sh; $CMD` ran ./ci/push.sh)
    const texts = words.slice(1).map((w) => w.text);
    if (first === 'mapfile' || first === 'readarray') {
      // (its array: the first word past its options, as bash 5.2 parses them, and its redirections, MAPFILE where none: `mapfileOptions`)
      const array = withoutRedirections(mapfileOptions(texts).names)[0] ?? 'MAPFILE';
      return [...unknown([array]), ...expandedNames(words.slice(1), [array])];
    }
    if (first !== 'read') return unknown(texts);
    const named = readNamesOf(texts).map((name): AssignmentStep => ({ kind: 'unknown', name }));
    return [...named, ...expandedNames(words.slice(1), readNameWords(texts))];
  } else if ((first === 'source' || first === '.') && STDIN_FILE.test(words[1]?.text ?? '') && words[1].literal) {
    // `source /dev/stdin <<< 'CMD=./x.sh'` (or a heredoc): the code it reads assigns as eval's does
    const fed = words.slice(2).findIndex((w) => w.text.startsWith('<<<'));
    const code = fed >= 0 ? (words[2 + fed].text === '<<<' ? words[3 + fed]?.text ?? '' : words[2 + fed].text.slice(3))
      : command.heredocs.filter((h) => h.fd === 0).map((h) => h.body).join('\n');
    const names = [...code.matchAll(/(?:^|[\s;&|(])([A-Za-z_][A-Za-z0-9_]*)\+?=/g)].map((m) => m[1]);
    if (/(?:^|[\s;&|(])(?:read|mapfile|readarray|getopts|printf|declare|typeset|local|unset|for|select|source|\.|eval)\s/.test(code)) {
      names.push(...code.split(/[\s;&|()=]+/));
    }
    return unknown(names);
  } else if (first === 'for' || first === 'select') {
    return unknown([words[1]?.text ?? '']);
  } else if (first === 'eval' && words[0].literal) {
    // the code eval runs assigns what it names before `=` (`eval 'CMD=./ci/push.sh'`), and any name it gives a builtin that
    // assigns (`eval "read -r CMD"`, `eval "declare -n R=CMD"`)
    const code = words.slice(1).map((w) => w.text).join(' ');
    const names = [...code.matchAll(/(?:^|[\s;&|(])([A-Za-z_][A-Za-z0-9_]*)\+?=/g)].map((m) => m[1]);
    if (/(?:^|[\s;&|(])(?:read|mapfile|readarray|getopts|printf|declare|typeset|local|unset|for|select)\s/.test(code)) {
      names.push(...code.split(/[\s;&|()=]+/));
    }
    return unknown(names);
  } else if (first === 'printf') {
    const v = words.findIndex((w) => w.text === '-v');
    return v > 0 ? unknown([words[v + 1]?.text ?? '']) : [];
  }
  const rest = words.slice(k);
  const assignments = rest.map((w) => ({ word: w, m: /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=(.*)$/s.exec(w.text), element: /^([A-Za-z_][A-Za-z0-9_]*)\[[^\]]*\]\+?=/.exec(w.text) }));
  // a program after the assignments: they are its environment only
  if (k === 0 && assignments.some((a) => a.m === null && a.element === null)) return [];
  const out: AssignmentStep[] = [];
  for (const { word, m, element } of assignments) {
    // an element (`ARR[1]=./x.sh`, `A[k]+=…`): the array and its first element are no longer what was known
    if (element !== null) out.push({ kind: 'unknown', name: element[1] });
    if (m === null) continue;
    const [, name, append, written] = m;
    if (declared && written.startsWith('(') && written.endsWith(')') && word.text.startsWith(`${name}${append}=(`)) {
      // an array (`CMD=(kubectl --context "$X")`, `CMD+=(-v)`): its elements as the shell splits them, expansions left as written
      const elements = simpleCommands(written.slice(1, -1)).flatMap((c) => c.words.map((w) => w.text));
      out.push({ kind: 'array', name, append: append === '+', elements: JSON.stringify(elements) });
      continue;
    }
    if (!declared || written.startsWith('(')) {
      out.push({ kind: 'unknown', name });
      continue;
    }
    // K=$(command -v kubectl), K=`which make`: the path of that program, which runs as it
    const lookedUp = LOOKUP.exec(written)?.[1];
    out.push({ kind: 'value', name, append: append === '+', written, literal: word.literal, lookedUp });
  }
  return out;
}

/** The variables `read` run with `operands` (its words past its name) assigns (`readVariables`), REPLY where it names none (`readSetsReply`). */
function readNamesOf(operands: readonly string[]): string[] {
  return readSetsReply(operands) ? ['REPLY'] : readVariables(operands);
}

/**
 * The steps of the names a builtin takes from its words `args` (`taken`, as it reads them) that are expansions (`read -r "$V"`), a word
 * not literal whose text is no name: each a variable whose name is not known here (`named`).
 */
function expandedNames(args: readonly Word[], taken: readonly string[]): AssignmentStep[] {
  return taken.filter((text) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(text) && args.some((w) => !w.literal && w.text === text))
    .map((written): AssignmentStep => ({ kind: 'named', written }));
}

/**
 * What `read` (its words past its name, `args`, its here-string its last word or two: `read -r D <<< /workspace/source`) assigns, as bash
 * 5.2 reads the word's line with its options (`readSets`, `ifs` its own IFS): each name and its value, empty ones not known. A word with
 * expansions only where it is one name given the whole word as written, no `-n` or `-N` count (what it expands to may be longer), no
 * delimiter or blank cutting it, `-r` where it holds a backslash: what it expands to is read as its value; undefined where not known.
 */
function readHereString(args: readonly Word[], ifs?: string): Array<{ name: string; value: string; literal: boolean }> | undefined {
  const last = args[args.length - 1];
  const fed = args.length >= 2 && args[args.length - 2].text === '<<<' ? 2 : last?.text.startsWith('<<<') === true && last.text !== '<<<' ? 1 : 0;
  if (fed === 0) return undefined;
  const word = fed === 2 ? last : { ...last, text: last.text.slice(3) };
  const operands = args.slice(0, args.length - fed);
  if (word.text === '' || !operands.every((w) => w.literal)) return undefined;
  if (!word.literal && readOptions(operands.map((w) => w.text)).values.some(([option]) => option === 'n' || option === 'N')) return undefined;
  // (bash adds a line break to a here-string)
  const set = readSets(operands.map((w) => w.text), `${word.text}\n`, ifs);
  // (a word whose expansions are workspaces' paths alone, `"x:$(workspaces.source.path)/bin"`, which Tekton puts in place before the shell runs:
  // split as written where IFS holds no character a path or the reference is written with; bash 5.2 run, `IFS=: read -r A P <<< "x:/ws/bin";
  // export PATH="$P"; curl x` ran the workspace's curl)
  const paths = !word.literal && !/[$`]/.test(word.text.replace(/\$\(workspaces\.[A-Za-z0-9_-]+\.path\)/g, '')) && !/[\w.$()/-]/.test(ifs ?? ' \t\n');
  if (set.length === 0 || set.some(([, value]) => value === '') || (!word.literal && !paths && (set.length !== 1 || set[0][1] !== word.text))) return undefined;
  return set.map(([name, value]) => ({ name, value, literal: word.literal }));
}

/**
 * What `read` run as a pipeline's last stage assigns (`readSets`, its options as bash 5.2 reads them, `ifs` the shell's IFS, null where not
 * known), where the stage before is echo or printf (`argv`, given `input`) printing one known text: each name and its value, none empty.
 */
function lastStageRead(
  command: SimpleCommand, argv: readonly string[], input: string | undefined, ifs?: string | null,
): Array<[string, string]> | undefined {
  const words = command.words;
  if (words[0]?.text !== 'read' || !words.every((w) => w.literal) || ifs === null) return undefined;
  // (where it may end with a line break or not, read both ways)
  const ends = printedEnds(argv);
  const read = [...new Set((printedBy(argv, input) ?? []).flatMap((p) => ends.map((end) => JSON.stringify(readSets(words.slice(1).map((w) => w.text), `${p}${end}`, ifs)))))];
  if (read.length !== 1 || !argv.slice(1).every(knownValue)) return undefined;
  const set = JSON.parse(read[0]) as Array<[string, string]>;
  return set.length === 0 || set.some(([, value]) => value === '') ? undefined : set;
}

/**
 * How what `argv` prints (`printedBy`, which leaves echo's line break out) ends, which `read -N` or a `-d` past the text reads (bash 5.2 run,
 * `echo /opt/ok.sh | read -N 30 P` gave P the line break too): nothing more for printf, whose text is all it prints, and echo with `-n`; a line
 * break for echo else; either where echo's `\c` may end it or another program prints it.
 */
function printedEnds(argv: readonly string[]): string[] {
  const program = basename(argv[0] ?? '');
  let k = 1;
  while (program === 'echo' && k < argv.length && /^-[neE]+$/.test(argv[k])) k++;
  if (program === 'printf' || argv.slice(1, k).some((o) => o.includes('n'))) return [''];
  return program === 'echo' && !argv.some((w) => w.includes('\\c')) ? ['\n'] : ['', '\n'];
}

/** Where git runs in a workspace, and the line that runs it. */
export interface WorkspaceGit {
  /** The field it was seen in: `command`, `args` or `script`. */
  readonly property: string;
  /** The command line. */
  readonly value: string;
  /** The workspace (its name in the task) whose repository git reads. */
  readonly workspace: string;
}

/** The workspace `dir` is (or lies in), or undefined. */
function workspaceOfDir(dir: string, workspaces: readonly string[]): string | undefined {
  const normal = normalDir(dir);
  return workspaces.find((w) => inWorkspaceDir(normal, [w]));
}

/**
 * Where a container is in `dir`, a known directory: the workspace it is (or lies in), or, above the mount paths of some (`/workspace`,
 * `/`), the relative paths that reach each from there (`source` from `/workspace`); else in none.
 */
function hereOfDir(dir: string, workspaces: readonly string[]): Here {
  const inside = workspaceOfDir(dir, workspaces);
  const normal = normalDir(dir);
  if (inside !== undefined || !dir.startsWith('/') || /[$`~*?[\]]/.test(dir)) return inside;
  const reaches = workspaces.flatMap((w) => {
    const mount = mountPathOf(w);
    const from = normal === '/' ? '/' : `${normal}/`;
    return mount.startsWith(from) && mount.length > from.length ? [{ workspace: w, roots: [mount.slice(from.length)] }] : [];
  });
  return reaches.length > 0 ? { reaches } : undefined;
}

/**
 * Where a `cd`, `-C` or `--git-dir` to `dir` leads from `here`: an absolute path or a variable is read anew, a relative one
 * stays; from a WORKDIR not known here, a relative one that reaches a workspace leads into it, another moves down the
 * relative paths that go through it (`cd workspace` leaves `source`), and none left is no workspace.
 */
function moved(dir: string, here: Here, workspaces: readonly string[]): Here {
  if (/^[/$~]/.test(dir)) return hereOfDir(dir, workspaces);
  if (typeof here !== 'object' || dir === '-') return here;
  const into = relativeIn(dir, here);
  if (into !== undefined) return into;
  const reaches = here.reaches.map((r) => ({ workspace: r.workspace, roots: rootsAfterCd(r.roots, dir) })).filter((r) => r.roots.length > 0);
  return reaches.length > 0 ? { reaches } : undefined;
}

/** The options of ssh, scp and sftp (OpenSSH 9.2) that take a value, in a group or as the next word. */
const SSH_VALUED = 'BbcDEeFIiJLlmOoPpQRSsWw';

/**
 * GNU tar's long options whose value is a command it runs with `/bin/sh -c` (`--checkpoint-action=exec=CMD`, `--to-command`, the
 * volume scripts, `--rsh-command`) or a program it runs (`--use-compress-program`, `-I`), each with the shortest abbreviation
 * getopt takes for it (tar 1.34: `--checkpoint-` is `--checkpoint-action`, `--use` is not `--usage`).
 */
const TAR_COMMAND_OPTIONS: ReadonlyArray<readonly [string, number]> = [
  ['--checkpoint-action', '--checkpoint-'.length], ['--to-command', '--to-c'.length], ['--use-compress-program', '--use'.length],
  ['--info-script', '--inf'.length], ['--new-volume-script', '--new-'.length], ['--rsh-command', '--rsh'.length],
];

/**
 * What ssh (scp, sftp) and GNU tar run of the repository by their options. ssh: the configuration file `-F FILE` names, a file of a
 * workspace (its ProxyCommand, LocalCommand, KnownHostsCommand and `Match exec` run commands: OpenSSH 9.2 run here, `ssh -F
 * ./ssh_config host` ran a ProxyCommand and a Match exec of it), and the command of `-o ProxyCommand=…` (`LocalCommand`,
 * `KnownHostsCommand`). tar: the commands of `--checkpoint-action=exec=CMD`, `--to-command=CMD` and the other TAR_COMMAND_OPTIONS and
 * the program of `-I PROG`, read as shell code run where tar runs (GNU tar 1.34 run here: each ran `./x` of its working directory,
 * through /bin/sh).
 */
function commandOptionRepoCode(
  name: string, after: readonly string[], workspaces: readonly string[], here: Here, depth: number, env: ReadonlyMap<string, string>,
  environment: Startup,
): string | undefined {
  const commands: Array<[string, string]> = [];
  if (name === 'ssh' || name === 'scp' || name === 'sftp') {
    for (let k = 0; k < after.length; k++) {
      const a = after[k];
      if (a === '--' || !a.startsWith('-') || a === '-') continue;
      for (let j = 1; j < a.length; j++) {
        if (!SSH_VALUED.includes(a[j])) continue;
        const value = j + 1 < a.length ? a.slice(j + 1) : after[++k] ?? '';
        if (a[j] === 'F' && workspaceScript(value, workspaces, here, true)) {
          return `runs ${name} with the configuration ${value}, a file of a workspace the repository fills, whose ProxyCommand, LocalCommand and Match exec run commands`;
        }
        const option = a[j] === 'o' ? /^(ProxyCommand|LocalCommand|KnownHostsCommand)(?:\s*=\s*|\s+)(.*)$/is.exec(value) : null;
        if (option !== null) commands.push([`-o ${value}`, option[2]]);
        break;
      }
    }
  }
  if (name === 'tar' || name === 'gtar') {
    for (let k = 0; k < after.length; k++) {
      const a = after[k];
      if (a === '--') break;
      const eq = a.indexOf('=');
      const long = a.startsWith('--') ? (eq < 0 ? a : a.slice(0, eq)) : undefined;
      const known = long === undefined ? undefined : TAR_COMMAND_OPTIONS.find(([full, min]) => long.length >= min && full.startsWith(long))?.[0];
      if (known !== undefined) {
        const value = eq < 0 ? after[++k] ?? '' : a.slice(eq + 1);
        // (--checkpoint-action's `exec=CMD`; its other actions run nothing)
        if (known !== '--checkpoint-action') commands.push([`${known}=${value}`, value]);
        else if (value.startsWith('exec=')) commands.push([`${known}=${value}`, value.slice('exec='.length)]);
      } else if (a === '-I' || (a.startsWith('-I') && !a.startsWith('--'))) {
        const value = a === '-I' ? after[++k] ?? '' : a.slice(2);
        commands.push([`-I ${value}`, value]);
      }
    }
  }
  for (const [option, command] of commands) {
    const why = scriptRepoCode(command, workspaces, here, env, depth + 1, environment)?.why;
    if (why !== undefined) return `runs ${name} with ${option}, whose command ${why}`;
  }
  return undefined;
}

/**
 * What helm and kustomize run of a workspace: helm 3's `--post-renderer` program (looked up as a command: a path from the
 * directory it runs in, a bare name in PATH), the plugin `helm plugin install` installs from a workspace directory (its
 * plugin.yaml's install hook runs then, and its command at each call), and kustomize's exec and alpha plugins, which the
 * kustomization a workspace holds names (`kustomize build --enable-exec`, `--enable-alpha-plugins`, also `kubectl kustomize`).
 */
function deployToolRepoCode(name: string, after: readonly string[], workspaces: readonly string[], here: Here): string | undefined {
  if (name === 'helm') {
    const k = after.findIndex((a) => a === '--post-renderer' || a.startsWith('--post-renderer='));
    const renderer = k < 0 ? undefined : after[k].includes('=') ? after[k].slice(after[k].indexOf('=') + 1) : after[k + 1];
    if (renderer !== undefined && workspaceScript(renderer, workspaces, here)) {
      return `runs helm with the post-renderer ${renderer}, a file of a workspace the repository fills`;
    }
    const words = after.filter((a) => !a.startsWith('-'));
    if (words[0] === 'plugin' && words[1] === 'install' && words[2] !== undefined && !words[2].includes('://')
      && (inWorkspaceDir(words[2], workspaces) || workspaceScript(words[2], workspaces, here, true))) {
      return `runs helm plugin install ${words[2]}, a directory of a workspace the repository fills, whose hooks and command helm runs`;
    }
  }
  // (the kustomization of the directory it is given, `.` by default, in a workspace)
  const sub = name === 'kustomize' ? after.indexOf('build') : name === 'kubectl' ? after.indexOf('kustomize') : -1;
  // (any operand, an option's value among them, or `.`)
  const operands = sub < 0 ? [] : after.slice(sub + 1).filter((a) => !a.startsWith('-'));
  const fromWorkspace = sub >= 0 && (operands.length === 0 ? ['.'] : operands)
    .some((dir) => !dir.includes('://') && (inWorkspaceDir(dir, workspaces) || workspaceScript(dir, workspaces, here, true)));
  if (fromWorkspace && after.some((a) => /^--enable-(?:exec|alpha-plugins)(?:=true)?$/.test(a))) {
    return 'runs kustomize with exec or alpha plugins, which the kustomization of the repository names: the repository\'s code';
  }
  return undefined;
}

/**
 * git's settings whose value is a program or shell command git runs (git 2.43 git-config(1): core.sshCommand, core.fsmonitor,
 * core.pager, core.editor, core.askPass, diff.external, credential.helper (`!command` or a path), gpg.program …), by lower-case
 * name; core.hooksPath names the directory of the hooks it runs; and the variables that stand for some (git(1)).
 */
const GIT_PROGRAM_SETTINGS = new Set(['core.sshcommand', 'core.fsmonitor', 'core.pager', 'core.editor', 'core.askpass', 'diff.external', 'credential.helper',
  'gpg.program', 'gpg.openpgp.program', 'gpg.ssh.program', 'gpg.x509.program', 'sequence.editor', 'core.hookspath']);
const GIT_PROGRAM_VARIABLES = new Set(STARTUP_VARIABLES.filter((n) => n.startsWith('GIT_') && !GIT_REPOSITORY_VARIABLES.includes(n)));

/**
 * git's commands that run no hook (git 2.39 run in a repository whose core.hooksPath holds every hook githooks(5) names: none ran):
 * they read the repository and write no ref, index or commit. `status`, `diff` and `describe --dirty` write the refreshed index
 * (post-index-change), `branch`, `tag`, `fetch`, `gc` and `update-ref` a ref (reference-transaction).
 */
const GIT_WITHOUT_HOOKS: ReadonlySet<string> = new Set(['log', 'show', 'rev-parse', 'rev-list', 'ls-files', 'ls-tree', 'ls-remote', 'cat-file',
  'config', 'grep', 'blame', 'show-ref', 'for-each-ref', 'archive', 'shortlog', 'merge-base', 'diff-tree', 'diff-index', 'diff-files', 'version', 'help']);

/**
 * Where git, given `after` (its words past its name) and the environment `assignments`, runs a file of a workspace by a setting
 * (`git -c core.sshCommand=./hack/ssh.sh push`, `GIT_SSH_COMMAND=./hack/ssh.sh git push`, `git -c core.hooksPath=.githooks
 * commit`; `GIT_CONFIG_KEY_<n>` and `GIT_CONFIG_VALUE_<n>` as `-c`): the program is the value's first word (past credential.helper's
 * `!`), a bare name looked up in PATH.
 */
function gitProgramRepoCode(
  after: readonly string[], assignments: ReadonlyArray<[string, string]>, workspaces: readonly string[], here: Here, step?: StepGitText,
): string | undefined {
  const settings: Array<[string, string]> = assignments.filter(([n]) => GIT_PROGRAM_VARIABLES.has(n));
  const env = new Map(assignments);
  for (const [n, key] of assignments) {
    const m = /^GIT_CONFIG_KEY_([0-9]+)$/.exec(n);
    if (m !== null && env.has(`GIT_CONFIG_VALUE_${m[1]}`)) settings.push([key, env.get(`GIT_CONFIG_VALUE_${m[1]}`)!]);
  }
  // (in the directory `-C` names: a relative program or directory is read from there)
  let at = here;
  for (let k = 0; k < after.length && after[k].startsWith('-'); k++) {
    if (after[k] === '-c' && k + 1 < after.length) {
      const eq = after[++k].indexOf('=');
      if (eq > 0) settings.push([after[k].slice(0, eq), after[k].slice(eq + 1)]);
    } else if (after[k] === '-C' && k + 1 < after.length) {at = moved(after[++k], at, workspaces);} else if (GIT_VALUED.has(after[k])) {k++;}
  }
  const subcommand = after.find((w, k) => !w.startsWith('-') && !(k > 0 && GIT_VALUED.has(after[k - 1])));
  const stored = subcommand === 'config' ? gitConfigStored(after.slice(after.indexOf(subcommand) + 1), step) : undefined;
  // (`-f FILE`: stored in that file, which counts where git reads it as its configuration)
  const into = stored?.file === undefined ? '' : ` in ${stored.file}${stored.why === undefined ? '' : ` (${stored.why})`}`;
  // include.path, includeIf.<condition>.path: a configuration file whose settings git reads as its own (git 2.39 run: its
  // core.hooksPath's hooks ran, given by -c and stored by git config --global)
  // (by its absolute path: git refuses a relative one given by -c, and reads a stored one from the configuration file's directory)
  const includes = (key: string) => /^include\.path$/i.test(key) || includeMayHold(/^includeif\.(.*)\.path$/is.exec(key)?.[1], workspaces, step);
  const inWorkspace = (file: string) => /^[/$]/.test(file) && workspaceScript(file, workspaces, undefined, true);
  if (stored !== undefined && includes(stored.key) && inWorkspace(stored.value)) {
    return `runs git config, which stores ${stored.key}=${stored.value}${into}: a file of a workspace the repository fills, whose settings (core.fsmonitor, `
      + 'core.hooksPath, core.sshCommand …) the git commands after it read, and run their programs';
  }
  const included = settings.find(([key, value]) => includes(key) && inWorkspace(value));
  if (included !== undefined) {
    return `runs git with ${included[0]}=${included[1]}, a file of a workspace the repository fills, whose settings (core.fsmonitor, core.hooksPath, `
      + 'core.sshCommand …) git reads, and runs their programs';
  }
  if (stored !== undefined && GIT_PROGRAM_SETTINGS.has(stored.key.toLowerCase())) {
    const { key, value } = stored;
    const hooks = key.toLowerCase() === 'core.hookspath';
    const command = key.toLowerCase() === 'credential.helper' ? (value.startsWith('!') ? value.slice(1) : value.includes('/') ? value : '') : value;
    const first = hooks ? value : command.trim().split(/\s+/)[0] ?? '';
    if (first !== '' && ((hooks && inWorkspaceDir(value, workspaces)) || workspaceScript(first, workspaces, at, hooks))) {
      return hooks
        ? `runs git config, which stores core.hooksPath=${value}${into}: a directory of a workspace the repository fills, whose hooks the git commands after it run`
        : `runs git config, which stores ${key}=${value}${into}: the git commands after it run ${first}, a file of a workspace the repository fills`;
    }
  }
  for (const [key, value] of settings) {
    const setting = key.toLowerCase();
    if (!GIT_PROGRAM_SETTINGS.has(setting) && !GIT_PROGRAM_VARIABLES.has(key)) continue;
    if (setting === 'core.hookspath') {
      // (a command that writes no ref, index or commit runs no hook: `git -c core.hooksPath=.githooks log`)
      if (subcommand !== undefined && GIT_WITHOUT_HOOKS.has(subcommand)) continue;
      if (inWorkspaceDir(value, workspaces) || workspaceScript(value, workspaces, at, true)) {
        return `runs git with core.hooksPath=${value}, a directory of a workspace the repository fills, whose hooks git runs`;
      }
      continue;
    }
    const command = setting === 'credential.helper' ? (value.startsWith('!') ? value.slice(1) : value.includes('/') ? value : '') : value;
    const first = command.trim().split(/\s+/)[0] ?? '';
    if (first !== '' && workspaceScript(first, workspaces, at)) {
      return `runs git with ${key}=${value}, which runs ${first}, a file of a workspace the repository fills`;
    }
  }
  return undefined;
}

/**
 * Whether an includeIf condition may hold for a repository checked out in one of `workspaces` (git-config(1) "Conditional includes",
 * config.c `include_condition_is_true`): `gitdir:` (`gitdir/i:`, without case) a glob the absolute path of the repository's `.git`
 * directory must match, and `worktree:` (`worktree/i:`, git since July 2026) one its work tree's must, which may where the pattern is
 * not an absolute path (`src/` matches a `src` directory anywhere; `~/` and `./` name the home and the configuration file's
 * directories, not known here), where its text before the first wildcard is a directory above a workspace's mount path or in it, or
 * where `step` names that directory otherwise (by its path, or its last name as a word: `cp -r . /tmp/src`, `cd /tmp && git clone …
 * src`), where a repository of a workspace's may be copied or cloned (a step not known here may); `onbranch:` and
 * `hasconfig:remote.*.url:`, the branch checked out and the remote's URL, which the repository chooses; git takes any other
 * condition as false (and no condition, `includeIf.path`, as none).
 */
function includeMayHold(condition: string | undefined, workspaces: readonly string[], step: StepGitText | undefined): boolean {
  if (condition === undefined) return false;
  const path = /^(?:gitdir|worktree)(\/i)?:(.*)$/s.exec(condition);
  if (path === null) return /^onbranch:|^hasconfig:remote\.\*\.url:/.test(condition);
  if (!path[2].startsWith('/')) return true;
  const fold = (text: string) => (path[1] === undefined ? text : text.toLowerCase());
  const literal = fold(path[2].replace(/[*?[\\].*$/s, ''));
  const inWorkspace = workspacePrefixes(workspaces).some((w) => {
    const mounted = fold(`${normalDir(w)}/`);
    return literal.startsWith(mounted) || mounted.startsWith(literal);
  });
  if (inWorkspace || step === undefined) return true;
  const dir = literal.replace(/\/+$/, '');
  const last = dir.slice(dir.lastIndexOf('/') + 1);
  const word = (text: string) => last !== '' && text.split(/[\s'"=:]+/).some((w) => w === last || w.replace(/\/+$/, '') === last);
  return step.commands.some((c) => !c.text.includes(condition) && (dir === '' || fold(c.text).includes(dir) || word(fold(c.text))));
}

/** git's configuration files by their paths: the user's (`~/.gitconfig`, `~/.config/git/config`), the system's, a repository's `.git/config`. */
const GIT_CONFIG_FILE = /^(?:(?:~|\$HOME|\$\{HOME\}|\/root|\/tekton\/home)\/(?:\.gitconfig|\.config\/git\/config)|\/etc\/gitconfig|(?:.*\/)?\.git\/config)$/;

/**
 * The last path segments of git's configuration files (GIT_CONFIG_FILE's), `*` a directory that must be there (any): the user's
 * `.gitconfig` and `git/config` (HOME and XDG_CONFIG_HOME not known here), the system's `etc/gitconfig` (under git's prefix), a
 * repository's `.git/config`.
 */
const GIT_CONFIG_TAILS: ReadonlyArray<readonly string[]> = [['*', '.gitconfig'], ['etc', 'gitconfig'], ['*', 'git', 'config'], ['.git', 'config']];

/** Whether a path segment holds what bash's pathname expansion reads (`*`, `?`, a bracket expression): a glob. */
const GLOB = /[*?[]/;

/** A variable or substitution the shell reader left in a word (`$D`, `${D}`, `$(…)`): its value is not known here. */
const NOT_KNOWN = /\$[{(A-Za-z_]/;

/**
 * A glob's segment, or a path of them (its `/` written as they are), as a regular expression (bash 5.2 pathname expansion: `*` and `?`
 * within a segment, `[…]` and `[!…]`/`[^…]`); one bash would refuse as a pattern (`[z-a]`) matches anything here.
 */
function segmentPattern(segment: string): RegExp {
  let out = '';
  for (let k = 0; k < segment.length; k++) {
    const c = segment[k];
    const close = c === '[' ? segment.indexOf(']', k + 2) : -1;
    if (c === '*') {out += '[^/]*';} else if (c === '?') {out += '[^/]';} else if (close > 0) {
      const inside = segment.slice(k + 1, close);
      const negated = /^[!^]/.test(inside);
      out += `[${negated ? '^' : ''}${(negated ? inside.slice(1) : inside).replace(/[\\\]^]/g, '\\$&')}]`;
      k = close;
    } else {out += literalPattern(c);}
  }
  try {
    return new RegExp(`^${out}$`);
  } catch {
    return /^/;
  }
}

/**
 * Whether a path as the shell reader gives it (quotes and escapes removed, the variables the script assigns in place) may name a file
 * whose last segments are `tail` (`*`: any segment) though it does not name one as written: its segments, from the last, match them as
 * globs the shell expands (`~/.gitconf*`, `.git/conf?g`, `.git/conf[i]g`; a name that starts with `.` only by a `.` written first,
 * bash's default, unless `dotglob` is set), and a segment that holds a variable or substitution not known here (`$D/config`) may stand
 * for any path down to there. False where it holds neither.
 */
function mayEndIn(path: string, tail: readonly string[], dotglob: boolean): boolean {
  if (!GLOB.test(path) && !NOT_KNOWN.test(path)) return false;
  const segments = path.split('/');
  for (let k = 1; k <= tail.length; k++) {
    const segment = segments[segments.length - k];
    if (segment === undefined) return false;
    if (NOT_KNOWN.test(segment)) return true;
    const wanted = tail[tail.length - k];
    if (wanted === '*') continue;
    const matches = GLOB.test(segment) ? segmentPattern(segment).test(wanted) && (dotglob || !wanted.startsWith('.') || segment.startsWith('.')) : segment === wanted;
    if (!matches) return false;
  }
  return true;
}

/**
 * Whether a path may name one of git's configuration files (`mayEndIn` one of GIT_CONFIG_TAILS) though it does not name one as written,
 * in a step that `step` gives (where it sets bash's `dotglob`, a `*` matches a name that starts with `.`).
 */
const mayBeGitConfig = (path: string, step: StepGitText | undefined): boolean => {
  const dotglob = step === undefined || commandsSeen(step.commands).dotglob;
  return GIT_CONFIG_TAILS.some((tail) => mayEndIn(path, tail, dotglob));
};

/**
 * What echo, printf, cat (its input) or tee writing git's configuration file (`printf '[core]\\n\\thooksPath = .githooks\\n' >> ~/.gitconfig`)
 * sets that runs a workspace's program or hooks: the settings `gitProgramRepoCode` reads, by section and key, in the text it prints.
 */
function gitConfigFileRepoCode(
  name: string, argv: readonly string[], stdin: Input, workspaces: readonly string[], here: Here, step: StepGitText | undefined,
): string | undefined {
  if (!['echo', 'printf', 'cat', 'tee'].includes(name)) return undefined;
  const out = redirectionTable(argv.slice(1)).get(1);
  const targets = name === 'tee' ? teeOperands(withoutRedirections(argv.slice(1))).files : out?.kind === 'file' && !out.read ? [out.target] : [];
  if (targets.length === 0) return undefined;
  // (what it prints, written to the file: read without the redirection, as if to a pipe)
  // (tee writes its input: a heredoc, or what echo or printf piped to it prints)
  const piped = stdin.code !== undefined ? [stdin.code] : stdin.piped === undefined ? [] : printedBy(stdin.piped, stdin.pipedInput) ?? [];
  const texts = name === 'tee' ? piped : printedBy(withoutRedirections(argv), stdin.code) ?? [];
  // (a setting is a line `name = value`: a text without `=` sets none, whatever file it is written to)
  if (!texts.some((text) => text.includes('='))) return undefined;
  // (git's configuration by its path, or a file the step names as GIT_CONFIG_GLOBAL, GIT_CONFIG_SYSTEM or an include: `writtenConfigWhy`)
  const file = targets.find((path) => writtenConfigWhy(path, step) !== undefined);
  if (file === undefined) return undefined;
  const what = writtenConfigWhy(file, step);
  for (const text of texts) {
    let section = '';
    let subsection: string | undefined;
    for (const line of text.split('\n')) {
      // (a subsection, `[includeIf "gitdir:/w/"]`, `[gpg "ssh"]`, is part of the name, as written)
      const header = /^\s*\[\s*([A-Za-z0-9.-]+)(?:\s+"([^"]*)")?\s*\]\s*(.*)$/.exec(line);
      if (header !== null) {
        section = header[1].toLowerCase();
        subsection = header[2];
      }
      const entry = /^\s*([A-Za-z][A-Za-z0-9-]*)\s*=\s*(.*?)\s*$/.exec(header === null ? line : header[3]);
      if (entry === null) continue;
      const setting = subsection === undefined ? section : `${section}.${subsection}`;
      // (`[credential "https://host"]`: a URL's helper, which git runs for that URL as credential.helper)
      const key = section === 'credential' ? `credential.${entry[1].toLowerCase()}` : `${setting}.${entry[1].toLowerCase()}`;
      const value = entry[2].replace(/^"(.*)"$/, '$1');
      const written = `writes ${setting}.${entry[1]}=${value} into ${file}, ${what}`;
      if (key === 'core.hookspath' && (inWorkspaceDir(value, workspaces) || workspaceScript(value, workspaces, here, true))) {
        return `${written}: a directory of a workspace the repository fills, whose hooks the git commands after it run`;
      }
      if ((key === 'include.path' || (section === 'includeif' && entry[1].toLowerCase() === 'path' && includeMayHold(subsection, workspaces, step))) && /^[/$]/.test(value)
        && workspaceScript(value, workspaces, undefined, true)) {
        return `${written}: a file of a workspace the repository fills, whose settings (core.fsmonitor, core.hooksPath, core.sshCommand …) the git commands after it read, and run their programs`;
      }
      if (!GIT_PROGRAM_SETTINGS.has(key) || key === 'core.hookspath') continue;
      const command = key === 'credential.helper' ? (value.startsWith('!') ? value.slice(1) : value.includes('/') ? value : '') : value;
      const first = command.trim().split(/\s+/)[0] ?? '';
      if (first !== '' && workspaceScript(first, workspaces, here)) {
        return `${written}: the git commands after it run ${first}, a file of a workspace the repository fills`;
      }
    }
  }
  return undefined;
}

/**
 * `git config`'s long options (git 2.39 `git config -h`, and 2.46's `--all`, `--regexp`, `--url`, `--comment`, `--value`): git
 * takes a word that begins one alone as that option (parse-options: `--fil` is `--file`, `--ty` is `--type`).
 */
const GIT_CONFIG_LONG = ['global', 'system', 'local', 'worktree', 'file', 'blob', 'get', 'get-all', 'get-regexp', 'get-urlmatch', 'replace-all',
  'add', 'unset', 'unset-all', 'rename-section', 'remove-section', 'list', 'fixed-value', 'edit', 'get-color', 'get-colorbool', 'type', 'no-type',
  'bool', 'int', 'bool-or-int', 'bool-or-str', 'path', 'expiry-date', 'null', 'name-only', 'includes', 'show-origin', 'show-scope', 'default',
  'all', 'regexp', 'url', 'comment', 'value', 'show-names'];

/** Those of GIT_CONFIG_LONG that take a value (the next word, or past `=`); and the short options that do (`-f`, `-t`: the rest of the word, or the next). */
const GIT_CONFIG_LONG_VALUED = new Set(['file', 'blob', 'type', 'default', 'comment', 'value', 'url']);
const GIT_CONFIG_SHORT_VALUED = 'ft';

/** The options that make `git config` read or remove settings, not store one. */
const GIT_CONFIG_READS = /^(?:get.*|unset.*|rename-section|remove-section|list|edit)$/;

/** The long option of GIT_CONFIG_LONG a word names (`fil`: `file`), where it names one alone; undefined where none or several. */
function gitConfigLong(name: string): string | undefined {
  if (GIT_CONFIG_LONG.includes(name)) return name;
  const matches = GIT_CONFIG_LONG.filter((o) => o.startsWith(name));
  return matches.length === 1 ? matches[0] : undefined;
}

/** A setting `git config` stores: its name, its value, the file `-f`/`--file` names (the last given), if any, and why that file counts. */
interface GitConfigStored {
  readonly key: string;
  readonly value: string;
  readonly file?: string;
  /** Why the file of `-f` may be git's configuration, where git does not read it as such by its path (`a file not known here …`). */
  readonly why?: string;
}

/**
 * The setting `git config` given `args` (its words past `config`) stores: its first two operands (past `set`, git 2.46's form),
 * unless an option makes it read or remove settings (`--get`, `--unset`, `--list` …; an option git takes from a word that begins
 * it alone, `--li`); undefined also where `-f` or `--file` names a file git does not read as its configuration (git-config(1): a file
 * of that path, not the repository's, the user's or the system's; `.gitmodules` is read for a submodule's url and path, never for
 * the commands a setting runs) and that `step` does not make git's configuration (`gitConfigFileWhy`).
 */
function gitConfigStored(args: readonly string[], step: StepGitText | undefined): GitConfigStored | undefined {
  const operands: string[] = [];
  let file: string | undefined;
  for (let k = 0; k < args.length; k++) {
    const word = args[k];
    if (word.startsWith('--') && word !== '--') {
      const eq = word.indexOf('=');
      const option = gitConfigLong(word.slice(2, eq < 0 ? undefined : eq));
      if (option !== undefined && GIT_CONFIG_READS.test(option)) return undefined;
      if (option !== undefined && GIT_CONFIG_LONG_VALUED.has(option)) {
        const value = eq < 0 ? args[++k] : word.slice(eq + 1);
        if (option === 'file' && value !== undefined) file = value;
      }
    } else if (word.startsWith('-') && word !== '-' && word !== '--') {
      // a group of short options (`-zf FILE`), the value of -f or -t the rest of the word (`-f.git/config`) or the next
      for (let i = 1; i < word.length; i++) {
        if (word[i] === 'l' || word[i] === 'e') return undefined;
        if (!GIT_CONFIG_SHORT_VALUED.includes(word[i])) continue;
        const value = i + 1 < word.length ? word.slice(i + 1) : args[++k];
        if (word[i] === 'f' && value !== undefined) file = value;
        break;
      }
    } else if (word !== '--') {operands.push(word);}
  }
  const [key, value] = operands[0] === 'set' ? operands.slice(1) : operands;
  if (key === undefined || value === undefined) return undefined;
  if (file === undefined) return { key, value };
  const why = gitConfigFileWhy(file, step);
  return why === undefined ? undefined : { key, value, file, ...why === '' ? {} : { why } };
}

/**
 * Why the file `git config -f` names may be git's configuration: '' where git reads it as such by its path (GIT_CONFIG_FILE); a
 * reason where a variable not known here names it (`-f "$CFG"`: `$GIT_CONFIG_GLOBAL`), where it has a name git reads as its
 * configuration in a directory a variable or a repository gives (`config`, `config.worktree` under extensions.worktreeConfig,
 * `.gitconfig` under HOME, `git/config` under XDG_CONFIG_HOME, `gitconfig` under git's prefix, git 2.39 run), or where the step may make it
 * git's configuration (`StepGitText`: GIT_CONFIG_GLOBAL or GIT_CONFIG_SYSTEM, an include, a command that names the file or one of git's
 * configuration files, an envFrom, which may set GIT_CONFIG_GLOBAL; a step not known here may too); undefined where none holds.
 */
function gitConfigFileWhy(file: string, step: StepGitText | undefined): string | undefined {
  if (GIT_CONFIG_FILE.test(file)) return '';
  if (/\$(?!\()/.test(file)) return 'a file not known here, which may be git\'s configuration';
  const IN = 'in a directory a repository, GIT_DIR, HOME, XDG_CONFIG_HOME or its prefix gives';
  if (/(?:^|\/)(?:config|config\.worktree|\.gitconfig|gitconfig)$/.test(file)) return `a file of a name git reads as its configuration, ${IN}`;
  // a glob the shell expands (`~/.gitconf*`, `.git/conf?g`): any name it may match
  const base = file.slice(file.lastIndexOf('/') + 1);
  const dotglob = step === undefined || commandsSeen(step.commands).dotglob;
  const globbed = GLOB.test(base) ? GIT_CONFIG_NAMES.find((n) => segmentPattern(base).test(n) && (dotglob || !n.startsWith('.') || base.startsWith('.'))) : undefined;
  if (globbed !== undefined) return `a glob the shell may expand to a file of a name git reads as its configuration, ${globbed}, ${IN}`;
  const may = 'a file the step may make git\'s configuration';
  if (step === undefined) return may;
  const all = step.commands.map((c) => c.text).join('\n');
  const chooser = /GIT_CONFIG_(?:GLOBAL|SYSTEM)\b/.exec(all) ?? /\binclude(?:if\.[^\s=]*)?\.path\b|\[\s*include(?:if)?\b[^\]\n]*\]/i.exec(all);
  if (chooser !== null) return `${may}: it names ${chooser[0]}`;
  // (not in the `git config -f` commands of the file, which read or write it as a file of their own)
  const again = base === '' ? undefined : step.commands.find((c) => !c.configFile && c.text.includes(base))?.text;
  if (again !== undefined) return `${may}: it names ${base} again, \`${again}\``;
  const config = step.commands.find((c) => !c.configFile && /(?:^|[^A-Za-z0-9_])(?:\.gitconfig|gitconfig|config\.worktree)\b|\bgit\/config\b/.test(c.text))?.text;
  if (config !== undefined) return `${may}: it names a file git reads as its configuration, \`${config}\``;
  // as the shell reads a word: a glob it may expand to one (`cp /tmp/c?.cfg ~/.gitconf*`), a path a variable not known here starts
  // (`cp /tmp/c?.cfg "$D/config"`; a variable alone, the copy of a file of another name, is not read)
  const read = step.commands.find((c) => !c.configFile && c.words.some((w) => mayBeGitConfig(w, step) && (GLOB.test(w) || !NOT_KNOWN.test(w.slice(w.lastIndexOf('/') + 1)))));
  if (read !== undefined) return `${may}: it names a path the shell may read as a file git reads as its configuration, \`${read.text}\``;
  return step.envFrom ? `${may}: its envFrom may set GIT_CONFIG_GLOBAL` : undefined;
}

/** The names git reads its configuration files by (GIT_CONFIG_FILE's, and a worktree's `config.worktree`). */
const GIT_CONFIG_NAMES = ['config', 'config.worktree', '.gitconfig', 'gitconfig'];

/**
 * Whether `step` names `path` as a file git reads as its configuration: the value of `GIT_CONFIG_GLOBAL` or `GIT_CONFIG_SYSTEM`
 * (git 2.39 run: the hooks of a core.hooksPath written there ran) or of an `include.path`, `includeIf.<condition>.path`, as written or
 * as the shell reads it (`F=/tmp/ci.cfg; export GIT_CONFIG_GLOBAL=$F`).
 */
function chosenConfig(path: string, step: StepGitText | undefined): boolean {
  if (step === undefined || path === '') return false;
  // (only a command that names one of them can: most name none)
  const naming = commandsSeen(step.commands).naming;
  if (naming.length === 0) return false;
  const named = new RegExp(`(?:\\bGIT_CONFIG_(?:GLOBAL|SYSTEM)=|\\binclude(?:if\\.\\S*)?\\.path[=\\s])["']?${literalPattern(path)}(?:["'\\s;&|)]|$)`, 'im');
  return naming.some((c) => named.test(c.text));
}

/** What the readers of git's configuration files look for in a step's commands: `dotglob`, and the commands that name GIT_CONFIG_GLOBAL, GIT_CONFIG_SYSTEM or an include. */
interface CommandsSeen {
  readonly dotglob: boolean;
  /** The commands whose text holds `GIT_CONFIG_GLOBAL=`, `GIT_CONFIG_SYSTEM=` or `include` (any case): those chosenConfig's pattern may match. */
  readonly naming: ReadonlyArray<StepCommand>;
}

/** CommandsSeen of each list of a step's commands (StepGitText gives the same list each time once the shell's reading is done): read once per list. */
const COMMANDS_SEEN = new WeakMap<ReadonlyArray<StepCommand>, CommandsSeen>();

function commandsSeen(commands: ReadonlyArray<StepCommand>): CommandsSeen {
  let seen = COMMANDS_SEEN.get(commands);
  if (seen === undefined) {
    seen = { dotglob: commands.some((c) => c.text.includes('dotglob')), naming: commands.filter((c) => /GIT_CONFIG_(?:GLOBAL|SYSTEM)=|include/i.test(c.text)) };
    COMMANDS_SEEN.set(commands, seen);
  }
  return seen;
}

/**
 * Why a file a step writes (`gitConfigFileRepoCode`) is git's configuration, a clause for a message: by its path, or where the step
 * names it as one (`chosenConfig`); or may be: a glob the shell may expand to one of git's configuration files or a path a variable
 * not known here gives (`mayBeGitConfig`: `> ~/.gitconf*`, `> "$CFG"`), or where the step gives GIT_CONFIG_GLOBAL, GIT_CONFIG_SYSTEM
 * or an include a value not known here (`export GIT_CONFIG_GLOBAL=$CFG`). Undefined where none holds.
 */
function writtenConfigWhy(path: string, step: StepGitText | undefined): string | undefined {
  if (GIT_CONFIG_FILE.test(path)) return 'git\'s configuration';
  if (step === undefined) return readWrittenConfigWhy(path, step);
  // (of one list of the step's commands, the same path is asked again: each time the step writes it, and once more for the message)
  const commands = step.commands;
  const known = WRITTEN_CONFIG_WHY.get(commands);
  if (known?.has(path)) return known.get(path);
  const why = readWrittenConfigWhy(path, step);
  WRITTEN_CONFIG_WHY.set(commands, (known ?? new Map<string, string | undefined>()).set(path, why));
  return why;
}

/**
 * writtenConfigWhy of each list of a step's commands, by path: what it says is read from that list and the step's commands as the
 * shell reads them, which StepGitText gives once with it (the same list each time once that reading is done).
 */
const WRITTEN_CONFIG_WHY = new WeakMap<ReadonlyArray<StepCommand>, Map<string, string | undefined>>();

/** `writtenConfigWhy`, read afresh. */
function readWrittenConfigWhy(path: string, step: StepGitText | undefined): string | undefined {
  if (chosenConfig(path, step)) return 'git\'s configuration';
  if (mayBeGitConfig(path, step)) {
    return NOT_KNOWN.test(path) ? 'a file not known here, which may be git\'s configuration'
      : 'which may be git\'s configuration (a glob the shell may expand to one of git\'s configuration files)';
  }
  const chooser = step?.read.flatMap((c) => c.words)
    .find((w) => /^(?:GIT_CONFIG_(?:GLOBAL|SYSTEM)|include(?:if\..*)?\.path)=/i.test(w) && NOT_KNOWN.test(w.slice(w.indexOf('=') + 1)));
  return chooser === undefined ? undefined : `which may be git's configuration (the step gives ${chooser}, a value not known here)`;
}

/**
 * What a step gives, which `gitConfigFileWhy` reads: the text of each of its commands (its script's, its command's and args', with
 * their heredocs), as written and as the shell reads it (`commandsIn`: the variables the script or the container's env assign in
 * place), with its words, whether it is a `git config` with a file option, and of its env (`NAME=value`); whether it has an envFrom.
 */
interface StepGitText {
  readonly commands: ReadonlyArray<StepCommand>;
  /** The commands as the shell reads them alone, with the env's. */
  readonly read: ReadonlyArray<StepCommand>;
  readonly envFrom: boolean;
}

/** A command of a step as StepGitText has it. */
interface StepCommand {
  readonly text: string;
  readonly words: readonly string[];
  readonly configFile: boolean;
}

/** The StepGitText of each container's env map (`envPaths`), which the readers below `firstRepoCode` are given. */
const stepGitTexts = new WeakMap<ReadonlyMap<string, string>, StepGitText>();

/** A command's words as StepGitText has them, with its heredocs: whether it is a `git config` with a file option. */
function stepGitCommand(words: readonly string[], heredocs: readonly string[]): StepCommand {
  const git = words.findIndex((w) => basename(w) === 'git');
  const configFile = git >= 0 && words.slice(git + 1).includes('config') && words.some((w) => /^-[a-z]*f|^--fil/.test(w));
  return { text: [words.join(' '), ...heredocs].join('\n'), words, configFile };
}

/**
 * A container's StepGitText; `read` gives the commands as the shell reads them (its variables in place), read when first asked (and
 * not while that reading runs: what the commands are is then the text as written).
 */
function stepGitText(container: any, read: () => ReadonlyArray<{ readonly words: readonly string[]; readonly input?: string }>): StepGitText {
  const codes = [typeof container?.script === 'string' ? container.script : '', [...asArray(container?.command), ...asArray(container?.args)].map(jsString).join(' ')];
  const written = codes.flatMap((code) => simpleCommands(code)).map((c) => stepGitCommand(c.words.map((w) => w.text), c.heredocs.map((h) => h.body)));
  const env = asArray(container?.env).map((e) => {
    const text = `${jsString(e?.name)}=${typeof e?.value === 'string' ? e.value : ''}`;
    return { text, words: [text], configFile: false };
  });
  let expanded: StepCommand[] | undefined;
  let reading = false;
  const asRead = (): StepCommand[] | undefined => {
    if (expanded !== undefined || reading) return expanded;
    reading = true;
    try {
      expanded = read().map((c) => stepGitCommand(c.words, c.input === undefined ? [] : [c.input]));
    } finally {
      reading = false;
    }
    return expanded;
  };
  let all: StepCommand[] | undefined;
  return {
    get commands() {
      if (all !== undefined) return all;
      const seen = new Set(written.map((c) => c.text));
      const more = asRead();
      const out = [...written, ...(more ?? []).filter((c) => !seen.has(c.text) && seen.add(c.text)), ...env];
      if (more !== undefined) all = out;
      return out;
    },
    get read() {
      return [...asRead() ?? [], ...env];
    },
    envFrom: asArray(container?.envFrom).length > 0,
  };
}

/** git's global options that take the next argument as their value (git.c's handle_options). */
const GIT_VALUED = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--exec-path', '--config-env', '--super-prefix', '--list-cmds', '--attr-source']);

/**
 * git's commands that set up no repository where they run (git.c runs them without
 * RUN_SETUP), so read no `.git` of the directory they run in: `clone` (into a new
 * directory), `init`, `version` and `help`.
 */
const GIT_WITHOUT_REPOSITORY = new Set(['clone', 'init', 'version', 'help', '--version', '--help', '-v', '-h']);

/** The workspace whose repository one git argv reads (undefined when it is not git, or runs in none). */
function argvGit(argv: readonly string[], here: Here, workspaces: readonly string[], environment?: Startup): string | undefined {
  // each program it may run (an option a wrapper does not know read every way)
  // (a copy of a workspace's repository the script made, `cd /tmp/w` after `git worktree add /tmp/w`, is not a workspace other tasks write)
  return programsOf(argv).map((read) => programGit(read, here, workspaces, environment)).find((w) => w !== undefined && !w.startsWith(COPIED));
}

/**
 * The workspace whose repository one program an argv runs (`programsOf`) reads, when it is git; `environment`, the variables the
 * container's env and the script before it export (`Startup`).
 */
function programGit(
  { program, after, chdirs, assignments }: ProgramRead, here: Here, workspaces: readonly string[], environment?: Startup,
): string | undefined {
  if (program === undefined || basename(program) !== 'git') return undefined;
  // env -C DIR git …: git runs there
  let at = chdirs.reduce((dir: Here, to) => moved(to, dir, workspaces), here);
  // GIT_DIR (then GIT_COMMON_DIR) in its environment names the repository as --git-dir does (`GIT_DIR=$(workspaces.src.path)/.git git …`,
  // `export GIT_DIR=…` before it)
  for (const variable of GIT_REPOSITORY_VARIABLES) {
    const value = assignments.filter(([name]) => name === variable).map(([, v]) => v).pop() ?? environment?.get(variable) ?? undefined;
    if (value !== undefined && value !== null) at = moved(value, at, workspaces);
  }
  let j = 0;
  for (; j < after.length && after[j].startsWith('-'); j++) {
    if (GIT_WITHOUT_REPOSITORY.has(after[j])) return undefined;
    const eq = after[j].indexOf('=');
    const option = eq > 0 ? after[j].slice(0, eq) : after[j];
    if (!GIT_VALUED.has(option)) continue;
    const value = eq > 0 ? after[j].slice(eq + 1) : after[++j] ?? '';
    // -C moves git; --git-dir names the repository itself
    if (option === '-C' || option === '--git-dir') at = moved(value, at, workspaces);
  }
  const command = after[j];
  if (command !== undefined && GIT_WITHOUT_REPOSITORY.has(command)) return undefined;
  return typeof at === 'string' ? at : undefined;
}

/**
 * Where a step (or sidecar) runs git in a repository of a workspace: git runs the hooks of
 * that repository's `.git` and the commands its configuration names (`core.fsmonitor`,
 * `core.hooksPath`, `core.sshCommand`, `diff.external`, filters, aliases). A working
 * directory in the workspace (`workingDir`, a `cd` or `pushd` before it), `git -C <dir>` and
 * `--git-dir` count; `git clone`, `git init`, `git version` and `git help` read no repository.
 */
export function gitInWorkspaceOf(container: any, names: readonly string[], mounts: Readonly<Record<string, string>> = {}): WorkspaceGit[] {
  return gitIn(container, withMounts(names, mounts)).map((g) => ({ ...g, workspace: nameOf(g.workspace) }));
}

/**
 * The directories a container's command line or shell script clones the repository a Tekton param names into
 * (`git clone $(params.url) /var/workdir/source`): an absolute path, which the steps after it see where they mount the same
 * volume; with the command line that clones it.
 */
export function paramClonesOf(container: any): Array<{ readonly path: string; readonly line: string }> {
  const out: Array<{ path: string; line: string }> = [];
  const add = (words: readonly string[], line: string) => {
    for (const read of programsOf(words)) {
      if (read.program === undefined || basename(read.program) !== 'git') continue;
      const path = paramClone(read, undefined);
      if (path !== undefined && path.startsWith('/') && !path.includes('$')) out.push({ path: joinPath('/', path), line });
    }
  };
  const command = asArray(container?.command).map(jsString);
  const args = asArray(container?.args).map(jsString);
  if (typeof container?.script !== 'string' && command.length + args.length > 0) {
    add([...command, ...args], [...command, ...args].join(' '));
    for (const code of shellCodes([...command, ...args])) for (const c of commandsIn(code, undefined, [], envPaths(container))) add(c.words, c.line);
  }
  const shebang = typeof container?.script === 'string' ? interpreterOf(container.script) : undefined;
  if (typeof container?.script === 'string' && (shebang === undefined || readsAsShell(shebang.words))) {
    for (const c of commandsIn(container.script, undefined, [], envPaths(container))) {
      add(c.words, c.line);
      c.inner.forEach((inner) => add(inner, c.line));
    }
  }
  return out.filter((o, k) => out.findIndex((p) => p.path === o.path) === k);
}

/**
 * The paths a container's shell script writes from files of the directories `names` (mounted at `mounts`; for the steps after it,
 * as a copy of the repository's files: `cp -r source /var/workdir/build`, `tar -x -C …`), by an absolute path, with the command
 * line that writes each. As the script's own commands read them (`scriptRepoCode`): what it writes by its last command included.
 */
export function writtenFromRepoOf(
  container: any, names: readonly string[], mounts: Readonly<Record<string, string>> = {},
): Array<{ readonly path: string; readonly line: string }> {
  const script = typeof container?.script === 'string' ? container.script : undefined;
  const shebang = script === undefined ? undefined : interpreterOf(script);
  if (script === undefined || names.length === 0 || (shebang !== undefined && !readsAsShell(shebang.words))) return [];
  const workspaces = withMounts(names, mounts);
  const workingDir = typeof container?.workingDir === 'string' ? container.workingDir : '';
  const start = workingDir === '' ? reachesOf(workspaces) : hereOfDir(workingDir, workspaces);
  // (a command after the last one, whose `written` then holds what every command before it wrote)
  const out = new Map<string, string>();
  for (const c of commandsIn(`${script}\n:\n`, start, workspaces, envPaths(container))) {
    for (const w of c.written) {
      if (w.line !== undefined && w.path.startsWith('/') && !w.path.startsWith('/dev/') && !w.path.includes('$') && !out.has(w.path)) out.set(joinPath('/', w.path), w.line);
    }
  }
  return [...out].map(([path, line]) => ({ path, line }));
}

function gitIn(container: any, workspaces: readonly string[]): WorkspaceGit[] {
  const out: WorkspaceGit[] = [];
  const workingDir = typeof container?.workingDir === 'string' ? container.workingDir : '';
  // without a workingDir, the image's WORKDIR (not known here): `cd source`, `git -C source` may reach a workspace
  const start = workingDir === '' ? reachesOf(workspaces) : hereOfDir(workingDir, workspaces);
  const env = envPaths(container);
  const command = asArray(container?.command).map(jsString);
  const args = asArray(container?.args).map(jsString);
  // beside a script, args are the script's arguments ("$@"), not a command (Tekton refuses a command there)
  const argv = typeof container?.script === 'string' ? [] : [...command, ...args];
  if (argv.length > 0) {
    const expanded = argv.map((w) => expand(w, env));
    const ws = argvGit(expanded, start, workspaces, startupOf(container)) ?? runnerGit(expanded, start, workspaces, env, 0);
    if (ws !== undefined) out.push({ property: command.length > 0 ? 'command' : 'args', value: argv.join(' '), workspace: ws });
    for (const code of shellCodes(argv)) {
      out.push(...scriptGit(code, start, workspaces, env).map((g) => ({ ...g, property: command.length > 0 ? 'command' : 'args' })));
    }
  }
  // a script of another interpreter than a shell (`#!/usr/bin/env python3`) is not read: firstRepoCode says so
  const shebang = typeof container?.script === 'string' ? interpreterOf(container.script) : undefined;
  if (typeof container?.script === 'string' && (shebang === undefined || readsAsShell(shebang.words))) out.push(...scriptGit(container.script, start, workspaces, env));
  return out;
}

/**
 * The shell code one argv runs itself (through wrappers), for each program it may run (`programsOf`), each once, as
 * argvRepoCode reads it: the code of `sh -c '<code>'`, eval's arguments joined, a trap's action (not `trap - EXIT`, `trap
 * EXIT`), and the heredoc or here-string (`input`) a shell or `source /dev/stdin` reads as its input when it is given no file,
 * no code and no redirected file.
 */
function shellCodes(argv: readonly string[], input?: string): string[] {
  const codes = programsOf(argv).map((read) => shellCodeOf(read, input));
  return [...new Set(codes.filter((code): code is string => code !== undefined))];
}

/** The shell code one program an argv runs (`programsOf`) runs itself, as `shellCodes` reads it, or undefined. */
function shellCodeOf({ program, after }: ProgramRead, input?: string): string | undefined {
  if (program === undefined) return undefined;
  const name = basename(program);
  if (name === 'eval') return after.join(' ');
  if (name === 'trap') {
    const k = after[0] === '--' ? 1 : 0;
    return after.length > k + 1 && !after[k].startsWith('-') ? after[k] : undefined;
  }
  if (!SHELL_NAMES.test(name) && name !== 'source' && name !== '.') return undefined;
  const { operands, from } = splitRedirections(after);
  const read = interpreterFile(name, operands);
  if (read.code !== undefined) return SHELL_NAMES.test(name) ? read.code : undefined;
  const script = read.file !== undefined && STDIN_FILE.test(read.file) ? undefined : read.file;
  return script === undefined && from === undefined ? input : undefined;
}

/**
 * Each simple command of a script that runs git in a workspace's repository: git itself, through a runner, or in the shell code
 * it runs (shellCode: `sh -c`, eval, trap, a shell's heredoc), the command substitutions read too.
 */
function scriptGit(
  script: string, start: Here, workspaces: readonly string[], env: ReadonlyMap<string, string>, depth = 0,
): WorkspaceGit[] {
  if (depth > 4) return [];
  const reported = new Set<number>();
  const commands = commandsIn(script, start, workspaces, env);
  return commands.flatMap(({ index, line, words: argv, inner, here, input, piped, pipedInput, environment }): WorkspaceGit[] => {
    if (reported.has(index)) return [];
    // what the command reads: its heredoc or here-string, else what `echo` or `printf` pipes to it
    const inputs: Array<string | undefined> = input !== undefined ? [input]
      : piped === undefined ? [undefined] : printedBy(piped, pipedInput) ?? [undefined];
    const workspace = inputs
      .flatMap((fed) => [argv, ...inner].map((code, k) => commandGit(code, here, workspaces, env, depth, k === 0 ? fed : undefined, environment)))
      .find((w) => w !== undefined);
    if (workspace === undefined) return [];
    reported.add(index);
    return [{ property: 'script', value: line, workspace }];
  });
}

/**
 * The workspace whose repository one argv, run in `here`, makes git read: git itself, the shell code it runs (shellCode, its
 * heredoc or here-string `input`), or the command a runner runs.
 */
function commandGit(
  argv: readonly string[], here: Here, workspaces: readonly string[], env: ReadonlyMap<string, string>, depth: number, input?: string,
  environment?: Startup,
): string | undefined {
  return argvGit(argv, here, workspaces, environment)
    ?? shellCodes(argv, input).map((code) => scriptGit(code, here, workspaces, env, depth + 1)[0]?.workspace).find((w) => w !== undefined)
    ?? runnerGit(argv, here, workspaces, env, depth, input);
}

/**
 * The workspace whose repository git reads when a command runner (`flock`, `su`, `runuser`, `watch`, `chroot`, `setpriv`,
 * `unshare`, `nsenter`, `xvfb-run`, `sg`, `script`, `parallel`), `xargs` or `find -exec` runs it, read as argvRepoCode reads
 * them: the runner's command, the code its shell runs, or another runner's command, in the directory it moves to; xargs' command
 * where xargs runs; each command of find's `-exec`, `-execdir`, `-ok` and `-okdir`, where find runs or, there in none, in the
 * workspace it searches (where `-execdir` runs, and what `{}` names).
 */
function runnerGit(
  argv: readonly string[], here: Here, workspaces: readonly string[], env: ReadonlyMap<string, string>, depth: number, input?: string,
): string | undefined {
  if (depth > 4) return undefined;
  // each program it may run (an option a wrapper does not know read every way)
  return programsOf(argv).map((read) => programRunnerGit(read, here, workspaces, env, depth, input)).find((w) => w !== undefined);
}

/** The workspace whose repository git reads when one program an argv runs (`programsOf`) is a runner that runs it. */
function programRunnerGit(
  { program, after }: ProgramRead, here: Here, workspaces: readonly string[], env: ReadonlyMap<string, string>, depth: number,
  input?: string,
): string | undefined {
  if (program === undefined) return undefined;
  const name = basename(program);
  // what git reads when `run` runs in `at`: git itself, the code of a shell (reading the runner's input), or a command another runner runs
  const gitOf = (run: readonly string[], at: Here): string | undefined => commandGit(run, at, workspaces, env, depth + 1, input);
  if (name === 'xargs') return gitOf(after.slice(xargsCommandIndex(after)), here);
  if (name === 'find') {
    const { searched, commands } = findCommands(after, here, workspaces);
    return commands.map((command) => gitOf(command, typeof here === 'string' ? here : searched ?? here)).find((w) => w !== undefined);
  }
  for (const reading of runnerReadings(name, after) ?? []) {
    const run = runnerCommand(name, reading, here, workspaces);
    if (run.argv === undefined) continue;
    const workspace = gitOf(run.argv, run.here);
    if (workspace !== undefined) return workspace;
  }
  return undefined;
}
