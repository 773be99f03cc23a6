import { basename, SHELL_NAMES } from '../../private/argv';
import { gitSubcommandIndex } from '../../private/configured-code';
import { asArray } from '../../private/containers';
import { copyOperands, CopyOperands } from '../../private/copy-operands';
import { CURL_VALUED, curlArguments, curlConfigLines, curlGlobHosts, curlNetrcEntries } from '../../private/curl-options';
import { locallyReferenced, oncePerSet } from '../../private/manifest-index';
import { credentialMounts, MOUNTED_CREDENTIALS_TEXT, podTemplateVolumesOf, TemplateVolume } from '../../private/run-volumes';
import {
  argvOf, closing, definedFunctions, descriptorOf, DescriptorSource, expandedVariables, redirectionTable, runOf, shellCodesOf, SimpleCommand,
  simpleCommands, readVariables, programOf, WgetConfigured, WgetrcFailed, WrittenFiles,
  normalDir, printedBy, splitAssignments, splitRedirections, descriptorSource, standardInput, substitutedCommands, withoutRedirections,
} from '../../private/shell';
import { readShellOptions } from '../../private/shell-options';
import { jsString } from '../../private/text';
import {
  wgetArguments, wgetBoolean, wgetNetrcEntries, wgetNetrcHosts, WgetOption, wgetUrlHost,
} from '../../private/wget-options';
import { bindsSecret, receivedWorkspaces } from '../../private/workspaces';
import { IRuleContext, Severity } from '../rule';
import { containerRelaxation, containerRule } from '../rule-builders';
import { RuleId } from '../rule-id';

const isObject = (x: unknown): x is Record<string, any> => x !== null && typeof x === 'object' && !Array.isArray(x);

/** What a container holds of Secrets: its env variables of a Secret's key, the Secrets its envFrom gives whole, the directories they are mounted at. */
interface SecretsHeld {
  /** An env variable's name, and where its value comes from (`Secret 'reg' key 'token'`). */
  readonly variables: ReadonlyMap<string, string>;
  /** The Secrets envFrom gives, every key a variable (named for a message), whose keys are not known (not checked together). */
  readonly envFrom: readonly string[];
  /** A directory (or, with subPath, a file) a Secret is mounted at, as a path and as the script may write it, and what it holds. */
  readonly mounts: ReadonlyArray<{ readonly path: string; readonly said: string; readonly subPath?: boolean }>;
  /** The container's env variables of a value written in it (`GIT_TRACE: "1"`), the last entry of a name winning. */
  readonly plain: ReadonlyMap<string, string>;
  /** Of `variables`, those read as maybe a key of a Secret of `envFrom` (unsetVariables), not as known to be one. */
  readonly guessed: ReadonlySet<string>;
  /**
   * The results the task spec declares (`task`, undefined where it is not known: a StepAction alone) and the step's own (`step`): the
   * files of /tekton/results and of the step's results directory Tekton reads, where a file is copied into the directory.
   */
  readonly declared?: { readonly task?: ReadonlySet<string>; readonly step: ReadonlySet<string> };
}

/**
 * Variables the shell sets, the kubelet sets for Services (`KUBERNETES_SERVICE_HOST`, `<NAME>_PORT_…`) and images commonly do:
 * not read as a key envFrom may give.
 */
const NOT_FROM_ENVFROM = new RegExp('^(HOME|PATH|PWD|OLDPWD|HOSTNAME|HOST|USER|LOGNAME|SHELL|TERM|LANG|LANGUAGE|LC_[A-Z]+|TZ|IFS|PS[1-4]|'
  + 'RANDOM|SRANDOM|SECONDS|LINENO|BASH[A-Z_]*|PPID|UID|EUID|GROUPS|OPT(ARG|IND|ERR)|REPLY|PIPESTATUS|FUNCNAME|HOSTTYPE|OSTYPE|'
  + 'MACHTYPE|SHLVL|COLUMNS|LINES|EPOCH[A-Z]*|TMPDIR|[A-Z0-9_]+_(SERVICE_HOST|SERVICE_PORT[A-Z0-9_]*|PORT[A-Z0-9_]*))$');

/**
 * The variables a script expands (`$NAME`, `${NAME…}`, anywhere in its text, shells it starts included) that neither the
 * container's env, nor the script (an assignment `NAME=` anywhere, `export`/`declare`/`local`/`readonly`/`typeset NAME`, `read`,
 * `for`/`select`, `getopts`, `mapfile`/`readarray`, `printf -v`) nor the shell sets (NOT_FROM_ENVFROM): what a Secret whose
 * keys are not known, given by envFrom, may set.
 */
function unsetVariables(script: string, container: any): string[] {
  const set = new Set<string>(asArray(container?.env).filter((e) => isObject(e) && typeof e.name === 'string').map((e) => e.name as string));
  const name = '[A-Za-z_][A-Za-z0-9_]*';
  for (const m of script.matchAll(new RegExp(`(${name})(?:\\[[^\\]]*\\])?\\+?=`, 'g'))) set.add(m[1]);
  for (const m of script.matchAll(new RegExp('\\b(?:export|declare|typeset|local|readonly|read|for|select|getopts|mapfile|readarray|unset)\\b([^;&|\\n]*)', 'g'))) {
    for (const w of m[1].matchAll(new RegExp(`(?<![-$\\w{])(${name})`, 'g'))) set.add(w[1]);
  }
  for (const m of script.matchAll(new RegExp(`printf\\s+-v\\s*(${name})`, 'g'))) set.add(m[1]);
  const expanded = [...script.matchAll(new RegExp(`\\$(?:\\{(${name})|(${name}))`, 'g'))].map((m) => m[1] ?? m[2]);
  return [...new Set(expanded)].filter((n) => !set.has(n) && !NOT_FROM_ENVFROM.test(n));
}

/**
 * The env variables of a container that hold a Secret's key (the last entry of a name wins, as the kubelet sets them): those of
 * `valueFrom.secretKeyRef`, over each key (with its `prefix`) of a Secret its `envFrom` gives whose keys are known (`keys`).
 */
function secretVariables(container: any, keys: (secret: string) => readonly string[] | undefined = () => undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of asArray(container?.envFrom)) {
    const name = isObject(e?.secretRef) && typeof e.secretRef.name === 'string' ? e.secretRef.name : undefined;
    for (const key of name === undefined ? [] : keys(name) ?? []) {
      const variable = `${typeof e.prefix === 'string' ? e.prefix : ''}${key}`;
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable)) out.set(variable, `Secret '${jsString(name!)}' key '${jsString(key)}', by envFrom`);
    }
  }
  for (const e of asArray(container?.env)) {
    if (!isObject(e) || typeof e.name !== 'string') continue;
    const ref = e.valueFrom?.secretKeyRef;
    if (isObject(ref)) out.set(e.name, `Secret '${jsString(ref.name ?? '')}' key '${jsString(ref.key ?? '')}'`);
    else out.delete(e.name);
  }
  return out;
}

/**
 * The workspaces of the task spec a container belongs to that a run binds to a Secret (or a CSI or projected volume), by what is
 * checked together: a TaskRun's own bindings; a pipeline task's embedded spec given a Pipeline's credentials workspace
 * (`credentialWorkspaces`: the library's model, the PipelineRuns checked with it) or a PipelineRun's Secret binding; a Task that a
 * TaskRun or pipeline task checked together runs (by a local taskRef) with such a binding.
 */
function secretWorkspaces(specTarget: string, manifest: any, context: IRuleContext | undefined): ReadonlySet<string> {
  const kind = manifest?.kind;
  const bound = secretBindings;
  if (kind === 'TaskRun' && specTarget === '') return new Set(bound(manifest));
  const task = /^task\/(.+)\/$/.exec(specTarget)?.[1];
  const pipelineHeld = (spec: any, credentials: ReadonlySet<string>, name: string): string[] =>
    [...asArray(spec?.tasks), ...asArray(spec?.finally)].filter((t) => isObject(t) && jsString(t.name) === name)
      .flatMap((t) => receivedWorkspaces(t).filter((w) => credentials.has(w.pipelineWorkspace)).map((w) => w.taskWorkspace));
  if (task !== undefined && kind === 'Pipeline') return new Set(pipelineHeld(manifest.spec, new Set(context?.credentialWorkspaces(manifest) ?? []), task));
  if (task !== undefined && kind === 'PipelineRun') return new Set(pipelineHeld(manifest.spec?.pipelineSpec, new Set(bound(manifest)), task));
  if (kind !== 'Task' || context === undefined || specTarget !== '') return new Set();
  return taskSecretWorkspaces(context).get(manifest) ?? new Set();
}

/**
 * The workspaces of each Task checked together that a run or pipeline task checked with it binds to a Secret (by a local taskRef),
 * read once per set of manifests.
 */
function taskSecretWorkspaces(context: IRuleContext): ReadonlyMap<any, ReadonlySet<string>> {
  return oncePerSet(TASK_SECRET_WORKSPACES, context.manifests, 'tasks', () => {
    const out = new Map<any, Set<string>>();
    const add = (tasks: readonly any[], names: readonly string[]) => {
      for (const t of tasks) {
        if (names.length === 0) continue;
        let set = out.get(t);
        if (set === undefined) out.set(t, set = new Set());
        names.forEach((n) => set!.add(n));
      }
    };
    for (const m of context.manifests) {
      if (m?.kind === 'TaskRun') add(locallyReferenced(context.manifests, m.spec?.taskRef, 'Task', m), secretBindings(m));
      const pipeline = m?.kind === 'Pipeline' ? { spec: m.spec, credentials: () => context.credentialWorkspaces(m) }
        : m?.kind === 'PipelineRun' && isObject(m.spec?.pipelineSpec) ? { spec: m.spec.pipelineSpec, credentials: () => secretBindings(m) } : undefined;
      if (pipeline === undefined) continue;
      const tasks = [...asArray(pipeline.spec?.tasks), ...asArray(pipeline.spec?.finally)]
        .filter((t) => isObject(t) && isObject(t.taskRef) && asArray(t.workspaces).length > 0);
      if (tasks.length === 0) continue;
      const credentials = new Set(pipeline.credentials());
      if (credentials.size === 0) continue;
      for (const t of tasks) {
        add(locallyReferenced(context.manifests, t.taskRef, 'Task', m),
          receivedWorkspaces(t).filter((w) => credentials.has(w.pipelineWorkspace)).map((w) => w.taskWorkspace));
      }
    }
    return out;
  });
}

/** The workspaces a run binds to a Secret, a CSI or a projected volume. */
function secretBindings(run: any): string[] {
  return asArray(run?.spec?.workspaces).filter((w) => isObject(w) && bindsSecret(w) && typeof w.name === 'string').map((w) => w.name as string);
}

const TASK_SECRET_WORKSPACES = new WeakMap<readonly any[], Map<string, ReadonlyMap<any, ReadonlySet<string>>>>();

/**
 * The keys of the Secret (or ConfigMap) of a name checked together with `manifest` (its namespace's), if one is: of its `data`
 * and `stringData` (a ConfigMap's `data` and `binaryData`).
 */
function secretKeys(name: string, manifest: any, context: IRuleContext | undefined, kind = 'Secret'): readonly string[] | undefined {
  const found = context === undefined || name.includes('$(') ? [] : locallyReferenced(context.manifests, { name }, kind, manifest);
  if (found.length === 0) return undefined;
  const keysOf = (x: unknown) => Object.keys(isObject(x) ? x : {});
  return [...new Set(found.flatMap((m) => [...keysOf(m.data), ...keysOf(m.stringData), ...keysOf(m.binaryData)]))];
}

/** The variables the envFrom of a container sets from ConfigMaps checked together (their keys, with each entry's prefix). */
function configMapVariables(container: any, manifest: any, context: IRuleContext | undefined): string[] {
  return asArray(container?.envFrom).filter((e) => isObject(e?.configMapRef) && typeof e.configMapRef.name === 'string')
    .flatMap((e) => (secretKeys(e.configMapRef.name, manifest, context, 'ConfigMap') ?? []).map((k) => `${typeof e.prefix === 'string' ? e.prefix : ''}${k}`));
}

/** What a container holds of Secrets (SecretsHeld); `keys` gives the keys of a Secret checked together. */
function secretsHeld(container: any, volumes: readonly any[] | undefined, taskSpec: any, workspaces: ReadonlySet<string>,
  keys: (secret: string) => readonly string[] | undefined = () => undefined, templates: readonly TemplateVolume[] = []): SecretsHeld {
  const envFrom = asArray(container?.envFrom).filter((e) => isObject(e?.secretRef) && (typeof e.secretRef.name !== 'string' || keys(e.secretRef.name) === undefined))
    .map((e) => `'${jsString(e.secretRef.name ?? '')}'`);
  const mounts: Array<{ path: string; said: string; subPath?: boolean }> = [];
  // (a volume of the task spec, or of a run's pod template, that holds credentials: volumeCredentials)
  for (const { mount: m, said } of credentialMounts(container, volumes, templates)) {
    // (`subPath`: the kubelet bind-mounts the key's file itself, no `..data` link)
    const subPath = [m.subPath, m.subPathExpr].some((x) => typeof x === 'string' && x !== '');
    if (typeof m.mountPath === 'string') mounts.push({ path: m.mountPath.replace(/\/+$/, ''), said, ...subPath ? { subPath } : {} });
  }
  for (const w of asArray(taskSpec?.workspaces)) {
    if (!isObject(w) || typeof w.name !== 'string' || !workspaces.has(w.name)) continue;
    const said = `workspace '${jsString(w.name)}', which carries credentials (a run binds it to a Secret, a CSI or a projected volume, or its pipeline declares it for credentials)`;
    mounts.push({ path: `$(workspaces.${w.name}.path)`, said });
    mounts.push({ path: (typeof w.mountPath === 'string' && w.mountPath !== '' ? w.mountPath : `/workspace/${w.name}`).replace(/\/+$/, ''), said });
  }
  const plain = new Map<string, string>();
  for (const e of asArray(container?.env)) if (isObject(e) && typeof e.name === 'string') typeof e.value === 'string' ? plain.set(e.name, e.value) : plain.delete(e.name);
  return { variables: secretVariables(container, keys), envFrom, mounts, plain, guessed: new Set() };
}

/** A command of a script that prints a Secret's value to the log. */
interface Print {
  /** The command as written. */
  readonly line: string;
  readonly problem: string;
  readonly fix: string;
}

/** The Secret mount a path is at or under, if any. */
function mountOf(path: string, held: SecretsHeld): { path: string; said: string; subPath?: boolean } | undefined {
  return held.mounts.find((m) => path === m.path || path.startsWith(`${m.path}/`));
}

/** Programs that print what is piped to them (all of it, or its start or end, or its lines numbered or laid out), their output not redirected. */
const PASS_ON = /^(cat|tee|sort|head|tail|uniq|less|more|tac|nl|paste|column|fmt|expand|unexpand|pr|strings)$/;

/**
 * Whether a program given what is piped (its words after its name, without redirections) prints it or lines of it, read from
 * what GNU grep 3.8, awk (mawk, gawk) and xargs do: grep given no file but with neither `-q`, `-c`, `-l` nor `-L` (it prints
 * the lines its pattern finds, and a Secret's value is not known not to match: `grep .`); awk given no file nor `-f` (its
 * program, `awk 1`, `awk '{print $1}'`, prints what it picks: which part is not known); xargs given no command or `echo`/`printf`
 * and no `-a` (it runs the command with the lines as words: `echo "$T" | xargs` prints it); dd given no `if=` nor `of=`.
 */
function printsPiped(name: string, rest: readonly string[]): boolean {
  if (/^(grep|egrep|fgrep)$/.test(name)) {
    let pattern = false;
    const operands: string[] = [];
    for (let i = 0; i < rest.length; i++) {
      const w = rest[i];
      if (w === '--') {
        operands.push(...rest.slice(i + 1));
        break;
      }
      if (/^--(count|quiet|silent|files-with-matches|files-without-match|file)\b/.test(w) || /^-[A-Za-z]*[qclLf]/.test(w)) return false;
      if (/^--regexp\b/.test(w) || /^-[A-Za-z]*e/.test(w)) pattern = true;
      if (/^-[A-Za-z]*[eABCmd]$/.test(w) || w === '--regexp') i++;
      else if (!w.startsWith('-') || w === '-') operands.push(w);
    }
    return operands.slice(pattern ? 0 : 1).every((w) => w === '-');
  }
  if (/^(awk|gawk|mawk|nawk)$/.test(name)) {
    const operands: string[] = [];
    for (let i = 0; i < rest.length; i++) {
      const w = rest[i];
      if (/^(-f|--file)/.test(w)) return false;
      if (/^-[Fv]$/.test(w)) i++;
      else if (!w.startsWith('-') || w === '-') operands.push(w);
    }
    return operands.length > 0 && operands.slice(1).every((w) => w === '-' || /^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
  }
  if (name === 'xargs') {
    for (let i = 0; i < rest.length; i++) {
      const w = rest[i];
      if (/^(-a|--arg-file)/.test(w)) return false;
      if (/^-[IdELnPs]$/.test(w)) i++;
      else if (!w.startsWith('-')) return w === 'echo' || w === 'printf' || basename(w) === 'echo';
    }
    return true;
  }
  if (name === 'dd') return rest.every((w) => !/^(if|of)=/.test(w));
  return false;
}

/**
 * Whether what `commands[k]` writes to its standard output reaches the step's log: not redirected to a file (`>&2` is the log
 * too) nor to a descriptor a top-level `exec` sent to one (`quiet`), not piped into a program but one that passes it on (PASS_ON,
 * or a transform reading no file, TRANSFORMS: `| base64`), its own output not redirected, not in a compound command or subshell
 * whose output is redirected or piped, nor in a function's body (whose output the caller may capture).
 */
function outputLogged(commands: readonly SimpleCommand[], k: number, functionLines: ReadonlySet<string>, quiet: readonly boolean[] = []): boolean {
  const c = commands[k];
  // its output sent to its standard error (`echo "$T" >&2`, `> /dev/stderr`): a subshell's `> file` or a pipe around it does not
  // take it, only what sends that standard error elsewhere (bash 5.2 run: `(echo LEAK >&2) > /dev/null` prints LEAK)
  if (outputToStderr(c)) return !quiet[2] && enclosingErrorLogged(commands, k);
  if (c.scope.length > 0 && functionLines.has(c.line)) return false;
  // (its own `>&3`: where the groups around it or a top-level `exec` send that descriptor, a pipe after it not taking it: `{ cat F >&3; }
  // 3>/tmp/x` fills /tmp/x, `exec 3>/tmp/y; { cat F >&3; } 3>&1` prints, bash 5.2 run)
  const own = /[<>]/.test(c.line) ? redirectionTable(argvOf(c), c.heredocs).get(1) : undefined;
  if (own?.kind === 'outer' && own.fd > 2) return enclosingExecLogged(commands, k, quiet, own.fd, -1, true);
  // (the shell's output sent to a file, its own not redirected: where a group around it sends it, `exec 3>&1 >/tmp/o; { cat F; } >&3`
  // prints F, bash 5.2 run, read left to right as a command's own: 3 takes the log before the output moves)
  if (!stdoutLogs(c, quiet)) {
    return own === undefined && quiet[1] === true && logDestination(argvOf(c)) !== false && enclosingExecLogged(commands, k, quiet, 1);
  }
  if (c.pipe && !pipedOn(commands, k + 1, quiet)) return false;
  // a compound command around it whose closing word redirects its output (`{ echo "$T"; } > file`, `fi > file`) or pipes it
  // (`fi | docker login --password-stdin`; `} | cat` passes it on), or a subshell whose `)` is followed by redirections
  // (`( echo "$T" ) > file`) or a pipe (`( echo "$T" ) | docker login --password-stdin`); one run in the background (`} &`)
  // writes to the log too
  let apart = false;
  for (let depth = c.scope.length, j = k + 1; depth > 0 && j < commands.length; j++) {
    if (commands[j].scope.length >= depth) continue;
    const subshell = c.scope[depth - 1].kind === 'other' && !c.scope[depth - 1].group;
    depth = commands[j].scope.length;
    const words = argvOf(commands[j]);
    const closer = /^(\}|fi|done|esac)$/.test(words[0] ?? '');
    // (`} >&3`, `) >&3`: where that descriptor goes, as the groups around it or a top-level `exec` before it send it (enclosingExecLogged:
    // `exec 3>/tmp/f; { cat F; } >&3` fills /tmp/f, `exec 3>&1` prints it, bash 5.2 run); neither a pipe after it nor its `>` before it takes it
    const fd1 = closer || (subshell && commands[j].afterSubshell) ? redirectionTable(words).get(1) : undefined;
    if (fd1?.kind === 'outer' && fd1.fd > 2) return enclosingExecLogged(commands, k, quiet, fd1.fd, j, true);
    if (closer && logDestination(words) === false) return false;
    if (closer && commands[j].pipe && !pipedOn(commands, j + 1, quiet)) return false;
    if (subshell && commands[j].afterSubshell && logDestination(words) === false) return false;
    if (subshell && commands[j].after === '|' && !pipedOn(commands, j, quiet)) return false;
    apart ||= closer && (commands[j].pipe || commands[j].background);
  }
  // (run apart from the shell otherwise, a coprocess's output is read by the shell: `coproc { echo "$T"; }`)
  return c.scope.length === 0 || !c.background || apart;
}

