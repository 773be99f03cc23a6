import { TEKTON_DOCKER_CREDENTIAL_PREFIX, TEKTON_GIT_CREDENTIAL_PREFIX } from '../../private/annotations';
import { isBuildStrategy } from '../../private/build-strategies';
import { refusedConfigMapValues, storedConfigMapData } from '../../private/config-map-data';
import { asArray, containersOf, sidecarDesignation, stepDesignation, taskSpecsOf } from '../../private/containers';
import { CredsInitSecret, credsInitSecrets, accountHolds, legacyTokensLeftOut } from '../../private/creds-init-secrets';
import { featureFlagsConfigMap, SEVERAL_FEATURE_FLAGS } from '../../private/feature-flags-config-map';
import { admissionFlags } from '../../private/feature-gates';
import { locallyReferenced, oncePerSet } from '../../private/manifest-index';
import { operatorFlagsOf, OPERATOR_FLAGS_OF } from '../../private/operator-flags';
import { runValue } from '../../private/param-enums';
import {
  Caller, constantImage, constantText, ImageParam, imageFromParam, namedParam, PipelineLevel, pipelineValue, piecesSaid, substituted, Taken,
  takenSaid, taskCaller, taskValue,
} from '../../private/param-images';
import { PERSISTED_CREDENTIALS_DECIDES, PERSISTED_CREDENTIALS_LIMITS, persistedCredentialFindings } from '../../private/persisted-credentials';
import { PipelineOrder } from '../../private/pipeline-order';
import {
  configDefaultsEnv, configDefaultsObjectName, inConfigDefaultsReading, OPERATOR_DEFAULTS_OF, PodTemplateEnvVar, podTemplatesOf, runPodTemplateEnv,
} from '../../private/pods';
import { containerFiles, ContainerFiles, gitInWorkspaceOf, firstRepoCode, RepoCode, workspaceMountPaths } from '../../private/repo-code';
import { defaultAccountReading, taskServiceAccounts } from '../../private/run-accounts';
import { tokenMounts } from '../../private/run-tokens';
import { credentialMounts, MOUNTED_CREDENTIALS_TEXT, podTemplateVolumesOf, TemplateVolume } from '../../private/run-volumes';
import { isShipwrightBuild } from '../../private/shipwright-builds';
import { shipwrightBuildCredentialProblems, shipwrightStrategyCredentialProblems } from '../../private/shipwright-credentials';
import { paramUses, wholeParamName } from '../../private/substitutions';
import { disablesCredsInit } from '../../private/tekton-config';
import { jsString, literalPattern } from '../../private/text';
import { Restored, restoredBeforeStep } from '../../private/trusted-artifacts';
import { bindsSecret, receivedWorkspaces } from '../../private/workspaces';
import { coveringRelaxation, relaxationsOf } from '../engine/annotations';
import { IRuleContext, Severity } from '../rule';
import { followingLoops, kindIs, Problem, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

/** `text` as a regular expression that matches it alone. */

function isObject(x: any): boolean {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

/** The task specs a run or pipeline task may run: its embedded spec, else every Task its local taskRef may name. */
function taskSpecs(taskSpec: any, taskRef: any, context: IRuleContext | undefined, from: any): any[] {
  if (isObject(taskSpec)) return [taskSpec];
  const found = context === undefined ? [] : locallyReferenced(context.manifests, taskRef, 'Task', from).map((t) => t.spec);
  return found.length > 0 ? found : [undefined];
}

/** The findings of the first of `specs` that has any. */
function firstFindings(specs: any[], findings: (spec: any) => Problem[]): Problem[] {
  for (const spec of specs) {
    const found = findings(spec);
    if (found.length > 0) return found;
  }
  return [];
}

/**
 * A container whose image a param gives, with that image in place (`firstRepoCode` reads a builder from it), and how; the
 * container as it is otherwise.
 */
function withParamImage(container: any, image: ImageParam | undefined): { container: any; image?: ImageParam } {
  return image === undefined ? { container } : { container: { ...container, image: image.value }, image };
}

/**
 * A finding of repository code on a container's image, at the image as written (firstRepoCode gives its repository alone: its tag
 * and digest are part of what the user wrote); on an image a param gives, the param as written and where its value comes from.
 */
function fromParamImage<T extends RepoCode>(found: T, image: ImageParam | undefined, container: any): T {
  if (found.property !== 'image') return found;
  if (image === undefined) return typeof container?.image === 'string' ? { ...found, value: container.image } : found;
  return { ...found, value: image.written, why: `${image.takes}; that image ${found.why}` };
}

/**
 * `container` with each variable a ConfigMap among the objects checked gives it as its value, in the kubelet's order (kubelet_pods.go
 * makeEnvironmentVariables): those of `envFrom[].configMapRef` first (its `prefix` before each key), then `env`, whose
 * `valueFrom.configMapKeyRef` is read, a later variable replacing an earlier one of the same name. Each such variable holds
 * `configMap`, where it comes from (the field as written, and the key and ConfigMap for a message: `firstRepoCode` reads it). A
 * ConfigMap not among the objects checked (or one the API server refuses) gives nothing: what it holds is not known here, and the
 * variable is read as when it is not set (PATH from a cluster's ConfigMap most often names the image's directories; a step that sets
 * it from its own task is read where it does). The container as it is where none is read.
 */
function withConfigMapEnv(container: any, context: IRuleContext | undefined, from: any): any {
  const env = asArray(container?.env);
  const envFrom = asArray(container?.envFrom);
  const reads = envFrom.some((f) => isObject(f?.configMapRef)) || env.some((e) => isObject(e?.valueFrom?.configMapKeyRef));
  if (context === undefined || !reads) return container;
  // (of several a namespace-less task may read, the last)
  const dataOf = (name: unknown): Readonly<Record<string, unknown>> | undefined => {
    const found = typeof name !== 'string' ? [] : locallyReferenced(context.manifests, { name }, 'ConfigMap', from)
      .filter((m) => refusedConfigMapValues(m.data).length === 0);
    return found.length === 0 ? undefined : storedConfigMapData(found[found.length - 1].data);
  };
  const read = new Map<string, any>();
  let changed = false;
  envFrom.forEach((f, j) => {
    const data = isObject(f?.configMapRef) ? dataOf(f.configMapRef.name) : undefined;
    const prefix = typeof f?.prefix === 'string' ? f.prefix : '';
    for (const [key, value] of Object.entries(data ?? {})) {
      if (typeof value !== 'string') continue;
      changed = true;
      read.delete(prefix + key);
      const said = `key '${key}' of the ConfigMap '${jsString(f.configMapRef.name)}', through envFrom`;
      read.set(prefix + key, { name: prefix + key, value, configMap: { property: `envFrom[${j}].configMapRef`, said } });
    }
  });
  const own = env.map((e) => {
    const ref = e?.valueFrom?.configMapKeyRef;
    const value = isObject(ref) && typeof ref.key === 'string' ? dataOf(ref.name)?.[ref.key] : undefined;
    if (typeof e?.name === 'string') read.delete(e.name);
    if (typeof value !== 'string') return e;
    changed = true;
    return { name: e.name, value, configMap: { property: `env.${jsString(e.name)}`, said: `key '${ref.key}' of the ConfigMap '${jsString(ref.name)}'` } };
  });
  return changed ? { ...container, env: [...read.values(), ...own] } : container;
}

/** The steps and sidecars of a task spec as they run: a StepAction a step refers to (checked together) in its place, the stepTemplate under each step. */
function containersOfSpec(spec: any, context: IRuleContext | undefined, from: any, caller?: Caller): SpecContainer[] {
  const template = isObject(spec?.stepTemplate) ? spec.stepTemplate : {};
  // the steps as written (restoredBefore's reading of them is kept per spec and list, and read only when a container asks, up to
  // its step: a container that runs code of a workspace itself, and gitFindings, never do), the objects among them
  const written = asArray(spec?.steps);
  const restored = (k: number) => (): readonly Restored[] => restoredBeforeStep(spec, written, k) ?? [];
  const steps = written.flatMap((s, k) => {
    if (!isObject(s)) return [];
    // every StepAction the step may run (a Task without a namespace may be applied to any)
    const actions = context === undefined ? [] : locallyReferenced(context.manifests, s.ref, 'StepAction', from).filter((a) => isObject(a.spec));
    const owns = actions.length > 0 ? actions.map((a) => ({ ...a.spec, name: s.name })) : [s];
    return owns.map((o) => {
      const merged = withConfigMapEnv({ ...template, ...o }, context, from);
      // a StepAction's `$(params.x)` is its own param, which the step passes (the task's params in place in the value it passes)
      const stepCaller: Caller | undefined = actions.length > 0
        ? { by: `step '${stepDesignation(s, k)}'`, params: s.params, task: (name) => taskValue(spec, caller, name, 'value') } : undefined;
      const image = stepCaller !== undefined ? imageFromParam(merged, o, stepCaller) : imageFromParam(merged, spec, caller);
      const own = withParamImage(merged, image);
      const code = stepCaller !== undefined ? () => codeWithParams(own.container, o, stepCaller) : () => codeWithParams(own.container, spec, caller);
      // (its volumes: the stepTemplate's mounts with its own, as Tekton merges them)
      const files = containerFiles(spec, [...asArray(template.volumeMounts), ...asArray(o.volumeMounts)], o, written.slice(0, k));
      return { role: 'step', name: stepDesignation(s, k), ...own, mounts: workspaceMountPaths(spec, s), files, restored: restored(k), code };
    });
  });
  const sidecars = asArray(spec?.sidecars).flatMap((s, k) => {
    if (!isObject(s)) return [];
    const own = withParamImage(withConfigMapEnv(s, context, from), imageFromParam(s, spec, caller));
    const files = containerFiles(spec, asArray(s.volumeMounts), s);
    return [{ role: 'sidecar', name: sidecarDesignation(s, k), ...own, mounts: workspaceMountPaths(spec, s), files, restored: () => [], code: () => codeWithParams(own.container, spec, caller) }];
  });
  return [...steps, ...sidecars];
}

/** A container's code with the values of its task spec's params in place, and the clauses of those values for a message. */
interface CodeWithParams {
  readonly container: any;
  /** `the script's $(params.cmd) is the PipelineRun's value of "cmd", "go build ./..."`, for each value put in place. */
  readonly said: string;
}

/**
 * `container` with each `$(params.<name>)` of its `script`, `command` and `args` replaced by the value Tekton puts there where it is
 * known (`taskValue`: the constant its caller passes, the text it passes with its pipeline's params in place, for a spec embedded in a
 * pipeline task the PipelineRun's value or the pipeline's default, else the task's default), as Tekton writes it into the text before
 * the shell reads it (`script: $(params.buildCommand)`); a substitution whose value is not known is left as written. Undefined where
 * nothing is replaced.
 */
function codeWithParams(container: any, spec: any, caller: Caller | undefined): CodeWithParams | undefined {
  const fields = ['script', 'command', 'args'] as const;
  const texts = fields.flatMap((f) => (typeof container?.[f] === 'string' ? [container[f] as string] : asArray(container?.[f]).filter((x): x is string => typeof x === 'string')));
  if (!texts.some((t) => t.includes('$('))) return undefined;
  const values = new Map<string, Taken | undefined>();
  const said: string[] = [];
  const replace = (text: unknown, field: string): unknown => {
    if (typeof text !== 'string' || !text.includes('$(')) return text;
    let out = text;
    for (const use of paramUses(text)) {
      if (use.star || use.index !== undefined || use.key !== undefined) continue;
      if (!values.has(use.name)) values.set(use.name, taskValue(spec, caller, use.name, 'value'));
      const taken = values.get(use.name);
      if (taken === undefined || !out.includes(use.text)) continue;
      out = out.split(use.text).join(taken.value);
      said.push(`the ${field}'s ${use.text} is ${takenSaid(taken)}`);
    }
    return out;
  };
  const replaced: any = { ...container };
  for (const f of fields) {
    if (typeof container?.[f] === 'string') replaced[f] = replace(container[f], f);
    else if (Array.isArray(container?.[f])) replaced[f] = container[f].map((x: unknown) => replace(x, f));
  }
  return said.length === 0 ? undefined : { container: replaced, said: [...new Set(said)].join('; ') };
}

/** A container of a task spec: a step (its stepTemplate merged) or sidecar, and where it finds the workspaces not at `/workspace/<name>`. */
interface SpecContainer {
  readonly role: string;
  readonly name: string;
  readonly container: any;
  readonly mounts: Readonly<Record<string, string>>;
  /** Where its files come from (`containerFiles`). */
  readonly files: ContainerFiles;
  /** The directories earlier steps restored Trusted Artifacts into, where this container sees them (read when asked). */
  readonly restored: () => readonly Restored[];
  /** Where its image is a param's value: that value is in `container`. */
  readonly image?: ImageParam;
  /** Its code with the values of its task spec's params in place (read where `container` as written runs nothing of the repository). */
  readonly code?: () => CodeWithParams | undefined;
}

/**
 * `repoCodeOf` a container of a task spec: as written, else with the values of its params in place in its code, the message then
 * naming where each comes from.
 */
function repoCodeOfSpecContainer(c: SpecContainer, names: readonly string[]): ReturnType<typeof repoCodeOf> {
  const found = repoCodeOf(c.container, names, c.mounts, c.restored, c.files, c.image);
  if (found !== undefined || c.code === undefined) return found;
  const code = c.code();
  const more = code === undefined ? undefined : repoCodeOf(code.container, names, c.mounts, c.restored, c.files, c.image);
  return more === undefined || more.property === 'image' ? undefined : { ...more, why: `${more.why} (${code!.said})` };
}

/**
 * The first thing `container` runs of the repository: of its workspaces `names` (mounted at `mounts`), else of a directory an
 * earlier step of its task restored a Trusted Artifact into (`restored`): the artifact a pipeline passes from the task that stored
 * the repository's files (its clone), which the message then names with the step and its `use` argument; or cloned the
 * repository a param names into (`git clone $(params.url) /var/workdir/source`), named with its command line. `restored` is
 * read only where the container runs nothing of its workspaces.
 */
function repoCodeOf(
  container: any, names: readonly string[], mounts: Readonly<Record<string, string>>, restored: () => readonly Restored[], files: ContainerFiles,
  image?: ImageParam,
): (RepoCode & { readonly from?: Restored }) | undefined {
  // (a file of a volume other containers share is read last: what is known to have filled it is told first)
  const { shared, ...known } = files;
  const found = firstRepoCode(container, names, mounts, known);
  if (found !== undefined) return fromParamImage(found, image, container);
  for (const r of restored()) {
    // (the name the reader gives a copy of the repository's files, a file or a directory: no workspace can have it)
    const key = '\u0001';
    const more = firstRepoCode(container, [...names, key], { ...mounts, [key]: r.path }, known);
    if (more === undefined) continue;
    const why = more.why.replace(/a workspace the repository fills/g, 'a directory the repository fills').replace(/a file of a workspace/g, 'a file of the repository');
    const at = r.copy === undefined ? 'there' : `into ${r.copy.from}`;
    const filled = r.artifact !== undefined
      ? `step '${r.step}' restores the Trusted Artifact ${r.artifact} ${at}, \`${r.argument}\`, an artifact an earlier task stored (the source its clone task checked out, or files made from it)`
      : `step '${r.step}' clones the repository a param names ${at}, \`${r.argument}\``;
    return {
      ...more,
      from: r,
      why: r.copy === undefined
        ? `${why} (${r.path} holds the repository's files: ${filled})`
        : `${why} (${r.path} holds the repository's files: step '${r.copy.step}' writes them there from ${r.copy.from}, \`${r.copy.line}\`, and ${filled})`,
    };
  }
  // a file of a volume a step before or a sidecar shares, in a task whose workspaces or restored artifacts bring the repository in
  if (shared === undefined || (names.length === 0 && restored().length === 0)) return undefined;
  const last = firstRepoCode(container, names, mounts, files);
  return last === undefined ? undefined : fromParamImage(last, image, container);
}

/** The task workspaces of a spec and of its bindings. */
function workspaceNames(spec: any, bound: any[]): string[] {
  return [...new Set([...asArray(spec?.workspaces).map((w) => w?.name), ...bound.map((w) => w?.name)].filter((n): n is string => typeof n === 'string'))];
}

/** Where findings of one task spec go: the location prefix and the relaxation target of a container. */
interface At {
  readonly prefix: string;
  readonly target: (c: { role: string; name: string }) => string;
  /** Who runs the task spec, with the params it gives it. */
  readonly caller?: Caller;
}

/**
 * The first thing each of `containers` runs of the repository (its workspaces `others`), one
 * finding per container (a step may run one of several StepActions of its name), at `at`: what
 * it runs, then `said.problem`.
 */
function repoCodeFindings(
  containers: readonly SpecContainer[],
  others: string[],
  at: At,
  said: { readonly problem: string; readonly fix: string },
): Problem[] {
  const reported = new Set<string>();
  return containers.flatMap((c) => {
    const found = repoCodeOfSpecContainer(c, others);
    if (found === undefined || reported.has(`${c.role}/${jsString(c.name)}`)) return [];
    reported.add(`${c.role}/${jsString(c.name)}`);
    return [reasoned({
      location: `${at.prefix}${c.role} '${jsString(c.name)}'`,
      target: at.target(c),
      property: found.property,
      value: found.value,
      problem: `${found.why}, ${said.problem}`,
      fix: said.fix !== REPO_CODE_FIX ? said.fix : found.why.startsWith('runs git config, which stores ') ? gitConfigFix(found.value)
        : found.property === 'mountPath' ? mountPathFix(found.why) : envPathFix(found.why) ?? said.fix,
    }, said.problem)];
  });
}

/** Why a finding is one (the credential it holds, after what it runs), by finding: for findingsMerged. */
const REASONS = new WeakMap<Problem, string>();
function reasoned(p: Problem, reason: string): Problem {
  REASONS.set(p, reason);
  return p;
}

/**
 * The findings with those at one place (location, target, property, value) merged into the first: a step that runs repository
 * code while it holds two credentials (a credentials workspace and creds-init's Secrets, a pod template's Secret) is one
 * finding whose problem names each credential (`…; and …`) and whose fix holds each fix once.
 */
function findingsMerged(found: readonly Problem[]): Problem[] {
  const out: Problem[] = [];
  const at = new Map<string, number>();
  for (const p of found) {
    const key = `${p.location}\u0000${p.target}\u0000${p.property}\u0000${p.value}`;
    const i = at.get(key);
    const reason = REASONS.get(p);
    if (i === undefined || reason === undefined) {
      if (i === undefined) at.set(key, out.length);
      out.push(p);
      continue;
    }
    const first = out[i];
    const fix = p.fix === undefined || first.fix === undefined || first.fix.includes(p.fix) ? first.fix ?? p.fix : `${first.fix} ${p.fix}`;
    out[i] = { ...first, problem: `${first.problem}; and ${reason}`, ...fix === undefined ? {} : { fix } };
  }
  return out;
}

/**
 * The fix of a task holding credentials whose `git config` command stores a setting that makes git run the repository's files: that
 * command to remove, before splitting the task.
 */
/**
 * The fix of a variable set to a path of the repository (`sets PATH to …`, `sets PATH (through the nameref P) to …`, `sets a variable whose name is not
 * known here (PATH, LD_PRELOAD …; through $V), read as PATH, to`, `sets LD_PRELOAD, not exported by the script but by bash where the image's own ENV
 * sets it (…), to`, firstRepoCode's words) or of a program hashed to one
 * (`makes bash run … for curl (hash -p`): point it at the image's own files, else split the task; undefined for another finding.
 */
function envPathFix(why: string): string | undefined {
  const hashed = /^makes bash run \S+ for (\S+) \(hash -p/.exec(why)?.[1];
  if (hashed !== undefined) {
    return `Run ${hashed} from the image's own files (drop \`hash -p\` and BASH_CMDS[${hashed}]), not from a workspace's or a shared volume's, or split the task: `
      + 'run what the repository builds in a task without credentials, and give the task that needs them only what it checks.';
  }
  if (why.startsWith('sets a variable whose name is not known here (')) {
    return 'Write the name of the variable the script sets literally, and set it to the image\'s own directories and files (or leave it unset), not to a '
      + 'workspace\'s or a shared volume\'s, or split the task: run what the repository builds in a task without credentials, and give the task that needs '
      + 'them only what it checks.';
  }
  const name = /^sets ([A-Za-z_][A-Za-z0-9_]*)(?: \(through the nameref [A-Za-z_][A-Za-z0-9_]*\))?(?:, where it is unset(?: or empty)?,)? to /.exec(why.replace(/^(sets \S+), not exported by the script but by bash where the image's own ENV sets it \([^()]*\),/, '$1'))?.[1];
  return name === undefined ? undefined : `Set ${name} to the image's own directories and files (or leave it unset), not to a workspace's or a shared volume's, or split the task: `
    + 'run what the repository builds in a task without credentials, and give the task that needs them only what it checks.';
}

/** The fix of a workspace mounted where the dynamic loader reads (`mounts the workspace 'NAME' at PATH`, firstRepoCode's words). */
function mountPathFix(why: string): string {
  const [, name, path] = /^mounts the workspace '([^']*)' at (\S+?)(?=,| \()/.exec(why) ?? [];
  return `Mount the workspace '${name}' elsewhere than ${path} (leave out its mountPath: Tekton mounts it at /workspace/${name}), or split the task: `
    + 'run what the repository builds in a task without credentials, and give the task that needs them only what it checks.';
}

function gitConfigFix(command: string): string {
  return `Remove ${JSON.stringify(command)} from the script (git then runs only what the task gives it), or split the task: run the git commands that `
    + 'need the credentials in a task of its own that sets nothing of the repository into git\'s configuration.';
}

/** The first thing each container of `spec` runs of the repository, while it holds `credentials`. */
function repoCodeInSpec(spec: any, credentials: string[], bound: any[], context: IRuleContext | undefined, from: any, at: At): Problem[] {
  if (credentials.length === 0 || !isObject(spec)) return [];
  const others = workspaceNames(spec, bound).filter((w) => !credentials.includes(w));
  const held = credentials.map((c) => `'${c}'`).join(', ');
  return repoCodeFindings(containersOfSpec(spec, context, from, at.caller), others, at, {
    problem: `in a task that holds the credentials workspace ${held}: code from the repository can read the credentials`,
    fix: REPO_CODE_FIX,
  });
}

/** The fix of a finding on a task that holds credentials and runs repository code. */
const REPO_CODE_FIX = 'Split the task: build without credentials (e.g. kaniko --no-push writing an OCI layout or tarball to a workspace) and push '
  + 'that from a task of its own that runs no repository code (the library\'s ContainerBuild and ImagePush do).';

/** What a container builder runs, for a message (firstRepoCode's words). */
const BUILDER_RUNS_TEXT = "which runs the build's own instructions (a Dockerfile's RUN lines, buildpack detection and build scripts)";

/**
 * The Secrets a container reads itself: through env, envFrom, or a volume it mounts that holds credentials (volumeCredentials): of its
 * task spec, of a run's pod template, or one neither defines, which only a pod template can give (`volumes` undefined: not known).
 */
function ownSecrets(container: any, volumes: readonly any[] | undefined, templates: readonly TemplateVolume[]): string[] {
  const out: string[] = [];
  for (const e of asArray(container?.env)) {
    const ref = e?.valueFrom?.secretKeyRef;
    if (isObject(ref)) out.push(`the Secret '${jsString(ref.name ?? '')}' in env ${jsString(e?.name ?? '')}`);
  }
  for (const f of asArray(container?.envFrom)) {
    if (isObject(f?.secretRef)) out.push(`the Secret '${jsString(f.secretRef.name ?? '')}' through envFrom`);
  }
  const byName = new Map((volumes ?? []).filter(isObject).map((v) => [v.name, v]));
  for (const { mount: m, said, source } of credentialMounts(container, volumes, templates)) {
    const v = byName.get(m.name);
    if (source !== 'own' || !isObject(v)) {
      out.push(`${said}, mounted at ${jsString(m.mountPath ?? '')}`);
      continue;
    }
    const sources = asArray(v.projected?.sources);
    const secret = isObject(v.secret) ? `the Secret '${jsString(v.secret.secretName ?? '')}'`
      : sources.some((src) => isObject(src?.secret)) ? 'a projected Secret'
        : sources.some((src) => isObject(src?.serviceAccountToken)) ? 'a projected ServiceAccount token'
          : isObject(v.csi) ? `the CSI volume of ${jsString(v.csi.driver ?? '')}` : undefined;
    if (secret !== undefined) out.push(`${secret} mounted at ${jsString(m.mountPath ?? '')}`);
  }
  return out;
}

/**
 * The image a container view takes from params of its task spec: for a whole `$(params.x)`, the value the run in the same manifest
 * fixes (IMAGE_DIGEST's `runValue`: a TaskRun's, a PipelineRun's for its own pipelineSpec, a constant a pipeline task passes), else
 * `imageFromParam`'s reading with the view's caller (a Pipeline's embedded spec: the pipeline's defaults; a Task: its own, which
 * any run may replace); params among the image's text by `imageFromParam` alone. Undefined for a StepAction's param, which the
 * step passes.
 */
function viewImageParam(v: ReturnType<typeof containersOf>[number]): ImageParam | undefined {
  if (v.stepActionParams) return undefined;
  const param = wholeParamName(v.effective?.image);
  const known = param === undefined ? undefined : runValue(v, param);
  if (known !== undefined) {
    return constantImage(known.value)
      ? { written: v.effective.image, value: known.value, takes: `takes the image the run in this manifest fixes (${known.source})` }
      : undefined;
  }
  return imageFromParam(v.effective, { params: v.params }, viewCaller(v));
}

/** Who runs a container view's task spec: a TaskRun (its own taskSpec), a pipeline task (a Pipeline's: its params read with their defaults). */
function viewCaller(v: ReturnType<typeof containersOf>[number]): Caller | undefined {
  if (v.taskRunParams !== undefined) return { by: 'the TaskRun', params: v.taskRunParams };
  const at = v.pipelineTask;
  if (at === undefined || at.customTask || v.controllerParams !== undefined) return undefined;
  return { ...taskCaller(at.task, at.pipelineParams, at.runParams), embedded: true };
}

/**
 * The containers of the task specs a manifest holds (a Task's own, embedded ones) that run
 * repository code while they read a Secret themselves: any file of the repository, a
 * Dockerfile's RUN line or a test, can read the env and the mounted files of its container.
 */
function ownSecretFindings(manifest: any, context: IRuleContext | undefined): Problem[] {
  const specs = taskSpecsOf(manifest);
  const out: Problem[] = [];
  for (const v of containersOf(manifest)) {
    // a step that runs a StepAction is judged on the StepAction (its volumes are the Task's: env only there)
    if (v.role === 'stepTemplate' || !isObject(v.effective) || isObject(v.container?.ref)) continue;
    const secrets = ownSecrets(v.effective, v.volumesKnown ? v.volumes : undefined,
      v.volumesKnown ? podTemplateVolumesOf(manifest, v.specTarget, context?.manifests) : []);
    if (secrets.length === 0) continue;
    const spec = specs.find((e) => v.path.startsWith(`${e.path}.`));
    const workspaces = asArray(spec?.spec?.workspaces).map((w) => w?.name).filter((n): n is string => typeof n === 'string');
    // a step of a task spec's steps sees the Trusted Artifacts the steps before it restored
    const index = spec === undefined ? undefined : new RegExp(`^${literalPattern(spec.path)}\\.steps\\[(\\d+)\\]$`).exec(v.path)?.[1];
    const restored = () => (index === undefined ? [] : restoredBeforeStep(spec?.spec, asArray(spec?.spec?.steps), Number(index)) ?? []);
    const image = viewImageParam(v);
    // (the variables a ConfigMap among the objects checked gives it read, as on a run's or pipeline's path)
    const effective = withConfigMapEnv(v.effective, context, manifest);
    const own: SpecContainer = {
      role: v.role,
      name: '',
      ...withParamImage(effective, image),
      mounts: workspaceMountPaths(spec?.spec, v.container),
      // (a StepAction checked alone: its volumes are its Task's, not known)
      files: containerFiles(v.volumesKnown ? spec?.spec : undefined, asArray(v.effective.volumeMounts), v.container,
        index === undefined ? [] : asArray(spec?.spec?.steps).slice(0, Number(index))),
      restored,
      code: () => codeWithParams(withParamImage(effective, image).container, spec?.spec, viewCaller(v)),
    };
    const found = repoCodeOfSpecContainer(own, workspaces);
    if (found === undefined) continue;
    out.push({
      location: v.location,
      target: v.target,
      property: found.property,
      value: found.value,
      problem: `${found.why}, in a ${v.role} that reads ${secrets[0]}${secrets.length > 1 ? ` (and ${secrets.length - 1} more)` : ''}: code from the repository can read it`,
      fix: found.from !== undefined
        ? `Give the Secret to a step (or task) of its own that runs nothing of ${found.from.path} or of what is written from it (read the `
          + 'files it needs there as data, e.g. with yq or jq, without sourcing or running them), and pass what the build makes to it in '
          + 'the task\'s volume.'
        : 'Give the Secret to a step (or task) of its own that runs no repository code, and pass what the build makes to it through a '
          + 'workspace (the library\'s ContainerBuild and ImagePush do).',
    });
  }
  return out;
}

/** A pipeline task as the rule reads it: the workspaces it receives, those that hold credentials, the task specs it may run. */
interface ReadTask {
  readonly name: string;
  readonly received: ReturnType<typeof receivedWorkspaces>;
  readonly held: string[];
  readonly specs: any[];
  readonly caller: Caller;
  /** Its `taskRef` as written. */
  readonly ref: unknown;
}

/** The first thing a task of `task.specs` runs of the repository that can write the pipeline workspace `workspace`, in words for a message. */
function writesWithRepoCode(task: ReadTask, workspace: string, context: IRuleContext | undefined, from: any): string | undefined {
  const names = task.received.filter((w) => w.pipelineWorkspace === workspace).map((w) => w.taskWorkspace);
  const bound = task.received.map((w) => ({ name: w.taskWorkspace }));
  for (const spec of task.specs) {
    if (!isObject(spec)) continue;
    // a workspace the task declares readOnly is mounted read-only into each of its containers
    const declared = asArray(spec.workspaces).filter(isObject);
    if (names.every((n) => declared.some((d) => d.name === n && d.readOnly === true))) continue;
    const others = workspaceNames(spec, bound).filter((w) => !task.held.includes(w));
    for (const c of containersOfSpec(spec, context, from, task.caller)) {
      const found = repoCodeOfSpecContainer(c, others);
      if (found !== undefined) return `its ${c.role} '${jsString(c.name)}' ${found.why}`;
    }
  }
  return undefined;
}

/** `writesWithRepoCode` of one pipeline, each task and workspace read once. */
type Writes = (writer: ReadTask, workspace: string) => string | undefined;

/**
 * Git run with credentials in a workspace that another task, which runs repository code,
 * mounts writable and may write before it: that code can leave hooks and configuration in
 * the workspace's `.git` (core.fsmonitor, core.hooksPath, core.sshCommand) that git then runs.
 */
function gitFindings(
  task: ReadTask, spec: any, tasks: readonly ReadTask[], order: PipelineOrder, writes: Writes, context: IRuleContext | undefined, from: any,
): Problem[] {
  if (task.held.length === 0 || !isObject(spec)) return [];
  const bound = task.received.map((w) => ({ name: w.taskWorkspace }));
  const others = workspaceNames(spec, bound).filter((w) => !task.held.includes(w));
  const held = task.held.map((c) => `'${c}'`).join(', ');
  const reported = new Set<string>();
  return containersOfSpec(spec, context, from).flatMap((c) => {
    for (const git of gitInWorkspaceOf(c.container, others, c.mounts)) {
      const workspace = task.received.find((w) => w.taskWorkspace === git.workspace)?.pipelineWorkspace ?? git.workspace;
      for (const writer of tasks) {
        if (writer.name === task.name || order.before(task.name, writer.name) || reported.has(`${c.role}/${jsString(c.name)}`)) continue;
        const how = writes(writer, workspace);
        if (how === undefined) continue;
        reported.add(`${c.role}/${jsString(c.name)}`);
        return [{
          location: `task '${jsString(task.name)}' ${c.role} '${jsString(c.name)}'`,
          target: `task/${jsString(task.name)}`,
          property: git.property,
          value: git.value,
          problem: `runs git in the repository of workspace '${git.workspace}' (the pipeline's '${workspace}'), in a task that holds the credentials `
            + `workspace ${held}; task '${jsString(writer.name)}' mounts that workspace writable, may run before it, and ${how}: code from the repository `
            + 'can leave hooks and configuration (core.fsmonitor, core.hooksPath, core.sshCommand) in its .git, which git runs with the credentials',
          fix: `Give task '${jsString(task.name)}' a fresh clone in a workspace that no task running repository code writes, run it before task `
            + `'${jsString(writer.name)}' (runAfter: ['${jsString(task.name)}'] on '${jsString(writer.name)}'), or declare the workspace readOnly in task '${jsString(writer.name)}'.`,
        }];
      }
    }
    return [];
  });
}

/**
 * A run known to run a pipeline spec: a PipelineRun among the objects that refers to a Pipeline, or the child PipelineRun Tekton makes
 * for a pipeline task that runs a pipeline; its `params`, and what it is, for a message (`PipelineLevel.runBy`).
 */
interface KnownRun {
  readonly params: unknown;
  readonly by: string;
}

/** The findings of the pipeline tasks of `pipelineSpec` that receive one of `credentials` (judged with the params of `run`, where given). */
function pipelineFindings(
  pipelineSpec: any, credentials: ReadonlySet<string>, context: IRuleContext | undefined, from: any, run?: KnownRun,
  within: ReadonlySet<any> = new Set(),
): Problem[] {
  if (credentials.size === 0) return [];
  const tasks: ReadTask[] = [...asArray(pipelineSpec?.tasks), ...asArray(pipelineSpec?.finally)].filter(isObject).map((t) => {
    // bound (by the binding's name when it names no pipeline workspace), or propagated to an embedded spec
    const received = receivedWorkspaces(t);
    const held = [...new Set(received.filter((w) => credentials.has(w.pipelineWorkspace)).map((w) => w.taskWorkspace))];
    // a PipelineRun's own pipelineSpec: its params are known
    // (a Pipeline judged with the params of a PipelineRun among the objects that refers to it: `run`)
    const caller = run !== undefined ? taskCaller(t, pipelineSpec?.params, asArray(run.params), run.by)
      : taskCaller(t, pipelineSpec?.params, from?.kind === 'PipelineRun' ? asArray(from.spec?.params) : undefined);
    return { name: jsString(t.name), received, held, specs: taskSpecs(t.taskSpec, t.taskRef, context, from), caller, ref: t.taskRef };
  });
  const order = new PipelineOrder(pipelineSpec);
  const known = new Map<string, string | undefined>();
  const writes: Writes = (writer, workspace) => {
    const key = `${jsString(writer.name)}\0${workspace}`;
    if (!known.has(key)) known.set(key, writesWithRepoCode(writer, workspace, context, from));
    return known.get(key);
  };
  return tasks.flatMap((t) => {
    const bound = t.received.map((w) => ({ name: w.taskWorkspace }));
    const at = { prefix: `task '${jsString(t.name)}' `, target: () => `task/${jsString(t.name)}`, caller: t.caller };
    const found = firstFindings(t.specs, (spec) => repoCodeInSpec(spec, t.held, bound, context, from, at));
    const done = new Set(found.map((p) => p.location));
    const git = firstFindings(t.specs, (spec) => gitFindings(t, spec, tasks, order, writes, context, from)).filter((p) => !done.has(p.location));
    return [...found, ...git, ...remoteBuilderFindings(t)];
  }).concat([...asArray(pipelineSpec?.tasks), ...asArray(pipelineSpec?.finally)].filter(isObject)
    .flatMap((t) => childPipelineFindings(t, pipelineSpec, credentials, context, from, run, new Set([...within, pipelineSpec]))));
}

/**
 * The findings of the pipeline a pipeline task runs (Tekton v1.15's pipelines in pipelines, alpha: `pipelineSpec`, or `pipelineRef` to a
 * Pipeline among the objects), as the child PipelineRun Tekton makes for it runs it (pipelinerun.go `createChildPipelineRun`): with the
 * pipeline task's params, the parent's params in place (its run's values, else its defaults), and the workspaces it binds, a child
 * workspace holding credentials where the parent's workspace it is bound to does; at `task '<pipeline task>' …`.
 */
function childPipelineFindings(
  t: any, parent: any, credentials: ReadonlySet<string>, context: IRuleContext | undefined, from: any, run: KnownRun | undefined,
  within: ReadonlySet<any>,
): Problem[] {
  if (!isObject(t.pipelineSpec) && !isObject(t.pipelineRef)) return [];
  // Tekton's webhook refuses a pipeline task that runs a pipeline unless enable-api-fields is "alpha" (TEKTON_ADMITTED reports it):
  // then no child PipelineRun is ever made
  if (admissionFlags(context?.manifests).apiFields !== 'alpha') return [];
  const specs = isObject(t.pipelineSpec) ? [t.pipelineSpec]
    : context === undefined ? [] : locallyReferenced(context.manifests, t.pipelineRef, 'Pipeline', from).map((m) => m.spec).filter(isObject);
  const children = specs.filter((spec) => !within.has(spec) && within.size < 4);
  if (children.length === 0) return [];
  // (getChildPipelineRunWorkspaces: the binding's `workspace`, else its name, in the parent)
  const held = new Set(asArray(t.workspaces).filter(isObject)
    .filter((w) => credentials.has(typeof w.workspace === 'string' && w.workspace !== '' ? w.workspace : w.name)).map((w) => jsString(w.name)));
  if (held.size === 0) return [];
  const level: PipelineLevel = {
    declared: parent?.params,
    ...run !== undefined ? { run: asArray(run.params), runBy: run.by } : from?.kind === 'PipelineRun' ? { run: asArray(from.spec?.params) } : {},
  };
  // each param the pipeline task passes, with the parent's in place (ApplyParameters runs on the parent's spec first)
  const params = asArray(t.params).filter(isObject).map((p) => {
    if (typeof p.value !== 'string' || constantText(p.value)) return p;
    const at = substituted(p.value, (name) => pipelineValue(level, name));
    return at === undefined ? p : { name: p.name, value: at.value };
  });
  const name = jsString(t.name);
  return children.flatMap((spec) => pipelineFindings(spec, held, context, from, { params, by: `the child PipelineRun of pipeline task '${name}'` },
    new Set([...within, spec])).map((p) => ({ ...p, location: `task '${name}' ${p.location}`, target: `task/${name}/${p.target}` })));
}

/**
 * The container builders of the Tekton catalog's and Konflux's Tasks, by the Task's name (its file's, without `.yaml`): each runs
 * its builder on the repository's build instructions (`buildah`, `buildah-oci-ta`, `buildah-remote`, `kaniko`, `buildkit`,
 * `buildkit-daemonless`, `buildpacks`, `buildpacks-phases`, `s2i-python`, `docker-build`, `img`).
 */
const BUILDER_TASKS: ReadonlyArray<[RegExp, string]> = [
  [/^buildah(?:-.*)?$/, 'buildah'], [/^kaniko(?:-.*)?$/, 'kaniko'], [/^buildkit(?:-.*)?$/, 'BuildKit'], [/^buildpacks(?:-.*)?$/, 'Cloud Native Buildpacks'],
  [/^s2i(?:-.*)?$/, 'source-to-image'], [/^docker-build$/, 'docker build'], [/^img$/, 'img'],
];

/**
 * What a taskRef that a resolver or a bundle resolves names (the content is fetched when the run starts, not known here): the field
 * and its value as written (a resolver's `name` param, hub's, bundles' and cluster's; git's `pathInRepo`; http's `url`; an old
 * `bundle`'s `name`), and the Task's name it gives (the last part of the path, without `.yaml` or `.yml`). Undefined for a local ref.
 */
function remoteTaskName(ref: any): { readonly field: string; readonly value: string; readonly name: string; readonly how: string } | undefined {
  if (!isObject(ref)) return undefined;
  const params = asArray(ref.params).filter(isObject);
  const param = (n: string) => params.find((p) => p.name === n && typeof p.value === 'string')?.value as string | undefined;
  const of = (field: string, value: string | undefined, how: string) => (value === undefined ? undefined
    : { field, value, name: value.replace(/\/+$/, '').replace(/^.*\//, '').replace(/\.ya?ml$/, ''), how });
  if (typeof ref.resolver === 'string') {
    const how = `the ${jsString(ref.resolver)} resolver`;
    return of('taskRef.params[name]', param('name'), how) ?? of('taskRef.params[pathInRepo]', param('pathInRepo'), how) ?? of('taskRef.params[url]', param('url'), how);
  }
  return typeof ref.bundle === 'string' ? of('taskRef.name', typeof ref.name === 'string' ? ref.name : undefined, `the bundle ${jsString(ref.bundle)}`) : undefined;
}

/**
 * A pipeline task that holds credentials and runs, through a resolver or a bundle, a Task whose content is not known here but whose
 * name is that of a container builder Task of the catalog or of Konflux (`kaniko`, `buildah` …): such a Task builds the repository's
 * Dockerfile in its step. Another Task reached so is not judged (its content is not known: most hold no builder, `git-clone`).
 */
function remoteBuilderFindings(
  task: Pick<ReadTask, 'held' | 'specs' | 'ref'> & { readonly name?: string; readonly caller?: Caller }, said?: { readonly problem: string; readonly fix: string },
): Problem[] {
  if ((task.held.length === 0 && said === undefined) || task.specs.some(isObject)) return [];
  const written = remoteTaskName(task.ref);
  // a pipeline's params in the value (Tekton substitutes them into a pipeline task's taskRef params): the PipelineRun's value, else the
  // default; a TaskRun's own params in its taskRef's (taskrun/resources/taskref.go: the run's values alone, the Task not known yet)
  const caller = task.caller;
  const value = (p: string): Taken | null | undefined => {
    if (caller?.pipeline !== undefined) return pipelineValue(caller.pipeline, p);
    const given = namedParam(caller?.params, p);
    return given !== undefined && constantText(given.value) ? { value: given.value, clause: `the value ${caller!.by} passes for "${p}", ${JSON.stringify(given.value)}` } : undefined;
  };
  const at = written === undefined || !written.value.includes('$(') || caller === undefined ? undefined : substituted(written.value, value);
  const remote = at === undefined || written === undefined ? written
    : { ...written, name: at.value.replace(/\/+$/, '').replace(/^.*\//, '').replace(/\.ya?ml$/, '') };
  const where = at === undefined ? '' : ` (${JSON.stringify(at.value)}, where ${piecesSaid(at)})`;
  const builder = remote === undefined ? undefined : BUILDER_TASKS.find(([re]) => re.test(remote.name))?.[1];
  if (remote === undefined || builder === undefined) return [];
  // (a TaskRun's: the whole run, its steps not known)
  const reason = said?.problem ?? `in a task that holds the credentials workspace ${task.held.map((c) => `'${c}'`).join(', ')}: code from the repository can read the credentials`;
  return [reasoned({
    ...task.name === undefined ? {} : { location: `task '${task.name}'`, target: `task/${task.name}` },
    property: task.name === undefined ? `spec.${remote.field}` : remote.field,
    value: remote.value,
    problem: `runs the Task ${remote.name}${where}, which ${remote.how} fetches when the run starts (its content is not known here): a Task of that name in the `
      + `Tekton catalog and in Konflux runs ${builder}, a container builder, ${BUILDER_RUNS_TEXT}, `
      + reason,
    fix: said?.fix ?? REPO_CODE_FIX,
  }, reason)];
}

/** The PipelineRuns of a set that may run each Pipeline of it by their local `pipelineRef`, in the set's order: found once per set. */
function runsOfPipelines(manifests: readonly any[]): ReadonlyMap<any, readonly any[]> {
  return oncePerSet(RUNS_OF_PIPELINES, manifests, 'runs', () => {
    const out = new Map<any, any[]>();
    for (const m of manifests) {
      if (m?.kind !== 'PipelineRun' || !isObject(m.spec?.pipelineRef)) continue;
      for (const pipeline of new Set(locallyReferenced(manifests, m.spec.pipelineRef, 'Pipeline', m))) out.set(pipeline, [...out.get(pipeline) ?? [], m]);
    }
    return out;
  });
}
const RUNS_OF_PIPELINES = new WeakMap<readonly any[], Map<string, ReadonlyMap<any, readonly any[]>>>();

/**
 * A Pipeline's findings as the PipelineRuns among the objects that refer to it (`pipelineRef` by name, in its namespace) run it: each
 * run's params in place of the pipeline's defaults (`pipelineFindings` with the run), with the credentials workspaces that run binds to
 * a Secret (and those the library declares); a container already reported (`reported`: by the pipeline's defaults or an earlier run)
 * is not reported again.
 */
function runFindings(pipeline: any, credentials: readonly string[], reported: readonly Problem[], context: IRuleContext | undefined): Problem[] {
  if (context === undefined) return [];
  const all = runsOfPipelines(context.manifests).get(pipeline) ?? [];
  const runs = all.filter((m) => asArray(m.spec?.params).length > 0);
  if (runs.length === 0) return [];
  const secretsOf = (run: any) => asArray(run.spec?.workspaces).filter(isObject).filter(bindsSecret).map((w) => jsString(w.name));
  // (the workspaces no run binds to a Secret: those the library declares as credentials)
  const anyRun = new Set(all.flatMap(secretsOf));
  const declared = credentials.filter((w) => !anyRun.has(w));
  const seen = new Set(reported.map((p) => `${p.location}\u0000${p.property}`));
  const out: Problem[] = [];
  for (const run of runs) {
    const name = jsString(run.metadata?.name ?? run.metadata?.generateName ?? '');
    const found = pipelineFindings(pipeline.spec, new Set([...declared, ...secretsOf(run)]), context, pipeline, { params: run.spec.params, by: `PipelineRun '${name}'` });
    for (const p of found) {
      const key = `${p.location}\u0000${p.property}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(p);
    }
  }
  return out;
}

/**
 * Of the ServiceAccounts a task may run as (several when config-defaults checked together disagree on the default), the first
 * whose Secrets creds-init takes (`credsInitSecrets`), with them; undefined when none has any.
 */
function credsInitAccount(run: any, pipelineTask: string | undefined, manifests: readonly any[]): CredsInit | undefined {
  for (const account of taskServiceAccounts(run, pipelineTask, manifests)) {
    const secrets = credsInitSecrets(account, run, manifests);
    // a default account only some readings of a Tekton operator's config-defaults give: named with the reading
    if (secrets.length > 0) {
      const tokensLeftOut = legacyTokensLeftOut(account, run, manifests);
      return { account, secrets, reading: defaultAccountReading(run, pipelineTask, account, manifests), tokensLeftOut };
    }
  }
  return undefined;
}

/** The annotations creds-init reads, for the rule's text: `tekton.dev/docker-*`, `tekton.dev/git-*`. */
const DOCKER_ANNOTATIONS = `${TEKTON_DOCKER_CREDENTIAL_PREFIX}*`;
const GIT_ANNOTATIONS = `${TEKTON_GIT_CREDENTIAL_PREFIX}*`;

/** The fix of a creds-init finding, with where creds-init is turned off (`off`); for a Secret a Shipwright BuildRun links to the account, that BuildRun's. */
function credsInitFix(off: string, secret?: CredsInitSecret, account?: string): string {
  if (secret?.linkedBy !== undefined) {
    return `Run ${secret.linkedBy.replace(/ \(.*\)$/, '')} as a ServiceAccount of its own (spec.serviceAccount: ".generate": Shipwright creates one for `
      + `the run and deletes it, with the pushSecret, after it) and remove the Secret '${jsString(secret.name)}' from the \`secrets:\` of ServiceAccount `
      + `'${jsString(account ?? '')}', where Shipwright left it, or turn creds-init off: ${off}`;
  }
  return 'Bind the credential to a workspace of the one trusted task that needs it (the kubelet mounts it: no `secrets:` entry or RBAC '
    + "grant is needed) and remove it from the ServiceAccount's `secrets:` (in the library: do not call grantRead for it; allowChainsToPush lists a "
    + `registry Secret for Chains under \`imagePullSecrets:\`, which creds-init does not read), or turn creds-init off: ${off}`;
}
const FLAGS_OFF = '`disable-creds-init: "true"` in Tekton\'s feature-flags (TektonFeatureFlags writes it).';

/** The ServiceAccount a task runs as, and the Secrets creds-init takes from it. */
interface CredsInit {
  readonly account: string;
  readonly secrets: readonly CredsInitSecret[];
  /** When the account is a default only some readings of a Tekton operator's config-defaults give: the first of them. */
  readonly reading?: string;
  /** The token Secrets of the account it lists that are not among the objects, which creds-init is taken not to take (`legacyTokensLeftOut`). */
  readonly tokensLeftOut?: readonly string[];
}

/** The first thing each step of `spec` runs of the repository, while creds-init gives it the Secrets of `given`. */
function credsInitInSpec(
  spec: any, held: string[], bound: any[], given: CredsInit, context: IRuleContext, from: any, at: At, off: string,
): Problem[] {
  if (!isObject(spec)) return [];
  const others = workspaceNames(spec, bound).filter((w) => !held.includes(w));
  // creds-init mounts into the steps only (sidecars get none of its volumes)
  return repoCodeFindings(containersOfSpec(spec, context, from, at.caller).filter((c) => c.role === 'step'), others, at, credsInitSaid(given, off));
}

/** The problem (after what a step runs) and the fix of a creds-init finding (`each`: of a Task whose steps are not known). */
function credsInitSaid(given: CredsInit, off: string, each = false): { readonly problem: string; readonly fix: string } {
  const { account, secrets, reading, tokensLeftOut } = given;
  const [first] = secrets;
  const more = secrets.length > 1 ? ` (and ${secrets.length - 1} more)` : '';
  const listed = `${inConfigDefaultsReading(`the task runs as ServiceAccount '${account}'`, { reading })}${accountHolds(first)}`;
  const what = first.known !== undefined
    ? `${listed} (${first.known.type})${more}: Tekton's creds-init mounts it into every step and writes it into this step's home directory `
      + `(${first.known.writes}), where code from the repository can read it`
    : `${listed}${more}, which is not among the objects checked: if it is a registry Secret, or a basic-auth or SSH Secret with the `
      + "`tekton.dev/…` annotation creds-init reads, Tekton's creds-init mounts it into every step and writes it into this step's home "
      + 'directory, where code from the repository may read it';
  const left = tokensLeftOut === undefined || tokensLeftOut.length === 0 ? '' : `; its \`secrets:\` also list ${tokensLeftOut.map((n) => `'${jsString(n)}'`).join(', ')}, `
    + 'not among the objects checked, left out: that is the name Kubernetes\' token controller gives the account\'s '
    + 'kubernetes.io/service-account-token Secret, which creds-init does not take, and no other Secret has it while that one exists '
    + '(one of that name among the objects is read by its type)';
  const problem = `while ${what}${left}`;
  return { problem: each ? problem.replace("this step's home directory", "each step's home directory") : problem, fix: credsInitFix(off, first, account) };
}

/**
 * The steps of a run's tasks that run repository code while Tekton's creds-init gives them the
 * Secrets of the ServiceAccount the task runs as: unless the feature-flags checked with the run
 * turn creds-init off (those a Tekton operator's TektonConfig or TektonPipeline writes, which
 * the operator makes the ConfigMap it manages say, else a feature-flags ConfigMap).
 */
function credsInitFindings(run: any, context: IRuleContext | undefined): Problem[] {
  if (context === undefined) return [];
  const operator = operatorFlagsOf(context.manifests);
  if (operator !== undefined) {
    if (disablesCredsInit(operator.read)) return [];
    return credsInitOn(run, context, `\`disable-creds-init: true\` under ${operator.prefix} of ${jsString(operator.name)}, whose feature-flags the operator writes.`);
  }
  // of several feature-flags, the one that leaves creds-init on
  if (disablesCredsInit(featureFlagsConfigMap(context.manifests, (read) => disablesCredsInit(read) ? 0 : 1)?.read)) return [];
  return credsInitOn(run, context, FLAGS_OFF);
}

/** Where the findings of a TaskRun's own task go: targets `<role>/<name>` without a prefix, the TaskRun's params as the caller's. */
function taskRunPlace(run: any) {
  return { prefix: '', target: (c: { role: string; name: string }) => `${c.role}/${jsString(c.name)}`, caller: { by: 'the TaskRun', params: run.spec?.params } };
}

/** A pipeline a run runs, and the pipeline workspaces that hold credentials there. */
interface RunPipeline { readonly spec: any; readonly credentials: Set<string> }

/**
 * The pipelines a PipelineRun runs: its embedded spec, else every Pipeline its local pipelineRef may name, each with the pipeline
 * workspaces that hold credentials (the run's Secret bindings, and the Pipeline's own credential workspaces).
 */
function runPipelines(run: any, context: IRuleContext | undefined, secretBindings: readonly string[]): RunPipeline[] {
  if (isObject(run?.spec?.pipelineSpec)) return [{ spec: run.spec.pipelineSpec, credentials: new Set(secretBindings) }];
  if (context === undefined) return [];
  return locallyReferenced(context.manifests, run?.spec?.pipelineRef, 'Pipeline', run)
    .map((p) => ({ spec: p.spec, credentials: new Set([...secretBindings, ...context.credentialWorkspaces(p)]) }));
}

/** The steps of a run's tasks that run repository code while creds-init is on. */
function credsInitOn(run: any, context: IRuleContext, off: string): Problem[] {
  return eachRunTask(run, context, (t) => {
    const given = credsInitAccount(run, t.pipelineTask, context.manifests);
    if (given === undefined) return [];
    const own = firstFindings(t.specs(), (spec) => credsInitInSpec(spec, t.held, t.bound, given, context, run, t.at, off));
    // a container builder Task a resolver or bundle fetches
    return own.length > 0 ? own
      : remoteBuilderFindings({ name: t.name, held: [], specs: t.specs(), ref: t.ref, caller: t.at.caller }, credsInitSaid(given, off, true));
  });
}

/** A task a run runs: a TaskRun's own, or each pipeline task (and finally task) of each pipeline a PipelineRun runs. */
interface RunTask {
  /** The pipeline task's name (jsString); undefined for a TaskRun's own task. */
  readonly name?: string;
  /** The pipeline task's `name` as written; undefined for a TaskRun's own task. */
  readonly pipelineTask?: any;
  /** The task specs it may run (taskSpecs), read when first asked for. */
  readonly specs: () => any[];
  /** Its workspaces that hold credentials (a TaskRun's Secret bindings, the task workspaces given a pipeline's credentials workspace). */
  readonly held: string[];
  /** The workspaces the run or pipeline task binds, by task workspace name. */
  readonly bound: any[];
  readonly at: At;
  readonly ref: any;
}

/** The tasks of a run (RunTask), read once per run and context: its pipelines (runPipelines) and their task specs (taskSpecs). */
function runTasks(run: any, context: IRuleContext | undefined): readonly RunTask[] {
  if (context === undefined) return readRunTasks(run, context);
  let byRun = RUN_TASKS.get(context);
  if (byRun === undefined) RUN_TASKS.set(context, byRun = new WeakMap());
  let found = byRun.get(run);
  if (found === undefined) byRun.set(run, found = readRunTasks(run, context));
  return found;
}
const RUN_TASKS = new WeakMap<IRuleContext, WeakMap<object, readonly RunTask[]>>();

function readRunTasks(run: any, context: IRuleContext | undefined): readonly RunTask[] {
  const bindings = asArray(run?.spec?.workspaces).filter(isObject);
  const secretBindings = bindings.filter(bindsSecret).map((w) => jsString(w.name));
  if (run?.kind === 'TaskRun') {
    const at = taskRunPlace(run);
    const specs = once(() => taskSpecs(run.spec?.taskSpec, run.spec?.taskRef, context, run));
    return [{ specs, held: secretBindings, bound: bindings, at, ref: run.spec?.taskRef }];
  }
  const out: RunTask[] = [];
  for (const pipeline of runPipelines(run, context, secretBindings)) {
    for (const t of [...asArray(pipeline.spec?.tasks), ...asArray(pipeline.spec?.finally)].filter(isObject)) {
      const name = jsString(t.name);
      const received = receivedWorkspaces(t);
      const held = [...new Set(received.filter((w) => pipeline.credentials.has(w.pipelineWorkspace)).map((w) => w.taskWorkspace))];
      const bound = received.map((w) => ({ name: w.taskWorkspace }));
      const at = { prefix: `task '${name}' `, target: () => `task/${name}`, caller: taskCaller(t, pipeline.spec?.params, asArray(run?.spec?.params)) };
      out.push({ name, pipelineTask: t.name, specs: once(() => taskSpecs(t.taskSpec, t.taskRef, context, run)), held, bound, at, ref: t.taskRef });
    }
  }
  return out;
}

/** `read` called once, when first asked for. */
function once<T>(read: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = read();
      done = true;
    }
    return value;
  };
}

/**
 * What `visit` finds in each task of a run (runTasks): a TaskRun's as found; a PipelineRun's, of a container found for several
 * tasks (a pipeline task of the same name in two pipelines its pipelineRef may name), the first.
 */
function eachRunTask(run: any, context: IRuleContext | undefined, visit: (task: RunTask) => Problem[]): Problem[] {
  const tasks = runTasks(run, context);
  if (run?.kind === 'TaskRun') return visit(tasks[0]);
  const out = new Map<string, Problem>();
  for (const t of tasks) for (const p of visit(t)) if (!out.has(p.location!)) out.set(p.location!, p);
  return [...out.values()];
}

/** Why a run's pod mounts its ServiceAccount token on purpose: the relaxation of RUN_TOKEN_AUTOMOUNT that covers it, as its record line. */
type TokenRecord = string;

/**
 * The pods of a run that mount a ServiceAccount token on purpose: where RUN_TOKEN_AUTOMOUNT finds a
 * token mounted and a relaxation of it for the run covers that finding (an API grant's record, a
 * relaxation annotation), by pipeline task (`task/<name>`), and for a finding of the whole run (its
 * run-wide pod template, a workspace it binds) under `*`. A token mounted by default is no entry:
 * RUN_TOKEN_AUTOMOUNT reports it, and its fix removes the token.
 */
function relaxedTokens(run: any, context: IRuleContext | undefined): Map<string, TokenRecord> {
  const out = new Map<string, TokenRecord>();
  const relaxations = relaxationsOf(context, run, RuleId.RUN_TOKEN_AUTOMOUNT);
  if (relaxations.length === 0) return out;
  for (const f of tokenMounts(run, context)) {
    const r = coveringRelaxation({ rule: RuleId.RUN_TOKEN_AUTOMOUNT, target: f.target }, relaxations);
    if (r === undefined) continue;
    const pod = f.target === undefined ? '*' : /^task\/[^/]+/.exec(f.target)?.[0] ?? '*';
    // a run-wide `automountServiceAccountToken` a task's own pod template sets to false does not reach that task
    const key = pod === '*' && f.property.endsWith('.automountServiceAccountToken') ? '*automount' : pod;
    if (!out.has(key)) out.set(key, `${r.target ?? '*'}: ${jsString(r.reason)}`);
  }
  return out;
}

/** The record that mounts the token of pipeline task `task`'s pod (undefined for a TaskRun's pod) on purpose, if any. */
function tokenRecordOf(tokens: ReadonlyMap<string, TokenRecord>, run: any, task: string | undefined): TokenRecord | undefined {
  const own = task === undefined ? undefined : tokens.get(`task/${task}`);
  if (own !== undefined) return own;
  if (tokens.has('*automount')) {
    const off = podTemplatesOf(run).some((p) => p.perTask && p.target === `task/${task}` && p.template?.automountServiceAccountToken === false);
    if (task === undefined || !off) return tokens.get('*automount');
  }
  return tokens.get('*');
}

/** The problem and fix of a container that runs repository code in a pod whose token `record` mounts on purpose. */
function tokenSaid(record: TokenRecord, task: string | undefined): { readonly problem: string; readonly fix: string } {
  return {
    problem: `in a pod whose ServiceAccount token is mounted on purpose (RUN_TOKEN_AUTOMOUNT is relaxed for it: "${record}"): code from the `
      + 'repository can read the token and call the Kubernetes API with everything the ServiceAccount may do',
    fix: task !== undefined
      ? 'Mount the token only in a separate pipeline task that runs no repository code (with the library: pipeline.addTask({ task: applyTask })'
        + '.grantApi(...); in YAML: a taskRunSpecs entry for that task whose podTemplate sets automountServiceAccountToken: true, and a '
        + 'RUN_TOKEN_AUTOMOUNT relaxation for task/<that task>), pass it what it needs through a workspace or results, and take the token off '
        + `task '${task}' (its grant; in YAML, its automountServiceAccountToken: true and the RUN_TOKEN_AUTOMOUNT relaxation that covers it).`
      : 'Call the API from a run of its own that runs no repository code, and mount no token in this one (podTemplate.automountServiceAccountToken: '
        + 'false, without the RUN_TOKEN_AUTOMOUNT relaxation).',
  };
}

/** The first thing each step and sidecar of `spec` runs of the repository (its workspaces but `held`), its pod's token mounted on purpose. */
function tokenInSpec(
  spec: any, held: string[], bound: any[], said: { readonly problem: string; readonly fix: string },
  context: IRuleContext | undefined, from: any, at: At,
): Problem[] {
  if (!isObject(spec)) return [];
  return repoCodeFindings(containersOfSpec(spec, context, from, at.caller), workspaceNames(spec, bound).filter((w) => !held.includes(w)), at, said);
}

/**
 * The containers of a run's tasks that run repository code in a pod whose ServiceAccount token is
 * mounted on purpose (relaxedTokens): every container of the pod holds the token, steps and sidecars.
 */
function tokenFindings(run: any, context: IRuleContext | undefined): Problem[] {
  const tokens = relaxedTokens(run, context);
  if (tokens.size === 0) return [];
  return eachRunTask(run, context, (t) => {
    const record = tokenRecordOf(tokens, run, t.name);
    if (record === undefined) return [];
    return firstFindings(t.specs(), (spec) => tokenInSpec(spec, t.held, t.bound, tokenSaid(record, t.name), context, run, t.at));
  });
}

/** What a step reads of Secrets through the env of its run's pod template, and the fix in the run's terms. */
function podEnvSaid(env: readonly PodTemplateEnvVar[], task: string | undefined): { readonly problem: string; readonly fix: string } | undefined {
  const secrets = env.filter((e) => isObject(e.entry?.valueFrom?.secretKeyRef));
  if (secrets.length === 0) return undefined;
  const first = secrets[0];
  const byDefault = first.configDefaults !== undefined;
  const field = byDefault ? `${configDefaultsObjectName(first.configDefaults)} ${first.from.path}.env`
    : `${first.from.location === undefined ? '' : `${first.from.location} `}${first.from.path}.env`;
  const whose = byDefault ? "config-defaults' default pod template" : first.from.location === undefined ? "the run's pod template" : `the pod template of ${first.from.location}`;
  const adds = byDefault ? "which Tekton merges under every run's pod template and adds to every step of each task's pod" : "which Tekton adds to every step of the task's pod";
  const out = `Take ${jsString(first.name)} out of ${field} `;
  return {
    problem: `in a step that reads the Secret '${jsString(first.entry.valueFrom.secretKeyRef.name ?? '')}' through ${whose} env `
      + `${jsString(first.name)} (${field}, ${adds}, over a step's own env of that name)`
      + `${secrets.length > 1 ? ` (and ${secrets.length - 1} more)` : ''}: code from the repository can read it`,
    fix: task === undefined
      ? `${out}and give the Secret to a run of its own that runs no repository code (in its task's `
        + 'own step env), passing what the build makes to it through a workspace.'
      : `${out}and give the Secret only to a pipeline task of its own that runs no repository code `
        + `(a taskRunSpecs entry for it whose podTemplate.env sets ${jsString(first.name)}, or that task's own step env), passing what task `
        + `'${task}' makes to it through a workspace.`,
  };
}

/**
 * The steps of a run's tasks that run repository code while the env of the run's pod template
 * (run-wide, or the task's taskRunSpecs one) gives them a Secret: Tekton appends that env to every
 * step container (pod.go), after the step's own, so that it wins; sidecars get none of it.
 */
function podEnvFindings(run: any, context: IRuleContext | undefined): Problem[] {
  const steps = (spec: any, at: At) => containersOfSpec(spec, context, run, at.caller).filter((c) => c.role === 'step');
  const defaults = context === undefined ? [] : configDefaultsEnv(context.manifests).env;
  const secret = (e: any) => isObject(e?.valueFrom?.secretKeyRef);
  if (run?.kind === 'PipelineRun' && !defaults.some((e) => secret(e.entry)) && !podTemplatesOf(run).some((v) => asArray(v.template?.env).some(secret))) return [];
  return eachRunTask(run, context, (t) => {
    const said = podEnvSaid(runPodTemplateEnv(run, t.name, context?.manifests), t.name);
    if (said === undefined) return [];
    return firstFindings(t.specs(), (spec) => (!isObject(spec) ? []
      : repoCodeFindings(steps(spec, t.at), workspaceNames(spec, t.bound).filter((w) => !t.held.includes(w)), t.at, said)));
  });
}

/**
 * A task that holds a credentials workspace runs no code from the repository it
 * builds: no container builder, no language build tool, no script from a
 * workspace. Which workspaces carry credentials is decided as CREDENTIALS_TRUSTED_TASK
 * decides it (the library's model and the runs that bind them, never annotations).
 * Nor does a step of a run whose ServiceAccount lists under `secrets:` a Secret that
 * Tekton's creds-init writes into every step, nor a container of a pod whose
 * ServiceAccount token the run mounts on purpose (an API grant, a relaxation of
 * RUN_TOKEN_AUTOMOUNT), nor a step a Secret reaches through the env of its
 * run's pod template. Nor does a step, or a later pipeline task, run the
 * repository's code where an earlier step left a credential in a workspace or a
 * volume of the task (a remote URL with `user:secret@` in `.git/config`, a token
 * written to `.npmrc`, a registry login's auth file): persisted-credentials.ts.
 */
export const CREDENTIALS_WITH_REPO_CODE = followingLoops(
  {
    id: RuleId.CREDENTIALS_WITH_REPO_CODE,
    severity: Severity.HIGH,
    title: 'A task that holds a credentials workspace, a container that reads a Secret, a step creds-init gives Secrets to, and a pod that mounts its '
      + 'ServiceAccount token on purpose, run no code from the repository it builds',
    rationale:
      "A Dockerfile's RUN lines, a Makefile, npm's install scripts, go generate, a test: the repository decides what they do, "
      + 'and they run with every file of the task in reach. Trusting the task (CREDENTIALS_TRUSTED_TASK) does not make the '
      + 'repository trusted: a push task that also builds hands the registry credentials to whoever can change the Dockerfile. '
      + "Tekton's creds-init, on unless `disable-creds-init` is \"true\", does the same for every step of a run: it mounts the "
      + "registry Secrets (and the basic-auth and SSH ones annotated for it) listed under the run's ServiceAccount's `secrets:` into "
      + 'each one and writes them into its home directory (~/.docker/config.json, ~/.ssh, ~/.git-credentials), whatever task the '
      + 'credential was meant for. An API grant does it with the ServiceAccount token: it mounts the token into every container of the '
      + "task's pod, where the repository's code reads it and calls the Kubernetes API with all the ServiceAccount may do.",
    fix: 'Split the task: build without credentials (kaniko --no-push writing an OCI layout or tarball to a workspace) and push it from a task of its own that runs no repository code. '
      + "For creds-init: bind the credential to the trusted task's workspace instead of listing it under the ServiceAccount's `secrets:` "
      + '(do not call grantRead), or set `disable-creds-init: "true"`. For an API grant: give it to a pipeline task of its own that runs '
      + 'no repository code (pipeline.addTask({ task: applyTask }).grantApi(...)).',
    decidesFrom:
      'For each pipeline task of a Pipeline (or of a PipelineRun\'s embedded pipelineSpec) that receives a credentials '
      + 'workspace (decided as CREDENTIALS_TRUSTED_TASK decides it), and for a TaskRun that binds one, the steps and sidecars '
      + 'of the task it runs: its embedded `taskSpec`, or the Task its local `taskRef` names among the objects checked '
      + 'together (same namespace), with the stepTemplate under each step and the StepAction a step refers to in its place. '
      + 'A container runs repository code when its image repository is a container builder (kaniko, buildah, BuildKit, img, '
      + 'Cloud Native Buildpacks, source-to-image; but not where its `command` (its `args` after it) replaces the image\'s entrypoint '
      + 'with a buildah, podman or docker subcommand that builds nothing and runs no container, written right after the program: '
      + '`push`, `tag`, `images`, `login`, `logout`, `pull`, `rmi`, `inspect`, `version`, `info`, `manifest`, which is read as the '
      + 'command it is; nor, for buildah, where a shell script replaces it that runs buildah, podman and docker only so, in each '
      + 'command and command substitution, and no program that would run them (`sudo buildah bud`), no shell, `eval`, `source` or `alias` '
      + 'and no program a variable gives, as a step that only logs in or pushes a manifest list writes it, whose script is read as in '
      + 'any image); an image that is exactly `$(params.<name>)` (`$(params["<name>"])`, '
      + '`$(params[\'<name>\'])`, v1alpha1 `$(inputs.params.<name>)`), as the catalog\'s kaniko Task writes `$(params.BUILDER_IMAGE)`, '
      + 'is read as the image Tekton puts there: the constant its caller passes, a pipeline task\'s or a TaskRun\'s `params` (the value '
      + 'a run in the same manifest fixes, for a spec it embeds); a pipeline task\'s value with its pipeline\'s params in place '
      + '(`$(params.builder)`, `$(params.registry)/kaniko-project/executor:v1.9`: the PipelineRun\'s value where the run is known, a '
      + 'PipelineRun of its own pipelineSpec or one the creds-init and token findings follow, else the pipeline\'s default, which the '
      + 'message names as one a PipelineRun may replace); where the pipeline task passes none and the spec is embedded in it, a '
      + 'PipelineRun\'s param of that name (declared by the pipeline or not), else the pipeline\'s default of it, which Tekton puts in '
      + 'place of the task\'s own (pipelinerun/resources/apply.go `propagateParams`, Tekton v1.15); else the param\'s default, which '
      + 'the message names as one a caller may replace; an image with such params among other text (`$(params.REGISTRY)/kaniko-project/'
      + 'executor:v1.9`) is read with each value in place, the same way; a value that is no constant, a param a `matrix` gives, a param '
      + 'with no default, an element or key of an array or object param, and another substitution left in the image are not read as '
      + 'any image, so only the image as written, its command, args and script count), or its command and args, or a simple command of its script '
      + '(where they run nothing of the repository as written, read again with the value of each `$(params.<name>)` in them in place, as Tekton writes '
      + 'it before the shell reads it, the value taken as an image\'s is above, `script: $(params.buildCommand)` with the pipeline\'s default `go build -v .`; '
      + 'a value not known, an array\'s elements and an object\'s keys left as written; in a StepAction, its own params with the value its step passes, else its default, as for its image) (split at '
      + 'newlines, `;`, `&&`, `||`, `|`, `&` outside quotes, past reserved words such as `if !`, `function NAME` and `coproc`, '
      + 'not a case\'s patterns, through wrappers such as `env` (`env -C DIR` runs it in DIR), `timeout`, `strace`, `ltrace`, `valgrind`, '
      + '`perf stat`/`record`/`trace`, `fakeroot`, `faketime` (and the program its `--date-prog` names), `numactl`, `prlimit`, `catchsegv`, `firejail`, `bwrap` (`--chdir DIR` runs it in DIR, which under a directory it binds is that of the bind\'s source; '
      + 'a workspace it mounts over `/`, `/usr`, `/bin`, `/sbin`, `/lib…`, `/etc` or `/opt` makes the programs it runs there the repository\'s), '
      + '`ssh-agent` and `dbus-run-session`, each past its options and their values as its own option grammar reads them (option groups, '
      + 'long-option prefixes: `timeout --kill 5 10m make`; an option it does not know read as taking the next argument and as not, each '
      + 'program that makes possible judged), into the code of `sh -c` (its options read as the '
      + 'shell reads them: `sh -c -e CODE`, `sh -c -- CODE`), of `eval` and of a `trap`, the code a shell reads as its '
      + 'input (a heredoc or here-string, a file redirected with `<`, what the commands piped to it print) or as a file (a file the '
      + 'script wrote before from a file of a workspace is the repository\'s: a copy `cp`, `mv`, `install`, `ln` or `rsync` makes, '
      + 'any path under a directory copied into, what a program that prints such a file writes through `>`, `>>`, `tee`, `sponge` '
      + 'or `dd of=`, run, sourced or named by `BASH_ENV` or `ENV`: `cp ci.sh /tmp/x; sh /tmp/x`; so is what an archiver or git '
      + 'extracts or checks out of the repository: GNU tar 1.34 and bsdtar extracting (`x`, `--extract`, or an abbreviation getopt takes: `--ext`, `--ge`) an archive of a workspace, or '
      + 'their input where a command that prints a file of a workspace pipes it (`tar -c . | tar -x -C /tmp/w`, `tar -cf - -C '
      + '$(workspaces.src.path) . | tar -xf - -C /w`, `git archive HEAD | tar -x -C /tmp/w`), into the directory of `-C` (`--directory`, `--dir`, bsdtar\'s `--cd`) or GNU tar\'s `--one-top-level=DIR` '
      + 'or the one a `cd` names plainly, GNU cpio\'s `-p` (`find . | cpio -pdm /tmp/w`) and `-i` (`-D`), Info-ZIP unzip of an archive '
      + 'of a workspace (`-d`), `git worktree add PATH`, `git --work-tree=DIR` with a command that checks files out (`checkout`, `reset`, '
      + '`restore` …), `git checkout-index --prefix=DIR/`, `git pull` or `git fetch` of a workspace\'s repository (a path, not a remote\'s name) into the one `-C` names (a fetch counted as written, whether or not a `checkout FETCH_HEAD` follows), `GIT_WORK_TREE` and `GIT_DIR` in git\'s environment as `--work-tree` and `--git-dir` (a bare `checkout` writes nothing), 7-Zip\'s `x` and `e` of an archive of a workspace (`-oDIR`), `git archive -o FILE` in a repository of a workspace and `git clone` of one '
      + '(a path or `file://` URL); a `cd` into such a copy (also through a known `CDPATH`, `CDPATH=/; cd w`, whose first directory holding a copy is taken) makes what runs there by a relative path the repository\'s (`cp -r '
      + '$(workspaces.src.path) /w; cd /w; ./build.sh`); so is `git clone` of the repository a Tekton param or result names '
      + '(`git clone $(params.url) /w/src`: a clone task\'s repository), and, for the steps after it that mount the same volume (the '
      + 'part a subPath holds; at their own mount path; Tekton\'s `/workspace` and `/tekton/home` emptyDirs, which every step mounts '
      + 'where it mounts nothing there, included; a path in a workspace being the workspace\'s), a directory of a volume of the task that a step fills with the repository: '
      + 'one a Trusted Artifacts step restores (konflux-ci/build-trusted-artifacts: its image given `use <artifact>=<path>` … as args, '
      + 'or `use-archive` as its command, entrypoint.sh and use-oci.sh: the artifact before the first `=`, the destination after the '
      + 'last, a relative one from the step\'s `workingDir`, no pair restored when a word is an option and none without an artifact; '
      + 'the artifact a pipeline passes from its clone task, every artifact being read as the repository\'s as every workspace is, '
      + '`create` storing one and restoring none), or a clone of the repository a param names by an absolute path, and a copy a step\'s '
      + 'script makes of such a directory or of its files into a volume by an absolute path, as copies are read above (`cp -r source '
      + '/var/workdir/build`, `cp source/env.sh /var/workdir/vars.sh`), for the steps after that one; a directory is reached '
      + 'by a relative path from a `workingDir` (or `cd`) above it (`source/build.sh` from `/var/workdir`); a shell startup file written so '
      + '(`~/.bashrc`, `~/.profile`, `/etc/profile`, `/etc/profile.d/…`) where a shell given `-i`, `-l` or `--login` runs (a profile, `~/.bash_profile`, `~/.bash_login`, `~/.profile`, `/etc/profile…`, for a login shell alone: '
      + 'an interactive bash that is not one sources `~/.bashrc`, bash 5.2 shell.c run_startup_files; bash\'s '
      + '`~/.bash_logout` where a login bash, or sh, runs the `exit` or `logout` builtin outside a subshell (nor a pipeline\'s part, `true | exit`, unless `shopt -s lastpipe` runs its last in the shell; also through `builtin` or `command`), in its `-c` code, its input, '
      + 'a trap or an eval, or may (a file it runs or sources, a command a variable names), or reads its input interactively: bash 5.2 builtins/exit.def, shell.c `bash_logout`; '
      + '`bash -l -c true` never reads it), a login shell of root that `su -` (`-l`, `--login`), `runuser -l` or `sudo -i` (`-u root`, `-u \'#0\'`) starts (also as the command sudo or doas runs: `sudo su -`), and a shell `exec -l` or `exec -a -NAME` starts '
      + '(util-linux, sudo 1.9: root\'s home, `~`, `~root`, `$HOME` or `/root`, not `/tekton/home`; `-s`\'s shell or bash: dash, ash or mksh as '
      + 'root\'s shell read /etc/profile and ~/.profile, which bash\'s reading holds, and `su -` clears the environment, so no `ENV` '
      + 'the script exports reaches them, util-linux 2.38 run), the login shell '
      + '`su - USER`, `runuser -l USER` or `sudo -i -u USER` starts for another user (the files of /etc, and of /home/USER, useradd\'s default home, also written `~USER`, each a file of it or the directory itself written into: `tar -xf $(workspaces.src.path)/dot.tar -C /home/builder; sudo -iu builder true`), zsh\'s startup files '
      + 'as zsh 5.9 reads them (Src/init.c `run_init_scripts`: `/etc/zshenv` or `/etc/zsh/zshenv` always; unless RCS is unset, the last of `-f`, `--no-rcs`, '
      + '`-o norcs` and `+f`, `+o norcs`, `-o rcs` deciding (`+o rcs` unsets it), `.zshenv` of `$ZDOTDIR` or the home directory, not privileged (`-p`), for every zsh, `.zprofile` and `.zlogin` '
      + 'for a login one, `.zshrc` for an interactive one, `.zlogout` for an interactive login one (Src/builtin.c `zexit`), with their `/etc` ones; a home directory, `/etc` or `/etc/zsh` '
      + 'copied or extracted into holds each of them: `tar -xf $(workspaces.src.path)/dotfiles.tar -C ~; bash -l -c …`), and a file '
      + 'written so to `/usr/local/bin`, `/usr/bin` or `/bin` where a command of its name runs (each of these also where a shell\'s '
      + '`-c` code, three levels down, or util-linux `script`\'s `-c` code (run with `$SHELL -c`), or a command substitution runs the shell or command: `bash -c \'bash -l -c true\'`, `script -qc \'bash -l -c true\' /dev/null`; `script` without a command runs `$SHELL -i`, not read); so is a descriptor an `exec` opens '
      + 'on one, `exec 3< ci.sh; source /dev/fd/3`, `bash <&3`, `exec < ci.sh; bash`; a script the step\'s script writes from a literal '
      + '(`printf \'%s\' "<base64>" | base64 -d > /scripts/run.sh`, `cat > f <<\'EOF\'`: written-scripts.ts) and then runs or sources is read as '
      + 'a shell script where its `#!` line or the shell running it is one (its `$0` its path, a script the step wrote that it sources from '
      + 'its own directory, `source $(dirname -- ${0})/common.sh`, read in place), the message naming it; a '
      + 'process substitution is what its commands print, each read as a pipe\'s is: `bash <(cat ./ci.sh)`, `source <(echo make '
      + 'all)`, `source <(grep -v \'^#\' .env | sed \'s/^/export /\')`, `sh < <(cat ./ci.sh)`, a `cd` among them moving the '
      + 'others), and a command substitution it runs as a command (`eval "$(cat ci.sh)"`, `sh -c "$(< ci.sh)"`, `bash <<< '
      + '"$(git show HEAD:ci.sh)"`; what such commands print holds a file of a workspace where one reads it: a text filter '
      + '(`cat`, `tac`, `head`, `tail`, `sort`, `uniq`, `cut`, `nl`, `paste`, `rev`, `fold`, `expand`, `unexpand`, `column`, '
      + '`fmt`, `pr`, `base64`, `zcat`, `dos2unix`, `envsubst` and `tr`, and `grep`, `sed`, `awk`, `jq` and `yq` past their '
      + 'script or with a file option, `jq --rawfile s ci.sh`) given it as an operand or its input (or a file a variable not '
      + 'known here names, `bash <(cat "$F")`, as `bash "$F"` is read); any other program but those '
      + 'known to print none of it (`mkdir`, `touch`, `rm`, `chmod`, `mv`, `ln`, `test`, `read`, `readarray`, `cd` …) given a file '
      + 'of a workspace as an argument (a bare name from a workspace directory, the value of `--opt=FILE`, `if=FILE`, `@FILE`, '
      + 'a `file://` URL: `dd if=ci.sh`, `cp ci.sh /dev/stdout`, `python3 -c … ci.sh`, `less`, `iconv`, `gzip -dc`, `tar -xO`, '
      + '`find . -exec cat {} +`) or as its input, or passing on its input from a pipe that holds one (`cat ci.sh | tool | '
      + 'sh`), git in the repository of a workspace (`git show HEAD:ci.sh`, `git cat-file`); `xargs` or `parallel` given names '
      + 'from a workspace file, a workspace directory or a command that prints a workspace path (`echo ./ci.sh | xargs cat`); '
      + 'bash\'s `$(< ci.sh)` and `<(< ci.sh)`; a command substitution that holds one in a program\'s words (`echo "$(cat '
      + 'ci.sh)"`); a compound command or subshell whose commands print one or that a workspace file is redirected to (`{ cat '
      + 'ci.sh; } | sh`, `(cat ci.sh) | sh`, `while read l; do echo "$l"; done < ci.sh | sh`). `curl` and `wget` print a '
      + 'download, but for a `file://` URL or the configuration or URL list of `-K` or `-i` in a workspace. A command whose '
      + 'output a redirection sends elsewhere prints nothing there), `awk` and `sed` given a program file of a workspace (`awk -f '
      + 'ci/x.awk`, `gawk --file=`, `-E`, `-i`, `-l`, `sed -nf x.sed`, `sed -f - < x.sed`; not `sed --sandbox`: awk\'s '
      + '`system()` and GNU sed\'s `e` command run any command), `export`, `declare`, `typeset`, `readonly` or `local` given '
      + 'the names and values such a command substitution prints (`export $(grep -v \'^#\' .env | xargs)`: `LD_PRELOAD`, '
      + '`BASH_ENV` or `PATH` among them run the repository\'s code), '
      + 'the command of `xargs`, `busybox`, `builtin`, `sudo` and `doas` (their options read by their own grammars: `sudo -D DIR` runs it in DIR, `sudo -R DIR` in a workspace is a finding, '
      + '`NAME=VALUE` among sudo\'s options is its environment, the shell `sudo -s`, `sudo -i` or `doas -s` starts without a command reads its input, '
      + "and `sudo -e`, `-l`, `-v`, `doas -C` run none) and the commands of `find`'s `-exec`, `-execdir`, `-ok` and `-okdir` (running the files found, `-exec {} ;` "
      + 'or `-exec sh {} +`, under a workspace path counts as running files of the workspace), '
      + 'the command or code of `watch` (its operands joined are `sh -c` code; with `-x` a command), `flock` (the command after '
      + 'the file, the code of `-c`, which `$SHELL` runs and is read as bash runs it), `su` and `runuser` (the code of `-c`, `--command` or '
      + '`--session-command`, the command of `runuser -u USER`, else the arguments after the user, given to the shell `-s` '
      + "names or else the user's, read as bash), `chroot` (from the new root's `/` unless `--skip-chdir`), `setpriv`, `unshare`, "
      + '`nsenter` (both in the directory `-w`/`--wd` names), `xvfb-run`, `sg` (its command, after `-c` or not, run by `sh -c`), `script` (the code of `-c`, '
      + 'or the words after `--` joined, run by `$SHELL -c`; without either, `$SHELL -i`, given its input, read as an interactive bash and '
      + 'an interactive sh: util-linux 2.38 script.c) and GNU `parallel` (its command, shell code run once for each argument of `:::`, '
      + 'which replaces `{}` or is appended, or without a command each argument of `:::`, each line of the files `::::` or `-a` names '
      + '(read as `bash FILE`) and, given neither, each line of its input as a command, in the directory `--wd` names), '
      + 'each read past its options by its own option grammar (util-linux, coreutils, procps-ng, '
      + 'getopt_long prefixes included; an option it does not know is read both as taking the next argument and not, an '
      + 'array whose elements are not known where an option may stand (`"${OPTS[@]}"`) both as options and as the command; a root '
      + 'directory in a workspace, `chroot DIR`, `unshare --root DIR`, `nsenter --root=DIR`, makes every program run there the '
      + "repository's); a `cd` into a workspace counts for the commands after it, and a `cd` out of it that may not run, in an `if`, "
      + 'a subshell or after `&&`, keeps it), runs a container build '
      + '(`docker build`, `docker buildx build` or `bake`, `docker image build`, `buildah bud`, `buildctl build`, the kaniko executor …; '
      + 'not `docker buildx create`, `inspect` or another subcommand that manages builders or images), a language build tool that runs '
      + 'repository code (`go build/test/generate/run`, `npm install/ci/run/test`, yarn, pnpm, npx, mvn, gradle, make, '
      + '`pip install`, `cargo build/test`, bundle, dotnet, bazel …; not a call that only prints a version or help and reads '
      + 'nothing of the project: `make`, `gmake`, `cmake` or `ninja` given only `--version` or `--help` (make: `-v`, `-h` too), '
      + '`go help …`, `go version`, `npm` or `pip` given only their version or help flags or `help …`; `mvn -v` (its launcher '
      + 'passes the project\'s `.mvn/jvm.config` to the JVM), `gradle`, `./gradlew` and `./mvnw`, `yarn` (the project\'s '
      + '`yarnPath` runs in its place), `bazel` (the project\'s `tools/bazel`) and `cargo help` (the project\'s toolchain file) '
      + 'still count, as does a version flag beside other arguments; one of those that run code by their subcommand whose first operand '
      + 'is not known here, `npm ${TARGET}`, `go "$CMD"`, counts too), a release or deployment tool that does (goreleaser but '
      + '`goreleaser check`, `healthcheck`, `init` and `--version`, which run no hooks or builds, '
      + 'skaffold, tilt, earthly, `terraform`/`tofu init/plan/apply`, terragrunt, `nix build`, `pulumi up/preview`, `ansible-playbook`, `poetry publish --build`), a task runner or hook manager '
      + 'that runs what the repository defines (`pre-commit run`, invoke, mage, `hatch run`, `pdm install`, `rye sync`, nx, turbo, '
      + '`lerna run`), or a file of a workspace other than the credentials '
      + '(`$(workspaces.<name>.path)/…`, or `/workspace/<name>/…` or, where the task declares the workspace or the container '
      + 'its own `workspaces` entry with an absolute `mountPath`, that path (`/src/…`), or, with a working directory in such a workspace, set by '
      + '`workingDir` or a `cd`/`pushd` before it, a relative path: `./…`, a program path with a `/` such as `ci/build.sh`, '
      + 'or a file of a workspace git runs by a setting (`-c`, or `GIT_CONFIG_KEY_<n>`/`GIT_CONFIG_VALUE_<n>`: core.sshCommand, core.fsmonitor, core.pager, core.editor, core.askPass, diff.external, credential.helper\'s `!command` or path, gpg.program, sequence.editor) or variable (GIT_SSH_COMMAND, GIT_SSH, GIT_EXTERNAL_DIFF, GIT_PAGER, GIT_EDITOR, GIT_SEQUENCE_EDITOR, GIT_ASKPASS, given before it, exported or in the container\'s env), or the hooks of a core.hooksPath in a workspace (`git -c core.hooksPath=.githooks commit`; not for a command that runs no hook: `log`, `show`, `rev-parse`, `rev-list`, `ls-files`, `ls-tree`, `ls-remote`, `cat-file`, `config`, `grep`, `blame`, `show-ref`, `for-each-ref`, `archive`, `shortlog`, `merge-base`, `diff-tree`, `diff-index`, `diff-files`, `version`, `help`, git 2.39 run; `status` and `diff` write the index, which runs post-index-change), or a configuration file of a workspace git includes by its absolute path (`-c include.path=$(workspaces.source.path)/.gitconfig`, `includeIf.<condition>.path` where the condition may hold for a repository checked out in a workspace: `gitdir:` or `gitdir/i:` (and `worktree:`, `worktree/i:`, the work tree\'s path, which git reads since July 2026) with a pattern that is not an absolute path (`src/` matches anywhere; `~/` and `./` name directories not known here) or whose text before its first wildcard is a directory above or in a workspace\'s mount path (`gitdir:/workspace/`) or one the step names otherwise, by its path or its last name as a word, where it may copy or clone a workspace\'s repository (`cp -r . /tmp/src`, `cd /tmp && git clone … src`), `onbranch:` and `hasconfig:remote.*.url:` (the branch and the remote the repository has); git takes any other condition as false (config.c `include_condition_is_true`), and a `gitdir:` that names only other directories (`gitdir:/home/dev/`) does not hold for the workspaces; git 2.39 refuses a relative one given by -c, and reads a stored one from the configuration file\'s directory: not read), or `git config` storing one of those settings so (`git config core.hooksPath .githooks`, `--global`, `git config set`: the git commands after it run it; with `-f` or `--file` (or a word git takes for it, `--fil`, `-f.git/config`), only into a file git reads as its configuration, named as below, one a variable not known here names, one of a name git reads as its configuration in a directory a repository or a variable gives (`config`, `config.worktree`, `.gitconfig`, `gitconfig`: GIT_DIR, HOME, XDG_CONFIG_HOME), or one the step may make git\'s configuration: where it names `GIT_CONFIG_GLOBAL`, `GIT_CONFIG_SYSTEM` or an include (`-c include.path=/tmp/ci.cfg`, `GIT_CONFIG_KEY_<n>`, a printed `[include]`), names the file elsewhere than in a `git config -f` (`ln -s /tmp/ci.cfg ~/.gitconfig`, by its name) or one of git\'s configuration files (`cp /tmp/*.cfg ~/.gitconfig`), or has an envFrom, which may set `GIT_CONFIG_GLOBAL` (git 2.39 run: the hooks of a core.hooksPath stored in /tmp/ci.cfg ran under each): `git config -f .git/config …`, not `-f /tmp/ci.cfg` alone nor `.gitmodules`), or written into git\'s configuration file (`~/.gitconfig`, `$HOME/.gitconfig`, `~/.config/git/config`, `/etc/gitconfig`, a `.git/config`, or a file the step names as `GIT_CONFIG_GLOBAL`, `GIT_CONFIG_SYSTEM` or an include: `printf … > /tmp/ci.cfg` then `GIT_CONFIG_GLOBAL=/tmp/ci.cfg git commit`) by echo, printf or cat (`printf \'[core]\\n\\thooksPath = .githooks\\n\' >> ~/.gitconfig`, a heredoc) or tee (what is piped to it), read by section, subsection (`[includeIf "onbranch:main"]`; `[credential "https://host"]`\'s helper is one git runs) and key (a file written otherwise, by a program or a copy, is not read); '
      + 'each of these paths is read as the shell reads it: quotes, escapes and pieces joined, the variables the script or the env assign '
      + 'in place (`"$HOME/.git""config"`, `D=.git; git config -f $D/config`, `F=/tmp/ci.cfg; export GIT_CONFIG_GLOBAL=$F`), a glob '
      + 'counted where it may match one of those files (`git config -f ~/.gitconf*`, `cp /tmp/c?.cfg .git/conf[i]g`, `> ~/.gitconf*`; a '
      + '`*` or `?` matches no name that starts with `.` unless the step sets `dotglob`), and a path a variable not known here gives counted '
      + 'as one that may be git\'s configuration (`-f "$CFG"`, `> "$CFG"`, `cp … "$D/config"`, a file printed where the step gives '
      + '`GIT_CONFIG_GLOBAL=$F`; not a variable alone as a copy\'s destination, `cp /tmp/c?.cfg "$DEST"`), '
      + 'or helm\'s `--post-renderer` program in a workspace, a plugin `helm plugin install` takes from a workspace directory, kustomize (`kustomize build`, `kubectl kustomize`) with `--enable-exec` or `--enable-alpha-plugins` on a kustomization of a workspace, '
      + 'ssh, scp or sftp with `-F` naming a configuration file of a workspace (its ProxyCommand, LocalCommand and `Match exec` run commands, OpenSSH 9.2 run) or an `-o ProxyCommand=` that runs one, GNU tar\'s commands (`--checkpoint-action=exec=`, `--to-command`, `-I`: tar 1.34 runs them with /bin/sh) that run one, '
      + 'or the file an interpreter is given (the shells, Python, node, perl, ruby, php, lua, luajit, Rscript, tclsh, wish, groovy, ts-node, tsx: `php artisan migrate`), `bash -e build.sh`, `python3 tools/gen.py`, read past its options as each '
      + 'interpreter reads them, unless it runs inline code, `sh -c`, `perl -ne`; or a command line inline code of awk (its program text), perl, Python, ruby, php or node runs from a string literal, read as a script from where the interpreter runs (mawk 1.3.4, perl 5.36, Python 3.11, node 20 run: `awk \'BEGIN{system("./x.sh")}\'`, awk\'s `print | "…"` and `"…" | getline`, perl\'s and ruby\'s `system`, `exec`, backquotes and `qx`, Python\'s `os.system`, `os.popen`, `os.exec*`, `subprocess` (a list\'s first element), php\'s `shell_exec`, `passthru`, node\'s `child_process` calls; a command built in the code, a variable or a concatenation, is not read, nor a file the code opens as data); or what a JVM launcher runs of a workspace (OpenJDK 17 run): `java -jar FILE`, a source file (`java ci/Build.java`, any file with `--source`), an agent (`-javaagent:`, `-agentpath:`), the options of an `@argfile`, a main class or module loaded from a class or module path entry there (`-cp`, `-p`; `.`, the working directory, where none is given: `java Main`), jshell\'s load and `--startup` files, the jar or script `kotlin` runs (`kotlin ci.main.kts`; not `-e` code) and `kotlinc -script FILE` (a `CLASSPATH` the image sets is not known: the default `.` is read); without a `workingDir` (its stepTemplate\'s '
      + 'included) the container runs in its image\'s WORKDIR, which Tekton does not set and is not known here (`/workspace` in '
      + 'many images, kaniko\'s and Cloud Builders\'): there such a relative path that a WORKDIR above a workspace reaches it by '
      + 'is that workspace\'s file, through any tail of its mount path (`source/build.sh` from `/workspace`, `workspace/source/build.sh` '
      + 'from `/`; not `sources/…`), a relative `cd` into one (`cd source && ./build.sh`) puts it in that workspace, and a '
      + 'relative `cd` elsewhere moves down the paths that go through it (`cd workspace` leaves `source`); a `cd` in a subshell moves '
      + 'that subshell alone: `( … )`, each stage of a pipeline (bash 5.2 and dash run the last one in a subshell too; not where the '
      + 'script names `lastpipe`, the container\'s env gives `BASHOPTS` holding it, its `#!` names zsh or ksh, or in the `-c` code of '
      + 'zsh, ksh or `bash -O lastpipe`, which run it in the shell: zsh 5.9, ksh93, bash 5.2 run), a compound command piped or run with `&`, '
      + 'a command run with `&`, a command substitution (whose own commands run where its `cd` leads: `V=$(cd '
      + '$(workspaces.src.path) && ./version.sh)`), while `{ …; }` and a plain sequence keep it; `time`, `command`, `builtin` and '
      + '`eval` of a plain command line before `cd` run it in the shell; `popd` and `pushd` alone go back where pushd\'s stack left, '
      + '`cd -`, `cd "$OLDPWD"` and `cd ~-` where the last `cd` left, also past cd\'s options (`cd -P -`, `cd -- -`), `pushd -n DIR` '
      + 'changes no directory but puts DIR where popd goes next, and `popd -n` drops that, changing none (bash 5.2 builtins/cd.def, pushd.def); '
      + 'a `cd` to `${VAR:-DIR}` or `${VAR:=DIR}` may go to DIR where VAR is not known (one the script set goes to its value, or to DIR where that is empty and the form has `:`), and one to a pattern (`cd /workspace/sour*`) to any workspace whose mount path it matches; '
      + '`eval` of a plain `cd` to a Tekton substitution (`eval "cd $(workspaces.src.path)"`) is read; `$PWD`, `${PWD}`, '
      + '`$(pwd)` and `` `pwd` `` starting a word are the directory it runs in (`"$PWD/hack/build.sh"`); a literal absolute path is read as `cd` and the kernel read it (`//`, `/./`, `..`: `cd /tmp/../workspace/source`, `/workspace//source/build.sh`), a relative `cd ..` from a directory a `cd` or `workingDir` named so too (`$(workspaces.<name>.path)` read as its mount path; `cd /workspace/source; cd ..` is in /workspace, the pod\'s own directory, where Tekton mounts each workspace at `/workspace/<name>`: no workspace), and from a directory above a workspace a `cd` or `workingDir` names (`/workspace`, `/`) a relative path reaches it (`cd /workspace && ./source/build.sh`); a bare program name is '
      + 'looked up in PATH as before), or Python or node run with such a working directory '
      + 'where they import from it: Python puts its working directory first on its import path for code given with `-c`, any module '
      + 'run with `-m` and code read from its input (not with `-I` or `-P`, nor with `-V`, `--version`, `-h` or `--help` before them, with which '
      + 'Python prints and exits, nor with PYTHONSAFEPATH set, but for `-E`, for a `python3.11` '
      + 'or later by its name; PyPy, `pypy` or `pypy3`, is read as Python, and `nodejs` as node), so a module of the repository takes the place of one the code imports; node resolves what code given '
      + 'with `-e` or `-p` (`--eval`, `--print`), its input and the modules it preloads (`-r`, `--import`) require or import from '
      + "the working directory's `node_modules` (`python -m pip`, `pytest`, `tox` or `build`, `node --run` and `node --test` without "
      + 'a file count wherever they run), and node given an env file of such a workspace (`--env-file=FILE`, `--env-file FILE`, '
      + '`--env-file-if-exists`; relative to its working directory, or a variable whose value is not known): Node.js applies the '
      + 'NODE_OPTIONS the file sets, whose `--require` or `--import` loads the repository\'s code; and Python or node, wherever '
      + 'they run, whose `PYTHONPATH` or `NODE_PATH` (set by the container\'s env, by the script, before the command or through '
      + '`env`) names a directory of a workspace, or a relative one (an empty entry too) while they run in one: Python searches '
      + 'those directories before its own library (unless `-E` or `-I`), node\'s require those for a package no `node_modules` '
      + 'holds; a value or entry not known (`valueFrom`, a variable, a param, not under a fixed directory outside the '
      + 'workspaces) is a finding too; a workspace its `mountPath` mounts at, over or under a directory the dynamic loader reads (`/lib`, `/lib32`, '
      + '`/lib64`, `/libx32`, `/usr/lib`, `/usr/lib32`, `/usr/lib64`, `/usr/libx32`, `/usr/local/lib`, `/etc`: every dynamically linked program, the '
      + 'shell first, loads the ELF interpreter, libraries, `/etc/ld.so.preload` or CA certificates there) is one too; and a variable of the container\'s `env` (the value of a ConfigMap checked with it, through `envFrom` or '
      + '`valueFrom.configMapKeyRef`, too: one not checked with it is not known here, and the variable is read as not set), or one the script exports, sets before a '
      + 'command (`env NAME=…` too), sets by a builtin (`printf -v`, `read` of a here-string or heredoc, or of what echo pipes to it where lastpipe is set, split by the IFS set before) or '
      + 'in the code `eval` (with what a command substitution\'s echo prints in it), `sh -c` or a shell\'s heredoc runs, that names '
      + 'where programs load code or configuration (PATH, LD_PRELOAD, LD_LIBRARY_PATH, NODE_OPTIONS\' `--require`/`--import`, GIT_CONFIG_GLOBAL, '
      + 'JAVA_TOOL_OPTIONS\' `-javaagent:`, KUBECONFIG, CLASSPATH, HOME …) with a path of a workspace, a relative or empty entry where the step runs in one, '
      + 'or a path of a volume other containers write (not HOME=/tekton/home, Tekton\'s default, nor KUBECONFIG before a cloud CLI that writes it); so too '
      + '`hash -p FILE NAME` (or `BASH_CMDS[NAME]=FILE`), which makes bash run such a FILE for NAME, and `enable -f FILE`, which loads a shared object of a '
      + 'workspace into bash (a FILE without `/` from the directories BASH_LOADABLES_PATH lists, the working directory by default); a variable assigned '
      + 'through a nameref (`declare -n P=PATH`) is its target\'s, and GIT_DIR, BASH_ENV, LD_PRELOAD and the others a program reads (all but PATH, which the shell '
      + 'reads, and HOME, in every container\'s environment) reach it only where exported (by `export`, `declare -x`, `set -a`, the container\'s `env` or an `envFrom`, '
      + 'or a value extending its own, `$LD_LIBRARY_PATH`, which the image may give) and not stopped by `unset`, `export -n` or `declare +x` before (one not exported '
      + 'by the script is reported as exported where the image\'s own ENV sets it, which is not known here: bash exports every variable its environment holds); '
      + 'a `declare` or `local` in a function\'s body (as parsed: not a group after a call) sets it for that function alone. '
      + 'Heredoc bodies are '
      + 'data, but for a shell they feed; continued lines, the code of `sh -c` (with its own `cd`), and `$(…)` and backquoted command '
      + 'substitutions are read, those inside `${…}`, `$((…))`, an array and an unquoted heredoc too; `$\'…\'` is read with its escapes, '
      + 'a word `{a,b}` as bash expands it, an alias the script defines before (`alias b=\'make all\'`) as sh expands it (also in the code `eval` reads), and '
      + '`command -v` (`-V`) only looks a program up (as the command run, not as words another program gets). A shell runs its startup file before its code, as `source` runs it: '
      + 'bash, not interactive (no option group holding `i` before its first operand, every group read as bash 5.2 and dash 0.5.12 read them, `sh -c -i CODE` interactive), not in posix mode and not privileged (`-p`, bash\'s alone), the file `BASH_ENV` '
      + 'names, an interactive `sh` (or `dash`, `ash`, `ksh`, `mksh`, `yash`, bash in posix mode) the file `ENV` names, an '
      + 'interactive bash not in posix mode the file `--rcfile` or `--init-file` names (not with `--norc`), where the '
      + 'container\'s `env`, the script before it (exported or not), an assignment before the command or `env NAME=…` '
      + 'sets it; this counts for bash or sh run as the command, in the script, and as the interpreter of the script\'s `#!` '
      + 'line (`#!/usr/bin/env bash`, `#!/bin/sh -i`); so does zsh (not with `-f` or `-p`) with `.zshenv` of a `ZDOTDIR` set so to a '
      + 'directory of a workspace (`ZDOTDIR=$PWD zsh -c …` in one), or to a value not known here. '
      + 'A script whose `#!` line names an interpreter other than a POSIX shell (`sh`, `bash`, `dash`, `ash`, `zsh`, `ksh`, `mksh`, '
      + '`pdksh`, `yash`, `rbash`, through `env` or `busybox`; the same shells whose `-c` code, file or input the rule reads) is that interpreter\'s: Tekton writes the script to a file the kernel runs with '
      + 'it, so it is not read as shell (Python or Perl lines are not commands, and what they run through `subprocess`, `system` or '
      + '`child_process` cannot be read). Such a script can run anything: where the task has a workspace other than the '
      + 'credentials it is a conservative finding (`#!/usr/bin/env python3`: `runs a python3 script the rule does not read: it may '
      + 'run the repository\'s code`; nushell\'s, `#!/usr/bin/env nu`, alike: its language, `^cmd`, `$env.X`, closures, is not a '
      + 'shell\'s); relax it where the script runs none of the repository. An interpreter that is a file of a '
      + 'workspace (`#!$(workspaces.source.path)/ci/run`) runs that file. '
      + 'A variable is read with its value where that is known: set by the container\'s `env` with a `value`, or assigned '
      + 'earlier in the script by an assignment alone (`X=…`, `X+=…`, `export X=…`, `declare X=…`) that surely runs where it '
      + 'stands (unconditional, or so within a branch of an `if` or an item of a `case`; not in a loop, a function, a subshell, '
      + 'an `if`\'s condition, after `&&` or `||`) whose value holds no expansion but Tekton\'s '
      + '`$(…)` substitutions (`SCRIPT=$(workspaces.source.path)/ci.sh`, then `bash "$SCRIPT"`, `sh -c "$SCRIPT"`, '
      + '`eval "$SCRIPT"`, `cd "$SRC"`), an unquoted one split into words; an array assigned so (`CMD=(kubectl --context "$C")`, '
      + '`CMD+=(…)`) is known by its elements (`"${CMD[@]}"`, expansions in them left as written). A value not known as a whole '
      + 'that is a command line whose first word is a literal name or path, the rest plain words and `$NAME` or `${NAME}` '
      + 'expansions (`CMD="helm push ${CHART}.tgz"`), is read where it runs unquoted (`$CMD`) as that line split into words, the '
      + 'expansions left as written (bash runs its first word whatever they hold; not after the script sets IFS). A `for NAME in '
      + 'WORDS` loop\'s variable holds each of its words in turn as the shell expands them (`for f in $(workspaces.source.path)/hack/*; '
      + 'do "$f"; done` runs files of the workspace), unless the loop assigns it again; a word whose value is not known (`$(ls …)`) '
      + 'leaves it not known, and after the loop it holds any of them. The file `source`, `.` or an interpreter is given by a '
      + 'command substitution (`source "$(cd hack && pwd)/env.sh"`, `. $(ls $(workspaces.src.path)/env/*.sh)`) may be the repository\'s where a '
      + 'command of the substitution runs `pwd` in a workspace or is given a path of one. After an `if` or a `case`, a '
      + 'variable holds any of the values its branches left, and the one before when no branch may run (an `if` without `else`, '
      + 'a `case` without `*)`; a `case` item after one ended by `;&` or `;;&` may start where that one ended): each is read as a known value, and a command that runs one of them is a finding (`if …; then '
      + 'RUN="make all"; else RUN="echo skip"; fi; sh -c "$RUN"`); one branch that leaves it not known makes it not known (at '
      + 'most 8 sets of values are followed apart; past that the variables not read further on, then all that differ, are not '
      + 'known). In a loop, a variable the loop assigns (but a `for` loop\'s own variable) is not known (an earlier round may have set it), but where a '
      + 'command of the round surely assigned it before, and it is also read as holding what the round before surely left at its end (`for i in 1 2; do PATH=$P; '
      + 'curl …; P=$(workspaces.src.path)/bin; done`), nor, in `{ … }` or a '
      + 'subshell (which may be the body of a function, run when called), one the script assigns from there on; after a call of a '
      + 'function the script defines, what its body assigns, but a global that a body defined once, at the top level, in `{ … }`, before the call and with no '
      + '`return`, surely assigns (not local, not in a branch, a loop or a subshell), which holds that value; an array assigned to the name (`CMD=(./ci/push.sh)`: `$CMD` is its first '
      + 'element) or one of its elements (`ARR[1]=./x.sh`); a name the code of `eval` assigns or gives a builtin that assigns (`eval \'CMD=./ci/push.sh\'`); a nameref\'s target '
      + '(`declare -n R=CMD`, then `R=…`) from the declaration on; a `for` word holding an expansion once the script sets IFS; a name '
      + '`${NAME:=word}` or `${NAME=word}` assigns; what `read`, `mapfile`, `getopts` or `printf -v` assigns past their own assignments (`IFS= read -r CMD`; but `read -r NAME <<< WORD`, one name given a plain here-string word without blanks at its ends or, without `-r`, backslashes, holds the word, bash 5.2 run; and `echo DIR | read -r D` or `printf` so, where the last stage runs in the shell as above, holds the line printed, bash 5.2 run); what the code `source /dev/stdin` (`.`) reads from a here-string or heredoc assigns, as for `eval`. '
      + 'The script\'s positional parameters are the step\'s `args` (Tekton runs the script with them): `"$@"`, `$*`, `$1` … as the program run what the args give '
      + '(`script: \'"$@"\'` with `args: [./ci/push.sh]`), and are not known where the script runs `shift` or `set` with operands (`set -o NAME` aside); in a function\'s body they are its call\'s arguments: a call of a function whose body runs `"$@"` or `$N` as the program runs what the call gives it there (`retry() { "$@"; }; retry ./ci/push.sh`, past the body\'s `shift`s). '
      + '`${!NAME}` as the program is not known. '
      + 'Any other variable is not known (one assigned a '
      + 'command substitution other than `$(command -v NAME)` or `$(which NAME)`, which hold the path of that program and run '
      + 'as it, in a loop, a condition or after `&&`, by `read`, by `for` over the positional parameters, an env var from `valueFrom`); when one is run as code, as '
      + 'the program (`"$RUN"`, `$CMD --fast`, `${BUILD:-make}` or another expansion with an operator, also through `sh -c "$X"` and '
      + '`eval "$X"`) or as the file `source`, `.` or an '
      + 'interpreter reads (`source "$ENV_FILE"`, `bash "$SCRIPT"`, a `BASH_ENV` or `ENV` a shell sources), it is a finding: what it holds may be the repository\'s. Installing packages of a registry only (`pip install awscli`, '
      + '`go install <module>@<version>`, `npm install -g <package>`) runs no repository code; a requirements file, an '
      + 'editable or local path does. In a pipeline, a container of such a task that runs git in the repository of a '
      + 'workspace other than the credentials (its working directory in it, `git -C`, `--git-dir`, a `GIT_DIR` or `GIT_COMMON_DIR` before it, exported or of the '
      + 'container\'s env, `env -C`, through the programs above that run '
      + 'a command, `flock /tmp/l git fetch`, `xargs git tag`, `find … -execdir git push \\;`, '
      + 'and the code a shell runs itself: `sh -c`, `eval`, a `trap`\'s action, a heredoc or here-string fed to a shell; '
      + '`git clone`, `init`, `version` and '
      + '`help` read no repository) is a finding as well when another pipeline task that may run before it (one it does not surely '
      + 'precede through `runAfter`, a result the other uses, or `finally`) receives the same pipeline workspace, does not declare it '
      + '`readOnly`, and runs repository code: that code can leave hooks and configuration in the `.git` (core.fsmonitor, '
      + 'core.hooksPath, core.sshCommand), which git runs with the credentials. The same reading finds repository code in any step or sidecar (of a Task, a StepAction '
      + 'or an embedded spec, with its stepTemplate) that reads a Secret itself: `env[].valueFrom.secretKeyRef`, '
      + '`envFrom[].secretRef`, or ' + MOUNTED_CREDENTIALS_TEXT + '. '
      + "Tekton's creds-init: for a TaskRun, and for each pipeline task of a PipelineRun (of its "
      + 'embedded `pipelineSpec`, or of the Pipeline its local `pipelineRef` names among the objects checked together, same '
      + "namespace), the ServiceAccount the task runs as (a TaskRun's `serviceAccountName`; a PipelineRun's "
      + '`taskRunTemplate.serviceAccountName`, v1beta1 `spec.serviceAccountName`, overridden by a non-empty '
      + '`taskRunSpecs[].serviceAccountName` or `taskServiceAccountName`; unset or empty is the `default-service-account` of a '
      + '`config-defaults` ConfigMap checked together (namespace tekton-pipelines or none; not one the API server refuses for a value '
      + 'that is not a string, nor one Tekton cannot read as a whole, as TEKTON_FEATURE_FLAGS reports it; of several that disagree, each one\'s), else `default`;' + OPERATOR_DEFAULTS_OF.replace(/\.$/, '')
      + '; a default only some readings of the operator\'s config-defaults give is named with the first of them in the message,'
      + ' `the task runs as ServiceAccount \'pipeline\' (reading config-defaults with …)`), found by name among the objects checked together (same namespace), lists under `secrets:` a Secret '
      + 'creds-init takes (Tekton v1.15\'s `MatchingAnnotations`): one among the objects of type `kubernetes.io/dockerconfigjson` '
      + `or \`kubernetes.io/dockercfg\`, \`kubernetes.io/basic-auth\` with an annotation \`${DOCKER_ANNOTATIONS}\` or \`${GIT_ANNOTATIONS}\`, `
      + `or \`kubernetes.io/ssh-auth\` with \`${GIT_ANNOTATIONS}\`; one not among the objects, whose type is not known, is one it may `
      + 'take, but for a name Kubernetes\' token controller gives the `kubernetes.io/service-account-token` Secret it made for that account '
      + '(`<account>-token-` and five generated characters, which an account read from a cluster lists; creds-init takes no such Secret, '
      + 'and no other Secret has its name while it exists; one made under the name once it is deleted holds what its maker puts there, '
      + 'not a credential the account was given), which a finding of the step names as left out and why; a Secret of that name among '
      + 'the objects is read by its type and annotations as any other (a basic-auth one with a git annotation creds-init reads is taken). Then each step of the task it runs (not a sidecar: creds-init mounts into steps only) that runs repository code, '
      + 'read as above (a workspace the run binds to a Secret is not the repository\'s), is a finding on the run, unless the '
      + '`feature-flags` ConfigMap (namespace `tekton-pipelines` or none) checked together sets `disable-creds-init` to a true '
      + 'value Tekton reads, every other key readable. It is reported beside a credentials-workspace finding of the same step: '
      + 'splitting the task does not remove it.' + SEVERAL_FEATURE_FLAGS + OPERATOR_FLAGS_OF + ' The ServiceAccount token a run mounts on '
      + 'purpose is a credential as well: for a TaskRun, and for each pipeline task of a PipelineRun (of its embedded `pipelineSpec`, or of '
      + 'the Pipeline its local `pipelineRef` names among the objects checked together), where RUN_TOKEN_AUTOMOUNT finds the token mounted '
      + "into the task's pod and a relaxation of RUN_TOKEN_AUTOMOUNT for the run covers that finding (at synth, those the app gives the "
      + 'run, among them the record `PipelineTask.grantApi(...)` makes for `task/<name>`; in the audit, the run\'s own honoured '
      + `relaxation records, ${relaxAnnotation(RuleId.RUN_TOKEN_AUTOMOUNT, 'task/<name>: <why>')} or \`"*: <why>"\`), each step and `
      + 'sidecar of the task it runs (every container of the pod holds the token) that runs repository code, read as above (a workspace '
      + "the run binds to a Secret, or the pipeline's credentials workspaces, are not the repository's), is a finding on the run, whose "
      + 'message quotes the relaxation record. A finding of the whole run (its run-wide pod template, a workspace it binds to a projected '
      + 'token) that a relaxation of the whole run covers reaches every task, but, for `automountServiceAccountToken`, one whose own pod '
      + 'template sets it to `false`. A token mounted by default, which no relaxation covers, is not counted here: RUN_TOKEN_AUTOMOUNT '
      + 'reports it, and its fix removes the token. So is a Secret the env of a run\'s pod template gives (an entry `valueFrom.secretKeyRef`): '
      + 'a TaskRun\'s `podTemplate.env`, a PipelineRun\'s run-wide `taskRunTemplate.podTemplate.env` (v1beta1 `podTemplate.env`) under which a '
      + 'pipeline task\'s own `taskRunSpecs[].podTemplate.env` (v1beta1 also `taskPodTemplate`) is merged by name, the task\'s entry winning '
      + '(Tekton v1.15 `GetTaskRunSpec`, `MergePodTemplateWithDefault`): Tekton appends that env to every step container of the task\'s pod '
      + 'after the step\'s own, so that it wins over a step\'s entry of the same name, and to no sidecar; each step of the task it runs that '
      + 'runs repository code, read as above, is a finding on the run that names the template, its field and the env name. The '
      + '`default-pod-template` of a config-defaults checked with the run (or the one a Tekton operator\'s object writes) is merged under the '
      + 'run\'s template by name the same way, and the names its `default-forbidden-env` lists (split at commas, trimmed) are dropped from '
      + 'the merged env, as Tekton\'s pod builder drops them (of several readings of config-defaults beside an operator, each reading\'s '
      + 'default template\'s entries are read, and a name is dropped only when every reading forbids it). A step found for several '
      + 'credentials (a credentials workspace, creds-init\'s Secrets, a token mounted on purpose, a pod template\'s Secret) at the same '
      + 'place is one finding whose problem names each (`…; and …`) and whose fix holds each fix. Shipwright (`shipwright.io` v1beta1 and v1alpha1, shipwright-io/build v0.20.13): a '
      + 'BuildStrategy\'s or ClusterBuildStrategy\'s step (as the TaskRun of its BuildRuns runs it) that reads a Secret itself (`env[].valueFrom.'
      + 'secretKeyRef`, a Secret or projected Secret volume of the strategy it mounts; the controller copies no `envFrom`) and runs repository '
      + 'code, read as above with the source cloned into the workspace `source` (`/workspace/source`, which `$(params.shp-source-root)` and '
      + '`$(params.shp-source-context)` name) and the Cloud Native Buildpacks lifecycle\'s `/cnb/lifecycle/creator` and `builder` as container '
      + 'builds (anywhere; `s2i build --as-dockerfile`, or an s2i image run so, only writes a Dockerfile: not one), is a finding on the strategy. A Build or BuildRun checked with its strategy is read as the TaskRun the controller creates '
      + '(as the container rules say), and a step of it that runs repository code is a finding on the Build or BuildRun, at the step\'s target, '
      + 'where it holds a credential the Build or BuildRun gives it: `output.pushSecret` (v1alpha1 `output.credentials.name`; the BuildRun\'s when '
      + 'its `output` names one, else the Build\'s), which the controller links to the run\'s ServiceAccount (credentials.go `ApplyCredentials`), so '
      + 'that creds-init mounts it into every step, unless the feature-flags checked with it turn creds-init off or the Secret, checked with it in '
      + 'the namespace, is of a type creds-init does not take (as above); a `paramValues` `secretValue` (a BuildRun\'s over the Build\'s), which the '
      + 'controller puts into the env of each step that names the param (params.go `addSecretEnvVar`); a `spec.env` entry from a `secretKeyRef`, '
      + 'appended to every step; a Secret the Build or BuildRun gives an `overridable` volume, where a step mounts it. A BuildRun reports what it '
      + 'gives itself (and what a Build spec it embeds gives), the Build what it gives. `source.git.cloneSecret` is none of these: the controller '
      + 'mounts it into its own `source-default` step alone, which runs no repository code (sources/git.go). A BuildRun\'s steps also hold, '
      + 'through creds-init as a TaskRun\'s (and unless the feature-flags turn it off), the Secrets creds-init takes from the ServiceAccount it runs '
      + 'as (`spec.serviceAccount`, v1alpha1 `spec.serviceAccount.name`; unset, the namespace\'s `pipeline` when one is among the objects, else '
      + '`default`; `.generate` a new account, but for one of the BuildRun\'s name that exists already, which the controller runs as it is without '
      + 'linking the pushSecret: service_accounts.go `GenerateSA`), read as above; that finding is the BuildRun\'s (where `default` is read for '
      + 'want of a `pipeline` account among the objects, the message says the cluster\'s `pipeline` account is run as where the namespace has one). The controller never removes '
      + 'the pushSecret it links to an account it did not generate (`DeleteServiceAccount` deletes only a `.generate`d one), so a BuildRun '
      + 'checked together (same namespace) that the controller brings as far as reading its account (buildrun.go `Reconcile` reads it after the '
      + 'BuildRun\'s own fields are checked and its Build is registered, before it checks params, volumes and stepResources against the strategy) '
      + 'links its pushSecret (its own, else its Build\'s, each read in the version it is written in) to the '
      + 'account it runs as for every later TaskRun, '
      + 'pipeline task and other BuildRun run as that account: the Secret counts as listed under that account\'s `secrets:`, and the message '
      + 'names the BuildRun and its field. A BuildRun the controller fails before it reads its account links nothing: one whose Build (named and '
      + 'checked with it, or embedded) the strategy checked with it refuses (VALID_REFERENCE\'s finding: a Build that is not registered), one that embeds a Build spec '
      + 'and overrides `output`, `paramValues`, `env`, `timeout`, `nodeSelector`, `tolerations`, `schedulerName`, `runtimeClassName` or '
      + '`stepResources` (or whose embedded spec sets `trigger`), that names no Build or both a Build and a spec (validate.go `BuildRunFields`), or '
      + 'whose name is longer than 63 characters (a label value).'
      + ' ' + PERSISTED_CREDENTIALS_DECIDES,
    limits:
      'Directories: a `cd` to a directory saved in a variable from `$PWD` or `$(pwd)` (`HERE=$PWD; cd /tmp; cd "$HERE"`) and `cd` alone '
      + '(to HOME) are not followed (the directory is not known: not a workspace); a `cd ..` from a workspace entered by a variable or a `workingDir` not known as a path (not a `cd` to a literal path) is taken to stay in it; `popd +N` and `pushd +N` are read as a plain popd '
      + 'and pushd; `eval` of code with quotes, expansions or operators (`eval "cd src && make"`) is not read for its `cd`. Variables: '
      + 'an `eval` of code not known (`eval "$(ssh-agent -s)"`), a file `source` or `.` reads that is no workspace\'s '
      + '(`source /opt/env.sh`) and a nameref whose target is not literal (`declare -n R=$1`) are not taken to assign the script\'s '
      + 'variables. What a command substitution prints of a file by an absolute path outside the workspaces, `/workspace`, `/tekton`, `/dev` and `/proc` '
      + '(`BUCKET=$(cat /opt/creds/bucket)`) is taken to hold nothing of the repository where it stands as an argument of a command line '
      + 'an `eval` runs (`eval "mapt create --bucket $BUCKET"`; as the program it still counts) only where the file is known not to be '
      + 'the repository\'s: under a Secret, ConfigMap, projected or downwardAPI volume the container mounts (read as the API server keeps '
      + 'the volume: `secret: null` beside an `emptyDir` is an emptyDir; kubelet mounts them read-only '
      + 'whatever the mount says, Kubernetes 1.11 on), but one that holds the pod\'s labels or annotations (a run\'s, which a trigger may '
      + 'set from a commit), the nearest mount over the file deciding; or under no volume the container mounts (a step\'s own, its '
      + 'stepTemplate\'s, a workspace at its own mountPath, nor a block device its `volumeDevices` give) in the image\'s own filesystem, '
      + 'which no other container writes, of an image written in the step (one a substitution names, `$(params.image)` or a build\'s '
      + 'result, may be built from the repository: none of its files is known), where no '
      + 'command of the step\'s script that may run before writes it: every command before it (in a loop, a `{ … }` or a subshell, which '
      + 'may be a function\'s body run later, every other command of the script) is one known to write no file but through its '
      + 'redirections (`echo`, `cd`, `export`, `cat`, `grep` …) and redirects to no file that may be that one. An emptyDir (Tekton\'s '
      + '`/workspace`, `/tekton/home` and `/tekton/results` are ones every step shares), a persistentVolumeClaim, a hostPath, a CSI or '
      + 'other volume, a volume the task does not declare (a TaskRun\'s podTemplate gives it) and a workspace may hold what a step or '
      + 'sidecar before wrote from the repository (a mount at a directory a substitution gives, `$(params.dir)`, may be over any file: '
      + 'none is then known); in code a shell of the step runs itself (`sh -c \'…\'`, its input, an eval\'s code) only a file of such a '
      + 'read-only volume is known so (what the commands before it wrote is not read there), and none in another root or mount namespace '
      + '(`chroot`, `sudo -R`, `bwrap`), another container or a script the step writes. The code an `eval` or `sh -c` of the step\'s own '
      + 'script runs from what `cat`, `head`, `tail`, `base64`, `cut` or `tr` prints of an image\'s file (no volume over it) that a command '
      + 'before may write (`X=$(cat ./cmd); echo "$X" > /tmp/c; eval "$(cat /tmp/c)"`, a download to it) is reported as not known; '
      + 'a file run, sourced or fed to a shell after such a write is not (`curl -o /tmp/i.sh …; sh /tmp/i.sh` runs a download, as above). A symbolic link of the image into a volume is not known (the file is taken as '
      + 'the image\'s), nor what a Secret or ConfigMap the cluster holds was made from. In that command line, as in any other, a Tekton '
      + 'substitution whose value is not known (`$(params.x)`, `$(steps.a.results.b)`, `$(tasks.t.results.r)`) is read as text: Tekton '
      + 'pastes its value into the script, where the shell reads it as code wherever it stands, which SCRIPT_INJECTION reports; and a '
      + 'program found through a PATH a branch before it changes is read as elsewhere (see below). A file a step\'s own script runs, '
      + 'sources, feeds a shell or evals (`sh /shared/c`, `/shared/c`, `bash < /shared/c`, `. /shared/c`, `eval "$(cat /shared/c)"`) under a '
      + 'volume another container may have written before it, in a task whose workspaces or restored artifacts bring the repository in, '
      + 'is reported as possibly the repository\'s: a volume other than a Secret, ConfigMap, projected or downwardAPI one, but an emptyDir '
      + 'that no step before it (with its stepTemplate\'s mounts) and no sidecar mounts; and, where a step runs before it or a sidecar beside '
      + 'it, Tekton\'s `/workspace`, `/tekton/home`, `/tekton/results` and `/tekton/steps` emptyDirs (not `/tekton/scripts`, which Tekton\'s '
      + 'init container writes from the task\'s own scripts, nor `/tekton/bin`, `/tekton/run`, `/tekton/downward` or `/tekton/creds`). A file '
      + 'the step\'s script before, or a step before, writes from a literal (`cat > /shared/run.sh <<\'EOF\'`) is the task\'s own, also where '
      + 'another step may write it after; a Secret mounted below such a volume\'s directory is read as that volume; a program found through '
      + 'PATH in such a volume, a mount at a directory a substitution gives, a StepAction\'s script written before, and code a shell runs other '
      + 'than the step\'s own script (`sh -c \'sh /shared/c\'`) are not read for it. '
      + 'Shipwright: a BuildRun that names no ServiceAccount is read as running as `pipeline` only when one is among the objects (a `pipeline` '
      + 'account of the cluster that is not checked with it is not known: `default` is read, and the finding says `pipeline` is run as instead '
      + 'where the namespace has one, as the Tekton operator on OpenShift makes unless TektonConfig\'s `createRbacResource` param is "false"; a '
      + 'TektonConfig checked with it is not read for this); a pushSecret left on a shared account is known only '
      + 'from the BuildRuns checked together (a Build names no account: its BuildRuns do), and is counted whether or not that BuildRun has run '
      + 'yet; a Build is taken as registered unless the strategy checked with it refuses its params, volumes or stepResources (a Build that is '
      + 'not checked with it, a strategy that is not, a pushSecret or cloneSecret the cluster does not have, and the other checks of the build '
      + 'controller are not known, and each would fail the BuildRun before it links); a BuildRun the controller fails before its TaskRun '
      + '(VALID_REFERENCE\'s finding) is not judged as run; a Build whose '
      + 'strategy is not checked with it is not judged. A listed Secret not among the objects whose name is one the token controller gives the '
      + 'account\'s token Secret is not counted, whatever its type in the cluster. Detection is by known programs and images: an image a substitution gives is read only as above: a pipeline param is followed from the pipeline task\'s value to the PipelineRun\'s value or the pipeline\'s default, and a default that refers to other params (`$(params.registry)/kaniko-project/executor`) is read with their values in place as Tekton v1.15 resolves it: a pipeline\'s with the PipelineRun\'s values, else the defaults, in turn (at most 10 levels; a reference to itself or to a param without a value is not known), a task\'s with the other defaults of the task alone, in the order declared, never a value its caller passes for the param it refers to (`replacementsFromDefaultParams`); a pipeline task that runs a pipeline (`pipelineSpec`, or `pipelineRef` to a Pipeline among the objects: pipelines in pipelines, alpha in v1.15) has its tasks judged, where the feature-flags checked together (as TEKTON_ADMITTED reads them: a Tekton operator\'s, else the feature-flags ConfigMap) set `enable-api-fields` to "alpha", as the child PipelineRun Tekton makes runs them (otherwise Tekton\'s webhook refuses the pipeline, which TEKTON_ADMITTED reports, and no child run is made), with the pipeline task\'s params (the parent\'s in place) and the credentials workspaces it binds to the parent\'s (at most 4 levels deep; a child pipeline reached through a resolver is not read); a StepAction\'s image from its params is read with the value its step passes (the task\'s params in place in it, as for a step\'s image), else its default (one that refers to other params of the StepAction with their values, the step\'s or their defaults); a Pipeline is judged with its defaults and also, for each PipelineRun among the objects that refers to it by name in its namespace, with the values that run passes (the finding names the run, and counts the credentials workspaces that run binds to a Secret; a step\'s own Secret in a Pipeline\'s embedded taskSpec is judged with the defaults alone), and a Task or a Pipeline checked alone is judged with its defaults where any run may pass another (a builder image a run passes is seen only where that run is checked with it); an `includeIf.gitdir:` whose pattern names no workspace directory, nor one the step names, is taken not to hold, also where the script reaches that directory in a way not read here (a path it builds from a variable not known here); a tool that is not listed, a wrapper that is not (`gdb --args`, `rr record`), code a '
      + 'function runs or a downloaded script (`curl … | sh`, `source <(curl …)`), a file of a workspace written elsewhere in a way not '
      + 'read here before a shell runs it (a copy is read where `cp`, `mv`, `install`, `ln` or `rsync` makes it, or a program that '
      + 'prints the file writes it through `>`, `>>`, `tee`, `sponge` or `dd of=`, in the same script: its path, or any path under a '
      + 'directory copied into, is then the repository\'s file; a copy made by another step, in a command substitution, by a program '
      + 'given the destination in another way, or to a path a variable not known here names is not), a descriptor opened on it otherwise '
      + 'than by an `exec` of the same script (`exec 3< ci.sh; source /dev/fd/3` is read, and `exec 3<&-` closes it), a `cd` into a '
      + 'copy by a path a variable not known here names, an archive extracted without `-C` where no `cd` names the directory plainly '
      + '(the image\'s WORKDIR, a `workingDir`), a copy made by another program (`bsdcpio`, `7z`, `jar x`, `rsync` through `ssh`, '
      + '`git checkout-index --prefix`, `git clone` of a copy\'s path given relatively), a login shell of a user other than root '
      + 'whose home is not `/home/<user>` (`su - builder` reads the startup files of /etc and of /home/builder, useradd\'s default: '
      + 'the user\'s entry in the image\'s /etc/passwd, which su reads, is not known here, nor a home in a workspace) or one `sudo -s` starts (its `$SHELL`, not a login shell, reads no startup file '
      + 'without a terminal), what a program prints of a workspace file it is not given by name (one its '
      + 'own configuration, or a variable not known here, names), the `PYTHONSAFEPATH` a script exports, '
      + 'the import path of a program written in Python or JavaScript that is not run as `python` or `node` (a console script, '
      + 'a `#!` file), the arguments that files '
      + '(`::::`, `-a`) or its input give a command of `parallel`, '
      + 'and scripts in images are not seen, nor git that a script of another interpreter than a shell runs (its finding on what it runs stands in place), nor a `BASH_ENV`, `ENV` or `ZDOTDIR` that the image or `envFrom` sets, nor a `cd` that `CDPATH` leads into a copy, nor `GIT_WORK_TREE` '
      + 'given to git as a variable (only `--work-tree`), nor a shell startup file or program of PATH that `script -c`, `watch` or another program\'s code runs, nor a `git fetch` of a workspace\'s repository then checked out (`git fetch $(workspaces.src.path) && git checkout FETCH_HEAD`), nor a shell another '
      + 'program starts (a Makefile\'s recipes), the `$SHELL` that `flock -c` or `su -m` runs, a home directory other than `~`, `$HOME`, `/root` and `/tekton/home` written by its path, the `~/.bashrc` or profile a shell reads '
      + 'from a `HOME` in a workspace, programs found through a `PATH` that holds a workspace directory, and what npm 6 or older runs '
      + 'by the `onload-script` of the project\'s `.npmrc` on any call; `sudo`, which drops `BASH_ENV` and `ENV`, and `env -i` are not followed for '
      + 'them (the startup file still counts); bash\'s logout file (`~/.bash_logout`) counts for a login bash that runs a script file or '
      + 'an input not known here (not read for an `exit`), or sources a file, or runs a command a variable names, or whose `exit` stands in a function it never calls, zsh\'s `.zlogout` for '
      + 'any interactive login zsh (also one that `exec`s another program and never reads it), and a bash started in posix mode by a `POSIXLY_CORRECT` (or a `SHELLOPTS` naming `posix`) that the image or `envFrom` '
      + 'sets is not seen; a pipeline\'s last stage run in the shell itself is seen only as above (a zsh or ksh started as a '
      + 'command, `zsh -c \'… | cd dir\'`, is read as bash); `script` without a command is read as both an interactive bash '
      + 'and an interactive sh, its $SHELL not known here; of the volumes other than workspaces, only a directory a Trusted Artifacts step '
      + 'restores by its command line or a param\'s clone names by an absolute path is the repository\'s for the steps after it: a '
      + 'restore run from a script (`/usr/local/bin/entrypoint use …`) or a StepAction, a destination given by a variable, or by a '
      + 'relative path in a step without a `workingDir` (the image\'s WORKDIR is not known here), a file '
      + 'a step writes from it into the volume otherwise than by a copy read as above (`v=$(yq .source f.yaml); echo "declare X=$v" > '
      + '/var/workdir/vars/f` then `source` in a later step), a sidecar, a clone of a URL given by a variable (`git clone "$URL"` with '
      + '`URL` from a param) or of a fixed URL, and a build run on a remote host (`ssh`, `podman --remote`) are not; variables are known only as above (a `while` loop\'s values, a function\'s arguments, '
      + 'what a sourced file sets are not; a function\'s body is read where it is written, in the directory the script is in '
      + 'there), so a variable run as code whose value the script makes safely in another way is '
      + 'still a finding (relax it); a listed tool run on files that are not the '
      + "repository's is still a finding. Tasks reached through a resolver or a bundle, or not checked together, are not "
      + 'read (their content is checked where the library fetches it, by the other rules), but a pipeline task that holds a credentials '
      + 'workspace, a TaskRun that binds a Secret to a workspace (the finding is then on the run, at `spec.taskRef…`), and a TaskRun or a PipelineRun\'s pipeline task that creds-init gives Secrets to (as below), and runs, through a resolver (its `name`, `pathInRepo` or `url` param) or a bundle, a Task whose name is that of a '
      + 'container builder Task of the Tekton catalog or Konflux (`buildah`, `buildah-oci-ta`, `kaniko`, `buildkit`, `buildpacks-phases`, '
      + '`s2i-python`, `docker-build`, `img`: the last part of the path, without `.yaml`) is a finding; another Task reached so (`git-clone`) '
      + 'is not judged; a name a pipeline param gives (`value: $(params.builder-task)`) is read with the value Tekton puts there, the PipelineRun\'s, else the pipeline\'s default, and in a TaskRun\'s own taskRef the value the TaskRun passes (Tekton puts the run\'s params alone there, not a default of the Task it has not fetched yet). Git in a workspace is judged within '
      + 'one pipeline: in a TaskRun, or in a volume earlier runs wrote (a persistent volume claim), it is not; git run without a '
      + '`workingDir` is judged where a `cd`, `-C` or `--git-dir` names a workspace by an absolute path, its variable or a relative '
      + 'path by which a WORKDIR above it reaches it (`cd source && git push`, `git -C source push`), not in the WORKDIR itself; an image '
      + 'whose WORKDIR is itself in a workspace is not known (`./build.sh` there is not seen); tasks that bind '
      + 'different `subPath`s of one workspace are taken to share it. Runs and pipelines are linked as '
      + 'CREDENTIALS_TRUSTED_TASK links them, with its limits. A Task checked without a TaskRun that binds its workspaces, or a pipeline '
      + 'task that gives it a credentials workspace, holds none, whatever a workspace\'s name (`dockerconfig`, `basic-auth`) or what its '
      + 'steps read there (`DOCKER_CONFIG` set to it, its `.git-credentials` copied): a run may bind an `emptyDir` there, and a name is '
      + 'no credential; nor is a SecureTask synthesized alone judged for its workspaces of the credentials trust domain (it is where a '
      + 'SecurePipeline gives it one). A Secret a run\'s pod template adds as a volume, and one a step '
      + 'running a StepAction mounts, are not counted for the container that reads it. For creds-init, a ServiceAccount that is not among the objects, or '
      + 'is named by a substitution, is not judged; a Secret that is not among the objects (one a SecretProviderClass syncs '
      + 'included) is taken as one creds-init may take; without a feature-flags ConfigMap checked together creds-init is taken '
      + "as on (Tekton's default): audit the cluster's feature-flags with the runs, or relax. The ServiceAccount token is counted only "
      + 'where RUN_TOKEN_AUTOMOUNT sees it (its limits hold here) and a relaxation of it for the run covers it: a relaxation given '
      + 'elsewhere (another object, an admission policy\'s exemption) is not seen; a token the run-wide pod template projects, or a '
      + 'workspace binding, is taken to reach every container of every task, also one that does not mount the volume or receive the workspace. '
      + 'A program not known to print none of what it reads, given a bare word in a workspace directory, is taken to print that '
      + 'file where a shell runs its output: `source <(kubectl completion bash)` and `eval "$(pyenv init -)"` there are findings (relax them).'
      + ' ' + PERSISTED_CREDENTIALS_LIMITS,
    howToRelax:
      "`{ rule: RuleId.CREDENTIALS_WITH_REPO_CODE, reason: '<why>', target: RelaxationTarget.task('<pipeline task>') }` given "
      + "to the SecurePipeline's `relaxations` or to `Relaxations.of(construct).add(...)`; on a TaskRun, a Task or a "
      + "StepAction the target is `RelaxationTarget.step('<name>')` (`RelaxationTarget.sidecar('<name>')`). In YAML for the audit: "
      + relaxAnnotation(RuleId.CREDENTIALS_WITH_REPO_CODE, 'task/<name>: <why>') + ' on the Pipeline (or the PipelineRun that '
      + 'embeds it), `"step/<name>: <why>"` on a TaskRun, a Task or a StepAction. A creds-init finding is on the run, at the same '
      + "targets: `RelaxationTarget.task('<pipeline task>')` in the SecurePipelineRun's `relaxations`, "
      + relaxAnnotation(RuleId.CREDENTIALS_WITH_REPO_CODE, 'task/<name>: <why>') + ' on a PipelineRun, `"step/<name>: <why>"` on a TaskRun. '
      + 'A finding for a token mounted on purpose (an API grant) is on the run as well, at the same targets. A Shipwright strategy\'s, Build\'s '
      + 'or BuildRun\'s finding: ' + relaxAnnotation(RuleId.CREDENTIALS_WITH_REPO_CODE, 'step/<name>: <why>') + ' on that object.',
    relaxable: true,
    appliesTo: (m) => kindIs('Task', 'StepAction', 'Pipeline', 'TaskRun', 'PipelineRun')(m) || isBuildStrategy(m) || isShipwrightBuild(m),
  },
  (manifest, context) => {
    // Shipwright: a strategy's steps with their own Secrets, a Build's or BuildRun's run with the credentials it gives them
    if (isBuildStrategy(manifest)) return shipwrightStrategyCredentialProblems(manifest);
    if (isShipwrightBuild(manifest)) return shipwrightBuildCredentialProblems(manifest, context?.manifests);
    const held = ((): Problem[] => {
      if (manifest?.kind === 'Task' || manifest?.kind === 'StepAction') return [];
      if (manifest?.kind === 'Pipeline') {
        const credentials = context?.credentialWorkspaces(manifest) ?? [];
        const own = pipelineFindings(manifest.spec, new Set(credentials), context, manifest);
        return [...own, ...runFindings(manifest, credentials, own, context)];
      }
      const bindings = asArray(manifest?.spec?.workspaces).filter(isObject);
      const secret = bindings.filter(bindsSecret).map((w) => jsString(w.name));
      if (manifest?.kind === 'PipelineRun') return pipelineFindings(manifest.spec?.pipelineSpec, new Set(secret), context, manifest);
      const at = taskRunPlace(manifest);
      const specs = taskSpecs(manifest?.spec?.taskSpec, manifest?.spec?.taskRef, context, manifest);
      const found = firstFindings(specs, (spec) => repoCodeInSpec(spec, secret, bindings, context, manifest, at));
      // a Task a resolver or bundle fetches, named as a container builder Task
      return found.length > 0 ? found : remoteBuilderFindings({ held: secret, specs, ref: manifest?.spec?.taskRef, caller: at.caller });
    })();
    // a container already reported for a credentials workspace is not reported again for its own Secrets
    const reported = new Set(held.map((p) => `${p.location}\u0000${p.property}`));
    // creds-init's Secrets are reported apart: they reach every step of the run, so splitting the task does not remove them
    const run = manifest?.kind === 'TaskRun' || manifest?.kind === 'PipelineRun' ? credsInitFindings(manifest, context) : [];
    // so is the ServiceAccount token a run mounts on purpose (an API grant): it reaches every container of the task's pod
    const token = manifest?.kind === 'TaskRun' || manifest?.kind === 'PipelineRun' ? tokenFindings(manifest, context) : [];
    // so are the Secrets the env of the run's pod template gives every step of a task's pod
    const podEnv = manifest?.kind === 'TaskRun' || manifest?.kind === 'PipelineRun' ? podEnvFindings(manifest, context) : [];
    const own = ownSecretFindings(manifest, context).filter((p) => !reported.has(`${p.location}\u0000${p.property}`));
    // a credential an earlier step or task left in a workspace or volume (persisted-credentials.ts), where no other finding is
    const at = new Set([...held, ...own].map((p) => p.location));
    const persisted = persistedCredentialFindings(manifest, context?.manifests, (p) => context?.credentialWorkspaces(p) ?? [])
      .filter((p) => !at.has(p.location));
    // a step found for several credentials is one finding that names each
    return findingsMerged([...held, ...own, ...persisted, ...run, ...token, ...podEnv]);
  },
);
