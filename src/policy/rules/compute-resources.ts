import { isBuildStrategy } from '../../private/build-strategies';
import { asArray, containersOf, mergeComputeResources, taskSpecsOf } from '../../private/containers';
import { locallyReferenced } from '../../private/manifest-index';
import { parseQuantity, quantity } from '../../private/quantity';
import { runPipelines } from '../../private/run-pipelines';
import { isShipwrightBuild } from '../../private/shipwright-builds';
import { jsString } from '../../private/text';
import { IRuleContext, Severity } from '../rule';
import { BUILD_STRATEGIES, manifestRule, Problem, containerRelaxation } from '../rule-builders';
import { RuleId } from '../rule-id';

type Resource = 'cpu' | 'memory';
type Group = 'requests' | 'limits';

const RESOURCES: readonly Resource[] = ['cpu', 'memory'];

/** The largest limits taken as a bound: above them a limit bounds nothing on any common node. */
const MAX_LIMIT: Record<Resource, { readonly text: string; readonly nanos: bigint }> = {
  cpu: { text: '64', nanos: quantity('64') },
  memory: { text: '256Gi', nanos: quantity('256Gi') },
};

/** One quantity as the API server reads it: undefined (unset), a value in nano-units, or 'invalid'. */
function read(raw: unknown): { readonly state: 'unset' } | { readonly state: 'invalid' } | { readonly state: 'value'; readonly nanos: bigint } {
  if (raw === undefined || raw === '') return { state: 'unset' };
  // JSON null decodes to the zero Quantity
  if (raw === null) return { state: 'value', nanos: 0n };
  const nanos = parseQuantity(raw);
  return nanos === undefined ? { state: 'invalid' } : { state: 'value', nanos };
}

const text = (raw: unknown) => (raw === null ? 'null' : jsString(raw));
const isMap = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);

/**
 * Problems of the quantities in `r` (a ResourceRequirements), with `prefix` before
 * `requests.cpu` etc.; `complete` also asks for every one of the four to be set, and
 * `requestsWithinLimits` for no request above its limit.
 */
function quantityProblems(r: any, prefix: string, complete: boolean, requestsWithinLimits = true): Problem[] {
  const problems: Problem[] = [];
  const field = (group: Group, resource: Resource) => (isMap(r) && isMap(r[group]) ? r[group][resource] : undefined);
  for (const group of ['requests', 'limits'] as const) {
    for (const resource of RESOURCES) {
      const raw = field(group, resource);
      const q = read(raw);
      const property = `${prefix}${group}.${resource}`;
      if (q.state === 'unset') {
        if (complete) problems.push({ property, problem: 'is not set' });
      } else if (q.state === 'invalid') {
        problems.push({ property, value: text(raw), problem: 'is not a Kubernetes quantity (the run is refused)' });
      } else if (q.nanos < 0n) {
        problems.push({ property, value: text(raw), problem: 'is negative (the API server refuses the pod)' });
      } else if (q.nanos === 0n) {
        problems.push({
          property,
          value: text(raw),
          problem: group === 'limits' ? 'is zero, which the kubelet reads as no limit' : 'is zero, so the scheduler reserves nothing for it',
        });
      } else if (group === 'limits' && q.nanos > MAX_LIMIT[resource].nanos) {
        problems.push({ property, value: text(raw), problem: `is above ${MAX_LIMIT[resource].text}, which bounds nothing in practice` });
      }
    }
  }
  for (const resource of requestsWithinLimits ? RESOURCES : []) {
    const request = read(field('requests', resource));
    const limit = read(field('limits', resource));
    if (request.state === 'value' && limit.state === 'value' && limit.nanos > 0n && request.nanos > limit.nanos) {
      problems.push({
        property: `${prefix}requests.${resource}`,
        value: text(field('requests', resource)),
        problem: `is above limits.${resource} "${text(field('limits', resource))}" (the API server refuses the pod)`,
      });
    }
  }
  return problems;
}

/**
 * The resources field a container uses: `resources` in a tekton.dev/v1beta1 object (Tekton's v1beta1 Step,
 * StepTemplate and Sidecar have no other, and its conversion to v1 moves that one to `computeResources`) and in a
 * tekton.dev/v1alpha1 one (whose Step and stepTemplate were a Kubernetes Container, as v1beta1's are), else
 * `computeResources` (v1), else `resources`.
 */
