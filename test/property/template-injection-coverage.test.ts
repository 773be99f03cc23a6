/**
 * TEMPLATE_INJECTION is sound on the raw text: Pipelines-as-Code fills its placeholders in the text of the `.tekton/`
 * files, wherever they are, before it parses them. So every placeholder the event fills that the raw text of a file
 * of Tekton objects holds must be named by a finding, whatever YAML construct holds it.
 *
 * Files are drawn as Tekton objects of each kind the rule judges (metadata, annotations, a param's default, fields of the spec, one the API server drops among them, a step's script) with placeholders
 * (filled from the event, and others that are not) at random places: plain, single- and double-quoted scalars (on one
 * line and over lines, with escapes beside them), literal and folded block scalars (indentation indicators, `#` lines
 * inside them), keys (plain, quoted, flow, `? ` complex keys), comments (full-line, after values, after flow
 * indicators, inside flow collections over lines, before and after `---`, after `...`, between documents), text after a `...` line (which kubectl does not read), anchors
 * and aliases, `!!str` tags, CRLF line breaks, a BOM and tabs. For every file the audit reads (a file it refuses is
 * left out: kubectl, and PaC's parser, would refuse it too), each occurrence in the raw text of a placeholder the
 * rule's own key reading (senderPlaceholder) says the event fills is matched to a TEMPLATE_INJECTION finding of the
 * audit (its JSON output) that names that placeholder (its key, blanks folded: one written over lines is read with
 * its line break folded) at the occurrence's line, or at the line its field starts on (the audit's fallback for a
 * value written over lines or with escapes). A placeholder written with an escape (`\x7b\x7b`) is no occurrence (PaC
 * does not see it); the rule may name it all the same (an over-report, allowed). Every document of a file holds a
 * Tekton object: a placeholder in an object of another kind is a documented limit of the rule.
 *
 * Bounded and seeded (PROPERTY_SEED, PROPERTY_RUNS to scale the number of runs): well under 30 seconds.
 * TEMPLATE_COVERAGE_DUMP=<file> writes a file with a miss there (and the refusals' messages to <file>.unread) and
 * prints how many files were read.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as fc from 'fast-check';
import { audit } from '../../src/cli/audit';
import { placeholderOfProblem, placeholdersIn, senderPlaceholder } from '../../src/private/templates';

const SEED = Number(process.env.PROPERTY_SEED ?? 20261205);
const SCALE = Number(process.env.PROPERTY_RUNS ?? 1);
const runs = (n: number) => ({ numRuns: Math.max(1, Math.round(n * SCALE)), seed: SEED });

/** Placeholders PaC fills from the event, and some it does not (fixed, or naming no variable). */
const PLACEHOLDERS = [
  '{{ body.pull_request.title }}', '{{body.head_commit.message}}', '{{ headers.x }}', '{{ files.all }}', '{{ cel: body.ref }}',
  '{{ source_branch }}', '{{trigger_comment}}', '{{ pull_request_labels }}', '{{ sender }}',
  '{{ revision }}', '{{ repo_url }}', '{{ bodyguard }}', '{{ body.x #y }}', '{{ headers: z }}',
];

/** A piece of a document: the lines of one construct, given the indentation of its entry and what fills its slots. */
type Piece = (ind: string, p: () => string, n: number) => string;

