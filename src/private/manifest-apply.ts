/**
 * What a container sends to the API server with kubectl, read from where the manifests come:
 * the files a workspace holds (or a URL serves) are applied as they are written, whatever
 * image they name.
 */
import { argumentsOf, basename, findArguments } from './argv';
import { cosignVerifications } from './chains-signing';
import { asArray, isObject, mergeTemplate } from './containers';
import { copyOperands } from './copy-operands';
import { own } from './own';
import { relativeRootsOf, rootsAfterCd, underRelativeRoot as underRelativeRootOf } from './relative-roots';
import {
  argvOf, commandRuns, pipedFrom, runCommands, shellCommandString, SimpleCommand, splitAssignments, splitRedirections, standardInput,
  substitutedCommands, withoutRedirections,
} from './shell';
import { jsString } from './text';

/** kubectl subcommands that send the objects of files to the API server. */
const WRITING = new Set(['apply', 'create', 'replace']);
/** The subcommands of `kubectl apply` that only read or annotate what is live (`apply view-last-applied -f …`): nothing of the files is deployed. */
const APPLY_SUBCOMMANDS = new Set(['view-last-applied', 'set-last-applied', 'edit-last-applied']);
/** `--dry-run`'s values that send nothing to be kept (`server`, `client`; `true` is `client`; alone it is `unchanged`, `client`). */
const DRY_RUN_VALUES = new Set(['server', 'client', 'true', 'unchanged']);
/**
 * kubectl's flags (global, and of apply, create, replace and patch) that take a value, in the next argument when not after `=`,
 * by their long names; the short ones by their letters (spf13/pflag: no prefix of a long name is accepted).
 */
const KUBECTL_VALUED = new Set([
  'filename', 'kustomize', 'namespace', 'server', 'context', 'cluster', 'user', 'kubeconfig', 'token', 'as', 'as-group', 'as-uid',
  'certificate-authority', 'client-certificate', 'client-key', 'cache-dir', 'request-timeout', 'tls-server-name', 'password', 'username',
  'profile', 'profile-output', 'log-file', 'log-dir', 'log-file-max-size', 'log-backtrace-at', 'log-flush-frequency', 'stderrthreshold', 'v',
  'vmodule', 'selector', 'output', 'field-manager', 'grace-period', 'timeout', 'template', 'prune-allowlist', 'prune-whitelist', 'subresource',
  'raw', 'applyset', 'field-selector', 'kuberc', 'patch', 'patch-file', 'type',
]);
/** kubectl's flags that take no next argument: bool flags, and those with a value when none is given (`--dry-run`, `--validate`, `--cascade`). */
const KUBECTL_SWITCHES = new Set([
  'help', 'insecure-skip-tls-verify', 'match-server-version', 'disable-compression', 'warnings-as-errors', 'recursive', 'all',
  'allow-missing-template-keys', 'force', 'force-conflicts', 'openapi-patch', 'overwrite', 'prune', 'server-side', 'show-managed-fields', 'wait',
  'validate', 'dry-run', 'cascade', 'record', 'save-config', 'windows-line-endings', 'edit', 'add-dir-header', 'alsologtostderr', 'logtostderr',
  'one-output', 'skip-headers', 'skip-log-headers',
]);
/** kubectl's short flags by their long names. */
const KUBECTL_SHORT: Readonly<Record<string, string>> = {
  f: 'filename', k: 'kustomize', n: 'namespace', s: 'server', v: 'v', l: 'selector', o: 'output', R: 'recursive', h: 'help', p: 'patch',
};
/** How many readings of one kubectl argv `kubectlReadings` gives at most. */
const MAX_KUBECTL_READINGS = 8;

/** A flag of a kubectl argv as one reading takes it: its long name, its value (none for a switch) and how it is written. */
interface KubectlFlag {
  readonly name: string;
  readonly value?: string;
  readonly written: string;
}

/** One reading of a kubectl argv: its operands (the subcommand first) and its flags, in order. */
interface KubectlReading {
  readonly operands: readonly string[];
  readonly flags: readonly KubectlFlag[];
}

/**
 * How kubectl (spf13/cobra and pflag) reads its arguments after the program: `--name=value`, `--name value` (unless the
 * flag takes no value), `-x value`, `-xvalue`, `-x=value`, a group of short flags (`-Rf x`: the first that takes a value
 * takes the rest of the group, or the next argument), `--` ends the flags; a flag may come before or after the subcommand,
 * and the last of one repeated wins. A flag kubectl is not known here to have may take the next argument or not: each
 * reading is given (at most MAX_KUBECTL_READINGS).
 */
export function kubectlReadings(rest: readonly string[]): KubectlReading[] {
  const out: KubectlReading[] = [];
  // the readings begun besides the main one: at most MAX_KUBECTL_READINGS in all, however many flags are not known
  let begun = 0;
  // reads from the argument i (from the letter k of a group of short flags, when k > 0)
  const read = (start: number, from: number, operands: string[], flags: KubectlFlag[]): void => {
    const branch = (i: number, k: number, flag: KubectlFlag) => {
      if (begun >= MAX_KUBECTL_READINGS - 1) return;
      begun++;
      read(i, k, [...operands], [...flags, flag]);
    };
    for (let i = start, k = from; i < rest.length; i++, k = 0) {
      const w = rest[i];
      if (k === 0 && w === '--') {
        operands.push(...rest.slice(i + 1));
        break;
      }
      if (k === 0 && (!w.startsWith('-') || w === '-')) {
        operands.push(w);
        continue;
      }
      if (k === 0 && w.startsWith('--')) {
        const eq = w.indexOf('=');
        const name = eq < 0 ? w.slice(2) : w.slice(2, eq);
        if (eq >= 0 || KUBECTL_SWITCHES.has(name)) {
          flags.push({ name, ...(eq >= 0 ? { value: w.slice(eq + 1) } : {}), written: w });
        } else if (KUBECTL_VALUED.has(name)) {
          if (i + 1 < rest.length) flags.push({ name, value: rest[i + 1], written: `${w} ${rest[i + 1]}` });
          i++;
        } else {
          // not known: it may take the next argument (read on after it), or not
          if (i + 1 < rest.length) branch(i + 2, 0, { name, value: rest[i + 1], written: `${w} ${rest[i + 1]}` });
          flags.push({ name, written: w });
        }
        continue;
      }
      // a group of short flags, from its letter k: the first that takes a value takes the rest of the group (after `=`), or the next argument
      for (k = Math.max(k, 1); k < w.length; k++) {
        const name = own(KUBECTL_SHORT, w[k]) ?? w[k];
        const tail = w.slice(k + 1);
        const takes = (): void => {
          if (tail !== '') flags.push({ name, value: tail.startsWith('=') ? tail.slice(1) : tail, written: w });
          else if (i + 1 < rest.length) flags.push({ name, value: rest[i + 1], written: `${w} ${rest[i + 1]}` });
        };
        if (tail.startsWith('=') || KUBECTL_VALUED.has(name)) {
          takes();
          if (tail === '') i++;
          break;
        }
        if (KUBECTL_SWITCHES.has(name)) {
          flags.push({ name, written: w });
          continue;
        }
        // not known: it may take a value (the rest of the group or the next argument), or not (the group read on)
        if (tail !== '') branch(i + 1, 0, { name, value: tail, written: w });
        else if (i + 1 < rest.length) branch(i + 2, 0, { name, value: rest[i + 1], written: `${w} ${rest[i + 1]}` });
        flags.push({ name, written: w });
      }
    }
    out.push({ operands, flags });
  };
  read(0, 0, [], []);
  // the main reading (every flag not known taking no value) first
  return [out[out.length - 1], ...out.slice(0, -1)];
}

