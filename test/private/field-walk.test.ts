import { FieldTree } from '../../src/private/field-names';
import { mapValues, OBJECT_META_FIELDS, unknownField } from '../../src/private/field-walk';

test('unknownField: the first key a tree does not know, with its path; open fields and maps\' keys are not judged', () => {
  const tree: FieldTree = { metadata: OBJECT_META_FIELDS, params: { name: 0, properties: { '*': { type: 0 } } }, spec: 0 };
  expect(unknownField({ metadata: { labels: { any: 'x' } }, spec: { anything: 1 } }, tree, '')).toBeUndefined();
  expect(unknownField({ metadata: { ownerReferences: [{ uid: 'u', owner: true }] } }, tree, '')).toEqual({ at: 'metadata.ownerReferences[0]', key: 'owner' });
  expect(unknownField({ status: {} }, tree, '')).toEqual({ at: '', key: 'status' });
  expect(unknownField({ params: [{ name: 'p', properties: { Any: { type: 'string' } } }] }, tree, '')).toBeUndefined();
  expect(unknownField({ params: [{ name: 'p', properties: { a: { type: 'string', required: true } } }] }, tree, 'spec'))
    .toEqual({ at: 'spec.params[0].properties.a', key: 'required' });
});

test('mapValues: the value tree of a map node only', () => {
  expect(mapValues({ '*': { type: 0 } })).toEqual({ type: 0 });
  expect(mapValues({ '*': 0, 'name': 0 })).toBeUndefined();
  expect(mapValues(0)).toBeUndefined();
  expect(mapValues('core.Volume')).toBeUndefined();
});
