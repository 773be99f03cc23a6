/**
 * fast-check generators of Tekton objects for the differential property between the rule
 * catalogue and the admission policies (admission-parity.test.ts): Tasks, TaskRuns,
 * Pipelines, PipelineRuns (v1 and v1beta1) and StepActions (v1beta1, v1alpha1), with
 * embedded taskSpecs and pipelineSpecs, stepTemplates, steps that run StepActions (`ref`,
 * local and through resolvers), sidecars (named and unnamed), volumeMounts and workspace mount paths, task volumes, pod templates (run-wide and per
 * task), taskRunSpecs, workspace bindings (claims, claim templates, emptyDir, Secret, CSI),
 * securityContexts at container and pod level with hardened and dangerous values, images
 * pinned and not, scripts, commands, args and env with substitutions, and relaxation
 * annotations of random rules, targets and reasons.
 *
 * Every object is drawn as plain JSON, so that fast-check shrinks a counterexample to a small,
 * printable object. Names come from short fixed lists, so that relaxation targets, the
 * `tekton.dev/pipelineTask` label and `$(workspaces.<w>.path)` meet what they name.
 */
import * as fc from 'fast-check';
import { RuleId } from '../../src';

export const PINNED_IMAGE = `registry.example.com/tools/sh@sha256:${'a'.repeat(64)}`;
export const NAMESPACE = 'ci';
export const SERVICE_ACCOUNT = 'build-and-push-runner';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

/** An optional field: absent (most often) or one of `values`. */
function maybe<T>(values: fc.Arbitrary<T>, absentWeight = 2): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: absentWeight, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: values });
}

/** An object of the optional fields drawn (undefined ones left out). */
function record(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Obj> {
  return fc.record(fields).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as Obj);
}

/** The library's hardened container securityContext. */
export const HARDENED_SC: Obj = {
  runAsNonRoot: true,
  runAsUser: 65532,
  allowPrivilegeEscalation: false,
  privileged: false,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
  readOnlyRootFilesystem: true,
};

/** A container securityContext: the library's hardened one with some fields changed or dropped, or a few fields alone. */
const containerSecurityContext: fc.Arbitrary<Obj> = fc.tuple(
  fc.boolean(),
  record({
    runAsNonRoot: maybe(fc.constantFrom<Json>(true, false, null)),
    runAsUser: maybe(fc.constantFrom<Json>(0, 1000, 65532)),
    runAsGroup: maybe(fc.constantFrom<Json>(0, 65532, null)),
    allowPrivilegeEscalation: maybe(fc.constantFrom<Json>(true, false, null)),
    privileged: maybe(fc.constantFrom<Json>(true, false, null)),
    capabilities: maybe(record({
      drop: maybe(fc.constantFrom<Json>(['ALL'], [], ['NET_RAW'], ['all'])),
      add: maybe(fc.constantFrom<Json>([], ['CHOWN'], ['SYS_ADMIN'], ['NET_ADMIN'], ['CHOWN', 'SETUID'], ['NET_RAW'])),
    }), 1),
    seccompProfile: maybe(fc.constantFrom<Json>({ type: 'RuntimeDefault' }, { type: 'Unconfined' }, { type: 'Localhost', localhostProfile: 'p.json' }, {})),
    seLinuxOptions: maybe(fc.constantFrom<Json>({ type: 'spc_t' }, { type: 'container_t' }, { user: 'system_u' }, { role: 'r' }, { level: 's0:c1' })),
    procMount: maybe(fc.constantFrom<Json>('Unmasked', 'Default')),
    // (a Localhost profile named `unconfined`: the kernel reads that name as no profile)
    appArmorProfile: maybe(fc.constantFrom<Json>({ type: 'Unconfined' }, { type: 'RuntimeDefault' }, { type: 'Localhost', localhostProfile: 'unconfined' },
      { type: 'Localhost', localhostProfile: 'k8s-apparmor-build' })),
    windowsOptions: maybe(fc.constantFrom<Json>({ hostProcess: true }, { hostProcess: false })),
  }),
  fc.subarray(Object.keys(HARDENED_SC), { maxLength: 2 }),
).map(([base, changes, removed]) => {
  const sc: Obj = base ? { ...HARDENED_SC } : {};
  for (const k of removed) delete sc[k];
  return { ...sc, ...changes };
});

const IMAGES = [
  PINNED_IMAGE, 'alpine:3.20', 'registry.example.com/tools/sh@sha256:abc', `alpine@sha256:${'b'.repeat(64)}`, `registry.example.com/x@sha256:${'A'.repeat(64)}`,
  '$(params.x)', ` ${PINNED_IMAGE}`, `${PINNED_IMAGE} `,
];

/** Scripts: plain, with substitutions callers choose, with the paths Tekton fixes, without #!, #!win, one that runs an env var as code. */
const SCRIPTS = [
  '#!/bin/sh\necho hello\n',
  '#!/bin/sh\necho "$(params.x)"\n',
  '#!/bin/sh\necho "$X"\n',
  '#!/bin/sh\neval "$X"\n',
  '#!/bin/sh\nls $(workspaces.w.path)\n',
  '#!/bin/sh\necho $(context.taskRun.name)\n',
  'echo $(params.x)',
  '#!/bin/sh -i\necho "$X"\n',
  '#!win pwsh.exe\necho hi',
  '#!/bin/sh\necho $(tasks.t1.results.r)\n',
  '#!/bin/sh\necho $(steps.a.results.r)\n',
  '#!/bin/sh\necho "$(params["x"])"\n',
  '#!/bin/sh\necho $(params.a[*])\n',
  '#!/usr/bin/env python3\nprint("$(params.x)")\n',
  '#!/bin/sh\necho $(context.pipelineRun.name) $(results.r.path) $(workspaces.w.bound)\n',
  '#!/bin/sh\ncat $(credentials.path)/x\n',
  // counts Tekton writes as decimal numbers
  '#!/bin/sh\necho "retry $(context.task.retry-count) of $(context.pipelineTask.retries)" $(tasks.t1.matrix.length)\n',
  'echo $(context.task.retry-count)',
  // a group of `+` holding c gives code (bash 5.2, dash 0.5.12)
  '#!/bin/sh\nsh +c "$X"\n',
];

