import * as fc from 'fast-check';
import { describeRule, loopInPipeline, operatorDeployment, pipelineLoop, pipelineRun, taskRun } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { ruleContext } from '../../../src/policy/engine/context';
import { RUN_TIMEOUT } from '../../../src/policy/rules/run-timeout';
import { goParseDuration } from '../../../src/private/go-duration';

const NO_DEFAULT = 'is not set, and config-defaults\' default-timeout-minutes "0" gives no finite timeout';
/** The same, from a ConfigMap a Tekton operator's object (`name`) applies its config-defaults over without writing the key. */
const KEPT = (name: string) => 'is not set, and config-defaults\' default-timeout-minutes "0" (reading config-defaults with '
  + `data['default-timeout-minutes'] that ConfigMap 'config-defaults' in tekton-pipelines keeps beside what ${name} writes, unless kubectl `
  + 'apply created it) gives no finite timeout';
const ZERO = 'is zero, which Tekton reads as no timeout';
const NEGATIVE = 'is negative (Tekton refuses the run)';
const INVALID = 'is not a Go duration (Tekton refuses the run)';
const NOT_STRING = 'is not a duration string (Tekton refuses the run)';

const finding = (kind: string, name: string, property: string, value: string | undefined, problem: string) =>
  ({ rule: RuleId.RUN_TIMEOUT, kind, name, property, ...(value === undefined ? {} : { value }), problem });
const onPipelineRun = (value: string | undefined, problem: string) => finding('PipelineRun', 'pipe-run', 'timeouts.pipeline', value, problem);
const onTaskRun = (value: string | undefined, problem: string) => finding('TaskRun', 'build-run', 'timeout', value, problem);

/** A v1beta1 PipelineRun with this spec. */
const v1beta1Run = (spec: Record<string, any>) => ({ ...pipelineRun(spec), apiVersion: 'tekton.dev/v1beta1' });

const UNIT_NS: Record<string, bigint> = Object.fromEntries([
  ['ns', 1n], ['us', 1000n], ['\u00b5s', 1000n], ['\u03bcs', 1000n], ['ms', 1000000n], ['s', 10n ** 9n], ['m', 60n * 10n ** 9n], ['h', 3600n * 10n ** 9n],
]);

/**
 * An independent model of time.ParseDuration for values whose fractions are exact
 * in nanoseconds (no float rounding involved): a regular expression and BigInt sums.
 */
function referenceDuration(text: string): bigint | undefined {
  const m = /^([+-]?)(.*)$/s.exec(text)!;
  if (m[2] === '0') return 0n;
  if (!/^(?:(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:ns|us|\u00b5s|\u03bcs|ms|s|m|h))+$/.test(m[2])) return undefined;
  let total = 0n;
  for (const [, int, frac = '', unit] of m[2].matchAll(/([0-9]*)(?:\.([0-9]*))?(ns|us|\u00b5s|\u03bcs|ms|s|m|h)/g)) {
    const u = UNIT_NS[unit];
    total += BigInt(int || '0') * u + (BigInt(frac || '0') * u) / 10n ** BigInt(frac.length);
  }
  // a Duration is an int64 of nanoseconds: Go refuses a sum above 1<<63, and above 1<<63 - 1 unless negative
  if (total > 2n ** 63n || (m[1] !== '-' && total > 2n ** 63n - 1n)) return undefined;
  return m[1] === '-' ? -total : total;
}

