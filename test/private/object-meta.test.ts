/**
 * The expected verdicts were produced by kubectl's own code on the same inputs: Go's
 * time.Parse(time.RFC3339, s) (go1.26) for the times, cli-runtime v0.36.3's
 * metadataValidatingDecoder for the documents.
 */
import { formatPath, isRfc3339, metadataError } from '../../src/private/object-meta';

describe('isRfc3339: time.Parse(time.RFC3339, s), as metav1.Time decodes', () => {
  test.each([
    ['2020-01-01T00:00:00Z', true],
    ['2020-01-01T00:00:00.123Z', true],
    ['2020-01-01T00:00:00,123Z', true],
    ['2020-01-01T00:00:00.123456789012Z', true],
    ['2020-01-01T00:00:00+01:00', true],
    ['2020-01-01T00:00:00-00:00', true],
    ['2020-01-01T00:00:00.5+24:59', true],
    ['2020-01-01T00:00:00+23:60', true],
    ['2020-01-01T1:00:00Z', true],
    ['2020-02-29T00:00:00Z', true],
    ['0000-01-01T00:00:00Z', true],
    ['2020-01-01t00:00:00z', false],
    ['2020-01-01T00:00:00+0100', false],
    ['2020-01-01 00:00:00Z', false],
    ['2020-01-01', false],
    ['2020-1-01T00:00:00Z', false],
    ['2020-01-1T00:00:00Z', false],
    ['2020-00-01T00:00:00Z', false],
    ['2020-01-00T00:00:00Z', false],
    ['2020-02-30T00:00:00Z', false],
    ['2019-02-29T00:00:00Z', false],
    ['2020-01-01T24:00:00Z', false],
    ['2020-01-01T23:59:60Z', false],
    ['2020-01-01T01:0:00Z', false],
    ['2020-01-01T00:00:00+25:00', false],
    ['2020-01-01T00:00:00+01:0', false],
    ['2020-01-01T00:00:00.Z', false],
    ['2020-01-01T00:00Z', false],
    ['+2020-01-01T00:00:00Z', false],
    ['2020-01-01T00:00:00Z ', false],
  ])('%s: %s', (s, expected) => {
    expect(isRfc3339(s)).toBe(expected);
  });
});

