/**
 * What is written is what was checked: every value and key that cdk8s's YAML writer
 * would write so that kubectl reads something else is refused at synth, naming the
 * object, the JSON path and what kubectl would read; values JSON has no place for
 * (undefined) are written as they were checked.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, JsonPatch, Testing } from 'cdk8s';
import { Relaxations, RuleId, SecurePipeline, SecurePipelineRun, SecureTask } from '../../../src';
import { readManifests } from '../../../src/cli/read-yaml';
import { isSealed } from '../../../src/policy/engine/annotations';
import { probe, WrittenYaml } from '../../../src/policy/engine/written-yaml';
import { SecureTektonError } from '../../../src/policy/errors';
import { step } from '../../helpers/constructs';

const chart = () => new Chart(Testing.app(), 'c', { namespace: 'ci' });

/** The message of the SecureTektonError `f` throws. */
function messageOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof SecureTektonError) return e.message;
    throw e;
  }
  throw new Error('did not throw');
}

/** A pipeline run with one param value. */
function runWithParam(value: string): Chart {
  const c = chart();
  const t = new SecureTask(c, 't', { parameters: [{ name: 'value' }], steps: [step({ env: { V: '$(params.value)' } })] });
  const p = new SecurePipeline(c, 'p', { parameters: [{ name: 'value' }] });
  p.addTask({ task: t, parameters: { value: '$(params.value)' } });
  new SecurePipelineRun(c, 'r', { pipeline: p, parameters: { value } });
  return c;
}

/** A chart with a task (so the library checks it) and a ConfigMap patched with `ops`. */
function configMapWith(...ops: JsonPatch[]): Chart {
  const c = chart();
  new SecureTask(c, 't', { steps: [step()] });
  new ApiObject(c, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }).addJsonPatch(...ops);
  return c;
}

