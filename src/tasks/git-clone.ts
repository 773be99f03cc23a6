import { Construct } from 'constructs';
import { checkEgressAtSynth, EgressNeed, NeededEndpoint } from './egress-reach';
import { requirePinnedImage, taskRefusal } from './refusal';
import { GitAuthType, GitCredential, GitCredentialMode } from '../credentials/git-credential';
import { ParamConstraint } from '../pipeline/param';
import { PipelineTask } from '../pipeline/secure-pipeline';
import { SecureTask } from '../pipeline/secure-task';
import { TrustDomain } from '../pipeline/trust-domain';
import { RuleId } from '../policy/rule-id';
import { registerConstructKind } from '../private/construct-kinds';
import { GIT_INIT_IMAGE } from '../private/images';
import { literalPattern } from '../private/text';

const KIND = 'GitClone';
/** A path of a repository URL: no spaces, quotes or shell characters. */
const REPO_PATH = '[A-Za-z0-9._~-][A-Za-z0-9._~/-]*';
/** The path of an scp-like SSH URL (`user@host:path`): REPO_PATH that does not start with '-'. */
const SCP_PATH = '[A-Za-z0-9._~][A-Za-z0-9._~/-]*';
/** The user of an SSH URL: never starting with '-'. */
const SSH_USER = '[A-Za-z0-9._][A-Za-z0-9._-]*';
/**
 * The longest `url` the clone takes. Tekton writes a step's results to its termination
 * message, at most 4096 bytes, and the kubelet keeps 12288 bytes for all the containers
 * of a pod together: 3072 for each of the clone's four (Tekton's two init containers,
 * validate-params and clone). The results `commit` and `url` share them with Tekton's own
 * entries (StartedAt; with SPIRE, the results' signatures and the SVID certificate); a
 * longer url would fail the task after the clone, when its results are written.
 */
const MAX_URL_LENGTH = 1024;

/**
 * Props of a GitClone.
 */
export interface GitCloneProps {
  /** `metadata.name` of the Task. @default - the construct id */
  readonly name?: string;
  /**
   * The credential to clone with: SSH (the key and `known_hosts` reach the task
   * through its `git-credentials` workspace; the host key is always checked) or
   * basic-auth over https. The `url` param must then name the credential's host, and
   * the basic-auth password is given for that host alone (not for a submodule's or a
   * redirect's), so the credential is never sent elsewhere. Only `GitCredentialMode.WORKSPACE`.
   * @default - no credential: a public repository over https
   */
  readonly credential?: GitCredential;
  /** How many commits of history to fetch; 0 fetches the whole history of the commit. @default 1 */
  readonly depth?: number;
  /**
   * Check out submodules too (over https or SSH only, with the same credential and
   * depth). Their URLs come from the repository: keep it off unless needed.
   * @default false
   */
  readonly submodules?: boolean;
  /** An image with `sh`, `git` and `ssh`, pinned by digest. @default - Tekton's git-init v0.42.0, pinned by digest */
  readonly gitImage?: string;
}

