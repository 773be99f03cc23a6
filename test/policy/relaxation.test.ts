import { Relaxations, RuleId, SecurePipeline, SecureTask } from '../../src';
import { chart, PINNED, step } from '../helpers/constructs';

describe('Relaxations', () => {
  const c = chart();
  new SecureTask(c, 'a', {
    steps: [step({ image: 'tool:1', relaxations: [{ rule: RuleId.IMAGE_DIGEST, reason: '  vendor ships tags only  ' }] })],
  });
  new SecureTask(c, 'b', {
    steps: [step({ image: PINNED })],
    relaxations: [{ rule: RuleId.COMPUTE_RESOURCES, reason: 'limits are set by the LimitRange' }],
  });
  new SecurePipeline(c, 'p', { relaxations: [{ rule: RuleId.RUN_TIMEOUT, reason: 'long soak tests run for days' }] });

  test('lists every relaxation under a scope, trimmed, with path and target', () => {
    expect(Relaxations.of(c).list()).toEqual([
      { rule: RuleId.IMAGE_DIGEST, reason: 'vendor ships tags only', path: 'test/a', target: 'step/run' },
      { rule: RuleId.COMPUTE_RESOURCES, reason: 'limits are set by the LimitRange', path: 'test/b' },
      { rule: RuleId.RUN_TIMEOUT, reason: 'long soak tests run for days', path: 'test/p' },
    ]);
  });

  test('is scoped to the construct asked', () => {
    expect(Relaxations.of(c.node.findChild('b')).list().map((r) => r.rule)).toEqual([RuleId.COMPUTE_RESOURCES]);
  });

  test('filters by rule', () => {
    expect(Relaxations.of(c).forRule(RuleId.RUN_TIMEOUT).map((r) => r.path)).toEqual(['test/p']);
    expect(Relaxations.of(c).forRule(RuleId.WORKSPACE_PER_RUN)).toEqual([]);
  });

  test('a reason of whitespace padding around 9 characters is refused', () => {
    expect(() => new SecureTask(chart(), 'x', { steps: [step()], relaxations: [{ rule: RuleId.SCRIPT_SHEBANG, reason: '   123456789   ' }] })).toThrow(
      "SecureTask 'test/x': relaxations[0].reason \"   123456789   \" has fewer than 10 visible characters [RELAXATION_REASON]. Say why the rule cannot hold here, e.g. reason: 'kaniko unpacks the base image as root'; the reason is written into the YAML and the posture report.",
    );
  });

  test('structural rules cannot be relaxed', () => {
    expect(() => new SecurePipeline(chart(), 'p', { relaxations: [{ rule: RuleId.VALID_DAG, reason: 'we know what we are doing' }] })).toThrow(
      "SecurePipeline 'test/p': relaxations[0].rule \"VALID_DAG\" names a rule that cannot be relaxed [RELAXATION_REASON]. Remove this relaxation and comply with the rule.",
    );
  });
});
