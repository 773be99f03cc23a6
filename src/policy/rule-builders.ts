import { Finding, IRule, IRuleContext } from './rule';
import { RuleId } from './rule-id';
import { RELAXATION_ANNOTATION_PREFIX } from '../private/annotations';
import { isBuildStrategy, legacyNote } from '../private/build-strategies';
import {
  CHAINS_CONFIG_NAME, chainsConfigData, chainsConfigReplacement, chainsConfigView, ChainsConfigView, chainsInstallsOf, dataKey,
  operatorAppliesChainsConfig, unreadByOperatorChains,
} from '../private/chains-keys';
import { ContainerView, containersOf, mergeTemplate, withPodLevel, objectName, pipelineLoopsOf, shipwrightReplacedVolumes, shipwrightStrategyOf, taskSpecsOf } from '../private/containers';
import { isFeatureFlagsConfigMap } from '../private/feature-flags-config-map';
import { isEventListener, LISTENER_CONTAINER, LISTENER_POD_TEXT, LISTENER_TEMPLATE, listenerPod } from '../private/listener-pods';
import { locallyReferenced } from '../private/manifest-index';
import { manifestNamespace } from '../private/namespaces';
import { isOperatorChainsConfig } from '../private/operator-chains';
import { LoopRun, loopRunsOf, placedInLoop } from '../private/pipeline-loops';
import { isShipwrightBuild } from '../private/shipwright-builds';
import { withStepParams, writtenInStepAction } from '../private/substitutions';
import { jsString } from '../private/text';

/** What a rule says about one place; the builder adds the rule and the object's identity. */
export type Problem = Omit<Finding, 'rule' | 'kind' | 'name'>;

/**
 * Metadata every rule of the catalogue has (its documentation included: what it
 * decides from, its limits and how to relax it), and which manifests it looks at.
 */
export type RuleMeta = Omit<IRule, 'check' | 'appliesTo'>
  & Required<Pick<IRule, 'decidesFrom' | 'limits' | 'howToRelax'>>
  & { readonly appliesTo: (manifest: any) => boolean };

/** Applies to manifests of these kinds. */
export function kindIs(...kinds: string[]): (manifest: any) => boolean {
  return (manifest) => kinds.includes(manifest?.kind);
}

/** Applies to Tekton Chains' `chains-config` ConfigMap, and to a Tekton operator's TektonConfig or TektonChain (which write it). */
export function isChainsConfig(manifest: any): boolean {
  return chainsConfigData(manifest) !== undefined || isOperatorChainsConfig(manifest);
}

/**
 * Applies to what isChainsConfig does, and to a `chains-config` ConfigMap of any other
 * namespace, which the rules judge only where a Tekton operator checked with it installs Chains
 * there (chainsConfigKeptProblems).
 */
export function isChainsConfigOrOperatorTarget(manifest: any): boolean {
  return isChainsConfig(manifest) || (manifest?.kind === 'ConfigMap' && manifest?.metadata?.name === CHAINS_CONFIG_NAME);
}

/**
 * What a rule that judges one chains-config object finds in a `chains-config` ConfigMap that
 * Chains reads only under a Tekton operator (one of the operator's target namespace other than
 * tekton-chains, which chainsConfigView does not read): the keys the operator does not write,
 * which its installer's three-way apply keeps unless kubectl apply created the ConfigMap, judged
 * in that reading (chainsInstallsOf), each finding at the ConfigMap's key and saying which
 * reading. The keys the operator writes are its own, judged on its object.
 */
export function chainsConfigKeptProblems(manifest: any, context: IRuleContext | undefined, judge: (view: ChainsConfigView) => Problem[]): Problem[] {
  if (context === undefined || manifest?.kind !== 'ConfigMap') return [];
  return chainsInstallsOf(context.manifests).filter((install) => install.configMap === manifest).flatMap((install) => {
    const kept = new Set((install.keptKeys ?? []).map(dataKey));
    return judge({ data: install.data, property: dataKey, unset: `is not set in chains-config ${install.reading}` })
      .filter((p) => kept.has(p.property))
      .map((p) => ({
        ...p,
        problem: `${p.problem} (reading chains-config ${install.reading})`,
        fix: `Remove ${p.property} from this ConfigMap, which the operator's apply keeps unless kubectl apply created it; to set it, write it on `
          + `${install.writer} (the operator writes its chains-config over this ConfigMap).${p.fix === undefined ? '' : ` ${p.fix}`}`,
      }));
  });
}

/**
 * Whether a `chains-config` ConfigMap that chainsConfigView reads is judged only as chainsConfigKeptProblems judges
 * one of a Tekton operator's target namespace: one without a namespace, which kubectl applies in its context's
 * namespace (unknown here), beside an operator's object that installs Chains and writes chains-config. The
 * operator's Chains reads the chains-config of its target namespace alone, so that is the one namespace where the
 * ConfigMap reaches Chains, and there the operator's apply keeps only the keys it does not write. So is one of the
 * target namespace itself (tekton-chains), over which the operator applies its chains-config.
 */
