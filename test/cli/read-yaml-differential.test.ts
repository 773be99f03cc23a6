/**
 * The audit's reader against kubectl's own reading of the same bytes (conformance/cmd/kubectl-read:
 * k8s.io/cli-runtime's resource builder as `kubectl apply -f` runs it). For every file, either
 * both read the same objects, or kubectl fails and the audit refuses the file (or skips it with a
 * notice when kubectl sends nothing from it). A fixed corpus of tricky spellings, then generated
 * files (fast-check, seed printed; PROPERTY_SEED and PROPERTY_RUNS choose others).
 *
 * All files of a test are read by one kubectl-read process.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import * as fc from 'fast-check';
import { InputError, readManifests } from '../../src/cli/read-yaml';
import { describeWithKubectlRead, KubectlRead, kubectlRead } from '../helpers/kubectl-read';

/**
 * Where the audit is stricter than kubectl on purpose (a safe difference: the file is refused,
 * not read otherwise): invalid UTF-8, which kubectl reads as U+FFFD; keys kubectl keeps one of at
 * random; what follows a flow collection that is a whole document (kubectl reads it no further
 * than its first token); a byte order mark before a document's content (text to kubectl).
 */
const DELIBERATE_REFUSALS: RegExp[] = [
  /: invalid UTF-8 \(byte 0x[0-9a-f]{2}\)$/,
  // two keys that are one key in JSON (1 and "1", 1.0 and 1, y and "true"): which value kubectl
  // sends depends on Go's map order, a different one from one run to the next
  /, and kubectl keeps one of them at random$/,
  // a `?` in a plain scalar of a flow collection, which libyaml takes as a key indicator and YAML 1.2 parsers as text:
  // the audit refuses it (quote it) where kubectl reads a key (`[a?b]`, `{?: x}` replaced by a later duplicate key)
  /: a \? in a plain scalar of a flow collection is a key indicator to go-yaml, which reads the scalar otherwise \(quote it\)$/,
  // what follows a flow collection that is a whole document, which kubectl scans only as far as
  // its next token and the audit reads only as a YAML document by itself
  // a byte order mark before a document's content, where go-yaml reads it as text and YAML 1.2
  // parsers skip it (before a quote, an anchor or a tag, the audit does not read it either way)
  /: a byte order mark \(U\+FEFF\) before the document's content is no blank to kubectl's YAML parser, which reads it as text \(a plain scalar's first character\): remove it$/,
  /; the audit reads what follows only when it is a YAML document by itself \(remove it, or put a --- line before it\)$/,
  // an object of a kind that does not end in List with `items`: a list to kubectl, the object to Pipelines-as-Code and kustomize
  /: a \w+ with an `items` key: kubectl reads a document with `items` as a List, whatever its kind, /,
];

/** -0 and 0 as one (an integer -0 is 0 to encoding/json, and no rule tells them apart). */
function withoutNegativeZero(v: unknown): unknown {
  if (Object.is(v, -0)) return 0;
  if (Array.isArray(v)) return v.map(withoutNegativeZero);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withoutNegativeZero(x)]));
}

/** How the files of a run compared. */
interface Tally {
  /** Read alike, with at least one object. */
  same: number;
  /** Read alike, no object (empty files, null documents). */
  empty: number;
  /** kubectl fails, the audit refuses the file or skips it with a notice. */
  refused: number;
  /** The audit refuses on purpose what kubectl reads (DELIBERATE_REFUSALS). */
  deliberate: number;
  differences: string[];
}

/** One file's comparison: undefined when the audit reads it as kubectl does, else what differs. */
function difference(file: string, kubectl: KubectlRead, tally: Tally): string | undefined {
  let read;
  try {
    read = readManifests([file]);
  } catch (e) {
    if (!(e instanceof InputError)) return `the audit crashes: ${(e as Error).stack}`;
    if (kubectl.errors.length > 0) {
      tally.refused++;
      return undefined;
    }
    if (DELIBERATE_REFUSALS.some((r) => r.test(e.message))) {
      tally.deliberate++;
      return undefined;
    }
    return `the audit refuses it (${e.message}), kubectl reads ${JSON.stringify(kubectl.objects)}`;
  }
  const objects = read.objects.map((o) => o.object);
  if (kubectl.errors.length > 0) {
    // kubectl sends nothing from the file: a notice is as good as a refusal
    if (kubectl.objects.length === 0 && objects.length === 0 && read.skipped.length === 1) {
      tally.refused++;
      return undefined;
    }
    return `the audit reads ${JSON.stringify(objects)}${read.skipped.length ? ' (skipped)' : ''}, kubectl fails: ${kubectl.errors.join('; ')}`
      + (kubectl.objects.length ? ` (and sends ${JSON.stringify(kubectl.objects)})` : '');
  }
  if (!isDeepStrictEqual(withoutNegativeZero(objects), withoutNegativeZero(kubectl.objects))) {
    return `the audit reads ${JSON.stringify(objects)}, kubectl ${JSON.stringify(kubectl.objects)}`;
  }
  if (objects.length > 0) tally.same++;
  else tally.empty++;
  return undefined;
}

