import { generateKeyPairSync, randomBytes } from 'crypto';
import * as fc from 'fast-check';
import { chainsConfig, describeRule, hardenedContainer, HARDENED_CHAINS_DATA, pipelineEmbedding, pipelineRun, task, taskRun, taskRunEmbedding, taskSpec } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { NO_SECRET_MATERIAL } from '../../../src/policy/rules/no-secret-material';
import { secretMaterialIn } from '../../../src/private/secrets';

/** A Secret `git` with these fields. */
function secret(fields: Record<string, any> = {}): any {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'git', namespace: 'ci', annotations: { 'tekton.dev/git-0': 'github.com' } }, type: 'Opaque', ...fields };
}
const holds = (property: string, value: string) => ({ rule: RuleId.NO_SECRET_MATERIAL, kind: 'Secret', name: 'git', property, value, problem: 'holds secret values' });

/** A ConfigMap `settings` with this data (and binaryData). */
function configMap(data: Record<string, any> | undefined, binaryData?: Record<string, string>): any {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'ci' }, data, ...(binaryData ? { binaryData } : {}) };
}

const FIX_CONFIGMAP = 'Move the value into a Secret (or sync it from Vault with VaultSecretProviderClass secretObjects) and reference that Secret instead.';
const FIX_ENV = 'Read it from a Secret: env valueFrom.secretKeyRef, or a workspace bound to a Secret or a Vault CSI volume.';
const FIX_STEP = 'Read it at run time from a Secret (a workspace bound to a Secret or a Vault CSI volume, or env valueFrom.secretKeyRef) instead of writing it into the step.';
const FIX_PARAM = 'Pass a reference, not the value: keep it in a Secret bound as a workspace (or a Vault CSI volume) and give the param its name or path.';

// Material is built at run time, so that no credential-shaped literal is committed.
const alnum = (n: number, seed = 7) => Array.from({ length: n }, (_, i) => 'aZ3kQ9mW2pLx7Rt5Yb8Nc4Vd6Hf1Jg0s'[(i * seed + i * i) % 32]).join('');
const RSA_KEY = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const PKCS8_KEY = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const ENCRYPTED_KEY = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'x' }).toString();
const pem = (label: string, body = randomBytes(96).toString('base64')) => `-----BEGIN ${label}-----\n${body.replace(/(.{64})/g, '$1\n')}\n-----END ${label}-----\n`;
const OPENSSH_KEY = pem('OPENSSH PRIVATE KEY', Buffer.concat([Buffer.from('openssh-key-v1\0'), randomBytes(120)]).toString('base64'));
const GH = {
  classic: ['ghp', 'gho', 'ghu', 'ghs', 'ghr'].map((p) => `${p}_${alnum(36)}`),
  fineGrained: `github_pat_${alnum(22, 3)}_${alnum(59, 5)}`,
};
const GITLAB = ['glpat', 'gldt', 'glrt', 'glptt', 'gloas', 'glft', 'glsoat', 'glimt', 'glagent', 'glcbt'].map((p) => `${p}-${alnum(20, 11)}`);
const SLACK = [`xoxb-${'1234567890'}-${'1234567890123'}-${alnum(24)}`, `xoxp-${'1234567890'}-${'1234567890'}-${'1234567890'}-${alnum(32, 13)}`,
  `xoxe.xoxp-1-${alnum(40, 9)}`, `xapp-1-A${'0123ABC'}-${'1234567890'}-${alnum(40, 3).toLowerCase()}`];
const SLACK_HOOK = `https://hooks.slack.com/services/T0${'12345678'}/B0${'12345678'}/${alnum(24, 17)}`;
const AWS_ID = `AKIA${'Q2WE4RTY6U7I3O5P'}`;
const AWS_SECRET = `${alnum(20, 19)}/${alnum(19, 23)}`;
const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const JWT = `${b64url({ alg: 'RS256', kid: 'k' })}.${b64url({ iss: 'https://kubernetes.default.svc', sub: 'system:serviceaccount:ci:builder' })}.${randomBytes(64).toString('base64url')}`;
const b64 = (text: string) => Buffer.from(text).toString('base64');
const SSH2_KEY = `---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\n${randomBytes(48).toString('base64')}\n---- END SSH2 ENCRYPTED PRIVATE KEY ----`;
const KUBECONFIG = (keyData: string) => `apiVersion: v1\nkind: Config\nusers:\n- name: ci\n  user:\n    client-certificate-data: ${b64(pem('CERTIFICATE'))}\n`
  + `    client-key-data: ${keyData}\n`;
const DOCKER_CONFIG = JSON.stringify({ auths: { 'registry.example.com': { auth: Buffer.from(`robot:${alnum(30)}`).toString('base64') } } });

/** [label, text, kind] */
const MATERIAL: Array<[string, string, string]> = [
  ['a PKCS#1 RSA key', RSA_KEY, 'a private key'],
  ['a PKCS#8 EC key', PKCS8_KEY, 'a private key'],
  ['an encrypted PKCS#8 key', ENCRYPTED_KEY, 'a private key'],
  ['an OpenSSH key', OPENSSH_KEY, 'a private key'],
  ['a legacy encrypted PEM key with headers', `-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0123456789ABCDEF\n\n${randomBytes(64).toString('base64')}\n-----END RSA PRIVATE KEY-----`, 'a private key'],
  ['a PGP key block', pem('PGP PRIVATE KEY BLOCK'), 'a private key'],
  ['a key inside service-account JSON', JSON.stringify({ type: 'service_account', private_key: PKCS8_KEY }), 'a private key'],
  ['an SSH2 key', SSH2_KEY, 'a private key'],
  ['a kubeconfig whose client-key-data is a base64-encoded PKCS#1 key', KUBECONFIG(b64(RSA_KEY)), 'a base64-encoded private key'],
  ['a base64-encoded PKCS#8 key wrapped at 76 columns (base64 without -w0)', b64(PKCS8_KEY).replace(/(.{76})/g, '$1\n'), 'a base64-encoded private key'],
  ['a base64-encoded OpenSSH key a script decodes', `#!/bin/sh\necho ${b64(OPENSSH_KEY)} | base64 -d > ~/.ssh/id_ed25519\n`, 'a base64-encoded private key'],
  ['a base64-encoded key without padding, followed by other words', `${b64(`${ENCRYPTED_KEY}x`).replace(/=+$/, '')}\nmore text`, 'a base64-encoded private key'],
  ['a base64-encoded SSH2 key', `key=${b64(SSH2_KEY)}`, 'a base64-encoded private key'],
  ['a PuTTY key', `PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: ci\nPublic-Lines: 2\n${alnum(40)}\nPrivate-Lines: 1\n${alnum(40)}\n`, 'a private key'],
  ...GH.classic.map((t): [string, string, string] => [`a GitHub ${t.slice(0, 4)} token`, t, 'a GitHub token']),
  ['a GitHub fine-grained token', GH.fineGrained, 'a GitHub token'],
  ['a GitHub token in a header', `curl -H "Authorization: token ${GH.classic[0]}" https://api.github.com/user`, 'a GitHub token'],
  // beside a Tekton reference, inside a command substitution or a reference of no root Tekton gives: text, not a name
  ['a GitHub token after a param', `$(params.user):${GH.classic[0]}`, 'a GitHub token'],
  ['a GitHub token in a command substitution', `$(echo ${GH.classic[0]})`, 'a GitHub token'],
  ['a GitHub token as the name of a kubelet reference', `$(${GH.classic[0]})`, 'a GitHub token'],
  ['a GitHub token in a reference with a space', `$(params.x ${GH.classic[0]})`, 'a GitHub token'],
  ...GITLAB.map((t): [string, string, string] => [`a GitLab ${t.split('-')[0]} token`, t, 'a GitLab token']),
  ...SLACK.map((t): [string, string, string] => [`a Slack ${t.slice(0, 4)} token`, t, 'a Slack token']),
  ['a Slack webhook', SLACK_HOOK, 'a Slack webhook URL'],
  ['an AWS credentials file', `[default]\naws_access_key_id = ${AWS_ID}\naws_secret_access_key = ${AWS_SECRET}\n`, 'an AWS secret access key'],
  ['an AWS env file', `AWS_SECRET_ACCESS_KEY=${AWS_SECRET}`, 'an AWS secret access key'],
  ['an AWS key pair in one value', `${AWS_ID}:${AWS_SECRET}`, 'an AWS secret access key'],
  ['a JWT', JWT, 'a JSON Web Token'],
  ['a bearer header', `Authorization: Bearer ${JWT}`, 'a JSON Web Token'],
  ['a Docker config.json', DOCKER_CONFIG, 'registry credentials'],
  ['a Docker config with a password', JSON.stringify({ auths: { 'ghcr.io': { username: 'ci', password: 'hunter2' } } }), 'registry credentials'],
  ['a Docker config with an identity token', JSON.stringify({ auths: { 'r.example.com': { identitytoken: 'abc' } } }), 'registry credentials'],
  ['a base64-encoded Docker config.json (a .dockerconfigjson value outside a Secret)', b64(DOCKER_CONFIG), 'base64-encoded registry credentials'],
  ['a base64-encoded indented Docker config wrapped at 76 columns', b64(JSON.stringify(JSON.parse(DOCKER_CONFIG), null, 2)).replace(/(.{76})/g, '$1\n'), 'base64-encoded registry credentials'],
  ['a base64-encoded Docker config a script decodes', `echo ${b64(`{\t"auths": {"ghcr.io": {"username": "ci", "password": "${alnum(24)}"}}}`)} | base64 -d > ~/.docker/config.json`, 'base64-encoded registry credentials'],
  ['a base64-encoded legacy .dockercfg without padding, before other words', `${b64(`{ "https://index.docker.io/v1/": {"auth": "${b64(`ci:${alnum(20)}`)}"} }`).replace(/=+$/, '')} next`, 'base64-encoded registry credentials'],
  ['a legacy .dockercfg', JSON.stringify({ 'https://index.docker.io/v1/': { auth: 'dXNlcjpwYXNz', email: 'ci@example.com' } }), 'registry credentials'],
  ['an https URL with a password', 'https://ci-bot:s3cr3t-P4ss@git.example.com/org/repo.git', 'a URL with a password'],
  ['a database URL', 'postgres://app:correct-horse@db.internal:5432/app', 'a URL with a password'],
  ['a Mongo URL with hosts', 'mongodb://root:pw@mongo-0.mongo,mongo-1.mongo:27017/?replicaSet=rs0', 'a URL with a password'],
  ['a percent-encoded password', 'https://user:p%40ss@host.example.com', 'a URL with a password'],
  ['an empty user name with a password', 'https://:tok3n@host.example.com', 'a URL with a password'],
  ['a URL inside a script', '#!/bin/sh\ngit clone "https://x:abc123@github.com/org/repo.git" src\n', 'a URL with a password'],
];

