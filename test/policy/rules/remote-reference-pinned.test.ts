import { describeRule, loopInPipeline, pipelineLoop } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { ruleContext } from '../../../src/policy/engine/context';
import { REMOTE_REFERENCE_PINNED } from '../../../src/policy/rules/remote-reference-pinned';
import { remoteReferencesOf, sourceOf } from '../../../src/private/remote-refs';

const DIGEST = 'a'.repeat(64);
const COMMIT = '0123456789abcdef0123456789abcdef01234567';

/** A `taskRef` (or `pipelineRef`, step `ref`) with a resolver and its params. */
const ref = (resolver: string, params: Record<string, unknown>) => ({
  resolver,
  params: Object.entries(params).map(([name, value]) => ({ name, value })),
});
/** A Pipeline `p` whose task `build` refers to its Task with `taskRef`. */
const pipeline = (taskRef: any) => ({ apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'p', namespace: 'ci' }, spec: { tasks: [{ name: 'build', taskRef }] } });

const GIT_FIX = 'Give the full commit SHA (40 hex) as revision: git rev-parse <branch or tag> prints it.';
const BUNDLE_FIX = 'Pin the bundle by digest: <registry>/<repository>@sha256:<64 hex> (crane digest <bundle> prints it).';
const UNPINNABLE_FIX = 'Publish it as an OCI bundle and refer to it by digest (resolver bundles), or at a commit in git (resolver git, revision: <40 hex>).';

/** The finding on pipeline task `build`. */
const onBuild = (property: string, value: string | undefined, problem: string, fix: string) => ({
  rule: RuleId.REMOTE_REFERENCE_PINNED,
  kind: 'Pipeline',
  name: 'p',
  location: "task 'build'",
  target: 'task/build',
  property,
  ...(value !== undefined ? { value } : {}),
  problem,
  fix,
});

