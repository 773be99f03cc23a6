/**
 * The audit on YAML written the way real repositories write it (the Tekton catalog, Tekton's
 * examples, Konflux build definitions, Tekton's and Chains' install manifests): each misreading
 * once found there, on a realistic snippet, with where the finding points.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { audit, AuditOptions } from '../../src/cli/audit';

const PINNED = `gcr.io/tekton-releases/github.com/tektoncd/pipeline/cmd/git-init@sha256:${'2'.repeat(64)}`;
const OTHER_PINNED = `docker.io/library/alpine@sha256:${'8'.repeat(64)}`;
const POD = `    automountServiceAccountToken: false
    securityContext:
      runAsNonRoot: true
      runAsUser: 1001
      fsGroup: 1001
      seccompProfile: {type: RuntimeDefault}`;
/** A step's securityContext that sets no user (the pod gives it). */
const STEP_SC = `securityContext:
          allowPrivilegeEscalation: false
          readOnlyRootFilesystem: true
          capabilities: {drop: [ALL]}
          seccompProfile: {type: RuntimeDefault}`;
const RESOURCES = 'computeResources: {requests: {cpu: 100m, memory: 64Mi}, limits: {cpu: 500m, memory: 256Mi}}';

/** The failed findings of `yaml` audited alone: [line, object, location, rule, property, value]. */
function failed(yaml: string, options: AuditOptions = {}): unknown[][] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'real-yaml-'));
  const file = path.join(dir, 'f.yaml');
  fs.writeFileSync(file, yaml);
  const r = audit([file], { format: 'json', ...options });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout).findings.filter((f: any) => f.status === 'failed')
    .map((f: any) => [f.line, f.object, f.location ?? '', f.rule, f.property, f.value ?? '']);
}

describe('v1beta1 field names', () => {
  test('a v1beta1 PipelineRun: serviceAccountName, podTemplate, timeout and PipelineResources are read as v1beta1 spells them', () => {
    expect(failed(`apiVersion: tekton.dev/v1beta1
kind: PipelineRun
metadata:
  name: build-run
  namespace: ci
spec:
  serviceAccountName: builder
  timeout: 30m
  podTemplate:
${POD}
  pipelineRef:
    name: build
  resources:
    - name: source
      resourceSpec:
        type: git
        params:
          - {name: url, value: https://github.com/example/app}
`)).toEqual([
      // the one finding: Tekton v1.15's v1beta1 validation refuses PipelineResources (must not set the field(s): spec.resources)
      [18, 'PipelineRun/ci/build-run', '', 'TEKTON_ADMITTED', 'spec.resources', ''],
    ]);
  });

  test('timeout "0" (v1beta1) and timeouts.pipeline "0s" are no timeout; taskRef.bundle, which Tekton v1.15 refuses, is reported, and a tag is not pinned', () => {
    expect(failed(`apiVersion: tekton.dev/v1beta1
kind: PipelineRun
metadata: {name: forever}
spec:
  serviceAccountName: builder
  timeout: "0"
  podTemplate:
${POD}
  pipelineRef: {name: build}
---
apiVersion: tekton.dev/v1beta1
kind: PipelineRun
metadata: {name: forever-too}
spec:
  serviceAccountName: builder
  timeouts:
    pipeline: 0s
  podTemplate:
${POD}
  pipelineRef: {name: build}
---
apiVersion: tekton.dev/v1beta1
kind: TaskRun
metadata: {name: lint}
spec:
  serviceAccountName: linter
  timeout: 10m
  podTemplate:
${POD}
  taskRef:
    name: lint
    bundle: gcr.io/example/lint-bundle:v1
`, { rules: ['RUN_TIMEOUT', 'REMOTE_REFERENCE_PINNED', 'TEKTON_FIELD_NAMES'] })).toEqual([
      [6, 'PipelineRun/forever', '', 'RUN_TIMEOUT', 'timeout', '0'],
      [22, 'PipelineRun/forever-too', '', 'RUN_TIMEOUT', 'timeouts.pipeline', '0s'],
      [47, 'TaskRun/lint', '', 'REMOTE_REFERENCE_PINNED', 'spec.taskRef.bundle', 'gcr.io/example/lint-bundle:v1'],
      [47, 'TaskRun/lint', '', 'TEKTON_FIELD_NAMES', 'spec.taskRef.bundle', 'bundle'],
    ]);
  });

  test('an unset timeout is Tekton\'s 60-minute default, not "no timeout"', () => {
    expect(failed(`apiVersion: tekton.dev/v1
kind: PipelineRun
metadata: {name: default-timeout}
spec:
  taskRunTemplate:
    serviceAccountName: builder
    podTemplate:
${POD.replace(/^/gm, '  ')}
  pipelineRef: {name: build}
`)).toEqual([]);
  });
});

