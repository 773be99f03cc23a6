/**
 * The volumes a step's mounts name, as Tekton makes the pod: the task spec's own, then those of the pod templates of
 * the runs (tektoncd/pipeline v1.15 pkg/pod/pod.go: `volumes = append(volumes, taskSpec.Volumes...)`, then
 * `podTemplate.Volumes`), and what of credentials a volume source holds.
 */
import { asArray, ContainerView, containersOf, isObject } from './containers';
import { SECRETS_STORE_CSI_DRIVER } from './defaults';
import { locallyReferenced, manifestsOfKind, oncePerSet } from './manifest-index';
import { podTemplatesOf, writesConfigDefaults } from './pods';
import { isMockProviderVolume } from './secrets-store';
import { jsString } from './text';

/**
 * What of credentials a volume source holds (a pod volume, or a run's workspace binding), in words for a message; undefined for
 * none: a `secret` (`Secret 'reg'`), a `projected` volume's `secret` sources (`Secret 'a', 'b'`) else its
 * `serviceAccountToken` (`a ServiceAccount token`), a `csi` volume of the Secrets Store driver (`the objects of
 * SecretProviderClass 'vault-creds'`; not of its `mock_provider`, which mounts an empty directory) or of another driver (`the files
 * of the CSI driver 'csi.cert-manager.io'`: the CSI drivers a pipeline mounts give certificates, keys and tokens).
 */
export function volumeCredentials(source: any): string | undefined {
  if (!isObject(source)) return undefined;
  if (isObject(source.secret)) return `Secret '${jsString(source.secret.secretName ?? '')}'`;
  const sources = asArray(source.projected?.sources);
  const secrets = sources.filter((s) => isObject(s?.secret));
  if (secrets.length > 0) return `Secret ${secrets.map((s) => `'${jsString(s.secret.name ?? '')}'`).join(', ')}`;
  if (sources.some((s) => isObject(s?.serviceAccountToken))) return 'a ServiceAccount token';
  if (!isObject(source.csi)) return undefined;
  if (source.csi.driver !== SECRETS_STORE_CSI_DRIVER) return `the files of the CSI driver '${jsString(source.csi.driver ?? '')}'`;
  if (isMockProviderVolume(source.csi)) return undefined;
  const attributes = isObject(source.csi.volumeAttributes) ? source.csi.volumeAttributes : {};
  return `the objects of SecretProviderClass '${jsString(attributes.secretProviderClass ?? '')}'`;
}

/**
 * What a run's workspace binding that holds credentials (workspaces.ts `bindsSecret`: a `secret`, `csi` or `projected` one) gives, in words
 * for a message: volumeCredentials, else its kind of volume (`a projected volume` of ConfigMaps alone, `the CSI volume of the driver '…'` of
 * the Secrets Store's `mock_provider`).
 */
export function bindingCredentials(binding: any): string {
  const held = volumeCredentials(binding);
  if (held !== undefined) return held;
  if (isObject(binding?.csi)) return `the CSI volume of the driver '${jsString(binding.csi.driver ?? '')}'`;
  return isObject(binding?.projected) ? 'a projected volume' : 'a Secret';
}

/** A volume a pod template gives the pod of a task spec, with the template that gives it, in words for a message. */
export interface TemplateVolume {
  readonly volume: Record<string, any>;
  /** E.g. `the TaskRun's podTemplate`, `the podTemplate of TaskRun 'build-run'`, `config-defaults' default-pod-template`. */
  readonly from: string;
}

/**
 * The volumes the pod templates give the pod of the task spec at `specTarget` of `manifest` ('' for a Task's or a TaskRun's
 * own, `task/<name>/` for a pipeline task's embedded spec), among what is checked together: a TaskRun's own `podTemplate`; a
 * PipelineRun's `taskRunSpecs` entry for that pipeline task and its run-wide template; for a Task, those of each TaskRun
 * that runs it by a local taskRef and of each PipelineRun whose pipeline task does (its `pipelineSpec`, or the Pipeline
 * its local `pipelineRef` names); for a Pipeline's task, those of the PipelineRuns of it; and the `default-pod-template` of
 * a config-defaults checked with it, which Tekton merges into every run's. Of one run, a volume of a name an upper template
 * gives is not the pod's: Tekton merges the templates by volume name, the upper one's kept (MergePodTemplateWithDefault,
 * mergeByName: a `taskRunSpecs` template over the run-wide one, GetTaskRunSpec; the run's over `default-pod-template`, SetDefaults),
 * so of a run's own task spec only those reach it; a Task or a Pipeline's task may be run by runs not checked here, which get
 * `default-pod-template`'s whole.
 */
