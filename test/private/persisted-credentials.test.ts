import { persistedCredentialFindings, persistedReaders } from '../../src/private/persisted-credentials';

const GIT = 'alpine/git@sha256:' + 'a'.repeat(64);
const GO = 'golang@sha256:' + 'b'.repeat(64);
const BUILDS = "runs the repository's build scripts, hooks, tests or code generators";
const READ = 'code from the repository can read the credential in that file';

/** An env var from the Secret `secret`. */
const fromSecret = (name: string, secret = 'git-credentials') => ({ name, valueFrom: { secretKeyRef: { name: secret, key: 'k' } } });

/** A Task `t` with the workspace `source` and these steps. */
const task = (steps: any[], spec: Record<string, any> = {}) => ({
  apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: 't' }, spec: { workspaces: [{ name: 'source' }], steps, ...spec },
});

/** The step `fetch` running `script`, with `GIT_PASSWORD` from a Secret. */
const fetch = (script: string, env: any[] = [fromSecret('GIT_PASSWORD')], more: Record<string, any> = {}) => ({ name: 'fetch', image: GIT, env, script: `#!/bin/sh\n${script}\n`, ...more });

/** The step `build` running `make` in the workspace. */
const make = { name: 'build', image: GO, workingDir: '$(workspaces.source.path)', script: '#!/bin/sh\nmake\n' };

const CLONE = 'git clone https://bot:${GIT_PASSWORD}@github.com/o/r.git $(workspaces.source.path)';
const REMOTE_FIX = (writer: string, reader: string, remote = 'origin') => 'Keep the credentials out of the remote URL: in '
  + `${writer}, give them to git for that command alone (git -c http.extraHeader="Authorization: Basic <base64 of user:token>" clone <URL `
  + "without credentials>, which git does not store), or through a credential helper that reads the Secret's mounted file, or run "
  + `\`git remote set-url ${remote} <URL without credentials>\` in the repository right after that command, before ${reader} runs.`;
const FILE_FIX = (file: string) => 'Write the credential outside the workspaces and shared volumes '
  + "(into a directory in the container of step 'fetch' that no volume covers, which later steps do not see), or read it "
  + `where it is needed from the Secret's mounted file, or \`rm ${file}\` before step 'build' runs.`;

/** The findings on a manifest: location, target, property, value, problem. */
const found = (m: any, manifests: any[] = [m]) => persistedCredentialFindings(m, manifests)
  .map((f) => [f.location, f.target, f.property, f.value, f.problem]);

/** The problem of step `build`'s `make` where step `fetch` writes `what` into `file` by `line`. */
const makeFinding = (what: string, file: string, line: string) => [[
  "step 'build'", 'step/build', 'script', 'make', `${BUILDS}, where step 'fetch' writes ${what} into ${file} (\`${line}\`): ${READ}`,
]];
const REMOTE = "the remote URL of 'origin' holding $GIT_PASSWORD (the Secret 'git-credentials')";

