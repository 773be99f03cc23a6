/**
 * Every finding at file:line:col of its field: the JSON path a finding is about (derived from
 * its target, location and property) and where the reader finds it in the text, on realistic
 * YAML and on every way of writing it (block, flow, quoted keys, CRLF, Lists, JSON, merge keys).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { audit } from '../../src/cli/audit';
import { findingPath, formatPath, parsePath } from '../../src/cli/finding-path';
import { parseManifests } from '../../src/cli/read-yaml';

const REAL = path.join(__dirname, '..', 'fixtures', 'audit', 'real');
const tmp = () => fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'finding-path-')));
/** `rule path line:col` of every finding of a file (the path the position is of). */
const positions = (file: string, rules?: string[]) => JSON.parse(audit([file], { format: 'json', ...(rules ? { rules } : {}) }).stdout)
  .findings.map((f: any) => `${f.rule} ${f.path ?? ''} ${f.line}:${f.column}`);
const write = (name: string, text: string): string => {
  const file = path.join(tmp(), name);
  fs.writeFileSync(file, text);
  return file;
};

describe('JSON paths', () => {
  test('parsed and written: identifiers, indexes, quoted keys', () => {
    expect(parsePath('spec.steps[0].securityContext.runAsUser')).toEqual(['spec', 'steps', 0, 'securityContext', 'runAsUser']);
    expect(parsePath("data['artifacts.taskrun.format']")).toEqual(['data', 'artifacts.taskrun.format']);
    expect(parsePath('metadata.annotations["secure-tekton/relax.X"]')).toEqual(['metadata', 'annotations', 'secure-tekton/relax.X']);
    expect(parsePath('not a path')).toBeUndefined();
    // a list entry by its name, as written in findings
    expect(parsePath('parameters.objects[db-pass].filePermission')).toEqual(['parameters', 'objects', 'db-pass', 'filePermission']);
    expect(parsePath('objects[]')).toBeUndefined();
    expect(formatPath(['data', 'artifacts.taskrun.format'])).toBe('data["artifacts.taskrun.format"]');
    expect(formatPath(['spec', 'steps', 0, 'image'])).toBe('spec.steps[0].image');
  });

  test('a finding\'s path: the field in the container, else in the stepTemplate it inherits, else as far as it exists', () => {
    const task = {
      kind: 'Task',
      metadata: { name: 't' },
      spec: { stepTemplate: { securityContext: { runAsUser: 0 } }, steps: [{ name: 'a', image: 'x' }, { name: 'b', securityContext: {} }] },
    };
    const finding = (target: string, property: string, value?: string) => ({ rule: 'X' as any, kind: 'Task', name: 't', target, property, value, problem: '' });
    expect(formatPath(findingPath(task, finding('step/a', 'image')))).toBe('spec.steps[0].image');
    expect(formatPath(findingPath(task, finding('step/a', 'securityContext.runAsUser')))).toBe('spec.stepTemplate.securityContext.runAsUser');
    expect(formatPath(findingPath(task, finding('step/b', 'securityContext.runAsNonRoot')))).toBe('spec.steps[1].securityContext');
    // an RBAC rule's location, and a value narrowed to the item that holds it
    const role = { kind: 'Role', rules: [{ verbs: ['get'] }, { resources: ['pods', 'secrets'], verbs: ['list'] }] };
    expect(formatPath(findingPath(role, { ...finding('', 'resources', 'secrets'), target: undefined, location: 'rules[1]' }))).toBe('rules[1].resources[1]');
    // a rule an aggregating ClusterRole takes from another: at its aggregationRule, which takes it
    const aggregating = { kind: 'ClusterRole', aggregationRule: { clusterRoleSelectors: [{ matchLabels: { a: 'true' } }] }, rules: [{ resources: ['secrets'] }] };
    const aggregated = { ...finding('', 'resources', 'secrets'), target: undefined, location: "aggregated from ClusterRole 'b' rules[0]" };
    expect(formatPath(findingPath(aggregating, aggregated))).toBe('aggregationRule');
    expect(formatPath(findingPath({ kind: 'ClusterRole', rules: [] }, aggregated))).toBe('');
  });

  test('a list entry a finding names (`volumes.<name>`, `workspaces.<name>`): the entry of that name, in embedded specs and run bindings too', () => {
    const csi = (fields: Record<string, any>) => ({ driver: 'secrets-store.csi.k8s.io', ...fields });
    const at = (manifest: any, target: string | undefined, property: string) =>
      formatPath(findingPath(manifest, { rule: 'X' as any, kind: manifest.kind, name: 'n', ...(target ? { target } : {}), property, problem: '' }));
    const task = { kind: 'Task', spec: { volumes: [{ name: 'tmp', emptyDir: {} }, { name: 'vault', csi: csi({ volumeAttributes: { secretProviderClass: 'v' } }) }] } };
    expect(at(task, undefined, 'volumes.vault.csi.readOnly')).toBe('spec.volumes[1].csi');
    expect(at(task, undefined, 'volumes.vault.csi.volumeAttributes.secretProviderClass')).toBe('spec.volumes[1].csi.volumeAttributes.secretProviderClass');
    // a name no entry has stops at the list, as before
    expect(at(task, undefined, 'volumes.other.csi.readOnly')).toBe('spec.volumes');
    const taskRun = { kind: 'TaskRun', apiVersion: 'tekton.dev/v1', spec: { taskSpec: task.spec, podTemplate: { volumes: [{ name: 'p', csi: csi({ readOnly: false }) }] } } };
    expect(at(taskRun, undefined, 'volumes.vault.csi.readOnly')).toBe('spec.taskSpec.volumes[1].csi');
    expect(at(taskRun, undefined, 'podTemplate.volumes.p.csi.readOnly')).toBe('spec.podTemplate.volumes[0].csi.readOnly');
    // a property that the embedded spec does not hold either stays where it was found
    expect(at(taskRun, undefined, 'timeout')).toBe('spec');
    const run = {
      kind: 'PipelineRun',
      apiVersion: 'tekton.dev/v1',
      spec: {
        pipelineSpec: { tasks: [{ name: 'a', taskRef: { name: 'x' } }, { name: 'build', taskSpec: task.spec }] },
        taskRunSpecs: [{ pipelineTaskName: 'build', podTemplate: { volumes: [{ name: 'p', csi: csi({}) }] } }],
        workspaces: [{ name: 'src', emptyDir: {} }, { name: 'creds', csi: csi({ volumeAttributes: { secretProviderClass: '' } }) }],
      },
    };
    expect(at(run, 'task/build', 'volumes.vault.csi.readOnly')).toBe('spec.pipelineSpec.tasks[1].taskSpec.volumes[1].csi');
    expect(at(run, 'task/build', 'podTemplate.volumes.p.csi.readOnly')).toBe('spec.taskRunSpecs[0].podTemplate.volumes[0].csi');
    expect(at(run, 'workspace/creds', 'workspaces.creds.csi.readOnly')).toBe('spec.workspaces[1].csi');
    expect(at(run, 'workspace/creds', 'workspaces.creds.csi.volumeAttributes.secretProviderClass')).toBe('spec.workspaces[1].csi.volumeAttributes.secretProviderClass');
    // a workspace finding written from the binding itself
    expect(at(run, 'workspace/creds', 'csi.driver')).toBe('spec.workspaces[1].csi.driver');
    // a task of a pipeline a pipeline task runs (pipelines in pipelines): that task in the pipeline task's pipelineSpec, else the pipeline task
    const parent = {
      kind: 'Pipeline',
      apiVersion: 'tekton.dev/v1',
      spec: { tasks: [{ name: 'lint', taskRef: { name: 'l' } }, { name: 'ci', pipelineSpec: { tasks: [{ name: 'a', taskRef: { name: 'x' } }, { name: 'test', taskSpec: task.spec }] } }] },
    };
    expect(at(parent, 'task/ci/task/test', 'script')).toBe('spec.tasks[1].pipelineSpec.tasks[1]');
    expect(at(parent, 'task/ci/task/test', 'volumes.vault.csi.readOnly')).toBe('spec.tasks[1].pipelineSpec.tasks[1].taskSpec.volumes[1].csi');
    expect(at(parent, 'task/ci/task/other', 'script')).toBe('spec.tasks[1]');
  });
});

