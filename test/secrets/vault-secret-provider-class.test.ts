import { ApiObject, Chart, JsonPatch, Size, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { parse } from 'yaml';
import {
  RelaxationTarget, RuleId, RunWorkspace, SecurePipeline, SecurePipelineRun, SecureTask, SyncedSecret, SyncedSecretType, TrustDomain,
  VaultSecretProviderClass, VaultSecretProviderClassProps,
} from '../../src';
import { vaultRequestPath } from '../../src/private/secrets-store';
import { only, step } from '../helpers/constructs';

const BASE: VaultSecretProviderClassProps = {
  vaultAddress: 'https://vault.example.com:8200',
  roleName: 'ci-push',
  objects: [{ objectName: 'config.json', secretPath: 'secret/data/ci/registry', secretKey: 'dockerconfigjson' }],
};

function spc(props: Partial<VaultSecretProviderClassProps> = {}, namespace = 'ci') {
  const c = new Chart(Testing.app(), 'test', { namespace });
  const s = new VaultSecretProviderClass(c, 'registry', { ...BASE, ...props });
  return { c, s };
}

describe('VaultSecretProviderClass defaults', () => {
  const { c } = spc();
  const m = only(c, 'SecretProviderClass');

  test('secrets-store.csi.x-k8s.io/v1 with the vault provider', () => {
    expect(m.apiVersion).toBe('secrets-store.csi.x-k8s.io/v1');
    expect(m.metadata).toEqual({ name: 'registry', namespace: 'ci' });
    expect(m.spec.provider).toBe('vault');
  });

  test('https address, TLS verification written explicitly on, role name', () => {
    expect(m.spec.parameters.vaultAddress).toBe('https://vault.example.com:8200');
    expect(m.spec.parameters.vaultSkipTLSVerify).toBe('false');
    expect(m.spec.parameters.roleName).toBe('ci-push');
  });

  test('objects serialized as the YAML string the provider expects', () => {
    expect(m.spec.parameters.objects).toBe(
      '- objectName: "config.json"\n  secretPath: "secret/data/ci/registry"\n  secretKey: "dockerconfigjson"\n',
    );
    expect(parse(m.spec.parameters.objects)).toEqual(BASE.objects);
  });

  test('the token the provider logs in with is of audience vault, not the API server\'s', () => {
    expect(m.spec.parameters.audience).toBe('vault');
  });

  test('no secretObjects unless asked', () => {
    expect(m.spec.secretObjects).toBeUndefined();
  });
});

describe('VaultSecretProviderClass options', () => {
  test('secretObjects sync a typed Secret from declared objects', () => {
    const { c, s } = spc({
      secretObjects: [{ secretName: 'registry-push', secretType: SyncedSecretType.DOCKER_CONFIG_JSON, data: [{ key: '.dockerconfigjson', objectName: 'config.json' }] }],
      vaultAuthMountPath: 'k8s-ci',
      vaultNamespace: 'team-a',
    });
    const m = only(c, 'SecretProviderClass');
    expect(m.spec.secretObjects).toEqual([{
      secretName: 'registry-push', type: 'kubernetes.io/dockerconfigjson', data: [{ key: '.dockerconfigjson', objectName: 'config.json' }],
    }]);
    expect(m.spec.parameters.vaultAuthMountPath).toBe('k8s-ci');
    expect(m.spec.parameters.vaultNamespace).toBe('team-a');
    expect(s.syncedSecrets.map((x) => x.secretName)).toEqual(['registry-push']);
  });

  test('a KV v2 path without /data/ gives a warning', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { s } = spc({ objects: [BASE.objects[0], { objectName: 'token', secretPath: 'secret/ci/token', secretKey: 'value' }] });
    expect(s.warnings).toEqual(['objects[1].secretPath "secret/ci/token" has no "/data/": a KV version 2 engine needs "<mount>/data/<path>".']);
    expect(warn).toHaveBeenCalledWith('[VaultSecretProviderClass test/registry] ' + s.warnings[0]);
    warn.mockRestore();
  });
});

