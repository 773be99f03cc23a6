import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EXAMPLES } from '../../examples';
import { audit } from '../../src/cli/audit';
import { main } from '../../src/cli/main';
import { seal } from '../../src/policy/engine/annotations';
import { findingAddress } from '../../src/private/targets';

/** The text report's heading of how to relax a failed finding, once per rule. */
const RELAX_HEAD = 'To keep a finding on purpose, relax it on its object with a reason (metadata.annotations; each finding\'s target is in --format json):';
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'audit');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'audit-'));
const json = (paths: string[]) => JSON.parse(audit(paths, 'json').stdout);
/** The totals of a run of one file that could not be read. */
const ONE_UNREAD = '0 files, 0 objects: 0 findings failed, 0 relaxed, 1 file could not be read: the findings are partial '
  + '(its objects are not audited, and may change the others\' findings)';
const rulesIn = (file: string) => [...new Set(json([path.join(FIXTURES, 'insecure', file)]).findings.map((f: any) => f.rule))].sort();

describe('audit on YAML not made by this library', () => {
  test('insecure fixtures fail with exit code 1', () => {
    const r = audit([path.join(FIXTURES, 'insecure')]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout.trim().split('\n').pop()).toBe('5 files, 11 objects: 67 findings failed, 0 relaxed');
  });

  test('plain Tekton: every pod-security, image, script and run rule', () => {
    expect(rulesIn('tekton.yaml')).toEqual([
      'COMPUTE_RESOURCES', 'DROP_ALL_CAPABILITIES', 'IMAGE_DIGEST', 'NOT_PRIVILEGED', 'NO_PRIVILEGE_ESCALATION', 'READ_ONLY_ROOT_FILESYSTEM',
      'RUN_AS_NON_ROOT', 'RUN_POD_SECURITY_CONTEXT', 'RUN_SERVICE_ACCOUNT', 'RUN_TOKEN_AUTOMOUNT', 'SCRIPT_INJECTION',
      'SCRIPT_SHEBANG', 'SECCOMP_RUNTIME_DEFAULT', 'WORKSPACE_PER_RUN',
    ]);
  });

  test('RBAC: cluster-admin binding, wildcards, secret listing, exec', () => {
    expect(rulesIn('rbac.yaml')).toEqual(['RBAC_NAMESPACED', 'RBAC_NO_ESCALATION', 'RBAC_NO_SECRET_LISTING', 'RBAC_NO_WILDCARD']);
  });

  test('NetworkPolicy: open CIDR and unscoped rules', () => {
    expect(rulesIn('network.yaml')).toEqual(['EGRESS_NO_OPEN_CIDR', 'EGRESS_SCOPED']);
  });

  test('CSI and Secrets: http Vault, skip-TLS, an API-server token audience, secret data', () => {
    expect(rulesIn('secrets.yaml')).toEqual(['NO_SECRET_MATERIAL', 'VAULT_TLS', 'VAULT_TOKEN_AUDIENCE']);
  });

  test('chains-config, feature-flags, Namespace, VerificationPolicy', () => {
    expect(rulesIn('cluster.yaml')).toEqual([
      'CHAINS_KNOWN_KEYS', 'CHAINS_SECURE_STORAGE', 'CHAINS_SIGNED', 'CHAINS_SLSA_PROVENANCE', 'CHAINS_TRANSPARENCY',
      'NAMESPACE_DEFAULT_DENY', 'NAMESPACE_RESTRICTED', 'TEKTON_FEATURE_FLAGS', 'VERIFICATION_ENFORCED', 'VERIFICATION_POLICY_USED',
    ]);
  });

  test('hardened hand-written YAML passes', () => {
    const r = audit([path.join(FIXTURES, 'hardened')]);
    expect(r).toEqual({ exitCode: 0, stdout: '1 file, 4 objects: 0 findings failed, 0 relaxed\n', stderr: '' });
  });

  test('a human line names file:line:col of the field, object, where, property, value, rule and fix', () => {
    const lines = audit([path.join(FIXTURES, 'insecure', 'tekton.yaml')]).stdout.split('\n');
    expect(lines).toContain(
      `    ${path.join(FIXTURES, 'insecure', 'tekton.yaml')}:11:7: FAIL Task/build step 'clone': image "alpine/git:latest" is not pinned by digest [IMAGE_DIGEST]. Use "alpine/git@sha256:<64 hex>".`,
    );
  });
});

describe('TEMPLATE_INJECTION in the audit', () => {
  test('a finding is placed at its placeholder: in a comment (said of the object), in a script\'s line, else at its field', () => {
    const dir = tmp();
    const file = path.join(dir, 'run.yaml');
    fs.writeFileSync(file, [
      '# triggered by {{ trigger_comment }}',
      'apiVersion: tekton.dev/v1',
      'kind: PipelineRun',
      'metadata:',
      '  name: build # {{ revision }}, {{ body.pull_request.title }}',
      '  labels:',
      '    a: "x \\x7b{ body.y }}"',
      'spec:',
      '  pipelineSpec:',
      '    tasks:',
      '      - name: compile',
      '        taskSpec:',
      '          steps:',
      '            - name: make',
      '              image: alpine',
      '              script: |',
      '                #!/bin/sh',
      '                echo "{{ source_branch }}"',
      '',
    ].join('\r\n'));
    const r = audit([file], { rules: ['TEMPLATE_INJECTION'] });
    const lines = r.stdout.split('\n').filter((l) => l.includes('FAIL')).map((l) => l.trim().replace(file, 'run.yaml').replace(/ which .*/, ''));
    expect(lines).toEqual([
      'run.yaml:1:16: FAIL PipelineRun/build comment on line 1: "# triggered by {{ trigger_comment }}" holds {{ trigger_comment }},',
      'run.yaml:5:33: FAIL PipelineRun/build comment on line 5: "# {{ revision }}, {{ body.pull_request.title }}" holds {{ body.pull_request.title }},',
      // written with an escape, PaC does not find it: at the field
      'run.yaml:7:5: FAIL PipelineRun/build: metadata.labels.a "x {{ body.y }}" holds {{ body.y }},',
      'run.yaml:18:23: FAIL PipelineRun/build task \'compile\' step \'make\': script "#!/bin/sh\\necho \\"{{ source_branch }}\\"\\n" holds {{ source_branch }},',
    ]);
    const found = JSON.parse(audit([file], { format: 'json', rules: ['TEMPLATE_INJECTION'] }).stdout).findings;
    expect(found.map((f: any) => [f.line, f.column, f.path, f.location, f.property]).sort((a: any, b: any) => a[0] - b[0])).toEqual([
      [1, 16, undefined, 'comment on line 1', ''],
      [5, 33, undefined, 'comment on line 5', ''],
      [7, 5, 'metadata.labels.a', undefined, 'metadata.labels.a'],
      [18, 23, 'spec.pipelineSpec.tasks[0].taskSpec.steps[0].script', "task 'compile' step 'make'", 'script'],
    ]);
  });
});

