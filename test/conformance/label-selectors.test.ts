/**
 * label-selectors.ts (how NetworkPolicies, AdminNetworkPolicies, EventListeners' triggerSelector and
 * ClusterRoles' aggregationRule read label selectors) against apimachinery's own reading
 * (conformance/cmd/selector-eval: sigs.k8s.io/json decoding with strict field validation,
 * metav1validation.ValidateLabelSelector, metav1.LabelSelectorAsSelector and Selector.Matches).
 *
 * For each selector: the module refuses it exactly when the API server does (it does not decode,
 * has a field the type lacks, or ValidateLabelSelector refuses it), reads `null` as absent, and,
 * where it reads one, matches the same label sets as apimachinery's selector. Selectors:
 * hand-written adversarial ones (null and "" values, keys given twice in YAML, a key in both
 * matchLabels and an expression, prefixed keys, 63- and 64-character names, upper case, operators
 * in another case, values on Exists, no values on In, nulls for lists and entries, unknown fields),
 * then generated ones (fast-check, seed printed; PROPERTY_SEED and PROPERTY_RUNS choose others)
 * from an adversarial vocabulary, each with label sets made of its own keys and values.
 */
import * as fc from 'fast-check';
import { LabelSelector, matchesLabels, readLabelSelector, SelectorReading } from '../../src/private/label-selectors';
import { decodeChunk } from '../../src/private/yaml-document';
import { admitted, describeWithSelectorEval, SelectorAnswer, selectorEval } from '../helpers/selector-eval';

type Labels = Readonly<Record<string, string>>;

/** A selector to compare: its value as the audit reads it (from YAML, or written here) and label sets to match. */
interface Case {
  readonly name: string;
  readonly value: unknown;
  readonly labels: readonly Labels[];
}

/** The module under test, replaceable to show the comparison fails a wrong one. */
interface Reader {
  read(value: unknown): SelectorReading;
  matches(selector: LabelSelector, labels: Labels): boolean;
}

const MODULE: Reader = { read: (v) => readLabelSelector(v, 'selector'), matches: matchesLabels };

const LONG = 'a'.repeat(63);
const LONG_PREFIX = `${'p'.repeat(63)}.${'q'.repeat(63)}.${'r'.repeat(63)}.${'s'.repeat(61)}`; // 253 characters

/** Label sets for a selector: none, and each key it names with each value it names, "" and another. */
function labelSetsFor(value: unknown): Labels[] {
  const keys = new Set<string>(['app']);
  const values = new Set<string>(['', 'other']);
  const addValue = (v: unknown) => { if (typeof v === 'string') values.add(v); };
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const v = value as Record<string, any>;
    if (typeof v.matchLabels === 'object' && v.matchLabels !== null) {
      for (const [k, x] of Object.entries(v.matchLabels)) { keys.add(k); addValue(x); }
    }
    if (Array.isArray(v.matchExpressions)) {
      for (const e of v.matchExpressions) {
        if (typeof e?.key === 'string') keys.add(e.key);
        if (Array.isArray(e?.values)) e.values.forEach(addValue);
      }
    }
  }
  const out: Labels[] = [{}];
  const keyList = [...keys].slice(0, 4);
  const valueList = [...values].slice(0, 5);
  for (const k of keyList) for (const v of valueList) out.push({ [k]: v });
  // all keys at once, with their first named value, then with ""
  out.push(Object.fromEntries(keyList.map((k) => [k, valueList[valueList.length > 2 ? 2 : 0]])));
  out.push(Object.fromEntries(keyList.map((k) => [k, ''])));
  return out;
}

const selectorCase = (name: string, value: unknown, labels?: readonly Labels[]): Case => ({ name, value, labels: labels ?? labelSetsFor(value) });
/** A selector written in YAML, read as the audit reads a manifest (kubectl's JSON of it: a key given twice keeps its last value). */
const yamlCase = (name: string, yaml: string): Case => selectorCase(name, decodeChunk(yaml).value);