/** [label, text]: values that look related but hold no material */
const NOT_MATERIAL: Array<[string, string]> = [
  ['a public key', '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----'],
  ['a certificate', pem('CERTIFICATE')],
  ['a base64-encoded certificate (a kubeconfig without a key)', KUBECONFIG('').trim()],
  ['a base64-encoded public key', b64('-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----')],
  ['a base64-encoded key header without a body', b64('-----BEGIN RSA PRIVATE KEY-----\n')],
  ['a base64-encoded placeholder key', b64(pem('PRIVATE KEY', 'X'.repeat(64)))],
  ['the base64 of a key inside a longer base64 word', `QUJD${b64(RSA_KEY).slice(0, 200)}`],
  ['a key header without a body (a script that greps for it)', 'grep -q "BEGIN OPENSSH PRIVATE KEY" ~/.ssh/id'],
  ['a truncated key in documentation', '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA...\n-----END RSA PRIVATE KEY-----'],
  ['a placeholder key body', pem('PRIVATE KEY', 'X'.repeat(64))],
  ['a placeholder GitHub token', `ghp_${'x'.repeat(36)}`],
  ['a GitHub token one character short', GH.classic[0].slice(0, -1)],
  ['a GitHub token inside a longer word', `${GH.classic[0]}9`],
  ['a GitHub prefix in prose', 'tokens start with ghp_ or github_pat_'],
  ['a param whose name has a GitHub token\'s shape', `git push https://x:$(params.${GH.classic[1]})@github.com/o/r`],
  ['a bracketed param, a result, a Triggers param with a token\'s shape', `$(params["${GH.classic[0]}"]) $(tasks.t.results.${GITLAB[0]}) $(tt.params.${SLACK[0]})`],
  ['a short GitLab-like word', 'glpat-short'],
  ['a placeholder GitLab token', `glpat-${'x'.repeat(20)}`],
  ['an AWS access key ID alone', AWS_ID],
  ['AWS\'s documented example key', `aws_secret_access_key = ${'wJalrXUtnFEMI/K7MDENG/bPxRfiCY'}EXAMPLEKEY`],
  ['a key ID next to a git SHA', `${AWS_ID} ${'0123456789abcdef0123456789abcdef01234567'}`],
  ['a JWT-like value with alg none', `${b64url({ alg: 'none' })}.${b64url({ sub: 'x' })}.${'a'.repeat(20)}`],
  ['a dotted value that is no JWT', 'eyJhbGciOi.eyJzdWIiOi.notbase64json'],
  ['a Docker config without credentials', JSON.stringify({ auths: { 'r.example.com': {} }, credHelpers: { 'gcr.io': 'gcloud' } })],
  ['JSON that is no Docker config', JSON.stringify({ db: { password: 'x' } })],
  ['a base64-encoded Docker config without credentials', b64(JSON.stringify({ auths: { 'r.example.com': {} }, credsStore: 'desktop' }))],
  ['base64-encoded JSON that is no Docker config', b64(JSON.stringify({ db: { password: 'x' }, note: 'a longer object' }))],
  ['the base64 of a Docker config inside a longer base64 word', `QUJD${b64(DOCKER_CONFIG)}`],
  ['a URL with a user only', 'ssh://git@github.com/org/repo.git'],
  ['an scp-like git address', 'git@github.com:org/repo.git'],
  ['a URL with a Tekton param as password', 'https://$(params.user):$(params.token)@github.com/org/repo'],
  ['a URL with a shell variable as password', 'https://oauth2:${GITLAB_TOKEN}@gitlab.com/org/repo'],
  ['a URL with a bare shell variable', 'https://x-access-token:$TOKEN@github.com/org/repo'],
  ['a URL with a command substitution', 'https://u:$(cat /workspace/creds/token)@github.com/org/repo'],
  ['a URL with a template', 'https://u:{{ .Password }}@host.example.com'],
  ['a URL with a placeholder', 'https://user:<password>@host.example.com'],
  ['a URL with a masked password', 'https://user:***@host.example.com'],
  ['a URL with a printf verb', 'https://%s:%s@host.example.com'],
  ['a plain https URL', 'https://vault.example.com:8200/v1/secret/data/ci'],
  ['a URL with an @ in the path', 'https://registry.example.com/v2/@sha256:abc'],
  ['a long random string (entropy is not a signal)', randomBytes(48).toString('base64')],
  ['a digest', `sha256:${'ab'.repeat(32)}`],
  ['an empty string', ''],
];

