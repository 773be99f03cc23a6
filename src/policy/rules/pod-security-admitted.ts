import { SHIPWRIGHT_GROUP } from '../../private/build-strategies';
import { storedConfigMapData, writtenValue } from '../../private/config-map-data';
import {
  asArray, ContainerView, containersOf, EmbeddedSpec, isCoreV1, isTekton, mergeSecurityContext, objectName, shipwrightStrategyOf,
  stepActionStepSecurity, taskSpecsOf,
} from '../../private/containers';
import { featureFlagsConfigMap, SEVERAL_FEATURE_FLAGS } from '../../private/feature-flags-config-map';
import { goToLower, goTrimSpace } from '../../private/go-strings';
import { isEventListener, KNATIVE_QUEUE_PROXY, LISTENER_CONTAINER, ListenerField, ListenerPod, listenerPod } from '../../private/listener-pods';
import { locallyReferenced, manifestsNamed, oncePerSet } from '../../private/manifest-index';
import { manifestNamespace, sameNamespace } from '../../private/namespaces';
import { operatorFlagsOf, OPERATOR_FLAGS_OF } from '../../private/operator-flags';
import { goParseBool } from '../../private/parse-bool';
import { loopRunsOf } from '../../private/pipeline-loops';
import { POD_SECURITY_LABEL_PREFIX } from '../../private/pod-security';
import {
  annotationViolations, containerViolations, EnforcedLevel, enforcedLevel, LATEST_READ_AS_MINOR, PodLevel, PodSecurityViolation, podViolations,
  refuses, STRICTER_SINCE,
} from '../../private/pod-security-standards';
import {
  affinityAssistantTemplateOf, AppliedConfigDefaults, appliedConfigDefaults, CONFIG_DEFAULTS_READINGS_TEXT, configDefaultsKeyObject,
  DEFAULT_AA_POD_TEMPLATE_KEY, inConfigDefaultsReading, podTemplatesOf, WORKLOAD_PODS_TEXT, workloadPodSpec,
} from '../../private/pods';
import { acrossReadings } from '../../private/readings';
import { isShipwrightBuild, localSource, runBuildSpec } from '../../private/shipwright-builds';
import { controllerSteps } from '../../private/shipwright-pods';
import { withStepParams } from '../../private/substitutions';
import { featureFlagDefault } from '../../private/tekton-config';
import { jsString } from '../../private/text';
import { IRuleContext, Severity } from '../rule';
import { asWrittenInStepAction, followingLoops, Problem, runsStepAction } from '../rule-builders';
import { RuleId } from '../rule-id';

const TEKTON_KINDS = ['Task', 'TaskRun', 'Pipeline', 'PipelineRun', 'StepAction'];
const SET_SECURITY_CONTEXT = 'set-security-context';

function isObject(x: any): boolean {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

/**
 * The namespaces checked together that enforce one level (of one version), by name: one for
 * an object that names its namespace, every such namespace for an object that names none.
 */
interface Enforcing extends EnforcedLevel {
  readonly namespaces: string[];
}

/** The Namespaces among a set of manifests that enforce a level other than privileged, computed once per set. */
const ENFORCING = new WeakMap<object, Enforcing[]>();

function allEnforcing(manifests: any[]): Enforcing[] {
  const cached = ENFORCING.get(manifests);
  if (cached) return cached;
  const out: Enforcing[] = [];
  for (const m of manifests) {
    if (m?.kind !== 'Namespace' || (m.apiVersion !== undefined && !isCoreV1(m.apiVersion))) continue;
    const name = m.metadata?.name;
    if (typeof name !== 'string' || name === '') continue;
    const enforced = enforcedLevel(m);
    if (enforced !== undefined && enforced.level !== 'privileged') out.push({ ...enforced, namespaces: [name] });
  }
  ENFORCING.set(manifests, out);
  return out;
}

/**
 * The namespaces checked with `manifest` that it can run in and that enforce a level other than
 * privileged, those that enforce the same level and version together: an object without a
 * namespace may be applied to any of them, and what one of them refuses is one finding that
 * names them all.
 */
function enforcingNamespaces(manifest: any, context: IRuleContext): Enforcing[] {
  // an EventListener's pod runs where its customResource's object is made
  const own = isEventListener(manifest) ? listenerPod(manifest, context.manifests)?.namespace : manifestNamespace(manifest);
  const groups = new Map<string, Enforcing>();
  for (const ns of allEnforcing(context.manifests)) {
    if (!sameNamespace(own, ns.namespaces[0])) continue;
    const key = [ns.level, ns.version, ns.minor].join('\0');
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { ...ns, namespaces: [...ns.namespaces] });
    else if (!group.namespaces.includes(ns.namespaces[0])) group.namespaces.push(ns.namespaces[0]);
  }
  return [...groups.values()];
}

