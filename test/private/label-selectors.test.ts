import { UNKNOWN_LABEL } from '../../src/private/calico-selectors';
import { hasNoTerms, labelSelectorMatches, matchesLookup, objectLabels, readLabelSelector, selectorValue } from '../../src/private/label-selectors';

const LABELS = { 'app': 'web', 'tier': '', 'example.com/team': 'a' };

describe('readLabelSelector: what the API server admits', () => {
  test('null and undefined are absent: each API says what that means', () => {
    expect(readLabelSelector(null, 'spec.podSelector')).toEqual({ kind: 'absent' });
    expect(readLabelSelector(undefined, 'spec.podSelector')).toEqual({ kind: 'absent' });
  });

  test('a selector reads as its requirements: matchLabels entries are In of one value, null values ""', () => {
    expect(readLabelSelector({
      matchLabels: { app: 'web', tier: null },
      matchExpressions: [{ key: 'x', operator: 'NotIn', values: [null, 'b'] }, { key: 'y', operator: 'Exists', values: null }],
    }, 's')).toEqual({
      kind: 'selector',
      selector: {
        requirements: [
          { key: 'app', operator: 'In', values: ['web'], from: 'matchLabels' },
          { key: 'tier', operator: 'In', values: [''], from: 'matchLabels' },
          { key: 'x', operator: 'NotIn', values: ['', 'b'], from: 'matchExpressions' },
          { key: 'y', operator: 'Exists', values: [], from: 'matchExpressions' },
        ],
      },
    });
  });

  test.each<[unknown, string]>([
    ['app=web', 'its s is not a label selector'],
    [[], 'its s is not a label selector'],
    [{ MatchLabels: {} }, "its s has no field 'MatchLabels'"],
    [{ matchLabels: [] }, 'its s.matchLabels is not a map'],
    [{ matchLabels: { 'Example.com/x': 'a' } }, 'its s.matchLabels key "Example.com/x" is not a qualified name'],
    [{ matchLabels: { ['a'.repeat(64)]: 'a' } }, `its s.matchLabels key "${'a'.repeat(64)}" is not a qualified name`],
    [{ matchLabels: { app: 1 } }, 'its s.matchLabels "app" has the value 1, which is not a label value'],
    [{ matchLabels: { app: 'a b' } }, 'its s.matchLabels "app" has the value "a b", which is not a label value'],
    [{ matchExpressions: {} }, 'its s.matchExpressions is not a list'],
    [{ matchExpressions: [null] }, 'its s.matchExpressions[0] is not a requirement'],
    [{ matchExpressions: [{ key: 'a', operator: 'Exists', value: 'x' }] }, "its s.matchExpressions[0] has no field 'value'"],
    [{ matchExpressions: [{ key: 'a', operator: 'In', values: 'x' }] }, 'its s.matchExpressions[0].values is not a list'],
    [{ matchExpressions: [{ key: 'a', operator: 'in', values: ['x'] }] }, 'its s.matchExpressions[0].operator "in" is not In, NotIn, Exists or DoesNotExist'],
    [{ matchExpressions: [{ key: 'a' }] }, 'its s.matchExpressions[0].operator null is not In, NotIn, Exists or DoesNotExist'],
    [{ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }, 'its s.matchExpressions[0] (In) has no values'],
    [{ matchExpressions: [{ key: 'a', operator: 'NotIn' }] }, 'its s.matchExpressions[0] (NotIn) has no values'],
    [{ matchExpressions: [{ key: 'a', operator: 'Exists', values: [''] }] }, 'its s.matchExpressions[0] (Exists) has values'],
    [{ matchExpressions: [{ key: null, operator: 'Exists' }] }, 'its s.matchExpressions[0].key null is not a qualified name'],
    [{ matchExpressions: [{ key: 'a/b/c', operator: 'Exists' }] }, 'its s.matchExpressions[0].key "a/b/c" is not a qualified name'],
    [{ matchExpressions: [{ key: 'a', operator: 'In', values: [1] }] }, 'its s.matchExpressions[0] value 1 is not a label value'],
    [{ matchExpressions: [{ key: 'a', operator: 'In', values: ['-x'] }] }, 'its s.matchExpressions[0] value "-x" is not a label value'],
  ])('refused: %j', (selector, why) => {
    expect(readLabelSelector(selector, 's')).toEqual({ kind: 'refused', why });
  });

  test('keys any: a Cilium selector\'s keys and values are any strings, its operators still the four', () => {
    expect(readLabelSelector({ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'ci' } }, 's', { keys: 'any' }).kind).toBe('selector');
    expect(readLabelSelector({ matchExpressions: [{ key: 'reserved:world', operator: 'Exists', values: ['x'] }] }, 's', { keys: 'any' }).kind).toBe('selector');
    expect(readLabelSelector({ matchExpressions: [{ key: 'k8s:app', operator: 'Equals' }] }, 's', { keys: 'any' }))
      .toEqual({ kind: 'refused', why: 'its s.matchExpressions[0].operator "Equals" is not In, NotIn, Exists or DoesNotExist' });
  });

  test('selectorValue: null is "", a string itself, anything else no label value', () => {
    expect([selectorValue(null), selectorValue('a'), selectorValue(1), selectorValue(undefined)]).toEqual(['', 'a', undefined, undefined]);
  });
});