describe('NO_SECRET_MATERIAL', () => {
  describeRule(NO_SECRET_MATERIAL, RuleId.NO_SECRET_MATERIAL, Severity.HIGH, true);

  test('applies to Secrets, ConfigMaps and Tekton objects', () => {
    expect(NO_SECRET_MATERIAL.appliesTo(secret())).toBe(true);
    expect(NO_SECRET_MATERIAL.appliesTo(configMap({ password: 'x' }))).toBe(true);
    for (const m of [task(), taskRun(), pipelineRun(), pipelineEmbedding(taskSpec())]) expect(NO_SECRET_MATERIAL.appliesTo(m)).toBe(true);
    expect(NO_SECRET_MATERIAL.appliesTo({ apiVersion: 'tekton.dev/v1beta1', kind: 'StepAction', metadata: { name: 's' }, spec: {} })).toBe(true);
    expect(NO_SECRET_MATERIAL.appliesTo({ apiVersion: 'example.com/v1', kind: 'Task', spec: {} })).toBe(false);
    expect(NO_SECRET_MATERIAL.appliesTo({ kind: 'Deployment', spec: {} })).toBe(false);
  });

  describe('Secrets', () => {
    test('compliant: a Secret that only names what it holds, or holds empty maps', () => {
      expect(NO_SECRET_MATERIAL.check(secret())).toEqual([]);
      expect(NO_SECRET_MATERIAL.check(secret({ data: {}, stringData: {} }))).toEqual([]);
    });

    test('non-compliant: stringData, the keys (never the values) as value', () => {
      const findings = NO_SECRET_MATERIAL.check(secret({ stringData: { 'ssh-privatekey': '-----BEGIN OPENSSH PRIVATE KEY-----' } }));
      expect(findings).toEqual([holds('stringData', 'ssh-privatekey')]);
      expect(JSON.stringify(findings)).not.toContain('BEGIN');
    });

    test('non-compliant: base64 data with several keys, and both fields at once', () => {
      expect(NO_SECRET_MATERIAL.check(secret({ data: { 'ssh-privatekey': 'LS0t', 'known_hosts': 'Z2l0aHVi' } }))).toEqual([holds('data', 'ssh-privatekey,known_hosts')]);
      expect(NO_SECRET_MATERIAL.check(secret({ data: { a: 'YQ==' }, stringData: { b: 'b' } }))).toEqual([holds('data', 'a'), holds('stringData', 'b')]);
    });

    test('non-compliant: an empty value still ships the key', () => {
      expect(NO_SECRET_MATERIAL.check(secret({ stringData: { token: '' } }))).toEqual([holds('stringData', 'token')]);
    });
  });

  describe('what counts as material', () => {
    test.each(MATERIAL)('%s', (_, text, kind) => {
      expect(secretMaterialIn(text)).toBe(kind);
    });

    test.each(NOT_MATERIAL)('not material: %s', (_, text) => {
      expect(secretMaterialIn(text)).toBeUndefined();
    });

    test('a bare AWS secret access key is known by its name', () => {
      expect(secretMaterialIn(AWS_SECRET, 'AWS_SECRET_ACCESS_KEY')).toBe('an AWS secret access key');
      expect(secretMaterialIn(AWS_SECRET, 'aws-secret-access-key')).toBe('an AWS secret access key');
      expect(secretMaterialIn(AWS_SECRET, 'secretAccessKey')).toBe('an AWS secret access key');
      expect(secretMaterialIn(AWS_SECRET, 'CHECKSUM')).toBeUndefined();
      expect(secretMaterialIn(AWS_SECRET)).toBeUndefined();
      expect(secretMaterialIn('0123456789abcdef0123456789abcdef01234567', 'AWS_SECRET_ACCESS_KEY')).toBeUndefined();
    });

    test('property: a GitHub classic token is found wherever it stands between separators, whatever its random part', () => {
      const random = fc.stringMatching(/^[A-Za-z0-9]{36}$/).filter((s) => !/^(.)\1*$/.test(s) && !/EXAMPLE/i.test(s));
      const sep = fc.constantFrom(' ', '\n', '"', '=', ':', '', '/');
      fc.assert(fc.property(fc.constantFrom('ghp', 'gho', 'ghu', 'ghs', 'ghr'), random, sep, sep, (prefix, body, before, after) => {
        expect(secretMaterialIn(`x${before}${prefix}_${body}${after}`)).toBe(before === '' ? undefined : 'a GitHub token');
      }));
    });

    test('property: a URL password is material unless it is a reference', () => {
      const password = fc.stringMatching(/^[A-Za-z0-9!~*();&=+,.-]{1,16}$/).filter((p) => !/^(?:\*+|x+|X+|\.\.\.)$/.test(p));
      fc.assert(fc.property(password, fc.constantFrom('https', 'http', 'postgres', 'redis'), (p, scheme) => {
        expect(secretMaterialIn(`${scheme}://user:${p}@host.example.com/x`)).toBe('a URL with a password');
        expect(secretMaterialIn(`${scheme}://user:$(params.${p.replace(/[^A-Za-z0-9]/g, '') || 'p'})@host.example.com/x`)).toBeUndefined();
        expect(secretMaterialIn(`${scheme}://user@host.example.com/${p}`)).toBeUndefined();
      }));
    });

    test('property: random text with no structure is never material', () => {
      fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => {
        expect(secretMaterialIn(text)).toBeUndefined();
      }), { numRuns: 2000 });
    });
  });

  describe('ConfigMaps', () => {
    const inData = (key: string, problem: string) => ({ rule: RuleId.NO_SECRET_MATERIAL, kind: 'ConfigMap', name: 'settings', target: `key/${key}`, property: `data['${key}']`, problem, fix: FIX_CONFIGMAP });

    test('compliant: settings without material', () => {
      expect(NO_SECRET_MATERIAL.check(configMap({ 'log-level': 'debug', 'url': 'https://example.com', 'ca.crt': pem('CERTIFICATE') }))).toEqual([]);
      expect(NO_SECRET_MATERIAL.check(configMap(undefined))).toEqual([]);
    });

    test.each(MATERIAL)('non-compliant: data holding %s', (_, text, kind) => {
      const findings = NO_SECRET_MATERIAL.check(configMap({ 'log-level': 'debug', 'value': text }));
      expect(findings).toEqual([inData('value', `holds ${kind}`)]);
      expect(JSON.stringify(findings)).not.toContain(text.slice(0, 12) || '\u0000');
    });

    test('non-compliant: binaryData is decoded first', () => {
      expect(NO_SECRET_MATERIAL.check(configMap({}, { id_rsa: Buffer.from(RSA_KEY).toString('base64') }))).toEqual([
        { rule: RuleId.NO_SECRET_MATERIAL, kind: 'ConfigMap', name: 'settings', target: 'key/id_rsa', property: "binaryData['id_rsa']", problem: 'holds a private key', fix: FIX_CONFIGMAP },
      ]);
    });

    test('non-compliant: a bare AWS secret under its conventional key, and a .dockerconfigjson key', () => {
      expect(NO_SECRET_MATERIAL.check(configMap({ AWS_SECRET_ACCESS_KEY: AWS_SECRET, config: DOCKER_CONFIG }))).toEqual([
        inData('AWS_SECRET_ACCESS_KEY', 'holds an AWS secret access key'),
        inData('config', 'holds registry credentials'),
      ]);
    });

    test('chains-config: credentials CHAINS_KNOWN_KEYS refuses are left to it; a password in a storage URL is found here', () => {
      const cm = chainsConfig({
        ...HARDENED_CHAINS_DATA,
        'signers.kms.auth.token': GH.classic[3],
        'storage.docdb.mongo-server-url': 'mongodb://root:pw@mongo:27017',
        'storage.docdb.url': 'mongo://chains:hunter2@mongo.chains.svc:27017/chains/sig',
      });
      expect(NO_SECRET_MATERIAL.check(cm)).toEqual([
        { rule: RuleId.NO_SECRET_MATERIAL, kind: 'ConfigMap', name: 'chains-config', target: 'key/storage.docdb.url', property: "data['storage.docdb.url']", problem: 'holds a URL with a password', fix: FIX_CONFIGMAP },
      ]);
      expect(NO_SECRET_MATERIAL.check(chainsConfig({ ...HARDENED_CHAINS_DATA }))).toEqual([]);
    });
  });

  describe('Tekton objects', () => {
    type Where = string | undefined;
    const at = (kind: string, name: string, location: Where, target: Where, property: string, problem: string, fix: string) =>
      ({ rule: RuleId.NO_SECRET_MATERIAL, kind, name, ...(location ? { location } : {}), ...(target ? { target } : {}), property, problem, fix });

    test('compliant: the hardened fixtures, and references to Secrets', () => {
      expect(NO_SECRET_MATERIAL.check(task())).toEqual([]);
      expect(NO_SECRET_MATERIAL.check(pipelineRun())).toEqual([]);
      expect(NO_SECRET_MATERIAL.check(taskRun())).toEqual([]);
      // a param named like a token: the reference holds its value, not the name
      const named = task({ params: [{ name: GH.classic[0] }], steps: [hardenedContainer('compile', { script: `#!/bin/sh\ngh auth login --with-token <<< "$(params.${GH.classic[0]})"\n` })] });
      expect(NO_SECRET_MATERIAL.check(named)).toEqual([]);
      expect(NO_SECRET_MATERIAL.check(task({ steps: [hardenedContainer('compile', { script: `#!/bin/sh\necho "$(echo ${GH.classic[0]})"\n` })] }))).toEqual([
        at('Task', 'build', "step 'compile'", 'step/compile', 'script', 'holds a GitHub token', FIX_STEP),
      ]);
      expect(NO_SECRET_MATERIAL.check(task({
        params: [{ name: 'url', default: 'https://github.com/org/repo.git' }],
        steps: [hardenedContainer('compile', {
          env: [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'git', key: 'token' } } }, { name: 'URL', value: 'https://$(params.user):$(params.token)@github.com' }],
          script: '#!/bin/sh\ngit clone "https://x-access-token:${TOKEN}@github.com/org/repo.git"\n',
        })],
      }))).toEqual([]);
    });

    test.each(MATERIAL)('non-compliant: a step env value holding %s', (_, text, kind) => {
      expect(NO_SECRET_MATERIAL.check(task({ steps: [hardenedContainer('compile', { env: [{ name: 'X', value: 'ok' }, { name: 'CRED', value: text }] })] }))).toEqual([
        at('Task', 'build', "step 'compile'", 'step/compile', 'env[CRED].value', `holds ${kind}`, FIX_ENV),
      ]);
    });

    test('non-compliant: script, command and args of steps and sidecars; a stepTemplate once', () => {
      const spec = taskSpec({
        stepTemplate: { env: [{ name: 'GITHUB_TOKEN', value: GH.classic[0] }] },
        steps: [
          hardenedContainer('clone', { script: `#!/bin/sh\ngit clone https://bot:${alnum(12)}@git.example.com/org/repo.git\n` }),
          hardenedContainer('push', { script: undefined, command: ['curl'], args: ['-H', `Authorization: Bearer ${JWT}`, 'https://api.example.com'] }),
          hardenedContainer('notify', { script: undefined, command: ['/bin/notify', SLACK_HOOK] }),
        ],
        sidecars: [hardenedContainer('db', { script: undefined, args: ['--password-file=/dev/null', `--dsn=postgres://app:${alnum(10)}@localhost/app`] })],
      });
      expect(NO_SECRET_MATERIAL.check({ apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: 'build' }, spec })).toEqual([
        at('Task', 'build', 'stepTemplate', 'stepTemplate', 'env[GITHUB_TOKEN].value', 'holds a GitHub token', FIX_ENV),
        at('Task', 'build', "step 'clone'", 'step/clone', 'script', 'holds a URL with a password', FIX_STEP),
        at('Task', 'build', "step 'push'", 'step/push', 'args', 'holds a JSON Web Token', FIX_STEP),
        at('Task', 'build', "step 'notify'", 'step/notify', 'command', 'holds a Slack webhook URL', FIX_STEP),
        at('Task', 'build', "sidecar 'db'", 'sidecar/db', 'args', 'holds a URL with a password', FIX_STEP),
      ]);
    });

    test('non-compliant: param defaults of a Task (string, array and object params)', () => {
      expect(NO_SECRET_MATERIAL.check(task({
        params: [
          { name: 'token', default: GITLAB[0] },
          { name: 'keys', type: 'array', default: ['a', PKCS8_KEY] },
          { name: 'creds', type: 'object', properties: { url: {} }, default: { url: 'https://u:p4ss@h.example.com' } },
          { name: 'plain', default: 'main' },
        ],
      }))).toEqual([
        at('Task', 'build', undefined, undefined, 'params[token].default', 'holds a GitLab token', FIX_PARAM),
        at('Task', 'build', undefined, undefined, 'params[keys].default', 'holds a private key', FIX_PARAM),
        at('Task', 'build', undefined, undefined, 'params[creds].default', 'holds a URL with a password', FIX_PARAM),
      ]);
    });

    test('non-compliant: a Pipeline\'s defaults, the values its tasks pass (matrix too) and its embedded task specs', () => {
      const pipeline = pipelineEmbedding(taskSpec({ params: [{ name: 'p', default: GH.fineGrained }] }));
      pipeline.spec.params = [{ name: 'registry-auth', default: DOCKER_CONFIG }];
      pipeline.spec.tasks.push({
        name: 'deploy',
        taskRef: { name: 'deploy' },
        params: [{ name: 'kubeconfig-token', value: JWT }, { name: 'ref', value: '$(params.ref)' }],
        matrix: { params: [{ name: 'target', value: ['a', SLACK[0]] }], include: [{ name: 'x', params: [{ name: 'aws', value: `${AWS_ID} ${AWS_SECRET}` }] }] },
      });
      expect(NO_SECRET_MATERIAL.check(pipeline)).toEqual([
        at('Pipeline', 'pipe', "task 'build'", 'task/build', 'params[p].default', 'holds a GitHub token', FIX_PARAM),
        at('Pipeline', 'pipe', undefined, undefined, 'params[registry-auth].default', 'holds registry credentials', FIX_PARAM),
        at('Pipeline', 'pipe', "task 'deploy'", 'task/deploy', 'params[kubeconfig-token].value', 'holds a JSON Web Token', FIX_PARAM),
        at('Pipeline', 'pipe', "task 'deploy'", 'task/deploy', 'matrix.params[target].value', 'holds a Slack token', FIX_PARAM),
        at('Pipeline', 'pipe', "task 'deploy'", 'task/deploy', 'matrix.include.params[aws].value', 'holds an AWS secret access key', FIX_PARAM),
      ]);
    });

    test('non-compliant: pipeline specs embedded in pipeline tasks', () => {
      const run = pipelineRun({
        pipelineRef: undefined,
        pipelineSpec: { tasks: [{ name: 'outer', pipelineSpec: { params: [{ name: 'k', default: RSA_KEY }], tasks: [{ name: 'inner', taskRef: { name: 't' }, params: [{ name: 'k', value: GITLAB[1] }] }] } }] },
      });
      expect(NO_SECRET_MATERIAL.check(run)).toEqual([
        at('PipelineRun', 'pipe-run', "task 'outer'", 'task/outer', 'params[k].default', 'holds a private key', FIX_PARAM),
        at('PipelineRun', 'pipe-run', "task 'outer' task 'inner'", 'task/outer/task/inner', 'params[k].value', 'holds a GitLab token', FIX_PARAM),
      ]);
    });

    test('non-compliant: what runs pass: params and pod template env (v1 and v1beta1)', () => {
      expect(NO_SECRET_MATERIAL.check(pipelineRun({
        params: [{ name: 'git-url', value: 'https://bot:pw123@git.example.com/r.git' }],
        taskRunTemplate: { serviceAccountName: 'r', podTemplate: { env: [{ name: 'SLACK', value: SLACK[1] }] } },
        taskRunSpecs: [{ pipelineTaskName: 'build', podTemplate: { env: [{ name: 'T', value: GH.classic[1] }] } }],
      }))).toEqual([
        at('PipelineRun', 'pipe-run', undefined, undefined, 'params[git-url].value', 'holds a URL with a password', FIX_PARAM),
        at('PipelineRun', 'pipe-run', undefined, undefined, 'taskRunTemplate.podTemplate.env[SLACK].value', 'holds a Slack token', FIX_ENV),
        at('PipelineRun', 'pipe-run', "task 'build'", 'task/build', 'taskRunSpecs.podTemplate.env[T].value', 'holds a GitHub token', FIX_ENV),
      ]);
      const beta = { ...pipelineRun({ podTemplate: { env: [{ name: 'K', value: JWT }] }, taskRunSpecs: [{ pipelineTaskName: 'b', taskPodTemplate: { env: [{ name: 'K', value: JWT }] } }] }), apiVersion: 'tekton.dev/v1beta1' };
      expect(NO_SECRET_MATERIAL.check(beta).map((f) => f.property)).toEqual(['podTemplate.env[K].value', 'taskRunSpecs.taskPodTemplate.env[K].value']);
      expect(NO_SECRET_MATERIAL.check(taskRun({ params: [{ name: 'token', value: GH.classic[2] }], podTemplate: { env: [{ name: 'E', value: GITLAB[2] }] } }))).toEqual([
        at('TaskRun', 'build-run', undefined, undefined, 'params[token].value', 'holds a GitHub token', FIX_PARAM),
        at('TaskRun', 'build-run', undefined, undefined, 'podTemplate.env[E].value', 'holds a GitLab token', FIX_ENV),
      ]);
    });

    test('non-compliant: an embedded task spec of a TaskRun, steps running StepActions, and StepActions', () => {
      expect(NO_SECRET_MATERIAL.check(taskRunEmbedding(taskSpec({ steps: [{ name: 'scan', ref: { name: 'scan' }, params: [{ name: 'token', value: GH.classic[4] }] }] })))).toEqual([
        at('TaskRun', 'build-run', "step 'scan'", 'step/scan', 'params[token].value', 'holds a GitHub token', FIX_PARAM),
      ]);
      const action = {
        apiVersion: 'tekton.dev/v1beta1',
        kind: 'StepAction',
        metadata: { name: 'scan' },
        spec: { image: 'x', params: [{ name: 'token', default: GITLAB[3] }], env: [{ name: 'K', value: SLACK[2] }], script: '#!/bin/sh\n' },
      };
      expect(NO_SECRET_MATERIAL.check(action)).toEqual([
        at('StepAction', 'scan', "stepAction 'scan'", 'step/scan', 'env[K].value', 'holds a Slack token', FIX_ENV),
        at('StepAction', 'scan', undefined, undefined, 'params[token].default', 'holds a GitLab token', FIX_PARAM),
      ]);
    });

    test('non-compliant: params given to a resolver (a git url with a token is kept in the run\'s provenance)', () => {
      const gitRef = (url: string) => ({ resolver: 'git', params: [{ name: 'url', value: url }, { name: 'revision', value: 'a'.repeat(40) }] });
      const url = 'https://deploy:S3cr3tPassw0rd@git.example.com/org/p.git';
      expect(NO_SECRET_MATERIAL.check(pipelineRun({ pipelineRef: gitRef(url) })).map((f) => [f.property, f.problem]))
        .toEqual([['pipelineRef.params[url].value', 'holds a URL with a password']]);
      expect(NO_SECRET_MATERIAL.check(pipelineEmbedding(taskSpec(), 'tasks')).length).toBe(0);
      const pipeline = { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'p' }, spec: { tasks: [{ name: 'clone', taskRef: gitRef(`https://oauth2:${GITLAB[0]}@gitlab.com/o/t.git`) }] } };
      expect(NO_SECRET_MATERIAL.check(pipeline).map((f) => [f.location, f.property])).toEqual([["task 'clone'", 'taskRef.params[url].value']]);
      expect(NO_SECRET_MATERIAL.check(taskRunEmbedding(taskSpec({ steps: [{ name: 'scan', ref: gitRef(url) }] }))).map((f) => [f.location, f.property]))
        .toEqual([["step 'scan'", 'ref.params[url].value']]);
      expect(NO_SECRET_MATERIAL.check(taskRun({ taskRef: gitRef(url) })).map((f) => f.property)).toEqual(['taskRef.params[url].value']);
    });

    test('non-compliant: a CustomRun\'s params, which Tekton v1.15 stores in the CustomRun (tekton.dev/v1beta1) as written, with the exact finding', () => {
      const customRun = (params: unknown) => ({
        apiVersion: 'tekton.dev/v1beta1',
        kind: 'CustomRun',
        metadata: { name: 'deploy-run', namespace: 'ci' },
        spec: { customRef: { apiVersion: 'example.dev/v1', kind: 'Deploy' }, params },
      });
      expect(NO_SECRET_MATERIAL.appliesTo(customRun([]))).toBe(true);
      expect(NO_SECRET_MATERIAL.check(customRun([{ name: 'token', value: GH.classic[3] }, { name: 'env', value: 'prod' }]))).toEqual([
        at('CustomRun', 'deploy-run', undefined, undefined, 'params[token].value', 'holds a GitHub token', FIX_PARAM),
      ]);
      expect(NO_SECRET_MATERIAL.check(customRun([{ name: 'token', value: 'deploy-token' }]))).toEqual([]);
    });

    test('non-compliant: the spec of a custom task, which Tekton v1.15 hands to its controller as written (a CustomRun\'s customSpec.spec; a pipeline task\'s taskSpec.spec, marshalled into the CustomRun it creates)', () => {
      const FIX_CUSTOM = 'Read it at run time from a Secret the custom task\'s controller is given (a workspace, or a param naming the Secret) instead of writing it into the custom task\'s spec.';
      const url = 'https://deploy:S3cr3tPassw0rd@deploy.example.com/api';
      const customRun = {
        apiVersion: 'tekton.dev/v1beta1',
        kind: 'CustomRun',
        metadata: { name: 'deploy-run', namespace: 'ci' },
        spec: { customSpec: { apiVersion: 'example.dev/v1', kind: 'Deploy', spec: { 'endpoint': url, 'notify': { hooks: ['https://example.com', SLACK_HOOK] }, 'x-y z': GH.classic[1] } } },
      };
      expect(NO_SECRET_MATERIAL.check(customRun)).toEqual([
        at('CustomRun', 'deploy-run', undefined, undefined, 'customSpec.spec.endpoint', 'holds a URL with a password', FIX_CUSTOM),
        at('CustomRun', 'deploy-run', undefined, undefined, 'customSpec.spec.notify.hooks[1]', 'holds a Slack webhook URL', FIX_CUSTOM),
        at('CustomRun', 'deploy-run', undefined, undefined, "customSpec.spec['x-y z']", 'holds a GitHub token', FIX_CUSTOM),
      ]);
      // in a pipeline task: its steps, sidecars and params' defaults are read once, as a task spec's (with their own fix)
      const pipeline = {
        apiVersion: 'tekton.dev/v1',
        kind: 'Pipeline',
        metadata: { name: 'p' },
        spec: {
          tasks: [{
            name: 'approve',
            taskSpec: {
              apiVersion: 'example.dev/v1',
              kind: 'Approval',
              spec: {
                endpoint: url,
                params: [{ name: 'k', default: GITLAB[1], description: GITLAB[2] }],
                steps: [hardenedContainer('s', { script: `#!/bin/sh\ncurl ${url}\n` })],
              },
            },
          }],
        },
      };
      expect(NO_SECRET_MATERIAL.check(pipeline).map((f) => [f.location, f.target, f.property, f.problem, f.fix])).toEqual([
        ["task 'approve' step 's'", 'task/approve/step/s', 'script', 'holds a URL with a password', FIX_STEP],
        ["task 'approve'", 'task/approve', 'params[k].default', 'holds a GitLab token', FIX_PARAM],
        ["task 'approve'", 'task/approve', 'taskSpec.spec.endpoint', 'holds a URL with a password', FIX_CUSTOM],
        ["task 'approve'", 'task/approve', 'taskSpec.spec.params[0].description', 'holds a GitLab token', FIX_CUSTOM],
      ]);
      // a PipelineLoop's pipelineSpec is read as a pipeline's (once); its other fields as a custom spec's
      const loop = {
        ...pipeline,
        spec: {
          tasks: [{
            name: 'each',
            taskSpec: {
              apiVersion: 'custom.tekton.dev/v1alpha1',
              kind: 'PipelineLoop',
              spec: { iterateParam: url, pipelineSpec: { tasks: [{ name: 'inner', params: [{ name: 'u', value: url }], taskRef: { name: 't' } }] } },
            },
          }],
        },
      };
      expect(NO_SECRET_MATERIAL.check(loop).map((f) => [f.location, f.property])).toEqual([
        ["task 'each'", 'taskSpec.spec.iterateParam'],
        ["task 'each' task 'inner'", 'params[u].value'],
      ]);
    });

    test('non-compliant: the labels and annotations of an embedded spec\'s metadata, which Tekton gives the TaskRun or CustomRun it creates', () => {
      const FIX_METADATA = 'Remove the value from the annotation or label (keep it in a Secret or Vault and reference it): an object\'s metadata '
        + 'is read by whoever can get the object, and copied into the runs, events and logs made from it.';
      const url = 'https://deploy:S3cr3tPassw0rd@deploy.example.com/api';
      const pipeline = {
        apiVersion: 'tekton.dev/v1',
        kind: 'Pipeline',
        metadata: { name: 'p' },
        spec: { tasks: [{ name: 'build', taskSpec: { metadata: { annotations: { notify: url } }, steps: [hardenedContainer('s')] } }] },
      };
      expect(NO_SECRET_MATERIAL.check(pipeline)).toEqual([
        at('Pipeline', 'p', "task 'build'", 'task/build', "taskSpec.metadata.annotations['notify']", 'holds a URL with a password', FIX_METADATA),
      ]);
      const customRun = {
        apiVersion: 'tekton.dev/v1beta1',
        kind: 'CustomRun',
        metadata: { name: 'deploy-run' },
        spec: { customSpec: { apiVersion: 'example.dev/v1', kind: 'Deploy', metadata: { labels: { token: GH.classic[0] } }, spec: {} } },
      };
      expect(NO_SECRET_MATERIAL.check(customRun)).toEqual([
        at('CustomRun', 'deploy-run', undefined, undefined, "customSpec.metadata.labels['token']", 'holds a GitHub token', FIX_METADATA),
      ]);
    });

    test('non-compliant: a step\'s workingDir, which the kubelet gives the container runtime as written (it is in the pod spec)', () => {
      const url = 'https://deploy:S3cr3tPassw0rd@git.example.com/org/p.git';
      expect(NO_SECRET_MATERIAL.check(task({ steps: [hardenedContainer('s', { workingDir: `/workspace/${url}` })] }))).toEqual([
        at('Task', 'build', "step 's'", 'step/s', 'workingDir', 'holds a URL with a password', FIX_STEP),
      ]);
      expect(NO_SECRET_MATERIAL.check(task({ steps: [hardenedContainer('s', { workingDir: '$(workspaces.source.path)' })] }))).toEqual([]);
    });

    test('a finding never carries the material', () => {
      const findings = NO_SECRET_MATERIAL.check(task({ params: [{ name: 'k', default: GH.classic[0] }], steps: [hardenedContainer('s', { env: [{ name: 'K', value: JWT }] })] }));
      expect(findings).toHaveLength(2);
      expect(JSON.stringify(findings)).not.toMatch(/ghp_|eyJ/);
    });
  });
});