describe('refused: kubectl would read otherwise what was checked', () => {
  test.each([
    ['NEL (read as a line break)', 'a\u0085b',
      "SecurePipelineRun 'c/r': spec.params[0].value \"a\u0085b\" holds U+0085 (next line), which cdk8s writes as it is: kubectl reads the string \"a b\" [VALID_SPEC]. Remove the character, e.g. value.replace(/\\u0085/g, ''), or use '\\n' for a line break."],
    ['LS alone (read as null)', '\u2028',
      "SecurePipelineRun 'c/r': spec.params[0].value \"\u2028\" holds U+2028 (line separator), which cdk8s writes as it is: kubectl reads null [VALID_SPEC]. Remove the character, e.g. value.replace(/\\u2028/g, ''), or use '\\n' for a line break."],
    ['PS (kubectl refuses the file)', 'a\u2029b',
      "SecurePipelineRun 'c/r': spec.params[0].value \"a\u2029b\" holds U+2029 (paragraph separator), which cdk8s writes as it is: kubectl refuses the file (invalid YAML: U+2029 (paragraph separator) is a line break to kubectl's YAML parser; use \\n, or \\L and \\P in a double-quoted string) [VALID_SPEC]. Remove the character, e.g. value.replace(/\\u2029/g, ''), or use '\\n' for a line break."],
    ['DEL (kubectl refuses the file)', 'a\u007f',
      "SecurePipelineRun 'c/r': spec.params[0].value \"a\u007f\" holds U+007F (delete), which cdk8s writes as it is: kubectl refuses the file (invalid YAML: control characters are not allowed (U+007F)) [VALID_SPEC]. Remove the character, e.g. value.replace(/\\u007f/g, '')."],
    ['a noncharacter', '\uffff',
      "SecurePipelineRun 'c/r': spec.params[0].value \"\uffff\" holds U+FFFF, which cdk8s writes as it is: kubectl refuses the file (invalid YAML: control characters are not allowed (U+FFFF)) [VALID_SPEC]. Remove the character, e.g. value.replace(/\\uffff/g, '')."],
    ['an unpaired surrogate', 'a\ud800',
      "SecurePipelineRun 'c/r': spec.params[0].value \"a\\ud800\" holds U+D800, which cdk8s writes as it is: kubectl refuses the file (invalid YAML: found invalid Unicode character escape code) [VALID_SPEC]. Remove the character, e.g. value.replace(/\\ud800/g, '')."],
    ['0o17 (read as 15)', '0o17',
      "SecurePipelineRun 'c/r': spec.params[0].value \"0o17\" is written unquoted by cdk8s's YAML writer, and kubectl reads it as the number 15 [VALID_SPEC]. Use a value that no YAML reader takes for a number, boolean or null, e.g. 'v0o17'."],
    ['7e_1 (go-yaml drops the underscore: 70)', '7e_1',
      "SecurePipelineRun 'c/r': spec.params[0].value \"7e_1\" is written unquoted by cdk8s's YAML writer, and kubectl reads it as the number 70 [VALID_SPEC]. Use a value that no YAML reader takes for a number, boolean or null, e.g. 'v7e_1'."],
  ])('run param with %s', (_name, value, message) => {
    expect(messageOf(() => Testing.synth(runWithParam(value)))).toContain(message);
  });

  test('a SecureTask name that kubectl reads as a number is refused at construction', () => {
    expect(messageOf(() => new SecureTask(chart(), 't', { name: '0o10', steps: [step()] }))).toBe(
      "SecureTask 'c/t': name \"0o10\" is written unquoted by cdk8s's YAML writer, and kubectl reads it as the number 8 [VALID_NAME]. Use a name that starts with a letter, e.g. 'v0o10'.",
    );
    expect(messageOf(() => new SecureTask(chart(), 't', { name: '0b-1', steps: [step()] }))).toContain('kubectl reads it as the number -1 [VALID_NAME]');
  });

  test('the merge key "<<" added by an escape hatch', () => {
    expect(messageOf(() => Testing.synth(configMapWith(JsonPatch.add('/data', { '<<': { a: 'b' } }))))).toContain(
      "ConfigMap 'c/cm' 'x': data[\"<<\"] \"<<\" is the YAML merge key: cdk8s writes it unquoted, and kubectl merges the map it holds into the object around it [VALID_SPEC]. Remove the key (JsonPatch.remove('/data/<<')) and set the fields it holds on the object itself.",
    );
  });

  test('a key kubectl reads as a number', () => {
    expect(messageOf(() => Testing.synth(configMapWith(JsonPatch.add('/data', { '0o10': 'b' }))))).toContain(
      "ConfigMap 'c/cm' 'x': data[\"0o10\"] \"0o10\" is a key cdk8s cannot write so that kubectl reads it back: kubectl reads the key as the string \"8\" [VALID_SPEC]. Use another key.",
    );
  });

  test('nothing is written', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'written-yaml-'));
    try {
      const app = new App({ outdir });
      const c = new Chart(app, 'c', { namespace: 'ci' });
      new SecureTask(c, 't', { steps: [step()] });
      new ApiObject(c, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: 'x\u2029y' } } as any);
      expect(() => app.synth()).toThrow(/U\+2029/);
      expect(fs.readdirSync(outdir)).toEqual([]);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('written as checked', () => {
  test('an undefined escape-hatch value is absent in what is checked, sealed and written', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'written-yaml-'));
    try {
      const app = new App({ outdir });
      const c = new Chart(app, 'c', { namespace: 'ci' });
      const t = new SecureTask(c, 't', { steps: [step({ image: 'docker.io/library/alpine:3.20' })] });
      const task = c.node.findAll().filter(ApiObject.isApiObject).find((o) => o.kind === 'Task')!;
      task.addJsonPatch(JsonPatch.add('/spec/description', undefined));
      Relaxations.of(t).add({ rule: RuleId.IMAGE_DIGEST, reason: 'the vendor image needs this' });
      app.synth();
      const [read] = readManifests([outdir]).objects.map((m) => m.object).filter((o) => o.kind === 'Task');
      expect('description' in read.spec).toBe(false);
      expect(isSealed(read)).toBe(true);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test.each([
    'yes', 'on', '~', 'null', '', '0', '-1', '1e3', '0x10', '0777', '08', '.5', '1:20', '2001-12-14', '<<', '=', '- x', 'a: b', '#x', ' x', 'x ',
    'x\n---\ny', '\r', 'a\rb', '\t', '\u0000\u001b', '\ufeff', '\u200b', '\u{1f600}', '\u00a0', '$(params.x)',
  ])('%j is written so that kubectl reads it back', (s) => {
    expect(probe(s, false)).toBeUndefined();
  });

  test('only suspect strings are probed, each once', () => {
    const w = new WrittenYaml();
    const json = { a: 'plain', b: ['a', 'b'], c: { d: 'yes', e: 'yes' } };
    expect(w.check(json)).toEqual([]);
    expect(json).toEqual({ a: 'plain', b: ['a', 'b'], c: { d: 'yes', e: 'yes' } });
    expect((w as any).values.size).toBe(1);
  });

  test('a string that starts like one of go-yaml\'s words is probed up to their length (5), not beyond', () => {
    const w = new WrittenYaml();
    expect(w.check({ a: 'FALSE', b: 'False', c: 'off', d: 'Falsey', e: 'namespace', f: 'never', g: 'Nulls' })).toEqual([]);
    expect([...(w as any).values.keys()].sort()).toEqual(['FALSE', 'False', 'off']);
  });

  test('undefined: a key is dropped, an item is null (as written)', () => {
    const json: any = { a: undefined, b: [undefined, 'x'] };
    expect(new WrittenYaml().check(json)).toEqual([]);
    expect(json).toStrictEqual({ b: [null, 'x'] });
  });

  test('-0 is written as kubectl reads it, 0', () => {
    const json: any = { a: -0, b: [-0] };
    expect(new WrittenYaml().check(json)).toEqual([]);
    expect(Object.is(json.a, 0) && Object.is(json.b[0], 0)).toBe(true);
  });

  test('a non-finite number is refused (kubectl cannot make JSON of it)', () => {
    expect(new WrittenYaml().check({ spec: { x: NaN } })).toEqual([{
      path: 'spec.x',
      pointer: '/spec/x',
      value: 'NaN',
      problem: 'is written as .nan, which kubectl cannot turn into JSON (it refuses the file)',
      fix: "Use a finite number, or remove it: JsonPatch.remove('/spec/x').",
    }]);
  });
});
