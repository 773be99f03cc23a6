import { asArray, ContainerView, envEntry, isObject, isTekton } from '../../private/containers';
import { locallyReferenced, manifestsOfKind, oncePerSet } from '../../private/manifest-index';
import { cleanPath, containerPathWithin } from '../../private/paths';
import {
  appliedConfigDefaults, configDefaultsKeyObject, DEFAULT_POD_TEMPLATE_KEY, DEFAULT_WORKSPACE_BINDING_KEY, defaultWorkspaceBinding, podTemplatesOf,
} from '../../private/pods';
import { clusterReferenced } from '../../private/remote-refs';
import { jsString } from '../../private/text';
import { IRuleContext, Severity } from '../rule';
import { containerRule, containerRelaxation } from '../rule-builders';
import { RuleId } from '../rule-id';

/**
 * Paths that must stay writable (through emptyDir volumes) when the root filesystem is read-only: the temporary directory
 * (`TMPDIR` when env sets it, which mktemp, bash, Go's os.TempDir and Python's tempfile use in place of /tmp; else /tmp)
 * and `HOME` when env sets it.
 */
function writablePaths(container: any): string[] {
  const tmpdir = envEntry(container, 'TMPDIR')?.value;
  const home = envEntry(container, 'HOME')?.value;
  const scratch = typeof tmpdir === 'string' && tmpdir !== '' ? tmpdir : '/tmp';
  return typeof home === 'string' && home !== '' ? [scratch, home] : [scratch];
}

/**
 * The emptyDir volumes Tekton v1.15 mounts in every step at a path the step mounts nothing at (pkg/pod/pod.go
 * `implicitVolumeMounts`: tekton-internal-home and tekton-internal-workspace), writable.
 */
const TEKTON_SCRATCH = new Set(['/tekton/home', '/workspace']);

/**
 * Whether a volume is an emptyDir: it says so, or it names no source at all (a null `emptyDir` included), which the API server
 * defaults to an emptyDir (SetDefaults_Volume) before the pod is admitted.
 */
function isEmptyDir(volume: any): boolean {
  if (!isObject(volume)) return false;
  if (isObject(volume.emptyDir)) return true;
  return Object.keys(volume).every((k) => k === 'name' || volume[k] === undefined || volume[k] === null);
}

/**
 * Whether a run's workspace binding is mounted read-only by the kubelet: a ConfigMap, Secret or projected volume (always
 * read-only), or a persistentVolumeClaim or CSI volume with `readOnly: true`.
 */
function readOnlyBinding(binding: any): boolean {
  if (!isObject(binding)) return false;
  if (isObject(binding.configMap) || isObject(binding.secret) || isObject(binding.projected)) return true;
  return (isObject(binding.persistentVolumeClaim) && binding.persistentVolumeClaim.readOnly === true)
    || (isObject(binding.csi) && binding.csi.readOnly === true);
}

/** A run of the container's task spec: a TaskRun, or a PipelineRun with the pipeline task that runs the spec. */
interface RunOfSpec {
  readonly run: any;
  /** For a PipelineRun's task, the pipeline task. */
  readonly pipelineTask?: any;
  /** For messages, when the run is a child PipelineRun Tekton makes (`the child PipelineRun of pipeline task 'ci' of PipelineRun 'r'`). */
  readonly by?: string;
}

/** The pipeline tasks of the PipelineRuns of a set of manifests checked together (`tasksOfRun`), found once per set. */
const RUN_TASKS = new WeakMap<readonly any[], Map<string, Array<{ run: RunOfSpec; task: any; spec: any }>>>();

/** How deep pipelines in pipelines are followed. */
const MAX_NESTING = 4;

/** A run as messages name it: `PipelineRun 'r'`, or the child PipelineRun it stands for. */
const runName = (run: any, by?: string): string => by ?? `${run.kind} '${jsString(run.metadata?.name ?? run.metadata?.generateName ?? '')}'`;

/**
 * The child PipelineRun Tekton v1.15 makes for a pipeline task that runs a pipeline (pipelines in pipelines, alpha:
 * `pipelineSpec`, or `pipelineRef`), as this rule reads it (pkg/reconciler/pipelinerun `createChildPipelineRun`): the parent's
 * run-wide pod template (its `taskRunTemplate`, not its `taskRunSpecs`, which name the parent's tasks) and, for each workspace the
 * pipeline task passes, the parent's binding of the workspace it names (`workspace`, else the same name), a copy of its source
 * (`getChildPipelineRunWorkspaces`).
 */
