import type * as Crypto from 'crypto';
import * as kplus from 'cdk8s-plus-28';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { secretNameOf, secretProblems } from './secret-reference';
import { LeastPrivilegeServiceAccount } from '../identity/least-privilege-service-account';
import { RunWorkspace } from '../pipeline/run-workspace';
import { ConstructPolicy, RefusalOptions } from '../policy/engine/construct-policy';
import { RuleId } from '../policy/rule-id';
import { TEKTON_GIT_CREDENTIAL_ANNOTATION } from '../private/annotations';
import { writtenObjectOf } from '../private/kplus';

const KIND = 'GitCredential';

/**
 * How a git credential reaches the clone step.
 */
export enum GitCredentialMode {
  /**
   * Mounted as a credentials workspace (`workspace()`); works on clusters that set
   * the feature flag `disable-creds-init`, and only the task that binds it sees it.
   */
  WORKSPACE = 'workspace',
  /**
   * Tekton's creds-init: the Secret is listed under the run's ServiceAccount's `secrets:`
   * (`grantRead`) and carries the `tekton.dev/git-0` annotation (see `tektonAnnotations`);
   * Tekton then writes it into the home directory of every step of the run, so only for
   * runs that run no repository code (CREDENTIALS_WITH_REPO_CODE).
   */
  CREDS_INIT = 'creds-init',
}

/**
 * Kind of git credential, from the repository URL.
 */
export enum GitAuthType {
  /** `kubernetes.io/ssh-auth` Secret (`ssh-privatekey`), for `ssh://` and `git@host:path` URLs. */
  SSH = 'kubernetes.io/ssh-auth',
  /** `kubernetes.io/basic-auth` Secret (`username`, `password`), for `https://` URLs only. */
  BASIC_AUTH = 'kubernetes.io/basic-auth',
}

/**
 * Props of a GitCredential.
 */
export interface GitCredentialProps {
  /**
   * Name of the existing Secret (`kubernetes.io/ssh-auth` or `kubernetes.io/basic-auth`), or give `secret`.
   * @default - the name of `secret`
   */
  readonly secretName?: string;
  /**
   * The Secret as a cdk8s-plus object (an `SshAuthSecret` or `BasicAuthSecret` of
   * this app, or one imported with `Secret.fromSecretName`), instead of
   * `secretName`: it is referenced, never written a second time; one defined in
   * this app must be of the type the URL needs and in the credential's namespace,
   * and in CREDS_INIT mode it gets `tektonAnnotations` unless it sets them.
   * @default - the Secret named `secretName`
   */
  readonly secret?: kplus.ISecret;
  /** Repository URL: `git@host:path`, `ssh://[user@]host[:port]/path` or `https://host/path`. */
  readonly url: string;
  /**
   * `known_hosts` lines for the git host: mandatory for SSH, so that the host key
   * is checked, never trusted on first use. They are public and written to a ConfigMap.
   * At least one must give the host a key as ssh reads them: host names in any case, `*`/`?`
   * patterns, `!` negations, hashed `|1|` names, `[host]:port` for another port than 22; an `@revoked` key does not
   * count, nor a key of a type ssh does not know (`ssh -Q key`) or DSA (`ssh-dss`, which OpenSSH 9 does not accept for a
   * host key by default), nor a certificate (ssh matches none on a known_hosts line). An `@cert-authority` line checks
   * only a host certificate signed by its key: it counts with `hostCertificates`.
   * @default - none (refused for SSH)
   */
  readonly knownHosts?: string;
  /**
   * The SSH host presents a host certificate (sshd's `HostCertificate`) signed by the key of an `@cert-authority` line of
   * `knownHosts`, so that line gives it a key. ssh checks a plain host key only against a line without a marker.
   * @default false
   */
  readonly hostCertificates?: boolean;
  /** How the credential reaches the clone. @default GitCredentialMode.WORKSPACE */
  readonly mode?: GitCredentialMode;
}

