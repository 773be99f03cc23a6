/**
 * A rule that throws on one object (a defect of the tool) does not end the audit: it is an
 * internal error of that object, at its file:line:col, naming the rule and the error's first
 * line; every other rule and object is audited and reported; the run exits 2 (a rule that
 * failed judged nothing: never a pass), and no baseline is written from it. The throwing rule
 * is injected here only (a spy on one rule's check).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RuleCatalogue, RuleId } from '../../src';
import { audit } from '../../src/cli/audit';

const TASKS = 'apiVersion: tekton.dev/v1\nkind: Task\nmetadata: {name: bad, namespace: ci}\nspec:\n  steps:\n  - {name: a, image: alpine, script: "#!/bin/sh\\necho"}\n'
  + '---\napiVersion: tekton.dev/v1\nkind: Task\nmetadata: {name: good, namespace: ci}\nspec:\n  steps:\n  - {name: a, image: alpine, script: "#!/bin/sh\\necho"}\n';
const MESSAGE = "internal error: rule IMAGE_DIGEST failed on Task/ci/bad: TypeError: Cannot read properties of null (reading 'image'); please report it";

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'internal-errors-')));
  file = path.join(dir, 'tasks.yaml');
  fs.writeFileSync(file, TASKS);
  // IMAGE_DIGEST throws on the Task named bad, as a rule with a defect would
  const rule = RuleCatalogue.find(RuleId.IMAGE_DIGEST)!;
  const check = rule.check.bind(rule);
  jest.spyOn(rule, 'check').mockImplementation((m: any, context?: any) => {
    if (m?.metadata?.name === 'bad') throw new TypeError("Cannot read properties of null (reading 'image')\n    at a line the report leaves out");
    return check(m, context);
  });
});
afterEach(() => {
  jest.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

const rulesOf = (findings: any[], name: string) => [...new Set(findings.filter((f) => f.name === name).map((f) => f.rule))].sort();

describe('a rule that throws on one object', () => {
  test('json: an internalErrors entry at the object, the other rules of that object and every rule of the others reported; exit 2; schema 2 validates', () => {
    const r = audit([file], 'json');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`error: ${file}:1:1: ${MESSAGE}\n`);
    const report = JSON.parse(r.stdout);
    expect(report.internalErrors).toEqual([{ file, line: 1, column: 1, object: 'Task/ci/bad', rule: 'IMAGE_DIGEST', message: MESSAGE }]);
    expect(report.summary).toMatchObject({ internalErrors: 1, unreadFiles: 0, objects: 2 });
    const all = rulesOf(report.findings, 'good');
    expect(all).toContain('IMAGE_DIGEST');
    expect(rulesOf(report.findings, 'bad')).toEqual(all.filter((rule) => rule !== 'IMAGE_DIGEST'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Ajv = require('ajv').default;
    const validate = new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'audit-output.schema.json'), 'utf8')));
    expect(validate(report) ? [] : validate.errors).toEqual([]);
  });

  test('text: a file:line:col: error: line after the findings, and the totals say the findings are partial', () => {
    const r = audit([file]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toContain(`${file}:1:1: error: ${MESSAGE}`);
    expect(lines.some((l) => l.includes('FAIL Task/ci/good') && l.includes('[IMAGE_DIGEST]'))).toBe(true);
    expect(lines.some((l) => l.includes('FAIL Task/ci/bad') && l.includes('[IMAGE_DIGEST]'))).toBe(false);
    expect(lines[lines.length - 1]).toMatch(/^1 file, 2 objects: \d+ findings failed, 0 relaxed, 1 internal error: the findings are partial \(a rule that failed judged nothing on its object\)$/);
  });

  test('sarif: a tool execution notification at the object, naming the rule; the execution is not successful', () => {
    const r = audit([file], { format: 'sarif', cwd: dir });
    expect(r.exitCode).toBe(2);
    const invocation = JSON.parse(r.stdout).runs[0].invocations[0];
    const index = RuleCatalogue.all().findIndex((rule) => rule.id === RuleId.IMAGE_DIGEST);
    expect(invocation).toEqual({
      executionSuccessful: false,
      toolExecutionNotifications: [{
        level: 'error',
        message: { text: MESSAGE },
        locations: [{
          physicalLocation: { artifactLocation: { uri: 'tasks.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 1, startColumn: 1 } },
          logicalLocations: [{ fullyQualifiedName: 'Task/ci/bad', kind: 'object' }],
        }],
        associatedRule: { id: 'IMAGE_DIGEST', index },
      }],
    });
  });

  test('the object in the second document is placed at its line; a rule that throws on every object is one error per object', () => {
    jest.restoreAllMocks();
    const rule = RuleCatalogue.find(RuleId.SCRIPT_SHEBANG)!;
    jest.spyOn(rule, 'check').mockImplementation(() => {
      throw new RangeError('Maximum call stack size exceeded');
    });
    const report = JSON.parse(audit([file], 'json').stdout);
    expect(report.internalErrors.map((e: any) => `${e.line}:${e.column} ${e.message}`)).toEqual([
      '1:1 internal error: rule SCRIPT_SHEBANG failed on Task/ci/bad: RangeError: Maximum call stack size exceeded; please report it',
      '8:1 internal error: rule SCRIPT_SHEBANG failed on Task/ci/good: RangeError: Maximum call stack size exceeded; please report it',
    ]);
  });

  test('--write-baseline writes nothing from such a run (exit 2), and keeps a baseline already there', () => {
    const baseline = path.join(dir, 'baseline.json');
    const r = audit([file], { writeBaseline: baseline });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`error: ${baseline}: baseline not written: 1 internal error (a rule failed), so the findings are partial\n`);
    expect(fs.existsSync(baseline)).toBe(false);
    fs.writeFileSync(baseline, 'kept');
    expect(audit([file], { writeBaseline: baseline }).exitCode).toBe(2);
    expect(fs.readFileSync(baseline, 'utf8')).toBe('kept');
  });

  test('JSON nested 9000 levels deep (kubectl reads 10000): an internal error of that object, the other file audited', () => {
    jest.restoreAllMocks();
    const deep = path.join(dir, 'deep.json');
    fs.writeFileSync(deep, `{"apiVersion": "tekton.dev/v1", "kind": "Task", "metadata": {"name": "t", "namespace": "ci"}, "spec": {"steps": [{"name": "a", "image": "alpine", "env": ${'['.repeat(9000)}${']'.repeat(9000)}}]}}`);
    const r = audit([deep, file], 'json');
    expect(r.exitCode).toBe(2);
    const report = JSON.parse(r.stdout);
    expect(report.internalErrors).toEqual([{
      file: deep,
      line: 1,
      column: 1,
      object: 'Task/ci/t',
      message: 'internal error: reading it as the API server stores it failed on Task/ci/t: RangeError: Maximum call stack size exceeded; please report it',
    }]);
    expect(new Set(report.findings.map((f: any) => f.name))).toEqual(new Set(['bad', 'good']));
  });

  test('with the rule mended, the same file is audited as usual (exit 1, no internal error)', () => {
    jest.restoreAllMocks();
    const r = audit([file], 'json');
    expect(r.exitCode).toBe(1);
    expect(JSON.parse(r.stdout).internalErrors).toEqual([]);
  });
});
