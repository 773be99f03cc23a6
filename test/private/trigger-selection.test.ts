import { triggerLabelsMatch, selectorPicks, triggerSelectorPicks } from '../../src/private/trigger-selection';

const LABELS = { 'example.com/source': 'github', 'tier': 'ci' };
const listener = (namespace?: string) => ({ kind: 'EventListener', metadata: { name: 'el', ...(namespace !== undefined ? { namespace } : {}) } });
const trigger = (namespace?: string, labels: unknown = LABELS) => ({ kind: 'Trigger', metadata: { name: 't', ...(namespace !== undefined ? { namespace } : {}), labels } });

describe('label selectors as LabelSelectorAsSelector reads them', () => {
  test.each<[string, unknown, boolean]>([
    ['{} matches everything', {}, true],
    ['null matchLabels and matchExpressions', { matchLabels: null, matchExpressions: null }, true],
    ['matchLabels that hold', { matchLabels: { tier: 'ci' } }, true],
    ['matchLabels that do not', { matchLabels: { tier: 'prod' } }, false],
    ['matchLabels of a label not set', { matchLabels: { team: 'a' } }, false],
    ['In', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['prod', 'ci'] }] }, true],
    ['In of a label not set', { matchExpressions: [{ key: 'team', operator: 'In', values: ['a'] }] }, false],
    ['NotIn of another value', { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['prod'] }] }, true],
    ['NotIn of its value', { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['ci'] }] }, false],
    ['NotIn of a label not set', { matchExpressions: [{ key: 'team', operator: 'NotIn', values: ['a'] }] }, true],
    ['Exists', { matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, true],
    ['Exists of a label not set', { matchExpressions: [{ key: 'team', operator: 'Exists', values: null }] }, false],
    ['DoesNotExist', { matchExpressions: [{ key: 'team', operator: 'DoesNotExist', values: [] }] }, true],
    ['DoesNotExist of a label set', { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, false],
    ['every term must hold', { matchLabels: { tier: 'ci' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['ci'] }] }, false],
    ['a null matchLabels value is "" (not set here)', { matchLabels: { team: null } }, false],
    ['a null value of In is "" (tier is ci)', { matchExpressions: [{ key: 'tier', operator: 'In', values: [null] }] }, false],
    ['a null value of NotIn is ""', { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: [null] }] }, true],
  ])('%s', (_, selector, matches) => {
    expect(triggerLabelsMatch(selector, LABELS)).toBe(matches);
  });

  test.each<[string, unknown, unknown?]>([
    ['not a map', 'tier=ci'],
    ['a field LabelSelector does not have', { matchlabels: { tier: 'ci' } }],
    ['matchLabels that is a list', { matchLabels: [] }],
    ['a value that is not a string', { matchLabels: { tier: 7 } }],
    ['a key that is not a label key', { matchLabels: { 'bad key': 'ci' } }],
    ['a value that is not a label value', { matchLabels: { tier: 'c i' } }],
    ['matchExpressions that is a map', { matchExpressions: {} }],
    ['an unknown operator', { matchExpressions: [{ key: 'tier', operator: 'Equals', values: ['ci'] }] }],
    ['In without values', { matchExpressions: [{ key: 'tier', operator: 'In' }] }],
    ['Exists with values', { matchExpressions: [{ key: 'tier', operator: 'Exists', values: ['ci'] }] }],
    ['values that are not strings', { matchExpressions: [{ key: 'tier', operator: 'In', values: [1] }] }],
    ['an expression with a field it does not have', { matchExpressions: [{ key: 'tier', operator: 'Exists', value: 'x' }] }],
    ['a refused selector even where another term fails', { matchLabels: { tier: 'prod' }, matchExpressions: [{ key: 'tier', operator: 'Foo' }] }],
    ['labels that are not a map of strings', { matchLabels: { tier: 'ci' } }, { tier: 1 }],
  ])('not read (the API server or the sink refuses it): %s', (_, selector, labels = LABELS) => {
    expect(triggerLabelsMatch(selector, labels)).toBeUndefined();
  });

  test('a null value is "": it matches a label set to ""', () => {
    expect(triggerLabelsMatch({ matchLabels: { tier: null } }, { tier: '' })).toBe(true);
    expect(triggerLabelsMatch({ matchLabels: { tier: '' } }, { tier: null })).toBe(true);
    expect(triggerLabelsMatch({ matchExpressions: [{ key: 'tier', operator: 'In', values: [null] }] }, { tier: '' })).toBe(true);
  });

  test('no labels are none', () => {
    expect(triggerLabelsMatch({ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, undefined)).toBe(true);
    expect(triggerLabelsMatch({ matchLabels: { tier: 'ci' } }, null)).toBe(false);
  });
});