/** command and args pairs. */
const COMMANDS: Array<[Json | undefined, Json | undefined]> = [
  [['git', 'clone'], ['https://example.com/r.git']],
  [['sh', '-c', 'echo $(params.x)'], undefined],
  [['sh', '-c', 'echo "$1"', 'sh'], ['$(params.x)']],
  // a positional parameter the code runs as code: forms the policies read (gdb's commands, at's input, the program, arithmetic) and one they do not
  [['sh', '-c', 'gdb -batch -ex "shell $1"', '_'], ['$(params.x)']],
  [['sh', '-c', 'echo "$1" | at now', '_', '$(params.x)'], undefined],
  [['bash', '-c', 'set -e; "$@"', '_', '$(params.x)'], undefined],
  [['bash', '-c', 'echo $(( $1 + 1 ))', '_'], ['$(params.x)']],
  [['sh', '-c', 'x=$1; eval "$x"', '_'], ['$(params.x)']],
  // read by position: the program of "$@" is the first ARG alone, $N is ARG N, eval only as a command's word; any position where the
  // code moves them
  [['sh', '-c', 'exec "$@"', '_', 'tool', '--name'], ['$(params.x)']],
  [['sh', '-c', 'exec "$@"', '_'], ['$(params.x)', '--name', 'x']],
  [['sh', '-c', 'eval "$2"', '_', 'fixed'], ['$(params.x)']],
  [['sh', '-c', 'eval "$1"', '_', 'fixed'], ['$(params.x)']],
  [['sh', '-c', 'echo view "$1"', '_'], ['$(params.x)']],
  [['sh', '-c', 'shift; exec "$1"', '_', 'tool'], ['$(params.x)']],
  [['$(params.x)'], undefined],
  [['git'], ['clone', '$(params.x)']],
  [['git'], ['clone', '--', '$(params.x)']],
  [['echo'], ['$(params.a[*])']],
  [['env', 'GIT_SSH_COMMAND=$(params.x)', 'git', 'fetch'], undefined],
  [['env', '-S', 'sh -c $(params.x)'], undefined],
  [undefined, ['$(params.x)']],
  [['echo'], ['$(X)']],
  [['echo'], ['$(TOKEN)']],
  [['python3'], ['-c', 'print(1)', '$(params.x)']],
  [['kubectl'], ['apply', '-f', '$(workspaces.w.path)']],
  [['bash', '-ec', '$(params.x)'], undefined],
  [['/bin/sh', '-c'], ['echo hi', 'sh', '$(params.x)']],
  [['timeout', '5m', 'sh', '-c', 'echo $(params.x)'], undefined],
  [['timeout', '5m', 'git'], ['clone', '$(params.x)']],
  [['node', '-e', 'console.log(1)'], ['$(params.x)']],
  [['git', '-c', 'core.sshCommand=$(params.x)', 'fetch'], undefined],
  [['git'], ['--$(params.x)']],
  // runners of argv.ts SEPARATED_RUNNERS: a "--" that ends none of the command's options, the options naming the package or the code that runs
  [['uvx', '--', 'tool', '$(params.x)'], undefined],
  [['pnpm'], ['dlx', '--package=x$(params.x)', 'tool']],
  [['pipx', 'run', '--spec', 'x$(params.x)', 'tool'], undefined],
  [['bunx', '-pcow$(params.x)', 'cowsay'], undefined],
  [['npx'], ['-c', 'make $(params.x)']],
  [['uvx', '--from', 'ruff==0.5', '--', 'ruff', 'check', '--config=x$(params.x)'], undefined],
  [['uvx', '--from', 'git+https://example.com/$(params.x)', 'tool'], undefined],
  [['uv', 'run', '--with', 'pkg==$(params.x)', 'tool'], undefined],
  [['uv', 'tool', 'run', '--from', 'x$(params.x)', 'tool'], undefined],
  [['pipx'], ['run', '--spec=x$(params.x)', 'tool']],
  [['bunx', '--package', 'x$(params.x)', 'cowsay'], undefined],
  [['yarn'], ['dlx', '-p', 'x$(params.x)', 'tool']],
  [['yarn', 'dlx', '--package=x$(params.x)', 'tool'], undefined],
  [['pnpm', '--package=cowsay', 'dlx', 'sh', '-c', '$(params.x)'], undefined],
  [['npm', 'exec', '--package=x$(params.x)', '--', 'tool'], undefined],
  [['pnpm', 'dlx', '-c', 'tool $(params.x)'], undefined],
  [['uvx', 'ruff==0.5', 'check', '$(params.x)'], undefined],
  // yarn 2 and later run the first operand of yarn exec with their own shell; after it, a literal code's words
  [['yarn', 'exec', 'tsc -p $(params.x)'], undefined],
  [['yarn'], ['exec', 'make "$(params.x)"']],
  [['yarn', 'exec', 'tsc -p tsconfig.json'], undefined],
  // bun: a package runner (bun x, as bunx) and a file's runner (bun run FILE ARG…), which the policies read as an interpreter (stricter)
  [['bun', 'run', 'build.ts', '$(params.x)'], undefined],
  [['bun', 'x', 'tool', '--', '$(params.x)'], undefined],
  [['bun', 'x', '$(params.x)'], undefined],
  [['bun', '-e', 'console.log(1)'], ['$(params.x)']],
  // mix, whose tasks run code (`mix run -e CODE`, `--eval=CODE` in one word, `mix eval CODE`): any argument of it is code to both
  [['mix', 'run', '-e', 'IO.puts(1)'], ['$(params.x)']],
  [['mix'], ['eval', '$(params.x)']],
  [['mix', 'test', '$(params.x)'], undefined],
  // a group of `+` holding c gives a shell code as `-c` does, bash's `+s` reads the input (bash 5.2, dash 0.5.12)
  [['sh', '+c', 'echo "$1"', '_', '$(params.x)'], undefined],
  [['bash', '+c'], ['$(params.x)']],
  [['bash', '-i', '+c', 'make'], undefined],
  [['bash', '-i', '+s', 'a'], undefined],
  [['sh', '+ec', 'sh +c \'"$SH" -i\''], undefined],
  [['git'], ['clone', '$(workspaces.w.path)']],
  [['git'], ['clone', '$(tasks.t1.results.r)']],
  [['git'], ['clone', '$(steps.a.results.r)']],
  [['curl'], ['-d', '$(context.taskRun.name)']],
  [['env', '-u', 'X', 'NODE_OPTIONS=$(params.x)', 'node', 'app.js'], undefined],
  [['sh', '-ic', 'echo hi'], undefined],
  [['bash', '-i'], undefined],
  [['$(X)'], ['--version']],
  [['git'], ['--$(X)', 'status']],
  // the kubelet's $(X) in code: X filled from a run's label (ENVS), from a param, an annotation, or fixed
  [['python3', '-c'], ['print($(X))']],
  [['sh', '-c', '$(X) --version'], undefined],
  [['sh', '-c', 'eval "$1"', '_'], ['$(X)']],
];