describe('positions in realistic YAML', () => {
  test('catalog-style v1beta1 Task: the param-chosen image, and the old-syntax param and the url in the script (one finding each)', () => {
    expect(positions(path.join(REAL, 'tasks', 'git-clone-v1beta1.yaml'))).toEqual([
      'IMAGE_DIGEST spec.steps[0].image 29:7',
      'WRITABLE_SCRATCH spec.steps[0] 28:7',
      'SCRIPT_INJECTION spec.steps[0].script 40:7',
      'SCRIPT_INJECTION spec.steps[0].script 40:7',
      // its PipelineResources, which Tekton v1.15's v1beta1 validation refuses
      'TEKTON_ADMITTED spec.resources 19:3',
    ]);
    expect(JSON.parse(audit([path.join(REAL, 'tasks', 'git-clone-v1beta1.yaml')], { format: 'json', rules: ['SCRIPT_INJECTION'] }).stdout)
      .findings.map((f: any) => f.value)).toEqual(['$(inputs.params.subdirectory)', '$(params.url)']);
  });

  test('a run: the per-task ServiceAccount, and a step\'s own runAsUser under a pod template', () => {
    expect(positions(path.join(REAL, 'runs'))).toEqual([
      'RUN_SERVICE_ACCOUNT spec.taskRunSpecs[0].taskServiceAccountName 22:7',
      'RUN_AS_NON_ROOT spec.taskSpec.steps[0].securityContext.runAsUser 28:11',
      'WRITABLE_SCRATCH spec.taskSpec.steps[0] 25:9',
    ]);
  });

  test('the same param in two args items of a step with a Secret env var: each finding at its own item, with its own baseline key', () => {
    const file = write('terraform.yaml', [
      'apiVersion: tekton.dev/v1',
      'kind: Task',
      'metadata: {name: tf}',
      'spec:',
      '  params: [{name: action}]',
      '  steps:',
      '  - name: run',
      '    image: hashicorp/terraform@sha256:' + 'a'.repeat(64),
      '    env:',
      '    - name: GITHUB_TOKEN',
      '      valueFrom: {secretKeyRef: {name: gh, key: token}}',
      '    command: [tfcmt]',
      '    args:',
      '    - $(params.action)',
      '    - --',
      '    - terraform',
      '    - $(params.action)',
      '',
    ].join('\n'));
    expect(positions(file, ['EXPANSION_INJECTION'])).toEqual(['EXPANSION_INJECTION spec.steps[0].args[0] 14:7', 'EXPANSION_INJECTION spec.steps[0].args[3] 17:7']);
    const baseline = path.join(path.dirname(file), 'baseline.json');
    audit([file], { rules: ['EXPANSION_INJECTION'], writeBaseline: baseline });
    expect(JSON.parse(fs.readFileSync(baseline, 'utf8')).findings.map((f: any) => [f.property, f.value]))
      .toEqual([['args[0]', '$(params.action)'], ['args[3]', '$(params.action)']]);
  });

  test('two unnamed steps: each is `unnamed-<index>`, as Tekton names its container, placed at its own step, and one relaxes alone', () => {
    const text = (annotation: string) => [
      'apiVersion: tekton.dev/v1beta1',
      'kind: PipelineRun',
      'metadata:',
      '  name: release',
      annotation,
      'spec:',
      '  pipelineSpec:',
      '    tasks:',
      '    - name: build',
      '      taskSpec:',
      '        steps:',
      '        - image: alpine:3.20',
      '        - image: alpine:3.21',
      '',
    ].join('\n');
    const file = write('release.yaml', text('  labels: {app: release}'));
    const json = JSON.parse(audit([file], { format: 'json', rules: ['IMAGE_DIGEST'] }).stdout).findings;
    expect(json.map((f: any) => `${f.location} ${f.target} ${f.path} ${f.line}:${f.column}`)).toEqual([
      "task 'build' step 'unnamed-0' task/build/step/unnamed-0 spec.pipelineSpec.tasks[0].taskSpec.steps[0].image 12:11",
      "task 'build' step 'unnamed-1' task/build/step/unnamed-1 spec.pipelineSpec.tasks[0].taskSpec.steps[1].image 13:11",
    ]);
    const relaxed = write('relaxed.yaml', text('  annotations:\n    secure-tekton/relax.IMAGE_DIGEST: "task/build/step/unnamed-1: the tag is pinned by the release process"'));
    expect(JSON.parse(audit([relaxed], { format: 'json', rules: ['IMAGE_DIGEST'] }).stdout).findings.map((f: any) => `${f.target} ${f.status}`))
      .toEqual(['task/build/step/unnamed-0 failed', 'task/build/step/unnamed-1 relaxed']);
  });

  test('RBAC: the rule, the resource name and the resourceNames field', () => {
    expect(positions(path.join(REAL, 'platform', 'pipeline-rbac.yaml'))).toEqual([
      'RBAC_NO_WILDCARD rules[1].resourceNames 14:5',
      'RBAC_NO_ESCALATION rules[0].resources[0] 9:17',
    ]);
  });

  test('a volumeMount a param names: each field of it, the mount named as written (quoted)', () => {
    const file = write('task.yaml', [
      'apiVersion: tekton.dev/v1',
      'kind: Task',
      'metadata:',
      '  name: t',
      'spec:',
      '  params:',
      '    - name: vol',
      '  steps:',
      '    - name: run',
      '      image: alpine',
      '      volumeMounts:',
      '        - name: $(params.vol)',
      '          mountPath: /cache/$(params.vol)',
      '',
    ].join('\n'));
    expect(positions(file, ['MOUNT_PATH_FIXED'])).toEqual([
      'MOUNT_PATH_FIXED spec.steps[0].volumeMounts[0].name 12:11',
      'MOUNT_PATH_FIXED spec.steps[0].volumeMounts[0].mountPath 13:11',
    ]);
  });

  test('a relaxation record whose target names a step: at the annotation, which is what to change', () => {
    const file = write('task.yaml', [
      'apiVersion: tekton.dev/v1',
      'kind: Task',
      'metadata:',
      '  name: t',
      '  annotations:',
      '    secure-tekton/relax.SCRIPT_INJECTION: "step/run: the value is checked"',
      '    secure-tekton/relax.IMAGE_DIGEST: "step/run: short"',
      'spec:',
      '  steps:',
      '    - name: run',
      '      image: alpine',
      '      script: "#!/bin/sh\\ntrue\\n"',
      '',
    ].join('\n'));
    expect(positions(file, ['RELAXATION_REASON'])).toEqual([
      'RELAXATION_REASON metadata.annotations["secure-tekton/relax.SCRIPT_INJECTION"] 6:5',
      'RELAXATION_REASON metadata.annotations["secure-tekton/relax.IMAGE_DIGEST"] 7:5',
    ]);
  });

  test('a property written from the object\'s root under a target (a pipeline task\'s taskRef.kind, a step\'s params): at that field, not at the task', () => {
    const file = write('pipeline.yaml', [
      'apiVersion: tekton.dev/v1',
      'kind: Pipeline',
      'metadata: {name: p}',
      'spec:',
      '  tasks:',
      '    - name: clone',
      '      taskRef:',
      '        name: git-clone',
      '        kind: ClusterTask',
      '',
    ].join('\n'));
    expect(positions(file, ['TEKTON_ADMITTED'])).toEqual(['TEKTON_ADMITTED spec.tasks[0].taskRef.kind 9:9']);
    const task = write('task.yaml', [
      'apiVersion: tekton.dev/v1',
      'kind: Task',
      'metadata: {name: t}',
      'spec:',
      '  steps:',
      '    - name: run',
      '      image: alpine@sha256:' + 'a'.repeat(64),
      '      script: "#!/bin/sh\\ntrue\\n"',
      '      params:',
      '        - {name: x, value: y}',
      '',
    ].join('\n'));
    expect(positions(task, ['TEKTON_ADMITTED'])).toEqual(['TEKTON_ADMITTED spec.steps[0].params 9:7']);
  });
});

