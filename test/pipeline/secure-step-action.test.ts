import { Duration, Testing } from 'cdk8s';
import { ParamConstraint, ParamType, RuleId, SecurePipeline, SecureStepAction, SecureStepActionProps, SecureTask, StepProps, TrustDomain } from '../../src';
import { chart, HARDENED_SECURITY_CONTEXT, only, PINNED, refusalLinesOf, step } from '../helpers/constructs';
import { expectValidManifests } from '../helpers/schema';
import { describeWithOracle, runOracle } from '../helpers/tekton-oracle';

const CHECKSUM: SecureStepActionProps = {
  image: PINNED,
  parameters: [{ name: 'file' }, { name: 'algorithm', defaultValue: 'sha256' }],
  results: [{ name: 'sum' }],
  env: { FILE: '$(params.file)', ALGORITHM: '$(params.algorithm)' },
  script: '#!/bin/sh\nset -eu\ncksum --algorithm="$ALGORITHM" --untagged "$FILE" | cut -d" " -f1 | tr -d "\\n" > $(step.results.sum.path)\n',
};

function app(steps: (action: SecureStepAction) => StepProps[], actionProps: Partial<SecureStepActionProps> = {}) {
  const c = chart();
  const action = new SecureStepAction(c, 'checksum', { ...CHECKSUM, ...actionProps });
  const task = new SecureTask(c, 'package', { parameters: [{ name: 'artifact' }], steps: steps(action) });
  return { c, action, task };
}

const uses = (action: SecureStepAction): StepProps[] => [
  { name: 'sum', action, actionParameters: { file: '$(params.artifact)' }, resources: { cpuLimit: '200m' }, timeout: Duration.minutes(2) },
  step({ name: 'print', env: { SUM: '$(steps.sum.results.sum)' }, script: '#!/bin/sh\necho "$SUM"\n' }),
];