/**
 * A reference to git credentials: SSH (with mandatory `known_hosts`) or basic-auth
 * for https URLs only. No secret value is written into the YAML.
 *
 * In WORKSPACE mode bind `workspace()` to a credentials workspace of the clone
 * task; it holds `ssh-privatekey` and `known_hosts` (SSH) or `username` and
 * `password` (basic-auth), read-only; the kubelet mounts it, so no `grantRead` is
 * needed. In CREDS_INIT mode, `grantRead()` lists the Secret under the run's
 * ServiceAccount's `secrets:` and the Secret needs `tektonAnnotations`.
 *
 * @example
 * new GitCredential(chart, 'git', {
 *   secretName: 'git-deploy-key',
 *   url: 'git@github.com:example/app.git',
 *   knownHosts: 'github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl',
 * });
 */
export class GitCredential extends Construct {
  /** Name of the Secret. */
  public readonly secretName: string;
  /** SSH or basic-auth, from the URL. */
  public readonly authType: GitAuthType;
  /** The git host (with port, when not the default). */
  public readonly host: string;
  /** How the credential reaches the clone. */
  public readonly mode: GitCredentialMode;
  /** The ConfigMap holding `known_hosts` (SSH only). */
  public readonly knownHostsConfigMapName?: string;

  private readonly policy: ConstructPolicy;

  constructor(scope: Construct, id: string, props: GitCredentialProps) {
    super(scope, id);
    this.policy = new ConstructPolicy(this, KIND);
    this.secretName = secretNameOf(this.policy, props.secretName, props.secret);
    this.mode = props.mode ?? GitCredentialMode.WORKSPACE;
    this.policy.checkName('secretName', this.secretName);
    const parsed = parseGitUrl(props.url);
    if (!parsed) {
      throw this.error({
        property: 'url',
        value: props.url,
        problem: 'is neither an https:// nor an SSH URL',
        fix: 'Use https://host/path (basic-auth) or git@host:path / ssh://host/path (SSH); plain http and git:// send credentials in clear.',
        rule: RuleId.VALID_SPEC,
      });
    }
    // the host reaches the clone's param check, its credential helper and creds-init's annotation: a name or an address, nothing Tekton substitutes
    if (!GIT_HOST.test(parsed.host)) {
      throw this.error({
        property: 'url',
        value: props.url,
        problem: `names the host "${parsed.host}", which is not a DNS name or an IP address (with an optional port)`,
        fix: "Give the git host itself, e.g. 'https://git.example.com/team/app.git' or 'git@git.example.com:team/app.git'.",
        rule: RuleId.VALID_SPEC,
      });
    }
    this.authType = parsed.type;
    this.host = parsed.host;
    if (props.secret) {
      const secret = props.secret;
      this.policy.check(() => secretProblems(this, secret, [this.authType]));
    }
    // creds-init reads the host from the Secret's annotation: a Secret this app writes gets it here
    const written = props.secret ? writtenObjectOf(props.secret) : undefined;
    if (written && this.mode === GitCredentialMode.CREDS_INIT) {
      const annotations = written.metadata.toJson().annotations ?? {};
      for (const [key, value] of Object.entries(this.tektonAnnotations)) {
        if (annotations[key] === undefined) written.metadata.addAnnotation(key, value);
      }
    }
    if (this.authType === GitAuthType.SSH) {
      const lines = (props.knownHosts ?? '').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
      if (lines.length === 0) {
        throw this.error({
          property: 'knownHosts',
          problem: 'is missing for an SSH credential',
          fix: `Give the host keys of ${this.host} (e.g. from the host's published fingerprints, or \`ssh-keyscan ${parsed.port ? `-p ${parsed.port} ` : ''}${parsed.hostname.replace(/^\[(.*)\]$/, '$1')}\` checked against them).`,
          rule: RuleId.VALID_SPEC,
        });
      }
      // ssh looks the host up as [host]:port for another port, then, when no line names that, as host alone
      const names = [knownHostsName(parsed.hostname, parsed.port), knownHostsName(parsed.hostname)];
      const certificates = props.hostCertificates ?? false;
      if (!names.some((name) => knownHostsKnowsHost(lines, name, certificates))) {
        if (names.some((name) => knownHostsKnowsHost(lines, name, true))) {
          throw this.error({
            property: 'knownHosts',
            value: props.knownHosts,
            problem: `gives ${this.host} a key only in @cert-authority lines, which ssh (OpenSSH 9.2) checks only a host certificate against: a host `
              + 'that presents its plain host key fails host key verification ("No <type> host key is known for … and you have requested strict '
              + 'checking"), so every clone fails',
            fix: `Add a line "${names[0]} <key type> <base64 key>" with the host's own key (no marker); or, if the host presents a host certificate `
              + 'signed by that key (sshd\'s HostCertificate), set hostCertificates: true.',
            rule: RuleId.VALID_SPEC,
          });
        }
        const unusable = [...new Set(names.flatMap((name) => knownHostsUnusableTypes(lines, name, certificates)))];
        if (unusable.length > 0) {
          throw this.error({
            property: 'knownHosts',
            value: props.knownHosts,
            problem: `gives ${this.host} only keys of type ${unusable.map((t) => `${t} (${unusableTypeText(t)})`).join(', ')}, `
              + 'so every clone fails host key verification',
            fix: `Give the host's ed25519, ECDSA or RSA key instead: "${names[0]} ssh-ed25519 <base64 key>" (e.g. from \`ssh-keyscan -t ed25519 `
              + `${parsed.port ? `-p ${parsed.port} ` : ''}${parsed.hostname.replace(/^\[(.*)\]$/, '$1')}\` checked against the host's published fingerprints).`,
            rule: RuleId.VALID_SPEC,
          });
        }
        throw this.error({
          property: 'knownHosts',
          value: props.knownHosts,
          problem: `has no key for ${this.host} that ssh accepts (a line whose hosts name it, in any case or by a * or ? pattern and no !pattern, `
            + 'with a key ssh reads that no @revoked line names)',
          fix: `Add a line "${knownHostsName(parsed.hostname, parsed.port)} <key type> <base64 key>".`,
          rule: RuleId.VALID_SPEC,
        });
      }
      this.knownHostsConfigMapName = `${this.secretName}-known-hosts`;
      this.policy.emit(new k8s.KubeConfigMap(this, 'KnownHosts', {
        metadata: { name: this.knownHostsConfigMapName },
        data: { known_hosts: lines.join('\n') + '\n' },
      }));
    }
  }

