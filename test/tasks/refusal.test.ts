import { Chart, Testing } from 'cdk8s';
import { RuleId } from '../../src';
import { literalPattern, taskRefusal } from '../../src/tasks/refusal';

describe('task refusals', () => {
  test('name the path the task is about to have, below its scope', () => {
    const c = new Chart(Testing.app(), 'release');
    const e = taskRefusal(c, 'git-clone', 'GitClone', { property: 'depth', value: '-1', problem: 'is negative', rule: RuleId.VALID_SPEC, fix: 'Use 1.' });
    expect(e.message).toBe('GitClone \'release/git-clone\': depth "-1" is negative [VALID_SPEC]. Use 1.');
    expect([e.path, e.rule]).toEqual(['release/git-clone', RuleId.VALID_SPEC]);
  });

  test('a literal pattern matches exactly the text, its dots and brackets included', () => {
    const re = new RegExp(`^${literalPattern('[git.example.com]:2222')}$`);
    expect(re.test('[git.example.com]:2222')).toBe(true);
    expect(re.test('[gitXexampleYcom]:2222')).toBe(false);
    expect(re.test('g')).toBe(false);
  });
});