/** Entries of a block mapping (at `ind`) whose text holds placeholders in one construct each. */
const ENTRIES: Piece[] = [
  (i, p, n) => `${i}k${n}: plain ${p()} tail`,
  (i, p, n) => `${i}k${n}: 'it''s ${p()}'`,
  (i, p, n) => `${i}k${n}: "tab\\t ${p()} \\"q\\" \\u00e9"`,
  (i, p, n) => `${i}k${n}: "first line\n${i}  ${p()} second"`,
  (i, p, n) => `${i}k${n}: "a \\\n${i}  ${p()} b"`,
  (i, p, n) => `${i}k${n}: 'first\n\n${i}  ${p()} second'`,
  (i, p, n) => `${i}k${n}: first\n${i}  ${p()} more`,
  (i, p, n) => `${i}k${n}: |2\n${i}  # not a comment ${p()}\n${i}  line`,
  (i, p, n) => `${i}k${n}: |-\n${i}  line\n\n${i}  # ${p()}`,
  (i, p, n) => `${i}k${n}: >-\n${i}  text ${p()}\n${i}  more`,
  (i, p, n) => `${i}k${n}: >+2 # ${p()}\n${i}   indented\n${i}  x`,
  (i, p, n) => `${i}k${n}-${p()}: v`,
  (i, p) => `${i}"${p()}": v`,
  (i, p) => `${i}'${p()}': v`,
  (i, p, n) => `${i}k${n}: {"${p()}": v, b: "${p()}"}`,
  (i, p, n) => `${i}k${n}: [ # ${p()}\n${i}  one, "${p()}", # ${p()}\n${i}  two ]`,
  (i, p, n) => `${i}k${n}: { a: b, # ${p()}\n${i}  c: '${p()}' }`,
  (i, p, n) => `${i}k${n}: [a, {x: "${p()}"}]\t# ${p()}`,
  (i, p, n) => `${i}? k${n} ${p()}\n${i}: v`,
  (i, p) => `${i}? "${p()}"\n${i}: v`,
  (i, p, n) => `${i}k${n}: &a${n} "x ${p()}"\n${i}k${n}b: *a${n}`,
  (i, p, n) => `${i}k${n}: !!str x ${p()}`,
  (i, p, n) => `${i}k${n}: !!str "${p()}" # ${p()}`,
  (i, p, n) => `${i}k${n}: v\t# ${p()}`,
  (i, p) => `${i}# ${p()}`,
  (i, p) => `${i}#${p()}#`,
  (i, _p, n) => `${i}k${n}: "\\x7b\\x7b body.escaped }}"`,
  (i, p, n) => `${i}k${n}:\n${i}  - "${p()}"\n${i}  - x ${p()}`,
  (i, p, n) => `${i}k${n}: x ${p()}\n${i}k${n}: "y"`,
  (i, p, n) => `${i}k${n}: {a: '${p()}', a: b}`,
  (i, p, n) => `${i}k${n}: &m${n} {a: x}\n${i}l${n}: {<<: *m${n}, a: "${p()}"}`,
  (i, p, n) => `${i}k${n}: "a\tb"\t# ${p()}\t`,
  (i, p, n) => `${i}k${n}: [a ${p()}]`,
  (i, p, n) => `${i}k${n}: [\n${i}  "${p()}",\n${i}  # ${p()}\n${i}]`,
];

/** Annotations: entries whose value is a string. */
const ANNOTATIONS: Piece[] = [
  (i, p, n) => `${i}a${n}: "${p()}"`,
  (i, p, n) => `${i}a${n}: 'x ${p()}'`,
  (i, p, n) => `${i}a${n}: |\n${i}  ${p()}`,
  (i, p, n) => `${i}a${n}: x ${p()} # ${p()}`,
  (i, p) => `${i}"${p()}": z`,
];

/** Fields of the spec: declared, and one Tekton's schema does not declare (the API server drops it). */
const SPEC: Piece[] = [
  (i, p) => `${i}description: "${p()}"`,
  (i, p) => `${i}descripton: x ${p()}`,
  (i, p) => `${i}stepTemplate:\n${i}  env:\n${i}    - name: T\n${i}      value: '${p()}'`,
  (i, p) => `${i}workspaces: [{name: w, description: "${p()}"}]`,
];

/** Scripts. */
const SCRIPTS: Piece[] = [
  (i, p) => `${i}script: |\n${i}  #!/bin/sh\n${i}  echo "${p()}"`,
  (i, p) => `${i}script: |-\n${i}  # ${p()}\n${i}  true`,
  (i, p) => `${i}script: >\n${i}  echo\n${i}  ${p()}`,
  (i, p) => `${i}script: "echo '${p()}'\\n"`,
];