describe('metadataError: what cli-runtime refuses to decode into TypeMeta and ObjectMeta', () => {
  const meta = (metadata: unknown) => metadataError({ apiVersion: 'v1', kind: 'Pod', metadata });

  test('well-typed fields, nulls, unknown keys and keys in another case pass', () => {
    expect(meta({
      name: 'p',
      generateName: 'p-',
      namespace: 'ns',
      uid: 'u',
      resourceVersion: '1',
      generation: -5,
      deletionGracePeriodSeconds: 2 ** 62,
      creationTimestamp: '2020-01-01T00:00:00Z',
      deletionTimestamp: null,
      labels: { a: 'b', c: null },
      annotations: null,
      ownerReferences: [null, { apiVersion: 'v1', kind: 'K', name: 'n', uid: 'u', controller: true, blockOwnerDeletion: null }],
      finalizers: [null, 'f'],
      managedFields: [{ manager: 'm', time: '2020-01-01T00:00:00Z', fieldsV1: [1, { x: 2 }] }],
      foo: [1],
      Labels: 1,
      Name: 2,
    })).toBeUndefined();
    expect(meta(null)).toBeUndefined();
    expect(metadataError({ kind: 'Pod', Metadata: 1, apiVersion: null })).toBeUndefined();
  });

  test.each([
    [{ apiVersion: 1, kind: 'Pod' }, ['apiVersion'], 'must be a string, not a number'],
    [{ kind: 'Pod', metadata: 'x' }, ['metadata'], 'must be a mapping, not a string'],
    [{ kind: 'Pod', metadata: [] }, ['metadata'], 'must be a mapping, not a sequence'],
    [{ kind: 'Pod', metadata: { name: 123 } }, ['metadata', 'name'], 'must be a string, not a number'],
    [{ kind: 'Pod', metadata: { namespace: true } }, ['metadata', 'namespace'], 'must be a string, not a boolean'],
    [{ kind: 'Pod', metadata: { labels: { a: 1 } } }, ['metadata', 'labels', 'a'], 'must be a string, not a number'],
    [{ kind: 'Pod', metadata: { annotations: [] } }, ['metadata', 'annotations'], 'must be a mapping, not a sequence'],
    [{ kind: 'Pod', metadata: { generation: 1.5 } }, ['metadata', 'generation'], 'must be an integer (int64), not the number 1.5'],
    [{ kind: 'Pod', metadata: { generation: '1' } }, ['metadata', 'generation'], 'must be an integer (int64), not a string'],
    [{ kind: 'Pod', metadata: { deletionGracePeriodSeconds: 1e20 } }, ['metadata', 'deletionGracePeriodSeconds'], 'must be an integer (int64), not a number'],
    [{ kind: 'Pod', metadata: { creationTimestamp: '2020-01-01' } }, ['metadata', 'creationTimestamp'], 'must be an RFC 3339 time (2006-01-02T15:04:05Z), not "2020-01-01"'],
    [{ kind: 'Pod', metadata: { deletionTimestamp: 5 } }, ['metadata', 'deletionTimestamp'], 'must be an RFC 3339 time, not a number'],
    [{ kind: 'Pod', metadata: { ownerReferences: [{ controller: 'yes' }] } }, ['metadata', 'ownerReferences', 0, 'controller'], 'must be a boolean, not a string'],
    [{ kind: 'Pod', metadata: { ownerReferences: {} } }, ['metadata', 'ownerReferences'], 'must be a sequence, not a mapping'],
    [{ kind: 'Pod', metadata: { finalizers: 'f' } }, ['metadata', 'finalizers'], 'must be a sequence, not a string'],
    [{ kind: 'Pod', metadata: { finalizers: ['f', 1] } }, ['metadata', 'finalizers', 1], 'must be a string, not a number'],
    [{ kind: 'Pod', metadata: { managedFields: [1] } }, ['metadata', 'managedFields', 0], 'must be a mapping, not a number'],
    [{ kind: 'Pod', metadata: { managedFields: [{ time: 5 }] } }, ['metadata', 'managedFields', 0, 'time'], 'must be an RFC 3339 time, not a number'],
  ])('%j: %j %s', (document, path, message) => {
    expect(metadataError(document as Record<string, unknown>)).toEqual({ path, message });
  });

  test('a JSON document\'s int64 written with a fraction or an exponent is refused, as encoding/json refuses it', () => {
    const written = (text: string) => (p: (string | number)[]) => (p.join('.') === 'metadata.generation' ? text : undefined);
    expect(metadataError({ kind: 'Pod', metadata: { generation: 100 } }, written('1e2'))).toEqual({
      path: ['metadata', 'generation'],
      message: 'must be an integer (int64), not 1e2 (encoding/json reads no fraction or exponent into one)',
    });
    expect(metadataError({ kind: 'Pod', metadata: { generation: 1 } }, written('1.0'))?.message).toBe('must be an integer (int64), not 1.0 (encoding/json reads no fraction or exponent into one)');
    expect(metadataError({ kind: 'Pod', metadata: { generation: 100 } }, written('100'))).toBeUndefined();
  });

  test('±2^63 is an int64 only as the integer written: 2^63 - 1 and -2^63, not 2^63 or a float\'s 9223372036854776000', () => {
    const written = (text: string) => (p: (string | number)[]) => (p.join('.') === 'metadata.generation' ? text : undefined);
    const range = 'must be an integer (int64) from -9223372036854775808 to 9223372036854775807, not';
    expect(metadataError({ kind: 'Pod', metadata: { generation: 2 ** 63 } }, written('9223372036854775807'))).toBeUndefined();
    expect(metadataError({ kind: 'Pod', metadata: { generation: -(2 ** 63) } }, written('-9223372036854775808'))).toBeUndefined();
    expect(metadataError({ kind: 'Pod', metadata: { generation: 2 ** 63 } }, written('9223372036854775808'))).toEqual({ path: ['metadata', 'generation'], message: `${range} 9223372036854775808` });
    expect(metadataError({ kind: 'Pod', metadata: { generation: -(2 ** 63) } }, written('-9223372036854775809'))?.message).toBe(`${range} -9223372036854775809`);
    // no literal: the number came from a float, which sigs.k8s.io/yaml writes as JavaScript does
    expect(metadataError({ kind: 'Pod', metadata: { generation: 2 ** 63 } })?.message).toBe(`${range} 9223372036854776000`);
    expect(metadataError({ kind: 'Pod', metadata: { generation: -(2 ** 63) } })?.message).toBe(`${range} -9223372036854776000`);
    expect(metadataError({ kind: 'Pod', metadata: { generation: 2 ** 62 } })).toBeUndefined();
  });
});

test('formatPath: keys as fields where they can be, quoted otherwise; indexes in brackets', () => {
  expect(formatPath(['metadata', 'labels', 'a'])).toBe('metadata.labels.a');
  expect(formatPath(['metadata', 'annotations', 'secure-tekton/relax.X'])).toBe('metadata.annotations["secure-tekton/relax.X"]');
  expect(formatPath(['metadata', 'finalizers', 0])).toBe('metadata.finalizers[0]');
  expect(formatPath(['apiVersion'])).toBe('apiVersion');
});
