/**
 * Generated `objects` texts of a Vault SecretProviderClass for test/conformance/provider-objects.test.ts: block and flow
 * lists at several indentations, every field and unknown, duplicate and non-string keys, plain, single- and
 * double-quoted scalars with escapes (`\\N \\L \\P \\/ \\'` among them), continuation lines indented less than their
 * key, tabs, block scalars, tags, anchors and aliases, flow collections, `.inf`/`.nan` and non-string keys in
 * secretArgs, other line breaks (NEL, LS, PS, CRLF), and text after the list.
 */
import * as fc from 'fast-check';


const PLAIN = ['a', 'secret/data/a', '0640', '0o644', '0x1F', '1e3', '.5e3', '420.9', '-1', '-0.5', '4294967296', '1_000', '08', '0b101',
  '.inf', '-.Inf', '+.INF', '.nan', '.NaN', '~', 'null', 'Null', '', 'true', 'yes', 'on', 'Off', '2001-12-14', 'a b', 'a #c', 'a#b', 'a:b',
  '12345678901234567890123', '-', '?x', 'x?', '!!int 12', '!!str 0640', '!!float 1', '!!binary aGk=', '!!null', '! GET', '!foo 12', '!!int x',
  '&x a', '*x', '&y 0644'];
const ESCAPES = ['\\t', '\\n', '\\N', '\\L', '\\P', '\\/', '\\x41', '\\u00e9', '\\U0001F600', "\\'", '\\"', '\\\\', '\\ ', '\\_', '\\0', '\\e',
  '\\\t', '\\q', '\\\n'];
const WORD = fc.constantFrom('a', 'b', 'x y', '0640', '.inf', '#', ': ', '- ', ',', ']', '}', '---', '...', '\t', ' ', 'é', '"', "'");
const FIELDS = ['objectName', '?objectName', 'secret?Key', 'secretPath', 'secretKey', 'method', 'encoding', 'filePermission', 'secretArgs'];

/** A scalar as written inline after a key at `indent` (the column the entry's keys start at), maybe over several lines. */
const scalarArb = (indent: number): fc.Arbitrary<string> => fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...PLAIN) },
  { weight: 2, arbitrary: fc.array(fc.oneof(WORD, fc.constantFrom(...ESCAPES)), { maxLength: 4 }).map((ws) => `"${ws.join('').replace(/"/g, '\\"')}"`) },
  { weight: 1, arbitrary: fc.array(fc.oneof(WORD, fc.constant("''")), { maxLength: 4 }).map((ws) => `'${ws.join('').replace(/(?<!')'(?!')/g, "''")}'`) },
  // continuation lines, indented further, as far as or less than the key, with tabs
  {
    weight: 2,
    arbitrary: fc.tuple(fc.constantFrom('"', "'", ''), fc.constantFrom('a', 'base', '0640'), fc.constantFrom('64', '- 64', 'b: c', '"', '', '#x'),
      fc.integer({ min: 0, max: indent + 3 }), fc.constantFrom('', '\t', ' \t', '\n')).map(([q, a, b, n, ws]) => `${q}${a}\n${' '.repeat(n)}${ws}${b}${q}`),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom('|', '>', '|-', '>+', '|2', '|#c'), fc.constantFrom('abc', ' x', '\tx', 'a\n\n b'), fc.integer({ min: 0, max: 4 }))
      .map(([h, body, extra]) => `${h}\n${body.split('\n').map((l) => `${' '.repeat(indent + extra)}${l}`).join('\n')}`),
  },
);