const HAND: readonly Case[] = [
  selectorCase('null selector', null),
  selectorCase('{}', {}),
  selectorCase('empty matchLabels and matchExpressions', { matchLabels: {}, matchExpressions: [] }),
  selectorCase('null matchLabels and matchExpressions', { matchLabels: null, matchExpressions: null }),
  selectorCase('matchLabels value null (decoded as "")', { matchLabels: { app: null } }),
  selectorCase('matchLabels value ""', { matchLabels: { app: '' } }),
  selectorCase('matchLabels value a number', { matchLabels: { app: 1 } }),
  selectorCase('matchLabels value true', { matchLabels: { app: true } }),
  selectorCase('matchLabels a list', { matchLabels: ['app'] }),
  selectorCase('matchLabels key ""', { matchLabels: { '': 'x' } }),
  selectorCase('prefixed key', { matchLabels: { 'example.com/x': 'y' } }),
  selectorCase('prefix without name', { matchLabels: { 'example.com/': 'y' } }),
  selectorCase('name without prefix', { matchLabels: { '/x': 'y' } }),
  selectorCase('two slashes', { matchLabels: { 'a/b/c': 'y' } }),
  selectorCase('upper-case prefix', { matchLabels: { 'Example.com/x': 'y' } }),
  selectorCase('upper-case name and value', { matchLabels: { App: 'Web' } }),
  selectorCase('63-character name and value', { matchLabels: { [LONG]: LONG } }),
  selectorCase('64-character name', { matchLabels: { [`${LONG}b`]: 'x' } }),
  selectorCase('64-character value', { matchLabels: { app: `${LONG}b` } }),
  selectorCase('253-character prefix', { matchLabels: { [`${LONG_PREFIX}/x`]: 'y' } }),
  selectorCase('254-character prefix', { matchLabels: { [`${LONG_PREFIX}s/x`]: 'y' } }),
  selectorCase('name ending in -', { matchLabels: { 'app-': 'y' } }),
  selectorCase('value starting with _', { matchLabels: { app: '_y' } }),
  selectorCase('value with a space', { matchLabels: { app: 'a b' } }),
  selectorCase('value with a newline at its end', { matchLabels: { app: 'a\n' } }),
  selectorCase('dots and underscores', { matchLabels: { 'a.b_c-d': 'x.y_z-1' } }),
  selectorCase('In', { matchExpressions: [{ key: 'app', operator: 'In', values: ['a', 'b'] }] }),
  selectorCase('NotIn matches an object without the key', { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['a'] }] }),
  selectorCase('Exists', { matchExpressions: [{ key: 'app', operator: 'Exists' }] }),
  selectorCase('DoesNotExist', { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }),
  selectorCase('operator in', { matchExpressions: [{ key: 'app', operator: 'in', values: ['a'] }] }),
  selectorCase('operator IN', { matchExpressions: [{ key: 'app', operator: 'IN', values: ['a'] }] }),
  selectorCase('operator notin', { matchExpressions: [{ key: 'app', operator: 'notin', values: ['a'] }] }),
  selectorCase('operator exists', { matchExpressions: [{ key: 'app', operator: 'exists' }] }),
  selectorCase('operator Equals', { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['a'] }] }),
  selectorCase('operator =', { matchExpressions: [{ key: 'app', operator: '=', values: ['a'] }] }),
  selectorCase('operator ""', { matchExpressions: [{ key: 'app', operator: '', values: ['a'] }] }),
  selectorCase('operator null', { matchExpressions: [{ key: 'app', operator: null }] }),
  selectorCase('operator missing', { matchExpressions: [{ key: 'app' }] }),
  selectorCase('operator a number', { matchExpressions: [{ key: 'app', operator: 1 }] }),
  selectorCase('values on Exists', { matchExpressions: [{ key: 'app', operator: 'Exists', values: ['a'] }] }),
  selectorCase('empty values on Exists', { matchExpressions: [{ key: 'app', operator: 'Exists', values: [] }] }),
  selectorCase('null values on DoesNotExist', { matchExpressions: [{ key: 'app', operator: 'DoesNotExist', values: null }] }),
  selectorCase('values [""] on DoesNotExist', { matchExpressions: [{ key: 'app', operator: 'DoesNotExist', values: [''] }] }),
  selectorCase('empty values on In', { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] }),
  selectorCase('null values on In', { matchExpressions: [{ key: 'app', operator: 'In', values: null }] }),
  selectorCase('no values on NotIn', { matchExpressions: [{ key: 'app', operator: 'NotIn' }] }),
  selectorCase('In [null] (decoded as [""])', { matchExpressions: [{ key: 'app', operator: 'In', values: [null] }] }),
  selectorCase('NotIn [""]', { matchExpressions: [{ key: 'app', operator: 'NotIn', values: [''] }] }),
  selectorCase('In a value that is no label value', { matchExpressions: [{ key: 'app', operator: 'In', values: ['a b'] }] }),
  selectorCase('In a number', { matchExpressions: [{ key: 'app', operator: 'In', values: [1] }] }),
  selectorCase('values a string', { matchExpressions: [{ key: 'app', operator: 'In', values: 'a' }] }),
  selectorCase('key null', { matchExpressions: [{ key: null, operator: 'Exists' }] }),
  selectorCase('key ""', { matchExpressions: [{ key: '', operator: 'Exists' }] }),
  selectorCase('key upper case with prefix', { matchExpressions: [{ key: 'Example.COM/App', operator: 'Exists' }] }),
  selectorCase('key 64 characters', { matchExpressions: [{ key: `${LONG}b`, operator: 'Exists' }] }),
  selectorCase('key a number', { matchExpressions: [{ key: 1, operator: 'Exists' }] }),
  selectorCase('expression null', { matchExpressions: [null] }),
  selectorCase('expression {}', { matchExpressions: [{}] }),
  selectorCase('expression a string', { matchExpressions: ['app'] }),
  selectorCase('matchExpressions a map', { matchExpressions: { key: 'app', operator: 'Exists' } }),
  selectorCase('one key in matchLabels and an expression', { matchLabels: { app: 'a' }, matchExpressions: [{ key: 'app', operator: 'In', values: ['a', 'b'] }] }),
  selectorCase('one key in matchLabels and NotIn of its value', { matchLabels: { app: 'a' }, matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['a'] }] }),
  selectorCase('two expressions of one key', {
    matchExpressions: [{ key: 'app', operator: 'In', values: ['a', 'b'] }, { key: 'app', operator: 'In', values: ['b', 'c'] }],
  }),
  selectorCase('Exists and DoesNotExist of one key', { matchExpressions: [{ key: 'app', operator: 'Exists' }, { key: 'app', operator: 'DoesNotExist' }] }),
  selectorCase('a value given twice in In', { matchExpressions: [{ key: 'app', operator: 'In', values: ['a', 'a'] }] }),
  selectorCase('field MatchLabels', { MatchLabels: { app: 'a' } }),
  selectorCase('field matchlabels', { matchlabels: { app: 'a' } }),
  selectorCase('field matchFields', { matchFields: [] }),
  selectorCase('expression field Values', { matchExpressions: [{ key: 'app', operator: 'In', Values: ['a'] }] }),
  selectorCase('expression field value', { matchExpressions: [{ key: 'app', operator: 'Exists', value: 'a' }] }),
  selectorCase('selector a string', 'app=a'),
  selectorCase('selector a list', [{ matchLabels: { app: 'a' } }]),
  selectorCase('selector a number', 1),
  yamlCase('matchLabels key given twice in YAML (the last kept)', 'matchLabels:\n  app: a\n  app: b\n'),
  yamlCase('matchLabels given twice in YAML (the last kept)', 'matchLabels:\n  app: a\nmatchLabels: {}\n'),
  yamlCase('matchLabels value ~ in YAML', 'matchLabels:\n  app: ~\n'),
  yamlCase('matchLabels value without text in YAML', 'matchLabels:\n  app:\n'),
  yamlCase('matchLabels value 1 in YAML (a number)', 'matchLabels:\n  app: 1\n'),
  yamlCase('matchLabels value "1" in YAML', 'matchLabels:\n  app: "1"\n'),
  yamlCase('matchLabels value yes in YAML (a string to kubectl)', 'matchLabels:\n  app: yes\n'),
  yamlCase('values entry without text in YAML', 'matchExpressions:\n- key: app\n  operator: NotIn\n  values:\n  -\n'),
];