describe('NO_SECRET_MATERIAL: SecretProviderClasses and Secrets Store CSI volumes', () => {
  const FIX_SPC = 'Keep the value in Vault (or a Secret) and reference it: a SecretProviderClass names where secrets are, never what they are.';
  const spc = (parameters: Record<string, any>) => ({
    apiVersion: 'secrets-store.csi.x-k8s.io/v1',
    kind: 'SecretProviderClass',
    metadata: { name: 'vault', namespace: 'ci' },
    spec: { provider: 'vault', parameters: { vaultAddress: 'https://vault.example.com', roleName: 'ci', objects: '- objectName: a\n  secretPath: secret/data/a\n  secretKey: k\n', ...parameters } },
  });

  test('non-compliant: a password in the address, a token for the provider, a secretArgs body, with the exact finding', () => {
    const m = spc({ vaultAddress: 'https://ci:' + alnum(24) + '@vault.example.com' });
    expect(NO_SECRET_MATERIAL.appliesTo(m)).toBe(true);
    expect(NO_SECRET_MATERIAL.check(m)).toEqual([{
      rule: RuleId.NO_SECRET_MATERIAL, kind: 'SecretProviderClass', name: 'vault', target: 'key/vaultAddress', property: 'parameters.vaultAddress', problem: 'holds a URL with a password', fix: FIX_SPC,
    }]);
    const tokens = JSON.stringify({ vault: { token: JWT, expirationTimestamp: '2030-01-01T00:00:00Z' } });
    expect(NO_SECRET_MATERIAL.check(spc({ 'csi.storage.k8s.io/serviceAccount.tokens': tokens })).map((f) => [f.property, f.problem]))
      .toEqual([['parameters.csi.storage.k8s.io/serviceAccount.tokens', 'holds a JSON Web Token']]);
    const objects = `- objectName: cert\n  secretPath: pki/issue/ci\n  method: POST\n  secretArgs:\n    private_key: |\n${RSA_KEY.replace(/^/gm, '      ')}`;
    expect(NO_SECRET_MATERIAL.check(spc({ objects })).map((f) => [f.property, f.problem])).toEqual([['parameters.objects', 'holds a private key']]);
  });

  test('non-compliant: a Secrets Store CSI volume attribute of a run or a task', () => {
    const csi = { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { 'secretProviderClass': 'vault', 'csi.storage.k8s.io/serviceAccount.tokens': JWT } };
    expect(NO_SECRET_MATERIAL.check(pipelineRun({ workspaces: [{ name: 'creds', csi }] }))).toEqual([{
      rule: RuleId.NO_SECRET_MATERIAL,
      kind: 'PipelineRun',
      name: 'pipe-run',
      location: "workspace 'creds'",
      target: 'workspace/creds',
      property: 'workspaces.creds.csi.volumeAttributes.csi.storage.k8s.io/serviceAccount.tokens',
      problem: 'holds a JSON Web Token',
      fix: FIX_SPC,
    }]);
    expect(NO_SECRET_MATERIAL.check(task({ volumes: [{ name: 'v', csi }] })).map((f) => f.property)).toEqual(['volumes.v.csi.volumeAttributes.csi.storage.k8s.io/serviceAccount.tokens']);
  });

  test('non-compliant: a Secrets Store CSI volume attribute of a Pod\'s, Deployment\'s or CronJob\'s pod spec, read as the Secrets Store rules read them', () => {
    const csi = { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'vault', vaultAddress: 'https://ci:ghp_abcdefghijklmnopqrstuvwxyz0123456789@vault.example.com' } };
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'ci' }, spec: { template: { spec: { volumes: [{ name: 's', csi }], containers: [] } } } };
    expect(NO_SECRET_MATERIAL.appliesTo(deployment)).toBe(true);
    expect(NO_SECRET_MATERIAL.check(deployment)).toEqual([{
      rule: RuleId.NO_SECRET_MATERIAL,
      kind: 'Deployment',
      name: 'web',
      property: 'spec.template.spec.volumes.s.csi.volumeAttributes.vaultAddress',
      problem: 'holds a GitHub token',
      fix: FIX_SPC,
    }]);
    expect(NO_SECRET_MATERIAL.check({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { volumes: [{ name: 's', csi }] } }).map((f) => f.property))
      .toEqual(['spec.volumes.s.csi.volumeAttributes.vaultAddress']);
    expect(NO_SECRET_MATERIAL.check({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { jobTemplate: { spec: { template: { spec: { volumes: [{ name: 's', csi }] } } } } } })
      .map((f) => f.property)).toEqual(['spec.jobTemplate.spec.template.spec.volumes.s.csi.volumeAttributes.vaultAddress']);
    // a Deployment of another API group is a custom resource, whose spec may hold no pod
    const custom = { ...deployment, apiVersion: 'example.com/v1' };
    expect(NO_SECRET_MATERIAL.appliesTo(custom)).toBe(false);
    expect(NO_SECRET_MATERIAL.check(custom)).toEqual([]);
  });

  test('compliant: a class and a volume that only say where the secrets are', () => {
    expect(NO_SECRET_MATERIAL.check(spc({ vaultCACertPath: '/vault/tls/ca.crt', audience: 'vault' }))).toEqual([]);
    expect(NO_SECRET_MATERIAL.check(pipelineRun({ workspaces: [{ name: 'creds', csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'vault' } } }] }))).toEqual([]);
  });
});

