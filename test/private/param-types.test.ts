import { declaredParamType, goParamValue, knownParamType, paramValueType } from '../../src/private/param-types';
import { describeWithOracle, runOracle } from '../helpers/tekton-oracle';

/** Declarations without a written type, each with what Tekton's defaulting gives its type and its default's. */
const DECLARATIONS: Array<[string, any, string, string | undefined]> = [
  ['a list of numbers, one string to Go', { default: [1, 2] }, 'string', 'string'],
  ['a list with a null item, an array', { default: [null, 'a'] }, 'array', 'array'],
  ['a list of lists, one string', { default: [['a']] }, 'string', 'string'],
  ['a map with a number, one string', { default: { a: 1 } }, 'string', 'string'],
  ['a bool, a string', { default: true }, 'string', 'string'],
  ['properties and a string default: an object', { properties: { a: {} }, default: 's' }, 'object', 'string'],
  ['properties and an array default: an object', { properties: { a: {} }, default: ['b'] }, 'object', 'array'],
  ['properties and a map of strings: an object', { properties: { a: {} }, default: { a: 'x' } }, 'object', 'object'],
  ['empty properties and an array default: an object', { properties: {}, default: ['b'] }, 'object', 'array'],
  ['null properties: the default\'s', { properties: null, default: ['b'] }, 'array', 'array'],
  ['an empty type: the default\'s', { type: '', default: ['b'] }, 'array', 'array'],
  ['properties, no default', { properties: { a: {} }, default: null }, 'object', undefined],
  ['nothing: a string', {}, 'string', undefined],
];

describe('param-types', () => {
  test.each(DECLARATIONS)('%s', (_, p, type, defaultType) => {
    expect([declaredParamType(p), paramValueType(p.default)]).toEqual([type, defaultType]);
  });

  test('goParamValue: what Go holds, a string one of a number, a bool, a list or map holding another value (its JSON text as the API server serves it)', () => {
    expect([80, true, 1.5, [1, 2], [['a']], { b: 1, a: 'x' }, { a: '<>&\u2028', n: 1 }, ['a', 1]].map(goParamValue)).toEqual([
      '80', 'true', '1.5', '[1,2]', '[["a"]]', '{"a":"x","b":1}', '{"a":"\\u003c\\u003e\\u0026\\u2028","n":1}', '["a",1]',
    ].map((value) => ({ type: 'string', value })));
    expect(goParamValue(['a', null])).toEqual({ type: 'array', values: ['a', ''] });
    expect(goParamValue({ k: null, j: 'v' })).toEqual({ type: 'object', entries: [['k', ''], ['j', 'v']] });
    expect([goParamValue(null), goParamValue(undefined), goParamValue('s')]).toEqual([undefined, undefined, { type: 'string', value: 's' }]);
  });

  test('a written type is kept, one Tekton refuses too; knownParamType is Tekton\'s three only', () => {
    expect(declaredParamType({ type: 'number', properties: { a: {} } })).toBe('number');
    expect(knownParamType({ type: 'number' })).toBeUndefined();
    expect(knownParamType({ type: 'array', default: 's' })).toBe('array');
    expect(knownParamType({ properties: { a: {} }, default: ['x'] })).toBe('object');
    // a declaration that is no map reads as none
    expect(declaredParamType('x')).toBe('string');
  });
});

describeWithOracle('param-types against Tekton v1.15\'s SetDefaults and ValidateParameterTypes', () => {
  test('each declaration\'s type and its default\'s, as the webhook names them where they differ, and no such error where they agree', () => {
    const actions = DECLARATIONS.map(([, p], i) => ({
      apiVersion: 'tekton.dev/v1beta1',
      kind: 'StepAction',
      metadata: { name: `sa${i}`, namespace: 'ci' },
      spec: { image: 'alpine', command: ['true'], params: [{ name: 'p', ...p }] },
    }));
    const mismatch = (e: string) => e.includes('type does not match default value\'s type');
    const found = runOracle(actions).verdicts.map((v) => v.errors.filter(mismatch));
    expect(found).toEqual(DECLARATIONS.map(([, p]) => {
      const [type, given] = [declaredParamType(p), paramValueType(p.default)];
      return given === undefined || given === type ? []
        : [`"${type}" type does not match default value's type: "${given}": spec.params.p.default.type, spec.params.p.type`];
    }));
  });

  test('goParamValue\'s text of a map holding another value is the one Tekton holds (keys sorted, <, & escaped): an enum of it admits the default, one of the text as written does not', () => {
    const value = { b: 1, a: '<&' };
    const text = (goParamValue(value) as { value: string }).value;
    expect(text).toBe('{"a":"\\u003c\\u0026","b":1}');
    const task = (name: string, enumValue: string) => ({
      apiVersion: 'tekton.dev/v1',
      kind: 'Task',
      metadata: { name, namespace: 'ci' },
      spec: { params: [{ name: 'cfg', type: 'string', enum: [enumValue], default: value }], steps: [{ name: 's', image: 'alpine', script: 'true' }] },
    });
    const verdicts = runOracle([task('sorted', text), task('written', JSON.stringify(value))], { flags: { 'enable-param-enum': 'true' } }).verdicts;
    expect(verdicts.map((v) => v.errors)).toEqual([[], [`param default value ${text} not in the enum list: spec.params[cfg]`]]);
  });
});