describe('pod-level securityContext', () => {
  // v1beta1 names a step's resources `resources` (Tekton's webhook refuses `computeResources` there)
  const taskRun = (podSc: string) => `apiVersion: tekton.dev/v1beta1
kind: TaskRun
metadata: {name: print-date}
spec:
  serviceAccountName: printer
  podTemplate:
    automountServiceAccountToken: false
    securityContext:
${podSc}
  taskSpec:
    steps:
      - name: print
        image: ${PINNED}
        ${RESOURCES.replace('computeResources', 'resources')}
        ${STEP_SC}
        volumeMounts: [{name: tmp, mountPath: /tmp}]
        script: |
          #!/bin/sh
          date
    volumes: [{name: tmp, emptyDir: {}}]
`;

  test('a step without runAsNonRoot inherits the run\'s pod-level runAsNonRoot and runAsUser: no finding', () => {
    expect(failed(taskRun('      runAsNonRoot: true\n      runAsUser: 1001\n      fsGroup: 1001\n      seccompProfile: {type: RuntimeDefault}'))).toEqual([]);
  });

  test('a pod-level runAsUser: 0 is a finding on the pod, and on the step that inherits it', () => {
    expect(failed(taskRun('      runAsUser: 0\n      fsGroup: 1001\n      seccompProfile: {type: RuntimeDefault}'))).toEqual([
      [17, 'TaskRun/print-date', "step 'print'", 'RUN_AS_NON_ROOT', 'securityContext.runAsNonRoot', ''],
      [17, 'TaskRun/print-date', "step 'print'", 'RUN_AS_NON_ROOT', 'securityContext.runAsUser', '0'],
      [8, 'TaskRun/print-date', '', 'RUN_POD_SECURITY_CONTEXT', 'podTemplate.securityContext.runAsNonRoot', ''],
      [9, 'TaskRun/print-date', '', 'RUN_POD_SECURITY_CONTEXT', 'podTemplate.securityContext.runAsUser', '0'],
    ]);
  });
});

test('nested specs: a PipelineRun\'s pipelineSpec, its tasks\' and finally\'s taskSpecs, each finding at its own step', () => {
  expect(failed(`apiVersion: tekton.dev/v1
kind: PipelineRun
metadata: {generateName: nested-}
spec:
  taskRunTemplate:
    serviceAccountName: builder
    podTemplate:
${POD.replace(/^/gm, '  ')}
  pipelineSpec:
    tasks:
      - name: build
        taskSpec:
          steps:
            - name: compile
              image: golang:1.23
    finally:
      - name: notify
        taskSpec:
          steps:
            - name: send
              image: ${PINNED}
              script: |
                #!/bin/sh
                echo $(tasks.build.results.digest)
`, { rules: ['IMAGE_DIGEST', 'SCRIPT_INJECTION'] })).toEqual([
    [20, 'PipelineRun/nested-', "task 'build' step 'compile'", 'IMAGE_DIGEST', 'image', 'golang:1.23'],
    [27, 'PipelineRun/nested-', "task 'notify' step 'send'", 'SCRIPT_INJECTION', 'script', '$(tasks.build.results.digest)'],
  ]);
});