/** `'a'`, `'a' and 'b'`, `'a', 'b' and 'c'` (or with `or`). */
function quotedList(names: string[], conjunction: string): string {
  const quoted = names.map((n) => `'${n}'`);
  return quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} ${conjunction} ${quoted[quoted.length - 1]}`;
}

/** `namespace 'a'` or `namespaces 'a' and 'b'`. */
function namespaceWords(ns: Enforcing): string {
  return `namespace${ns.namespaces.length === 1 ? '' : 's'} ${quotedList(ns.namespaces, 'and')}`;
}

/** The pod securityContext a PipelineRun gives pipeline task `task` (the last per-task template's that sets one, else the run-wide one). */
function runPodContext(run: any, task: string): any {
  const templates = podTemplatesOf(run);
  // every entry for the task is merged over the run-wide template in turn (GetTaskRunSpec): the last that sets one (a null is unset) wins
  const perTask = templates.filter((t) => t.perTask && t.target === `task/${task}` && isObject(t.template)
    && t.template.securityContext !== undefined && t.template.securityContext !== null);
  if (perTask.length > 0) return perTask[perTask.length - 1].template.securityContext;
  return templates.find((t) => !t.perTask)?.template?.securityContext;
}

/** A run that runs a Task by name: a TaskRun, or a PipelineRun's pipeline task (through a Pipeline, or its own pipelineSpec). */
interface TaskUse {
  readonly run: any;
  /** The Pipeline that holds the pipeline task (undefined: a TaskRun, or a PipelineRun's own pipelineSpec). */
  readonly pipeline?: any;
  /** The pipeline task's name (undefined: a TaskRun). */
  readonly pipelineTask?: string;
}

/** What runs the Tasks and Pipelines of the manifests checked together, by name, in their order (found once per check). */
interface RunsIndex {
  /** By the name of the Task run (a local reference: no resolver, no bundle, kind Task). */
  readonly tasks: Map<unknown, TaskUse[]>;
  /** PipelineRuns by the name of the Pipeline they refer to. */
  readonly pipelines: Map<unknown, any[]>;
}

const RUNS_INDEX = new WeakMap<readonly any[], Map<string, RunsIndex>>();

function runsIndex(manifests: readonly any[]): RunsIndex {
  return oncePerSet(RUNS_INDEX, manifests, 'runs', () => {
    const index: RunsIndex = { tasks: new Map(), pipelines: new Map() };
    const add = <T>(map: Map<unknown, T[]>, key: unknown, value: T) => {
      const list = map.get(key);
      if (list) list.push(value);
      else map.set(key, [value]);
    };
    const localTask = (ref: any): ref is { name: unknown } => isObject(ref) && ref.resolver === undefined && ref.bundle === undefined && (ref.kind ?? 'Task') === 'Task';
    const tasksOf = (pipelineSpec: any) => [...asArray(pipelineSpec?.tasks), ...asArray(pipelineSpec?.finally)].filter(isObject);
    // the PipelineRuns a PipelineLoop's controller makes count as the PipelineRuns checked
    const runs = manifests.flatMap((m) => [m, ...loopRunsOf(m).map((l) => l.run)]);
    for (const m of runs) {
      if (m?.kind === 'TaskRun' && localTask(m.spec?.taskRef)) add(index.tasks, m.spec.taskRef.name, { run: m });
      if (m?.kind !== 'PipelineRun') continue;
      const ref = m.spec?.pipelineRef?.name;
      add(index.pipelines, ref, m);
      const specs: Array<{ readonly spec: any; readonly pipeline?: any }> = isObject(m.spec?.pipelineSpec)
        ? [{ spec: m.spec.pipelineSpec }]
        : typeof ref === 'string' ? manifestsNamed(manifests, 'Pipeline', ref).map((p) => ({ spec: p.spec, pipeline: p })) : [];
      for (const { spec, pipeline } of specs) {
        for (const t of tasksOf(spec)) {
          if (localTask(t.taskRef)) add(index.tasks, t.taskRef.name, { run: m, pipeline, pipelineTask: jsString(t.name) });
        }
      }
    }
    return index;
  });
}

/**
 * The pod securityContexts of the runs checked together that run a definition's task
 * spec: TaskRuns and PipelineRuns of a Task (through a Pipeline checked with them or
 * their own pipelineSpec), PipelineRuns of a Pipeline for its embedded specs.
 */
function runsOf(manifest: any, spec: EmbeddedSpec, context: IRuleContext | undefined): readonly any[] {
  if (context === undefined) return [];
  const name = manifest?.metadata?.name;
  if (typeof name !== 'string' || (manifest.kind !== 'Task' && manifest.kind !== 'Pipeline')) return runsFound(manifest, spec, context);
  // the same for every Task of one name in one namespace (the catalog's versions of a Task), and every Pipeline's same task
  const task = manifest.kind === 'Pipeline' ? /^task\/([^/]*)\/$/.exec(spec.targetPrefix)?.[1] : undefined;
  const key = JSON.stringify([manifest.kind, name, manifestNamespace(manifest) ?? null, task ?? null]);
  return oncePerSet(RUNS_OF, context.manifests, key, () => runsFound(manifest, spec, context));
}

/** What `runsOf` found, per set of manifests checked together, by kind, name, namespace and pipeline task. */
const RUNS_OF = new WeakMap<readonly any[], Map<string, readonly any[]>>();

function runsFound(manifest: any, spec: EmbeddedSpec, context: IRuleContext): any[] {
  const index = runsIndex(context.manifests);
  const name = manifest?.metadata?.name;
  const ns = manifestNamespace(manifest);
  const near = (m: any) => sameNamespace(manifestNamespace(m), ns);
  const out: any[] = [];
  if (manifest.kind === 'Task') {
    for (const use of index.tasks.get(name) ?? []) {
      if (!near(use.run) || (use.pipeline !== undefined && !near(use.pipeline))) continue;
      out.push(use.pipelineTask === undefined ? use.run.spec?.podTemplate?.securityContext : runPodContext(use.run, use.pipelineTask));
    }
  } else if (manifest.kind === 'Pipeline' && name !== undefined) {
    const task = /^task\/([^/]*)\/$/.exec(spec.targetPrefix)?.[1];
    for (const m of index.pipelines.get(name) ?? []) {
      if (near(m)) out.push(task === undefined ? undefined : runPodContext(m, task));
    }
  }
  return out;
}

/** A container of a pod, with where it is. */
interface PodContainer {
  readonly location: string;
  readonly target?: string;
  readonly container: any;
  /**
   * For a step that runs a StepAction checked together: its name, and its spec as the step
   * runs it alone (what that has is reported on the StepAction), the StepAction as written and
   * the params the step passes it (to quote its text as written: asWrittenInStepAction).
   */
  readonly stepAction?: { readonly name: string; readonly spec: any; readonly action: any; readonly params: unknown };
  /** For a step Shipwright's controller adds: the variable of the controller that configures it. */
  readonly controller?: string;
  /** For an EventListener's container: its pod as Triggers' controller makes it, which says where each field comes from. */
  readonly listener?: ListenerPod;
}

/** A pod a manifest makes, as far as the manifest says: its containers and what is known of its pod. */
interface PodOf {
  readonly containers: PodContainer[];
  /** Each pod securityContext the pod may run with (one per run known), or one unknown. */
  readonly pods: PodLevel[];
  /** Pod-level fields to check, with where they are. */
  readonly podFields: Array<{
    readonly location?: string;
    readonly target?: string;
    readonly prefix: string;
    readonly fields: any;
    readonly reading?: string;
    readonly listener?: ListenerPod;
  }>;
}

/**
 * The annotations the pods a manifest makes carry, with the prefix of their field and the names of
 * the pod's containers (undefined where Tekton names them): a workload's pod template's, and a
 * Task's, TaskRun's, Pipeline's or PipelineRun's own, which Tekton copies to the runs it makes and
 * to their pods, with a pipeline task's embedded taskSpec metadata's and a PipelineRun's
 * taskRunSpecs metadata's, which Tekton gives that task's TaskRun.
 */
function podAnnotations(
  manifest: any, manifests?: readonly any[],
): Array<{ readonly prefix: string; readonly annotations: any; readonly containers?: string[]; readonly location?: string }> {
  if (manifest.kind === 'StepAction') return [];
  if (isShipwrightBuild(manifest)) {
    // the strategy's annotations, but kubectl's last-applied and Shipwright's own domains, are the TaskRun's (resource_builders.go
    // `applyAnnotationsAndLabels`, `isPropagatableAnnotation`), which Tekton copies to the pod; a BuildRun of a Build checked with it: the Build's finding
    const strategy = shipwrightStrategyOf(manifest);
    if (!isObject(strategy?.metadata?.annotations) || runBuildSpec(manifest, manifests)?.path === undefined) return [];
    const annotations = Object.fromEntries(Object.entries(strategy.metadata.annotations).filter(([k]) => k !== 'kubectl.kubernetes.io/last-applied-configuration'
      && !['clusterbuildstrategy.shipwright.io/', 'buildstrategy.shipwright.io/', 'build.shipwright.io/', 'buildrun.shipwright.io/'].some((d) => k.startsWith(d))));
    return [{ prefix: 'metadata.', annotations, location: `strategy ${strategy.kind} '${jsString(strategy.metadata?.name)}'` }];
  }
  if (TEKTON_KINDS.includes(manifest.kind)) {
    // a pipeline task's TaskRun also takes its taskRunSpecs metadata's and its embedded taskSpec metadata's
    // (pipelinerun.go combineTaskRunAndTaskSpecAnnotations), which Tekton copies to the pod
    const pipeline = manifest.kind === 'PipelineRun' ? { spec: manifest.spec?.pipelineSpec, path: 'spec.pipelineSpec' }
      : manifest.kind === 'Pipeline' ? { spec: manifest.spec, path: 'spec' } : undefined;
    const embeddedTasks = (['tasks', 'finally'] as const).flatMap((f) => asArray(isObject(pipeline?.spec) ? pipeline?.spec[f] : undefined)
      .map((t, i) => ({ prefix: `${pipeline?.path}.${f}[${i}].taskSpec.metadata.`, annotations: isObject(t) && isObject(t.taskSpec) ? t.taskSpec.metadata?.annotations : undefined })));
    const perTask = manifest.kind === 'PipelineRun'
      ? asArray(manifest.spec?.taskRunSpecs).map((t, i) => ({ prefix: `spec.taskRunSpecs[${i}].metadata.`, annotations: isObject(t) ? t.metadata?.annotations : undefined }))
      : [];
    return [{ prefix: 'metadata.', annotations: manifest.metadata?.annotations }, ...embeddedTasks, ...perTask]
      .filter((a) => isObject(a.annotations));
  }
  const at = workloadPodSpec(manifest);
  if (at === undefined) return [];
  const listener = listenerPod(manifest, manifests);
  if (listener !== undefined) {
    // a Knative Service's pod has Knative Serving's queue-proxy too, which an annotation may name
    const containers = listener.knativeService ? [LISTENER_CONTAINER, KNATIVE_QUEUE_PROXY.name as string] : [LISTENER_CONTAINER];
    return [{ prefix: `${listener.template}.metadata.`, annotations: isObject(listener.annotations) ? listener.annotations : undefined, containers }];
  }
  // the pod's metadata is beside its spec: metadata, spec.template.metadata, spec.jobTemplate.spec.template.metadata
  const prefix = at.prefix.replace(/spec\.$/, 'metadata.');
  const metadata = prefix.split('.').filter((k) => k !== '').reduce((o: any, k) => (isObject(o) ? o[k] : undefined), manifest);
  const spec = isObject(at.spec) ? at.spec : {};
  const containers = (['initContainers', 'containers', 'ephemeralContainers'] as const)
    .flatMap((f) => asArray(spec[f]).filter(isObject).map((c) => jsString(c.name ?? '')));
  return [{ prefix, annotations: isObject(metadata) ? metadata.annotations : undefined, containers }];
}

/**
 * A step that runs a StepAction, as its pod gets it: Tekton puts the StepAction's securityContext in
 * place of the step's and merges the stepTemplate's under it (taskspec.go `resolveStepRef`, then
 * `MergeStepsWithStepTemplate`). With the StepAction checked together (a local `ref`), one container
 * per StepAction it may name; without, a securityContext that passes where neither the stepTemplate
 * nor the pod sets a field (the StepAction is not seen).
 */
function stepActionContainers(v: ContainerView, manifest: any, context: IRuleContext | undefined): PodContainer[] {
  const at = { location: v.location, target: v.target };
  const actions = context === undefined ? [] : locallyReferenced(context.manifests, v.container.ref, 'StepAction', manifest).filter((m) => isObject(m.spec));
  if (actions.length === 0) return [{ ...at, container: { ...v.effective, securityContext: stepActionStepSecurity(v) } }];
  return actions.map((action) => {
    const spec = withStepParams(action.spec, v.container.params);
    const securityContext = mergeSecurityContext(v.template?.securityContext, spec.securityContext);
    return { ...at, container: { ...v.effective, securityContext }, stepAction: { name: jsString(action.metadata?.name ?? ''), spec, action, params: v.container.params } };
  });
}

function tektonPods(manifest: any, context: IRuleContext | undefined): PodOf[] {
  const views = containersOf(manifest).filter((v) => v.role !== 'stepTemplate');
  if (manifest.kind === 'StepAction') {
    // the Task that uses it makes the pod: only what the step sets itself is judged
    return [{ containers: views, pods: [{}], podFields: [] }];
  }
  const out: PodOf[] = [];
  const defaults = defaultPodTemplates(context);
  for (const spec of taskSpecsOf(manifest)) {
    // a PipelineLoop's specs run in the PipelineRuns it makes, with its pod template: judged on that run (followingLoops)
    if (spec.path.includes('.taskSpec.spec.pipelineSpec.')) continue;
    const steps = `${spec.path}.steps[`;
    const sidecars = `${spec.path}.sidecars[`;
    const containers = views.filter((v) => v.path.startsWith(steps) || v.path.startsWith(sidecars))
      .flatMap((v): PodContainer[] => (runsStepAction(v)
        ? stepActionContainers(v, manifest, context)
        : [{ location: v.location, target: v.target, container: v.effective }]));
    let pods: PodLevel[];
    if (manifest.kind === 'TaskRun' || manifest.kind === 'PipelineRun') {
      pods = withDefault(spec.podSecurityContext, defaults).map((d) => ({
        securityContext: d.securityContext,
        unsetBecause: inReading(d.from === undefined ? "the run's pod template does not set it either" : `neither the run's pod template nor ${d.from} sets it`, d.reading),
      }));
    } else {
      const runs = runsOf(manifest, spec, context).flatMap((sc) => withDefault(sc, defaults));
      pods = runs.length === 0
        ? [{ unsetBecause: 'no run checked with it sets it for the pod (podTemplate.securityContext)' }]
        // runs that give the pod the same securityContext (most give none) admit the same containers: judged once
        : [...new Map(runs.map((r) => [JSON.stringify([r.securityContext ?? null, r.from ?? null, r.reading ?? null]), r])).values()]
          .map((r) => ({
            securityContext: r.securityContext,
            unsetBecause: inReading(r.from === undefined ? 'the pod template of a run checked with it does not set it either'
              : `neither the pod template of a run checked with it nor ${r.from} sets it`, r.reading),
          }));
    }
    const volumes = asArray(spec.spec?.volumes);
    const podFields = volumes.length > 0
      ? [{ location: spec.prefix.trim() || undefined, target: spec.targetPrefix.replace(/\/$/, '') || undefined, prefix: `${spec.path}.`, fields: { volumes } }]
      : [];
    out.push({ containers, pods, podFields });
  }
  for (const t of podTemplatesOf(manifest)) {
    if (!isObject(t.template)) continue;
    out.push({ containers: [], pods: [], podFields: [{ location: t.location ? `${t.location} ${t.path}` : t.path, target: t.target, prefix: `${t.path}.`, fields: t.template }] });
  }
  // config-defaults' default pod template, merged under the run's (MergePodTemplateWithDefault): its hostNetwork
  // whatever the run says, its volumes but those the run-wide template names, its securityContext where the run-wide
  // template sets none (on a Task or Pipeline, whose runs may set none, always)
  if (makesTektonPods(manifest)) {
    const runWide = podTemplatesOf(manifest).find((t) => !t.perTask)?.template;
    const named = asArray(isObject(runWide) ? runWide.volumes : undefined).map((v) => (isObject(v) ? v.name : undefined)).filter((n) => typeof n === 'string' && n !== '');
    for (const d of defaults.templates) {
      const volumes = asArray(d.template.volumes).filter((v) => !(isObject(v) && named.includes(v.name)));
      const ownContext = isObject(runWide) && isObject(runWide.securityContext);
      const fields = {
        ...(d.template.hostNetwork === true ? { hostNetwork: true } : {}),
        ...(!ownContext && d.template.securityContext !== undefined ? { securityContext: d.template.securityContext } : {}),
        ...(volumes.length > 0 ? { volumes } : {}),
      };
      out.push({ containers: [], pods: [], podFields: [{ prefix: `${d.where}.`, fields, reading: d.reading }] });
    }
  }
  // the affinity assistant's pod takes the securityContext of config-defaults' default-affinity-assistant-pod-template
  // where neither the run-wide template nor the default pod template sets one (affinityAssistantStatefulSet)
  if (manifest.kind === 'PipelineRun' && context !== undefined && affinityAssistantMade(manifest, context)) {
    const runWide = podTemplatesOf(manifest).find((t) => !t.perTask)?.template;
    if (!(isObject(runWide) && setsField(runWide, 'securityContext'))) {
      // in each reading of config-defaults (a ConfigMap's template kept beside what a Tekton operator writes: in that reading, named)
      const found = acrossReadings(appliedConfigDefaults(context.manifests), (d) => assistantDefaults(d, context.manifests)
        .filter((a) => !setsField(a.podTemplate, 'securityContext') && setsField(a.template, 'securityContext'))
        .map((a) => ({ where: a.where, securityContext: a.template.securityContext })), (a) => JSON.stringify([a.where, a.securityContext]));
      for (const { item, reading } of found) {
        out.push({ containers: [], pods: [], podFields: [{ location: ASSISTANT, prefix: `${item.where}.`, fields: { securityContext: item.securityContext }, reading }] });
      }
    }
  }
  return out;
}