describe('REMOTE_REFERENCE_PINNED', () => {
  describeRule(REMOTE_REFERENCE_PINNED, RuleId.REMOTE_REFERENCE_PINNED, Severity.HIGH, true);

  test('applies to Tasks, TaskRuns, Pipelines and PipelineRuns', () => {
    for (const kind of ['Task', 'TaskRun', 'Pipeline', 'PipelineRun']) expect(REMOTE_REFERENCE_PINNED.appliesTo({ kind })).toBe(true);
    expect(REMOTE_REFERENCE_PINNED.appliesTo({ kind: 'VerificationPolicy' })).toBe(false);
    expect(REMOTE_REFERENCE_PINNED.appliesTo({ kind: 'StepAction' })).toBe(false);
  });

  test.each([
    ['a local reference', { name: 'build' }],
    ['a bundle pinned by digest', ref('bundles', { bundle: `gcr.io/tekton-releases/catalog/upstream/git-clone@sha256:${DIGEST}`, name: 'git-clone', kind: 'task' })],
    ['a bundle with a tag and a digest', ref('bundles', { bundle: `gcr.io/x/y:0.9@sha256:${DIGEST}`, name: 'y', kind: 'task' })],
    ['a git commit', ref('git', { url: 'https://github.com/x/y.git', revision: COMMIT, pathInRepo: 'task/y.yaml' })],
    ['a git commit in upper case', ref('git', { url: 'https://github.com/x/y.git', revision: COMMIT.toUpperCase(), pathInRepo: 'y.yaml' })],
    ['a hub version <major>.<minor>', ref('hub', { name: 'git-clone', version: '0.9' })],
    ['a hub version <major>.<minor>.<patch>', ref('hub', { catalog: 'tekton-catalog-tasks', type: 'artifact', kind: 'task', name: 'git-clone', version: '0.9.1' })],
    ['a v1beta1 bundle pinned by digest', { name: 'y', bundle: `gcr.io/x/y@sha256:${DIGEST}` }],
    // goversion.NewConstraint (hashicorp/go-version v1.9, Tekton v1.15's) reads `^\s*(<op>)\s*(v?<version>)\s*$`: an equality picks the release
    ...['v0.9.0', '=0.9.0', '= 0.9', 'v0.9', ' 0.9.0 ', '=v0.9', ' = v0.9.1', '\t0.9\n'].map((version): [string, any] => [`a hub version ${JSON.stringify(version)}, one release as the resolver reads it`,
      ref('hub', { name: 'git-clone', version })]),
    ['a Tekton Hub version "=v0.9.0" (patch 0, as the hub lists it)', ref('hub', { type: 'tekton', name: 'git-clone', version: '=v0.9.0', url: 'https://hub.example.com' })],
  ])('compliant: %s', (_, taskRef) => {
    expect(REMOTE_REFERENCE_PINNED.check(pipeline(taskRef))).toEqual([]);
  });

  test('non-compliant: 64 hex digits, a commit only of a SHA-256 repository (in a SHA-1 one git fetches it as a branch or tag name)', () => {
    const revision = 'b'.repeat(64);
    expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('git', { url: 'https://github.com/x/y.git', revision, pathInRepo: 'y.yaml' })))).toEqual([
      onBuild('taskRef.params.revision', revision,
        'is 64 hex digits: a commit only in a SHA-256 repository; in a SHA-1 repository (every one GitHub and GitLab serve) git fetches it as a branch or tag name, which can be moved to other content',
        'Give the 40-hex commit SHA (git rev-parse <branch or tag> prints it), or relax REMOTE_REFERENCE_PINNED with the reason that the repository uses SHA-256 object names.'),
    ]);
  });

  test('non-compliant: a bundle by tag, or without bundle', () => {
    expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('bundles', { bundle: 'gcr.io/x/y:1.0', name: 'y', kind: 'task' })))).toEqual([
      onBuild('taskRef.params.bundle', 'gcr.io/x/y:1.0', 'is not pinned by digest: the tag can be moved to other content', BUNDLE_FIX),
    ]);
    expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('bundles', { name: 'y', kind: 'task' })))).toEqual([
      onBuild('taskRef.params.bundle', undefined, 'is missing', BUNDLE_FIX),
    ]);
  });

  // go-containerregistry v0.21's name.NewDigest (the bundles resolver's name.ParseReference) reads only `sha256:` digests, though the OCI image spec allows sha512
  test('non-compliant: a bundle pinned by a sha512 or sha384 digest, which the bundles resolver cannot parse: every run fails (not a tag)', () => {
    const problem = (algorithm: string) => `has a ${algorithm} digest: the bundles resolver cannot parse the reference (go-containerregistry's name.NewDigest reads sha256 `
      + 'digests only: "unsupported digest algorithm"), so every run fails';
    const sha512 = `gcr.io/x/y@sha512:${'a'.repeat(128)}`;
    expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('bundles', { bundle: sha512, name: 'y', kind: 'task' })))).toEqual([
      onBuild('taskRef.params.bundle', sha512, problem('sha512'), 'Pin the bundle by its sha256 digest: bundle: "gcr.io/x/y@sha256:<64 hex>" (crane digest gcr.io/x/y prints it).'),
    ]);
    const sha384 = `gcr.io/x/y:1.0@sha384:${'b'.repeat(96)}`;
    expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('bundles', { bundle: sha384, name: 'y', kind: 'task' })))).toEqual([
      onBuild('taskRef.params.bundle', sha384, problem('sha384'), 'Pin the bundle by its sha256 digest: bundle: "gcr.io/x/y:1.0@sha256:<64 hex>" (crane digest gcr.io/x/y:1.0 prints it).'),
    ]);
    // the sha256 neighbour is pinned
    expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('bundles', { bundle: `gcr.io/x/y@sha256:${DIGEST}`, name: 'y', kind: 'task' })))).toEqual([]);
  });

  test('non-compliant: a bundle digest in upper-case hex, which go-containerregistry refuses: the resolver fails every run (not a tag)', () => {
    const problem = 'has its digest in upper-case hex, which image references do not allow (a sha256 digest is 64 lower-case hex digits): the bundles resolver '
      + 'cannot parse the reference, so every run fails';
    for (const [base, hex] of [['gcr.io/x/y', 'AB'.repeat(32)], ['gcr.io/x/y:0.9', `${'a'.repeat(63)}F`]]) {
      const bundle = `${base}@sha256:${hex}`;
      const fix = `Write the digest in lower case: bundle: "${base}@sha256:${hex.toLowerCase()}".`;
      expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('bundles', { bundle, name: 'y', kind: 'task' })))).toEqual([onBuild('taskRef.params.bundle', bundle, problem, fix)]);
      // the v1beta1 field
      expect(REMOTE_REFERENCE_PINNED.check(pipeline({ name: 'y', bundle }))).toEqual([onBuild('taskRef.bundle', bundle, problem, fix)]);
      // the fix, applied as written
      expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('bundles', { bundle: `${base}@sha256:${hex.toLowerCase()}`, name: 'y', kind: 'task' })))).toEqual([]);
    }
    // a reference that stays unparsable in lower case: its digest is still upper-case, not a tag
    expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('bundles', { bundle: `GCR.io/X/y@sha256:${'A'.repeat(64)}`, name: 'y', kind: 'task' })))).toEqual([
      onBuild('taskRef.params.bundle', `GCR.io/X/y@sha256:${'A'.repeat(64)}`, problem, 'Write the digest in lower case, in a reference go-containerregistry parses '
        + `(<registry>/<repository>@sha256:<64 hex>, the repository in lower case): "GCR.io/X/y@sha256:${'a'.repeat(64)}" does not parse either.`),
    ]);
    // a tag keeps the finding of a reference not pinned by digest
    expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('bundles', { bundle: 'GCR.io/X/y:v1', name: 'y', kind: 'task' })))).toEqual([
      onBuild('taskRef.params.bundle', 'GCR.io/X/y:v1', 'is not pinned by digest: the tag can be moved to other content', BUNDLE_FIX),
    ]);
  });

  test('non-compliant: a bundle digest after a template that is pasted into the YAML before it is read (Helm, Pipelines-as-Code but for its fixed placeholders)', () => {
    const problem = (template: string) => `holds ${template}, which is pasted into the YAML before it is read: its text can end the value there, so the pin after it may not be part of it`;
    const fix = 'Pin the bundle by digest: <registry>/<repository>@sha256:<64 hex> (crane digest <bundle> prints it), with no template in it.';
    for (const [bundle, template] of [
      [`{{ body.bundle }}@sha256:${DIGEST}`, '{{ body.bundle }}'],
      [`gcr.io/x/{{source_branch}}@sha256:${DIGEST}`, '{{source_branch}}'],
      [`{{ .Values.registry }}/x/y@sha256:${DIGEST}`, '{{ .Values.registry }}'],
    ]) {
      expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('bundles', { bundle, name: 'y', kind: 'task' })))).toEqual([
        onBuild('taskRef.params.bundle', bundle, problem(template), fix),
      ]);
    }
    // the placeholders the repository or the event's commit fixes stay as written
    expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('bundles', { bundle: `gcr.io/x/{{ repo_name }}:{{revision}}@sha256:${DIGEST}`, name: 'y', kind: 'task' })))).toEqual([]);
  });

  test.each(['main', 'v1.2.3', COMMIT.slice(0, 12), `${COMMIT}0`, `refs/heads/${COMMIT}`])('non-compliant: git revision %j', (revision) => {
    expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('git', { url: 'https://github.com/x/y.git', revision, pathInRepo: 'y.yaml' })))).toEqual([
      onBuild('taskRef.params.revision', revision, 'is not a full commit SHA: a branch or tag can be moved to other content', GIT_FIX),
    ]);
  });

  test('compliant: a git revision that is Pipelines-as-Code\'s {{ revision }} alone, which it fills with the full SHA of the event\'s commit', () => {
    for (const revision of ['{{revision}}', '{{ revision }}', '{{\trevision }}']) {
      expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('git', { url: '{{source_url}}', revision, pathInRepo: '.tekton/pipelines/e2e.yaml' })))).toEqual([]);
    }
  });

  test('non-compliant: Pipelines-as-Code\'s {{ revision }} (the commit of the event\'s repository) fetched from another repository, or the resolver\'s default-url', () => {
    const problem = (named: string) => `is Pipelines-as-Code's {{ revision }}, the commit of the event's repository, but ${named} another repository: `
      + "the file is read at the event's commit in that repository, which holds it only when the two share history (a fork, a mirror) "
      + 'or someone pushed it there, so whoever makes the event chooses it: not a commit of that repository anyone pinned';
    const fix = 'Give the full commit SHA (40 hex) of the repository the Task is fetched from as revision (git rev-parse <branch or tag> prints it), '
      + 'or fetch it from the event\'s repository at the event\'s commit: url: "{{ repo_url }}" with revision: "{{ revision }}".';
    const at = (params: Record<string, unknown>) => REMOTE_REFERENCE_PINNED.check(pipeline(ref('git', { revision: '{{ revision }}', pathInRepo: 'tasks/build.yaml', ...params })));
    // a literal url: not known to be the event's repository (nothing written names it)
    const literal = (url: string) => `url "${url}" is not known here to be the event's repository (nothing written names the repository a run is for) and may name`;
    const literalFix = (url: string, f = fix) => f.replace(/\.$/, ` (where ${url} is the event's repository, "{{ repo_url }}" says so).`);
    expect(at({ url: 'https://github.com/org/shared-tasks.git' })).toEqual([
      onBuild('taskRef.params.revision', '{{ revision }}', problem(literal('https://github.com/org/shared-tasks.git')), literalFix('https://github.com/org/shared-tasks.git')),
    ]);
    // a url with a placeholder in it is not the event's repository alone
    expect(at({ url: '{{ repo_url }}-tasks' })).toEqual([onBuild('taskRef.params.revision', '{{ revision }}', problem('url "{{ repo_url }}-tasks" names'), fix)]);
    // a url a run gives (a Pipeline's param): which repository is not known here
    expect(at({ url: '$(params.git-url)' })).toEqual([
      onBuild('taskRef.params.revision', '{{ revision }}', problem('url "$(params.git-url)" is substituted at run time and may name'), fix),
    ]);
    expect(at({ org: 'org', repo: 'shared-tasks' })).toEqual([
      onBuild('taskRef.params.revision', '{{ revision }}', problem('org and repo ("org", "shared-tasks") name'), fix),
    ]);
    expect(at({})).toEqual([
      onBuild('taskRef.params.revision', '{{ revision }}', problem('no url nor repo is given, so the git resolver clones its configured default-url,'), fix),
    ]);
    // the event's repository: a clone of {{ repo_url }} or {{ source_url }} (the head repository, which holds the commit), or
    // the SCM API's {{ repo_owner }}/{{ repo_name }} with no url
    expect(at({ url: '{{ repo_url }}' })).toEqual([]);
    expect(at({ url: '{{source_url}}' })).toEqual([]);
    expect(at({ url: '', org: '{{ repo_owner }}', repo: '{{ repo_name }}' })).toEqual([]);
    // a PipelineRun's own pipelineSpec: the url is the value the run gives, {{ repo_url }} the event's repository
    const run = (given: string) => ({
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: { name: 'r', namespace: 'ci' },
      spec: {
        params: [{ name: 'git-url', value: given }],
        pipelineSpec: {
          params: [{ name: 'git-url', type: 'string' }],
          tasks: [{ name: 'build', taskRef: ref('git', { url: '$(params.git-url)', revision: '{{ revision }}', pathInRepo: 'tasks/build.yaml' }) }],
        },
      },
    });
    expect(REMOTE_REFERENCE_PINNED.check(run('{{ repo_url }}'))).toEqual([]);
    expect(REMOTE_REFERENCE_PINNED.check(run('https://github.com/org/shared-tasks')).map((f) => [f.property, f.value])).toEqual([['taskRef.params.revision', '{{ revision }}']]);
    // a PipelineRun's pipelineRef: the fix names the Pipeline fetched
    const fetchesPipeline = {
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: { name: 'ci-run', namespace: 'ci' },
      spec: { pipelineRef: ref('git', { url: 'https://github.com/org/shared-pipelines', revision: '{{ revision }}', pathInRepo: 'pipelines/build.yaml' }) },
    };
    expect(REMOTE_REFERENCE_PINNED.check(fetchesPipeline).map((f) => [f.property, f.fix])).toEqual([['spec.pipelineRef.params.revision',
      literalFix('https://github.com/org/shared-pipelines', fix.replace('the Task', 'the Pipeline'))]]);
    // the event's owner and repository names on another server are another repository
    expect(at({ org: '{{ repo_owner }}', repo: '{{ repo_name }}', serverURL: 'https://gitlab.example.com' })).toEqual([onBuild('taskRef.params.revision', '{{ revision }}',
      problem('org and repo ("{{ repo_owner }}", "{{ repo_name }}") on serverURL "https://gitlab.example.com" name'), fix)]);
    // a url given wins over org and repo: the resolver clones it
    expect(at({ url: 'https://github.com/org/shared-tasks.git', org: '{{ repo_owner }}', repo: '{{ repo_name }}' })).toEqual([
      onBuild('taskRef.params.revision', '{{ revision }}', problem(literal('https://github.com/org/shared-tasks.git')), literalFix('https://github.com/org/shared-tasks.git')),
    ]);
    // the repository's annotations Pipelines-as-Code writes on the runs it creates (over the template's), and a Repository of that url
    // among the files, do not say the template is that repository's: the literal url is still not known to be the event's
    const app = 'https://github.com/org/app';
    const annotated = {
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: {
        name: 'on-push',
        namespace: 'ci',
        annotations: { 'pipelinesascode.tekton.dev/url-org': 'org', 'pipelinesascode.tekton.dev/url-repository': 'app', 'pipelinesascode.tekton.dev/repository': 'app' },
      },
      spec: { pipelineRef: ref('git', { url: app, revision: '{{ revision }}', pathInRepo: '.tekton/build.yaml' }) },
    };
    const repository = { apiVersion: 'pipelinesascode.tekton.dev/v1alpha1', kind: 'Repository', metadata: { name: 'app', namespace: 'ci' }, spec: { url: app } };
    expect(REMOTE_REFERENCE_PINNED.check(annotated, ruleContext([annotated, repository])).map((f) => [f.property, f.problem])).toEqual([
      ['spec.pipelineRef.params.revision', problem(literal(app))],
    ]);
  });

  test('a PipelineRun\'s own pipelineSpec: $(params.<p>) in a taskRef is the value the run gives <p>, else the spec\'s default', () => {
    /** A PipelineRun `r` whose pipelineSpec declares `declared` and whose task `build` fetches its Task from git at `revision`. */
    const run = (revision: string, given: Array<{ name: string; value: unknown }>, declared: any[] = [{ name: 'revision', type: 'string' }]) => ({
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: { name: 'r', namespace: 'ci' },
      spec: {
        params: given,
        pipelineSpec: { params: declared, tasks: [{ name: 'build', taskRef: ref('git', { url: '{{source_url}}', revision, pathInRepo: 'tasks/build.yaml' }) }] },
      },
    });
    const check = (r: any) => REMOTE_REFERENCE_PINNED.check(r).map((f) => [f.property, f.value, f.problem]);
    // Pipelines-as-Code fills {{revision}} with the full SHA before Tekton substitutes it; a commit the run or the spec gives
    expect(check(run('$(params.revision)', [{ name: 'revision', value: '{{revision}}' }]))).toEqual([]);
    expect(check(run('$(params.revision)', [{ name: 'revision', value: COMMIT }]))).toEqual([]);
    expect(check(run('$(params.revision)', [], [{ name: 'revision', default: COMMIT }]))).toEqual([]);
    // the run's value is judged, and named as what the run gives
    const given = ' (the value the PipelineRun gives $(params.revision), which Tekton substitutes here)';
    expect(check(run('$(params.revision)', [{ name: 'revision', value: 'main' }], [{ name: 'revision', default: COMMIT }]))).toEqual([
      ['taskRef.params.revision', 'main', `is not a full commit SHA: a branch or tag can be moved to other content${given}`],
    ]);
    expect(check(run('$(params.revision)', [{ name: 'revision', value: '$(context.pipelineRun.name)' }]))).toEqual([
      ['taskRef.params.revision', '$(context.pipelineRun.name)', `is substituted at run time, so the content is not known before the run${given}`],
    ]);
    // no string the run or the spec gives, or text around the substitution: substituted as before
    const substituted = 'is substituted at run time, so the content is not known before the run';
    expect(check(run('$(params.revision)', []))).toEqual([['taskRef.params.revision', '$(params.revision)', substituted]]);
    expect(check(run('$(params.revision)', [{ name: 'revision', value: ['a'] }], [{ name: 'revision', default: COMMIT }]))).toEqual([
      ['taskRef.params.revision', '$(params.revision)', substituted],
    ]);
    expect(check(run('$(params.revision) ', [{ name: 'revision', value: COMMIT }]))).toEqual([['taskRef.params.revision', '$(params.revision) ', substituted]]);
    // a Pipeline's params come from the runs that name it: not read
    expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('git', { url: 'https://github.com/x/y.git', revision: '$(params.revision)', pathInRepo: 'y.yaml' })))).toEqual([
      onBuild('taskRef.params.revision', '$(params.revision)', substituted, GIT_FIX),
    ]);
  });

  test.each(['{{ revision }}-x', 'v{{revision}}', ' {{revision}}', '{{revision}}{{revision}}', '{{ source_branch }}', '{{ target_branch }}', '{{ revisions }}'])(
    'non-compliant: git revision %j, not Pipelines-as-Code\'s {{ revision }} alone', (revision) => {
      expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('git', { url: 'https://github.com/x/y.git', revision, pathInRepo: 'y.yaml' })))).toEqual([
        onBuild('taskRef.params.revision', revision, 'is not a full commit SHA: a branch or tag can be moved to other content', GIT_FIX),
      ]);
    });

  test.each(['{{ repo_url }}', '{{source_url}}'])('non-compliant: a git revision of another placeholder in the event\'s repository (url %j), fixed with {{ revision }}', (url) => {
    const fix = `Give revision: "{{ revision }}" alone, which Pipelines-as-Code fills with the full SHA of the event's commit in the repository ${url} names, `
      + 'or a full commit SHA (40 hex): git rev-parse <branch or tag> prints it.';
    const at = (revision: string) => pipeline(ref('git', { url, revision, pathInRepo: '.tekton/tasks/build.yaml' }));
    expect(REMOTE_REFERENCE_PINNED.check(at('{{ source_branch }}'))).toEqual([
      onBuild('taskRef.params.revision', '{{ source_branch }}', 'is not a full commit SHA: a branch or tag can be moved to other content', fix),
    ]);
    // the fix, applied as written
    expect(REMOTE_REFERENCE_PINNED.check(at('{{ revision }}'))).toEqual([]);
  });

  test('non-compliant: no git revision (the resolver\'s configured default, a branch), a substituted or non-string one', () => {
    expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('git', { url: 'https://github.com/x/y.git', pathInRepo: 'y.yaml' })))).toEqual([
      onBuild('taskRef.params.revision', undefined, "is missing: the git resolver then checks out the cluster's default revision, a branch", GIT_FIX),
    ]);
    expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('git', { url: 'https://github.com/x/y.git', revision: '$(params.revision)', pathInRepo: 'y.yaml' })))).toEqual([
      onBuild('taskRef.params.revision', '$(params.revision)', 'is substituted at run time, so the content is not known before the run', GIT_FIX),
    ]);
    expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('git', { url: 'https://github.com/x/y.git', revision: [COMMIT], pathInRepo: 'y.yaml' })))).toEqual([
      onBuild('taskRef.params.revision', `["${COMMIT}"]`, 'is not a string', GIT_FIX),
    ]);
  });

  // a range or constraint go-version reads (constraint.go: <=, >=, !=, ~>, <, >, =, a list separated by `,`)
  test.each(['>=0.9', '~> 0.9', '0.9, <1.0', '!=0.9'])('non-compliant: hub version range %j', (version) => {
    expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('hub', { name: 'git-clone', version })))).toEqual([
      onBuild('taskRef.params.version', version, 'is not an exact version: a range or constraint picks the newest match at run time', 'Give the exact version, e.g. version: "0.9" or "0.9.1".'),
    ]);
  });

  test('non-compliant: a hub reference without a version, which the hub resolver refuses (it has no default, not the newest release)', () => {
    expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('hub', { name: 'git-clone' })))).toEqual([
      onBuild('taskRef.params.version', undefined, 'is missing: the hub resolver refuses a reference without a version ("missing required hub resolver params: version"; '
        + 'it has no default, not even the newest release), so every run fails', 'Give the exact version, e.g. version: "0.9" or "0.9.1".'),
    ]);
    expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('hub', { type: 'tekton', name: 'git-clone', url: 'https://hub.example.com' })))).toEqual([
      onBuild('taskRef.params.version', undefined, 'is missing: the hub resolver refuses a reference without a version ("missing required hub resolver params: version"; '
        + 'it has no default, not even the newest release), so every run fails', 'Give the exact version, e.g. version: "0.9" (a Tekton Hub lists <major>.<minor>).'),
    ]);
  });

  // `~`, `^`, `*`, `x`, `==`, `V`, a `v` after spaces, `\v` (not Go's \s) and a trailing `,` are no constraint go-version reads: the
  // resolver sends the text to the hub as the version name
  test.each(['~0.9', 'latest', '^0.9', '*', '0.9.x', '==0.9', 'V0.9', 'v 0.9', '= =0.9', '\v0.9', '0.9,'])('non-compliant: hub version %j go-version refuses', (version) => {
    expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('hub', { name: 'git-clone', version })))).toEqual([
      onBuild('taskRef.params.version', version, 'is not a version nor a constraint the hub resolver can read (go-version refuses it): the resolver sends the text to the hub '
        + 'as the version, so the hub decides which release that name means, if any (one that lists no version by that name refuses it, and every run fails)',
      'Give the exact version, e.g. version: "0.9" or "0.9.1".'),
    ]);
  });

  // a pre-release is one version, but the resolver skips the versions Artifact Hub marks pre-releases, and a Tekton Hub lists <major>.<minor>
  test.each(['0.9.1-rc1', '=v0.9.1-rc1', '0.9rc1'])('non-compliant: hub pre-release version %j', (version) => {
    expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('hub', { name: 'git-clone', version })))).toEqual([
      onBuild('taskRef.params.version', version, 'is a pre-release version: the hub resolver skips the pre-releases an Artifact Hub lists and a Tekton Hub lists <major>.<minor>, '
        + 'so it finds no listed version equal to it and every run would fail', 'Give the exact version, e.g. version: "0.9" or "0.9.1".'),
    ]);
  });

  // go-version pads the shorter version with zeros when it compares: `0` equals the release 0.0, `0.9.0.0` the release 0.9
  test.each([['0', 'tekton', '0.0'], ['0.9.0.0', 'tekton', '0.9'], ['0', 'artifact', '0.0.0'], ['v0.9.0.0', 'artifact', '0.9.0']])('compliant: hub version %j on a %s hub names the release %s', (version, type, listed) => {
    const reference = ref('hub', { type, name: 'git-clone', version, url: 'https://hub.example.com' });
    expect(REMOTE_REFERENCE_PINNED.check(pipeline(reference))).toEqual([]);
    expect(sourceOf(remoteReferencesOf(pipeline(reference))[0])).toBe(type === 'tekton'
      ? `https://hub.example.com/v1/resource/Tekton/task/git-clone/${listed}/yaml` : `https://hub.example.com/api/v1/packages/tekton-task/tekton-catalog-tasks/git-clone/${listed}`);
  });

  test('non-compliant: a hub version with a number other than 0 after the patch, which no hub lists', () => {
    expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('hub', { name: 'git-clone', version: '0.9.0.1' })))).toEqual([
      onBuild('taskRef.params.version', '0.9.0.1', 'has a number other than 0 after the patch (0.9.0.1), which no hub version has (a Tekton Hub lists <major>.<minor>, '
        + 'an Artifact Hub <major>.<minor>.<patch>): the hub resolver finds no listed version equal to it, so every run would fail', 'Give the exact version, e.g. version: "0.9" or "0.9.1".'),
    ]);
  });

  test('non-compliant: a hub version with build metadata, which go-version ignores when it compares: any build of the release is fetched', () => {
    for (const [version, release] of [['0.9.0+b1', '0.9.0'], ['= v0.9+build.7', '0.9']]) {
      expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('hub', { name: 'git-clone', version })))).toEqual([
        onBuild('taskRef.params.version', version, `has build metadata (${version.slice(version.indexOf('+'))}), which the hub resolver ignores when it compares versions: it fetches a `
          + `${release} release of any build (the last its hub lists), not that one`, `Give the version without it: version: "${release}".`),
      ]);
    }
    // the fix, applied as written
    expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('hub', { name: 'git-clone', version: '0.9.0' })))).toEqual([]);
  });

  test('non-compliant: a Tekton Hub version range; the fix gives <major>.<minor>, all a Tekton Hub lists', () => {
    expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('hub', { type: 'tekton', name: 'git-clone', version: '~>0.9', url: 'https://hub.example.com' })))).toEqual([
      onBuild('taskRef.params.version', '~>0.9', 'is not an exact version: a range or constraint picks the newest match at run time', 'Give the exact version, e.g. version: "0.9" (a Tekton Hub lists <major>.<minor>).'),
    ]);
  });

  test('non-compliant: a Tekton Hub version with a patch other than 0, which no Tekton Hub lists (judged as RemoteTask.fromHub judges it)', () => {
    expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('hub', { type: 'tekton', name: 'git-clone', version: '0.9.1', url: 'https://hub.example.com' })))).toEqual([
      onBuild('taskRef.params.version', '0.9.1', 'has patch 1, which no Tekton Hub version has (a Tekton Hub lists <major>.<minor>): the hub resolver finds no listed version '
        + 'equal to it, so every run would fail', 'Give the version as the Tekton Hub lists it: version: "0.9".'),
    ]);
    // the patch as the resolver reads it, after an `=` and a `v`, and before build metadata
    for (const version of ['v0.9.1', ' = 0.9.01', '0.9.1+b1']) {
      expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('hub', { type: 'tekton', name: 'git-clone', version, url: 'https://hub.example.com' })))).toEqual([
        onBuild('taskRef.params.version', version, 'has patch 1, which no Tekton Hub version has (a Tekton Hub lists <major>.<minor>): the hub resolver finds no listed version '
          + 'equal to it, so every run would fail', 'Give the version as the Tekton Hub lists it: version: "0.9".'),
      ]);
    }
    // a patch of 0 equals <major>.<minor>; Artifact Hub (the resolver's default type) lists patches
    expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('hub', { type: 'tekton', name: 'git-clone', version: '0.9.0', url: 'https://hub.example.com' })))).toEqual([]);
    expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('hub', { name: 'git-clone', version: '0.9.1' })))).toEqual([]);
  });

  test('non-compliant: a substituted hub url or catalog lets whoever runs it choose who serves what the version names', () => {
    const HUB_FIX = 'Write the value into the reference (leave url out for the hub the cluster configures).';
    expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('hub', { name: 'git-clone', version: '0.9', url: '$(params.hub)' })))).toEqual([
      onBuild('taskRef.params.url', '$(params.hub)',
        'is substituted at run time: whoever runs it chooses the hub it is fetched from (the param overrides the hub the cluster configures), which serves anything under any version', HUB_FIX),
    ]);
    expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('hub', { name: 'git-clone', version: '0.9', catalog: '$(params.catalog)' })))).toEqual([
      onBuild('taskRef.params.catalog', '$(params.catalog)',
        'is substituted at run time: whoever runs it chooses the catalog it is fetched from (an Artifact Hub repository, which anyone can publish), whose publisher decides what each version holds', HUB_FIX),
    ]);
    // with an unpinned version, both
    expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('hub', { name: 'git-clone', version: '~0.9', url: '$(params.hub)' }))).map((f) => f.property))
      .toEqual(['taskRef.params.url', 'taskRef.params.version']);
    // a literal url is the author's hub
    expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('hub', { name: 'git-clone', version: '0.9', url: 'https://hub.example.com' })))).toEqual([]);
  });

  test('non-compliant: a substituted param that chooses which resource of the pinned content runs', () => {
    const FIX = 'Write the value into the reference (one Task per reference; a Pipeline that runs one of several gives each its own pipeline task, with a when expression).';
    const chooses = (what: string) => `is substituted at run time: whoever runs it chooses ${what}`;
    expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('git', { url: 'https://github.com/x/y.git', revision: COMMIT, pathInRepo: '$(params.task)' })))).toEqual([
      onBuild('taskRef.params.pathInRepo', '$(params.task)', chooses('which file of the repository at that commit runs'), FIX),
    ]);
    expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('bundles', { bundle: `gcr.io/x/y@sha256:${DIGEST}`, name: '$(params.task)', kind: '$(params.kind)' })))).toEqual([
      onBuild('taskRef.params.name', '$(params.task)', chooses('which entry of the bundle runs'), FIX),
      onBuild('taskRef.params.kind', '$(params.kind)', chooses('which kind of entry of the bundle runs'), FIX),
    ]);
    expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('hub', { name: '$(params.task)', kind: '$(params.kind)', type: '$(params.hub)', version: '0.9' })))).toEqual([
      onBuild('taskRef.params.name', '$(params.task)', chooses('which package of the catalog runs (an exact version names a release of every package)'), FIX),
      onBuild('taskRef.params.kind', '$(params.kind)', chooses('whether a task or a pipeline package runs'), FIX),
      onBuild('taskRef.params.type', '$(params.hub)', chooses('which of the hubs the cluster configures (artifact or tekton) serves it'), FIX),
    ]);
    // v1beta1: the bundle field's entry is the reference's own name
    expect(REMOTE_REFERENCE_PINNED.check({ ...pipeline({ name: '$(params.task)', bundle: `gcr.io/x/y@sha256:${DIGEST}` }), apiVersion: 'tekton.dev/v1beta1' })).toEqual([
      onBuild('taskRef.name', '$(params.task)', chooses('which entry of the bundle runs'), FIX),
    ]);
    // a step's StepAction reference names its kind in the fix
    const task = { apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: 't' }, spec: { steps: [{ name: 's', ref: ref('git', { url: 'https://github.com/x/y.git', revision: COMMIT, pathInRepo: '$(params.p)' }) }] } };
    expect(REMOTE_REFERENCE_PINNED.check(task).map((f) => [f.property, f.fix])).toEqual([
      ['ref.params.pathInRepo', 'Write the value into the reference (one StepAction per reference; a Pipeline that runs one of several gives each its own pipeline task, with a when expression).'],
    ]);
  });

  test('non-compliant: where the git resolver may fetch through the SCM API, a substituted serverURL, scmType or configKey chooses the server', () => {
    const SCM_FIX = 'Write the value into the reference, or leave it out for the cluster\'s git-resolver-config; or fetch by url (a clone checks the file against the commit).';
    const api = (params: Record<string, unknown>) => REMOTE_REFERENCE_PINNED.check(pipeline(ref('git', { org: 'example', repo: 'tasks', revision: COMMIT, pathInRepo: 'y.yaml', ...params })));
    expect(api({ serverURL: '$(params.server)' })).toEqual([
      onBuild('taskRef.params.serverURL', '$(params.server)',
        'is substituted at run time while the git resolver fetches through the SCM API (repo is given): whoever runs it chooses the SCM server it is fetched from, '
        + 'and the resolver takes the file the server returns without checking it against the commit', SCM_FIX),
    ]);
    expect(api({ scmType: '$(params.scm)' })).toEqual([
      onBuild('taskRef.params.scmType', '$(params.scm)',
        'is substituted at run time while the git resolver fetches through the SCM API (repo is given): whoever runs it chooses the SCM driver, and with it the server when no serverURL is set '
        + '(each driver\'s public host, e.g. gitlab.com), and the resolver takes the file the server returns without checking it against the commit', SCM_FIX),
    ]);
    expect(api({ configKey: '$(params.config)' })).toEqual([
      onBuild('taskRef.params.configKey', '$(params.config)',
        'is substituted at run time while the git resolver fetches through the SCM API (repo is given): whoever runs it chooses the git-resolver-config entry, and with it the SCM server, driver and token, '
        + 'and the resolver takes the file the server returns without checking it against the commit', SCM_FIX),
    ]);
    // written into the reference, or a substituted repository on the configured server: pinned as far as the server is trusted
    expect(api({ serverURL: 'https://git.example.com', scmType: 'gitea', configKey: 'internal', token: 'git-token' })).toEqual([]);
    expect(api({ org: '$(params.org)', repo: '$(params.repo)' })).toEqual([]);
    // a substituted url may be "" at run time, and then a repo selects the API
    expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('git', { url: '$(params.url)', repo: '$(params.repo)', serverURL: '$(params.server)', revision: COMMIT, pathInRepo: 'y.yaml' }))).map((f) => f.property))
      .toEqual(['taskRef.params.serverURL']);
    // a literal url clones (the commit checks the file): the server params are not read
    expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('git', { url: 'https://github.com/x/y.git', configKey: '$(params.config)', serverURL: '$(params.server)', revision: COMMIT, pathInRepo: 'y.yaml' })))).toEqual([]);
  });

  test('non-compliant: a param that chooses the content or its source and holds a template pasted into the YAML before it is read', () => {
    const pasted = (template: string) => `holds ${template}, which is pasted into the YAML before it is read`;
    expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('git', { url: 'https://github.com/x/y.git', revision: COMMIT, pathInRepo: '{{ body.task }}' })))).toEqual([
      onBuild('taskRef.params.pathInRepo', '{{ body.task }}', `${pasted('{{ body.task }}')}: whoever fills it in chooses which file of the repository at that commit runs`,
        'Write the value into the reference (one Task per reference; a Pipeline that runs one of several gives each its own pipeline task, with a when expression).'),
    ]);
    expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('hub', { name: 'git-clone', version: '0.9', url: '{{ .Values.hub }}' })))).toEqual([
      onBuild('taskRef.params.url', '{{ .Values.hub }}',
        `${pasted('{{ .Values.hub }}')}: whoever fills it in chooses the hub it is fetched from (the param overrides the hub the cluster configures), which serves anything under any version`,
        'Write the value into the reference (leave url out for the hub the cluster configures).'),
    ]);
    // a templated url may be "" once filled in, and then a repo selects the SCM API
    expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('git', { url: '{{ body.url }}', repo: 'tasks', serverURL: '{{ body.server }}', revision: COMMIT, pathInRepo: 'y.yaml' })))).toEqual([
      onBuild('taskRef.params.serverURL', '{{ body.server }}',
        `${pasted('{{ body.server }}')} while the git resolver fetches through the SCM API (repo is given): whoever fills it in chooses the SCM server it is fetched from, `
        + 'and the resolver takes the file the server returns without checking it against the commit',
        'Write the value into the reference, or leave it out for the cluster\'s git-resolver-config; or fetch by url (a clone checks the file against the commit).'),
    ]);
    // the placeholders the repository or the event's commit fixes stay as written: the repository's own file at the event's commit
    expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('git', { url: '{{ repo_url }}', revision: COMMIT, pathInRepo: '.tekton/{{ repo_name }}.yaml' })))).toEqual([]);
  });

  test('the http resolver pins the content by its digest param, which it checks what it fetched against', () => {
    const HTTP_FIX = 'Give the http resolver the digest of the content: digest: sha256:<64 hex> (sha256sum <file> prints it); or publish it as an OCI '
      + 'bundle and refer to it by digest (resolver bundles), or at a commit in git (resolver git, revision: <40 hex>).';
    const http = (params: Record<string, any>) => REMOTE_REFERENCE_PINNED.check(pipeline(ref('http', { url: 'https://example.com/task.yaml', ...params })));
    expect(http({ digest: `sha256:${'ab'.repeat(32)}` })).toEqual([]);
    expect(http({ digest: `sha256:${'AB'.repeat(32)}` })).toEqual([]);
    expect(http({ digest: `sha512:${'c'.repeat(128)}` })).toEqual([]);
    expect(http({})).toEqual([onBuild('taskRef.params.digest', undefined, 'is missing: the http resolver then runs whatever the URL serves at run time', HTTP_FIX)]);
    const NOT = 'is not sha256:<64 hex> or sha512:<128 hex>: the http resolver refuses it, and the run fails';
    expect(http({ digest: `sha256:${'c'.repeat(63)}` })).toEqual([onBuild('taskRef.params.digest', `sha256:${'c'.repeat(63)}`, NOT, HTTP_FIX)]);
    expect(http({ digest: `SHA256:${'c'.repeat(64)}` })).toEqual([onBuild('taskRef.params.digest', `SHA256:${'c'.repeat(64)}`, NOT, HTTP_FIX)]);
    expect(http({ digest: `sha1:${'c'.repeat(40)}` })).toEqual([onBuild('taskRef.params.digest', `sha1:${'c'.repeat(40)}`, NOT, HTTP_FIX)]);
    expect(http({ digest: '$(params.digest)' })).toEqual([
      onBuild('taskRef.params.digest', '$(params.digest)', 'is substituted at run time, so the content is not known before the run', HTTP_FIX),
    ]);
    expect(http({ digest: `{{ body.digest }}sha256:${'c'.repeat(64)}` }).map((f) => f.problem)).toEqual([
      'is not sha256:<64 hex> or sha512:<128 hex>: the http resolver refuses it, and the run fails',
    ]);
  });

  test('non-compliant: the cluster resolver pins nothing, and a resolver Tekton does not ship cannot be judged', () => {
    expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('cluster', { kind: 'task', name: 'git-clone', namespace: 'tasks' })))).toEqual([
      onBuild('taskRef.resolver', 'cluster', 'fetches the Task as the cluster holds it at run time: nothing pins its content', UNPINNABLE_FIX),
    ]);
    expect(REMOTE_REFERENCE_PINNED.check(pipeline(ref('oci-mirror', { ref: 'x' })))).toEqual([
      onBuild('taskRef.resolver', 'oci-mirror', 'is not a resolver Tekton ships (bundles, git, hub, cluster, http): whether it pins the content cannot be told',
        'Use the bundles resolver with a digest or the git resolver with a commit.'),
    ]);
  });

  test('every place a resolver reference can be: finally, nested pipelines, step refs, runs, the v1beta1 bundle field', () => {
    const unpinned = ref('git', { url: 'https://github.com/x/y.git', revision: 'main', pathInRepo: 'y.yaml' });
    const where = (m: any) => REMOTE_REFERENCE_PINNED.check(m).map((f) => [f.kind, f.location, f.target, f.property]);
    expect(where({
      kind: 'Pipeline',
      metadata: { name: 'p' },
      spec: {
        tasks: [
          { name: 'a', pipelineRef: unpinned },
          { name: 'b', taskSpec: { steps: [{ name: 's', ref: unpinned }] } },
          { name: 'c', pipelineSpec: { tasks: [{ name: 'd', taskRef: unpinned }] } },
        ],
        finally: [{ name: 'e', taskRef: unpinned }],
      },
    })).toEqual([
      ['Pipeline', "task 'a'", 'task/a', 'pipelineRef.params.revision'],
      ['Pipeline', "task 'b' step 's'", 'task/b/step/s', 'ref.params.revision'],
      ['Pipeline', "task 'c' task 'd'", 'task/c/task/d', 'taskRef.params.revision'],
      ['Pipeline', "task 'e'", 'task/e', 'taskRef.params.revision'],
    ]);
    expect(where({ kind: 'Task', metadata: { name: 't' }, spec: { steps: [{ name: 's', ref: unpinned }] } })).toEqual([['Task', "step 's'", 'step/s', 'ref.params.revision']]);
    // an unnamed step is unnamed-<index>, as Tekton names its container step-unnamed-<index>
    expect(REMOTE_REFERENCE_PINNED.check({ kind: 'Task', metadata: { name: 't' }, spec: { steps: [{ name: 'a', image: 'x' }, { ref: unpinned }] } })).toEqual([{
      rule: RuleId.REMOTE_REFERENCE_PINNED,
      kind: 'Task',
      name: 't',
      location: "step 'unnamed-1'",
      target: 'step/unnamed-1',
      property: 'ref.params.revision',
      value: 'main',
      problem: 'is not a full commit SHA: a branch or tag can be moved to other content',
      fix: 'Give the full commit SHA (40 hex) as revision: git rev-parse <branch or tag> prints it.',
    }]);
    expect(where({ kind: 'TaskRun', metadata: { name: 'r' }, spec: { taskRef: unpinned } })).toEqual([['TaskRun', undefined, undefined, 'spec.taskRef.params.revision']]);
    expect(where({ kind: 'TaskRun', metadata: { name: 'r' }, spec: { taskSpec: { steps: [{ name: 's', ref: unpinned }] } } }))
      .toEqual([['TaskRun', "step 's'", 'step/s', 'ref.params.revision']]);
    expect(where({ kind: 'PipelineRun', metadata: { generateName: 'r-' }, spec: { pipelineRef: unpinned } })).toEqual([['PipelineRun', undefined, undefined, 'spec.pipelineRef.params.revision']]);
    expect(where({ kind: 'PipelineRun', metadata: { generateName: 'r-' }, spec: { pipelineSpec: { tasks: [{ name: 'a', taskRef: unpinned }] } } }))
      .toEqual([['PipelineRun', "task 'a'", 'task/a', 'taskRef.params.revision']]);
    expect(where({ apiVersion: 'tekton.dev/v1beta1', kind: 'Pipeline', metadata: { name: 'p' }, spec: { tasks: [{ name: 'a', taskRef: { name: 'y', bundle: 'gcr.io/x/y:1' } }] } }))
      .toEqual([['Pipeline', "task 'a'", 'task/a', 'taskRef.bundle']]);
  });

  test('objects of other API groups are not read', () => {
    expect(REMOTE_REFERENCE_PINNED.check({ ...pipeline(ref('cluster', { name: 'x' })), apiVersion: 'example.com/v1' })).toEqual([]);
  });
});

