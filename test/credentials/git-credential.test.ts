import { Chart, Testing } from 'cdk8s';
import { GitAuthType, GitCredential, GitCredentialMode, GitCredentialProps, LeastPrivilegeServiceAccount } from '../../src';
import { only } from '../helpers/constructs';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';
const GITHUB_KEY = `github.com ${KEY}`;
const ACCEPTS = ' that ssh accepts (a line whose hosts name it, in any case or by a * or ? pattern and no !pattern, with a key ssh reads that no @revoked line names)';

function git(props: Partial<GitCredentialProps> = {}) {
  const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
  const g = new GitCredential(c, 'git', { secretName: 'git-deploy-key', url: 'git@github.com:example/app.git', knownHosts: GITHUB_KEY, ...props });
  return { c, g };
}

describe('GitCredential SSH', () => {
  test('writes known_hosts (public) to a ConfigMap and no Secret', () => {
    const { c, g } = git();
    expect(g.authType).toBe(GitAuthType.SSH);
    expect(g.host).toBe('github.com');
    expect(Testing.synth(c).map((o: any) => o.kind)).toEqual(['ConfigMap']);
    expect(only(c, 'ConfigMap')).toEqual({
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'git-deploy-key-known-hosts', namespace: 'ci' }, data: { known_hosts: GITHUB_KEY + '\n' },
    });
  });

  test('the workspace projects the private key and known_hosts, read-only', () => {
    expect(git().g.workspace()._render('git')).toEqual({
      name: 'git',
      projected: {
        sources: [
          { secret: { name: 'git-deploy-key', items: [{ key: 'ssh-privatekey', path: 'ssh-privatekey' }] } },
          { configMap: { name: 'git-deploy-key-known-hosts', items: [{ key: 'known_hosts', path: 'known_hosts' }] } },
        ],
      },
    });
    expect(git().g.workspace().holdsSecrets).toBe(true);
  });

  test('creds-init annotation and ServiceAccount listing', () => {
    const { c, g } = git({ mode: GitCredentialMode.CREDS_INIT, url: 'ssh://git@git.example.com:2222/app.git', knownHosts: `[git.example.com]:2222 ${KEY}` });
    expect(g.tektonAnnotations).toEqual({ 'tekton.dev/git-0': 'git.example.com:2222' });
    const sa = new LeastPrivilegeServiceAccount(c, 'runner');
    g.grantRead(sa);
    expect(sa.secretNames).toEqual(['git-deploy-key']);
    expect(only(c, 'Role').rules).toEqual([{ apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: ['git-deploy-key'] }]);
  });
});

describe('GitCredential basic-auth', () => {
  test('https only, username and password projected, no ConfigMap', () => {
    const { c, g } = git({ url: 'https://git.example.com/team/app.git', knownHosts: undefined });
    expect(g.authType).toBe(GitAuthType.BASIC_AUTH);
    expect(g.tektonAnnotations).toEqual({ 'tekton.dev/git-0': 'https://git.example.com' });
    expect(Testing.synth(c)).toEqual([]);
    expect(g.workspace()._render('git').projected.sources).toEqual([
      { secret: { name: 'git-deploy-key', items: [{ key: 'username', path: 'username' }, { key: 'password', path: 'password' }] } },
    ]);
  });
});