/**
 * The pod of the TaskRun Shipwright's controller creates for a Build or BuildRun whose strategy is checked with it
 * (shipwright-builds.ts): the strategy's steps as they run, the volumes, and the steps the controller adds as its
 * default configuration makes them (shipwright-pods.ts); the TaskRun's pod template sets no securityContext
 * (resource_builders.go), so config-defaults' default pod template gives the pod's. A BuildRun of a Build checked
 * with it adds only the volumes it gives: the rest is the Build's finding. Empty when the strategy is not known.
 */
function shipwrightPods(manifest: any, context: IRuleContext): PodOf[] {
  const [spec] = taskSpecsOf(manifest);
  const added = controllerSteps(manifest, context.manifests);
  if (spec === undefined || added === undefined) return [];
  const own = runBuildSpec(manifest, context.manifests)?.path !== undefined;
  const pods = withDefault(undefined, defaultPodTemplates(context)).map((d) => ({
    securityContext: d.securityContext,
    unsetBecause: inReading(d.from === undefined ? "Shipwright's TaskRun does not set it for the pod" : `neither Shipwright's TaskRun nor ${d.from} sets it`, d.reading),
  }));
  const controller = added.map((c) => ({ location: `Shipwright's step '${c.name}'`, container: c.container, controller: c.variable }));
  // a BuildRun's own Local source (a local upload) adds the waiter step to the run of the Build it names
  const resolved = runBuildSpec(manifest, context.manifests);
  const ownLocal = manifest.kind === 'BuildRun' && localSource(manifest.spec, manifest.apiVersion === `${SHIPWRIGHT_GROUP}/v1alpha1`) === 'local'
    && resolved !== undefined && localSource(resolved.spec, resolved.alpha) !== 'local';
  const containers: PodContainer[] = !own ? controller.filter((c) => ownLocal && c.location === "Shipwright's step 'source-local'") : [
    ...containersOf(manifest).filter((v) => v.path.startsWith(`${spec.path}.steps[`)).map((v) => ({ location: v.location, target: v.target, container: v.effective })),
    ...controller,
  ];
  const given = new Set(asArray(manifest.spec?.volumes).map((v) => (isObject(v) ? v.name : undefined)));
  const volumes = asArray(spec.spec?.volumes).map((v) => (own || (isObject(v) && given.has(v.name)) ? v : {}));
  const podFields = volumes.some((v) => isObject(v) && v.name !== undefined) ? [{ location: spec.prefix.trim(), prefix: '', fields: { volumes } }] : [];
  return [{ containers, pods, podFields }];
}

