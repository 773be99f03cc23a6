import { Duration, Testing } from 'cdk8s';
import { SecurePipeline, SecureTask, StepOnError } from '../../src';
import { chart, only, step } from '../helpers/constructs';

describe('StepProps onError and timeout', () => {
  test('are written on the step; unset, Tekton stops the task at a failing step and no step timeout applies', () => {
    const c = chart();
    new SecureTask(c, 'lint', {
      steps: [
        step({ name: 'lint', onError: StepOnError.CONTINUE, timeout: Duration.minutes(5) }),
        step({ name: 'report', script: '#!/bin/sh\nexit "$(cat $(steps.lint.exitCode.path))"\n' }),
      ],
    });
    const [lint, report] = only(c, 'Task').spec.steps;
    expect(lint.onError).toBe('continue');
    expect(lint.timeout).toBe('0h5m0s');
    expect(report.onError).toBeUndefined();
    expect(report.timeout).toBeUndefined();
  });

  test.each<[string, any, string]>([
    ['onError on a sidecar', { sidecars: [step({ name: 'db', onError: StepOnError.CONTINUE })] },
      "SecureTask 'test/t' sidecar 'db': onError \"continue\" is set on a sidecar: Tekton has it for steps only [VALID_SPEC]. Remove it from the sidecar; a sidecar runs until the steps end."],
    ['a timeout on a sidecar', { sidecars: [step({ name: 'db', timeout: Duration.minutes(1) })] },
      "SecureTask 'test/t' sidecar 'db': timeout \"0h1m0s\" is set on a sidecar: Tekton has it for steps only [VALID_SPEC]."],
    ['a zero step timeout', { steps: [step({ timeout: Duration.seconds(0) })] },
      "SecureTask 'test/t' step 'run': timeout \"0h0m0s\" is shorter than one second (Tekton reads zero as no timeout) [VALID_SPEC]. Give the step a timeout of at least one second, e.g. timeout: Duration.minutes(5), or none."],
  ])('refused: %s', (_, props, message) => {
    expect(() => new SecureTask(chart(), 't', { steps: [step()], ...props })).toThrow(message);
  });

  test('refused: a step timeout longer than the task timeout, or than the pipeline timeout when the task has none', () => {
    const c = chart();
    const t = new SecureTask(c, 'build', { steps: [step({ name: 'compile', timeout: Duration.hours(2) })] });
    const p = new SecurePipeline(c, 'ci');
    p.addTask({ task: t });
    p.addTask({ task: t, name: 'build-again', timeout: Duration.minutes(30) });
    expect(() => Testing.synth(c)).toThrow([
      '2 findings; nothing was written:',
      "  SecurePipeline 'test/ci': timeout \"1h0m0s\" is shorter than the timeout 2h0m0s of step 'compile' of task 'build' (run by task 'build') [VALID_SPEC]. Lengthen the pipeline timeout, or shorten the step's.",
      "  SecurePipeline 'test/ci' task 'build-again': timeout \"0h30m0s\" is shorter than the timeout 2h0m0s of step 'compile' of task 'build' [VALID_SPEC]. Lengthen the task timeout, or shorten the step's.",
    ].join('\n'));
  });
});
