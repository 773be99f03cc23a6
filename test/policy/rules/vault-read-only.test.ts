import { configDefaultsWithTemplate, describeRule, KEPT_TEMPLATE_READING, operatorPipelineConfig, pipelineRun } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { VAULT_READ_ONLY } from '../../../src/policy/rules/vault-read-only';

/** A SecretProviderClass `pki` of `provider` whose `objects` parameter is this text. */
function spc(objects: unknown, provider = 'vault'): any {
  return {
    apiVersion: 'secrets-store.csi.x-k8s.io/v1',
    kind: 'SecretProviderClass',
    metadata: { name: 'pki', namespace: 'ci' },
    spec: { provider, parameters: { vaultAddress: 'https://vault.example.com', roleName: 'ci', objects } },
  };
}

/** One object `cert` of path `secretPath` with these more lines. */
const object = (more: string, secretPath = 'pki/issue/web') => `- objectName: cert\n  secretPath: ${secretPath}\n${more}`;

const FIX = 'Leave method out of the object (the provider then reads it with GET), and write to Vault elsewhere with a token of its own '
  + '(a step that issues the certificate it needs).';
const VOLUME_FIX = 'Remove the objects attribute (leave only secretProviderClass in volumeAttributes) and read each object with GET in the '
  + 'SecretProviderClass (VaultSecretProviderClass writes no method).';
const writes = (method: string, op: string, body = '') => `makes the provider send a ${method} request for secretPath 'pki/issue/web'${body} each time a pod `
  + 'mounts the volume (and, with the driver\'s secret rotation on, every rotation interval while it runs): '
  + `Vault serves it as ${op}, a write done with the Vault role of every pod that mounts it, not a read`;
const NOT_READ = 'is not a method by which Vault reads (GET or LIST, matched as written, case included): the provider sends it as written, and Vault '
  + 'refuses it or answers with no secret, so the pod never starts';

