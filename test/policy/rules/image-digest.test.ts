import { describeRule, hardenedContainer, IMAGE, pipelineEmbedding, pipelineRunEmbedding, task, taskRunEmbedding, taskSpec } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { IMAGE_DIGEST } from '../../../src/policy/rules/image-digest';

const DIGEST = '@sha256:' + 'b'.repeat(64);

describe('IMAGE_DIGEST', () => {
  describeRule(IMAGE_DIGEST, RuleId.IMAGE_DIGEST, Severity.HIGH, true);

  test('applies to Tekton objects that hold task specs, and to nothing else', () => {
    expect(IMAGE_DIGEST.appliesTo(task())).toBe(true);
    expect(IMAGE_DIGEST.appliesTo(pipelineEmbedding(taskSpec()))).toBe(true);
    expect(IMAGE_DIGEST.appliesTo(taskRunEmbedding(taskSpec()))).toBe(true);
    expect(IMAGE_DIGEST.appliesTo(pipelineRunEmbedding(taskSpec()))).toBe(true);
    expect(IMAGE_DIGEST.appliesTo({ kind: 'Pipeline', metadata: { name: 'p' }, spec: { tasks: [{ name: 'a', taskRef: { name: 'build' } }] } })).toBe(false);
    expect(IMAGE_DIGEST.appliesTo({ kind: 'TaskRun', metadata: { name: 'r' }, spec: { taskRef: { name: 'build' } } })).toBe(false);
    expect(IMAGE_DIGEST.appliesTo({ kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'alpine:3' }] } })).toBe(false);
  });

  test('compliant: steps and sidecars pinned by digest, a stepTemplate without image, a digest after a tag', () => {
    expect(IMAGE_DIGEST.check(task({
      stepTemplate: { env: [{ name: 'HOME', value: '/tekton/home' }] },
      steps: [hardenedContainer('compile'), hardenedContainer('test', { image: `registry.example.com:5000/go:1.22${DIGEST}` })],
      sidecars: [hardenedContainer('db', { image: `postgres${DIGEST}` })],
    }))).toEqual([]);
  });

  test('compliant: a step that refers to a StepAction carries no image (the StepAction does)', () => {
    expect(IMAGE_DIGEST.check(task({ steps: [{ name: 'clone', ref: { name: 'git-clone' } }] }))).toEqual([]);
  });

  test('non-compliant: a tagged step image, with the repository in the fix', () => {
    expect(IMAGE_DIGEST.check(task({ steps: [hardenedContainer('compile', { image: 'alpine:3' })] }))).toEqual([{
      rule: RuleId.IMAGE_DIGEST,
      kind: 'Task',
      name: 'build',
      location: "step 'compile'",
      target: 'step/compile',
      property: 'image',
      value: 'alpine:3',
      problem: 'is not pinned by digest',
      fix: 'Use "alpine@sha256:<64 hex>".',
    }]);
  });

  test('non-compliant: a tagged sidecar, the registry port kept in the fix', () => {
    expect(IMAGE_DIGEST.check(task({ sidecars: [hardenedContainer('db', { image: 'registry.example.com:5000/db/postgres:15' })] }))).toEqual([{
      rule: RuleId.IMAGE_DIGEST,
      kind: 'Task',
      name: 'build',
      location: "sidecar 'db'",
      target: 'sidecar/db',
      property: 'image',
      value: 'registry.example.com:5000/db/postgres:15',
      problem: 'is not pinned by digest',
      fix: 'Use "registry.example.com:5000/db/postgres@sha256:<64 hex>".',
    }]);
  });

  test('non-compliant: a tagged stepTemplate image, and every step that inherits it', () => {
    const spec = taskSpec({ stepTemplate: { image: 'golang:1.22' }, steps: [{ name: 'vet', script: '#!/bin/sh\ngo vet' }, hardenedContainer('compile')] });
    const finding = (location: string, target: string) => ({
      rule: RuleId.IMAGE_DIGEST,
      kind: 'Task',
      name: 'build',
      location,
      target,
      property: 'image',
      value: 'golang:1.22',
      problem: 'is not pinned by digest',
      fix: 'Use "golang@sha256:<64 hex>".',
    });
    expect(IMAGE_DIGEST.check({ kind: 'Task', metadata: { name: 'build' }, spec })).toEqual([
      finding('stepTemplate', 'stepTemplate'),
      finding("step 'vet'", 'step/vet'),
    ]);
  });

  test('compliant: a step whose image is "", null or absent runs the stepTemplate\'s pinned image (Tekton leaves them out of the merge)', () => {
    const pinned = `docker.io/library/golang@sha256:${'c'.repeat(64)}`;
    const spec = taskSpec({
      stepTemplate: { image: pinned },
      steps: [{ name: 'a', image: '', script: '#!/bin/sh\ngo vet' }, { name: 'b', image: null, script: '#!/bin/sh\ngo vet' }, { name: 'c', script: '#!/bin/sh\ngo vet' }],
    });
    expect(IMAGE_DIGEST.check({ kind: 'Task', metadata: { name: 'build' }, spec })).toEqual([]);
  });

  test('non-compliant: a step without an image', () => {
    expect(IMAGE_DIGEST.check(task({ steps: [hardenedContainer('compile', { image: undefined })] }))).toEqual([{
      rule: RuleId.IMAGE_DIGEST,
      kind: 'Task',
      name: 'build',
      location: "step 'compile'",
      target: 'step/compile',
      property: 'image',
      problem: 'is missing',
      fix: 'Set an image pinned as "<repository>@sha256:<64 hex>".',
    }]);
    expect(IMAGE_DIGEST.check(task({ steps: [hardenedContainer('compile', { image: '' })] }))[0]).toMatchObject({ problem: 'is missing' });
  });

  /** The finding on the image of step 'compile' of Task 'build'. */
  const onCompile = (image: string, problem: string, fix: string) => ({
    rule: RuleId.IMAGE_DIGEST, kind: 'Task', name: 'build', location: "step 'compile'", target: 'step/compile', property: 'image', value: image, problem, fix,
  });

  test.each([
    // (a sha512 or sha384 digest of its length pins the image, a sha256 digest of another length is refused by the kubelet: below)
    ['a tag that looks like a digest', `alpine:sha256-${'b'.repeat(64)}`, 'alpine'],
    ['latest', 'ghcr.io/org/tool:latest', 'ghcr.io/org/tool'],
    ['no tag at all', 'ubuntu', 'ubuntu'],
  ])('non-compliant: %s', (_, image, repository) => {
    expect(IMAGE_DIGEST.check(task({ steps: [hardenedContainer('compile', { image })] }))).toEqual([onCompile(image, 'is not pinned by digest', `Use "${repository}@sha256:<64 hex>".`)]);
  });

  test('non-compliant: a digest in upper-case hex, which the kubelet refuses (distribution/reference v0.6.0 ParseNormalizedNamed: "invalid checksum digest format"): not a tag', () => {
    for (const [image, lowered] of [
      [`alpine@sha256:${'B'.repeat(64)}`, `alpine@sha256:${'b'.repeat(64)}`],
      [`ghcr.io/org/tool:1.0@sha256:${'a'.repeat(63)}F`, `ghcr.io/org/tool:1.0@sha256:${'a'.repeat(63)}f`],
      // a substitution before it changes nothing: the digest stays as written
      [`$(params.repo)@sha256:${'B'.repeat(64)}`, `$(params.repo)@sha256:${'b'.repeat(64)}`],
    ]) {
      expect(IMAGE_DIGEST.check(task({ steps: [hardenedContainer('compile', { image })] }))).toEqual([onCompile(image,
        'has its digest in upper-case hex, which image references do not allow (a sha256 digest is 64 lower-case hex digits): the kubelet refuses the image, so no pod can run it',
        `Write the digest in lower case: "${lowered}".`)]);
    }
    // the fix, applied as written
    expect(IMAGE_DIGEST.check(task({ steps: [hardenedContainer('compile', { image: `alpine@sha256:${'b'.repeat(64)}` })] }))).toEqual([]);
  });

  // the OCI image spec allows sha512 digests: the kubelet's reference parser (distribution/reference, go-digest) accepts them and the runtime checks the
  // content against them, but Tekton v1.15 looks up the entrypoint of a step with no command (a script is one: convertScripts runs first) with
  // go-containerregistry v0.21's name.ParseReference, whose NewDigest reads only the `sha256:` prefix ("unsupported digest algorithm")
  test('a sha512 or sha384 digest: pinned for a sidecar and a step with a command or a script; a step without a command fails every run', () => {
    const sha512 = `ghcr.io/org/tool@sha512:${'c'.repeat(128)}`;
    const sha384 = `ghcr.io/org/tool:1.0@sha384:${'d'.repeat(96)}`;
    for (const image of [sha512, sha384]) {
      expect(IMAGE_DIGEST.check(task({
        steps: [hardenedContainer('compile', { image }), hardenedContainer('run', { image, script: undefined, command: ['/bin/tool'] })],
        sidecars: [hardenedContainer('db', { image, script: undefined })],
      }))).toEqual([]);
    }
    const bare = (image: string) => IMAGE_DIGEST.check(task({ steps: [hardenedContainer('compile', { image, script: undefined, args: ['--help'] })] }));
    expect(bare(sha512)).toEqual([onCompile(sha512, 'has a sha512 digest, which Tekton cannot parse when it looks up the entrypoint of a step without a command '
      + '(go-containerregistry\'s name.NewDigest reads sha256 digests only: "unsupported digest algorithm"), so every run fails',
    'Pin it by its sha256 digest: "ghcr.io/org/tool@sha256:<64 hex>", or give the step its command.')]);
    expect(bare(sha384)).toEqual([onCompile(sha384, 'has a sha384 digest, which Tekton cannot parse when it looks up the entrypoint of a step without a command '
      + '(go-containerregistry\'s name.NewDigest reads sha256 digests only: "unsupported digest algorithm"), so every run fails',
    'Pin it by its sha256 digest: "ghcr.io/org/tool:1.0@sha256:<64 hex>", or give the step its command.')]);
    // a digest of the wrong length for its algorithm is no digest the kubelet reads ("invalid checksum digest length"): it refuses the image
    const short = `ghcr.io/org/tool@sha512:${'c'.repeat(64)}`;
    expect(IMAGE_DIGEST.check(task({ steps: [hardenedContainer('compile', { image: short })] }))).toEqual([onCompile(short,
      'has a digest the kubelet refuses (sha512: its reference parser reads sha256, sha384 and sha512 digests only, each of its length in lower-case hex), '
      + 'so no pod can run it', 'Pin it by its sha256 digest: "ghcr.io/org/tool@sha256:<64 hex>".')]);
    // a stepTemplate's: each step that inherits it is judged with its own command (the template by itself is no step)
    expect(IMAGE_DIGEST.check(task({ stepTemplate: { image: sha512 }, steps: [hardenedContainer('compile', { image: undefined }), hardenedContainer('bare', { image: undefined, script: undefined })] }))
      .map((f) => [f.target, f.problem.slice(0, 22)])).toEqual([['step/bare', 'has a sha512 digest, w']]);
    // the sha256 neighbour of the bare step passes
    expect(bare(`ghcr.io/org/tool${DIGEST}`)).toEqual([]);
  });

  // distribution/reference v0.6.0 ParseNormalizedNamed, which the kubelet parses an image with, run here: `alpine@md5:<32 hex>` and
  // `alpine@blake3:<64 hex>` "unsupported digest algorithm", `alpine@md5:abc` "invalid reference format": the pod stays in InvalidImageName
  test('non-compliant: a digest of an algorithm the kubelet does not know (md5) is refused by it, for any step or sidecar', () => {
    for (const [image, algorithm] of [[`alpine@md5:${'b'.repeat(32)}`, 'md5'], ['alpine@md5:abc', 'md5'], [`ghcr.io/org/tool:1.0@blake3:${'c'.repeat(64)}`, 'blake3']]) {
      const repository = image.startsWith('alpine') ? 'alpine' : 'ghcr.io/org/tool';
      expect(IMAGE_DIGEST.check(task({ steps: [hardenedContainer('compile', { image })] }))).toEqual([onCompile(image,
        `has a digest the kubelet refuses (${algorithm}: its reference parser reads sha256, sha384 and sha512 digests only, each of its length in lower-case hex), `
        + 'so no pod can run it', `Pin it by its sha256 digest: "${repository}@sha256:<64 hex>".`)]);
      // a step with a command, a sidecar: the same
      expect(IMAGE_DIGEST.check(task({ steps: [hardenedContainer('compile', { image: `alpine${DIGEST}` })], sidecars: [hardenedContainer('db', { image, script: undefined, command: ['/bin/db'] })] }))
        .map((f) => [f.target, f.problem.slice(0, 30)])).toEqual([['sidecar/db', `has a digest the kubelet refuses (${algorithm}:`.slice(0, 30)]]);
    }
    // a digest after a param: the run chooses the image
    expect(IMAGE_DIGEST.check(task({ steps: [hardenedContainer('compile', { image: `$(params.repo)@md5:${'b'.repeat(32)}` })] }))[0].problem)
      .toBe('is chosen by each run through $(params.repo), so any image can run');
  });

  // distribution/reference v0.6.0 ParseNormalizedNamed (crypto/sha256 registered, as in the kubelet), run here: `alpine@sha256:abc`,
  // `alpine@sha256:` and `alpine@sha256:xyz` "invalid reference format", 40 or 65 hex digits "invalid checksum digest length"
  test('non-compliant: a sha256 digest of another length, or not hex, is refused by the kubelet, not merely unpinned', () => {
    for (const [image, written] of [['alpine@sha256:abc', '3 hex digits'], [`alpine:3.20@sha256:${'a'.repeat(40)}`, '40 hex digits'],
      [`alpine@sha256:${'a'.repeat(65)}`, '65 hex digits'], [`alpine@sha256:${'b'.repeat(63)}`, '63 hex digits'], ['alpine@sha256:', '""'],
      ['alpine@sha256:xyz', '"xyz"'], [`alpine${DIGEST}-x`, `"${DIGEST.slice('@sha256:'.length)}-x"`]]) {
      expect([image, IMAGE_DIGEST.check(task({ steps: [hardenedContainer('compile', { image })] }))]).toEqual([image, [onCompile(image,
        `has a sha256 digest the kubelet refuses (${written}: its reference parser reads a sha256 digest as 64 lower-case hex digits), so no pod can run it`,
        'Pin it by its whole sha256 digest: "alpine@sha256:<64 hex>".')]]);
    }
    // after a param the run chooses the image; a tag alone is not pinned
    expect(IMAGE_DIGEST.check(task({ steps: [hardenedContainer('compile', { image: '$(params.repo)@sha256:abc' })] }))[0].problem)
      .toBe('is chosen by each run through $(params.repo), so any image can run');
    expect(IMAGE_DIGEST.check(task({ steps: [hardenedContainer('compile', { image: 'alpine:3.20' })] }))[0].problem).toBe('is not pinned by digest');
    expect(IMAGE_DIGEST.check(task({ steps: [hardenedContainer('compile', { image: `alpine${DIGEST}` })] }))).toEqual([]);
  });

  // distribution/reference v0.6.0 ParseNormalizedNamed (the kubelet's image name parser; crypto/sha256 and sha512 registered as there), run here on
  // every row: the first rows "invalid reference format" ("… repository name (Library/alpine@sha256) must be lowercase" for upper case, "repository
  // name must not be more than 255 characters" for the long paths), the last ones parse (an upper-case first part is taken for a registry)
  const REFUSES = 'the kubelet refuses the image (ErrInvalidImageName: the pod never starts)';
  const SHA512 = `@sha512:${'c'.repeat(128)}`;
  const GENERIC = `Write the image as its registry names it: "[registry[:port]/]<lower-case path>[:<tag>]${DIGEST}".`;
  test.each([
    [`docker.io/Library/alpine${DIGEST}`, 'upper-case letters in its repository path ("Library/alpine")', `Write the image as its registry names it: "docker.io/library/alpine${DIGEST}".`],
    [`ALPINE${DIGEST}`, 'upper-case letters in its repository path ("ALPINE")', `Write the image as its registry names it: "alpine${DIGEST}".`],
    [`localhost:5000/Foo${DIGEST}`, 'upper-case letters in its repository path ("Foo")', `Write the image as its registry names it: "localhost:5000/foo${DIGEST}".`],
    [`ghcr.io/Org/tool${SHA512}`, 'upper-case letters in its repository path ("Org/tool")', `Write the image as its registry names it: "ghcr.io/org/tool${SHA512}".`],
    [`docker.io/library/al pine${DIGEST}`, 'a blank in its name ("docker.io/library/al pine")', GENERIC],
    [`docker.io/library/alpine:3.21 ${DIGEST}`, 'a blank in its name ("docker.io/library/alpine:3.21 ")', `Write the image as its registry names it: "docker.io/library/alpine:3.21${DIGEST}".`],
    // (and before any kubelet, the API server refuses the pod: validateContainerOnlyForPod, "must not have leading or trailing whitespace")
    [` alpine${DIGEST}`, 'a blank before its name (" alpine")', `Write the image as its registry names it: "alpine${DIGEST}".`,
      'the API server refuses the pod (its image "must not have leading or trailing whitespace"), so the pod never starts'],
    [`https://docker.io/library/alpine${DIGEST}`, 'a URL scheme ("https://") before its name', `Write the image as its registry names it: "docker.io/library/alpine${DIGEST}".`],
    [`docker.io//alpine${DIGEST}`, 'an empty path part in its name ("docker.io//alpine")', `Write the image as its registry names it: "docker.io/alpine${DIGEST}".`],
    [`docker.io/library/alpine:${DIGEST}`, 'an empty tag (a ":" with nothing after it)', `Write the image as its registry names it: "docker.io/library/alpine${DIGEST}".`],
    [`docker.io/library/alpine:-bad${DIGEST}`, 'the tag "-bad", which is no tag (a letter, digit or "_", then up to 127 of those, "." and "-")', GENERIC],
    [`registry.example.com/team..app${DIGEST}`, 'a path part outside the image reference grammar ("team..app": each path part '
      + 'lower-case letters and digits, joined inside by ".", "_", "__" or "-")', GENERIC],
    [`-registry/tool${DIGEST}`, 'a path part outside the image reference grammar ("-registry": each path part '
      + 'lower-case letters and digits, joined inside by ".", "_", "__" or "-")', GENERIC],
    [`registry-.example.com/-tool${DIGEST}`, 'a registry that is no host name ("registry-.example.com": labels of letters, digits and "-", none starting or ending with "-", '
      + 'joined by ".", or an IPv6 address in brackets, then an optional ":" and port), and a path part outside the image reference grammar ("-tool": each path part '
      + 'lower-case letters and digits, joined inside by ".", "_", "__" or "-")', GENERIC],
    [`a/${'b'.repeat(255)}${DIGEST}`, 'a repository path of more than 255 characters', GENERIC],
    [`${'b'.repeat(248)}${DIGEST}`, 'a repository path of more than 255 characters (248 characters, and Docker Hub puts "library/" before a name of one part)', GENERIC],
    [`registry-.example.com/tool${DIGEST}`, 'a registry that is no host name ("registry-.example.com": labels of letters, digits and "-", none starting or ending with "-", '
      + 'joined by ".", or an IPv6 address in brackets, then an optional ":" and port)', GENERIC],
  ])('non-compliant: a name the kubelet cannot parse before a digest it reads: %s', (image, reason, fix, refused = REFUSES) => {
    expect(IMAGE_DIGEST.check(task({ steps: [hardenedContainer('compile', { image })] }))).toEqual([onCompile(image, `has ${reason}: ${refused}`, fix)]);
    // a sidecar and a step with a command: the same (the kubelet parses every container's image)
    expect(IMAGE_DIGEST.check(task({ sidecars: [hardenedContainer('db', { image, script: undefined, command: ['/bin/db'] })] })).map((f) => f.problem)).toEqual([`has ${reason}: ${refused}`]);
  });

  test.each([
    `Registry.Example.com/foo${DIGEST}`, `alpine:3.21${DIGEST}`, `Library/alpine${DIGEST}`, `index.docker.io/library/alpine${DIGEST}`, `[::1]:5000/foo${DIGEST}`,
    `alpine:V1${DIGEST}`, `a/${'b'.repeat(253)}${DIGEST}`, `${'b'.repeat(247)}${DIGEST}`, `ghcr.io/org/tool${SHA512}`, `[fe80::1]/tool${DIGEST}`,
    // a substitution or a template in the name: what fills it is not known, the digest stays (as before)
    `docker.io/library/alpine$(params.x)${DIGEST}`, `$(params.registry)/Tool${DIGEST}`, `ghcr.io/org/{{ repo_name }}${DIGEST}`,
  ])('compliant: a name the kubelet parses (or one a substitution fills) before a digest: %s', (image) => {
    expect(IMAGE_DIGEST.check(task({ steps: [hardenedContainer('compile', { image })] }))).toEqual([]);
  });

  test('a StepAction pinned by sha512: passes with a script or a command, fails every run without one', () => {
    const sha512 = `ghcr.io/org/tool@sha512:${'c'.repeat(128)}`;
    const action = (spec: any) => ({ apiVersion: 'tekton.dev/v1beta1', kind: 'StepAction', metadata: { name: 'scan' }, spec: { image: sha512, ...spec } });
    expect(IMAGE_DIGEST.check(action({ script: '#!/bin/sh\ntrue\n' }))).toEqual([]);
    expect(IMAGE_DIGEST.check(action({ command: ['/bin/scan'] }))).toEqual([]);
    expect(IMAGE_DIGEST.check(action({ args: ['--all'] })).map((f) => [f.location, f.problem, f.fix])).toEqual([["stepAction 'scan'",
      'has a sha512 digest, which Tekton cannot parse when it looks up the entrypoint of a step without a command (go-containerregistry\'s '
      + 'name.NewDigest reads sha256 digests only: "unsupported digest algorithm"), so every run fails',
      'Pin it by its sha256 digest: "ghcr.io/org/tool@sha256:<64 hex>", or give the step its command.']]);
  });

  test('non-compliant: embedded task specs of Pipelines (tasks and finally), TaskRuns and PipelineRuns', () => {
    const spec = taskSpec({ steps: [hardenedContainer('make', { image: 'gcc:13' })] });
    const expected = (kind: string, name: string, location: string, target: string) => [{
      rule: RuleId.IMAGE_DIGEST,
      kind,
      name,
      location,
      target,
      property: 'image',
      value: 'gcc:13',
      problem: 'is not pinned by digest',
      fix: 'Use "gcc@sha256:<64 hex>".',
    }];
    expect(IMAGE_DIGEST.check(pipelineEmbedding(spec))).toEqual(expected('Pipeline', 'pipe', "task 'build' step 'make'", 'task/build/step/make'));
    expect(IMAGE_DIGEST.check(pipelineEmbedding(spec, 'finally'))).toEqual(expected('Pipeline', 'pipe', "task 'build' step 'make'", 'task/build/step/make'));
    expect(IMAGE_DIGEST.check(pipelineRunEmbedding(spec))).toEqual(expected('PipelineRun', 'pipe-run', "task 'build' step 'make'", 'task/build/step/make'));
    expect(IMAGE_DIGEST.check(taskRunEmbedding(spec))).toEqual(expected('TaskRun', 'build-run', "step 'make'", 'step/make'));
  });

  test('non-compliant: a digest after a template pasted into the YAML before it is read (Helm, Pipelines-as-Code but for its fixed placeholders)', () => {
    const problem = (template: string) => `holds ${template}, which is pasted into the YAML before it is read: its text can end the image there, so the digest after it may not be part of it`;
    for (const [image, template] of [
      [`{{ body.image }}${DIGEST}`, '{{ body.image }}'],
      [`ghcr.io/x/{{source_branch}}${DIGEST}`, '{{source_branch}}'],
      [`{{ .Values.registry }}/go:1.22${DIGEST}`, '{{ .Values.registry }}'],
    ]) {
      expect(IMAGE_DIGEST.check(task({ steps: [hardenedContainer('compile', { image })] }))).toEqual([{
        rule: RuleId.IMAGE_DIGEST,
        kind: 'Task',
        name: 'build',
        location: "step 'compile'",
        target: 'step/compile',
        property: 'image',
        value: image,
        problem: problem(template),
        fix: 'Write the image pinned by digest with no template in it ("<repository>@sha256:<64 hex>"), or relax IMAGE_DIGEST with the reason the template\'s value is fixed.',
      }]);
    }
    // an enum value holding one binds nothing; the placeholders the repository or the event's commit fixes stay as written
    expect(IMAGE_DIGEST.check(task({ params: [{ name: 'image', enum: [`{{ body.image }}${DIGEST}`] }], steps: [hardenedContainer('compile', { image: '$(params.image)' })] })))
      .toHaveLength(1);
    expect(IMAGE_DIGEST.check(task({ steps: [hardenedContainer('compile', { image: `ghcr.io/{{ repo_owner }}/{{repo_name}}:{{ revision }}${DIGEST}` })] }))).toEqual([]);
  });

  test('the digest is what counts: the pinned IMAGE passes', () => {
    expect(IMAGE_DIGEST.check(task({ steps: [hardenedContainer('compile', { image: IMAGE })] }))).toEqual([]);
  });
});