describe('positions of list entries a finding names', () => {
  test('Secrets Store CSI volumes and bindings: the volume\'s csi source, or the field in it', () => {
    const file = write('csi.yaml', [
      'apiVersion: tekton.dev/v1',
      'kind: PipelineRun',
      'metadata: {name: run}',
      'spec:',
      '  pipelineRef: {name: p}',
      '  taskRunTemplate:',
      '    podTemplate:',
      '      volumes:',
      '        - name: pv',
      '          csi:',
      '            driver: secrets-store.csi.k8s.io',
      '            readOnly: false',
      '            volumeAttributes: {secretProviderClass: vault}',
      '  workspaces:',
      '    - name: creds',
      '      csi:',
      '        driver: secrets-store.csi.k8s.io',
      '        volumeAttributes:',
      '          secretProviderClass: ""',
      '',
    ].join('\n'));
    expect(positions(file, ['SECRETS_STORE_MOUNTABLE'])).toEqual([
      'SECRETS_STORE_MOUNTABLE spec.taskRunTemplate.podTemplate.volumes[0].csi.readOnly 12:13',
      'SECRETS_STORE_MOUNTABLE spec.workspaces[0].csi 16:7',
      'SECRETS_STORE_MOUNTABLE spec.workspaces[0].csi.volumeAttributes.secretProviderClass 19:11',
    ]);
  });
});

