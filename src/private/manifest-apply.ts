/**
 * What a container sends to the API server with kubectl, read from where the manifests come:
 * the files a workspace holds (or a URL serves) are applied as they are written, whatever
 * image they name.
 */
import { basename, invocation } from './argv';
import { cosignVerifications, shellCommands } from './chains-signing';
import { asArray, isObject, mergeTemplate } from './containers';

/** kubectl subcommands that send the objects of files to the API server. */
const WRITING = new Set(['apply', 'create', 'replace']);
/**
 * kubectl's flags that name the files to read (`-f`, `--filename`), or a kustomization directory (`-k`, `--kustomize`);
 * a short one may follow other short flags in one word (`-Rf`), as pflag reads a group.
 */
const SOURCE_FLAG = /^(?:(-[A-Za-z]*?[fk])(=?)(.*)|(--filename|--kustomize)(?:=(.*))?)$/s;
/** `--dry-run` with a value that sends nothing to be kept (`server`, `client`; alone it is `client`). */
const DRY_RUN = /^--dry-run(?:=(?:server|client|true|unchanged))?$/;
/** The repository of an image that is kubectl itself (its entrypoint): `registry.k8s.io/kubectl`, `bitnami/kubectl`, `…/k8s-kubectl`. */
const KUBECTL_IMAGE = /(?:^|[/-])kubectl$/;
/** A workspace's path as Tekton substitutes it, or its default mount (`/workspace/<name>`), or a URL. */
const URL_VALUE = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;
const AS_WRITTEN = [/\$\(\s*workspaces\.[^.)\s]+\.path\s*\)/, /^\/workspace(\/|$)/, URL_VALUE];
/** A workspace path substitution in a script, kept in one word through the shell lexer (which reads `(` as an operator). */
const WORKSPACE_PATH = /\$\(\s*workspaces\.([^.)\s]+)\.path\s*\)/g;
const KEPT = /@@workspaces\.([^@]+)\.path@@/g;

/** A kubectl command that applies manifests as written: the field that holds it, and the flag and value that name them. */
export interface AppliedAsWritten {
  /** `command`, `args` or `script`. */
  readonly property: string;
  /** The flag and its value, e.g. `--filename=$(workspaces.manifests.path)/deploy`. */
  readonly value: string;
  /** Whether the value is a URL (not a workspace's file). */
  readonly url: boolean;
}

/** The first flag of a kubectl argv (after the program) that names manifests a workspace holds or a URL serves, for a subcommand that writes them. */
function sourceFlag(rest: readonly string[], inWorkspace: boolean): { value: string; url: boolean } | undefined {
  if (!rest.some((w) => WRITING.has(w)) || rest.some((w) => DRY_RUN.test(w))) return undefined;
  for (let i = 0; i < rest.length; i++) {
    const m = SOURCE_FLAG.exec(rest[i]);
    if (!m) continue;
    // -f x, -fx, -f=x; --filename x, --filename=x
    const inline = m[1] !== undefined ? (m[3] !== '' || m[2] === '=' ? m[3] : undefined) : m[5];
    const value = inline ?? rest[i + 1];
    const written = inline !== undefined ? rest[i] : `${rest[i]} ${rest[i + 1] ?? ''}`.trimEnd();
    if (value === undefined) continue;
    // a relative path is read from the working directory, which may be a workspace's
    const relative = inWorkspace && value !== '' && !value.startsWith('/') && !value.startsWith('-') && !value.startsWith('$(');
    if (relative || AS_WRITTEN.some((re) => re.test(value))) return { value: written, url: URL_VALUE.test(value) };
  }
  return undefined;
}

/**
 * Whether a container runs `kubectl apply`, `create` or `replace` on manifests a workspace holds
 * or a URL serves: through `command` and `args` (wrappers such as `env` looked through), `sh -c`,
 * or a simple command of a shell `script`.
 */
export function appliesAsWritten(container: any): AppliedAsWritten | undefined {
  const command: string[] = Array.isArray(container?.command) ? container.command.map(String) : [];
  const args: string[] = Array.isArray(container?.args) ? container.args.map(String) : [];
  const argv = [...command, ...args];
  const property = command.length > 0 && args.length === 0 ? 'command' : 'args';
  const scripts: Array<{ property: string; text: string }> = [];
  const workingDir = typeof container?.workingDir === 'string' ? container.workingDir : '';
  const inWorkspace = AS_WRITTEN.slice(0, 2).some((re) => re.test(workingDir));
  const image = typeof container?.image === 'string' ? container.image : '';
  if (command.length === 0 && args.length > 0 && KUBECTL_IMAGE.test(image.split('@')[0].replace(/:[^/:]*$/, ''))) {
    // the image's entrypoint is kubectl, given the args
    const source = sourceFlag(args, inWorkspace);
    if (source !== undefined) return { property: 'args', ...source };
  }
  if (command.length > 0) {
    const run = invocation(argv);
    if (run.program !== undefined && basename(run.program) === 'kubectl') {
      const source = sourceFlag(argv.slice(run.programIndex + 1), inWorkspace);
      if (source !== undefined) return { property, ...source };
    } else if (run.program !== undefined && /^(sh|bash|dash|ash|ksh|zsh)$/.test(basename(run.program))
      && /^-[a-z]*c[a-z]*$/.test(argv[run.programIndex + 1] ?? '') && argv[run.programIndex + 2] !== undefined) {
      scripts.push({ property, text: argv[run.programIndex + 2] });
    }
  }
  if (typeof container?.script === 'string') scripts.push({ property: 'script', text: container.script });
  for (const script of scripts) {
    const text = script.text.replace(WORKSPACE_PATH, '@@workspaces.$1.path@@');
    for (const words of shellCommands(text)) {
      const run = invocation(words.map((w) => w.text));
      if (run.program === undefined || basename(run.program) !== 'kubectl') continue;
      const source = sourceFlag(words.slice(run.programIndex + 1).map((w) => w.text.replace(KEPT, '$(workspaces.$1.path)')), inWorkspace);
      if (source !== undefined) return { property: script.property, ...source };
    }
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
