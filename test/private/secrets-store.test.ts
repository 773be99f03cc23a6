import {
  fileModeRefusal, fileRefusal, isApiServerAudience, isMockProviderVolume, isOpenBaoProviderClass, isVaultOrOpenBaoClass, isVaultProviderClass,
  objectsRefusal,
  openBaoParameter, overridingAttributes,
  chosenVariable, expansions, podSecretsStoreProblems, podSecretsStoreVolumes, secretsStoreVolumes, vaultRequestPath, volumeParamReader, writtenValue,
} from '../../src/private/secrets-store';
import { describeWithOperatorConfigMaps, operatorObjectsAppliedOver } from '../helpers/operator-configmaps';
import { pipelineRun, pipelineRunEmbedding, task, taskRun } from '../policy/rules/fixtures';

const spc = (provider: unknown, parameters?: unknown) => ({ apiVersion: 'secrets-store.csi.x-k8s.io/v1', kind: 'SecretProviderClass', metadata: { name: 'c' }, spec: { provider, parameters } });
const store = (attributes: Record<string, unknown> = {}) => ({ driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'c', ...attributes } });

describe('isVaultProviderClass', () => {
  test('the vault provider, or any provider with a parameter the Vault provider reads', () => {
    expect(isVaultProviderClass(spc('vault', { roleName: 'r' }))).toBe(true);
    expect(isVaultProviderClass(spc('vault'))).toBe(true);
    expect(isVaultProviderClass(spc('hashicorp-vault', { vaultAddress: 'https://v' }))).toBe(true);
    expect(isVaultProviderClass(spc('Vault', { vaultSkipTLSVerify: 'true' }))).toBe(true);
  });

  test('not another provider, another kind, or a class without a spec', () => {
    expect(isVaultProviderClass(spc('azure', { keyvaultName: 'kv', tenantId: 't' }))).toBe(false);
    expect(isVaultProviderClass(spc('Vault', { roleName: 'r' }))).toBe(false);
    expect(isVaultProviderClass({ kind: 'ConfigMap', spec: { provider: 'vault' } })).toBe(false);
    expect(isVaultProviderClass({ kind: 'SecretProviderClass' })).toBe(false);
    expect(isVaultProviderClass(spc('gcp', 'vaultAddress'))).toBe(false);
    // OpenBao's provider reads the vault… spellings too
    expect(isVaultProviderClass(spc('openbao', { vaultAddress: 'https://v' }))).toBe(false);
  });
});

describe('isVaultOrOpenBaoClass', () => {
  test("either provider's class, or a provider named as one of them in any case", () => {
    expect(isVaultOrOpenBaoClass(spc('vault'))).toBe(true);
    expect(isVaultOrOpenBaoClass(spc('openbao'))).toBe(true);
    expect(isVaultOrOpenBaoClass(spc('azure', { baoAddress: 'https://b' }))).toBe(true);
    expect(isVaultOrOpenBaoClass(spc('Vault-East', { roleName: 'r' }))).toBe(true);
    expect(isVaultOrOpenBaoClass(spc('openbao-prod'))).toBe(true);
  });

  test('not another provider, nor another kind', () => {
    expect(isVaultOrOpenBaoClass(spc('azure', { keyvaultName: 'kv' }))).toBe(false);
    expect(isVaultOrOpenBaoClass(spc('gcp'))).toBe(false);
    expect(isVaultOrOpenBaoClass({ kind: 'ConfigMap', spec: { provider: 'vault' } })).toBe(false);
  });
});

describe('OpenBao\'s provider', () => {
  test('its classes: provider openbao, or a parameter only it reads (bao…, openbao…)', () => {
    expect(isOpenBaoProviderClass(spc('openbao', { roleName: 'r' }))).toBe(true);
    expect(isOpenBaoProviderClass(spc('bao', { baoAddress: 'https://b' }))).toBe(true);
    expect(isOpenBaoProviderClass(spc('vault', { openbaoSkipTLSVerify: 'false' }))).toBe(true);
    expect(isOpenBaoProviderClass(spc('vault', { vaultAddress: 'https://v' }))).toBe(false);
    expect(isOpenBaoProviderClass(spc('OpenBao', { roleName: 'r' }))).toBe(false);
    expect(isOpenBaoProviderClass({ kind: 'ConfigMap', spec: { provider: 'openbao' } })).toBe(false);
  });

  test('the parameter it reads: the first spelling present of bao…, openbao…, vault…, an empty one included', () => {
    expect(openBaoParameter({ vaultAddress: 'v', openbaoAddress: 'o', baoAddress: 'b' }, 'Address')).toBe('baoAddress');
    expect(openBaoParameter({ vaultAddress: 'v', openbaoAddress: '' }, 'Address')).toBe('openbaoAddress');
    expect(openBaoParameter({ vaultSkipTLSVerify: 'true' }, 'SkipTLSVerify')).toBe('vaultSkipTLSVerify');
    expect(openBaoParameter({ roleName: 'r' }, 'Address')).toBeUndefined();
  });
});

