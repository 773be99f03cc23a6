import { asArray, isObject } from '../../private/containers';
import { featureFlagsConfigMap, SEVERAL_FEATURE_FLAGS } from '../../private/feature-flags-config-map';
import { goToLower } from '../../private/go-strings';
import { operatorFlagsOf, OPERATOR_FLAGS_OF } from '../../private/operator-flags';
import { makesTaskRun, runPipelines } from '../../private/run-pipelines';
import { featureFlagDefault } from '../../private/tekton-config';
import { jsString } from '../../private/text';
import { receivedWorkspaces } from '../../private/workspaces';
import { IRuleContext, Severity } from '../rule';
import { manifestRule, Problem, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

/** The one value of `coschedule` under which Tekton fails a TaskRun that binds several claims. */
const PER_WORKSPACE = 'workspaces';
/** The one value of `coschedule` under which Tekton starts no affinity assistant, whose pod mounts the run's claims. */
const DISABLED = 'disabled';
/** The access mode of a claim that only one pod at a time may mount. */
const ONE_POD = 'ReadWriteOncePod';

/**
 * The `coschedule` Tekton reads from the feature-flags checked together (lower-cased, as
 * `setCoschedule` does), or its default when none is; `said` tells which.
 */
function coschedule(context: IRuleContext | undefined): { readonly value: string; readonly source: string } {
  const operator = context === undefined ? undefined : operatorFlagsOf(context.manifests);
  if (operator !== undefined) {
    // the operator overwrites the feature-flags it manages: what it writes is what Tekton reads
    const f = operator.flags.get('coschedule');
    const value = goToLower(operator.read?.coschedule ?? featureFlagDefault('coschedule'));
    return {
      value,
      source: operator.read === undefined
        ? `the feature-flags the operator writes for ${jsString(operator.name)} do not reach Tekton (TEKTON_FEATURE_FLAGS says why), so the cluster keeps the coschedule it had, "${value}" as Tekton is installed`
        : f?.from === 'default'
          ? `the operator writes coschedule "${value}" for ${jsString(operator.name)}, Tekton's release value, as ${f.path} is not set`
          : `${jsString(operator.name)} sets coschedule "${f?.value}" (${f?.path})`,
    };
  }
  // as Tekton reads it (values as the API server stores them, a null is "", none when it cannot read one of them);
  // of several, the first under which the rule checks the most: "workspaces" (as unset or unread), then any but "disabled"
  const valueOf = (read: Readonly<Record<string, string>> | undefined) => goToLower(read?.coschedule ?? featureFlagDefault('coschedule'));
  const flags = context === undefined ? undefined
    : featureFlagsConfigMap(context.manifests, (read) => valueOf(read) === PER_WORKSPACE ? 2 : valueOf(read) === DISABLED ? 0 : 1);
  const raw = flags?.read?.coschedule;
  if (flags !== undefined && raw !== undefined) return { value: goToLower(raw), source: `${jsString(flags.name)} set coschedule "${goToLower(raw)}"` };
  const value = featureFlagDefault('coschedule');
  return {
    value,
    source: flags === undefined
      ? `coschedule is "${value}", Tekton's default (no feature-flags ConfigMap is checked with it)`
      : flags.read === undefined
        ? `Tekton cannot read ${jsString(flags.name)} (TEKTON_FEATURE_FLAGS says why), so the cluster keeps the coschedule it had, "${value}" as Tekton is installed`
        : `${jsString(flags.name)} leave coschedule unset, so Tekton uses "${value}"${retiredFlag(flags.read)}`,
  };
}

/**
 * Said where feature-flags set `disable-affinity-assistant` but not `coschedule`: Tekton no longer reads that flag (removed after
 * v0.68, TEP-0135), so it turns no affinity assistant off.
 */
function retiredFlag(read: Readonly<Record<string, string>>): string {
  return read['disable-affinity-assistant'] === undefined ? ''
    : ' (disable-affinity-assistant, which they set, is no longer read: Tekton removed it after v0.68; set coschedule instead)';
}

/**
 * The claim a workspace binding mounts, as `ValidateOnlyOnePVCIsUsed` counts it: a
 * persistentVolumeClaim by its claim name, a volumeClaimTemplate by the workspace it binds
 * (each becomes a claim of its own); undefined for every other binding.
 */
function claimOf(binding: any, workspace: string, taskRun = false): { readonly key: string; readonly what: string } | undefined {
  if (!isObject(binding)) return undefined;
  if (isObject(binding.persistentVolumeClaim)) {
    const claim = JSON.stringify(binding.persistentVolumeClaim.claimName ?? null).replace(/^"|"$/g, '');
    return { key: `claim/${claim}`, what: `persistentVolumeClaim "${claim}"` };
  }
  // a TaskRun's check (ValidateOnlyOnePVCIsUsed) keys a template by its workspace's name, in the claim names' space;
  // a PipelineRun gives each template a claim of a generated name
  if (isObject(binding.volumeClaimTemplate)) return { key: taskRun ? `claim/${workspace}` : `template/${workspace}`, what: `the volumeClaimTemplate of workspace "${workspace}"` };
  return undefined;
}

/** Each claim a TaskRun would bind: what it is, and the task's workspaces that mount it. */
type Claims = Map<string, { readonly what: string; readonly workspaces: string[] }>;

function tooMany(claims: Claims, flag: { readonly source: string }): string {
  const which = [...claims.values()].map((c) => `${c.workspaces.join(' and ')} (${c.what})`).join(', ');
  return `bind ${claims.size} PersistentVolumeClaims, ${which}; ${flag.source}, under which Tekton fails a TaskRun that binds `
    + 'more than one ("more than one PersistentVolumeClaim is bound") before it makes the pod';
}

const ONE_POD_FIX = 'Bind the workspace with access mode ReadWriteOnce (AccessMode.READ_WRITE_ONCE, the default), which the affinity assistant keeps on '
  + 'the node of the run\'s pods. When the cluster sets coschedule to "disabled" (TektonFeatureFlags coschedule: Coschedule.DISABLED), check its '
  + 'feature-flags with the run, or relax this rule saying so.';

/**
 * The run workspaces of a PipelineRun whose claim template asks for ReadWriteOncePod and that a pipeline task making a
 * TaskRun receives: the affinity assistant Tekton starts under every coschedule but "disabled" mounts each claim of the run
 * (pkg/reconciler/pipelinerun/affinity_assistant.go), and the scheduler's VolumeRestrictions then admits no other pod of it.
 */
function onePodClaims(bindings: ReadonlyMap<string, any>, specs: readonly any[], flag: { readonly source: string }): Problem[] {
  const received = new Set(specs.flatMap((spec) => [...asArray(spec.tasks), ...asArray(spec.finally)])
    .filter((t) => isObject(t) && makesTaskRun(t)).flatMap((t) => receivedWorkspaces(t).map((w) => w.pipelineWorkspace)));
  return [...bindings.values()]
    .filter((b) => received.has(b.name) && asArray(b.volumeClaimTemplate?.spec?.accessModes).includes(ONE_POD))
    .map((b) => ({
      location: `workspace '${jsString(b.name)}'`,
      property: 'volumeClaimTemplate.spec.accessModes',
      value: ONE_POD,
      problem: `is an access mode of the claim; ${flag.source}, under which Tekton's affinity assistant pod mounts the claim for the whole run, and the `
        + 'scheduler then puts no TaskRun pod that mounts it on any node (a ReadWriteOncePod claim is mounted by one pod at a time)',
      fix: ONE_POD_FIX,
    }));
}

const FIX = 'Give the task one PersistentVolumeClaim (pass what it needs through one workspace, or bind a workspace whose '
  + 'content need not outlive the task to an emptyDir). When the cluster sets coschedule to "disabled", "pipelineruns" or '
  + '"isolate-pipelinerun" (TektonFeatureFlags coschedule: Coschedule.DISABLED), check its feature-flags with the run, or relax this rule saying so.';

/**
 * A TaskRun binds at most one PersistentVolumeClaim while Tekton's coschedule is
 * "workspaces" (its default): the TaskRun reconciler (pkg/reconciler/taskrun/taskrun.go)
 * checks `ValidateOnlyOnePVCIsUsed` (pkg/workspace/validate.go) before it makes the pod
 * and fails the TaskRun otherwise. And while an affinity assistant runs (every coschedule
 * but "disabled"), its pod mounts every claim of the PipelineRun, so a claim template of
 * access mode ReadWriteOncePod leaves every TaskRun pod that mounts it unschedulable. Not a
 * security control: a configuration refused here never runs.
 */
export const AFFINITY_ASSISTANT_CLAIMS = manifestRule(
  {
    id: RuleId.AFFINITY_ASSISTANT_CLAIMS,
    severity: Severity.LOW,
    title: 'Run claims fit the affinity assistant: one per TaskRun while coschedule is "workspaces", none ReadWriteOncePod while it runs',
    rationale:
      'With coschedule "workspaces", Tekton\'s default, the Affinity Assistant puts the pods that share a claim on one node, '
      + 'and Tekton fails every TaskRun that binds more than one claim before it makes its pod: a pipeline task given two '
      + 'volumeClaimTemplate workspaces never runs. Under every coschedule but "disabled" the Affinity Assistant\'s own pod '
      + 'mounts the run\'s claims for the whole run: a claim of access mode ReadWriteOncePod is then taken, and no TaskRun '
      + 'pod that mounts it is ever scheduled.',
    fix: FIX,
    decidesFrom:
      '`coschedule` of the feature-flags ConfigMap checked together (lower-cased, as Tekton reads it; Tekton\'s default '
      + '"workspaces" when none is checked, when it leaves coschedule unset, or when Tekton cannot read it: a value the API '
      + 'server or Tekton refuses, a null coschedule included, which the API server stores as ""). Under "workspaces": the `spec.workspaces` of a TaskRun, and for a PipelineRun '
      + 'the workspaces each pipeline task (`tasks` and `finally`) of its `pipelineSpec`, or of the Pipeline its '
      + '`pipelineRef` names among the manifests, receives from the run (embedded task specs receive the pipeline '
      + 'workspaces they use, as Tekton propagates them). A `persistentVolumeClaim` binding counts once per claim name, a '
      + '`volumeClaimTemplate` once per run workspace; more than one claim for one TaskRun is a finding. Under any coschedule '
      + 'but "disabled": a PipelineRun workspace whose `volumeClaimTemplate.spec.accessModes` holds `ReadWriteOncePod` and '
      + 'that a pipeline task making a TaskRun receives is a finding.' + SEVERAL_FEATURE_FLAGS + OPERATOR_FLAGS_OF,
    limits:
      'The cluster\'s feature-flags are known only when they are checked together: a cluster that sets another coschedule '
      + 'needs the relaxation. Pipelines nested in pipeline tasks (`pipelineSpec`, `pipelineRef`) and Pipelines fetched by a '
      + 'resolver are not followed, and the access modes of an existing `persistentVolumeClaim` are not known. Not a security control.',
    howToRelax:
      "Findings are about the whole run (the reason is the cluster's setting): `{ rule: RuleId.AFFINITY_ASSISTANT_CLAIMS, "
      + "reason: '<why>' }` without a target, given to the SecurePipelineRun's `relaxations` or to "
      + '`Relaxations.of(construct).add(...)`, e.g. with the reason "the cluster sets coschedule: disabled". In YAML for the '
      + 'audit: ' + relaxAnnotation(RuleId.AFFINITY_ASSISTANT_CLAIMS, '*: <why>') + ' on the run.',
    relaxable: true,
    appliesTo: (m) => m?.kind === 'TaskRun' || m?.kind === 'PipelineRun',
  },
  (manifest, context) => {
    const flag = coschedule(context);
    const bindings = new Map<string, any>();
    for (const b of asArray(manifest.spec?.workspaces)) if (isObject(b) && typeof b.name === 'string') bindings.set(b.name, b);
    const onePod = manifest.kind === 'PipelineRun' && flag.value !== DISABLED ? onePodClaims(bindings, runPipelines(manifest, context?.manifests).map((p) => p.spec), flag) : [];
    if (flag.value !== PER_WORKSPACE) return onePod;
    const claimsOf = (received: ReadonlyArray<{ taskWorkspace: string; pipelineWorkspace: string }>): Claims => {
      const claims: Claims = new Map();
      for (const { taskWorkspace, pipelineWorkspace } of received) {
        const claim = claimOf(bindings.get(pipelineWorkspace), pipelineWorkspace, manifest.kind === 'TaskRun');
        if (claim === undefined) continue;
        const entry = claims.get(claim.key) ?? { what: claim.what, workspaces: [] };
        entry.workspaces.push(taskWorkspace);
        claims.set(claim.key, entry);
      }
      return claims;
    };
    if (manifest.kind === 'TaskRun') {
      const claims = claimsOf([...bindings.keys()].map((name) => ({ taskWorkspace: name, pipelineWorkspace: name })));
      const value = [...claims.values()].flatMap((c) => c.workspaces).join(', ');
      return claims.size > 1 ? [{ property: 'spec.workspaces', value, problem: tooMany(claims, flag) }] : [];
    }
    const problems: Problem[] = [...onePod];
    const seen = new Set<string>();
    for (const spec of runPipelines(manifest, context?.manifests).map((p) => p.spec)) {
      for (const t of [...asArray(spec.tasks), ...asArray(spec.finally)]) {
        if (!isObject(t) || typeof t.name !== 'string' || seen.has(t.name) || !makesTaskRun(t)) continue;
        const claims = claimsOf(receivedWorkspaces(t));
        if (claims.size <= 1) continue;
        seen.add(t.name);
        problems.push({
          location: `task '${jsString(t.name)}'`,
          property: 'workspaces',
          value: [...claims.values()].flatMap((c) => c.workspaces).join(', '),
          problem: tooMany(claims, flag),
        });
      }
    }
    return problems;
  },
);