function fieldOf(manifest: any, ...containers: any[]): 'computeResources' | 'resources' {
  // a Shipwright build strategy's step has `resources` alone, which its controller copies into the TaskRun step's computeResources
  if (isV1alpha1(manifest) || manifest?.apiVersion === 'tekton.dev/v1beta1' || isBuildStrategy(manifest) || isShipwrightBuild(manifest)) return 'resources';
  if (containers.some((c) => c?.computeResources !== undefined && c?.computeResources !== null)) return 'computeResources';
  return containers.some((c) => c?.resources !== undefined && c?.resources !== null) ? 'resources' : 'computeResources';
}

/** The fix of a tekton.dev/v1beta1 container's requests and limits, in the field that version has. */
const V1BETA1_FIX = 'Set resources.requests and .limits for cpu and memory (tekton.dev/v1beta1 has them in resources; computeResources is their name in tekton.dev/v1).';

/** A tekton.dev/v1alpha1 object with containers (StepActions, served at v1alpha1, carry no resources and are not read). */
const isV1alpha1 = (manifest: any): boolean => manifest?.apiVersion === 'tekton.dev/v1alpha1';

/**
 * The fix of a tekton.dev/v1alpha1 container's requests and limits: the field that version had, and the served
 * versions' names, since Tekton v1.15 serves Task, TaskRun, Pipeline and PipelineRun at v1 and v1beta1 alone (SERVED_KINDS).
 */
const V1ALPHA1_FIX = 'Set resources.requests and .limits for cpu and memory (tekton.dev/v1alpha1 had them in resources, as v1beta1 has; '
  + 'Tekton serves this kind as v1 and v1beta1 only, see SERVED_KINDS: in tekton.dev/v1 they are computeResources).';

/** The fix of a Shipwright build strategy's step, whose requests and limits are in resources. */
const STRATEGY_FIX = 'Set resources.requests and .limits for cpu and memory on the strategy\'s step (a Build\'s or BuildRun\'s stepResources may replace them for its builds).';

/** Per-step and per-sidecar overrides of a run: `stepSpecs`/`sidecarSpecs` (v1), `stepOverrides`/`sidecarOverrides` (v1beta1). */
function overrideProblems(spec: any, propertyPrefix: string, locationPrefix: string, targetPrefix: string): Problem[] {
  const out: Problem[] = [];
  for (const [list, role, field] of [
    ['stepSpecs', 'step', 'computeResources'], ['sidecarSpecs', 'sidecar', 'computeResources'],
    ['stepOverrides', 'step', 'resources'], ['sidecarOverrides', 'sidecar', 'resources'],
  ] as const) {
    for (const o of asArray(spec?.[list])) {
      const name = jsString(o?.name ?? '');
      out.push(...quantityProblems(o?.[field], `${propertyPrefix}${list}.${field}.`, false)
        // v1beta1's overrides hold their quantities in resources: the fix names that field
        .map((p) => ({ ...p, location: `${locationPrefix}${role} '${name}'`, target: `${targetPrefix}${role}/${name}`, ...(field === 'resources' ? { fix: V1BETA1_FIX } : {}) })));
    }
  }
  return out;
}

/**
 * Problems of a run's task-level `computeResources`, as Tekton applies them
 * (`ApplyTaskLevelComputeResources`): once it holds requests or limits (an empty map
 * too), every step's limits are replaced by its limits, whole, so a resource it does not
 * limit is limited in no step.
 */
function taskLevelProblems(r: any, prefix: string, steps?: number): Problem[] {
  // each step gets the requests divided by the number of steps and the whole limits: a request
  // above its limit is not refused as such, so only the quantities themselves are read here,
  // and, when the task's steps are known, each step's share against the limit
  const problems = quantityProblems(r, prefix, false, false);
  if (!replacesSteps(r)) return problems;
  if (steps !== undefined && steps > 0) problems.push(...shareProblems(r, prefix, steps));
  for (const resource of RESOURCES) {
    if (read(isMap(r.limits) ? r.limits[resource] : undefined).state !== 'unset') continue;
    problems.push({
      property: `${prefix}limits.${resource}`,
      problem: `is not set: Tekton replaces every step's limits with the run's, so no step has a ${resource} limit`,
    });
  }
  return problems;
}

