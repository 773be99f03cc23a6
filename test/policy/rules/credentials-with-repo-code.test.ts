import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Size, Testing } from 'cdk8s';
import { describeRule, IMAGE, loopInPipeline, operatorDeployment, pipelineLoop } from './fixtures';
import {
  ApiVerb, EgressPeer, EgressPort, RegistryCredential, RelaxationTarget, RuleId, RunWorkspace, SecurePipeline, SecurePipelineRun, SecureTask,
  Severity, TektonFeatureFlags, TrustDomain,
} from '../../../src';
import { audit } from '../../../src/cli/audit';
import { ruleContext } from '../../../src/policy/engine/context';
import { SecureTektonError } from '../../../src/policy/errors';
import { CREDENTIALS_WITH_REPO_CODE } from '../../../src/policy/rules/credentials-with-repo-code';
import { refusalLinesOf, step } from '../../helpers/constructs';

describe('CREDENTIALS_WITH_REPO_CODE: eval of a command line part of which a command substitution prints', () => {
  /**
   * The findings of a Task whose step mounts the Secret `aws` at /opt/creds and runs `script` (in the workspace `source` when
   * `inSource`), with `more` volumes of the Task, mounts and block devices of the step, its image and a stepTemplate.
   */
  type More = { volumes?: any[]; volumeMounts?: any[]; stepTemplate?: any; image?: string; volumeDevices?: any[] };
  const findingsOf = (script: string, inSource = false, more: More = {}): string[] => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eval-substitution-'));
    try {
      fs.writeFileSync(path.join(dir, 'task.yaml'), JSON.stringify({
        apiVersion: 'tekton.dev/v1',
        kind: 'Task',
        metadata: { name: 'mapt' },
        spec: {
          workspaces: inSource ? [{ name: 'source' }] : undefined,
          volumes: [{ name: 'creds', secret: { secretName: 'aws' } }, ...more.volumes ?? []],
          stepTemplate: more.stepTemplate,
          steps: [{
            name: 's',
            image: more.image ?? 'alpine@sha256:' + 'a'.repeat(64),
            workingDir: inSource ? '$(workspaces.source.path)' : undefined,
            volumeMounts: [{ name: 'creds', mountPath: '/opt/creds' }, ...more.volumeMounts ?? []],
            volumeDevices: more.volumeDevices,
            script,
          }],
        },
      }));
      return JSON.parse(audit([dir], { format: 'json', rules: [RuleId.CREDENTIALS_WITH_REPO_CODE] }).stdout).findings
        .map((f: any) => `${f.object} ${f.location}: ${f.property} ${JSON.stringify(f.value)} ${f.problem}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  const mapt = (bucket: string) => `#!/bin/sh\nBUCKET=${bucket}\ncmd="mapt aws create "\ncmd+="--backed-url s3://\${BUCKET}/x "\neval "\${cmd}"\n`;
  const IN_STEP = "in a step that reads the Secret 'aws' mounted at /opt/creds: code from the repository can read it";
  const notKnown = (line: string, word: string) => `Task/mapt step 's': script ${JSON.stringify(line)} runs ${word} as a command, and what ${word} `
    + `holds is not known here: it may be the repository's code, ${IN_STEP}`;

  test('what cat prints of a Secret\'s file, or date, in an argument of the line eval runs is not the repository\'s code', () => {
    expect(findingsOf(mapt('$(cat /opt/creds/bucket)'))).toEqual([]);
    expect(findingsOf(mapt('$(date +%s)'))).toEqual([]);
    expect(findingsOf(mapt('$(head -n 1 /opt/creds/bucket | tr -d x)'), true)).toEqual([]);
    expect(findingsOf('#!/bin/sh\ncmd="mapt --at $(date +%s)"\nsh -c "$cmd"\n', true)).toEqual([]);
  });

  test('more branches than are followed apart: a line each holds with the same program, past which each adds plain words', () => {
    const branches = (...added: string[]) => '#!/bin/bash\nB=$(cat /opt/creds/b)\ncmd="mapt --b s3://${B}/x "\n'
      + added.map((a, k) => `if [ "$(params.p${k})" = true ]; then ${a}; fi\n`).join('') + 'eval "${cmd}"\n';
    expect(findingsOf(branches('cmd+="--a "', 'cmd+="--b \'$(params.b)\' "', 'cmd+="--c "', 'cmd+="--d "'), true)).toEqual([]);
    // a branch that adds a command, or sets another program
    expect(findingsOf(branches('cmd+="--a "', 'cmd+="--b "', 'cmd+="; ./ci.sh "', 'cmd+="--d "'), true)).toEqual([notKnown('eval "${cmd}"', '${cmd}')]);
    expect(findingsOf(branches('cmd="./ci.sh "', 'cmd+="--b "', 'cmd+="--c "', 'cmd+="--d "'), true)).toEqual([notKnown('eval "${cmd}"', '${cmd}')]);
  });

  test('a substitution that may read the repository, or one that gives the program eval runs, leaves the line not known', () => {
    expect(findingsOf('#!/bin/sh\nX=$(cat ./cmd.txt); cmd="mapt $X"; eval "$cmd"\n', true)).toEqual([notKnown('eval "$cmd"', '$cmd')]);
    for (const substitution of ['$(cat $(workspaces.source.path)/x)', '$(cat /workspace/source/x)', '$(git log -1 --format=%s)', '$(jq -r .cmd package.json)', '$(echo "; ./ci.sh")']) {
      expect(findingsOf(`#!/bin/sh\ncmd="mapt ${substitution}"\neval "$cmd"\n`, true)).toEqual([notKnown('eval "$cmd"', '$cmd')]);
    }
    // a file the script copied there from the workspace
    expect(findingsOf('#!/bin/sh\ncp ./ci.sh /opt/x\ncmd="mapt $(cat /opt/x)"\neval "$cmd"\n', true)).toEqual([notKnown('eval "$cmd"', '$cmd')]);
    // the program itself, or a command after `;`, is what the Secret's file holds
    expect(findingsOf('#!/bin/sh\nX=$(cat /opt/creds/cmd)\neval "$X"\n')).toEqual([notKnown('eval "$X"', '$X')]);
    expect(findingsOf('#!/bin/sh\nB=$(cat /opt/creds/b)\ncmd="$B mapt"\neval "$cmd"\n')).toEqual([notKnown('eval "$cmd"', '$B')]);
    expect(findingsOf('#!/bin/sh\ncmd="mapt; $(date)"\neval "$cmd"\n')).toEqual([notKnown('eval "$cmd"', '${cmd}')]);
    // a later assignment the value may hold instead: a loop's word, a branch's
    expect(findingsOf('#!/bin/bash\ncmd="mapt $(date)"\nfor cmd in $(cat ./l); do eval "$cmd"; done\n', true)).toEqual([notKnown('eval "$cmd"', '$cmd')]);
    expect(findingsOf('#!/bin/sh\ncmd="mapt $(date)"\nif [ -f x ]; then cmd=$(cat ./x); fi\neval "$cmd"\n', true)).toEqual([notKnown('eval "$cmd"', '$cmd')]);
  });

  test('a file of a volume that steps, sidecars or other pods may write is not known: only a read-only volume of the API, or the image\'s own file no earlier command may write', () => {
    const line = (file: string) => `#!/bin/sh\ncmd="mapt --flag $(cat ${file})"\neval "$cmd"\n`;
    const mounted = (volume: any, at: string) => ({ volumes: [{ name: 'v', ...volume }], volumeMounts: [{ name: 'v', mountPath: at }] });
    // an emptyDir an earlier step may have filled with the repository's files, a PVC, a hostPath, a volume a TaskRun's podTemplate gives
    expect(findingsOf(line('/shared/cmd'), true, mounted({ emptyDir: {} }, '/shared'))).toEqual([notKnown('eval "$cmd"', '$cmd')]);
    expect(findingsOf(line('/cache/cmd'), true, mounted({ persistentVolumeClaim: { claimName: 'cache' } }, '/cache'))).toEqual([notKnown('eval "$cmd"', '$cmd')]);
    expect(findingsOf(line('/host/cmd'), true, mounted({ hostPath: { path: '/var/ci' } }, '/host'))).toEqual([notKnown('eval "$cmd"', '$cmd')]);
    // (a volume the task does not define: only a pod template can give it, and it may be a Secret: counted as one more)
    expect(findingsOf(line('/pt/cmd'), true, { volumeMounts: [{ name: 'from-pod-template', mountPath: '/pt' }] }))
      .toEqual([notKnown('eval "$cmd"', '$cmd').replace('/opt/creds:', '/opt/creds (and 1 more):')]);
    // the pod's annotations, which a run's may set from a commit's title or branch
    const annotations = { downwardAPI: { items: [{ path: 'a', fieldRef: { fieldPath: 'metadata.annotations' } }] } };
    expect(findingsOf(line('/pod/a'), true, mounted(annotations, '/pod'))).toEqual([notKnown('eval "$cmd"', '$cmd')]);
    expect(findingsOf(line('/pod/a'), true, mounted({ projected: { sources: [annotations] } }, '/pod'))).toEqual([notKnown('eval "$cmd"', '$cmd')]);
    // a mount of the stepTemplate over the image's directory, an emptyDir nested in the Secret's directory
    expect(findingsOf(line('/etc/cmd'), true, { volumes: [{ name: 'v', emptyDir: {} }], stepTemplate: { volumeMounts: [{ name: 'v', mountPath: '/etc' }] } }))
      .toEqual([notKnown('eval "$cmd"', '$cmd')]);
    expect(findingsOf(line('/opt/creds/sub/cmd'), true, mounted({ emptyDir: {} }, '/opt/creds/sub'))).toEqual([notKnown('eval "$cmd"', '$cmd')]);
    // a mount at a directory a param gives, which may be the Secret's or below it
    expect(findingsOf(line('/opt/creds/b'), true, mounted({ emptyDir: {} }, '$(params.dir)'))).toEqual([notKnown('eval "$cmd"', '$cmd')]);
    // the image's file, which a command before may write: a redirection, a program not known to write no file, a substitution's
    // command, a command a loop or a function's body runs again after
    for (const before of ['printf %s "$X" > /etc/cmd', 'curl -fsSo /etc/cmd https://example.com/x', 'tar -xf ./a.tar -C /', 'git show HEAD:cmd > /etc/cmd',
      'X=$(git show HEAD:cmd | tee /etc/cmd)', 'curl -o /etc/other https://example.com/x']) {
      expect(findingsOf(`#!/bin/sh\n${before}\ncmd="mapt $(cat /etc/cmd)"\neval "$cmd"\n`, true)).toEqual([notKnown('eval "$cmd"', '$cmd')]);
    }
    expect(findingsOf('#!/bin/sh\nf() { cmd="mapt $(cat /etc/cmd)"; eval "$cmd"; }\ncp ./cmd /etc/cmd\nf\n', true)).toEqual([notKnown('eval "$cmd"', '$cmd')]);
    expect(findingsOf('#!/bin/bash\nfor i in 1 2; do\ncmd="mapt $(cat /etc/cmd)"\neval "$cmd"\ncp ./cmd /etc/cmd\ndone\n', true)).toEqual([notKnown('eval "$cmd"', '$cmd')]);
    // code a shell of the step runs itself (`sh -c`, its input, an eval's code): what ran before it is not read, so no image's file is known
    for (const code of ['sh -c \'cmd="mapt $(cat /etc/cmd)"; eval "$cmd"\'', 'bash <<\'EOF\'\ncmd="mapt $(cat /etc/cmd)"\neval "$cmd"\nEOF']) {
      expect(findingsOf(`#!/bin/sh\n${code}\n`, true)).toEqual([notKnown(code.split('\n')[0], '$cmd')]);
    }
    expect(findingsOf('#!/bin/sh\ncp ./cmd /opt/x\nsh -c \'cmd="mapt $(cat /opt/x)"; eval "$cmd"\'\n', true))
      .toEqual([notKnown('sh -c \'cmd="mapt $(cat /opt/x)"; eval "$cmd"\'', '$cmd')]);
    // nor the Secret's file in another root (`chroot`, `sudo -R`) or mount namespace (`bwrap`)
    for (const code of ['chroot /r sh -c \'cmd="mapt $(cat /opt/creds/b)"; eval "$cmd"\'', 'sudo -R /r sh -c \'cmd="mapt $(cat /opt/creds/b)"; eval "$cmd"\'',
      'bwrap --ro-bind / / --bind /tmp/x /opt/creds sh -c \'cmd="mapt $(cat /opt/creds/b)"; eval "$cmd"\'']) {
      expect(findingsOf(`#!/bin/sh\n${code}\n`, true)).toEqual([notKnown(code, '$cmd')]);
    }

    // a Secret's, a ConfigMap's, a projected volume's and the pod's name from the downward API: kubelet mounts them read-only
    expect(findingsOf(line('/opt/creds/b'), true)).toEqual([]);
    expect(findingsOf('#!/bin/sh\neval "$(cat /opt/creds/cmd)"\n', true)).toEqual([]);
    // in code a shell of the step runs itself, a file of the Secret (read-only: nothing before can have written it)
    expect(findingsOf('#!/bin/sh\nsh -c \'cmd="mapt $(cat /opt/creds/b)"; eval "$cmd"\'\n', true)).toEqual([]);
    expect(findingsOf('#!/bin/sh\nbash -c \'eval "$(cat /opt/creds/cmd)"\'\n', true)).toEqual([]);
    expect(findingsOf('#!/bin/sh\nbash <<\'EOF\'\ncmd="mapt $(cat /opt/creds/b)"\neval "$cmd"\nEOF\n', true)).toEqual([]);
    expect(findingsOf('#!/bin/sh\neval \'cmd="mapt $(cat /opt/creds/b)"; eval "$cmd"\'\n', true)).toEqual([]);
    expect(findingsOf(line('/cm/a'), true, mounted({ configMap: { name: 'settings' } }, '/cm'))).toEqual([]);
    const name = { downwardAPI: { items: [{ path: 'n', fieldRef: { fieldPath: 'metadata.name' } }] } };
    expect(findingsOf(line('/pj/n'), true, mounted({ projected: { sources: [{ secret: { name: 's' } }, name] } }, '/pj'))).toEqual([]);
    // the image's own file, which nothing before writes
    expect(findingsOf('#!/bin/sh\necho start > /dev/null\ncd /tmp\ncmd="mapt $(cat /etc/cmd)"\neval "$cmd"\n', true)).toEqual([]);
  });

  test('a volume as the API server keeps it, a block device, an image a substitution names: their files are not known', () => {
    const line = (file: string) => `#!/bin/sh\ncmd="mapt --flag $(cat ${file})"\neval "$cmd"\n`;
    const mounted = (volume: any, at: string) => ({ volumes: [{ name: 'v', ...volume }], volumeMounts: [{ name: 'v', mountPath: at }] });
    // `secret: null` beside an emptyDir is an emptyDir (Go decodes null to a nil pointer), as is `configMap: null`, `projected: null`
    for (const empty of ['secret', 'configMap', 'downwardAPI', 'projected']) {
      expect(findingsOf(line('/etc/cmd'), true, mounted({ [empty]: null, emptyDir: {} }, '/etc'))).toEqual([notKnown('eval "$cmd"', '$cmd')]);
    }
    // a persistentVolumeClaim's raw block device at a path of the image (other pods may have written it), or at one a param gives
    const block = { volumes: [{ name: 'blk', persistentVolumeClaim: { claimName: 'shared-block' } }] };
    expect(findingsOf(line('/etc/cmd'), true, { ...block, volumeDevices: [{ name: 'blk', devicePath: '/etc/cmd' }] })).toEqual([notKnown('eval "$cmd"', '$cmd')]);
    expect(findingsOf(line('/opt/creds/b'), true, { ...block, volumeDevices: [{ name: 'blk', devicePath: '$(params.dev)' }] })).toEqual([notKnown('eval "$cmd"', '$cmd')]);
    // an image a param or a result names may be one built from the repository: its files are not known
    expect(findingsOf(line('/app/cmd'), true, { image: '$(params.built-image)' })).toEqual([notKnown('eval "$cmd"', '$cmd')]);
    expect(findingsOf(line('/app/cmd'), true, { image: '$(tasks.build.results.IMAGE_URL)' })).toEqual([notKnown('eval "$cmd"', '$cmd')]);
    // the Secret's file in such an image, a ConfigMap written `secret: null` beside it, a device elsewhere: still known
    expect(findingsOf(line('/opt/creds/b'), true, { image: '$(params.built-image)' })).toEqual([]);
    expect(findingsOf(line('/cm/a'), true, mounted({ secret: null, configMap: { name: 'settings' } }, '/cm'))).toEqual([]);
    expect(findingsOf(line('/etc/cmd'), true, { ...block, volumeDevices: [{ name: 'blk', devicePath: '/dev/xvda' }] })).toEqual([]);
  });

  test('the code eval or sh -c runs from what cat prints of an image\'s file a command before may write is not known', () => {
    const written = (line: string, file = '/tmp/c') => `Task/mapt step 's': script ${JSON.stringify(line)} runs what cat prints of ${file}, a file a command `
      + `before it may write, and what that holds is not known here: it may be the repository's code, ${IN_STEP}`;
    // what a variable read of the repository, a download, a copy through a variable write there
    for (const before of ['X=$(cat ./cmd); echo "$X" > /tmp/c', 'printf %s "$(git log -1 --format=%s)" >> /tmp/c', 'curl -fsSo /tmp/c "$URL"']) {
      expect(findingsOf(`#!/bin/sh\n${before}\neval "$(cat /tmp/c)"\n`, true)).toEqual([written('eval "$(cat /tmp/c)"')]);
    }
    expect(findingsOf('#!/bin/sh\nX=$(cat ./cmd); echo "$X" > /tmp/c\nsh -c "$(cat /tmp/c)"\n', true)).toEqual([written('sh -c "$(cat /tmp/c)"')]);
    expect(findingsOf('#!/bin/bash\nfor i in 1 2; do eval "$(head -n 1 /etc/c)"; cp "$F" /etc/c; done\n', true))
      .toEqual([written('eval "$(head -n 1 /etc/c)"', '/etc/c').replace('runs what cat', 'runs what head')]);
    // nothing before writes it, or what is written goes elsewhere; a Secret's file
    expect(findingsOf('#!/bin/sh\necho hi > /tmp/other\neval "$(cat /tmp/c)"\n', true)).toEqual([]);
    expect(findingsOf('#!/bin/sh\neval "$(cat /tmp/c)"\necho "$X" > /tmp/c\n', true)).toEqual([]);
    expect(findingsOf("#!/bin/sh\ncat > /tmp/c <<'EOF'\necho hi\nEOF\neval \"$(cat /tmp/c)\"\n", true)).toEqual([]);
    expect(findingsOf('#!/bin/sh\nX=$(cat ./cmd); echo "$X" > /tmp/c\neval "$(cat /opt/creds/cmd)"\n', true)).toEqual([]);
  });

  test('an alias defined before, in a branch too, is expanded in the code eval reads (dash and bash --posix run, checked)', () => {
    const runs = (line: string) => `Task/mapt step 's': script ${JSON.stringify(line)} runs a file of a workspace the repository fills, ${IN_STEP}`;
    expect(findingsOf('#!/bin/sh\nalias mapt=./ci.sh\ncmd="mapt $(date)"\neval "$cmd"\n', true)).toEqual([runs('eval "$cmd"')]);
    expect(findingsOf('#!/bin/sh\nif [ -n "$X" ]; then alias mapt=\'sh ./ci.sh\'; fi\ncmd="mapt $(date)"\neval "$cmd"\n', true)).toEqual([runs('eval "$cmd"')]);
    expect(findingsOf('#!/bin/sh\nalias mapt=./ci.sh\neval "true; mapt x"\n', true)).toEqual([runs('eval "true; mapt x"')]);
    // an alias's name that is not a command's first word, an alias to a program of the image
    expect(findingsOf('#!/bin/sh\nalias mapt=./ci.sh\neval "echo mapt"\n', true)).toEqual([]);
    expect(findingsOf('#!/bin/sh\nalias mapt=/usr/bin/mapt2\ncmd="mapt $(date)"\neval "$cmd"\n', true)).toEqual([]);
  });
});

describe('CREDENTIALS_WITH_REPO_CODE: a file of a volume the steps before share, run by a step that holds credentials', () => {
  /**
   * The findings of a Task of the workspace `source` whose step 'a' runs `cp -r . /shared/src` and whose step 's', which mounts the
   * Secret `aws` at /opt/creds and the volume `shared` (`volume`, an emptyDir unless given) at /shared, runs `script`.
   */
  type More = { volumes?: any[]; volumeMounts?: any[]; command?: string[] };
  const findingsOf = (script: string, volume: any = { emptyDir: {} }, more: More = {}): string[] => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shared-volume-'));
    try {
      const image = 'alpine@sha256:' + 'a'.repeat(64);
      fs.writeFileSync(path.join(dir, 'task.yaml'), JSON.stringify({
        apiVersion: 'tekton.dev/v1',
        kind: 'Task',
        metadata: { name: 't' },
        spec: {
          workspaces: [{ name: 'source' }],
          volumes: [{ name: 'creds', secret: { secretName: 'aws' } }, { name: 'shared', ...volume }, ...more.volumes ?? []],
          steps: [
            { name: 'a', image, workingDir: '$(workspaces.source.path)', volumeMounts: [{ name: 'shared', mountPath: '/shared' }], script: '#!/bin/sh\ncp -r . /shared/src\n' },
            {
              name: 's',
              image,
              volumeMounts: [{ name: 'creds', mountPath: '/opt/creds' }, { name: 'shared', mountPath: '/shared' }, ...more.volumeMounts ?? []],
              ...more.command === undefined ? { script } : { command: more.command },
            },
          ],
        },
      }));
      return JSON.parse(audit([dir], { format: 'json', rules: [RuleId.CREDENTIALS_WITH_REPO_CODE] }).stdout).findings
        .map((f: any) => `${f.object} ${f.location}: ${f.property} ${JSON.stringify(f.value)} ${f.problem}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  const IN_STEP = "in a step that reads the Secret 'aws' mounted at /opt/creds: code from the repository can read it";
  const shared = (line: string, dir = '/shared', what = 'runs a file of the volume') => `Task/t step 's': script ${JSON.stringify(line)} ${what} mounted at ${dir}, `
    + `which other containers of the pod write: a step before it or a sidecar may have written it from the repository, ${IN_STEP}`;

  test('run, sourced, read as a shell\'s input or eval\'d: the file may be what a step before wrote of the repository', () => {
    for (const line of ['sh /shared/c', '/shared/c', 'bash < /shared/c', 'source /shared/c', '. /shared/c', 'eval "$(cat /shared/c)"', 'bash /shared//x/../c']) {
      expect(findingsOf(`#!/bin/bash\n${line}\n`)).toEqual([shared(line)]);
    }
    // a persistentVolumeClaim, a volume the spec does not declare (a TaskRun's podTemplate), Tekton's home and /workspace emptyDirs
    expect(findingsOf('#!/bin/sh\nsh /shared/c\n', { persistentVolumeClaim: { claimName: 'cache' } })).toEqual([shared('sh /shared/c')]);
    // (that volume may be a Secret too: one more the step reads)
    expect(findingsOf('#!/bin/sh\n. /pt/env.sh\n', undefined, { volumeMounts: [{ name: 'from-pod-template', mountPath: '/pt' }] }))
      .toEqual([shared('. /pt/env.sh', '/pt').replace('/opt/creds:', '/opt/creds (and 1 more):')]);
    expect(findingsOf('#!/bin/sh\nsh /tekton/home/c\n')).toEqual([shared('sh /tekton/home/c', '/tekton/home')]);
    expect(findingsOf('#!/bin/sh\nsource /workspace/vars\n')).toEqual([shared('source /workspace/vars', '/workspace')]);
    // a variable set to a directory of it: PATH, LD_PRELOAD … (bash 5.2: the `curl` PATH finds there first runs)
    expect(findingsOf('#!/bin/sh\nexport PATH=/shared/bin:$PATH\ncurl x\n')).toEqual([shared('export PATH=/shared/bin:$PATH',
      '/shared', 'sets PATH to /shared/bin:$PATH, which the shell looks programs up in: /shared/bin lies in the volume')
      .replace(', which other containers of the pod write:', ', which other containers of the pod write, so what runs loads its code or configuration from the repository:')]);
    expect(findingsOf('#!/bin/sh\nexport PATH=/tekton/home/bin:$PATH\ncurl x\n')).toEqual([shared('export PATH=/tekton/home/bin:$PATH',
      '/tekton/home', 'sets PATH to /tekton/home/bin:$PATH, which the shell looks programs up in: /tekton/home/bin lies in the volume')
      .replace(', which other containers of the pod write:', ', which other containers of the pod write, so what runs loads its code or configuration from the repository:')]);
    // HOME as Tekton sets it by default, or on another volume the pod's steps share (a hardened step's home emptyDir): the step reads
    // its files there whether it sets it or not
    expect(findingsOf('#!/bin/sh\nexport HOME=/tekton/home\ngit status\n')).toEqual([]);
    expect(findingsOf('#!/bin/sh\nexport HOME=/shared\ngit status\n')).toEqual([]);
    expect(findingsOf('#!/bin/sh\nexport XDG_CONFIG_HOME=/shared/.config\ngit status\n')).toEqual([]);
    // (in a workspace, it is the repository's)
    expect(findingsOf('#!/bin/sh\nexport HOME=$(workspaces.source.path)\ngit status\n').length).toBe(1);
    // a command and its args, without a script: what they run of the volume
    const commandRun = (command: string[], dir = '/shared', what = 'runs a file of the volume') => shared(command.join(' '), dir, what)
      .replace(`script ${JSON.stringify(command.join(' '))}`, `command ${JSON.stringify(command.join(' '))}`);
    expect(findingsOf('', undefined, { command: ['sh', '/shared/run.sh'] })).toEqual([commandRun(['sh', '/shared/run.sh'])]);
    expect(findingsOf('', undefined, { command: ['/shared/bin/tool', '--push'] })).toEqual([commandRun(['/shared/bin/tool', '--push'])]);
    expect(findingsOf('', undefined, { command: ['/tekton/home/tool'] })).toEqual([commandRun(['/tekton/home/tool'], '/tekton/home')]);
    expect(findingsOf('', undefined, { command: ['sh', '/opt/creds/run.sh'] })).toEqual([]);
    expect(findingsOf('', undefined, { command: ['cat', '/shared/run.sh'] })).toEqual([]);
  });

  test('the image\'s own files, a Secret\'s or ConfigMap\'s, and the task\'s own scripts Tekton writes are run', () => {
    for (const line of ['sh /opt/creds/c', '/usr/local/bin/tool --push', 'source /etc/profile.d/x.sh', 'eval "$(cat /opt/creds/c)"', 'sh /tekton/scripts/x', 'cat /shared/c']) {
      expect(findingsOf(`#!/bin/bash\n${line}\n`)).toEqual([]);
    }
    expect(findingsOf('#!/bin/sh\n. /cm/env.sh\n', undefined, { volumes: [{ name: 'cm', configMap: { name: 'settings' } }], volumeMounts: [{ name: 'cm', mountPath: '/cm' }] })).toEqual([]);
    expect(findingsOf('#!/bin/sh\nsh /shared/c\n', { secret: { secretName: 'scripts' } })).toEqual([]);
    // a Secret or ConfigMap mounted inside the shared volume (or Tekton's /workspace) hides what lies there: its files are its own
    const inner = (at: string) => ({ volumes: [{ name: 'inner', secret: { secretName: 'deploy' } }], volumeMounts: [{ name: 'inner', mountPath: at }] });
    expect(findingsOf('#!/bin/sh\nsh /shared/creds/run.sh\n', undefined, inner('/shared/creds'))).toEqual([]);
    expect(findingsOf('#!/bin/sh\nsource /workspace/x/creds/env.sh\n', undefined, inner('/workspace/x/creds'))).toEqual([]);
    expect(findingsOf('#!/bin/sh\nsh /shared/run.sh\n', undefined, inner('/shared/creds'))).toEqual([shared('sh /shared/run.sh').replace('/opt/creds:', '/opt/creds (and 1 more):')]);
    expect(findingsOf('#!/bin/sh\nsh /shared/credsx/run.sh\n', undefined, inner('/shared/creds'))).toEqual([shared('sh /shared/credsx/run.sh').replace('/opt/creds:', '/opt/creds (and 1 more):')]);
    expect(findingsOf('#!/bin/sh\nexport PATH=/shared/creds/bin:$PATH\ncurl x\n', undefined, inner('/shared/creds'))).toEqual([]);
    expect(findingsOf('', undefined, { ...inner('/shared/creds'), command: ['sh', '/shared/creds/run.sh'] })).toEqual([]);
    // a script this step writes from a literal before it runs it; one written after, or from what a variable holds, is not the task's own
    expect(findingsOf("#!/bin/sh\ncat > /shared/c <<'EOF'\necho hi\nEOF\nsh /shared/c\n")).toEqual([]);
    expect(findingsOf("#!/bin/sh\nsh /shared/c\ncat > /shared/c <<'EOF'\necho hi\nEOF\n")).toEqual([shared('sh /shared/c')]);
    expect(findingsOf('#!/bin/sh\necho "$X" > /shared/c\nsh /shared/c\n')).toEqual([shared('sh /shared/c')]);
  });
});

const KANIKO = 'gcr.io/kaniko-project/executor@sha256:' + 'b'.repeat(64);

/** A Task `push` in `ci` with workspaces `source` and `dockerconfig` and these steps. */
function taskWith(...steps: any[]): any {
  return {
    apiVersion: 'tekton.dev/v1',
    kind: 'Task',
    metadata: { name: 'push', namespace: 'ci' },
    spec: { workspaces: [{ name: 'source' }, { name: 'dockerconfig' }], steps },
  };
}

/** Pipeline `pipe` whose task `push` binds `source` and (as `dockerconfig`) `creds`. */
function pipeline(taskRef: any = { name: 'push' }): any {
  return {
    apiVersion: 'tekton.dev/v1',
    kind: 'Pipeline',
    metadata: { name: 'pipe', namespace: 'ci' },
    spec: {
      workspaces: [{ name: 'src' }, { name: 'creds' }],
      tasks: [{ name: 'push', taskRef, workspaces: [{ name: 'source', workspace: 'src' }, { name: 'dockerconfig', workspace: 'creds' }] }],
    },
  };
}

/** A PipelineRun of `pipe` that binds `creds` to a Secret. */
const secretRun = {
  apiVersion: 'tekton.dev/v1',
  kind: 'PipelineRun',
  metadata: { generateName: 'pipe-', namespace: 'ci' },
  spec: { pipelineRef: { name: 'pipe' }, workspaces: [{ name: 'src', emptyDir: {} }, { name: 'creds', secret: { secretName: 'registry' } }] },
};

const FIX = 'Split the task: build without credentials (e.g. kaniko --no-push writing an OCI layout or tarball to a workspace) and push '
  + 'that from a task of its own that runs no repository code (the library\'s ContainerBuild and ImagePush do).';
const HOLDS = "in a task that holds the credentials workspace 'dockerconfig': code from the repository can read the credentials";

/** The finding on step `s` of pipeline task `push`. */
const found = (property: string, value: string, why: string, s = 'build') => ({
  rule: RuleId.CREDENTIALS_WITH_REPO_CODE,
  kind: 'Pipeline',
  name: 'pipe',
  location: `task 'push' step '${s}'`,
  target: 'task/push',
  property,
  value,
  problem: `${why}, ${HOLDS}`,
  fix: why.startsWith('runs git config, which stores ') ? gitConfigFix(value) : FIX,
});

/** The fix of a git config command that points git at the repository's files: the command to remove. */
const gitConfigFix = (command: string) => `Remove ${JSON.stringify(command)} from the script (git then runs only what the task gives it), or split the task: `
  + 'run the git commands that need the credentials in a task of its own that sets nothing of the repository into git\'s configuration.';

/** The findings on Pipeline `pipe` checked with its run and Task `t`. */
const check = (t: any, p = pipeline(), ...more: any[]) => CREDENTIALS_WITH_REPO_CODE.check(p, ruleContext([p, secretRun, t, ...more]));

const BUILDER = "which runs the build's own instructions (a Dockerfile's RUN lines, buildpack detection and build scripts)";
const BUILDS = "runs the repository's build scripts, hooks, tests or code generators";
const WORKSPACE_FILE = 'runs a file of a workspace the repository fills';
const SOURCES_BASH_ENV = 'runs bash, which first sources the file BASH_ENV names: a file of a workspace the repository fills';

describe('CREDENTIALS_WITH_REPO_CODE', () => {
  describeRule(CREDENTIALS_WITH_REPO_CODE, RuleId.CREDENTIALS_WITH_REPO_CODE, Severity.HIGH, true);

  test('applies to Tasks, StepActions, Pipelines, TaskRuns and PipelineRuns (creds-init reaches the steps of any run)', () => {
    expect(CREDENTIALS_WITH_REPO_CODE.appliesTo(pipeline())).toBe(true);
    expect(CREDENTIALS_WITH_REPO_CODE.appliesTo({ kind: 'TaskRun' })).toBe(true);
    expect(CREDENTIALS_WITH_REPO_CODE.appliesTo(secretRun)).toBe(true);
    expect(CREDENTIALS_WITH_REPO_CODE.appliesTo({ kind: 'ServiceAccount' })).toBe(false);
    expect(CREDENTIALS_WITH_REPO_CODE.appliesTo(taskWith())).toBe(true);
    expect(CREDENTIALS_WITH_REPO_CODE.appliesTo({ kind: 'StepAction' })).toBe(true);
  });

  test('non-compliant: a container that runs repository code while it reads a Secret itself (env, envFrom, a mounted volume)', () => {
    const NODE = 'docker.io/library/node@sha256:' + 'c'.repeat(64);
    const npm = { name: 'test', image: NODE, workingDir: '$(workspaces.source.path)', script: '#!/bin/sh\nnpm ci\nnpm test\n' };
    const own = (spec: Record<string, any>, ...steps: any[]) => ({ ...taskWith(...steps), spec: { ...taskWith(...steps).spec, ...spec } });
    const NPM = "runs the repository's build scripts, hooks, tests or code generators";
    const findings = (m: any) => CREDENTIALS_WITH_REPO_CODE.check(m).map((f) => [f.location, f.target, f.property, f.value, f.problem]);
    // from the stepTemplate
    expect(findings(own({ stepTemplate: { env: [{ name: 'NPM_TOKEN', valueFrom: { secretKeyRef: { name: 'npm-publish', key: 'token' } } }] } }, npm))).toEqual([
      ["step 'test'", 'step/test', 'script', 'npm ci', `${NPM}, in a step that reads the Secret 'npm-publish' in env NPM_TOKEN: code from the repository can read it`],
    ]);
    expect(CREDENTIALS_WITH_REPO_CODE.check(own({}, { ...npm, envFrom: [{ secretRef: { name: 'ci-env' } }] }))[0].fix)
      .toBe("Give the Secret to a step (or task) of its own that runs no repository code, and pass what the build makes to it through a workspace (the library's ContainerBuild and ImagePush do).");
    expect(findings(own({}, { ...npm, envFrom: [{ secretRef: { name: 'ci-env' } }] }))[0][4]).toContain("reads the Secret 'ci-env' through envFrom");
    // a volume of the Task the step mounts: a Secret, a projected token, a CSI volume
    const volumes = [{ name: 'push', secret: { secretName: 'registry-push' } }, { name: 'tok', projected: { sources: [{ serviceAccountToken: { path: 't' } }] } },
      { name: 'vault', csi: { driver: 'secrets-store.csi.k8s.io' } }];
    expect(findings(own({ volumes }, { ...npm, volumeMounts: [{ name: 'push', mountPath: '/home/build/.docker' }, { name: 'vault', mountPath: '/v' }] }))[0][4])
      .toContain("reads the Secret 'registry-push' mounted at /home/build/.docker (and 1 more)");
    expect(findings(own({ volumes }, { ...npm, volumeMounts: [{ name: 'tok', mountPath: '/t' }] }))[0][4]).toContain('reads a projected ServiceAccount token mounted at /t');
    // a Secret in another step, or a volume the step does not mount, does not reach it; nor does a step that runs no repository code
    const crane = { name: 'push', image: IMAGE, script: '#!/bin/sh\ncrane push x y\n', env: [{ name: 'T', valueFrom: { secretKeyRef: { name: 'registry-push', key: 'k' } } }] };
    expect(findings(own({ volumes }, npm, crane))).toEqual([]);
    // in a Pipeline's embedded task spec, with the embedded target
    const embedded = { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'p' }, spec: { tasks: [{ name: 'build', taskSpec: { workspaces: [{ name: 'source' }], steps: [{ ...npm, envFrom: [{ secretRef: { name: 'ci-env' } }] }] } }] } };
    expect(findings(embedded).map((f) => [f[0], f[1]])).toEqual([["task 'build' step 'test'", 'task/build/step/test']]);
  });

  test('non-compliant: a Secret or Secrets Store CSI volume a run\'s pod template gives, or a volume the task does not define, that the step mounts', () => {
    const NODE = 'docker.io/library/node@sha256:' + 'c'.repeat(64);
    const npm = { name: 'test', image: NODE, workingDir: '$(workspaces.source.path)', script: '#!/bin/sh\nnpm ci\n', volumeMounts: [{ name: 'vault', mountPath: '/vault' }] };
    const NPM = "runs the repository's build scripts, hooks, tests or code generators";
    const findings = (m: any, context?: any) => CREDENTIALS_WITH_REPO_CODE.check(m, context).map((f) => [f.location, f.value, f.problem]);
    const csi = { name: 'vault', csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'vault-creds' } } };
    const secret = { name: 'vault', secret: { secretName: 'deploy-token' } };
    // a TaskRun's own taskSpec, its podTemplate's volume (Tekton v1.15 pod.go appends podTemplate.volumes to the task's)
    const taskRun = (volume: any) => ({
      apiVersion: 'tekton.dev/v1',
      kind: 'TaskRun',
      metadata: { name: 'build-run', namespace: 'ci' },
      spec: { podTemplate: { volumes: [volume] }, taskSpec: { workspaces: [{ name: 'source' }], steps: [npm] } },
    });
    expect(findings(taskRun(csi))).toEqual([["step 'test'", 'npm ci', `${NPM}, in a step that reads the objects of SecretProviderClass 'vault-creds' `
      + "(volume 'vault' of the TaskRun's podTemplate), mounted at /vault: code from the repository can read it"]]);
    expect(findings(taskRun(secret))[0][2]).toContain("reads Secret 'deploy-token' (volume 'vault' of the TaskRun's podTemplate), mounted at /vault");
    // a PipelineRun's run-wide template, and a taskRunSpecs entry's for this task alone
    const pipelineRun = (spec: Record<string, any>) => ({
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: { name: 'pr', namespace: 'ci' },
      spec: { ...spec, pipelineSpec: { tasks: [{ name: 'build', taskSpec: { workspaces: [{ name: 'source' }], steps: [npm] } }] } },
    });
    expect(findings(pipelineRun({ taskRunTemplate: { podTemplate: { volumes: [csi] } } }))[0][2])
      .toContain("(volume 'vault' of the PipelineRun's taskRunTemplate.podTemplate), mounted at /vault");
    expect(findings(pipelineRun({ taskRunSpecs: [{ pipelineTaskName: 'build', podTemplate: { volumes: [secret] } }] }))[0][2])
      .toContain("reads Secret 'deploy-token' (volume 'vault' of the PipelineRun's taskRunSpec 'build' podTemplate), mounted at /vault");
    // a Task, and a TaskRun of it checked together whose podTemplate gives the volume
    const t = { ...taskWith(npm), metadata: { name: 'npm-build', namespace: 'ci' } };
    const run = {
      apiVersion: 'tekton.dev/v1',
      kind: 'TaskRun',
      metadata: { name: 'npm-run', namespace: 'ci' },
      spec: { taskRef: { name: 'npm-build' }, podTemplate: { volumes: [secret] } },
    };
    expect(findings(t, ruleContext([t, run]))[0][2]).toContain("reads Secret 'deploy-token' (volume 'vault' of the podTemplate of TaskRun 'npm-run'), mounted at /vault");
    // checked alone: the task does not define 'vault', which only a pod template can give, and that may be a Secret
    expect(findings(t)).toEqual([["step 'test'", 'npm ci', `${NPM}, in a step that reads the volume 'vault', which the task does not define (only a run's pod `
      + 'template, `podTemplate.volumes`, can give it: it may be a Secret), mounted at /vault: code from the repository can read it']]);
    // not: a template's volume of that name that holds no credential, the driver's mock_provider, a Tekton volume, a name a param gives
    expect(findings(taskRun({ name: 'vault', emptyDir: {} }))).toEqual([]);
    expect(findings(t, ruleContext([t, { ...run, spec: { ...run.spec, podTemplate: { volumes: [{ name: 'vault', configMap: { name: 'c' } }] } } }]))).toEqual([]);
    expect(findings(taskRun({ ...csi, csi: { ...csi.csi, volumeAttributes: { providerName: 'mock_provider' } } }))).toEqual([]);
    expect(findings({ ...t, spec: { ...t.spec, volumes: [csi] } })).toEqual([["step 'test'", 'npm ci', `${NPM}, in a step that reads the CSI volume of `
      + 'secrets-store.csi.k8s.io mounted at /vault: code from the repository can read it']]);
    expect(findings({ ...t, spec: { ...t.spec, volumes: [{ ...csi, csi: { ...csi.csi, volumeAttributes: { providerName: 'Mock_Provider' } } }] } })).toEqual([]);
    for (const name of ['tekton-internal-home', '$(params.volume)']) {
      expect(findings(taskWith({ ...npm, volumeMounts: [{ name, mountPath: '/vault' }] }))).toEqual([]);
    }
  });

  test('non-compliant: without a workingDir (the image\'s WORKDIR, not known), a relative path by which a WORKDIR above a workspace reaches it', () => {
    const SECRET = [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'release', key: 'token' } } }];
    const READS = "in a step that reads the Secret 'release' in env TOKEN: code from the repository can read it";
    const judged = (container: any, workspaces: any[] = [{ name: 'source' }]) => {
      const t = taskWith({ name: 'a', image: IMAGE, env: SECRET, ...container });
      return CREDENTIALS_WITH_REPO_CODE.check({ ...t, spec: { ...t.spec, workspaces } }).map((f) => [f.property, f.value, f.problem]);
    };
    const file = (property: string, value: string) => [[property, value, `${WORKSPACE_FILE}, ${READS}`]];
    // from /workspace (kaniko's, Cloud Builders'): the workspace's name; from /: workspace/<name>
    expect(judged({ script: '#!/bin/sh\nsh source/build.sh\n' })).toEqual(file('script', 'sh source/build.sh'));
    expect(judged({ command: ['./source/ci/release.sh'] })).toEqual(file('command', './source/ci/release.sh'));
    expect(judged({ script: '#!/bin/sh\npython3 source/tools/gen.py\n' })).toEqual(file('script', 'python3 source/tools/gen.py'));
    expect(judged({ script: '#!/bin/sh\nbash workspace/source/ci.sh\n' })).toEqual(file('script', 'bash workspace/source/ci.sh'));
    // a relative cd into it puts the step there; a cd above it moves down the paths that reach it
    expect(judged({ script: '#!/bin/sh\ncd source && ./build.sh\n' })).toEqual(file('script', './build.sh'));
    expect(judged({ script: '#!/bin/sh\ncd workspace/source/app\nsh ci.sh\n' })).toEqual(file('script', 'sh ci.sh'));
    expect(judged({ script: '#!/bin/sh\ncd workspace\n./source/ci.sh\n' })).toEqual(file('script', './source/ci.sh'));
    // a build tool is one wherever it runs
    expect(judged({ script: '#!/bin/sh\nmake -C source\n' })).toEqual([['script', 'make -C source', `${BUILDS}, ${READS}`]]);
    // a workspace at its own mountPath, by any tail of that path
    expect(judged({ script: '#!/bin/sh\nsh app/ci.sh\n' }, [{ name: 'source', mountPath: '/src/app' }])).toEqual(file('script', 'sh app/ci.sh'));
    expect(judged({ script: '#!/bin/sh\nsh src/app/ci.sh\n' }, [{ name: 'source', mountPath: '/src/app' }])).toEqual(file('script', 'sh src/app/ci.sh'));
    // in a pipeline task that holds a credentials workspace
    expect(check(taskWith({ name: 'build', image: IMAGE, script: '#!/bin/sh\n./source/hack/push.sh\n' })))
      .toEqual([found('script', './source/hack/push.sh', WORKSPACE_FILE)]);
    // not a finding: a name that only starts like the workspace's, a file of the WORKDIR itself, a cd elsewhere, a workingDir outside the workspaces,
    // the default mount path's tail of a workspace mounted elsewhere
    expect(judged({ script: '#!/bin/sh\nsh sources/x.sh\n' })).toEqual([]);
    expect(judged({ script: '#!/bin/sh\nsh source-tools/x.sh\n' })).toEqual([]);
    expect(judged({ script: '#!/bin/sh\n./build.sh\n' })).toEqual([]);
    expect(judged({ script: '#!/bin/sh\ncd /tmp && sh source/x.sh\n' })).toEqual([]);
    expect(judged({ script: '#!/bin/sh\ncd build\nsh source/x.sh\n' })).toEqual([]);
    expect(judged({ script: '#!/bin/sh\nsh source/x.sh\n', workingDir: '/tmp' })).toEqual([]);
    expect(judged({ script: '#!/bin/sh\nsh source/x.sh\n' }, [{ name: 'source', mountPath: '/src' }])).toEqual([]);
  });

  test('non-compliant: a workspace mounted at, over or under a directory the dynamic loader reads', () => {
    // (the kernel starts a dynamically linked program through the ELF interpreter its PT_INTERP names, read from the container's files:
    // `readelf -l /bin/sh` here names /lib64/ld-linux-x86-64.so.2, musl's /lib/ld-musl-x86_64.so.1; glibc's loader reads /etc/ld.so.preload
    // and /etc/ld.so.cache and looks in /lib and /usr/lib, musl's reads /etc/ld-musl-x86_64.path and looks in /lib:/usr/local/lib:/usr/lib,
    // `strings` of each loader here; /etc/ssl/certs holds the CA certificates a client trusts with the credentials)
    const SECRET = [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'release', key: 'token' } } }];
    const READS = "in a step that reads the Secret 'release' in env TOKEN: code from the repository can read it";
    const judged = (mountPath: string, container: any = {}) => {
      const t = taskWith({ name: 'a', image: IMAGE, env: SECRET, script: '#!/bin/sh\ncrane push /tmp/x registry.example.com/a/b\n', ...container });
      return CREDENTIALS_WITH_REPO_CODE.check({ ...t, spec: { ...t.spec, workspaces: [{ name: 'tools', mountPath, readOnly: true }] } })
        .map((f) => [f.property, f.value, f.problem]);
    };
    const LIBRARIES = 'where the dynamic loader finds the ELF interpreter (glibc\'s /lib64/ld-linux-*.so.2, musl\'s /lib/ld-musl-*.so.1) and the shared '
      + 'libraries every dynamically linked program loads';
    const CONFIG = 'which holds what the dynamic loader reads before any library (glibc\'s /etc/ld.so.preload and /etc/ld.so.cache, musl\'s '
      + '/etc/ld-musl-*.path) and the CA certificates (/etc/ssl/certs) a client trusts with the credentials';
    const mounted = (mountPath: string, shown: string, why: string) => [['mountPath', mountPath, `mounts the workspace 'tools' at ${shown}, `
      + `${why}: the repository fills it, so every dynamically linked program the step runs (its shell too) loads the repository's code, ${READS}`]];
    expect(judged('/lib')).toEqual(mounted('/lib', '/lib', LIBRARIES));
    expect(judged('/lib64')).toEqual(mounted('/lib64', '/lib64', LIBRARIES));
    expect(judged('/usr/lib/')).toEqual(mounted('/usr/lib', '/usr/lib', LIBRARIES));
    expect(judged('/usr/local/lib')).toEqual(mounted('/usr/local/lib', '/usr/local/lib', LIBRARIES));
    expect(judged('/usr/lib/x86_64-linux-gnu')).toEqual(mounted('/usr/lib/x86_64-linux-gnu', '/usr/lib/x86_64-linux-gnu (in /usr/lib)', LIBRARIES));
    expect(judged('/usr')).toEqual(mounted('/usr', '/usr (over /usr/lib)', LIBRARIES));
    expect(judged('/etc')).toEqual(mounted('/etc', '/etc', CONFIG));
    expect(judged('/etc/ssl/certs')).toEqual(mounted('/etc/ssl/certs', '/etc/ssl/certs (in /etc)', CONFIG));
    // (in a pipeline task that holds a credentials workspace: the fix moves the mount)
    const held = taskWith({ name: 'build', image: IMAGE, script: '#!/bin/sh\ncurl x\n' });
    held.spec.workspaces = [{ name: 'source', mountPath: '/etc/ssl/certs' }, { name: 'dockerconfig' }];
    expect(check(held).map((f) => [f.property, f.value, f.fix])).toEqual([['mountPath', '/etc/ssl/certs', "Mount the workspace 'source' elsewhere than "
      + '/etc/ssl/certs (leave out its mountPath: Tekton mounts it at /workspace/source), or split the task: run what the repository builds in a task '
      + 'without credentials, and give the task that needs them only what it checks.']]);
    // (a container's own workspaces entry, and a step with a command alone, the same)
    expect(judged('/opt/tools', { workspaces: [{ name: 'tools', mountPath: '/lib' }], script: undefined, command: ['crane', 'push', '/tmp/x', 'r.example.com/a'] }))
      .toEqual(mounted('/lib', '/lib', LIBRARIES));
    // not a finding: elsewhere, or a directory whose name only starts like one of them
    expect(judged('/opt/tools')).toEqual([]);
    expect(judged('/library')).toEqual([]);
    expect(judged('/etcd')).toEqual([]);
    expect(judged('/usr/share/tools')).toEqual([]);
  });

  test('non-compliant: a directory a step restores a Trusted Artifact into (build-trusted-artifacts `use`) is the repository\'s for the steps after it', () => {
    const TA = 'quay.io/konflux-ci/build-trusted-artifacts@sha256:' + 'd'.repeat(64);
    const SECRET = [{ name: 'BEARER_TOKEN', valueFrom: { secretKeyRef: { name: 'pull-token', key: 'token' } } }];
    const use = { name: 'use-trusted-artifact', image: TA, args: ['use', '$(params.SOURCE_ARTIFACT)=/var/workdir/source'] };
    const task = (steps: any[], spec: Record<string, any> = {}) => ({
      apiVersion: 'tekton.dev/v1',
      kind: 'Task',
      metadata: { name: 'oci-copy' },
      spec: {
        params: [{ name: 'SOURCE_ARTIFACT' }],
        volumes: [{ name: 'workdir', emptyDir: {} }],
        stepTemplate: { volumeMounts: [{ name: 'workdir', mountPath: '/var/workdir' }] },
        steps,
        ...spec,
      },
    });
    const push = (script: string, more: Record<string, any> = {}) => ({ name: 'oci-copy', image: IMAGE, workingDir: '/var/workdir', env: SECRET, script, ...more });
    const judged = (m: any) => CREDENTIALS_WITH_REPO_CODE.check(m).map((f) => [f.location, f.property, f.value, f.problem]);
    const FROM = "(/var/workdir/source holds the repository's files: step 'use-trusted-artifact' restores the Trusted Artifact $(params.SOURCE_ARTIFACT) "
      + 'there, `use $(params.SOURCE_ARTIFACT)=/var/workdir/source`, an artifact an earlier task stored (the source its clone task checked out, or files made from it))';
    const READS = "in a step that reads the Secret 'pull-token' in env BEARER_TOKEN: code from the repository can read it";
    const [first] = CREDENTIALS_WITH_REPO_CODE.check(task([use, push('#!/bin/bash\nsource source/vars.sh\n')]));
    expect([first.location, first.target, first.property, first.value, first.problem, first.fix]).toEqual([
      "step 'oci-copy'", 'step/oci-copy', 'script', 'source source/vars.sh', `runs a file of a directory the repository fills ${FROM}, ${READS}`,
      'Give the Secret to a step (or task) of its own that runs nothing of /var/workdir/source or of what is written from it (read the files it '
      + 'needs there as data, e.g. with yq or jq, without sourcing or running them), and pass what the build makes to it in the task\'s volume.',
    ]);
    // by its absolute path, a cd into it, a copy made of it in the same script
    const at = (script: string, value: string, why = 'runs a file of a directory the repository fills') => {
      expect(judged(task([use, push(`#!/bin/bash\n${script}\n`)]))).toEqual([["step 'oci-copy'", 'script', value, `${why} ${FROM}, ${READS}`]]);
    };
    at('/var/workdir/source/hack/push.sh', '/var/workdir/source/hack/push.sh');
    at('cd source && ./push.sh', './push.sh');
    at('cp source/env.sh /tmp/env.sh; . /tmp/env.sh', '. /tmp/env.sh',
      'runs a file of a directory the repository fills (/tmp/env.sh, written by `cp source/env.sh /tmp/env.sh` from a file of the repository)');
    // another step mounting the volume elsewhere, or a subPath of it, sees the files there
    const elsewhere = push('#!/bin/bash\n/w/source/ci.sh\n', { workingDir: undefined, volumeMounts: [{ name: 'workdir', mountPath: '/w' }] });
    expect(judged(task([use, elsewhere]))[0][3]).toContain("runs a file of a directory the repository fills (/w/source holds the repository's files");
    const sub = push('#!/bin/bash\n/src/ci.sh\n', { workingDir: undefined, volumeMounts: [{ name: 'workdir', mountPath: '/src', subPath: 'source' }] });
    expect(judged(task([use, sub]))[0][3]).toContain("(/src holds the repository's files");
    // not the repository's: read as data, before the restore, in no volume, in a volume the step does not mount
    expect(judged(task([use, push('#!/bin/bash\nyq .source source/oci-copy.yaml\ncat source/README.md\n')]))).toEqual([]);
    expect(judged(task([push('#!/bin/bash\nsource source/vars.sh\n'), use]))).toEqual([]);
    expect(judged(task([{ ...use, args: ['use', '$(params.SOURCE_ARTIFACT)=/tmp/source'] }, push('#!/bin/bash\n/tmp/source/ci.sh\n')]))).toEqual([]);
    expect(judged(task([use, push('#!/bin/bash\n/w/source/ci.sh\n', { volumeMounts: [{ name: 'other', mountPath: '/w' }] })],
      { stepTemplate: undefined, volumes: [{ name: 'workdir', emptyDir: {} }, { name: 'other', emptyDir: {} }] }))).toEqual([]);
    // a copy an earlier step's script makes of it into the volume, a file or a directory, is the repository's for the steps after it
    const prepare = {
      name: 'prepare',
      image: IMAGE,
      workingDir: '/var/workdir',
      script: '#!/bin/bash\ncp source/hack/env.sh /var/workdir/vars.sh\ncp -r source /var/workdir/build\n',
    };
    const copied = (script: string) => judged(task([use, prepare, push(`#!/bin/bash\n${script}\n`)])).map((f) => [f[2], f[3]]);
    expect(copied('. /var/workdir/vars.sh')).toEqual([['. /var/workdir/vars.sh', 'runs a file of a directory the repository fills (/var/workdir/vars.sh holds the '
      + "repository's files: step 'prepare' writes them there from /var/workdir/source, `cp source/hack/env.sh /var/workdir/vars.sh`, and step "
      + "'use-trusted-artifact' restores the Trusted Artifact $(params.SOURCE_ARTIFACT) into /var/workdir/source, `use $(params.SOURCE_ARTIFACT)=/var/workdir/source`, "
      + `an artifact an earlier task stored (the source its clone task checked out, or files made from it)), ${READS}`]]);
    expect(copied('cd build && ./push.sh')[0][1]).toContain("(/var/workdir/build holds the repository's files: step 'prepare' writes them there from /var/workdir/source, `cp -r source /var/workdir/build`");
    // an archive of it extracted into the volume too
    const unpack = { ...prepare, script: '#!/bin/bash\nmkdir -p /var/workdir/tools\ntar -xzf source/tools.tgz -C /var/workdir/tools\n' };
    expect(judged(task([use, unpack, push('#!/bin/bash\n/var/workdir/tools/sign.sh\n')])).map((f) => f[3])).toEqual([
      "runs a file of a directory the repository fills (/var/workdir/tools holds the repository's files: step 'prepare' writes them there from /var/workdir/source, "
      + "`tar -xzf source/tools.tgz -C /var/workdir/tools`, and step 'use-trusted-artifact' restores the Trusted Artifact $(params.SOURCE_ARTIFACT) into "
      + '/var/workdir/source, `use $(params.SOURCE_ARTIFACT)=/var/workdir/source`, an artifact an earlier task stored (the source its clone task checked out, '
      + `or files made from it)), ${READS}`,
    ]);
    // what the preparing step prints of a file as data into a file of the volume (`declare OCI_SOURCE=x; ./ci.sh` once sourced): a file
    // of a volume a step before writes is not known not to be the repository's
    const vars = { ...prepare, script: '#!/bin/bash\nv=$(yq .source source/oci-copy.yaml)\necho "declare OCI_SOURCE=${v}" > /var/workdir/vars\n' };
    expect(judged(task([use, vars, push('#!/bin/bash\nsource /var/workdir/vars\n')])).map((f) => [f[2], f[3]])).toEqual([['source /var/workdir/vars',
      'runs a file of the volume mounted at /var/workdir, which other containers of the pod write: a step before it or a sidecar may have written it from the '
      + `repository, ${READS}`]]);
    // in a pipeline task that holds a credentials workspace, with that finding's words and fix
    const restoring = {
      ...taskWith({ ...use, volumeMounts: [{ name: 'workdir', mountPath: '/var/workdir' }] },
        { name: 'build', image: IMAGE, volumeMounts: [{ name: 'workdir', mountPath: '/var/workdir' }], script: '#!/bin/sh\n/var/workdir/source/ci.sh\n' }),
    };
    restoring.spec.volumes = [{ name: 'workdir', emptyDir: {} }];
    expect(check(restoring)).toEqual([found('script', '/var/workdir/source/ci.sh', `runs a file of a directory the repository fills ${FROM}`)]);
    // `create` stores an artifact and restores none; a script is not the image's entrypoint
    expect(judged(task([{ ...use, args: ['create', 'source=/var/workdir/source'] }, push('#!/bin/bash\nsource source/vars.sh\n')]))).toEqual([]);
    // use-archive named as the command, a destination relative to the restoring step's workingDir; an option makes use-oci.sh restore nothing
    const archive = { ...use, command: ['/usr/local/bin/use-archive'], args: ['$(params.CACHI2_ARTIFACT)=/var/workdir/cachi2', '$(params.SOURCE_ARTIFACT)=source'], workingDir: '/var/workdir' };
    expect(judged(task([archive, push('#!/bin/bash\n. source/env.sh\n')]))).toEqual([["step 'oci-copy'", 'script', '. source/env.sh',
      "runs a file of a directory the repository fills (/var/workdir/source holds the repository's files: step 'use-trusted-artifact' restores the Trusted Artifact "
      + '$(params.SOURCE_ARTIFACT) there, `/usr/local/bin/use-archive $(params.SOURCE_ARTIFACT)=source`, an artifact an earlier task stored (the source its clone '
      + `task checked out, or files made from it)), ${READS}`]]);
    expect(judged(task([{ ...use, args: ['use', '--store', 'quay.io/org/ta', '$(params.SOURCE_ARTIFACT)=/var/workdir/source'] }, push('#!/bin/bash\nsource source/vars.sh\n')]))).toEqual([]);
    // Tekton's /workspace emptyDir, which every step mounts: a restore there reaches the steps after it, unless they mount a volume there
    const implicit = { ...use, args: ['use', '$(params.SOURCE_ARTIFACT)=/workspace/source'] };
    expect(judged(task([implicit, push('#!/bin/bash\n/workspace/source/ci.sh\n')], { stepTemplate: undefined }))).toEqual([["step 'oci-copy'", 'script', '/workspace/source/ci.sh',
      "runs a file of a directory the repository fills (/workspace/source holds the repository's files: step 'use-trusted-artifact' restores the Trusted Artifact "
      + '$(params.SOURCE_ARTIFACT) there, `use $(params.SOURCE_ARTIFACT)=/workspace/source`, an artifact an earlier task stored (the source its clone '
      + `task checked out, or files made from it)), ${READS}`]]);
    expect(judged(task([implicit, push('#!/bin/bash\n/workspace/source/ci.sh\n', { volumeMounts: [{ name: 'workdir', mountPath: '/workspace' }] })], { stepTemplate: undefined }))).toEqual([]);
  });

  test('non-compliant: a clone of the repository a param names (git clone $(params.url) DIR) is the repository\'s, in its step and the steps after it', () => {
    const SECRET = [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'release', key: 't' } } }];
    const READS = "in a step that reads the Secret 'release' in env TOKEN: code from the repository can read it";
    const task = (...steps: any[]) => ({
      apiVersion: 'tekton.dev/v1',
      kind: 'Task',
      metadata: { name: 'release' },
      spec: { params: [{ name: 'url' }], volumes: [{ name: 'w', emptyDir: {} }], stepTemplate: { volumeMounts: [{ name: 'w', mountPath: '/w' }] }, steps },
    });
    const judged = (m: any) => CREDENTIALS_WITH_REPO_CODE.check(m).map((f) => [f.location, f.value, f.problem, f.fix]);
    const SAME_FIX = "Give the Secret to a step (or task) of its own that runs no repository code, and pass what the build makes to it through a workspace (the library's ContainerBuild and ImagePush do).";
    // in its own step: a cd into it, a path in it
    expect(judged(task({ name: 'a', image: IMAGE, env: SECRET, script: '#!/bin/sh\ngit clone --depth 1 "$(params.url)" /w/src\ncd /w/src && ./build.sh\n' }))).toEqual([[
      "step 'a'", './build.sh',
      `runs a file of a directory the repository fills (in /w/src, the repository a param names, cloned by \`git clone --depth 1 "$(params.url)" /w/src\`), ${READS}`, SAME_FIX,
    ]]);
    expect(judged(task({ name: 'a', image: IMAGE, env: SECRET, script: '#!/bin/sh\ngit clone $(params.url) /w/src\n. /w/src/env.sh\n' }))[0][2])
      .toBe(`runs a file of a directory the repository fills (/w/src, the repository a param names, cloned by \`git clone $(params.url) /w/src\`), ${READS}`);
    // in a later step that mounts the volume
    const clone = { name: 'clone', image: IMAGE, script: '#!/bin/sh\ngit clone "$(params.url)" /w/src\n' };
    expect(judged(task(clone, { name: 'push', image: IMAGE, workingDir: '/w', env: SECRET, script: '#!/bin/sh\n./src/push.sh\n' }))).toEqual([[
      "step 'push'", './src/push.sh',
      "runs a file of a directory the repository fills (/w/src holds the repository's files: step 'clone' clones the repository a param names there, "
      + `\`git clone "$(params.url)" /w/src\`), ${READS}`,
      'Give the Secret to a step (or task) of its own that runs nothing of /w/src or of what is written from it (read the files it needs there as data, '
      + 'e.g. with yq or jq, without sourcing or running them), and pass what the build makes to it in the task\'s volume.',
    ]]);
    // by its command line too
    const byArgs = { name: 'clone', image: IMAGE, command: ['git'], args: ['clone', '$(params.url)', '/w/src'] };
    expect(judged(task(byArgs, { name: 'push', image: IMAGE, env: SECRET, script: '#!/bin/sh\nsh /w/src/push.sh\n' }))[0][1]).toBe('sh /w/src/push.sh');
    // not the repository: a fixed URL (the task's own tools), a file of it read as data, a clone after the step runs
    expect(judged(task({ name: 'a', image: IMAGE, env: SECRET, script: '#!/bin/sh\ngit clone https://example.com/org/tools /w/tools\n/w/tools/run.sh\n' }))).toEqual([]);
    expect(judged(task(clone, { name: 'push', image: IMAGE, env: SECRET, script: '#!/bin/sh\ncat /w/src/VERSION\n' }))).toEqual([]);
    expect(judged(task({ name: 'push', image: IMAGE, env: SECRET, script: '#!/bin/sh\n/w/src/push.sh\n' }, clone))).toEqual([]);
  });

  test('non-compliant: a workingDir above a workspace reaches it by the relative path from there', () => {
    const t = taskWith({
      name: 'a',
      image: IMAGE,
      workingDir: '/workspace',
      env: [{ name: 'T', valueFrom: { secretKeyRef: { name: 'release', key: 't' } } }],
      script: '#!/bin/sh\n./source/release.sh\n',
    });
    expect(CREDENTIALS_WITH_REPO_CODE.check(t).map((f) => [f.value, f.problem])).toEqual([
      ['./source/release.sh', `${WORKSPACE_FILE}, in a step that reads the Secret 'release' in env T: code from the repository can read it`],
    ]);
    // from /, or /workspace itself after a cd
    const moved = { ...t, spec: { ...t.spec, steps: [{ ...t.spec.steps[0], workingDir: '/', script: '#!/bin/sh\ncd /workspace\nsh source/ci.sh\n' }] } };
    expect(CREDENTIALS_WITH_REPO_CODE.check(moved).map((f) => f.value)).toEqual(['sh source/ci.sh']);
    const beside = { ...t, spec: { ...t.spec, steps: [{ ...t.spec.steps[0], workingDir: '/opt', script: '#!/bin/sh\n./source/release.sh\n' }] } };
    expect(CREDENTIALS_WITH_REPO_CODE.check(beside)).toEqual([]);
  });

  test('a cd in a subshell moves that subshell alone: ( … ), each stage of a pipeline (bash lastpipe off), a piped or & compound, & (bash 5.2, dash run)', () => {
    const READS = "in a step that reads the Secret 'release' in env TOKEN: code from the repository can read it";
    const judged = (script: string, shebang = '#!/bin/bash') => CREDENTIALS_WITH_REPO_CODE.check(taskWith({
      name: 'a', image: IMAGE, env: [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'release', key: 'token' } } }], script: `${shebang}\n${script}\n`,
    })).map((f) => [f.property, f.value, f.problem]);
    const file = (value: string) => [['script', value, `${WORKSPACE_FILE}, ${READS}`]];
    // the cd holds no longer than its subshell: ./x.sh runs in the WORKDIR, not in the workspace
    for (const script of [
      '( cd /workspace/source && ls )\n./x.sh',
      'cd /workspace/source | true\n./x.sh',
      'true | cd /workspace/source\n./x.sh',
      'cd /workspace/source &\n./x.sh',
      'if true; then cd /workspace/source; fi | cat\n./x.sh',
      'echo | while read -r l; do cd /workspace/source; done\n./x.sh',
      '{ cd /workspace/source; } &\n./x.sh',
      'f() ( cd /workspace/source )\nf\n./x.sh',
      'cd /workspace/source\n( cd /tmp )\n( cd sub; ls )\n/opt/x.sh',
    ]) expect([script, judged(script)]).toEqual([script, []]);
    // a command substitution is a subshell too: its own cd moves its commands, and nothing after it
    expect(judged('V=$(cd /workspace/source && ./version.sh)')).toEqual(file('V=$(cd /workspace/source && ./version.sh)'));
    expect(judged('V=$(cd /workspace/source)\n./x.sh')).toEqual([]);
    expect(judged('V=$(cd /tmp && ./version.sh)')).toEqual([]);
    // inside it, and after a group in the shell itself, it holds; so does a last stage bash runs itself (lastpipe) or zsh does
    expect(judged('( cd /workspace/source && ./x.sh )')).toEqual(file('./x.sh'));
    expect(judged('{ cd /workspace/source; ./x.sh; } &')).toEqual(file('./x.sh'));
    expect(judged('{ cd /workspace/source; }\n./x.sh')).toEqual(file('./x.sh'));
    expect(judged('cd /workspace/source && ls | grep x\n./y.sh')).toEqual(file('./y.sh'));
    expect(judged('( cd /tmp )\ncd /workspace/source\n./y.sh')).toEqual(file('./y.sh'));
    expect(judged('shopt -s lastpipe\ntrue | cd /workspace/source\n./x.sh')).toEqual(file('./x.sh'));
    expect(judged('true | cd /workspace/source\n./x.sh', '#!/bin/zsh')).toEqual(file('./x.sh'));
  });

  test('a cd holds where bash 5.2, zsh 5.9 and ksh93 keep it: popd, cd -, time/command/builtin/eval cd, lastpipe in -c code and BASHOPTS', () => {
    const READS = "in a step that reads the Secret 'release' in env TOKEN: code from the repository can read it";
    const judged = (script: string, more: Record<string, any> = {}, env: any[] = []) => CREDENTIALS_WITH_REPO_CODE.check(taskWith({
      name: 'a', image: IMAGE, env: [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'release', key: 'token' } } }, ...env], script: `#!/bin/bash\n${script}\n`, ...more,
    })).map((f) => [f.property, f.value, f.problem]);
    const file = (value: string) => [['script', value, `${WORKSPACE_FILE}, ${READS}`]];
    const inSource = { workingDir: '$(workspaces.source.path)' };
    // back where pushd or the last cd left: the workspace the step started in
    expect(judged('pushd /tmp > /dev/null\nmake -v\npopd > /dev/null\n./x.sh', inSource)).toEqual(file('./x.sh'));
    expect(judged('cd /tmp\ncd -\n./x.sh', inSource)).toEqual(file('./x.sh'));
    expect(judged('cd /tmp\ncd "$OLDPWD"\n./x.sh', inSource)).toEqual(file('./x.sh'));
    expect(judged('cd /tmp\ncd ~-\n./x.sh', inSource)).toEqual(file('./x.sh'));
    expect(judged('pushd /workspace/source\npushd /tmp\npushd\n./x.sh')).toEqual(file('./x.sh'));
    // `time`, `command`, `builtin` and `eval` run the builtin cd in the shell itself
    for (const cd of ['time cd', 'time -p cd', 'command cd', 'builtin cd', 'eval cd']) expect(judged(`${cd} /workspace/source\n./x.sh`)).toEqual(file('./x.sh'));
    expect(judged('eval "cd /workspace/source"\n./x.sh')).toEqual(file('./x.sh'));
    // a pipeline's last stage in the shell itself: zsh's and ksh's -c code, bash -O lastpipe, BASHOPTS=lastpipe in the env
    for (const shell of ['zsh -c', 'ksh -c', 'bash -O lastpipe -c']) {
      expect(judged(`${shell} 'true | cd /workspace/source; ./x.sh'`)).toEqual(file(`${shell} 'true | cd /workspace/source; ./x.sh'`));
    }
    expect(judged('true | cd /workspace/source\n./x.sh', {}, [{ name: 'BASHOPTS', value: 'lastpipe' }])).toEqual(file('./x.sh'));
    // $PWD and $(pwd) are the directory the shell is in
    expect(judged('"$PWD/hack/build.sh"', inSource)).toEqual(file('"$PWD/hack/build.sh"'));
    expect(judged('bash ${PWD}/hack/build.sh', inSource)).toEqual(file('bash ${PWD}/hack/build.sh'));
    expect(judged('$(pwd)/hack/build.sh', inSource)).toEqual(file('$(pwd)/hack/build.sh'));
    // not: popd back to a WORKDIR outside the workspaces, a second cd - back to /tmp, bash -c without lastpipe, $PWD elsewhere
    expect(judged('pushd /workspace/source\npopd\n./x.sh')).toEqual([]);
    expect(judged('cd /workspace/source\ncd /tmp\ncd -\ncd -\n./x.sh')).toEqual([]);
    expect(judged("bash -c 'true | cd /workspace/source; ./x.sh'")).toEqual([]);
    expect(judged('cd /tmp\n"$PWD/x.sh"', inSource)).toEqual([]);
    expect(judged('command -v cd /workspace/source\n./x.sh')).toEqual([]);
    // cd's options before `-` (bash 5.2 and dash: `cd -P -` and `cd -- -` go back to OLDPWD)
    expect(judged('cd /tmp\ncd -P -\n./x.sh', inSource)).toEqual(file('./x.sh'));
    expect(judged('cd /tmp\ncd -- -\n./x.sh', inSource)).toEqual(file('./x.sh'));
    expect(judged('cd /tmp\ncd -L -- "$OLDPWD"\n./x.sh', inSource)).toEqual(file('./x.sh'));
    expect(judged('cd /tmp\ncd -P /workspace/source\ncd -P -\n./x.sh')).toEqual([]);
    // `pushd -n DIR` changes no directory, and puts DIR where popd goes next; `popd -n` drops it, changing none (bash 5.2 run)
    expect(judged('pushd -n /workspace/source\n./x.sh')).toEqual([]);
    expect(judged('pushd -n /workspace/source\npopd\n./x.sh')).toEqual(file('./x.sh'));
    expect(judged('pushd /tmp\npushd /workspace/source\npopd -n\n./x.sh')).toEqual(file('./x.sh'));
    expect(judged('pushd /workspace/source\npushd /tmp\npopd -n\n./x.sh')).toEqual([]);
    // eval of a cd to a Tekton substitution (text to the shell), pushd +N read as a plain pushd (bash 5.2: +1 of two is a swap)
    expect(judged('eval "cd $(workspaces.source.path)"\n./x.sh')).toEqual(file('./x.sh'));
    expect(judged('pushd /workspace/source\npushd /tmp\npushd +1\n./x.sh')).toEqual(file('./x.sh'));
    // a default of a variable not known here, a pattern a workspace's mount path matches (bash 5.2 runs ./x.sh in the workspace)
    expect(judged('cd ${SRC:-/workspace/source}\n./x.sh')).toEqual(file('./x.sh'));
    expect(judged('cd "${SRC:=/workspace/source}"\n./x.sh')).toEqual(file('./x.sh'));
    expect(judged('cd /workspace/sour*\n./x.sh')).toEqual(file('./x.sh'));
    expect(judged('cd /work[a-z]pace/source/h?ck\n./x.sh')).toEqual(file('./x.sh'));
    // not: a pattern or default elsewhere
    expect(judged('cd /tmp/build-*\n./x.sh\ncd ${OUT:-/tmp/out}\n./y.sh\ncd /workspace/s[!o]urce\n./z.sh')).toEqual([]);
    // a variable the script set: its value, not the default (bash 5.2 and dash: `:-` takes the default where it is empty, `-` where unset)
    expect(judged('SRC=/tmp/x\ncd ${SRC:-/workspace/source}\n./x.sh\nOUT=\ncd ${OUT-/workspace/source}\n./y.sh')).toEqual([]);
    expect(judged('SRC=\ncd ${SRC:-/workspace/source}\n./x.sh')).toEqual(file('./x.sh'));
    expect(judged('SRC=/workspace/source\ncd ${SRC:-/tmp}\n./x.sh')).toEqual(file('./x.sh'));
    // `cd ..` from a directory a cd named: /workspace holds no workspace of its own (Tekton mounts each at /workspace/<name>)
    expect(judged('cd /workspace/source\ncd ..\n./x.sh\ncd /workspace/source/a\ncd ../..\n./y.sh')).toEqual([]);
    expect(judged('cd /workspace/source/a/b\ncd ../..\n./x.sh')).toEqual(file('./x.sh'));
    expect(judged('cd /workspace/source\ncd ..\n./source/x.sh')).toEqual(file('./source/x.sh'));
    // from a workingDir too, `$(workspaces.source.path)` read as /workspace/source
    expect(judged('cd ..\n./x.sh', inSource)).toEqual([]);
    expect(judged('cd ../..\n./x.sh', { workingDir: '/workspace/source/a' })).toEqual([]);
    expect(judged('cd ..\n./x.sh', { workingDir: '/workspace/source/a' })).toEqual(file('./x.sh'));
    expect(judged('cd ..\n./source/x.sh', inSource)).toEqual(file('./source/x.sh'));
  });

  test('a literal absolute path as cd and the kernel read it (//, /./, ..); a directory above a workspace reaches it by a relative path', () => {
    const READS = "in a step that reads the Secret 'release' in env TOKEN: code from the repository can read it";
    const judged = (script: string, more: Record<string, any> = {}) => CREDENTIALS_WITH_REPO_CODE.check(taskWith({
      name: 'a', image: IMAGE, env: [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'release', key: 'token' } } }], script: `#!/bin/bash\n${script}\n`, ...more,
    })).map((f) => [f.property, f.value, f.problem]);
    const file = (value: string) => [['script', value, `${WORKSPACE_FILE}, ${READS}`]];
    // bash 5.2 and dash: cd -L (the default) reads //, . and .. from the path itself
    for (const dir of ['//workspace/source', '/workspace/./source', '/tmp/../workspace/source', '/workspace/source/hack/..']) {
      expect(judged(`cd ${dir}\n./build.sh`)).toEqual(file('./build.sh'));
    }
    for (const line of ['/workspace//source/build.sh', 'bash /workspace/./source/build.sh', 'source /tmp/../workspace/source/env.sh']) {
      expect(judged(line)).toEqual(file(line));
    }
    // from /workspace (a cd, a workingDir) and from /, the relative path down to the workspace
    expect(judged('cd /workspace && ./source/build.sh')).toEqual(file('./source/build.sh'));
    expect(judged('cd /workspace\ncd source\n./build.sh')).toEqual(file('./build.sh'));
    expect(judged('./source/build.sh', { workingDir: '/workspace' })).toEqual(file('./source/build.sh'));
    expect(judged('workspace/source/build.sh', { workingDir: '/' })).toEqual(file('workspace/source/build.sh'));
    // not: what lies beside the workspace there, a directory of another name
    expect(judged('./build.sh\n./sourcefoo/build.sh', { workingDir: '/workspace' })).toEqual([]);
    expect(judged('cd /workspace/source/..\n./build.sh\ncd /workspace/sourcefoo\n./build.sh')).toEqual([]);
    expect(judged('/workspace/sourcefoo/build.sh\n/workspace/source/../build.sh')).toEqual([]);
  });

  test('a variable another name assigns is not known: an array, eval, a nameref, a call of a function that assigns it; IFS splits for words', () => {
    const READS = "in a step that reads the Secret 'release' in env TOKEN: code from the repository can read it";
    const judged = (script: string) => CREDENTIALS_WITH_REPO_CODE.check(taskWith({
      name: 'a',
      image: IMAGE,
      workingDir: '$(workspaces.source.path)',
      env: [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'release', key: 'token' } } }],
      script: `#!/bin/bash\n${script}\n`,
    })).map((f) => [f.property, f.value, f.problem]);
    const notKnown = (name: string, value = `$${name}`) => [['script', value, `runs $${name} as a command, and what $${name} holds is not known here: it may be the repository's code, ${READS}`]];
    // each checked with bash 5.2: ./ci/push.sh runs
    expect(judged('CMD="helm push ${X}"\nCMD=(./ci/push.sh)\n$CMD')).toEqual(notKnown('CMD'));
    expect(judged("CMD=\"helm push ${X}\"\neval 'CMD=./ci/push.sh'\n$CMD")).toEqual(notKnown('CMD'));
    expect(judged("CMD=\"helm push x\"\neval 'read -r CMD < /tmp/c'\n$CMD")).toEqual(notKnown('CMD'));
    // the code `source /dev/stdin` reads from a here-string or heredoc assigns as eval's does (bash 5.2: /x runs)
    expect(judged('CMD=/opt/ok.sh\nsource /dev/stdin <<< "CMD=./ci/push.sh"\n$CMD')).toEqual(notKnown('CMD'));
    expect(judged('CMD=/opt/ok.sh\n. /dev/stdin <<EOF\nCMD=./ci/push.sh\nEOF\n$CMD')).toEqual(notKnown('CMD'));
    expect(judged('CMD=/opt/ok.sh\nsource /dev/stdin <<< "X=1"\n$CMD')).toEqual([]);
    // `read -r NAME <<< WORD` assigns the word (bash 5.2 run): a directory or program known so
    const file = (value: string) => [['script', value, `${WORKSPACE_FILE}, ${READS}`]];
    expect(judged('read -r D <<< /tmp\ncd "$D"\n./x.sh\nread P <<< /opt/ok.sh\n$P')).toEqual([]);
    expect(judged('read D <<< "$(workspaces.source.path)/ci/push.sh"\n$D')).toEqual(file('$D'));
    expect(judged('read -r D <<< "$D"\n$D')).toEqual(notKnown('D'));
    // read's every option as bash 5.2 reads it, and several names (run for each: ./ci/push.sh ran, and ./ok.sh for the known ones)
    expect(judged('read -d : D <<< "/opt/ok.sh:./ci/push.sh"\n$D\nread -r A D <<< "/opt/ok.sh /tmp"\ncd "$D"\n./x.sh\nread -n 10 P <<< /opt/ok.shx\n$P')).toEqual([]);
    expect(judged('read -r A D <<< "/opt/ok.sh ./ci/push.sh"\n$D')).toEqual(file('$D'));
    expect(judged('read -d : A D <<< "/tmp /workspace/source:x"\ncd "$D"\n./x.sh')).toEqual(file('./x.sh'));
    // (`-a` fills its array alone, `read -ar X` the array r: bash 5.2 run, `r=./ok.sh; read -ar X <<< ./ci/push.sh; $r` ran ./ci/push.sh, `$X` ./ok.sh;
    // `-t 0` reads nothing)
    expect(judged('r=/opt/ok.sh\nread -ar X <<< ./ci/push.sh\n$r')).toEqual(notKnown('r'));
    expect(judged('X=/opt/ok.sh\nread -ar X <<< ./ci/push.sh\n$X\nP=/opt/ok.sh\nread -a A P <<< ./ci/push.sh\n$P')).toEqual([]);
    expect(judged('P=/opt/ok.sh\nread -t 0 P <<< ./ci/push.sh\n$P')).toEqual(notKnown('P'));
    // (a count cuts what a word's expansions give, not known here: bash 5.2 run, `X=/opt/ok.sh; read -n 4 P <<< "$X"` gave P /opt)
    expect(judged('X=/opt/ok.sh\nread -n 4 P <<< "$X"\n$P')).toEqual(notKnown('P'));
    expect(judged('X=/opt/ok.sh\nread -r P <<< "$X"\n$P')).toEqual([]);
    // a name an expansion gives read assigns the variable it names, not REPLY (bash 5.2 run: `V=CMD; read -a "$V" < f; $CMD` ran ./ci/push.sh, f's line,
    // and left REPLY as it was; `P=CM; read -r "${P}D"` set CMD): that one where it is known, any where not
    expect(judged('CMD=/opt/ok.sh\nread -a "$V" <<< ./ci/push.sh\n$CMD')).toEqual(notKnown('CMD'));
    expect(judged('CMD=/opt/ok.sh\nV=CMD\nread -r "$V" < /tmp/in\n$CMD')).toEqual(notKnown('CMD'));
    expect(judged('CMD=/opt/ok.sh\nP=CM\nread -r "${P}D" < /tmp/in\n$CMD')).toEqual(notKnown('CMD'));
    expect(judged('CMD=/opt/ok.sh\nREPLY=/opt/ok.sh\nV=OTHER\nread -r "$V" < /tmp/in\nread -a "$V" < /tmp/in\n$CMD\n$REPLY')).toEqual([]);
    // mapfile's array: its first word past its options and redirections (bash 5.2 run: `mapfile -dn CMD < f` filled CMD, `mapfile -t L < CMD`,
    // `mapfile -tC CMD -c 1 L` and `mapfile -t A CMD` left CMD as it was; `mapfile < f` filled MAPFILE, `mapfile -t "$V"` the array V names)
    expect(judged('CMD=/opt/ok.sh\nmapfile -dn CMD < /tmp/in\n$CMD')).toEqual(notKnown('CMD'));
    expect(judged('CMD=/opt/ok.sh\nmapfile -t LINES < CMD\nmapfile -tC CMD -c 1 L < /tmp/f\nmapfile -t A CMD < /tmp/f\n$CMD')).toEqual([]);
    expect(judged('MAPFILE=/opt/ok.sh\nmapfile < /tmp/f\n$MAPFILE')).toEqual(notKnown('MAPFILE'));
    expect(judged('CMD=/opt/ok.sh\nmapfile -t "$V" < /tmp/f\n$CMD')).toEqual(notKnown('CMD'));
    // IFS as the script set it before read splits the line (bash 5.2 run: `IFS=:; read -r A P <<< "/opt/ok.sh /tmp/x:$W/ci/push.sh"; "$P"` ran the
    // workspace's push.sh, `IFS=:; read -r P A <<< "/opt/ok.sh:./ci/push.sh"; "$P"` ran /opt/ok.sh); an IFS not known here leaves what it sets not known
    expect(judged('IFS=:\nread -r A P <<< "/opt/ok.sh /tmp/x:/workspace/source/ci/push.sh"\n"$P"')).toEqual(file('"$P"'));
    // (a word with expansions split into several names: not known, as with the default IFS)
    expect(judged('IFS=:\nX="/opt/ok.sh x:/opt/ok.sh"\nread -r A P <<< "$X"\n"$P"')).toEqual(notKnown('P', '"$P"'));
    expect(judged('IFS=:\nread -r P A <<< "/opt/ok.sh:./ci/push.sh"\n"$P"\nIFS=:\nunset IFS\nread -r P A <<< "/opt/ok.sh ./ci/push.sh"\n"$P"')).toEqual([]);
    expect(judged('IFS="$SEP"\nread -r P A <<< "/opt/ok.sh x"\n"$P"')).toEqual(notKnown('P', '"$P"'));
    // `echo DIR | read -r D` where the last stage runs in the shell (bash 5.2 run with lastpipe: D is DIR; without, D is not set)
    expect(judged('shopt -s lastpipe\necho /workspace/source | read -r D\ncd /tmp\ncd "$D"\n./x.sh')).toEqual(file('./x.sh'));
    expect(judged('shopt -s lastpipe\nprintf "%s\\n" /opt/ok.sh | read -r P\n$P\necho /tmp | read -r D\ncd "$D"\n./x.sh')).toEqual([]);
    // (with read's other options and several names: bash 5.2 run with lastpipe, ./ci/push.sh ran for each)
    expect(judged('shopt -s lastpipe\necho "/opt/ok.sh /workspace/source" | read -r A D\ncd "$D"\n./x.sh')).toEqual(file('./x.sh'));
    expect(judged('shopt -s lastpipe\necho "/workspace/source:/tmp" | read -d : D\ncd "$D"\n./x.sh')).toEqual(file('./x.sh'));
    // (echo's line break read by -N: bash 5.2 run with lastpipe, `echo d | read -N 30 D; cd "$D"` failed, D holding the line break; printf %s prints none)
    expect(judged('shopt -s lastpipe\necho /workspace/source | read -N 30 D\ncd /tmp\ncd "$D"\n./x.sh\nread -N 30 D <<< /workspace/source\ncd "$D"\n./y.sh')).toEqual([]);
    expect(judged('shopt -s lastpipe\nprintf %s /workspace/source | read -N 30 D\ncd /tmp\ncd "$D"\n./x.sh')).toEqual(file('./x.sh'));
    // (and the IFS the script set: bash 5.2 run with lastpipe, `IFS=:; echo "/opt/ok.sh /tmp/x:/ws/push.sh" | read -r A P; "$P"` ran /ws/push.sh)
    expect(judged('shopt -s lastpipe\nIFS=:\necho "/opt/ok.sh /tmp/x:/workspace/source/push.sh" | read -r A P\n"$P"')).toEqual(file('"$P"'));
    expect(judged('shopt -s lastpipe\nIFS=:\necho "/opt/ok.sh:./push.sh" | read -r P A\n"$P"')).toEqual([]);
    expect(judged('shopt -s lastpipe\nIFS="$SEP"\necho "/opt/ok.sh x" | read -r P A\n"$P"')).toEqual(notKnown('P', '"$P"'));
    expect(judged('shopt -s lastpipe\necho "/tmp:/workspace/source" | read -d : D\ncd "$D"\n./x.sh\necho "/tmp /workspace/source" | read -r D A\ncd "$D"\n./y.sh')).toEqual([]);
    expect(judged('CMD="helm push x"\ndeclare -n R=CMD\nR=./ci/push.sh\n$CMD')).toEqual(notKnown('CMD'));
    expect(judged('f() { CMD="./ci/push.sh ${X}"; }\nCMD="helm push ${X}"\nf\n$CMD')).toEqual(notKnown('CMD'));
    // (a global the called function surely assigns holds what it gave: bash 5.2 run, ./ci/push.sh ran)
    expect(judged('f() { CMD=./ci/push.sh; }\nCMD="helm push x"\nf\n$CMD')).toEqual(file('$CMD'));
    expect(judged('f() { if [ -n "$X" ]; then CMD=./ci/push.sh; fi; }\nCMD="helm push x"\nf\n$CMD')).toEqual(notKnown('CMD'));
    expect(judged('IFS=,\nL=/opt/a.sh,./x.sh\nfor f in $L; do "$f"; done')).toEqual(notKnown('f', '"$f"'));
    // an element assigned (bash 5.2: the loop runs /opt/a.sh, then ./x.sh)
    expect(judged('ARR=(/opt/a.sh)\nARR[1]=./x.sh\nfor f in "${ARR[@]}"; do "$f"; done')).toEqual(notKnown('f', '"$f"'));
    expect(judged('ARR=(/opt/a.sh)\nARR[0]=./x.sh\n"${ARR[@]}"')).toEqual(notKnown('{ARR[@]}', '"${ARR[@]}"'));
    // a build tool whose subcommand is not known here (npm install runs the project's scripts); crc4's partial line read so
    const SUBCOMMAND = (line: string, word: string, name: string, subs: string) => [['script', line, `runs ${name} ${word}, and what ${word} holds is not known here: `
      + `it may be a subcommand that runs the repository's build scripts, hooks, tests or code generators (${name} ${subs} …), ${READS}`]];
    expect(judged('npm ${TARGET}')).toEqual(SUBCOMMAND('npm ${TARGET}', '${TARGET}', 'npm', 'install, i, ci'));
    expect(judged('go "$CMD" ./...')).toEqual(SUBCOMMAND('go "$CMD" ./...', '$CMD', 'go', 'build, test, generate'));
    expect(judged('CMD="npm ${X}"\n$CMD')).toEqual(SUBCOMMAND('$CMD', '${X}', 'npm', 'install, i, ci'));
    expect(judged('npm view "$PKG" dist-tags')).toEqual([]);
    // not: a function never called, eval assigning another name, a literal for word IFS does not split
    expect(judged('f() { CMD=./ci/push.sh; }\nCMD="helm push x"\n$CMD')).toEqual([]);
    expect(judged("CMD=\"helm push x\"\neval 'OTHER=1'\n$CMD")).toEqual([]);
    expect(judged('IFS=,\nfor f in /opt/a.sh,./x.sh; do "$f"; done')).toEqual([]);
    // a default assigned in an expansion, a read past its own assignments, an indirect expansion (bash 5.2: ./ci/push.sh runs)
    expect(judged('CMD=\n: ${CMD:=./ci/push.sh}\n$CMD')).toEqual(notKnown('CMD'));
    expect(judged('unset CMD\necho "${CMD=./ci/push.sh}"\n$CMD')).toEqual(notKnown('CMD'));
    expect(judged("CMD=\"helm push x\"\nIFS= read -rd '' CMD < ci/cmd\n$CMD")).toEqual(notKnown('CMD'));
    expect(judged('X=./ci/push.sh\nV=X\n${!V}')).toEqual([['script', '${!V}', `runs \${!V} as a command, and what \${!V} holds is not known here: it may be the repository's code, ${READS}`]]);
    expect(judged('CMD="helm push x"\n: ${OTHER:=./ci/push.sh}\n$CMD')).toEqual([]);
  });

  test('a script\'s positional parameters are the step\'s args: "$@" and $1 run what they give (Tekton runs the script with them)', () => {
    const READS = "in a step that reads the Secret 'release' in env TOKEN: code from the repository can read it";
    const judged = (script: string, args: string[]) => CREDENTIALS_WITH_REPO_CODE.check(taskWith({
      name: 'a',
      image: IMAGE,
      workingDir: '$(workspaces.source.path)',
      env: [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'release', key: 'token' } } }],
      script: `#!/bin/bash\n${script}\n`,
      args,
    })).map((f) => [f.property, f.value, f.problem]);
    const file = (value: string) => [['script', value, `${WORKSPACE_FILE}, ${READS}`]];
    expect(judged('"$@"', ['./ci/push.sh'])).toEqual(file('"$@"'));
    expect(judged('set -euo pipefail\nset +o xtrace\n"$@"', ['./ci/push.sh'])).toEqual(file('"$@"'));
    expect(judged('set -e\nif true; then "${1}"; fi', ['./ci/push.sh'])).toEqual(file('"${1}"'));
    expect(judged('X=1 "$2" --all', ['helm', './ci/push.sh'])).toEqual(file('X=1 "$2" --all'));
    expect(judged('( $* )', ['./ci/push.sh', 'x'])).toEqual(file('$*'));
    // a set with operands or a shift changes them: not known here
    expect(judged('set -e -- x\n"$@"', ['helm'])).toEqual([['script', '"$@"', 'runs $@ as a command, the script\'s arguments, and what $@ holds is not known here '
      + `(the script sets them again with set or shift): it may be the repository's code, ${READS}`]]);
    expect(judged('shift\n"$@"', ['x', 'helm'])).toEqual([['script', '"$@"', 'runs $@ as a command, the script\'s arguments, and what $@ holds is not known here '
      + `(the script sets them again with set or shift): it may be the repository's code, ${READS}`]]);
    // not: args that run nothing of the repository, a parameter not given, a function's own arguments (its caller's)
    expect(judged('"$@"', ['helm', 'push', 'chart.tgz'])).toEqual([]);
    expect(judged('"$2"', ['./ci/push.sh'])).toEqual([]);
    expect(judged('echo "$@"\nset -o pipefail', ['./ci/push.sh'])).toEqual([]);
    expect(judged('retry() { "$@" || "$@"; }\nretry helm push x', ['./ci/push.sh'])).toEqual([]);
    // a function that runs its arguments runs what a call gives it (bash 5.2: its positional parameters are the call's arguments)
    expect(judged('retry() { for i in 1 2 3; do "$@" && return; sleep 5; done; }\nretry ./ci/push.sh', [])).toEqual(file('retry ./ci/push.sh'));
    expect(judged('retry() {\n  local n=$1\n  shift\n  until "$@"; do n=$((n-1)); done\n}\nretry 3 ./ci/push.sh --all', [])).toEqual(file('retry 3 ./ci/push.sh --all'));
    expect(judged('run() { echo "+ $*"; $1 "${@:2}"; }\nrun ./ci/push.sh', [])).toEqual(file('run ./ci/push.sh'));
    expect(judged('retry() {\n  local n=$1\n  shift\n  "$@"\n}\nretry 3 helm push x\nlog() { echo "$@"; }\nlog ./ci/push.sh', [])).toEqual([]);
  });

  test('non-compliant: a workspace mounted at its own mountPath (the task\'s declaration, or the step\'s own) is read by that path', () => {
    const volumes = [{ name: 'push', secret: { secretName: 'registry-push' } }];
    const withSecret = (container: any) => ({ ...container, image: IMAGE, volumeMounts: [{ name: 'push', mountPath: '/creds' }] });
    const judged = (workspaces: any[], container: any) => {
      const t = taskWith(withSecret(container));
      return CREDENTIALS_WITH_REPO_CODE.check({ ...t, spec: { ...t.spec, workspaces, volumes } }).map((f) => [f.property, f.value, f.problem.split(',')[0]]);
    };
    const FILE = 'runs a file of a workspace the repository fills';
    expect(judged([{ name: 'source', mountPath: '/src/' }], { name: 'a', script: '#!/bin/sh\nsh /src/ci/build.sh\n' })).toEqual([['script', 'sh /src/ci/build.sh', FILE]]);
    expect(judged([{ name: 'source', mountPath: '/src' }], { name: 'a', workingDir: '/src/app', script: '#!/bin/sh\n./build.sh\n' })).toEqual([['script', './build.sh', FILE]]);
    expect(judged([{ name: 'source', mountPath: '/src' }], { name: 'a', command: ['/src/build.sh'] })).toEqual([['command', '/src/build.sh', FILE]]);
    expect(judged([{ name: 'source', mountPath: '/src' }], { name: 'a', script: '#!/bin/sh\ncd /src\n./hack/release.sh\n' })).toEqual([['script', './hack/release.sh', FILE]]);
    // an isolated workspace: the step mounts it at its own path
    expect(judged([{ name: 'source' }], { name: 'a', workspaces: [{ name: 'source', mountPath: '/in' }], script: '#!/bin/sh\nbash /in/x.sh\n' }))
      .toEqual([['script', 'bash /in/x.sh', FILE]]);
    // a directory that only starts with the mount's letters, a mountPath from a param, and /workspace/source no longer the workspace's
    expect(judged([{ name: 'source', mountPath: '/src' }], { name: 'a', script: '#!/bin/sh\nsh /srcs/build.sh\n' })).toEqual([]);
    expect(judged([{ name: 'source', mountPath: '$(params.dir)' }], { name: 'a', script: '#!/bin/sh\nsh /srv/build.sh\n' })).toEqual([]);
  });

  test('a script whose #! line names another interpreter than a shell is not read as shell: a conservative finding where the repository fills a workspace', () => {
    const UNREAD = (interpreter: string) => `runs a ${interpreter} script the rule does not read: it may run the repository's code`;
    // Python lines that a shell would read as a build (`npm = "ci"`), a subprocess the shell reading would not see
    const py = '#!/usr/bin/env python3\nimport subprocess\nnpm = "ci"\nsubprocess.run(["make", "all"], cwd="/workspace/source")\n';
    expect(check(taskWith({ name: 'build', image: IMAGE, script: py }))).toEqual([found('script', '#!/usr/bin/env python3', UNREAD('python3'))]);
    expect(check(taskWith({ name: 'build', image: IMAGE, script: '#!/usr/bin/perl -w\nsystem("make");\n' }))).toEqual([found('script', '#!/usr/bin/perl -w', UNREAD('perl'))]);
    expect(check(taskWith({ name: 'build', image: IMAGE, script: "#!/usr/bin/env -S node --no-warnings\nrequire('child_process').execSync('npm ci')\n" })))
      .toEqual([found('script', '#!/usr/bin/env -S node --no-warnings', UNREAD('node'))]);
    expect(check(taskWith({ name: 'build', image: IMAGE, script: '  #!/bin/python3\nprint(1)\n' }))).toEqual([found('script', '#!/bin/python3', UNREAD('python3'))]);
    // an interpreter that is a file of a workspace runs it
    expect(check(taskWith({ name: 'build', image: IMAGE, script: '#!$(workspaces.source.path)/ci/run\nx\n' })))
      .toEqual([found('script', '#!$(workspaces.source.path)/ci/run', WORKSPACE_FILE)]);
    // the shells are read as shell: what they run, and nothing when they run nothing of the repository
    // env's options by its grammar: `-u NAME` takes a value, `-i` none, then assignments
    for (const shebang of ['#!/bin/busybox sh', '#!/usr/bin/env -S bash -e', '#!/bin/mksh', '#!/usr/bin/env sh', '#!/usr/bin/env -S -u HOME bash', '#!/usr/bin/env -S -i PATH=/bin sh']) {
      expect([shebang, check(taskWith({ name: 'build', image: IMAGE, script: `${shebang}\nmake all\n` }))]).toEqual([shebang, [found('script', 'make all', BUILDS)]]);
      expect([shebang, check(taskWith({ name: 'build', image: IMAGE, script: `${shebang}\necho make all\n` }))]).toEqual([shebang, []]);
    }
    // a step that reads a Secret itself in a task without workspaces: the python script's lines are not a build
    const own = { ...taskWith({ name: 'build', image: IMAGE, script: py, envFrom: [{ secretRef: { name: 'ci-env' } }] }) };
    own.spec = { steps: own.spec.steps };
    expect(CREDENTIALS_WITH_REPO_CODE.check(own)).toEqual([]);
    expect(CREDENTIALS_WITH_REPO_CODE.check(taskWith({ name: 'build', image: IMAGE, script: py, envFrom: [{ secretRef: { name: 'ci-env' } }] })).map((f) => f.problem))
      .toEqual([`${UNREAD('python3')}, in a step that reads the Secret 'ci-env' through envFrom: code from the repository can read it`]);
  });

  test('a builder image run with a command that builds nothing (buildah push, podman tag) is read by that command, which replaces the image\'s entrypoint', () => {
    const BUILDAH = 'registry.redhat.io/rhel8/buildah@sha256:' + 'd'.repeat(64);
    const own = (...steps: any[]) => ({
      apiVersion: 'tekton.dev/v1beta1',
      kind: 'Task',
      metadata: { name: 'push-to-quay', namespace: 'ci' },
      spec: { volumes: [{ name: 'quay-auth-secret', secret: { secretName: 'quay-auth-secret' } }], steps },
    });
    const mount = { volumeMounts: [{ name: 'quay-auth-secret', mountPath: '/etc/secret-volume', readOnly: true }] };
    const push = {
      name: 'push',
      image: BUILDAH,
      ...mount,
      command: ['buildah', 'push', '--tls-verify=false', '--storage-driver=$(params.STORAGE_DRIVER)', '--authfile', '/etc/secret-volume/.dockerconfigjson', 'quay.io/x/y:1'],
    };
    const findings = (m: any) => CREDENTIALS_WITH_REPO_CODE.check(m).map((f) => [f.location, f.property, f.value, f.problem]);
    expect(findings(own(push))).toEqual([]);
    for (const sub of ['tag', 'images', 'login', 'logout', 'pull', 'rmi', 'inspect', 'version', 'info', 'manifest']) {
      expect([sub, findings(own({ ...push, command: ['/usr/bin/podman', sub, 'x'] }))]).toEqual([sub, []]);
    }
    // Kubernetes runs command then args: the subcommand may be the first arg
    expect(findings(own({ ...push, command: ['buildah'], args: ['push', 'x'] }))).toEqual([]);
    // a subcommand that builds, or that runs a container (buildah run, podman run), an option before the subcommand, a
    // substitution in its place, a script, no command (the image's entrypoint takes the args): read as the builder it is
    const BUILDER_READS = "is buildah, a container builder, which runs the build's own instructions (a Dockerfile's RUN lines, buildpack detection and "
      + "build scripts), in a step that reads the Secret 'quay-auth-secret' mounted at /etc/secret-volume: code from the repository can read it";
    for (const other of [
      { command: ['buildah', 'bud', '-t', 'x', '.'] },
      { command: ['buildah', 'run', 'working-container', '--', 'make'] },
      { command: ['podman', 'run', 'x'] },
      { command: ['buildah', '--storage-driver=vfs', 'push', 'x'] },
      { command: ['buildah', '$(params.VERB)', 'x'] },
      { script: '#!/bin/sh\nbuildah bud -t x .\n' },
      { args: ['push', 'x'] },
    ]) {
      const { command: _c, ...rest } = push;
      expect([other, findings(own({ ...rest, ...other }))]).toEqual([other, [["step 'push'", 'image', 'registry.redhat.io/rhel8/buildah@sha256:' + 'd'.repeat(64), BUILDER_READS]]]);
    }
  });

  test('a builder image whose shell script only logs in, pushes or makes a manifest list with buildah runs no build: its script is read as in any image', () => {
    const BUILDAH = 'quay.io/buildah/stable@sha256:' + 'e'.repeat(64);
    const env = [
      { name: 'REGISTRY_USER', valueFrom: { secretKeyRef: { name: 'registry-access', key: 'REGISTRY_USER', optional: true } } },
      { name: 'REGISTRY_PASSWORD', valueFrom: { secretKeyRef: { name: 'registry-access', key: 'REGISTRY_PASSWORD', optional: true } } },
    ];
    const own = (script: string) => ({
      apiVersion: 'tekton.dev/v1beta1',
      kind: 'Task',
      metadata: { name: 'setup-docker-auth', namespace: 'ci' },
      spec: {
        params: [{ name: 'image-server' }],
        volumes: [{ name: 'varlibcontainers', emptyDir: {} }],
        steps: [{ name: 'setup-docker-auth', image: BUILDAH, env, volumeMounts: [{ name: 'varlibcontainers', mountPath: '/var/lib/containers' }], script }],
      },
    });
    const findings = (m: any) => CREDENTIALS_WITH_REPO_CODE.check(m).map((f) => [f.location, f.property, f.value, f.problem]);
    // as the IBM toolkit's setup-docker-auth step and its multi-arch manifest step write them
    const login = 'AUTH_FILE="/var/lib/containers/auth.json"\necho "${AUTH_CONFIG:-{}}" > "${AUTH_FILE}"\n'
      + 'if [[ -n "${REGISTRY_USER}" ]] && [[ "$(params.image-server)" != "image-registry.openshift-image-registry.svc:5000" ]]; then\n'
      + '  buildah login --authfile "${AUTH_FILE}" -u "${REGISTRY_USER}" -p "${REGISTRY_PASSWORD}" "$(params.image-server)"\n'
      + '  echo "buildah login --authfile \\"${AUTH_FILE}\\" -u \\"${REGISTRY_USER}\\" -p \\"xxxxx\\" \\"$(params.image-server)\\""\nfi\n';
    const manifest = 'APP_IMAGE="$(params.image-server)/ns/app:1"\nbuildah login -u "${REGISTRY_USER}" -p "${REGISTRY_PASSWORD}" "$(params.image-server)"\n'
      + 'buildah manifest create $APP_IMAGE\nbuildah manifest add $APP_IMAGE docker://${APP_IMAGE}_x86_64\n'
      + 'buildah manifest push --all $APP_IMAGE docker://$APP_IMAGE\nD=$(buildah inspect --format "{{.FromImageDigest}}" x)\n';
    for (const script of [login, manifest, `#!/bin/bash\n${manifest}`]) expect(findings(own(script))).toEqual([]);
    // a build, a container run, an option or a substitution before the subcommand, a program that runs buildah, a shell, eval or
    // source, a program from a variable, a build in a command substitution, a script of another language: read as the builder
    const BUILDER_READS = "is buildah, a container builder, which runs the build's own instructions (a Dockerfile's RUN lines, buildpack detection and "
      + "build scripts), in a step that reads the Secret 'registry-access' in env REGISTRY_USER (and 1 more): code from the repository can read it";
    for (const script of [
      `${login}buildah bud -t x .\n`,
      `${login}buildah --storage-driver=vfs push x\n`,
      `${login}buildah "$VERB" x\n`,
      `${login}buildah from x\n`,
      `${login}podman run x\n`,
      `${login}sudo buildah bud .\n`,
      `${login}timeout 600 buildah bud .\n`,
      `${login}sh -c "$BUILD"\n`,
      `${login}eval "$BUILD"\n`,
      `${login}. ./build-env\n`,
      `${login}alias b=buildah\nb bud .\n`,
      `${login}$BUILDER push x\n`,
      `${login}ID=$(buildah bud -q .)\n`,
      '#!/usr/bin/env python3\nimport subprocess\n',
    ]) {
      expect([script, findings(own(script))]).toEqual([script, [["step 'setup-docker-auth'", 'image', 'quay.io/buildah/stable@sha256:' + 'e'.repeat(64), BUILDER_READS]]]);
    }
  });

  test('compliant: a push task that runs only its own tools', () => {
    const crane = taskWith({ name: 'push', image: IMAGE, script: '#!/bin/sh\nset -eu\ncrane push "$(workspaces.source.path)/image.tar" "$IMAGE"\necho done > /tmp/x\n' });
    expect(check(crane)).toEqual([]);
  });

  test('compliant: without a run that binds a Secret, or without the Task checked together, nothing is judged', () => {
    const kaniko = taskWith({ name: 'build', image: KANIKO });
    const p = pipeline();
    expect(CREDENTIALS_WITH_REPO_CODE.check(p, ruleContext([p, kaniko]))).toEqual([]);
    expect(CREDENTIALS_WITH_REPO_CODE.check(p, ruleContext([p, secretRun]))).toEqual([]);
    // a Task of the same name in another namespace is not the one the pipeline runs
    expect(check({ ...kaniko, metadata: { name: 'push', namespace: 'other' } })).toEqual([]);
  });

  test('a Task audited alone holds no credentials workspace, whatever its name or what its steps read there; a TaskRun checked with it that binds a Secret makes it one', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credentials-with-repo-code-'));
    try {
      // kaniko given the workspace as its docker config; a step that copies git's credentials file into the source, then make there
      const kaniko = taskWith({ name: 'build', image: KANIKO, env: [{ name: 'DOCKER_CONFIG', value: '$(workspaces.dockerconfig.path)' }] });
      const copies = {
        apiVersion: 'tekton.dev/v1',
        kind: 'Task',
        metadata: { name: 'clone-build', namespace: 'ci' },
        spec: {
          workspaces: [{ name: 'source' }, { name: 'basic-auth', optional: true }],
          steps: [
            { name: 'fetch', image: IMAGE, script: '#!/bin/sh\ncp $(workspaces.basic-auth.path)/.git-credentials $(workspaces.source.path)/.git-credentials\n' },
            { name: 'make', image: IMAGE, workingDir: '$(workspaces.source.path)', script: '#!/bin/sh\nmake\n' },
          ],
        },
      };
      fs.writeFileSync(path.join(dir, 'kaniko.yaml'), JSON.stringify(kaniko));
      fs.writeFileSync(path.join(dir, 'copies.yaml'), JSON.stringify(copies));
      const findings = () => JSON.parse(audit([dir], 'json').stdout).findings
        .filter((f: any) => f.rule === RuleId.CREDENTIALS_WITH_REPO_CODE && f.status === 'failed').map((f: any) => [path.basename(f.file), f.location, f.problem]);
      // which workspace a Task means for credentials is told by what a run binds to it, never by a name: alone, a run may bind an emptyDir
      expect(findings()).toEqual([]);
      const run = (name: string, task: string, secret: string) => ({
        apiVersion: 'tekton.dev/v1',
        kind: 'TaskRun',
        metadata: { name, namespace: 'ci' },
        spec: { taskRef: { name: task }, workspaces: [{ name: 'source', emptyDir: {} }, { name: secret, secret: { secretName: 'creds' } }] },
      });
      fs.writeFileSync(path.join(dir, 'runs.yaml'), `${JSON.stringify(run('push-run', 'push', 'dockerconfig'))}\n${JSON.stringify(run('clone-run', 'clone-build', 'basic-auth'))}\n`);
      expect(findings()).toEqual([
        ['runs.yaml', "step 'build'", `is kaniko, a container builder, ${BUILDER}, ${HOLDS}`],
        ['runs.yaml', "step 'make'", `${BUILDS}, in a task that holds the credentials workspace 'basic-auth': code from the repository can read the credentials`],
      ]);
      // a run that binds the workspace to an emptyDir gives it no credential
      fs.writeFileSync(path.join(dir, 'runs.yaml'), JSON.stringify({ ...run('push-run', 'push', 'dockerconfig'), spec: { taskRef: { name: 'push' }, workspaces: [{ name: 'dockerconfig', emptyDir: {} }] } }));
      expect(findings()).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('non-compliant: a container builder, by its image', () => {
    expect(check(taskWith({ name: 'build', image: KANIKO, args: ['--dockerfile=Dockerfile'] }))).toEqual([
      found('image', KANIKO, `is kaniko, a container builder, ${BUILDER}`),
    ]);
  });

  test.each([
    ['buildah bud', { command: ['buildah', 'bud', '-t', 'x', '.'] }, 'command', 'buildah bud -t x .', `is a container build, ${BUILDER}`],
    ['docker build in a script', { script: '#!/bin/sh\nset -e\ncd "$(workspaces.source.path)" && docker build -t x .\n' }, 'script', 'docker build -t x .', `is a container build, ${BUILDER}`],
    ['go test', { script: '#!/bin/sh\nexport GOFLAGS=-mod=vendor\ngo test ./...\n' }, 'script', 'go test ./...', "runs the repository's build scripts, hooks, tests or code generators"],
    ['npm ci through env', { command: ['env', 'CI=1', 'npm', 'ci'] }, 'command', 'env CI=1 npm ci', "runs the repository's build scripts, hooks, tests or code generators"],
    // a wrapper's long option abbreviated (timeout --kill for --kill-after), and one it does not know, which may take the next argument
    ['npm ci through timeout --kill (an abbreviated --kill-after)', { command: ['timeout', '--kill', '5', '10m', 'npm', 'ci'] }, 'command', 'timeout --kill 5 10m npm ci', BUILDS],
    ['npm ci through nice with an option it does not know', { command: ['nice', '--new-option', 'echo', 'npm', 'ci'] }, 'command', 'nice --new-option echo npm ci', BUILDS],
    ['npm ci in a script, through stdbuf with an option it does not know', { script: '#!/bin/sh\nstdbuf -Z echo npm ci\n' }, 'script', 'stdbuf -Z echo npm ci', BUILDS],
    ["npm ci through the shell's command builtin", { script: '#!/bin/sh\ncommand npm ci\n' }, 'script', 'command npm ci', "runs the repository's build scripts, hooks, tests or code generators"],
    ['make through sudo with options', { script: '#!/bin/sh\nsudo -E -u builder make install\n' }, 'script', 'sudo -E -u builder make install', "runs the repository's build scripts, hooks, tests or code generators"],
    ['a workspace script through doas', { workingDir: '$(workspaces.source.path)', command: ['doas', './ci/release.sh'] }, 'command', 'doas ./ci/release.sh', 'runs a file of a workspace the repository fills'],
    ['make', { script: '#!/bin/sh\nmake -C "$(workspaces.source.path)" image # builds\n' }, 'script', 'make -C "$(workspaces.source.path)" image', "runs the repository's build scripts, hooks, tests or code generators"],
    ['python -m pip install', { script: '#!/bin/sh\npython3 -m pip install .\n' }, 'script', 'python3 -m pip install .', "runs the repository's build scripts, hooks, tests or code generators"],
    ['a script of the source workspace', { command: ['$(workspaces.source.path)/ci/release.sh'] }, 'command', '$(workspaces.source.path)/ci/release.sh', 'runs a file of a workspace the repository fills'],
    ['./x.sh in the source workspace', { workingDir: '$(workspaces.source.path)', script: '#!/bin/sh\nset -eu\nif true; then ./hack/push.sh; fi\n' }, 'script', './hack/push.sh', 'runs a file of a workspace the repository fills'],
    ['cd into the source workspace, then ./x.sh', { script: '#!/bin/sh\ncd "$(workspaces.source.path)"\n./release.sh\n' }, 'script', './release.sh', 'runs a file of a workspace the repository fills'],
    ['sh -c with a build tool', { command: ['sh', '-ec', 'cd /tmp && cargo test'] }, 'command', 'sh -ec cd /tmp && cargo test', "runs the repository's build scripts, hooks, tests or code generators"],
    ['npm with an option that takes a value', { command: ['npm', '--prefix', 'app', 'ci'] }, 'command', 'npm --prefix app ci', "runs the repository's build scripts, hooks, tests or code generators"],
    ['bash with a workspace script', { script: '#!/bin/sh\nbash "$(workspaces.source.path)/build.sh"\n' }, 'script', 'bash "$(workspaces.source.path)/build.sh"', 'runs a file of a workspace the repository fills'],
    // in a workspace, a relative path is a file of it: as the file an interpreter reads, or a program with a slash
    ['bash ci/build.sh in the source workspace', { workingDir: '$(workspaces.source.path)', script: '#!/bin/sh\nbash -x ci/build.sh\n' }, 'script', 'bash -x ci/build.sh', 'runs a file of a workspace the repository fills'],
    ['python3 tools/gen.py after cd', { script: '#!/bin/sh\ncd $(workspaces.source.path)\npython3 tools/gen.py\n' }, 'script', 'python3 tools/gen.py', 'runs a file of a workspace the repository fills'],
    ['sh build.sh', { workingDir: '$(workspaces.source.path)/app', command: ['sh', 'build.sh'] }, 'command', 'sh build.sh', 'runs a file of a workspace the repository fills'],
    ['a relative program with a slash', { workingDir: '$(workspaces.source.path)', script: '#!/bin/sh\nhack/release.sh v1\n' }, 'script', 'hack/release.sh v1', 'runs a file of a workspace the repository fills'],
    // options that are not code: bash -e is errexit, python -E ignores the environment
    ['bash -e with a workspace script', { script: '#!/bin/sh\nbash -e $(workspaces.source.path)/ci/build.sh\n' }, 'script', 'bash -e $(workspaces.source.path)/ci/build.sh', 'runs a file of a workspace the repository fills'],
    ['python3 -E in the workspace', { workingDir: '$(workspaces.source.path)', script: '#!/bin/sh\npython3 -E tools/gen.py\n' }, 'script', 'python3 -E tools/gen.py', 'runs a file of a workspace the repository fills'],
    ['bash -e -c with a workspace script', { command: ['bash', '-e', '-c', '$(workspaces.source.path)/ci/build.sh'] }, 'command', 'bash -e -c $(workspaces.source.path)/ci/build.sh', 'runs a file of a workspace the repository fills'],
    // the default mount path written out, a subshell, pushd
    ['the default mount path as workingDir', { workingDir: '/workspace/source', script: '#!/bin/sh\n./build.sh\n' }, 'script', './build.sh', 'runs a file of a workspace the repository fills'],
    ['cd into the default mount path', { script: '#!/bin/sh\ncd /workspace/source && bash ci/build.sh\n' }, 'script', 'bash ci/build.sh', 'runs a file of a workspace the repository fills'],
    ['a subshell that cds into the workspace', { script: '#!/bin/sh\n(cd $(workspaces.source.path) && ./build.sh)\n' }, 'script', './build.sh', 'runs a file of a workspace the repository fills'],
    ['pushd into the workspace, then a relative directory', { script: '#!/bin/sh\npushd "$(workspaces.source.path)"\ncd app\nsh build.sh\n' }, 'script', 'sh build.sh', 'runs a file of a workspace the repository fills'],
    // an env var that holds the workspace's path, cd inside sh -c, a command substitution, a continued line, more npm and cargo commands
    ['cd into an env var that holds the workspace path', { env: [{ name: 'SRC', value: '$(workspaces.source.path)' }], script: '#!/bin/sh\ncd "${SRC}"\n./build.sh\n' }, 'script', './build.sh', 'runs a file of a workspace the repository fills'],
    ['cd inside sh -c', { command: ['sh', '-c'], args: ['cd $(workspaces.source.path) && ./ci/build.sh'] }, 'command', 'sh -c cd $(workspaces.source.path) && ./ci/build.sh', 'runs a file of a workspace the repository fills'],
    ['a command substitution', { workingDir: '$(workspaces.source.path)', script: '#!/bin/sh\nVERSION=$(./hack/version.sh)\n' }, 'script', 'VERSION=$(./hack/version.sh)', 'runs a file of a workspace the repository fills'],
    ['a continued line', { script: '#!/bin/sh\ndocker \\\n  build -t x .\n' }, 'script', 'docker    build -t x .', `is a container build, ${BUILDER}`],
    ['npm clean-install', { script: '#!/bin/sh\nnpm clean-install\n' }, 'script', 'npm clean-install', "runs the repository's build scripts, hooks, tests or code generators"],
    ['cargo publish', { script: '#!/bin/sh\ncargo publish\n' }, 'script', 'cargo publish', "runs the repository's build scripts, hooks, tests or code generators"],
    ['a build after an arithmetic shift and a here-string (no heredoc)', { script: '#!/bin/sh\necho $((1<<2))\ntr a b <<< hello\nmake all\n' }, 'script', 'make all',
      "runs the repository's build scripts, hooks, tests or code generators"],
    ['pip install -r requirements.txt', { script: '#!/bin/sh\npip install -r requirements.txt\n' }, 'script', 'pip install -r requirements.txt', "runs the repository's build scripts, hooks, tests or code generators"],
    // release and deployment tools run the repository's hooks, providers and build scripts too
    ['goreleaser release', { script: '#!/bin/sh\ngoreleaser release --clean\n' }, 'script', 'goreleaser release --clean', "runs the repository's build scripts, hooks, tests or code generators"],
    ['terraform apply', { command: ['terraform', 'apply', '-auto-approve'] }, 'command', 'terraform apply -auto-approve', "runs the repository's build scripts, hooks, tests or code generators"],
    ['terraform -chdir=... apply (an option before the subcommand)', { script: '#!/bin/sh\nterraform -chdir=infra apply -auto-approve\n' }, 'script', 'terraform -chdir=infra apply -auto-approve',
      "runs the repository's build scripts, hooks, tests or code generators"],
    ['goreleaser by its absolute path', { script: '#!/bin/sh\n/usr/local/bin/goreleaser release\n' }, 'script', '/usr/local/bin/goreleaser release', "runs the repository's build scripts, hooks, tests or code generators"],
    ['skaffold build', { script: '#!/bin/sh\nskaffold build\n' }, 'script', 'skaffold build', "runs the repository's build scripts, hooks, tests or code generators"],
    // a script line is split at separators outside quotes: the code of sh -c is one command line of its own
    ["sh -c '… && make' in a script", { script: "#!/bin/sh\nsh -c 'cd $(workspaces.source.path) && ./ci/build.sh'\n" }, 'script', "sh -c 'cd $(workspaces.source.path) && ./ci/build.sh'",
      'runs a file of a workspace the repository fills'],
    ['a quoted separator is not a new command', { script: '#!/bin/sh\necho "done; ok" | tee /tmp/log && make all\n' }, 'script', 'make all', "runs the repository's build scripts, hooks, tests or code generators"],
    ['a # in quotes is not a comment', { script: '#!/bin/sh\necho "step #1" && make all # build\n' }, 'script', 'make all', "runs the repository's build scripts, hooks, tests or code generators"],
    // find runs what -exec names, and the files it finds when -exec names {}; xargs runs its command
    ['find -exec {} under the workspace', { script: "#!/bin/sh\nfind $(workspaces.source.path)/hack -name '*.sh' -exec {} \\;\n" }, 'script',
      "find $(workspaces.source.path)/hack -name '*.sh' -exec {} \\;", 'runs files of a workspace the repository fills, found by find'],
    ['find . -exec bash {} + in the workspace', { workingDir: '$(workspaces.source.path)', command: ['find', '.', '-name', '*.sh', '-exec', 'bash', '-e', '{}', '+'] }, 'command',
      'find . -name *.sh -exec bash -e {} +', 'runs files of a workspace the repository fills, found by find'],
    // PyPy (pypy, pypy3) and Debian's nodejs as python and node
    ['find -exec nodejs {} under the workspace', { script: "#!/bin/sh\nfind $(workspaces.source.path)/ci -name '*.js' -exec nodejs {} \\;\n" }, 'script',
      "find $(workspaces.source.path)/ci -name '*.js' -exec nodejs {} \\;", 'runs files of a workspace the repository fills, found by find'],
    ['find -exec pypy3 -u {} under the workspace', { workingDir: '$(workspaces.source.path)', command: ['find', 'ci', '-name', '*.py', '-exec', 'pypy3', '-u', '{}', ';'] }, 'command',
      'find ci -name *.py -exec pypy3 -u {} ;', 'runs files of a workspace the repository fills, found by find'],
    ['pypy3 tools/gen.py in the workspace', { workingDir: '$(workspaces.source.path)', script: '#!/bin/sh\npypy3 -W ignore tools/gen.py\n' }, 'script', 'pypy3 -W ignore tools/gen.py',
      'runs a file of a workspace the repository fills'],
    ['pypy setup.py', { script: '#!/bin/sh\npypy /tmp/src/setup.py build\n' }, 'script', 'pypy /tmp/src/setup.py build', "runs setup.py, the repository's build script"],
    ['pypy3.10 -m pytest', { command: ['pypy3.10', '-m', 'pytest'] }, 'command', 'pypy3.10 -m pytest', "runs the repository's build scripts, hooks, tests or code generators"],
    ['nodejs --test', { command: ['nodejs', '--test'] }, 'command', 'nodejs --test', "runs the repository's build scripts, hooks, tests or code generators"],
    ['find -execdir make', { script: '#!/bin/sh\nfind /tmp/mods -name Makefile -execdir make \\;\n' }, 'script', 'find /tmp/mods -name Makefile -execdir make \\;',
      "runs the repository's build scripts, hooks, tests or code generators"],
    ['xargs with a workspace script', { workingDir: '$(workspaces.source.path)', script: '#!/bin/sh\ngit ls-files | xargs -n 1 ./hack/lint.sh\n' }, 'script',
      'xargs -n 1 ./hack/lint.sh', 'runs a file of a workspace the repository fills'],
    // a command substitution is read as commands of its own, pipes and nesting included
    ['a workspace script piped to in a command substitution', { workingDir: '$(workspaces.source.path)', script: '#!/bin/sh\nVERSION=$(cat VERSION | ./hack/bump.sh)\n' }, 'script',
      'VERSION=$(cat VERSION | ./hack/bump.sh)', 'runs a file of a workspace the repository fills'],
    ['a nested command substitution in quotes', { workingDir: '$(workspaces.source.path)', script: '#!/bin/sh\nDIR="$(dirname "$(./hack/where.sh)")"\n' }, 'script',
      'DIR="$(dirname "$(./hack/where.sh)")"', 'runs a file of a workspace the repository fills'],
    // reserved words before a command: the command after `if !`
    ['a workspace script after if !', { workingDir: '$(workspaces.source.path)', script: '#!/bin/sh\nif ! ./hack/check.sh; then exit 1; fi\n' }, 'script',
      './hack/check.sh', 'runs a file of a workspace the repository fills'],
    // variables the script assigns before, or the container's env sets, are read with their value
    ['sh -c "$CMD", CMD assigned a workspace script', { script: '#!/bin/sh\nCMD="$(workspaces.source.path)/build.sh"\nsh -c "$CMD"\n' }, 'script', 'sh -c "$CMD"',
      'runs a file of a workspace the repository fills'],
    ['bash "$SCRIPT", SCRIPT assigned a workspace script', { script: '#!/bin/sh\nSCRIPT=$(workspaces.source.path)/x.sh\nbash "$SCRIPT"\n' }, 'script', 'bash "$SCRIPT"',
      'runs a file of a workspace the repository fills'],
    ['bash "$SCRIPT", SCRIPT set by env', { script: '#!/bin/sh\nbash "$SCRIPT"\n', env: [{ name: 'SCRIPT', value: '$(workspaces.source.path)/x.sh' }] }, 'script', 'bash "$SCRIPT"',
      'runs a file of a workspace the repository fills'],
    ['an exported variable run unquoted, with arguments', { script: '#!/bin/bash\nexport RUN="$(workspaces.source.path)/ci.sh --all"\n$RUN --fast\n' }, 'script', '$RUN --fast',
      'runs a file of a workspace the repository fills'],
    ['a variable built from another, then sourced', { script: '#!/bin/bash\nSRC=$(workspaces.source.path)\nENV_FILE="${SRC}/hack/env.sh"\n. "$ENV_FILE"\n' }, 'script', '. "$ENV_FILE"',
      'runs a file of a workspace the repository fills'],
    ['an empty variable before the program', { script: '#!/bin/sh\nSUDO=\n$SUDO make all\n' }, 'script', '$SUDO make all', "runs the repository's build scripts, hooks, tests or code generators"],
    ['eval of a build', { script: '#!/bin/sh\neval "make all"\n' }, 'script', 'eval "make all"', "runs the repository's build scripts, hooks, tests or code generators"],
    ['eval of a variable assigned a relative script, in the workspace', { workingDir: '$(workspaces.source.path)', script: '#!/bin/sh\nRUN=./hack/build.sh\neval "$RUN" --push\n' }, 'script',
      'eval "$RUN" --push', 'runs a file of a workspace the repository fills'],
    // a variable whose value is not known, run as code: it may be the repository's
    ['eval "$RUN", RUN not known', { script: '#!/bin/sh\neval "$RUN"\n' }, 'script', 'eval "$RUN"',
      "runs $RUN as a command, and what $RUN holds is not known here: it may be the repository's code"],
    ['sh -c "$CMD", CMD not known', { script: '#!/bin/sh\nsh -c "$CMD"\n' }, 'script', 'sh -c "$CMD"',
      "runs $CMD as a command, and what $CMD holds is not known here: it may be the repository's code"],
    ['"${BUILD}" as the program, BUILD from a command substitution', { script: '#!/bin/sh\nBUILD=$(ls $(workspaces.source.path)/ci/*.sh | head -1)\nexec "${BUILD}" --push\n' }, 'script',
      'exec "${BUILD}" --push', "runs ${BUILD} as a command, and what ${BUILD} holds is not known here: it may be the repository's code"],
    ['source "$ENV_FILE", ENV_FILE from env valueFrom', { script: '#!/bin/sh\nsource "$ENV_FILE"\n', env: [{ name: 'ENV_FILE', valueFrom: { configMapKeyRef: { name: 'c', key: 'k' } } }] },
      'script', 'source "$ENV_FILE"', 'runs the file $ENV_FILE names, and what $ENV_FILE holds is not known here: it may be a file of the repository'],
    // after an if, a variable holds what either way left: the value before it (no else) or the one its branch set
    ['bash "$SCRIPT", SCRIPT assigned only in an if', { workingDir: '$(workspaces.source.path)', script: '#!/bin/sh\nSCRIPT=/opt/tool.sh\nif [ -n "$DEV" ]; then SCRIPT=./dev.sh; fi\nbash "$SCRIPT"\n' },
      'script', 'bash "$SCRIPT"', WORKSPACE_FILE],
    ['"$SCRIPT" set before an if without else that may not run', { workingDir: '$(workspaces.source.path)', script: '#!/bin/sh\nSCRIPT=./ci/x.sh\nif [ -n "$DEV" ]; then SCRIPT=/opt/tool.sh; fi\n"$SCRIPT"\n' },
      'script', '"$SCRIPT"', WORKSPACE_FILE],
    ['sh -c "$RUN", RUN set in both branches of an if, one a build', { script: '#!/bin/sh\nif [ "$T" = a ]; then\n  RUN="make all"\nelse\n  RUN="echo skip"\nfi\nsh -c "$RUN"\n' },
      'script', 'sh -c "$RUN"', BUILDS],
    ['"$C" after a case whose every item sets it, one to a workspace file', {
      workingDir: '$(workspaces.source.path)',
      script: '#!/bin/sh\ncase "$MODE" in\n  build) C=./ci/build.sh ;;\n  lint|check) C=/usr/bin/lint ;;\n  *) C=/bin/true ;;\nesac\n"$C"\n',
    }, 'script', '"$C"', WORKSPACE_FILE],
    ['$R, one branch of whose if sets it to a value not known', { script: '#!/bin/sh\nif [ -f /tmp/r ]; then R=$(cat /tmp/r); else R=echo; fi\n$R\n' }, 'script', '$R',
      "runs $R as a command, and what $R holds is not known here: it may be the repository's code"],
    ['$R assigned in an if\'s condition, run in its else', { script: '#!/bin/sh\nR=echo\nif R=./ci/x.sh; [ -n "$Y" ]; then :; else $R; fi\n' }, 'script', '$R',
      "runs $R as a command, and what $R holds is not known here: it may be the repository's code"],
    ['$R set in a branch, then in a loop of it', { script: '#!/bin/sh\nif [ -n "$Y" ]; then\n  R=./ci/x.sh\n  while read -r l; do R=echo; done < /tmp/x\n  $R\nfi\n' }, 'script', '$R',
      "runs $R as a command, and what $R holds is not known here: it may be the repository's code"],
    ['$R in a case item that the one before falls into (;&)', {
      workingDir: '$(workspaces.source.path)',
      script: '#!/bin/bash\nR=echo\ncase "$M" in\n  a) R=./ci/x.sh ;&\n  b) $R ;;\nesac\n',
    }, 'script', '$R', WORKSPACE_FILE],
    // a loop's next round, and a function called later, see what the script assigns after them
    ['$X in a loop that assigns it after', { workingDir: '$(workspaces.source.path)', script: '#!/bin/sh\nX=echo\nwhile read -r l; do\n  $X "$l"\n  X=./ci/x.sh\ndone < /tmp/list\n' },
      'script', '$X "$l"', "runs $X as a command, and what $X holds is not known here: it may be the repository's code"],
    ['$X in a function called after it is assigned again', { workingDir: '$(workspaces.source.path)', script: '#!/bin/sh\nX=echo\nrun() {\n  $X hi\n}\nX=./ci/x.sh\nrun\n' },
      'script', '$X hi', "runs $X as a command, and what $X holds is not known here: it may be the repository's code"],
    // env -C DIR (--chdir) runs the program in DIR
    ['env -C into the workspace', { command: ['env', '-C', '$(workspaces.source.path)', 'FOO=1', './ci/build.sh'] }, 'command', 'env -C $(workspaces.source.path) FOO=1 ./ci/build.sh', WORKSPACE_FILE],
    ['env --chdir= into the workspace, through sudo', { script: '#!/bin/sh\nsudo env --chdir=/workspace/source bash ci/build.sh\n' }, 'script', 'sudo env --chdir=/workspace/source bash ci/build.sh', WORKSPACE_FILE],
    // a cd that may not run (in an if, after &&) keeps the workspace it may not leave
    ['a workspace script after a cd out of it that may not run', { script: '#!/bin/sh\ncd $(workspaces.source.path)\nif [ -n "$X" ]; then cd /tmp; fi\n./build.sh\n' }, 'script',
      './build.sh', WORKSPACE_FILE],
    ['a workspace script after a cd out of it in a subshell', { script: '#!/bin/sh\ncd $(workspaces.source.path)\n(cd /tmp && ls)\n./build.sh\n' }, 'script',
      './build.sh', WORKSPACE_FILE],
    // a loop's variable holds each of its words in turn, read as any word (bash 5.2 run: `for f in /w/*; do "$f"; done` runs each file)
    ['"$f" for each file of a loop', { script: '#!/bin/sh\nf=/opt/tool.sh\nfor f in $(workspaces.source.path)/hack/*.sh; do "$f"; done\n' }, 'script',
      '"$f"', WORKSPACE_FILE],
    ['". "$f" for one word of a loop\'s several', { script: '#!/bin/sh\nfor f in /opt/env.sh /workspace/source/ci/env.sh; do . "$f"; done\nmake -v\n' }, 'script',
      '. "$f"', WORKSPACE_FILE],
    ['a cd into each word of a loop, in a subshell', { script: '#!/bin/sh\nfor d in /workspace/source/a /workspace/source/b; do (cd "$d" && ./x.sh); done\n' }, 'script',
      './x.sh', WORKSPACE_FILE],
    ['"$f" for each word of a loop what a substitution prints (not known here)', { script: '#!/bin/sh\nfor f in $(ls /workspace/source/hack); do "$f"; done\n' }, 'script',
      '"$f"', "runs $f as a command, and what $f holds is not known here: it may be the repository's code"],
    // a file a command substitution names, whose commands run in a workspace or are given a path of one
    ['source "$(cd hack && pwd)/env.sh" in the workspace', { script: '#!/bin/bash\ncd /workspace/source\nsource "$(cd hack && pwd)/env.sh"\n' }, 'script',
      'source "$(cd hack && pwd)/env.sh"',
      'runs the file $(cd hack && pwd)/env.sh names, and what its command substitution prints may be the path of a file of a workspace the repository fills'],
    // (a word that starts with $(pwd) or $PWD is a path in the directory the command runs in)
    ['source "$(pwd)/env.sh" in the workspace', { script: '#!/bin/bash\ncd /workspace/source\nsource "$(pwd)/env.sh"\n' }, 'script', 'source "$(pwd)/env.sh"', WORKSPACE_FILE],
    ['. $(ls …) of a workspace directory', { script: '#!/bin/sh\n. $(ls /workspace/source/env/*.sh | head -1)\n' }, 'script', '. $(ls /workspace/source/env/*.sh | head -1)',
      'runs the file $(ls /workspace/source/env/*.sh | head -1) names, and what its command substitution prints may be the path of a file of a workspace the repository fills'],
    ['"$f" for each positional parameter (not known here)', { script: '#!/bin/sh\nfor f; do "$f"; done\n' }, 'script',
      '"$f"', "runs $f as a command, and what $f holds is not known here: it may be the repository's code"],
    // (a loop whose body sets it again before: the value it set in that pass; dash run, ./source/x.sh ran)
    ['"$f" for a loop whose body sets it again', { script: '#!/bin/sh\nfor f in /opt/a.sh; do f=./source/x.sh; "$f"; done\n' }, 'script',
      '"$f"', 'runs a file of a workspace the repository fills'],
    // (after, for the next pass: not known; bash 5.2 run, `f=/bin/true; while read -r x; do "$f"; f=./x.sh; done < list` ran ./x.sh the second time)
    ['"$f" for a loop whose body sets it again after', { script: '#!/bin/sh\nf=/opt/a.sh\nwhile read -r x; do "$f"; f=./source/x.sh; done < /opt/list\n' }, 'script',
      '"$f"', "runs $f as a command, and what $f holds is not known here: it may be the repository's code"],
    // shell syntax that hides a build: a function's body, ANSI-C escapes, a redirection against the program, code fed to a shell
    ['a function declared with `function NAME {`', { script: '#!/bin/bash\nfunction build { make all; }\nbuild\n' }, 'script', 'make all', "runs the repository's build scripts, hooks, tests or code generators"],
    ["a program written with $'\\x..' escapes", { script: "#!/bin/bash\n$'\\x6dake' all\n" }, 'script', "$'\\x6dake' all", "runs the repository's build scripts, hooks, tests or code generators"],
    ['a redirection against the program', { script: '#!/bin/sh\nmake>/tmp/log all\n' }, 'script', 'make>/tmp/log all', "runs the repository's build scripts, hooks, tests or code generators"],
    ['a heredoc fed to a shell', { script: '#!/bin/sh\nbash <<EOF\nmake all\nEOF\n' }, 'script', 'bash <<EOF', "runs the repository's build scripts, hooks, tests or code generators"],
    ['a here-string fed to a shell', { script: '#!/bin/bash\nsh -s <<< "make all"\n' }, 'script', 'sh -s <<< "make all"', "runs the repository's build scripts, hooks, tests or code generators"],
    // what echo or printf pipes to a shell is its code: as written, with echo's escapes read, printf's format filled
    ['echo piped to a shell', { script: "#!/bin/sh\necho 'make all' | sh\n" }, 'script', 'sh', BUILDS],
    ['echo -e with an escape piped to bash', { script: "#!/bin/bash\necho -e 'true\\nmake all' | bash -s\n" }, 'script', 'bash -s', BUILDS],
    ["dash's echo, which reads escapes without -e", { script: "#!/bin/sh\necho 'true\\n./ci/build.sh' | sh\n", workingDir: '$(workspaces.source.path)' }, 'script', 'sh', WORKSPACE_FILE],
    ['printf of a format filled with its arguments, piped to a shell', { script: "#!/bin/sh\nprintf '%s %s\\n' make all | sh\n" }, 'script', 'sh', BUILDS],
    ['echo through a wrapper, piped to a shell through sudo', { script: "#!/bin/sh\ntimeout 5 echo 'make all' | sudo sh\n" }, 'script', 'sudo sh', BUILDS],
    ['a heredoc cat pipes to a shell', { script: '#!/bin/sh\ncat <<EOF | bash\nmake all\nEOF\n' }, 'script', 'bash', BUILDS],
    ['a workspace script redirected into a shell', { script: '#!/bin/sh\nsh -s < $(workspaces.source.path)/ci/build.sh\n' }, 'script',
      'sh -s < $(workspaces.source.path)/ci/build.sh', 'runs a file of a workspace the repository fills'],
    ['a workspace script piped by cat into a shell', { script: '#!/bin/sh\ncat $(workspaces.source.path)/ci/build.sh | bash -e\n' }, 'script', 'bash -e', 'runs a file of a workspace the repository fills'],
    ['the code of a trap', { script: "#!/bin/sh\ntrap 'make clean' EXIT\n" }, 'script', "trap 'make clean' EXIT", "runs the repository's build scripts, hooks, tests or code generators"],
    ['sh -c with `--` before its code', { command: ['sh', '-c', '--', 'make all'] }, 'command', 'sh -c -- make all', "runs the repository's build scripts, hooks, tests or code generators"],
    ['bash -c with an option after it', { command: ['bash', '-c', '-e', 'make all'] }, 'command', 'bash -c -e make all', "runs the repository's build scripts, hooks, tests or code generators"],
    ['sudo with a group of options ending in -u', { script: '#!/bin/sh\nsudo -Eu builder make all\n' }, 'script', 'sudo -Eu builder make all', "runs the repository's build scripts, hooks, tests or code generators"],
    // sudo and doas read by their grammars: a long option's prefix and its = form, options the old list lacked, one not known
    // (read every way), -D/--chdir (the directory the command runs in), NAME=VALUE among the options, the shell -s or -i starts
    ['sudo --us (a prefix of --user) and its value', { script: '#!/bin/sh\nsudo --us builder make all\n' }, 'script', 'sudo --us builder make all', BUILDS],
    ['sudo -R (--chroot) and its value', { script: '#!/bin/sh\nsudo -R /sysroot make all\n' }, 'script', 'sudo -R /sysroot make all', BUILDS],
    ['sudo with an option it does not know', { script: '#!/bin/sh\nsudo --new-option builder make all\n' }, 'script', 'sudo --new-option builder make all', BUILDS],
    ['sudo with an environment variable among its options', { script: '#!/bin/sh\nsudo CI=1 -u builder make all\n' }, 'script', 'sudo CI=1 -u builder make all', BUILDS],
    ['sudo BASH_ENV=… bash', { workingDir: '$(workspaces.source.path)', script: '#!/bin/sh\nsudo BASH_ENV=ci/env.sh bash -c true\n' }, 'script',
      'sudo BASH_ENV=ci/env.sh bash -c true', SOURCES_BASH_ENV],
    ['sudo -R: a root directory in a workspace', { script: '#!/bin/sh\nsudo -R $(workspaces.source.path) /bin/true\n' }, 'script', 'sudo -R $(workspaces.source.path) /bin/true',
      "makes $(workspaces.source.path) its root directory, a workspace the repository fills: every program it runs there is the repository's"],
    ['sudo --chroot= a workspace, its shell reading a heredoc', { script: '#!/bin/sh\nsudo --chroot=/workspace/source -s <<EOF\nls\nEOF\n' }, 'script', 'sudo --chroot=/workspace/source -s <<EOF',
      "makes /workspace/source its root directory, a workspace the repository fills: every program it runs there is the repository's"],
    ['sudo -D into the workspace', { script: '#!/bin/sh\nsudo -D $(workspaces.source.path) ./ci/build.sh\n' }, 'script', 'sudo -D $(workspaces.source.path) ./ci/build.sh', WORKSPACE_FILE],
    ['sudo --chdir= into the workspace', { command: ['sudo', '--chdir=/workspace/source', '-u', 'ci', 'bash', 'ci/build.sh'] }, 'command',
      'sudo --chdir=/workspace/source -u ci bash ci/build.sh', WORKSPACE_FILE],
    ['sudo -s fed a heredoc', { script: '#!/bin/sh\nsudo -s <<EOF\nmake all\nEOF\n' }, 'script', 'sudo -s <<EOF', BUILDS],
    ['sudo -iu builder fed a here-string', { script: '#!/bin/bash\nsudo -iu builder <<< "make all"\n' }, 'script', 'sudo -iu builder <<< "make all"', BUILDS],
    ['sudo -s with a command', { script: '#!/bin/sh\nsudo -s make all\n' }, 'script', 'sudo -s make all', BUILDS],
    ['doas -a and its value', { script: '#!/bin/sh\ndoas -a style make all\n' }, 'script', 'doas -a style make all', BUILDS],
    ['doas -s fed a heredoc', { script: '#!/bin/sh\ndoas -s <<EOF\nmake all\nEOF\n' }, 'script', 'doas -s <<EOF', BUILDS],
    ['busybox running a shell on a workspace script', { script: '#!/bin/sh\nbusybox sh $(workspaces.source.path)/ci.sh\n' }, 'script', 'busybox sh $(workspaces.source.path)/ci.sh', 'runs a file of a workspace the repository fills'],
    // dash runs the file of `sh +s FILE` (bash reads its input and makes FILE $1)
    ['sh +s on a workspace script', { script: '#!/bin/sh\nsh +s $(workspaces.source.path)/ci.sh\n' }, 'script', 'sh +s $(workspaces.source.path)/ci.sh', 'runs a file of a workspace the repository fills'],
    ['su -c', { script: "#!/bin/sh\nsu -c 'make all' builder\n" }, 'script', "su -c 'make all' builder", "runs the repository's build scripts, hooks, tests or code generators"],
    ['coproc', { script: '#!/bin/bash\ncoproc make all\n' }, 'script', 'make all', "runs the repository's build scripts, hooks, tests or code generators"],
    ['a command substitution in a ${…} default', { script: '#!/bin/sh\necho "${V:-$(make version)}"\n' }, 'script', 'echo "${V:-$(make version)}"', "runs the repository's build scripts, hooks, tests or code generators"],
    ['a command substitution in an unquoted heredoc', { script: '#!/bin/sh\ncat <<EOF >/tmp/v\n$(make version)\nEOF\n' }, 'script', 'cat <<EOF >/tmp/v', "runs the repository's build scripts, hooks, tests or code generators"],
    ['an array whose first element is a build, run as the command', { script: '#!/bin/bash\nBUILD=(make -j4)\nBUILD+=(all)\n"${BUILD[@]}"\n' }, 'script', '"${BUILD[@]}"', "runs the repository's build scripts, hooks, tests or code generators"],
    ['an array assigned in an if, run as the command there', { workingDir: '$(workspaces.source.path)', script: '#!/bin/bash\nif [ -n "$X" ]; then\n  CMD=(ci/tool --fast)\n  "${CMD[@]}" x\nfi\n' },
      'script', '"${CMD[@]}" x', WORKSPACE_FILE],
    ['an array assigned in an if, run after it', { script: '#!/bin/bash\nif [ -n "$X" ]; then\n  CMD=(/opt/tool --fast)\nfi\n"${CMD[@]}" x\n' }, 'script', '"${CMD[@]}" x',
      "runs ${CMD[@]} as a command, and what ${CMD[@]} holds is not known here: it may be the repository's code"],
    ['pushd into the workspace with its output redirected', { script: '#!/bin/bash\npushd $(workspaces.source.path) > /dev/null\n./build.sh\n' }, 'script', './build.sh', 'runs a file of a workspace the repository fills'],
    ['cd into the workspace with a redirection after it', { script: '#!/bin/sh\ncd "$(workspaces.source.path)" 2>/dev/null\nbash build.sh\n' }, 'script', 'bash build.sh', 'runs a file of a workspace the repository fills'],
    ['a program written as a brace expansion', { script: '#!/bin/bash\n{make,all}\n' }, 'script', '{make,all}', "runs the repository's build scripts, hooks, tests or code generators"],
    ['a workspace script written as a brace expansion', { script: '#!/bin/bash\nbash {$(workspaces.source.path)/ci,x}.sh\n' }, 'script', 'bash {$(workspaces.source.path)/ci,x}.sh', 'runs a file of a workspace the repository fills'],
    ['an alias of a build (sh expands aliases in scripts)', { script: "#!/bin/sh\nalias b='make all'\nb\n" }, 'script', 'b', "runs the repository's build scripts, hooks, tests or code generators"],
    ['a build after for ((…)) whose arithmetic holds <<', { script: '#!/bin/bash\nfor ((i=1<<2; i<3; i++)); do :; done\nmake all\n' }, 'script', 'make all', "runs the repository's build scripts, hooks, tests or code generators"],
    ['a heredoc a shell reads as /dev/stdin', { script: '#!/bin/sh\nbash /dev/stdin <<EOF\nmake all\nEOF\n' }, 'script', 'bash /dev/stdin <<EOF', "runs the repository's build scripts, hooks, tests or code generators"],
    ['a here-string sourced as /dev/stdin', { script: '#!/bin/bash\nsource /dev/stdin <<< "make all"\n' }, 'script', 'source /dev/stdin <<< "make all"', "runs the repository's build scripts, hooks, tests or code generators"],
    ['builtin eval of a build', { script: '#!/bin/bash\nbuiltin eval "make all"\n' }, 'script', 'builtin eval "make all"', "runs the repository's build scripts, hooks, tests or code generators"],
    ['builtin source of a workspace file', { script: '#!/bin/bash\nbuiltin source $(workspaces.source.path)/env.sh\n' }, 'script', 'builtin source $(workspaces.source.path)/env.sh', 'runs a file of a workspace the repository fills'],
    ['a workspace script given to a shell through a process substitution of cat', { script: '#!/bin/bash\nbash <(cat $(workspaces.source.path)/ci.sh)\n' }, 'script',
      'bash <(cat $(workspaces.source.path)/ci.sh)', 'runs a file of a workspace the repository fills'],
    // a process substitution is what its commands print, read as a pipe is
    ['a workspace file given to a shell as the input of cat in a process substitution', { workingDir: '$(workspaces.source.path)', script: '#!/bin/bash\nsource <(cat < ci/env.sh)\n' },
      'script', 'source <(cat < ci/env.sh)', WORKSPACE_FILE],
    ['a build echoed into a process substitution a shell runs', { script: '#!/bin/bash\nbash <(echo make all)\n' }, 'script', 'bash <(echo make all)', BUILDS],
    ['a workspace file of cat in a process substitution a shell reads as its input', { workingDir: '$(workspaces.source.path)', script: '#!/bin/bash\nsh < <(curl -fsSL https://example.com/x.sh; cat ci.sh)\n' },
      'script', 'sh < <(curl -fsSL https://example.com/x.sh; cat ci.sh)', WORKSPACE_FILE],
    ['a workspace script run inside a process substitution', { workingDir: '$(workspaces.source.path)', script: '#!/bin/bash\nsource <(./hack/gen-env.sh)\n' },
      'script', 'source <(./hack/gen-env.sh)', WORKSPACE_FILE],
    ['cat of a workspace file given as its input, piped to a shell', { workingDir: '$(workspaces.source.path)', script: '#!/bin/sh\ncat - < ci.sh | sh\n' }, 'script', 'sh', WORKSPACE_FILE],
    // text filters print what they read of a file: grep, sed, awk, jq past their script, the others all their operands, envsubst and tr their input
    ['a .env of the workspace, filtered by grep and sed in a process substitution that is sourced', {
      workingDir: '$(workspaces.source.path)', script: "#!/bin/bash\nsource <(grep -v '^#' .env | sed 's/^/export /')\n",
    }, 'script', "source <(grep -v '^#' .env | sed 's/^/export /')", WORKSPACE_FILE],
    ['grep of a workspace file piped to a shell', { workingDir: '$(workspaces.source.path)', script: "#!/bin/sh\ngrep -v '^#' ci/steps.sh | sh\n" }, 'script', 'sh', WORKSPACE_FILE],
    ['sed -e: every operand is a file', { script: "#!/bin/bash\nsource <(sed -e 's/a/b/' $(workspaces.source.path)/env.sh)\n" }, 'script',
      "source <(sed -e 's/a/b/' $(workspaces.source.path)/env.sh)", WORKSPACE_FILE],
    ['awk with a number as its program', { workingDir: '$(workspaces.source.path)', script: '#!/bin/bash\n. <(awk 1 env.sh)\n' }, 'script', '. <(awk 1 env.sh)', WORKSPACE_FILE],
    ['tail -n +2 of a workspace file', { workingDir: '$(workspaces.source.path)', script: '#!/bin/bash\nbash <(tail -n +2 ./ci.sh)\n' }, 'script', 'bash <(tail -n +2 ./ci.sh)', WORKSPACE_FILE],
    ['envsubst of a workspace template given as its input', { workingDir: '$(workspaces.source.path)', script: '#!/bin/bash\nsource <(envsubst < env.tmpl)\n' }, 'script',
      'source <(envsubst < env.tmpl)', WORKSPACE_FILE],
    ['a workspace file through filters that read their input, piped to a shell', {
      workingDir: '$(workspaces.source.path)', script: "#!/bin/sh\ncat ci.sh | tr -d '\\r' | sed 's/^/set -x; /' | sh\n",
    }, 'script', 'sh', WORKSPACE_FILE],
    ['jq -r of a workspace file piped to bash', { workingDir: '$(workspaces.source.path)', script: "#!/bin/sh\njq -r '.setup' ci.json | bash\n" }, 'script', 'bash', WORKSPACE_FILE],
    ['a parameter expansion with a default run as the program', { script: '#!/bin/sh\n${BUILD:-make} all\n' }, 'script', '${BUILD:-make} all',
      "runs ${BUILD:-make} as a command, and what ${BUILD:-make} holds is not known here: it may be the repository's code"],
    // a shell's startup file: bash, not interactive, sources $BASH_ENV first; an interactive sh sources $ENV
    ['BASH_ENV=<workspace file> bash -c', { script: "#!/bin/sh\nBASH_ENV=$(workspaces.source.path)/ci/env.sh bash -c 'echo hi'\n" }, 'script',
      "BASH_ENV=$(workspaces.source.path)/ci/env.sh bash -c 'echo hi'", SOURCES_BASH_ENV],
    ['export BASH_ENV, then bash', { workingDir: '$(workspaces.source.path)', script: '#!/bin/sh\nexport BASH_ENV=ci/env.sh\nbash /opt/tool.sh\n' }, 'script', 'bash /opt/tool.sh',
      SOURCES_BASH_ENV],
    ["the container's BASH_ENV and a #!/usr/bin/env bash script", { env: [{ name: 'BASH_ENV', value: '$(workspaces.source.path)/.bashenv' }], script: '#!/usr/bin/env bash\necho hi\n' },
      'script', '#!/usr/bin/env bash', SOURCES_BASH_ENV],
    ["the container's BASH_ENV from valueFrom, and bash as the command", {
      env: [{ name: 'BASH_ENV', valueFrom: { configMapKeyRef: { name: 'c', key: 'k' } } }],
      command: ['/bin/bash', '-ec', 'echo hi'],
    }, 'command', '/bin/bash -ec echo hi',
    'runs bash, which first sources the file BASH_ENV names, and what BASH_ENV holds is not known here: it may be a file of the repository'],
    ['ENV=<workspace file> bash --posix -i (bash in posix mode sources ENV)', { command: ['env', 'ENV=$(workspaces.source.path)/profile', 'bash', '--posix', '-i'] }, 'command',
      'env ENV=$(workspaces.source.path)/profile bash --posix -i', 'runs an interactive shell, which first sources the file ENV names: a file of a workspace the repository fills'],
    ['env ENV=<workspace file> sh -i', { command: ['env', 'ENV=$(workspaces.source.path)/profile', 'sh', '-ic', 'echo hi'] }, 'command',
      'env ENV=$(workspaces.source.path)/profile sh -ic echo hi', 'runs an interactive shell, which first sources the file ENV names: a file of a workspace the repository fills'],
    // every option group before the first operand (shell-options): `-c` before `-i` (dash 0.5.12 sources ENV for `dash -c -i CODE`),
    // dash's -p, which bash alone reads as privileged mode
    ['env ENV=<workspace file> sh -c -i', { command: ['env', 'ENV=$(workspaces.source.path)/profile', 'sh', '-c', '-i', 'echo hi'] }, 'command',
      'env ENV=$(workspaces.source.path)/profile sh -c -i echo hi', 'runs an interactive shell, which first sources the file ENV names: a file of a workspace the repository fills'],
    ['env ENV=<workspace file> dash -p -i', { command: ['env', 'ENV=$(workspaces.source.path)/profile', 'dash', '-p', '-i'] }, 'command',
      'env ENV=$(workspaces.source.path)/profile dash -p -i', 'runs an interactive shell, which first sources the file ENV names: a file of a workspace the repository fills'],
    // a variable that holds the path PATH gives a program runs that program
    ['"$MAKE" after MAKE=$(which make)', { script: '#!/bin/sh\nMAKE="$(which make)"\n"$MAKE" all\n' }, 'script', '"$MAKE" all', BUILDS],
    ['$NPM after NPM=`command -v npm`', { script: '#!/bin/sh\nNPM=`command -v npm 2>/dev/null`\n$NPM ci\n' }, 'script', '$NPM ci', BUILDS],
    // programs that run a command given to them, read past their options by each one's grammar
    ['watch, which gives its operands to sh -c', { script: "#!/bin/sh\nwatch -n 5 -d 'make all'\n" }, 'script', "watch -n 5 -d 'make all'", BUILDS],
    ['watch -x, which execs them', { command: ['watch', '-tx', '--interval=1', 'npm', 'test'] }, 'command', 'watch -tx --interval=1 npm test', BUILDS],
    ['flock FILE COMMAND', { script: '#!/bin/sh\nflock -w 30 /tmp/build.lock make all\n' }, 'script', 'flock -w 30 /tmp/build.lock make all', BUILDS],
    ['flock FILE -c CODE', { script: "#!/bin/sh\nflock -x /tmp/build.lock -c 'cd $(workspaces.source.path) && ./ci/build.sh'\n" }, 'script',
      "flock -x /tmp/build.lock -c 'cd $(workspaces.source.path) && ./ci/build.sh'", WORKSPACE_FILE],
    ['flock -c CODE among its options', { command: ['flock', '-c', 'go test ./...', '/tmp/lock'] }, 'command', 'flock -c go test ./... /tmp/lock', BUILDS],
    ['chroot DIR COMMAND', { script: '#!/bin/sh\nchroot --userspec=1000:1000 /sysroot make install\n' }, 'script', 'chroot --userspec=1000:1000 /sysroot make install', BUILDS],
    ['chroot into the workspace: its programs are the repository\'s', { command: ['chroot', '$(workspaces.source.path)', '/bin/sh', '-c', 'echo ok'] }, 'command',
      'chroot $(workspaces.source.path) /bin/sh -c echo ok',
      "makes $(workspaces.source.path) its root directory, a workspace the repository fills: every program it runs there is the repository's"],
    ['runuser -u USER -- COMMAND', { script: '#!/bin/sh\nrunuser -u builder -- mvn -B package\n' }, 'script', 'runuser -u builder -- mvn -B package', BUILDS],
    ['runuser -l USER -c CODE', { script: "#!/bin/sh\nrunuser -l builder -c 'cargo build --release'\n" }, 'script', "runuser -l builder -c 'cargo build --release'", BUILDS],
    ['su with -c in a group of options', { script: "#!/bin/sh\nsu -lc 'npm ci' builder\n" }, 'script', "su -lc 'npm ci' builder", BUILDS],
    ['su USER SCRIPT, which the user\'s shell runs', { workingDir: '$(workspaces.source.path)', script: '#!/bin/sh\nsu builder ci/build.sh\n' }, 'script', 'su builder ci/build.sh', WORKSPACE_FILE],
    ['setpriv', { script: '#!/bin/sh\nsetpriv --reuid=1000 --regid 1000 --init-groups --no-new-privs make\n' }, 'script',
      'setpriv --reuid=1000 --regid 1000 --init-groups --no-new-privs make', BUILDS],
    ['unshare', { command: ['unshare', '--map-user', '1000', '-n', 'go', 'test', './...'] }, 'command', 'unshare --map-user 1000 -n go test ./...', BUILDS],
    ['nsenter', { script: '#!/bin/sh\nnsenter -t 1 -m -n ./hack/e2e.sh\n', workingDir: '$(workspaces.source.path)' }, 'script', 'nsenter -t 1 -m -n ./hack/e2e.sh', WORKSPACE_FILE],
    ['xvfb-run', { script: "#!/bin/sh\nxvfb-run -a -s '-screen 0 1280x1024x24' npm test\n" }, 'script', "xvfb-run -a -s '-screen 0 1280x1024x24' npm test", BUILDS],
    // the elements of an array not known (assigned in an if) may be unshare's options: the command after them is read first
    ['unshare "${ARGS[@]}" … sh -c "$CMD"', { script: '#!/bin/bash\nARGS=()\nif [ -n "$NET" ]; then ARGS+=(--net); fi\nCMD=$(cat /tmp/cmd)\nunshare -Uf "${ARGS[@]}" -r -w /tmp sh -c "$CMD"\n' },
      'script', 'unshare -Uf "${ARGS[@]}" -r -w /tmp sh -c "$CMD"', "runs $CMD as a command, and what $CMD holds is not known here: it may be the repository's code"],
    // `command -v` looks up only as the command run (through wrappers), not as an argument or an option's value
    ['a program given the words `command -v`', { workingDir: '$(workspaces.source.path)', script: '#!/bin/sh\n./build.sh command -v x\n' }, 'script', './build.sh command -v x', WORKSPACE_FILE],
    ['env -u command -v PROGRAM (command is the name env unsets)', { command: ['env', '-u', 'command', '-v', 'make', 'all'] }, 'command', 'env -u command -v make all', BUILDS],
    // su and runuser run their code with the shell -s names (else the user's, which may be bash and source BASH_ENV)
    ['su -s SHELL of a workspace', { workingDir: '$(workspaces.source.path)', script: '#!/bin/sh\nsu -s ci/shell builder -c true\n' }, 'script', 'su -s ci/shell builder -c true', WORKSPACE_FILE],
    ['runuser --shell "$SH"', { script: '#!/bin/sh\nrunuser --shell="$SH" builder -c true\n' }, 'script', 'runuser --shell="$SH" builder -c true',
      "runs $SH as a command, and what $SH holds is not known here: it may be the repository's code"],
    ['su -c with BASH_ENV in a workspace', { script: '#!/bin/sh\nBASH_ENV=$(workspaces.source.path)/env.sh su builder -c true\n' }, 'script',
      'BASH_ENV=$(workspaces.source.path)/env.sh su builder -c true', SOURCES_BASH_ENV],
    ['flock -c with BASH_ENV in a workspace ($SHELL may be bash)', { script: '#!/bin/sh\nexport BASH_ENV=$(workspaces.source.path)/env.sh\nflock /tmp/l -c true\n' }, 'script',
      'flock /tmp/l -c true', SOURCES_BASH_ENV],
    // the working directory unshare and nsenter move to
    ['unshare -w into the workspace', { workingDir: '/tmp', script: '#!/bin/sh\nunshare -r -w $(workspaces.source.path) ./ci/build.sh\n' }, 'script',
      'unshare -r -w $(workspaces.source.path) ./ci/build.sh', WORKSPACE_FILE],
    ['nsenter --wd= into the workspace', { command: ['nsenter', '-t', '1', '-m', '--wd=/workspace/source', 'ci/build.sh'] }, 'command',
      'nsenter -t 1 -m --wd=/workspace/source ci/build.sh', WORKSPACE_FILE],
    ['nsenter -w attached', { command: ['nsenter', '-t', '1', '-w/workspace/source/sub', 'ci/build.sh'] }, 'command', 'nsenter -t 1 -w/workspace/source/sub ci/build.sh', WORKSPACE_FILE],
    // an interactive bash sources the file --rcfile (--init-file) names
    ['bash --rcfile FILE -i', { workingDir: '$(workspaces.source.path)', script: '#!/bin/sh\nbash --rcfile ci/rc.sh -i -c true\n' }, 'script', 'bash --rcfile ci/rc.sh -i -c true',
      'runs an interactive bash, which first sources the file --rcfile names: a file of a workspace the repository fills'],
    // bash reads `-rcfile FILE` (one dash) as `--rcfile FILE`, `-norc` as `--norc` (shell.c parse_long_options): no option groups
    ['bash -rcfile FILE -i', { workingDir: '$(workspaces.source.path)', script: '#!/bin/sh\nbash -rcfile ci/rc.sh -i -c true\n' }, 'script', 'bash -rcfile ci/rc.sh -i -c true',
      'runs an interactive bash, which first sources the file -rcfile names: a file of a workspace the repository fills'],
    ['bash -norc FILE', { workingDir: '$(workspaces.source.path)', script: '#!/bin/sh\nbash -norc ci/build.sh\n' }, 'script', 'bash -norc ci/build.sh', WORKSPACE_FILE],
    ['bash -rcfile /dev/null FILE', { workingDir: '$(workspaces.source.path)', script: '#!/bin/sh\nbash -rcfile /dev/null ci/build.sh\n' }, 'script',
      'bash -rcfile /dev/null ci/build.sh', WORKSPACE_FILE],
    // POSIXLY_CORRECT (any value) starts bash in posix mode, whose interactive shell sources ENV (bash 5.2 shell.c)
    ['POSIXLY_CORRECT exported, then ENV for bash -i', { workingDir: '$(workspaces.source.path)', script: '#!/bin/bash\nexport POSIXLY_CORRECT=1\nENV=ci/env.sh bash -i -c true\n' },
      'script', 'ENV=ci/env.sh bash -i -c true', 'runs an interactive shell, which first sources the file ENV names: a file of a workspace the repository fills'],
    ['the step\'s POSIXLY_CORRECT, ENV for bash -ic', {
      env: [{ name: 'POSIXLY_CORRECT', value: '' }, { name: 'ENV', value: '$(workspaces.source.path)/env.sh' }],
      command: ['bash', '-ic', 'true'],
    }, 'command', 'bash -ic true',
    'runs an interactive shell, which first sources the file ENV names: a file of a workspace the repository fills'],
    // SHELLOPTS naming posix (bash imports it at start-up, builtins/set.def initialize_shell_options)
    ['the step\'s SHELLOPTS posix, ENV for bash -ic', {
      env: [{ name: 'SHELLOPTS', value: 'posix' }, { name: 'ENV', value: '$(workspaces.source.path)/env.sh' }],
      command: ['bash', '-ic', 'true'],
    }, 'command', 'bash -ic true',
    'runs an interactive shell, which first sources the file ENV names: a file of a workspace the repository fills'],
    ['bash --init-file "$RC" -ic', { command: ['bash', '--init-file', '$RC', '-ic', 'true'] }, 'command', 'bash --init-file $RC -ic true',
      'runs an interactive bash, which first sources the file --init-file names, and what $RC holds is not known here: it may be a file of the repository'],
    ['a runner\'s option its grammar does not know, which may or may not take a value', { script: '#!/bin/sh\nsetpriv --some-new-option make all\n' }, 'script',
      'setpriv --some-new-option make all', BUILDS],
  ])('non-compliant: %s', (_, fields, property, value, why) => {
    expect(check(taskWith({ name: 'build', image: IMAGE, ...fields }))).toEqual([found(property, value, why)]);
  });

  const PYTHON_IMPORTS = 'runs Python code (-c, -m or its input) in a workspace the repository fills, whose directory Python puts first on its import path: '
    + 'a module of the repository can take the place of one it imports';
  const ENV_FILE = 'runs Node.js with an env file (--env-file) of a workspace the repository fills: node applies the NODE_OPTIONS it sets, '
    + "whose --require or --import loads the repository's code";
  const NODE_IMPORTS = 'runs Node.js code (-e, -p, its input or a module it preloads) in a workspace the repository fills, where require and import '
    + "look a package up in the repository's node_modules first";
  test.each([
    ['python3 -c', '$(workspaces.source.path)', 'python3 -c "import json; print(json.dumps({}))"', PYTHON_IMPORTS],
    ['python -m of any module', '/workspace/source', 'python -m json.tool /tmp/in.json', PYTHON_IMPORTS],
    ['-c at the end of a group, after an option with a value', '$(workspaces.source.path)/sub', "python3 -W ignore -Bc 'import yaml'", PYTHON_IMPORTS],
    ['-m attached', '$(workspaces.source.path)', 'python3 -umhttp.server', PYTHON_IMPORTS],
    ['python reading its input', '$(workspaces.source.path)', 'python3 - < /opt/check.py', PYTHON_IMPORTS],
    ['python3 piped to', '$(workspaces.source.path)', 'python3', PYTHON_IMPORTS],
    // -E: the environment's PYTHONSAFEPATH is ignored; a name that does not say the version: Python before 3.11 ignores it
    ['PYTHONSAFEPATH with -E', '$(workspaces.source.path)', 'PYTHONSAFEPATH=1 python3.12 -E -c "import x"', PYTHON_IMPORTS],
    ['PYTHONSAFEPATH for a python of no known version', '$(workspaces.source.path)', 'PYTHONSAFEPATH=1 python3 -c "import x"', PYTHON_IMPORTS],
    // the build modules, with options before -m, wherever it runs
    ['python3 -u -m pytest', '/tmp', 'python3 -u -m pytest tests', BUILDS],
    ['node -e', '$(workspaces.source.path)', 'node -e "require(\'semver\')"', NODE_IMPORTS],
    ['node -p', '/workspace/source', "node -p \"require('./package.json').version\"", NODE_IMPORTS],
    ['node --print=', '$(workspaces.source.path)', 'nodejs --input-type module --print=1', NODE_IMPORTS],
    ['node reading its input', '$(workspaces.source.path)', 'node < /opt/gen.js', NODE_IMPORTS],
    ['node -r preloads from the working directory', '$(workspaces.source.path)', 'node -r dotenv/config /opt/app.js', NODE_IMPORTS],
    ['pypy3 -c', '$(workspaces.source.path)', 'pypy3 -c "import yaml"', PYTHON_IMPORTS],
    ['pypy reading its input', '/workspace/source', 'pypy - < /opt/check.py', PYTHON_IMPORTS],
    ['nodejs -r', '$(workspaces.source.path)', 'nodejs -r ts-node/register /opt/app.ts', NODE_IMPORTS],
    ['node --run runs a script of package.json', '/tmp', 'node --run build', BUILDS],
    // --env-file: node applies the NODE_OPTIONS the file sets, whatever it runs
    ['node --env-file= in the workspace', '$(workspaces.source.path)', 'node --env-file=.env /opt/app.js', ENV_FILE],
    ['node --env-file FILE of the workspace', '/tmp', 'node --env-file $(workspaces.source.path)/.env /opt/app.js', ENV_FILE],
    ['node --env-file-if-exists', '/workspace/source', 'nodejs --title x --env-file-if-exists=config/.env /opt/app.js', ENV_FILE],
    ['node --env-file before -e', '/tmp', 'node --env-file=/workspace/source/.env -e 1', ENV_FILE],
    ['node --env-file of a variable not known', '/tmp', 'node --env-file="$ENVFILE" /opt/app.js',
      'runs Node.js with the env file $ENVFILE names (--env-file), and what $ENVFILE holds is not known here: it may be a file of the repository'],
  ])('non-compliant: %s', (_, workingDir, line, why) => {
    const script = line === 'python3' ? '#!/bin/sh\necho "import yaml" | python3\n' : `#!/bin/sh\n${line}\n`;
    expect(check(taskWith({ name: 'build', image: IMAGE, workingDir, script }))).toEqual([found('script', line, why)]);
  });

  const PY_PATH = (entry: string) => `runs Python with PYTHONPATH naming ${entry}, in a workspace the repository fills: a module of the repository can take the place of one it imports`;
  const NODE_PATH = (entry: string) => `runs Node.js with NODE_PATH naming ${entry}, in a workspace the repository fills: require loads a package of the repository that no node_modules holds`;
  test.each<[string, any, string, string]>([
    ['PYTHONPATH before the command', { workingDir: '/tmp', script: '#!/bin/sh\nPYTHONPATH=$(workspaces.source.path)/src python3 /opt/tool.py\n' },
      'PYTHONPATH=$(workspaces.source.path)/src python3 /opt/tool.py', PY_PATH('$(workspaces.source.path)/src')],
    ['PYTHONPATH the script exports', { workingDir: '/tmp', script: '#!/bin/sh\nexport PYTHONPATH=/opt/lib:/workspace/source\npython3 /opt/tool.py\n' },
      'python3 /opt/tool.py', PY_PATH('/workspace/source')],
    ["PYTHONPATH of the container's env, relative, in the workspace", { workingDir: '$(workspaces.source.path)', env: [{ name: 'PYTHONPATH', value: 'lib' }], script: '#!/bin/sh\npython3 /opt/tool.py\n' },
      'python3 /opt/tool.py', PY_PATH('lib')],
    ['PYTHONPATH through env, an empty entry in the workspace', { workingDir: '/workspace/source', script: '#!/bin/sh\nenv PYTHONPATH=/opt/lib: python3 /opt/tool.py\n' },
      'env PYTHONPATH=/opt/lib: python3 /opt/tool.py', PY_PATH('the working directory')],
    ['PYTHONPATH from valueFrom', { workingDir: '/tmp', env: [{ name: 'PYTHONPATH', valueFrom: { configMapKeyRef: { name: 'c', key: 'k' } } }], script: '#!/bin/sh\npython3 /opt/tool.py\n' },
      'python3 /opt/tool.py', 'runs Python with PYTHONPATH set, and what PYTHONPATH holds is not known here: it may name a directory of the repository, where a module of the repository can take the place of one it imports'],
    ['PYTHONPATH naming a variable', { workingDir: '/tmp', script: '#!/bin/sh\nexport PYTHONPATH="$SRC/lib"\npython3 /opt/tool.py\n' },
      'python3 /opt/tool.py', 'runs Python with PYTHONPATH set, and what PYTHONPATH holds is not known here: it may name a directory of the repository, where a module of the repository can take the place of one it imports'],
    ['PYTHONPATH naming a param under /workspace', { workingDir: '/tmp', env: [{ name: 'PYTHONPATH', value: '/workspace/$(params.dir)' }], script: '#!/bin/sh\npython3 /opt/tool.py\n' },
      'python3 /opt/tool.py', 'runs Python with PYTHONPATH naming /workspace/$(params.dir), and what it names is not known here: it may be a directory of the repository, where a module of the repository can take the place of one it imports'],
    ['NODE_PATH in the workspace', { workingDir: '/tmp', script: '#!/bin/sh\nNODE_PATH=$(workspaces.source.path)/node_modules node /opt/app.js\n' },
      'NODE_PATH=$(workspaces.source.path)/node_modules node /opt/app.js', NODE_PATH('$(workspaces.source.path)/node_modules')],
  ])('non-compliant: Python or node with a directory of a workspace on its import path: %s', (_, fields, value, why) => {
    expect(check(taskWith({ name: 'build', image: IMAGE, ...fields }))).toEqual([found('script', value, why)]);
  });

  test('not repository code: an import path outside the workspaces, empty, or ignored (-E, -I)', () => {
    const script = '#!/bin/sh\nPYTHONPATH=/opt/lib python3 /opt/tool.py\nPYTHONPATH= python3 /opt/tool.py\nPYTHONPATH=/opt/$VERSION/lib python3 /opt/tool.py\n'
      + 'PYTHONPATH=$(workspaces.source.path) python3 -I /opt/tool.py\nPYTHONPATH=. python3 -E /opt/tool.py\nNODE_PATH=/usr/lib/node node /opt/app.js\n'
      + 'PYTHONPATH=~/lib python3 /opt/tool.py\nPYTHONPATH=$(workspaces.source.path) /opt/tool\n';
    expect(check(taskWith({ name: 'a', image: IMAGE, workingDir: '/tmp', script }))).toEqual([]);
  });

  test('not repository code: python and node that import nothing from the working directory, or run outside the workspaces', () => {
    const script = '#!/bin/sh\npython3 -I -c "import json"\npython3 -P -m json.tool /tmp/x\npython3 -sIc 1\nPYTHONSAFEPATH=1 python3.11 -c "import x"\n'
      + 'python3 /opt/tool.py\npython3 /dev/stdin < /opt/x.py\npython3 -W ignore /opt/tool.py\nnode /opt/app.js\nnode --title x /opt/app.js\n'
      + 'node --env-file=/etc/app.env /opt/app.js\nnode /opt/app.js --env-file=.env\npypy3 -I -c "import json"\npypy3 /opt/tool.py\nnodejs /opt/app.js\n';
    expect(check(taskWith({ name: 'a', image: IMAGE, workingDir: '$(workspaces.source.path)', script }))).toEqual([]);
    expect(check(taskWith({
      name: 'a',
      image: IMAGE,
      workingDir: '$(workspaces.source.path)',
      script: '#!/bin/sh\npython3.12 -c "import x"\n',
      env: [{ name: 'PYTHONSAFEPATH', value: 'x' }],
    }))).toEqual([]);
    // help and version: Python prints and exits while it reads its options (tekton-lint's system-tests/opentoolchain task-build.yaml)
    const printsAndExits = '#!/bin/sh\npython3 --version\npython -V\npython3 -h\npython3 -Vc "import x"\npypy3 --help\npython3 -qV\n';
    expect(check(taskWith({ name: 'a', image: IMAGE, workingDir: '$(workspaces.source.path)', script: printsAndExits }))).toEqual([]);
    // an option after the code or module is its argument: the code runs
    expect(check(taskWith({ name: 'a', image: IMAGE, workingDir: '$(workspaces.source.path)', script: '#!/bin/sh\npython3 -c "import x" --version\n' })))
      .toEqual([found('script', 'python3 -c "import x" --version', PYTHON_IMPORTS, 'a')]);
    const outside = '#!/bin/sh\npython3 -c "import json"\npython -m json.tool /tmp/x\nnode -e "require(\'x\')"\nnode -r x /opt/a.js\necho 1 | python3\nnode --env-file .env /opt/a.js\n';
    expect(check(taskWith({ name: 'a', image: IMAGE, workingDir: '/tmp', script: outside }))).toEqual([]);
  });

  test.each([
    // wrappers that run the program after their options (and those options' values)
    ['strace', '/tmp', 'strace -f -o /tmp/trace make all', BUILDS],
    ['ltrace', '/tmp', 'ltrace -S -n 2 npm ci', BUILDS],
    ['valgrind', '$(workspaces.source.path)', 'valgrind --leak-check=full ./build/test', WORKSPACE_FILE],
    ['perf stat', '/tmp', 'perf stat -e cycles -- go test ./...', BUILDS],
    ['perf record', '/tmp', 'perf record -g -o /tmp/perf.data cargo bench', BUILDS],
    ['perf trace', '/tmp', 'perf trace -s make', BUILDS],
    ['fakeroot', '/tmp', 'fakeroot -s /tmp/state -- make install', BUILDS],
    ['faketime', '$(workspaces.source.path)', "faketime -f '-1d' ./hack/test.sh", WORKSPACE_FILE],
    ['faketime --date-prog, which runs the program it names', '$(workspaces.source.path)', 'faketime --date-prog ./hack/date.sh 2020-01-01 /opt/tool', WORKSPACE_FILE],
    ['numactl', '/tmp', 'numactl --cpunodebind 0 --membind=0 mvn -B verify', BUILDS],
    ['prlimit', '/tmp', 'prlimit --nofile=4096 -o RESOURCE gradle build', BUILDS],
    ['catchsegv', '$(workspaces.source.path)', 'catchsegv ./out/app', WORKSPACE_FILE],
    ['firejail', '/tmp', 'firejail --noprofile --net=none pytest', BUILDS],
    ['bwrap', '/tmp', 'bwrap --ro-bind / / --dev /dev --setenv CI 1 make all', BUILDS],
    ['bwrap --chdir into the workspace', '/tmp', 'bwrap --bind / / --chdir $(workspaces.source.path) ./ci/build.sh', WORKSPACE_FILE],
    ['bwrap --chdir into a workspace it binds', '/tmp', 'bwrap --bind / / --bind $(workspaces.source.path) /src --chdir /src/app ./ci/build.sh', WORKSPACE_FILE],
    ['bwrap with a workspace as its root', '/tmp', 'bwrap --ro-bind $(workspaces.source.path)/rootfs / --dev /dev /bin/true',
      "mounts $(workspaces.source.path)/rootfs over /, a workspace the repository fills: the programs and libraries it runs from there are the repository's"],
    ['bwrap binding a relative directory of the workspace over /usr', '$(workspaces.source.path)', 'bwrap --ro-bind / / --ro-bind-try vendor/usr /usr/ id',
      "mounts vendor/usr over /usr/, a workspace the repository fills: the programs and libraries it runs from there are the repository's"],
    ['ssh-agent', '/tmp', 'ssh-agent -t 600 make release', BUILDS],
    ['dbus-run-session', '/tmp', 'dbus-run-session --config-file /etc/dbus.conf -- npm test', BUILDS],
    // runners whose command is shell code: sg -c, script -c and script -- COMMAND, GNU parallel
    ['sg -c', '/tmp', "sg docker -c 'make image'", BUILDS],
    ['sg - GROUP COMMAND', '$(workspaces.source.path)', "sg - docker './hack/build.sh --push'", WORKSPACE_FILE],
    ['script -c among permuted options', '/tmp', "script /dev/null -qec 'npm ci'", BUILDS],
    ['script -- COMMAND', '/tmp', 'script -q /dev/null -- make all', BUILDS],
    ['parallel COMMAND ::: ARGS', '/tmp', 'parallel -j4 make ::: lint test', BUILDS],
    ['parallel ::: COMMANDS', '/tmp', "parallel ::: 'echo hi' 'cargo test'", BUILDS],
    ['parallel with {} in the workspace', '$(workspaces.source.path)', "parallel --joblog /tmp/j 'bash {}' ::: ci/a.sh ci/b.sh", WORKSPACE_FILE],
    ['parallel --wd into the workspace', '/tmp', 'parallel --wd $(workspaces.source.path) sh ::: build.sh', WORKSPACE_FILE],
    // without a command, each line of its argument files, or of its input, is a command
    ['parallel :::: a file of commands of the workspace', '/tmp', 'parallel -j2 :::: $(workspaces.source.path)/ci/jobs.txt', WORKSPACE_FILE],
    ['parallel -a a file of commands of the workspace', '$(workspaces.source.path)', 'parallel --arg-file ci/jobs.txt', WORKSPACE_FILE],
    ['parallel reading commands from a file of the workspace', '$(workspaces.source.path)', 'parallel < ci/jobs.txt', WORKSPACE_FILE],
    ['parallel :::: a file a variable names', '/tmp', 'parallel :::: "$JOBS"',
      'runs the file $JOBS names, and what $JOBS holds is not known here: it may be a file of the repository'],
    // a runner's command reads the runner's input: a here-string fed to a shell it runs
    ['flock running a shell fed a here-string', '/tmp', 'flock /tmp/l sh <<< "make all"', BUILDS],
  ])('non-compliant: through %s', (_, workingDir, line, why) => {
    expect(check(taskWith({ name: 'build', image: IMAGE, workingDir, script: `#!/bin/sh\n${line}\n` }))).toEqual([found('script', line, why)]);
  });

  test('not repository code: a wrapper\'s option values and operands that are not its command', () => {
    const script = '#!/bin/sh\nstrace -o make /bin/true\nltrace -o npm /bin/true\nperf report -i make\nfakeroot -i make id\nfaketime -p 1 make date\n'
      + 'numactl -m 0 -- echo make\nbwrap --ro-bind make /x --setenv A make id\nssh-agent -a make id\ndbus-run-session --dbus-daemon make -- id\n'
      + "sg docker -c 'echo make'\nscript -c 'echo hi' make\nscript -q make.log\nparallel --joblog make echo ::: a\nparallel -a make gzip\n"
      + 'parallel gzip :::: make\nbwrap --ro-bind $(workspaces.source.path) /src --chdir /tmp ls /src\nbwrap --ro-bind / / --ro-bind /opt/tools /opt id\n'
      + 'parallel :::: /opt/jobs.txt\nparallel -a /opt/jobs.txt\ncat /opt/jobs.txt | parallel\nflock /tmp/l sh <<< "echo hi"\n';
    expect(check(taskWith({ name: 'a', image: IMAGE, workingDir: '/tmp', script }))).toEqual([]);
  });

  test('not repository code: commands that manage builders or check a configuration (docker buildx create, goreleaser check); their builds are', () => {
    const script = '#!/bin/sh\ndocker buildx create --name b --driver docker-container --use\ndocker buildx inspect --bootstrap\ndocker buildx ls\n'
      + 'docker image ls\npodman image prune -f\ngoreleaser check\ngoreleaser healthcheck\ngoreleaser --version\n';
    expect(check(taskWith({ name: 'a', image: IMAGE, script }))).toEqual([]);
    const built = (line: string, why: string) => check(taskWith({ name: 'a', image: IMAGE, script: `${script}${line}\n` })).map((f) => [f.value, f.problem.includes(why)]);
    expect(built('docker buildx build --push -t x .', BUILDER)).toEqual([['docker buildx build --push -t x .', true]]);
    expect(built('docker image build -t x .', BUILDER)).toEqual([['docker image build -t x .', true]]);
    expect(built('docker buildx bake', BUILDER)).toEqual([['docker buildx bake', true]]);
    // a bare goreleaser runs its release, and with it the repository's hooks
    expect(built('goreleaser --clean', 'code generators')).toEqual([['goreleaser --clean', true]]);
  });

  test('not repository code: go version, npm --version, ./x.sh outside a workspace, a script in the credentials workspace', () => {
    expect(check(taskWith({ name: 'a', image: IMAGE, script: '#!/bin/sh\ngo version\nnpm --version\n./local.sh\n"$(workspaces.dockerconfig.path)/helper.sh"\nterraform version\n' }))).toEqual([]);
  });

  test('not repository code: a call that only prints a version or help (make -v, go help test, npm help install, pip --version)', () => {
    const script = '#!/bin/sh\nmake --version\nmake -v\ngmake -h\ncmake --version\nninja --version\ngo help test\ngo version\nnpm -v\nnpm help install\n'
      + 'pip --version\npip3 -V\npip help install\n';
    expect(check(taskWith({ name: 'a', image: IMAGE, workingDir: '$(workspaces.source.path)', script }))).toEqual([]);
  });

  test('still repository code: version or help of a tool that reads the project first, and a version flag beside other arguments', () => {
    // mvn passes .mvn/jvm.config to the JVM, the wrappers fetch what the project names, yarn runs the project's yarnPath,
    // bazel the project's tools/bazel, rustup the project's toolchain
    const lines = ['mvn -v', 'mvn --help', 'gradle --version', './gradlew --version', 'yarn --version', 'bazel --version', 'cargo help build', 'make -v all', 'go test -h'];
    expect(lines.map((line) => check(taskWith({ name: 'build', image: IMAGE, workingDir: '$(workspaces.source.path)', script: `#!/bin/sh\n${line}\n` }))))
      .toEqual(lines.map((line) => [found('script', line, line.startsWith('./') ? WORKSPACE_FILE : BUILDS)]));
  });

  test('php, lua, Rscript, tclsh, wish, groovy, ts-node and tsx run the file they are given (past their options), not their inline code', () => {
    const judged = (script: string, workingDir = '$(workspaces.source.path)') => check(taskWith({ name: 'build', image: IMAGE, workingDir, script: `#!/bin/sh\n${script}\n` }));
    for (const line of ['php artisan migrate', 'php -d memory_limit=1G x.php', 'lua5.4 ci.lua', 'luajit -l socket ci.lua', 'Rscript ci.R', 'tclsh ci.tcl',
      'wish ui.tcl', 'groovy -cp lib ci.groovy', 'ts-node -P tsconfig.json ci.ts', 'tsx ci.ts']) expect([line, judged(line)]).toEqual([line, [found('script', line, WORKSPACE_FILE)]]);
    expect(judged('php -v\nphp -r "echo 1;"\nlua -e "print(1)"\nRscript -e "cat(1)"\ngroovy -e "println 1"\nts-node -e "1"\nphp -c /etc/php.ini /opt/tool.php')).toEqual([]);
    expect(judged('php x.php\ntsx /opt/x.ts', '/')).toEqual([]);
  });

  test('awk, perl, Python, ruby, php and node inline code that runs a command line given as a literal (system, backquotes, os.system, execSync …)', () => {
    const judged = (script: string, workingDir = '$(workspaces.source.path)') => check(taskWith({ name: 'build', image: IMAGE, workingDir, script: `#!/bin/sh\n${script}\n` }));
    const runs = (line: string, name: string, command: string, why = WORKSPACE_FILE) => [found('script', line, `runs ${name} code that runs the command \`${command}\`, which ${why}`)];
    // mawk 1.3.4, perl 5.36, Python 3.11, node 20 run: each runs ./x.sh through sh -c
    for (const [line, name] of [['awk \'BEGIN{system("./x.sh")}\'', 'awk'], ['awk \'{print | "./x.sh"}\' go.mod', 'awk'], ['gawk -e \'BEGIN{"./x.sh" | getline v}\'', 'gawk'],
      ['perl -e \'system "./x.sh"\'', 'perl'], ["perl -e 'print `./x.sh`'", 'perl'], ['perl -e \'print qx(./x.sh)\'', 'perl'], ['ruby -e \'system("./x.sh")\'', 'ruby'],
      ['php -r \'shell_exec("./x.sh");\'', 'php'], ['python3 -c "import os; os.system(\'./x.sh\')"', 'python3'],
      ['python3 -c "import subprocess; subprocess.run([\'./x.sh\', \'a\'])"', 'python3']]) {
      expect([line, judged(line)]).toEqual([line, runs(line, name, './x.sh')]);
    }
    const node = "node -e \"require('child_process').execSync('$(workspaces.source.path)/x.sh')\"";
    expect(judged(node, '/tmp')).toEqual(runs(node, 'node', '$(workspaces.source.path)/x.sh'));
    const make = 'python3 -c "import os; os.system(\'cd $(workspaces.source.path) && make\')"';
    expect(judged(make, '/tmp')).toEqual(runs(make, 'python3', 'cd $(workspaces.source.path) && make', BUILDS));
    // not: a command of PATH, code that reads files as data, node's relative path from a directory outside the workspaces
    expect(judged('awk \'BEGIN{system("date")}\'\nawk \'{print $1}\' go.mod | sort\nperl -ne \'print if /x/\' go.mod\nperl -e \'system "git", "status"\'')).toEqual([]);
    expect(judged('python3 -c "import json; print(json.load(open(\'package.json\'))[\'version\'])"\nnode -e "require(\'child_process\').execSync(\'./x.sh\')"', '/tmp')).toEqual([]);
  });

  test('java, jshell, kotlin and kotlinc -script run the jar, source file, script or agent they are given; java a main class from a class path of a workspace', () => {
    const judged = (script: string, workingDir = '$(workspaces.source.path)') => check(taskWith({ name: 'build', image: IMAGE, workingDir, script: `#!/bin/sh\n${script}\n` }));
    // OpenJDK 17 run: source-file mode (a .java file, or any with --source), `.` the class path where none is given, jshell's load files
    for (const line of ['java -jar target/app.jar', 'java -Xmx1g ci/Build.java', 'java --source 17 ci/Build', 'java -javaagent:agent.jar -jar /opt/app.jar',
      'jshell ci/setup.jsh', 'jshell --startup=ci/setup.jsh', 'kotlin ci/release.main.kts', 'kotlin -cp /opt/lib build.jar', 'kotlinc -script ci/release.main.kts']) {
      expect([line, judged(line)]).toEqual([line, [found('script', line, WORKSPACE_FILE)]]);
    }
    expect(judged('java -jar $(workspaces.source.path)/app.jar', '/')).toEqual([found('script', 'java -jar $(workspaces.source.path)/app.jar', WORKSPACE_FILE)]);
    expect(judged('java Main')).toEqual([found('script', 'java Main',
      'runs java with the class path entry ., of a workspace the repository fills, from which it loads the main class it runs')]);
    expect(judged('java -cp target/classes:/opt/lib/* com.example.Main')).toEqual([found('script', 'java -cp target/classes:/opt/lib/* com.example.Main',
      'runs java with the class path entry target/classes, of a workspace the repository fills, from which it loads the main class it runs')]);
    expect(judged('java -p mods -m app/app.Main')).toEqual([found('script', 'java -p mods -m app/app.Main',
      'runs java with the class path entry mods, of a workspace the repository fills, from which it loads the main class it runs')]);
    expect(judged('java @ci/jvm.opts -jar /opt/app.jar')).toEqual([found('script', 'java @ci/jvm.opts -jar /opt/app.jar',
      'runs java with the options of @ci/jvm.opts, a file of a workspace the repository fills, which may give it an agent or a class path to run')]);
    // not: what only prints, a jar or class path elsewhere, kotlin's inline code, kotlinc compiling, jshell's predefined scripts
    expect(judged('java -version\njava --version\njava -jar /opt/app.jar --config app.yaml\njava -cp /opt/app.jar Main\nkotlin -e "println(1)"\n'
      + 'kotlinc Main.kt -d out.jar\njshell DEFAULT PRINTING')).toEqual([]);
    expect(judged('java Main\njava -jar app.jar', '/opt/app')).toEqual([]);
  });

  test('git runs the program a setting or variable names (core.sshCommand, GIT_SSH_COMMAND, credential.helper …) and the hooks of core.hooksPath', () => {
    const judged = (script: string, more: Record<string, any> = {}) => check(taskWith({ name: 'build', image: IMAGE, workingDir: '$(workspaces.source.path)', script: `#!/bin/sh\n${script}\n`, ...more }));
    const runs = (line: string, setting: string, file: string) => [found('script', line, `runs git with ${setting}, which runs ${file}, a file of a workspace the repository fills`)];
    expect(judged('git -c core.hooksPath=.githooks commit -m x')).toEqual([found('script', 'git -c core.hooksPath=.githooks commit -m x',
      'runs git with core.hooksPath=.githooks, a directory of a workspace the repository fills, whose hooks git runs')]);
    // git status writes the refreshed index (post-index-change), git tag a ref (reference-transaction); log, show, config … run no hook
    for (const line of ['git -c core.hooksPath=.githooks status', 'git -C . -c core.hooksPath=.githooks tag v1']) {
      expect(judged(line)).toEqual([found('script', line, 'runs git with core.hooksPath=.githooks, a directory of a workspace the repository fills, whose hooks git runs')]);
    }
    // stored by git config (local, --global, git 2.46's `config set`): the git commands after it run them
    expect(judged('git config core.hooksPath .githooks\ngit commit -m x')).toEqual([found('script', 'git config core.hooksPath .githooks',
      'runs git config, which stores core.hooksPath=.githooks: a directory of a workspace the repository fills, whose hooks the git commands after it run')]);
    // its fix names the command to remove, as written
    expect(judged('git config core.hooksPath .githooks\ngit commit -m x').map((f: any) => f.fix)).toEqual(['Remove "git config core.hooksPath .githooks" from '
      + 'the script (git then runs only what the task gives it), or split the task: run the git commands that need the credentials in a task of its own that '
      + 'sets nothing of the repository into git\'s configuration.']);
    expect(judged('git config --global core.sshCommand "./hack/ssh.sh -v"')).toEqual([found('script', 'git config --global core.sshCommand "./hack/ssh.sh -v"',
      'runs git config, which stores core.sshCommand=./hack/ssh.sh -v: the git commands after it run ./hack/ssh.sh, a file of a workspace the repository fills')]);
    expect(judged('git config set --global core.hooksPath $(workspaces.source.path)/hooks', { workingDir: '/' })).toEqual([found('script',
      'git config set --global core.hooksPath $(workspaces.source.path)/hooks',
      'runs git config, which stores core.hooksPath=$(workspaces.source.path)/hooks: a directory of a workspace the repository fills, whose hooks the git commands after it run')]);
    expect(judged('git config --get core.hooksPath\ngit config core.hooksPath /opt/hooks\ngit config user.name ci\ngit config --unset core.sshCommand ./x.sh')).toEqual([]);
    // git config -f: a file git reads (a repository's .git/config, the user's or the system's configuration), or one a variable not known here names
    expect(judged('git config -f .git/config core.hooksPath .githooks\ngit commit -m x')).toEqual([found('script', 'git config -f .git/config core.hooksPath .githooks',
      'runs git config, which stores core.hooksPath=.githooks in .git/config: a directory of a workspace the repository fills, whose hooks the git commands after it run')]);
    expect(judged('git config --file=$HOME/.gitconfig core.sshCommand ./hack/ssh.sh')).toEqual([found('script', 'git config --file=$HOME/.gitconfig core.sshCommand ./hack/ssh.sh',
      'runs git config, which stores core.sshCommand=./hack/ssh.sh in $HOME/.gitconfig: the git commands after it run ./hack/ssh.sh, a file of a workspace the repository fills')]);
    expect(judged('git config --file "$CFG" core.hooksPath .githooks')).toEqual([found('script', 'git config --file "$CFG" core.hooksPath .githooks',
      'runs git config, which stores core.hooksPath=.githooks in $CFG (a file not known here, which may be git\'s configuration): a directory of a workspace the '
      + 'repository fills, whose hooks the git commands after it run')]);
    // not: another file, which git does not read (.gitmodules' submodule.<name>.update command is not run: only .git/config's)
    expect(judged('git config -f /tmp/ci.cfg core.hooksPath .githooks\ngit config --file=.gitmodules submodule.lib.update \'!./x.sh\'\n'
      + 'git config -f $(workspaces.source.path)/ci.cfg core.pager ./x.sh')).toEqual([]);
    // a file the step makes git's configuration otherwise (git 2.39 run: the hooks of a core.hooksPath stored in /tmp/ci.cfg ran where
    // GIT_CONFIG_GLOBAL or GIT_CONFIG_SYSTEM named it, where -c include.path named it, where extensions.worktreeConfig read .git/config.worktree,
    // where HOME or XDG_CONFIG_HOME named the directory of a .gitconfig or a git/config)
    const hooks = (line: string, why: string) => [found('script', line, `runs git config, which stores core.hooksPath=.githooks in ${why}: a directory of a workspace `
      + 'the repository fills, whose hooks the git commands after it run')];
    const stored = 'git config -f /tmp/ci.cfg core.hooksPath .githooks';
    for (const [then, why] of [
      ['GIT_CONFIG_GLOBAL=/tmp/ci.cfg git commit -m x', 'it names GIT_CONFIG_GLOBAL'],
      ['export GIT_CONFIG_SYSTEM=/tmp/ci.cfg', 'it names GIT_CONFIG_SYSTEM'],
      ['git -c include.path=/tmp/ci.cfg commit -m x', 'it names include.path'],
      ['git config --global includeIf.onbranch:main.path /tmp/ci.cfg', 'it names includeIf.onbranch:main.path'],
      ['GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=Include.Path GIT_CONFIG_VALUE_0=/tmp/ci.cfg git commit -m x', 'it names Include.Path'],
      ['ln -s /tmp/ci.cfg ~/.gitconfig', 'it names ci.cfg again, `ln -s /tmp/ci.cfg ~/.gitconfig`'],
      ['cd /tmp && cp ci.cfg $(workspaces.source.path)/.git/config', 'it names ci.cfg again, `cp ci.cfg $(workspaces.source.path)/.git/config`'],
      ['cp /tmp/*.cfg ~/.gitconfig', 'it names a file git reads as its configuration, `cp /tmp/*.cfg ~/.gitconfig`'],
    ]) {
      expect([then, judged(`${stored}\n${then}`)]).toEqual([then, hooks(stored, `/tmp/ci.cfg (a file the step may make git's configuration: ${why})`)]);
    }
    expect(judged(stored, { env: [{ name: 'GIT_CONFIG_GLOBAL', value: '/tmp/ci.cfg' }] }))
      .toEqual(hooks(stored, '/tmp/ci.cfg (a file the step may make git\'s configuration: it names GIT_CONFIG_GLOBAL)'));
    expect(judged(stored, { envFrom: [{ configMapRef: { name: 'git-env' } }] }))
      .toEqual(hooks(stored, '/tmp/ci.cfg (a file the step may make git\'s configuration: its envFrom may set GIT_CONFIG_GLOBAL)'));
    // a file of a name git reads as a repository's, the user's or the system's configuration, where a variable gives its directory
    for (const file of ['/tmp/h/.gitconfig', '/tmp/xdg/git/config', '.git/config.worktree', '/tmp/r.git/config', '.git/modules/lib/config', '/opt/etc/gitconfig', '/tmp/gd/config']) {
      const line = `git config -f ${file} core.hooksPath .githooks`;
      expect([file, judged(line)]).toEqual([file, hooks(line, `${file} (a file of a name git reads as its configuration, in a directory a repository, GIT_DIR, HOME, `
        + 'XDG_CONFIG_HOME or its prefix gives)')]);
    }
    // git's abbreviations of its long options (git 2.39 parse-options: `--fil` is `--file`, `--ty` is `--type`), a value glued to -f
    for (const line of ['git config --fil ~/.gitconfig core.hooksPath .githooks', 'git config -f.git/config core.hooksPath .githooks']) {
      expect([line, judged(line)]).toEqual([line, hooks(line, line.includes('--fil') ? '~/.gitconfig' : '.git/config')]);
    }
    expect(judged('git config --ty path core.hooksPath .githooks')).toEqual([found('script', 'git config --ty path core.hooksPath .githooks',
      'runs git config, which stores core.hooksPath=.githooks: a directory of a workspace the repository fills, whose hooks the git commands after it run')]);
    // not: --fi is ambiguous (git 2.39 refuses it), --li lists
    expect(judged('git config --fi .git/config core.hooksPath .githooks\ngit config --li core.hooksPath .githooks')).toEqual([]);
    // a configuration file of a workspace included (git 2.39 run: its core.hooksPath's hooks ran); git refuses a relative include given
    // by -c, and reads a stored one from the configuration file's directory
    const include = 'git -c include.path=$(workspaces.source.path)/.gitconfig push';
    expect(judged(include, { workingDir: '/' })).toEqual([found('script', include, 'runs git with include.path=$(workspaces.source.path)/.gitconfig, a file of a '
      + 'workspace the repository fills, whose settings (core.fsmonitor, core.hooksPath, core.sshCommand …) git reads, and runs their programs')]);
    const stores = 'git config --global includeIf.gitdir:/workspace/.path /workspace/source/ci/git.cfg';
    expect(judged(stores, { workingDir: '/' })).toEqual([found('script', stores, 'runs git config, which stores includeIf.gitdir:/workspace/.path=/workspace/source/ci/git.cfg: '
      + 'a file of a workspace the repository fills, whose settings (core.fsmonitor, core.hooksPath, core.sshCommand …) the git commands after it read, and run their programs')]);
    expect(judged('git -c include.path=ci/git.cfg push\ngit config --global include.path .gitconfig\ngit -c include.path=/etc/gitconfig.d/ci push')).toEqual([]);
    // includeIf: a condition that may hold for the repository checked out in a workspace (git-config(1) "Conditional includes")
    const INCLUDED = 'a file of a workspace the repository fills, whose settings (core.fsmonitor, core.hooksPath, core.sshCommand …) the git commands after it read, and run their programs';
    for (const condition of ['gitdir/i:/WORKSPACE/SOURCE/.git', 'gitdir:src/', 'gitdir:~/work/', 'gitdir:**/source/.git', 'onbranch:main', 'hasconfig:remote.*.url:https://github.com/**']) {
      const line = `git config --global includeIf.${condition}.path /workspace/source/ci/git.cfg`;
      expect(judged(line, { workingDir: '/' })).toEqual([found('script', line, `runs git config, which stores includeIf.${condition}.path=/workspace/source/ci/git.cfg: ${INCLUDED}`)]);
    }
    // not: a gitdir no workspace's repository can be in, a condition git does not know (it takes it as false)
    expect(judged('git config --global includeIf.gitdir:/home/dev/work/.path /workspace/source/ci/git.cfg\n'
      + 'git config --global includeIf.gitdir:/workspace/other/.path /workspace/source/ci/git.cfg\n'
      + 'git config --global includeIf.hostname:ci.path /workspace/source/ci/git.cfg\n'
      + 'git -c includeIf.gitdir:/srv/.path=/workspace/source/ci/git.cfg push', { workingDir: '/' })).toEqual([]);
    const printedIf = (condition: string) => `printf '[includeIf "${condition}"]\\n\\tpath = /workspace/source/ci/git.cfg\\n' >> ~/.gitconfig`;
    expect(judged(printedIf('onbranch:release/'), { workingDir: '/' })).toEqual([found('script', printedIf('onbranch:release/'),
      `writes includeif.onbranch:release/.path=/workspace/source/ci/git.cfg into ~/.gitconfig, git's configuration: ${INCLUDED}`)]);
    expect(judged(printedIf('gitdir:/home/dev/'), { workingDir: '/' })).toEqual([]);
    // git's worktree: and worktree/i: conditions (git since July 2026 config.c include_condition_is_true: the work tree's path, matched as gitdir's)
    for (const condition of ['worktree:/workspace/source/', 'worktree/i:/Workspace/', 'worktree:src']) {
      const line = `git config --global includeIf.${condition}.path /workspace/source/ci/git.cfg`;
      expect(judged(line, { workingDir: '/' })).toEqual([found('script', line, `runs git config, which stores includeIf.${condition}.path=/workspace/source/ci/git.cfg: ${INCLUDED}`)]);
    }
    // a directory outside the workspaces the step names otherwise, where it may put a repository of a workspace's (a copy, a clone)
    for (const then of ['cp -r /workspace/source /tmp/src', 'git clone /workspace/source /tmp/src', 'cd /tmp && git clone /workspace/source src', 'git clone $(params.url) /tmp/src/app']) {
      const line = 'git config --global includeIf.gitdir:/tmp/src/.path /workspace/source/ci/git.cfg';
      expect([then, judged(`${line}\n${then}`, { workingDir: '/' })]).toEqual([then, [found('script', line,
        `runs git config, which stores includeIf.gitdir:/tmp/src/.path=/workspace/source/ci/git.cfg: ${INCLUDED}`)]]);
    }
    expect(judged(`${printedIf('gitdir:/tmp/')}\ncp -r . /tmp/w`, { workingDir: '/' })).toEqual([found('script', printedIf('gitdir:/tmp/'),
      `writes includeif.gitdir:/tmp/.path=/workspace/source/ci/git.cfg into ~/.gitconfig, git's configuration: ${INCLUDED}`)]);
    // a subsection is part of the name; a URL's credential helper is one git runs
    const helper = "printf '[credential \"https://github.com\"]\\n\\thelper = !./ci/creds.sh\\n' >> ~/.gitconfig";
    expect(judged(helper)).toEqual([found('script', helper, 'writes credential.https://github.com.helper=!./ci/creds.sh into ~/.gitconfig, git\'s configuration: '
      + 'the git commands after it run ./ci/creds.sh, a file of a workspace the repository fills')]);
    // git's configuration file written by echo, printf, cat or tee (git 2.39 run: the hooks of a core.hooksPath printed into ~/.gitconfig ran)
    const printf = "printf '[core]\\n\\thooksPath = .githooks\\n' >> ~/.gitconfig";
    expect(judged(printf)).toEqual([found('script', printf,
      "writes core.hooksPath=.githooks into ~/.gitconfig, git's configuration: a directory of a workspace the repository fills, whose hooks the git commands after it run")]);
    // a file the step makes git's configuration by GIT_CONFIG_GLOBAL, GIT_CONFIG_SYSTEM or an include that names it (git 2.39 run: its hooks ran)
    const toCfg = "printf '[core]\\n\\thooksPath = .githooks\\n' > /tmp/ci.cfg";
    for (const then of ['GIT_CONFIG_GLOBAL=/tmp/ci.cfg git commit -m x', 'export GIT_CONFIG_SYSTEM="/tmp/ci.cfg"', 'git -c include.path=/tmp/ci.cfg commit -m x']) {
      expect([then, judged(`${toCfg}\n${then}`)]).toEqual([then, [found('script', toCfg, "writes core.hooksPath=.githooks into /tmp/ci.cfg, git's configuration: "
        + 'a directory of a workspace the repository fills, whose hooks the git commands after it run')]]);
    }
    expect(judged(`${toCfg}\nGIT_CONFIG_GLOBAL=/tmp/other.cfg git commit -m x`)).toEqual([]);
    expect(judged('cat >> .git/config <<EOF\n[core]\n  sshCommand = ./hack/ssh.sh -v\nEOF')).toEqual([found('script', 'cat >> .git/config <<EOF',
      "writes core.sshCommand=./hack/ssh.sh -v into .git/config, git's configuration: the git commands after it run ./hack/ssh.sh, a file of a workspace the repository fills")]);
    const tee = "echo '[include] path = $(workspaces.source.path)/ci/git.cfg' | tee -a $HOME/.gitconfig";
    expect(judged(tee, { workingDir: '/' })).toEqual([found('script', 'tee -a $HOME/.gitconfig', "writes include.path=$(workspaces.source.path)/ci/git.cfg into $HOME/.gitconfig, git's "
      + 'configuration: a file of a workspace the repository fills, whose settings (core.fsmonitor, core.hooksPath, core.sshCommand …) the git commands after it read, and run their programs')]);
    expect(judged("printf '[user]\\n\\tname = ci\\n[core]\\n\\thooksPath = /opt/hooks\\n' >> ~/.gitconfig\necho '[core] pager = less' > .git/config")).toEqual([]);
    expect(judged('git -c core.hooksPath=.githooks log --oneline\ngit -c core.hooksPath=.githooks -C . rev-parse HEAD\ngit -c core.hooksPath=.githooks show HEAD:go.mod')).toEqual([]);
    expect(judged('git -c core.sshCommand=./hack/ssh.sh push')).toEqual(runs('git -c core.sshCommand=./hack/ssh.sh push', 'core.sshCommand=./hack/ssh.sh', './hack/ssh.sh'));
    expect(judged('GIT_SSH_COMMAND="./hack/ssh.sh -v" git push')).toEqual(runs('GIT_SSH_COMMAND="./hack/ssh.sh -v" git push', 'GIT_SSH_COMMAND=./hack/ssh.sh -v', './hack/ssh.sh'));
    expect(judged("git -c 'credential.helper=!./x.sh' push")).toEqual(runs("git -c 'credential.helper=!./x.sh' push", 'credential.helper=!./x.sh', './x.sh'));
    expect(judged('GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=core.pager GIT_CONFIG_VALUE_0=./x.sh git log'))
      .toEqual(runs('GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=core.pager GIT_CONFIG_VALUE_0=./x.sh git log', 'core.pager=./x.sh', './x.sh'));
    expect(judged('export GIT_SSH_COMMAND=./hack/ssh.sh\ngit push')).toEqual(runs('git push', 'GIT_SSH_COMMAND=./hack/ssh.sh', './hack/ssh.sh'));
    expect(judged('git push', { env: [{ name: 'GIT_EXTERNAL_DIFF', value: 'ci/diff.sh' }] })).toEqual(runs('git push', 'GIT_EXTERNAL_DIFF=ci/diff.sh', 'ci/diff.sh'));
    // exported as bash exports it (bash 5.2 run): by export after it, set -a or set -o allexport before it, eval's export, or given by the container's env
    for (const script of ['GIT_SSH_COMMAND=./hack/ssh.sh\nexport GIT_SSH_COMMAND', 'set -a\nGIT_SSH_COMMAND=./hack/ssh.sh', 'set -o allexport\nGIT_SSH_COMMAND=./hack/ssh.sh',
      'GIT_SSH_COMMAND=./hack/ssh.sh\neval "export GIT_SSH_COMMAND"']) {
      expect([script, judged(`${script}\ngit push`)]).toEqual([script, runs('git push', 'GIT_SSH_COMMAND=./hack/ssh.sh', './hack/ssh.sh')]);
    }
    expect(judged('GIT_SSH_COMMAND=./hack/ssh.sh\ngit push', { env: [{ name: 'GIT_SSH_COMMAND', value: 'ssh' }] })).toEqual(runs('git push', 'GIT_SSH_COMMAND=./hack/ssh.sh', './hack/ssh.sh'));
    // not exported: bash passes git none of it (bash 5.2 run: `GIT_SSH_COMMAND=…; git push` ran ssh), nor an export after git ran
    for (const script of ['GIT_SSH_COMMAND=./hack/ssh.sh\ngit push', 'GIT_SSH_COMMAND=./hack/ssh.sh\ngit push\nexport GIT_SSH_COMMAND', 'export OTHER GIT_SSH=x\nGIT_SSH_COMMAND=./hack/ssh.sh\ngit push']) {
      expect([script, judged(script)]).toEqual([script, []]);
    }
    // BASH_ENV alike: a bash it starts sources it only where exported (bash 5.2 run: `BASH_ENV=…; bash -c true` sourced nothing, `export BASH_ENV` it)
    expect(judged('BASH_ENV=ci/env.sh\nbash /opt/tool.sh')).toEqual([]);
    expect(judged('set -a\nBASH_ENV=ci/env.sh\nbash /opt/tool.sh')).toEqual([found('script', 'bash /opt/tool.sh', SOURCES_BASH_ENV)]);
    // (what is assigned while allexport holds, read or assigned, a `set +a` after it or one that may not run, a `shopt -u` without -o, which bash
    // refuses; not what is assigned after `set +a` or `shopt -uo allexport`, nor before `set -a`: bash 5.2 run, `set -a; BASH_ENV=./env.sh; set +a`,
    // `set -a; read -r BASH_ENV <<< ./env.sh; set +a` and `set -a; shopt -u allexport; BASH_ENV=./env.sh`, then `bash -c true`, sourced it; `set -a;
    // set +a; BASH_ENV=…`, `set -a; shopt -uo allexport; BASH_ENV=…` and `BASH_ENV=…; set -a` nothing)
    for (const script of ['set -a\nBASH_ENV=ci/env.sh\nset +a', 'set -a\nread -r BASH_ENV <<< ci/env.sh\nset +a', 'set -a\nshopt -u allexport\nBASH_ENV=ci/env.sh',
      'set -a\nif [ -n "$X" ]; then set +a; fi\nBASH_ENV=ci/env.sh']) {
      expect([script, judged(`${script}\nbash /opt/tool.sh`)]).toEqual([script, [found('script', 'bash /opt/tool.sh', SOURCES_BASH_ENV)]]);
    }
    for (const script of ['set -a\nset +a\nBASH_ENV=ci/env.sh', 'set -a\nshopt -uo allexport\nBASH_ENV=ci/env.sh', 'set -a\nshopt -u -o allexport\nBASH_ENV=ci/env.sh',
      'BASH_ENV=ci/env.sh\nset -a']) {
      expect([script, judged(`${script}\nbash /opt/tool.sh`)]).toEqual([script, []]);
    }
    // (and where the #! line starts bash with allexport, after an `export -n` where assigned again: bash 5.2 run, `#!/bin/bash -a` then `V=1; env` printed
    // V=1, `export -n V; env` nothing, `V=3; env` V=3, and `GIT_DIR=/ws/.git; git rev-parse --git-dir` printed /ws/.git)
    for (const script of ['BASH_ENV=ci/env.sh\nbash /opt/tool.sh', 'BASH_ENV=ci/env.sh\nexport -n BASH_ENV\nBASH_ENV=ci/env.sh\nbash /opt/tool.sh']) {
      expect([script, judged('', { script: `#!/bin/bash -a\n${script}\n` })]).toEqual([script, [found('script', 'bash /opt/tool.sh', SOURCES_BASH_ENV)]]);
    }
    expect(judged('', { script: '#!/bin/bash -a\nBASH_ENV=ci/env.sh\nexport -n BASH_ENV\nbash /opt/tool.sh\n' })).toEqual([]);
    // `export -n NAME`, `declare +x NAME` or `unset NAME` after the export stops it (bash 5.2 run: `export BASH_ENV=…; export -n BASH_ENV; bash -c true`
    // sourced nothing, nor after `unset` or `declare +x`, nor GIT_SSH_COMMAND's program ran); one that may not run (in an if) does not, nor one exported again
    for (const cleared of ['export -n BASH_ENV', 'unset BASH_ENV', 'declare +x BASH_ENV', 'typeset +x BASH_ENV']) {
      expect([cleared, judged(`export BASH_ENV=ci/env.sh\n${cleared}\nbash /opt/tool.sh`)]).toEqual([cleared, []]);
      expect([cleared, judged(`export BASH_ENV=ci/env.sh\nif [ -n "$X" ]; then ${cleared}; fi\nbash /opt/tool.sh`)])
        .toEqual([cleared, [found('script', 'bash /opt/tool.sh', SOURCES_BASH_ENV)]]);
    }
    expect(judged('export BASH_ENV=ci/env.sh\ndeclare +x BASH_ENV\nexport BASH_ENV\nbash /opt/tool.sh')).toEqual([found('script', 'bash /opt/tool.sh', SOURCES_BASH_ENV)]);
    expect(judged('export GIT_SSH_COMMAND=./hack/ssh.sh\nexport -n GIT_SSH_COMMAND\ngit push')).toEqual([]);
    expect(judged('git push\nunset GIT_SSH_COMMAND', { env: [{ name: 'GIT_SSH_COMMAND', value: 'ci/ssh.sh' }] })).toEqual(runs('git push', 'GIT_SSH_COMMAND=ci/ssh.sh', 'ci/ssh.sh'));
    expect(judged('unset GIT_SSH_COMMAND\ngit push', { env: [{ name: 'GIT_SSH_COMMAND', value: 'ci/ssh.sh' }] })).toEqual([]);
    // not: programs of PATH or outside the workspaces, a helper git names itself, hooks elsewhere, a relative path from another -C
    expect(judged('git -c core.pager=less log\nGIT_SSH_COMMAND="ssh -i /creds/key" git push\ngit -c credential.helper=store push\n'
      + "git -c 'credential.helper=!f() { echo x; }; f' push\ngit -c core.hooksPath=/dev/null commit -m x\ngit -C /tmp/w -c core.sshCommand=./ssh.sh push")).toEqual([]);
  });

  test('the file git config -f, a copy or a write names is read as the shell reads the path: pieces, variables, globs, escapes', () => {
    const judged = (script: string, more: Record<string, any> = {}) => check(taskWith({ name: 'build', image: IMAGE, workingDir: '$(workspaces.source.path)', script: `#!/bin/bash\n${script}\n`, ...more }));
    const HOOKS = 'a directory of a workspace the repository fills, whose hooks the git commands after it run';
    const stores = (line: string, file: string) => [found('script', line, `runs git config, which stores core.hooksPath=.githooks in ${file}: ${HOOKS}`)];
    // pieces, escapes and quotes the shell joins and removes, a variable the script assigns: git's configuration by its path
    for (const [script, line, file] of [
      ['git config -f "$HOME/.git""config" core.hooksPath .githooks', 'git config -f "$HOME/.git""config" core.hooksPath .githooks', '$HOME/.gitconfig'],
      ['D=.git; git config -f $D/config core.hooksPath .githooks', 'git config -f $D/config core.hooksPath .githooks', '.git/config'],
      ['git config -f .git\\/config core.hooksPath .githooks', 'git config -f .git\\/config core.hooksPath .githooks', '.git/config'],
      ["git config -f '.git'/config core.hooksPath .githooks", "git config -f '.git'/config core.hooksPath .githooks", '.git/config'],
    ]) {
      expect([script, judged(script)]).toEqual([script, stores(line, file)]);
    }
    // a glob the shell expands (bash 5.2: a word with `*`, `?` or `[…]` that matches a file becomes its path): any name it may match
    const GLOBBED = 'a glob the shell may expand to a file of a name git reads as its configuration';
    const IN = 'in a directory a repository, GIT_DIR, HOME, XDG_CONFIG_HOME or its prefix gives';
    for (const [line, name] of [['git config -f ~/.gitconf* core.hooksPath .githooks', '.gitconfig'], ['git config -f .git/conf?g core.hooksPath .githooks', 'config'],
      ['git config -f .git/conf[i]g core.hooksPath .githooks', 'config'], ['git config -f /tmp/* core.hooksPath .githooks', 'config']]) {
      const file = line.split(' ')[3];
      expect([line, judged(line)]).toEqual([line, stores(line, `${file} (${GLOBBED}, ${name}, ${IN})`)]);
    }
    // not: a glob no such name matches (`*.cfg`), a `*` that matches no name starting with `.` (bash's default)
    expect(judged('git config -f /tmp/*.cfg core.hooksPath .githooks\ngit config -f ~/.*.cfg core.hooksPath .githooks')).toEqual([]);
    // a file the step makes git's configuration by a path the shell reads so: a glob, a variable the script assigns, or one not known here
    const stored = 'git config -f /tmp/ci.cfg core.hooksPath .githooks';
    const MAY = "/tmp/ci.cfg (a file the step may make git's configuration: it names a path the shell may read as a file git reads as its configuration";
    for (const [then, text] of [['cp /tmp/c?.cfg ~/.gitconf*', 'cp /tmp/c?.cfg ~/.gitconf*'], ['cp /tmp/c?.cfg .git/conf[i]g', 'cp /tmp/c?.cfg .git/conf[i]g'],
      ['ln -s /tmp/c?.cfg "$D/config"', 'ln -s /tmp/c?.cfg $D/config'], ['cp /tmp/c?.cfg ~/.*', 'cp /tmp/c?.cfg ~/.*'],
      ['shopt -s dotglob\ncp /tmp/c?.cfg ~/*', 'cp /tmp/c?.cfg ~/*']]) {
      expect([then, judged(`${stored}\n${then}`)]).toEqual([then, stores(stored, `${MAY}, \`${text}\`)`)]);
    }
    expect(judged(`${stored}\nX=/tmp/c?.cfg; G=.gi; cp $X "$HOME/${'$'}{G}tconfig"`)).toEqual(stores(stored,
      "/tmp/ci.cfg (a file the step may make git's configuration: it names a file git reads as its configuration, `cp /tmp/c?.cfg $HOME/.gitconfig`)"));
    expect(judged(`${stored}\nF=/tmp/ci.cfg; export GIT_CONFIG_GLOBAL=$F`)).toEqual(stores(stored, "/tmp/ci.cfg (a file the step may make git's configuration: it names GIT_CONFIG_GLOBAL)"));
    // not: globs and variables that match none of git's configuration files (`*` matches no `.gitconfig`, `/tmp/*` no system one), a variable alone
    expect(judged(`${stored}\ncp -r src/* /out/ && rm -rf /tmp/* && ls ~/* && cp /tmp/c?.cfg "$DEST" && echo $CFG/x`)).toEqual([]);
    // written by printf, echo, cat or tee: into a glob that may be git's configuration, a file a variable not known here names, or one
    // GIT_CONFIG_GLOBAL names by a variable the script assigns or one not known here
    const printed = (file: string) => `printf '[core]\\n\\thooksPath = .githooks\\n' > ${file}`;
    const writes = (line: string, into: string) => [found('script', line, `writes core.hooksPath=.githooks into ${into}: ${HOOKS}`)];
    expect(judged(printed('~/.gitconf*'))).toEqual(writes(printed('~/.gitconf*'), "~/.gitconf*, which may be git's configuration (a glob the shell may expand to one of git's configuration files)"));
    expect(judged(printed('"$CFG"'))).toEqual(writes(printed('"$CFG"'), "$CFG, a file not known here, which may be git's configuration"));
    expect(judged(printed('"$HOME/.git""config"'))).toEqual(writes(printed('"$HOME/.git""config"'), "$HOME/.gitconfig, git's configuration"));
    expect(judged(`${printed('/tmp/x')}\nF=/tmp/x; export GIT_CONFIG_GLOBAL=$F`)).toEqual(writes(printed('/tmp/x'), "/tmp/x, git's configuration"));
    expect(judged(`${printed('/tmp/x')}\nexport GIT_CONFIG_GLOBAL=$F`)).toEqual(writes(printed('/tmp/x'),
      "/tmp/x, which may be git's configuration (the step gives GIT_CONFIG_GLOBAL=$F, a value not known here)"));
    // not: a glob no configuration file matches; a file another variable names (an assignment is not globbed: `/tmp/?` is that name)
    expect(judged(`${printed('/tmp/*.cfg')}\n${printed('/tmp/x')}\nexport GIT_CONFIG_GLOBAL=/tmp/?\nF=/tmp/y; GIT_CONFIG_SYSTEM=$F git commit -m x`)).toEqual([]);
  });

  test('helm\'s post-renderer and a plugin installed from a workspace, kustomize\'s exec and alpha plugins on a workspace\'s kustomization', () => {
    const judged = (script: string, workingDir = '$(workspaces.source.path)') => check(taskWith({ name: 'build', image: IMAGE, workingDir, script: `#!/bin/sh\n${script}\n` }));
    expect(judged('helm template x . --post-renderer ./hack/pr.sh')).toEqual([found('script', 'helm template x . --post-renderer ./hack/pr.sh',
      'runs helm with the post-renderer ./hack/pr.sh, a file of a workspace the repository fills')]);
    expect(judged('helm upgrade --install x chart --post-renderer=hack/pr.sh')).toEqual([found('script', 'helm upgrade --install x chart --post-renderer=hack/pr.sh',
      'runs helm with the post-renderer hack/pr.sh, a file of a workspace the repository fills')]);
    const plugin = 'helm plugin install $(workspaces.source.path)/plugins/diff';
    expect(judged(plugin, '/')).toEqual([found('script', plugin,
      'runs helm plugin install $(workspaces.source.path)/plugins/diff, a directory of a workspace the repository fills, whose hooks and command helm runs')]);
    const KUSTOMIZE = 'runs kustomize with exec or alpha plugins, which the kustomization of the repository names: the repository\'s code';
    expect(judged('kustomize build --enable-alpha-plugins --enable-exec overlays/prod')).toEqual([found('script', 'kustomize build --enable-alpha-plugins --enable-exec overlays/prod', KUSTOMIZE)]);
    expect(judged('kustomize build -o /tmp/o.yaml --enable-exec $(workspaces.source.path)/deploy', '/'))
      .toEqual([found('script', 'kustomize build -o /tmp/o.yaml --enable-exec $(workspaces.source.path)/deploy', KUSTOMIZE)]);
    expect(judged('kubectl kustomize --enable-alpha-plugins')).toEqual([found('script', 'kubectl kustomize --enable-alpha-plugins', KUSTOMIZE)]);
    // not: a post-renderer of PATH, a plugin of a URL, kustomize without plugins, or on a kustomization elsewhere
    expect(judged('helm template x . --post-renderer kustomize-pr\nhelm plugin install https://github.com/databus23/helm-diff\n'
      + 'kustomize build overlays/prod\nhelm upgrade --install x ./chart')).toEqual([]);
    expect(judged('kustomize build --enable-exec /opt/k\nkustomize build --enable-exec', '/')).toEqual([]);
  });

  test('not repository code in a workspace: code given inline, a bare program name (looked up in PATH), absolute paths, option values, heredoc bodies, find and xargs running tools', () => {
    const inline = '#!/bin/sh\nperl -ne 1\nruby -e 1\nbash /usr/local/bin/ci.sh\nrelease.sh\nsh -c "echo hi"\n'
      + 'bash -o pipefail -c "echo hi"\npython3 -W ignore /opt/tool.py\ncat > notes.txt <<EOF\nmake all\nnpm ci\nEOF\n'
      // registry packages, not the repository: pip, go install at a version, npm -g
      + 'pip install awscli==1.32.0\ngo install github.com/google/ko@v0.15.0\nnpm install -g semver@7.6.0\necho $((1<<2))\ntr a b <<< hello\n'
      // redirections are not commands: `&>` and `2>&1` do not split a line, and a leading `>out` is no program
      + 'oras blob fetch x &>/dev/null\ncurl -s https://example.com 2>&1 | tee log\n>out/list.txt ls\nsleep 1 &\n'
      // find that runs no file it finds, and none of the repository's tools
      + "find . -type f -exec chmod 644 {} +\nfind /etc/ssl -name '*.pem' -exec cat {} \\;\nfind . -name '*.tmp' -delete\nls | xargs -n1 echo\n";
    expect(check(taskWith({ name: 'a', image: IMAGE, workingDir: '$(workspaces.source.path)', script: inline }))).toEqual([]);
  });

  test('not repository code: variables whose value is known and not the repository\'s, run as code; unknown variables that run nothing; case patterns, [[ ]] and (( ))', () => {
    const script = '#!/bin/bash\nTOOL=/usr/local/bin/lint\n"$TOOL" --check\nSUDO=""\n$SUDO apt-get update\nCMD="echo hi"\nsh -c "$CMD"\neval "$CMD"\nbash "$HELPER"\n'
      // a variable the step's env sets, a prefix assignment that is the program's environment only, a value in single quotes
      + 'RUN=./build.sh true\n"$RUN"\nif command -v "$LINTER" >/dev/null; then echo found; fi\nX=\'$(workspaces.source.path)/x.sh\'\necho "$X" "$UNKNOWN" > /tmp/out\n'
      + 'case "$f" in\n  "$dir" | "$dir/"*) echo in ;;\nesac\nwhile read -r line; do [[ -n "$line" && ! "$line" =~ ^# ]] && echo "$line"; done < list\n(( $n > 0 )) || exit 1\n';
    expect(check(taskWith({ name: 'a', image: IMAGE, workingDir: '$(workspaces.source.path)', script, env: [{ name: 'HELPER', value: '/opt/helper.sh' }, { name: 'RUN', value: '/opt/run.sh' }] }))).toEqual([]);
  });

  test('a variable that holds a command line whose program is known, some arguments not, run unquoted: read as that line (bash 5.2 run)', () => {
    const judged = (script: string) => check(taskWith({ name: 'build', image: IMAGE, workingDir: '$(workspaces.source.path)', script: `#!/bin/bash\n${script}\n` }));
    // helm runs, whatever CHART and REGISTRY hold
    expect(judged('helm_push_command="helm push ${CHART}.tgz oci://${REGISTRY}"\n$helm_push_command')).toEqual([]);
    expect(judged('cmd="./ci/push.sh --tag ${VERSION}"\n$cmd')).toEqual([found('script', '$cmd', WORKSPACE_FILE)]);
    expect(judged('cmd="make ${TARGET}"\n$cmd')).toEqual([found('script', '$cmd', BUILDS)]);
    // each value a branch leaves is read
    expect(judged('if [ -n "$A" ]; then c="helm push $X"; else c="./ci/x.sh $X"; fi\n$c')).toEqual([found('script', '$c', WORKSPACE_FILE)]);
    // not known: quoted (one word, the whole line), its program not known, a substitution in it, an IFS the script sets, a value appended
    // to, one assigned again after the function that runs it
    const unknown = (v: string) => `runs ${v} as a command, and what ${v} holds is not known here: it may be the repository's code`;
    for (const [script, value] of [
      ['c="helm push $X"\n"$c"', '"$c"'],
      ['c="$T push"\n$c', '$c'],
      ['c="helm push $(cat v)"\n$c', '$c'],
      ['c="helm push $X"\nIFS=:\n$c', '$c'],
      ['c="helm push $X"\nif [ -n "$A" ]; then c="$c --insecure"; fi\n$c', '$c'],
      ['c="helm push $X"\nf() { $c; }\nc="./ci/y.sh $X"\nf', '$c'],
    ]) expect([script, judged(script)]).toEqual([script, [found('script', value, unknown(value.replace(/"/g, '')))]]);
  });

  test('a nushell script is not read (its language is not a shell\'s): a conservative finding where the task has a workspace', () => {
    expect(check(taskWith({ name: 'build', image: IMAGE, script: '#!/usr/bin/env nu\n^./source/ci.sh\n' })))
      .toEqual([found('script', '#!/usr/bin/env nu', "runs a nu script the rule does not read: it may run the repository's code")]);
  });

  test('not repository code: a loop\'s variable over words outside the workspaces, a list with no word (no round), the last word after the loop', () => {
    for (const script of [
      'for f in /opt/a.sh /opt/b.sh; do "$f"; done',
      'L="/opt/a /opt/b"; for f in $L; do "$f"; done',
      'f=/opt/a; for f in; do "$f"; done; "$f"',
      'cd /tmp; source "$(pwd)/x"; . "$(dirname "$0")/lib.sh"; . $(echo /opt/x)',
      'for f in /opt/a; do :; done; "$f"',
      'for f in /opt/a; do for g in /opt/b; do "$f" "$g"; done; done',
    ]) {
      const t = taskWith({ name: 'a', image: IMAGE, workingDir: '$(workspaces.source.path)', script: `#!/bin/bash\n${script}\n` });
      expect([script, check(t)]).toEqual([script, []]);
    }
  });

  test('not repository code: a shell fed a heredoc, a here-string or a file that runs no build, a trap that resets or cleans up, a script piped from elsewhere', () => {
    const script = "#!/bin/bash\nsh <<EOF\necho hi\nEOF\nbash -s -- x <<'EOF'\necho \"$1\"\nEOF\nsh <<< 'echo hi'\nbash < /opt/setup.sh\ntrap - EXIT\n"
      + "trap 'rm -f /tmp/x' EXIT\ncat /opt/install.sh | sh\ncurl -fsSL https://example.com/install.sh | bash\nsudo -u builder true\ncommand -v \"${TOOL:-tool}\"\ncommand -v make >/dev/null || command -V cmake\nalias ll='ls -l'\nll /tmp\n"
      + 'OC=(oc --insecure-skip-tls-verify="$INSECURE")\n"${OC[@]}" get pods\n'
      // echo and printf that pipe no build, or nothing (their output sent to a file, printf -v)
      + "echo 'echo hi' | sh\necho 'make all' > /tmp/x | sh\nprintf -v X 'make all' | sh\nprintf '%s\\n' 'date' | bash\necho 'make all' | cat\n"
      + 'cat /opt/x.sh <<EOF | sh\nmake all\nEOF\ncat <<EOF | kubectl apply -f -\nkind: ConfigMap\nEOF\n';
    expect(check(taskWith({ name: 'a', image: IMAGE, workingDir: '$(workspaces.source.path)', script }))).toEqual([]);
  });

  test('not repository code: a script downloaded into a process substitution that a shell sources or reads, in a workspace directory (not a file of that name)', () => {
    const script = '#!/bin/bash\nsource <(curl -sSL "$(params.url)/scripts/setup.sh")\n. <(curl -fsSL https://example.com/x.sh | sed s/a/b/)\n'
      + 'bash <(wget -qO- https://example.com/install.sh)\nsh < <(curl -fsSL https://example.com/x.sh)\ncat /opt/x.sh < ci.sh | sh\n'
      // filters of files outside the workspaces, of no file (a number, a URL, the script alone), tr's sets
      + "source <(grep -v '^#' /etc/ci/env)\nsed 's/a/b/' /opt/x.sh | sh\nsource <(head -n 5)\nsource <(tr a-z A-Z < /opt/x)\n"
      + "source <(curl -sSL -H 'Authorization: token x' https://example.com/y.sh)\n"
      // a pipe from a workspace file that a filter leaves (its files, its own input given) or that ends before the shell
      + "cat ci.sh | sed 's/a/b/' /opt/x | sh\ncat ci.sh | tr -d x < /opt/y | sh\ncat ci.sh | tr -d '\\r' > /tmp/x; echo hi | sh\n";
    expect(check(taskWith({ name: 'a', image: IMAGE, workingDir: '$(workspaces.source.path)', script }))).toEqual([]);
  });

  test('not repository code: sudo and doas where they run no command (edit, list, validate, help, a configuration check, options refused together)', () => {
    const script = '#!/bin/sh\nsudo -e Makefile\nsudoedit Makefile\nsudo -l make all\nsudo --list -U ci make\nsudo -v\nsudo -K\nsudo -sh make all\nsudo -i -s make all\n'
      + 'doas -C /etc/doas.conf make all\ndoas -s make all\ndoas -L\nsudo -u make true\ndoas -u make true\nsudo -R /sysroot /bin/true\nsudo -R $(workspaces.source.path) -l\n';
    expect(check(taskWith({ name: 'a', image: IMAGE, workingDir: '$(workspaces.source.path)', script }))).toEqual([]);
  });

  test('not repository code: a runner whose command runs none, an option value that names a build, a chroot outside the workspaces', () => {
    const script = "#!/bin/sh\nwatch -n 5 kubectl get pods\nwatch -n make date\nflock -n /tmp/l -c 'echo locked'\nflock -E 3 /tmp/make echo\nflock 9\n"
      + 'chroot /sysroot /bin/true\nrunuser -u builder -- echo make\nrunuser -s /bin/bash builder -c true\nsu - builder\nsetpriv --groups make id\n'
      + 'unshare --setgroups deny -r id\nnsenter --target 1 --mount --uts hostname\nxvfb-run -e /tmp/make.log firefox --version\n';
    expect(check(taskWith({ name: 'a', image: IMAGE, workingDir: '/tmp', script }))).toEqual([]);
  });

  test('not repository code: a variable that holds the path of a program that builds nothing (K=$(command -v kubectl), then $K)', () => {
    const script = '#!/bin/sh\nK=$(command -v kubectl)\n$K apply -f /tmp/x.yaml\nJQ=`which jq`\n"$JQ" -r .a /tmp/x.json\n';
    expect(check(taskWith({ name: 'a', image: IMAGE, workingDir: '$(workspaces.source.path)', script }))).toEqual([]);
    // looked up only in an if: not known, so a finding as before
    expect(check(taskWith({ name: 'build', image: IMAGE, script: '#!/bin/sh\nif [ -z "$K" ]; then K=$(command -v kubectl); fi\n$K apply\n' }))).toEqual([
      found('script', '$K apply', "runs $K as a command, and what $K holds is not known here: it may be the repository's code"),
    ]);
  });

  test('not repository code: a startup file outside the workspaces, and shells that do not source BASH_ENV or ENV (interactive bash, posix mode, sh)', () => {
    const script = '#!/bin/bash\nBASH_ENV=/etc/ci/env.sh bash -c true\nBASH_ENV=ci/env.sh bash -ic true\nBASH_ENV=ci/env.sh bash --posix -c true\n'
      + 'BASH_ENV=ci/env.sh sh -c true\nENV=ci/env.sh sh -c true\nENV=ci/env.sh bash -ic true\nBASH_ENV= bash -c true\nBASH_ENV=ci/env.sh bash -pc true\n'
      + 'BASH_ENV=ci/env.sh bash -o privileged /opt/x.sh\nENV=ci/env.sh bash --posix -pi\nbash --rcfile ci/rc.sh -c true\nbash --norc -i -c true\nbash -rcfile ci/rc.sh -c true\nENV=ci/env.sh bash -i -c true\ncp ci/x.sh ~/.bash_logout\nbash -i -c true\n'
      + 'BASH_ENV=ci/env.sh watch -n 1 true\nunshare -w /tmp ./x.sh\nsu -s /bin/zsh builder -c true\ncommand -v ./build.sh\ncommand -pv make\n';
    expect(check(taskWith({ name: 'a', image: IMAGE, workingDir: '$(workspaces.source.path)', script }))).toEqual([]);
    // the container's BASH_ENV reaches bash only: a #!/bin/sh script
    expect(check(taskWith({ name: 'a', image: IMAGE, env: [{ name: 'BASH_ENV', value: '$(workspaces.source.path)/env.sh' }], script: '#!/bin/sh\necho hi\n' }))).toEqual([]);
  });

  test('not repository code: a variable that every branch of an if or case sets to a value that runs none, read there or after', () => {
    const script = '#!/bin/bash\nif [ "$T" = a ]; then\n  RUN="kubectl apply -f /tmp/x.yaml"\nelse\n  RUN="echo skip"\nfi\nsh -c "$RUN"\n$RUN\n'
      + 'case "$R" in\n  a) C=kubectl ;;\n  *) C=oc ;;\nesac\n"$C" get pods\n'
      // an array assigned in an else, grown in an if without else, run in that else (the SAST tasks' csfilter-kfp), after
      // ifs that set other variables (more sets of values than are followed apart: those no longer read are let go first)
      + ['A', 'B', 'C'].map((v) => `${v}=1\nif [ -n "$Y" ]; then ${v}=2; fi\necho "$${v}"\n`).join('')
      + 'if [ -z "$K" ]; then\n  echo none\nelse\n  CMD=(\n    csfilter-kfp\n    --verbose\n  )\n  if [ "$E" == "true" ]; then\n    CMD+=(--record-excluded=x.json)\n  fi\n'
      + '  "${CMD[@]}" in.json > out.json\nfi\n'
      + 'if [ -n "$A" ]; then T=/usr/bin/a; elif [ -n "$B" ]; then T=/usr/bin/b; else T=/usr/bin/c; fi\n"$T"\n';
    expect(check(taskWith({ name: 'a', image: IMAGE, workingDir: '$(workspaces.source.path)', script }))).toEqual([]);
  });

  test('a script whose words are named like properties of every object (`constructor`, `valueOf` …) is read as any other', () => {
    const names = Object.getOwnPropertyNames(Object.prototype);
    const script = `#!/bin/sh\n${names.map((n) => `${n} ${n}\ndocker ${n}\nif ${n}; then ${n}; fi\nenv -S '${n}' x`).join('\n')}\nmake all\n`;
    expect(check(taskWith({ name: 'build', image: IMAGE, script })).map((f) => f.value)).toEqual(['make all']);
    expect(check(taskWith({ name: 'build', image: IMAGE, command: ['constructor', 'valueOf'] }))).toEqual([]);
  });

  test('not repository code: assignments (a quoted command substitution, +=, an array over lines), and the args of a script, which are its arguments', () => {
    const script = '#!/bin/bash\nsource_dir=$(realpath "source")\nDIR="$(basename "a/b")"\nOPTS+=("--security-opt=unmask=/proc/interrupts")\nX+=a/b\n'
      + 'cmd=(\n  buildah build\n  # the image\n  -t x\n)\necho "${cmd[@]}" $((1 + (2 * 3)))\n';
    expect(check(taskWith({ name: 'a', image: IMAGE, workingDir: '$(workspaces.source.path)', script }))).toEqual([]);
    // with a script, Tekton runs the script with args as "$@" (and refuses a command beside it)
    expect(check(taskWith({ name: 'a', image: IMAGE, script: '#!/bin/sh\nwc -c "$@"\n', args: ['$(workspaces.source.path)/hack/report.sh'] }))).toEqual([]);
    // the same args with no script are the program
    expect(check(taskWith({ name: 'build', image: IMAGE, args: ['$(workspaces.source.path)/hack/report.sh'] }))).toEqual([
      found('args', '$(workspaces.source.path)/hack/report.sh', 'runs a file of a workspace the repository fills'),
    ]);
  });

  test('one finding per step, the first thing seen: the image before the command', () => {
    expect(check(taskWith({ name: 'build', image: KANIKO, command: ['/kaniko/executor'] }), pipeline())).toEqual([
      found('image', KANIKO, `is kaniko, a container builder, ${BUILDER}`),
    ]);
  });

  test('the stepTemplate under each step, and a StepAction in place of the step that refers to it', () => {
    const templated = taskWith({ name: 'build', script: '#!/bin/sh\necho\n' });
    templated.spec.stepTemplate = { image: KANIKO };
    expect(check(templated).map((f) => [f.location, f.property])).toEqual([["task 'push' step 'build'", 'image']]);
    const action = { apiVersion: 'tekton.dev/v1beta1', kind: 'StepAction', metadata: { name: 'gradle', namespace: 'ci' }, spec: { image: IMAGE, script: '#!/bin/sh\n./gradlew build\n' } };
    const viaAction = taskWith({ name: 'build', ref: { name: 'gradle' } });
    expect(check(viaAction, pipeline(), action).map((f) => [f.location, f.value])).toEqual([["task 'push' step 'build'", './gradlew build']]);
  });

  test('a StepAction\'s image from its params: the value its step passes, with the task\'s params in place, else its default', () => {
    const BUILDAH = 'quay.io/buildah/stable:v1.30';
    const action = (params: any[], image = '$(params.image)') => ({
      apiVersion: 'tekton.dev/v1beta1',
      kind: 'StepAction',
      metadata: { name: 'build-image', namespace: 'ci' },
      spec: { params, image, args: ['bud', '.'] },
    });
    const task = (stepParams?: any[], taskParams: any[] = []) => {
      const t = taskWith({ name: 'build', ref: { name: 'build-image' }, ...stepParams === undefined ? {} : { params: stepParams } });
      t.spec.params = taskParams;
      return t;
    };
    const judge = (t: any, a: any) => check(t, pipeline(), a).map((f) => [f.location, f.property, f.value, f.problem]);
    const IS = `that image is buildah, a container builder, ${BUILDER}, ${HOLDS}`;
    // the value the step passes, the task's default in place of its `$(params.x)` (applyStepActionParameters: the TaskRun's values, else the task's defaults)
    expect(judge(task([{ name: 'image', value: '$(params.BUILDER_IMAGE)' }], [{ name: 'BUILDER_IMAGE', default: BUILDAH }]), action([{ name: 'image', default: IMAGE }])))
      .toEqual([["task 'push' step 'build'", 'image', '$(params.image)', 'takes the image step \'build\' passes for "image", $(params.BUILDER_IMAGE), the task\'s '
        + `default of "BUILDER_IMAGE", "${BUILDAH}", unless its caller passes another value for it; ${IS}`]]);
    expect(judge(task([{ name: 'image', value: BUILDAH }]), action([{ name: 'image' }])).map((f) => f[3])).toEqual([
      `takes the image step 'build' passes for "image", "${BUILDAH}"; ${IS}`,
    ]);
    // the StepAction's default, one that refers to another of its params (the value the step passes for it)
    expect(judge(task(), action([{ name: 'image', default: BUILDAH }])).map((f) => f[3])).toEqual([
      `takes the StepAction's default of "image", "${BUILDAH}", unless its caller passes another image for it; ${IS}`,
    ]);
    expect(judge(task([{ name: 'registry', value: 'quay.io' }]), action([{ name: 'registry', default: 'docker.io' }, { name: 'image', default: '$(params.registry)/buildah/stable:v1.30' }]))
      .map((f) => f[3])).toEqual([`takes the StepAction's default of "image", "$(params.registry)/buildah/stable:v1.30", which is "${BUILDAH}" where $(params.registry) `
        + `is the value step 'build' passes for "registry", "quay.io", unless its caller passes another image for it; ${IS}`]);
    // not: another image passed, a task param without a value, a default that refers to itself
    expect(judge(task([{ name: 'image', value: IMAGE }]), action([{ name: 'image', default: BUILDAH }]))).toEqual([]);
    expect(judge(task([{ name: 'image', value: '$(params.BUILDER_IMAGE)' }], [{ name: 'BUILDER_IMAGE' }]), action([{ name: 'image', default: BUILDAH }]))).toEqual([]);
    expect(judge(task(), action([{ name: 'image', default: '$(params.image)' }]))).toEqual([]);
    // its script's params the same way: the value the step passes, else the StepAction's default
    const scripted = (params: any[]) => ({ ...action(params, IMAGE), spec: { params, image: IMAGE, script: '#!/bin/sh\n$(params.cmd)\n' } });
    expect(judge(task([{ name: 'cmd', value: 'make all' }]), scripted([{ name: 'cmd', default: 'echo ok' }]))).toEqual([[
      "task 'push' step 'build'", 'script', 'make all', `${BUILDS} (the script's $(params.cmd) is the value step 'build' passes for "cmd", "make all"), ${HOLDS}`,
    ]]);
    expect(judge(task(), scripted([{ name: 'cmd', default: 'make all' }])).map((f) => f[3])).toEqual([
      `${BUILDS} (the script's $(params.cmd) is the StepAction's default of "cmd", "make all", unless its caller passes another value for it), ${HOLDS}`,
    ]);
    expect(judge(task([{ name: 'cmd', value: 'echo ok' }]), scripted([{ name: 'cmd', default: 'make all' }]))).toEqual([]);
  });

  test('a Task without a namespace may run the StepAction of its name in any namespace: each one is read', () => {
    const safe = { apiVersion: 'tekton.dev/v1beta1', kind: 'StepAction', metadata: { name: 'build', namespace: 'other' }, spec: { image: IMAGE, script: '#!/bin/sh\necho safe\n' } };
    const risky = { ...safe, metadata: { name: 'build', namespace: 'ci' }, spec: { image: IMAGE, script: '#!/bin/sh\nmake all\n' } };
    const viaAction = taskWith({ name: 'build', ref: { name: 'build' } });
    delete viaAction.metadata.namespace;
    const p = pipeline();
    delete p.metadata.namespace;
    expect(check(viaAction, p, safe, risky).map((f) => [f.location, f.value])).toEqual([["task 'push' step 'build'", 'make all']]);
  });

  test('an embedded taskSpec that receives the credentials workspace by propagation', () => {
    const p = {
      apiVersion: 'tekton.dev/v1',
      kind: 'Pipeline',
      metadata: { name: 'pipe', namespace: 'ci' },
      spec: { workspaces: [{ name: 'creds' }], tasks: [{ name: 'push', taskSpec: { workspaces: [{ name: 'creds' }], steps: [{ name: 'b', image: IMAGE, script: '#!/bin/sh\nyarn install\n' }] } }] },
    };
    expect(CREDENTIALS_WITH_REPO_CODE.check(p, ruleContext([p, secretRun])).map((f) => [f.location, f.value, f.problem])).toEqual([
      ["task 'push' step 'b'", 'yarn install', "runs the repository's build scripts, hooks, tests or code generators, in a task that holds the credentials workspace 'creds': code from the repository can read the credentials"],
    ]);
  });

  test('a binding without workspace, and an embedded taskSpec that only uses the credentials workspace (Tekton propagates it)', () => {
    const p = {
      apiVersion: 'tekton.dev/v1',
      kind: 'Pipeline',
      metadata: { name: 'pipe', namespace: 'ci' },
      spec: {
        workspaces: [{ name: 'creds' }],
        tasks: [
          { name: 'bound', taskSpec: { workspaces: [{ name: 'creds' }], steps: [{ name: 'b', image: IMAGE, script: '#!/bin/sh\nyarn install\n' }] }, workspaces: [{ name: 'creds' }] },
          { name: 'used', taskSpec: { steps: [{ name: 'b', image: IMAGE, script: '#!/bin/sh\nexport DOCKER_CONFIG=$(workspaces.creds.path)\nmake all\n' }] } },
        ],
      },
    };
    expect(CREDENTIALS_WITH_REPO_CODE.check(p, ruleContext([p, secretRun])).map((f) => [f.location, f.value])).toEqual([
      ["task 'bound' step 'b'", 'yarn install'], ["task 'used' step 'b'", 'make all'],
    ]);
  });

  test('a Task a resolver or a bundle fetches is not known here: one named as a container builder Task of the catalog or Konflux is a finding', () => {
    const RESOLVED = (name: string, how: string, builder: string) => `runs the Task ${name}, which ${how} fetches when the run starts (its content is not known `
      + `here): a Task of that name in the Tekton catalog and in Konflux runs ${builder}, a container builder, ${BUILDER}, ${HOLDS}`;
    const judge = (taskRef: any) => CREDENTIALS_WITH_REPO_CODE.check(pipeline(taskRef), ruleContext([pipeline(taskRef), secretRun]))
      .map((f) => [f.location, f.target, f.property, f.value, f.problem, f.fix]);
    const git = {
      resolver: 'git',
      params: [{ name: 'url', value: 'https://github.com/tektoncd/catalog.git' }, { name: 'revision', value: 'main' },
        { name: 'pathInRepo', value: 'task/kaniko/0.6/kaniko.yaml' }],
    };
    expect(judge(git)).toEqual([["task 'push'", 'task/push', 'taskRef.params[pathInRepo]', 'task/kaniko/0.6/kaniko.yaml',
      RESOLVED('kaniko', 'the git resolver', 'kaniko'), FIX]]);
    const bundles = {
      resolver: 'bundles',
      params: [{ name: 'bundle', value: 'quay.io/konflux-ci/tekton-catalog/task-buildah-oci-ta:0.4' },
        { name: 'name', value: 'buildah-oci-ta' }, { name: 'kind', value: 'task' }],
    };
    expect(judge(bundles)).toEqual([["task 'push'", 'task/push', 'taskRef.params[name]', 'buildah-oci-ta', RESOLVED('buildah-oci-ta', 'the bundles resolver', 'buildah'), FIX]]);
    expect(judge({ resolver: 'hub', params: [{ name: 'name', value: 'buildpacks-phases' }, { name: 'version', value: '0.2' }] }).map((f) => f[4])).toEqual([
      RESOLVED('buildpacks-phases', 'the hub resolver', 'Cloud Native Buildpacks'),
    ]);
    expect(judge({ resolver: 'http', params: [{ name: 'url', value: 'https://example.com/tasks/s2i-python.yml' }] }).map((f) => f[4])).toEqual([
      RESOLVED('s2i-python', 'the http resolver', 'source-to-image'),
    ]);
    expect(judge({ name: 'buildkit', bundle: 'registry.example/tasks:1' }).map((f) => f.slice(2, 5))).toEqual([
      ['taskRef.name', 'buildkit', RESOLVED('buildkit', 'the bundle registry.example/tasks:1', 'BuildKit')],
    ]);
    // not: another Task (git-clone holds credentials to clone, and runs no repository code), a name a param gives, a builder's
    // name inside another (`my-kaniko-wrapper`), a local Task of that name (read as written), a builder Task that holds no credentials
    for (const ref of [
      { resolver: 'git', params: [{ name: 'pathInRepo', value: 'task/git-clone/0.9/git-clone.yaml' }] },
      { resolver: 'hub', params: [{ name: 'name', value: '$(params.builder-task)' }] },
      { resolver: 'bundles', params: [{ name: 'name', value: 'my-kaniko-wrapper' }] },
      { name: 'kaniko' },
    ]) {
      expect([ref, judge(ref)]).toEqual([ref, []]);
    }
    // a pipeline param in the value: Tekton puts the PipelineRun's value, else the pipeline's default, there
    const byParam = (defaults: string | undefined, runValue?: string) => {
      const p = pipeline({ resolver: 'hub', params: [{ name: 'name', value: '$(params.builder-task)' }] });
      p.spec = { ...p.spec, params: [{ name: 'builder-task', ...defaults === undefined ? {} : { default: defaults } }] } as any;
      const run = { ...secretRun, spec: { ...secretRun.spec, ...runValue === undefined ? {} : { params: [{ name: 'builder-task', value: runValue }] } } };
      return CREDENTIALS_WITH_REPO_CODE.check(p, ruleContext([p, run])).map((f) => [f.location, f.property, f.value, f.problem]);
    };
    expect(byParam('kaniko')).toEqual([["task 'push'", 'taskRef.params[name]', '$(params.builder-task)',
      RESOLVED('kaniko (\"kaniko\", where $(params.builder-task) is the pipeline\'s default of \"builder-task\", \"kaniko\", unless its PipelineRun passes another value for it)',
        'the hub resolver', 'kaniko')]]);
    expect(byParam('git-clone', 'buildah').map((f) => f[3])).toEqual([
      RESOLVED('buildah ("buildah", where $(params.builder-task) is the value PipelineRun \'pipe-\' passes for "builder-task", "buildah")', 'the hub resolver', 'buildah'),
    ]);
    expect(byParam('git-clone')).toEqual([]);
    expect(byParam(undefined)).toEqual([]);
    const noCreds = { ...pipeline(git), spec: { ...pipeline(git).spec, tasks: [{ ...pipeline(git).spec.tasks[0], workspaces: [{ name: 'source', workspace: 'src' }] }] } };
    expect(CREDENTIALS_WITH_REPO_CODE.check(noCreds, ruleContext([noCreds, secretRun]))).toEqual([]);
  });

  test("a TaskRun's own taskRef through a resolver or a bundle: a container builder Task is a finding on the run where it binds a Secret", () => {
    const taskRun = (taskRef: any, dockerconfig: any = { secret: { secretName: 'regcred' } }) => ({
      apiVersion: 'tekton.dev/v1',
      kind: 'TaskRun',
      metadata: { name: 'build', namespace: 'ci' },
      spec: { taskRef, params: [{ name: 'IMAGE', value: 'quay.io/x/y' }], workspaces: [{ name: 'source', emptyDir: {} }, { name: 'dockerconfig', ...dockerconfig }] },
    });
    const judge = (m: any) => CREDENTIALS_WITH_REPO_CODE.check(m, ruleContext([m]))
      .map((f) => [f.location, f.target, f.property, f.value, f.problem, f.fix]);
    const hub = { resolver: 'hub', params: [{ name: 'name', value: 'buildah' }, { name: 'version', value: '0.6' }] };
    expect(judge(taskRun(hub))).toEqual([[
      undefined, undefined, 'spec.taskRef.params[name]', 'buildah',
      'runs the Task buildah, which the hub resolver fetches when the run starts (its content is not known here): a Task of that name in the Tekton catalog '
      + `and in Konflux runs buildah, a container builder, ${BUILDER}, ${HOLDS}`, FIX,
    ]]);
    expect(judge(taskRun({ name: 'kaniko', bundle: 'registry.example/tasks:1' })).map((f) => f.slice(2, 4))).toEqual([['spec.taskRef.name', 'kaniko']]);
    // not: no Secret bound (an emptyDir), another Task, a local Task of a builder's name (read as written: not among the objects, not known)
    expect(judge(taskRun(hub, { emptyDir: {} }))).toEqual([]);
    expect(judge(taskRun({ resolver: 'git', params: [{ name: 'pathInRepo', value: 'task/git-clone/0.9/git-clone.yaml' }] }))).toEqual([]);
    expect(judge(taskRun({ name: 'buildah' }))).toEqual([]);
    // the TaskRun's own params in its resolver's params: Tekton puts the run's values there (not a Task's default: the Task is not known yet)
    const byParam = (params: any[]) => {
      const m = taskRun({ resolver: 'git', params: [{ name: 'pathInRepo', value: 'task/$(params["builder"])/0.6/$(params.builder).yaml' }] });
      return judge({ ...m, spec: { ...m.spec, params } });
    };
    expect(byParam([{ name: 'builder', value: 'kaniko' }])).toEqual([[
      undefined, undefined, 'spec.taskRef.params[pathInRepo]', 'task/$(params["builder"])/0.6/$(params.builder).yaml',
      'runs the Task kaniko ("task/kaniko/0.6/kaniko.yaml", where $(params["builder"]) is the value the TaskRun passes for "builder", "kaniko"; '
      + '$(params.builder) is the value the TaskRun passes for "builder", "kaniko"), which the git resolver fetches when the run starts (its content '
      + 'is not known here): a Task of that name in the Tekton catalog '
      + `and in Konflux runs kaniko, a container builder, ${BUILDER}, ${HOLDS}`, FIX,
    ]]);
    // not: another Task, a param the run does not pass, a value that is not a string
    expect(byParam([{ name: 'builder', value: 'git-clone' }])).toEqual([]);
    expect(byParam([{ name: 'other', value: 'kaniko' }])).toEqual([]);
    expect(byParam([{ name: 'builder', value: ['kaniko'] }])).toEqual([]);
  });

  describe('an image a param gives (the catalog kaniko Task: image: $(params.BUILDER_IMAGE))', () => {
    const KANIKO_DEFAULT = 'gcr.io/kaniko-project/executor:v1.5.1@sha256:c6166717f7fe0b7da44908c986137ecfeab21f31ec3992f6e128fff8a94be8a5';
    /** The catalog's kaniko Task (0.6), its BUILDER_IMAGE param declared as `builder`. */
    const kaniko = (builder: any = { name: 'BUILDER_IMAGE', default: KANIKO_DEFAULT }, more: Record<string, any> = {}, params: any[] = []) => ({
      apiVersion: 'tekton.dev/v1beta1',
      kind: 'Task',
      metadata: { name: 'kaniko', namespace: 'ci' },
      spec: {
        params: [
          { name: 'IMAGE' }, { name: 'DOCKERFILE', default: './Dockerfile' }, { name: 'CONTEXT', default: './' },
          { name: 'EXTRA_ARGS', type: 'array', default: [] }, ...params, builder,
        ],
        workspaces: [{ name: 'source' }, { name: 'dockerconfig', optional: true, mountPath: '/kaniko/.docker' }],
        results: [{ name: 'IMAGE_DIGEST' }, { name: 'IMAGE_URL' }],
        steps: [
          {
            name: 'build-and-push',
            workingDir: '$(workspaces.source.path)',
            image: '$(params.BUILDER_IMAGE)',
            args: ['$(params.EXTRA_ARGS)', '--dockerfile=$(params.DOCKERFILE)', '--context=$(workspaces.source.path)/$(params.CONTEXT)',
              '--destination=$(params.IMAGE)', '--digest-file=$(results.IMAGE_DIGEST.path)'],
            securityContext: { runAsUser: 0 },
            ...more,
          },
          {
            name: 'write-url',
            image: 'docker.io/library/bash:5.1.4@sha256:c523c636b722339f41b6a431b44588ab2f762c5de5ec3bd7964420ff982fb1d9',
            script: 'set -e\nimage="$(params.IMAGE)"\necho -n "${image}" | tee "$(results.IMAGE_URL.path)"\n',
          },
        ],
      },
    });
    /** A TaskRun of it that binds `dockerconfig` to the Secret `docker-config`. */
    const run = (params: any[] = [{ name: 'IMAGE', value: 'registry.example/app' }]) => ({
      apiVersion: 'tekton.dev/v1beta1',
      kind: 'TaskRun',
      metadata: { name: 'kaniko-run', namespace: 'ci' },
      spec: { taskRef: { name: 'kaniko' }, params, workspaces: [{ name: 'source', emptyDir: {} }, { name: 'dockerconfig', secret: { secretName: 'docker-config' } }] },
    });
    const judged = (m: any, ...more: any[]) => CREDENTIALS_WITH_REPO_CODE.check(m, ruleContext([m, ...more]))
      .map((f) => [f.kind, f.location, f.target, f.property, f.value, f.problem]);
    const DEFAULT = `takes the task's default of "BUILDER_IMAGE", "${KANIKO_DEFAULT}", unless its caller passes another image for it; that image is kaniko, a container builder, ${BUILDER}`;
    const DOCKERCONFIG = "in a task that holds the credentials workspace 'dockerconfig': code from the repository can read the credentials";

    test('non-compliant: the default is a builder image and the run passes none', () => {
      expect(judged(run(), kaniko())).toEqual([
        ['TaskRun', "step 'build-and-push'", 'step/build-and-push', 'image', '$(params.BUILDER_IMAGE)', `${DEFAULT}, ${DOCKERCONFIG}`],
      ]);
      // the whole finding, as the audit prints it
      expect(CREDENTIALS_WITH_REPO_CODE.check(run(), ruleContext([run(), kaniko()]))[0].fix).toBe(FIX);
      // `$(params["BUILDER_IMAGE"])` is the same param
      const quoted = kaniko(undefined, { image: '$(params["BUILDER_IMAGE"])' });
      expect(judged(run(), quoted).map((f) => f[4])).toEqual(['$(params["BUILDER_IMAGE"])']);
    });

    test('non-compliant: a Task alone whose step reads a docker-config Secret itself', () => {
      const volumeTask = kaniko(undefined, { volumeMounts: [{ name: 'docker-config', mountPath: '/kaniko/.docker' }] });
      const t = { ...volumeTask, spec: { ...volumeTask.spec, volumes: [{ name: 'docker-config', secret: { secretName: 'docker-config' } }] } };
      expect(judged(t)).toEqual([
        ['Task', "step 'build-and-push'", 'step/build-and-push', 'image', '$(params.BUILDER_IMAGE)',
          `${DEFAULT}, in a step that reads the Secret 'docker-config' mounted at /kaniko/.docker: code from the repository can read it`],
      ]);
      // a TaskRun's own taskSpec: the value the run fixes
      const own = {
        apiVersion: 'tekton.dev/v1',
        kind: 'TaskRun',
        metadata: { name: 'r', namespace: 'ci' },
        spec: { params: [{ name: 'BUILDER_IMAGE', value: 'quay.io/buildah/stable:v1.30' }], taskSpec: t.spec },
      };
      expect(judged(own).map((f) => f[5])).toEqual([
        'takes the image the run in this manifest fixes (the TaskRun gives "BUILDER_IMAGE" "quay.io/buildah/stable:v1.30"); that image is buildah, a container builder, '
        + `${BUILDER}, in a step that reads the Secret 'docker-config' mounted at /kaniko/.docker: code from the repository can read it`,
      ]);
      expect(judged({ ...own, spec: { ...own.spec, params: [{ name: 'BUILDER_IMAGE', value: IMAGE }] } })).toEqual([]);
    });

    test('compliant: no default, or a default that is no builder (the step\'s command and args are read as before)', () => {
      expect(judged(run(), kaniko({ name: 'BUILDER_IMAGE' }))).toEqual([]);
      expect(judged(run(), kaniko({ name: 'BUILDER_IMAGE', default: IMAGE }))).toEqual([]);
      // a substitution that is part of the image: its value in place, here no builder
      expect(judged(run(), kaniko(undefined, { image: 'registry.example/$(params.IMAGE):v1' }))).toEqual([]);
      // the run's own value replaces the default: another image is not the builder
      expect(judged(run([{ name: 'BUILDER_IMAGE', value: IMAGE }]), kaniko())).toEqual([]);
      // without a default, the command is still read
      expect(judged(run(), kaniko({ name: 'BUILDER_IMAGE' }, { command: ['/kaniko/executor'] })).map((f) => [f[3], f[4]])).toEqual([
        ['command', '/kaniko/executor $(params.EXTRA_ARGS) --dockerfile=$(params.DOCKERFILE) --context=$(workspaces.source.path)/$(params.CONTEXT) '
          + '--destination=$(params.IMAGE) --digest-file=$(results.IMAGE_DIGEST.path)'],
      ]);
    });

    test('a pipeline task that passes the param: a constant builder image is one, another image is not', () => {
      const pipe = (params: any[], matrix?: any) => ({
        apiVersion: 'tekton.dev/v1beta1',
        kind: 'Pipeline',
        metadata: { name: 'pipe', namespace: 'ci' },
        spec: {
          workspaces: [{ name: 'src' }, { name: 'creds' }],
          params: [{ name: 'builder', default: KANIKO_DEFAULT }],
          tasks: [{ name: 'kaniko', taskRef: { name: 'kaniko' }, params, ...(matrix ? { matrix } : {}), workspaces: [{ name: 'source', workspace: 'src' }, { name: 'dockerconfig', workspace: 'creds' }] }],
        },
      });
      const judge = (params: any[], builder?: any, matrix?: any) => judged(pipe(params, matrix), secretRun, kaniko(builder))
        .map((f) => [f[0], f[1], f[4], f[5]]);
      expect(judge([{ name: 'IMAGE', value: '$(params.image)' }])).toEqual([['Pipeline', "task 'kaniko' step 'build-and-push'", '$(params.BUILDER_IMAGE)', `${DEFAULT}, ${DOCKERCONFIG}`]]);
      expect(judge([{ name: 'BUILDER_IMAGE', value: 'quay.io/buildah/stable:v1.30' }], { name: 'BUILDER_IMAGE' })).toEqual([[
        'Pipeline', "task 'kaniko' step 'build-and-push'", '$(params.BUILDER_IMAGE)',
        `takes the image pipeline task 'kaniko' passes for "BUILDER_IMAGE", "quay.io/buildah/stable:v1.30"; that image is buildah, a container builder, ${BUILDER}, ${DOCKERCONFIG}`,
      ]]);
      expect(judge([{ name: 'BUILDER_IMAGE', value: IMAGE }])).toEqual([]);
      // a matrix gives each TaskRun its own value
      expect(judge([], undefined, { params: [{ name: 'BUILDER_IMAGE', value: [IMAGE] }] })).toEqual([]);
    });

    test('a pipeline task that passes a pipeline param: its default, a PipelineRun\'s value in its place', () => {
      const pipe = (builder: any = { name: 'builder', default: KANIKO_DEFAULT }, passed = '$(params.builder)') => ({
        apiVersion: 'tekton.dev/v1beta1',
        kind: 'Pipeline',
        metadata: { name: 'pipe', namespace: 'ci' },
        spec: {
          workspaces: [{ name: 'src' }, { name: 'creds' }],
          params: [builder],
          tasks: [{
            name: 'kaniko',
            taskRef: { name: 'kaniko' },
            params: [{ name: 'BUILDER_IMAGE', value: passed }],
            workspaces: [{ name: 'source', workspace: 'src' }, { name: 'dockerconfig', workspace: 'creds' }],
          }],
        },
      });
      const judge = (p: any, taskBuilder?: any) => judged(p, secretRun, kaniko(taskBuilder)).map((f) => [f[0], f[1], f[4], f[5]]);
      const PASSES = 'takes the image pipeline task \'kaniko\' passes for "BUILDER_IMAGE", $(params.builder)';
      expect(judge(pipe())).toEqual([[
        'Pipeline', "task 'kaniko' step 'build-and-push'", '$(params.BUILDER_IMAGE)',
        `${PASSES}, the pipeline's default of "builder", "${KANIKO_DEFAULT}", unless its PipelineRun passes another value for it; `
        + `that image is kaniko, a container builder, ${BUILDER}, ${DOCKERCONFIG}`,
      ]]);
      // the pipeline's default replaces the task's: another image is not the builder, whatever the task's default
      expect(judge(pipe({ name: 'builder', default: IMAGE }))).toEqual([]);
      // no default: not known (the task's default is not what runs)
      expect(judge(pipe({ name: 'builder' }))).toEqual([]);
      // `$(params['builder'])` is the same param
      const KANIKO_FOUND = `that image is kaniko, a container builder, ${BUILDER}, ${DOCKERCONFIG}`;
      expect(judge(pipe(undefined, "$(params['builder'])")).map((f) => f[3])).toEqual([
        `takes the image pipeline task 'kaniko' passes for "BUILDER_IMAGE", $(params['builder']), the pipeline's default of "builder", "${KANIKO_DEFAULT}", `
        + `unless its PipelineRun passes another value for it; ${KANIKO_FOUND}`,
      ]);
      // a PipelineRun of its own pipelineSpec: the run's value wins over the pipeline's default
      const own = (params: any[], defaults: any = { name: 'builder', default: IMAGE }) => ({
        apiVersion: 'tekton.dev/v1beta1',
        kind: 'PipelineRun',
        metadata: { name: 'run', namespace: 'ci' },
        spec: { params, pipelineSpec: pipe(defaults).spec, workspaces: secretRun.spec.workspaces },
      });
      expect(judge(own([{ name: 'builder', value: 'quay.io/buildah/stable:v1.30' }]))).toEqual([[
        'PipelineRun', "task 'kaniko' step 'build-and-push'", '$(params.BUILDER_IMAGE)',
        `${PASSES}, the PipelineRun's value of "builder", "quay.io/buildah/stable:v1.30"; that image is buildah, a container builder, ${BUILDER}, ${DOCKERCONFIG}`,
      ]]);
      expect(judge(own([{ name: 'builder', value: IMAGE }], { name: 'builder', default: KANIKO_DEFAULT }))).toEqual([]);
      // the run gives no value: the pipeline's default, which no other run replaces
      expect(judge(own([], { name: 'builder', default: KANIKO_DEFAULT })).map((f) => f[3])).toEqual([
        `${PASSES}, the pipeline's default of "builder", "${KANIKO_DEFAULT}"; ${KANIKO_FOUND}`,
      ]);
    });

    test('a default that refers to other params: Tekton v1.15 resolves a pipeline\'s with the run\'s values, a task\'s with its defaults alone', () => {
      const KANIKO_FOUND = `that image is kaniko, a container builder, ${BUILDER}, ${DOCKERCONFIG}`;
      // a pipeline default that refers to another pipeline param (pipelinerun/resources/apply.go resolveStringParamRecursively)
      const pipe = (params: any[]) => ({
        apiVersion: 'tekton.dev/v1',
        kind: 'Pipeline',
        metadata: { name: 'pipe', namespace: 'ci' },
        spec: {
          workspaces: [{ name: 'src' }, { name: 'creds' }],
          params,
          tasks: [{
            name: 'kaniko',
            taskRef: { name: 'kaniko' },
            params: [{ name: 'BUILDER_IMAGE', value: '$(params.builder)' }],
            workspaces: [{ name: 'source', workspace: 'src' }, { name: 'dockerconfig', workspace: 'creds' }],
          }],
        },
      });
      const judge = (p: any, ...more: any[]) => judged(p, kaniko(), ...more).map((f) => f[5]);
      const chained = [{ name: 'registry', default: 'gcr.io' }, { name: 'tool', default: '$(params.registry)/kaniko-project' },
        { name: 'builder', default: '$(params.tool)/executor:v1.9' }];
      expect(judge(pipe(chained), secretRun)).toEqual([
        'takes the image pipeline task \'kaniko\' passes for "BUILDER_IMAGE", $(params.builder), the pipeline\'s default of "builder", '
        + '"$(params.tool)/executor:v1.9", which is "gcr.io/kaniko-project/executor:v1.9" where $(params.tool) is the pipeline\'s default of "tool", '
        + '"$(params.registry)/kaniko-project", which is "gcr.io/kaniko-project" where $(params.registry) is the pipeline\'s default of "registry", "gcr.io", '
        + `unless its PipelineRun passes another value for it; ${KANIKO_FOUND}`,
      ]);
      // with the PipelineRun's value of the param it refers to
      const runOf = (params: any[]) => ({ ...secretRun, metadata: { name: 'release', namespace: 'ci' }, spec: { ...secretRun.spec, params } });
      expect(judge(pipe([{ name: 'tool', default: 'library/alpine' }, { name: 'builder', default: 'gcr.io/$(params.tool):v1.9' }]),
        runOf([{ name: 'tool', value: 'kaniko-project/executor' }]))).toEqual([
        'takes the image pipeline task \'kaniko\' passes for "BUILDER_IMAGE", $(params.builder), the pipeline\'s default of "builder", '
        + '"gcr.io/$(params.tool):v1.9", which is "gcr.io/kaniko-project/executor:v1.9" where $(params.tool) is the value PipelineRun '
        + `'release' passes for "tool", "kaniko-project/executor"; ${KANIKO_FOUND}`,
      ]);
      // (the defaults alone: no builder)
      expect(judge(pipe([{ name: 'tool', default: 'library/alpine' }, { name: 'builder', default: 'gcr.io/$(params.tool):v1.9' }]), secretRun)).toEqual([]);
      // not: a reference to itself, to a param without a value, to another substitution (Tekton fails the run, or the value is not known)
      expect(judge(pipe([{ name: 'builder', default: '$(params.builder)/kaniko-project/executor' }]), secretRun)).toEqual([]);
      expect(judge(pipe([{ name: 'registry' }, { name: 'builder', default: '$(params.registry)/kaniko-project/executor' }]), secretRun)).toEqual([]);
      expect(judge(pipe([{ name: 'builder', default: '$(context.pipelineRun.namespace)/kaniko-project/executor' }]), secretRun)).toEqual([]);

      // a task default that refers to another task param (taskrun/resources/apply.go replacementsFromDefaultParams): from its default alone
      const registry = (more: any[] = []) => kaniko({ name: 'BUILDER_IMAGE', default: '$(params.REGISTRY)/kaniko-project/executor:v1.9' }, {}, more);
      const TASK = 'takes the task\'s default of "BUILDER_IMAGE", "$(params.REGISTRY)/kaniko-project/executor:v1.9", which Tekton fills from the default of '
        + '"REGISTRY", "gcr.io" (not from a value its caller passes for "REGISTRY"): "gcr.io/kaniko-project/executor:v1.9", unless its caller passes another '
        + `image for it; ${KANIKO_FOUND}`;
      expect(judged(run(), registry([{ name: 'REGISTRY', default: 'gcr.io' }])).map((f) => [f[4], f[5]])).toEqual([['$(params.BUILDER_IMAGE)', TASK]]);
      expect(judged(run([{ name: 'REGISTRY', value: 'mirror.example' }]), registry([{ name: 'REGISTRY', default: 'gcr.io' }])).map((f) => f[5])).toEqual([TASK]);
      // not: the param it refers to has no default (the TaskRun's value is not used: the default stays unresolved)
      expect(judged(run([{ name: 'REGISTRY', value: 'gcr.io' }]), registry([{ name: 'REGISTRY' }]))).toEqual([]);
    });

    test('a pipeline task that runs a pipeline (Tekton v1.15, alpha): its tasks judged as its child PipelineRun runs them', () => {
      const inner = {
        workspaces: [{ name: 'source' }, { name: 'registry-auth' }],
        params: [{ name: 'builder' }],
        tasks: [{
          name: 'kaniko',
          taskRef: { name: 'kaniko' },
          params: [{ name: 'BUILDER_IMAGE', value: '$(params.builder)' }],
          workspaces: [{ name: 'source', workspace: 'source' }, { name: 'dockerconfig', workspace: 'registry-auth' }],
        }],
      };
      const outer = (child: any, img = KANIKO_DEFAULT) => ({
        apiVersion: 'tekton.dev/v1',
        kind: 'Pipeline',
        metadata: { name: 'pipe', namespace: 'ci' },
        spec: {
          workspaces: [{ name: 'src' }, { name: 'creds' }],
          params: [{ name: 'img', default: img }],
          tasks: [{
            name: 'ci',
            ...child,
            params: [{ name: 'builder', value: '$(params.img)' }],
            workspaces: [{ name: 'source', workspace: 'src' }, { name: 'registry-auth', workspace: 'creds' }],
          }],
        },
      });
      const FOUND = [
        'Pipeline', "task 'ci' task 'kaniko' step 'build-and-push'", 'task/ci/task/kaniko', '$(params.BUILDER_IMAGE)',
        'takes the image pipeline task \'kaniko\' passes for "BUILDER_IMAGE", $(params.builder), the value the child PipelineRun of pipeline task \'ci\' '
        + `passes for "builder", "${KANIKO_DEFAULT}"; that image is kaniko, a container builder, ${BUILDER}, ${DOCKERCONFIG}`,
      ];
      const alpha = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'feature-flags', namespace: 'tekton-pipelines' }, data: { 'enable-api-fields': 'alpha' } };
      const judge = (p: any, ...more: any[]) => judged(p, secretRun, kaniko(), alpha, ...more).map((f) => [f[0], f[1], f[2], f[4], f[5]]);
      expect(judge(outer({ pipelineSpec: inner }))).toEqual([FOUND]);
      // not where the webhook refuses the pipeline (enable-api-fields not "alpha": TEKTON_ADMITTED's finding): no child run is made
      expect(judged(outer({ pipelineSpec: inner }), secretRun, kaniko())).toEqual([]);
      expect(judged(outer({ pipelineSpec: inner }), secretRun, kaniko(), { ...alpha, data: { 'enable-api-fields': 'beta' } })).toEqual([]);
      const child = { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'build', namespace: 'ci' }, spec: inner };
      expect(judge(outer({ pipelineRef: { name: 'build' } }), child)).toEqual([FOUND]);
      // not: another image, a child workspace bound to no credentials
      expect(judge(outer({ pipelineSpec: inner }, IMAGE))).toEqual([]);
      const uncredentialed = outer({ pipelineSpec: inner });
      uncredentialed.spec.tasks[0].workspaces = [{ name: 'source', workspace: 'src' }, { name: 'registry-auth', workspace: 'src' }];
      expect(judge(uncredentialed)).toEqual([]);
    });

    test('a Pipeline is judged also with the values of each PipelineRun among the objects that runs it (pipelineRef by name)', () => {
      const pipe = (builder: any = { name: 'builder', default: IMAGE }) => ({
        apiVersion: 'tekton.dev/v1',
        kind: 'Pipeline',
        metadata: { name: 'pipe', namespace: 'ci' },
        spec: {
          workspaces: [{ name: 'src' }, { name: 'creds' }],
          params: [builder],
          tasks: [{
            name: 'kaniko',
            taskRef: { name: 'kaniko' },
            params: [{ name: 'BUILDER_IMAGE', value: '$(params.builder)' }],
            workspaces: [{ name: 'source', workspace: 'src' }, { name: 'dockerconfig', workspace: 'creds' }],
          }],
        },
      });
      const runOf = (name: string, params: any[], creds: any = { secret: { secretName: 'registry' } }, ref: any = { name: 'pipe' }) => ({
        apiVersion: 'tekton.dev/v1',
        kind: 'PipelineRun',
        metadata: { name, namespace: 'ci' },
        spec: { pipelineRef: ref, params, workspaces: [{ name: 'src', emptyDir: {} }, { name: 'creds', ...creds }] },
      });
      const BUILDAH = 'quay.io/buildah/stable:v1.30';
      const judge = (p: any, ...more: any[]) => judged(p, kaniko(), ...more).map((f) => [f[0], f[1], f[4], f[5]]);
      // the pipeline's default is no builder; the run passes one: the Pipeline's finding, naming the run
      expect(judge(pipe(), runOf('release', [{ name: 'builder', value: BUILDAH }]))).toEqual([[
        'Pipeline', "task 'kaniko' step 'build-and-push'", '$(params.BUILDER_IMAGE)',
        'takes the image pipeline task \'kaniko\' passes for "BUILDER_IMAGE", $(params.builder), the value PipelineRun \'release\' passes for "builder", '
        + `"${BUILDAH}"; that image is buildah, a container builder, ${BUILDER}, ${DOCKERCONFIG}`,
      ]]);
      // no default: the run's value is what runs
      expect(judge(pipe({ name: 'builder' }), runOf('release', [{ name: 'builder', value: BUILDAH }])).map((f) => f[3])).toEqual([
        'takes the image pipeline task \'kaniko\' passes for "BUILDER_IMAGE", $(params.builder), the value PipelineRun \'release\' passes for "builder", '
        + `"${BUILDAH}"; that image is buildah, a container builder, ${BUILDER}, ${DOCKERCONFIG}`,
      ]);
      // the default's finding stands once, whatever a run passes
      expect(judge(pipe({ name: 'builder', default: KANIKO_DEFAULT }), runOf('release', [{ name: 'builder', value: BUILDAH }])).map((f) => f[3])).toEqual([
        `takes the image pipeline task 'kaniko' passes for "BUILDER_IMAGE", $(params.builder), the pipeline's default of "builder", "${KANIKO_DEFAULT}", `
        + `unless its PipelineRun passes another value for it; that image is kaniko, a container builder, ${BUILDER}, ${DOCKERCONFIG}`,
      ]);
      // not: a run that passes no builder, a run that binds no Secret to the credentials workspace (another run binds one), a run of
      // another pipeline, a run in another namespace, a run through a resolver
      expect(judge(pipe(), runOf('dev', [{ name: 'builder', value: IMAGE }]))).toEqual([]);
      expect(judge(pipe(), runOf('dev', [{ name: 'builder', value: BUILDAH }], { emptyDir: {} }), runOf('release', []))).toEqual([]);
      expect(judge(pipe(), runOf('other', [{ name: 'builder', value: BUILDAH }], undefined, { name: 'other' }), runOf('release', []))).toEqual([]);
      const elsewhere = { ...runOf('release', [{ name: 'builder', value: BUILDAH }]), metadata: { name: 'release', namespace: 'prod' } };
      expect(judge(pipe(), elsewhere, runOf('plain', []))).toEqual([]);
      expect(judge(pipe(), runOf('remote', [{ name: 'builder', value: BUILDAH }], undefined, { resolver: 'cluster', params: [{ name: 'name', value: 'pipe' }] }),
        runOf('plain', []))).toEqual([]);
    });

    test('an image with a param inside it (`$(params.REGISTRY)/kaniko-project/executor:v1.9`): read with the param\'s value in place', () => {
      const registry = (d?: string) => kaniko({ name: 'REGISTRY', ...(d !== undefined ? { default: d } : {}) }, { image: '$(params.REGISTRY)/kaniko-project/executor:v1.9' });
      const KANIKO_FOUND = `that image is kaniko, a container builder, ${BUILDER}, ${DOCKERCONFIG}`;
      expect(judged(run(), registry('gcr.io'))).toEqual([[
        'TaskRun', "step 'build-and-push'", 'step/build-and-push', 'image', '$(params.REGISTRY)/kaniko-project/executor:v1.9',
        'takes the image "gcr.io/kaniko-project/executor:v1.9", where $(params.REGISTRY) is the task\'s default of "REGISTRY", "gcr.io", unless its '
        + `caller passes another value for it; ${KANIKO_FOUND}`,
      ]]);
      // the run's value in place of the default
      expect(judged(run([{ name: 'REGISTRY', value: 'mirror.example' }]), registry('gcr.io')).map((f) => f[5])).toEqual([
        `takes the image "mirror.example/kaniko-project/executor:v1.9", where $(params.REGISTRY) is the value the TaskRun passes for "REGISTRY", "mirror.example"; ${KANIKO_FOUND}`,
      ]);
      // no value known: read as written
      expect(judged(run(), registry()).map((f) => [f[4], f[5]])).toEqual([['$(params.REGISTRY)/kaniko-project/executor:v1.9', `is kaniko, a container builder, ${BUILDER}, ${DOCKERCONFIG}`]]);
      // the builder's name a param gives
      const tool = kaniko({ name: 'TOOL', default: 'kaniko-project/executor' }, { image: 'gcr.io/$(params.TOOL):v1.9' });
      expect(judged(run(), tool).map((f) => [f[4], f[5]])).toEqual([[
        'gcr.io/$(params.TOOL):v1.9',
        'takes the image "gcr.io/kaniko-project/executor:v1.9", where $(params.TOOL) is the task\'s default of "TOOL", "kaniko-project/executor", unless its '
        + `caller passes another value for it; ${KANIKO_FOUND}`,
      ]]);
      expect(judged(run([{ name: 'TOOL', value: 'team/app' }]), tool)).toEqual([]);
      // a Task alone whose step reads a Secret itself
      const own: any = { ...tool, spec: { ...tool.spec, volumes: [{ name: 'docker-config', secret: { secretName: 'docker-config' } }] } };
      own.spec.steps = [{ ...own.spec.steps[0], volumeMounts: [{ name: 'docker-config', mountPath: '/kaniko/.docker' }] }];
      expect(judged(own).map((f) => f[5])).toEqual([
        'takes the image "gcr.io/kaniko-project/executor:v1.9", where $(params.TOOL) is the task\'s default of "TOOL", "kaniko-project/executor", unless its '
        + `caller passes another value for it; that image is kaniko, a container builder, ${BUILDER}, in a step that reads the Secret 'docker-config' `
        + 'mounted at /kaniko/.docker: code from the repository can read it',
      ]);
      // a TaskRun's own taskSpec: the TaskRun's value in place
      const ownRun = { apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name: 'r', namespace: 'ci' }, spec: { params: [{ name: 'TOOL', value: 'buildah/stable' }], taskSpec: own.spec } };
      expect(judged(ownRun).map((f) => f[5])).toEqual([
        'takes the image "gcr.io/buildah/stable:v1.9", where $(params.TOOL) is the value the TaskRun passes for "TOOL", "buildah/stable"; that image is buildah, a container '
        + `builder, ${BUILDER}, in a step that reads the Secret 'docker-config' mounted at /kaniko/.docker: code from the repository can read it`,
      ]);
      // a pipeline task that passes a pipeline param for it: the pipeline's default
      const pipe = {
        apiVersion: 'tekton.dev/v1beta1',
        kind: 'Pipeline',
        metadata: { name: 'pipe', namespace: 'ci' },
        spec: {
          workspaces: [{ name: 'src' }, { name: 'creds' }],
          params: [{ name: 'registry', default: 'gcr.io' }],
          tasks: [{
            name: 'kaniko',
            taskRef: { name: 'kaniko' },
            params: [{ name: 'REGISTRY', value: '$(params.registry)' }],
            workspaces: [{ name: 'source', workspace: 'src' }, { name: 'dockerconfig', workspace: 'creds' }],
          }],
        },
      };
      expect(judged(pipe, secretRun, registry()).map((f) => f[5])).toEqual([
        'takes the image "gcr.io/kaniko-project/executor:v1.9", where $(params.REGISTRY) is the value pipeline task \'kaniko\' passes for "REGISTRY", '
        + `$(params.registry), the pipeline's default of "registry", "gcr.io", unless its PipelineRun passes another value for it; ${KANIKO_FOUND}`,
      ]);
      // a value built of text and a pipeline param
      const built = { ...pipe, spec: { ...pipe.spec, tasks: [{ ...pipe.spec.tasks[0], params: [{ name: 'BUILDER_IMAGE', value: '$(params.registry)/kaniko-project/executor:v1.9' }] }] } };
      expect(judged(built, secretRun, kaniko()).map((f) => f[5])).toEqual([
        'takes the image pipeline task \'kaniko\' passes for "BUILDER_IMAGE", "$(params.registry)/kaniko-project/executor:v1.9", which is '
        + '"gcr.io/kaniko-project/executor:v1.9" where $(params.registry) is the pipeline\'s default of "registry", "gcr.io", unless its PipelineRun '
        + `passes another value for it; ${KANIKO_FOUND}`,
      ]);
    });

    test('an embedded taskSpec: a PipelineRun\'s param of the same name, else the pipeline\'s default, replaces the task\'s default (Tekton propagates them)', () => {
      /** A pipeline spec whose task 'kaniko' embeds the kaniko spec (its default `taskDefault`), the pipeline declaring `declared`. */
      const spec = (taskDefault: string, declared: any[] = []) => ({
        workspaces: [{ name: 'src' }, { name: 'creds' }],
        params: declared,
        tasks: [{
          name: 'kaniko',
          taskSpec: kaniko({ name: 'BUILDER_IMAGE', default: taskDefault }).spec,
          workspaces: [{ name: 'source', workspace: 'src' }, { name: 'dockerconfig', workspace: 'creds' }],
        }],
      });
      const own = (params: any[], s: any) => ({
        apiVersion: 'tekton.dev/v1beta1',
        kind: 'PipelineRun',
        metadata: { name: 'run', namespace: 'ci' },
        spec: { params, pipelineSpec: s, workspaces: secretRun.spec.workspaces },
      });
      const pipe = (s: any) => ({ apiVersion: 'tekton.dev/v1beta1', kind: 'Pipeline', metadata: { name: 'pipe', namespace: 'ci' }, spec: s });
      const judge = (m: any) => judged(m, secretRun).map((f) => [f[0], f[1], f[4], f[5]]);
      const EMBEDDED = 'which Tekton puts in place of the param in the embedded taskSpec of pipeline task \'kaniko\'';
      // the run's value of a param the pipeline does not declare, in place of a task default that is no builder
      expect(judge(own([{ name: 'BUILDER_IMAGE', value: 'quay.io/buildah/stable:v1.30' }], spec(IMAGE)))).toEqual([[
        'PipelineRun', "task 'kaniko' step 'build-and-push'", '$(params.BUILDER_IMAGE)',
        `takes the PipelineRun's value of "BUILDER_IMAGE", "quay.io/buildah/stable:v1.30", ${EMBEDDED}; that image is buildah, a container builder, ${BUILDER}, ${DOCKERCONFIG}`,
      ]]);
      // the run's value that is no builder, in place of the kaniko default
      expect(judge(own([{ name: 'BUILDER_IMAGE', value: IMAGE }], spec(KANIKO_DEFAULT)))).toEqual([]);
      // the pipeline's default, in place of the task's
      expect(judge(own([], spec(KANIKO_DEFAULT, [{ name: 'BUILDER_IMAGE', default: IMAGE }])))).toEqual([]);
      expect(judge(pipe(spec(IMAGE, [{ name: 'BUILDER_IMAGE', default: KANIKO_DEFAULT }])))).toEqual([[
        'Pipeline', "task 'kaniko' step 'build-and-push'", '$(params.BUILDER_IMAGE)',
        `takes the pipeline's default of "BUILDER_IMAGE", "${KANIKO_DEFAULT}", ${EMBEDDED}, unless its PipelineRun passes another value for it; `
        + `that image is kaniko, a container builder, ${BUILDER}, ${DOCKERCONFIG}`,
      ]]);
      // a step that reads a Secret itself, in a Pipeline's embedded spec: the pipeline's default as well
      const volumeSpec = spec(IMAGE, [{ name: 'BUILDER_IMAGE', default: KANIKO_DEFAULT }]);
      const t = volumeSpec.tasks[0] as any;
      t.taskSpec = {
        ...t.taskSpec,
        volumes: [{ name: 'docker-config', secret: { secretName: 'docker-config' } }],
        steps: [{ ...t.taskSpec.steps[0], volumeMounts: [{ name: 'docker-config', mountPath: '/kaniko/.docker' }] }],
      };
      t.workspaces = [{ name: 'source', workspace: 'src' }];
      expect(judge(pipe(volumeSpec))).toEqual([[
        'Pipeline', "task 'kaniko' step 'build-and-push'", '$(params.BUILDER_IMAGE)',
        `takes the pipeline's default of "BUILDER_IMAGE", "${KANIKO_DEFAULT}", ${EMBEDDED}, unless its PipelineRun passes another value for it; `
        + `that image is kaniko, a container builder, ${BUILDER}, in a step that reads the Secret 'docker-config' mounted at /kaniko/.docker: code from the repository can read it`,
      ]]);
    });
  });

  test('a TaskRun that binds a Secret to a task that builds', () => {
    const run = {
      apiVersion: 'tekton.dev/v1',
      kind: 'TaskRun',
      metadata: { name: 'r', namespace: 'ci' },
      spec: { taskRef: { name: 'push' }, workspaces: [{ name: 'dockerconfig', secret: { secretName: 'registry' } }, { name: 'source', emptyDir: {} }] },
    };
    const t = taskWith({ name: 'build', image: KANIKO });
    expect(CREDENTIALS_WITH_REPO_CODE.check(run, ruleContext([run, t])).map((f) => [f.kind, f.location, f.target])).toEqual([['TaskRun', "step 'build'", 'step/build']]);
  });

  test('synth: a trusted SecureTask that builds with credentials is refused; a relaxation on the pipeline task records why', () => {
    const build = () => {
      const c = Testing.chart();
      const t = new SecureTask(c, 'push', {
        trusted: true,
        workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }, { name: 'dockerconfig', domain: TrustDomain.CREDENTIALS }],
        steps: [step({ name: 'build', script: '#!/bin/sh\nset -eu\ncd "$(workspaces.source.path)"\nnpm ci\n' })],
      });
      return { c, t };
    };
    const { c, t } = build();
    const p = new SecurePipeline(c, 'pipe', { workspaces: [{ name: 'src', domain: TrustDomain.SOURCE }, { name: 'creds', domain: TrustDomain.CREDENTIALS }] });
    p.addTask({ task: t, name: 'push', workspaces: { source: 'src', dockerconfig: 'creds' } });
    new SecurePipelineRun(c, 'run', { pipeline: p, workspaces: { src: RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1) }), creds: RunWorkspace.secret('registry') } });
    expect(refusalLinesOf(c, RuleId.CREDENTIALS_WITH_REPO_CODE)).toEqual([
      "SecurePipeline 'test/pipe' task 'push' step 'build': script \"npm ci\" runs the repository's build scripts, hooks, tests or code generators, "
      + `${HOLDS} [CREDENTIALS_WITH_REPO_CODE]. ${FIX} Or relax CREDENTIALS_WITH_REPO_CODE with a reason in the props of SecurePipeline 'test/pipe': relaxations: `
      + "[{ rule: RuleId.CREDENTIALS_WITH_REPO_CODE, target: 'task/push', reason: '<why>' }].",
    ]);

    const relaxed = build();
    const rp = new SecurePipeline(relaxed.c, 'pipe', {
      workspaces: [{ name: 'src', domain: TrustDomain.SOURCE }, { name: 'creds', domain: TrustDomain.CREDENTIALS }],
      relaxations: [{ rule: RuleId.CREDENTIALS_WITH_REPO_CODE, target: RelaxationTarget.task('push'), reason: 'npm ci needs the registry token to install private packages' }],
    });
    rp.addTask({ task: relaxed.t, name: 'push', workspaces: { source: 'src', dockerconfig: 'creds' } });
    const written = Testing.synth(relaxed.c).find((o: any) => o.kind === 'Pipeline');
    expect(written.metadata.annotations['secure-tekton/relax.CREDENTIALS_WITH_REPO_CODE']).toBe('task/push: npm ci needs the registry token to install private packages');
  });

  test('audit: a Pipeline, its run and its Task in separate files; the relaxation annotation is honoured', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credentials-with-repo-code-'));
    try {
      fs.writeFileSync(path.join(dir, 'task.yaml'), JSON.stringify(taskWith({ name: 'build', image: KANIKO })));
      fs.writeFileSync(path.join(dir, 'run.yaml'), JSON.stringify(secretRun));
      fs.writeFileSync(path.join(dir, 'pipeline.yaml'), JSON.stringify(pipeline()));
      const statuses = () => JSON.parse(audit([dir], 'json').stdout).findings
        .filter((f: any) => f.rule === RuleId.CREDENTIALS_WITH_REPO_CODE).map((f: any) => [path.basename(f.file), f.status]);
      expect(statuses()).toEqual([['pipeline.yaml', 'failed']]);
      const relaxed = pipeline();
      relaxed.metadata.annotations = { 'secure-tekton/relax.CREDENTIALS_WITH_REPO_CODE': 'task/push: kaniko until the build is split from the push' };
      fs.writeFileSync(path.join(dir, 'pipeline.yaml'), JSON.stringify(relaxed));
      expect(statuses()).toEqual([['pipeline.yaml', 'relaxed']]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('git with credentials in a workspace that another task, which runs repository code, writes', () => {
    const GIT = 'alpine/git@sha256:' + 'c'.repeat(64);
    /** Pipeline `rel`: task `build` runs `make all` in `source`; task `tag` runs `script` with `source` as `repo` and the credentials. */
    const release = (script: string, tag: any = {}, build: any = {}, buildSpec: any = {}): any => ({
      apiVersion: 'tekton.dev/v1',
      kind: 'Pipeline',
      metadata: { name: 'rel', namespace: 'ci' },
      spec: {
        workspaces: [{ name: 'source' }, { name: 'creds' }],
        tasks: [
          {
            name: 'build',
            workspaces: [{ name: 'src', workspace: 'source' }],
            taskSpec: { workspaces: [{ name: 'src', ...buildSpec }], steps: [{ name: 'make', image: IMAGE, workingDir: '$(workspaces.src.path)', script: '#!/bin/sh\nmake all\n' }] },
            ...build,
          },
          {
            name: 'tag',
            workspaces: [{ name: 'repo', workspace: 'source' }, { name: 'creds', workspace: 'creds' }],
            taskSpec: { workspaces: [{ name: 'repo' }, { name: 'creds' }], steps: [{ name: 'push', image: GIT, script }] },
            ...tag,
          },
        ],
      },
    });
    const run = {
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: { generateName: 'rel-', namespace: 'ci' },
      spec: { pipelineRef: { name: 'rel' }, workspaces: [{ name: 'source', emptyDir: {} }, { name: 'creds', secret: { secretName: 'git-ssh' } }] },
    };
    const gitCheck = (p: any) => CREDENTIALS_WITH_REPO_CODE.check(p, ruleContext([p, run]));
    const PROBLEM = (value: string) => ({
      location: "task 'tag' step 'push'",
      target: 'task/tag',
      property: 'script',
      value,
      problem: "runs git in the repository of workspace 'repo' (the pipeline's 'source'), in a task that holds the credentials workspace 'creds'; "
        + "task 'build' mounts that workspace writable, may run before it, and its step 'make' runs the repository's build scripts, hooks, tests "
        + 'or code generators: code from the repository can leave hooks and configuration (core.fsmonitor, core.hooksPath, core.sshCommand) in '
        + 'its .git, which git runs with the credentials',
      fix: "Give task 'tag' a fresh clone in a workspace that no task running repository code writes, run it before task 'build' "
        + "(runAfter: ['tag'] on 'build'), or declare the workspace readOnly in task 'build'.",
    });

    test('git in a workspace mounted at its own mountPath, named by that path, reported by the workspace\'s name', () => {
      const p = release('#!/bin/sh\ncd /repo\ngit tag v1\ngit push origin v1\n', { runAfter: ['build'] });
      p.spec.tasks[1].taskSpec.workspaces[0].mountPath = '/repo';
      expect(gitCheck(p)).toEqual([expect.objectContaining(PROBLEM('git tag v1'))]);
      p.spec.tasks[1].taskSpec.steps[0].script = '#!/bin/sh\ngit -C /repo push origin v1\n';
      expect(gitCheck(p)).toEqual([expect.objectContaining(PROBLEM('git -C /repo push origin v1'))]);
    });

    test('git after a build that writes the same workspace is a finding: the build may leave hooks in .git', () => {
      const p = release('#!/bin/sh\ncd $(workspaces.repo.path)\ngit tag v1\ngit push origin v1\n', { runAfter: ['build'] });
      expect(gitCheck(p)).toEqual([expect.objectContaining(PROBLEM('git tag v1'))]);
    });

    test('tasks that are not ordered may run in either order: a finding', () => {
      expect(gitCheck(release('#!/bin/sh\ngit -C "$(workspaces.repo.path)" push origin main\n')).map((f) => f.value)).toEqual(['git -C "$(workspaces.repo.path)" push origin main']);
    });

    test('each way git reaches the workspace: workingDir, cd, -C, --git-dir, sh -c, a command substitution, command and args', () => {
      const variants: Array<[any, string]> = [
        [{ workingDir: '/workspace/repo', script: '#!/bin/sh\ngit push\n' }, 'git push'],
        [{ script: '#!/bin/sh\npushd /workspace/repo/sub\ngit commit -m x\n' }, 'git commit -m x'],
        [{ script: '#!/bin/sh\ngit --git-dir=$(workspaces.repo.path)/.git fetch\n' }, 'git --git-dir=$(workspaces.repo.path)/.git fetch'],
        [{ script: "#!/bin/sh\nsh -c 'cd $(workspaces.repo.path) && git status'\n" }, "sh -c 'cd $(workspaces.repo.path) && git status'"],
        [{ script: '#!/bin/sh\ncd $(workspaces.repo.path)\nSHA=$(git rev-parse HEAD)\n' }, 'SHA=$(git rev-parse HEAD)'],
        [{ script: '#!/bin/sh\nexport R=$(workspaces.repo.path)\ncd "$R"; git push\n', env: [{ name: 'R', value: '$(workspaces.repo.path)' }] }, 'git push'],
        [{ script: undefined, command: ['git', '-C', '$(workspaces.repo.path)', 'push'] }, 'git -C $(workspaces.repo.path) push'],
        [{ script: '#!/bin/sh\nsudo -u ci git -C /workspace/repo push\n' }, 'sudo -u ci git -C /workspace/repo push'],
        [{ script: "#!/bin/sh\nsudo -E sh -c 'cd /workspace/repo && git push'\n" }, "sudo -E sh -c 'cd /workspace/repo && git push'"],
        [{ script: undefined, command: ['/usr/bin/env', 'GIT_TRACE=1', 'git'], args: ['push'], workingDir: '$(workspaces.repo.path)' }, '/usr/bin/env GIT_TRACE=1 git push'],
        [{ script: '#!/bin/sh\nenv -C /workspace/repo git push\n' }, 'env -C /workspace/repo git push'],
        // through the programs that run a command: flock, su and runuser, watch, unshare -w, chroot --skip-chdir
        [{ workingDir: '/workspace/repo', script: '#!/bin/sh\nflock /tmp/l git fetch\n' }, 'flock /tmp/l git fetch'],
        [{ script: "#!/bin/sh\nflock -w 5 /tmp/l -c 'cd /workspace/repo && git push'\n" }, "flock -w 5 /tmp/l -c 'cd /workspace/repo && git push'"],
        [{ script: '#!/bin/sh\nrunuser -u ci -- git -C /workspace/repo push\n' }, 'runuser -u ci -- git -C /workspace/repo push'],
        [{ workingDir: '/workspace/repo', script: "#!/bin/sh\nsu ci -c 'git push'\n" }, "su ci -c 'git push'"],
        [{ script: '#!/bin/sh\nunshare -w /workspace/repo git push\n' }, 'unshare -w /workspace/repo git push'],
        [{ script: undefined, command: ['chroot', '--skip-chdir', '/', 'git', 'push'], workingDir: '/workspace/repo' }, 'chroot --skip-chdir / git push'],
        [{ script: undefined, command: ['setpriv', '--reuid=1000', 'sh', '-c', 'cd /workspace/repo; git push'] }, 'setpriv --reuid=1000 sh -c cd /workspace/repo; git push'],
        // code the shell runs itself: eval's arguments, a trap's action, a heredoc or here-string fed to a shell, sh -c through a variable
        [{ workingDir: '/workspace/repo', script: '#!/bin/sh\neval "git push"\n' }, 'eval "git push"'],
        [{ script: '#!/bin/sh\ncd /workspace/repo\nbuiltin eval git push origin v1\n' }, 'builtin eval git push origin v1'],
        [{ workingDir: '/workspace/repo', script: "#!/bin/sh\ntrap 'git push origin v1' EXIT\nmake -v\n" }, "trap 'git push origin v1' EXIT"],
        [{ script: '#!/bin/sh\nbash <<EOF\ncd $(workspaces.repo.path)\ngit push\nEOF\n' }, 'bash <<EOF'],
        [{ workingDir: '/workspace/repo', script: '#!/bin/bash\nsh -s <<< "git push"\n' }, 'sh -s <<< "git push"'],
        [{ workingDir: '/workspace/repo', script: '#!/bin/sh\nbash /dev/stdin <<-EOF\n\tgit push\n\tEOF\n' }, 'bash /dev/stdin <<-EOF'],
        [{ workingDir: '/workspace/repo', script: '#!/bin/sh\nCMD="git push"\nsh -c "$CMD"\n' }, 'sh -c "$CMD"'],
        [{ workingDir: '/workspace/repo', script: '#!/bin/sh\nRUN="sh -c"\n$RUN "git push"\n' }, '$RUN "git push"'],
        [{ workingDir: '/workspace/repo', script: '#!/bin/sh\nV=$(eval "git describe")\n' }, 'V=$(eval "git describe")'],
        // what echo or printf pipes to a shell, and what a runner's shell reads
        [{ workingDir: '/workspace/repo', script: '#!/bin/sh\necho "git push origin v1" | bash\n' }, 'bash'],
        [{ workingDir: '/workspace/repo', script: '#!/bin/bash\nflock /tmp/l bash <<< "git push"\n' }, 'flock /tmp/l bash <<< "git push"'],
        [{ script: "#!/bin/sh\nprintf 'cd %s && git push\\n' $(workspaces.repo.path) | sh -s\n" }, 'sh -s'],
        [{ workingDir: '/workspace/repo', script: '#!/bin/sh\nflock /tmp/l sh -c \'eval "git push"\'\n' }, 'flock /tmp/l sh -c \'eval "git push"\''],
        [{ script: undefined, command: ['bash', '-c', 'trap "git push" EXIT; make -v'], workingDir: '/workspace/repo' }, 'trap "git push" EXIT'],
      ];
      for (const [fields, value] of variants) {
        const p = release('', { runAfter: ['build'] });
        Object.assign(p.spec.tasks[1].taskSpec.steps[0], fields);
        expect([value, gitCheck(p).map((f) => f.value)]).toEqual([value, [value]]);
      }
    });

    test('GIT_DIR or GIT_COMMON_DIR exported, or of the container\'s env, naming the workspace\'s repository: git reads its config and hooks', () => {
      // git 2.39 run: a core.fsmonitor in the config of the directory either names ran on `git status` in /tmp, or in another repository
      const variants: Array<[any, string]> = [
        [{ workingDir: '/tmp', script: '#!/bin/sh\nexport GIT_DIR=$(workspaces.repo.path)/.git\ngit fetch\n' }, 'git fetch'],
        [{ workingDir: '/tmp', script: '#!/bin/bash\ndeclare -x GIT_DIR=/workspace/repo/.git\ngit tag v1\n' }, 'git tag v1'],
        [{ workingDir: '/tmp/r', script: '#!/bin/sh\nexport GIT_COMMON_DIR=/workspace/repo/.git\ngit push\n' }, 'git push'],
        [{ workingDir: '/tmp/r', script: '#!/bin/sh\nGIT_COMMON_DIR=/workspace/repo/.git git push\n' }, 'GIT_COMMON_DIR=/workspace/repo/.git git push'],
        [{ workingDir: '/tmp', env: [{ name: 'GIT_DIR', value: '$(workspaces.repo.path)/.git' }], script: '#!/bin/sh\ngit push\n' }, 'git push'],
        [{ workingDir: '/tmp', env: [{ name: 'GIT_DIR', value: '/workspace/repo/.git' }], script: undefined, command: ['git', 'push'] }, 'git push'],
      ];
      for (const [fields, value] of variants) {
        const p = release('', { runAfter: ['build'] });
        Object.assign(p.spec.tasks[1].taskSpec.steps[0], fields);
        expect([value, gitCheck(p).map((f) => f.value)]).toEqual([value, [value]]);
      }
      // exported after its assignment, with set -a or set -o allexport before it, or reassigned where the container's env gives it (bash 5.2 run: git read it)
      const exported: Array<[any, string]> = [
        [{ workingDir: '/tmp', script: '#!/bin/sh\nGIT_DIR=/workspace/repo/.git\nexport GIT_DIR\ngit fetch\n' }, 'git fetch'],
        [{ workingDir: '/tmp', script: '#!/bin/bash\nset -a\nGIT_DIR=$(workspaces.repo.path)/.git\ngit push\n' }, 'git push'],
        [{ workingDir: '/tmp', script: '#!/bin/bash\nset -o allexport\nGIT_DIR=$(workspaces.repo.path)/.git\ngit push\n' }, 'git push'],
        [{ workingDir: '/tmp', env: [{ name: 'GIT_DIR', value: '/tmp/r/.git' }], script: '#!/bin/sh\nGIT_DIR=/workspace/repo/.git\ngit push\n' }, 'git push'],
      ];
      for (const [fields, value] of exported) {
        const p = release('', { runAfter: ['build'] });
        Object.assign(p.spec.tasks[1].taskSpec.steps[0], fields);
        expect([fields.script, gitCheck(p).map((f) => f.value)]).toEqual([fields.script, [value]]);
      }
      // not exported: bash passes git none of it (bash 5.2 run: `GIT_DIR=…; git rev-parse --git-dir` found no repository in /tmp)
      for (const script of ['#!/bin/sh\nGIT_DIR=/workspace/repo/.git\ngit fetch\n', '#!/bin/bash\nGIT_DIR=$(workspaces.repo.path)/.git\ngit push\nexport GIT_DIR\n',
        '#!/bin/bash\nexport GIT_WORK_TREE=/tmp/w\nGIT_COMMON_DIR=$(workspaces.repo.path)/.git\ngit push\n']) {
        const p = release('', { runAfter: ['build'] });
        Object.assign(p.spec.tasks[1].taskSpec.steps[0], { workingDir: '/tmp', script });
        expect([script, gitCheck(p)]).toEqual([script, []]);
      }
      // a repository of its own (a clone in /tmp), or GIT_DIR set after git ran
      for (const script of ['#!/bin/sh\nexport GIT_DIR=/tmp/r/.git\ngit fetch\n', '#!/bin/sh\ngit -C /tmp/r fetch\nexport GIT_DIR=/workspace/repo/.git\n']) {
        const p = release('', { runAfter: ['build'] });
        Object.assign(p.spec.tasks[1].taskSpec.steps[0], { workingDir: '/tmp', script });
        expect([script, gitCheck(p)]).toEqual([script, []]);
      }
    });

    test('without a workingDir (the image\'s WORKDIR, not known), git run in a relative path by which a WORKDIR above the workspace reaches it', () => {
      // from /workspace (kaniko's, Cloud Builders', alpine/git's): the workspace's name; from /: workspace/<name>
      const variants: Array<[any, string]> = [
        [{ script: '#!/bin/sh\ncd repo && git push origin v1\n' }, 'git push origin v1'],
        [{ script: '#!/bin/sh\ncd workspace/repo/sub\ngit tag v1\n' }, 'git tag v1'],
        [{ script: '#!/bin/sh\ngit -C repo push\n' }, 'git -C repo push'],
        [{ script: '#!/bin/sh\ncd workspace\ngit -C repo push\n' }, 'git -C repo push'],
        [{ script: undefined, command: ['git', '--git-dir=workspace/repo/.git', 'push'] }, 'git --git-dir=workspace/repo/.git push'],
        [{ script: "#!/bin/sh\nsh -c 'cd repo; git push'\n" }, "sh -c 'cd repo; git push'"],
      ];
      for (const [fields, value] of variants) {
        const p = release('', { runAfter: ['build'] });
        Object.assign(p.spec.tasks[1].taskSpec.steps[0], fields);
        expect([value, gitCheck(p)]).toEqual([value, [expect.objectContaining({ ...PROBLEM(value), property: fields.script === undefined ? 'command' : 'script' })]]);
      }
      // not there: the WORKDIR itself, a name that only starts like the workspace's, a cd elsewhere first, a workingDir outside the workspaces
      for (const fields of [
        { script: '#!/bin/sh\ngit push\n' },
        { script: '#!/bin/sh\ncd repos && git push\n' },
        { script: '#!/bin/sh\ncd /tmp\ngit -C repo push\n' },
        { script: '#!/bin/sh\ncd build\ngit -C repo push\n' },
        { script: '#!/bin/sh\ngit -C repo push\n', workingDir: '/tmp' },
      ]) {
        const p = release('', { runAfter: ['build'] });
        Object.assign(p.spec.tasks[1].taskSpec.steps[0], fields);
        expect([fields, gitCheck(p)]).toEqual([fields, []]);
      }
    });

    test('git that xargs or find -exec runs, in the workspace or in its files', () => {
      const variants: Array<[any, string]> = [
        [{ workingDir: '/workspace/repo', script: '#!/bin/sh\necho v1 | xargs -n 1 git tag\n' }, 'xargs -n 1 git tag'],
        [{ script: '#!/bin/sh\ncd $(workspaces.repo.path)\nprintf "%s" v1 | xargs -I{} sh -c \'git tag {}\'\n' }, "xargs -I{} sh -c 'git tag {}'"],
        [{ script: '#!/bin/sh\nfind $(workspaces.repo.path) -maxdepth 1 -name .git -execdir git push \\;\n' },
          'find $(workspaces.repo.path) -maxdepth 1 -name .git -execdir git push \\;'],
        [{ script: undefined, command: ['find', '.', '-maxdepth', '0', '-exec', 'git', 'status', ';'], workingDir: '/workspace/repo' },
          'find . -maxdepth 0 -exec git status ;'],
        [{ script: undefined, command: ['xargs', '-a', '/tmp/tags', 'git', '-C', '/workspace/repo', 'tag'] }, 'xargs -a /tmp/tags git -C /workspace/repo tag'],
      ];
      for (const [fields, value] of variants) {
        const p = release('', { runAfter: ['build'] });
        Object.assign(p.spec.tasks[1].taskSpec.steps[0], fields);
        expect([value, gitCheck(p)]).toEqual([value, [expect.objectContaining({ ...PROBLEM(value), property: fields.script === undefined ? 'command' : 'script' })]]);
      }
      // outside the workspace, and git that reads no repository
      const none = '#!/bin/sh\necho x | xargs git -C /tmp/clone push\ncd $(workspaces.repo.path)\nfind /tmp -exec git --version \\;\necho u | xargs git clone\n';
      expect(gitCheck(release(none, { runAfter: ['build'] }))).toEqual([]);
    });

    test('no finding: git that reads no repository of the workspace, or runs outside it', () => {
      for (const script of [
        '#!/bin/sh\ngit clone https://example.com/r.git $(workspaces.repo.path)/fresh\n',
        '#!/bin/sh\ncd $(workspaces.repo.path)\ngit init\ngit --version\n',
        '#!/bin/sh\ngit -C /tmp/other push\n',
        '#!/bin/sh\ncd $(workspaces.repo.path)\ncd /tmp/clone\ngit push\n',
        '#!/bin/sh\ncat <<EOF\ncd $(workspaces.repo.path); git push\nEOF\n',
        // a runner that moves out of the workspace: unshare -w, chroot (to the new root's /)
        '#!/bin/sh\ncd $(workspaces.repo.path)\nunshare -w /tmp/clone git push\nchroot /sysroot git push\nflock /tmp/l git --version\nenv -C /tmp/clone git push\n',
        // eval, a trap and a shell's heredoc that run git elsewhere or none; a trap reset; a heredoc a shell does not read
        '#!/bin/sh\ncd $(workspaces.repo.path)\neval "git -C /tmp/clone push"\ntrap - EXIT\ntrap \'git --version\' EXIT\nbash <<EOF\ncd /tmp/clone && git push\nEOF\n',
        '#!/bin/sh\ncd $(workspaces.repo.path)\nbash /opt/x.sh <<EOF\ngit push\nEOF\nsh -c \'echo\' <<< "git push"\nsh < /tmp/in <<< "git push"\n',
      ]) {
        expect([script, gitCheck(release(script, { runAfter: ['build'] }))]).toEqual([script, []]);
      }
    });

    test('a script of another interpreter than a shell is not read for git: the conservative finding on what it runs stands in its place', () => {
      const p = release('#!/usr/bin/env python3\ngit = "push"\n', { runAfter: ['build'] });
      p.spec.tasks[1].taskSpec.steps[0].workingDir = '/workspace/repo';
      expect(gitCheck(p).map((f) => [f.location, f.value, f.problem])).toEqual([[
        "task 'tag' step 'push'", '#!/usr/bin/env python3',
        "runs a python3 script the rule does not read: it may run the repository's code, in a task that holds the credentials workspace 'creds': code from the repository can read the credentials",
      ]]);
    });

    test('no finding when the task surely runs before the build: runAfter, a result the build uses, a finally build', () => {
      const script = '#!/bin/sh\ncd $(workspaces.repo.path)\ngit push\n';
      expect(gitCheck(release(script, {}, { runAfter: ['tag'] }))).toEqual([]);
      expect(gitCheck(release(script, {}, { params: [{ name: 'v', value: '$(tasks.tag.results.version)' }] }))).toEqual([]);
      expect(gitCheck(release(script, {}, { when: [{ input: '$(tasks.tag.results.ok)', operator: 'in', values: ['true'] }] }))).toEqual([]);
      // through a third task: build after mid after tag
      const chained = release(script, {}, { runAfter: ['mid'] });
      chained.spec.tasks.push({ name: 'mid', runAfter: ['tag'], taskSpec: { steps: [{ name: 's', image: IMAGE, script: '#!/bin/sh\ntrue\n' }] } });
      expect(gitCheck(chained)).toEqual([]);
      const lastBuild = release(script);
      lastBuild.spec.finally = [lastBuild.spec.tasks.shift()];
      expect(gitCheck(lastBuild)).toEqual([]);
      // a finally task runs after every task: the other way round is a finding
      const lastTag = release(script);
      lastTag.spec.finally = [lastTag.spec.tasks.pop()];
      expect(gitCheck(lastTag).map((f) => f.location)).toEqual(["task 'tag' step 'push'"]);
    });

    test('no finding when the build mounts the workspace readOnly, or runs no repository code', () => {
      const script = '#!/bin/sh\ncd $(workspaces.repo.path)\ngit push\n';
      expect(gitCheck(release(script, { runAfter: ['build'] }, {}, { readOnly: true }))).toEqual([]);
      const quiet = release(script, { runAfter: ['build'] });
      quiet.spec.tasks[0].taskSpec.steps[0].script = '#!/bin/sh\nls -la\n';
      expect(gitCheck(quiet)).toEqual([]);
    });

    test('synth: a trusted SecureTask that pushes with git after a build task on the same workspace is refused', () => {
      const c = Testing.chart();
      const build = new SecureTask(c, 'build', {
        workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }],
        steps: [step({ name: 'make', script: '#!/bin/sh\nset -eu\ncd "$(workspaces.source.path)"\nmake all\n' })],
      });
      const tag = new SecureTask(c, 'tag', {
        trusted: true,
        workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }, { name: 'ssh', domain: TrustDomain.CREDENTIALS }],
        steps: [step({ name: 'push', script: '#!/bin/sh\nset -eu\ncd "$(workspaces.source.path)"\ngit push origin HEAD:main\n' })],
      });
      const p = new SecurePipeline(c, 'pipe', { workspaces: [{ name: 'src', domain: TrustDomain.SOURCE }, { name: 'creds', domain: TrustDomain.CREDENTIALS }] });
      const b = p.addTask({ task: build, name: 'build', workspaces: { source: 'src' } });
      p.addTask({ task: tag, name: 'tag', runAfter: [b], workspaces: { source: 'src', ssh: 'creds' } });
      expect(refusalLinesOf(c, RuleId.CREDENTIALS_WITH_REPO_CODE)).toEqual([
        "SecurePipeline 'test/pipe' task 'tag' step 'push': script \"git push origin HEAD:main\" runs git in the repository of workspace 'source' "
        + "(the pipeline's 'src'), in a task that holds the credentials workspace 'ssh'; task 'build' mounts that workspace writable, may run before "
        + "it, and its step 'make' runs the repository's build scripts, hooks, tests or code generators: code from the repository can leave hooks and "
        + 'configuration (core.fsmonitor, core.hooksPath, core.sshCommand) in its .git, which git runs with the credentials [CREDENTIALS_WITH_REPO_CODE]. '
        + "Give task 'tag' a fresh clone in a workspace that no task running repository code writes, run it before task 'build' (runAfter: ['tag'] on "
        + "'build'), or declare the workspace readOnly in task 'build'. Or relax CREDENTIALS_WITH_REPO_CODE with a reason in the props of SecurePipeline 'test/pipe': relaxations: "
        + "[{ rule: RuleId.CREDENTIALS_WITH_REPO_CODE, target: 'task/tag', reason: '<why>' }].",
      ]);
    });
  });

  describe("creds-init: the Secrets listed under the run's ServiceAccount's secrets:", () => {
    const NODE = 'docker.io/library/node@sha256:' + 'c'.repeat(64);
    const NPM = "runs the repository's build scripts, hooks, tests or code generators";
    /** Task `test` in `ci`: step `test` runs npm ci in the source workspace, step `report` runs no repository code. */
    const testTask = (extra: Record<string, any> = {}) => ({
      apiVersion: 'tekton.dev/v1',
      kind: 'Task',
      metadata: { name: 'test', namespace: 'ci' },
      spec: {
        workspaces: [{ name: 'source' }],
        steps: [
          { name: 'report', image: IMAGE, script: '#!/bin/sh\necho ok\n' },
          { name: 'test', image: NODE, workingDir: '$(workspaces.source.path)', script: '#!/bin/sh\nnpm ci\nnpm test\n' },
        ],
        ...extra,
      },
    });
    /** Pipeline `ci` in `ci` whose task `unit` runs Task `test`, and whose task `notify` runs no repository code. */
    const ciPipeline = {
      apiVersion: 'tekton.dev/v1',
      kind: 'Pipeline',
      metadata: { name: 'ci', namespace: 'ci' },
      spec: {
        workspaces: [{ name: 'src' }],
        tasks: [
          { name: 'unit', taskRef: { name: 'test' }, workspaces: [{ name: 'source', workspace: 'src' }] },
          { name: 'notify', taskSpec: { steps: [{ name: 'send', image: IMAGE, script: '#!/bin/sh\necho sent\n' }] } },
        ],
      },
    };
    /** A PipelineRun of `ci` as ServiceAccount `builder`; `spec` replaces fields. */
    const ciRun = (spec: Record<string, any> = {}, apiVersion = 'tekton.dev/v1') => ({
      apiVersion,
      kind: 'PipelineRun',
      metadata: { generateName: 'ci-', namespace: 'ci' },
      spec: { pipelineRef: { name: 'ci' }, taskRunTemplate: { serviceAccountName: 'builder' }, workspaces: [{ name: 'src', emptyDir: {} }], ...spec },
    });
    const account = (secrets: string[], name = 'builder', namespace = 'ci') => ({
      apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace }, secrets: secrets.map((n) => ({ name: n })),
    });
    const secret = (name: string, type: string, annotations?: Record<string, string>) => ({
      apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: 'ci', ...(annotations ? { annotations } : {}) }, type,
    });
    const flags = (data: Record<string, string>, namespace: string | undefined = 'tekton-pipelines') => ({
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'feature-flags', ...(namespace ? { namespace } : {}) }, data,
    });
    const REGISTRY = secret('registry-push', 'kubernetes.io/dockerconfigjson');
    const CREDS_INIT_FIX = 'Bind the credential to a workspace of the one trusted task that needs it (the kubelet mounts it: no `secrets:` entry or RBAC '
      + "grant is needed) and remove it from the ServiceAccount's `secrets:` (in the library: do not call grantRead for it; allowChainsToPush lists a "
      + 'registry Secret for Chains under `imagePullSecrets:`, which creds-init does not read), or turn creds-init off: `disable-creds-init: "true"` in '
      + "Tekton's feature-flags (TektonFeatureFlags writes it).";
    const MOUNTED = (sa: string, name: string, type: string, writes: string, more = '') => `${NPM}, while the task runs as ServiceAccount '${sa}', `
      + `whose \`secrets:\` list the Secret '${name}' (${type})${more}: Tekton's creds-init mounts it into every step and writes it into this step's `
      + `home directory (${writes}), where code from the repository can read it`;
    const MAY = (sa: string, name: string) => `${NPM}, while the task runs as ServiceAccount '${sa}', whose \`secrets:\` list the Secret '${name}', `
      + 'which is not among the objects checked: if it is a registry Secret, or a basic-auth or SSH Secret with the `tekton.dev/…` annotation '
      + "creds-init reads, Tekton's creds-init mounts it into every step and writes it into this step's home directory, where code from the "
      + 'repository may read it';
    /** The findings on `run` checked with the Pipeline, the Task and `others`. */
    const onRun = (run: any, ...others: any[]) => CREDENTIALS_WITH_REPO_CODE.check(run, ruleContext([run, ciPipeline, testTask(), ...others]));
    const problems = (run: any, ...others: any[]) => onRun(run, ...others).map((f) => [f.location, f.problem]);

    /** The finding on the step that runs npm ci, given the registry Secret by creds-init. */
    const REGISTRY_FINDING = {
      rule: RuleId.CREDENTIALS_WITH_REPO_CODE,
      kind: 'PipelineRun',
      name: 'ci-',
      location: "task 'unit' step 'test'",
      target: 'task/unit',
      property: 'script',
      value: 'npm ci',
      problem: MOUNTED('builder', 'registry-push', 'kubernetes.io/dockerconfigjson', '~/.docker/config.json'),
      fix: CREDS_INIT_FIX,
    };

    test('non-compliant: a registry Secret listed on the run\'s ServiceAccount reaches a step that runs npm ci', () => {
      expect(onRun(ciRun(), account(['registry-push']), REGISTRY)).toEqual([REGISTRY_FINDING]);
    });

    test('non-compliant: a container builder Task a resolver or bundle fetches, run with the Secrets creds-init gives (a TaskRun, a pipeline task)', () => {
      const hub = { resolver: 'hub', params: [{ name: 'name', value: 'buildah' }, { name: 'version', value: '0.6' }] };
      const WHILE = "while the task runs as ServiceAccount 'builder', whose `secrets:` list the Secret 'registry-push' (kubernetes.io/dockerconfigjson): "
        + "Tekton's creds-init mounts it into every step and writes it into each step's home directory (~/.docker/config.json), where code from the "
        + 'repository can read it';
      const RUNS = 'runs the Task buildah, which the hub resolver fetches when the run starts (its content is not known here): a Task of that name in the '
        + `Tekton catalog and in Konflux runs buildah, a container builder, ${BUILDER}, ${WHILE}`;
      const taskRun = {
        apiVersion: 'tekton.dev/v1',
        kind: 'TaskRun',
        metadata: { name: 'build', namespace: 'ci' },
        spec: { taskRef: hub, serviceAccountName: 'builder', workspaces: [{ name: 'source', emptyDir: {} }] },
      };
      expect(CREDENTIALS_WITH_REPO_CODE.check(taskRun, ruleContext([taskRun, account(['registry-push']), REGISTRY]))
        .map((f) => [f.location, f.target, f.property, f.value, f.problem, f.fix])).toEqual([[undefined, undefined, 'spec.taskRef.params[name]', 'buildah', RUNS, CREDS_INIT_FIX]]);
      const pipe = { ...ciPipeline, spec: { ...ciPipeline.spec, tasks: [{ ...ciPipeline.spec.tasks[0], taskRef: hub }, ciPipeline.spec.tasks[1]] } };
      const run = ciRun();
      expect(CREDENTIALS_WITH_REPO_CODE.check(run, ruleContext([run, pipe, account(['registry-push']), REGISTRY]))
        .map((f) => [f.location, f.target, f.property, f.value, f.problem])).toEqual([["task 'unit'", 'task/unit', 'taskRef.params[name]', 'buildah', RUNS]]);
      // not: an account without Secrets creds-init takes, another Task
      expect(CREDENTIALS_WITH_REPO_CODE.check(taskRun, ruleContext([taskRun, account([])]))).toEqual([]);
      const clone = { ...taskRun, spec: { ...taskRun.spec, taskRef: { resolver: 'hub', params: [{ name: 'name', value: 'git-clone' }] } } };
      expect(CREDENTIALS_WITH_REPO_CODE.check(clone, ruleContext([clone, account(['registry-push']), REGISTRY]))).toEqual([]);
      // the run's params in the resolver's: the TaskRun's own, the PipelineRun's for a pipeline task
      const byParam = { resolver: 'hub', params: [{ name: 'name', value: '$(params.task)' }] };
      const paramRun = { ...taskRun, spec: { ...taskRun.spec, taskRef: byParam, params: [{ name: 'task', value: 'buildah' }] } };
      expect(CREDENTIALS_WITH_REPO_CODE.check(paramRun, ruleContext([paramRun, account(['registry-push']), REGISTRY])).map((f) => f.problem)).toEqual([
        RUNS.replace('buildah,', 'buildah ("buildah", where $(params.task) is the value the TaskRun passes for "task", "buildah"),'),
      ]);
      const paramPipe = { ...pipe, spec: { ...pipe.spec, tasks: [{ ...pipe.spec.tasks[0], taskRef: byParam }, pipe.spec.tasks[1]] } };
      const pipeRun = { ...run, spec: { ...run.spec, params: [{ name: 'task', value: 'buildah' }] } };
      expect(CREDENTIALS_WITH_REPO_CODE.check(pipeRun, ruleContext([pipeRun, paramPipe, account(['registry-push']), REGISTRY])).map((f) => f.problem)).toEqual([
        RUNS.replace('buildah,', 'buildah ("buildah", where $(params.task) is the PipelineRun\'s value of "task", "buildah"),'),
      ]);
    });

    test('non-compliant: a builder image a Pipeline\'s task takes from a pipeline param is the value the PipelineRun that refers to it gives', () => {
      const builderTask = {
        apiVersion: 'tekton.dev/v1',
        kind: 'Task',
        metadata: { name: 'build', namespace: 'ci' },
        spec: {
          params: [{ name: 'BUILDER_IMAGE', default: IMAGE }],
          workspaces: [{ name: 'source' }],
          steps: [{ name: 'build', image: '$(params.BUILDER_IMAGE)', workingDir: '$(workspaces.source.path)', args: ['--context=.'] }],
        },
      };
      const pipe = {
        apiVersion: 'tekton.dev/v1',
        kind: 'Pipeline',
        metadata: { name: 'ci', namespace: 'ci' },
        spec: {
          workspaces: [{ name: 'src' }],
          params: [{ name: 'builder', default: IMAGE }],
          tasks: [{ name: 'build', taskRef: { name: 'build' }, params: [{ name: 'BUILDER_IMAGE', value: '$(params.builder)' }], workspaces: [{ name: 'source', workspace: 'src' }] }],
        },
      };
      const judgeRun = (run: any) => CREDENTIALS_WITH_REPO_CODE.check(run, ruleContext([run, pipe, builderTask, account(['registry-push']), REGISTRY])).map((f) => [f.location, f.value, f.problem]);
      expect(judgeRun(ciRun({ params: [{ name: 'builder', value: 'quay.io/buildah/stable:v1.30' }] }))).toEqual([[
        "task 'build' step 'build'", '$(params.BUILDER_IMAGE)',
        'takes the image pipeline task \'build\' passes for "BUILDER_IMAGE", $(params.builder), the PipelineRun\'s value of "builder", "quay.io/buildah/stable:v1.30"; '
        + `that image is buildah, a container builder, ${BUILDER}, while the task runs as ServiceAccount 'builder', whose \`secrets:\` list the Secret 'registry-push' `
        + "(kubernetes.io/dockerconfigjson): Tekton's creds-init mounts it into every step and writes it into this step's home directory (~/.docker/config.json), "
        + 'where code from the repository can read it',
      ]]);
      // the run gives none: the pipeline's default, no builder
      expect(judgeRun(ciRun())).toEqual([]);
    });

    test('non-compliant, worded "may": a listed Secret that is not among the objects (its type is not known)', () => {
      expect(problems(ciRun(), account(['registry-push']))).toEqual([["task 'unit' step 'test'", MAY('builder', 'registry-push')]]);
      // a Secret of that name in another namespace is not the one the run's namespace holds
      expect(problems(ciRun(), account(['registry-push']), { ...REGISTRY, metadata: { name: 'registry-push', namespace: 'other' } }))
        .toEqual([["task 'unit' step 'test'", MAY('builder', 'registry-push')]]);
    });

    test('compliant: the token Secret Kubernetes made for the account, listed by an account read from a cluster, is not among what creds-init takes', () => {
      // tokens_controller.go names it "<account>-token-" and five generated characters; creds-init reads no service-account-token Secret
      expect(problems(ciRun(), account(['builder-token-x7k2q']))).toEqual([]);
      // beside another Secret's finding, the message names it as left out, and why
      expect(problems(ciRun(), account(['builder-token-x7k2q', 'registry-push']))).toEqual([["task 'unit' step 'test'", MAY('builder', 'registry-push')
        + "; its `secrets:` also list 'builder-token-x7k2q', not among the objects checked, left out: that is the name Kubernetes' token controller "
        + "gives the account's kubernetes.io/service-account-token Secret, which creds-init does not take, and no other Secret has it while that one "
        + 'exists (one of that name among the objects is read by its type)']]);
      // another account's token name, or a name the generator cannot make (a vowel, six characters), may be any Secret: still reported
      expect(problems(ciRun(), account(['other-token-x7k2q'])).map((p) => p[1])).toEqual([MAY('builder', 'other-token-x7k2q')]);
      expect(problems(ciRun(), account(['builder-token-x7a2q'])).map((p) => p[1])).toEqual([MAY('builder', 'builder-token-x7a2q')]);
      expect(problems(ciRun(), account(['builder-token-x7k2qq'])).map((p) => p[1])).toEqual([MAY('builder', 'builder-token-x7k2qq')]);
      // one of that name among the objects is read by its type, as any other
      expect(problems(ciRun(), account(['builder-token-x7k2q']), secret('builder-token-x7k2q', 'kubernetes.io/dockerconfigjson')).map((p) => p[1]))
        .toEqual([MOUNTED('builder', 'builder-token-x7k2q', 'kubernetes.io/dockerconfigjson', '~/.docker/config.json')]);
      // a basic-auth Secret given that name is taken as its type and annotation say; a service-account-token one is not
      expect(problems(ciRun(), account(['builder-token-x7k2q']), secret('builder-token-x7k2q', 'kubernetes.io/basic-auth', { 'tekton.dev/git-0': 'https://github.com' }))
        .map((p) => p[1])).toEqual([MOUNTED('builder', 'builder-token-x7k2q', 'kubernetes.io/basic-auth', '~/.git-credentials, ~/.gitconfig')]);
      expect(problems(ciRun(), account(['builder-token-x7k2q']), secret('builder-token-x7k2q', 'kubernetes.io/service-account-token'))).toEqual([]);
    });

    test.each([
      ['dockercfg', secret('s', 'kubernetes.io/dockercfg'), 'kubernetes.io/dockercfg', '~/.docker/config.json'],
      ['basic-auth for git', secret('s', 'kubernetes.io/basic-auth', { 'tekton.dev/git-0': 'https://github.com' }), 'kubernetes.io/basic-auth', '~/.git-credentials, ~/.gitconfig'],
      ['basic-auth for a registry', secret('s', 'kubernetes.io/basic-auth', { 'tekton.dev/docker-3': 'https://registry.example.com' }), 'kubernetes.io/basic-auth', '~/.docker/config.json'],
      ['basic-auth for both', secret('s', 'kubernetes.io/basic-auth', { 'tekton.dev/docker-0': 'r', 'tekton.dev/git-1': 'g' }), 'kubernetes.io/basic-auth',
        '~/.docker/config.json, ~/.git-credentials, ~/.gitconfig'],
      ['ssh-auth for git', secret('s', 'kubernetes.io/ssh-auth', { 'tekton.dev/git-0': 'github.com' }), 'kubernetes.io/ssh-auth', '~/.ssh'],
    ])('non-compliant: creds-init takes a %s Secret', (_, s, type, writes) => {
      expect(problems(ciRun(), account(['s']), s)).toEqual([["task 'unit' step 'test'", MOUNTED('builder', 's', type, writes)]]);
    });

    test('compliant: Secrets creds-init does not take (Opaque, untyped, unannotated basic-auth or SSH, SSH for a registry)', () => {
      const untaken = [
        secret('opaque', 'Opaque'), { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'untyped', namespace: 'ci' } },
        secret('basic', 'kubernetes.io/basic-auth'), secret('ssh', 'kubernetes.io/ssh-auth', { 'other/git-0': 'github.com' }),
        secret('ssh-docker', 'kubernetes.io/ssh-auth', { 'tekton.dev/docker-0': 'registry.example.com' }),
      ];
      expect(onRun(ciRun(), account(untaken.map((u) => u.metadata.name)), ...untaken)).toEqual([]);
    });

    test('compliant: the ServiceAccount is not among the objects, or is in another namespace, or lists nothing', () => {
      expect(onRun(ciRun(), REGISTRY)).toEqual([]);
      expect(onRun(ciRun(), account(['registry-push'], 'builder', 'other'), REGISTRY)).toEqual([]);
      expect(onRun(ciRun(), account([]), REGISTRY)).toEqual([]);
      // imagePullSecrets are not read by creds-init
      expect(onRun(ciRun(), { ...account([]), imagePullSecrets: [{ name: 'registry-push' }] }, REGISTRY)).toEqual([]);
    });

    test('compliant: no step of the run runs repository code (a step and a sidecar of their own do not count)', () => {
      const quiet = testTask({
        steps: [{ name: 'report', image: IMAGE, script: '#!/bin/sh\necho ok\n' }],
        // creds-init mounts into steps only: a sidecar gets none of its Secrets
        sidecars: [{ name: 'svc', image: NODE, workingDir: '$(workspaces.source.path)', script: '#!/bin/sh\nnpm ci\n' }],
      });
      const run = ciRun();
      expect(CREDENTIALS_WITH_REPO_CODE.check(run, ruleContext([run, ciPipeline, quiet, account(['registry-push']), REGISTRY]))).toEqual([]);
    });

    test.each([
      ['"true"', flags({ 'disable-creds-init': 'true' }), []],
      ['"1", as Go\'s ParseBool reads it', flags({ 'disable-creds-init': '1' }), []],
      ['"true", without a namespace', flags({ 'disable-creds-init': 'True' }, undefined), []],
      ['"false"', flags({ 'disable-creds-init': 'false' }), ["task 'unit' step 'test'"]],
      ['"yes", which Tekton cannot read', flags({ 'disable-creds-init': 'yes' }), ["task 'unit' step 'test'"]],
      ['"true" beside a value Tekton cannot read, which voids the whole ConfigMap', flags({ 'disable-creds-init': 'true', 'enable-api-fields': 'gamma' }), ["task 'unit' step 'test'"]],
      ['"true", in another namespace (not the feature-flags Tekton reads)', flags({ 'disable-creds-init': 'true' }, 'ci'), ["task 'unit' step 'test'"]],
      // the API server stores a null as "": disable-inline-spec reads it, a boolean does not
      ['"true" beside a null disable-inline-spec, which Tekton reads as ""', flags({ 'disable-creds-init': 'true', 'disable-inline-spec': null } as any), []],
      ['null, which the API server stores as "" and Tekton cannot read', flags({ 'disable-creds-init': null } as any), ["task 'unit' step 'test'"]],
      ['"true" beside a null boolean, "" to Tekton, which voids the whole ConfigMap', flags({ 'disable-creds-init': 'true', 'keep-pod-on-cancel': null } as any), ["task 'unit' step 'test'"]],
      ['"true" beside a value that is not a string, which the API server refuses', flags({ 'disable-creds-init': 'true', 'enable-step-actions': true } as any), ["task 'unit' step 'test'"]],
      ['"true" beside a key the API server refuses, which keeps the whole ConfigMap from Tekton', flags({ 'disable-creds-init': 'true', 'disable creds init': 'true' }), ["task 'unit' step 'test'"]],
    ])('feature-flags with disable-creds-init %s', (_, ff, locations) => {
      expect(onRun(ciRun(), account(['registry-push']), REGISTRY, ff).map((f) => f.location)).toEqual(locations);
    });

    test('several feature-flags ConfigMaps checked together (the cluster may keep any): creds-init is off only when each turns it off', () => {
      const finding = [REGISTRY_FINDING];
      const off = flags({ 'disable-creds-init': 'true' });
      expect(onRun(ciRun(), account(['registry-push']), REGISTRY, off, flags({ 'disable-creds-init': 'false' }))).toEqual(finding);
      expect(onRun(ciRun(), account(['registry-push']), REGISTRY, flags({}, undefined), off)).toEqual(finding);
      expect(onRun(ciRun(), account(['registry-push']), REGISTRY, off, flags({ 'disable-creds-init': 'yes' }))).toEqual(finding);
      expect(onRun(ciRun(), account(['registry-push']), REGISTRY, off, flags({ 'disable-creds-init': '1' }, undefined))).toEqual([]);
      // one in another namespace is not a feature-flags Tekton reads
      expect(onRun(ciRun(), account(['registry-push']), REGISTRY, off, flags({ 'disable-creds-init': 'false' }, 'ci'))).toEqual([]);
    });

    describe("the feature-flags a Tekton operator's TektonConfig or TektonPipeline writes, over the ConfigMap", () => {
      const operator = (kind: string, settings: Record<string, unknown> | undefined) => ({
        apiVersion: 'operator.tekton.dev/v1alpha1',
        kind,
        metadata: { name: kind === 'TektonConfig' ? 'config' : 'pipeline' },
        spec: kind === 'TektonConfig' ? { targetNamespace: 'tekton-pipelines', pipeline: settings } : { targetNamespace: 'tekton-pipelines', ...settings },
      });

      test.each([
        ['disable-creds-init: true', operator('TektonConfig', { 'disable-creds-init': true }), []],
        ['"true" under options of a TektonPipeline, with an operator that does not create a TektonConfig of its own',
          [operator('TektonPipeline', { options: { configMaps: { 'feature-flags': { data: { 'disable-creds-init': 'true' } } } } }), operatorDeployment()], []],
        ["unset: the operator writes Tekton's release value, false", operator('TektonConfig', undefined), ["task 'unit' step 'test'"]],
        ['"true" as a string, which the operator cannot read', operator('TektonConfig', { 'disable-creds-init': 'true' }), ["task 'unit' step 'test'"]],
        ['true beside a value Tekton cannot read', operator('TektonConfig', { 'disable-creds-init': true, 'coschedule': 'always' }), ["task 'unit' step 'test'"]],
      ])('%s', (_, op, locations) => {
        // the ConfigMap says true, but the operator overwrites it
        expect(onRun(ciRun(), account(['registry-push']), REGISTRY, flags({ 'disable-creds-init': 'true' }), ...[op].flat()).map((f) => f.location)).toEqual(locations);
      });

      test('a TektonPipeline checked without a TektonConfig: the TektonConfig the operator creates of its own replaces its settings', () => {
        const tektonPipeline = operator('TektonPipeline', { 'disable-creds-init': true });
        const [plain] = onRun(ciRun(), account(['registry-push']), REGISTRY);
        const fix = 'Bind the credential to a workspace of the one trusted task that needs it (the kubelet mounts it: no `secrets:` entry or RBAC '
          + "grant is needed) and remove it from the ServiceAccount's `secrets:` (in the library: do not call grantRead for it; allowChainsToPush lists a "
          + 'registry Secret for Chains under `imagePullSecrets:`, which creds-init does not read), or turn creds-init off: `disable-creds-init: true` under '
          + "spec.pipeline of TektonConfig 'config' (the operator's own, with its defaults: TektonPipeline 'pipeline' is checked without a TektonConfig), "
          + 'whose feature-flags the operator writes.';
        // its UpdatePipeline writes the defaults of its own TektonConfig (disable-creds-init false) over the TektonPipeline's
        expect(onRun(ciRun(), account(['registry-push']), REGISTRY, tektonPipeline)).toEqual([{ ...plain, fix }]);
        expect(onRun(ciRun(), account(['registry-push']), REGISTRY, tektonPipeline, operatorDeployment('true'))).toEqual([{ ...plain, fix }]);
        // nor does a feature-flags ConfigMap count: the operator overwrites it
        expect(onRun(ciRun(), account(['registry-push']), REGISTRY, flags({ 'disable-creds-init': 'true' }), tektonPipeline)).toEqual([{ ...plain, fix }]);
        // an operator whose AUTOINSTALL_COMPONENTS is not "true" creates none: the TektonPipeline's own flags are written
        expect(onRun(ciRun(), account(['registry-push']), REGISTRY, tektonPipeline, operatorDeployment())).toEqual([]);
        expect(onRun(ciRun(), account(['registry-push']), REGISTRY, tektonPipeline, operatorDeployment('True'))).toEqual([]);
      });

      test('a TektonConfig over a TektonPipeline; the fix names the field', () => {
        const tektonPipeline = operator('TektonPipeline', { 'disable-creds-init': true });
        expect(onRun(ciRun(), account(['registry-push']), REGISTRY, tektonPipeline, operatorDeployment())).toEqual([]);
        const [plain] = onRun(ciRun(), account(['registry-push']), REGISTRY);
        expect(plain.fix).toBe(CREDS_INIT_FIX);
        expect(onRun(ciRun(), account(['registry-push']), REGISTRY, tektonPipeline, operator('TektonConfig', {}))).toEqual([{
          ...plain,
          fix: 'Bind the credential to a workspace of the one trusted task that needs it (the kubelet mounts it: no `secrets:` entry or RBAC '
            + "grant is needed) and remove it from the ServiceAccount's `secrets:` (in the library: do not call grantRead for it; allowChainsToPush lists a "
            + 'registry Secret for Chains under `imagePullSecrets:`, which creds-init does not read), or turn creds-init off: `disable-creds-init: true` under '
            + "spec.pipeline of TektonConfig 'config', whose feature-flags the operator writes.",
        }]);
      });
    });

    test('the ServiceAccount each task runs as: unset or empty is default, a taskRunSpecs override, v1beta1 names', () => {
      const defaultAccount = account(['registry-push'], 'default');
      expect(problems(ciRun({ taskRunTemplate: {} }), defaultAccount, REGISTRY))
        .toEqual([["task 'unit' step 'test'", MOUNTED('default', 'registry-push', 'kubernetes.io/dockerconfigjson', '~/.docker/config.json')]]);
      expect(onRun(ciRun({ taskRunTemplate: { serviceAccountName: '' } }), defaultAccount, REGISTRY).map((f) => f.location)).toEqual(["task 'unit' step 'test'"]);
      // the run-wide account lists nothing; task unit runs as builder
      const override = ciRun({ taskRunTemplate: { serviceAccountName: 'runner' }, taskRunSpecs: [{ pipelineTaskName: 'unit', serviceAccountName: 'builder' }] });
      expect(onRun(override, account([], 'runner'), account(['registry-push']), REGISTRY).map((f) => f.location)).toEqual(["task 'unit' step 'test'"]);
      // and the other way round: an override to an account that lists nothing; an empty override keeps the run's
      const away = ciRun({ taskRunSpecs: [{ pipelineTaskName: 'unit', serviceAccountName: 'tester' }] });
      expect(onRun(away, account([], 'tester'), account(['registry-push']), REGISTRY)).toEqual([]);
      const empty = ciRun({ taskRunSpecs: [{ pipelineTaskName: 'unit', serviceAccountName: '' }] });
      expect(onRun(empty, account(['registry-push']), REGISTRY).map((f) => f.location)).toEqual(["task 'unit' step 'test'"]);
      // v1beta1: spec.serviceAccountName and taskRunSpecs[].taskServiceAccountName
      const legacy = ciRun({ taskRunTemplate: undefined, serviceAccountName: 'runner', taskRunSpecs: [{ pipelineTaskName: 'unit', taskServiceAccountName: 'builder' }] }, 'tekton.dev/v1beta1');
      expect(onRun(legacy, account(['registry-push']), REGISTRY).map((f) => f.location)).toEqual(["task 'unit' step 'test'"]);
      expect(onRun({ ...legacy, spec: { ...legacy.spec, taskRunSpecs: undefined } }, account(['registry-push'], 'runner'), REGISTRY).map((f) => f.location))
        .toEqual(["task 'unit' step 'test'"]);
    });

    test("an unset ServiceAccount is config-defaults' default-service-account when that ConfigMap is checked together", () => {
      const configDefaults = (namespace?: string) => ({
        apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', ...(namespace ? { namespace } : {}) }, data: { 'default-service-account': 'pipeline' },
      });
      const unset = ciRun({ taskRunTemplate: {} });
      expect(problems(unset, account(['registry-push'], 'pipeline'), REGISTRY, configDefaults('tekton-pipelines')))
        .toEqual([["task 'unit' step 'test'", MOUNTED('pipeline', 'registry-push', 'kubernetes.io/dockerconfigjson', '~/.docker/config.json')]]);
      // the default account then is not the one the run uses; a config-defaults elsewhere is not Tekton's
      expect(onRun(unset, account(['registry-push'], 'default'), REGISTRY, configDefaults())).toEqual([]);
      expect(onRun(unset, account(['registry-push'], 'default'), REGISTRY, configDefaults('other')).map((f) => f.location)).toEqual(["task 'unit' step 'test'"]);
      // several config-defaults that disagree (the cluster keeps one): the run may run as either account
      const elsewhere = { ...configDefaults(), data: { 'default-service-account': 'other' } };
      expect(problems(unset, account(['registry-push'], 'pipeline'), REGISTRY, elsewhere, configDefaults('tekton-pipelines')))
        .toEqual([["task 'unit' step 'test'", MOUNTED('pipeline', 'registry-push', 'kubernetes.io/dockerconfigjson', '~/.docker/config.json')]]);
    });

    test("beside a Tekton operator's object: a default account only one reading of config-defaults gives is named with it", () => {
      const configDefaults = (data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data });
      const config = (settings: Record<string, unknown> = {}) => ({
        apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonConfig', metadata: { name: 'config' }, spec: { targetNamespace: 'tekton-pipelines', pipeline: settings },
      });
      const unset = ciRun({ taskRunTemplate: {} });
      const kept = MOUNTED('pipeline', 'registry-push', 'kubernetes.io/dockerconfigjson', '~/.docker/config.json').replace("ServiceAccount 'pipeline'",
        "ServiceAccount 'pipeline' (reading config-defaults with data['default-service-account'] that ConfigMap 'config-defaults' in tekton-pipelines "
        + "keeps beside what TektonConfig 'config' writes, unless kubectl apply created it)");
      expect(problems(unset, account(['registry-push'], 'pipeline'), REGISTRY, configDefaults({ 'default-service-account': 'pipeline' }), config()))
        .toEqual([["task 'unit' step 'test'", kept]]);
      // the operator writes the account: its own in every reading, said as for one
      expect(problems(unset, account(['registry-push'], 'pipeline'), REGISTRY, configDefaults({ 'default-service-account': 'other', 'default-timeout-minutes': '30' }),
        config({ 'default-service-account': 'pipeline' })))
        .toEqual([["task 'unit' step 'test'", MOUNTED('pipeline', 'registry-push', 'kubernetes.io/dockerconfigjson', '~/.docker/config.json')]]);
      // an account the run names is its own, whatever the readings give
      const named = ciRun({ taskRunTemplate: { serviceAccountName: 'pipeline' } });
      expect(problems(named, account(['registry-push'], 'pipeline'), REGISTRY, configDefaults({ 'default-service-account': 'pipeline' }), config()))
        .toEqual([["task 'unit' step 'test'", MOUNTED('pipeline', 'registry-push', 'kubernetes.io/dockerconfigjson', '~/.docker/config.json')]]);
    });

    test('several Secrets: the one creds-init is known to take is named first, with how many more', () => {
      const git = secret('git-key', 'kubernetes.io/ssh-auth', { 'tekton.dev/git-0': 'github.com' });
      expect(problems(ciRun(), account(['elsewhere', 'opaque', 'git-key']), git, secret('opaque', 'Opaque')))
        .toEqual([["task 'unit' step 'test'", MOUNTED('builder', 'git-key', 'kubernetes.io/ssh-auth', '~/.ssh', ' (and 1 more)')]]);
    });

    test('a TaskRun: at the step; a workspace it binds to a Secret is not the repository\'s', () => {
      const run = {
        apiVersion: 'tekton.dev/v1',
        kind: 'TaskRun',
        metadata: { generateName: 'test-', namespace: 'ci' },
        spec: { taskRef: { name: 'test' }, serviceAccountName: 'builder', workspaces: [{ name: 'source', emptyDir: {} }] },
      };
      expect(CREDENTIALS_WITH_REPO_CODE.check(run, ruleContext([run, testTask(), account(['registry-push']), REGISTRY])).map((f) => [f.kind, f.location, f.target, f.value, f.problem]))
        .toEqual([['TaskRun', "step 'test'", 'step/test', 'npm ci', MOUNTED('builder', 'registry-push', 'kubernetes.io/dockerconfigjson', '~/.docker/config.json')]]);
      // a helper of a workspace bound to a Secret runs no repository code; one of an emptyDir workspace does
      const helper = testTask({ workspaces: [{ name: 'tools' }], steps: [{ name: 'h', image: IMAGE, script: '#!/bin/sh\n$(workspaces.tools.path)/run.sh\n' }] });
      const bound = (tools: any) => ({ ...run, spec: { ...run.spec, workspaces: [{ name: 'tools', ...tools }] } });
      expect(CREDENTIALS_WITH_REPO_CODE.check(bound({ secret: { secretName: 'tools' } }), ruleContext([bound({ secret: { secretName: 'tools' } }), helper, account(['registry-push']), REGISTRY]))).toEqual([]);
      expect(CREDENTIALS_WITH_REPO_CODE.check(bound({ emptyDir: {} }), ruleContext([bound({ emptyDir: {} }), helper, account(['registry-push']), REGISTRY])).map((f) => f.location)).toEqual(["step 'h'"]);
      // an image a param gives: the TaskRun's constant, else the task's default
      const param = testTask({ params: [{ name: 'builder', default: KANIKO }], steps: [{ name: 'build', image: '$(params.builder)' }] });
      const given = (params: any[]) => ({ ...run, spec: { ...run.spec, params } });
      const judged = (r: any) => CREDENTIALS_WITH_REPO_CODE.check(r, ruleContext([r, param, account(['registry-push']), REGISTRY])).map((f) => [f.value, f.problem.split(', while ')[0]]);
      expect(judged(given([]))).toEqual([['$(params.builder)', `takes the task's default of "builder", "${KANIKO}", unless its caller passes another image for it; that image is kaniko, a container builder, ${BUILDER}`]]);
      expect(judged(given([{ name: 'builder', value: 'quay.io/buildah/stable' }]))).toEqual([
        ['$(params.builder)', `takes the image the TaskRun passes for "builder", "quay.io/buildah/stable"; that image is buildah, a container builder, ${BUILDER}`],
      ]);
      expect(judged(given([{ name: 'builder', value: IMAGE }]))).toEqual([]);
    });

    test('a PipelineRun that embeds its pipeline: one finding with the credentials-workspace finding of the same step, naming both', () => {
      const run = {
        apiVersion: 'tekton.dev/v1',
        kind: 'PipelineRun',
        metadata: { name: 'release', namespace: 'ci' },
        spec: {
          taskRunTemplate: { serviceAccountName: 'builder' },
          workspaces: [{ name: 'creds', secret: { secretName: 'registry-push' } }],
          pipelineSpec: {
            workspaces: [{ name: 'creds' }],
            tasks: [{ name: 'push', workspaces: [{ name: 'creds' }], taskSpec: { workspaces: [{ name: 'creds' }], steps: [{ name: 'b', image: KANIKO }] } }],
          },
        },
      };
      const KANIKO_WHY = `is kaniko, a container builder, ${BUILDER}`;
      expect(CREDENTIALS_WITH_REPO_CODE.check(run, ruleContext([run, account(['registry-push']), REGISTRY])).map((f) => [f.location, f.target, f.problem])).toEqual([
        ["task 'push' step 'b'", 'task/push', `${KANIKO_WHY}, in a task that holds the credentials workspace 'creds': code from the repository can read the credentials; `
          + "and while the task runs as ServiceAccount 'builder', whose `secrets:` list the Secret 'registry-push' "
          + "(kubernetes.io/dockerconfigjson): Tekton's creds-init mounts it into every step and writes it into this step's home directory "
          + '(~/.docker/config.json), where code from the repository can read it'],
      ]);
    });

    test('synth: a run whose pipeline builds, with registry.grantRead, is refused; with TektonFeatureFlags, or relaxed on the run, it is not', () => {
      const build = (relaxations?: any[], withFlags = false) => {
        // grants need the chart's namespace
        const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
        if (withFlags) new TektonFeatureFlags(c, 'flags');
        const t = new SecureTask(c, 'unit-test', {
          workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }],
          steps: [step({ name: 'test', script: '#!/bin/sh\nset -eu\ncd "$(workspaces.source.path)"\nnpm ci\n' })],
        });
        const p = new SecurePipeline(c, 'pipe', { workspaces: [{ name: 'src', domain: TrustDomain.SOURCE }, { name: 'creds', domain: TrustDomain.CREDENTIALS }] });
        p.addTask({ task: t, name: 'unit', workspaces: { source: 'src' } });
        const registry = new RegistryCredential(c, 'registry', { secretName: 'registry-push' });
        registry.grantRead(p.serviceAccount);
        new SecurePipelineRun(c, 'run', {
          pipeline: p,
          workspaces: { src: RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1) }), creds: registry.workspace() },
          relaxations,
        });
        return c;
      };
      let error: unknown;
      try {
        Testing.synth(build());
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SecureTektonError);
      expect((error as Error).message.split('\n').map((l) => l.trim()).filter((l) => l.includes('[CREDENTIALS_WITH_REPO_CODE]'))).toEqual([
        "SecurePipelineRun 'test/run' task 'unit' step 'test': script \"npm ci\" "
        + `${MAY('pipe-runner', 'registry-push')} [CREDENTIALS_WITH_REPO_CODE]. ${CREDS_INIT_FIX} Or relax CREDENTIALS_WITH_REPO_CODE with a reason in the props of SecurePipelineRun 'test/run': `
        + "relaxations: [{ rule: RuleId.CREDENTIALS_WITH_REPO_CODE, target: 'task/unit', reason: '<why>' }].",
      ]);
      // the cluster's feature-flags in the app turn creds-init off
      expect(() => Testing.synth(build(undefined, true))).not.toThrow();
      const relaxed = Testing.synth(build([{ rule: RuleId.CREDENTIALS_WITH_REPO_CODE, target: RelaxationTarget.task('unit'), reason: 'the registry Secret is read-only' }]));
      expect(relaxed.find((o: any) => o.kind === 'PipelineRun').metadata.annotations['secure-tekton/relax.CREDENTIALS_WITH_REPO_CODE'])
        .toBe('task/unit: the registry Secret is read-only');
      // the run's targets are its pipeline's tasks (and its workspaces): another name is refused
      expect(() => Testing.synth(build([{ rule: RuleId.CREDENTIALS_WITH_REPO_CODE, target: RelaxationTarget.task('unti'), reason: 'a typo in the task name' }])))
        .toThrow("SecurePipelineRun 'test/run': relaxations[0].target \"task/unti\" names no part of the objects SecurePipelineRun 'test/run' writes "
          + '[RELAXATION_REASON]. Use one of: task/unit, workspace/creds, workspace/src, or leave target out to cover the whole object.');
    });

    test('audit: the run, its Pipeline, Task, ServiceAccount and Secret in separate files; feature-flags and the relaxation annotation', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credentials-with-repo-code-creds-init-'));
      try {
        const write = (file: string, o: any) => fs.writeFileSync(path.join(dir, file), JSON.stringify(o));
        write('run.yaml', ciRun());
        write('pipeline.yaml', ciPipeline);
        write('task.yaml', testTask());
        write('sa.yaml', account(['registry-push']));
        write('secret.yaml', REGISTRY);
        const statuses = () => JSON.parse(audit([dir], 'json').stdout).findings
          .filter((f: any) => f.rule === RuleId.CREDENTIALS_WITH_REPO_CODE).map((f: any) => [path.basename(f.file), f.location, f.status]);
        expect(statuses()).toEqual([['run.yaml', "task 'unit' step 'test'", 'failed']]);
        const relaxedRun = ciRun();
        (relaxedRun as any).metadata.annotations = { 'secure-tekton/relax.CREDENTIALS_WITH_REPO_CODE': 'task/unit: a throwaway registry of a test cluster' };
        write('run.yaml', relaxedRun);
        expect(statuses()).toEqual([['run.yaml', "task 'unit' step 'test'", 'relaxed']]);
        write('run.yaml', ciRun());
        write('flags.yaml', flags({ 'disable-creds-init': 'true' }));
        expect(statuses()).toEqual([]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});

describe('the ServiceAccount token a run mounts on purpose (an API grant, a relaxation of RUN_TOKEN_AUTOMOUNT) is a credential', () => {
  const NODE = 'docker.io/library/node@sha256:' + 'c'.repeat(64);
  const NPM = "runs the repository's build scripts, hooks, tests or code generators";
  /** Task `test` in `ci`: step `test` runs npm test in the source workspace, step `report` runs no repository code. */
  const testTask = {
    apiVersion: 'tekton.dev/v1',
    kind: 'Task',
    metadata: { name: 'test', namespace: 'ci' },
    spec: {
      workspaces: [{ name: 'source' }],
      steps: [
        { name: 'report', image: IMAGE, script: '#!/bin/sh\necho ok\n' },
        { name: 'test', image: NODE, workingDir: '$(workspaces.source.path)', script: '#!/bin/sh\nnpm test\n' },
      ],
    },
  };
  /** Pipeline `ci` whose task `unit` runs Task `test`, and whose task `apply` runs kubectl only. */
  const ciPipeline = {
    apiVersion: 'tekton.dev/v1',
    kind: 'Pipeline',
    metadata: { name: 'ci', namespace: 'ci' },
    spec: {
      workspaces: [{ name: 'src' }],
      tasks: [
        { name: 'unit', taskRef: { name: 'test' }, workspaces: [{ name: 'source', workspace: 'src' }] },
        { name: 'apply', taskSpec: { steps: [{ name: 'apply', image: IMAGE, script: '#!/bin/sh\nkubectl get configmap web\n' }] } },
      ],
    },
  };
  /** A PipelineRun of `ci`, its token off but for the tasks of `mounted`, with these relaxation records of RUN_TOKEN_AUTOMOUNT. */
  const ciRun = (mounted: string[], records?: string, spec: Record<string, any> = {}) => ({
    apiVersion: 'tekton.dev/v1',
    kind: 'PipelineRun',
    metadata: { generateName: 'ci-', namespace: 'ci', ...(records ? { annotations: { 'secure-tekton/relax.RUN_TOKEN_AUTOMOUNT': records } } : {}) },
    spec: {
      pipelineRef: { name: 'ci' },
      taskRunTemplate: { serviceAccountName: 'builder', podTemplate: { automountServiceAccountToken: false } },
      ...(mounted.length > 0 ? { taskRunSpecs: mounted.map((t) => ({ pipelineTaskName: t, podTemplate: { automountServiceAccountToken: true } })) }
        : {}),
      workspaces: [{ name: 'src', emptyDir: {} }],
      ...spec,
    },
  });
  const TOKEN = (record: string) => `${NPM}, in a pod whose ServiceAccount token is mounted on purpose (RUN_TOKEN_AUTOMOUNT is relaxed for it: "${record}"): `
    + 'code from the repository can read the token and call the Kubernetes API with everything the ServiceAccount may do';
  const GRANT_FIX = (task: string) => 'Mount the token only in a separate pipeline task that runs no repository code (with the library: '
    + 'pipeline.addTask({ task: applyTask }).grantApi(...); in YAML: a taskRunSpecs entry for that task whose podTemplate sets '
    + 'automountServiceAccountToken: true, and a RUN_TOKEN_AUTOMOUNT relaxation for task/<that task>), pass it what it needs through a workspace '
    + `or results, and take the token off task '${task}' (its grant; in YAML, its automountServiceAccountToken: true and the RUN_TOKEN_AUTOMOUNT `
    + 'relaxation that covers it).';
  const onRun = (run: any, ...others: any[]) => CREDENTIALS_WITH_REPO_CODE.check(run, ruleContext([run, ciPipeline, testTask, ...others]));
  const problems = (run: any, ...others: any[]) => onRun(run, ...others).map((f) => [f.location, f.target, f.problem]);

  test('non-compliant: a task whose token a relaxation of RUN_TOKEN_AUTOMOUNT mounts runs repository code', () => {
    expect(onRun(ciRun(['unit'], 'task/unit: the tests read ConfigMaps of the test namespace'))).toEqual([{
      rule: RuleId.CREDENTIALS_WITH_REPO_CODE,
      kind: 'PipelineRun',
      name: 'ci-',
      location: "task 'unit' step 'test'",
      target: 'task/unit',
      property: 'script',
      value: 'npm test',
      problem: TOKEN('task/unit: the tests read ConfigMaps of the test namespace'),
      fix: GRANT_FIX('unit'),
    }]);
    // a relaxation of the whole run covers the token of each task's pod (its per-task template turns it on)
    expect(problems(ciRun(['unit'], '*: the tests read ConfigMaps of the test namespace')))
      .toEqual([["task 'unit' step 'test'", 'task/unit', TOKEN('*: the tests read ConfigMaps of the test namespace')]]);
  });

  test('a run-wide token a relaxation mounts reaches every task but one whose own pod template turns it off; a sidecar holds it too', () => {
    const wide = (spec: Record<string, any> = {}) => ciRun([], '*: the whole run talks to the API server', {
      taskRunTemplate: { serviceAccountName: 'builder', podTemplate: { automountServiceAccountToken: true } }, ...spec,
    });
    expect(problems(wide())).toEqual([["task 'unit' step 'test'", 'task/unit', TOKEN('*: the whole run talks to the API server')]]);
    expect(onRun(wide({ taskRunSpecs: [{ pipelineTaskName: 'unit', podTemplate: { automountServiceAccountToken: false } }] }))).toEqual([]);
    const withSidecar = { ...testTask, spec: { ...testTask.spec, steps: [testTask.spec.steps[0]], sidecars: [{ name: 'db', image: NODE, workingDir: '$(workspaces.source.path)', script: '#!/bin/sh\nnpm start\n' }] } };
    expect(CREDENTIALS_WITH_REPO_CODE.check(wide(), ruleContext([wide(), ciPipeline, withSidecar])).map((f) => f.location)).toEqual(["task 'unit' sidecar 'db'"]);
    // an unnamed sidecar is designated by its index, as every rule designates it (it printed sidecar '')
    const unnamed = { ...withSidecar, spec: { ...withSidecar.spec, sidecars: [{ image: NODE, script: '#!/bin/sh\necho up\n' }, (({ name: _, ...c }) => c)(withSidecar.spec.sidecars[0])] } };
    expect(CREDENTIALS_WITH_REPO_CODE.check(wide(), ruleContext([wide(), ciPipeline, unnamed])).map((f) => [f.location, f.target]))
      .toEqual([["task 'unit' sidecar 'unnamed-1'", 'task/unit']]);
  });

  test('compliant: a token mounted by default (RUN_TOKEN_AUTOMOUNT reports it), for another task, or not mounted at all', () => {
    // mounted, not relaxed: RUN_TOKEN_AUTOMOUNT's finding, whose fix removes the token
    expect(onRun(ciRun(['unit']))).toEqual([]);
    expect(onRun(ciRun([], undefined, { taskRunTemplate: { serviceAccountName: 'builder' } }))).toEqual([]);
    // the grant is the apply task's, which runs no repository code
    expect(onRun(ciRun(['apply'], 'task/apply: applies the ConfigMap web'))).toEqual([]);
    // a relaxation that covers no token mounted
    expect(onRun(ciRun([], '*: the whole run talks to the API server'))).toEqual([]);
    expect(onRun(ciRun([], 'task/unit: the tests read ConfigMaps of the test namespace'))).toEqual([]);
  });

  test('a TaskRun: at the step, with the fix for a run of its own', () => {
    const run = {
      apiVersion: 'tekton.dev/v1',
      kind: 'TaskRun',
      metadata: { generateName: 'test-', namespace: 'ci', annotations: { 'secure-tekton/relax.RUN_TOKEN_AUTOMOUNT': '*: the tests read ConfigMaps' } },
      spec: { taskRef: { name: 'test' }, serviceAccountName: 'builder', podTemplate: { automountServiceAccountToken: true }, workspaces: [{ name: 'source', emptyDir: {} }] },
    };
    expect(CREDENTIALS_WITH_REPO_CODE.check(run, ruleContext([run, testTask])).map((f) => [f.location, f.target, f.problem, f.fix])).toEqual([[
      "step 'test'", 'step/test', TOKEN('*: the tests read ConfigMaps'),
      'Call the API from a run of its own that runs no repository code, and mount no token in this one (podTemplate.automountServiceAccountToken: '
        + 'false, without the RUN_TOKEN_AUTOMOUNT relaxation).',
    ]]);
    const unrelaxed = { ...run, metadata: { generateName: 'test-', namespace: 'ci' } };
    expect(CREDENTIALS_WITH_REPO_CODE.check(unrelaxed, ruleContext([unrelaxed, testTask]))).toEqual([]);
  });

  /** An app whose pipeline task `unit` runs npm test from the source workspace; `grant` grants it the API, or task `apply` when 'apply'. */
  const app = (grant: 'unit' | 'apply', relaxations?: any[]) => {
    const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
    const t = new SecureTask(c, 'unit-test', {
      workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }],
      steps: [step({ name: 'test', script: '#!/bin/sh\nset -eu\ncd "$(workspaces.source.path)"\nnpm test\n' })],
    });
    const applyTask = new SecureTask(c, 'apply-config', { steps: [step({ name: 'apply', script: '#!/bin/sh\nkubectl get configmap web\n' })] });
    const p = new SecurePipeline(c, 'pipe', { workspaces: [{ name: 'src', domain: TrustDomain.SOURCE }] });
    const unit = p.addTask({ task: t, name: 'unit', workspaces: { source: 'src' } });
    const granted = grant === 'unit' ? unit : p.addTask({ task: applyTask, name: 'apply', runAfter: ['unit'] });
    granted.grantApi({ resource: 'configmaps', verbs: [ApiVerb.GET], resourceNames: ['web'] });
    granted.allowEgressTo(EgressPeer.cidr('10.96.0.1/32'), [EgressPort.tcp(443)]);
    new SecurePipelineRun(c, 'run', { pipeline: p, workspaces: { src: RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1) }) }, relaxations });
    return c;
  };

  test('synth: a granted task that runs repository code is refused; the grant on a task of its own, or a relaxation on the run, is not', () => {
    expect(refusalLinesOf(app('unit'), RuleId.CREDENTIALS_WITH_REPO_CODE)).toEqual([
      "SecurePipelineRun 'test/run' task 'unit' step 'test': script \"npm test\" "
      + `${TOKEN('task/unit: API grant: get configmaps [web]')} [CREDENTIALS_WITH_REPO_CODE]. ${GRANT_FIX('unit')} `
      + "Or relax CREDENTIALS_WITH_REPO_CODE with a reason in the props of SecurePipelineRun 'test/run': "
      + "relaxations: [{ rule: RuleId.CREDENTIALS_WITH_REPO_CODE, target: 'task/unit', reason: '<why>' }].",
    ]);
    const split = Testing.synth(app('apply')).find((o: any) => o.kind === 'PipelineRun');
    expect(split.metadata.annotations['secure-tekton/relax.RUN_TOKEN_AUTOMOUNT']).toBe('task/apply: API grant: get configmaps [web]');
    const relaxed = Testing.synth(app('unit', [{ rule: RuleId.CREDENTIALS_WITH_REPO_CODE, target: RelaxationTarget.task('unit'), reason: 'the tests are the team\'s own, reviewed code' }]))
      .find((o: any) => o.kind === 'PipelineRun');
    expect(relaxed.metadata.annotations['secure-tekton/relax.CREDENTIALS_WITH_REPO_CODE']).toBe('task/unit: the tests are the team\'s own, reviewed code');
  });

  test('audit: the run with a relaxation annotation of RUN_TOKEN_AUTOMOUNT, its Pipeline and Task in separate files', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credentials-with-repo-code-token-'));
    try {
      const write = (file: string, o: any) => fs.writeFileSync(path.join(dir, file), JSON.stringify(o));
      write('pipeline.yaml', ciPipeline);
      write('task.yaml', testTask);
      const findings = () => JSON.parse(audit([dir], 'json').stdout).findings
        .filter((f: any) => f.rule === RuleId.CREDENTIALS_WITH_REPO_CODE || f.rule === RuleId.RUN_TOKEN_AUTOMOUNT)
        .map((f: any) => [path.basename(f.file), f.rule, f.location, f.status, ...(f.rule === RuleId.CREDENTIALS_WITH_REPO_CODE ? [f.problem] : [])]);
      // mounted by default: RUN_TOKEN_AUTOMOUNT alone
      write('run.yaml', ciRun(['unit']));
      expect(findings()).toEqual([['run.yaml', RuleId.RUN_TOKEN_AUTOMOUNT, "taskRunSpec 'unit'", 'failed']]);
      // mounted on purpose: the token is the credential the step's repository code can read
      write('run.yaml', ciRun(['unit'], 'task/unit: the tests read ConfigMaps of the test namespace'));
      expect(findings()).toEqual([
        ['run.yaml', RuleId.RUN_TOKEN_AUTOMOUNT, "taskRunSpec 'unit'", 'relaxed'],
        ['run.yaml', RuleId.CREDENTIALS_WITH_REPO_CODE, "task 'unit' step 'test'", 'failed', TOKEN('task/unit: the tests read ConfigMaps of the test namespace')],
      ]);
      const relaxed = ciRun(['unit'], 'task/unit: the tests read ConfigMaps of the test namespace');
      (relaxed.metadata as any).annotations['secure-tekton/relax.CREDENTIALS_WITH_REPO_CODE'] = 'task/unit: the tests are the team\'s own, reviewed code';
      write('run.yaml', relaxed);
      expect(findings().map((f: any[]) => f.slice(0, 4))).toEqual([
        ['run.yaml', RuleId.RUN_TOKEN_AUTOMOUNT, "taskRunSpec 'unit'", 'relaxed'],
        ['run.yaml', RuleId.CREDENTIALS_WITH_REPO_CODE, "task 'unit' step 'test'", 'relaxed'],
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('every POSIX shell the catalogue knows is read as one', () => {
  test.each([
    ['mksh -c', "mksh -c 'make all'", BUILDS],
    ['yash -c', "yash -c 'npm ci'", BUILDS],
    ['pdksh -c', "pdksh -c 'go test ./...'", BUILDS],
    ['rbash -c', "rbash -c 'mvn -B verify'", BUILDS],
    ['mksh running a file of the workspace', 'mksh ./ci/build.sh', WORKSPACE_FILE],
    ['yash reading a heredoc', 'yash <<EOF\nmake all\nEOF', BUILDS],
  ])('non-compliant: %s', (_, line, why) => {
    const script = `#!/bin/sh\n${line}\n`;
    const value = line.split('\n')[0];
    expect(check(taskWith({ name: 'build', image: IMAGE, workingDir: '$(workspaces.source.path)', script }))).toEqual([found('script', value, why)]);
  });

  test('a PipelineLoop (kfp-tekton) binds its workspaces to its pipelineSpec, or to the Pipeline its pipelineRef names, as the PipelineRun of each iteration does', () => {
    const NODE = 'docker.io/library/node@sha256:' + 'c'.repeat(64);
    const npm = { name: 'test', image: NODE, workingDir: '$(workspaces.source.path)', script: '#!/bin/sh\nnpm ci\nnpm test\n' };
    const creds = {
      workspaces: [{ name: 'creds', secret: { secretName: 'registry' } }, { name: 'src', emptyDir: {} }],
      pipelineSpec: {
        workspaces: [{ name: 'creds' }, { name: 'src' }],
        tasks: [{
          name: 'test',
          taskSpec: { workspaces: [{ name: 'source' }, { name: 'creds' }], steps: [npm] },
          workspaces: [{ name: 'creds', workspace: 'creds' }, { name: 'source', workspace: 'src' }],
        }],
      },
    };
    const PROBLEM = `${BUILDS}, in a task that holds the credentials workspace 'creds': code from the repository can read the credentials`;
    const findings = (m: any, ...others: any[]) => CREDENTIALS_WITH_REPO_CODE.check(m, ruleContext([m, ...others]))
      .map((f) => [f.kind, f.location, f.target, f.property, f.value, f.problem]);
    expect(findings(pipelineLoop(creds))).toEqual([['PipelineLoop', "task 'test' step 'test'", 'task/test', 'script', 'npm ci', PROBLEM]]);
    expect(findings(loopInPipeline(creds))).toEqual([['Pipeline', "task 'loop' task 'test' step 'test'", 'task/loop/task/test', 'script', 'npm ci', PROBLEM]]);
    const pipe = { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'pipe', namespace: 'ci' }, spec: creds.pipelineSpec };
    expect(findings(pipe, pipelineLoop({ workspaces: creds.workspaces, pipelineRef: { name: 'pipe' } }))).toEqual([['Pipeline', "task 'test' step 'test'", 'task/test', 'script', 'npm ci', PROBLEM]]);
    expect(findings(pipe)).toEqual([]);
  });
});

describe('what a shell reads of the output of commands: any program that reads a workspace file, but those known to print none of it', () => {
  const W = '$(workspaces.source.path)';
  const printed = (program: string, file: string) => `runs what ${program} prints of ${file}, which may be a file of a workspace the repository fills`;
  const GIT = 'runs what git prints of the repository of a workspace the repository fills';
  const XARGS = 'runs what xargs prints of the files its input names, which may be files of a workspace the repository fills';
  test.each([
    // programs that are not text filters print what they read
    ['dd if= in a process substitution', 'bash <(dd if=ci.sh)', 'bash <(dd if=ci.sh)', printed('dd', 'ci.sh')],
    ['cp to /dev/stdout', 'source <(cp ci.sh /dev/stdout)', 'source <(cp ci.sh /dev/stdout)', printed('cp', 'ci.sh')],
    ['python3 -c printing its argument', "bash <(python3 -c 'import sys; print(open(sys.argv[1]).read())' ci.sh)",
      "bash <(python3 -c 'import sys; print(open(sys.argv[1]).read())' ci.sh)", printed('python3', 'ci.sh')],
    ['less (a pager prints its file when its output is not a terminal)', 'source <(less ci.sh)', 'source <(less ci.sh)', printed('less', 'ci.sh')],
    ['iconv: the last operand named', 'bash <(iconv -f utf-8 -t utf-8 ci.sh)', 'bash <(iconv -f utf-8 -t utf-8 ci.sh)', printed('iconv', 'ci.sh')],
    ['gzip -dc', 'bash <(gzip -dc ci.sh.gz)', 'bash <(gzip -dc ci.sh.gz)', printed('gzip', 'ci.sh.gz')],
    ['tar -xO', 'bash <(tar -xOf ci.tar)', 'bash <(tar -xOf ci.tar)', printed('tar', 'ci.tar')],
    ['a file redirected to an unknown program', 'sh < <(mytool < ci.sh)', 'sh < <(mytool < ci.sh)', 'runs what mytool prints of ci.sh, a file of a workspace the repository fills'],
    ['git show of a revision, in the repository of the workspace', 'source <(git show HEAD:ci.sh)', 'source <(git show HEAD:ci.sh)', GIT],
    ['git cat-file piped to a shell', 'git cat-file -p HEAD:ci.sh | sh', 'sh', GIT],
    ['xargs cat of the names a workspace file lists', 'source <(xargs cat < list)', 'source <(xargs cat < list)', XARGS],
    ['xargs cat of a name echo prints', 'source <(echo ci.sh | xargs cat)', 'source <(echo ci.sh | xargs cat)', XARGS],
    ['dd piped to a shell', 'dd if=ci.sh | sh', 'sh', printed('dd', 'ci.sh')],
    ['a file of a workspace through a program that passes its input on', 'cat ci.sh | mytool --fix | bash', 'bash', WORKSPACE_FILE],
    // a filter's option that names a file: jq --rawfile, sed -f (the script of sed and awk also runs commands itself)
    ['jq --rawfile', "bash <(jq -rn --rawfile s ci.sh '$s')", "bash <(jq -rn --rawfile s ci.sh '$s')", WORKSPACE_FILE],
    ['grep --file= of a workspace file', `source <(grep --file=${W}/pats /etc/os-release)`, `source <(grep --file=${W}/pats /etc/os-release)`, WORKSPACE_FILE],
    // the output of a command substitution: `$(< f)`, and what a shell runs as a command (eval, sh -c, a here-string)
    ['$(< f) echoed into a process substitution', 'bash <(echo "$(< ci.sh)")', 'bash <(echo "$(< ci.sh)")', WORKSPACE_FILE],
    ['$(cat f) echoed into a pipe', 'echo "$(cat ci.sh)" | sh', 'sh', WORKSPACE_FILE],
    ['<(< f)', 'source <(< ci.sh)', 'source <(< ci.sh)', WORKSPACE_FILE],
    ['eval of $(< f)', 'eval "$(< ci.sh)"', 'eval "$(< ci.sh)"', WORKSPACE_FILE],
    ['sh -c of $(cat f)', 'sh -c "$(cat ci.sh)"', 'sh -c "$(cat ci.sh)"', WORKSPACE_FILE],
    ['a here-string of $(git show …) fed to bash', 'bash <<< "$(git show HEAD:ci.sh)"', 'bash <<< "$(git show HEAD:ci.sh)"', GIT],
    ['source /dev/fd/0 of a here-string of $(cat f)', 'source /dev/fd/0 <<< "$(cat ci.sh)"', 'source /dev/fd/0 <<< "$(cat ci.sh)"', WORKSPACE_FILE],
    // what a compound command or a subshell prints, piped to a shell
    ['a group piped to a shell', '{ cat ci.sh; } | sh', 'sh', WORKSPACE_FILE],
    ['a subshell piped to a shell', '(cat ci.sh) | sh', 'sh', WORKSPACE_FILE],
    ['a loop reading a workspace file, piped to a shell', 'while read -r l; do echo "$l"; done < ci.sh | sh', 'sh', WORKSPACE_FILE],
    ['a group in a process substitution', 'bash <({ cat ci.sh; })', 'bash <({ cat ci.sh; })', WORKSPACE_FILE],
    // a file:// URL curl reads
    ['curl of a file:// URL in a workspace', `source <(curl -s file://${W}/ci.sh)`, `source <(curl -s file://${W}/ci.sh)`,
      'runs what curl prints of a file of a workspace the repository fills'],
  ])('non-compliant, in a workspace directory: %s', (_, line, value, why) => {
    const script = `#!/bin/bash\n${line}\n`;
    expect(check(taskWith({ name: 'build', image: IMAGE, workingDir: W, script }))).toEqual([found('script', value, why)]);
  });

  test.each([
    ['a cd in the process substitution', `bash <(cd ${W} && cat ci.sh)`, `bash <(cd ${W} && cat ci.sh)`, WORKSPACE_FILE],
    ['find of a workspace directory', `source <(find ${W} -name '*.env' -exec cat {} +)`, `source <(find ${W} -name '*.env' -exec cat {} +)`, printed('find', W)],
    ['xargs cat of the absolute names find prints', `find ${W} -name '*.sh' | xargs cat | sh`, 'sh', XARGS],
    ['xargs cat of an absolute name echo prints', `echo ${W}/ci.sh | xargs cat | sh`, 'sh', XARGS],
    ['eval of $(cat) of an absolute path', `eval "$(cat ${W}/ci.sh)"`, `eval "$(cat ${W}/ci.sh)"`, WORKSPACE_FILE],
    // a file a variable not known here names, as `bash "$F"` is read
    ['cat of a file a variable not known here names, in a process substitution', 'bash <(cat "$F")', 'bash <(cat "$F")',
      'runs what cat prints of the file $F names, and what $F holds is not known here: it may be a file of the repository'],
    ['grep of a file a variable not known here names, piped to a shell', 'grep -v "^#" "$ENV_FILE" | sh', 'sh',
      'runs what grep prints of the file $ENV_FILE names, and what $ENV_FILE holds is not known here: it may be a file of the repository'],
    // variables a workspace file names and sets (bash 5.2 splits an unquoted substitution into names and values)
    ['export of the lines of a workspace .env', `export $(grep -v '^#' ${W}/.env | xargs)`, `export $(grep -v '^#' ${W}/.env | xargs)`,
      `sets the variables $(grep -v '^#' ${W}/.env | xargs) prints, of a file of a workspace the repository fills: LD_PRELOAD, BASH_ENV or PATH among them run its code`],
    ['declare -x of a workspace file', `declare -x $(cat ${W}/build.env)`, `declare -x $(cat ${W}/build.env)`,
      `sets the variables $(cat ${W}/build.env) prints, of a file of a workspace the repository fills: LD_PRELOAD, BASH_ENV or PATH among them run its code`],
    // awk and sed run a program of the repository themselves
    ['awk -f', `awk -f ${W}/ci/x.awk /etc/os-release`, `awk -f ${W}/ci/x.awk /etc/os-release`,
      `runs awk with the program ${W}/ci/x.awk, a file of a workspace the repository fills, which can run any command`],
    ['gawk --file=', `gawk --file=${W}/x.awk /dev/null`, `gawk --file=${W}/x.awk /dev/null`,
      `runs gawk with the program ${W}/x.awk, a file of a workspace the repository fills, which can run any command`],
    ['sed -nf (grouped)', `sed -nf ${W}/x.sed /etc/os-release`, `sed -nf ${W}/x.sed /etc/os-release`,
      `runs sed with the program ${W}/x.sed, a file of a workspace the repository fills, which can run any command`],
    ['sed -f of its input', `sed -f - /etc/os-release < ${W}/x.sed`, `sed -f - /etc/os-release < ${W}/x.sed`,
      `runs sed with the program ${W}/x.sed, a file of a workspace the repository fills, which can run any command`],
  ])('non-compliant, outside the workspaces: %s', (_, line, value, why) => {
    const script = `#!/bin/bash\n${line}\n`;
    expect(check(taskWith({ name: 'build', image: IMAGE, script }))).toEqual([found('script', value, why)]);
  });

  test('not repository code: programs that print none of the file they read, a download, a file the output is redirected to, a sandboxed sed', () => {
    const script = '#!/bin/bash\nsource <(mkdir -p out; touch out/x; echo export A=1)\nsource <(curl -sSL -H "Accept: application/json" https://example.com/x.sh)\n'
      + 'source <(cat ci.sh > /tmp/copy; echo export B=2)\n(cat ci.sh > /tmp/copy) | sh\nsed --sandbox -f x.sed /etc/os-release\nbash <(test -f ci.sh && echo export C=3)\n'
      + 'bash <(cat) < ci.sh\nexport VERSION=$(cat VERSION) "REV=$(git rev-parse HEAD)"\n"$(which kubectl)" version\n"$(dirname "$0")/x" run\nexport $(date +%s)\n';
    expect(check(taskWith({ name: 'a', image: IMAGE, workingDir: '$(workspaces.source.path)', script }))).toEqual([]);
  });
});

describe('a file written from a workspace file, or a descriptor exec opens on one, that a shell later runs', () => {
  const W = '$(workspaces.source.path)';
  const copy = (file: string, line: string) => `(${file}, written by \`${line}\` from a file of a workspace)`;
  const fd = (n: number, line: string) => `(descriptor ${n}, which \`${line}\` opens on a file of a workspace)`;
  test.each([
    // copies and links (bash 5.2 runs each: the copy is the repository's file)
    ['cp, then sh', 'cp ci.sh /tmp/x', 'sh /tmp/x', `${WORKSPACE_FILE} ${copy('/tmp/x', 'cp ci.sh /tmp/x')}`],
    ['mv, then BASH_ENV', 'mv ci.sh /tmp/m\nexport BASH_ENV=/tmp/m', 'bash -c true', `${SOURCES_BASH_ENV} ${copy('/tmp/m', 'mv ci.sh /tmp/m')}`],
    ['install -m, then run', 'install -m 755 ci.sh /tmp/i', '/tmp/i', `${WORKSPACE_FILE} ${copy('/tmp/i', 'install -m 755 ci.sh /tmp/i')}`],
    ['ln -s of $PWD, then sh', 'ln -s "$PWD/ci.sh" /tmp/l', 'sh /tmp/l', `${WORKSPACE_FILE} ${copy('/tmp/l', 'ln -s "$PWD/ci.sh" /tmp/l')}`],
    ['cp -t into a directory, then source', 'cp -t /opt/ci ci.sh', 'source /opt/ci/ci.sh', `${WORKSPACE_FILE} ${copy('/opt/ci', 'cp -t /opt/ci ci.sh')}`],
    // (copy-operands.ts: -t in a group, a long option's value as the next word)
    ['cp -vt into a directory, then source', 'cp -vt /opt/ci ci.sh', 'source /opt/ci/ci.sh', `${WORKSPACE_FILE} ${copy('/opt/ci', 'cp -vt /opt/ci ci.sh')}`],
    ['cp --suffix, then sh', 'cp --suffix .old ci.sh /tmp/x', 'sh /tmp/x', `${WORKSPACE_FILE} ${copy('/tmp/x', 'cp --suffix .old ci.sh /tmp/x')}`],
    ['cp -r of the workspace, then sh', 'cp -r . /tmp/src/', 'sh /tmp/src/ci.sh', `${WORKSPACE_FILE} ${copy('/tmp/src', 'cp -r . /tmp/src/')}`],
    ['sudo cp, then sudo bash', 'sudo cp ci.sh /usr/local/bin/ci', 'sudo bash /usr/local/bin/ci',
      `${WORKSPACE_FILE} ${copy('/usr/local/bin/ci', 'sudo cp ci.sh /usr/local/bin/ci')}`],
    // what a command prints of a workspace file, redirected to a file
    ['cat >, then .', 'cat ci.sh > /tmp/y', '. /tmp/y', `${WORKSPACE_FILE} ${copy('/tmp/y', 'cat ci.sh > /tmp/y')}`],
    ['sed >, then run', "sed 's/\\r$//' ci.sh > /tmp/y\nchmod +x /tmp/y", '/tmp/y', `${WORKSPACE_FILE} ${copy('/tmp/y', "sed 's/\\r$//' ci.sh > /tmp/y")}`],
    ['a group >>, then sh -c source', '{ cat ci.sh; } >> /tmp/y', 'sh -c "source /tmp/y"', `${WORKSPACE_FILE} ${copy('/tmp/y', '} >> /tmp/y')}`],
    ['tee of a pipe', 'cat ci.sh | tee /tmp/z > /dev/null', 'bash /tmp/z', `${WORKSPACE_FILE} ${copy('/tmp/z', 'tee /tmp/z > /dev/null')}`],
    ['dd of=, then BASH_ENV', 'dd if=ci.sh of=/tmp/w', 'BASH_ENV=/tmp/w bash -c true', `${SOURCES_BASH_ENV} ${copy('/tmp/w', 'dd if=ci.sh of=/tmp/w')}`],
    ['cp, then ENV for sh -i', 'cp ci.sh /tmp/e', 'ENV=/tmp/e sh -i -c true',
      `runs an interactive shell, which first sources the file ENV names: a file of a workspace the repository fills ${copy('/tmp/e', 'cp ci.sh /tmp/e')}`],
    // a descriptor exec leaves open on a workspace file
    ['source /dev/fd/3', 'exec 3< ci.sh', 'source /dev/fd/3', `${WORKSPACE_FILE} ${fd(3, 'exec 3< ci.sh')}`],
    ['. /proc/self/fd/4', 'exec 4< ci.sh', '. /proc/self/fd/4', `${WORKSPACE_FILE} ${fd(4, 'exec 4< ci.sh')}`],
    ['bash /dev/fd/5', 'exec 5<ci.sh', 'bash /dev/fd/5', `${WORKSPACE_FILE} ${fd(5, 'exec 5<ci.sh')}`],
    ['bash <&7', 'exec 7<ci.sh', 'bash <&7', `${WORKSPACE_FILE} ${fd(7, 'exec 7<ci.sh')}`],
    ['sh 0<& 8', 'exec 8<ci.sh', 'sh 0<& 8', `${WORKSPACE_FILE} ${fd(8, 'exec 8<ci.sh')}`],
    // (bash 5.2 reads a dup's digits with a leading zero: `exec 3< FILE; bash <&03` runs FILE, as `<&3`)
    ['bash <&03', 'exec 3< ci.sh', 'bash <&03', `${WORKSPACE_FILE} ${fd(3, 'exec 3< ci.sh')}`],
    ['sh 0<& 009', 'exec 9<ci.sh', 'sh 0<& 009', `${WORKSPACE_FILE} ${fd(9, 'exec 9<ci.sh')}`],
    ['bash <&03- (moved)', 'exec 3< ci.sh', 'bash <&03-', `${WORKSPACE_FILE} ${fd(3, 'exec 3< ci.sh')}`],
    ['a descriptor duplicated from another', 'exec 3< ci.sh\nexec 6<&3', 'source /dev/fd/6', `${WORKSPACE_FILE} ${fd(6, 'exec 3< ci.sh')}`],
    ['a descriptor bash allocates', 'exec {fd}< ci.sh', 'source /dev/fd/$fd',
      `${WORKSPACE_FILE} (the descriptor, which \`exec {fd}< ci.sh\` opens on a file of a workspace)`],
    ["the script's own input", 'exec < ci.sh', 'bash', 'reads its input from a file of a workspace the repository fills, which `exec < ci.sh` opened'],
    // a file it does not name: a startup file an interactive or login shell sources, a program PATH finds by its name
    ['~/.bashrc, then bash -i', 'cp ci.sh ~/.bashrc', 'bash -i -c true',
      `runs an interactive or login shell, which first sources ~/.bashrc ${copy('~/.bashrc', 'cp ci.sh ~/.bashrc')}`],
    ['/etc/profile.d, then bash -l', 'cat ci.sh >> /etc/profile.d/x.sh', 'bash -l -c true',
      `runs an interactive or login shell, which first sources /etc/profile.d/x.sh ${copy('/etc/profile.d/x.sh', 'cat ci.sh >> /etc/profile.d/x.sh')}`],
    // root's and Tekton's home directories, a login bash's logout file, bash's -login
    ['/root/.bashrc, then bash -i', 'cp ci.sh /root/.bashrc', 'bash -i -c true',
      `runs an interactive or login shell, which first sources /root/.bashrc ${copy('/root/.bashrc', 'cp ci.sh /root/.bashrc')}`],
    ['/tekton/home/.profile, then bash -login', 'cp ci.sh /tekton/home/.profile', 'bash -login -c true',
      `runs an interactive or login shell, which first sources /tekton/home/.profile ${copy('/tekton/home/.profile', 'cp ci.sh /tekton/home/.profile')}`],
    ['~/.bash_logout, then bash -l', 'cp ci.sh ~/.bash_logout', "bash -l -c 'exit 0'",
      `runs a login shell, which sources ~/.bash_logout as it exits ${copy('~/.bash_logout', 'cp ci.sh ~/.bash_logout')}`],
    ['a program in PATH', 'cp ci.sh /usr/local/bin/kubectl', 'kubectl version',
      `runs kubectl, which PATH finds at /usr/local/bin/kubectl ${copy('/usr/local/bin/kubectl', 'cp ci.sh /usr/local/bin/kubectl')}`],
  ])('non-compliant: %s', (_, before, line, why) => {
    const script = `#!/bin/bash\n${before}\n${line}\n`;
    expect(check(taskWith({ name: 'build', image: IMAGE, workingDir: W, script }))).toEqual([found('script', line, why)]);
  });

  test('an absolute workspace path copied from outside the workspaces', () => {
    const script = `#!/bin/bash\ncp ${W}/hack/env.sh /etc/profile.d/env.sh\nbash -l -c 'source /etc/profile.d/env.sh'\n`;
    expect(check(taskWith({ name: 'build', image: IMAGE, script }))).toEqual([found('script', "bash -l -c 'source /etc/profile.d/env.sh'",
      `runs an interactive or login shell, which first sources /etc/profile.d/env.sh ${copy('/etc/profile.d/env.sh', `cp ${W}/hack/env.sh /etc/profile.d/env.sh`)}`)]);
  });

  test('not repository code: a copy of a file of the image, a copy never run, a descriptor closed or reopened on another file, output sent elsewhere', () => {
    const script = '#!/bin/bash\ncp /etc/ci/run.sh /tmp/x\nsh /tmp/x\ncp ci.sh /tmp/y\ncat /tmp/y\nexec 3< ci.sh\nexec 3<&-\nsource /dev/fd/3\n'
      + 'exec 4< ci.sh\nexec 4< /etc/os-release\nsource /dev/fd/4\ncat ci.sh > /dev/null\nbasename ci.sh > /tmp/n\nsh /tmp/n\n'
      + 'cp ci.sh ~/.bashrc\nbash -c true\ncp ci.sh /opt/tools/kubectl\nkubectl version\n';
    expect(check(taskWith({ name: 'build', image: IMAGE, workingDir: W, script }))).toEqual([]);
  });
});

describe('a copy an archiver or git makes of a workspace, then run', () => {
  const W = '$(workspaces.source.path)';
  const copy = (file: string, line: string) => `(${file}, written by \`${line}\` from a file of a workspace)`;
  const inCopy = (file: string, line: string) => `(in ${file}, written by \`${line}\` from a file of a workspace)`;
  // (GNU tar 1.34, git 2.39 and Info-ZIP unzip 6.0 make each copy, and bash 5.2 runs its build.sh)
  test.each([
    ['tar -c . | tar -x -C', 'tar -c . | tar -x -C /tmp/w', '/tmp/w/build.sh', `${WORKSPACE_FILE} ${copy('/tmp/w', 'tar -x -C /tmp/w')}`, true],
    ['tar -cf - -C <workspace> . | tar -xf - -C', `tar -cf - -C ${W} . | tar -xf - -C /w`, 'sh /w/build.sh', `${WORKSPACE_FILE} ${copy('/w', 'tar -xf - -C /w')}`, false],
    ['tar xf of a workspace archive in the directory a cd names', `cd /tmp/w && tar xf ${W}/src.tar`, './build.sh',
      `${WORKSPACE_FILE} ${inCopy('/tmp/w', `tar xf ${W}/src.tar`)}`, false],
    ['tar --extract --file= --directory=', `tar --extract --file=${W}/src.tar --directory=/opt/src`, 'bash /opt/src/ci.sh',
      `${WORKSPACE_FILE} ${copy('/opt/src', `tar --extract --file=${W}/src.tar --directory=/opt/src`)}`, false],
    ['tar -x of a workspace archive redirected', 'tar -x -C /tmp/w < src.tar', '. /tmp/w/env.sh', `${WORKSPACE_FILE} ${copy('/tmp/w', 'tar -x -C /tmp/w < src.tar')}`, true],
    ['find | cpio -pdm', 'find . -depth | cpio -pdm /tmp/w', 'bash /tmp/w/ci.sh', `${WORKSPACE_FILE} ${copy('/tmp/w', 'cpio -pdm /tmp/w')}`, true],
    ['cpio -idm -D of a workspace archive', 'cpio -idm -D /tmp/w < src.cpio', '/tmp/w/build.sh', `${WORKSPACE_FILE} ${copy('/tmp/w', 'cpio -idm -D /tmp/w < src.cpio')}`, true],
    ['git archive | tar -x -C', 'git archive HEAD | tar -x -C /tmp/w', '/tmp/w/build.sh', `${WORKSPACE_FILE} ${copy('/tmp/w', 'tar -x -C /tmp/w')}`, true],
    ['git archive -o, then tar -xf', 'git archive -o /tmp/s.tar HEAD\ntar -xf /tmp/s.tar -C /w', '/w/build.sh',
      `${WORKSPACE_FILE} ${copy('/w', 'tar -xf /tmp/s.tar -C /w')}`, true],
    ['git worktree add, then cd and run', 'git worktree add --detach /tmp/w HEAD\ncd /tmp/w', './build.sh',
      `${WORKSPACE_FILE} ${inCopy('/tmp/w', 'git worktree add --detach /tmp/w HEAD')}`, true],
    ['git -C <workspace> worktree add', `git -C ${W} worktree add -b ci /tmp/w`, 'source /tmp/w/env.sh',
      `${WORKSPACE_FILE} ${copy('/tmp/w', `git -C ${W} worktree add -b ci /tmp/w`)}`, false],
    ['git clone of the workspace', `git clone --depth 1 ${W} /tmp/w`, '/tmp/w/build.sh', `${WORKSPACE_FILE} ${copy('/tmp/w', `git clone --depth 1 ${W} /tmp/w`)}`, false],
    ['git clone file:// of the workspace into the directory a cd names', 'cd /opt\ngit clone file:///workspace/source', 'bash /opt/source/ci.sh',
      `${WORKSPACE_FILE} ${copy('/opt/source', 'git clone file:///workspace/source')}`, false],
    ['old-style tar xf, then -C', 'tar xf src.tar -C /tmp/w', '/tmp/w/build.sh', `${WORKSPACE_FILE} ${copy('/tmp/w', 'tar xf src.tar -C /tmp/w')}`, true],
    ['git clone . in the workspace', 'git clone --recurse-submodules . /tmp/w', '/tmp/w/build.sh',
      `${WORKSPACE_FILE} ${copy('/tmp/w', 'git clone --recurse-submodules . /tmp/w')}`, true],
    ['git -C <workspace> archive | bsdtar -x -C', `git -C ${W} archive --format=tar HEAD | bsdtar -x -C /w`, 'sh /w/build.sh',
      `${WORKSPACE_FILE} ${copy('/w', 'bsdtar -x -C /w')}`, false],
    ['unzip -d', `unzip -q ${W}/src.zip -d /tmp/w`, 'source /tmp/w/env.sh', `${WORKSPACE_FILE} ${copy('/tmp/w', `unzip -q ${W}/src.zip -d /tmp/w`)}`, false],
    // a cd into a copy: what runs there by a relative path is the repository's
    ['cp -r, then cd and run', `cp -r ${W} /w\ncd /w`, './build.sh', `${WORKSPACE_FILE} ${inCopy('/w', `cp -r ${W} /w`)}`, false],
    ['cp -r, then cd below it and run', 'cp -r . /tmp/src\ncd /tmp/src/hack', 'bash gen.sh', `${WORKSPACE_FILE} ${inCopy('/tmp/src', 'cp -r . /tmp/src')}`, true],
    ['cp -r, then cd by a relative path', 'cp -r . /tmp/src\ncd /tmp\ncd src', './build.sh', `${WORKSPACE_FILE} ${inCopy('/tmp/src', 'cp -r . /tmp/src')}`, true],
    // checked with bash 5.2 and dash: cd searches CDPATH's directories first for a name not starting with `/`, `./` or `../`
    ['cp -r, then cd by CDPATH', `cp -r ${W} /w\nCDPATH=/\ncd w`, './build.sh', `${WORKSPACE_FILE} ${inCopy('/w', `cp -r ${W} /w`)}`, false],
    ['cp -r, then cd by CDPATH of several directories', `cp -r ${W} /opt/w\nexport CDPATH=/tmp:/opt\ncd w`, './build.sh', `${WORKSPACE_FILE} ${inCopy('/opt/w', `cp -r ${W} /opt/w`)}`, false],
    ['cp -r, then cd "$D" of a known value', `cp -r ${W} /w\nD=/w\ncd "$D"`, './build.sh', `${WORKSPACE_FILE} ${inCopy('/w', `cp -r ${W} /w`)}`, false],
  ])('non-compliant: %s', (_, before, line, why, inWorkspace) => {
    const script = `#!/bin/bash\n${before}\n${line}\n`;
    const workingDir = inWorkspace ? { workingDir: W } : {};
    expect(check(taskWith({ name: 'build', image: IMAGE, ...workingDir, script }))).toEqual([found('script', line, why)]);
  });

  test('make -C of a copy is a build', () => {
    const script = '#!/bin/bash\ntar -c . | tar -x -C /tmp/w\nmake -C /tmp/w\n';
    expect(check(taskWith({ name: 'build', image: IMAGE, workingDir: W, script }))).toEqual([found('script', 'make -C /tmp/w', BUILDS)]);
  });

  test('not repository code: an archive or repository downloaded, a listing, a copy never run, a directory not copied', () => {
    const script = '#!/bin/bash\ncurl -sSL https://example.com/tool.tgz | tar -xz -C /tmp/t\n/tmp/t/tool version\n'
      + 'curl -sSLo /tmp/dl.tgz https://example.com/tool.tgz\ntar -xzf /tmp/dl.tgz -C /tmp/u\n/tmp/u/tool version\n'
      + 'git clone https://github.com/example/tools /tmp/tools\n/tmp/tools/run.sh\ntar -tf src.tar\nunzip -l src.zip -d /tmp/l\n/tmp/l/x.sh\n'
      + 'git worktree add /tmp/wt\ntar -c . | tar -x -C /tmp/c\ncd /opt/tools\n./run.sh\ntar -cf /tmp/out.tar -C /tmp/c .\n/tmp/out.tar\n';
    expect(check(taskWith({ name: 'build', image: IMAGE, workingDir: W, script }))).toEqual([]);
  });
});

describe('startup files of zsh and of the login shells su, runuser and sudo start, and the logout file of a login bash', () => {
  const W = '$(workspaces.source.path)';
  const copy = (file: string, line: string) => `(${file}, written by \`${line}\` from a file of a workspace)`;
  const ZDOTDIR = 'runs zsh, which first sources .zshenv of the directory ZDOTDIR names';
  test.each([
    // zsh 5.9 (Src/init.c run_init_scripts): every zsh sources .zshenv, a login one .zprofile and .zlogin, an interactive one .zshrc
    ['~/.zshenv, then zsh -c', 'cp ci.sh ~/.zshenv', 'zsh -c true', `runs zsh, which first sources ~/.zshenv ${copy('~/.zshenv', 'cp ci.sh ~/.zshenv')}`],
    ['~/.zshrc, then zsh -i', 'cp ci.sh ~/.zshrc', 'zsh -i -c true', `runs zsh, which first sources ~/.zshrc ${copy('~/.zshrc', 'cp ci.sh ~/.zshrc')}`],
    ['/root/.zprofile, then zsh -l', 'cat ci.sh > /root/.zprofile', 'zsh -l -c true',
      `runs zsh, which first sources /root/.zprofile ${copy('/root/.zprofile', 'cat ci.sh > /root/.zprofile')}`],
    ['the global zshenv, read even with -f', 'cp ci.sh /etc/zsh/zshenv', 'zsh -f -c true',
      `runs zsh, which first sources /etc/zsh/zshenv ${copy('/etc/zsh/zshenv', 'cp ci.sh /etc/zsh/zshenv')}`],
    ['.zshenv of the ZDOTDIR set before', 'export ZDOTDIR=/opt/z\ncp ci.sh /opt/z/.zshenv', 'zsh -c true',
      `runs zsh, which first sources /opt/z/.zshenv ${copy('/opt/z/.zshenv', 'cp ci.sh /opt/z/.zshenv')}`],
    ['ZDOTDIR=$PWD in a workspace', 'true', 'ZDOTDIR=$PWD zsh -c true', `${ZDOTDIR}, $PWD: a directory of a workspace the repository fills`],
    ['ZDOTDIR of a copy', 'cp -r . /tmp/z', 'ZDOTDIR=/tmp/z zsh -c true',
      `runs zsh, which first sources /tmp/z/.zshenv ${copy('/tmp/z', 'cp -r . /tmp/z')}`],
    ['ZDOTDIR not known', 'read -r D', 'ZDOTDIR="$D" zsh -c true',
      `${ZDOTDIR}, and what ZDOTDIR holds is not known here: it may be a directory of the repository`],
    // util-linux su and runuser: `-`, `-l` start the target's shell as a login shell; sudo -i the same
    ['~/.profile, then su -', 'cp ci.sh ~/.profile', 'su - -c true', `runs a login shell (su -), which first sources ~/.profile ${copy('~/.profile', 'cp ci.sh ~/.profile')}`],
    ['/root/.bash_profile, then sudo -i', 'cat ci.sh >> /root/.bash_profile', 'sudo -i true',
      `runs a login shell (sudo -i), which first sources /root/.bash_profile ${copy('/root/.bash_profile', 'cat ci.sh >> /root/.bash_profile')}`],
    ['/etc/profile.d, then runuser -l root', 'cp ci.sh /etc/profile.d/ci.sh', 'runuser -l root -c true',
      `runs a login shell (runuser -l), which first sources /etc/profile.d/ci.sh ${copy('/etc/profile.d/ci.sh', 'cp ci.sh /etc/profile.d/ci.sh')}`],
    ['~/.zlogout, then an interactive login zsh', 'cp ci.sh ~/.zlogout', 'zsh -il -c true',
      `runs zsh, which sources ~/.zlogout as it exits ${copy('~/.zlogout', 'cp ci.sh ~/.zlogout')}`],
    ['~/.zlogin, then su - with zsh', 'cp ci.sh ~/.zlogin', 'su - -s /bin/zsh -c true',
      `runs a login shell (su -), which first sources ~/.zlogin ${copy('~/.zlogin', 'cp ci.sh ~/.zlogin')}`],
    // a home directory, /etc or /etc/zsh copied into: the startup files it may now hold
    ['an archive extracted into the home directory, then bash -l', `tar -xf ${W}/dotfiles.tar -C ~`, 'bash -l -c true',
      `runs an interactive or login shell, which first sources ~/.bash_profile ${copy('~', `tar -xf ${W}/dotfiles.tar -C ~`)}`],
    ['a directory copied into /etc/zsh, then zsh', 'cp -r etc/zsh/. /etc/zsh/', 'zsh -c true',
      `runs zsh, which first sources /etc/zsh/zshenv ${copy('/etc/zsh', 'cp -r etc/zsh/. /etc/zsh/')}`],
    ['root\'s home copied into, then sudo -i', 'cp -r home/. /root', 'sudo -i true',
      `runs a login shell (sudo -i), which first sources /root/.bash_profile ${copy('/root', 'cp -r home/. /root')}`],
    // bash 5.2: a login bash sources ~/.bash_logout when its exit or logout builtin runs, or an interactive one at the end of its input
    ['~/.bash_logout, then su - that exits', 'cp ci.sh ~/.bash_logout', "su - -c 'true; exit'",
      `runs a login shell (su -), which sources ~/.bash_logout as it exits ${copy('~/.bash_logout', 'cp ci.sh ~/.bash_logout')}`],
    ['~/.bash_logout, then a login bash whose input exits', 'cp ci.sh ~/.bash_logout', "bash -l <<< 'exit 0'",
      `runs a login shell, which sources ~/.bash_logout as it exits ${copy('~/.bash_logout', 'cp ci.sh ~/.bash_logout')}`],
    ['~/.bash_logout, then an interactive login bash', 'cp ci.sh ~/.bash_logout', 'bash -il < /dev/null',
      `runs a login shell, which sources ~/.bash_logout as it exits ${copy('~/.bash_logout', 'cp ci.sh ~/.bash_logout')}`],
    ['~/.bash_logout, then a trap that exits', 'cp ci.sh ~/.bash_logout', 'bash -l -c \'trap "exit" TERM; sleep 1\'',
      `runs a login shell, which sources ~/.bash_logout as it exits ${copy('~/.bash_logout', 'cp ci.sh ~/.bash_logout')}`],
  ])('non-compliant: %s', (_, before, line, why) => {
    const script = `#!/bin/bash\n${before}\n${line}\n`;
    expect(check(taskWith({ name: 'build', image: IMAGE, workingDir: W, script }))).toEqual([found('script', line, why)]);
  });

  test('ZDOTDIR of a workspace, in the env of a zsh script or a command', () => {
    const env = [{ name: 'ZDOTDIR', value: W }];
    expect(check(taskWith({ name: 'build', image: IMAGE, env, script: '#!/bin/zsh\necho hi\n' })))
      .toEqual([found('script', '#!/bin/zsh', `${ZDOTDIR}, ${W}: a directory of a workspace the repository fills`)]);
    expect(check(taskWith({ name: 'build', image: IMAGE, command: ['env', `ZDOTDIR=${W}/ci`, 'zsh', '-c', 'true'] })))
      .toEqual([found('command', `env ZDOTDIR=${W}/ci zsh -c true`, `${ZDOTDIR}, ${W}/ci: a directory of a workspace the repository fills`)]);
  });

  test.each([
    ['zsh files of another mode (zsh 5.9 run so reads none of them)', 'cp ci.sh ~/.zprofile\nzsh -i -c true\ncp ci.sh ~/.zshrc\nzsh -c true'],
    ['~/.zlogout, then a login zsh that is not interactive', 'cp ci.sh ~/.zlogout\nzsh -l -c exit\nzsh -i -c exit'],
    ['~/.zshenv with -f, -p, --no-rcs, another ZDOTDIR', 'cp ci.sh ~/.zshenv\nzsh -f -c true\nzsh -p -c true\nzsh --no-rcs -c true\nZDOTDIR=/etc/zdot zsh -c true'],
    ['ZDOTDIR of a workspace with -f, one outside', 'ZDOTDIR=$PWD zsh -f -c true\nZDOTDIR=/etc/zdot zsh -c true'],
    ["Tekton's home, which su - does not read", 'cp ci.sh /tekton/home/.bash_profile\nsu - -c true\ncp -r home/. /tekton/home\nsudo -i true'],
    ['a home directory copied into, then shells that read none of it', 'cp -r home/. ~\nbash -c true\nsh -c true\nzsh -f -c true'],
    ['a directory of /etc that holds no startup file', 'tar -xf x.tar -C /etc/ssl\nbash -l -c true'],
    ['~/.profile, then shells that are not login shells of root', 'cp ci.sh ~/.profile\nsu -c true\nsudo -s true\nsu - builder -c true\nsudo -i -u builder true\nrunuser -u root -- true'],
    ['~/.bash_logout, then login bash that never runs exit', 'cp ci.sh ~/.bash_logout\nbash -l -c true\nbash -l -c "(exit 1)" || true\nbash --login <<< "echo hi"\nsu - -c true'],
    ['~/.bash_logout, then shells that do not read it', 'cp ci.sh ~/.bash_logout\nbash -c exit\ndash -l -c exit\nbash -i -c exit\nzsh -l -c exit'],
    // checked with bash 5.2: a pipeline's parts run in subshells, whose exit ends the subshell (no logout; `shopt -s lastpipe` runs the last in the shell)
    ['~/.bash_logout, then a login bash whose exit is in a pipeline', "cp ci.sh ~/.bash_logout\nbash -l -c 'true | exit'\nbash -l -c 'exit | true'\nbash -l -c 'exit |& cat'"],
    // bash 5.2 shell.c run_startup_files: an interactive bash that is not a login shell sources ~/.bashrc alone, dash and sh -i $ENV alone
    ['a profile, then interactive shells that are not login shells', 'cp ci.sh ~/.bash_profile\ncp ci.sh ~/.profile\ncp ci.sh ~/.bash_login\ncp ci.sh /etc/profile\nbash -i -c true\nsh -i -c true\ndash -i -c true'],
  ])('not repository code: %s', (_, body) => {
    const script = `#!/bin/bash\n${body}\n`;
    expect(check(taskWith({ name: 'build', image: IMAGE, workingDir: W, script }))).toEqual([]);
  });

  // each run with harmless payloads: bash 5.2, GNU tar 1.34, bsdtar 3.6, git 2.39, zsh 5.9
  test.each([
    // bash 5.2 sources ~/.bash_logout for these (the exit builtin through builtin or command, in a file sourced, named by a variable)
    ['a login bash that runs exit through builtin', 'cp ci.sh ~/.bash_logout', "bash -l -c 'builtin exit'"],
    ['a login bash that runs exit through command', 'cp ci.sh ~/.bash_logout', "bash -l -c 'command exit 0'"],
    ['a login bash that sources a file (its exit ends the shell)', 'cp ci.sh ~/.bash_logout', "bash -l -c 'source /opt/lib.sh'"],
    ['a login bash that runs exit by a variable', 'cp ci.sh ~/.bash_logout', "bash -l -c 'X=exit; $X'"],
    ['a login bash that runs exit last in a pipeline with lastpipe', 'cp ci.sh ~/.bash_logout', "bash -l -c 'shopt -s lastpipe; true | exit'"],
  ])('non-compliant: %s', (_, before, line) => {
    const script = `#!/bin/bash\n${before}\n${line}\n`;
    expect(check(taskWith({ name: 'build', image: IMAGE, workingDir: W, script })))
      .toEqual([found('script', line, `runs a login shell, which sources ~/.bash_logout as it exits ${copy('~/.bash_logout', before)}`)]);
  });

  test.each([
    // GNU tar's and bsdtar's abbreviations of long options, bsdtar's --cd
    ['tar --ext --dir=', 'tar --ext -f src.tar --dir=/w', '/w/build.sh', `${WORKSPACE_FILE} ${copy('/w', 'tar --ext -f src.tar --dir=/w')}`],
    ['tar --ge --dire', 'tar --ge --dire /w -f src.tar', '/w/build.sh', `${WORKSPACE_FILE} ${copy('/w', 'tar --ge --dire /w -f src.tar')}`],
    ['bsdtar --cd', 'bsdtar -x --cd /w -f src.tar', '/w/build.sh', `${WORKSPACE_FILE} ${copy('/w', 'bsdtar -x --cd /w -f src.tar')}`],
    ['bsdtar --cd=', 'bsdtar -xf src.tar --cd=/w', '. /w/env.sh', `${WORKSPACE_FILE} ${copy('/w', 'bsdtar -xf src.tar --cd=/w')}`],
    // git checking the repository's files out into another working tree
    ['git --work-tree= checkout', 'git --work-tree=/w checkout -f HEAD -- .', '/w/build.sh',
      `${WORKSPACE_FILE} ${copy('/w', 'git --work-tree=/w checkout -f HEAD -- .')}`],
    ['git --work-tree reset --hard', 'git --work-tree /w reset --hard', 'bash /w/build.sh', `${WORKSPACE_FILE} ${copy('/w', 'git --work-tree /w reset --hard')}`],
    ['git checkout-index --prefix=', 'git checkout-index -a --prefix=/w/', '/w/build.sh', `${WORKSPACE_FILE} ${copy('/w', 'git checkout-index -a --prefix=/w/')}`],
    // GNU tar's --one-top-level=DIR, 7-Zip's x and e (-oDIR), a pull of a workspace's repository into another
    ['tar --one-top-level=', 'tar -xf src.tar --one-top-level=/w', '/w/build.sh', `${WORKSPACE_FILE} ${copy('/w', 'tar -xf src.tar --one-top-level=/w')}`],
    ['tar -C with a relative --one-top-level=', 'tar -xf src.tar -C /w --one-top-level=src', '/w/src/build.sh',
      `${WORKSPACE_FILE} ${copy('/w/src', 'tar -xf src.tar -C /w --one-top-level=src')}`],
    ['7z x -o', '7z x src.zip -o/w', '/w/build.sh', `${WORKSPACE_FILE} ${copy('/w', '7z x src.zip -o/w')}`],
    ['7zz e -o', '7zz e -y src.7z -o/w', 'sh /w/build.sh', `${WORKSPACE_FILE} ${copy('/w', '7zz e -y src.7z -o/w')}`],
    ['git -C pull of a workspace', `git init /w\ngit -C /w pull ${W} main`, '/w/build.sh', `${WORKSPACE_FILE} ${copy('/w', `git -C /w pull ${W} main`)}`],
    // checked with git 2.39: a fetch of a workspace's repository then checked out (FETCH_HEAD), GIT_WORK_TREE and GIT_DIR as the options
    ['git fetch of a workspace, then checkout', `git init /w\ngit -C /w fetch ${W}\ngit -C /w checkout FETCH_HEAD`, '/w/build.sh',
      `${WORKSPACE_FILE} ${copy('/w', `git -C /w fetch ${W}`)}`],
    ['GIT_WORK_TREE= git checkout -f', 'GIT_WORK_TREE=/w git checkout -f', '/w/build.sh', `${WORKSPACE_FILE} ${copy('/w', 'GIT_WORK_TREE=/w git checkout -f')}`],
    // a login shell by its argv[0], root by its uid, zsh's RCS set again
    ['exec -l bash', 'cp ci.sh ~/.bash_profile', 'exec -l bash -c true',
      `runs an interactive or login shell, which first sources ~/.bash_profile ${copy('~/.bash_profile', 'cp ci.sh ~/.bash_profile')}`],
    ['exec -a -bash bash', 'cp ci.sh ~/.bash_profile', 'exec -a -bash bash -c true',
      `runs an interactive or login shell, which first sources ~/.bash_profile ${copy('~/.bash_profile', 'cp ci.sh ~/.bash_profile')}`],
    ["sudo -u '#0' -i", 'cp ci.sh /root/.profile', "sudo -u '#0' -i true",
      `runs a login shell (sudo -i), which first sources /root/.profile ${copy('/root/.profile', 'cp ci.sh /root/.profile')}`],
    ['zsh +o norcs', 'cp ci.sh ~/.zshenv', 'zsh +o norcs -c true', `runs zsh, which first sources ~/.zshenv ${copy('~/.zshenv', 'cp ci.sh ~/.zshenv')}`],
    ['zsh -f +f', 'cp ci.sh ~/.zshenv', 'zsh -f +f -c true', `runs zsh, which first sources ~/.zshenv ${copy('~/.zshenv', 'cp ci.sh ~/.zshenv')}`],
    // a shell a shell's -c code or a command substitution runs, root's login shell that sudo's or doas' su - starts
    ['bash -l in bash -c', 'cp ci.sh ~/.bash_profile', "bash -c 'bash -l -c true'",
      `runs an interactive or login shell, which first sources ~/.bash_profile ${copy('~/.bash_profile', 'cp ci.sh ~/.bash_profile')}`],
    ['zsh in sh -c', 'cp ci.sh ~/.zshenv', 'sh -c "zsh -c true"', `runs zsh, which first sources ~/.zshenv ${copy('~/.zshenv', 'cp ci.sh ~/.zshenv')}`],
    ['bash -i in a command substitution', 'cp ci.sh ~/.bashrc', 'x=$(bash -i -c true)',
      `runs an interactive or login shell, which first sources ~/.bashrc ${copy('~/.bashrc', 'cp ci.sh ~/.bashrc')}`],
    ['a program of PATH in sh -c', 'cp ci.sh /usr/local/bin/kubectl', "sh -c 'kubectl version'",
      `runs kubectl, which PATH finds at /usr/local/bin/kubectl ${copy('/usr/local/bin/kubectl', 'cp ci.sh /usr/local/bin/kubectl')}`],
    // util-linux 2.38 script runs its -c code with $SHELL -c (sh where unset): the shells that code runs (checked with bash 5.2)
    ['bash -l in script -c', 'cp ci.sh ~/.bash_profile', "script -qc 'bash -l -c true' /dev/null",
      `runs an interactive or login shell, which first sources ~/.bash_profile ${copy('~/.bash_profile', 'cp ci.sh ~/.bash_profile')}`],
    ['bash -i in script --command', 'cp ci.sh ~/.bashrc', "script -q --command='bash -i -c true' /dev/null",
      `runs an interactive or login shell, which first sources ~/.bashrc ${copy('~/.bashrc', 'cp ci.sh ~/.bashrc')}`],
    // without a command, script runs $SHELL -i (sh where unset; util-linux 2.38 run: SHELL=/bin/bash sources ~/.bashrc, an unset SHELL
    // the file ENV names), and passes its input to it; $SHELL is not known here: an interactive bash and an interactive sh
    ['script without a command: an interactive bash', 'cp ci.sh ~/.bashrc', 'script -q /dev/null',
      `runs an interactive or login shell, which first sources ~/.bashrc ${copy('~/.bashrc', 'cp ci.sh ~/.bashrc')}`],
    ['script without a command: an interactive sh', `export ENV=${W}/env.sh`, 'script -q /dev/null',
      'runs an interactive shell, which first sources the file ENV names: a file of a workspace the repository fills'],
    // a login shell of another user: /etc's files and those of /home/<user>, useradd's default home (its passwd entry is the image's)
    ['su - builder', 'cp ci.sh /home/builder/.profile', 'su - builder -c true',
      `runs a login shell (su - builder), which first sources /home/builder/.profile ${copy('/home/builder/.profile', 'cp ci.sh /home/builder/.profile')}`],
    // sudo 1.9 -i runs the target user's login shell, with HOME its home; ~builder is that home as the shell expands it
    ['sudo -iu builder', 'cp ci.sh /home/builder/.profile', 'sudo -iu builder true',
      `runs a login shell (sudo -i -u builder), which first sources /home/builder/.profile ${copy('/home/builder/.profile', 'cp ci.sh /home/builder/.profile')}`],
    ['su - builder, ~builder/.profile', 'cp ci.sh ~builder/.profile', 'su - builder -c true',
      `runs a login shell (su - builder), which first sources /home/builder/.profile ${copy('~builder/.profile', 'cp ci.sh ~builder/.profile')}`],
    // the home directory itself written into (`/home/builder`, `~builder`), /etc copied into, root's home written `~root`
    ['tar -C /home/builder, sudo -iu builder', 'tar -xf dot.tar -C /home/builder', 'sudo -iu builder true',
      `runs a login shell (sudo -i -u builder), which first sources /home/builder/.bash_profile ${copy('/home/builder', 'tar -xf dot.tar -C /home/builder')}`],
    ['cp -r into ~builder, su - builder', 'cp -r dotfiles/. ~builder', 'su - builder -c true',
      `runs a login shell (su - builder), which first sources /home/builder/.bash_profile ${copy('~builder', 'cp -r dotfiles/. ~builder')}`],
    ['cp -r into /etc, su - builder', 'cp -r etc/. /etc', 'su - builder -c true',
      `runs a login shell (su - builder), which first sources /etc/profile ${copy('/etc', 'cp -r etc/. /etc')}`],
    ['su -, ~root/.profile', 'cp ci.sh ~root/.profile', 'su - -c true',
      `runs a login shell (su -), which first sources ~root/.profile ${copy('~root/.profile', 'cp ci.sh ~root/.profile')}`],
    ['bash -l, ~root/.bash_profile', 'cp ci.sh ~root/.bash_profile', 'bash -l -c true',
      `runs an interactive or login shell, which first sources ~root/.bash_profile ${copy('~root/.bash_profile', 'cp ci.sh ~root/.bash_profile')}`],
    ['runuser -l builder, /etc/profile', 'cp ci.sh /etc/profile', 'runuser -l builder',
      `runs a login shell (runuser -l builder), which first sources /etc/profile ${copy('/etc/profile', 'cp ci.sh /etc/profile')}`],
    ['sudo su -', 'cp ci.sh /root/.profile', 'sudo su -', `runs a login shell (su -), which first sources /root/.profile ${copy('/root/.profile', 'cp ci.sh /root/.profile')}`],
    ['doas su - -c', 'cp ci.sh /root/.profile', 'doas su - -c true',
      `runs a login shell (su -), which first sources /root/.profile ${copy('/root/.profile', 'cp ci.sh /root/.profile')}`],
  ])('non-compliant: %s', (_, before, line, why) => {
    const script = `#!/bin/bash\n${before}\n${line}\n`;
    expect(check(taskWith({ name: 'build', image: IMAGE, workingDir: W, script }))).toEqual([found('script', line, why)]);
  });

  test('not repository code: script -c (a non-interactive $SHELL -c reads no ~/.bashrc), script --help; su - to another user, whose home is not root\'s', () => {
    for (const script of [
      'cp ci.sh ~/.bashrc\nscript -q -c true /dev/null',
      'cp ci.sh ~/.bashrc\nscript -q /dev/null -- true',
      'cp ci.sh ~/.bashrc\nscript --help',
      'cp ci.sh ~/.profile\nsu - builder -c true',
      'cp ci.sh /home/other/.profile\nsu - builder -c true',
      `export ENV=${W}/env.sh\nsu -s /bin/sh - -c true`,
    ]) expect([script, check(taskWith({ name: 'build', image: IMAGE, workingDir: W, script: `#!/bin/bash\n${script}\n` }))]).toEqual([script, []]);
    // script passes its input to the shell it runs (util-linux 2.38 run: a heredoc's commands run)
    expect(check(taskWith({ name: 'build', image: IMAGE, script: `#!/bin/bash\nscript -q /dev/null <<'EOF'\n${W}/ci.sh\nEOF\n` })))
      .toEqual([found('script', "script -q /dev/null <<'EOF'", WORKSPACE_FILE)]);
  });

  test('git run outside the workspace on its repository by GIT_DIR, a fetch into a repository a cd names; a bare checkout writes nothing', () => {
    const run = (script: string) => check(taskWith({ name: 'build', image: IMAGE, workingDir: '/', script: `#!/bin/bash\n${script}\n` }));
    expect(run(`GIT_DIR=${W}/.git git --work-tree=/w checkout -f\n/w/build.sh`)).toEqual([
      found('script', '/w/build.sh', `${WORKSPACE_FILE} ${copy('/w', `GIT_DIR=${W}/.git git --work-tree=/w checkout -f`)}`),
    ]);
    expect(run(`git init /w\ncd /w\ngit fetch ${W} && git checkout FETCH_HEAD\n./build.sh`)).toEqual([
      found('script', './build.sh', `${WORKSPACE_FILE} (in /w, written by \`git fetch ${W}\` from a file of a workspace)`),
    ]);
    // git 2.39: `checkout` without a branch, paths or -f keeps the working tree as it is (it lists the files missing there)
    expect(run(`GIT_DIR=${W}/.git git --work-tree=/w checkout\n/w/build.sh`)).toEqual([]);
    expect(run(`cd ${W}\ngit --work-tree=/w checkout\n/w/build.sh`)).toEqual([]);
  });

  test.each([
    ['zsh +o rcs, --no_rcs, -o NO_RCS (zsh 5.9 run: no ~/.zshenv)', 'cp ci.sh ~/.zshenv\nzsh +o rcs -c true\nzsh --no_rcs -c true\nzsh -o NO_RCS -c true'],
    ['tar that lists, an archive downloaded', 'tar -tf src.tar -C /w\ncurl -sSL https://example.com/x.tar.gz | tar -xz -C /v\n/w/build.sh\n/v/build.sh'],
    ['exec without a login argv[0]', 'cp ci.sh ~/.bash_profile\nexec -a build bash -c true'],
    ['shells in -c code that read none of it', 'cp ci.sh ~/.bash_profile\nbash -c "bash -c true"\nsh -c "dash -c true"\nsudo su -c true\nsudo -s true'],
    ['a pull of a remote, a listing, an archive downloaded', 'cd /w\ngit pull origin main\ngit -C /v pull https://github.com/x/y main\n7z l src.zip\n'
      + 'curl -sSL https://example.com/a.zip -o /tmp/a.zip\n7z x /tmp/a.zip -o/u\ntar -tf src.tar --one-top-level=/t\n./build.sh\n/v/build.sh\n/u/build.sh\n/t/build.sh'],
  ])('not repository code: %s', (_, body) => {
    const script = `#!/bin/bash\n${body}\n`;
    expect(check(taskWith({ name: 'build', image: IMAGE, workingDir: W, script }))).toEqual([]);
  });
});

describe('task runners and hook managers run what the repository defines', () => {
  test.each([
    ['pre-commit run', 'pre-commit run --all-files'],
    ['invoke', 'invoke build'],
    ['inv', 'inv test'],
    ['mage', 'mage -v build'],
    ['hatch run', 'hatch run test'],
    ['pdm install', 'pdm install'],
    ['rye sync', 'rye sync'],
    ['nx', 'npx nx run app:build'],
    ['nx itself', 'nx affected -t test'],
    ['turbo', 'turbo run build'],
    ['lerna run', 'lerna run build'],
  ])('non-compliant: %s', (_, line) => {
    const script = `#!/bin/sh\n${line}\n`;
    expect(check(taskWith({ name: 'build', image: IMAGE, workingDir: '$(workspaces.source.path)', script }))).toEqual([found('script', line, BUILDS)]);
  });

  test('not repository code: what only lists or reports', () => {
    const script = '#!/bin/sh\npre-commit --version\nhatch version\npdm list\nlerna list\nrye show\n';
    expect(check(taskWith({ name: 'build', image: IMAGE, workingDir: '$(workspaces.source.path)', script }))).toEqual([]);
  });
});

describe('Shipwright: the credentials a Build gives the steps of its strategy', () => {
  /** A strategy whose `bud` step builds the Dockerfile of the cloned source and pushes the image itself. */
  const strategy = (extra: any = {}, steps?: any[]) => ({
    apiVersion: 'shipwright.io/v1beta1',
    kind: 'ClusterBuildStrategy',
    metadata: { name: 'bud-push' },
    spec: {
      parameters: [{ name: 'registry-token', default: '' }],
      steps: steps ?? [
        { name: 'prepare', image: IMAGE, command: ['/bin/sh', '-c', 'mkdir -p /tmp/out'] },
        {
          name: 'bud',
          image: 'registry.example.com/tools/builder@sha256:' + 'd'.repeat(64),
          workingDir: '$(params.shp-source-context)',
          command: ['/bin/bash', '-c'],
          args: ['buildah bud -t "$(params.shp-output-image)" . && buildah push "$(params.shp-output-image)"'],
        },
      ],
      ...extra,
    },
  });
  const build = (spec: any = {}, apiVersion = 'shipwright.io/v1beta1') => ({
    apiVersion,
    kind: 'Build',
    metadata: { name: 'web', namespace: 'ci' },
    spec: {
      source: { type: 'Git', git: { url: 'https://github.com/example/web', cloneSecret: 'git-read' } },
      strategy: { kind: 'ClusterBuildStrategy', name: 'bud-push' },
      output: { image: 'registry.example.com/web', pushSecret: 'registry-push' },
      ...spec,
    },
  });
  const buildRun = (spec: any = {}) => ({
    apiVersion: 'shipwright.io/v1beta1', kind: 'BuildRun', metadata: { name: 'web-1', namespace: 'ci' }, spec: { build: { name: 'web' }, ...spec },
  });
  const secret = (type: string, name = 'registry-push') => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: 'ci' }, type });
  const on = (m: any, ...others: any[]) => CREDENTIALS_WITH_REPO_CODE.check(m, ruleContext([m, ...others]));
  const BUILDS_DOCKERFILE = `is a container build, ${BUILDER}`;
  const PUSH_FIX = 'Use a strategy whose build step writes the image to $(params.shp-output-directory) without pushing it (Shipwright\'s own '
    + 'image-processing step pushes it with the pushSecret mounted into that step alone), and turn creds-init off: `disable-creds-init: "true"` in '
    + "Tekton's feature-flags, which otherwise gives the Secrets of the ServiceAccount to every step.";
  const MAY_PUSH = (field: string) => `${BUILDS_DOCKERFILE}, while it holds the Secret 'registry-push' of ${field}, which is not among the objects `
    + "checked: Shipwright links it to the run's ServiceAccount, and if it is a registry Secret (as Shipwright's documentation makes it: kubectl "
    + "create secret docker-registry), Tekton's creds-init mounts it into every step and writes it into this step's home directory "
    + '(~/.docker/config.json), where code from the repository may read it';

  test('applies to strategies, Builds and BuildRuns', () => {
    expect([strategy(), build(), buildRun()].map((m) => CREDENTIALS_WITH_REPO_CODE.appliesTo(m))).toEqual([true, true, true]);
  });

  test('non-compliant: the pushSecret reaches the step that builds the Dockerfile (the one that runs no repository code is not reported)', () => {
    const b = build();
    expect(on(b, strategy())).toEqual([{
      rule: RuleId.CREDENTIALS_WITH_REPO_CODE,
      kind: 'Build',
      name: 'web',
      location: "strategy ClusterBuildStrategy 'bud-push' step 'bud'",
      target: 'step/bud',
      property: 'command',
      value: '/bin/bash -c buildah bud -t "$(params.shp-output-image)" . && buildah push "$(params.shp-output-image)"',
      problem: `is a container build, ${BUILDER}, while it holds the Secret 'registry-push' of spec.output.pushSecret, which is not among the objects `
        + "checked: Shipwright links it to the run's ServiceAccount, and if it is a registry Secret (as Shipwright's documentation makes it: kubectl "
        + "create secret docker-registry), Tekton's creds-init mounts it into every step and writes it into this step's home directory "
        + '(~/.docker/config.json), where code from the repository may read it',
      fix: PUSH_FIX,
    }]);
    expect(on(b, strategy()).map((f) => f.problem)).toEqual([MAY_PUSH('spec.output.pushSecret')]);
    // a builder image alone is a container build too
    const kaniko = strategy({}, [{ name: 'build-and-push', image: KANIKO, args: ['--context', '$(params.shp-source-context)', '--destination', '$(params.shp-output-image)'] }]);
    expect(on(b, kaniko).map((f) => [f.location, f.property, f.value])).toEqual([["strategy ClusterBuildStrategy 'bud-push' step 'build-and-push'", 'image', 'gcr.io/kaniko-project/executor']]);
  });

  test('the Secret among the objects: its type says whether creds-init takes it', () => {
    expect(on(build(), strategy(), secret('kubernetes.io/dockerconfigjson')).map((f) => f.problem)).toEqual([
      `${BUILDS_DOCKERFILE}, while it holds the Secret 'registry-push' (kubernetes.io/dockerconfigjson) of spec.output.pushSecret: Shipwright links it `
      + "to the run's ServiceAccount, and Tekton's creds-init mounts it into every step and writes it into this step's home directory "
      + '(~/.docker/config.json), where code from the repository can read it',
    ]);
    expect(on(build(), strategy(), secret('Opaque'))).toEqual([]);
  });

  test('compliant: creds-init off, no pushSecret, only a cloneSecret (mounted into the controller\'s source step alone), no step runs repository code', () => {
    const flags = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'feature-flags', namespace: 'tekton-pipelines' }, data: { 'disable-creds-init': 'true' } };
    expect(on(build(), strategy(), flags)).toEqual([]);
    expect(on(build({ output: { image: 'registry.example.com/web' } }), strategy())).toEqual([]);
    expect(on(build(), strategy({}, [{ name: 'push', image: IMAGE, command: ['crane', 'push', '/workspace/output-image', '$(params.shp-output-image)'] }]))).toEqual([]);
    // the strategy is not checked with it: nothing is known of its steps
    expect(on(build())).toEqual([]);
    // s2i only writing a Dockerfile (source-to-image build --as-dockerfile) runs nothing of it; building, it does
    const s2i = (args: string[]) => strategy({}, [{ name: 'generate', image: 'quay.io/openshift-pipeline/s2i@sha256:' + 'a'.repeat(64), command: ['/usr/local/bin/s2i', 'build'], args }]);
    expect(on(build(), s2i(['$(params.shp-source-context)', 'builder-image', '--as-dockerfile', '/gen-source/Dockerfile.gen']))).toEqual([]);
    expect(on(build(), s2i(['$(params.shp-source-context)', 'builder-image', '--as-dockerfile=/gen/Dockerfile']))).toEqual([]);
    expect(on(build(), s2i(['$(params.shp-source-context)', 'builder-image'])).map((f) => [f.property, f.value]))
      .toEqual([['image', 'quay.io/openshift-pipeline/s2i']]);
  });

  test('a BuildRun: its own pushSecret is its finding, the Build\'s is the Build\'s; an embedded Build spec\'s is the BuildRun\'s', () => {
    expect(on(buildRun(), build(), strategy())).toEqual([]);
    // an output without a pushSecret keeps the Build's linked (ApplyCredentials)
    expect(on(buildRun({ output: { image: 'registry.example.com/web:dev' } }), build(), strategy())).toEqual([]);
    expect(on(buildRun({ output: { image: 'registry.example.com/web:dev', pushSecret: 'registry-push' } }), build(), strategy()).map((f) => [f.kind, f.problem]))
      .toEqual([['BuildRun', MAY_PUSH('spec.output.pushSecret')]]);
    const embedded = buildRun({ build: { spec: build().spec } });
    expect(on(embedded, strategy()).map((f) => f.problem)).toEqual([MAY_PUSH('spec.build.spec.output.pushSecret')]);
    // v1alpha1: output.credentials.name
    const alpha = { ...build({ output: { image: 'registry.example.com/web', credentials: { name: 'registry-push' } } }, 'shipwright.io/v1alpha1') };
    expect(on(alpha, strategy()).map((f) => f.problem)).toEqual([MAY_PUSH('spec.output.credentials.name')]);
  });

  test('a secretValue param reaches the steps that name it; a Build env secretKeyRef every step; a Secret given to an overridable volume where mounted', () => {
    const uses = strategy({}, [{
      name: 'bud',
      image: IMAGE,
      workingDir: '$(params.shp-source-root)',
      env: [{ name: 'TOKEN', value: '$(params.registry-token)' }],
      command: ['/bin/sh', '-c', 'make image'],
      volumeMounts: [{ name: 'cache', mountPath: '/var/cache/build' }],
    }]);
    const noPush = { output: { image: 'registry.example.com/web' } };
    const param = build({ ...noPush, paramValues: [{ name: 'registry-token', secretValue: { name: 'tokens', key: 'registry' } }] });
    expect(on(param, uses).map((f) => [f.property, f.value, f.problem, f.fix])).toEqual([[
      'command', '/bin/sh -c make image',
      `${BUILDS}, while it holds the key 'registry' of the Secret 'tokens', which paramValues 'registry-token' gives as its secretValue: Shipwright `
      + 'puts it into the env of this step, which names the param, where code from the repository can read it',
      "Give 'registry-token' no secretValue, or use the param only in a step of the strategy that runs no repository code.",
    ]]);
    const env = build({ ...noPush, env: [{ name: 'NPM_TOKEN', valueFrom: { secretKeyRef: { name: 'npm', key: 'token' } } }] });
    expect(on(env, uses).map((f) => f.problem)).toEqual([
      `${BUILDS}, while it holds the Secret 'npm' in env NPM_TOKEN, which Shipwright adds to every step of the strategy, where code from the repository can read it`,
    ]);
    const overridable = strategy({ volumes: [{ name: 'cache', overridable: true, emptyDir: {} }] }, uses.spec.steps);
    const volume = buildRun({ volumes: [{ name: 'cache', secret: { secretName: 'cache-creds' } }] });
    expect(on(volume, build(noPush), overridable).map((f) => [f.kind, f.problem])).toEqual([['BuildRun',
      `${BUILDS}, while it holds the Secret 'cache-creds', which the BuildRun gives the overridable volume 'cache', mounted at /var/cache/build, `
      + 'where code from the repository can read it']]);
  });

  describe("the Secrets of a BuildRun's ServiceAccount, and a pushSecret Shipwright leaves linked to a shared one", () => {
    const noPush = { output: { image: 'registry.example.com/web' } };
    const account = (name: string, secrets: string[] = []) => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: 'ci' }, secrets: secrets.map((n) => ({ name: n })) });
    const gitSecret = { ...secret('kubernetes.io/basic-auth', 'git-creds'), metadata: { name: 'git-creds', namespace: 'ci', annotations: { 'tekton.dev/git-0': 'https://github.com' } } };
    const OFF = "or turn creds-init off: `disable-creds-init: \"true\"` in Tekton's feature-flags, which otherwise gives the Secrets of the ServiceAccount to every step.";
    const OWN = 'Run the BuildRun as an account of its own (spec.serviceAccount: ".generate": Shipwright creates one with no Secret but the run\'s pushSecret and '
      + 'deletes it after the run)';
    const SA_FIX = `${OWN}, or remove the Secret 'git-creds' from the \`secrets:\` of ServiceAccount 'builder', ${OFF}`;

    test('non-compliant: the Secrets creds-init takes from the account a BuildRun runs as reach its build step', () => {
      const run = buildRun({ serviceAccount: 'builder' });
      expect(on(run, build(noPush), strategy(), account('builder', ['git-creds']), gitSecret)).toEqual([{
        rule: RuleId.CREDENTIALS_WITH_REPO_CODE,
        kind: 'BuildRun',
        name: 'web-1',
        location: "strategy ClusterBuildStrategy 'bud-push' step 'bud'",
        target: 'step/bud',
        property: 'command',
        value: '/bin/bash -c buildah bud -t "$(params.shp-output-image)" . && buildah push "$(params.shp-output-image)"',
        problem: `${BUILDS_DOCKERFILE}, while it holds the credentials of its ServiceAccount: the BuildRun runs as ServiceAccount 'builder' (spec.serviceAccount), `
          + "whose `secrets:` list the Secret 'git-creds' (kubernetes.io/basic-auth): Tekton's creds-init mounts it into every step and writes it into this "
          + "step's home directory (~/.git-credentials, ~/.gitconfig), where code from the repository can read it",
        fix: SA_FIX,
      }]);
      // unset: the namespace's pipeline account when it is among the objects, else default
      expect(on(buildRun(), build(noPush), strategy(), account('default', ['git-creds']), gitSecret).map((f) => f.problem)).toEqual([
        `${BUILDS_DOCKERFILE}, while it holds the credentials of its ServiceAccount: the BuildRun runs as the namespace's ServiceAccount 'default' (spec.serviceAccount `
        + "is unset, and no ServiceAccount 'pipeline' is among the objects checked: Shipwright runs it as 'pipeline' where the namespace has one, as the Tekton "
        + "operator on OpenShift makes in each namespace unless TektonConfig's createRbacResource param is \"false\"), whose `secrets:` list the Secret 'git-creds' (kubernetes.io/basic-auth): Tekton's creds-init mounts it into every step and writes it "
        + "into this step's home directory (~/.git-credentials, ~/.gitconfig), where code from the repository can read it",
      ]);
      expect(on(buildRun(), build(noPush), strategy(), account('default', ['git-creds']), account('pipeline'), gitSecret)).toEqual([]);
      // a generated account is new; one of the BuildRun's name that exists already is run as it is, the pushSecret not linked to it
      expect(on(buildRun({ serviceAccount: '.generate' }), build(noPush), strategy(), account('builder', ['git-creds']), gitSecret)).toEqual([]);
      expect(on(buildRun({ serviceAccount: '.generate', output: { image: 'registry.example.com/web', pushSecret: 'registry-push' } }), build(noPush), strategy(),
        account('web-1', ['git-creds']), gitSecret).map((f) => f.problem)).toEqual([
        `${BUILDS_DOCKERFILE}, while it holds the credentials of its ServiceAccount: the BuildRun runs as ServiceAccount 'web-1', which exists already `
        + "(spec.serviceAccount makes a new one only if not), whose `secrets:` list the Secret 'git-creds' (kubernetes.io/basic-auth): Tekton's creds-init "
        + "mounts it into every step and writes it into this step's home directory (~/.git-credentials, ~/.gitconfig), where code from the repository can read it",
      ]);
      expect(on(buildRun({ serviceAccount: '.generate' }), build(noPush), strategy(), account('web-1', ['git-creds']), gitSecret).map((f) => f.fix)).toEqual([
        "Delete ServiceAccount 'web-1' (with spec.serviceAccount: \".generate\" Shipwright runs the BuildRun as an account of its name that exists; without "
        + "one, Shipwright creates one with no Secret but the run's pushSecret and deletes it after the run), or remove the Secret 'git-creds' from its "
        + `\`secrets:\`, ${OFF}`,
      ]);
      // v1alpha1: generate: true, or name ".generate" (the conversion reads both), each named as written
      const alphaRun = (serviceAccount: any) => ({ ...buildRun(), apiVersion: 'shipwright.io/v1alpha1', spec: { buildRef: { name: 'web' }, serviceAccount } });
      expect([{ generate: true }, { name: '.generate' }].map((sa) => on(alphaRun(sa), build(noPush), strategy(), account('web-1', ['git-creds']), gitSecret)
        .map((f) => /\((spec[^ ]*) makes a new one/.exec(f.problem)?.[1]))).toEqual([['spec.serviceAccount.generate'], ['spec.serviceAccount.name']]);
      // a new generated account: another BuildRun that names it links nothing that outlives it
      const naming = { ...buildRun({ serviceAccount: 'web-1', output: { image: 'registry.example.com/web', pushSecret: 'registry-push' } }), metadata: { name: 'web-0', namespace: 'ci' } };
      expect(on(buildRun({ serviceAccount: '.generate' }), naming, build(noPush), strategy())).toEqual([]);
      // creds-init off, a Secret creds-init does not take
      const flags = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'feature-flags', namespace: 'tekton-pipelines' }, data: { 'disable-creds-init': 'true' } };
      expect(on(run, build(noPush), strategy(), account('builder', ['git-creds']), gitSecret, flags)).toEqual([]);
      expect(on(run, build(noPush), strategy(), account('builder', ['opaque']), secret('Opaque', 'opaque'))).toEqual([]);
    });

    test('non-compliant: a pushSecret a BuildRun links to a shared account stays there for the TaskRuns and BuildRuns that run as it later', () => {
      const pushing = buildRun({ serviceAccount: 'shared', output: { image: 'registry.example.com/web', pushSecret: 'registry-push' } });
      const taskRun = {
        apiVersion: 'tekton.dev/v1',
        kind: 'TaskRun',
        metadata: { name: 'lint', namespace: 'ci' },
        spec: {
          serviceAccountName: 'shared',
          workspaces: [{ name: 'source', emptyDir: {} }],
          taskSpec: { workspaces: [{ name: 'source' }], steps: [{ name: 'lint', image: IMAGE, workingDir: '$(workspaces.source.path)', script: 'make lint' }] },
        },
      };
      expect(CREDENTIALS_WITH_REPO_CODE.check(taskRun, ruleContext([taskRun, pushing, build(noPush), strategy(), secret('kubernetes.io/dockerconfigjson')]))).toEqual([{
        rule: RuleId.CREDENTIALS_WITH_REPO_CODE,
        kind: 'TaskRun',
        name: 'lint',
        location: "step 'lint'",
        target: 'step/lint',
        property: 'script',
        value: 'make lint',
        problem: `${BUILDS}, while the task runs as ServiceAccount 'shared', to whose \`secrets:\` Shipwright links the Secret 'registry-push', the pushSecret `
          + "of BuildRun 'web-1' (spec.output.pushSecret), and leaves it there after that run (kubernetes.io/dockerconfigjson): Tekton's creds-init mounts it "
          + "into every step and writes it into this step's home directory (~/.docker/config.json), where code from the repository can read it",
        fix: "Run BuildRun 'web-1' as a ServiceAccount of its own (spec.serviceAccount: \".generate\": Shipwright creates one for the run and deletes it, with "
          + "the pushSecret, after it) and remove the Secret 'registry-push' from the `secrets:` of ServiceAccount 'shared', where Shipwright left it, or turn creds-init "
          + "off: `disable-creds-init: \"true\"` in Tekton's feature-flags (TektonFeatureFlags writes it).",
      }]);
      // a later BuildRun as the same account (its own Build's pushSecret aside)
      const later = { ...buildRun({ serviceAccount: 'shared' }), metadata: { name: 'web-2', namespace: 'ci' } };
      expect(on(later, pushing, build(noPush), strategy()).map((f) => f.problem)).toEqual([
        `${BUILDS_DOCKERFILE}, while it holds the credentials of its ServiceAccount: the BuildRun runs as ServiceAccount 'shared' (spec.serviceAccount), to whose `
        + "`secrets:` Shipwright links the Secret 'registry-push', the pushSecret of BuildRun 'web-1' (spec.output.pushSecret), and leaves it there after that "
        + 'run, which is not among the objects checked: if it is a registry Secret, or a basic-auth or SSH Secret with the `tekton.dev/…` annotation '
        + "creds-init reads, Tekton's creds-init mounts it into every step and writes it into this step's home directory, where code from the repository may read it",
      ]);
      expect(on(later, pushing, build(noPush), strategy()).map((f) => f.fix)).toEqual([
        `${OWN}, or run BuildRun 'web-1' as one of its own too (it links the Secret 'registry-push' to ServiceAccount 'shared' again at each run) and remove the Secret from `
        + `that account's \`secrets:\`, ${OFF}`,
      ]);
      // the Build's pushSecret, linked by a BuildRun of it that runs as the namespace's default account
      const byBuild = buildRun();
      const defaultRun = { ...taskRun, spec: { ...taskRun.spec, serviceAccountName: undefined } };
      expect(CREDENTIALS_WITH_REPO_CODE.check(defaultRun, ruleContext([defaultRun, byBuild, build(), strategy()])).map((f) => f.problem)).toEqual([
        `${BUILDS}, while the task runs as ServiceAccount 'default', to whose \`secrets:\` Shipwright links the Secret 'registry-push', the pushSecret of BuildRun `
        + "'web-1' (its Build's spec.output.pushSecret; it names no ServiceAccount, and no ServiceAccount 'pipeline' is among the objects checked: Shipwright runs it as 'pipeline' where the namespace has one, as the Tekton "
        + "operator on OpenShift makes in each namespace unless TektonConfig's createRbacResource param is \"false\"), and leaves it there after that run, which is not among the objects checked: if it is a registry "
        + "Secret, or a basic-auth or SSH Secret with the `tekton.dev/…` annotation creds-init reads, Tekton's creds-init mounts it into every step and writes "
        + "it into this step's home directory, where code from the repository may read it",
      ]);
      // a generated account is deleted with its BuildRun, the link with it; another namespace's BuildRun links nothing here
      const generated = buildRun({ serviceAccount: '.generate', output: { image: 'registry.example.com/web', pushSecret: 'registry-push' } });
      expect(CREDENTIALS_WITH_REPO_CODE.check(taskRun, ruleContext([taskRun, generated, build(noPush), strategy()]))).toEqual([]);
      const elsewhere = { ...pushing, metadata: { name: 'web-1', namespace: 'other' } };
      expect(CREDENTIALS_WITH_REPO_CODE.check(taskRun, ruleContext([taskRun, elsewhere, build(noPush), strategy()]))).toEqual([]);
    });

    test('compliant: a BuildRun the controller fails before it reads its ServiceAccount links no pushSecret to it', () => {
      const taskRun = {
        apiVersion: 'tekton.dev/v1',
        kind: 'TaskRun',
        metadata: { name: 'lint', namespace: 'ci' },
        spec: {
          serviceAccountName: 'shared',
          workspaces: [{ name: 'source', emptyDir: {} }],
          taskSpec: { workspaces: [{ name: 'source' }], steps: [{ name: 'lint', image: IMAGE, workingDir: '$(workspaces.source.path)', script: 'make lint' }] },
        },
      };
      const output = { image: 'registry.example.com/web', pushSecret: 'registry-push' };
      const embedded = { source: { type: 'Git', git: { url: 'https://github.com/example/web' } }, strategy: { kind: 'ClusterBuildStrategy', name: 'bud-push' }, output };
      const alphaOutput = { image: 'registry.example.com/web', credentials: { name: 'registry-push' } };
      const alphaSpec = { source: { url: 'https://github.com/example/web' }, strategy: { kind: 'ClusterBuildStrategy', name: 'bud-push' }, output: alphaOutput };
      const run = (spec: any, apiVersion = 'shipwright.io/v1beta1', name = 'web-1') => ({ apiVersion, kind: 'BuildRun', metadata: { name, namespace: 'ci' }, spec });
      const links = (r: any) => CREDENTIALS_WITH_REPO_CODE.check(taskRun, ruleContext([taskRun, r, build(noPush), strategy()])).length;
      // validate.go BuildRunFields: an embedded Build spec with an override, no Build at all, or both; a name no label value can hold
      expect([
        run({ serviceAccount: 'shared', build: { spec: embedded }, output }),
        run({ serviceAccount: 'shared', build: { spec: embedded }, timeout: '10m' }),
        run({ serviceAccount: 'shared', build: { spec: embedded }, paramValues: [{ name: 'a', value: 'b' }] }),
        run({ serviceAccount: 'shared', build: { spec: { ...embedded, trigger: { when: [] } } } }),
        run({ serviceAccount: 'shared', output }),
        run({ serviceAccount: 'shared', build: { name: 'web', spec: embedded } }),
        run({ serviceAccount: { name: 'shared' }, buildSpec: alphaSpec, output: alphaOutput }, 'shipwright.io/v1alpha1'),
        run({ serviceAccount: 'shared', build: { name: 'web' }, output }, 'shipwright.io/v1beta1', `web-${'1'.repeat(60)}`),
      ].map(links)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
      // a Build spec is read in its own version, whichever a BuildRun naming it is written in
      const alphaBuild = { apiVersion: 'shipwright.io/v1alpha1', kind: 'Build', metadata: { name: 'web', namespace: 'ci' }, spec: alphaSpec };
      const mixed = (r: any, b: any) => CREDENTIALS_WITH_REPO_CODE.check(taskRun, ruleContext([taskRun, r, b, strategy()])).map((f) => f.problem);
      const linked = `${BUILDS}, while the task runs as ServiceAccount 'shared', to whose \`secrets:\` Shipwright links the Secret 'registry-push', the `
        + "pushSecret of BuildRun 'web-1' (its Build's spec.%s), and leaves it there after that run, which is not among the objects checked: if it is a "
        + "registry Secret, or a basic-auth or SSH Secret with the `tekton.dev/…` annotation creds-init reads, Tekton's creds-init mounts it into every "
        + "step and writes it into this step's home directory, where code from the repository may read it";
      expect(mixed(run({ serviceAccount: 'shared', build: { name: 'web' } }), alphaBuild)).toEqual([linked.replace('%s', 'output.credentials.name')]);
      expect(mixed(run({ serviceAccount: { name: 'shared' }, buildRef: { name: 'web' } }, 'shipwright.io/v1alpha1'), build())).toEqual([linked.replace('%s', 'output.pushSecret')]);
      // the same BuildRuns the controller runs do link it
      expect([
        run({ serviceAccount: 'shared', build: { spec: embedded } }),
        run({ serviceAccount: 'shared', build: { spec: embedded }, output: null, paramValues: [], timeout: null }),
        run({ serviceAccount: 'shared', build: { name: 'web' }, output }),
        run({ serviceAccount: { name: 'shared' }, buildSpec: alphaSpec }, 'shipwright.io/v1alpha1'),
      ].map(links)).toEqual([1, 1, 1, 1]);
      // a Build the controller does not register (a param its strategy does not declare): its BuildRun fails before it reads the account
      const unregistered = { ...build(noPush), spec: { ...build(noPush).spec, paramValues: [{ name: 'registry-tokn', value: 'x' }] } };
      const named = run({ serviceAccount: 'shared', build: { name: 'web' }, output });
      expect(CREDENTIALS_WITH_REPO_CODE.check(taskRun, ruleContext([taskRun, named, unregistered, strategy()]))).toEqual([]);
      expect(links(run({ serviceAccount: 'shared', build: { spec: { ...embedded, volumes: [{ name: 'cache', emptyDir: {} }] } } }))).toBe(0);
      // one the controller fails after it linked the pushSecret (a param the BuildRun gives that the strategy does not declare) leaves it there
      expect(links(run({ serviceAccount: 'shared', build: { name: 'web' }, output, paramValues: [{ name: 'registry-tokn', value: 'x' }] }))).toBe(1);
    });
  });

  test("the strategy's own Secrets: a step that reads one and runs repository code is the strategy's finding", () => {
    const own = strategy({ volumes: [{ name: 'auth', secret: { secretName: 'registry-auth' } }] }, [{
      name: 'build',
      image: IMAGE,
      command: ['/cnb/lifecycle/builder', '-app=$(params.shp-source-context)'],
      volumeMounts: [{ name: 'auth', mountPath: '/auth' }],
    }]);
    expect(on(own)).toEqual([{
      rule: RuleId.CREDENTIALS_WITH_REPO_CODE,
      kind: 'ClusterBuildStrategy',
      name: 'bud-push',
      location: "step 'build'",
      target: 'step/build',
      property: 'command',
      value: '/cnb/lifecycle/builder -app=/workspace/source',
      problem: `is a container build (/cnb/lifecycle/builder), ${BUILDER}, in a step that reads the Secret 'registry-auth' mounted at /auth: code from `
        + 'the repository can read it',
      fix: 'Give the Secret to a step of its own that runs no repository code (a separate push step reading the image from '
        + '$(params.shp-output-directory) or a volume), or let Shipwright push: write the image to $(params.shp-output-directory) and set the '
        + "Build's output.pushSecret, which its own image-processing step mounts.",
    }]);
    // not reported again on the Build
    expect(on(build({ output: { image: 'registry.example.com/web' } }), own)).toEqual([]);
  });

  test('unnamed steps are named unnamed-<index>, as Tekton names their containers: each reported apart, the writer named so', () => {
    const GIT_PASSWORD = { name: 'GIT_PASSWORD', valueFrom: { secretKeyRef: { name: 'git-credentials', key: 'password' } } };
    const clone = 'git clone https://bot:${GIT_PASSWORD}@github.com/o/r.git $(workspaces.source.path)';
    const fetchStep = { image: IMAGE, env: [GIT_PASSWORD], script: `#!/bin/sh\n${clone}\n` };
    const make = { name: '', image: IMAGE, workingDir: '$(workspaces.source.path)', script: '#!/bin/sh\nmake\n' };
    const t = { ...taskWith(), spec: { workspaces: [{ name: 'source' }], steps: [fetchStep, make, make] } };
    const left = (i: number) => [`step 'unnamed-${i}'`, `step/unnamed-${i}`, 'script', 'make', `${BUILDS}, where step 'unnamed-0' writes the remote URL `
      + `of 'origin' holding $GIT_PASSWORD (the Secret 'git-credentials') into $(workspaces.source.path)/.git/config (\`${clone}\`): code from the `
      + 'repository can read the credential in that file'];
    expect(CREDENTIALS_WITH_REPO_CODE.check(t).map((f) => [f.location, f.target, f.property, f.value, f.problem])).toEqual([left(1), left(2)]);
    expect(CREDENTIALS_WITH_REPO_CODE.check(t).map((f) => f.fix)).toEqual([1, 2].map((i) => 'Keep the credentials out of the remote URL: in '
      + "step 'unnamed-0', give them to git for that command alone (git -c http.extraHeader=\"Authorization: Basic <base64 of user:token>\" clone "
      + '<URL without credentials>, which git does not store), or through a credential helper that reads the Secret\'s mounted file, or run '
      + `\`git remote set-url origin <URL without credentials>\` in the repository right after that command, before step 'unnamed-${i}' runs.`));
    // in a task that holds a credentials workspace
    const builds = { image: IMAGE, script: '#!/bin/sh\nmake\n' };
    expect(check(taskWith(builds, { ...builds, name: '' }))).toEqual([found('script', 'make', BUILDS, 'unnamed-0'), found('script', 'make', BUILDS, 'unnamed-1')]);
  });

  test('non-compliant: a credential an earlier step or task left in a workspace (persisted-credentials.ts), once per step', () => {
    const GIT_PASSWORD = { name: 'GIT_PASSWORD', valueFrom: { secretKeyRef: { name: 'git-credentials', key: 'password' } } };
    const clone = 'git clone https://bot:${GIT_PASSWORD}@github.com/o/r.git $(workspaces.source.path)';
    const fetchStep = { name: 'fetch', image: IMAGE, env: [GIT_PASSWORD], script: `#!/bin/sh\n${clone}\n` };
    const make = { name: 'build', image: IMAGE, workingDir: '$(workspaces.source.path)', script: '#!/bin/sh\nmake\n' };
    const t = { ...taskWith(fetchStep, make), spec: { workspaces: [{ name: 'source' }], steps: [fetchStep, make] } };
    expect(CREDENTIALS_WITH_REPO_CODE.check(t).map((f) => [f.location, f.target, f.property, f.value, f.problem])).toEqual([[
      "step 'build'", 'step/build', 'script', 'make', `${BUILDS}, where step 'fetch' writes the remote URL of 'origin' holding $GIT_PASSWORD (the Secret `
        + `'git-credentials') into $(workspaces.source.path)/.git/config (\`${clone}\`): code from the repository can read the credential in that file`,
    ]]);
    // a later step that reads a Secret itself is reported for that alone
    const own = { ...make, env: [{ name: 'NPM_TOKEN', valueFrom: { secretKeyRef: { name: 'npm', key: 't' } } }] };
    expect(CREDENTIALS_WITH_REPO_CODE.check({ ...t, spec: { ...t.spec, steps: [fetchStep, own] } }).map((f) => f.problem))
      .toEqual([`${BUILDS}, in a step that reads the Secret 'npm' in env NPM_TOKEN: code from the repository can read it`]);
    // in a pipeline: a later task that binds the same workspace, its Task checked together
    const fetchTask = { ...t, metadata: { name: 'fetch', namespace: 'ci' }, spec: { workspaces: [{ name: 'source' }], steps: [fetchStep] } };
    const buildTask = { ...t, metadata: { name: 'build', namespace: 'ci' }, spec: { workspaces: [{ name: 'source' }], steps: [make] } };
    const p = {
      apiVersion: 'tekton.dev/v1',
      kind: 'Pipeline',
      metadata: { name: 'p', namespace: 'ci' },
      spec: {
        workspaces: [{ name: 'src' }],
        tasks: [{ name: 'fetch', taskRef: { name: 'fetch' }, workspaces: [{ name: 'source', workspace: 'src' }] },
          { name: 'build', runAfter: ['fetch'], taskRef: { name: 'build' }, workspaces: [{ name: 'source', workspace: 'src' }] }],
      },
    };
    expect(CREDENTIALS_WITH_REPO_CODE.check(p, ruleContext([p, fetchTask, buildTask])).map((f) => [f.location, f.target, f.value])).toEqual([
      ["task 'build' step 'build'", 'task/build', 'make'],
    ]);
    // an envFrom of a Secret not among the objects: a Secret by its kind, the variable it may give written under HOME at /tekton/home
    const npmrc = 'npm config set //registry.npmjs.org/:_authToken "$NPM_TOKEN"';
    const envFrom = { name: 'login', image: IMAGE, env: [{ name: 'HOME', value: '/tekton/home' }], envFrom: [{ secretRef: { name: 'npm' } }], script: `#!/bin/sh\n${npmrc}\n` };
    const npm = { ...make, script: '#!/bin/sh\nnpm ci\n' };
    const fromEnv = { ...t, spec: { workspaces: [{ name: 'source' }], steps: [envFrom, npm] } };
    expect(CREDENTIALS_WITH_REPO_CODE.check(fromEnv).map((f) => [f.location, f.value, f.problem])).toEqual([[
      "step 'build'", 'npm ci', `${BUILDS}, where step 'login' writes $NPM_TOKEN (a key the Secret 'npm' may give through envFrom, not among the objects), which `
        + "`npm config set` stores (the step's HOME is /tekton/home) into /tekton/home/.npmrc (`" + npmrc + '`): code from the repository can read the credential in that file',
    ]]);
  });
});

describe('code a param gives, as Tekton writes its value into the script, command or args', () => {
  /** A Pipeline whose task binds `cred` and runs `$(params.buildCommand)` in an embedded spec (`script`: the step's script). */
  const pipelineOf = (pipelineDefault: string | undefined, script = '#!/bin/sh\n$(params.buildCommand)\n', taskParams: any[] = []) => ({
    apiVersion: 'tekton.dev/v1',
    kind: 'Pipeline',
    metadata: { name: 'p', namespace: 'ci' },
    spec: {
      params: [{ name: 'buildCommand', ...pipelineDefault === undefined ? {} : { default: pipelineDefault } }],
      workspaces: [{ name: 'source' }, { name: 'cred' }],
      tasks: [{
        name: 'build',
        params: taskParams,
        workspaces: [{ name: 'source' }, { name: 'cred' }],
        taskSpec: {
          params: [{ name: 'buildCommand', default: '$(params.buildCommand)' }],
          workspaces: [{ name: 'source' }, { name: 'cred' }],
          steps: [{ name: 'build', image: IMAGE, workingDir: '$(workspaces.source.path)/repo', script }],
        },
      }],
    },
  });
  /** A PipelineRun of `p` that binds `cred` to a Secret and passes `params`. */
  const runOf = (params: any[]) => ({
    apiVersion: 'tekton.dev/v1',
    kind: 'PipelineRun',
    metadata: { name: 'r', namespace: 'ci' },
    spec: { pipelineRef: { name: 'p' }, params, workspaces: [{ name: 'cred', secret: { secretName: 'gcs-cred' } }, { name: 'source', emptyDir: {} }] },
  });
  const judged = (m: any, ...more: any[]) => CREDENTIALS_WITH_REPO_CODE.check(m, ruleContext([m, ...more]))
    .map((f) => [f.location, f.property, f.value, f.problem]);
  const CRED = "in a task that holds the credentials workspace 'cred': code from the repository can read the credentials";

  test("non-compliant: the pipeline's default, or the run's value where the pipeline has none, is a build", () => {
    expect(judged(pipelineOf('go build -v .'), runOf([{ name: 'buildCommand', value: 'go build -v ./' }]))).toEqual([[
      "task 'build' step 'build'", 'script', 'go build -v .',
      `${BUILDS} (the script's $(params.buildCommand) is the pipeline's default of "buildCommand", "go build -v .", which Tekton puts in place of the param `
      + "in the embedded taskSpec of pipeline task 'build', unless its PipelineRun passes another value for it), " + CRED,
    ]]);
    // a default that builds nothing: the value the run passes
    expect(judged(pipelineOf('echo ready'), runOf([{ name: 'buildCommand', value: 'go build -v ./' }])).map((f) => f[2])).toEqual(['go build -v ./']);
    // no default: the value the run passes
    expect(judged(pipelineOf(undefined), runOf([{ name: 'buildCommand', value: 'go build -v ./' }]))).toEqual([[
      "task 'build' step 'build'", 'script', 'go build -v ./',
      `${BUILDS} (the script's $(params.buildCommand) is the value PipelineRun 'r' passes for "buildCommand", "go build -v ./", which Tekton puts in place `
      + "of the param in the embedded taskSpec of pipeline task 'build'), " + CRED,
    ]]);
    // the pipeline task's own value, in the script and in sh -c's code
    expect(judged(pipelineOf(undefined, undefined, [{ name: 'buildCommand', value: 'make' }]), runOf([]))).toEqual([[
      "task 'build' step 'build'", 'script', 'make',
      `${BUILDS} (the script's $(params.buildCommand) is the value pipeline task 'build' passes for "buildCommand", "make"), ${CRED}`,
    ]]);
    const command = pipelineOf(undefined, '', [{ name: 'buildCommand', value: 'make all' }]);
    command.spec.tasks[0].taskSpec.steps = [{ name: 'build', image: IMAGE, workingDir: '$(workspaces.source.path)', command: ['sh', '-c', '$(params.buildCommand)'] } as any];
    expect(judged(command, runOf([]))).toEqual([[
      "task 'build' step 'build'", 'command', 'sh -c make all',
      `${BUILDS} (the command's $(params.buildCommand) is the value pipeline task 'build' passes for "buildCommand", "make all"), ${CRED}`,
    ]]);
  });

  test('non-compliant: a Task alone whose step reads a Secret runs its default', () => {
    const task = {
      apiVersion: 'tekton.dev/v1',
      kind: 'Task',
      metadata: { name: 'build', namespace: 'ci' },
      spec: {
        params: [{ name: 'cmd', default: 'make all' }],
        steps: [{
          name: 'build',
          image: IMAGE,
          workingDir: '/workspace/src',
          script: '#!/bin/sh\n$(params.cmd)\n',
          env: [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'github', key: 'token' } } }],
        }],
      },
    };
    expect(judged(task)).toEqual([[
      "step 'build'", 'script', 'make all',
      `${BUILDS} (the script's $(params.cmd) is the task's default of "cmd", "make all", unless its caller passes another value for it), `
      + "in a step that reads the Secret 'github' in env TOKEN: code from the repository can read it",
    ]]);
  });

  test('compliant: a value that runs nothing of the repository, a value not known, a value the run gives that is no build', () => {
    expect(judged(pipelineOf('echo ready'), runOf([]))).toEqual([]);
    expect(judged(pipelineOf(undefined), runOf([]))).toEqual([]);
    expect(judged(pipelineOf(undefined), runOf([{ name: 'buildCommand', value: 'gsutil ls' }]))).toEqual([]);
    // an array param's elements are not read
    expect(judged(pipelineOf('make', '#!/bin/sh\n$(params.buildCommand[*])\n'), runOf([]))).toEqual([]);
  });
});

describe('scripts a step writes from a literal and then runs (written-scripts.ts)', () => {
  const b64 = (text: string) => Buffer.from(text).toString('base64');
  const decode = (text: string, file: string) => `printf '%s' "${b64(text)}" | base64 -d > "${file}"`;
  const said = (text: string, file: string) => `printf '%s' "${b64(text).slice(0, 12)}…" | base64 -d > "${file}"`;
  // as OpenShift Pipelines' task-git-cli: a decoded common.sh defines copy_or_fail, a decoded prepare.sh sources it from its own
  // directory and copies the basic-auth workspace's files into the home volume through it
  const common = '#!/usr/bin/env sh\nexport PARAMS_USER_HOME="${PARAMS_USER_HOME:-}"\n'
    + 'copy_or_fail() {\n    local _mode="${1}"\n    local _src="${2}"\n    local _dst="${3}"\n'
    + '    if [[ -d "${_src}" ]]; then\n        cp -Rv ${_src} ${_dst}\n    else\n        install --verbose --mode=${_mode} ${_src} ${_dst}\n    fi\n}\n';
  const prepare = (body: string) => '#!/usr/bin/env sh\nset -eu\nsource $(CDPATH= cd -- "$(dirname -- ${0})" && pwd)/common.sh\n'
    + `if [[ "\${WORKSPACES_BASIC_AUTH_BOUND}" == "true" ]]; then\n\tfor f in .git-credentials .gitconfig; do\n${body}\tdone\nfi\n`;
  const copies = '\t\tsrc="${WORKSPACES_BASIC_AUTH_PATH}/${f}"\n\t\tcopy_or_fail 400 ${src} "${PARAMS_USER_HOME}/"\n';
  // (the basic-auth credentials as a Secret volume the first step mounts: the later step holds none itself)
  const gitCli = (body: string, run = '/scripts/prepare.sh') => ({
    apiVersion: 'tekton.dev/v1',
    kind: 'Task',
    metadata: { name: 'git-cli', namespace: 'ci' },
    spec: {
      params: [{ name: 'USER_HOME', default: '/home/git' }],
      workspaces: [{ name: 'source' }],
      volumes: [{ name: 'user-home', emptyDir: {} }, { name: 'scripts-dir', emptyDir: {} }, { name: 'basic-auth', secret: { secretName: 'git-auth' } }],
      stepTemplate: {
        env: [{ name: 'PARAMS_USER_HOME', value: '$(params.USER_HOME)' }, { name: 'WORKSPACES_BASIC_AUTH_BOUND', value: 'true' },
          { name: 'WORKSPACES_BASIC_AUTH_PATH', value: '/basic-auth' }],
      },
      steps: [{
        name: 'prepare-and-run',
        image: IMAGE,
        workingDir: '$(workspaces.source.path)',
        script: `set -e\n${decode(common, '/scripts/common.sh')}\n${decode(prepare(body), '/scripts/prepare.sh')}\nchmod +x /scripts/*.sh\n${run}\n`,
        volumeMounts: [{ name: 'scripts-dir', mountPath: '/scripts' }, { name: 'user-home', mountPath: '$(params.USER_HOME)' },
          { name: 'basic-auth', mountPath: '/basic-auth' }],
      }, {
        name: 'build',
        image: IMAGE,
        workingDir: '$(workspaces.source.path)',
        script: '#!/bin/sh\nmake\n',
        volumeMounts: [{ name: 'user-home', mountPath: '$(params.USER_HOME)' }],
      }],
    },
  });
  const judged = (m: any) => CREDENTIALS_WITH_REPO_CODE.check(m, ruleContext([m])).map((f) => [f.location, f.property, f.value, f.problem, f.fix]);

  test('non-compliant: a decoded script copies a credentials workspace\'s files into a volume through a function of a decoded file it sources', () => {
    expect(judged(gitCli(copies))).toEqual([[
      "step 'build'", 'script', 'make',
      `${BUILDS}, where step 'prepare-and-run' writes /basic-auth/\${f} (the Secret 'git-auth') into `
        + '$(params.USER_HOME)/${f} (`cp -Rv ${_src} ${_dst}`, in the function copy_or_fail (`copy_or_fail 400 ${src} "${PARAMS_USER_HOME}/"`), '
        + `in /scripts/prepare.sh, which the step's script decodes from a base64 literal (\`${said(prepare(copies), '/scripts/prepare.sh')}\`) and runs `
        + '(`/scripts/prepare.sh`)): code from the repository can read the credential in that file',
      "Write the credential outside the workspaces and shared volumes (into a directory in the container of step 'prepare-and-run' that no volume "
        + "covers, which later steps do not see), or read it where it is needed from the Secret's mounted file, or `rm $(params.USER_HOME)/${f}` "
        + "before step 'build' runs.",
    ]]);
  });

  test('compliant: a written script that persists no credential, or that the step never runs', () => {
    // it copies the files into /tmp, which no volume covers (later steps do not see it)
    expect(judged(gitCli('\t\tcopy_or_fail 400 "${WORKSPACES_BASIC_AUTH_PATH}/${f}" /tmp/\n'))).toEqual([]);
    // it copies a file of the source workspace, no credential
    expect(judged(gitCli('\t\tcopy_or_fail 400 "$(workspaces.source.path)/${f}" "${PARAMS_USER_HOME}/"\n'))).toEqual([]);
    // the Secret's files copied into a volume no later step mounts
    const alone = gitCli(copies);
    alone.spec.steps[1].volumeMounts = [];
    expect(judged(alone)).toEqual([]);
    // written, never run
    expect(judged(gitCli(copies, 'echo ready'))).toEqual([]);
    // a task that holds the credentials as a workspace: the scripts it writes and runs (sourcing common.sh from their own directory,
    // `$(dirname -- ${0})`, a file the step wrote) run nothing of the repository
    const spec = gitCli(copies).spec;
    const held = {
      apiVersion: 'tekton.dev/v1',
      kind: 'TaskRun',
      metadata: { name: 'git-cli-run', namespace: 'ci' },
      spec: {
        workspaces: [{ name: 'basic-auth', secret: { secretName: 'git-auth' } }, { name: 'source', emptyDir: {} }],
        taskSpec: { ...spec, workspaces: [{ name: 'source' }, { name: 'basic-auth' }], steps: [spec.steps[0]] },
      },
    };
    expect(judged(held)).toEqual([]);
  });

  test('non-compliant: a script an earlier step writes into a shared volume, which a later step runs', () => {
    const persist = "cat > /scripts/persist.sh <<'EOF'\n#!/bin/sh\necho \"$NPM_TOKEN\" > $(workspaces.source.path)/.npmrc\nEOF";
    const t = {
      apiVersion: 'tekton.dev/v1',
      kind: 'Task',
      metadata: { name: 'npm', namespace: 'ci' },
      spec: {
        workspaces: [{ name: 'source' }],
        volumes: [{ name: 'scripts', emptyDir: {} }],
        steps: [
          { name: 'write', image: IMAGE, script: `#!/bin/sh\n${persist}\n`, volumeMounts: [{ name: 'scripts', mountPath: '/scripts' }] },
          {
            name: 'login',
            image: IMAGE,
            script: '#!/bin/sh\nsh /scripts/persist.sh\n',
            volumeMounts: [{ name: 'scripts', mountPath: '/scripts' }],
            env: [{ name: 'NPM_TOKEN', valueFrom: { secretKeyRef: { name: 'npm', key: 'token' } } }],
          },
          { name: 'build', image: IMAGE, workingDir: '$(workspaces.source.path)', script: '#!/bin/sh\nnpm ci\n' },
        ],
      },
    };
    expect(judged(t).map((f) => f.slice(0, 4))).toEqual([[
      "step 'build'", 'script', 'npm ci',
      `${BUILDS}, where step 'login' writes $NPM_TOKEN (the Secret 'npm') into $(workspaces.source.path)/.npmrc (\`echo "$NPM_TOKEN" > `
        + "$(workspaces.source.path)/.npmrc`, in /scripts/persist.sh, which step 'write' writes from a literal (`cat > /scripts/persist.sh <<'EOF'`) and runs "
        + '(`sh /scripts/persist.sh`)): code from the repository can read the credential in that file',
    ]]);
    // the volume not mounted by the step that runs the path: another file
    const apart = { ...t, spec: { ...t.spec, steps: [t.spec.steps[0], { ...t.spec.steps[1], volumeMounts: [] }, t.spec.steps[2]] } };
    expect(judged(apart)).toEqual([]);
  });

  test('non-compliant: a script tee writes from a literal, which a shell reads as its code from its input (bash 5.2 and dash, checked)', () => {
    /** Step `login` writes `write` (its text holding the Secret's file copied into the workspace) and runs it as `run` says; step `build` runs npm ci. */
    const t = (write: string, run: string) => ({
      apiVersion: 'tekton.dev/v1',
      kind: 'Task',
      metadata: { name: 'npm', namespace: 'ci' },
      spec: {
        workspaces: [{ name: 'source' }],
        volumes: [{ name: 'npm', secret: { secretName: 'npm' } }],
        steps: [
          { name: 'login', image: IMAGE, script: `#!/bin/sh\n${write}\n${run}\n`, volumeMounts: [{ name: 'npm', mountPath: '/secret' }] },
          { name: 'build', image: IMAGE, workingDir: '$(workspaces.source.path)', script: '#!/bin/sh\nnpm ci\n' },
        ],
      },
    });
    const tee = "tee /tmp/persist.sh > /dev/null <<'EOF'\n#!/bin/sh\ninstall -m 600 /secret/.npmrc $(workspaces.source.path)/.npmrc\nEOF";
    const message = (run: string) => `${BUILDS}, where step 'login' writes /secret/.npmrc (the Secret 'npm') into $(workspaces.source.path)/.npmrc `
      + "(`install -m 600 /secret/.npmrc $(workspaces.source.path)/.npmrc`, in /tmp/persist.sh, which the step's script writes from a literal "
      + `(\`tee /tmp/persist.sh > /dev/null <<'EOF'\`) and runs (\`${run}\`)): code from the repository can read the credential in that file`;
    for (const run of ['sh < /tmp/persist.sh', 'cat /tmp/persist.sh | bash -s', 'sh /tmp/persist.sh', 'eval "$(cat /tmp/persist.sh)"', '. <(cat /tmp/persist.sh)']) {
      expect([run, judged(t(tee, run)).map((f) => f.slice(0, 4))]).toEqual([run, [["step 'build'", 'script', 'npm ci', message(run)]]]);
    }
    // not: a shell given code (-c), which reads no script from its input, or fed another file
    expect(judged(t(tee, 'sh -c true < /tmp/persist.sh'))).toEqual([]);
    expect(judged(t(tee, 'cat /tmp/other.sh | sh'))).toEqual([]);
  });

  test('non-compliant: a script the step writes and runs runs the repository\'s code, in a task that holds a credentials workspace', () => {
    const written = "cat > /scripts/build.sh <<'EOF'\n#!/bin/sh\nmake all\nEOF";
    expect(check(taskWith({ name: 'build', image: IMAGE, workingDir: '$(workspaces.source.path)', script: `#!/bin/sh\n${written}\nsh /scripts/build.sh\n` })))
      .toEqual([found('script', 'make all', `${BUILDS}, in /scripts/build.sh, which the step's script writes from a literal `
        + "(`cat > /scripts/build.sh <<'EOF'`) and runs (`sh /scripts/build.sh`)")]);
    // decoded, run by its path
    const decoded = decode('#!/bin/bash\n./ci/test.sh\n', '/scripts/t.sh');
    expect(check(taskWith({ name: 'build', image: IMAGE, workingDir: '$(workspaces.source.path)', script: `#!/bin/sh\n${decoded}\nchmod +x /scripts/t.sh\n/scripts/t.sh\n` })))
      .toEqual([found('script', './ci/test.sh', `${WORKSPACE_FILE}, in /scripts/t.sh, which the step's script decodes from a base64 literal `
        + `(\`${said('#!/bin/bash\n./ci/test.sh\n', '/scripts/t.sh')}\`) and runs (\`/scripts/t.sh\`)`)]);
    // a written script that runs nothing of the repository, or one never run
    expect(check(taskWith({ name: 'build', image: IMAGE, workingDir: '$(workspaces.source.path)', script: "#!/bin/sh\ncat > /s.sh <<'EOF'\necho hi\nEOF\nsh /s.sh\n" }))).toEqual([]);
    expect(check(taskWith({ name: 'build', image: IMAGE, workingDir: '$(workspaces.source.path)', script: `#!/bin/sh\n${written}\necho done\n` }))).toEqual([]);
  });
});

describe("a Secret the env of a run's pod template gives every step is a credential the steps read", () => {
  const NODE = 'docker.io/library/node@sha256:' + 'c'.repeat(64);
  const NPM = "runs the repository's build scripts, hooks, tests or code generators";
  /** Task `test-npm` in `ci`: step `test` runs npm ci and npm test in the source workspace, step `report` runs no repository code. */
  const testTask = (stepEnv?: any[]) => ({
    apiVersion: 'tekton.dev/v1',
    kind: 'Task',
    metadata: { name: 'test-npm', namespace: 'ci' },
    spec: {
      workspaces: [{ name: 'source' }],
      steps: [
        { name: 'report', image: IMAGE, script: '#!/bin/sh\necho ok\n' },
        { name: 'test', image: NODE, workingDir: '$(workspaces.source.path)', script: '#!/bin/sh\nnpm ci\nnpm test\n', ...(stepEnv ? { env: stepEnv } : {}) },
      ],
      sidecars: [{ name: 'db', image: NODE, workingDir: '$(workspaces.source.path)', script: '#!/bin/sh\nnpm start\n' }],
    },
  });
  /** Pipeline `ci`: task `test` runs Task `test-npm`, task `status` only reports. */
  const ciPipeline = {
    apiVersion: 'tekton.dev/v1',
    kind: 'Pipeline',
    metadata: { name: 'ci', namespace: 'ci' },
    spec: {
      workspaces: [{ name: 'src' }],
      tasks: [
        { name: 'test', taskRef: { name: 'test-npm' }, workspaces: [{ name: 'source', workspace: 'src' }] },
        { name: 'status', taskSpec: { steps: [{ name: 'report', image: IMAGE, script: '#!/bin/sh\ncurl -sf -H "Authorization: token $GITHUB_TOKEN" https://api.github.com/\n' }] } },
      ],
    },
  };
  const fromSecret = { name: 'GITHUB_TOKEN', valueFrom: { secretKeyRef: { name: 'github', key: 'token' } } };
  const literal = { name: 'GITHUB_TOKEN', value: 'none' };
  const run = (spec: Record<string, any>, apiVersion = 'tekton.dev/v1') => ({
    apiVersion,
    kind: 'PipelineRun',
    metadata: { name: 'ci-run', namespace: 'ci' },
    spec: { pipelineRef: { name: 'ci' }, workspaces: [{ name: 'src', emptyDir: {} }], ...spec },
  });
  const checkRun = (r: any, task = testTask()) => CREDENTIALS_WITH_REPO_CODE.check(r, ruleContext([r, ciPipeline, task]));
  const problem = (whose: string, field: string) => `${NPM}, in a step that reads the Secret 'github' through ${whose} env GITHUB_TOKEN (${field}, `
    + "which Tekton adds to every step of the task's pod, over a step's own env of that name): code from the repository can read it";
  const fix = (field: string) => `Take GITHUB_TOKEN out of ${field} and give the Secret only to a pipeline task of its own that runs no repository `
    + "code (a taskRunSpecs entry for it whose podTemplate.env sets GITHUB_TOKEN, or that task's own step env), passing what task 'test' makes to "
    + 'it through a workspace.';

  test('non-compliant: the run-wide taskRunTemplate.podTemplate env from a Secret reaches a step that runs npm ci (a sidecar gets none)', () => {
    expect(checkRun(run({ taskRunTemplate: { podTemplate: { env: [fromSecret] } } }))).toEqual([{
      rule: RuleId.CREDENTIALS_WITH_REPO_CODE,
      kind: 'PipelineRun',
      name: 'ci-run',
      location: "task 'test' step 'test'",
      target: 'task/test',
      property: 'script',
      value: 'npm ci',
      problem: problem("the run's pod template", 'taskRunTemplate.podTemplate.env'),
      fix: fix('taskRunTemplate.podTemplate.env'),
    }]);
    // v1beta1 names it spec.podTemplate
    expect(checkRun(run({ podTemplate: { env: [literal, fromSecret] } }, 'tekton.dev/v1beta1')).map((f) => f.problem))
      .toEqual([problem("the run's pod template", 'podTemplate.env')]);
  });

  test('a taskRunSpecs pod template reaches its task only, and overrides the run-wide entry of the same name', () => {
    const perTask = (task: string, env: any[], wide?: any[]) => run({
      ...(wide ? { taskRunTemplate: { podTemplate: { env: wide } } } : {}),
      taskRunSpecs: [{ pipelineTaskName: task, podTemplate: { env } }],
    });
    expect(checkRun(perTask('test', [fromSecret])).map((f) => [f.location, f.target, f.problem, f.fix])).toEqual([[
      "task 'test' step 'test'", 'task/test',
      problem("the pod template of taskRunSpec 'test'", "taskRunSpec 'test' podTemplate.env"), fix("taskRunSpec 'test' podTemplate.env"),
    ]]);
    // v1beta1 names a task's template taskPodTemplate
    const legacy = run({ taskRunSpecs: [{ pipelineTaskName: 'test', taskPodTemplate: { env: [fromSecret] } }] }, 'tekton.dev/v1beta1');
    expect(checkRun(legacy).map((f) => f.problem))
      .toEqual([problem("the pod template of taskRunSpec 'test'", "taskRunSpec 'test' taskPodTemplate.env")]);
    // given to the status task alone, which runs no repository code
    expect(checkRun(perTask('status', [fromSecret]))).toEqual([]);
    // the task's own literal GITHUB_TOKEN wins over the run-wide Secret (MergePodTemplateWithDefault merges by name)
    expect(checkRun(perTask('test', [literal], [fromSecret]))).toEqual([]);
    // another name of the task's template keeps the run-wide Secret
    expect(checkRun(perTask('test', [{ name: 'CI', value: 'true' }], [fromSecret])).map((f) => f.problem))
      .toEqual([problem("the run's pod template", 'taskRunTemplate.podTemplate.env')]);
  });

  test("the pod template's entry wins over a step's own env of the same name", () => {
    // the step sets GITHUB_TOKEN itself, from a literal: Tekton appends the template's after it, which the container gets
    expect(checkRun(run({ taskRunTemplate: { podTemplate: { env: [fromSecret] } } }), testTask([literal])).map((f) => f.location))
      .toEqual(["task 'test' step 'test'"]);
  });

  test('a later entry of the name in the same template replaces the Secret, unless an entry between refers to it ($(NAME))', () => {
    const copy = { name: 'M', value: '$(GITHUB_TOKEN)' };
    // the kubelet expands $(GITHUB_TOKEN) in M with the value the entries before it give: the Secret's
    expect(checkRun(run({ taskRunTemplate: { podTemplate: { env: [fromSecret, copy, literal] } } })).map((f) => f.problem))
      .toEqual([problem("the run's pod template", 'taskRunTemplate.podTemplate.env')]);
    expect(checkRun(run({ taskRunTemplate: { podTemplate: { env: [fromSecret, literal, copy] } } }))).toEqual([]);
    // a task's template of the name drops every run-wide entry of it (mergeByName)
    expect(checkRun(run({
      taskRunTemplate: { podTemplate: { env: [fromSecret, copy, literal] } }, taskRunSpecs: [{ pipelineTaskName: 'test', podTemplate: { env: [literal] } }],
    }))).toEqual([]);
  });

  test("a TaskRun's podTemplate: at the step, with the fix for a run of its own", () => {
    const taskRun = {
      apiVersion: 'tekton.dev/v1',
      kind: 'TaskRun',
      metadata: { name: 'test-run', namespace: 'ci' },
      spec: { taskRef: { name: 'test-npm' }, podTemplate: { env: [fromSecret] }, workspaces: [{ name: 'source', emptyDir: {} }] },
    };
    const onTaskRun = CREDENTIALS_WITH_REPO_CODE.check(taskRun, ruleContext([taskRun, testTask()]));
    expect(onTaskRun.map((f) => [f.location, f.target, f.problem, f.fix])).toEqual([[
      "step 'test'", 'step/test', problem("the run's pod template", 'podTemplate.env'),
      "Take GITHUB_TOKEN out of podTemplate.env and give the Secret to a run of its own that runs no repository code (in its task's own step env), "
        + 'passing what the build makes to it through a workspace.',
    ]]);
  });

  test("config-defaults' default-pod-template env reaches every run's steps under the run's own entries; default-forbidden-env drops a name", () => {
    const defaults = (data: Record<string, string>, namespace = 'tekton-pipelines') => ({
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace }, data,
    });
    const template = 'env:\n- name: GITHUB_TOKEN\n  valueFrom:\n    secretKeyRef:\n      name: github\n      key: token\n';
    const withDefaults = (r: any, cm: any) => CREDENTIALS_WITH_REPO_CODE.check(r, ruleContext([r, ciPipeline, testTask(), cm]));
    const field = "config-defaults data['default-pod-template'].env";
    expect(withDefaults(run({}), defaults({ 'default-pod-template': template })).map((f) => [f.location, f.target, f.problem, f.fix])).toEqual([[
      "task 'test' step 'test'", 'task/test',
      `${NPM}, in a step that reads the Secret 'github' through config-defaults' default pod template env GITHUB_TOKEN (${field}, which Tekton `
        + "merges under every run's pod template and adds to every step of each task's pod, over a step's own env of that name): code from the "
        + 'repository can read it',
      fix(field),
    ]]);
    // a TaskRun gets it too
    const taskRun = {
      apiVersion: 'tekton.dev/v1',
      kind: 'TaskRun',
      metadata: { name: 'test-run', namespace: 'ci' },
      spec: { taskRef: { name: 'test-npm' }, workspaces: [{ name: 'source', emptyDir: {} }] },
    };
    expect(withDefaults(taskRun, defaults({ 'default-pod-template': template })).map((f) => f.location)).toEqual(["step 'test'"]);
    // the run's own entry of that name replaces it (MergePodTemplateWithDefault merges by name)
    expect(withDefaults(run({ taskRunTemplate: { podTemplate: { env: [literal] } } }), defaults({ 'default-pod-template': template }))).toEqual([]);
    // a name default-forbidden-env lists (split at commas, trimmed) is dropped, the default's and the run's own
    expect(withDefaults(run({}), defaults({ 'default-pod-template': template, 'default-forbidden-env': 'CI , GITHUB_TOKEN' }))).toEqual([]);
    expect(withDefaults(run({ taskRunTemplate: { podTemplate: { env: [fromSecret] } } }), defaults({ 'default-forbidden-env': 'GITHUB_TOKEN' }))).toEqual([]);
    expect(withDefaults(run({ taskRunTemplate: { podTemplate: { env: [fromSecret] } } }), defaults({ 'default-forbidden-env': 'GITHUB' })).map((f) => f.problem))
      .toEqual([problem("the run's pod template", 'taskRunTemplate.podTemplate.env')]);
    // a config-defaults of another namespace is not Tekton's
    expect(withDefaults(run({}), defaults({ 'default-pod-template': template }, 'ci'))).toEqual([]);
  });

  test('a step that holds a credentials workspace and a pod template Secret is one finding that names both, with both fixes', () => {
    const both = {
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: { name: 'ci-run', namespace: 'ci' },
      spec: {
        taskRunTemplate: { podTemplate: { env: [fromSecret] } },
        workspaces: [{ name: 'src', emptyDir: {} }, { name: 'creds', secret: { secretName: 'npm' } }],
        pipelineSpec: {
          workspaces: [{ name: 'src' }, { name: 'creds' }],
          tasks: [{
            name: 'test',
            workspaces: [{ name: 'source', workspace: 'src' }, { name: 'npmrc', workspace: 'creds' }],
            taskSpec: { workspaces: [{ name: 'source' }, { name: 'npmrc' }], steps: [testTask().spec.steps[1]] },
          }],
        },
      },
    };
    expect(CREDENTIALS_WITH_REPO_CODE.check(both, ruleContext([both])).map((f) => [f.location, f.property, f.value, f.problem, f.fix])).toEqual([[
      "task 'test' step 'test'", 'script', 'npm ci',
      `${NPM}, in a task that holds the credentials workspace 'npmrc': code from the repository can read the credentials; and in a step that reads `
        + "the Secret 'github' through the run's pod template env GITHUB_TOKEN (taskRunTemplate.podTemplate.env, which Tekton adds to every step of "
        + "the task's pod, over a step's own env of that name): code from the repository can read it",
      'Split the task: build without credentials (e.g. kaniko --no-push writing an OCI layout or tarball to a workspace) and push that from a task '
        + "of its own that runs no repository code (the library's ContainerBuild and ImagePush do). " + fix('taskRunTemplate.podTemplate.env'),
    ]]);
  });

  test('compliant: a pod template env from a literal value or a ConfigMap, or a task that runs no repository code', () => {
    expect(checkRun(run({ taskRunTemplate: { podTemplate: { env: [literal, { name: 'X', valueFrom: { configMapKeyRef: { name: 'c', key: 'k' } } }] } } }))).toEqual([]);
    const quiet = { ...testTask(), spec: { ...testTask().spec, steps: [testTask().spec.steps[0]], sidecars: [] } };
    expect(checkRun(run({ taskRunTemplate: { podTemplate: { env: [fromSecret] } } }), quiet)).toEqual([]);
  });
});

describe('CREDENTIALS_WITH_REPO_CODE: a variable the step sets to a path of the repository (PATH, LD_PRELOAD, NODE_OPTIONS, GIT_CONFIG_GLOBAL …)', () => {
  const ENV_FIX = (name: string) => `Set ${name} to the image's own directories and files (or leave it unset), not to a workspace's or a shared volume's, or split the task: `
    + 'run what the repository builds in a task without credentials, and give the task that needs them only what it checks.';
  const sets = (name: string, value: string, what: string, entry: string) =>
    `sets ${name} to ${value}, which ${what}: ${entry} lies in a workspace the repository fills, so what runs loads its code or configuration from the repository`;
  const LOADER = 'the dynamic loader or libc loads libraries from';
  const at = (property: string, value: string, why: string) => ({ ...found(property, value, why), fix: ENV_FIX(/^sets (\w+)/.exec(why)![1]) });
  /** The fix of a variable whose name is not known here. */
  const UNNAMED_FIX = 'Write the name of the variable the script sets literally, and set it to the image\'s own directories and files (or leave it unset), not to a '
    + 'workspace\'s or a shared volume\'s, or split the task: run what the repository builds in a task without credentials, and give the task that needs them only '
    + 'what it checks.';
  const unnamedAt = (value: string, why: string) => ({ ...found('script', value, why), fix: UNNAMED_FIX });
  const crane = '#!/bin/sh\ncrane version\n';

  test("the container's env: each variable whose value names a file or directory of a workspace", () => {
    const cases: Array<[string, string, string, string, string]> = [
      // bash 5.2: a `curl` in the directory PATH lists first runs; an entry relative (or empty) is the working directory's
      ['PATH', '$(workspaces.source.path)/dist:/usr/local/bin:/usr/bin:/bin', crane, 'the shell looks programs up in', '$(workspaces.source.path)/dist'],
      // glibc: a .so built here and named by LD_PRELOAD runs its constructor in /bin/true; LD_LIBRARY_PATH's libf.so replaces the linked one
      ['LD_PRELOAD', '$(workspaces.source.path)/dist/x.so', crane, LOADER, '$(workspaces.source.path)/dist/x.so'],
      ['LD_LIBRARY_PATH', '/workspace/source/lib', crane, LOADER, '/workspace/source/lib'],
      // node 20: --require runs the file before `node -e 1`
      ['NODE_OPTIONS', '--require $(workspaces.source.path)/dist/x.js', '#!/bin/sh\nnode -e 1\n', 'node reads as options (--require and --import run code)',
        '$(workspaces.source.path)/dist/x.js'],
      // git 2.39: the core.fsmonitor of the file GIT_CONFIG_GLOBAL names runs on `git status`
      ['GIT_CONFIG_GLOBAL', '$(workspaces.source.path)/dist/gitconfig', '#!/bin/sh\ngit -C /tmp/r status\n',
        'git reads configuration, hooks or programs from (core.sshCommand, aliases and hooks run commands)', '$(workspaces.source.path)/dist/gitconfig'],
      ['JAVA_TOOL_OPTIONS', '-Xmx1g -javaagent:/workspace/source/agent.jar', crane, 'the JVM reads as options (-javaagent runs code)', '/workspace/source/agent.jar'],
    ];
    for (const [name, value, script, what, entry] of cases) {
      expect(check(taskWith({ name: 'build', image: IMAGE, env: [{ name, value }], script }))).toEqual([at(`env.${name}`, value, sets(name, value, what, entry))]);
    }
    // relative, or the working directory as $PWD: in a workspace working directory, the repository's
    expect(check(taskWith({ name: 'build', image: IMAGE, workingDir: '$(workspaces.source.path)', env: [{ name: 'PATH', value: 'bin:/usr/bin' }], script: crane })))
      .toEqual([at('env.PATH', 'bin:/usr/bin', sets('PATH', 'bin:/usr/bin', 'the shell looks programs up in', 'bin'))]);
    expect(check(taskWith({ name: 'build', image: IMAGE, workingDir: '$(workspaces.source.path)', env: [{ name: 'PATH', value: '/usr/bin::/bin' }], script: crane })))
      .toEqual([at('env.PATH', '/usr/bin::/bin', sets('PATH', '/usr/bin::/bin', 'the shell looks programs up in', 'its empty entry, the working directory,'))]);
    // the image's own directories, a library name the loader looks up, a variable not known here, a relative path outside a workspace
    for (const [name, value] of [['PATH', '/opt/tool/bin:/usr/bin'], ['LD_PRELOAD', 'libjemalloc.so.2'], ['GIT_CONFIG_GLOBAL', '$CONFIG'], ['NODE_OPTIONS', '--max-old-space-size=4096']]) {
      expect(check(taskWith({ name: 'build', image: IMAGE, env: [{ name, value }], script: crane }))).toEqual([]);
    }
    expect(check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', env: [{ name: 'PATH', value: 'bin:/usr/bin' }], script: crane }))).toEqual([]);
  });

  test('the script: export, an assignment before a program or through env, and a command with its args', () => {
    const line = 'export PATH="$(workspaces.source.path)/dist:$PATH"';
    expect(check(taskWith({ name: 'build', image: IMAGE, script: `#!/bin/sh\nset -eu\n${line}\ncurl -sS https://example.com\n` })))
      .toEqual([at('script', line, sets('PATH', '$(workspaces.source.path)/dist:$PATH', 'the shell looks programs up in', '$(workspaces.source.path)/dist'))]);
    const prefix = 'LD_PRELOAD=./x.so crane version';
    expect(check(taskWith({ name: 'build', image: IMAGE, workingDir: '$(workspaces.source.path)', script: `#!/bin/sh\n${prefix}\n` })))
      .toEqual([at('script', prefix, sets('LD_PRELOAD', './x.so', LOADER, './x.so'))]);
    const viaEnv = 'env GIT_CONFIG_GLOBAL=/workspace/source/.gitconfig git status';
    expect(check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/sh\n${viaEnv}\n` })))
      .toEqual([at('script', viaEnv, sets('GIT_CONFIG_GLOBAL', '/workspace/source/.gitconfig',
        'git reads configuration, hooks or programs from (core.sshCommand, aliases and hooks run commands)', '/workspace/source/.gitconfig'))]);
    expect(check(taskWith({ name: 'build', image: IMAGE, command: ['env', 'LD_LIBRARY_PATH=/workspace/source/lib', 'crane', 'version'] })))
      .toEqual([at('command', 'env LD_LIBRARY_PATH=/workspace/source/lib crane version', sets('LD_LIBRARY_PATH', '/workspace/source/lib', LOADER, '/workspace/source/lib'))]);
    // the image's directories, or in a working directory outside the workspaces
    expect(check(taskWith({ name: 'build', image: IMAGE, script: '#!/bin/sh\nexport PATH="/opt/bin:$PATH"\ncurl x\n' }))).toEqual([]);
    expect(check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: '#!/bin/sh\nexport PATH="bin:$PATH"\ncurl x\n' }))).toEqual([]);
    // a cloud CLI that writes the cluster's credentials into the kubeconfig KUBECONFIG names, and reads nothing of it that runs
    for (const written of ['KUBECONFIG=$(workspaces.source.path)/kubeconfig gcloud container clusters get-credentials c --region r',
      'KUBECONFIG=/workspace/source/kc aws eks update-kubeconfig --name c', 'KUBECONFIG=/workspace/source/kc az aks get-credentials -g g -n c']) {
      expect(check(taskWith({ name: 'build', image: IMAGE, script: `#!/bin/sh\n${written}\n` }))).toEqual([]);
    }
    // NAME+=VALUE appends to the value it had (bash 5.2 run: LD_PRELOAD+=" /tmp/ws/x.so" then /bin/true ran the .so's constructor;
    // NODE_OPTIONS+=" --require FILE" then node -e 1 ran FILE)
    const appended: Array<[string, string, string, string]> = [
      ['LD_PRELOAD+=" $(workspaces.source.path)/x.so"; export LD_PRELOAD', 'LD_PRELOAD', '$LD_PRELOAD $(workspaces.source.path)/x.so', LOADER],
      ['export LD_PRELOAD+=" $(workspaces.source.path)/x.so"', 'LD_PRELOAD', '$LD_PRELOAD $(workspaces.source.path)/x.so', LOADER],
      ['export NODE_OPTIONS+=" --require $(workspaces.source.path)/x.js"', 'NODE_OPTIONS', '$NODE_OPTIONS --require $(workspaces.source.path)/x.js',
        'node reads as options (--require and --import run code)'],
      ['PATH+=:$(workspaces.source.path)/bin', 'PATH', '$PATH:$(workspaces.source.path)/bin', 'the shell looks programs up in'],
    ];
    for (const [written, name, value, what] of appended) {
      const entry = /\S*\$\(workspaces\.source\.path\)\S*/.exec(value)![0].replace(/^:/, '').replace(/^\$PATH:/, '');
      const first = written.split(';')[0];
      expect(check(taskWith({ name: 'build', image: IMAGE, script: `#!/bin/bash\n${written}\ncurl x\nnode -e 1\n` })))
        .toEqual([at('script', first, sets(name, value, what, entry))]);
    }
    // appending the image's directory in a workspace working directory: the old entries, not an empty one
    expect(check(taskWith({ name: 'build', image: IMAGE, workingDir: '$(workspaces.source.path)', script: '#!/bin/bash\nPATH+=:/opt/bin\ncurl x\n' }))).toEqual([]);
    // a variable the program reads, set in the shell, reaches it only where exported (bash 5.2 run, LD_PRELOAD naming a built .so: not exported,
    // /bin/true loaded nothing; exported before or after the assignment, by set -a, a function the script calls, or in the environment bash
    // started with, it ran the .so's constructor; unset, export -n or declare +x before the assignment, or after it before the program, nothing)
    const W = '$(workspaces.source.path)';
    const preload = (written: string) => at('script', written, sets('LD_PRELOAD', `${W}/x.so`, LOADER, `${W}/x.so`));
    for (const script of [`export LD_PRELOAD=${W}/x.so\nexport -n LD_PRELOAD\ncurl x`,
      `export LD_PRELOAD=${W}/x.so\nunset LD_PRELOAD\ncurl x`, `export LD_PRELOAD\nunset LD_PRELOAD\nLD_PRELOAD=${W}/x.so\ncurl x`,
      `declare -x LD_PRELOAD\ndeclare +x LD_PRELOAD\nLD_PRELOAD=${W}/x.so\ncurl x`,
      // (a readonly variable's export -n still stops exporting it: bash 5.2 run)
      `export LD_PRELOAD=${W}/x.so\nreadonly LD_PRELOAD\nexport -n LD_PRELOAD\ncurl x`,
      // (`unset -v` and a word after `--` unset the variable: bash 5.2 run)
      `export LD_PRELOAD=${W}/x.so\nunset -v LD_PRELOAD\ncurl x`, `export LD_PRELOAD=${W}/x.so\nunset -n -- -v\nunset -- LD_PRELOAD\ncurl x`,
      // (`-f` alone makes declare act on functions, not `+f`; a readonly after the unset, in a subshell or a pipeline's stage, does not keep it:
      // bash 5.2 run, `declare +f +x V`, `declare +xf V`, `typeset +x +f V` unexported V, `unset V; readonly V`, `( readonly V ); unset V` and
      // `readonly V | true; unset V` unset it)
      `export LD_PRELOAD=${W}/x.so\ndeclare +f +x LD_PRELOAD\ncurl x`, `export LD_PRELOAD=${W}/x.so\ndeclare +xf LD_PRELOAD\ncurl x`,
      `export LD_PRELOAD=${W}/x.so\ntypeset +x +f LD_PRELOAD\ncurl x`,
      `export LD_PRELOAD=${W}/x.so\nunset LD_PRELOAD\nreadonly LD_PRELOAD\ncurl x`, `export LD_PRELOAD=${W}/x.so\n( readonly LD_PRELOAD )\nunset LD_PRELOAD\ncurl x`,
      `export LD_PRELOAD=${W}/x.so\nreadonly LD_PRELOAD | true\nunset LD_PRELOAD\ncurl x`,
      // (`export -np`, `declare -g +x`, `declare -I +x` stop exporting it: bash 5.2 run)
      `export LD_PRELOAD=${W}/x.so\nexport -np LD_PRELOAD\ncurl x`, `export LD_PRELOAD=${W}/x.so\ndeclare -g +x LD_PRELOAD\ncurl x`,
      `export LD_PRELOAD=${W}/x.so\ndeclare -I +x LD_PRELOAD\ncurl x`]) {
      expect([script, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\n${script}\n` }))]).toEqual([script, []]);
    }
    // not exported by the script, but where the image's own ENV sets it (not known here), bash exports it as it starts, and the assignment
    // changes what is exported (bash 5.2 run: with LD_LIBRARY_PATH in its environment, `LD_LIBRARY_PATH=/ws/lib` alone was exported): reported
    // as such, unless an unset, export -n or declare +x ends it before a program runs
    const IMAGE_ENV = "sets LD_PRELOAD, not exported by the script but by bash where the image's own ENV sets it (not known here: bash exports every variable "
      + 'its environment holds), to ';
    const maybe = (written: string, value = `${W}/x.so`) => at('script', written, sets('LD_PRELOAD', value, LOADER, value).replace('sets LD_PRELOAD to ', IMAGE_ENV));
    for (const [script, written] of [[`LD_PRELOAD=${W}/x.so\ncurl x`, `LD_PRELOAD=${W}/x.so`], [`read -r LD_PRELOAD <<< ${W}/x.so\ncurl x`, `read -r LD_PRELOAD <<< ${W}/x.so`],
      [`eval "LD_PRELOAD=${W}/x.so"\ncurl x`, `eval "LD_PRELOAD=${W}/x.so"`]]) {
      expect([script, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\n${script}\n` }))]).toEqual([script, [maybe(written)]]);
    }
    // (a surer finding after it is the one reported)
    expect(check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\nLD_PRELOAD=${W}/x.so\nPATH=${W}/bin\ncurl x\n` })))
      .toEqual([at('script', `PATH=${W}/bin`, sets('PATH', `${W}/bin`, 'the shell looks programs up in', `${W}/bin`))]);
    const reaching: Array<[string, string]> = [
      [`LD_PRELOAD=${W}/x.so\nexport LD_PRELOAD\ncurl x`, `LD_PRELOAD=${W}/x.so`],
      [`export LD_PRELOAD\nLD_PRELOAD=${W}/x.so\ncurl x`, `LD_PRELOAD=${W}/x.so`],
      [`set -a\nLD_PRELOAD=${W}/x.so\ncurl x`, `LD_PRELOAD=${W}/x.so`],
      // (allexport exports an assignment after `export -n` again, and one that may have set it too: bash 5.2 run, `set -a; V=1; export -n V; V=2; env`
      // printed V=2)
      [`set -a\nexport -n LD_PRELOAD\nLD_PRELOAD=${W}/x.so\ncurl x`, `LD_PRELOAD=${W}/x.so`],
      [`if [ -n "$X" ]; then set -a; fi\nexport -n LD_PRELOAD\nLD_PRELOAD=${W}/x.so\ncurl x`, `LD_PRELOAD=${W}/x.so`],
      [`f() { export LD_PRELOAD; }\nLD_PRELOAD=${W}/x.so\nf\ncurl x`, `LD_PRELOAD=${W}/x.so`],
      [`export LD_PRELOAD=${W}/x.so\ncurl x\nexport -n LD_PRELOAD`, `export LD_PRELOAD=${W}/x.so`],
      [`export LD_PRELOAD=${W}/x.so\nif [ -n "$X" ]; then unset LD_PRELOAD; fi\ncurl x`, `export LD_PRELOAD=${W}/x.so`],
      [`eval "export LD_PRELOAD=${W}/x.so"\ncurl x`, `eval "export LD_PRELOAD=${W}/x.so"`],
      // (bash 5.2 run, each kept it exported: -f makes export and declare act on functions, a word after -- is a name, a readonly
      // variable is not unset, and shopt -so allexport is set -a)
      [`export LD_PRELOAD=${W}/x.so\nexport -fn LD_PRELOAD\ncurl x`, `export LD_PRELOAD=${W}/x.so`],
      [`export LD_PRELOAD=${W}/x.so\ndeclare -f +x LD_PRELOAD\ncurl x`, `export LD_PRELOAD=${W}/x.so`],
      [`export LD_PRELOAD=${W}/x.so\nexport -- -n LD_PRELOAD\ncurl x`, `export LD_PRELOAD=${W}/x.so`],
      [`export LD_PRELOAD=${W}/x.so\nreadonly LD_PRELOAD\nunset LD_PRELOAD\ncurl x`, `export LD_PRELOAD=${W}/x.so`],
      [`declare -rx LD_PRELOAD=${W}/x.so\nunset LD_PRELOAD\ncurl x`, `declare -rx LD_PRELOAD=${W}/x.so`],
      [`shopt -so allexport\nLD_PRELOAD=${W}/x.so\ncurl x`, `LD_PRELOAD=${W}/x.so`],
      [`shopt -s -o allexport\nLD_PRELOAD=${W}/x.so\ncurl x`, `LD_PRELOAD=${W}/x.so`],
      // (`unset -n` unsets a nameref alone, `-f` a function, and bash refuses `-fv` and an option it does not know: bash 5.2 run, `export V=1;
      // unset -n V` (`-nv`, `-vn`, `-n -v`, `-fv`, `-x`) left V set and exported)
      [`export LD_PRELOAD=${W}/x.so\nunset -n LD_PRELOAD\ncurl x`, `export LD_PRELOAD=${W}/x.so`],
      [`export LD_PRELOAD=${W}/x.so\nunset -nv LD_PRELOAD\ncurl x`, `export LD_PRELOAD=${W}/x.so`],
      [`export LD_PRELOAD=${W}/x.so\nunset -v -n LD_PRELOAD\ncurl x`, `export LD_PRELOAD=${W}/x.so`],
      [`export LD_PRELOAD=${W}/x.so\nunset -fv LD_PRELOAD\ncurl x`, `export LD_PRELOAD=${W}/x.so`],
      [`export LD_PRELOAD=${W}/x.so\nunset -x LD_PRELOAD\ncurl x`, `export LD_PRELOAD=${W}/x.so`],
      // (a readonly a function called before makes, one in a group, or a loop's that runs again before it: bash 5.2 run, each refused the unset;
      // `-F` acts on functions, `readonly +f` takes +f for a name)
      [`export LD_PRELOAD=${W}/x.so\nf() { readonly LD_PRELOAD; }\nf\nunset LD_PRELOAD\ncurl x`, `export LD_PRELOAD=${W}/x.so`],
      [`export LD_PRELOAD=${W}/x.so\n{ readonly LD_PRELOAD; }\nunset LD_PRELOAD\ncurl x`, `export LD_PRELOAD=${W}/x.so`],
      [`export LD_PRELOAD=${W}/x.so\nfor i in 1 2; do unset LD_PRELOAD; readonly LD_PRELOAD; done\ncurl x`, `export LD_PRELOAD=${W}/x.so`],
      [`export LD_PRELOAD=${W}/x.so\ndeclare -F +x LD_PRELOAD\ncurl x`, `export LD_PRELOAD=${W}/x.so`],
      [`export LD_PRELOAD=${W}/x.so\ndeclare -r +f LD_PRELOAD\nunset LD_PRELOAD\ncurl x`, `export LD_PRELOAD=${W}/x.so`],
      // (what bash refuses changes nothing: bash 5.2 run, `export -nv V` and `export -n -x V` (invalid option), `export +x V` and `readonly +x V`
      // (not a valid identifier), `declare +x -q V`, `declare +x -p V` (prints) and `local +x V` outside a function left V exported)
      [`export LD_PRELOAD=${W}/x.so\nexport -nv LD_PRELOAD\ncurl x`, `export LD_PRELOAD=${W}/x.so`],
      [`export LD_PRELOAD=${W}/x.so\nexport -n -x LD_PRELOAD\ncurl x`, `export LD_PRELOAD=${W}/x.so`],
      [`export LD_PRELOAD=${W}/x.so\nexport +x LD_PRELOAD\ncurl x`, `export LD_PRELOAD=${W}/x.so`],
      [`export LD_PRELOAD=${W}/x.so\nreadonly +x LD_PRELOAD\ncurl x`, `export LD_PRELOAD=${W}/x.so`],
      [`export LD_PRELOAD=${W}/x.so\ndeclare +x -q LD_PRELOAD\ncurl x`, `export LD_PRELOAD=${W}/x.so`],
      [`export LD_PRELOAD=${W}/x.so\ndeclare +x -p LD_PRELOAD\ncurl x`, `export LD_PRELOAD=${W}/x.so`],
      [`export LD_PRELOAD=${W}/x.so\nlocal +x LD_PRELOAD\ncurl x`, `export LD_PRELOAD=${W}/x.so`],
      // (a value given after that names the old one, or may not be given, or after a command substitution's program ran: bash 5.2 run,
      // `LD_PRELOAD=/ws/x.so; export LD_PRELOAD; LD_PRELOAD=$LD_PRELOAD:/opt/y.so; /bin/true` and `export LD_PRELOAD=/ws/x.so; X=$(/bin/true);
      // LD_PRELOAD=/opt/y.so` each loaded x.so)
      [`LD_PRELOAD=${W}/x.so\nexport LD_PRELOAD\nLD_PRELOAD=$LD_PRELOAD:/opt/y.so\ncurl x`, `LD_PRELOAD=${W}/x.so`],
      [`export LD_PRELOAD=${W}/x.so\nif [ -n "$X" ]; then LD_PRELOAD=/opt/y.so; fi\ncurl x`, `export LD_PRELOAD=${W}/x.so`],
      [`export LD_PRELOAD=${W}/x.so\nX=$(date)\nLD_PRELOAD=/opt/y.so\ncurl x`, `export LD_PRELOAD=${W}/x.so`],
      [`export LD_PRELOAD=${W}/x.so\nLD_PRELOAD=/opt/y.so$(date)\ncurl x`, `export LD_PRELOAD=${W}/x.so`],
    ];
    for (const [script, reported] of reaching) {
      expect([script, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\n${script}\n` }))]).toEqual([script, [preload(reported)]]);
    }
    // a shell started with allexport exports every variable it assigns: the script's own, not the image's ENV (bash 5.2 run: a file with
    // `#!/bin/bash -a` or `#!/usr/bin/env -S bash -e -a`, and `bash -a -c`, `bash -o allexport -c`, `bash -ec -a`, exported V=1 to env)
    for (const [script, reported] of [[`#!/bin/bash -a\nLD_PRELOAD=${W}/x.so\ncurl x\n`, `LD_PRELOAD=${W}/x.so`],
      [`#!/usr/bin/env -S bash -e -a\nLD_PRELOAD=${W}/x.so\ncurl x\n`, `LD_PRELOAD=${W}/x.so`],
      [`#!/bin/bash\nbash -a -c 'LD_PRELOAD=${W}/x.so; curl x'\n`, `bash -a -c 'LD_PRELOAD=${W}/x.so; curl x'`],
      [`#!/bin/bash\nbash -o allexport -c 'LD_PRELOAD=${W}/x.so; curl x'\n`, `bash -o allexport -c 'LD_PRELOAD=${W}/x.so; curl x'`],
      [`#!/bin/bash\nbash -ec -a 'LD_PRELOAD=${W}/x.so; curl x'\n`, `bash -ec -a 'LD_PRELOAD=${W}/x.so; curl x'`]]) {
      expect([script, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script }))]).toEqual([script, [preload(reported)]]);
    }
    // (without it, or with `+o allexport`, the image's ENV)
    // (nor after `set +a` or `shopt -uo allexport`: bash 5.2 run, `set -a; set +a; V=2; env` and `set -a; shopt -uo allexport; V=2; env` printed no V)
    for (const [script, reported] of [[`#!/bin/bash -e\nLD_PRELOAD=${W}/x.so\ncurl x\n`, `LD_PRELOAD=${W}/x.so`],
      [`#!/bin/bash\nset -a\nset +a\nLD_PRELOAD=${W}/x.so\ncurl x\n`, `LD_PRELOAD=${W}/x.so`],
      [`#!/bin/bash\nset -a\nshopt -uo allexport\nLD_PRELOAD=${W}/x.so\ncurl x\n`, `LD_PRELOAD=${W}/x.so`],
      [`#!/bin/bash\nbash +o allexport -c 'LD_PRELOAD=${W}/x.so; curl x'\n`, `bash +o allexport -c 'LD_PRELOAD=${W}/x.so; curl x'`]]) {
      expect([script, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script }))]).toEqual([script, [maybe(reported)]]);
    }
    // a value given after, surely, before any program runs, is the one a program is given: the line that gives it is reported, the first not
    // (bash 5.2 run: `LD_PRELOAD=/ws/x.so; export LD_PRELOAD=/ws/y.so; /bin/true` loaded y.so alone, `export LD_PRELOAD=/ws/x.so;
    // LD_PRELOAD=/opt/y.so; /bin/true` too, and `PATH=/ws/bin; PATH=/usr/bin:/bin; curl` ran the system's curl)
    expect(check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\nLD_PRELOAD=${W}/x.so\nexport LD_PRELOAD=${W}/y.so\ncurl x\n` })))
      .toEqual([at('script', `export LD_PRELOAD=${W}/y.so`, sets('LD_PRELOAD', `${W}/y.so`, LOADER, `${W}/y.so`))]);
    for (const script of [`export LD_PRELOAD=${W}/x.so\nLD_PRELOAD=/opt/y.so\ncurl x`, `PATH=${W}/bin\nPATH=/usr/bin:/bin\ncurl x`]) {
      expect([script, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\n${script}\n` }))]).toEqual([script, []]);
    }
    // in the container's env (or an envFrom's), bash exports it as it starts: the assignment changes what is exported
    expect(check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', env: [{ name: 'LD_PRELOAD', value: '' }], script: `#!/bin/bash\nLD_PRELOAD=${W}/x.so\ncurl x\n` })))
      .toEqual([preload(`LD_PRELOAD=${W}/x.so`)]);
    expect(check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', envFrom: [{ configMapRef: { name: 'tools' } }], script: `#!/bin/bash\nLD_PRELOAD=${W}/x.so\ncurl x\n` })))
      .toEqual([preload(`LD_PRELOAD=${W}/x.so`)]);
    // a value extending the one it had (the image's env may give it), and PATH and HOME (the shell looks programs up in PATH; both are in every
    // container's environment: bash 5.2 run, `PATH=/ws/bin` not exported, `curl` ran /ws/bin/curl)
    expect(check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\nLD_LIBRARY_PATH=${W}/lib:$LD_LIBRARY_PATH\ncurl x\n` })))
      .toEqual([at('script', `LD_LIBRARY_PATH=${W}/lib:$LD_LIBRARY_PATH`, sets('LD_LIBRARY_PATH', `${W}/lib:$LD_LIBRARY_PATH`, LOADER, `${W}/lib`))]);
    // a declaration in a function's body is local to it (bash 5.2 run: `f() { declare PATH=/ws/bin; }; f; curl` ran the system's curl, and so
    // `local`, and `declare -A BASH_CMDS=([curl]=…)`; with -g, a program run in f after it, `export` or a group `{ … }` not a body, the workspace's)
    // (the body as parsed, with groups in it or another compound command: bash 5.2 run, `f() { { declare PATH=/ws/bin; }; }; f; curl` and `f()
    // if true; then declare PATH=/ws/bin; fi; f; curl` ran the system's curl)
    for (const script of [`f() { declare PATH=${W}/bin; }\nf\ncurl x`, `function f {\n  local PATH=${W}/bin\n  echo hi\n}\nf\ncurl x`,
      `g() { declare -A BASH_CMDS=([curl]=${W}/bin/curl); }\ng\ncurl x`, `f() { { declare PATH=${W}/bin; }; }\nf\ncurl x`, `f()\n{\n  declare PATH=${W}/bin\n}\nf\ncurl x`,
      `f() if true; then declare PATH=${W}/bin; fi\nf\ncurl x`, `function f()\n{\n  local PATH=${W}/bin\n}\nf\ncurl x`,
      // (and in the code eval or source runs there: bash 5.2 run, `f() { eval 'declare PATH=/ws/bin'; }; f; curl`, the same with `local`, `source
      // /dev/stdin <<< 'declare PATH=/ws/bin'` and eval in eval, ran the system's curl)
      `f() { eval 'declare PATH=${W}/bin'; }\nf\ncurl x`, `f() { eval "local PATH=${W}/bin"; }\nf\ncurl x`,
      `f() { source /dev/stdin <<< 'declare PATH=${W}/bin'; }\nf\ncurl x`, `f() { eval 'eval "declare PATH=${W}/bin"'; }\nf\ncurl x`]) {
      expect([script, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\n${script}\n` }))]).toEqual([script, []]);
    }
    for (const [script, reported] of [[`f() { declare PATH=${W}/bin; curl x; }\nf`, `declare PATH=${W}/bin`], [`f() { declare -g PATH=${W}/bin; }\nf\ncurl x`, `declare -g PATH=${W}/bin`],
      [`g() { export PATH=${W}/bin; }\ng\ncurl x`, `export PATH=${W}/bin`], [`{ declare PATH=${W}/bin; }\ncurl x`, `declare PATH=${W}/bin`],
      // (a call of a function the script defines, then a group that is no body: bash 5.2 run, `f() { :; }; f; { declare PATH=/ws/bin; }; curl`
      // ran the workspace's curl)
      [`f() { :; }\nf\n{ declare PATH=${W}/bin; }\ncurl x`, `declare PATH=${W}/bin`], [`f() { :; }\nf; { declare PATH=${W}/bin; }; curl x`, `declare PATH=${W}/bin`],
      // (eval's code in a body with curl after it, in the code or in the body, or with -g, or export; eval outside a function: bash 5.2 run, each ran
      // the workspace's curl)
      [`f() { eval 'declare PATH=${W}/bin; curl x'; }\nf`, `eval 'declare PATH=${W}/bin; curl x'`], [`f() { eval 'declare PATH=${W}/bin'; curl x; }\nf`, `eval 'declare PATH=${W}/bin'`],
      [`f() { eval 'declare -g PATH=${W}/bin'; }\nf\ncurl x`, `eval 'declare -g PATH=${W}/bin'`], [`f() { eval 'export PATH=${W}/bin'; }\nf\ncurl x`, `eval 'export PATH=${W}/bin'`],
      [`eval 'declare PATH=${W}/bin'\ncurl x`, `eval 'declare PATH=${W}/bin'`]]) {
      expect([script, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\n${script}\n` }))])
        .toEqual([script, [at('script', reported, sets('PATH', `${W}/bin`, 'the shell looks programs up in', `${W}/bin`))]]);
    }
    // (PATH read exported or not, up to an unset before any program: bash 5.2 run, `PATH=/ws/bin; export -n PATH; curl` ran /ws/bin/curl,
    // `PATH=/ws/bin; unset PATH; curl` found none)
    for (const script of [`PATH=${W}/bin\ncurl x`, `PATH=${W}/bin\nexport -n PATH\ncurl x`, `PATH=${W}/bin\ncurl x\nunset PATH`]) {
      expect([script, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\n${script}\n` }))])
        .toEqual([script, [at('script', `PATH=${W}/bin`, sets('PATH', `${W}/bin`, 'the shell looks programs up in', `${W}/bin`))]]);
    }
    expect(check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\nPATH=${W}/bin\nunset PATH\ncurl x\n` }))).toEqual([]);
    const kubectl = 'KUBECONFIG=/workspace/source/kc kubectl get pods';
    expect(check(taskWith({ name: 'build', image: IMAGE, script: `#!/bin/sh\n${kubectl}\n` }))).toEqual([at('script', kubectl, sets('KUBECONFIG', '/workspace/source/kc',
      'kubectl reads as its configuration (an exec credential plugin runs a command)', '/workspace/source/kc'))]);
  });

  test('the script: a declaration in a function is not read as local where a substitution after it, a trap, or an option not known may use it', () => {
    const W = '$(workspaces.source.path)';
    const PATH_FROM = 'the shell looks programs up in';
    // a program a command substitution or process substitution after it in the body runs (bash 5.2 run: `f() { eval 'declare PATH=/ws/bin';
    // echo "$(curl x)"; }; f`, `X=$(curl x)` and `: > "$(curl x)"` there, and `f() { declare PATH=/ws/bin; echo "$(curl x)"; }; f`, ran the workspace's curl)
    // a trap set in the script, whose code may run while the local value is set (bash 5.2 run: `f() { trap 'curl x' RETURN; eval 'declare
    // PATH=/ws/bin'; }; f` ran the workspace's curl, and so `set -E`, an ERR trap and `false` in f); an option word not known, which may be -g (bash 5.2
    // run: `G=-g; f() { eval "declare $G PATH=/ws/bin"; }; f; curl x` ran the workspace's curl)
    for (const [script, line] of [[`f() { eval 'declare PATH=${W}/bin'; echo "$(curl x)"; }\nf`, `eval 'declare PATH=${W}/bin'`],
      [`f() { eval 'declare PATH=${W}/bin'; X=$(curl x); }\nf`, `eval 'declare PATH=${W}/bin'`],
      [`f() { eval 'declare PATH=${W}/bin'; : > "$(curl x)"; }\nf`, `eval 'declare PATH=${W}/bin'`],
      [`f() { declare PATH=${W}/bin; [[ -n $(curl x) ]]; }\nf`, `declare PATH=${W}/bin`],
      [`f() { trap 'curl x' RETURN; eval 'declare PATH=${W}/bin'; }\nf`, `eval 'declare PATH=${W}/bin'`],
      [`f() { trap 'curl x' RETURN; declare PATH=${W}/bin; }\nf`, `declare PATH=${W}/bin`],
      [`set -E\ntrap 'curl x' ERR\nf() { declare PATH=${W}/bin; false; }\nf`, `declare PATH=${W}/bin`],
      [`f() { eval "declare $G PATH=${W}/bin"; }\nf\ncurl x`, `eval "declare $G PATH=${W}/bin"`],
      [`f() { declare -x $G PATH=${W}/bin; }\nf\ncurl x`, `declare -x $G PATH=${W}/bin`],
      [`f() { local "$@" PATH=${W}/bin; }\nf -g\ncurl x`, `local "$@" PATH=${W}/bin`],
      // (a file source or . runs, whose code is not read here and may set a trap: bash 5.2 run, `. ./env.sh` of `set -E; trap 'curl x' ERR`, then
      // `f() { declare PATH=/ws/bin; false; }; f`, ran the workspace's curl)
      [`. ./env.sh\nf() { declare PATH=${W}/bin; false; }\nf`, `declare PATH=${W}/bin`],
      [`f() { declare PATH=${W}/bin; false; }\nsource /etc/profile\nf`, `declare PATH=${W}/bin`]]) {
      expect([script, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\n${script}\n` }))])
        .toEqual([script, [at('script', line, sets('PATH', `${W}/bin`, PATH_FROM, `${W}/bin`))]]);
    }
    // still local: a substitution before it, a trap only printed, a variable after the names (bash 5.2 run: `G=-g; f() { declare PATH=/ws/bin
    // $G; }; f; curl` refused `-g` as a name and ran the system's curl)
    for (const script of [`f() { X=$(curl x); declare PATH=${W}/bin; echo "$X"; }\nf\ncurl x`, `trap -p\nf() { declare PATH=${W}/bin; }\nf\ncurl x`,
      `f() { declare PATH=${W}/bin $G; }\nf\ncurl x`, `f() { declare PATH=${W}/bin; false; }\nf`]) {
      expect([script, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\n${script}\n` }))]).toEqual([script, []]);
    }
  });

  test('the script: a declaration in a loop of a function\'s body is not read as local where the loop runs a program before it again', () => {
    const W = '$(workspaces.source.path)';
    // the loop comes back round to what runs before the declaration while the local value is set, and to a while's condition (bash 5.2 run:
    // `f() { for i in 1 2; do curl x; local PATH=/ws/bin; done; }; f`, the same with `while read`, `until` or curl in a `while` condition, ran
    // the workspace's curl the second time)
    for (const [script, line] of [[`f() { for i in 1 2; do curl x; local PATH=${W}/bin; done; }\nf`, `local PATH=${W}/bin`],
      [`f() { while read -r u; do curl "$u"; local PATH=${W}/bin; done < urls; }\nf`, `local PATH=${W}/bin`],
      [`f() {\n  until false; do\n    curl x\n    declare PATH=${W}/bin\n  done\n}\nf`, `declare PATH=${W}/bin`],
      [`f() { while curl x; do local PATH=${W}/bin; done; }\nf`, `local PATH=${W}/bin`],
      [`f() { for i in 1 2; do if [ "$i" = 2 ]; then curl x; fi; { local PATH=${W}/bin; }; done; }\nf`, `local PATH=${W}/bin`],
      // (the declaration's own command substitution, run again with it set: bash 5.2 run, `f() { for i in 1 2; do local PATH=/ws/bin:$(curl x);
      // done; }; f` ran the workspace's curl the second time)
      [`f() { for i in 1 2; do local PATH=${W}/bin:$(curl x); done; }\nf`, `local PATH=${W}/bin:$(curl x)`]]) {
      expect([script, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\n${script}\n` }))])
        .toEqual([script, [at('script', line, sets('PATH', line.replace(/^\S+ PATH=/, ''), 'the shell looks programs up in', `${W}/bin`))]]);
    }
    // still local: a `for` header, which the shell expands once before the body; a loop around the function's definition and call; a program
    // before the loop (bash 5.2 run: `f() { for i in $(curl x) 2; do local PATH=/ws/bin; done; }; f`, `for i in 1 2; do curl x; f() { local
    // PATH=/ws/bin; }; f; done` and `f() { curl x; for i in 1 2; do local PATH=/ws/bin; done; }; f` ran the system's curl each time)
    for (const script of [`f() { for i in $(curl x) 2; do local PATH=${W}/bin; done; }\nf`,
      `for i in 1 2; do curl x; f() { local PATH=${W}/bin; }; f; done`, `f() { curl x; for i in 1 2; do local PATH=${W}/bin; done; }\nf`]) {
      expect([script, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\n${script}\n` }))]).toEqual([script, []]);
    }
  });

  test('the script: a variable a loop\'s pass or a function\'s body surely gave a workspace\'s path before PATH is set to it', () => {
    const W = '$(workspaces.source.path)';
    // a variable assigned, declared local or typeset in a function's body, or assigned in a loop, holds that value for the commands after it in
    // that pass, whatever an earlier pass or the rest of the script leaves it (bash 5.2 run, a fake curl in a workspace's bin: `f() { local
    // P=/ws/bin; PATH=$P; curl x; }; f`, typeset and declare -x alike, ran the workspace's curl; `for i in 1 2; do curl x; P=/ws/bin; PATH=$P;
    // done`, in a function too, with `local P` and `local PATH=$P`, the system's curl first, the workspace's the second time; a subshell or `{ … }`
    // in the body starts with what the body holds: `f() { local P=/ws/bin; ( PATH=$P; curl x ); }; f` ran the workspace's)
    for (const [script, line] of [[`f() { local P=${W}/bin; PATH=$P; curl -H "X: $TOKEN" https://x; }\nf`, 'PATH=$P'],
      [`for i in 1 2; do curl -H "X: $TOKEN" https://x; P=${W}/bin; PATH=$P; done`, 'PATH=$P'],
      [`f() { for i in 1 2; do curl x; P=${W}/bin; PATH=$P; done; }\nf`, 'PATH=$P'],
      [`f() { for i in 1 2; do curl x; local P=${W}/bin; local PATH=$P; done; }\nf`, 'local PATH=$P'],
      [`f() { for i in 1 2; do curl x; local P=${W}/bin; PATH=$P; done; }\nf`, 'PATH=$P'],
      [`f() {\n  typeset P=${W}/bin\n  PATH="$P"\n  curl x\n}\nf`, 'PATH="$P"'],
      [`function f {\n  declare -x P=${W}/bin\n  export PATH=$P\n  curl x\n}\nf`, 'export PATH=$P'],
      [`f() { local P=${W}/bin; ( PATH=$P; curl x ); }\nf`, 'PATH=$P'],
      // (a loop in the body starts with what the body holds, but what the loop assigns: bash 5.2 run, `f() { local P=/ws/bin; for i in 1 2; do
      // PATH=$P; curl x; done; }; f` ran the workspace's curl)
      [`f() { local P=${W}/bin; for i in 1 2; do PATH=$P; curl x; done; }\nf`, 'PATH=$P']]) {
      expect([script, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\n${script}\n` }))])
        .toEqual([script, [at('script', line, sets('PATH', `${W}/bin`, 'the shell looks programs up in', `${W}/bin`))]]);
    }
    // not: a value given after it in the pass; a local in another function, never called or returned from; one a function called between sets;
    // a name declared local after a global assignment in the body, which bash leaves unset (bash 5.2 run: `f() { local P=/ws/bin;
    // P=/usr/local/bin; PATH=$P; curl x; }; f`, `g() { local P=/ws/bin; }; f() { PATH=$P:/usr/bin; curl x; }; f`, the same with g called first,
    // `for i in 1 2; do P=/ws/bin; P=/usr/bin; PATH=$P; curl x; done`, `f() { local P=/ws/bin; g; PATH=$P:/usr/bin; curl x; }; g() {
    // P=/usr/bin; }; f` and `f() { P=/ws/bin; local P; PATH=$P:/usr/bin; curl x; }; f` ran the system's curl)
    for (const script of [`f() { local P=${W}/bin; P=/usr/local/bin; PATH=$P; curl x; }\nf`,
      `g() { local P=${W}/bin; }\nf() { PATH=$P:/usr/bin; curl x; }\nf`, `g() { local P=${W}/bin; }\ng\nf() { PATH=$P:/usr/bin; curl x; }\nf`,
      `for i in 1 2; do P=${W}/bin; P=/usr/bin; PATH=$P; curl x; done`, `f() { local P=${W}/bin; g; PATH=$P:/usr/bin; curl x; }\ng() { P=/usr/bin; }\nf`,
      `f() { P=${W}/bin; local P; PATH=$P:/usr/bin; curl x; }\nf`,
      // (nor a loop's own `for` variable, or a value an enclosing loop's pass gave before: bash 5.2 run, `f() { local P=/ws/bin; for P in /usr/bin;
      // do PATH=$P; curl x; done; }; f` and `f() { local P=/ws/bin; for i in 1; do P=/usr/bin; for j in 1 2; do PATH=$P; curl x; done; done; }; f`
      // ran the system's curl)
      `f() { local P=${W}/bin; for P in /usr/bin; do PATH=$P; curl x; done; }\nf`,
      `f() { local P=${W}/bin; for i in 1; do P=/usr/bin; for j in 1 2; do PATH=$P; curl x; done; done; }\nf`]) {
      expect([script, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\n${script}\n` }))]).toEqual([script, []]);
    }
  });

  test('the script: a variable a loop sets after PATH is set to it, for the next pass; one a called function or an earlier local gave', () => {
    const W = '$(workspaces.source.path)';
    // a loop's variable at the top of its pass may hold what the pass before left at its end; a global a function the script calls surely assigns
    // holds that value after the call; `local P` where P is local already keeps its value (bash 5.2 run, a fake curl in a workspace's bin: `for i
    // in 1 2; do PATH=$P; curl x; P=/ws/bin; done` ran the workspace's curl the second time, a `while` loop alike; `f() { P=/ws/bin; }; f;
    // PATH=$P; curl x` and `f() { local P=/ws/bin; local P; PATH=$P; curl x; }; f` ran the workspace's; with `export P=…` or `declare -g P=…` in
    // f, or f called in a loop after `PATH=$P; curl x`, the second time, or a loop in the loop before `P=…`, or f called by g, `g() { f; }; g`, alike;
    // `for i in {1..2}; do …; P=/ws/bin; [ -n "$X" ] && break; done` the second time)
    for (const [script, line] of [[`for i in 1 2; do PATH=$P; curl -H "X: $TOKEN" https://x; P=${W}/bin; done`, 'PATH=$P'],
      [`i=0\nwhile [ $i -lt 2 ]; do i=$((i+1)); PATH=$P; curl x; P=${W}/bin; done`, 'PATH=$P'],
      [`for i in 1 2; do for j in 1 2; do PATH=$P; curl x; done; P=${W}/bin; done`, 'PATH=$P'],
      [`for i in {1..2}; do PATH=$P; curl x; P=${W}/bin; [ -n "$X" ] && break; done`, 'PATH=$P'],
      [`f() { P=${W}/bin; }\nf\nPATH=$P\ncurl -H "X: $TOKEN" https://x`, 'PATH=$P'],
      [`f() { export P=${W}/bin; }\nf\nPATH=$P\ncurl x`, 'PATH=$P'], [`f() { declare -g P=${W}/bin; }\nf\nPATH=$P\ncurl x`, 'PATH=$P'],
      [`f() { P=${W}/bin; }\nfor i in 1 2; do PATH=$P; curl x; f; done`, 'PATH=$P'], [`f() { P=${W}/bin; }\ng() { f; }\ng\nPATH=$P\ncurl x`, 'PATH=$P'],
      [`f() { local P=${W}/bin; local P; PATH=$P; curl -H "X: $TOKEN" https://x; }\nf`, 'PATH=$P']]) {
      expect([script, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\n${script}\n` }))])
        .toEqual([script, [at('script', line, sets('PATH', `${W}/bin`, 'the shell looks programs up in', `${W}/bin`))]]);
    }
    // not: a value the pass sets again before its end; the function never called, or called before P is set again, or with P local in it, or
    // given P for the call, or returning before it, or setting it in a branch, a subshell body, or called in a pipe; a name declared local after
    // a global assignment (bash 5.2 run: `for i in 1 2; do PATH=$P;
    // curl x; P=/usr/local/bin; done`, the same with P=/ws/bin before, `f() { P=/ws/bin; }; PATH=$P:/usr/bin; curl x`, `…; f; P=/usr/local/bin;
    // PATH=$P:/usr/bin`, `f() { local P=/ws/bin; }; f; …`, `P=x f`, `f() { return; P=/ws/bin; }; f; …` and `f() { P=/ws/bin; local P;
    // PATH=$P:/usr/bin; curl x; }; f`, `f() { if [ -n "$X" ]; then P=/ws/bin; fi; }; f; …`, `f() ( P=/ws/bin ); f; …` and `f | cat; …` ran the
    // system's curl or none; so did a loop with no second pass, or none past a `continue`: `for i in 1 2; do PATH=$P:/usr/bin; curl x; P=/ws/bin;
    // break; done`, `for i in one; do …; P=/ws/bin; done`, `for i in 1 2; do PATH=$P:/usr/bin; curl x; continue; P=/ws/bin; done`)
    for (const script of ['for i in 1 2; do PATH=$P; curl x; P=/usr/local/bin; done', `for i in 1 2; do PATH=$P; curl x; P=${W}/bin; P=/usr/local/bin; done`,
      `f() { P=${W}/bin; }\nPATH=$P:/usr/bin\ncurl x`, `f() { P=${W}/bin; }\nf\nP=/usr/local/bin\nPATH=$P:/usr/bin\ncurl x`,
      `f() { local P=${W}/bin; }\nf\nPATH=$P:/usr/bin\ncurl x`, `f() { P=${W}/bin; }\nP=x f\nPATH=$P:/usr/bin\ncurl x`,
      `f() { return; P=${W}/bin; }\nf\nPATH=$P:/usr/bin\ncurl x`, `f() { P=${W}/bin; local P; PATH=$P:/usr/bin; curl x; }\nf`,
      `f() { if [ -n "$X" ]; then P=${W}/bin; fi; }\nf\nPATH=$P:/usr/bin\ncurl x`, `f() ( P=${W}/bin )\nf\nPATH=$P:/usr/bin\ncurl x`,
      `f() { P=${W}/bin; }\nf | cat\nPATH=$P:/usr/bin\ncurl x`, `for i in 1 2; do PATH=$P:/usr/bin; curl x; P=${W}/bin; break; done`,
      `for i in one; do PATH=$P:/usr/bin; curl x; P=${W}/bin; done`, `for i in 1 2; do PATH=$P:/usr/bin; curl x; continue; P=${W}/bin; done`]) {
      expect([script, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\n${script}\n` }))]).toEqual([script, []]);
    }
  });

  test('the script: read of a name an expansion gives, an IFS not known, a prefix IFS for what read sets, and a replacement with a redirection', () => {
    const W = '$(workspaces.source.path)';
    const PATH_FROM = 'the shell looks programs up in';
    // read of a name an expansion gives: any name, PATH or LD_PRELOAD among them (bash 5.2 run: `V=PATH; read -r "$V" <<< /ws/bin; curl x` ran the
    // workspace's curl)
    for (const [script, line, name, value] of [[`V=PATH\nread -r "$V" <<< "${W}/bin"\ncurl x`, `read -r "$V" <<< "${W}/bin"`, 'PATH', `${W}/bin`],
      [`V=LD_PRELOAD\nread -r "$V" <<< "${W}/x.so"\nexport LD_PRELOAD\ncurl x`, `read -r "$V" <<< "${W}/x.so"`, 'LD_PRELOAD', `${W}/x.so`]]) {
      expect([script, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\n${script}\n` }))])
        .toEqual([script, [at('script', line, sets(name, value, name === 'PATH' ? PATH_FROM : LOADER, value))]]);
    }
    // (and a name an expansion gives printf -v, a declaration or eval: bash 5.2 run, `V=PATH; printf -v "$V" %s /ws/bin`, `declare "$V=/ws/bin"`,
    // `export "$V=/ws/bin"` and `eval "$V=/ws/bin"`, then `curl x`, each ran the workspace's curl)
    for (const line of [`printf -v "$V" '%s' "${W}/bin"`, `declare "$V=${W}/bin"`, `export "$V=${W}/bin"`, `eval "$V=${W}/bin"`]) {
      expect([line, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\nV=PATH\n${line}\ncurl x\n` }))])
        .toEqual([line, [at('script', line, sets('PATH', `${W}/bin`, PATH_FROM, `${W}/bin`))]]);
    }
    // (one not known here: any name, PATH among them, and LD_PRELOAD where the value names a library: bash 5.2 run, `V=LD_PRELOAD; export "$V=/ws/x.so";
    // curl x` loaded /ws/x.so)
    // (eval's code too, as bash reads it once it expanded the words: bash 5.2 run, `V=PATH; eval "$V=/ws/bin"; curl x` and `eval "$V=/ws/bin curl x"` ran the
    // workspace's curl; `eval '$V=/ws/bin'` ran a command of that name, not found)
    for (const line of [`read -r "$V" <<< "${W}/bin"`, `printf -v "$V" '%s' "${W}/bin"`, `export "$V=${W}/bin"`, `eval "$V=${W}/bin"`, `eval "$V=${W}/bin curl x"`]) {
      expect([line, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\nV=$(cat name)\n${line}\ncurl x\n` }))])
        .toEqual([line, [unnamedAt(line, sets('PATH', `${W}/bin`, PATH_FROM, `${W}/bin`)
          .replace('sets PATH to', 'sets a variable whose name is not known here (PATH, LD_PRELOAD …; through $V), read as PATH, to'))]]);
    }
    for (const line of [`read -r "$V" <<< "${W}/x.so"`, `export "$V=${W}/x.so"`]) {
      expect([line, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\nV=$(cat name)\n${line}\ncurl x\n` }))])
        .toEqual([line, [unnamedAt(line, sets('LD_PRELOAD', `${W}/x.so`, LOADER, `${W}/x.so`)
          .replace('sets LD_PRELOAD to', 'sets a variable whose name is not known here (PATH, LD_PRELOAD …; through $V), read as LD_PRELOAD, to'))]]);
    }
    for (const line of ['export "$V=/usr/bin"', 'eval "$V=/usr/bin"', `eval '$V=${W}/bin'`, `eval "echo $V=${W}/bin"`]) {
      expect([line, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\nV=$(cat name)\n${line}\ncurl x\n` }))]).toEqual([line, []]);
    }
    // an IFS the script sets but whose value here is not known (set in a function or a branch, appended to, read, from a variable): what read
    // sets is not known, read as the whole line (bash 5.2 run: each, then `read -r A PATH <<< "x:/ws/bin"; curl x`, ran the workspace's curl); set
    // through a nameref to it or to a name not known here, or by a file sourced, whose code is not read here (bash 5.2 run: `declare -n R=IFS; R=:`,
    // and `. ./env.sh` of `IFS=:`)
    for (const ifs of ['f() { IFS=:; }\nf', 'IFS=\nIFS+=:', "read -r IFS <<< ':'", 'IFS="$SEP"', 'if true; then IFS=:; fi', 'declare -n R=IFS\nR=:',
      'declare -n R="$T"\nR=:', 'declare -n R\nR=IFS\nR=:', 'f() { local -n R=IFS; read -r R <<< :; }\nf', '. /etc/profile', 'source ./env.sh', 'command . ./env.sh']) {
      const script = `${ifs}\nread -r A PATH <<< "x:${W}/bin"\ncurl x`;
      expect([script, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\n${script}\n` }))])
        .toEqual([script, [at('script', `read -r A PATH <<< "x:${W}/bin"`, sets('PATH', `x:${W}/bin`, PATH_FROM, `${W}/bin`))]]);
    }
    // (IFS only read, or given to one program: the default still; bash 5.2 run, `OLD=$IFS; echo "$IFS"; IFS=: true; IFS=: export X; read -r A PATH <<<
    // "x:/ws/bin"; curl x` ran the system's curl)
    const kept = `OLD=$IFS\necho "$IFS"\nIFS=: true\nIFS=: export X\nread -r A PATH <<< "x:${W}/bin"\ncurl x`;
    expect(check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\n${kept}\n` }))).toEqual([]);
    // (but given to a special builtin in a shell that may not be bash out of posix mode, which keeps it: dash 0.5.12, busybox ash and bash --posix run,
    // `IFS=: export X; read -r A PATH <<EOF` of `x:/ws/bin`, then `curl x`, ran the workspace's curl)
    for (const shebang of ['#!/bin/sh\n', '', '#!/bin/bash --posix\n', '#!/bin/bash\nset -o posix\n']) {
      const script = `${shebang}OLD=$IFS\nIFS=: true\nIFS=: export X\nread -r A PATH <<EOF\nx:${W}/bin\nEOF\ncurl x\n`;
      expect([script, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script }))])
        .toEqual([script, [at('script', 'read -r A PATH <<EOF', sets('PATH', `x:${W}/bin`, PATH_FROM, `${W}/bin`))]]);
    }
    // read's own IFS for the names it sets, PATH given one of them after (bash 5.2 run: `IFS=: read -r A P <<< "x:/ws/bin"; export PATH="$P"; curl x`
    // ran the workspace's curl)
    const prefixed = `IFS=: read -r A P <<< "x:${W}/bin"\nexport PATH="$P"\ncurl x`;
    expect(check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\n${prefixed}\n` })))
      .toEqual([at('script', 'export PATH="$P"', sets('PATH', `${W}/bin`, PATH_FROM, `${W}/bin`))]);
    // a value given with a redirection, or by `export -n NAME=VALUE`, replaces it (bash 5.2 run: `export PATH=/ws/bin; PATH=/usr/bin:/bin 2>/dev/null;
    // curl --version` and the same with `export -n PATH=/usr/bin:/bin` ran the system's curl; `A=1; A=2 < /nonexistent; echo $A` printed 2)
    for (const line of ['PATH=/usr/bin:/bin 2>/dev/null', 'export -n PATH=/usr/bin:/bin']) {
      const script = `export PATH=${W}/bin\n${line}\ncurl x`;
      expect([script, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\n${script}\n` }))]).toEqual([script, []]);
    }
  });

  test('the script: what a builtin sets (printf -v, read of a here-string, hash -p, BASH_CMDS), and what the code eval or a shell runs sets', () => {
    const W = '$(workspaces.source.path)';
    const PATH_FROM = 'the shell looks programs up in';
    // bash 5.2 run: after each, `curl x` ran the curl of the directory named
    const cases: Array<[string, string]> = [
      [`printf -v PATH '%s:%s' "${W}/bin" "$PATH"`, `${W}/bin:$PATH`],
      [`printf -v PATH -- "${W}/bin:%s" "$PATH"`, `${W}/bin:$PATH`],
      [`read -r PATH <<< "${W}/bin:/usr/bin"`, `${W}/bin:/usr/bin`],
      [`read -r PATH REST <<< "  ${W}/bin  /opt"`, `${W}/bin`],
      [`eval "export PATH=${W}/bin:$PATH"`, `${W}/bin:$PATH`],
      [`eval "PATH=${W}/bin:$PATH"`, `${W}/bin:$PATH`],
      [`eval 'declare -x PATH="${W}/bin:$PATH"'`, `${W}/bin:$PATH`],
    ];
    for (const [line, value] of cases) {
      expect([line, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\n${line}\ncurl x\n` }))])
        .toEqual([line, [at('script', line, sets('PATH', value, PATH_FROM, `${W}/bin`))]]);
    }
    // the code a shell runs itself: sh -c, a shell's heredoc, source of its input (bash 5.2 run: each ran the workspace's curl)
    const shells: Array<[string, string]> = [
      [`sh -c 'export PATH="${W}/bin:$PATH"; curl x'`, `sh -c 'export PATH="${W}/bin:$PATH"; curl x'`],
      [`bash <<'EOF'\nexport PATH=${W}/bin:$PATH\ncurl x\nEOF`, "bash <<'EOF'"],
      [`source /dev/stdin <<< "export PATH=${W}/bin:$PATH"`, `source /dev/stdin <<< "export PATH=${W}/bin:$PATH"`],
    ];
    for (const [written, line] of shells) {
      expect([written, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\n${written}\ncurl x\n` }))])
        .toEqual([written, [at('script', line, sets('PATH', `${W}/bin:$PATH`, PATH_FROM, `${W}/bin`))]]);
    }
    // read with its other options, and a line split by IFS, as bash 5.2 reads them (run for each: the workspace's curl ran)
    const reads: Array<[string, string]> = [
      [`IFS=: read -r A PATH <<< "x:${W}/bin"`, `${W}/bin`],
      [`read -p 'dir> ' PATH <<< "${W}/bin:/usr/bin"`, `${W}/bin:/usr/bin`],
      [`read -rd, PATH <<< "${W}/bin,/usr/bin"`, `${W}/bin`],
      [`read -r -d '' PATH <<< "${W}/bin:/usr/bin"`, `${W}/bin:/usr/bin`],
      [`read -n 40 -r PATH <<< "${W}/bin:/usr/bin"`, `${W}/bin:/usr/bin`],
      [`read -rst 5 PATH REST <<< "${W}/bin /opt"`, `${W}/bin`],
      // (`-u 0` reads the here-string: bash 5.2 run, the workspace's curl ran)
      [`read -u 0 PATH <<< "${W}/bin"`, `${W}/bin`],
    ];
    for (const [line, value] of reads) {
      expect([line, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\n${line}\ncurl x\n` }))])
        .toEqual([line, [at('script', line, sets('PATH', value, PATH_FROM, `${W}/bin`))]]);
    }
    // IFS set before read, not only as its prefix, where that surely ran (bash 5.2 run: `IFS=:; read -r A PATH <<< "x:/ws/bin"` ran the
    // workspace's curl; `IFS=:; unset IFS` splits as the default, `read -r PATH A <<< "/ws/bin:x"` too)
    for (const [script, line] of [[`IFS=:\nread -r A PATH <<< "x:${W}/bin"`, `read -r A PATH <<< "x:${W}/bin"`],
      [`export IFS=:\nread -r A PATH <<< "x:${W}/bin"`, `read -r A PATH <<< "x:${W}/bin"`], [`IFS=:\nunset IFS\nread -r PATH A <<< "${W}/bin x"`, `read -r PATH A <<< "${W}/bin x"`]]) {
      expect([script, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\n${script}\ncurl x\n` }))])
        .toEqual([script, [at('script', line, sets('PATH', `${W}/bin`, PATH_FROM, `${W}/bin`))]]);
    }
    for (const script of [`IFS=:\nread -r PATH A <<< "/usr/bin:${W}/bin"`, `IFS=,\nread -r A PATH <<< "x ${W}/bin"`]) {
      expect([script, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\n${script}\ncurl x\n` }))]).toEqual([script, []]);
    }
    // -N: exactly N characters, not split (the line of /workspace/source/bin, 21)
    expect(check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: '#!/bin/bash\nread -N 21 PATH <<< "/workspace/source/bin:/x y"\ncurl x\n' })))
      .toEqual([at('script', 'read -N 21 PATH <<< "/workspace/source/bin:/x y"', sets('PATH', '/workspace/source/bin', PATH_FROM, '/workspace/source/bin'))]);
    // (the line break bash adds to a here-string, and echo's, read by -N and by a -d the text does not hold: bash 5.2 run, `read -N 30 PATH <<< /ws`,
    // `IFS=, read -d : PATH <<< /ws` and, with lastpipe, `echo /ws | read -N 30 PATH` left PATH /ws and a line break, and curl was not found; with
    // `echo -n`, or N the text's length, /ws's curl ran)
    for (const script of ['read -N 30 PATH <<< "/workspace/source"', 'IFS=, read -d : PATH <<< "/workspace/source"', 'shopt -s lastpipe\necho /workspace/source | read -N 30 PATH']) {
      expect([script, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\n${script}\ncurl x\n` }))]).toEqual([script, []]);
    }
    for (const [script, line] of [['read -N 17 PATH <<< "/workspace/source"', 'read -N 17 PATH <<< "/workspace/source"'],
      ['shopt -s lastpipe\necho -n /workspace/source | read -N 30 PATH', 'read -N 30 PATH']]) {
      expect([script, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\n${script}\ncurl x\n` }))])
        .toEqual([script, [at('script', line, sets('PATH', '/workspace/source', PATH_FROM, '/workspace/source'))]]);
    }
    // what they leave of PATH holds no workspace: the field before IFS's delimiter, a line cut before it, an array (not PATH's value), another input
    for (const line of [`IFS=: read -r PATH A <<< "/usr/bin:${W}/bin"`, `read -d: PATH <<< "/usr/bin:${W}/bin"`, `read -n 8 PATH <<< "/usr/bin${W}/bin"`,
      `read -ra PATH <<< "${W}/bin"`, `read -u 3 PATH <<< "${W}/bin"`,
      // (`-t 0` reads nothing: bash 5.2 run, `read -t 0 PATH <<< /ws/bin; curl` ran the system's curl)
      `read -t 0 PATH <<< "${W}/bin"`, `read -rt 0.0 PATH <<< "${W}/bin"`]) {
      expect([line, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\n${line}\ncurl x\n` }))]).toEqual([line, []]);
    }
    // read of a heredoc: its first line
    expect(check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\nread -r LD_PRELOAD <<EOF\n${W}/x.so\nEOF\nexport LD_PRELOAD\ncurl x\n` })))
      .toEqual([at('script', 'read -r LD_PRELOAD <<EOF', sets('LD_PRELOAD', `${W}/x.so`, LOADER, `${W}/x.so`))]);
    // hash -p FILE NAME, BASH_CMDS[NAME]=FILE: bash runs FILE for NAME (bash 5.2 run: `hash -p /tmp/hb/curl curl; curl` ran /tmp/hb/curl)
    const HASH_FIX = "Run curl from the image's own files (drop `hash -p` and BASH_CMDS[curl]), not from a workspace's or a shared volume's, or split the task: "
      + 'run what the repository builds in a task without credentials, and give the task that needs them only what it checks.';
    const hashed = (file: string) => `makes bash run ${file} for curl (hash -p, BASH_CMDS[curl]): ${file} lies in a workspace the repository fills, so what runs as curl is the repository's code`;
    for (const [line, file] of [[`hash -p "${W}/bin/curl" curl`, `${W}/bin/curl`], [`BASH_CMDS[curl]=${W}/bin/curl`, `${W}/bin/curl`], ['hash -p bin/curl curl', 'bin/curl']]) {
      expect(check(taskWith({ name: 'build', image: IMAGE, workingDir: W, script: `#!/bin/bash\n${line}\ncurl x\n` })))
        .toEqual([{ ...found('script', line, hashed(file)), fix: HASH_FIX }]);
    }
    // BASH_CMDS assigned as a whole (bash 5.2 run: each ran the workspace's curl for curl), the element's quotes removed
    for (const [line, file] of [[`BASH_CMDS+=([curl]=${W}/bin/curl)`, `${W}/bin/curl`], [`BASH_CMDS=([x]=/usr/bin/x [curl]="${W}/bin/curl")`, `${W}/bin/curl`],
      [`declare -A BASH_CMDS=([curl]='${W}/bin/curl')`, `${W}/bin/curl`]]) {
      expect([line, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\n${line}\ncurl x\n` }))])
        .toEqual([line, [{ ...found('script', line, hashed(file)), fix: HASH_FIX }]]);
    }
    // printf -vNAME, the name joined (bash 5.2 run: the workspace's curl ran)
    const joined = `printf -vPATH '%s:%s' "${W}/bin" "$PATH"`;
    expect(check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\n${joined}\ncurl x\n` })))
      .toEqual([at('script', joined, sets('PATH', `${W}/bin:$PATH`, 'the shell looks programs up in', `${W}/bin`))]);
    // read of a process substitution echo or printf prints to it (bash 5.2 run: the workspace's curl ran)
    for (const [line, value] of [[`read -r PATH < <(echo "${W}/bin")`, `${W}/bin`], [`read -r PATH < <(printf '%s:/usr/bin\\n' "${W}/bin")`, `${W}/bin:/usr/bin`]]) {
      expect([line, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\n${line}\ncurl x\n` }))])
        .toEqual([line, [at('script', line, sets('PATH', value, 'the shell looks programs up in', `${W}/bin`))]]);
    }
    // eval of what a command substitution prints, echo or printf of a known text (bash 5.2 run: `eval "$(echo export PATH=/ws/bin:\$PATH)"`,
    // `eval $(printf 'PATH=%s\n' /ws/bin)`, then `curl x`, each ran the workspace's curl); the image's directory, or what it does not know, not so
    for (const [line, value] of [[`eval "$(echo export PATH=${W}/bin:\\$PATH)"`, `${W}/bin:$PATH`], [`eval $(printf 'PATH=%s\\n' ${W}/bin)`, `${W}/bin`],
      [`eval "$(echo export LD_PRELOAD=${W}/bin/x.so)"`, `${W}/bin/x.so`]]) {
      const name = /(PATH|LD_PRELOAD)=/.exec(line)![1];
      expect([line, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\n${line}\ncurl x\n` }))])
        .toEqual([line, [at('script', line, sets(name, value, name === 'PATH' ? PATH_FROM : LOADER, value.replace(/:.*/, '')))]]);
    }
    for (const line of ['eval "$(echo export PATH=/opt/bin:\\$PATH)"', 'eval "$(tool env)"']) {
      expect([line, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\n${line}\ncurl x\n` }))]).toEqual([line, []]);
    }
    // read as a pipeline's last stage, which bash runs in the shell itself with lastpipe set (a script runs without job control): what
    // echo or printf prints (bash 5.2 run: the workspace's curl ran; without lastpipe, or the pipeline run with `&`, the system's)
    for (const [line, value] of [[`echo "${W}/bin" | read -r PATH`, `${W}/bin`], [`printf '%s:/usr/bin\\n' "${W}/bin" | IFS=: read -r PATH REST`, `${W}/bin`]]) {
      const last = line.slice(line.indexOf('| ') + 2);
      expect([line, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\nshopt -s lastpipe\n${line}\ncurl x\n` }))])
        .toEqual([line, [at('script', last, sets('PATH', value, 'the shell looks programs up in', `${W}/bin`))]]);
    }
    for (const script of [`echo "${W}/bin" | read -r PATH`, `shopt -s lastpipe\necho "${W}/bin" | read -r PATH &`,
      `shopt -s lastpipe\nprintf '%s:/usr/bin\\n' "${W}/bin" | IFS=: read -r REST PATH`]) {
      expect([script, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\n${script}\ncurl x\n` }))]).toEqual([script, []]);
    }
    // source or . of a process substitution echo or printf prints into: that code runs in the shell (bash 5.2 run: the workspace's curl ran)
    for (const [line, value] of [[`source <(echo "export PATH=${W}/bin:\\$PATH")`, `${W}/bin:$PATH`], [`. <(printf 'PATH=%s\\n' "${W}/bin")`, `${W}/bin`]]) {
      expect([line, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\n${line}\ncurl x\n` }))])
        .toEqual([line, [at('script', line, sets('PATH', value, 'the shell looks programs up in', `${W}/bin`))]]);
    }
    for (const line of ['source <(echo "export PATH=/usr/bin")', 'source <(cat env)', `cat <(echo "export PATH=${W}/bin")`]) {
      expect([line, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\n${line}\ncurl x\n` }))]).toEqual([line, []]);
    }
    // ${PATH:=VALUE}, ${PATH=VALUE}: whether PATH is unset (or empty) there is not known, read as set (bash 5.2 run: after `unset PATH`, each
    // ran the workspace's curl)
    for (const [line, where] of [[`: "\${PATH:=${W}/bin}"`, 'unset or empty'], [`: \${PATH=${W}/bin}`, 'unset']]) {
      expect([line, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\nunset PATH\n${line}\ncurl x\n` }))])
        .toEqual([line, [at('script', line, sets('PATH', `${W}/bin`, 'the shell looks programs up in', `${W}/bin`).replace('sets PATH to', `sets PATH, where it is ${where}, to`))]]);
    }
    for (const line of ['read -r PATH < <(echo /usr/bin)', `read -r X < <(echo "${W}/bin")`, 'read -r PATH < <(cat dirs)', ': "${PATH:=/usr/bin}"', `: "\${X:=${W}/bin}"`, `echo "\${PATH:-${W}/bin}"`]) {
      expect([line, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\n${line}\ncurl x\n` }))]).toEqual([line, []]);
    }
    // PATH made an array: bash 5.2 then looks programs up in the working directory (run in a directory holding ./curl: each ran it)
    // (with more than one element, in a directory of it: bash 5.2 ran the curl of a directory of it named by the byte 1)
    const ARRAY = 'sets PATH to an array, which bash then does not read as a list of directories: it looks programs up in the working directory (or, where it '
      + 'has more than one element, in a directory of it), which lies in a workspace the repository fills, so what runs loads its code or configuration from the repository';
    for (const line of ['PATH=(/usr/bin)', 'declare -a PATH=(/usr/local/bin /usr/bin)', 'PATH+=(/usr/bin)', 'read -ra PATH <<< /usr/bin', 'read -r -a PATH < /tmp/dirs',
      'mapfile -t PATH < /tmp/dirs', 'declare -a PATH', 'declare -ga X PATH=/usr/bin']) {
      expect([line, check(taskWith({ name: 'build', image: IMAGE, workingDir: W, script: `#!/bin/bash\n${line}\ncurl x\n` }))]).toEqual([line, [at('script', line, ARRAY)]]);
      // (the working directory not a workspace's; another variable an array)
      expect([line, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\n${line}\ncurl x\n` }))]).toEqual([line, []]);
    }
    // (the last -a's array: bash 5.2 run, `read -a X -a PATH <<< /usr/bin` made PATH an array, `read -a PATH -a X` X alone)
    expect(check(taskWith({ name: 'build', image: IMAGE, workingDir: W, script: '#!/bin/bash\nread -a X -a PATH <<< /usr/bin\ncurl x\n' })))
      .toEqual([at('script', 'read -a X -a PATH <<< /usr/bin', ARRAY)]);
    for (const line of ['DIRS=(/usr/bin)', 'read -ra P <<< /usr/bin', 'read -rp PATH X <<< /usr/bin', 'declare -x PATH', 'declare -A PATH', 'mapfile -t DIRS < /tmp/dirs',
      'read -a PATH -a X <<< /usr/bin']) {
      expect([line, check(taskWith({ name: 'build', image: IMAGE, workingDir: W, script: `#!/bin/bash\n${line}\ncurl x\n` }))]).toEqual([line, []]);
    }
    // the image's own directories and files, a value not known, a name read with other words
    for (const line of ['printf -v PATH "%s:%s" /opt/bin "$PATH"', 'printf -vPATH "%s:%s" /opt/bin "$PATH"', 'BASH_CMDS+=([curl]=/usr/bin/curl)', 'read -r PATH <<< "/opt/bin:/usr/bin"', 'eval "export PATH=/opt/bin:$PATH"', 'hash -p /usr/bin/curl curl',
      'BASH_CMDS[curl]=/usr/local/bin/curl', `printf -v PATH '%d' "${W}"`, `read -r X PATH <<< "${W}/bin"`, `read PATH <<< "${W}\\bin"`, `hash -p ${W}/bin/curl`, 'eval "export PATH=$OPT/bin:$PATH"']) {
      expect([line, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\n${line}\ncurl x\n` }))]).toEqual([line, []]);
    }
  });

  test('the script: what is assigned through a nameref (declare -n, local -n, typeset -n) is its target\'s', () => {
    const W = '$(workspaces.source.path)';
    const PATH_FROM = 'the shell looks programs up in';
    const through = (ref: string, value: string) => sets('PATH', value, PATH_FROM, `${W}/bin`).replace('sets PATH to ', `sets PATH (through the nameref ${ref}) to `);
    // bash 5.2 run: after each, `curl x` ran the curl of the directory named
    const cases: Array<[string, string, string, string]> = [
      [`declare -n P=PATH; P="${W}/bin:$P"`, `P="${W}/bin:$P"`, 'P', `${W}/bin:$P`],
      [`f() { local -n P=PATH; P="${W}/bin:$P"; }; f`, `P="${W}/bin:$P"`, 'P', `${W}/bin:$P`],
      [`typeset -n P=PATH; printf -v P '%s:%s' "${W}/bin" "$PATH"`, `printf -v P '%s:%s' "${W}/bin" "$PATH"`, 'P', `${W}/bin:$PATH`],
      [`declare -n Q=PATH; declare -n P=Q; read -r P <<< "${W}/bin:/usr/bin"`, `read -r P <<< "${W}/bin:/usr/bin"`, 'P', `${W}/bin:/usr/bin`],
      [`declare -gn P=PATH; export P="${W}/bin:$PATH"`, `export P="${W}/bin:$PATH"`, 'P', `${W}/bin:$PATH`],
    ];
    for (const [written, line, ref, value] of cases) {
      expect([written, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\n${written.replace(/; /g, '\n')}\ncurl x\n` }))])
        .toEqual([written, [{ ...found('script', line, through(ref, value)), fix: ENV_FIX('PATH') }]]);
    }
    // a nameref whose target is not known here (a variable, an argument) may name PATH (bash 5.2 run: `set -- PATH; declare -n P="$1";
    // P=/ws/bin; curl` ran the workspace's curl); one the script's variable fixes is that variable's
    const unnamed = `declare -n P="$1"; P="${W}/bin"`;
    const unknownTarget = sets('PATH', `${W}/bin`, PATH_FROM, `${W}/bin`)
      .replace('sets PATH to ', 'sets a variable whose name is not known here (PATH, LD_PRELOAD …; through the nameref P, whose target is $1), read as PATH, to ');
    expect(check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\n${unnamed.replace(/; /g, '\n')}\ncurl x\n` })))
      .toEqual([unnamedAt(`P="${W}/bin"`, unknownTarget)]);
    // (one declared without a target takes the first value assigned to it as its target: bash 5.2 run, `declare -n R; R=PATH; R=/ws/bin; curl x` ran the
    // workspace's curl)
    expect(check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\ndeclare -n R\nR=PATH\nR="${W}/bin"\ncurl x\n` })))
      .toEqual([unnamedAt(`R="${W}/bin"`, sets('PATH', `${W}/bin`, PATH_FROM, `${W}/bin`).replace('sets PATH to ',
        'sets a variable whose name is not known here (PATH, LD_PRELOAD …; through the nameref R, whose target is its first value), read as PATH, to '))]);
    expect(check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\nT=PATH\ndeclare -n P="$T"\nP="${W}/bin"\ncurl x\n` })))
      .toEqual([{ ...found('script', `P="${W}/bin"`, through('P', `${W}/bin`)), fix: ENV_FIX('PATH') }]);
    // a nameref to another variable, or a plain variable named as one, or a value of the image's: not PATH
    for (const written of [`declare -n P=OTHER; P="${W}/bin:$P"`, `declare P=PATH; P="${W}/bin"`, `declare -n P=PATH; Q="${W}/bin"`, 'declare -n P="$1"; P=/opt/bin']) {
      expect([written, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\n${written.replace(/; /g, '\n')}\ncurl x\n` }))]).toEqual([written, []]);
    }
  });

  test("the container's env from a ConfigMap checked with it (envFrom, valueFrom.configMapKeyRef): its value read as env's", () => {
    const W = '$(workspaces.source.path)';
    const configMap = (data: Record<string, unknown>, name = 'tools', namespace = 'ci') => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data });
    const tools = configMap({ PATH: `${W}/bin:/usr/bin`, LD_PRELOAD: '/workspace/source/x.so' });
    const stepWith = (more: any) => taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: crane, ...more });
    // the kubelet sets each key of envFrom's ConfigMap (its prefix before it), and a configMapKeyRef's key
    expect(check(stepWith({ envFrom: [{ configMapRef: { name: 'tools' } }] }), pipeline(), tools)).toEqual([at('envFrom[0].configMapRef', `${W}/bin:/usr/bin`,
      `sets PATH to ${W}/bin:/usr/bin (key 'PATH' of the ConfigMap 'tools', through envFrom), which the shell looks programs up in: ${W}/bin lies in a workspace the repository fills, `
      + 'so what runs loads its code or configuration from the repository')]);
    expect(check(stepWith({ envFrom: [{ prefix: 'LD_', configMapRef: { name: 'tools' } }] }), pipeline(), configMap({ PRELOAD: './x.so' }, 'tools'))).toEqual([]);
    expect(check(stepWith({ envFrom: [{ prefix: 'LD_', configMapRef: { name: 'tools' } }], workingDir: W }), pipeline(), configMap({ PRELOAD: './x.so' }, 'tools')))
      .toEqual([at('envFrom[0].configMapRef', './x.so', `sets LD_PRELOAD to ./x.so (key 'PRELOAD' of the ConfigMap 'tools', through envFrom), which ${LOADER}: ./x.so lies in a `
        + 'workspace the repository fills, so what runs loads its code or configuration from the repository')]);
    expect(check(stepWith({ env: [{ name: 'LD_PRELOAD', valueFrom: { configMapKeyRef: { name: 'tools', key: 'LD_PRELOAD' } } }] }), pipeline(), tools))
      .toEqual([at('env.LD_PRELOAD', '/workspace/source/x.so', sets('LD_PRELOAD', "/workspace/source/x.so (key 'LD_PRELOAD' of the ConfigMap 'tools')", LOADER, '/workspace/source/x.so'))]);
    // env replaces what envFrom set: PATH of the image's directories
    expect(check(stepWith({ envFrom: [{ configMapRef: { name: 'tools' } }], env: [{ name: 'PATH', value: '/usr/local/bin:/usr/bin' }, { name: 'LD_PRELOAD', value: '' }] }),
      pipeline(), tools)).toEqual([]);
    // the image's directories; a ConfigMap not checked with it, of another namespace, or that the API server refuses: not known here, not read
    expect(check(stepWith({ envFrom: [{ configMapRef: { name: 'tools' } }] }), pipeline(), configMap({ PATH: '/usr/local/bin:/usr/bin' }))).toEqual([]);
    expect(check(stepWith({ envFrom: [{ configMapRef: { name: 'tools' } }], env: [{ name: 'P', valueFrom: { configMapKeyRef: { name: 'tools', key: 'PATH' } } }] }))).toEqual([]);
    expect(check(stepWith({ envFrom: [{ configMapRef: { name: 'tools' } }] }), pipeline(), configMap({ PATH: `${W}/bin` }, 'tools', 'other'))).toEqual([]);
    expect(check(stepWith({ envFrom: [{ configMapRef: { name: 'tools' } }] }), pipeline(), configMap({ PATH: `${W}/bin`, N: 1 }))).toEqual([]);
  });

  test("a Task's step that reads a Secret itself: its env from a ConfigMap checked with it is read as on a pipeline's", () => {
    const configMap = (data: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'tools' }, data });
    /** Task `t` whose step `s` mounts the Secret `aws` and runs crane, with `more` of the step. */
    const task = (more: any) => ({
      apiVersion: 'tekton.dev/v1',
      kind: 'Task',
      metadata: { name: 't' },
      spec: {
        workspaces: [{ name: 'source' }],
        volumes: [{ name: 'creds', secret: { secretName: 'aws' } }],
        steps: [{ name: 's', image: IMAGE, workingDir: '/tmp', volumeMounts: [{ name: 'creds', mountPath: '/opt/creds' }], script: '#!/bin/sh\ncrane push x y\n', ...more }],
      },
    });
    const own = (t: any, ...more: any[]) => CREDENTIALS_WITH_REPO_CODE.check(t, ruleContext([t, ...more]));
    const problem = (said: string, secret = "the Secret 'aws' mounted at /opt/creds") => `sets PATH to /workspace/source/bin:/usr/bin (${said}), which the shell looks `
      + 'programs up in: /workspace/source/bin lies in a workspace the repository fills, so what runs loads its code or configuration from the repository, in a step '
      + `that reads ${secret}: code from the repository can read it`;
    const OWN_FIX = 'Give the Secret to a step (or task) of its own that runs no repository code, and pass what the build makes to it through a workspace '
      + '(the library\'s ContainerBuild and ImagePush do).';
    const finding = (property: string, said: string, secret?: string) => ({
      rule: RuleId.CREDENTIALS_WITH_REPO_CODE,
      kind: 'Task',
      name: 't',
      location: "step 's'",
      target: 'step/s',
      property,
      value: '/workspace/source/bin:/usr/bin',
      problem: problem(said, secret),
      fix: OWN_FIX,
    });
    const keyRef = { name: 'PATH', valueFrom: { configMapKeyRef: { name: 'tools', key: 'P' } } };
    // the kubelet sets PATH from the ConfigMap; bash 5.2 run with that PATH: `crane` ran the workspace's bin/crane
    expect(own(task({ env: [keyRef] }), configMap({ P: '/workspace/source/bin:/usr/bin' })))
      .toEqual([finding('env.PATH', "key 'P' of the ConfigMap 'tools'")]);
    expect(own(task({ envFrom: [{ configMapRef: { name: 'tools' } }] }), configMap({ PATH: '/workspace/source/bin:/usr/bin' })))
      .toEqual([finding('envFrom[0].configMapRef', "key 'PATH' of the ConfigMap 'tools', through envFrom")]);
    expect(own(task({ envFrom: [{ prefix: 'PA', configMapRef: { name: 'tools' } }] }), configMap({ TH: '/workspace/source/bin:/usr/bin' })))
      .toEqual([finding('envFrom[0].configMapRef', "key 'TH' of the ConfigMap 'tools', through envFrom")]);
    // a Secret in env beside it
    expect(own(task({ env: [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 's', key: 't' } } }, keyRef] }), configMap({ P: '/workspace/source/bin:/usr/bin' })))
      .toEqual([finding('env.PATH', "key 'P' of the ConfigMap 'tools'", "the Secret 's' in env TOKEN (and 1 more)")]);
    // the image's directories, or a ConfigMap not checked with it: not reported
    expect(own(task({ env: [keyRef] }), configMap({ P: '/usr/local/bin:/usr/bin' }))).toEqual([]);
    expect(own(task({ envFrom: [{ configMapRef: { name: 'tools' } }] }), configMap({ PATH: '/usr/local/bin:/usr/bin' }))).toEqual([]);
    expect(own(task({ env: [keyRef] }))).toEqual([]);
  });

  test('the script: enable -f loads a shared object of a workspace into bash', () => {
    const W = '$(workspaces.source.path)';
    // bash 5.2 run: each ran the constructor of the .so (a name without `/` from the working directory); then refused the missing builtin
    const LOADS = (file: string) => `loads ${file} into bash (enable -f), a shared object of a workspace the repository fills: its code runs in the shell`;
    for (const [line, file] of [[`enable -f "${W}/x.so" name`, `${W}/x.so`], ['enable -f x.so name', 'x.so'], ['enable -sf ./x.so name', './x.so'], ['enable -n -fx.so name', 'x.so']]) {
      expect([line, check(taskWith({ name: 'build', image: IMAGE, workingDir: W, script: `#!/bin/bash\n${line}\n` }))]).toEqual([line, [found('script', line, LOADS(file))]]);
    }
    // a name without `/` looked up in the BASH_LOADABLES_PATH the script, a prefix or the container's env sets (exported or not; bash 5.2 run:
    // each ran the constructor of the workspace's x.so)
    const FROM = (dir: string, value: string) => `loads x.so into bash (enable -f) from ${dir}, which BASH_LOADABLES_PATH=${value} lists, a directory of a workspace `
      + 'the repository fills: its code runs in the shell';
    const lookedUp: Array<[string, any, string, string]> = [
      [`BASH_LOADABLES_PATH=${W}/lib\nenable -f x.so name`, {}, `${W}/lib`, `${W}/lib`],
      [`BASH_LOADABLES_PATH=/usr/lib/bash:${W}/lib enable -f x.so name`, {}, `${W}/lib`, `/usr/lib/bash:${W}/lib`],
      ['enable -f x.so name', { env: [{ name: 'BASH_LOADABLES_PATH', value: '/workspace/source/lib' }] }, '/workspace/source/lib', '/workspace/source/lib'],
      ['BASH_LOADABLES_PATH=/usr/lib/bash:.\nenable -f x.so name', { workingDir: W }, 'the working directory', '/usr/lib/bash:.'],
    ];
    for (const [script, more, dir, value] of lookedUp) {
      const line = script.split('\n').pop()!;
      expect([script, check(taskWith({ name: 'build', image: IMAGE, workingDir: '/tmp', script: `#!/bin/bash\n${script}\n`, ...more }))])
        .toEqual([script, [found('script', line, FROM(dir, value))]]);
    }
    // BASH_LOADABLES_PATH of the image's directories alone: a name found in none is not the working directory's (bash 5.2 run: the workspace's y.so
    // did not load), nor a path with `/`, which bash opens as written
    for (const script of ['BASH_LOADABLES_PATH=/usr/lib/bash\nenable -f x.so name', `BASH_LOADABLES_PATH=${W}/lib\nenable -f /usr/lib/bash/sleep sleep`]) {
      expect([script, check(taskWith({ name: 'build', image: IMAGE, workingDir: W, script: `#!/bin/bash\n${script}\n` }))]).toEqual([script, []]);
    }
    // a loadable builtin of the image, enable without -f, or in a working directory outside the workspaces
    for (const [line, dir] of [['enable -f /usr/lib/bash/sleep sleep', W], ['enable -n echo', W], ['enable -f x.so name', '/tmp']]) {
      expect([line, check(taskWith({ name: 'build', image: IMAGE, workingDir: dir, script: `#!/bin/bash\n${line}\n` }))]).toEqual([line, []]);
    }
  });
});

describe('CREDENTIALS_WITH_REPO_CODE: tools that run the commands of a workspace file or of their options (ssh -F, tar, ansible-playbook, pulumi, poetry)', () => {
  const W = '$(workspaces.source.path)';
  const inWorkspace = (line: string) => check(taskWith({ name: 'build', image: IMAGE, workingDir: W, script: `#!/bin/sh\n${line}\n` }));
  test.each([
    // OpenSSH 9.2 run: the ProxyCommand and the Match exec of the file -F names ran
    ['ssh -F ./ssh_config deploy-host true',
      'runs ssh with the configuration ./ssh_config, a file of a workspace the repository fills, whose ProxyCommand, LocalCommand and Match exec run commands'],
    ['scp -q -F ssh/config a host:b',
      'runs scp with the configuration ssh/config, a file of a workspace the repository fills, whose ProxyCommand, LocalCommand and Match exec run commands'],
    ['ssh -o ProxyCommand=./hack/proxy host true', `runs ssh with -o ProxyCommand=./hack/proxy, whose command ${WORKSPACE_FILE}`],
    // GNU tar 1.34 run: each ran ./x of its working directory, through /bin/sh
    ['tar -cf /tmp/a.tar --checkpoint=1 --checkpoint-action=exec=./x .', `runs tar with --checkpoint-action=exec=./x, whose command ${WORKSPACE_FILE}`],
    ["tar -xf /tmp/a.tar --to-com 'sh ./y'", `runs tar with --to-command=sh ./y, whose command ${WORKSPACE_FILE}`],
    ['tar -cf /tmp/b.tar -I ./z .', `runs tar with -I ./z, whose command ${WORKSPACE_FILE}`],
    // an interactive bash sources $HOME/.bashrc (bash 5.2 run: HOME="$PWD" bash -i -c true sources ./.bashrc)
    ['HOME="$PWD" bash -i -c true', 'sets HOME to $PWD, which tools read their configuration from (git aliases, ~/.npmrc, ~/.ssh/config run commands): the working '
      + 'directory lies in a workspace the repository fills, so what runs loads its code or configuration from the repository'],
    // the plugins beside the playbook and the working directory's ansible.cfg; the project's program; the build before the upload
    ['ansible-playbook -i inventory site.yml', BUILDS],
    ['pulumi up --yes --stack prod', BUILDS],
    ['pulumi preview', BUILDS],
    ['poetry publish --build', BUILDS],
    ['poetry build', BUILDS],
  ])('non-compliant: %s', (line, why) => {
    const fix = why.startsWith('sets HOME') ? 'Set HOME to the image\'s own directories and files (or leave it unset), not to a workspace\'s or a shared volume\'s, or split '
      + 'the task: run what the repository builds in a task without credentials, and give the task that needs them only what it checks.' : FIX;
    expect(inWorkspace(line)).toEqual([{ ...found('script', line, why), fix }]);
  });

  test('not repository code: a configuration or command of the image, an identity file, tar\'s other checkpoint actions, poetry publish of dist, pulumi stack', () => {
    for (const line of ['ssh -F /etc/ssh/deploy_config host true', 'ssh -i ./id_ed25519 host true', 'ssh -o StrictHostKeyChecking=no host true',
      "tar -cf /tmp/a.tar --checkpoint=100 --checkpoint-action=echo='%u' .", "tar -cf /tmp/a.tar --checkpoint-action=exec='echo hi' .", 'tar -czf /tmp/a.tgz .',
      'poetry publish', 'poetry publish -r internal', 'pulumi stack output url']) {
      expect([line, inWorkspace(line)]).toEqual([line, []]);
    }
  });
});
