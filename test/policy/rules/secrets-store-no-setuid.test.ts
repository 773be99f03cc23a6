import { configDefaultsWithTemplate, describeRule, KEPT_TEMPLATE_READING, operatorPipelineConfig } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { SECRETS_STORE_NO_SETUID } from '../../../src/policy/rules/secrets-store-no-setuid';

/** A SecretProviderClass `tools` of `provider` whose one object `run` has this `filePermission` as written. */
function spc(mode: string, provider = 'vault'): any {
  return {
    apiVersion: 'secrets-store.csi.x-k8s.io/v1',
    kind: 'SecretProviderClass',
    metadata: { name: 'tools', namespace: 'ci' },
    spec: {
      provider,
      parameters: {
        vaultAddress: 'https://vault.example.com',
        roleName: 'ci',
        audience: 'vault',
        objects: `- objectName: run\n  secretPath: secret/data/tools\n  secretKey: bin\n  filePermission: ${mode}\n`,
      },
    },
  };
}

// the decoded mode, and the bit of each flag it holds (not the mode, as the flag's value)
const problem = (octal: string, go = 'os.ModeSetuid (0o40000000)', unix = 'S_ISUID', gives = 'setuid') => `is the mode 0o${octal}, which holds Go's ${go}: the provider hands it to the `
  + `Secrets Store CSI driver as the file's mode, and the driver's os.Chmod sets ${unix} on a file it owns as root, on a tmpfs it mounts without nosuid, `
  + `so the object's content runs ${gives} root for any user of every pod that mounts the volume, wherever a container may gain privileges `
  + '(allowPrivilegeEscalation not false): whoever writes the secret in Vault chooses that program';