/** An empty map is left out when Tekton's webhook writes the run back (omitempty): no requests, no limits. */
const holds = (x: unknown) => isMap(x) && Object.keys(x).length > 0;

/** Whether a run's task-level `computeResources` replaces its steps' requests and limits (`ApplyTaskLevelComputeResources`). */
function replacesSteps(r: any): boolean {
  return isMap(r) && (holds(r.requests) || holds(r.limits));
}

/**
 * The request each of `steps` steps gets from a task-level request, as `computeAverageRequests` divides it (cpu in
 * millicores, `MilliValue`, memory in bytes, `Value`, each rounded up, then divided down), against the limit every
 * step gets whole: a share above it makes the API server refuse the pod.
 */
function shareProblems(r: any, prefix: string, steps: number): Problem[] {
  const problems: Problem[] = [];
  for (const resource of RESOURCES) {
    const request = read(isMap(r.requests) ? r.requests[resource] : undefined);
    const limit = read(isMap(r.limits) ? r.limits[resource] : undefined);
    if (request.state !== 'value' || limit.state !== 'value' || request.nanos <= 0n || limit.nanos <= 0n) continue;
    const unit = resource === 'cpu' ? 1_000_000n : 1_000_000_000n;
    const share = ((request.nanos + unit - 1n) / unit) / BigInt(steps);
    if (share * unit <= limit.nanos) continue;
    problems.push({
      property: `${prefix}requests.${resource}`,
      value: text(r.requests[resource]),
      problem: `gives each of the task's ${steps} step${steps === 1 ? '' : 's'} a request of ${share}${resource === 'cpu' ? 'm' : ' bytes'}, above `
        + `limits.${resource} "${text(r.limits[resource])}", which each step gets whole (the API server refuses the pod)`,
    });
  }
  return problems;
}

/**
 * What a run gives the task specs it embeds, by their target prefix (`''` for a TaskRun's own taskSpec,
 * `task/<name>/` for a task of a PipelineRun's pipelineSpec): its task-level `computeResources` (a PipelineRun's last
 * `taskRunSpecs` entry for the task, as `GetTaskRunSpec` takes it) and the number of steps of the spec.
 */
