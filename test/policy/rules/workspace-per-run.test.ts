import { describeRule, loopInPipeline, pipelineEmbedding, pipelineLoop, pipelineRun, task, taskRun, taskSpec } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { WORKSPACE_PER_RUN } from '../../../src/policy/rules/workspace-per-run';

const template = (accessModes?: any) => ({ volumeClaimTemplate: { spec: { accessModes, resources: { requests: { storage: '1Gi' } } } } });
const at = (workspace: string, finding: Record<string, unknown>, kind = 'PipelineRun', name = 'pipe-run') =>
  ({ rule: RuleId.WORKSPACE_PER_RUN, kind, name, location: `workspace '${workspace}'`, target: `workspace/${workspace}`, ...finding });
const notRwo = (value: string) => ({ property: 'volumeClaimTemplate.spec.accessModes', value, problem: 'is not ReadWriteOnce only' });

describe('WORKSPACE_PER_RUN', () => {
  describeRule(WORKSPACE_PER_RUN, RuleId.WORKSPACE_PER_RUN, Severity.HIGH, true);

  test('applies to runs, and to Tasks and Pipelines with task specs (their volumes)', () => {
    expect(WORKSPACE_PER_RUN.appliesTo(pipelineRun())).toBe(true);
    expect(WORKSPACE_PER_RUN.appliesTo(taskRun())).toBe(true);
    expect(WORKSPACE_PER_RUN.appliesTo(task())).toBe(true);
    expect(WORKSPACE_PER_RUN.appliesTo({ kind: 'Pipeline', spec: { workspaces: [{ name: 'src' }] } })).toBe(false);
    expect(WORKSPACE_PER_RUN.appliesTo({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } })).toBe(false);
  });

  test('non-compliant: volumes that hold what another run left, in task specs and pod templates, with the target NO_HOST_ACCESS gives them', () => {
    const shared = { name: 'cache', persistentVolumeClaim: { claimName: 'go-cache' } };
    const sharedProblem = 'mounts the existing PersistentVolumeClaim "go-cache", which runs share';
    expect(WORKSPACE_PER_RUN.check(task({ volumes: [{ name: 'tmp', emptyDir: {} }, shared] }))).toEqual([
      { rule: RuleId.WORKSPACE_PER_RUN, kind: 'Task', name: 'build', property: 'volumes', value: 'cache', problem: sharedProblem },
    ]);
    expect(WORKSPACE_PER_RUN.check(pipelineEmbedding(taskSpec({ volumes: [shared] })))).toEqual([
      { rule: RuleId.WORKSPACE_PER_RUN, kind: 'Pipeline', name: 'pipe', location: "task 'build'", target: 'task/build', property: 'volumes', value: 'cache', problem: sharedProblem },
    ]);
    const claim = (spec: any) => ({ name: 'scratch', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], ...spec } } } });
    expect(WORKSPACE_PER_RUN.check(taskRun({ podTemplate: { volumes: [claim({ dataSource: { kind: 'VolumeSnapshot', name: 'nightly' }, volumeName: 'pv-7' })] } }))).toEqual([
      {
        rule: RuleId.WORKSPACE_PER_RUN,
        kind: 'TaskRun',
        name: 'build-run',
        property: 'podTemplate.volumes.ephemeral.volumeClaimTemplate.spec.dataSource',
        value: 'VolumeSnapshot/nightly',
        problem: 'starts the volume from existing data (volume "scratch")',
      },
      {
        rule: RuleId.WORKSPACE_PER_RUN,
        kind: 'TaskRun',
        name: 'build-run',
        property: 'podTemplate.volumes.ephemeral.volumeClaimTemplate.spec.volumeName',
        value: 'pv-7',
        problem: 'binds an existing PersistentVolume (volume "scratch")',
      },
    ]);
    expect(WORKSPACE_PER_RUN.check(pipelineRun({ taskRunSpecs: [{ pipelineTaskName: 'build', podTemplate: { volumes: [shared] } }] }))).toEqual([
      { rule: RuleId.WORKSPACE_PER_RUN, kind: 'PipelineRun', name: 'pipe-run', location: "taskRunSpec 'build'", target: 'task/build', property: 'podTemplate.volumes', value: 'cache', problem: sharedProblem },
    ]);
    // a fresh ephemeral claim of any access mode (it lives as long as the pod), and a null claim (none), pass
    expect(WORKSPACE_PER_RUN.check(task({ volumes: [claim({ accessModes: ['ReadWriteMany'], volumeName: '', dataSource: null }), { name: 'n', emptyDir: {}, persistentVolumeClaim: null }] }))).toEqual([]);
  });

  test('non-compliant: storage that outlives the run, mounted as a volume (nfs, iscsi, a cloud disk, a storage CSI driver), also spelled as Tekton\'s webhook decodes it', () => {
    const summary = (m: any) => WORKSPACE_PER_RUN.check(m).map((f) => [f.property, f.value, f.problem]);
    expect(summary(task({
      volumes: [
        { name: 'builds', nfs: { server: 'nfs.example.com', path: '/builds' } },
        { name: 'disk', NFS: null, GcePersistentDisk: { pdName: 'cache' } },
        { name: 'nfs-csi', csi: { driver: 'nfs.csi.k8s.io', volumeAttributes: { share: '/builds' } } },
        { name: 'vault', csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true } },
        { name: 'cache', image: { reference: 'registry.example.com/build-cache:latest' } },
        { name: 'tools', image: { reference: `registry.example.com/tools@sha256:${'a'.repeat(64)}` } },
        { name: 'pasted', image: { reference: `{{ body.tools }}@sha256:${'a'.repeat(64)}` } },
        { name: 'own', image: { reference: `registry.example.com/{{ repo_name }}@sha256:${'a'.repeat(64)}` } },
        { name: 'typo', emptyDir: {}, notAVolumeSource: {} },
      ],
    }))).toEqual([
      ['volumes', 'builds', 'mounts nfs storage, which outlives the run and other runs can mount'],
      ['volumes', 'disk', 'mounts gcePersistentDisk storage, which outlives the run and other runs can mount'],
      ['volumes.csi.driver', 'nfs.csi.k8s.io', 'is a CSI driver not known to make a fresh volume per pod (known: secrets-store.csi.k8s.io, csi.cert-manager.io, csi.spiffe.io), '
        + 'so the volume may hold what another run left (volume "nfs-csi")'],
      ['volumes.image.reference', 'registry.example.com/build-cache:latest', 'mounts an image by tag, which holds whatever was last pushed to it (volume "cache")'],
      ['volumes.image.reference', `{{ body.tools }}@sha256:${'a'.repeat(64)}`,
        'holds {{ body.tools }}, which is pasted into the YAML before it is read: its text can end the reference there, so the digest after it may not be part of it (volume "pasted")'],
    ]);
  });

  // distribution/reference v0.6.0 ParseNormalizedNamed (crypto/sha256 and crypto/sha512 registered, as in the kubelet), run here: a sha384
  // or sha512 digest of its length parses, one of another length is "invalid checksum digest length"
  test('compliant: an image volume pinned by a sha512 or sha384 digest, which the kubelet pulls by; a tag beside it is still reported', () => {
    for (const reference of [`registry.example.com/tools@sha512:${'a'.repeat(128)}`, `registry.example.com/tools:1.0@sha384:${'b'.repeat(96)}`]) {
      expect([reference, WORKSPACE_PER_RUN.check(task({ volumes: [{ name: 'tools', image: { reference } }] }))]).toEqual([reference, []]);
    }
    expect(WORKSPACE_PER_RUN.check(task({ volumes: [{ name: 'tools', image: { reference: 'registry.example.com/tools:sha512' } }] })).map((f) => f.problem))
      .toEqual(['mounts an image by tag, which holds whatever was last pushed to it (volume "tools")']);
  });

  // (distribution/reference v0.6.0: "invalid checksum digest length", "invalid checksum digest format", "unsupported digest algorithm")
  test('non-compliant: an image volume whose digest the kubelet refuses (a sha512 or sha256 one of another length, upper-case sha384, md5): not a tag', () => {
    const algorithms = 'sha256, sha384 and sha512 digests only, each of its length in lower-case hex';
    for (const [reference, refused] of [
      [`registry.example.com/tools@sha512:${'a'.repeat(96)}`, `a digest the kubelet refuses (sha512: its reference parser reads ${algorithms})`],
      [`registry.example.com/tools@sha384:${'B'.repeat(96)}`, `a digest the kubelet refuses (sha384: its reference parser reads ${algorithms})`],
      [`registry.example.com/tools@md5:${'a'.repeat(32)}`, `a digest the kubelet refuses (md5: its reference parser reads ${algorithms})`],
      ['registry.example.com/tools@sha256:abc', 'a sha256 digest the kubelet refuses (3 hex digits: its reference parser reads a sha256 digest as 64 lower-case hex digits)'],
    ]) {
      expect(WORKSPACE_PER_RUN.check(task({ volumes: [{ name: 'tools', image: { reference } }] })).map((f) => [f.property, f.value, f.problem, f.fix])).toEqual([[
        'volumes.image.reference', reference, `has ${refused}, so no pod mounts it (volume "tools")`, 'Pin it by its whole digest: "registry.example.com/tools@sha256:<64 hex>".',
      ]]);
    }
  });

  test('non-compliant: an image volume whose digest is in upper-case hex, which the kubelet refuses (distribution/reference): not a tag', () => {
    const reference = `registry.example.com/tools@sha256:${'AB'.repeat(32)}`;
    expect(WORKSPACE_PER_RUN.check(task({ volumes: [{ name: 'tools', image: { reference } }] }))).toEqual([{
      rule: RuleId.WORKSPACE_PER_RUN,
      kind: 'Task',
      name: 'build',
      property: 'volumes.image.reference',
      value: reference,
      problem: 'has its digest in upper-case hex, which image references do not allow (a sha256 digest is 64 lower-case hex digits): the kubelet refuses the image, so no pod mounts it (volume "tools")',
      fix: `Write the digest in lower case: "registry.example.com/tools@sha256:${'ab'.repeat(32)}".`,
    }]);
    // the fix, applied as written
    expect(WORKSPACE_PER_RUN.check(task({ volumes: [{ name: 'tools', image: { reference: reference.toLowerCase() } }] }))).toEqual([]);
  });

  test('non-compliant: claim templates that only an existing volume can satisfy (a selector, storageClassName ""), and CSI bindings of storage drivers', () => {
    const claim = (extra: any) => ({ volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...extra } } });
    expect(WORKSPACE_PER_RUN.check(pipelineRun({
      workspaces: [
        { name: 'a', ...claim({ selector: { matchLabels: { pool: 'build-cache' } } }) },
        { name: 'b', ...claim({ storageClassName: '' }) },
        { name: 'c', ...claim({ storageClassName: 'fast', selector: { matchLabels: {}, matchExpressions: [] } }) },
        { name: 'd', csi: { driver: 'nfs.csi.k8s.io' } },
      ],
    }))).toEqual([
      at('a', {
        property: 'volumeClaimTemplate.spec.selector',
        value: '{"matchLabels":{"pool":"build-cache"}}',
        problem: 'binds only an existing PersistentVolume that matches it (provisioners refuse a claim with a selector)',
      }),
      at('b', { property: 'volumeClaimTemplate.spec.storageClassName', value: '', problem: 'asks for no storage class, so only an existing PersistentVolume can bind' }),
      // an empty selector matches every volume
      at('c', {
        property: 'volumeClaimTemplate.spec.selector',
        value: '{"matchLabels":{},"matchExpressions":[]}',
        problem: 'binds only an existing PersistentVolume that matches it (provisioners refuse a claim with a selector)',
      }),
      at('d', {
        property: 'csi.driver',
        value: 'nfs.csi.k8s.io',
        problem: 'is a CSI driver not known to make a fresh volume per pod (known: secrets-store.csi.k8s.io, csi.cert-manager.io, csi.spiffe.io), so the volume may hold what another run left',
      }),
    ]);
  });

  test('non-compliant: the beta storage-class annotation "" (the PV controller reads it before storageClassName), in a workspace binding and an ephemeral volume', () => {
    const KEY = 'volume.beta.kubernetes.io/storage-class';
    const problem = 'asks for no storage class (the PV controller reads this annotation before spec.storageClassName), so only an existing PersistentVolume can bind';
    const fix = `Remove the ${KEY} annotation and name a storage class in spec.storageClassName.`;
    const claim = (annotations: any, extra: any = {}) => ({
      volumeClaimTemplate: { metadata: { annotations }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...extra } },
    });
    expect(WORKSPACE_PER_RUN.check(pipelineRun({
      workspaces: [
        { name: 'a', ...claim({ [KEY]: '' }) },
        { name: 'b', ...claim({ [KEY]: '' }, { storageClassName: 'fast' }) },
        { name: 'c', ...claim({ [KEY]: null }) },
        // the annotation names the class: storageClassName "" is not read
        { name: 'd', ...claim({ [KEY]: 'fast' }, { storageClassName: '' }) },
        { name: 'e', ...claim({ other: '' }, { storageClassName: 'fast' }) },
      ],
    }))).toEqual(['a', 'b', 'c'].map((w) => at(w, { property: `volumeClaimTemplate.metadata.annotations["${KEY}"]`, value: '', problem, fix })));
    const ephemeral = { name: 'scratch', ephemeral: { volumeClaimTemplate: { metadata: { annotations: { [KEY]: '' } }, spec: { accessModes: ['ReadWriteOnce'] } } } };
    expect(WORKSPACE_PER_RUN.check(task({ volumes: [ephemeral] }))).toEqual([{
      rule: RuleId.WORKSPACE_PER_RUN,
      kind: 'Task',
      name: 'build',
      property: `volumes.ephemeral.volumeClaimTemplate.metadata.annotations["${KEY}"]`,
      value: '',
      problem: `${problem} (volume "scratch")`,
      fix,
    }]);
  });

  test('compliant: volumeClaimTemplates ReadWriteOnce or ReadWriteOncePod, and volumes that are not shared', () => {
    expect(WORKSPACE_PER_RUN.check(pipelineRun({
      workspaces: [
        { name: 'src', ...template(['ReadWriteOnce']) },
        { name: 'cache', ...template(['ReadWriteOncePod']) },
        { name: 'scratch', emptyDir: {} },
        { name: 'creds', secret: { secretName: 'registry' } },
        { name: 'vault', csi: { driver: 'secrets-store.csi.k8s.io' } },
        { name: 'settings', configMap: { name: 'settings' } },
      ],
    }))).toEqual([]);
  });

  test('non-compliant: a shared PersistentVolumeClaim', () => {
    expect(WORKSPACE_PER_RUN.check(pipelineRun({ workspaces: [{ name: 'src', persistentVolumeClaim: { claimName: 'shared' } }] })))
      .toEqual([at('src', { property: 'persistentVolumeClaim.claimName', value: 'shared', problem: 'is a shared PersistentVolumeClaim' })]);
  });

  test('non-compliant: ReadWriteMany, a mix with ReadOnlyMany, or no access mode', () => {
    expect(WORKSPACE_PER_RUN.check(pipelineRun({
      workspaces: [
        { name: 'a', ...template(['ReadWriteMany']) },
        { name: 'b', ...template(['ReadWriteOnce', 'ReadOnlyMany']) },
        { name: 'c', ...template([]) },
        { name: 'd', ...template(undefined) },
      ],
    }))).toEqual([
      at('a', notRwo('["ReadWriteMany"]')),
      at('b', notRwo('["ReadWriteOnce","ReadOnlyMany"]')),
      at('c', notRwo('[]')),
      at('d', notRwo('[]')),
    ]);
  });

  test('non-compliant: a mis-cased access mode', () => {
    expect(WORKSPACE_PER_RUN.check(pipelineRun({ workspaces: [{ name: 'src', ...template(['readwriteonce']) }] })))
      .toEqual([at('src', notRwo('["readwriteonce"]'))]);
  });

  test('non-compliant: TaskRun workspaces too', () => {
    expect(WORKSPACE_PER_RUN.check(taskRun({ workspaces: [{ name: 'cache', persistentVolumeClaim: { claimName: 'go-cache', readOnly: true } }, { name: 'out', ...template(['ReadWriteMany']) }] }))).toEqual([
      at('cache', { property: 'persistentVolumeClaim.claimName', value: 'go-cache', problem: 'is a shared PersistentVolumeClaim' }, 'TaskRun', 'build-run'),
      at('out', notRwo('["ReadWriteMany"]'), 'TaskRun', 'build-run'),
    ]);
  });

  test('non-compliant: a fresh claim that clones a shared volume or binds an existing one', () => {
    const run = pipelineRun({
      workspaces: [{
        name: 'src',
        volumeClaimTemplate: {
          spec: {
            accessModes: ['ReadWriteOnce'],
            resources: { requests: { storage: '1Gi' } },
            dataSource: { kind: 'PersistentVolumeClaim', name: 'shared-cache' },
            dataSourceRef: { kind: 'VolumeSnapshot', apiGroup: 'snapshot.storage.k8s.io', name: 'yesterday' },
            volumeName: 'pv-of-another-run',
          },
        },
      }],
    });
    const finding = { rule: RuleId.WORKSPACE_PER_RUN, kind: 'PipelineRun', name: 'pipe-run', location: "workspace 'src'", target: 'workspace/src' };
    expect(WORKSPACE_PER_RUN.check(run)).toEqual([
      { ...finding, property: 'volumeClaimTemplate.spec.dataSource', value: 'PersistentVolumeClaim/shared-cache', problem: 'starts the volume from existing data' },
      { ...finding, property: 'volumeClaimTemplate.spec.dataSourceRef', value: 'VolumeSnapshot/yesterday', problem: 'starts the volume from existing data' },
      { ...finding, property: 'volumeClaimTemplate.spec.volumeName', value: 'pv-of-another-run', problem: 'binds an existing PersistentVolume' },
    ]);
  });
});

