/**
 * Annotations within the API server's limit: a relaxation reason has at most 1024
 * characters, and an object whose annotations (keys and values, in UTF-8 bytes, the
 * library's records and seal included) pass 262144 bytes is refused at synth.
 */
import { ApiObject, JsonPatch, Testing } from 'cdk8s';
import { Relaxations, RuleId, SecureTask } from '../../../src';
import { annotationBytes, MAX_ANNOTATION_BYTES } from '../../../src/policy/engine/written-yaml';
import { SecureTektonError } from '../../../src/policy/errors';
import { step } from '../../helpers/constructs';

/** The message of the SecureTektonError `f` throws. */
function messageOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof SecureTektonError) return e.message;
    throw e;
  }
  throw new Error('did not throw');
}

const UNPINNED = 'docker.io/library/alpine:3.20';

describe('relaxation reasons', () => {
  test('a reason of more than 1024 characters is refused where it is given', () => {
    const reason = `${'why '.repeat(256)}x`;
    expect(messageOf(() => new SecureTask(Testing.chart(), 't', { steps: [step({ image: UNPINNED, relaxations: [{ rule: RuleId.IMAGE_DIGEST, reason }] })] }))).toBe(
      "SecureTask 'test/t' step 'run': relaxations[0].reason \"why why why why why why why why why why … (1025 characters)\" has more than 1024 characters [RELAXATION_REASON]. "
      + "Say why in at most 1024 characters and point to the rest, e.g. reason: 'kaniko unpacks the base image as root; see https://example.com/ADR-12'; "
      + "the reason is written into the object's annotations, which the API server limits to 256 KiB.",
    );
  });

  test('a reason of 256 KiB given to Relaxations.of is refused', () => {
    const t = new SecureTask(Testing.chart(), 't', { steps: [step({ image: UNPINNED })] });
    expect(messageOf(() => Relaxations.of(t).add({ rule: RuleId.IMAGE_DIGEST, reason: 'x'.repeat(256 * 1024) }))).toContain('has more than 1024 characters [RELAXATION_REASON]');
  });

  test('a reason of 1024 characters (after line breaks become spaces) is recorded', () => {
    const c = Testing.chart();
    const reason = `${'a'.repeat(511)}\n${'b'.repeat(512)}`;
    new SecureTask(c, 't', { steps: [step({ image: UNPINNED, relaxations: [{ rule: RuleId.IMAGE_DIGEST, reason }] })] });
    const task = Testing.synth(c).find((o) => o.kind === 'Task');
    expect(task.metadata.annotations['secure-tekton/relax.IMAGE_DIGEST']).toBe(`step/run: ${'a'.repeat(511)} ${'b'.repeat(512)}`);
  });
});

describe('the total size of annotations', () => {
  /** A chart whose Task gets annotations of `bytes` bytes (key `k` and a value of two-byte characters), optionally relaxed. */
  function taskWithAnnotation(bytes: number, relaxed = false) {
    const c = Testing.chart();
    const t = new SecureTask(c, 't', { steps: [step(relaxed ? { image: UNPINNED } : {})] });
    if (relaxed) Relaxations.of(t).add({ rule: RuleId.IMAGE_DIGEST, reason: 'the vendor image needs this' });
    c.node.findAll().filter(ApiObject.isApiObject).find((o) => o.kind === 'Task')!
      .addJsonPatch(JsonPatch.add('/metadata/annotations', { k: '\u00e9'.repeat(Math.floor((bytes - 1) / 2)) + ((bytes - 1) % 2 ? 'x' : '') }));
    return c;
  }

  test('counted as the API server counts them: UTF-8 bytes of keys and values', () => {
    expect(annotationBytes({ metadata: { annotations: { 'a/b': '\u00e9', 'c': '' } } })).toBe(3 + 2 + 1);
    expect(annotationBytes({ metadata: {} })).toBe(0);
  });

  test('more than 262144 bytes: refused', () => {
    expect(messageOf(() => Testing.synth(taskWithAnnotation(MAX_ANNOTATION_BYTES + 1)))).toBe(
      "SecureTask 'test/t': metadata.annotations \"262145 bytes\" add up to more than the 262144 bytes (keys and values) the API server accepts [VALID_SPEC]. "
      + 'Shorten or remove annotations (relaxation reasons are recorded in them: keep each short, and give fewer relaxations to this object).',
    );
  });

  test('exactly 262144 bytes: written', () => {
    const task = Testing.synth(taskWithAnnotation(MAX_ANNOTATION_BYTES)).find((o) => o.kind === 'Task');
    expect(annotationBytes(task)).toBe(MAX_ANNOTATION_BYTES);
  });

  test("the library's records and seal count", () => {
    const c = taskWithAnnotation(MAX_ANNOTATION_BYTES - 100, true);
    expect(messageOf(() => Testing.synth(c))).toMatch(/^SecureTask 'test\/t': metadata\.annotations "26\d{4} bytes" add up to more than the 262144 bytes/);
  });
});
