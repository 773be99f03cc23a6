import { Testing } from 'cdk8s';
import { describeRule, hardenedContainer, pipelineEmbedding, pipelineRunEmbedding, task, taskRunEmbedding, taskSpec } from './fixtures';
import { RuleId, SecurePipeline, SecureTask, Severity, TrustDomain } from '../../../src';
import { ruleContext } from '../../../src/policy/engine/context';
import { SECRET_IN_LOGS } from '../../../src/policy/rules/secret-in-logs';
import { chart, step } from '../../helpers/constructs';

const TOKEN_ENV = [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'reg', key: 'token' } } }];
const TOKEN = "TOKEN (Secret 'reg' key 'token')";

/** A Task whose step `push` has TOKEN from a Secret and runs `script` (and `more` fields). */
const withToken = (script: string, more: Record<string, any> = {}) =>
  task({ steps: [hardenedContainer('push', { env: TOKEN_ENV, script, ...more })] });

/** The (value, problem, fix) of each finding. */
const found = (m: any, context?: any) => SECRET_IN_LOGS.check(m, context).map((f) => [f.value, f.problem, f.fix]);
const values = (m: any, context?: any) => SECRET_IN_LOGS.check(m, context).map((f) => f.value);

const ECHO_FIX = 'Remove the command; where a program needs the value, pipe it into that program (`echo "$TOKEN" | docker login --password-stdin …`) '
  + 'or write it to a file (`> file`).';
const TRACE_FIX = 'Turn the trace off around it (`{ set +x; } 2>/dev/null` before the command, `set -x` after).';
const CAT_FIX = 'Give the file to the program that reads it (a `--password-file` option, or `< file`) instead of printing it.';
const HEREDOC_FIX = 'Write the text to a file (`cat <<EOF > file`) and give that file to the program that reads it.';
const DUMP_FIX = "Print the variables you need by name (`printenv PATH`), or leave out the Secret's (`env | grep -v '^TOKEN='`).";
const WGET_SET = (option: string, said = `wget's \`${option}\``) => `prints the value of ${TOKEN} to the log: ${said} writes each option's value given after it `
  + 'to stderr as it reads it (`Setting --NAME (NAME) to VALUE`), before any log file (`-o FILE`) opens';
const WGET_SET_FIX = (option: string) => `Drop \`${option}\` from this command: a log file does not take what it writes of the options.`;
const WGET_DEBUG = (option: string) => [
  `prints the value of ${TOKEN} to the log: wget's \`${option}\` writes each option's value it is given and each request's headers to stderr (a user:password as their base64, which decodes to it)`,
  `Drop \`${option}\` from this command, or write wget's log to a file (\`-o FILE\`).`,
];
const WGET_NETRC = (written: string) => [
  `prints the value of ${TOKEN} to the log: wget's \`-d\` writes each request's headers to stderr, and where a \`.netrc\` gives wget a user for the host `
  + `(\`machine HOST login USER\` in ~/.netrc, the image's or one the script writes), it sends the password of \`${written}\` with it in an Authorization header (their base64, which decodes to it)`,
  'Drop `-d` from this command, or write wget\'s log to a file (`-o FILE`); or, where no user is meant, drop the password or add `--no-netrc`.',
];
const traced = (what: string, by: string) =>
  `prints ${what} to the log: xtrace is on (${by}), and the shell writes each command it runs to stderr with its words expanded`;