/** Writes the inputs to files, reads them both ways; the differences, each with its input, and how the others compared. */
function compare(inputs: Array<string | Buffer>): Tally {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'read-yaml-diff-')));
  try {
    const files = inputs.map((input, i) => {
      const file = path.join(dir, `${String(i).padStart(4, '0')}.yaml`);
      fs.writeFileSync(file, input);
      return file;
    });
    const kubectl = kubectlRead(files);
    const tally: Tally = { same: 0, empty: 0, refused: 0, deliberate: 0, differences: [] };
    files.forEach((file, i) => {
      const d = difference(file, kubectl[i], tally);
      if (d !== undefined) tally.differences.push(`${JSON.stringify(Buffer.from(inputs[i]).toString('latin1'))}: ${d}`);
    });
    return tally;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------
// The corpus
// ---------------------------------------------------------------------------------------

const doc = (body: string, kind = 'ConfigMap'): string => `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: x\n${body}`;

/** Scalars whose YAML 1.1 and 1.2 readings differ, or that go-yaml v2 reads its own way. */
const SCALARS = [
  'yes', 'no', 'on', 'off', 'y', 'n', 'Y', 'N', 'Yes', 'NO', 'On', 'OFF', 'True', 'FALSE', 'yEs',
  '0o17', '0O17', '017', '08', '0x1F', '0X1f', '0x', '0b101', '-0b101', '0b-101', '+0x10', '0x_1F', '0b1_0',
  '.inf', '-.Inf', '+.INF', '.nan', '.NaN', 'inf', 'NaN',
  '1_000', '+_1', '1__0', '_1', '1_', '1_0.5', '.5_5', '._5', '1.', '.5', '-.5', '+.5', '1e3', '1E+3', '1.5e-3', '1e400', '12e', '1e', '-0', '-0.0', '+0',
  '1:20', '190:20:30', '-1:20', '1:20.5', '12:30:00',
  '2001-12-14', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10 -5', '2002-1-1', '2001-12-14T21:59:43Z',
  '~', 'null', 'Null', 'NULL', 'nULL', '', "''", '""',
  '9223372036854775807', '9223372036854775808', '-9223372036854775808', '-9223372036854775809', '18446744073709551615', '18446744073709551616',
  '123456789012345678', '0.1e1', '1.0', '100.0', '1e21', '1e-7', '0x1p-2', '<<', '=', '-', '?', ':', '@x', '`x',
  '!!str yes', '!!str 0x10', '!!int "12"', '!!int 1.5', '!!int 0o17', '!!float 1', '!!float "1.5"', '!!float 18446744073709551615',
  '!!bool Yes', '!!bool 1', '!!null ~', '!!null x', '!!timestamp 2001-12-14', '!!timestamp x', '!!binary aGVsbG8=', '!!binary aGVsbG8',
  '!!binary "aGVs\\nbG8="', '!!binary |\n    aGVs\n    bG8=', '!!binary /w==', '! yes', '!custom yes', '!!map {}', '!!seq []', '!!str', '!<tag:yaml.org,2002:str> 1',
  '"a\\tb\\x41\\u263A\\U0001F600\\N\\_\\L\\P\\e\\0\\ \\/"', '"\\\'"', "'it''s'", '"multi\n    line"', "'multi\n\n    line'",
  'a #b', 'a#b', 'a # b', '"q"#c', '[a, b]#c', 'plain\n    continued', 'a: b', '- a', '|\n    keep', '|-\n    strip\n\n', '|+\n    keep\n\n',
  '>\n    folded\n    text\n\n    more', '>-\n     indented\n    text', '|2\n     two\n    spaces', '|1-\n     one', '>+\n    x\n', '|\n  \n    after blank',
  '&a 1', '*unknown', '{a: 1, b: [x, y], c: {d: e}}', '{a":{b: 1}}', '{a":[1]}', '[a":b]', '{a:b}', '{"a":{"b": 1}}', "{a':[1]}", '[1, "2", yes, ~, {x: y}]', '{a, b: c}', '[a: b, c]', '{? a : b}', '[]', '{}',
];

/** Mapping keys read as something else than written. */
const KEYS = [
  'yes', 'y', 'n', 'on', 'No', 'true', '~', 'null', '""', "''", '1', '0x1F', '0777', '0o17', '1.5', '1.0', '123456789.0', '12456789.0', '1000000.0',
  '999999.0', '-1000000.0', '1e6', '100000.5', '1e-7', '-0.0', '.nan', '.inf',
  '9223372036854775807', '9223372036854775808', '2001-12-14', '"1"', '<<x', '!!str 1', '? a', '? [a, b]', '? {a: b}', '[a, b]', '{a: b}', '1:20',
  '"a\\u0000b"', '"\\u00e9"', 'é',
];

const CORPUS: Array<string | Buffer> = [
  ...SCALARS.map((s) => doc(`data:\n  v: ${s}\n`, 'Thing')),
  ...SCALARS.map((s) => doc(`data:\n  - ${s}\n`, 'Thing')),
  ...KEYS.map((k) => doc(`data:\n  ${k}: x\n`, 'Thing')),
  // the same, replaced by a later duplicate key: what go-yaml fails on while it parses or decodes stays
  // an error, what sigs.k8s.io/yaml refuses in the JSON it converts is gone
  ...SCALARS.map((s) => doc(`data:\n  v: ${s}\n  v: 1\n`, 'Thing')),
  ...KEYS.map((k) => doc(`data:\n  ${k}: x\ndata: 1\n`, 'Thing')),
  doc('data: {1: x, "1": y}\ndata: 1\n', 'Thing'), doc('data: {a: &a [*a]}\ndata: 1\n', 'Thing'), doc('data: {<<: x}\ndata: 1\n', 'Thing'),
  doc('data: {<<: [x]}\ndata: 1\n', 'Thing'), doc('data: {a: &a {b: 1}, <<: *a}\ndata: 1\n', 'Thing'),
  // a flow collection as a key of a flow mapping, with no `:` after it (a template's `{{ x }}`), or after a `:` (a value)
  ...['v: {{ body.x }}', 'v: {a: 1, {b: 2}}', 'v: {[b]}', 'v: {a: 1,\n  [b, c]}', 'v: {a: {y: 1}, z: [1]}', 'v: {a:\n    {b: 1}}',
    'v: [{b: 2}, {c: 3}]', 'v: {a: # c\n    {b: 1}}', 'v: {{a: 1}: 2}',
    // a null key of a flow mapping without a `:` after it, and null values
    'v: [{~}]', 'v: {a: ~, null}', 'v: {a: }', 'v: {a: , b: 1}', 'v: {a: null, b}'].map((d) => doc(`data:\n  ${d}\n`, 'Thing')),
  // after a JSON document, a YAML one that kubectl reads and the audit refuses on purpose
  '{"apiVersion": "v1", "kind": "Thing", "metadata": {"name": "j"}}\r\n---\r\n' + doc('data: {1: a, 1.0: b}\n', 'Thing'),
  // metadata as ObjectMeta decodes it
  ...['name: yes', 'name: 1', 'name: "1"', 'name: ~', 'name:', 'labels: {a: yes}', 'labels: {a: "yes"}', 'labels: {yes: a}', 'labels: {1: a}', 'labels: ~',
    'labels: []', 'annotations: {a: 1}', 'annotations: {a: !!str 1}', 'generation: "1"', 'generation: 1.0', 'generation: 1.5', 'generation: 0x10',
    'generation: 9223372036854775807', 'generation: 9223372036854775808', 'creationTimestamp: 2001-12-14', 'creationTimestamp: "2001-12-14"',
    'creationTimestamp: 2001-12-14T21:59:43Z', 'creationTimestamp: x', 'uid: 1', 'finalizers: [a, 1]', 'finalizers: a', 'ownerReferences: [{}]',
    'ownerReferences: [{controller: yes}]', 'managedFields: [{}]', 'deletionGracePeriodSeconds: 1e3', 'unknown: [1]', 'namespace: 0o17'].map((m) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  ${m}\n`),
  ...['apiVersion: 1', 'apiVersion: ~', 'apiVersion: [v1]', 'kind: 1', 'kind: yes', 'kind: ""', 'kind: [a]', 'apiVersion: v1\napiVersion: v2', 'kind: A\nkind: B',
    'metadata: []', 'metadata: x', 'metadata: ~'].map((l) => `apiVersion: v1\nkind: ConfigMap\n${l}\n`),
  // anchors, aliases, merge keys
  doc('base: &b {x: 1, y: 2}\ndata:\n  <<: *b\n  y: 3\n'),
  doc('base: &b {x: 1, y: 2}\ndata:\n  y: 3\n  <<: *b\n'),
  doc('a: &a {x: 1}\nb: &b {x: 2, z: 3}\ndata:\n  <<: [*a, *b]\n'),
  doc('a: &a {x: 1}\ndata:\n  <<: [*a, {y: 2}]\n'),
  doc('data:\n  <<: {x: 1}\n  <<: {y: 2}\n'),
  doc('data:\n  <<: [{x: 1}, {x: 2, y: 2}]\n  x: 0\n'),
  doc('a: &a [1, 2]\ndata:\n  <<: *a\n'),
  doc('a: &a x\ndata:\n  <<: *a\n'),
  doc('data:\n  <<: ~\n'),
  doc('data:\n  "<<": {x: 1}\n'),
  doc('data:\n  !!merge <<: {x: 1}\n'),
  doc('data:\n  <<: !!map {x: 1}\n'),
  doc('a: &a {x: &b 1}\ndata: {v: *b, w: *a}\n'),
  doc('data: &d {x: 1}\nmore: *d\n'),
  doc('data:\n  &k key: v\n  other: *k\n'),
  doc('data:\n  a: &x\n  b: *x\n'),
  doc('data:\n  a: &x 1\n  a: &x 2\n  b: *x\n'),
  doc('a: &a {x: 1}\ndata:\n  <<: *a\n  <<: {x: 2}\n'),
  doc('a: &a {x: {y: 1}}\ndata:\n  <<: *a\n  x: {z: 2}\n'),
  // what go-yaml's parser fails on stays refused when a later duplicate key replaces it; what
  // sigs.k8s.io/yaml refuses afterwards (a null key) does not
  ...['[?]', '[? ]', '[?, a]', '[a, ?]', '[? : b]', '[:]', '[: b]', '[a, :]', '[:b]', '[a: 1, : b]', '{: b}', '{a: 1, :}', '[ : ]', '[a, {: b}]', '{a: [:]}',
    '[?\n  ]', '[? # c\n  ]', '{?}', '{? : b}', '[? &x]', '[!!str :]', '[? a]', '[?a]', '[? a : b]', '["a", ? ]', "['a:', : b]", '[a:, b]', '{"a": :}',
    '[a #c\n  , : b]', '{a: b, ? : c}', '[x, ?, :]', '[?, :]', '[?, ]', '[?, :, y]', '[?, : v]', '[?, : v, w]', '[? :]', '[?, y]', '[?, : :]', '[[?], y]', '[a", ? ]', '[a", ?b]', '[!!str "a, ?", "b"]', '{"a": "b, [", c: "?"}', '\n    : b', '\n    ? \n    : b', '[{a: 1}, : ]'].flatMap((v) => [doc(`data:\n  a: ${v}\n  a: 1\n`), doc(`data:\n  a: ${v}\n`)]),
  // duplicate keys
  doc('data: {a: 1, a: 2}\n'),
  doc('data:\n  a: 1\n  a: [2]\n'),
  doc('data:\n  1: a\n  "1": b\n'),
  doc('data:\n  yes: a\n  true: b\n'),
  doc('data:\n  y: a\n  "true": b\n'),
  doc('data:\n  0x10: a\n  16: b\n'),
  doc('data:\n  1.0: a\n  1: b\n'),
  'apiVersion: v1\nkind: ConfigMap\nkind: Secret\nmetadata: {name: x}\n',
  'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\nmetadata: {name: y}\n',
  // documents
  '', '\n', '# only a comment\n', '---\n', '---\n---\n', '...\n', 'null\n', '~\n', '---\nnull\n---\n',
  `---\n${doc('')}`, `${doc('')}---\n`, `${doc('')}...\n`, `${doc('')}...\n---\n${doc('', 'Secret')}`,
  `${doc('')}--- # c\n${doc('', 'Secret')}`, `${doc('')}---x\n${doc('', 'Secret')}`, `${doc('')}--- x\n${doc('', 'Secret')}`, `${doc('')}---\t\n${doc('', 'Secret')}`,
  `${doc('')}  ---\n${doc('', 'Secret')}`, `${doc('')}...x\n`, `${doc('')}... # c\n${doc('', 'Secret')}`,
  `%YAML 1.1\n---\n${doc('')}`, `%YAML 1.2\n---\n${doc('')}`, `%YAML 1.1\n${doc('')}`, `%TAG !e! tag:example.com,2000:\n---\n${doc('data: {a: !e!x 1}\n')}`,
  `%FOO bar\n---\n${doc('')}`, `--- !!map\n${doc('')}`, `--- |\n  text\n---\n${doc('')}`, `${doc('')}---\n- a\n`, `${doc('')}---\nplain\n`,
  `${doc('')}---\n${doc('', 'Secret')}---\n\n---\n# c\n---\n~\n`,
  'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n--- \n---\t# c\n',
  // BOM, CRLF, CR, tabs, odd spaces
  `\ufeff${doc('data: {a: b}\n')}`, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), Buffer.from(doc(''))]),
  Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(doc('data: {a: é}\n'), 'utf16le')]),
  Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(doc('data: {a: b}\n'), 'utf16le').swap16()]),
  Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(doc(''), 'utf16le'), Buffer.from([0x41])]),
  doc('data: {a: b}\n').replace(/\n/g, '\r\n'), `${doc('')}---\r\n${doc('', 'Secret')}`.replace(/\n/g, '\r\n'), doc('data:\n  a: |\n    x\r\n    y\n'),
  doc('data:\n  a: "x\r\n    y"\n'), doc('data:\n  a: b\rc: d\n'), doc('data:\n  a:\tb\n'), doc('data:\n\ta: b\n'), doc('data:\n  a: b\t\n'), doc('data:\n  a: [b,\tc]\n'),
  doc('data:\n  a: b \n'), doc('data:\n  a: "b\tc"\n'), doc('data:\n  a: b\u00a0c\n'), doc('data:\n  a: b\u0085c\n'), doc('data:\n  a: b\u2028c\n'),
  doc('data:\n  a:\u00a0b\n'), doc('data:\n  a: b\v\n'), doc('data:\n  a: "\u0001"\n'), doc('data:\n  a: \u0001\n'), doc('data:\n  a: \ufeffb\n'),
  doc('data:\n  a: b\n\ufeff'), doc('data:\n  a: b\n# c\ufeff\n'), doc('data:\n  a: "\ud7ff\ue000\ufffd"\n'), doc('data:\n  a: \ufffe\n'),
  `${doc('')}\n\n\n`, `${doc('')}`.slice(0, -1), `   \n${doc('')}`, `\t\n${doc('')}`,
  // tabs in the indentation of a line: libyaml skips only spaces where a token may start a line
  ...['\t\n', ' \t\n', '\t# c\n', '  \t\n', '    \t\n', '\t  x\n', '    \tx\n'].flatMap((line) => [
    `${line}${doc('data:\n  a: b\n')}`, doc(`data:\n  a: b\n${line}  c: d\n`), doc(`data:\n  a: b # c\n${line}  c: d\n`), doc(`data:\n  a: "b"\n${line}  c: d\n`),
    doc(`data:\n  a:\n${line}    b\n`), doc(`data:\n  - a\n${line}  - b\n`), doc(`data: {a: b,\n${line} c: d}\n`), doc(`data:\n  a: |\n    b\n${line}  c: d\n`),
    doc(`data:\n  a: "b\n${line}  c"\n`), doc(`data:\n  a: &x 1\n  b: *x\n${line}`), `${doc('')}---\n${line}`, `${doc('data:\n  a: b\n')}${line}`, doc(`data:\n  ? a\n${line}  : b\n`),
  ]),
  // tabs after an explicit key's ? or its value's :, verbatim tags
  ...['  ?\ta\n  : b\n', '  ? \ta\n  : b\n', '  - ?\ta\n', '  ? a\n  :\tb\n', '  ?\n  :\t\n    b\n', '  a:\tb\n', '  - a:\tb\n', '  ? a\n  : \tb\n'].map((d) => doc(`data:\n${d}`)),
  ...['!<tag:a#b>', '!<tag:a,b>', '!<tag:a%20b>', '!<!foo>', '!<tag:a b>', '!<tag:a"b>', '!<tag:a{b>', '!<tag:a[b]>', '!<>', '!<tag:yaml.org,2002:int>'].map((t) => doc(`data:\n  a: ${t} 1\n`)),
  // tags as libyaml scans them: a handle is `!`, `!!` or `!name!` (letters, digits, - and _), the
  // rest of the tag its suffix, where a `!` is a character like any other; `!<!>` is the `!` tag
  ...['!~!str', '!a~!b', '!!!x', '!!a!b', '!!str!', '!!int! 1', '!.!', '!<!>', '!<!> <<', '!a!b', '!-!x', '!x!!', '!a!', '!!'].map((t) => doc(`data:\n  a: ${t} 1\n  b: [${t} x, y]\n`)),
  doc('data:\n  !<!> <<: {x: 1}\n'), doc('data: !~!map\n  a: !.! yes\n'),
  // what follows a flow collection over lines on its last line
  doc('data:\n  b: {\n    c: d\n  }  e: f\n'), doc('data:\n  b: {\n    c: d\n  }  "e": f\n'), doc('data:\n  - [\n    c\n  ]  - e\n'), doc('data:\n  b: {\n    c: d\n  }  # c\n  e: f\n'),
  doc('data:\n  ? [\n    c\n  ]  : f\n'), doc('data: [{\n    c: d\n  }  , {e: f}]\n'), doc('data:\n  b: {\n    c: d\n  }\t\n  e: f\n'),
  // a byte order mark before a document's content: go-yaml drops one at the start of a piece only
  ...['# d', '? a', '---', '', ' ', '- a', 'k: v', '[a]', '"k": v', '&a k: v', '...'].flatMap((l) => [`# c\n\ufeff${l}\n${doc('')}`, `\n  \ufeff${l}\n${doc('')}`, `${doc('')}---\n\ufeff${l}\n${doc('', 'Secret')}`,
    `${doc('')}---\n\ufeff\ufeff${l}\n${doc('', 'Secret')}`, `${doc('')}---\n# c\n\ufeff${l}\n${doc('', 'Secret')}`]),
  `\ufeff\ufeff\ufeff${doc('')}`, `${doc('')}---\n\ufeff${doc('', 'Secret')}`, `\ufeff\ufeff---\n${doc('')}`, `\ufeff\ufeff---#\n${doc('')}`, `\ufeff\ufeff...\n${doc('')}`,
  // lines that start with an indicator or a tab inside block and quoted scalars, and outside them
  ...[': >"$HOME/f"', '-', '- #c', '? x', ': b', '\tmake', '- \tx', '? \tx', ':\tx', '  \t'].flatMap((l) => [
    doc(`data:\n  s: |\n    a\n    ${l}\n  t: 1\n`), doc(`data:\n  s: >-\n    a\n${l}\n  t: 1\n`), doc(`data:\n  s: "a\n    ${l}"\n  t: 1\n`), doc(`data:\n  s: 'a\n    ${l}'\n  t: 1\n`),
    doc(`data:\n  s: a\n  ${l}\n  t: 1\n`), doc(`data:\n  s: |\n    a\n  ${l}\n  t: 1\n`), doc(`data:\n  - |\n    a\n  ${l}\n`), doc(`data:\n  s: "a"\n  ${l}\n`),
  ]),
  // comments in odd places
  doc('data: # c\n  a: b # c\n  # c\n  c: # c\n    - d # c\n'), doc('data: {a: b, # c\n  c: d}\n'), doc('data:\n  a: |  # c\n    text # not a comment\n'),
  doc('data:\n  a: "b" # c\n'), doc('data:\n  #a: b\n  c: d\n'), `# c\n---\n# c\n${doc('')}# c\n`, doc('data:\n  a: b#c\n'),
  // block scalars
  doc('data:\n  a: |\n\n    x\n\n\n  b: c\n'), doc('data:\n  a: >\n    x\n      y\n    z\n'), doc('data:\n  a: |4\n      x\n    y\n'), doc('data:\n  a: |10\n x\n'),
  doc('data:\n  a: |0\n    x\n'), doc('data:\n  a: |-2\n    x\n'), doc('data:\n  a: |+\n\n'), doc('data:\n  a: |\n'), doc('data:\n  a: >\n\n\n    x\n'),
  doc('data:\n  a: |\n    x\n   y\n'), doc('data:\n  a: |\n    x\n     \n    y\n'), doc('data:\n  a: >-\n    a\n    \n    b\n  \n'), doc('data:\n  a: |\n    x\n  # c\n    y\n'),
  // flow collections
  doc('data: {a: [1, 2], b: {c: d},}\n'), doc('data: {a: 1 b: 2}\n'), doc('data: {"a":1,"b":[true,null]}\n'), doc('data: {a: b\n  , c: d}\n'),
  doc('data: [a, [b, [c]]]\n'), doc('data: {a: }\n'), doc('data: {: b}\n'), doc('data: [a, , b]\n'), doc('data: {a: [b}\n'), doc('data: {a: "b\n  c"}\n'),
  doc('data: {a: b\n}\n'), doc('data: {a\n: b}\n'), doc('data: {a: -1, b: - 1}\n'), doc('data: {"a":b}\n'), doc('data: {a:b}\n'), doc('data: [a:b]\n'),
  // JSON
  '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},"data":{"a":"b"}}',
  '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}}{"apiVersion":"v1","kind":"Secret","metadata":{"name":"y"}}',
  '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}}\n{"apiVersion":"v1","kind":"Secret","metadata":{"name":"y"}}\n{"apiVersion":"v1","kind":"Secret","metadata":{"name":"z"}}\n',
  '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}}\n---\nkind: Secret\napiVersion: v1\n',
  '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}}\nkind: Secret\napiVersion: v1\n',
  '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}} kind: Secret\n',
  '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},"data":{"a":1,"a":2}}',
  '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},"data":{"a":1e400}}',
  '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},"data":{"a":1.0,"b":1e2,"c":-0,"d":12345678901234567890,"e":0.1}}',
  '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},"data":{"a":"\\ud800","b":"\\u00e9\\/"}}',
  '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x","generation":1.0}}',
  '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x","generation":1e2}}',
  '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},}', '{"apiVersion":"v1",kind:"ConfigMap"}', '{apiVersion: v1, kind: ConfigMap, metadata: {name: x}}',
  '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}}\n{', '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}}\n[1]\n',
  '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}}\n"s"\n', '  \n\t{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}}',
  `${' '.repeat(5000)}{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}}`, '# c\n{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}}',
  '[{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}}]', '{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"x"},"data":{"a":"b"}}\r\n',
  // a broken JSON file is read as YAML, and go-yaml reads one node per document: what follows a
  // flow collection at the top is only scanned as far as its first token
  '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},}\n{"apiVersion":"v1","kind":"Secret","metadata":{"name":"z"}}\n',
  '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},}\n{"apiVersion":"v1","kind":"Secret","metadata":{"name":"z"}}\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: w}\n',
  '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},}\nfoo: bar\n', '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},} trailing\n',
  '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},}#c\n', '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},}\n  - a\n',
  '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}}\n{"apiVersion":"v1","kind":"Secret","metadata":{"name":"z"},}\n{"a":1}\n',
  '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},}\n"unterminated\n', '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},}\n\t{}\n',
  '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},} - a\n', '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},} ? a\n',
  '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},}\n{a: [}\n', '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},}\na: b: c\n',
  '# c\n{apiVersion: v1, kind: ConfigMap, metadata: {name: x}} trailing\n', '# c\n{apiVersion: v1, kind: ConfigMap, metadata: {name: x}}\n[a, b]\n',
  '# c\n{apiVersion: v1, kind: ConfigMap, metadata: {name: x}}\n{a: &x 1, b: *y}\n', '# c\n{apiVersion: v1, kind: ConfigMap, metadata: {name: x}}\n{: x}\n',
  '# c\n{apiVersion: v1, kind: ConfigMap, metadata: {name: x}}\n%YAML 1.1\n',
  // lines of a quoted scalar, a flow collection or a plain scalar indented no further than their key (libyaml's scanner
  // does not look at a quoted scalar's or a flow collection's), at column 0, after tabs, in sequences and flow collections
  ...['"base\n  64"', "'base\n  64'", 'base\n  64', '"base\n64"', "'base\n64'", 'base\n64', '"base\n 64"', '"base\n\t64"', '"base\n  \t64"', 'base\n\t64',
    'base\n   \t64', "'base\n\t64'", '"base\n\n  64"', '"base\n  - 64"', '"base\n  x: 64"', '"base\n  # c"', '"base\n..."', '"a\n  b\n c\nd"', '"a\n\t\tb"',
    "'a\n\t#b'", '"a\n\t- b"', '"a\n\tb: c"', '"a\n\t\n b"', '"a\n \t\n\t b"', '&a "base\n  64"', '!!str "base\n  64"', '"a\\"\n...\nb"', '"a\\"\n...\n',
    '{a: b\n  "c"}', "{a: b\n  'c'}", '{a: b\n"c"}', '{a: "b\n\tc"}', '{a: b\n\tc}', '{a: b\n\t}', '{a\n\t: b}', '{a: b\n  \tc}', '{a: b\n   \tc}', '{a: b # c\n\tc}',
    '{k: "base\n64"}', '{k: base\n64}', '{k: base\n  64}', '{\nk: v}', '{k: v\n}', '[a,\nb]', '[a\nb]', '[\n"a\nb"]', '[b,\n\tc]', '[b\n\t, c]', '[b,\n\t\n c]',
    '[a\n  "b, c"]', '[a\n  "b"]', '[a "b"]', '[a\n  &b]', '[a\n  *b]', '[a\n  !b]', '[a\n  -b]', '[a\n  ?b]', '[a\n  :b]', '[a\n  : b]', '["a\\"\n...\n]',
    '\n    "base\n  64"', '\n    base\n   64', '\n    base\n  64', '\n  "base\n  64"', 'a\n    "b"', "a\n    'b'", 'a\n    "b\n    c"', 'a\n    &b', 'a\n    - b'].flatMap((v) => [doc(`data:\n  k: ${v}\n`), doc(`data:\n  k: ${v}\n  j: 1\n`), doc(`data:\n- ${v}\n`), doc(`data:\n  - ${v}\n`)]),
  // an anchor or tag after a flow mapping's key and a comment, with no `:` between: libyaml fails, `yaml` dropped it
  ...['{a\n# f\n  &h}', '{a\n    # f\n    &h}', '{a # f\n    &h}', '{a # f\n    !t}', '{? a # f\n    &h}', '{"a" # f\n    &h}', '{a # f\n    &h, c: d}',
    '{a: # f\n    &h}', '{a, &h}', '[a # f\n    &h]', '{a\n    &h}',
    // and on a line before the key it is for
    '{a,\n  &h\n   x: y}', '{&h\n    x: y}', '{!t\n    x: y}', '[&h\n    x: y]', '[&h\n    x]', '{&h\n    "x": y}', '{&h x: y}', '{? &h\n    x: y}', '{&h\n    x}',
    '[{&h\n    x: y}]', '{&h # c\n    x: y}'].map((v) => doc(`data:\n  k: ${v}\n`)),
  // an explicit key, then a `- ` entry at the mapping's column (`yaml` dropped the entry)
  ...['  ? j\n  - off\n', '  image:\n  - a\n  ? j\n  - off\n', '  ? j\n   &h\n  - off\n', '  ? j\n  : v\n  - off\n', '  ? j\n  - off\n  : v\n', '  ? j\n    - off\n',
    '  ? j\n  # c\n  - off\n', '  ? &a j\n  - off\n', '  ? - j\n  - off\n'].map((d) => doc(`data:\n${d}`)),
  doc('data:\n  ? "base\n  64"\n  : v\n'), doc('data:\n  "base\n  64": v\n'), doc('data: {a\n  "}\nb: x\n'), doc('data: {a\n  "b}\nb: x\n'),
  // a document indented, then a line indented less: go-yaml's document ends there, and its scanner reads one token more
  ...['x: y', ' x: y', '[a', ':\n:', ' "unterminated', '...\nfoo', '\t', '%YAML 1.1', '# c\nx: y', '\t\nx: y', '- a', '  - a'].map((l) => (
    `  apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a}\n${l}\n`)),
  '  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: a}\nx: y\n', '  apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a}\n  data:\n    k: "a\nb"\nx: y\n',
  // an apiVersion and a body but no kind (kubectl: Object 'Kind' is missing), a List with no kind or apiVersion, a Helm Chart.yaml
  'apiVersion: v1\ndata:\n  a: b\n', 'apiVersion: rbac.authorization.k8s.io/v1\nrules: []\n', 'apiVersion: v1\nsubjects: []\n', 'apiVersion: v1\nwebhooks: []\n',
  'items:\n- apiVersion: tekton.dev/v1\n  kind: PipelineRun\n  metadata: {name: xx}\n', 'apiVersion: v2\nname: ci\nversion: 1.0.0\ndescription: CI\n',
  'apiVersion: v1\n',
  // Lists
  'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a}\n- kind: Secret\n  apiVersion: v1\n  metadata: {name: b}\n',
  'apiVersion: v1\nkind: ConfigMapList\nitems:\n- metadata: {name: a}\n- {}\n',
  'apiVersion: v1\nkind: ConfigMapList\nitems:\n- kind: Secret\n', 'apiVersion: v1\nkind: ConfigMapList\nitems:\n- apiVersion: v2\n',
  'apiVersion: v1\nkind: List\nitems: []\n', 'apiVersion: v1\nkind: List\nitems: ~\n', 'apiVersion: v1\nkind: List\nitems: {}\n', 'apiVersion: v1\nkind: List\nitems: x\n',
  'apiVersion: v1\nkind: List\nitems:\n- ~\n', 'apiVersion: v1\nkind: List\nitems:\n- x\n', 'apiVersion: v1\nkind: List\nitems:\n- [a]\n',
  'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: List\n  items:\n  - apiVersion: v1\n    kind: ConfigMap\n',
  'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  items: {}\n', 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  items: x\n',
  'apiVersion: v1\nkind: Thing\nitems:\n- metadata: {name: a}\n', 'apiVersion: v1\nkind: list\nitems:\n- metadata: {name: a}\n- {apiVersion: v1, kind: ConfigMap}\n',
  'apiVersion: v1\nkind: LIST\nitems: []\n', 'apiVersion: v1\nkind: lists\nitems: []\n', 'kind: list\nitems:\n- metadata: {name: a}\n', 'kind: List\nitems:\n- metadata: {name: a}\n', 'apiVersion: v1\nkind: List\nitems:\n- kind: ConfigMap\n  apiVersion: ""\n',
  'apiVersion: v1\nkind: List\nmetadata: {resourceVersion: "7"}\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a, labels: {x: yes}}\n',
  'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: 1}\n', 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: 1\n  kind: ConfigMap\n',
  '{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}},{"metadata":{"name":"b"}}]}',
  'apiVersion: v1\nkind: List\nitems: &i\n- apiVersion: v1\n  kind: ConfigMap\n---\napiVersion: v1\nkind: List\nitems:\n- &c {apiVersion: v1, kind: Secret}\n- *c\n',
  // non-UTF-8 bytes
  Buffer.concat([Buffer.from(doc('data:\n  a: ')), Buffer.from([0xff]), Buffer.from('\n')]),
  Buffer.concat([Buffer.from(doc('data:\n  a: "')), Buffer.from([0xc3, 0x28]), Buffer.from('"\n')]),
  Buffer.concat([Buffer.from(doc('')), Buffer.from('# '), Buffer.from([0x80]), Buffer.from('\n')]),
  Buffer.from([0x00, 0x61, 0x00, 0x3a]),
];