/** A flow collection of secretArgs-like values. */
const flowArb: fc.Arbitrary<string> = fc.letrec<{ flow: string; value: string }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('1', 'a', '.inf', '-.inf', '.nan', '.NaN', '~', 'true', '"x"', "'y'", '"\\N"', '1e999', '0x1F', '2001-12-14', '!!binary aGk=', '*x', '&x 1'),
    tie('flow')),
  flow: fc.oneof({ depthSize: 'small' },
    fc.array(fc.tuple(fc.constantFrom('k', 'x', '1', '~', 'true', '"a b"', '[a]', '<<', '? q', '0x1', '"1"', 'é', '.inf'), tie('value'), fc.constantFrom(', ', ',', ' ,', ',\n', ',\n\t', ',\n ')), { maxLength: 3 })
      .map((ps) => `{${ps.map(([k, v, sep], i) => `${k}: ${v}${i < ps.length - 1 ? sep : ''}`).join('')}}`),
    fc.array(tie('value'), { maxLength: 3 }).map((vs) => `[${vs.join(', ')}]`)),
})).flow;

/** One key of an entry, with its value, as block lines (the first after `- ` or the indentation, the others indented by `indent`). */
const pairArb = (indent: number): fc.Arbitrary<string> => fc.tuple(
  fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...FIELDS) }, { weight: 1, arbitrary: fc.constantFrom('unknown', '1', '~', 'true', '"objectName"', "'secretKey'", '!!str objectName', '? objectName\n' + ' '.repeat(indent), '<<', '[a]') }),
  fc.oneof({ weight: 5, arbitrary: scalarArb(indent) }, { weight: 2, arbitrary: flowArb },
    { weight: 1, arbitrary: fc.tuple(flowArb, fc.integer({ min: 0, max: 2 })).map(([f, n]) => `\n${' '.repeat(indent + n)}k: ${f}`) }),
  fc.constantFrom(' ', ' ', ' ', '\t', '  ', ' \t'),
).map(([k, v, sep]) => `${k}:${v.startsWith('\n') ? '' : sep}${v}`);

/** An entry of a block list at `indent`: its pairs, or another value. */
const entryArb = (indent: number): fc.Arbitrary<string> => fc.oneof(
  { weight: 8, arbitrary: fc.array(pairArb(indent + 2), { minLength: 1, maxLength: 4 }).map((ps) => ps.join(`\n${' '.repeat(indent + 2)}`)) },
  { weight: 2, arbitrary: flowArb },
  { weight: 1, arbitrary: fc.constantFrom('null', '~', 'a', '[]', '!!null', '&e {objectName: e}', '*e', '<<: *e') },
);

/** An `objects` text: a block list, a flow list maybe followed by more, or another value. */
export const textArb: fc.Arbitrary<string> = fc.oneof(
  // a block list
  {
    weight: 6,
    arbitrary: fc.integer({ min: 0, max: 3 }).chain((indent) => fc.tuple(fc.array(entryArb(indent), { minLength: 1, maxLength: 3 }),
      fc.constantFrom('\n', '\n', '\n', '\u0085', '\u2028', '\u2029', '\r\n'),
      fc.constantFrom('', '', '', '\n', 'x: y\n', '---\n- objectName: z\n', '  \t\n', '\t# c\n', ':\n', '...\n', '# c\n'))
      .map(([es, nl, tail]) => `${es.map((e) => `${' '.repeat(indent)}- ${e}`).join(nl).split('\n').join(nl)}${nl}${tail}`)),
  },
  // a flow list of flow mappings, maybe followed by more text
  {
    weight: 2,
    arbitrary: fc.tuple(fc.array(fc.tuple(fc.constantFrom(...FIELDS), fc.oneof(fc.constantFrom(...PLAIN.filter((p) => !p.includes('#'))), flowArb)), { maxLength: 3 }),
      fc.constantFrom('', '\n', ' x', ' x\n', '\n- a\n', ' # c', '\nfoo: bar', ' ]', ', x', '\n  more', '\t', ' {a: 1}', ' ---', '\n---\nx', ' x: y', ' "a: b"', ' - a', '\n\tx', ' [b]: c', ' ? x', ' #: c', '\r\n')).map(
      ([ps, tail]) => `[{${ps.map(([k, v]) => `${k}: ${v}`).join(', ')}}]${tail}`),
  },
  // anything else
  { weight: 1, arbitrary: fc.constantFrom('', '~', 'null', '[]', '{}', 'a', '0', '""', '# only', '---', '- ', '-', '[', '{objectName: a}') },
);