describe('persisted credentials', () => {
  test('a clone with user:secret@ in its URL leaves the URL in .git/config (git 2.39 writes it as given): a later step that runs the code finds it', () => {
    const m = task([fetch(CLONE), make]);
    expect(found(m)).toEqual(makeFinding(REMOTE, '$(workspaces.source.path)/.git/config', CLONE));
    expect(persistedCredentialFindings(m)[0].fix).toBe(REMOTE_FIX("step 'fetch'", "step 'build'"));
    // into the directory the URL names, from a `cd` into the workspace; a URL a variable holds; a token alone as the user
    expect(found(task([fetch('cd $(workspaces.source.path)\ngit clone "https://bot:$GIT_PASSWORD@github.com/o/r.git"'), make])))
      .toEqual(makeFinding(REMOTE, '$(workspaces.source.path)/r/.git/config', 'git clone "https://bot:$GIT_PASSWORD@github.com/o/r.git"'));
    expect(found(task([fetch('U="https://x:${GIT_PASSWORD}@github.com/o/r"\ngit clone "$U" $(workspaces.source.path)'), make])))
      .toEqual(makeFinding(REMOTE, '$(workspaces.source.path)/.git/config', 'git clone "$U" $(workspaces.source.path)'));
    // `sh -c` as the command
    const command = { name: 'fetch', image: GIT, env: [fromSecret('T')], command: ['/bin/sh', '-c'], args: ['git clone https://$T@github.com/o/r $(workspaces.source.path)'] };
    expect(found(task([command, make]))).toEqual(makeFinding("the remote URL of 'origin' holding $T (the Secret 'git-credentials')",
      '$(workspaces.source.path)/.git/config', 'git clone https://$T@github.com/o/r $(workspaces.source.path)'));
    // `-o` names the remote
    expect(persistedCredentialFindings(task([fetch(CLONE.replace('clone', 'clone -o upstream')), make]))[0].fix).toBe(REMOTE_FIX("step 'fetch'", "step 'build'", 'upstream'));
  });

  test('into a volume of the task a step clones into (a stepTemplate mount at a param\'s path, as ibm-garage-tekton-tasks writes it)', () => {
    const line = 'git clone "$(echo $(params.git-url) | awk -F \'://\' \'{print $1}\')://${GIT_USERNAME}:${GIT_PASSWORD}@$(echo $(params.git-url) | awk -F \'://\' \'{print $2}\')" $(params.source-dir)';
    const m = task([
      fetch(`if [[ -n "\${GIT_PASSWORD}" ]]; then\n  ${line}\nelse\n  git clone $(params.git-url) $(params.source-dir)\nfi\ncd $(params.source-dir)\ngit checkout $(params.git-revision)`,
        [fromSecret('GIT_PASSWORD'), fromSecret('GIT_USERNAME')]),
      { name: 'build', image: GO, workingDir: '$(params.source-dir)', script: './gradlew assemble --no-daemon\n' },
    ], { volumes: [{ name: 'source', emptyDir: {} }], stepTemplate: { volumeMounts: [{ name: 'source', mountPath: '$(params.source-dir)' }] } });
    expect(found(m)).toEqual([["step 'build'", 'step/build', 'script', './gradlew assemble --no-daemon',
      `runs a file of a directory the repository fills, where step 'fetch' writes ${REMOTE} into $(params.source-dir)/.git/config (\`${line}\`): ${READ}`]]);
    // a volume no step clones into is not the repository's: a file of it that runs is not its code
    const tools = task([fetch('cp /secret/license /shared/license', [], { volumeMounts: [{ name: 'secret', mountPath: '/secret' }] }),
      { name: 'build', image: GO, script: '/shared/run.sh\n' }],
    { volumes: [{ name: 'secret', secret: { secretName: 'lic' } }, { name: 'shared', emptyDir: {} }], stepTemplate: { volumeMounts: [{ name: 'shared', mountPath: '/shared' }] } });
    expect(found(tools)).toEqual([]);
  });

  test('git remote add, set-url, config remote.*.url, a setting git clone -c or git config stores, a pull (its reflog)', () => {
    const cd = 'cd $(workspaces.source.path)\n';
    expect(found(task([fetch(`${cd}git init\ngit remote add origin "https://x-access-token:\${GIT_PASSWORD}@github.com/o/r"`), make])))
      .toEqual(makeFinding(REMOTE, '$(workspaces.source.path)/.git/config', 'git remote add origin "https://x-access-token:${GIT_PASSWORD}@github.com/o/r"'));
    expect(found(task([fetch('git -C $(workspaces.source.path) remote set-url origin https://u:$GIT_PASSWORD@h/r'), make])))
      .toEqual(makeFinding(REMOTE, '$(workspaces.source.path)/.git/config', 'git -C $(workspaces.source.path) remote set-url origin https://u:$GIT_PASSWORD@h/r'));
    expect(found(task([fetch(`${cd}git config remote.origin.url "https://x:\${GIT_PASSWORD}@h/r"`), make])))
      .toEqual(makeFinding("the setting remote.origin.url holding $GIT_PASSWORD (the Secret 'git-credentials')", '$(workspaces.source.path)/.git/config',
        'git config remote.origin.url "https://x:${GIT_PASSWORD}@h/r"'));
    const header = 'git clone -c http.extraHeader="Authorization: Basic ${GIT_PASSWORD}" https://github.com/o/r.git $(workspaces.source.path)';
    const m = task([fetch(header), make]);
    expect(found(m)).toEqual(makeFinding("the setting http.extraHeader holding $GIT_PASSWORD (the Secret 'git-credentials')", '$(workspaces.source.path)/.git/config', header));
    expect(persistedCredentialFindings(m)[0].fix).toBe("Give the setting on git's command line for that command alone (git -c <key>=<value> clone …, which git "
      + "does not store, where git clone -c and git config store it in .git/config), or run `git config --unset http.extraheader` in the repository in step 'fetch', "
      + "before step 'build' runs.");
    expect(found(task([fetch(`${cd}git config http.extraHeader "Authorization: Bearer $GIT_PASSWORD"`), make]))[0][4])
      .toContain("the setting http.extraHeader holding $GIT_PASSWORD (the Secret 'git-credentials') into $(workspaces.source.path)/.git/config");
    const pull = task([fetch(`${cd}git pull https://bot:\${GIT_PASSWORD}@github.com/o/r.git main`), make]);
    expect(found(pull)).toEqual(makeFinding("the pulled URL holding $GIT_PASSWORD (the Secret 'git-credentials') (git keeps a pull's command line in the reflog)",
      '$(workspaces.source.path)/.git/logs/HEAD', 'git pull https://bot:${GIT_PASSWORD}@github.com/o/r.git main'));
    expect(persistedCredentialFindings(pull)[0].fix).toBe('Fetch with the credentials given for that command alone (git -c http.extraHeader="Authorization: Basic '
      + "<base64 of user:token>\" pull <URL without credentials>), or `rm -rf $(workspaces.source.path)/.git/logs` before step 'build' runs.");
  });

  test('a secret printed or copied into a file of the workspace, a registry login whose auth file lies there', () => {
    const npm = { ...make, script: '#!/bin/sh\nnpm ci\n' };
    const npmrc = 'echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > $(workspaces.source.path)/.npmrc';
    const m = task([fetch(npmrc, [fromSecret('NPM_TOKEN', 'npm')]), npm]);
    expect(found(m)).toEqual([["step 'build'", 'step/build', 'script', 'npm ci',
      `${BUILDS}, where step 'fetch' writes $NPM_TOKEN (the Secret 'npm') into $(workspaces.source.path)/.npmrc (\`${npmrc}\`): ${READ}`]]);
    expect(persistedCredentialFindings(m)[0].fix).toBe(FILE_FIX('$(workspaces.source.path)/.npmrc'));
    // a variable from a Secret that a branch may set from another: both named (ibm-garage-tekton-tasks' setup-docker-auth)
    const auth = 'echo "${AUTH_CONFIG}" > "$(workspaces.source.path)/auth.json"';
    const override = `if [ -n "\${AUTH_CONFIG_OVERRIDE}" ]; then\n  AUTH_CONFIG="\${AUTH_CONFIG_OVERRIDE}"\nfi\n${auth}`;
    expect(found(task([fetch(override, [fromSecret('AUTH_CONFIG', 'registry-auth'), fromSecret('AUTH_CONFIG_OVERRIDE', 'registry-auth-local')]), make])))
      .toEqual(makeFinding("$AUTH_CONFIG (the Secret 'registry-auth' or, where the script assigns it so, from $AUTH_CONFIG_OVERRIDE (the Secret "
        + "'registry-auth-local'))", '$(workspaces.source.path)/auth.json', auth));
    // assigned for sure: the value it is given alone
    expect(found(task([fetch(`AUTH_CONFIG="\${AUTH_CONFIG_OVERRIDE}"\n${auth}`, [fromSecret('AUTH_CONFIG', 'registry-auth'), fromSecret('AUTH_CONFIG_OVERRIDE', 'registry-auth-local')]), make])))
      .toEqual(makeFinding("$AUTH_CONFIG (from $AUTH_CONFIG_OVERRIDE (the Secret 'registry-auth-local'))", '$(workspaces.source.path)/auth.json', auth));
    // through tee; from a heredoc; a file of a Secret volume copied into it (its own name in a directory)
    expect(found(task([fetch('echo "$GIT_PASSWORD" | tee $(workspaces.source.path)/token >/dev/null'), make])))
      .toEqual(makeFinding("$GIT_PASSWORD (the Secret 'git-credentials')", '$(workspaces.source.path)/token', 'tee $(workspaces.source.path)/token >/dev/null'));
    expect(found(task([fetch('cat > $(workspaces.source.path)/.netrc <<EOF\nmachine h login bot password $GIT_PASSWORD\nEOF'), make]))[0][4])
      .toContain("where step 'fetch' writes $GIT_PASSWORD (the Secret 'git-credentials') into $(workspaces.source.path)/.netrc");
    const cp = task([fetch('cp /secret/.dockerconfigjson $(workspaces.source.path)/', [], { volumeMounts: [{ name: 'reg', mountPath: '/secret' }] }), make],
      { volumes: [{ name: 'reg', secret: { secretName: 'registry' } }] });
    expect(found(cp)).toEqual(makeFinding("/secret/.dockerconfigjson (the Secret 'registry')", '$(workspaces.source.path)/.dockerconfigjson',
      'cp /secret/.dockerconfigjson $(workspaces.source.path)/'));
    // a printer piped to another that writes the file; a helm registry login; not a `login` word that is another command's argument
    expect(found(task([fetch('echo -n "bot:$GIT_PASSWORD" | base64 > $(workspaces.source.path)/auth'), make])))
      .toEqual(makeFinding("$GIT_PASSWORD (the Secret 'git-credentials')", '$(workspaces.source.path)/auth', 'base64 > $(workspaces.source.path)/auth'));
    const helm = 'helm registry login --registry-config $(workspaces.source.path)/r.json quay.io -u bot -p "$GIT_PASSWORD"';
    expect(found(task([fetch(helm), make]))).toEqual(makeFinding('the registry credentials `helm registry login` stores', '$(workspaces.source.path)/r.json', helm));
    expect(found(task([fetch('export DOCKER_CONFIG=$(workspaces.source.path)/.docker\ndocker run quay.io/o/tool login'), make]))).toEqual([]);
    // git's store helper given a file of the workspace (its default, ~/.git-credentials, is in the step's home: not counted)
    const store = 'git config credential.helper "store --file=$(workspaces.source.path)/.git-credentials"';
    expect(found(task([fetch(`cd $(workspaces.source.path)\n${store}\ngit fetch origin`, []), make])))
      .toEqual(makeFinding("the credentials git's store helper saves there on each authenticated fetch or push", '$(workspaces.source.path)/.git-credentials', store));
    expect(found(task([fetch('cd $(workspaces.source.path)\ngit config credential.helper store\ngit fetch origin', []), make]))).toEqual([]);
    // docker's DOCKER_CONFIG, buildah's --authfile
    const docker = task([fetch('export DOCKER_CONFIG=$(workspaces.source.path)/.docker\necho "$PASS" | docker login -u bot --password-stdin quay.io', [fromSecret('PASS', 'quay')]), make]);
    expect(found(docker)).toEqual(makeFinding('the registry credentials `docker login` stores', '$(workspaces.source.path)/.docker/config.json',
      'docker login -u bot --password-stdin quay.io'));
    expect(persistedCredentialFindings(docker)[0].fix).toBe('Keep the registry login out of the workspace: point --authfile (REGISTRY_AUTH_FILE, DOCKER_CONFIG) at a directory '
      + "in the container of step 'fetch' that no workspace or volume covers (later steps do not see it), or `rm $(workspaces.source.path)/.docker/config.json` before step 'build' runs.");
    expect(found(task([fetch('buildah login --authfile $(workspaces.source.path)/auth.json -u bot -p "$PASS" quay.io', [fromSecret('PASS', 'quay')]), make])))
      .toEqual(makeFinding('the registry credentials `buildah login` stores', '$(workspaces.source.path)/auth.json',
        'buildah login --authfile $(workspaces.source.path)/auth.json -u bot -p "$PASS" quay.io'));
  });

  test('a step that holds no secret is still read where it logs in, clones or sets git\'s store helper', () => {
    // a registry login whose password is a param's: its auth file holds the credentials all the same
    const login = 'podman login --authfile $(workspaces.source.path)/auth.json -u bot -p $(params.password) quay.io';
    expect(found(task([fetch(login, []), make]))).toEqual(makeFinding('the registry credentials `podman login` stores', '$(workspaces.source.path)/auth.json', login));
    // a clone with no credentials into a volume makes it the repository's: a later step's secret written there reaches the code run from it
    const m: any = task([
      fetch('git clone https://github.com/o/r.git /src', []),
      { ...fetch('echo "$GIT_PASSWORD" > /src/.token'), name: 'token' },
      { name: 'build', image: GO, workingDir: '/src', script: './build.sh\n' },
    ], { volumes: [{ name: 'src', emptyDir: {} }], stepTemplate: { volumeMounts: [{ name: 'src', mountPath: '/src' }] } });
    expect(found(m)).toEqual([["step 'build'", 'step/build', 'script', './build.sh',
      `runs a file of a directory the repository fills, where step 'token' writes $GIT_PASSWORD (the Secret 'git-credentials') into /src/.token (\`echo "$GIT_PASSWORD" > /src/.token\`): ${READ}`]]);
    // without the clone the volume is not the repository's
    expect(found(task(m.spec.steps.slice(1), { volumes: m.spec.volumes, stepTemplate: m.spec.stepTemplate }))).toEqual([]);
  });

  test('compliant: what clears it, and what git does not store', () => {
    const none = (...steps: any[]) => expect(found(task(steps))).toEqual([]);
    // the remote's URL set again without credentials, after the clone (in the step, or a step before the code)
    none(fetch(`${CLONE}\ngit -C $(workspaces.source.path) remote set-url origin https://github.com/o/r.git`), make);
    none(fetch(CLONE), { name: 'scrub', image: GIT, workingDir: '$(workspaces.source.path)', script: 'git remote set-url origin https://github.com/o/r.git\n' }, make);
    none(fetch(`${CLONE}\ncd $(workspaces.source.path) && true\ngit -C $(workspaces.source.path) remote remove origin`), make);
    none(fetch(`${CLONE.replace('clone', 'clone -c http.extraHeader="A: $GIT_PASSWORD"')}\ngit -C $(workspaces.source.path) config --unset http.extraHeader\n`
      + 'git -C $(workspaces.source.path) remote set-url origin https://github.com/o/r.git'), make);
    // the file removed: itself, or a directory above it
    none(fetch('echo "$GIT_PASSWORD" > $(workspaces.source.path)/.npmrc'), { name: 'clean', image: GIT, script: 'rm -f $(workspaces.source.path)/.npmrc\n' }, make);
    none(fetch(`${CLONE.replace('$(workspaces.source.path)', '$(workspaces.source.path)/r')}\nrm -rf $(workspaces.source.path)/r/.git`), make);
    // a clone without credentials in its URL (`-c credential.helper=` stores an empty helper); credentials given on git's command line
    // (`git -c`), and a fetch of a URL (git 2.39 writes FETCH_HEAD without the URL's credentials), are not stored
    none(fetch('git clone -c credential.helper= https://github.com/o/r.git $(workspaces.source.path)'), make);
    none(fetch('git -c http.extraHeader="Authorization: Basic ${GIT_PASSWORD}" clone https://github.com/o/r.git $(workspaces.source.path)'), make);
    none(fetch('cd $(workspaces.source.path)\ngit fetch https://bot:${GIT_PASSWORD}@github.com/o/r.git main'), make);
    // what holds no Secret; a file outside the workspaces (a home directory); a step that runs no repository code
    none(fetch('echo "$HOME" > $(workspaces.source.path)/x\ngit clone https://$(params.user)@github.com/o/r $(workspaces.source.path)/r'), make);
    none(fetch('echo "$GIT_PASSWORD" > ~/.git-credentials\necho "$GIT_PASSWORD" > /tmp/t'), make);
    none(fetch(CLONE), { name: 'lint', image: GO, workingDir: '$(workspaces.source.path)', script: 'yamllint .\n' });
  });

  test('non-compliant: a clear that may not run (in a branch) clears nothing', () => {
    expect(found(task([fetch(`${CLONE}\nif [ -n "$X" ]; then git -C $(workspaces.source.path) remote set-url origin https://github.com/o/r.git; fi`), make])))
      .toEqual(makeFinding(REMOTE, '$(workspaces.source.path)/.git/config', CLONE));
  });

  test('in a pipeline: a later task that binds the same pipeline workspace and runs the code', () => {
    const clone = task([fetch('git clone "https://oauth2:${GIT_PASSWORD}@gitlab.com/o/r.git" $(workspaces.output.path)/src')], { workspaces: [{ name: 'output' }] });
    const cloneTask = { ...clone, metadata: { name: 'clone' } };
    const build = { ...task([{ name: 'test', image: GO, workingDir: '$(workspaces.source.path)/src', script: '#!/bin/sh\nmvn -B verify\n' }]), metadata: { name: 'build' } };
    const pipeline = (tasks: any[]) => ({ apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'p' }, spec: { workspaces: [{ name: 'shared' }], tasks } });
    const fetchTask = { name: 'fetch', taskRef: { name: 'clone' }, workspaces: [{ name: 'output', workspace: 'shared' }] };
    const unit = { name: 'unit', taskRef: { name: 'build' }, workspaces: [{ name: 'source', workspace: 'shared' }] };
    const judged = (p: any) => persistedCredentialFindings(p, [p, cloneTask, build]);
    const after = pipeline([fetchTask, { ...unit, runAfter: ['fetch'] }]);
    const write = "task 'fetch' step 'fetch' writes the remote URL of 'origin' holding $GIT_PASSWORD (the Secret 'git-credentials') into "
      + '$(workspaces.output.path)/src/.git/config (`git clone "https://oauth2:${GIT_PASSWORD}@gitlab.com/o/r.git" $(workspaces.output.path)/src`)';
    expect(judged(after)).toEqual([{
      location: "task 'unit' step 'test'",
      target: 'task/unit',
      property: 'script',
      value: 'mvn -B verify',
      problem: `${BUILDS}, where ${write}, and task 'unit' runs after it and binds the same pipeline workspace 'shared': ${READ}`,
      fix: REMOTE_FIX("task 'fetch' step 'fetch'", "task 'unit' step 'test'"),
    }]);
    // not ordered: it may run after
    expect(judged(pipeline([fetchTask, unit])).map((f) => f.problem))
      .toEqual([`${BUILDS}, where ${write}, and task 'unit' may run after it (nothing orders it before) and binds the same pipeline workspace 'shared': ${READ}`]);
    // surely before it, or another workspace: none
    expect(judged(pipeline([{ ...fetchTask, runAfter: ['unit'] }, unit]))).toEqual([]);
    expect(judged(pipeline([fetchTask, { ...unit, runAfter: ['fetch'], workspaces: [{ name: 'source', workspace: 'other' }] }]))).toEqual([]);
    // a step of the later task that sets the URL again first clears it
    const scrub = { ...build, spec: { ...build.spec, steps: [{ name: 'scrub', image: GIT, script: 'git -C $(workspaces.source.path)/src remote set-url origin https://gitlab.com/o/r.git\n' }, ...build.spec.steps] } };
    const p = pipeline([fetchTask, { ...unit, runAfter: ['fetch'] }]);
    expect(persistedCredentialFindings(p, [p, cloneTask, scrub])).toEqual([]);
  });

  test('persistedReaders: what a spec leaves for the tasks after it', () => {
    expect(persistedReaders(task([fetch(CLONE)]).spec).left.map((w) => [w.step, w.file, w.kind, w.key]))
      .toEqual([['fetch', '$(workspaces.source.path)/.git/config', 'remote', 'remote.origin.url']]);
    // a credentials workspace is a Secret's files: copied into the source workspace
    const spec = { workspaces: [{ name: 'source' }, { name: 'creds' }], steps: [fetch('cp $(workspaces.creds.path)/.git-credentials $(workspaces.source.path)/.git-credentials', [])] };
    expect(persistedReaders(spec, ['creds']).left.map((w) => w.what)).toEqual(["$(workspaces.creds.path)/.git-credentials (the credentials workspace 'creds')"]);
  });

  test("a home directory in a workspace or in Tekton's /tekton/home (HOME set by env or the script: Tekton v1.15 sets none)", () => {
    const STORE = "the credentials git's store helper saves there on each authenticated fetch or push";
    const home = { name: 'HOME', value: '$(workspaces.source.path)/.home' };
    const global = 'git config --global credential.helper store';
    expect(found(task([fetch(`${global}\ngit push origin main`, [home, fromSecret('GIT_PASSWORD')]), make]))).toEqual(makeFinding(
      `${STORE} (the step's HOME is $(workspaces.source.path)/.home)`, '$(workspaces.source.path)/.home/.git-credentials', global));
    // the fix names the file where HOME puts it
    expect(persistedCredentialFindings(task([fetch(global, [home]), make]))[0].fix).toBe(FILE_FIX('$(workspaces.source.path)/.home/.git-credentials'));
    // `~/.netrc` written with HOME exported by the script; docker's ~/.docker with HOME at Tekton's /tekton/home, which every step mounts
    const netrc = 'echo "machine github.com login bot password $GIT_PASSWORD" > ~/.netrc';
    expect(found(task([fetch(`export HOME=/workspace/source/h\n${netrc}`), make]))).toEqual(makeFinding(
      "$GIT_PASSWORD (the Secret 'git-credentials') (the step's HOME is /workspace/source/h)", '/workspace/source/h/.netrc', netrc));
    const login = 'docker login -u bot --password-stdin quay.io < /secret/password';
    const docker = task([fetch(login, [{ name: 'HOME', value: '/tekton/home' }], { volumeMounts: [{ name: 'reg', mountPath: '/secret' }] }), make],
      { volumes: [{ name: 'reg', secret: { secretName: 'reg' } }] });
    expect(found(docker)).toEqual(makeFinding('the registry credentials `docker login` stores (the step\'s HOME is /tekton/home)', '/tekton/home/.docker/config.json', login));
    // git's store helper for one command (`git -c`), its default file under HOME
    const once = 'git -c credential.helper=store push https://github.com/o/r main';
    expect(found(task([fetch(once, [home]), make])).map((f) => f[4])).toEqual([
      `${BUILDS}, where step 'fetch' writes ${STORE} (the step's HOME is $(workspaces.source.path)/.home) into $(workspaces.source.path)/.home/.git-credentials (\`${once}\`): ${READ}`,
    ]);
    // GitHub's CLI: its hosts.yml under GH_CONFIG_DIR, else ~/.config/gh
    const gh = 'gh auth login --with-token < /secret/token';
    const ghTask = (env: any[]) => task([fetch(gh, env, { volumeMounts: [{ name: 'gh', mountPath: '/secret' }] }), make], { volumes: [{ name: 'gh', secret: { secretName: 'gh' } }] });
    expect(found(ghTask([{ name: 'GH_CONFIG_DIR', value: '/workspace/source/.gh' }]))).toEqual(makeFinding('the token `gh auth login` stores', '/workspace/source/.gh/hosts.yml', gh));
    expect(found(ghTask([home])).map((f) => f[4])).toEqual([
      `${BUILDS}, where step 'fetch' writes the token \`gh auth login\` stores (the step's HOME is $(workspaces.source.path)/.home) into $(workspaces.source.path)/.home/.config/gh/hosts.yml (\`${gh}\`): ${READ}`,
    ]);
    expect(found(ghTask([]))).toEqual([]);
    // not: HOME not given (the image's, in the step's own files), another user's home, a --file setting of another file, HOME from a command
    expect(found(task([fetch(`${global}\n${netrc}`), make]))).toEqual([]);
    expect(found(task([fetch('echo "$GIT_PASSWORD" > ~bot/.netrc', [home, fromSecret('GIT_PASSWORD')]), make]))).toEqual([]);
    expect(found(task([fetch('git config --file /workspace/source/cfg credential.helper store', [home]), make]))).toEqual([]);
    expect(found(task([fetch(`export HOME=$(mktemp -d)\n${netrc}`), make]))).toEqual([]);
  });

  test('the files of a CSI volume and of a projected ServiceAccount token are secrets, as a Secret volume\'s are', () => {
    const cp = 'cp /mnt/secrets/token $(workspaces.source.path)/token';
    const withVolume = (volume: any) => task([fetch(cp, [], { volumeMounts: [{ name: 's', mountPath: '/mnt/secrets' }] }), make], { volumes: [{ name: 's', ...volume }] });
    expect(found(withVolume({ csi: { driver: 'secrets-store.csi.k8s.io', volumeAttributes: { secretProviderClass: 'vault' } } }))).toEqual(
      makeFinding('/mnt/secrets/token (the CSI volume of secrets-store.csi.k8s.io)', '$(workspaces.source.path)/token', cp));
    expect(found(withVolume({ projected: { sources: [{ serviceAccountToken: { path: 'token', audience: 'vault' } }] } }))).toEqual(
      makeFinding('/mnt/secrets/token (a projected ServiceAccount token)', '$(workspaces.source.path)/token', cp));
    expect(found(withVolume({ configMap: { name: 'ca' } }))).toEqual([]);
  });

  test('envFrom a Secret among the objects: a variable of each of its keys (its prefix before it), unless env sets that name', () => {
    const line = 'echo "$GH_TOKEN" > $(workspaces.source.path)/.token';
    const withEnvFrom = (env: any[] = [], prefix?: string) => task([fetch(line.replace('GH_TOKEN', `${prefix ?? ''}GH_TOKEN`), env,
      { envFrom: [{ secretRef: { name: 'gh' }, ...prefix === undefined ? {} : { prefix } }] }), make]);
    const gh = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'gh' }, data: { GH_TOKEN: 'eA==' } };
    const m = withEnvFrom();
    expect(found(m, [m, gh])).toEqual(makeFinding("$GH_TOKEN (the Secret 'gh' through envFrom)", '$(workspaces.source.path)/.token', line));
    const prefixed = withEnvFrom([], 'CI_');
    expect(found(prefixed, [prefixed, gh]).map((f) => f[4])).toEqual([
      `${BUILDS}, where step 'fetch' writes $CI_GH_TOKEN (the Secret 'gh' through envFrom) into $(workspaces.source.path)/.token (\`${line.replace('GH_TOKEN', 'CI_GH_TOKEN')}\`): ${READ}`,
    ]);
    // the Secret not among the objects: its keys not known, any variable the step does not set may be one (a Secret by its kind)
    expect(found(m, [m])).toEqual(makeFinding("$GH_TOKEN (a key the Secret 'gh' may give through envFrom, not among the objects)", '$(workspaces.source.path)/.token', line));
    // not: env setting the name to a plain value, a variable the script sets, one the shell or the kubelet sets, a key the known Secret lacks
    const overridden = withEnvFrom([{ name: 'GH_TOKEN', value: 'none' }]);
    expect(found(overridden, [overridden, gh])).toEqual([]);
    expect(found(overridden, [overridden])).toEqual([]);
    const own = task([fetch('GH_TOKEN=none\necho "$GH_TOKEN" > $(workspaces.source.path)/.token', [], { envFrom: [{ secretRef: { name: 'gh' } }] }), make]);
    expect(found(own, [own])).toEqual([]);
    const shell = task([fetch('echo "$HOSTNAME $KUBERNETES_SERVICE_HOST" > $(workspaces.source.path)/.host', [], { envFrom: [{ secretRef: { name: 'gh' } }] }), make]);
    expect(found(shell, [shell])).toEqual([]);
    const other = task([fetch('echo "$OTHER" > $(workspaces.source.path)/.token', [], { envFrom: [{ secretRef: { name: 'gh' } }] }), make]);
    expect(found(other, [other, gh])).toEqual([]);
  });

  describe("a credential left under the step's home (HOME at Tekton's /tekton/home), then the repository's code run", () => {
    const HOME = { name: 'HOME', value: '/tekton/home' };
    const AT_HOME = " (the step's HOME is /tekton/home)";
    const T = "$T (the Secret 'git-credentials')";
    /** Step `fetch` runs `script` with T from a Secret, HOME at /tekton/home and the Secret `reg` at /secret; step `build` runs make. */
    const leaves = (script: string, env: any[] = [HOME, fromSecret('T')]) => found(task(
      [fetch(script, env, { volumeMounts: [{ name: 'reg', mountPath: '/secret' }] }), make], { volumes: [{ name: 'reg', secret: { secretName: 'reg' } }] }));

    test.each([
      ['install -D -t ~/.docker /secret/config.json', `/secret/config.json (the Secret 'reg')${AT_HOME}`, '/tekton/home/.docker/config.json'],
      ['cp -t ~/ /secret/.npmrc', `/secret/.npmrc (the Secret 'reg')${AT_HOME}`, '/tekton/home/.npmrc'],
      ['npm config set //registry.npmjs.org/:_authToken "$T"', `${T}, which \`npm config set\` stores${AT_HOME}`, '/tekton/home/.npmrc'],
      ['yarn config set npmAuthToken "$T"', `${T}, which \`yarn config set\` stores${AT_HOME}`, '/tekton/home/.yarnrc'],
      ['pip config set global.index-url "https://u:$T@pypi.example/simple"', `${T}, which \`pip config set\` stores${AT_HOME}`, '/tekton/home/.config/pip/pip.conf'],
      ['cargo login "$T"', `the token \`cargo login\` stores${AT_HOME}`, '/tekton/home/.cargo/credentials.toml'],
      ['kubectl config set-credentials bot --token="$T"', `${T}, which \`kubectl config set-credentials\` stores${AT_HOME}`, '/tekton/home/.kube/config'],
      ['kubectl config set-credentials bot --token=$(params.token)', `the credentials \`kubectl config set-credentials\` stores${AT_HOME}`, '/tekton/home/.kube/config'],
      ['git config --global url."https://bot:$T@github.com/".insteadOf https://github.com/', `the setting url.https://bot:$T@github.com/.insteadOf holding ${T}${AT_HOME}`, '/tekton/home/.gitconfig'],
      ['git config --global http.extraHeader "Authorization: Bearer $T"', `the setting http.extraHeader holding ${T}${AT_HOME}`, '/tekton/home/.gitconfig'],
      ['git config --file /tekton/home/.gitconfig http.extraHeader "Authorization: Bearer $T"', `the setting http.extraHeader holding ${T}`, '/tekton/home/.gitconfig'],
      ['podman login --compat-auth-file ~/.docker/config.json -u bot -p "$T" quay.io', `the registry credentials \`podman login\` stores${AT_HOME}`, '/tekton/home/.docker/config.json'],
      ['helm registry login -u bot -p "$T" quay.io', `the registry credentials \`helm registry login\` stores${AT_HOME}`, '/tekton/home/.config/helm/registry/config.json'],
      ['sed -i "s/TOKEN/$T/" ~/.npmrc', `${T}${AT_HOME}`, '/tekton/home/.npmrc'],
      ['sed "s/TOKEN/$T/" npmrc.tpl > ~/.npmrc', `${T}${AT_HOME}`, '/tekton/home/.npmrc'],
      ['envsubst < npmrc.tpl > ~/.npmrc', `${T}${AT_HOME}`, '/tekton/home/.npmrc'],
      ["jq -n --arg t \"$T\" '{auths:{q:{auth:$t}}}' > ~/.docker/config.json", `${T}${AT_HOME}`, '/tekton/home/.docker/config.json'],
      ['base64 -d <<< "$T" > ~/.docker/config.json', `${T}${AT_HOME}`, '/tekton/home/.docker/config.json'],
      ['tr -d "\\n" < /secret/token > ~/.token', `the Secret 'reg'${AT_HOME}`, '/tekton/home/.token'],
      ['aws configure set aws_secret_access_key "$T"', `${T}, which \`aws configure set\` stores${AT_HOME}`, '/tekton/home/.aws/credentials'],
      ['gcloud auth activate-service-account --key-file=/secret/key.json', `the credentials \`gcloud auth activate-service-account\` stores${AT_HOME}`, '/tekton/home/.config/gcloud'],
      ['az login --service-principal -u app -p "$T" --tenant t', `the credentials \`az login\` stores${AT_HOME}`, '/tekton/home/.azure'],
      ['vault login "$T"', `the token \`vault login\` stores${AT_HOME}`, '/tekton/home/.vault-token'],
      ['oc login --token="$T" https://api.example:6443', `the token \`oc login\` stores${AT_HOME}`, '/tekton/home/.kube/config'],
      ['poetry config http-basic.private bot "$T"', `${T}, which \`poetry config\` stores${AT_HOME}`, '/tekton/home/.config/pypoetry/auth.toml'],
      ['helm repo add private https://charts.example --username bot --password "$T"', `the password \`helm repo add\` stores${AT_HOME}`, '/tekton/home/.config/helm/repositories.yaml'],
      ['crane auth login quay.io -u bot -p "$T"', `the registry credentials \`crane auth login\` stores${AT_HOME}`, '/tekton/home/.docker/config.json'],
      ['oras login quay.io -u bot -p "$T"', `the registry credentials \`oras login\` stores${AT_HOME}`, '/tekton/home/.docker/config.json'],
      ['cosign login quay.io -u bot -p "$T"', `the registry credentials \`cosign login\` stores${AT_HOME}`, '/tekton/home/.docker/config.json'],
    ])('%s', (line, what, file) => {
      expect(leaves(line)).toEqual(makeFinding(what, file, line));
    });

    test('a program a wrapper runs, a variable read from a Secret, an edit in place, a descriptor exec opens, rsync', () => {
      const WS = '/workspace/source';
      for (const [line, what, file, script] of [
        [`sudo tee ${WS}/.token`, T, `${WS}/.token`, `echo "$T" | sudo tee ${WS}/.token`],
        [`env -i cp /secret/x ${WS}/.npmrc`, "/secret/x (the Secret 'reg')", `${WS}/.npmrc`],
        ['timeout 30 npm config set //r/:_authToken "$T"', `${T}, which \`npm config set\` stores${AT_HOME}`, '/tekton/home/.npmrc'],
        [`command printf %s "$T" > ${WS}/.token`, T, `${WS}/.token`],
        [`echo "$TOK" > ${WS}/.token`, "$TOK (from the Secret 'reg')", `${WS}/.token`, `read -r TOK < /secret/token\necho "$TOK" > ${WS}/.token`],
        // (read's names as bash 5.2 reads its options: `-ar X` fills the array r, X left as it was)
        [`echo "$r" > ${WS}/.token`, "$r (from the Secret 'reg')", `${WS}/.token`, `X=x\nread -ar X < /secret/token\necho "$X" > ${WS}/.x\necho "$r" > ${WS}/.token`],
        [`yq -i ".auths.q.auth = \\"$T\\"" ${WS}/config.yaml`, T, `${WS}/config.yaml`],
        [`perl -pi -e "s/TOKEN/$T/" ${WS}/.npmrc`, T, `${WS}/.npmrc`],
        ['echo "$T" >&3', T, `${WS}/.token`, `exec 3>${WS}/.token\necho "$T" >&3`],
        ['echo "$T"', T, `${WS}/.token`, `exec >${WS}/.token\necho "$T"`],
        // (as shell.ts redirectionTable reads them: a copy of a descriptor, `&>`, a program a wrapper of argv.ts runs)
        ['echo "$T" >&4', T, `${WS}/.token`, `exec 3>${WS}/.token 4>&3\necho "$T" >&4`],
        ['echo "$T"', T, `${WS}/.token`, `exec &>${WS}/.token\necho "$T"`],
        [`strace -f cp /secret/x ${WS}/.npmrc`, "/secret/x (the Secret 'reg')", `${WS}/.npmrc`],
        [`rsync -a /secret/ ${WS}/creds/`, "/secret/ (the Secret 'reg')", `${WS}/creds/`],
        // copy-operands.ts: an abbreviated long option, a long option's value as the next word, rsync's -T (--temp-dir)
        [`cp --target ${WS} /secret/x`, "/secret/x (the Secret 'reg')", `${WS}/x`],
        [`cp --suffix .bak /secret/x ${WS}/.npmrc`, "/secret/x (the Secret 'reg')", `${WS}/.npmrc`],
        [`rsync -T /tmp /secret/x ${WS}/.npmrc`, "/secret/x (the Secret 'reg')", `${WS}/.npmrc`],
        // dd copies the file of if= into that of of= (coreutils 9, checked)
        [`dd if=/secret/x of=${WS}/.npmrc status=none`, "/secret/x (the Secret 'reg')", `${WS}/.npmrc`],
      ] as Array<[string, string, string, string?]>) {
        expect(leaves(script ?? line)).toEqual(makeFinding(what, file, line));
      }
      // not: a process substitution exec writes into (tee's own file is read where tee is), a symbolic link to a Secret's file
      expect(leaves('exec > >(tee /tmp/log)\necho "$T"')).toEqual([]);
      // nor a descriptor closed, or opened again for reading, before the write
      expect(leaves(`exec 3>${WS}/.token\nexec 3>&-\necho "$T" >&3`)).toEqual([]);
      expect(leaves(`exec 3>${WS}/.token\nexec 3</dev/null\necho "$T" >&3`)).toEqual([]);
      expect(leaves(`ln -s /secret/x ${WS}/.npmrc`)).toEqual([]);
      // not: install -d creates directories, copying nothing
      expect(leaves(`install -d /secret/x ${WS}/.npmrc`)).toEqual([]);
      // nor dd of another file, or of a Secret's file into a directory no volume covers
      expect(leaves(`dd if=/tmp/other of=${WS}/.npmrc`)).toEqual([]);
      expect(leaves('dd if=/secret/x of=/tmp/x')).toEqual([]);
    });

    test('a Secret\'s files reached without their name: a directory above them copied whole, a pattern, an archive, find -exec, xargs (coreutils 9.1, GNU tar 1.34, findutils 4.9)', () => {
      const WS = '/workspace/source';
      const REG = "(the Secret 'reg')";
      const ABOVE = "(holding /secret, the Secret 'reg')";
      for (const [line, what, file, script] of [
        // a directory above the mount, copied recursively (`cp -r / d` copies /secret too); rsync's --files-from lists any file under its source
        [`cp -r / ${WS}/c`, `/ ${ABOVE}`, `${WS}/c`],
        [`cp -a /secret/.. ${WS}/`, `/secret/.. ${REG}`, `${WS}/..`],
        [`rsync --files-from=/tmp/list / ${WS}/`, `/ ${ABOVE}`, `${WS}/`],
        // a pattern the shell may expand to it, or into it
        [`cp -r /sec* ${WS}/c`, `/sec* ${ABOVE}`, `${WS}/c`],
        [`cp /s?cret/token ${WS}/t`, `/s?cret/token ${ABOVE}`, `${WS}/t`],
        // an archive of it: tar's file or output, zip's, cpio's of the names find prints, what tar extracts from one piped to it
        [`tar czf ${WS}/c.tgz /secret`, `/secret ${REG}`, `${WS}/c.tgz`],
        [`tar -c -f ${WS}/c.tar -C /secret .`, `/secret/. ${REG}`, `${WS}/c.tar`],
        [`tar c / > ${WS}/c.tar`, `/ ${ABOVE}`, `${WS}/c.tar`],
        [`tar c /secret | tar x -C ${WS}`, `/secret ${REG}`, `${WS}/secret`],
        // through a compressor or an encoder into a file; a source under -C joined with one slash
        [`tar cf - /secret | gzip > ${WS}/c.tgz`, `/secret ${REG}`, `${WS}/c.tgz`],
        [`tar c /secret | base64 > ${WS}/c.b64`, `/secret ${REG}`, `${WS}/c.b64`],
        [`tar -C / -cf ${WS}/c.tar secret`, `/secret ${REG}`, `${WS}/c.tar`],
        [`zip -qr ${WS}/c.zip /secret`, `/secret ${REG}`, `${WS}/c.zip`],
        [`find /secret -type f | cpio -o > ${WS}/c.cpio`, `/secret ${REG}`, `${WS}/c.cpio`],
        [`find /secret | cpio -pd ${WS}`, `/secret ${REG}`, `${WS}/secret`],
        // find -exec (`{}` each file under its start point), xargs given the names piped to it
        [`find /secret -name token -exec cp {} ${WS}/ \\;`, `/secret ${REG}`, `${WS}/secret`],
        [`find / -name token -exec cp -t ${WS} {} +`, `/ ${ABOVE}`, `${WS}`],
        [`ls /secret/token | xargs cp -t ${WS}`, `/secret/token ${REG}`, `${WS}/token`],
        [`echo /secret/token | xargs -I % cp % ${WS}/t`, `/secret/token ${REG}`, `${WS}/t`],
      ] as Array<[string, string, string, string?]>) {
        expect([line, leaves(script ?? line)]).toEqual([line, makeFinding(what, file, line)]);
      }
      // none: a directory above it not copied recursively, another directory, an archive extracted, a pattern that cannot match
      for (const line of [`cp / ${WS}/c`, `cp -r /etc ${WS}/c`, `tar xf /tmp/a.tar -C ${WS}`, `cp /t*/x ${WS}/c`, `cp -r /tmp/* ${WS}/c`,
        `find /tmp -exec cp {} ${WS}/ \\;`, `echo /tmp/x | xargs cp -t ${WS}`, `tar cf ${WS}/c.tar -C /tmp .`, `zip ${WS}/c.zip /tmp/x`,
        // an archive encrypted to a recipient, which the repository's code cannot read
        `tar cf - /secret | gpg -e -r ops > ${WS}/c.gpg`]) {
        expect([line, leaves(line)]).toEqual([line, []]);
      }
    });

    test('a function the step\'s script defines, or that code eval runs from what cat prints of a file defines, read where it is called (bash 5.2: the shell\'s own)', () => {
      const WS = '/workspace/source';
      const inSave = [["step 'build'", 'step/build', 'script', 'make', `${BUILDS}, where step 'fetch' writes /secret/x (the Secret 'reg') into ${WS}/x `
        + `(\`cp /secret/x "$1"\`, in the function save (\`save ${WS}/x\`)): ${READ}`]];
      expect(leaves(`save() { cp /secret/x "$1"; }\nsave ${WS}/x`)).toEqual(inSave);
      const written = 'cat > /tmp/f.sh <<\'EOF\'\nsave() { cp /secret/x "$1"; }\nEOF\n';
      expect(leaves(`${written}eval "$(cat /tmp/f.sh)"\nsave ${WS}/x`)).toEqual(inSave);
      expect(leaves(`${written}source <(cat /tmp/f.sh)\nsave ${WS}/x`)).toEqual(inSave);
      // none: a script run by a shell of its own keeps its functions there; a call copying into a file of the step's own
      expect(leaves(`${written}bash /tmp/f.sh\nsave ${WS}/x`)).toEqual([]);
      expect(leaves('save() { cp /secret/x "$1"; }\nsave /tmp/x')).toEqual([]);
    });

    test('more tools that keep a credential: git credential-store, kubectl create secret\'s manifest, openssl, mc, rclone, terraform, doctl, dotnet, composer, bundle', () => {
      const WS = '/workspace/source';
      for (const [line, what, file, script] of [
        ['git credential-store store <<EOF', `the credentials \`git credential-store store\` saves${AT_HOME}`, '/tekton/home/.git-credentials',
          'git credential-store store <<EOF\nprotocol=https\nhost=github.com\nusername=bot\npassword=$T\nEOF'],
        [`kubectl create secret generic x --from-literal=t="$T" --dry-run=client -o yaml > ${WS}/s.yaml`, T, `${WS}/s.yaml`],
        [`openssl base64 <<< "$T" > ${WS}/t.b64`, T, `${WS}/t.b64`],
        ['mc alias set s3 https://s3.example bot "$T"', `${T}, which \`mc alias set\` stores${AT_HOME}`, '/tekton/home/.mc/config.json'],
        ['rclone config create s3 s3 secret_access_key="$T"', `${T}, which \`rclone config create\` stores${AT_HOME}`, '/tekton/home/.config/rclone/rclone.conf'],
        ['terraform login app.terraform.io', `the token \`terraform login\` stores${AT_HOME}`, '/tekton/home/.terraform.d/credentials.tfrc.json'],
        ['doctl auth init -t "$T"', `the token \`doctl auth init\` stores${AT_HOME}`, '/tekton/home/.config/doctl/config.yaml'],
        ['dotnet nuget add source https://nuget.example/v3/index.json -n p -u bot -p "$T"', `the password \`dotnet nuget add source\` stores${AT_HOME}`,
          '/tekton/home/.nuget/NuGet/NuGet.Config'],
        ['composer config http-basic.repo.example bot "$T"', `${T}, which \`composer config\` stores`, 'auth.json', `cd ${WS}\ncomposer config http-basic.repo.example bot "$T"`],
        ['composer config --global github-oauth.github.com "$T"', `${T}, which \`composer config\` stores${AT_HOME}`, '/tekton/home/.composer/auth.json'],
        ['bundle config set --local https://rubygems.pkg.github.com/o "bot:$T"', `${T}, which \`bundle config\` stores`, '.bundle/config',
          `cd ${WS}\nbundle config set --local https://rubygems.pkg.github.com/o "bot:$T"`],
      ] as Array<[string, string, string, string?]>) {
        expect(leaves(script ?? line)).toEqual(makeFinding(what, file, line));
      }
      // not: a setting without a secret, a project's file outside the workspaces
      expect(leaves(`cd ${WS}\ncomposer config repositories.r vcs https://example/r`)).toEqual([]);
      expect(leaves('cd /tmp\ncomposer config http-basic.repo.example bot "$T"')).toEqual([]);
    });

    test('a path a variable of the script holds', () => {
      expect(leaves('WS=$(workspaces.source.path)\necho "$T" > "$WS/.token"')).toEqual(makeFinding(T, '$(workspaces.source.path)/.token', 'echo "$T" > "$WS/.token"'));
      expect(leaves('export OUT=/workspace/source/cfg\nprintf %s "$T" > ${OUT}/token')).toEqual(makeFinding(T, '/workspace/source/cfg/token', 'printf %s "$T" > ${OUT}/token'));
      // the fix's `rm` names the path, which the later step can remove without the variable
      expect(persistedCredentialFindings(task([fetch('export OUT=$(workspaces.source.path)/cfg\nprintf %s "$GIT_PASSWORD" > ${OUT}/token'), make]))
        .map((f) => f.fix)).toEqual([FILE_FIX('$(workspaces.source.path)/cfg/token')]);
      // not: a variable holding a path elsewhere, or one that is no path
      expect(leaves('OUT=/tmp/cfg\nprintf %s "$T" > $OUT/token')).toEqual([]);
      expect(leaves('OUT=cfg\nprintf %s "$T" > $OUT/token')).toEqual([]);
    });

    test('a Secret\'s file piped through a text tool into the file', () => {
      expect(leaves('cat /secret/config.json | jq . > ~/.docker/config.json')).toEqual(
        makeFinding(`the Secret 'reg'${AT_HOME}`, '/tekton/home/.docker/config.json', 'jq . > ~/.docker/config.json'));
    });

    test('a secret written into a file of the step\'s own, then copied or moved into a shared one; dd; the file git, podman, gh take from XDG variables', () => {
      expect(leaves('echo "//r/:_authToken=$T" > /tmp/npmrc\ncp /tmp/npmrc ~/.npmrc')).toEqual(
        makeFinding(`/tmp/npmrc (${T}, written there)${AT_HOME}`, '/tekton/home/.npmrc', 'cp /tmp/npmrc ~/.npmrc'));
      expect(leaves('cd /tmp\necho "$T" > token\nmv token ~/.token')).toEqual(
        makeFinding(`token (${T}, written there)${AT_HOME}`, '/tekton/home/.token', 'mv token ~/.token'));
      expect(leaves('echo "$T" | dd of=/workspace/source/.token status=none')).toEqual(makeFinding(T, '/workspace/source/.token', 'dd of=/workspace/source/.token status=none'));
      // git's store helper writes $XDG_CONFIG_HOME/git/credentials where that file exists (HOME elsewhere)
      const xdg = (name: string, value: string) => [{ name: 'HOME', value: '/root' }, { name, value }, fromSecret('T')];
      expect(leaves('git config --global credential.helper store', xdg('XDG_CONFIG_HOME', '/tekton/home/.config'))).toEqual(makeFinding(
        "the credentials git's store helper saves there on each authenticated fetch or push", '/tekton/home/.config/git/credentials', 'git config --global credential.helper store'));
      // podman's, buildah's and skopeo's default: XDG_RUNTIME_DIR's containers/auth.json, else /run/containers/<uid>/auth.json
      expect(leaves('buildah login -u bot -p "$T" quay.io', xdg('XDG_RUNTIME_DIR', '/tekton/home/run'))).toEqual(makeFinding(
        'the registry credentials `buildah login` stores', '/tekton/home/run/containers/auth.json', 'buildah login -u bot -p "$T" quay.io'));
      const run = task([fetch('skopeo login -u bot -p "$T" quay.io', [fromSecret('T')], { volumeMounts: [{ name: 'run', mountPath: '/run' }] }),
        { ...make, volumeMounts: [{ name: 'run', mountPath: '/run' }] }], { volumes: [{ name: 'run', emptyDir: {} }] });
      expect(found(run)).toEqual(makeFinding('the registry credentials `skopeo login` stores', '/run/containers/<uid>/auth.json', 'skopeo login -u bot -p "$T" quay.io'));
      // another user's home: root's /root, another's /home/<user>, where a volume lies there
      const root = task([fetch('echo "$T" > ~root/.npmrc', [fromSecret('T')], { volumeMounts: [{ name: 'h', mountPath: '/root' }] }),
        { ...make, volumeMounts: [{ name: 'h', mountPath: '/root' }] }], { volumes: [{ name: 'h', emptyDir: {} }] });
      expect(found(root)).toEqual(makeFinding(T, '~root/.npmrc', 'echo "$T" > ~root/.npmrc'));
      const user = { ...root, spec: { ...root.spec, steps: root.spec.steps.map((s: any) => ({ ...s, volumeMounts: [{ name: 'h', mountPath: '/home/bot' }] })) } };
      user.spec.steps[0].script = user.spec.steps[0].script.replace('~root', '~bot');
      expect(found(user)).toEqual(makeFinding(T, '~bot/.npmrc', 'echo "$T" > ~bot/.npmrc'));
    });

    test('compliant: no secret in the value, a global or site file, a file of the step\'s own, a sed script that is no file', () => {
      for (const script of [
        'npm config set registry https://registry.example/',
        'npm config set --location=global //r/:_authToken "$T"',
        'pip config set --global global.index-url "https://u:$T@pypi.example/simple"',
        'kubectl config set-credentials bot --client-certificate=/secret/tls.crt',
        'git config --global user.name bot',
        'git config --system http.extraHeader "Authorization: Bearer $T"',
        'echo "$T" > /tmp/token\ncp /tmp/other ~/.token',
        'echo "$T" > /dev/null\ncp /dev/null ~/.token',
        'sed "s/x/y/" ~/.npmrc > /tmp/out',
        'curl -H "Authorization: Bearer $T" https://api.example/x > ~/.out.json',
        'envsubst \'$OTHER\' < npmrc.tpl > ~/.npmrc',
        'helm repo add bitnami https://charts.bitnami.com/bitnami',
        'aws configure set region eu-west-1',
        'poetry config virtualenvs.create false',
        'docker run quay.io/o/tool crane auth login',
      ]) {
        expect([script, leaves(script)]).toEqual([script, []]);
      }
      // podman's default file without XDG_RUNTIME_DIR: /run/containers/<uid>, the container's own
      expect(leaves('podman login -u bot -p "$T" quay.io')).toEqual([]);
    });
  });
});
