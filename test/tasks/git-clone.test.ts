import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Size, Testing } from 'cdk8s';
import {
  EgressPeer, EgressPort, GitClone, GitCredential, GitCredentialMode, ParamConstraint, PipelineTaskOptions, RunWorkspace, SecurePipeline,
  SecurePipelineRun, TrustDomain,
} from '../../src';
import { HARDENED_SECURITY_CONTEXT, messageOf, only } from '../helpers/constructs';
import { git, runStepScript } from '../helpers/run-step';

const KNOWN_HOSTS = 'github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';

function chart(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'ci' });
}
function ssh(c: Chart, mode?: GitCredentialMode): GitCredential {
  return new GitCredential(c, 'git', { secretName: 'git-deploy-key', url: 'git@github.com:example/app.git', knownHosts: KNOWN_HOSTS, mode });
}
const stepOf = (m: any, name: string) => m.spec.steps.find((s: any) => s.name === name);
/** The regular expression the validation step checks a param against. */
const patternOf = (m: any, param: string) => new RegExp(stepOf(m, 'validate-params').script.match(new RegExp(`grep -Eq -e '([^']+)' \\|\\| fail '${param}'`))[1]);

describe('GitClone', () => {
  test('defaults: anonymous https, one commit, shallow, no submodules, hardened', () => {
    const c = chart();
    const clone = new GitClone(c, 'git-clone');
    expect([clone.trusted, clone.depth, clone.submodules, clone.credential]).toEqual([true, 1, false, undefined]);
    const m = only(c, 'Task');
    expect(m.spec.params.map((p: any) => p.name)).toEqual(['url', 'revision']);
    expect(m.spec.workspaces.map((w: any) => [w.name, w.readOnly])).toEqual([['source', false]]);
    expect(m.spec.results.map((r: any) => r.name)).toEqual(['commit', 'url']);
    const step = stepOf(m, 'clone');
    expect(step.image).toMatch(/^ghcr\.io\/tektoncd\/github\.com\/tektoncd\/pipeline\/cmd\/git-init:v0\.42\.0@sha256:[a-f0-9]{64}$/);
    expect(step.securityContext).toEqual(HARDENED_SECURITY_CONTEXT);
    // git writes its config under $HOME: set by the stepTemplate, an emptyDir
    expect(m.spec.stepTemplate.env).toEqual([{ name: 'HOME', value: '/home/tekton' }]);
    expect(step.volumeMounts.map((v: any) => v.mountPath)).toEqual(['/tmp', '/home/tekton']);
    expect(step.script).toContain('git fetch -q --no-tags --depth=1 origin -- "$REVISION"');
    expect(step.script).toContain('git config --global --add safe.directory "$CHECKOUT_DIR"');
    expect(step.script).toContain('git config --global protocol.allow never');
    expect(step.script).not.toContain('protocol.ssh.allow');
    expect(step.script).not.toContain('git submodule');
    expect(step.script).toContain('[ "$COMMIT" = "$REVISION" ] ||');
    // what another task or run left in the workspace (a .git with its hooks and config, other files) is removed first
    expect(step.script).toMatch(/\ncd "\$CHECKOUT_DIR"\n(#[^\n]*\n)*for f in \.\/\* \.\/\.\[!\.\]\* \.\/\.\.\?\*; do\n {2}\[ "\$f" = \.\/lost\+found \] \|\| rm -rf -- "\$f" \|\| \{ [^\n]* \}\ndone\ngit init -q \.\n/);
    // the URL after --: git never reads it as an option
    expect(step.script).toContain('git remote add origin -- "$URL"');
    expect(step.env.map((e: any) => e.name)).toEqual(['URL', 'REVISION', 'CHECKOUT_DIR', 'GIT_TERMINAL_PROMPT', 'GIT_CONFIG_NOSYSTEM']);
    expect(Testing.synth(c)).toHaveLength(1);
  });

  test('the revision is a 40-hex SHA and the url any https repository, checked before git runs', () => {
    const c = chart();
    new GitClone(c, 'git-clone');
    const m = only(c, 'Task');
    expect(m.spec.steps[0].name).toBe('validate-params');
    expect(patternOf(m, 'revision').source).toBe(new RegExp(ParamConstraint.gitSha().regex!).source);
    const url = patternOf(m, 'url');
    expect(url.test('https://github.com/example/app.git')).toBe(true);
    expect(url.test('git@github.com:example/app.git')).toBe(false);
    expect(url.test('https://github.com/example/app.git; rm -rf /')).toBe(false);
    expect(url.test('file:///etc')).toBe(false);
  });

  test('SSH: the key and known_hosts in a credentials workspace, the host key checked, the url only of the credential\'s host', () => {
    const c = chart();
    new GitClone(c, 'git-clone', { credential: ssh(c) });
    const m = only(c, 'Task');
    expect(m.spec.workspaces.map((w: any) => [w.name, w.readOnly])).toEqual([['source', false], ['git-credentials', true]]);
    const step = stepOf(m, 'clone');
    expect(step.env).toContainEqual({ name: 'GIT_CREDENTIALS', value: '$(workspaces.git-credentials.path)' });
    expect(step.script).toContain('-o UserKnownHostsFile=$GIT_CREDENTIALS/known_hosts -o StrictHostKeyChecking=yes');
    expect(step.script).toContain('git config --global protocol.ssh.allow always');
    const url = patternOf(m, 'url');
    expect(url.test('git@github.com:example/app.git')).toBe(true);
    expect(url.test('ssh://git@github.com/example/app.git')).toBe(true);
    expect(url.test('git@evil.example.com:example/app.git')).toBe(false);
    expect(url.test('git@githubXcom:example/app.git')).toBe(false);
    expect(url.test('https://github.com/example/app.git')).toBe(false);
  });

  test('basic-auth: a credential helper reads the workspace; only https URLs of that host', () => {
    const c = chart();
    const cred = new GitCredential(c, 'git', { secretName: 'git-token', url: 'https://gitlab.example.com/team/app.git' });
    new GitClone(c, 'git-clone', { credential: cred });
    const m = only(c, 'Task');
    const step = stepOf(m, 'clone');
    expect(step.script).toContain('git config --global credential.helper "$HOME/git-credential"');
    expect(step.script).not.toMatch(/GIT_SSH_COMMAND|protocol\.ssh/);
    const url = patternOf(m, 'url');
    expect(url.test('https://gitlab.example.com/team/app.git')).toBe(true);
    expect(url.test('https://gitlab.example.com.evil.io/team/app.git')).toBe(false);
  });

  test('full history and submodules when asked', () => {
    const c = chart();
    new GitClone(c, 'git-clone', { depth: 0, submodules: true });
    const script = stepOf(only(c, 'Task'), 'clone').script;
    expect(script).toContain('git fetch -q --no-tags origin -- "$REVISION"');
    expect(script).toContain('git submodule update -q --init --recursive\n');
  });

  describe('the url is written to a result: at most 1024 characters, within the termination message', () => {
    const SHA = '0123456789abcdef0123456789abcdef01234567';
    // 1024 and 1025 characters
    const longest = `https://git.example.com/${'a'.repeat(1000)}`;
    const tooLong = `${longest}a`;
    const pipelineWith = (url: string) => {
      const c = chart();
      const pipeline = new SecurePipeline(c, 'ci', { parameters: [{ name: 'git-url' }], workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }] });
      const clone = pipeline.addTask({ task: new GitClone(c, 'git-clone'), name: 'clone', parameters: { url, revision: SHA }, workspaces: { source: 'source' } });
      clone.allowEgressTo(EgressPeer.cidr('192.0.2.0/24'), [EgressPort.tcp(443)]);
      return { c, pipeline };
    };

    test('Tekton\'s results and entries fit the kubelet\'s share of the pod for each container, with a url of 1024 characters', () => {
      expect(longest).toHaveLength(1024);
      const task = only(chartWith((c) => new GitClone(c, 'git-clone')), 'Task');
      // Tekton's init containers (prepare; place-scripts, as the steps have scripts) and one container per step
      const containers = 2 + task.spec.steps.length;
      const share = Math.min(4096, Math.floor(12288 / containers));
      // the clone step's termination message: its results, and the time it started (the longest format Tekton writes)
      const message = JSON.stringify([
        { key: 'commit', value: SHA, type: 1 },
        { key: 'url', value: longest, type: 1 },
        { key: 'StartedAt', value: '2026-12-03T12:00:00.000+05:30', type: 3 },
      ]);
      // room left for SPIRE's signatures of the results and its SVID certificate
      expect(share - message.length).toBeGreaterThan(1800);
    });

    test('a literal url longer than that is refused at synth, in the pipeline task or the run that passes it', () => {
      expect(() => Testing.synth(pipelineWith(longest).c)).not.toThrow();
      expect(messageOf(() => Testing.synth(pipelineWith(tooLong).c))).toBe(
        `SecurePipeline 'test/ci' task 'clone': parameters.url "${tooLong}" is not an https repository URL (at most 1024 characters), which param 'url' of task `
        + "'git-clone' requires: its validate-params step fails every run [VALID_REFERENCE]. Pass an https repository URL (at most 1024 characters), "
        + "or a pipeline param: parameters: { 'url': '$(params.<name>)' }.");
      const { c, pipeline } = pipelineWith('$(params.git-url)');
      new SecurePipelineRun(c, 'run', { pipeline, parameters: { 'git-url': tooLong }, workspaces: { source: RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1) }) } });
      expect(messageOf(() => Testing.synth(c))).toBe(
        `SecurePipelineRun 'test/run': parameters.git-url "${tooLong}" is not an https repository URL (at most 1024 characters), which param 'url' of task `
        + "'git-clone' requires (pipeline task 'clone' passes it): its validate-params step fails every run [VALID_REFERENCE]. "
        + "Pass an https repository URL (at most 1024 characters): parameters: { 'git-url': '...' }.");
    });

    test('and refused by validate-params before git runs, with any credential', () => {
      const anonymous = only(chartWith((c) => new GitClone(c, 'git-clone')), 'Task');
      const validate = (task: any, url: string) => runStepScript(stepOf(task, 'validate-params'), { 'params.url': url, 'params.revision': SHA });
      expect(validate(anonymous, longest).status).toBe(0);
      expect(validate(anonymous, tooLong)).toMatchObject({ status: 1, stderr: 'param url must be an https repository URL (at most 1024 characters)\n' });
      const withKey = only(chartWith((c) => new GitClone(c, 'git-clone', { credential: ssh(c) })), 'Task');
      const sshLongest = `git@github.com:${'a'.repeat(1024 - 'git@github.com:'.length)}`;
      expect(validate(withKey, sshLongest).status).toBe(0);
      expect(validate(withKey, `${sshLongest}a`)).toMatchObject({ status: 1, stderr: 'param url must be an SSH URL of github.com (at most 1024 characters)\n' });
    });
  });

  describe('the pipeline\'s egress reaches the git host\'s port: 22 for SSH, 443 for https, or the port the URL names', () => {
    const SHA = '0123456789abcdef0123456789abcdef01234567';
    /** A pipeline that runs the clone, with the egress `egress` gives it; its synth's refusal, or 'synthesized'. */
    type Options = { credential?: (c: Chart) => GitCredential; url?: string; hermetic?: boolean; egress?: (p: SecurePipeline, t: any) => void };
    const refusal = (options: Options) => {
      const c = chart();
      const credential = options.credential?.(c);
      const pipeline = new SecurePipeline(c, 'ci', {
        parameters: [{ name: 'git-url' }],
        workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }, { name: 'git', domain: TrustDomain.CREDENTIALS }],
      });
      const task: PipelineTaskOptions = {
        task: new GitClone(c, 'git-clone', { credential }),
        name: 'clone',
        hermetic: options.hermetic,
        parameters: { url: options.url ?? '$(params.git-url)', revision: SHA },
        workspaces: { source: 'source', ...(credential ? { 'git-credentials': 'git' } : {}) },
      };
      const clone = pipeline.addTask(task);
      options.egress?.(pipeline, clone);
      try {
        Testing.synth(c);
        return 'synthesized';
      } catch (e) {
        return messageOf(() => { throw e; });
      }
    };
    const GITHUB = EgressPeer.cidr('140.82.112.0/20');
    const reaches22 = "the clone reaches github.com on TCP port 22 (SSH, as credential 'test/git' says): git fetch fails on every run [VALID_SPEC]. ";
    const fix22 = "allowEgressTo(EgressPeer.cidr('<addresses of github.com>'), [EgressPort.tcp(22)]) on the PipelineTask addTask returned.";

    test('an SSH clone whose task reaches port 443 only is refused, in the words of the allowEgressTo or egress.allow that gave it', () => {
      expect(refusal({ credential: ssh, egress: (_, t) => t.allowEgressTo(GITHUB, [EgressPort.tcp(443)]) })).toBe(
        "GitClone 'test/git-clone' pipeline task 'clone': allowEgressTo \"EgressPort.tcp(443)\" leaves out TCP port 22, but " + reaches22
        + `Give the task egress to the git host on that port too: ${fix22}`);
      expect(refusal({ credential: ssh, egress: (p) => p.egress.allow(GITHUB, [EgressPort.tcp(443)]) })).toBe(
        "GitClone 'test/git-clone' pipeline task 'clone': egress.allow \"EgressPort.tcp(443)\" leaves out TCP port 22, but " + reaches22
        + `Give the task egress to the git host on that port too: ${fix22}`);
      // UDP 22 is not ssh's
      const udp22 = (p: SecurePipeline, t: any) => { t.allowEgressTo(GITHUB, [EgressPort.tcp(443)]); p.egress.allow(GITHUB, [EgressPort.udp(22)]); };
      expect(refusal({ credential: ssh, egress: udp22 })).toBe(
        "GitClone 'test/git-clone' pipeline task 'clone': allowEgressTo \"EgressPort.tcp(443)\" leaves out TCP port 22 (and so does egress.allow's "
        + '"EgressPort.udp(22)"), but ' + reaches22 + `Give the task egress to the git host on that port too: ${fix22}`);
    });

    test('egress given with pipeline.egress.allowForTask is said as that call', () => {
      expect(refusal({ credential: ssh, egress: (p) => p.egress.allowForTask('clone', GITHUB, [EgressPort.tcp(443)]) })).toBe(
        "GitClone 'test/git-clone' pipeline task 'clone': egress.allowForTask \"EgressPort.tcp(443)\" leaves out TCP port 22, but " + reaches22
        + `Give the task egress to the git host on that port too: ${fix22}`);
    });

    test('an SSH clone with no egress, or hermetic, is refused', () => {
      expect(refusal({ credential: ssh })).toBe(
        "GitClone 'test/git-clone' pipeline task 'clone': allowEgressTo is not called for this pipeline task (nor egress.allow for its pipeline), so its pod "
        + `reaches nothing but DNS, and ${reaches22}Give the task egress to the git host on that port: ${fix22}`);
      expect(refusal({ credential: ssh, hermetic: true })).toBe(
        `GitClone 'test/git-clone' pipeline task 'clone': hermetic "true" gives the task no egress, but ${reaches22}`
        + `Remove hermetic: true from the addTask({ task: <this GitClone>, ... }) options, and give the task egress to the git host: ${fix22}`);
    });

    test('port 22 given by the task, the pipeline, a range or a rule without ports: synthesized', () => {
      expect(refusal({ credential: ssh, egress: (_, t) => t.allowEgressTo(GITHUB, [EgressPort.tcp(443), EgressPort.tcp(22)]) })).toBe('synthesized');
      const wide22 = (p: SecurePipeline, t: any) => { t.allowEgressTo(GITHUB, [EgressPort.tcp(443)]); p.egress.allow(GITHUB, [EgressPort.tcp(22)]); };
      expect(refusal({ credential: ssh, egress: wide22 })).toBe('synthesized');
      expect(refusal({ credential: ssh, egress: (_, t) => t.allowEgressTo(GITHUB, [EgressPort.tcpRange(20, 30)]) })).toBe('synthesized');
    });

    test('the port of an SSH or https credential\'s URL, and of an anonymous clone\'s literal url; a url a run passes needs some TCP port', () => {
      const onPort = (c: Chart) => new GitCredential(c, 'git', {
        secretName: 'git-deploy-key',
        url: 'ssh://git@git.example.com:2222/team/app.git',
        knownHosts: '[git.example.com]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl',
      });
      expect(refusal({ credential: onPort, egress: (_, t) => t.allowEgressTo(GITHUB, [EgressPort.tcp(22)]) })).toBe(
        "GitClone 'test/git-clone' pipeline task 'clone': allowEgressTo \"EgressPort.tcp(22)\" leaves out TCP port 2222, but the clone reaches git.example.com "
        + "on TCP port 2222 (SSH, as credential 'test/git' says): git fetch fails on every run [VALID_SPEC]. Give the task egress to the git host on that port too: "
        + "allowEgressTo(EgressPeer.cidr('<addresses of git.example.com>'), [EgressPort.tcp(2222)]) on the PipelineTask addTask returned.");
      const token = (c: Chart) => new GitCredential(c, 'git', { secretName: 'git-token', url: 'https://gitlab.example.com/team/app.git' });
      expect(refusal({ credential: token, egress: (_, t) => t.allowEgressTo(GITHUB, [EgressPort.tcp(22)]) })).toBe(
        "GitClone 'test/git-clone' pipeline task 'clone': allowEgressTo \"EgressPort.tcp(22)\" leaves out TCP port 443, but the clone reaches gitlab.example.com "
        + "on TCP port 443 (https, as credential 'test/git' says): git fetch fails on every run [VALID_SPEC]. Give the task egress to the git host on that port too: "
        + "allowEgressTo(EgressPeer.cidr('<addresses of gitlab.example.com>'), [EgressPort.tcp(443)]) on the PipelineTask addTask returned.");
      expect(refusal({ credential: token, egress: (_, t) => t.allowEgressTo(GITHUB, [EgressPort.tcp(443)]) })).toBe('synthesized');
      expect(refusal({ url: 'https://git.example.com:8443/team/app.git', egress: (_, t) => t.allowEgressTo(GITHUB, [EgressPort.tcp(443)]) })).toBe(
        "GitClone 'test/git-clone' pipeline task 'clone': allowEgressTo \"EgressPort.tcp(443)\" leaves out TCP port 8443, but the clone reaches git.example.com "
        + 'on TCP port 8443 (https, as its url param says): git fetch fails on every run [VALID_SPEC]. Give the task egress to the git host on that port too: '
        + "allowEgressTo(EgressPeer.cidr('<addresses of git.example.com>'), [EgressPort.tcp(8443)]) on the PipelineTask addTask returned.");
      expect(refusal({ url: 'https://git.example.com/team/app.git', egress: (_, t) => t.allowEgressTo(GITHUB, [EgressPort.tcp(443)]) })).toBe('synthesized');
      // the url a run passes may name any port: only a task that reaches no TCP port at all is refused
      const runUrl = 'the clone reaches the git host of its url on a TCP port (an https url a run passes: port 443 unless it names another): git fetch fails on every run '
        + '[VALID_SPEC]. ';
      const runFix = "allowEgressTo(EgressPeer.cidr('<addresses of the git host of its url>'), [EgressPort.tcp(443)]) on the PipelineTask addTask returned.";
      expect(refusal({})).toBe("GitClone 'test/git-clone' pipeline task 'clone': allowEgressTo is not called for this pipeline task (nor egress.allow for its "
        + `pipeline), so its pod reaches nothing but DNS, and ${runUrl}Give the task egress to the git host on its port: ${runFix}`);
      expect(refusal({ hermetic: true })).toBe(`GitClone 'test/git-clone' pipeline task 'clone': hermetic "true" gives the task no egress, but ${runUrl}`
        + `Remove hermetic: true from the addTask({ task: <this GitClone>, ... }) options, and give the task egress to the git host: ${runFix}`);
      expect(refusal({ egress: (_, t) => t.allowEgressTo(GITHUB, [EgressPort.udp(443)]) })).toBe("GitClone 'test/git-clone' pipeline task 'clone': allowEgressTo "
        + `"EgressPort.udp(443)" leaves out every TCP port, but ${runUrl}Give the task egress to the git host on its port too: ${runFix}`);
      expect(refusal({ egress: (_, t) => t.allowEgressTo(GITHUB, [EgressPort.tcp(8443)]) })).toBe('synthesized');
    });
  });

  test('refuses a negative or fractional depth', () => {
    expect(() => new GitClone(chart(), 'git-clone', { depth: -1 })).toThrow(
      'GitClone \'test/git-clone\': depth "-1" is not a whole number of commits from 0 to 2147483647 [VALID_SPEC]. Use depth: 1 (the commit alone), a larger number, or 0 for the whole history.',
    );
    expect(() => new GitClone(chart(), 'git-clone', { depth: 1.5 })).toThrow('depth "1.5" is not a whole number of commits');
    // git reads --depth as a C int: 1e21 would be written --depth=1e+21
    expect(() => new GitClone(chart(), 'git-clone', { depth: 1e21 })).toThrow('depth "1e+21" is not a whole number of commits from 0 to 2147483647');
    expect(new GitClone(chart(), 'git-clone', { depth: 2147483647 }).depth).toBe(2147483647);
  });

  test('refuses a creds-init credential: every task of the run would get it', () => {
    const c = chart();
    expect(() => new GitClone(c, 'git-clone', { credential: ssh(c, GitCredentialMode.CREDS_INIT) })).toThrow(
      "GitClone 'test/git-clone': credential \"git-deploy-key\" reaches runs through creds-init, which gives it to every task of the run [CREDENTIALS_TRUSTED_TASK]. "
      + "Create the GitCredential with mode: GitCredentialMode.WORKSPACE and bind credential.workspace() to the clone's git-credentials workspace.",
    );
  });

  test('refuses gitImage not pinned by digest, in the words of the prop (a hardened task takes no relaxation)', () => {
    const IMAGE = 'alpine/git:2.45.2';
    expect(() => new GitClone(chart(), 'git-clone', { gitImage: IMAGE })).toThrow(
      "GitClone 'test/git-clone': gitImage \"alpine/git:2.45.2\" is not pinned by digest [IMAGE_DIGEST]. Pin it as \"alpine/git@sha256:<64 hex>\" (the digest of the image you mean), or leave gitImage out for the pinned default.",
    );
  });
});