describe('VaultSecretProviderClass refusals', () => {
  test('http address: the fix gives the https one', () => {
    expect(() => spc({ vaultAddress: 'http://vault:8200' })).toThrow(
      "VaultSecretProviderClass 'test/registry': vaultAddress \"http://vault:8200\" is not an https:// URL [VAULT_TLS]. Reach Vault over https: vaultAddress: 'https://vault:8200'"
      + ' (give vaultCACertPath for a private CA); this rule cannot be relaxed.',
    );
  });

  test.each([
    ['white space around it (Go finds no scheme)', ' https://vault.example.com', ": vaultAddress: 'https://vault.example.com'"],
    ['a trailing newline', 'https://vault.example.com\n', ": vaultAddress: 'https://vault.example.com'"],
    ['no // (Go reads an opaque URL without host)', 'https:vault.example.com', ": vaultAddress: 'https://vault.example.com'"],
    ['an upper-case HTTP scheme', 'HTTP://vault.example.com/it\'s', ": vaultAddress: 'https://vault.example.com/it\\'s'"],
    ['no host', 'https:///v1', ''],
    ['a unix socket', 'unix:///var/run/vault.sock', ''],
    ['no scheme', 'vault.example.com:8200', ''],
  ])('an address the provider does not read as https with a host: %s', (_, vaultAddress, suggestion) => {
    expect(() => spc({ vaultAddress })).toThrow(
      `VaultSecretProviderClass 'test/registry': vaultAddress ${JSON.stringify(vaultAddress)} is not an https:// URL [VAULT_TLS]. Reach Vault over https${suggestion}`
      + ' (give vaultCACertPath for a private CA); this rule cannot be relaxed.',
    );
  });

  test('an upper-case scheme is https to Go, and to the construct', () => {
    const { c } = spc({ vaultAddress: 'HTTPS://vault.example.com:8200' });
    expect(only(c, 'SecretProviderClass').spec.parameters.vaultAddress).toBe('HTTPS://vault.example.com:8200');
  });

  test('skip-TLS through an escape hatch as "1" or "T" (strconv.ParseBool) is refused at synth', () => {
    for (const value of ['1', 'T']) {
      const { c, s } = spc();
      s.apiObject.addJsonPatch(JsonPatch.replace('/spec/parameters/vaultSkipTLSVerify', value));
      expect(() => Testing.synth(c)).toThrow(`parameters.vaultSkipTLSVerify "${value}" turns TLS verification off [VAULT_TLS]`);
    }
  });

  test('skip-TLS through an escape hatch is refused at synth', () => {
    const { c, s } = spc();
    s.apiObject.addJsonPatch(JsonPatch.replace('/spec/parameters/vaultSkipTLSVerify', 'true'));
    expect(() => Testing.synth(c)).toThrow(
      "VaultSecretProviderClass 'test/registry': parameters.vaultSkipTLSVerify \"true\" turns TLS verification off [VAULT_TLS]. Use an https:// vaultAddress and leave vaultSkipTLSVerify \"false\" (give vaultCACertPath for a private CA); this rule cannot be relaxed.",
    );
  });

  test('an audience prop replaces the default; an empty one is refused [VAULT_TOKEN_AUDIENCE], and relaxable with a reason', () => {
    expect(only(spc({ audience: 'vault-ci' }).c, 'SecretProviderClass').spec.parameters.audience).toBe('vault-ci');
    expect(() => Testing.synth(spc({ audience: '' }).c)).toThrow(
      "VaultSecretProviderClass 'test/registry': audience \"\" is empty: the Vault CSI provider then logs in to Vault with a ServiceAccount token of the "
      + "API server's own audience, so Vault, and whoever reads the login on its way, can use the token against the Kubernetes API as the pod's "
      + "ServiceAccount until it expires. With an empty audience, the provider uses a token of audience 'vault' if the CSIDriver "
      + 'secrets-store.csi.k8s.io has the kubelet make one (spec.tokenRequests), and no CSIDriver checked with it does, so it requests a token with '
      + 'no audience, which the API server issues for its own [VAULT_TOKEN_AUDIENCE]. Leave audience out of the props (the construct then writes '
      + "audience: 'vault') or write one only Vault accepts, and give the Vault role the same audience "
      + '(vault write auth/kubernetes/role/<role> audience=vault …). Or relax VAULT_TOKEN_AUDIENCE with a reason in its props: relaxations: '
      + "[{ rule: RuleId.VAULT_TOKEN_AUDIENCE, target: 'key/audience', reason: '<why>' }].",
    );
    expect(() => Testing.synth(spc({ audience: 'https://kubernetes.default.svc' }).c)).toThrow(/audience "https:\/\/kubernetes.default.svc" is the API server's own audience/);
    const relaxed = spc({ audience: '', relaxations: [{ rule: RuleId.VAULT_TOKEN_AUDIENCE, reason: 'the Vault role predates audiences', target: RelaxationTarget.configKey('audience') }] });
    expect(only(relaxed.c, 'SecretProviderClass').spec.parameters.audience).toBe('');
  });

  test('a cloud token exchange\'s audience is refused [VAULT_TOKEN_AUDIENCE], and relaxable with a reason', () => {
    expect(() => Testing.synth(spc({ audience: 'sts.amazonaws.com' }).c)).toThrow(
      "VaultSecretProviderClass 'test/registry': audience \"sts.amazonaws.com\" is the audience AWS STS accepts for EKS IAM roles for service accounts: "
      + "where the pod's ServiceAccount is federated with that cloud, Vault, and whoever reads the login on its way, can exchange the token the provider "
      + "logs in with for the cloud credentials of the ServiceAccount's role until it expires [VAULT_TOKEN_AUDIENCE]. Leave audience out of the props "
      + "(the construct then writes audience: 'vault') or write one only Vault accepts, and give the Vault role the same audience "
      + '(vault write auth/kubernetes/role/<role> audience=vault …). Or relax VAULT_TOKEN_AUDIENCE with a reason in its props: relaxations: '
      + "[{ rule: RuleId.VAULT_TOKEN_AUDIENCE, target: 'key/audience', reason: '<why>' }].",
    );
    expect(() => Testing.synth(spc({ audience: 'api://AzureADTokenExchange' }).c)).toThrow(
      /audience "api:\/\/AzureADTokenExchange" is the audience Microsoft Entra workload identity accepts: /);
    const relaxed = spc({
      audience: 'sts.amazonaws.com',
      relaxations: [{ rule: RuleId.VAULT_TOKEN_AUDIENCE, reason: 'the ServiceAccount is federated with no AWS role', target: RelaxationTarget.configKey('audience') }],
    });
    expect(only(relaxed.c, 'SecretProviderClass').spec.parameters.audience).toBe('sts.amazonaws.com');
  });

  test('a setuid object written through an escape hatch is refused at synth [SECRETS_STORE_NO_SETUID]', () => {
    const { c, s } = spc();
    s.apiObject.addJsonPatch(JsonPatch.replace('/spec/parameters/objects', '- objectName: run\n  secretPath: secret/data/tools\n  secretKey: bin\n  filePermission: 0o40000755\n'));
    expect(() => Testing.synth(c)).toThrow(
      "VaultSecretProviderClass 'test/registry': parameters.objects[run].filePermission \"0o40000755\" is the mode 0o40000755, which holds Go's os.ModeSetuid (0o40000000): the provider "
      + "hands it to the Secrets Store CSI driver as the file's mode, and the driver's os.Chmod sets S_ISUID on a file it owns as root, on a tmpfs it "
      + "mounts without nosuid, so the object's content runs setuid root for any user of every pod that mounts the volume, wherever a container may "
      + 'gain privileges (allowPrivilegeEscalation not false): whoever writes the secret in Vault chooses that program [SECRETS_STORE_NO_SETUID]. '
      + 'Leave filePermission out (the driver writes each file 0644) or give permission bits only, e.g. filePermission: 0440. Or relax '
      + "SECRETS_STORE_NO_SETUID with a reason in its props: relaxations: [{ rule: RuleId.SECRETS_STORE_NO_SETUID, target: 'key/objects', reason: '<why>' }].",
    );
  });

  test('a secretPath that reaches the root of Vault\'s API is refused [VALID_SPEC]', () => {
    expect(() => spc({ objects: [{ ...BASE.objects[0], secretPath: '/v1/?version=2' }] })).toThrow(
      "VaultSecretProviderClass 'test/registry': objects[0].secretPath \"/v1/?version=2\" makes the provider request /v1 (it prefixes /v1/ and its Vault "
      + "client joins the path as Go's path.Join does, the query aside), the root of Vault's API or outside it: Vault serves no secret there, and the Vault "
      + "CSI provider fails the mount, so the pod never starts [VALID_SPEC]. Give the Vault path of the secret, e.g. secretPath: 'secret/data/ci/config.json'.",
    );
    expect(() => spc({ objects: [{ ...BASE.objects[0], secretPath: '/v1/secret/data/ci/registry?version=2' }] })).not.toThrow();
  });

  test('objects are only read: no prop writes a method, one given past the types (from JavaScript) is not written', () => {
    const { c } = spc({ objects: [{ ...BASE.objects[0], method: 'POST', secretArgs: { common_name: 'x' } } as any] });
    const m = only(c, 'SecretProviderClass');
    expect(parse(m.spec.parameters.objects)).toEqual(BASE.objects);
    expect(() => Testing.synth(c)).not.toThrow();
  });

  test('a POST object written through an escape hatch is refused at synth [VAULT_READ_ONLY], and relaxable with a reason', () => {
    const objects = '- objectName: cert\n  secretPath: pki/issue/web\n  method: POST\n  secretArgs:\n    common_name: web.example.com\n';
    const { c, s } = spc();
    s.apiObject.addJsonPatch(JsonPatch.replace('/spec/parameters/objects', objects));
    expect(() => Testing.synth(c)).toThrow(
      "VaultSecretProviderClass 'test/registry': parameters.objects[cert].method \"POST\" makes the provider send a POST request for secretPath "
      + "'pki/issue/web' with secretArgs as its body each time a pod mounts the volume (and, with the driver's secret rotation on, every rotation interval while it runs): Vault serves it as an update, a write done with the Vault "
      + 'role of every pod that mounts it, not a read [VAULT_READ_ONLY]. Leave method out of the object (the provider then reads it with GET), and '
      + 'write to Vault elsewhere with a token of its own (a step that issues the certificate it needs). Or relax VAULT_READ_ONLY with a reason in its '
      + "props: relaxations: [{ rule: RuleId.VAULT_READ_ONLY, target: 'key/objects', reason: '<why>' }].",
    );
    const relaxed = spc({ relaxations: [{ rule: RuleId.VAULT_READ_ONLY, reason: 'issues the web certificate for each pod', target: RelaxationTarget.configKey('objects') }] });
    relaxed.s.apiObject.addJsonPatch(JsonPatch.replace('/spec/parameters/objects', objects));
    const written = only(relaxed.c, 'SecretProviderClass');
    expect(written.spec.parameters.objects).toBe(objects);
    expect(written.metadata.annotations['secure-tekton/relax.VAULT_READ_ONLY']).toBe('key/objects: issues the web certificate for each pod');
  });

  test('a NO_SECRET_MATERIAL finding on a parameter is relaxed by a relaxation that targets its key', () => {
    const relaxation = { rule: RuleId.NO_SECRET_MATERIAL, reason: 'a throwaway lab Vault whose password is public', target: RelaxationTarget.configKey('vaultAddress') };
    const { c } = spc({ vaultAddress: 'https://ci:Zq3kQ9mW2pLx7Rt5Yb8N@vault.example.com', relaxations: [relaxation] });
    expect(only(c, 'SecretProviderClass').metadata.annotations['secure-tekton/relax.NO_SECRET_MATERIAL']).toBe('key/vaultAddress: a throwaway lab Vault whose password is public');
  });

  test('a password in the address is refused at synth, as the prop, without quoting it', () => {
    const { c } = spc({ vaultAddress: 'https://ci:Zq3kQ9mW2pLx7Rt5Yb8N@vault.example.com' });
    expect(() => Testing.synth(c)).toThrow(
      "VaultSecretProviderClass 'test/registry': vaultAddress holds a URL with a password [NO_SECRET_MATERIAL]. Keep the value in Vault (or a Secret) and reference it:"
      + ' a SecretProviderClass names where secrets are, never what they are.',
    );
    expect(() => Testing.synth(c)).not.toThrow(/Zq3k/);
  });

  test('empty role name', () => {
    expect(() => spc({ roleName: ' ' })).toThrow(
      "VaultSecretProviderClass 'test/registry': roleName \" \" is empty [VALID_SPEC]. Name the Vault Kubernetes-auth role the run logs in as.",
    );
  });

  test('a role name no Vault role can have (Vault\'s GenericNameRegex): the login finds no role and the pod never starts', () => {
    const problem = 'is not a name a Vault role can have (letters, digits, "_", "-" and ".", beginning and ending with a letter, digit or "_"): '
      + 'the provider logs in with it as written, Vault finds no such role, and the pod never starts [VALID_NAME]';
    expect(() => spc({ roleName: 'ci-push\n' })).toThrow(
      `VaultSecretProviderClass 'test/registry': roleName "ci-push\\n" ${problem}. Give the role's name as vault list auth/kubernetes/role lists it: roleName: 'ci-push'.`,
    );
    expect(() => spc({ roleName: 'ci push' })).toThrow(
      `VaultSecretProviderClass 'test/registry': roleName "ci push" ${problem}. Give the role's name as vault list auth/kubernetes/role lists it.`,
    );
    for (const bad of ['-ci', 'ci.', 'ci/push', 'rôle']) expect(() => spc({ roleName: bad })).toThrow(/roleName .* is not a name a Vault role can have/);
    for (const good of ['c', 'CI_push', 'ci.push-2', '_x_']) expect(() => spc({ roleName: good })).not.toThrow();
  });

  test('both mount paths', () => {
    expect(() => spc({ vaultKubernetesMountPath: 'kubernetes', vaultAuthMountPath: 'auth/kubernetes' })).toThrow(
      "VaultSecretProviderClass 'test/registry': vaultAuthMountPath \"auth/kubernetes\" is set together with vaultKubernetesMountPath: the Vault CSI provider refuses the mount (\"cannot set both vaultKubernetesMountPath and vaultAuthMountPath\"), so the pod never starts [VALID_SPEC]. Set one of them: vaultAuthMountPath on provider versions that support it, vaultKubernetesMountPath on older ones.",
    );
  });

  test('duplicate objectName, named by its index in objects as every refusal of an object is', () => {
    expect(() => spc({ objects: [...BASE.objects, { objectName: 'token', secretPath: 'secret/data/t', secretKey: 't' }, { objectName: 'config.json', secretPath: 'secret/data/x', secretKey: 'y' }] }))
      .toThrow("VaultSecretProviderClass 'test/registry': objects[2].objectName \"config.json\" is also objects[0].objectName: the Vault CSI provider refuses the mount "
        + '("each `objectName` within a SecretProviderClass must be unique, but the following keys were duplicated: config.json"), so the pod never starts [VALID_NAME]. '
        + 'Give each object a distinct objectName, the name of the file it is written to.');
  });

  const CANNOT = ': the Secrets Store CSI driver cannot write it and fails the mount, so the pod never starts';
  test.each([
    ['.', 'is ".", the volume\'s own directory: the driver takes it for a file a provider wrote there and removes the whole volume, which it cannot '
      + '("cleanup failure"), nor can it write a file over a directory' + CANNOT],
    ['..', 'has a \'..\' element ("invalid path: must not contain \'..\'")' + CANNOT],
    ['../etc/passwd', 'has a \'..\' element ("invalid path: must not contain \'..\'")' + CANNOT],
    ['..data', 'starts with \'..\', which the driver keeps for its own files ("invalid path: must not start with \'..\'")' + CANNOT],
    ['', 'is empty: the Secrets Store CSI driver refuses a file with an empty path ("invalid path: must not be empty"), so the pod never starts'],
    ['a'.repeat(256), 'has a name longer than 255 bytes ("invalid path: filenames must be less than or equal to 255 characters")' + CANNOT],
    ['/etc/passwd', 'is an absolute path ("invalid path: must be relative path")' + CANNOT],
    ['a b', 'holds a character other than letters, digits, ".", "_" and "-" (VaultSecretProviderClass writes each object as a file of the volume\'s top directory)'],
    ['dir/file', 'holds a character other than letters, digits, ".", "_" and "-" (VaultSecretProviderClass writes each object as a file of the volume\'s top directory)'],
  ])('objectName that is not a file name the driver writes: %j', (objectName, problem) => {
    expect(() => spc({ objects: [BASE.objects[0], { objectName, secretPath: 'secret/data/x', secretKey: 'y' }] })).toThrow(
      `VaultSecretProviderClass 'test/registry': objects[1].objectName ${JSON.stringify(objectName)} ${problem} [VALID_NAME].`
      + ' Name the file the object is written to with letters, digits, ".", "_" and "-" only, at most 255 of them, not "." and not starting with "..", '
      + 'e.g. objectName: \'password\'.',
    );
  });

  test('objectName: a dot file and 255 characters are file names', () => {
    const { c } = spc({ objects: [{ objectName: '.dockerconfigjson', secretPath: 'secret/data/x', secretKey: 'y' }, { objectName: 'a'.repeat(255), secretPath: 'secret/data/x', secretKey: 'z' }] });
    expect(parse(only(c, 'SecretProviderClass').spec.parameters.objects).map((o: any) => o.objectName.length)).toEqual([17, 255]);
  });

  test('secretObjects referring to an undeclared object', () => {
    expect(() => spc({ secretObjects: [{ secretName: 's', secretType: SyncedSecretType.OPAQUE, data: [{ key: 'k', objectName: 'nope' }] }] })).toThrow(
      "VaultSecretProviderClass 'test/registry': secretObjects[0].data[0].objectName \"nope\" is not a declared object [VALID_REFERENCE]. Use one of: config.json.",
    );
  });

  test('no objects', () => {
    expect(() => spc({ objects: [] })).toThrow("VaultSecretProviderClass 'test/registry': objects is empty: the Vault CSI provider refuses the mount (\"no secrets configured - the provider will not read any secret material\"), so the pod never starts [VALID_SPEC]. Declare at least one object to fetch.");
  });
});

describe('VaultSecretProviderClass objects the provider can read', () => {
  const E = "VaultSecretProviderClass 'test/registry': ";
  const obj = (o: Partial<VaultSecretProviderClassProps['objects'][0]>) => ({ objects: [{ ...BASE.objects[0], ...o }] });

  test('an empty secretPath is refused', () => {
    expect(() => spc(obj({ secretPath: ' ' }))).toThrow(
      E + "objects[0].secretPath \" \" is empty (the provider would read the root of Vault's API, /v1/): Vault serves no secret there, and the Vault CSI provider fails the mount, so the pod never starts [VALID_SPEC]. "
      + "Give the Vault path of the secret, e.g. secretPath: 'secret/data/ci/config.json'.",
    );
  });

  test('an empty secretKey is refused: the provider would write the whole response', () => {
    expect(() => spc(obj({ secretKey: '' }))).toThrow(
      E + 'objects[0].secretKey "" is empty (the provider then writes the whole Vault response, every key of the secret, into the file) [VALID_SPEC]. '
      + "Name the one key of the Vault secret the file holds, e.g. secretKey: 'password'.",
    );
  });

  test('a lone surrogate is refused', () => {
    expect(() => spc(obj({ secretKey: 'a\ud800' }))).toThrow(
      E + 'objects[0].secretKey "a\\ud800" holds a lone UTF-16 surrogate, which no YAML text can carry (the provider refuses the objects) [VALID_SPEC]. '
      + 'Write the secretKey as well-formed text.',
    );
    expect(() => spc(obj({ secretPath: 'secret/data/\udc00x' }))).toThrow('objects[0].secretPath');
    // a pair is one character
    expect(parse(only(spc(obj({ secretKey: 'k\ud83d\udd11' })).c, 'SecretProviderClass').spec.parameters.objects)[0].secretKey).toBe('k\ud83d\udd11');
  });

  test('DEL, C1 controls (NEL), U+2028, U+2029 and the BOM are escaped: a YAML parser refuses DEL and folds NEL into a space', () => {
    const secretPath = 'secret/data/a\u0085b\u007fc\u2028d\u2029e\ufefff\u009fg';
    const objects: string = only(spc(obj({ secretPath })).c, 'SecretProviderClass').spec.parameters.objects;
    expect(objects).toContain('secretPath: "secret/data/a\\u0085b\\u007fc\\u2028d\\u2029e\\ufefff\\u009fg"');
    expect(parse(objects)[0].secretPath).toBe(secretPath);
  });

  test('property: objects read back as written and carry no character a YAML parser reads otherwise', () => {
    const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).filter((t) => t.trim() !== '');
    // a path that names a secret (one that reaches the root of Vault's API is refused)
    const path = text.filter((t) => vaultRequestPath(t) === undefined);
    fc.assert(fc.property(path, text, (secretPath, secretKey) => {
      const objects: string = only(spc(obj({ secretPath, secretKey })).c, 'SecretProviderClass').spec.parameters.objects;
      expect(objects).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/);
      expect(parse(objects)).toEqual([{ objectName: 'config.json', secretPath, secretKey }]);
    }), { numRuns: 200 });
  });
});