/** Comments around documents (a document start, its end, between two). */
const BEFORE: Piece[] = [(_i, p) => `# ${p()}`, (_i, p) => `--- # ${p()}`, (_i, p) => `# ${p()}\n---`, (_i, p) => `---\n# ${p()}`, () => '---'];
const AFTER: Piece[] = [
  (_i, p) => `... # ${p()}`, (_i, p) => `...\n# ${p()}`, (_i, p) => `# ${p()}`, () => '',
  (_i, p) => `... x: "${p()}"`, (_i, p) => `...\nx: ${p()} # ${p()}`,
];

interface Doc {
  readonly kind: string;
  readonly before: number;
  readonly annotations: number[];
  readonly entries: number[];
  readonly spec: number[];
  readonly script: number;
  readonly after: number;
}

const docArb: fc.Arbitrary<Doc> = fc.record({
  kind: fc.constantFrom('tekton.dev/v1 Task', 'tekton.dev/v1beta1 Task', 'tekton.dev/v1 PipelineRun', 'tekton.dev/v1 Pipeline', 'tekton.dev/v1 TaskRun', 'tekton.dev/v1beta1 StepAction'),
  before: fc.nat(BEFORE.length - 1),
  annotations: fc.array(fc.nat(ANNOTATIONS.length - 1), { maxLength: 2 }),
  entries: fc.array(fc.nat(ENTRIES.length - 1), { minLength: 1, maxLength: 4 }),
  spec: fc.array(fc.nat(SPEC.length - 1), { maxLength: 2 }),
  script: fc.nat(SCRIPTS.length - 1),
  after: fc.nat(AFTER.length - 1),
});

interface FileCase {
  readonly docs: Doc[];
  readonly placeholders: number[];
  readonly crlf: boolean;
  readonly bom: boolean;
}

const fileArb: fc.Arbitrary<FileCase> = fc.record({
  docs: fc.array(docArb, { minLength: 1, maxLength: 2 }),
  placeholders: fc.array(fc.nat(PLACEHOLDERS.length - 1), { minLength: 1, maxLength: 12 }),
  crlf: fc.boolean(),
  bom: fc.boolean(),
});

/** A file's text, and the first line of each piece (1-based) with its last, for the fallback to the field's line. */
interface Written {
  readonly text: string;
  readonly pieces: Array<{ readonly first: number; readonly last: number }>;
}

function write(c: FileCase): Written {
  let next = 0;
  const p = () => PLACEHOLDERS[c.placeholders[next++ % c.placeholders.length]];
  const lines: string[] = [];
  const pieces: Array<{ first: number; last: number }> = [];
  let n = 0;
  const add = (text: string, piece = true): void => {
    if (text === '') return;
    const first = lines.length + 1;
    lines.push(...text.split('\n'));
    if (piece) pieces.push({ first, last: lines.length });
  };
  c.docs.forEach((d, k) => {
    const before = BEFORE[d.before]('', p, n++);
    // a document after the first starts with `---`
    add(k > 0 && !before.includes('---') ? `${before}\n---` : before);
    const [apiVersion, kind] = d.kind.split(' ');
    add(`apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: demo-${k}`, false);
    if (d.annotations.length > 0) add('  annotations:', false);
    for (const a of d.annotations) add(ANNOTATIONS[a]('    ', p, n++));
    add('spec:\n  params:\n    - name: p\n      default:', false);
    for (const e of d.entries) add(ENTRIES[e]('        ', p, n++));
    for (const f of d.spec) add(SPEC[f]('  ', p, n++));
    add('  steps:\n    - name: s\n      image: alpine', false);
    add(SCRIPTS[d.script]('      ', p, n++));
    add(AFTER[d.after]('', p, n++));
  });
  const text = lines.join(c.crlf ? '\r\n' : '\n') + (c.crlf ? '\r\n' : '\n');
  return { text: (c.bom ? '\ufeff' : '') + text, pieces };
}