describe('audit of relaxation annotations', () => {
  function write(yaml: string) {
    const file = path.join(tmp(), 'x.yaml');
    fs.writeFileSync(file, yaml);
    return file;
  }
  const task = (annotations: string, script: string) => `apiVersion: tekton.dev/v1
kind: Task
metadata:
  name: t
  annotations:
${annotations}
spec:
  stepTemplate:
    securityContext: {runAsNonRoot: true, runAsUser: 1, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}, seccompProfile: {type: RuntimeDefault}}
    computeResources: {requests: {cpu: 1, memory: 1Mi}, limits: {cpu: 1, memory: 1Mi}}
  volumes: [{name: tmp, emptyDir: {}}]
  steps:
    - name: s
      image: a@sha256:${'a'.repeat(64)}
      volumeMounts: [{name: tmp, mountPath: /tmp}]
      script: "${script}"
`;

  test('a finding without a target is relaxed alone by its field address, as the printed relaxation says', () => {
    const volumes = (annotations: string) => `apiVersion: tekton.dev/v1
kind: Task
metadata:
  name: t
  namespace: ci
${annotations}spec:
  volumes:
    - {name: sock, hostPath: {path: /var/run}}
    - {name: etc, hostPath: {path: /etc}}
  steps:
    - name: s
      image: a@sha256:${'a'.repeat(64)}
`;
    const first = audit([write(volumes(''))]);
    const line = first.stdout.split('\n').find((l) => l.startsWith('  NO_HOST_ACCESS ') && l.includes('secure-tekton/relax.'));
    expect(line).toBe('  NO_HOST_ACCESS             secure-tekton/relax.NO_HOST_ACCESS: "field/volumes=sock: <why, at least 10 visible characters>" (on Task/ci/t)');
    // each finding without a target has its address in JSON
    expect(json([write(volumes(''))]).findings.filter((f: any) => f.rule === 'NO_HOST_ACCESS').map((f: any) => [f.target, f.address]))
      .toEqual([[undefined, 'field/volumes=sock'], [undefined, 'field/volumes=etc']]);
    // the printed relaxation, applied with a reason: that finding is relaxed, the other volume's is not
    const annotation = /(secure-tekton\/relax\.NO_HOST_ACCESS): "field\/volumes=sock: /.exec(line!)!;
    const relaxed = json([write(volumes(`  annotations:\n    ${annotation[1]}: "field/volumes=sock: the legacy builder talks to the node's daemon"\n`))]);
    expect(relaxed.findings.filter((f: any) => f.rule === 'NO_HOST_ACCESS').map((f: any) => [f.value, f.status])).toEqual([['sock', 'relaxed'], ['etc', 'failed']]);
    // a record of the property alone covers every finding of the rule there; `/`, `:`, `*`, `=` and white space are percent-encoded
    const both = json([write(volumes('  annotations:\n    secure-tekton/relax.NO_HOST_ACCESS: "field/volumes: the legacy builder talks to the node"\n'))]);
    expect(both.findings.filter((f: any) => f.rule === 'NO_HOST_ACCESS').map((f: any) => f.status)).toEqual(['relaxed', 'relaxed']);
    expect(findingAddress({ property: 'data[\'a/b\']', value: 'x: *=% y' })).toBe("field/data['a%2Fb']=x%3A%20%2A%3D%25%20y");
    expect(findingAddress({ target: 'step/s', property: 'image' })).toBe('step/s');
  });

  test('the printed field address of a value holding a quote, a backslash or a control character applies as printed', () => {
    const run = (annotations: string) => `apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: pr
  namespace: ci
${annotations}spec:
  params:
    - name: msg
      value: "say \\"{{ body.title }}\\" \\\\n \\x01 \\u00e9"
  pipelineRef:
    name: p
`;
    const first = audit([write(run(''))]);
    const line = first.stdout.split('\n').find((l) => l.startsWith('  TEMPLATE_INJECTION ') && l.includes('secure-tekton/relax.'));
    expect(line).toBe('  TEMPLATE_INJECTION        secure-tekton/relax.TEMPLATE_INJECTION: '
      + '"field/spec.params[0].value=say%20%22{{%20body.title%20}}%22%20%5Cn%20%01%20é: <why, at least 10 visible characters>" (on PipelineRun/ci/pr)');
    // pasted under the annotations as printed, with a reason: the finding is relaxed
    const record = / {2}(secure-tekton\/relax\.TEMPLATE_INJECTION: ".*) \(on PipelineRun\/ci\/pr\)$/.exec(line!)![1]
      .replace('<why, at least 10 visible characters>', 'the title is read by no step');
    const relaxed = json([write(run(`  annotations:\n    ${record}\n`))]);
    expect(relaxed.findings.filter((f: any) => f.rule === 'TEMPLATE_INJECTION').map((f: any) => f.status)).toEqual(['relaxed']);
  });

  test('findings of one property and value in two parts of the object have addresses of their own (an RBAC rule, a container)', () => {
    const role = (annotations: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: r
  namespace: ci
${annotations}rules:
  - {apiGroups: [""], resources: [configmaps], verbs: [get]}
  - {apiGroups: [""], resources: [services], verbs: [get, update]}
`;
    const first = json([write(role(''))]).findings.filter((f: any) => f.rule === 'RBAC_NO_WILDCARD');
    expect(first.map((f: any) => [f.location, f.address])).toEqual([['rules[0]', 'field/rules[0].resourceNames=%none'], ['rules[1]', 'field/rules[1].resourceNames=%none']]);
    expect(audit([write(role(''))]).stdout.split('\n').filter((l) => l.includes('secure-tekton/relax.RBAC_NO_WILDCARD')))
      .toEqual(['  RBAC_NO_WILDCARD    secure-tekton/relax.RBAC_NO_WILDCARD: "field/rules[0].resourceNames=%none: <why, at least 10 visible characters>" (on Role/ci/r)']);
    // the record of the configmaps rule leaves the pods rule's finding failed
    const relaxed = json([write(role('  annotations:\n    secure-tekton/relax.RBAC_NO_WILDCARD: "field/rules[0].resourceNames: the configmaps here hold nothing private"\n'))]);
    expect(relaxed.findings.filter((f: any) => f.rule === 'RBAC_NO_WILDCARD').map((f: any) => [f.location, f.status])).toEqual([['rules[0]', 'relaxed'], ['rules[1]', 'failed']]);
    // the record of the property alone, as every finding without a location had it, covers neither
    const old = json([write(role('  annotations:\n    secure-tekton/relax.RBAC_NO_WILDCARD: "field/resourceNames: the configmaps here hold nothing private"\n'))]);
    expect(old.findings.filter((f: any) => f.rule === 'RBAC_NO_WILDCARD').map((f: any) => f.status)).toEqual(['failed', 'failed']);
    expect(findingAddress({ location: "container 'build'", property: 'securityContext.privileged', value: 'true' }))
      .toBe("field/container%20'build'.securityContext.privileged=true");
  });

  test('the record printed for a finding that names no value covers it alone, not a finding of a value at that property', () => {
    const role = (annotations: string, names: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: r
  namespace: ci
${annotations}rules:
  - {apiGroups: [""], resources: [configmaps], verbs: [get, list, create]${names}}
`;
    const printed = '  annotations:\n    secure-tekton/relax.RBAC_NO_WILDCARD: "field/rules[0].resourceNames=%none: the reader lists every ConfigMap of ci on purpose"\n';
    const status = (text: string) => json([write(text)]).findings.filter((f: any) => f.rule === 'RBAC_NO_WILDCARD').map((f: any) => [f.address, f.status]);
    expect(status(role(printed, ''))).toEqual([['field/rules[0].resourceNames=%none', 'relaxed']]);
    // resourceNames [""] with create: a finding of its own, which the record of the empty resourceNames does not cover
    expect(status(role(printed, ', resourceNames: ["", app]'))).toEqual([['field/rules[0].resourceNames=', 'failed']]);
    // the record of the property (written by hand) still covers every finding of the rule there
    expect(status(role(printed.replace('=%none', ''), ', resourceNames: ["", app]'))).toEqual([['field/rules[0].resourceNames=', 'relaxed']]);
    // RUN_TIMEOUT: the record of an unset timeout does not cover a timeout of 0s
    const run = (timeout: string) => `apiVersion: tekton.dev/v1
kind: TaskRun
metadata:
  name: once
  namespace: ci
  annotations:
    secure-tekton/relax.RUN_TIMEOUT: "field/timeout=%none: the cluster's default timeout suits this run"
spec:
  serviceAccountName: builder
  taskRef: {name: t}
${timeout}`;
    expect(json([write(run('  timeout: "0s"\n'))]).findings.filter((f: any) => f.rule === 'RUN_TIMEOUT').map((f: any) => [f.address, f.status]))
      .toEqual([['field/timeout=0s', 'failed']]);
  });

  test('a relaxed finding is reported with its reason and does not fail', () => {
    const r = audit([write(task('    secure-tekton/relax.SCRIPT_SHEBANG: "step/s: image has no sh"', 'echo hi'))]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('RELAXED');
    // no seal: the annotation was not written by the library
    expect(r.stdout).toContain('[SCRIPT_SHEBANG]. relaxed (hand edit): image has no sh');
  });

  test('a relaxed finding\'s JSON fix does not say how to relax it; the same finding failed ends with the annotation that relaxes it', () => {
    const gitClone = fs.readFileSync(path.join(FIXTURES, 'real', 'tasks', 'git-clone-v1beta1.yaml'), 'utf8');
    const fixOf = (text: string) => json([write(text)]).findings.filter((f: any) => f.rule === 'IMAGE_DIGEST').map((f: any) => [f.status, f.fix]);
    const fix = 'Write the image pinned by digest into the step ("<repository>@sha256:<64 hex>"), or relax IMAGE_DIGEST with the reason callers must choose it.';
    expect(fixOf(gitClone.replace('  name: git-clone\n', '  name: git-clone\n  annotations:\n    secure-tekton/relax.IMAGE_DIGEST: "step/clone: callers pick a mirrored image"\n')))
      .toEqual([['relaxed', fix]]);
    expect(fixOf(gitClone)).toEqual([['failed', `${fix} To relax it, annotate the object: secure-tekton/relax.IMAGE_DIGEST: "step/clone: <why, at least 10 visible characters>".`]]);
  });

  test('--fail-on-hand-edit: a hand-edited record does not relax; the library\'s sealed records still do', () => {
    const file = write(task('    secure-tekton/relax.SCRIPT_SHEBANG: "step/s: image has no sh"', 'echo hi'));
    const r = audit([file], { format: 'json', failOnHandEdit: true });
    expect(r.exitCode).toBe(1);
    expect(JSON.parse(r.stdout).findings.map((f: any) => [f.rule, f.status, f.reason, f.recordedBy])).toEqual([['SCRIPT_SHEBANG', 'failed', 'image has no sh', 'hand-edit']]);
    // the text names the record that no longer relaxes the finding
    expect(audit([file], { failOnHandEdit: true }).stdout).toContain(`${file}:16:7: FAIL Task/t step 's': script "echo hi" does not start with a #! line [SCRIPT_SHEBANG]. `
      + 'Start the script with an interpreter line such as "#!/bin/sh". Its relaxation record is a hand edit, not honoured with --fail-on-hand-edit: image has no sh\n');
    // how to keep it: not by a record written by hand, which this run does not honour, but by one synth writes and seals
    expect(audit([file], { failOnHandEdit: true }).stdout).toContain('To keep a finding on purpose, relax it with a reason where the app makes the object '
      + '(relaxations: [...] in its props, or Relaxations.of(...)), so that synth writes and seals the record (one written by hand is not honoured with '
      + '--fail-on-hand-edit); the record it writes:\n  SCRIPT_SHEBANG  secure-tekton/relax.SCRIPT_SHEBANG: "step/s: <why, at least 10 visible characters>" (on Task/t)\n');
    // the build-pipeline example's relaxations are recorded by the library, sealed
    const dir = tmp();
    EXAMPLES['build-pipeline'](dir).synth();
    const sealed = audit([dir], { format: 'json', failOnHandEdit: true });
    expect(sealed.exitCode).toBe(0);
    expect(JSON.parse(sealed.stdout).findings.filter((f: any) => f.status === 'relaxed').length).toBeGreaterThan(0);
  });

  test('records of a List item or of a TriggerTemplate\'s template are hand edits even under a valid seal: the library writes neither', () => {
    const sealedTask = () => seal({
      apiVersion: 'tekton.dev/v1',
      kind: 'Task',
      metadata: { name: 't', annotations: { 'secure-tekton/relax.SCRIPT_SHEBANG': 'step/s: image has no sh' } },
      spec: {
        stepTemplate: {
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 1,
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ['ALL'] },
            seccompProfile: { type: 'RuntimeDefault' },
          },
          computeResources: { requests: { cpu: 1, memory: '1Mi' }, limits: { cpu: 1, memory: '1Mi' } },
        },
        volumes: [{ name: 'tmp', emptyDir: {} }],
        steps: [{ name: 's', image: `a@sha256:${'a'.repeat(64)}`, volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }], script: 'echo hi' }],
      },
    });
    const recordedBy = (doc: any) => json([write(JSON.stringify(doc))]).findings
      .filter((f: any) => f.rule === 'SCRIPT_SHEBANG').map((f: any) => [f.object, f.status, f.recordedBy]);
    // the object itself, as synth writes it: the library's record
    expect(recordedBy(sealedTask())).toEqual([['Task/t', 'relaxed', 'library']]);
    expect(recordedBy({ apiVersion: 'v1', kind: 'List', items: [sealedTask()] })).toEqual([['Task/t', 'relaxed', 'hand-edit']]);
    const triggerTemplate = () => ({ apiVersion: 'triggers.tekton.dev/v1beta1', kind: 'TriggerTemplate', metadata: { name: 'tt' }, spec: { resourcetemplates: [sealedTask()] } });
    // a template's records are the library's when the TriggerTemplate that holds it carries the seal, not its own
    expect(recordedBy(triggerTemplate())).toEqual([['Task/t', 'relaxed', 'hand-edit']]);
    expect(recordedBy(seal(triggerTemplate()))).toEqual([['Task/t', 'relaxed', 'library']]);
    expect(recordedBy({ apiVersion: 'v1', kind: 'List', items: [seal(triggerTemplate())] })).toEqual([['Task/t', 'relaxed', 'hand-edit']]);
  });

  test('a record is honoured only for its target: step/x covers neither step/s nor a sidecar named s', () => {
    const r = json([write(task('    secure-tekton/relax.SCRIPT_SHEBANG: "step/x: image has no sh at all"', 'echo hi'))]);
    expect(r.findings.map((f: any) => [f.rule, f.status])).toEqual([['SCRIPT_SHEBANG', 'failed']]);
  });

  test('a record that covers no finding is a notice at its annotation: a target the object does not have, nothing left to relax', () => {
    const file = write(task([
      '    secure-tekton/relax.SCRIPT_SHEBANG: "step/x: image has no sh at all"',
      '    secure-tekton/relax.IMAGE_DIGEST: "*: the image is pinned by our mirror"',
      '    secure-tekton/relax.COMPUTE_RESOURCES: "step/s: limits come from the LimitRange"',
    ].join('\n'), 'echo hi'));
    const notice = (line: number, record: string, rule: string, target: string | undefined, found: string[]) => `notice: ${file}:${line}:5: Task/t: the relaxation record "${record}: …" of ${rule} `
      + `covers no finding of the object${target === undefined ? '' : ` (is "${target}" a step, sidecar, task or other part it has?)`}: `
      + (found.length === 0 ? `${rule} finds nothing in it, so remove the record\n` : `remove it, or give the target the finding names: ${found.map((t) => `"${t}"`).join(', ')}\n`);
    // the image is pinned and the step sets its resources: those two records have nothing to relax; step/x names no step, and the finding is step/s's
    const notices = [
      notice(6, 'step/x', 'SCRIPT_SHEBANG', 'step/x', ['step/s']), notice(7, '*', 'IMAGE_DIGEST', undefined, []), notice(8, 'step/s', 'COMPUTE_RESOURCES', 'step/s', []),
    ];
    expect(audit([file]).stderr).toBe(notices.join(''));
    expect(json([file]).notices).toEqual(notices.map((n) => n.slice('notice: '.length, -1)));
    // a record that relaxes a finding is no notice
    expect(audit([write(task('    secure-tekton/relax.SCRIPT_SHEBANG: "step/s: image has no sh"', 'echo hi'))]).stderr).toBe('');
  });

  test('a record of a rule that does not check the kind of its object is a notice that says so; one of a rule that cannot be relaxed a finding', () => {
    const file = write(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ci
  annotations:
    secure-tekton/relax.NAMESPACE_RESTRICTED: "*: the namespace is the platform's own"
    secure-tekton/relax.IMAGE_DIGEST: "step/x: the mirror pins every image"
    secure-tekton/relax.POD_SECURITY_ADMITTED: "*: the namespace admits privileged pods"
spec:
  selector: {matchLabels: {a: b}}
  template:
    metadata: {labels: {a: b}}
    spec:
      containers: [{name: c, image: "nginx@sha256:${'a'.repeat(64)}"}]
`);
    const r = audit([file], 'json');
    expect(JSON.parse(r.stdout).notices).toEqual([
      `${file}:7:5: Deployment/ci/web: the relaxation record "*: …" of NAMESPACE_RESTRICTED covers no finding of the object: `
        + 'NAMESPACE_RESTRICTED does not check a Deployment, so the record relaxes nothing: remove it',
      `${file}:8:5: Deployment/ci/web: the relaxation record "step/x: …" of IMAGE_DIGEST covers no finding of the object: `
        + 'IMAGE_DIGEST does not check a Deployment, so the record relaxes nothing: remove it',
    ]);
    expect(JSON.parse(r.stdout).findings.map((f: any) => [f.line, f.rule, f.problem])).toEqual([
      [9, 'RELAXATION_REASON', 'names a rule that cannot be relaxed'],
    ]);
    // a Pipeline's annotations reach the runs Tekton creates from it: the notice says so
    const pipeline = write(`apiVersion: tekton.dev/v1
kind: Pipeline
metadata:
  name: p
  namespace: ci
  annotations:
    secure-tekton/relax.RUN_TOKEN_AUTOMOUNT: "*: the deploy task talks to the API server"
spec:
  tasks:
    - name: a
      taskRef: {name: t}
`);
    expect(json([pipeline]).notices).toEqual([
      `${pipeline}:7:5: Pipeline/ci/p: the relaxation record "*: …" of RUN_TOKEN_AUTOMOUNT covers no finding of the object: RUN_TOKEN_AUTOMOUNT does not `
        + 'check a Pipeline, so the record relaxes nothing here; Tekton copies the annotation onto the runs it creates from it, where it may relax '
        + "RUN_TOKEN_AUTOMOUNT's findings: remove it unless those runs need it",
    ]);
  });

  test('a record whose findings another record of the rule relaxes is a notice naming that record; a record written twice is told once', () => {
    const file = write(task([
      '    secure-tekton/relax.SCRIPT_SHEBANG: |-',
      '      *: the image has no shell at all',
      '      step/s: the image has no shell at all',
      '      step/s: the image has no shell at all',
      '      step/x: the image has no shell at all',
      '      step/x: the image has no shell at all',
    ].join('\n'), 'echo hi'));
    const r = json([file]);
    expect(r.findings.filter((f: any) => f.rule === 'SCRIPT_SHEBANG').map((f: any) => f.status)).toEqual(['relaxed']);
    expect(r.notices).toEqual([
      `${file}:6:5: Task/t: the relaxation record "step/s: …" of SCRIPT_SHEBANG relaxes nothing: the findings it covers are relaxed by the record "*: …" `
        + 'of the same rule, so remove one of them',
      `${file}:6:5: Task/t: the relaxation record "step/x: …" of SCRIPT_SHEBANG covers no finding of the object (is "step/x" a step, sidecar, task or `
        + 'other part it has?): remove it, or give the target the finding names: "step/s"',
    ]);
  });

  test('a field/ record that relaxes a finding of a rule the admission policies check is a notice: they honour only *', () => {
    const run = (annotations: string) => `apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: r
  namespace: ci
  annotations:
${annotations}
spec:
  pipelineRef: {name: p}
  taskRunTemplate:
    serviceAccountName: runner
    podTemplate:
      priorityClassName: system-node-critical
`;
    const record = 'field/taskRunTemplate.podTemplate.priorityClassName=system-node-critical';
    const file = write(run(`    secure-tekton/relax.RUN_POD_OVERRIDES: "${record}: the cluster operators run this one"`));
    const r = json([file]);
    expect(r.findings.filter((f: any) => f.rule === 'RUN_POD_OVERRIDES').map((f: any) => f.status)).toEqual(['relaxed']);
    expect(r.notices).toEqual([
      `${file}:7:5: PipelineRun/ci/r: the relaxation record "${record}: …" of RUN_POD_OVERRIDES relaxes its finding in this audit, but the admission `
        + 'policies (TektonAdmissionPolicies) do not honour a field/ record: they exempt a finding without a target only for a record of the whole '
        + 'object, so where they run they refuse the object unless the record is "*: <reason>" (which relaxes every finding of RUN_POD_OVERRIDES in it)',
    ]);
    // "*" is honoured by both: no notice
    expect(json([write(run('    secure-tekton/relax.RUN_POD_OVERRIDES: "*: the cluster operators run this one"'))]).notices).toEqual([]);
    // a rule the policies do not check (TEMPLATE_INJECTION): the audit alone reads its records, no notice
    const params = `apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: pr
  namespace: ci
  annotations:
    secure-tekton/relax.TEMPLATE_INJECTION: "field/spec.params[0].value={{%20body.title%20}}: no step reads it"
spec:
  params:
    - name: msg
      value: "{{ body.title }}"
  pipelineRef:
    name: p
`;
    const audited = json([write(params)]);
    expect(audited.findings.filter((f: any) => f.rule === 'TEMPLATE_INJECTION').map((f: any) => f.status)).toEqual(['relaxed']);
    expect(audited.notices).toEqual([]);
  });

  test('a field/ record of a property above the findings\' is a notice saying a field/ address covers nothing below it, with the addresses to write', () => {
    const file = write(`apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: r
  namespace: ci
  annotations:
    secure-tekton/relax.RUN_POD_SECURITY_CONTEXT: "field/taskRunTemplate.podTemplate.securityContext: the namespace defaults set it"
spec:
  pipelineRef: {name: p}
  timeouts: {pipeline: 1h0m0s}
  taskRunTemplate:
    serviceAccountName: runner
    podTemplate:
      automountServiceAccountToken: false
      securityContext: {runAsNonRoot: true, fsGroup: 65532}
`);
    const r = json([file]);
    expect(r.findings.filter((f: any) => f.rule === 'RUN_POD_SECURITY_CONTEXT').map((f: any) => [f.status, f.address])).toEqual([
      ['failed', 'field/taskRunTemplate.podTemplate.securityContext.seccompProfile.type=%none'],
    ]);
    expect(r.notices).toEqual([
      `${file}:7:5: PipelineRun/ci/r: the relaxation record "field/taskRunTemplate.podTemplate.securityContext: …" of RUN_POD_SECURITY_CONTEXT covers no finding `
        + 'of the object (a field/ address covers the findings at exactly that property, none below it): remove it, or give the target the finding names: '
        + '"field/taskRunTemplate.podTemplate.securityContext.seccompProfile.type=%none"',
    ]);
  });

  test('records the library would not write are not honoured, and are findings themselves', () => {
    const lines = [
      '    secure-tekton/relax.SCRIPT_SHEBANG: "image has no sh, so no shebang"', // no target
      `    secure-tekton/relax.COMPUTE_RESOURCES: "*: ${'\\u200b'.repeat(12)}"`, // no visible reason
    ].join('\n');
    const r = json([write(task(lines, 'echo hi'))]);
    expect(r.findings.map((f: any) => [f.rule, f.status, f.problem])).toEqual([
      ['SCRIPT_SHEBANG', 'failed', 'does not start with a #! line'],
      ['RELAXATION_REASON', 'failed', 'names no target (write "*: <reason>" for the whole object, or "step/<name>: <reason>" …)'],
      ['RELAXATION_REASON', 'failed', 'has a reason of fewer than 10 visible characters'],
    ]);
  });

  test('a relaxation annotation cannot waive a rule that cannot be relaxed', () => {
    const r = audit([write(task('    secure-tekton/relax.SCRIPT_INJECTION: "*: we trust the caller"', '#!/bin/sh\\necho $(params.x)'))]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('[SCRIPT_INJECTION]');
  });
});

describe('audit on the examples output', () => {
  test.each(Object.entries(EXAMPLES))('%s: exit 0, relaxations reported', (_name, build) => {
    const dir = tmp();
    build(dir).synth();
    const r = json([dir]);
    expect(r.summary.failed).toBe(0);
    expect(audit([dir]).exitCode).toBe(0);
    for (const f of r.findings) {
      expect(f.status).toBe('relaxed');
      expect(f.reason.length).toBeGreaterThanOrEqual(10);
    }
  });
});

describe('audit input errors', () => {
  test('malformed YAML: file and line, exit 2', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'bad.yaml'), 'apiVersion: v1\nkind: ConfigMap\ndata: [1, 2\n');
    const r = audit([dir]);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toMatch(new RegExp(`^${path.join(dir, 'bad.yaml').replace(/[.]/g, '\\.')}:\\d+:\\d+: error: invalid YAML: `));
  });

  test('a kustomize patch whose text holds a placeholder Pipelines-as-Code fills from the event is refused, not skipped', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'kustomization.yaml'), 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [cm.yaml]\n'
      + 'patches:\n  - path: patch.yaml\n    target: {kind: ConfigMap}\n');
    fs.writeFileSync(path.join(dir, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
    const patch = path.join(dir, 'patch.yaml');
    // {{ revision }} is the commit, which the sender does not write: skipped as before
    fs.writeFileSync(patch, '- op: add\n  path: /metadata/annotations/b\n  value: "{{ revision }}"\n');
    expect(audit([dir]).exitCode).toBe(0);
    fs.writeFileSync(patch, '- op: add\n  path: /metadata/annotations/b\n  value: "{{ source_branch }}"\n');
    expect(audit([dir])).toEqual({
      exitCode: 2,
      stdout: `${patch}:3:11: error: the text holds {{ source_branch }}, which Pipelines-as-Code replaces with text the event's sender writes before the `
        + `YAML is read, in a kustomize patch (listed in ${path.join(dir, 'kustomization.yaml')}), which the audit would skip: a line break or a quote in `
        + 'the value ends what it is written in, and what follows is YAML, after a `---` line a PipelineRun of its own, which no rule sees here '
        + '(TEMPLATE_INJECTION). Take {{ source_branch }} out of the patch, or leave the kustomization out of the audit where Pipelines-as-Code does not '
        + `read it (what kustomize renders is audited with \`kubectl kustomize ${dir} | cdk8s-secure-tekton audit -\`).\n\n`
        + '2 files, 2 objects: 0 findings failed, 0 relaxed, 1 file could not be read: the findings are partial (its objects are not audited, and may change '
        + 'the others\' findings)\n',
      stderr: `notice: ${path.join(dir, 'kustomization.yaml')}: no object of a kind the rules check (Kustomization): read, not checked\n`,
    });
  });

  test('a document that is not a Kubernetes object, next to one', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'list.yml'), 'kind: A\n---\n- a\n- b\n');
    expect(audit([dir])).toEqual({
      exitCode: 2,
      stdout: `${path.join(dir, 'list.yml')}:3:1: error: a document is not a Kubernetes object: a sequence, written "- a" (kubectl refuses it: json: cannot unmarshal array `
      + 'into Go value of type unstructured.detector). Take the document out of the file. If it is a kustomize patch, put it in a file of its own that its '
      + 'kustomization lists as a patch (the audit skips it) and audit what kustomize renders: `kubectl kustomize KUSTOMIZATION_DIR | cdk8s-secure-tekton audit -`.'
      + `\n\n${ONE_UNREAD}\n`,
      stderr: '',
    });
  });

  test('a missing path', () => {
    expect(audit(['/nonexistent/x.yaml'])).toEqual({ exitCode: 2, stdout: `/nonexistent/x.yaml: error: no such file or directory\n\n${ONE_UNREAD}\n`, stderr: '' });
  });

  test('no path', () => {
    expect(audit([]).exitCode).toBe(2);
  });

  test('a CustomRun\'s embedded PipelineLoop (customSpec) is judged as a loop, each finding at its line in the CustomRun', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'run.yaml'), [
      'apiVersion: tekton.dev/v1beta1',
      'kind: CustomRun',
      'metadata: {name: each, namespace: ci}',
      'spec:',
      '  customSpec:',
      '    apiVersion: custom.tekton.dev/v1alpha1',
      '    kind: PipelineLoop',
      '    spec:',
      '      iterateParam: message',
      '      pipelineSpec:',
      '        tasks:',
      '        - name: echo',
      '          taskSpec:',
      '            steps:',
      '            - name: echo',
      '              image: alpine',
      '              securityContext: {privileged: true}',
      '',
    ].join('\n'));
    const r = audit([dir], { rules: ['NOT_PRIVILEGED'] });
    expect(r.stdout.split('\n')[2]).toBe(`    ${path.join(dir, 'run.yaml')}:17:33: FAIL PipelineLoop task 'echo' step 'echo': securityContext.privileged "true" is true [NOT_PRIVILEGED]. `
      + 'Remove securityContext.privileged; this rule cannot be relaxed (build images with a daemonless builder instead).');
    expect(r.stderr).toBe('');
  });

  test('a file of policies that only NAMESPACE_DEFAULT_DENY reads (AdminNetworkPolicy, Cilium\'s, Calico\'s) is read, not skipped; another group\'s kind is', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'anp.yaml'), 'apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: {name: a}\nspec: {priority: 1, subject: {namespaces: {}}}\n'
      + '---\napiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata: {name: g}\n');
    fs.writeFileSync(path.join(dir, 'other.yaml'), 'apiVersion: example.com/v1\nkind: AdminNetworkPolicy\nmetadata: {name: a}\n');
    expect(audit([dir])).toEqual({
      exitCode: 0,
      stdout: '2 files, 3 objects: 0 findings failed, 0 relaxed\n',
      stderr: `notice: ${path.join(dir, 'other.yaml')}: no object of a kind the rules check (AdminNetworkPolicy): read, not checked\n`,
    });
  });

  test('Lists are opened, empty documents skipped', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'l.yaml'), '---\n---\napiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Secret\n    metadata: {name: s}\n    data: {k: dg==}\n');
    expect(json([dir]).summary).toEqual({
      files: 1, skippedFiles: 0, unreadFiles: 0, internalErrors: 0, objects: 1, failed: 1, relaxed: 0, accepted: 0, baselined: 0,
    });
  });
});