/** env lists: values with substitutions, variables programs run as code, Secrets by fixed and chosen names. */
const ENVS: Json[] = [
  [{ name: 'X', value: '$(params.x)' }],
  [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'git-token', key: 'token' } } }],
  [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: '$(params.x)', key: 'token' } } }],
  [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'git-token', key: '$(params.x)' } } }],
  [{ name: 'LD_PRELOAD', value: '$(params.x)' }],
  [{ name: 'ENV', value: '$(params.x)' }],
  [{ name: 'PROMPT_COMMAND', value: '$(params.x)' }],
  [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'git-token', key: 'token' } } }, { name: 'URL', value: '$(params.x)' }],
  [{ name: 'Y', value: '$(X)' }, { name: 'X', value: '$(params.x)' }],
  [{ name: 'X', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['x']" } } }],
  [{ name: 'X', value: 'literal' }],
  [{ name: 'GIT_SSH_COMMAND', value: 'ssh -i $(params.x)' }],
  [{ name: 'NODE_OPTIONS', value: '$(params.x)' }],
  [{ name: 'DOCKER_HOST', value: '$(params.x)' }],
  [{ name: 'REGISTRY_AUTH_FILE', value: '$(params.x)' }],
  [{ name: 'PATH', value: '$(workspaces.w.path)/bin' }],
  [{ name: 'BASH_ENV', value: '$(tasks.t1.results.r)' }],
  [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: '$(context.taskRun.name)', key: 'token' } } }],
  [{ name: 'C', valueFrom: { configMapKeyRef: { name: '$(params.x)', key: 'k' } } }, { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'git-token', key: 'token' } } }],
  [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'git-token', key: 'token' } } }, { name: 'R', value: '$(steps.a.results.r)' }],
  [{ name: 'ENV', value: '/w/env.sh' }, { name: 'X', value: '$(params.x)' }],
  [{ name: 'X', valueFrom: { fieldRef: { fieldPath: "metadata.labels['x']" } } }],
  [{ name: 'GIT_SSH_COMMAND', valueFrom: { fieldRef: { fieldPath: "metadata.labels['x']" } } }],
];

/**
 * A run's label in code: the env var the kubelet fills from it (or a copy), and where its $(NAME) is pasted (SCRIPT_INJECTION);
 * named apart from ENVS' vars, which a stepTemplate may set too (the policies read env without order).
 */
const LABEL = { name: 'TOOL', valueFrom: { fieldRef: { fieldPath: "metadata.labels['tool']" } } };
export const LABELLED_CODE: Obj[] = [
  { env: [LABEL], command: ['python3', '-c'], args: ['print($(TOOL))'] },
  { env: [LABEL], command: ['sh', '-c', '$(TOOL) --version'] },
  { env: [LABEL], command: ['sh', '-c', 'eval "$1"', '_'], args: ['$(TOOL)'] },
  { env: [LABEL], script: '#!/bin/sh\neval "$1"\n', args: ['$(TOOL)'] },
  { env: [LABEL], command: ['timeout', '5m', 'node', '-e', 'run("$(TOOL)")'] },
  { env: [LABEL], command: ['python3', 'build.py', '$(TOOL)'] },
  // pwsh: every argument after -c/-Command is its command (about_Pwsh), -cwa's first string; a script file's arguments and -cwa's $args are data
  { env: [LABEL], command: ['pwsh', '-c', 'Write-Output', '$(TOOL)'] },
  { env: [LABEL], command: ['powershell', '-NoProfile', '-Command', 'Write-Output', '$(TOOL)'] },
  { env: [LABEL], command: ['pwsh', '-cwa', '$(TOOL)'] },
  { env: [LABEL], command: ['pwsh', '-cwa', 'Write-Output $args[0]', '$(TOOL)'] },
  { env: [LABEL], command: ['pwsh', '-File', 'build.ps1', '$(TOOL)'] },
  // its parameters as PowerShell reads them (any prefix, `--`, `/`); Windows PowerShell's first operand is its command (pwsh's its file)
  { env: [LABEL], command: ['pwsh', '/comm', 'Write-Output', '$(TOOL)'] },
  { env: [LABEL], command: ['pwsh-preview', '--e', '$(TOOL)'] },
  { env: [LABEL], command: ['powershell', 'Write-Output', '$(TOOL)'] },
  { env: [LABEL], command: ['powershell', '-NoProfile', '-fi', 'build.ps1', '$(TOOL)'] },
  { env: [LABEL], command: ['pwsh', 'build.ps1', '$(TOOL)'] },
  // a parameter trimmed, after `/` or another dash, before one whose value is code (GetSwitchKey); a script's own -c after its file
  { env: [LABEL], command: ['pwsh', '/NoProfile', '-ec', '$(TOOL)'] },
  { env: [LABEL], command: ['pwsh', '\u2013NoProfile', '-EncodedCommand', '$(TOOL)'] },
  { env: [LABEL], command: ['pwsh', ' -c', 'Write-Output $(TOOL)'] },
  { env: [LABEL], command: ['pwsh', '-c ', 'Write-Output', '$(TOOL)'] },
  { env: [LABEL], command: ['pwsh', '-NoProfile', '-File', './deploy.ps1', '-Command', 'status', '-Target', '$(TOOL)'] },
  { env: [LABEL], command: ['pwsh', './b.ps1', '-Comm', '$(TOOL)'] },
  { env: [LABEL], command: ['pwsh', '/scripts/build.ps1', '-c', '$(TOOL)'] },
  { env: [LABEL], command: ['powershell', '-File', 'b.ps1', '-c', '$(TOOL)'] },
  // Windows PowerShell's host starts its command at the first parameter it does not know, before -File too (one dash or `/` alone, ASCII's cases)
  { env: [LABEL], command: ['powershell', '-Foo', '-File', 'b.ps1', '$(TOOL)'] },
  { env: [LABEL], command: ['powershell', '--File', 'b.ps1', '$(TOOL)'] },
  { env: [LABEL], command: ['powershell', '-Version', '-File', 'b.ps1', '$(TOOL)'] },
  { env: [LABEL], command: ['powershell', '-ep', '-ExecutionPolicy', 'x', '-File', 'b.ps1', '$(TOOL)'] },
  { env: [LABEL], command: ['powershell', '-nop', '-WindowStyle', 'Hidden', '/ep', 'Bypass', '-f', 'b.ps1', '$(TOOL)'] },
  // PowerShell's and cmd's names as Windows finds them (any case, `.exe`, a `\` path); cmd's /c and /k code
  { env: [LABEL], command: ['powershell.exe', '-Command', 'Write-Output', '$(TOOL)'] },
  { env: [LABEL], command: ['PowerShell.EXE', 'Write-Output', '$(TOOL)'] },
  { env: [LABEL], command: ['C:\\Program Files\\PowerShell\\7\\pwsh.exe', '-c', 'Write-Output', '$(TOOL)'] },
  { env: [LABEL], command: ['pwsh.exe', '-File', 'b.ps1', '$(TOOL)'] },
  { env: [LABEL], command: ['cmd', '/c', 'echo $(TOOL)'] },
  { env: [LABEL], command: ['cmd.exe', '/c', 'echo $(TOOL)'] },
  { env: [LABEL], command: ['C:\\Windows\\System32\\CMD.EXE', '/s', '/k', 'echo', '$(TOOL)'] },
  { env: [LABEL, { name: 'COPY', value: '$(TOOL)' }], command: ['sh', '-c', 'exec $(COPY)'] },
];

