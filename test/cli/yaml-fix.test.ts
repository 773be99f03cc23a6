import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { audit } from '../../src/cli/audit';
import { CONSTRUCT_NAMES, relaxationAnnotation, relaxationForm, yamlFix } from '../../src/cli/yaml-fix';
import { RuleCatalogue } from '../../src/policy/catalogue';
import { RuleId } from '../../src/policy/rule-id';

const TASK = `apiVersion: tekton.dev/v1
kind: Task
metadata:
  name: git-clone
  namespace: ci
spec:
  workspaces:
    - name: output
    - name: ssh-directory
  steps:
    - name: clone
      image: alpine/git@sha256:${'a'.repeat(64)}
      script: |
        #!/bin/sh
        git clone "$URL" /workspace/output
`;
const PIPELINE = (annotations = '') => `apiVersion: tekton.dev/v1
kind: Pipeline
metadata:
  name: build
  namespace: ci
${annotations}spec:
  workspaces:
    - name: shared
    - name: git-credentials
  tasks:
    - name: fetch
      taskRef:
        name: git-clone
      workspaces:
        - name: output
          workspace: shared
        - name: ssh-directory
          workspace: git-credentials
`;
const RUN = `apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: build-1
  namespace: ci
spec:
  pipelineRef:
    name: build
  workspaces:
    - name: shared
      persistentVolumeClaim:
        claimName: shared-cache
    - name: git-credentials
      secret:
        secretName: git-ssh
`;