describe('matching, as LabelSelectorAsSelector and Matches do', () => {
  test.each<[string, unknown, boolean | undefined]>([
    ['{} matches everything', {}, true],
    ['empty matchLabels and matchExpressions', { matchLabels: {}, matchExpressions: [] }, true],
    ['matchLabels that hold', { matchLabels: { app: 'web' } }, true],
    ['a null matchLabels value is "": it matches a label set to ""', { matchLabels: { tier: null } }, true],
    ['"" does not match an object without the key', { matchLabels: { team: '' } }, false],
    ['In', { matchExpressions: [{ key: 'app', operator: 'In', values: ['x', 'web'] }] }, true],
    ['In of a label not set', { matchExpressions: [{ key: 'team', operator: 'In', values: ['a'] }] }, false],
    ['NotIn matches an object without the key', { matchExpressions: [{ key: 'team', operator: 'NotIn', values: ['a'] }] }, true],
    ['NotIn of its value', { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] }, false],
    ['NotIn [null] is NotIn [""]', { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: [null] }] }, false],
    ['Exists of a label set to ""', { matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, true],
    ['DoesNotExist', { matchExpressions: [{ key: 'team', operator: 'DoesNotExist' }] }, true],
    ['a prefixed key', { matchLabels: { 'example.com/team': 'a' } }, true],
    ['every term must hold', { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] }, false],
    ['absent: undefined (the caller says)', null, undefined],
    ['refused: undefined, even where a term fails', { matchLabels: { app: 'x' }, matchExpressions: [{ key: 'app', operator: 'Foo' }] }, undefined],
  ])('%s', (_, selector, matches) => {
    expect(labelSelectorMatches(selector, LABELS)).toBe(matches);
  });

  test('labels known in part: false dominates, then unknown', () => {
    const read = readLabelSelector({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'team', operator: 'Exists' }] }, 's');
    if (read.kind !== 'selector') throw new Error('not read');
    expect(matchesLookup(read.selector, (k) => (k === 'app' ? 'web' : UNKNOWN_LABEL))).toBeUndefined();
    expect(matchesLookup(read.selector, (k) => (k === 'app' ? 'other' : UNKNOWN_LABEL))).toBe(false);
    expect(matchesLookup(read.selector, (k) => (k === 'app' ? 'web' : null))).toBe(false);
    expect(matchesLookup(read.selector, (k) => (k === 'app' ? 'web' : 'x'))).toBe(true);
  });
});

describe('hasNoTerms: the shape of a selector that selects everything', () => {
  test.each<[unknown, boolean]>([
    [undefined, true], [null, true], [{}, true], [{ matchLabels: {}, matchExpressions: [] }, true],
    [{ matchLabels: null, matchExpressions: null }, true],
    [{ matchLabels: { a: 'b' } }, false], [{ matchExpressions: [{ key: 'a', operator: 'DoesNotExist' }] }, false], ['x', false], [{ matchLabels: [] }, false],
  ])('%j: %s', (selector, none) => {
    expect(hasNoTerms(selector)).toBe(none);
  });
});

describe('objectLabels: an object\'s labels as the API server decodes them', () => {
  test('none is {}, a null value is ""', () => {
    expect(objectLabels(undefined)).toEqual({});
    expect(objectLabels(null)).toEqual({});
    expect(objectLabels({ 'app': 'web', 'example.com/team': null })).toEqual({ 'app': 'web', 'example.com/team': '' });
  });

  test.each<[unknown]>([['app=web'], [[]], [{ app: 1 }], [{ 'a b': 'x' }], [{ app: '$(tt.params.app)' }]])('not labels the API server admits: %j', (labels) => {
    expect(objectLabels(labels)).toBeUndefined();
  });
});