/** Whether a command's standard output, as its own redirections and the shell's (`quiet`) leave it, is the log. */
function stdoutLogs(c: SimpleCommand, quiet: readonly boolean[]): boolean {
  const words = argvOf(c);
  if (logDestination(words) === false) return false;
  return !/[<>]/.test(c.line) ? !quiet[1] : writesLog(redirectionTable(words, c.heredocs).get(1), 1, quiet);
}

/** Whether what is piped into `commands[j]` reaches the log: it passes it on (PASS_ON, or a transform given no file), its output too. */
function pipedOn(commands: readonly SimpleCommand[], j: number, quiet: readonly boolean[]): boolean {
  for (; ; j++) {
    const next = commands[j];
    if (next === undefined) return false;
    const program = programOf(next);
    if (program === undefined) return false;
    const rest = withoutRedirections(argvOf(next).slice(program.at + 1));
    // (`| tee /dev/stderr > /dev/null`: tee writes it to the log itself, a file of its operands)
    if (program.name === 'tee' && rest.some(isLogFile)) return true;
    if (!stdoutLogs(next, quiet)) return false;
    // (jq and yq print what their filter picks: all of it with `.`; a field of a response, `| jq .id`, is not what was piped)
    const whole = !/^(jq|yq)$/.test(program.name) || rest.filter((w) => !w.startsWith('-')).every((w) => w === '.');
    const transform = TRANSFORMS.test(program.name) && whole && transformOperands(program.name, rest).files.length === 0
      && !(program.name === 'sed' && sedSilent(rest));
    if (!PASS_ON.test(program.name) && !transform && !printsPiped(program.name, rest)) return false;
    if (!next.pipe) return true;
  }
}

/** Whether words' redirections leave the standard output on the log: false where it goes to a file other than the log's. */
function logDestination(words: readonly string[]): boolean {
  const { outputs, stdoutRedirected } = splitRedirections(words);
  if (!stdoutRedirected) return true;
  const last = outputs[outputs.length - 1]?.file;
  return last !== undefined && isLogFile(last);
}

/**
 * The step's standard stream a file is, as the kernel opens it (`/dev/stdout`, `/dev/fd/2`, `/proc/self/fd/1`, `//dev/./stderr`;
 * not `/dev/fd/01`, which names no file: descriptorOf): 1 or 2, its standard output or error, or `entrypoint` for the entrypoint's
 * (pid 1's, `/proc/1/fd/1`), which are the log too; undefined for another.
 */
function standardStream(file: string): 1 | 2 | 'entrypoint' | undefined {
  const path = normalDir(file);
  if (/^\/proc\/1\/fd\/[12]$/.test(path)) return 'entrypoint';
  const fd = path === '/dev/stdout' ? 1 : path === '/dev/stderr' ? 2 : path.startsWith('/') ? descriptorOf(path) : undefined;
  return fd === 1 || fd === 2 ? fd : undefined;
}

/** Whether a file is the step's log: its standard output or error, or the entrypoint's (standardStream). */
const isLogFile = (file: string): boolean => standardStream(file) !== undefined;

/**
 * The stream of the step's log a file a program writes its log to is (standardStream): `stdout` for its standard output, `stderr` for its
 * error, `log` for the entrypoint's (pid 1's `/proc/1/fd/1` or `/proc/1/fd/2`), which the command's own redirections do not take: Tekton's
 * entrypoint writes what it is given to the step's log whatever the command does with its standard streams; undefined for another file.
 */
function logStream(file: string): LogStream | undefined {
  const stream = standardStream(file);
  return stream === 1 ? 'stdout' : stream === 2 ? 'stderr' : stream === 'entrypoint' ? 'log' : undefined;
}

/** The stream a program writes to (logStream): its standard output or error, or the entrypoint's, always the step's log. */
type LogStream = 'stdout' | 'stderr' | 'log';

/** A stream as the messages name it: `stdout`, `stderr`, or the entrypoint's. */
const streamSaid = (stream: LogStream): string => (stream === 'log' ? 'the entrypoint\'s stream (pid 1\'s), which Tekton keeps as the step\'s log' : stream);

/** Whether a descriptor of a command (as redirectionTable gives it) writes to the log, where the shell's `quiet` ones do not. */
function writesLog(d: DescriptorSource | undefined, fd: number, quiet: readonly boolean[]): boolean {
  if (d === undefined) return !quiet[fd];
  if (d.kind === 'outer') return !quiet[d.fd];
  // (`> >(tee log)`: a process substitution passes it on)
  return d.kind === 'file' && (isLogFile(d.target) || d.target.startsWith('>('));
}

/**
 * Whether what `commands[k]` writes to its standard error reaches the step's log: not redirected to a file by itself or by a
 * compound command around it (`2>/dev/null`, `} 2> file`); `2>&1` sends it where its standard output goes (outputLogged).
 */
function errorLogged(commands: readonly SimpleCommand[], k: number, functionLines: ReadonlySet<string>, quiet: readonly boolean[] = []): boolean {
  const c = commands[k];
  // (`|&` sends it into the pipe, after the command's own redirections: `2>/dev/null |& cat` prints it, bash 5.2 run)
  const fd2 = c.pipesError ? { kind: 'outer', fd: 1 } as const : redirectionTable(argvOf(c), c.heredocs).get(2);
  if (fd2?.kind === 'outer' && fd2.fd === 1) return outputLogged(commands, k, functionLines, quiet);
  const inherited = fd2 === undefined || (fd2.kind === 'outer' && fd2.fd === 2);
  // (its own `2>&3` to a descriptor above 2: where the compound commands around it send that one, `{ curl -v … 2>&3; } 3>/dev/null`,
  // whatever they do with their standard error, `{ curl -v … 2>&3; } 2>/dev/null` prints, bash 5.2 run)
  if (fd2?.kind === 'outer' && fd2.fd > 2) return enclosingExecLogged(commands, k, quiet, fd2.fd, -1, true);
  return inherited ? shellErrorLogged(commands, k, quiet) : writesLog(fd2, 2, quiet) && enclosingErrorLogged(commands, k, false, quiet);
}

/**
 * Whether the standard error `commands[k]` is given, before its own redirections apply, reaches the log: where the shell's is the log
 * (`quiet`) or a group, subshell or function call around it sends it to a descriptor a top-level `exec` duplicated from the log
 * (enclosingExecLogged), and none sends it elsewhere (enclosingErrorLogged). The trace writes there (`exec 3>&2 2>/dev/null; { set -x;
 * echo "$T"; } 2>&3` prints it, `exec 3>/dev/null; set -x; { echo "$T"; } 2>&3` and `set -x; echo "$T" 2>/dev/null`'s own do not take
 * it: nothing, and `+ echo …`, bash 5.2 run).
 */
function shellErrorLogged(commands: readonly SimpleCommand[], k: number, quiet: readonly boolean[]): boolean {
  return (!quiet[2] || enclosingExecLogged(commands, k, quiet)) && enclosingErrorLogged(commands, k, false, quiet);
}

/**
 * Whether the innermost compound command or subshell around `commands[k]` that redirects its standard error sends it to a descriptor
 * above 2 that a top-level `exec` sent to the log (`quiet`: `exec 3>&2; exec 2>/dev/null; { curl -v …; } 2>&3`, bash 5.2 and dash
 * 0.5.12 run: curl's headers print), or, given one (`fd`), that one: followed through those around it, the first that redirects it
 * deciding (bash 5.2 run, after `exec 3>&2 4>&2; exec 2>/dev/null`: `{ { curl -v …; } 2>&3; } 3>/dev/null` and `… } 3>/dev/stderr`
 * print nothing, `… } 3>&4` prints, `{ … } 3>&4; } 4>/dev/null` not); from those that end after the command `after` (the layer
 * that sent standard error to it) where given. A descriptor no top-level `exec` opened (`quiet` holds none for it) is the log where
 * `untracked` (one an `exec` in a branch may have opened), else not.
 */
function enclosingExecLogged(
  commands: readonly SimpleCommand[], k: number, quiet: readonly boolean[], fd?: number, after = -1, untracked = false,
): boolean {
  for (const { j, subshell } of enclosingEnds(commands, k)) {
    if (j <= after) continue;
    const words = argvOf(commands[j]);
    if (!/^(\}|fi|done|esac)$/.test(words[0] ?? '') && !(subshell && commands[j].afterSubshell)) continue;
    const d = redirectionTable(words).get(fd ?? 2);
    if (d === undefined) continue;
    if (d.kind === 'outer' && d.fd > 2) {
      fd = d.fd;
      continue;
    }
    if (fd === undefined) return false;
    // (to the shell's standard output or error, which a top-level `exec` may have sent elsewhere: `3>&2`, `3>/dev/stderr`)
    const stream = d.kind === 'outer' ? d.fd : d.kind === 'file' ? standardStream(d.target) : undefined;
    return stream === 1 || stream === 2 ? !quiet[stream] : writesLog(d, fd, quiet);
  }
  return fd !== undefined && (quiet[fd] === undefined ? untracked : !quiet[fd]);
}

/** The first command after each compound command or subshell around `commands[k]` ends, innermost first, and whether it is a subshell's. */
function* enclosingEnds(commands: readonly SimpleCommand[], k: number): Generator<{ j: number; subshell: boolean }> {
  const c = commands[k];
  for (let depth = c.scope.length, j = k + 1; depth > 0 && j < commands.length; j++) {
    if (commands[j].scope.length >= depth) continue;
    const subshell = c.scope[depth - 1].kind === 'other' && !c.scope[depth - 1].group;
    depth = commands[j].scope.length;
    yield { j, subshell };
  }
}

/** Whether a command's own redirections send its standard output to its standard error (`>&2`, `1>&2`, `> /dev/stderr`). */
function outputToStderr(c: SimpleCommand): boolean {
  if (!/[<>]/.test(c.line)) return false;
  const fd1 = redirectionTable(argvOf(c), c.heredocs).get(1);
  return (fd1?.kind === 'outer' && fd1.fd === 2) || (fd1?.kind === 'file' && standardStream(fd1.target) === 2);
}

/**
 * Whether what `commands[k]` writes to the standard error it is given reaches the log: no compound command or subshell around
 * it sends that standard error to a file (`} 2> file`, `) 2>/dev/null`); a pipe around it carries its standard output alone. In a
 * command substitution (`substitution`), none sends it to its output either (`} 2>&1`, `) |&`), which the substitution takes. Given the
 * shell's descriptors a top-level `exec` sent elsewhere (`quiet`), one that sends it to a descriptor above 2 (`} 2>&3`) decides by where
 * that one goes (enclosingExecLogged: `exec 3>/dev/null; { curl -v …; } 2>&3` prints nothing, `exec 3>&2; { { curl -v …; } 2>&3; }
 * 2>/dev/null` prints, bash 5.2 run).
 */
function enclosingErrorLogged(commands: readonly SimpleCommand[], k: number, substitution = false, quiet?: readonly boolean[]): boolean {
  for (const { j, subshell } of enclosingEnds(commands, k)) {
    const words = argvOf(commands[j]);
    // (`) |& grep -q x`: a subshell whose `)` is followed by the pipe alone sends its standard error into it, bash 5.2 run)
    if (subshell && !commands[j].afterSubshell && commands[j].errorPiped) {
      if (substitution || !pipedOn(commands, j, [false, false, false])) return false;
      continue;
    }
    if (!/^(\}|fi|done|esac)$/.test(words[0] ?? '') && !(subshell && commands[j].afterSubshell)) continue;
    // (`} |& grep -q x`, `} 2>&1 | grep -q x`: into the pipe, where the group's output goes, bash 5.2 run)
    const fd2 = redirectionTable(words).get(2);
    if (quiet !== undefined && !commands[j].pipesError && fd2?.kind === 'outer' && fd2.fd > 2) return enclosingExecLogged(commands, k, quiet, fd2.fd, j, true);
    // (in a command substitution, where its output goes is the substitution's value: `$( ( curl -v … ) 2>&1 )`)
    if (substitution && (commands[j].pipesError || (fd2?.kind === 'outer' && fd2.fd === 1))) return false;
    if (commands[j].pipesError ? logDestination(words) === false || !pipedOn(commands, j + 1, [false, false, false])
      : fd2?.kind === 'outer' && fd2.fd === 1 ? commands[j].pipe && !pipedOn(commands, j + 1, [false, false, false])
        : !writesLog(fd2, 2, [false, false, false])) return false;
  }
  return true;
}

/**
 * Whether what a command in a command substitution writes to its standard error reaches the log: not redirected, or to the
 * step's standard error or the entrypoint's descriptors, or to a descriptor a top-level `exec` duplicated from the log before it
 * (execLogged: `exec 3>&2` then `$(curl -v … 2>&3)`); not to its standard output (`2>&1`, `|&`, `2>/dev/stdout`), which the
 * substitution takes, nor to a file, nor to a descriptor no `exec` opened (bash: `3: Bad file descriptor`, the command not run).
 */
function substitutionErrorLogged(s: SimpleCommand, quiet: readonly boolean[]): boolean {
  if (s.pipesError) return false;
  const fd2 = redirectionTable(argvOf(s), s.heredocs).get(2);
  if (fd2 === undefined) return true;
  if (fd2.kind === 'outer') return fd2.fd === 2 || execLogged(s, quiet);
  return fd2.kind === 'file' && (standardStream(fd2.target) === 2 || standardStream(fd2.target) === 'entrypoint');
}

/**
 * Whether a command's own redirections send its standard error to a descriptor above 2 that a top-level `exec` before it sent to
 * the log (`quiet`, execQuiet: false where set so, `exec 3>&2`, `exec 3>/dev/stderr`): the log whatever the shell's standard error
 * is then (bash 5.2 and dash 0.5.12 run: `exec 3>&2; exec 2>/dev/null; R=$(curl -v … 2>&3)` prints curl's headers).
 */
function execLogged(s: SimpleCommand, quiet: readonly boolean[]): boolean {
  const fd2 = /[<>]/.test(s.line) ? redirectionTable(argvOf(s), s.heredocs).get(2) : undefined;
  return fd2?.kind === 'outer' && fd2.fd > 2 && quiet[fd2.fd] === false;
}

/**
 * The shell's descriptors that an `exec` sends to a file (`exec > build.log 2>&1`, `exec 3>/tmp/f`), before each of `commands`
 * and after the last: true for each whose output does not reach the log. One that may not run, or not where read (in an `if`, a
 * loop, a `{ … }` group, a function's body, after `&&` or `||`: the shell's own, bash 5.2 run: `exec 3>/tmp/f; if [ -n "$V" ]; then
 * exec 3>&1; fi; { cat F; } >&3` prints F), leaves each descriptor it names quiet only where it was and stays so (false where it
 * may reach the log), from where it may run: in a loop, from the loop's start, which runs again after it. One run apart (a `( … )`
 * subshell, a pipeline's command, in the background) sets none.
 */
function execQuiet(commands: readonly SimpleCommand[]): ReadonlyArray<readonly boolean[]> {
  // the execs that may run, by the command before which they may first have run
  const mays = new Map<number, number[]>();
  commands.forEach((c, k) => {
    if (execRedirections(c, true) === undefined || c.unconditional) return;
    const loop = c.scope.find((s) => s.kind === 'loop');
    const start = loop === undefined ? k + 1 : commands.findIndex((x) => x.scope.some((s) => s.id === loop.id));
    mays.set(Math.min(start, k + 1), [...mays.get(Math.min(start, k + 1)) ?? [], k]);
  });
  let quiet: readonly boolean[] = [false, false, false];
  const out: Array<readonly boolean[]> = [];
  for (let k = 0; k <= commands.length; k++) {
    for (const m of mays.get(k) ?? []) {
      const was = quiet;
      const next = [...quiet];
      for (const [fd, d] of execRedirections(commands[m], true)!) next[fd] = writesLog(d, fd, was) ? false : was[fd];
      quiet = next;
    }
    out.push(quiet);
    const table = k < commands.length && commands[k].unconditional ? execRedirections(commands[k]) : undefined;
    if (table !== undefined) {
      const was = quiet;
      const next = [...quiet];
      // (`exec 3>/tmp/f` too: what is written to 3 after goes there)
      for (const [fd, d] of table) next[fd] = !writesLog(d, fd, was);
      quiet = next;
    }
  }
  return out;
}

/**
 * The descriptors a top-level `exec` of redirections alone (`exec > build.log 2>&1`) sets for the commands after it (redirectionTable),
 * or, `nested`, one in the shell's own compound commands (`if`, loops, `{ … }`, a function's body), not run apart (a subshell, a pipe,
 * the background); undefined for another command.
 */