export function podTemplateVolumes(manifest: any, specTarget: string, manifests: readonly any[] | undefined): TemplateVolume[] {
  const out: TemplateVolume[] = [];
  const all = manifests ?? [];
  // one run's templates, the upper first; `defaults`: then default-pod-template's volumes of the names none of them gives
  const addRun = (templates: ReadonlyArray<{ template: any; from: string }>, defaults = false) => {
    const names = new Set<unknown>();
    for (const { template, from } of templates) {
      for (const volume of asArray(template?.volumes).filter(isObject)) {
        if (names.has(volume.name)) continue;
        names.add(volume.name);
        out.push({ volume, from });
      }
    }
    if (defaults) defaultTemplateVolumes(all).filter((t) => !names.has(t.volume.name)).forEach((t) => out.push(t));
  };
  const runName = (run: any) => jsString(run?.metadata?.name ?? run?.metadata?.generateName ?? '');
  // the templates of a PipelineRun for its pipeline task `task`, its taskRunSpecs entry's first
  const pipelineRunTemplates = (run: any, task: string, own: boolean) => {
    const views = podTemplatesOf(run).filter((t) => !t.perTask || t.target === `task/${task}`);
    return [...views.filter((t) => t.perTask), ...views.filter((t) => !t.perTask)].map((t) => {
      const field = `${t.location === undefined ? '' : `${t.location} `}${t.path}`;
      return { template: t.template, from: own ? `the PipelineRun's ${field}` : `the ${field} of PipelineRun '${runName(run)}'` };
    });
  };
  const task = /^task\/(.+)\/$/.exec(specTarget)?.[1];
  if (manifest?.kind === 'TaskRun' && specTarget === '') {
    addRun([{ template: manifest.spec?.podTemplate, from: 'the TaskRun\'s podTemplate' }], true);
    return out;
  }
  if (manifest?.kind === 'PipelineRun' && task !== undefined) {
    addRun(pipelineRunTemplates(manifest, task, true), true);
    return out;
  }
  if (manifest?.kind === 'Pipeline' && task !== undefined) {
    for (const run of pipelineRunsOf(all).get(manifest) ?? []) addRun(pipelineRunTemplates(run, task, false));
  }
  if (manifest?.kind === 'Task' && specTarget === '') {
    for (const { run, task: pipelineTask } of runsOfTasks(all).get(manifest) ?? []) {
      if (pipelineTask === undefined) addRun([{ template: run.spec?.podTemplate, from: `the podTemplate of TaskRun '${runName(run)}'` }]);
      else addRun(pipelineRunTemplates(run, pipelineTask, false));
    }
  }
  for (const volume of defaultTemplateVolumes(all)) out.push(volume);
  return out;
}

const RUNS_CACHE = new WeakMap<readonly any[], Map<string, Map<any, any[]>>>();

/** Adds `entry` to the list of each of `keys` (each once). */
function addToEach<T>(lists: Map<any, T[]>, keys: readonly any[], entry: T): void {
  for (const key of new Set(keys)) {
    const list = lists.get(key);
    if (list === undefined) lists.set(key, [entry]);
    else list.push(entry);
  }
}

/**
 * For each Task of a set, the runs that run it by a local taskRef, in input order: a TaskRun (`task` undefined), or a
 * PipelineRun's pipeline task named `task` (of its `pipelineSpec`, or of the Pipeline its local `pipelineRef` names). One
 * reading per set, not a scan of every run's pipeline tasks per Task.
 */
function runsOfTasks(all: readonly any[]): Map<any, Array<{ run: any; task?: string }>> {
  return oncePerSet(RUNS_CACHE, all, 'runs', () => {
    const byTask = new Map<any, Array<{ run: any; task?: string }>>();
    const add = (tasks: readonly any[], entry: { run: any; task?: string }) => addToEach(byTask, tasks, entry);
    for (const run of all) {
      if (run?.kind === 'TaskRun') add(locallyReferenced(all, run.spec?.taskRef, 'Task', run), { run });
      if (run?.kind !== 'PipelineRun') continue;
      const specs = isObject(run.spec?.pipelineSpec) ? [run.spec.pipelineSpec]
        : locallyReferenced(all, run.spec?.pipelineRef, 'Pipeline', run).map((p) => p.spec);
      for (const t of specs.flatMap((s) => [...asArray(s?.tasks), ...asArray(s?.finally)])) {
        if (isObject(t)) add(locallyReferenced(all, t.taskRef, 'Task', run), { run, task: jsString(t.name) });
      }
    }
    return byTask;
  });
}