describe('command line', () => {
  let out: jest.SpyInstance;
  let err: jest.SpyInstance;
  beforeEach(() => {
    out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => jest.restoreAllMocks());

  test('audit --format json', () => {
    expect(main(['audit', '--format', 'json', path.join(FIXTURES, 'hardened')])).toBe(0);
    expect(JSON.parse(out.mock.calls[0][0]).summary)
      .toEqual({
        files: 1, skippedFiles: 0, unreadFiles: 0, internalErrors: 0, objects: 4, failed: 0, relaxed: 0, accepted: 0, baselined: 0,
      });
  });

  test('unknown command, option or format: usage and exit 2', () => {
    expect(main(['lint'])).toBe(2);
    expect(main(['audit', '--fast', 'x'])).toBe(2);
    expect(main(['audit', '--format=xml', 'x'])).toBe(2);
    expect(err.mock.calls.map((c) => String(c[0]).split('\n')[0])).toEqual([
      'error: unknown command "lint": the command is audit',
      'error: unknown option "--fast"',
      'error: unknown format "xml" (text, json or sarif)',
    ]);
  });

  test('runs as a process (the package bin runs the same main)', () => {
    const entry = path.join(__dirname, '..', '..', 'src', 'cli', 'main.ts');
    const r = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', entry, 'audit', path.join(FIXTURES, 'insecure', 'network.yaml')], {
      encoding: 'utf8', env: { ...process.env, TS_NODE_PROJECT: path.join(__dirname, '..', 'tsconfig.json') },
    });
    expect(r.status).toBe(1);
    expect(r.stdout.trim().split('\n').pop()).toBe('1 file, 1 object: 5 findings failed, 0 relaxed');
    const bin = fs.readFileSync(path.join(__dirname, '..', '..', 'bin', 'cdk8s-secure-tekton'), 'utf8');
    expect(bin).toContain("require('../lib/cli/main.js').main(process.argv.slice(2))");
  });
});