  /** The annotation Tekton's creds-init needs on the Secret: `tekton.dev/git-0`. */
  public get tektonAnnotations(): { [key: string]: string } {
    return { [TEKTON_GIT_CREDENTIAL_ANNOTATION]: this.authType === GitAuthType.SSH ? this.host : `https://${this.host}` };
  }

  /**
   * The run binding (WORKSPACE mode): the Secret's keys and, for SSH, `known_hosts`,
   * read-only. Bind it to a credentials workspace of the clone task.
   */
  public workspace(): RunWorkspace {
    if (this.mode !== GitCredentialMode.WORKSPACE) {
      throw this.error({
        property: 'mode',
        value: this.mode,
        problem: 'does not mount the credential as a workspace',
        fix: 'Use GitCredentialMode.WORKSPACE, or let creds-init use it through grantRead(serviceAccount).',
        rule: RuleId.VALID_SPEC,
      });
    }
    const keys = this.authType === GitAuthType.SSH ? ['ssh-privatekey'] : ['username', 'password'];
    return RunWorkspace.projected([
      { secretName: this.secretName, items: keys.map((key) => ({ key, path: key })) },
      ...(this.knownHostsConfigMapName ? [{ configMapName: this.knownHostsConfigMapName, items: [{ key: 'known_hosts', path: 'known_hosts' }] }] : []),
    ]);
  }

  /**
   * Grant `get` on the Secret by name and list it under the ServiceAccount's `secrets:`,
   * for GitCredentialMode.CREDS_INIT only (WORKSPACE mode needs neither: the kubelet
   * mounts `workspace()`).
   *
   * Listed there with its `tekton.dev/git-*` annotation, the Secret is written by Tekton's
   * creds-init (on unless the feature flag `disable-creds-init` is `"true"`) into the home
   * directory (`~/.ssh`, or `~/.git-credentials` and `~/.gitconfig`) of every step of every
   * run as that ServiceAccount, those that run the repository's code (`npm ci`, `make`, a
   * Dockerfile's `RUN` lines) included; CREDENTIALS_WITH_REPO_CODE refuses such a run. Use it
   * only with creds-init on and for runs that run no repository code in any step.
   */
  public grantRead(serviceAccount: LeastPrivilegeServiceAccount): void {
    serviceAccount.grantReadSecret(this.secretName);
  }