/** For each Pipeline of a set, the PipelineRuns whose local pipelineRef names it, in input order: one reading per set, not per pipeline task. */
function pipelineRunsOf(all: readonly any[]): Map<any, any[]> {
  return oncePerSet(RUNS_CACHE, all, 'pipelines', () => {
    const byPipeline = new Map<any, any[]>();
    for (const run of manifestsOfKind(all, 'PipelineRun')) addToEach(byPipeline, locallyReferenced(all, run.spec?.pipelineRef, 'Pipeline', run), run);
    return byPipeline;
  });
}

const DEFAULT_TEMPLATE_CACHE = new WeakMap<readonly any[], Map<string, TemplateVolume[]>>();

/** The volumes of the `default-pod-template` of each config-defaults checked in a set: one reading per set, not per task. */
function defaultTemplateVolumes(all: readonly any[]): TemplateVolume[] {
  return oncePerSet(DEFAULT_TEMPLATE_CACHE, all, 'default-pod-template', () => all.filter((x) => writesConfigDefaults(x, all))
    .flatMap((m) => podTemplatesOf(m, all)).flatMap((t) => asArray(t.template?.volumes).filter(isObject)
      .map((volume) => ({ volume, from: 'config-defaults\' default-pod-template' }))));
}

/**
 * Where a container's mount of a volume its task spec does not define is satisfied: Tekton validates no mount against the
 * task's volumes and makes the pod of the task spec's volumes and the run's pod template's, so that only a pod template
 * (one not checked here, or config-defaults' on the cluster) can give it. Undefined where the name is the task spec's, a
 * Tekton volume's (`tekton-internal-…`, `tekton-creds-init-home-…`) or where a param may make it either (`$(params.x)`).
 */
export function undefinedVolume(name: unknown, volumes: readonly any[]): boolean {
  if (typeof name !== 'string' || name === '' || name.includes('$(') || /^tekton-(internal|creds-init-home)-/.test(name)) return false;
  return !volumes.some((v) => isObject(v) && (v.name === name || (typeof v.name === 'string' && v.name.includes('$('))));
}

const CACHE = new WeakMap<readonly any[], Map<any, Map<string, TemplateVolume[]>>>();

/** `podTemplateVolumes`, read once per manifest and spec for a set of manifests checked together. */
export function podTemplateVolumesOf(manifest: any, specTarget: string, manifests: readonly any[] | undefined): TemplateVolume[] {
  if (manifests === undefined) return podTemplateVolumes(manifest, specTarget, manifests);
  const byTarget = oncePerSet(CACHE, manifests, manifest, () => new Map<string, TemplateVolume[]>());
  let found = byTarget.get(specTarget);
  if (found === undefined) byTarget.set(specTarget, found = podTemplateVolumes(manifest, specTarget, manifests));
  return found;
}

/** A mount of a container of credentials, with what it holds in words for a message. */
export interface CredentialMount {
  readonly mount: Record<string, any>;
  /** E.g. `Secret 'reg' (volume 'reg')`, `the objects of SecretProviderClass 'v' (volume 'vault' of the TaskRun's podTemplate)`. */
  readonly said: string;
  /** Where the volume is the task spec's own (`own`), a pod template's (`template`), or one no volume checked here defines (`undefined`). */
  readonly source: 'own' | 'template' | 'undefined';
  /** For a pod template's volume, the template volume mounted. */
  readonly template?: TemplateVolume;
}

/**
 * The mounts (`volumeMounts`) of a container that hold credentials (volumeCredentials): of a volume of its task spec's
 * `volumes`, else of one of that name a pod template gives (`templates`, podTemplateVolumes), else, the name defined by neither
 * (undefinedVolume), of a volume only a pod template can give, which may hold a Secret. `volumes` undefined: the task spec's are
 * not known (a StepAction read alone), and none is read as undefined.
 */