function childRun(parent: RunOfSpec, task: any): RunOfSpec {
  const bindings = asArray(parent.run.spec?.workspaces).filter(isObject);
  const workspaces = asArray(task.workspaces).filter(isObject).flatMap((w) => {
    const from = typeof w.workspace === 'string' && w.workspace !== '' ? w.workspace : w.name;
    const b = bindings.find((x) => x.name === from);
    return b === undefined || typeof w.name !== 'string' ? [] : [{ ...b, name: w.name }];
  });
  const template = podTemplatesOf(parent.run)[0]?.template;
  return {
    run: { kind: 'PipelineRun', metadata: parent.run.metadata, spec: { workspaces, ...(template !== undefined ? { taskRunTemplate: { podTemplate: template } } : {}) } },
    by: `the child PipelineRun of pipeline task '${jsString(task.name)}' of ${runName(parent.run, parent.by)}`,
  };
}

/** The pipeline specs a pipeline task runs as a child PipelineRun: its `pipelineSpec`, else the local Pipelines its `pipelineRef` names. */
function childSpecs(task: any, manifests: readonly any[], from: any): any[] {
  return isObject(task.pipelineSpec) ? [task.pipelineSpec] : referenced(manifests, task.pipelineRef, 'Pipeline', from).map((p) => p.spec).filter(isObject);
}

/**
 * Each pipeline task of a run's pipeline spec, with the run it runs in, and those of the pipelines its pipeline tasks run as
 * child PipelineRuns (`childRun`), to MAX_NESTING levels.
 */
function tasksOfRun(run: RunOfSpec, spec: any, manifests: readonly any[], from: any, depth = 0): Array<{ run: RunOfSpec; task: any; spec: any }> {
  return pipelineTasks(spec).flatMap((task) => [
    { run, task, spec },
    ...depth >= MAX_NESTING ? []
      : childSpecs(task, manifests, from).flatMap((child) => tasksOfRun(childRun(run, task), child, manifests, from, depth + 1)),
  ]);
}

/**
 * The run of the pipeline task that runs a container, following the pipeline tasks its path goes through from a run of the
 * pipeline spec at `prefix` (`spec.pipelineSpec`, `spec`): each that runs a pipeline (`…tasks[0].pipelineSpec.tasks[1]…`) makes a
 * child PipelineRun (`childRun`). Undefined when the path is not of a task spec of that pipeline spec.
 */
function runAlongPath(run: RunOfSpec, root: any, prefix: string, path: string): RunOfSpec | undefined {
  if (!path.startsWith(`${prefix}.`)) return undefined;
  const rest = path.slice(prefix.length + 1);
  const m = /^((?:(?:tasks|finally)\[\d+\]\.pipelineSpec\.)*)(tasks|finally)\[(\d+)\]\.taskSpec\.(?:steps|sidecars)\[\d+\]$/.exec(rest);
  if (m === null) return undefined;
  let spec = prefix.split('.').reduce((o: any, k) => o?.[k], root);
  let at = run;
  for (const hop of m[1].split('.pipelineSpec.').filter((h) => h !== '')) {
    const [, list, index] = /^(tasks|finally)\[(\d+)\]$/.exec(hop)!;
    const task = spec?.[list]?.[Number(index)];
    if (!isObject(task) || !isObject(task.pipelineSpec)) return undefined;
    at = childRun(at, task);
    spec = task.pipelineSpec;
  }
  const task = spec?.[m[2]]?.[Number(m[3])];
  return isObject(task) ? { ...at, pipelineTask: task } : undefined;
}

const isRun = (m: any, kind: string) => m?.kind === kind && isTekton(m);

/**
 * The Tasks or Pipelines among the objects that a `taskRef` or `pipelineRef` names: by name (locallyReferenced), or through the
 * cluster resolver, which fetches the object of that name and namespace from the cluster (clusterReferenced).
 */
function referenced(manifests: readonly any[], ref: any, kind: 'Task' | 'Pipeline', from: any): readonly any[] {
  const local = locallyReferenced(manifests, ref, kind, from);
  return local.length > 0 ? local : clusterReferenced(manifests, ref, kind);
}

/** The pipeline specs a PipelineRun runs: its own pipelineSpec, else the Pipelines among the objects its pipelineRef names (`referenced`). */
function pipelineSpecsOf(run: any, manifests: readonly any[]): any[] {
  return isObject(run.spec?.pipelineSpec) ? [run.spec.pipelineSpec] : referenced(manifests, run.spec?.pipelineRef, 'Pipeline', run).map((p) => p.spec);
}