describe('NO_SECRET_MATERIAL: typed Secrets the API server admits only with secret values', () => {
  const typed = (type: string, data?: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type, ...(data ? { data } : {}) });
  const needs = (type: string, what: string) => ({
    property: 'type',
    value: type,
    problem: `needs ${what}, without which the API server refuses the Secret, and whose value is secret: no Secret of this type can be written both admitted and without secret values`,
  });
  test.each([
    ['kubernetes.io/dockerconfigjson', '.dockerconfigjson'],
    ['kubernetes.io/dockercfg', '.dockercfg'],
    ['kubernetes.io/basic-auth', 'username or password'],
    ['kubernetes.io/ssh-auth', 'ssh-privatekey'],
    ['kubernetes.io/tls', 'tls.crt and tls.key'],
  ])('%s without %s', (type, what) => {
    expect(NO_SECRET_MATERIAL.check(typed(type))).toEqual([expect.objectContaining(needs(type, what))]);
  });
  test('with its keys, the values are the finding; untyped and Opaque Secrets need none', () => {
    expect(NO_SECRET_MATERIAL.check(typed('kubernetes.io/tls', { 'tls.crt': 'eA==' })).map((f) => [f.property, f.value]))
      .toEqual([['data', 'tls.crt'], ['type', 'kubernetes.io/tls']]);
    expect(NO_SECRET_MATERIAL.check(typed('kubernetes.io/basic-auth', { password: 'eA==' })).map((f) => f.property)).toEqual(['data']);
    expect(NO_SECRET_MATERIAL.check(typed('Opaque'))).toEqual([]);
    expect(NO_SECRET_MATERIAL.check({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } })).toEqual([]);
  });
});

