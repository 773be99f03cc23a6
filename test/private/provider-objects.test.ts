import { fileModeRefusal, ProviderObject, readProviderObjects } from '../../src/private/provider-objects';

/**
 * Texts and what gopkg.in/yaml.v3 v3.0.1's `yaml.Unmarshal` makes of them into the providers' `[]Secret` (hashicorp/vault-csi-provider
 * v1.7.4 internal/config), as a Go program with that struct printed them: the objects (empty strings, a 0 mode and a nil secretArgs
 * left out), or the error it returned.
 */
const DECODED: ReadonlyArray<readonly [string, ReadonlyArray<Record<string, unknown>> | string]> = [
  ['- objectName: 0640\n', [{ objectName: '0640' }]],
  ['- objectName: true\n  secretPath: null\n  secretKey: ~\n  method: ""\n', [{ objectName: 'true' }]],
  ['- objectName: "0640"\n  secretPath: 0x1F\n  secretKey: 1e3\n  method: .inf\n  encoding: .nan\n', [{ objectName: '0640', secretPath: '0x1F', secretKey: '1e3', method: '.inf', encoding: '.nan' }]],
  ['- objectName: a\n  filePermission: .inf\n', 'line 2: cannot unmarshal !!float `.inf` into fs.FileMode'],
  ['- objectName: a\n  secretArgs: {x: .inf}\n', [{ objectName: 'a', secretArgs: true }]],
  ['- objectName: [a]\n', 'line 1: cannot unmarshal !!seq into string'],
  ['- objectName: {a: 1}\n', 'line 1: cannot unmarshal !!map into string'],
  ['- objectName: a\n  unknown: 1\n', [{ objectName: 'a' }]],
  ['- objectName: a\n  objectName: b\n', 'line 2: mapping key "objectName" already defined at line 1'],
  ['- objectName: a\n  unknown: 1\n  unknown: 2\n', 'line 3: mapping key "unknown" already defined at line 2'],
  ['- &x objectName: a\n- objectName: *x\n', [{ objectName: 'a' }, { objectName: 'objectName' }]],
  ['- &e {objectName: a, secretPath: p}\n- <<: *e\n  objectName: b\n', [{ objectName: 'a', secretPath: 'p' }, { objectName: 'b', secretPath: 'p' }]],
  ['- objectName: b\n  <<: {objectName: a, secretPath: p}\n', [{ objectName: 'b', secretPath: 'p' }]],
  ['- <<: [{objectName: a}, {objectName: c, secretPath: q}]\n', [{ objectName: 'a', secretPath: 'q' }]],
  ['- objectName: !!int 12\n', [{ objectName: '12' }]],
  ['- objectName: !!binary aGVsbG8=\n', [{ objectName: 'hello' }]],
  ['- objectName: 2001-12-14\n', [{ objectName: '2001-12-14' }]],
  ['- objectName: 1_000\n', [{ objectName: '1_000' }]],
  ['- objectName: |\n    abc\n', [{ objectName: 'abc\n' }]],
  ['- objectName: ""\n', [{}]],
  ['- objectName: !!null x\n', 'yaml: cannot decode !!str `x` as a !!null'],
  ['- objectName: null\n', [{}]],
  ['- objectName: a\n  filePermission: 0640\n', [{ objectName: 'a', filePermission: 416 }]],
  ['- objectName: a\n  filePermission: "0640"\n', 'line 2: cannot unmarshal !!str `0640` into fs.FileMode'],
  ['- objectName: a\n  filePermission: 0o640\n', [{ objectName: 'a', filePermission: 416 }]],
  ['- objectName: a\n  filePermission: 1e3\n', [{ objectName: 'a', filePermission: 1000 }]],
  ['- objectName: a\n  filePermission: 420.9\n', [{ objectName: 'a', filePermission: 420 }]],
  ['- objectName: a\n  filePermission: true\n', 'line 2: cannot unmarshal !!bool `true` into fs.FileMode'],
  ['- objectName: a\n  filePermission: null\n', [{ objectName: 'a' }]],
  ['- objectName: a\n  secretArgs: x\n', 'line 2: cannot unmarshal !!str `x` into map[string]interface {}'],
  ['- objectName: a\n  secretArgs: null\n', [{ objectName: 'a' }]],
  ['- objectName: a\n  secretArgs: [1]\n', 'line 2: cannot unmarshal !!seq into map[string]interface {}'],
  ['- objectName: a\n  secretArgs: {1: 2}\n', [{ objectName: 'a', secretArgs: true }]],
  ['- objectName: yes\n  secretKey: on\n  method: Off\n', [{ objectName: 'yes', secretKey: 'on', method: 'Off' }]],
  ['- objectName: a\n  method: ! GET\n', [{ objectName: 'a', method: 'GET' }]],
  ['- objectName: a\n  method: !foo GET\n', [{ objectName: 'a', method: 'GET' }]],
  ['', []],
  ['null\n', []],
  ['~\n', []],
  ['[]\n', []],
  ['- null\n', []],
  ['- ~\n- objectName: a\n', [{ objectName: 'a' }]],
  ['- []\n', 'line 1: cannot unmarshal !!seq into main.Secret'],
  ['- a\n', 'line 1: cannot unmarshal !!str `a` into main.Secret'],
  ['objectName: a\n', 'line 1: cannot unmarshal !!map into []main.Secret'],
  ['- {objectName: a, objectName: a}\n', 'line 1: mapping key "objectName" already defined at line 1'],
  ['- objectName: a\n---\n- objectName: b\n', [{ objectName: 'a' }]],
  ['- objectName: 0b101\n  secretPath: -0\n  secretKey: +12\n  encoding: 0.50\n', [{ objectName: '0b101', secretPath: '-0', secretKey: '+12', encoding: '0.50' }]],
  ['- objectName: *nope\n', "yaml: unknown anchor 'nope' referenced"],
  ['- objectName: !!str [a]\n', 'line 1: cannot unmarshal !!str `` into string'],
  ['- objectName: !!float 1\n', [{ objectName: '1' }]],
  ['- objectName: !!bool x\n', 'yaml: cannot decode !!str `x` as a !!bool'],
  ['- objectName: !!int x\n', 'yaml: cannot decode !!str `x` as a !!int'],
  ['- objectName: a\n  x: {k: 1, k: 2}\n', [{ objectName: 'a' }]],
  ['- a: {k: 1, k: 2}\n', [{}]],
  ['- objectName: a\n  secretArgs: {k: 1, k: 2}\n', 'line 2: mapping key "k" already defined at line 2'],
  ['- objectName: a\n  secretArgs: {k: {z: 1, z: 2}}\n', 'line 2: mapping key "z" already defined at line 2'],
  ['- objectName: a\n  secretArgs: {k: {[a]: 1}}\n', 'yaml: invalid map key: []interface {}{"a"}'],
  ['- objectName: a\n  secretArgs: {[a]: 1}\n', 'line 2: cannot unmarshal !!seq into string'],
  ['- objectName: a\n  ? [a]\n  : 1\n', 'line 2: cannot unmarshal !!seq into string'],
  ['- objectName: a\n  ? [a]\n  : 1\n  ? [b]\n  : 2\n', 'line 4: mapping key "" already defined at line 2'],
  ['- objectName: a\n  !!binary b2JqZWN0TmFtZQ==: b\n', 'line 2: field objectName already set in type main.Secret'],
  ['- objectName: a\n  x: *nope\n', "yaml: unknown anchor 'nope' referenced"],
  ['- &a [*a]\n', 'line 1: cannot unmarshal !!seq into main.Secret'],
  ['- objectName: a\n  x: &a [*a]\n', [{ objectName: 'a' }]],
  ['- objectName: a\n  secretArgs: &a [*a]\n', 'line 2: cannot unmarshal !!seq into map[string]interface {}'],
  ['- objectName: a\n  <<: x\n', 'yaml: map merge requires map or sequence of maps as the value'],
  ['- objectName: a\n  <<: [x]\n', 'yaml: map merge requires map or sequence of maps as the value'],
  ['- objectName: a\n  <<: ~\n', 'yaml: map merge requires map or sequence of maps as the value'],
  ['- <<: {objectName: [a]}\n  objectName: b\n', [{ objectName: 'b' }]],
  ['- <<: {objectName: [a]}\n', 'line 1: cannot unmarshal !!seq into string'],
  ['- <<: {filePermission: "x"}\n  objectName: b\n', 'line 1: cannot unmarshal !!str `x` into fs.FileMode'],
  ['- <<: {filePermission: "x"}\n  objectName: b\n  filePermission: 0644\n', [{ objectName: 'b', filePermission: 420 }]],
  ['- objectName: a\n  filePermission: -0.5\n', [{ objectName: 'a' }]],
  ['- objectName: a\n  filePermission: -1\n', 'line 2: cannot unmarshal !!int `-1` into fs.FileMode'],
  ['- objectName: a\n  filePermission: -.inf\n', 'line 2: cannot unmarshal !!float `-.inf` into fs.FileMode'],
  ['- objectName: a\n  filePermission: 4294967295\n', [{ objectName: 'a', filePermission: 4294967295 }]],
  ['- objectName: a\n  filePermission: 4294967296\n', 'line 2: cannot unmarshal !!int `4294967296` into fs.FileMode'],
  ['- objectName: a\n  filePermission: !!int "0640"\n', [{ objectName: 'a', filePermission: 416 }]],
  ['- objectName: a\n  filePermission: !!float 0640\n', [{ objectName: 'a', filePermission: 416 }]],
  ['- objectName: a\n  filePermission: 2001-01-01\n', 'line 2: cannot unmarshal !!timestamp `2001-01-01` into fs.FileMode'],
  ['- objectName: a\n  filePermission: 0b101\n', [{ objectName: 'a', filePermission: 5 }]],
  ['- objectName: a\n  filePermission: 0o4755\n', [{ objectName: 'a', filePermission: 2541 }]],
  ['- objectName: a\n  filePermission: 0x800000\n', [{ objectName: 'a', filePermission: 8388608 }]],
  ['- objectName: a\n  filePermission: 1_0\n', [{ objectName: 'a', filePermission: 10 }]],
  ['- objectName: a\n  filePermission: .5e3\n', [{ objectName: 'a', filePermission: 500 }]],
  ['- objectName: a\n  filePermission: 08\n', [{ objectName: 'a', filePermission: 8 }]],
  ['- objectName: a\n  filePermission: !foo 12\n', 'line 2: cannot unmarshal !foo `12` into fs.FileMode'],
  ['- objectName: a\n  filePermission: ! 12\n', [{ objectName: 'a', filePermission: 12 }]],
  ['- objectName: a\n  filePermission: !!binary MTI=\n', 'line 2: cannot unmarshal !!binary `MTI=` into fs.FileMode'],
  ['- objectName: a\n  method: !!binary @@@\n', 'yaml: line 2: found character that cannot start any token'],
  ["- objectName: 'it''s'\n  secretPath: \"a\\tb\"\n  method: >\n    P\n    OST\n", [{ objectName: "it's", secretPath: 'a\tb', method: 'P OST\n' }]],
  ['- objectName: a\n  secretPath: secret/x\n  method: POST\n  objectName2: x\n', [{ objectName: 'a', secretPath: 'secret/x', method: 'POST' }]],
  ['- objectName: a\n  "<<": {method: POST}\n', [{ objectName: 'a' }]],
  ['- objectName: a\n  !!merge "<<": {method: POST}\n', [{ objectName: 'a', method: 'POST' }]],
  ['- objectName: a\n  <<: {method: POST}\n  <<: {method: PUT}\n', 'line 3: mapping key "<<" already defined at line 2'],
  ['- objectName: a\n  <<: [*x]\n', "yaml: unknown anchor 'x' referenced"],
  ['- &x {method: POST}\n- objectName: a\n  <<: [*x, {method: PUT, secretKey: k}]\n', [{ method: 'POST' }, { objectName: 'a', secretKey: 'k', method: 'POST' }]],
  ['- objectName: a\n  <<: {<<: {method: POST}, secretKey: k}\n', [{ objectName: 'a', secretKey: 'k', method: 'POST' }]],
  ['- objectName: ~\n- objectName: null\n', [{}, {}]],
  ['- objectName: a\n  secretArgs: {}\n', [{ objectName: 'a', secretArgs: true }]],
  ['- objectName: a\n  secretArgs: {<<: {a: 1}, a: 2}\n', [{ objectName: 'a', secretArgs: true }]],
  ['- objectName: a\n  secretArgs: {~: 1}\n', [{ objectName: 'a', secretArgs: true }]],
  ['- objectName: a\n  secretArgs: {k: !!int x}\n', 'yaml: cannot decode !!str `x` as a !!int'],
  ['- objectName: a\n  secretArgs: {k: .nan}\n', [{ objectName: 'a', secretArgs: true }]],
  ['- objectName: a\n  unknown: !!int x\n', [{ objectName: 'a' }]],
  ['- objectName: a\n  unknown: !!binary @@\n', 'yaml: line 2: found character that cannot start any token'],
  ['- objectName: 1\n  objectName: 1\n', 'line 2: mapping key "objectName" already defined at line 1'],
  ['- objectName: 1\n  "objectName": 1\n', 'line 2: mapping key "objectName" already defined at line 1'],
  ['- objectName: a\n  filePermission: [1]\n  method: [POST]\n', 'line 3: cannot unmarshal !!seq into string'],
  ['- objectName: a\n  filePermission: {a: 1, a: 2}\n', 'line 2: mapping key "a" already defined at line 2'],
  ['- *a\n', "yaml: unknown anchor 'a' referenced"],
  ['- objectName: !!str 0640\n  secretKey: !!timestamp 2001-01-01\n  encoding: !!float 12\n', [{ objectName: '0640', secretKey: '2001-01-01', encoding: '12' }]],
  ['- objectName: !!timestamp 12\n', 'yaml: cannot decode !!int `12` as a !!timestamp'],
  ['- objectName: !!float x\n', 'yaml: cannot decode !!str `x` as a !!float'],
  ['- objectName: 12345678901234567890123\n  secretPath: 0x_1F\n  secretKey: +.inf\n  method: -.INF\n', [{ objectName: '12345678901234567890123', secretPath: '0x_1F', secretKey: '+.inf', method: '-.INF' }]],
  ['- objectName: a\n  method: yes\n  secretKey: on\n', [{ objectName: 'a', secretKey: 'on', method: 'yes' }]],
  ['- objectName: a b\n  secretPath: "x"\n', [{ objectName: 'a b', secretPath: 'x' }]],
  ['[{objectName: a}, null, {objectName: b}]\n', [{ objectName: 'a' }, { objectName: 'b' }]],
  ['- !!null\n- objectName: a\n', [{ objectName: 'a' }]],
  ['- !!map {objectName: a}\n', [{ objectName: 'a' }]],
  ['- !!str {objectName: a}\n', [{ objectName: 'a' }]],
  ['- objectName: !!seq [a]\n', 'line 1: cannot unmarshal !!seq into string'],
  ['""\n', 'line 1: cannot unmarshal !!str `` into []main.Secret'],
  ['0\n', 'line 1: cannot unmarshal !!int `0` into []main.Secret'],
  ['---\n- objectName: a\n', [{ objectName: 'a' }]],
  ['# only\n', []],
  ['- objectName: a\n  filePermission: 0640\n  filePermission: 0640\n', 'line 3: mapping key "filePermission" already defined at line 2'],
  ['- ? objectName\n  : a\n', [{ objectName: 'a' }]],
  ['- {objectName: a, secretArgs: {x: [1, {y: 2}]}}\n', [{ objectName: 'a', secretArgs: true }]],
  ['- objectName: a\n  secretArgs: {x: {1: 2}}\n', [{ objectName: 'a', secretArgs: true }]],
  ['- objectName: a\n  secretArgs: {x: {[1]: 2}}\n', 'yaml: invalid map key: []interface {}{1}'],
  ['- objectName: a\n  secretArgs: {x: {~: 2, null: 3}}\n', [{ objectName: 'a', secretArgs: true }]],
  ['- objectName: a\n  secretArgs: {x: {1: 2, "1": 3}}\n', 'line 2: mapping key "1" already defined at line 2'],
  ['- objectName: a\n  secretArgs: {x: {1: 2, 0x1: 3}}\n', [{ objectName: 'a', secretArgs: true }]],
  // NEL, LS and PS end a line for yaml.v3 (a YAML 1.1 scanner), as a double-quoted `objects` written with \N, \L or \P gives them
  ['- objectName: a\u0085  secretPath: secret/data/a\u0085  secretKey: v\u0085  encoding: hex', [{ objectName: 'a', secretPath: 'secret/data/a', secretKey: 'v', encoding: 'hex' }]],
  ['- objectName: a\n  secretPath: secret/data/a\n  secretKey: v\n  encoding: base64\u2028', [{ objectName: 'a', secretPath: 'secret/data/a', secretKey: 'v', encoding: 'base64' }]],
  ['- objectName: a\n  secretPath: secret/data/a\n  secretKey: v\n  encoding: base64\u2029', [{ objectName: 'a', secretPath: 'secret/data/a', secretKey: 'v', encoding: 'base64' }]],
  ['- objectName: a\n  secretPath: secret/data/a\n  secretKey: v\n  encoding: base64\u0085', [{ objectName: 'a', secretPath: 'secret/data/a', secretKey: 'v', encoding: 'base64' }]],
  ['- objectName: a\u2028  secretPath: secret/data/a\u2028  secretKey: v', [{ objectName: 'a', secretPath: 'secret/data/a', secretKey: 'v' }]],
  ['- objectName: a\n  secretPath: secret/data/a\n  secretKey: v\n  encoding: base\u2028  64', "line 5: could not find expected ':'"],
  ['- objectName: |\u0085    abc\u0085', [{ objectName: 'abc\n' }]],
  ['- objectName: a\u2028  objectName: b', 'line 2: mapping key "objectName" already defined at line 1'],
  ['- objectName: a\u2029- objectName: b\u2029  filePermission: 0640', [{ objectName: 'a' }, { objectName: 'b', filePermission: 416 }]],
  // lines of a quoted scalar or a flow collection indented no further than their key (libyaml's scanner does not look), tabs in
  // the blanks after a plain scalar's line, document markers inside a quoted scalar, an indented list ended by a line indented less
  ['- objectName: "base\n  64"\n', [{ objectName: 'base 64' }]],
  ['- objectName: "base\n64"\n', [{ objectName: 'base 64' }]],
  ["- objectName: 'base\n  64'\n", [{ objectName: 'base 64' }]],
  ["- objectName: 'base\n64'\n", [{ objectName: 'base 64' }]],
  ['- objectName: "base\n\t64"\n', [{ objectName: 'base 64' }]],
  ['- objectName: "base\n \t64"\n', [{ objectName: 'base 64' }]],
  ['- objectName: a\n  secretPath: "base\n  64"\n', [{ objectName: 'a', secretPath: 'base 64' }]],
  ['  - objectName: "base\n 64"\n', [{ objectName: 'base 64' }]],
  ['- objectName: "base\n\n  64"\n', [{ objectName: 'base\n64' }]],
  ['- objectName: "base\n  - 64"\n', [{ objectName: 'base - 64' }]],
  ['- objectName: "a\n  b\n c\nd"\n', [{ objectName: 'a b c d' }]],
  ['- objectName: base\n  64\n', "line 2: could not find expected ':'"],
  ['- objectName: base\n\t64\n', 'line 2: found a tab character that violates indentation'],
  ['- objectName: base\n   64\n', [{ objectName: 'base 64' }]],
  ['- {objectName: "base\n64"}\n', [{ objectName: 'base 64' }]],
  ['- {objectName: base\n64}\n', [{ objectName: 'base 64' }]],
  ['- {objectName: a,\nsecretPath: b}\n', [{ objectName: 'a', secretPath: 'b' }]],
  ['- {objectName: a\n\tb}\n', 'line 2: found a tab character that violates indentation'],
  ['- objectName: a\n  secretArgs: {x: [1,\n2]}\n', [{ objectName: 'a', secretArgs: true }]],
  ['- objectName: a\n  secretArgs:\n    x: "y\n  z"\n', [{ objectName: 'a', secretArgs: true }]],
  ['- ? objectName\n  : "base\n  64"\n', [{ objectName: 'base 64' }]],
  ['- objectName: &a "base\n  64"\n', [{ objectName: 'base 64' }]],
  ['- objectName: "a\\"\n---\nb"\n', 'line 2: found unexpected document indicator'],
  ['- objectName: "a\n...\nb"\n', 'line 2: found unexpected document indicator'],
  ['- objectName: "a\n---b"\n', [{ objectName: 'a ---b' }]],
  ['- secretArgs: {a\n  "}\n  objectName: x\n', [{ objectName: 'x', secretArgs: true }]],
  ['- objectName: x\n  method:  \n \t\n', 'line 3: found character that cannot start any token'],
  ['  - objectName: a\n  - objectName: b\nc: d\n', [{ objectName: 'a' }, { objectName: 'b' }]],
  ['  - objectName: a\n \t\n', 'line 2: found a tab character that violates indentation'],
  ['- objectName: a\n  secretPath:\n  :\n', 'line 2: did not find expected key'],
  // other tokens libyaml's scanner reads otherwise than YAML 1.2
  ['- objectName: a\n  secretArgs: {x: [a:, b]}\n', [{ objectName: 'a', secretArgs: true }]],
  ['- objectName: &a:b x\n', [{ objectName: ':b x' }]],
  ['- objectName: "a"#c\n', [{ objectName: 'a' }]],
  ['- objectName: a\n  secretArgs: {x: [!t,a b]}\n', [{ objectName: 'a', secretArgs: true }]],
  ['- objectName: |#c\n    x\n', [{ objectName: 'x\n' }]],
  // escapes as libyaml reads them: \' is ', \/ is none
  ['- objectName: "it\\\'s"\n', [{ objectName: "it's" }]],
  ['- objectName: a\n  secretPath: "secret\\/data\\/a"\n', 'line 2: found unknown escape character'],
  ['- objectName: |\n  \tx\n', 'line 2: found a tab character where an indentation space is expected'],
];

/** An object as the table writes it. */
function shown(o: ProviderObject): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of ['objectName', 'secretPath', 'secretKey', 'method', 'encoding'] as const) if (o[field] !== '') out[field] = o[field];
  if (o.filePermission !== 0) out.filePermission = o.filePermission;
  if (o.secretArgs) out.secretArgs = true;
  return out;
}

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
