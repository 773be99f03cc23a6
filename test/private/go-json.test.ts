import { goJsonField, otherSpelling } from '../../src/private/go-json';

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