/** envFrom: Secrets and ConfigMaps by fixed and chosen names (the run's name too), prefixes fixed and chosen (directly or as a workspace's path). */
const ENV_FROM: Json[] = [
  [{ secretRef: { name: 'creds' } }],
  [{ secretRef: { name: '$(params.x)' } }],
  [{ configMapRef: { name: 'cfg' } }],
  [{ configMapRef: { name: '$(params.x)' } }],
  [{ configMapRef: { name: 'cfg-$(context.pipelineRun.name)' } }, { configMapRef: { name: '$(context.taskRun.namespace)' } }],
  [{ prefix: 'APP_', configMapRef: { name: 'cfg' } }],
  [{ prefix: '$(params.x)', configMapRef: { name: 'cfg' } }],
  [{ prefix: '$(workspaces.w.path)', secretRef: { name: 'creds' } }],
];

/** A step's stdoutConfig and stderrConfig: fixed paths, and paths callers choose (directly or as a workspace's path). */
const STREAMS: Json[] = [
  { stdoutConfig: { path: '$(workspaces.w.path)/out.log' } },
  { stdoutConfig: { path: '$(params.x)' } },
  { stderrConfig: { path: '/tekton/home/$(tasks.t1.results.r)' } },
  { stdoutConfig: { path: '/workspace/out.log' }, stderrConfig: { path: '$(results.r.path)' } },
];

/** volumeMounts: fixed, a mount path, subPath or volume name callers choose (directly or as a workspace's path), a subPathExpr through env. */
const VOLUME_MOUNTS: Json[] = [
  [{ name: 'tmp', mountPath: '/cache' }],
  [{ name: 'tmp', mountPath: '/usr/$(params.x)' }],
  [{ name: 'tmp', mountPath: '$(workspaces.w.path)/cache' }],
  [{ name: 'tmp', mountPath: '/cache', subPath: '$(params.x)' }],
  [{ name: 'tmp', mountPath: '/cache', subPath: 'cache' }],
  [{ name: 'tmp', mountPath: '/cache', subPathExpr: '$(X)' }],
  [{ name: 'tmp', mountPath: '/cache', subPathExpr: '$$(X)' }],
  [{ name: 'tmp', mountPath: '/c/$(context.taskRun.name)' }, { name: 'tmp', mountPath: '/tekton/home/$(tasks.t1.results.r)' }],
  [{ name: '$(params.x)', mountPath: '/data' }],
  [{ name: '$(workspaces.w.volume)', mountPath: '/data' }],
];

/** A step's `ref`: a StepAction of the namespace, or one a resolver fetches. */
const STEP_REFS: Json[] = [
  { name: 'scan' },
  { resolver: 'git', params: [{ name: 'url', value: 'https://example.com/r.git' }, { name: 'pathInRepo', value: 's.yaml' }] },
  { resolver: 'cluster', params: [{ name: 'kind', value: 'stepaction' }, { name: 'name', value: 'scan' }, { name: 'namespace', value: NAMESPACE }] },
  { resolver: 'cluster', params: [{ name: 'kind', value: 'stepaction' }, { name: 'name', value: 'scan' }, { name: 'namespace', value: 'other' }] },
  { resolver: 'cluster', params: [{ name: 'kind', value: 'stepaction' }, { name: 'name', value: 'scan' }] },
];

