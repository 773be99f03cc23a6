/**
 * The command line: options, help, version, filters, and every usage error with its exact text.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { HELP, main, USAGE } from '../../src/cli/main';
import { InputError, parseManifests, readManifests } from '../../src/cli/read-yaml';

const REAL = path.join(__dirname, '..', 'fixtures', 'audit', 'real');
const INSECURE = path.join(__dirname, '..', 'fixtures', 'audit', 'insecure');

let out: jest.SpyInstance;
let err: jest.SpyInstance;
beforeEach(() => {
  out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => jest.restoreAllMocks());

const stdout = () => out.mock.calls.map((c) => String(c[0])).join('');
const stderr = () => err.mock.calls.map((c) => String(c[0])).join('');
const run = (...argv: string[]) => ({ code: main(argv), stdout: stdout(), stderr: stderr() });
/** A run whose output is its own (the earlier runs' of the test forgotten). */
const runAgain = (...argv: string[]) => {
  out.mockClear();
  err.mockClear();
  return run(...argv);
};
const rulesOf = (json: string) => [...new Set(JSON.parse(json).findings.map((f: any) => f.rule))].sort();

describe('--fail-on-hand-edit', () => {
  test('a finding relaxed by a hand-edited record fails the run with it, and only with it', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hand-edit-')), 'task.yaml');
    fs.writeFileSync(file, `apiVersion: tekton.dev/v1
kind: Task
metadata:
  name: t
  annotations:
    secure-tekton/relax.SCRIPT_SHEBANG: "step/s: image has no sh"
spec:
  stepTemplate:
    securityContext: {runAsNonRoot: true, runAsUser: 1, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}, seccompProfile: {type: RuntimeDefault}}
    computeResources: {requests: {cpu: 1, memory: 1Mi}, limits: {cpu: 1, memory: 1Mi}}
  volumes: [{name: tmp, emptyDir: {}}]
  steps:
    - name: s
      image: a@sha256:${'a'.repeat(64)}
      volumeMounts: [{name: tmp, mountPath: /tmp}]
      script: "echo hi"
`);
    const relaxed = run('audit', '--format', 'json', file);
    expect(JSON.parse(relaxed.stdout).findings.map((f: any) => [f.rule, f.status, f.recordedBy])).toEqual([['SCRIPT_SHEBANG', 'relaxed', 'hand-edit']]);
    expect(relaxed.code).toBe(0);
    jest.clearAllMocks();
    const failed = run('audit', '--fail-on-hand-edit', '--format', 'json', file);
    expect(JSON.parse(failed.stdout).findings.map((f: any) => [f.rule, f.status, f.reason])).toEqual([['SCRIPT_SHEBANG', 'failed', 'image has no sh']]);
    expect(failed.code).toBe(1);
  });
});

