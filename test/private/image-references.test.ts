import { spawnSync } from 'child_process';
import * as fc from 'fast-check';
import { httpFallbackRegistry, HTTPS_ONLY_REGISTRY, isDigestPinned, isKubeletDigestPinned, kubeletNameError, kubeletRefusedDigest, PINNED_IMAGE, SHA256_DIGEST } from '../../src/private/image-references';

const httpsOnly = new RegExp(`^${HTTPS_ONLY_REGISTRY}$`);

describe('registries reached over https only', () => {
  test('every registry go-containerregistry would also try over plain http is left out', () => {
    const label = fc.stringMatching(/^[a-z0-9-]{1,12}$/);
    const octet = fc.integer({ min: 0, max: 255 }).map(String);
    const port = fc.option(fc.integer({ min: 1, max: 65535 }).map((p) => `:${p}`), { nil: '' });
    const host = fc.oneof(
      fc.tuple(fc.array(label, { minLength: 1, maxLength: 3 }), fc.constantFrom('localhost', 'io', 'com', 'local', 'localhostx', 'l', 'lo')).map(([ls, last]) => [...ls, last].join('.')),
      fc.tuple(fc.constantFrom('10', '127', '172', '192'), octet, octet, octet).map((ps) => ps.join('.')),
      fc.constantFrom('localhost', '::1', '[::1]', '192.168.0.1', '172.16.5.4', '10.1.2.3', 'localhost.localhost'),
      label,
    );
    fc.assert(fc.property(host, port, (h, p) => {
      const registry = `${h}${p}`;
      if (httpFallbackRegistry(registry)) expect([registry, httpsOnly.test(registry)]).toEqual([registry, false]);
    }), { numRuns: 2000 });
  });

  test('DNS names with a dot whose last label starts with a letter and is not localhost are kept', () => {
    for (const r of ['gcr.io', 'registry.example.com:5000', 'a.localhostx', 'x.l', 'reg.localhost.example.com', '192.168.1.10.nip.io']) expect([r, httpsOnly.test(r)]).toEqual([r, true]);
    for (const r of ['localhost', 'myreg:5000', 'a.9com', 'a.Localhost', 'reg.localhost', '10.0.0.5']) expect([r, httpsOnly.test(r)]).toEqual([r, false]);
  });
});

describe('one spelling of a sha256 digest', () => {
  const HEX = 'a1'.repeat(32);
  const values = [`sha256:${HEX}`, `sha256:${HEX.toUpperCase()}`, `sha256:${HEX}0`, `sha256:${HEX.slice(1)}`, `sha512:${HEX}`, `sha256:${HEX}\nx`, ''];

  test('the step\'s grep -E and JavaScript read the anchored digest alike, but for a value of several lines (grep matches one line of it)', () => {
    const digest = new RegExp(`^${SHA256_DIGEST}$`);
    const byGrep = values.map((v) => spawnSync('grep', ['-Exq', SHA256_DIGEST], { input: v }).status === 0);
    // a value of two lines: grep -x matches a line; JavaScript, without the m flag, the whole value
    expect(values.map((v) => digest.test(v))).toEqual([true, false, false, false, false, false, false]);
    expect(byGrep).toEqual([true, false, false, false, false, true, false]);
  });

  test('an image pinned by digest ends in it, and PINNED_IMAGE requires it', () => {
    expect(isDigestPinned(`registry.example.com/app@sha256:${HEX}`)).toBe(true);
    expect(isDigestPinned(`registry.example.com/app@sha256:${HEX.toUpperCase()}`)).toBe(false);
    expect(new RegExp(PINNED_IMAGE).test(`registry.example.com/app:v1@sha256:${HEX}`)).toBe(true);
    expect(new RegExp(PINNED_IMAGE).test(`registry.example.com/app:v1@sha256:${HEX.slice(2)}`)).toBe(false);
  });

  // distribution/reference v0.6.0 ParseNormalizedNamed with crypto/sha256 and crypto/sha512 registered (as in the kubelet), run here
  test('the kubelet pulls by a sha256, sha384 or sha512 digest of its length in lower-case hex, nothing else', () => {
    for (const image of [`app@sha256:${HEX}`, `app@sha384:${'a'.repeat(96)}`, `registry.example.com/app:v1@sha512:${'b'.repeat(128)}`]) {
      expect([image, isKubeletDigestPinned(image)]).toEqual([image, true]);
    }
    for (const image of [`app@sha256:${HEX.slice(1)}`, `app@sha512:${'a'.repeat(96)}`, `app@sha384:${'A'.repeat(96)}`, `app@md5:${'a'.repeat(32)}`, 'app:sha512', `app@sha512:${'b'.repeat(128)}x`]) {
      expect([image, isKubeletDigestPinned(image)]).toEqual([image, false]);
    }
  });

  test('why the kubelet refuses a digest: another algorithm, a sha384 or sha512 one of another length or case, a sha256 one of another length', () => {
    const algorithms = 'its reference parser reads sha256, sha384 and sha512 digests only, each of its length in lower-case hex';
    expect([`app@sha512:${'a'.repeat(96)}`, `app@sha384:${'A'.repeat(96)}`, `app@md5:${'a'.repeat(32)}`].map(kubeletRefusedDigest)).toEqual([
      `a digest the kubelet refuses (sha512: ${algorithms})`, `a digest the kubelet refuses (sha384: ${algorithms})`, `a digest the kubelet refuses (md5: ${algorithms})`,
    ]);
    expect(['app@sha256:abc', 'app@sha256:resolved'].map(kubeletRefusedDigest)).toEqual([
      'a sha256 digest the kubelet refuses (3 hex digits: its reference parser reads a sha256 digest as 64 lower-case hex digits)',
      'a sha256 digest the kubelet refuses ("resolved": its reference parser reads a sha256 digest as 64 lower-case hex digits)',
    ]);
    // pulled by, upper-case sha256 (lowerCasedDigest's), or no digest
    for (const image of [`app@sha256:${HEX}`, `app@sha512:${'b'.repeat(128)}`, `app@sha256:${HEX.toUpperCase()}`, 'app:sha512', 'app']) {
      expect([image, kubeletRefusedDigest(image)]).toEqual([image, undefined]);
    }
  });
});