describe('the driver\'s mock provider', () => {
  test('a providerName attribute of mock_provider in any case', () => {
    expect(isMockProviderVolume(store({ providerName: 'mock_provider' }))).toBe(true);
    expect(isMockProviderVolume(store({ providerName: 'MOCK_PROVIDER' }))).toBe(true);
    expect(isMockProviderVolume(store({ providerName: 'vault' }))).toBe(false);
    expect(isMockProviderVolume(store())).toBe(false);
    expect(isMockProviderVolume({ driver: 'secrets-store.csi.k8s.io' })).toBe(false);
  });
});

describe('secretsStoreVolumes', () => {
  test('task volumes, embedded specs, pod template volumes and run bindings of the Secrets Store driver only', () => {
    const other = { driver: 'csi.cert-manager.io', volumeAttributes: {} };
    expect(secretsStoreVolumes(task({ volumes: [{ name: 'a', csi: store() }, { name: 'b', csi: other }, { name: 'c', secret: { secretName: 's' } }] })).map((v) => [v.property, v.location, v.target]))
      .toEqual([['volumes.a.csi', undefined, undefined]]);
    expect(secretsStoreVolumes(pipelineRunEmbedding({ steps: [], volumes: [{ name: 'a', csi: store() }] })).map((v) => [v.property, v.location, v.target]))
      .toEqual([['volumes.a.csi', "task 'build'", 'task/build']]);
    expect(secretsStoreVolumes(pipelineRun({
      taskRunTemplate: { podTemplate: { volumes: [{ name: 'p', csi: store() }] } },
      taskRunSpecs: [{ pipelineTaskName: 'push', podTemplate: { volumes: [{ name: 'q', csi: store() }] } }],
      workspaces: [{ name: 'creds', csi: store() }, { name: 'src', emptyDir: {} }, { name: 'cm', csi: other }],
    })).map((v) => [v.property, v.location, v.target])).toEqual([
      ['taskRunTemplate.podTemplate.volumes.p.csi', undefined, undefined],
      ['podTemplate.volumes.q.csi', "taskRunSpec 'push'", 'task/push'],
      ['workspaces.creds.csi', "workspace 'creds'", 'workspace/creds'],
    ]);
    expect(secretsStoreVolumes(taskRun({ workspaces: [{ name: 'w', csi: store() }] })).map((v) => v.property)).toEqual(['workspaces.w.csi']);
  });

  test('each volume says which variables are replaced in it: all of a task spec\'s, the params of a pod template, none of a binding', () => {
    expect(secretsStoreVolumes(pipelineRun({
      pipelineSpec: { tasks: [{ name: 't', taskSpec: { steps: [], volumes: [{ name: 'a', csi: store() }] } }] },
      taskRunTemplate: { podTemplate: { volumes: [{ name: 'p', csi: store() }] } },
      workspaces: [{ name: 'creds', csi: store() }],
    })).map((v) => [v.property, v.replaced])).toEqual([
      ['volumes.a.csi', 'task'],
      ['taskRunTemplate.podTemplate.volumes.p.csi', 'podTemplate'],
      ['workspaces.creds.csi', 'binding'],
    ]);
  });

  test('nothing in other kinds or without csi', () => {
    expect(secretsStoreVolumes({ kind: 'Pod', spec: { volumes: [{ name: 'a', csi: store() }] } })).toEqual([]);
    expect(secretsStoreVolumes(pipelineRun({ workspaces: [{ name: 'w', csi: null }] }))).toEqual([]);
    expect(secretsStoreVolumes(undefined)).toEqual([]);
    // a run of another API group is a custom resource, as a Task of one is
    const custom = { apiVersion: 'example.com/v1', kind: 'PipelineRun', spec: { workspaces: [{ name: 'w', csi: store() }], taskRunTemplate: { podTemplate: { volumes: [{ name: 'v', csi: store() }] } } } };
    expect(secretsStoreVolumes(custom)).toEqual([]);
    expect(secretsStoreVolumes({ ...custom, apiVersion: 'tekton.dev/v1beta1' }).map((v) => v.property)).toEqual(['taskRunTemplate.podTemplate.volumes.v.csi', 'workspaces.w.csi']);
  });
});