describe('SecureStepAction', () => {
  test('is a tekton.dev/v1beta1 StepAction, hardened like a step, with no compute resources of its own', () => {
    const { c } = app(uses);
    const sa = only(c, 'StepAction');
    expect(sa.apiVersion).toBe('tekton.dev/v1beta1');
    expect(sa.spec.securityContext).toEqual(HARDENED_SECURITY_CONTEXT);
    expect(sa.spec.computeResources).toBeUndefined();
    expect(sa.spec.params).toEqual([{ name: 'file', type: 'string' }, { name: 'algorithm', type: 'string', default: 'sha256' }]);
    expect(sa.spec.results).toEqual([{ name: 'sum', type: 'string' }]);
  });

  test('a step runs it by ref with its params, resources, securityContext and timeout; the stepTemplate mounts /tmp and $HOME for it', () => {
    const { c } = app(uses);
    const spec = only(c, 'Task').spec;
    expect(spec.steps[0]).toEqual({
      name: 'sum',
      ref: { name: 'checksum' },
      params: [{ name: 'file', value: '$(params.artifact)' }],
      computeResources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '200m', memory: '512Mi' } },
      securityContext: HARDENED_SECURITY_CONTEXT,
      timeout: '0h2m0s',
    });
    expect(spec.stepTemplate.volumeMounts).toEqual([{ name: 'secure-tmp', mountPath: '/tmp' }, { name: 'secure-home', mountPath: '/home/tekton' }]);
    expect(spec.steps[1].env).toEqual([{ name: 'SUM', value: '$(steps.sum.results.sum)' }]);
  });

  test('its env is written in the order given, a variable another references moved before it', () => {
    const { c } = app(uses, { env: { TARGET: '$(FILE).sum', FILE: '$(params.file)', ALGORITHM: '$(params.algorithm)' } });
    expect(only(c, 'StepAction').spec.env.map((e: { name: string }) => e.name)).toEqual(['FILE', 'TARGET', 'ALGORITHM']);
  });

  test('a step writes its actionParameters sorted by name, whatever the order of the map given', () => {
    const { c } = app((action) => [{ name: 'sum', action, actionParameters: { file: '$(params.artifact)', algorithm: 'sha512' } }]);
    expect(only(c, 'Task').spec.steps[0].params).toEqual([{ name: 'algorithm', value: 'sha512' }, { name: 'file', value: '$(params.artifact)' }]);
  });

  test('a task without StepActions mounts scratch per step only, as before', () => {
    const c = chart();
    new SecureTask(c, 't', { steps: [step()] });
    expect(only(c, 'Task').spec.stepTemplate.volumeMounts).toBeUndefined();
  });

  test('passes every rule and the strict schemas', () => {
    const { c } = app(uses);
    expectValidManifests(Testing.synth(c));
  });

  test('a capability beyond baseline in addCapabilities (JavaScript only) is said as addCapabilities, with a fix in the props', () => {
    const c = chart();
    const action = new SecureStepAction(c, 'act', { ...CHECKSUM, addCapabilities: ['SYS_ADMIN'] as unknown as StepProps['addCapabilities'] });
    new SecureTask(c, 'unit', { steps: [{ name: 'sum', action, actionParameters: { file: '/tmp/f' } }] });
    expect(refusalLinesOf(c, RuleId.NOT_PRIVILEGED)).toEqual([
      "SecureStepAction 'test/act' stepAction 'act': addCapabilities \"SYS_ADMIN\" adds \"SYS_ADMIN\", beyond the capabilities Pod Security baseline allows "
      + '(AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT) [NOT_PRIVILEGED]. '
      + 'Remove addCapabilities (it takes only Capability values, and "SYS_ADMIN" is none); this rule cannot be relaxed.',
    ]);
  });

  // a StepAction has no validate-params step (a constraint on its param is refused): its fix offers what works there, and each of them clears it
  test('a param starting an argument of a StepAction\'s args: the fix offers a \'--\', a literal prefix, a script reading env or a relaxation, each of which clears it', () => {
    const tar = (props: Partial<SecureStepActionProps>) => {
      const c = chart();
      new SecureStepAction(c, 'act', { image: PINNED, parameters: [{ name: 'f' }], command: ['/bin/tar'], ...props });
      return c;
    };
    expect(refusalLinesOf(tar({ args: ['-x', '-f', '$(params.f)'] }), RuleId.ARGUMENT_INJECTION)).toEqual([
      "SecureStepAction 'test/act' stepAction 'act': args[2] \"$(params.f)\" starts an argument, so a value starting with '-' becomes an option [ARGUMENT_INJECTION]. "
      + "Put it after a literal '--' where it ends the options (after the last option and its value, as in -xf FILE --, never right after an option that takes a value, as in -xf --) or behind a literal prefix the program reads as data (such as '--file=$(params.f)'), read it from env in a script instead "
      + "(env: { F: '$(params.f)' }, then \"$F\", quoted, after a '--'), or add relaxations: [{ rule: RuleId.ARGUMENT_INJECTION, reason: '<why>' }] to the SecureStepAction's props.",
    ]);
    const fixed: Array<Partial<SecureStepActionProps>> = [
      { args: ['-x', '--file=$(params.f)'] },
      { command: ['/bin/cat'], args: ['--', '$(params.f)'] },
      { command: undefined, env: { F: '$(params.f)' }, script: '#!/bin/sh\nexec cat -- "$F"\n' },
      { args: ['-x', '-f', '$(params.f)'], relaxations: [{ rule: RuleId.ARGUMENT_INJECTION, reason: 'tar reads the word after -f as the archive' }] },
    ];
    for (const props of fixed) expect(() => Testing.synth(tar(props))).not.toThrow();
    // a SecureTask's step still offers the constraint its validate-params step checks
    const c = chart();
    new SecureTask(c, 'unit', { parameters: [{ name: 'f' }], steps: [step({ script: undefined, command: ['/bin/tar'], args: ['-x', '-f', '$(params.f)'] })] });
    expect(refusalLinesOf(c, RuleId.ARGUMENT_INJECTION)[0]).toContain("constrain param 'f' (e.g. constraint: ParamConstraint.pattern(");
  });

  test('a tagged image is refused on the StepAction, and relaxed there', () => {
    expect(() => Testing.synth(app(uses, { image: 'alpine:3.21' }).c)).toThrow(
      "SecureStepAction 'test/checksum' stepAction 'checksum': image \"alpine:3.21\" is not pinned by digest [IMAGE_DIGEST]. Pin it as \"alpine@sha256:<64 hex>\", or add relaxations: [{ rule: RuleId.IMAGE_DIGEST, reason: '<why>' }] to the SecureStepAction's props.");
    const relaxed = app(uses, { image: 'alpine:3.21', relaxations: [{ rule: RuleId.IMAGE_DIGEST, reason: 'vendor publishes by tag only' }] });
    expect(only(relaxed.c, 'StepAction').metadata.annotations['secure-tekton/relax.IMAGE_DIGEST']).toBe('*: vendor publishes by tag only');
  });

  test.each<[string, Partial<SecureStepActionProps>, string]>([
    ['a param in the script', { script: '#!/bin/sh\necho $(params.file)\n' },
      "SecureStepAction 'test/checksum' stepAction 'checksum': script \"$(params.file)\" pastes a substitution into a script [SCRIPT_INJECTION]. Pass it through env instead: env: { FILE: '$(params.file)' }, and use \"$FILE\" (quoted) in the script."],
    ['the root group', { runAsGroup: 0 },
      "SecureStepAction 'test/checksum' stepAction 'checksum': runAsGroup \"0\" runs in the root group: every file of the image or a volume that group root may write, "
      + "the step may write [RUN_AS_NON_ROOT]. Remove runAsGroup (the default is GID 65532), or add relaxations: [{ rule: RuleId.RUN_AS_NON_ROOT, reason: '<why>' }] "
      + "to the SecureStepAction's props."],
    ['a relative workingDir', { workingDir: 'src' },
      "SecureStepAction 'test/checksum': workingDir \"src\" is a relative path, which the container runtime refuses (runc: \"Cwd must be an absolute path\"; the OCI "
      + "runtime spec requires an absolute working directory), so the pod never starts [VALID_SPEC]. Give an absolute path, e.g. workingDir: '/workspace/<name>/src' or '/src'."],
    ['a relative workingDir under a param', { workingDir: 'data/$(params.file)' },
      "SecureStepAction 'test/checksum': workingDir \"data/$(params.file)\" is a relative path, which the container runtime refuses (runc: \"Cwd must be an absolute path\"; the OCI "
      + "runtime spec requires an absolute working directory), so the pod never starts [VALID_SPEC]. Give an absolute path, e.g. workingDir: '/workspace/<name>/data' or '/data': "
      + "$(params.file) there lets a caller choose the working directory [ARGUMENT_INJECTION]; if it must, write '/workspace/<name>/data/$(params.file)' and add relaxations: "
      + "[{ rule: RuleId.ARGUMENT_INJECTION, reason: '<why>' }] to the SecureStepAction's props."],
    ['a param as the working directory', { workingDir: '$(params.file)' },
      "SecureStepAction 'test/checksum' stepAction 'checksum': workingDir \"$(params.file)\" lets the caller choose the working directory [ARGUMENT_INJECTION]. Give workingDir "
      + "a literal path, such as '/workspace/<name>' (where Tekton mounts a task's workspace of that name that sets no mountPath), or, where every step that runs it passes a "
      + "path its task fixes (actionParameters: { file: '$(workspaces.<name>.path)' }), add relaxations: [{ rule: RuleId.ARGUMENT_INJECTION, reason: '<why>' }] to the "
      + "SecureStepAction's props."],
    ['script and command', { command: ['sh'] }, "SecureStepAction 'test/checksum': command \"sh\" is set together with script [VALID_SPEC]."],
    ['an undeclared param', { env: { X: '$(params.nope)' } }, "SecureStepAction 'test/checksum': env.X \"$(params.nope)\" references an undeclared param 'nope' [VALID_REFERENCE]."],
    ['a workspace of the task that runs it, in env', { env: { X: '$(workspaces.src.path)' } },
      "SecureStepAction 'test/checksum': env.X \"$(workspaces.src.path)\" references the workspace 'src' of the task that runs it: Tekton substitutes that task's workspace of that name, "
      + "and leaves the text as written in a task without one, so the StepAction works only in tasks that name a workspace 'src' [VALID_REFERENCE]. "
      + "Declare a param, parameters: [{ name: 'src-path' }], use '$(params.src-path)' in env.X; each step that runs it passes the workspace: actionParameters: { 'src-path': '$(workspaces.src.path)' }."],
    ['a workspace of the task that runs it, in the script', { script: '#!/bin/sh\nls $(workspaces.src.path)\n' },
      "SecureStepAction 'test/checksum': script \"$(workspaces.src.path)\" references the workspace 'src' of the task that runs it: Tekton substitutes that task's workspace of that name, "
      + "and leaves the text as written in a task without one, so the StepAction works only in tasks that name a workspace 'src' [VALID_REFERENCE]. "
      + "Declare a param, parameters: [{ name: 'src-path' }], pass it through env, env: { SRC_PATH: '$(params.src-path)' }, and use \"$SRC_PATH\" (quoted) in the script; "
      + "each step that runs it passes the workspace: actionParameters: { 'src-path': '$(workspaces.src.path)' }."],
    ['a workspace of the task that runs it, as the working directory', { workingDir: '$(workspaces.src.path)/sub' },
      "SecureStepAction 'test/checksum': workingDir \"$(workspaces.src.path)\" references the workspace 'src' of the task that runs it: Tekton substitutes that task's workspace of that name, "
      + "and leaves the text as written in a task without one, so the StepAction works only in tasks that name a workspace 'src' [VALID_REFERENCE]. "
      + "Declare a param, parameters: [{ name: 'src-path' }], use it as workingDir: '$(params.src-path)', and add relaxations: [{ rule: RuleId.ARGUMENT_INJECTION, "
      + "reason: 'every step passes a workspace path of its task' }] to the SecureStepAction's props; each step that runs it passes the workspace: actionParameters: { 'src-path': '$(workspaces.src.path)' }."],
    ['a result of the task that runs it', { script: '#!/bin/sh\necho ok > $(results.sum.path)\n' },
      "SecureStepAction 'test/checksum': script \"$(results.sum.path)\" references result 'sum' of the task that runs it: Tekton substitutes it only where that task declares a result 'sum' "
      + "[VALID_REFERENCE]. Declare it as the StepAction's own, results: [{ name: 'sum' }], write it to '$(step.results.sum.path)', and let the task fetch it ($(steps.<step>.results.sum))."],
    ['a result of a pipeline task', { env: { X: '$(tasks.build.results.digest)' } },
      "SecureStepAction 'test/checksum': env.X \"$(tasks.build.results.digest)\" references result 'digest' of pipeline task 'build', which Tekton substitutes in a Pipeline only, "
      + "never in a StepAction or a task's steps [VALID_REFERENCE]. Declare a param, e.g. parameters: [{ name: 'digest' }], pass it the result through the task's params, and use '$(params.digest)'."],
    ['an array param', { parameters: [{ name: 'files', valueType: ParamType.ARRAY }] }, "SecureStepAction 'test/checksum': parameters[files].valueType \"ParamType.ARRAY\" is not a string: steps pass a StepAction string values only (actionParameters) [VALID_SPEC]."],
    ['a constrained param', { parameters: [{ name: 'file', constraint: ParamConstraint.pattern('^[a-z./]+$', 'a relative path') }] },
      "SecureStepAction 'test/checksum': parameters[file].constraint \"a relative path\" is set on a StepAction param: a StepAction has no validation step of its own [VALID_SPEC]. "
      + "Move the constraint to the param of the SecureTask whose value the step passes (parameters: [{ name: '<param>', constraint }], actionParameters: { 'file': "
      + "'$(params.<param>)' }): its validate-params step checks it before the steps run."],
    ['a default that references a param the StepAction does not declare', { parameters: [{ name: 'file' }, { name: 'algorithm', defaultValue: '$(params.nope)' }] },
      "SecureStepAction 'test/checksum': parameters[algorithm].defaultValue \"$(params.nope)\" references param 'nope', which the StepAction does not declare: Tekton fails every run that uses this "
      + "default (parameter \"algorithm\" references non-existent parameter \"nope\") [VALID_REFERENCE]. Declare it, e.g. parameters: [{ name: 'nope' }, { name: 'algorithm', defaultValue: '$(params.nope)' }], or fix the name."],
    ['a default that references a param of the task, not of the StepAction', { parameters: [{ name: 'file' }, { name: 'algorithm', defaultValue: 'sha$(params.artifact)' }] },
      "SecureStepAction 'test/checksum': parameters[algorithm].defaultValue \"sha$(params.artifact)\" references param 'artifact', which the StepAction does not declare"],
    ['a default with a bracket reference beside a dot one (Tekton names it by the text between "$(params." and ")")',
      { parameters: [{ name: 'file' }, { name: 'algorithm', defaultValue: "$(params.file)$(params['file'])" }] },
      "SecureStepAction 'test/checksum': parameters[algorithm].defaultValue \"$(params.file)$(params['file'])\" references $(params['file']), which names no param of the StepAction (Tekton reads the text "
      + "between \"$(params.\" and \")\" as the name): Tekton fails every run that uses this default (parameter \"algorithm\" references non-existent parameter \"$(params['file']\") [VALID_REFERENCE]. "
      + "Reference a declared string param as $(params.<name>), e.g. parameters: [{ name: 'algorithm', defaultValue: '$(params.file)' }]."],
    ['a script that runs the value of a param, through env, as the program', { script: '#!/bin/sh\n"${ALGORITHM}sum" "$FILE" > $(step.results.sum.path)\n' },
      "SecureStepAction 'test/checksum' stepAction 'checksum': script \"\\\"${ALGORITHM}sum\\\" \\\"$FILE\\\" > $(step.results.sum.path)\" runs as code the value of env var "
      + 'ALGORITHM, which holds $(params.algorithm): it chooses the program the command runs [SCRIPT_INJECTION]. Pass "$ALGORITHM" as data, never as code: as a '
      + 'quoted argument of a fixed command, or to a shell as a positional parameter (sh -c \'tool "$1"\' _ "$ALGORITHM").'],
    ['defaults that reference each other', { parameters: [{ name: 'file' }, { name: 'algorithm', defaultValue: '$(params.mode)' }, { name: 'mode', defaultValue: '$(params.algorithm)' }] },
      "SecureStepAction 'test/checksum': parameters[algorithm].defaultValue \"$(params.mode)\" is part of a cycle of defaults ('algorithm', 'mode'): Tekton fails every run that uses it "
      + "(circular dependency detected in parameter references) [VALID_REFERENCE]. Give 'algorithm' a default that references no param of the cycle, e.g. parameters: [{ name: 'algorithm', defaultValue: '' }]."],
  ])('refused: %s', (_, props, message) => {
    expect(() => Testing.synth(app(uses, props).c)).toThrow(message);
  });

  test('workingDir: the fixes of a param there, as its refusal and the prop\'s doc give them, are accepted', () => {
    // a literal path: where Tekton mounts the task's workspace 'source', which sets no mountPath (the relative path's fix too)
    const literal = chart();
    const lister = new SecureStepAction(literal, 'list', { image: PINNED, workingDir: '/workspace/source/src', script: '#!/bin/sh\nls\n' });
    new SecureTask(literal, 'package', { workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }], steps: [{ name: 'list', action: lister }] });
    expect(only(literal, 'StepAction').spec.workingDir).toBe('/workspace/source/src');
    expect(only(literal, 'Task').spec.workspaces).toEqual([{ name: 'source', optional: false, readOnly: false }]);
    // the fix of a relative path under a param: the path without it, or with it and relaxed
    for (const [workingDir, relaxations] of [['/workspace/source/data', undefined], ['/workspace/source/data/$(params.file)', [{ rule: RuleId.ARGUMENT_INJECTION, reason: 'the file names the directory' }]]] as const) {
      expect(only(app(uses, { workingDir, relaxations: relaxations && [...relaxations] }).c, 'StepAction').spec.workingDir).toBe(workingDir);
    }
    expect(() => Testing.synth(app(uses, { workingDir: '/workspace/source/data/$(params.file)' }).c)).toThrow('[ARGUMENT_INJECTION]');
    // the param relaxed on the StepAction, every step passing it a workspace path of its task
    const relaxed = chart();
    const action = new SecureStepAction(relaxed, 'list', {
      image: PINNED,
      parameters: [{ name: 'source' }],
      workingDir: '$(params.source)',
      script: '#!/bin/sh\nls\n',
      relaxations: [{ rule: RuleId.ARGUMENT_INJECTION, reason: 'every step passes a workspace path of its task' }],
    });
    new SecureTask(relaxed, 'package', {
      workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }],
      steps: [{ name: 'list', action, actionParameters: { source: '$(workspaces.source.path)' } }],
    });
    expect(only(relaxed, 'StepAction').spec.workingDir).toBe('$(params.source)');
  });

  test("a workspace path: the refusal's fixes, pasted, are accepted (Tekton resolves the StepAction into the task's steps, then substitutes the workspace)", () => {
    const run = (props: Partial<SecureStepActionProps>) => {
      const c = chart();
      const action = new SecureStepAction(c, 'list', { image: PINNED, script: '#!/bin/sh\nls\n', parameters: [{ name: 'src-path' }], ...props });
      new SecureTask(c, 'package', {
        workspaces: [{ name: 'src', domain: TrustDomain.SOURCE }],
        steps: [{ name: 'list', action, actionParameters: { 'src-path': '$(workspaces.src.path)' } }],
      });
      return Testing.synth(c);
    };
    // in the script, through env
    const viaEnv = run({ env: { SRC_PATH: '$(params.src-path)' }, script: '#!/bin/sh\nls "$SRC_PATH"\n' });
    expect(viaEnv.find((o) => o.kind === 'Task').spec.steps[0].params).toEqual([{ name: 'src-path', value: '$(workspaces.src.path)' }]);
    // as the working directory, relaxed
    const relaxed = run({ workingDir: '$(params.src-path)', relaxations: [{ rule: RuleId.ARGUMENT_INJECTION, reason: 'every step passes a workspace path of its task' }] });
    expect(relaxed.find((o) => o.kind === 'StepAction').spec.workingDir).toBe('$(params.src-path)');
    // in env, as the env refusal says
    expect(() => run({ env: { X: '$(params.src-path)' } })).not.toThrow();
    // the unsafe neighbour: the param pasted into the script is still refused
    expect(() => run({ script: '#!/bin/sh\nls $(params.src-path)\n' })).toThrow('[SCRIPT_INJECTION]');
  });

  test("the constraint moved to the task's param, as the refusal says: the task's validate-params step checks the value the step passes", () => {
    const c = chart();
    const action = new SecureStepAction(c, 'checksum', CHECKSUM);
    const constraint = ParamConstraint.pattern('^[a-z./]+$', 'a relative path');
    new SecureTask(c, 'package', { parameters: [{ name: 'artifact', constraint }], steps: [{ name: 'sum', action, actionParameters: { file: '$(params.artifact)' } }] });
    const spec = only(c, 'Task').spec;
    expect(spec.steps.map((s: any) => s.name)).toEqual(['validate-params', 'sum']);
    expect(spec.steps[0].env).toEqual(expect.arrayContaining([{ name: 'PARAM_ARTIFACT', value: '$(params.artifact)' }]));
  });

  test('a default may reference another param of the StepAction, given or defaulted', () => {
    const { c } = app(uses, { parameters: [{ name: 'file' }, { name: 'kind', defaultValue: 'sha' }, { name: 'algorithm', defaultValue: '$(params.kind)256-$(params.file)' }], env: { FILE: '$(params.file)', ALGORITHM: '$(params.algorithm)' } });
    expect(only(c, 'StepAction').spec.params[2]).toEqual({ name: 'algorithm', type: 'string', default: '$(params.kind)256-$(params.file)' });
  });

  test.each<[string, (a: SecureStepAction) => StepProps[], string]>([
    ['an image beside the action', (a) => [{ name: 'sum', action: a, image: PINNED, actionParameters: { file: 'x' } }],
      `SecureTask 'test/package' step 'sum': image "${PINNED}" is set beside action 'checksum': the StepAction defines it [VALID_SPEC]. Remove it from the step, or pass the value as one of the StepAction's params (actionParameters).`],
    ['env beside the action', (a) => [{ name: 'sum', action: a, env: { A: 'b' }, actionParameters: { file: 'x' } }],
      "SecureTask 'test/package' step 'sum': env \"A\" is set beside action 'checksum': the StepAction defines it [VALID_SPEC]."],
    ['a param the action does not declare', (a) => [{ name: 'sum', action: a, actionParameters: { file: 'x', path: 'y' } }],
      "SecureTask 'test/package' step 'sum': actionParameters.path \"y\" is not a param of StepAction 'checksum' [VALID_REFERENCE]. Use one of: file, algorithm."],
    ['a required param not passed', (a) => [{ name: 'sum', action: a }],
      "SecureTask 'test/package' step 'sum': actionParameters \"file\" is required by StepAction 'checksum' but not passed [VALID_REFERENCE]. Pass it: actionParameters: { file: '<value>' }."],
    ['an undeclared task param', (a) => [{ name: 'sum', action: a, actionParameters: { file: '$(params.art)' } }],
      "SecureTask 'test/package' step 'sum': actionParameters.file \"$(params.art)\" references an undeclared param 'art' [VALID_REFERENCE]. "
      + "Declare it (parameters: [{ name: 'art' }] in the SecureTask's props), or fix the name (the task declares 'artifact')."],
    ['a result of a later step', (a) => [step({ name: 'early', env: { S: '$(steps.sum.results.sum)' } }), { name: 'sum', action: a, actionParameters: { file: 'x' } }],
      "SecureTask 'test/package' step 'early': env.S \"$(steps.sum.results.sum)\" references result 'sum' of step 'sum', which no earlier step declares (only steps that run a StepAction have results) [VALID_REFERENCE]."],
    ['scratch mounts turned off on a step that runs the action', (a) => [{ name: 'sum', action: a, actionParameters: { file: 'x' }, mountScratch: false }],
      "SecureTask 'test/package' step 'sum': mountScratch \"false\" is set on a step that runs StepAction 'checksum': a StepAction mounts no volumes of its own, so the stepTemplate mounts /tmp and $HOME into it [VALID_SPEC]. Remove mountScratch from the step."],
    ['scratch mounts turned off beside a step that runs an action', (a) => [step({ name: 'build', writableRootFilesystem: true, mountScratch: false }), { name: 'sum', action: a, actionParameters: { file: 'x' } }],
      "SecureTask 'test/package' step 'build': mountScratch \"false\" cannot hold in a task whose step 'sum' runs a StepAction: the stepTemplate then mounts /tmp and $HOME into every step [VALID_SPEC]. "
      + "Run step 'build' in a SecureTask of its own, or remove mountScratch: false."],
    ['a step with neither image nor action', () => [{ name: 'bare', script: '#!/bin/sh\n' }],
      "SecureTask 'test/package' step 'bare': image is missing [VALID_SPEC]. Set an image pinned as \"<repository>@sha256:<64 hex>\", or action: <SecureStepAction> to run a StepAction."],
  ])('refused: %s', (_, steps, message) => {
    expect(() => app(steps)).toThrow(message);
  });

  test('refused: an env var or argument of 128 KiB or more, which Linux passes to no program', () => {
    expect(() => new SecureStepAction(chart(), 'checksum', { ...CHECKSUM, script: undefined, command: ['sha256sum'], args: ['f'.repeat(131072)] })).toThrow(
      'SecureStepAction \'test/checksum\': args[0] "131072 bytes" is longer than Linux passes to a program: every env var (NAME=value) and every argument must be '
      + 'shorter than 131072 bytes (its final NUL makes the limit), or the container does not start ("argument list too long") [VALID_SPEC]. '
      + 'Put the data in a file (a workspace, or a ConfigMap bound to one) and pass its path.',
    );
  });

  test('refused: a sidecar running a StepAction', () => {
    const c = chart();
    const action = new SecureStepAction(c, 'checksum', CHECKSUM);
    expect(() => new SecureTask(c, 'package', { steps: [step()], sidecars: [{ name: 'x', action }] })).toThrow(
      "SecureTask 'test/package' sidecar 'x': action \"checksum\" is set on a sidecar: only steps run StepActions [VALID_SPEC]. Run the StepAction as a step.");
  });
});