  private error(o: RefusalOptions): Error {
    return this.policy.error(o);
  }
}

/** Host, port and credential type of a git URL; undefined for anything but https and SSH. */
/** A git host as a URL names it: a DNS name or IPv4 address, or a bracketed IPv6 address, with an optional port. */
const GIT_HOST = /^(?:[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$/;

function parseGitUrl(url: string): { type: GitAuthType; host: string; hostname: string; port?: string } | undefined {
  const scp = /^[A-Za-z0-9._-]+@([A-Za-z0-9.-]+):(?!\/\/)/.exec(url);
  if (scp) return { type: GitAuthType.SSH, host: scp[1], hostname: scp[1] };
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol === 'https:') return { type: GitAuthType.BASIC_AUTH, host: u.host, hostname: u.hostname };
  if (u.protocol === 'ssh:') return { type: GitAuthType.SSH, host: u.host, hostname: u.hostname, port: u.port || undefined };
  return undefined;
}

/**
 * Whether ssh (OpenSSH 9.2, hostfile.c and match.c) knows a key for the host from these known_hosts lines: a line
 * without a marker, or with `@cert-authority` where the host presents a certificate (`certificates`), whose hosts field
 * names the host and whose key ssh reads and accepts (`usable`: a type of `ssh -Q key`, not DSA, not a certificate), unless an
 * `@revoked` line for the host names the same key (ssh then refuses it). Measured with OpenSSH 9.2p1 against a local
 * sshd: a plain host key verifies only against a line without a marker; a host certificate against an `@cert-authority`
 * line of the key that signed it (or a line without a marker of the host's key); a certificate written on a line verifies
 * neither ("REMOTE HOST IDENTIFICATION HAS CHANGED"). The host is matched as ssh writes it
 * (knownHostsName), lower-cased: against a hashed field (`|1|salt|hash`, HMAC-SHA1 of the host under the 20-byte
 * salt), or against each comma-separated pattern, lower-cased, with `*` and `?` (`match_hostname`); a negated
 * pattern (`!host`) that matches makes the line not name the host. A line with another marker (`@foo`) is ignored.
 */
function knownHostsKnowsHost(
  lines: readonly string[], host: string, certificates: boolean, usable = (type: string) => unusableTypeText(type) === undefined,
): boolean {
  const entries = lines.map((l) => knownHostsEntry(l, host)).filter((e): e is KnownHostsEntry => e !== undefined);
  const revoked = new Set(entries.filter((e) => e.marker === '@revoked').map((e) => e.key));
  return entries.some((e) => (e.marker === '' || (e.marker === '@cert-authority' && certificates)) && !revoked.has(e.key) && usable(e.type));
}

/**
 * The key types of the lines that would give ssh a key for `host` (knownHostsKnowsHost's, `certificates` alike) but for their
 * type (unusableTypeText). Empty when no line of another type would.
 */
function knownHostsUnusableTypes(lines: readonly string[], host: string, certificates: boolean): string[] {
  return lines.map((l) => knownHostsEntry(l, host)?.type).filter((type): type is string => type !== undefined
    && unusableTypeText(type) !== undefined && knownHostsKnowsHost(lines, host, certificates, (t) => t === type));
}

/**
 * Why ssh (OpenSSH 9.2) verifies no host key against a known_hosts key of this type, or undefined where it can: one it does
 * not read (not in `ssh -Q key`), DSA, which it reads but offers and accepts for no host key by default (HostKeyAlgorithms,
 * CASignatureAlgorithms), or a certificate, which it matches on no line.
 */
function unusableTypeText(type: string): string | undefined {
  return !SSH_KEY_TYPES.has(type) ? SSH_UNKNOWN_TEXT : SSH_DISABLED_KEY_TYPES.has(type) ? SSH_DISABLED_TEXT
    : type.endsWith('-cert-v01@openssh.com') ? SSH_CERTIFICATE_TEXT : undefined;
}

/** The key types OpenSSH 9.2 reads (`ssh -Q key`): sshkey_read fails on another, and the line gives no key. */
const SSH_KEY_TYPES: ReadonlySet<string> = new Set([
  'ssh-ed25519', 'ssh-ed25519-cert-v01@openssh.com', 'sk-ssh-ed25519@openssh.com', 'sk-ssh-ed25519-cert-v01@openssh.com',
  'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp256-cert-v01@openssh.com', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp384-cert-v01@openssh.com',
  'ecdsa-sha2-nistp521', 'ecdsa-sha2-nistp521-cert-v01@openssh.com', 'sk-ecdsa-sha2-nistp256@openssh.com',
  'sk-ecdsa-sha2-nistp256-cert-v01@openssh.com', 'ssh-dss', 'ssh-dss-cert-v01@openssh.com', 'ssh-rsa', 'ssh-rsa-cert-v01@openssh.com',
]);

/**
 * DSA: OpenSSH 9.2's default HostKeyAlgorithms and CASignatureAlgorithms (`ssh -G`) have no `ssh-dss`, so a server offering
 * only a DSA host key is refused ("no matching host key type found"), and one offering another is checked against its key of
 * that type ("Host key verification failed" under strict checking).
 */
const SSH_DISABLED_KEY_TYPES: ReadonlySet<string> = new Set(['ssh-dss', 'ssh-dss-cert-v01@openssh.com']);
const SSH_DISABLED_TEXT = 'DSA, which ssh (OpenSSH 9.2) does not accept for a host key by default: no ssh-dss in HostKeyAlgorithms';
const SSH_UNKNOWN_TEXT = 'a key type ssh (OpenSSH 9.2) does not know: not in `ssh -Q key`';
const SSH_CERTIFICATE_TEXT = 'a certificate, which ssh (OpenSSH 9.2) matches on no known_hosts line: it checks a host certificate against an '
  + '@cert-authority line of the key that signed it';

interface KnownHostsEntry {
  readonly marker: '' | '@cert-authority' | '@revoked';
  /** The key type as written. */
  readonly type: string;
  /** The key type and its blob, as ssh compares keys. */
  readonly key: string;
}

/**
 * A known_hosts line that names `host` (lower-case, as knownHostsName writes it) with a key whose blob holds the type written;
 * else undefined. Whether ssh reads and accepts that type is knownHostsKnowsHost's.
 */
function knownHostsEntry(line: string, host: string): KnownHostsEntry | undefined {
  const fields = line.trim().split(/\s+/);
  const marker = fields[0].startsWith('@') ? fields.shift()! : '';
  if (marker !== '' && marker !== '@cert-authority' && marker !== '@revoked') return undefined;
  if (fields.length < 3 || !knownHostsNames(fields[0], host)) return undefined;
  const [type, base64] = [fields[1], fields[2]];
  // sshkey_read: the blob decodes and holds a key of the type written
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return undefined;
  const blob = Buffer.from(base64, 'base64');
  const length = blob.length >= 4 ? blob.readUInt32BE(0) : -1;
  if (length < 0 || 4 + length > blob.length || blob.subarray(4, 4 + length).toString('latin1') !== type) return undefined;
  return { marker, type, key: `${type} ${blob.toString('base64')}` };
}

/** Whether a known_hosts hosts field names `host` (lower-case): `match_maybe_hashed`. */
function knownHostsNames(names: string, host: string): boolean {
  if (names.startsWith('|')) {
    const hashed = /^\|1\|([^|]*)\|/.exec(names);
    const salt = hashed && /^[A-Za-z0-9+/]*={0,2}$/.test(hashed[1]) ? Buffer.from(hashed[1], 'base64') : undefined;
    if (salt === undefined || salt.length !== 20) return false;
    // (node's crypto is loaded when a hashed line is read, as public-keys.ts loads it)
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createHmac } = require('crypto') as typeof Crypto;
    return names === `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(host).digest('base64')}`;
  }
  let positive = false;
  for (const sub of names.split(',')) {
    const negated = sub.startsWith('!');
    const pattern = (negated ? sub.slice(1) : sub).toLowerCase();
    const re = new RegExp(`^${[...pattern].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&'))).join('')}$`, 's');
    if (re.test(host)) {
      if (negated) return false;
      positive = true;
    }
  }
  return positive;
}

/**
 * The host as ssh writes it in known_hosts: `host`, or `[host]:port` for another port than 22;
 * an IPv6 address without the brackets the URL gives it (`::1`, `[::1]:2222`).
 */
function knownHostsName(hostname: string, port?: string): string {
  const bare = hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return port && port !== '22' ? `[${bare}]:${port}` : bare;
}
