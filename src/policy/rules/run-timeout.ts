import { asArray } from '../../private/containers';
import { goParseDuration } from '../../private/go-duration';
import { appliedConfigDefaults, inConfigDefaultsReading, OPERATOR_DEFAULTS_OF } from '../../private/pods';
import { isShipwrightBuild, runBuildSpec } from '../../private/shipwright-builds';
import { jsString } from '../../private/text';
import { IRuleContext, Severity } from '../rule';
import { kindIs, followingLoops, Problem, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

/** The key of config-defaults that holds the timeout of a run that sets none. */
const KEY = 'default-timeout-minutes';

/** A `default-timeout-minutes` Tekton reads: the value as written, and how messages name it. */
interface DefaultTimeout { readonly minutes: unknown; readonly described: (text: string) => string }

/** `default-timeout-minutes` of the config-defaults Tekton reads among the manifests checked (cached per set). */
const defaultsCache = new WeakMap<object, DefaultTimeout[]>();
function defaultTimeouts(context?: IRuleContext): DefaultTimeout[] {
  const manifests = context?.manifests;
  if (!Array.isArray(manifests)) return [];
  let found = defaultsCache.get(manifests);
  if (found === undefined) {
    found = appliedConfigDefaults(manifests).map((d): DefaultTimeout => {
      const key = d.operator?.keys.get(KEY);
      // a key of a ConfigMap the operator applies its config-defaults over, which its apply keeps unless kubectl applied
      // the ConfigMap: named with that reading
      if (key === undefined) return { minutes: d.data[KEY], described: (text) => inConfigDefaultsReading(`config-defaults' ${KEY} ${text}`, d) };
      const name = d.operator!.name;
      return { minutes: d.data[KEY], described: (text) => `the ${KEY} ${text} that ${name} writes into config-defaults (${key.path})` };
    });
    defaultsCache.set(manifests, found);
  }
  return found;
}

const INT64 = 2n ** 63n;

/** Go's `time.Duration(minutes) * time.Minute` in nanoseconds, wrapped to an int64 as Go wraps it; 0 for a count ParseInt refuses. */
function wrappedMinutes(minutes: bigint): bigint {
  if (minutes >= INT64 || minutes < -INT64) return 0n;
  const ns = minutes * 60_000_000_000n;
  return ((ns + INT64) % (2n * INT64) + 2n * INT64) % (2n * INT64) - INT64;
}

/**
 * What is wrong with a run's overall timeout as Tekton reads it, or undefined when it is finite.
 * Unset, Tekton's defaulting writes `default-timeout-minutes` of config-defaults (60 as
 * shipped); only a config-defaults checked with the run that makes it 0 (no timeout) is a
 * finding (one Tekton cannot read applies nothing).
 */
function timeoutProblem(property: string, timeout: unknown, context?: IRuleContext): Problem | undefined {
  if (timeout === undefined || timeout === null) {
    for (const { minutes, described } of defaultTimeouts(context)) {
      // (a config-defaults Tekton reads: its default-timeout-minutes is an integer strconv.ParseInt reads, appliedConfigDefaults)
      if (minutes === undefined || minutes === null || !/^[+-]?[0-9]+$/.test(jsString(minutes))) continue;
      // time.Duration(minutes) * time.Minute, which wraps silently (2^53 minutes is 0s); 0 is Tekton's "no timeout"
      if (wrappedMinutes(BigInt(jsString(minutes))) <= 0n) return { property, problem: `is not set, and ${described(`"${jsString(minutes)}"`)} gives no finite timeout` };
    }
    return undefined;
  }
  const value = typeof timeout === 'string' ? timeout : jsString(timeout);
  if (typeof timeout !== 'string') return { property, value, problem: 'is not a duration string (Tekton refuses the run)' };
  if (substituted(timeout)) return { property, value, problem: SUBSTITUTED };
  const ns = goParseDuration(timeout);
  if (ns === undefined) return { property, value, problem: 'is not a Go duration (Tekton refuses the run)' };
  if (ns === 0n) return { property, value, problem: 'is zero, which Tekton reads as no timeout' };
  if (ns < 0n) return { property, value, problem: 'is negative (Tekton refuses the run)' };
  return undefined;
}

/**
 * Whether a timeout is written with a value that is filled in before Tekton reads it: a TriggerTemplate's
 * `$(tt.params.x)` or another `$(…)`, a Pipelines-as-Code or Helm `{{…}}` template (pasted into the YAML first).
 */
const substituted = (text: string) => text.includes('$(') || /{{[^}]{2,}}}/.test(text);
const SUBSTITUTED = 'is filled in before Tekton reads the run (a `$(…)` variable of a TriggerTemplate, or a `{{…}}` template), so whoever '
  + 'chooses the value sets the timeout, zero (none) included';

