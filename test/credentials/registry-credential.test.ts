import { Chart, Testing } from 'cdk8s';
import {
  LeastPrivilegeServiceAccount, RegistryCredential, RegistryCredentialProps, RuleId, SyncedSecretType, VaultSecretProviderClass,
} from '../../src';
import { only, relaxationsOf } from '../helpers/constructs';

const CONFIG = JSON.stringify({ auths: { 'registry.example.com': { auth: 'dXNlcjpwYXNz' } } });

function credential(props: Partial<RegistryCredentialProps> = {}) {
  const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
  const r = new RegistryCredential(c, 'registry', { secretName: 'registry-push', ...props });
  return { c, r };
}

function vault(c: Chart, extra: Partial<ConstructorParameters<typeof VaultSecretProviderClass>[2]> = {}) {
  return new VaultSecretProviderClass(c, 'vault', {
    vaultAddress: 'https://vault.example.com',
    roleName: 'ci-push',
    objects: [{ objectName: 'config.json', secretPath: 'secret/data/ci/registry', secretKey: 'dockerconfigjson' }],
    ...extra,
  });
}

describe('RegistryCredential', () => {
  test('references an existing Secret: nothing is written, the binding mounts .dockerconfigjson as config.json', () => {
    const { c, r } = credential({ configJson: CONFIG });
    expect(Testing.synth(c)).toEqual([]);
    expect(r.workspace()._render('creds')).toEqual({
      name: 'creds', secret: { secretName: 'registry-push', items: [{ key: '.dockerconfigjson', path: 'config.json' }] },
    });
  });

  test('grantRead gives get on that Secret only and lists it on the ServiceAccount', () => {
    const { c, r } = credential();
    const sa = new LeastPrivilegeServiceAccount(c, 'runner');
    r.grantRead(sa);
    expect(only(c, 'Role').rules).toEqual([{ apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: ['registry-push'] }]);
    expect(only(c, 'ServiceAccount').secrets).toEqual([{ name: 'registry-push' }]);
  });

  test('from Vault: the run mounts the CSI volume that holds config.json', () => {
    const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
    const v = vault(c, { secretObjects: [{ secretName: 'registry-push', secretType: SyncedSecretType.DOCKER_CONFIG_JSON, data: [{ key: '.dockerconfigjson', objectName: 'config.json' }] }] });
    const r = new RegistryCredential(c, 'registry', { secretName: 'registry-push', vault: v });
    expect(r.workspace()._render('creds')).toEqual({
      name: 'creds', csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'vault' } },
    });
    expect(Testing.synth(c).filter((o: any) => o.kind === 'Secret')).toEqual([]);
  });

  test('allowChainsToPush lists the Secret under the run\'s ServiceAccount\'s imagePullSecrets, with no Role (Chains reads it with its own permissions)', () => {
    const { c, r } = credential();
    const sa = new LeastPrivilegeServiceAccount(c, 'runner');
    r.allowChainsToPush(sa);
    r.allowChainsToPush(sa);
    expect(only(c, 'ServiceAccount').imagePullSecrets).toEqual([{ name: 'registry-push' }]);
    // not under secrets:, which Tekton's creds-init mounts into every step of every run
    expect(only(c, 'ServiceAccount').secrets).toBeUndefined();
    expect(sa.imagePullSecretNames).toEqual(['registry-push']);
    expect(Testing.synth(c).filter((o: any) => o.kind === 'Role')).toEqual([]);
  });

  test('allowChainsToPush refuses a ServiceAccount of another namespace (Chains reads the run\'s namespace only)', () => {
    const app = Testing.app();
    const r = new RegistryCredential(new Chart(app, 'test', { namespace: 'ci' }), 'registry', { secretName: 'registry-push' });
    const sa = new LeastPrivilegeServiceAccount(new Chart(app, 'other', { namespace: 'builds' }), 'runner');
    expect(() => r.allowChainsToPush(sa)).toThrow(
      "RegistryCredential 'test/registry': serviceAccount \"runner\" is in namespace 'builds', not 'ci' where the Secret is: Chains reads the Secrets of the run's namespace only "
      + '[CHAINS_STORAGE_CREDENTIALS]. Create the credential in the chart (namespace) of the pipeline whose runs push the image.',
    );
  });

  test('allowChainsToPush with a Vault credential needs the SecretProviderClass to sync the Secret', () => {
    const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
    const synced = vault(c, { secretObjects: [{ secretName: 'registry-push', secretType: SyncedSecretType.DOCKER_CONFIG_JSON, data: [{ key: '.dockerconfigjson', objectName: 'config.json' }] }] });
    const sa = new LeastPrivilegeServiceAccount(c, 'runner');
    new RegistryCredential(c, 'registry', { secretName: 'registry-push', vault: synced }).allowChainsToPush(sa);
    expect(sa.imagePullSecretNames).toEqual(['registry-push']);

    const c2 = new Chart(Testing.app(), 'test', { namespace: 'ci' });
    const unsynced = new RegistryCredential(c2, 'registry', { secretName: 'registry-push', vault: vault(c2) });
    expect(() => unsynced.allowChainsToPush(new LeastPrivilegeServiceAccount(c2, 'runner'))).toThrow(
      "RegistryCredential 'test/registry': vault.secretObjects \"vault\" does not sync 'registry-push', so Chains, which reads only Secrets listed on the run's ServiceAccount, never sees the credential [CHAINS_STORAGE_CREDENTIALS]. "
      + "Add secretObjects: [{ secretName: 'registry-push', secretType: SyncedSecretType.DOCKER_CONFIG_JSON, data: [{ key: '.dockerconfigjson', objectName: 'config.json' }] }] to the VaultSecretProviderClass.",
    );
  });

  test('allowChainsToPush with a secretName the class does not sync names the Secret it syncs (a typo), and both fixes work', () => {
    const make = (secretName: string) => {
      const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
      const synced = vault(c, { secretObjects: [{ secretName: 'registry-push', secretType: SyncedSecretType.DOCKER_CONFIG_JSON, data: [{ key: '.dockerconfigjson', objectName: 'config.json' }] }] });
      return { c, r: new RegistryCredential(c, 'registry', { secretName, vault: synced }), sa: new LeastPrivilegeServiceAccount(c, 'runner') };
    };
    const typo = make('registry-pusj');
    expect(() => typo.r.allowChainsToPush(typo.sa)).toThrow(
      "RegistryCredential 'test/registry': vault.secretObjects \"vault\" does not sync 'registry-pusj' (it syncs 'registry-push'), so Chains, which reads only Secrets listed on the run's ServiceAccount, never sees the credential [CHAINS_STORAGE_CREDENTIALS]. "
      + "Name the Secret it syncs: secretName: 'registry-push' in the RegistryCredential's props, or add secretObjects: [{ secretName: 'registry-pusj', secretType: SyncedSecretType.DOCKER_CONFIG_JSON, data: [{ key: '.dockerconfigjson', objectName: 'config.json' }] }] to the VaultSecretProviderClass.",
    );
    // the first fix: the name the class syncs
    const fixed = make('registry-push');
    fixed.r.allowChainsToPush(fixed.sa);
    expect(fixed.sa.imagePullSecretNames).toEqual(['registry-push']);
    // the second: the class syncs the name given too
    const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
    const both = vault(c, { secretObjects: ['registry-push', 'registry-pusj'].map((secretName) => ({ secretName, secretType: SyncedSecretType.DOCKER_CONFIG_JSON, data: [{ key: '.dockerconfigjson', objectName: 'config.json' }] })) });
    const sa = new LeastPrivilegeServiceAccount(c, 'runner');
    new RegistryCredential(c, 'registry', { secretName: 'registry-pusj', vault: both }).allowChainsToPush(sa);
    expect(sa.imagePullSecretNames).toEqual(['registry-pusj']);
  });

  test('is listed on the Chains controller ServiceAccount, once (deprecated: Chains v0.29 does not read it)', () => {
    const { c, r } = credential();
    r.addToChainsServiceAccount();
    r.addToChainsServiceAccount();
    expect(only(c, 'ServiceAccount')).toEqual({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'tekton-chains-controller', namespace: 'tekton-chains' },
      secrets: [{ name: 'registry-push' }],
      imagePullSecrets: [{ name: 'registry-push' }],
    });
  });
});