describe('positions of entries that share a name', () => {
  const task = (env: string[], mounts: string[]) => write('task.yaml', [
    'apiVersion: tekton.dev/v1',
    'kind: Task',
    'metadata: {name: t}',
    'spec:',
    '  params: [{name: a}, {name: b}]',
    '  volumes: [{name: cache, emptyDir: {}}]',
    '  steps:',
    '  - name: run',
    '    image: alpine@sha256:' + 'a'.repeat(64),
    '    env:',
    ...env,
    '    volumeMounts:',
    ...mounts,
    '',
  ].join('\n'));

  test('a volume mounted twice: each finding at the mount it is about, the one that has the field or the value it quotes', () => {
    const file = task(['    - {name: X, value: x}'], [
      '    - {name: cache, mountPath: /cache/fixed}',
      '    - {name: cache, mountPath: /cache/sub, subPath: $(params.a)}',
      '    - {name: cache, mountPath: /cache/$(params.a)}',
      '    - {name: cache, mountPath: /cache/$(params.b)}',
    ]);
    expect(positions(file, ['MOUNT_PATH_FIXED'])).toEqual([
      'MOUNT_PATH_FIXED spec.steps[0].volumeMounts[1].subPath 14:44',
      'MOUNT_PATH_FIXED spec.steps[0].volumeMounts[2].mountPath 15:21',
      'MOUNT_PATH_FIXED spec.steps[0].volumeMounts[3].mountPath 16:21',
    ]);
  });

  test('a finally task named as a task, both with the step: each finding at the step that holds the value it names', () => {
    const pinned = `docker.io/library/alpine@sha256:${'a'.repeat(64)}`;
    const file = write('p.yaml', ['apiVersion: tekton.dev/v1', 'kind: Pipeline', 'metadata:', '  name: p', 'spec:', '  tasks:', '  - name: x', '    taskSpec:',
      '      steps:', `      - {name: a, image: "${pinned}"}`, '      - name: "b"', '        image: docker.io/library/busybox:latest', '  finally:', '  - name: x',
      '    taskSpec:', '      steps:', '      - name: b', '        image: docker.io/library/busybox:1.36', ''].join('\n'));
    expect(positions(file, ['IMAGE_DIGEST'])).toEqual([
      'IMAGE_DIGEST spec.tasks[0].taskSpec.steps[1].image 12:9',
      'IMAGE_DIGEST spec.finally[0].taskSpec.steps[0].image 18:9',
    ]);
  });

  test('an env var written twice: at the entry with the field or the value; two alike at the last, whose value the kubelet gives the container', () => {
    const ref = (name: string, secret: string) => `    - {name: ${name}, valueFrom: {secretKeyRef: {name: '${secret}', key: k}}}`;
    const file = task(
      ['    - {name: TOKEN, value: plain}', ref('TOKEN', '$(params.a)'), ref('X', '$(params.a)'), ref('X', '$(params.b)'), ref('Z', '$(params.a)'), ref('Z', '$(params.a)')],
      ['    - {name: cache, mountPath: /cache}'],
    );
    expect(positions(file, ['SECRET_REFERENCE_FIXED'])).toEqual([
      'SECRET_REFERENCE_FIXED spec.steps[0].env[1].valueFrom.secretKeyRef.name 12:48',
      'SECRET_REFERENCE_FIXED spec.steps[0].env[2].valueFrom.secretKeyRef.name 13:44',
      'SECRET_REFERENCE_FIXED spec.steps[0].env[3].valueFrom.secretKeyRef.name 14:44',
      'SECRET_REFERENCE_FIXED spec.steps[0].env[5].valueFrom.secretKeyRef.name 16:44',
    ]);
  });

  test('the baseline keys stay what they were (no index): a baseline written before holds the same findings', () => {
    const file = task([], ['    - {name: cache, mountPath: /cache/$(params.a)}', '    - {name: cache, mountPath: /cache/$(params.b)}']);
    const baseline = path.join(path.dirname(file), 'baseline.json');
    fs.writeFileSync(baseline, JSON.stringify({
      schemaVersion: 2,
      findings: ['/cache/$(params.a)', '/cache/$(params.b)'].map((value) => ({
        file: 'task.yaml', kind: 'Task', name: 't', rule: 'MOUNT_PATH_FIXED', target: 'step/run', property: 'volumeMounts.cache.mountPath', value,
      })),
    }));
    expect(JSON.parse(audit([file], { format: 'json', rules: ['MOUNT_PATH_FIXED'], baseline }).stdout).findings.map((f: any) => `${f.status} ${f.line}`))
      .toEqual(['baselined 12', 'baselined 13']);
  });
});

