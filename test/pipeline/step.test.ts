import { Duration, Testing } from 'cdk8s';
import { RuleId, SecurePipeline, SecureTask, StepOnError, TrustDomain } from '../../src';
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

describe('StepProps env HOME and TMPDIR: on the scratch emptyDirs, or WRITABLE_SCRATCH refuses them as the env var written', () => {
  const synth = (props: Partial<ConstructorParameters<typeof SecureTask>[2]>) => () => Testing.synth(withTask(props));
  const withTask = (props: Partial<ConstructorParameters<typeof SecureTask>[2]>) => {
    const c = chart();
    new SecureTask(c, 't', { steps: [step()], ...props });
    return c;
  };
  const outside = (where: string, role: string, name: string, value: string, fallback: string) =>
    `SecureTask 'test/t' ${where}: env.${name} "${value}" is not under /tmp or /home/tekton, where the emptyDir volumes are mounted: the ${role}'s root filesystem is `
    + `read-only, so it cannot write there [WRITABLE_SCRATCH]. Remove env.${name} (the default, ${fallback}, is an emptyDir volume), or set it to a directory under /tmp `
    + `or /home/tekton that the ${role} creates before use (mkdir -p "$${name}"), or add relaxations: [{ rule: RuleId.WRITABLE_SCRATCH, reason: '<why>' }] to ${where}.`;

  test('a directory under /tmp or /home/tekton is on their emptyDirs: accepted, in a step and a sidecar', () => {
    const env = { TMPDIR: '/tmp/build', HOME: '/home/tekton/app' };
    const script = '#!/bin/sh\nset -eu\nmkdir -p "$TMPDIR" "$HOME"\nmktemp\n';
    expect(synth({ steps: [step({ env, script })], sidecars: [step({ name: 'db', env, script })] })).not.toThrow();
    expect(synth({ steps: [step({ env: { HOME: '/tmp/home' }, script })] })).not.toThrow();
    // a directory under a writable workspace
    expect(synth({ workspaces: [{ name: 'src', domain: TrustDomain.SOURCE }], steps: [step({ env: { HOME: '$(workspaces.src.path)/.home' }, script })] })).not.toThrow();
  });

  test('elsewhere: refused as env.HOME or env.TMPDIR, with a fix in the props and a relaxation accepted where it says', () => {
    expect(synth({ steps: [step({ env: { HOME: '/root' } })] })).toThrow(new Error(outside("step 'run'", 'step', 'HOME', '/root', '/home/tekton')));
    expect(synth({ steps: [step({ env: { TMPDIR: '/var/tmp' } })] })).toThrow(new Error(outside("step 'run'", 'step', 'TMPDIR', '/var/tmp', '/tmp')));
    expect(synth({ sidecars: [step({ name: 'db', env: { HOME: '/var/lib/db' } })] })).toThrow(new Error(outside("sidecar 'db'", 'sidecar', 'HOME', '/var/lib/db', '/home/tekton')));
    // both at one path: one refusal that names both
    expect(synth({ steps: [step({ env: { HOME: '/data', TMPDIR: '/data' } })] })).toThrow(new Error(
      "SecureTask 'test/t' step 'run': env.TMPDIR \"/data\" is not under /tmp or /home/tekton, where the emptyDir volumes are mounted: the step's root filesystem is "
      + 'read-only, so it cannot write there [WRITABLE_SCRATCH]. Remove env.TMPDIR and env.HOME (their defaults, /tmp and /home/tekton, are emptyDir volumes), or set '
      + 'them to a directory under /tmp or /home/tekton that the step creates before use (mkdir -p "$TMPDIR"), or add relaxations: [{ rule: RuleId.WRITABLE_SCRATCH, '
      + "reason: '<why>' }] to step 'run'.",
    ));
    // the relaxation as the refusal gives it, pasted into the step's or the sidecar's props
    const relaxations = [{ rule: RuleId.WRITABLE_SCRATCH, reason: 'the tool writes nothing to $HOME' }];
    const c = withTask({ steps: [step({ env: { HOME: '/root' }, relaxations })], sidecars: [step({ name: 'db', env: { HOME: '/var/lib/db' }, relaxations })] });
    Testing.synth(c);
    expect(only(c, 'Task').spec.steps[0].env).toEqual([{ name: 'HOME', value: '/root' }]);
  });

  test('a workspace the task mounts read-only: refused as the env var, the rule saying why', () => {
    const workspaces = [{ name: 'cfg', domain: TrustDomain.SOURCE, readOnly: true }];
    const fix = 'Remove env.HOME (the default, /home/tekton, is an emptyDir volume), or set it to a directory under /tmp or /home/tekton that the step creates before use '
      + "(mkdir -p \"$HOME\"), or add relaxations: [{ rule: RuleId.WRITABLE_SCRATCH, reason: '<why>' }] to step 'run'.";
    expect(synth({ workspaces, steps: [step({ env: { HOME: '$(workspaces.cfg.path)' } })] })).toThrow(new Error(
      "SecureTask 'test/t' step 'run': env.HOME \"$(workspaces.cfg.path)\" is not writable: workspace 'cfg' is mounted there, but the task declares it readOnly: true, "
      + `so the step cannot write there [WRITABLE_SCRATCH]. ${fix}`,
    ));
    expect(synth({ workspaces, steps: [step({ env: { HOME: '/workspace/cfg/home' } })] })).toThrow(new Error(
      "SecureTask 'test/t' step 'run': env.HOME \"/workspace/cfg/home\" is not writable: workspace 'cfg' is mounted at /workspace/cfg, above it, but the task declares "
      + `it readOnly: true, so the step cannot write there [WRITABLE_SCRATCH]. ${fix}`,
    ));
  });
});