const pipelineTasks = (spec: any): any[] => [...asArray(spec?.tasks), ...asArray(spec?.finally)].filter(isObject);

/**
 * The runs of the container's task spec that are known: the run in the same object (a TaskRun's own taskSpec, a task of a
 * PipelineRun's own pipelineSpec); with the objects checked together, for a Task the TaskRuns whose local taskRef names it and the
 * PipelineRuns whose pipeline (embedded, or a local Pipeline) has a task whose local taskRef names it, and for a task spec embedded in
 * a Pipeline the PipelineRuns whose local pipelineRef names that Pipeline; in each, the child PipelineRuns of the pipeline tasks that
 * run a pipeline on the way (`childRun`: a task spec embedded in a nested `pipelineSpec`, a Task or Pipeline such a pipeline names).
 * A Task or Pipeline fetched through a resolver or bundle is none of the objects: its runs are not followed.
 */
function runsOfSpec(view: ContainerView, manifest: any, context: IRuleContext | undefined): RunOfSpec[] {
  if (!isTekton(manifest)) return [];
  if (manifest?.kind === 'TaskRun' && /^spec\.taskSpec\.(?:steps|sidecars)\[\d+\]$/.test(view.path)) return [{ run: manifest }];
  if (manifest?.kind === 'PipelineRun') {
    const own = runAlongPath({ run: manifest }, manifest, 'spec.pipelineSpec', view.path);
    return own === undefined ? [] : [own];
  }
  if (context === undefined) return [];
  const manifests = context.manifests;
  // each pipeline task of the PipelineRuns checked together, in their pipelines and those their pipeline tasks run
  const runTasks = oncePerSet(RUN_TASKS, manifests, 'tasks', () => manifestsOfKind(manifests, 'PipelineRun').filter((r) => isRun(r, 'PipelineRun'))
    .flatMap((r) => pipelineSpecsOf(r, manifests).flatMap((spec) => tasksOfRun({ run: r }, spec, manifests, r))));
  if (manifest?.kind === 'Task' && /^spec\.(?:steps|sidecars)\[\d+\]$/.test(view.path)) {
    const names = (ref: any, from: any) => referenced(manifests, ref, 'Task', from).includes(manifest);
    return [
      ...manifestsOfKind(manifests, 'TaskRun').filter((r) => isRun(r, 'TaskRun') && names(r.spec?.taskRef, r)).map((r) => ({ run: r })),
      ...runTasks.filter(({ task, run }) => names(task.taskRef, run.run)).map(({ run, task }) => ({ ...run, pipelineTask: task })),
    ];
  }
  if (manifest?.kind === 'Pipeline') {
    // the runs of the Pipeline: the PipelineRuns whose local pipelineRef names it, and the child PipelineRuns of the pipeline
    // tasks whose local pipelineRef does
    const runs: RunOfSpec[] = [
      ...manifestsOfKind(manifests, 'PipelineRun')
        .filter((r) => isRun(r, 'PipelineRun') && referenced(manifests, r.spec?.pipelineRef, 'Pipeline', r).includes(manifest)).map((r) => ({ run: r })),
      ...runTasks.filter(({ task, run }) => referenced(manifests, task.pipelineRef, 'Pipeline', run.run).includes(manifest))
        .map(({ run, task }) => childRun(run, task)),
    ];
    return runs.flatMap((run) => {
      const at = runAlongPath(run, manifest, 'spec', view.path);
      return at === undefined ? [] : [at];
    });
  }
  return [];
}

/**
 * The workspaces of the task that a known run binds read-only (`readOnlyBinding`): a TaskRun's binding of the name, a PipelineRun's
 * binding of the pipeline workspace its pipeline task passes (`workspace`, else the same name); or, each non-optional workspace of
 * `spec` the run leaves unbound, when config-defaults' default binding (`defaults`, any of them) is read-only. One run that binds it
 * so is enough: its steps fail.
 */