/** Whether a reading of kubectl's arguments sends the objects of files to be kept: apply, create or replace, not a dry run. */
function writes(reading: KubectlReading): boolean {
  const [sub, next] = reading.operands;
  if (sub === undefined || !WRITING.has(sub) || (sub === 'apply' && next !== undefined && APPLY_SUBCOMMANDS.has(next))) return false;
  return sends(reading);
}

/** Whether a reading of kubectl's arguments is no dry run: the last `--dry-run` wins; alone it is `unchanged` (client). */
export function sends(reading: KubectlReading): boolean {
  const dryRun = [...reading.flags].reverse().find((f) => f.name === 'dry-run');
  return dryRun === undefined || !DRY_RUN_VALUES.has(dryRun.value ?? 'unchanged');
}

/** The files that are a program's standard input, as kubectl reads `-f` (`-` and the paths of descriptor 0). */
const STDIN_PATH = /^(-|\/dev\/stdin|\/dev\/fd\/0|\/proc\/self\/fd\/0)$/;
/** The repository of an image that is kubectl itself (its entrypoint): `registry.k8s.io/kubectl`, `bitnami/kubectl`, `…/k8s-kubectl`. */
export const KUBECTL_IMAGE = /(?:^|[/-])kubectl$/;
/** The repository of an image whose entrypoint is helm: `alpine/helm`, `…/helm`. */
const HELM_IMAGE = /(?:^|\/)helm$/;
/** A kustomization of a remote repository, as kustomize fetches it (`github.com/org/repo//deploy?ref=main`, `git::…`, `git@…`). */
const KUSTOMIZE_REMOTE = /^(?:git::|git@|(?:github\.com|gitlab\.com|bitbucket\.org)\/)|\?ref=/;

/**
 * Whether a command prints what a URL serves: `curl URL` (not writing it to a file, `-o`, `-O`), `wget -O - URL`
 * (argv after the program's name).
 */
function fetchesUrl(name: string, after: readonly string[]): boolean {
  if (!after.some((w) => URL_VALUE.test(w))) return false;
  if (name === 'curl') return !after.some((w) => /^-[A-Za-z]*[oO]/.test(w) || /^--(?:output|remote-name)/.test(w));
  if (name === 'wget') {
    return after.some((w, i) => (/^-[A-Za-z]*O$/.test(w) && after[i + 1] === '-') || /^-[A-Za-z]*O-$/.test(w)
      || w === '--output-document=-' || (w === '--output-document' && after[i + 1] === '-'));
  }
  return false;
}

/** A URL (kubectl reads `-f https://…` from the server). */
const URL_VALUE = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;
/** A workspace's path as Tekton substitutes it, or its default mount (`/workspace/<name>`). */
const WORKSPACE_VALUE = [/\$\(\s*workspaces\.[^.)\s]+\.path\s*\)/, /^\/workspace(\/|$)/];
/** `--dry-run` of Helm with a value that sends nothing to be kept (alone it is `client`). */
const HELM_DRY_RUN = /^--dry-run(?:=(?:server|client|true))?$/;
/** Helm flags (global, and of install/upgrade) that take no value (the others take the next word when written without `=`). */
const HELM_SWITCHES = new Set([
  '-i', '--install', '--atomic', '--wait', '--wait-for-jobs', '--force', '--reset-values', '--reuse-values', '--reset-then-reuse-values',
  '--create-namespace', '--dry-run', '--debug', '--devel', '--dependency-update', '--disable-openapi-validation', '--no-hooks', '--skip-crds',
  '--cleanup-on-fail', '-g', '--generate-name', '--replace', '--render-subchart-notes', '--verify', '--insecure-skip-tls-verify', '--plain-http',
  '--pass-credentials', '--skip-schema-validation', '--take-ownership', '--hide-notes', '--enable-dns', '--hide-secret', '--rollback-on-failure',
  '--force-conflicts', '--force-replace', '--skip-tests', '--kube-insecure-skip-tls-verify',
]);
/** A `--set` value that names a digest: the chart's image pinned to it (`image.digest=…`, `image=repo@sha256:…`; an empty `digest=` pins nothing). */
const DIGEST_SET = /(?:^|[.,])[A-Za-z0-9_-]*digest=(?!,|$)|@sha256:|@\$/i;

/** A command that applies manifests (or installs a chart) as written: the field that holds it, and what names them. */
export interface AppliedAsWritten {
  /** `command`, `args` or `script`. */
  readonly property: string;
  /**
   * The flag and its value (`--filename=$(workspaces.manifests.path)/deploy`), the pipeline or redirection that feeds
   * `-f -`, or the chart Helm installs.
   */
  readonly value: string;
  /** Whether the value is a URL (not a workspace's file). */
  readonly url: boolean;
  /** Whether Helm installs a chart (not kubectl manifests). */
  readonly chart: boolean;
  /**
   * The program as written when it is not known here (`$KUBECTL`, `$(which kubectl)`, a function of the script), read as
   * kubectl or helm by its arguments.
   */
  readonly via?: string;
  /** Whether kubectl sends a patch a workspace holds (`kubectl patch --patch-file`), not manifests. */
  readonly patch?: boolean;
  /**
   * Why the stages the manifests pass through on their way to kubectl pin no image (`envsubst fills only the variables the
   * manifests name`, `yq sets no image`), when envsubst or yq is among them.
   */
  readonly reason?: string;
}

/** `patch: true` when kubectl sends a patch (not the objects of manifests). */
function patchOf(source: { readonly patch?: boolean }): { patch?: true } {
  return source.patch === true ? { patch: true } : {};
}

/** Where a step finds workspaces: the paths they are mounted at, and whether it runs in one. */
interface Place {
  /** Paths other than `/workspace/<name>` where the task spec mounts a workspace. */
  readonly mounts: readonly string[];
  /** Whether the working directory is in a workspace. */
  readonly inWorkspace: boolean;
  /**
   * When the step sets no workingDir (it runs in its image's WORKDIR, not known here): the relative paths that reach a
   * workspace from a WORKDIR above its mount path (`workspace/source` from `/`, `source` from `/workspace`).
   */
  readonly relativeRoots?: readonly string[];
  /** The values each variable may hold, as the script assigns them (or the step's env sets them), written. */
  readonly vars?: ReadonlyMap<string, readonly string[]>;
  /** The files the script wrote from a workspace's manifests unchanged (a copy, `cat`'s or a render's output), as it names them. */
  readonly copies?: ReadonlySet<string>;
  /** The directories the script copied a workspace's file into, when that is not sure (`cp $(workspaces.src.path)/a.yaml /tmp`): themselves only. */
  readonly copyDirs?: ReadonlySet<string>;
  /** Of the files the script wrote from a workspace's manifests through envsubst or yq, why they pin no image (`stageReasons`). */
  readonly copyReasons?: ReadonlyMap<string, readonly string[]>;
}

/** A word that begins with a variable (`$F`, `${F}`, `$F/x`, `${F}.yaml`): its name and the rest. */
const VARIABLE_WORD = /^\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)\})(.*)$/s;

/** The values a word may take: itself, and with a variable it begins with replaced by each value the place knows it may hold. */
function valuesOf(value: string, place: Place): string[] {
  const m = VARIABLE_WORD.exec(value);
  const known = m === null ? undefined : place.vars?.get(m[1] ?? m[2]);
  return known === undefined ? [value] : [value, ...known.map((v) => v + m![3])];
}