describe('VAULT_READ_ONLY', () => {
  describeRule(VAULT_READ_ONLY, RuleId.VAULT_READ_ONLY, Severity.MEDIUM, true);

  test('non-compliant: a POST with a secretArgs body, with the exact finding', () => {
    const m = spc(object('  method: POST\n  secretArgs:\n    common_name: web.example.com\n'));
    expect(VAULT_READ_ONLY.appliesTo(m)).toBe(true);
    expect(VAULT_READ_ONLY.check(m)).toEqual([{
      rule: RuleId.VAULT_READ_ONLY,
      kind: 'SecretProviderClass',
      name: 'pki',
      target: 'key/objects',
      property: 'parameters.objects[cert].method',
      value: 'POST',
      problem: writes('POST', 'an update', ' with secretArgs as its body'),
    }]);
    expect(FIX).toBe(VAULT_READ_ONLY.fix);
  });

  test.each([
    ['PUT', 'an update'],
    ['PATCH', 'a patch'],
    ['DELETE', 'a delete'],
  ])('non-compliant: %s, which Vault serves as a write', (method, op) => {
    expect(VAULT_READ_ONLY.check(spc(object(`  method: ${method}\n`))).map((f) => [f.property, f.value, f.problem]))
      .toEqual([['parameters.objects[cert].method', method, writes(method, op)]]);
  });

  test.each(['post', 'Get', 'HEAD', 'OPTIONS', '"1"'])('non-compliant: %s, which Vault does not read with (it matches methods as written)', (method) => {
    expect(VAULT_READ_ONLY.check(spc(object(`  method: ${method}\n`))).map((f) => [f.property, f.value, f.problem]))
      .toEqual([['parameters.objects[cert].method', method.replace(/"/g, ''), NOT_READ]]);
  });

  test('non-compliant: merge keys read as yaml.v3 reads them (a key written in the mapping wins over a merged one, wherever the << stands)', () => {
    expect(VAULT_READ_ONLY.check(spc(object('  method: POST\n  <<: {method: GET}\n'))).map((f) => [f.property, f.value, f.problem]))
      .toEqual([['parameters.objects[cert].method', 'POST', writes('POST', 'an update')]]);
    // the first of a list of merged mappings wins
    expect(VAULT_READ_ONLY.check(spc(object('  <<: [{method: PUT}, {method: GET}]\n'))).map((f) => [f.property, f.value, f.problem]))
      .toEqual([['parameters.objects[cert].method', 'PUT', writes('PUT', 'an update')]]);
    expect(VAULT_READ_ONLY.check(spc(object('  method: GET\n  <<: {method: POST}\n')))).toEqual([]);
  });

  test('objects read as yaml.v3 decodes them into the providers\' Secret struct', () => {
    const found = (text: string) => VAULT_READ_ONLY.check(spc(text)).map((f) => [f.property, f.value]);
    // !!binary is base64-decoded into a string field, and into a key
    expect(found(object('  method: !!binary UE9TVA==\n'))).toEqual([['parameters.objects[cert].method', 'POST']]);
    expect(found(object('  !!binary bWV0aG9k: PUT\n'))).toEqual([['parameters.objects[cert].method', 'PUT']]);
    // a tag yaml.v3 does not resolve leaves the text: the method is the scalar as written
    expect(found(object('  method: !write POST\n'))).toEqual([['parameters.objects[cert].method', 'POST']]);
    // aliases, a JSON text (YAML's flow form), an escaped key
    expect(found('- {objectName: a, secretPath: x, note: &m POST}\n- {objectName: cert, secretPath: pki/issue/web, method: *m}\n'))
      .toEqual([['parameters.objects[cert].method', 'POST']]);
    expect(found('[{"objectName": "cert", "secretPath": "pki/issue/web", "met\\u0068od": "DELETE"}]')).toEqual([['parameters.objects[cert].method', 'DELETE']]);
    // only the first document is decoded
    expect(found('- {objectName: a, secretPath: x}\n---\n- {objectName: cert, secretPath: pki/issue/web, method: POST}\n')).toEqual([]);
    expect(found('---\n- {objectName: cert, secretPath: pki/issue/web, method: POST}\n---\n- {objectName: a, secretPath: x}\n'))
      .toEqual([['parameters.objects[cert].method', 'POST']]);
    // keys are matched as written: Method and METHOD are no field of the struct (the provider sends GET)
    expect(found(object('  Method: POST\n  METHOD: PUT\n'))).toEqual([]);
  });

  test('objects read as yaml.v3 decodes them into string fields: a scalar as written; a text it refuses fetches nothing', () => {
    const found = (text: string) => VAULT_READ_ONLY.check(spc(text)).map((f) => [f.property, f.value, f.problem === NOT_READ ? 'not read' : f.problem.slice(0, 30)]);
    // .inf, .nan and 0x1F are the text written, not numbers (and make the text no less readable)
    expect(found(object('  method: .inf\n  secretKey: .nan\n'))).toEqual([['parameters.objects[cert].method', '.inf', 'not read']]);
    expect(found('- objectName: 0x1F\n  secretPath: pki/issue/web\n  method: POST\n  encoding: .NaN\n'))
      .toEqual([['parameters.objects[0x1F].method', 'POST', 'makes the provider send a POST']]);
    // true and 1e3 are sent as written
    expect(found(object('  method: true\n'))).toEqual([['parameters.objects[cert].method', 'true', 'not read']]);
    expect(found(object('  method: 1e3\n'))).toEqual([['parameters.objects[cert].method', '1e3', 'not read']]);
    // a key of no field is never decoded: its mapping may write a key twice
    expect(found(object('  method: PUT\n  note: {a: 1, a: 2}\n'))).toEqual([['parameters.objects[cert].method', 'PUT', 'makes the provider send a PUT ']]);
    // yaml.v3 refuses these texts: the provider sends nothing (SECRETS_STORE_MOUNTABLE's)
    expect(found(object('  method: POST\n  secretKey: [a]\n'))).toEqual([]);
    expect(found(object('  method: POST\n  method: GET\n'))).toEqual([]);
    expect(found(object('  method: !!int POST\n'))).toEqual([]);
  });

  test('compliant: no method, an empty or null one (the provider sends GET), GET and LIST; a method of another provider\'s class is not read', () => {
    for (const more of ['', '  method: ""\n', '  method: null\n', '  method:\n', '  method: GET\n', '  method: LIST\n', '  method: GET\n  secretArgs: {a: b}\n']) {
      expect(VAULT_READ_ONLY.check(spc(object(more)))).toEqual([]);
    }
    expect(VAULT_READ_ONLY.check(spc(''))).toEqual([]);
    const azure = { ...spc(object('  method: POST\n')), spec: { provider: 'azure', parameters: { keyvaultName: 'kv', objects: object('  method: POST\n') } } };
    expect(VAULT_READ_ONLY.appliesTo(azure)).toBe(false);
    expect(VAULT_READ_ONLY.check(azure)).toEqual([]);
  });

  test('non-compliant: a class of a provider named as Vault\'s or OpenBao\'s (a second provider\'s socket), without any vault… parameter', () => {
    for (const provider of ['vault-east', 'hashicorp-vault', 'Vault', 'openbao-prod']) {
      const m = { ...spc(''), spec: { provider, parameters: { roleName: 'ci', objects: object('  method: POST\n', 'auth/token/create') } } };
      expect(VAULT_READ_ONLY.appliesTo(m)).toBe(true);
      expect(VAULT_READ_ONLY.check(m)).toEqual([{
        rule: RuleId.VAULT_READ_ONLY,
        kind: 'SecretProviderClass',
        name: 'pki',
        target: 'key/objects',
        property: 'parameters.objects[cert].method',
        value: 'POST',
        problem: writes('POST', 'an update').replace('pki/issue/web', 'auth/token/create'),
      }]);
    }
    // Azure Key Vault's objects (a mapping of an array of texts) name no method
    const azure = { ...spc(''), spec: { provider: 'azure-keyvault', parameters: { keyvaultName: 'kv', objects: 'array:\n  - |\n    objectName: db\n    objectType: secret\n' } } };
    expect(VAULT_READ_ONLY.check(azure)).toEqual([]);
  });

  test('an OpenBao class, an object without a name (by its index), several objects', () => {
    const text = '- secretPath: pki/issue/web\n  method: POST\n- objectName: ok\n  secretPath: secret/data/ok\n- objectName: gone\n  secretPath: secret/data/gone\n  method: DELETE\n';
    expect(VAULT_READ_ONLY.check(spc(text, 'openbao')).map((f) => [f.property, f.value])).toEqual([
      ['parameters.objects[0].method', 'POST'],
      ['parameters.objects[gone].method', 'DELETE'],
    ]);
  });

  test('a text that is no YAML list: a finding only when it names a method; a method the provider cannot decode makes it fetch nothing', () => {
    expect(VAULT_READ_ONLY.check(spc('- objectName: cert\n  method: POST\n  secretArgs: [unclosed\n'))).toEqual([{
      rule: RuleId.VAULT_READ_ONLY,
      kind: 'SecretProviderClass',
      name: 'pki',
      target: 'key/objects',
      property: 'parameters.objects',
      problem: 'cannot be read as a YAML list of objects, and names a method: whether an object is fetched with anything but GET is not known',
    }]);
    expect(VAULT_READ_ONLY.check(spc('objectName: cert\nsecretPath: x\n'))).toEqual([]);
    expect(VAULT_READ_ONLY.check(spc(object('  method: [POST]\n')))).toEqual([]);
  });

  test('non-compliant: an objects attribute of a Secrets Store CSI volume (it replaces the class\'s), in a Deployment or a run\'s binding', () => {
    const csi = { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'pki', objects: object('  method: POST\n') } };
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'ci' }, spec: { template: { spec: { volumes: [{ name: 's', csi }] } } } };
    expect(VAULT_READ_ONLY.appliesTo(deployment)).toBe(true);
    expect(VAULT_READ_ONLY.check(deployment)).toEqual([{
      rule: RuleId.VAULT_READ_ONLY,
      kind: 'Deployment',
      name: 'web',
      property: 'spec.template.spec.volumes.s.csi.volumeAttributes.objects[cert].method',
      value: 'POST',
      problem: writes('POST', 'an update'),
      fix: VOLUME_FIX,
    }]);
    expect(VAULT_READ_ONLY.check(pipelineRun({ workspaces: [{ name: 'creds', csi }] })).map((f) => [f.location, f.target, f.property])).toEqual([
      ["workspace 'creds'", 'workspace/creds', 'workspaces.creds.csi.volumeAttributes.objects[cert].method'],
    ]);
    expect(VAULT_READ_ONLY.appliesTo({ ...deployment, apiVersion: 'example.com/v1' })).toBe(false);
    // config-defaults' default pod template, merged into every run's
    const defaults = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' },
      data: { 'default-pod-template': `volumes:\n- name: s\n  csi: ${JSON.stringify(csi)}\n` },
    };
    expect(VAULT_READ_ONLY.check(defaults).map((f) => [f.property, f.value])).toEqual([
      ["data['default-pod-template'].volumes.s.csi.volumeAttributes.objects[cert].method", 'POST'],
    ]);
  });
});

