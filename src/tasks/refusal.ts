import { Construct } from 'constructs';
import { RefusalOptions } from '../policy/engine/construct-policy';
import { SecureTektonError } from '../policy/errors';
import { Relaxation } from '../policy/relaxation';
import { RuleId } from '../policy/rule-id';
import { isKubeletDigestPinned, kubeletNameError, kubeletRefusedName, lowerCasedDigest, repositoryOf } from '../private/image-references';
import { UPPER_CASE_DIGEST } from '../private/remote-refs';

/**
 * A refusal of a hardened task, thrown before the SecureTask it builds exists
 * (props are checked first): the path is the one the task will have.
 */
export function taskRefusal(scope: Construct, id: string, construct: string, o: RefusalOptions): SecureTektonError {
  const parent = scope.node.path;
  return new SecureTektonError({ construct, path: parent ? `${parent}/${id}` : id, ...o });
}

/**
 * What a value that is no string is, as a refusal says it ("a number", "an array",
 * "undefined"): a plain JavaScript caller may pass anything.
 */
export function typeText(value: unknown): string {
  if (value === undefined || value === null) return String(value);
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/**
 * Refuses an image prop of a hardened task that is not pinned by digest, in the words of
 * the prop. `undefined` is the task's own pinned default. A task that takes relaxations
 * passes them: one of IMAGE_DIGEST leaves the image to synth, which applies it to the
 * task's step as to any SecureTask's.
 *
 * An image pinned by a digest the kubelet pulls by (isKubeletDigestPinned: sha256, sha384 or sha512, which the
 * library's steps that take an image prop may run: each has a command or a script, so Tekton looks up no
 * entrypoint) must be a name the kubelet parses (kubeletNameError, distribution/reference v0.6.0's reading), which
 * leaves out any Tekton substitution or template (`$`, `(`, `{` are in no image name).
 */
export function requirePinnedImage(
  scope: Construct, id: string, construct: string, property: string, image: string | undefined, relaxations?: readonly Relaxation[],
): void {
  if (image === undefined) return;
  // a plain JavaScript caller may pass something else than a string
  const lowered = typeof image === 'string' ? lowerCasedDigest(image) : undefined;
  // the name before a digest in upper-case hex is read as the kubelet reads it once the digest is lower-cased
  const badName = typeof image === 'string' ? kubeletRefusedName(lowered ?? image) : undefined;
  if (badName !== undefined) {
    throw taskRefusal(scope, id, construct, {
      property,
      value: image,
      problem: `has ${badName.reason}: ${badName.refused}`,
      rule: RuleId.VALID_SPEC,
      fix: `Give the image as its registry names it${badName.fixed === undefined ? ', e.g. "ghcr.io/example/tool@sha256:<64 hex>"' : `: "${badName.fixed}"`}, `
        + `or leave ${property} out for the pinned default.`,
    });
  }
  if (typeof image !== 'string' || (isKubeletDigestPinned(lowered ?? image) && kubeletNameError(lowered ?? image) !== undefined)) {
    throw taskRefusal(scope, id, construct, {
      property,
      value: typeof image === 'string' ? image : JSON.stringify(image),
      problem: `is ${typeof image === 'string' ? '' : `${typeText(image)}, `}not an image reference ([registry[:port]/]repository[:tag]@sha256:<64 hex>, `
        + 'lower-case, without spaces or substitutions), so no pod can pull it',
      rule: RuleId.VALID_SPEC,
      fix: `Give the image as the registry names it, e.g. "ghcr.io/example/tool@sha256:<64 hex>", or leave ${property} out for the pinned default.`,
    });
  }
  if (lowered !== undefined) {
    throw taskRefusal(scope, id, construct, {
      property,
      value: image,
      problem: `${UPPER_CASE_DIGEST}: the kubelet refuses the image, so no pod can run it`,
      rule: RuleId.VALID_SPEC,
      fix: `Write the digest in lower case: "${lowered}".`,
    });
  }
  if (isKubeletDigestPinned(image)) return;
  if (relaxations !== undefined && relaxations.some((r) => r.rule === RuleId.IMAGE_DIGEST)) return;
  const relax = relaxations === undefined ? '' : ', or relax IMAGE_DIGEST in its props: relaxations: [{ rule: RuleId.IMAGE_DIGEST, reason: \'<why>\' }]';
  const repository = repositoryOf(image).trim();
  throw taskRefusal(scope, id, construct, {
    property,
    value: image,
    problem: 'is not pinned by digest',
    rule: RuleId.IMAGE_DIGEST,
    fix: `Pin it as "${repository === '' ? '<repository>' : repository}@sha256:<64 hex>" (the digest of the image you mean), or leave ${property} out for the pinned default${relax}.`,
  });
}