function readOnlyBound(
  runs: readonly RunOfSpec[], spec: any, defaults: ReadonlyArray<{ readonly binding: Record<string, any> }>,
): Map<string, string> {
  const out = new Map<string, string>();
  // config-defaults' default-task-run-workspace-binding: in any reading of it, read-only
  const readOnlyDefault = defaults.find((d) => readOnlyBinding(d.binding));
  for (const run of runs) {
    const bindings = asArray(run.run.spec?.workspaces).filter(isObject);
    const bound = (name: unknown) => bindings.find((b) => b.name === name);
    const by = runName(run.run, run.by);
    // the TaskRun's bindings, by the task's workspace name
    const taskRunBindings = new Map<string, string>();
    if (run.pipelineTask === undefined) {
      for (const b of bindings) {
        if (typeof b.name !== 'string') continue;
        taskRunBindings.set(b.name, b.name);
        if (readOnlyBinding(b) && !out.has(b.name)) out.set(b.name, `${by} binds it to ${bindingSource(b)}`);
      }
    } else {
      for (const w of asArray(run.pipelineTask.workspaces).filter(isObject)) {
        const passed = typeof w.workspace === 'string' && w.workspace !== '' ? w.workspace : w.name;
        const b = bound(passed);
        // a pipeline workspace the run does not bind gives the TaskRun no binding (the run fails unless it is optional)
        if (typeof w.name === 'string' && b !== undefined) taskRunBindings.set(w.name, passed);
        if (typeof w.name === 'string' && readOnlyBinding(b) && !out.has(w.name)) out.set(w.name, `${by} binds it (as its workspace '${jsString(passed)}') to ${bindingSource(b)}`);
      }
    }
    if (readOnlyDefault === undefined) continue;
    // the TaskRun reconciler binds every non-optional workspace the TaskRun leaves unbound to the default (updateTaskRunWithDefaultWorkspaces)
    for (const w of asArray(spec?.workspaces).filter(isObject)) {
      if (typeof w.name !== 'string' || w.optional === true || taskRunBindings.has(w.name) || out.has(w.name)) continue;
      out.set(w.name, `${by} leaves it unbound${run.pipelineTask === undefined ? '' : ` (pipeline task '${jsString(run.pipelineTask.name)}' passes it no workspace the run binds)`}, `
        + `and config-defaults' ${DEFAULT_WORKSPACE_BINDING_KEY} binds it to ${bindingSource(readOnlyDefault.binding)}`);
    }
  }
  return out;
}

/** config-defaults' default-task-run-workspace-binding in each reading of config-defaults checked together that sets it. */
function defaultBindings(context: IRuleContext | undefined): Array<{ readonly binding: Record<string, any> }> {
  if (context === undefined) return [];
  const manifests = context.manifests;
  return oncePerSet(DEFAULT_BINDINGS, manifests, 'bindings', () => appliedConfigDefaults(manifests)
    .flatMap((d) => defaultWorkspaceBinding(configDefaultsKeyObject(d, DEFAULT_WORKSPACE_BINDING_KEY), manifests) ?? []));
}

/** `defaultBindings`, once per set of manifests checked together. */
const DEFAULT_BINDINGS = new WeakMap<readonly any[], Map<string, Array<{ readonly binding: Record<string, any> }>>>();

/** What a read-only binding (`readOnlyBinding`) binds, for a message: `a configMap, which the kubelet mounts read-only`. */
function bindingSource(b: any): string {
  const key = ['configMap', 'secret', 'projected'].find((k) => isObject(b[k]));
  return key !== undefined ? `a ${key} volume, which the kubelet mounts read-only` : `a ${isObject(b.csi) ? 'csi' : 'persistentVolumeClaim'} volume with readOnly: true`;
}

/** The volumes of a pod template, by name (a later one of a name replaces an earlier one). */
function templateVolumes(template: any): Map<string, any> {
  return new Map(asArray(template?.volumes).filter((v) => isObject(v) && typeof v.name === 'string').map((v) => [v.name as string, v]));
}

/**
 * For each reading of config-defaults checked together (one when there is none) and each known run of the task spec
 * (`runsOfSpec`; none when none is known), the volumes the pod gets from pod templates, by name, as Tekton v1.15 merges them
 * (`MergePodTemplateWithDefault`, volumes by name, the run's over the default): config-defaults' `default-pod-template` (every
 * run's), under the run's run-wide template, under its per-task one (`taskRunSpecs`, for the pipeline task that runs the spec).
 */
