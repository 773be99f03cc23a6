import { Construct } from 'constructs';
import { RefusalOptions } from '../policy/engine/construct-policy';
import { SecureTektonError } from '../policy/errors';
import { Relaxation } from '../policy/relaxation';
import { RuleId } from '../policy/rule-id';
import { isKubeletDigestPinned, lowerCasedDigest, OTHER_DIGEST, repositoryOf, SHA256_DIGEST } from '../private/image-references';
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


/** A path component of a repository, as the distribution reference grammar spells it. */
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
/**
 * An image reference pinned by digest, as the distribution reference grammar reads it:
 * `[registry[:port]/]path[:tag]@sha256:<64 hex>` (or a sha384 or sha512 digest, which the kubelet pulls by too: the
 * library's steps that take an image prop have a command or a script, so Tekton looks up no entrypoint), nothing else
 * (no spaces, no substitution).
 */
const PINNED_REFERENCE = new RegExp(`^(?:[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*(?::[0-9]+)?/)?${COMPONENT}(?:/${COMPONENT})*`
  + `(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?@(?:${SHA256_DIGEST}|${OTHER_DIGEST})$`);

/**
 * Refuses an image prop of a hardened task that is not pinned by digest, in the words of
 * the prop. `undefined` is the task's own pinned default. A task that takes relaxations
 * passes them: one of IMAGE_DIGEST leaves the image to synth, which applies it to the
 * task's step as to any SecureTask's.
 */
export function requirePinnedImage(
  scope: Construct, id: string, construct: string, property: string, image: string | undefined, relaxations?: readonly Relaxation[],
): void {
  if (image === undefined) return;
  // a plain JavaScript caller may pass something else than a string
  if (typeof image !== 'string' || (isKubeletDigestPinned(image) && !PINNED_REFERENCE.test(image))) {
    throw taskRefusal(scope, id, construct, {
      property,
      value: typeof image === 'string' ? image : JSON.stringify(image),
      problem: `is ${typeof image === 'string' ? '' : `${typeText(image)}, `}not an image reference ([registry[:port]/]repository[:tag]@sha256:<64 hex>, `
        + 'lower-case, without spaces or substitutions), so no pod can pull it',
      rule: RuleId.VALID_SPEC,
      fix: `Give the image as the registry names it, e.g. "ghcr.io/example/tool@sha256:<64 hex>", or leave ${property} out for the pinned default.`,
    });
  }
  const lowered = lowerCasedDigest(image);
  if (lowered !== undefined && PINNED_REFERENCE.test(lowered)) {
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