/** A phase timeout as Tekton decodes and validates it: unset, chosen when the run is made, refused (with the problem), or its nanoseconds. */
type Read = { readonly state: 'unset' | 'chosen' } | { readonly state: 'refused'; readonly problem: string } | { readonly state: 'value'; readonly ns: bigint };
function readDuration(raw: unknown): Read {
  if (raw === undefined || raw === null) return { state: 'unset' };
  // a value the event chooses bounds only its own phase: whatever Tekton makes of it is not judged here
  if (typeof raw === 'string' && substituted(raw)) return { state: 'chosen' };
  if (typeof raw !== 'string') return { state: 'refused', problem: 'is not a duration string (Tekton refuses the run)' };
  const ns = goParseDuration(raw);
  if (ns === undefined) return { state: 'refused', problem: 'is not a Go duration (Tekton refuses the run)' };
  if (ns < 0n) return { state: 'refused', problem: 'is negative (Tekton refuses the run)' };
  return { state: 'value', ns };
}

/** A bound Tekton's validation holds the phase timeouts to: its nanoseconds, and how messages name it. */
interface Bound { readonly ns: bigint; readonly named: string }

/**
 * The overall timeouts Tekton validates a PipelineRun's phase timeouts against: `timeouts.pipeline` when it
 * is a duration Tekton takes, else (its webhook defaults it first) each `default-timeout-minutes` ParseInt
 * reads among the config-defaults checked, or the 60 minutes Tekton ships; none for a refused pipeline timeout.
 */
function bounds(pipeline: unknown, context?: IRuleContext): Bound[] {
  const read = readDuration(pipeline);
  if (read.state === 'value') return [{ ns: read.ns, named: `timeouts.pipeline "${pipeline}"` }];
  if (read.state === 'refused' || read.state === 'chosen') return [];
  const found = defaultTimeouts(context)
    .filter(({ minutes }) => minutes !== undefined && minutes !== null && /^[+-]?[0-9]+$/.test(jsString(minutes)))
    .map(({ minutes, described }): Bound => ({ ns: wrappedMinutes(BigInt(jsString(minutes))), named: `the default ${described(`"${minutes}"`)}` }));
  return found.length > 0 ? found : [{ ns: 60n * 60_000_000_000n, named: 'the default of 60 minutes (config-defaults\' default-timeout-minutes as Tekton ships it)' }];
}

/** Go's int64 sum, wrapped. */
function int64Sum(a: bigint, b: bigint): bigint {
  return ((a + b + INT64) % (2n * INT64) + 2n * INT64) % (2n * INT64) - INT64;
}

/**
 * What Tekton's validation refuses in a PipelineRun's `timeouts.tasks`, `timeouts.finally` and
 * `taskRunSpecs[].timeout` (`validatePipelineTimeout`, `validateTaskRunSpecTimeout`): a value that is
 * not a duration or is negative; with a non-zero overall timeout, a phase timeout above it or zero (no
 * timeout); tasks and finally that add up (as int64s) to more than it, even when it is zero; and a
 * task's timeout above the tasks timeout, else the overall one, unless that is zero.
 */
