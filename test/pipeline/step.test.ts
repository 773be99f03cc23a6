import { Duration, Testing } from 'cdk8s';
import { RuleId, SecurePipeline, SecureTask, StepOnError } from '../../src';
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
      "  SecurePipeline 'test/ci': timeout \"1h0m0s\" is shorter than the timeout 2h0m0s of step 'compile' of task 'build' (run by task 'build') [VALID_SPEC]. Lengthen the pipeline timeout to at least the step's, e.g. timeout: Duration.minutes(135) in the SecurePipeline props, or shorten the step's.",
      "  SecurePipeline 'test/ci' task 'build-again': timeout \"0h30m0s\" is shorter than the timeout 2h0m0s of step 'compile' of task 'build' [VALID_SPEC]. Lengthen the task timeout to at least the step's, e.g. timeout: Duration.minutes(135) in its addTask(...) options, and the pipeline's to as much (timeout: Duration.minutes(135) in the SecurePipeline props; it is 1h0m0s), or shorten the step's.",
    ].join('\n'));
  });
});

describe('StepProps mountScratch', () => {
  const mounts = (c: any, container: string, role = 'steps') => only(c, 'Task').spec[role].find((s: any) => s.name === container).volumeMounts;

  test('by default every step and sidecar mounts the scratch emptyDirs at /tmp and $HOME', () => {
    const c = chart();
    new SecureTask(c, 't', { steps: [step()], sidecars: [step({ name: 'side' })] });
    const expected = [{ name: 'secure-tmp', mountPath: '/tmp' }, { name: 'secure-home', mountPath: '/home/tekton' }];
    expect(mounts(c, 'run')).toEqual(expected);
    expect(mounts(c, 'side', 'sidecars')).toEqual(expected);
  });

  test('false: the step mounts neither (a kaniko-like tool with a writable root), the other steps keep theirs', () => {
    const c = chart();
    new SecureTask(c, 't', {
      steps: [step({ name: 'build', writableRootFilesystem: true, mountScratch: false }), step()],
      relaxations: [{ rule: RuleId.READ_ONLY_ROOT_FILESYSTEM, reason: 'the builder writes its layers over its root filesystem' }],
    });
    expect(mounts(c, 'build')).toBeUndefined();
    expect(mounts(c, 'run')).toEqual([{ name: 'secure-tmp', mountPath: '/tmp' }, { name: 'secure-home', mountPath: '/home/tekton' }]);
    expect(only(c, 'Task').spec.stepTemplate.volumeMounts).toBeUndefined();
  });

  test('false with a read-only root: WRITABLE_SCRATCH refuses the step at synth', () => {
    const c = chart();
    new SecureTask(c, 't', { steps: [step({ name: 'build', mountScratch: false })] });
    expect(() => Testing.synth(c)).toThrow(new Error("SecureTask 'test/t' step 'build': mountScratch \"false\" leaves the step nowhere to write: its root filesystem is read-only "
      + 'and nothing is mounted at /tmp or $HOME [WRITABLE_SCRATCH]. Remove mountScratch, or make the root writable as well (writableRootFilesystem: true, '
      + "with a relaxation of READ_ONLY_ROOT_FILESYSTEM), or add relaxations: [{ rule: RuleId.WRITABLE_SCRATCH, reason: '<why>' }] to step 'build'."));
  });

  test('false with a read-only root, relaxed as the refusal says: synthesized without the mounts', () => {
    const c = chart();
    new SecureTask(c, 't', { steps: [step({ name: 'build', mountScratch: false, relaxations: [{ rule: RuleId.WRITABLE_SCRATCH, reason: 'the tool writes nothing' }] })] });
    Testing.synth(c);
    expect(mounts(c, 'build')).toBeUndefined();
    expect(only(c, 'Task').spec.steps.find((s: any) => s.name === 'build').securityContext.readOnlyRootFilesystem).toBe(true);
  });
});
