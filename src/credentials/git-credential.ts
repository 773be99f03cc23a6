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
   * @default - none (refused for SSH)
   */
  readonly knownHosts?: string;
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
      if (!lines.some((l) => knownHostsLineMatches(l, parsed.hostname, parsed.port))) {
        throw this.error({
          property: 'knownHosts',
          value: props.knownHosts,
          problem: `has no key for ${this.host}`,
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

/** Whether a known_hosts line (`hosts keytype key`) names the host. Hashed entries (`|1|`) cannot be matched and do not count. */
function knownHostsLineMatches(line: string, hostname: string, port?: string): boolean {
  const fields = line.replace(/^@\S+\s+/, '').split(/\s+/);
  if (fields.length < 3) return false;
  return fields[0].split(',').includes(knownHostsName(hostname, port));
}

/**
 * The host as ssh writes it in known_hosts: `host`, or `[host]:port` for another port than 22;
 * an IPv6 address without the brackets the URL gives it (`::1`, `[::1]:2222`).
 */
function knownHostsName(hostname: string, port?: string): string {
  const bare = hostname.replace(/^\[(.*)\]$/, '$1');
  return port && port !== '22' ? `[${bare}]:${port}` : bare;
}