interface RunLevel {
  readonly resources: any;
  readonly steps?: number;
  /** The resources the run's step and sidecar overrides give, by role and name (the last of a name, as Tekton's map keeps it). */
  readonly overrides: ReadonlyMap<string, any>;
}
function runTaskLevel(m: any, manifests?: readonly any[]): Map<string, RunLevel> {
  const out = new Map<string, RunLevel>();
  const spec = m?.spec;
  if (!isMap(spec) || (m?.apiVersion !== undefined && !/^tekton\.dev\//.test(jsString(m.apiVersion)))) return out;
  const count = (taskSpec: unknown) => (isMap(taskSpec) && Array.isArray(taskSpec.steps) ? taskSpec.steps.length : undefined);
  // a task spec embedded, else the Tasks checked with the run that a local taskRef may name: the fewest steps, whose
  // share of a request is the largest
  const stepsOf = (holder: any, from: any): number | undefined => {
    if (isMap(holder?.taskSpec)) return count(holder.taskSpec);
    const counts = (manifests === undefined ? [] : locallyReferenced(manifests, holder?.taskRef, 'Task', from))
      .map((task) => count(task.spec)).filter((n): n is number => n !== undefined && n > 0);
    return counts.length === 0 ? undefined : Math.min(...counts);
  };
  // MergeStepsWithSpecs, MergeSidecarsWithSpecs (v1beta1 MergeStepsWithOverrides, MergeSidecarsWithOverrides)
  const overridesOf = (holder: any) => {
    const found = new Map<string, any>();
    for (const [list, role, f] of [['stepSpecs', 'step', 'computeResources'], ['sidecarSpecs', 'sidecar', 'computeResources'],
      ['stepOverrides', 'step', 'resources'], ['sidecarOverrides', 'sidecar', 'resources']] as const) {
      for (const o of asArray(holder?.[list])) if (isMap(o) && typeof o.name === 'string') found.set(`${role}/${jsString(o.name)}`, o[f]);
    }
    return found;
  };
  if (m.kind === 'TaskRun') out.set('', { resources: spec.computeResources, steps: stepsOf(spec, m), overrides: overridesOf(spec) });
  if (m.kind === 'PipelineRun') {
    // the run's own pipelineSpec, or the Pipelines checked with it that its local pipelineRef may name
    const tasks = runPipelines(m, manifests)
      .flatMap(({ spec: p, from }) => [...asArray(p.tasks), ...asArray(p.finally)].map((task) => ({ task, from })));
    for (const t of asArray(spec.taskRunSpecs)) {
      if (!isMap(t) || typeof t.pipelineTaskName !== 'string') continue;
      const counts = tasks.filter(({ task }) => isMap(task) && task.name === t.pipelineTaskName).map(({ task, from }) => stepsOf(task, from))
        .filter((n): n is number => n !== undefined);
      out.set(`task/${jsString(t.pipelineTaskName)}/`, { resources: t.computeResources, steps: counts.length === 0 ? undefined : Math.min(...counts), overrides: overridesOf(t) });
    }
  }
  return out;
}

/** Whether a run's override gives the quantity at `property` (`computeResources.limits.cpu`). */
function overrideGives(override: any, property: string): boolean {
  const [, group, resource] = property.split('.');
  return isMap(override) && isMap(override[group]) && override[group][resource] !== undefined && override[group][resource] !== '';
}

/**
 * A run's (or a `taskRunSpecs` entry's) task-level `computeResources` given (an empty object too: Go decodes it as set)
 * while a step override sets requests, limits or claims: Tekton's validation refuses the run
 * (`validateTaskRunComputeResources`, "expected exactly one, got both").
 */
function bothProblem(spec: any, property: string): Problem[] {
  if (!isMap(spec) || spec.computeResources === undefined || spec.computeResources === null) return [];
  const sets = (r: unknown) => isMap(r) && (holds(r.requests) || holds(r.limits) || (Array.isArray(r.claims) && r.claims.length > 0));
  const list = [...asArray(spec.stepSpecs).map((o) => ['stepSpecs', o?.computeResources] as const), ...asArray(spec.stepOverrides).map((o) => ['stepOverrides', o?.resources] as const)]
    .find(([, r]) => sets(r));
  return list === undefined ? [] : [{ property, problem: `is set together with ${list[0]} that set step resources (Tekton refuses the run)` }];
}

const OVERRIDES = ['stepSpecs', 'sidecarSpecs', 'stepOverrides', 'sidecarOverrides', 'computeResources'];

/** Whether a run replaces quantities of the steps it runs. */
function hasOverrides(m: any): boolean {
  if (m?.apiVersion !== undefined && !/^tekton\.dev\//.test(jsString(m.apiVersion))) return false;
  if (m?.kind === 'TaskRun') return isMap(m.spec) && OVERRIDES.some((k) => m.spec[k] !== undefined);
  return m?.kind === 'PipelineRun' && asArray(m.spec?.taskRunSpecs).some((t) => isMap(t) && OVERRIDES.some((k) => t[k] !== undefined));
}

/**
 * Steps and sidecars request and limit CPU and memory, with quantities that bound them.
 *
 * Quantities are read as the API server reads them (k8s.io/apimachinery
 * `resource.ParseQuantity` after `strings.TrimSpace`, see private/quantity.ts):
 * "1", "0.5", "500m", "1e3", "1k", "128Mi", "+1Gi" and " 1 " are valid; a value it
 * refuses ("1GB", "1 Gi", "1.5.0", "Ki2") makes Tekton refuse the run. A negative
 * value is refused by the API server. A zero limit (also "0m", "0.0", "-0", "Mi",
 * "0e5" and a YAML null) means no limit to the kubelet (`MilliCPUToQuota` returns
 * no quota for 0 millicores; a memory limit of 0 bytes is not written); a zero
 * request is valid but reserves nothing, so scheduling is no longer honest; a
 * request above its limit is refused by the API server. A limit above 64 CPUs or
 * 256Gi of memory is larger than any common node and bounds nothing in practice.
 *
 * A step inherits the stepTemplate's requests and limits key by key (Tekton's
 * strategic merge), in `computeResources` (v1) or `resources` (v1beta1); sidecars
 * inherit nothing; a StepAction carries none (the step that runs it does). A
 * TaskRun's `stepSpecs`/`sidecarSpecs` (and a PipelineRun's `taskRunSpecs`, and
 * v1beta1 `stepOverrides`/`sidecarOverrides`) replace quantities per step at run
 * time, so the values they give are held to the same reading. A run's task-level
 * `computeResources` replaces the limits of every step with its own, whole, and the
 * requests with its own divided among the steps: once it holds requests or limits, it
 * must limit both cpu and memory, the steps of a spec the run embeds are not judged by
 * their own values, and each one's share of a request must not exceed the limit. Given
 * together with step overrides that set resources, Tekton refuses the run.
 */
export const COMPUTE_RESOURCES = manifestRule(
  {
    id: RuleId.COMPUTE_RESOURCES,
    severity: Severity.LOW,
    title: 'Steps and sidecars set CPU and memory requests and limits that bound them',
    rationale: 'An unbounded step can starve the node (a crypto-miner or a fork bomb in a dependency); requests keep scheduling honest.',
    fix: 'Set computeResources.requests and .limits for cpu and memory.',
    decidesFrom:
      "`computeResources` (v1) or `resources` (v1beta1) of every step, with the stepTemplate's requests and limits merged "
      + 'under it key by key, and of every sidecar (which inherits nothing), in Tasks, TaskRuns, Pipelines and PipelineRuns '
      + "with embedded specs; and the quantities runs replace: a TaskRun's `stepSpecs`, `sidecarSpecs` and `computeResources` "
      + "(v1beta1 `stepOverrides`, `sidecarOverrides`), and the same in a PipelineRun's `taskRunSpecs`. Quantities are read "
      + 'as the API server reads them (`resource.ParseQuantity` after trimming white space): requests and limits of cpu and '
      + 'memory must each be set, valid and above zero, a limit at most 64 CPUs or 256Gi, and a request no higher '
      + 'than its limit; the values runs give are held to the same reading but need not be complete, except that a run\'s '
      + 'task-level `computeResources` that holds requests or limits (non-empty maps) must limit both cpu and memory: Tekton '
      + 'gives every step its limits in place of the step\'s own and its requests divided among the steps '
      + '(`ApplyTaskLevelComputeResources`, cpu in millicores and memory in bytes, rounded up and divided down). So the '
      + 'steps of a task spec the run embeds (a TaskRun\'s `taskSpec`, a task of a PipelineRun\'s `pipelineSpec` with a '
      + '`taskRunSpecs` entry, the last one for the task as Tekton takes it) are not judged by their own values when the run '
      + 'gives such task-level values, and each step\'s share of a request above the limit it gets whole is a finding (the '
      + 'API server refuses the pod); so is it for a Task checked with the run that it refers to by name (a TaskRun\'s '
      + '`taskRef`, a pipeline task\'s `taskRef` in the run\'s `pipelineSpec` or in a Pipeline checked with it that its '
      + '`pipelineRef` names; in the run\'s namespace, or any when the run has none: the fewest steps among them); for a Task '
      + 'not checked with it, whose steps are not counted, a task-level request above its limit is not. A task-level `computeResources` (an empty object too) given with `stepSpecs` or `stepOverrides` '
      + 'that set requests, limits or claims is refused by Tekton: a finding. A run\'s `stepSpecs` and `sidecarSpecs` (v1beta1 '
      + '`stepOverrides`, `sidecarOverrides`) are merged key by key over the steps and sidecars of the specs it embeds (the last '
      + 'of a name), as Tekton merges them: a container is judged with what they give it, each value where it is written.' + BUILD_STRATEGIES
      + ' Its steps\' `resources` are judged as a v1beta1 Task\'s (a Build\'s or BuildRun\'s `stepResources`, which replace them, are not read).'
      + ' A tekton.dev/v1alpha1 Task, TaskRun, Pipeline or PipelineRun (which Tekton v1.15 no longer serves: SERVED_KINDS) is read in '
      + '`resources`, the field its containers had, and its findings name that field and v1\'s `computeResources` in the fix.',
    limits:
      'StepActions carry no resources (the step that runs one does) and are not checked. LimitRanges and ResourceQuotas of '
      + 'the namespace, which can fill in or cap values, are not seen; ephemeral storage and extended resources are not asked '
      + 'for; and any limit up to 64 CPUs or 256Gi passes whatever the nodes are. Pods, Deployments and other workloads are '
      + 'not read, nor the init containers Tekton adds to the pod itself; a Task named by a resolver, bundle or hub reference '
      + 'is judged only when it is given as an object, and the overrides of a run are merged only over the steps and sidecars '
      + 'of the specs it embeds.',
    howToRelax: containerRelaxation(RuleId.COMPUTE_RESOURCES, {
      props: "A run's values are relaxed at the same targets (`task/<task>/step/<name>` in a PipelineRun's `taskRunSpecs`), "
        + "a `taskRunSpecs` entry's own `computeResources` at `RelaxationTarget.task('<task>')`, a TaskRun's own without a target.",
    }),
    relaxable: true,
    appliesTo: (m) => taskSpecsOf(m).length > 0 || hasOverrides(m) || isBuildStrategy(m),
  },
  (manifest, context?: IRuleContext) => {
    const views = manifest?.kind === 'StepAction' ? [] : containersOf(manifest);
    const taskLevel = runTaskLevel(manifest, context?.manifests);
    const problems: Problem[] = [];
    for (const view of views) {
      if (view.role === 'stepTemplate') continue;
      // the run's task-level computeResources replaces the step's requests and limits: they are judged there
      if (view.role === 'step' && replacesSteps(taskLevel.get(view.specTarget)?.resources)) continue;
      const template = view.role === 'step' ? view.template : undefined;
      const field = fieldOf(manifest, view.container, template);
      let resources = template === undefined ? view.container?.[field] : mergeComputeResources(template[field], view.container?.[field]);
      // a run's override of this step or sidecar of a spec it embeds is merged over it key by key: what it gives is judged
      // where it is written (overrideProblems), what the container keeps here, and a request against a limit across both
      const override = taskLevel.get(view.specTarget)?.overrides.get(`${view.role}/${jsString(view.name)}`);
      if (override !== undefined && override !== null) resources = mergeComputeResources(resources, override);
      problems.push(...quantityProblems(resources, `${field}.`, true)
        .filter((p) => !overrideGives(override, p.property!) || p.problem.startsWith('is above limits.'))
        .map((p) => ({
          location: view.location,
          target: view.target,
          ...p,
          // the catalogue's fix names v1's field: a v1beta1 container is told the field it has (TEKTON_FIELD_NAMES reports v1's name there)
          ...(field === 'resources' && manifest?.apiVersion === 'tekton.dev/v1beta1' ? { fix: V1BETA1_FIX } : {}),
          ...(isV1alpha1(manifest) ? { fix: V1ALPHA1_FIX } : {}),
          ...(isBuildStrategy(manifest) || isShipwrightBuild(manifest) ? { fix: STRATEGY_FIX } : {}),
        })));
    }
    const spec = manifest?.spec;
    if (manifest?.kind === 'TaskRun') {
      problems.push(...overrideProblems(spec, '', '', ''));
      problems.push(...bothProblem(spec, 'computeResources'));
      problems.push(...taskLevelProblems(spec?.computeResources, 'computeResources.', taskLevel.get('')?.steps));
    }
    if (manifest?.kind === 'PipelineRun') {
      for (const t of asArray(spec?.taskRunSpecs)) {
        const name = jsString(t?.pipelineTaskName ?? '');
        problems.push(...overrideProblems(t, 'taskRunSpecs.', `task '${name}' `, `task/${name}/`));
        // the share is judged for the entry GetTaskRunSpec takes (the last for the task)
        const taken = taskLevel.get(`task/${name}/`)?.resources === t?.computeResources ? taskLevel.get(`task/${name}/`)?.steps : undefined;
        problems.push(...bothProblem(t, 'taskRunSpecs.computeResources').map((p) => ({ location: `task '${name}'`, target: `task/${name}`, ...p })));
        problems.push(...taskLevelProblems(t?.computeResources, 'taskRunSpecs.computeResources.', taken)
          .map((p) => ({ location: `task '${name}'`, target: `task/${name}`, ...p })));
      }
    }
    return problems;
  },
);
