import { CONFIG_DEFAULTS_READINGS_TEXT } from '../../private/pods';
import { tokenMounts } from '../../private/run-tokens';
import { Severity } from '../rule';
import { kindIs, followingLoops, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

/**
 * Run pods do not mount a ServiceAccount token: the run-wide pod template sets
 * `automountServiceAccountToken: false`, no per-task template turns it back on,
 * and no template mounts a token through a projected volume.
 */
export const RUN_TOKEN_AUTOMOUNT = followingLoops(
  {
    id: RuleId.RUN_TOKEN_AUTOMOUNT,
    severity: Severity.HIGH,
    title: 'Run pods do not mount a ServiceAccount token',
    rationale: 'Build steps rarely call the Kubernetes API; a mounted token turns any code execution in a step into API access.',
    fix: 'Set podTemplate.automountServiceAccountToken: false, and mount no serviceAccountToken projection.',
    decidesFrom:
      "Every pod template of a run (a TaskRun's `podTemplate`; a PipelineRun's run-wide `taskRunTemplate.podTemplate`, v1, "
      + 'or `podTemplate`, v1beta1, and its per-task `taskRunSpecs[].podTemplate` or v1beta1 `taskPodTemplate`): the run-wide '
      + 'template must set `automountServiceAccountToken` to the boolean `false` (unset, or null, is a finding, unless the '
      + '`default-pod-template` of config-defaults checked with it sets it `false`, which Tekton merges into the run\'s template '
      + '(v1.15 `MergePodTemplateWithDefault`), or sets none and every ServiceAccount the run\'s pods may run as, its own and each '
      + 'non-empty `taskRunSpecs[]` one, config-defaults\' `default-service-account` where it names none, is among the objects '
      + 'checked in the run\'s namespace with `automountServiceAccountToken: false`, which Kubernetes then applies; a default '
      + 'template that sets it otherwise is a finding), a per-task template '
      + 'must not set it to `true`, and no template may have a `projected` volume with a `serviceAccountToken` source; nor may '
      + "the run's `spec.workspaces` bind a workspace to a `projected` volume with one (Tekton takes any projected source, and "
      + 'mounts it into every pod of a task that receives the workspace), nor a task spec the run embeds (a TaskRun\'s `taskSpec`, '
      + 'the `taskSpec`s of its `pipelineSpec`) have such a volume in its `volumes`; nor a Task or Pipeline checked with the run that '
      + 'it refers to by name (a TaskRun\'s `taskRef`; a PipelineRun\'s `pipelineRef` and the `taskRef`s of the pipeline tasks, '
      + 'in the run\'s namespace, or any when the run has none): the Task\'s `spec.volumes`, and the `volumes` of the Pipeline\'s embedded `taskSpec`s; '
      + "nor the `default-pod-template` of a config-defaults checked with the run (or what a Tekton operator's object writes into it) "
      + "have such a volume of a name the run's run-wide template has none of (Tekton merges the default's volumes into it by name). "
      + 'Each config-defaults Tekton may read (each reading of a Tekton operator\'s, whose own `default-service-account` and '
      + '`default-pod-template` are in every reading) is judged with its own default pod template and its own default account.' + CONFIG_DEFAULTS_READINGS_TEXT,
    limits:
      "A ServiceAccount or a cluster's default pod template (`config-defaults`) that is not checked with the run is not "
      + 'seen: unset is then a finding, whatever they say. A config-defaults Tekton cannot read as a whole (v1.15 `NewDefaultsFromMap` fails on one of its keys, as TEKTON_FEATURE_FLAGS '
      + 'reports it: its webhook refuses it, a controller started with it exits) gives no default template or account. Tokens mounted other ways are not looked for: a `serviceAccountToken` projection in the `spec.volumes` '
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
      + 'YAML for the audit: ' + relaxAnnotation(RuleId.RUN_TOKEN_AUTOMOUNT, '*: <why>') + ' or `"task/<name>: <why>"` on the run. '
      + 'A token mounted so is a credential: CREDENTIALS_WITH_REPO_CODE then finds each container of that pod that runs the repository\'s code.',
    relaxable: true,
    appliesTo: kindIs('PipelineRun', 'TaskRun'),
  },
  (manifest, context) => tokenMounts(manifest, context),
);
