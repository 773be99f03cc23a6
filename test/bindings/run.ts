/**
 * Smoke tests of the packages `npx projen package-all` builds into dist/: the README's
 * quick start from Python, Go and Java, with the YAML compared byte for byte with what
 * the TypeScript quick start synthesizes from lib/, and the error helpers read from
 * the refusals those languages receive. See test/bindings/README.md.
 *
 *   ts-node test/bindings/run.ts [--report FILE] [--only python,go,java]
 *
 * Prints one line per check and `bindings: N passed, N failed` last; exits 1 if a check
 * failed. A language whose package is not in dist/ fails (Java is skipped when Maven
 * is not installed). --report writes { passed, failed } as JSON.
 */
import { spawnSync, SpawnSyncOptions } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { quickStart, ROOT, runApp, withRelaxedImage, withScript, withSortedEnv } from './readme';
import { RENAMED, RENAMED_READS } from './renamed';

/** The step scripts of the refused variants: the README's (refused at synth) and one refused by the SecureTask constructor. */
const QUICK_START = quickStart();
const REFUSED: Record<string, string> = {
  'refused at synth': QUICK_START.refusedScript,
  'refused at construction': '#!/bin/sh\ngo test $(params.pkg)\n',
};

/**
 * Differences from the TypeScript YAML that are known defects of the library, by
 * language: the check passes when the YAML equals the TypeScript quick start with
 * `variant` applied, and fails (so that the entry is removed) once it equals the
 * quick start itself.
 */
const KNOWN_DIFFERENCES: Record<string, { reason: string; variant: (app: string) => string }> = {
  go: {
    reason: 'a step\'s env is written in the order of the map\'s keys, and jsii\'s Go runtime passes a map sorted by key',
    variant: withSortedEnv,
  },
};

const ENV = {
  ...process.env,
  JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: process.versions.node.split('.')[0],
  JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION: '1',
};

interface Result { readonly name: string; readonly ok: boolean; readonly detail?: string }
const results: Result[] = [];

/** Records and prints a check; `detail` says why it failed, `note` is printed either way. */
function check(name: string, ok: boolean, detail?: string, note?: string): boolean {
  results.push({ name, ok, detail });
  const shown = [ok ? undefined : detail, note].filter((t) => t);
  console.log(`${ok ? 'ok' : 'not ok'} - ${name}${shown.map((t) => `\n    ${t!.split('\n').join('\n    ')}`).join('')}`);
  return ok;
}

function run(cmd: string, args: string[], options: SpawnSyncOptions = {}): { ok: boolean; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: ENV, maxBuffer: 64 * 1024 * 1024, ...options });
  const stdout = String(r.stdout ?? '');
  const stderr = String(r.stderr ?? '') + (r.error ? String(r.error) : '');
  return { ok: r.status === 0, stdout, stderr };
}

function tail(text: string, lines = 15): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}

/** Every file under `dir`, relative, sorted. */
function files(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)).map((f) => path.join(e.name, f)) : [e.name]).sort();
}

/** undefined if both folders hold the same files, byte for byte; else what differs first. */
function difference(expected: string, actual: string): string | undefined {
  const [a, b] = [files(expected), files(actual)];
  if (a.join('\n') !== b.join('\n')) return `files ${JSON.stringify(b)}, expected ${JSON.stringify(a)}`;
  for (const f of a) {
    const [x, y] = [fs.readFileSync(path.join(expected, f)), fs.readFileSync(path.join(actual, f))];
    if (x.equals(y)) continue;
    const [xl, yl] = [x.toString('utf8').split('\n'), y.toString('utf8').split('\n')];
    const i = xl.findIndex((l, k) => l !== yl[k]);
    return `${f} differs from line ${i + 1}:\n  expected ${JSON.stringify(xl.slice(i, i + 3))}\n  got      ${JSON.stringify(yl.slice(i, i + 3))}`;
  }
  return undefined;
}