/**
 * A trusted task that checks out exactly one commit of one repository into its
 * `source` workspace.
 *
 * - params: `url` (https, or SSH for an SSH credential; always the credential's
 *   host; at most 1024 characters, as it is written to a result) and `revision` (a full 40-hex commit SHA), both checked by a first step
 *   before git runs;
 * - workspaces: `source` (the checkout) and, with a credential, `git-credentials`
 *   (bind `credential.workspace()`), which only this task receives;
 * - results: `commit` (the SHA checked out, verified equal to `revision`) and `url`.
 *
 * git runs as UID 65532 with a read-only root filesystem: its config, the SSH key
 * (copied so that only its owner can read it) and the credential helper live in
 * `$HOME`, an emptyDir. Only the https and ssh transports are allowed (no `file://`,
 * `git://` or `ext::`), no hook runs (`core.hooksPath` is `/dev/null`, in submodules too),
 * the checkout is marked `safe.directory`, the fetch is shallow
 * (depth 1) and submodules are off by default. Whatever is already in the `source`
 * workspace (left by another task or run) but `lost+found` is removed before `git init`: a `.git` would
 * keep its hooks and configuration, other files would stay in the checkout or make
 * `git checkout` refuse to overwrite them. Bind a workspace that holds nothing else.
 * The task runs no code of the repository, which is why it may hold the
 * credential; give its pipeline task egress to the git host only. Synth refuses a
 * pipeline task that runs it when the pipeline's NetworkPolicies (its `allowEgressTo`,
 * `egress.allow`) let it reach no destination on the git host's TCP port: 22 for SSH,
 * 443 for https, or the port the credential's URL (or a literal https `url`) names.
 * Only the port is checked (the host's addresses are resolved at run time); an
 * anonymous clone of a `url` a run passes (which may name any port) is refused only
 * when its egress reaches no TCP port at all.
 *
 * @example
 * declare const pipeline: SecurePipeline;
 * const git = new GitCredential(chart, 'git', {
 *   secretName: 'git-deploy-key',
 *   url: 'git@github.com:example/app.git',
 *   knownHosts: 'github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl',
 * });
 * const clone = pipeline.addTask({
 *   task: new GitClone(chart, 'git-clone', { credential: git }),
 *   parameters: { url: '$(params.git-url)', revision: '$(params.git-revision)' },
 *   workspaces: { 'source': 'source', 'git-credentials': 'git-credentials' },
 * });
 * clone.allowEgressTo(EgressPeer.cidr('140.82.112.0/20'), [EgressPort.tcp(22)]);
 */
export class GitClone extends SecureTask {
  /** The credential it clones with, if any. */
  public readonly credential?: GitCredential;
  /** Commits of history fetched (0: all). */
  public readonly depth: number;
  /** Whether submodules are checked out. */
  public readonly submodules: boolean;

  constructor(scope: Construct, id: string, props: GitCloneProps = {}) {
    const depth = props.depth ?? 1;
    const submodules = props.submodules ?? false;
    const credential = props.credential;
    // git reads --depth as a C int: 1e21 (written 1e+21) is no number to it
    if (!Number.isInteger(depth) || depth < 0 || depth > 2147483647) {
      throw taskRefusal(scope, id, KIND, {
        property: 'depth',
        value: String(depth),
        problem: 'is not a whole number of commits from 0 to 2147483647',
        rule: RuleId.VALID_SPEC,
        fix: 'Use depth: 1 (the commit alone), a larger number, or 0 for the whole history.',
      });
    }
    if (credential && credential.mode !== GitCredentialMode.WORKSPACE) {
      throw taskRefusal(scope, id, KIND, {
        property: 'credential',
        value: credential.secretName,
        problem: 'reaches runs through creds-init, which gives it to every task of the run',
        rule: RuleId.CREDENTIALS_TRUSTED_TASK,
        fix: 'Create the GitCredential with mode: GitCredentialMode.WORKSPACE and bind credential.workspace() to the clone\'s git-credentials workspace.',
      });
    }
    requirePinnedImage(scope, id, KIND, 'gitImage', props.gitImage);
    super(scope, id, {
      name: props.name,
      description: 'Check out one exact commit (trusted: runs git only, never code of the repository).',
      trusted: true,
      parameters: [
        { name: 'url', description: 'Repository URL', constraint: urlConstraint(credential) },
        { name: 'revision', description: 'Commit to check out (40 hex)', constraint: ParamConstraint.gitSha() },
      ],
      workspaces: [
        { name: 'source', domain: TrustDomain.SOURCE, description: 'The checkout' },
        ...(credential ? [{
          name: 'git-credentials',
          domain: TrustDomain.CREDENTIALS,
          description: credential.authType === GitAuthType.SSH ? 'ssh-privatekey and known_hosts' : 'username and password',
        }] : []),
      ],
      results: [
        { name: 'commit', description: 'The commit checked out (equal to revision)' },
        { name: 'url', description: 'The repository URL it was fetched from' },
      ],
      steps: [{
        name: 'clone',
        image: props.gitImage ?? GIT_INIT_IMAGE,
        env: {
          URL: '$(params.url)',
          REVISION: '$(params.revision)',
          CHECKOUT_DIR: '$(workspaces.source.path)',
          ...(credential ? { GIT_CREDENTIALS: '$(workspaces.git-credentials.path)' } : {}),
          // the only host the credential helper answers for (git writes host=<name>[:<port>])
          ...(credential?.authType === GitAuthType.BASIC_AUTH ? { GIT_CREDENTIAL_HOST: credential.host } : {}),
          GIT_TERMINAL_PROMPT: '0',
          GIT_CONFIG_NOSYSTEM: '1',
        },
        resources: { cpuRequest: '100m', cpuLimit: '1', memoryRequest: '128Mi', memoryLimit: '1Gi' },
        script: cloneScript(credential?.authType, depth, submodules),
      }],
    });
    this.credential = credential;
    this.depth = depth;
    this.submodules = submodules;
    // the pipeline's NetworkPolicies must let each pipeline task that runs the clone reach the git host's port
    checkEgressAtSynth(this, CLONE_NEEDS, (t) => gitEndpoints(t, credential));
  }
}