/** The fields of a container other than its name and securityContext. */
const containerBody: fc.Arbitrary<Obj> = fc.tuple(
  maybe(fc.constantFrom(...IMAGES), 1),
  fc.oneof(
    { weight: 2, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: fc.constantFrom(...SCRIPTS) },
    { weight: 2, arbitrary: fc.constantFrom(...COMMANDS) },
    { weight: 1, arbitrary: fc.constantFrom(...LABELLED_CODE) },
  ),
  maybe(fc.constantFrom(...ENVS)),
  maybe(fc.constantFrom(...ENV_FROM), 6),
  maybe(fc.constantFrom<Json>('$(params.x)', '$(workspaces.w.path)', '/src'), 5),
  maybe(fc.constantFrom(...VOLUME_MOUNTS), 3),
  maybe(fc.constantFrom(...STREAMS), 6),
).map(([image, run, env, envFrom, workingDir, volumeMounts, streams]) => {
  const c: Obj = {};
  if (image !== undefined) c.image = image;
  if (typeof run === 'string') {c.script = run;} else if (Array.isArray(run)) {
    if (run[0] !== undefined) c.command = run[0];
    if (run[1] !== undefined) c.args = run[1];
  } else if (run !== undefined) {
    Object.assign(c, structuredClone(run));
  }
  if (env !== undefined && c.env === undefined) c.env = env;
  if (envFrom !== undefined) c.envFrom = envFrom;
  if (workingDir !== undefined) c.workingDir = workingDir;
  if (volumeMounts !== undefined) c.volumeMounts = volumeMounts;
  // (a sidecar's too, a field Tekton's Sidecar lacks: neither the catalogue nor the policies read it there)
  if (streams !== undefined) Object.assign(c, streams);
  return c;
});

/** A container with `name`: a body, and a securityContext (mostly the hardened one). */
function container(name: string): fc.Arbitrary<Obj> {
  return fc.tuple(containerBody, fc.oneof(
    { weight: 3, arbitrary: fc.constant<Obj | undefined>(HARDENED_SC) },
    { weight: 4, arbitrary: containerSecurityContext },
    { weight: 1, arbitrary: fc.constant<Obj | undefined>(undefined) },
  )).map(([body, sc]) => ({ name, ...body, ...(sc !== undefined ? { securityContext: sc } : {}) }));
}

/** A step: a container (a host port now and then, which no pod gets), or one that runs a StepAction (`ref`, with params, no image or script). */
function step(name: string): fc.Arbitrary<Obj> {
  return fc.oneof(
    { weight: 5, arbitrary: container(name) },
    { weight: 1, arbitrary: container(name).map((c) => ({ ...c, ports: [{ containerPort: 8080, hostPort: 8080 }] })) },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom(...STEP_REFS), maybe(containerSecurityContext)).map(([ref, sc]) => ({
        name, ref, params: [{ name: 'target', value: '$(params.x)' }], ...(sc !== undefined ? { securityContext: sc } : {}),
      })),
    },
  );
}

/** A sidecar: a container, sometimes with a host port. */
function sidecar(name: string): fc.Arbitrary<Obj> {
  return fc.tuple(container(name), maybe(fc.constant<Json>([{ containerPort: 8080, hostPort: 8080 }]), 4))
    .map(([c, ports]) => ({ ...c, ...(ports !== undefined ? { ports } : {}) }));
}

/** A stepTemplate: a securityContext, an image, env. */
const stepTemplate: fc.Arbitrary<Obj> = record({
  image: maybe(fc.constantFrom(...IMAGES), 3),
  securityContext: fc.oneof(fc.constant<Json>(HARDENED_SC), containerSecurityContext),
  env: maybe(fc.constantFrom(...ENVS), 3),
  envFrom: maybe(fc.constantFrom(...ENV_FROM), 6),
  volumeMounts: maybe(fc.constantFrom(...VOLUME_MOUNTS), 4),
});

/** Task volumes: node, claims, claim templates, Secrets by fixed and chosen names, CSI. */
const VOLUMES: Json[] = [
  { name: 'tmp', emptyDir: {} },
  { name: 'host', hostPath: { path: '/' } },
  { name: 'repo', gitRepo: { repository: 'https://example.com/r.git' } },
  { name: 'shared', persistentVolumeClaim: { claimName: 'cache' } },
  { name: 'secret', secret: { secretName: 'git-token' } },
  { name: 'secret', secret: { secretName: '$(params.x)' } },
  { name: 'secret', secret: { secretName: 'git-token', items: [{ key: '$(params.x)', path: 't' }] } },
  { name: 'csi', csi: { driver: 'secrets-store.csi.k8s.io', volumeAttributes: { secretProviderClass: 'vault' } } },
  { name: 'csi', csi: { driver: 'secrets-store.csi.k8s.io', volumeAttributes: { secretProviderClass: 'vault', roleName: 'admin' } } },
  { name: 'csi', csi: { driver: 'secrets-store.csi.k8s.io', volumeAttributes: { secretProviderClass: '$(params.x)' } } },
  { name: 'nfs', csi: { driver: 'nfs.csi.k8s.io' } },
  { name: 'token', projected: { sources: [{ serviceAccountToken: { audience: '$(params.x)', path: 't' } }] } },
  { name: 'eph', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'fast', resources: { requests: { storage: '1Gi' } } } } } },
  { name: 'eph', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], volumeName: 'pv-1', resources: { requests: { storage: '1Gi' } } } } } },
  { name: 'eph', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], storageClassName: '', resources: { requests: { storage: '1Gi' } } } } } },
  { name: 'eph', ephemeral: { volumeClaimTemplate: { metadata: { annotations: { 'volume.beta.kubernetes.io/storage-class': '' } }, spec: { storageClassName: 'fast' } } } },
  { name: 'eph', ephemeral: { volumeClaimTemplate: { spec: { selector: {}, storageClassName: 'fast' } } } },
  { name: 'proj', projected: { sources: [{ secret: { name: '$(params.x)' } }, { configMap: { name: 'cfg' } }] } },
  { name: 'cm', configMap: { name: '$(params.x)' } },
  { name: 'csi', csi: { driver: 'csi.cert-manager.io', nodePublishSecretRef: { name: '$(params.x)' } } },
];

