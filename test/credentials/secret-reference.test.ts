/**
 * Secrets given as cdk8s-plus objects instead of names: referenced, never written
 * twice, and checked (type, namespace) when the app writes them.
 */
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  GitCredential, GitCredentialMode, RegistryCredential, Relaxations, RuleId, RunWorkspace, SecurePipeline, SecurePipelineRun, SecureTask, TrustDomain,
} from '../../src';
import { step } from '../helpers/constructs';

const GITHUB_KEY = 'github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';
const URL = 'git@github.com:example/app.git';

function ci(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'ci' });
}

/** The key each Secret type must hold for the API server to admit it. */
const REQUIRED: Record<string, string> = { 'kubernetes.io/dockerconfigjson': '.dockerconfigjson', 'kubernetes.io/ssh-auth': 'ssh-privatekey' };

/**
 * A Secret defined with cdk8s-plus: the API server admits one of these types only with its
 * key, whose value is secret, so writing it needs a recorded relaxation (a throwaway value).
 */
function secret(c: Chart, name: string, type: string, annotations?: Record<string, string>): kplus.Secret {
  const s = new kplus.Secret(c, name, { metadata: { name, annotations }, type, stringData: { [REQUIRED[type]]: 'throwaway' } });
  Relaxations.of(s).add({ rule: RuleId.NO_SECRET_MATERIAL, reason: 'a throwaway value of the test cluster' });
  return s;
}

const secretsOf = (c: Chart) => Testing.synth(c).filter((o: any) => o.kind === 'Secret').map((o: any) => o.metadata.name);