/**
 * The git host and TCP port a pipeline task's clone reaches: the credential's (22 for SSH,
 * 443 for https, unless its URL names another), else the https url the task passes as a
 * literal; for an anonymous clone of a url known only at run time, an https host on a port
 * that url names (443 unless it names one).
 */
function gitEndpoints(task: PipelineTask, credential: GitCredential | undefined): NeededEndpoint[] {
  if (credential) {
    const [, hostname, port] = /^(\[[^\]]*\]|[^:]*)(?::([0-9]+))?$/.exec(credential.host) ?? [undefined, credential.host, undefined];
    const ssh = credential.authType === GitAuthType.SSH;
    return [{ host: hostname, port: port !== undefined ? Number(port) : ssh ? 22 : 443, how: `${ssh ? 'SSH' : 'https'}, as credential '${credential.node.path}' says` }];
  }
  const url = task._options.parameters?.url;
  const literal = typeof url === 'string' && !url.includes('$(') ? /^https:\/\/([A-Za-z0-9.-]+)(?::([0-9]+))?\//.exec(url) : null;
  if (!literal) return [{ host: 'the git host of its url', fixPort: 443, how: 'an https url a run passes: port 443 unless it names another' }];
  return [{ host: literal[1], port: literal[2] !== undefined ? Number(literal[2]) : 443, how: 'https, as its url param says' }];
}

/** What a clone's refusals say of its egress. */
const CLONE_NEEDS: EgressNeed = { kind: 'GitClone', subject: 'the clone', failure: 'git fetch fails on every run', role: 'the git host' };

/** The URLs a clone accepts: the credential's host (https for basic-auth, SSH for SSH), any https host without one. */
function urlConstraint(credential: GitCredential | undefined): ParamConstraint {
  // the url is written to a result: bounded by the termination message (MAX_URL_LENGTH)
  const bounded = (regex: string, description: string) =>
    ParamConstraint._boundedPattern(regex, `${description} (at most ${MAX_URL_LENGTH} characters)`, MAX_URL_LENGTH);
  if (!credential) {
    return bounded(`^https://[A-Za-z0-9.-]+(:[0-9]+)?/${REPO_PATH}$`, 'an https repository URL');
  }
  const host = literalPattern(credential.host);
  if (credential.authType === GitAuthType.BASIC_AUTH) {
    return bounded(`^https://${host}/${REPO_PATH}$`, `an https URL of ${credential.host}`);
  }
  // scp-like user@host:path has no port: with a port, only ssh:// names it. The URL never starts with '-' (git would
  // read it as options), and neither does an scp-like path (git refuses it as a strange pathname)
  const scp = credential.host.includes(':') ? '' : `|${SSH_USER}@${host}:${SCP_PATH}`;
  return bounded(`^(ssh://(${SSH_USER}@)?${host}/${REPO_PATH}${scp})$`, `an SSH URL of ${credential.host}`);
}