/** A task spec: params, a workspace, one or two steps, maybe a sidecar, a stepTemplate and volumes. */
export const taskSpec: fc.Arbitrary<Obj> = fc.tuple(
  fc.array(step('a'), { minLength: 1, maxLength: 1 }),
  maybe(step('b'), 1),
  // a sidecar named, or unnamed (no name, an empty one): its target is `sidecar/unnamed-<index>`
  maybe(fc.tuple(sidecar('s'), fc.constantFrom('s', 's', '', undefined)).map(([c, name]) => {
    const { name: _, ...rest } = c;
    return name === undefined ? rest : { ...rest, name };
  }), 3),
  maybe(stepTemplate, 1),
  maybe(fc.subarray(VOLUMES, { minLength: 1, maxLength: 2 }), 2),
  fc.constantFrom<Json>('/workspace/w', '/ws/$(params.x)', '/ws/$(context.taskRun.name)', undefined as unknown as Json),
).map(([[a], b, s, template, volumes, mountPath]) => {
  const spec: Obj = {
    params: [{ name: 'x', type: 'string' }, { name: 'a', type: 'array' }],
    workspaces: [{ name: 'w', ...(mountPath !== undefined ? { mountPath } : {}) }],
    steps: b === undefined ? [a] : [a, b],
  };
  if (s !== undefined) spec.sidecars = [s];
  if (template !== undefined) spec.stepTemplate = template;
  if (volumes !== undefined) spec.volumes = [...new Map((volumes as Obj[]).map((v) => [v.name as string, v])).values()];
  return spec;
});

/** A pod securityContext: the library's, or some dangerous fields. */
const podSecurityContext: fc.Arbitrary<Obj> = fc.oneof(
  fc.constant<Obj>({ runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532, fsGroup: 65532, seccompProfile: { type: 'RuntimeDefault' } }),
  record({
    runAsNonRoot: maybe(fc.constantFrom<Json>(true, false)),
    runAsUser: maybe(fc.constantFrom<Json>(0, 65532)),
    runAsGroup: maybe(fc.constantFrom<Json>(0, 65532)),
    fsGroup: maybe(fc.constantFrom<Json>(0, 65532)),
    supplementalGroups: maybe(fc.constantFrom<Json>([0], [1000])),
    seccompProfile: maybe(fc.constantFrom<Json>({ type: 'RuntimeDefault' }, { type: 'Unconfined' })),
    seLinuxOptions: maybe(fc.constantFrom<Json>({ type: 'spc_t' }, { type: 'container_t' })),
    sysctls: maybe(fc.constantFrom<Json>([{ name: 'kernel.msgmax', value: '1' }], [{ name: 'net.ipv4.tcp_syncookies', value: '1' }])),
    windowsOptions: maybe(fc.constantFrom<Json>({ hostProcess: true })),
    appArmorProfile: maybe(fc.constantFrom<Json>({ type: 'Unconfined' }, { type: 'Localhost', localhostProfile: 'unconfined' })),
  }),
);

/** A run pod template, mostly harmless, with dangerous fields now and then. */
export const podTemplate: fc.Arbitrary<Obj> = record({
  securityContext: maybe(podSecurityContext, 1),
  automountServiceAccountToken: maybe(fc.constantFrom<Json>(false, true), 1),
  hostNetwork: maybe(fc.constantFrom<Json>(true, false), 5),
  hostPID: maybe(fc.constant<Json>(true), 8),
  // (Tekton appends it to every step's env, after the step's own, and to no sidecar)
  env: maybe(fc.constantFrom<Json>([{ name: 'LD_PRELOAD', value: '/x.so' }], [{ name: 'GIT_TOKEN', valueFrom: { secretKeyRef: { name: 'git-token', key: 'token' } } }]), 6),
  hostAliases: maybe(fc.constant<Json>([{ ip: '10.0.0.1', hostnames: ['github.com'] }]), 8),
  dnsPolicy: maybe(fc.constantFrom<Json>('None', 'ClusterFirst'), 6),
  nodeSelector: maybe(fc.constantFrom<Json>({ 'node-role.kubernetes.io/control-plane': '' }, { disk: 'ssd' }, { disk: '$(params.x)' }), 5),
  tolerations: maybe(fc.constantFrom<Json>([{ operator: 'Exists' }], [{ key: 'node-role.kubernetes.io/master', operator: 'Exists' }], [{ key: 'gpu', operator: 'Exists' }]), 6),
  priorityClassName: maybe(fc.constantFrom<Json>('system-node-critical', 'batch'), 6),
  affinity: maybe(fc.constantFrom<Json>(
    { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists' }] }] } } },
    { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['$(params.x)'] }] }] } } },
    { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: { topologyKey: '$(params.x)' } }] } },
  ), 8),
  dnsConfig: maybe(fc.constantFrom<Json>({ nameservers: ['1.1.1.1'] }, { searches: ['$(params.x)'] }, { searches: ['corp.example'] }, { options: [{ name: 'ndots', value: '2' }] }), 8),
  imagePullSecrets: maybe(fc.constantFrom<Json>([{ name: '$(params.x)' }], [{ name: 'pull' }]), 8),
  runtimeClassName: maybe(fc.constantFrom<Json>('$(params.x)', 'gvisor'), 8),
  schedulerName: maybe(fc.constantFrom<Json>('$(params.x)'), 10),
  topologySpreadConstraints: maybe(fc.constant<Json>([{ maxSkew: 1, topologyKey: '$(params.x)', whenUnsatisfiable: 'DoNotSchedule' }]), 10),
  hostIPC: maybe(fc.constant<Json>(true), 10),
  volumes: maybe(fc.constantFrom<Json>(
    [{ name: 'secret', secret: { secretName: '$(params.x)' } }],
    [{ name: 'git', gitRepo: { repository: 'https://example.com/r.git' } }],
    [{ name: 'eph', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], dataSource: { kind: 'VolumeSnapshot', name: 's' } } } } }],
    [{ name: 'host', hostPath: { path: '/var/run' } }],
    [{ name: 'token', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } }],
    [{ name: 'cache', persistentVolumeClaim: { claimName: 'cache' } }],
    [{ name: 'tmp', emptyDir: {} }],
  ), 5),
});