export function chainsConfigKeptOnly(manifest: any, context: IRuleContext | undefined): boolean {
  if (manifest?.kind !== 'ConfigMap' || context === undefined || !operatorAppliesChainsConfig(context.manifests)) return false;
  // (one of the target namespace itself, tekton-chains, the same: the operator applies its chains-config over it)
  const namespace = manifestNamespace(manifest);
  return namespace === undefined || namespace === chainsInstallsOf(context.manifests)[0]?.namespace;
}

/** Applies to Tekton Pipelines' `feature-flags` ConfigMap. */
export function isFeatureFlags(manifest: any): boolean {
  return isFeatureFlagsConfigMap(manifest);
}

/** A rule over whole manifests (and, for cross-object rules, the context). */
export function manifestRule(meta: RuleMeta, check: (manifest: any, context?: IRuleContext) => Problem[]): IRule {
  return {
    ...meta,
    check: (manifest: any, context?: IRuleContext): Finding[] => {
      let problems = meta.appliesTo(manifest) ? check(manifest, context) : [];
      // a Shipwright Build's or BuildRun's run: what its strategy shows by itself is reported (and relaxed) on the strategy
      const strategy = problems.length === 0 ? undefined : shipwrightStrategyOf(manifest);
      if (strategy !== undefined) {
        const key = (p: Problem) => JSON.stringify([p.target ?? '', p.property ?? '', p.value ?? '', p.problem]);
        const own = new Set((meta.appliesTo(strategy) ? check(strategy, context) : []).map(key));
        // unless it is of a volume whose source the run replaces: the strategy's finding is of another source (its hostPath
        // /var/cache relaxed there, where the Build gives the node's /)
        const replaced = shipwrightReplacedVolumes(manifest);
        problems = problems.filter((p) => !own.has(key(p)) || ofVolume(p, replaced));
      }
      if (problems.length === 0) return [];
      const kind = jsString(manifest?.kind ?? '');
      const name = objectName(manifest);
      return problems.map((p) => ({ rule: meta.id, kind, name, ...p }));
    },
  };
}

/** Whether a problem is of one of the named volumes (`volumes` with its name, `volumes.<name>.csi`, `volumes['<name>'].hostPath`). */
function ofVolume(p: Problem, names: readonly string[]): boolean {
  const property = p.property ?? '';
  return names.some((n) => (property === 'volumes' && p.value === n) || property.startsWith(`volumes.${n}.`) || property.startsWith(`volumes['${n}']`));
}

/** Said of the rules that judge a PipelineLoop as the PipelineRun of its iterations (followingLoops). */
export const LOOP_RUNS = ' A PipelineLoop of kubeflow kfp-tekton (`custom.tekton.dev`), an object of that kind (a `tekton.dev` CustomRun\'s '
  + "`customSpec` of that kind being judged as one) or the custom task spec (`apiVersion`, `kind`, `spec`) of a pipeline task's `taskSpec`, "
  + 'is judged as the `tekton.dev/v1` PipelineRun its controller '
  + "creates for each iteration: of `pipelineSpec`, or of the Pipeline its `pipelineRef`'s `name` names (the controller copies "
  + 'the name alone: a resolver there fetches nothing), with the loop\'s `podTemplate` and `serviceAccountName` as its '
  + "`taskRunTemplate`'s (an empty name is the CustomRun's, judged where that run is), its `workspaces` and `taskRunSpecs`, its "
  + '`timeout` as `timeouts.pipeline`, and params any CustomRun chooses; a finding names the loop\'s own field, and is relaxed '
  + 'on the loop as on a run (on the Pipeline or PipelineRun that embeds it, with the target under `task/<loop task>/`). A relaxation '
  + 'recorded for a run (given to a SecurePipelineRun, or recorded by the library, such as the RUN_TOKEN_AUTOMOUNT record of an API '
  + 'grant) covers that run alone, never the runs of a loop, even one of the same Pipeline with the same fields: the loop is an object '
  + 'of its own, whose fields the record was not checked against and which a CustomRun runs with params of its choosing; relax the '
  + 'loop itself, with its own reason.';

/**
 * A rule over runs that also judges, for each PipelineLoop a manifest holds, the PipelineRun its controller
 * creates for each iteration (pipeline-loops.ts loopRunsOf): `check` gets that run, and what it finds is
 * placed in the loop (its field, its pipeline task's location and target). `keep` may leave out what
 * the loop does not decide; `loopFix` gives a problem placed in a loop (and without a fix of its own)
 * the fix that names the loop's field, where the rule's fix names a run's.
 */