/** Whether a path names a workspace's files: its `$(workspaces.<name>.path)`, `/workspace/…` or a mountPath of the task (a variable by any value it may hold). */
function inWorkspacePath(value: string, mounts: readonly string[], place?: Place): boolean {
  const copies = [...place?.copies ?? []].map((c) => c.replace(/\/+$/, '')).filter((c) => c !== '');
  return (place === undefined ? [value] : valuesOf(value, place)).some((v) => {
    const path = v.replace(/\/+$/, '');
    return WORKSPACE_VALUE.some((re) => re.test(v)) || mounts.some((m) => v === m || v.startsWith(`${m}/`))
      // a copy, a file under one, or a directory that holds one
      || copies.some((c) => path === c || path.startsWith(`${c}/`) || (path !== '' && c.startsWith(`${path}/`)))
      || (place?.copyDirs?.has(path) ?? false);
  });
}

/**
 * The files a simple command of a script writes from a workspace's manifests unchanged: the copy `cp`, `ln`, `install`,
 * `rsync` or `mv` makes of one (its last operand, or `-t DIR`), and the file a command that prints them (`printsManifests`:
 * `cat`, `kustomize build`, `kubectl kustomize`, `helm template` of a workspace's files) writes its output to (`> FILE`,
 * `>> FILE`, `-o FILE`, `--output FILE`).
 */
function copiedFiles(argv: readonly string[], place: Place, pinned: boolean): { files: string[]; dirs: string[]; reasons: string[] } {
  const out: string[] = [];
  let reasons: string[] = [];
  const dirs: string[] = [];
  for (const { argv: words, runs } of commandRuns(withoutRedirections(argv))) {
    for (const run of runs) {
      const copy = run.program === undefined ? undefined : copyOperands(basename(run.program), words.slice(run.programIndex + 1));
      if (copy === undefined) continue;
      const dir = copy.targetDirectory ? copy.destination : undefined;
      const dest = copy.destination;
      const sources = copy.sources.filter((w) => workspaceFile(w, place));
      if (dest === undefined) continue;
      for (const source of sources) {
        const name = basename(source.replace(/\/+$/, ''));
        const into = `${dest.replace(/\/+$/, '')}/${name}`;
        if (dir !== undefined || (dest.endsWith('/') && !copy.noTargetDirectory)) {
          // into a directory
          out.push(into);
        } else if (basename(dest) === name || /\.(?:ya?ml|json)$/.test(dest)) {
          // the copy itself (`cp -r …/k8s /tmp/k8s`, `cp …/a.yaml /tmp/b.yaml`)
          out.push(dest);
        } else {
          // the copy itself, or a directory it goes into: the file under it, and the directory alone (not what else it holds)
          out.push(into);
          dirs.push(dest.replace(/\/+$/, ''));
        }
      }
    }
  }
  if (printsManifests(argv, place, pinned)) {
    // (envsubst's or yq's output: why it pins no image, for the files it writes)
    reasons = stageReasons(argv);
    for (let i = 0; i < argv.length; i++) {
      const m = /^(?:1?(>>|>\||>)|(-o|--output))(=?)(.*)$/s.exec(argv[i]);
      if (m === null) continue;
      const file = m[4] !== '' ? m[4] : argv[i + 1];
      if (file !== undefined) out.push(file);
    }
  }
  return { files: out, dirs, reasons };
}

/** Whether a path names a workspace's files, or is relative in a working directory that is a workspace's. */
function workspaceFile(value: string, place: Place): boolean {
  if (inWorkspacePath(value, place.mounts, place)) return true;
  if (value === '' || value.startsWith('/') || value.startsWith('-') || value.startsWith('$(')) return false;
  return place.inWorkspace || underRelativeRoot(value, place);
}

/** Whether a relative path reaches a workspace from a WORKDIR not known here (`Place.relativeRoots`). */
function underRelativeRoot(value: string, place: Place): boolean {
  return underRelativeRootOf(value, place.relativeRoots ?? []);
}

/** How many values of a variable that holds a command line are read where it is run. */
const MAX_LINES = 16;

/** The words that assign a variable (`NAME=VALUE`, `NAME+=VALUE`), not an array. */
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)\+?=(?!\()(.*)$/s;

/**
 * The values each variable of a script may hold, as written: each assignment anywhere in it (`NAME=VALUE` alone or before a
 * command, after `export`, `declare`, `typeset`, `local`, `readonly`), each word of a `for NAME in WORDS`, and the step's `env`
 * values. Where and whether an assignment runs is not read: the variable may hold any of them.
 */
function assignedVariableValues(
  commands: ReadonlyArray<{ readonly argv: readonly string[] }>, env: ReadonlyMap<string, string>,
): Map<string, string[]> {
  const vars = new Map<string, string[]>();
  const add = (name: string, value: string) => vars.set(name, [...vars.get(name) ?? [], value]);
  for (const [name, value] of env) add(name, value);
  for (const { argv } of commands) {
    if (argv[0] === 'for' && argv[2] === 'in') {
      for (const w of argv.slice(3)) add(argv[1], w);
      continue;
    }
    const declares = ['export', 'declare', 'typeset', 'local', 'readonly'].includes(argv[0]);
    for (const w of declares ? argv.slice(1) : argv) {
      const m = ASSIGNMENT.exec(w);
      if (m !== null) add(m[1], m[2]);
      else if (!declares || !w.startsWith('-')) break;
    }
  }
  return vars;
}

/** The aliases a script defines (`alias NAME=VALUE`): the words each stands for (the last definition). */
function scriptAliases(commands: ReadonlyArray<{ readonly argv: readonly string[] }>): Map<string, string[]> {
  const aliases = new Map<string, string[]>();
  for (const { argv } of commands) {
    if (argv[0] !== 'alias') continue;
    for (const w of argv.slice(1)) {
      const eq = w.indexOf('=');
      if (eq > 0) aliases.set(w.slice(0, eq), w.slice(eq + 1).split(/\s+/).filter((x) => x !== ''));
    }
  }
  return aliases;
}

/** The names of the functions a script defines (`NAME() { …; }`, `function NAME`). */
function scriptFunctions(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(/(?:^|[\s;&|(){}])(?:function[ \t]+([^\s;&|()<>]+)|([A-Za-z_][A-Za-z0-9_.:-]*)[ \t]*\([ \t]*\))/g)) {
    names.add(m[1] ?? m[2]);
  }
  return names;
}

/**
 * The first flag of a kubectl argv (after the program) that names manifests a workspace holds or a URL serves, for a
 * subcommand that writes them (by any reading of its flags, `kubectlReadings`); `stdin` is what feeds `-f -` (or
 * `-f /dev/stdin`) when that is manifests a workspace holds.
 */