function phaseProblems(spec: any, context?: IRuleContext): Problem[] {
  const timeouts = spec.timeouts !== null && typeof spec.timeouts === 'object' && !Array.isArray(spec.timeouts) ? spec.timeouts : undefined;
  const problems: Problem[] = [];
  const limits = bounds(timeouts?.pipeline, context);
  const phases = (['tasks', 'finally'] as const).map((phase) => {
    const raw = timeouts?.[phase];
    const read = readDuration(raw);
    if (read.state === 'refused') problems.push({ property: `timeouts.${phase}`, value: jsString(raw), problem: read.problem });
    return { phase, raw, read };
  });
  if (timeouts !== undefined) {
    for (const limit of limits) {
      for (const { phase, raw, read } of phases) {
        if (read.state !== 'value' || limit.ns === 0n) continue;
        if (read.ns === 0n) {
          problems.push({ property: `timeouts.${phase}`, value: jsString(raw), problem: `is zero (no timeout) under ${limit.named}, which is not (Tekton refuses the run)` });
        } else if (read.ns > limit.ns) {
          problems.push({ property: `timeouts.${phase}`, value: jsString(raw), problem: `is longer than ${limit.named} (Tekton refuses the run)` });
        }
      }
      const [tasks, fin] = phases;
      if (tasks.read.state === 'value' && fin.read.state === 'value' && int64Sum(tasks.read.ns, fin.read.ns) > limit.ns) {
        problems.push({
          property: 'timeouts.tasks',
          value: jsString(tasks.raw),
          problem: `and timeouts.finally "${fin.raw}" add up to more than ${limit.named} (Tekton refuses the run${limit.ns === 0n ? ': it holds the sum to the overall timeout even when that is zero, no timeout' : ''})`,
        });
      }
    }
  }
  // a task's timeout is held to the tasks timeout when it is given, else to the overall one
  const tasks = phases[0].read;
  const taskLimits = tasks.state === 'value' ? [{ ns: tasks.ns, named: `timeouts.tasks "${phases[0].raw}"` }]
    : tasks.state === 'refused' || tasks.state === 'chosen' ? [] : limits;
  for (const s of asArray(spec.taskRunSpecs)) {
    const raw = s?.timeout;
    const read = readDuration(raw);
    const at = { location: `taskRunSpec '${jsString(s?.pipelineTaskName)}'`, property: 'taskRunSpecs.timeout' };
    if (read.state === 'refused') problems.push({ ...at, value: jsString(raw), problem: read.problem });
    if (read.state !== 'value') continue;
    const over = taskLimits.find((limit) => limit.ns !== 0n && read.ns > limit.ns);
    if (over !== undefined) problems.push({ ...at, value: jsString(raw), problem: `is longer than ${over.named} (Tekton refuses the run)` });
  }
  // several config-defaults may name the same bound
  return problems.filter((p, i) => problems.findIndex((q) => JSON.stringify(q) === JSON.stringify(p)) === i);
}

/** The fix of a PipelineLoop's timeout, which its controller gives each iteration's PipelineRun as timeouts.pipeline. */
const SHIPWRIGHT_FIX = 'Set the BuildRun\'s (or its Build\'s) spec.timeout to a finite duration such as "1h0m0s": Shipwright gives it to the TaskRun it creates.';

/**
 * The timeout of the TaskRun Shipwright creates for a BuildRun (shipwright-io/build v0.20.13, resource_builders.go
 * `effectiveTimeout`): the BuildRun's `spec.timeout`, else its Build's; neither, the cluster's default. A Build's own
 * is judged on the Build; a BuildRun that sets none, on the BuildRun when its Build spec is known and sets none either.
 */
function shipwrightProblems(manifest: any, context?: IRuleContext): Problem[] {
  const own = manifest.spec.timeout;
  const withFix = (p: Problem | undefined): Problem[] => (p === undefined ? [] : [{ ...p, fix: SHIPWRIGHT_FIX }]);
  if (own !== undefined && own !== null) return withFix(timeoutProblem('timeout', own, context));
  if (manifest.kind === 'Build') return [];
  const build = runBuildSpec(manifest, context?.manifests);
  if (build === undefined) return [];
  const given = build.spec.timeout;
  if (given !== undefined && given !== null) {
    // an embedded Build spec's is the BuildRun's own field; a named Build's is judged on that Build
    return build.path === undefined ? [] : withFix(timeoutProblem(`${build.path.replace(/^spec\./, '')}.timeout`, given, context));
  }
  return withFix(timeoutProblem('timeout', undefined, context));
}

const LOOP_FIX = 'Set the PipelineLoop\'s timeout (spec.timeout, which its controller gives each iteration\'s PipelineRun as timeouts.pipeline) '
  + 'to a finite duration such as "1h0m0s".';