/** Where a finding on the affinity assistant's pod is. */
const ASSISTANT = 'affinity assistant';

/** What else fixes a securityContext the affinity assistant's pod takes from config-defaults' template of it. */
const ASSISTANT_CONTEXT_FIX = "The affinity assistant takes the PipelineRun's taskRunTemplate.podTemplate.securityContext, else config-defaults' "
  + "default-pod-template's, before this one: a securityContext the namespace admits there (as RUN_POD_SECURITY_CONTEXT asks of the run) fixes it too.";

/** Whether a template sets a field to something other than null (a Go pointer, map or slice left nil is unset). */
function setsField(template: any, field: string): boolean {
  return isObject(template) && template[field] !== undefined && template[field] !== null;
}

/** The coschedule values under which Tekton makes one affinity assistant per PipelineRun, whatever its workspaces bind. */
const PER_RUN = ['pipelineruns', 'isolate-pipelinerun'];

/**
 * Whether Tekton makes an affinity assistant for a PipelineRun (pipelinerun.go, affinity_assistant.go
 * `createOrUpdateAffinityAssistantsAndPVCs`): under coschedule "pipelineruns" or "isolate-pipelinerun" one for every
 * run; under "workspaces" one per workspace the run binds to a `persistentVolumeClaim` or a `volumeClaimTemplate`; none
 * under "disabled". coschedule as Tekton reads it (lower-cased, Tekton's default "workspaces" when unset or when the
 * flags cannot be read); of several feature-flags ConfigMaps, the first that makes one for every run.
 */
function affinityAssistantMade(run: any, context: IRuleContext): boolean {
  const valueOf = (read: Readonly<Record<string, string>> | undefined) => goToLower(read?.coschedule ?? featureFlagDefault('coschedule'));
  const operator = operatorFlagsOf(context.manifests);
  const value = operator !== undefined ? valueOf(operator.read)
    : valueOf(featureFlagsConfigMap(context.manifests, (read) => (PER_RUN.includes(valueOf(read)) ? 2 : valueOf(read) === 'disabled' ? 0 : 1))?.read);
  if (PER_RUN.includes(value)) return true;
  return value !== 'disabled' && asArray(run.spec?.workspaces).some((w) => isObject(w) && (isObject(w.persistentVolumeClaim) || isObject(w.volumeClaimTemplate)));
}

/** config-defaults' template of the affinity assistant, with the field that sets it and that config-defaults' default pod template. */
interface AssistantDefault {
  readonly where: string;
  readonly template: Record<string, any>;
  readonly podTemplate?: any;
}

/**
 * config-defaults' `default-affinity-assistant-pod-template` of one reading of config-defaults (`defaults`, of
 * appliedConfigDefaults: beside a Tekton operator's object, the operator's key where it writes it, else the kept
 * ConfigMap's), with the field that sets it and that reading's `default-pod-template`, which the run's template is merged
 * over first (the defaulting of the PipelineRun) and so comes before it.
 */
function assistantDefaults(defaults: AppliedConfigDefaults, manifests: readonly any[]): AssistantDefault[] {
  const from = configDefaultsKeyObject(defaults, DEFAULT_AA_POD_TEMPLATE_KEY);
  const assistant = affinityAssistantTemplateOf(from, manifests);
  if (assistant === undefined || !isObject(assistant.template)) return [];
  const podTemplate = podTemplatesOf(defaults.manifest, manifests)[0]?.template;
  return [{ where: defaultsWhere(from, assistant.path), template: assistant.template, podTemplate }];
}

/** How findings name a config-defaults key's field: `config-defaults.data['<key>']`, or `TektonConfig 'config' spec.pipeline['<key>']`. */
function defaultsWhere(manifest: any, path: string): string {
  return manifest.kind === 'ConfigMap' ? `config-defaults.${path}` : `${manifest.kind} '${objectName(manifest)}' ${path}`;
}

/** config-defaults' `default-pod-template` of one config-defaults Tekton reads, with the field that sets it. */
interface DefaultPodTemplate {
  readonly where: string;
  readonly template: Record<string, any>;
  /** For a ConfigMap's own template kept beside what a Tekton operator's object writes: that reading of config-defaults. */
  readonly reading?: string;
}

/**
 * config-defaults' `default-pod-template` of each config-defaults Tekton reads among the objects checked together, with
 * the field that sets it (and the reading, for a ConfigMap's that a Tekton operator's apply keeps); and the readings of
 * the operator's config-defaults that have none (what it writes alone, without a template of its own).
 */
function defaultPodTemplates(context: IRuleContext | undefined): DefaultPodTemplates {
  if (context === undefined) return { templates: [], without: [] };
  // the same for every object of one set of manifests checked together: found once
  return oncePerSet(DEFAULT_POD_TEMPLATES, context.manifests, 'templates', () => {
    const applied = appliedConfigDefaults(context.manifests);
    const templates = applied.flatMap((d) => podTemplatesOf(d.manifest, context.manifests)
      .filter((t) => isObject(t.template))
      .map((t): DefaultPodTemplate => ({
        where: defaultsWhere(d.manifest, t.path),
        template: t.template,
        // the operator's own template is in every reading; a ConfigMap's only in the one that keeps it
        ...(d.operator !== undefined && d.manifest.kind === 'ConfigMap' ? { reading: d.reading } : {}),
      })));
    const without = applied.filter((d) => d.reading !== undefined && !podTemplatesOf(d.manifest, context.manifests).some((t) => isObject(t.template)))
      .map((d) => d.reading!);
    return { templates, without };
  });
}

/** What `defaultPodTemplates` found, per set of manifests checked together. */
const DEFAULT_POD_TEMPLATES = new WeakMap<readonly any[], Map<string, DefaultPodTemplates>>();
interface DefaultPodTemplates { readonly templates: readonly DefaultPodTemplate[]; readonly without: readonly string[] }

/** A finding in a reading of config-defaults, said to be so after its whole text. */
function namedIn(reading: string | undefined, p: Problem): Problem {
  return reading === undefined ? p : { ...p, problem: inReading(p.problem, reading) };
}

/** A text of a finding in a reading of config-defaults, said to be so. */
function inReading(text: string, reading: string | undefined): string {
  return inConfigDefaultsReading(text, { reading });
}

/**
 * The pod securityContexts a run's pod template `sc` gives the pod: its own, or where it sets none (nil: unset or null)
 * each default pod template's (MergePodTemplateWithDefault), with where it is said.
 */
type PodContext = { readonly securityContext: any; readonly from?: string; readonly reading?: string };
function withDefault(sc: any, defaults: DefaultPodTemplates): PodContext[] {
  if ((sc !== undefined && sc !== null) || defaults.templates.length === 0) return [{ securityContext: sc }];
  return [
    ...defaults.templates.map((d) => ({ securityContext: d.template.securityContext, from: `${d.where}.securityContext`, reading: d.reading })),
    // a reading of a Tekton operator's config-defaults without a template: the pod gets none
    ...defaults.without.map((reading) => ({ securityContext: sc, reading })),
  ];
}

function plainPods(manifest: any): PodOf[] {
  const at = workloadPodSpec(manifest);
  const spec = at?.spec;
  if (at === undefined || !isObject(spec)) return [];
  // an EventListener's pod: the findings are placed at the fields of its kubernetesResource template, or said to be Triggers' defaults
  const listener = listenerPod(manifest);
  const containers: PodContainer[] = (['initContainers', 'containers', 'ephemeralContainers'] as const).flatMap((field) =>
    asArray(spec[field]).filter(isObject).map((c) => ({ location: `${field.replace(/s$/, '')} '${jsString(c.name)}'`, container: c, ...(listener ? { listener } : {}) })));
  // a Knative Service's pod: Knative Serving adds its queue-proxy container, with a securityContext of its own
  if (listener?.knativeService === true) containers.push({ location: `container '${KNATIVE_QUEUE_PROXY.name}'`, container: KNATIVE_QUEUE_PROXY });
  return [{
    containers,
    pods: [{ securityContext: spec.securityContext, userNamespace: spec.hostUsers === false, unsetBecause: 'the pod does not set it either' }],
    podFields: [{ prefix: listener ? '' : at.prefix, fields: spec, ...(listener ? { listener } : {}) }],
  }];
}

