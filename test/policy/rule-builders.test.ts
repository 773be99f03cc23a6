import { pipelineEmbedding, task } from './rules/fixtures';
import { RuleId } from '../../src';
import { Severity } from '../../src/policy/rule';
import { BUILD_STRATEGIES, PIPELINE_LOOPS, STEP_ACTION_STEPS, STEP_ACTION_STEPS_SECURITY, containerRule } from '../../src/policy/rule-builders';
import { ARGUMENT_INJECTION } from '../../src/policy/rules/argument-injection';
import { DROP_ALL_CAPABILITIES } from '../../src/policy/rules/drop-all-capabilities';
import { IMAGE_DIGEST } from '../../src/policy/rules/image-digest';
import { NO_PRIVILEGE_ESCALATION } from '../../src/policy/rules/no-privilege-escalation';
import { NOT_PRIVILEGED } from '../../src/policy/rules/not-privileged';
import { READ_ONLY_ROOT_FILESYSTEM } from '../../src/policy/rules/read-only-root-filesystem';
import { RUN_AS_NON_ROOT } from '../../src/policy/rules/run-as-non-root';
import { SCRIPT_INJECTION } from '../../src/policy/rules/script-injection';
import { SCRIPT_SHEBANG } from '../../src/policy/rules/script-shebang';
import { SECCOMP_RUNTIME_DEFAULT } from '../../src/policy/rules/seccomp-runtime-default';
import { WRITABLE_SCRATCH } from '../../src/policy/rules/writable-scratch';

const CONTAINER_RULES = [ARGUMENT_INJECTION, DROP_ALL_CAPABILITIES, IMAGE_DIGEST, NO_PRIVILEGE_ESCALATION, NOT_PRIVILEGED, READ_ONLY_ROOT_FILESYSTEM,
  RUN_AS_NON_ROOT, SCRIPT_INJECTION, SCRIPT_SHEBANG, SECCOMP_RUNTIME_DEFAULT, WRITABLE_SCRATCH];

describe('containerRule: steps that run a StepAction', () => {
  // Tekton replaces the step's image and securityContext (and command, args, script, env, volumeMounts, workingDir) with the StepAction's
  const refSteps = [
    { name: 'clone', ref: { name: 'git-clone' }, params: [{ name: 'url', value: '$(params.url)' }] },
    { name: 'remote', ref: { resolver: 'bundles', params: [{ name: 'bundle', value: 'registry.example.com/actions:v1' }] }, securityContext: { runAsUser: 0, privileged: true } },
  ];

  test.each(CONTAINER_RULES.map((r) => [r.id, r]))('%s leaves them to the StepAction, in a Task and in a Pipeline\'s embedded spec', (_id, rule) => {
    expect(rule.check(task({ params: [{ name: 'url' }], steps: refSteps }))).toEqual([]);
    expect(rule.check(pipelineEmbedding({ params: [{ name: 'url' }], steps: refSteps }))).toEqual([]);
  });

  test('the next step without a ref is still judged', () => {
    const findings = RUN_AS_NON_ROOT.check(task({ steps: [...refSteps, { name: 'plain', image: 'alpine' }] }));
    expect(findings.map((f) => [f.location, f.property])).toEqual([["step 'plain'", 'securityContext.runAsNonRoot'], ["step 'plain'", 'securityContext.runAsUser']]);
  });

  test('every container rule says so in what it decides from', () => {
    for (const rule of CONTAINER_RULES) {
      const text = SECURITY_RULES.includes(rule) ? STEP_ACTION_STEPS_SECURITY : STEP_ACTION_STEPS;
      expect(rule.decidesFrom?.endsWith(text)).toBe(true);
      expect(rule.decidesFrom).toContain(PIPELINE_LOOPS);
      expect(rule.decidesFrom).toContain(BUILD_STRATEGIES);
    }
    const made = containerRule({ id: RuleId.IMAGE_DIGEST, severity: Severity.LOW, title: 't', rationale: 'r', fix: 'f', decidesFrom: 'd.', limits: 'l', howToRelax: 'h', relaxable: true }, () => []);
    expect(made.decidesFrom).toBe(`d.${PIPELINE_LOOPS}${BUILD_STRATEGIES}${STEP_ACTION_STEPS}`);
  });
});