/** Whether the module's reading agrees with apimachinery's; what differs, if not. */
function compare(c: Case, a: SelectorAnswer, reader: Reader): string | undefined {
  const read = reader.read(c.value);
  const what = `${c.name} ${JSON.stringify(c.value)}`;
  if (a.null) return read.kind === 'absent' ? undefined : `${what}: apimachinery decodes a nil selector, the module ${read.kind === 'refused' ? `refuses it (${read.why})` : 'reads one'}`;
  if (read.kind === 'absent') return `${what}: the module reads no selector, apimachinery one`;
  if (!admitted(a)) {
    if (read.kind === 'selector') return `${what}: the module reads it, the API server refuses it (${[a.error, ...a.strict, ...a.invalid].filter((x) => x !== undefined).join('; ')})`;
    return undefined;
  }
  if (read.kind === 'refused') return `${what}: the module refuses it (${read.why}), the API server admits it`;
  if (a.asSelectorError !== undefined || a.matches === undefined) return `${what}: admitted, but LabelSelectorAsSelector fails: ${a.asSelectorError}`;
  const wrong = c.labels.map((l, i) => ({ l, want: a.matches![i], got: reader.matches(read.selector, l) })).filter((m) => m.want !== m.got);
  return wrong.length === 0 ? undefined
    : `${what}: ${wrong.map((m) => `labels ${JSON.stringify(m.l)}: apimachinery ${m.want ? 'matches' : 'does not match'}, the module ${m.got ? 'matches' : 'does not'}`).join('; ')}`;
}