describe('SECRETS_STORE_NO_SETUID', () => {
  describeRule(SECRETS_STORE_NO_SETUID, RuleId.SECRETS_STORE_NO_SETUID, Severity.MEDIUM, true);

  test('non-compliant: Go\'s setuid flag in an object\'s filePermission, with the exact finding', () => {
    const m = spc('0o40000755');
    expect(SECRETS_STORE_NO_SETUID.appliesTo(m)).toBe(true);
    expect(SECRETS_STORE_NO_SETUID.check(m)).toEqual([{
      rule: RuleId.SECRETS_STORE_NO_SETUID,
      kind: 'SecretProviderClass',
      name: 'tools',
      target: 'key/objects',
      property: 'parameters.objects[run].filePermission',
      value: '0o40000755',
      problem: problem('40000755'),
    }]);
    expect(SECRETS_STORE_NO_SETUID.fix).toBe('Leave filePermission out (the driver writes each file 0644) or give permission bits only, e.g. filePermission: 0440.');
  });

  test.each([
    ['8389101', '40000755', 'os.ModeSetuid (0o40000000)', 'S_ISUID', 'setuid'],
    ['0x4001ed', '20000755', 'os.ModeSetgid (0o20000000)', 'S_ISGID', 'setgid'],
    ['0o60000755', '60000755', 'os.ModeSetuid (0o40000000) and os.ModeSetgid (0o20000000)', 'S_ISUID and S_ISGID', 'setuid and setgid'],
    ['8389101.9', '40000755', 'os.ModeSetuid (0o40000000)', 'S_ISUID', 'setuid'],
  ])('non-compliant: %s, as yaml.v3 decodes it into os.FileMode', (mode, octal, go, unix, gives) => {
    expect(SECRETS_STORE_NO_SETUID.check(spc(mode)).map((f) => f.problem)).toEqual([problem(octal, go, unix, gives)]);
    expect(SECRETS_STORE_NO_SETUID.check(spc(mode, 'openbao')).map((f) => f.problem)).toEqual([problem(octal, go, unix, gives)]);
  });

  test('the mode is quoted as written (decimal, hex, octal), and in octal when the entry does not write it (a `<<` merges it in)', () => {
    expect(SECRETS_STORE_NO_SETUID.check(spc('8389101')).map((f) => f.value)).toEqual(['8389101']);
    expect(SECRETS_STORE_NO_SETUID.check(spc('0x4001ed')).map((f) => f.value)).toEqual(['0x4001ed']);
    expect(SECRETS_STORE_NO_SETUID.check(spc('040000755')).map((f) => f.value)).toEqual(['040000755']);
    const merged = spc('0');
    merged.spec.parameters.objects = '- &base {objectName: run, secretPath: secret/data/tools, filePermission: 0x8001ed}\n- <<: *base\n  objectName: two\n';
    expect(SECRETS_STORE_NO_SETUID.check(merged).map((f) => `${f.property} ${f.value}`)).toEqual([
      'parameters.objects[run].filePermission 0x8001ed',
      'parameters.objects[two].filePermission 0o40000755',
    ]);
    // a merged mode is read as yaml.v3 reads it: 040000755 octal (setuid), where YAML 1.2 reads decimal 40000755 (setgid)
    merged.spec.parameters.objects = '- &base {objectName: run, secretPath: secret/data/tools, filePermission: 040000755}\n- <<: *base\n  objectName: two\n';
    expect(SECRETS_STORE_NO_SETUID.check(merged).map((f) => `${f.property} ${f.value} ${f.problem.slice(0, 67)}`)).toEqual([
      'parameters.objects[run].filePermission 040000755 is the mode 0o40000755, which holds Go\'s os.ModeSetuid (0o40000000)',
      'parameters.objects[two].filePermission 0o40000755 is the mode 0o40000755, which holds Go\'s os.ModeSetuid (0o40000000)',
    ]);
  });

  test('objects read as gopkg.in/yaml.v3 decodes them into the providers\' Secret: the object named as written, a text it refuses fetches nothing', () => {
    const withObjects = (objects: string) => {
      const m = spc('0');
      m.spec.parameters.objects = objects;
      return SECRETS_STORE_NO_SETUID.check(m).map((f) => `${f.property} ${f.value}`);
    };
    expect(withObjects('- objectName: 0640\n  secretPath: secret/data/tools\n  filePermission: 0o40000755\n'))
      .toEqual(['parameters.objects[0640].filePermission 0o40000755']);
    // .inf and .nan are strings in string fields, floats in secretArgs
    expect(withObjects('- objectName: run\n  secretPath: secret/data/tools\n  secretKey: .nan\n  secretArgs: {ttl: .inf}\n  filePermission: 0o40000755\n'))
      .toEqual(['parameters.objects[run].filePermission 0o40000755']);
    // a list for a string field: yaml.v3 refuses the whole text, and the provider fetches nothing (SECRETS_STORE_MOUNTABLE's)
    expect(withObjects('- objectName: [run]\n  secretPath: secret/data/tools\n  filePermission: 0o40000755\n')).toEqual([]);
  });

  test.each([
    // Unix's own special bits: Go's os.Chmod keeps only the permission bits of them
    '04755', '02755', '06755', '0o4755', '01777',
    // world-writable: the kubelet mounts the volume read-only in every container
    '0777', '0666',
    // the provider refuses these (and the mount), or leaves the driver's 0644
    '"0o40000755"', '-8389101', '0', '~', '0x100000000',
    // Go's sticky flag means nothing on a file
    '0o4000644',
  ])('compliant: %s', (mode) => {
    expect(SECRETS_STORE_NO_SETUID.check(spc(mode))).toEqual([]);
  });

  test('non-compliant: an objects attribute of a CSI volume, which the driver copies over the class\'s', () => {
    const task = {
      apiVersion: 'tekton.dev/v1',
      kind: 'Task',
      metadata: { name: 't' },
      spec: {
        steps: [{ name: 's', image: 'x' }],
        volumes: [
          { name: 'v', csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'tools', objects: spc('0o40000755').spec.parameters.objects } } },
          { name: 'mock', csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { providerName: 'mock_provider', objects: spc('0o40000755').spec.parameters.objects } } },
        ],
      },
    };
    expect(SECRETS_STORE_NO_SETUID.check(task)).toEqual([{
      rule: RuleId.SECRETS_STORE_NO_SETUID,
      kind: 'Task',
      name: 't',
      property: 'volumes.v.csi.volumeAttributes.objects[run].filePermission',
      value: '0o40000755',
      problem: problem('40000755'),
      fix: 'Remove the objects attribute (leave only secretProviderClass in volumeAttributes) and give no object a filePermission beyond '
        + 'its permission bits in the SecretProviderClass (VaultSecretProviderClass writes none).',
    }]);
  });

  test('non-compliant: objects a run or an event fills in (a variable replaced before the provider reads the text), with the exact finding', () => {
    const chosen = (variable: string, by: string) => `holds ${variable}, ${by}: the provider reads the text with that value pasted in as YAML, so whoever `
      + 'gives it can set any object\'s filePermission, Go\'s os.ModeSetuid or os.ModeSetgid included, which the driver\'s os.Chmod turns into a setuid or '
      + 'setgid file owned by root, on a tmpfs it mounts without nosuid';
    const text = '- objectName: run\n  secretPath: secret/data/tools\n  secretKey: bin\n  filePermission: $(params.mode)\n';
    const task = {
      apiVersion: 'tekton.dev/v1',
      kind: 'Task',
      metadata: { name: 't' },
      spec: {
        params: [{ name: 'mode', default: '0o40000755' }],
        steps: [{ name: 's', image: 'x' }],
        volumes: [{ name: 'v', csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'tools', objects: text } } }],
      },
    };
    expect(SECRETS_STORE_NO_SETUID.check(task)).toEqual([{
      rule: RuleId.SECRETS_STORE_NO_SETUID,
      kind: 'Task',
      name: 't',
      property: 'volumes.v.csi.volumeAttributes.objects',
      value: text,
      problem: chosen('$(params.mode)', "which Tekton replaces with the param's value, which whoever runs the task gives (or a result another task passes), before it creates the pod"),
      fix: 'Remove the objects attribute (leave only secretProviderClass in volumeAttributes) and give no object a filePermission beyond '
        + 'its permission bits in the SecretProviderClass (VaultSecretProviderClass writes none).',
    }]);
    const template = spc('0440');
    template.spec.parameters.objects = template.spec.parameters.objects.replace('secret/data/tools', 'secret/data/$(tt.params.app)');
    expect(SECRETS_STORE_NO_SETUID.check(template)).toEqual([{
      rule: RuleId.SECRETS_STORE_NO_SETUID,
      kind: 'SecretProviderClass',
      name: 'tools',
      target: 'key/objects',
      property: 'parameters.objects',
      value: template.spec.parameters.objects,
      problem: chosen('$(tt.params.app)', "which Tekton Triggers replaces with the event's value when it creates the object"),
      fix: 'Write each object in the SecretProviderClass without variables, with permission bits only in its filePermission (or none).',
    }]);
    // a Tekton variable in a class, or a run's name in a task volume, is no value from outside
    expect(SECRETS_STORE_NO_SETUID.check(spc('$(params.mode)'))).toEqual([]);
    // with enable-param-enum on in the feature-flags checked with it, the param's enum values, each pasted and judged as written
    const FLAGS = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'feature-flags', namespace: 'tekton-pipelines' }, data: { 'enable-param-enum': 'true' } };
    const withEnum = (values: string[]) => ({ ...task, spec: { ...task.spec, params: [{ name: 'mode', default: values[0], enum: values }] } });
    const judged = (m: any) => SECRETS_STORE_NO_SETUID.check(m, { manifests: [m, FLAGS], credentialWorkspaces: () => [] } as any);
    expect(judged(withEnum(['0440', '0o400']))).toEqual([]);
    expect(judged(withEnum(['0440', '0o40000755'])).map((f) => [f.property, f.value, f.problem])).toEqual([[
      'volumes.v.csi.volumeAttributes.objects[run].filePermission', '0o40000755',
      `${problem('40000755')} (with $(params.mode) "0o40000755" (a value of its enum, which Tekton checks the run's value against))`,
    ]]);
    expect(judged(withEnum(['0440', '0o40000755'])).map((f) => f.fix)).toEqual(['Remove "0o40000755" from the enum of param mode (Tekton then refuses a run that gives it), '
      + 'or: remove the objects attribute (leave only secretProviderClass in volumeAttributes) and give no object a filePermission beyond its permission bits in the '
      + 'SecretProviderClass (VaultSecretProviderClass writes none).']);
  });

  test('not applicable: a class of another provider', () => {
    expect(SECRETS_STORE_NO_SETUID.appliesTo({ ...spc('0o40000755'), spec: { provider: 'aws', parameters: { objects: spc('0o40000755').spec.parameters.objects } } })).toBe(false);
  });
});

