/**
 * LS (U+2028) and PS (U+2029) are line breaks to kubectl's YAML parser (libyaml's rules in
 * go-yaml v2) and plain characters to YAML 1.2 parsers. The audit reads them as kubectl does
 * where one only ends a line, and refuses them wherever else kubectl would keep them in the
 * content or read another structure.
 */
import { parseManifests } from '../../src/cli/read-yaml';

const read = (text: string) => parseManifests(text, 'f.yaml').map((m) => m.object);
const refusal = (text: string): string => {
  try {
    read(text);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('read');
};

describe('read as kubectl reads them', () => {
  test.each([
    ['a value that is only LS: null', 'kind: A\nx: \u2028\n', { kind: 'A', x: null }],
    ['a value that is only PS: null', 'kind: A\nx: \u2029\n', { kind: 'A', x: null }],
    ['LS after a value', 'kind: A\nx: v\u2028\n', { kind: 'A', x: 'v' }],
    ['LS after a quoted value', 'kind: A\nx: "v"\u2028\n', { kind: 'A', x: 'v' }],
    ['LS on a line of its own', 'kind: A\n\u2028\nx: v\n', { kind: 'A', x: 'v' }],
  ])('%s', (_name, text, object) => {
    expect(read(text)).toEqual([object]);
  });
});

describe('refused where kubectl keeps them in the content or reads another structure', () => {
  test.each([
    ['inside a plain scalar', 'kind: A\nx: a\u2028b\n'],
    ['inside a double-quoted scalar', 'kind: A\nx: "a\u2028b"\n'],
    ['inside a single-quoted scalar', "kind: A\nx: 'a\u2029b'\n"],
    ['inside a block scalar', 'kind: A\nx: |\n  a\u2028\n  b\n'],
    ['between the lines of a plain scalar', 'kind: A\nx: a\u2028\n  b\n'],
    ['ending a comment', 'kind: A # note\u2028privileged: true\n'],
  ])('%s', (_name, text) => {
    expect(refusal(text)).toMatch(/^f\.yaml:\d+:\d+: invalid YAML: U\+202[89] \((line|paragraph) separator\) is a line break to kubectl's YAML parser; use \\n, or \\L and \\P in a double-quoted string$/);
  });
});
