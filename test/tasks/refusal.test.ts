import { Chart, Testing } from 'cdk8s';
import { ContainerBuild, Deploy, GitClone, ImagePush, RuleId } from '../../src';
import { requirePinnedImage, taskRefusal } from '../../src/tasks/refusal';

describe('task refusals', () => {
  test('name the path the task is about to have, below its scope', () => {
    const c = new Chart(Testing.app(), 'release');
    const e = taskRefusal(c, 'git-clone', 'GitClone', { property: 'depth', value: '-1', problem: 'is negative', rule: RuleId.VALID_SPEC, fix: 'Use 1.' });
    expect(e.message).toBe('GitClone \'release/git-clone\': depth "-1" is negative [VALID_SPEC]. Use 1.');
    expect([e.path, e.rule]).toEqual(['release/git-clone', RuleId.VALID_SPEC]);
  });

  test('an image prop is pinned by digest or left out; an empty one has no repository to suggest', () => {
    const c = new Chart(Testing.app(), 'release');
    const pinned = `ghcr.io/example/tool@sha256:${'a'.repeat(64)}`;
    expect(() => requirePinnedImage(c, 'task', 'GitClone', 'gitImage', undefined)).not.toThrow();
    expect(() => requirePinnedImage(c, 'task', 'GitClone', 'gitImage', pinned)).not.toThrow();
    expect(() => requirePinnedImage(c, 'task', 'GitClone', 'gitImage', `${pinned.toUpperCase()}`)).toThrow(/gitImage ".*" is not pinned by digest \[IMAGE_DIGEST\]/);
    expect(() => requirePinnedImage(c, 'task', 'GitClone', 'gitImage', '')).toThrow(
      'GitClone \'release/task\': gitImage "" is not pinned by digest [IMAGE_DIGEST]. Pin it as "<repository>@sha256:<64 hex>" (the digest of the image you mean), or leave gitImage out for the pinned default.',
    );
  });

  // the kubelet pulls by sha384 and sha512 digests (distribution/reference v0.6.0, run here); one of another length pins nothing
  test('an image prop pinned by sha512 or sha384 is pinned; one of another length is not, and a bad reference before it is refused', () => {
    const c = new Chart(Testing.app(), 'release');
    expect(() => requirePinnedImage(c, 'task', 'ImagePush', 'craneImage', `ghcr.io/example/crane@sha512:${'b'.repeat(128)}`)).not.toThrow();
    expect(() => requirePinnedImage(c, 'task', 'ImagePush', 'craneImage', `ghcr.io/example/crane@sha512:${'b'.repeat(96)}`)).toThrow(
      `ImagePush 'release/task': craneImage "ghcr.io/example/crane@sha512:${'b'.repeat(96)}" is not pinned by digest [IMAGE_DIGEST]. Pin it as `
      + '"ghcr.io/example/crane@sha256:<64 hex>" (the digest of the image you mean), or leave craneImage out for the pinned default.',
    );
    expect(() => requirePinnedImage(c, 'task', 'ImagePush', 'craneImage', `ghcr.io/Example/crane@sha512:${'b'.repeat(128)}`)).toThrow(
      `ImagePush 'release/task': craneImage "ghcr.io/Example/crane@sha512:${'b'.repeat(128)}" has upper-case letters in its repository path ("Example/crane"): `
      + 'the kubelet refuses the image (ErrInvalidImageName: the pod never starts) [VALID_SPEC]. Give the image as its registry names it: '
      + `"ghcr.io/example/crane@sha512:${'b'.repeat(128)}", or leave craneImage out for the pinned default.`,
    );
  });

  test('the tasks take an image prop pinned by sha512: each step that runs it has a command or a script, so it synthesizes, and the image is as given', () => {
    const sha512 = `ghcr.io/example/tool@sha512:${'b'.repeat(128)}`;
    const tasks: Array<[string, (c: Chart) => void]> = [
      ['push', (c) => new ImagePush(c, 'task', { craneImage: sha512 })],
      ['apply', (c) => new Deploy(c, 'task', { objects: [{ resource: 'configmaps', name: 'app-config' }], kubectlImage: sha512 })],
      ['clone', (c) => new GitClone(c, 'task', { gitImage: sha512 })],
      ['build', (c) => new ContainerBuild(c, 'task', { kanikoImage: sha512 })],
    ];
    for (const [step, make] of tasks) {
      const c = new Chart(Testing.app(), 'release', { namespace: 'ci' });
      make(c);
      const steps = Testing.synth(c).filter((o: any) => o.kind === 'Task').flatMap((t: any) => t.spec.steps).filter((s: any) => s.image === sha512);
      expect([step, steps.some((s: any) => s.name === step), steps.every((s: any) => s.command?.length > 0 || s.script)]).toEqual([step, true, true]);
    }
  });

  test('a pinned image prop is a reference a pod can pull: no spaces, upper-case repository or substitution', () => {
    const c = new Chart(Testing.app(), 'release');
    const digest = 'a'.repeat(64);
    expect(() => requirePinnedImage(c, 'task', 'ContainerBuild', 'kanikoImage', `gcr.io/x y@sha256:${digest}`)).toThrow(
      `ContainerBuild 'release/task': kanikoImage "gcr.io/x y@sha256:${digest}" has a blank in its name ("gcr.io/x y"): the kubelet refuses the image `
      + '(ErrInvalidImageName: the pod never starts) [VALID_SPEC]. Give the image as its registry names it, e.g. '
      + '"ghcr.io/example/tool@sha256:<64 hex>", or leave kanikoImage out for the pinned default.',
    );
    expect(() => requirePinnedImage(c, 'task', 'ContainerBuild', 'kanikoImage', ` ghcr.io/x@sha256:${digest}`)).toThrow(
      `ContainerBuild 'release/task': kanikoImage " ghcr.io/x@sha256:${digest}" has a blank before its name (" ghcr.io/x"): the API server refuses the pod `
      + '(its image "must not have leading or trailing whitespace"), so the pod never starts [VALID_SPEC]. Give the image as its registry names it: '
      + `"ghcr.io/x@sha256:${digest}", or leave kanikoImage out for the pinned default.`,
    );
    // upper case in the path, with the digest in upper-case hex or not: the fix lower-cases both
    for (const hex of [digest, digest.toUpperCase()]) {
      expect(() => requirePinnedImage(c, 'task', 'ContainerBuild', 'kanikoImage', `ghcr.io/Example/Tool@sha256:${hex}`)).toThrow(
        `ContainerBuild 'release/task': kanikoImage "ghcr.io/Example/Tool@sha256:${hex}" has upper-case letters in its repository path ("Example/Tool"): `
        + 'the kubelet refuses the image (ErrInvalidImageName: the pod never starts) [VALID_SPEC]. Give the image as its registry names it: '
        + `"ghcr.io/example/tool@sha256:${digest}", or leave kanikoImage out for the pinned default.`,
      );
    }
    // a Tekton substitution is in no image name, whatever the case of the digest after it
    for (const bad of [`$(params.dockerfile)@sha256:${digest}`, `ghcr.io/$(params.tool)@sha256:${digest.toUpperCase()}`]) {
      expect(() => requirePinnedImage(c, 'task', 'ContainerBuild', 'kanikoImage', bad)).toThrow(
        `ContainerBuild 'release/task': kanikoImage "${bad}" is not an image reference ([registry[:port]/]repository[:tag]@sha256:<64 hex>, `
        + 'lower-case, without spaces or substitutions), so no pod can pull it [VALID_SPEC]. Give the image as the registry names it, e.g. '
        + '"ghcr.io/example/tool@sha256:<64 hex>", or leave kanikoImage out for the pinned default.',
      );
    }
    // a plain JavaScript caller's value that is no string: a refusal, not a TypeError
    expect(() => requirePinnedImage(c, 'task', 'ImagePush', 'craneImage', 5 as any)).toThrow(
      "ImagePush 'release/task': craneImage \"5\" is a number, not an image reference ([registry[:port]/]repository[:tag]@sha256:<64 hex>, "
      + 'lower-case, without spaces or substitutions), so no pod can pull it [VALID_SPEC]. Give the image as the registry names it, e.g. '
      + '"ghcr.io/example/tool@sha256:<64 hex>", or leave craneImage out for the pinned default.',
    );
    // a digest in upper-case hex: the kubelet's reference parser refuses it, so the fix is to lower-case it, not to pin
    expect(() => requirePinnedImage(c, 'task', 'ContainerBuild', 'kanikoImage', `gcr.io/x/kaniko:v1@sha256:${'A'.repeat(64)}`)).toThrow(
      `ContainerBuild 'release/task': kanikoImage "gcr.io/x/kaniko:v1@sha256:${'A'.repeat(64)}" has its digest in upper-case hex, which image references do not allow `
      + '(a sha256 digest is 64 lower-case hex digits): the kubelet refuses the image, so no pod can run it [VALID_SPEC]. '
      + `Write the digest in lower case: "gcr.io/x/kaniko:v1@sha256:${digest}".`,
    );
    for (const good of [`alpine@sha256:${digest}`, `localhost:5000/team/tool:v1.2@sha256:${digest}`, `registry.k8s.io/kubectl:v1.31.2@sha256:${digest}`,
      `ghcr.io/example/tool@sha512:${'b'.repeat(128)}`, `ghcr.io/example/tool:v1@sha384:${'c'.repeat(96)}`]) {
      expect(() => requirePinnedImage(c, 'task', 'ContainerBuild', 'kanikoImage', good)).not.toThrow();
    }
  });
  // the image props are read as the kubelet reads them (distribution/reference v0.6.0 ParseNormalizedNamed, run here on every row), which
  // differs from the library's former pattern on these edges: an IPv6 registry is pulled from; a path over 255 characters (Docker Hub's
  // "library/" counted) and a registry label starting or ending with "-" are refused ("repository name must not be more than 255
  // characters", "invalid reference format")
  const D = `@sha256:${'a'.repeat(64)}`;
  const REFUSES = 'the kubelet refuses the image (ErrInvalidImageName: the pod never starts) [VALID_SPEC]. Give the image as its registry names it, e.g. '
    + '"ghcr.io/example/tool@sha256:<64 hex>", or leave kanikoImage out for the pinned default.';
  const HOST = 'labels of letters, digits and "-", none starting or ending with "-", joined by ".", or an IPv6 address in brackets, then an optional ":" and port';
  test.each([
    [`[::1]:5000/team/tool${D}`, undefined],
    [`[fe80::1]/tool:v1${D}`, undefined],
    [`${'b'.repeat(247)}${D}`, undefined],
    [`ghcr.io/${'b'.repeat(255)}${D}`, undefined],
    [`ghcr.io/${'b'.repeat(256)}${D}`, 'has a repository path of more than 255 characters'],
    [`team/${'b'.repeat(251)}${D}`, 'has a repository path of more than 255 characters'],
    [`${'b'.repeat(248)}${D}`, 'has a repository path of more than 255 characters (248 characters, and Docker Hub puts "library/" before a name of one part)'],
    [`docker.io/${'b'.repeat(248)}${D}`, 'has a repository path of more than 255 characters (248 characters, and Docker Hub puts "library/" before a name of one part)'],
    [`registry-.example.com/tool${D}`, `has a registry that is no host name ("registry-.example.com": ${HOST})`],
    [`registry.-example.com:5000/tool${D}`, `has a registry that is no host name ("registry.-example.com:5000": ${HOST})`],
    [`[::1]:/tool${D}`, `has a registry that is no host name ("[::1]:": ${HOST})`],
    // a Docker Hub name whose first part starts with "-" (no registry: no ".", ":" nor upper case in it), and a bad registry before a bad path
    [`-registry/tool${D}`, 'has a path part outside the image reference grammar ("-registry": each path part lower-case letters and digits, '
      + 'joined inside by ".", "_", "__" or "-")'],
    [`registry-.example.com/-tool${D}`, `has a registry that is no host name ("registry-.example.com": ${HOST}), and a path part outside the image reference grammar `
      + '("-tool": each path part lower-case letters and digits, joined inside by ".", "_", "__" or "-")'],
  ])('an image prop the kubelet reads as it does: %s', (image, problem) => {
    const c = new Chart(Testing.app(), 'release');
    const refusal = (): void => requirePinnedImage(c, 'task', 'ContainerBuild', 'kanikoImage', image);
    if (problem === undefined) expect(refusal).not.toThrow();
    else expect(refusal).toThrow(`ContainerBuild 'release/task': kanikoImage "${image}" ${problem}: ${REFUSES}`);
  });
});
