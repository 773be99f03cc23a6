import { asArray, isObject, objectName, specPlace, taskSpecsOf } from '../../private/containers';
import { locallyReferenced, manifestsNamed } from '../../private/manifest-index';
import { manifestNamespace } from '../../private/namespaces';
import { appliedConfigDefaults, podTemplatesOf } from '../../private/pods';
import { runServiceAccounts, taskServiceAccounts } from '../../private/run-accounts';
import { runPipelines } from '../../private/run-pipelines';
import { jsString } from '../../private/text';
import { IRuleContext, Severity } from '../rule';
import { kindIs, manifestRule, Problem, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

/**
 * Run pods do not mount a ServiceAccount token: the run-wide pod template sets
 * `automountServiceAccountToken: false`, no per-task template turns it back on,
 * and no template mounts a token through a projected volume.
 */
/**
 * Whether a run whose run-wide pod template leaves `automountServiceAccountToken` unset mounts no token all the same:
 * Kubernetes then takes the ServiceAccount's own setting, so every account the run's pods may run as (the run's, and
 * each non-empty `taskRunSpecs[]` one, as Tekton picks them) is a ServiceAccount of the run's namespace among the
 * objects checked, each object of that name there with `automountServiceAccountToken: false`; and no config-defaults'
 * `default-pod-template` checked with the run sets it, which Tekton would merge into the run's template.
 */
function accountsOptOut(manifest: any, context?: IRuleContext): boolean {
  const manifests = context?.manifests;
  if (!Array.isArray(manifests)) return false;
  for (const d of appliedConfigDefaults(manifests)) {
    const v = podTemplatesOf(d.manifest)[0]?.template?.automountServiceAccountToken;
    if (v !== undefined && v !== null) return false;
  }
  // every account a task may run as (each default of several config-defaults that disagree)
  const accounts = manifest?.kind === 'TaskRun' ? taskServiceAccounts(manifest, undefined, manifests)
    : [...runServiceAccounts(manifest, manifests), ...asArray(manifest?.spec?.taskRunSpecs)
      .filter((t) => typeof t?.pipelineTaskName === 'string').flatMap((t) => taskServiceAccounts(manifest, t.pipelineTaskName, manifests))];
  const namespace = manifestNamespace(manifest);
  return accounts.every((name) => {
    const objects = manifestsNamed(manifests, 'ServiceAccount', name)
      .filter((sa) => sa?.apiVersion === 'v1' && manifestNamespace(sa) === namespace);
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
function referencedTokenVolumes(manifest: any, context?: IRuleContext): Problem[] {
  const manifests = context?.manifests;
  if (!Array.isArray(manifests)) return [];
  const projecting = (spec: any) => asArray(isObject(spec) ? spec.volumes : undefined).filter((volume) => projectsToken(volume));
  if (manifest?.kind === 'TaskRun') {
    if (isObject(manifest.spec?.taskSpec)) return [];
    return locallyReferenced(manifests, manifest.spec?.taskRef, 'Task', manifest).flatMap((task) => projecting(task.spec).map((volume): Problem => ({
      property: 'spec.taskRef', value: jsString(volume?.name), problem: `refers to Task '${objectName(task)}', whose volume '${jsString(volume?.name)}' projects a ServiceAccount token into the pod`,
    })));
  }
  if (manifest?.kind !== 'PipelineRun') return [];
  return runPipelines(manifest, manifests).flatMap(({ spec, from }) => {
    const pipeline = from === manifest ? undefined : `Pipeline '${objectName(from)}'`;
    return [...asArray(spec.tasks), ...asArray(spec.finally)].filter(isObject).flatMap((t): Problem[] => {
      const at = { location: `task '${jsString(t.name)}'`, target: `task/${jsString(t.name)}` };
      // the run's own pipelineSpec's embedded task specs are read with the run's (taskSpecsOf)
      const embedded = pipeline === undefined ? [] : projecting(t.taskSpec).map((volume): Problem => ({
        ...at,
        property: 'spec.pipelineRef',
        value: jsString(volume?.name),
        problem: `refers to ${pipeline}, whose task '${jsString(t.name)}' has volume '${jsString(volume?.name)}', which projects a ServiceAccount token into the pod`,
      }));
      const referenced = isObject(t.taskSpec) ? [] : locallyReferenced(manifests, t.taskRef, 'Task', from).flatMap((task) => projecting(task.spec).map((volume): Problem => ({
        ...at,
        property: pipeline === undefined ? 'taskRef' : 'spec.pipelineRef',
        value: jsString(volume?.name),
        problem: `${pipeline === undefined ? '' : `refers to ${pipeline}, whose task '${jsString(t.name)}' `}refers to Task '${objectName(task)}', whose volume '${jsString(volume?.name)}' projects a ServiceAccount token into the pod`,
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
function defaultTokenVolumes(manifest: any, context?: IRuleContext): Problem[] {
  const manifests = context?.manifests;
  if (!Array.isArray(manifests) || (manifest?.kind !== 'PipelineRun' && manifest?.kind !== 'TaskRun')) return [];
  const run = podTemplatesOf(manifest)[0];
  const own = new Set(asArray(run?.template?.volumes).map((v) => v?.name));
  return appliedConfigDefaults(manifests).flatMap((d) => {
    const template = podTemplatesOf(d.manifest)[0];
    return asArray(template?.template?.volumes).filter((volume) => projectsToken(volume) && !own.has(volume?.name)).map((volume): Problem => ({
      property: `${run.path}.volumes`,
      value: jsString(volume?.name),
      problem: `has no volume '${jsString(volume?.name)}', so Tekton adds that of config-defaults' default pod template (${d.manifest.kind} `
        + `'${objectName(d.manifest)}' ${template!.path}), which projects a ServiceAccount token into the pod`,
    }));
  });
}

export const RUN_TOKEN_AUTOMOUNT = manifestRule(
  {
    id: RuleId.RUN_TOKEN_AUTOMOUNT,
    severity: Severity.HIGH,
    title: 'Run pods do not mount a ServiceAccount token',
    rationale: 'Build steps rarely call the Kubernetes API; a mounted token turns any code execution in a step into API access.',
    fix: 'Set podTemplate.automountServiceAccountToken: false, and mount no serviceAccountToken projection.',
    decidesFrom:
      "Every pod template of a run (a TaskRun's `podTemplate`; a PipelineRun's run-wide `taskRunTemplate.podTemplate`, v1, "
      + 'or `podTemplate`, v1beta1, and its per-task `taskRunSpecs[].podTemplate` or v1beta1 `taskPodTemplate`): the run-wide '
      + 'template must set `automountServiceAccountToken` to the boolean `false` (unset, or null, is a finding, unless every '
      + 'ServiceAccount the run\'s pods may run as, its own and each non-empty `taskRunSpecs[]` one, is among the objects '
      + 'checked in the run\'s namespace with `automountServiceAccountToken: false`, which Kubernetes then applies, and no '
      + 'config-defaults\' `default-pod-template` checked with it sets the field), a per-task template '
      + 'must not set it to `true`, and no template may have a `projected` volume with a `serviceAccountToken` source; nor may '
      + "the run's `spec.workspaces` bind a workspace to a `projected` volume with one (Tekton takes any projected source, and "
      + 'mounts it into every pod of a task that receives the workspace), nor a task spec the run embeds (a TaskRun\'s `taskSpec`, '
      + 'the `taskSpec`s of its `pipelineSpec`) have such a volume in its `volumes`; nor a Task or Pipeline checked with the run that '
      + 'it refers to by name (a TaskRun\'s `taskRef`; a PipelineRun\'s `pipelineRef` and the `taskRef`s of the pipeline tasks, '
      + 'in the run\'s namespace, or any when the run has none): the Task\'s `spec.volumes`, and the `volumes` of the Pipeline\'s embedded `taskSpec`s; '
      + "nor the `default-pod-template` of a config-defaults checked with the run (or what a Tekton operator's object writes into it) "
      + "have such a volume of a name the run's run-wide template has none of (Tekton merges the default's volumes into it by name).",
    limits:
      "A ServiceAccount or a cluster's default pod template (`config-defaults`) that is not checked with the run is not "
      + 'seen: unset is then a finding, whatever they say. Tokens mounted other ways are not looked for: a `serviceAccountToken` projection in the `spec.volumes` '
      + "of a Task or Pipeline the run refers to that is not checked with it, or fetched by a resolver, or of a pipeline in a pipeline, or a service-account-token Secret bound as a workspace (such a Secret, among the objects checked, is NO_SECRET_MATERIAL's), "
      + "by the run or by config-defaults' `default-task-run-workspace-binding`, which binds each non-optional workspace of a task "
      + 'that its TaskRun leaves unbound. That default projects no token: Tekton copies only its `subPath`, `volumeClaimTemplate`, '
      + '`persistentVolumeClaim`, `emptyDir`, `configMap` and `secret`, and drops its `projected` and `csi`. '
      + 'Only the runs checked are judged: runs that `tkn` or other tools create later are not seen '
      + '(the runs a TriggerTemplate, or a Trigger\'s or an EventListener\'s inline template, creates are checked as written, '
      + 'their `$(tt.params.x)` as what an event chooses).',
    howToRelax:
      "A grant made with `PipelineTask.grantApi(...)` records the relaxation for that task's pod (target `task/<name>`, the "
      + 'grant as the reason) on the SecurePipelineRun by itself, for as long as the run as written refers to that pipeline, '
      + "whose Pipeline the app writes under that name in the run's namespace, runs in that namespace with its "
      + "ServiceAccount, and that task's `taskRunSpecs` entry is exactly the one it wrote (only the token mounted). "
      + 'Otherwise: `{ rule: RuleId.RUN_TOKEN_AUTOMOUNT, reason: '
      + "'<why>' }` without a target for the run-wide pod template, with `target: RelaxationTarget.task('<pipeline task>')` "
      + "for a per-task one, given to the SecurePipelineRun's `relaxations` or to `Relaxations.of(construct).add(...)`. In "
      + 'YAML for the audit: ' + relaxAnnotation(RuleId.RUN_TOKEN_AUTOMOUNT, '*: <why>') + ' or `"task/<name>: <why>"` on the run.',
    relaxable: true,
    appliesTo: kindIs('PipelineRun', 'TaskRun'),
  },
  (manifest, context) => [
    ...podTemplatesOf(manifest).flatMap((pod) => {
      const problems: Problem[] = [];
      const where = pod.perTask ? { location: pod.location, target: pod.target } : {};
      const v = pod.template?.automountServiceAccountToken;
      // unset (a null decodes as unset), the ServiceAccount's own setting applies
      const accountsDecide = (v === undefined || v === null) && (manifest?.kind === 'PipelineRun' || manifest?.kind === 'TaskRun');
      if (!pod.perTask && v !== false && !(accountsDecide && accountsOptOut(manifest, context))) {
        problems.push({ property: `${pod.path}.automountServiceAccountToken`, value: v === undefined ? undefined : jsString(v), problem: 'is not false' });
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
      .map((w): Problem => ({
        location: `workspace '${jsString(w?.name)}'`,
        property: 'workspaces.projected',
        value: jsString(w?.name),
        problem: 'projects a ServiceAccount token into the pods that mount the workspace',
      })),
    // the volumes of the task specs a run embeds are its pods' volumes
    ...(manifest?.kind === 'PipelineRun' || manifest?.kind === 'TaskRun' ? taskSpecsOf(manifest) : []).flatMap((embedded) => asArray(embedded.spec?.volumes)
      .filter((volume) => projectsToken(volume))
      .map((volume): Problem => ({ ...specPlace(embedded), property: 'volumes', value: jsString(volume?.name), problem: 'projects a ServiceAccount token into the pod' }))),
    // and so are those of the Tasks and Pipelines it refers to by name, where they are checked with it
    ...referencedTokenVolumes(manifest, context),
    // and those config-defaults' default pod template gives every run
    ...defaultTokenVolumes(manifest, context),
  ],
);