/** A run workspace binding of `w`. */
const workspaceBinding: fc.Arbitrary<Obj> = fc.constantFrom<Obj>(
  { name: 'w', emptyDir: {} },
  { name: 'w', persistentVolumeClaim: { claimName: 'shared' } },
  { name: 'w', volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } },
  { name: 'w', volumeClaimTemplate: { spec: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: '1Gi' } } } } },
  { name: 'w', volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], dataSource: { kind: 'PersistentVolumeClaim', name: 'old' } } } },
  { name: 'w', volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], storageClassName: '' } } },
  { name: 'w', secret: { secretName: 'git-token' } },
  { name: 'w', secret: { secretName: '$(tasks.t1.results.r)' } },
  { name: 'w', secret: { secretName: '$(params.x)' } },
  { name: 'w', csi: { driver: 'secrets-store.csi.k8s.io', volumeAttributes: { secretProviderClass: 'vault' } } },
  { name: 'w', csi: { driver: 'secrets-store.csi.k8s.io', volumeAttributes: { secretProviderClass: 'vault', roleName: 'x' } } },
  { name: 'w', csi: { driver: 'nfs.csi.k8s.io' } },
  { name: 'w', volumeClaimTemplate: { metadata: { annotations: { 'volume.beta.kubernetes.io/storage-class': '' } }, spec: { accessModes: ['ReadWriteOnce'] } } },
  { name: 'w', volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOncePod'], volumeName: 'pv-1' } } },
  { name: 'w', volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], selector: { matchLabels: { a: 'b' } } } } },
  { name: 'w', volumeClaimTemplate: { spec: {} } },
  { name: 'w', projected: { sources: [{ secret: { name: '$(tasks.t1.results.r)' } }] } },
  { name: 'w', configMap: { name: 'cfg' } },
  { name: 'w', secret: { secretName: 'git-token', items: [{ key: '$(params.y)', path: 'k' }] } },
);

/** A pipeline task named `name`: an embedded taskSpec (mostly) or a reference. */
function pipelineTask(name: string, inner?: fc.Arbitrary<Obj>): fc.Arbitrary<Obj> {
  const binding = { workspaces: [{ name: 'w', workspace: 'w' }], params: [{ name: 'x', value: '$(params.x)' }] };
  return fc.oneof(
    { weight: 6, arbitrary: taskSpec.map((spec) => ({ name, taskSpec: spec, ...binding })) },
    {
      weight: 1,
      arbitrary: fc.tuple(taskSpec, fc.constantFrom<Json>(
        { annotations: { 'container.apparmor.security.beta.kubernetes.io/step-a': 'unconfined' } },
        { annotations: { 'secure-tekton/relax.RUN_AS_NON_ROOT': '*: reviewed by the platform team' } },
        { labels: { app: 'x' } },
      )).map(([spec, md]) => ({ name, taskSpec: { ...spec, metadata: md }, ...binding })),
    },
    { weight: 1, arbitrary: taskSpec.map((spec) => ({ name, taskSpec: { apiVersion: 'example.dev/v1', kind: 'Wait', spec } })) },
    { weight: 1, arbitrary: fc.constantFrom<Obj>({ name, taskRef: { name: 'build' } }, { name, taskRef: { resolver: 'git', params: [{ name: 'url', value: 'https://example.com/r.git' }] } }) },
    ...(inner !== undefined ? [{ weight: 1, arbitrary: inner.map((spec) => ({ name, pipelineSpec: spec })) }] : []),
  );
}

/** A pipeline spec: tasks t1 (and t2), maybe a finally task, maybe a pipelineSpec embedded one level down. */
function pipelineSpec(depth: number): fc.Arbitrary<Obj> {
  const inner = depth > 0 ? pipelineSpec(depth - 1) : undefined;
  return fc.tuple(pipelineTask('t1', inner), maybe(pipelineTask('t2'), 2), maybe(pipelineTask('f1'), 4)).map(([t1, t2, f1]) => ({
    params: [{ name: 'x', type: 'string' }],
    workspaces: [{ name: 'w' }],
    tasks: t2 === undefined ? [t1] : [t1, t2],
    ...(f1 !== undefined ? { finally: [f1] } : {}),
  }));
}

/** Relaxation targets: well formed, of parts the objects have, and not. */
const TARGETS = [
  '*', 'step/a', 'step/b', 'sidecar/s', 'stepTemplate', 'task/t1', 'task/t1/step/a', 'task/t2/sidecar/s', 'task/t1/task/t1/step/a',
  'workspace/w', 'task/f1', 'step/scan', 'step/*', 'task/t1/', 'nope', 'task/t1/stepTemplate', 'task/t2/step/b', 'task/t1/task/t1',
  'task/f1/step/a', 'task/t2', 'sidecar/a', ' step/a', 'step/a ', '*/step/a', 'Step/a', 'sidecar/unnamed-0', 'task/t2/sidecar/unnamed-0', 'sidecar/',
];
/** Reasons: long enough, too short, with separators and control characters. */
const REASONS = [
  'exactly10!', 'ninechars', ' \u00a0 ten visible', 'e\u0301e\u0301e\u0301e\u0301e\u0301', '\u3164\u3164\u3164\u3164\u3164\u3164\u3164\u3164\u3164\u3164 x',
  'reviewed by the platform team', 'short', '  padded reason that is long  ', 'reason\u2028with a line separator', 'reason with\ra carriage return',
  '\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b', 'tab\tseparated reason text', 'naïve café reason',
];
/** The rules a record may name: the relaxable ones the policies check, and a few they do not. */
const RECORD_RULES = [
  RuleId.IMAGE_DIGEST, RuleId.RUN_AS_NON_ROOT, RuleId.NO_PRIVILEGE_ESCALATION, RuleId.DROP_ALL_CAPABILITIES, RuleId.SECCOMP_RUNTIME_DEFAULT,
  RuleId.WORKSPACE_PER_RUN, RuleId.NO_HOST_ACCESS, RuleId.DEFAULT_ISOLATION, RuleId.RUN_POD_OVERRIDES, RuleId.RUN_POD_SECURITY_CONTEXT,
  RuleId.RUN_TOKEN_AUTOMOUNT, RuleId.ARGUMENT_INJECTION, RuleId.EXPANSION_INJECTION, RuleId.SECRET_REFERENCE_FIXED,
  RuleId.MOUNT_PATH_FIXED, RuleId.NOT_PRIVILEGED, RuleId.SCRIPT_INJECTION, RuleId.RUN_SERVICE_ACCOUNT,
];

/** Annotations Tekton copies to the pods, some of which turn a profile off. */
const PROFILE_ANNOTATIONS: Array<Record<string, string>> = [
  {}, {}, {}, {}, {}, {}, {},
  { 'container.apparmor.security.beta.kubernetes.io/step-a': 'unconfined' },
  { 'seccomp.security.alpha.kubernetes.io/pod': 'Unconfined' },
  { 'container.apparmor.security.beta.kubernetes.io/step-a': 'runtime/default' },
  { 'container.apparmor.security.beta.kubernetes.io/step-a': 'localhost/unconfined' },
];