describe('WORKSPACE_PER_RUN: config-defaults\' default-task-run-workspace-binding', () => {
  const configDefaults = (binding: string) => ({
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data: { 'default-task-run-workspace-binding': binding },
  });
  const KEY = "data['default-task-run-workspace-binding']";
  const onDefaults = (property: string, value: string, problem: string) =>
    ({ rule: RuleId.WORKSPACE_PER_RUN, kind: 'ConfigMap', name: 'config-defaults', property: `${KEY}.${property}`, value, problem: `${problem} (Tekton binds every non-optional workspace a TaskRun leaves unbound to it)` });

  test('non-compliant: a shared claim, decoded as Tekton decodes it (field names in any case), which every unbound workspace of every TaskRun gets', () => {
    expect(WORKSPACE_PER_RUN.appliesTo(configDefaults('emptyDir: {}'))).toBe(true);
    expect(WORKSPACE_PER_RUN.check(configDefaults('persistentVolumeClaim:\n  claimName: shared-cache\n')))
      .toEqual([onDefaults('persistentVolumeClaim.claimName', 'shared-cache', 'is a shared PersistentVolumeClaim')]);
    expect(WORKSPACE_PER_RUN.check(configDefaults('PersistentVolumeClaim: {ClaimName: shared-cache}')))
      .toEqual([onDefaults('persistentVolumeClaim.claimName', 'shared-cache', 'is a shared PersistentVolumeClaim')]);
  });

  test('non-compliant: a claim template that is not ReadWriteOnce only or binds an existing volume', () => {
    expect(WORKSPACE_PER_RUN.check(configDefaults([
      'volumeClaimTemplate:', '  spec:', '    accessModes: [ReadWriteMany]', '    storageClassName: ""', '    resources: {requests: {storage: 1Gi}}', '',
    ].join('\n')))).toEqual([
      onDefaults('volumeClaimTemplate.spec.accessModes', '["ReadWriteMany"]', 'is not ReadWriteOnce only'),
      onDefaults('volumeClaimTemplate.spec.storageClassName', '', 'asks for no storage class, so only an existing PersistentVolume can bind'),
    ]);
  });

  test('non-compliant: the beta storage-class annotation "", its keys matched in any case as encoding/json matches them', () => {
    expect(WORKSPACE_PER_RUN.check(configDefaults([
      'VolumeClaimTemplate:', '  Metadata:', '    Annotations: {volume.beta.kubernetes.io/storage-class: ""}', '  spec: {accessModes: [ReadWriteOnce]}', '',
    ].join('\n')))).toEqual([{
      ...onDefaults('volumeClaimTemplate.metadata.annotations["volume.beta.kubernetes.io/storage-class"]', '',
        'asks for no storage class (the PV controller reads this annotation before spec.storageClassName), so only an existing PersistentVolume can bind'),
      fix: 'Remove the volume.beta.kubernetes.io/storage-class annotation and name a storage class in spec.storageClassName.',
    }]);
    // and in an ephemeral volume of the default pod template
    const podTemplate = { ...configDefaults(''), data: { 'default-pod-template': 'volumes: [{name: e, Ephemeral: {VolumeClaimTemplate: {Metadata: {Annotations: {volume.beta.kubernetes.io/storage-class: ""}}}}}]' } };
    expect(WORKSPACE_PER_RUN.check(podTemplate).map((f) => f.property))
      .toEqual(['data[\'default-pod-template\'].volumes.ephemeral.volumeClaimTemplate.metadata.annotations["volume.beta.kubernetes.io/storage-class"]']);
  });

  test('compliant: a fresh ReadWriteOnce claim or an emptyDir; sources Tekton does not copy (csi, projected); not set or not YAML', () => {
    expect(WORKSPACE_PER_RUN.check(configDefaults('volumeClaimTemplate: {spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}}'))).toEqual([]);
    expect(WORKSPACE_PER_RUN.check(configDefaults('emptyDir: {}'))).toEqual([]);
    expect(WORKSPACE_PER_RUN.check(configDefaults('csi: {driver: nfs.csi.k8s.io}'))).toEqual([]);
    expect(WORKSPACE_PER_RUN.check(configDefaults('persistentVolumeClaim: ['))).toEqual([]);
    expect(WORKSPACE_PER_RUN.check({ ...configDefaults(''), data: {} })).toEqual([]);
    // another ConfigMap of that key is no Tekton configuration
    expect(WORKSPACE_PER_RUN.check({ ...configDefaults('persistentVolumeClaim: {claimName: x}'), metadata: { name: 'config-defaults', namespace: 'ci' } })).toEqual([]);
  });

  test("beside a Tekton operator's object: each key as the operator's apply leaves it, in the reading that keeps it, named", () => {
    const config = (pipeline: Record<string, unknown> = {}) => ({
      apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonConfig', metadata: { name: 'config' }, spec: { targetNamespace: 'tekton-pipelines', pipeline },
    });
    const defaults = {
      ...configDefaults('persistentVolumeClaim: {claimName: shared-cache}'),
      data: { 'default-task-run-workspace-binding': 'persistentVolumeClaim: {claimName: shared-cache}', 'default-pod-template': 'volumes: [{name: c, persistentVolumeClaim: {claimName: cache}}]' },
    };
    const check = (...others: any[]) =>
      WORKSPACE_PER_RUN.check(defaults, { manifests: [defaults, ...others], credentialWorkspaces: () => [] } as any);
    const reading = (keys: string) => ` (reading config-defaults with ${keys} that ConfigMap 'config-defaults' in tekton-pipelines keeps beside what TektonConfig 'config' writes, unless kubectl apply created it)`;
    const both = reading("data['default-task-run-workspace-binding'], data['default-pod-template']");
    const inTemplate = (suffix: string) => ({
      rule: RuleId.WORKSPACE_PER_RUN,
      kind: 'ConfigMap',
      name: 'config-defaults',
      property: "data['default-pod-template'].volumes",
      value: 'c',
      problem: `mounts the existing PersistentVolumeClaim "cache", which runs share${suffix}`,
    });
    const binding = (suffix: string) => ({
      ...onDefaults('persistentVolumeClaim.claimName', 'shared-cache', 'is a shared PersistentVolumeClaim'),
      problem: `is a shared PersistentVolumeClaim (Tekton binds every non-optional workspace a TaskRun leaves unbound to it)${suffix}`,
    });
    // the operator writes neither key: both stay, unless kubectl apply created the ConfigMap
    expect(check(config())).toEqual([inTemplate(both), binding(both)]);
    // the operator writes its own binding over the ConfigMap's: only the template is judged, in the reading that keeps it
    expect(check(config({ 'default-task-run-workspace-binding': 'emptyDir: {}' }))).toEqual([inTemplate(reading("data['default-pod-template']"))]);
    // it writes both: the ConfigMap's reach no run
    expect(check(config({ 'default-task-run-workspace-binding': 'emptyDir: {}', 'default-pod-template': 'nodeSelector: {a: b}' }))).toEqual([]);
    // alone: as written
    expect(check()).toEqual([inTemplate(''), binding('')]);
  });

  test("a PipelineLoop's (kfp-tekton) workspaces bind the PipelineRun of every iteration: a shared claim is shared by all of them; its task specs' volumes are reported once", () => {
    const spec = {
      workspaces: [{ name: 'src', persistentVolumeClaim: { claimName: 'shared' } }],
      pipelineSpec: { tasks: [{ name: 'build', taskSpec: { volumes: [{ name: 'v', persistentVolumeClaim: { claimName: 'cache' } }], steps: [{ name: 's' }] } }] },
    };
    const summary = (m: any) => WORKSPACE_PER_RUN.check(m).map((f) => [f.kind, f.location, f.target, f.property, f.value]);
    expect(summary(pipelineLoop(spec))).toEqual([
      ['PipelineLoop', "task 'build'", 'task/build', 'volumes', 'v'],
      ['PipelineLoop', "workspace 'src'", 'workspace/src', 'persistentVolumeClaim.claimName', 'shared'],
    ]);
    expect(summary(loopInPipeline(spec))).toEqual([
      ['Pipeline', "task 'loop' task 'build'", 'task/loop/task/build', 'volumes', 'v'],
      ['Pipeline', "task 'loop' workspace 'src'", 'task/loop/workspace/src', 'persistentVolumeClaim.claimName', 'shared'],
    ]);
    expect(WORKSPACE_PER_RUN.check(pipelineLoop(spec))[1].problem).toBe('is a shared PersistentVolumeClaim');
  });
});