describe('output formats', () => {
  const REAL = path.join(FIXTURES, 'real');

  test('--format json follows docs/audit-output.schema.json (schemaVersion 2)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Ajv = require('ajv').default;
    const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'audit-output.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
    for (const [paths, options] of [[[REAL], {}], [[REAL], { profile: 'platform' }], [[FIXTURES], {}]] as const) {
      const report = JSON.parse(audit([...paths], { format: 'json', ...options }).stdout);
      expect(report.schemaVersion).toBe(2);
      expect(validate(report) ? [] : validate.errors).toEqual([]);
    }
  });

  test('text: grouped by file, then rule (most severe first) with counts, file:line:col per finding, a table per rule, the totals', () => {
    const file = path.join(REAL, 'runs', 'taskrun-embedded.yaml');
    const r = audit([path.join(REAL, 'runs'), path.join(REAL, 'misc', 'config-defaults.yaml')]);
    const pr = path.join(REAL, 'runs', 'pipelinerun-v1beta1.yaml');
    expect(r.stdout).toBe([
      pr,
      '  RUN_SERVICE_ACCOUNT (high): 1 failed',
      `    ${pr}:22:7: FAIL PipelineRun/ci/build-and-test- taskRunSpec 'test': taskServiceAccountName "default" is the namespace default [RUN_SERVICE_ACCOUNT]. Set taskServiceAccountName to a ServiceAccount made for these runs alone (never default), with only the permissions they need.`,
      '',
      file,
      '  RUN_AS_NON_ROOT (high): 1 failed',
      `    ${file}:28:11: FAIL TaskRun/print-date- step 'print-date': securityContext.runAsUser "0" is not a non-zero UID [RUN_AS_NON_ROOT]. Set securityContext.runAsNonRoot: true and a non-zero runAsUser, and a runAsGroup other than 0 if any (65532 for both, for example).`,
      '  RUN_TIMEOUT (low): 1 failed',
      `    ${file}:6:1: FAIL TaskRun/print-date-: timeout is not set, and config-defaults' default-timeout-minutes "0" gives no finite timeout [RUN_TIMEOUT]. Set timeouts.pipeline (PipelineRun) or timeout (TaskRun) to a finite duration such as "1h0m0s".`,
      '  WRITABLE_SCRATCH (low): 1 failed',
      `    ${file}:25:9: FAIL TaskRun/print-date- step 'print-date': volumeMounts "/tmp" has no emptyDir volume mounted [WRITABLE_SCRATCH]. Mount emptyDir volumes at /tmp (at $TMPDIR when env sets TMPDIR) and at $HOME (when env sets HOME).`,
      '',
      'Findings by rule:',
      '  rule                 severity  failed  relaxed',
      '  RUN_AS_NON_ROOT      high           1        0',
      '  RUN_SERVICE_ACCOUNT  high           1        0',
      '  RUN_TIMEOUT          low            1        0',
      '  WRITABLE_SCRATCH     low            1        0',
      RELAX_HEAD,
      '  RUN_AS_NON_ROOT      secure-tekton/relax.RUN_AS_NON_ROOT: "step/print-date: <why, at least 10 visible characters>" (on TaskRun/print-date-)',
      '  RUN_SERVICE_ACCOUNT  secure-tekton/relax.RUN_SERVICE_ACCOUNT: "task/test: <why, at least 10 visible characters>" (on PipelineRun/ci/build-and-test-)',
      '  RUN_TIMEOUT          secure-tekton/relax.RUN_TIMEOUT: "field/timeout=%none: <why, at least 10 visible characters>" (on TaskRun/print-date-)',
      '  WRITABLE_SCRATCH     secure-tekton/relax.WRITABLE_SCRATCH: "step/print-date: <why, at least 10 visible characters>" (on TaskRun/print-date-)',
      '3 files, 3 objects: 4 findings failed, 0 relaxed',
      '',
    ].join('\n'));
  });

  test('accuracy on realistic YAML: pod-level settings credited, in-toto accepted, platform notices', () => {
    const r = JSON.parse(audit([REAL], 'json').stdout);
    const rules = (file: string) => r.findings.filter((f: any) => f.file.endsWith(file)).map((f: any) => f.rule);
    // the embedded pipelineSpec's steps inherit the run's non-root pod securityContext
    expect(rules('pipelinerun-v1beta1.yaml')).toEqual(['RUN_SERVICE_ACCOUNT']);
    // in-toto is Chains' other name of slsa/v1
    expect(rules('chains-config.yaml')).toEqual([]);
  });
});

