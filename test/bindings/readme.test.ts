/**
 * The README's quick start runs as shown: the TypeScript app synthesizes, the Python
 * and Java apps are the ones the bindings smoke test runs (test/bindings/python/quick_start.py,
 * test/bindings/java/src/main/java/Main.java),
 * and the refused variant fails with exactly the refusal the README shows.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { quickStart, RELAXED_IMAGE, RELAXED_REASON, ROOT, runApp, withRelaxedImage, withScript, withSortedEnv } from './readme';
import * as library from '../../src';
import { SecureTektonError } from '../../src/policy/errors';

const QUICK_START = quickStart();

function outdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'quick-start-'));
}

test('the TypeScript quick start synthesizes one chart: ci.k8s.yaml to apply, runs/ci.k8s.yaml to create', () => {
  const out = outdir();
  expect(runApp(QUICK_START.typescript, library, out)).toBeUndefined();
  expect(fs.readdirSync(out)).toEqual(['ci.k8s.yaml', 'runs']);
  const kindsIn = (file: string) => [...fs.readFileSync(path.join(out, file), 'utf8').matchAll(/^kind: (\S+)$/gm)].map((m) => m[1]);
  expect(kindsIn('ci.k8s.yaml')).toEqual(expect.arrayContaining(['Task', 'Pipeline', 'ServiceAccount']));
  expect(kindsIn('ci.k8s.yaml')).not.toContain('PipelineRun');
  expect(kindsIn(path.join('runs', 'ci.k8s.yaml'))).toEqual(['PipelineRun']);
});

test('the Python quick start is test/bindings/python/quick_start.py', () => {
  expect(QUICK_START.python).toBe(fs.readFileSync(path.join(ROOT, 'test', 'bindings', 'python', 'quick_start.py'), 'utf8'));
});

test('the Java quick start is test/bindings/java/src/main/java/Main.java', () => {
  expect(QUICK_START.java).toBe(fs.readFileSync(path.join(ROOT, 'test', 'bindings', 'java', 'src', 'main', 'java', 'Main.java'), 'utf8'));
});

test('the refused variant stops synth with the refusal the README shows, and writes nothing', () => {
  const out = outdir();
  const e = runApp(withScript(QUICK_START.typescript, QUICK_START.refusedScript), library, out);
  expect(e).toBeInstanceOf(SecureTektonError);
  expect((e as Error).message).toBe(QUICK_START.refusal);
  expect(fs.readdirSync(out)).toEqual([]);
  expect(library.SecureTektonErrors.refusalsOfMessage(QUICK_START.refusal)).toEqual(library.SecureTektonErrors.refusalsOf(e));
});

test('the quick start with its env keys sorted, as Go passes a map (test/bindings/run.ts)', () => {
  expect(withSortedEnv(QUICK_START.typescript)).toBe(QUICK_START.typescript.replace(
    "env: { REVISION: '$(params.revision)', GOCACHE: '/tmp/go-cache', GOPATH: '/tmp/go' }",
    "env: { GOCACHE: '/tmp/go-cache', GOPATH: '/tmp/go', REVISION: '$(params.revision)' }"));
});

test('the quick start with its image by tag is refused by IMAGE_DIGEST, and synthesizes with the fix written in (test/bindings/run.ts)', () => {
  const refused = runApp(withRelaxedImage(QUICK_START.typescript, false), library, outdir());
  expect(library.SecureTektonErrors.refusalsOf(refused).map((r) => [r.rule, r.property, r.value])).toEqual([[library.RuleId.IMAGE_DIGEST, 'image', RELAXED_IMAGE]]);
  expect((refused as Error).message).toContain("add relaxations: [{ rule: RuleId.IMAGE_DIGEST, reason: '<why>' }] to step 'test'.");
  const out = outdir();
  expect(runApp(withRelaxedImage(QUICK_START.typescript), library, out)).toBeUndefined();
  const yaml = fs.readFileSync(path.join(out, 'ci.k8s.yaml'), 'utf8');
  expect(yaml).toContain(`secure-tekton/relax.IMAGE_DIGEST: "step/test: ${RELAXED_REASON}"`);
  expect(yaml).toContain(`image: ${RELAXED_IMAGE}\n`);
});
