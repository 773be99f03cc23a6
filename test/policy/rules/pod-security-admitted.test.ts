import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { customEventListener, describeRule, eventListener, hardenedContainer, hardenedSecurityContext, loopInPipeline, operatorDeployment, pipelineLoop, task } from './fixtures';
import {
  Capability, ContainerBuild, HardenedNamespace, PodSecurityLevel, PodSecurityMode, RelaxationTarget, RuleId, SecureTask, Severity,
} from '../../../src';
import { audit } from '../../../src/cli/audit';
import { ruleContext } from '../../../src/policy/engine/context';
import { POD_SECURITY_ADMITTED } from '../../../src/policy/rules/pod-security-admitted';
import { evaluatingOnce } from '../../../src/private/containers';
import { refusalLinesOf, step } from '../../helpers/constructs';

/** A Namespace `ci` with these Pod Security labels (`enforce` first). */
function namespace(enforce?: string, version?: string, name = 'ci'): any {
  const labels: Record<string, string> = {};
  if (enforce !== undefined) labels['pod-security.kubernetes.io/enforce'] = enforce;
  if (version !== undefined) labels['pod-security.kubernetes.io/enforce-version'] = version;
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

/** A Task `build` in `ci` whose one step `kaniko` has this securityContext. */
function taskWith(securityContext: any, more: Record<string, any> = {}): any {
  return task({ steps: [hardenedContainer('kaniko', { securityContext, ...more })] });
}

/** kaniko's securityContext: root, five capabilities of the baseline set added back. */
const ROOT = {
  ...hardenedSecurityContext(),
  runAsNonRoot: false,
  runAsUser: 0,
  capabilities: { drop: ['ALL'], add: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETUID', 'SETGID'] },
};

/** The findings of the rule on `m` checked together with `others`. */
const check = (m: any, ...others: any[]) => POD_SECURITY_ADMITTED.check(m, ruleContext([m, ...others]));

const LOWER = (level: string, member: string) => `lower the enforce level of namespace 'ci' to "${level}", which needs a recorded relaxation `
  + `(HardenedNamespace enforce: PodSecurityLevel.${member}, relaxations: [{ rule: RuleId.NAMESPACE_RESTRICTED, `
  + "target: RelaxationTarget.podSecurityMode('enforce'), reason: '<why>' }])";
const SPLIT = (what: string, level: string) => `run ${what} in a namespace of its own that enforces "${level}" (split the work: a build namespace without credentials, the push in 'ci')`;

/** What the fix says the level requires of a field, where one value or a few do. */
const REQUIRED: Record<string, string> = {
  'securityContext.allowPrivilegeEscalation': ' (false)',
  'securityContext.runAsNonRoot': ' (true)',
  'securityContext.seccompProfile.type': ' ("RuntimeDefault" or "Localhost")',
  'securityContext.capabilities.drop': ' (a list holding "ALL")',
};

/** The finding on step `kaniko` of Task `build` in a namespace enforcing `level`. */
function refused(property: string, value: string | undefined, problem: string, level = 'restricted', version = 'v1.28', admittedUpTo = 'baseline'): any {
  const member = admittedUpTo.toUpperCase();
  return {
    rule: RuleId.POD_SECURITY_ADMITTED,
    kind: 'Task',
    name: 'build',
    location: "step 'kaniko'",
    target: 'step/kaniko',
    property,
    ...(value === undefined ? {} : { value }),
    problem: `${problem}, which namespace 'ci' refuses at admission: it enforces Pod Security "${level}" (${version}), so the pod is never created`,
    fix: `Change ${property} to meet "${level}"${REQUIRED[property] ?? ''}, ${SPLIT('it', admittedUpTo)}, or ${LOWER(admittedUpTo, member)}.`,
  };
}

describe('POD_SECURITY_ADMITTED', () => {
  describeRule(POD_SECURITY_ADMITTED, RuleId.POD_SECURITY_ADMITTED, Severity.HIGH, false);

  test('applies to Tekton objects and the workloads that make pods', () => {
    for (const kind of ['Task', 'TaskRun', 'Pipeline', 'PipelineRun', 'StepAction', 'Pod', 'Deployment', 'Job', 'CronJob']) {
      expect(POD_SECURITY_ADMITTED.appliesTo({ kind })).toBe(true);
    }
    expect(POD_SECURITY_ADMITTED.appliesTo({ kind: 'Namespace' })).toBe(false);
  });

  test('non-compliant: two unnamed root steps are two containers, each with its findings (`step \'unnamed-<index>\'`)', () => {
    const unnamed = (image: string) => ({ ...hardenedContainer('x', { securityContext: ROOT }), name: undefined, image });
    const m = task({ steps: [unnamed('a@sha256:' + 'a'.repeat(64)), unnamed('b@sha256:' + 'b'.repeat(64))] });
    const found = check(m, namespace('restricted', 'v1.28')).map((f) => [f.location, f.target, f.property]);
    expect(found.filter((f) => f[0] === "step 'unnamed-0'")).toEqual(found.filter((f) => f[0] === "step 'unnamed-1'")
      .map(([, target, property]) => ["step 'unnamed-0'", target!.replace('unnamed-1', 'unnamed-0'), property]));
    expect(found.filter((f) => f[0] === "step 'unnamed-1'").length).toBeGreaterThan(0);
    expect(new Set(found.map((f) => f[1]))).toEqual(new Set(['step/unnamed-0', 'step/unnamed-1']));
  });

  test('compliant: a hardened step in a restricted namespace', () => {
    expect(check(task(), namespace('restricted', 'v1.28'))).toEqual([]);
  });

  test('compliant: a null SELinux type, which Go decodes as "" (allowed by every level), in a step and a run\'s pod template', () => {
    const selinux = { type: null, level: 's0:c1,c2' };
    expect(check(taskWith({ ...hardenedSecurityContext(), seLinuxOptions: selinux }), namespace('restricted', 'v1.28'))).toEqual([]);
    const run = {
      apiVersion: 'tekton.dev/v1',
      kind: 'TaskRun',
      metadata: { name: 'build-1', namespace: 'ci' },
      spec: { taskRef: { name: 'build' }, podTemplate: { securityContext: { runAsNonRoot: true, seLinuxOptions: selinux } } },
    };
    expect(check(run, namespace('restricted', 'v1.28'))).toEqual([]);
  });

  test('compliant: alone, without an enforcing Namespace, in another namespace, or where privileged is enforced', () => {
    const root = taskWith(ROOT);
    expect(POD_SECURITY_ADMITTED.check(root)).toEqual([]);
    expect(check(root)).toEqual([]);
    expect(check(root, namespace())).toEqual([]);
    expect(check(root, namespace('restricted', undefined, 'other'))).toEqual([]);
    expect(check(root, namespace('privileged'))).toEqual([]);
  });

  test('non-compliant: a root step with capabilities added in a restricted namespace, even when the per-step rules are relaxed', () => {
    const root = taskWith(ROOT);
    root.metadata.annotations = {
      'secure-tekton/relax.RUN_AS_NON_ROOT': 'step/kaniko: kaniko unpacks layers as root',
      'secure-tekton/relax.DROP_ALL_CAPABILITIES': 'step/kaniko: kaniko needs CHOWN and friends',
    };
    expect(check(root, namespace('restricted', 'v1.28'))).toEqual([
      refused('securityContext.runAsNonRoot', 'false', 'lets the container run as root'),
      refused('securityContext.runAsUser', '0', 'runs as root'),
      refused('securityContext.capabilities.add', 'CHOWN, DAC_OVERRIDE, FOWNER, SETUID, SETGID', 'adds capabilities other than NET_BIND_SERVICE'),
    ]);
  });

  test('a Namespace written with apiVersion /v1, which kubectl and the API server read as the core group\'s v1, enforces its level; another group\'s does not', () => {
    // apimachinery v0.36 schema.ParseGroupVersion("/v1") is the group "" and the version v1 (conformance/kubectl-read keeps the object)
    const slashed = { ...namespace('restricted', 'v1.28'), apiVersion: '/v1' };
    expect(check(taskWith(ROOT), slashed).map((f) => f.property)).toEqual([
      'securityContext.runAsNonRoot', 'securityContext.runAsUser', 'securityContext.capabilities.add',
    ]);
    expect(check(taskWith(ROOT), { ...slashed, apiVersion: 'example.com/v1' })).toEqual([]);
  });

  test('baseline admits root and the baseline capabilities, not privileged or SYS_ADMIN', () => {
    expect(check(taskWith(ROOT), namespace('baseline'))).toEqual([]);
    const admin = taskWith({ ...ROOT, privileged: true, capabilities: { add: ['SYS_ADMIN', 'CHOWN'] } });
    expect(check(admin, namespace('baseline'))).toEqual([
      refused('securityContext.privileged', 'true', 'runs privileged', 'baseline', 'latest, read as v1.28', 'privileged'),
      refused('securityContext.capabilities.add', 'SYS_ADMIN', 'adds capabilities beyond the baseline set', 'baseline', 'latest, read as v1.28', 'privileged'),
    ]);
  });

  test('a level that is not exactly one of the three is enforced as restricted (fail closed)', () => {
    expect(check(taskWith(ROOT), namespace('Baseline', 'v1.28')).map((f) => f.property)).toEqual([
      'securityContext.runAsNonRoot', 'securityContext.runAsUser', 'securityContext.capabilities.add',
    ]);
  });

  test('the version enforced decides which checks apply: runAsUser from v1.23, capabilities from v1.22', () => {
    expect(check(taskWith(ROOT), namespace('restricted', 'v1.22')).map((f) => f.property)).toEqual([
      'securityContext.runAsNonRoot', 'securityContext.capabilities.add',
    ]);
    expect(check(taskWith(ROOT), namespace('restricted', 'v1.21')).map((f) => f.property)).toEqual(['securityContext.runAsNonRoot']);
  });

  test('a version after v1.28 is read as v1.28: Pod Security Admission reads a newer version as its own latest', () => {
    // hostUsers: false relaxes runAsNonRoot and runAsUser from v1.35 only, which a v1.28 cluster does not have
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'ci' },
      spec: {
        hostUsers: false,
        containers: [{ name: 'c', image: 'x', securityContext: { runAsUser: 0, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } } }],
      },
    };
    const problem = (what: string) => `${what}, which namespace 'ci' refuses at admission: it enforces Pod Security "restricted" (v1.35, read as v1.28), so the pod is never created`;
    expect(check(pod, namespace('restricted', 'v1.35')).map((f) => [f.location, f.property, f.value, f.problem])).toEqual([
      ["container 'c'", 'securityContext.runAsNonRoot', undefined, problem('is not set, and the pod does not set it either')],
      ["container 'c'", 'securityContext.runAsUser', '0', problem('runs as root')],
    ]);
    // a version the library targets is read as it is
    expect(check(pod, namespace('restricted', 'v1.28'))[0].problem).toContain('(v1.28)');
  });

  test('restricted: allowPrivilegeEscalation, seccomp and drop ALL must be set in the container', () => {
    const loose = taskWith({ runAsNonRoot: true, seccompProfile: { type: 'Unconfined' } });
    expect(check(loose, namespace('restricted', 'v1.28'))).toEqual([
      refused('securityContext.seccompProfile.type', 'Unconfined', 'turns seccomp off', 'restricted', 'v1.28', 'privileged'),
      refused('securityContext.allowPrivilegeEscalation', undefined, 'is not false'),
      refused('securityContext.capabilities.drop', undefined, 'does not drop "ALL"'),
    ]);
  });

  describe('fields a step leaves to the pod', () => {
    const bare = () => taskWith({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    const taskRunOf = (podTemplate?: any) => ({ apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name: 'r', namespace: 'ci' }, spec: { taskRef: { name: 'build' }, ...(podTemplate ? { podTemplate } : {}) } });
    const POD = { securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } };

    test('without a run checked with the Task, nothing sets them', () => {
      expect(check(bare(), namespace('restricted', 'v1.28'))).toEqual([
        refused('securityContext.runAsNonRoot', undefined, 'is not set, and no run checked with it sets it for the pod (podTemplate.securityContext)'),
        refused('securityContext.seccompProfile.type', undefined, 'is not set, and no run checked with it sets it for the pod (podTemplate.securityContext)'),
      ]);
    });

    test('a TaskRun whose pod template sets them admits the step; one that does not is a finding', () => {
      expect(check(bare(), namespace('restricted', 'v1.28'), taskRunOf(POD))).toEqual([]);
      expect(check(bare(), namespace('restricted', 'v1.28'), taskRunOf(POD), taskRunOf()).map((f) => f.problem.split(',')[1])).toEqual([
        ' and the pod template of a run checked with it does not set it either', ' and the pod template of a run checked with it does not set it either',
      ]);
    });

    test('a PipelineRun through a Pipeline: the per-task pod template replaces the run-wide one', () => {
      const pipeline = { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'pipe', namespace: 'ci' }, spec: { tasks: [{ name: 'b', taskRef: { name: 'build' } }] } };
      const run = (spec: any) => ({ apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { generateName: 'pipe-', namespace: 'ci' }, spec: { pipelineRef: { name: 'pipe' }, ...spec } });
      expect(check(bare(), namespace('restricted'), pipeline, run({ taskRunTemplate: { podTemplate: POD } }))).toEqual([]);
      const perTask = run({ taskRunTemplate: { podTemplate: POD }, taskRunSpecs: [{ pipelineTaskName: 'b', podTemplate: { securityContext: { fsGroup: 1 } } }] });
      expect(check(bare(), namespace('restricted'), pipeline, perTask)).toHaveLength(2);
    });

    test('several taskRunSpecs entries for one task: each is merged over the run-wide template in turn, a null securityContext sets none', () => {
      const pipeline = { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'pipe', namespace: 'ci' }, spec: { tasks: [{ name: 'b', taskRef: { name: 'build' } }] } };
      const run = (...taskRunSpecs: any[]) => ({ apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { name: 'pr', namespace: 'ci' }, spec: { pipelineRef: { name: 'pipe' }, taskRunSpecs } });
      // the later entry's null keeps the earlier entry's securityContext, and a null alone keeps the run-wide one
      expect(check(bare(), namespace('restricted', 'v1.28'), pipeline, run({ pipelineTaskName: 'b', podTemplate: POD }, { pipelineTaskName: 'b', podTemplate: { securityContext: null } }))).toEqual([]);
      const runWide = { ...run({ pipelineTaskName: 'b', podTemplate: { securityContext: null } }), spec: { pipelineRef: { name: 'pipe' }, taskRunTemplate: { podTemplate: POD }, taskRunSpecs: [{ pipelineTaskName: 'b', podTemplate: { securityContext: null } }] } };
      expect(check(bare(), namespace('restricted', 'v1.28'), pipeline, runWide)).toEqual([]);
      // the later entry's securityContext replaces the earlier one's
      expect(check(bare(), namespace('restricted', 'v1.28'), pipeline, run({ pipelineTaskName: 'b', podTemplate: POD }, { pipelineTaskName: 'b', podTemplate: { securityContext: { fsGroup: 1 } } }))).toEqual([
        refused('securityContext.runAsNonRoot', undefined, 'is not set, and the pod template of a run checked with it does not set it either'),
        refused('securityContext.seccompProfile.type', undefined, 'is not set, and the pod template of a run checked with it does not set it either'),
      ]);
    });

    test('an embedded spec of a TaskRun takes its own pod template', () => {
      const run: any = { apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name: 'r', namespace: 'ci' }, spec: { taskSpec: bare().spec, podTemplate: POD } };
      expect(check(run, namespace('restricted'))).toEqual([]);
      delete run.spec.podTemplate;
      expect(check(run, namespace('restricted')).map((f) => [f.kind, f.location, f.property])).toEqual([
        ['TaskRun', "step 'kaniko'", 'securityContext.runAsNonRoot'],
        ['TaskRun', "step 'kaniko'", 'securityContext.seccompProfile.type'],
      ]);
    });
  });

  test('pod-level fields: a run that shares the node network, a task that mounts the node', () => {
    const run = {
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: { name: 'r', namespace: 'ci' },
      spec: { pipelineRef: { name: 'pipe' }, taskRunTemplate: { podTemplate: { hostNetwork: true } } },
    };
    expect(check(run, namespace('baseline'))).toEqual([{
      rule: RuleId.POD_SECURITY_ADMITTED,
      kind: 'PipelineRun',
      name: 'r',
      location: 'taskRunTemplate.podTemplate',
      property: 'taskRunTemplate.podTemplate.hostNetwork',
      value: 'true',
      problem: "shares the node's namespace, which namespace 'ci' refuses at admission: it enforces Pod Security \"baseline\" (latest, read as v1.28), so the pod is never created",
      fix: `Remove it, ${SPLIT('the pod', 'privileged')}, or ${LOWER('privileged', 'PRIVILEGED')}.`,
    }]);
    const mounting = task({ volumes: [{ name: 'tmp', emptyDir: {} }, { name: 'docker', hostPath: { path: '/var/run/docker.sock' } }, { name: 'nfs', nfs: { server: 'x', path: '/' } }] });
    expect(check(mounting, namespace('restricted')).map((f) => [f.property, f.value])).toEqual([
      ["spec.volumes['docker'].hostPath", '/var/run/docker.sock'],
      ["spec.volumes['nfs'].nfs", undefined],
    ]);
  });

  describe("Tekton's own containers: set-security-context in the feature-flags checked together", () => {
    const flags = (data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'feature-flags', namespace: 'tekton-pipelines' }, data });

    test.each([
      ['"false"', { 'set-security-context': 'false' }, 'false'],
      ['unset (Tekton\'s default is false)', {}, undefined],
    ])('%s: every Tekton pod is refused in a restricted namespace', (_, data, value) => {
      expect(check(task(), namespace('restricted', 'v1.28'), flags(data))).toEqual([{
        rule: RuleId.POD_SECURITY_ADMITTED,
        kind: 'Task',
        name: 'build',
        property: "feature-flags.data['set-security-context']",
        ...(value === undefined ? {} : { value }),
        problem: 'is not "true", so the init containers and sidecars Tekton adds to every pod set no securityContext, which namespace \'ci\' refuses at admission: '
          + 'it enforces Pod Security "restricted" (v1.28), so the pod is never created',
        fix: `Set set-security-context: "true" in Tekton's feature-flags (TektonFeatureFlags does), or ${LOWER('baseline', 'BASELINE')}.`,
      }]);
    });

    test.each([
      ['not a Go boolean', { 'set-security-context': 'yes' }, 'yes'],
      ['"true" beside a value Tekton cannot read', { 'set-security-context': 'true', 'coschedule': 'always' }, 'true'],
      ['"true" beside a null boolean, stored as "", which Tekton cannot read', { 'set-security-context': 'true', 'keep-pod-on-cancel': null }, 'true'],
      ['true unquoted, which the API server refuses', { 'set-security-context': true }, 'true'],
      ['null, stored as ""', { 'set-security-context': null }, ''],
    ])('%s: the flag is not read, and every Tekton pod is refused in a restricted namespace', (_, data, value) => {
      expect(check(task(), namespace('restricted', 'v1.28'), flags(data as any))).toEqual([{
        rule: RuleId.POD_SECURITY_ADMITTED,
        kind: 'Task',
        name: 'build',
        property: "feature-flags.data['set-security-context']",
        value,
        problem: 'is not read: Tekton cannot read the feature-flags checked with it (TEKTON_FEATURE_FLAGS says why), so the init containers and sidecars '
          + 'Tekton adds to every pod set no securityContext, which namespace \'ci\' refuses at admission: it enforces Pod Security "restricted" (v1.28), so the pod is never created',
        fix: `Set set-security-context: "true" in Tekton's feature-flags (TektonFeatureFlags does), or ${LOWER('baseline', 'BASELINE')}.`,
      }]);
    });

    test('"true" (any spelling strconv.ParseBool reads as true), a baseline namespace, or no feature-flags checked: nothing', () => {
      expect(check(task(), namespace('restricted'), flags({ 'set-security-context': 'True' }))).toEqual([]);
      expect(check(task(), namespace('baseline'), flags({ 'set-security-context': 'false' }))).toEqual([]);
      expect(check(task(), namespace('restricted'))).toEqual([]);
    });

    test('several feature-flags ConfigMaps checked together (the cluster may keep any): the first that leaves the flag off', () => {
      const of = (i: number, n: number) => `(ConfigMap ${i} of the ${n} named feature-flags, any of which the cluster may keep)`;
      const finding = (value: string, problem: string) => [{
        rule: RuleId.POD_SECURITY_ADMITTED,
        kind: 'Task',
        name: 'build',
        property: "feature-flags.data['set-security-context']",
        value,
        problem: `${problem}, so the init containers and sidecars Tekton adds to every pod set no securityContext, which namespace 'ci' refuses at admission: `
          + 'it enforces Pod Security "restricted" (v1.28), so the pod is never created',
        fix: `Set set-security-context: "true" in Tekton's feature-flags (TektonFeatureFlags does), or ${LOWER('baseline', 'BASELINE')}.`,
      }];
      const on = flags({ 'set-security-context': 'true' });
      expect(check(task(), namespace('restricted', 'v1.28'), on, flags({ 'set-security-context': 'false' })))
        .toEqual(finding('false', `is not "true" ${of(2, 2)}`));
      expect(check(task(), namespace('restricted', 'v1.28'), flags({ 'set-security-context': 'yes' }), on, flags({ 'set-security-context': 'false' })))
        .toEqual(finding('yes', `is not read: Tekton cannot read the feature-flags checked with it ${of(1, 3)} (TEKTON_FEATURE_FLAGS says why)`));
      expect(check(task(), namespace('restricted', 'v1.28'), on, flags({ 'set-security-context': '1' }))).toEqual([]);
    });

    describe("a Tekton operator's TektonConfig or TektonPipeline checked together: the feature-flags it writes, over the ConfigMap", () => {
      const operator = (kind: string, pipeline: Record<string, unknown> | undefined) => ({
        apiVersion: 'operator.tekton.dev/v1alpha1',
        kind,
        metadata: { name: kind === 'TektonConfig' ? 'config' : 'pipeline' },
        spec: kind === 'TektonConfig' ? { targetNamespace: 'tekton-pipelines', pipeline } : { targetNamespace: 'tekton-pipelines', ...pipeline },
      });
      const REFUSED = 'which namespace \'ci\' refuses at admission: it enforces Pod Security "restricted" (v1.28), so the pod is never created';

      test('set-security-context: true in the typed field, or "true" under options: nothing, whatever the ConfigMap says', () => {
        expect(check(task(), namespace('restricted', 'v1.28'), flags({ 'set-security-context': 'false' }), operator('TektonConfig', { 'set-security-context': true }))).toEqual([]);
        expect(check(task(), namespace('restricted', 'v1.28'),
          operator('TektonPipeline', { options: { configMaps: { 'feature-flags': { data: { 'set-security-context': 'true' } } } } }), operatorDeployment())).toEqual([]);
      });

      test('a TektonPipeline checked without a TektonConfig: the defaults of the TektonConfig the operator creates of its own, which replaces its settings', () => {
        const own = "TektonConfig 'config' (the operator's own, with its defaults: TektonPipeline 'pipeline' is checked without a TektonConfig)";
        const finding = [{
          rule: RuleId.POD_SECURITY_ADMITTED,
          kind: 'Task',
          name: 'build',
          property: `${own} spec.pipeline['set-security-context']`,
          value: 'false',
          problem: `is not "true", so the init containers and sidecars Tekton adds to every pod set no securityContext, ${REFUSED}`,
          fix: `Write set-security-context: true under spec.pipeline of ${own}, or ${LOWER('baseline', 'BASELINE')}.`,
        }];
        const tektonPipeline = operator('TektonPipeline', { 'set-security-context': true });
        expect(check(task(), namespace('restricted', 'v1.28'), tektonPipeline)).toEqual(finding);
        expect(check(task(), namespace('restricted', 'v1.28'), flags({ 'set-security-context': 'true' }), tektonPipeline)).toEqual(finding);
        // one the operator cannot read is not found: it creates the TektonPipeline of its own TektonConfig
        expect(check(task(), namespace('restricted', 'v1.28'), operator('TektonPipeline', { 'set-security-context': 'true' }))).toEqual(finding);
        expect(check(task(), namespace('restricted', 'v1.28'), tektonPipeline, operatorDeployment())).toEqual([]);
      });

      test("unset: the operator writes Tekton's release value, false, over a ConfigMap that says true", () => {
        expect(check(task(), namespace('restricted', 'v1.28'), flags({ 'set-security-context': 'true' }), operator('TektonConfig', undefined))).toEqual([{
          rule: RuleId.POD_SECURITY_ADMITTED,
          kind: 'Task',
          name: 'build',
          property: "TektonConfig 'config' spec.pipeline['set-security-context']",
          value: 'false',
          problem: `is not "true", so the init containers and sidecars Tekton adds to every pod set no securityContext, ${REFUSED}`,
          fix: `Write set-security-context: true under spec.pipeline of TektonConfig 'config', or ${LOWER('baseline', 'BASELINE')}.`,
        }]);
      });

      test('a value the operator cannot read: the flag is not read', () => {
        expect(check(task(), namespace('restricted', 'v1.28'), operator('TektonPipeline', { 'set-security-context': 'true' }), operatorDeployment())).toEqual([{
          rule: RuleId.POD_SECURITY_ADMITTED,
          kind: 'Task',
          name: 'build',
          property: "TektonPipeline 'pipeline' spec['set-security-context']",
          value: '"true"',
          problem: "is not read: Tekton cannot read the feature-flags the operator writes for TektonPipeline 'pipeline' (TEKTON_FEATURE_FLAGS says why), "
            + `so the init containers and sidecars Tekton adds to every pod set no securityContext, ${REFUSED}`,
          fix: `Write set-security-context: true under spec of TektonPipeline 'pipeline', or ${LOWER('baseline', 'BASELINE')}.`,
        }]);
      });
    });
  });

  describe('Windows pods: Tekton gives its own containers a securityContext restricted refuses', () => {
    const flags = (value: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'feature-flags', namespace: 'tekton-pipelines' }, data: { 'set-security-context': value } });
    const defaults = (template: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data: { 'default-pod-template': template } });
    const WINDOWS = { 'kubernetes.io/os': 'windows' };
    const CONTEXT = 'the Windows securityContext (runAsNonRoot only: no allowPrivilegeEscalation: false, no capabilities drop ALL; '
      + 'Pod Security exempts a Windows pod only by spec.os.name, which Tekton never sets), which namespace \'ci\' refuses at admission: '
      + 'it enforces Pod Security "restricted" (latest, read as v1.28), so the pod is never created';
    const ON_WINDOWS = `puts the pod on Windows nodes, so Tekton gives the init containers it adds (prepare, place-scripts, working-dir) ${CONTEXT}`;
    const LINUX = `Run the pod on Linux nodes (Tekton's containers meet "restricted" only there), or ${LOWER('baseline', 'BASELINE')}.`;
    const taskRun = (podTemplate: any) => ({ apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name: 'r', namespace: 'ci' }, spec: { taskSpec: task().spec, podTemplate } });

    test('a run whose pod template selects Windows nodes', () => {
      const run = taskRun({ nodeSelector: WINDOWS, securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } });
      expect(check(run, namespace('restricted'), flags('true'))).toEqual([{
        rule: RuleId.POD_SECURITY_ADMITTED,
        kind: 'TaskRun',
        name: 'r',
        property: "podTemplate.nodeSelector['kubernetes.io/os']",
        value: 'windows',
        problem: ON_WINDOWS,
        fix: LINUX,
      }]);
      // a per-task template of a PipelineRun
      const pipelineRun = {
        apiVersion: 'tekton.dev/v1',
        kind: 'PipelineRun',
        metadata: { name: 'pr', namespace: 'ci' },
        spec: { pipelineRef: { name: 'p' }, taskRunSpecs: [{ pipelineTaskName: 'win', podTemplate: { nodeSelector: WINDOWS } }] },
      };
      expect(check(pipelineRun, namespace('restricted')).map((f) => [f.location, f.target, f.property])).toEqual([
        ["taskRunSpec 'win'", 'task/win', "podTemplate.nodeSelector['kubernetes.io/os']"],
      ]);
      // baseline admits it; with set-security-context off the flag's finding says it
      expect(check(run, namespace('baseline'), flags('true'))).toEqual([]);
      expect(check(run, namespace('restricted'), flags('false')).map((f) => f.property)).toEqual(["feature-flags.data['set-security-context']"]);
      // Linux nodes, or another value
      expect(check(taskRun({ nodeSelector: { 'kubernetes.io/os': 'linux' }, securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } }), namespace('restricted'))).toEqual([]);
    });

    test('config-defaults\' default pod template that selects Windows nodes reaches every Task and run that sets no nodeSelector', () => {
      const windowsDefault = defaults('nodeSelector:\n  kubernetes.io/os: windows\n');
      expect(check(task(), namespace('restricted'), windowsDefault)).toEqual([{
        rule: RuleId.POD_SECURITY_ADMITTED,
        kind: 'Task',
        name: 'build',
        property: "config-defaults.data['default-pod-template'].nodeSelector['kubernetes.io/os']",
        value: 'windows',
        problem: ON_WINDOWS,
        fix: LINUX,
      }]);
      const linux = taskRun({ nodeSelector: { 'kubernetes.io/os': 'linux' }, securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } });
      expect(check(linux, namespace('restricted'), windowsDefault)).toEqual([]);
      expect(check(task(), namespace('restricted'), defaults('nodeSelector:\n  kubernetes.io/os: linux\n'))).toEqual([]);
    });

    test('config-defaults the API server refuses (a value that is not a string) sets no default pod template', () => {
      const unstored = { ...defaults('nodeSelector:\n  kubernetes.io/os: windows\n') };
      unstored.data = { ...unstored.data, 'default-timeout-minutes': 60 } as any;
      expect(check(task(), namespace('restricted'), unstored)).toEqual([]);
      // beside one the API server stores, that one is read
      expect(check(task(), namespace('restricted'), unstored, defaults('nodeSelector:\n  kubernetes.io/os: windows\n')).map((f) => f.property))
        .toEqual(["config-defaults.data['default-pod-template'].nodeSelector['kubernetes.io/os']"]);
    });

    test('a run-wide (or default) Windows selector that every pipeline task overrides with a nodeSelector of its own reaches no pod', () => {
      const pipeline = { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'p', namespace: 'ci' }, spec: { tasks: [{ name: 'a', taskRef: { name: 't' } }, { name: 'b', taskRef: { name: 't' } }] } };
      const linux = { nodeSelector: { 'kubernetes.io/os': 'linux' } };
      const run = (taskRunSpecs: any[]) => ({
        apiVersion: 'tekton.dev/v1',
        kind: 'PipelineRun',
        metadata: { name: 'pr', namespace: 'ci' },
        spec: { pipelineRef: { name: 'p' }, taskRunTemplate: { podTemplate: { nodeSelector: WINDOWS } }, taskRunSpecs },
      });
      const both = run([{ pipelineTaskName: 'a', podTemplate: linux }, { pipelineTaskName: 'b', podTemplate: linux }]);
      expect(check(both, namespace('restricted'), flags('true'), pipeline)).toEqual([]);
      // task b keeps the run-wide selector; without the Pipeline the tasks are not known
      const one = run([{ pipelineTaskName: 'a', podTemplate: linux }]);
      expect(check(one, namespace('restricted'), flags('true'), pipeline).map((f) => f.property)).toEqual(["taskRunTemplate.podTemplate.nodeSelector['kubernetes.io/os']"]);
      expect(check(both, namespace('restricted'), flags('true')).map((f) => f.property)).toEqual(["taskRunTemplate.podTemplate.nodeSelector['kubernetes.io/os']"]);
      // the default pod template too
      const overridden = { ...both, spec: { ...both.spec, taskRunTemplate: {} } };
      expect(check(overridden, namespace('restricted'), flags('true'), pipeline, defaults('nodeSelector:\n  kubernetes.io/os: windows\n'))).toEqual([]);
    });

    test('a #!win script: Tekton\'s place-scripts init container gets the Windows securityContext', () => {
      const win = task({ steps: [hardenedContainer('kaniko', { script: '\n #!win pwsh.exe -File\nWrite-Host hi\n' })] });
      expect(check(win, namespace('restricted'))).toEqual([{
        rule: RuleId.POD_SECURITY_ADMITTED,
        kind: 'Task',
        name: 'build',
        location: "step 'kaniko'",
        target: 'step/kaniko',
        property: 'script',
        value: '#!win pwsh.exe -File',
        problem: `starts with #!win, so Tekton gives the place-scripts init container it adds ${CONTEXT}`,
        fix: `Write the script for a Linux shell (Tekton's Windows scripts cannot run where "restricted" is enforced), or ${LOWER('baseline', 'BASELINE')}.`,
      }]);
      expect(check(win, namespace('baseline'))).toEqual([]);
    });
  });

  describe("the affinity assistant's pod, which Tekton makes for a PipelineRun unless coschedule is \"disabled\"", () => {
    const defaults = (data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data });
    const flags = (data: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'feature-flags', namespace: 'tekton-pipelines' }, data: { 'set-security-context': 'true', ...data } });
    const AT = "config-defaults.data['default-affinity-assistant-pod-template']";
    const CLAIM = [{ name: 'src', persistentVolumeClaim: { claimName: 'src' } }];
    const run = (spec: Record<string, any> = {}) => ({
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: { name: 'pr', namespace: 'ci' },
      spec: { pipelineSpec: { tasks: [{ name: 'b', taskSpec: task().spec }] }, ...spec },
    });
    const POD = (level: string) => `which namespace 'ci' refuses at admission: it enforces Pod Security "${level}" (latest, read as v1.28), so the pod is never created`;
    const WINDOWS_CONTEXT = 'the Windows securityContext (runAsNonRoot only: no allowPrivilegeEscalation: false, no capabilities drop ALL; '
      + 'Pod Security exempts a Windows pod only by spec.os.name, which Tekton never sets)';

    test('its securityContext is the default-affinity-assistant-pod-template\'s where neither the run-wide template nor the default pod template sets one', () => {
      const root = defaults({ 'default-affinity-assistant-pod-template': 'securityContext:\n  runAsUser: 0\n' });
      const finding = {
        rule: RuleId.POD_SECURITY_ADMITTED,
        kind: 'PipelineRun',
        name: 'pr',
        location: 'affinity assistant',
        property: `${AT}.securityContext.runAsUser`,
        value: '0',
        problem: `runs the containers as root, ${POD('restricted')}`,
        fix: `Remove it, ${SPLIT('the pod', 'baseline')}, or ${LOWER('baseline', 'BASELINE')}. The affinity assistant takes the PipelineRun's `
          + "taskRunTemplate.podTemplate.securityContext, else config-defaults' default-pod-template's, before this one: a securityContext the namespace "
          + 'admits there (as RUN_POD_SECURITY_CONTEXT asks of the run) fixes it too.',
      };
      // coschedule "workspaces" (Tekton's default): an assistant per workspace bound to a claim
      expect(check(run({ workspaces: CLAIM }), namespace('restricted'), root, flags())).toEqual([finding]);
      expect(check(run({ workspaces: [{ name: 'src', volumeClaimTemplate: { spec: {} } }] }), namespace('restricted'), root)).toEqual([finding]);
      expect(check(run({ workspaces: [{ name: 'src', emptyDir: {} }] }), namespace('restricted'), root, flags())).toEqual([]);
      // "pipelineruns" and "isolate-pipelinerun" (as Tekton lower-cases them): one for every run; "disabled": none
      expect(check(run(), namespace('restricted'), root, flags({ coschedule: 'PipelineRuns' }))).toEqual([finding]);
      expect(check(run(), namespace('restricted'), root, flags({ coschedule: 'isolate-pipelinerun' }))).toEqual([finding]);
      expect(check(run({ workspaces: CLAIM }), namespace('restricted'), root, flags({ coschedule: 'disabled' }))).toEqual([]);
      // the run-wide template's securityContext, or the default pod template's, comes first: the fix, taken (as RUN_POD_SECURITY_CONTEXT asks it)
      expect(check(run({ workspaces: CLAIM, taskRunTemplate: { podTemplate: { securityContext: { runAsUser: 1000 } } } }), namespace('restricted'), root, flags())).toEqual([]);
      const asAsked = { runAsNonRoot: true, fsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } };
      expect(check(run({ workspaces: CLAIM, taskRunTemplate: { podTemplate: { securityContext: asAsked } } }), namespace('restricted'), root, flags())).toEqual([]);
      const both = defaults({ 'default-affinity-assistant-pod-template': 'securityContext:\n  runAsUser: 0\n', 'default-pod-template': 'securityContext:\n  fsGroup: 1\n' });
      expect(check(run({ workspaces: CLAIM }), namespace('restricted'), both, flags())).toEqual([]);
      // a null securityContext sets none
      expect(check(run({ workspaces: CLAIM, taskRunTemplate: { podTemplate: { securityContext: null } } }), namespace('restricted'), root, flags())).toEqual([finding]);
      expect(check(run({ workspaces: CLAIM }), namespace('baseline'), root, flags())).toEqual([]);
    });

    test('its nodeSelector: a Windows one gives its container the Windows securityContext', () => {
      const win = defaults({ 'default-affinity-assistant-pod-template': 'nodeSelector:\n  kubernetes.io/os: windows\n' });
      const onWindows = (property: string) => ({
        rule: RuleId.POD_SECURITY_ADMITTED,
        kind: 'PipelineRun',
        name: 'pr',
        location: 'affinity assistant',
        property,
        value: 'windows',
        problem: `puts the affinity assistant's pod on Windows nodes, so Tekton gives its container ${WINDOWS_CONTEXT}, ${POD('restricted')}`,
        fix: `Run the affinity assistant on Linux nodes (its container meets "restricted" only there), or ${LOWER('baseline', 'BASELINE')}.`,
      });
      expect(check(run({ workspaces: CLAIM }), namespace('restricted'), win, flags())).toEqual([onWindows(`${AT}.nodeSelector['kubernetes.io/os']`)]);
      expect(check(run(), namespace('restricted'), win, flags())).toEqual([]);
      expect(check(run({ workspaces: CLAIM }), namespace('baseline'), win, flags())).toEqual([]);
      // the run-wide template's nodeSelector, or the default pod template's, comes first
      expect(check(run({ workspaces: CLAIM, taskRunTemplate: { podTemplate: { nodeSelector: {} } } }), namespace('restricted'), win, flags())).toEqual([]);
      const linuxPods = defaults({ 'default-affinity-assistant-pod-template': 'nodeSelector:\n  kubernetes.io/os: windows\n', 'default-pod-template': 'nodeSelector:\n  pool: ci\n' });
      expect(check(run({ workspaces: CLAIM }), namespace('restricted'), linuxPods, flags())).toEqual([]);
      // a run-wide Windows selector every task replaces with its own still reaches the assistant, which takes no taskRunSpecs
      const windowsRun = run({
        workspaces: CLAIM,
        taskRunTemplate: { podTemplate: { nodeSelector: { 'kubernetes.io/os': 'windows' } } },
        taskRunSpecs: [{ pipelineTaskName: 'b', podTemplate: { nodeSelector: { 'kubernetes.io/os': 'linux' } } }],
      });
      expect(check(windowsRun, namespace('restricted'), flags())).toEqual([onWindows("taskRunTemplate.podTemplate.nodeSelector['kubernetes.io/os']")]);
      expect(check({ ...windowsRun, spec: { ...windowsRun.spec, workspaces: undefined } }, namespace('restricted'), flags())).toEqual([]);
    });
  });

  describe("config-defaults' default pod template, which Tekton merges under every run's pod template", () => {
    const defaults = (template: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data: { 'default-pod-template': template } });
    const AT = "config-defaults.data['default-pod-template']";
    const run = (podTemplate?: any) => ({
      apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name: 'r', namespace: 'ci' }, spec: { taskSpec: task().spec, ...(podTemplate ? { podTemplate } : {}) },
    });
    const POD = (level: string) => `which namespace 'ci' refuses at admission: it enforces Pod Security "${level}" (latest, read as v1.28), so the pod is never created`;

    test('its hostNetwork reaches every pod, whatever the run says', () => {
      const sharing = defaults('hostNetwork: true\n');
      for (const m of [task(), run(), run({ hostNetwork: false })]) {
        expect(check(m, namespace('baseline'), sharing)).toEqual([{
          rule: RuleId.POD_SECURITY_ADMITTED,
          kind: m.kind,
          name: m.metadata.name,
          property: `${AT}.hostNetwork`,
          value: 'true',
          problem: `shares the node's namespace, ${POD('baseline')}`,
          fix: `Remove it, ${SPLIT('the pod', 'privileged')}, or ${LOWER('privileged', 'PRIVILEGED')}.`,
        }]);
      }
      expect(check(run(), namespace('privileged'), sharing)).toEqual([]);
    });

    test('one Tekton refuses as a whole (a key NewDefaultsFromMap cannot read) reaches no pod: neither what it shares nor what it sets for the steps', () => {
      const unreadable = (template: string) => ({ ...defaults(template), data: { 'default-pod-template': template, 'default-timeout-minutes': '1h' } });
      expect(check(run(), namespace('baseline'), unreadable('hostNetwork: true\n'))).toEqual([]);
      // a step that leaves runAsNonRoot to the pod
      const { runAsNonRoot, ...rest } = hardenedSecurityContext() as any;
      const leaving = { ...run(), spec: { taskSpec: taskWith(rest).spec } };
      expect(runAsNonRoot).toBe(true);
      const contexts = (cm: any) => check(leaving, namespace('restricted'), cm).map((f) => f.property).filter((p) => p?.includes('runAsNonRoot'));
      const nonRoot = 'securityContext: {runAsNonRoot: true}\n';
      expect(contexts(defaults(nonRoot))).toEqual([]);
      expect(contexts(unreadable(nonRoot))).toEqual(['securityContext.runAsNonRoot']);
      // the template itself unreadable
      expect(contexts(defaults('securityContext: {runAsNonRoot: true, runAsUser: 1.5}\n'))).toEqual(['securityContext.runAsNonRoot']);
    });

    test('its volumes reach every pod but those whose run-wide template has a volume of that name', () => {
      const mounting = defaults('volumes:\n- name: docker\n  hostPath:\n    path: /var/run/docker.sock\n- name: cache\n  nfs:\n    server: x\n    path: /\n');
      expect(check(run(), namespace('restricted'), mounting).filter((f) => f.property?.startsWith(AT))).toEqual([
        {
          rule: RuleId.POD_SECURITY_ADMITTED,
          kind: 'TaskRun',
          name: 'r',
          property: `${AT}.volumes['docker'].hostPath`,
          value: '/var/run/docker.sock',
          problem: `mounts a directory of the node, ${POD('restricted')}`,
          fix: `Remove it, ${SPLIT('the pod', 'privileged')}, or ${LOWER('privileged', 'PRIVILEGED')}.`,
        },
        {
          rule: RuleId.POD_SECURITY_ADMITTED,
          kind: 'TaskRun',
          name: 'r',
          property: `${AT}.volumes['cache'].nfs`,
          problem: `is a volume type restricted does not allow (only configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected, secret), ${POD('restricted')}`,
          fix: `Remove it, ${SPLIT('the pod', 'baseline')}, or ${LOWER('baseline', 'BASELINE')}.`,
        },
      ]);
      expect(check(run({ volumes: [{ name: 'docker', emptyDir: {} }] }), namespace('restricted'), mounting).map((f) => f.property))
        .toEqual([`${AT}.volumes['cache'].nfs`]);
    });

    test('its securityContext is the pod\'s where the run-wide template sets none: judged, and read for what the steps leave to the pod', () => {
      const root = defaults('securityContext:\n  runAsNonRoot: false\n');
      const finding = {
        rule: RuleId.POD_SECURITY_ADMITTED,
        kind: 'TaskRun',
        name: 'r',
        property: `${AT}.securityContext.runAsNonRoot`,
        value: 'false',
        problem: `lets the containers run as root, ${POD('restricted')}`,
        fix: `Change securityContext.runAsNonRoot to meet "restricted" (true) or remove it, ${SPLIT('the pod', 'baseline')}, or ${LOWER('baseline', 'BASELINE')}.`,
      };
      expect(check(run(), namespace('restricted'), root)).toEqual([finding]);
      expect(check(task(), namespace('restricted'), root)).toEqual([{ ...finding, kind: 'Task', name: 'build' }]);
      // the run's own securityContext replaces it
      expect(check(run({ securityContext: { runAsUser: 1000 } }), namespace('restricted'), root)).toEqual([]);
      // steps that leave runAsNonRoot and seccomp to the pod: the default's are read, for a run and for the runs of a Task
      const partial = { steps: [hardenedContainer('kaniko', { securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } })] };
      const pod = defaults('securityContext:\n  runAsNonRoot: true\n  seccompProfile:\n    type: RuntimeDefault\n');
      const leaving = { ...run(), spec: { taskSpec: partial } };
      expect(check(leaving, namespace('restricted'), pod)).toEqual([]);
      const taskRunOf = { apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name: 'r', namespace: 'ci' }, spec: { taskRef: { name: 'build' } } };
      expect(check(task(partial), namespace('restricted'), pod, taskRunOf)).toEqual([]);
      // a default that does not set them either
      expect(check(leaving, namespace('restricted'), defaults('securityContext:\n  runAsUser: 1000\n')).map((f) => [f.property, f.problem.split(', which')[0]])).toEqual([
        ['securityContext.runAsNonRoot', `is not set, and neither the run's pod template nor ${AT}.securityContext sets it`],
        ['securityContext.seccompProfile.type', `is not set, and neither the run's pod template nor ${AT}.securityContext sets it`],
      ]);
    });
  });

  describe("beside a Tekton operator's object: each reading of config-defaults", () => {
    const defaults = (data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data });
    const config = (pipeline: Record<string, unknown> = {}) => ({
      apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonConfig', metadata: { name: 'config' }, spec: { targetNamespace: 'tekton-pipelines', pipeline },
    });
    const AT = "config-defaults.data['default-pod-template']";
    const KEPT = " (reading config-defaults with data['default-pod-template'] that ConfigMap 'config-defaults' in tekton-pipelines keeps beside what "
      + "TektonConfig 'config' writes, unless kubectl apply created it)";
    const ALONE = " (reading config-defaults as TektonConfig 'config' writes it alone, if kubectl apply created ConfigMap 'config-defaults' in tekton-pipelines)";
    const run = { apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name: 'r', namespace: 'ci' }, spec: { taskSpec: task().spec } };
    const POD = 'which namespace \'ci\' refuses at admission: it enforces Pod Security "baseline" (latest, read as v1.28), so the pod is never created';

    test("the ConfigMap's template is kept only where kubectl apply did not create it: its findings name that reading", () => {
      expect(check(run, namespace('baseline'), defaults({ 'default-pod-template': 'hostNetwork: true\n' }), config())).toEqual([{
        rule: RuleId.POD_SECURITY_ADMITTED,
        kind: 'TaskRun',
        name: 'r',
        property: `${AT}.hostNetwork`,
        value: 'true',
        problem: `shares the node's namespace, ${POD}${KEPT}`,
        fix: `Remove it, ${SPLIT('the pod', 'privileged')}, or ${LOWER('privileged', 'PRIVILEGED')}.`,
      }]);
      // the operator writes a template over the ConfigMap's: its own, in every reading, said as for one
      expect(check(run, namespace('baseline'), defaults({ 'default-pod-template': 'nodeSelector: {a: b}\n', 'default-timeout-minutes': '30' }),
        config({ 'default-pod-template': 'hostNetwork: true\n' })).map((f) => [f.property, f.problem])).toEqual([
        ["TektonConfig 'config' spec.pipeline['default-pod-template'].hostNetwork", `shares the node's namespace, ${POD}`],
      ]);
    });

    test('what the steps leave to the pod: a securityContext only the kept template sets leaves the other reading without one', () => {
      const partial = { steps: [hardenedContainer('kaniko', { securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } })] };
      const leaving = { ...run, spec: { taskSpec: partial } };
      const pod = defaults({ 'default-pod-template': 'securityContext:\n  runAsNonRoot: true\n  seccompProfile:\n    type: RuntimeDefault\n' });
      expect(check(leaving, namespace('restricted'), pod)).toEqual([]);
      // (beside the operator's feature-flags finding: its set-security-context is not "true")
      expect(check(leaving, namespace('restricted'), pod, config()).filter((f) => f.property?.startsWith('securityContext.'))
        .map((f) => [f.property, f.problem.split(', which')[0]])).toEqual([
        ['securityContext.runAsNonRoot', `is not set, and the run's pod template does not set it either${ALONE}`],
        ['securityContext.seccompProfile.type', `is not set, and the run's pod template does not set it either${ALONE}`],
      ]);
    });

    describe("Windows nodeSelectors and the affinity assistant's template, in each reading", () => {
      const WIN = 'nodeSelector:\n  kubernetes.io/os: windows\n';
      const secure = config({ 'set-security-context': true });
      const withSecure = (pipeline: Record<string, unknown>) => config({ 'set-security-context': true, ...pipeline });
      const ready = hardenedContainer('b', { securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } } });
      const pipelineRun = (podTemplate?: Record<string, unknown>) => ({
        apiVersion: 'tekton.dev/v1',
        kind: 'PipelineRun',
        metadata: { name: 'pr', namespace: 'ci' },
        spec: {
          workspaces: [{ name: 'src', persistentVolumeClaim: { claimName: 'src' } }],
          ...(podTemplate === undefined ? {} : { taskRunTemplate: { podTemplate } }),
          pipelineSpec: { tasks: [{ name: 'b', taskSpec: { steps: [ready] } }] },
        },
      });
      const hardened = pipelineRun({ securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } });
      const RESTRICTED = 'which namespace \'ci\' refuses at admission: it enforces Pod Security "restricted" (latest, read as v1.28), so the pod is never created';
      const WINDOWS_CONTEXT = 'the Windows securityContext (runAsNonRoot only: no allowPrivilegeEscalation: false, no capabilities drop ALL; '
        + 'Pod Security exempts a Windows pod only by spec.os.name, which Tekton never sets)';
      const keptOf = (key: string) => ` (reading config-defaults with data['${key}'] that ConfigMap 'config-defaults' in tekton-pipelines keeps beside what `
        + "TektonConfig 'config' writes, unless kubectl apply created it)";
      const AA = 'default-affinity-assistant-pod-template';
      const onAssistant = (property: string, reading: string) => ({
        rule: RuleId.POD_SECURITY_ADMITTED,
        kind: 'PipelineRun',
        name: 'pr',
        location: 'affinity assistant',
        property,
        value: 'windows',
        problem: `puts the affinity assistant's pod on Windows nodes, so Tekton gives its container ${WINDOWS_CONTEXT}, ${RESTRICTED}${reading}`,
        fix: `Run the affinity assistant on Linux nodes (its container meets "restricted" only there), or ${LOWER('baseline', 'BASELINE')}.`,
      });

      test("the kept default pod template's Windows nodeSelector names its reading", () => {
        expect(check(hardened, namespace('restricted'), defaults({ 'default-pod-template': WIN }), secure)).toEqual([{
          rule: RuleId.POD_SECURITY_ADMITTED,
          kind: 'PipelineRun',
          name: 'pr',
          property: `${AT}.nodeSelector['kubernetes.io/os']`,
          value: 'windows',
          problem: `puts the pod on Windows nodes, so Tekton gives the init containers it adds (prepare, place-scripts, working-dir) ${WINDOWS_CONTEXT}, `
            + `${RESTRICTED}${KEPT}`,
          fix: `Run the pod on Linux nodes (Tekton's containers meet "restricted" only there), or ${LOWER('baseline', 'BASELINE')}.`,
        }]);
        // the operator's own template: in every reading, not named; the ConfigMap's, written over, not at all
        expect(check(hardened, namespace('restricted'), defaults({ 'default-pod-template': WIN }), withSecure({ 'default-pod-template': 'dnsPolicy: Default' }))).toEqual([]);
        expect(check(hardened, namespace('restricted'), defaults({ 'default-timeout-minutes': '5' }), withSecure({ 'default-pod-template': WIN })).map((f) => f.problem))
          .toEqual([`puts the pod on Windows nodes, so Tekton gives the init containers it adds (prepare, place-scripts, working-dir) ${WINDOWS_CONTEXT}, ${RESTRICTED}`]);
      });

      test("the affinity assistant's template is read by its own key: the ConfigMap's kept beside the operator's default-pod-template, named", () => {
        const aa = defaults({ [AA]: WIN });
        expect(check(hardened, namespace('restricted'), aa, secure)).toEqual([onAssistant(`config-defaults.data['${AA}'].nodeSelector['kubernetes.io/os']`, keptOf(AA))]);
        // the operator writes default-pod-template (no nodeSelector) but not this key: the ConfigMap's stays in the reading that keeps it
        expect(check(hardened, namespace('restricted'), aa, withSecure({ 'default-pod-template': 'dnsPolicy: Default' })))
          .toEqual([onAssistant(`config-defaults.data['${AA}'].nodeSelector['kubernetes.io/os']`, keptOf(AA))]);
        // the operator writes this key over it: the ConfigMap's reaches no assistant, the operator's is in every reading
        expect(check(hardened, namespace('restricted'), aa, withSecure({ [AA]: 'priorityClassName: ci' }))).toEqual([]);
        expect(check(hardened, namespace('restricted'), defaults({ 'default-timeout-minutes': '5' }), withSecure({ [AA]: WIN })))
          .toEqual([onAssistant(`TektonConfig 'config' spec.pipeline['${AA}'].nodeSelector['kubernetes.io/os']`, '')]);
      });

      test("the affinity assistant's securityContext from the kept template names its reading", () => {
        const root = defaults({ [AA]: 'securityContext:\n  runAsUser: 0\n' });
        expect(check(pipelineRun(), namespace('restricted'), root, secure).filter((f) => f.location === 'affinity assistant').map((f) => [f.property, f.problem]))
          .toEqual([[`config-defaults.data['${AA}'].securityContext.runAsUser`, `runs the containers as root, ${RESTRICTED}${keptOf(AA)}`]]);
        expect(check(pipelineRun(), namespace('restricted'), defaults({ 'default-timeout-minutes': '5' }), withSecure({ [AA]: 'securityContext:\n  runAsUser: 0\n' }))
          .filter((f) => f.location === 'affinity assistant').map((f) => [f.property, f.problem]))
          .toEqual([[`TektonConfig 'config' spec.pipeline['${AA}'].securityContext.runAsUser`, `runs the containers as root, ${RESTRICTED}`]]);
      });
    });
  });

  test('annotations Tekton gives a pipeline task\'s pod: an embedded taskSpec\'s metadata and a PipelineRun\'s taskRunSpecs metadata', () => {
    const unconfined = { 'container.apparmor.security.beta.kubernetes.io/step-kaniko': 'unconfined' };
    const run = {
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: { name: 'pr', namespace: 'ci' },
      spec: {
        pipelineSpec: { tasks: [{ name: 'build', taskSpec: { ...task().spec, metadata: { annotations: unconfined } } }], finally: [{ name: 'f', taskSpec: task().spec }] },
        taskRunSpecs: [{ pipelineTaskName: 'f', metadata: { annotations: unconfined } }],
      },
    };
    const APPARMOR = "sets an AppArmor profile other than \"runtime/default\" or \"localhost/<profile>\", which namespace 'ci' refuses at admission: "
      + 'it enforces Pod Security "baseline" (latest, read as v1.28), so the pod is never created';
    const finding = (property: string) => ({
      rule: RuleId.POD_SECURITY_ADMITTED,
      kind: 'PipelineRun',
      name: 'pr',
      property,
      value: 'unconfined',
      problem: APPARMOR,
      fix: `Remove it, ${SPLIT('the pod', 'privileged')}, or ${LOWER('privileged', 'PRIVILEGED')}.`,
    });
    expect(check(run, namespace('baseline'))).toEqual([
      finding("spec.pipelineSpec.tasks[0].taskSpec.metadata.annotations['container.apparmor.security.beta.kubernetes.io/step-kaniko']"),
      finding("spec.taskRunSpecs[0].metadata.annotations['container.apparmor.security.beta.kubernetes.io/step-kaniko']"),
    ]);
    const pipeline = { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'p', namespace: 'ci' }, spec: run.spec.pipelineSpec };
    expect(check(pipeline, namespace('baseline')).map((f) => f.property))
      .toEqual(["spec.tasks[0].taskSpec.metadata.annotations['container.apparmor.security.beta.kubernetes.io/step-kaniko']"]);
  });

  test('an object without a namespace is judged in every namespace checked', () => {
    const root = taskWith(ROOT);
    delete root.metadata.namespace;
    expect(check(root, namespace('restricted', 'v1.28', 'a'), namespace('baseline', 'v1.28', 'b')).map((f) => f.problem.split(': it')[0])).toEqual([
      "lets the container run as root, which namespace 'a' refuses at admission",
      "runs as root, which namespace 'a' refuses at admission",
      "adds capabilities other than NET_BIND_SERVICE, which namespace 'a' refuses at admission",
    ]);
  });

  test('an object without a namespace: what namespaces of one level and version refuse is one finding naming them all', () => {
    const root = taskWith(ROOT);
    delete root.metadata.namespace;
    const found = check(root, namespace('restricted', 'v1.28', 'a'), namespace('restricted', 'v1.28', 'b'), namespace('restricted', 'v1.27', 'c'));
    expect(found.map((f) => [f.property, f.problem.split(', which')[1].split(/ \(|:/)[0]])).toEqual([
      ['securityContext.runAsNonRoot', " namespaces 'a' and 'b' refuse at admission"],
      ['securityContext.runAsUser', " namespaces 'a' and 'b' refuse at admission"],
      ['securityContext.capabilities.add', " namespaces 'a' and 'b' refuse at admission"],
      ['securityContext.runAsNonRoot', " namespace 'c' refuses at admission"],
      ['securityContext.runAsUser', " namespace 'c' refuses at admission"],
      ['securityContext.capabilities.add', " namespace 'c' refuses at admission"],
    ]);
    expect(found[1]).toEqual({
      rule: RuleId.POD_SECURITY_ADMITTED,
      kind: 'Task',
      name: 'build',
      location: "step 'kaniko'",
      target: 'step/kaniko',
      property: 'securityContext.runAsUser',
      value: '0',
      problem: "runs as root, which namespaces 'a' and 'b' refuse at admission (an object without a namespace is created in the namespace it is "
        + 'applied to, and may be applied to any of them): they enforce Pod Security "restricted" (v1.28), so the pod is never created there',
      fix: 'Change securityContext.runAsUser to meet "restricted", run it in a namespace of its own that enforces "baseline" (split the work: '
        + "a build namespace without credentials, the push in 'a' or 'b'), or lower the enforce level of namespaces 'a' and 'b' to \"baseline\", "
        + 'which needs a recorded relaxation (HardenedNamespace enforce: PodSecurityLevel.BASELINE, relaxations: [{ rule: RuleId.NAMESPACE_RESTRICTED, '
        + "target: RelaxationTarget.podSecurityMode('enforce'), reason: '<why>' }]).",
    });
    // an object that names its namespace is judged there alone
    expect(check(taskWith(ROOT), namespace('restricted', 'v1.28', 'ci'), namespace('restricted', 'v1.28', 'b')).map((f) => f.problem.split(', which')[1].split(':')[0]))
      .toEqual(Array(3).fill(" namespace 'ci' refuses at admission"));
  });

  test('a StepAction: what it sets itself is judged, not what the pod of the Task that uses it may set', () => {
    const action = { apiVersion: 'tekton.dev/v1beta1', kind: 'StepAction', metadata: { name: 'kaniko', namespace: 'ci' }, spec: { image: 'x', securityContext: { runAsUser: 0, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } } };
    expect(check(action, namespace('restricted')).map((f) => [f.location, f.property])).toEqual([["stepAction 'kaniko'", 'securityContext.runAsUser']]);
  });

  test('a step that runs a StepAction gets its securityContext in place of its own: only what the stepTemplate sets is judged there', () => {
    const refStep = task({ steps: [{ name: 'hello', ref: { name: 'hello' } }] });
    expect(check(refStep, namespace('restricted'))).toEqual([]);
    const rootTemplate = task({ stepTemplate: { securityContext: { runAsUser: 0 } }, steps: [{ name: 'hello', ref: { name: 'hello' } }] });
    expect(check(rootTemplate, namespace('restricted')).map((f) => [f.location, f.property, f.value])).toEqual([["step 'hello'", 'securityContext.runAsUser', '0']]);
  });

  test('a step\'s empty capabilities.add or .drop keeps the stepTemplate\'s, as Tekton merges them', () => {
    const under = (templateCaps: any, stepCaps: any) => task({
      stepTemplate: { securityContext: { ...hardenedSecurityContext(), capabilities: templateCaps } },
      steps: [hardenedContainer('kaniko', { securityContext: { capabilities: stepCaps } })],
    });
    expect(check(under({ drop: ['ALL'], add: ['SYS_ADMIN'] }, { add: [] }), namespace('restricted', 'v1.28'))).toEqual([
      refused('securityContext.capabilities.add', 'SYS_ADMIN', 'adds capabilities beyond the baseline set', 'restricted', 'v1.28', 'privileged'),
    ]);
    expect(check(under({ drop: ['ALL'] }, { drop: [] }), namespace('restricted', 'v1.28'))).toEqual([]);
  });

  test('a step that runs a StepAction checked together is judged with the StepAction\'s securityContext, the stepTemplate\'s merged under it', () => {
    const action = {
      apiVersion: 'tekton.dev/v1beta1',
      kind: 'StepAction',
      metadata: { name: 'act', namespace: 'ci' },
      spec: { image: 'x', securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } } },
    };
    const run = (podSecurityContext: any, stepTemplate?: any) => ({
      apiVersion: 'tekton.dev/v1',
      kind: 'TaskRun',
      metadata: { name: 'r', namespace: 'ci' },
      spec: {
        podTemplate: { securityContext: podSecurityContext },
        taskSpec: { ...(stepTemplate ? { stepTemplate } : {}), steps: [{ name: 'kaniko', ref: { name: 'act' } }] },
      },
    });
    const UNSET = "is not set, and the run's pod template does not set it either (in StepAction 'act', which this step runs)";
    // the StepAction leaves runAsNonRoot and seccomp to the pod, and the pod sets neither
    expect(check(run({ fsGroup: 65532 }), namespace('restricted', 'v1.28'), action)).toEqual([
      { ...refused('securityContext.runAsNonRoot', undefined, UNSET), kind: 'TaskRun', name: 'r' },
      { ...refused('securityContext.seccompProfile.type', undefined, UNSET), kind: 'TaskRun', name: 'r' },
    ]);
    // the pod sets them, or the stepTemplate does
    expect(check(run({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }), namespace('restricted', 'v1.28'), action)).toEqual([]);
    expect(check(run({}, { securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } }), namespace('restricted', 'v1.28'), action)).toEqual([]);
    // what the StepAction has on its own is reported on it, not again on the step
    const root = { ...action, spec: { ...action.spec, securityContext: { ...action.spec.securityContext, runAsNonRoot: true, runAsUser: 0, seccompProfile: { type: 'RuntimeDefault' } } } };
    expect(check(run({}), namespace('restricted', 'v1.28'), root)).toEqual([]);
    expect(check(root, namespace('restricted', 'v1.28')).map((f) => [f.location, f.property])).toEqual([["stepAction 'act'", 'securityContext.runAsUser']]);
  });

  test('a v1beta1 step\'s or stepTemplate\'s host port never reaches the pod (dropped in the conversion to v1); a sidecar\'s does', () => {
    const v1beta1 = task({
      stepTemplate: { ports: [{ containerPort: 8080, hostPort: 8080 }] },
      steps: [hardenedContainer('kaniko', { ports: [{ containerPort: 80, hostPort: 80 }] })],
    });
    v1beta1.apiVersion = 'tekton.dev/v1beta1';
    expect(check(v1beta1, namespace('baseline', 'v1.28'))).toEqual([]);
    v1beta1.spec.sidecars = [hardenedContainer('db', { ports: [{ containerPort: 5432, hostPort: 5432 }] })];
    expect(check(v1beta1, namespace('baseline', 'v1.28')).map((f) => [f.location, f.property, f.value])).toEqual([["sidecar 'db'", 'ports[].hostPort', '5432']]);
  });

  test('plain Pods and workloads', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'ci' },
      spec: { hostPID: true, securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }, containers: [{ name: 'c', image: 'x', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } }, ports: [{ containerPort: 80, hostPort: 80 }] }] },
    };
    expect(check(pod, namespace('restricted')).map((f) => [f.location, f.property, f.value])).toEqual([
      ["container 'c'", 'ports[].hostPort', '80'],
      [undefined, 'spec.hostPID', 'true'],
    ]);
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'ci' }, spec: { template: { spec: { initContainers: [{ name: 'i', image: 'x', securityContext: { privileged: true } }], containers: [] } } } };
    expect(check(deployment, namespace('baseline')).map((f) => [f.location, f.property])).toEqual([["initContainer 'i'", 'securityContext.privileged']]);
    // as the Secrets Store rules read them: extensions is a Deployment's older group, another group is a custom resource's
    expect(check({ ...deployment, apiVersion: 'extensions/v1beta1' }, namespace('baseline')).map((f) => f.property)).toEqual(['securityContext.privileged']);
    const custom = { ...deployment, apiVersion: 'example.com/v1' };
    expect(POD_SECURITY_ADMITTED.appliesTo(custom)).toBe(false);
    expect(check(custom, namespace('baseline'))).toEqual([]);
    expect(POD_SECURITY_ADMITTED.appliesTo({ apiVersion: 'apps/v1', kind: 'CronJob', spec: {} })).toBe(false);
    // and a run of another group: Tekton never reads its pod template
    const run = { apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { name: 'r', namespace: 'ci' }, spec: { pipelineRef: { name: 'p' }, taskRunTemplate: { podTemplate: { hostNetwork: true } } } };
    expect(check(run, namespace('baseline')).map((f) => f.property)).toEqual(['taskRunTemplate.podTemplate.hostNetwork']);
    const customRun = { ...run, apiVersion: 'example.com/v1' };
    expect(POD_SECURITY_ADMITTED.appliesTo(customRun)).toBe(false);
    expect(check(customRun, namespace('baseline'))).toEqual([]);
  });

  describe('as Pod Security Admission reads them (conformance/cmd/psa-eval)', () => {
    /** A Pod `p` in `ci` whose container `c` meets restricted, with `spec` on top. */
    const podOf = (spec: any = {}, annotations?: Record<string, string>) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'ci', ...(annotations ? { annotations } : {}) },
      spec: { containers: [{ name: 'c', image: 'x', securityContext: hardenedSecurityContext() }], ...spec },
    });
    const withSecurity = (securityContext: any, more: any = {}) => podOf({ containers: [{ name: 'c', image: 'x', securityContext: { ...hardenedSecurityContext(), ...securityContext }, ...more }] });
    const problem = (what: string, level: string, version: string) => `${what}, which namespace 'ci' refuses at admission: it enforces Pod Security "${level}" (${version}), so the pod is never created`;
    const WORKLOAD = (level: string) => `run it in a namespace of its own that enforces "${level}"`;
    const POD_WORKLOAD = (level: string) => `run the pod in a namespace of its own that enforces "${level}"`;
    const CONFINED = '"RuntimeDefault" or "Localhost"';

    test('baseline: a seccomp or AppArmor profile whose type is not RuntimeDefault or Localhost, not only Unconfined', () => {
      const pod = withSecurity({ seccompProfile: {}, appArmorProfile: { type: 'unconfined' } });
      expect(check(pod, namespace('baseline', 'v1.28'))).toEqual([
        {
          rule: RuleId.POD_SECURITY_ADMITTED,
          kind: 'Pod',
          name: 'p',
          location: "container 'c'",
          property: 'securityContext.seccompProfile.type',
          problem: problem('is not set in a profile that is set (Pod Security reads it as "", which no level allows)', 'baseline', 'v1.28'),
          fix: `Change securityContext.seccompProfile.type to meet "baseline" (${CONFINED}), ${WORKLOAD('privileged')}, or ${LOWER('privileged', 'PRIVILEGED')}.`,
        },
        {
          rule: RuleId.POD_SECURITY_ADMITTED,
          kind: 'Pod',
          name: 'p',
          location: "container 'c'",
          property: 'securityContext.appArmorProfile.type',
          value: 'unconfined',
          problem: problem(`is not ${CONFINED}`, 'baseline', 'v1.28'),
          fix: `Change securityContext.appArmorProfile.type to meet "baseline" (${CONFINED}), ${WORKLOAD('privileged')}, or ${LOWER('privileged', 'PRIVILEGED')}.`,
        },
      ]);
      // the container's own profile decides, though the pod sets RuntimeDefault (restricted, v1.19 on)
      const podSet = withSecurity({ seccompProfile: { type: '' } });
      podSet.spec = { ...podSet.spec, securityContext: { seccompProfile: { type: 'RuntimeDefault' } } } as any;
      expect(check(podSet, namespace('restricted', 'v1.28')).map((f) => [f.property, f.value, f.problem])).toEqual([
        ['securityContext.seccompProfile.type', '', problem(`is not ${CONFINED}`, 'restricted', 'v1.28')],
      ]);
      // before v1.19 the fields are not read
      expect(check(podSet, namespace('baseline', 'v1.18'))).toEqual([]);
      // a null profile is none
      expect(check(withSecurity({ appArmorProfile: null }), namespace('baseline', 'v1.28'))).toEqual([]);
      // a Localhost profile is admitted whatever its name, `unconfined` too (no profile to the kernel: DEFAULT_ISOLATION's finding)
      expect(check(withSecurity({ appArmorProfile: { type: 'Localhost', localhostProfile: 'unconfined' } }), namespace('restricted', 'v1.30'))).toEqual([]);
      expect(check(podOf({}, { 'container.apparmor.security.beta.kubernetes.io/c': 'localhost/unconfined' }), namespace('restricted', 'v1.30'))).toEqual([]);
    });

    test('the AppArmor annotations, and the seccomp annotations before v1.19, of a pod template and of a Tekton object', () => {
      const annotated = podOf({}, {
        'container.apparmor.security.beta.kubernetes.io/c': 'unconfined',
        'container.apparmor.security.beta.kubernetes.io/other': 'localhost/p',
        'seccomp.security.alpha.kubernetes.io/pod': 'unconfined',
        'container.seccomp.security.alpha.kubernetes.io/c': 'docker/default',
        'container.seccomp.security.alpha.kubernetes.io/nobody': 'unconfined',
      });
      const apparmor = {
        rule: RuleId.POD_SECURITY_ADMITTED,
        kind: 'Pod',
        name: 'p',
        property: "metadata.annotations['container.apparmor.security.beta.kubernetes.io/c']",
        value: 'unconfined',
        problem: problem('sets an AppArmor profile other than "runtime/default" or "localhost/<profile>"', 'baseline', 'v1.18'),
        fix: `Remove it, ${POD_WORKLOAD('privileged')}, or ${LOWER('privileged', 'PRIVILEGED')}.`,
      };
      expect(check(annotated, namespace('baseline', 'v1.18'))).toEqual([
        apparmor,
        {
          ...apparmor,
          property: "metadata.annotations['seccomp.security.alpha.kubernetes.io/pod']",
          problem: problem('sets a seccomp profile other than "runtime/default", "docker/default" or "localhost/<profile>"', 'baseline', 'v1.18'),
        },
      ]);
      expect(check(annotated, namespace('baseline', 'v1.19')).map((f) => f.property)).toEqual(["metadata.annotations['container.apparmor.security.beta.kubernetes.io/c']"]);
      // a Deployment's pod template
      const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'ci' }, spec: { template: { metadata: annotated.metadata, spec: annotated.spec } } };
      expect(check(deployment, namespace('baseline', 'v1.19')).map((f) => f.property)).toEqual(["spec.template.metadata.annotations['container.apparmor.security.beta.kubernetes.io/c']"]);
      // Tekton copies a Task's annotations to its runs and their pods, whose containers it names (step-<name>)
      const annotatedTask = task();
      annotatedTask.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/step-kaniko': 'unconfined', 'container.seccomp.security.alpha.kubernetes.io/step-kaniko': 'unconfined' };
      expect(check(annotatedTask, namespace('restricted', 'v1.18')).map((f) => [f.kind, f.property, f.value])).toEqual([
        ['Task', "metadata.annotations['container.apparmor.security.beta.kubernetes.io/step-kaniko']", 'unconfined'],
        ['Task', "metadata.annotations['container.seccomp.security.alpha.kubernetes.io/step-kaniko']", 'unconfined'],
      ]);
      expect(check(annotatedTask, namespace('privileged', 'v1.18'))).toEqual([]);
    });

    test('baseline: a sysctl without a name (Go\'s ""); a volume without a source is an emptyDir, which restricted allows', () => {
      const pod = podOf({ volumes: [{ name: 'v' }, { name: 'w', hostPath: null }], securityContext: { sysctls: [{ value: '1' }, { name: 'kernel.msgmax', value: '1' }] } });
      expect(check(pod, namespace('restricted', 'v1.28'))).toEqual([{
        rule: RuleId.POD_SECURITY_ADMITTED,
        kind: 'Pod',
        name: 'p',
        property: 'spec.securityContext.sysctls',
        value: '"", kernel.msgmax',
        problem: problem('sets sysctls outside the safe set (one without a name is "", which is not in it)', 'restricted', 'v1.28'),
        fix: `Remove it, ${POD_WORKLOAD('privileged')}, or ${LOWER('privileged', 'PRIVILEGED')}.`,
      }]);
      expect(check(pod, namespace('baseline', 'v1.28')).map((f) => f.property)).toEqual(['spec.securityContext.sysctls']);
      // named ones only: no word about a name
      const named = podOf({ securityContext: { runAsNonRoot: true, sysctls: [{ name: 'kernel.msgmax', value: '1' }] } });
      expect(check(named, namespace('baseline', 'v1.28')).map((f) => [f.value, f.problem])).toEqual([
        ['kernel.msgmax', problem('sets sysctls outside the safe set', 'baseline', 'v1.28')],
      ]);
    });

    test('a profile of the pod without a type: the fix says what the level requires of it, or to leave it to the containers', () => {
      const pod = podOf({ securityContext: { runAsNonRoot: true, seccompProfile: {} } });
      expect(check(pod, namespace('restricted', 'v1.28')).map((f) => [f.property, f.fix])).toEqual([[
        'spec.securityContext.seccompProfile.type',
        `Change securityContext.seccompProfile.type to meet "restricted" ("RuntimeDefault" or "Localhost") or remove it, ${POD_WORKLOAD('privileged')}, `
          + `or ${LOWER('privileged', 'PRIVILEGED')}.`,
      ]]);
    });

    test('allowPrivilegeEscalation is checked from v1.8 on', () => {
      const pod = podOf({ securityContext: { runAsNonRoot: true }, containers: [{ name: 'c', image: 'x' }] });
      expect(check(pod, namespace('restricted', 'v1.7'))).toEqual([]);
      expect(check(pod, namespace('restricted', 'v1.8')).map((f) => [f.property, f.problem])).toEqual([
        ['securityContext.allowPrivilegeEscalation', problem('is not false', 'restricted', 'v1.8')],
      ]);
    });

    test('probes and lifecycle handlers with a host, for a label of v1.34 or later or latest (read as v1.28 otherwise)', () => {
      const probing = withSecurity({}, { livenessProbe: { httpGet: { port: 80, host: '10.0.0.1' } }, lifecycle: { preStop: { tcpSocket: { port: 80, host: 'node' } } } });
      expect(check(probing, namespace('baseline'))).toEqual([
        {
          rule: RuleId.POD_SECURITY_ADMITTED,
          kind: 'Pod',
          name: 'p',
          location: "container 'c'",
          property: 'livenessProbe.httpGet.host',
          value: '10.0.0.1',
          problem: problem('sends a probe to a host other than the pod (Pod Security checks it since v1.34)', 'baseline', 'latest, which includes the checks of v1.34'),
          fix: `Change livenessProbe.httpGet.host to meet "baseline" (unset: the pod's own IP), ${WORKLOAD('privileged')}, or ${LOWER('privileged', 'PRIVILEGED')}.`,
        },
        {
          rule: RuleId.POD_SECURITY_ADMITTED,
          kind: 'Pod',
          name: 'p',
          location: "container 'c'",
          property: 'lifecycle.preStop.tcpSocket.host',
          value: 'node',
          problem: problem('points a lifecycle handler at a host other than the pod (Pod Security checks it since v1.34)', 'baseline', 'latest, which includes the checks of v1.34'),
          fix: `Change lifecycle.preStop.tcpSocket.host to meet "baseline" (unset: the pod's own IP), ${WORKLOAD('privileged')}, or ${LOWER('privileged', 'PRIVILEGED')}.`,
        },
      ]);
      expect(check(probing, namespace('restricted', 'v1.34')).map((f) => f.property)).toEqual(['livenessProbe.httpGet.host', 'lifecycle.preStop.tcpSocket.host']);
      // the version said as the one that includes the check, not as the v1.28 the label is otherwise read as
      expect(check(probing, namespace('baseline', 'v1.35')).map((f) => f.problem.match(/\(v1\.35[^)]*\)/)?.[0])).toEqual(['(v1.35, which includes the checks of v1.34)', '(v1.35, which includes the checks of v1.34)']);
      expect(check(probing, namespace('baseline', 'v1.33'))).toEqual([]);
      expect(check(withSecurity({}, { readinessProbe: { httpGet: { port: 80, host: '' } } }), namespace('baseline'))).toEqual([]);
      // a Tekton sidecar's
      const sidecar = task({ sidecars: [hardenedContainer('db', { readinessProbe: { tcpSocket: { port: 5432, host: 'db.example' } } })] });
      expect(check(sidecar, namespace('baseline', 'v1.35')).map((f) => [f.location, f.property, f.value])).toEqual([["sidecar 'db'", 'readinessProbe.tcpSocket.host', 'db.example']]);
    });
  });

  test('synth: a cdk8s-plus Deployment in the app\'s restricted HardenedNamespace is told what restricted requires, without the build advice', () => {
    const c = Testing.chart();
    new HardenedNamespace(c, 'ci');
    new kplus.Deployment(c, 'web', { metadata: { namespace: 'ci' }, containers: [{ image: 'nginx@sha256:' + 'c'.repeat(64), portNumber: 8080 }] });
    const refusedAt = "which namespace 'ci' refuses at admission: it enforces Pod Security \"restricted\" (v1.28), so the pod is never created [POD_SECURITY_ADMITTED].";
    const wayOut = `run it in a namespace of its own that enforces "baseline", or ${LOWER('baseline', 'BASELINE')}.`;
    expect(refusalLinesOf(c, RuleId.POD_SECURITY_ADMITTED)).toEqual([
      `Deployment 'test/web/Resource' 'test-web-c8ba1bf5' container 'main': securityContext.seccompProfile.type is not set, and the pod does not set it either, ${refusedAt} `
        + `Change securityContext.seccompProfile.type to meet "restricted" ("RuntimeDefault" or "Localhost"), ${wayOut}`,
      `Deployment 'test/web/Resource' 'test-web-c8ba1bf5' container 'main': securityContext.capabilities.drop does not drop "ALL", ${refusedAt} `
        + `Change securityContext.capabilities.drop to meet "restricted" (a list holding "ALL"), ${wayOut}`,
    ]);
  });

  test('synth: a root step in the app\'s restricted HardenedNamespace is refused, though RUN_AS_NON_ROOT is relaxed for it', () => {
    const c = Testing.chart();
    new HardenedNamespace(c, 'ci');
    new SecureTask(c, 'build', {
      steps: [step({
        name: 'kaniko',
        runAsUser: 0,
        addCapabilities: [Capability.CHOWN],
        relaxations: [
          { rule: RuleId.RUN_AS_NON_ROOT, reason: 'kaniko unpacks base image layers as root' },
          { rule: RuleId.DROP_ALL_CAPABILITIES, reason: 'kaniko reproduces the ownership of layer files' },
        ],
      })],
    });
    const lines = refusalLinesOf(c, RuleId.POD_SECURITY_ADMITTED);
    // stated in the props that caused them: runAsNonRoot and runAsUser of `runAsUser: 0` are one refusal
    const refusedAt = "which namespace 'ci' refuses at admission: it enforces Pod Security \"restricted\" (v1.28), so the pod is never created [POD_SECURITY_ADMITTED].";
    // the step needs root and CHOWN (its relaxations say why): only another namespace or a lower level helps
    const wayOut = `Run it in a namespace of its own that enforces "baseline" (split the work: a build namespace without credentials, the push in 'ci'), or ${LOWER('baseline', 'BASELINE')}.`;
    expect(lines).toEqual([
      `SecureTask 'test/build' step 'kaniko': runAsUser "0" runs as root, ${refusedAt} ${wayOut}`,
      `SecureTask 'test/build' step 'kaniko': addCapabilities "CHOWN" adds capabilities, ${refusedAt} ${wayOut}`,
    ]);
  });

  test('synth: a root step that relaxes nothing is told first to drop root, then the way out', () => {
    const c = Testing.chart();
    new HardenedNamespace(c, 'ci');
    new SecureTask(c, 'build', { steps: [step({ name: 'kaniko', runAsUser: 0 })] });
    let error: unknown;
    try {
      Testing.synth(c);
    } catch (e) {
      error = e;
    }
    expect((error as Error).message.split('\n').map((l) => l.trim()).filter((l) => l.includes('[POD_SECURITY_ADMITTED]'))).toEqual([
      "SecureTask 'test/build' step 'kaniko': runAsUser \"0\" runs as root, which namespace 'ci' refuses at admission: it enforces Pod Security \"restricted\" (v1.28), "
      + `so the pod is never created [POD_SECURITY_ADMITTED]. Remove runAsUser (the default is UID 65532), ${SPLIT('it', 'baseline')}, or ${LOWER('baseline', 'BASELINE')}.`,
    ]);
  });

  test('synth: the same step where the namespace enforces baseline, lowered with a recorded relaxation', () => {
    const c = Testing.chart();
    new HardenedNamespace(c, 'ci', {
      enforce: PodSecurityLevel.BASELINE,
      relaxations: [{ rule: RuleId.NAMESPACE_RESTRICTED, target: RelaxationTarget.podSecurityMode(PodSecurityMode.ENFORCE), reason: 'the kaniko step runs as root with CHOWN' }],
    });
    new SecureTask(c, 'build', {
      steps: [step({
        name: 'kaniko',
        runAsUser: 0,
        addCapabilities: [Capability.CHOWN],
        relaxations: [
          { rule: RuleId.RUN_AS_NON_ROOT, reason: 'kaniko unpacks base image layers as root' },
          { rule: RuleId.DROP_ALL_CAPABILITIES, reason: 'kaniko reproduces the ownership of layer files' },
        ],
      })],
    });
    expect(() => Testing.synth(c)).not.toThrow();
  });

  test('synth: the library\'s ContainerBuild (kaniko as root) in a restricted HardenedNamespace of the same app is refused', () => {
    const c = Testing.chart();
    new HardenedNamespace(c, 'ci');
    new ContainerBuild(c, 'container-build');
    const lines = refusalLinesOf(c, RuleId.POD_SECURITY_ADMITTED);
    expect(lines.map((l) => l.split(': ')[1].split(' ')[0])).toEqual(['runAsUser', 'addCapabilities']);
    for (const l of lines) {
      expect(l).toMatch(/^ContainerBuild 'test\/container-build' step '[^']+': .* which namespace 'ci' refuses at admission: it enforces Pod Security "restricted" \(v1\.28\)/);
      expect(l).toContain('to "baseline", which needs a recorded relaxation');
      // ContainerBuild writes the step: no fix says to change its props
      expect(l).not.toMatch(/Remove (runAsUser|addCapabilities)/);
    }
  });

  test('audit: a Namespace and a Task in different files', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pod-security-admitted-'));
    try {
      fs.writeFileSync(path.join(dir, 'ns.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ci\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n');
      fs.writeFileSync(path.join(dir, 'task.yaml'), [
        'apiVersion: tekton.dev/v1', 'kind: Task', 'metadata:', '  name: build', '  namespace: ci', 'spec:', '  steps:',
        '    - name: kaniko', '      image: x', '      securityContext:', '        runAsUser: 0', '',
      ].join('\n'));
      const found = JSON.parse(audit([dir], 'json').stdout).findings.filter((f: any) => f.rule === RuleId.POD_SECURITY_ADMITTED);
      expect(found.map((f: any) => [path.basename(f.file), f.property, f.status])).toEqual([
        ['task.yaml', 'securityContext.allowPrivilegeEscalation', 'failed'],
        ['task.yaml', 'securityContext.runAsNonRoot', 'failed'],
        ['task.yaml', 'securityContext.runAsUser', 'failed'],
        ['task.yaml', 'securityContext.seccompProfile.type', 'failed'],
        ['task.yaml', 'securityContext.capabilities.drop', 'failed'],
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('PipelineLoops (kfp-tekton): the PipelineRun of each iteration has the loop\'s podTemplate', () => {
    const { runAsNonRoot: _r, seccompProfile: _s, ...rest } = hardenedSecurityContext();
    const spec = { pipelineSpec: { tasks: [{ name: 'build', taskSpec: { steps: [hardenedContainer('kaniko', { securityContext: rest })] } }] } };
    const podLevel = { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };
    const UNSET = 'is not set, and the run\'s pod template does not set it either, which namespace \'ci\' refuses at admission: it enforces Pod Security "restricted" (v1.28), so the pod is never created';

    test("the loop's pod template is judged, and its securityContext reaches the loop's steps, as an object or embedded", () => {
      const hostNetwork = check(pipelineLoop({ ...spec, podTemplate: { hostNetwork: true, securityContext: podLevel } }), namespace('baseline', 'v1.28'));
      expect(hostNetwork.map((f) => [f.kind, f.name, f.location, f.target, f.property, f.value, f.problem])).toEqual([[
        'PipelineLoop', 'each', 'podTemplate', undefined, 'podTemplate.hostNetwork', 'true',
        'shares the node\'s namespace, which namespace \'ci\' refuses at admission: it enforces Pod Security "baseline" (v1.28), so the pod is never created',
      ]]);
      expect(check(pipelineLoop({ ...spec, podTemplate: { securityContext: podLevel } }), namespace('restricted', 'v1.28'))).toEqual([]);
      expect(check(loopInPipeline({ ...spec, podTemplate: { securityContext: podLevel } }), namespace('restricted', 'v1.28'))).toEqual([]);
      // the Pipeline's runs do not reach the loop's: a loop without a pod template runs its steps without one
      expect(check(loopInPipeline(spec), namespace('restricted', 'v1.28')).map((f) => [f.location, f.target, f.property, f.problem])).toEqual([
        ["task 'loop' task 'build' step 'kaniko'", 'task/loop/task/build/step/kaniko', 'securityContext.runAsNonRoot', UNSET],
        ["task 'loop' task 'build' step 'kaniko'", 'task/loop/task/build/step/kaniko', 'securityContext.seccompProfile.type', UNSET],
      ]);
    });

    test('a loop that names a Pipeline (by its pipelineRef\'s name) runs it with its pod template', () => {
      const pipe = { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'pipe', namespace: 'ci' }, spec: spec.pipelineSpec };
      expect(check(pipe, pipelineLoop({ pipelineRef: { name: 'pipe' }, podTemplate: { securityContext: podLevel } }), namespace('restricted', 'v1.28'))).toEqual([]);
      expect(check(pipe, namespace('restricted', 'v1.28')).map((f) => f.property)).toEqual(['securityContext.runAsNonRoot', 'securityContext.seccompProfile.type']);
    });
  });
});


describe('POD_SECURITY_ADMITTED: the pod of a Shipwright Build\'s run', () => {
  const HARDENED = { ...hardenedSecurityContext(), runAsUser: 1001, runAsGroup: 1001 };
  /** A strategy whose one step `build` has `securityContext`, and an overridable volume `cache`. */
  const strategy = (securityContext: any, spec: any = {}) => ({
    apiVersion: 'shipwright.io/v1beta1',
    kind: 'ClusterBuildStrategy',
    metadata: { name: 'oci-build' },
    spec: {
      volumes: [{ name: 'cache', overridable: true, emptyDir: {} }],
      steps: [{
        name: 'build',
        image: 'registry.example.com/builder@sha256:' + 'e'.repeat(64),
        securityContext,
        command: ['builder', '--out', '$(params.shp-output-image)'],
        volumeMounts: [{ name: 'cache', mountPath: '/cache' }],
      }],
      ...spec,
    },
  });
  const build = (spec: any = {}) => ({
    apiVersion: 'shipwright.io/v1beta1',
    kind: 'Build',
    metadata: { name: 'web', namespace: 'ci' },
    spec: { strategy: { kind: 'ClusterBuildStrategy', name: 'oci-build' }, output: { image: 'registry.example.com/web' }, ...spec },
  });
  const buildRun = (spec: any = {}) => ({
    apiVersion: 'shipwright.io/v1beta1', kind: 'BuildRun', metadata: { name: 'web-1', namespace: 'ci' }, spec: { build: { name: 'web' }, ...spec },
  });
  const on = (m: any, ...others: any[]) => {
    const manifests = [m, namespace('restricted', 'v1.28'), ...others];
    return evaluatingOnce(() => POD_SECURITY_ADMITTED.check(m, ruleContext(manifests)), manifests)
      .map((f) => [f.kind, f.location, f.property, f.value, f.problem, f.fix]);
  };
  const REFUSES = ", which namespace 'ci' refuses at admission: it enforces Pod Security \"restricted\" (v1.28), so the pod is never created";
  const CONTROLLER_FIX = (variable: string) => `Give the controller's ${variable} (its container template for this step) a securityContext that meets `
    + `"restricted", or ${LOWER('baseline', 'BASELINE')}.`;

  test('applies to Builds and BuildRuns', () => {
    expect([build(), buildRun()].map((m) => POD_SECURITY_ADMITTED.appliesTo(m))).toEqual([true, true]);
  });

  test("the strategy's steps as the Build runs them: a capability the level refuses", () => {
    const sc = { ...HARDENED, capabilities: { drop: ['ALL'], add: ['SETFCAP'] } };
    expect(on(build(), strategy(sc))).toEqual([[
      'Build', "strategy ClusterBuildStrategy 'oci-build' step 'build'", 'securityContext.capabilities.add', 'SETFCAP',
      `adds capabilities other than NET_BIND_SERVICE${REFUSES}`,
      `Change securityContext.capabilities.add to meet "restricted", ${SPLIT('it', 'baseline')}, or ${LOWER('baseline', 'BASELINE')}.`,
    ]]);
    // a hardened step, no Git source, no output processing: admitted; without the strategy nothing is known
    expect(on(build(), strategy(HARDENED))).toEqual([]);
    expect(on(build())).toEqual([]);
  });

  test("the controller's steps: source-default for a Git source, image-processing (root, DAC_OVERRIDE) for an output directory", () => {
    const git = build({ source: { type: 'Git', git: { url: 'https://github.com/example/web' } } });
    expect(on(git, strategy(HARDENED))).toEqual(['runAsNonRoot', 'seccompProfile.type'].map((f) => [
      'Build', "Shipwright's step 'source-default'", `securityContext.${f}`, undefined,
      `is not set, and Shipwright's TaskRun does not set it for the pod${REFUSES}`, CONTROLLER_FIX('GIT_CONTAINER_TEMPLATE'),
    ]));
    const outputDirectory = strategy({ ...HARDENED }, {});
    outputDirectory.spec.steps[0].command = ['builder', '--oci-layout', '$(params.shp-output-directory)'];
    expect(on(build(), outputDirectory).map((f) => [f[1], f[2], f[3]])).toEqual([
      ["Shipwright's step 'image-processing'", 'securityContext.runAsNonRoot', undefined],
      ["Shipwright's step 'image-processing'", 'securityContext.runAsUser', '0'],
      ["Shipwright's step 'image-processing'", 'securityContext.seccompProfile.type', undefined],
      ["Shipwright's step 'image-processing'", 'securityContext.capabilities.add', 'DAC_OVERRIDE'],
    ]);
  });

  test("the controller's source step: the bundle step for an OCI artifact, the waiter for a Local source; a git mapping under another type adds none", () => {
    const sourceFindings = (variable: string, name = 'source-default', kind = 'Build') => ['runAsNonRoot', 'seccompProfile.type'].map((f) => [
      kind, `Shipwright's step '${name}'`, `securityContext.${f}`, undefined,
      `is not set, and Shipwright's TaskRun does not set it for the pod${REFUSES}`, CONTROLLER_FIX(variable),
    ]);
    const oci = build({ source: { type: 'OCI', ociArtifact: { image: 'registry.example.com/sources/web:latest' } } });
    expect(on(oci, strategy(HARDENED))).toEqual(sourceFindings('BUNDLE_CONTAINER_TEMPLATE'));
    const alpha = {
      ...build(),
      apiVersion: 'shipwright.io/v1alpha1',
      spec: {
        strategy: { kind: 'ClusterBuildStrategy', name: 'oci-build' },
        output: { image: 'registry.example.com/web' },
        source: { url: 'https://github.com/example/web', bundleContainer: { image: 'registry.example.com/sources/web:latest' } },
      },
    };
    expect(on(alpha, strategy(HARDENED))).toEqual(sourceFindings('BUNDLE_CONTAINER_TEMPLATE'));
    const local = build({ source: { type: 'Local', local: { name: 'upload', timeout: '5m' } } });
    expect(on(local, strategy(HARDENED))).toEqual(sourceFindings('WAITER_CONTAINER_TEMPLATE', 'source-local'));
    // a BuildRun's own Local source adds the waiter to the run of the Build it names: its finding
    const upload = buildRun({ source: { type: 'Local', local: { name: 'upload' } } });
    expect(on(upload, build(), strategy(HARDENED))).toEqual(sourceFindings('WAITER_CONTAINER_TEMPLATE', 'source-local', 'BuildRun'));
    // the type decides (sources.go AmendTaskSpecWithSources)
    expect(on(build({ source: { type: 'OCI', git: { url: 'https://github.com/example/web' } } }), strategy(HARDENED))).toEqual([]);
    // a Build spec is read in its own version, whichever a BuildRun naming it is written in; a v1alpha1 BuildRun's LocalCopy source is its Local
    const alphaBuild = { ...alpha, spec: { ...alpha.spec, source: { url: 'https://github.com/example/web' } } };
    const alphaRun = { ...buildRun(), apiVersion: 'shipwright.io/v1alpha1', spec: { buildRef: { name: 'web' }, sources: [{ name: 'upload', type: 'LocalCopy' }] } };
    expect(on(alphaRun, build(), strategy(HARDENED))).toEqual(sourceFindings('WAITER_CONTAINER_TEMPLATE', 'source-local', 'BuildRun'));
    expect(on(upload, alphaBuild, strategy(HARDENED))).toEqual(sourceFindings('WAITER_CONTAINER_TEMPLATE', 'source-local', 'BuildRun'));
    expect(on(buildRun({ build: { spec: alphaBuild.spec } }), strategy(HARDENED)).map((f) => f[1])).toEqual([]);
    // a BuildRun's type Local without local adds no waiter and hides its Build's (isLocalCopyBuildSource)
    expect(on(buildRun({ source: { type: 'Local' }, build: { spec: local.spec } }), strategy(HARDENED))).toEqual([]);
  });

  test("the strategy's annotations, which Shipwright copies to the TaskRun and Tekton to the pod: an AppArmor profile baseline refuses", () => {
    const s = {
      ...strategy(HARDENED),
      metadata: {
        name: 'oci-build',
        annotations: {
          'container.apparmor.security.beta.kubernetes.io/step-build': 'unconfined',
          'clusterbuildstrategy.shipwright.io/container.apparmor.security.beta.kubernetes.io/step-x': 'unconfined',
        },
      },
    };
    expect(on(build(), s)).toEqual([[
      'Build', "strategy ClusterBuildStrategy 'oci-build'", "metadata.annotations['container.apparmor.security.beta.kubernetes.io/step-build']", 'unconfined',
      `sets an AppArmor profile other than "runtime/default" or "localhost/<profile>"${REFUSES}`,
      `Remove it, ${SPLIT('the pod', 'privileged')}, or ${LOWER('privileged', 'PRIVILEGED')}.`,
    ]]);
    // a BuildRun of that Build: the Build's finding
    expect(on(buildRun(), build(), s)).toEqual([]);
  });

  test('a BuildRun of a Build checked with it: only the volume source it gives', () => {
    const run = buildRun({ volumes: [{ name: 'cache', hostPath: { path: '/var/cache' } }] });
    expect(on(run, build(), strategy({ ...HARDENED, capabilities: { drop: ['ALL'], add: ['SETFCAP'] } }))).toEqual([[
      'BuildRun', "strategy ClusterBuildStrategy 'oci-build'", "volumes['cache'].hostPath", '/var/cache',
      `mounts a directory of the node${REFUSES}`,
      `Remove it, ${SPLIT('the pod', 'privileged')}, or ${LOWER('privileged', 'PRIVILEGED')}.`,
    ]]);
  });
});

describe('POD_SECURITY_ADMITTED: an EventListener\'s pod', () => {
  const ENFORCE = (property: string) => `Change ${property} to meet "restricted"`;
  test('the hardened listener Triggers makes is admitted; one whose container securityContext sets only readOnlyRootFilesystem cannot start', () => {
    const ns = namespace('restricted', 'v1.28');
    expect(POD_SECURITY_ADMITTED.appliesTo(eventListener())).toBe(true);
    expect(POD_SECURITY_ADMITTED.check(eventListener(), ruleContext([ns, eventListener()]))).toEqual([]);
    const el = eventListener({ spec: { containers: [{ securityContext: { readOnlyRootFilesystem: true } }] } });
    const replaced = " (the listener's container securityContext written in the EventListener replaces whole the one Triggers gives it "
      + "(allowPrivilegeEscalation: false, capabilities drop ALL, runAsNonRoot, seccompProfile RuntimeDefault, readOnlyRootFilesystem: true, config-defaults-triggers' IDs))";
    const refusedHere = (field: string, problem: string, required: string) => ({
      rule: RuleId.POD_SECURITY_ADMITTED,
      kind: 'EventListener',
      name: 'github-listener',
      location: "container 'event-listener'",
      property: `spec.resources.kubernetesResource.spec.template.spec.containers[0].securityContext.${field}`,
      problem: `${problem}${replaced}, which namespace 'ci' refuses at admission: it enforces Pod Security "restricted" (v1.28), so the pod is never created: `
        + "the listener's Deployment gets no pod, and the EventListener never starts",
      fix: `${ENFORCE(`securityContext.${field}`)} (${required}), run it in a namespace of its own that enforces "baseline", or ${LOWER('baseline', 'BASELINE')}.`,
    });
    // the pod's runAsNonRoot and seccomp profile are Triggers' default pod securityContext's
    expect(POD_SECURITY_ADMITTED.check(el, ruleContext([ns, el]))).toEqual([
      refusedHere('allowPrivilegeEscalation', 'is not false', 'false'),
      refusedHere('capabilities.drop', 'does not drop "ALL"', 'a list holding "ALL"'),
    ]);
  });

  test("a customResource's pod is judged in the namespace its object is made in, its annotations those of its template", () => {
    const prod = namespace('restricted', 'v1.28', 'prod');
    const annotations = { 'container.apparmor.security.beta.kubernetes.io/event-listener': 'unconfined' };
    const el = customEventListener({ metadata: { namespace: 'prod' }, spec: { template: { metadata: { annotations } } } });
    expect(POD_SECURITY_ADMITTED.check(el, ruleContext([prod, el])).map((f) => [f.property, f.value, f.problem])).toEqual([[
      'spec.resources.customResource.spec.template.metadata.annotations[\'container.apparmor.security.beta.kubernetes.io/event-listener\']',
      'unconfined',
      'sets an AppArmor profile other than "runtime/default" or "localhost/<profile>", which namespace \'prod\' refuses at admission: it enforces Pod Security '
        + '"restricted" (v1.28), so the pod is never created: the listener\'s customResource\'s object gets no pod, and the EventListener never starts',
    ]]);
    // in the EventListener's namespace, which does not enforce restricted here, it is admitted; so is the hardened container in 'prod'
    const here = customEventListener({ spec: { template: { metadata: { annotations } } } });
    expect(POD_SECURITY_ADMITTED.check(here, ruleContext([prod, here]))).toEqual([]);
    const hardened = customEventListener({ metadata: { namespace: 'prod' }, spec: { template: { spec: { containers: [{ securityContext: { privileged: true } }] } } } });
    expect(POD_SECURITY_ADMITTED.check(hardened, ruleContext([prod, hardened]))).toEqual([]);
  });

  test("a Knative Service's pod has Knative Serving's queue-proxy, which restricted admits; a seccomp annotation naming it is judged (before v1.19)", () => {
    const prod = namespace('restricted', 'v1.18', 'prod');
    const annotations = { 'container.seccomp.security.alpha.kubernetes.io/queue-proxy': 'unconfined' };
    const object = (apiVersion: string, a?: any) => customEventListener({
      apiVersion, kind: 'Service', metadata: { namespace: 'prod' }, spec: { template: { ...(a ? { metadata: { annotations: a } } : {}), spec: { containers: [{}] } } },
    });
    const knative = (a?: any) => object('serving.knative.dev/v1', a);
    expect(POD_SECURITY_ADMITTED.check(knative(), ruleContext([prod, knative()]))).toEqual([]);
    expect(POD_SECURITY_ADMITTED.check(knative(annotations), ruleContext([prod, knative(annotations)]))).toEqual([{
      rule: RuleId.POD_SECURITY_ADMITTED,
      kind: 'EventListener',
      name: 'github-listener',
      property: 'spec.resources.customResource.spec.template.metadata.annotations[\'container.seccomp.security.alpha.kubernetes.io/queue-proxy\']',
      value: 'unconfined',
      problem: 'sets a seccomp profile other than "runtime/default", "docker/default" or "localhost/<profile>", which namespace \'prod\' refuses at admission: it '
        + 'enforces Pod Security "restricted" (v1.18), so the pod is never created: the listener\'s customResource\'s object gets no pod, and the EventListener never starts',
      fix: 'Remove it, run the pod in a namespace of its own that enforces "privileged", or lower the enforce level of namespace \'prod\' to "privileged", which needs a '
        + 'recorded relaxation (HardenedNamespace enforce: PodSecurityLevel.PRIVILEGED, relaxations: [{ rule: RuleId.NAMESPACE_RESTRICTED, target: '
        + "RelaxationTarget.podSecurityMode('enforce'), reason: '<why>' }]).",
    }]);
    // another kind of object has no queue-proxy: the annotation names no container of its pod (psa-eval admits that pod at v1.18)
    const other = object('example.dev/v1', annotations);
    expect(POD_SECURITY_ADMITTED.check(other, ruleContext([prod, other]))).toEqual([]);
  });
});