describe('VaultSecretProviderClass secretObjects the driver can sync', () => {
  const E = "VaultSecretProviderClass 'test/registry': ";
  const synced = (s: Partial<SyncedSecret>) => ({
    secretObjects: [{ secretName: 'registry-push', secretType: SyncedSecretType.OPAQUE, data: [{ key: 'token', objectName: 'config.json' }], ...s }],
  });

  test('a Secret name the API server refuses', () => {
    expect(() => spc(synced({ secretName: 'Registry_Push' }))).toThrow(
      E + 'secretObjects[0].secretName "Registry_Push" is not a name a Secret can have (a DNS-1123 subdomain: lower-case letters, digits, "-" and "."), '
      + "so the driver cannot create it [VALID_NAME]. Give the synced Secret a name such as secretName: 'registry-push'.",
    );
  });

  test('a service-account-token type given past the enum (from JavaScript) is refused at synth: the cluster would fill it with a token that never expires', () => {
    const { c } = spc(synced({ secretType: 'kubernetes.io/service-account-token' as SyncedSecretType }));
    expect(() => Testing.synth(c)).toThrow(
      E + 'secretObjects[0].type "kubernetes.io/service-account-token" makes the Secrets Store CSI driver write Secret \'registry-push\', which '
      + "Kubernetes' token controller fills with a token of the ServiceAccount a kubernetes.io/service-account.name annotation names (without one "
      + "the API server refuses the Secret) that never expires (valid until the Secret is deleted), readable by whoever can read Secrets in namespace 'ci' "
      + '[NO_SECRET_MATERIAL]. Sync the object as a Secret of another type (type: Opaque; VaultSecretProviderClass offers no '
      + 'kubernetes.io/service-account-token), and mount a short-lived token where a pod needs the API (a projected serviceAccountToken volume with '
      + "an audience and expirationSeconds). Or relax NO_SECRET_MATERIAL with a reason in its props: relaxations: [{ rule: RuleId.NO_SECRET_MATERIAL, reason: '<why>' }].",
    );
  });

  test('no data: the driver syncs nothing', () => {
    expect(() => spc(synced({ data: [] }))).toThrow(
      E + "secretObjects[0].data is empty (the driver syncs no Secret without data) [VALID_SPEC]. Map at least one key to an object: data: [{ key: '<key>', objectName: 'config.json' }].",
    );
  });

  test.each(['my key', '..x', '.', 'a/b', ''])('a key a Secret cannot hold: %j', (key) => {
    expect(() => spc(synced({ data: [{ key, objectName: 'config.json' }] }))).toThrow(
      E + `secretObjects[0].data[0].key ${JSON.stringify(key)} is not a key a Secret can hold (letters, digits, "-", "_" and ".", not "." or starting with ".."), `
      + "so the API server refuses the Secret [VALID_NAME]. Use a key such as 'token' or '.dockerconfigjson'.",
    );
  });

  test('a key twice', () => {
    expect(() => spc(synced({ data: [{ key: 'token', objectName: 'config.json' }, { key: 'token', objectName: 'config.json' }] }))).toThrow(
      E + 'secretObjects[0].data[1].key "token" is also secretObjects[0].data[0].key [VALID_NAME]. Give each key of the Secret once, each filled from one object.',
    );
  });

  test('a Secret name twice: both named by index', () => {
    const one = { secretName: 'registry-push', secretType: SyncedSecretType.OPAQUE, data: [{ key: 'token', objectName: 'config.json' }] };
    expect(() => spc({ secretObjects: [one, { ...one, secretType: SyncedSecretType.DOCKER_CONFIG_JSON, data: [{ key: '.dockerconfigjson', objectName: 'config.json' }] }] })).toThrow(
      E + 'secretObjects[1].secretName "registry-push" is also secretObjects[0].secretName [VALID_NAME]. Give each synced Secret a distinct secretName, or sync every key in one Secret.',
    );
  });

  test.each([
    [SyncedSecretType.DOCKER_CONFIG_JSON, 'config.json', '.dockerconfigjson', '.dockerconfigjson'],
    [SyncedSecretType.SSH_AUTH, 'id_ed25519', 'ssh-privatekey', 'ssh-privatekey'],
    [SyncedSecretType.BASIC_AUTH, 'user', 'username or password', 'username'],
    [SyncedSecretType.TLS, 'tls.crt', 'tls.key', 'tls.key'],
  ])('a %s Secret without the keys its type needs', (type, key, missing, first) => {
    expect(() => spc(synced({ secretType: type, data: [{ key, objectName: 'config.json' }] }))).toThrow(
      E + `secretObjects[0].data "${key}" has no key ${missing}, without which the API server refuses a Secret of type ${type} (the driver never creates it) [VALID_SPEC]. `
      + `Add { key: '${first}', objectName: '<object>' } to data, or sync it as SyncedSecretType.OPAQUE.`,
    );
  });

  test('a TLS Secret with another key', () => {
    const objects = [...BASE.objects, { objectName: 'ca.crt', secretPath: 'secret/data/ci/ca', secretKey: 'crt' }];
    expect(() => spc({
      objects,
      ...synced({ secretType: SyncedSecretType.TLS, data: [{ key: 'tls.crt', objectName: 'config.json' }, { key: 'tls.key', objectName: 'config.json' }, { key: 'ca.crt', objectName: 'ca.crt' }] }),
    })).toThrow(
      E + 'secretObjects[0].data[2].key "ca.crt" is not tls.crt or tls.key, the only keys the driver fills in a kubernetes.io/tls Secret (it refuses to sync any other) [VALID_SPEC]. '
      + 'Sync the other object in a second Secret of type SyncedSecretType.OPAQUE.',
    );
  });

  test('accepted: each type with the keys it needs', () => {
    const { c } = spc({
      secretObjects: [
        { secretName: 'a', secretType: SyncedSecretType.BASIC_AUTH, data: [{ key: 'password', objectName: 'config.json' }] },
        { secretName: 'b', secretType: SyncedSecretType.TLS, data: [{ key: 'tls.crt', objectName: 'config.json' }, { key: 'tls.key', objectName: 'config.json' }] },
        { secretName: 'c.d', secretType: SyncedSecretType.SSH_AUTH, data: [{ key: 'ssh-privatekey', objectName: 'config.json' }, { key: 'known_hosts', objectName: 'config.json' }] },
      ],
    });
    expect(only(c, 'SecretProviderClass').spec.secretObjects.map((x: any) => [x.secretName, x.type, x.data.map((d: any) => d.key)])).toEqual([
      ['a', 'kubernetes.io/basic-auth', ['password']],
      ['b', 'kubernetes.io/tls', ['tls.crt', 'tls.key']],
      ['c.d', 'kubernetes.io/ssh-auth', ['ssh-privatekey', 'known_hosts']],
    ]);
  });
});