describe('positions inside the YAML text of a field', () => {
  test('a SecretProviderClass\'s objects: the field of the entry the finding names, by its objectName or index, the nth like it', () => {
    const file = write('spc.yaml', [
      'apiVersion: secrets-store.csi.x-k8s.io/v1',
      'kind: SecretProviderClass',
      'metadata: {name: vault-db, namespace: ci}',
      'spec:',
      '  provider: vault',
      '  parameters:',
      '    roleName: ci',
      '    audience: vault',
      '    objects: |',
      '      - objectName: a',
      '        secretPath: secret/data/db',
      '        method: POST',
      '      - objectName: b',
      '        secretPath: secret/data/db',
      '        method: POST',
      '        filePermission: 040000755',
      '      - secretPath: /v1/',
      '---',
      'apiVersion: tekton.dev/v1',
      'kind: Task',
      'metadata: {name: t, namespace: ci}',
      'spec:',
      '  steps: [{name: s, image: x}]',
      '  volumes:',
      '    - name: v',
      '      csi:',
      '        driver: secrets-store.csi.k8s.io',
      '        readOnly: true',
      '        volumeAttributes: {secretProviderClass: other, objects: "- {objectName: x, method: PUT}"}',
      '',
    ].join('\n'));
    // the third entry's objectName, not set, at the entry; its secretPath at its own line
    expect(positions(file, ['SECRETS_STORE_MOUNTABLE', 'SECRETS_STORE_NO_SETUID', 'VAULT_READ_ONLY'])).toEqual([
      'SECRETS_STORE_MOUNTABLE spec.parameters.objects 17:9',
      'SECRETS_STORE_MOUNTABLE spec.parameters.objects 17:9',
      'VAULT_READ_ONLY spec.parameters.objects 12:9',
      'VAULT_READ_ONLY spec.parameters.objects 15:9',
      'SECRETS_STORE_NO_SETUID spec.parameters.objects 16:9',
      'VAULT_READ_ONLY spec.volumes[0].csi.volumeAttributes.objects 29:84',
    ]);
  });
});