/** What the TypeScript quick start writes, and what the helpers read from its refusals. */
interface Reference {
  readonly quickStart: string;
  readonly variants: Record<string, string>;
  readonly refusals: Record<string, { isSecureTektonError: boolean; rule: unknown; refusals: unknown }>;
  /** What the quick start with its image by tag and the relaxation of IMAGE_DIGEST writes. */
  readonly relaxed: string;
  /** The same with each language's known difference (KNOWN_DIFFERENCES) applied. */
  readonly relaxedVariants: Record<string, string>;
  /** The refusals (`<RULE> <line>`) of the quick start with its image by tag, not relaxed. */
  readonly unrelaxed: string[];
  /** How many rules the catalogue has: one check per rule for every object of a posture report. */
  readonly rules: number;
  /** What refusalsOf reads from EgressPeer.cidr('198.51.100.0/24', ['10.0.0.0/8']) given to a pipeline's egress.allow. */
  readonly exceptRefusals: unknown;
  /** What the quick start without its step's workingDir writes (a Python dict's working_dir, which jsii drops). */
  readonly noWorkingDir: string;
  /** What the app of python/renamed.py writes in TypeScript (RENAMED), if it synthesizes. */
  readonly renamed?: string;
}

function typescriptReference(tmp: string): Reference | undefined {
  const lib = path.join(ROOT, 'lib', 'index.js');
  if (!check('typescript: lib/ is compiled', fs.existsSync(lib), fs.existsSync(lib) ? undefined : 'run npx projen compile first')) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const library = require(lib);
  const out = (name: string) => path.join(tmp, 'typescript', name);
  const thrown = runApp(QUICK_START.typescript, library, out('quick-start'));
  if (!check('typescript: the quick start synthesizes', thrown === undefined && files(out('quick-start')).length > 0, thrown ? String(thrown) : undefined)) return undefined;
  const variants: Record<string, string> = {};
  const relaxedVariants: Record<string, string> = {};
  for (const [language, known] of Object.entries(KNOWN_DIFFERENCES)) {
    variants[language] = out(`quick-start-${language}`);
    runApp(known.variant(QUICK_START.typescript), library, variants[language]);
    relaxedVariants[language] = out(`quick-start-relaxed-${language}`);
    runApp(known.variant(withRelaxedImage(QUICK_START.typescript)), library, relaxedVariants[language]);
  }
  const refusals: Reference['refusals'] = {};
  for (const [name, script] of Object.entries(REFUSED)) {
    const e = runApp(withScript(QUICK_START.typescript, script), library, out(name));
    const errors = library.SecureTektonErrors;
    refusals[name] = { isSecureTektonError: errors.isSecureTektonError(e), rule: errors.ruleOf(e) ?? null, refusals: errors.refusalsOf(e) };
    check(`typescript: ${name}: the message helpers read what the object helpers read`, e instanceof Error
      && errors.isSecureTektonErrorMessage(e.message)
      && JSON.stringify(errors.refusalsOfMessage(e.message)) === JSON.stringify(refusals[name].refusals)
      && JSON.stringify(errors.refusalsOfMessage(`SecureTektonError: ${e.message}`)) === JSON.stringify(refusals[name].refusals));
  }
  const relaxedThrown = runApp(withRelaxedImage(QUICK_START.typescript), library, out('quick-start-relaxed'));
  check('typescript: the quick start with its image by tag and a relaxation of IMAGE_DIGEST synthesizes', relaxedThrown === undefined,
    relaxedThrown ? String(relaxedThrown) : undefined);
  const unrelaxed = runApp(withRelaxedImage(QUICK_START.typescript, false), library, out('quick-start-unrelaxed'));
  const unrelaxedLines = library.SecureTektonErrors.refusalsOf(unrelaxed).map((r: { rule: string; message: string }) => `${r.rule} ${r.message}`);
  check('typescript: without the relaxation, the image by tag is refused', unrelaxedLines.length > 0, String(unrelaxed));
  // egress_except.py's allowance, in TypeScript
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cdk8s = require('cdk8s');
  const pipeline = new library.SecurePipeline(new cdk8s.Chart(new cdk8s.App({ outdir: out('except') }), 'ci', { namespace: 'ci' }), 'notify');
  let exceptRefusals: unknown = [];
  try {
    pipeline.egress.allow(library.EgressPeer.cidr('198.51.100.0/24', ['10.0.0.0/8']), [library.EgressPort.tcp(443)]);
  } catch (e) {
    exceptRefusals = library.SecureTektonErrors.refusalsOf(e)
      .map((r: any) => ({ path: r.path, rule: r.rule, property: r.property, value: r.value, message: r.message }));
  }
  check('typescript: an except outside the peer\'s block is refused, naming exceptCidrs', JSON.stringify(exceptRefusals).includes('"property":"exceptCidrs"'), JSON.stringify(exceptRefusals));
  // dict_keys.py's step with a snake_case key, which jsii drops: the quick start without workingDir
  const noWorkingDir = QUICK_START.typescript.replace(/^ *workingDir: .*\n/m, '');
  check('typescript: the quick start without workingDir synthesizes', noWorkingDir !== QUICK_START.typescript
    && runApp(noWorkingDir, library, out('no-working-dir')) === undefined);
  // python/renamed.py's app, in TypeScript: every renamed member
  const renamedThrown = runApp(RENAMED, library, out('renamed'));
  const renamed = check('typescript: the app with every renamed member (renamed.ts) synthesizes', renamedThrown === undefined,
    renamedThrown ? String(renamedThrown) : undefined);
  return {
    quickStart: out('quick-start'),
    variants,
    refusals,
    relaxed: out('quick-start-relaxed'),
    relaxedVariants,
    unrelaxed: unrelaxedLines,
    rules: library.RuleCatalogue.all().length,
    exceptRefusals,
    noWorkingDir: out('no-working-dir'),
    renamed: renamed ? out('renamed') : undefined,
  };
}