function cloneScript(auth: GitAuthType | undefined, depth: number, submodules: boolean): string {
  const depthFlag = depth > 0 ? ` --depth=${depth}` : '';
  return [
    '#!/bin/sh',
    'set -eu',
    '# git config, the SSH key and the credential helper live in $HOME (an emptyDir): the root filesystem is read-only',
    '# only the https and ssh transports: no file://, git:// or ext:: (in submodules either)',
    'git config --global protocol.allow never',
    'git config --global protocol.https.allow always',
    ...(auth === GitAuthType.SSH ? ['git config --global protocol.ssh.allow always'] : []),
    '# no hook runs, in the checkout or a submodule: a hook file the fetched content gets written (as submodule path bugs of',
    '# git have allowed) would run with the credentials',
    'git config --global core.hooksPath /dev/null',
    '# the workspace volume belongs to another user than the one git runs as',
    'git config --global --add safe.directory "$CHECKOUT_DIR"',
    ...(auth === GitAuthType.SSH ? [
      '# ssh reads only a key that its owner alone can read and that ends with a new line (a Secret written without one',
      '# gives "error in libcrypto"): copy it out of the read-only workspace, readable by this user only, with one more',
      'mkdir -p "$HOME/.ssh"',
      '(umask 077 && { cat "$GIT_CREDENTIALS/ssh-privatekey" && echo; } > "$HOME/.ssh/id_key")',
      'export GIT_SSH_COMMAND="ssh -i $HOME/.ssh/id_key -o IdentitiesOnly=yes -o UserKnownHostsFile=$GIT_CREDENTIALS/known_hosts -o StrictHostKeyChecking=yes -o BatchMode=yes"',
    ] : []),
    ...(auth === GitAuthType.BASIC_AUTH ? [
      '# a credential helper reads the username and password from the workspace when git asks (nothing written to disk),',
      '# and answers only for the credential\'s host over https: git also asks for the host of a submodule URL or of a redirect',
      'cat > "$HOME/git-credential" <<\'EOF\'',
      '#!/bin/sh',
      '[ "$1" = get ] || exit 0',
      'protocol=',
      'host=',
      'while IFS= read -r line; do',
      '  case "$line" in',
      '    protocol=*) protocol="${line#protocol=}" ;;',
      '    host=*) host="${line#host=}" ;;',
      '  esac',
      'done',
      '[ "$protocol" = https ] && [ "$host" = "$GIT_CREDENTIAL_HOST" ] || exit 0',
      'printf \'username=%s\\npassword=%s\\n\' "$(cat "$GIT_CREDENTIALS/username")" "$(cat "$GIT_CREDENTIALS/password")"',
      'EOF',
      'chmod 700 "$HOME/git-credential"',
      'git config --global credential.helper "$HOME/git-credential"',
    ] : []),
    'cd "$CHECKOUT_DIR"',
    '# start from an empty workspace: a .git another task or run left keeps its hooks and configuration through git init',
    '# (git would run them with the credentials), and other files would stay in the checkout or make git checkout refuse',
    '# to overwrite them. lost+found stays: a new volume\'s belongs to root, and is not this user\'s to remove',
    'for f in ./* ./.[!.]* ./..?*; do',
    '  [ "$f" = ./lost+found ] || rm -rf -- "$f" || { echo "cannot empty the source workspace (${f#./}): bind a new volume, or one only GitClone writes" >&2; exit 1; }',
    'done',
    'git init -q .',
    'git remote add origin -- "$URL"',
    `git fetch -q --no-tags${depthFlag} origin -- "$REVISION"`,
    'git checkout -q --detach FETCH_HEAD',
    ...(submodules ? [`git submodule update -q --init --recursive${depthFlag}`] : []),
    'COMMIT="$(git rev-parse HEAD)"',
    '[ "$COMMIT" = "$REVISION" ] || { echo "checked out $COMMIT, not $REVISION" >&2; exit 1; }',
    'printf \'%s\' "$COMMIT" > "$(results.commit.path)"',
    'printf \'%s\' "$URL" > "$(results.url.path)"',
  ].join('\n') + '\n';
}

registerConstructKind(GitClone, KIND);