describe('VAULT_READ_ONLY: the driver\'s mock_provider', () => {
  test('compliant: a volume of the driver\'s mock_provider, which it mounts empty without calling any provider', () => {
    const csi = { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { providerName: 'Mock_Provider', objects: object('  method: POST\n') } };
    expect(VAULT_READ_ONLY.check(pipelineRun({ workspaces: [{ name: 'creds', csi }] }))).toEqual([]);
  });
});

describe('VAULT_READ_ONLY: objects a run or an event fills in', () => {
  const chosen = (variable: string, by: string) => `holds ${variable}, ${by}: the provider reads the text with that value pasted in as YAML, so whoever `
    + 'gives it can set any object\'s method (a line such as "method: POST"), a write done with the Vault role of every pod that mounts the volume';
  const BY_TASK = "which Tekton replaces with the param's value, which whoever runs the task gives (or a result another task passes), before it creates the pod";
  const csi = (objects: string) => ({ driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'pki', objects } });
  const task = (...volumes: any[]) => ({
    apiVersion: 'tekton.dev/v1',
    kind: 'Task',
    metadata: { name: 't', namespace: 'ci' },
    spec: { params: [{ name: 'objects' }, { name: 'path' }, { name: 'method' }], steps: [{ name: 's', image: 'alpine' }], volumes },
  });

  test('non-compliant: a variable Tekton replaces in a task volume\'s objects, the whole text or a part of it, with the exact finding', () => {
    expect(VAULT_READ_ONLY.check(task({ name: 'v', csi: csi('$(params.objects)') }))).toEqual([{
      rule: RuleId.VAULT_READ_ONLY,
      kind: 'Task',
      name: 't',
      property: 'volumes.v.csi.volumeAttributes.objects',
      value: '$(params.objects)',
      problem: chosen('$(params.objects)', BY_TASK),
      fix: VOLUME_FIX,
    }]);
    // a value pasted into a secretPath can end the line and add a method; one pasted as the method is the method
    const part = object('  secretKey: k\n', 'secret/data/$(params.path)');
    expect(VAULT_READ_ONLY.check(task({ name: 'v', csi: csi(part) })).map((f) => [f.property, f.value, f.problem]))
      .toEqual([['volumes.v.csi.volumeAttributes.objects', part, chosen('$(params.path)', BY_TASK)]]);
    const method = object('  method: $(params.method)\n');
    expect(VAULT_READ_ONLY.check(task({ name: 'v', csi: csi(method) })).map((f) => [f.property, f.value, f.problem]))
      .toEqual([['volumes.v.csi.volumeAttributes.objects', method, chosen('$(params.method)', BY_TASK)]]);
    // a literal write beside it is reported too
    const both = `${object('  method: PUT\n')}- objectName: b\n  secretPath: secret/data/$(params.path)\n`;
    expect(VAULT_READ_ONLY.check(task({ name: 'v', csi: csi(both) })).map((f) => f.property)).toEqual([
      'volumes.v.csi.volumeAttributes.objects', 'volumes.v.csi.volumeAttributes.objects[cert].method',
    ]);
  });

  test('compliant: variables no caller chooses (the run\'s names), and variables where nothing replaces them (a run\'s binding)', () => {
    expect(VAULT_READ_ONLY.check(task({ name: 'v', csi: csi(object('  secretKey: k\n', 'secret/data/$(context.taskRun.namespace)')) }))).toEqual([]);
    expect(VAULT_READ_ONLY.check(pipelineRun({ workspaces: [{ name: 'creds', csi: csi(object('  secretKey: k\n', 'secret/data/$(params.path)')) }] }))).toEqual([]);
    // a Tekton variable in a class is no variable: nothing replaces it there; nor is a TriggerTemplate's param in brackets (Triggers
    // replaces `$(tt.params.<name>)` alone)
    expect(VAULT_READ_ONLY.check(spc(object('  secretKey: k\n', 'secret/data/$(params.path)')))).toEqual([]);
    expect(VAULT_READ_ONLY.check(spc(object('  secretKey: k\n', 'secret/data/$(tt.params["app"])')))).toEqual([]);
  });

  test('non-compliant: a TriggerTemplate\'s variable in a class it creates, with the exact finding', () => {
    const text = object('  secretKey: k\n', 'secret/data/$(tt.params.app)');
    expect(VAULT_READ_ONLY.check(spc(text))).toEqual([{
      rule: RuleId.VAULT_READ_ONLY,
      kind: 'SecretProviderClass',
      name: 'pki',
      target: 'key/objects',
      property: 'parameters.objects',
      value: text,
      problem: chosen('$(tt.params.app)', "which Tekton Triggers replaces with the event's value when it creates the object"),
      fix: 'Write each object in the SecretProviderClass without variables, and leave method out (the provider then reads it with GET).',
    }]);
  });
});