/**
 * Runs set an overall, finite timeout.
 *
 * Read as Tekton Pipelines (v1.15) reads it: `metav1.Duration` takes a JSON string
 * through Go's `time.ParseDuration`, so "0", "0s", "0ns", "0.0s", "-0s", "0h0m0.0s"
 * and "0.5ns" (fractions truncate to whole nanoseconds) are zero, which the
 * reconciler reads as no timeout (`config.NoTimeoutDuration`); a negative value
 * is refused by validation ("should be >= 0") and a string ParseDuration refuses
 * (or a number, or white space around it) is refused when the run is decoded;
 * all are findings. Unset, Tekton's defaulting writes the cluster's
 * `default-timeout-minutes` (config-defaults; 60 as Tekton ships it): not a finding,
 * unless a config-defaults ConfigMap checked together with the run sets it to 0 (no
 * timeout) or to a value that is not a positive integer.
 *
 * The overall timeout is `spec.timeouts.pipeline` of a PipelineRun; in v1beta1 its
 * deprecated `spec.timeout` means the same when `timeouts` is not given (both
 * together are refused by validation, a finding; v1 has no `spec.timeout`). A TaskRun's is `spec.timeout`.
 * `timeouts.tasks`, `timeouts.finally` and `taskRunSpecs[].timeout` are read for what Tekton's
 * validation refuses (see phaseProblems): they do not make an infinite overall timeout finite.
 */
