/**
 * The ServiceAccount tokens a run's pods mount (RUN_TOKEN_AUTOMOUNT's reading), for the rules
 * that judge them: RUN_TOKEN_AUTOMOUNT reports each, CREDENTIALS_WITH_REPO_CODE counts one a
 * relaxation of RUN_TOKEN_AUTOMOUNT covers as a credential.
 */
import { asArray, isCoreV1, isObject, objectName, specPlace, taskSpecsOf } from './containers';
import { locallyReferenced, manifestsNamed } from './manifest-index';
import { manifestNamespace } from './namespaces';
import { AppliedConfigDefaults, configDefaultsProblems, podTemplatesOf } from './pods';
import { readingServiceAccounts } from './run-accounts';
import { runPipelines } from './run-pipelines';
import { jsString } from './text';

/** What a run mounts a token through: where in it (a pipeline task's pod at `task/<name>`, the whole run without a target), and how. */
export interface TokenMount {
  readonly location?: string;
  readonly target?: string;
  readonly property: string;
  readonly value?: string;
  readonly problem: string;
}

/** The objects checked with a run. */
interface Checked {
  readonly manifests: any[];
}

/**
 * Whether a run whose run-wide pod template leaves `automountServiceAccountToken` unset mounts no token all the same, with
 * `defaults`, one config-defaults Tekton may read (none without one): Tekton merges its `default-pod-template` into the
 * run's template (`MergePodTemplateWithDefault`, v1.15 pkg/apis/pipeline/pod/template.go: the default's field where the
 * run's is nil), so one that sets it `false` mounts none and one that sets it otherwise mounts one; where it leaves it
 * unset, Kubernetes takes the ServiceAccount's own setting, so every account the run's pods may run as with that
 * config-defaults (readingServiceAccounts: the run's, each non-empty `taskRunSpecs[]` one, else its `default-service-account`)
 * is a ServiceAccount of the run's namespace among the objects checked, each object of that name there with
 * `automountServiceAccountToken: false`.
 */
function accountsOptOut(manifest: any, defaults: AppliedConfigDefaults | undefined, context?: Checked): boolean {
  const manifests = context?.manifests;
  if (!Array.isArray(manifests)) return false;
  const v = defaults === undefined ? undefined : podTemplatesOf(defaults.manifest, manifests)[0]?.template?.automountServiceAccountToken;
  if (v === false) return true;
  if (v !== undefined && v !== null) return false;
  const namespace = manifestNamespace(manifest);
  return readingServiceAccounts(manifest, defaults).every((name) => {
    const objects = manifestsNamed(manifests, 'ServiceAccount', name)
      .filter((sa) => isCoreV1(sa?.apiVersion) && manifestNamespace(sa) === namespace);
    return objects.length > 0 && objects.every((sa) => sa.automountServiceAccountToken === false);
  });
}

/** Whether a volume or a workspace binding projects a ServiceAccount token. */
function projectsToken(volume: any): boolean {
  return asArray(volume?.projected?.sources).some((source) => source?.serviceAccountToken !== undefined);
}

/**
 * The volumes of the task specs a run refers to by name among the manifests checked with it, which are its pods'
 * volumes: a TaskRun's local `taskRef` (each Task of that name it may name), and for a PipelineRun each pipeline task
 * (`tasks`, `finally`) of the Pipelines its local `pipelineRef` may name, its `taskSpec` or its local `taskRef`'s Tasks,
 * and the local `taskRef`s of the tasks of the run's own `pipelineSpec` (whose `taskSpec`s taskSpecsOf reads).
 */
function referencedTokenVolumes(manifest: any, context?: Checked): TokenMount[] {
  const manifests = context?.manifests;
  if (!Array.isArray(manifests)) return [];
  const projecting = (spec: any) => asArray(isObject(spec) ? spec.volumes : undefined).filter((volume) => projectsToken(volume));
  if (manifest?.kind === 'TaskRun') {
    if (isObject(manifest.spec?.taskSpec)) return [];
    return locallyReferenced(manifests, manifest.spec?.taskRef, 'Task', manifest).flatMap((task) => projecting(task.spec).map((volume): TokenMount => ({
      property: 'spec.taskRef', value: objectName(task), problem: `refers to a Task whose volume '${jsString(volume?.name)}' projects a ServiceAccount token into the pod`,
    })));
  }
  if (manifest?.kind !== 'PipelineRun') return [];
  return runPipelines(manifest, manifests).flatMap(({ spec, from }) => {
    // (a Pipeline the run refers to by name, or the run's own pipelineSpec)
    const referred = from !== manifest;
    return [...asArray(spec.tasks), ...asArray(spec.finally)].filter(isObject).flatMap((t): TokenMount[] => {
      const at = { location: `task '${jsString(t.name)}'`, target: `task/${jsString(t.name)}` };
      // the run's own pipelineSpec's embedded task specs are read with the run's (taskSpecsOf)
      const embedded = !referred ? [] : projecting(t.taskSpec).map((volume): TokenMount => ({
        ...at,
        property: 'spec.pipelineRef',
        value: objectName(from),
        problem: `refers to a Pipeline whose task '${jsString(t.name)}' has volume '${jsString(volume?.name)}', which projects a ServiceAccount token into the pod`,
      }));
      const referenced = isObject(t.taskSpec) ? [] : locallyReferenced(manifests, t.taskRef, 'Task', from).flatMap((task) => projecting(task.spec).map((volume): TokenMount => ({
        ...at,
        property: referred ? 'spec.pipelineRef' : 'taskRef',
        value: objectName(referred ? from : task),
        problem: `${referred ? `refers to a Pipeline whose task '${jsString(t.name)}' refers to Task '${objectName(task)}',` : 'refers to a Task'}`
          + ` whose volume '${jsString(volume?.name)}' projects a ServiceAccount token into the pod`,
      })));
      return [...embedded, ...referenced];
    });
  });
}