describe('volumeParamReader and expansions: what a volume\'s $(params.<name>) may become', () => {
  const FLAGS = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'feature-flags', namespace: 'tekton-pipelines' }, data: { 'enable-param-enum': 'true' } };
  const ENUM = "a value of its enum, which Tekton checks the run's value against";

  test('a task spec\'s volume: the enum\'s values with enable-param-enum on; in a pipeline task\'s spec only where the pipeline task passes it', () => {
    const t = task({ params: [{ name: 'env', enum: ['dev', 'prod'] }, { name: 'free' }], volumes: [{ name: 'a', csi: store() }] });
    const [v] = secretsStoreVolumes(t);
    expect(volumeParamReader(t, v, [t])).toBeUndefined();
    const read = volumeParamReader(t, v, [t, FLAGS])!;
    expect([read('env'), read('free'), read('none')]).toEqual([{ values: ['dev', 'prod'], why: ENUM }, undefined, undefined]);
    const replacing = { replaced: v.replaced, params: read };
    expect(expansions('secret/$(params.env)/$(params.env)-$(context.taskRun.name)', replacing)).toEqual([
      { text: 'secret/dev/dev-$(context.taskRun.name)', note: `$(params.env) "dev" (${ENUM})` },
      { text: 'secret/prod/prod-$(context.taskRun.name)', note: `$(params.env) "prod" (${ENUM})` },
    ]);
    // another variable of any value: none written out, and that one is the variable chosen
    expect(expansions('$(params.env)-$(params.free)', replacing)).toBeUndefined();
    expect(chosenVariable('$(params.env)-$(params.free)', replacing)?.text).toBe('$(params.free)');
    expect(chosenVariable('$(params.env)', replacing)).toBeUndefined();
    const spec = { steps: [], params: [{ name: 'env', enum: ['dev'] }], volumes: [{ name: 'a', csi: store() }] };
    const run = pipelineRun({ pipelineSpec: { tasks: [{ name: 'b', taskSpec: spec }, { name: 'c', taskSpec: spec, params: [{ name: 'env', value: 'dev' }] }] } });
    expect(secretsStoreVolumes(run).map((w) => volumeParamReader(run, w, [run, FLAGS])!('env'))).toEqual([undefined, { values: ['dev'], why: ENUM }]);
  });

  test('a pod template\'s volume: kept where no TaskRun may have the param, the TaskRun\'s value, its task\'s enum with the flag on', () => {
    const podTemplate = { volumes: [{ name: 'p', csi: store() }] };
    const run = {
      apiVersion: 'tekton.dev/v1',
      kind: 'TaskRun',
      metadata: { name: 'r', namespace: 'ci' },
      spec: {
        taskSpec: { steps: [], params: [{ name: 'dflt', default: 'd', enum: ['d', 'e'] }] },
        params: [{ name: 'given', value: 'x' }, { name: 'chosen', value: '$(tt.params.y)' }],
        podTemplate,
      },
    };
    const [v] = secretsStoreVolumes(run);
    const read = volumeParamReader(run, v, [run])!;
    expect([read('given'), read('chosen'), read('dflt'), read('none')]).toEqual([{ values: ['x'], why: "the TaskRun's value" }, undefined, undefined, 'kept']);
    expect(volumeParamReader(run, v, [run, FLAGS])!('dflt')).toEqual({ values: ['d', 'e'], why: "a value of its task's enum, which Tekton checks the TaskRun's value against" });
    // a Task not among the objects may give any param a default; a PipelineRun's unknown pipeline may pass any
    const byRef = taskRun({ podTemplate });
    expect(volumeParamReader(byRef, secretsStoreVolumes(byRef)[0], [byRef])!('none')).toBeUndefined();
    const pr = pipelineRun({ taskRunTemplate: { podTemplate } });
    expect(volumeParamReader(pr, secretsStoreVolumes(pr)[0], [pr])).toBeUndefined();
    // one whose pipeline is embedded: kept where no pipeline task passes it (nor has a task spec giving a default)
    const embedded = pipelineRun({ taskRunTemplate: { podTemplate }, pipelineSpec: { tasks: [{ name: 'b', taskSpec: { steps: [] }, params: [{ name: 'p', value: 'v' }] }] } });
    const readEmbedded = volumeParamReader(embedded, secretsStoreVolumes(embedded)[0], [embedded])!;
    expect([readEmbedded('p'), readEmbedded('q')]).toEqual([undefined, 'kept']);
  });
});