describe('GitClone, its script run with git', () => {
  // a repository of two commits, fetched through file:// (the task allows https and ssh only: these runs allow file too)
  const ALLOW_FILE = { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'protocol.file.allow', GIT_CONFIG_VALUE_0: 'always' };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'git-clone-'));
  const origin = path.join(tmp, 'origin');
  fs.mkdirSync(origin);
  git(origin, 'init', '-q');
  fs.writeFileSync(path.join(origin, 'a'), 'first\n');
  git(origin, 'add', 'a');
  git(origin, 'commit', '-qm', 'first');
  const first = git(origin, 'rev-parse', 'HEAD');
  fs.writeFileSync(path.join(origin, 'a'), 'second\n');
  fs.writeFileSync(path.join(origin, 'b'), 'second\n');
  git(origin, 'add', 'a', 'b');
  git(origin, 'commit', '-qm', 'second');
  const second = git(origin, 'rev-parse', 'HEAD');
  const url = `file://${origin}`;

  test('a second run in the workspace of a first checks out its commit, and nothing the first run or another task left stays', () => {
    const workspace = fs.mkdtempSync(path.join(tmp, 'source-'));
    const step = stepOf(only(chartWith((c) => new GitClone(c, 'git-clone')), 'Task'), 'clone');
    const run = (revision: string) => runStepScript(step, { 'params.url': url, 'params.revision': revision, 'workspaces.source.path': workspace }, ALLOW_FILE);
    const once = run(first);
    expect([once.status, once.stderr, once.results]).toEqual([0, '', { commit: first, url }]);
    // left behind: files of every kind of name, and a hook git would run at the next checkout
    for (const f of ['planted', '.hidden', '..odd', '-rf']) fs.writeFileSync(path.join(workspace, f), 'left\n');
    fs.mkdirSync(path.join(workspace, 'left', 'deeper'), { recursive: true });
    // a new volume's lost+found belongs to root: it stays
    fs.mkdirSync(path.join(workspace, 'lost+found'));
    fs.writeFileSync(path.join(workspace, '.git', 'hooks', 'post-checkout'), `#!/bin/sh\ntouch ${path.join(tmp, 'hook-ran')}\n`, { mode: 0o755 });
    const again = run(second);
    expect([again.status, again.stderr, again.results]).toEqual([0, '', { commit: second, url }]);
    expect(fs.readdirSync(workspace).sort()).toEqual(['.git', 'a', 'b', 'lost+found']);
    expect(fs.readFileSync(path.join(workspace, 'a'), 'utf8')).toBe('second\n');
    expect(fs.existsSync(path.join(tmp, 'hook-ran'))).toBe(false);
  });

  test('an entry it cannot remove (another user\'s) fails the step with what to bind instead, before git runs', () => {
    const workspace = fs.mkdtempSync(path.join(tmp, 'source-'));
    fs.mkdirSync(path.join(workspace, 'stuck'));
    fs.writeFileSync(path.join(workspace, 'other'), 'left\n');
    // rm as the pod's user meets a directory of another user's: a stand-in rm, first in PATH, fails on it as busybox's does
    const bin = fs.mkdtempSync(path.join(tmp, 'bin-'));
    fs.writeFileSync(path.join(bin, 'rm'), [
      '#!/bin/sh',
      'for a in "$@"; do [ "$a" = ./stuck ] && { echo "rm: can\'t remove \'./stuck\': Permission denied" >&2; exit 1; }; done',
      `exec ${spawnSync('sh', ['-c', 'command -v rm'], { encoding: 'utf8' }).stdout.trim()} "$@"`,
    ].join('\n') + '\n', { mode: 0o755 });
    const step = stepOf(only(chartWith((c) => new GitClone(c, 'git-clone')), 'Task'), 'clone');
    const run = runStepScript(step, { 'params.url': url, 'params.revision': first, 'workspaces.source.path': workspace }, { ...ALLOW_FILE, PATH: `${bin}:${process.env.PATH}` });
    expect([run.status, run.stderr, run.results]).toEqual([1,
      "rm: can't remove './stuck': Permission denied\ncannot empty the source workspace (stuck): bind a new volume, or one only GitClone writes\n", {}]);
    expect(fs.existsSync(path.join(workspace, '.git'))).toBe(false);
  });

  test('no hook runs in the checkout, even one written into its .git: git reads hooks from /dev/null', () => {
    const workspace = fs.mkdtempSync(path.join(tmp, 'source-'));
    const step = stepOf(only(chartWith((c) => new GitClone(c, 'git-clone', { submodules: true })), 'Task'), 'clone');
    const run = runStepScript(step, { 'params.url': url, 'params.revision': second, 'workspaces.source.path': workspace }, ALLOW_FILE);
    expect([run.status, run.stderr]).toEqual([0, '']);
    // a hook in place, then a checkout with the configuration the step wrote into its $HOME
    const ran = path.join(tmp, `hook-ran-${path.basename(workspace)}`);
    fs.writeFileSync(path.join(workspace, '.git', 'hooks', 'post-checkout'), `#!/bin/sh\ntouch ${ran}\n`, { mode: 0o755 });
    const checkout = spawnSync('git', ['checkout', '-q', '--detach', 'HEAD'], { cwd: workspace, env: run.env, encoding: 'utf8' });
    expect([checkout.status, checkout.stderr]).toEqual([0, '']);
    expect(fs.existsSync(ran)).toBe(false);
    // the same checkout without that configuration runs the hook: the test would see one
    const plain = spawnSync('git', ['-c', 'core.hooksPath=.git/hooks', 'checkout', '-q', '--detach', 'HEAD'], { cwd: workspace, env: run.env, encoding: 'utf8' });
    expect([plain.status, fs.existsSync(ran)]).toEqual([0, true]);
  });

  test('basic-auth: git gets the password for the credential\'s host over https, never for another host (a submodule\'s, a redirect\'s)', () => {
    const workspace = fs.mkdtempSync(path.join(tmp, 'source-'));
    const credentials = fs.mkdtempSync(path.join(tmp, 'credentials-'));
    fs.writeFileSync(path.join(credentials, 'username'), 'ci-bot');
    fs.writeFileSync(path.join(credentials, 'password'), 's3cret');
    const step = stepOf(only(chartWith((c) => new GitClone(c, 'git-clone', {
      credential: new GitCredential(c, 'git', { secretName: 'git-token', url: 'https://gitlab.example.com/team/app.git' }),
    })), 'Task'), 'clone');
    expect(step.env).toContainEqual({ name: 'GIT_CREDENTIAL_HOST', value: 'gitlab.example.com' });
    const run = runStepScript(step, {
      'params.url': url, 'params.revision': first, 'workspaces.source.path': workspace, 'workspaces.git-credentials.path': credentials,
    }, ALLOW_FILE);
    expect([run.status, run.stderr]).toEqual([0, '']);
    // what git asks the helper the script configured, with the step's environment
    const fill = (protocol: string, host: string) => {
      const asked = spawnSync('git', ['credential', 'fill'], { env: run.env, input: `protocol=${protocol}\nhost=${host}\npath=team/app.git\n\n`, encoding: 'utf8' });
      return [asked.status === 0, asked.stdout.includes('s3cret')];
    };
    expect(fill('https', 'gitlab.example.com')).toEqual([true, true]);
    for (const [protocol, host] of [['https', 'evil.example.com'], ['https', 'gitlab.example.com.evil.io'], ['https', 'gitlab.example.com:8443'], ['http', 'gitlab.example.com']]) {
      expect([protocol, host, fill(protocol, host)]).toEqual([protocol, host, [false, false]]);
    }
  });

  test('SSH: ssh gets the key as a file only its user reads, which loads when the Secret has no final new line, and checks the host key', () => {
    const workspace = fs.mkdtempSync(path.join(tmp, 'source-'));
    const credentials = fs.mkdtempSync(path.join(tmp, 'credentials-'));
    const generated = path.join(tmp, `key-${path.basename(credentials)}`);
    expect(spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', generated]).status).toBe(0);
    // a Secret written from a string often drops the final new line of the key
    fs.writeFileSync(path.join(credentials, 'ssh-privatekey'), fs.readFileSync(generated, 'utf8').trimEnd());
    fs.writeFileSync(path.join(credentials, 'known_hosts'), KNOWN_HOSTS + '\n');
    // a stand-in ssh, first in PATH: it records its arguments, the mode of the key it gets, and whether the key loads
    // (ssh-keygen reads it as ssh does), and fails as an unreachable host would
    const bin = fs.mkdtempSync(path.join(tmp, 'bin-'));
    const record = path.join(bin, 'record');
    fs.writeFileSync(path.join(bin, 'ssh'), [
      '#!/bin/sh',
      `printf '%s\\n' "$@" > ${record}`,
      'while [ $# -gt 0 ]; do [ "$1" = -i ] && key="$2"; shift; done',
      `stat -c 'mode %a' "$key" >> ${record}`,
      `ssh-keygen -y -f "$key" > /dev/null 2>&1 && echo loads >> ${record}`,
      'exit 1',
    ].join('\n') + '\n', { mode: 0o755 });
    const step = stepOf(only(chartWith((c) => new GitClone(c, 'git-clone', { credential: ssh(c) })), 'Task'), 'clone');
    const run = runStepScript(step, {
      'params.url': 'git@github.com:example/app.git', 'params.revision': first, 'workspaces.source.path': workspace, 'workspaces.git-credentials.path': credentials,
    }, { PATH: `${bin}:${process.env.PATH}` });
    expect(run.status).not.toBe(0);
    const lines = fs.readFileSync(record, 'utf8').trimEnd().split('\n');
    expect(lines.slice(-2)).toEqual(['mode 600', 'loads']);
    for (const option of ['IdentitiesOnly=yes', `UserKnownHostsFile=${credentials}/known_hosts`, 'StrictHostKeyChecking=yes', 'BatchMode=yes']) {
      expect(lines).toContain(option);
    }
    expect(lines).toContain('git@github.com');
  });

  test('an SSH url that starts with "-" (git would read it as options) is refused before git runs', () => {
    const task = only(chartWith((c) => new GitClone(c, 'git-clone', { credential: ssh(c) })), 'Task');
    const validate = (u: string) => runStepScript(stepOf(task, 'validate-params'), { 'params.url': u, 'params.revision': first });
    for (const bad of ['-f@github.com:example/app.git', '--tags@github.com:example/app.git', 'ssh://-F@github.com/example/app.git', 'git@github.com:-x/app.git']) {
      const run = validate(bad);
      expect([bad, run.status, run.stderr]).toEqual([bad, 1, 'param url must be an SSH URL of github.com (at most 1024 characters)\n']);
    }
    for (const ok of ['git@github.com:example/app.git', 'ssh://git@github.com/example/app.git', '_ci.bot@github.com:example/app.git']) {
      expect([ok, validate(ok).status]).toEqual([ok, 0]);
    }
  });
});

function chartWith(build: (c: Chart) => void): Chart {
  const c = chart();
  build(c);
  return c;
}