describe('Tekton Triggers: the runs a TriggerTemplate creates are audited as written', () => {
  const TEMPLATE = [
    'apiVersion: triggers.tekton.dev/v1beta1',
    'kind: TriggerTemplate',
    'metadata: {name: build-on-push, namespace: ci}',
    'spec:',
    '  params: [{name: gitrevision}]',
    '  resourcetemplates:',
    '  - apiVersion: tekton.dev/v1',
    '    kind: PipelineRun',
    '    metadata: {generateName: build-}',
    '    spec:',
    '      pipelineRef:',
    '        resolver: git',
    '        params:',
    '        - {name: url, value: "https://github.com/x/y"}',
    '        - {name: revision, value: $(tt.params.gitrevision)}',
    '        - {name: pathInRepo, value: p.yaml}',
    '  - {not: an object with a kind}',
    '',
  ].join('\n');

  test('each template with a kind is an object of the audit, its findings placed in the TriggerTemplate', () => {
    const dir = tmp();
    try {
      fs.writeFileSync(path.join(dir, 'trigger.yaml'), TEMPLATE);
      const r = json([dir]);
      expect(r.summary.objects).toBe(2);
      expect(r.notices).toEqual([]);
      // the revision an event chooses is not pinned: the finding is at that param's entry
      expect(r.findings.filter((f: any) => f.rule === 'REMOTE_REFERENCE_PINNED').map((f: any) => [f.object, f.line, f.column, f.value]))
        .toEqual([['PipelineRun/build-', 15, 11, '$(tt.params.gitrevision)']]);
      expect(r.findings.filter((f: any) => f.rule === 'RUN_SERVICE_ACCOUNT').map((f: any) => [f.line, f.column])).toEqual([[10, 5]]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('$(tt.params.x) is what the event chooses: in a script, the ServiceAccount, the pod template', () => {
    const dir = tmp();
    try {
      fs.writeFileSync(path.join(dir, 'say.yaml'), [
        'apiVersion: triggers.tekton.dev/v1beta1', 'kind: TriggerTemplate', 'metadata: {name: t, namespace: ci}', 'spec:',
        '  resourcetemplates:', '  - apiVersion: tekton.dev/v1', '    kind: PipelineRun', '    metadata: {generateName: run-}', '    spec:',
        '      taskRunTemplate:', '        serviceAccountName: $(tt.params.sa)', '        podTemplate: {nodeSelector: {pool: "$(tt.params.pool)"}}',
        '      pipelineSpec:', '        tasks:', '        - name: say', '          taskSpec:', '            steps:',
        `            - {name: s, image: "alpine@sha256:${'0'.repeat(64)}", script: "#!/bin/sh\\necho \\"$(tt.params.msg)\\"\\n"}`, '',
      ].join('\n'));
      const r = json([dir]);
      const by = (rule: string) => r.findings.filter((f: any) => f.rule === rule).map((f: any) => [f.property, f.value, f.problem]);
      expect(by('SCRIPT_INJECTION')).toEqual([['script', '$(tt.params.msg)', 'pastes a substitution into a script']]);
      expect(by('RUN_SERVICE_ACCOUNT')).toEqual([['taskRunTemplate.serviceAccountName', '$(tt.params.sa)',
        'is substituted when the run is made, so whoever chooses the value (an event, through a TriggerTemplate) picks the ServiceAccount']]);
      expect(by('RUN_POD_OVERRIDES').map((x: unknown[]) => x.slice(0, 2))).toEqual([['taskRunTemplate.podTemplate.nodeSelector.pool', '$(tt.params.pool)']]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a Trigger\'s and an EventListener trigger\'s inline templates are objects of the audit too, placed in their file', () => {
    const dir = tmp();
    try {
      const run = TEMPLATE.split('\n').slice(6, 16);
      fs.writeFileSync(path.join(dir, 'inline.yaml'), [
        'apiVersion: triggers.tekton.dev/v1beta1', 'kind: Trigger', 'metadata: {name: on-push, namespace: ci}', 'spec:', '  template:', '    spec:',
        '      resourcetemplates:', ...run.map((l) => `    ${l}`),
        '---',
        'apiVersion: triggers.tekton.dev/v1beta1', 'kind: EventListener', 'metadata: {name: listener, namespace: ci}', 'spec:', '  triggers:',
        '  - triggerRef: on-push', '  - template:', '      spec:', '        resourcetemplates:', ...run.map((l) => `      ${l}`), '',
      ].join('\n'));
      const r = json([dir]);
      expect(r.summary.objects).toBe(4);
      expect(r.findings.filter((f: any) => f.rule === 'REMOTE_REFERENCE_PINNED').map((f: any) => [f.object, f.line, f.column]))
        .toEqual([['PipelineRun/build-', 16, 15], ['PipelineRun/build-', 36, 17]]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a TriggerTemplate in a List (as kubectl get prints them) is read the same', () => {
    const dir = tmp();
    try {
      const items = TEMPLATE.split('\n').map((l, i) => (l === '' ? l : i === 0 ? `- ${l}` : `  ${l}`)).join('\n');
      fs.writeFileSync(path.join(dir, 'list.yaml'), `apiVersion: v1\nkind: List\nitems:\n${items}`);
      const r = json([dir]);
      expect(r.summary.objects).toBe(2);
      expect(r.findings.filter((f: any) => f.rule === 'REMOTE_REFERENCE_PINNED').map((f: any) => [f.line, f.column])).toEqual([[18, 13]]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the same written with anchors (the full decoding path) is placed the same', () => {
    const dir = tmp();
    try {
      fs.writeFileSync(path.join(dir, 'trigger.yaml'), TEMPLATE.replace('metadata: {name: build-on-push, namespace: ci}', 'metadata: &m {name: build-on-push, namespace: ci}'));
      const r = json([dir]);
      expect(r.findings.filter((f: any) => f.rule === 'REMOTE_REFERENCE_PINNED').map((f: any) => [f.line, f.column])).toEqual([[15, 11]]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a run workspace bound to an emptyDir and handed from one task to a later one', () => {
  const pipeline = `apiVersion: tekton.dev/v1
kind: Pipeline
metadata:
  name: build
spec:
  workspaces:
    - name: source
  tasks:
    - name: clone
      taskRef: {name: git-clone}
      workspaces: [{name: output, workspace: source}]
    - name: build
      runAfter: [clone]
      taskRef: {name: kaniko}
      workspaces: [{name: source, workspace: source}]
`;
  const run = (annotations = '') => `apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: build-run
${annotations}spec:
  pipelineRef: {name: build}
  workspaces:
    - name: source
      emptyDir: {}
`;
  const inline = `apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: inline-run
spec:
  workspaces:
    - name: source
      emptyDir: {}
  pipelineSpec:
    workspaces: [{name: source}]
    tasks:
      - name: clone
        taskRef: {name: git-clone}
        workspaces: [{name: output, workspace: source}]
    finally:
      - name: report
        taskRef: {name: report}
        workspaces: [{name: source, workspace: source}]
`;
  const FIX = 'Bind the workspace to one volume for the whole run, which every task of it mounts: volumeClaimTemplate: { spec: { accessModes: [ReadWriteOnce], '
    + 'resources: { requests: { storage: 1Gi } } } } instead of emptyDir; when each task only uses the workspace as scratch space, relax this rule for the workspace saying so. '
    + 'To relax it, annotate the object: secure-tekton/relax.EMPTY_DIR_NOT_SHARED: "workspace/source: <why, at least 10 visible characters>".';
  const lines = (yaml: string) => {
    const file = path.join(tmp(), 'run.yaml');
    fs.writeFileSync(file, yaml);
    return { file, lines: audit([file]).stdout.split('\n').filter((l) => l.includes('[EMPTY_DIR_NOT_SHARED]')) };
  };

  test('a Pipeline and its PipelineRun, and a PipelineRun with its own pipelineSpec (a finally task)', () => {
    const { file, lines: found } = lines(`${pipeline}---\n${run()}---\n${inline}`);
    expect(found).toEqual([
      `    ${file}:25:7: FAIL PipelineRun/build-run workspace 'source': emptyDir "{}" gives each TaskRun's pod a new, empty directory, so task 'build', which runs `
      + `after task 'clone' and receives the workspace too (as "source"), sees nothing 'clone' writes to it (as "output") [EMPTY_DIR_NOT_SHARED]. ${FIX}`,
      `    ${file}:34:7: FAIL PipelineRun/inline-run workspace 'source': emptyDir "{}" gives each TaskRun's pod a new, empty directory, so task 'report', which runs `
      + `after task 'clone' and receives the workspace too (as "source"), sees nothing 'clone' writes to it (as "output") [EMPTY_DIR_NOT_SHARED]. ${FIX}`,
    ]);
  });

  test('relaxed for the workspace by an annotation on the run', () => {
    const file = path.join(tmp(), 'run.yaml');
    fs.writeFileSync(file, `${pipeline}---\n${run('  annotations:\n    secure-tekton/relax.EMPTY_DIR_NOT_SHARED: "workspace/source: each task starts from an empty directory"\n')}`);
    const found = JSON.parse(audit([file], { format: 'json' }).stdout).findings.filter((f: any) => f.rule === 'EMPTY_DIR_NOT_SHARED');
    expect(found.map((f: any) => [f.status, f.reason])).toEqual([['relaxed', 'each task starts from an empty directory']]);
  });
});

describe('paths the container runtime and the kubelet read: a relative workingDir, a relative workspace mountPath (Tekton\'s webhook admits both)', () => {
  test('each found with its file, line and column, the field as written, the fix', () => {
    const dir = tmp();
    try {
      const file = path.join(dir, 'task.yaml');
      fs.writeFileSync(file, [
        'apiVersion: tekton.dev/v1', 'kind: Task', 'metadata: {name: build, namespace: ci}', 'spec:',
        '  workspaces:', '  - name: source', '    mountPath: src',
        '  steps:', '  - name: compile', `    image: "golang@sha256:${'0'.repeat(64)}"`, '    workingDir: build', '    script: "#!/bin/sh\\ngo build ./...\\n"', '',
      ].join('\n'));
      const lines = audit([file]).stdout.split('\n').filter((l) => l.includes('[ABSOLUTE_PATHS]'));
      const fix = 'Give an absolute path: workingDir: $(workspaces.<name>.path)/<dir> or /<dir>; a workspace mountPath: /<dir>, or leave mountPath out '
        + '(Tekton mounts it at /workspace/<name>).';
      expect(lines).toEqual([
        `    ${file}:7:5: FAIL Task/ci/build: workspaces.source.mountPath "src" is a relative path: the kubelet mounts the volume at "/src", `
        + 'but Tekton gives the steps $(workspaces.source.path) as "src", which each step resolves from its own working directory '
        + `[ABSOLUTE_PATHS]. ${fix}`,
        `    ${file}:11:5: FAIL Task/ci/build step 'compile': workingDir "build" is a relative path, which the container runtime refuses `
        + '(runc: "Cwd must be an absolute path"; the OCI runtime spec requires an absolute working directory), so the pod never starts '
        + `[ABSOLUTE_PATHS]. ${fix}`,
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('files that cannot be read: each reported, the others audited, exit 2', () => {
  const SECRET = 'apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: ci}\ndata: {token: dg==}\n';
  const CONFIG = (name: string, mode: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}, namespace: ci}\ndata: {mode: ${mode}}\n`;
  const PARTIAL = (n: number) => `${n} files could not be read: the findings are partial (their objects are not audited, and may change the others' findings)`;
  const SECRET_FINDING = (file: string) => `    ${file}:4:1: FAIL Secret/ci/s: data "token" holds secret values [NO_SECRET_MATERIAL]. `
    + 'Reference an existing Secret or sync it from Vault (VaultSecretProviderClass secretObjects).';
  const TEMPLATE_ERROR = 'invalid YAML: invalid map key: a mapping ({{ revision }} unquoted: Pipelines-as-Code and Helm fill it in before the YAML is read, '
    + 'but the audit reads the file as written, as kubectl does: quote it, "{{ revision }}", for the file to be audited)';
  /** A folder with a file with a finding, three that cannot be read (malformed YAML, what kubectl cannot decode, an unquoted template) and a clean one. */
  const mixed = () => {
    const dir = fs.realpathSync(tmp());
    fs.mkdirSync(path.join(dir, 'sub'));
    const files = {
      secret: path.join(dir, 'a-secret.yaml'),
      broken: path.join(dir, 'b-broken.yaml'),
      undecodable: path.join(dir, 'c-undecodable.yaml'),
      ok: path.join(dir, 'sub', 'd-ok.yaml'),
      template: path.join(dir, 'sub', 'e-template.yaml'),
    };
    fs.writeFileSync(files.secret, SECRET);
    fs.writeFileSync(files.broken, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: [1, 2\n');
    fs.writeFileSync(files.undecodable, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: 123\n');
    fs.writeFileSync(files.ok, CONFIG('ok', 'strict'));
    fs.writeFileSync(files.template, 'apiVersion: tekton.dev/v1\nkind: PipelineRun\nmetadata: {name: r}\nspec:\n  params:\n    - name: revision\n      value: {{ revision }}\n');
    return { dir, ...files };
  };

  test('text: the findings of the files read, then one file:line:col: error: line per file in the order found, and the totals say the findings are partial', () => {
    const f = mixed();
    expect(audit([f.dir])).toEqual({
      exitCode: 2,
      stdout: [
        f.secret,
        '  NO_SECRET_MATERIAL (high): 1 failed',
        SECRET_FINDING(f.secret),
        '',
        `${f.broken}:5:1: error: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]`,
        `${f.undecodable}:4:3: error: kubectl cannot decode the object: metadata.name must be a string, not a number`,
        `${f.template}:7:14: error: ${TEMPLATE_ERROR}`,
        '',
        'Findings by rule:',
        '  rule                severity  failed  relaxed',
        '  NO_SECRET_MATERIAL  high           1        0',
        RELAX_HEAD,
        '  NO_SECRET_MATERIAL  secure-tekton/relax.NO_SECRET_MATERIAL: "field/data=token: <why, at least 10 visible characters>" (on Secret/ci/s)',
        `2 files, 2 objects: 1 finding failed, 0 relaxed, ${PARTIAL(3)}`,
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  test('json: unreadFiles (file, line, column, message) and summary.unreadFiles; the errors also on stderr; schemaVersion 2 validates', () => {
    const f = mixed();
    const r = audit([f.dir], 'json');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe([
      `error: ${f.broken}:5:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]`,
      `error: ${f.undecodable}:4:3: kubectl cannot decode the object: metadata.name must be a string, not a number`,
      `error: ${f.template}:7:14: ${TEMPLATE_ERROR}`,
      '',
    ].join('\n'));
    const report = JSON.parse(r.stdout);
    expect(report.schemaVersion).toBe(2);
    expect(report.summary).toEqual({
      files: 2, skippedFiles: 0, unreadFiles: 3, internalErrors: 0, objects: 2, failed: 1, relaxed: 0, accepted: 0, baselined: 0,
    });
    expect(report.unreadFiles).toEqual([
      { file: f.broken, line: 5, column: 1, message: 'invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]' },
      { file: f.undecodable, line: 4, column: 3, message: 'kubectl cannot decode the object: metadata.name must be a string, not a number' },
      { file: f.template, line: 7, column: 14, message: TEMPLATE_ERROR },
    ]);
    expect(report.findings.map((x: any) => [x.file, x.rule])).toEqual([[f.secret, 'NO_SECRET_MATERIAL']]);
    expect(report.notices).toEqual([]);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Ajv = require('ajv').default;
    const validate = new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'audit-output.schema.json'), 'utf8')));
    expect(validate(report) ? [] : validate.errors).toEqual([]);
  });

  test('a file that could not be read never lets the run pass: objects weigh each other across files', () => {
    const dir = fs.realpathSync(tmp());
    const a = path.join(dir, 'a.yaml');
    const b = path.join(dir, 'b.yaml');
    fs.writeFileSync(a, CONFIG('settings', 'strict'));
    fs.writeFileSync(b, CONFIG('settings', 'lax'));
    // together, the two ConfigMaps of one identity fail; alone, each passes
    expect(audit([dir]).exitCode).toBe(1);
    expect(audit([a]).exitCode).toBe(0);
    // b.yaml made unreadable (a document that is no object after its ConfigMap): a.yaml alone passes, the run does not
    fs.appendFileSync(b, '---\n- not an object\n');
    expect(audit([dir])).toEqual({
      exitCode: 2,
      stdout: `${b}:6:1: error: a document is not a Kubernetes object: a sequence, written "- not an object" (kubectl refuses it: json: cannot unmarshal `
        + 'array into Go value of type unstructured.detector). Take the document out of the file. If it is a kustomize patch, put it in a file of its own '
        + 'that its kustomization lists as a patch (the audit skips it) and audit what kustomize renders: '
        + '`kubectl kustomize KUSTOMIZATION_DIR | cdk8s-secure-tekton audit -`.\n\n'
        + '1 file, 1 object: 0 findings failed, 0 relaxed, 1 file could not be read: the findings are partial (its objects are not audited, and may change the others\' findings)\n',
      stderr: '',
    });
    // next to a file with findings: 2, not 1
    fs.writeFileSync(path.join(dir, 'secret.yaml'), SECRET);
    expect(audit([dir]).exitCode).toBe(2);
  });

  test('a path that does not exist or is a symbolic link loop: reported where it is given, the other paths audited', () => {
    const dir = fs.realpathSync(tmp());
    const secret = path.join(dir, 'secret.yaml');
    fs.writeFileSync(secret, SECRET);
    const loop = path.join(dir, 'loop.yml');
    fs.symlinkSync('loop.yml', loop);
    const missing = path.join(dir, 'missing.yaml');
    expect(audit([missing, secret, loop], 'json')).toMatchObject({
      exitCode: 2,
      stderr: `error: ${missing}: no such file or directory\nerror: ${loop}: symbolic link loop\n`,
    });
    expect(JSON.parse(audit([missing, secret, loop], 'json').stdout)).toMatchObject({
      summary: { files: 1, unreadFiles: 2, internalErrors: 0, objects: 1, failed: 1 },
      unreadFiles: [{ file: missing, message: 'no such file or directory' }, { file: loop, message: 'symbolic link loop' }],
    });
    expect(audit([missing, secret, loop]).stdout).toBe([
      secret, '  NO_SECRET_MATERIAL (high): 1 failed', SECRET_FINDING(secret), '',
      `${missing}: error: no such file or directory`,
      `${loop}: error: symbolic link loop`,
      '',
      'Findings by rule:',
      '  rule                severity  failed  relaxed',
      '  NO_SECRET_MATERIAL  high           1        0',
      RELAX_HEAD,
      '  NO_SECRET_MATERIAL  secure-tekton/relax.NO_SECRET_MATERIAL: "field/data=token: <why, at least 10 visible characters>" (on Secret/ci/s)',
      `1 file, 1 object: 1 finding failed, 0 relaxed, ${PARTIAL(2)}`,
      '',
    ].join('\n'));
  });

  describe('permission denied (mocked: the tests may run as root)', () => {
    afterEach(() => jest.restoreAllMocks());
    const denied = (syscall: string, p: string) => Object.assign(new Error(`EACCES: permission denied, ${syscall} '${p}'`), { code: 'EACCES' });

    test('a directory whose entries cannot be listed and a file that cannot be opened: reported, the rest of the walk audited', () => {
      const dir = fs.realpathSync(tmp());
      fs.mkdirSync(path.join(dir, 'locked'));
      fs.mkdirSync(path.join(dir, 'open'));
      const locked = path.join(dir, 'locked');
      const closed = path.join(dir, 'open', 'closed.yaml');
      const secret = path.join(dir, 'open', 'secret.yaml');
      fs.writeFileSync(closed, SECRET);
      fs.writeFileSync(secret, SECRET);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const realFs = require('fs');
      const readdir = realFs.readdirSync;
      const open = realFs.openSync;
      jest.spyOn(realFs, 'readdirSync').mockImplementation((...args: any[]) => {
        if (args[0] === locked) throw denied('scandir', locked);
        return readdir(...args);
      });
      jest.spyOn(realFs, 'openSync').mockImplementation((...args: any[]) => {
        if (args[0] === closed) throw denied('open', closed);
        return open(...args);
      });
      const r = audit([dir], 'json');
      expect(r.exitCode).toBe(2);
      expect(JSON.parse(r.stdout)).toMatchObject({
        summary: { files: 1, unreadFiles: 2, internalErrors: 0, objects: 1, failed: 1 },
        unreadFiles: [
          { file: locked, message: 'cannot read the directory (permission denied)' },
          { file: closed, message: 'cannot open (permission denied)' },
        ],
      });
      expect(r.stderr).toBe(`error: ${locked}: cannot read the directory (permission denied)\nerror: ${closed}: cannot open (permission denied)\n`);
    });
  });

  test('standard input given twice is still bad usage: nothing read', () => {
    const dir = fs.realpathSync(tmp());
    fs.writeFileSync(path.join(dir, 'secret.yaml'), SECRET);
    expect(audit(['-', dir, '-'])).toEqual({ exitCode: 2, stdout: '', stderr: 'error: -: standard input is given more than once\n' });
  });
});
