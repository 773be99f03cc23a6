/**
 * The seal's canonical JSON: sorted keys, undefined-valued keys left out, anything JSON
 * cannot hold as null. The seal written by one version must be read back by the next, so
 * the text is compared with a plain recursive definition of it on arbitrary values.
 */
import * as fc from 'fast-check';
import { canonical, coveringRelaxation, readRelaxationAnnotations, relaxationsOf, seal, sealOf } from '../../../src/policy/engine/annotations';
import { ruleContext } from '../../../src/policy/engine/context';
import { RuleId } from '../../../src/policy/rule-id';

/** The definition: one string per value, built recursively. */
function reference(value: any): string {
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().filter((k) => value[k] !== undefined).map((k) => `${JSON.stringify(k)}:${reference(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

test('canonical text equals the recursive definition on any JSON-like value (integer-like keys, undefined, NaN, -0 included)', () => {
  const leaf = fc.oneof(
    fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.constant(NaN), fc.constant(-0),
  );
  const key = fc.oneof(fc.string(), fc.constantFrom('10', '9', '0', '__proto__', 'a', 'B', '\u00e9', ''));
  const value = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(key, tie('node'), { maxKeys: 5 })),
  })).node;
  fc.assert(fc.property(value, (v) => canonical(v) === reference(v)), { numRuns: 500 });
});

test('the seal covers everything but itself, whatever the key order', () => {
  const a = seal({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', annotations: { b: '1', a: '2' } }, data: { 10: 'x', 9: 'y' } });
  const b = { kind: 'ConfigMap', data: { 9: 'y', 10: 'x' }, metadata: { annotations: { a: '2', b: '1' }, name: 'x' }, apiVersion: 'v1' };
  expect(sealOf(b)).toBe(a.metadata.annotations['secure-tekton/seal']);
  expect(sealOf({ ...b, data: { 9: 'y', 10: 'z' } })).not.toBe(a.metadata.annotations['secure-tekton/seal']);
});

describe('readRelaxationAnnotations on values of another type', () => {
  test('a record that is a map with a toString key is a record that is not a string, without throwing', () => {
    const m = { metadata: { annotations: { 'secure-tekton/relax.IMAGE_DIGEST': JSON.parse('{"toString": "x"}') } } };
    expect(readRelaxationAnnotations(m, () => true)).toEqual([{ rule: 'IMAGE_DIGEST', reason: '[object Object]', line: '[object Object]', problem: 'is not a string' }]);
  });
});

describe('relaxationsOf: the relaxations of one rule a rule reads of the object it checks', () => {
  const run = {
    apiVersion: 'tekton.dev/v1',
    kind: 'PipelineRun',
    metadata: {
      name: 'r',
      annotations: {
        'secure-tekton/relax.RUN_TOKEN_AUTOMOUNT': 'task/deploy: API grant: get configmaps [web]\ntask/x: short',
        'secure-tekton/relax.WORKSPACE_PER_RUN': '*: fan-out tasks run on many nodes at once',
      },
    },
  };

  test('without what the context knows of the object: its records the audit honours, of that rule only', () => {
    // "short" is not honoured (a reason of fewer than 10 visible characters)
    expect(relaxationsOf(ruleContext([run]), run, RuleId.RUN_TOKEN_AUTOMOUNT).map((r) => [r.rule, r.target, r.reason]))
      .toEqual([[RuleId.RUN_TOKEN_AUTOMOUNT, 'task/deploy', 'API grant: get configmaps [web]']]);
    expect(relaxationsOf(undefined, run, RuleId.WORKSPACE_PER_RUN).map((r) => r.target)).toEqual([undefined]);
  });

  test('with what the context knows (at synth, the app\'s relaxations of the object): those, not its annotations', () => {
    const given = [{ rule: RuleId.RUN_TOKEN_AUTOMOUNT, target: 'task/apply', reason: 'API grant: get configmaps [web]' }];
    const context = ruleContext([run], undefined, (m) => (m === run ? given : undefined));
    expect(relaxationsOf(context, run, RuleId.RUN_TOKEN_AUTOMOUNT)).toEqual(given);
    expect(relaxationsOf(context, run, RuleId.WORKSPACE_PER_RUN)).toEqual([]);
    // an object the context does not know: its honoured records
    const other = { ...run, metadata: { ...run.metadata, name: 'other' } };
    expect(relaxationsOf(context, other, RuleId.RUN_TOKEN_AUTOMOUNT).map((r) => r.target)).toEqual(['task/deploy']);
  });

  test('coveringRelaxation: same rule, a target at or above the finding\'s, not below a part it leaves out', () => {
    const all = { rule: RuleId.RUN_TOKEN_AUTOMOUNT, reason: 'the whole run talks to the API server' };
    const task = { rule: RuleId.RUN_TOKEN_AUTOMOUNT, target: 'task/deploy', reason: 'API grant: get configmaps [web]' };
    expect(coveringRelaxation({ rule: RuleId.RUN_TOKEN_AUTOMOUNT, target: 'task/deploy' }, [task])).toBe(task);
    expect(coveringRelaxation({ rule: RuleId.RUN_TOKEN_AUTOMOUNT, target: undefined }, [task])).toBeUndefined();
    expect(coveringRelaxation({ rule: RuleId.RUN_TOKEN_AUTOMOUNT, target: 'task/unit' }, [task, all])).toBe(all);
    expect(coveringRelaxation({ rule: RuleId.RUN_TOKEN_AUTOMOUNT, target: 'task/unit/step/test' }, [{ ...all, excludes: ['task/unit/'] }])).toBeUndefined();
    expect(coveringRelaxation({ rule: RuleId.WORKSPACE_PER_RUN, target: 'task/deploy' }, [task])).toBeUndefined();
  });
});