describe('NO_SECRET_MATERIAL: Secrets the token controller fills with a ServiceAccount token', () => {
  /** The fix, with the command that requests a short-lived token of the Secret's ServiceAccount (`-n <namespace>` where it has one). */
  const tokenSecretFix = (command: string) => 'Write no Secret of type kubernetes.io/service-account-token: mount a short-lived token where a pod '
    + 'needs the API (a projected serviceAccountToken volume with an audience and expirationSeconds), or request one for the time it is needed '
    + `(${command}); if a system outside the cluster can take no other token, relax the rule with that reason.`;
  const FIX_TOKEN_SYNC = 'Sync the object as a Secret of another type (type: Opaque; VaultSecretProviderClass offers no kubernetes.io/service-account-token), '
    + 'and mount a short-lived token where a pod needs the API (a projected serviceAccountToken volume with an audience and expirationSeconds).';
  /** A Secret `deployer-token` (in no namespace when `namespace` is null). */
  const tokenSecret = (annotations: Record<string, string> | undefined, namespace: string | null = 'ci', type = 'kubernetes.io/service-account-token') => ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'deployer-token', ...(namespace === null ? {} : { namespace }), ...(annotations ? { annotations } : {}) },
    type,
  });

  test('non-compliant: a service-account-token Secret, with the exact finding', () => {
    expect(NO_SECRET_MATERIAL.check(tokenSecret({ 'kubernetes.io/service-account.name': 'deployer' }))).toEqual([{
      rule: RuleId.NO_SECRET_MATERIAL,
      kind: 'Secret',
      name: 'deployer-token',
      property: 'type',
      value: 'kubernetes.io/service-account-token',
      problem: "makes Kubernetes' token controller fill the Secret with a token of ServiceAccount 'deployer' that never expires (valid until the Secret "
        + "is deleted), readable by whoever can read Secrets in namespace 'ci'",
      fix: tokenSecretFix('kubectl create token deployer -n ci --duration=1h'),
    }]);
  });

  test('non-compliant: without the annotation (refused by the API server) or a namespace, the finding says so', () => {
    expect(NO_SECRET_MATERIAL.check(tokenSecret(undefined, null)).map((f) => f.problem)).toEqual([
      "makes Kubernetes' token controller fill the Secret with a token of the ServiceAccount a kubernetes.io/service-account.name annotation "
        + 'names (without one the API server refuses the Secret) that never expires (valid until the Secret is deleted), readable by whoever can '
        + 'read Secrets in its namespace',
    ]);
  });

  test('the fix names the ServiceAccount and namespace the Secret names, where kubectl takes them as written', () => {
    expect(NO_SECRET_MATERIAL.check(tokenSecret(undefined, null)).map((f) => f.fix)).toEqual([tokenSecretFix('kubectl create token <serviceaccount> --duration=1h')]);
    expect(NO_SECRET_MATERIAL.check(tokenSecret({ 'kubernetes.io/service-account.name': 'deployer' }, null)).map((f) => f.fix))
      .toEqual([tokenSecretFix('kubectl create token deployer --duration=1h')]);
    // a name that is no DNS subdomain (the API server checks only that the annotation is there) is not pasted into a command
    expect(NO_SECRET_MATERIAL.check(tokenSecret({ 'kubernetes.io/service-account.name': 'x; rm -rf ~' })).map((f) => f.fix))
      .toEqual([tokenSecretFix('kubectl create token <serviceaccount> -n ci --duration=1h')]);
  });

  test('non-compliant: a token written into it is reported as well', () => {
    const m = { ...tokenSecret({ 'kubernetes.io/service-account.name': 'deployer' }), stringData: { token: 'x' } };
    expect(NO_SECRET_MATERIAL.check(m).map((f) => [f.property, f.value])).toEqual([['stringData', 'token'], ['type', 'kubernetes.io/service-account-token']]);
    // the token controller fills only an empty token: it keeps the one written (stringData's over data's)
    const kept = (field: string) => `makes the token written in ${field} a token of ServiceAccount 'deployer' that never expires (valid until the `
      + "Secret is deleted) where the cluster signed it for this Secret, readable by whoever can read Secrets in namespace 'ci': Kubernetes' "
      + 'token controller keeps it (it fills only an empty token)';
    const typeProblem = (x: any) => NO_SECRET_MATERIAL.check(x).filter((f) => f.property === 'type').map((f) => f.problem);
    expect(typeProblem(m)).toEqual([kept('stringData.token')]);
    expect(typeProblem({ ...m, stringData: undefined, data: { token: 'eA==' } })).toEqual([kept('data.token')]);
    // an empty token, written over data's by stringData, is filled
    expect(typeProblem({ ...m, stringData: { token: '' }, data: { token: 'eA==' } })).toEqual([
      "makes Kubernetes' token controller fill the Secret with a token of ServiceAccount 'deployer' that never expires (valid until the Secret "
        + "is deleted), readable by whoever can read Secrets in namespace 'ci'",
    ]);
  });

  test('compliant: a type the API server reads otherwise (it compares types exactly) fills nothing', () => {
    expect(NO_SECRET_MATERIAL.check(tokenSecret({ 'kubernetes.io/service-account.name': 'deployer' }, 'ci', ' kubernetes.io/service-account-token'))).toEqual([]);
  });

  const spc = (secretObjects: any[]) => ({
    apiVersion: 'secrets-store.csi.x-k8s.io/v1',
    kind: 'SecretProviderClass',
    metadata: { name: 'vault', namespace: 'ci' },
    spec: {
      provider: 'vault',
      parameters: { vaultAddress: 'https://vault.example.com', roleName: 'ci', objects: '- objectName: ca\n  secretPath: secret/data/ci\n  secretKey: ca\n' },
      secretObjects,
    },
  });
  const synced = (type: string, annotations?: Record<string, string>) => ({
    secretName: 'deployer-token', type, ...(annotations ? { annotations } : {}), data: [{ key: 'ca.crt', objectName: 'ca' }],
  });

  test('non-compliant: a secretObjects entry of that type (trimmed, as the driver reads it), with the exact finding', () => {
    const m = spc([synced('Opaque'), synced(' kubernetes.io/service-account-token ', { 'kubernetes.io/service-account.name': 'deployer' })]);
    expect(NO_SECRET_MATERIAL.check(m)).toEqual([{
      rule: RuleId.NO_SECRET_MATERIAL,
      kind: 'SecretProviderClass',
      name: 'vault',
      property: 'secretObjects[1].type',
      value: ' kubernetes.io/service-account-token ',
      problem: "makes the Secrets Store CSI driver write Secret 'deployer-token', which Kubernetes' token controller fills with a token of "
        + "ServiceAccount 'deployer' that never expires (valid until the Secret is deleted), readable by whoever can read Secrets in namespace 'ci'",
      fix: FIX_TOKEN_SYNC,
    }]);
  });

  test('compliant: synced Secrets of other types', () => {
    expect(NO_SECRET_MATERIAL.check(spc([synced('Opaque'), synced('kubernetes.io/tls')]))).toEqual([]);
  });

  test('non-compliant: a token in the annotations a secretObjects entry gives its synced Secret, with the exact finding', () => {
    const m = spc([synced('Opaque', { 'ci.example.com/note': 'rotated weekly' }), { ...synced('Opaque', { 'ci.example.com/bootstrap': JWT }), labels: { team: 'ci' } }]);
    const findings = NO_SECRET_MATERIAL.check(m);
    expect(findings).toEqual([{
      rule: RuleId.NO_SECRET_MATERIAL,
      kind: 'SecretProviderClass',
      name: 'vault',
      property: "secretObjects[1].annotations['ci.example.com/bootstrap']",
      problem: 'holds a JSON Web Token',
      fix: 'Remove the value from the secretObjects annotation or label (keep it in Vault and sync it as data): the SecretProviderClass holds it '
        + 'for whoever can get the class, and the driver writes it onto the synced Secret\'s metadata.',
    }]);
    expect(JSON.stringify(findings)).not.toContain(JWT);
  });
});

