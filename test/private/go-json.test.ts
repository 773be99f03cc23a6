import { goJsonField, goStringOrder, otherSpelling, sortedEntries } from '../../src/private/go-json';

describe('goJsonField', () => {
  test('the field of exactly that name first, else the one Go folds the key into (ASCII case, ſ, the Kelvin sign)', () => {
    expect(goJsonField('kind', ['kind'])).toBe('kind');
    expect(goJsonField('KIND', ['kind'])).toBe('kind');
    expect(goJsonField('\u212aind', ['kind'])).toBe('kind');
    expect(goJsonField('\u017fecretRef', ['secretRef'])).toBe('secretRef');
    expect(goJsonField('kind ', ['kind'])).toBeUndefined();
    expect(goJsonField('kinds', ['kind'])).toBeUndefined();
  });
});

describe('otherSpelling', () => {
  test('the first key Go reads as a field though spelled otherwise, with the field', () => {
    expect(otherSpelling({ name: 'github', Kind: 'NamespacedInterceptor' }, ['name', 'kind'])).toEqual({ key: 'Kind', field: 'kind' });
    expect(otherSpelling({ kind: 'a', NAME: 'b', KIND: 'c' }, ['name', 'kind'])).toEqual({ key: 'NAME', field: 'name' });
    expect(otherSpelling({ Kind: 'x' }, ['kind'])).toEqual({ key: '\u212aind', field: 'kind' });
  });

  test('none when every such key is spelled as its field, whatever other keys there are', () => {
    expect(otherSpelling({ 'name': 'github', 'kind': 'ClusterInterceptor', 'other': 1, 'Kind ': 2 }, ['name', 'kind'])).toBeUndefined();
    expect(otherSpelling({}, ['name'])).toBeUndefined();
  });
});

describe('goStringOrder', () => {
  test("orders strings by their UTF-8 bytes, as Go's < and sort.Strings do, not by JavaScript's UTF-16 units", () => {
    // U+1F600 is F0 9F 98 80 in UTF-8 (after U+E000's EE 80 80) but D83D DE00 in UTF-16 (before E000)
    expect(goStringOrder('\u{1F600}', '\uE000')).toBeGreaterThan(0);
    expect(goStringOrder('\uE000', '\u{1F600}')).toBeLessThan(0);
    expect('\u{1F600}' < '\uE000').toBe(true);
    expect(['\u{1F600}', '\uFFFD', '\uE000', 'z', 'Z', '\u017F', ''].sort(goStringOrder)).toEqual(['', 'Z', 'z', '\u017F', '\uE000', '\uFFFD', '\u{1F600}']);
    expect(goStringOrder('ab', 'ab')).toBe(0);
    expect(goStringOrder('a', 'ab')).toBeLessThan(0);
  });

  test("sortedEntries gives a map's keys in that order", () => {
    expect(sortedEntries({ '\u{1F600}': 1, '\uE000': 2, 'b': 3, 'B': 4 }).map(([k]) => k)).toEqual(['B', 'b', '\uE000', '\u{1F600}']);
  });
});