function sourceFlag(
  rest: readonly string[], place: Place, stdin?: string, rendered: ReadonlySet<string> = new Set(), pinned = false, program = 'kubectl',
  stdinUrl = false,
): { value: string; url: boolean; kustomization: boolean; patch?: boolean; reasons?: readonly string[] } | undefined {
  // kapp names its files with `--file` too
  const files = program === 'kapp' ? ['filename', 'file'] : ['filename'];
  for (const reading of kubectlReadings(rest)) {
    if (reading.operands[0] === 'patch' && sends(reading)) {
      // `kubectl patch` sends the patch it is given (`-f` names the object patched): a file of a workspace
      // (`--patch-file`), or `-p` filled by a command substitution that prints one (`-p "$(cat …)"`)
      for (const { name, value, written } of reading.flags) {
        if (name === 'patch-file' && value !== undefined && (URL_VALUE.test(value) || workspaceFile(value, place))) {
          return { value: written, url: URL_VALUE.test(value), kustomization: false, patch: true };
        }
        const code = name === 'patch' && value !== undefined ? /\$\((.*)\)/s.exec(value)?.[1] : undefined;
        if (code !== undefined && codePrintsManifests(code, place, false)) return { value: written, url: false, kustomization: false, patch: true };
      }
    }
    if (!writes(reading)) continue;
    for (const { name, value, written } of reading.flags) {
      if ((!files.includes(name) && name !== 'kustomize') || value === undefined) continue;
      const kustomization = name === 'kustomize';
      // `-f <(CODE)`: the file is what the code prints (read as a pipe into `-f -` is)
      const substituted = /^<\((.*)\)$/s.exec(value);
      if (substituted !== null) {
        const code = substituted[1];
        if (codePrintsManifests(code, place, pinned)) return { value: written, url: false, kustomization, reasons: codeReasons(code, place, pinned) };
        continue;
      }
      if (STDIN_PATH.test(value)) {
        if (stdin !== undefined) return { value: stdin, url: stdinUrl, kustomization };
        continue;
      }
      if (URL_VALUE.test(value) || (kustomization && KUSTOMIZE_REMOTE.test(value))) return { value: written, url: true, kustomization };
      if (workspaceFile(value, place) && !rendered.has(value)) {
        // a file the script wrote through envsubst or yq: why it pins no image
        const reasons = [...new Set(valuesOf(value, place).flatMap((v) => place.copyReasons?.get(v) ?? []))];
        return { value: written, url: false, kustomization, reasons };
      }
    }
  }
  return undefined;
}

/**
 * The arguments kubectl reads when a program is kubectl (its name, and its arguments after it): `kubectl`, OpenShift's `oc`
 * (kubectl's commands built in, `oc apply -f …`), `kubecolor` (which runs kubectl with them), `microk8s.kubectl`, and the
 * `kubectl` subcommand of `k3s`, `k0s` and `microk8s`, and kapp's deploy read as kubectl apply; undefined for another program.
 */
export function kubectlArguments(program: string, rest: readonly string[]): readonly string[] | undefined {
  if (['kubectl', 'oc', 'kubecolor', 'microk8s.kubectl'].includes(program)) return rest;
  if (program === 'kapp') {
    // Carvel's kapp deploy (`d`, `dep`) applies its `-f`/`--file` files (or its input, `-`) as written, like kubectl apply;
    // `--diff-run` only shows the difference, like a dry run
    return rest.map((w) => (['deploy', 'd', 'dep'].includes(w) ? 'apply' : w === '--diff-run' || w === '--diff-run=true' ? '--dry-run=server' : w));
  }
  return ['k3s', 'k0s', 'microk8s'].includes(program) && rest[0] === 'kubectl' ? rest.slice(1) : undefined;
}

/** Whether a kubectl argv (after the program) runs `kubectl kustomize` (after global flags), not a subcommand that writes. */
function kustomizes(rest: readonly string[]): boolean {
  return kubectlReadings(rest).some((reading) => reading.operands[0] === 'kustomize');
}

/** yq's options (mikefarah's and the jq wrapper's) that take the next word as their value when written without `=`. */
const YQ_VALUED = new Set([
  '-o', '--output-format', '-p', '--input-format', '-I', '--indent', '-s', '--split-exp', '-f', '--front-matter', '--from-file',
  '--expression', '--yaml-output-grammar-version', '-w', '--width', '--nul-output-separator', '--indent-width', '-L', '--library-path',
]);
/** The jq wrapper's options that take two words (`--arg NAME VALUE`). */
const YQ_TWO_VALUED = new Set(['--arg', '--argjson', '--slurpfile', '--rawfile']);

/**
 * How yq reads its arguments (after the program): its expression (the first operand, unless `--from-file` or `--expression`
 * gives it), the files it reads (the other operands; none, or `-`, its input), and whether it writes them in place
 * (`-i`, `--inplace`, `--in-place`: it prints nothing), and whether it reads no input (`-n`, `--null-input`). mikefarah's
 * `eval`/`e`/`eval-all`/`ea` subcommand is skipped.
 */
function yqReading(after: readonly string[]): { expression?: string; files: string[]; inPlace: boolean; nullInput: boolean } {
  const operands: string[] = [];
  let expression: string | undefined;
  let given = false;
  let inPlace = false;
  let nullInput = false;
  let k = ['eval', 'e', 'eval-all', 'ea'].includes(after[0] ?? '') ? 1 : 0;
  for (; k < after.length; k++) {
    const w = after[k];
    if (w === '--') { operands.push(...after.slice(k + 1)); break; }
    if (!w.startsWith('-') || w === '-') { operands.push(w); continue; }
    const flag = w.split('=')[0];
    if (/^-[A-Za-z]*i[A-Za-z]*$/.test(w) && !w.startsWith('--') || flag === '--inplace' || flag === '--in-place') inPlace = true;
    if (/^-[A-Za-z]*n[A-Za-z]*$/.test(w) && !w.startsWith('--') || flag === '--null-input') nullInput = true;
    if (flag === '--from-file' || flag === '--expression') {
      given = true;
      if (flag === '--expression') expression = w.includes('=') ? w.slice(flag.length + 1) : after[k + 1];
    }
    if (YQ_TWO_VALUED.has(flag)) k += 2;
    else if (!w.includes('=') && YQ_VALUED.has(w)) k++;
  }
  if (!given) expression = operands.shift();
  return { expression, files: operands, inPlace, nullInput };
}