describe('RegistryCredential refusals', () => {
  test('credsStore in config.json', () => {
    expect(() => credential({ configJson: JSON.stringify({ auths: {}, credsStore: 'desktop' }) })).toThrow(
      "RegistryCredential 'test/registry': configJson.credsStore names a credential helper, which does not exist in a pod (no keychain, no helper binary) [VALID_SPEC]. Give a config.json with an \"auths\" entry per registry (e.g. from `docker login` with no credential helper configured).",
    );
  });

  test('credHelpers in config.json', () => {
    expect(() => credential({ configJson: JSON.stringify({ auths: { r: {} }, credHelpers: { 'gcr.io': 'gcloud' } }) })).toThrow(
      "RegistryCredential 'test/registry': configJson.credHelpers names a credential helper",
    );
  });

  test('config.json without auths', () => {
    expect(() => credential({ configJson: '{}' })).toThrow(
      "RegistryCredential 'test/registry': configJson.auths is missing or empty [VALID_SPEC].",
    );
  });

  test('config.json that is not JSON', () => {
    expect(() => credential({ configJson: 'auths:' })).toThrow("RegistryCredential 'test/registry': configJson is not valid JSON [VALID_SPEC].");
  });

  describe('config.json read as the registry clients read it (docker/cli configfile, Go encoding/json: keys case-insensitive, members in turn)', () => {
    const AUTHS = '{"ghcr.io":{"auth":"dXNlcjpwYXNz"}}';
    const FIX = ' [VALID_SPEC]. Give a config.json with an "auths" entry per registry (e.g. from `docker login` with no credential helper configured).';
    const refusal = (configJson: string) => {
      try {
        credential({ configJson });
      } catch (e) {
        return (e as Error).message;
      }
      return undefined;
    };

    test('a credential helper in another spelling, or kept by a later null, is refused in the words written', () => {
      expect(refusal(`{"auths":${AUTHS},"CredsStore":"desktop"}`)).toBe(
        "RegistryCredential 'test/registry': configJson.CredsStore names a credential helper, which does not exist in a pod (no keychain, no helper binary)" + FIX);
      expect(refusal(`{"auths":${AUTHS},"CredHelpers":{"ghcr.io":"gcloud"}}`)).toBe(
        "RegistryCredential 'test/registry': configJson.CredHelpers names a credential helper, which does not exist in a pod (no keychain, no helper binary)" + FIX);
      // U+017F folds with s in encoding/json
      expect(refusal(`{"auths":${AUTHS},"cred\u017fStore":"desktop"}`)).toBe(
        "RegistryCredential 'test/registry': configJson.cred\u017fStore names a credential helper, which does not exist in a pod (no keychain, no helper binary)" + FIX);
      // a null leaves a string as it was
      expect(refusal(`{"auths":${AUTHS},"credsStore":"desktop","CREDSSTORE":null}`)).toBe(
        "RegistryCredential 'test/registry': configJson.credsStore names a credential helper, which does not exist in a pod (no keychain, no helper binary)" + FIX);
    });

    test('a value of another type fails the whole file', () => {
      expect(refusal(`{"auths":${AUTHS},"credsStore":5}`)).toBe(
        "RegistryCredential 'test/registry': configJson.credsStore is not a JSON string, so the registry clients cannot read the file" + FIX);
      expect(refusal(`{"auths":${AUTHS},"credHelpers":{"ghcr.io":5}}`)).toBe(
        "RegistryCredential 'test/registry': configJson.credHelpers names the helper 5 for ghcr.io, which is not a string, so the registry clients cannot read the file" + FIX);
      expect(refusal('{"Auths":[]}')).toBe("RegistryCredential 'test/registry': configJson.Auths is not a JSON object, so the registry clients cannot read the file" + FIX);
    });

    test('an entry, an auth or another field docker/cli cannot decode fails the whole file (docker/cli v29 LoadFromReader run on each)', () => {
      const cannot = ', so the registry clients cannot read the file';
      expect(refusal('{"auths":{"ghcr.io":"x"}}')).toBe(`RegistryCredential 'test/registry': configJson.auths.ghcr.io is not a JSON object${cannot}${FIX}`);
      expect(refusal('{"auths":{"ghcr.io":{"auth":"dTpw","Username":5}}}')).toBe(
        `RegistryCredential 'test/registry': configJson.auths.ghcr.io.Username is not a JSON string${cannot}${FIX}`);
      expect(refusal('{"auths":{"ghcr.io":{"auth":"dTpw"}},"psFormat":1}')).toBe(`RegistryCredential 'test/registry': configJson.psFormat is not a JSON string${cannot}${FIX}`);
      expect(refusal('{"auths":{"ghcr.io":{"auth":"dTpw"}},"plugins":{"x":{"a":1}}}')).toBe(
        `RegistryCredential 'test/registry': configJson.plugins.x.a is not a JSON string${cannot}${FIX}`);
      expect(refusal('{"auths":{"ghcr.io":{"auth":"not base64!"}}}')).toBe(
        `RegistryCredential 'test/registry': configJson.auths.ghcr.io.auth is not base64 (Go's standard encoding, padded with =)${cannot}${FIX}`);
      expect(refusal('{"auths":{"ghcr.io":{"auth":"dTp"}}}')).toBe(
        `RegistryCredential 'test/registry': configJson.auths.ghcr.io.auth is not base64 (Go's standard encoding, padded with =)${cannot}${FIX}`);
      for (const auth of ['dXNlcm5vY29sb24=', 'OnA=']) {
        expect(refusal(`{"auths":{"ghcr.io":{"auth":"${auth}"}}}`)).toBe(
          `RegistryCredential 'test/registry': configJson.auths.ghcr.io.auth is base64 of no user:password (a user, a colon, the password)${cannot}${FIX}`);
      }
    });

    test('a value of another type in a repeated key at any depth fails the whole file: encoding/json decodes every member (docker/cli v29 LoadFromReader run on each)', () => {
      const cannot = ', so the registry clients cannot read the file';
      for (const [configJson, at] of [
        ['{"auths":{"ghcr.io":{"username":5},"ghcr.io":{"auth":"dTpw"}}}', 'auths.ghcr.io.username'],
        ['{"auths":{"ghcr.io":{"username":5,"username":"u","auth":"dTpw"}}}', 'auths.ghcr.io.username'],
        ['{"auths":{"ghcr.io":{"auth":"dTpw"}},"proxies":{"default":{"httpProxy":1},"default":{}}}', 'proxies.default.httpProxy'],
        ['{"auths":{"ghcr.io":{"auth":"dTpw"}},"plugins":{"x":{"a":1,"a":"b"}}}', 'plugins.x.a'],
      ]) {
        expect(refusal(configJson)).toBe(`RegistryCredential 'test/registry': configJson.${at} is not a JSON string${cannot}${FIX}`);
      }
      expect(refusal('{"credHelpers":{"a":1,"a":"x"},"auths":{"ghcr.io":{"auth":"dTpw"}}}')).toBe(
        `RegistryCredential 'test/registry': configJson.credHelpers names the helper 1 for a, which is not a string${cannot}${FIX}`);
    });

    test('read as docker/cli reads the file: its first JSON value only (json.Decoder), a later null or "" in an entry over an auth, an auth in the key as written', () => {
      for (const configJson of [`{"auths":${AUTHS}} trailing`, `{"auths":${AUTHS}}{"x":1}`, `{"auths":${AUTHS}}}`,
        '{"auths":{"ghcr.io":{"auth":"dTpw","auth":null}}}', '{"auths":{"ghcr.io":{"auth":"bad!","auth":"dTpw"}}}']) {
        expect([configJson, refusal(configJson)]).toEqual([configJson, undefined]);
      }
      // a syntax error inside the first value still fails it, and an empty file is one without auths
      expect(refusal('{"auths":{"ghcr.io":{"auth":"dTpw",}}} {')).toBe("RegistryCredential 'test/registry': configJson is not valid JSON" + FIX);
      expect(refusal(' \n')).toBe("RegistryCredential 'test/registry': configJson.auths is missing or empty" + FIX);
      expect(refusal(`{"auths":${AUTHS},"Auths":{"x.io":{"auth":"bad!"}}}`)).toBe(
        "RegistryCredential 'test/registry': configJson.Auths.x.io.auth is not base64 (Go's standard encoding, padded with =), so the registry clients cannot read the file" + FIX);
    });

    test('auths whose every entry holds no credential is refused: docker/cli reads the file, but sends no credential to any registry', () => {
      const none = ' holds no credential for any registry: no entry with a registry name has a non-empty auth, username, password, identitytoken or registrytoken, '
        + 'so the registry clients send none and every push or pull that needs one is refused';
      for (const configJson of ['{"auths":{"ghcr.io":{}}}', '{"auths":{"ghcr.io":null}}', '{"auths":{"ghcr.io":{"auth":""}}}', '{"auths":{"":{"auth":"dTpw"}}}',
        '{"auths":{"ghcr.io":{"email":"a@b.c","serveraddress":"ghcr.io"}}}', '{"auths":{"ghcr.io":{"auth":"dTpw","auth":""}}}',
        '{"auths":{"ghcr.io":{"auth":"dTpw"},"ghcr.io":{}}}', '{"auths":{"ghcr.io":{"auth":"dTpw"}},"auths":{"ghcr.io":{}}}']) {
        expect([configJson, refusal(configJson)]).toEqual([configJson, `RegistryCredential 'test/registry': configJson.auths${none}${FIX}`]);
      }
      expect(refusal('{"Auths":{"ghcr.io":{}}}')).toBe(`RegistryCredential 'test/registry': configJson.Auths${none}${FIX}`);
      // one entry with a credential is enough
      for (const configJson of ['{"auths":{"ghcr.io":{},"r.io":{"auth":"dTpw"}}}', '{"auths":{"ghcr.io":{"identitytoken":"t"}}}',
        '{"auths":{"ghcr.io":{"Auth":"dTpw"}}}', '{"auths":{"ghcr.io":{"registrytoken":"t"}}}']) {
        expect([configJson, refusal(configJson)]).toEqual([configJson, undefined]);
      }
    });

    test('accepted as docker/cli reads them: a null entry, a line break in auth, fields it does not know', () => {
      for (const config of ['{"auths":{"ghcr.io":{"auth":"dTpw\\n"}}}', '{"auths":{"ghcr.io":null,"r.io":{"auth":"dTpw"}}}',
        '{"auths":{"ghcr.io":{"auth":"dTpw","email":"a@b.c"}},"unknown":5}', '{"auths":{"ghcr.io":{"username":"u","password":"p"}}}']) {
        expect([config, refusal(config)]).toEqual([config, undefined]);
      }
    });

    test('auths a later null empties is refused', () => {
      expect(refusal(`{"auths":${AUTHS},"AUTHS":null}`)).toBe("RegistryCredential 'test/registry': configJson.auths is missing or empty" + FIX);
    });

    test('accepted: Auths in any case, auths merged over repeats, a helper emptied by a later "" or null', () => {
      for (const configJson of [
        `{"Auths":${AUTHS}}`,
        `{"auths":{},"Auths":${AUTHS}}`,
        `{"auths":${AUTHS},"auths":{}}`,
        `{"auths":${AUTHS},"credsStore":"desktop","credsStore":""}`,
        `{"auths":${AUTHS},"credHelpers":{"ghcr.io":"gcloud"},"credhelpers":null}`,
        `{"auths":${AUTHS},"credHelpers":{"ghcr.io":""}}`,
        ` { "a\\"b" : [1, {"}": "]"}], "auths" : ${AUTHS} } `,
      ]) {
        expect(refusal(configJson)).toBeUndefined();
      }
    });
  });

  test('writing the Secret without a relaxation', () => {
    const { c } = credential({ configJson: CONFIG, writeSecret: true });
    expect(() => Testing.synth(c)).toThrow(
      "RegistryCredential 'test/registry': stringData \".dockerconfigjson\" holds secret values [NO_SECRET_MATERIAL]. Reference an existing Secret or sync it from Vault (VaultSecretProviderClass secretObjects). Or relax NO_SECRET_MATERIAL with a reason in its props: relaxations: [{ rule: RuleId.NO_SECRET_MATERIAL, reason: '<why>' }].",
    );
  });

  test('a Vault source that fetches no config.json', () => {
    const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
    const v = vault(c, { objects: [{ objectName: 'token', secretPath: 'secret/data/t', secretKey: 'v' }] });
    expect(() => new RegistryCredential(c, 'registry', { secretName: 'registry-push', vault: v })).toThrow(
      "RegistryCredential 'test/registry': vault \"vault\" fetches no object named 'config.json' [VALID_REFERENCE]. Add { objectName: 'config.json', ... } to its objects: registry clients read that file.",
    );
  });

  test('a Vault sync of the wrong type', () => {
    const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
    const v = vault(c, { secretObjects: [{ secretName: 'registry-push', secretType: SyncedSecretType.OPAQUE, data: [{ key: 'config.json', objectName: 'config.json' }] }] });
    expect(() => new RegistryCredential(c, 'registry', { secretName: 'registry-push', vault: v })).toThrow(
      "RegistryCredential 'test/registry': vault.secretObjects \"registry-push\" is not synced as kubernetes.io/dockerconfigjson with key .dockerconfigjson from config.json [VALID_REFERENCE].",
    );
  });
});

describe('RegistryCredential relaxation', () => {
  test('NO_SECRET_MATERIAL lets the Secret be written and records why', () => {
    const { c } = credential({
      configJson: CONFIG,
      writeSecret: true,
      relaxations: [{ rule: RuleId.NO_SECRET_MATERIAL, reason: 'throw-away kind cluster for the demo' }],
    });
    const secret = only(c, 'Secret');
    expect(secret.type).toBe('kubernetes.io/dockerconfigjson');
    expect(secret.stringData).toEqual({ '.dockerconfigjson': CONFIG });
    expect(relaxationsOf(secret)).toEqual({ 'secure-tekton/relax.NO_SECRET_MATERIAL': '*: throw-away kind cluster for the demo' });
  });
});