function execRedirections(c: SimpleCommand, nested = false): ReadonlyMap<number, DescriptorSource> | undefined {
  const program = programOf(c);
  const argv = argvOf(c);
  const own = nested ? !c.pipe && c.after !== '|' && !c.background && c.scope.every((s) => s.kind !== 'other' || s.group) : c.scope.length === 0;
  return program?.name === 'exec' && program.at === 0 && own && withoutRedirections(argv.slice(1)).length === 0
    ? redirectionTable(argv.slice(1), c.heredocs) : undefined;
}

/**
 * Where what `commands[k]` writes to the shell's descriptor `fd` goes (its own redirections applied: `cat F >&3` writes to 3): into the
 * file a compound command or subshell around it sends it to (`{ cat F; } > FILE`, `( … ) > FILE`), followed through those that send it
 * to another descriptor, or into the pipe one sends its output to (`into`, the command piped into: `} | tee FILE`), else into the file
 * the last top-level `exec` before it sends it to (`exec > FILE`; `exec 3> FILE` then `exec >&3`), unless `called` (in a function's body,
 * whose calls may send it elsewhere: `f > /tmp/out`); undefined where none is (the log).
 */
function descriptorSink(commands: readonly SimpleCommand[], k: number, fd: number, called = false): { file: string } | { into: number } | undefined {
  for (const { j, subshell } of enclosingEnds(commands, k)) {
    const words = argvOf(commands[j]);
    const closer = /^(\}|fi|done|esac)$/.test(words[0] ?? '');
    const d = closer || (subshell && commands[j].afterSubshell) ? redirectionTable(words).get(fd) : undefined;
    if (d?.kind === 'file') return d.read ? undefined : { file: d.target };
    if (d !== undefined && d.kind !== 'outer') return undefined;
    if (d !== undefined) fd = d.fd;
    if (fd !== 1) continue;
    if (closer && commands[j].pipe) return { into: j + 1 };
    if (subshell && !commands[j].afterSubshell && commands[j].after === '|') return { into: j };
  }
  for (let j = called ? -1 : k - 1; j >= 0; j--) {
    const d = execRedirections(commands[j])?.get(fd);
    if (d === undefined) continue;
    if (d.kind !== 'outer') return d.kind === 'file' && !d.read ? { file: d.target } : undefined;
    fd = d.fd;
  }
  return undefined;
}

/**
 * Whether the shell named `shell` makes the own redirections of command `c` before it runs the command substitution that runs `s`,
 * which then writes to where they send the shell's standard error (bash 5.2, dash 0.5.12, busybox 1.35 ash, zsh 5.9, ksh93u+m 1.0.4,
 * mksh R59 and yash 2.52 run with `curl -v … 2>/dev/null`): in an assignment of a command of assignments alone (`R=$(curl -v …)
 * 2>/dev/null`) dash, ash, zsh and mksh do, bash, ksh93 and yash run it first (`ksh`, either, is read as running it first); in an
 * assignment before a program (`R=$(curl -v …) make 2>/dev/null`) every one of them but bash does; zsh also in the words of a
 * declaration (`export`, `readonly`, `typeset`, `declare`, `local`, `integer`, `float`, not behind `builtin` or `command`). In an
 * argument (`make $(curl -v …) 2>/dev/null`) none does; a shell not known (`sh`, Tekton's /bin/sh, which may be bash) is read as bash.
 */
function redirectsFirst(shell: string | undefined, c: SimpleCommand, s: SimpleCommand): boolean {
  if (shell === undefined || !/^(dash|ash|zsh|mksh|ksh|yash)$/.test(shell)) return false;
  const code = c.substitutions.find((x) => simpleCommands(x).includes(s));
  const words = withoutRedirections(argvOf(c));
  const { assignments, argv } = splitAssignments(words);
  if (code === undefined || words.length === 0) return false;
  if (assignments.some((a) => a.value.includes(code)) && !argv.some((w) => w.includes(code))) {
    return argv.length === 0 ? /^(dash|ash|zsh|mksh)$/.test(shell) : true;
  }
  // (zsh: in a NAME=VALUE word of the declaration alone; `export $(…)` runs it first, run)
  const named = (w: string) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(w);
  return shell === 'zsh' && /^(export|readonly|typeset|declare|local|integer|float)$/.test(argv[0] ?? '') && c.words[assignments.length]?.literal === true
    && argv.slice(1).some((w) => named(w) && w.includes(code)) && !argv.slice(1).some((w) => !named(w) && w.includes(code));
}

/** Whether a command's own redirections send its standard error to the entrypoint's (`2>/proc/1/fd/2`), the log whatever the shell's is. */
function toEntrypoint(s: SimpleCommand): boolean {
  const fd2 = /[<>]/.test(s.line) ? redirectionTable(argvOf(s), s.heredocs).get(2) : undefined;
  return fd2?.kind === 'file' && standardStream(fd2.target) === 'entrypoint';
}

/**
 * Whether no group or subshell around a command `s` of a command substitution of `c` (or of one nested in it) sends its standard
 * error to a file or to the substitution's output (`$( { curl -v …; } 2>&1 )`, bash 5.2 run): enclosingErrorLogged in the commands
 * of the substitution's code.
 */
function substitutionGroupsLogged(c: SimpleCommand, s: SimpleCommand, depth = 0): boolean {
  for (const code of depth > 16 ? [] : c.substitutions) {
    const commands = simpleCommands(code);
    const k = commands.indexOf(s);
    if (k >= 0) return enclosingErrorLogged(commands, k, true);
    for (const inner of commands) if (inner.substitutions.length > 0 && !substitutionGroupsLogged(inner, s, depth + 1)) return false;
  }
  return true;
}

/** A program's output that shows what it is given: the words it shows, on which stream, why (for a message), and a fix. */
interface Shown {
  readonly words: readonly string[];
  readonly stream: LogStream;
  readonly why: string;
  readonly fix: string;
}

/** A line of a curl config file that gives an option: as written, the file (for a fix), and where it is and what reads it (for a message). */
interface CurlConfigured {
  readonly text: string;
  readonly file: string;
  readonly where: string;
}

/** curl's options whose value `-v` shows: as a request header (`-u`, a URL's user:password as base64 of it, in Authorization), or in the request line (a URL's query). */
const CURL_HEADERS = /^(header|user|cookie|oauth2-bearer|proxy-user|proxy|proxy-header|url|url-query|request-target)$/;
/** curl's options whose value only a trace shows (the request's body). */
const CURL_BODY = /^(data|data-ascii|data-binary|data-raw|data-urlencode|json|form|form-string)$/;

/** The login and password curl sends of a `.netrc` the script wrote (`words`), the option as written that reads it and the file. */
interface CurlNetrc {
  readonly words: readonly string[];
  readonly option: string;
  readonly file: string;
}

/**
 * What curl shows of what it is given (curl 7.88, checked; 8.22 read in tool_getparam.c): the last of `-v` (`--verbose`, also in a
 * group, `-fsSLv`), `--trace FILE` and `--trace-ascii FILE` decides (each overrides those before it; `--no-verbose` turns all off). `-v`
 * writes the request line and headers to `%`, curl's stderr (stdout with `--stderr -`, none with `--stderr FILE`); a trace every byte
 * sent, the body too, to its FILE: `-` (stdout), `%` or /dev/stdout, /dev/stderr; so does `-v` given three times in one argument (`-vvv`,
 * curl 8.10 on: an argument that starts with `-v` or is `--verbose` counts from one again). An `--expand-` option (`--expand-header`,
 * curl 8.3 on) is read as its option, with the values of the `--variable`s it names. `-G` (`--get`) puts the data of its `--next` group
 * in the URL's query, which `-v` shows.
 */
function curlShown(args: readonly string[], from: ReadonlyMap<number, CurlConfigured> = new Map(), netrc?: CurlNetrc): Shown | undefined {
  // what decides: `-v`, as written (each argument that counts towards `-vvv`), or a trace, `--trace FILE`; the config line that gives it
  let shows: { option: string; dump: string; body: boolean; verbose: boolean; config?: CurlConfigured } | undefined;
  let level = 0;
  // (the arguments, as written, that give the `-v`s counted)
  let levelWords: Array<{ word: string; at: number }> = [];
  let stderr: LogStream | undefined = 'stderr';
  const headers: string[] = [];
  const body: string[] = [];
  // (the data of the `--next` group read: in the URL's query, shown in the request line, where the group has `-G`, curl 7.88 run)
  let data: string[] = [];
  let get = false;
  const groupEnds = () => {
    (get ? headers : body).push(...data);
    [data, get] = [[], false];
  };
  // (`--variable NAME=VALUE` or `NAME@FILE`, whose VALUE an `--expand-` option's `{{NAME}}` or `{{NAME:FUNCTIONS}}` gives, curl 8.3 on)
  const variables = new Map<string, string>();
  const expanded = (text: string) => text.replace(/\{\{([A-Za-z0-9_]+)(?::[^}]*)?\}\}/g, (whole, name: string) => variables.get(name) ?? whole);
  // (the stream a file curl writes to is: /dev/stdout, /proc/self/fd/2 …, its path as the kernel opens it, `//dev/stderr`,
  // `/dev/./stdout`; one it cannot open, `/dev/fd/01`, leaves it writing to its error stream, `unopened`, curl 7.88 run)
  const streamOf = (file: string, unopened: LogStream | undefined) => {
    const path = normalDir(file);
    return /^\/(dev|proc\/self)\/fd\/0[0-9]/.test(path) ? unopened : logStream(path);
  };
  const valued = (name: string, value: string | undefined, at?: number) => {
    if (value === undefined) return;
    // (`NAME@FILE` gives the file's content, read as `$(cat FILE)` is; `%NAME` the environment's NAME, `%NAME=TEXT` and `%NAME@FILE`
    // it where set, else TEXT or the file's content, curl 8.3 var.c: read as `${NAME}`, `${NAME}TEXT`, either that may be given)
    const variable = name === 'variable' ? /^(%?)([A-Za-z0-9_]+)(?:\[[0-9-]*\])?(?:([=@])([\s\S]*))?$/.exec(value) : null;
    const given = variable === null || variable[3] === undefined ? undefined : variable[3] === '=' ? variable[4] : variable[4] !== '-' ? `$(cat ${variable[4]})` : undefined;
    if (variable !== null && variable[1] === '%') variables.set(variable[2], given === undefined ? `\${${variable[2]}}` : `\${${variable[2]}}${given}`);
    else if (variable !== null && given !== undefined) variables.set(variable[2], given);
    if (name === 'trace' || name === 'trace-ascii') {
      shows = { option: `--${name} ${value}`, dump: value, body: true, verbose: false, config: at === undefined ? undefined : from.get(at) };
    } else if (name === 'stderr') {
      stderr = value === '-' ? 'stdout' : streamOf(value, 'stderr');
    } else if (CURL_HEADERS.test(name)) {
      headers.push(value);
    } else if (CURL_BODY.test(name)) {
      // (a form stays in the body: `-G -F` POSTs it)
      (name.startsWith('form') ? body : data).push(value);
    }
  };
  for (const o of curlArguments(args)) {
    // a URL
    if (o.kind === 'url') headers.push(o.text);
    if (o.kind !== 'option') continue;
    if (o.name === 'next') groupEnds();
    if (o.name === 'get') get = !o.negated;
    if (o.name === 'verbose' && o.negated) {
      [shows, level, levelWords] = [undefined, 0, []];
    } else if (o.name === 'verbose') {
      if (o.offset <= 1) [level, levelWords] = [0, []];
      if (levelWords[levelWords.length - 1]?.at !== o.at) levelWords.push({ word: o.word, at: o.at });
      level = Math.min(level + 1, 4);
      if (level === 1) shows = { option: o.offset > 0 ? o.written : o.word, dump: '%', body: false, verbose: true, config: from.get(o.at) };
      // (the third turns the trace to ASCII, every byte, where it goes)
      if (level === 3) shows = { option: levelWords.map((w) => w.word).join(' '), dump: shows?.dump ?? '%', body: true, verbose: true, config: from.get(o.at) };
    } else if (o.name !== undefined && CURL_VALUED.includes(o.name)) {
      valued(o.name, o.expand && o.value !== undefined ? expanded(o.value) : o.value, o.at);
    }
  }
  groupEnds();
  if (shows === undefined) return undefined;
  // (the login and password of the .netrc it reads, sent as the Authorization of their base64)
  headers.push(...netrc?.words ?? []);
  const { option, dump, config } = shows;
  const stream = dump === '%' ? stderr : dump === '-' ? 'stdout' : streamOf(dump, stderr);
  if (stream === undefined) return undefined;
  // (an option of a config file: named as its line is written, and where)
  const said = config === undefined ? `curl's \`${option}\`` : `curl's \`${config.text}\` (${config.where})`;
  const drop = config === undefined ? `Drop \`${option}\` from this command` : `Remove \`${config.text}\` from ${config.file}`;
  if (shows.body && shows.verbose) {
    return {
      words: [...headers, ...body],
      stream,
      why: `${said} (\`-v\` three times in one argument, curl 8.10 on) writes every byte it sends, headers and body, to ${streamSaid(stream)}`,
      fix: `${drop}, or send what it writes to a file (\`--stderr FILE\`).`,
    };
  }
  if (shows.body) {
    return {
      words: [...headers, ...body],
      stream,
      why: `${said} writes every byte it sends, headers and body, to ${streamSaid(stream)}`,
      fix: `${config === undefined ? `Drop \`${option}\`` : drop}, or trace to a file (\`${option.replace(/ .*/, '')} FILE\`).`,
    };
  }
  return {
    words: headers,
    stream,
    why: `${said} writes each request's line and headers to ${streamSaid(stream)}, its Authorization among them (of \`-H\`, or of \`-u\` or a URL's user:password as their base64, which decodes to them`
      + `${netrc === undefined ? '' : `, or of the login and password \`${netrc.option}\` reads from ${netrc.file} for the host`})`,
    fix: `${drop}, or send what it writes to a file (\`--stderr FILE\`).`,
  };
}

/** Whether an option of wget (or a command of a wgetrc, `c`) gives the password of its HTTP requests: `http` (`--http-password`, `httppasswd`), `plain` (`--password`). */
function wgetPassword(o: WgetOption, c: WgetConfigured | undefined): 'http' | 'plain' | undefined {
  const command = c?.command.command.replace(/[-_]/g, '').toLowerCase();
  return o.name === 'http-password' || o.name === 'http-passwd' || command === 'httppasswd' ? 'http' : o.name === 'password' ? 'plain' : undefined;
}

/**
 * What wget shows of what it is given (GNU Wget 1.21.3, run): the commands of the wgetrc files it reads (`rc`) first, then its options
 * read as wget reads them (`wgetArguments`: a long one's value, abbreviations, `--no-quiet`, `--quiet=off`, `-e debug=on`). While
 * debug is on (`-d`, `--debug`, `debug = on`), each option's value it is given after, on stderr as it reads it (`Setting --header
 * (header) to …`), before a log file (`-o FILE`, `-a FILE`) opens; debug on at the end, each request's headers (a user:password as
 * their base64) to its log, stderr unless in a file; else, unless `-q` (`--quiet`), each URL it fetches, its path and query (a
 * user:password in it is masked), to its log. The last `-q`, `-d` decides. Where a file it reads has a line it rejects (`failed`), it
 * exits after that file: only what `debug = on` wrote of the commands it set shows, none of its arguments.
 */