describe("SECRETS_STORE_NO_SETUID: config-defaults' default pod template beside a Tekton operator's object", () => {
  const template = 'volumes:\n- name: v\n  csi:\n    driver: secrets-store.csi.k8s.io\n    readOnly: true\n    volumeAttributes:\n      secretProviderClass: c\n'
    + '      objects: |\n        - objectName: run\n          secretPath: secret/data/tools\n          secretKey: bin\n          filePermission: 0o40000755\n';
  const cm = configDefaultsWithTemplate(template);
  const check = (m: any, ...manifests: any[]) => SECRETS_STORE_NO_SETUID.check(m, { manifests, credentialWorkspaces: () => [] } as any);

  test('the ConfigMap\'s template only in the reading that keeps it (the operator writes none), named; the operator\'s own in every reading, not named', () => {
    expect(check(cm, operatorPipelineConfig({}), cm)).toEqual([{
      rule: RuleId.SECRETS_STORE_NO_SETUID,
      kind: 'ConfigMap',
      name: 'config-defaults',
      property: "data['default-pod-template'].volumes.v.csi.volumeAttributes.objects[run].filePermission",
      value: '0o40000755',
      problem: ("is the mode 0o40000755, which holds Go's os.ModeSetuid (0o40000000): the provider hands it to the Secrets Store CSI driver as the file's mode, "
    + "and the driver's os.Chmod sets S_ISUID on a file it owns as root, on a tmpfs it mounts without nosuid, so the object's content runs setuid root "
    + 'for any user of every pod that mounts the volume, wherever a container may gain privileges (allowPrivilegeEscalation not false): whoever writes '
    + 'the secret in Vault chooses that program') + KEPT_TEMPLATE_READING,
      fix: ('Remove the objects attribute (leave only secretProviderClass in volumeAttributes) and give no object a filePermission beyond its permission '
        + 'bits in the SecretProviderClass (VaultSecretProviderClass writes none).'),
    }]);
    const own = operatorPipelineConfig({ 'default-pod-template': template });
    expect(check(own, own, cm).map((p) => [p.property, p.problem])).toEqual([
      ["spec.pipeline['default-pod-template'].volumes.v.csi.volumeAttributes.objects[run].filePermission", ("is the mode 0o40000755, which holds Go's os.ModeSetuid (0o40000000): the provider hands it to the Secrets Store CSI driver as the file's mode, "
    + "and the driver's os.Chmod sets S_ISUID on a file it owns as root, on a tmpfs it mounts without nosuid, so the object's content runs setuid root "
    + 'for any user of every pod that mounts the volume, wherever a container may gain privileges (allowPrivilegeEscalation not false): whoever writes '
    + 'the secret in Vault chooses that program')],
    ]);
  });

  test('compliant: a template the operator writes over in every reading reaches no pod', () => {
    expect(check(cm, operatorPipelineConfig({ 'default-pod-template': 'dnsPolicy: Default' }), cm)).toEqual([]);
  });
});