describe('positions inside a folded or escaped YAML text of a field', () => {
  const spc = (name: string, objects: string) => [
    'apiVersion: secrets-store.csi.x-k8s.io/v1',
    'kind: SecretProviderClass',
    `metadata: {name: ${name}, namespace: ci}`,
    'spec:',
    '  provider: vault',
    '  parameters:',
    '    roleName: ci',
    '    audience: vault',
    `    objects: ${objects}`,
  ].join('\n');

  test('a folded (>) objects text: a field on a line folded into the one before is placed on its own line', () => {
    const file = write('spc.yaml', spc('folded', '>\n      [{objectName: a, secretPath: secret/data/a,\n      secretKey: k, encoding: gzip},\n'
      + '      {objectName: b, secretPath:\n      /, secretKey: k}]\n'));
    expect(positions(file, ['SECRETS_STORE_MOUNTABLE'])).toEqual([
      'SECRETS_STORE_MOUNTABLE spec.parameters.objects 11:21',
      'SECRETS_STORE_MOUNTABLE spec.parameters.objects 12:23',
    ]);
  });

  test('a double-quoted objects text with escapes and an escaped line break: each field where its key is written', () => {
    const file = write('spc.yaml', spc('quoted', '"- objectName: \\"/etc/passwd\\"\\n  secretPath: secret/data/a\\n  secretKey: k\\n\\\n'
      + '      - objectName: b\\n  secretPath: \\x2f\\n  secretKey: k\\n  encoding: \\"gz\\u0069p\\"\\n"\n'));
    expect(positions(file, ['SECRETS_STORE_MOUNTABLE'])).toEqual([
      'SECRETS_STORE_MOUNTABLE spec.parameters.objects 9:17',
      'SECRETS_STORE_MOUNTABLE spec.parameters.objects 10:62',
      'SECRETS_STORE_MOUNTABLE spec.parameters.objects 10:26',
    ]);
  });

  test('a JSON file\'s objects string, escapes and all', () => {
    const file = write('spc.json', JSON.stringify({
      apiVersion: 'secrets-store.csi.x-k8s.io/v1',
      kind: 'SecretProviderClass',
      metadata: { name: 'json', namespace: 'ci' },
      spec: { provider: 'vault', parameters: { roleName: 'ci', audience: 'vault', objects: '- objectName: "a\tb"\n  secretPath: /\n  secretKey: k\n' } },
    }, null, 2));
    expect(positions(file, ['SECRETS_STORE_MOUNTABLE'])).toEqual(['SECRETS_STORE_MOUNTABLE spec.parameters.objects 13:45']);
  });
});