describe('podSecretsStoreVolumes', () => {
  const volumes = [{ name: 'a', csi: store() }, { name: 'b', csi: { driver: 'csi.cert-manager.io' } }];

  test('the pod spec of a Pod, a workload\'s pod template and a CronJob\'s, with the path of each', () => {
    const read = (m: any) => podSecretsStoreVolumes(m).map((v) => [v.property, v.location, v.target, v.replaced]);
    expect(read({ apiVersion: 'v1', kind: 'Pod', spec: { volumes } })).toEqual([['spec.volumes.a.csi', undefined, undefined, 'workload']]);
    for (const [apiVersion, kind] of [['apps/v1', 'Deployment'], ['apps/v1', 'StatefulSet'], ['apps/v1', 'DaemonSet'], ['apps/v1', 'ReplicaSet'],
      ['v1', 'ReplicationController'], ['batch/v1', 'Job'], ['extensions/v1beta1', 'Deployment'], [undefined, 'Job']]) {
      expect(read({ apiVersion, kind, spec: { template: { spec: { volumes } } } })).toEqual([['spec.template.spec.volumes.a.csi', undefined, undefined, 'workload']]);
    }
    expect(read({ apiVersion: 'batch/v1', kind: 'CronJob', spec: { jobTemplate: { spec: { template: { spec: { volumes } } } } } }))
      .toEqual([['spec.jobTemplate.spec.template.spec.volumes.a.csi', undefined, undefined, 'workload']]);
  });

  test('a Tekton object as secretsStoreVolumes reads it; a kind of the same name in another group, or no pod spec, has none', () => {
    const run = pipelineRun({ workspaces: [{ name: 'creds', csi: store() }] });
    expect(podSecretsStoreVolumes(run)).toEqual(secretsStoreVolumes(run));
    expect(podSecretsStoreVolumes({ apiVersion: 'example.com/v1', kind: 'Deployment', spec: { template: { spec: { volumes } } } })).toEqual([]);
    expect(podSecretsStoreVolumes({ apiVersion: 'apps/v1', kind: 'Job', spec: { template: { spec: { volumes } } } })).toEqual([]);
    expect(podSecretsStoreVolumes({ apiVersion: 'apps/v1', kind: 'Deployment', spec: {} })).toEqual([]);
    expect(podSecretsStoreVolumes({ apiVersion: 'v1', kind: 'ConfigMap', data: {} })).toEqual([]);
    expect(podSecretsStoreVolumes({ apiVersion: 'apps/v1', kind: 'hasOwnProperty', spec: { template: { spec: { volumes } } } })).toEqual([]);
  });
});

describe('overridingAttributes', () => {
  test('every attribute but secretProviderClass', () => {
    expect(overridingAttributes(store({ roleName: 'r', vaultSkipTLSVerify: 'true' }))).toEqual([['roleName', 'r'], ['vaultSkipTLSVerify', 'true']]);
    expect(overridingAttributes(store())).toEqual([]);
    expect(overridingAttributes({ driver: 'secrets-store.csi.k8s.io' })).toEqual([]);
    expect(overridingAttributes({ driver: 'secrets-store.csi.k8s.io', volumeAttributes: ['x'] })).toEqual([]);
  });
});

