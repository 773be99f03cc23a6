import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import * as fx from './fixtures';
import { runTektonLint, writeManifests } from './tekton-lint';

// tekton-lint needs no reference schemas, so these tests always run.
describe('runTektonLint', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tekton-lint-test-'));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('writeManifests writes one YAML document per object', () => {
    const objs = [fx.task(), fx.pipeline()];
    const file = writeManifests(objs, path.join(dir, 'written'));
    expect(file).toBe(path.join(dir, 'written', 'manifests.yaml'));
    expect(parseAllDocuments(fs.readFileSync(file, 'utf8')).map((doc) => doc.toJSON())).toEqual(objs);
  });

  test('reports nothing for a clean Task, Pipeline and PipelineRun', () => {
    const file = writeManifests([fx.task(), fx.pipeline(), fx.pipelineRun(), fx.serviceAccount()], dir, 'clean.yaml');
    const result = runTektonLint([file]);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.raw).toEqual([]);
  });

  test('reports an undefined task as an error and an unused param as a warning', () => {
    const bad = fx.pipeline();
    bad.spec.tasks[0].taskRef.name = 'no-such-task';
    bad.spec.params.push({ name: 'unused', type: 'string' });
    const file = writeManifests([fx.task(), bad], dir, 'bad.yaml');
    const result = runTektonLint([file]);
    expect(result.errors).toEqual([expect.objectContaining({
      rule: 'no-missing-resource',
      level: 'error',
      path: file,
      message: expect.stringContaining("references task 'no-such-task'"),
    })]);
    expect(result.warnings).toEqual([expect.objectContaining({
      rule: 'no-unused-param',
      level: 'warning',
      message: expect.stringContaining("parameter 'unused'"),
    })]);
    expect(result.raw).toHaveLength(2);
  });

  test('throws when tekton-lint produces no report', () => {
    // tekton-lint writes its reason ("No paths match glob ...") through a pino transport, a worker thread that may not
    // flush before the process exits on a busy machine: the exit code is what it always gives
    expect(() => runTektonLint([path.join(dir, 'missing.yaml')])).toThrow(/^tekton-lint gave no report \(exit code 1\):\n/);
  });
});