describe('positions in every way of writing YAML', () => {
  const TASK = (steps: string) => `apiVersion: tekton.dev/v1\nkind: Task\nmetadata: {name: t}\nspec:\n  steps:\n${steps}`;

  test('flow mappings and sequences, quoted keys', () => {
    const file = write('f.yaml', TASK('    - {name: a, "image": \'alpine:3\', securityContext: {privileged: true}}\n'));
    expect(positions(file, ['IMAGE_DIGEST', 'NOT_PRIVILEGED'])).toEqual(['IMAGE_DIGEST spec.steps[0].image 6:17', 'NOT_PRIVILEGED spec.steps[0].securityContext.privileged 6:56']);
  });

  test('CRLF line ends and a BOM: lines and columns as an editor shows them', () => {
    const file = write('f.yaml', `\ufeff${TASK('    - name: a\n      image: alpine:3\n').replace(/\n/g, '\r\n')}`);
    expect(positions(file, ['IMAGE_DIGEST'])).toEqual(['IMAGE_DIGEST spec.steps[0].image 7:7']);
  });

  test('the second document, an item of a List, and a JSON file', () => {
    const list = write('l.yaml', `kind: ConfigMap\napiVersion: v1\nmetadata: {name: x}\n---\napiVersion: v1\nkind: List\nitems:\n  - ${TASK('    - name: a\n      image: alpine:3\n').replace(/\n/g, '\n    ').trimEnd()}\n`);
    expect(positions(list, ['IMAGE_DIGEST'])).toEqual(['IMAGE_DIGEST spec.steps[0].image 14:11']);
    const json = write('t.json', JSON.stringify({ apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: 't' }, spec: { steps: [{ name: 'a', image: 'alpine:3' }] } }, null, 2));
    expect(positions(json, ['IMAGE_DIGEST'])).toEqual(['IMAGE_DIGEST spec.steps[0].image 11:9']);
  });

  test('anchors and merge keys (the full parser): the key where it is written, in the merged mapping', () => {
    const file = write('m.yaml', TASK('    - &base\n      name: a\n      image: alpine:3\n    - <<: *base\n      name: b\n'));
    expect(positions(file, ['IMAGE_DIGEST'])).toEqual(['IMAGE_DIGEST spec.steps[0].image 8:7', 'IMAGE_DIGEST spec.steps[1].image 8:7']);
  });

  test('a block scalar and comments between the keys do not confuse the search', () => {
    const file = write('s.yaml', TASK('    - name: a\n      script: |\n        image: not-this\n      # image: nor this\n      image: alpine:3\n'));
    expect(positions(file, ['IMAGE_DIGEST'])).toEqual(['IMAGE_DIGEST spec.steps[0].image 10:7']);
  });
});