export function followingLoops(
  meta: RuleMeta,
  check: (manifest: any, context?: IRuleContext) => Problem[],
  keep: (problem: Problem, loop: LoopRun) => boolean = () => true,
  loopFix: (placed: Problem) => string | undefined = () => undefined,
): IRule {
  const appliesTo = (m: any) => meta.appliesTo(m) || pipelineLoopsOf(m).length > 0;
  return manifestRule({ ...meta, decidesFrom: meta.decidesFrom + LOOP_RUNS, appliesTo }, (manifest, context) => {
    const own = meta.appliesTo(manifest) ? check(manifest, context) : [];
    const loops = loopRunsOf(manifest);
    if (loops.length === 0) return own;
    // a rule that reads the containers of a Pipeline already sees those of the loops it embeds: each is reported once
    const key = (p: Problem) => JSON.stringify([p.location, p.target, p.property, p.value, p.problem]);
    const seen = new Set(own.map(key));
    const out = [...own];
    for (const loop of loops) {
      for (const p of meta.appliesTo(loop.run) ? check(loop.run, context) : []) {
        if (!keep(p, loop)) continue;
        const moved = placedInLoop(p, loop);
        const fix = moved.fix ?? loopFix(moved);
        const placed = fix === undefined ? moved : { ...moved, fix };
        if (seen.has(key(placed))) continue;
        seen.add(key(placed));
        out.push(placed);
      }
    }
    return out;
  });
}

/**
 * What every container rule says about a step that runs a StepAction: Tekton
 * (pkg/reconciler/taskrun/resources/taskspec.go) replaces the step's image and
 * securityContext with the StepAction's, and its command, args, script, env,
 * volumeMounts and workingDir too (the step may not set those beside a `ref`).
 */
export const STEP_ACTION_STEPS =
  ' A step that runs a StepAction (`ref`) is not judged here: Tekton replaces its image, securityContext, command, args, '
  + "script, env, volumeMounts and workingDir with the StepAction's, so the StepAction object is judged instead (the "
  + 'stepTemplate and the pod-level securityContext still apply under it; a StepAction fetched by a resolver is not seen).';

/** STEP_ACTION_STEPS for a rule that reads only the securityContext, which the stepTemplate still reaches. */
export const STEP_ACTION_STEPS_SECURITY =
  ' A step that runs a StepAction (`ref`) takes the securityContext of the StepAction, which is judged on the StepAction object; '
  + "Tekton merges the stepTemplate's under it and the pod's applies under both, so for such a step each field the stepTemplate "
  + '(else the pod) sets is judged as if the StepAction left it unset (a StepAction fetched by a resolver is not seen).';

/**
 * How a step is read with its stepTemplate (containers.ts `mergeTemplate`), said in the rules that
 * read the merged step.
 */
export const MERGED_STEP = 'the stepTemplate merged under it as Tekton merges them: the step wins at every depth, but a '
  + "value Go's JSON leaves out (null, or an empty list, string or `false` in an `omitempty` field, such as `add: []` in "
  + "`capabilities`) keeps the template's, and a field Go always writes (`seccompProfile.type`) is the step's even when unset";

/** A step that runs a StepAction: its container fields are the StepAction's. */
export function runsStepAction(view: ContainerView): boolean {
  return view.role === 'step' && view.container !== null && typeof view.container === 'object'
    && view.container.ref !== null && typeof view.container.ref === 'object' && !Array.isArray(view.container.ref);
}

/**
 * A rule over every step and sidecar (with the stepTemplate merged in) of Tekton
 * objects. `check` returns the problems of one container, without location, given the manifest it is in. Steps
 * that run a StepAction are left to the StepAction (see STEP_ACTION_STEPS, which
 * is added to the rule's `decidesFrom`).
 */