/** Relaxation annotations (zero to three rules, one or two lines each), and now and then a profile annotation. */
const relaxations: fc.Arbitrary<Record<string, string>> = fc.tuple(fc.constantFrom(...PROFILE_ANNOTATIONS), fc.array(
  fc.tuple(
    fc.constantFrom(...RECORD_RULES),
    fc.array(fc.tuple(fc.constantFrom(...TARGETS), fc.constantFrom(...REASONS)), { minLength: 1, maxLength: 2 }),
    fc.constantFrom('\n', '\r\n'),
  ),
  { maxLength: 3 },
)).map(([profiles, entries]) => ({
  ...profiles,
  ...Object.fromEntries(entries.map(([rule, lines, eol]) => [`secure-tekton/relax.${rule}`, lines.map(([t, r]) => `${t}: ${r}`).join(eol)])),
}));

function metadata(name: string, annotations: Record<string, string>, labels?: Record<string, string>): Obj {
  return {
    name,
    namespace: NAMESPACE,
    ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    ...(labels !== undefined ? { labels } : {}),
  };
}

const serviceAccount = fc.constantFrom<string | undefined>(SERVICE_ACCOUNT, SERVICE_ACCOUNT, SERVICE_ACCOUNT, 'default', undefined);
const version = fc.constantFrom('v1', 'v1', 'v1beta1');

const task = fc.tuple(version, taskSpec, relaxations).map(([v, spec, a]) => ({
  apiVersion: `tekton.dev/${v}`, kind: 'Task', metadata: metadata('build', a), spec,
}));

const stepAction = fc.tuple(fc.constantFrom('v1beta1', 'v1beta1', 'v1alpha1'), container('scan'), relaxations).map(([v, c, a]) => {
  const { name: _name, ...spec } = c;
  return {
    apiVersion: `tekton.dev/${v}`,
    kind: 'StepAction',
    metadata: metadata('scan', a),
    spec: { params: [{ name: 'x', type: 'string' }], ...spec },
  };
});

const pipeline = fc.tuple(version, pipelineSpec(1), relaxations).map(([v, spec, a]) => ({
  apiVersion: `tekton.dev/${v}`, kind: 'Pipeline', metadata: metadata('ci', a), spec,
}));

const taskRun = fc.tuple(
  version, fc.oneof({ weight: 5, arbitrary: taskSpec }, { weight: 1, arbitrary: fc.constant(undefined) }), maybe(podTemplate, 1), serviceAccount,
  maybe(fc.array(workspaceBinding, { maxLength: 1 }), 1), relaxations, maybe(fc.constantFrom('t1', 't2', ''), 3),
).map(([v, spec, pod, sa, workspaces, a, pipelineTaskLabel]) => ({
  apiVersion: `tekton.dev/${v}`,
  kind: 'TaskRun',
  metadata: metadata('build-run', a, pipelineTaskLabel === undefined ? undefined : { 'tekton.dev/pipelineTask': pipelineTaskLabel }),
  spec: {
    ...(sa !== undefined ? { serviceAccountName: sa } : {}),
    ...(spec !== undefined ? { taskSpec: spec } : { taskRef: { name: 'build' } }),
    params: [{ name: 'x', value: 'main' }, { name: 'a', value: ['--all', 'v1'] }],
    ...(pod !== undefined ? { podTemplate: pod } : {}),
    ...(workspaces !== undefined ? { workspaces } : {}),
  },
}));

const pipelineRun = fc.tuple(
  version, fc.oneof({ weight: 4, arbitrary: pipelineSpec(1) }, { weight: 1, arbitrary: fc.constant(undefined) }),
  maybe(podTemplate, 1), serviceAccount,
  maybe(fc.array(fc.tuple(fc.constantFrom('t1', 't2'), maybe(podTemplate, 1), maybe(fc.constantFrom('other-runner', '', SERVICE_ACCOUNT), 2),
    maybe(fc.constant({ 'tekton.dev/pipelineTask': 't2' }), 6)), { maxLength: 2 }), 2),
  maybe(fc.array(workspaceBinding, { maxLength: 1 }), 1), relaxations,
).map(([v, spec, pod, sa, specs, workspaces, a]) => {
  const runSpec: Obj = {
    ...(spec !== undefined ? { pipelineSpec: spec } : { pipelineRef: { name: 'ci' } }),
    params: [{ name: 'x', value: 'main' }, { name: 'a', value: ['--all', 'v1'] }],
    ...(workspaces !== undefined ? { workspaces } : {}),
  };
  // v1beta1 names the per-task pod template and ServiceAccount taskPodTemplate and taskServiceAccountName
  const [podField, saField] = v === 'v1' ? ['podTemplate', 'serviceAccountName'] : ['taskPodTemplate', 'taskServiceAccountName'];
  const taskRunSpecs = (specs ?? []).map(([name, p, s, labels]) => ({
    pipelineTaskName: name,
    ...(p !== undefined ? { [podField]: p } : {}),
    ...(s !== undefined ? { [saField]: s } : {}),
    ...(labels !== undefined ? { metadata: { labels } } : {}),
  }));
  if (taskRunSpecs.length > 0) runSpec.taskRunSpecs = taskRunSpecs;
  if (v === 'v1') {
    const template: Obj = { ...(sa !== undefined ? { serviceAccountName: sa } : {}), ...(pod !== undefined ? { podTemplate: pod } : {}) };
    if (Object.keys(template).length > 0) runSpec.taskRunTemplate = template;
  } else {
    if (sa !== undefined) runSpec.serviceAccountName = sa;
    if (pod !== undefined) runSpec.podTemplate = pod;
  }
  return { apiVersion: `tekton.dev/${v}`, kind: 'PipelineRun', metadata: metadata('ci-run', a), spec: runSpec };
});

/** Any Tekton object of the kinds the policies match. */
export const tektonObject: fc.Arbitrary<any> = fc.oneof(task, stepAction, pipeline, taskRun, pipelineRun);