describe('NO_SECRET_MATERIAL: annotations and labels', () => {
  const FIX_METADATA = 'Remove the value from the annotation or label (keep it in a Secret or Vault and reference it): an object\'s metadata '
    + 'is read by whoever can get the object, and copied into the runs, events and logs made from it.';
  const withMetadata = (m: any, metadata: Record<string, any>) => ({ ...m, metadata: { ...m.metadata, ...metadata } });

  test('non-compliant: a Pipelines-as-Code remote task URL with a token, a GitHub token in a label, with the exact findings', () => {
    const run = withMetadata(pipelineRun(), {
      annotations: { 'pipelinesascode.tekton.dev/task': `https://ci:${GH.classic[0]}@raw.githubusercontent.com/org/ci/main/task.yaml` },
      labels: { 'ci.example.com/token': GH.classic[1] },
    });
    const findings = NO_SECRET_MATERIAL.check(run);
    expect(findings).toEqual([
      { rule: RuleId.NO_SECRET_MATERIAL, kind: 'PipelineRun', name: run.metadata.name, property: "metadata.annotations['pipelinesascode.tekton.dev/task']", problem: 'holds a GitHub token', fix: FIX_METADATA },
      { rule: RuleId.NO_SECRET_MATERIAL, kind: 'PipelineRun', name: run.metadata.name, property: "metadata.labels['ci.example.com/token']", problem: 'holds a GitHub token', fix: FIX_METADATA },
    ]);
    expect(JSON.stringify(findings)).not.toContain(GH.classic[0]);
  });

  test('non-compliant: a key kept in last-applied-configuration beside the ConfigMap\'s data; a URL with a password in a Secret\'s annotation, beside its data', () => {
    const cm = withMetadata(configMap({ 'log-level': 'debug' }), {
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ data: { kubeconfig: KUBECONFIG(b64(RSA_KEY)) } }) },
    });
    expect(NO_SECRET_MATERIAL.check(cm)).toEqual([{
      rule: RuleId.NO_SECRET_MATERIAL,
      kind: 'ConfigMap',
      name: 'settings',
      property: "metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']",
      problem: 'holds a base64-encoded private key',
      fix: FIX_METADATA,
    }]);
    const s = withMetadata(secret({ data: { token: 'dA==' } }), { annotations: { 'tekton.dev/git-0': 'https://bot:hunter2-pass@git.example.com' } });
    expect(NO_SECRET_MATERIAL.check(s)).toEqual([
      holds('data', 'token'),
      { rule: RuleId.NO_SECRET_MATERIAL, kind: 'Secret', name: 'git', property: "metadata.annotations['tekton.dev/git-0']", problem: 'holds a URL with a password', fix: FIX_METADATA },
    ]);
  });

  test('compliant: annotations and labels that name, not hold, credentials; a workload\'s metadata is not read', () => {
    const run = withMetadata(task(), {
      annotations: { 'pipelinesascode.tekton.dev/task': 'https://raw.githubusercontent.com/org/ci/main/task.yaml', 'tekton.dev/git-0': 'https://github.com' },
      labels: { 'app.kubernetes.io/name': 'build' },
    });
    expect(NO_SECRET_MATERIAL.check(run)).toEqual([]);
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', annotations: { note: GH.classic[0] } }, spec: {} };
    expect(NO_SECRET_MATERIAL.appliesTo(deployment)).toBe(false);
  });
});