/**
 * The volumes of config-defaults' `default-pod-template` (of each config-defaults checked with the run) that project a
 * ServiceAccount token, which Tekton merges into the run's run-wide pod template by name (`MergePodTemplateWithDefault`):
 * all but those of a name the run's template has, which replace them.
 */
function defaultTokenVolumes(manifest: any, context?: Checked): TokenMount[] {
  const manifests = context?.manifests;
  if (!Array.isArray(manifests) || (manifest?.kind !== 'PipelineRun' && manifest?.kind !== 'TaskRun')) return [];
  const run = podTemplatesOf(manifest)[0];
  const own = new Set(asArray(run?.template?.volumes).map((v) => v?.name));
  // a volume only some readings of a Tekton operator's config-defaults have names the reading
  return configDefaultsProblems(manifests, (d) => {
    if (d === undefined) return [];
    const template = podTemplatesOf(d.manifest, manifests)[0];
    return asArray(template?.template?.volumes).filter((volume) => projectsToken(volume) && !own.has(volume?.name)).map((volume): TokenMount => ({
      property: `${run.path}.volumes`,
      value: jsString(volume?.name),
      problem: `has no volume '${jsString(volume?.name)}', so Tekton adds that of config-defaults' default pod template (${d.manifest.kind} `
        + `'${objectName(d.manifest)}' ${template!.path}), which projects a ServiceAccount token into the pod`,
    }));
  });
}

/**
 * Where a run's pods mount a ServiceAccount token: the run-wide pod template does not set
 * `automountServiceAccountToken: false` (unless the accounts opt out), a per-task template turns it
 * on, a template, a workspace binding or a task spec's volumes project one (see RUN_TOKEN_AUTOMOUNT).
 */
export function tokenMounts(manifest: any, context?: Checked): TokenMount[] {
  return [
    ...podTemplatesOf(manifest).flatMap((pod) => {
      const problems: TokenMount[] = [];
      const where = pod.perTask ? { location: pod.location, target: pod.target } : {};
      const v = pod.template?.automountServiceAccountToken;
      // unset (a null decodes as unset), the ServiceAccount's own setting applies
      const accountsDecide = (v === undefined || v === null) && (manifest?.kind === 'PipelineRun' || manifest?.kind === 'TaskRun');
      if (!pod.perTask && v !== false) {
        const notFalse = { property: `${pod.path}.automountServiceAccountToken`, value: v === undefined ? undefined : jsString(v), problem: 'is not false' };
        // where the accounts decide, in each config-defaults Tekton may read (a reading of a Tekton operator's named when only some find it)
        problems.push(...(accountsDecide
          ? configDefaultsProblems(context?.manifests, (d) => (accountsOptOut(manifest, d, context) ? [] : [notFalse]))
          : [notFalse]));
      }
      // a per-task pod template may turn the token back on for one task
      if (pod.perTask && v === true) {
        problems.push({ ...where, property: `${pod.path}.automountServiceAccountToken`, value: 'true', problem: 'mounts the token' });
      }
      for (const volume of asArray(pod.template?.volumes)) {
        if (projectsToken(volume)) {
          problems.push({ ...where, property: `${pod.path}.volumes`, value: jsString(volume?.name), problem: 'projects a ServiceAccount token into the pod' });
        }
      }
      return problems;
    }),
    // a workspace bound to a projected volume (Tekton takes any ProjectedVolumeSource) mounts the token into every pod that receives it
    ...(manifest?.kind === 'PipelineRun' || manifest?.kind === 'TaskRun' ? asArray(manifest.spec?.workspaces) : [])
      .filter((w) => projectsToken(w))
      .map((w): TokenMount => ({
        location: `workspace '${jsString(w?.name)}'`,
        property: 'workspaces.projected',
        value: jsString(w?.name),
        problem: 'projects a ServiceAccount token into the pods that mount the workspace',
      })),
    // the volumes of the task specs a run embeds are its pods' volumes
    ...(manifest?.kind === 'PipelineRun' || manifest?.kind === 'TaskRun' ? taskSpecsOf(manifest) : []).flatMap((embedded) => asArray(embedded.spec?.volumes)
      .filter((volume) => projectsToken(volume))
      .map((volume): TokenMount => ({ ...specPlace(embedded), property: 'volumes', value: jsString(volume?.name), problem: 'projects a ServiceAccount token into the pod' }))),
    // and so are those of the Tasks and Pipelines it refers to by name, where they are checked with it
    ...referencedTokenVolumes(manifest, context),
    // and those config-defaults' default pod template gives every run
    ...defaultTokenVolumes(manifest, context),
  ];
}