describe('RUN_TIMEOUT', () => {
  describeRule(RUN_TIMEOUT, RuleId.RUN_TIMEOUT, Severity.LOW, true);

  test('applies to PipelineRuns and TaskRuns only', () => {
    expect(RUN_TIMEOUT.appliesTo(pipelineRun())).toBe(true);
    expect(RUN_TIMEOUT.appliesTo(taskRun())).toBe(true);
    expect(RUN_TIMEOUT.appliesTo({ kind: 'Job', spec: { activeDeadlineSeconds: 0 } })).toBe(false);
  });

  test.each(['1h0m0s', '30m', '90s', '1h', '10ms', '0h30m0s', '100s', '1ns', '+1h', '1.5h', '.5s', '5.s', '1h1h', '2562047h47m16.854775807s', '1\u00b5s', '1\u03bcs', '1us', '0.000000001s', '1.5ns'])(
    'compliant: %s', (timeout) => {
      expect(RUN_TIMEOUT.check(pipelineRun({ timeouts: { pipeline: timeout } }))).toEqual([]);
      expect(RUN_TIMEOUT.check(taskRun({ timeout }))).toEqual([]);
    });

  test.each(['0', '0s', '00s', '0m', '0h', '0ms', '0h0m0s', '0m0s', '0ns', '0us', '0\u00b5s', '0.0s', '0s0ms', '+0s', '-0s', '+0', '-0', '0m0.0s', '.0s', '0.s',
    '0.5ns', '0.9ns', '0.0000000001s', '0.0009us', '000000000000000000000000000000s'])('non-compliant: %j is zero, no timeout', (timeout) => {
    expect(RUN_TIMEOUT.check(pipelineRun({ timeouts: { pipeline: timeout } }))).toEqual([onPipelineRun(timeout, ZERO)]);
    expect(RUN_TIMEOUT.check(taskRun({ timeout }))).toEqual([onTaskRun(timeout, ZERO)]);
  });

  test.each(['-1s', '-1h', '-0.5s', '-1ns', '-2562047h47m16.854775808s'])('non-compliant: %j is negative', (timeout) => {
    expect(RUN_TIMEOUT.check(pipelineRun({ timeouts: { pipeline: timeout } }))).toEqual([onPipelineRun(timeout, NEGATIVE)]);
    expect(RUN_TIMEOUT.check(taskRun({ timeout }))).toEqual([onTaskRun(timeout, NEGATIVE)]);
  });

  test.each(['', '1', '10', '1d', '1H', '1 h', ' 1h', '1h ', '1h-1m', '--1h', '+-1h', '.s', '-.s', 's', 'h1', '1hms', '1mss', '1.2.3s', 'infinity', 'PT1H',
    '2562047h47m16.854775808s', '9223372036854775808ns', '99999999999999999999ns', '1e3s', '0x10s', '1_000s'])('non-compliant: %j is not a Go duration', (timeout) => {
    expect(RUN_TIMEOUT.check(pipelineRun({ timeouts: { pipeline: timeout } }))).toEqual([onPipelineRun(timeout, INVALID)]);
    expect(RUN_TIMEOUT.check(taskRun({ timeout }))).toEqual([onTaskRun(timeout, INVALID)]);
  });

  test.each([[3600, '3600'], [0, '0'], [true, 'true'], [{ h: 1 }, '[object Object]']])('non-compliant: %j is not a string', (timeout, value) => {
    expect(RUN_TIMEOUT.check(pipelineRun({ timeouts: { pipeline: timeout } }))).toEqual([onPipelineRun(value, NOT_STRING)]);
    expect(RUN_TIMEOUT.check(taskRun({ timeout }))).toEqual([onTaskRun(value, NOT_STRING)]);
  });

  test('compliant: no overall timeout, so Tekton writes default-timeout-minutes (60 as shipped)', () => {
    expect(RUN_TIMEOUT.check(pipelineRun({ timeouts: undefined }))).toEqual([]);
    expect(RUN_TIMEOUT.check(pipelineRun({ timeouts: { tasks: '50m', finally: '10m' } }))).toEqual([]);
    expect(RUN_TIMEOUT.check(pipelineRun({ timeouts: { pipeline: null } }))).toEqual([]);
    expect(RUN_TIMEOUT.check(taskRun({ timeout: undefined }))).toEqual([]);
    expect(RUN_TIMEOUT.check(taskRun({ timeout: null }))).toEqual([]);
  });

  test('non-compliant: no overall timeout where the config-defaults checked with the run has no finite default', () => {
    const defaults = (minutes: string | undefined, namespace = 'tekton-pipelines') => ({
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace }, data: minutes === undefined ? {} : { 'default-timeout-minutes': minutes },
    });
    const context = (...manifests: any[]) => ({ manifests, credentialWorkspaces: () => [] });
    const run = pipelineRun({ timeouts: undefined });
    expect(RUN_TIMEOUT.check(run, context(run, defaults('0')))).toEqual([onPipelineRun(undefined, NO_DEFAULT)]);
    expect(RUN_TIMEOUT.check(taskRun({ timeout: undefined }), context(defaults('0')))).toEqual([onTaskRun(undefined, NO_DEFAULT)]);
    // a value strconv.ParseInt cannot read makes Tekton refuse the whole ConfigMap (TEKTON_FEATURE_FLAGS): Tekton's 60 minutes apply
    expect(RUN_TIMEOUT.check(run, context(defaults('1h')))).toEqual([]);
    expect(RUN_TIMEOUT.check(run, context(defaults('9223372036854775808')))).toEqual([]);
    expect(RUN_TIMEOUT.check(run, context({ ...defaults('0'), data: { 'default-timeout-minutes': '0', 'default-pod-template': 'securityContext: {runAsUser: 1.5}' } }))).toEqual([]);
    // minutes times a minute wraps as Go's int64 does: 2^53 minutes is 0s, 153722868 minutes negative
    for (const minutes of ['9007199254740992', '153722868']) {
      expect(RUN_TIMEOUT.check(run, context(defaults(minutes))).map((f) => f.problem))
        .toEqual([`is not set, and config-defaults' default-timeout-minutes "${minutes}" gives no finite timeout`]);
    }
    expect(RUN_TIMEOUT.check(run, context(defaults('153722867')))).toEqual([]);
    // the shipped value, a key left out (Tekton's 60) and another namespace's ConfigMap are no finding
    expect(RUN_TIMEOUT.check(run, context(defaults('60')))).toEqual([]);
    expect(RUN_TIMEOUT.check(run, context(defaults(undefined)))).toEqual([]);
    expect(RUN_TIMEOUT.check(run, context(defaults('0', 'ci')))).toEqual([]);
    // a null is stored as "", which Tekton cannot read as minutes: the ConfigMap is refused
    expect(RUN_TIMEOUT.check(run, context(defaults(null as any)))).toEqual([]);
    // a value that is not a string, of this key or another, makes the API server refuse the ConfigMap: it never applies
    expect(RUN_TIMEOUT.check(run, context(defaults(0 as any)))).toEqual([]);
    expect(RUN_TIMEOUT.check(run, context({ ...defaults('0'), data: { 'default-timeout-minutes': '0', 'default-max-matrix-combinations-count': 256 } }))).toEqual([]);
    // a timeout written is judged by itself
    expect(RUN_TIMEOUT.check(pipelineRun({ timeouts: { pipeline: '1h' } }), context(defaults('0')))).toEqual([]);
  });

  test("the config-defaults a Tekton operator's object writes, over the ConfigMap: its typed field (0 refused by the operator's webhook), then options unless disabled", () => {
    const defaults = (minutes: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data: { 'default-timeout-minutes': minutes } });
    const operator = (pipeline: Record<string, unknown>, kind = 'TektonConfig') => ({
      apiVersion: 'operator.tekton.dev/v1alpha1',
      kind,
      metadata: { name: kind === 'TektonConfig' ? 'config' : 'pipeline' },
      spec: kind === 'TektonConfig' ? { targetNamespace: 'tekton-pipelines', pipeline } : { targetNamespace: 'tekton-pipelines', ...pipeline },
    });
    const context = (...manifests: any[]) => ({ manifests, credentialWorkspaces: () => [] });
    const run = pipelineRun({ timeouts: undefined });
    const problems = (...manifests: any[]) => RUN_TIMEOUT.check(run, context(run, ...manifests)).map((f) => f.problem);
    // a typed field of 0 is refused by the operator's webhook: the object writes nothing, the ConfigMap is read
    expect(problems(operator({ 'default-timeout-minutes': 0 }))).toEqual([]);
    expect(problems(defaults('0'), operator({ 'default-timeout-minutes': 0 }))).toEqual([NO_DEFAULT]);
    expect(problems(defaults('0'), operator({ 'default-timeout-minutes': 0 }, 'TektonPipeline'), operatorDeployment())).toEqual([NO_DEFAULT]);
    expect(problems(operator({ 'default-timeout-minutes': 90, 'options': { configMaps: { 'config-defaults': { data: { 'default-timeout-minutes': '0' } } } } }, 'TektonPipeline'),
      operatorDeployment())).toEqual([
      'is not set, and the default-timeout-minutes "0" that TektonPipeline \'pipeline\' writes into config-defaults '
        + '(spec.options.configMaps[\'config-defaults\'].data[\'default-timeout-minutes\']) gives no finite timeout',
    ]);
    const options = (data: Record<string, unknown>, disabled?: boolean) => ({ configMaps: { 'config-defaults': { data } }, ...(disabled === undefined ? {} : { disabled }) });
    expect(problems(operator({ 'default-timeout-minutes': 60, 'options': options({ 'default-timeout-minutes': '0' }) }))).toEqual([
      'is not set, and the default-timeout-minutes "0" that TektonConfig \'config\' writes into config-defaults '
        + '(spec.pipeline.options.configMaps[\'config-defaults\'].data[\'default-timeout-minutes\']) gives no finite timeout',
    ]);
    // the operator overwrites the keys it writes of the ConfigMap it manages; options disabled are not applied
    expect(problems(defaults('0'), operator({ 'default-timeout-minutes': 60 }))).toEqual([]);
    // one it does not write stays when the ConfigMap was not applied with kubectl (its apply removes only the keys kubectl last applied)
    expect(problems(defaults('0'), operator({}))).toEqual([KEPT("TektonConfig 'config'")]);
    expect(problems(operator({ options: options({ 'default-timeout-minutes': '0' }, true) }))).toEqual([]);
    // an object the operator cannot read (a quoted number, a negative one, a quoted disabled) writes nothing: the ConfigMap is read
    expect(problems(defaults('0'), operator({ 'default-timeout-minutes': '60' }))).toEqual([NO_DEFAULT]);
    expect(problems(defaults('0'), operator({ 'default-timeout-minutes': -1 }))).toEqual([NO_DEFAULT]);
    expect(problems(defaults('0'), operator({ 'default-timeout-minutes': 60, 'options': { disabled: 'false' } }))).toEqual([NO_DEFAULT]);
    // a TektonPipeline checked without a TektonConfig: the operator's own TektonConfig replaces its settings, and writes
    // config-defaults without default-timeout-minutes (Tekton's 60), which leaves the ConfigMap's key as it is
    expect(problems(operator({ options: options({ 'default-timeout-minutes': '0' }) }, 'TektonPipeline'))).toEqual([]);
    expect(problems(defaults('0'), operator({ 'default-timeout-minutes': 0 }, 'TektonPipeline')))
      .toEqual([KEPT("TektonConfig 'config' (the operator's own, with its defaults: TektonPipeline 'pipeline' is checked without a TektonConfig)")]);
    expect(problems(defaults('90'), operator({ 'default-timeout-minutes': 0 }, 'TektonPipeline'), operatorDeployment('true'))).toEqual([]);
    // the operator's Deployment alone, AUTOINSTALL_COMPONENTS "true": its own TektonConfig's config-defaults, without
    // default-timeout-minutes, applied over the ConfigMap's
    const own = (autoinstall: string) => KEPT(`TektonConfig 'config' (the operator's own, with its defaults: its Deployment 'tekton-operator' runs it with ${autoinstall}, `
      + 'and no TektonConfig is checked)');
    expect(problems(defaults('0'), operatorDeployment('true'))).toEqual([own('AUTOINSTALL_COMPONENTS "true"')]);
    // AUTOINSTALL_COMPONENTS "false": the operator installs nothing, and the ConfigMap is read as written
    expect(problems(defaults('0'), operatorDeployment())).toEqual([NO_DEFAULT]);
    // of another namespace than the operator's target, the ConfigMap is not the one it applies over
    expect(problems({ ...defaults('0'), metadata: { name: 'config-defaults', namespace: 'other' } }, operatorDeployment('true'))).toEqual([]);
  });

  test('compliant: tasks and finally timeouts Tekton admits', () => {
    for (const timeouts of [
      { pipeline: '1h', tasks: '50m', finally: '10m' }, { pipeline: '1h', tasks: '1h' }, { pipeline: '1h', finally: '1h' },
      { pipeline: '1h', tasks: null, finally: null }, { tasks: '30m', finally: '30m' }, { tasks: '1h' },
      // Go adds int64s and wraps: a sum past the largest Duration is negative, which Tekton admits
      { pipeline: '2562047h', tasks: '2562047h', finally: '2562047h' },
    ]) {
      expect(RUN_TIMEOUT.check(pipelineRun({ timeouts }))).toEqual([]);
      expect(RUN_TIMEOUT.check(v1beta1Run({ timeouts }))).toEqual([]);
    }
    // with no overall timeout, Tekton holds a phase to nothing but the sum
    expect(RUN_TIMEOUT.check(pipelineRun({ timeouts: { pipeline: '0s', tasks: '50m' } }))).toEqual([onPipelineRun('0s', ZERO)]);
    expect(RUN_TIMEOUT.check(pipelineRun({ timeouts: { pipeline: '0', tasks: '0', finally: '0' } }))).toEqual([onPipelineRun('0', ZERO)]);
  });

  test('non-compliant: tasks and finally timeouts Tekton refuses', () => {
    const on = (property: string, value: string, problem: string) => finding('PipelineRun', 'pipe-run', property, value, problem);
    const check = (timeouts: Record<string, unknown>) => RUN_TIMEOUT.check(pipelineRun({ timeouts }));
    expect(check({ pipeline: '1h', tasks: '2h' })).toEqual([on('timeouts.tasks', '2h', 'is longer than timeouts.pipeline "1h" (Tekton refuses the run)')]);
    expect(check({ pipeline: '1h', finally: '61m' })).toEqual([on('timeouts.finally', '61m', 'is longer than timeouts.pipeline "1h" (Tekton refuses the run)')]);
    expect(check({ pipeline: '1h', tasks: '0s', finally: '0s' })).toEqual([
      on('timeouts.tasks', '0s', 'is zero (no timeout) under timeouts.pipeline "1h", which is not (Tekton refuses the run)'),
      on('timeouts.finally', '0s', 'is zero (no timeout) under timeouts.pipeline "1h", which is not (Tekton refuses the run)'),
    ]);
    expect(check({ pipeline: '1h', tasks: 'x', finally: '-1s' })).toEqual([on('timeouts.tasks', 'x', INVALID), on('timeouts.finally', '-1s', NEGATIVE)]);
    expect(check({ pipeline: '1h', tasks: 3600 })).toEqual([on('timeouts.tasks', '3600', NOT_STRING)]);
    expect(check({ pipeline: '1h', tasks: '40m', finally: '30m' })).toEqual([
      on('timeouts.tasks', '40m', 'and timeouts.finally "30m" add up to more than timeouts.pipeline "1h" (Tekton refuses the run)'),
    ]);
    expect(check({ pipeline: '0s', tasks: '50m', finally: '10m' })).toEqual([
      onPipelineRun('0s', ZERO),
      on('timeouts.tasks', '50m', 'and timeouts.finally "10m" add up to more than timeouts.pipeline "0s" (Tekton refuses the run: it holds the sum '
        + 'to the overall timeout even when that is zero, no timeout)'),
    ]);
    // unset, the overall timeout is the default Tekton writes before it validates: 60 minutes as shipped
    expect(check({ tasks: '2h' })).toEqual([
      on('timeouts.tasks', '2h', "is longer than the default of 60 minutes (config-defaults' default-timeout-minutes as Tekton ships it) (Tekton refuses the run)"),
    ]);
    expect(RUN_TIMEOUT.check(v1beta1Run({ timeouts: { tasks: '1h', finally: '1m' } }))).toEqual([
      on('timeouts.tasks', '1h', "and timeouts.finally \"1m\" add up to more than the default of 60 minutes (config-defaults' default-timeout-minutes as "
        + 'Tekton ships it) (Tekton refuses the run)'),
    ]);
  });

  test('phase timeouts are held to the default-timeout-minutes checked with the run', () => {
    const defaults = (minutes: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data: { 'default-timeout-minutes': minutes } });
    const run = pipelineRun({ timeouts: { tasks: '2h' } });
    const context = (...manifests: any[]) => ({ manifests: [run, ...manifests], credentialWorkspaces: () => [] });
    expect(RUN_TIMEOUT.check(run, context(defaults('180')))).toEqual([]);
    expect(RUN_TIMEOUT.check(run, context(defaults('90')))).toEqual([
      finding('PipelineRun', 'pipe-run', 'timeouts.tasks', '2h', 'is longer than the default config-defaults\' default-timeout-minutes "90" (Tekton refuses the run)'),
    ]);
  });

  test('non-compliant: a task timeout above the tasks timeout, else the overall one (Tekton refuses the run)', () => {
    const at = (value: string, problem: string) => ({ ...finding('PipelineRun', 'pipe-run', 'taskRunSpecs.timeout', value, problem), location: "taskRunSpec 'build'" });
    const check = (timeouts: Record<string, unknown> | undefined, timeout: unknown) =>
      RUN_TIMEOUT.check(pipelineRun({ timeouts, taskRunSpecs: [{ pipelineTaskName: 'build', timeout }] }));
    expect(check({ pipeline: '1h' }, '2h')).toEqual([at('2h', 'is longer than timeouts.pipeline "1h" (Tekton refuses the run)')]);
    expect(check({ pipeline: '2h', tasks: '1h' }, '90m')).toEqual([at('90m', 'is longer than timeouts.tasks "1h" (Tekton refuses the run)')]);
    expect(check(undefined, '61m')).toEqual([
      at('61m', "is longer than the default of 60 minutes (config-defaults' default-timeout-minutes as Tekton ships it) (Tekton refuses the run)"),
    ]);
    expect(check({ pipeline: '1h' }, '-1m')).toEqual([at('-1m', NEGATIVE)]);
    expect(check({ pipeline: '1h' }, '1d')).toEqual([at('1d', INVALID)]);
    // within its bound, zero, or under an overall timeout of zero, Tekton admits it
    for (const [timeouts, timeout] of [[{ pipeline: '1h' }, '1h'], [{ pipeline: '1h' }, '0s'], [{ pipeline: '2h', tasks: '0s', finally: '0s' }, '90m'], [{ pipeline: '1h' }, null]] as const) {
      expect(check(timeouts, timeout).filter((f) => f.property === 'taskRunSpecs.timeout')).toEqual([]);
    }
  });

  test('non-compliant: an overall timeout filled in before Tekton reads the run; phase timeouts so filled are not judged', () => {
    const SUBSTITUTED = 'is filled in before Tekton reads the run (a `$(…)` variable of a TriggerTemplate, or a `{{…}}` template), so whoever '
      + 'chooses the value sets the timeout, zero (none) included';
    for (const timeout of ['$(tt.params.timeout)', '{{ timeout }}', '1h$(tt.params.more)']) {
      expect(RUN_TIMEOUT.check(pipelineRun({ timeouts: { pipeline: timeout } }))).toEqual([onPipelineRun(timeout, SUBSTITUTED)]);
      expect(RUN_TIMEOUT.check(taskRun({ timeout }))).toEqual([onTaskRun(timeout, SUBSTITUTED)]);
      // a phase or task timeout chosen so bounds its own phase: neither judged nor held against the others
      expect(RUN_TIMEOUT.check(pipelineRun({ timeouts: { pipeline: '1h', tasks: timeout, finally: '50m' }, taskRunSpecs: [{ pipelineTaskName: 'a', timeout }] }))).toEqual([]);
    }
    expect(RUN_TIMEOUT.check(pipelineRun({ timeouts: { pipeline: '$(tt.params.t)', tasks: '2h' } }))).toEqual([onPipelineRun('$(tt.params.t)', SUBSTITUTED)]);
  });

  test('v1beta1: the deprecated spec.timeout is the overall timeout when timeouts is not given', () => {
    expect(RUN_TIMEOUT.check(v1beta1Run({ timeouts: undefined, timeout: '1h' }))).toEqual([]);
    expect(RUN_TIMEOUT.check(v1beta1Run({ timeouts: undefined, timeout: '0s' }))).toEqual([finding('PipelineRun', 'pipe-run', 'timeout', '0s', ZERO)]);
    expect(RUN_TIMEOUT.check(v1beta1Run({ timeouts: undefined, timeout: '-1m' }))).toEqual([finding('PipelineRun', 'pipe-run', 'timeout', '-1m', NEGATIVE)]);
    expect(RUN_TIMEOUT.check(v1beta1Run({ timeouts: undefined, timeout: '1 h' }))).toEqual([finding('PipelineRun', 'pipe-run', 'timeout', '1 h', INVALID)]);
    expect(RUN_TIMEOUT.check(v1beta1Run({ timeouts: { pipeline: '0s' } }))).toEqual([onPipelineRun('0s', ZERO)]);
    expect(RUN_TIMEOUT.check(v1beta1Run({ timeouts: { pipeline: '1h' } }))).toEqual([]);
    expect(RUN_TIMEOUT.check(v1beta1Run({ timeouts: undefined }))).toEqual([]);
    // a null timeouts is none (Go decodes it to nil), so the timeout counts
    expect(RUN_TIMEOUT.check(v1beta1Run({ timeouts: null, timeout: '0s' }))).toEqual([finding('PipelineRun', 'pipe-run', 'timeout', '0s', ZERO)]);
    // both given, Tekton refuses the run ("must not set the field(s)"), an empty timeouts included
    const both = finding('PipelineRun', 'pipe-run', 'timeout', '1h', 'is set together with timeouts (Tekton refuses the run)');
    expect(RUN_TIMEOUT.check(v1beta1Run({ timeouts: {}, timeout: '1h' }))).toEqual([both]);
    expect(RUN_TIMEOUT.check(v1beta1Run({ timeouts: { pipeline: '1h' }, timeout: '1h' }))).toEqual([both]);
  });

  test('ParseDuration: float truncation of fractions and the int64 edges', () => {
    expect(goParseDuration('1.9ns')).toBe(1n);
    expect(goParseDuration('0.3333333333h')).toBe(1199999999880n);
    expect(goParseDuration('1.00000000000000000000000000001s')).toBe(1000000000n);
    expect(goParseDuration('2562047h47m16.854775807s')).toBe(2n ** 63n - 1n);
    expect(goParseDuration('-2562047h47m16.854775808s')).toBe(-(2n ** 63n));
    expect(goParseDuration('9223372036854775807ns')).toBe(2n ** 63n - 1n);
    expect(goParseDuration('9223372036854775808ns')).toBeUndefined();
    expect(goParseDuration('-9223372036854775808ns')).toBe(-(2n ** 63n));
  });

  test('property: valid durations with exact fractions read as the reference model reads them', () => {
    const unit = fc.constantFrom(...Object.keys(UNIT_NS));
    const segment = unit.chain((u) => {
      // fraction digits that keep the value a whole number of nanoseconds
      const maxFrac = String(UNIT_NS[u]).length - 1;
      return fc.tuple(fc.stringMatching(/^[0-9]{0,5}$/), fc.option(fc.stringMatching(new RegExp(`^[0-9]{0,${Math.min(maxFrac, 6)}}$`)), { nil: undefined }))
        .filter(([int, frac]) => int !== '' || (frac !== undefined && frac !== ''))
        .map(([int, frac]) => `${int}${frac === undefined ? '' : `.${frac}`}${u}`);
    });
    const duration = fc.tuple(fc.constantFrom('', '+', '-'), fc.array(segment, { minLength: 1, maxLength: 4 })).map(([sign, segs]) => sign + segs.join(''));
    fc.assert(fc.property(duration, (timeout) => {
      const expected = referenceDuration(timeout);
      expect(expected).toBeDefined();
      expect(goParseDuration(timeout)).toBe(expected);
      const problems = RUN_TIMEOUT.check(taskRun({ timeout })).map((f) => f.problem);
      expect(problems).toEqual(expected === 0n ? [ZERO] : expected! < 0n ? [NEGATIVE] : []);
    }), { numRuns: 500 });
  });

  test('property: any string is valid exactly when the reference grammar accepts it', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.stringMatching(/^[+-]?[0-9.]{0,4}(ns|us|ms|s|m|h|d|x|\u00b5s|\u03bcs)?[0-9.]{0,3}(s|m|h|ms)?$/),
    );
    fc.assert(fc.property(text, (timeout) => {
      expect(goParseDuration(timeout) === undefined).toBe(referenceDuration(timeout) === undefined);
    }), { numRuns: 1000 });
  });

  test("a PipelineLoop's (kfp-tekton) timeout is the pipeline timeout of the PipelineRun of each iteration", () => {
    const f = (kind: string, name: string, rest: Record<string, unknown>) => ({ rule: RuleId.RUN_TIMEOUT, kind, name, ...rest });
    // the fix names the loop's field: a loop has no timeouts.pipeline (its webhook refuses an unknown key)
    const fix = 'Set the PipelineLoop\'s timeout (spec.timeout, which its controller gives each iteration\'s PipelineRun as timeouts.pipeline) '
      + 'to a finite duration such as "1h0m0s".';
    expect(RUN_TIMEOUT.check(pipelineLoop({ timeout: '0s', pipelineSpec: { tasks: [] } }))).toEqual([f('PipelineLoop', 'each', { property: 'timeout', value: '0s', problem: ZERO, fix })]);
    expect(RUN_TIMEOUT.check(pipelineLoop({ timeout: '1h', pipelineSpec: { tasks: [] } }))).toEqual([]);
    const defaults = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data: { 'default-timeout-minutes': '0' } };
    const unset = loopInPipeline({ pipelineSpec: { tasks: [] } });
    expect(RUN_TIMEOUT.check(unset, ruleContext([unset, defaults]))).toEqual([
      f('Pipeline', 'outer', { location: "task 'loop'", target: 'task/loop', property: 'timeout', problem: NO_DEFAULT, fix }),
    ]);
  });

  describe('Shipwright Builds and BuildRuns', () => {
    // after shipwright-io/build's samples (build_buildah_shipwright_managed_push_cr.yaml, buildrun_buildah_cr.yaml)
    const build = (spec: Record<string, any> = {}) => ({
      apiVersion: 'shipwright.io/v1beta1',
      kind: 'Build',
      metadata: { name: 'buildah-golang-build' },
      spec: { strategy: { name: 'buildah', kind: 'ClusterBuildStrategy' }, output: { image: 'registry.example.com/app' }, ...spec },
    });
    const buildRun = (spec: Record<string, any> = {}) => ({
      apiVersion: 'shipwright.io/v1beta1', kind: 'BuildRun', metadata: { name: 'buildah-golang-buildrun' }, spec: { build: { name: 'buildah-golang-build' }, ...spec },
    });
    const zeroDefault = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data: { 'default-timeout-minutes': '0' } };
    const context = (...manifests: any[]) => ({ manifests, credentialWorkspaces: () => [] });
    const FIX = 'Set the BuildRun\'s (or its Build\'s) spec.timeout to a finite duration such as "1h0m0s": Shipwright gives it to the TaskRun it creates.';
    const on = (kind: string, name: string, property: string, value: string | undefined, problem: string) =>
      ({ rule: RuleId.RUN_TIMEOUT, kind, name, property, ...(value !== undefined ? { value } : {}), problem, fix: FIX });

    test('a zero timeout where written: the Build\'s, the BuildRun\'s, a BuildRun\'s embedded Build spec\'s', () => {
      expect(RUN_TIMEOUT.check(build({ timeout: '0s' }))).toEqual([on('Build', 'buildah-golang-build', 'timeout', '0s', 'is zero, which Tekton reads as no timeout')]);
      expect(RUN_TIMEOUT.check(buildRun({ timeout: '0m' }))).toEqual([on('BuildRun', 'buildah-golang-buildrun', 'timeout', '0m', 'is zero, which Tekton reads as no timeout')]);
      expect(RUN_TIMEOUT.check(buildRun({ build: { spec: build({ timeout: '0' }).spec } })))
        .toEqual([on('BuildRun', 'buildah-golang-buildrun', 'build.spec.timeout', '0', 'is zero, which Tekton reads as no timeout')]);
      // the BuildRun's own replaces the Build's
      expect(RUN_TIMEOUT.check(buildRun({ timeout: '1h', build: { spec: build({ timeout: '0' }).spec } }))).toEqual([]);
    });

    test('neither sets one: the default-timeout-minutes checked with the BuildRun, when its Build is known', () => {
      const b = build();
      expect(RUN_TIMEOUT.check(buildRun(), context(b, zeroDefault))).toEqual([
        on('BuildRun', 'buildah-golang-buildrun', 'timeout', undefined, 'is not set, and config-defaults\' default-timeout-minutes "0" gives no finite timeout'),
      ]);
      expect(RUN_TIMEOUT.check(buildRun(), context(build({ timeout: '10m' }), zeroDefault))).toEqual([]);
      expect(RUN_TIMEOUT.check(buildRun(), context(zeroDefault))).toEqual([]);
      expect(RUN_TIMEOUT.check(b, context(zeroDefault))).toEqual([]);
      expect(RUN_TIMEOUT.check(buildRun(), context(b))).toEqual([]);
    });
  });
});