describe('GitCredential refusals', () => {
  test('missing known_hosts for SSH', () => {
    expect(() => git({ knownHosts: undefined })).toThrow(
      "GitCredential 'test/git': knownHosts is missing for an SSH credential [VALID_SPEC]. Give the host keys of github.com (e.g. from the host's published fingerprints, or `ssh-keyscan github.com` checked against them).",
    );
  });

  test('known_hosts without the host', () => {
    expect(() => git({ knownHosts: 'gitlab.com ssh-ed25519 AAAA' })).toThrow(
      `GitCredential 'test/git': knownHosts "gitlab.com ssh-ed25519 AAAA" has no key for github.com${ACCEPTS} [VALID_SPEC]. Add a line "github.com <key type> <base64 key>".`,
    );
  });

  test('an IPv6 host: known_hosts names it without the URL\'s brackets, and with them and the port for another port than 22', () => {
    expect(() => git({ url: 'ssh://git@[fd00::1]:2222/app.git', knownHosts: `[fd00::1]:2222 ${KEY}` })).not.toThrow();
    expect(() => git({ url: 'ssh://git@[fd00::1]/app.git', knownHosts: `fd00::1 ${KEY}` })).not.toThrow();
    expect(() => git({ url: 'ssh://git@[fd00::1]:2222/app.git', knownHosts: GITHUB_KEY })).toThrow(
      `GitCredential 'test/git': knownHosts "${GITHUB_KEY}" has no key for [fd00::1]:2222${ACCEPTS} [VALID_SPEC]. Add a line "[fd00::1]:2222 <key type> <base64 key>".`,
    );
    expect(() => git({ url: 'ssh://git@[fd00::1]:2222/app.git', knownHosts: undefined })).toThrow(
      "GitCredential 'test/git': knownHosts is missing for an SSH credential [VALID_SPEC]. Give the host keys of [fd00::1]:2222 (e.g. from the host's published "
      + 'fingerprints, or `ssh-keyscan -p 2222 fd00::1` checked against them).',
    );
  });

  test('basic-auth over http', () => {
    expect(() => git({ url: 'http://git.example.com/app.git' })).toThrow(
      "GitCredential 'test/git': url \"http://git.example.com/app.git\" is neither an https:// nor an SSH URL [VALID_SPEC]. Use https://host/path (basic-auth) or git@host:path / ssh://host/path (SSH); plain http and git:// send credentials in clear.",
    );
  });

  test('a url whose host is not a DNS name or an address (a substitution, say) is refused', () => {
    // the host reaches GitClone's param check, its credential helper and creds-init: a substitution would be replaced by a run's value
    expect(() => git({ url: 'https://$(params.revision)/team/app.git' })).toThrow(
      "GitCredential 'test/git': url \"https://$(params.revision)/team/app.git\" names the host \"$(params.revision)\", which is not a DNS name or an IP address "
      + "(with an optional port) [VALID_SPEC]. Give the git host itself, e.g. 'https://git.example.com/team/app.git' or 'git@git.example.com:team/app.git'.",
    );
    expect(git({ url: 'https://git.example.com:8443/team/app.git' }).g.host).toBe('git.example.com:8443');
    expect(git({ url: 'https://[2001:db8::1]:8443/team/app.git' }).g.host).toBe('[2001:db8::1]:8443');
  });

  test('workspace() in creds-init mode', () => {
    expect(() => git({ mode: GitCredentialMode.CREDS_INIT }).g.workspace()).toThrow(
      "GitCredential 'test/git': mode \"creds-init\" does not mount the credential as a workspace [VALID_SPEC]. Use GitCredentialMode.WORKSPACE, or let creds-init use it through grantRead(serviceAccount).",
    );
  });
});