describe('REMOTE_REFERENCE_PINNED: what Pipelines-as-Code fetches from annotations', () => {
  const run = (annotations: Record<string, unknown>, kind = 'PipelineRun') => ({
    apiVersion: 'tekton.dev/v1', kind, metadata: { name: 'on-push', namespace: 'ci', annotations }, spec: {},
  });
  const onRun = (key: string, value: string, problem: string, fix: string) => ({
    rule: RuleId.REMOTE_REFERENCE_PINNED, kind: 'PipelineRun', name: 'on-push', property: `metadata.annotations['${key}']`, value, problem, fix,
  });
  const TASK = 'pipelinesascode.tekton.dev/task';
  const REPO_FIX = 'keep the Task in the repository (e.g. .tekton/tasks/<name>.yaml) and name its path.';
  const PLACEHOLDER = (key: string) => `holds {{ ${key} }}, which Pipelines-as-Code replaces before it reads the annotation (with the event's body, headers or `
    + 'changed files, a CEL expression, a variable of the event such as source_branch or trigger_comment, or a custom param of the '
    + 'Repository): which Task it fetches is not written here, and may be chosen by whoever sends the event';
  const PLACEHOLDER_FIX = "Keep the Task in the repository (e.g. .tekton/tasks/<name>.yaml) and name its path, or name an exact hub version ('<name>:<major>.<minor>.<patch>'), without a placeholder.";

  test('compliant: files of the repository (at the event\'s commit) and exact hub versions, of the default hub or a custom catalog', () => {
    expect(REMOTE_REFERENCE_PINNED.check(run({
      [TASK]: '[.tekton/tasks/lint.yaml, git-clone:0.9.0, buildah:0.9.1]',
      'pipelinesascode.tekton.dev/task-1': 'custom://golang-test:0.2.1',
      // a custom catalog's type is its own setting (a Tekton Hub lists <major>.<minor>)
      'pipelinesascode.tekton.dev/task-2': 'custom://golang-test:0.2',
      'pipelinesascode.tekton.dev/pipeline': 'pipelines/build.yaml',
      'pipelinesascode.tekton.dev/task-3': '[.tekton/tasks/{{ repo_name }}.yaml, tasks/{{revision}}/x.yaml]',
      'pipelinesascode.tekton.dev/on-event': '[push]',
      'example.com/task': 'git-clone',
    }))).toEqual([]);
  });

  test.each<[string, Record<string, unknown>, string, string, string, string]>([
    ['a hub Task without a version (the newest when each event arrives)', { [TASK]: 'git-clone' }, TASK, 'git-clone',
      'names a Task of the default hub without a version: Pipelines-as-Code fetches the newest one when each event arrives',
      `Name the exact version: 'git-clone:<major>.<minor>.<patch>', or ${REPO_FIX}`],
    ['one item of a list, commas written &#44;', { 'pipelinesascode.tekton.dev/task-2': '[ .tekton/a&#44;b.yaml ,  custom://lint ]' },
      'pipelinesascode.tekton.dev/task-2', 'custom://lint',
      "names a Task of hub catalog 'custom' without a version: Pipelines-as-Code fetches the newest one when each event arrives",
      `Name the exact version: 'custom://lint:<major>.<minor>.<patch>', or ${REPO_FIX}`],
    ['a version `latest`, which Pipelines-as-Code sends to the hub as a version name (the newest is the name without a version)', { [TASK]: 'git-clone:latest' }, TASK, 'git-clone:latest',
      "names version 'latest' of the default hub, which is not an exact version (<major>.<minor> or <major>.<minor>.<patch>): Pipelines-as-Code asks the hub for a "
      + 'version of that very name (it reads no range and no `latest`; only a name without `:<version>` gets the newest), so the hub serves whatever it lists under '
      + 'that name, if anything (Artifact Hub lists Tekton versions as <major>.<minor>.<patch> and finds none by another name: every event fails)',
      "Name the exact version: 'git-clone:<major>.<minor>.<patch>'."],
    ['a range of a custom catalog, sent to the hub as a version name', { [TASK]: 'custom://lint:>=0.2' }, TASK, 'custom://lint:>=0.2',
      "names version '>=0.2' of hub catalog 'custom', which is not an exact version (<major>.<minor> or <major>.<minor>.<patch>): Pipelines-as-Code asks the hub for a "
      + 'version of that very name (it reads no range and no `latest`; only a name without `:<version>` gets the newest), so the hub serves whatever it lists under '
      + 'that name, if anything (Artifact Hub lists Tekton versions as <major>.<minor>.<patch> and finds none by another name: every event fails)',
      "Name the exact version: 'custom://lint:<major>.<minor>.<patch>'."],
    // Pipelines-as-Code's default hub is Artifact Hub (pkg/params/settings/config.go), which it asks for .../git-clone/0.9 (pkg/hub/artifacthub.go);
    // Artifact Hub matches the version's exact text and lists the catalog's 0.9 as 0.9.0 (its Tekton tracker's semver String())
    ['a version of the default hub as a Tekton Hub listed it (<major>.<minor>): Artifact Hub lists none such', { [TASK]: '[git-clone:0.9, .tekton/tasks/a.yaml]' }, TASK, 'git-clone:0.9',
      "names version '0.9' of the default hub, which is Artifact Hub unless Pipelines-as-Code's settings say otherwise (hub-catalog-type): Pipelines-as-Code asks it for "
      + "the version of that very name, and Artifact Hub lists the catalog's versions as <major>.<minor>.<patch> ('0.9.0') and finds none by another name: every event fails",
      "Name the version as Artifact Hub lists it: 'git-clone:0.9.0'."],
    ['a URL, even at a commit', { [TASK]: `https://raw.githubusercontent.com/acme/tasks/${COMMIT}/lint.yaml` }, TASK,
      `https://raw.githubusercontent.com/acme/tasks/${COMMIT}/lint.yaml`,
      'is a URL Pipelines-as-Code fetches the Task from when each event arrives: whatever is served there then runs, nothing pins its content',
      "Keep the Task in the repository (e.g. .tekton/tasks/<name>.yaml) and name its path, or name an exact hub version ('<name>:<major>.<minor>.<patch>')."],
    ['a remote Pipeline by URL', { 'pipelinesascode.tekton.dev/pipeline': 'http://example.com/p.yaml' }, 'pipelinesascode.tekton.dev/pipeline', 'http://example.com/p.yaml',
      'is a URL Pipelines-as-Code fetches the Pipeline from when each event arrives: whatever is served there then runs, nothing pins its content',
      "Keep the Pipeline in the repository (e.g. .tekton/<name>.yaml) and name its path, or name an exact hub version ('<name>:<major>.<minor>.<patch>')."],
    ['a key its matcher matches though it is not the group (unanchored, dots match any character)', { 'ci.pipelinesascode-tekton.dev/task-10': 'kaniko' },
      'ci.pipelinesascode-tekton.dev/task-10', 'kaniko',
      'names a Task of the default hub without a version: Pipelines-as-Code fetches the newest one when each event arrives',
      `Name the exact version: 'kaniko:<major>.<minor>.<patch>', or ${REPO_FIX}`],
    ['an item Go\'s url.Parse gives a host (the provider fetches it from the Git host at the ref it names)', { [TASK]: '//github.com/acme/tasks/blob/main/lint.yaml' },
      TASK, '//github.com/acme/tasks/blob/main/lint.yaml',
      "has a host as Go's url.Parse reads it ('github.com'): when that is the Git host of the event, Pipelines-as-Code's provider fetches the "
      + "Task from the repository and ref the URL names when each event arrives, not from the event's commit, so nothing pins its content",
      "Keep the Task in the repository (e.g. .tekton/tasks/<name>.yaml) and name its path without a scheme or a leading //, or name an exact hub version ('<name>:<major>.<minor>.<patch>')."],
    ['a hub name whose ? ends the path of the hub\'s URL before the version', { [TASK]: 'git-clone?:0.9.1' }, TASK, 'git-clone?:0.9.1',
      "names 'git-clone?' of the default hub, whose '?' ends the path of the hub's URL before the version: the hub is asked for "
      + "'git-clone' without a version and serves the newest one when each event arrives",
      "Name the exact version: 'git-clone:0.9.1'."],
    ['a custom catalog name whose # ends the path of the hub\'s URL', { [TASK]: 'custom://lint#:1.0.0' }, TASK, 'custom://lint#:1.0.0',
      "names 'lint#' of hub catalog 'custom', whose '#' ends the path of the hub's URL before the version: the hub is asked for "
      + "'lint' without a version and serves the newest one when each event arrives",
      "Name the exact version: 'custom://lint:1.0.0'."],
    ['a list whose carriage return Go\'s regular expression reads as any character (and trims)', { [TASK]: '[https://example.com/t.yaml,\rgit-clone:0.9.1]' },
      TASK, 'https://example.com/t.yaml',
      'is a URL Pipelines-as-Code fetches the Task from when each event arrives: whatever is served there then runs, nothing pins its content',
      "Keep the Task in the repository (e.g. .tekton/tasks/<name>.yaml) and name its path, or name an exact hub version ('<name>:<major>.<minor>.<patch>')."],
    ['a value with a no-break space, which Go\'s \\s is not', { [TASK]: 'https://example.com/t.yaml#\u00a0x' },
      TASK, 'https://example.com/t.yaml#\u00a0x',
      'is a URL Pipelines-as-Code fetches the Task from when each event arrives: whatever is served there then runs, nothing pins its content',
      "Keep the Task in the repository (e.g. .tekton/tasks/<name>.yaml) and name its path, or name an exact hub version ('<name>:<major>.<minor>.<patch>')."],
    ['a value trimmed as Go trims (U+0085 is space)', { [TASK]: '\u0085git-clone\u0085' }, TASK, 'git-clone',
      'names a Task of the default hub without a version: Pipelines-as-Code fetches the newest one when each event arrives',
      `Name the exact version: 'git-clone:<major>.<minor>.<patch>', or ${REPO_FIX}`],
    ['a placeholder Pipelines-as-Code replaces before reading the annotation (here with the event\'s body)', { [TASK]: '{{ body.pull_request.head.label }}' },
      TASK, '{{ body.pull_request.head.label }}', PLACEHOLDER('body.pull_request.head.label'), PLACEHOLDER_FIX],
    ['a list with a placeholder of the event (the whole value, which the text put there splits)', { [TASK]: '[.tekton/tasks/a.yaml, git-clone:{{source_branch}}]' },
      TASK, '[.tekton/tasks/a.yaml, git-clone:{{source_branch}}]', PLACEHOLDER('source_branch'), PLACEHOLDER_FIX],
    ['the repository\'s URL: a URL', { [TASK]: '{{ repo_url }}/raw/main/task.yaml' }, TASK, '{{ repo_url }}/raw/main/task.yaml',
      'is a URL Pipelines-as-Code fetches the Task from when each event arrives: whatever is served there then runs, nothing pins its content',
      "Keep the Task in the repository (e.g. .tekton/tasks/<name>.yaml) and name its path, or name an exact hub version ('<name>:<major>.<minor>.<patch>')."],
    ['the fork\'s URL: a URL', { [TASK]: '{{ source_url }}/raw/main/task.yaml' }, TASK, '{{ source_url }}/raw/main/task.yaml',
      'is a URL Pipelines-as-Code fetches the Task from when each event arrives: whatever is served there then runs, nothing pins its content',
      "Keep the Task in the repository (e.g. .tekton/tasks/<name>.yaml) and name its path, or name an exact hub version ('<name>:<major>.<minor>.<patch>')."],
    ['the commit in a hub version', { [TASK]: 'git-clone:{{ revision }}' }, TASK, 'git-clone:{{ revision }}',
      "names version '{{ revision }}' of the default hub, which is not an exact version (<major>.<minor> or <major>.<minor>.<patch>): Pipelines-as-Code asks the hub for a "
      + 'version of that very name (it reads no range and no `latest`; only a name without `:<version>` gets the newest), so the hub serves whatever it lists under '
      + 'that name, if anything (Artifact Hub lists Tekton versions as <major>.<minor>.<patch> and finds none by another name: every event fails)',
      "Name the exact version: 'git-clone:<major>.<minor>.<patch>'."],
  ])('finding: %s', (_, annotations, key, value, problem, fix) => {
    expect(REMOTE_REFERENCE_PINNED.check(run(annotations))).toEqual([onRun(key, value, problem, fix)]);
  });

  test('on a Pipeline too; values Pipelines-as-Code cannot read (it refuses the run) and other kinds are not judged', () => {
    expect(REMOTE_REFERENCE_PINNED.check(run({ [TASK]: 'git-clone' }, 'Pipeline'))).toEqual([{
      ...onRun(TASK, 'git-clone',
        'names a Task of the default hub without a version: Pipelines-as-Code fetches the newest one when each event arrives',
        `Name the exact version: 'git-clone:<major>.<minor>.<patch>', or ${REPO_FIX}`),
      kind: 'Pipeline',
    }]);
    expect(REMOTE_REFERENCE_PINNED.check(run({ [TASK]: 'git clone', 'pipelinesascode.tekton.dev/task-1': '[a, b' }))).toEqual([]);
    expect(REMOTE_REFERENCE_PINNED.check(run({ [TASK]: 'git-clone' }, 'TaskRun'))).toEqual([]);
    // Pipelines-as-Code reads the pipeline annotation of a PipelineRun only
    expect(REMOTE_REFERENCE_PINNED.check(run({ 'pipelinesascode.tekton.dev/pipeline': 'http://example.com/p.yaml' }, 'Pipeline'))).toEqual([]);
  });

  describe("a reference that names neither a resolver nor a name: config-defaults' default-resolver-type", () => {
    /** config-defaults in tekton-pipelines (or with no namespace) with this data. */
    const configDefaults = (data: Record<string, unknown>, namespace: string | undefined = 'tekton-pipelines') => ({
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', ...(namespace ? { namespace } : {}) }, data,
    });
    const check = (m: any, ...others: any[]) => REMOTE_REFERENCE_PINNED.check(m, ruleContext([m, ...others]));
    const params = (values: Record<string, unknown>) => ({ params: Object.entries(values).map(([name, value]) => ({ name, value })) });
    const gitParams = (revision: string) => params({ url: 'https://github.com/x/y.git', revision, pathInRepo: 'y.yaml' });
    const UNKNOWN = "is not set, nor a name: Tekton's defaulting gives the reference config-defaults' default-resolver-type, which no config-defaults "
      + 'checked with it sets (Tekton ships it empty, and then refuses the reference): which resolver fetches it, and whether that pins the content, cannot be told';
    const NAME_RESOLVER = 'Name the resolver in the reference (resolver: bundles with the bundle pinned by digest, or resolver: git with revision: <40 hex>), '
      + "or check it together with the cluster's config-defaults (for the audit: kubectl get configmap config-defaults -n tekton-pipelines -o yaml > "
      + 'config-defaults.yaml, and give that file with the others).';

    test('finding: not known when no config-defaults is checked with it (alone, or with other manifests)', () => {
      expect(REMOTE_REFERENCE_PINNED.check(pipeline(gitParams(COMMIT)))).toEqual([onBuild('taskRef.resolver', undefined, UNKNOWN, NAME_RESOLVER)]);
      expect(check(pipeline({ ...gitParams(COMMIT), resolver: null, name: '' }), configDefaults({ 'default-timeout-minutes': '60' }, 'ci')))
        .toEqual([onBuild('taskRef.resolver', undefined, UNKNOWN, NAME_RESOLVER)]);
      // one Tekton refuses as a whole sets nothing: the cluster keeps the one it had
      expect(check(pipeline(gitParams(COMMIT)), configDefaults({ 'default-resolver-type': 'git', 'default-timeout-minutes': '1h' }))).toEqual([onBuild('taskRef.resolver', undefined,
        "is not set, nor a name: Tekton's defaulting gives the reference config-defaults' default-resolver-type, which no config-defaults Tekton reads sets (the one "
        + 'checked with it is refused as a whole, as TEKTON_FEATURE_FLAGS reports it, so the cluster keeps the one it had: Tekton ships it empty, and then refuses '
        + 'the reference): which resolver fetches it, and whether that pins the content, cannot be told', NAME_RESOLVER)]);
      // a TaskRun's taskRef, a PipelineRun's pipelineRef and a step's ref are defaulted too
      const taskRun = { apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name: 'tr' }, spec: { taskRef: gitParams(COMMIT) } };
      expect(REMOTE_REFERENCE_PINNED.check(taskRun).map((f) => [f.property, f.problem])).toEqual([['spec.taskRef.resolver', UNKNOWN]]);
      const pipelineRun = { apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { name: 'pr' }, spec: { pipelineRef: {} } };
      expect(REMOTE_REFERENCE_PINNED.check(pipelineRun).map((f) => [f.property, f.problem])).toEqual([['spec.pipelineRef.resolver', UNKNOWN]]);
      const task = { apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: 't' }, spec: { steps: [{ name: 's', ref: gitParams(COMMIT) }] } };
      expect(REMOTE_REFERENCE_PINNED.check(task).map((f) => [f.location, f.property])).toEqual([["step 's'", 'ref.resolver']]);
    });

    test('judged as the resolver a config-defaults checked with it names', () => {
      const git = configDefaults({ 'default-resolver-type': 'git' });
      expect(check(pipeline(gitParams('main')), git)).toEqual([onBuild('taskRef.params.revision', 'main',
        'is not a full commit SHA: a branch or tag can be moved to other content', GIT_FIX)]);
      expect(check(pipeline(gitParams(COMMIT)), git)).toEqual([]);
      expect(check(pipeline(params({ name: 'build', namespace: 'ci' })), configDefaults({ 'default-resolver-type': 'cluster' }, undefined))).toEqual([onBuild('taskRef.resolver', 'cluster',
        "is not set, nor a name, so Tekton's defaulting gives the reference config-defaults' default-resolver-type, which fetches the Task as the cluster holds it at run time: nothing pins its content",
        UNPINNABLE_FIX)]);
      expect(check(pipeline(params({ x: 'y' })), configDefaults({ 'default-resolver-type': 'mine' }))).toEqual([onBuild('taskRef.resolver', 'mine',
        "is not set, nor a name, so Tekton's defaulting gives the reference config-defaults' default-resolver-type, which is not a resolver Tekton ships (bundles, git, hub, cluster, http): whether it pins the content cannot be told",
        'Use the bundles resolver with a digest or the git resolver with a commit.')]);
    });

    test('not known when the config-defaults checked with it disagree', () => {
      expect(check(pipeline(gitParams(COMMIT)), configDefaults({ 'default-resolver-type': 'git' }), configDefaults({ 'default-resolver-type': 'cluster' }, undefined))).toEqual([
        onBuild('taskRef.resolver', undefined, "is not set, nor a name: Tekton's defaulting gives the reference config-defaults' default-resolver-type, which the config-defaults "
          + 'checked with it set differently ("git", "cluster"; the cluster may keep any): which resolver fetches it, and whether that pins the content, cannot be told', NAME_RESOLVER),
      ]);
    });

    test('compliant: an empty default-resolver-type (missing, null or "") makes Tekton refuse the reference, which fetches nothing', () => {
      for (const data of [{}, { 'default-resolver-type': null }, { 'default-resolver-type': '' }]) {
        expect(check(pipeline(gitParams('main')), configDefaults(data))).toEqual([]);
      }
    });

    test('compliant: a named reference is local (a null resolver is unset), and a pipeline task\'s pipelineRef is not defaulted', () => {
      expect(REMOTE_REFERENCE_PINNED.check(pipeline({ name: 'build', resolver: null }))).toEqual([]);
      expect(REMOTE_REFERENCE_PINNED.check(pipeline({ name: 'build', resolver: '' }))).toEqual([]);
      const nested = { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'p' }, spec: { tasks: [{ name: 'inner', pipelineRef: gitParams('main') }] } };
      expect(check(nested, configDefaults({ 'default-resolver-type': 'git' }))).toEqual([]);
    });
  });

  test("a PipelineLoop's (kfp-tekton) pipeline tasks are fetched when the PipelineRun of each iteration runs; its pipelineRef's resolver is not (its name alone is copied)", () => {
    const git = ref('git', { url: 'https://github.com/example/tasks.git', revision: 'main', pathInRepo: 'task/build.yaml' });
    const spec = { pipelineSpec: { tasks: [{ name: 'build', taskRef: git }] } };
    const summary = (m: any) => REMOTE_REFERENCE_PINNED.check(m).map((f) => [f.kind, f.location, f.target, f.property, f.value, f.problem, f.fix]);
    const NOT_SHA = 'is not a full commit SHA: a branch or tag can be moved to other content';
    expect(summary(pipelineLoop(spec))).toEqual([['PipelineLoop', "task 'build'", 'task/build', 'taskRef.params.revision', 'main', NOT_SHA, GIT_FIX]]);
    expect(summary(loopInPipeline(spec))).toEqual([['Pipeline', "task 'loop' task 'build'", 'task/loop/task/build', 'taskRef.params.revision', 'main', NOT_SHA, GIT_FIX]]);
    expect(summary(pipelineLoop({ pipelineRef: { name: 'p', ...git } }))).toEqual([]);
  });
});