// ---------------------------------------------------------------------------------------
// Generated files
// ---------------------------------------------------------------------------------------

const pick = <T>(xs: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...xs);
/**
 * Scalars and keys kubectl fails on (NaN and infinities, tags that do not fit, null keys, ...):
 * rarer in generated files, so that most of these are read by kubectl and compared object by object.
 */
const FAILING = /^(?:[-+]?\.(?:inf|Inf|INF|nan|NaN)|[-?:]|[@`].*|!!(?:int 1\.5|float 1844.*|bool 1|null x|timestamp x|binary aGVsbG8)|\*.*|a: b|- a|"a\\tb.*|~|null|9223372036854775808|\?.*|\[a, b\]|\{a: b\}|\{a["']:.*)$/;
/** A scalar that fits on the key's line, mostly one kubectl reads. */
const INLINE_SCALARS = SCALARS.filter((s) => !s.includes('\n'));
const inlineScalar = fc.oneof(
  { weight: 300, arbitrary: pick(INLINE_SCALARS.filter((s) => !FAILING.test(s))) },
  { weight: 1, arbitrary: pick(INLINE_SCALARS.filter((s) => FAILING.test(s))) },
);
const plainKey = pick(['a', 'b', 'c', 'key', 'x-y', 'a.b', 'image']);
const anyKey = fc.oneof(
  { weight: 160, arbitrary: plainKey },
  { weight: 40, arbitrary: pick(KEYS.filter((k) => !FAILING.test(k))) },
  { weight: 1, arbitrary: pick(KEYS.filter((k) => FAILING.test(k) && !k.startsWith('?'))) },
);
const comment = fc.oneof({ weight: 6, arbitrary: fc.constant('') }, { weight: 1, arbitrary: pick([' # c', '  #', ' #: x', '\t# c']) });

/** Plain and quoted scalars that may stand in a flow collection. */
const FLOW_SCALARS = INLINE_SCALARS.filter((s) => !/[,[\]{}#]/.test(s) && !s.startsWith('!') && !s.startsWith('&') && !s.startsWith('*'));

/**
 * A flow collection `depth` levels deep at most: sequences of nodes, mappings of `key: node` pairs, bare nodes (a key with
 * no value: a collection there is a key go-yaml refuses) and collections as keys, over one line or two.
 */
const nestedFlow = (depth: number): fc.Arbitrary<string> => {
  const node: fc.Arbitrary<string> = depth <= 0 ? pick(FLOW_SCALARS)
    : fc.oneof({ weight: 2, arbitrary: pick(FLOW_SCALARS) }, { weight: 1, arbitrary: fc.constant(null).chain(() => nestedFlow(depth - 1)) });
  const pair = fc.oneof(
    { weight: 4, arbitrary: fc.tuple(pick(['a', 'b', 'y', '1', '"q"']), node).map(([k, v]) => `${k}: ${v}`) },
    { weight: 1, arbitrary: node },
    { weight: 1, arbitrary: fc.tuple(node, node).map(([k, v]) => `${k}: ${v}`) },
  );
  const sep = pick([', ', ',\n    ', ' ,']);
  return fc.tuple(pick(['seq', 'map']), fc.array(fc.tuple(node, pair), { minLength: 0, maxLength: 3 }), sep)
    .map(([kind, entries, between]) => (kind === 'seq' ? `[${entries.map((e) => e[0]).join(between)}]` : `{${entries.map((e) => e[1]).join(between)}}`));
};

/**
 * A scalar or flow collection over lines (after `key:` or `- ` at indentation `indent`): its lines after the first at a
 * column from 0 to a little past the key's, some after tabs (go-yaml reads a quoted scalar's or a flow collection's lines
 * wherever they are, a plain scalar's only indented further than the key; YAML 1.2 wants them all indented).
 */
const overLines = (indent: number): fc.Arbitrary<string> => fc.tuple(
  pick(['"', "'", '', '[', '{']),
  fc.array(fc.tuple(
    pick([0, indent, indent + 1, indent + 2, indent + 3]),
    fc.oneof({ weight: 4, arbitrary: fc.constant('') }, { weight: 1, arbitrary: pick(['\t', ' \t', '\t ']) }),
    pick(['b', 'c d', '- e', '# f', 'x: y', '', '"q"', "'q'", '...', 'g,', '&h', 'i:', '? j']),
  ), { minLength: 1, maxLength: 3 }),
).map(([open, lines]) => {
  const escape = (t: string): string => (open === '"' ? t.replace(/"/g, '\\"') : open === "'" ? t.replace(/'/g, "''") : t);
  const rest = lines.map(([column, tab, t]) => `\n${' '.repeat(column)}${tab}${escape(t)}`).join('');
  if (open === '[' || open === '{') return ` ${open}a${rest}${open === '[' ? ']' : '}'}`;
  return ` ${open}a${rest}${open}`;
});

/** A YAML value written after `key:` at indentation `indent`: the text from the key's line on. */
const value = (indent: number, depth: number): fc.Arbitrary<string> => {
  const pad = ' '.repeat(indent + 2);
  const scalar = inlineScalar.map((s) => ` ${s}`);
  const block = fc.tuple(pick(['|', '|-', '|+', '>', '>-', '>+', '|2', '>1-']), fc.array(pick(['text', ' more', '', '  x: y', '# no comment', '- a', '"q"', 'yes']), { minLength: 1, maxLength: 4 }))
    .map(([h, lines]) => ` ${h}\n${lines.map((l) => (l === '' ? '' : `${pad}${l}`)).join('\n')}`);
  const flow = fc.array(pick(INLINE_SCALARS.filter((s) => !/[,[\]{}#]/.test(s) && !s.startsWith('!') && !s.startsWith('&') && !s.startsWith('*'))), { minLength: 0, maxLength: 4 })
    .chain((xs) => pick(['seq', 'map']).map((k) => (k === 'seq' ? ` [${xs.join(', ')}]` : ` {${xs.map((x, i) => `k${i}: ${x}`).join(', ')}}`)));
  // flow collections inside flow collections: a collection as an entry of a flow mapping is a key, with or without a `:`
  const nested = nestedFlow(2).map((f) => ` ${f}`);
  if (depth <= 0) {
    return fc.oneof(
      { weight: 5, arbitrary: scalar }, { weight: 1, arbitrary: block }, { weight: 1, arbitrary: flow }, { weight: 1, arbitrary: nested },
      { weight: 1, arbitrary: overLines(indent) },
    );
  }
  // items at the key's column (an indentless sequence) or 2 further, their content 2 further than their -
  const seq = fc.boolean().chain((indented) => fc.array(value(indented ? indent + 2 : indent, depth - 1), { minLength: 1, maxLength: 3 })
    .map((items) => items.map((v) => `\n${indented ? pad : ' '.repeat(indent)}-${v}`).join('')));
  const map = mapping(indent + 2, depth - 1).map((m) => `\n${m}`);
  return fc.oneof(
    { weight: 5, arbitrary: scalar }, { weight: 1, arbitrary: block }, { weight: 1, arbitrary: flow },
    { weight: 1, arbitrary: seq }, { weight: 2, arbitrary: map }, { weight: 1, arbitrary: overLines(indent) },
  );
};

/** A block mapping's entries at indentation `indent` (1 to 4 of them, duplicates possible), each line ending in LF. */
const mapping = (indent: number, depth: number): fc.Arbitrary<string> => {
  const pad = ' '.repeat(indent);
  const entry = fc.tuple(anyKey, value(indent, depth), comment)
    .map(([k, v, c]) => (v.startsWith('\n') || v.startsWith(' |') || v.startsWith(' >') ? `${pad}${k}:${c}${v}\n` : `${pad}${k}:${v}${c}\n`));
  return fc.array(entry, { minLength: 1, maxLength: 4 }).map((es) => es.join(''));
};

/** Anchors, aliases and merge keys, as a whole `data:` section. */
const merges = fc.tuple(pick(INLINE_SCALARS.filter((s) => !/[,[\]{}#:]/.test(s) && !/^[!&*|>'"]/.test(s) && s !== '')), pick(['1', 'yes', 'x', '0x10']), fc.integer({ min: 0, max: 5 }))
  .map(([s, t, form]) => [
    `base: &b {x: ${s}, y: ${t}}\ndata:\n  <<: *b\n  y: over\n`,
    `base: &b\n  x: ${s}\n  y: ${t}\ndata:\n  y: before\n  <<: *b\n`,
    `one: &o {x: ${s}}\ntwo: &t {x: ${t}, z: ${s}}\ndata:\n  <<: [*o, *t]\n  z: over\n`,
    `data:\n  a: &a ${s}\n  b: *a\n  c: [*a, *a]\n`,
    `data:\n  <<: {x: ${s}}\n  x: ${t}\n  <<: {x: 1}\n`,
    `data: &d\n  x: ${s}\nlabels: *d\n`,
  ][form]);

const name = fc.oneof({ weight: 30, arbitrary: fc.constant('n1') }, { weight: 1, arbitrary: pick(['yes', '1', '"1"', '~', 'on-x', '0x10', '2001-12-14']) });

/** One document: an object with data, maybe a List of such. */
const yamlDocument = fc.tuple(
  pick(['ConfigMap', 'Thing', 'Secret']),
  name,
  fc.oneof({ weight: 4, arbitrary: mapping(2, 2) }, { weight: 1, arbitrary: merges.map((m) => `__merges__${m}`) }),
  fc.integer({ min: 0, max: 9 }),
  fc.boolean(),
  // after a document indented: a line indented less, which ends it for go-yaml
  pick(['', 'x: y', ' x: y', '[a', ':', '- a', '"q', '# c', '...']),
).map(([kind, n, body, shape, flowMeta, after]) => {
  const meta = flowMeta ? `metadata: {name: ${n}}\n` : `metadata:\n  name: ${n}\n`;
  const data = body.startsWith('__merges__') ? body.slice('__merges__'.length) : `data:\n${body}`;
  if (shape === 0) {
    // a List of two items, the second without kind and apiVersion
    const item = (d: string) => d.replace(/^/gm, '  ').replace(/^ {2}/, '- ').replace(/\n {2}$/, '\n');
    return `apiVersion: v1\nkind: ${kind}List\nitems:\n${item(`apiVersion: v1\nkind: ${kind}\n${meta}${data}`)}${item(`${meta}${data}`)}`;
  }
  if (shape === 1) return `kind: ${kind}\n${data}apiVersion: v1\n${meta}`;
  if (shape === 2) return `apiVersion: v1\nkind: ${kind}\n${meta}${data}`.replace(/^(?=.)/gm, '  ') + (after === '' ? '' : `${after}\n`);
  return `apiVersion: v1\nkind: ${kind}\n${meta}${data}`;
});

/** A JSON document (one line or indented), maybe with a duplicate key. */
const jsonDocument = fc.tuple(
  fc.dictionary(pick(['a', 'b', 'yes', '1', '<<', 'x y']), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
  fc.boolean(),
  fc.boolean(),
).map(([data, pretty, dup]) => {
  const text = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'j' }, data }, null, pretty ? 2 : undefined);
  return dup ? text.replace('"kind":', '"kind":"Secret","kind":').replace('"kind": ', '"kind": "Secret", "kind": ') : text;
});

/** true once in n. */
const sometimes = (n: number): fc.Arbitrary<boolean> => fc.integer({ min: 1, max: n }).map((i) => i === 1);

const SEPARATORS = ['---\n', '---\n', '---\n', '--- # c\n', '...\n---\n', '---\n---\n', '\n---\n', '---\n# c\n', '---\n...\n'];

/** A file: documents and separators, maybe a BOM, CRLF, a directive, a missing last newline. */
const generatedFile = fc.tuple(
  fc.array(fc.oneof({ weight: 5, arbitrary: yamlDocument }, { weight: 1, arbitrary: jsonDocument }), { minLength: 1, maxLength: 3 }),
  fc.array(pick(SEPARATORS), { minLength: 3, maxLength: 3 }),
  // a %YAML directive is rare: kubectl cuts it from its --- (and then fails)
  fc.record({ bom: sometimes(4), crlf: sometimes(4), directive: sometimes(12), start: sometimes(3), chop: sometimes(4) }),
  // a tab in a line's indentation: a line inserted, or a space of one turned into a tab
  fc.oneof(
    { weight: 6, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.tuple(fc.nat(), pick(['\t', ' \t', '  \t', '\t# c', '    \t', '      \t', 'TAB'])) },
  ),
).map(([docs, seps, o, tab]) => {
  let text = docs.map((d, i) => `${i > 0 ? seps[i] : ''}${d.endsWith('\n') ? d : `${d}\n`}`).join('');
  if (tab !== null) {
    const lines = text.split('\n');
    const at = tab[0] % lines.length;
    if (tab[1] !== 'TAB') lines.splice(at, 0, tab[1]);
    else lines[at] = lines[at].replace(/^( *) /, '$1\t');
    text = lines.join('\n');
  }
  if (o.start && !text.startsWith('{')) text = `---\n${text}`;
  if (o.directive && !text.startsWith('{')) text = `%YAML 1.1\n${text.startsWith('---') ? '' : '---\n'}${text}`;
  if (o.crlf) text = text.replace(/\n/g, '\r\n');
  if (o.chop) text = text.replace(/\r?\n$/, '');
  return o.bom ? `\ufeff${text}` : text;
});

describeWithKubectlRead('the audit reads files as kubectl reads them (conformance/cmd/kubectl-read)', () => {
  test(`the corpus: ${CORPUS.length} tricky files`, () => {
    const tally = compare(CORPUS);
    expect(tally.differences).toEqual([]);
    // eslint-disable-next-line no-console
    console.log(`read-yaml differential, corpus: ${JSON.stringify({ ...tally, differences: tally.differences.length })}`);
  });

  test('a lone CR at each line break of a document, a tab-indented comment line between each two of its lines', () => {
    // libyaml (go-yaml v2's scanner) takes a lone CR as a line break wherever it is, while apimachinery's
    // YAMLReader splits documents at `---\n` only; a line `\t# c` has a tab where go-yaml skips only spaces
    const base = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels: {a: b,\n    c: d}\ndata:\n  a: b # c\n  s: |\n    x\n    y\n'
      + '  t: "q\n    r"\n  u: plain\n    more\n  l:\n  - a\n  - b: c\n    d: e\n  ? k\n  : v\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: z\n';
    const breaks = [...base.matchAll(/\n/g)].map((m) => m.index);
    const files = [
      ...breaks.map((i) => `${base.slice(0, i)}\r${base.slice(i + 1)}`),
      ...breaks.map((i) => `${base.slice(0, i)} # c\r${base.slice(i + 1)}`),
      ...['\t# c\n', '\t# c\r', '  \t# c\n', '\t\t# c\n'].flatMap((line) => breaks.map((i) => `${base.slice(0, i + 1)}${line}${base.slice(i + 1)}`)),
      base.replace(/\n/g, '\r'), base.replace(/\n/g, '\r\n'),
    ];
    const tally = compare(files);
    expect(tally.differences).toEqual([]);
    // kubectl reads most lone CRs (some end a plain scalar's line or a document separator), and refuses every
    // tab-indented comment line outside a quoted or block scalar and a flow collection
    expect(tally).toEqual({ same: 64, empty: 0, refused: 94, deliberate: 0, differences: [] });
  });

  test('generated files', () => {
    const seed = Number(process.env.PROPERTY_SEED ?? 20261207);
    const numRuns = Number(process.env.PROPERTY_RUNS ?? 1000);
    // eslint-disable-next-line no-console
    console.log(`read-yaml differential: ${numRuns} generated files, seed ${seed} (PROPERTY_SEED=${seed} to run them again)`);
    const files = fc.sample(generatedFile, { seed, numRuns });
    const tally = compare(files);
    expect(tally.differences).toEqual([]);
    // eslint-disable-next-line no-console
    console.log(`read-yaml differential, generated: ${JSON.stringify({ ...tally, differences: tally.differences.length })}`);
    // most files are read by kubectl and compared object by object, many are refused by both
    expect(tally.same).toBeGreaterThan(numRuns * 0.4);
    expect(tally.refused).toBeGreaterThan(numRuns * 0.1);
  });
});
