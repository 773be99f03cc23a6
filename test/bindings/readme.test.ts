/**
 * The README's quick start runs as shown: the TypeScript app synthesizes, the Python,
 * Java and Go apps are the ones the bindings smoke test runs (test/bindings/python/quick_start.py,
 * test/bindings/java/src/main/java/Main.java, test/bindings/go/quickstart/main.go, and the
 * Go function that reads a refusal, in test/bindings/go/main.go),
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

test('the Go quick start is test/bindings/go/quickstart/main.go', () => {
  expect(QUICK_START.go).toBe(fs.readFileSync(path.join(ROOT, 'test', 'bindings', 'go', 'quickstart', 'main.go'), 'utf8'));
});

test('the Go function that reads a refusal is the one test/bindings/go/main.go runs', () => {
  const smoke = fs.readFileSync(path.join(ROOT, 'test', 'bindings', 'go', 'main.go'), 'utf8');
  const start = smoke.indexOf('\n', smoke.indexOf('// README: reading a refusal in Go')) + 1;
  const end = smoke.indexOf('// README end');
  expect(start).toBeGreaterThan(0);
  expect(QUICK_START.goRefusals).toMatch(/^\/\/ refusals runs build/);
  expect(QUICK_START.goRefusals).toBe(smoke.slice(start, end).replace(/\n+$/, '\n'));
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