describe('objectsRefusal', () => {
  test('text gopkg.in/yaml.v3 decodes into the providers\' objects is read', () => {
    expect(objectsRefusal('- objectName: a\n  secretPath: s\n  secretArgs: {x: 1}\n  method: GET\n')).toBeUndefined();
    expect(objectsRefusal('')).toBeUndefined();
    expect(objectsRefusal('- objectName: 1\n  secretPath: s\n- null\n')).toBeUndefined();
    expect(objectsRefusal('- objectName: a\n- objectName: a\n')).toBeUndefined();
    // a key of no field of Secret: yaml.v3 never decodes its value, nor checks its keys
    expect(objectsRefusal('- a: {k: 1, k: 2}\n')).toBeUndefined();
  });

  test('a key twice in one mapping, no list of mappings, a collection for a string, a secretArgs that is no mapping', () => {
    expect(objectsRefusal('- objectName: a\n  objectName: b\n')).toBe('writes a key twice in one mapping (line 2), which gopkg.in/yaml.v3 refuses ("mapping key … already defined")');
    expect(objectsRefusal('- secretArgs: {k: 1, k: 2}\n')).toBe('writes a key twice in one mapping (line 1), which gopkg.in/yaml.v3 refuses ("mapping key … already defined")');
    const notList = 'is not a YAML list of mappings (gopkg.in/yaml.v3 cannot decode it into the provider\'s list of objects)';
    expect(objectsRefusal('objectName: a\n')).toBe(notList);
    expect(objectsRefusal('- [a]\n')).toBe(notList);
    expect(objectsRefusal('- objectName: a\n  method: [GET]\n')).toBe('gives entry 0 a list or mapping as its method (gopkg.in/yaml.v3 decodes it into a string only from a scalar)');
    expect(objectsRefusal('- objectName: a\n  secretArgs: x\n')).toBe('gives entry 0 a secretArgs that is no mapping (gopkg.in/yaml.v3 decodes it into a map only from a mapping)');
  });
});

describe('fileModeRefusal and writtenValue', () => {
  test('what gopkg.in/yaml.v3 decodes into an os.FileMode (a uint32): unset, null, 0 to 2^32-1 with a fraction dropped', () => {
    for (const v of [undefined, null, 0, -0.5, 0o644, 420.9, 0xffffffff, 0xffffffff + 0.5]) expect(fileModeRefusal(v)).toBeUndefined();
    expect(fileModeRefusal(-1)).toBe('is negative');
    expect(fileModeRefusal(2 ** 32)).toBe('is larger than 4294967295 (0o37777777777)');
    expect(fileModeRefusal(Infinity)).toBe('is not a finite number');
    expect(fileModeRefusal(NaN)).toBe('is not a finite number');
    expect(fileModeRefusal('0644')).toBe('is a string, not a number');
    expect(fileModeRefusal(true)).toBe('is a boolean, not a number');
    expect(fileModeRefusal([420])).toBe('is a list, not a number');
    expect(fileModeRefusal({ a: 1 })).toBe('is a mapping, not a number');
  });

  test('a value of an entry as written; undefined when the entry does not write it', () => {
    const text = '- {objectName: a, filePermission: 0o640}\n- objectName: b\n  filePermission: "0644"  # quoted\n- <<: {filePermission: 0640}\n- filePermission: [1]\n';
    expect([0, 1, 2, 3, 4].map((i) => writtenValue(text, i, 'filePermission'))).toEqual(['0o640', '"0644"', undefined, '[1]', undefined]);
    expect(writtenValue('objectName: a\n', 0, 'objectName')).toBeUndefined();
  });
});

describe('isApiServerAudience', () => {
  test.each([
    'https://kubernetes.default.svc.cluster.local', 'https://kubernetes.default.svc', 'kubernetes.default.svc', 'kubernetes.default',
    'https://KUBERNETES.default.svc.cluster.local:443/', 'kubernetes', 'https://container.googleapis.com/v1/projects/p/zones/europe-west1-b/clusters/c',
    'https://oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789', 'https://westeurope.oic.prod-aks.azure.com/t/c/',
    // the host as a fully qualified name
    'kubernetes.default.svc.',
  ])('the API server\'s by default: %s', (audience) => {
    expect(isApiServerAudience(audience)).toBe(true);
  });

  test.each(['vault', 'openbao', 'https://vault.example.com', ' kubernetes', 'kubernetes-vault', 'https://kubernetes.example.com', ''])('a dedicated one: %j', (audience) => {
    expect(isApiServerAudience(audience)).toBe(false);
  });
});