describe('Secrets as cdk8s-plus objects', () => {
  test('a pipeline app with cdk8s-plus Secrets and ServiceAccount has exactly one object of each name', () => {
    const c = ci();
    const builder = new kplus.ServiceAccount(c, 'builder', { metadata: { name: 'builder' } });
    const pushSecret = secret(c, 'registry-push', 'kubernetes.io/dockerconfigjson');
    const gitSecret = secret(c, 'git-deploy-key', 'kubernetes.io/ssh-auth');
    const registry = new RegistryCredential(c, 'registry', { secret: pushSecret });
    const git = new GitCredential(c, 'git', { secret: gitSecret, url: URL, knownHosts: GITHUB_KEY });
    const push = new SecureTask(c, 'push', {
      trusted: true,
      workspaces: [{ name: 'creds', domain: TrustDomain.CREDENTIALS }, { name: 'git', domain: TrustDomain.CREDENTIALS }],
      steps: [step()],
    });
    const pipeline = new SecurePipeline(c, 'release', {
      serviceAccount: builder,
      workspaces: [{ name: 'creds', domain: TrustDomain.CREDENTIALS }, { name: 'git', domain: TrustDomain.CREDENTIALS }],
    });
    pipeline.addTask({ task: push, workspaces: { creds: 'creds', git: 'git' } });
    registry.grantRead(pipeline.serviceAccount);
    git.grantRead(pipeline.serviceAccount);
    new SecurePipelineRun(c, 'run', { pipeline, generateName: false, workspaces: { creds: registry.workspace(), git: git.workspace() } });

    const objects = Testing.synth(c);
    const keys = objects.map((o: any) => `${o.kind}/${o.metadata.name}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    expect(secretsOf(c)).toEqual(['registry-push', 'git-deploy-key']);
    expect(objects.filter((o: any) => o.kind === 'ServiceAccount')).toEqual([expect.objectContaining({
      metadata: { name: 'builder', namespace: 'ci' },
      secrets: [{ name: 'registry-push' }, { name: 'git-deploy-key' }],
    })]);
    const run = objects.find((o: any) => o.kind === 'PipelineRun');
    expect(run.spec.workspaces[0].secret.secretName).toBe('registry-push');
    expect(run.spec.workspaces[1].projected.sources[0].secret.name).toBe('git-deploy-key');
  });

  test('in creds-init mode, a Secret the app writes gets the annotation creds-init reads (one it sets is kept)', () => {
    const c = ci();
    const key = secret(c, 'git-deploy-key', 'kubernetes.io/ssh-auth');
    new GitCredential(c, 'git', { secret: key, url: URL, knownHosts: GITHUB_KEY, mode: GitCredentialMode.CREDS_INIT });
    const mirror = secret(c, 'mirror-key', 'kubernetes.io/ssh-auth', { 'tekton.dev/git-0': 'mirror.example.com' });
    new GitCredential(c, 'mirror-git', { secret: mirror, url: URL, knownHosts: GITHUB_KEY, mode: GitCredentialMode.CREDS_INIT });
    const annotations = Testing.synth(c).filter((o: any) => o.kind === 'Secret').map((o: any) => o.metadata.annotations['tekton.dev/git-0']);
    expect(annotations).toEqual(['github.com', 'mirror.example.com']);
  });

  test('the README\'s example: a referenced Secret and a cdk8s-plus ServiceAccount, each written at most once', () => {
    const chart = ci();
    const builder = new kplus.ServiceAccount(chart, 'builder', { metadata: { name: 'builder' } });
    const pushSecret = kplus.Secret.fromSecretName(chart, 'registry-push', 'registry-push');
    const pipeline = new SecurePipeline(chart, 'release', {
      serviceAccount: builder,
      workspaces: [{ name: 'registry-credentials', domain: TrustDomain.CREDENTIALS }],
    });
    const registry = new RegistryCredential(chart, 'registry', { secret: pushSecret });
    registry.grantRead(pipeline.serviceAccount);
    pipeline.addTask({ task: new SecureTask(chart, 'push', { trusted: true, workspaces: [{ name: 'creds', domain: TrustDomain.CREDENTIALS }], steps: [step()] }), workspaces: { creds: 'registry-credentials' } });
    const objects = Testing.synth(chart);
    expect(objects.filter((o: any) => o.kind === 'Secret')).toEqual([]);
    expect(objects.filter((o: any) => o.kind === 'ServiceAccount').map((o: any) => [o.metadata.name, o.secrets])).toEqual([['builder', [{ name: 'registry-push' }]]]);
  });

  test('one imported by name is referenced and nothing is written', () => {
    const c = ci();
    const r = new RegistryCredential(c, 'registry', { secret: kplus.Secret.fromSecretName(c, 'push', 'registry-push') });
    expect(r.secretName).toBe('registry-push');
    expect(Testing.synth(c)).toEqual([]);
  });

  test('RunWorkspace.fromSecret binds it by name', () => {
    const c = ci();
    const token = kplus.Secret.fromSecretName(c, 'token', 'api-token');
    expect(RunWorkspace.fromSecret(token, { items: [{ key: 'token', path: 'token' }] })._render('creds')).toEqual({
      name: 'creds', secret: { secretName: 'api-token', items: [{ key: 'token', path: 'token' }] },
    });
  });

  test('RunWorkspace.projected takes it as a source', () => {
    const c = ci();
    const key = kplus.Secret.fromSecretName(c, 'key', 'tls');
    expect(RunWorkspace.projected([{ secret: key, items: [{ key: 'tls.key', path: 'key.pem' }] }, { configMapName: 'ca' }])._render('tls')).toEqual({
      name: 'tls', projected: { sources: [{ secret: { name: 'tls', items: [{ key: 'tls.key', path: 'key.pem' }] } }, { configMap: { name: 'ca' } }] },
    });
    expect(RunWorkspace.projected([{ secret: key, secretName: 'tls' }])._problem()).toEqual({
      value: 'sources[0]', problem: 'names its Secret twice (secretName and secret)', fix: 'Give each source exactly one of secretName, secret and configMapName.',
    });
  });

  test('the same name given twice is accepted', () => {
    const c = ci();
    const s = kplus.Secret.fromSecretName(c, 'push', 'registry-push');
    expect(new RegistryCredential(c, 'registry', { secret: s, secretName: 'registry-push' }).secretName).toBe('registry-push');
  });
});

describe('Secrets as cdk8s-plus objects: refusals', () => {
  test('a typed Secret without the key its type requires: the API server refuses it, and the key would be secret material', () => {
    const c = ci();
    new RegistryCredential(c, 'registry', { secret: new kplus.Secret(c, 'registry-push', { metadata: { name: 'registry-push' }, type: 'kubernetes.io/dockerconfigjson' }) });
    expect(() => Testing.synth(c)).toThrow(
      "Secret 'test/registry-push/Resource' 'registry-push': type \"kubernetes.io/dockerconfigjson\" needs .dockerconfigjson, without which the API server "
      + 'refuses the Secret, and whose value is secret: no Secret of this type can be written both admitted and without secret values [NO_SECRET_MATERIAL]. '
      + 'Write no Secret: reference an existing one (kplus.Secret.fromSecretName, or secretName on the credential) created outside the manifests, '
      + 'or sync it from Vault (VaultSecretProviderClass secretObjects). '
      + "Or relax NO_SECRET_MATERIAL with a reason: Relaxations.of(registryPush).add({ rule: RuleId.NO_SECRET_MATERIAL, reason: '<why>' }).",
    );
  });

  test('neither secretName nor secret', () => {
    expect(() => new RegistryCredential(ci(), 'registry', {})).toThrow(
      "RegistryCredential 'test/registry': secretName is not set [VALID_SPEC]. Name the Secret (secretName: '<name>'), or give it as a cdk8s-plus object (secret: kplus.Secret.fromSecretName(scope, id, '<name>')).",
    );
  });

  test('secretName other than the name of secret', () => {
    const c = ci();
    const s = kplus.Secret.fromSecretName(c, 'push', 'registry-push');
    expect(() => new GitCredential(c, 'git', { secret: s, secretName: 'git-deploy-key', url: URL, knownHosts: GITHUB_KEY })).toThrow(
      "GitCredential 'test/git': secretName \"git-deploy-key\" differs from the name of secret 'registry-push' (test/push) [VALID_REFERENCE]. Give either secretName or secret, not both.",
    );
  });

  test('a Secret of the wrong type for a registry', () => {
    const c = ci();
    new RegistryCredential(c, 'registry', { secret: secret(c, 'registry-push', 'Opaque') });
    expect(() => Testing.synth(c)).toThrow(
      "RegistryCredential 'test/registry': secret \"registry-push\" is of type 'Opaque', not 'kubernetes.io/dockerconfigjson' [VALID_REFERENCE]. Give a Secret of type 'kubernetes.io/dockerconfigjson' (its keys are what the run reads).",
    );
  });

  test('a basic-auth Secret for an SSH URL', () => {
    const c = ci();
    new GitCredential(c, 'git', { secret: secret(c, 'git-deploy-key', 'kubernetes.io/basic-auth'), url: URL, knownHosts: GITHUB_KEY });
    expect(() => Testing.synth(c)).toThrow(
      "GitCredential 'test/git': secret \"git-deploy-key\" is of type 'kubernetes.io/basic-auth', not 'kubernetes.io/ssh-auth' [VALID_REFERENCE]. Give a Secret of type 'kubernetes.io/ssh-auth' (its keys are what the run reads).",
    );
  });

  test('a Secret of another namespace', () => {
    const app = Testing.app();
    const other = new Chart(app, 'other', { namespace: 'tools' });
    const c = new Chart(app, 'test', { namespace: 'ci' });
    new RegistryCredential(c, 'registry', { secret: secret(other, 'registry-push', 'kubernetes.io/dockerconfigjson') });
    expect(() => app.synth()).toThrow(
      "RegistryCredential 'test/registry': secret \"registry-push\" is in namespace 'tools', the credential in 'ci': a pod mounts the Secrets of its own namespace only [VALID_REFERENCE]. "
      + "Use a Secret of the credential's namespace, or create the credential in the chart of the Secret.",
    );
  });

  test('writeSecret with a secret given', () => {
    const c = ci();
    const s = kplus.Secret.fromSecretName(c, 'push', 'registry-push');
    const configJson = JSON.stringify({ auths: { 'registry.example.com': { auth: 'dXNlcjpwYXNz' } } });
    expect(() => new RegistryCredential(c, 'registry', { secret: s, configJson, writeSecret: true })).toThrow(
      "RegistryCredential 'test/registry': writeSecret \"true\" is set together with secret 'registry-push', which is written where it is defined [VALID_SPEC]. Leave writeSecret out: the Secret given as secret is the one the credential uses.",
    );
  });
});
