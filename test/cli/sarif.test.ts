/**
 * `--format sarif`: a SARIF 2.1.0 log, validated against the official schema (vendored in
 * test/fixtures/sarif, see its README for its source and digest).
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { audit } from '../../src/cli/audit';
import { artifactUri, sarifLevel, sourceRootUri } from '../../src/cli/sarif';
import { RuleCatalogue } from '../../src/policy/catalogue';
import { RuleId } from '../../src/policy/rule-id';

const SCHEMA_FILE = path.join(__dirname, '..', 'fixtures', 'sarif', 'sarif-2.1.0-rtm.5.json');
const REAL = path.join(__dirname, '..', 'fixtures', 'audit', 'real');
const ROOT = path.join(__dirname, '..', '..');

function validator() {
  const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8'));
  // draft-04: `id` and `$schema` are that draft's; the keywords it uses mean the same in ajv 8.
  // Its language-tag pattern has a stray `]`, which only a non-unicode RegExp reads.
  delete schema.$schema;
  delete schema.id;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

const sarif = (paths: string[], options: Record<string, unknown> = {}) => {
  const r = audit(paths, { format: 'sarif', cwd: ROOT, ...options });
  return { ...r, log: JSON.parse(r.stdout) };
};

describe('--format sarif', () => {
  test('the vendored schema is the one documented', () => {
    expect(createHash('sha256').update(fs.readFileSync(SCHEMA_FILE)).digest('hex')).toBe('2d99159ae54a3eea97f81781cff48780548657c35949f4b7f25e99a2ba4de4f8');
  });

  test('the log of real-world YAML and of the insecure fixtures validates against SARIF 2.1.0', () => {
    const validate = validator();
    for (const paths of [[REAL], [path.join(__dirname, '..', 'fixtures', 'audit')]]) {
      const { log, exitCode } = sarif(paths);
      expect(exitCode).toBe(1);
      const ok = validate(log);
      expect(ok ? [] : validate.errors).toEqual([]);
    }
  });

  test('the driver lists every rule of the catalogue: title, rationale, fix and level from severity', () => {
    const { log } = sarif([REAL]);
    const driver = log.runs[0].tool.driver;
    expect(driver.name).toBe('cdk8s-secure-tekton');
    expect(driver.rules.map((r: any) => r.id)).toEqual(RuleCatalogue.all().map((r) => r.id));
    const digest = RuleCatalogue.find('IMAGE_DIGEST' as any)!;
    expect(driver.rules.find((r: any) => r.id === 'IMAGE_DIGEST')).toMatchObject({
      shortDescription: { text: digest.title },
      fullDescription: { text: digest.rationale },
      help: {
        text: `${digest.fix} To keep a finding on purpose, annotate its object: secure-tekton/relax.IMAGE_DIGEST: "<target>: <why, at least 10 visible characters>" `
        + '(the finding\'s target, a reason of at least 10 visible characters).',
      },
      defaultConfiguration: { level: 'error' },
    });
    expect([sarifLevel('high'), sarifLevel('medium'), sarifLevel('low')]).toEqual(['error', 'warning', 'note']);
  });

  test('a result: rule, level, message, relative forward-slash URI and the field\'s line and column', () => {
    const { log } = sarif([REAL]);
    const result = log.runs[0].results.find((r: any) => r.ruleId === 'IMAGE_DIGEST' && r.locations[0].physicalLocation.artifactLocation.uri.endsWith('git-clone-v1beta1.yaml'));
    expect(result).toMatchObject({
      ruleId: 'IMAGE_DIGEST',
      ruleIndex: RuleCatalogue.all().findIndex((r) => r.id === 'IMAGE_DIGEST'),
      level: 'error',
      message: {
        text: 'Task/git-clone step \'clone\': image "$(params.gitInitImage)" is chosen by each run through $(params.gitInitImage): its default is pinned by digest, but a run can pass any image. '
          + 'Write the image pinned by digest into the step ("<repository>@sha256:<64 hex>"), or relax IMAGE_DIGEST with the reason callers must choose it. '
          + 'To relax it, annotate the object: secure-tekton/relax.IMAGE_DIGEST: "step/clone: <why, at least 10 visible characters>".',
      },
      locations: [{
        physicalLocation: { artifactLocation: { uri: 'test/fixtures/audit/real/tasks/git-clone-v1beta1.yaml' }, region: { startLine: 29, startColumn: 7 } },
        logicalLocations: [{ fullyQualifiedName: 'Task/git-clone:spec.steps[0].image', kind: 'object' }],
      }],
    });
    expect(result.suppressions).toEqual([]);
    expect(result.partialFingerprints['secureTektonFinding/v4']).toMatch(/^[0-9a-f]{32}$/);
  });

  test('fingerprints: the value is in them, identical findings are told apart, a finding keeps its own across unrelated edits', () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sarif-')));
    const role = (resource: string, verb: string) => 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: ci\nrules:\n'
      + `- apiGroups: [""]\n  resources: ["${resource}"]\n  verbs: ["${verb}"]\n`;
    const task = (echo: string) => 'apiVersion: tekton.dev/v1\nkind: Task\nmetadata:\n  name: t\nspec:\n  params:\n  - name: a\n  - name: b\n  steps:\n  - name: s\n'
      + `    image: docker.io/library/alpine@sha256:${'a'.repeat(64)}\n    script: |\n      #!/bin/sh\n      ${echo}\n`;
    const run = () => sarif([dir], { cwd: dir, rules: [RuleId.RBAC_NO_ESCALATION, RuleId.SCRIPT_INJECTION] }).log.runs[0].results
      .map((r: any) => [r.ruleId, r.message.text.split(':')[1].trim().split(' ').slice(0, 2).join(' '), r.partialFingerprints['secureTektonFinding/v4']]);
    fs.writeFileSync(path.join(dir, 'role.yaml'), role('pods', 'create'));
    fs.writeFileSync(path.join(dir, 'task.yaml'), task('echo "$(params.a)" "$(params.b)"'));
    const first = run();
    expect(first.map((r: string[]) => r.slice(0, 2))).toEqual([
      ['RBAC_NO_ESCALATION', 'resources "pods"'],
      ['SCRIPT_INJECTION', 'script "$(params.a)"'],
      ['SCRIPT_INJECTION', 'script "$(params.b)"'],
    ]);
    // each finding its own fingerprint: two injections in one step are two alerts
    expect(new Set(first.map((r: string[]) => r[2])).size).toBe(3);
    // the role rewritten to another grant is a new finding; the task's findings keep theirs across edits around them
    fs.writeFileSync(path.join(dir, 'role.yaml'), role('secrets', 'get'));
    fs.writeFileSync(path.join(dir, 'task.yaml'), `# moved down\n${task('echo "$(params.a)" "$(params.b)"').replace('  name: t\n', '  name: t\n  labels: {a: b}\n')}`);
    const second = run();
    expect(second[0].slice(0, 2)).toEqual(['RBAC_NO_ESCALATION', 'resources "secrets"']);
    expect(second[0][2]).not.toBe(first[0][2]);
    expect(second.slice(1)).toEqual(first.slice(1));
    // the grant widened (get on secrets to get, list, watch) is a new alert; the same verbs in another order are the same grant
    fs.writeFileSync(path.join(dir, 'role.yaml'), role('secrets', 'get", "list", "watch'));
    const widened = run();
    expect(widened[0].slice(0, 2)).toEqual(['RBAC_NO_ESCALATION', 'resources "secrets"']);
    expect(widened[0][2]).not.toBe(second[0][2]);
    fs.writeFileSync(path.join(dir, 'role.yaml'), role('secrets', 'watch", "get", "list'));
    expect(run()[0]).toEqual(widened[0]);
    // findings that differ only by their location (a Namespace without a default-deny policy, for ingress and for egress):
    // each its own fingerprint, kept across a run with unrelated changes
    const namespace = () => sarif([dir], { cwd: dir, rules: [RuleId.NAMESPACE_DEFAULT_DENY] }).log.runs[0].results
      .map((r: any) => [r.message.text.split(':')[0], r.partialFingerprints['secureTektonFinding/v4']]);
    fs.writeFileSync(path.join(dir, 'ns.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ci\n');
    const twice = namespace();
    expect(twice.map((r: string[]) => r[0])).toEqual(["Namespace/ci direction 'Ingress'", "Namespace/ci direction 'Egress'"]);
    expect(twice[0][1]).not.toBe(twice[1][1]);
    fs.writeFileSync(path.join(dir, 'ns.yaml'), '# the CI namespace\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: ci\n  labels: {team: ci}\n');
    expect(namespace()).toEqual(twice);
    // findings identical in all the baseline keys on (MOUNT_PATH_FIXED's of two mounts of one volume name in one step): told
    // apart by their order, each kept across a run with unrelated changes
    const jib = (extra: string) => `apiVersion: tekton.dev/v1\nkind: Task\nmetadata:\n  name: jib\n${extra}spec:\n  params:\n  - name: CACHE\n  steps:\n  - name: push\n`
      + '    image: alpine\n    volumeMounts:\n    - {name: $(params.CACHE), mountPath: /workspace/.m2}\n    - {name: $(params.CACHE), mountPath: /workspace/.cache}\n';
    const mounts = () => sarif([dir], { cwd: dir, rules: [RuleId.MOUNT_PATH_FIXED] }).log.runs[0].results
      .map((r: any) => [r.message.text.split(':')[0], r.partialFingerprints['secureTektonFinding/v4']]);
    fs.writeFileSync(path.join(dir, 'jib.yaml'), jib(''));
    const two = mounts();
    expect(two.map((r: string[]) => r[0])).toEqual(["Task/jib step 'push'", "Task/jib step 'push'"]);
    expect(two[0][1]).not.toBe(two[1][1]);
    fs.writeFileSync(path.join(dir, 'jib.yaml'), `# moved down\n${jib('  labels: {a: b}\n')}`);
    expect(mounts()).toEqual(two);
  });

  test('a relaxed finding is a result suppressed in source, with the reason as justification', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sarif-'));
    const file = path.join(dir, 'task.yaml');
    fs.copyFileSync(path.join(REAL, 'kustomize', 'task.yaml'), file);
    fs.appendFileSync(file, '');
    const text = fs.readFileSync(file, 'utf8').replace('  name: hello\n', '  name: hello\n  annotations:\n    secure-tekton/relax.IMAGE_DIGEST: "step/hello: the mirror rewrites tags to digests"\n');
    fs.writeFileSync(file, text);
    const { log } = sarif([file], { cwd: dir });
    const result = log.runs[0].results.find((r: any) => r.ruleId === 'IMAGE_DIGEST');
    expect(result.suppressions).toEqual([{ kind: 'inSource', justification: 'the mirror rewrites tags to digests' }]);
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('task.yaml');
    const ok = validator()(log);
    expect(ok).toBe(true);
  });

  test('a relaxed finding\'s message does not say how to relax it; a failed one\'s does', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sarif-'));
    const file = path.join(dir, 'git-clone.yaml');
    const text = fs.readFileSync(path.join(REAL, 'tasks', 'git-clone-v1beta1.yaml'), 'utf8')
      .replace('  name: git-clone\n', '  name: git-clone\n  annotations:\n    secure-tekton/relax.IMAGE_DIGEST: "step/clone: callers pick a mirrored git-init image"\n');
    fs.writeFileSync(file, text);
    const message = 'Task/git-clone step \'clone\': image "$(params.gitInitImage)" is chosen by each run through $(params.gitInitImage): its default is pinned by digest, but a run can pass any image. '
      + 'Write the image pinned by digest into the step ("<repository>@sha256:<64 hex>"), or relax IMAGE_DIGEST with the reason callers must choose it.';
    const relaxed = sarif([file], { cwd: dir }).log.runs[0].results.find((r: any) => r.ruleId === 'IMAGE_DIGEST');
    expect(relaxed.suppressions).toEqual([{ kind: 'inSource', justification: 'callers pick a mirrored git-init image' }]);
    expect(relaxed.message.text).toBe(message);
    // the same finding, not relaxed: the fix ends with the annotation that relaxes it
    fs.writeFileSync(file, fs.readFileSync(path.join(REAL, 'tasks', 'git-clone-v1beta1.yaml'), 'utf8'));
    const failed = sarif([file], { cwd: dir }).log.runs[0].results.find((r: any) => r.ruleId === 'IMAGE_DIGEST');
    expect(failed.suppressions).toEqual([]);
    expect(failed.message.text).toBe(`${message} To relax it, annotate the object: secure-tekton/relax.IMAGE_DIGEST: "step/clone: <why, at least 10 visible characters>".`);
  });

  test('suppressions on every result of a run (empty where none), and with a baseline a baselineState on every result (SARIF 2.1.0 §3.27.23, §3.27.24)', () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sarif-')));
    const role = (name: string, annotations = '') => `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: ${name}\n  namespace: ci\n${annotations}`
      + 'rules:\n- apiGroups: [""]\n  resources: [secrets]\n  verbs: [get]\n';
    fs.writeFileSync(path.join(dir, 'roles.yaml'), `${role('baselined')}---\n${role('reader')}---\n`
      + role('relaxed', '  annotations:\n    secure-tekton/relax.RBAC_NO_WILDCARD: "*: the deploy task reads every Secret of this namespace"\n'));
    const baseline = path.join(dir, 'baseline.json');
    fs.writeFileSync(baseline, JSON.stringify({
      schemaVersion: 2,
      generatedBy: 'test',
      findings: [{ file: 'roles.yaml', kind: 'Role', namespace: 'ci', name: 'baselined', rule: 'RBAC_NO_WILDCARD', property: 'resourceNames' }],
    }));
    const states = (options: Record<string, unknown>) => sarif([dir], { cwd: dir, rules: [RuleId.RBAC_NO_WILDCARD], ...options }).log.runs[0].results
      .map((r: any) => [r.message.text.split(' ')[0], r.suppressions?.map((x: any) => x.kind), r.baselineState]);
    expect(states({})).toEqual([
      ['Role/ci/baselined', [], undefined],
      ['Role/ci/reader', [], undefined],
      ['Role/ci/relaxed', ['inSource'], undefined],
    ]);
    // the relaxed finding is not in the baseline: new, as the failed one is
    expect(states({ baseline })).toEqual([
      ['Role/ci/baselined', ['external'], 'unchanged'],
      ['Role/ci/reader', [], 'new'],
      ['Role/ci/relaxed', ['inSource'], 'new'],
    ]);
    // one the baseline lists (it failed when the baseline was written, and was relaxed since) is unchanged
    const entries = JSON.parse(fs.readFileSync(baseline, 'utf8'));
    entries.findings.push({ ...entries.findings[0], name: 'relaxed' });
    fs.writeFileSync(baseline, JSON.stringify(entries));
    expect(states({ baseline })).toEqual([
      ['Role/ci/baselined', ['external'], 'unchanged'],
      ['Role/ci/reader', [], 'new'],
      ['Role/ci/relaxed', ['inSource'], 'unchanged'],
    ]);
  });

  test('each result names its own file, relative to the cwd of its log: the URIs one log finds are not another\'s', () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sarif-')));
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.copyFileSync(path.join(REAL, 'kustomize', 'task.yaml'), path.join(dir, 'a.yaml'));
    fs.copyFileSync(path.join(REAL, 'kustomize', 'task.yaml'), path.join(dir, 'sub', 'b c.yaml'));
    const validate = validator();
    const uris = (cwd: string) => {
      const { log } = sarif([dir], { cwd });
      expect(validate(log) ? [] : validate.errors).toEqual([]);
      // the relative URIs are relative to the folder the audit ran in, which the run gives as %SRCROOT%: an absolute file: URI ending with /
      expect(log.runs[0].originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: `file://${cwd.split(path.sep).map((s) => encodeURIComponent(s)).join('/')}/` } });
      // every finding of one file at the same URI: as many of each as of the other (the same task)
      const count = new Map<string, number>();
      for (const r of log.runs[0].results) {
        const at = JSON.stringify(r.locations[0].physicalLocation.artifactLocation);
        count.set(at, (count.get(at) ?? 0) + 1);
      }
      expect(new Set(count.values()).size).toBe(1);
      return [...count.keys()].sort().map((k) => JSON.parse(k));
    };
    const relative = (uri: string) => ({ uri, uriBaseId: '%SRCROOT%' });
    expect(uris(dir)).toEqual([relative('a.yaml'), relative('sub/b%20c.yaml')]);
    // a file outside the folder: an absolute file: URI, with no uriBaseId (§3.4.4: a uriBaseId goes with a relative URI)
    expect(uris(path.join(dir, 'sub'))).toEqual([relative('b%20c.yaml'), { uri: `file://${dir}/a.yaml` }]);
    expect(uris(dir)).toEqual([relative('a.yaml'), relative('sub/b%20c.yaml')]);
  });

  test('the uriBaseId\'s URI: the working folder as an absolute file: URI, percent-encoded, ending with one slash', () => {
    expect(sourceRootUri('/work/my repo')).toBe('file:///work/my%20repo/');
    expect(sourceRootUri('/work/repo/')).toBe('file:///work/repo/');
    expect(sourceRootUri('/')).toBe('file:///');
  });

  test('every file read: one invocation, successful, without notifications', () => {
    expect(sarif([REAL]).log.runs[0].invocations).toEqual([{ executionSuccessful: true }]);
  });

  test('files that cannot be read: tool execution notifications (level error, at their line and column), the invocation not successful, the rest audited', () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sarif-')));
    fs.writeFileSync(path.join(dir, 'secret.yaml'), 'apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: ci}\ndata: {token: dg==}\n');
    fs.writeFileSync(path.join(dir, 'broken.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: [1, 2\n');
    const missing = path.join(dir, 'missing.yaml');
    const { log, exitCode, stderr } = sarif([dir, missing], { cwd: dir });
    expect(exitCode).toBe(2);
    expect(stderr).toBe(`error: ${path.join(dir, 'broken.yaml')}:5:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]\n`
      + `error: ${missing}: no such file or directory\n`);
    expect(log.runs[0].invocations).toEqual([{
      executionSuccessful: false,
      toolExecutionNotifications: [
        {
          level: 'error',
          message: { text: 'invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]' },
          locations: [{ physicalLocation: { artifactLocation: { uri: 'broken.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 5, startColumn: 1 } } }],
        },
        {
          level: 'error',
          message: { text: 'no such file or directory' },
          locations: [{ physicalLocation: { artifactLocation: { uri: 'missing.yaml', uriBaseId: '%SRCROOT%' } } }],
        },
      ],
    }]);
    expect(log.runs[0].results.map((r: any) => [r.ruleId, r.locations[0].physicalLocation.artifactLocation.uri])).toEqual([['NO_SECRET_MATERIAL', 'secret.yaml']]);
    const validate = validator();
    expect(validate(log) ? [] : validate.errors).toEqual([]);
  });

  test('artifact URIs: relative with forward slashes and encoded segments, a file: URI outside the folder', () => {
    expect(artifactUri('a b/c#d.yaml', '/work')).toBe('a%20b/c%23d.yaml');
    expect(artifactUri('/elsewhere/x.yaml', '/work')).toBe('file:///elsewhere/x.yaml');
    expect(artifactUri('../work2/x.yaml', '/work')).toBe('file:///work2/x.yaml');
    // a folder whose name starts with two dots (a mounted ConfigMap's ..data) is inside
    expect(artifactUri('..data/x.yaml', '/work')).toBe('..data/x.yaml');
  });

  test('a rule that fails on an object (injected here): a notification at the object naming the rule, and the log validates', () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sarif-crash-')));
    const file = path.join(dir, 'task.yaml');
    fs.writeFileSync(file, 'apiVersion: tekton.dev/v1\nkind: Task\nmetadata: {name: t, namespace: ci}\nspec:\n  steps:\n  - {name: a, image: alpine}\n');
    const rule = RuleCatalogue.find(RuleId.IMAGE_DIGEST)!;
    const spy = jest.spyOn(rule, 'check').mockImplementation(() => {
      throw new TypeError('x is not a function');
    });
    try {
      const { log, exitCode } = sarif([file], { cwd: dir });
      expect(exitCode).toBe(2);
      const notifications = log.runs[0].invocations[0].toolExecutionNotifications;
      expect(notifications.map((n: any) => [n.message.text, n.associatedRule.id, n.locations[0].physicalLocation.artifactLocation.uri]))
        .toEqual([['internal error: rule IMAGE_DIGEST failed on Task/ci/t: TypeError: x is not a function; please report it', 'IMAGE_DIGEST', 'task.yaml']]);
      const validate = validator();
      expect(validate(log) ? [] : validate.errors).toEqual([]);
    } finally {
      spy.mockRestore();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
