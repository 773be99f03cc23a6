import { asArray, containersOf, mergeComputeResources, taskSpecsOf } from '../../private/containers';
import { parseQuantity, quantity } from '../../private/quantity';
import { Severity } from '../rule';
import { manifestRule, Problem, containerRelaxation } from '../rule-builders';
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

const text = (raw: unknown) => (raw === null ? 'null' : String(raw));
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

/** The resources field a container uses: `computeResources` (v1), else `resources` (v1beta1). */
function fieldOf(...containers: any[]): 'computeResources' | 'resources' {
  if (containers.some((c) => c?.computeResources !== undefined && c?.computeResources !== null)) return 'computeResources';
  return containers.some((c) => c?.resources !== undefined && c?.resources !== null) ? 'resources' : 'computeResources';
}

/** Per-step and per-sidecar overrides of a run: `stepSpecs`/`sidecarSpecs` (v1), `stepOverrides`/`sidecarOverrides` (v1beta1). */
function overrideProblems(spec: any, propertyPrefix: string, locationPrefix: string, targetPrefix: string): Problem[] {
  const out: Problem[] = [];
  for (const [list, role, field] of [
    ['stepSpecs', 'step', 'computeResources'], ['sidecarSpecs', 'sidecar', 'computeResources'],
    ['stepOverrides', 'step', 'resources'], ['sidecarOverrides', 'sidecar', 'resources'],
  ] as const) {
    for (const o of asArray(spec?.[list])) {
      const name = String(o?.name ?? '');
      out.push(...quantityProblems(o?.[field], `${propertyPrefix}${list}.${field}.`, false)
        .map((p) => ({ ...p, location: `${locationPrefix}${role} '${name}'`, target: `${targetPrefix}${role}/${name}` })));
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
function taskLevelProblems(r: any, prefix: string): Problem[] {
  // each step gets the requests divided by the number of steps and the whole limits: a request
  // above its limit is not refused as such, so only the quantities themselves are read here
  const problems = quantityProblems(r, prefix, false, false);
  // an empty map is left out when Tekton's webhook writes the run back (omitempty): no requests, no limits
  const holds = (x: unknown) => isMap(x) && Object.keys(x).length > 0;
  if (!isMap(r) || (!holds(r.requests) && !holds(r.limits))) return problems;
  for (const resource of RESOURCES) {
    if (read(isMap(r.limits) ? r.limits[resource] : undefined).state !== 'unset') continue;
    problems.push({
      property: `${prefix}limits.${resource}`,
      problem: `is not set: Tekton replaces every step's limits with the run's, so no step has a ${resource} limit`,
    });
  }
  return problems;
}

const OVERRIDES = ['stepSpecs', 'sidecarSpecs', 'stepOverrides', 'sidecarOverrides', 'computeResources'];

/** Whether a run replaces quantities of the steps it runs. */
function hasOverrides(m: any): boolean {
  if (m?.apiVersion !== undefined && !/^tekton\.dev\//.test(String(m.apiVersion))) return false;
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
 * `computeResources` replaces the limits of every step with its own, whole: once it
 * holds requests or limits, it must limit both cpu and memory.
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
      + '(`ApplyTaskLevelComputeResources`), so a task-level request above its limit is not a finding.',
    limits:
      'StepActions carry no resources (the step that runs one does) and are not checked. LimitRanges and ResourceQuotas of '
      + 'the namespace, which can fill in or cap values, are not seen; ephemeral storage and extended resources are not asked '
      + 'for; and any limit up to 64 CPUs or 256Gi passes whatever the nodes are. Pods, Deployments and other workloads are '
      + 'not read, nor the init containers Tekton adds to the pod itself; a Task named by a resolver, bundle or hub reference '
      + 'is judged only when it is given as an object.',
    howToRelax: containerRelaxation(RuleId.COMPUTE_RESOURCES, {
      props: "A run's values are relaxed at the same targets (`task/<task>/step/<name>` in a PipelineRun's `taskRunSpecs`), "
        + "a `taskRunSpecs` entry's own `computeResources` at `RelaxationTarget.task('<task>')`, a TaskRun's own without a target.",
    }),
    relaxable: true,
    appliesTo: (m) => taskSpecsOf(m).length > 0 || hasOverrides(m),
  },
  (manifest) => {
    const views = manifest?.kind === 'StepAction' ? [] : containersOf(manifest);
    const templates = new Map(views.filter((v) => v.role === 'stepTemplate').map((v) => [v.target, v.container]));
    const problems: Problem[] = [];
    for (const view of views) {
      if (view.role === 'stepTemplate') continue;
      const template = view.role === 'step'
        ? templates.get(`${view.target.slice(0, view.target.length - `step/${view.name}`.length)}stepTemplate`)
        : undefined;
      const field = fieldOf(view.container, template);
      const resources = template === undefined ? view.container?.[field] : mergeComputeResources(template[field], view.container?.[field]);
      problems.push(...quantityProblems(resources, `${field}.`, true).map((p) => ({ location: view.location, target: view.target, ...p })));
    }
    const spec = manifest?.spec;
    if (manifest?.kind === 'TaskRun') {
      problems.push(...overrideProblems(spec, '', '', ''));
      problems.push(...taskLevelProblems(spec?.computeResources, 'computeResources.'));
    }
    if (manifest?.kind === 'PipelineRun') {
      for (const t of asArray(spec?.taskRunSpecs)) {
        const name = String(t?.pipelineTaskName ?? '');
        problems.push(...overrideProblems(t, 'taskRunSpecs.', `task '${name}' `, `task/${name}/`));
        problems.push(...taskLevelProblems(t?.computeResources, 'taskRunSpecs.computeResources.')
          .map((p) => ({ location: `task '${name}'`, target: `task/${name}`, ...p })));
      }
    }
    return problems;
  },
);