describe('NO_SECRET_MATERIAL: Tekton Triggers', () => {
  const triggers = (kind: string, spec: any) => ({ apiVersion: 'triggers.tekton.dev/v1beta1', kind, metadata: { name: 'ci', namespace: 'ci' }, spec });
  const finding = (kind: string, property: string, problem: string, location?: string) =>
    ({ rule: RuleId.NO_SECRET_MATERIAL, kind, name: 'ci', ...(location ? { location } : {}), property, problem, fix: FIX_PARAM });

  test('non-compliant: a TriggerTemplate\'s param default and a TriggerBinding\'s param value, with the exact findings', () => {
    const template = triggers('TriggerTemplate', { params: [{ name: 'rev' }, { name: 'token', default: GH.classic[0] }], resourcetemplates: [] });
    expect(NO_SECRET_MATERIAL.appliesTo(template)).toBe(true);
    expect(NO_SECRET_MATERIAL.check(template)).toEqual([finding('TriggerTemplate', 'params[token].default', 'holds a GitHub token')]);
    for (const kind of ['TriggerBinding', 'ClusterTriggerBinding']) {
      const binding = triggers(kind, { params: [{ name: 'rev', value: '$(body.head_commit.id)' }, { name: 'hook', value: SLACK_HOOK }] });
      expect(NO_SECRET_MATERIAL.check(binding)).toEqual([finding(kind, 'params[hook].value', 'holds a Slack webhook URL')]);
    }
  });

  test('non-compliant: a Trigger\'s inline binding and interceptor param, an EventListener trigger\'s, with the exact findings', () => {
    const trigger = {
      bindings: [{ ref: 'push' }, { name: 'token', value: GITLAB[0] }],
      interceptors: [{ ref: { name: 'cel' }, params: [{ name: 'filter', value: "header.match('X-Token', '$(params.t)')" }, { name: 'overlays', value: [`https://ci:${alnum(12)}@git.example.com`] }] }],
      template: { ref: 'build' },
    };
    expect(NO_SECRET_MATERIAL.check(triggers('Trigger', trigger))).toEqual([
      finding('Trigger', 'bindings[token].value', 'holds a GitLab token'),
      finding('Trigger', 'interceptors[0].params[overlays].value', 'holds a URL with a password'),
    ]);
    expect(NO_SECRET_MATERIAL.check(triggers('EventListener', { triggers: [{ name: 'push', ...trigger }] }))).toEqual([
      finding('EventListener', 'triggers[push].bindings[token].value', 'holds a GitLab token', "trigger 'push'"),
      finding('EventListener', 'triggers[push].interceptors[0].params[overlays].value', 'holds a URL with a password', "trigger 'push'"),
    ]);
  });

  test('compliant: bindings of the event\'s values, references to Secrets; another group\'s kinds are not read', () => {
    expect(NO_SECRET_MATERIAL.check(triggers('TriggerBinding', { params: [{ name: 'url', value: '$(body.repository.clone_url)' }] }))).toEqual([]);
    expect(NO_SECRET_MATERIAL.check(triggers('EventListener', {
      triggers: [{ name: 'push', interceptors: [{ ref: { name: 'github' }, params: [{ name: 'secretRef', value: { secretName: 'hook', secretKey: 'token' } }] }] }],
    }))).toEqual([]);
    expect(NO_SECRET_MATERIAL.appliesTo({ ...triggers('TriggerBinding', {}), apiVersion: 'example.com/v1' })).toBe(false);
  });
});
