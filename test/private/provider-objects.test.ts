import { DECODED, shown } from './provider-objects-cases';
import { fileModeRefusal, readProviderObjects } from '../../src/private/provider-objects';

describe('readProviderObjects', () => {
  test.each(DECODED)('%j as gopkg.in/yaml.v3 decodes it into []Secret', (text, decoded) => {
    const reading = readProviderObjects(text);
    if (typeof decoded === 'string') {
      // refused: the whole text, or an object's filePermission (told at that object)
      const refused = 'refusal' in reading ? [reading.refusal] : reading.objects.flatMap((o) => o.filePermissionRefusal ?? []);
      expect(refused).toHaveLength(1);
    } else {
      expect('objects' in reading ? reading.objects.map(shown) : reading).toEqual(decoded);
    }
  });

  test('the index of each object in the list as written, and the string fields given a value that is not null', () => {
    const reading = readProviderObjects('- null\n- objectName: ""\n  secretPath: ~\n  secretKey: k\n- {objectName: a, <<: {method: GET}}\n');
    expect('objects' in reading && reading.objects.map((o) => [o.index, [...o.given].sort()])).toEqual([
      [1, ['objectName', 'secretKey']],
      [2, ['method', 'objectName']],
    ]);
  });

  test('why yaml.v3 refuses, in the words of the findings', () => {
    const refusal = (text: string) => {
      const reading = readProviderObjects(text);
      return 'refusal' in reading ? [reading.refusal, reading.unreadable] : reading.objects.map((o) => o.filePermissionRefusal);
    };
    const NOT_LIST = 'is not a YAML list of mappings (gopkg.in/yaml.v3 cannot decode it into the provider\'s list of objects)';
    expect(refusal('objectName: a\n')).toEqual([NOT_LIST, false]);
    expect(refusal('- a\n')).toEqual([NOT_LIST, false]);
    expect(refusal('- objectName: a\n  secretArgs: {k: {[a]: 1}}\n')).toEqual([
      'uses a list or mapping as a key in entry 0\'s secretArgs (line 2), which gopkg.in/yaml.v3 refuses ("invalid map key")', false,
    ]);
    expect(refusal('- objectName: a\n- objectName: b\n  ? [a]\n  : 1\n')).toEqual([
      'gives entry 1 a list or mapping as a key (line 3) (gopkg.in/yaml.v3 decodes a key into a string only from a scalar)', false,
    ]);
    expect(refusal('- objectName: a\n  ? [a]\n  : 1\n  ? [b]\n  : 2\n')).toEqual([
      'writes a key twice in one mapping (line 4), which gopkg.in/yaml.v3 refuses ("mapping key … already defined")', false,
    ]);
    expect(refusal('- objectName: a\n  method: !!float x\n')).toEqual([
      'gives a value a tag it cannot have (line 2: "cannot decode !!str `x` as a !!float"), which gopkg.in/yaml.v3 refuses', false,
    ]);
    expect(refusal('- {objectName: a, filePermission: !foo 12}\n- {objectName: b, filePermission: -.inf}\n- {objectName: c, filePermission: !!binary MTI=}\n'))
      .toEqual(['is a !foo value, not a number', 'is not a finite number', 'is a !!binary value, not a number']);
    expect(refusal('- objectName: "a\n')).toEqual(['is not YAML (line 2: Missing closing "quote)', true]);
    // libyaml's errors that `yaml` does not find
    expect(refusal('- {objectName: a\n\tb}\n')).toEqual(['is not YAML (line 2: found a tab character that violates indentation)', true]);
    expect(refusal('- objectName: "a\\"\n---\nb"\n')).toEqual([
      'is not YAML (line 2: found unexpected document indicator (a --- or ... line inside a quoted scalar: indent it))', true,
    ]);
    expect(refusal('- objectName: a\n  secretPath: "secret\\/data"\n')).toEqual(['is not YAML (line 2: found unknown escape character)', true]);
    expect(refusal('- objectName: a\n  secretPath:\n  :\n')).toEqual(['is not YAML (line 3: did not find expected key (a : with no key before it))', true]);
    // an indented list, then a line indented less: yaml.v3 reads the list alone (`:` there scans as a token, and fails
    // only when parsed), the audit what follows only when it is YAML by itself
    expect(refusal('  - objectName: a\n:\n')).toEqual([
      'is not YAML (line 2: did not find expected key (a : with no key before it)): gopkg.in/yaml.v3 reads the list before line 2, indented further '
        + 'than that line, as the whole text and scans what follows only as far as its next token; the audit reads what follows only when it is YAML '
        + 'by itself (remove it)', true,
    ]);
    // a flow list that is the whole text, then more: what follows is read by itself, or as libyaml scans it
    expect(refusal('[{objectName: a}] ]\n')).toEqual([
      'is not YAML (line 1: Unexpected flow-seq-end token in YAML document: "]"): gopkg.in/yaml.v3 reads the flow collection before it as the whole '
        + 'text and scans what follows only as far as its next token; the audit reads what follows only when it is YAML by itself (remove it)', true,
    ]);
    expect(refusal('[{objectName: a}] x: y\n')).toEqual([
      'is not YAML (line 1: did not find expected key (the flow collection before it is taken as a key, and what follows it is no value))', false,
    ]);
    expect(refusal('[{objectName: a}] - b\n')).toEqual(['is not YAML (line 1: block sequence entries are not allowed in this context)', false]);
    expect(refusal('[{objectName: a}]\n\tx\n')).toEqual(['is not YAML (line 2: found character that cannot start any token)', false]);
    expect(refusal('- {objectName: x?}\n')).toEqual([
      'is not YAML (line 1: did not find expected \',\' or \'}\' (a ? inside a plain scalar of a flow collection ends it))', true,
    ]);
    // LS and PS inside a scalar: yaml.v3 keeps them in the value
    expect(refusal('- objectName: a\n  secretPath: "a\u2028  b"\n')).toEqual([
      'continues a scalar over a line ended by LS (U+2028, \\L) (line 2), which gopkg.in/yaml.v3 keeps in the value where a line feed would be '
        + 'folded or kept as one; the audit does not follow it (write the value on one line, or with \\n)', true,
    ]);
    // lines counted as yaml.v3 counts them: NEL, LS and PS end one
    expect(refusal('- objectName: a\u2028  objectName: b\n')).toEqual([
      'writes a key twice in one mapping (line 2), which gopkg.in/yaml.v3 refuses ("mapping key … already defined")', false,
    ]);
    const laughs = ['a: &a [x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} `
      + `[${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)];
    expect(refusal(`- objectName: x\n  secretArgs:\n${laughs.map((l) => `    ${l}\n`).join('')}`)).toEqual([
      'expands so many aliases that gopkg.in/yaml.v3 refuses it ("document contains excessive aliasing")', false,
    ]);
  });
});

describe('secretArgsRefusal', () => {
  /**
   * secretArgs texts and the error Go's json.Marshal returned for the map gopkg.in/yaml.v3 v3.0.1 decoded them into (a Go
   * program with the providers' Secret printed both), with where the first value it cannot encode is and how it is written.
   */
  const JSON_ERRORS: ReadonlyArray<readonly [string, string | undefined, string | undefined, string | undefined]> = [
    ['{x: .inf, y: .nan}', 'json: unsupported value: +Inf', 'secretArgs.x', '.inf'],
    ['{a: {1: x}, b: -.inf}', 'json: unsupported type: map[interface {}]interface {}', 'secretArgs.a', '1'],
    ['{b: [1, {~: 2}], a: .NaN}', 'json: unsupported value: NaN', 'secretArgs.a', '.NaN'],
    ['{t: 2001-12-14, b: !!binary aGk=}', undefined, undefined, undefined],
    ['{<<: {z: .inf}, z: 1, "é": {k: [.Inf]}, "Z": 1}', 'json: unsupported value: +Inf', 'secretArgs["é"].k[0]', '.Inf'],
    ['{<<: {z: .inf}, y: 1}', 'json: unsupported value: +Inf', 'secretArgs.z', '.inf'],
    ['{x: &a {k: -.inf}, "a b": *a}', 'json: unsupported value: -Inf', 'secretArgs["a b"].k', '-.inf'],
    ['{x: {<<: {1: 2}, "k": 1}}', undefined, undefined, undefined],
    ['{x: {!!str 1: .inf}}', 'json: unsupported value: +Inf', 'secretArgs.x["1"]', '.inf'],
    ['{~: .inf}', undefined, undefined, undefined],
    ['{x: {~: 1}}', 'json: unsupported type: map[interface {}]interface {}', 'secretArgs.x', '~'],
    // a float out of range is a string to yaml.v3
    ['{x: 1e999, y: [-1e999]}', undefined, undefined, undefined],
  ];

  test.each(JSON_ERRORS)('secretArgs: %s', (args, error, path, written) => {
    const reading = readProviderObjects(`- objectName: a\n  secretArgs: ${args}\n`);
    const refused = 'objects' in reading ? reading.objects[0].secretArgsRefusal : undefined;
    const told = refused === undefined ? undefined : [refused.error, refused.path, refused.written];
    expect(told).toEqual(error === undefined ? undefined : [error, path, written]);
  });

  test('what each is, in the words of the findings', () => {
    const what = (args: string) => {
      const reading = readProviderObjects(`- objectName: a\n  secretArgs: ${args}\n`);
      return 'objects' in reading ? reading.objects[0].secretArgsRefusal?.what : undefined;
    };
    expect(what('{a: -.inf}')).toBe('the float -Inf, which JSON has no number for');
    expect(what('{a: {true: 1}}'))
      .toBe('a mapping with a key that is not a string, which gopkg.in/yaml.v3 decodes into a map[interface{}]interface{} and JSON has no object for');
  });
});

describe('fileModeRefusal', () => {
  test('what gopkg.in/yaml.v3 decodes into an os.FileMode (a uint32): unset, null, 0 to 2^32-1 with a fraction dropped', () => {
    for (const v of [undefined, null, 0, -0.5, 0o644, 420.9, 0xffffffff, 0xffffffff + 0.5]) expect(fileModeRefusal(v)).toBeUndefined();
    expect(fileModeRefusal(-1)).toBe('is negative');
    expect(fileModeRefusal(2 ** 32)).toBe('is larger than 4294967295 (0o37777777777)');
    expect(fileModeRefusal(Infinity)).toBe('is not a finite number');
  });
});