function write(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yaml-fix-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

const findingsOf = (dir: string, rule: string) => JSON.parse(audit([dir], { format: 'json', rules: [rule] }).stdout).findings;

describe('the audit gives its fixes in the terms of the YAML it read', () => {
  test('CREDENTIALS_TRUSTED_TASK: the trust a YAML author records is the relaxation, with the finding\'s target, on the Pipeline', () => {
    const dir = write({ 'task.yaml': TASK, 'pipeline.yaml': PIPELINE(), 'run.yaml': RUN });
    const [f] = findingsOf(dir, 'CREDENTIALS_TRUSTED_TASK');
    expect(f.fix).toBe('Bind the credentials workspace only to a task that runs no user code, or split the task so that the credential goes to a '
      + 'task of its own. If this task runs no user code, record that trust on this object, with the reason: metadata.annotations: '
      + 'secure-tekton/relax.CREDENTIALS_TRUSTED_TASK: "task/fetch: <why, at least 10 visible characters>".');
    // and that annotation, written as said, relaxes it
    const relaxed = write({
      'task.yaml': TASK,
      'pipeline.yaml': PIPELINE('  annotations:\n    secure-tekton/relax.CREDENTIALS_TRUSTED_TASK: "task/fetch: git-clone runs no repository code"\n'),
      'run.yaml': RUN,
    });
    expect(findingsOf(relaxed, 'CREDENTIALS_TRUSTED_TASK').map((x: any) => [x.status, x.reason])).toEqual([['relaxed', 'git-clone runs no repository code']]);
  });

  test('the construct-time text is unchanged: the catalogue\'s fix still names the construct\'s prop', () => {
    expect(RuleCatalogue.find(RuleId.CREDENTIALS_TRUSTED_TASK)!.fix).toBe('Bind the credentials workspace only to a task that runs no user code '
      + '(SecureTask trusted: true), or split the task so that the credential goes to a task of its own.');
    expect(RuleCatalogue.find(RuleId.RUN_SERVICE_ACCOUNT)!.fix).toBe('Set a dedicated serviceAccountName (SecurePipeline creates one).');
  });

  test('RUN_SERVICE_ACCOUNT names the field as the finding does; WORKSPACE_PER_RUN the binding to write', () => {
    const dir = write({ 'task.yaml': TASK, 'pipeline.yaml': PIPELINE(), 'run.yaml': RUN });
    const [sa] = findingsOf(dir, 'RUN_SERVICE_ACCOUNT');
    expect(`${sa.file}:${sa.line}:${sa.column}: ${sa.property} ${sa.problem}. ${sa.fix}`).toBe(`${path.join(dir, 'run.yaml')}:6:1: `
      + 'taskRunTemplate.serviceAccountName is not set (the namespace default is used). Set taskRunTemplate.serviceAccountName to a '
      + 'ServiceAccount made for these runs alone (never default), with only the permissions they need.');
    const [ws] = findingsOf(dir, 'WORKSPACE_PER_RUN');
    expect(ws.fix).not.toMatch(CONSTRUCT_NAMES);
    expect(ws.fix).toContain('Bind the workspace to a volumeClaimTemplate (spec.accessModes: [ReadWriteOnce], no dataSource), a fresh claim for each run.');
  });

  test('a pod template\'s fix names the template the finding names (a v1 PipelineRun\'s taskRunTemplate.podTemplate)', () => {
    const dir = write({ 'task.yaml': TASK, 'pipeline.yaml': PIPELINE(), 'run.yaml': RUN });
    const [token] = findingsOf(dir, 'RUN_TOKEN_AUTOMOUNT');
    expect(`${token.line}:${token.column}: ${token.property} ${token.problem}. ${token.fix}`).toBe('6:1: taskRunTemplate.podTemplate.automountServiceAccountToken '
      + 'is not false. Set taskRunTemplate.podTemplate.automountServiceAccountToken: false, and mount no serviceAccountToken projection.');
    expect(yamlFix({ rule: 'RUN_POD_SECURITY_CONTEXT', property: 'podTemplate.securityContext.fsGroup', fix: 'Set podTemplate.securityContext { fsGroup: <gid> }.' }))
      .toBe('Set podTemplate.securityContext { fsGroup: <gid> }.');
    expect(yamlFix({ rule: 'RUN_POD_SECURITY_CONTEXT', property: 'taskRunSpecs[0].podTemplate.securityContext.fsGroup', fix: 'Set podTemplate.securityContext { fsGroup: <gid> }.' }))
      .toBe('Set taskRunSpecs[0].podTemplate.securityContext { fsGroup: <gid> }.');
  });

  test('no rule\'s fix, as the audit gives it, names a construct, a prop or the library', () => {
    const left = RuleCatalogue.all()
      .map((r) => [r.id, yamlFix({ rule: r.id, target: 'step/x', property: 'serviceAccountName', fix: r.fix })])
      .filter(([, fix]) => CONSTRUCT_NAMES.test(fix));
    expect(left).toEqual([]);
  });

  test('a finding-specific fix that names constructs: POD_SECURITY_ADMITTED\'s way out is the Namespace\'s annotation', () => {
    const fix = 'Change securityContext.runAsNonRoot to meet "restricted" (true), or lower the enforce level of namespace \'ci\' to "baseline", which needs a recorded '
      + "relaxation (HardenedNamespace enforce: PodSecurityLevel.BASELINE, relaxations: [{ rule: RuleId.NAMESPACE_RESTRICTED, target: RelaxationTarget.podSecurityMode('enforce'), reason: '<why>' }])";
    expect(yamlFix({ rule: 'POD_SECURITY_ADMITTED', property: 'securityContext.runAsNonRoot', fix })).toBe('Change securityContext.runAsNonRoot to meet '
      + '"restricted" (true), or lower the enforce level of namespace \'ci\' to "baseline", which needs a recorded relaxation (on the Namespace: '
      + 'secure-tekton/relax.NAMESPACE_RESTRICTED: "mode/enforce: <why, at least 10 visible characters>")');
  });

  test('a fix that offers to relax its own rule says with which annotation, once; another rule\'s relaxation is left as written', () => {
    expect(yamlFix({ rule: 'IMAGE_DIGEST', target: 'step/clone', property: 'image', fix: 'Write the image pinned by digest, or relax IMAGE_DIGEST with the reason.' }))
      .toBe('Write the image pinned by digest, or relax IMAGE_DIGEST with the reason. To relax it, annotate the object: '
        + 'secure-tekton/relax.IMAGE_DIGEST: "step/clone: <why, at least 10 visible characters>".');
    const other = 'Run it as root (runAsUser: 0, with a relaxation of RUN_AS_NON_ROOT).';
    expect(yamlFix({ rule: 'TOOL_REQUIREMENTS', target: 'step/clone', property: 'securityContext.runAsUser', fix: other })).toBe(other);
  });

  test('the relaxation form of each rule: the annotation, or none for a rule that cannot be relaxed', () => {
    expect(relaxationForm('IMAGE_DIGEST')).toBe('secure-tekton/relax.IMAGE_DIGEST: "<target>: <why, at least 10 visible characters>"');
    expect(relaxationForm('SCRIPT_INJECTION')).toBeUndefined();
    expect(relaxationAnnotation('RUN_TIMEOUT', undefined)).toBe('secure-tekton/relax.RUN_TIMEOUT: "*: <why, at least 10 visible characters>"');
  });

  test('text: the relaxation form once per rule after the table, with the target and object of its first failed finding; json: rules[].relaxation', () => {
    const dir = write({ 'task.yaml': TASK, 'pipeline.yaml': PIPELINE(), 'run.yaml': RUN });
    const text = audit([dir], { rules: ['CREDENTIALS_TRUSTED_TASK', 'SCRIPT_SHEBANG', 'RUN_TIMEOUT', 'NO_SECRET_MATERIAL', 'NOT_PRIVILEGED', 'RUN_SERVICE_ACCOUNT'] }).stdout;
    expect(text.split('\n').slice(-6)).toEqual([
      '  RUN_SERVICE_ACCOUNT       high           1        0',
      'To keep a finding on purpose, relax it on its object with a reason (metadata.annotations; each finding\'s target is in --format json):',
      '  CREDENTIALS_TRUSTED_TASK  secure-tekton/relax.CREDENTIALS_TRUSTED_TASK: "task/fetch: <why, at least 10 visible characters>" (on Pipeline/ci/build)',
      '  RUN_SERVICE_ACCOUNT       secure-tekton/relax.RUN_SERVICE_ACCOUNT: "field/taskRunTemplate.serviceAccountName=%none: <why, at least 10 visible characters>" (on PipelineRun/ci/build-1)',
      '3 files, 3 objects: 2 findings failed, 0 relaxed',
      '',
    ]);
    const rules = JSON.parse(audit([dir], { format: 'json', rules: ['CREDENTIALS_TRUSTED_TASK'] }).stdout).rules;
    expect(rules).toEqual([{
      rule: 'CREDENTIALS_TRUSTED_TASK',
      severity: 'high',
      title: 'Credentials workspaces are bound only to trusted tasks',
      relaxation: 'secure-tekton/relax.CREDENTIALS_TRUSTED_TASK: "<target>: <why, at least 10 visible characters>"',
      failed: 1,
      relaxed: 0,
      accepted: 0,
      baselined: 0,
    }]);
  });

  test('a rule that cannot be relaxed says so in the text, and has no relaxation in json', () => {
    const dir = write({ 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: chains-config\n  namespace: tekton-chains\ndata:\n  bogus.key: x\n' });
    const text = audit([dir], { rules: ['CHAINS_KNOWN_KEYS'] }).stdout;
    expect(text).toContain('\n  CHAINS_KNOWN_KEYS  cannot be relaxed: fix it\n');
    expect(JSON.parse(audit([dir], { format: 'json', rules: ['CHAINS_KNOWN_KEYS'] }).stdout).rules[0].relaxation).toBeUndefined();
  });
});
