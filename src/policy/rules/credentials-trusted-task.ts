import { asArray, isObject } from '../../private/containers';
import { bindingCredentials, podTemplateVolumesOf, taskSpecContainers, templateCredentials } from '../../private/run-volumes';
import { jsString } from '../../private/text';
import { bindsSecret, receivedWorkspaces } from '../../private/workspaces';
import { Severity } from '../rule';
import { followingLoops, Problem, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

/** The findings for every pipeline task of `pipelineSpec` that receives one of `credentials`. */
function pipelineTasksHolding(pipelineSpec: any, credentials: ReadonlySet<string>): Problem[] {
  const tasks = [...asArray(pipelineSpec?.tasks), ...asArray(pipelineSpec?.finally)];
  return tasks.flatMap((t) => {
    // bound (by the binding's name when it names no pipeline workspace), or propagated to an embedded spec
    const held = receivedWorkspaces(t).map((w) => w.pipelineWorkspace).filter((name) => credentials.has(name));
    return [...new Set(held)].map((value) => ({
      location: `task '${jsString(t?.name)}'`,
      target: `task/${jsString(t?.name)}`,
      property: 'workspaces',
      value,
      problem: 'gives this task a credentials workspace, which only a task trusted to run no user code may hold',
    }));
  });
}

/** The credentials the runs' pod templates give the task spec at `specTarget` of `manifest` that a container of it mounts. */
const mountedFromTemplates = (manifest: any, specTarget: string, holder: any, manifests: readonly any[] | undefined) => {
  // (no template volume, no container read: most task specs)
  const templates = podTemplateVolumesOf(manifest, specTarget, manifests);
  return templates.length === 0 ? [] : templateCredentials(taskSpecContainers(manifest, specTarget, holder, manifests), templates);
};

/** The findings for the credentials the runs' pod templates give the pipeline tasks of `pipelineSpec` (templateCredentials). */
function pipelineTasksMounting(manifest: any, pipelineSpec: any, manifests: readonly any[] | undefined): Problem[] {
  return [...asArray(pipelineSpec?.tasks), ...asArray(pipelineSpec?.finally)].filter(isObject).flatMap((t) => {
    const task = jsString(t.name);
    return mountedFromTemplates(manifest, `task/${task}/`, t, manifests).map((c) => ({
      location: `task '${task}'`,
      target: `task/${task}`,
      property: 'volumes',
      value: c.name,
      problem: `gets ${c.said}, which its ${c.by}: a run's pod template gives this task a credential, which only a task trusted to run no user code may hold`,
    }));
  });
}

/**
 * A credentials workspace reaches only a task the library's model marks trusted.
 *
 * Which workspaces carry credentials comes from structure, never from
 * annotations: those the library declared with the credentials trust domain,
 * and those that PipelineRuns checked together bind to Secrets, CSI or
 * projected volumes. Which tasks are trusted comes from the model too: a task
 * marked `trusted` in a SecureTask is recorded as a relaxation of this rule for
 * the pipeline task that refers to that very Task (or embeds exactly its spec), with the reason, so a reader
 * of the YAML (and the audit) sees the trust decision; an edit that points the
 * pipeline task elsewhere drops the record.
 */
export const CREDENTIALS_TRUSTED_TASK = followingLoops(
  {
    id: RuleId.CREDENTIALS_TRUSTED_TASK,
    severity: Severity.HIGH,
    title: 'Credentials workspaces are bound only to trusted tasks',
    rationale:
      'A task that runs user code (tests, builds, linters) can read every file in its workspaces; a credential there is a credential stolen.',
    fix: 'Bind the credentials workspace only to a task that runs no user code (SecureTask trusted: true), or split the task so that the credential goes to a task of its own.',
    decidesFrom:
      'For a Pipeline, the workspaces its `tasks` and `finally` tasks receive: those bound by `workspaces[].workspace` (a '
      + 'binding without it receives the pipeline workspace of its own name), and those an embedded `taskSpec` declares or '
      + 'uses (`$(workspaces.<name>)`, `$(workspaces.<name>.…)` or `$(workspaces["<name>"])` in its steps, sidecars or stepTemplate) and gets from a pipeline workspace of the '
      + 'same name without a binding, as Tekton propagates them. A '
      + 'workspace carries credentials when the library declared it with the credentials trust domain, or when a PipelineRun '
      + 'checked together (same `pipelineRef.name`, and same namespace when both name one) binds it to a `secret`, `csi` or '
      + '`projected` volume. For a PipelineRun with an embedded `pipelineSpec`, the workspaces that run binds to those '
      + 'sources; for a TaskRun, every workspace it binds to them. Each task that receives one is a finding. So is a task whose step or '
      + "sidecar (with its stepTemplate) mounts a volume of a run's pod template that holds credentials: a Secret, a projected Secret or "
      + 'ServiceAccount token, or a CSI volume (a Secrets Store one but of its `mock_provider`), which Tekton adds to the pod after the '
      + "task's own volumes (a TaskRun's `podTemplate`; a PipelineRun's `taskRunTemplate.podTemplate` and its task's "
      + "`taskRunSpecs[].podTemplate`, on the Pipeline of a run checked together, or the PipelineRun that embeds it; config-defaults' "
      + '`default-pod-template` checked with them), for the task spec embedded or the Task a local `taskRef` names.',
    limits:
      'Whether a task runs user code is not decided from the manifest: trust exists only as a recorded relaxation, so every '
      + 'TaskRun that binds a Secret is a finding. Checked alone, a Pipeline has no credentials workspaces unless the library '
      + 'declared them; runs that reach it through a resolver or bundle, or are not checked with it, are not linked, nor the steps of a Task '
      + 'a resolver or bundle gives a run (a pod template volume they mount is not seen), nor a mount of a volume neither the task nor a pod '
      + 'template checked defines (CREDENTIALS_WITH_REPO_CODE reads it as maybe a Secret). '
      + 'Pipelines nested in a pipeline task (`pipelineSpec`) are not followed, and a `projected` binding counts as '
      + 'credentials whatever its sources. A workspace a run binds to a `volumeClaimTemplate` (or an `emptyDir`) is not a '
      + 'credentials workspace, whatever its name (`docker-credentials`): a fresh claim holds no credential, so no task receives '
      + 'one there (a step that expects one fails to authenticate, which no rule reports: which workspaces a Task means for '
      + 'credentials is known only from the library\'s trust domain or a credentials source bound, never from a name). '
      + 'Two uses of trust are refused under this rule by a SecurePipeline at synth only (the audit, which knows no task\'s '
      + 'trust, reads neither): a result of a task not marked trusted given to a param of a trusted task that holds a '
      + 'credentials workspace (its code would choose what the credential does, as where ImagePush pushes), and a result '
      + 'Tekton Chains reads as a type hint (a name ending in `IMAGE_URL`, `IMAGE_DIGEST`, `ARTIFACT_URI`, `ARTIFACT_DIGEST`, '
      + '`ARTIFACT_OUTPUTS` or `ARTIFACT_INPUTS`, or `IMAGES`, `CHAINS-GIT_URL`, `CHAINS-GIT_COMMIT`) declared by a task not '
      + 'marked trusted or making a pipeline result of such a name (Chains would sign and attest what its code writes); a '
      + 'relaxation of the rule for that pipeline task in the SecurePipeline\'s props allows either, and the Pipeline records it. '
      + 'A trusted task given such a result in a param carries it on: its results may repeat a param (an `echo`, ImagePush\'s '
      + '`IMAGE_URL` of its `image`), so they count as that task\'s results, through any number of trusted tasks, and the '
      + 'refusal names the chain. What a trusted task reads from a workspace a task not marked trusted wrote is not followed: '
      + 'it is trusted to read a workspace as data (ImagePush\'s `IMAGE_DIGEST` is the digest of what it pushes), so a trusted '
      + 'task that copies a file of the repository into a result is not seen. A `when` expression made of such a result is '
      + 'not refused: it chooses whether a trusted task runs, never what it is given (a test deciding whether a deploy runs '
      + 'is what the pipeline asks of it), so a gate that must always run (ImageVerify) must not be guarded by one: Tekton runs '
      + 'the tasks after a task its `when` skips, unless they use its results.',
    howToRelax:
      'Mark the task definition trusted (SecureTask `trusted: true`): the SecurePipeline then records `{ rule: '
      + "RuleId.CREDENTIALS_TRUSTED_TASK, reason, target: RelaxationTarget.task('<pipeline task>') }` on the Pipeline for as "
      + "long as that pipeline task's written `taskRef` refers to exactly that task, whose Task the app writes under that "
      + "name in the pipeline's namespace (a taskRef by name runs whatever Task of that name the run's namespace holds), "
      + "or, with `embedTasks`, its `taskSpec` is exactly that task's spec. A SecureTask or RemoteTask that declares a "
      + 'workspace of the credentials trust domain without `trusted: true` is refused when it is built, whatever the pipeline '
      + "relaxes: there `trusted` is the relaxation. Otherwise give that relaxation to the SecurePipeline's `relaxations` "
      + "or to `Relaxations.of(construct).add(...)`; on a TaskRun the target is `RelaxationTarget.workspace('<name>')`, or "
      + "`RelaxationTarget.volume('<name>')` for a volume of its pod template. In "
      + 'YAML for the audit: ' + relaxAnnotation(RuleId.CREDENTIALS_TRUSTED_TASK, 'task/<name>: <why>')
      + ' on the Pipeline (or the PipelineRun that embeds it), `"workspace/<name>: <why>"` or `"volume/<name>: <why>"` on a TaskRun.',
    relaxable: true,
    appliesTo: (m) => m?.kind === 'Pipeline' || m?.kind === 'TaskRun' || (m?.kind === 'PipelineRun' && m.spec?.pipelineSpec !== undefined),
  },
  (manifest, context) => {
    const manifests = context?.manifests;
    if (manifest?.kind === 'Pipeline') {
      return [...pipelineTasksHolding(manifest.spec, new Set(context?.credentialWorkspaces(manifest) ?? [])),
        ...pipelineTasksMounting(manifest, manifest.spec, manifests)];
    }
    const bindings = asArray(manifest?.spec?.workspaces).filter(bindsSecret);
    const secretWorkspaces = bindings.map((w) => jsString(w?.name));
    if (manifest?.kind === 'PipelineRun') {
      return [...pipelineTasksHolding(manifest.spec.pipelineSpec, new Set(secretWorkspaces)),
        ...pipelineTasksMounting(manifest, manifest.spec.pipelineSpec, manifests)];
    }
    // a TaskRun hands its workspaces straight to the task it runs, and its pod template's volumes to the steps that mount them
    return [...bindings.map((w, i) => ({
      location: `workspace '${secretWorkspaces[i]}'`,
      target: `workspace/${secretWorkspaces[i]}`,
      property: 'workspaces',
      value: secretWorkspaces[i],
      problem: `gives the task ${bindingCredentials(w)}, and nothing records that the task runs no user code`,
    })), ...mountedFromTemplates(manifest, '', manifest?.spec, manifests).map((c) => ({
      location: `volume '${c.name}'`,
      target: `volume/${c.name}`,
      property: 'podTemplate.volumes',
      value: c.name,
      problem: `gives the task ${c.said}, which its ${c.by}, and nothing records that the task runs no user code`,
    }))];
  },
);