describeWithOracle('Tekton v1.15 admits StepActions and the steps that run them', () => {
  test('the StepAction, the Task and a Pipeline running it', () => {
    const { c, task } = app(uses);
    new SecurePipeline(c, 'ci', { parameters: [{ name: 'artifact' }] }).addTask({ task, parameters: { artifact: '$(params.artifact)' } });
    const r = runOracle(Testing.synth(c));
    expect(r.verdicts.map((v) => [v.kind, v.valid, v.errors])).toEqual([
      ['StepAction', true, []], ['Task', true, []], ['Pipeline', true, []],
    ]);
  });

  test("a workspace reference is Tekton's to substitute (VALID_REFERENCE refuses it for the coupling), an undeclared result its webhook refuses", () => {
    const action = (name: string, script: string) => ({ apiVersion: 'tekton.dev/v1beta1', kind: 'StepAction', metadata: { name }, spec: { image: PINNED, results: [{ name: 'sum' }], script } });
    const r = runOracle([action('ws', '#!/bin/sh\nls $(workspaces.src.path) > $(results.sum.path)\n'), action('res', '#!/bin/sh\necho > $(results.nope.path)\n')]);
    expect(r.verdicts.map((v) => [v.name, v.valid, v.errors])).toEqual([
      ['ws', true, []], ['res', false, ['non-existent variable in "#!/bin/sh\\necho > $(results.nope.path)\\n": spec.script']],
    ]);
  });
});