/**
 * What Tekton's feature-flags among the manifests say of `set-security-context`, as
 * Tekton reads it (strconv.ParseBool; unset is false; a null is stored as ""): undefined when
 * no feature-flags ConfigMap nor Tekton operator's TektonConfig or TektonPipeline is checked
 * together. The operator's object, when there is one, says it (the operator overwrites the
 * ConfigMap it manages), with the field that sets it. It is off when Tekton cannot read the
 * flags (a value the API server, the operator or Tekton refuses): `unread` then says so.
 */
function setSecurityContext(context: IRuleContext): {
  readonly value?: string;
  readonly on: boolean;
  readonly unread: boolean;
  readonly which: string;
  readonly property: string;
  readonly source: string;
  readonly fix: string;
} | undefined {
  const operator = operatorFlagsOf(context.manifests);
  if (operator !== undefined) {
    const f = operator.flags.get(SET_SECURITY_CONTEXT);
    const value = operator.read?.[SET_SECURITY_CONTEXT];
    return {
      value: f?.written ?? f?.value,
      on: value !== undefined && goParseBool(value) === true,
      unread: operator.read === undefined,
      property: `${jsString(operator.name)} ${f?.path ?? `${operator.prefix}['${SET_SECURITY_CONTEXT}']`}`,
      which: '',
      source: `the feature-flags the operator writes for ${jsString(operator.name)}`,
      fix: `Write ${SET_SECURITY_CONTEXT}: true under ${operator.prefix} of ${jsString(operator.name)}`,
    };
  }
  const on = (read: Readonly<Record<string, string>> | undefined) => {
    const value = read?.[SET_SECURITY_CONTEXT];
    return value !== undefined && goParseBool(value) === true;
  };
  // of several, the first that leaves the flag off
  const flags = featureFlagsConfigMap(context.manifests, (read) => on(read) ? 0 : 1);
  if (flags === undefined) return undefined;
  const raw = storedConfigMapData(flags.manifest.data)[SET_SECURITY_CONTEXT];
  return {
    value: raw === undefined ? undefined : writtenValue(raw),
    on: on(flags.read),
    unread: flags.read === undefined,
    which: flags.which,
    property: `feature-flags.data['${SET_SECURITY_CONTEXT}']`,
    source: flags.name,
    fix: `Set ${SET_SECURITY_CONTEXT}: "true" in Tekton's feature-flags (TektonFeatureFlags does)`,
  };
}

/** Whether a Tekton object makes pods itself (a Task, a run, a Pipeline that embeds a task spec). */
function makesTektonPods(manifest: any): boolean {
  return isShipwrightBuild(manifest) || manifest.kind === 'Task' || manifest.kind === 'TaskRun' || manifest.kind === 'PipelineRun' || (manifest.kind === 'Pipeline' && taskSpecsOf(manifest).length > 0);
}

/** The node label Tekton reads to give its own containers a Windows securityContext (pkg/pod/pod.go `usesWindows`). */
const OS_LABEL = 'kubernetes.io/os';

/** Whether a pod template's nodeSelector puts the pod on Windows nodes, as Tekton reads it. */
function selectsWindows(template: any): boolean {
  return isObject(template) && isObject(template.nodeSelector) && template.nodeSelector[OS_LABEL] === 'windows';
}

/** Whether a pod template sets a nodeSelector, which keeps the default pod template's away (MergePodTemplateWithDefault). */
function setsNodeSelector(template: any): boolean {
  return isObject(template) && template.nodeSelector !== undefined && template.nodeSelector !== null;
}

/**
 * Whether every task of every pipeline a PipelineRun may run (its embedded pipelineSpec, or
 * each Pipeline its local pipelineRef names among the objects) has a `taskRunSpecs` pod
 * template that sets a nodeSelector. False when no pipeline is known.
 */
function everyTaskSelectsNodes(run: any, templates: ReturnType<typeof podTemplatesOf>, context: IRuleContext): boolean {
  const specs = isObject(run.spec?.pipelineSpec) ? [run.spec.pipelineSpec]
    : locallyReferenced(context.manifests, run.spec?.pipelineRef, 'Pipeline', run).map((p) => p.spec);
  const names = specs.flatMap((spec) => [...asArray(spec?.tasks), ...asArray(spec?.finally)]).map((t) => t?.name);
  if (specs.length === 0 || names.length === 0) return false;
  return names.every((n) => typeof n === 'string' && templates.some((t) => t.perTask && t.target === `task/${n}` && setsNodeSelector(t.template)));
}

/**
 * What the pods Tekton makes on Windows lack: Tekton gives the init containers it adds (and its
 * results sidecar) `WindowsSecurityContext` (pkg/pod/security_context_config.go), and Pod
 * Security exempts a Windows pod only by `spec.os.name`, which Tekton never sets.
 */
const WINDOWS_CONTEXT = 'the Windows securityContext (runAsNonRoot only: no allowPrivilegeEscalation: false, no capabilities drop ALL; '
  + 'Pod Security exempts a Windows pod only by spec.os.name, which Tekton never sets)';

/** The problems of a Tekton object whose pods Tekton makes for Windows, in a namespace that enforces restricted. */
function windowsProblems(manifest: any, context: IRuleContext, ns: Enforcing): Problem[] {
  const out: Problem[] = [];
  const selector = `nodeSelector['${OS_LABEL}']`;
  const fix = (what: string) => `${what}, or ${lowerLevel(ns, 'baseline')}.`;
  const onWindows = (property: string, where: Pick<Problem, 'location' | 'target'>, reading?: string) => out.push(namedIn(reading, {
    ...where,
    property,
    value: 'windows',
    ...describe({
      property,
      problem: `puts the pod on Windows nodes, so Tekton gives the init containers it adds (prepare, place-scripts, working-dir) ${WINDOWS_CONTEXT}`,
      admittedUpTo: 'baseline',
      fixableInContainer: false,
    }, ns, 'the pod'),
    fix: fix('Run the pod on Linux nodes (Tekton\'s containers meet "restricted" only there)'),
  }));
  const templates = manifest.kind === 'TaskRun' || manifest.kind === 'PipelineRun' ? podTemplatesOf(manifest) : [];
  // the affinity assistant's pod takes the run-wide template's nodeSelector, else the default pod template's, else
  // that of config-defaults' default-affinity-assistant-pod-template, and its container the Windows securityContext
  const assistant = manifest.kind === 'PipelineRun' && affinityAssistantMade(manifest, context);
  const assistantOnWindows = (property: string, reading?: string) => out.push(namedIn(reading, {
    location: ASSISTANT,
    property,
    value: 'windows',
    ...describe({
      property,
      problem: `puts the affinity assistant's pod on Windows nodes, so Tekton gives its container ${WINDOWS_CONTEXT}`,
      admittedUpTo: 'baseline',
      fixableInContainer: false,
    }, ns, 'the pod'),
    fix: fix('Run the affinity assistant on Linux nodes (its container meets "restricted" only there)'),
  }));
  // a pipeline task's own template with a nodeSelector replaces the run-wide one (MergePodTemplateWithDefault):
  // a run-wide (or default) selector reaches no task's pod when every task of every pipeline the run may run has one
  const overridden = manifest.kind === 'PipelineRun' && everyTaskSelectsNodes(manifest, templates, context);
  for (const t of templates) {
    if (!selectsWindows(t.template)) continue;
    if (!t.perTask && overridden) {
      if (assistant) assistantOnWindows(`${t.path}.${selector}`);
      continue;
    }
    onWindows(`${t.path}.${selector}`, { ...(t.location ? { location: t.location } : {}), ...(t.target ? { target: t.target } : {}) });
  }
  // config-defaults' default pod template: its nodeSelector reaches every run whose own template sets none
  const runWide = templates.find((t) => !t.perTask);
  // and config-defaults' default-affinity-assistant-pod-template's, where the default pod template sets none either: in each
  // reading of config-defaults (a ConfigMap's template kept beside what a Tekton operator writes: in that reading, named)
  if (makesTektonPods(manifest) && !setsNodeSelector(runWide?.template)) {
    const found = acrossReadings(appliedConfigDefaults(context.manifests), (d) => {
      const placed: Array<{ readonly property: string; readonly assistant: boolean }> = [];
      for (const t of podTemplatesOf(d.manifest, context.manifests)) {
        if (!selectsWindows(t.template)) continue;
        if (!overridden) placed.push({ property: `${defaultsWhere(d.manifest, t.path)}.${selector}`, assistant: false });
        else if (assistant) placed.push({ property: `${defaultsWhere(d.manifest, t.path)}.${selector}`, assistant: true });
      }
      if (assistant) {
        for (const a of assistantDefaults(d, context.manifests)) {
          if (!setsNodeSelector(a.podTemplate) && selectsWindows(a.template)) placed.push({ property: `${a.where}.${selector}`, assistant: true });
        }
      }
      return placed;
    }, (p) => `${p.assistant}\0${p.property}`);
    for (const { item, reading } of found) {
      if (item.assistant) assistantOnWindows(item.property, reading);
      else onWindows(item.property, {}, reading);
    }
  }
  // a #!win script: Tekton's place-scripts init container gets the Windows securityContext (pkg/pod/script.go)
  for (const v of containersOf(manifest)) {
    if (v.role === 'stepTemplate' || typeof v.container?.script !== 'string' || !goTrimSpace(v.container.script).startsWith('#!win')) continue;
    out.push({
      location: v.location,
      target: v.target,
      property: 'script',
      value: goTrimSpace(v.container.script).split('\n')[0],
      ...describe({
        property: 'script',
        problem: `starts with #!win, so Tekton gives the place-scripts init container it adds ${WINDOWS_CONTEXT}`,
        admittedUpTo: 'baseline',
        fixableInContainer: false,
      }, ns, 'it'),
      fix: fix('Write the script for a Linux shell (Tekton\'s Windows scripts cannot run where "restricted" is enforced)'),
    });
  }
  return out;
}