function wgetShown(
  args: readonly string[], rc: readonly WgetConfigured[] = [], posixlyCorrect = false, failed?: WgetrcFailed, netrcHosts?: readonly string[],
  netrcFile?: { text: string; file: string },
): Shown[] {
  // what turned debug on last: named for a message, and how to drop it
  let debug: { said: string; drop: string } | undefined;
  let on = false;
  // (where wget writes its log: stderr, or the file the last `-o FILE` or `-a FILE` names, undefined; the step's log where that is its
  // standard output or error, `-o /dev/stderr`, `-a /proc/self/fd/1`, as written (logStream), wget 1.21.3 run: the Authorization header
  // on the step's stderr or stdout; the last of `-o`, `-a` decides)
  let log: { stream: LogStream; written?: string } | undefined = { stream: 'stderr' };
  let quiet = false;
  const urls: string[] = [];
  // (the values given while debug is on, which it writes as it reads them; every value and URL, the headers an empty `--header=`
  // drops aside, wget 1.21.3 init.c cmd_spec_header, run)
  const given: string[] = [];
  // (a password, `http` where of `--http-password`, which wins over `--password`, sent only where a user is given: `--user`, `--http-user`
  // (`user =`, `http_user =` in a wgetrc), a URL's `user@` (`alice@host/x` too, read as http://, or one the shell expands), or a `.netrc`
  // entry for the host, ~/.netrc, which the image may hold, unless `--no-netrc` (`netrc = off`); without one, no Authorization, wget
  // 1.21.3 http.c run against a server that answers 401). Where the script wrote ~/.netrc, its entries are known (`netrcHosts`:
  // wgetNetrcHosts): one for a URL's host, or a host the shell expands, gives the user)
  let sent: Array<{ value: string; header: boolean; password?: 'http' | 'plain'; written?: string }> = [];
  let user = false;
  // (the user given by an option, `--http-user` over `--user`)
  const users: { http?: string; plain?: string } = {};
  let netrc = true;
  const configured = rc.map((c): [WgetOption, WgetConfigured] => {
    const { name, text, value, command } = c.command;
    return [{ kind: 'option', name, written: text, word: text, at: -1, offset: 0, negated: false, value, valueAt: undefined, command }, c];
  });
  for (const [o, c] of [...configured, ...failed !== undefined ? [] : [...wgetArguments(args, posixlyCorrect)].map((x) => [x, undefined] as const)]) {
    if (o.kind === 'url') urls.push(o.text);
    if (o.kind === 'url') sent.push({ value: o.text, header: false });
    if (o.kind === 'url') user ||= /^(?:[A-Za-z]+:\/\/)?[^/?#]*[@$`]/.test(o.text);
    if (o.kind !== 'option') continue;
    if (on && o.value !== undefined) given.push(o.value);
    // (the command of `-e header=…` gives its value)
    const written = o.command === undefined ? o.written : o.valueAt === undefined ? o.word : `${o.word} ${args[o.valueAt]}`;
    if (o.name === 'header' && o.value === '') {
      sent = sent.filter((x) => !x.header);
    } else if (o.value !== undefined && o.name !== 'execute') {
      sent.push({ value: o.value, header: o.name === 'header', password: wgetPassword(o, c), written: c === undefined ? written : c.command.text });
    }
    if ((o.name === 'user' || o.name === 'http-user') && o.value !== undefined) user = true;
    if ((o.name === 'user' || o.name === 'http-user') && o.value !== undefined) users[o.name === 'user' ? 'plain' : 'http'] = o.value;
    const b = wgetBoolean(o);
    if (o.name === 'netrc' && b !== undefined) netrc = b;
    // (`-e debug=on` named as its words are written)
    if (o.name === 'debug' && b !== undefined) on = b;
    if (o.name === 'debug' && b === true) {
      debug = c === undefined ? { said: `wget's \`${written}\``, drop: `Drop \`${written}\` from this command` }
        : { said: `wget's \`${c.command.text}\` (${c.where})`, drop: `Remove \`${c.command.text}\` from ${c.file}` };
    }
    if (o.name === 'quiet' && b !== undefined) quiet = b;
    if ((o.name === 'output-file' || o.name === 'append-output') && o.value !== undefined) {
      const stream = logStream(o.value);
      log = stream === undefined ? undefined : { stream, written: c !== undefined ? c.command.text : o.valueAt === undefined ? o.word : `${o.word} ${args[o.valueAt]}` };
    }
  }
  const out: Shown[] = [];
  if (failed !== undefined) {
    return debug === undefined || given.length === 0 ? [] : [{
      words: given,
      stream: 'stderr',
      why: `${debug.said} writes the value of each command after it to stderr as wget sets it (\`Setting NAME (NAME) to VALUE\`), `
        + `though wget then exits without fetching, for line ${failed.number} of ${failed.file} (\`${failed.text}\`), ${failed.error}`,
      fix: `${debug.drop}: wget sets and writes the file's commands before it exits for the line it rejects.`,
    }];
  }
  if (debug !== undefined && given.length > 0) {
    out.push({
      words: given,
      stream: 'stderr',
      why: `${debug.said} writes each option's value given after it to stderr as it reads it (\`Setting --NAME (NAME) to VALUE\`), before any log file (\`-o FILE\`) opens`,
      fix: `${debug.drop}: a log file does not take what it writes of the options.`,
    });
  }
  if (log === undefined || (!on && quiet)) return out;
  // (the log as the messages name it, and the fix that moves it off the step's log)
  const to = log.written === undefined ? 'stderr' : `the step's log, which \`${log.written}\` names`;
  const toFile = log.written === undefined ? 'write wget\'s log to a file (`-o FILE`)' : `write wget's log to a file (\`-o FILE\`), not the step's log (\`${log.written}\`)`;
  if (!on) {
    out.push({
      // (its URLs, not an option's value: `--referer URL` is not shown; one without a scheme as http:// or ftp:// of it; of the user
      // before its first `@`, `/`, `?` or `#`, the password after a `:` alone is masked (`https://T@h` shows T), none of an ftp one
      // written `user:pw@host/x`, ftp://user/pw@host/x, wget 1.21.3 run)
      words: urls.map((w) => (!/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(w) && /^[^:/]*:(?!\d+(\/|$))/.test(w) ? w
        : w.replace(/^((?:[A-Za-z][A-Za-z0-9+.-]*:\/\/)?)([^@/?#]*)@/, (_all, scheme: string, info: string) => `${scheme}${info.replace(/:[^]*$/, '')}@`))),
      stream: log.stream,
      why: `wget writes each URL it fetches to ${to}, its path and query as given (only the password of a user:password in it is masked)`
        + (posixlyCorrect && urls.some((w) => w.startsWith('-')) ? ', and with POSIXLY_CORRECT set it reads each word after the first URL as a URL, an option too' : ''),
      fix: posixlyCorrect && urls.some((w) => w.startsWith('-')) ? 'Give wget\'s options before its first URL, or unset POSIXLY_CORRECT for it.'
        : 'Give the value in a header (`--header "Authorization: Bearer …"`) or a file wget reads, not in the URL; or add `-q`.',
    });
    return out;
  }
  const passwords = sent.filter((x) => x.password === 'http' || (x.password === 'plain' && !sent.some((y) => y.password === 'http')));
  out.push({
    words: sent.filter((x) => x.password === undefined || (user && passwords.includes(x))).map((x) => x.value),
    stream: log.stream,
    why: `${debug!.said} writes each option's value it is given and each request's headers to ${to} (a user:password as their base64, which decodes to it)`,
    fix: `${debug!.drop}, or ${toFile}.`,
  });
  const password = passwords[passwords.length - 1];
  // (the .netrc the script wrote gives the user of its first entry for the host with a login, and sends that entry's own password where
  // it has one, not the option's: wget 1.21.3 run against a server that answers 401, `machine H login me password p` and `--password=x`
  // sent me:p, `machine H login me` me:x)
  const netrcUser = netrcHosts === undefined || urls.some((w) => {
    const host = wgetUrlHost(w);
    return host === undefined || (netrcFile === undefined ? netrcHosts.includes(host)
      : wgetNetrcEntries(netrcFile.text, host).some((e) => e.password === undefined));
  });
  // (the login and password of the entry for each URL's host in the ~/.netrc the script wrote, `netrcFile` (wgetNetrcEntries), which
  // wget sends where a user or a password is not given: its password over `--password`'s, wget 1.21.3 run against a server that
  // answers 401; a URL's `user@` over `--http-user`, over `--user`)
  const netrcWords = !netrc || netrcFile === undefined ? [] : urls.flatMap((w) => {
    const info = /^(?:[A-Za-z][A-Za-z0-9+.-]*:\/\/)?([^/?#]*)@/.exec(w)?.[1];
    const named = info === undefined ? users.http ?? users.plain : info.replace(/:[^]*$/, '');
    if (info?.includes(':') || (named !== undefined && password !== undefined)) return [];
    return wgetNetrcEntries(netrcFile.text, wgetUrlHost(w), named).flatMap((e) => (e.password === undefined ? [] : [e.login, e.password]));
  });
  if (netrcWords.length > 0) {
    out.push({
      words: netrcWords,
      stream: log.stream,
      why: `${debug!.said} writes each request's headers to ${to}, with the login and password it reads from ${netrcFile!.file} for the host in an Authorization header `
        + '(their base64, which decodes to them)',
      fix: `${debug!.drop}, or ${toFile}.`,
    });
  }
  if (!user && netrc && netrcUser && password !== undefined) {
    out.push({
      words: passwords.map((x) => x.value),
      stream: log.stream,
      why: `${debug!.said} writes each request's headers to ${to}, and where a \`.netrc\` gives wget a user for the host (\`machine HOST login USER\` in ~/.netrc, `
        + `the image's or one the script writes), it sends the password of \`${password.written}\` with it in an Authorization header (their base64, which decodes to it)`,
      fix: `${debug!.drop}, or ${toFile}; or, where no user is meant, drop the password or add \`--no-netrc\`.`,
    });
  }
  return out;
}

/**
 * What git shows of what it is given (git 2.39, checked), by its environment (`env`: the container's, exported, and the command's
 * own assignments): GIT_TRACE of `1`, `2` or `true` writes the sub-command's words to
 * stderr; GIT_CURL_VERBOSE or GIT_TRACE_CURL the URL it requests, user:password included (its headers redacted).
 */
function gitShown(args: readonly string[], env: ReadonlyMap<string, string>): Shown | undefined {
  const on = (n: string) => {
    const v = env.get(n);
    return v !== undefined && /^(1|2|true)$/i.test(v) ? `${n}=${v}` : undefined;
  };
  const trace = on('GIT_TRACE');
  const sub = args.slice(gitSubcommandIndex(args));
  if (trace !== undefined) {
    return {
      words: sub,
      stream: 'stderr',
      why: `\`${trace}\` makes git write the command it runs, with its words, to stderr`,
      fix: `Do not set ${trace.replace(/=.*/, '')} for this command, or trace to a file (\`${trace.replace(/=.*/, '')}=/tmp/git-trace\`).`,
    };
  }
  const curl = env.get('GIT_CURL_VERBOSE') !== undefined && !/^(0|false|)$/i.test(env.get('GIT_CURL_VERBOSE')!)
    ? `GIT_CURL_VERBOSE=${env.get('GIT_CURL_VERBOSE')}` : on('GIT_TRACE_CURL');
  if (curl === undefined) return undefined;
  return {
    words: sub.filter((w) => /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(w)),
    stream: 'stderr',
    why: `\`${curl}\` makes git write each URL it requests, with its user:password, to stderr`,
    fix: `Do not set ${curl.replace(/=.*/, '')} for this command, or give the token by a credential helper instead of in the URL.`,
  };
}

/**
 * Whether option words (of `set`, or of a shell before its operands) turn xtrace on (true: `-x`, `-ex`, `-o xtrace`), off (false:
 * `+x`, `+o xtrace`) or leave it (undefined), the last one winning; or another option, by its letter and long name (`a`, `allexport`).
 */
function xtraceOf(words: readonly string[], letter = 'x', long = 'xtrace'): boolean | undefined {
  let on: boolean | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === '--' || !/^[-+][A-Za-z]/.test(w)) break;
    if (w.startsWith('--')) continue;
    if (w.includes(letter)) on = w.startsWith('-');
    // (`-o NAME`, `-eo NAME`: the next word is the option's name)
    if (/o$/.test(w)) {
      if (words[i + 1] === long) on = w.startsWith('-');
      i++;
    }
  }
  return on;
}

/** Commands whose first word is a header a trace does not print expanded (`for i in $T`, `case $T in`), or a closing word. */
const UNTRACED = /^(for|case|select|in|done|fi|esac|\}|\)|then|else|do)$/;

/** Builtins that with no operand print every variable (or every exported one) with its value. */
const DUMPS = /^(env|printenv|export|declare|typeset|set)$/;

/** Whether a dump builtin's words (after its name, without redirections) print every variable: no operand but listing options. */
function dumpsAll(name: string, rest: readonly string[]): boolean {
  if (name === 'env') return rest.every((w) => /^-[0i]+$/.test(w) || w === '--null' || w === '--ignore-environment');
  if (name === 'printenv') return rest.every((w) => w === '-0' || w === '--null');
  if (name === 'export') return rest.every((w) => w === '-p');
  if (name === 'set') return rest.length === 0;
  return rest.every((w) => /^-[px]+$/.test(w));
}

/**
 * The variables (of `names`) whose line `NAME=value` a grep given a dump prints: those whose `NAME=` its pattern (`-e`, or its first
 * operand; `--` ends the options) finds (with `-i` in any case, `-F` as written, `-w` as a word; `-o` and `-x` read as without them,
 * so `grep -o 'TOKEN=.*'` counts), those it does not find with `-v` (`env | grep -v PATH`), every one with patterns from a file
 * (`-f`); none with `-c`, `-q`, `-l`, `-L` (or their long names), which print no line. Other long options are skipped.
 */
function grepPicks(command: SimpleCommand | undefined, names: readonly string[]): string[] {
  const p = command === undefined ? undefined : programOf(command);
  if (p === undefined || !/^(grep|egrep|fgrep)$/.test(p.name) || names.length === 0) return [];
  const rest = withoutRedirections(argvOf(command!).slice(p.at + 1));
  let pattern: string | undefined;
  let flags = p.name === 'fgrep' ? 'F' : '';
  let options = true;
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i];
    if (!options || !w.startsWith('-') || w === '-') {
      pattern ??= w;
      continue;
    }
    if (w === '--') options = false;
    else if (w === '-e' || w === '--regexp') pattern = rest[++i];
    else if (/^--regexp=/.test(w)) pattern = w.slice(9);
    else if (w === '-f' || w === '--file' || /^--file=/.test(w) || /^-[A-Za-z]*f/.test(w)) flags += 'f';
    else if (/^--(count|quiet|silent|files-with-matches|files-without-match)$/.test(w)) flags += 'q';
    else if (w === '--ignore-case') flags += 'i';
    else if (w === '--invert-match') flags += 'v';
    else if (/^-[A-Za-z]+$/.test(w)) flags += w.slice(1);
  }
  if (/[cqlL]/.test(flags)) return [];
  if (/f/.test(flags)) return [...names];
  if (pattern === undefined) return [];
  let source = /F/.test(flags) ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : /E/.test(flags) || p.name === 'egrep' ? pattern : pattern.replace(/\\([|+?(){}])/g, '$1');
  if (/w/.test(flags)) source = `(?<![A-Za-z0-9_])(?:${source})(?![A-Za-z0-9_])`;
  let re: RegExp;
  try {
    re = new RegExp(source, /i/.test(flags) ? 'i' : '');
  } catch {
    return [...names];
  }
  return names.filter((n) => re.test(`${n}=`) !== /v/.test(flags));
}

/** The variable `printf -v NAME FORMAT ARGS…` assigns (its words after its name), and the words it is made from (FORMAT, ARGS). */
function printfAssigned(rest: readonly string[]): Array<{ name: string; value: string }> {
  const at = rest.findIndex((w) => w.startsWith('-v'));
  if (at < 0) return [];
  const name = rest[at] === '-v' ? rest[at + 1] : rest[at].slice(2);
  const words = rest.slice(rest[at] === '-v' ? at + 2 : at + 1).filter((w, i) => !(i === 0 && w === '--'));
  return name !== undefined && /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? [{ name, value: words.join(' ') }] : [];
}

/** Programs that print a text made from what they are given: a Secret's value through them is still secret (`base64`, `tr -d`). */
const TRANSFORMS = /^(base64|base32|basenc|tr|rev|cut|head|tail|fold|sed|xxd|od|jq|yq|iconv)$/;

/** The short options of each transform that take a value (`head -c 100`, `cut -d ' '`), and how many operands come before its files. */
const TRANSFORM_SYNTAX: Readonly<Record<string, { readonly valued: string; readonly script: number }>> = {
  base64: { valued: 'w', script: 0 },
  base32: { valued: 'w', script: 0 },
  basenc: { valued: 'w', script: 0 },
  tr: { valued: '', script: Infinity },
  rev: { valued: '', script: 0 },
  cut: { valued: 'bcdf', script: 0 },
  head: { valued: 'cn', script: 0 },
  tail: { valued: 'cnsF', script: 0 },
  fold: { valued: 'w', script: 0 },
  sed: { valued: 'efl', script: 1 },
  xxd: { valued: 'cglos', script: 0 },
  od: { valued: 'AjNSstw', script: 0 },
  jq: { valued: 'fL', script: 1 },
  yq: { valued: 'IoLp', script: 1 },
  iconv: { valued: 'ftco', script: 0 },
};

/**
 * The file operands of a transform (its words after its name, without redirections): past its options and their values and the
 * operands that are its program (`sed p FILE`, `jq . FILE`; none with `sed -e`), and whether it edits them in place (`sed -i`).
 */
function transformOperands(name: string, rest: readonly string[]): { files: string[]; inPlace: boolean } {
  const syntax = TRANSFORM_SYNTAX[name] ?? { valued: '', script: 0 };
  let script = syntax.script;
  let inPlace = false;
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i];
    if (w === '--') {
      files.push(...rest.slice(i + 1).slice(script));
      break;
    }
    if (w.startsWith('--')) {
      if (/^--(in-place|inplace)/.test(w)) inPlace = true;
      if (/^--(expression|file|arg|argjson|slurpfile|rawfile|args|jsonargs)$/.test(w)) i += /^--(arg|argjson|slurpfile|rawfile)$/.test(w) ? 2 : w === '--args' || w === '--jsonargs' ? 0 : 1;
      if (/^--(expression|file)/.test(w)) script = 0;
      continue;
    }
    if (w.startsWith('-') && w.length > 1 && !/^-[0-9]+$/.test(w)) {
      for (let j = 1; j < w.length; j++) {
        if (w[j] === 'i' && (name === 'sed' || name === 'yq')) inPlace = true;
        if (!syntax.valued.includes(w[j])) continue;
        if ((w[j] === 'e' || w[j] === 'f') && name === 'sed') script = 0;
        if (w[j] === 'f' && name === 'jq') script = 0;
        if (j + 1 === w.length) i++;
        break;
      }
      continue;
    }
    if (script > 0) script--;
    else files.push(w);
  }
  return { files, inPlace };
}

/**
 * Whether sed (its words after its name) prints nothing of what it reads (GNU sed 4.9, checked): `-n` (`--quiet`, `--silent`) and
 * no script that prints a line (`p`, `P`, `l`, `w`, `W`, `e`: any of those letters anywhere in a script counts, `-f` a script not
 * known); `sed -n 's/a/b/'` prints nothing, `sed -n 's/a/b/p'` the line.
 */
function sedSilent(rest: readonly string[]): boolean {
  let quiet = false;
  let given = false;
  const scripts: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i];
    if (w === '--') {
      if (!given && rest[i + 1] !== undefined) scripts.push(rest[i + 1]);
      break;
    }
    // (`--expression=S`, `--expression S`, `-e S`, `-eS`, `-ne S`; `-l N` takes a value too)
    const expression = /^--expression=/.test(w) ? w.slice(13) : w === '--expression' ? rest[++i] ?? '' : undefined;
    if (/^--(quiet|silent)$/.test(w)) {
      quiet = true;
    } else if (/^--file\b/.test(w)) {
      return false;
    } else if (expression !== undefined) {
      scripts.push(expression);
      given = true;
    } else if (/^-[A-Za-z]/.test(w)) {
      for (let j = 1; j < w.length; j++) {
        if (w[j] === 'n') quiet = true;
        if (w[j] === 'f') return false;
        if (w[j] !== 'e' && w[j] !== 'l') continue;
        const value = j + 1 < w.length ? w.slice(j + 1) : rest[++i] ?? '';
        if (w[j] === 'e') {
          scripts.push(value);
          given = true;
        }
        break;
      }
    } else if (!w.startsWith('-') && !given) {
      given = true;
      scripts.push(w);
    }
  }
  return quiet && scripts.every((x) => !/[pPlLwWe]/.test(x));
}

/** A word's text apart from its command substitutions (`$(…)`, backquotes; not `$((…))`), and the code of each. */
function splitSubstitutions(text: string): { outside: string; codes: string[] } {
  if (!text.includes('$(') && !text.includes('`')) return { outside: text, codes: [] };
  let outside = '';
  const codes: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '`') {
      const e = closing(text, i);
      codes.push(text.slice(i + 1, e));
      i = e;
    } else if (c === '$' && text[i + 1] === '(' && text[i + 2] !== '(') {
      const e = closing(text, i + 1);
      codes.push(text.slice(i + 2, e));
      i = e;
    } else {
      outside += c;
    }
  }
  return { outside, codes };
}

/**
 * Whether a command as written expands variable `name`: `$NAME` or `${NAME…` not escaped by a backslash, outside single quotes
 * (the reader's words have quotes and escapes removed: `"\$T"` is the text `$T`).
 */
