import { Chart, Testing } from 'cdk8s';
import { RuleId } from '../../src';
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

  test('a pinned image prop is a reference a pod can pull: no spaces, upper-case repository or substitution', () => {
    const c = new Chart(Testing.app(), 'release');
    const digest = 'a'.repeat(64);
    expect(() => requirePinnedImage(c, 'task', 'ContainerBuild', 'kanikoImage', `gcr.io/x y@sha256:${digest}`)).toThrow(
      `ContainerBuild 'release/task': kanikoImage "gcr.io/x y@sha256:${digest}" is not an image reference ([registry[:port]/]repository[:tag]@sha256:<64 hex>, `
      + 'lower-case, without spaces or substitutions), so no pod can pull it [VALID_SPEC]. Give the image as the registry names it, e.g. '
      + '"ghcr.io/example/tool@sha256:<64 hex>", or leave kanikoImage out for the pinned default.',
    );
    for (const bad of [` ghcr.io/x@sha256:${digest}`, `$(params.dockerfile)@sha256:${digest}`, `ghcr.io/Example/Tool@sha256:${digest}`]) {
      expect(() => requirePinnedImage(c, 'task', 'ContainerBuild', 'kanikoImage', bad)).toThrow(/is not an image reference/);
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
    for (const good of [`alpine@sha256:${digest}`, `localhost:5000/team/tool:v1.2@sha256:${digest}`, `registry.k8s.io/kubectl:v1.31.2@sha256:${digest}`]) {
      expect(() => requirePinnedImage(c, 'task', 'ContainerBuild', 'kanikoImage', good)).not.toThrow();
    }
  });
});