describe('VAULT_READ_ONLY: a param whose values are known (an enum Tekton checks, a TaskRun\'s value, none)', () => {
  const FLAGS = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'feature-flags', namespace: 'tekton-pipelines' }, data: { 'enable-param-enum': 'true' } };
  const OFF = { ...FLAGS, data: { 'enable-param-enum': 'false' } };
  const check = (m: any, ...more: any[]) => VAULT_READ_ONLY.check(m, { manifests: [m, ...more], credentialWorkspaces: () => [] } as any)
    .map((f) => [f.property, f.value, f.problem]);
  const csi = (objects: string) => ({ driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'pki', objects } });
  const method = object('  method: $(params.method)\n');
  const task = (values: string[]) => ({
    apiVersion: 'tekton.dev/v1',
    kind: 'Task',
    metadata: { name: 't', namespace: 'ci' },
    spec: { params: [{ name: 'method', enum: values, default: values[0] }], steps: [{ name: 's', image: 'alpine' }], volumes: [{ name: 'v', csi: csi(method) }] },
  });
  const ENUM = 'a value of its enum, which Tekton checks the run\'s value against';

  test('with enable-param-enum on, each value of the enum is pasted and judged as written', () => {
    expect(check(task(['GET', 'LIST']), FLAGS)).toEqual([]);
    expect(check(task(['GET', 'POST']), FLAGS)).toEqual([
      ['volumes.v.csi.volumeAttributes.objects[cert].method', 'POST', `${writes('POST', 'an update')} (with $(params.method) "POST" (${ENUM}))`],
    ]);
    // the fix removes the value from the enum first
    expect(VAULT_READ_ONLY.check(task(['GET', 'POST']), { manifests: [task(['GET', 'POST']), FLAGS], credentialWorkspaces: () => [] } as any).map((f) => f.fix)).toEqual([
      'Remove "POST" from the enum of param method (Tekton then refuses a run that gives it), or: remove the objects attribute (leave only secretProviderClass '
        + 'in volumeAttributes) and read each object with GET in the SecretProviderClass (VaultSecretProviderClass writes no method).',
    ]);
    // the flag off (or not known): Tekton checks no enum, any value
    const any = "holds $(params.method), which Tekton replaces with the param's value, which whoever runs the task gives (or a result another task passes), "
      + 'before it creates the pod: the provider reads the text with that value pasted in as YAML, so whoever gives it can set any object\'s method '
      + '(a line such as "method: POST"), a write done with the Vault role of every pod that mounts the volume';
    expect(check(task(['GET', 'LIST']), OFF)).toEqual([['volumes.v.csi.volumeAttributes.objects', method, any]]);
    expect(check(task(['GET', 'LIST']))).toEqual([['volumes.v.csi.volumeAttributes.objects', method, any]]);
  });

  test('a pod template\'s $(params.<name>): left as written where no TaskRun has the param, the TaskRun\'s own value, its task\'s enum', () => {
    const run = (params: any[], spec: any = { steps: [{ name: 's', image: 'alpine' }] }) => ({
      apiVersion: 'tekton.dev/v1',
      kind: 'TaskRun',
      metadata: { name: 'r', namespace: 'ci' },
      spec: { params, taskSpec: spec, podTemplate: { volumes: [{ name: 'v', csi: csi(method) }] } },
    });
    // no param, no default: Tekton leaves $(params.method) as written (and Vault refuses that method: SECRETS_STORE's concern)
    expect(check(run([]))).toEqual([['podTemplate.volumes.v.csi.volumeAttributes.objects[cert].method', '$(params.method)', NOT_READ]]);
    expect(check(run([{ name: 'method', value: 'GET' }]))).toEqual([]);
    expect(check(run([{ name: 'method', value: 'PUT' }]))).toEqual([[
      'podTemplate.volumes.v.csi.volumeAttributes.objects[cert].method', 'PUT', `${writes('PUT', 'an update')} (with $(params.method) "PUT" (the TaskRun's value))`,
    ]]);
    // a default of its task, bound by an enum with the flag on
    const spec = { params: [{ name: 'method', default: 'GET', enum: ['GET', 'LIST'] }], steps: [{ name: 's', image: 'alpine' }] };
    expect(check(run([], spec), FLAGS)).toEqual([]);
    expect(check(run([], spec)).map((f) => f[0])).toEqual(['podTemplate.volumes.v.csi.volumeAttributes.objects']);
  });
});

