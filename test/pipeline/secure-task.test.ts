import { App, Chart, JsonPatch, Testing } from 'cdk8s';
import { Capability, IStepAction, ParamConstraint, Relaxation, Relaxations, RuleId, SecurePipeline, SecureStepAction, SecureTask, TrustDomain } from '../../src';
import { chart, HARDENED_SECURITY_CONTEXT, messageOf, only, PINNED, refusalLinesOf, step } from '../helpers/constructs';

function task(props: Partial<ConstructorParameters<typeof SecureTask>[2]> = {}) {
  const c = chart();
  const t = new SecureTask(c, 'unit', { steps: [step()], ...props });
  return { c, t };
}

describe('SecureTask defaults', () => {
  const { c } = task();
  const manifest = only(c, 'Task');
  const s = manifest.spec.steps[0];

  test('emits a tekton.dev/v1 Task named after the construct id', () => {
    expect(manifest.apiVersion).toBe('tekton.dev/v1');
    expect(manifest.metadata.name).toBe('unit');
  });

  test('step runs as non-root UID and GID 65532', () => {
    expect(s.securityContext.runAsNonRoot).toBe(true);
    expect(s.securityContext.runAsUser).toBe(65532);
    expect(s.securityContext.runAsGroup).toBe(65532);
  });

  test('step cannot escalate and is not privileged', () => {
    expect(s.securityContext.allowPrivilegeEscalation).toBe(false);
    expect(s.securityContext.privileged).toBe(false);
  });

  test('step drops ALL capabilities and adds none', () => {
    expect(s.securityContext.capabilities).toEqual({ drop: ['ALL'] });
  });

  test('step uses the RuntimeDefault seccomp profile', () => {
    expect(s.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
  });

  test('step has a read-only root filesystem with emptyDir at /tmp and $HOME', () => {
    expect(s.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(s.volumeMounts).toEqual([
      { name: 'secure-tmp', mountPath: '/tmp' },
      { name: 'secure-home', mountPath: '/home/tekton' },
    ]);
    expect(manifest.spec.volumes).toEqual([
      { name: 'secure-tmp', emptyDir: {} },
      { name: 'secure-home', emptyDir: {} },
    ]);
    expect(manifest.spec.stepTemplate.env).toEqual([{ name: 'HOME', value: '/home/tekton' }]);
  });

  test('step requests and limits CPU and memory', () => {
    expect(s.computeResources).toEqual({
      requests: { cpu: '100m', memory: '128Mi' },
      limits: { cpu: '1', memory: '512Mi' },
    });
  });

  test('stepTemplate carries the same hardened securityContext and resources', () => {
    expect(manifest.spec.stepTemplate.securityContext).toEqual(s.securityContext);
    expect(manifest.spec.stepTemplate.computeResources).toEqual(s.computeResources);
  });

  test('a task is untrusted and carries no relaxation annotation', () => {
    expect(manifest.metadata.annotations).toBeUndefined();
  });
});

describe('SecureTask env', () => {
  test('a step\'s env is written in the order given, a variable another references moved before it (the kubelet expands $(NAME) only from earlier ones)', () => {
    const { c } = task({ steps: [step({ env: { URL: 'https://$(HOST)/repo', GOFLAGS: '-mod=readonly', HOST: 'git.example.com' } })] });
    expect(only(c, 'Task').spec.steps[0].env).toEqual([
      { name: 'HOST', value: 'git.example.com' },
      { name: 'URL', value: 'https://$(HOST)/repo' },
      { name: 'GOFLAGS', value: '-mod=readonly' },
    ]);
  });

  test('a sidecar\'s env likewise, after its HOME', () => {
    const { c } = task({ sidecars: [step({ name: 'cache', env: { ADDR: '$(BIND):6379', BIND: '127.0.0.1' } })] });
    expect(only(c, 'Task').spec.sidecars[0].env).toEqual([
      { name: 'HOME', value: '/home/tekton' },
      { name: 'BIND', value: '127.0.0.1' },
      { name: 'ADDR', value: '$(BIND):6379' },
    ]);
  });
});

describe('SecureTask params', () => {
  test('constrained params get a validate-params step first, fed through env', () => {
    const { c } = task({
      parameters: [
        { name: 'revision', constraint: ParamConstraint.gitSha() },
        { name: 'mode', constraint: ParamConstraint.oneOf(['fast', "it's slow"]) },
        { name: 'free' },
      ],
    });
    const steps = only(c, 'Task').spec.steps;
    expect(steps.map((x: any) => x.name)).toEqual(['validate-params', 'run']);
    expect(steps[0].env).toEqual([
      { name: 'PARAM_REVISION', value: '$(params.revision)' },
      { name: 'PARAM_MODE', value: '$(params.mode)' },
    ]);
    expect(steps[0].script).toContain('printf \'%s\' "$PARAM_REVISION" | grep -Eq -e \'^[0-9a-f]{40}$\' || fail \'revision\' \'a 40-hex git commit SHA\'');
    expect(steps[0].script).toContain('case "$PARAM_MODE" in \'fast\'|\'it\'\\\'\'s slow\') ;; *) fail \'mode\' \'one of fast, it\'\\\'\'s slow\' ;; esac');
    expect(steps[0].securityContext.runAsNonRoot).toBe(true);
    expect(steps[0].image).toMatch(/@sha256:[a-f0-9]{64}$/);
  });

  test('no constrained param, no validation step', () => {
    const { c } = task({ parameters: [{ name: 'free' }] });
    expect(only(c, 'Task').spec.steps.map((x: any) => x.name)).toEqual(['run']);
  });

  test.each([
    [ParamConstraint.gitSha(), '0123456789abcdef0123456789abcdef01234567', true],
    [ParamConstraint.gitSha(), '0123456789ABCDEF0123456789abcdef01234567', false],
    [ParamConstraint.gitSha(), 'main', false],
    [ParamConstraint.imageTag(), 'v1.2.3-rc_1', true],
    [ParamConstraint.imageTag(), 'v1;rm -rf /', false],
    [ParamConstraint.imageTag(), '-leading-dash', false],
    [ParamConstraint.pattern('^[a-z]+$'), 'abc\ndef', false],
    [ParamConstraint.oneOf(['a', 'b']), 'b', true],
    [ParamConstraint.oneOf(['a', 'b']), 'c', false],
  ])('%o accepts %p: %p', (constraint, value, ok) => {
    expect(constraint.accepts(value)).toBe(ok);
  });

  test('refuses a default that breaks its constraint', () => {
    expect(() => task({ parameters: [{ name: 'revision', defaultValue: 'main', constraint: ParamConstraint.gitSha() }] })).toThrow(
      "SecureTask 'test/unit': parameters[revision].defaultValue \"main\" is not a 40-hex git commit SHA [VALID_SPEC]. Give a default that satisfies the constraint, or none.",
    );
  });

  test('refuses an invalid param name', () => {
    expect(() => task({ parameters: [{ name: '1st' }] })).toThrow(
      "SecureTask 'test/unit': parameters \"1st\" is not a valid param name [VALID_NAME]. Start with a letter or \"_\" and use only letters, digits, \"_\", \"-\" and \".\".",
    );
  });

  test('refuses an undeclared param in env', () => {
    expect(() => task({ steps: [step({ env: { X: '$(params.missing)' } })] })).toThrow(
      "SecureTask 'test/unit' step 'run': env.X \"$(params.missing)\" references an undeclared param 'missing' [VALID_REFERENCE]. Declare it (parameters: [{ name: 'missing' }] in the SecureTask's props), or fix the name (the task declares no param).",
    );
  });

  test('refuses a misspelt param, naming those the task declares', () => {
    expect(() => task({ parameters: [{ name: 'revision' }, { name: 'url' }], steps: [step({ env: { X: '$(params.revison)' } })] })).toThrow(
      "SecureTask 'test/unit' step 'run': env.X \"$(params.revison)\" references an undeclared param 'revison' [VALID_REFERENCE]. "
      + "Declare it (parameters: [{ name: 'revison' }] in the SecureTask's props), or fix the name (the task declares 'revision', 'url').",
    );
  });

  test('refuses an undeclared param in a script with the whole way: declared and passed through env (declaring it alone would paste it into the code)', () => {
    expect(() => task({ steps: [step({ script: '#!/bin/sh\necho "releasing $(params.git-branch)"\n' })] })).toThrow(
      "SecureTask 'test/unit' step 'run': script \"$(params.git-branch)\" references an undeclared param 'git-branch' [VALID_REFERENCE]. "
      + "Declare it (parameters: [{ name: 'git-branch' }] in the SecureTask's props) and pass it through env, as a script takes no substitution: "
      + "env: { GIT_BRANCH: '$(params.git-branch)' }, and use \"$GIT_BRANCH\" (quoted) in the script; or fix the name (the task declares no param).",
    );
    // the fix, as written, passes
    const fixed = task({ parameters: [{ name: 'git-branch' }], steps: [step({ env: { GIT_BRANCH: '$(params.git-branch)' }, script: '#!/bin/sh\necho "releasing $GIT_BRANCH"\n' })] });
    expect(Testing.synth(fixed.c).find((o: any) => o.kind === 'Task').spec.params.map((p: any) => p.name)).toEqual(['git-branch']);
  });

  test('refuses an undeclared workspace in a script', () => {
    expect(() => task({ steps: [step({ script: '#!/bin/sh\nls $(workspaces.nope.path)' })] })).toThrow(
      "SecureTask 'test/unit' step 'run': script \"$(workspaces.nope.path)\" references an undeclared workspace 'nope' [VALID_REFERENCE]. Declare it in the task's workspaces, or fix the name (the task declares no workspace).",
    );
  });

  test('refuses workspace text Tekton does not replace (it reaches the step as written)', () => {
    const problem = (text: string, property = 'script') => `SecureTask 'test/unit' step 'run': ${property} "${text}" is not a workspace variable: Tekton replaces only `
      + '$(workspaces.<name>.path), .bound, .claim and .volume, and leaves this text as written [VALID_REFERENCE]. Write $(workspaces.<name>.path) for the directory of the workspace.';
    const withSrc = (fields: Record<string, unknown>) => () => task({ workspaces: [{ name: 'src', domain: TrustDomain.SOURCE }], steps: [step(fields)] });
    expect(withSrc({ script: '#!/bin/sh\nls $(workspaces.src)' })).toThrow(problem('$(workspaces.src)'));
    expect(withSrc({ env: { DIR: '$(workspaces.src.dir)' } })).toThrow(problem('$(workspaces.src.dir)', 'env.DIR'));
    expect(withSrc({ script: '#!/bin/sh\nls "$(workspaces.src.path)" && test "$(workspaces.src.bound)" = true' })).not.toThrow();
  });
});

describe('SecureTask refusals at synth', () => {
  const synthTask = (props: Partial<ConstructorParameters<typeof SecureTask>[2]>) => () => only(task(props).c, 'Task');

  test('unpinned image', () => {
    expect(synthTask({ steps: [step({ image: 'golang:1.22' })] })).toThrow(
      "SecureTask 'test/unit' step 'run': image \"golang:1.22\" is not pinned by digest [IMAGE_DIGEST]. Pin it as \"golang@sha256:<64 hex>\", or add relaxations: [{ rule: RuleId.IMAGE_DIGEST, reason: '<why>' }] to step 'run'.",
    );
  });

  test('unpinned image with a registry port keeps the repository', () => {
    expect(synthTask({ steps: [step({ image: 'localhost:5000/team/tool:1.0' })] })).toThrow(
      "SecureTask 'test/unit' step 'run': image \"localhost:5000/team/tool:1.0\" is not pinned by digest [IMAGE_DIGEST]. Pin it as \"localhost:5000/team/tool@sha256:<64 hex>\", or add relaxations: [{ rule: RuleId.IMAGE_DIGEST, reason: '<why>' }] to step 'run'.",
    );
  });

  // distribution/reference v0.6.0 ParseNormalizedNamed, run here: "invalid reference format: repository name (Library/golang@sha256) must be lowercase"
  test('an image name the kubelet cannot parse before a digest: the pod never starts, and the fix writes the name as the registry does (no relaxation)', () => {
    const digest = `@sha256:${'a'.repeat(64)}`;
    expect(synthTask({ steps: [step({ image: `docker.io/Library/golang${digest}` })] })).toThrow(new Error(
      `SecureTask 'test/unit' step 'run': image "docker.io/Library/golang${digest}" has upper-case letters in its repository path ("Library/golang"): the kubelet `
      + `refuses the image (ErrInvalidImageName: the pod never starts) [IMAGE_DIGEST]. Write the image as its registry names it: "docker.io/library/golang${digest}".`,
    ));
    expect(synthTask({ steps: [step({ image: `docker.io/library/golang${digest}` })] })).not.toThrow();
  });

  test('root step', () => {
    expect(synthTask({ steps: [step({ runAsUser: 0 })] })).toThrow(
      "SecureTask 'test/unit' step 'run': runAsUser \"0\" runs as root [RUN_AS_NON_ROOT]. Remove runAsUser (the default is UID 65532), or add relaxations: [{ rule: RuleId.RUN_AS_NON_ROOT, reason: '<why>' }] to step 'run'.",
    );
  });

  test('a step or sidecar in the root group, as a run\'s runAsGroup or fsGroup 0 is refused', () => {
    expect(synthTask({ steps: [step({ runAsGroup: 0 })] })).toThrow(
      "SecureTask 'test/unit' step 'run': runAsGroup \"0\" runs in the root group: every file of the image or a volume that group root may write, the step may write "
      + "[RUN_AS_NON_ROOT]. Remove runAsGroup (the default is GID 65532), or add relaxations: [{ rule: RuleId.RUN_AS_NON_ROOT, reason: '<why>' }] to step 'run'.",
    );
    expect(synthTask({ steps: [step()], sidecars: [step({ name: 'db', runAsGroup: 0 })] })).toThrow(
      "SecureTask 'test/unit' sidecar 'db': runAsGroup \"0\" runs in the root group: every file of the image or a volume that group root may write, the sidecar may write "
      + "[RUN_AS_NON_ROOT]. Remove runAsGroup (the default is GID 65532), or add relaxations: [{ rule: RuleId.RUN_AS_NON_ROOT, reason: '<why>' }] to sidecar 'db'.",
    );
    // a relaxation of the step's own
    expect(synthTask({ steps: [step({ runAsGroup: 0, relaxations: [{ rule: RuleId.RUN_AS_NON_ROOT, reason: 'the image writes files group root owns' }] })] })).not.toThrow();
  });

  test('resources: a value that is not a Kubernetes quantity is named as the prop written', () => {
    expect(synthTask({ steps: [step({ resources: { memoryLimit: '2GB' } })] })).toThrow(
      "SecureTask 'test/unit' step 'run': resources.memoryLimit \"2GB\" is not a Kubernetes quantity (the run is refused) [COMPUTE_RESOURCES]. Write a quantity such as resources: { memoryLimit: '1Gi' } (Ki, Mi, Gi: powers of 1024; k, M, G: of 1000), or add relaxations: [{ rule: RuleId.COMPUTE_RESOURCES, reason: '<why>' }] to step 'run'.",
    );
    expect(synthTask({ steps: [step({ resources: { cpuRequest: '1 core' } })] })).toThrow(
      "SecureTask 'test/unit' step 'run': resources.cpuRequest \"1 core\" is not a Kubernetes quantity (the run is refused) [COMPUTE_RESOURCES]. Write a quantity such as resources: { cpuRequest: '500m' } (m: thousandths of a CPU), or add relaxations: [{ rule: RuleId.COMPUTE_RESOURCES, reason: '<why>' }] to step 'run'.",
    );
  });

  test('resources: a request above the default limit says the limit is the default and raises it with the request', () => {
    expect(synthTask({ steps: [step({ resources: { memoryRequest: '1Gi' } })] })).toThrow(
      "SecureTask 'test/unit' step 'run': resources.memoryRequest \"1Gi\" is above resources.memoryLimit \"512Mi\" (the default), which the API server refuses [COMPUTE_RESOURCES]. Raise the limit with it, resources: { memoryRequest: '1Gi', memoryLimit: '1Gi' }, or lower memoryRequest to at most \"512Mi\", or add relaxations: [{ rule: RuleId.COMPUTE_RESOURCES, reason: '<why>' }] to step 'run'.",
    );
    expect(synthTask({ steps: [step({ resources: { cpuRequest: '2', cpuLimit: '1500m' } })] })).toThrow(
      "SecureTask 'test/unit' step 'run': resources.cpuRequest \"2\" is above resources.cpuLimit \"1500m\", which the API server refuses [COMPUTE_RESOURCES]. Raise the limit with it, resources: { cpuRequest: '2', cpuLimit: '2' }, or lower cpuRequest to at most \"1500m\", or add relaxations: [{ rule: RuleId.COMPUTE_RESOURCES, reason: '<why>' }] to step 'run'.",
    );
  });

  test('resources: a zero limit and a limit beyond any node are named as the prop written', () => {
    expect(synthTask({ steps: [step({ resources: { cpuLimit: '0' } })] })).toThrow(
      "SecureTask 'test/unit' step 'run': resources.cpuLimit \"0\" is zero, which the kubelet reads as no limit [COMPUTE_RESOURCES]. Give a quantity above zero, such as resources: { cpuLimit: '1' }, or add relaxations: [{ rule: RuleId.COMPUTE_RESOURCES, reason: '<why>' }] to step 'run'.",
    );
    expect(synthTask({ steps: [step({ resources: { memoryLimit: '1Ti' } })] })).toThrow(
      "SecureTask 'test/unit' step 'run': resources.memoryLimit \"1Ti\" is above 256Gi, which bounds nothing in practice [COMPUTE_RESOURCES]. Give the most the step may use, such as resources: { memoryLimit: '4Gi' }, or add relaxations: [{ rule: RuleId.COMPUTE_RESOURCES, reason: '<why>' }] to step 'run'.",
    );
  });

  test('resources: a relaxation in the step props accepts the quantity and records it', () => {
    const { c } = task({ steps: [step({ resources: { cpuLimit: '128' }, relaxations: [{ rule: RuleId.COMPUTE_RESOURCES, reason: 'the benchmark step takes the whole node' }] })] });
    const manifest = only(c, 'Task');
    expect(manifest.spec.steps[0].computeResources.limits.cpu).toBe('128');
    expect(manifest.metadata.annotations['secure-tekton/relax.COMPUTE_RESOURCES']).toBe('step/run: the benchmark step takes the whole node');
  });

  test('privilege escalation', () => {
    expect(synthTask({ steps: [step({ allowPrivilegeEscalation: true })] })).toThrow(
      "SecureTask 'test/unit' step 'run': allowPrivilegeEscalation \"true\" lets processes gain privileges [NO_PRIVILEGE_ESCALATION]. Remove allowPrivilegeEscalation, or add relaxations: [{ rule: RuleId.NO_PRIVILEGE_ESCALATION, reason: '<why>' }] to step 'run'.",
    );
  });

  test('added capabilities', () => {
    expect(synthTask({ steps: [step({ addCapabilities: [Capability.NET_BIND_SERVICE] })] })).toThrow(
      "SecureTask 'test/unit' step 'run': addCapabilities \"NET_BIND_SERVICE\" adds capabilities back [DROP_ALL_CAPABILITIES]. Remove addCapabilities, or add relaxations: [{ rule: RuleId.DROP_ALL_CAPABILITIES, reason: '<why>' }] to step 'run'.",
    );
  });

  test('a capability beyond baseline, which only JavaScript can give addCapabilities, is said as addCapabilities with a fix that compiles', () => {
    const BASELINE = 'AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT';
    const c1 = chart();
    new SecureTask(c1, 'unit', { steps: [step({ addCapabilities: ['SYS_ADMIN', Capability.CHOWN] as unknown as Capability[] })] });
    expect(refusalLinesOf(c1, RuleId.NOT_PRIVILEGED)).toEqual([
      `SecureTask 'test/unit' step 'run': addCapabilities "SYS_ADMIN, CHOWN" adds "SYS_ADMIN", beyond the capabilities Pod Security baseline allows (${BASELINE}) [NOT_PRIVILEGED]. `
      + 'Remove "SYS_ADMIN" from addCapabilities (it takes only Capability values), leaving addCapabilities: [Capability.CHOWN]; this rule cannot be relaxed.',
    ]);
    const c2 = chart();
    new SecureTask(c2, 'unit', { steps: [step({ addCapabilities: ['NET_ADMIN', 'SYS_PTRACE'] as unknown as Capability[] })] });
    expect(refusalLinesOf(c2, RuleId.NOT_PRIVILEGED)).toEqual([
      `SecureTask 'test/unit' step 'run': addCapabilities "NET_ADMIN, SYS_PTRACE" adds "NET_ADMIN", "SYS_PTRACE", beyond the capabilities Pod Security baseline allows (${BASELINE}) `
      + '[NOT_PRIVILEGED]. Remove addCapabilities (it takes only Capability values, and "NET_ADMIN", "SYS_PTRACE" are none); this rule cannot be relaxed.',
    ]);
  });

  test('writable root filesystem', () => {
    expect(synthTask({ steps: [step({ writableRootFilesystem: true })] })).toThrow(
      "SecureTask 'test/unit' step 'run': writableRootFilesystem \"true\" makes the root filesystem writable [READ_ONLY_ROOT_FILESYSTEM]. Remove writableRootFilesystem (write to /tmp or $HOME instead), or add relaxations: [{ rule: RuleId.READ_ONLY_ROOT_FILESYSTEM, reason: '<why>' }] to step 'run'.",
    );
  });

  test('script without #! line', () => {
    expect(synthTask({ steps: [step({ script: 'echo hi' })] })).toThrow(
      "SecureTask 'test/unit' step 'run': script \"echo hi\" does not start with a #! line [SCRIPT_SHEBANG]. Start the script with an interpreter line such as \"#!/bin/sh\", or add relaxations: [{ rule: RuleId.SCRIPT_SHEBANG, reason: '<why>' }] to step 'run'.",
    );
  });

  test('inline $(params.x) in a script', () => {
    expect(synthTask({ parameters: [{ name: 'git-url' }], steps: [step({ script: '#!/bin/sh\ngit clone $(params.git-url)' })] })).toThrow(
      "SecureTask 'test/unit' step 'run': script \"$(params.git-url)\" pastes a substitution into a script [SCRIPT_INJECTION]. Pass it through env instead: env: { GIT_URL: '$(params.git-url)' }, and use \"$GIT_URL\" (quoted) in the script.",
    );
  });

  test('inline $(params["x"]) in sh -c args', () => {
    expect(synthTask({ parameters: [{ name: 'tag' }], steps: [step({ script: undefined, command: ['/bin/sh'], args: ['-c', 'echo $(params["tag"])'] })] })).toThrow(
      "SecureTask 'test/unit' step 'run': args[1] \"$(params[\\\"tag\\\"])\" pastes a substitution into the arguments of /bin/sh, which runs them as code [SCRIPT_INJECTION]. Pass it through env instead: env: { TAG: '$(params[\\\"tag\\\"])' }, and use \"$TAG\" (quoted) in the shell code sh runs, as data.",
    );
  });

  test('inline $(params[\'x\']): the env fix quotes the value as TypeScript reads it', () => {
    expect(synthTask({ parameters: [{ name: 'a' }], steps: [step({ script: "#!/bin/sh\necho $(params['a'])\n" })] })).toThrow(
      "SecureTask 'test/unit' step 'run': script \"$(params['a'])\" pastes a substitution into a script [SCRIPT_INJECTION]. "
      + "Pass it through env instead: env: { A: '$(params[\\'a\\'])' }, and use \"$A\" (quoted) in the script.",
    );
    expect(synthTask({ parameters: [{ name: 'a' }], steps: [step({ script: undefined, command: ['git'], args: ['clone', "$(params['a'])"] })] })).toThrow(
      "SecureTask 'test/unit' step 'run': args[1] \"$(params['a'])\" starts an argument, so a value starting with '-' becomes an option [ARGUMENT_INJECTION]. "
      + "Pass it through env instead (env: { A: '$(params[\\'a\\'])' }), put it after a literal '--' where it ends the options (after the last option and its value, as in -xf FILE --, never right after an option that takes a value, as in -xf --) or behind a literal prefix such as '--flag=', "
      + "or add relaxations: [{ rule: RuleId.ARGUMENT_INJECTION, reason: '<why>' }] to step 'run'.",
    );
  });

  test('$(NAME) of an env var that holds a param, in sh -c: the fix is the shell\'s own "$NAME", not env (which holds it already)', () => {
    const x = { parameters: [{ name: 'x' }] };
    const pasting = step({ name: 's', script: undefined, env: { X: '$(params.x)' }, command: ['sh', '-c', 'echo $(X)'] });
    expect(synthTask({ ...x, steps: [pasting] })).toThrow(new Error(
      "SecureTask 'test/unit' step 's': command[2] \"$(X)\" pastes a substitution into the arguments of sh, which runs them as code (the kubelet expands $(X), whose "
      + 'env var holds a value callers can choose) [SCRIPT_INJECTION]. Write "$X" (the shell\'s own expansion, quoted) instead of $(X), which the kubelet pastes into the code.',
    ));
    expect(synthTask({ ...x, steps: [step()], sidecars: [pasting] })).toThrow(new Error(
      "SecureTask 'test/unit' sidecar 's': command[2] \"$(X)\" pastes a substitution into the arguments of sh, which runs them as code (the kubelet expands $(X), whose "
      + 'env var holds a value callers can choose) [SCRIPT_INJECTION]. Write "$X" (the shell\'s own expansion, quoted) instead of $(X), which the kubelet pastes into the code.',
    ));
    // the fix as the message says it is accepted, in a step and in a sidecar
    const fixed = { ...pasting, command: ['sh', '-c', 'echo "$X"'] };
    expect(synthTask({ ...x, steps: [fixed], sidecars: [fixed] })).not.toThrow();
    // code that runs a positional parameter holding it: the rule's fix (no substitution to pass through env)
    expect(synthTask({ ...x, steps: [{ ...pasting, command: ['bash', '-c', 'eval "$1"', '--', '$(params.x)'] }] })).toThrow(new Error(
      "SecureTask 'test/unit' step 's': command[2] \"eval \\\"$1\\\"\" runs as code command[4], which holds $(params.x) and which the shell gets as a positional "
      + 'parameter: eval runs its words as code (as $1) [SCRIPT_INJECTION]. Keep the positional parameter data: pass it only as a quoted argument of a fixed command '
      + '("$1"), never as code or as the program, or give the value through env and check it against the values allowed first.',
    ));
  });

  test('params as plain args of a non-shell command are allowed', () => {
    const { c } = task({ parameters: [{ name: 'tag' }], steps: [step({ script: undefined, command: ['/ko-app/tool'], args: ['--tag=$(params.tag)'] })] });
    expect(only(c, 'Task').spec.steps[0].args).toEqual(['--tag=$(params.tag)']);
  });
});

describe('SecureTask refusals at construction', () => {
  test('script together with command', () => {
    expect(() => task({ steps: [step({ command: ['sh'] })] })).toThrow(
      "SecureTask 'test/unit' step 'run': command \"sh\" is set together with script [VALID_SPEC]. Use either script (with a #! line) or command and args, not both.",
    );
  });

  test('neither script nor command', () => {
    expect(() => task({ steps: [step({ script: undefined })] })).toThrow(
      "SecureTask 'test/unit' step 'run': script is missing (and so is command) [VALID_SPEC]. Give the step a script starting with a #! line, or a command.",
    );
  });

  test('no steps', () => {
    expect(() => task({ steps: [] })).toThrow("SecureTask 'test/unit': steps is empty [VALID_SPEC]. Give the task at least one step.");
  });

  test('invalid step name', () => {
    expect(() => task({ steps: [step({ name: 'Build_Step' })] })).toThrow(
      "SecureTask 'test/unit' step 'Build_Step': name \"Build_Step\" is not a DNS-1123 label [VALID_NAME]. Use at most 63 lower-case letters, digits and \"-\", starting and ending with a letter or digit.",
    );
  });

  test('invalid task name', () => {
    expect(() => task({ name: 'My.Task' })).toThrow(
      "SecureTask 'test/unit': name \"My.Task\" is not a DNS-1123 label [VALID_NAME]. Use at most 63 lower-case letters, digits and \"-\", starting and ending with a letter or digit.",
    );
  });

  test('duplicate step names', () => {
    expect(() => task({ steps: [step(), step()] })).toThrow(
      "SecureTask 'test/unit': steps \"run\" is declared twice [VALID_NAME]. Give each one a distinct name.",
    );
  });

  test('two step names whose first 58 characters are the same: Tekton cuts "step-<name>" to one container name, which the API server refuses twice', () => {
    const long = 'a'.repeat(56);
    expect(() => task({ steps: [step({ name: `${long}-build` }), step({ name: `${long}-bundle` })] })).toThrow(
      `SecureTask 'test/unit' step '${long}-bundle': name "${long}-bundle" gives the container name "step-${long}-b" of step '${long}-build' too `
      + '(Tekton names a step\'s container "step-<name>", cut to 63 characters and to a letter or digit at its end) [VALID_NAME]. '
      + 'Give the steps names that differ within their first 58 characters.',
    );
    // cut to a letter or digit at the end: "step-<57 a>-x" becomes "step-<57 a>", the container of step '<57 a>'
    expect(() => task({ steps: [step({ name: 'a'.repeat(57) }), step({ name: `${'a'.repeat(57)}-x` })] })).toThrow(
      `SecureTask 'test/unit' step '${'a'.repeat(57)}-x': name "${'a'.repeat(57)}-x" gives the container name "step-${'a'.repeat(57)}" of step '${'a'.repeat(57)}' too `,
    );
    expect(() => task({ steps: [step({ name: `${'a'.repeat(57)}-x` }), step({ name: `${'a'.repeat(57)}x` })] })).not.toThrow();
  });

  test('two sidecar names whose first 55 characters are the same', () => {
    const long = 's'.repeat(55);
    const side = (name: string) => ({ name, image: PINNED, command: ['registry'] });
    expect(() => task({ sidecars: [side(`${long}-one`), side(`${long}-two`)] })).toThrow(
      `SecureTask 'test/unit' sidecar '${long}-two': name "${long}-two" gives the container name "sidecar-${long}" of sidecar '${long}-one' too `
      + '(Tekton names a sidecar\'s container "sidecar-<name>", cut to 63 characters and to a letter or digit at its end) [VALID_NAME]. '
      + 'Give the sidecars names that differ within their first 55 characters.',
    );
  });

  test('scripts that together pass the one argument Tekton writes them into (place-scripts: sh -c, each base64-encoded)', () => {
    // 95 006 bytes of script: 126 857 bytes of argument with its file lines; a second script brings it to 131 071 at most
    const big = `#!/bin/sh\n${'echo build\n'.repeat(8636)}`;
    const comment = (n: number) => `#!/bin/sh\n${'#'.repeat(n)}\n`;
    expect(() => task({ steps: [step({ name: 'bundle', script: big }), step({ name: 'notes', script: comment(3011) })] })).not.toThrow();
    expect(() => task({ steps: [step({ name: 'bundle', script: big }), step({ name: 'notes', script: comment(3014) })] })).toThrow(
      "SecureTask 'test/unit' step 'bundle': script \"#!/bin/sh\" makes, with the other scripts of the task, an argument of 131074 bytes: Tekton writes every "
      + 'script of a step or sidecar, base64-encoded, into the one argument of sh -c in the pod\'s place-scripts init container, and Linux runs no program with '
      + 'an argument of 131072 bytes or more ("argument list too long"), so every TaskRun fails before its first step [VALID_SPEC]. '
      + 'Keep the scripts under 96 KiB together: ship the code in the image or the source workspace and run it from a short script, '
      + 'e.g. script: \'#!/bin/sh\\nexec sh "$(workspaces.source.path)/ci/bundle.sh"\\n\'.',
    );
    // a sidecar's script counts too (its file is named sidecar-script-<i>-<5 random>)
    const sidecar = (n: number) => ({ name: 'registry', image: PINNED, script: comment(n) });
    expect(() => task({ steps: [step({ name: 'bundle', script: big })], sidecars: [sidecar(3005)] })).not.toThrow();
    expect(() => task({ steps: [step({ name: 'bundle', script: big })], sidecars: [sidecar(3008)] })).toThrow(
      "SecureTask 'test/unit' step 'bundle': script \"#!/bin/sh\" makes, with the other scripts of the task, an argument of 131074 bytes",
    );
  });

  test("the script of a SecureStepAction a step runs is placed in the task's pod too", () => {
    const c = chart();
    const big = new SecureStepAction(c, 'bundle', { image: PINNED, script: `#!/bin/sh\n${'echo build\n'.repeat(8636)}` });
    const comment = (n: number) => `#!/bin/sh\n${'#'.repeat(n)}\n`;
    expect(() => new SecureTask(c, 'fits', { steps: [{ name: 'bundle', action: big }, step({ name: 'notes', script: comment(3011) })] })).not.toThrow();
    expect(() => new SecureTask(c, 'unit', { steps: [{ name: 'bundle', action: big }, step({ name: 'notes', script: comment(3014) })] })).toThrow(
      "SecureTask 'test/unit' step 'bundle': action \"bundle\" makes, with the other scripts of the task, an argument of 131074 bytes",
    );
  });

  test('an env var, a command or an argument of 128 KiB or more: Linux runs no program with one (each NAME=value, each argument)', () => {
    const LIMIT = (location: string, property: string, bytes: number) => `SecureTask 'test/unit' ${location}: ${property} "${bytes} bytes" is longer than `
      + 'Linux passes to a program: every env var (NAME=value) and every argument must be shorter than 131072 bytes (its final NUL makes the limit), or the '
      + 'container does not start ("argument list too long") [VALID_SPEC]. Put the data in a file (a workspace, or a ConfigMap bound to one) and pass its path.';
    // "BIG=" and the value: 131067 bytes of value are the most
    expect(() => task({ steps: [step({ env: { BIG: 'x'.repeat(131067) } })] })).not.toThrow();
    expect(() => task({ steps: [step({ env: { BIG: 'x'.repeat(131068) } })] })).toThrow(LIMIT("step 'run'", 'env.BIG', 131072));
    // bytes, not characters
    expect(() => task({ steps: [step({ env: { BIG: 'é'.repeat(65534) } })] })).toThrow(LIMIT("step 'run'", 'env.BIG', 131072));
    const argStep = (args: string[]) => step({ script: undefined, command: ['/bin/tool'], args });
    expect(() => task({ steps: [argStep(['--data', 'y'.repeat(131071)])] })).not.toThrow();
    expect(() => task({ steps: [argStep(['--data', 'y'.repeat(131072)])] })).toThrow(LIMIT("step 'run'", 'args[1]', 131072));
    expect(() => task({ sidecars: [{ name: 'cache', image: PINNED, command: ['z'.repeat(131072)] }], steps: [step()] })).toThrow(LIMIT("sidecar 'cache'", 'command[0]', 131072));
  });

  test('a step named like the generated validation step', () => {
    expect(() => task({ parameters: [{ name: 'r', constraint: ParamConstraint.gitSha() }], steps: [step({ name: 'validate-params' })] })).toThrow(
      "SecureTask 'test/unit': steps \"validate-params\" is declared twice [VALID_NAME]. Give each one a distinct name.",
    );
  });

  test('credentials workspace on an untrusted task', () => {
    expect(() => task({ workspaces: [{ name: 'creds', domain: TrustDomain.CREDENTIALS }] })).toThrow(
      "SecureTask 'test/unit': workspaces \"creds\" is a credentials workspace on a task not marked trusted [CREDENTIALS_TRUSTED_TASK]. Mark the task trusted (trusted: true) only if it runs no user code; otherwise give the credential to a separate trusted task.",
    );
  });

  test('relaxation reason shorter than 10 characters', () => {
    expect(() => task({ relaxations: [{ rule: RuleId.IMAGE_DIGEST, reason: 'because' }] })).toThrow(
      "SecureTask 'test/unit': relaxations[0].reason \"because\" has fewer than 10 visible characters [RELAXATION_REASON]. Say why the rule cannot hold here, e.g. reason: 'kaniko unpacks the base image as root'; the reason is written into the YAML and the posture report.",
    );
  });

  test('relaxation of a rule that cannot be relaxed', () => {
    expect(() => task({ steps: [step({ relaxations: [{ rule: RuleId.SCRIPT_INJECTION, reason: 'the param is trusted' }] })] })).toThrow(
      "SecureTask 'test/unit' step 'run': relaxations[0].rule \"SCRIPT_INJECTION\" names a rule that cannot be relaxed [RELAXATION_REASON]. Remove this relaxation and comply with the rule.",
    );
  });
});

describe('SecureTask relaxations', () => {
  function relaxed(overrides: Partial<Parameters<typeof step>[0]>, rule: RuleId, reason: string) {
    const c = chart();
    new SecureTask(c, 'unit', { steps: [step({ ...overrides, relaxations: [{ rule, reason }] }), step({ name: 'other' })] });
    const manifest = only(c, 'Task');
    return { c, manifest, s: manifest.spec.steps[0], other: manifest.spec.steps[1] };
  }

  test('IMAGE_DIGEST: tag accepted, reason recorded', () => {
    const { c, manifest, s } = relaxed({ image: 'golang:1.22' }, RuleId.IMAGE_DIGEST, 'vendor publishes no digests');
    expect(s.image).toBe('golang:1.22');
    expect(manifest.metadata.annotations['secure-tekton/relax.IMAGE_DIGEST']).toBe('step/run: vendor publishes no digests');
    expect(Relaxations.of(c).forRule(RuleId.IMAGE_DIGEST)).toEqual([
      { rule: RuleId.IMAGE_DIGEST, reason: 'vendor publishes no digests', path: 'test/unit', target: 'step/run' },
    ]);
  });

  test('RUN_AS_NON_ROOT: UID 0 accepted for that step only', () => {
    const { manifest, s, other } = relaxed({ runAsUser: 0 }, RuleId.RUN_AS_NON_ROOT, 'kaniko unpacks layers as root');
    expect(s.securityContext.runAsUser).toBe(0);
    expect(s.securityContext.runAsNonRoot).toBe(false);
    expect(other.securityContext.runAsNonRoot).toBe(true);
    expect(manifest.metadata.annotations['secure-tekton/relax.RUN_AS_NON_ROOT']).toBe('step/run: kaniko unpacks layers as root');
  });

  test('a step relaxation does not cover another step', () => {
    const c = chart();
    new SecureTask(c, 'unit', {
      steps: [
        step({ runAsUser: 0, relaxations: [{ rule: RuleId.RUN_AS_NON_ROOT, reason: 'kaniko unpacks layers as root' }] }),
        step({ name: 'other', runAsUser: 0 }),
      ],
    });
    expect(() => only(c, 'Task')).toThrow("SecureTask 'test/unit' step 'other': runAsUser \"0\" runs as root [RUN_AS_NON_ROOT]. Remove runAsUser (the default is UID 65532), or add relaxations: [{ rule: RuleId.RUN_AS_NON_ROOT, reason: '<why>' }] to step 'other'.");
  });

  test('NO_PRIVILEGE_ESCALATION', () => {
    const { manifest, s } = relaxed({ allowPrivilegeEscalation: true }, RuleId.NO_PRIVILEGE_ESCALATION, 'sudo is part of the legacy build');
    expect(s.securityContext.allowPrivilegeEscalation).toBe(true);
    expect(manifest.metadata.annotations['secure-tekton/relax.NO_PRIVILEGE_ESCALATION']).toBe('step/run: sudo is part of the legacy build');
  });

  test('DROP_ALL_CAPABILITIES', () => {
    const { manifest, s } = relaxed({ addCapabilities: [Capability.CHOWN] }, RuleId.DROP_ALL_CAPABILITIES, 'chown of layer files needed');
    expect(s.securityContext.capabilities).toEqual({ drop: ['ALL'], add: ['CHOWN'] });
    expect(manifest.metadata.annotations['secure-tekton/relax.DROP_ALL_CAPABILITIES']).toBe('step/run: chown of layer files needed');
  });

  test('READ_ONLY_ROOT_FILESYSTEM', () => {
    const { manifest, s } = relaxed({ writableRootFilesystem: true }, RuleId.READ_ONLY_ROOT_FILESYSTEM, 'tool writes into /usr/local');
    expect(s.securityContext.readOnlyRootFilesystem).toBe(false);
    expect(manifest.metadata.annotations['secure-tekton/relax.READ_ONLY_ROOT_FILESYSTEM']).toBe('step/run: tool writes into /usr/local');
  });

  test('SCRIPT_SHEBANG', () => {
    const { manifest, s } = relaxed({ script: 'echo hi' }, RuleId.SCRIPT_SHEBANG, 'image default shell is bash');
    expect(s.script).toBe('echo hi');
    expect(manifest.metadata.annotations['secure-tekton/relax.SCRIPT_SHEBANG']).toBe('step/run: image default shell is bash');
  });

  test('task-wide relaxation covers every step and is recorded without target', () => {
    const c = chart();
    new SecureTask(c, 'unit', {
      steps: [step({ image: 'a:1' }), step({ name: 'b', image: 'b:2' })],
      relaxations: [{ rule: RuleId.IMAGE_DIGEST, reason: 'internal mirror has no digests yet' }],
    });
    const manifest = only(c, 'Task');
    expect(manifest.spec.steps.map((s: any) => s.image)).toEqual(['a:1', 'b:2']);
    expect(manifest.metadata.annotations['secure-tekton/relax.IMAGE_DIGEST']).toBe('*: internal mirror has no digests yet');
  });

  test('trust lives in the model, not in an annotation a hand edit could add', () => {
    const c = chart();
    const t = new SecureTask(c, 'push', { trusted: true, steps: [step()], workspaces: [{ name: 'creds', domain: TrustDomain.CREDENTIALS }] });
    const manifest = only(c, 'Task');
    expect(t.trusted).toBe(true);
    expect(manifest.metadata.annotations).toBeUndefined();
    expect(manifest.spec.workspaces).toEqual([{ name: 'creds', readOnly: true, optional: false }]);
  });

  describe('a task built on SecureTask that relaxes its own step (_relaxEmittedStep) is held to the rules of any relaxation', () => {
    class RootTask extends SecureTask {
      constructor(scope: Chart, id: string, relaxations: Relaxation[]) {
        super(scope, id, { steps: [step({ runAsUser: 0 })] });
        this._relaxEmittedStep('run', relaxations);
      }
    }

    test('a reason of fewer than 10 visible characters is refused when the task is made, not written', () => {
      expect(messageOf(() => new RootTask(chart(), 'root', [{ rule: RuleId.RUN_AS_NON_ROOT, reason: '\u200b' }])))
        .toBe("SecureTask 'test/root' step 'run': _relaxEmittedStep('run')[0].reason \"\u200b\" has fewer than 10 visible characters [RELAXATION_REASON]. "
          + "Say why the rule cannot hold here, e.g. reason: 'kaniko unpacks the base image as root'; the reason is written into the YAML and the posture report.");
    });

    test('a rule that cannot be relaxed is refused', () => {
      expect(messageOf(() => new RootTask(chart(), 'root', [{ rule: RuleId.NOT_PRIVILEGED, reason: 'the build needs a privileged daemon' }])))
        .toBe("SecureTask 'test/root' step 'run': _relaxEmittedStep('run')[0].rule \"NOT_PRIVILEGED\" names a rule that cannot be relaxed [RELAXATION_REASON]. "
          + 'Remove this relaxation and comply with the rule.');
    });

    test('a target is refused: the relaxation is already limited to the step', () => {
      expect(messageOf(() => new RootTask(chart(), 'root', [{ rule: RuleId.RUN_AS_NON_ROOT, target: 'step/other', reason: 'the tool unpacks layers as root' }])))
        .toBe("SecureTask 'test/root' step 'run': _relaxEmittedStep('run')[0].target \"step/other\" is set on a relaxation that is already limited to step/run [RELAXATION_REASON]. "
          + 'Remove the target, or give the relaxation to the enclosing construct with this target.');
    });

    test('a relaxation with a reason is recorded as the reason normalized to one line', () => {
      const c = chart();
      new RootTask(c, 'root', [{ rule: RuleId.RUN_AS_NON_ROOT, reason: 'the tool unpacks\n layers as root' }]);
      expect(only(c, 'Task').metadata.annotations['secure-tekton/relax.RUN_AS_NON_ROOT']).toBe('step/run: the tool unpacks layers as root');
    });
  });

  test('PINNED is accepted as pinned', () => {
    expect(PINNED).toMatch(/@sha256:[a-f0-9]{64}$/);
  });
});

describe('SecureTask sidecars', () => {
  const sidecar = { name: 'registry', image: PINNED };

  test('are hardened like steps, with HOME and the scratch volumes', () => {
    const { c } = task({ sidecars: [sidecar] });
    const [s] = only(c, 'Task').spec.sidecars;
    expect(s.securityContext).toEqual(HARDENED_SECURITY_CONTEXT);
    expect(s.env).toEqual([{ name: 'HOME', value: '/home/tekton' }]);
    expect(s.volumeMounts.map((m: any) => m.mountPath)).toEqual(['/tmp', '/home/tekton']);
    expect(s.computeResources.limits).toEqual({ cpu: '1', memory: '512Mi' });
    expect(s.script).toBeUndefined();
  });

  test('an unpinned sidecar image is refused', () => {
    const { c } = task({ sidecars: [{ ...sidecar, image: 'registry:2' }] });
    expect(() => only(c, 'Task')).toThrow(
      "SecureTask 'test/unit' sidecar 'registry': image \"registry:2\" is not pinned by digest [IMAGE_DIGEST]. Pin it as \"registry@sha256:<64 hex>\", or add relaxations: [{ rule: RuleId.IMAGE_DIGEST, reason: '<why>' }] to sidecar 'registry'.",
    );
  });

  test('a sidecar relaxation covers that sidecar and is recorded', () => {
    const { c } = task({
      sidecars: [{ ...sidecar, runAsUser: 0, relaxations: [{ rule: RuleId.RUN_AS_NON_ROOT, reason: 'docker-in-docker daemon needs root' }] }],
    });
    const manifest = only(c, 'Task');
    expect(manifest.spec.sidecars[0].securityContext.runAsUser).toBe(0);
    expect(manifest.metadata.annotations['secure-tekton/relax.RUN_AS_NON_ROOT']).toBe('sidecar/registry: docker-in-docker daemon needs root');
  });

  test('duplicate sidecar names are refused', () => {
    expect(() => task({ sidecars: [sidecar, sidecar] })).toThrow(
      "SecureTask 'test/unit': sidecars \"registry\" is declared twice [VALID_NAME]. Give each one a distinct name.",
    );
  });
});

describe('SecureTask params in program arguments', () => {
  const gitStep = (args: string[]) => step({ name: 'fetch', script: undefined, command: ['git'], args });

  test('an unconstrained param that starts an argument is refused, with the fixes in the terms of the props', () => {
    const c = chart();
    new SecureTask(c, 'unit', { parameters: [{ name: 'url' }], steps: [gitStep(['clone', '$(params.url)'])] });
    expect(() => only(c, 'Task')).toThrow(
      "SecureTask 'test/unit' step 'fetch': args[1] \"$(params.url)\" starts an argument, so a value starting with '-' becomes an option [ARGUMENT_INJECTION]. "
      + "Pass it through env instead (env: { URL: '$(params.url)' }), constrain param 'url' (e.g. constraint: ParamConstraint.pattern('^[a-z0-9][a-z0-9./:@-]*$', "
      + "'<what it is>')), which the validation step then checks, put it after a literal '--' where it ends the options (after the last option and its value, as in -xf FILE --, never right after an option that takes a value, as in -xf --) or behind a literal prefix such as '--flag=', "
      + "or add relaxations: [{ rule: RuleId.ARGUMENT_INJECTION, reason: '<why>' }] to step 'fetch'.",
    );
    // in bracket notation it is a param too, not the $(NAME) of an env var (no constraint offered: the record of one covers $(params.url) alone)
    const b = chart();
    new SecureTask(b, 'unit', { parameters: [{ name: 'url' }], steps: [gitStep(['clone', '$(params["url"])'])] });
    expect(() => only(b, 'Task')).toThrow(new Error(
      "SecureTask 'test/unit' step 'fetch': args[1] \"$(params[\\\"url\\\"])\" starts an argument, so a value starting with '-' becomes an option [ARGUMENT_INJECTION]. "
      + "Pass it through env instead (env: { URL: '$(params[\\\"url\\\"])' }), put it after a literal '--' where it ends the options (after the last option and its value, as in -xf FILE --, never right after an option that takes a value, as in -xf --) or behind a literal prefix such as '--flag=', "
      + "or add relaxations: [{ rule: RuleId.ARGUMENT_INJECTION, reason: '<why>' }] to step 'fetch'.",
    ));
  });

  test('a param in an env var the program runs, or as the program, is refused with a fix that fits', () => {
    const c1 = chart();
    new SecureTask(c1, 'unit', { parameters: [{ name: 'lib' }], steps: [step({ env: { LD_PRELOAD: '$(params.lib)' } })] });
    expect(() => only(c1, 'Task')).toThrow(
      "SecureTask 'test/unit' step 'run': env.LD_PRELOAD \"$(params.lib)\" sets LD_PRELOAD, which the dynamic loader or libc loads libraries from [ARGUMENT_INJECTION]. "
      + "Give LD_PRELOAD a value written in the step, and pass '$(params.lib)' under a name the program does not run (env: { LIB: '$(params.lib)' }), "
      + "or add relaxations: [{ rule: RuleId.ARGUMENT_INJECTION, reason: '<why>' }] to step 'run'.",
    );
    // a $(NAME) the kubelet expands from another env var, written before it whatever the order given
    const c3 = chart();
    new SecureTask(c3, 'unit', { parameters: [{ name: 'x' }], steps: [step({ env: { GIT_SSH_COMMAND: 'ssh $(OPTS)', OPTS: '$(params.x)' } })] });
    expect(() => only(c3, 'Task')).toThrow(
      "SecureTask 'test/unit' step 'run': env.GIT_SSH_COMMAND \"$(OPTS)\" sets GIT_SSH_COMMAND, which git runs as a command (the kubelet expands $(OPTS), which holds "
      + 'a value callers can choose) [ARGUMENT_INJECTION]. Give GIT_SSH_COMMAND a value written in the step that does not expand $(OPTS) (the program reads OPTS '
      + "from the env itself, as data), or add relaxations: [{ rule: RuleId.ARGUMENT_INJECTION, reason: '<why>' }] to step 'run'.",
    );
    const c4 = chart();
    new SecureTask(c4, 'unit', { parameters: [{ name: 'x' }], steps: [step({ env: { OPTS: '$(params.x)' }, script: undefined, command: ['git'], args: ['fetch', '$(OPTS)'] })] });
    expect(() => only(c4, 'Task')).toThrow(
      "SecureTask 'test/unit' step 'run': args[1] \"$(OPTS)\" starts an argument, so a value starting with '-' becomes an option [ARGUMENT_INJECTION]. "
      + 'Read OPTS from the env in the program or a script ("$OPTS") instead, put it after a literal \'--\' where it ends the options (after the last option and its value, as in -xf FILE --, '
      + 'never right after an option that takes a value, as in -xf --) or behind a literal prefix such as \'--flag=\', '
      + "or add relaxations: [{ rule: RuleId.ARGUMENT_INJECTION, reason: '<why>' }] to step 'run'.",
    );
    const c2 = chart();
    new SecureTask(c2, 'unit', { parameters: [{ name: 'tool' }], steps: [step({ script: undefined, command: ['$(params.tool)'], args: ['--version'] })] });
    expect(() => only(c2, 'Task')).toThrow(
      "SecureTask 'test/unit' step 'run': command[0] \"$(params.tool)\" chooses the program that runs [ARGUMENT_INJECTION]. "
      + 'Write the program into command[0] (to run one of several, give each its own step or task, chosen with a when expression), '
      + "or add relaxations: [{ rule: RuleId.ARGUMENT_INJECTION, reason: '<why>' }] to step 'run'.",
    );
  });

  test('a constrained one is checked never to start with "-", and that check is recorded as the relaxation', () => {
    const c = chart();
    new SecureTask(c, 'unit', {
      parameters: [{ name: 'url', constraint: ParamConstraint.pattern('^https://[a-z0-9./-]+$', 'an https URL') }],
      steps: [gitStep(['clone', '$(params.url)'])],
    });
    const m = only(c, 'Task');
    expect(m.spec.steps[0].script).toContain('case "$PARAM_URL" in -*) fail \'url\' \'a value that does not start with "-"\' ;; esac');
    expect(m.metadata.annotations['secure-tekton/relax.ARGUMENT_INJECTION']).toBe(
      "step/fetch: param 'url' is checked by step 'validate-params' before this step runs (an https URL), and never starts with '-'");
  });

  test('the record holds only while every argument it covers is a checked param: a patched-in result is refused', () => {
    const c = chart();
    const t = new SecureTask(c, 'unit', {
      parameters: [{ name: 'url', constraint: ParamConstraint.pattern('^https://[a-z0-9./-]+$', 'an https URL') }],
      steps: [gitStep(['clone', '$(params.url)'])],
    });
    t.apiObject.addJsonPatch(JsonPatch.add('/spec/steps/1/args/-', '$(tasks.other.results.dir)'));
    expect(() => only(c, 'Task')).toThrow(
      "SecureTask 'test/unit' step 'fetch': args[2] \"$(tasks.other.results.dir)\" starts an argument, so a value starting with '-' becomes an option [ARGUMENT_INJECTION].",
    );
  });

  test('a constrained param that starts a sidecar\'s argument is refused: the sidecar starts before the validation step checks it', () => {
    const c = chart();
    new SecureTask(c, 'unit', {
      parameters: [{ name: 'url', constraint: ParamConstraint.pattern('^https://[a-z0-9./-]+$', 'an https URL') }],
      steps: [step()],
      sidecars: [step({ name: 'proxy', script: undefined, command: ['proxy'], args: ['$(params.url)'] })],
    });
    expect(messageOf(() => only(c, 'Task'))).toBe(
      "SecureTask 'test/unit' sidecar 'proxy': args[0] \"$(params.url)\" starts an argument, so a value starting with '-' becomes an option [ARGUMENT_INJECTION]. "
      + "Pass it through env instead (env: { URL: '$(params.url)' }), put it after a literal '--' where it ends the options (after the last option and its value, as in -xf FILE --, never right after an option that takes a value, as in -xf --) or behind a literal prefix such as '--flag=', "
      + "or add relaxations: [{ rule: RuleId.ARGUMENT_INJECTION, reason: '<why>' }] to sidecar 'proxy'.",
    );
  });

  describe('the record holds only while the validation is written as emitted', () => {
    const REFUSED = "SecureTask 'test/unit' step 'fetch': args[1] \"$(params.url)\" starts an argument, so a value starting with '-' becomes an option [ARGUMENT_INJECTION]. "
      + "Pass it through env instead (env: { URL: '$(params.url)' }), constrain param 'url' (e.g. constraint: ParamConstraint.pattern('^[a-z0-9][a-z0-9./:@-]*$', "
      + "'<what it is>')), which the validation step then checks, put it after a literal '--' where it ends the options (after the last option and its value, as in -xf FILE --, never right after an option that takes a value, as in -xf --) or behind a literal prefix such as '--flag=', "
      + "or add relaxations: [{ rule: RuleId.ARGUMENT_INJECTION, reason: '<why>' }] to step 'fetch'.";
    function validated(...patches: JsonPatch[]) {
      const c = chart();
      const t = new SecureTask(c, 'unit', {
        parameters: [{ name: 'url', constraint: ParamConstraint.oneOf(['https://example.com/a.git', 'https://example.com/b.git']) }],
        steps: [gitStep(['clone', '$(params.url)'])],
      });
      t.apiObject.addJsonPatch(...patches);
      return () => only(c, 'Task');
    }

    test.each<[string, JsonPatch[]]>([
      ['the validation step removed', [JsonPatch.remove('/spec/steps/0')]],
      ['its script changed', [JsonPatch.replace('/spec/steps/0/script', '#!/bin/sh\ntrue\n')]],
      ['it continues when the check fails', [JsonPatch.add('/spec/steps/0/onError', 'continue')]],
      ['it moved after the step', [JsonPatch.move('/spec/steps/0', '/spec/steps/1')]],
      ['the step template changed', [JsonPatch.add('/spec/stepTemplate/env', [{ name: 'PATH', value: '/workspace/source/bin' }])]],
    ])('%s: the finding comes back', (_, patches) => {
      expect(messageOf(validated(...patches))).toBe(REFUSED);
    });

    test('the param given an enum of its own: the finding comes back, beside Tekton\'s webhook refusing the enum under its default feature flags', () => {
      expect(messageOf(validated(JsonPatch.add('/spec/params/0/enum', ['--upload-pack=touch /tmp/pwned'])))).toBe('2 findings; nothing was written:\n'
        + '  SecureTask \'test/unit\': spec.params[0].enum restricts the param url to a list of values: Tekton\'s webhook admits an enum only while the feature flag '
        + 'enable-param-enum is "true", and it is "false" (as Tekton\'s default): Tekton\'s webhook refuses the Task, so it is never created (kubectl apply fails with '
        + 'admission webhook "validation.webhook.pipeline.tekton.dev" denied the request: validation failed: feature flag `enable-param-enum` should be set to true '
        + 'to use Enum: spec.params[url]) [TEKTON_ADMITTED]. Set enable-param-enum: "true" in the feature-flags ConfigMap (namespace tekton-pipelines), or remove '
        + `the enum of url.\n  ${REFUSED}`);
    });

    test('the param declared twice: the finding comes back, beside Tekton\'s webhook refusing the Task', () => {
      expect(messageOf(validated(JsonPatch.add('/spec/params/-', { name: 'url', type: 'string' })))).toBe('2 findings; nothing was written:\n'
        + '  SecureTask \'test/unit\': spec.params[1].name "url" declares the param twice: Tekton\'s webhook refuses the Task, so it is never created '
        + '(kubectl apply fails with admission webhook "validation.webhook.pipeline.tekton.dev" denied the request: validation failed: parameter appears '
        + 'more than once: spec.params[url]) [TEKTON_ADMITTED]. Declare the param url once in the Task\'s params.\n'
        + `  ${REFUSED}`);
    });

    test('embedded in a Pipeline: a patch of the embedded spec that removes the validation step brings the finding back', () => {
      const embedded = (patched: boolean, url = '$(params.url)') => {
        const c = chart();
        const t = new SecureTask(c, 'unit', {
          parameters: [{ name: 'url', constraint: ParamConstraint.oneOf(['https://example.com/a.git']) }],
          steps: [gitStep(['clone', '$(params.url)'])],
        });
        // the run chooses the url through the pipeline's param (a string param of the name the args use whole: an array of that name would take its place)
        const p = new SecurePipeline(c, 'ci', { embedTasks: true, parameters: [{ name: 'url' }] });
        p.addTask({ task: t, parameters: { url } });
        if (patched) p.apiObject.addJsonPatch(JsonPatch.remove('/spec/tasks/0/taskSpec/steps/0'));
        return () => only(c, 'Pipeline');
      };
      expect(embedded(false)().metadata.annotations['secure-tekton/relax.ARGUMENT_INJECTION']).toBe(
        "task/unit/step/fetch: param 'url' is checked by step 'validate-params' before this step runs (one of https://example.com/a.git), and never starts with '-'");
      expect(messageOf(embedded(true))).toBe(REFUSED);
      // a constant the pipeline task passes replaces any run's value in its spec: no caller chooses it, so nothing needs the record
      expect(embedded(false, 'https://example.com/a.git')().metadata.annotations?.['secure-tekton/relax.ARGUMENT_INJECTION']).toBeUndefined();
      expect(embedded(true, 'https://example.com/a.git')).not.toThrow();
    });

    test('a patch to another part of the task keeps it', () => {
      const m = validated(JsonPatch.add('/spec/description', 'clones the repository'))();
      expect(m.metadata.annotations['secure-tekton/relax.ARGUMENT_INJECTION']).toBe(
        "step/fetch: param 'url' is checked by step 'validate-params' before this step runs (one of https://example.com/a.git, https://example.com/b.git), "
        + "and never starts with '-'");
    });
  });

  test('a param behind a literal prefix or after "--" needs no check', () => {
    const c = chart();
    new SecureTask(c, 'unit', { parameters: [{ name: 'url' }, { name: 'dir' }], steps: [gitStep(['clone', '--origin=$(params.dir)', '--', '$(params.url)'])] });
    expect(only(c, 'Task').metadata.annotations).toBeUndefined();
  });
});

describe('SecureTask variables Tekton substitutes', () => {
  test('the context variables of a task and the shell\'s own $(…) are accepted', () => {
    const { c } = task({
      steps: [step({
        env: { RUN: '$(context.taskRun.name)/$(context.taskRun.namespace)/$(context.taskRun.uid)', TASK: '$(context.task.name)', RETRY: '$(context.task.retry-count)' },
        script: '#!/bin/sh\necho "$(date) $RUN $TASK $RETRY"\n',
      })],
    });
    expect(only(c, 'Task').spec.steps[0].env).toEqual([
      { name: 'RUN', value: '$(context.taskRun.name)/$(context.taskRun.namespace)/$(context.taskRun.uid)' },
      { name: 'TASK', value: '$(context.task.name)' },
      { name: 'RETRY', value: '$(context.task.retry-count)' },
    ]);
  });

  test('a shell command substitution spelled like a param with a space ($( params.x)) is the shell\'s own: no undeclared param', () => {
    const { c } = task({ steps: [step({ script: '#!/bin/sh\necho "$( params.x)"\n' })] });
    expect(only(c, 'Task').spec.steps[0].script).toBe('#!/bin/sh\necho "$( params.x)"\n');
  });

  test('a constrained param with dots in its name reaches the check in bracket notation', () => {
    const { c } = task({ parameters: [{ name: 'git.revision', constraint: ParamConstraint.gitSha() }] });
    expect(only(c, 'Task').spec.steps[0].env).toEqual([{ name: 'PARAM_GIT_REVISION', value: '$(params["git.revision"])' }]);
  });

  test('a workspace below /tmp or next to another is accepted', () => {
    const { c } = task({
      workspaces: [{ name: 'src', domain: TrustDomain.SOURCE, mountPath: '/tmp/src' }, { name: 'out', domain: TrustDomain.OUTPUT, mountPath: '/workspace/src-out' }],
    });
    expect(only(c, 'Task').spec.workspaces.map((w: any) => w.mountPath)).toEqual(['/tmp/src', '/workspace/src-out']);
  });

  test('a workspace under /tekton is refused: Tekton mounts its own volumes there', () => {
    for (const mountPath of ['/tekton/scripts', '/tekton/home/../results', '/tekton']) {
      expect(() => task({ workspaces: [{ name: 'src', domain: TrustDomain.SOURCE, mountPath }] })).toThrow(
        `SecureTask 'test/unit': workspaces[src].mountPath "${mountPath}" is under /tekton, where Tekton mounts its own volumes (scripts, entrypoint binaries, `
        + 'results, step state, credentials) [VALID_SPEC]. Mount the workspace elsewhere, e.g. leave mountPath out: /workspace/src.',
      );
    }
    expect(() => task({ workspaces: [{ name: 'src', domain: TrustDomain.SOURCE, mountPath: '/tektonic' }] })).not.toThrow();
  });

  test('a workspace mountPath a param chooses is refused as the prop it was written in [MOUNT_PATH_FIXED], and relaxable in the props', () => {
    const workspaces = [{ name: 'src', domain: TrustDomain.SOURCE, mountPath: '/ws/$(params.dir)' }];
    expect(() => Testing.synth(task({ parameters: [{ name: 'dir' }], workspaces }).c)).toThrow(
      'SecureTask \'test/unit\': workspaces[src].mountPath "/ws/$(params.dir)" lets a caller choose with $(params.dir) where the workspace is mounted in '
      + "every step and sidecar that uses it (Tekton substitutes params there, in the declaration's mountPath): over the programs they run (the image's /usr/bin, "
      + "Tekton's /tekton/bin and /tekton/scripts) or another mount, with the content the run binds [MOUNT_PATH_FIXED]. Leave mountPath out (the "
      + 'workspace is then at /workspace/src) or give a fixed path, and pass what varies as data: an env var a step reads, a directory the step '
      + "creates below the workspace. Or relax MOUNT_PATH_FIXED with a reason in its props: relaxations: [{ rule: RuleId.MOUNT_PATH_FIXED, reason: '<why>' }].",
    );
    // the fix applied as written
    expect(() => Testing.synth(task({ parameters: [{ name: 'dir' }], workspaces: [{ name: 'src', domain: TrustDomain.SOURCE }] }).c)).not.toThrow();
    const relaxations = [{ rule: RuleId.MOUNT_PATH_FIXED, reason: 'the platform team picks the source directory' }];
    expect(() => Testing.synth(task({ parameters: [{ name: 'dir' }], workspaces, relaxations }).c)).not.toThrow();
  });

  test('a relative workspace mountPath is refused: the kubelet mounts it under /, Tekton hands the steps the relative path', () => {
    expect(() => task({ workspaces: [{ name: 'src', domain: TrustDomain.SOURCE, mountPath: 'src' }] })).toThrow(
      'SecureTask \'test/unit\': workspaces[src].mountPath "src" is a relative path: the kubelet mounts the volume at "/src", but Tekton gives the steps '
      + '$(workspaces.src.path) as "src", which each step resolves from its own working directory [VALID_SPEC]. '
      + "Give an absolute path, mountPath: '/src', or leave mountPath out: /workspace/src.",
    );
    // "tmp" would be mounted over the scratch emptyDir at /tmp
    expect(() => task({ workspaces: [{ name: 'src', domain: TrustDomain.SOURCE, mountPath: './tmp' }] })).toThrow(
      'workspaces[src].mountPath "./tmp" is a relative path: the kubelet mounts the volume at "/tmp"',
    );
  });

  test('a relative workingDir is refused: the container runtime does not start a container whose working directory is relative', () => {
    const problem = 'is a relative path, which the container runtime refuses (runc: "Cwd must be an absolute path"; the OCI runtime spec requires an absolute '
      + 'working directory), so the pod never starts';
    expect(() => task({ steps: [step({ workingDir: 'src' })] })).toThrow(
      `SecureTask 'test/unit' step 'run': workingDir "src" ${problem} [VALID_SPEC]. Give an absolute path, e.g. workingDir: '$(workspaces.<name>.path)/src' or '/src'.`,
    );
    expect(() => task({ sidecars: [step({ name: 'db', command: ['/bin/db'], script: undefined, workingDir: 'data/$(params.x)' })], parameters: [{ name: 'x' }] })).toThrow(
      `SecureTask 'test/unit' sidecar 'db': workingDir "data/$(params.x)" ${problem} [VALID_SPEC]. `
      + "Give an absolute path, e.g. workingDir: '$(workspaces.<name>.path)/data' or '/data': $(params.x) there lets a caller choose the working directory [ARGUMENT_INJECTION]; "
      + "if it must, write '$(workspaces.<name>.path)/data/$(params.x)' and add relaxations: [{ rule: RuleId.ARGUMENT_INJECTION, reason: '<why>' }] to sidecar 'db'.",
    );
    expect(() => task({ steps: [step({ workingDir: 'out-$(params.x)/sub' })], parameters: [{ name: 'x' }] })).toThrow(
      `SecureTask 'test/unit' step 'run': workingDir "out-$(params.x)/sub" ${problem} [VALID_SPEC]. `
      + "Give an absolute path, e.g. workingDir: '$(workspaces.<name>.path)': $(params.x) there lets a caller choose the working directory [ARGUMENT_INJECTION]; "
      + "if it must, write '$(workspaces.<name>.path)/out-$(params.x)/sub' and add relaxations: [{ rule: RuleId.ARGUMENT_INJECTION, reason: '<why>' }] to step 'run'.",
    );
    // the fixes, pasted, synthesize; the path that keeps the param does so only relaxed
    const db = (workingDir: string, relaxations?: Relaxation[]) => only(task({
      workspaces: [{ name: 'src', domain: TrustDomain.SOURCE }],
      parameters: [{ name: 'x' }],
      sidecars: [step({ name: 'db', command: ['/bin/db'], script: undefined, workingDir, relaxations })],
    }).c, 'Task');
    for (const workingDir of ['$(workspaces.src.path)/data', '/data']) expect(db(workingDir).spec.sidecars[0].workingDir).toBe(workingDir);
    expect(() => db('$(workspaces.src.path)/data/$(params.x)')).toThrow('workingDir "$(params.x)" lets the caller choose the working directory [ARGUMENT_INJECTION]');
    expect(db('$(workspaces.src.path)/data/$(params.x)', [{ rule: RuleId.ARGUMENT_INJECTION, reason: 'the directory names the component' }]).spec.sidecars[0].workingDir)
      .toBe('$(workspaces.src.path)/data/$(params.x)');
    // a variable whose value is a name, such as the TaskRun's, starts a relative path (the catalogue's ABSOLUTE_PATHS reads paths so)
    expect(() => task({ steps: [step({ workingDir: '$(context.taskRun.name)' })] })).toThrow(
      `SecureTask 'test/unit' step 'run': workingDir "$(context.taskRun.name)" ${problem} [VALID_SPEC]. `
      + "Give an absolute path, e.g. workingDir: '$(workspaces.<name>.path)/$(context.taskRun.name)' or '/$(context.taskRun.name)'.",
    );
    // absolute, or starting with a reference Tekton replaces with an absolute path (a workspace's, a param's value is the caller's)
    for (const workingDir of ['/src', '$(workspaces.src.path)/sub']) {
      expect(() => task({ workspaces: [{ name: 'src', domain: TrustDomain.SOURCE }], steps: [step({ workingDir })] })).not.toThrow();
    }
  });

  test('a param in workingDir is refused with a fix for a directory: a path the task fixes, or a relaxation, each accepted', () => {
    const src = { parameters: [{ name: 'dir' }], workspaces: [{ name: 'src', domain: TrustDomain.SOURCE }] };
    const synthTask = (props: Partial<ConstructorParameters<typeof SecureTask>[2]>) => () => only(task(props).c, 'Task');
    expect(synthTask({ ...src, steps: [step({ workingDir: '$(workspaces.src.path)/$(params.dir)' })] })).toThrow(new Error(
      "SecureTask 'test/unit' step 'run': workingDir \"$(params.dir)\" lets the caller choose the working directory [ARGUMENT_INJECTION]. Give workingDir a path the "
      + "task fixes, such as '$(workspaces.<name>.path)' or a directory under it ('$(workspaces.<name>.path)/<dir>'), or add relaxations: "
      + "[{ rule: RuleId.ARGUMENT_INJECTION, reason: '<why>' }] to step 'run'.",
    ));
    expect(synthTask({ ...src, sidecars: [step({ name: 'db', command: ['/bin/db'], script: undefined, workingDir: '$(params.dir)' })] })).toThrow(new Error(
      "SecureTask 'test/unit' sidecar 'db': workingDir \"$(params.dir)\" lets the caller choose the working directory [ARGUMENT_INJECTION]. Give workingDir a path the "
      + "task fixes, such as '$(workspaces.<name>.path)' or a directory under it ('$(workspaces.<name>.path)/<dir>'), or add relaxations: "
      + "[{ rule: RuleId.ARGUMENT_INJECTION, reason: '<why>' }] to sidecar 'db'.",
    ));
    for (const fixed of [{ workingDir: '$(workspaces.src.path)' }, { workingDir: '$(workspaces.src.path)/sub' },
      { workingDir: '$(params.dir)', relaxations: [{ rule: RuleId.ARGUMENT_INJECTION, reason: 'the run chooses the directory to test' }] }]) {
      expect(synthTask({ ...src, steps: [step(fixed)] })).not.toThrow();
    }
  });

  test('a script that only mentions #!win later is not a Windows script', () => {
    const { c } = task({ steps: [step({ script: '#!/bin/sh\necho "#!win"\n' })] });
    expect(only(c, 'Task').spec.steps[0].script).toBe('#!/bin/sh\necho "#!win"\n');
  });
});

describe('SecureTask steps that run a SecureStepAction: only the StepAction the app writes under that name, in the Task\'s namespace', () => {
  /** SecureStepAction `checksum` (in the chart `where` gives), run by step 'sum' of SecureTask `package` in namespace `ci`. */
  function uses(where: (app: App, c: Chart) => Chart, patch?: (a: SecureStepAction) => void) {
    const app = Testing.app();
    const c = new Chart(app, 'test', { namespace: 'ci' });
    const action = new SecureStepAction(where(app, c), 'checksum', {
      image: PINNED, parameters: [{ name: 'file' }], env: { FILE: '$(params.file)' }, script: '#!/bin/sh\nsha256sum "$FILE"\n',
    });
    patch?.(action);
    new SecureTask(c, 'package', { steps: [{ name: 'sum', action, actionParameters: { file: 'dist/app.tar' } }] });
    return () => Testing.synth(c);
  }
  const refused = (owner: string, why: string, fix: string) => 'SecureTask \'test/package\' step \'sum\': action "checksum" runs StepAction \'checksum\' '
    + `of SecureStepAction '${owner}', but ${why}: the step's ref runs whatever StepAction 'checksum' the run's namespace 'ci' holds when the run starts `
    + `[VALID_REFERENCE]. ${fix}`;

  test.each<[string, (app: App, c: Chart) => Chart, ((a: SecureStepAction) => void) | undefined, string]>([
    ['in a chart of another namespace', (app) => new Chart(app, 'tools', { namespace: 'tools' }), undefined, refused('tools/checksum',
      "its StepAction is written in namespace 'tools', the Task in 'ci'",
      "Create SecureStepAction 'tools/checksum' in a chart of the Task's namespace: a Chart whose namespace prop is 'ci'.")],
    ['in another App', () => new Chart(Testing.app(), 'tools', { namespace: 'ci' }), undefined, refused('tools/checksum',
      'that SecureStepAction is in another App, so this app writes no such StepAction',
      "Create SecureStepAction 'tools/checksum' in this app, in a chart of the Task's namespace (a Chart whose namespace prop is 'ci'), "
      + 'so that synth writes and checks its StepAction.')],
    ['renamed by a patch', (_, c) => c, (a) => a.apiObject.addJsonPatch(JsonPatch.replace('/metadata/name', 'checksum-v2')), refused('test/checksum',
      'its StepAction is written as "checksum-v2" (a patch of metadata.name)',
      "Remove the patch of metadata.name from the apiObject of SecureStepAction 'test/checksum'; to name the StepAction, give the SecureStepAction its name prop (name: 'checksum').")],
    ['moved to another namespace by a patch', (_, c) => c, (a) => a.apiObject.addJsonPatch(JsonPatch.replace('/metadata/namespace', 'tools')), refused('test/checksum',
      "its StepAction is written in namespace 'tools', the Task in 'ci'",
      "Remove the patch of metadata.namespace from the apiObject of SecureStepAction 'test/checksum'.")],
    ['taken out of the app', (_, c) => c, (a) => a.node.tryRemoveChild('Resource'), refused('test/checksum',
      'its StepAction was taken out of the app, so the app writes no such StepAction',
      "Keep the StepAction of SecureStepAction 'test/checksum' in the app (remove no construct on its path).")],
  ])('%s: refused', (_, where, patch, message) => {
    expect(messageOf(uses(where, patch))).toBe(message);
  });

  describe('a step ref as written, other than its action\'s, names a StepAction the app writes in the Task\'s namespace', () => {
    const unchecked = (why: string) => "SecureTask 'test/package' step 'sum': ref.name \"unchecked\" names StepAction 'unchecked', which the app does not write "
      + `in namespace 'ci' (${why}): the step runs whatever StepAction 'unchecked' the run's namespace holds when the run starts, unchecked [VALID_REFERENCE]. `
      + "Run a StepAction the app writes and checks: a SecureStepAction as the step's action prop, without a patch of ref.";
    const packaged = () => {
      const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
      const action = new SecureStepAction(c, 'checksum', { image: PINNED, script: '#!/bin/sh\nsha256sum dist/app.tar\n' });
      return { c, t: new SecureTask(c, 'package', { steps: [{ name: 'sum', action }] }) };
    };

    test('a patch of the ref of a step that runs an action: refused', () => {
      const { c, t } = packaged();
      t.apiObject.addJsonPatch(JsonPatch.replace('/spec/steps/0/ref/name', 'unchecked'));
      expect(messageOf(() => Testing.synth(c))).toBe(unchecked("not 'checksum', the step's action: an escape-hatch patch changed it"));
    });

    test('a patch that gives a step a ref its props do not: refused', () => {
      const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
      const t = new SecureTask(c, 'package', { steps: [step({ name: 'sum' })] });
      t.apiObject.addJsonPatch(JsonPatch.add('/spec/steps/0/ref', { name: 'unchecked' }), JsonPatch.remove('/spec/steps/0/image'), JsonPatch.remove('/spec/steps/0/script'));
      expect(messageOf(() => Testing.synth(c))).toBe(unchecked("the step's props name no action: an escape-hatch patch wrote it"));
    });

    test('a patch to another StepAction the app writes there: accepted (that StepAction is checked)', () => {
      const { c, t } = packaged();
      new SecureStepAction(c, 'checksum-v2', { image: PINNED, script: '#!/bin/sh\nsha256sum dist/app.tar\n' });
      t.apiObject.addJsonPatch(JsonPatch.replace('/spec/steps/0/ref/name', 'checksum-v2'));
      expect(Testing.synth(c).find((o: any) => o.kind === 'Task').spec.steps[0].ref).toEqual({ name: 'checksum-v2' });
    });
  });

  test('embedded in a pipeline of another namespace: the StepAction must be written in the pipeline\'s namespace, where its runs look it up', () => {
    /** The task of `uses` in chart 'test' (ci), its StepAction in namespace `actionNs`, embedded by a pipeline in 'prod'; `alsoRef` adds a pipeline in ci that refers to it. */
    const embedded = (actionNs: string, alsoRef = false) => {
      const app = Testing.app();
      const c = new Chart(app, 'test', { namespace: 'ci' });
      const action = new SecureStepAction(new Chart(app, 'tools', { namespace: actionNs }), 'checksum', {
        image: PINNED, parameters: [{ name: 'file' }], env: { FILE: '$(params.file)' }, script: '#!/bin/sh\nsha256sum "$FILE"\n',
      });
      const packaged = new SecureTask(c, 'package', { steps: [{ name: 'sum', action, actionParameters: { file: 'dist/app.tar' } }] });
      new SecurePipeline(new Chart(app, 'release', { namespace: 'prod' }), 'release', { embedTasks: true }).addTask({ task: packaged });
      if (alsoRef) new SecurePipeline(c, 'ci-pipeline').addTask({ task: packaged });
      return app;
    };
    const refusedIn = (why: string, namespace: string, fix: string) => 'SecureTask \'test/package\' step \'sum\': action "checksum" runs StepAction \'checksum\' '
      + `of SecureStepAction 'tools/checksum', but ${why}: the step's ref runs whatever StepAction 'checksum' the run's namespace '${namespace}' holds when the run starts `
      + `[VALID_REFERENCE]. ${fix}`;
    // the Task is written nowhere (every pipeline embeds it): the task's own chart namespace is not where it runs
    expect(messageOf(() => embedded('ci').synth())).toBe(refusedIn(
      "its StepAction is written in namespace 'ci', the embedding pipeline in 'prod'", 'prod',
      "Create SecureStepAction 'tools/checksum' in a chart of the embedding pipeline's namespace: a Chart whose namespace prop is 'prod'.",
    ));
    // written as a Task in ci too (another pipeline refers to it): both namespaces need it
    expect(messageOf(() => embedded('ci', true).synth())).toContain("its StepAction is written in namespace 'ci', the embedding pipeline in 'prod'");
    expect(messageOf(() => embedded('prod', true).synth())).toContain("its StepAction is written in namespace 'prod', the Task in 'ci'");
    expect(() => embedded('prod').synth()).not.toThrow();
  });

  test('an action that is not a SecureStepAction names a StepAction nothing checks: refused', () => {
    const c = chart();
    const elsewhere: IStepAction = { name: 'root-shell', paramNames: [], param: () => undefined, hasResult: () => false };
    new SecureTask(c, 'package', { steps: [{ name: 'sum', action: elsewhere }] });
    expect(messageOf(() => Testing.synth(c))).toBe("SecureTask 'test/package' step 'sum': action \"root-shell\" is not a SecureStepAction, so this app neither "
      + "writes nor checks the StepAction it names: the step's ref runs whatever StepAction 'root-shell' the run's namespace holds when the run starts, "
      + "with its own image, script and securityContext [VALID_REFERENCE]. Write the StepAction in this app and pass it as the step's action prop: "
      + "a SecureStepAction of construct id 'root-shell', with its image ('<repository>@sha256:<64 hex>') and script.");
  });

  test('written in the Task\'s namespace, from another chart: the step refers to it', () => {
    const objects = uses((app) => new Chart(app, 'tools', { namespace: 'ci' }))();
    expect(objects.find((o: any) => o.kind === 'Task').spec.steps[0].ref).toEqual({ name: 'checksum' });
  });
});