export function containerRule(
  meta: Omit<RuleMeta, 'appliesTo'>,
  check: (view: ContainerView, context?: IRuleContext, manifest?: any) => Array<Omit<Problem, 'location' | 'target'>>,
  options: {
    readonly includeStepTemplate?: boolean;
    readonly securityUnderStepActions?: boolean;
    readonly stepActionsInTask?: boolean;
    /** Whether the rule judges the container of an EventListener's pod too (its securityContext; listenerProblems). */
    readonly eventListeners?: boolean;
  } = {},
): IRule {
  const decidesFrom = meta.decidesFrom + PIPELINE_LOOPS + BUILD_STRATEGIES + (options.stepActionsInTask ? STEP_ACTION_IN_TASK : '')
    + (options.eventListeners ? EVENT_LISTENERS : '') + (options.securityUnderStepActions ? STEP_ACTION_STEPS_SECURITY : STEP_ACTION_STEPS);
  const appliesTo = (m: any) => taskSpecsOf(m).length > 0 || ((m?.kind === 'StepAction' || isBuildStrategy(m)) && containersOf(m).length > 0)
    || (options.eventListeners === true && isEventListener(m));
  return manifestRule({ ...meta, decidesFrom, appliesTo }, (manifest, context) => (isEventListener(manifest)
    ? listenerProblems(manifest, context, check) : containersOf(manifest).flatMap((v, at) => {
      if (v.role === 'stepTemplate' && !options.includeStepTemplate) return [];
      if (runsStepAction(v)) {
        if (options.stepActionsInTask) return stepActionInTask(v, manifest, context, (view) => check(view, context, manifest));
        // what the stepTemplate (or the pod) sets reaches the step under the StepAction's securityContext
        if (!options.securityUnderStepActions || v.underStepAction === undefined) return [];
        return check({ ...v, effective: v.underStepAction }, context, manifest)
          .map((p) => ({ location: v.location, target: v.target, ...p, problem: `${p.problem} ${UNDER_STEP_ACTION}` }));
      }
      const found = check(v, context, manifest).map((p) => ({ location: v.location, target: v.target, ...p }));
      // a build strategy's step: its fix is made in the strategy, whose steps the controller copies into a TaskRun
      if (v.controllerParams === undefined && !isShipwrightBuild(manifest)) return found;
      // a Build's or BuildRun's step is its strategy's: the legacy variables are those its strategy writes (found by the step's
      // designation, an unnamed one's index); a strategy's views are its steps, in order
      const strategy = isShipwrightBuild(manifest) ? shipwrightStrategyOf(manifest) : undefined;
      const step = strategy === undefined ? at
        : containersOf(strategy).findIndex((s) => s.designation === v.designation);
      return found.map((p) => ({
        ...p,
        problem: p.problem + legacyNote(strategy ?? manifest, step, p.value),
        ...(p.fix === undefined ? {} : { fix: inStrategyTerms(p.fix) }),
      }));
    })),
  );
}

/** Said of the container rules that judge an EventListener's pod. */
const EVENT_LISTENERS = ' The container of a Tekton Triggers EventListener\'s pod (`triggers.tekton.dev`) is judged as its controller makes it ('
  + LISTENER_POD_TEXT + '), with the pod securityContext\'s runAsNonRoot, runAsUser, runAsGroup and seccompProfile where the container '
  + "sets none: a finding is placed at the EventListener's field that gives the value (`" + LISTENER_TEMPLATE + '.spec.containers[0].securityContext...`, '
  + 'or the pod\'s), or says that its container securityContext replaced Triggers\' default one, or that config-defaults-triggers gives it; '
  + 'it has no target (relaxed by its `field/` address).';

/**
 * What `check` finds in the container of an EventListener's pod as Triggers' controller makes it (listener-pods.ts): read as a
 * sidecar with the pod's securityContext merged under its own (as Kubernetes applies it), each finding placed at the field of
 * the EventListener that gives the value, or said to come from Triggers' defaults or config-defaults-triggers.
 */
function listenerProblems(
  manifest: any, context: IRuleContext | undefined,
  check: (view: ContainerView, context?: IRuleContext, manifest?: any) => Array<Omit<Problem, 'location' | 'target'>>,
): Problem[] {
  const pod = listenerPod(manifest, context?.manifests);
  if (pod === undefined) return [];
  const location = `container '${LISTENER_CONTAINER}'`;
  const view: ContainerView = {
    role: 'sidecar',
    name: LISTENER_CONTAINER,
    designation: LISTENER_CONTAINER,
    specTarget: '',
    target: '',
    location,
    container: pod.container,
    effective: withPodLevel(pod.spec.securityContext, pod.container),
    volumes: [],
    volumesKnown: false,
    params: [],
    path: pod.containerPath,
  };
  return check(view, context, manifest).map((p) => {
    const placed = pod.field(p.property);
    return { location, ...p, property: placed.property, problem: `${p.problem}${placed.note}`, ...(placed.fix === undefined ? {} : { fix: placed.fix }) };
  });
}

/**
 * Said of the rules that read the steps of Shipwright's build strategies (containers.ts, build-strategies.ts) as the
 * TaskRun steps Shipwright's controller makes of them.
 */