test('as Tekton stores them: a v1beta1 pipeline task\'s pipelineSpec, which the conversion to v1 drops, is reported and not judged', () => {
  expect(failed(`apiVersion: tekton.dev/v1beta1
kind: Pipeline
metadata: {name: outer, namespace: ci}
spec:
  tasks:
    - name: nested
      pipelineSpec:
        tasks:
          - name: build
            taskSpec:
              steps:
                - name: compile
                  image: golang:1.23
`, { rules: ['IMAGE_DIGEST', 'TEKTON_FIELD_NAMES'] })).toEqual([
    [7, 'Pipeline/ci/outer', '', 'TEKTON_FIELD_NAMES', 'spec.tasks[0].pipelineSpec', 'pipelineSpec'],
  ]);
});

test('StepActions: the StepAction is judged, the steps that run it are not (Tekton gives them its image and securityContext)', () => {
  expect(failed(`apiVersion: tekton.dev/v1
kind: Task
metadata: {name: clone-and-build}
spec:
  params: [{name: url}]
  steps:
    - name: clone
      ref: {name: git-clone}
      params: [{name: url, value: $(params.url)}]
      ${RESOURCES}
---
apiVersion: tekton.dev/v1beta1
kind: StepAction
metadata: {name: git-clone}
spec:
  params: [{name: url}]
  image: ${PINNED}
  env: [{name: URL, value: $(params.url)}]
  script: |
    #!/bin/sh
    git clone -- "$URL" .
`, { skipRules: ['COMPUTE_RESOURCES'] })).toEqual([
    [15, 'StepAction/git-clone', "stepAction 'git-clone'", 'RUN_AS_NON_ROOT', 'securityContext.runAsNonRoot', ''],
    [15, 'StepAction/git-clone', "stepAction 'git-clone'", 'RUN_AS_NON_ROOT', 'securityContext.runAsUser', ''],
    [15, 'StepAction/git-clone', "stepAction 'git-clone'", 'NO_PRIVILEGE_ESCALATION', 'securityContext.allowPrivilegeEscalation', ''],
    [15, 'StepAction/git-clone', "stepAction 'git-clone'", 'DROP_ALL_CAPABILITIES', 'securityContext.capabilities.drop', ''],
    [15, 'StepAction/git-clone', "stepAction 'git-clone'", 'SECCOMP_RUNTIME_DEFAULT', 'securityContext.seccompProfile.type', ''],
    [15, 'StepAction/git-clone', "stepAction 'git-clone'", 'READ_ONLY_ROOT_FILESYSTEM', 'securityContext.readOnlyRootFilesystem', ''],
  ]);
});

test('$(inputs.params.x) of v1alpha1-era Tasks is a param substitution to the injection rules', () => {
  expect(failed(`apiVersion: tekton.dev/v1beta1
kind: Task
metadata: {name: old-style}
spec:
  params: [{name: pathToDockerFile, default: /workspace/Dockerfile}]
  steps:
    - name: build
      image: ${PINNED}
      script: |
        #!/bin/sh
        cat $(inputs.params.pathToDockerFile)
    - name: show
      image: ${PINNED}
      command: [cat]
      args: ["$(inputs.params.pathToDockerFile)"]
`, { rules: ['SCRIPT_INJECTION', 'ARGUMENT_INJECTION'] })).toEqual([
    [9, 'Task/old-style', "step 'build'", 'SCRIPT_INJECTION', 'script', '$(inputs.params.pathToDockerFile)'],
    [15, 'Task/old-style', "step 'show'", 'ARGUMENT_INJECTION', 'args[0]', '$(inputs.params.pathToDockerFile)'],
  ]);
});

test('an image from a param: a pinned default alone is a finding (a run can override it), an enum of pinned images is not', () => {
  const task = (name: string, param: string) => `apiVersion: tekton.dev/v1
kind: Task
metadata: {name: ${name}}
spec:
  params:
    - ${param}
  steps:
    - name: build
      image: $(params.BUILDER_IMAGE)
`;
  expect(failed(`${task('default-only', `{name: BUILDER_IMAGE, default: "${PINNED}"}`)}---\n${task('enum', `{name: BUILDER_IMAGE, default: "${PINNED}", enum: ["${PINNED}", "${OTHER_PINNED}"]}`)}`, { rules: ['IMAGE_DIGEST'] }))
    .toEqual([[9, 'Task/default-only', "step 'build'", 'IMAGE_DIGEST', 'image', '$(params.BUILDER_IMAGE)']]);
});

