import { describeRule, pipelineRun, taskRun } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { RUN_TIMEOUT } from '../../../src/policy/rules/run-timeout';

const unbounded = (kind: string, name: string, property: string, value?: string) =>
  ({ rule: RuleId.RUN_TIMEOUT, kind, name, property, value, problem: 'is not a finite duration' });

describe('RUN_TIMEOUT', () => {
  describeRule(RUN_TIMEOUT, RuleId.RUN_TIMEOUT, Severity.LOW, true);

  test('applies to PipelineRuns and TaskRuns only', () => {
    expect(RUN_TIMEOUT.appliesTo(pipelineRun())).toBe(true);
    expect(RUN_TIMEOUT.appliesTo(taskRun())).toBe(true);
    expect(RUN_TIMEOUT.appliesTo({ kind: 'Job', spec: { activeDeadlineSeconds: 0 } })).toBe(false);
  });

  test.each(['1h0m0s', '30m', '90s', '1h', '10ms', '0h30m0s', '100s'])('compliant: %s', (timeout) => {
    expect(RUN_TIMEOUT.check(pipelineRun({ timeouts: { pipeline: timeout } }))).toEqual([]);
    expect(RUN_TIMEOUT.check(taskRun({ timeout }))).toEqual([]);
  });

  test.each(['0', '0s', '00s', '0m', '0h', '0ms', '0h0m0s', '0m0s', ''])('non-compliant: %j means no timeout', (timeout) => {
    expect(RUN_TIMEOUT.check(pipelineRun({ timeouts: { pipeline: timeout } }))).toEqual([unbounded('PipelineRun', 'pipe-run', 'timeouts.pipeline', timeout)]);
    expect(RUN_TIMEOUT.check(taskRun({ timeout }))).toEqual([unbounded('TaskRun', 'build-run', 'timeout', timeout)]);
  });

  test('non-compliant: no overall timeout (task and finally timeouts alone do not bound the run)', () => {
    expect(RUN_TIMEOUT.check(pipelineRun({ timeouts: undefined }))).toEqual([unbounded('PipelineRun', 'pipe-run', 'timeouts.pipeline')]);
    expect(RUN_TIMEOUT.check(pipelineRun({ timeouts: { tasks: '50m', finally: '10m' } }))).toEqual([unbounded('PipelineRun', 'pipe-run', 'timeouts.pipeline')]);
    expect(RUN_TIMEOUT.check(taskRun({ timeout: undefined }))).toEqual([unbounded('TaskRun', 'build-run', 'timeout')]);
  });
});
