import * as YAML from 'yaml';
import { scalarSourceOffset } from '../../src/cli/scalar-source';

/**
 * `v`'s value in `text` as the yaml package reads it, where its scalar starts, and where in the text `word`'s
 * `nth` occurrence in the value is placed (undefined when it is not): the column on its line and the text there.
 */
function placed(text: string, word: string, nth = 0): { readonly line: number; readonly rest: string } | undefined {
  const value = YAML.parse(text).v as string;
  const start = text.indexOf('v:') + 'v:'.length + 1;
  let index = value.indexOf(word);
  for (let n = 0; n < nth; n++) index = value.indexOf(word, index + 1);
  expect(index).toBeGreaterThanOrEqual(0);
  const at = scalarSourceOffset(text, start, value, index);
  if (at === undefined) return undefined;
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  return { line, rest: text.slice(at, at + word.length) };
}

describe('scalarSourceOffset', () => {
  test('a literal block scalar: each line where it is written, its indentation removed (CRLF too)', () => {
    const text = 'v: |\n  - objectName: a\n    secretPath: /\n\n  - objectName: b\n    secretPath: /\n';
    expect(placed(text, 'secretPath')).toEqual({ line: 3, rest: 'secretPath' });
    expect(placed(text, 'secretPath', 1)).toEqual({ line: 6, rest: 'secretPath' });
    expect(placed(text.replace(/\n/g, '\r\n'), 'secretPath', 1)).toEqual({ line: 6, rest: 'secretPath' });
    expect(placed('v: !!str |-\n  - a: 1\n  - b: 2\n', 'b: 2')).toEqual({ line: 3, rest: 'b: 2' });
  });

  test('a folded block scalar: lines folded into one are each placed where they are written', () => {
    const text = 'v: >\n  [{objectName: a, secretPath:\n  /, secretKey: k},\n\n  {objectName: b,\n    encoding: gzip}]\n';
    expect(YAML.parse(text).v).toBe('[{objectName: a, secretPath: /, secretKey: k},\n{objectName: b,\n  encoding: gzip}]\n');
    expect(placed(text, 'secretKey')).toEqual({ line: 3, rest: 'secretKey' });
    expect(placed(text, 'objectName', 1)).toEqual({ line: 5, rest: 'objectName' });
    expect(placed(text, 'encoding')).toEqual({ line: 6, rest: 'encoding' });
  });

  test('a double-quoted scalar: characters written as themselves, past escapes and folded line breaks', () => {
    const text = 'v: "- objectName: \\"/etc\\"\\n  secretPath: \\x2f\\n\\\n  - objectName: b\\n  encoding: \\"gz\\u0069p\\"\n  x"\n';
    expect(YAML.parse(text).v).toBe('- objectName: "/etc"\n  secretPath: /\n- objectName: b\n  encoding: "gzip" x');
    expect(placed(text, 'secretPath')).toEqual({ line: 1, rest: 'secretPath' });
    expect(placed(text, 'objectName', 1)).toEqual({ line: 2, rest: 'objectName' });
    expect(placed(text, 'encoding')).toEqual({ line: 2, rest: 'encoding' });
    // a character an escape or a fold makes is written as no character of its own
    expect(placed(text, '"/etc"')).toBeUndefined();
    expect(placed(text, 'ip"')).toBeUndefined();
    expect(placed(text, ' x')).toBeUndefined();
    expect(placed(text, 'x')).toEqual({ line: 3, rest: 'x' });
    // an astral character is two code units, each written in its place
    expect(placed('v: "a\\u00e9 \u{1F511} k: v"\n', 'k: v')).toEqual({ line: 1, rest: 'k: v' });
  });

  test('a single-quoted scalar: \'\' is a quote, a blank line a line break', () => {
    const text = 'v: \'[{objectName: it\'\'s},\n\n  {objectName: b, secretPath: /}]\'\n';
    expect(YAML.parse(text).v).toBe('[{objectName: it\'s},\n{objectName: b, secretPath: /}]');
    expect(placed(text, 'secretPath')).toEqual({ line: 3, rest: 'secretPath' });
  });

  test('not placed: a plain scalar, an explicit indentation indicator, an alias, a value the scalar does not read as', () => {
    expect(placed('v: a b\n', 'b')).toBeUndefined();
    expect(placed('v: |2\n   - a: 1\n', '- a')).toBeUndefined();
    expect(placed('w: &x "a: 1"\nv: *x\n', 'a')).toBeUndefined();
    expect(scalarSourceOffset('v: "a: 1"\n', 3, 'a: 2', 0)).toBeUndefined();
    expect(scalarSourceOffset('v: |\n  a: 1\n  b: 2\n', 3, 'a: 1\nc: 2\n', 5)).toBeUndefined();
  });
});