const LEVEL_MEMBER: Record<string, string> = { baseline: 'BASELINE', privileged: 'PRIVILEGED' };

/** The way out that lowers the namespace's level to `level`, recorded. */
function lowerLevel(ns: Enforcing, level: string): string {
  return `lower the enforce level of ${namespaceWords(ns)} to "${level}", which needs a recorded relaxation `
    + `(HardenedNamespace enforce: PodSecurityLevel.${LEVEL_MEMBER[level]}, relaxations: [{ rule: RuleId.NAMESPACE_RESTRICTED, `
    + "target: RelaxationTarget.podSecurityMode('enforce'), reason: '<why>' }])";
}

/** What the levels require of the container fields a fix names, where one value or a few do. */
const REQUIRED: Record<string, string> = {
  'securityContext.allowPrivilegeEscalation': 'false',
  'securityContext.runAsNonRoot': 'true',
  'securityContext.seccompProfile.type': '"RuntimeDefault" or "Localhost"',
  'securityContext.capabilities.drop': 'a list holding "ALL"',
  'securityContext.appArmorProfile.type': '"RuntimeDefault" or "Localhost"',
  // a probe or a lifecycle handler without a host is sent to the pod's IP
  ...Object.fromEntries(['livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle.postStart', 'lifecycle.preStop']
    .flatMap((p) => ['httpGet', 'tcpSocket'].map((k) => [`${p}.${k}.host`, "unset: the pod's own IP"]))),
};

/**
 * The problem and fix of one violation in the enforcing namespaces `ns`; `tekton` says whether
 * a Tekton object makes the pod (whose work can be split into a build namespace), else a workload.
 */
function describe(v: PodSecurityViolation, ns: Enforcing, what: string, tekton = true): Pick<Problem, 'problem' | 'fix'> {
  // a check added after the version the label is read as is applied from the version that adds it on (STRICTER_SINCE)
  const version = v.since !== undefined ? `${ns.version}, which includes the checks of v1.${v.since}`
    : ns.version === 'latest' || ns.version !== `v1.${ns.minor}` ? `${ns.version}, read as v1.${ns.minor}` : ns.version;
  const lower = lowerLevel(ns, v.admittedUpTo);
  const split = `run ${what} in a namespace of its own that enforces "${v.admittedUpTo}"` + (tekton
    ? ` (split the work: a build namespace without credentials, the push in ${quotedList(ns.namespaces, 'or')})`
    : '');
  const required = REQUIRED[v.property] === undefined ? '' : ` (${REQUIRED[v.property]})`;
  return {
    problem: ns.namespaces.length === 1
      ? `${v.problem}, which ${namespaceWords(ns)} refuses at admission: it enforces Pod Security "${ns.level}" (${version}), so the pod is never created`
      : `${v.problem}, which ${namespaceWords(ns)} refuse at admission (an object without a namespace is created in the namespace it is `
        + `applied to, and may be applied to any of them): they enforce Pod Security "${ns.level}" (${version}), so the pod is never created there`,
    // a field of the pod with a value the level requires (the pod's seccompProfile, runAsNonRoot) may be set to it, or left to the containers
    fix: v.fixableInContainer ? `Change ${v.property} to meet "${ns.level}"${required}, ${split}, or ${lower}.`
      : required !== '' ? `Change ${v.property} to meet "${ns.level}"${required} or remove it, ${split}, or ${lower}.`
        : `Remove it, ${split}, or ${lower}.`,
  };
}

/** What a namespace's refusal of an EventListener's pod means (`placed` says where its field is), with the fix a value of config-defaults-triggers has. */
function listenerNeverStarts(d: Pick<Problem, 'problem' | 'fix'>, placed: ListenerField | undefined, custom = false): Pick<Problem, 'problem' | 'fix'> {
  if (placed === undefined) return d;
  const workload = custom ? "customResource's object" : 'Deployment';
  return { problem: `${d.problem}: the listener's ${workload} gets no pod, and the EventListener never starts`, fix: placed.fix === undefined ? d.fix : `${placed.fix} ${d.fix}` };
}

/**
 * The pods a Namespace runs are admitted by the Pod Security level it enforces,
 * checked as Pod Security Admission checks them. Not relaxable: a pod the namespace
 * refuses never runs; the way out is another namespace or a lower level, which
 * NAMESPACE_RESTRICTED records.
 */