/** The container rules that read only the securityContext, which the stepTemplate and the pod reach under a StepAction's. */
const SECURITY_RULES = [DROP_ALL_CAPABILITIES, NO_PRIVILEGE_ESCALATION, READ_ONLY_ROOT_FILESYSTEM, RUN_AS_NON_ROOT, SECCOMP_RUNTIME_DEFAULT];

describe('containerRule: what the stepTemplate and the pod give a step that runs a StepAction', () => {
  const ref = { name: 'act', ref: { resolver: 'git', params: [{ name: 'url', value: 'https://example.com/actions.git' }] } };
  const UNDER = "(from the stepTemplate or the pod's securityContext, which Tekton applies under the StepAction's securityContext this step runs)";

  test.each([
    [RUN_AS_NON_ROOT, { runAsUser: 0 }, 'securityContext.runAsUser', '0', 'is not a non-zero UID'],
    [RUN_AS_NON_ROOT, { runAsNonRoot: false }, 'securityContext.runAsNonRoot', 'false', 'is not true'],
    [NO_PRIVILEGE_ESCALATION, { allowPrivilegeEscalation: true }, 'securityContext.allowPrivilegeEscalation', 'true', 'is not false'],
    [DROP_ALL_CAPABILITIES, { capabilities: { add: ['SYS_ADMIN'] } }, 'securityContext.capabilities.add', '["SYS_ADMIN"]', 'adds capabilities'],
    [DROP_ALL_CAPABILITIES, { capabilities: { drop: ['NET_RAW'] } }, 'securityContext.capabilities.drop', '["NET_RAW"]', 'does not include ALL'],
    [SECCOMP_RUNTIME_DEFAULT, { seccompProfile: { type: 'Unconfined' } }, 'securityContext.seccompProfile.type', 'Unconfined', 'is not RuntimeDefault'],
    [READ_ONLY_ROOT_FILESYSTEM, { readOnlyRootFilesystem: false }, 'securityContext.readOnlyRootFilesystem', 'false', 'is not true'],
  ])('%s: a stepTemplate that sets %j reaches it, in a Task and in an embedded spec', (rule, securityContext, property, value, problem) => {
    const spec = { stepTemplate: { securityContext }, steps: [ref] };
    expect(rule.check(task(spec)).map((f) => [f.location, f.target, f.property, f.value, f.problem])).toEqual([
      ["step 'act'", 'step/act', property, value, `${problem} ${UNDER}`],
    ]);
    expect(rule.check(pipelineEmbedding(spec)).map((f) => [f.target, f.property])).toEqual([['task/build/step/act', property]]);
  });

  test.each(SECURITY_RULES.map((r) => [r.id, r]))('%s: a stepTemplate that sets only hardened values, or none, gives no finding', (_id, rule) => {
    const hardened = { runAsNonRoot: true, runAsUser: 1000, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } };
    expect(rule.check(task({ stepTemplate: { securityContext: hardened }, steps: [ref] }))).toEqual([]);
    expect(rule.check(task({ stepTemplate: { env: [{ name: 'A', value: 'b' }] }, steps: [ref] }))).toEqual([]);
    expect(rule.check(task({ steps: [ref] }))).toEqual([]);
  });

  test("a run's pod-level runAsUser 0 reaches a StepAction step of its embedded spec", () => {
    const run = {
      apiVersion: 'tekton.dev/v1',
      kind: 'TaskRun',
      metadata: { name: 'r' },
      spec: { podTemplate: { securityContext: { runAsUser: 0 } }, taskSpec: { steps: [ref] } },
    };
    expect(RUN_AS_NON_ROOT.check(run).map((f) => [f.target, f.property, f.value])).toEqual([['step/act', 'securityContext.runAsUser', '0']]);
  });
});
