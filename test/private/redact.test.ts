import { evaluateManifests } from '../../src/policy/engine/evaluate';
import { redactSecretMaterial, redactSecretMaterialInPath, redactUserinfo } from '../../src/private/redact';

describe('redactUserinfo', () => {
  test('the userinfo of every URL, with or without a password, is replaced; everything else stays', () => {
    expect(redactUserinfo('https://deploy:S3cr3t@git.example.com/org/p.git')).toBe('https://***@git.example.com/org/p.git');
    expect(redactUserinfo('git+https://ghp_token@github.com/o/r and ssh://git@host:22/r')).toBe('git+https://***@github.com/o/r and ssh://***@host:22/r');
    expect(redactUserinfo('https://host.example.com/a@b')).toBe('https://host.example.com/a@b');
    expect(redactUserinfo('ci@example.com wrote https://example.com')).toBe('ci@example.com wrote https://example.com');
    // a password may hold an @: the userinfo ends at the last one before the host
    expect(redactUserinfo('https://bot:p@ssw0rd@github.com/org/repo.git')).toBe('https://***@github.com/org/repo.git');
    // query parameters named as credentials
    expect(redactUserinfo('https://gitlab.example.com/raw?ref=abc&private_token=glpat-SECRET&x=1')).toBe('https://gitlab.example.com/raw?ref=abc&private_token=***&x=1');
    expect(redactUserinfo('https://b.s3.amazonaws.com/o?X-Amz-Signature=abcdef&X-Amz-Credential=AKIA/x')).toBe('https://b.s3.amazonaws.com/o?X-Amz-Signature=***&X-Amz-Credential=***');
    expect(redactUserinfo('https://host/a?ref=main&page=2')).toBe('https://host/a?ref=main&page=2');
  });

  test('no finding of any rule quotes the credentials of a URL', () => {
    const url = 'https://deploy:S3cr3tPassw0rd@git.example.com/org/p.git';
    const run = {
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: { name: 'r', namespace: 'ci' },
      spec: { pipelineRef: { resolver: 'git', params: [{ name: 'url', value: url }, { name: 'revision', value: 'main' }, { name: 'pathInRepo', value: 'p.yaml' }] } },
    };
    const [posture] = evaluateManifests([run]);
    const findings = posture.checks.flatMap((c) => c.findings);
    expect(findings.length).toBeGreaterThan(2);
    expect(JSON.stringify(findings)).not.toContain('S3cr3tPassw0rd');
    expect(JSON.stringify(findings)).toContain('https://***@git.example.com/org/p.git');
  });
});

describe('redactSecretMaterial', () => {
  const TOKEN = 'ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5';
  const JWT = 'eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6Y2k6YnVpbGQifQ.c2lnbmF0dXJlLWJ5dGVz';

  test('each quoted part that holds secret material says what it was; other text stays', () => {
    expect(redactSecretMaterial(`is "${TOKEN}", and "main" is a branch`)).toBe('is "<a GitHub token, left out>", and "main" is a branch');
    expect(redactSecretMaterial(`Give "tokens" the value "${JWT}"`)).toBe('Give "tokens" the value "<a JSON Web Token, left out>"');
    expect(redactSecretMaterial('is "main", not pinned')).toBe('is "main", not pinned');
  });

  test('material quoted otherwise: the whole text is replaced', () => {
    expect(redactSecretMaterial(`is ${TOKEN}, not pinned`)).toBe('holds a GitHub token, left out of this report');
  });

  test('a name in a path that holds secret material says what it was; the rest of the path stays', () => {
    expect(redactSecretMaterialInPath(`env[${TOKEN}].value`)).toBe('env[<a GitHub token, left out>].value');
    expect(redactSecretMaterialInPath(`data['${TOKEN}']`)).toBe("data['<a GitHub token, left out>']");
    expect(redactSecretMaterialInPath(`params.${TOKEN}.default`)).toBe('params.<a GitHub token, left out>.default');
    expect(redactSecretMaterialInPath(`env[${JWT}]`)).toBe('env[<a JSON Web Token, left out>]');
    expect(redactSecretMaterialInPath('env[GITHUB_TOKEN].value')).toBe('env[GITHUB_TOKEN].value');
  });

  test('no finding quotes secret material through its property: an env variable named with a token', () => {
    const task = {
      apiVersion: 'tekton.dev/v1',
      kind: 'Task',
      metadata: { name: 't', namespace: 'ci' },
      spec: { steps: [{ name: 's', image: 'alpine', env: [{ name: TOKEN, value: TOKEN }], script: '#!/bin/sh\necho hi\n' }] },
    };
    const [posture] = evaluateManifests([task]);
    const findings = posture.checks.flatMap((c) => c.findings);
    expect(findings.filter((f) => f.rule === 'NO_SECRET_MATERIAL').map((f) => [f.property, f.problem]))
      .toEqual([['env[<a GitHub token, left out>].value', 'holds a GitHub token']]);
    expect(JSON.stringify(findings)).not.toContain(TOKEN);
  });

  test('no finding of any rule quotes secret material: a value holding some is left out, a message says what it was', () => {
    const task = {
      apiVersion: 'tekton.dev/v1',
      kind: 'Task',
      metadata: { name: 't', namespace: 'ci' },
      spec: { steps: [{ name: 's', image: `ghcr.io/org/tool:${TOKEN}`, script: '#!/bin/sh\necho hi\n' }] },
    };
    const [posture] = evaluateManifests([task]);
    const findings = posture.checks.flatMap((c) => c.findings);
    const image = findings.filter((f) => f.property === 'image');
    expect(image.length).toBeGreaterThan(0);
    expect(image.every((f) => f.value === undefined)).toBe(true);
    expect(JSON.stringify(findings)).not.toContain(TOKEN);
  });
});