describe('fileRefusal', () => {
  test.each([
    ['/a', 'is an absolute path ("invalid path: must be relative path")'],
    ['a/../b', 'has a \'..\' element ("invalid path: must not contain \'..\'")'],
    ['..', 'has a \'..\' element ("invalid path: must not contain \'..\'")'],
    ['..x', 'starts with \'..\', which the driver keeps for its own files ("invalid path: must not start with \'..\'")'],
    ['a/', 'is not written as Go\'s filepath.Clean writes it, "a" ("invalid filepath")'],
    ['./a', 'is not written as Go\'s filepath.Clean writes it, "a" ("invalid filepath")'],
    ['a/./b', 'is not written as Go\'s filepath.Clean writes it, "a/b" ("invalid filepath")'],
    ['é'.repeat(128), 'has a name longer than 255 bytes ("invalid path: filenames must be less than or equal to 255 characters")'],
    [`${'a/'.repeat(2048)}b`, 'is longer than 4096 bytes ("invalid path: must be less than or equal to 4096 characters")'],
  ])('the driver refuses %j', (name, why) => {
    expect(fileRefusal(name)).toBe(why);
  });

  test.each(['password', 'dir/file', '.hidden', 'a..b', 'x'.repeat(255), 'é'.repeat(127)])('the driver writes %j', (name) => {
    expect(fileRefusal(name)).toBeUndefined();
  });
});

describe('vaultRequestPath', () => {
  test.each([
    ['', '/v1'], ['/', '/v1'], ['v1/', '/v1'], ['/v1/', '/v1'], ['?version=1', '/v1'], ['secret/..', '/v1'], ['/v1/../..', '/'], ['../sys/health', '/sys/health'],
    ['  ', '/v1/  '],
  ])('%j reaches %s, no secret path', (secretPath, requested) => {
    expect(vaultRequestPath(secretPath)).toBe(requested);
  });

  test.each(['secret/data/a', '/secret/data/a', 'v1/secret/data/a', '/v1/secret/data/a?version=2', 'secret//data/a', '/v1'])('%j names a path under /v1/', (secretPath) => {
    expect(vaultRequestPath(secretPath)).toBeUndefined();
  });
});

describeWithOperatorConfigMaps("podSecretsStoreProblems: config-defaults' default-pod-template as the Tekton operator's apply leaves it", () => {
  const template = 'volumes:\n- name: v\n  csi: {driver: secrets-store.csi.k8s.io, readOnly: true, volumeAttributes: {secretProviderClass: c, roleName: admin}}\n';
  const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data: { 'default-pod-template': template } };
  const config = (pipeline: Record<string, unknown>) => ({ apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonConfig', metadata: { name: 'config' }, spec: { targetNamespace: 'tekton-pipelines', pipeline } });
  const judge = (m: any, ...manifests: any[]) => podSecretsStoreProblems(m, manifests, (v) => [{ problem: `${v.property} mounts '${v.csi.volumeAttributes.roleName}'` }]);

  test("the ConfigMap's template stays where kubectl apply did not create it, and the catalogue names that reading", () => {
    const answers = [true, false].map((kubectlApplied) => operatorObjectsAppliedOver([config({})], [cm], kubectlApplied)[0].applied!['config-defaults']);
    // the operator writes no template: kubectl's last-applied keys are removed, those of a ConfigMap created otherwise stay
    expect(answers.map((data) => data['default-pod-template'])).toEqual([undefined, template]);
    expect(judge(cm, config({}), cm)).toEqual([{
      problem: "data['default-pod-template'].volumes.v.csi mounts 'admin' (reading config-defaults with data['default-pod-template'] that ConfigMap "
        + "'config-defaults' in tekton-pipelines keeps beside what TektonConfig 'config' writes, unless kubectl apply created it)",
    }]);
  }, 120_000);

  test("a template the operator writes is the cluster's in every reading: the ConfigMap's is not judged, the operator's is, unnamed", () => {
    const own = config({ 'default-pod-template': template.replace('admin', 'operator') });
    const answers = [true, false].map((kubectlApplied) => operatorObjectsAppliedOver([own], [cm], kubectlApplied)[0].applied!['config-defaults']);
    expect(answers.map((data) => data['default-pod-template'])).toEqual([own.spec.pipeline['default-pod-template'], own.spec.pipeline['default-pod-template']]);
    expect(judge(cm, own, cm)).toEqual([]);
    expect(judge(own, own, cm)).toEqual([{ problem: "spec.pipeline['default-pod-template'].volumes.v.csi mounts 'operator'" }]);
  }, 120_000);
});