describe('SECRET_IN_LOGS', () => {
  describeRule(SECRET_IN_LOGS, RuleId.SECRET_IN_LOGS, Severity.HIGH, true);

  test('applies to Tekton objects that hold task specs', () => {
    expect(SECRET_IN_LOGS.appliesTo(task())).toBe(true);
    expect(SECRET_IN_LOGS.appliesTo({ kind: 'ConfigMap', data: { script: 'echo' } })).toBe(false);
  });

  test('the full finding: object, step, field, the command, why and a fix', () => {
    expect(SECRET_IN_LOGS.check(withToken('#!/bin/sh\necho "token: $TOKEN"\n'))).toEqual([{
      rule: RuleId.SECRET_IN_LOGS,
      kind: 'Task',
      name: 'build',
      location: "step 'push'",
      target: 'step/push',
      property: 'script',
      value: 'echo "token: $TOKEN"',
      problem: `prints the value of ${TOKEN} to the log: echo writes it to stdout, which Tekton keeps as the step's log`,
      fix: ECHO_FIX,
    }]);
  });

  test('echo and printf to stdout or stderr print; piped into a program, redirected to a file, a length or printf -v do not', () => {
    const script = [
      '#!/bin/bash',
      'echo "$TOKEN" | docker login --password-stdin -u me registry.example.com',
      'echo "$TOKEN" > /tmp/token',
      'printf \'%s\' "$TOKEN" >> /tmp/token',
      'echo "${#TOKEN} characters"',
      'printf -v AUTH \'%s\' "$TOKEN"',
      'echo "${TOKEN:+set}"',
      'echo "token: ${TOKEN}" >&2',
      "printf 'Bearer %s\\n' \"$TOKEN\"",
      'echo "$TOKEN" | tee /tmp/copy',
      '{ echo "$TOKEN"; } > /tmp/grouped',
      'if true; then echo "$TOKEN"; fi | docker login --password-stdin',
      'token() { echo "$TOKEN"; }',
      'HEADER="Authorization: $(token)"',
    ].join('\n');
    expect(found(withToken(script))).toEqual([
      ['echo "token: ${TOKEN}" >&2', `prints the value of ${TOKEN} to the log: echo writes it to stderr, which Tekton keeps as the step's log`, ECHO_FIX],
      ["printf 'Bearer %s\\n' \"$TOKEN\"", `prints the value of ${TOKEN} to the log: printf writes it to stdout, which Tekton keeps as the step's log`,
        ECHO_FIX.replace('`echo "$TOKEN"', '`printf \'%s\' "$TOKEN"')],
      ['echo "$TOKEN" | tee /tmp/copy', `prints the value of ${TOKEN} to the log: echo writes it to stdout, which Tekton keeps as the step's log`, ECHO_FIX],
    ]);
  });

  test('a file that is standard output or error read as the kernel opens it; `/dev/fd/01` names no file (bash 5.2 run: the command does not run)', () => {
    const LOGGED = (stream: string) => `prints the value of ${TOKEN} to the log: echo writes it to ${stream}, which Tekton keeps as the step's log`;
    const script = [
      '#!/bin/bash',
      'echo "a $TOKEN" > /dev/./stderr',
      'echo "b $TOKEN" > /dev/fd/01',
      'echo "c $TOKEN" > /proc/1/fd/1',
      'echo "d $TOKEN" > //dev/fd/2',
      'echo "e $TOKEN" > /proc/self/fd/02',
      'echo "f $TOKEN" > /dev/fd/3',
      'echo "g $TOKEN" | tee //dev/stderr > /dev/null',
    ].join('\n');
    expect(found(withToken(script))).toEqual([
      ['echo "a $TOKEN" > /dev/./stderr', LOGGED('stderr'), ECHO_FIX],
      ['echo "c $TOKEN" > /proc/1/fd/1', LOGGED('stdout'), ECHO_FIX],
      ['echo "d $TOKEN" > //dev/fd/2', LOGGED('stderr'), ECHO_FIX],
      ['echo "g $TOKEN" | tee //dev/stderr > /dev/null', LOGGED('stdout'), ECHO_FIX],
    ]);
  });

  test('piped into a program that prints it (grep, awk, xargs, tac …), also from a group or a compound command; not into one that reads it', () => {
    const echoed = `prints the value of ${TOKEN} to the log: echo writes it to stdout, which Tekton keeps as the step's log`;
    const printing = ['echo "$TOKEN" | grep .', 'echo "$TOKEN" | grep -v "^$"', 'echo "$TOKEN" | awk 1', "echo \"$TOKEN\" | awk -F: '{print $2}'",
      'echo "$TOKEN" | xargs', 'echo "$TOKEN" | xargs -I{} echo {}', 'echo "$TOKEN" | tac', 'echo "$TOKEN" | nl', 'echo "$TOKEN" | dd status=none',
      'echo "$TOKEN" | cat - | paste -', "echo \"$TOKEN\" | sed ''", "echo \"$TOKEN\" | sed -n 's/a/b/p'", 'echo "$TOKEN" | sed --quiet -e p',
      "echo \"$TOKEN\" | sed -n 'w /dev/stdout'"];
    for (const line of printing) expect([line, found(withToken(`#!/bin/bash\n${line}\n`))]).toEqual([line, [[line, echoed, ECHO_FIX]]]);
    // (a group or a compound command piped: read as the pipe it feeds; one in the background writes to the log too)
    for (const line of ['{ echo "$TOKEN"; } | cat', 'if true; then echo "$TOKEN"; fi | grep .', 'for i in 1; do echo "$TOKEN"; done | sort', '{ echo "$TOKEN"; } &']) {
      expect([line, found(withToken(`#!/bin/bash\n${line}\n`))]).toEqual([line, [['echo "$TOKEN"', echoed, ECHO_FIX]]]);
    }
    const silent = ['echo "$TOKEN" | grep -q .', 'echo "$TOKEN" | grep -c .', 'echo "$TOKEN" | grep -l x', 'echo "$TOKEN" | grep -f /tmp/p',
      'echo "$TOKEN" | awk -f /tmp/prog.awk', 'echo "$TOKEN" | awk 1 /tmp/file', 'echo "$TOKEN" | xargs docker login -u me -p',
      'echo "$TOKEN" | xargs -a /tmp/list', 'echo "$TOKEN" | dd of=/tmp/t', 'echo "$TOKEN" | grep . > /tmp/t',
      '{ echo "$TOKEN"; } | docker login --password-stdin r', 'if true; then echo "$TOKEN"; fi | cat | docker login --password-stdin r',
      '{ echo "$TOKEN"; } | grep -q .', 'coproc { echo "$TOKEN"; }', "echo \"$TOKEN\" | sed -n 's/a/b/'", "echo \"$TOKEN\" | sed -n ''",
      "echo \"$TOKEN\" | sed -ne '/x/d' -e 's/a/b/'"];
    for (const line of silent) expect([line, found(withToken(`#!/bin/bash\n${line}\n`))]).toEqual([line, []]);
  });

  test('xtrace of a Secret file read in a command substitution: its content, what a jq filter picks of it; not a digest or a count made of it', () => {
    const volume = { volumes: [{ name: 'dc', secret: { secretName: 'reg' } }] };
    const withFile = (script: string) => task({ ...volume, steps: [hardenedContainer('push', { volumeMounts: [{ name: 'dc', mountPath: '/etc/dc' }], script })] });
    const file = "/etc/dc/.dockerconfigjson (Secret 'reg' (volume 'dc'))";
    expect(found(withFile("#!/bin/bash\nset -x\nREG=$(cat /etc/dc/.dockerconfigjson | jq -r '.auths | keys[0]')\nA=$(cat /etc/dc/.dockerconfigjson | base64 -w0)\n"))).toEqual([
      ["REG=$(cat /etc/dc/.dockerconfigjson | jq -r '.auths | keys[0]')", traced(`what \`jq -r '.auths | keys[0]'\` picks of the content of ${file}`, '`set -x`'), TRACE_FIX],
      ['A=$(cat /etc/dc/.dockerconfigjson | base64 -w0)', traced(`the content of ${file}`, '`set -x`'), TRACE_FIX],
    ]);
    expect(values(withFile('#!/bin/bash\nset -x\nSUM=$(cat /etc/dc/.dockerconfigjson | sha256sum)\nN=$(cat /etc/dc/.dockerconfigjson | wc -c)\n'))).toEqual([]);
    // (sed -n prints what its script prints: `p` does, a substitution without it does not; GNU sed 4.9 run)
    expect(found(withFile("#!/bin/bash\nsed -n 's/x/y/' /etc/dc/pw\nsed -n p /etc/dc/pw\n"))).toEqual([['sed -n p /etc/dc/pw',
      "prints the file /etc/dc/pw (Secret 'reg' (volume 'dc')) to the log: sed writes it, or a text made from it that decodes to it, to stdout, which Tekton keeps as the step's log", CAT_FIX]]);
    // (a variable assigned so, printed: what it holds is said as exactly)
    const echoed = (what: string) => `prints the value of ${what} to the log: echo writes it to stdout, which Tekton keeps as the step's log`;
    expect(found(withFile("#!/bin/bash\nREG=$(cat /etc/dc/.dockerconfigjson | jq -r '.auths | keys[0]')\necho \"$REG\"\nP=$(cat /etc/dc/pw)\necho \"$P\"\nS=$(cat /etc/dc/pw | sha256sum)\necho \"$S\"\n"))).toEqual([
      ['echo "$REG"', echoed(`REG (what \`jq -r '.auths | keys[0]'\` picks of the file ${file.replace(' (', ' of ').replace(/\)$/, '')})`), ECHO_FIX.replace('"$TOKEN"', '"$REG"')],
      ['echo "$P"', echoed("P (the file /etc/dc/pw of Secret 'reg' (volume 'dc'))"), ECHO_FIX.replace('"$TOKEN"', '"$P"')],
    ]);
  });

  test('envFrom: the keys of a Secret checked together are its variables (with its prefix); of one not checked, a variable the step does not set may be its', () => {
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'known' }, stringData: { 'password': 'x', 'user-name': 'y' } };
    const withEnvFrom = (name: string, script: string, more: Record<string, any> = {}) =>
      task({ steps: [hardenedContainer('push', { envFrom: [{ secretRef: { name }, ...more }], env: [{ name: 'MODE', value: 'fast' }], script })] });
    const known = withEnvFrom('known', '#!/bin/bash\necho "$K_password"\necho "$password $MODE"\n', { prefix: 'K_' });
    expect(found(known, ruleContext([known, secret]))).toEqual([['echo "$K_password"',
      "prints the value of K_password (Secret 'known' key 'password', by envFrom) to the log: echo writes it to stdout, which Tekton keeps as the step's log",
      ECHO_FIX.replace('"$TOKEN"', '"$K_password"')]]);
    // (the Secret at hand: a variable that is none of its keys is not its)
    const other = withEnvFrom('known', '#!/bin/bash\necho "$API_USER"\n');
    expect(values(other, ruleContext([other, secret]))).toEqual([]);
    const maybe = "a key of Secret 'creds' by envFrom, if it has one of this name: the step does not set it";
    const unknown = withEnvFrom('creds', [
      '#!/bin/bash', 'echo "user: $API_USER"', 'echo "mode $MODE home $HOME in $PWD"', 'for f in a b; do echo "$f"; done', 'read -r line < /tmp/x', 'echo "$line"',
      'X=1', 'echo "$X"', 'export Y', 'echo "$Y"', 'echo "$KUBERNETES_SERVICE_HOST"', '',
    ].join('\n'));
    expect(found(unknown, ruleContext([unknown]))).toEqual([['echo "user: $API_USER"',
      `prints the value of API_USER (${maybe}) to the log: echo writes it to stdout, which Tekton keeps as the step's log`, ECHO_FIX.replace('"$TOKEN"', '"$API_USER"')]]);
    // (a key of a ConfigMap checked together that envFrom also gives is the ConfigMap's)
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'server' }, data: { SERVER: 'argocd.example.com' } };
    const both = task({
      steps: [hardenedContainer('push', {
        envFrom: [{ configMapRef: { name: 'server' }, prefix: 'ARGO_' }, { secretRef: { name: 'creds' } }], script: '#!/bin/bash\necho "$ARGO_SERVER $ARGO_TOKEN"\n',
      })],
    });
    expect(found(both, ruleContext([both, configMap]))).toEqual([['echo "$ARGO_SERVER $ARGO_TOKEN"',
      `prints the value of ARGO_TOKEN (${maybe}) to the log: echo writes it to stdout, which Tekton keeps as the step's log`, ECHO_FIX.replace('"$TOKEN"', '"$ARGO_TOKEN"')]]);
    // (a dump names the Secret, not the guessed names)
    const dump = withEnvFrom('creds', '#!/bin/bash\nenv\necho "$X" > /tmp/x\n');
    expect(found(dump)).toEqual([['env', "prints to the log every variable with its value, each key of Secret 'creds' (envFrom) among them",
      "Print the variables you need by name (`printenv PATH`), or leave out the Secret's (`env | grep -v '^NAME='`)."]]);
  });

  test('a StepAction in the Task that runs it: what the stepTemplate gives it, told on the Task\'s step', () => {
    const action = { apiVersion: 'tekton.dev/v1beta1', kind: 'StepAction', metadata: { name: 'show' }, spec: { image: 'x', script: '#!/bin/sh\necho "$TOKEN"\n' } };
    const uses = (env: any[]) => task({ stepTemplate: { env }, steps: [{ name: 'show', ref: { name: 'show' } }] });
    const t = uses(TOKEN_ENV);
    expect(found(t, ruleContext([t, action]))).toEqual([['echo "$TOKEN"',
      `prints the value of ${TOKEN} to the log: echo writes it to stdout, which Tekton keeps as the step's log (in StepAction 'show', which this step runs)`, ECHO_FIX]]);
    // (the StepAction alone has no Secret; a stepTemplate's Secret of another name is not printed; without the StepAction at hand, nothing to read)
    expect(values(action, ruleContext([t, action]))).toEqual([]);
    const other = uses([{ name: 'OTHER', valueFrom: { secretKeyRef: { name: 'reg', key: 'token' } } }]);
    expect(values(other, ruleContext([other, action]))).toEqual([]);
    expect(values(t, ruleContext([t]))).toEqual([]);
  });

  test('a StepAction in the Task that runs it: the Task\'s Secret volume it mounts, the envFrom the step keeps, the workspace a run binds to a Secret', () => {
    const action = {
      apiVersion: 'tekton.dev/v1beta1',
      kind: 'StepAction',
      metadata: { name: 'show' },
      spec: { image: 'x', volumeMounts: [{ name: 'creds', mountPath: '/creds' }], script: '#!/bin/sh\ncat /creds/token\necho "$password"\ncat $(workspaces.auth.path)/token\n' },
    };
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'known' }, stringData: { password: 'x' } };
    const t = task({
      volumes: [{ name: 'creds', secret: { secretName: 'reg' } }],
      workspaces: [{ name: 'auth' }],
      steps: [{ name: 'show', ref: { name: 'show' }, envFrom: [{ secretRef: { name: 'known' } }] }],
    });
    const run = { apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name: 'r' }, spec: { taskRef: { name: 'build' }, workspaces: [{ name: 'auth', secret: { secretName: 'auth' } }] } };
    const inAction = " (in StepAction 'show', which this step runs)";
    expect(found(t, ruleContext([t, action, secret, run]))).toEqual([
      ['cat /creds/token', `prints the file /creds/token (Secret 'reg' (volume 'creds')) to the log: cat writes it to stdout, which Tekton keeps as the step's log${inAction}`, CAT_FIX],
      ['echo "$password"', `prints the value of password (Secret 'known' key 'password', by envFrom) to the log: echo writes it to stdout, which Tekton keeps as the step's log${inAction}`,
        ECHO_FIX.replace('"$TOKEN"', '"$password"')],
      ['cat $(workspaces.auth.path)/token', "prints the file $(workspaces.auth.path)/token (workspace 'auth', which carries credentials (a run binds it to a Secret, a CSI or a projected volume, or its pipeline declares it for credentials)) to the log: "
        + `cat writes it to stdout, which Tekton keeps as the step's log${inAction}`, CAT_FIX],
    ]);
    // (the StepAction alone mounts no Secret; a Task volume that is no Secret's is not one)
    expect(values(action, ruleContext([t, action, secret, run]))).toEqual([]);
    const plain = task({ volumes: [{ name: 'creds', emptyDir: {} }], steps: [{ name: 'show', ref: { name: 'show' } }] });
    expect(values(plain, ruleContext([plain, action]))).toEqual([]);
  });

  test('a Secrets Store CSI volume of the task, a Secret or CSI volume a run\'s pod template gives, a volume the task does not define', () => {
    const csi = { name: 'vault', csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'vault-creds' } } };
    const show = hardenedContainer('show', { volumeMounts: [{ name: 'vault', mountPath: '/vault' }], script: '#!/bin/sh\ncat /vault/token\n' });
    const printed = (said: string) => [['cat /vault/token', `prints the file /vault/token (${said}) to the log: cat writes it to stdout, which Tekton keeps as the step's log`, CAT_FIX]];
    // the task's own CSI volume (and in its stepTemplate), as a CSI workspace binding is
    expect(found(task({ volumes: [csi], steps: [show] }))).toEqual(printed("the objects of SecretProviderClass 'vault-creds' (volume 'vault')"));
    const viaTemplate = task({ volumes: [csi], stepTemplate: { volumeMounts: [{ name: 'vault', mountPath: '/vault' }] }, steps: [{ ...show, volumeMounts: [] }] });
    expect(found(viaTemplate)).toEqual(printed("the objects of SecretProviderClass 'vault-creds' (volume 'vault')"));
    // a TaskRun's podTemplate (Tekton v1.15 pod.go appends podTemplate.volumes to the task's), a PipelineRun's, a TaskRun of the Task checked together
    const spec = taskSpec({ steps: [show] });
    const run = { ...taskRunEmbedding(spec), spec: { taskSpec: spec, podTemplate: { volumes: [{ name: 'vault', secret: { secretName: 'deploy-token' } }] } } };
    expect(found(run)).toEqual(printed("Secret 'deploy-token' (volume 'vault' of the TaskRun's podTemplate)"));
    const pr = pipelineRunEmbedding(spec);
    const withTemplate = { ...pr, spec: { ...pr.spec, taskRunTemplate: { podTemplate: { volumes: [csi] } } } };
    expect(found(withTemplate)).toEqual(printed("the objects of SecretProviderClass 'vault-creds' (volume 'vault' of the PipelineRun's taskRunTemplate.podTemplate)"));
    const t = task({ steps: [show] });
    const taskRun = { apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name: 'r', namespace: 'ci' }, spec: { taskRef: { name: 'build' }, podTemplate: { volumes: [csi] } } };
    expect(found(t, ruleContext([t, taskRun]))).toEqual(printed("the objects of SecretProviderClass 'vault-creds' (volume 'vault' of the podTemplate of TaskRun 'r')"));
    // checked alone: only a pod template can give the volume, which may be a Secret
    expect(found(t)).toEqual(printed("the volume 'vault', which the task does not define (only a run's pod template, `podTemplate.volumes`, can give it: it may be a Secret)"));
    // not: the driver's mock_provider (an empty directory), a template's volume of that name that holds no credential
    expect(values(task({ volumes: [{ ...csi, csi: { ...csi.csi, volumeAttributes: { providerName: 'mock_provider' } } }], steps: [show] }))).toEqual([]);
    expect(values({ ...run, spec: { ...run.spec, podTemplate: { volumes: [{ name: 'vault', emptyDir: {} }] } } })).toEqual([]);
    expect(values(t, ruleContext([t, { ...taskRun, spec: { ...taskRun.spec, podTemplate: { volumes: [{ name: 'vault', configMap: { name: 'c' } }] } } }]))).toEqual([]);
  });

  test('a Secret\'s value written into a result: TaskRun.status, later tasks\' params and Chains\' provenance hold it', () => {
    const volume = { name: 'vault', csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'vault-creds' } } };
    const leak = (script: string) => task({
      volumes: [volume],
      results: [{ name: 'out' }],
      steps: [hardenedContainer('push', { env: TOKEN_ENV, volumeMounts: [{ name: 'vault', mountPath: '/vault' }], script })],
    });
    const FILE = "the file /vault/token (the objects of SecretProviderClass 'vault-creds' (volume 'vault'))";
    const into = (what: string, result: string) => `writes ${what} into the ${result}: Tekton copies a result into the TaskRun's status, which whoever `
      + "may get TaskRuns reads (not only who may read the Secret), into the params of the tasks that use it and into Tekton Chains' provenance";
    const FIX = 'Keep the Secret out of results: give it to the task or step that needs it (a workspace bound to the Secret, or a volume of its own), '
      + 'and write into the result only what is not secret (a digest, a name, a URL without credentials).';
    expect(found(leak('#!/bin/sh\ncp /vault/token $(results.out.path)\n'))).toEqual([
      ['cp /vault/token $(results.out.path)', into(FILE, "result 'out' (`$(results.out.path)`)"), FIX],
    ]);
    expect(found(leak('#!/bin/sh\necho -n "$TOKEN" > "$(results.out.path)"\n'))).toEqual([
      ['echo -n "$TOKEN" > "$(results.out.path)"', into(`the value of ${TOKEN}`, "result 'out' (`$(results.out.path)`)"), FIX],
    ]);
    expect(found(leak('#!/bin/sh\nR=/tekton/results/out\nT=$(cat /vault/token)\nprintf %s "$T" >> "$R"\n'))).toEqual([
      ['printf %s "$T" >> "$R"', into("the value of T (the file /vault/token of the objects of SecretProviderClass 'vault-creds' (volume 'vault'))",
        "result 'out' (`$R`, /tekton/results/out)"), FIX],
    ]);
    expect(found(leak('#!/bin/sh\ncat /vault/token | tr -d "\\n" > $(step.results.t.path)\n'))).toEqual([
      ['cat /vault/token | tr -d "\\n" > $(step.results.t.path)', into(FILE, "step result 't' (`$(step.results.t.path)`)"), FIX],
    ]);
    expect(found(leak("#!/bin/sh\ndd if=/vault/token of=$(results['out'].path) status=none\n"))).toEqual([
      ["dd if=/vault/token of=$(results['out'].path) status=none", into(FILE, "result 'out' (`$(results['out'].path)`)"), FIX],
    ]);
    // a tee down the pipe writes the result whatever its own output does (bash 5.2 run: `cat F | tee R >/dev/null` fills R)
    expect(found(leak('#!/bin/sh\ncat /vault/token | tee $(results.out.path) >/dev/null\n'))).toEqual([
      ['cat /vault/token | tee $(results.out.path) >/dev/null', into(FILE, "result 'out' (`$(results.out.path)`)"), FIX],
    ]);
    // tee writes it to the result and the log: both
    expect(values(leak('#!/bin/sh\ntee $(results.out.path) < /vault/token\n'))).toEqual(['tee $(results.out.path) < /vault/token', 'tee $(results.out.path) < /vault/token']);
    // not: a digest of it, another file, a plain value, a result of what is not a Secret's
    for (const line of ['echo -n "$TOKEN" | sha256sum > $(results.out.path)', 'cp /vault/token /tmp/token', 'echo -n done > $(results.out.path)',
      'cp /etc/hostname $(results.out.path)', 'echo -n "$HOME" > $(results.out.path)']) {
      expect([line, found(leak(`#!/bin/sh\n${line}\n`))]).toEqual([line, []]);
    }
  });

  test('a Secret file copied into the results directory, linked to a result, or written through a group, subshell or exec\'s redirection (bash 5.2, coreutils 9.1 run)', () => {
    const leak = (script: string, results = [{ name: 'out' }, { name: 'token' }]) => task({
      volumes: [{ name: 'creds', secret: { secretName: 'reg' } }],
      results,
      steps: [hardenedContainer('push', { volumeMounts: [{ name: 'creds', mountPath: '/creds' }], script })],
    });
    const FILE = "the file /creds/token (Secret 'reg' (volume 'creds'))";
    const into = (result: string) => `writes ${FILE} into the ${result}: Tekton copies a result into the TaskRun's status, which whoever `
      + "may get TaskRuns reads (not only who may read the Secret), into the params of the tasks that use it and into Tekton Chains' provenance";
    const FIX = 'Keep the Secret out of results: give it to the task or step that needs it (a workspace bound to the Secret, or a volume of its own), '
      + 'and write into the result only what is not secret (a digest, a name, a URL without credentials).';
    const OUT = "result 'out' (`$(results.out.path)`)";
    // into the directory: the file `token`, which Tekton reads as the result the task declares of that name
    for (const [line, dir] of [['cp /creds/token /tekton/results/', '/tekton/results/'], ['cp /creds/token /tekton/results', '/tekton/results'],
      ['cp -t /tekton/results /creds/token', '/tekton/results'], ['cp --target-directory=/tekton/results /creds/token', '/tekton/results'],
      ['install -m 0600 /creds/token /tekton/results/', '/tekton/results/'], ['ln -s /creds/token /tekton/results/', '/tekton/results/'],
      ['ln -sr /creds/token /tekton/results/', '/tekton/results/']]) {
      expect(found(leak(`#!/bin/sh\n${line}\n`))).toEqual([[line, into(`result 'token' (\`${dir}\`, /tekton/results/token)`), FIX]]);
    }
    // a symbolic link the entrypoint reads through in the step's container, a relative one too (`ln -sr` links ../../creds/token, which resolves)
    for (const line of ['ln -s /creds/token $(results.out.path)', 'ln -sf /creds/token $(results.out.path)', 'ln --symbolic /creds/token $(results.out.path)',
      'ln -sr /creds/token $(results.out.path)', 'ln --symbolic --relative /creds/token $(results.out.path)']) {
      expect(found(leak(`#!/bin/sh\n${line}\n`))).toEqual([[line, into(OUT), FIX]]);
    }
    // the redirection of a group, subshell or compound command around it, of a top-level exec before it, or a pipe from a group
    for (const [script, line] of [['{ cat /creds/token; } > $(results.out.path)', 'cat /creds/token'], ['( cat /creds/token ) > $(results.out.path)', 'cat /creds/token'],
      ['if true; then base64 /creds/token; fi > $(results.out.path)', 'base64 /creds/token'], ['exec > $(results.out.path)\ncat /creds/token', 'cat /creds/token'],
      ['exec 3> $(results.out.path)\ncat /creds/token >&3', 'cat /creds/token >&3'], ['exec 3> $(results.out.path)\nexec >&3\ncat /creds/token', 'cat /creds/token'],
      ['exec 3> $(results.out.path)\n{ cat /creds/token; } >&3', 'cat /creds/token'], ['( cat /creds/token ) | base64 > $(results.out.path)', 'cat /creds/token'], ['T=$(cat /creds/token)\n{ echo "$T"; } > $(results.out.path)', 'echo "$T"'],
      ['f() { { cat /creds/token; } > $(results.out.path); }\nf', 'cat /creds/token']]) {
      const what = line === 'echo "$T"' ? "the value of T (the file /creds/token of Secret 'reg' (volume 'creds'))" : FILE;
      expect([script, found(leak(`#!/bin/bash\n${script}\n`))]).toEqual([script, [[line, into(OUT).replace(FILE, what), FIX]]]);
    }
    // not: no result of the file's name declared (Tekton reads only declared ones), `-T` (the copy is the directory itself), a hard link
    // (a Secret's volume and the results' are two mounts: `ln` fails, Invalid cross-device link), a group's or exec's redirection elsewhere
    // after, or a group around it that sends it elsewhere first
    for (const [script, results] of [['cp /creds/token /tekton/results/', [{ name: 'out' }]], ['cp -T /creds/token /tekton/results/', undefined],
      ['cp /creds/token /tekton/steps/step-push/results/', undefined], ['ln /creds/token $(results.out.path)', undefined], ['ln -r /creds/token $(results.out.path)', undefined],
      ['{ cat /creds/token; } > /tmp/x', undefined], ['exec > $(results.out.path)\nexec > /dev/null\ncat /creds/token', undefined],
      ['{ { cat /creds/token; } > /tmp/x; } > $(results.out.path)', undefined],
      ['exec > $(results.out.path)\nf() { cat /creds/token; }\nf > /tmp/x', undefined]] as const) {
      expect([script, found(leak(`#!/bin/bash\n${script}\n`, results === undefined ? undefined : [...results]))]).toEqual([script, []]);
    }
    // the step's own results directory, where the step declares one of the file's name
    const ownResults = task({
      volumes: [{ name: 'creds', secret: { secretName: 'reg' } }],
      steps: [hardenedContainer('push', { volumeMounts: [{ name: 'creds', mountPath: '/creds' }], results: [{ name: 'token' }], script: '#!/bin/sh\ncp /creds/token /tekton/steps/step-push/results/\n' })],
    });
    expect(found(ownResults)).toEqual([['cp /creds/token /tekton/steps/step-push/results/',
      into("step result 'token' (`/tekton/steps/step-push/results/`, /tekton/steps/step-push/results/token)"), FIX]]);
  });

  test('every key of a Secret volume copied into the results directory: its content (dot entries and all), or a glob of its keys whose links are followed (coreutils 9.1 run on the kubelet\'s layout, token -> ..data/token)', () => {
    const leak = (script: string, results: any[] | undefined = [{ name: 'out' }, { name: 'token' }], stepResults?: any[]) => task({
      volumes: [{ name: 'creds', secret: { secretName: 'reg' } }],
      results,
      steps: [hardenedContainer('push', { volumeMounts: [{ name: 'creds', mountPath: '/creds' }], script: `#!/bin/bash\n${script}\n`, ...stepResults ? { results: stepResults } : {} })],
    });
    const into = (what: string, dir: string, declared = "where the task declares one ('out', 'token')") => `writes ${what} into the results directory (\`${dir}\`), `
      + `each the result of its name ${declared}: Tekton copies a result into the TaskRun's status, which whoever may get TaskRuns reads (not only who may read the Secret), `
      + "into the params of the tasks that use it and into Tekton Chains' provenance";
    const FIX = 'Keep the Secret out of results: give it to the task or step that needs it (a workspace bound to the Secret, or a volume of its own), '
      + 'and write into the result only what is not secret (a digest, a name, a URL without credentials).';
    const EVERY = "every file of /creds (Secret 'reg' (volume 'creds'))";
    const GLOB = "the files `/creds/*` names in /creds (Secret 'reg' (volume 'creds'))";
    for (const [line, what, dir] of [['cp -r /creds/. /tekton/results/', EVERY, '/tekton/results/'], ['cp -a /creds/. /tekton/results', EVERY, '/tekton/results'],
      ['cp -rT /creds /tekton/results', EVERY, '/tekton/results'], ['cp -r -t /tekton/results /creds/./', EVERY, '/tekton/results'],
      ['cp /creds/* /tekton/results/', GLOB, '/tekton/results/'], ['cp -rL /creds/* /tekton/results/', GLOB, '/tekton/results/'],
      ['install -m 0600 /creds/* /tekton/results/', GLOB, '/tekton/results/'], ['ln -s /creds/* /tekton/results/', GLOB, '/tekton/results/']]) {
      expect([line, found(leak(line))]).toEqual([line, [[line, into(what, dir), FIX]]]);
    }
    expect(found(leak('D=/creds\ncp -r "$D/." /tekton/results/'))).toEqual([['cp -r "$D/." /tekton/results/', into(EVERY, '/tekton/results/'), FIX]]);
    expect(found(leak('cp -r /creds/. /tekton/steps/step-push/results/', undefined, [{ name: 'token' }])))
      .toEqual([['cp -r /creds/. /tekton/steps/step-push/results/', into(EVERY, '/tekton/steps/step-push/results/', "where the step declares one ('token')"), FIX]]);
    // not: a glob's links copied as links (`cp -a`, `cp -r`: ..data is not copied, they resolve to nothing), the directory itself
    // (/tekton/results/creds), no -r (cp omits a directory), mv (moves the links), no result declared
    for (const [script, results] of [['cp -a /creds/* /tekton/results/', undefined], ['cp -r /creds/* /tekton/results/', undefined],
      ['cp -r /creds /tekton/results/', undefined], ['cp /creds/. /tekton/results/', undefined], ['mv /creds/* /tekton/results/', undefined],
      ['cp -r /creds/. /tekton/results/', []], ['cp -r /creds/. /tekton/steps/step-push/results/', undefined]] as const) {
      expect([script, found(leak(script, results === undefined ? undefined : [...results]))]).toEqual([script, []]);
    }
  });

  test('cp -r or -a of a key copies its link alone from a whole-volume mount, the file from a subPath mount, named or globbed (coreutils 9.1 run on the kubelet\'s layout)', () => {
    const leak = (script: string, subPath: boolean) => task({
      volumes: [{ name: 'creds', secret: { secretName: 'reg' } }],
      results: [{ name: 'out' }, { name: 'token' }],
      steps: [hardenedContainer('push', {
        volumeMounts: [subPath ? { name: 'creds', mountPath: '/creds/token', subPath: 'token' } : { name: 'creds', mountPath: '/creds' }], script: `#!/bin/bash\n${script}\n`,
      })],
    });
    const RISK = "Tekton copies a result into the TaskRun's status, which whoever may get TaskRuns reads (not only who may read the Secret), "
      + "into the params of the tasks that use it and into Tekton Chains' provenance";
    const FIX = 'Keep the Secret out of results: give it to the task or step that needs it (a workspace bound to the Secret, or a volume of its own), '
      + 'and write into the result only what is not secret (a digest, a name, a URL without credentials).';
    const FILE = "the file /creds/token (Secret 'reg' (volume 'creds'))";
    // a subPath mount's key is a regular file: its content is copied (`cat res/token` prints it)
    expect(found(leak('cp -r /creds/token /tekton/results/', true))).toEqual([['cp -r /creds/token /tekton/results/',
      `writes ${FILE} into the result 'token' (\`/tekton/results/\`, /tekton/results/token): ${RISK}`, FIX]]);
    for (const line of ['cp -r /creds/* /tekton/results/', 'cp -a /creds/t* /tekton/results/']) {
      expect([line, found(leak(line, true))]).toEqual([line, [[line,
        `writes ${FILE} into the results directory (\`/tekton/results/\`), each the result of its name where the task declares one ('out', 'token'): ${RISK}`, FIX]]]);
    }
    // a whole volume's key is `token -> ..data/token`: cp -r, -a copy the link, which resolves to nothing there (-rH follows it)
    expect(found(leak('cp -rH /creds/token /tekton/results/', false))).toEqual([['cp -rH /creds/token /tekton/results/',
      `writes ${FILE} into the result 'token' (\`/tekton/results/\`, /tekton/results/token): ${RISK}`, FIX]]);
    for (const [line, subPath] of [['cp -r /creds/token /tekton/results/', false], ['cp -a /creds/token $(results.token.path)', false],
      ['cp -r /creds/* /tekton/results/', false], ['cp -r /creds/x* /tekton/results/', true]] as const) {
      expect([line, found(leak(line, subPath))]).toEqual([line, []]);
    }
  });

  test('echo or printf of a Secret file\'s content a command substitution gives, into a result or to the log (bash 5.2 run)', () => {
    const leak = (script: string) => task({
      volumes: [{ name: 'creds', secret: { secretName: 'reg' } }],
      results: [{ name: 'out' }],
      steps: [hardenedContainer('push', { volumeMounts: [{ name: 'creds', mountPath: '/creds' }], script: `#!/bin/bash\n${script}\n` })],
    });
    const FILE = "the file /creds/token (Secret 'reg' (volume 'creds'))";
    const into = (what: string) => `writes ${what} into the result 'out' (\`$(results.out.path)\`): Tekton copies a result into the TaskRun's status, which whoever `
      + "may get TaskRuns reads (not only who may read the Secret), into the params of the tasks that use it and into Tekton Chains' provenance";
    const FIX = 'Keep the Secret out of results: give it to the task or step that needs it (a workspace bound to the Secret, or a volume of its own), '
      + 'and write into the result only what is not secret (a digest, a name, a URL without credentials).';
    for (const [line, what] of [['echo "$(cat /creds/token)" > $(results.out.path)', FILE], ['printf \'%s\' "$(< /creds/token)" > $(results.out.path)', FILE],
      ['echo -n "$(cat /creds/token | base64)" > $(results.out.path)', FILE],
      ['echo -n "$(cat /creds/token | jq -r .auth)" > $(results.out.path)', `what \`jq -r .auth\` picks of ${FILE}`]]) {
      expect([line, found(leak(line))]).toEqual([line, [[line, into(what), FIX]]]);
    }
    expect(found(leak('echo "$(cat /creds/token)"'))).toEqual([['echo "$(cat /creds/token)"',
      `prints ${FILE} to the log: echo writes it to stdout, which Tekton keeps as the step's log`, CAT_FIX]]);
    expect(found(leak('printf \'%s\\n\' "$(< /creds/token)" >&2'))).toEqual([['printf \'%s\\n\' "$(< /creds/token)" >&2',
      `prints ${FILE} to the log: printf writes it to stderr, which Tekton keeps as the step's log`, CAT_FIX]]);
    // not: a digest of it, a file elsewhere, a quoted `$(…)`
    for (const line of ['echo "$(cat /creds/token | sha256sum)" > $(results.out.path)', 'echo "$(cat /creds/token)" > /tmp/x', 'echo \'$(cat /creds/token)\'']) {
      expect([line, found(leak(line))]).toEqual([line, []]);
    }
  });

  test('a variable the script assigns from a Secret value, and reassigned from something else', () => {
    const script = '#!/bin/sh\nAUTH="$(printf \'%s\' "me:$TOKEN" | base64)"\necho "auth: $AUTH"\nexport CRED="user:$TOKEN"\necho "$CRED"\nCRED=none\necho "$CRED"\n';
    expect(found(withToken(script))).toEqual([
      ['echo "auth: $AUTH"', 'prints the value of AUTH (made from TOKEN, Secret \'reg\' key \'token\') to the log: echo writes it to stdout, which Tekton keeps as the step\'s log',
        ECHO_FIX.replace(/TOKEN/g, 'AUTH')],
      ['echo "$CRED"', 'prints the value of CRED (made from TOKEN, Secret \'reg\' key \'token\') to the log: echo writes it to stdout, which Tekton keeps as the step\'s log',
        ECHO_FIX.replace(/TOKEN/g, 'CRED')],
    ]);
  });

  test('a program\'s output made with the value is no Secret; an escaped $ expands nothing; a value appended to keeps its origin', () => {
    const script = [
      '#!/bin/bash',
      'RESPONSE=$(curl -fsS -H "Authorization: Bearer $TOKEN" https://api.example.com)',
      'echo "response: $RESPONSE"',
      'echo "masked: $(mask "$TOKEN")"',
      'CMD="upload --token=\\$TOKEN"',
      'echo "$CMD"',
      'echo "token is \\$TOKEN"',
      'ARGS="--user me"',
      'ARGS="$ARGS --password $TOKEN"',
      'ARGS="$ARGS --verbose"',
      'echo "$ARGS"',
      'B64=$(echo -n "$TOKEN" | base64 -w0)',
      'echo "$B64"',
    ].join('\n');
    expect(found(withToken(script)).map(([v, p]) => [v, p])).toEqual([
      ['echo "$ARGS"', "prints the value of ARGS (made from TOKEN, Secret 'reg' key 'token') to the log: echo writes it to stdout, which Tekton keeps as the step's log"],
      ['echo "$B64"', "prints the value of B64 (made from TOKEN, Secret 'reg' key 'token') to the log: echo writes it to stdout, which Tekton keeps as the step's log"],
    ]);
  });

  test('every value a command prints is named; a set -x in a branch says so', () => {
    const m = task({
      steps: [hardenedContainer('push', {
        env: [...TOKEN_ENV, { name: 'USER', valueFrom: { secretKeyRef: { name: 'reg', key: 'user' } } }],
        script: '#!/bin/bash\necho "login -u $USER -p $TOKEN"\nif [ "$DEBUG" = true ]; then set -x; fi\ncurl -u "$USER:x" https://x.example.com\n',
      })],
    });
    expect(found(m).map(([v, p]) => [v, p])).toEqual([
      ['echo "login -u $USER -p $TOKEN"',
        `prints the values of USER (Secret 'reg' key 'user') and ${TOKEN} to the log: echo writes it to stdout, which Tekton keeps as the step's log`],
      ['curl -u "$USER:x" https://x.example.com', traced("the value of USER (Secret 'reg' key 'user')", '`set -x`, when the branch that holds it runs')],
    ]);
  });

  test('xtrace: set -x prints every command that expands the value, once per value with the count of the others, until set +x', () => {
    const script = [
      '#!/bin/bash',
      'set -eux',
      'curl -fsS -H "Authorization: Bearer $TOKEN" https://api.example.com/a',
      'for t in $TOKEN; do :; done',
      'curl -fsS -H "Authorization: Bearer $TOKEN" https://api.example.com/b',
      'echo "$TOKEN" | docker login --password-stdin -u me registry.example.com',
      '{ set +x; } 2>/dev/null',
      'curl -fsS -H "Authorization: Bearer $TOKEN" https://api.example.com/c',
    ].join('\n');
    expect(found(withToken(script))).toEqual([
      ['curl -fsS -H "Authorization: Bearer $TOKEN" https://api.example.com/a', `${traced(`the value of ${TOKEN}`, '`set -eux`')} (and 2 later commands print it so)`, TRACE_FIX],
    ]);
  });

  test('xtrace: a set +x in a branch leaves the trace on; set -o xtrace and a shebang with -x turn it on', () => {
    expect(values(withToken('#!/bin/bash\nset -o xtrace\nif [ -n "$QUIET" ]; then set +x; fi\ndocker login -p "$TOKEN" r.example.com\n')))
      .toEqual(['docker login -p "$TOKEN" r.example.com']);
    expect(found(withToken('#!/bin/sh -ex\ndocker login -p "$TOKEN" r.example.com\n')))
      .toEqual([['docker login -p "$TOKEN" r.example.com', traced(`the value of ${TOKEN}`, 'the `#!/bin/sh -ex` line'), TRACE_FIX]]);
    expect(values(withToken('#!/usr/bin/env bash\nset -e\ndocker login -p "$TOKEN" r.example.com\nset -x\n'))).toEqual([]);
  });

  test('xtrace: a command substitution that expands it, and a shell started with -x', () => {
    expect(values(withToken('#!/bin/bash\nset -x\nX=$(echo "$TOKEN" | base64)\n'))).toEqual(['X=$(echo "$TOKEN" | base64)']);
    expect(found(withToken('#!/bin/sh\nbash -x -c \'curl -u "me:$TOKEN" https://x.example.com\'\n')))
      .toEqual([['curl -u "me:$TOKEN" https://x.example.com', traced(`the value of ${TOKEN}`, "`bash -x -c 'curl -u \"me:$TOKEN\" https://x.example.com'`"), TRACE_FIX]]);
    expect(values(withToken('#!/bin/sh\nbash -c \'curl -u "me:$TOKEN" https://x.example.com\'\n'))).toEqual([]);
  });

  test('command and args that start a shell with -x and code', () => {
    const m = task({ steps: [hardenedContainer('push', { env: TOKEN_ENV, script: undefined, command: ['/bin/sh', '-xc'], args: ['docker login -p "$TOKEN" r.example.com'] })] });
    expect(SECRET_IN_LOGS.check(m).map((f) => [f.property, f.value, f.problem])).toEqual([
      ['args[0]', 'docker login -p "$TOKEN" r.example.com', traced(`the value of ${TOKEN}`, "sh's `-x`")],
    ]);
  });

  test('a script another interpreter runs is not read', () => {
    expect(values(withToken('#!/usr/bin/env python3\nimport os\nprint(os.environ["TOKEN"])\n'))).toEqual([]);
  });

  test('env dumps: env, printenv, export -p, declare -p, set, with Secret env or envFrom; printenv NAME', () => {
    const script = '#!/bin/bash\nenv\nenv | sort\nenv | grep -i proxy\nprintenv TOKEN\nprintenv HOME\nexport -p > /tmp/vars\nset\nenv -i make\n';
    expect(found(withToken(script))).toEqual([
      ['env', `prints to the log every variable with its value, ${TOKEN} among them`, DUMP_FIX],
      ['env | sort', `prints to the log every variable with its value, ${TOKEN} among them`, DUMP_FIX],
      ['printenv TOKEN', `prints to the log the value of ${TOKEN}`, 'Do not print TOKEN.'],
      ['set', `prints to the log every variable with its value, ${TOKEN} among them`, DUMP_FIX],
    ]);
    const m = task({ steps: [hardenedContainer('push', { envFrom: [{ secretRef: { name: 'api' } }], script: '#!/bin/sh\nprintenv\n' })] });
    expect(found(m)).toEqual([[
      'printenv', "prints to the log every variable with its value, each key of Secret 'api' (envFrom) among them",
      "Print the variables you need by name (`printenv PATH`), or leave out the Secret's (`env | grep -v '^NAME='`).",
    ]]);
    // no Secret in the env: a dump prints none
    expect(values(task({ steps: [hardenedContainer('push', { script: '#!/bin/sh\nenv\n' })] }))).toEqual([]);
  });

  test('cat of a file under a Secret volume (secret, projected), of a heredoc that expands a value; not to a file or a program', () => {
    const script = [
      '#!/bin/sh',
      'cat /etc/registry/token',
      'cat /etc/registry/token | docker login --password-stdin',
      'cat /etc/api/key > /tmp/key',
      'cat /etc/api/key',
      'cat /etc/other/file',
      'cat <<EOF',
      '{"auth": "$TOKEN"}',
      'EOF',
      'cat <<EOF > /tmp/config.json',
      '{"auth": "$TOKEN"}',
      'EOF',
      "cat <<'EOF'",
      '$TOKEN',
      'EOF',
    ].join('\n');
    const m = task({
      steps: [hardenedContainer('push', {
        env: TOKEN_ENV,
        script,
        volumeMounts: [{ name: 'registry', mountPath: '/etc/registry/' }, { name: 'api', mountPath: '/etc/api' }, { name: 'other', mountPath: '/etc/other' }],
      })],
      volumes: [
        { name: 'registry', secret: { secretName: 'reg' } },
        { name: 'api', projected: { sources: [{ configMap: { name: 'ca' } }, { secret: { name: 'api-key' } }] } },
        { name: 'other', configMap: { name: 'settings' } },
      ],
    });
    expect(found(m)).toEqual([
      ['cat /etc/registry/token', "prints the file /etc/registry/token (Secret 'reg' (volume 'registry')) to the log: cat writes it to stdout, which Tekton keeps as the step's log", CAT_FIX],
      ['cat /etc/api/key', "prints the file /etc/api/key (Secret 'api-key' (projected volume 'api')) to the log: cat writes it to stdout, which Tekton keeps as the step's log", CAT_FIX],
      ['cat <<EOF', `prints the value of ${TOKEN} in its heredoc to the log: cat writes it to stdout, which Tekton keeps as the step's log`, HEREDOC_FIX],
    ]);
  });

  test('curl -v with an --expand-header that names a --variable read from a Secret file (curl 8.3 on)', () => {
    const at = (script: string) => task({
      steps: [hardenedContainer('call', { script, volumeMounts: [{ name: 'registry', mountPath: '/etc/registry' }] })],
      volumes: [{ name: 'registry', secret: { secretName: 'reg' } }],
    });
    const line = 'curl -v --variable tok@/etc/registry/token --expand-header "Authorization: Bearer {{tok}}" https://api.example.com';
    expect(found(at(`#!/bin/bash\n${line}\n`))).toEqual([[line,
      "prints the content of /etc/registry/token (Secret 'reg' (volume 'registry')) to the log: curl's `-v` writes each request's line and headers to stderr, "
        + 'its Authorization among them (of `-H`, or of `-u` or a URL\'s user:password as their base64, which decodes to them)',
      'Drop `-v` from this command, or send what it writes to a file (`--stderr FILE`).']]);
    expect(found(at('#!/bin/bash\ncurl -v --variable tok@/etc/registry/token --expand-data "t={{tok}}" https://api.example.com\n'))).toEqual([]);
  });

  test('xtrace: a variable read from a Secret file, and such a file read in a command substitution', () => {
    const script = '#!/bin/bash\nset -x\nPASSWORD=$(cat /etc/registry/password)\nskopeo copy --dest-creds "me:$PASSWORD" a b\n';
    const m = task({
      steps: [hardenedContainer('push', { script, volumeMounts: [{ name: 'registry', mountPath: '/etc/registry' }] })],
      volumes: [{ name: 'registry', secret: { secretName: 'reg' } }],
    });
    // (the variable's value is the file's: one finding, the first command that prints it)
    expect(found(m)).toEqual([
      ['PASSWORD=$(cat /etc/registry/password)',
        `${traced("the content of /etc/registry/password (Secret 'reg' (volume 'registry'))", '`set -x`')} (and 1 later command prints it so)`, TRACE_FIX],
    ]);
    const other = task({
      steps: [hardenedContainer('push', { script: '#!/bin/bash\nPASSWORD=$(cat /etc/registry/password)\nset -x\nskopeo copy --dest-creds "me:$PASSWORD" a b\n', volumeMounts: [{ name: 'registry', mountPath: '/etc/registry' }] })],
      volumes: [{ name: 'registry', secret: { secretName: 'reg' } }],
    });
    expect(found(other)).toEqual([
      ['skopeo copy --dest-creds "me:$PASSWORD" a b',
        traced("the value of PASSWORD (the file /etc/registry/password of Secret 'reg' (volume 'registry'))", '`set -x`'), TRACE_FIX],
    ]);
  });

  test('the names read sets from a Secret file hold its content', () => {
    const m = task({
      steps: [hardenedContainer('push', {
        script: '#!/bin/sh\nIFS= read -r -d "" PASSWORD < /etc/registry/password || true\nread -r OTHER < /tmp/other\necho "$PASSWORD $OTHER"\n',
        volumeMounts: [{ name: 'registry', mountPath: '/etc/registry' }],
      })],
      volumes: [{ name: 'registry', secret: { secretName: 'reg' } }],
    });
    expect(found(m).map(([v, p]) => [v, p])).toEqual([[
      'echo "$PASSWORD $OTHER"',
      "prints the value of PASSWORD (the file /etc/registry/password of Secret 'reg' (volume 'registry')) to the log: echo writes it to stdout, which Tekton keeps as the step's log",
    ]]);
    // `read -a NAME` (`-ra NAME`) fills the array NAME with its words, whose first `$NAME` gives (bash 5.2 run: echo printed the file's first word);
    // a prompt `-p` takes is no name
    const array = task({
      steps: [hardenedContainer('push', {
        script: "#!/bin/bash\nread -rp 'PARTS ' -a PARTS < /etc/registry/password\necho \"$PARTS\"\nread -ra WORDS < /etc/registry/password\necho \"$WORDS\"\n",
        volumeMounts: [{ name: 'registry', mountPath: '/etc/registry' }],
      })],
      volumes: [{ name: 'registry', secret: { secretName: 'reg' } }],
    });
    const prints = (name: string) => `prints the value of ${name} (the file /etc/registry/password of Secret 'reg' (volume 'registry')) to the log: echo writes it to stdout, `
      + "which Tekton keeps as the step's log";
    expect(found(array).map(([v, p]) => [v, p])).toEqual([['echo "$PARTS"', prints('PARTS')], ['echo "$WORDS"', prints('WORDS')]]);
    // (`-ar X`: the array r, X left as it was: bash 5.2 run, `read -ar X < FILE; echo "$r"` printed its first word, `echo "$X"` nothing)
    const grouped = task({
      steps: [hardenedContainer('push', {
        script: '#!/bin/bash\nread -ar X < /etc/registry/password\necho "$X"\necho "$r"\n',
        volumeMounts: [{ name: 'registry', mountPath: '/etc/registry' }],
      })],
      volumes: [{ name: 'registry', secret: { secretName: 'reg' } }],
    });
    expect(found(grouped).map(([v, p]) => [v, p])).toEqual([['echo "$r"', prints('r')]]);
  });

  test('a workspace a run binds to a Secret: a TaskRun, a Pipeline with its PipelineRun, a PipelineRun, a Task a checked run runs', () => {
    const spec = taskSpec({ workspaces: [{ name: 'creds' }], steps: [hardenedContainer('push', { script: '#!/bin/sh\ncat $(workspaces.creds.path)/token\n' })] });
    const said = (kind: string) => 'prints the file $(workspaces.creds.path)/token (workspace \'creds\', which carries credentials (a run binds it to a Secret, a CSI or a projected volume, or its pipeline declares it for credentials)) to the log: cat writes it to stdout, '
      + `which Tekton keeps as the step's log${kind}`;
    const run = taskRunEmbedding(spec);
    expect(values(run)).toEqual([]);
    run.spec.workspaces = [{ name: 'creds', secret: { secretName: 'reg' } }];
    expect(found(run)).toEqual([['cat $(workspaces.creds.path)/token', said(''), CAT_FIX]]);
    // (through a variable the script assigns the path)
    const byVariable = taskRunEmbedding(taskSpec({
      workspaces: [{ name: 'creds' }],
      steps: [hardenedContainer('push', { script: '#!/bin/sh\nCREDS=$(workspaces.creds.path)\nF="${CREDS}/token"\ncat "$F"\n' })],
    }));
    byVariable.spec.workspaces = [{ name: 'creds', secret: { secretName: 'reg' } }];
    expect(found(byVariable)).toEqual([['cat "$F"', said(''), CAT_FIX]]);
    // a pipeline task given the pipeline's workspace that a PipelineRun checked together binds to a Secret
    const p = pipelineEmbedding(spec);
    p.spec.workspaces = [{ name: 'registry' }];
    p.spec.tasks[0].workspaces = [{ name: 'creds', workspace: 'registry' }];
    const prun = { kind: 'PipelineRun', metadata: { name: 'r', namespace: 'ci' }, spec: { pipelineRef: { name: 'pipe' }, workspaces: [{ name: 'registry', secret: { secretName: 'reg' } }] } };
    expect(values(p, ruleContext([p]))).toEqual([]);
    expect(SECRET_IN_LOGS.check(p, ruleContext([p, prun])).map((f) => [f.location, f.target, f.value]))
      .toEqual([["task 'build' step 'push'", 'task/build/step/push', 'cat $(workspaces.creds.path)/token']]);
    const embedded = pipelineRunEmbedding(spec);
    embedded.spec.pipelineSpec.tasks[0].workspaces = [{ name: 'creds', workspace: 'registry' }];
    embedded.spec.workspaces = [{ name: 'registry', csi: { driver: 'secrets-store.csi.k8s.io' } }];
    expect(values(embedded)).toEqual(['cat $(workspaces.creds.path)/token']);
    // a Task a TaskRun checked together runs by its taskRef, at the workspace's mountPath too
    const t = task({ workspaces: [{ name: 'creds', mountPath: '/creds' }], steps: [hardenedContainer('push', { script: '#!/bin/sh\ncat /creds/token\n' })] });
    const taskRun = { kind: 'TaskRun', metadata: { name: 'r', namespace: 'ci' }, spec: { taskRef: { name: 'build' }, workspaces: [{ name: 'creds', secret: { secretName: 'reg' } }] } };
    expect(values(t)).toEqual([]);
    expect(values(t, ruleContext([t, taskRun]))).toEqual(['cat /creds/token']);
    const emptyDirRun = { ...taskRun, spec: { ...taskRun.spec, workspaces: [{ name: 'creds', emptyDir: {} }] } };
    expect(values(t, ruleContext([t, emptyDirRun]))).toEqual([]);
  });

  test('a StepAction is judged by itself; a sidecar too', () => {
    const action = { apiVersion: 'tekton.dev/v1beta1', kind: 'StepAction', metadata: { name: 'login' }, spec: { image: 'x', env: TOKEN_ENV, script: '#!/bin/sh\necho $TOKEN\n' } };
    expect(SECRET_IN_LOGS.check(action).map((f) => [f.kind, f.location, f.target, f.value])).toEqual([['StepAction', "stepAction 'login'", 'step/login', 'echo $TOKEN']]);
    const m = task({ sidecars: [hardenedContainer('proxy', { env: TOKEN_ENV, script: '#!/bin/sh\nprintenv TOKEN\n' })] });
    expect(SECRET_IN_LOGS.check(m).map((f) => [f.location, f.target, f.value])).toEqual([["sidecar 'proxy'", 'sidecar/proxy', 'printenv TOKEN']]);
  });

  test('compliant: the common ways of passing a Secret on', () => {
    const script = [
      '#!/bin/bash',
      'set -euo pipefail',
      'echo "$TOKEN" | docker login --password-stdin -u me registry.example.com',
      'printf \'%s\' "$TOKEN" > /tmp/token',
      'curl -fsS -H "Authorization: Bearer $TOKEN" https://api.example.com',
      'echo "logged in"',
      'env | grep -i proxy',
    ].join('\n');
    expect(values(withToken(script))).toEqual([]);
  });

  describe('programs that show what they are given', () => {
    const CURL_V = (option: string) => `prints the value of ${TOKEN} to the log: curl's \`${option}\` writes each request's line and headers to stderr, its Authorization among them `
      + '(of `-H`, or of `-u` or a URL\'s user:password as their base64, which decodes to them)';
    const CURL_V_FIX = (option: string) => `Drop \`${option}\` from this command, or send what it writes to a file (\`--stderr FILE\`).`;
    const CONFIG_V = (line: string, where: string) => CURL_V('-v').replace("curl's `-v`", `curl's \`${line}\` (${where})`);
    const CONFIG_FIX = (line: string, file: string) => `Remove \`${line}\` from ${file}, or send what it writes to a file (\`--stderr FILE\`).`;

    test('curl -v with the value in a header, -u, a URL or a cookie; in a command substitution too (its stderr is the log)', () => {
      const script = [
        '#!/bin/bash',
        'curl -fsSLv -H "Authorization: Bearer $TOKEN" https://api.example.com/a',
        'curl --verbose -u "me:$TOKEN" https://api.example.com/b',
        'curl -v "https://me:$TOKEN@api.example.com/c"',
        'curl -vb "session=$TOKEN" https://api.example.com/d',
        'RESPONSE=$(curl -v --oauth2-bearer "$TOKEN" https://api.example.com/e)',
      ].join('\n');
      expect(found(withToken(script))).toEqual([
        ['curl -fsSLv -H "Authorization: Bearer $TOKEN" https://api.example.com/a', CURL_V('-v'), CURL_V_FIX('-v')],
        ['curl --verbose -u "me:$TOKEN" https://api.example.com/b', CURL_V('--verbose'), CURL_V_FIX('--verbose')],
        ['curl -v "https://me:$TOKEN@api.example.com/c"', CURL_V('-v'), CURL_V_FIX('-v')],
        ['curl -vb "session=$TOKEN" https://api.example.com/d', CURL_V('-v'), CURL_V_FIX('-v')],
        ['curl -v --oauth2-bearer "$TOKEN" https://api.example.com/e', CURL_V('-v'), CURL_V_FIX('-v')],
      ]);
    });

    test('curl -v piped with its stderr (`|&`, `2>&1 |`) prints where the pipe passes it on; `|&` applies after its redirections (bash 5.2 run)', () => {
      const script = [
        '#!/bin/bash',
        'curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/a |& cat',
        'curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/b 2>&1 | cat',
        'curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/c 2>/dev/null |& tee /tmp/curl.log',
        'curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/d |& grep -q "HTTP/1.1 200"',
        'curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/e 2>&1 | grep -c "HTTP/1.1 200"',
        'curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/f > /dev/null |& cat',
        '{ curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/g; } |& grep -q "HTTP/1.1 200"',
        '{ curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/h; } |& cat',
        'R=$(curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/i 2>&1)',
        'R=$(curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/j |& cat)',
        'R=$(curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/k 2>/dev/stderr)',
      ].join('\n');
      expect(found(withToken(script))).toEqual([
        ['curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/a', CURL_V('-v'), CURL_V_FIX('-v')],
        ['curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/b 2>&1', CURL_V('-v'), CURL_V_FIX('-v')],
        ['curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/c 2>/dev/null', CURL_V('-v'), CURL_V_FIX('-v')],
        ['curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/h', CURL_V('-v'), CURL_V_FIX('-v')],
        ['curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/k 2>/dev/stderr', CURL_V('-v'), CURL_V_FIX('-v')],
      ]);
    });

    test('curl -v in a subshell or group whose stderr goes into a pipe (`) |&`, `} 2>&1 |`) prints where the pipe passes it on (bash 5.2 run)', () => {
      const script = [
        '#!/bin/bash',
        '( curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/a > /dev/null ) |& tee /tmp/curl.log',
        '( curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/b > /dev/null ) |& tee /tmp/curl.log > /dev/null',
        '( curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/c ) |& grep -q "HTTP/1.1 200"',
        '( curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/d ) 2>&1 | grep -q "HTTP/1.1 200"',
        '{ curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/e; } 2>&1 | grep -q "HTTP/1.1 200"',
        '{ curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/f; } 2>&1 | cat',
        '( curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/g ) | grep -q "HTTP/1.1 200"',
        '( curl -H "Authorization: Bearer $TOKEN" https://api.example.com/h ) |& cat',
        // (in a command substitution, what goes to its output is the value's)
        'R=$( ( curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/i ) 2>&1 )',
        'R=$( { curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/j; } |& cat )',
        'R=$( { curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/k; } | cat )',
      ].join('\n');
      expect(found(withToken(script))).toEqual([
        ['curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/a > /dev/null', CURL_V('-v'), CURL_V_FIX('-v')],
        ['curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/f', CURL_V('-v'), CURL_V_FIX('-v')],
        ['curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/g', CURL_V('-v'), CURL_V_FIX('-v')],
        ['curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/k', CURL_V('-v'), CURL_V_FIX('-v')],
      ]);
    });

    test('curl -v in a command substitution writes to the shell\'s stderr: not where a group or `exec` sends it to a file, nor in dash and ash where an assignment alone redirects it (bash 5.2, dash 0.5.12, busybox 1.35 ash run)', () => {
      const lines = [
        'R=$(curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/a) 2>/dev/null',
        'export X=$(curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/b) 2>/dev/null',
        '{ R=$(curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/c); } 2>/dev/null',
        'R=$(curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/d 2>/proc/1/fd/2) 2>/dev/null',
        'exec 2>/dev/null',
        'R=$(curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/e)',
      ];
      const a = ['curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/a', CURL_V('-v'), CURL_V_FIX('-v')];
      const b = ['curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/b', CURL_V('-v'), CURL_V_FIX('-v')];
      const d = ['curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/d 2>/proc/1/fd/2', CURL_V('-v'), CURL_V_FIX('-v')];
      // bash runs an assignment's substitutions before its redirections, also as sh; dash and ash after (Tekton's /bin/sh may be either)
      expect(found(withToken(['#!/bin/bash', ...lines].join('\n')))).toEqual([a, b, d]);
      expect(found(withToken(lines.join('\n')))).toEqual([a, b, d]);
      expect(found(withToken(['#!/bin/dash', ...lines].join('\n')))).toEqual([b, d]);
      expect(found(task({ steps: [hardenedContainer('push', { env: TOKEN_ENV, script: undefined, command: ['/bin/ash', '-c'], args: [lines.join('\n')] })] }))).toEqual([b, d]);
      expect(found(withToken(['#!/bin/bash', `dash -c '${lines[0]}'`, `bash -c '${lines[0]}'`].join('\n')))).toEqual([a]);
    });

    test('curl -v in a command substitution of an assignment: each shell makes the command\'s redirections first or not as it does (bash 5.2, dash 0.5.12, busybox 1.35 ash, zsh 5.9, ksh93u+m 1.0.4, mksh R59, yash 2.52 run)', () => {
      const lines = [
        'R=$(curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/a) 2>/dev/null',
        'R=$(curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/b) make 2>/dev/null',
        'export X=$(curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/c) 2>/dev/null',
        'command export X=$(curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/d) 2>/dev/null',
        'make $(curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/e) 2>/dev/null',
      ];
      const printed = (shebang: string) => found(withToken([shebang, ...lines].join('\n'))).map((f) => String(f[0]).replace(/^.*\//, ''));
      // (ksh may be ksh93, which runs an assignment alone's substitution first, or mksh, which does not: read as the first)
      expect(['#!/bin/bash', '#!/bin/sh', '#!/bin/dash', '#!/bin/ash', '#!/bin/zsh', '#!/usr/bin/env zsh', '#!/bin/ksh', '#!/bin/mksh', '#!/usr/bin/yash']
        .map((shebang) => `${shebang}: ${printed(shebang).join(' ')}`)).toEqual([
        '#!/bin/bash: a b c d e', '#!/bin/sh: a b c d e', '#!/bin/dash: c d e', '#!/bin/ash: c d e', '#!/bin/zsh: d e', '#!/usr/bin/env zsh: d e',
        '#!/bin/ksh: a c d e', '#!/bin/mksh: c d e', '#!/usr/bin/yash: a c d e',
      ]);
      expect(found(withToken(['#!/bin/zsh', ...lines].join('\n')))).toEqual(['d', 'e']
        .map((x) => [`curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/${x}`, CURL_V('-v'), CURL_V_FIX('-v')]));
    });

    test('curl -v in a command substitution whose stderr goes to a descriptor a top-level `exec` duplicated from the log prints (bash 5.2, dash 0.5.12 run)', () => {
      const script = [
        '#!/bin/bash',
        'exec 3>&2',
        'R=$(curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/a 2>&3)',
        'exec > /dev/null 2>&1',
        'R=$(curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/b 2>&3)',
        // the neighbours: a descriptor sent to a file, one no `exec` opened (bash: `3: Bad file descriptor`, curl not run)
        'exec 4>/tmp/trace.log 5>&2',
        'R=$(curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/c 2>&4)',
        'R=$(curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/d 2>&6)',
      ].join('\n');
      expect(found(withToken(script))).toEqual(['a', 'b'].map((x) => [`curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/${x} 2>&3`, CURL_V('-v'), CURL_V_FIX('-v')]));
      expect(found(withToken(script.replace('#!/bin/bash', '#!/bin/dash')))).toEqual(['a', 'b'].map((x) => [`curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/${x} 2>&3`, CURL_V('-v'), CURL_V_FIX('-v')]));
    });

    test('curl -v in a group, subshell or function called with its stderr sent to a descriptor a top-level `exec` duplicated from the log prints (bash 5.2, dash 0.5.12 run)', () => {
      const C = (x: string) => `curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/${x}`;
      const script = [
        '#!/bin/bash',
        'exec 3>&2 4>/dev/null',
        'exec > /dev/null 2>&1',
        `{ ${C('a')}; } 2>&3`,
        `( ${C('b')} ) 2>&3`,
        `f() { ${C('c')}; }`,
        'f 2>&3',
        // the neighbours: the shell's stderr (sent to /dev/null), a descriptor sent to a file; a function called only so
        `{ ${C('d')}; } 2>&4`,
        `{ ${C('e')}; }`,
        `g() { ${C('f')}; }`,
        'g',
        'g 2>&4',
      ].join('\n');
      expect(found(withToken(script))).toEqual(['a', 'b', 'c'].map((x) => [C(x), CURL_V('-v'), CURL_V_FIX('-v')]));
    });

    test('a descriptor a group sends stderr to is followed through the groups around it: `{ { curl -v …; } 2>&3; } 3>/dev/null` does not print (bash 5.2 run)', () => {
      const C = (x: string) => `curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/${x}`;
      const script = [
        '#!/bin/bash',
        'exec 3>&2 4>&2',
        'exec 2>/dev/null',
        `{ { ${C('a')}; } 2>&3; } 3>/dev/null`,
        `( { ${C('b')}; } 2>&3 ) 3>/dev/null`,
        `{ ${C('c')} 2>&3; } 3>/dev/null`,
        `{ { ${C('d')}; } 2>&3; } 3>/dev/stderr`,
        `{ { { ${C('e')}; } 2>&3; } 3>&4; } 4>/dev/null`,
        // the neighbours: no layer around sends it elsewhere, or one sends it to another descriptor of the log
        `{ { ${C('f')}; } 2>&3; }`,
        `{ { ${C('g')}; } 2>&3; } 3>&4`,
        `{ ${C('h')} 2>&3; } 4>/dev/null`,
      ].join('\n');
      expect(found(withToken(script))).toEqual([...['f', 'g'].map(C), `${C('h')} 2>&3`].map((line) => [line, CURL_V('-v'), CURL_V_FIX('-v')]));
    });

    test('a group\'s or command\'s `2>&3` to a descriptor a top-level `exec` sent to a file does not print; one from the log prints whatever the groups around do with stderr (bash 5.2 run)', () => {
      const C = (x: string) => `curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/${x}`;
      const script = [
        '#!/bin/bash',
        'exec 3>&2 4>/tmp/trace.log',
        `{ ${C('a')}; } 2>&4`,
        `( ${C('b')} ) 2>&4`,
        `{ ${C('c')} 2>&3; } 2>/dev/null`,
        `{ { ${C('d')}; } 2>&3; } 2>/dev/null`,
        `{ { ${C('e')}; } 3>/dev/null; } 2>&3`,
        // the neighbours: the group's own stderr to a file, a descriptor not opened at the top (an exec in a branch may have)
        `{ ${C('f')}; } 2>/dev/null`,
        'if [ -n "$TRACE" ]; then exec 5>&2; fi',
        `{ ${C('g')}; } 2>&5`,
        `${C('h')} 2>&5`,
      ].join('\n');
      expect(found(withToken(script))).toEqual([`${C('c')} 2>&3`, C('d'), C('e'), C('g'), `${C('h')} 2>&5`].map((line) => [line, CURL_V('-v'), CURL_V_FIX('-v')]));
    });

    test('curl -v with a .netrc the script writes sends the login and password of the first entry for the host or `default` (curl 7.88 run against a server that answers 401)', () => {
      const NETRC_V = (option: string, file: string) => `${CURL_V('-v').replace(/\)$/, '')}, or of the login and password \`${option}\` reads from ${file} for the host)`;
      const script = [
        '#!/bin/bash',
        'echo "machine API.example.com login me password $TOKEN" > ~/.netrc',
        'curl -v -n https://api.example.com/a',
        'printf \'machine other.example.com login me password x\\ndefault login me password %s\\n\' "$TOKEN" > /tmp/n.rc',
        'curl -v --netrc-file /tmp/n.rc https://api.example.com/b',
        'curl -sv --netrc-optional "https://$HOST/c"',
        // (`--no-netrc` undoes `-n` alone; a machine the shell expands may be the host)
        'curl -v --netrc-file /tmp/n.rc --no-netrc https://api.example.com/k',
        'echo "machine $REGISTRY login me password $TOKEN" > /tmp/r.rc',
        'curl -v --netrc-file /tmp/r.rc https://api.example.com/l',
        // the neighbours: no entry for the host, an earlier one for it, -u (sent instead), --no-netrc after, no -n, no -v
        'curl -v -n https://other.example.com/d',
        'printf \'machine api.example.com login me password x\\ndefault login me password %s\\n\' "$TOKEN" > ~/.netrc',
        'curl -v -n https://api.example.com/e',
        'curl -v -n -u me:x --netrc-file /tmp/n.rc https://api.example.com/f',
        'curl -v -n --no-netrc https://api.example.com/g',
        'curl -v --netrc-file /tmp/n.rc https://other.example.com/h',
        'curl -v https://api.example.com/i',
        'curl -s --netrc-file /tmp/n.rc https://api.example.com/j',
      ].join('\n');
      expect(found(withToken(script))).toEqual([
        ['curl -v -n https://api.example.com/a', NETRC_V('-n', '~/.netrc'), CURL_V_FIX('-v')],
        ['curl -v --netrc-file /tmp/n.rc https://api.example.com/b', NETRC_V('--netrc-file /tmp/n.rc', '/tmp/n.rc'), CURL_V_FIX('-v')],
        ['curl -sv --netrc-optional "https://$HOST/c"', NETRC_V('--netrc-optional', '~/.netrc'), CURL_V_FIX('-v')],
        ['curl -v --netrc-file /tmp/n.rc --no-netrc https://api.example.com/k', NETRC_V('--netrc-file /tmp/n.rc', '/tmp/n.rc'), CURL_V_FIX('-v')],
        ['curl -v --netrc-file /tmp/r.rc https://api.example.com/l', NETRC_V('--netrc-file /tmp/r.rc', '/tmp/r.rc'), CURL_V_FIX('-v')],
      ]);
    });

    test('curl -v with a .netrc the script writes: the host of `--url URL` too, on the command or in a config file (curl 7.88 run against a server that answers 401)', () => {
      const NETRC_V = `${CURL_V('-v').replace(/\)$/, '')}, or of the login and password \`-n\` reads from ~/.netrc for the host)`;
      const script = [
        '#!/bin/bash',
        'echo "machine api.example.com login me password $TOKEN" > ~/.netrc',
        'curl -v -n --url https://api.example.com/a',
        'echo "url = https://api.example.com/b" > /tmp/u.cfg',
        'curl -v -n -K /tmp/u.cfg',
        // the neighbour: another host
        'curl -v -n --url https://other.example.com/c',
      ].join('\n');
      expect(found(withToken(script))).toEqual([
        ['curl -v -n --url https://api.example.com/a', NETRC_V, CURL_V_FIX('-v')],
        ['curl -v -n -K /tmp/u.cfg', NETRC_V, CURL_V_FIX('-v')],
      ]);
    });

    test('curl -v with a .netrc the script writes named by `netrc-file` in a config file: ~/.curlrc, -K FILE, -K <(echo …) (curl 7.88 run against a server that answers 401)', () => {
      const NETRC_V = `${CURL_V('-v').replace(/\)$/, '')}, or of the login and password \`--netrc-file /tmp/n.rc\` reads from /tmp/n.rc for the host)`;
      const script = [
        '#!/bin/bash',
        'echo "machine api.example.com login me password $TOKEN" > /tmp/n.rc',
        'curl -v -K <(echo "netrc-file = /tmp/n.rc") https://api.example.com/a',
        'curl -v -K <(printf \'netrc-file = %s\\n\' /tmp/n.rc) https://api.example.com/b',
        'echo "netrc-file = /tmp/n.rc" > ~/.curlrc',
        'curl -v https://api.example.com/c',
        // the neighbours: another file named; a process substitution that prints what is not known
        'curl -v -K <(echo "netrc-file = /tmp/other.rc") https://api.example.com/d',
        'curl -q -v -K <(cat /tmp/x) https://api.example.com/e',
      ].join('\n');
      expect(found(withToken(script))).toEqual([
        ['curl -v -K <(echo "netrc-file = /tmp/n.rc") https://api.example.com/a', NETRC_V, CURL_V_FIX('-v')],
        ['curl -v -K <(printf \'netrc-file = %s\\n\' /tmp/n.rc) https://api.example.com/b', NETRC_V, CURL_V_FIX('-v')],
        ['curl -v https://api.example.com/c', NETRC_V, CURL_V_FIX('-v')],
      ]);
    });

    test('curl -v with a .netrc the script writes: each host its URL globbing gives, unless -g (curl 7.88 run against a server that answers 401)', () => {
      const NETRC_V = `${CURL_V('-v').replace(/\)$/, '')}, or of the login and password \`-n\` reads from ~/.netrc for the host)`;
      const script = [
        '#!/bin/bash',
        'echo "machine a1.example.com login me password $TOKEN" > ~/.netrc',
        'curl -v -n "https://{b,a1}.example.com/x"',
        'curl -v -n "https://a[1-2].example.com/y"',
        'curl -v -n --url "https://{a,b}[0-1].example.com/z"',
        // (each `--next` group globs by its own -g, and reads the .netrc by its own -n and -u: curl 7.88 run)
        'curl -v -g -n "https://{b,a1}.example.com/s" --next -n "https://{b,a1}.example.com/t"',
        'curl -v -u me:x https://a1.example.com/r --next -n https://a1.example.com/q',
        // the neighbours: globbing off, no host of the entry, -g or no -n in the URL's group
        'curl -v -g -n "https://{b,a1}.example.com/u"',
        'curl -v -n "https://a[2-3].example.com/v"',
        'curl -v -n "https://{b,a1}.example.com/w" --next -g -n https://b.example.com/p',
        'curl -v -n https://b.example.com/o --next "https://{b,a1}.example.com/m"',
      ].join('\n');
      expect(found(withToken(script))).toEqual([
        ['curl -v -n "https://{b,a1}.example.com/x"', NETRC_V, CURL_V_FIX('-v')],
        ['curl -v -n "https://a[1-2].example.com/y"', NETRC_V, CURL_V_FIX('-v')],
        ['curl -v -n --url "https://{a,b}[0-1].example.com/z"', NETRC_V, CURL_V_FIX('-v')],
        ['curl -v -g -n "https://{b,a1}.example.com/s" --next -n "https://{b,a1}.example.com/t"', NETRC_V, CURL_V_FIX('-v')],
        ['curl -v -u me:x https://a1.example.com/r --next -n https://a1.example.com/q', NETRC_V, CURL_V_FIX('-v')],
        ['curl -v -n "https://{b,a1}.example.com/w" --next -g -n https://b.example.com/p', NETRC_V, CURL_V_FIX('-v')],
      ]);
    });

    test('curl -v in a function prints where one of its calls leaves its stderr on the log, or where none is read: not `f 2>/dev/null` (bash 5.2, dash run)', () => {
      const script = [
        '#!/bin/bash',
        'get() { curl -v -H "Authorization: Bearer $TOKEN" "https://api.example.com/$1"; }',
        'fetch() { R=$(curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/b); }',
        'quiet() { get c; }',
        'loud() { curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/d; }',
        'unused() { curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/e; }',
        'get a 2>/dev/null',
        'fetch 2>/dev/null',
        'quiet 2>/dev/null',
        'get f 2>&1 | grep -q "HTTP/1.1 200"',
        'loud 2>/dev/null',
        'loud > /dev/null',
      ].join('\n');
      expect(found(withToken(script))).toEqual([
        ['curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/d', CURL_V('-v'), CURL_V_FIX('-v')],
        ['curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/e', CURL_V('-v'), CURL_V_FIX('-v')],
      ]);
      const all = ['curl -v -H "Authorization: Bearer $TOKEN" "https://api.example.com/$1"',
        'curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/d', 'curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/e'];
      expect(values(withToken(`${script}\nget g`))).toEqual(all);
      // (a call not read as one: in a command substitution, by eval or trap)
      expect(values(withToken(`${script}\nR=$(get g)`))).toEqual(all);
      expect(values(withToken(`${script}\ntrap 'get g' EXIT`))).toEqual(all);
      expect(values(withToken(`${script}\nforget g`))).toEqual(all.slice(1));
    });

    test('curl -v in a group behind -0 (--http1.0), whose letter curl knows', () => {
      expect(found(withToken('#!/bin/bash\ncurl -0v -H "Authorization: Bearer $TOKEN" https://api.example.com/a\n')))
        .toEqual([['curl -0v -H "Authorization: Bearer $TOKEN" https://api.example.com/a', CURL_V('-v'), CURL_V_FIX('-v')]]);
      expect(found(withToken('#!/bin/bash\ncurl -0 -H "Authorization: Bearer $TOKEN" https://api.example.com/a\n'))).toEqual([]);
    });

    test('curl --verb and --VERBOSE, as curl 8.5 and before read them (curl 7.88 run)', () => {
      const script = [
        '#!/bin/bash',
        'curl --verb -H "Authorization: Bearer $TOKEN" https://api.example.com/a',
        'curl --VERBOSE -u "me:$TOKEN" https://api.example.com/b',
        'curl --ver -u "me:$TOKEN" https://api.example.com/c',
      ].join('\n');
      expect(found(withToken(script))).toEqual([
        ['curl --verb -H "Authorization: Bearer $TOKEN" https://api.example.com/a', CURL_V('--verb'), CURL_V_FIX('--verb')],
        ['curl --VERBOSE -u "me:$TOKEN" https://api.example.com/b', CURL_V('--VERBOSE'), CURL_V_FIX('--VERBOSE')],
      ]);
    });

    test('curl -v shows no body, nor anything with its stderr to a file or --no-verbose; a trace to stdout shows the body too', () => {
      const script = [
        '#!/bin/bash',
        'curl -v -d "token=$TOKEN" https://api.example.com/a',
        'curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/b 2>/dev/null',
        'curl -v --stderr /tmp/curl.log -H "Authorization: Bearer $TOKEN" https://api.example.com/c',
        'curl -v --no-verbose -H "Authorization: Bearer $TOKEN" https://api.example.com/d',
        'curl -sS -H "Authorization: Bearer $TOKEN" https://api.example.com/e',
        'curl --trace-ascii /tmp/trace -d "token=$TOKEN" https://api.example.com/f',
        'curl --trace-ascii - -d "token=$TOKEN" https://api.example.com/g',
        'curl --trace-ascii - -d "token=$TOKEN" https://api.example.com/h | jq .id',
        'curl --trace % -H "Authorization: Bearer $TOKEN" https://api.example.com/i',
      ].join('\n');
      expect(found(withToken(script))).toEqual([
        ['curl --trace-ascii - -d "token=$TOKEN" https://api.example.com/g',
          `prints the value of ${TOKEN} to the log: curl's \`--trace-ascii -\` writes every byte it sends, headers and body, to stdout`,
          'Drop `--trace-ascii -`, or trace to a file (`--trace-ascii FILE`).'],
        ['curl --trace % -H "Authorization: Bearer $TOKEN" https://api.example.com/i',
          `prints the value of ${TOKEN} to the log: curl's \`--trace %\` writes every byte it sends, headers and body, to stderr`,
          'Drop `--trace %`, or trace to a file (`--trace FILE`).'],
      ]);
    });

    test('curl: the last of -v, --trace and --trace-ascii decides, --no-verbose turns them off, -vvv shows the body (8.10 on), --next keeps -v', () => {
      const script = [
        '#!/bin/bash',
        'curl -v --trace /tmp/trace -H "Authorization: Bearer $TOKEN" https://api.example.com/a',
        'curl --trace-ascii - -v -d "token=$TOKEN" https://api.example.com/b',
        'curl --trace-ascii - --no-verbose -d "token=$TOKEN" https://api.example.com/c',
        'curl --trace % --stderr /tmp/curl.log -H "Authorization: Bearer $TOKEN" https://api.example.com/d',
        'curl -v -v -v -d "token=$TOKEN" https://api.example.com/e',
        'curl -o -v -H "Authorization: Bearer $TOKEN" https://api.example.com/f',
        'curl --trace-ascii - -v -H "Authorization: Bearer $TOKEN" https://api.example.com/g',
        'curl -vvv -d "token=$TOKEN" https://api.example.com/h',
        'curl -sS -v https://api.example.com/i --next -H "Authorization: Bearer $TOKEN" https://api.example.com/j',
      ].join('\n');
      expect(found(withToken(script))).toEqual([
        ['curl --trace-ascii - -v -H "Authorization: Bearer $TOKEN" https://api.example.com/g', CURL_V('-v'), CURL_V_FIX('-v')],
        ['curl -vvv -d "token=$TOKEN" https://api.example.com/h',
          `prints the value of ${TOKEN} to the log: curl's \`-vvv\` (\`-v\` three times in one argument, curl 8.10 on) writes every byte it sends, headers and body, to stderr`,
          CURL_V_FIX('-vvv')],
        ['curl -sS -v https://api.example.com/i --next -H "Authorization: Bearer $TOKEN" https://api.example.com/j', CURL_V('-v'), CURL_V_FIX('-v')],
      ]);
    });

    test('curl\'s --stderr and trace files that are standard output or error go there (curl 7.88 run)', () => {
      const script = [
        '#!/bin/bash',
        'curl -v --stderr /dev/stdout -H "Authorization: Bearer $TOKEN" https://api.example.com/a > /dev/null',
        'curl -s --trace-ascii /proc/self/fd/1 -d "token=$TOKEN" https://api.example.com/b > /dev/null',
        'curl -s --trace-ascii /proc/self/fd/2 -d "token=$TOKEN" https://api.example.com/c > /dev/null',
        'curl -v --stderr /dev/stdout -H "Authorization: Bearer $TOKEN" https://api.example.com/d 2> /dev/null',
      ].join('\n');
      expect(found(withToken(script))).toEqual([
        ['curl -s --trace-ascii /proc/self/fd/2 -d "token=$TOKEN" https://api.example.com/c > /dev/null',
          `prints the value of ${TOKEN} to the log: curl's \`--trace-ascii /proc/self/fd/2\` writes every byte it sends, headers and body, to stderr`,
          'Drop `--trace-ascii /proc/self/fd/2`, or trace to a file (`--trace-ascii FILE`).'],
        ['curl -v --stderr /dev/stdout -H "Authorization: Bearer $TOKEN" https://api.example.com/d 2> /dev/null',
          CURL_V('-v').replace('to stderr', 'to stdout'), CURL_V_FIX('-v')],
      ]);
    });

    test('curl\'s --stderr and trace files that are the entrypoint\'s stream, `/proc/1/fd/2`, are the log whatever the command redirects; pid 1\'s other descriptors are not', () => {
      const script = [
        '#!/bin/bash',
        'curl -v --stderr /proc/1/fd/2 -H "Authorization: Bearer $TOKEN" https://api.example.com/a 2>/dev/null',
        'curl -s --trace-ascii /proc/1/fd/1 -d "token=$TOKEN" https://api.example.com/b > /dev/null 2>&1',
        'R=$(curl -v --stderr /proc/1/fd/1 -H "Authorization: Bearer $TOKEN" https://api.example.com/c)',
        // the neighbours: pid 1's descriptor 3, the command's own stdout thrown away, a file
        'curl -v --stderr /proc/1/fd/3 -H "Authorization: Bearer $TOKEN" https://api.example.com/d 2>/dev/null',
        'curl -v --stderr /proc/self/fd/1 -H "Authorization: Bearer $TOKEN" https://api.example.com/e > /dev/null',
        'curl -v --stderr /tmp/curl.log -H "Authorization: Bearer $TOKEN" https://api.example.com/f',
      ].join('\n');
      const ENTRYPOINT = 'the entrypoint\'s stream (pid 1\'s), which Tekton keeps as the step\'s log';
      expect(found(withToken(script))).toEqual([
        ['curl -v --stderr /proc/1/fd/2 -H "Authorization: Bearer $TOKEN" https://api.example.com/a 2>/dev/null', CURL_V('-v').replace('to stderr', `to ${ENTRYPOINT}`), CURL_V_FIX('-v')],
        ['curl -s --trace-ascii /proc/1/fd/1 -d "token=$TOKEN" https://api.example.com/b > /dev/null 2>&1',
          `prints the value of ${TOKEN} to the log: curl's \`--trace-ascii /proc/1/fd/1\` writes every byte it sends, headers and body, to ${ENTRYPOINT}`,
          'Drop `--trace-ascii /proc/1/fd/1`, or trace to a file (`--trace-ascii FILE`).'],
        ['curl -v --stderr /proc/1/fd/1 -H "Authorization: Bearer $TOKEN" https://api.example.com/c', CURL_V('-v').replace('to stderr', `to ${ENTRYPOINT}`), CURL_V_FIX('-v')],
      ]);
    });

    test('curl\'s config files the script writes: -K FILE, --config FILE, -K - and .curlrc, read as curl reads them (curl 7.88 run)', () => {
      const script = [
        '#!/bin/bash',
        'cat > /tmp/curl.cfg <<EOF',
        'header = "Authorization: Bearer $TOKEN"',
        'verbose',
        'EOF',
        'curl -sS -K /tmp/curl.cfg https://api.example.com/a',
        'cat > /tmp/quiet.cfg <<EOF',
        'header = "Authorization: Bearer $TOKEN"',
        'EOF',
        'curl -sS --config /tmp/quiet.cfg https://api.example.com/b',
        'cat > /tmp/literal.cfg <<\'EOF\'',
        'header: "Authorization: Bearer $TOKEN"',
        '-v',
        'EOF',
        'curl -sS --config /tmp/literal.cfg https://api.example.com/c',
        'echo verbose > ~/.curlrc',
        'curl -sS -H "Authorization: Bearer $TOKEN" https://api.example.com/d',
        'curl -q -sS -H "Authorization: Bearer $TOKEN" https://api.example.com/e',
        'curl -qs -H "Authorization: Bearer $TOKEN" https://api.example.com/f',
        'curl -sS -H "Authorization: Bearer $TOKEN" --no-verbose https://api.example.com/g',
        'printf \'%s\\n\' \'trace-ascii = "-"\' > /tmp/trace.cfg',
        'curl -q -K/tmp/trace.cfg -d "token=$TOKEN" https://api.example.com/h',
        'curl -q -K - https://api.example.com/i <<EOF',
        'header: "Authorization: Bearer $TOKEN"',
        '--verbose',
        'EOF',
        'curl -q -K - https://api.example.com/j <<EOF',
        'header = Authorization: Bearer $TOKEN',
        '--verbose',
        'EOF',
      ].join('\n');
      expect(found(withToken(script))).toEqual([
        ['curl -sS -K /tmp/curl.cfg https://api.example.com/a', CONFIG_V('verbose', 'line 2 of /tmp/curl.cfg, which `-K /tmp/curl.cfg` reads'),
          CONFIG_FIX('verbose', '/tmp/curl.cfg')],
        ['curl -sS -H "Authorization: Bearer $TOKEN" https://api.example.com/d', CONFIG_V('verbose', 'line 1 of $HOME/.curlrc, which curl reads before its arguments'),
          CONFIG_FIX('verbose', '$HOME/.curlrc')],
        ['curl -q -K/tmp/trace.cfg -d "token=$TOKEN" https://api.example.com/h',
          `prints the value of ${TOKEN} to the log: curl's \`trace-ascii = "-"\` (line 1 of /tmp/trace.cfg, which \`-K/tmp/trace.cfg\` reads) writes every byte it sends, headers and body, to stdout`,
          'Remove `trace-ascii = "-"` from /tmp/trace.cfg, or trace to a file (`--trace-ascii FILE`).'],
        ['curl -q -K - https://api.example.com/i <<EOF', CONFIG_V('--verbose', 'line 2 of its input, which `-K -` reads'), CONFIG_FIX('--verbose', 'its input')],
      ]);
      // printf's format filled, appends after a write, tee's heredoc, $CURL_HOME; not a file removed or written by another program since
      const more = [
        '#!/bin/bash',
        'printf \'verbose\\nheader = "Authorization: Bearer %s"\\n\' "$TOKEN" > /tmp/a.cfg',
        'curl -sS --config=/tmp/a.cfg https://api.example.com/a',
        'echo silent > /tmp/b.cfg',
        'echo -v >> /tmp/b.cfg',
        'curl -K /tmp/b.cfg -u "me:$TOKEN" https://api.example.com/b',
        'tee /tmp/c.cfg > /dev/null <<EOF',
        'verbose',
        'EOF',
        'curl -K /tmp/c.cfg -H "Authorization: Bearer $TOKEN" https://api.example.com/c',
        'rm -f /tmp/c.cfg',
        'curl -K /tmp/c.cfg -H "Authorization: Bearer $TOKEN" https://api.example.com/d',
        'echo verbose > /tmp/e.cfg',
        'generate-config > /tmp/e.cfg',
        'curl -K /tmp/e.cfg -H "Authorization: Bearer $TOKEN" https://api.example.com/e',
        'export CURL_HOME=/etc/curl',
        'echo verbose > /etc/curl/.curlrc',
        'curl -H "Authorization: Bearer $TOKEN" https://api.example.com/f',
      ].join('\n');
      expect(found(withToken(more))).toEqual([
        ['curl -sS --config=/tmp/a.cfg https://api.example.com/a', CONFIG_V('verbose', 'line 1 of /tmp/a.cfg, which `--config=/tmp/a.cfg` reads'), CONFIG_FIX('verbose', '/tmp/a.cfg')],
        ['curl -K /tmp/b.cfg -u "me:$TOKEN" https://api.example.com/b', CONFIG_V('-v', 'line 2 of /tmp/b.cfg, which `-K /tmp/b.cfg` reads'), CONFIG_FIX('-v', '/tmp/b.cfg')],
        ['curl -K /tmp/c.cfg -H "Authorization: Bearer $TOKEN" https://api.example.com/c', CONFIG_V('verbose', 'line 1 of /tmp/c.cfg, which `-K /tmp/c.cfg` reads'),
          CONFIG_FIX('verbose', '/tmp/c.cfg')],
        ['curl -H "Authorization: Bearer $TOKEN" https://api.example.com/f', CONFIG_V('verbose', 'line 1 of /etc/curl/.curlrc, which curl reads before its arguments'),
          CONFIG_FIX('verbose', '/etc/curl/.curlrc')],
      ]);
    });

    test('curl\'s config files a config file names (`config = FILE`, `-K FILE`), read where its line is, each once in a chain (curl 7.88 run)', () => {
      const script = [
        '#!/bin/bash',
        'echo verbose > /tmp/debug.cfg',
        'cat > /tmp/auth.cfg <<EOF',
        'header = "Authorization: Bearer $TOKEN"',
        'EOF',
        'cat > /tmp/a.cfg <<EOF',
        'config = /tmp/debug.cfg',
        'EOF',
        'curl -sS -K /tmp/a.cfg -H "Authorization: Bearer $TOKEN" https://api.example.com/a',
        'printf \'%s\\n\' verbose \'-K /tmp/auth.cfg\' > /tmp/b.cfg',
        'curl -sS -K /tmp/b.cfg https://api.example.com/b',
        'echo "-K /tmp/debug.cfg" > ~/.curlrc',
        'curl -sS -u "me:$TOKEN" https://api.example.com/c',
        'curl -q -sS -u "me:$TOKEN" https://api.example.com/d',
        'echo "config = /tmp/auth.cfg" > /tmp/e.cfg',
        'curl -q -K /tmp/e.cfg https://api.example.com/e',
        'echo "config = /tmp/f.cfg" > /tmp/f.cfg',
        'curl -q -K /tmp/f.cfg -H "Authorization: Bearer $TOKEN" https://api.example.com/f',
        'echo "config = /tmp/unknown.cfg" > /tmp/g.cfg',
        'curl -q -K /tmp/g.cfg -H "Authorization: Bearer $TOKEN" https://api.example.com/g',
      ].join('\n');
      expect(found(withToken(script))).toEqual([
        ['curl -sS -K /tmp/a.cfg -H "Authorization: Bearer $TOKEN" https://api.example.com/a',
          CONFIG_V('verbose', 'line 1 of /tmp/debug.cfg, which `config = /tmp/debug.cfg`, line 1 of /tmp/a.cfg, reads'), CONFIG_FIX('verbose', '/tmp/debug.cfg')],
        ['curl -sS -K /tmp/b.cfg https://api.example.com/b', CONFIG_V('verbose', 'line 1 of /tmp/b.cfg, which `-K /tmp/b.cfg` reads'), CONFIG_FIX('verbose', '/tmp/b.cfg')],
        ['curl -sS -u "me:$TOKEN" https://api.example.com/c',
          CONFIG_V('verbose', 'line 1 of /tmp/debug.cfg, which `-K /tmp/debug.cfg`, line 1 of $HOME/.curlrc, reads'), CONFIG_FIX('verbose', '/tmp/debug.cfg')],
      ]);
    });

    test('curl\'s --stderr and trace files read as the kernel opens them; one it cannot open (/dev/fd/01) leaves it on stderr (curl 7.88 run)', () => {
      const script = [
        '#!/bin/bash',
        'curl -v --stderr /dev/./stdout -H "Authorization: Bearer $TOKEN" https://api.example.com/a 2> /dev/null',
        'curl --trace-ascii //dev/stderr -H "Authorization: Bearer $TOKEN" https://api.example.com/b',
        'curl -v --stderr /dev/fd/01 -H "Authorization: Bearer $TOKEN" https://api.example.com/c',
        'curl -s --trace-ascii /dev/fd/01 -d "token=$TOKEN" https://api.example.com/d',
        'curl -v --stderr /dev/./stdout -H "Authorization: Bearer $TOKEN" https://api.example.com/e > /dev/null',
        'curl -v --stderr /tmp/./curl.log -H "Authorization: Bearer $TOKEN" https://api.example.com/f',
        'curl -s --trace-ascii /dev/fd/01 --stderr /tmp/curl.log -d "token=$TOKEN" https://api.example.com/g',
      ].join('\n');
      expect(found(withToken(script))).toEqual([
        ['curl -v --stderr /dev/./stdout -H "Authorization: Bearer $TOKEN" https://api.example.com/a 2> /dev/null',
          CURL_V('-v').replace('to stderr', 'to stdout'), CURL_V_FIX('-v')],
        ['curl --trace-ascii //dev/stderr -H "Authorization: Bearer $TOKEN" https://api.example.com/b',
          `prints the value of ${TOKEN} to the log: curl's \`--trace-ascii //dev/stderr\` writes every byte it sends, headers and body, to stderr`,
          'Drop `--trace-ascii //dev/stderr`, or trace to a file (`--trace-ascii FILE`).'],
        ['curl -v --stderr /dev/fd/01 -H "Authorization: Bearer $TOKEN" https://api.example.com/c', CURL_V('-v'), CURL_V_FIX('-v')],
        ['curl -s --trace-ascii /dev/fd/01 -d "token=$TOKEN" https://api.example.com/d',
          `prints the value of ${TOKEN} to the log: curl's \`--trace-ascii /dev/fd/01\` writes every byte it sends, headers and body, to stderr`,
          'Drop `--trace-ascii /dev/fd/01`, or trace to a file (`--trace-ascii FILE`).'],
      ]);
    });

    test('curl -G (--get) puts the data of its group in the URL\'s query, which -v shows (curl 7.88 run)', () => {
      const script = [
        '#!/bin/bash',
        'curl -v -G -d "token=$TOKEN" https://api.example.com/a',
        'curl -sSv --data-urlencode "token=$TOKEN" --get https://api.example.com/b',
        'curl -v -G https://api.example.com/c --next -d "token=$TOKEN" https://api.example.com/d',
        'curl -v -G --no-get -d "token=$TOKEN" https://api.example.com/e',
        'curl -v -G -F "token=$TOKEN" https://api.example.com/f',
      ].join('\n');
      expect(found(withToken(script))).toEqual([
        ['curl -v -G -d "token=$TOKEN" https://api.example.com/a', CURL_V('-v'), CURL_V_FIX('-v')],
        ['curl -sSv --data-urlencode "token=$TOKEN" --get https://api.example.com/b', CURL_V('-v'), CURL_V_FIX('-v')],
      ]);
    });

    test('curl 8.3\'s --expand- options read as their option, with the --variable values they name', () => {
      const script = [
        '#!/bin/bash',
        'curl -v --variable T="$TOKEN" --expand-header "Authorization: Bearer {{T:trim}}" https://api.example.com/a',
        'curl -v --expand-data "token=$TOKEN" https://api.example.com/b',
        'curl -v --variable T="$TOKEN" --expand-header "Authorization: Bearer {{U}}" https://api.example.com/c',
        // (`%NAME` imports the environment's NAME, `%NAME=TEXT` and `%NAME@FILE` it or else TEXT, the file: curl 8.3 var.c)
        'curl -v --variable %TOKEN --expand-header \'Authorization: Bearer {{TOKEN}}\' https://api.example.com/d',
        'curl -v --variable %TOKEN=none --expand-header \'Authorization: Bearer {{TOKEN:trim}}\' https://api.example.com/e',
        'curl -v --variable %TOKEN@/tmp/t --expand-header \'Authorization: Bearer {{TOKEN}}\' https://api.example.com/f',
        'curl -v --variable %X="$TOKEN" --expand-header \'Authorization: Bearer {{X}}\' https://api.example.com/g',
        'curl -v --variable %HOME --expand-header \'Authorization: Bearer {{HOME}}\' https://api.example.com/h',
        'curl -v --variable TOKEN --expand-header \'Authorization: Bearer {{TOKEN}}\' https://api.example.com/i',
        'curl -v --variable %TOKEN --expand-header \'Authorization: Bearer {{T}}\' https://api.example.com/j',
        'curl -v --variable %TOKEN -H \'Authorization: Bearer {{TOKEN}}\' https://api.example.com/k',
      ].join('\n');
      expect(found(withToken(script))).toEqual([
        ['curl -v --variable T="$TOKEN" --expand-header "Authorization: Bearer {{T:trim}}" https://api.example.com/a', CURL_V('-v'), CURL_V_FIX('-v')],
        ['curl -v --variable %TOKEN --expand-header \'Authorization: Bearer {{TOKEN}}\' https://api.example.com/d', CURL_V('-v'), CURL_V_FIX('-v')],
        ['curl -v --variable %TOKEN=none --expand-header \'Authorization: Bearer {{TOKEN:trim}}\' https://api.example.com/e', CURL_V('-v'), CURL_V_FIX('-v')],
        ['curl -v --variable %TOKEN@/tmp/t --expand-header \'Authorization: Bearer {{TOKEN}}\' https://api.example.com/f', CURL_V('-v'), CURL_V_FIX('-v')],
        ['curl -v --variable %X="$TOKEN" --expand-header \'Authorization: Bearer {{X}}\' https://api.example.com/g', CURL_V('-v'), CURL_V_FIX('-v')],
      ]);
    });

    test('curl\'s --variable %NAME of a variable the shell exports (env, export, declare -x, set -a, before the command), not of one it keeps (bash 5.2 run)', () => {
      const MADE = (v: string) => CURL_V('-v').replace(TOKEN, `${v} (made from TOKEN, Secret 'reg' key 'token')`);
      const line = (v: string, path: string) => `curl -v --variable %${v} --expand-header 'Authorization: Bearer {{${v}}}' https://api.example.com/${path}`;
      const script = [
        '#!/bin/bash',
        'T="$TOKEN"',
        line('T', 'a'),
        `T="$TOKEN" ${line('T', 'b')}`,
        'export T',
        line('T', 'c'),
        'export -n T',
        line('T', 'd'),
        'declare -x T',
        line('T', 'e'),
        'set -a',
        'U="$TOKEN"',
        'set +a',
        'V="$TOKEN"',
        line('U', 'f'),
        line('V', 'g'),
        'unset TOKEN',
        line('TOKEN', 'h'),
      ].join('\n');
      expect(found(withToken(script))).toEqual([
        [`T="$TOKEN" ${line('T', 'b')}`, MADE('T'), CURL_V_FIX('-v')],
        [line('T', 'c'), MADE('T'), CURL_V_FIX('-v')],
        [line('T', 'e'), MADE('T'), CURL_V_FIX('-v')],
        [line('U', 'f'), MADE('U'), CURL_V_FIX('-v')],
      ]);
    });

    test('git with GIT_TRACE (its words) or GIT_CURL_VERBOSE (the URL) from the command, an export or the env; not a redacted header', () => {
      const script = [
        '#!/bin/bash',
        'GIT_TRACE=1 git clone "https://x:$TOKEN@github.com/o/r" /w/a',
        'git clone "https://x:$TOKEN@github.com/o/r" /w/b',
        'GIT_TRACE=/tmp/trace git clone "https://x:$TOKEN@github.com/o/r" /w/c',
        'export GIT_CURL_VERBOSE=1',
        'git -c http.extraHeader="Authorization: Bearer $TOKEN" fetch origin',
        'git push "https://x:$TOKEN@github.com/o/r" HEAD',
        'unset GIT_CURL_VERBOSE',
        'git push "https://x:$TOKEN@github.com/o/r" main',
      ].join('\n');
      expect(found(withToken(script))).toEqual([
        ['GIT_TRACE=1 git clone "https://x:$TOKEN@github.com/o/r" /w/a',
          `prints the value of ${TOKEN} to the log: \`GIT_TRACE=1\` makes git write the command it runs, with its words, to stderr`,
          'Do not set GIT_TRACE for this command, or trace to a file (`GIT_TRACE=/tmp/git-trace`).'],
        ['git push "https://x:$TOKEN@github.com/o/r" HEAD',
          `prints the value of ${TOKEN} to the log: \`GIT_CURL_VERBOSE=1\` makes git write each URL it requests, with its user:password, to stderr`,
          'Do not set GIT_CURL_VERBOSE for this command, or give the token by a credential helper instead of in the URL.'],
      ]);
      const m = task({ steps: [hardenedContainer('push', { env: [...TOKEN_ENV, { name: 'GIT_TRACE', value: 'true' }], script: '#!/bin/sh\ngit ls-remote "https://x:$TOKEN@h.example.com/r"\n' })] });
      expect(found(m).map(([v, p]) => [v, p])).toEqual([['git ls-remote "https://x:$TOKEN@h.example.com/r"',
        `prints the value of ${TOKEN} to the log: \`GIT_TRACE=true\` makes git write the command it runs, with its words, to stderr`]]);
    });

    test('wget -d writes each option\'s value given after it to stderr, a log file aside, and each request\'s headers to its log, not those an empty --header drops (wget 1.21.3 run)', () => {
      const script = [
        '#!/bin/sh',
        'wget -d --header "Authorization: Bearer $TOKEN" https://api.example.com/a',
        'wget -qO- --header "Authorization: Bearer $TOKEN" https://api.example.com/b',
        'wget -d -o /tmp/wget.log --password "$TOKEN" https://api.example.com/c',
        'wget --password "$TOKEN" -d https://api.example.com/d',
        'wget --password "$TOKEN" -d -o /tmp/wget.log https://api.example.com/e',
        'wget -d --header "Authorization: Bearer $TOKEN" --no-debug https://api.example.com/f',
        'wget --header "Authorization: Bearer $TOKEN" -d --no-debug https://api.example.com/g',
        'wget -d -o /tmp/wget.log "https://api.example.com/h?access_token=$TOKEN"',
        'wget --header "Authorization: Bearer $TOKEN" --header= -d https://api.example.com/i',
        'wget --header "Authorization: Bearer $TOKEN" -e header= -d https://api.example.com/j',
        'wget --header "Authorization: Bearer $TOKEN" -e header= --header "X-Token: $TOKEN" -d https://api.example.com/k',
      ].join('\n');
      expect(found(withToken(script))).toEqual([
        ['wget -d --header "Authorization: Bearer $TOKEN" https://api.example.com/a', WGET_SET('-d'), WGET_SET_FIX('-d')],
        ['wget -d -o /tmp/wget.log --password "$TOKEN" https://api.example.com/c', WGET_SET('-d'), WGET_SET_FIX('-d')],
        ['wget --password "$TOKEN" -d https://api.example.com/d', ...WGET_NETRC('--password')],
        ['wget -d --header "Authorization: Bearer $TOKEN" --no-debug https://api.example.com/f', WGET_SET('-d'), WGET_SET_FIX('-d')],
        ['wget --header "Authorization: Bearer $TOKEN" -e header= --header "X-Token: $TOKEN" -d https://api.example.com/k', ...WGET_DEBUG('-d')],
      ]);
    });

    test('wget sends a password only with a user (`--user`, `--http-user`, a URL\'s `user@`, a .netrc unless --no-netrc), `--http-password` over `--password` (wget 1.21.3 run against a server that answers 401)', () => {
      const script = [
        '#!/bin/bash',
        'wget --password "$TOKEN" -d https://api.example.com/a',
        'wget --user me --password "$TOKEN" -d https://api.example.com/b',
        'wget --password "$TOKEN" -d https://me@api.example.com/c',
        'wget --http-user me --password "$TOKEN" --http-password other -d https://api.example.com/d',
        'wget --user me --http-password "$TOKEN" --password other -d https://api.example.com/e',
        // a URL without a scheme is http's (`me@host/x`: its user), one the shell expands may hold a user
        'wget --no-netrc --password="$TOKEN" -d me@api.example.com/f',
        'wget --no-netrc --password="$TOKEN" -d "https://$HOST/g"',
        'wget --no-netrc --password="$TOKEN" -d api.example.com/h',
        'wget -e netrc=off --http-password="$TOKEN" -d https://api.example.com/i',
        // a .netrc the script writes gives the user; a wgetrc's `user`, `http_user` and `netrc = off` are read
        'echo "machine api.example.com login alice" > ~/.netrc',
        'wget --password="$TOKEN" -d https://api.example.com/j',
        'echo "http_user = alice" > /tmp/u.rc',
        'wget --config /tmp/u.rc --no-netrc --password="$TOKEN" -d https://api.example.com/k',
        'echo "netrc = off" > /tmp/n.rc',
        'wget --config /tmp/n.rc --password="$TOKEN" -d https://api.example.com/l',
        'printf \'password = %s\\n\' "$TOKEN" > ~/.wgetrc',
        'wget -d https://api.example.com/m',
        'wget -d --http-user me https://api.example.com/n',
        'wget -d --no-netrc https://api.example.com/o',
      ].join('\n');
      expect(found(withToken(script))).toEqual([
        ['wget --password "$TOKEN" -d https://api.example.com/a', ...WGET_NETRC('--password')],
        ['wget --user me --password "$TOKEN" -d https://api.example.com/b', ...WGET_DEBUG('-d')],
        ['wget --password "$TOKEN" -d https://me@api.example.com/c', ...WGET_DEBUG('-d')],
        ['wget --user me --http-password "$TOKEN" --password other -d https://api.example.com/e', ...WGET_DEBUG('-d')],
        ['wget --no-netrc --password="$TOKEN" -d me@api.example.com/f', ...WGET_DEBUG('-d')],
        ['wget --no-netrc --password="$TOKEN" -d "https://$HOST/g"', ...WGET_DEBUG('-d')],
        ['wget --password="$TOKEN" -d https://api.example.com/j', ...WGET_NETRC('--password')],
        ['wget --config /tmp/u.rc --no-netrc --password="$TOKEN" -d https://api.example.com/k', ...WGET_DEBUG('-d')],
        ['wget -d https://api.example.com/m', ...WGET_NETRC('password = $TOKEN')],
        ['wget -d --http-user me https://api.example.com/n', ...WGET_DEBUG('-d')],
      ]);
    });

    test('a .netrc the script writes gives wget a user only by a `machine HOST … login USER` entry for the URL\'s host (wget 1.21.3 run against a server that answers 401)', () => {
      const script = [
        '#!/bin/bash',
        // no entry for the host: another host's, `default` (not read for http), one without a login, a macro's text, `MACHINE`
        'printf \'machine other.example.com login alice\\ndefault login bob\\nmachine api.example.com password p\\n\' > ~/.netrc',
        'wget --password="$TOKEN" -d https://api.example.com/a',
        'printf \'macdef init\\nmachine api.example.com login alice\\n\\nMACHINE api.example.com login alice\\n\' > ~/.netrc',
        'wget --password="$TOKEN" -d https://api.example.com/b',
        // the neighbours: an entry for the host (in any case, a port aside, its login on the next line, quoted), a host the shell expands,
        // a .netrc whose text the shell expands, one the script did not write (the image\'s)
        'printf \'machine API.example.com\\n  login "alice"\\n\' > ~/.netrc',
        'wget --password="$TOKEN" -d https://api.example.com:8443/c',
        'echo "machine other.example.com login alice" > ~/.netrc',
        'wget --password="$TOKEN" -d "https://$HOST/d"',
        'echo "machine $REGISTRY login alice" > ~/.netrc',
        'wget --password="$TOKEN" -d https://api.example.com/e',
        'HOME=/tmp/h wget --password="$TOKEN" -d https://api.example.com/f',
        // an entry for the host with a password of its own, which wget sends over the option's (the .netrc's reported where a Secret's);
        // the neighbour: the first entry for the host has none
        'printf \'machine api.example.com login alice password p\\n\' > ~/.netrc',
        'wget --password="$TOKEN" -d https://api.example.com/g',
        'wget --http-password="$TOKEN" -d https://api.example.com/h',
        'printf \'machine api.example.com login alice\\nmachine api.example.com login bob password p\\n\' > ~/.netrc',
        'wget --password="$TOKEN" -d https://api.example.com/i',
      ].join('\n');
      expect(found(withToken(script))).toEqual([
        ['wget --password="$TOKEN" -d https://api.example.com:8443/c', ...WGET_NETRC('--password')],
        // (a host the shell expands may hold a user too)
        ['wget --password="$TOKEN" -d "https://$HOST/d"', ...WGET_DEBUG('-d')],
        ['wget --password="$TOKEN" -d https://api.example.com/e', ...WGET_NETRC('--password')],
        ['HOME=/tmp/h wget --password="$TOKEN" -d https://api.example.com/f', ...WGET_NETRC('--password')],
        ['wget --password="$TOKEN" -d https://api.example.com/i', ...WGET_NETRC('--password')],
      ]);
    });

    test('wget -d with a .netrc the script writes sends the login and password of the first entry for the host where a user or password is not given (wget 1.21.3 run against a server that answers 401)', () => {
      const NETRC = `prints the value of ${TOKEN} to the log: wget's \`-d\` writes each request's headers to stderr, with the login and password it reads from ~/.netrc `
        + 'for the host in an Authorization header (their base64, which decodes to them)';
      const script = [
        '#!/bin/bash',
        'echo "machine API.example.com login me password $TOKEN" > ~/.netrc',
        'wget -d https://api.example.com/a',
        // (the .netrc's password over --password's; --user of its login; a URL's user of it)
        'wget -d --password=x https://api.example.com/b',
        'wget -d --user=me https://api.example.com/c',
        'wget -d https://me@api.example.com/d',
        // the neighbours: another user, both given, --no-netrc, another host, a log file, no -d, another HOME
        'wget -d --user=bob https://api.example.com/e',
        'wget -d --user=me --password=x https://api.example.com/f',
        'wget -d https://me:x@api.example.com/g',
        'wget -d --no-netrc https://api.example.com/h',
        'wget -d https://other.example.com/i',
        'wget -d -o /tmp/wget.log https://api.example.com/j',
        'wget https://api.example.com/k',
        'HOME=/tmp/h wget -d https://api.example.com/l',
      ].join('\n');
      expect(found(withToken(script))).toEqual(['a', 'b', 'c'].map((x) => [`wget -d ${{ a: '', b: '--password=x ', c: '--user=me ' }[x]}https://api.example.com/${x}`, NETRC, 'Drop `-d` from this command, or write wget\'s log to a file (`-o FILE`).'])
        .concat([['wget -d https://me@api.example.com/d', NETRC, 'Drop `-d` from this command, or write wget\'s log to a file (`-o FILE`).']]));
    });

    test('wget\'s log file that is the step\'s log, `-o /dev/stderr`, `-a /proc/self/fd/1`: what -d writes is on the log (wget 1.21.3 run against a server that answers 401)', () => {
      const NETRC = (written: string) => `prints the value of ${TOKEN} to the log: wget's \`-d\` writes each request's headers to the step's log, which \`${written}\` names, `
        + 'with the login and password it reads from ~/.netrc for the host in an Authorization header (their base64, which decodes to them)';
      const FIX = (written: string) => `Drop \`-d\` from this command, or write wget's log to a file (\`-o FILE\`), not the step's log (\`${written}\`).`;
      // (each of the step's standard output and error, by any name the kernel opens as it; the last of -o, -a decides: wget 1.21.3 run, the
      // Authorization header on the step's stderr or stdout, and with `-o /dev/stderr -o /tmp/wget.log` in the file)
      const logs = ['-o /dev/stderr', '-o /proc/self/fd/2', '-o /dev/fd/2', '-a /dev/stderr', '-o /dev/stdout', '-o /proc/self/fd/1', '-o /dev/fd/1',
        '-a /dev/fd/1', '--output-file=/dev/stderr', '-o /tmp/wget.log -o /dev/stderr'];
      const script = [
        '#!/bin/bash',
        'echo "machine api.example.com login me password $TOKEN" > ~/.netrc',
        ...logs.map((o) => `wget -d ${o} https://api.example.com/e`),
        // the neighbours: a file, the last -o a file, the log on stderr thrown away (`2>/dev/null`), one wget cannot open (`/dev/fd/01`: it exits)
        'wget -d -o /tmp/wget.log https://api.example.com/f',
        'wget -d -o /dev/stderr -o /tmp/wget.log https://api.example.com/g',
        'wget -d -o /dev/stderr https://api.example.com/h 2>/dev/null',
        'wget -d -o /dev/fd/01 https://api.example.com/i',
        // (on stdout, `2>/dev/null` does not take it)
        'wget -d -o /dev/stdout https://api.example.com/j 2>/dev/null',
        // (the entrypoint's, pid 1's, which Tekton's entrypoint writes to the step's log: the command's redirections do not take it; its
        // descriptor 3 is not the log)
        'wget -d -o /proc/1/fd/2 https://api.example.com/m 2>/dev/null',
        'wget -d -a /proc/1/fd/1 https://api.example.com/n > /dev/null 2>&1',
        'wget -d -o /proc/1/fd/3 https://api.example.com/o 2>/dev/null',
      ].join('\n');
      const written = (o: string) => o.replace(/^-o \/tmp\/wget\.log /, '');
      expect(found(withToken(script))).toEqual([...logs.map((o) => [`wget -d ${o} https://api.example.com/e`, NETRC(written(o)), FIX(written(o))]),
        ['wget -d -o /dev/stdout https://api.example.com/j 2>/dev/null', NETRC('-o /dev/stdout'), FIX('-o /dev/stdout')],
        ['wget -d -o /proc/1/fd/2 https://api.example.com/m 2>/dev/null', NETRC('-o /proc/1/fd/2'), FIX('-o /proc/1/fd/2')],
        ['wget -d -a /proc/1/fd/1 https://api.example.com/n > /dev/null 2>&1', NETRC('-a /proc/1/fd/1'), FIX('-a /proc/1/fd/1')]]);
      // and the URL wget writes without -d: `-o /dev/stderr` is the log too
      expect(found(withToken('#!/bin/bash\nwget -o /dev/stderr "https://api.example.com/k?access_token=$TOKEN"\nwget -o /tmp/wget.log "https://api.example.com/l?access_token=$TOKEN"')))
        .toEqual([['wget -o /dev/stderr "https://api.example.com/k?access_token=$TOKEN"',
          `prints the value of ${TOKEN} to the log: wget writes each URL it fetches to the step's log, which \`-o /dev/stderr\` names, its path and query as given `
          + '(only the password of a user:password in it is masked)',
          'Give the value in a header (`--header "Authorization: Bearer …"`) or a file wget reads, not in the URL; or add `-q`.']]);
    });

    test('wget\'s startup files the script writes: ~/.wgetrc, $WGETRC, /etc/wgetrc, $SYSTEM_WGETRC, --config FILE; none after --no-config (wget 1.21.3 run)', () => {
      const rc = (line: string, where: string) => `wget's \`${line}\` (${where})`;
      const script = [
        '#!/bin/bash',
        'cat > ~/.wgetrc <<EOF',
        '# debug while it fails',
        'debug = on',
        'header = Authorization: Bearer $TOKEN',
        'EOF',
        'wget -O /tmp/a https://api.example.com/a',
        'wget -q -o /tmp/wget.log -O /tmp/b https://api.example.com/b',
        'wget --no-config -O /tmp/c https://api.example.com/c',
        'wget -O /tmp/d https://api.example.com/d --no-config',
      ].join('\n');
      const home = 'line 2 of $HOME/.wgetrc, which wget reads before its arguments';
      expect(found(withToken(script))).toEqual([
        ['wget -O /tmp/a https://api.example.com/a', WGET_SET('', rc('debug = on', home)), 'Remove `debug = on` from $HOME/.wgetrc: a log file does not take what it writes of the options.'],
        ['wget -q -o /tmp/wget.log -O /tmp/b https://api.example.com/b', WGET_SET('', rc('debug = on', home)),
          'Remove `debug = on` from $HOME/.wgetrc: a log file does not take what it writes of the options.'],
      ]);
      const more = [
        '#!/bin/bash',
        'echo "debug = on" > /tmp/debug.rc',
        'printf \'header = Authorization: Bearer %s\\n\' "$TOKEN" > /tmp/auth.rc',
        'WGETRC=/tmp/debug.rc wget --header "Authorization: Bearer $TOKEN" https://api.example.com/a',
        'WGETRC=/tmp/auth.rc wget -d -O /tmp/b https://api.example.com/b',
        'wget --config=/tmp/debug.rc --header "Authorization: Bearer $TOKEN" https://api.example.com/c',
        'wget --config /tmp/auth.rc -O /tmp/d https://api.example.com/d',
        'wget --no-config --config=/tmp/debug.rc --header "Authorization: Bearer $TOKEN" https://api.example.com/e',
        'echo "debug = on" > /etc/wgetrc',
        'wget --header "Authorization: Bearer $TOKEN" https://api.example.com/f',
        'SYSTEM_WGETRC=/tmp/auth.rc wget -d -o /tmp/wget.log https://api.example.com/g',
      ].join('\n');
      expect(found(withToken(more))).toEqual([
        ['WGETRC=/tmp/debug.rc wget --header "Authorization: Bearer $TOKEN" https://api.example.com/a', WGET_SET('', rc('debug = on', 'line 1 of /tmp/debug.rc, which wget reads before its arguments')),
          'Remove `debug = on` from /tmp/debug.rc: a log file does not take what it writes of the options.'],
        ['WGETRC=/tmp/auth.rc wget -d -O /tmp/b https://api.example.com/b', ...WGET_DEBUG('-d')],
        ['wget --config=/tmp/debug.rc --header "Authorization: Bearer $TOKEN" https://api.example.com/c',
          WGET_SET('', rc('debug = on', 'line 1 of /tmp/debug.rc, which `--config=/tmp/debug.rc` reads')),
          'Remove `debug = on` from /tmp/debug.rc: a log file does not take what it writes of the options.'],
        ['wget --header "Authorization: Bearer $TOKEN" https://api.example.com/f', WGET_SET('', rc('debug = on', 'line 1 of /etc/wgetrc, which wget reads before its arguments')),
          'Remove `debug = on` from /etc/wgetrc: a log file does not take what it writes of the options.'],
      ]);
    });
    test('a startup file with a line wget rejects: wget exits after reading it, writing only what `debug = on` set of it (wget 1.21.3 run)', () => {
      const script = [
        '#!/bin/bash',
        'cat > /tmp/a.rc <<EOF',
        'debug = on',
        'header = Authorization: Bearer $TOKEN',
        'retries 3',
        'EOF',
        'wget --config /tmp/a.rc -O /tmp/a https://api.example.com/a',
        // the file read, its commands not printed, the arguments not read: nothing printed of them
        'echo "debug = on" > /tmp/b.rc',
        'echo "tries: 3" >> /tmp/b.rc',
        'wget --config /tmp/b.rc --header "Authorization: Bearer $TOKEN" https://api.example.com/b',
        "printf 'tries = 3\\nverbose = maybe\\n' > /tmp/c.rc",
        'WGETRC=/tmp/c.rc wget -d --header "Authorization: Bearer $TOKEN" https://api.example.com/c',
        'echo "progress_bar = dot" > /tmp/d.rc',
        'SYSTEM_WGETRC=/tmp/d.rc wget "https://api.example.com/d?token=$TOKEN"',
        // the neighbour: a command wget knows that no option sets
        'echo "dots_in_line = 10" > /tmp/e.rc',
        'WGETRC=/tmp/e.rc wget "https://api.example.com/e?token=$TOKEN"',
      ].join('\n');
      expect(found(withToken(script))).toEqual([
        ['wget --config /tmp/a.rc -O /tmp/a https://api.example.com/a',
          `prints the value of ${TOKEN} to the log: wget's \`debug = on\` (line 1 of /tmp/a.rc, which \`--config /tmp/a.rc\` reads) writes the value of each command `
          + 'after it to stderr as wget sets it (`Setting NAME (NAME) to VALUE`), though wget then exits without fetching, for line 3 of /tmp/a.rc (`retries 3`), a syntax error',
          'Remove `debug = on` from /tmp/a.rc: wget sets and writes the file\'s commands before it exits for the line it rejects.'],
        ['WGETRC=/tmp/e.rc wget "https://api.example.com/e?token=$TOKEN"',
          `prints the value of ${TOKEN} to the log: wget writes each URL it fetches to stderr, its path and query as given (only the password of a user:password in it is masked)`,
          'Give the value in a header (`--header "Authorization: Bearer …"`) or a file wget reads, not in the URL; or add `-q`.'],
      ]);
    });
    test('a wgetrc line the shell expands as the script writes it may become one wget accepts: wget reads the arguments after it (wget 1.21.3 run: VERBOSE=on, OPT=debug)', () => {
      const script = [
        '#!/bin/bash',
        'echo "verbose = $VERBOSE" > ~/.wgetrc',
        'wget -d --header "Authorization: Bearer $TOKEN" https://api.example.com/a',
        'echo "debug = ${DEBUG:-off}" > ~/.wgetrc',
        'wget -d --header "Authorization: Bearer $TOKEN" https://api.example.com/b',
        'echo "$OPT = 1" > ~/.wgetrc',
        'wget -d --header "Authorization: Bearer $TOKEN" https://api.example.com/c',
        'cat > ~/.wgetrc <<EOT',
        'verbose = $(params.verbose)',
        'EOT',
        'wget -d --header "Authorization: Bearer $TOKEN" https://api.example.com/d',
        'printf \'tries = 3\\n%s\\n\' "verbose = `cat /tmp/v`" > ~/.wgetrc',
        'wget -d --header "Authorization: Bearer $TOKEN" https://api.example.com/e',
        // the neighbours: a line the shell leaves as written, which wget rejects (`Invalid boolean ‘$VERBOSE’`, run)
        "cat > ~/.wgetrc <<'EOT'",
        'verbose = $VERBOSE',
        'EOT',
        'wget -d --header "Authorization: Bearer $TOKEN" https://api.example.com/f',
        'echo "verbose = $VERBOSE" > ~/.wgetrc',
        'echo "verbose = maybe" >> ~/.wgetrc',
        'wget -d --header "Authorization: Bearer $TOKEN" https://api.example.com/g',
      ].join('\n');
      expect(found(withToken(script))).toEqual(['a', 'b', 'c', 'd', 'e'].map((x) => [`wget -d --header "Authorization: Bearer $TOKEN" https://api.example.com/${x}`, WGET_SET('-d'), WGET_SET_FIX('-d')]));
    });
    test('a `$` the shell leaves as written (single quotes, a backslash, a quoted here-string) is wget\'s text: a line it rejects ends its reading (wget 1.21.3 run: Invalid boolean ‘$VERBOSE’)', () => {
      const script = [
        '#!/bin/bash',
        "echo 'verbose = $VERBOSE' > ~/.wgetrc",
        'wget -d --header "Authorization: Bearer $TOKEN" https://api.example.com/a',
        'echo "verbose = \\$VERBOSE" > ~/.wgetrc',
        'wget -d --header "Authorization: Bearer $TOKEN" https://api.example.com/b',
        "cat > ~/.wgetrc <<< 'verbose = $VERBOSE'",
        'wget -d --header "Authorization: Bearer $TOKEN" https://api.example.com/c',
        "printf '%s\\n' 'verbose = $VERBOSE' | tee ~/.wgetrc",
        'wget -d --header "Authorization: Bearer $TOKEN" https://api.example.com/d',
        // the neighbours: the shell expands it (VERBOSE=on: wget reads on), or a literal `$` in a line wget accepts
        'echo "verbose = $VERBOSE" > ~/.wgetrc',
        'wget -d --header "Authorization: Bearer $TOKEN" https://api.example.com/e',
        "echo 'header = X-A: $Y' > ~/.wgetrc",
        'wget -d --header "Authorization: Bearer $TOKEN" https://api.example.com/f',
      ].join('\n');
      expect(found(withToken(script))).toEqual(['e', 'f'].map((x) => [`wget -d --header "Authorization: Bearer $TOKEN" https://api.example.com/${x}`, WGET_SET('-d'), WGET_SET_FIX('-d')]));
    });
    test('startup files written by tee or cat from a pipe, or copied from a file the script wrote (cp, install, mv): wget and curl read them (wget 1.21.3, curl 7.88.1, coreutils 9.1 run)', () => {
      const rc = (line: string, where: string) => `wget's \`${line}\` (${where})`;
      const home = 'line 1 of $HOME/.wgetrc, which wget reads before its arguments';
      const REMOVE = (file: string) => `Remove \`debug = on\` from ${file}: a log file does not take what it writes of the options.`;
      const script = [
        '#!/bin/bash',
        'echo "debug = on" | tee ~/.wgetrc',
        'wget --header "Authorization: Bearer $TOKEN" https://api.example.com/a',
        'rm ~/.wgetrc',
        'echo verbose | tee -a /tmp/log ~/.curlrc > /dev/null',
        'curl -sS -H "Authorization: Bearer $TOKEN" https://api.example.com/b',
        'printf \'%s\\n\' verbose | cat | tee /tmp/c.cfg',
        'curl -q -K /tmp/c.cfg -u "me:$TOKEN" https://api.example.com/c',
        'cat <<EOF | sudo tee -a /etc/wgetrc > /dev/null',
        'debug = on',
        'EOF',
        'wget -q --header "Authorization: Bearer $TOKEN" https://api.example.com/h',
        'sudo rm -f /etc/wgetrc',
        'echo -v | cat > /tmp/g.cfg',
        'curl -q -K /tmp/g.cfg -u "me:$TOKEN" https://api.example.com/g',
        // the neighbours: a file neither reads, a pipe from another program, tee's input from a file
        'echo "debug = on" | tee /tmp/other',
        'wget -q --header "Authorization: Bearer $TOKEN" https://api.example.com/d',
        'generate-config | tee /tmp/e.cfg',
        'curl -q -K /tmp/e.cfg -H "Authorization: Bearer $TOKEN" https://api.example.com/e',
        'echo verbose | tee /tmp/f.cfg < /etc/curl.cfg',
        'curl -q -K /tmp/f.cfg -H "Authorization: Bearer $TOKEN" https://api.example.com/f',
      ].join('\n');
      expect(found(withToken(script))).toEqual([
        ['wget --header "Authorization: Bearer $TOKEN" https://api.example.com/a', WGET_SET('', rc('debug = on', home)), REMOVE('$HOME/.wgetrc')],
        ['curl -sS -H "Authorization: Bearer $TOKEN" https://api.example.com/b', CONFIG_V('verbose', 'line 1 of $HOME/.curlrc, which curl reads before its arguments'),
          CONFIG_FIX('verbose', '$HOME/.curlrc')],
        ['curl -q -K /tmp/c.cfg -u "me:$TOKEN" https://api.example.com/c', CONFIG_V('verbose', 'line 1 of /tmp/c.cfg, which `-K /tmp/c.cfg` reads'), CONFIG_FIX('verbose', '/tmp/c.cfg')],
        ['wget -q --header "Authorization: Bearer $TOKEN" https://api.example.com/h', WGET_SET('', rc('debug = on', 'line 1 of /etc/wgetrc, which wget reads before its arguments')),
          REMOVE('/etc/wgetrc')],
        ['curl -q -K /tmp/g.cfg -u "me:$TOKEN" https://api.example.com/g', CONFIG_V('-v', 'line 1 of /tmp/g.cfg, which `-K /tmp/g.cfg` reads'), CONFIG_FIX('-v', '/tmp/g.cfg')],
      ]);
      const copied = [
        '#!/bin/bash',
        'echo "debug = on" > /tmp/d.rc',
        'cp /tmp/d.rc ~/.wgetrc',
        'wget --header "Authorization: Bearer $TOKEN" https://api.example.com/a',
        'rm -f ~/.wgetrc',
        'install -m 600 /tmp/d.rc /etc/wgetrc',
        'wget --header "Authorization: Bearer $TOKEN" https://api.example.com/b',
        'rm -f /etc/wgetrc',
        'mv /tmp/d.rc /tmp/wget.d/',
        'WGETRC=/tmp/wget.d/d.rc wget --header "Authorization: Bearer $TOKEN" https://api.example.com/c',
        // the neighbours: the source moved away, a copy of a file the script did not write over one it did
        'WGETRC=/tmp/d.rc wget --header "Authorization: Bearer $TOKEN" https://api.example.com/d',
        'echo "debug = on" > ~/.wgetrc',
        'sudo cp -f /etc/skel/wgetrc ~/.wgetrc',
        'wget --header "Authorization: Bearer $TOKEN" https://api.example.com/e',
        'echo "debug = on" > /tmp/g.rc',
        'cp -t /tmp/conf /tmp/g.rc',
        'wget --config /tmp/conf/g.rc --header "Authorization: Bearer $TOKEN" https://api.example.com/g',
        'wget --config /tmp/conf --header "Authorization: Bearer $TOKEN" https://api.example.com/h',
      ].join('\n');
      expect(found(withToken(copied))).toEqual([
        ['wget --header "Authorization: Bearer $TOKEN" https://api.example.com/a', WGET_SET('', rc('debug = on', home)), REMOVE('$HOME/.wgetrc')],
        ['wget --header "Authorization: Bearer $TOKEN" https://api.example.com/b', WGET_SET('', rc('debug = on', 'line 1 of /etc/wgetrc, which wget reads before its arguments')),
          REMOVE('/etc/wgetrc')],
        ['WGETRC=/tmp/wget.d/d.rc wget --header "Authorization: Bearer $TOKEN" https://api.example.com/c',
          WGET_SET('', rc('debug = on', 'line 1 of /tmp/wget.d/d.rc, which wget reads before its arguments')), REMOVE('/tmp/wget.d/d.rc')],
        ['wget --config /tmp/conf/g.rc --header "Authorization: Bearer $TOKEN" https://api.example.com/g',
          WGET_SET('', rc('debug = on', 'line 1 of /tmp/conf/g.rc, which `--config /tmp/conf/g.rc` reads')), REMOVE('/tmp/conf/g.rc')],
      ]);
    });
    test('startup files written by `cat FILE > DST`, `ln`, `dd of=`, `rsync`, a recursive copy of a directory, `env tee` (coreutils 9.1, rsync 3.2 run)', () => {
      const rc = (line: string, where: string) => `wget's \`${line}\` (${where})`;
      const said = (file: string, where = 'which wget reads before its arguments') => WGET_SET('', rc('debug = on', `line 1 of ${file}, ${where}`));
      const REMOVE = (file: string) => `Remove \`debug = on\` from ${file}: a log file does not take what it writes of the options.`;
      const script = [
        '#!/bin/bash',
        'echo "debug = on" > /tmp/d.rc',
        'echo "tries = 3" > /tmp/t.rc',
        'cat /tmp/d.rc /tmp/t.rc > ~/.wgetrc',
        'wget --header "Authorization: Bearer $TOKEN" https://api.example.com/a',
        'cat -n /tmp/d.rc > ~/.wgetrc',
        'wget --header "Authorization: Bearer $TOKEN" https://api.example.com/b',
        'ln -sf /tmp/d.rc ~/.wgetrc',
        'wget --header "Authorization: Bearer $TOKEN" https://api.example.com/c',
        // (a relative source of a symbolic link is a file of the link's directory: ~/d.rc, not written)
        'cd /tmp && ln -sf d.rc ~/.wgetrc',
        'wget --header "Authorization: Bearer $TOKEN" https://api.example.com/d',
        'dd if=/tmp/d.rc of=/etc/wgetrc status=none',
        'wget --header "Authorization: Bearer $TOKEN" https://api.example.com/e',
        'rm -f /etc/wgetrc ~/.wgetrc',
        'rsync -a /tmp/d.rc /tmp/r.rc',
        'WGETRC=/tmp/r.rc wget --header "Authorization: Bearer $TOKEN" https://api.example.com/f',
        'mkdir -p /tmp/conf && echo "debug = on" > /tmp/conf/w.rc',
        'cp -r /tmp/conf /tmp/copy',
        'wget --config /tmp/copy/w.rc --header "Authorization: Bearer $TOKEN" https://api.example.com/g',
        'rsync -a /tmp/conf/ /tmp/synced',
        'wget --config /tmp/synced/w.rc --header "Authorization: Bearer $TOKEN" https://api.example.com/h',
        'wget --config /tmp/synced/conf/w.rc --header "Authorization: Bearer $TOKEN" https://api.example.com/i',
        'echo "debug = on" | env tee ~/.wgetrc > /dev/null',
        'wget --header "Authorization: Bearer $TOKEN" https://api.example.com/j',
      ].join('\n');
      expect(found(withToken(script))).toEqual([
        ['wget --header "Authorization: Bearer $TOKEN" https://api.example.com/a', said('$HOME/.wgetrc'), REMOVE('$HOME/.wgetrc')],
        ['wget --header "Authorization: Bearer $TOKEN" https://api.example.com/c', said('$HOME/.wgetrc'), REMOVE('$HOME/.wgetrc')],
        ['wget --header "Authorization: Bearer $TOKEN" https://api.example.com/e', said('/etc/wgetrc'), REMOVE('/etc/wgetrc')],
        ['WGETRC=/tmp/r.rc wget --header "Authorization: Bearer $TOKEN" https://api.example.com/f', said('/tmp/r.rc'), REMOVE('/tmp/r.rc')],
        ['wget --config /tmp/copy/w.rc --header "Authorization: Bearer $TOKEN" https://api.example.com/g',
          said('/tmp/copy/w.rc', 'which `--config /tmp/copy/w.rc` reads'), REMOVE('/tmp/copy/w.rc')],
        ['wget --config /tmp/synced/w.rc --header "Authorization: Bearer $TOKEN" https://api.example.com/h',
          said('/tmp/synced/w.rc', 'which `--config /tmp/synced/w.rc` reads'), REMOVE('/tmp/synced/w.rc')],
        ['wget --header "Authorization: Bearer $TOKEN" https://api.example.com/j', said('$HOME/.wgetrc'), REMOVE('$HOME/.wgetrc')],
      ]);
    });
  });

  test('wget writes each URL it fetches, its query too, unless -q or its log goes to a file; a user:password in it is masked', () => {
    const script = [
      '#!/bin/sh',
      'wget "https://h.example.com/f?access_token=$TOKEN"',
      'wget -nv -O out "https://h.example.com/g?access_token=$TOKEN"',
      'wget -qO- "https://h.example.com/h?access_token=$TOKEN"',
      'wget -o /tmp/wget.log "https://h.example.com/i?access_token=$TOKEN"',
      'wget "https://me:$TOKEN@h.example.com/j"',
      // its user is written, the password alone masked; `me:PW@host/x` is ftp://me/PW@host/x, all written (wget 1.21.3 run)
      'wget "https://$TOKEN@h.example.com/k"',
      'wget -O out "$TOKEN@h.example.com/l"',
      'wget -O out "me:$TOKEN@h.example.com/m"',
      'wget -O out "me:$TOKEN@h.example.com:8080/n"',
    ].join('\n');
    const said = `prints the value of ${TOKEN} to the log: wget writes each URL it fetches to stderr, its path and query as given (only the password of a user:password in it is masked)`;
    const fix = 'Give the value in a header (`--header "Authorization: Bearer …"`) or a file wget reads, not in the URL; or add `-q`.';
    expect(found(withToken(script))).toEqual([
      ['wget "https://h.example.com/f?access_token=$TOKEN"', said, fix],
      ['wget -nv -O out "https://h.example.com/g?access_token=$TOKEN"', said, fix],
      ['wget "https://$TOKEN@h.example.com/k"', said, fix],
      ['wget -O out "$TOKEN@h.example.com/l"', said, fix],
      ['wget -O out "me:$TOKEN@h.example.com/m"', said, fix],
      ['wget -O out "me:$TOKEN@h.example.com:8080/n"', said, fix],
    ]);
  });

  test('wget\'s options read as wget 1.21.3 reads them: a long option\'s value, abbreviations, `--no-quiet`, `-e` commands', () => {
    const script = [
      '#!/bin/sh',
      'wget --referer -q "https://h.example.com/k?access_token=$TOKEN"',
      'wget -q --no-quiet "https://h.example.com/l?access_token=$TOKEN"',
      'wget -qe quiet=off "https://h.example.com/m?access_token=$TOKEN"',
      'wget --deb --header "Authorization: Bearer $TOKEN" https://api.example.com/n',
      'wget -e debug=on --header "Authorization: Bearer $TOKEN" https://api.example.com/o',
      // the safe neighbours: quiet, or the log in a file, written so (not what -d writes of the options given after it: reported)
      'wget --qui "https://h.example.com/p?access_token=$TOKEN"',
      'wget -e quiet=on "https://h.example.com/q?access_token=$TOKEN"',
      'wget --output-f /tmp/wget.log "https://h.example.com/r?access_token=$TOKEN"',
      'wget --deb --output-f /tmp/wget.log --header "Authorization: Bearer $TOKEN" https://api.example.com/s',
      'wget --debug=off --header "Authorization: Bearer $TOKEN" https://api.example.com/t',
      'wget --referer "https://h.example.com/u?access_token=$TOKEN" https://h.example.com/v',
    ].join('\n');
    const said = `prints the value of ${TOKEN} to the log: wget writes each URL it fetches to stderr, its path and query as given (only the password of a user:password in it is masked)`;
    const fix = 'Give the value in a header (`--header "Authorization: Bearer …"`) or a file wget reads, not in the URL; or add `-q`.';
    expect(found(withToken(script))).toEqual([
      ['wget --referer -q "https://h.example.com/k?access_token=$TOKEN"', said, fix],
      ['wget -q --no-quiet "https://h.example.com/l?access_token=$TOKEN"', said, fix],
      ['wget -qe quiet=off "https://h.example.com/m?access_token=$TOKEN"', said, fix],
      ['wget --deb --header "Authorization: Bearer $TOKEN" https://api.example.com/n', WGET_SET('--deb'), WGET_SET_FIX('--deb')],
      ['wget -e debug=on --header "Authorization: Bearer $TOKEN" https://api.example.com/o', WGET_SET('-e debug=on'), WGET_SET_FIX('-e debug=on')],
      ['wget --deb --output-f /tmp/wget.log --header "Authorization: Bearer $TOKEN" https://api.example.com/s', WGET_SET('--deb'), WGET_SET_FIX('--deb')],
    ]);
  });

  test('wget with POSIXLY_CORRECT set reads each word after the first URL as a URL, and writes it (wget 1.21.3 run); a URL without a scheme is written too', () => {
    const said = `prints the value of ${TOKEN} to the log: wget writes each URL it fetches to stderr, its path and query as given (only the password of a user:password in it is masked)`;
    const script = [
      '#!/bin/bash',
      'wget -O /tmp/a https://api.example.com/a -q --header "Authorization: Bearer $TOKEN"',
      'export POSIXLY_CORRECT=1',
      'wget -O /tmp/b https://api.example.com/b -q --header "Authorization: Bearer $TOKEN"',
      'wget -q -O /tmp/c --header "Authorization: Bearer $TOKEN" https://api.example.com/c',
      'unset POSIXLY_CORRECT',
      'wget -O /tmp/d https://api.example.com/d -q --header "Authorization: Bearer $TOKEN"',
      'POSIXLY_CORRECT= wget -O /tmp/e https://api.example.com/e -o /tmp/wget.log --header "Authorization: Bearer $TOKEN"',
      'wget -O /tmp/f "h.example.com/f?access_token=$TOKEN"',
    ].join('\n');
    expect(found(withToken(script))).toEqual([
      ['wget -O /tmp/b https://api.example.com/b -q --header "Authorization: Bearer $TOKEN"',
        `${said}, and with POSIXLY_CORRECT set it reads each word after the first URL as a URL, an option too`,
        'Give wget\'s options before its first URL, or unset POSIXLY_CORRECT for it.'],
      ['POSIXLY_CORRECT= wget -O /tmp/e https://api.example.com/e -o /tmp/wget.log --header "Authorization: Bearer $TOKEN"',
        `${said}, and with POSIXLY_CORRECT set it reads each word after the first URL as a URL, an option too`,
        'Give wget\'s options before its first URL, or unset POSIXLY_CORRECT for it.'],
      ['wget -O /tmp/f "h.example.com/f?access_token=$TOKEN"', said,
        'Give the value in a header (`--header "Authorization: Bearer …"`) or a file wget reads, not in the URL; or add `-q`.'],
    ]);
  });

  test('a top-level exec that sends stdout and stderr to a file silences what follows, until one sends them back', () => {
    const script = [
      '#!/bin/bash',
      'exec 3>&1 > /tmp/build.log 2>&1',
      'set -x',
      'echo "$TOKEN"',
      'curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/a',
      'exec >&3 2>&3',
      'echo "token: $TOKEN"',
    ].join('\n');
    expect(values(withToken(script))).toEqual(['echo "token: $TOKEN"']);
    // stdout alone silences what is written to stdout, not stderr; an exec in a branch silences nothing
    expect(values(withToken('#!/bin/bash\nexec > /dev/null\necho "$TOKEN" >&2\necho "$TOKEN"\n'))).toEqual(['echo "$TOKEN" >&2']);
    expect(values(withToken('#!/bin/bash\nif true; then exec > /tmp/a 2>&1; fi\necho "$TOKEN"\n'))).toEqual(['echo "$TOKEN"']);
  });

  test('a subshell whose output is redirected or piped by what follows its ) prints nothing; piped into cat it does', () => {
    expect(values(withToken('#!/bin/bash\n( echo "$TOKEN" ) > /tmp/t\n( echo "$TOKEN" ) | docker login --password-stdin r.example.com\n( curl -v -H "Authorization: $TOKEN" x ) 2>/dev/null\n')))
      .toEqual([]);
    expect(found(withToken('#!/bin/bash\n( echo "$TOKEN" ) | cat\n')))
      .toEqual([['echo "$TOKEN"', `prints the value of ${TOKEN} to the log: echo writes it to stdout, which Tekton keeps as the step's log`, ECHO_FIX]]);
  });

  test('a command in a subshell that writes to stderr prints it, whatever the ) does with stdout (bash 5.2: `(echo LEAK >&2) > /dev/null` prints LEAK)', () => {
    const toStderr = (name: string) => `prints the value of ${TOKEN} to the log: ${name} writes it to stderr, which Tekton keeps as the step's log`;
    expect(found(withToken('#!/bin/bash\n(echo "$TOKEN" >&2) > /dev/null\n')))
      .toEqual([['echo "$TOKEN" >&2', toStderr('echo'), ECHO_FIX]]);
    expect(found(withToken('#!/bin/bash\n(echo "$TOKEN" 1>&2) | cat > /dev/null\n')))
      .toEqual([['echo "$TOKEN" 1>&2', toStderr('echo'), ECHO_FIX]]);
    expect(found(withToken('#!/bin/bash\n(printf \'%s\\n\' "$TOKEN" > /dev/stderr) > /tmp/x\n')))
      .toEqual([['printf \'%s\\n\' "$TOKEN" > /dev/stderr', toStderr('printf'), ECHO_FIX.replace('`echo "$TOKEN"', '`printf \'%s\' "$TOKEN"')]]);
    // its stderr sent to a file by the ) (or stdout's redirection in the command before its >&2): nothing
    expect(values(withToken('#!/bin/bash\n(echo "$TOKEN" >&2) 2> /dev/null\necho "$TOKEN" 2>/dev/null >&2\n'))).toEqual([]);
  });

  test('an exec that sends a descriptor to a file: what is written to it after goes there; a trace to stderr when stderr does', () => {
    expect(values(withToken('#!/bin/bash\nexec 3>/tmp/f\necho "$TOKEN" >&3\nexec 2>/dev/null\nset -x\ncurl -u "a:$TOKEN" x\n'))).toEqual([]);
    expect(values(withToken('#!/bin/bash\nexec 3>&1\necho "$TOKEN" >&3\n'))).toEqual(['echo "$TOKEN" >&3']);
  });

  test('a group\'s, subshell\'s or compound command\'s >&3, or a command\'s own, writes where a top-level exec or a group around it sent 3 (bash 5.2 run)', () => {
    const withFile = (script: string) => task({
      volumes: [{ name: 'creds', secret: { secretName: 'reg' } }],
      steps: [hardenedContainer('push', { volumeMounts: [{ name: 'creds', mountPath: '/creds' }], script: `#!/bin/bash\n${script}\n` })],
    });
    const CAT = "prints the file /creds/token (Secret 'reg' (volume 'creds')) to the log: cat writes it to stdout, which Tekton keeps as the step's log";
    // 3 the log: printed
    for (const [script, line] of [['exec 3>&1\n{ cat /creds/token; } >&3', 'cat /creds/token'], ['exec 3>&1\n( cat /creds/token ) >&3', 'cat /creds/token'],
      ['exec 3>&1\n{ cat /creds/token; } >&3 | cat > /tmp/z', 'cat /creds/token'], ['exec 4>&1 3>/tmp/f\n{ { cat /creds/token; } >&3; } 3>&4', 'cat /creds/token'],
      ['exec 3>/tmp/y\n{ cat /creds/token >&3; } 3>&1', 'cat /creds/token >&3'], ['exec 3>&1\ncat /creds/token >&3 | cat > /tmp/z', 'cat /creds/token >&3 | cat > /tmp/z']]) {
      expect([script, found(withFile(script))]).toEqual([script, [[line, CAT, CAT_FIX]]]);
    }
    // 3 a file: nothing printed
    for (const script of ['exec 3>/tmp/f\n{ cat /creds/token; } >&3', 'exec 3>/tmp/f\n( cat /creds/token ) >&3', 'exec 3>/tmp/f\nif true; then cat /creds/token; fi >&3',
      'exec 3>&1\n{ { cat /creds/token; } >&3; } 3>/tmp/x', '{ cat /creds/token >&3; } 3>/tmp/x', 'exec 3>/tmp/y\ncat /creds/token >&3']) {
      expect([script, found(withFile(script))]).toEqual([script, []]);
    }
  });

  test('an exec in an if, a loop, a { } group or a called function may send a descriptor to the log after a top-level exec sent it to a file (bash 5.2 run)', () => {
    const withFile = (script: string) => task({
      volumes: [{ name: 'creds', secret: { secretName: 'reg' } }],
      steps: [hardenedContainer('push', { volumeMounts: [{ name: 'creds', mountPath: '/creds' }], script: `#!/bin/bash\n${script}\n` })],
    });
    const CAT = "prints the file /creds/token (Secret 'reg' (volume 'creds')) to the log: cat writes it to stdout, which Tekton keeps as the step's log";
    const T = "the value of T (the file /creds/token of Secret 'reg' (volume 'creds'))";
    // (each prints SECRET with V=1 DEBUG=true; the exec runs in the shell's own process)
    for (const [script, line] of [
      ['exec 3>/tmp/f\nif [ -n "$V" ]; then exec 3>&1; fi\n{ cat /creds/token; } >&3', 'cat /creds/token'],
      ['exec 3>/tmp/f\nwhile read l; do exec 3>&1; done < /tmp/list\n{ cat /creds/token; } >&3', 'cat /creds/token'],
      ['exec 3>/tmp/f\n{ exec 3>&1; }\n{ cat /creds/token; } >&3', 'cat /creds/token'],
      ['exec 3>/tmp/f\nf() { exec 3>&1; }\nf\n{ cat /creds/token; } >&3', 'cat /creds/token'],
      ['exec 3>/tmp/null\nif [ "$DEBUG" = true ]; then exec 3>&1; fi\ncat /creds/token >&3', 'cat /creds/token >&3'],
      // (3 takes the log before the output moves, read left to right)
      ['exec 3>/tmp/f\nexec 3>&1 >/tmp/o\n{ cat /creds/token; } >&3', 'cat /creds/token'],
      // (a loop's exec after the command: the next pass writes to the log)
      ['exec 3>/tmp/f\nfor i in 1 2; do\n  { cat /creds/token; } >&3\n  exec 3>&1\ndone', 'cat /creds/token'],
    ]) {
      expect([script, found(withFile(script))]).toEqual([script, [[line, CAT, CAT_FIX]]]);
    }
    const ECHO_T = ECHO_FIX.replace('`echo "$TOKEN"', '`echo "$T"');
    for (const [script, expected] of [
      ['T=$(cat /creds/token)\nexec 3>/tmp/n\nif [ -n "$V" ]; then exec 3>&2; fi\nset -x\n{ curl -u "u:$T" https://x; } 2>&3',
        [['curl -u "u:$T" https://x', traced(T, '`set -x`'), TRACE_FIX]]],
      ['T=$(cat /creds/token)\nexec 3>/tmp/n\n{ exec 3>&2; }\nset -x\n{ curl -u "u:$T" https://x; } 2>&3', [['curl -u "u:$T" https://x', traced(T, '`set -x`'), TRACE_FIX]]],
      ['T=$(cat /creds/token)\nexec 3>/tmp/n\nif [ -n "$V" ]; then exec 3>&1; fi\n{ echo "$T"; } >&3',
        [['echo "$T"', `prints ${T} to the log: echo writes it to stdout, which Tekton keeps as the step's log`, ECHO_T]]],
      ['T=$(cat /creds/token)\nexec 3>/tmp/n\nif [ -n "$V" ]; then exec 3>&1; fi\necho "$T" >&3',
        [['echo "$T" >&3', `prints ${T} to the log: echo writes it to stdout, which Tekton keeps as the step's log`, ECHO_T]]],
    ] as const) {
      expect([script, found(withFile(script))]).toEqual([script, expected]);
    }
    // run apart from the shell (a subshell, a pipe), or no exec after the top-level one: the file, nothing printed
    for (const script of ['exec 3>/tmp/f\n{ cat /creds/token; } >&3', 'exec 3>/tmp/f\n( exec 3>&1 )\n{ cat /creds/token; } >&3',
      'exec 3>/tmp/f\nexec 3>&1 | true\n{ cat /creds/token; } >&3', 'exec 3>/tmp/f\nf() ( exec 3>&1; )\nf\n{ cat /creds/token; } >&3',
      'exec 3>/tmp/f\nif [ -n "$V" ]; then exec 3>/tmp/g; fi\n{ cat /creds/token; } >&3', 'exec 3>/tmp/f\nexec >/tmp/o 3>&1\n{ cat /creds/token; } >&3']) {
      expect([script, found(withFile(script))]).toEqual([script, []]);
    }
  });

  test('xtrace: a function\'s definition prints nothing, its body is traced where it is called', () => {
    expect(values(withToken('#!/bin/bash\nset -x\nlogin() { curl -u "a:$TOKEN" x; }\nfunction push { docker login -p "$TOKEN" r; }\n'))).toEqual([]);
    expect(found(withToken('#!/bin/bash\nlogin() { curl -u "a:$TOKEN" x; }\nlogin\nset -x\nlogin\n')))
      .toEqual([['curl -u "a:$TOKEN" x', traced(`the value of ${TOKEN}`, '`set -x`'), TRACE_FIX]]);
    // (its own set +x turns the trace off for what follows in it)
    expect(values(withToken('#!/bin/bash\nset -x\nlogin() {\n  { set +x; } 2>/dev/null\n  curl -u "a:$TOKEN" x\n  set -x\n}\nlogin\n'))).toEqual([]);
  });

  test('xtrace: a group or subshell whose stderr goes to a file or into a pipe that drops it takes the trace of its commands (bash 5.2 run)', () => {
    const script = [
      '#!/bin/bash',
      'set -x',
      '{ docker login -p "$TOKEN" r.example.com/a; } 2>/dev/null',
      '( docker login -p "$TOKEN" r.example.com/b ) |& grep -q Succeeded',
      '{ docker login -p "$TOKEN" r.example.com/c; } 2>&1 | grep -q Succeeded',
      '( docker login -p "$TOKEN" r.example.com/d ) |& cat',
    ].join('\n');
    expect(found(withToken(script))).toEqual([['docker login -p "$TOKEN" r.example.com/d', traced(`the value of ${TOKEN}`, '`set -x`'), TRACE_FIX]]);
    expect(values(withToken('#!/bin/bash\nset -x\n{ docker login -p "$TOKEN" r.example.com; } > /dev/null\n'))).toEqual(['docker login -p "$TOKEN" r.example.com']);
  });

  test('xtrace: a group\'s, subshell\'s or function call\'s `2>&3` is followed through the top-level execs and the groups around it, as curl -v\'s stderr is (bash 5.2 and dash 0.5.12 run)', () => {
    const D = 'docker login -p "$TOKEN" r.example.com';
    const trace = (by: string) => [[D, traced(`the value of ${TOKEN}`, by), TRACE_FIX]];
    // 3 duplicated from the log before the shell's stderr went to /dev/null: `+ docker login -p SEKRIT …` prints
    expect(found(withToken(`#!/bin/bash\nexec 3>&2 2>/dev/null\n{ set -x; ${D}; } 2>&3\n`))).toEqual(trace('`set -x`'));
    expect(found(withToken(`#!/bin/bash\nexec 4>&2 2>/dev/null\nexec 3>&4\n{ set -x; ${D}; } 2>&3\n`))).toEqual(trace('`set -x`'));
    expect(found(withToken(`#!/bin/bash\nexec 3>&2\nexec 2>/dev/null\nset -x\n{ ${D}; } 2>&3\n`))).toEqual(trace('`set -x`'));
    expect(found(withToken(`#!/bin/bash\nexec 3>&2 2>/dev/null\n( set -x; ${D} ) 2>&3\n`))).toEqual(trace('`set -x`'));
    expect(found(withToken(`#!/bin/bash\nexec 3>&2 2>/dev/null\nf() { set -x; ${D}; }\nf 2>&3\n`))).toEqual(trace('`set -x`'));
    expect(found(withToken(`#!/bin/bash\nexec 3>&2 4>&2\nexec 2>/dev/null\n{ { set -x; ${D}; } 2>&3; } 3>&4\n`))).toEqual(trace('`set -x`'));
    // 3 sent to /dev/null, by the exec or by a group around: nothing prints (once reported)
    expect(values(withToken(`#!/bin/bash\nexec 3>/dev/null\nset -x\n{ ${D}; } 2>&3\n`))).toEqual([]);
    expect(values(withToken(`#!/bin/bash\nexec 3>/dev/null\n{ set -x; ${D}; } 2>&3\n`))).toEqual([]);
    expect(values(withToken(`#!/bin/bash\nexec 3>&2 4>&2\nexec 2>/dev/null\n{ { set -x; ${D}; } 2>&3; } 3>/dev/null\n`))).toEqual([]);
    // the neighbour: the same group, its stderr left on the log, prints
    expect(found(withToken(`#!/bin/bash\nexec 3>/dev/null\nset -x\n{ ${D}; }\n`))).toEqual(trace('`set -x`'));
    // a command's own `2>&3` does not take its trace, written before its redirections apply: nothing after `exec 2>/dev/null`
    expect(values(withToken(`#!/bin/bash\nexec 3>&2 2>/dev/null\nset -x\n${D} 2>&3\n`))).toEqual([]);
  });

  test('xtrace: a function\'s body is traced where its call sends its stderr, `f 2>/dev/null` prints `+ f` alone (bash 5.2 run)', () => {
    expect(values(withToken('#!/bin/bash\nset -x\nlogin() { curl -u "a:$TOKEN" x; }\nlogin 2>/dev/null\n'))).toEqual([]);
    // the neighbours: the call with its stderr on the log; a command's own 2>/dev/null, which its trace ignores (`+ curl -u a:SEKRIT x`)
    expect(found(withToken('#!/bin/bash\nset -x\nlogin() { curl -u "a:$TOKEN" x; }\nlogin 2>/dev/null\nlogin\n')))
      .toEqual([['curl -u "a:$TOKEN" x', traced(`the value of ${TOKEN}`, '`set -x`'), TRACE_FIX]]);
    expect(found(withToken('#!/bin/bash\nset -x\ncurl -u "a:$TOKEN" x 2>/dev/null\n')))
      .toEqual([['curl -u "a:$TOKEN" x 2>/dev/null', traced(`the value of ${TOKEN}`, '`set -x`'), TRACE_FIX]]);
  });

  test('xtrace: a subshell\'s own set -x or set +x ends at its )', () => {
    expect(values(withToken('#!/bin/bash\n( set -x; make build )\ncurl -H "Authorization: Bearer $TOKEN" https://api.example.com\n'))).toEqual([]);
    expect(found(withToken('#!/bin/bash\nset -x\n( set +x; curl -H "Authorization: Bearer $TOKEN" https://api.example.com/a )\ndocker login -p "$TOKEN" r.example.com\n')))
      .toEqual([['docker login -p "$TOKEN" r.example.com', traced(`the value of ${TOKEN}`, '`set -x`'), TRACE_FIX]]);
  });

  test('a value read from a here-string or an expanded heredoc, or made through a program reading one or a Secret file', () => {
    const script = [
      '#!/bin/bash',
      'read -r T2 <<< "$TOKEN"',
      'echo "$T2"',
      'read -r T3 <<\'EOF\'',
      '$TOKEN',
      'EOF',
      'echo "$T3"',
      'T4=$(base64 -w0 <<< "me:$TOKEN")',
      'echo "$T4"',
      "T5=$(tr -d '\\n' < /etc/registry/password)",
      'echo "$T5"',
    ].join('\n');
    const m = task({
      steps: [hardenedContainer('push', { env: TOKEN_ENV, script, volumeMounts: [{ name: 'registry', mountPath: '/etc/registry' }] })],
      volumes: [{ name: 'registry', secret: { secretName: 'reg' } }],
    });
    const echoed = (v: string, from: string) => `prints the value of ${v} (${from}) to the log: echo writes it to stdout, which Tekton keeps as the step's log`;
    expect(found(m).map(([v, p]) => [v, p])).toEqual([
      ['echo "$T2"', echoed('T2', "made from TOKEN, Secret 'reg' key 'token'")],
      ['echo "$T4"', echoed('T4', "made from TOKEN, Secret 'reg' key 'token'")],
      ['echo "$T5"', echoed('T5', "the file /etc/registry/password of Secret 'reg' (volume 'registry')")],
    ]);
  });

  describe('at synth, on a SecureTask whose step prints its credentials workspace', () => {
    const synth = (relaxations?: any[]) => {
      const c = chart();
      const push = new SecureTask(c, 'push', {
        trusted: true,
        workspaces: [{ name: 'creds', domain: TrustDomain.CREDENTIALS }],
        steps: [step({ script: '#!/bin/sh\ncat $(workspaces.creds.path)/token\n', relaxations })],
      });
      const p = new SecurePipeline(c, 'ci', { workspaces: [{ name: 'creds', domain: TrustDomain.CREDENTIALS }] });
      p.addTask({ task: push, workspaces: { creds: 'creds' } });
      return () => Testing.synth(c);
    };

    test('refused, naming the construct, the step, its script prop as written and the file', () => {
      expect(synth()).toThrow(
        "SecureTask 'test/push' step 'run': script \"cat $(workspaces.creds.path)/token\" prints the file $(workspaces.creds.path)/token (workspace 'creds', "
        + "which carries credentials (a run binds it to a Secret, a CSI or a projected volume, or its pipeline declares it for credentials)) to the log: cat writes it to stdout, which Tekton keeps as the step's log [SECRET_IN_LOGS]. "
        + `${CAT_FIX} Or relax SECRET_IN_LOGS with a reason in the props of SecureTask 'test/push': relaxations: [{ rule: RuleId.SECRET_IN_LOGS, target: 'step/run', reason: '<why>' }].`,
      );
    });

    test('relaxed with a reason in the step\'s props, recorded on the Task', () => {
      const written = synth([{ rule: RuleId.SECRET_IN_LOGS, reason: 'the token is a one-time code the operator reads from the log' }])().find((o: any) => o.kind === 'Task');
      expect(written.metadata.annotations['secure-tekton/relax.SECRET_IN_LOGS']).toBe('step/run: the token is a one-time code the operator reads from the log');
    });
  });
  describe('programs that read a Secret value or file and print it, or a text made from it', () => {
    const FILE = "the file /etc/registry/token (Secret 'reg' (volume 'registry'))";
    const withFile = (script: string) => task({
      steps: [hardenedContainer('push', { env: TOKEN_ENV, script, volumeMounts: [{ name: 'registry', mountPath: '/etc/registry' }] })],
      volumes: [{ name: 'registry', secret: { secretName: 'reg' } }],
    });
    const stdout = (what: string, name: string, made = false) =>
      `prints ${what} to the log: ${name} writes it${made ? ', or a text made from it that decodes to it,' : ''} to stdout, which Tekton keeps as the step's log`;
    const HERE_FIX = (name: string) => `Give the here-string to the program that reads the value (\`… --password-stdin <<< "$TOKEN"\`), not to ${name}.`;

    test('a transform given a Secret file, or piped a Secret value, with its output on the log', () => {
      const script = [
        '#!/bin/bash',
        'echo "$TOKEN" | base64',
        'cat /etc/registry/token | jq .',
        'jq -r .password /etc/registry/token',
        'head -c 100 /etc/registry/token',
        'sed p /etc/registry/token',
        'base64 -d <<< "$TOKEN"',
        'echo "$TOKEN" | base64 > /tmp/b64',
        'echo "$TOKEN" | jq .id',
        'jq . /etc/registry/token > /tmp/copy',
        'sed -i s/a/b/ /etc/registry/token',
        'cat /etc/registry/token | base64 -w0 /tmp/other',
      ].join('\n');
      expect(found(withFile(script))).toEqual([
        ['echo "$TOKEN" | base64', stdout(`the value of ${TOKEN}`, 'echo'), ECHO_FIX],
        ['cat /etc/registry/token | jq .', stdout(FILE, 'cat'), CAT_FIX],
        ['jq -r .password /etc/registry/token', stdout(FILE, 'jq', true), CAT_FIX],
        ['head -c 100 /etc/registry/token', stdout(FILE, 'head'), CAT_FIX],
        ['sed p /etc/registry/token', stdout(FILE, 'sed', true), CAT_FIX],
        ['base64 -d <<< "$TOKEN"', stdout(`the value of ${TOKEN} in its here-string`, 'base64', true), HERE_FIX('base64')],
      ]);
    });

    test('cat and tee of a here-string, cat of a Secret file on its input or through a variable; cat >&2 writes to stderr', () => {
      const script = [
        '#!/bin/bash',
        'cat <<< "$TOKEN"',
        'tee /dev/stderr <<< "$TOKEN" > /dev/null',
        'tee /tmp/t <<< "$TOKEN" > /dev/null',
        'cat < /etc/registry/token',
        'F=/etc/registry/token',
        'cat "$F"',
        'D=/etc/registry',
        'cat "${D}/token" >&2',
        'docker login --password-stdin < "$F"',
        'cat <<EOF >&2',
        'token: $TOKEN',
        'EOF',
      ].join('\n');
      expect(found(withFile(script))).toEqual([
        ['cat <<< "$TOKEN"', stdout(`the value of ${TOKEN} in its here-string`, 'cat'), HERE_FIX('cat')],
        ['tee /dev/stderr <<< "$TOKEN" > /dev/null',
          `prints the value of ${TOKEN} in its here-string to the log: tee writes it to /dev/stderr, which Tekton keeps as the step's log`, HERE_FIX('tee')],
        ['cat < /etc/registry/token', stdout(FILE, 'cat'), CAT_FIX],
        ['cat "$F"', stdout(FILE, 'cat'), CAT_FIX],
        ['cat "${D}/token" >&2', `prints ${FILE} to the log: cat writes it to stderr, which Tekton keeps as the step's log`, CAT_FIX],
        ['cat <<EOF >&2', `prints the value of ${TOKEN} in its heredoc to the log: cat writes it to stderr, which Tekton keeps as the step's log`, HEREDOC_FIX],
      ]);
    });

    test('xtrace of $(< file) through a variable; printf -v, declare -p and a dump through grep', () => {
      expect(found(withFile('#!/bin/bash\nF=/etc/registry/token\nset -x\nX=$(< "$F")\n'))).toEqual([
        ['X=$(< "$F")', traced(FILE.replace('the file', 'the content of'), '`set -x`'), TRACE_FIX],
      ]);
      const script = [
        '#!/bin/bash',
        'printf -v AUTH \'%s\' "me:$TOKEN"',
        'echo "$AUTH"',
        'declare -p TOKEN',
        'typeset -p PATH',
        'env | grep -i token',
        'env | grep -v TOKEN',
        'env | grep -i token > /tmp/env',
        'env | grep HOME',
      ].join('\n');
      expect(found(withToken(script))).toEqual([
        ['echo "$AUTH"', 'prints the value of AUTH (made from TOKEN, Secret \'reg\' key \'token\') to the log: echo writes it to stdout, which Tekton keeps as the step\'s log',
          ECHO_FIX.replace(/TOKEN/g, 'AUTH')],
        ['declare -p TOKEN', `prints to the log the value of ${TOKEN}`, 'Do not print TOKEN.'],
        ['env | grep -i token', `prints to the log the line of ${TOKEN} with its value, which grep picks from what env prints`, DUMP_FIX],
      ]);
    });

    test('a dump through grep: -v prints the lines its pattern does not find, -o/-x/--/long options still pick; -c, -q, -l print none', () => {
      const picked = (line: string) => [line, `prints to the log the line of ${TOKEN} with its value, which grep picks from what env prints`, DUMP_FIX];
      const printing = ['env | grep -v PATH', "env | grep -o 'TOKEN=.*'", "env | grep -x 'TOKEN=.*'", 'env | grep -ie token', 'env | grep -- TOKEN',
        'env | grep --color=never TOKEN', 'env | grep -f /tmp/patterns'];
      for (const line of printing) expect(found(withToken(`#!/bin/bash\n${line}\n`))).toEqual([picked(line)]);
      // (after stages that pass every line on)
      expect(found(withToken('#!/bin/bash\nenv | sort | uniq | grep TOK\n'))).toEqual([picked('env | sort | uniq | grep TOK')]);
      const silent = ['env | grep -v TOKEN', "env | grep -v '^TOKEN='", 'env | grep -c TOKEN', 'env | grep -q TOKEN', 'env | grep --count TOKEN', 'env | grep -l TOKEN',
        'env | sort | grep -v TOKEN', 'env | sort | grep TOK > /tmp/vars'];
      for (const line of silent) expect([line, found(withToken(`#!/bin/bash\n${line}\n`))]).toEqual([line, []]);
    });
  });
});