/** A value that names a digest: `@sha256:…`, `@` before a variable or a Tekton reference, or a result named like a digest. */
const DIGEST_VALUE = /@sha256:|@\$|@"\s*\+|results\.[A-Za-z0-9_.-]*digest/i;
/** An assignment in a yq expression to a field `image` (`.image = …`, `.image |= …`, `.["image"] = …`): what it assigns. */
const YQ_IMAGE_ASSIGNMENT = /(?:\.image|\[\s*"image"\s*\])\s*\)?\s*\|?=(?!=)\s*([^|]*)/g;
/** The variables a yq expression (or the shell, in a double-quoted word) reads in the value it assigns. */
const YQ_VARIABLE = /(?:\b(?:str)?env\(\s*"?([A-Za-z_][A-Za-z0-9_]*)"?\s*\)|\$ENV\.([A-Za-z_][A-Za-z0-9_]*)|\benv\.([A-Za-z_][A-Za-z0-9_]*)|\$\{?([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * Why envsubst and yq, among the words of a command that prints manifests or hands them on, pin no image: envsubst fills only
 * the variables the manifests name; yq sets no field `image`, or sets it to a value that names no digest (a tag, written, or
 * a value not known here).
 */
function stageReasons(words: readonly string[]): string[] {
  return commandRuns(withoutRedirections(words)).flatMap(({ argv, runs }) => runs.flatMap((run) => {
    const name = run.program === undefined ? '' : basename(run.program);
    if (name === 'envsubst') return ['envsubst fills only the variables the manifests name'];
    if (name !== 'yq') return [];
    const expression = yqReading(argv.slice(run.programIndex + 1)).expression ?? '';
    const values = [...expression.matchAll(YQ_IMAGE_ASSIGNMENT)].map((m) => m[1].trim());
    if (values.length === 0) return ['yq sets no image'];
    return values.map((v) => (/^"[^"$\\]*"$/.test(v) ? `yq sets \`image\` to ${v}, a tag` : `yq sets \`image\` to ${v}, no digest known here`));
  }));
}

/**
 * Whether yq's expression sets a field `image` to a digest: the value assigned names one (`DIGEST_VALUE`), written or as a
 * variable it reads (`env(IMG)`, `strenv(IMG)`, `$ENV.IMG`, `env.IMG`, the shell's `$IMG`) holds by a value the script
 * or the step's env gives it. An image set to anything else (a tag, a param, a variable of no value known here) pins nothing.
 */
function yqPinsImages(after: readonly string[], place: Place): boolean {
  const { expression } = yqReading(after);
  if (expression === undefined) return false;
  for (const m of expression.matchAll(YQ_IMAGE_ASSIGNMENT)) {
    const value = m[1];
    if (DIGEST_VALUE.test(value)) return true;
    for (const v of value.matchAll(YQ_VARIABLE)) {
      const name = v[1] ?? v[2] ?? v[3] ?? v[4];
      if ((place.vars?.get(name) ?? []).some((held) => DIGEST_VALUE.test(held))) return true;
    }
  }
  return false;
}

/** GNU envsubst's options with which it prints no input: `-v` (the variables of its format), its help and version. */
const ENVSUBST_OTHER = /^(?:-[A-Za-z]*[vhV][A-Za-z]*|--(?:variables|help|version))$/;

/**
 * The file a8m's envsubst reads (cmd/envsubst: Go's flag package, `-i FILE`, `-i=FILE`, `--i FILE`, the last one given; its
 * flags end at the first word that is not one): undefined where none is given (it reads its input).
 */
function envsubstInput(after: readonly string[]): string | undefined {
  let input: string | undefined;
  for (let k = 0; k < after.length; k++) {
    const w = after[k];
    if (w === '--' || !w.startsWith('-') || w === '-') break;
    const [flag, ...value] = w.replace(/^--?/, '').split('=');
    const given = value.length > 0 ? value.join('=') : (flag === 'i' || flag === 'o') ? after[++k] : undefined;
    if (flag === 'i') input = given;
  }
  return input;
}

/** Programs that print what they read from their input with the manifests' images as written: `cat`, envsubst (it substitutes `$VAR` and `${VAR}` only), yq (unless it sets an image to a digest). */
const INPUT_PRINTERS = new Set(['cat', 'envsubst', 'yq']);

/**
 * Whether a command prints manifests a workspace holds that its standard input is redirected from (`envsubst < FILE`,
 * `yq e EXPR < FILE`, `cat < FILE`): a program that prints its input (`INPUT_PRINTERS`; yq and cat reading no file of their own).
 */
function printsRedirectedInput(words: readonly string[], place: Place, pipedOn = true): boolean {
  const { operands, from, stdoutRedirected } = splitRedirections(words);
  // piped on: its output not written to a file instead
  if (from === undefined || (pipedOn && stdoutRedirected) || !workspaceFile(from, place)) return false;
  return commandRuns(operands).some(({ argv, runs }) => runs.some((run) => {
    const name = run.program === undefined ? '' : basename(run.program);
    if (!INPUT_PRINTERS.has(name)) return false;
    const after = argv.slice(run.programIndex + 1);
    if (name === 'cat') return after.every((w) => w === '-' || w === '-u' || w === '--');
    if (name === 'yq') {
      const yq = yqReading(after);
      return !yq.inPlace && !yq.nullInput && yq.files.every((f) => f === '-') && !yqPinsImages(after, place);
    }
    // envsubst prints its input, but with `-v` the variables its format names, and its help or version (a8m's given -i: that file)
    return !after.some((w) => ENVSUBST_OTHER.test(w)) && envsubstInput(after) === undefined;
  }));
}

/**
 * Whether a stage of a pipe hands the manifests piped to it on with their images as written: envsubst (it substitutes the
 * environment's values for `$VAR` and `${VAR}`, which the manifests choose to name or not), and yq reading its input that sets
 * no image to a digest (`yqPinsImages`); their output not redirected, their input not a file of theirs.
 */
function handsOnManifests(command: SimpleCommand): boolean {
  const words = argvOf(command);
  const { operands, from, stdoutRedirected } = splitRedirections(words);
  if (stdoutRedirected || from !== undefined || standardInput(command) !== undefined) return false;
  const runs = commandRuns(operands);
  return runs.length > 0 && runs.every(({ argv, runs: programs }) => programs.length > 0 && programs.every((run) => {
    const name = run.program === undefined ? '' : basename(run.program);
    // (a8m's envsubst given -i reads that file, not its input)
    if (name === 'envsubst') return !argv.slice(run.programIndex + 1).some((w) => ENVSUBST_OTHER.test(w)) && envsubstInput(argv.slice(run.programIndex + 1)) === undefined;
    if (name !== 'yq') return false;
    const yq = yqReading(argv.slice(run.programIndex + 1));
    return !yq.inPlace && !yq.nullInput && yq.files.every((f) => f === '-');
  }));
}

/**
 * Whether a command's output is manifests a workspace holds (`printsWorkspaceFiles`), its argv read with its runs and
 * without its redirections; bash's `$(< FILE)` (no program, its input a workspace's file) too. With `pinned` (a kustomization
 * pinned to a digest), only `cat`'s output counts.
 */
function printsManifests(argv: readonly string[], place: Place, pinned: boolean): boolean {
  if (printsRedirectedInput(argv, place, false)) return true;
  const args = withoutRedirections(argv);
  if (args.length === 0) {
    // `$(< FILE)`: bash reads the file
    const input = argv.findIndex((w) => w === '<' || /^<[^<(&>]/.test(w));
    const file = input < 0 ? undefined : argv[input] === '<' ? argv[input + 1] : argv[input].slice(1);
    return file !== undefined && workspaceFile(file, place);
  }
  return commandRuns(args).some(({ argv: words, runs }) => runs.some((run) => run.program !== undefined
    && !(pinned && basename(run.program) !== 'cat') && printsWorkspaceFiles(basename(run.program), words.slice(run.programIndex + 1), place)));
}

/**
 * Whether shell code prints manifests a workspace holds: a command of it whose output is not piped on (the last of a
 * pipeline: a stage between may rewrite the images), by `printsManifests`.
 */
function codePrintsManifests(code: string, place: Place, pinned: boolean): boolean {
  return runCommands(code).some((c) => !c.pipe && printsManifests(splitAssignments(argvOf(c)).argv, place, pinned));
}

/** Why the commands of shell code that print manifests a workspace holds (`codePrintsManifests`) pin no image, when envsubst or yq prints them. */
function codeReasons(code: string, place: Place, pinned: boolean): string[] {
  const printing = runCommands(code).filter((c) => !c.pipe).map((c) => splitAssignments(argvOf(c)).argv)
    .filter((argv) => printsManifests(argv, place, pinned));
  return [...new Set(printing.flatMap(stageReasons))];
}

/**
 * Whether `kubectl kustomize`, `kustomize build`, `helm template` (of a chart a workspace holds, no digest set) or `cat`
 * prints files a workspace holds (argv after the program's name).
 */
function printsWorkspaceFiles(name: string, after: readonly string[], place: Place): boolean {
  if (name === 'helm') return helmChart(after, place, ['template']) !== undefined;
  if (name === 'envsubst') {
    // a8m's envsubst reads the file its `-i` names (GNU's knows no -i), and prints it with the variables it names filled
    const input = envsubstInput(after);
    return input !== undefined && workspaceFile(input, place);
  }
  if (name === 'yq') {
    // yq prints the files it reads with what its expression changed: as written, unless it sets an image to a digest
    const yq = yqReading(after);
    return !yq.inPlace && !yq.nullInput && yq.files.some((f) => f !== '-' && workspaceFile(f, place)) && !yqPinsImages(after, place);
  }
  // `kubectl [global flags] kustomize DIR`, `kustomize build DIR`, `cat FILE...`
  const kube = kubectlArguments(name, after);
  const program = kube !== undefined ? 'kubectl' : name;
  const rest = kube ?? after;
  // `oc process -f TEMPLATE`: the objects of an OpenShift template a workspace holds, its parameters filled
  if (name === 'oc' && kubectlReadings(rest).some((r) => r.operands[0] === 'process'
    && r.flags.some((f) => f.name === 'filename' && f.value !== undefined && (URL_VALUE.test(f.value) || workspaceFile(f.value, place))))) return true;
  const sub = program === 'kubectl' ? (kustomizes(rest) ? rest.indexOf('kustomize') : -1) : program === 'kustomize' && rest[0] === 'build' ? 0 : -1;
  const builds = sub >= 0;
  if (!builds && program !== 'cat') return false;
  const operands = rest.slice(sub + 1).filter((w) => !w.startsWith('-'));
  if (operands.some((w) => inWorkspacePath(w, place.mounts))) return true;
  // relative operands (or none: the working directory) in a workspace
  if (!builds) return operands.some((w) => workspaceFile(w, place));
  return operands.length === 0 ? place.inWorkspace : operands.every((w) => workspaceFile(w, place));
}

/**
 * The chart `helm install`/`upgrade` installs (or the other `subcommands`, `template`, renders) when a workspace holds it (argv
 * after the program), unless a dry run or a digest is set.
 */
function helmChart(rest: readonly string[], place: Place, subcommands: readonly string[] = ['install', 'upgrade']): string | undefined {
  // the subcommand, after global flags (`--kube-context prod`, `--debug`)
  let sub = 0;
  while (sub < rest.length && rest[sub].startsWith('-')) sub += rest[sub].includes('=') || HELM_SWITCHES.has(rest[sub]) ? 1 : 2;
  if (sub >= rest.length || !subcommands.includes(rest[sub])) return undefined;
  const positionals: string[] = [];
  // pflag: the last --dry-run is the one helm uses
  let dryRun = false;
  for (let i = sub + 1; i < rest.length; i++) {
    const w = rest[i];
    if (w === '--') { positionals.push(...rest.slice(i + 1)); break; }
    if (!w.startsWith('-') || w === '-') { positionals.push(w); continue; }
    const flag = w.split('=')[0];
    if (flag === '--dry-run') {
      dryRun = HELM_DRY_RUN.test(w);
      continue;
    }
    const value = w.includes('=') ? w.slice(flag.length + 1) : HELM_SWITCHES.has(flag) ? undefined : rest[++i];
    if (/^--set(?:-string)?$/.test(flag) && value !== undefined && DIGEST_SET.test(value)) return undefined;
  }
  if (dryRun) return undefined;
  // the chart is the last operand: `install [NAME] CHART`, `upgrade RELEASE CHART`
  const chart = positionals[positionals.length - 1];
  return chart !== undefined && positionals.length >= (rest[sub] === 'upgrade' ? 2 : 1) && workspaceFile(chart, place) ? chart : undefined;
}

/** The files a command writes its output to: `> FILE`, `>FILE`, `>| FILE`, `-o FILE`, `-oFILE`, `-o=FILE`, `--output[=]FILE`. */
function renderedFiles(rest: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const m = /^(?:(>\|?)|(-o|--output))(=?)(.*)$/s.exec(rest[i]);
    if (!m) continue;
    const file = m[4] !== '' ? m[4] : rest[i + 1];
    if (file !== undefined) out.push(file);
  }
  return out;
}

/**
 * The command whose output reaches the `k`th command of `all` through a pipe: the one before it, or the one before the
 * stages that hand it on unchanged (`cat f | tee log | kubectl apply -f -`, pipedFrom).
 */
function feeding(all: readonly SimpleCommand[], k: number): { printer: SimpleCommand; stages: SimpleCommand[] } | undefined {
  let j = k;
  while (j > 0 && all[j - 1].pipe) j--;
  if (j === k) return undefined;
  // past envsubst and yq reading their input too (handsOnManifests): they hand the manifests on, an image yq sets to a
  // digest aside (read where the script's variables are known)
  const stages: SimpleCommand[] = [];
  let end = k;
  for (;;) {
    const printer = pipedFrom(all.slice(j, end))?.printer;
    if (printer === undefined) return undefined;
    const at = all.indexOf(printer, j);
    if (at <= j || !handsOnManifests(printer)) return { printer, stages };
    stages.push(printer);
    end = at;
  }
}

/**
 * The first command of a script that applies manifests or installs a chart as written, its simple commands read in the
 * order written: `cd`, `pushd` and `popd` move the working directory, and `kustomize edit set image` to a digest pins
 * what kustomize renders after it (piped, or written to a file that kubectl applies).
 */
/** The command piped into one (`feeding`) and the stages between them that hand its output on. */
function piped(fed: { printer: SimpleCommand; stages: SimpleCommand[] } | undefined): { previous?: SimpleCommand; stages: SimpleCommand[] } {
  return { previous: fed?.printer, stages: fed?.stages ?? [] };
}

function scriptFinding(
  text: string, begin: Place, env: ReadonlyMap<string, string> = new Map(),
): { value: string; url: boolean; chart: boolean; via?: string; patch?: boolean; reason?: string } | undefined {
  // each simple command, with the piped one before it, then the commands its command substitutions run (`out=$(kubectl apply …)`)
  const read = runCommands(text).flatMap((c, k, all) => [
    { pipe: c.pipe, argv: argvOf(c), command: c, ...piped(feeding(all, k)) },
    ...substitutedCommands(c).map((inner) => ({ pipe: false, argv: argvOf(inner), command: inner, previous: undefined, stages: [] })),
  ]);
  const aliases = scriptAliases(read);
  // the assignments before a command's program are not its words (`KUBECONFIG=/tmp/k kubectl apply …`); a command whose
  // first word is an alias runs the alias' words
  const programWords = (argv: readonly string[]): string[] => {
    const program = splitAssignments(argv).argv;
    const alias = aliases.get(program[0]);
    return alias === undefined ? program : [...alias, ...program.slice(1)];
  };
  const vars = assignedVariableValues(read, env);
  // a command whose program is a variable holding a command line runs that line's words (`$DEPLOY`, `eval "$DEPLOY"` and
  // `bash -c "$DEPLOY"` read their code's command so): each value the script may give it, with the command's arguments
  const lines = (argv: readonly string[]): string[][] => {
    const program = splitAssignments(argv).argv;
    const m = VARIABLE_WORD.exec(program[0] ?? '');
    const values = m === null || m[3] !== '' ? [] : [...new Set((vars.get(m[1] ?? m[2]) ?? []).filter((v) => /\s/.test(v.trim())))];
    // each distinct value, at most MAX_LINES of them (the last assigned), the line read once with the command's arguments
    return values.slice(-MAX_LINES).flatMap((v) => runCommands([v, ...program.slice(1)].join(' ')).map(argvOf));
  };
  const commands = read.flatMap((c) => [{
    ...c, argv: programWords(c.argv), previous: c.previous === undefined ? undefined : programWords(argvOf(c.previous)),
  }, ...lines(c.argv).map((argv) => ({ ...c, pipe: false, argv: programWords(argv), previous: undefined, stages: [] }))]);
  const functions = scriptFunctions(text);
  const copies = new Set<string>();
  const copyDirs = new Set<string>();
  const copyReasons = new Map<string, string[]>();
  const start: Place = { ...begin, vars, copies, copyDirs, copyReasons };
  let place = start;
  const stack: Place[] = [];
  let pinned = false;
  // the files a pinned kustomize render wrote (`> FILE`, `-o FILE`), as the script names them
  const rendered = new Set<string>();
  for (let k = 0; k < commands.length; k++) {
    const { argv, command } = commands[k];
    // a copy of a workspace's manifests is them: `cp -r $(workspaces.src.path)/k8s /tmp/k8s`, `kustomize build … > /tmp/out.yaml`
    const copied = copiedFiles(argv, place, pinned);
    for (const file of copied.files) {
      copies.add(file);
      if (copied.reasons.length > 0) copyReasons.set(file, [...new Set([...copyReasons.get(file) ?? [], ...copied.reasons])]);
    }
    for (const dir of copied.dirs) copyDirs.add(dir);
    // each program the command may run (a wrapper's option not known read every way), and each command a runner of it runs
    // (`flock L kubectl apply …`): where it moves and what it pins as the first reads it, what it applies as any does
    const runs = commandRuns(argv).flatMap((c, n) => c.runs.map((run, reading) => ({ ran: c.argv, run, first: n === 0 && reading === 0 })));
    for (const { ran, run, first } of runs) {
      if (run.program === undefined) continue;
      const rest = ran.slice(run.programIndex + 1);
      // a program a variable names: each value the script gives it (kubectl or helm among them, if any)
      const named = VARIABLE_WORD.exec(run.program)?.[3] === '' ? valuesOf(run.program, place).slice(1).map(basename) : [];
      const program = named.find((v) => kubectlArguments(v, rest) !== undefined || v === 'helm') ?? named[0] ?? basename(run.program);
      if (/[$`]/.test(program) || functions.has(program)) {
        // a program not known here (a variable of no known value, a command substitution, a function of the script):
        // read as kubectl, and as helm, by its arguments; or, as a variable may be empty (`${DRY_RUN:+echo} kubectl apply …`),
        // as the program its first argument names
        const args = withoutRedirections(rest);
        const next = basename(args[0] ?? '');
        const inner = kubectlArguments(next, args.slice(1));
        const source = sourceFlag(args, place) ?? (inner === undefined ? undefined : sourceFlag(inner, place, undefined, undefined, undefined, next));
        if (source !== undefined) return { value: source.value, url: source.url, chart: false, ...patchOf(source), via: run.program };
        const chart = helmChart(args, place) ?? (next === 'helm' ? helmChart(args.slice(1), place) : undefined);
        if (chart !== undefined) return { value: chart, url: false, chart: true, via: run.program };
        continue;
      }
      if (!first && ['cd', 'pushd', 'popd', 'kustomize'].includes(program)) continue;
      if (program === 'cd' || program === 'pushd') {
        const target = rest.find((w) => !w.startsWith('-') || w === '-');
        if (program === 'pushd') stack.push(place);
        // a relative cd stays where it was; an absolute one, a variable, `-` or home leaves what is known
        const relative = target !== undefined && !/^[/$~-]/.test(target);
        const inWorkspace = target === undefined ? false : inWorkspacePath(target, place.mounts, place)
        || (relative && (place.inWorkspace || underRelativeRoot(target, place)));
        const { relativeRoots: roots, ...known } = place;
        // from a WORKDIR not known, a relative cd moves down the roots that go through it (`cd workspace` leaves `source`)
        const moved = relative && !inWorkspace && roots !== undefined ? rootsAfterCd(roots, target) : undefined;
        place = { ...known, ...(moved !== undefined && moved.length > 0 ? { relativeRoots: moved } : {}), inWorkspace };
        continue;
      }
      if (program === 'popd') { place = stack.pop() ?? start; continue; }
      if (program === 'kustomize' && rest[0] === 'edit' && rest[1] === 'set' && rest[2] === 'image' && rest.slice(3).some((w) => w.includes('@'))) {
      // the kustomization now pins an image by digest: what kustomize renders from it is not as written
        pinned = true;
        continue;
      }
      if (program === 'helm') {
        const chart = helmChart(rest, place);
        if (chart !== undefined) return { value: chart, url: false, chart: true };
        continue;
      }
      const kube = kubectlArguments(program, rest);
      if (pinned && ((program === 'kustomize' && rest[0] === 'build') || (kube !== undefined && kustomizes(withoutRedirections(kube))))) {
        for (const file of renderedFiles(rest)) rendered.add(file);
        continue;
      }
      if (kube === undefined) continue;
      // a yq between them that sets an image to a digest: what it hands on is not as written
      const yqPinned = commands[k].stages.some((stage) => commandRuns(withoutRedirections(argvOf(stage))).some(({ argv: words, runs: programs }) =>
        programs.some((yq) => yq.program !== undefined && basename(yq.program) === 'yq' && yqPinsImages(words.slice(yq.programIndex + 1), place))));
      const previous = yqPinned ? undefined : commands[k].previous;
      // the command piped into it, as any of its readings runs it
      const producers = previous === undefined ? [] : commandRuns(previous).flatMap((c) => c.runs.map((producer) => ({ words: c.argv, producer })));
      const redirect = rest.findIndex((w) => w === '<' || (w.startsWith('<') && !w.startsWith('<<')));
      const redirected = redirect < 0 ? undefined : rest[redirect] === '<' ? rest[redirect + 1] : rest[redirect].slice(1);
      // its heredoc or here-string, and the command substitutions written in it (unquoted: the shell runs them)
      const input = standardInput(command);
      const fed = input === undefined ? undefined
        : command.substitutions.find((code) => input.includes(code) && codePrintsManifests(code, place, pinned));
      let stdin: string | undefined;
      let stdinUrl = false;
      let reasons: string[] = [];
      // what a URL serves, piped (`curl -sL https://… | kubectl apply -f -`)
      const fetched = producers.some(({ words, producer }) => producer.program !== undefined
        && fetchesUrl(basename(producer.program), withoutRedirections(words.slice(producer.programIndex + 1))));
      if (previous !== undefined && (fetched || printsRedirectedInput(previous, place)
        || producers.some(({ words, producer }) => producer.program !== undefined && !(pinned && basename(producer.program) !== 'cat')
        && printsWorkspaceFiles(basename(producer.program), withoutRedirections(words.slice(producer.programIndex + 1)), place)))) {
        // with the stages that hand the manifests on, envsubst and yq (not tee and cat)
        stdin = [previous, ...[...commands[k].stages].reverse().map(argvOf), argv].map((words) => words.join(' ')).join(' | ');
        stdinUrl = fetched;
        reasons = [...new Set([previous, ...commands[k].stages.map(argvOf)].flatMap(stageReasons))];
      } else if (redirected !== undefined && workspaceFile(redirected, place)) {
        stdin = argv.join(' ');
      } else if (fed !== undefined) {
        // a here-string holds it as written; a heredoc's body is shown by the substitution that fills it
        stdin = argv.join(' ').includes(`$(${fed})`) ? argv.join(' ') : `${argv.join(' ')} … $(${fed})`;
      }
      // the paths find's `-exec` puts for `{}` (under its starting points), and the words xargs appends (or puts for `{}`) from
      // its input: the workspace paths the command piped into it names
      const args = withoutRedirections(kube);
      const starts = runs.filter((r) => basename(r.run.program ?? '') === 'find')
        .flatMap((r) => {
          const points = findArguments(r.ran.slice(r.run.programIndex + 1)).starts;
          return points.length > 0 ? points : ['.'];
        });
      const inputs = previous === undefined || !runs.some((r) => basename(r.run.program ?? '') === 'xargs') ? []
        : producers.flatMap(({ words, producer }) => withoutRedirections(words.slice(producer.programIndex + 1)))
          .filter((w) => !w.startsWith('-') && workspaceFile(w, place));
      const filled = args.includes('{}') ? [...starts, ...inputs] : [];
      const readings = [args, ...filled.map((p) => args.map((w) => w.split('{}').join(p))), ...inputs.map((p) => [...args, p])];
      for (const words of readings) {
        const source = sourceFlag(words, place, stdin, rendered, pinned, program, stdinUrl);
        if (source !== undefined && !(pinned && source.kustomization)) {
          // why the stages piped into it, a process substitution's commands, or those that wrote the file pin no image
          const why = source.value === stdin ? reasons : source.reasons ?? [];
          const reason = why.length > 0 ? { reason: why.join('; ') } : {};
          return { value: source.value, url: source.url, chart: false, ...patchOf(source), ...reason };
        }
      }
    }
  }
  return undefined;
}

/** Where a task spec mounts workspaces other than the default `/workspace/<name>`: each declaration's `mountPath`, and each step's or sidecar's own. */
export function workspaceMounts(spec: any): string[] {
  const usages = [...asArray(spec?.steps), ...asArray(spec?.sidecars)].flatMap((s) => asArray(s?.workspaces));
  const paths = [...asArray(spec?.workspaces), ...usages].map((w) => w?.mountPath)
    // a mountPath from a param is not known here
    .filter((p): p is string => typeof p === 'string' && p.startsWith('/') && !p.includes('$('))
    .map((p) => p.replace(/\/+$/, ''))
    .filter((p) => p !== '');
  return [...new Set(paths)];
}

/**
 * Whether a container runs `kubectl apply`, `create` or `replace` on manifests a workspace holds
 * or a URL serves (through `command` and `args`, wrappers such as `env` looked through, `sh -c`,
 * or the simple commands of a shell `script`, which may `cd` into a workspace or pipe its files
 * to `-f -`), or `helm install`/`upgrade` of a chart a workspace holds.
 * @param mounts the paths other than `/workspace/<name>` where the task spec mounts workspaces (`workspaceMounts`)
 * @param names the names of the task spec's workspaces (mounted at `/workspace/<name>` unless a mountPath says otherwise)
 */
export function appliesAsWritten(container: any, mounts: readonly string[] = [], names: readonly string[] = []): AppliedAsWritten | undefined {
  const command: string[] = Array.isArray(container?.command) ? container.command.map(jsString) : [];
  const args: string[] = Array.isArray(container?.args) ? container.args.map(jsString) : [];
  const argv = [...command, ...args];
  const property = command.length > 0 && args.length === 0 ? 'command' : 'args';
  const scripts: Array<{ property: string; text: string }> = [];
  const workingDir = typeof container?.workingDir === 'string' ? container.workingDir : '';
  // without a workingDir the step runs in its image's WORKDIR, which may be above a workspace (`/workspace` in many images)
  const place: Place = workingDir === ''
    ? { mounts, inWorkspace: false, relativeRoots: relativeRootsOf(mounts, names) }
    : { mounts, inWorkspace: inWorkspacePath(workingDir, mounts) };
  const image = typeof container?.image === 'string' ? container.image : '';
  const repository = image.split('@')[0].replace(/:[^/:]*$/, '');
  if (command.length === 0 && args.length > 0 && KUBECTL_IMAGE.test(repository)) {
    // the image's entrypoint is kubectl, given the args
    const source = sourceFlag(args, place);
    if (source !== undefined) return { property: 'args', value: source.value, url: source.url, chart: false, ...patchOf(source) };
  }
  if (command.length === 0 && args.length > 0 && HELM_IMAGE.test(repository)) {
    // the image's entrypoint is helm
    const chart = helmChart(args, place);
    if (chart !== undefined) return { property: 'args', value: chart, url: false, chart: true };
  }
  // each program the argv may run, and each command a runner of it runs (`flock L kubectl apply …`, `watch 'kubectl …'`)
  for (const { argv: ran, runs } of command.length > 0 ? commandRuns(argv) : []) {
    for (const run of runs) {
      const program = run.program === undefined ? undefined : basename(run.program);
      // its arguments (the words of env -S's string after it too)
      const after = argumentsOf(ran, run);
      const kube = program === undefined ? undefined : kubectlArguments(program, after);
      if (kube !== undefined) {
        const source = sourceFlag(kube, place, undefined, undefined, undefined, program);
        if (source !== undefined) return { property, value: source.value, url: source.url, chart: false, ...patchOf(source) };
      } else if (program === 'helm') {
        const chart = helmChart(after, place);
        if (chart !== undefined) return { property, value: chart, url: false, chart: true };
      } else {
        // `sh -c CODE`, `bash -e -c CODE`, `bash -o pipefail -c CODE`
        const code = shellCommandString(ran, run);
        if (code !== undefined) scripts.push({ property, text: code });
      }
    }
  }
  if (typeof container?.script === 'string') scripts.push({ property: 'script', text: container.script });
  // the step's env: what a script's variables hold before it assigns them
  const env = new Map<string, string>(asArray(container?.env).filter((e: any) => typeof e?.name === 'string' && typeof e?.value === 'string')
    .map((e: any) => [e.name, e.value]));
  for (const script of scripts) {
    const found = scriptFinding(script.text, place, env);
    if (found !== undefined) return { property: script.property, ...found };
  }
  return undefined;
}

/** The steps of a task spec, each merged with the spec's stepTemplate as Tekton merges them. */
export function stepsOf(spec: any): any[] {
  const template = isObject(spec?.stepTemplate) ? spec.stepTemplate : undefined;
  return asArray(spec?.steps).filter(isObject).map((s) => (template ? mergeTemplate(template, s) : s));
}

/**
 * Whether `verify` is written in a step's script, command, args or env values: a cosign
 * subcommand is a word written in one of them (env values reach a script's `"$NAME"`), so a step
 * without it runs none (the shell reading of its script is skipped).
 */
function mentionsVerify(step: any): boolean {
  const texts = [step?.script, ...asArray(step?.command), ...asArray(step?.args), ...asArray(step?.env).map((e: any) => e?.value)];
  return texts.some((t) => typeof t === 'string' && t.includes('verify'));
}

/** verifiesImage's answers by task spec: a Task is read for every pipeline that runs it. */
const VERIFIES = new WeakMap<object, boolean>();

/** Whether a step of a task spec runs `cosign verify` or `cosign verify-attestation`. */
export function verifiesImage(spec: any): boolean {
  if (!isObject(spec)) return false;
  let verifies = VERIFIES.get(spec);
  if (verifies === undefined) {
    // what a merged step holds comes from the step or the stepTemplate: without the word in either, no step is merged
    verifies = (mentionsVerify(spec.stepTemplate) || asArray(spec.steps).some(mentionsVerify))
      && stepsOf(spec).some((s) => mentionsVerify(s) && cosignVerifications(s, () => []).length > 0);
    VERIFIES.set(spec, verifies);
  }
  return verifies;
}