describe('help and version', () => {
  test('--help and -h, alone or after audit: usage, formats, filters, exit codes; exit 0', () => {
    for (const argv of [['--help'], ['-h'], ['audit', '--help'], ['audit', 'x.yaml', '-h']]) {
      jest.clearAllMocks();
      expect(run(...argv)).toEqual({ code: 0, stdout: HELP, stderr: '' });
    }
    expect(HELP.startsWith('usage: cdk8s-secure-tekton audit [options] <files, dirs or - (standard input)>...\n\nRuns ')).toBe(true);
    for (const word of ['--format text|json|sarif', '--rule ID', '--skip-rule ID', '--min-severity', '--profile strict|platform', '--fail-on-hand-edit', '--baseline FILE', '--write-baseline FILE', 'Exit codes:',
      // a record's reason counts visible characters only, as synth counts them; the docs ship in the package
      '<reason of at least 10 visible characters>', 'node_modules/cdk8s-secure-tekton/docs/',
      // a finding without a target is relaxed by its address, which the JSON gives
      'field/<property>=<value>', '--format json gives each finding\'s target or address']) {
      expect(HELP).toContain(word);
    }
  });

  test('--version: the package.json version', () => {
    const version = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version;
    expect(run('--version')).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    jest.clearAllMocks();
    expect(run('audit', '-v')).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});

describe('usage errors: exit 2, the message and the usage line', () => {
  test.each([
    [['audit', '--fast', 'x'], 'error: unknown option "--fast"'],
    // an option misspelt, or part of one: the option meant
    [['audit', '--formt', 'json', 'x'], 'error: unknown option "--formt"; did you mean "--format"?'],
    [['audit', '--rules=IMAGE_DIGEST', 'x'], 'error: unknown option "--rules=IMAGE_DIGEST"; did you mean "--rule"?'],
    [['audit', '--fail-on', 'x'], 'error: unknown option "--fail-on"; did you mean "--fail-on-hand-edit"?'],
    [['audit', '--severity', 'high', 'x'], 'error: unknown option "--severity"; did you mean "--min-severity"?'],
    // another command: audit meant, the command left out, or options given before it
    [['lint', 'x'], 'error: unknown command "lint": the command is audit'],
    [['audti', '--format', 'json', 'x.yaml'], 'error: unknown command "audti"; did you mean "audit"? cdk8s-secure-tekton audit --format json x.yaml'],
    [[path.relative(process.cwd(), INSECURE), 'a b.yaml'],
      `error: unknown command "${path.relative(process.cwd(), INSECURE)}": the command is audit, and files come after it: cdk8s-secure-tekton audit ${path.relative(process.cwd(), INSECURE)} 'a b.yaml'`],
    [['--format', 'json', "it's.yaml"], "error: unknown command \"--format\": the command is audit, and options come after it: cdk8s-secure-tekton audit --format json 'it'\\''s.yaml'"],
    // the command given after the options, or after a file: the line meant names it once, first
    [['--format', 'json', 'audit', 'dist'], 'error: unknown command "--format": the command is audit, and options come after it: cdk8s-secure-tekton audit --format json dist'],
    [['--rule', 'IMAGE_DIGEST', '--fail-on-hand-edit', 'audit', '--format=sarif', 'dist'],
      'error: unknown command "--rule": the command is audit, and options come after it: cdk8s-secure-tekton audit --rule IMAGE_DIGEST --fail-on-hand-edit --format=sarif dist'],
    // a value of an option that reads "audit" is the option's, not the command
    [['--baseline', 'audit', 'audit', 'dist'], 'error: unknown command "--baseline": the command is audit, and options come after it: cdk8s-secure-tekton audit --baseline audit dist'],
    [[path.relative(process.cwd(), INSECURE), 'audit', '--format', 'json'],
      `error: unknown command "${path.relative(process.cwd(), INSECURE)}": the command is audit, and files come after it: cdk8s-secure-tekton audit ${path.relative(process.cwd(), INSECURE)} --format json`],
    // help asked for as a command
    [['help'], 'error: unknown command "help": the command is audit; its options: cdk8s-secure-tekton --help'],
    // a format given as an option of its own, or a profile
    [['audit', '--json', 'x'], 'error: unknown option "--json"; did you mean "--format json"?'],
    [['audit', '--sarif', 'x'], 'error: unknown option "--sarif"; did you mean "--format sarif"?'],
    [['audit', '--platform', 'x'], 'error: unknown option "--platform"; did you mean "--profile platform"?'],
    [['audit', '--format', 'json'], 'error: no files to audit: give files, dirs or - (standard input) after the options'],
    // an option's value left out: it took the files, which the message gives back after the value meant
    [['audit', '--skip-rule', path.relative(process.cwd(), INSECURE)],
      `error: no files to audit: --skip-rule took "${path.relative(process.cwd(), INSECURE)}" as its value; give --skip-rule its rule IDs before the files, `
      + `e.g. cdk8s-secure-tekton audit --skip-rule IMAGE_DIGEST ${path.relative(process.cwd(), INSECURE)}`],
    [['audit', '--rule', '-'], 'error: no files to audit: --rule took "-" as its value; give --rule its rule IDs before the files, e.g. cdk8s-secure-tekton audit --rule IMAGE_DIGEST -'],
    [['audit', '--profile', 'platform', '--platform-namespace', path.relative(process.cwd(), INSECURE)],
      `error: no files to audit: --platform-namespace took "${path.relative(process.cwd(), INSECURE)}" as its value; give --platform-namespace its namespace before the files, `
      + `e.g. cdk8s-secure-tekton audit --platform-namespace tekton-pipelines ${path.relative(process.cwd(), INSECURE)}`],
    // a baseline is a file: only the files are missing
    [['audit', '--baseline', path.relative(process.cwd(), INSECURE)], 'error: no files to audit: give files, dirs or - (standard input) after the options'],
    [['audit', '--format=xml', 'x'], 'error: unknown format "xml" (text, json or sarif)'],
    [['audit', '--format'], 'error: --format needs a value'],
    [['audit', '--rule', ',', 'x'], 'error: --rule needs a rule ID'],
    [['audit', '--min-severity', 'critical', 'x'], 'error: unknown severity "critical" (low, medium or high)'],
    [['audit', '--profile', 'lax', 'x'], 'error: unknown profile "lax" (strict or platform)'],
    // a value written in another case: the value meant
    [['audit', '--format', 'JSON', 'x'], 'error: unknown format "JSON" (text, json or sarif); did you mean "json"?'],
    [['audit', '--format=Sarif', 'x'], 'error: unknown format "Sarif" (text, json or sarif); did you mean "sarif"?'],
    [['audit', '--min-severity', 'HIGH', 'x'], 'error: unknown severity "HIGH" (low, medium or high); did you mean "high"?'],
    [['audit', '--min-severity=Medium', 'x'], 'error: unknown severity "Medium" (low, medium or high); did you mean "medium"?'],
    [['audit', '--profile', 'Platform', 'x'], 'error: unknown profile "Platform" (strict or platform); did you mean "platform"?'],
    [['audit', '--profile', 'STRICT', 'x'], 'error: unknown profile "STRICT" (strict or platform); did you mean "strict"?'],
    [['audit', '--platform-namespace', 'ops', 'x'], 'error: --platform-namespace needs --profile platform'],
    [['audit', '--platform-namespace=', 'x'], 'error: --platform-namespace needs a namespace'],
    // filters that leave a rule kept with --rule nothing to report
    [['audit', '--rule', 'IMAGE_DIGEST,COMPUTE_RESOURCES', '--skip-rule=COMPUTE_RESOURCES', INSECURE],
      'error: --rule COMPUTE_RESOURCES and --skip-rule COMPUTE_RESOURCES: the rule is both kept and left out; give it to one of them'],
    [['audit', '--rule', 'IMAGE_DIGEST,COMPUTE_RESOURCES', '--min-severity', 'high', INSECURE],
      'error: --rule COMPUTE_RESOURCES keeps a rule of severity low, which --min-severity high leaves out, so none of its findings would be reported: lower --min-severity to low, or leave the rule out'],
    [['audit', '--rule', 'NOPE', INSECURE], 'error: unknown rule "NOPE" (the rules are listed in docs/rules.md)'],
    [['audit', '--skip-rule=IMAGE_DIGEST,NOPE', INSECURE], 'error: unknown rule "NOPE" (the rules are listed in docs/rules.md)'],
    [['audit', '--rule', 'image_digest', INSECURE], 'error: unknown rule "image_digest" (the rules are listed in docs/rules.md); did you mean "IMAGE_DIGEST"?'],
    [['audit', '--skip-rule=script-injection', INSECURE], 'error: unknown rule "script-injection" (the rules are listed in docs/rules.md); did you mean "SCRIPT_INJECTION"?'],
    [['audit', '--rule', 'IMAGE_DIGST', INSECURE], 'error: unknown rule "IMAGE_DIGST" (the rules are listed in docs/rules.md); did you mean "IMAGE_DIGEST"?'],
    // the start of rule IDs: the IDs that start with it
    [['audit', '--rule', 'TEKTON', INSECURE],
      'error: unknown rule "TEKTON" (the rules are listed in docs/rules.md); did you mean "TEKTON_ADMITTED", "TEKTON_FEATURE_FLAGS" or "TEKTON_FIELD_NAMES"?'],
    [['audit', '--skip-rule=rbac-no', INSECURE],
      'error: unknown rule "rbac-no" (the rules are listed in docs/rules.md); did you mean "RBAC_NO_ESCALATION", "RBAC_NO_SECRET_LISTING" or "RBAC_NO_WILDCARD"?'],
    [['audit', '--rule', 'WRITABLE', INSECURE], 'error: unknown rule "WRITABLE" (the rules are listed in docs/rules.md); did you mean "WRITABLE_SCRATCH"?'],
    [['audit', '--rule', 'VAULT_', INSECURE],
      'error: unknown rule "VAULT_" (the rules are listed in docs/rules.md); did you mean "VAULT_READ_ONLY", "VAULT_TLS" or "VAULT_TOKEN_AUDIENCE"?'],
    [['audit', '--skip-rule', 'run-as-nonroot', INSECURE], 'error: unknown rule "run-as-nonroot" (the rules are listed in docs/rules.md); did you mean "RUN_AS_NON_ROOT"?'],
  ])('%j', (argv, message) => {
    expect(run(...argv)).toEqual({ code: 2, stdout: '', stderr: `${message}\n${USAGE}` });
  });

  test('no command: the usage line, and where the options are', () => {
    expect(USAGE).toBe('usage: cdk8s-secure-tekton audit [options] <files, dirs or - (standard input)>...\nRun cdk8s-secure-tekton --help for the options.\n');
    expect(run()).toEqual({ code: 2, stdout: '', stderr: USAGE });
  });
});

describe('filters', () => {
  test('--rule (repeatable, comma lists) reports only those rules', () => {
    const r = run('audit', '--format', 'json', '--rule', 'IMAGE_DIGEST,NOT_PRIVILEGED', '--rule=SCRIPT_SHEBANG', path.join(INSECURE, 'tekton.yaml'));
    expect(r.code).toBe(1);
    expect(rulesOf(r.stdout)).toEqual(['IMAGE_DIGEST', 'NOT_PRIVILEGED', 'SCRIPT_SHEBANG']);
  });

  test('--skip-rule leaves rules out; what is left out does not fail the run', () => {
    const r = run('audit', '--format', 'json', '--skip-rule', 'RBAC_NAMESPACED,RBAC_NO_WILDCARD,RBAC_NO_SECRET_LISTING', '--skip-rule', 'RBAC_NO_ESCALATION', path.join(INSECURE, 'rbac.yaml'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary.failed).toBe(0);
  });

  test('--min-severity high reports only high findings', () => {
    const r = run('audit', '--format=json', '--min-severity=high', path.join(INSECURE, 'tekton.yaml'));
    expect(JSON.parse(r.stdout).findings.every((f: any) => f.severity === 'high')).toBe(true);
    jest.clearAllMocks();
    const low = run('audit', '--format=json', '--min-severity', 'medium', path.join(INSECURE, 'tekton.yaml'));
    expect(JSON.parse(low.stdout).findings.some((f: any) => f.severity === 'low')).toBe(false);
  });
});

describe('notices: files skipped, on stderr, exit code untouched', () => {
  test('no Kubernetes object, a kustomize patch, no kind the rules check', () => {
    const r = run('audit', '--format', 'json', REAL);
    expect(r.code).toBe(1);
    const at = (p: string) => path.join(REAL, p);
    expect(r.stderr.split('\n').filter((l) => l !== '')).toEqual([
      `notice: ${at('kustomize/patch-image.yaml')}: a kustomize patch (listed in ${at('kustomize/kustomization.yaml')}), skipped; `
        + `to check what it changes, audit what kustomize renders: kubectl kustomize ${at('kustomize')} | cdk8s-secure-tekton audit -`,
      `notice: ${at('kustomize/patch-sa.yaml')}: a kustomize patch (listed in ${at('kustomize/kustomization.yaml')}), skipped; `
        + `to check what it changes, audit what kustomize renders: kubectl kustomize ${at('kustomize')} | cdk8s-secure-tekton audit -`,
      `notice: ${at('misc/.github/workflows/ci.yml')}: no Kubernetes object (no document is a mapping with apiVersion and kind), skipped`,
      `notice: ${at('misc/values.yaml')}: no Kubernetes object (no document is a mapping with apiVersion and kind), skipped`,
      `notice: ${at('kustomize/kustomization.yaml')}: no object of a kind the rules check (Kustomization): read, not checked`,
    ]);
    // (a Deployment is checked: its pods against the Pod Security level of their namespace, POD_SECURITY_ADMITTED)
    expect(JSON.parse(r.stdout).summary).toMatchObject({ files: 10, skippedFiles: 4 });
  });

  test('a file a kustomization names as a patch from outside its folder is read: kubectl may apply it by itself', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kustomize-'));
    try {
      fs.copyFileSync(path.join(INSECURE, 'tekton.yaml'), path.join(dir, 'task.yaml'));
      fs.mkdirSync(path.join(dir, 'overlay'));
      fs.writeFileSync(path.join(dir, 'overlay', 'kustomization.yaml'), 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\npatchesStrategicMerge:\n  - ../task.yaml\n');
      const r = run('audit', '--format', 'json', dir);
      expect(r.code).toBe(1);
      expect(r.stderr).not.toContain('a kustomize patch');
      expect(JSON.parse(r.stdout).findings.some((f: any) => f.file === path.join(dir, 'task.yaml') && f.status === 'failed')).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a patch is matched to its file whatever name lists it; a link in the folder to a file outside it does not hide the file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kustomize-'));
    try {
      const patch = 'apiVersion: tekton.dev/v1\nkind: Task\nmetadata:\n  name: build\nspec:\n  steps:\n    - name: build\n      securityContext:\n        privileged: true\n';
      // (in a folder whose name starts with two dots, as a mounted ConfigMap's `..data`: inside, not outside)
      fs.mkdirSync(path.join(dir, 'overlay', '..patches'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'overlay', '..patches', 'privileged.yaml'), patch);
      // listed through a link and a longer path: the same file
      fs.symlinkSync(path.join('..patches', 'privileged.yaml'), path.join(dir, 'overlay', 'listed-link.txt'));
      // a link inside the folder to a manifest outside it
      fs.copyFileSync(path.join(INSECURE, 'tekton.yaml'), path.join(dir, 'task.yaml'));
      fs.symlinkSync(path.join('..', 'task.yaml'), path.join(dir, 'overlay', 'outside-link.txt'));
      fs.writeFileSync(path.join(dir, 'overlay', 'kustomization.yaml'),
        'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\npatches:\n  - path: listed-link.txt\n  - path: ./..patches/../..patches/privileged.yaml\n  - path: outside-link.txt\n');
      const r = run('audit', '--format', 'json', dir);
      expect(r.stderr.split('\n').filter((l) => l.includes('a kustomize patch'))).toEqual([
        `notice: ${path.join(dir, 'overlay', '..patches', 'privileged.yaml')}: a kustomize patch (listed in ${path.join(dir, 'overlay', 'kustomization.yaml')}), skipped; `
          + `to check what it changes, audit what kustomize renders: kubectl kustomize ${path.join(dir, 'overlay')} | cdk8s-secure-tekton audit -`,
      ]);
      expect(JSON.parse(r.stdout).findings.some((f: any) => f.file === path.join(dir, 'task.yaml') && f.status === 'failed')).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a kustomization whose inline patches, transformers or generators change what it renders: a notice naming the fields, exit code untouched', () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kustomize-')));
    try {
      const task = `apiVersion: tekton.dev/v1\nkind: Task\nmetadata:\n  name: t\nspec:\n  steps:\n  - name: s\n    image: docker.io/library/alpine@sha256:${'a'.repeat(64)}\n`;
      fs.writeFileSync(path.join(dir, 'task.yaml'), task);
      const notices = (kustomization: string) => {
        fs.writeFileSync(path.join(dir, 'kustomization.yaml'), `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [task.yaml]\n${kustomization}`);
        const r = runAgain('audit', '--rule', 'NOT_PRIVILEGED', dir);
        expect(r.code).toBe(0);
        return r.stderr.split('\n').filter((l) => l.includes('a kustomization that changes'));
      };
      const notice = (fields: string) => `notice: ${path.join(dir, 'kustomization.yaml')}: a kustomization that changes what it renders (${fields}): `
        + `the files are audited as written; to check what kustomize applies, audit what it renders: kubectl kustomize ${dir} | cdk8s-secure-tekton audit -`;
      const inline = '- op: replace\n      path: /spec/steps/0/securityContext\n      value: {privileged: true}';
      expect(notices(`patches:\n- target: {kind: Task, name: t}\n  patch: |-\n    ${inline.replace(/\n {6}/g, '\n      ')}\n`)).toEqual([notice('patches[0].patch')]);
      expect(notices('patchesStrategicMerge:\n- |-\n  apiVersion: tekton.dev/v1\n  kind: Task\n  metadata: {name: t}\n  spec: {steps: [{name: s, securityContext: {privileged: true}}]}\n'))
        .toEqual([notice('patchesStrategicMerge[0]')]);
      expect(notices('patchesJson6902:\n- target: {group: tekton.dev, version: v1, kind: Task, name: t}\n  patch: |-\n    - {op: add, path: /spec/steps/0/securityContext, value: {privileged: true}}\n'))
        .toEqual([notice('patchesJson6902[0].patch')]);
      expect(notices('images:\n- {name: docker.io/library/alpine, newTag: latest}\nnamespace: ci\nnamePrefix: a-\nnameSuffix: -b\n'
        + 'replacements:\n- {source: {kind: ConfigMap, name: c}, targets: []}\ncomponents: [../c]\nconfigMapGenerator:\n- {name: c, literals: [a=b]}\n'
        + 'secretGenerator:\n- {name: s, literals: [a=b]}\ncommonLabels: {a: b}\n'))
        .toEqual([notice('namespace, namePrefix, nameSuffix, commonLabels, images, replacements, components, configMapGenerator, secretGenerator')]);
      // (kustomize v5.5: buildMetadata adds the managed-by label and origin annotations to every object)
      expect(notices('buildMetadata: [managedByLabel, originAnnotations]\n')).toEqual([notice('buildMetadata')]);
      // a patch file listed from outside the kustomization's folder (read as an object) is named too; empty fields change nothing
      fs.writeFileSync(path.join(dir, '..', `${path.basename(dir)}-p.yaml`), task);
      expect(notices(`patches:\n- path: ../${path.basename(dir)}-p.yaml\nimages: []\nnamespace: ""\ncommonLabels: {}\n`)).toEqual([notice('patches[0].path')]);
      fs.rmSync(path.join(dir, '..', `${path.basename(dir)}-p.yaml`));
      // resources alone, or a patch file it skips with a notice of its own: no such notice
      expect(notices('')).toEqual([]);
      fs.writeFileSync(path.join(dir, 'p.yaml'), task);
      expect(notices('patches:\n- path: p.yaml\n')).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a kustomization that names no kind is one (kubectl kustomize renders it): its patches are skipped', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kustomize-'));
    try {
      fs.writeFileSync(path.join(dir, 'patch.yaml'), 'apiVersion: tekton.dev/v1\nkind: Task\nmetadata:\n  name: build\nspec:\n  steps:\n    - name: build\n      image: alpine\n');
      fs.writeFileSync(path.join(dir, 'kustomization.yaml'), 'patches:\n  - path: patch.yaml\n');
      const r = run('audit', '--format', 'json', dir);
      expect(r.stderr.split('\n').filter((l) => l.includes('a kustomize patch'))).toEqual([
        `notice: ${path.join(dir, 'patch.yaml')}: a kustomize patch (listed in ${path.join(dir, 'kustomization.yaml')}), skipped; `
          + `to check what it changes, audit what kustomize renders: kubectl kustomize ${dir} | cdk8s-secure-tekton audit -`,
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a patch that a kustomization also names as a resource is read: kustomize renders it as written', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kustomize-'));
    try {
      fs.copyFileSync(path.join(INSECURE, 'tekton.yaml'), path.join(dir, 'task.yaml'));
      const kustomization = path.join(dir, 'kustomization.yaml');
      fs.writeFileSync(kustomization, 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- task.yaml\npatches:\n- path: task.yaml\n');
      const r = run('audit', '--format', 'json', dir);
      expect(r.code).toBe(1);
      expect(r.stderr.split('\n').filter((l) => l.includes('a kustomize patch'))).toEqual([
        `notice: ${path.join(dir, 'task.yaml')}: a kustomize patch (listed in ${kustomization}), read as an object: ${kustomization} also names it as a resource, `
          + 'which kustomize renders as it is written',
      ]);
      expect(JSON.parse(r.stdout).findings.some((f: any) => f.file === path.join(dir, 'task.yaml') && f.rule === 'NOT_PRIVILEGED' && f.status === 'failed')).toBe(true);
      // named as a resource by another kustomization (an overlay's `../base/task.yaml`), listed as a patch by its own
      fs.mkdirSync(path.join(dir, 'overlay'));
      fs.writeFileSync(kustomization, 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\npatches:\n- path: task.yaml\n');
      fs.writeFileSync(path.join(dir, 'overlay', 'kustomization.yaml'), 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- ../task.yaml\n');
      const other = runAgain('audit', '--format', 'json', dir);
      expect(other.stderr).toContain(`notice: ${path.join(dir, 'task.yaml')}: a kustomize patch (listed in ${kustomization}), read as an object: `
        + `${path.join(dir, 'overlay', 'kustomization.yaml')} also names it as a resource, which kustomize renders as it is written\n`);
      expect(JSON.parse(other.stdout).findings.some((f: any) => f.file === path.join(dir, 'task.yaml') && f.rule === 'NOT_PRIVILEGED' && f.status === 'failed')).toBe(true);
      // or in the deprecated `bases`, which kustomize renders as `resources`
      fs.writeFileSync(path.join(dir, 'overlay', 'kustomization.yaml'), 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nbases:\n- ../task.yaml\n');
      expect(runAgain('audit', '--format', 'json', dir).stderr).toContain(`notice: ${path.join(dir, 'task.yaml')}: a kustomize patch (listed in ${kustomization}), read as an object: `
        + `${path.join(dir, 'overlay', 'kustomization.yaml')} also names it as a resource, which kustomize renders as it is written\n`);
      // a patch only: skipped, as before
      fs.rmSync(path.join(dir, 'overlay'), { recursive: true });
      const patch = runAgain('audit', '--format', 'json', dir);
      expect(patch.code).toBe(0);
      expect(patch.stderr).toContain(`notice: ${path.join(dir, 'task.yaml')}: a kustomize patch (listed in ${kustomization}), skipped; `
        + `to check what it changes, audit what kustomize renders: kubectl kustomize ${dir} | cdk8s-secure-tekton audit -\n`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a patch in a `.tekton` directory (or below) is read: Pipelines-as-Code reads every YAML file there as objects, and has no kustomize', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kustomize-'));
    try {
      const tekton = path.join(dir, 'repo', '.tekton');
      fs.mkdirSync(path.join(tekton, 'runs'), { recursive: true });
      const run1 = 'apiVersion: tekton.dev/v1\nkind: PipelineRun\nmetadata:\n  name: pull-request\n  annotations:\n    pipelinesascode.tekton.dev/on-event: "[pull_request]"\n'
        + 'spec:\n  taskRunTemplate:\n    serviceAccountName: default\n    podTemplate:\n      hostNetwork: true\n  pipelineSpec:\n    tasks:\n    - name: build\n'
        + '      taskSpec:\n        steps:\n        - name: build\n          image: docker:dind\n          securityContext: {privileged: true}\n          command: [sh, -c, "echo hi"]\n';
      fs.writeFileSync(path.join(tekton, 'pull-request.yaml'), run1);
      fs.writeFileSync(path.join(tekton, 'runs', 'push.yaml'), run1.replace('pull-request', 'push'));
      const kustomization = path.join(tekton, 'kustomization.yaml');
      // (a .json file, or one named in upper case, PaC does not read: a patch still)
      fs.writeFileSync(path.join(tekton, 'p.json'), '{"apiVersion": "tekton.dev/v1", "kind": "PipelineRun", "metadata": {"name": "pull-request"}}');
      fs.writeFileSync(path.join(tekton, 'P.YAML'), 'apiVersion: tekton.dev/v1\nkind: PipelineRun\nmetadata: {name: pull-request}\n');
      fs.writeFileSync(kustomization, 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\npatches:\n- path: pull-request.yaml\n- path: runs/push.yaml\n'
        + '- path: p.json\n- path: P.YAML\n');
      for (const given of [dir, tekton]) {
        const r = runAgain('audit', '--format', 'json', given);
        expect(r.code).toBe(1);
        expect(r.stderr.split('\n').filter((l) => l.includes('a kustomize patch'))).toEqual([
          ...['pull-request.yaml', path.join('runs', 'push.yaml')].map((f) =>
            `notice: ${path.join(tekton, f)}: a kustomize patch (listed in ${kustomization}), read as an object: it is in a \`.tekton\` directory, `
              + 'whose every `.yaml` and `.yml` file Pipelines-as-Code reads as objects (it has no kustomize)'),
          ...['P.YAML', 'p.json'].map((f) => `notice: ${path.join(tekton, f)}: a kustomize patch (listed in ${kustomization}), skipped; `
            + `to check what it changes, audit what kustomize renders: kubectl kustomize ${tekton} | cdk8s-secure-tekton audit -`),
        ]);
        const failed = JSON.parse(r.stdout).findings.filter((f: any) => f.status === 'failed' && ['NOT_PRIVILEGED', 'NO_HOST_ACCESS', 'RUN_SERVICE_ACCOUNT'].includes(f.rule));
        expect([...new Set(failed.map((f: any) => `${path.relative(tekton, f.file)} ${f.rule}`))].sort()).toEqual([
          'pull-request.yaml NOT_PRIVILEGED', 'pull-request.yaml NO_HOST_ACCESS', 'pull-request.yaml RUN_SERVICE_ACCOUNT',
          `${path.join('runs', 'push.yaml')} NOT_PRIVILEGED`, `${path.join('runs', 'push.yaml')} NO_HOST_ACCESS`, `${path.join('runs', 'push.yaml')} RUN_SERVICE_ACCOUNT`,
        ]);
      }
      // given from inside `.tekton`: found by the folder's real name
      const cwd = process.cwd();
      process.chdir(tekton);
      let inside: ReturnType<typeof run>;
      try {
        inside = runAgain('audit', '.');
      } finally {
        process.chdir(cwd);
      }
      expect(inside.code).toBe(1);
      expect(inside.stderr).toContain('pull-request.yaml: a kustomize patch (listed in kustomization.yaml), read as an object: it is in a `.tekton` directory');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a key Pipelines-as-Code reads as kind or apiVersion though spelled otherwise: the file is not read, exit 2', () => {
  test('ApiVersion and Kind (no object to kubectl), and a ConfigMap to kubectl whose ſ and Kelvin-sign keys PaC reads as a PipelineRun', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spelled-'));
    try {
      const body = 'metadata:\n  name: pull-request\nspec:\n  pipelineSpec:\n    tasks:\n    - name: build\n      taskSpec:\n        steps:\n'
        + '        - {name: build, image: docker:dind, securityContext: {privileged: true}}\n';
      fs.mkdirSync(path.join(dir, '.tekton'));
      fs.writeFileSync(path.join(dir, '.tekton', 'a.yaml'), `ApiVersion: tekton.dev/v1\nKind: PipelineRun\n${body}`);
      fs.writeFileSync(path.join(dir, '.tekton', 'b.yaml'), `apiVersion: v1\nkind: ConfigMap\napiVer\u017fion: tekton.dev/v1\n\u212aind: PipelineRun\n${body}`);
      const r = run('audit', '--format', 'json', dir);
      expect(r.code).toBe(2);
      expect(JSON.parse(r.stdout).unreadFiles.map((u: any) => [path.basename(u.file), u.line, u.column, u.message.split(':')[0]])).toEqual([
        ['a.yaml', 1, 1, 'the key "ApiVersion" is not spelled `apiVersion`'],
        ['b.yaml', 3, 1, 'the key "apiVer\u017fion" (U+017F, a long s, for s) is not spelled `apiVersion`'],
      ]);
      expect(JSON.parse(r.stdout).summary).toMatchObject({ files: 0, skippedFiles: 0, unreadFiles: 2, objects: 0 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('standard input: -', () => {
  const TASK = fs.readFileSync(path.join(INSECURE, 'tekton.yaml'));

  test('read where it is given, named <stdin>, with positions; once only', () => {
    const r = readManifests([path.join(INSECURE, 'network.yaml'), '-', path.join(INSECURE, 'rbac.yaml')], () => TASK);
    expect(r.files).toEqual([path.join(INSECURE, 'network.yaml'), '<stdin>', path.join(INSECURE, 'rbac.yaml')]);
    const fromStdin = r.objects.filter((o) => o.file === '<stdin>');
    expect(fromStdin.map((o) => o.object.kind)).toEqual(parseManifests(TASK.toString('utf8'), 'x').map((o) => o.object.kind));
    expect(fromStdin.map((o) => [o.line, o.column])).toEqual(parseManifests(TASK.toString('utf8'), 'x').map((o) => [o.line, o.column]));
    expect(() => readManifests(['-', '-'], () => TASK)).toThrow(new InputError('-: standard input is given more than once'));
  });

  test('malformed input is refused with <stdin>:line:col; input without an object is skipped with a notice', () => {
    expect(() => readManifests(['-'], () => Buffer.from('a: b\n  c: d\n'))).toThrow(new InputError('<stdin>:2:4: invalid YAML: Nested mappings are not allowed in compact mappings'));
    expect(readManifests(['-'], () => Buffer.from('replicas: 3\n'))).toMatchObject({
      objects: [], skipped: ['<stdin>'], notices: ['<stdin>: no Kubernetes object (no document is a mapping with apiVersion and kind), skipped'],
    });
    expect(() => readManifests(['-'], () => Buffer.from([0x61, 0x3a, 0x20, 0xff, 0x0a]))).toThrow(new InputError('<stdin>:1:4: invalid UTF-8 (byte 0xff)'));
  });

  test('the command reads a pipe: kubectl kustomize ... | cdk8s-secure-tekton audit -', () => {
    const entry = path.join(__dirname, '..', '..', 'src', 'cli', 'main.ts');
    const r = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', entry, 'audit', '--format', 'json', '-'], {
      input: TASK, encoding: 'utf8', env: { ...process.env, TS_NODE_PROJECT: path.join(__dirname, '..', 'tsconfig.json') },
    });
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(new Set(report.findings.map((f: any) => f.file))).toEqual(new Set(['<stdin>']));
    expect(report.findings.map((f: any) => f.rule)).toContain('NOT_PRIVILEGED');
  });
});