function podTemplateVolumeReadings(runs: readonly RunOfSpec[], context: IRuleContext | undefined): Array<Map<string, any>> {
  const defaults = context === undefined ? [] : appliedConfigDefaults(context.manifests)
    .map((d) => podTemplatesOf(configDefaultsKeyObject(d, DEFAULT_POD_TEMPLATE_KEY), context.manifests)[0]?.template);
  const owns = runs.length === 0 ? [[]] : runs.map((run) => podTemplatesOf(run.run)
    .filter((t) => !t.perTask || t.target === `task/${jsName(run.pipelineTask?.name)}`)
    .map((t) => t.template));
  return (defaults.length === 0 ? [undefined] : defaults).flatMap((d) => owns.map((own) => {
    const merged = templateVolumes(d);
    for (const t of own) for (const [name, v] of templateVolumes(t)) merged.set(name, v);
    return merged;
  }));
}

const jsName = (x: unknown) => (typeof x === 'string' ? x : '');

/**
 * The paths at which Tekton v1.15 mounts a workspace of the task writable in a step or sidecar (pkg/workspace/apply.go `Apply`): each
 * declared workspace not `readOnly` and not `optional` (a run may leave an optional one unbound, and then nothing is mounted), at its
 * `mountPath` or `/workspace/<name>`; one that a step or sidecar lists in its own `workspaces` only in those that list it, at the
 * `mountPath` the entry gives, else the declared one.
 */
function workspacePaths(spec: any, container: any, readOnly: ReadonlySet<string> | ReadonlyMap<string, string>): string[] {
  const isolated = new Set([...asArray(spec?.steps), ...asArray(spec?.sidecars)]
    .flatMap((c) => asArray(c?.workspaces)).map((u) => u?.name).filter((n) => typeof n === 'string'));
  const out: string[] = [];
  for (const w of asArray(spec?.workspaces)) {
    if (!isObject(w) || typeof w.name !== 'string' || w.readOnly === true || w.optional === true || readOnly.has(w.name)) continue;
    const declared = typeof w.mountPath === 'string' && w.mountPath !== '' ? w.mountPath : `/workspace/${w.name}`;
    if (!isolated.has(w.name)) {
      out.push(declared);
      continue;
    }
    const usage = asArray(container?.workspaces).find((u) => u?.name === w.name);
    if (usage !== undefined) out.push(typeof usage.mountPath === 'string' && usage.mountPath !== '' ? usage.mountPath : declared);
  }
  return out;
}

/**
 * The path Tekton writes for a `HOME` or `TMPDIR` of `$(workspaces.<name>.path)`, alone or before `/<more>`: the declared workspace's
 * `mountPath`, else `/workspace/<name>` (pkg/workspace `GetMountPath`, whatever path a step that lists it mounts it at), then what
 * follows; any other value as written.
 */
function substitutedPath(value: string, spec: any): string {
  const m = /^\$\(workspaces\.([^.\s()]+)\.path\)(\/.*)?$/.exec(value);
  const w = m === null ? undefined : asArray(spec?.workspaces).find((d) => isObject(d) && d.name === m[1]);
  if (w === undefined) return value;
  return `${typeof w.mountPath === 'string' && w.mountPath !== '' ? w.mountPath : `/workspace/${w.name}`}${m![2] ?? ''}`;
}

/** Whether a mount path is `path`: as written, or both absolute and one once the container runtime cleans them. */
function samePath(mountPath: unknown, path: string): boolean {
  if (typeof mountPath !== 'string') return false;
  return mountPath === path || (mountPath.startsWith('/') && path.startsWith('/') && cleanPath(mountPath) === cleanPath(path));
}

/**
 * The mount point that holds `path`: of those given, `path` itself (samePath), else the deepest absolute one it lies under
 * as the container runtime cleans them (containerPathWithin), else `path` (nothing is mounted above it).
 */
function mountPointOf(path: string, mountPoints: readonly unknown[]): string {
  if (mountPoints.some((m) => samePath(m, path)) || !path.startsWith('/')) return path;
  const above = mountPoints.filter((m): m is string => typeof m === 'string' && m.startsWith('/') && containerPathWithin(m, path));
  return above.length === 0 ? path : above.reduce((a, b) => (cleanPath(b).length > cleanPath(a).length ? b : a));
}

/**
 * Steps and sidecars whose root filesystem is read-only have emptyDir volumes at /tmp
 * and $HOME. Not a security control (a read-only root without them is as safe): most
 * tools write temporary files there, so without them the step fails when it runs. A path
 * under a mount point is on that volume (the deepest mount point above it decides). A
 * volume without a source is an emptyDir (the API server defaults it so), and a writable
 * workspace Tekton mounts at the path serves as well (not one a known run binds read-only:
 * a ConfigMap, Secret or projected volume, a readOnly claim or CSI volume). A volume the task
 * does not declare serves where the pod templates that reach its pod (config-defaults'
 * default one, those of the known runs: the run in the same object, and the runs checked
 * together that refer to the Task or Pipeline, and the child PipelineRuns of pipelines in pipelines) add it as an emptyDir. A
 * workspace a known run leaves unbound is bound to config-defaults' default-task-run-workspace-binding.
 */