/** A placeholder's key, trimmed, its blanks and line breaks folded to one space. */
const keyOf = (placeholder: string): string => placeholder.slice(2, -2).replace(/\s+/g, ' ').trim();

/** The occurrences of placeholders the event fills in the raw text: their key and line. */
function rawOccurrences(text: string): Array<{ key: string; line: number; at: string }> {
  return placeholdersIn(text).filter((m) => senderPlaceholder(m[0]) !== undefined).map((m) => {
    const line = text.slice(0, m.index).split('\n').length;
    return { key: keyOf(m[0]), line, at: m[0] };
  });
}

interface Found {
  readonly key: string;
  readonly line: number;
}

/** The occurrences no finding names at their line or their piece's first line. */
function misses(w: Written, findings: Found[]): Array<{ key: string; line: number }> {
  const left = [...findings];
  const out: Array<{ key: string; line: number }> = [];
  const occurrences = rawOccurrences(w.text);
  // exact lines first, then the fallbacks
  const unmatched = occurrences.filter((o) => {
    const i = left.findIndex((f) => f.key === o.key && f.line === o.line);
    if (i === -1) return true;
    left.splice(i, 1);
    return false;
  });
  for (const o of unmatched) {
    const piece = w.pieces.find((x) => x.first <= o.line && o.line <= x.last);
    const i = left.findIndex((f) => f.key === o.key && piece !== undefined && f.line >= piece.first && f.line <= piece.last);
    if (i === -1) out.push(o);
    else left.splice(i, 1);
  }
  return out;
}

describe('TEMPLATE_INJECTION names every placeholder the raw text of Tekton objects holds', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'template-coverage-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('each occurrence of a placeholder the event fills is named by a finding at its line (or its field\'s)', () => {
    let read = 0;
    let checked = 0;
    fc.assert(fc.property(fileArb, (c) => {
      const w = write(c);
      const file = path.join(dir, `case-${checked++}.yaml`);
      fs.writeFileSync(file, w.text);
      const r = audit([file], { format: 'json', rules: ['TEMPLATE_INJECTION'] });
      const report = JSON.parse(r.stdout);
      expect(report.internalErrors).toEqual([]);
      if (report.unreadFiles.length > 0) {
        if (process.env.TEMPLATE_COVERAGE_DUMP) fs.appendFileSync(`${process.env.TEMPLATE_COVERAGE_DUMP}.unread`, `${report.unreadFiles[0].message}\n`);
        return;
      }
      read++;
      const findings: Found[] = report.findings.map((f: any) => ({ key: keyOf(placeholderOfProblem(f.problem) ?? '{{}}'), line: f.line }));
      const missed = misses(w, findings);
      if (missed.length > 0 && process.env.TEMPLATE_COVERAGE_DUMP) fs.writeFileSync(process.env.TEMPLATE_COVERAGE_DUMP, w.text);
      expect({ text: w.text, misses: missed }).toEqual({ text: w.text, misses: [] });
    }), runs(150));
    if (process.env.TEMPLATE_COVERAGE_DUMP) console.log(`${read} of ${checked} files read`);
    // most files are read: the property is not vacuous
    expect(read).toBeGreaterThan(checked / 3);
  });

  test('a placeholder of a plain value, a comment and a key is matched; a missing finding is a miss (sanity)', () => {
    const w: Written = { text: 'a: x {{ body.a }}\n# {{ sender }}\n', pieces: [] };
    expect(misses(w, [{ key: 'body.a', line: 1 }, { key: 'sender', line: 2 }])).toEqual([]);
    expect(misses(w, [{ key: 'body.a', line: 1 }])).toEqual([{ key: 'sender', line: 2, at: '{{ sender }}' }]);
    expect(misses(w, [{ key: 'body.a', line: 2 }, { key: 'sender', line: 2 }])).toEqual([{ key: 'body.a', line: 1, at: '{{ body.a }}' }]);
  });
});