test('RBAC: create on runs needs no resourceNames (a create names no object yet); get without them is still a finding', () => {
  expect(failed(`apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: trigger, namespace: ci}
rules:
  - apiGroups: [tekton.dev]
    resources: [pipelineruns]
    verbs: [create]
  - apiGroups: [tekton.dev]
    resources: [pipelineruns]
    verbs: [get]
`, { rules: ['RBAC_NO_WILDCARD'] })).toEqual([[8, 'Role/ci/trigger', 'rules[1]', 'RBAC_NO_WILDCARD', 'resourceNames', '']]);
});

test('Chains: in-toto is another name of slsa/v1, not a finding', () => {
  expect(failed(`apiVersion: v1
kind: ConfigMap
metadata: {name: chains-config, namespace: tekton-chains}
data:
  artifacts.taskrun.format: in-toto
  artifacts.pipelinerun.format: in-toto
`, { rules: ['CHAINS_SLSA_PROVENANCE', 'CHAINS_KNOWN_KEYS'] })).toEqual([]);
});

test('a read-only root filesystem without a /tmp emptyDir is a functional finding (WRITABLE_SCRATCH, low), not a security one', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'real-yaml-'));
  const file = path.join(dir, 'f.yaml');
  fs.writeFileSync(file, `apiVersion: tekton.dev/v1
kind: Task
metadata: {name: ro}
spec:
  steps:
    - name: s
      image: ${PINNED}
      securityContext: {runAsNonRoot: true, runAsUser: 1001, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}, seccompProfile: {type: RuntimeDefault}}
      ${RESOURCES}
`);
  const findings = JSON.parse(audit([file], 'json').stdout).findings.map((f: any) => [f.rule, f.severity]);
  // the step runs git-init's entrypoint, which writes its config under $HOME: functional too
  expect(findings).toEqual([['WRITABLE_SCRATCH', 'low'], ['TOOL_REQUIREMENTS', 'low']]);
});

test('--profile platform: the Chains controller\'s roles from Chains\' install manifest are accepted, and only they', () => {
  const yaml = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: tekton-chains-controller-cluster-access}
subjects:
  - {kind: ServiceAccount, name: tekton-chains-controller, namespace: tekton-chains}
roleRef: {kind: ClusterRole, name: tekton-chains-controller-cluster-access, apiGroup: rbac.authorization.k8s.io}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: tekton-chains-controller-cluster-access}
rules:
  - apiGroups: [tekton.dev]
    resources: [taskruns, pipelineruns]
    verbs: [get, list, update, patch, watch]
  - apiGroups: [""]
    resources: [secrets]
    verbs: [list, watch, get]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: tekton-chains-leader-election, namespace: tekton-chains}
rules:
  - apiGroups: [coordination.k8s.io]
    resources: [leases]
    verbs: [get, list, create, update, delete, patch, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: tekton-chains-controller-leaderelection, namespace: tekton-chains}
subjects:
  - {kind: ServiceAccount, name: tekton-chains-controller, namespace: tekton-chains}
roleRef: {kind: Role, name: tekton-chains-leader-election, apiGroup: rbac.authorization.k8s.io}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ci-reads-runs}
subjects:
  - {kind: ServiceAccount, name: builder, namespace: ci}
