/**
 * Reading container image references.
 */

const DIGEST = /@sha256:[a-f0-9]{64}$/;

/** Whether an image reference is pinned by a sha256 digest. */
export function isDigestPinned(image: string): boolean {
  return DIGEST.test(image);
}

/** `golang:1.22` -> `golang` (keeps registry and path, drops tag and digest). */
export function repositoryOf(image: string): string {
  const noDigest = image.split('@')[0];
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > slash ? noDigest.slice(0, colon) : noDigest;
}