function writtenExpanded(line: string, name: string, exported: (name: string) => boolean = () => true): boolean {
  return new RegExp(`(?<!\\\\)\\$(?:\\{)?${name}(?![A-Za-z0-9_])`).test(line.replace(/'[^'\n]*'/g, "''"))
    // (or curl's `--variable %NAME`, which imports the environment's NAME, and `{{NAME}}`, which expands it, curl 8.3 var.c: a
    // variable the shell does not export is not in curl's environment, but one assigned before the command, `T=… curl`)
    || (new RegExp(`(?:^|[\\s'"])%${name}(?![A-Za-z0-9_])`).test(line) && new RegExp(`\\{\\{${name}[}:]`).test(line)
      && (exported(name) || new RegExp(`(?:^|\\s)${name}=`).test(line)));
}

/**
 * A result's path as a script writes it: `$(results.NAME.path)` (`$(results["NAME"].path)`, `$(results['NAME'].path)`), a step
 * result's `$(step.results.NAME.path)`, or the file Tekton gives it, `/tekton/results/NAME` (a step's own,
 * `/tekton/steps/<step>/results/NAME`); group 1 or 5 set for a step result, the name in 2, 3, 4 or 6.
 */
const RESULT_PATH = /^(?:\$\((step\.)?results(?:\.([^.)[\]]+)|\["([^"\]]+)"\]|\['([^'\]]+)'\])\.path\)|\/tekton\/(?:results|(steps\/[^/]+\/results))\/([^/]+))$/;

/** The directory of the task's results (`/tekton/results`) or of a step's (`/tekton/steps/<step>/results`), a slash after it or not; group 1 set for a step's. */
const RESULTS_DIRECTORY = /^\/tekton\/(?:results|(steps\/[^/]+\/results))\/*$/;

/**
 * The commands of a shell script that print a Secret's value to the log (Print), reading it as its shell runs it: `xtrace`,
 * what turns the trace on from the start (the shebang's or the shell's `-x`), if anything; `shell`, the shell's name where known
 * (`dash`, `bash`; none for Tekton's /bin/sh, which may be either). `depth` bounds the shells it reads in turn.
 */
function printsOf(script: string, held: SecretsHeld, xtrace: string | undefined, depth = 0, shell?: string): Print[] {
  const commands = simpleCommands(script);
  const bodies = functionBodies(script, commands);
  const functionLines = new Set([...bodies.inBody].map((k) => commands[k].line));
  const quietBefore = execQuiet(commands);
  // whether what a command of a function's body writes to its standard error reaches the log where the function is called: at a call
  // whose own redirections, and those around it, leave it there (`f 2>/dev/null` does not, bash 5.2, dash run), the function's
  // callers' calls in turn; at any where no call is read, or where the name is written elsewhere, which may call it (`$(f)`, `eval f`,
  // `trap f EXIT`)
  // (`read`: at the calls read alone, none where none is: the standard error a call gives the body, whatever the shell's is where the body
  // is written, `exec 3>&2; exec 2>/dev/null; f() { curl -v …; }; f 2>&3` prints, bash 5.2 and dash 0.5.12 run)
  const callsLogged = (k: number, seen: ReadonlySet<string> = new Set(), read = false): boolean => {
    const fn = [...bodies.byName].filter(([, body]) => body.includes(k)).sort((a, b) => a[1].length - b[1].length)[0]?.[0];
    if (fn === undefined || seen.has(fn)) return !read;
    const calls = commands.map((_c, j) => j).filter((j) => !bodies.headers.has(j) && programOf(commands[j])?.name === fn);
    const named = new RegExp(`(^|[^A-Za-z0-9_.:-])${fn.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z0-9_.:-])`);
    const elsewhere = commands.some((c, j) => !calls.includes(j) && !bodies.headers.has(j) && named.test(c.line));
    return (!read && (calls.length === 0 || elsewhere)) || calls.some((j) => errorLogged(commands, j, functionLines, quietBefore[j])
      && (!bodies.inBody.has(j) || callsLogged(j, new Set([...seen, fn]))));
  };
  // whether the standard error a command substitution of `commands[k]` (running `s`) is given is the log: not where a group, subshell or
  // top-level `exec` sends the shell's elsewhere (`{ R=$(curl -v …); } 2>/dev/null`, `exec 2>/dev/null`), nor where the shell makes the
  // command's own redirections before the substitution runs (redirectsFirst: `R=$(curl -v …) 2>/dev/null` in dash)
  const substitutionShellLogged = (k: number, s: SimpleCommand, quiet: readonly boolean[]): boolean => {
    const first = redirectsFirst(shell, commands[k], s);
    return (first ? errorLogged(commands, k, functionLines, quiet) : !quiet[2] && enclosingErrorLogged(commands, k))
      && (!bodies.inBody.has(k) || callsLogged(k));
  };
  // the variables that hold a Secret's value: the env's, and those the script assigns from one (or from a file of a Secret)
  const tainted = new Map(held.variables);
  // the Secret value each holds: its env variable's name, or the Secret file it was read from
  const roots = new Map([...held.variables.keys()].map((n) => [n, n]));
  // where that value comes from, for a message (an env variable's Secret and key, a file's Secret)
  const origins = new Map(held.variables);
  const out: Print[] = [];
  let trace = xtrace !== undefined;
  let traceBy = xtrace ?? '';
  // the values the trace prints: where each is reported first, and how many later commands print it again
  const traced = new Map<string, { at: number; more: number }>();
  // the trace as each subshell that changes it found it, back at its `)` (`( set -x; make )` leaves it off after)
  const savedTrace = new Map<number, { trace: boolean; traceBy: string }>();
  // the shell's standard output and error that a top-level `exec` sends to a file (`exec > build.log 2>&1`): nothing after prints
  let quiet = quietBefore[0];
  // the environment git reads its trace switches from: the container's, what the script exports
  const exported = new Map(held.plain);
  // the names of the variables exported to the programs the shell runs: the container's env, those `export` or `declare -x` name
  // (not `export -n`, `declare +x`, `unset`), and every one assigned under `set -a` (bash 5.2 run)
  const exportedNames = new Set([...held.variables.keys(), ...held.plain.keys()]);
  let allexport = false;
  // a command with the commands it pipes into, as written
  const pipeline = (k: number): string => {
    let line = commands[k].line;
    for (let j = k; commands[j]?.pipe && commands[j + 1] !== undefined; j++) line += ` | ${commands[j + 1].line}`;
    return line;
  };
  // the paths the script assigns to variables (`F=/etc/creds/token`), as resolved
  const paths = new Map<string, string>();
  // a path as the shell expands it with those (`"$F"`, `"$D/token"`)
  const expandedPath = (word: string): string => (paths.size === 0 || !word.includes('$') ? word
    : word.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g, (all, a, b) => paths.get(a ?? b) ?? all));
  // a path as the shell expands it (expandedPath), if it is a file under a Secret's mount
  const secretFile = (word: string): string | undefined => {
    const path = expandedPath(word);
    return mountOf(path, held) !== undefined ? path : undefined;
  };
  // a Secret file whose content a command substitution of `c` gives (`$(< FILE)`, `$(cat FILE)`, through programs that pass it
  // on: `$(cat FILE | base64)`), or what a jq or yq filter picks of it (`picks`: `$(cat FILE | jq -r '.auths[].auth')`); not
  // what another program makes of it (`$(cat FILE | sha256sum)`, `$(cat FILE | wc -c)`)
  const readsSecretFile = (c: SimpleCommand): { file: string; picks?: string } | undefined => {
    const subs = substitutedCommands(c);
    for (let i = 0; i < subs.length; i++) {
      const s = subs[i];
      const p = programOf(s);
      // (`$(< /etc/creds/token)`: bash reads the file itself)
      if (withoutRedirections(argvOf(s)).length === 0) {
        const input = descriptorSource(s, 0);
        const file = input.kind === 'file' && input.read ? secretFile(input.target) : undefined;
        if (file !== undefined) return { file };
      }
      if (p === undefined || p.name !== 'cat') continue;
      const file = withoutRedirections(argvOf(s).slice(p.at + 1)).map(secretFile).find((f) => f !== undefined);
      if (file === undefined) continue;
      let picks: string | undefined;
      let stage = i;
      for (; subs[stage]?.pipe && subs[stage + 1] !== undefined; stage++) {
        const next = subs[stage + 1];
        const q = programOf(next);
        const rest = q === undefined ? [] : withoutRedirections(argvOf(next).slice(q.at + 1));
        if (q !== undefined && /^(jq|yq)$/.test(q.name) && transformOperands(q.name, rest).files.length === 0
          && !rest.filter((w) => !w.startsWith('-')).every((w) => w === '.')) picks ??= next.line;
        else if (!pipedOn(subs, stage + 1, [false, false, false]) || !stdoutLogs(next, [false, false, false])) break;
      }
      if (subs[stage]?.pipe) continue;
      return { file, picks };
    }
    return undefined;
  };
  // the text the script writes to each file (WrittenFiles), by the path as the shell expands it with the paths known (`~` as `$HOME`)
  const writtenPath = (word: string): string => {
    const home = exported.get('HOME') ?? '$HOME';
    const path = word.replace(/^~(?=\/|$)/, home).replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g,
      (_all, a, b) => paths.get(a ?? b) ?? exported.get(a ?? b) ?? `$${a ?? b}`);
    return normalDir(path);
  };
  const writtenFiles = new WrittenFiles(commands, writtenPath);
  const written = writtenFiles.texts;
  // the hosts of the ~/.netrc wget reads (of its environment `env`'s HOME) that give it a user, where the script wrote it and the
  // shell expands nothing in its text (wgetNetrcHosts); undefined where the image's may be read, or an expansion may give one
  const netrcHostsWritten = (env: ReadonlyMap<string, string>): string[] | undefined => {
    const texts = written.size === 0 ? undefined : written.get(writtenPath(env.has('HOME') ? `${env.get('HOME')}/.netrc` : '~/.netrc'));
    if (texts === undefined || texts.some((t) => t.line !== undefined && !t.literal && /[$`]/.test(t.text))) return undefined;
    return wgetNetrcHosts(texts.map((t) => t.text).join(''));
  };
  // the ~/.netrc wget reads (of its environment `env`'s HOME), where the script wrote it: its text, and the code that wrote it (`lines`)
  const wgetNetrc = (env: ReadonlyMap<string, string>): { text: string; file: string; lines: string[] } | undefined => {
    const file = `${env.get('HOME') ?? '~'}/.netrc`;
    const texts = written.size === 0 ? undefined : written.get(writtenPath(file));
    return texts === undefined ? undefined
      : { text: texts.map((t) => t.text).join(''), file, lines: texts.flatMap((t) => (t.line === undefined ? [] : [t.line])) };
  };
  // the .netrc curl reads (`-n`, `--netrc`, `--netrc-optional`: $HOME/.netrc of its environment `env`, or `--netrc-file FILE`, which
  // alone reads it too), where the script wrote it, and the login and password it sends of its entry for each URL's host
  // (curlNetrcEntries): none with `-u`, which curl sends instead; `--no-netrc` undoes `-n` alone (curl 7.88 run against a server that
  // answers 401: `--netrc-optional --no-netrc` and `--netrc-file F --no-netrc` send it); with the code that wrote it (`lines`). Each
  // `--next` group reads its own (`-n`, `--netrc-file`, `-u`, `-g` of its group alone: curl 7.88 run, `-n URL1 --next URL2` sent none
  // for URL2, `-u a:b URL1 --next -n URL2` the .netrc's, `-g URL1 --next URL2` globbed URL2); named by the first that sends one
  const curlNetrc = (args: readonly string[], env: ReadonlyMap<string, string>): (CurlNetrc & { lines: string[] }) | undefined => {
    if (written.size === 0) return undefined;
    type Group = { netrc?: string; optional?: string; file?: { option: string; file: string }; user: boolean; urls: string[]; glob: boolean };
    const fresh = (): Group => ({ user: false, urls: [], glob: true });
    const groups = [fresh()];
    for (const o of curlArguments(args)) {
      const g = groups[groups.length - 1];
      if (o.kind === 'url') g.urls.push(o.text);
      if (o.kind !== 'option') continue;
      if (o.name === 'next') groups.push(fresh());
      // (`--url URL` gives a URL too, curl 7.88 run)
      if (o.name === 'url' && o.value !== undefined) g.urls.push(o.value);
      if (o.name === 'globoff') g.glob = o.negated;
      const option = o.valueAt === undefined ? o.offset > 0 ? o.written : o.word : `${o.word} ${args[o.valueAt]}`;
      if (o.name === 'user' && o.value !== undefined) g.user = true;
      if (o.name === 'netrc') g.netrc = o.negated ? undefined : option;
      if (o.name === 'netrc-optional') g.optional = o.negated ? undefined : option;
      if (o.name === 'netrc-file' && o.value !== undefined) g.file = { option, file: o.value };
    }
    let sent: (CurlNetrc & { words: string[]; lines: string[] }) | undefined;
    for (const { netrc, optional, file, user, urls, glob } of groups) {
      const on = netrc ?? optional;
      const reads = file ?? (on === undefined ? undefined : { option: on, file: `${env.get('HOME') ?? '~'}/.netrc` });
      const texts = reads === undefined || user ? undefined : written.get(writtenPath(reads.file));
      if (texts === undefined) continue;
      const text = texts.map((t) => t.text).join('');
      // (each host the URL's globbing gives, unless `-g`: `https://{a,b}.example.com/x`, curlGlobHosts; every entry where not read)
      const hosts = urls.map(wgetUrlHost).flatMap((h) => (glob && h !== undefined && !h.startsWith('[') && /[{[]/.test(h) ? curlGlobHosts(h) ?? [undefined] : [h]));
      const words = hosts.flatMap((h) => curlNetrcEntries(text, h)).flatMap((e) => [e.login, e.password]).filter((w): w is string => w !== undefined);
      if (words.length === 0) continue;
      sent ??= { ...reads!, words: [], lines: [] };
      sent.words.push(...words);
      sent.lines.push(...texts.flatMap((t) => (t.line === undefined ? [] : [t.line])));
    }
    return sent;
  };
  // curl's arguments (`args`, of command `s`) with the options of the config files it reads where the script wrote them (curl 7.88
  // run, tool_findfile.c): before them, the first `.curlrc` of $CURL_HOME, $XDG_CONFIG_HOME and $HOME the script wrote, unless the
  // first argument is `-q` (`-qs` too) or `--disable`; each `-K FILE` (`--config FILE`; `-K -`, its input) where it is given, and
  // each a config file names in turn where its line is (`config = FILE`: curl's parseconfig reads it then, curl 7.88 run, to any
  // depth before 8.17, five levels on; one already being read is not read again). With the config line each argument comes from,
  // and the code that wrote the files (`lines`)
  const curlConfigured = (s: SimpleCommand, args: readonly string[]): { args: string[]; from: Map<number, CurlConfigured>; lines: string[] } => {
    const words: string[] = [];
    const from = new Map<number, CurlConfigured>();
    const lines: string[] = [];
    // the text of the config file `-K VALUE` names, where the script wrote it or gives it on curl's input (`-K -`) or by a process
    // substitution that prints it (`-K <(echo "netrc-file = F")`, curl 7.88 run; echo's, printf's or cat's text, printedBy); curl reads
    // the path as written (no `~`)
    const configText = (value: string): ReadonlyArray<{ text: string; line?: string }> | undefined => {
      const substituted = /^<\(([\s\S]*)\)$/.exec(value);
      const inner = substituted === null ? [] : simpleCommands(substituted[1]);
      const printed = inner.length === 1 ? printedBy(argvOf(inner[0]), standardInput(inner[0])) : undefined;
      if (substituted !== null) return printed === undefined || printed.length === 0 ? undefined : [{ text: `${printed[0]}\n`, line: s.line }];
      const input = value === '-' ? descriptorSource(s, 0) : undefined;
      // (a text the shell expands nothing in, `<<'EOF'`, holds no variable's value: `$T` in it is curl's text)
      return input?.kind !== 'text' ? value.startsWith('~') ? undefined : written.get(writtenPath(value))
        : input.heredoc === undefined || input.heredoc.expanded
          ? [{ text: input.text, line: input.heredoc === undefined ? s.line : input.text }] : [{ text: input.text.replace(/\$/g, '') }];
    };
    const add = (texts: ReadonlyArray<{ text: string; line?: string }>, file: string, where: string, reading: ReadonlySet<string>) => {
      texts.forEach((t) => t.line !== undefined && lines.push(t.line));
      for (const l of curlConfigLines(texts.map((t) => t.text).join(''))) {
        const at = `line ${l.number} of ${file}`;
        for (const a of l.args) {
          from.set(words.length, { text: l.text, file, where: `${at}, ${where}` });
          words.push(a);
        }
        const config = [...curlArguments(l.args)].find((o) => o.kind === 'option' && o.name === 'config');
        const value = config?.kind === 'option' ? config.value : undefined;
        const name = value === '-' ? 'its input' : value;
        const nested = value === undefined || reading.has(name!) ? undefined : configText(value);
        if (nested !== undefined) add(nested, name!, `which \`${l.text}\`, ${at}, reads`, new Set([...reading, name!]));
      }
    };
    if (written.size > 0 && !(args[0] === '--disable' || /^-q/.test(args[0] ?? ''))) {
      const dirs = ['CURL_HOME', 'XDG_CONFIG_HOME', 'HOME'].map((n) => exported.get(n) ?? (n === 'HOME' ? '$HOME' : undefined));
      const rc = dirs.filter((d) => d !== undefined).map((d) => normalDir(`${d}/.curlrc`)).find((f) => written.has(f));
      if (rc !== undefined) add(written.get(rc)!, rc, 'which curl reads before its arguments', new Set([rc]));
    }
    let next = 0;
    for (const o of curlArguments(args)) {
      if (o.kind !== 'option' || o.name !== 'config' || o.value === undefined) continue;
      const end = (o.valueAt ?? o.at) + 1;
      words.push(...args.slice(next, end));
      next = end;
      const texts = configText(o.value);
      const name = o.value === '-' ? 'its input' : o.value;
      if (texts !== undefined) add(texts, name, `which \`${args.slice(o.at, end).join(' ')}\` reads`, new Set([name]));
    }
    words.push(...args.slice(next));
    return { args: words, from, lines };
  };
  // a tainted variable a text expands, as written in `line` (not `\$NAME`)
  const secretIn = (text: string, literal: boolean, line: string): string | undefined =>
    expandedVariables({ text, literal }).find((v) => tainted.has(v) && writtenExpanded(line, v, (n) => exportedNames.has(n)));
  // the Secret value a text gives: a tainted variable it expands outside command substitutions, or one a command substitution
  // only passes on (echo or printf of it, cat of a Secret file, through programs that transform text: `$(echo "$T" | base64)`);
  // not the output of a program given it (`$(curl -H "Authorization: $T" …)`)
  const givenIn = (text: string, line: string, depth2 = 0): { variable?: string; file?: string; picks?: string } | undefined => {
    const { outside, codes } = splitSubstitutions(text);
    const variable = secretIn(outside, false, line);
    if (variable !== undefined) return { variable };
    for (const code of depth2 < 2 ? codes : []) {
      const inner = simpleCommands(code);
      // (`$(< /etc/creds/token)`)
      const only = inner.length === 1 && withoutRedirections(argvOf(inner[0])).length === 0
        ? descriptorSource(inner[0], 0) : undefined;
      const onlyFile = only?.kind === 'file' && only.read ? secretFile(only.target) : undefined;
      if (onlyFile !== undefined) return { file: onlyFile };
      const passes = inner.length > 0 && inner.every((s) => {
        const p = programOf(s);
        return p !== undefined && (p.name === 'echo' || p.name === 'printf' || p.name === 'cat' || TRANSFORMS.test(p.name));
      });
      if (!passes) continue;
      // (a jq or yq filter other than `.` prints what it picks of the value: said so, `picks`)
      const picks = inner.find((s) => {
        const p = programOf(s)!;
        return /^(jq|yq)$/.test(p.name) && !withoutRedirections(argvOf(s).slice(p.at + 1)).filter((w) => !w.startsWith('-')).every((w) => w === '.');
      })?.line;
      const given = ((): { variable?: string; file?: string; picks?: string } | undefined => {
        for (const s of inner) {
          const p = programOf(s)!;
          const operands = withoutRedirections(argvOf(s).slice(p.at + 1));
          // (what it reads on its input: `base64 <<< "$T"`, `tr -d '\n' < /etc/creds/token`)
          const input = descriptorSource(s, 0);
          const read = input.kind === 'file' && input.read && p.name !== 'echo' && p.name !== 'printf' ? secretFile(input.target) : undefined;
          if (read !== undefined) return { file: read };
          if (input.kind === 'text' && input.heredoc?.expanded !== false && p.name !== 'echo' && p.name !== 'printf') {
            const found = givenIn(input.text, input.heredoc === undefined ? s.line : input.text, depth2 + 1);
            if (found !== undefined) return found;
          }
          if (p.name === 'cat') {
            const file = operands.map(secretFile).find((f) => f !== undefined);
            if (file !== undefined) return { file };
          } else if (p.name === 'echo' || p.name === 'printf') {
            for (const w of operands) {
              const found = givenIn(w, s.line, depth2 + 1);
              if (found !== undefined) return found;
            }
          }
        }
        return undefined;
      })();
      if (given !== undefined) return picks === undefined || given.file === undefined ? given : { ...given, picks };
    }
    return undefined;
  };
  // whether the trace prints a Secret value in a command's words (reporting the first command that prints each)
  const tracePrints = (c: SimpleCommand): boolean => {
    if (UNTRACED.test(argvOf(c)[0] ?? '')) return false;
    const words = withoutRedirections(argvOf(c));
    const variable = words.map((w) => secretIn(w, !w.includes('$'), c.line)).find((v) => v !== undefined);
    const read = variable === undefined ? readsSecretFile(c) : undefined;
    const file = read?.file;
    const inner = variable === undefined && file === undefined
      ? substitutedCommands(c).flatMap((s) => withoutRedirections(argvOf(s)).map((w) => secretIn(w, !w.includes('$'), s.line))).find((v) => v !== undefined) : undefined;
    const v = variable ?? inner;
    if (v !== undefined || file !== undefined) {
      // each Secret value once: the first command that traces it (or a value made from it), with how many more do
      const key = v !== undefined ? roots.get(v) ?? v : read!.picks === undefined ? file! : `${file} | ${read!.picks}`;
      const first = traced.get(key);
      if (first !== undefined) {first.more++;} else {
        const at = { at: out.length, more: 0 };
        traced.set(key, at);
        out.push({
          line: c.line,
          problem: `prints ${v !== undefined ? `the value of ${v} (${tainted.get(v)})` : `${read!.picks !== undefined ? `what \`${read!.picks}\` picks of ` : ''}the content of ${file} (${mountOf(file!, held)?.said})`} to the log: `
            + `xtrace is on (${traceBy}), and the shell writes each command it runs to stderr with its words expanded`,
          fix: 'Turn the trace off around it (`{ set +x; } 2>/dev/null` before the command, `set -x` after).',
        });
      }
      return true;
    }
    return false;
  };
  // a Secret file a command substitution gives (givenIn), for a message: `the file F (…)`, or what a jq or yq filter picks of it
  const fileSaid = (given: { file?: string; picks?: string } | undefined): string | undefined => (given?.file === undefined ? undefined
    : `${given.picks !== undefined ? `what \`${given.picks}\` picks of ` : ''}the file ${given.file} (${mountOf(given.file, held)?.said})`);
  // the result a path names as the shell expands it with the paths known (`$(results.out.path)`, `$(step.results.out.path)`,
  // `/tekton/results/out`, a variable assigned one), in words: Tekton substitutes the first two before the shell runs
  // (`into`: the file copied into it, `cp /creds/token /tekton/results/`, which Tekton reads where the task, or the step for its own
  // directory, declares a result of its name)
  const resultIn = (word: string, into?: string): string | undefined => {
    const expanded = expandedPath(word);
    const directory = into === undefined ? null : RESULTS_DIRECTORY.exec(expanded);
    const declared = directory === null ? undefined : directory[1] !== undefined ? held.declared?.step : held.declared?.task;
    if (directory !== null && declared !== undefined && !declared.has(basename(into!))) return undefined;
    const path = directory === null ? expanded : `${expanded.replace(/\/+$/, '')}/${basename(into!)}`;
    const m = RESULT_PATH.exec(path);
    if (m === null) return undefined;
    const result = m[2] ?? m[3] ?? m[4] ?? m[6];
    return `${m[1] !== undefined || m[5] !== undefined ? 'step result' : 'result'} '${result}' (\`${word}\`${path === word ? '' : `, ${path}`})`;
  };
  // the result what `commands[k]` writes to its standard output goes into: the file it is redirected to, or, down its pipe through
  // programs that pass text on (PASS_ON, TRANSFORMS), a tee's operand or the last one's redirection; where the last one's output is the
  // shell's, the file a group or subshell around it or a top-level `exec` sends it to, or where its pipe goes (descriptorSink)
  const resultSink = (k: number): string | undefined => {
    for (let j = k; commands[j] !== undefined; j++) {
      const s = commands[j];
      // (a tee's operand before its own redirection: `cat F | tee $(results.out.path) >/dev/null` writes the result whatever its output does)
      const p = programOf(s);
      if (j > k && p?.name === 'tee') {
        const r = withoutRedirections(argvOf(s).slice(p.at + 1)).filter((w) => !w.startsWith('-')).map((w) => resultIn(w)).find((x) => x !== undefined);
        if (r !== undefined) return r;
      }
      const to = descriptorSource(s, 1);
      if (to.kind === 'file' && !to.read) return resultIn(to.target);
      // (`{ cat F; } > $(results.out.path)`, `exec > $(results.out.path)` before it, `} | tee $(results.out.path)`)
      const around = !s.pipe && to.kind === 'outer' ? descriptorSink(commands, j, to.fd, bodies.inBody.has(j)) : undefined;
      if (around !== undefined && 'file' in around) return resultIn(around.file);
      const into = around !== undefined ? around.into : s.pipe ? j + 1 : undefined;
      const next = into === undefined ? undefined : programOf(commands[into]);
      if (next === undefined || !(PASS_ON.test(next.name) || TRANSFORMS.test(next.name))) return undefined;
      j = into! - 1;
    }
    return undefined;
  };
  // every key of a Secret's volume a copy writes into the results directory, each the result of its name where the task (the step, for its
  // own directory) declares one, or any where the task is not known: the volume's content, `cp -r /creds/. /tekton/results/` (`cp -rT /creds
  // …`, `-a`), which copies the kubelet's `..data` with the keys' links into it; a glob of its keys where what is written is what their links
  // point to, `cp /creds/* …` (`-L`, `-H`), install, `ln -s`, or that names a subPath mount's key (a file); not `cp -r` or `cp -a` of a glob, which copies the links alone, `token ->
  // ..data/token`, which resolve to nothing there (coreutils 9.1 run on the kubelet's layout of a Secret volume); [what, result] for a message
  const keysCopied = (name: string, copy: CopyOperands): [string, string] | undefined => {
    const directory = RESULTS_DIRECTORY.exec(expandedPath(copy.destination!));
    const declared = directory === null ? undefined : directory[1] !== undefined ? held.declared?.step : held.declared?.task;
    if (directory === null || declared?.size === 0) return undefined;
    const what = copy.sources.map((s) => {
      const path = expandedPath(s);
      const mount = mountOf(path, held);
      const inside = mount === undefined ? '' : path.slice(mount.path.length).replace(/\/+$/, '');
      if (mount !== undefined && name === 'cp' && copy.recursive && (/^(\/+\.)+$/.test(inside) || (inside === '' && copy.noTargetDirectory))) {
        return `every file of ${mount.path} (${mount.said})`;
      }
      const glob = /^\/+[^/]*[*?[][^/]*$/.test(inside) && (name === 'ln' ? copy.symbolic === true : copy.followsLinks === true);
      if (glob) return `the files \`${s}\` names in ${mount!.path} (${mount!.said})`;
      // (a glob that names a key a subPath mount gives as its file, `cp -r /creds/* …` with /creds/token mounted so: a copy of the file itself,
      // coreutils 9.1 run; not a name starting with a dot, which the glob does not match)
      const slash = path.lastIndexOf('/');
      if (mount !== undefined || !/[*?[]/.test(path.slice(slash + 1)) || /[*?[]/.test(path.slice(0, slash))) return undefined;
      const pattern = new RegExp(`^${path.slice(slash + 1).replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`);
      const key = held.mounts.find((m) => m.subPath === true && m.path.slice(0, m.path.lastIndexOf('/')) === path.slice(0, slash)
        && !basename(m.path).startsWith('.') && pattern.test(basename(m.path)));
      return key === undefined ? undefined : `the file ${key.path} (${key.said})`;
    }).find((x) => x !== undefined);
    const names = declared === undefined ? '' : ` (${[...declared].map((n) => `'${n}'`).join(', ')})`;
    return what === undefined ? undefined
      : [what, `results directory (\`${copy.destination}\`), each the result of its name where the ${directory[1] !== undefined ? 'step' : 'task'} declares one${names}`];
  };
  // a Secret's value `commands[k]` (running `name`, at `at` of its words) writes into a result: echo or printf of a variable that
  // holds one, cat, tee or a text transform of a Secret file or of a here-string or heredoc that expands one, into a result its
  // output reaches (resultSink); cp, install, mv, `ln -s` or dd of a Secret file to a result, or into the results directory
  const resultWrite = (k: number, name: string, at: number): Print | undefined => {
    const c = commands[k];
    const rest = withoutRedirections(argvOf(c).slice(at + 1));
    let what: string | undefined;
    let result: string | undefined;
    if (/^(cp|install|mv|ln)$/.test(name)) {
      // (`-t DIR`, `--target-directory=DIR`, or a directory as the last operand, `cp F /tekton/results/`; the entrypoint reads a result
      // through a symbolic link, `ln -s`, `ln -sr` (a relative one, which resolves to the file); a hard link from a Secret's volume into the
      // results' is another mount's: `ln` fails, EXDEV)
      const copy = copyOperands(name, rest);
      // (not a key of a whole volume that cp copies as a link, `-r`, `-a`, `-P`: `token -> ..data/token`, which resolves to nothing there,
      // coreutils 9.1 run on the kubelet's layout; a subPath mount's key is the file itself)
      const linkOnly = (f: string): boolean => {
        const mount = mountOf(f, held);
        return name === 'cp' && copy?.followsLinks === false && mount !== undefined && mount.subPath !== true && /^\/+[^/]+\/*$/.test(f.slice(mount.path.length));
      };
      const file = copy === undefined || (name === 'ln' && copy.symbolic !== true) ? undefined
        : copy.sources.map(secretFile).find((f) => f !== undefined && !linkOnly(f));
      // (not a glob's or a directory's name: `cp /creds/* /tekton/results/` writes no file named `*`)
      const into = copy?.noTargetDirectory !== false || /^\.?\.?$|[*?[]/.test(basename(file ?? '')) ? undefined : file;
      result = file === undefined || copy?.destination === undefined ? undefined : resultIn(copy.destination, into);
      what = file === undefined ? undefined : `the file ${file} (${mountOf(file, held)?.said})`;
      const keys = result === undefined && copy?.destination !== undefined ? keysCopied(name, copy) : undefined;
      if (keys !== undefined) [what, result] = keys;
    } else if (name === 'dd') {
      const target = rest.filter((w) => w.startsWith('of=')).map((w) => w.slice(3)).pop();
      const file = rest.filter((w) => w.startsWith('if=')).map((w) => w.slice(3)).map(secretFile).find((f) => f !== undefined);
      result = file === undefined || target === undefined ? undefined : resultIn(target);
      what = file === undefined ? undefined : `the file ${file} (${mountOf(file, held)?.said})`;
    } else if (name === 'echo' || (name === 'printf' && !rest.some((w) => w.startsWith('-v')))) {
      // (or a Secret file's content a command substitution gives, `echo "$(cat /creds/token)"`, givenIn)
      const given = c.words.slice(at + 1).filter((w) => !w.literal).map((w) => {
        const direct = expandedVariables({ text: splitSubstitutions(w.text).outside, literal: false })
          .find((x) => tainted.has(x) && writtenExpanded(c.line, x));
        return direct !== undefined ? { variable: direct } : givenIn(w.text, c.line);
      }).find((x) => x?.variable !== undefined || x?.file !== undefined);
      what = given?.variable !== undefined ? `the value of ${given.variable} (${tainted.get(given.variable)})` : fileSaid(given);
    } else if (PASS_ON.test(name) || TRANSFORMS.test(name)) {
      const operands = name === 'tee' ? { files: [], inPlace: false } : TRANSFORM_SYNTAX[name] !== undefined ? transformOperands(name, rest)
        : { files: rest.filter((w) => !w.startsWith('-') || w === '-'), inPlace: false };
      if (operands.inPlace || (name === 'sed' && sedSilent(rest))) return undefined;
      const file = operands.files.map(secretFile).find((f) => f !== undefined);
      const input = operands.files.length === 0 || operands.files.includes('-') ? descriptorSource(c, 0) : undefined;
      const read = file ?? (input?.kind === 'file' && input.read ? secretFile(input.target) : undefined);
      const text = read === undefined && input?.kind === 'text' && input.heredoc?.expanded !== false
        ? givenIn(input.text, input.heredoc === undefined ? c.line : input.text) : undefined;
      const from = read ?? text?.file;
      what = from !== undefined ? `the file ${from} (${mountOf(from, held)?.said})`
        : text?.variable !== undefined ? `the value of ${text.variable} (${tainted.get(text.variable)})` : undefined;
      if (name === 'tee' && what !== undefined) result = rest.filter((w) => !w.startsWith('-')).map((w) => resultIn(w)).find((x) => x !== undefined);
    }
    result ??= what === undefined ? undefined : resultSink(k);
    if (what === undefined || result === undefined) return undefined;
    return {
      line: pipeline(k),
      problem: `writes ${what} into the ${result}: Tekton copies a result into the TaskRun's status, which whoever may get TaskRuns reads `
        + '(not only who may read the Secret), into the params of the tasks that use it and into Tekton Chains\' provenance',
      fix: 'Keep the Secret out of results: give it to the task or step that needs it (a workspace bound to the Secret, or a volume of its '
        + 'own), and write into the result only what is not secret (a digest, a name, a URL without credentials).',
    };
  };
  commands.forEach((c, k) => {
    const argv = argvOf(c);
    const program = programOf(c);
    const name = program?.name;
    for (const [id, was] of savedTrace.size === 0 ? [] : [...savedTrace].reverse()) {
      if (c.scope.some((s) => s.id === id)) continue;
      ({ trace, traceBy } = was);
      savedTrace.delete(id);
    }
    // (where an `exec` in a loop after it may have sent the shell's descriptors, the loop's start: execQuiet)
    quiet = quietBefore[k];
    // (a descriptor an `exec` duplicated from the log before, `exec 3>&2`, still writes to it)
    const silenced = quiet[1] && quiet[2] && !quiet.some((q, fd) => fd > 2 && q === false);
    // assignments (before a program, or alone, or by export, declare, local, readonly): the value taints the name
    const assigned = [
      ...splitAssignments(argv).assignments,
      ...(name !== undefined && /^(export|declare|typeset|local|readonly)$/.test(name)
        ? argv.slice(program!.at + 1).filter((w) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(w)).map((w) => ({ name: w.split('=')[0], value: w.slice(w.indexOf('=') + 1) }))
        : []),
      ...(name === 'printf' ? printfAssigned(withoutRedirections(argv.slice(program!.at + 1))) : []),
    ];
    for (const a of assigned) {
      // (not one before a program, `T=… curl`, which its environment alone has)
      if (allexport && (program === undefined || program.at === 0)) exportedNames.add(a.name);
      const given = givenIn(a.value, c.line);
      if (given?.variable !== undefined) {
        // (`X="$X …"` keeps what X holds)
        if (given.variable !== a.name) tainted.set(a.name, `made from ${given.variable}, ${origins.get(given.variable)}`);
        origins.set(a.name, origins.get(given.variable)!);
        roots.set(a.name, roots.get(given.variable) ?? given.variable);
      } else if (given?.file !== undefined) {
        const said = `${given.picks === undefined ? '' : `what \`${given.picks}\` picks of `}the file ${given.file} of ${mountOf(given.file, held)?.said}`;
        tainted.set(a.name, said);
        origins.set(a.name, said);
        roots.set(a.name, given.picks === undefined ? given.file : `${given.file} | ${given.picks}`);
      } else {
        tainted.delete(a.name);
        origins.delete(a.name);
        roots.delete(a.name);
      }
      // a path (`F=/etc/creds/token`, `D=$BASE/creds`): what the shell makes of it with the paths known so far
      const path = a.value.includes('$') ? a.value.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g, (all, x, y) => paths.get(x ?? y) ?? all) : a.value;
      // (Tekton writes `$(workspaces.NAME.path)` into the script before the shell runs it)
      const plainPath = (path.startsWith('/') || path.startsWith('$(workspaces.') || RESULT_PATH.test(path))
        && !/[$`]/.test(path.replace(/\$\((?:workspaces|results|step\.results)[.[][^)]*\)/g, ''));
      if (plainPath) paths.set(a.name, path);
      else paths.delete(a.name);
    }
    // `read` from a Secret file (`read -r TOKEN < /etc/secret/token`): its names hold the file's content
    if (name === 'read') {
      const { from, operands } = splitRedirections(argv.slice(program!.at + 1));
      const file = from === undefined ? undefined : secretFile(from);
      if (file !== undefined) {
        const said = `the file ${file} of ${mountOf(file, held)?.said}`;
        readVariables(operands).forEach((n) => {
          tainted.set(n, said);
          origins.set(n, said);
          roots.set(n, file);
        });
      }
      // from a here-string or heredoc that expands a Secret value (`read -r T2 <<< "$TOKEN"`)
      const input = descriptorSource(c, 0);
      const given = from === undefined && input.kind === 'text' && input.heredoc?.expanded !== false ? givenIn(input.text, input.heredoc === undefined ? c.line : input.text) : undefined;
      for (const n of given === undefined ? [] : readVariables(operands)) {
        // (`read -r T <<< "$T"` keeps what T holds)
        if (n === given!.variable) continue;
        const said = given!.variable !== undefined ? `made from ${given!.variable}, ${origins.get(given!.variable)}` : `the file ${given!.file} of ${mountOf(given!.file!, held)?.said}`;
        tainted.set(n, said);
        origins.set(n, given!.variable !== undefined ? origins.get(given!.variable)! : said);
        roots.set(n, given!.variable !== undefined ? roots.get(given!.variable) ?? given!.variable : given!.file!);
      }
    }
    // a file the command writes from its words or its input (`cat > ~/.curlrc <<EOF`, `echo verbose >> /tmp/curl.cfg`), which curl may read
    writtenFiles.read(k, name, program?.at ?? 0);
    // a Secret's value the command writes into a result (`cp /vault/token $(results.out.path)`, `echo "$T" > $(results.t.path)`)
    const intoResult = name === undefined ? undefined : resultWrite(k, name, program!.at);
    if (intoResult !== undefined) out.push(intoResult);
    // the trace prints each command's words as expanded (but a for's or case's header), inside its command substitutions too;
    // a function's body when it is called (its definition prints nothing)
    // (not where a compound command or subshell around it sends its standard error elsewhere: `{ set -x; …; } 2>/dev/null`,
    // `( set -x; … ) |& grep -q x`, bash 5.2 run)
    // (the trace of a command is written before its own redirections apply, that of a function's body after its call's: `set -x; f
    // 2>/dev/null` prints `+ f` alone, `exec 3>&2 2>/dev/null; f 2>&3` the body's commands, bash 5.2 run: shellErrorLogged, errorLogged)
    const traceLogged = trace && shellErrorLogged(commands, k, quiet);
    if (traceLogged && !bodies.inBody.has(k) && tracePrints(c)) return;
    const called = trace && name !== undefined && !bodies.headers.has(k) && bodies.byName.has(name) && errorLogged(commands, k, functionLines, quiet)
      ? bodies.byName.get(name) : undefined;
    if (called !== undefined) {
      const seenCalls = new Set([name!]);
      // (the body's own `set +x` turns the trace off for the rest of it: `f() { set +x; curl …; set -x; }`)
      const run = (body: readonly number[]) => body.reduce((on, b) => {
        const inner = programOf(commands[b]);
        const set = inner?.name === 'set' && inner.at === 0 ? xtraceOf(argvOf(commands[b]).slice(1)) : undefined;
        if (set === true || (set === false && commands[b].scope.every((x) => x.kind === 'other'))) return set;
        if (!on) return on;
        tracePrints(commands[b]);
        const more = inner === undefined || seenCalls.has(inner.name) ? undefined : bodies.byName.get(inner.name);
        if (more !== undefined) run((seenCalls.add(inner!.name), more));
        return on;
      }, true);
      run(called);
    }
    if (name !== undefined && /^(export|declare|typeset|unset)$/.test(name)) {
      const words = withoutRedirections(argv.slice(program!.at + 1));
      const options = words.filter((w) => /^[-+][A-Za-z]+$/.test(w));
      const names = words.filter((w) => /^[A-Za-z_][A-Za-z0-9_]*(=|$)/.test(w)).map((w) => w.replace(/=[\s\S]*$/, ''));
      const off = name === 'unset' || (name === 'export' && options.some((o) => /^-[A-Za-z]*n/.test(o))) || options.some((o) => /^\+[A-Za-z]*x/.test(o));
      if (off) names.forEach((n) => exportedNames.delete(n));
      else if (name === 'export' || options.some((o) => /^-[A-Za-z]*x/.test(o))) names.forEach((n) => exportedNames.add(n));
    }
    if (name === 'set' && program!.at === 0) {
      allexport = xtraceOf(argv.slice(1), 'a', 'allexport') ?? allexport;
      const set = xtraceOf(argv.slice(1));
      // (in a subshell: the shell around it keeps its own, back at its `)`)
      const subshell = [...c.scope].reverse().find((x) => x.kind === 'other' && !x.group);
      if (set !== undefined && subshell !== undefined && !savedTrace.has(subshell.id)) savedTrace.set(subshell.id, { trace, traceBy });
      // (a `set +x` in a branch may not run: the trace stays on)
      if (set === true || (set === false && c.scope.every((s) => s.kind === 'other'))) trace = set;
      // (one in a branch or loop turns it on when that runs: a debug switch, say)
      if (set === true) traceBy = `\`${c.line}\`${c.scope.some((x) => x.kind !== 'other') ? ', when the branch that holds it runs' : ''}`;
    }
    if (name === 'export' || name === 'unset' || name === 'exec') {
      const words = withoutRedirections(argv.slice(program!.at + 1));
      if (name === 'export') words.forEach((w) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(w) && exported.set(w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)));
      if (name === 'unset') words.forEach((w) => exported.delete(w));
      if (name === 'exec') quiet = quietBefore[k + 1];
    }
    if (silenced) return;
    // a program that shows what it is given (`curl -v`, `wget -d`, git with GIT_TRACE), or one in a command substitution
    // (whose standard error is the log's)
    for (const [s, j] of /curl|wget|git/.test(c.line) ? [[c, k] as const, ...substitutedCommands(c).map((x) => [x, -1] as const)] : []) {
      const p = programOf(s);
      if (p === undefined || !/^(curl|wget|git)$/.test(p.name)) continue;
      const args = withoutRedirections(argvOf(s).slice(p.at + 1));
      const env = new Map([...exported, ...splitAssignments(argvOf(s)).assignments.map((a) => [a.name, a.value] as const)]);
      const curl = p.name === 'curl' ? curlConfigured(s, args) : undefined;
      const wget = p.name === 'wget' ? writtenFiles.wgetConfigured(args, env) : undefined;
      const netrc = curl !== undefined ? curlNetrc(curl.args, env) : wget !== undefined ? wgetNetrc(env) : undefined;
      const shown = curl !== undefined ? [curlShown(curl.args, curl.from, netrc !== undefined && 'words' in netrc ? netrc : undefined)]
        : wget !== undefined ? wgetShown(args, wget.rc, env.has('POSIXLY_CORRECT'), wget.failed, netrcHostsWritten(env), netrc !== undefined && 'text' in netrc ? netrc : undefined)
          : [gitShown(args, env)];
      // (a value a config file gives is expanded where the code that wrote the file expands it)
      const lines = [s.line, ...curl?.lines ?? wget?.lines ?? [], ...netrc?.lines ?? []].join('\n');
      for (const { words, stream, why, fix } of shown.filter((x) => x !== undefined)) {
        // (the entrypoint's stream, `--stderr /proc/1/fd/2`, `-o /proc/1/fd/2`, is the log whatever the command redirects)
        const logged = stream === 'log' || (j >= 0 ? (stream === 'stdout' ? outputLogged(commands, k, functionLines, quiet)
          : (errorLogged(commands, k, functionLines, quiet) && (!bodies.inBody.has(k) || callsLogged(k)))
            || (bodies.inBody.has(k) && errorLogged(commands, k, functionLines, quiet.map((q, fd) => fd !== 2 && q))
              && callsLogged(k, new Set(), true)))
          : stream === 'stderr' && substitutionErrorLogged(s, quiet) && substitutionGroupsLogged(c, s)
            && (toEntrypoint(s) || execLogged(s, quiet) || substitutionShellLogged(k, s, quiet)));
        const given = logged ? words.map((w) => givenIn(w, lines)).find((g) => g !== undefined) : undefined;
        if (given === undefined) continue;
        out.push({
          line: s.line,
          problem: `prints ${given.variable !== undefined ? `the value of ${given.variable} (${tainted.get(given.variable)})` : `the content of ${given.file} (${mountOf(given.file!, held)?.said})`} `
            + `to the log: ${why}`,
          fix,
        });
        return;
      }
    }
    if (name === undefined) return;
    const rest = withoutRedirections(argv.slice(program!.at + 1));
    if ((name === 'echo' || (name === 'printf' && !rest.some((w) => w.startsWith('-v')))) && outputLogged(commands, k, functionLines, quiet)) {
      // every value it prints, in the order written
      const vs = [...new Set(c.words.slice(program!.at + 1).filter((w) => !w.literal).flatMap((w) => {
        const direct = expandedVariables({ text: splitSubstitutions(w.text).outside, literal: false })
          .filter((x) => tainted.has(x) && writtenExpanded(c.line, x));
        const given = direct.length > 0 ? undefined : givenIn(w.text, c.line)?.variable;
        return given === undefined ? direct : [given];
      }))];
      const v = vs[0];
      // (a Secret file's content a command substitution gives, `echo "$(cat /creds/token)"`, givenIn)
      const read = v !== undefined ? undefined : c.words.slice(program!.at + 1).filter((w) => !w.literal)
        .map((w) => givenIn(w.text, c.line)).find((g) => g?.file !== undefined);
      if (read !== undefined) {
        out.push({
          line: pipeline(k),
          problem: `prints ${fileSaid(read)} to the log: ${name} writes it to ${outputToStderr(c) ? 'stderr' : 'stdout'}, which Tekton keeps as the step's log`,
          fix: 'Give the file to the program that reads it (a `--password-file` option, or `< file`) instead of printing it.',
        });
      }
      if (v !== undefined) {
        const values = vs.length === 1 ? `the value of ${v} (${tainted.get(v)})`
          : `the values of ${vs.slice(0, -1).map((x) => `${x} (${tainted.get(x)})`).join(', ')} and ${vs[vs.length - 1]} (${tainted.get(vs[vs.length - 1])})`;
        out.push({
          line: pipeline(k),
          problem: `prints ${values} to the log: ${name} writes it to ${outputToStderr(c) ? 'stderr' : 'stdout'}, which Tekton keeps as the step's log`,
          fix: `Remove the command; where a program needs the value, pipe it into that program (\`${name === 'echo' ? 'echo' : "printf '%s'"} "$${v}" | docker login --password-stdin …\`) `
            + 'or write it to a file (`> file`).',
        });
      }
      return;
    }
    // a program that prints a file it is given or what it reads (`cat`, `head -c 100`, `jq . FILE`, `base64 -d <<< "$T"`)
    if (PASS_ON.test(name) || TRANSFORMS.test(name)) {
      const toLog = name === 'tee' ? rest.find(isLogFile) : undefined;
      if (toLog === undefined && !outputLogged(commands, k, functionLines, quiet)) return;
      const operands = name === 'tee' ? { files: [], inPlace: false } : TRANSFORM_SYNTAX[name] !== undefined ? transformOperands(name, rest)
        : { files: rest.filter((w) => !w.startsWith('-') || w === '-'), inPlace: false };
      if (operands.inPlace || (name === 'sed' && sedSilent(rest))) return;
      const file = operands.files.map(secretFile).find((f) => f !== undefined);
      const input = operands.files.length === 0 || operands.files.includes('-') ? descriptorSource(c, 0) : undefined;
      const read = file ?? (input?.kind === 'file' && input.read ? secretFile(input.target) : undefined);
      const text = read === undefined && input?.kind === 'text' && input.heredoc?.expanded !== false
        ? givenIn(input.text, input.heredoc === undefined ? c.line : input.text) : undefined;
      const v = text?.variable;
      const from = read ?? text?.file;
      if (from === undefined && v === undefined) return;
      const stream = toLog ?? (outputToStderr(c) ? 'stderr' : 'stdout');
      const made = TRANSFORMS.test(name) && !/^(head|tail)$/.test(name) ? ', or a text made from it that decodes to it,' : '';
      const inText = text === undefined ? '' : ` in its ${input!.kind === 'text' && input!.heredoc !== undefined ? 'heredoc' : 'here-string'}`;
      out.push({
        line: pipeline(k),
        problem: `prints ${from !== undefined ? `the file ${from} (${mountOf(from, held)?.said})` : `the value of ${v} (${tainted.get(v!)})`}${inText} to the log: `
          + `${name} writes it${made} to ${stream}, which Tekton keeps as the step's log`,
        fix: text === undefined ? 'Give the file to the program that reads it (a `--password-file` option, or `< file`) instead of printing it.'
          : inText === ' in its heredoc' ? `Write the text to a file (\`${name} <<EOF > file\`) and give that file to the program that reads it.`
            : `Give the here-string to the program that reads the value (\`… --password-stdin <<< "$${v ?? 'NAME'}"\`), not to ${name}.`,
      });
      return;
    }
    if (DUMPS.test(name)) {
      const env = held.variables.size > 0 || held.envFrom.length > 0;
      const all = dumpsAll(name, rest);
      // (`declare -p T`, `typeset -p T`: any variable of the shell; printenv sees the exported ones)
      const named = name === 'printenv' ? rest.find((w) => tainted.has(w) && held.variables.has(w))
        : /^(declare|typeset)$/.test(name) && rest.some((w) => /^-[a-zA-Z]*p/.test(w)) ? rest.find((w) => tainted.has(w)) : undefined;
      // (`env | grep -i token`: grep passes on the lines of the variables whose name its pattern matches; after stages that pass
      // every line on, `env | sort | grep TOK`)
      let g = k + 1;
      while (all && c.pipe && commands[g]?.pipe && PASS_ON.test(programOf(commands[g])?.name ?? '')) g++;
      const grep = all && c.pipe && /^(grep|egrep|fgrep)$/.test(programOf(commands[g])?.name ?? '');
      const logged = !grep && outputLogged(commands, k, functionLines, quiet);
      const known = [...held.variables.keys()].filter((n) => !held.guessed.has(n));
      const picked = grep ? grepPicks(commands[g], known) : [];
      const pickedLogged = picked.length > 0 && outputLogged(commands, g, functionLines, quiet);
      if (!(logged && ((all && env) || named !== undefined)) && !pickedLogged) return;
      const which = named !== undefined ? `the value of ${named} (${tainted.get(named)})`
        : pickedLogged ? `the line of ${picked.map((n) => `${n} (${held.variables.get(n)})`).join(', ')} with its value, which grep picks from what ${name} prints`
          : `every variable with its value, ${known.map((n) => `${n} (${held.variables.get(n)})`).concat(held.envFrom.map((s) => `each key of Secret ${s} (envFrom)`)).join(', ')} among them`;
      out.push({
        line: pipeline(k),
        problem: `prints to the log ${which}`,
        fix: named !== undefined ? `Do not print ${named}.`
          : `Print the variables you need by name (\`printenv PATH\`), or leave out the Secret's (\`env | grep -v '^${(pickedLogged ? picked[0] : known[0]) ?? 'NAME'}='\`).`,
      });
      return;
    }
    // a shell the script starts with code: read in turn, the trace on where its options turn it on
    if (depth < 2 && SHELL_NAMES.test(name) && outputLogged(commands, k, functionLines, quiet)) {
      const options = readShellOptions(argv.slice(program!.at + 1));
      const on = xtraceOf(argv.slice(program!.at + 1, program!.at + 1 + options.operand)) === true ? `\`${c.line}\`` : undefined;
      for (const code of shellCodesOf(c)) out.push(...printsOf(code, held, on, depth + 1, name));
    }
  });
  for (const { at, more } of traced.values()) {
    if (more > 0) out[at] = { ...out[at], problem: `${out[at].problem} (and ${more} later ${more === 1 ? 'command prints' : 'commands print'} it so)` };
  }
  return out;
}

/**
 * The commands in the bodies of the script's functions (whose output the caller may capture or redirect), by their index in
 * `commands`: each function's by its name, all of them, and the definitions (a command of the function's name).
 */
function functionBodies(script: string, commands: readonly SimpleCommand[]):
{ byName: Map<string, number[]>; inBody: Set<number>; headers: Set<number> } {
  const byName = new Map<string, number[]>();
  const inBody = new Set<number>();
  const headers = new Set<number>();
  if (!/\(\s*\)|function/.test(script)) return { byName, inBody, headers };
  const names = definedFunctions(script);
  commands.forEach((c, k) => {
    // a definition is read as a command of the function's name alone (or `function NAME`), its body's commands in a scope after it
    const next = commands[k + 1];
    const name = c.words.length === 1 ? c.words[0].text : c.words.length === 2 && c.words[0].literal && c.words[0].text === 'function' ? c.words[1].text : undefined;
    // (the body's scope names the function: a call before a group, `f\n{ cat F; } >&3`, is none, bash 5.2 run)
    if (name === undefined || !names.has(name) || next === undefined || next.scope[c.scope.length]?.function !== name) return;
    const body: number[] = [];
    for (let j = k + 1; j < commands.length && commands[j].scope.length > c.scope.length; j++) body.push(j);
    byName.set(name, body);
    headers.add(k);
    body.forEach((j) => inBody.add(j));
  });
  return { byName, inBody, headers };
}

/** The names of the results a task spec or step declares. */
function resultNames(spec: any): ReadonlySet<string> {
  return new Set(asArray(spec?.results).filter((r) => isObject(r) && typeof r.name === 'string').map((r) => r.name as string));
}

/** The interpreter line of a script: whether a shell runs it (none given: Tekton runs it with /bin/sh), which one (`name`) and with -x. */
function scriptShell(script: string): { shell: boolean; name?: string; xtrace?: string } {
  if (!script.startsWith('#!')) return { shell: true };
  const line = script.slice(0, script.indexOf('\n') < 0 ? undefined : script.indexOf('\n'));
  const words = line.slice(2).trim().split(/\s+/);
  let k = 0;
  if (basename(words[0] ?? '') === 'env') {
    k = 1;
    while (k < words.length && words[k].startsWith('-')) k++;
  }
  const name = basename(words[k] ?? '');
  const shell = SHELL_NAMES.test(name);
  return shell && xtraceOf(words.slice(k + 1)) === true ? { shell, name, xtrace: `the \`${line.trim()}\` line` } : { shell, ...shell ? { name } : {} };
}

/** A step's or sidecar's shell code and the field that holds it: its script, else the code of `command`/`args` that start a shell with -c. */
function shellCode(container: any): { property: string; code: string; shell?: string; xtrace?: string } | undefined {
  if (typeof container?.script === 'string') {
    const { shell, name, xtrace } = scriptShell(container.script);
    return shell ? { property: 'script', code: container.script, shell: name, xtrace } : undefined;
  }
  const command = asArray(container?.command);
  const argv = [...command, ...asArray(container?.args)];
  if (argv.length === 0 || !argv.every((w) => typeof w === 'string')) return undefined;
  const run = runOf(argv as string[]);
  if (run.program === undefined || !SHELL_NAMES.test(basename(run.program))) return undefined;
  const after = (argv as string[]).slice(run.programIndex + 1);
  const options = readShellOptions(after);
  if (!options.code || options.operand >= after.length) return undefined;
  const at = run.programIndex + 1 + options.operand;
  const property = at < command.length ? `command[${at}]` : `args[${at - command.length}]`;
  const on = xtraceOf(after.slice(0, options.operand)) === true;
  return { property, code: argv[at] as string, shell: basename(run.program), ...(on ? { xtrace: `${basename(run.program)}'s \`-x\`` } : {}) };
}

/** A step prints no Secret's value into the TaskRun's logs. */
export const SECRET_IN_LOGS = containerRule(
  {
    id: RuleId.SECRET_IN_LOGS,
    severity: Severity.HIGH,
    title: "No step prints a Secret's value into the TaskRun's logs",
    rationale: "A step's stdout and stderr are its container's log, which Tekton neither masks nor removes: anyone with pods/log in the "
      + 'namespace, the Dashboard and every log archive read it, long after the run; a Secret printed there is no longer secret. A result is as '
      + 'public: the TaskRun\'s status, later tasks\' params and Tekton Chains\' provenance hold it.',
    fix: 'Do not print it: pipe the value into the program that needs it (`--password-stdin`), redirect it to a file, or turn xtrace off around '
      + 'the commands that expand it (`{ set +x; } 2>/dev/null`).',
    decidesFrom:
      'The shell code of every step and sidecar (with its stepTemplate merged) of Tasks, TaskRuns, Pipelines and PipelineRuns, and of '
      + 'StepActions: its `script` when a shell runs it (no `#!` line, or one naming sh, bash, dash, ash, ksh, zsh …, directly or through '
      + '`env`), else the code of `command`/`args` that start a shell with `-c`, read with the shell reader the injection rules use. '
      + "A Secret's value is an env variable of `valueFrom.secretKeyRef` (the last entry of a name wins), a variable the script assigns "
      + '(also with `export`, `declare`, `local`, `readonly`) from one, expanded outside command substitutions (not `\\$NAME`) or in one '
      + 'that only passes it on (`echo`, `printf`, or `cat` of a Secret file, through base64, tr, cut, sed, jq …: `$(echo -n "$T" | base64)`), '
      + 'or a program reading it on its input (`$(base64 <<< "$T")`, `$(tr -d \'\\n\' < /etc/creds/token)`), '
      + 'or bash reading such a file (`$(< /etc/creds/token)`), never the output of another program given it (`$(curl -H "Authorization: $T" …)`), '
      + 'the name `printf -v NAME` assigns from one, the names `read` sets from such a file (`read -r T < /etc/creds/token`) '
      + 'or from a here-string or expanded heredoc that expands such a variable (`read -r T2 <<< "$T"`), each key of a Secret '
      + '`envFrom` gives: of a Secret checked together (its namespace\'s), its keys with the envFrom\'s `prefix` (env of a name wins); '
      + 'of one not, each key for dumps, and any variable the script expands that neither the container\'s env (a ConfigMap\'s keys '
      + 'its envFrom gives, the ConfigMap checked together, included), the script (an '
      + 'assignment anywhere, `read`, `for`, `export`, `declare`, `local`, `getopts`, `mapfile`, `printf -v`) nor the shell or the '
      + 'kubelet sets (`HOME`, `PWD`, `OPTARG`, `<SERVICE>_PORT` …), which may be one of its keys; and a file under the mountPath of '
      + MOUNTED_CREDENTIALS_TEXT + ', or of a workspace that a run checked together binds to a Secret, CSI or projected volume '
      + '(a TaskRun\'s own binding; a pipeline task given a credentials workspace of its Pipeline, as `credentialWorkspaces` tells, or of a '
      + "PipelineRun's embedded spec; a Task that such a run or pipeline task runs by a local taskRef), written as its path or as "
      + '`$(workspaces.<name>.path)`, also through variables the script assigns a path (`F=/etc/creds/token; cat "$F"`, `"$D/token"`). Printing is: under xtrace (a `#!` line with `-x`, `set -x`, `set -o xtrace`, `sh -x -c CODE`, until '
      + 'a `set +x` that runs whatever the branch), any command but a `for`/`case` header that expands such a variable or reads such a '
      + 'file in a command substitution (its content, through programs that pass it on, or what a jq or yq filter picks of it: '
      + '`$(cat FILE | jq -r .auths)`; not a digest or count another program makes of it, `$(cat FILE | sha256sum)`), since the trace writes its expanded words to stderr (a function\'s body where it is called, not '
      + 'where it is defined; not where a group or subshell around it sends its stderr to a file, to a descriptor a top-level `exec` sent to one '
      + '(`exec 3>/dev/null` then `{ …; } 2>&3`) or into a pipe that drops it, `{ …; } 2>/dev/null`, `( … ) |& grep -q x`, nor a body where the call '
      + 'sends it so, `f 2>/dev/null`; the command\'s own redirections do not take its trace, written before they apply); `echo`/`printf` (not `-v`) of such a variable or of such a file\'s content a command substitution gives (`echo "$(cat FILE)"`, `$(< FILE)`); `cat`, `tee`, sort, uniq or a text transform (base64, tr, '
      + 'cut, head, tail, sed, jq, yq, xxd, od …; not `sed -i`, nor `sed -n` whose scripts have none of the letters p, P, l, w, W, e) given such a file as an operand or on its input (`cat < FILE`), or a '
      + 'here-string or expanded heredoc that expands such a variable (`cat <<< "$T"`, `base64 -d <<< "$T"`, `tee /dev/stderr <<< "$T"`); '
      + '`printenv NAME`, `declare -p NAME`/`typeset -p NAME`, and `env`, `printenv`, `export -p`, `declare -p`/`typeset -p` or `set` '
      + 'with no operand in a container with such env (or piped, past stages that pass every line on such as `sort`, into a `grep` whose pattern is found in such a variable\'s `NAME=`, '
      + '`env | grep -i token`, or with `-v` is not, `env | grep -v PATH`; none with `-c`, `-q`, `-l`), where the output reaches the log: not redirected to a file (`>&2`, `/dev/stderr` are the log), nor '
      + 'to a descriptor a top-level `exec` sent to one (`exec 3>/tmp/f`, `exec > build.log`; also by a group\'s `} >&3`, followed through the groups around it), not piped into a program other than cat, '
      + 'tee, sort, head, tail, uniq, less, more, tac, nl, paste, column, fmt, expand, unexpand, pr, strings, a transform given no file '
      + '(jq and yq with the filter `.`: `echo "$T" | base64`), grep given no file and none of `-q`, `-c`, `-l`, `-L`, `-f` (its pattern '
      + 'may find the value: `| grep .`), awk given no file nor `-f` (`| awk 1`), xargs with no command or `echo`/`printf` and no `-a`, '
      + 'or dd with neither `if=` nor `of=` (GNU grep, awk, xargs and coreutils, checked), '
      + 'not inside a compound command or subshell whose output is redirected or piped into another program (`( echo "$T" ) | docker login '
      + '--password-stdin`; `{ echo "$T"; } | cat` and `} &` print), nor inside a coprocess or a function body. Printing is also a '
      + 'program that shows what it is given on stderr (not redirected to a file; piped with it, `2>&1 |` or `|&`, which applies after the '
      + "command's own redirections, where the pipe passes it on, also a group's or subshell's, `( curl -v … ) |& tee FILE`), also in a command substitution (not sent to its output there: "
      + '`$(curl -v … 2>&1)`, `$( { curl -v …; } 2>&1 )` are the value\'s, not the log\'s; nor where a group or `exec` around it sends the '
      + 'shell\'s stderr to a file, `{ R=$(curl -v …); } 2>/dev/null`, nor where the shell makes the command\'s own redirections before it '
      + 'runs: in dash, ash, zsh and mksh those of a command of assignments alone, `R=$(curl -v …) 2>/dev/null`, in all but bash those '
      + 'of assignments before a program, `R=$(curl -v …) make 2>/dev/null`, in zsh those of `export X=$(…)` and its other declarations; '
      + 'a shell not named, sh, is read as bash; and where a top-level `exec` duplicated a descriptor from the log, `exec 3>&2`, it '
      + 'writes there, `$(curl -v … 2>&3)`), in a function\'s body where a call of it leaves its stderr '
      + 'on the log or none is read (not `f 2>/dev/null`): `curl -v`/`--verbose` '
      + '(not `--no-verbose`, nor `--stderr FILE`) of such a value in a header, cookie or bearer option, `-u` or a URL, or in the login or password '
      + 'of a `.netrc` the script writes that `-n`, `--netrc-optional` or `--netrc-file FILE` reads (its first entry for the host or `default`; '
      + 'not with `-u`; `--no-netrc` undoes `-n` alone) (the request line '
      + 'and headers, user:password as the base64 of a Basic Authorization header); `curl --trace`/`--trace-ascii` to `-` (stdout) or `%` '
      + '(stderr) of those or of a body (`-d`, `--json`, `-F`), those options also from a config file curl reads that the script wrote '
      + 'before it (`cat > FILE <<EOF`, `echo`/`printf … > FILE`, `>>` adding to it, `tee FILE` (`-a`) of its heredoc, and `tee FILE` or `cat > FILE` of what echo, printf or `cat <<EOF` pipe to it; `cat` of such files, `cp`, `install`, `mv`, `ln`, `rsync` or `dd of=` of such a '
      + 'file to it or into a directory, a recursive copy of a directory that holds one (`cp -r`, `rsync -a`; a symbolic link as a copy made '
      + 'then, its relative source a file of its directory); behind sudo, doas or env too; an expanded heredoc holds the values it '
      + 'expands; not once `rm` or another program\'s output replaces it): '
      + '`-K FILE`/`--config FILE` (`-K -`: its heredoc) where it is given, one such file names where its line is (`config = FILE`, '
      + 'each once in a chain; curl reads them to any depth before 8.17, five levels on), and, before the arguments, the first `.curlrc` of '
      + '$CURL_HOME, $XDG_CONFIG_HOME and $HOME (`~`) unless `-q`/`--disable` is the first, each line read as curl reads it (`verbose`, '
      + '`header = "Authorization: …"`, `header: …`, `-v`; an unquoted value ends at a blank), and an `--expand-` option\'s `{{NAME}}` '
      + 'of a `--variable` (curl 8.3 on; `%NAME` imports the environment\'s NAME: a variable the shell exports, of the container\'s env, '
      + '`export`, `declare -x` or assigned under `set -a` or before the command, not one it keeps); `wget -d`/`--debug` of an option given after it '
      + '(as wget reads it, whatever its log), or of any option or URL with its log not in a file (`-o`, `-a`; a password only with a user, '
      + '`--user`, `--http-user`, a URL\'s `user@` or a `.netrc` unless `--no-netrc`, the script\'s own ~/.netrc only with a `machine HOST` entry with a `login` for the URL\'s host, and `--password` only without `--http-password`), and wget but with `-q` of '
      + 'a URL\'s user, path or query (only the password of its user:password is masked; all of a `user:pw@host/x` without a scheme, ftp\'s), its log not in a file, each option read as wget 1.21 reads it (a long option\'s value, `--deb` for `--debug`, `--no-quiet`, `-e debug=on`; '
      + 'with POSIXLY_CORRECT in its environment, each word after the first URL a URL), '
      + 'after the commands of the startup files it reads that the script wrote (`debug = on`, `header = …`; written as curl\'s above): `--config FILE` alone, none with '
      + '`--no-config` before it, else $SYSTEM_WGETRC or /etc/wgetrc, then $WGETRC or `~/.wgetrc`; one with a line wget rejects (`retries 3`, a '
      + 'command it does not know, `debug = maybe`; not one the shell expands as the script writes it, `verbose = $V`) ends its reading: it exits, writing only what `debug = on` writes of the commands it sets); git under GIT_TRACE of `1`, `2` or `true` (its sub-command\'s words) or under GIT_CURL_VERBOSE or GIT_TRACE_CURL (a URL '
      + 'with the value), set on the command, exported before (until `unset`) or in the container\'s env. A top-level `exec` that sends '
      + 'stderr to a file (`exec 2>/dev/null`, `exec > build.log 2>&1`) silences the trace and the programs above until one sends it '
      + 'back (`exec 2>&3`), but where a group, subshell or function call sends theirs to a descriptor a top-level `exec` duplicated from '
      + 'the log (`exec 3>&2 2>/dev/null` then `{ set -x; …; } 2>&3`); a subshell\'s own `set -x` or `set +x` ends at its `)`. Writing such a value into a result is a finding too '
      + '(Tekton copies a result into the TaskRun\'s status, which whoever may get TaskRuns reads, into the params of the tasks that use it and '
      + 'into Tekton Chains\' provenance): echo or printf of such a variable or of such a file\'s content a command substitution gives, or cat, tee or a text transform of such a file or of a here-string '
      + 'or expanded heredoc that expands one, whose output is redirected (`>`, `>>`) to a result\'s path, by itself, by a group, subshell or '
      + 'compound command around it (`{ cat FILE; } > $(results.t.path)`) or by a top-level `exec` before it (`exec > $(results.t.path)`; `exec 3> …` '
      + 'and `>&3`; not in a function\'s body, whose call may send it elsewhere), or piped through programs that pass it on into a `tee` of one or a redirection to one; `cp`, `install`, `mv`, `ln -s` (`-sr` too; the '
      + 'entrypoint reads the result through the link; not a hard `ln`, which fails across the two volumes) or `dd if= of=` of such a file to one, '
      + 'or into the results directory (`cp FILE /tekton/results/`, `-t /tekton/results`), which makes the result of the file\'s name where the task '
      + 'declares one (any name where the task is not known, a StepAction judged alone; in a step\'s own directory, `/tekton/steps/<step>/results/`, '
      + 'where the step declares one); so is every key of such a volume copied into that directory where the task (or step) declares any result: '
      + 'its content (`cp -r /creds/. /tekton/results/`, `cp -rT /creds …`, which copies the kubelet\'s `..data` with the keys\' links into it) or a glob '
      + 'of its keys where their links are followed (`cp /creds/* …`, `-L`, `-H`, install, `ln -s`; not `cp -r` or `cp -a` of a key of a whole '
      + 'volume, named or globbed, which copies its link alone, resolving to nothing there; a key a subPath mount gives is its file, copied by either). '
      + 'A result\'s path is '
      + '`$(results.<name>.path)` (`$(results["<name>"].path)`), a step result\'s `$(step.results.<name>.path)`, `/tekton/results/<name>`, '
      + '`/tekton/steps/<step>/results/<name>`, or a variable the script assigns one. Shell code a '
      + 'command starts (`bash -x -c CODE`, a heredoc fed to `sh`) is read in turn, two levels deep.',
    limits:
      'A result written by a program other than those above (`vault kv get -field=token … > $(results.t.path)`) is not read as a Secret\'s. '
      + 'A script file the step runs (`bash -x ./build.sh`, `bash /workspace/x.sh`, `source FILE`, `. FILE`) is not read, nor a program that prints what it is given but those above '
      + '(`kubectl get secret -o yaml`, `http --verbose`), nor curl\'s options from a config file the script does not write (the image\'s '
      + '`.curlrc`, one written by another step), nor wget\'s from a wgetrc the script does not write (with `--no-netrc`, a password without a user is taken as not sent), nor git\'s trace in a '
      + 'Secret sent by `-c http.extraHeader` (git redacts it unless GIT_TRACE_REDACT=0). A value is carried only by echo, printf, cat, '
      + 'bash\'s `$(< FILE)` and the text transforms above, into a variable (`$(echo -n "$T" | base64)`), to the log or into a result (`echo "$(cat FILE)" > $(results.t.path)`); the output of '
      + 'another program given it is not read as the value, nor what `read` takes from a pipe (it runs in a subshell), nor a field '
      + 'jq or yq picks from a piped value (`echo "$T" | jq .id`); grep and awk given a value are taken to print it, whatever their '
      + 'pattern or program picks (relax where it picks none of it). Of a Secret that `envFrom` gives and that is not checked together, '
      + 'a variable the image sets (`JAVA_HOME`) is taken as maybe one of its keys where the script expands it (relax, or check the '
      + 'Secret with the Task), and a key whose name the script also assigns is not. A StepAction is read with the Task that runs it '
      + 'only where both are checked together (a local `ref`); a param the step passes it is not read as a Secret\'s value (a result '
      + 'made from one by an earlier step is not followed). A path is followed through '
      + 'variables assigned a path, not through other expansions (`$(dirname …)`, arrays). An `exec` in a branch or function is not '
      + 'followed. The trace is followed in the order written: a `set -x` inside a branch or function counts '
      + 'from where it is written. A workspace is known to hold a Secret only from a run or '
      + 'Pipeline checked together (a Task alone may be bound to anything), and the Secret a CSI driver mounts (as a volume or a workspace) is '
      + 'not told from other CSI content; a copy of a glob of its keys is read as of a Secret volume\'s, links into `..data` (`cp -a /creds/* …` is '
      + 'not reported: a CSI driver that writes its files plainly is not told apart). Steps run with `onError` or in a retry print as any other.',
    howToRelax: containerRelaxation(RuleId.SECRET_IN_LOGS),
    relaxable: true,
  },
  (view, context, manifest) => {
    if (view.role === 'stepTemplate') return [];
    const code = shellCode(view.effective);
    if (code === undefined) return [];
    // (a StepAction judged alone, also where a Task runs it, has neither the Task's volumes nor its workspaces)
    const taskSpec = view.volumesKnown ? view.taskSpec : undefined;
    const workspaces = asArray(taskSpec?.workspaces).length === 0 ? new Set<string>() : secretWorkspaces(view.specTarget, manifest, context);
    const volumes = view.volumesKnown ? view.volumes ?? [] : undefined;
    const templates = view.volumesKnown ? podTemplateVolumesOf(manifest, view.specTarget, context?.manifests) : [];
    const found = {
      ...secretsHeld(view.effective, volumes, taskSpec, workspaces, (name) => secretKeys(name, manifest, context), templates),
      declared: { task: taskSpec === undefined ? undefined : resultNames(taskSpec), step: resultNames(view.effective) },
    };
    // (a Secret whose keys are not known: a variable the step does not set may be one of them)
    const fromConfigMaps = found.envFrom.length === 0 ? [] : configMapVariables(view.effective, manifest, context);
    const guessed = found.envFrom.length === 0 ? []
      : unsetVariables(code.code, view.effective).filter((n) => !found.variables.has(n) && !fromConfigMaps.includes(n));
    const maybe = `a key of Secret ${found.envFrom.join(' or ')} by envFrom, if it has one of this name: the step does not set it`;
    const held = guessed.length === 0 ? found
      : { ...found, variables: new Map([...guessed.map((n) => [n, maybe] as const), ...found.variables]), guessed: new Set(guessed) };
    if (held.variables.size === 0 && held.envFrom.length === 0 && held.mounts.length === 0) return [];
    const prints = printsOf(code.code, held, code.xtrace, 0, code.shell);
    const seen = new Set<string>();
    return prints.filter((p) => !seen.has(p.line + p.problem) && seen.add(p.line + p.problem))
      .map((p) => ({ property: code.property, value: p.line, problem: p.problem, fix: p.fix }));
  },
  { stepActionsInTask: true },
);
