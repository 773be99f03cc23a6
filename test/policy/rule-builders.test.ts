import { pipelineEmbedding, task } from './rules/fixtures';
import { RuleId } from '../../src';
import { Severity } from '../../src/policy/rule';
import { STEP_ACTION_STEPS, containerRule } from '../../src/policy/rule-builders';
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
    for (const rule of CONTAINER_RULES) expect(rule.decidesFrom?.endsWith(STEP_ACTION_STEPS)).toBe(true);
    const made = containerRule({ id: RuleId.IMAGE_DIGEST, severity: Severity.LOW, title: 't', rationale: 'r', fix: 'f', decidesFrom: 'd.', limits: 'l', howToRelax: 'h', relaxable: true }, () => []);
    expect(made.decidesFrom).toBe(`d.${STEP_ACTION_STEPS}`);
  });
});