describe('VaultSecretProviderClass in a run', () => {
  function run(spcNamespace: string, domain: TrustDomain) {
    const app = Testing.app();
    const c = new Chart(app, 'ci', { namespace: 'ci' });
    const other = new Chart(app, 'vault', { namespace: spcNamespace });
    const s = new VaultSecretProviderClass(other, 'registry', BASE);
    const pipeline = new SecurePipeline(c, 'p', { workspaces: [{ name: 'creds', domain }] });
    const push = new SecureTask(c, 'push', { trusted: true, steps: [step()], workspaces: [{ name: 'creds', domain: TrustDomain.CREDENTIALS }] });
    if (domain === TrustDomain.CREDENTIALS) pipeline.addTask({ task: push, workspaces: { creds: 'creds' } });
    else pipeline.addTask({ task: new SecureTask(c, 'lint', { steps: [step()] }) });
    new SecurePipelineRun(c, 'run', { pipeline, workspaces: { creds: RunWorkspace.csi(s) } });
    return c;
  }

  test('binds as a read-only csi workspace', () => {
    expect(only(run('ci', TrustDomain.CREDENTIALS), 'PipelineRun').spec.workspaces).toEqual([{
      name: 'creds', csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'registry' } },
    }]);
  });

  test('a volume attribute that turns TLS off, patched onto the binding, is refused at synth (the driver copies it over the class)', () => {
    const c = run('ci', TrustDomain.CREDENTIALS);
    const pr = c.node.findAll().find((x): x is ApiObject => x instanceof ApiObject && x.kind === 'PipelineRun')!;
    pr.addJsonPatch(JsonPatch.add('/spec/workspaces/0/csi/volumeAttributes/vaultSkipTLSVerify', 'true'));
    expect(() => Testing.synth(c)).toThrow(
      "SecurePipelineRun 'ci/run' workspace 'creds': workspaces.creds.csi.volumeAttributes.vaultSkipTLSVerify \"true\" turns TLS verification off"
      + " (the Secrets Store CSI driver gives the provider the volume's attributes in place of the SecretProviderClass's parameters) [VAULT_TLS]."
      + ' Remove the attribute: leave only secretProviderClass in volumeAttributes, and reach Vault over https with TLS verified in the'
      + ' SecretProviderClass (VaultSecretProviderClass); this rule cannot be relaxed.',
    );
  });

  test('refused in another namespace', () => {
    expect(() => run('vault', TrustDomain.CREDENTIALS)).toThrow(
      "SecurePipelineRun 'ci/run': workspaces.creds \"registry\" is a SecretProviderClass in namespace 'vault', not the run's 'ci' [VALID_REFERENCE]. Create the SecretProviderClass in the chart (namespace) of the run: the CSI driver looks it up in the pod's namespace.",
    );
  });

  test('refused on a workspace that is not a credentials workspace', () => {
    expect(() => run('ci', TrustDomain.SOURCE)).toThrow(
      "SecurePipelineRun 'ci/run': workspaces.creds \"creds\" binds secret values to a workspace of domain 'source' [VALID_REFERENCE]. Bind Secrets and Vault volumes only to a workspace of domain credentials (which only trusted tasks receive): "
      + "declare it in the pipeline's workspaces as { name: 'creds', domain: TrustDomain.CREDENTIALS }.",
    );
  });

  test('a Secret binding on a non-credentials workspace is refused too', () => {
    const c = new Chart(Testing.app(), 'ci', { namespace: 'ci' });
    const pipeline = new SecurePipeline(c, 'p', { workspaces: [{ name: 'out', domain: TrustDomain.OUTPUT }] });
    expect(() => new SecurePipelineRun(c, 'run', { pipeline, workspaces: { out: RunWorkspace.secret('token') } })).toThrow(
      "SecurePipelineRun 'ci/run': workspaces.out \"out\" binds secret values to a workspace of domain 'output' [VALID_REFERENCE].",
    );
    expect(RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1) }).holdsSecrets).toBe(false);
  });
});