export const BUILD_STRATEGIES = ' A Shipwright build strategy (`shipwright.io` v1beta1 or v1alpha1, BuildStrategy or ClusterBuildStrategy) is read '
  + 'as the TaskRun its controller creates for each BuildRun (shipwright-io/build v0.20): each of its `steps` (v1alpha1 '
  + '`buildSteps`) as a step with only the fields the controller copies (`name`, `image`, `imagePullPolicy`, `command`, `args`, '
  + '`workingDir`, `env`, `volumeMounts`, `securityContext`, `resources`; any other is never run), with the `runAsUser` and '
  + '`runAsGroup` of the strategy\'s `spec.securityContext` where the step leaves them unset (a finding on one is placed there); '
  + 'its `parameters` as the task\'s params (an array\'s `defaults` as its default), whose values a Build or BuildRun gives, as it '
  + 'gives `shp-output-image` and `shp-source-context`, while `shp-source-root`, `shp-output-insecure` and `shp-output-directory` '
  + 'are the controller\'s own values; a v1alpha1 strategy\'s `$(params.DOCKERFILE)`, `$(build.dockerfile)` and '
  + '`$(build.builder.image)` in command, args and env values as the `$(params.dockerfile)` and `$(params.builder-image)` '
  + 'Shipwright converts them to (quoted so, the variable as written named in the problem, also in a finding of a Build or BuildRun that runs the strategy). A finding names the strategy\'s step and field (`spec.steps[0]...`), with fixes made '
  + 'in the strategy, and is relaxed with the step\'s target (`step/<name>`) in the strategy\'s annotations. A Build or BuildRun '
  + '(`shipwright.io` v1beta1 or v1alpha1) checked together with the strategy it names (`spec.strategy`: a ClusterBuildStrategy, or a '
  + 'BuildStrategy of its namespace, also when `kind` is unset; a BuildRun\'s Build by `spec.build.name` in its namespace, or the '
  + 'Build spec it embeds) is read as the TaskRun made for it (shipwright-io/build v0.20.13, resource_builders.go, volumes.go, '
  + 'params.go): the strategy\'s steps, each with the Build\'s `spec.env` then the BuildRun\'s (which replaces the Build\'s of a name) '
  + 'appended where the step has no variable of that name, the `resources` of its `stepResources` entry, the source an `overridable` '
  + 'volume is given by the Build\'s `spec.volumes` then the BuildRun\'s (NO_HOST_ACCESS also reports such a volume in the strategy '
  + 'itself: any Build may give it a hostPath); a BuildRun\'s params fixed as its TaskRun\'s (its '
  + '`paramValues` over the Build\'s, a v1alpha1 Build\'s `builder.image` and non-empty `dockerfile` after them as its `builder-image` '
  + 'and `dockerfile` params (the conversion to v1beta1, build_conversion.go), a `secretValue` or `configMapValue` as the '
  + '`$(SHP_SECRET_PARAM_...)` expression with its '
  + '`format`; `shp-output-image`, `shp-source-context` from the output and `source.contextDir`), a Build\'s still any BuildRun\'s. '
  + 'Such a finding names the strategy and its step (`strategy ClusterBuildStrategy \'buildah\' step \'build\'`) and is placed at '
  + 'the Build\'s `spec.strategy`, relaxed with the step\'s target in the Build\'s or BuildRun\'s annotations; a finding the strategy has by itself (same target, '
  + 'field, value and problem) is reported, and relaxed, on the strategy alone, so a Build shows what its run adds, unless it is of a '
  + 'volume to which the Build or BuildRun gives a source other than the strategy\'s (a hostPath `/` over the strategy\'s hostPath '
  + '`/var/cache`, whose finding reads alike). Of two strategies, or Builds, of one identity (UNIQUE_OBJECTS\' finding; a '
  + 'ClusterBuildStrategy\'s `metadata.namespace` is none), the run is read with the last one, which kubectl apply keeps; a Build without '
  + '`metadata.namespace` beside BuildStrategies of its name in different namespaces (the kubectl context decides) is read with none. A Build whose strategy is not checked with it is '
  + 'judged by its own fields only (NO_HOST_ACCESS reads its own `volumes` so). Not read: the env variable and its Secret a `secretValue` adds to the steps (the generated '
  + 'name is random; CREDENTIALS_WITH_REPO_CODE reads the Secret), a Build\'s `schedulerName` and `runtimeClassName` (the TaskRun\'s pod template; its `nodeSelector` and `tolerations` are '
  + 'RUN_POD_OVERRIDES\', its `timeout` RUN_TIMEOUT\'s, a BuildRun\'s `serviceAccount` RUN_SERVICE_ACCOUNT\'s), `output.pushSecret` (linked '
  + 'to the run\'s ServiceAccount, so Tekton\'s credential initialisation gives it to every step: CREDENTIALS_WITH_REPO_CODE\'s), `source.git.cloneSecret` '
  + '(mounted into the controller\'s own source step alone), '
  + 'and what a step\'s own env name repeated by the Build, an undeclared param or a volume not `overridable` does: the BuildRun fails '
  + 'and no TaskRun is made.';

