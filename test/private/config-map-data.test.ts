import { configMapRefusals, nullValueText, refusedConfigMapValues, storedConfigMapData, writtenValue } from '../../src/private/config-map-data';
import { decodeChunk } from '../../src/private/yaml-document';

describe('a ConfigMap\'s data as the API server stores it', () => {
  test('a null (YAML `key:`, `~`, `null` in any spelling the YAML reader knows) is "", other values as written', () => {
    const { value } = decodeChunk('a:\nb: ~\nc: Null\nd: ""\ne: "x"\nf: 1\ng: yes\nh: [a]\ni: {a: b}\nj: 0x10\nk: 1e3\n');
    expect(storedConfigMapData(value)).toEqual({ a: '', b: '', c: '', d: '', e: 'x', f: 1, g: true, h: ['a'], i: { a: 'b' }, j: 16, k: 1000 });
    // what the API server refuses: anything but a string or null
    expect(refusedConfigMapValues(value)).toEqual(['f', 'g', 'h', 'i', 'j', 'k']);
  });

  test('a data with no null is returned as it is; one that is not a mapping is empty', () => {
    const data = { a: 'x' };
    expect(storedConfigMapData(data)).toBe(data);
    const withNull = { a: null };
    expect(storedConfigMapData(withNull)).toBe(storedConfigMapData(withNull));
    expect(withNull).toEqual({ a: null });
    for (const none of [undefined, null, 'a', ['a'], 1]) expect(storedConfigMapData(none)).toEqual({});
  });

  test('messages: a null value and a value as YAML read it', () => {
    expect(nullValueText('chains-config')).toBe('is null, which the API server stores as "" (a client-side kubectl apply over an existing chains-config removes the key instead)');
    expect([true, 16, 1.5, ['a'], { a: 'b' }, 12345678901234567890n, [1n], null].map(writtenValue))
      .toEqual(['true', '16', '1.5', '["a"]', '{"a":"b"}', '12345678901234567890', '["1"]', 'null']);
  });

  test('what the API server refuses in a ConfigMap: a key it does not take, a data value that is not a string, binaryData that is not base64 or repeats a key of data', () => {
    expect(configMapRefusals({ 'ok.key_1-a': 'x', 'nul': null, 'a b': 'x', 'a/b': 'x', '..a': 'x', '.': 'x', 'n': 1 }, { 'ok': 'YQ==', 'nul': 'YQ==', 'c': 'a', 'd e': 'YQ==', 'f': null, 'g': 1 })).toEqual([
      { field: 'data', key: 'a b', problem: 'is not a valid ConfigMap key' },
      { field: 'data', key: 'a/b', problem: 'is not a valid ConfigMap key' },
      { field: 'data', key: '..a', problem: 'is not a valid ConfigMap key' },
      { field: 'data', key: '.', problem: 'is not a valid ConfigMap key' },
      { field: 'data', key: 'n', problem: 'is not a string' },
      { field: 'binaryData', key: 'nul', problem: 'repeats a key of data' },
      { field: 'binaryData', key: 'c', problem: 'is not base64' },
      { field: 'binaryData', key: 'd e', problem: 'is not a valid ConfigMap key' },
      { field: 'binaryData', key: 'g', problem: 'is not a string' },
    ]);
    expect(configMapRefusals({ a: 'x', b: null }, { c: 'YWJj\nZGVm' })).toEqual([]);
    expect(configMapRefusals(undefined, undefined)).toEqual([]);
    expect(configMapRefusals(['a b'], 'x')).toEqual([]);
  });
});