export const WRITABLE_SCRATCH = containerRule(
  {
    id: RuleId.WRITABLE_SCRATCH,
    severity: Severity.LOW,
    title: 'Steps and sidecars with a read-only root filesystem have emptyDir volumes at /tmp and $HOME',
    rationale:
      'Most tools write temporary files to /tmp or the home directory; with a read-only root filesystem and no writable '
      + 'volume there, the step fails at run time. A configuration that cannot run is a bug too, and the fix that people '
      + 'reach for under pressure is to make the whole root writable again.',
    fix: 'Mount emptyDir volumes at /tmp (at $TMPDIR when env sets TMPDIR) and at $HOME (when env sets HOME).',
    decidesFrom:
      'Every step (the stepTemplate merged under it) and sidecar of Tasks, TaskRuns, Pipelines and PipelineRuns '
      + '(`tekton.dev` v1 or v1beta1, or no apiVersion; embedded `taskSpec`s and `pipelineSpec`s followed to any depth) '
      + 'whose `securityContext.readOnlyRootFilesystem` is the boolean `true` needs a writable volume at:\n\n'
      + '- `/tmp`, or the value of `TMPDIR` instead when `env` sets it (mktemp, bash, Go\'s `os.TempDir` and Python\'s `tempfile` write their '
      + 'temporary files there; Shipwright\'s buildah strategies set `TMPDIR: /shp-tmp` over an emptyDir);\n'
      + '- the value of `HOME`, when `env` sets it.\n\n'
      + 'Any of these serves at such a path:\n\n'
      + '- a mount (in the stepTemplate\'s or the container\'s `volumeMounts`), not read-only, of an `emptyDir` volume of the task\'s '
      + '`spec.volumes`, or of one that names no source, which the API server defaults to an emptyDir;\n'
      + '- in a step (not a sidecar), `/tekton/home` or `/workspace` where the step mounts nothing there: Tekton v1.15 mounts an emptyDir of '
      + 'its own at both in every step (pkg/pod/pod.go `implicitVolumeMounts`);\n'
      + '- where the container mounts nothing at the path, a workspace of the task mounted there: Tekton v1.15 mounts each declared '
      + 'workspace not `readOnly` and not `optional` at its `mountPath` (else `/workspace/<name>`) in every step and sidecar, or, when a '
      + 'step or sidecar lists it in its own `workspaces`, only in those, at the `mountPath` the entry gives (pkg/workspace/apply.go);\n'
      + '- a mount of a volume the task does not declare, where the pod templates give it as an emptyDir for every known run (Tekton v1.15 '
      + 'adds their volumes to the pod, merged by name: `MergePodTemplateWithDefault`): config-defaults\' `default-pod-template` checked '
      + 'together (every run\'s; in each reading of config-defaults beside a Tekton operator\'s object), under the run\'s `podTemplate` (a '
      + 'PipelineRun\'s run-wide `taskRunTemplate.podTemplate`, v1beta1 `podTemplate`, then the pipeline task\'s `taskRunSpecs` one).\n\n'
      + 'A `HOME` or `TMPDIR` of `$(workspaces.<name>.path)`, alone or before `/<more>`, is the path Tekton writes for it, the declared '
      + 'workspace\'s `mountPath` (else `/workspace/<name>`), then what follows.\n\n'
      + 'An absolute path under such a mount point (`TMPDIR: /tmp/build` over an emptyDir at `/tmp`), as the container runtime cleans '
      + 'both, is on its volume, where the step can create it (`mkdir -p "$TMPDIR"`): the deepest mount point above it decides, '
      + 'among the container\'s mounts, the task\'s workspaces (a read-only or optional one among them) and, in a step, `/tekton/home` and '
      + '`/workspace`.\n\n'
      + 'The runs of the task spec that are known are read too:\n\n'
      + '- the run in the same object (a TaskRun\'s own `taskSpec`, a task of a PipelineRun\'s own `pipelineSpec`);\n'
      + '- with the objects checked together (a `taskRef` or `pipelineRef` naming a Task or Pipeline by name, or through the cluster '
      + 'resolver: its literal `name` and `namespace`, else cluster-resolver-config\'s default namespace, and `kind` task or pipeline, or '
      + 'none), the TaskRuns whose local `taskRef` names a Task, the PipelineRuns whose pipeline (embedded, or a local Pipeline) has a '
      + 'task whose local `taskRef` names it, and the PipelineRuns whose local `pipelineRef` names a Pipeline that embeds the spec;\n'
      + '- for pipelines in pipelines (alpha in v1.15), the child PipelineRun Tekton makes for a pipeline task that runs a pipeline '
      + '(`pipelineSpec`, or a local `pipelineRef`), to four levels, as `createChildPipelineRun` makes it: the parent\'s run-wide pod '
      + 'template (not its `taskRunSpecs`, which name the parent\'s tasks) and the parent\'s binding of each workspace the pipeline task '
      + 'passes (`workspace`, else the same name), its tasks runs of the specs they embed and of the Tasks and Pipelines they name.\n\n'
      + 'A workspace one of them binds read-only serves as none:\n\n'
      + '- a TaskRun\'s binding of the name, or a PipelineRun\'s binding of the pipeline workspace the pipeline task passes (`workspace`, '
      + 'else the same name), to a ConfigMap, Secret or projected volume (the kubelet mounts them read-only) or to a `persistentVolumeClaim` '
      + 'or `csi` volume with `readOnly: true`;\n'
      + '- a non-optional workspace a known run leaves unbound (no binding of its name in a TaskRun; no entry of the pipeline task passing '
      + 'it a workspace the run binds) where config-defaults\' `default-task-run-workspace-binding` (in any reading of config-defaults '
      + 'checked together) binds it read-only: the TaskRun reconciler binds each such workspace to a copy of it '
      + '(`updateTaskRunWithDefaultWorkspaces`).\n\n'
      + 'A container with a writable root filesystem is not judged (READ_ONLY_ROOT_FILESYSTEM is).',
    limits:
      "StepActions are not checked, since their volumes are the Task's. `$HOME` is checked only when `env` sets `HOME` (the "
      + "image's home directory is not known). `HOME` and `TMPDIR` are read as the kubelet reads them: the last entry of that name, the "
      + "step's over the stepTemplate's (so is a mount at `/tmp`); one set through `envFrom` is not seen. A tool that writes "
      + '`/tmp` whatever `TMPDIR` says is not known, nor whether the step creates a directory under a mount point before a tool needs '
      + 'it: GNU mktemp and `git config --global` fail on a `TMPDIR` or `HOME` that does not exist (Python\'s `tempfile` falls back to '
      + '`/tmp`). '
      + 'Absolute paths are compared as the container runtime cleans them (`/tmp/` and `/tmp/.` are `/tmp`), others as written; '
      + 'whether the tool writes elsewhere is not known.\n\n'
      + 'Runs not checked with a Task or Pipeline, or that reach it through a resolver other than the cluster resolver or a bundle, are '
      + 'not seen: a workspace is taken for writable unless a known run binds it read-only (without a known run, config-defaults\' default '
      + 'binding is not applied, as a run may bind every workspace), and a volume the known runs\' templates give may be missing from '
      + 'theirs (config-defaults\' volume may be replaced by name by an unseen run\'s template of another source); without a known run, a '
      + 'mount of a volume the task does not declare is a finding.\n\n'
      + 'A task spec a run fetches through a resolver (git, hub, http, bundles) or a bundle is not among the objects, so its steps are not '
      + 'judged here, whatever the run binds, and the run alone decides nothing: a run sets no step\'s `securityContext` (a pod '
      + 'template\'s is the pod\'s, which has no `readOnlyRootFilesystem`; `stepSpecs` and `sidecarSpecs` set compute resources only), so '
      + 'whether a step\'s root is read-only, and what it mounts, is the fetched Task\'s (audit the fetched Task itself, with the run); '
      + 'feature-flags\' `set-security-context-read-only-root-filesystem` makes the roots of Tekton\'s own init containers and results '
      + 'sidecar read-only, not the steps\'.\n\n'
      + 'An optional workspace is not counted even where the run binds it, and a generic `ephemeral` volume is a finding.',
    howToRelax: containerRelaxation(RuleId.WRITABLE_SCRATCH, { props: 'A step whose tool needs no scratch space can record why.' }),
    relaxable: true,
  },
  (view, context, manifest) => {
    const c = view.effective;
    // a writable root is READ_ONLY_ROOT_FILESYSTEM's; a StepAction's volumes are the Task's
    if (c?.securityContext?.readOnlyRootFilesystem !== true || !view.volumesKnown) return [];
    const declared = new Set(view.volumes.filter(isObject).map((v) => v.name));
    const emptyDirs = new Set(view.volumes.filter(isEmptyDir).map((v) => v.name));
    // a volume the task does not declare, that the pod templates give as an emptyDir in every reading of config-defaults
    // (one the task declares too makes a pod the API server refuses: the task's is read)
    const runs = runsOfSpec(view, manifest, context);
    const readings = podTemplateVolumeReadings(runs, context);
    const fromTemplates = new Set([...readings[0].keys()]
      .filter((name) => !declared.has(name) && readings.every((r) => r.has(name) && isEmptyDir(r.get(name)))));
    // a step's or sidecar's own mount at a workspace's path replaces the workspace's there
    const readOnly = readOnlyBound(runs, view.taskSpec, runs.length === 0 ? [] : defaultBindings(context));
    const workspaces = workspacePaths(view.taskSpec, view.container, readOnly);
    // a workspace mounted at the path that is none: declared readOnly, or bound read-only by a known run
    const readOnlyWorkspace = (path: string): { name: string; why: string } | undefined => {
      for (const w of asArray(view.taskSpec?.workspaces).filter(isObject)) {
        if (typeof w.name !== 'string' || w.optional === true) continue;
        const at = workspacePaths({ ...view.taskSpec, workspaces: [{ ...w, readOnly: false }] }, view.container, new Set());
        if (!at.some((p) => samePath(p, path))) continue;
        if (w.readOnly === true) return { name: w.name, why: 'the task declares it readOnly: true' };
        const why = readOnly.get(w.name);
        if (why !== undefined) return { name: w.name, why };
      }
      return undefined;
    };
    // every mount point in the container: its own mounts, the task's workspaces (read-only and optional ones too: a path under one is
    // that workspace's), Tekton's own emptyDirs in a step
    const mountPoints = [
      ...asArray(c.volumeMounts).map((m) => m?.mountPath),
      ...workspacePaths({
        ...view.taskSpec, workspaces: asArray(view.taskSpec?.workspaces).map((w) => (isObject(w) ? { ...w, readOnly: false, optional: false } : w)),
      }, view.container, new Set()),
      ...view.role === 'step' ? TEKTON_SCRATCH : [],
    ];
    return writablePaths(c)
      // a path under a mount point is written to its volume (the step can create it there, `mkdir -p "$TMPDIR"`)
      .map((written) => ({ written, at: mountPointOf(substitutedPath(written, view.taskSpec), mountPoints) }))
      .filter(({ at }) => {
        const mounts = asArray(c.volumeMounts).filter((m) => samePath(m?.mountPath, at));
        // a mount the step reads only is no scratch space; paths as the container runtime cleans them ("/tmp/" is /tmp)
        if (mounts.some((m) => (emptyDirs.has(m.name) || fromTemplates.has(m.name)) && m.readOnly !== true)) return false;
        if (mounts.length === 0 && workspaces.some((w) => samePath(w, at))) return false;
        // Tekton mounts an emptyDir of its own at /tekton/home and /workspace in every step that mounts nothing there
        return !(view.role === 'step' && mounts.length === 0 && at.startsWith('/') && TEKTON_SCRATCH.has(cleanPath(at)));
      })
      .map(({ written: path, at }) => {
        const ro = asArray(c.volumeMounts).some((m) => samePath(m?.mountPath, at)) ? undefined : readOnlyWorkspace(at);
        if (ro === undefined) return { property: 'volumeMounts', value: path, problem: 'has no emptyDir volume mounted' };
        // (a path of $(workspaces.<name>.path) is the workspace's wherever it is moved: the rule's own fix)
        const fix = path.startsWith('$(') ? {} : {
          fix: `Give ${path} a volume of its own: move workspace '${jsString(ro.name)}' elsewhere (its mountPath) and mount an emptyDir volume at ${path} `
            + `(volumes: [{ name: tmp, emptyDir: {} }], volumeMounts: [{ name: tmp, mountPath: ${path} }]).`,
        };
        return {
          property: 'volumeMounts',
          value: path,
          problem: `has no emptyDir volume mounted: workspace '${jsString(ro.name)}' is mounted ${at === substitutedPath(path, view.taskSpec) ? 'there' : `at ${at}, above it`}, `
            + `but ${ro.why}, so the step cannot write there`,
          ...fix,
        };
      });
  },
);