/**
 * The YAML of a language's quick start, compared with TypeScript's (`expected`; `variants`:
 * TypeScript's with each language's known difference applied, by language).
 */
function compareYaml(language: string, ref: Reference, outdir: string,
  what = 'the quick start\'s YAML', expected = ref.quickStart, variants = ref.variants): void {
  const diff = difference(expected, outdir);
  const known = KNOWN_DIFFERENCES[language.split(' ')[0]];
  if (!known) {
    check(`${language}: ${what} is TypeScript's, byte for byte`, diff === undefined, diff);
    return;
  }
  if (diff === undefined) {
    check(`${language}: ${what} is TypeScript's, byte for byte`, false,
      `the known difference is gone (${known.reason}): remove it from KNOWN_DIFFERENCES in test/bindings/run.ts`);
    return;
  }
  const variantDiff = difference(variants[language.split(' ')[0]], outdir);
  check(`${language}: ${what} is TypeScript's, byte for byte, but for a known difference`, variantDiff === undefined,
    `${diff}\n${variantDiff}`, `known difference: ${known.reason}`);
}

/** A refused variant's output (JSON on stdout) compared with what TypeScript's helpers read. */
function compareRefusal(language: string, name: string, ref: Reference, r: { ok: boolean; stdout: string; stderr: string }, outdir: string,
  expectObjectHelpers: unknown): void {
  let got: any;
  try {
    got = JSON.parse(r.stdout);
  } catch {
    check(`${language}: ${name}`, false, tail(`${r.stdout}\n${r.stderr}`));
    return;
  }
  const expected = ref.refusals[name];
  const same = r.ok && got.isSecureTektonError === expected.isSecureTektonError && got.rule === expected.rule
    && JSON.stringify(got.refusals) === JSON.stringify(expected.refusals);
  check(`${language}: ${name}: the *Message helpers read every refusal (${String(expected.rule)}) as TypeScript's helpers do`, same,
    same ? undefined : `got ${JSON.stringify({ rule: got.rule, refusals: got.refusals })}\nexpected ${JSON.stringify(expected)}`);
  check(`${language}: ${name}: the caught ${got.exception} given to isSecureTektonError: ${JSON.stringify(got.objectHelpers)}`,
    JSON.stringify(got.objectHelpers) === JSON.stringify(expectObjectHelpers), `expected ${JSON.stringify(expectObjectHelpers)}`);
  check(`${language}: ${name}: nothing was written`, files(outdir).length === 0, files(outdir).join(', '));
  if (got.readmeRefusals !== undefined) {
    const readme = JSON.stringify(got.readmeRefusals) === JSON.stringify(expected.refusals);
    check(`${language}: ${name}: the README's way of catching a refusal reads every refusal`, readme,
      readme ? undefined : `got ${JSON.stringify(got.readmeRefusals)}\nexpected ${JSON.stringify(expected.refusals)}`);
  }
}

