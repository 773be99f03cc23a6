/**
 * --baseline and --write-baseline: only new findings fail; entries identify findings by file,
 * object, rule, target and property (never by line), one entry per finding.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { audit } from '../../src/cli/audit';

const tmp = () => fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'baseline-')));
const TASK = (image: string, extraLines = '') => `apiVersion: tekton.dev/v1
kind: Task
metadata:
  name: build
  namespace: ci
spec:${extraLines}
  steps:
    - name: compile
      image: ${image}
      script: |
        #!/bin/sh
        make
`;

describe('baselines', () => {
  test('write a baseline, then only findings it does not hold fail the run', () => {
    const dir = tmp();
    const file = path.join(dir, 'k8s', 'task.yaml');
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, TASK('golang:1.22'));
    const baseline = path.join(dir, 'ci', 'audit-baseline.json');
    fs.mkdirSync(path.dirname(baseline));

    const written = audit([file], { writeBaseline: baseline });
    expect(written.exitCode).toBe(0);
    expect(written.stderr).toBe(`notice: ${baseline}: baseline written with 11 findings\n`);
    // the findings are in the baseline: the report keeps the table by rule and the totals, not each finding
    expect(written.stdout).not.toContain(': FAIL ');
    expect(written.stdout).toMatch(/^Findings by rule:\n  rule +severity +failed +relaxed\n/);
    expect(written.stdout).toMatch(/\n  IMAGE_DIGEST +high +1 +0\n/);
    expect(written.stdout.trim().split('\n').pop()).toBe('1 file, 1 object: 11 findings failed, 0 relaxed');
    const data = JSON.parse(fs.readFileSync(baseline, 'utf8'));
    expect(data.schemaVersion).toBe(4);
    expect(data.generatedBy).toMatch(/^cdk8s-secure-tekton /);
    expect(data.findings).toContainEqual({
      file: '../k8s/task.yaml', kind: 'Task', namespace: 'ci', name: 'build', rule: 'IMAGE_DIGEST', target: 'step/compile', property: 'image', value: 'golang:1.22', location: "step 'compile'",
    });
    expect(data.findings.every((e: any) => e.line === undefined)).toBe(true);

    // lines moved by an edit above the step: still the same findings
    fs.writeFileSync(file, TASK('golang:1.22', '\n  description: |\n    Builds the app.\n    Two lines more.'));
    const same = audit([file], { baseline, format: 'json' });
    expect(same.exitCode).toBe(0);
    expect(JSON.parse(same.stdout).summary).toMatchObject({ failed: 0, baselined: 11 });

    // a new finding fails, and is the only one listed
    fs.writeFileSync(file, TASK('golang:1.22').replace('      script:', '      securityContext:\n        privileged: true\n      script:'));
    const worse = audit([file], { baseline });
    expect(worse.exitCode).toBe(1);
    expect(worse.stdout.split('\n').filter((l) => l.includes(': FAIL '))).toEqual([
      `    ${file}:11:9: FAIL Task/ci/build step 'compile': securityContext.privileged "true" is true [NOT_PRIVILEGED]. Remove securityContext.privileged; this rule cannot be relaxed (build images with a daemonless builder instead).`,
    ]);
    expect(worse.stdout.trim().split('\n').pop()).toBe('1 file, 1 object: 1 finding failed, 0 relaxed, 11 in the baseline');
  });

  test('a finding whose value changed is new: the baseline held the old value', () => {
    const dir = tmp();
    const file = path.join(dir, 'task.yaml');
    fs.writeFileSync(file, TASK('golang:1.22'));
    const baseline = path.join(dir, 'b.json');
    audit([file], { writeBaseline: baseline, rules: ['IMAGE_DIGEST'] });
    fs.writeFileSync(file, TASK('attacker.example/golang:1.22'));
    const r = JSON.parse(audit([file], { baseline, rules: ['IMAGE_DIGEST'], format: 'json' }).stdout);
    expect(r.findings.map((f: any) => [f.value, f.status])).toEqual([['attacker.example/golang:1.22', 'failed']]);
  });

  test('a finding\'s location is part of its identity: a hole accepted in one place does not hide a wider one, or one of the other direction', () => {
    const dir = tmp();
    const file = path.join(dir, 'ns.yaml');
    const NS = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ci\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\n'
      + '  namespace: ci\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n';
    const listener = (spec: string) => `---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: listener\n  namespace: ci\nspec:\n  podSelector: {}\n${spec}`;
    const port8080 = listener('  policyTypes: [Ingress]\n  ingress:\n    - ports: [{protocol: TCP, port: 8080}]\n');
    fs.writeFileSync(file, NS + port8080);
    const baseline = path.join(dir, 'b.json');
    audit([file], { writeBaseline: baseline, rules: ['NAMESPACE_DEFAULT_DENY'] });
    expect(JSON.parse(fs.readFileSync(baseline, 'utf8')).findings).toEqual([{
      file: 'ns.yaml', kind: 'Namespace', name: 'ci', rule: 'NAMESPACE_DEFAULT_DENY', property: 'NetworkPolicy', value: 'NetworkPolicy/ci/listener ingress[0] on 8080/TCP', location: "direction 'Ingress'",
    }]);
    const run = () => JSON.parse(audit([file], { baseline, rules: ['NAMESPACE_DEFAULT_DENY'], format: 'json' }).stdout).findings
      .map((f: any) => [f.location, f.value, f.status]);
    // the objects reordered and moved down: the same finding
    fs.writeFileSync(file, `# the CI namespace\n${port8080.slice(4)}---\n${NS}`);
    expect(run()).toEqual([["direction 'Ingress'", 'NetworkPolicy/ci/listener ingress[0] on 8080/TCP', 'baselined']]);
    // every port now: a wider hole, a new finding
    fs.writeFileSync(file, NS + listener('  policyTypes: [Ingress]\n  ingress:\n    - {}\n'));
    expect(run()).toEqual([["direction 'Ingress'", 'NetworkPolicy/ci/listener ingress[0] on every port', 'failed']]);
    // the same policy opening egress instead: a new finding
    fs.writeFileSync(file, NS + listener('  policyTypes: [Egress]\n  egress:\n    - ports: [{protocol: TCP, port: 8080}]\n'));
    expect(run()).toEqual([["direction 'Egress'", 'NetworkPolicy/ci/listener egress[0] on 8080/TCP', 'failed']]);
    // findings the same but for their location (two rules of a Role): an entry of one does not hold the other
    const roles = path.join(dir, 'role.yaml');
    const role = (rules: string[]) => 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: r\n  namespace: ci\nrules:\n'
      + rules.map((r) => `  - apiGroups: [""]\n    resources: [${r}]\n    verbs: [get]\n`).join('');
    fs.writeFileSync(roles, role(['configmaps']));
    audit([roles], { writeBaseline: baseline, rules: ['RBAC_NO_WILDCARD'] });
    fs.writeFileSync(roles, role(['configmaps', 'secrets']));
    expect(JSON.parse(audit([roles], { baseline, rules: ['RBAC_NO_WILDCARD'], format: 'json' }).stdout).findings.map((f: any) => [f.location, f.status]))
      .toEqual([['rules[0]', 'baselined'], ['rules[1]', 'failed']]);
  });

  test('a version 2 baseline (without locations) is read as it was written: its entries match whatever the location', () => {
    const dir = tmp();
    const file = path.join(dir, 'role.yaml');
    fs.writeFileSync(file, 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: r\n  namespace: ci\nrules:\n'
      + '  - apiGroups: [""]\n    resources: [configmaps]\n    verbs: [get]\n  - apiGroups: [""]\n    resources: [secrets]\n    verbs: [get]\n');
    const baseline = path.join(dir, 'b.json');
    const entry = { file: 'role.yaml', kind: 'Role', namespace: 'ci', name: 'r', rule: 'RBAC_NO_WILDCARD', property: 'resourceNames' };
    fs.writeFileSync(baseline, JSON.stringify({ schemaVersion: 2, findings: [entry, entry] }));
    const r = audit([file], { baseline, rules: ['RBAC_NO_WILDCARD'], format: 'json' });
    expect([r.exitCode, r.stderr]).toEqual([0, '']);
    expect(JSON.parse(r.stdout).findings.map((f: any) => [f.location, f.status])).toEqual([['rules[0]', 'baselined'], ['rules[1]', 'baselined']]);
  });

  test('a widened grant is a new finding: an RBAC rule\'s verbs are part of its findings\' identity (granted), whatever their order', () => {
    const dir = tmp();
    const file = path.join(dir, 'role.yaml');
    const role = (verbs: string) => 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: reader\nrules:\n'
      + `  - apiGroups: [""]\n    resources: [secrets]\n    verbs: [${verbs}]\n`;
    const rules = ['RBAC_NO_ESCALATION', 'RBAC_NO_WILDCARD'];
    const baseline = path.join(dir, 'b.json');
    fs.writeFileSync(file, role('get'));
    audit([file], { writeBaseline: baseline, rules });
    expect(JSON.parse(fs.readFileSync(baseline, 'utf8')).findings).toEqual([
      { file: 'role.yaml', kind: 'ClusterRole', name: 'reader', rule: 'RBAC_NO_ESCALATION', property: 'resources', value: 'secrets', location: 'rules[0]', granted: 'get' },
      { file: 'role.yaml', kind: 'ClusterRole', name: 'reader', rule: 'RBAC_NO_WILDCARD', property: 'resourceNames', location: 'rules[0]', granted: 'get' },
    ]);
    const run = () => {
      const r = audit([file], { baseline, rules, format: 'json' });
      return JSON.parse(r.stdout).findings.map((f: any) => [f.rule, f.value, f.granted, f.problem.split(':')[0], f.status]);
    };
    expect(run()).toEqual([
      ['RBAC_NO_WILDCARD', undefined, 'get', 'is empty, so the rule reaches every object of its kind', 'baselined'],
      ['RBAC_NO_ESCALATION', 'secrets', 'get', 'with get', 'baselined'],
    ]);
    // get widened to get, list, watch: both findings are new, beside the entries they no longer match (a notice)
    fs.writeFileSync(file, role('get, list, watch'));
    expect(run()).toEqual([
      ['RBAC_NO_WILDCARD', undefined, 'get, list, watch', 'is empty, so the rule reaches every object of its kind', 'failed'],
      ['RBAC_NO_ESCALATION', 'secrets', 'get, list, watch', 'with get, list, watch', 'failed'],
    ]);
    expect(audit([file], { baseline, rules }).stderr).toMatch(new RegExp(`^notice: ${baseline}: 2 new findings are of an object and rule whose entries in the baseline match no finding: `));
    // the grant written again in another order is the same grant
    audit([file], { writeBaseline: baseline, rules });
    fs.writeFileSync(file, role('watch, get, list'));
    expect(run().map((f: any[]) => [f[2], f[4]])).toEqual([['get, list, watch', 'baselined'], ['get, list, watch', 'baselined']]);
    // a version 3 baseline (without granted) is read as it was written: its entries match whatever is granted
    const v3 = JSON.parse(fs.readFileSync(baseline, 'utf8'));
    v3.schemaVersion = 3;
    v3.findings.forEach((e: any) => { e.granted = 'get'; });
    fs.writeFileSync(baseline, JSON.stringify(v3));
    expect(run().map((f: any[]) => f[4])).toEqual(['baselined', 'baselined']);
  });

  test('a new finding beside an entry of its object and rule that matched nothing is a notice: rewrite the baseline once reviewed', () => {
    const dir = tmp();
    const file = path.join(dir, 'task.yaml');
    fs.writeFileSync(file, `apiVersion: tekton.dev/v1
kind: Task
metadata:
  name: fetch
  namespace: ci
spec:
  params:
    - name: tool
  steps:
    - name: run
      image: alpine
      command: ["$(params.tool)", "--version"]
`);
    const baseline = path.join(dir, 'b.json');
    audit([file], { writeBaseline: baseline, rules: ['ARGUMENT_INJECTION'] });
    expect(audit([file], { baseline, rules: ['ARGUMENT_INJECTION'] }).stderr).toBe('');
    // a baseline written when the finding was said of `command` (not `command[0]`)
    const data = JSON.parse(fs.readFileSync(baseline, 'utf8'));
    expect(data.findings.map((e: any) => e.property)).toEqual(['command[0]']);
    data.findings[0].property = 'command';
    fs.writeFileSync(baseline, JSON.stringify(data));
    const r = audit([file], { baseline, rules: ['ARGUMENT_INJECTION'] });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(`notice: ${baseline}: 1 new finding is of an object and rule whose entries in the baseline match no finding: the target, `
      + 'property, value, location or what is granted differs (the value changed, the finding is in another part of the object, it grants more or less, '
      + 'or the version that wrote the baseline named the finding otherwise); review them, then write the baseline again with --write-baseline\n');
    // an entry of another rule, or a finding fixed, is no such notice
    data.findings[0].rule = 'SCRIPT_INJECTION';
    fs.writeFileSync(baseline, JSON.stringify(data));
    expect(audit([file], { baseline, rules: ['ARGUMENT_INJECTION'] }).stderr).toBe('');
    // written again, as the notice says: nothing new
    audit([file], { writeBaseline: baseline, rules: ['ARGUMENT_INJECTION'] });
    expect(audit([file], { baseline, rules: ['ARGUMENT_INJECTION'] }).exitCode).toBe(0);
  });

  test('entries are matched one to one: a second identical finding is new', () => {
    const dir = tmp();
    const file = path.join(dir, 'task.yaml');
    fs.writeFileSync(file, TASK('golang:1.22'));
    const baseline = path.join(dir, 'b.json');
    audit([file], { writeBaseline: baseline, rules: ['IMAGE_DIGEST'] });
    expect(JSON.parse(fs.readFileSync(baseline, 'utf8')).findings).toHaveLength(1);
    // a second Task of the same name in another namespace is another object
    fs.appendFileSync(file, `---\n${TASK('golang:1.23').replace('namespace: ci', 'namespace: qa')}`);
    const r = JSON.parse(audit([file], { baseline, rules: ['IMAGE_DIGEST'], format: 'json' }).stdout);
    expect(r.findings.map((f: any) => [f.object, f.status])).toEqual([['Task/ci/build', 'baselined'], ['Task/qa/build', 'failed']]);
  });

  test('a baseline written when findings the same in every field were listed each time still holds them: now one finding, or one per mount', () => {
    const dir = tmp();
    const file = path.join(dir, 'task.yaml');
    // two mounts the same in every field, and two of the name at other paths (the catalog's jib-gradle)
    fs.writeFileSync(file, `apiVersion: tekton.dev/v1
kind: Task
metadata:
  name: jib
  namespace: ci
spec:
  params:
    - name: CACHE
  steps:
    - name: build
      image: alpine
      volumeMounts:
        - {name: $(params.CACHE), mountPath: /workspace/.m2}
        - {name: $(params.CACHE), mountPath: /workspace/.m2}
    - name: push
      image: alpine
      volumeMounts:
        - {name: $(params.CACHE), mountPath: /workspace/.m2}
        - {name: $(params.CACHE), mountPath: /workspace/.cache}
`);
    // the entries an earlier version wrote: one per finding it listed, two of each step
    const entry = (target: string) => ({ file: 'task.yaml', kind: 'Task', namespace: 'ci', name: 'jib', rule: 'MOUNT_PATH_FIXED', target, property: 'volumeMounts["$(params.CACHE)"].name', value: '$(params.CACHE)' });
    const baseline = path.join(dir, 'b.json');
    fs.writeFileSync(baseline, JSON.stringify({ schemaVersion: 2, findings: [entry('step/build'), entry('step/build'), entry('step/push'), entry('step/push')] }));
    const r = audit([file], { baseline, rules: ['MOUNT_PATH_FIXED'], format: 'json' });
    expect([r.exitCode, r.stderr]).toEqual([0, '']);
    expect(JSON.parse(r.stdout).findings.map((f: any) => [f.target, f.line, f.problem.split(' (')[0], f.status])).toEqual([
      ['step/build', 13, 'lets a caller choose which volume of the pod is mounted with $(params.CACHE)', 'baselined'],
      ['step/push', 18, 'lets a caller choose which volume of the pod is mounted at /workspace/.m2 with $(params.CACHE)', 'baselined'],
      ['step/push', 18, 'lets a caller choose which volume of the pod is mounted at /workspace/.cache with $(params.CACHE)', 'baselined'],
    ]);
    // written again: one entry per finding
    audit([file], { writeBaseline: baseline, rules: ['MOUNT_PATH_FIXED'] });
    expect(JSON.parse(fs.readFileSync(baseline, 'utf8')).findings.map((e: any) => e.target)).toEqual(['step/build', 'step/push', 'step/push']);
    expect(audit([file], { baseline, rules: ['MOUNT_PATH_FIXED'] }).exitCode).toBe(0);
  });

  test('--write-baseline refuses a partial run: a file that could not be read, nothing written (an existing baseline kept), exit 2', () => {
    const dir = tmp();
    const file = path.join(dir, 'task.yaml');
    fs.writeFileSync(file, TASK('golang:1.22'));
    const broken = path.join(dir, 'broken.yaml');
    fs.writeFileSync(broken, 'kind: Task\nmetadata: {name: x}\nspec: [1, 2\n');
    const baseline = path.join(dir, 'b.json');
    const refused = `error: ${baseline}: baseline not written: 1 file could not be read, so the findings are partial\n`;
    const r = audit([file, broken], { writeBaseline: baseline });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(refused);
    expect(fs.existsSync(baseline)).toBe(false);
    expect(r.stdout).toContain(`\n${broken}:4:1: error: invalid YAML: `);
    expect(r.stdout.trim().split('\n').pop()).toBe('1 file, 1 object: 11 findings failed, 0 relaxed, 1 file could not be read: the findings are partial '
      + '(its objects are not audited, and may change the others\' findings)');
    fs.writeFileSync(baseline, 'kept as it was');
    expect(audit([file, broken], { writeBaseline: baseline, format: 'json' })).toMatchObject({ exitCode: 2, stderr: `error: ${broken}:4:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]\n${refused}` });
    expect(fs.readFileSync(baseline, 'utf8')).toBe('kept as it was');
  });

  test('--baseline: a file that could not be read exits 2 though the baseline holds every finding of the others', () => {
    const dir = tmp();
    const file = path.join(dir, 'task.yaml');
    fs.writeFileSync(file, TASK('golang:1.22'));
    const baseline = path.join(dir, 'b.json');
    expect(audit([file], { writeBaseline: baseline }).exitCode).toBe(0);
    expect(audit([file], { baseline }).exitCode).toBe(0);
    const broken = path.join(dir, 'broken.yaml');
    fs.writeFileSync(broken, 'kind: Task\nmetadata: {name: x}\nspec: [1, 2\n');
    const r = audit([file, broken], { baseline, format: 'json' });
    expect(r.exitCode).toBe(2);
    const report = JSON.parse(r.stdout);
    expect(report.summary).toMatchObject({ failed: 0, baselined: 11, unreadFiles: 1 });
    expect(report.unreadFiles).toEqual([{ file: broken, line: 4, column: 1, message: 'invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]' }]);
  });

  test('a baseline that cannot be read or is not one: exit 2 with one line', () => {
    const dir = tmp();
    const file = path.join(dir, 'task.yaml');
    fs.writeFileSync(file, TASK('golang:1.22'));
    const missing = path.join(dir, 'none.json');
    expect(audit([file], { baseline: missing })).toEqual({ exitCode: 2, stdout: '', stderr: `error: ${missing}: cannot read the baseline (no such file): write it first with --write-baseline ${missing}\n` });
    const other = path.join(dir, 'other.json');
    fs.writeFileSync(other, '{"findings": []}');
    expect(audit([file], { baseline: other })).toEqual({ exitCode: 2, stdout: '', stderr: `error: ${other}: not an audit baseline (schemaVersion 2 to 4 and a findings list expected)\n` });
    fs.writeFileSync(other, '{"schemaVersion": 1, "findings": []}');
    expect(audit([file], { baseline: other })).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: `error: ${other}: not an audit baseline (schemaVersion 2 to 4 and a findings list expected); a schemaVersion 1 baseline did not record the findings' values: write it again with --write-baseline\n`,
    });
    fs.writeFileSync(other, '{"schemaVersion": 5, "findings": []}');
    expect(audit([file], { baseline: other }).stderr).toBe(`error: ${other}: not an audit baseline (schemaVersion 2 to 4 and a findings list expected)\n`);
    fs.writeFileSync(other, '{"schemaVersion": 2, "findings": [{"file": "x"}]}');
    expect(audit([file], { baseline: other })).toEqual({ exitCode: 2, stdout: '', stderr: `error: ${other}: baseline entry 0 is not an object with file, kind, name, rule and property strings\n` });
    const unwritable = path.join(dir, 'no-such-dir', 'b.json');
    // a folder that does not exist: said before the audit runs, with the folder to create
    expect(audit([file], { writeBaseline: unwritable })).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: `error: ${unwritable}: cannot write the baseline: the folder ${path.dirname(unwritable)} does not exist (create it, or name a file in an existing folder)\n`,
    });
    // a folder that is a file
    expect(audit([file], { writeBaseline: path.join(file, 'b.json') }).stderr)
      .toBe(`error: ${path.join(file, 'b.json')}: cannot write the baseline: ${file} is not a folder\n`);
    expect(audit([file], { writeBaseline: path.join(file, 'x', 'b.json') }).stderr)
      .toMatch(new RegExp(`^error: ${path.join(file, 'x', 'b.json').replace(/[.]/g, '\\.')}: cannot write the baseline \\(ENOTDIR`));
  });
});