describe("VAULT_READ_ONLY: config-defaults' default pod template beside a Tekton operator's object", () => {
  const template = 'volumes:\n- name: v\n  csi:\n    driver: secrets-store.csi.k8s.io\n    readOnly: true\n    volumeAttributes:\n      secretProviderClass: c\n'
    + '      objects: |\n        - objectName: a\n          secretPath: p\n          secretKey: k\n          method: POST\n';
  const cm = configDefaultsWithTemplate(template);
  const check = (m: any, ...manifests: any[]) => VAULT_READ_ONLY.check(m, { manifests, credentialWorkspaces: () => [] } as any);

  test('the ConfigMap\'s template only in the reading that keeps it (the operator writes none), named; the operator\'s own in every reading, not named', () => {
    expect(check(cm, operatorPipelineConfig({}), cm)).toEqual([{
      rule: RuleId.VAULT_READ_ONLY,
      kind: 'ConfigMap',
      name: 'config-defaults',
      property: "data['default-pod-template'].volumes.v.csi.volumeAttributes.objects[a].method",
      value: 'POST',
      problem: ("makes the provider send a POST request for secretPath 'p' each time a pod mounts the volume (and, with the driver's secret rotation on, "
    + 'every rotation interval while it runs): Vault serves it as an update, a write done with the Vault role of every pod that mounts it, not a read') + KEPT_TEMPLATE_READING,
      fix: ('Remove the objects attribute (leave only secretProviderClass in volumeAttributes) and read each object with GET in the SecretProviderClass '
        + '(VaultSecretProviderClass writes no method).'),
    }]);
    const own = operatorPipelineConfig({ 'default-pod-template': template });
    expect(check(own, own, cm).map((p) => [p.property, p.problem])).toEqual([
      ["spec.pipeline['default-pod-template'].volumes.v.csi.volumeAttributes.objects[a].method", ("makes the provider send a POST request for secretPath 'p' each time a pod mounts the volume (and, with the driver's secret rotation on, "
    + 'every rotation interval while it runs): Vault serves it as an update, a write done with the Vault role of every pod that mounts it, not a read')],
    ]);
  });

  test('compliant: a template the operator writes over in every reading reaches no pod', () => {
    expect(check(cm, operatorPipelineConfig({ 'default-pod-template': 'dnsPolicy: Default' }), cm)).toEqual([]);
  });
});