describe('the kubelet\'s image name parser (distribution/reference v0.6.0 ParseNormalizedNamed)', () => {
  const D = `@sha256:${'b'.repeat(64)}`;
  // each row run here through ParseNormalizedNamed (crypto/sha256 registered, as in the kubelet), its error as printed
  test.each([
    [`docker.io/Library/alpine${D}`, 'invalid reference format: repository name (Library/alpine@sha256) must be lowercase'],
    [`ALPINE${D}`, 'invalid reference format: repository name (library/ALPINE@sha256) must be lowercase'],
    [`localhost:5000/Foo${D}`, 'invalid reference format: repository name (Foo@sha256) must be lowercase'],
    ['ALPINE', 'invalid reference format: repository name (library/ALPINE) must be lowercase'],
    [`docker.io/library/al pine${D}`, 'invalid reference format'],
    [`docker.io/library/alpine:3.21 ${D}`, 'invalid reference format'],
    [`https://docker.io/library/alpine${D}`, 'invalid reference format'],
    [`docker.io//alpine${D}`, 'invalid reference format'],
    [`docker.io/library/alpine:${D}`, 'invalid reference format'],
    [`docker.io/library/alpine:-bad${D}`, 'invalid reference format'],
    [`registry.example.com/team..app${D}`, 'invalid reference format'],
    [`a/${'b'.repeat(255)}${D}`, 'repository name must not be more than 255 characters'],
    [`Registry.Example.com/foo${D}`, undefined],
    [`alpine:3.21${D}`, undefined],
    [`Library/alpine${D}`, undefined],
    [`index.docker.io/library/alpine${D}`, undefined],
    [`[::1]:5000/foo${D}`, undefined],
    [`alpine:V1${D}`, undefined],
    [`a/${'b'.repeat(253)}${D}`, undefined],
    // Docker Hub's "library/" counts in the 255 characters; a registry's label starts and ends with a letter or digit; an IPv6 registry
    [`${'b'.repeat(248)}${D}`, 'repository name must not be more than 255 characters'],
    [`${'b'.repeat(247)}${D}`, undefined],
    [`registry-.example.com/tool${D}`, 'invalid reference format'],
    [`-registry/tool${D}`, 'invalid reference format'],
    [`[fe80::1]/tool:v1${D}`, undefined],
  ])('%s', (reference, error) => {
    expect(kubeletNameError(reference)).toBe(error);
  });
});
