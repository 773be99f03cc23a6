import { goParseDuration } from '../../private/go-duration';
import { appliedConfigDefaults, OPERATOR_DEFAULTS_OF } from '../../private/pods';
import { IRuleContext, Severity } from '../rule';
import { kindIs, manifestRule, Problem, relaxAnnotation } from '../rule-builders';
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
      if (d.operator === undefined || key === undefined) {
        return { minutes: d.data[KEY], described: (text) => `config-defaults' ${KEY} ${text}` };
      }
      const name = d.operator.name;
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
 * shipped); only a config-defaults checked with the run that makes it 0 (no timeout) or
 * unreadable is a finding.
 */
function timeoutProblem(property: string, timeout: unknown, context?: IRuleContext): Problem | undefined {
  if (timeout === undefined || timeout === null) {
    for (const { minutes, described } of defaultTimeouts(context)) {
      if (minutes === undefined) continue;
      const text = minutes === null ? '' : String(minutes);
      // strconv.ParseInt to an int64, then time.Duration(minutes) * time.Minute, which wraps silently
      // (2^53 minutes is 0s); 0 is Tekton's "no timeout"
      if (!/^[+-]?[0-9]+$/.test(text) || wrappedMinutes(BigInt(text)) <= 0n) {
        const written = minutes === null ? 'null (stored as "")' : `"${text}"`;
        return { property, problem: `is not set, and ${described(written)} gives no finite timeout` };
      }
    }
    return undefined;
  }
  const value = typeof timeout === 'string' ? timeout : String(timeout);
  if (typeof timeout !== 'string') return { property, value, problem: 'is not a duration string (Tekton refuses the run)' };
  const ns = goParseDuration(timeout);
  if (ns === undefined) return { property, value, problem: 'is not a Go duration (Tekton refuses the run)' };
  if (ns === 0n) return { property, value, problem: 'is zero, which Tekton reads as no timeout' };
  if (ns < 0n) return { property, value, problem: 'is negative (Tekton refuses the run)' };
  return undefined;
}

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
 * together are refused by validation; v1 has no `spec.timeout`). `timeouts.tasks` and `timeouts.finally`
 * are not read: with a finite pipeline timeout Tekton refuses a zero or larger
 * one, and without one they only bound their own phase. A TaskRun's is `spec.timeout`.
 */
export const RUN_TIMEOUT = manifestRule(
  {
    id: RuleId.RUN_TIMEOUT,
    severity: Severity.LOW,
    title: 'Runs set a finite overall timeout',
    rationale: 'A run that never ends holds its credentials, volumes and node resources for ever; a hung or hijacked step should be killed.',
    fix: 'Set timeouts.pipeline (PipelineRun) or timeout (TaskRun) to a finite duration such as "1h0m0s".',
    decidesFrom:
      "A PipelineRun's `spec.timeouts.pipeline` (or, outside `tekton.dev/v1`, the deprecated `spec.timeout` when `timeouts` "
      + "is absent) and a TaskRun's `spec.timeout`, read as Go's `time.ParseDuration` reads them (as `metav1.Duration` does): "
      + 'zero in any spelling (`0`, `0s`, `0.5ns`), negative, not a string, or not a Go duration is a finding. Unset, Tekton '
      + "writes the cluster's `default-timeout-minutes` (60 as shipped in `config-defaults`): not a finding, unless a "
      + '`config-defaults` ConfigMap (namespace `tekton-pipelines`) checked with the run sets it to 0 or to anything but a '
      + 'positive integer (a null is stored as "", which is not one). A config-defaults with a value that is not a string '
      + '(`default-timeout-minutes: 0` unquoted) is refused by the API server and never applies: it is not read.'
      + OPERATOR_DEFAULTS_OF,
    limits:
      "Any finite value passes, however long. `timeouts.tasks` and `timeouts.finally` are not read. The cluster's "
      + '`default-timeout-minutes` is seen only when its `config-defaults` (or the operator\'s object) is checked with the run: a cluster that set it to 0 '
      + 'elsewhere makes an unset timeout infinite unseen. Only the '
      + 'runs checked are judged: runs that `tkn` or other tools create later are not seen '
      + '(the runs a TriggerTemplate, or a Trigger\'s or an EventListener\'s inline template, creates are checked as written, '
      + 'their `$(tt.params.x)` as what an event chooses).',
    howToRelax:
      "Findings are about the whole run: `{ rule: RuleId.RUN_TIMEOUT, reason: '<why>' }` without a target, given to the "
      + "SecurePipelineRun's `relaxations` or to `Relaxations.of(construct).add(...)`. In YAML for the audit: "
      + relaxAnnotation(RuleId.RUN_TIMEOUT, '*: <why>') + ' on the run.',
    relaxable: true,
    appliesTo: kindIs('PipelineRun', 'TaskRun'),
  },
  (manifest, context) => {
    const spec = manifest?.spec && typeof manifest.spec === 'object' ? manifest.spec : {};
    let problem: Problem | undefined;
    if (manifest?.kind === 'PipelineRun') {
      const v1 = manifest.apiVersion === 'tekton.dev/v1';
      // a null timeouts decodes to nil, so v1beta1's timeout then counts
      problem = !v1 && (spec.timeouts === undefined || spec.timeouts === null) && spec.timeout !== undefined
        ? timeoutProblem('timeout', spec.timeout, context)
        : timeoutProblem('timeouts.pipeline', spec.timeouts?.pipeline, context);
    } else if (manifest?.kind === 'TaskRun') {
      problem = timeoutProblem('timeout', spec.timeout, context);
    }
    return problem ? [problem] : [];
  },
);