describe("the Triggers a listener's selectors list (the sink's selectTriggers)", () => {
  test.each<[string, unknown, unknown, any, any, string]>([
    ["matchNames ['*'] lists every namespace", { matchNames: ['*'] }, undefined, listener('ci'), trigger('other'), 'yes'],
    ["matchNames ['*'] with a labelSelector", { matchNames: ['*'] }, { matchLabels: { tier: 'prod' } }, listener('ci'), trigger('other'), 'no'],
    ["'*' beside other names is a name", { matchNames: ['*', 'ci'] }, undefined, listener('ci'), trigger('other'), 'no'],
    ['names list their namespaces', { matchNames: ['a', 'ci'] }, undefined, listener('x'), trigger('ci'), 'yes'],
    ['a Trigger without namespace may be in a name listed', { matchNames: ['ci'] }, undefined, listener('ci'), trigger(), 'maybe'],
    ['no names and no labelSelector list nothing', undefined, undefined, listener('ci'), trigger('ci'), 'no'],
    ['empty names and a null labelSelector list nothing', { matchNames: [] }, null, listener('ci'), trigger('ci'), 'no'],
    ["a labelSelector alone lists the listener's namespace", undefined, {}, listener('ci'), trigger('ci'), 'yes'],
    ['a labelSelector alone: another namespace', undefined, {}, listener('ci'), trigger('other'), 'no'],
    ['a labelSelector alone: files without namespaces are applied to one', undefined, { matchLabels: { tier: 'ci' } }, listener(), trigger(), 'yes'],
    ['a labelSelector alone: a listener with a namespace, a Trigger without', undefined, {}, listener('ci'), trigger(), 'maybe'],
    ['a labelSelector alone: a listener without a namespace, a Trigger with one', undefined, {}, listener(), trigger('ci'), 'maybe'],
    ['a labelSelector that does not match', undefined, { matchLabels: { tier: 'prod' } }, listener('ci'), trigger('ci'), 'no'],
    ['a labelSelector not read', undefined, { matchLabels: { tier: 7 } }, listener('ci'), trigger('ci'), 'maybe'],
    ['a labelSelector not read, in another namespace', undefined, { matchLabels: { tier: 7 } }, listener('ci'), trigger('other'), 'no'],
    ['a namespaceSelector with a field it does not have', { matchnames: ['ci'] }, undefined, listener('ci'), trigger('ci'), 'maybe'],
    ['matchNames that is not a list of strings', { matchNames: ['ci', 1] }, undefined, listener('ci'), trigger('ci'), 'maybe'],
  ])('%s', (_, namespaceSelector, labelSelector, l, t, picks) => {
    expect(selectorPicks(namespaceSelector, labelSelector, l, t)).toBe(picks);
  });

  test("a group's triggerSelector: none picks nothing; fields it does not have are not read", () => {
    expect(triggerSelectorPicks(undefined, listener('ci'), trigger('ci'))).toBe('no');
    expect(triggerSelectorPicks({}, listener('ci'), trigger('ci'))).toBe('no');
    expect(triggerSelectorPicks({ labelSelector: {} }, listener('ci'), trigger('ci'))).toBe('yes');
    expect(triggerSelectorPicks({ labelSelector: {}, labelselector: {} }, listener('ci'), trigger('ci'))).toBe('maybe');
    expect(triggerSelectorPicks([], listener('ci'), trigger('ci'))).toBe('maybe');
  });
});

describe('objects a TriggerTemplate creates, whose $(tt.params.x) an event replaces', () => {
  test('a namespace, a name listed or a label that is not valid may be any: maybe', () => {
    expect(selectorPicks({ matchNames: ['$(tt.params.ns)'] }, undefined, listener('ci'), trigger('ci'))).toBe('maybe');
    expect(selectorPicks({ matchNames: ['other'] }, undefined, listener('ci'), trigger('$(tt.params.ns)'))).toBe('maybe');
    expect(selectorPicks(undefined, {}, listener('$(tt.params.ns)'), trigger('ci'))).toBe('maybe');
    expect(selectorPicks(undefined, {}, listener('ci'), trigger('$(tt.params.ns)'))).toBe('maybe');
    expect(triggerLabelsMatch({ matchLabels: { tier: 'ci' } }, { tier: '$(tt.params.tier)' })).toBeUndefined();
    expect(triggerLabelsMatch({}, { '$(tt.params.k)': 'x' })).toBeUndefined();
  });
});
