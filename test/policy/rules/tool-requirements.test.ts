import { describeRule, hardenedContainer, hardenedSecurityContext, pipelineEmbedding, task, taskSpec } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { TOOL_REQUIREMENTS } from '../../../src/policy/rules/tool-requirements';
import { canonicalRepository, toolProfileOf } from '../../../src/private/tool-profiles';

const DIGEST = `@sha256:${'a'.repeat(64)}`;
const KANIKO = `gcr.io/kaniko-project/executor:v1.23.2${DIGEST}`;
const CRANE = `gcr.io/go-containerregistry/crane${DIGEST}`;
const OR_BUILD = 'or use ContainerBuild (root, a writable root filesystem and the capabilities kaniko needs, each relaxed with its reason, '
  + 'no credentials, --no-push) in a namespace whose Pod Security level is baseline, and push its output with ImagePush.';
const ROOT_FIX = `Run it as root (runAsUser: 0, with a relaxation of RUN_AS_NON_ROOT), ${OR_BUILD}`;
const at = (finding: Record<string, unknown>) =>
  ({ rule: RuleId.TOOL_REQUIREMENTS, kind: 'Task', name: 'build', location: "step 'compile'", target: 'step/compile', ...finding });

/** kaniko as it can run: root, a writable root filesystem, the capabilities it needs. */
function kanikoAsRoot(overrides: Record<string, any> = {}): any {
  return hardenedContainer('compile', {
    image: KANIKO,
    script: undefined,
    command: ['/kaniko/executor'],
    securityContext: {
      ...hardenedSecurityContext(),
      runAsNonRoot: false,
      runAsUser: 0,
      readOnlyRootFilesystem: false,
      capabilities: { drop: ['ALL'], add: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETUID', 'SETGID', 'FSETID', 'SETFCAP'] },
    },
    ...overrides,
  });
}

describe('TOOL_REQUIREMENTS', () => {
  describeRule(TOOL_REQUIREMENTS, RuleId.TOOL_REQUIREMENTS, Severity.LOW, true);

  test('images are known by repository, tag and digest dropped, Docker Hub names written out', () => {
    expect(canonicalRepository('alpine/git:2.45.2')).toBe('docker.io/alpine/git');
    expect(canonicalRepository('golang:1.23')).toBe('docker.io/library/golang');
    expect(canonicalRepository(`index.docker.io/bitnami/kubectl@sha256:${'b'.repeat(64)}`)).toBe('docker.io/bitnami/kubectl');
    expect(canonicalRepository('registry.example.com:5000/kaniko:v1')).toBe('registry.example.com:5000/kaniko');
    expect(toolProfileOf(KANIKO)?.tool).toBe('kaniko');
    expect(toolProfileOf('bitnami/kubectl:1.31')?.tool).toBe('kubectl');
    expect(toolProfileOf('registry.example.com/kaniko-project/executor:v1')).toBeUndefined();
  });

  test('compliant: kaniko as root with a writable root and its capabilities; crane with DOCKER_CONFIG; an unknown image', () => {
    expect(TOOL_REQUIREMENTS.check(task({ steps: [kanikoAsRoot()] }))).toEqual([]);
    expect(TOOL_REQUIREMENTS.check(task({ steps: [hardenedContainer('compile', { image: CRANE, env: [{ name: 'DOCKER_CONFIG', value: '/workspace/creds' }] })] }))).toEqual([]);
    expect(TOOL_REQUIREMENTS.check(task())).toEqual([]);
  });

  test('not judged: the image of a tool used for something else', () => {
    const git = `ghcr.io/tektoncd/github.com/tektoncd/pipeline/cmd/git-init:v0.42.0${DIGEST}`;
    expect(TOOL_REQUIREMENTS.check(task({ steps: [hardenedContainer('compile', { image: git, script: '#!/bin/sh\ndate\n' })] }))).toEqual([]);
    // the tool named in the script, the command or the args, or run as the entrypoint, is judged
    for (const runs of [
      { script: '#!/bin/sh\nset -e\ngit clone "$URL" .\n' },
      { script: undefined, command: ['/ko-app/git-init'], args: ['-url=x'] },
      { script: undefined, command: ['sh', '-c', 'cd /w && git fetch origin'] },
      { script: undefined },
    ]) {
      expect(TOOL_REQUIREMENTS.check(task({ steps: [hardenedContainer('compile', { image: git, ...runs })] })).map((f) => f.property)).toEqual(['env.HOME']);
    }
  });

  test('compliant: git with HOME from the stepTemplate', () => {
    const git = `ghcr.io/tektoncd/github.com/tektoncd/pipeline/cmd/git-init:v0.42.0${DIGEST}`;
    expect(TOOL_REQUIREMENTS.check(task({
      stepTemplate: { env: [{ name: 'HOME', value: '/home/tekton' }] },
      steps: [hardenedContainer('compile', { image: git })],
    }))).toEqual([]);
    // an empty HOME after it is the one the kubelet sets
    expect(TOOL_REQUIREMENTS.check(task({
      steps: [hardenedContainer('compile', { image: git, script: undefined, env: [{ name: 'HOME', value: '/home/tekton' }, { name: 'HOME', value: '' }] })],
    })).map((f) => f.property)).toEqual(['env.HOME']);
  });

  test('kaniko hardened as every step is: each need reported with the way out', () => {
    expect(TOOL_REQUIREMENTS.check(task({ steps: [hardenedContainer('compile', { image: KANIKO, script: undefined, command: ['/kaniko/executor'] })] }))).toEqual([
      at({ property: 'securityContext.runAsNonRoot', value: 'true', problem: 'is true, but kaniko unpacks the base image and runs the Dockerfile as root inside its own container', fix: ROOT_FIX }),
      at({ property: 'securityContext.runAsUser', value: '65532', problem: 'is not 0, but kaniko unpacks the base image and runs the Dockerfile as root inside its own container', fix: ROOT_FIX }),
      at({
        property: 'securityContext.readOnlyRootFilesystem',
        value: 'true',
        problem: 'is true, but kaniko builds the image by writing its layers over its own root filesystem',
        fix: `Give it a writable root filesystem (writableRootFilesystem: true, with a relaxation of READ_ONLY_ROOT_FILESYSTEM), ${OR_BUILD}`,
      }),
      at({
        property: 'securityContext.capabilities.add',
        value: 'CHOWN, DAC_OVERRIDE, FOWNER, SETUID, SETGID, FSETID, SETFCAP',
        problem: 'are not added back after dropping ALL, but kaniko recreates the owners, modes (setgid bits: FSETID) and file capabilities (SETFCAP) of every file of the layers it unpacks',
        fix: 'Add them back (addCapabilities: [Capability.CHOWN, Capability.DAC_OVERRIDE, Capability.FOWNER, Capability.SETUID, Capability.SETGID, '
          + 'Capability.FSETID, Capability.SETFCAP], '
          + `with a relaxation of DROP_ALL_CAPABILITIES), ${OR_BUILD}`,
      }),
    ]);
  });

  test('kaniko missing one capability (the CAP_ prefix is read as the runtime reads it)', () => {
    const step = kanikoAsRoot();
    step.securityContext.capabilities.add = ['CAP_CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETUID', 'FSETID', 'CAP_SETFCAP'];
    expect(TOOL_REQUIREMENTS.check(task({ steps: [step] }))).toEqual([at({
      property: 'securityContext.capabilities.add',
      value: 'SETGID',
      problem: 'is not added back after dropping ALL, but kaniko recreates the owners, modes (setgid bits: FSETID) and file capabilities (SETFCAP) of every file of the layers it unpacks',
      fix: `Add it back (addCapabilities: [Capability.SETGID], with a relaxation of DROP_ALL_CAPABILITIES), ${OR_BUILD}`,
    })]);
  });

  test('kaniko with the five ownership capabilities only: FSETID and SETFCAP are asked for too', () => {
    const step = kanikoAsRoot();
    step.securityContext.capabilities.add = ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETUID', 'SETGID'];
    expect(TOOL_REQUIREMENTS.check(task({ steps: [step] }))).toEqual([at({
      property: 'securityContext.capabilities.add',
      value: 'FSETID, SETFCAP',
      problem: 'are not added back after dropping ALL, but kaniko recreates the owners, modes (setgid bits: FSETID) and file capabilities (SETFCAP) of every file of the layers it unpacks',
      fix: `Add them back (addCapabilities: [Capability.FSETID, Capability.SETFCAP], with a relaxation of DROP_ALL_CAPABILITIES), ${OR_BUILD}`,
    })]);
  });

  test('crane with a read-only root and neither HOME nor DOCKER_CONFIG', () => {
    expect(TOOL_REQUIREMENTS.check(task({ steps: [hardenedContainer('compile', { image: CRANE, script: undefined, args: ['push', '/w', 'r/x'] })] }))).toEqual([at({
      property: 'env.HOME',
      problem: 'is not set with a read-only root filesystem, but crane reads registry credentials from $HOME/.docker/config.json',
      fix: 'Set env DOCKER_CONFIG to the credentials workspace (or HOME to a path with an emptyDir volume), or use ImagePush.',
    })]);
  });

  test('an embedded spec inherits the run\'s non-root pod securityContext: kaniko without a UID of its own is refused', () => {
    const step = kanikoAsRoot();
    delete step.securityContext.runAsUser;
    delete step.securityContext.runAsNonRoot;
    const run = {
      apiVersion: 'tekton.dev/v1',
      kind: 'TaskRun',
      metadata: { name: 'build' },
      spec: { taskSpec: taskSpec({ steps: [step] }), podTemplate: { securityContext: { runAsNonRoot: true, runAsUser: 65532 } } },
    };
    expect(TOOL_REQUIREMENTS.check(run).map((f) => f.property)).toEqual(['securityContext.runAsNonRoot', 'securityContext.runAsUser']);
    expect(TOOL_REQUIREMENTS.check(pipelineEmbedding(taskSpec({ steps: [kanikoAsRoot()] })))).toEqual([]);
  });
});