export const POD_SECURITY_ADMITTED = followingLoops(
  {
    id: RuleId.POD_SECURITY_ADMITTED,
    severity: Severity.HIGH,
    title: 'Pods are admitted by the Pod Security level their namespace enforces',
    rationale:
      'Pod Security Admission refuses a pod that breaks the level its namespace enforces: a step that runs as root or adds '
      + 'capabilities in a restricted namespace never starts, and the pipeline fails at run time however well-formed each object is. '
      + 'Relaxing RUN_AS_NON_ROOT or DROP_ALL_CAPABILITIES for a step does not change what the namespace admits.',
    fix: 'Make the container meet the level, run it in a namespace whose level admits it (split build and push), or lower the namespace\'s enforce level with a NAMESPACE_RESTRICTED relaxation.',
    decidesFrom:
      'The `' + POD_SECURITY_LABEL_PREFIX + 'enforce` and `enforce-version` labels of the Namespaces checked together, read as Pod '
      + 'Security Admission reads them (a level that is not exactly `privileged`, `baseline` or `restricted` is enforced as '
      + '`restricted`; a version that does not parse, `latest` and a version after v1.' + LATEST_READ_AS_MINOR + ' are read as v1.'
      + LATEST_READ_AS_MINOR + ', the oldest Kubernetes the library targets, whose Pod Security Admission reads a newer version as '
      + 'its own latest), against the pods made '
      + 'by the objects of that namespace (an object without a namespace is judged in every namespace checked, one finding naming every namespace of one level and version that refuses it): the steps '
      + '(with the stepTemplate merged) and sidecars of Tasks, Pipelines\' embedded specs, TaskRuns and PipelineRuns of `tekton.dev` (or no apiVersion) '
      + '(Tekton runs a Task\'s pod in the run\'s namespace), the securityContext StepActions set, the task specs\' volumes '
      + 'and the runs\' pod templates with config-defaults\' `default-pod-template` merged under them as Tekton merges it '
      + '(its hostNetwork whatever the run says, its volumes but those of a name the run-wide template has, its securityContext '
      + 'where the run-wide template sets none, then also read for what the steps leave to the pod; of several `taskRunSpecs` entries for one '
      + 'pipeline task, which Tekton merges in turn, the last that sets a securityContext), the pod of the affinity assistant Tekton makes '
      + 'for a PipelineRun (under feature-flags\' `coschedule` "pipelineruns" or "isolate-pipelinerun" for every run, under "workspaces", '
      + 'Tekton\'s default, for a run that binds a workspace to a `persistentVolumeClaim` or a `volumeClaimTemplate`, none under "disabled"), '
      + 'whose securityContext and nodeSelector are the run-wide template\'s, else the default pod template\'s, else those of '
      + 'config-defaults\' `default-affinity-assistant-pod-template` (a Windows nodeSelector gives its container the Windows securityContext), '
      + 'and the pods of ' + WORKLOAD_PODS_TEXT + '. The checks are those of k8s.io/pod-security-admission by the version '
      + 'enforced: baseline (privileged, capabilities beyond the baseline set, host namespaces, hostPath volumes, host ports, '
      + 'procMount, SELinux, an AppArmor or seccomp profile whose type is not `RuntimeDefault` or `Localhost`, the AppArmor '
      + 'annotations and, before v1.19, the seccomp annotations of the pod (a workload\'s pod template\'s, and a Tekton object\'s own, '
      + 'which Tekton copies to the runs it makes and their pods, with a pipeline task\'s embedded taskSpec metadata\'s and a '
      + 'PipelineRun\'s taskRunSpecs metadata\'s, which Tekton gives that task\'s TaskRun), unsafe sysctls, Windows host processes, and from v1.'
      + STRICTER_SINCE.hostProbes + ' on, for a label that names it or a later version or `latest`, probes and lifecycle handlers with a '
      + '`host`; a v1beta1 step\'s or '
      + 'stepTemplate\'s `ports`, which Tekton drops when it converts the object to v1, are not the pod\'s) and restricted '
      + '(allowPrivilegeEscalation false from v1.8 on, runAsNonRoot true in the container or the pod, runAsUser not 0, seccomp '
      + '`RuntimeDefault` or `Localhost` in the container or the pod, capabilities drop `ALL` and add only '
      + '`NET_BIND_SERVICE`, the restricted volume types, a volume without a source being an `emptyDir`, as the API server defaults it; each source of a '
      + 'volume with several, which the API server refuses, is judged). A field a step leaves to the pod is taken from the pod '
      + 'template of the runs checked with the Task or Pipeline (every one of them must set it); without such a run it is '
      + 'a finding. A step that runs a StepAction checked together (a local `ref`) is judged with the StepAction\'s '
      + 'securityContext and the stepTemplate\'s merged under it, as Tekton runs it (what the StepAction has on its own is '
      + 'reported on the StepAction); a StepAction not checked together (a resolver\'s) is taken to meet the level where '
      + 'neither the stepTemplate nor the pod sets a field. The containers Tekton adds are judged from the `set-security-context` feature flag and from whether '
      + 'Tekton makes the pod for Windows (the nodeSelector of the runs\' pod templates and of config-defaults\' '
      + '`default-pod-template`, `#!win` scripts), as the limits say.' + SEVERAL_FEATURE_FLAGS + OPERATOR_FLAGS_OF + CONFIG_DEFAULTS_READINGS_TEXT
      + ' (for the default pod template\'s fields, the securityContext a run leaves to it, its Windows nodeSelector and the affinity '
      + 'assistant\'s template: a finding only some readings have names the first that has it; the affinity assistant\'s template is read '
      + 'by its own key, the operator\'s where it writes `default-affinity-assistant-pod-template`, else the kept ConfigMap\'s, whoever writes '
      + '`default-pod-template`). A Shipwright Build or BuildRun (`shipwright.io` v1beta1 and v1alpha1) checked with its strategy is judged '
      + 'as the pod of the TaskRun the controller creates in its namespace (shipwright-io/build v0.20.13, as the container rules read it): the '
      + 'strategy\'s steps as they run, the volumes (an `overridable` one with the source the Build or BuildRun gives it), the pod securityContext '
      + 'that of config-defaults\' default pod template (the TaskRun\'s pod template sets none), and the steps the controller adds as its default '
      + 'configuration makes them (config.go `NewDefaultConfig`), with the strategy\'s `spec.securityContext` IDs over theirs: `source-default` '
      + 'for a `source.type: Git` with `git`, or `type: OCI` with `ociArtifact` (the bundle step; v1alpha1 `source.bundleContainer`, else '
      + '`source.url`; a Build spec is read in the version it is written in, whichever a BuildRun naming it is), and `source-local` for a '
      + '`type: Local` source with `local` of the BuildRun (v1alpha1 a `sources` entry of type LocalCopy; reported on it) or else the Build (a '
      + 'BuildRun\'s `type: Local` without `local` adds none: sources.go `isLocalCopyBuildSource`) (UID 1000, no runAsNonRoot, '
      + 'no seccomp profile; their fix names `GIT_CONTAINER_TEMPLATE`, `BUNDLE_CONTAINER_TEMPLATE`, `WAITER_CONTAINER_TEMPLATE`) and `image-processing` where a strategy step names '
      + '`$(params.shp-output-directory)` or the output sets `annotations`, `labels`, `vulnerabilityScan` or `timestamp` (UID 0, DAC_OVERRIDE '
      + 'added); their findings are at `Shipwright\'s step \'<name>\'` and their fix is the controller\'s `GIT_CONTAINER_TEMPLATE` or '
      + '`IMAGE_PROCESSING_CONTAINER_TEMPLATE`. A BuildRun of a Build checked with it is judged for the volume sources it gives; the rest is the '
      + 'Build\'s finding. The strategy\'s annotations (but `kubectl.kubernetes.io/last-applied-configuration` and Shipwright\'s own '
      + '`clusterbuildstrategy.shipwright.io/`, `buildstrategy.shipwright.io/`, `build.shipwright.io/`, `buildrun.shipwright.io/` keys), which '
      + 'the controller copies to the TaskRun (resource_builders.go `applyAnnotationsAndLabels`) and Tekton to the pod, are read as the pod\'s '
      + '(the AppArmor ones), at `strategy <kind> \'<name>\'`.',
    limits:
      'A Localhost AppArmor profile is admitted whatever its name, as Pod Security admits it: `localhostProfile: unconfined` (or the '
      + 'annotation `localhost/unconfined`), which the kernel reads as no profile, is DEFAULT_ISOLATION\'s finding. '
      + 'Shipwright: a strategy is judged only through the Builds and BuildRuns checked with it (a ClusterBuildStrategy runs in any namespace); '
      + 'the controller\'s configuration is taken as its default (a cluster that sets its container templates otherwise is not seen); the '
      + '`nodeSelector`, `tolerations`, `schedulerName` and `runtimeClassName` a Build or BuildRun gives the TaskRun\'s pod template (v1beta1 '
      + 'build_types.go, buildrun_types.go) are not read: Pod Security reads none of them, but a `kubernetes.io/os: windows` nodeSelector '
      + 'would make Tekton\'s own containers a Windows pod\'s; the PipelineRun executor is not read; a Build whose strategy is not checked with it is not judged. Only Namespaces in the app or the audit input are judged; without an enforce label the cluster default applies, '
      + "which is not seen, and so are the admission configuration's exemptions (users, runtime classes, namespaces). "
      + 'An EventListener whose customResource is a Knative Service (`serving.knative.dev`, kind `Service`) runs beside its container the '
      + '`queue-proxy` container Knative Serving adds, with the securityContext Knative Serving v1.12.0 and later give it (allowPrivilegeEscalation '
      + 'false, readOnlyRootFilesystem true, runAsNonRoot true, capabilities drop ALL, seccomp RuntimeDefault), which restricted admits; Knative '
      + 'Serving v1.9 to v1.11 gave it no seccomp profile, and releases before v1.8 only allowPrivilegeEscalation false, which restricted refuses '
      + '(the pod gets no pod securityContext): the Knative release is not seen. '
      + 'Tekton\'s own containers (the prepare, place-scripts and working-dir init containers, the results sidecar, the '
      + 'affinity assistant) meet restricted only when the `set-security-context` feature flag is `true` and the pod is a '
      + 'Linux pod: with a feature-flags ConfigMap checked together that does not say "true" (as strconv.ParseBool reads '
      + 'it; unset is false, a null is stored as "") or that Tekton cannot read (a value the API server or Tekton refuses), every Task, run and Pipeline that embeds a task spec in a restricted namespace is a finding; '
      + 'without one the flag is assumed on (TEKTON_FEATURE_FLAGS requires it). For a pod on Windows Tekton gives them a '
      + 'securityContext with only runAsNonRoot, and Pod Security exempts a Windows pod only by `spec.os.name`, which Tekton '
      + 'never sets: in a restricted namespace a run whose pod template has the nodeSelector `kubernetes.io/os: windows`, '
      + 'a step or sidecar whose script starts with `#!win`, and, when the `default-pod-template` of a config-defaults '
      + 'ConfigMap checked together (not one the API server refuses for a value that is not a string) has that nodeSelector, every Task, run and Pipeline that embeds a task spec (but a run '
      + 'that sets a nodeSelector of its own) is a finding; a run-wide or default selector is not, on a PipelineRun whose '
      + 'every pipeline task (of its embedded pipelineSpec, or of each Pipeline its local pipelineRef names) has a `taskRunSpecs` '
      + 'pod template with a nodeSelector, which replaces it, unless Tekton makes an affinity assistant for the run (which takes no '
      + '`taskRunSpecs`). The default pod template\'s securityContext and volumes are judged '
      + 'on a Task or Pipeline whatever its runs set, and a PipelineRun\'s run-wide pod template (with the default\'s securityContext) '
      + 'even where its taskRunSpecs templates replace them. Plain pods '
      + 'are read as Linux pods (the Windows relaxations of v1.25, for `spec.os.name: windows`, are not applied), the '
      + 'relaxations of versions after v1.' + LATEST_READ_AS_MINOR + ' (user-namespaced pods, v1.35; the sysctls safe since '
      + 'v1.29; the SELinux type `container_engine_t`, v1.31) are not counted on. A seccomp annotation of a Tekton object '
      + 'is judged whatever container it names (Tekton names the pod\'s containers), and an annotation of a Task or Pipeline (or '
      + 'of an embedded taskSpec\'s metadata) even where a run (or its taskRunSpecs metadata) sets the same key, which replaces it. Tasks reached only through a resolver or another namespace '
      + "(cluster resolver) are judged in their own namespace, not the run's, and are linked to no run: the fields their "
      + 'steps leave to the pod are findings.',
    howToRelax:
      'Cannot be relaxed: the namespace refuses the pod whatever the YAML records. Change the container, move the work to a '
      + "namespace whose level admits it (a build namespace without credentials), or lower the namespace's enforce level: "
      + "`{ rule: RuleId.NAMESPACE_RESTRICTED, reason: '<why>', target: RelaxationTarget.podSecurityMode('enforce') }` "
      + "with the HardenedNamespace's `enforce` set to the level the pod needs.",
    relaxable: false,
    // a kind of Tekton's or a workload's name in another API group is a custom resource, whose spec may hold no pod
    appliesTo: (m) => (TEKTON_KINDS.includes(m?.kind) && isTekton(m)) || workloadPodSpec(m) !== undefined || isShipwrightBuild(m),
  },
  (manifest, context) => {
    if (context === undefined) return [];
    const namespaces = enforcingNamespaces(manifest, context);
    if (namespaces.length === 0) return [];
    const shipwright = isShipwrightBuild(manifest);
    const tekton = TEKTON_KINDS.includes(manifest.kind) || shipwright;
    const pods = shipwright ? shipwrightPods(manifest, context) : tekton ? tektonPods(manifest, context) : plainPods(manifest);
    // a Build whose strategy is not checked with it: nothing is known of its pod
    if (shipwright && pods.length === 0) return [];
    const annotations = podAnnotations(manifest, context?.manifests);
    const problems: Problem[] = [];
    const seen = new Set<string>();
    const push = (p: Problem) => {
      const key = JSON.stringify(p);
      if (!seen.has(key)) {
        seen.add(key);
        problems.push(p);
      }
    };
    // an EventListener's pod is its customResource's object's, or its Deployment's
    const custom = listenerPod(manifest, context.manifests)?.custom === true;
    const said = tekton ? setSecurityContext(context) : undefined;
    const flags = said !== undefined && makesTektonPods(manifest) ? said : undefined;
    // with the flag off Tekton's containers set no securityContext at all, which the flag's finding says
    const flagOff = said?.on === false;
    for (const ns of namespaces) {
      // the containers Tekton adds to every pod (the entrypoint's init container) meet restricted only with set-security-context
      if (flags !== undefined && !flags.on && refuses(ns.level, 'baseline')) {
        push({
          property: flags.property,
          ...(flags.value !== undefined ? { value: flags.value } : {}),
          ...describe({
            property: SET_SECURITY_CONTEXT,
            problem: flags.unread
              ? `is not read: Tekton cannot read ${flags.source} (TEKTON_FEATURE_FLAGS says why), so the init containers and sidecars Tekton adds to every pod set no securityContext`
              : `is not "true"${flags.which}, so the init containers and sidecars Tekton adds to every pod set no securityContext`,
            admittedUpTo: 'baseline',
            fixableInContainer: false,
          }, ns, 'the pod'),
          fix: `${flags.fix}, or ${lowerLevel(ns, 'baseline')}.`,
        });
      }
      // on Windows, Tekton's containers lack what restricted requires
      if (TEKTON_KINDS.includes(manifest.kind) && !flagOff && refuses(ns.level, 'baseline')) windowsProblems(manifest, context, ns).forEach(push);
      for (const a of annotations) {
        for (const v of annotationViolations(a.annotations, a.containers, ns).filter((x) => refuses(ns.level, x.admittedUpTo))) {
          const d = describe(v, ns, 'the pod', tekton);
          push({
            ...(a.location === undefined ? {} : { location: a.location }),
            property: `${a.prefix}${v.property}`,
            value: v.value,
            ...isEventListener(manifest) ? listenerNeverStarts(d, { property: '', note: '' }, custom) : d,
          });
        }
      }
      for (const pod of pods) {
        for (const c of pod.containers) {
          // what the StepAction has alone is reported on the StepAction
          const alone = c.stepAction === undefined ? [] : containerViolations(c.stepAction.spec, {}, ns);
          for (const level of pod.pods) {
            for (const found of containerViolations(c.container, level, ns).filter((x) => refuses(ns.level, x.admittedUpTo))) {
              // the same violation of the same container under another run's pod is the same finding: skipped before it is written out
              const key = ['container', ns.namespaces.join(','), ns.level, ns.version, c.location, c.target ?? '', c.stepAction?.name ?? '',
                found.property, found.value ?? '', found.problem, found.admittedUpTo, found.fixableInContainer].join('\0');
              if (seen.has(key)) continue;
              seen.add(key);
              if (alone.some((a) => a.property === found.property && a.value === found.value && a.problem === found.problem)) continue;
              let v = found;
              if (c.stepAction !== undefined) {
                const { where, ...written } = asWrittenInStepAction(found, c.stepAction.action, c.stepAction.params);
                v = { ...written, problem: `${found.problem} (in StepAction '${jsString(c.stepAction.name)}', which this step runs${where})` };
              }
              // the key above holds all the finding says: no second check of the whole finding
              // an EventListener's field: placed where the EventListener writes it (the fix names the container's field, as a Deployment's)
              const placed = c.listener?.field(v.property, false);
              const d = listenerNeverStarts(describe(placed === undefined ? v : { ...v, problem: `${v.problem}${placed.note}` }, ns, 'it', tekton), placed, custom);
              if (placed !== undefined) v = { ...v, property: placed.property };
              // a step Shipwright's controller adds has the securityContext of the controller's configuration
              const fix = c.controller === undefined ? d.fix : `Give the controller's ${c.controller} (its container template for this step) a `
                + `securityContext that meets "${ns.level}", or ${lowerLevel(ns, v.admittedUpTo)}.`;
              problems.push({
                location: c.location,
                ...(c.target ? { target: c.target } : {}),
                property: v.property,
                ...(v.value !== undefined ? { value: v.value } : {}),
                ...d,
                fix,
              });
            }
          }
        }
        for (const f of pod.podFields) {
          for (const found of podViolations(f.fields, ns).filter((x) => refuses(ns.level, x.admittedUpTo))) {
            const placed = f.listener?.podField(found.property);
            const described = listenerNeverStarts(describe(placed === undefined ? found : { ...found, problem: `${found.problem}${placed.note}` }, ns, 'the pod', tekton), placed, custom);
            const v = placed === undefined ? found : { ...found, property: placed.property };
            const d = { ...described, problem: inReading(described.problem, f.reading) };
            push({
              ...(f.location ? { location: f.location } : {}),
              ...(f.target ? { target: f.target } : {}),
              property: `${f.prefix}${v.property}`,
              ...(v.value !== undefined ? { value: v.value } : {}),
              ...d,
              ...(f.location === ASSISTANT ? { fix: `${d.fix} ${ASSISTANT_CONTEXT_FIX}` } : {}),
            });
          }
        }
      }
    }
    return problems;
  },
);