/** Said of the rules that read task specs and judge a Shipwright Build's run (containers.ts taskSpecsOf, shipwright-builds.ts). */
export const SHIPWRIGHT_RUNS = 'A Shipwright BuildStrategy or ClusterBuildStrategy is read by itself as the task spec of its BuildRuns\' TaskRun '
  + '(its steps, mounts and volumes; its `parameters` any Build or BuildRun gives, `shp-source-root` and `shp-output-directory` the controller\'s '
  + 'own values, which choose nothing), and its steps, volumes and mounts again in the TaskRun of each Build and BuildRun checked together with '
  + 'it (`shipwright.io` v1beta1 and v1alpha1, read as the container rules say), where a finding names `strategy <kind> \'<name>\'`, is placed at '
  + 'the Build\'s `spec.strategy` and is reported only where the strategy alone does not have it; a BuildRun\'s param values are '
  + 'judged as a TaskRun\'s. ';

/** Said of the rules that read no Shipwright object. */
export const SHIPWRIGHT_UNREAD = 'Shipwright\'s Builds, BuildRuns and build strategies (`shipwright.io`) are not read by this rule. ';

/** A fix written for a Task's step, said of a Shipwright build strategy's step (whose steps, params and env are the strategy's). */
export function inStrategyTerms(fix: string): string {
  return fix.replace(/\bthe Task's\b/g, "the strategy's").replace(/\b(the|a) Task\b/g, 'the strategy').replace(/\bthe task's\b/g, "the strategy's");
}

/** Said of every container rule: kfp-tekton's PipelineLoops are walked as Pipelines (containers.ts loopPipelineSpec). */
export const PIPELINE_LOOPS = ' A PipelineLoop of kubeflow kfp-tekton (`custom.tekton.dev`), an object of that kind or the custom task spec '
  + "(`apiVersion`, `kind`, `spec`) of a pipeline task's `taskSpec`, is read as a Pipeline of its `spec.pipelineSpec` whose params "
  + 'any run gives: its controller creates a `tekton.dev/v1` PipelineRun of that pipelineSpec for each iteration, with the '
  + "CustomRun's params (the iterated one an element of its value).";

/** Said of the rules that report on a step what a StepAction brings with the params the step passes it (asWrittenInStepAction). */
export const STEP_ACTION_QUOTED = ' Such a finding quotes the StepAction\'s field as written and, where the value is text the step\'s params put '
  + 'there, says what they make of it and from which param (`where "$(params.dir)" becomes "$(workspaces.source.path)/src": '
  + 'the value this step passes to param dir`); a fix that quotes the text quotes the StepAction\'s, and is made in the StepAction.';

/** Said of the rules that judge a StepAction again in the Task that runs it. */
const STEP_ACTION_IN_TASK = ' A StepAction checked together with the Task that runs it (same namespace, a local `ref`) is '
  + 'also judged as it runs in the Task: Tekton resolves the StepAction into the step (which keeps its own `envFrom`), merges the stepTemplate under it '
  + '(its env included, in Tekton\'s order) and then substitutes `$(workspaces.<w>.path)`, whose mount path may hold a param; '
  + 'what only that brings is reported on the Task\'s step.' + STEP_ACTION_QUOTED + ' Without the StepAction at hand (fetched by a resolver, or not checked '
  + 'with the Task), what the Task brings to such a step, the stepTemplate merged under what the step keeps of its own, is judged '
  + 'alone, as it reaches whatever StepAction runs there.';

/**
 * The findings that the StepAction a step runs (found in `context`) has only as it runs in this
 * Task: with what the step keeps of its own (its envFrom may hold a Secret), merged with the
 * stepTemplate (whose env may hold a caller's value or a Secret) and with the workspace paths
 * the Task's mount paths let a caller choose. The StepAction alone is judged on its own object.
 */
function stepActionInTask(
  v: ContainerView, manifest: any, context: IRuleContext | undefined,
  check: (view: ContainerView) => Array<Omit<Problem, 'location' | 'target'>>,
): Problem[] {
  const chosen = v.chosenWorkspacePaths;
  const ref = v.container.ref;
  // what the step keeps of its own beside ref (Tekton's resolveStepRef starts from the step and puts the StepAction's
  // image, securityContext, command, args, script, workingDir, env and volumeMounts in: envFrom, for one, stays); its
  // `when` stays too, read on the step itself (SCRIPT_INJECTION), never as the StepAction's
  const { ref: _ref, params: _params, name: _name, when: _when, ...own } = v.container;
  const ownFields = Object.values(own).some((x) => x !== undefined && x !== null);
  if ((chosen === undefined || chosen.size === 0) && v.template === undefined && !ownFields) return [];
  const same = (a: Omit<Problem, 'location' | 'target'>, b: Omit<Problem, 'location' | 'target'>) =>
    a.property === b.property && a.value === b.value && a.problem === b.problem;
  // every StepAction the step may run (a Task without a namespace may be applied to any)
  const actions = context === undefined ? [] : locallyReferenced(context.manifests, ref, 'StepAction', manifest)
    .filter((m) => m.spec !== null && typeof m.spec === 'object');
  if (actions.length === 0) {
    // the StepAction is not at hand: what the Task brings (the stepTemplate under what the step keeps) reaches whichever runs
    const alone = { ...own };
    return check({ ...v, container: alone, effective: mergeTemplate(v.template, alone) })
      .map((p) => ({ location: v.location, target: v.target, ...p, problem: `${p.problem} ${UNDER_UNSEEN_STEP_ACTION}` }));
  }
  const found = actions
    .flatMap((action) => {
      // the StepAction with the values this step passes to its params (a literal is no caller's value)
      const spec = withStepParams(action.spec, v.container.params);
      // (alone, as on its own object: without the Task's volumes, which it mounts only in the Task)
      const alone = check({
        ...v, container: spec, effective: spec, template: undefined, chosenWorkspacePaths: undefined, volumes: [], volumesKnown: false,
      });
      const inTask = check({ ...v, container: spec, effective: mergeTemplate(v.template, { ...own, ...spec }) });
      return inTask.filter((p) => !alone.some((a) => same(a, p))).map((p) => asWrittenInStepAction(p, action, v.container.params));
    });
  const unique = found.filter((p, i) => found.findIndex((q) => same(p, q)) === i);
  return unique.map(({ where, ...p }) => ({
    location: v.location, target: v.target, ...p, problem: `${p.problem} (in StepAction '${jsString(ref.name)}', which this step runs${where})`,
  }));
}

/**
 * A problem a rule found in a StepAction with the params a step passes it (withStepParams), told
 * as the files write it: where the value is text those params put in, the finding quotes the
 * StepAction's text that holds it as written (the `$(params.<p>)`, which the StepAction writes,
 * not what it becomes, which neither the StepAction nor the Task writes), and `where` says what
 * the params make of it and from where; a fix that quotes the text the rule read quotes the
 * StepAction's instead, and says it is made in the StepAction. `where` is empty for a value
 * written as found.
 */
export function asWrittenInStepAction<P extends { readonly property: string; readonly value?: string; readonly fix?: string }>(
  p: P, action: any, stepParams: unknown,
): P & { readonly where: string } {
  const text = writtenInStepAction(action?.spec, stepParams, p.property, p.value);
  if (text === undefined) return { ...p, where: '' };
  const name = jsString(action?.metadata?.name ?? '');
  // a fix that quotes the text (to move it into env, say) moves what the StepAction writes
  const quotes = ["'", '"'].filter((q) => p.fix?.includes(`${q}${p.value}${q}`));
  const fixed = quotes.length === 0 ? undefined : quotes.reduce((f, q) => f.split(`${q}${p.value}${q}`).join(`${q}${text.written}${q}`), p.fix!);
  const fix = fixed === undefined ? {} : { fix: `In StepAction '${name}', ${/^[A-Z][a-z]/.test(fixed) ? fixed[0].toLowerCase() + fixed.slice(1) : fixed}` };
  return { ...p, value: text.written, ...fix, where: `, where ${JSON.stringify(text.written)} becomes ${JSON.stringify(text.becomes)}: ${text.from}` };
}

/** Said of a finding on a step that runs a StepAction not at hand, from what the Task gives the step. */
const UNDER_UNSEEN_STEP_ACTION = '(from the stepTemplate or what the step keeps beside ref, which Tekton merges into the StepAction this step runs)';

/** Said of a finding on a step that runs a StepAction, whose value comes from the stepTemplate or the pod. */
const UNDER_STEP_ACTION = "(from the stepTemplate or the pod's securityContext, which Tekton applies under the StepAction's securityContext this step runs)";

/** `securityContext.<field>` as written, for messages. */
export function securityField(view: ContainerView, field: string): { property: string; value?: string } {
  const v = view.effective?.securityContext?.[field];
  return { property: `securityContext.${field}`, value: v === undefined ? undefined : jsString(v) };
}

/**
 * How to relax a rule whose findings are about one container: the target names
 * the step or sidecar (and the stepTemplate, for a rule that reports it on its
 * own), below `task/<name>` in a pipeline task's embedded spec. `props` is said
 * before the YAML form, e.g. which construct prop needs the relaxation.
 */
export function containerRelaxation(id: RuleId, options: { readonly stepTemplate?: boolean; readonly props?: string } = {}): string {
  const others = options.stepTemplate ? "`RelaxationTarget.sidecar('<name>')` or `RelaxationTarget.stepTemplate()`" : "`RelaxationTarget.sidecar('<name>')`";
  return `\`{ rule: RuleId.${id}, reason: '<why>', target: RelaxationTarget.step('<name>') }\` (or ${others}; `
    + "inside a pipeline task's embedded spec, `RelaxationTarget.task('<task>', RelaxationTarget.step('<name>'))`; a StepAction's target is "
    + "`step/<its name>`), given to the SecureTask's `relaxations` or to `Relaxations.of(construct).add(...)`, or without a target in the "
    + "`relaxations` of the step's or sidecar's own props. "
    + (options.props ? `${options.props} ` : '')
    + `In YAML for the audit, annotate the object ${relaxAnnotation(id, 'step/<name>: <why>')}.`;
}

/**
 * The relaxation annotation of a rule as Markdown code, for documentation:
 * `secure-tekton/relax.<RULE>: "<line>"`, or the key alone without a line.
 */
export function relaxAnnotation(id: string, line?: string): string {
  return line === undefined ? `\`${RELAXATION_ANNOTATION_PREFIX}${id}\`` : `\`${RELAXATION_ANNOTATION_PREFIX}${id}: "${line}"\``;
}

/**
 * What a rule that judges one chains-config object finds in it (`judge` of the chains-config it
 * sets), and, where the operator's own TektonConfig writes chains-config over it
 * (chainsConfigReplacement), what `judge` finds in what the operator writes, at the object's
 * field for each key where the object's own reading finds nothing there: a value written on the
 * object is not credited when the operator replaces it.
 */
export function chainsConfigProblems(manifest: any, context: IRuleContext | undefined, judge: (view: ChainsConfigView) => Problem[]): Problem[] {
  const view = chainsConfigView(manifest);
  if (view === undefined) return chainsConfigKeptProblems(manifest, context, judge);
  if (chainsConfigKeptOnly(manifest, context)) return chainsConfigKeptProblems(manifest, context, judge);
  const own = judge(view);
  // a ConfigMap of tekton-chains beside an operator that installs Chains elsewhere: judged, saying its Chains does not read it
  const unread = unreadByOperatorChains(manifest, context?.manifests);
  if (unread !== undefined) return own.map((p) => ({ ...p, problem: p.problem + unread }));
  const replacement = chainsConfigReplacement(manifest, context?.manifests);
  if (replacement === undefined) return own;
  const found = new Set(own.map((p) => p.property));
  const over = `${replacement.name} writes over this ${jsString(manifest.kind)}`;
  const written = judge(replacement.view)
    .filter((p) => !found.has(p.property))
    .map((p) => ({
      ...p,
      problem: p.problem.includes(over) ? p.problem : `${p.problem}, in the chains-config that ${over}`,
      fix: 'Set it under spec.chain of a TektonConfig named config, checked together: the operator writes chains-config from that, not from '
        + `this ${jsString(manifest.kind)}; if the operator runs with AUTOINSTALL_COMPONENTS "false", check its Deployment together, or relax this finding with that reason.`,
    }));
  return [...own, ...written];
}

/**
 * How to relax a rule of chains-config, whose findings are about the whole ConfigMap;
 * `needsOne`, the ChainsConfig setting that needs the relaxation, if any.
 */
export function chainsConfigRelaxation(id: RuleId, needsOne?: string): string {
  return `Findings are about the whole ConfigMap, so give \`{ rule: RuleId.${id}, reason: '<why>' }\` without a target `
    + '(a `RelaxationTarget.configKey(...)` target covers none of them and is refused as covering nothing), in the '
    + `ChainsConfig's \`relaxations\`${needsOne === undefined ? '' : ` (${needsOne} needs one)`} or to \`Relaxations.of(construct).add(...)\`. `
    + `In YAML for the audit: ${relaxAnnotation(id, '*: <why>')} on chains-config (or on the Tekton operator's TektonConfig or TektonChain that writes it).`;
}

/**
 * What a step that runs a StepAction (checked together) chooses of the StepAction through the
 * params it passes: Tekton substitutes the run's params into the step's params, and those into
 * the StepAction. `problemsOf` reads the StepAction's spec (`passed`: with the step's params, or
 * with none); a problem found without them is the StepAction's own, reported on the StepAction,
 * so only the others are the step's, each saying which StepAction it came through.
 */
export function problemsThroughStepActions(
  v: ContainerView,
  manifest: any,
  context: IRuleContext | undefined,
  problemsOf: (spec: any, passed: boolean) => Problem[],
): Problem[] {
  if (context === undefined || v.role !== 'step' || v.container?.ref === null || typeof v.container?.ref !== 'object') return [];
  const key = (p: Problem) => `${p.property}\u0000${p.value}`;
  return locallyReferenced(context.manifests, v.container.ref, 'StepAction', manifest)
    .filter((a) => a.spec !== null && typeof a.spec === 'object')
    .flatMap((a) => {
      const own = new Set(problemsOf(withStepParams(a.spec, []), false).map(key));
      return problemsOf(withStepParams(a.spec, v.container.params), true).filter((p) => !own.has(key(p)))
        .map((p) => asWrittenInStepAction(p, a, v.container.params))
        .map(({ where, ...p }) => ({ ...p, problem: `${p.problem}, through the params this step passes to StepAction '${jsString(a.metadata?.name)}'${where}` }));
    });
}