export const RUN_TIMEOUT = followingLoops(
  {
    id: RuleId.RUN_TIMEOUT,
    severity: Severity.LOW,
    title: 'Runs set a finite overall timeout',
    rationale: 'A run that never ends holds its credentials, volumes and node resources for ever; a hung or hijacked step should be killed.',
    fix: 'Set timeouts.pipeline (PipelineRun) or timeout (TaskRun) to a finite duration such as "1h0m0s".',
    decidesFrom:
      "A PipelineRun's `spec.timeouts.pipeline` (or, outside `tekton.dev/v1`, the deprecated `spec.timeout` when `timeouts` "
      + "is absent) and a TaskRun's `spec.timeout`, read as Go's `time.ParseDuration` reads them (as `metav1.Duration` does): "
      + 'zero in any spelling (`0`, `0s`, `0.5ns`), negative, not a string, or not a Go duration is a finding, and so is a value '
      + 'filled in before Tekton reads the run (a `$(tt.params.x)` of a TriggerTemplate\'s run, a `{{…}}` template), which '
      + 'whoever chooses it may make zero. Unset, Tekton '
      + "writes the cluster's `default-timeout-minutes` (60 as shipped in `config-defaults`): not a finding, unless a "
      + '`config-defaults` ConfigMap (namespace `tekton-pipelines`) checked with the run sets it to 0, or to a number of minutes '
      + 'that Go\'s int64 nanoseconds wrap to 0 or below (2^53). A config-defaults with a value that is not a string '
      + '(`default-timeout-minutes: 0` unquoted) is refused by the API server and never applies: it is not read; nor is one '
      + 'Tekton cannot read as a whole (a `default-timeout-minutes` strconv.ParseInt does not read, `1h` or a null stored as "", '
      + 'or any other key, as TEKTON_FEATURE_FLAGS reports it): its webhook refuses it, so the run gets the 60 minutes Tekton ships. '
      + 'Outside `tekton.dev/v1`, `spec.timeout` together with a `timeouts` object is refused by Tekton: a finding. '
      + "A PipelineRun's `timeouts.tasks`, `timeouts.finally` and `taskRunSpecs[].timeout` do not make the run finite, but "
      + 'what Tekton\'s validation refuses in them is a finding: not a Go duration string, negative; with an overall '
      + 'timeout (`timeouts.pipeline`, else the default Tekton writes first: the `default-timeout-minutes` checked with '
      + 'the run, or 60) that is not zero, a phase timeout of zero or above it; `tasks` and `finally` that add up (as '
      + "Go's int64 adds, wrapping) to more than it, zero included; a task's timeout above `timeouts.tasks`, or when "
      + 'that is not given above the overall timeout, unless that is zero. A phase or task timeout filled in before Tekton '
      + 'reads the run is not judged (nor held against). A Shipwright Build\'s or BuildRun\'s `spec.timeout` (`shipwright.io` '
      + 'v1beta1, v1alpha1) is judged as the TaskRun\'s its controller creates (shipwright-io/build v0.20.13, resource_builders.go '
      + '`effectiveTimeout`: the BuildRun\'s, else its Build\'s, else the cluster\'s default): where written, and for a BuildRun '
      + 'that sets none, its embedded `build.spec.timeout` (v1alpha1 `buildSpec.timeout`), or, when neither it nor the Build it names '
      + '(checked with it) sets one, the `default-timeout-minutes` checked with it.'
      + OPERATOR_DEFAULTS_OF,
    limits:
      'Any finite value passes, however long. A `timeouts.tasks` or `timeouts.finally` that bounds its phase does not '
      + 'make up for an overall timeout of zero. A `default-timeout-minutes` set elsewhere than what is checked may '
      + "make Tekton refuse or admit phase timeouts other than the ones judged against 60 minutes. The cluster's "
      + '`default-timeout-minutes` is seen only when its `config-defaults` (or the operator\'s object) is checked with the run: a cluster that set it to 0 '
      + 'elsewhere makes an unset timeout infinite unseen. Only the '
      + 'runs checked are judged: runs that `tkn` or other tools create later are not seen '
      + '(the runs a TriggerTemplate, or a Trigger\'s or an EventListener\'s inline template, creates are checked as written, '
      + 'their `$(tt.params.x)` as what an event chooses). A Shipwright Build that sets no `timeout` is no finding by itself: it is not a run, '
      + 'and each BuildRun of it may set its own (a BuildRun checked with it that sets none either is judged as above). A Build\'s or BuildRun\'s '
      + '`retention` (`ttlAfterFailed`, `ttlAfterSucceeded`, `failedLimit`, `succeededLimit`) only says when the controller deletes finished '
      + 'BuildRuns, with the TaskRuns and pods they own: it bounds no running build and is not judged (a TTL short enough to delete a TaskRun '
      + 'before Tekton Chains signs it is not seen).',
    howToRelax:
      "Findings are about the whole run: `{ rule: RuleId.RUN_TIMEOUT, reason: '<why>' }` without a target, given to the "
      + "SecurePipelineRun's `relaxations` or to `Relaxations.of(construct).add(...)`. In YAML for the audit: "
      + relaxAnnotation(RuleId.RUN_TIMEOUT, '*: <why>') + ' on the run.',
    relaxable: true,
    appliesTo: (m) => kindIs('PipelineRun', 'TaskRun')(m) || isShipwrightBuild(m),
  },
  (manifest, context) => {
    if (isShipwrightBuild(manifest)) return shipwrightProblems(manifest, context);
    const spec = manifest?.spec && typeof manifest.spec === 'object' ? manifest.spec : {};
    const problems: Array<Problem | undefined> = [];
    if (manifest?.kind === 'PipelineRun') {
      const v1 = manifest.apiVersion === 'tekton.dev/v1';
      // a null timeouts decodes to nil, so v1beta1's timeout then counts
      const noTimeouts = spec.timeouts === undefined || spec.timeouts === null;
      problems.push(!v1 && noTimeouts && spec.timeout !== undefined
        ? timeoutProblem('timeout', spec.timeout, context)
        : timeoutProblem('timeouts.pipeline', spec.timeouts?.pipeline, context));
      if (!v1 && !noTimeouts && spec.timeout !== undefined && spec.timeout !== null) {
        problems.push({ property: 'timeout', value: jsString(spec.timeout), problem: 'is set together with timeouts (Tekton refuses the run)' });
      }
      problems.push(...phaseProblems(spec, context));
    } else if (manifest?.kind === 'TaskRun') {
      problems.push(timeoutProblem('timeout', spec.timeout, context));
    }
    return problems.filter((p): p is Problem => p !== undefined);
  },
  undefined,
  // a loop has no timeouts: its controller gives each iteration's PipelineRun the loop's timeout as timeouts.pipeline
  (placed) => (placed.property === 'timeout' ? LOOP_FIX : undefined),
);
