import { describeRule, hardenedContainer, pipelineEmbedding, task, taskSpec } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { SCRIPT_SHEBANG } from '../../../src/policy/rules/script-shebang';

const at = (location: string, target: string, value: string, kind = 'Task', name = 'build') => ({
  rule: RuleId.SCRIPT_SHEBANG,
  kind,
  name,
  location,
  target,
  property: 'script',
  value,
  problem: 'does not start with a #! line',
});

describe('SCRIPT_SHEBANG', () => {
  describeRule(SCRIPT_SHEBANG, RuleId.SCRIPT_SHEBANG, Severity.LOW, true);

  test('applies to Tekton objects that hold task specs only', () => {
    expect(SCRIPT_SHEBANG.appliesTo(task())).toBe(true);
    expect(SCRIPT_SHEBANG.appliesTo({ kind: 'ConfigMap', data: { script: 'echo' } })).toBe(false);
  });

  test('compliant: #! scripts of any interpreter, and steps with command instead of script', () => {
    expect(SCRIPT_SHEBANG.check(task({
      steps: [
        hardenedContainer('sh'),
        hardenedContainer('py', { script: '#!/usr/bin/env python3\nprint(1)' }),
        hardenedContainer('cmd', { script: undefined, command: ['make'], args: ['all'] }),
      ],
    }))).toEqual([]);
  });

  test('non-compliant: no #! line, the first line as value', () => {
    expect(SCRIPT_SHEBANG.check(task({ steps: [hardenedContainer('compile', { script: 'set -e\nmake\n' })] })))
      .toEqual([at("step 'compile'", 'step/compile', 'set -e')]);
  });

  test('non-compliant: a #! line that is not first (leading blank line or space)', () => {
    expect(SCRIPT_SHEBANG.check(task({ steps: [hardenedContainer('compile', { script: '\n#!/bin/sh\nmake' })] })))
      .toEqual([at("step 'compile'", 'step/compile', '')]);
    expect(SCRIPT_SHEBANG.check(task({ steps: [hardenedContainer('compile', { script: ' #!/bin/sh\nmake' })] })))
      .toEqual([at("step 'compile'", 'step/compile', ' #!/bin/sh')]);
  });

  test('non-compliant: a sidecar script, and an embedded task spec', () => {
    expect(SCRIPT_SHEBANG.check(task({ sidecars: [hardenedContainer('db', { script: 'postgres' })] })))
      .toEqual([at("sidecar 'db'", 'sidecar/db', 'postgres')]);
    expect(SCRIPT_SHEBANG.check(pipelineEmbedding(taskSpec({ steps: [hardenedContainer('make', { script: 'make' })] }), 'finally')))
      .toEqual([at("task 'build' step 'make'", 'task/build/step/make', 'make', 'Pipeline', 'pipe')]);
  });
});