roleRef: {kind: ClusterRole, name: tekton-chains-controller-cluster-access, apiGroup: rbac.authorization.k8s.io}
`;
  const rbac = { rules: ['RBAC_NAMESPACED', 'RBAC_NO_WILDCARD', 'RBAC_NO_SECRET_LISTING', 'RBAC_NO_ESCALATION'] };
  // the ClusterRole is also bound to a pipeline identity: only the platform's own binding and Role are accepted
  expect([...new Set(failed(yaml, { ...rbac, profile: 'platform' }).map((f) => `${f[1]} ${f[3]}`))].sort()).toEqual([
    'ClusterRole/tekton-chains-controller-cluster-access RBAC_NAMESPACED',
    'ClusterRole/tekton-chains-controller-cluster-access RBAC_NO_ESCALATION',
    'ClusterRole/tekton-chains-controller-cluster-access RBAC_NO_SECRET_LISTING',
    'ClusterRole/tekton-chains-controller-cluster-access RBAC_NO_WILDCARD',
    'ClusterRoleBinding/ci-reads-runs RBAC_NAMESPACED',
  ]);
  const install = yaml.slice(0, yaml.lastIndexOf('---'));
  expect(failed(install, { ...rbac, profile: 'platform' })).toEqual([]);
  // without the profile the same install fails: cluster-scoped, secret listing, run updates, no resourceNames
  expect([...new Set(failed(install, rbac).map((f) => `${f[1]} ${f[3]}`))].sort()).toEqual([
    'ClusterRole/tekton-chains-controller-cluster-access RBAC_NAMESPACED',
    'ClusterRole/tekton-chains-controller-cluster-access RBAC_NO_ESCALATION',
    'ClusterRole/tekton-chains-controller-cluster-access RBAC_NO_SECRET_LISTING',
    'ClusterRole/tekton-chains-controller-cluster-access RBAC_NO_WILDCARD',
    'ClusterRoleBinding/tekton-chains-controller-cluster-access RBAC_NAMESPACED',
    'Role/tekton-chains/tekton-chains-leader-election RBAC_NO_WILDCARD',
  ]);
});

describe('Konflux Trusted Artifacts tasks', () => {
  const TA = `quay.io/konflux-ci/build-trusted-artifacts:latest@sha256:${'4'.repeat(64)}`;
  const RUNNER = `quay.io/konflux-ci/task-runner:1.6.0@sha256:${'5'.repeat(64)}`;
  /** An `*-oci-ta` task as build-definitions writes one: the source restored into an emptyDir, a step with a Secret, the source stored again. */
  const task = (script: string) => `apiVersion: tekton.dev/v1
kind: Task
metadata: {name: push-oci-ta}
spec:
  params:
    - {name: SOURCE_ARTIFACT, type: string}
    - {name: CACHI2_ARTIFACT, type: string, default: ""}
  results:
    - {name: SOURCE_ARTIFACT, type: string}
  volumes:
    - name: workdir
      emptyDir: {}
    - name: registry-token
      secret: {secretName: registry-token}
  stepTemplate:
    volumeMounts:
      - mountPath: /var/workdir
        name: workdir
  steps:
    - name: use-trusted-artifact
      image: ${TA}
      args:
        - use
        - $(params.SOURCE_ARTIFACT)=/var/workdir/source
        - $(params.CACHI2_ARTIFACT)=/var/workdir/cachi2
    - name: push
      image: ${RUNNER}
      workingDir: /var/workdir
      volumeMounts:
        - mountPath: /mnt/token
          name: registry-token
      script: |
        #!/bin/bash
        set -euo pipefail
${script.replace(/^/gm, '        ')}
    - name: create-trusted-artifact
      image: ${TA}
      args:
        - create
        - --store
        - quay.io/org/artifacts:push
        - $(results.SOURCE_ARTIFACT.path)=/var/workdir/source
`;
  const repoCode = (yaml: string) => failed(yaml).filter((f) => f[3] === 'CREDENTIALS_WITH_REPO_CODE');

  test('a step that reads the restored source as data holds its Secret safely; one that sources a file of it does not', () => {
    expect(repoCode(task('tag=$(yq .tag source/push.yaml)\ncat source/README.md\noras push --registry-config /mnt/token/config.json "quay.io/org/app:${tag}" ./source/dist'))).toEqual([]);
    expect(repoCode(task('source source/hack/push-env.sh\noras push --registry-config /mnt/token/config.json "$TARGET" ./source/dist'))).toEqual([
      [32, 'Task/push-oci-ta', "step 'push'", 'CREDENTIALS_WITH_REPO_CODE', 'script', 'source source/hack/push-env.sh'],
    ]);
  });
});