describe('the reader locates lazily', () => {
  test('locate returns the deepest node of a path that exists, and how deep it went', () => {
    const [o] = parseManifests('kind: A\nspec:\n  steps:\n    - name: a\n', 'f.yaml');
    expect(o.locate(['spec', 'steps', 0, 'name'])).toEqual({ line: 4, column: 7, depth: 4 });
    expect(o.locate(['spec', 'steps', 0, 'image'])).toEqual({ line: 4, column: 7, depth: 3 });
    expect(o.locate(['spec', 'nothing'])).toEqual({ line: 2, column: 1, depth: 1 });
    expect(o.locate([])).toEqual({ line: 1, column: 1, depth: 0 });
  });

  test("an EventListener's trigger and an interceptor's secretRef; a Pipelines-as-Code annotation", () => {
    const file = write('events.yaml', [
      'apiVersion: triggers.tekton.dev/v1beta1',
      'kind: EventListener',
      'metadata: {name: ci}',
      'spec:',
      '  triggers:',
      '    - name: push',
      '      interceptors:',
      '        - ref: {name: github}',
      '          params:',
      '            - name: secretRef',
      '              value: {secretName: hook}',
      '      template: {ref: build}',
      '    - name: other',
      '      template: {ref: build}',
      '---',
      'apiVersion: tekton.dev/v1',
      'kind: PipelineRun',
      'metadata:',
      '  name: on-push',
      '  annotations:',
      '    pipelinesascode.tekton.dev/task: "[.tekton/lint.yaml, git-clone]"',
      'spec: {pipelineRef: {name: p}}',
      '',
    ].join('\n'));
    expect(positions(file, ['TRIGGERS_AUTHENTICATED', 'REMOTE_REFERENCE_PINNED'])).toEqual([
      'TRIGGERS_AUTHENTICATED spec.triggers[0].interceptors[0].params[0].value 11:15',
      'TRIGGERS_AUTHENTICATED spec.triggers[1] 13:7',
      'REMOTE_REFERENCE_PINNED metadata.annotations["pipelinesascode.tekton.dev/task"] 21:5',
    ]);
  });

  test('a Pipelines-as-Code placeholder the event fills: in a label, in a step, in a key', () => {
    const file = write('pr.yaml', [
      'apiVersion: tekton.dev/v1',
      'kind: PipelineRun',
      'metadata:',
      '  generateName: build-',
      '  labels: {title: "{{ body.pull_request.title }}"}',
      'spec:',
      '  pipelineSpec:',
      '    tasks:',
      '      - name: compile',
      '        taskSpec:',
      '          metadata:',
      '            annotations:',
      '              "{{ files.all }}": x',
      '          steps:',
      '            - name: make',
      '              image: registry.example.com/tool',
      '              script: |',
      '                echo {{ source_branch }}',
      '',
    ].join('\n'));
    // at the placeholder itself: in the flow mapping's value, in the quoted key, on the script's line
    expect(positions(file, ['TEMPLATE_INJECTION'])).toEqual([
      'TEMPLATE_INJECTION metadata.labels.title 5:20',
      'TEMPLATE_INJECTION spec.pipelineSpec.tasks[0].taskSpec.metadata.annotations["{{ files.all }}"] 13:16',
      'TEMPLATE_INJECTION spec.pipelineSpec.tasks[0].taskSpec.steps[0].script 18:22',
    ]);
  });

  test("a TriggerTemplate's old-escape-quotes annotation", () => {
    const file = write('template.yaml', [
      'apiVersion: triggers.tekton.dev/v1beta1',
      'kind: TriggerTemplate',
      'metadata:',
      '  name: pr',
      '  annotations:',
      '    triggers.tekton.dev/old-escape-quotes: ""',
      'spec:',
      '  params: [{name: title}]',
      '  resourcetemplates:',
      '    - {apiVersion: v1, kind: ConfigMap, metadata: {generateName: pr-}, data: {title: $(tt.params.title)}}',
      '',
    ].join('\n'));
    expect(positions(file, ['TRIGGERS_ESCAPED_PARAMS'])).toEqual(['TRIGGERS_ESCAPED_PARAMS metadata.annotations["triggers.tekton.dev/old-escape-quotes"] 6:5']);
  });
});

describe('PipelineLoops (kfp-tekton)', () => {
  test("a finding of a loop is at its own field: of a loop object, and of one embedded as a pipeline task's custom task spec", () => {
    const file = write('loop.yaml', [
      'apiVersion: tekton.dev/v1',
      'kind: Pipeline',
      'metadata: {name: p, namespace: ci}',
      'spec:',
      '  tasks:',
      '    - name: loop',
      '      taskSpec:',
      '        apiVersion: custom.tekton.dev/v1alpha1',
      '        kind: PipelineLoop',
      '        spec:',
      '          iterateParam: message',
      '          serviceAccountName: default',
      '          pipelineSpec:',
      '            tasks:',
      '              - name: echo',
      '                taskRef: {resolver: git, params: [{name: url, value: "https://github.com/x/y"}, {name: revision, value: main}]}',
      '---',
      'apiVersion: custom.tekton.dev/v1alpha1',
      'kind: PipelineLoop',
      'metadata: {name: each, namespace: ci}',
      'spec:',
      '  iterateParam: message',
      '  serviceAccountName: default',
      '  timeout: 0s',
      '  pipelineRef: {name: p}',
      '',
    ].join('\n'));
    expect(positions(file, ['RUN_SERVICE_ACCOUNT', 'REMOTE_REFERENCE_PINNED', 'RUN_TIMEOUT'])).toEqual([
      'RUN_SERVICE_ACCOUNT spec.tasks[0].taskSpec.spec.serviceAccountName 12:11',
      'REMOTE_REFERENCE_PINNED spec.tasks[0].taskSpec.spec.pipelineSpec.tasks[0].taskRef.params[1] 16:97',
      'RUN_SERVICE_ACCOUNT spec.serviceAccountName 23:3',
      'RUN_TIMEOUT spec.timeout 24:3',
    ]);
  });
});