function python(ref: Reference, tmp: string): void {
  const wheels = fs.existsSync(path.join(ROOT, 'dist', 'python')) ? fs.readdirSync(path.join(ROOT, 'dist', 'python')).filter((f) => f.endsWith('.whl')) : [];
  if (!check('python: dist/python holds one wheel', wheels.length === 1, `found ${JSON.stringify(wheels)}: run npx projen package:python`)) return;
  const venv = path.join(tmp, 'venv');
  const created = run('python3', ['-m', 'venv', venv]);
  if (!check('python: a virtual environment', created.ok, tail(created.stderr))) return;
  const py = path.join(venv, 'bin', 'python');
  // the jsii dependencies at the versions npm installed, so that both sides run the same cdk8s
  const pins = ['cdk8s', 'constructs', 'cdk8s-plus-28']
    .map((dep) => `${dep}==${JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', dep, 'package.json'), 'utf8')).version}`);
  const pipInstall = run(py, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', path.join(ROOT, 'dist', 'python', wheels[0]), ...pins]);
  if (!check(`python: pip installs the wheel with ${pins.join(', ')} from PyPI`, pipInstall.ok, tail(pipInstall.stderr))) return;

  const dir = path.join(ROOT, 'test', 'bindings', 'python');
  const out = path.join(tmp, 'python', 'quick-start');
  const synth = run(py, [path.join(dir, 'quick_start.py')], { cwd: tmp, env: { ...ENV, CDK8S_OUTDIR: out } });
  if (!check('python: the quick start synthesizes', synth.ok, tail(synth.stderr))) return;
  compareYaml('python', ref, out);
  for (const [name, script] of Object.entries(REFUSED)) {
    const outdir = path.join(tmp, 'python', name);
    const r = run(py, [path.join(dir, 'refused.py'), script], { cwd: tmp, env: { ...ENV, CDK8S_OUTDIR: outdir } });
    compareRefusal('python', name, ref, r, outdir, { raises: 'AttributeError' });
  }
  // a refusal's fix, written in Python as the README says it reads (test/bindings/python/relaxed.py)
  const relaxed = path.join(dir, 'relaxed.py');
  const unrelaxed = run(py, [relaxed, 'none'], { cwd: tmp, env: { ...ENV, CDK8S_OUTDIR: path.join(tmp, 'python', 'unrelaxed') } });
  check('python: the quick start with its image by tag is refused as in TypeScript', unrelaxed.ok && unrelaxed.stdout.trim() === ref.unrelaxed.join('\n'),
    `got ${JSON.stringify(unrelaxed.stdout.trim())}\nexpected ${JSON.stringify(ref.unrelaxed.join('\n'))}\n${tail(unrelaxed.stderr)}`);
  const spellings: Record<string, string> = {
    struct: 'relaxations=[Relaxation(...)] on the step',
    dict: 'relaxations=[{"rule": ..., "reason": ...}] on the step',
    add: 'Relaxations.of(test).add(Relaxation(..., target=RelaxationTarget.step("test")))',
  };
  for (const [spelling, written] of Object.entries(spellings)) {
    const outdir = path.join(tmp, 'python', `relaxed-${spelling}`);
    const r = run(py, [relaxed, spelling], { cwd: tmp, env: { ...ENV, CDK8S_OUTDIR: outdir } });
    if (!check(`python: the refusal's fix written as the README reads it in Python (${written}) synthesizes`, r.ok,
      tail(`${r.stdout}\n${r.stderr}`))) continue;
    const diff = difference(ref.relaxed, outdir);
    check(`python: with ${written}, the YAML is TypeScript's, byte for byte`, diff === undefined, diff);
  }
  // the posture report's objects, structs jsii hands over by reference (python/posture.py)
  const posture = run(py, [path.join(dir, 'posture.py')], { cwd: tmp, env: { ...ENV, CDK8S_OUTDIR: path.join(tmp, 'python', 'posture') } });
  let read: { objects: Array<{ kind: string; checks: unknown[] }>; json: unknown } | undefined;
  try {
    read = posture.ok ? JSON.parse(posture.stdout) : undefined;
  } catch {
    read = undefined;
  }
  const kinds = read?.objects.map((o) => o.kind).sort().join(',');
  check('python: PostureReport.from_app(app).objects reads every object and check of the quick start, as its to_json() writes them',
    read !== undefined && JSON.stringify(read.objects) === JSON.stringify(read.json)
      && kinds === 'NetworkPolicy,NetworkPolicy,Pipeline,PipelineRun,ServiceAccount,Task' && read.objects.every((o) => o.checks.length === ref.rules),
    read === undefined ? tail(`${posture.stdout}\n${posture.stderr}`) : `kinds ${kinds}; objects ${JSON.stringify(read.objects).slice(0, 400)}\njson ${JSON.stringify(read.json).slice(0, 400)}`);
  // the quick start's step as a dict (python/dict_keys.py): TypeScript's keys are read, snake_case keys refused
  const camel = path.join(tmp, 'python', 'dict-camel');
  const camelRun = run(py, [path.join(dir, 'dict_keys.py'), 'camel'], { cwd: tmp, env: { ...ENV, CDK8S_OUTDIR: camel } });
  if (check('python: the quick start with its step as a dict with TypeScript\'s keys ({"workingDir": ...}) synthesizes', camelRun.ok,
    tail(`${camelRun.stdout}\n${camelRun.stderr}`))) compareYaml('python (dict)', ref, camel);
  const snakeOut = path.join(tmp, 'python', 'dict-snake');
  const snake = run(py, [path.join(dir, 'dict_keys.py'), 'snake'], { cwd: tmp, env: { ...ENV, CDK8S_OUTDIR: snakeOut } });
  const snakeDiff = snake.ok ? difference(ref.noWorkingDir, snakeOut) : tail(`${snake.stdout}\n${snake.stderr}`);
  check('python: with a snake_case key ({"working_dir": ...}) in the dict, jsii drops it unseen: the YAML is the quick start\'s without workingDir (README)',
    snakeDiff === undefined, snakeDiff);
  // every renamed member as Python spells it (python/renamed.py): TypeScript's YAML, and what the read-only members read
  const renamedOut = path.join(tmp, 'python', 'renamed');
  const renamed = run(py, [path.join(dir, 'renamed.py')], { cwd: tmp, env: { ...ENV, CDK8S_OUTDIR: renamedOut } });
  if (check('python: the app with every renamed member (value_type, default_value, array_parameters, hub_type, namespace_name, except_cidrs …) synthesizes',
    renamed.ok, tail(`${renamed.stdout}\n${renamed.stderr}`)) && ref.renamed) {
    const renamedDiff = difference(ref.renamed, renamedOut);
    check('python: with every renamed member, the YAML is TypeScript\'s (renamed.ts), byte for byte', renamedDiff === undefined, renamedDiff);
    check('python: the renamed read-only members (auth_type, namespace_name, resolver_parameters, when_operator, a posture object\'s namespace_name) read what RENAMED_READS (renamed.ts) says',
      renamed.stdout.trim() === JSON.stringify(RENAMED_READS, null, 1), `got ${renamed.stdout.trim()}\nexpected ${JSON.stringify(RENAMED_READS, null, 1)}`);
  }
  // examples/golden-path/app.ts written in Python (python/golden_path.py): the example's YAML, byte for byte
  const goldenTs = path.join(tmp, 'typescript', 'golden-path');
  const example = run(path.join(ROOT, 'node_modules', '.bin', 'ts-node'), ['--transpile-only', '--project', path.join(ROOT, 'test', 'tsconfig.json'),
    '-e', `require(${JSON.stringify(path.join(ROOT, 'examples', 'golden-path', 'app'))}).goldenPathApp(${JSON.stringify(goldenTs)}).synth()`], { cwd: ROOT });
  const goldenPy = path.join(tmp, 'python', 'golden-path');
  const golden = run(py, [path.join(dir, 'golden_path.py')], { cwd: tmp, env: { ...ENV, CDK8S_OUTDIR: goldenPy } });
  if (check('typescript: the golden-path example synthesizes', example.ok, tail(example.stderr))
    && check('python: the golden-path example written in Python (golden_path.py) synthesizes', golden.ok, tail(`${golden.stdout}\n${golden.stderr}`))) {
    const goldenDiff = difference(goldenTs, goldenPy);
    check('python: the golden-path example\'s YAML is the TypeScript example\'s, byte for byte', goldenDiff === undefined, goldenDiff);
  }
  // an except outside the peer's block, given as except_cidrs (python/egress_except.py)
  const except = run(py, [path.join(dir, 'egress_except.py')], { cwd: tmp });
  check('python: EgressPeer.cidr(..., except_cidrs=[...]) outside the block is refused as TypeScript refuses it, naming exceptCidrs',
    except.ok && except.stdout.trim() === JSON.stringify(ref.exceptRefusals, null, 1),
    `got ${except.stdout.trim()}\nexpected ${JSON.stringify(ref.exceptRefusals, null, 1)}\n${tail(except.stderr)}`);
}

function go(ref: Reference, tmp: string): void {
  const pkg = path.join(ROOT, 'dist', 'go', 'cdk8ssecuretekton');
  if (!check('go: dist/go holds the module', fs.existsSync(path.join(pkg, 'go.mod')), 'run npx projen package:go')) return;
  const deps = ['cdk8s', 'constructs', 'cdk8s-plus-28'].filter((d) => !fs.existsSync(path.join(ROOT, 'node_modules', d, 'dist', 'go')));
  if (!check('go: the jsii dependencies\' Go bindings are built', deps.length === 0, `missing for ${deps.join(', ')}: run npx projen package:go`)) return;
  const dir = path.join(ROOT, 'test', 'bindings', 'go');
  const binary = path.join(tmp, 'go', 'smoke');
  const built = run('go', ['build', '-buildvcs=false', '-o', binary, '.'], { cwd: dir });
  if (!check('go: the smoke program builds', built.ok, tail(built.stderr))) return;

  const out = path.join(tmp, 'go', 'quick-start');
  const synth = run(binary, [], { cwd: tmp, env: { ...ENV, CDK8S_OUTDIR: out } });
  if (!check('go: the quick start synthesizes', synth.ok, tail(synth.stderr))) return;
  compareYaml('go', ref, out);
  // the README's Go quick start (go/quickstart/main.go, identical to it: readme.test.ts checks)
  const readmeBinary = path.join(tmp, 'go', 'quickstart');
  const readmeBuilt = run('go', ['build', '-buildvcs=false', '-o', readmeBinary, './quickstart'], { cwd: dir });
  if (check('go: the README\'s quick start (quickstart/main.go) builds', readmeBuilt.ok, tail(readmeBuilt.stderr))) {
    const readmeOut = path.join(tmp, 'go', 'readme-quick-start');
    const readme = run(readmeBinary, [], { cwd: tmp, env: { ...ENV, CDK8S_OUTDIR: readmeOut } });
    if (check('go: the README\'s quick start synthesizes', readme.ok, tail(readme.stderr))) compareYaml('go (README)', ref, readmeOut);
  }
  for (const [name, script] of Object.entries(REFUSED)) {
    const outdir = path.join(tmp, 'go', name);
    const r = run(binary, ['refused', script], { cwd: tmp, env: { ...ENV, CDK8S_OUTDIR: outdir } });
    compareRefusal('go', name, ref, r, outdir, { isSecureTektonError: false });
  }
  // a refusal's fix, written in Go as the README says it reads (smoke relaxed ...)
  const unrelaxed = run(binary, ['relaxed', 'none'], { cwd: tmp, env: { ...ENV, CDK8S_OUTDIR: path.join(tmp, 'go', 'unrelaxed') } });
  check('go: the quick start with its image by tag is refused as in TypeScript', unrelaxed.ok && unrelaxed.stdout.trim() === ref.unrelaxed.join('\n'),
    `got ${JSON.stringify(unrelaxed.stdout.trim())}\nexpected ${JSON.stringify(ref.unrelaxed.join('\n'))}\n${tail(unrelaxed.stderr)}`);
  const spellings: Record<string, string> = {
    struct: 'Relaxations: &[]*cdk8ssecuretekton.Relaxation{{Rule: cdk8ssecuretekton.RuleId_IMAGE_DIGEST, Reason: ...}} on the step',
    add: 'cdk8ssecuretekton.Relaxations_Of(test).Add(&cdk8ssecuretekton.Relaxation{..., Target: cdk8ssecuretekton.RelaxationTarget_Step(jsii.String("test"))})',
  };
  for (const [spelling, written] of Object.entries(spellings)) {
    const outdir = path.join(tmp, 'go', `relaxed-${spelling}`);
    const r = run(binary, ['relaxed', spelling], { cwd: tmp, env: { ...ENV, CDK8S_OUTDIR: outdir } });
    if (!check(`go: the refusal's fix written as the README reads it in Go (${written}) synthesizes`, r.ok,
      tail(`${r.stdout}\n${r.stderr}`))) continue;
    compareYaml('go', ref, outdir, `with ${written}, the YAML`, ref.relaxed, ref.relaxedVariants);
  }
}

/** The version npm installed of a dependency. */
function installed(dep: string): string {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', dep, 'package.json'), 'utf8')).version;
}

function java(ref: Reference, tmp: string): void {
  if (!run('mvn', ['-v']).ok) {
    console.log('# skip java: Maven is not installed');
    return;
  }
  const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
  const pom = path.join(ROOT, 'dist', 'java', 'dev', 'cdk8s-secure-tekton', 'cdk8s-secure-tekton', version, `cdk8s-secure-tekton-${version}.pom`);
  if (!check('java: dist/java holds the package', fs.existsSync(pom), 'run npx projen package:java')) return;
  const deps = ['cdk8s', 'constructs', 'cdk8s-plus-28'].filter((d) => !fs.existsSync(path.join(ROOT, 'node_modules', d, 'dist', 'java')));
  if (!check('java: the jsii dependencies\' Java bindings are built', deps.length === 0, `missing for ${deps.join(', ')}: run npx projen package:java`)) return;
  // Maven keeps a release it has resolved once: drop the copies of the packages built
  // here, so that the build takes them from dist/ and node_modules/ again
  const repo = path.join(os.homedir(), '.m2', 'repository');
  const versions = { cdk8s: installed('cdk8s'), constructs: installed('constructs'), plus: installed('cdk8s-plus-28') };
  for (const dir of [
    ['dev', 'cdk8s-secure-tekton', 'cdk8s-secure-tekton', version], ['org', 'cdk8s', 'cdk8s', versions.cdk8s],
    ['software', 'constructs', 'constructs', versions.constructs], ['org', 'cdk8s', 'cdk8s-plus-28', versions.plus],
  ]) fs.rmSync(path.join(repo, ...dir), { recursive: true, force: true });
  const build = path.join(tmp, 'java', 'build');
  const classpath = path.join(tmp, 'java', 'classpath.txt');
  const built = run('mvn', ['-q', '-B', `-Dmaven.repo.local=${repo}`, `-Dbuild.dir=${build}`, `-Dmdep.outputFile=${classpath}`,
    `-Dlibrary.version=${version}`, `-Dcdk8s.version=${versions.cdk8s}`, `-Dconstructs.version=${versions.constructs}`, `-Dcdk8s-plus.version=${versions.plus}`,
    'package', 'dependency:build-classpath'], { cwd: path.join(ROOT, 'test', 'bindings', 'java') });
  if (!check('java: the smoke program builds', built.ok, tail(`${built.stdout}\n${built.stderr}`))) return;

  const cp = [path.join(build, 'bindings-smoke-0.0.0.jar'), fs.readFileSync(classpath, 'utf8').trim()].join(path.delimiter);
  const mainClass = 'dev.cdk8s_secure_tekton.smoke.QuickStart';
  const out = path.join(tmp, 'java', 'quick-start');
  const synth = run('java', ['-cp', cp, mainClass], { cwd: tmp, env: { ...ENV, CDK8S_OUTDIR: out } });
  if (!check('java: the quick start synthesizes', synth.ok, tail(synth.stderr))) return;
  compareYaml('java', ref, out);
  // the README's Java quick start (java/src/main/java/Main.java, identical to it: readme.test.ts checks)
  const readmeOut = path.join(tmp, 'java', 'readme-quick-start');
  const readme = run('java', ['-cp', cp, 'Main'], { cwd: tmp, env: { ...ENV, CDK8S_OUTDIR: readmeOut } });
  if (check('java: the README\'s quick start (Main.java) synthesizes', readme.ok, tail(readme.stderr))) compareYaml('java (README)', ref, readmeOut);
  for (const [name, script] of Object.entries(REFUSED)) {
    const outdir = path.join(tmp, 'java', name);
    const r = run('java', ['-cp', cp, mainClass, 'refused', script], { cwd: tmp, env: { ...ENV, CDK8S_OUTDIR: outdir } });
    compareRefusal('java', name, ref, r, outdir, { isSecureTektonError: false });
  }
  // the posture report's objects, structs jsii hands over by reference (QuickStart posture)
  const posture = run('java', ['-cp', cp, mainClass, 'posture'], { cwd: tmp, env: { ...ENV, CDK8S_OUTDIR: path.join(tmp, 'java', 'posture') } });
  let read: { same: boolean; kinds: string[]; checks: number[] } | undefined;
  try {
    read = posture.ok ? JSON.parse(posture.stdout) : undefined;
  } catch {
    read = undefined;
  }
  check('java: PostureReport.fromApp(app).getObjects() reads every object and check of the quick start, as its toJson() writes them',
    read !== undefined && read.same && [...read.kinds].sort().join(',') === 'NetworkPolicy,NetworkPolicy,Pipeline,PipelineRun,ServiceAccount,Task'
      && read.checks.every((n) => n === ref.rules),
    read === undefined ? tail(`${posture.stdout}\n${posture.stderr}`) : JSON.stringify(read));
}

function main(): void {
  const args = process.argv.slice(2);
  const report = args.includes('--report') ? args[args.indexOf('--report') + 1] : undefined;
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : ['python', 'go', 'java'];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bindings-'));
  try {
    const ref = typescriptReference(tmp);
    if (ref) {
      if (only.includes('python')) python(ref, tmp);
      if (only.includes('go')) go(ref, tmp);
      if (only.includes('java')) java(ref, tmp);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const failed = results.filter((r) => !r.ok).length;
  const passed = results.length - failed;
  if (report) fs.writeFileSync(report, JSON.stringify({ passed, failed }));
  console.log(`bindings: ${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

main();