describe('IMAGE_DIGEST: images chosen by params', () => {
  const PARAM_FIX = 'Write the image pinned by digest into the step ("<repository>@sha256:<64 hex>"), or relax IMAGE_DIGEST with the reason callers must choose it.';
  const finding = (image: string, problem: string) => ({
    rule: RuleId.IMAGE_DIGEST, kind: 'Task', name: 'build', location: "step 'compile'", target: 'step/compile', property: 'image', value: image, problem, fix: PARAM_FIX,
  });

  test('a param without a default, or with a tagged one: any image can run', () => {
    expect(IMAGE_DIGEST.check(task({ steps: [hardenedContainer('compile', { image: '$(params.image)' })] })))
      .toEqual([finding('$(params.image)', 'is chosen by each run through $(params.image), so any image can run')]);
    expect(IMAGE_DIGEST.check(task({ params: [{ name: 'image', default: 'alpine:3' }], steps: [hardenedContainer('compile', { image: '$(params.image)' })] })))
      .toEqual([finding('$(params.image)', 'is chosen by each run through $(params.image), so any image can run')]);
  });

  test('a param whose default is pinned: still a finding, and the message says why', () => {
    expect(IMAGE_DIGEST.check(task({ params: [{ name: 'image', default: IMAGE }], steps: [hardenedContainer('compile', { image: '$(params.image)' })] })))
      .toEqual([finding('$(params.image)', 'is chosen by each run through $(params.image): its default is pinned by digest, but a run can pass any image')]);
  });

  test('a param constrained by an enum of pinned images: Tekton refuses any other value, so it passes', () => {
    const OTHER = `docker.io/library/golang@sha256:${'d'.repeat(64)}`;
    expect(IMAGE_DIGEST.check(task({ params: [{ name: 'image', default: IMAGE, enum: [IMAGE, OTHER] }], steps: [hardenedContainer('compile', { image: '$(params.image)' })] }))).toEqual([]);
    expect(IMAGE_DIGEST.check(task({ params: [{ name: 'image', enum: [IMAGE] }], steps: [hardenedContainer('compile', { image: '$(inputs.params.image)' })] }))).toEqual([]);
    // the bracket spellings name the same param
    for (const image of ['$(params["image"])', "$(params['image'])"]) {
      expect(IMAGE_DIGEST.check(task({ params: [{ name: 'image', enum: [IMAGE, OTHER] }], steps: [hardenedContainer('compile', { image })] }))).toEqual([]);
    }
  });

  // the kubelet pulls by a sha512 or sha384 digest (distribution/reference v0.6.0, run here), as a written image pinned so passes with a command
  test('an enum of images pinned by sha512 or sha384 passes for a step with a script or a command, not for one whose entrypoint Tekton looks up', () => {
    const sha512 = `ghcr.io/org/tool@sha512:${'c'.repeat(128)}`;
    const sha384 = `ghcr.io/org/tool:1.0@sha384:${'e'.repeat(96)}`;
    const params = [{ name: 'image', enum: [sha512, sha384, IMAGE] }];
    expect(IMAGE_DIGEST.check(task({ params, steps: [hardenedContainer('compile', { image: '$(params.image)' })] }))).toEqual([]);
    expect(IMAGE_DIGEST.check(task({ params, steps: [hardenedContainer('compile', { image: '$(params.image)', script: undefined, command: ['/bin/tool'] })] }))).toEqual([]);
    // Tekton refuses a run passing another value: a run passing the sha256 value runs, one passing another fails (no image of a tag runs)
    const entrypoint = (algorithm: string) => `has a ${algorithm} digest, which Tekton cannot parse when it looks up the entrypoint of a step without a command`
      + ' (go-containerregistry\'s name.NewDigest reads sha256 digests only: "unsupported digest algorithm"), so a run passing it fails';
    expect(IMAGE_DIGEST.check(task({ params, steps: [hardenedContainer('compile', { image: '$(params.image)', script: undefined })] })).map((f) => [f.problem, f.fix]))
      .toEqual([[`is chosen by each run through $(params.image) from its enum, where "${sha512}" ${entrypoint('sha512')}; "${sha384}" ${entrypoint('sha384')}`,
        'Write those values of the enum of "image" pinned by their whole sha256 digest: "<repository>@sha256:<64 hex>", or give the step its command.']]);
    // a sha512 digest of another length, a sha256 digest in upper case, or cut short: the kubelet refuses each, whatever the step
    const short512 = `ghcr.io/org/tool@sha512:${'c'.repeat(96)}`;
    expect(IMAGE_DIGEST.check(task({ params: [{ name: 'image', enum: [short512] }], steps: [hardenedContainer('compile', { image: '$(params.image)' })] }))
      .map((f) => [f.problem, f.fix])).toEqual([[
      `is chosen by each run through $(params.image) from its enum, where "${short512}" has a digest the kubelet refuses (sha512: its reference parser reads sha256,`
        + ' sha384 and sha512 digests only, each of its length in lower-case hex), so no pod can run it: no value of the enum runs the step',
      'Write that value of the enum of "image" pinned by its whole sha256 digest: "<repository>@sha256:<64 hex>".',
    ]]);
    const upper = `ghcr.io/org/tool@sha256:${'D'.repeat(64)}`;
    const cut = `ghcr.io/org/tool@sha256:${'d'.repeat(40)}`;
    expect(IMAGE_DIGEST.check(task({ params: [{ name: 'image', enum: [IMAGE, upper, cut] }], steps: [hardenedContainer('compile', { image: '$(params.image)' })] }))
      .map((f) => f.problem)).toEqual([
      `is chosen by each run through $(params.image) from its enum, where "${upper}" has its digest in upper-case hex, which image references do not allow`
        + ` (a sha256 digest is 64 lower-case hex digits): the kubelet refuses the image, so no pod can run it; "${cut}" has a sha256 digest the kubelet refuses`
        + ' (40 hex digits: its reference parser reads a sha256 digest as 64 lower-case hex digits), so no pod can run it',
    ]);
    // the fix says what to change: the upper-case digest lowered (as for a written image), the digest cut short pinned whole
    const lowered = `ghcr.io/org/tool@sha256:${'d'.repeat(64)}`;
    expect(IMAGE_DIGEST.check(task({ params: [{ name: 'image', enum: [IMAGE, upper, cut] }], steps: [hardenedContainer('compile', { image: '$(params.image)' })] }))
      .map((f) => f.fix)).toEqual([
      `Write "${lowered}" (its digest in lower case) in the enum of "image", and "${cut}" pinned by its whole sha256 digest: "<repository>@sha256:<64 hex>".`,
    ]);
    const upper2 = `reg.io/b@sha256:${'A'.repeat(64)}`;
    expect(IMAGE_DIGEST.check(task({ params: [{ name: 'image', enum: [`reg.io/a@sha256:${'a'.repeat(64)}`, upper2] }], steps: [hardenedContainer('compile', { image: '$(params.image)' })] }))
      .map((f) => [f.problem, f.fix])).toEqual([[
      `is chosen by each run through $(params.image) from its enum, where "${upper2}" has its digest in upper-case hex, which image references do not allow`
        + ' (a sha256 digest is 64 lower-case hex digits): the kubelet refuses the image, so no pod can run it',
      `Write "reg.io/b@sha256:${'a'.repeat(64)}" (its digest in lower case) in the enum of "image".`,
    ]]);
    expect(IMAGE_DIGEST.check(task({ params: [{ name: 'image', enum: [upper, upper2] }], steps: [hardenedContainer('compile', { image: '$(params.image)' })] }))
      .map((f) => f.fix)).toEqual([`Write "${lowered}", "reg.io/b@sha256:${'a'.repeat(64)}" (their digests in lower case) in the enum of "image".`]);
    // with a value a tag picks, the enum binds nothing pinned: any content of that tag can run
    expect(IMAGE_DIGEST.check(task({ params: [{ name: 'image', enum: [short512, 'alpine:3'] }], steps: [hardenedContainer('compile', { image: '$(params.image)' })] }))
      .map((f) => f.problem)).toEqual(['is chosen by each run through $(params.image), so any image can run']);
  });

  test('a StepAction\'s enum binds nothing: Tekton never checks what a step passes to it, so the step chooses any image', () => {
    const action = { apiVersion: 'tekton.dev/v1beta1', kind: 'StepAction', metadata: { name: 'compile' }, spec: { params: [{ name: 'image', default: IMAGE, enum: [IMAGE] }], image: '$(params.image)' } };
    expect(IMAGE_DIGEST.check(action).map((f) => [f.location, f.property, f.value, f.problem])).toEqual([
      ["stepAction 'compile'", 'image', '$(params.image)', 'is chosen by each run through $(params.image): its default is pinned by digest, but a run can pass any image'],
    ]);
  });

  test('an enum with one unpinned value, an empty enum, or a param that is only part of the image: still findings', () => {
    expect(IMAGE_DIGEST.check(task({ params: [{ name: 'image', default: IMAGE, enum: [IMAGE, 'alpine:3'] }], steps: [hardenedContainer('compile', { image: '$(params.image)' })] })))
      .toEqual([finding('$(params.image)', 'is chosen by each run through $(params.image): its default is pinned by digest, but a run can pass any image')]);
    expect(IMAGE_DIGEST.check(task({ params: [{ name: 'image', default: IMAGE, enum: [] }], steps: [hardenedContainer('compile', { image: '$(params.image)' })] })))
      .toEqual([finding('$(params.image)', 'is chosen by each run through $(params.image): its default is pinned by digest, but a run can pass any image')]);
    expect(IMAGE_DIGEST.check(task({ params: [{ name: 'tag', enum: ['3.20', '3.21'] }], steps: [hardenedContainer('compile', { image: 'alpine:$(params.tag)' })] })))
      .toEqual([finding('alpine:$(params.tag)', 'is chosen by each run through $(params.tag), which picks the tag of alpine: any tag, and a tag can be moved to other content at any time')]);
  });

  test('v1alpha1-era $(inputs.params.x) and a param for the tag only', () => {
    expect(IMAGE_DIGEST.check(task({ params: [{ name: 'image', default: IMAGE }], steps: [hardenedContainer('compile', { image: '$(inputs.params.image)' })] })))
      .toEqual([finding('$(inputs.params.image)', 'is chosen by each run through $(inputs.params.image): its default is pinned by digest, but a run can pass any image')]);
    expect(IMAGE_DIGEST.check(task({ steps: [hardenedContainer('compile', { image: 'alpine:$(params.tag)' })] })))
      .toEqual([finding('alpine:$(params.tag)', 'is chosen by each run through $(params.tag), which picks the tag of alpine: any tag, and a tag can be moved to other content at any time')]);
    // a registry's port is not a tag; a substitution in the repository (or after a template) picks the image
    const problem = (image: string) => IMAGE_DIGEST.check(task({ steps: [hardenedContainer('compile', { image })] })).map((f) => f.problem);
    expect(problem('registry.example.com:5000/team/app:v$(params.v)')).toEqual([
      'is chosen by each run through $(params.v), which picks the tag of registry.example.com:5000/team/app: any tag, and a tag can be moved to other content at any time',
    ]);
    for (const image of ['registry.example.com:5000/$(params.app):1', '$(params.registry)/app:$(params.tag)', 'alpine$(params.x)', 'example.com/{{ a }}:$(params.tag)']) {
      expect(problem(image)).toEqual([`is chosen by each run through ${/\$\(params\.[a-z]+\)/.exec(image)![0]}, so any image can run`]);
    }
  });

  describe('in a pipeline task\'s taskSpec, where Tekton substitutes the PipelineRun\'s params before any enum is checked', () => {
    const OTHER = `docker.io/library/golang@sha256:${'d'.repeat(64)}`;
    const spec = taskSpec({ params: [{ name: 'image', default: IMAGE, enum: [IMAGE, OTHER] }], steps: [hardenedContainer('compile', { image: '$(params.image)' })] });
    const inPipeline = (pipeline: Record<string, any>, pipelineTask: Record<string, any> = {}) =>
      ({ apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'pipe', namespace: 'ci' }, spec: { ...pipeline, tasks: [{ name: 'build', ...pipelineTask, taskSpec: spec }] } });
    const inRun = (run: Record<string, any>, pipeline: Record<string, any> = {}) =>
      ({ apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { name: 'pipe-run', namespace: 'ci' }, spec: { ...run, pipelineSpec: { ...pipeline, tasks: [{ name: 'build', taskSpec: spec }] } } });
    const embeddedFinding = (kind: string, name: string, problem: string, fix: string) => ({
      rule: RuleId.IMAGE_DIGEST, kind, name, location: "task 'build' step 'compile'", target: 'task/build/step/compile', property: 'image', value: '$(params.image)', problem, fix,
    });
    const FIX = 'Pass "image" in params of pipeline task \'build\' (Tekton checks what it passes against the enum), or declare "image" on the pipeline with an enum of the same values; or write the image pinned by digest into the step.';

    test('a Pipeline whose task does not pass the param: any PipelineRun can give "image", declared or not, so the enum does not bind', () => {
      expect(IMAGE_DIGEST.check(inPipeline({}))).toEqual([embeddedFinding('Pipeline', 'pipe',
        'is chosen by each run through $(params.image): the task\'s enum does not bind it: pipeline task \'build\' does not pass "image", so Tekton substitutes '
        + 'a PipelineRun\'s param "image" (declared by the pipeline or not) into the inline taskSpec before any enum is checked', FIX)]);
      // passing it only in matrix does not count: propagateParams reads the pipeline task's params alone
      expect(IMAGE_DIGEST.check(inPipeline({}, { matrix: { params: [{ name: 'image', value: [IMAGE, OTHER] }] } }))).toHaveLength(1);
      // a pipeline param without an enum (or with an unpinned value in it) binds nothing either
      expect(IMAGE_DIGEST.check(inPipeline({ params: [{ name: 'image', default: IMAGE }] }))).toHaveLength(1);
      expect(IMAGE_DIGEST.check(inPipeline({ params: [{ name: 'image', enum: [IMAGE, 'alpine:3'] }] }))).toHaveLength(1);
    });

    test('the pipeline task passes the param (any value: Tekton checks it against the enum), or the pipeline\'s own enum is of pinned images: it binds', () => {
      expect(IMAGE_DIGEST.check(inPipeline({}, { params: [{ name: 'image', value: OTHER }] }))).toEqual([]);
      expect(IMAGE_DIGEST.check(inPipeline({ params: [{ name: 'img' }] }, { params: [{ name: 'image', value: '$(params.img)' }] }))).toEqual([]);
      expect(IMAGE_DIGEST.check(inPipeline({ params: [{ name: 'image', default: IMAGE, enum: [IMAGE] }] }))).toEqual([]);
      expect(IMAGE_DIGEST.check(pipelineEmbedding(spec, 'finally'))).toHaveLength(1);
    });

    test('the pipeline\'s enum holding a value whose digest is in upper case: the fix lowers it, as for the task\'s enum', () => {
      const upper = `docker.io/library/golang@sha256:${'D'.repeat(64)}`;
      expect(IMAGE_DIGEST.check(inPipeline({ params: [{ name: 'image', enum: [IMAGE, upper] }] }))).toEqual([embeddedFinding('Pipeline', 'pipe',
        'is chosen by each run through $(params.image): the pipeline\'s enum of "image", which Tekton checks a PipelineRun\'s value against, holds '
        + `"${upper}", which has its digest in upper-case hex, which image references do not allow (a sha256 digest is 64 lower-case hex digits): the kubelet `
        + 'refuses the image, so no pod can run it',
        `Write "${OTHER}" (its digest in lower case) in the enum of "image" on the pipeline; or write the image pinned by digest into the step.`)]);
      // beside a value a tag picks, the enum binds nothing pinned: the plain finding
      expect(IMAGE_DIGEST.check(inPipeline({ params: [{ name: 'image', enum: [upper, 'alpine:3'] }] }))[0].fix).toBe(FIX);
    });

    test('a PipelineRun\'s own pipelineSpec: what the run gives, else the pipeline\'s default, takes the param\'s place', () => {
      expect(IMAGE_DIGEST.check(inRun({}))).toEqual([]);
      expect(IMAGE_DIGEST.check(inRun({ params: [{ name: 'image', value: OTHER }] }))).toEqual([]);
      expect(IMAGE_DIGEST.check(inRun({ params: [{ name: 'image', value: 'alpine:3' }] }))).toEqual([embeddedFinding('PipelineRun', 'pipe-run',
        'is chosen by each run through $(params.image): the task\'s enum does not bind it: pipeline task \'build\' does not pass "image" and the run gives "image" "alpine:3", '
        + 'which Tekton substitutes into the inline taskSpec before any enum is checked', FIX)]);
      expect(IMAGE_DIGEST.check(inRun({}, { params: [{ name: 'image', default: 'alpine:3' }] }))).toEqual([embeddedFinding('PipelineRun', 'pipe-run',
        'is chosen by each run through $(params.image): the task\'s enum does not bind it: pipeline task \'build\' does not pass "image" and the pipeline\'s default of "image" is "alpine:3", '
        + 'which Tekton substitutes into the inline taskSpec before any enum is checked', FIX)]);
      expect(IMAGE_DIGEST.check(inRun({ params: [{ name: 'image', value: '$(tt.params.image)' }] }))).toHaveLength(1);
    });

    test('a pipeline task that passes a whole array of the run (`$(params.images[*])`) gives its TaskRun the run\'s array, not the task\'s pinned default', () => {
      const images = (run: string[]) => ({
        apiVersion: 'tekton.dev/v1',
        kind: 'PipelineRun',
        metadata: { name: 'pipe-run', namespace: 'ci' },
        spec: {
          params: [{ name: 'images', value: run }],
          pipelineSpec: {
            params: [{ name: 'images', type: 'array' }],
            tasks: [{
              name: 'build',
              params: [{ name: 'img', value: '$(params.images[*])' }],
              taskSpec: taskSpec({ params: [{ name: 'img', type: 'array', default: [IMAGE] }], steps: [hardenedContainer('compile', { image: '$(params.img[0])' })] }),
            }],
          },
        },
      });
      expect(IMAGE_DIGEST.check(images(['alpine:3']))).toEqual([{
        rule: RuleId.IMAGE_DIGEST,
        kind: 'PipelineRun',
        name: 'pipe-run',
        location: "task 'build' step 'compile'",
        target: 'task/build/step/compile',
        property: 'image',
        value: '$(params.img[0])',
        problem: 'is chosen by each run through $(params.img[0]), so any image can run',
        fix: 'Write the image pinned by digest into the step ("<repository>@sha256:<64 hex>"), or relax IMAGE_DIGEST with the reason callers must choose it.',
      }]);
    });

    test('a pipeline task that passes a whole object of the pipeline (`$(params.tools[*])`) replaces the keys of the pipeline\'s pinned object of that name', () => {
      const run = {
        apiVersion: 'tekton.dev/v1',
        kind: 'PipelineRun',
        metadata: { name: 'pipe-run', namespace: 'ci' },
        spec: {
          pipelineSpec: {
            params: [
              { name: 'tools', type: 'object', properties: { image: {} }, default: { image: 'alpine:3' } },
              { name: 'build', type: 'object', properties: { image: {} }, default: { image: IMAGE } },
            ],
            tasks: [{
              name: 'build',
              params: [{ name: 'build', value: '$(params.tools[*])' }],
              taskSpec: taskSpec({ params: [{ name: 'build', type: 'object', properties: { image: {} } }], steps: [hardenedContainer('compile', { image: '$(params.build.image)' })] }),
            }],
          },
        },
      };
      expect(IMAGE_DIGEST.check(run)).toEqual([{
        rule: RuleId.IMAGE_DIGEST,
        kind: 'PipelineRun',
        name: 'pipe-run',
        location: "task 'build' step 'compile'",
        target: 'task/build/step/compile',
        property: 'image',
        value: '$(params.build.image)',
        problem: 'is chosen by each run through $(params.build.image), so any image can run',
        fix: 'Write the image pinned by digest into the step ("<repository>@sha256:<64 hex>"), or relax IMAGE_DIGEST with the reason callers must choose it.',
      }]);
    });

    test('a pipeline enum value or a run\'s value with a digest after a template pasted into the YAML before it is read does not bind the enum', () => {
      const pasted = `{{ body.image }}@sha256:${'d'.repeat(64)}`;
      expect(IMAGE_DIGEST.check(inPipeline({ params: [{ name: 'image', default: IMAGE, enum: [IMAGE, pasted] }] }))).toHaveLength(1);
      expect(IMAGE_DIGEST.check(inRun({ params: [{ name: 'image', value: pasted }] }))).toEqual([embeddedFinding('PipelineRun', 'pipe-run',
        `is chosen by each run through $(params.image): the task's enum does not bind it: pipeline task 'build' does not pass "image" and the run gives "image" "${pasted}", `
        + 'which Tekton substitutes into the inline taskSpec before any enum is checked', FIX)]);
    });

    test('a pipeline task\'s own pipelineSpec is run with that task\'s params', () => {
      const nested = (params: any[]) => ({ apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'pipe', namespace: 'ci' }, spec: { params: [{ name: 'img' }], tasks: [{ name: 'outer', params, pipelineSpec: { tasks: [{ name: 'build', taskSpec: spec }] } }] } });
      expect(IMAGE_DIGEST.check(nested([]))).toEqual([]);
      expect(IMAGE_DIGEST.check(nested([{ name: 'image', value: '$(params.img)' }])).map((f) => f.problem)).toEqual([
        'is chosen by each run through $(params.image): the task\'s enum does not bind it: pipeline task \'build\' does not pass "image" and the run gives "image" "$(params.img)", '
        + 'which Tekton substitutes into the inline taskSpec before any enum is checked',
      ]);
    });

    test('a pipeline task\'s own pipelineSpec given a whole array of the pipeline around it: the inner pipeline\'s pinned default does not take its place', () => {
      const inner = (value: unknown) => ({
        apiVersion: 'tekton.dev/v1',
        kind: 'Pipeline',
        metadata: { name: 'pipe', namespace: 'ci' },
        spec: {
          params: [{ name: 'all', type: 'array' }],
          tasks: [{
            name: 'outer',
            params: [{ name: 'images', value }],
            pipelineSpec: {
              params: [{ name: 'images', type: 'array', default: [IMAGE] }],
              tasks: [{ name: 'build', taskSpec: taskSpec({ steps: [hardenedContainer('compile', { image: '$(params.images[0])' })] }) }],
            },
          }],
        },
      });
      expect(IMAGE_DIGEST.check(inner('$(params.all[*])')).map((f) => [f.location, f.target, f.value, f.problem])).toEqual([
        ["task 'outer' task 'build' step 'compile'", 'task/outer/task/build/step/compile', '$(params.images[0])', 'is chosen by each run through $(params.images[0]), so any image can run'],
      ]);
      // the array the outer task passes, pinned: known
      expect(IMAGE_DIGEST.check(inner([IMAGE]))).toEqual([]);
    });

    test('a custom task\'s spec: its enum binds nothing', () => {
      const custom = { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'pipe', namespace: 'ci' }, spec: { tasks: [{ name: 'build', params: [{ name: 'image', value: IMAGE }], taskSpec: { apiVersion: 'example.dev/v1', kind: 'Runner', spec } }] } };
      expect(IMAGE_DIGEST.check(custom)).toEqual([embeddedFinding('Pipeline', 'pipe',
        'is chosen by each run through $(params.image): the enum of a custom task\'s spec binds nothing: Tekton checks no value its controller is given against it',
        'Write the value into the spec, or give the custom task a param its controller checks; or write the image pinned by digest into the step.')]);
    });
  });

  describe('without an enum, where the run in the same manifest fixes the param (its params are given once, when it is created)', () => {
    const OTHER = `docker.io/library/golang@sha256:${'d'.repeat(64)}`;
    const spec = (params: any[] = [{ name: 'image' }]) => taskSpec({ params, steps: [hardenedContainer('compile', { image: '$(params.image)' })] });
    const inRun = (run: Record<string, any>, pipeline: Record<string, any> = {}, pipelineTask: Record<string, any> = {}, taskParams?: any[]) =>
      ({ apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { name: 'pipe-run', namespace: 'ci' }, spec: { ...run, pipelineSpec: { ...pipeline, tasks: [{ name: 'build', ...pipelineTask, taskSpec: spec(taskParams) }] } } });
    const inTaskRun = (params: any[] | undefined, taskParams?: any[]) =>
      ({ apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name: 'build-run', namespace: 'ci' }, spec: { ...(params ? { params } : {}), taskSpec: spec(taskParams) } });
    const problems = (m: any) => IMAGE_DIGEST.check(m).map((f) => [f.location, f.problem, f.fix]);

    test('a PipelineRun\'s own pipelineSpec: the run\'s value (declared by the pipeline or not), else the pipeline\'s default, else the task\'s', () => {
      expect(IMAGE_DIGEST.check(inRun({ params: [{ name: 'image', value: OTHER }] }))).toEqual([]);
      expect(IMAGE_DIGEST.check(inRun({ params: [{ name: 'image', value: OTHER }] }, { params: [{ name: 'image', default: 'alpine:3' }] }))).toEqual([]);
      expect(IMAGE_DIGEST.check(inRun({}, { params: [{ name: 'image', default: OTHER }] }))).toEqual([]);
      expect(IMAGE_DIGEST.check(inRun({}, {}, {}, [{ name: 'image', default: OTHER }]))).toEqual([]);
      expect(problems(inRun({ params: [{ name: 'image', value: 'ubuntu' }] }))).toEqual([[
        "task 'build' step 'compile'",
        'is $(params.image), and the run gives "image" "ubuntu", which is not pinned by digest',
        'Give "image" the image pinned by digest: "ubuntu@sha256:<64 hex>".',
      ]]);
      expect(problems(inRun({}, { params: [{ name: 'image', default: 'alpine:3' }] }, {}, [{ name: 'image', default: OTHER }]))).toEqual([[
        "task 'build' step 'compile'",
        'is $(params.image), and the pipeline\'s default of "image" is "alpine:3", which is not pinned by digest',
        'Give "image" the image pinned by digest: "alpine@sha256:<64 hex>".',
      ]]);
    });

    test('a value pinned by sha512 passes for a step with a script (the kubelet pulls by it), as written in the step', () => {
      const sha512 = `ghcr.io/org/tool@sha512:${'c'.repeat(128)}`;
      expect(IMAGE_DIGEST.check(inTaskRun([{ name: 'image', value: sha512 }]))).toEqual([]);
      expect(IMAGE_DIGEST.check(inRun({ params: [{ name: 'image', value: sha512 }] }))).toEqual([]);
      expect(problems(inTaskRun([{ name: 'image', value: `ghcr.io/org/tool@sha512:${'c'.repeat(127)}` }]))).toEqual([[
        "step 'compile'",
        `is $(params.image), and the TaskRun gives "image" "ghcr.io/org/tool@sha512:${'c'.repeat(127)}", which has a digest the kubelet refuses (sha512: its `
          + 'reference parser reads sha256, sha384 and sha512 digests only, each of its length in lower-case hex), so no pod can run it',
        'Give "image" the image pinned by its whole digest: "ghcr.io/org/tool@sha256:<64 hex>".',
      ]]);
      // a sha256 digest of another length, and an md5 one, given by the run: refused by the kubelet too, as written in the step
      expect(problems(inTaskRun([{ name: 'image', value: 'ghcr.io/org/tool@sha256:abc' }])).map((p) => p[1])).toEqual([
        'is $(params.image), and the TaskRun gives "image" "ghcr.io/org/tool@sha256:abc", which has a sha256 digest the kubelet refuses (3 hex digits: '
          + 'its reference parser reads a sha256 digest as 64 lower-case hex digits), so no pod can run it',
      ]);
      expect(problems(inTaskRun([{ name: 'image', value: `ghcr.io/org/tool@md5:${'a'.repeat(32)}` }])).map((p) => p[1])).toEqual([
        `is $(params.image), and the TaskRun gives "image" "ghcr.io/org/tool@md5:${'a'.repeat(32)}", which has a digest the kubelet refuses (md5: its `
          + 'reference parser reads sha256, sha384 and sha512 digests only, each of its length in lower-case hex), so no pod can run it',
      ]);
    });

    test('a value pinned by sha512 for a step without a command: every run fails (Tekton\'s entrypoint lookup reads sha256 only), not "not pinned"', () => {
      const sha512 = `registry.example.com/tool@sha512:${'c'.repeat(128)}`;
      const bare = (m: any) => { m.spec.taskSpec.steps[0] = { ...m.spec.taskSpec.steps[0], script: undefined, args: ['--version'] }; return m; };
      const entrypoint = 'which has a sha512 digest, which Tekton cannot parse when it looks up the entrypoint of a step without a command (go-containerregistry\'s '
        + 'name.NewDigest reads sha256 digests only: "unsupported digest algorithm"), so every run fails';
      expect(problems(bare(inTaskRun([{ name: 'image', value: sha512 }])))).toEqual([[
        "step 'compile'",
        `is $(params.image), and the TaskRun gives "image" "${sha512}", ${entrypoint}`,
        'Give "image" the image pinned by its sha256 digest: "registry.example.com/tool@sha256:<64 hex>", or give the step its command.',
      ]]);
      // the digest pasted after a repository the step writes
      const pasted = inTaskRun([{ name: 'tag', value: `@sha512:${'c'.repeat(128)}` }], [{ name: 'tag' }]);
      pasted.spec.taskSpec.steps[0] = { ...pasted.spec.taskSpec.steps[0], image: 'registry.example.com/tool$(params.tag)', script: undefined, args: ['--version'] };
      expect(problems(pasted)).toEqual([[
        "step 'compile'",
        `becomes "${sha512}" with the params the run in this manifest gives, ${entrypoint}`,
        'Pin the image by its sha256 digest, in the step or the run\'s params, so that it is "registry.example.com/tool@sha256:<64 hex>", or give the step its command.',
      ]]);
      // with a command, the same values pass
      const withCommand = bare(inTaskRun([{ name: 'image', value: sha512 }]));
      withCommand.spec.taskSpec.steps[0].command = ['/bin/tool'];
      expect(problems(withCommand)).toEqual([]);
    });

    test('a value the kubelet cannot parse the name of, before a digest it reads: the pod never starts', () => {
      const digest = `@sha256:${'d'.repeat(64)}`;
      expect(problems(inTaskRun([{ name: 'image', value: `docker.io/Library/golang${digest}` }]))).toEqual([[
        "step 'compile'",
        `is $(params.image), and the TaskRun gives "image" "docker.io/Library/golang${digest}", which has upper-case letters in its repository path ("Library/golang"): `
          + 'the kubelet refuses the image (ErrInvalidImageName: the pod never starts)',
        `Give "image" the image as its registry names it: "docker.io/library/golang${digest}".`,
      ]]);
      expect(problems(inRun({ params: [{ name: 'image', value: `https://ghcr.io/org/tool${digest}` }] })).map((p) => p[1])).toEqual([
        `is $(params.image), and the run gives "image" "https://ghcr.io/org/tool${digest}", which has a URL scheme ("https://") before its name: `
          + 'the kubelet refuses the image (ErrInvalidImageName: the pod never starts)',
      ]);
      // a digest the run pastes after a name the step writes
      const pasted = inTaskRun([{ name: 'digest', value: digest.slice(1) }], [{ name: 'digest' }]);
      pasted.spec.taskSpec.steps[0].image = 'docker.io/Library/golang:1.22@$(params.digest)';
      expect(problems(pasted)).toEqual([[
        "step 'compile'",
        `becomes "docker.io/Library/golang:1.22${digest}" with the params the run in this manifest gives, which has upper-case letters in its repository path ("Library/golang"): `
          + 'the kubelet refuses the image (ErrInvalidImageName: the pod never starts)',
        `Write the image, in the step or the run's params, so that it is as its registry names it: "docker.io/library/golang:1.22${digest}".`,
      ]]);
      // the fixes, as written
      expect(problems(inTaskRun([{ name: 'image', value: `docker.io/library/golang${digest}` }]))).toEqual([]);
      pasted.spec.taskSpec.steps[0].image = 'docker.io/library/golang:1.22@$(params.digest)';
      expect(problems(pasted)).toEqual([]);
      // a param before a written digest keeps its reading: the digest stays whatever the param gives (here an empty tag)
      const tagged = inTaskRun([{ name: 'tag', value: '' }], [{ name: 'tag' }]);
      tagged.spec.taskSpec.steps[0].image = `docker.io/library/golang:$(params.tag)${digest}`;
      expect(problems(tagged)).toEqual([]);
    });

    test('the pipeline task passes the param: its value, a $(params.x) in it read at the pipeline level', () => {
      expect(IMAGE_DIGEST.check(inRun({ params: [{ name: 'image', value: 'alpine:3' }] }, {}, { params: [{ name: 'image', value: OTHER }] }))).toEqual([]);
      expect(IMAGE_DIGEST.check(inRun({ params: [{ name: 'img', value: OTHER }] }, {}, { params: [{ name: 'image', value: '$(params.img)' }] }))).toEqual([]);
      expect(problems(inRun({ params: [{ name: 'img', value: 'alpine:3' }] }, {}, { params: [{ name: 'image', value: '$(params.img)' }] }))).toEqual([[
        "task 'build' step 'compile'",
        'is $(params.image), and pipeline task \'build\' passes "image" $(params.img), and the run gives "img" "alpine:3", which is not pinned by digest',
        'Give "image" the image pinned by digest: "alpine@sha256:<64 hex>".',
      ]]);
    });

    test('a param the pipeline task\'s matrix names is the matrix\'s value, not the task\'s pinned default', () => {
      const matrix = { matrix: { params: [{ name: 'image', value: ['alpine:3', 'ubuntu'] }] } };
      expect(problems(inRun({}, {}, matrix, [{ name: 'image', default: OTHER }]))).toEqual([[
        "task 'build' step 'compile'",
        'is chosen by each run through $(params.image): its default is pinned by digest, but a run can pass any image',
        'Write the image pinned by digest into the step ("<repository>@sha256:<64 hex>"), or relax IMAGE_DIGEST with the reason callers must choose it.',
      ]]);
    });

    test('a run\'s value with a digest after a template pasted into the YAML before it is read is not pinned', () => {
      const value = `{{ body.image }}@sha256:${'d'.repeat(64)}`;
      expect(problems(inRun({ params: [{ name: 'image', value }] }))).toEqual([[
        "task 'build' step 'compile'",
        `is $(params.image), and the run gives "image" "${value}", which holds {{ body.image }}: that is pasted into the YAML before it is read, and its text can end the value there, so the digest after it may not be part of it`,
        'Give "image" the image pinned by digest with no template in it: "<repository>@sha256:<64 hex>".',
      ]]);
      // the placeholders the repository or the event's commit fixes stay as written
      expect(IMAGE_DIGEST.check(inRun({ params: [{ name: 'image', value: `quay.io/{{ repo_owner }}/{{repo_name}}@sha256:${'d'.repeat(64)}` }] }))).toEqual([]);
    });

    test('a run\'s value with a digest in upper-case hex, which the kubelet refuses: the fix lower-cases it', () => {
      const value = `golang@sha256:${'D'.repeat(64)}`;
      expect(problems(inRun({ params: [{ name: 'image', value }] }))).toEqual([[
        "task 'build' step 'compile'",
        `is $(params.image), and the run gives "image" "${value}", which has its digest in upper-case hex, which image references do not allow (a sha256 digest is `
          + '64 lower-case hex digits): the kubelet refuses the image, so no pod can run it',
        `Give "image" the digest in lower case: "golang@sha256:${'d'.repeat(64)}".`,
      ]]);
    });

    test('a TaskRun\'s own taskSpec: the TaskRun\'s value, else the task\'s default', () => {
      expect(IMAGE_DIGEST.check(inTaskRun([{ name: 'image', value: OTHER }]))).toEqual([]);
      expect(IMAGE_DIGEST.check(inTaskRun(undefined, [{ name: 'image', default: OTHER }]))).toEqual([]);
      expect(problems(inTaskRun([{ name: 'image', value: 'alpine:3' }], [{ name: 'image', default: OTHER }]))).toEqual([[
        "step 'compile'",
        'is $(params.image), and the TaskRun gives "image" "alpine:3", which is not pinned by digest',
        'Give "image" the image pinned by digest: "alpine@sha256:<64 hex>".',
      ]]);
    });

    test('an image built of text and params the run fixes is judged as Tekton writes it', () => {
      const partial = (image: string, params: any[]) => ({
        apiVersion: 'tekton.dev/v1',
        kind: 'TaskRun',
        metadata: { name: 'build-run', namespace: 'ci' },
        spec: { params, taskSpec: taskSpec({ params: params.map((p) => ({ name: p.name })), steps: [hardenedContainer('compile', { image })] }) },
      });
      expect(problems(partial('busybox:$(params.tag)', [{ name: 'tag', value: 'latest' }]))).toEqual([[
        "step 'compile'",
        'becomes "busybox:latest" with the params the run in this manifest gives, which is not pinned by digest',
        'Write the image pinned by digest into the step: "busybox@sha256:<64 hex>".',
      ]]);
      // every spelling Tekton replaces: bracket notation, v1beta1's inputs.params
      for (const image of ['busybox:$(params["tag"])', "busybox:$(params['tag'])", 'busybox:$(inputs.params.tag)']) {
        expect(problems(partial(image, [{ name: 'tag', value: 'latest' }])).map((p) => p[1]))
          .toEqual(['becomes "busybox:latest" with the params the run in this manifest gives, which is not pinned by digest']);
      }
      // a digest the run fixes, after a fixed repository: pinned as Tekton writes it
      expect(problems(partial('busybox@$(params.digest)', [{ name: 'digest', value: `sha256:${'d'.repeat(64)}` }]))).toEqual([]);
      // a sha512 digest of another length the run fixes: the kubelet refuses the image Tekton writes
      expect(problems(partial('busybox@$(params.digest)', [{ name: 'digest', value: `sha512:${'d'.repeat(64)}` }]))).toEqual([[
        "step 'compile'",
        `becomes "busybox@sha512:${'d'.repeat(64)}" with the params the run in this manifest gives, which has a digest the kubelet refuses (sha512: its `
          + 'reference parser reads sha256, sha384 and sha512 digests only, each of its length in lower-case hex), so no pod can run it',
        'Write the image pinned by its whole digest into the step: "busybox@sha256:<64 hex>".',
      ]]);
      // in upper-case hex in the run's value: the kubelet refuses the image Tekton writes, which no tag fixes
      for (const [image, digest] of [['busybox@$(params.digest)', `sha256:${'D'.repeat(64)}`], ['$(params.repo)@$(params.digest)', `sha256:${'d'.repeat(63)}F`]]) {
        const written = image.replace('$(params.digest)', digest).replace('$(params.repo)', 'busybox');
        expect(problems(partial(image, [{ name: 'digest', value: digest }, { name: 'repo', value: 'busybox' }]))).toEqual([[
          "step 'compile'",
          `becomes "${written}" with the params the run in this manifest gives, which has its digest in upper-case hex, which image references do not allow `
            + '(a sha256 digest is 64 lower-case hex digits): the kubelet refuses the image, so no pod can run it',
          `Write the digest in lower case, in the step or the run's params, so that the image is "${written.toLowerCase()}".`,
        ]]);
      }
      // the fix, with a digest for <64 hex>, passes
      expect(IMAGE_DIGEST.check(partial(`busybox@sha256:${'d'.repeat(64)}`, [{ name: 'tag', value: 'latest' }]))).toEqual([]);
      expect(IMAGE_DIGEST.check(partial('$(params.repo)@$(params.digest)', [{ name: 'repo', value: 'docker.io/library/golang' }, { name: 'digest', value: `sha256:${'d'.repeat(64)}` }]))).toEqual([]);
      expect(problems(partial('{{ repo }}@$(params.digest)', [{ name: 'digest', value: `sha256:${'d'.repeat(64)}` }]))).toEqual([[
        "step 'compile'",
        `becomes "{{ repo }}@sha256:${'d'.repeat(64)}" with the params the run in this manifest gives, which holds {{ repo }}: that is pasted into the YAML before it is read, and its text can end the value there, so the digest after it may not be part of it`,
        'Write the image pinned by digest into the step, with no template in it: "<repository>@sha256:<64 hex>".',
      ]]);
      // one part a caller still chooses: the run fixes only the digest
      const onlyDigest = partial('$(params.repo)@$(params.digest)', [{ name: 'digest', value: `sha256:${'d'.repeat(64)}` }]);
      onlyDigest.spec.taskSpec.params.push({ name: 'repo' });
      expect(IMAGE_DIGEST.check(onlyDigest).map((f) => f.problem)).toEqual(['is chosen by each run through $(params.repo), so any image can run']);
    });

    test('still chosen by each run: a value an event chooses ($(tt.params.x)), an unresolved reference, a Pipeline or a Task alone', () => {
      const chosen = 'is chosen by each run through $(params.image), so any image can run';
      expect(IMAGE_DIGEST.check(inRun({ params: [{ name: 'image', value: '$(tt.params.image)' }] })).map((f) => f.problem)).toEqual([chosen]);
      expect(IMAGE_DIGEST.check(inTaskRun([{ name: 'image', value: '$(tt.params.image)' }])).map((f) => f.problem)).toEqual([chosen]);
      expect(IMAGE_DIGEST.check(inRun({}, {}, { params: [{ name: 'image', value: '$(params.img)' }] })).map((f) => f.problem)).toEqual([chosen]);
      expect(IMAGE_DIGEST.check(inRun({})).map((f) => f.problem)).toEqual([chosen]);
      expect(IMAGE_DIGEST.check(pipelineEmbedding(spec([{ name: 'image', default: OTHER }]))).map((f) => f.problem))
        .toEqual(['is chosen by each run through $(params.image): its default is pinned by digest, but a run can pass any image']);
    });
  });

  test('a digest written after a param-chosen repository is pinned', () => {
    expect(IMAGE_DIGEST.check(task({ steps: [hardenedContainer('compile', { image: `$(params.registry)/tool@sha256:${'c'.repeat(64)}` })] }))).toEqual([]);
  });

  test('non-compliant: a digest with no repository before it names no image to pull', () => {
    const image = `@sha256:${'a'.repeat(64)}`;
    expect(IMAGE_DIGEST.check(task({ steps: [hardenedContainer('s', { image })] })).map((f) => [f.property, f.value, f.problem, f.fix])).toEqual([
      ['image', image, 'names no repository before its digest, so no pod can pull it', 'Write the repository the digest is of: "<repository>@sha256:<64 hex>".'],
    ]);
    expect(IMAGE_DIGEST.check(task({ steps: [hardenedContainer('s', { image: ` ${image}` })] })).map((f) => f.problem)).toEqual(['names no repository before its digest, so no pod can pull it']);
  });
});

describe('IMAGE_DIGEST on fields of another type', () => {
  test('a step and a sidecar whose names are maps with a toString key: their unpinned images are findings, without throwing', () => {
    const odd = JSON.parse('{"toString": "x"}');
    const t = task({ steps: [{ ...hardenedContainer('s'), name: odd, image: 'alpine' }], sidecars: [{ ...hardenedContainer('c'), name: odd, image: 'alpine' }] });
    expect(IMAGE_DIGEST.check(t).map((f) => [f.location, f.value])).toEqual([["step '[object Object]'", 'alpine'], ["sidecar '[object Object]'", 'alpine']]);
  });
});