/** The differences over cases (one oracle run), and how many the API server admits. */
function differential(cases: readonly Case[], reader: Reader = MODULE): { misses: string[]; admitted: number; labelSets: number } {
  const answers = selectorEval(cases.map((c) => ({ selector: JSON.stringify(c.value), labels: c.labels })));
  const misses = cases.flatMap((c, i) => {
    const m = compare(c, answers[i], reader);
    return m === undefined ? [] : [m];
  });
  return { misses, admitted: answers.filter((a) => !a.null && admitted(a)).length, labelSets: cases.reduce((n, c) => n + c.labels.length, 0) };
}

function report(title: string, r: ReturnType<typeof differential>, cases: number): void {
  // eslint-disable-next-line no-console
  console.log(`${title}: ${cases} selectors (${r.admitted} admitted), ${r.labelSets} label sets; ${r.misses.length} differences`);
}

// The generator's vocabulary: valid keys and values, and ones the API server refuses.
const GOOD_KEYS = ['app', 'tier', 'example.com/x', 'kubernetes.io/metadata.name', 'a.b_c-d', LONG, `${LONG_PREFIX}/x`, 'A', 'x9'];
const BAD_KEYS = ['', 'example.com/', '/x', 'a/b/c', `${LONG}b`, 'app-', '-app', 'a b', 'Example.com/x', 'k8s:app', `${LONG_PREFIX}s/x`];
const GOOD_VALUES: unknown[] = ['', 'a', 'b', 'web', 'A', 'x.y_z-1', LONG, null];
const BAD_VALUES: unknown[] = ['a b', `${LONG}b`, '_a', 'a-', 1, true];
const OPERATORS: unknown[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
const BAD_OPERATORS: unknown[] = ['in', 'notin', 'NOTIN', 'exists', 'doesNotExist', 'Equals', '=', '!=', '', null, 1];

/** Mostly good, sometimes bad. */
const pick = (good: readonly unknown[], bad: readonly unknown[]) =>
  fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...good) }, { weight: 1, arbitrary: fc.constantFrom(...bad) });
const keyArb = pick(GOOD_KEYS, BAD_KEYS) as fc.Arbitrary<string>;
const valueArb = pick(GOOD_VALUES, BAD_VALUES);

/** A field that is absent, null, or one of `arb`. */
function field<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null | undefined> {
  return fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 6, arbitrary: arb });
}

const expressionArb = fc.oneof(
  {
    weight: 20,
    arbitrary: fc.record({
      key: fc.oneof({ weight: 19, arbitrary: keyArb }, { weight: 1, arbitrary: fc.constant(null) }),
      operator: pick(OPERATORS, BAD_OPERATORS),
      values: field(fc.array(valueArb, { maxLength: 3 })),
      extra: fc.oneof({ weight: 19, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom('Values', 'value', 'Key') }),
    }).map(({ key, operator, values, extra }) => {
    // an operator with the count of values it needs, most of the time
      const needs = operator === 'In' || operator === 'NotIn';
      const v = values === undefined || values === null || (Array.isArray(values) && values.length > 0) === needs ? values : needs ? ['a'] : undefined;
      return {
        key, operator, ...(v === undefined ? {} : { values: v }), ...(extra === undefined ? {} : { [extra]: 'a' }),
      } as Record<string, unknown>;
    }),
  },
  { weight: 1, arbitrary: fc.constant(null) },
);