export function credentialMounts(container: any, volumes: readonly any[] | undefined, templates: readonly TemplateVolume[]): CredentialMount[] {
  const out: CredentialMount[] = [];
  for (const m of asArray(container?.volumeMounts)) {
    if (!isObject(m)) continue;
    const own = (volumes ?? []).find((v) => isObject(v) && v.name === m.name);
    if (own !== undefined) {
      const held = volumeCredentials(own);
      const kind = isObject(own.secret) || !isObject(own.projected) ? 'volume' : 'projected volume';
      if (held !== undefined) out.push({ mount: m, said: `${held} (${kind} '${jsString(own.name)}')`, source: 'own' });
      continue;
    }
    const given = templates.filter((t) => t.volume.name === m.name);
    const held = given.map((t) => ({ t, held: volumeCredentials(t.volume) })).find((x) => x.held !== undefined);
    if (held !== undefined) {
      out.push({ mount: m, said: `${held.held} (volume '${jsString(m.name)}' of ${held.t.from})`, source: 'template', template: held.t });
    } else if (given.length === 0 && volumes !== undefined && undefinedVolume(m.name, volumes)) {
      out.push({
        mount: m,
        said: `the volume '${jsString(m.name)}', which the task does not define (only a run's pod template, \`podTemplate.volumes\`, can give it: it may be a Secret)`,
        source: 'undefined',
      });
    }
  }
  return out;
}

/**
 * The containers of the task spec at `specTarget` of `manifest` (`''` for a TaskRun's own, `task/<name>/` for a pipeline task's of a Pipeline
 * or a PipelineRun's `pipelineSpec`), `holder` the TaskRun's spec or the pipeline task: those it embeds, else those of the Task its local
 * `taskRef` names among the manifests checked together (none through a resolver or bundle).
 */
export function taskSpecContainers(manifest: any, specTarget: string, holder: any, manifests: readonly any[] | undefined): ContainerView[] {
  if (isObject(holder?.taskSpec)) return containersOf(manifest).filter((v) => v.specTarget === specTarget);
  return locallyReferenced(manifests ?? [], holder?.taskRef, 'Task', manifest).flatMap((task) => containersOf(task));
}

/** A volume of a pod template that holds credentials, mounted by a container of a task spec. */
export interface TemplateCredential {
  /** The volume's name. */
  readonly name: string;
  /** What it holds and where from, e.g. `Secret 'reg' (volume 'reg' of the TaskRun's podTemplate)`. */
  readonly said: string;
  /** The first container that mounts it, e.g. `step 'test' mounts at /creds`. */
  readonly by: string;
  readonly template: TemplateVolume;
}

/**
 * The volumes of `templates` that hold credentials and that a step or sidecar (with its stepTemplate) of `views` mounts
 * (credentialMounts, a volume its task spec does not define), one per volume name.
 */
export function templateCredentials(views: readonly ContainerView[], templates: readonly TemplateVolume[]): TemplateCredential[] {
  if (templates.length === 0) return [];
  const found = new Map<string, TemplateCredential>();
  for (const v of views) {
    if (v.role === 'stepTemplate' || !v.volumesKnown) continue;
    for (const { mount, said, template } of credentialMounts(v.effective, v.volumes, templates)) {
      const name = jsString(mount.name);
      if (template === undefined || found.has(name)) continue;
      found.set(name, { name, said, by: `${v.role} '${v.designation}' mounts at ${jsString(mount.mountPath ?? '')}`, template });
    }
  }
  return [...found.values()];
}

/** For the rules' documentation: which mounted volumes `credentialMounts` reads as credentials. */
export const MOUNTED_CREDENTIALS_TEXT = 'a volume it mounts that is a Secret, a projected Secret or ServiceAccount token, or a CSI volume (a Secrets Store '
  + "volume's, `secrets-store.csi.k8s.io`, holds the objects of its SecretProviderClass; not of the driver's `mock_provider`, which mounts an "
  + 'empty directory): of its task spec, else of the pod template of a run checked together (Tekton v1.15 adds `podTemplate.volumes` to the '
  + "pod after the task's: a TaskRun's `podTemplate`, a PipelineRun's `taskRunTemplate.podTemplate` and its task's `taskRunSpecs[].podTemplate`, "
  + 'those of the TaskRuns and PipelineRuns that run a Task or Pipeline by a local reference, config-defaults\' `default-pod-template`; of one run, '
  + "a volume of a name an upper template of the run gives is not the pod's, as Tekton merges them by volume name: a `taskRunSpecs` template's "
  + "over the run-wide one's, the run's over `default-pod-template`'s), "
  + 'else, a name neither defines (not a `tekton-internal-` one, nor one a param gives), a volume only a pod template can give, '
  + 'taken as maybe a Secret (relax where the runs give none there)';