// each case as OpenSSH 9.2p1's client (StrictHostKeyChecking=yes) judged it against a local sshd presenting KEY
describe('GitCredential knownHosts matched as ssh matches it (hostfile.c, match.c)', () => {
  const OTHER = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINeKeNubB3YpDhGfQLYnrwzhBGsqclWA8k9f/Z74y+IL';
  const PORT = 'ssh://git@github.com:2222/example/app.git';
  const refusal = (knownHosts: string, url = 'git@github.com:example/app.git', hostCertificates?: boolean) => {
    try {
      git({ url, knownHosts, hostCertificates });
    } catch (e) {
      return (e as Error).message;
    }
    return undefined;
  };
  const noKey = (knownHosts: string) =>
    `GitCredential 'test/git': knownHosts ${JSON.stringify(knownHosts)} has no key for github.com${ACCEPTS} [VALID_SPEC]. Add a line "github.com <key type> <base64 key>".`;

  test('accepted, as ssh accepts the host key: host names in any case, * and ? patterns, a negation of another host, hashed names', () => {
    expect(refusal(`github.com ${KEY}`, 'git@GitHub.com:example/app.git')).toBeUndefined();
    expect(refusal(`github.com ${KEY}`, 'ssh://git@GitHub.com/example/app.git')).toBeUndefined();
    expect(refusal(`GitHub.COM ${KEY}`)).toBeUndefined();
    expect(refusal(`*.com ${KEY}`)).toBeUndefined();
    expect(refusal(`githu?.com ${KEY}`)).toBeUndefined();
    expect(refusal(`*,!gitlab.com ${KEY}`)).toBeUndefined();
    expect(refusal(`github.com ${KEY}\n@revoked github.com ${OTHER}`)).toBeUndefined();
    // ssh-keygen -H of github.com and of [github.com]:2222
    expect(refusal(`|1|Oq22Ga7nXHm29Nu2yX298l/rXgE=|csdlqdmrsk93/+NsJxBwOcQhkWk= ${KEY}`)).toBeUndefined();
    expect(refusal(`|1|gABgPO2NmRE7TwM91lOmG4JjiXE=|IgVHosKp1KaAPYUBpC6n342wMdw= ${KEY}`, PORT)).toBeUndefined();
  });

  // OpenSSH 9.2p1 against a local sshd presenting a plain ed25519 host key, and one presenting a host certificate (ssh-keygen -s ca -h):
  // the plain key verifies only against a line without a marker ("No ED25519 host key is known for [127.0.0.1]:22441 and you have
  // requested strict checking" under @cert-authority of the CA or of the host key itself); the certificate against @cert-authority of
  // the CA (for the host, * or [host]:port) or a line of the host's key; a certificate on a line verifies neither ("REMOTE HOST
  // IDENTIFICATION HAS CHANGED")
  test('@cert-authority checks only a host certificate: alone, refused unless hostCertificates says the host presents one', () => {
    expect(refusal(`@cert-authority *.com ${OTHER}`)).toBe(`GitCredential 'test/git': knownHosts "@cert-authority *.com ${OTHER}" gives github.com a key only in `
      + '@cert-authority lines, which ssh (OpenSSH 9.2) checks only a host certificate against: a host that presents its plain host key fails host key '
      + 'verification ("No <type> host key is known for … and you have requested strict checking"), so every clone fails [VALID_SPEC]. '
      + 'Add a line "github.com <key type> <base64 key>" with the host\'s own key (no marker); or, if the host presents a host certificate signed by that '
      + 'key (sshd\'s HostCertificate), set hostCertificates: true.');
    expect(refusal(`@cert-authority [github.com]:2222 ${OTHER}`, PORT)).toMatch(/^GitCredential 'test\/git': knownHosts "[^"]*" gives github.com:2222 a key only in @cert-authority lines[^]*Add a line "\[github.com\]:2222 <key type>/);
    expect(refusal(`@cert-authority *.com ${OTHER}`, undefined, true)).toBeUndefined();
    expect(refusal(`@cert-authority *.com ${OTHER}\ngithub.com ${KEY}`)).toBeUndefined();
    // hostCertificates keeps a plain line good (the host's key verifies its certificate too); a revoked CA, or one of another host, gives none
    expect(refusal(`github.com ${KEY}`, undefined, true)).toBeUndefined();
    expect(refusal(`@cert-authority *.com ${OTHER}\n@revoked * ${OTHER}`, undefined, true)).toBe(noKey(`@cert-authority *.com ${OTHER}\n@revoked * ${OTHER}`));
    expect(refusal(`@cert-authority gitlab.com ${OTHER}`)).toBe(noKey(`@cert-authority gitlab.com ${OTHER}`));
  });

  test('a certificate written on a line is no host key ssh matches: refused with its type named', () => {
    const blob = (type: string) => Buffer.concat([Buffer.from([0, 0, 0, type.length]), Buffer.from(type), Buffer.from([0, 0, 0, 1, 7])]).toString('base64');
    const CERT = `ssh-ed25519-cert-v01@openssh.com ${blob('ssh-ed25519-cert-v01@openssh.com')}`;
    expect(refusal(`github.com ${CERT}`)).toBe(`GitCredential 'test/git': knownHosts "github.com ${CERT}" gives github.com only keys of type `
      + 'ssh-ed25519-cert-v01@openssh.com (a certificate, which ssh (OpenSSH 9.2) matches on no known_hosts line: it checks a host certificate against an '
      + '@cert-authority line of the key that signed it), so every clone fails host key verification [VALID_SPEC]. Give the host\'s ed25519, ECDSA or RSA key '
      + 'instead: "github.com ssh-ed25519 <base64 key>" (e.g. from `ssh-keyscan -t ed25519 github.com` checked against the host\'s published fingerprints).');
    expect(refusal(`@cert-authority * ${CERT}`, undefined, true)).toMatch(/gives github.com only keys of type ssh-ed25519-cert-v01@openssh.com \(a certificate,/);
    expect(refusal(`github.com ${CERT}\ngithub.com ${KEY}`)).toBeUndefined();
  });

  test('another port: [host]:port in any case or by pattern, and the host alone, which ssh tries when no line names [host]:port', () => {
    for (const knownHosts of [`[github.com]:2222 ${KEY}`, `[GitHub.com]:2222 ${KEY}`, `[*.com]:2222 ${KEY}`, `github.com ${KEY}`]) {
      expect(refusal(knownHosts, PORT)).toBeUndefined();
    }
    expect(refusal(`[gitlab.com]:2222 ${KEY}`, PORT)).toBe(`GitCredential 'test/git': knownHosts "[gitlab.com]:2222 ${KEY}" has no key for github.com:2222${ACCEPTS} [VALID_SPEC]. `
      + 'Add a line "[github.com]:2222 <key type> <base64 key>".');
  });

  test('refused, as ssh refuses the host: a revoked key, a negated host, a ? that matches no character, an unknown marker, a key ssh cannot read', () => {
    for (const knownHosts of [
      `@revoked github.com ${KEY}`,
      `github.com ${KEY}\n@revoked github.com ${KEY}`,
      `github.com,!github.com ${KEY}`,
      `github?.com ${KEY}`,
      `@foo github.com ${KEY}`,
      'github.com ssh-ed25519 AAAA!!!',
      `github.com ssh-rsa ${KEY.split(' ')[1]}`,
      `|1|Oq22Ga7nXHm29Nu2yX298l/rXgE=|csdlqdmrsk93/+NsJxBwOcQhkWk= ${KEY}\n@revoked * ${KEY}`,
    ]) {
      expect(refusal(knownHosts)).toBe(noKey(knownHosts));
    }
  });

  // OpenSSH 9.2p1 against a local sshd with a DSA and an ed25519 host key (HostKeyAlgorithms +ssh-dss): a DSA line gives "Host key
  // verification failed", a DSA-only server "no matching host key type found. Their offer: ssh-dss"; ssh-keygen -F skips a ssh-ed448 line
  test('refused with the type named: a key of a type ssh does not know, or DSA, which ssh does not accept for a host key by default', () => {
    const blob = (type: string) => Buffer.concat([Buffer.from([0, 0, 0, type.length]), Buffer.from(type), Buffer.from([0, 0, 0, 1, 7])]).toString('base64');
    const DSA = `ssh-dss ${blob('ssh-dss')}`;
    const fix = 'Give the host\'s ed25519, ECDSA or RSA key instead: "github.com ssh-ed25519 <base64 key>" (e.g. from `ssh-keyscan -t ed25519 github.com` '
      + 'checked against the host\'s published fingerprints).';
    expect(refusal(`github.com ${DSA}`)).toBe(`GitCredential 'test/git': knownHosts "github.com ${DSA}" gives github.com only keys of type ssh-dss (DSA, which ssh `
      + '(OpenSSH 9.2) does not accept for a host key by default: no ssh-dss in HostKeyAlgorithms), so every clone fails host key verification '
      + `[VALID_SPEC]. ${fix}`);
    const ED448 = `ssh-ed448 ${blob('ssh-ed448')}`;
    // a DSA CA counts where the host presents certificates (hostCertificates), and is not named where a CA gives no key
    expect(refusal(`github.com ${ED448}\n@cert-authority *.com ${DSA}`)).toMatch(/gives github.com only keys of type ssh-ed448 \(a key type ssh \(OpenSSH 9.2\) does not know: not in `ssh -Q key`\), so every/);
    expect(refusal(`github.com ${ED448}\n@cert-authority *.com ${DSA}`, undefined, true)).toBe(`GitCredential 'test/git': knownHosts "github.com ${ED448}\\n@cert-authority *.com ${DSA}" `
      + 'gives github.com only keys of type ssh-ed448 (a key type ssh (OpenSSH 9.2) does not know: not in `ssh -Q key`), ssh-dss (DSA, which ssh (OpenSSH 9.2) '
      + `does not accept for a host key by default: no ssh-dss in HostKeyAlgorithms), so every clone fails host key verification [VALID_SPEC]. ${fix}`);
    expect(refusal(`[github.com]:2222 ${DSA}`, PORT)).toMatch(/gives github.com:2222 only keys of type ssh-dss \(DSA, [^]*"\[github.com\]:2222 ssh-ed25519 <base64 key>" \(e.g. from `ssh-keyscan -t ed25519 -p 2222 github.com`/);
    // a revoked DSA key, or one of another host, is no key of that type for the host: the refusal says no key
    expect(refusal(`github.com ${DSA}\n@revoked github.com ${DSA}`)).toBe(noKey(`github.com ${DSA}\n@revoked github.com ${DSA}`));
    expect(refusal(`gitlab.com ${DSA}`)).toBe(noKey(`gitlab.com ${DSA}`));
    // beside a key ssh accepts, a DSA line is harmless; an RSA key (ssh-rsa, signed with rsa-sha2-*) and ECDSA are accepted
    expect(refusal(`github.com ${DSA}\ngithub.com ${KEY}`)).toBeUndefined();
    expect(refusal(`github.com ssh-rsa ${blob('ssh-rsa')}`)).toBeUndefined();
    expect(refusal(`github.com ecdsa-sha2-nistp256 ${blob('ecdsa-sha2-nistp256')}`)).toBeUndefined();
  });
});