const selectorArb: fc.Arbitrary<unknown> = fc.record({
  matchLabels: field(fc.dictionary(keyArb, valueArb, { maxKeys: 3 })),
  matchExpressions: field(fc.array(expressionArb, { maxLength: 3 })),
  extra: fc.oneof({ weight: 29, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom('MatchLabels', 'matchFields') }),
}).map(({ matchLabels, matchExpressions, extra }) => ({
  ...(matchLabels === undefined ? {} : { matchLabels }),
  ...(matchExpressions === undefined ? {} : { matchExpressions }),
  ...(extra === undefined ? {} : { [extra]: {} }),
}));

describeWithSelectorEval('label selectors against apimachinery (selector-eval)', () => {
  test('the oracle reads selectors as apimachinery does', () => {
    const [nullValue, notIn, exists, caseField] = selectorEval([
      { selector: '{"matchLabels":{"app":null}}', labels: [{ app: '' }, {}] },
      { selector: '{"matchExpressions":[{"key":"app","operator":"NotIn","values":["a"]}]}', labels: [{}, { app: 'a' }] },
      { selector: '{"matchExpressions":[{"key":"app","operator":"Exists","values":["a"]}]}', labels: [] },
      { selector: '{"MatchLabels":{"app":"a"}}', labels: [{}] },
    ]);
    expect(nullValue).toMatchObject({ decoded: true, strict: [], invalid: [], matches: [true, false] });
    expect(notIn).toMatchObject({ invalid: [], matches: [true, false] });
    expect(exists.invalid.length).toBeGreaterThan(0);
    expect(exists.asSelectorError).toBeDefined();
    expect(caseField.strict).toEqual(['unknown field "MatchLabels"']);
  });

  test('the differential catches a module that reads selectors otherwise', () => {
    // NotIn requiring the key, and a null matchLabels value refused: two readings Kubernetes does not have
    const notInNeedsKey: Reader = {
      read: MODULE.read,
      matches: (s, l) => matchesLabels(s, l) && s.requirements.every((r) => r.operator !== 'NotIn' || Object.prototype.hasOwnProperty.call(l, r.key)),
    };
    expect(differential(HAND, notInNeedsKey).misses).toEqual(expect.arrayContaining([
      expect.stringMatching(/^NotIn matches an object without the key .*labels \{\}: apimachinery matches, the module does not/),
    ]));
    const nullRefused: Reader = {
      read: (v) => (JSON.stringify(v).includes('null') && v !== null ? { kind: 'refused', why: 'null' } : MODULE.read(v)),
      matches: matchesLabels,
    };
    expect(differential(HAND, nullRefused).misses).toEqual(expect.arrayContaining([
      'matchLabels value null (decoded as "") {"matchLabels":{"app":null}}: the module refuses it (null), the API server admits it',
    ]));
  });

  test('hand-written selectors: the module reads them as apimachinery does', () => {
    const r = differential(HAND);
    report('label-selector differential (hand-written)', r, HAND.length);
    expect(r.misses).toEqual([]);
  });

  test('generated selectors: the module reads them as apimachinery does', () => {
    const seed = Number(process.env.PROPERTY_SEED ?? 20261205);
    const numRuns = Number(process.env.PROPERTY_RUNS ?? 3000);
    const cases = fc.sample(selectorArb, { seed, numRuns }).map((value, i) => selectorCase(`generated #${i}`, value));
    const r = differential(cases);
    report(`label-selector differential (generated, seed ${seed}: PROPERTY_SEED=${seed} to run them again)`, r, cases.length);
    // both sides of the comparison are exercised: selectors admitted and refused
    expect(r.admitted).toBeGreaterThan(cases.length / 4);
    expect(r.admitted).toBeLessThan(cases.length);
    expect(r.misses.slice(0, 20)).toEqual([]);
  });
});
