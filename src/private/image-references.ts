/**
 * Reading container image references.
 */

/**
 * A sha256 digest as a registry writes it (`sha256:` and 64 lower-case hex digits), an ERE the
 * steps' `grep -E` and JavaScript read alike, unanchored: the one spelling of a digest that
 * image references, Deploy's `image-digest` and ImageVerify's images build on.
 */
export const SHA256_DIGEST = 'sha256:[a-f0-9]{64}';

const DIGEST = new RegExp(`@${SHA256_DIGEST}$`);

/** Whether an image reference is pinned by a sha256 digest. */
export function isDigestPinned(image: string): boolean {
  return DIGEST.test(image);
}

/**
 * A sha384 or sha512 digest of its length in lower-case hex, which the OCI image spec allows and the kubelet
 * pulls by (distribution/reference v0.6.0 with go-digest reads sha256, sha384 and sha512), unanchored.
 */
export const OTHER_DIGEST = 'sha384:[a-f0-9]{96}|sha512:[a-f0-9]{128}';

const KUBELET_DIGEST = new RegExp(`@(?:${SHA256_DIGEST}|${OTHER_DIGEST})$`);

/**
 * Whether an image reference is pinned by a digest the kubelet pulls by: sha256 (isDigestPinned), sha384 or
 * sha512. Tekton's entrypoint lookup (go-containerregistry's name.NewDigest) reads sha256 only: a step's image
 * without a command needs isDigestPinned.
 */
export function isKubeletDigestPinned(image: string): boolean {
  return KUBELET_DIGEST.test(image);
}

/** Whether go-containerregistry's `name.NewRepository` takes the first part of a name for its registry: `localhost`, or one holding a '.' or ':'. */
export function isOciRegistryPart(part: string): boolean {
  return part === 'localhost' || /[.:]/.test(part);
}

/**
 * A repository name split as go-containerregistry's (v0.21) `name.NewRepository` splits it: the registry (its first part, where
 * isOciRegistryPart) and the repository; '' for the registry where all is the repository (Docker Hub's).
 */
export function ociRegistrySplit(name: string): { readonly registry: string; readonly repository: string } {
  const slash = name.indexOf('/');
  return slash >= 0 && isOciRegistryPart(name.slice(0, slash))
    ? { registry: name.slice(0, slash), repository: name.slice(slash + 1) }
    : { registry: '', repository: name };
}

/**
 * The algorithm of a digest other than sha256 that an OCI reference ends with (`…@sha512:<hex>`, which
 * the OCI image spec allows), or undefined. go-containerregistry v0.21's `name.NewDigest`, through which
 * the bundles resolver's `name.ParseReference` reads a reference with a digest, refuses every digest not
 * starting `sha256:` ("unsupported digest algorithm"), and the tag reading refuses the `@`.
 */
export function unsupportedDigestAlgorithm(reference: string): string | undefined {
  const m = /@([a-z0-9]+(?:[.+_-][a-z0-9]+)*):[0-9a-fA-F]+$/.exec(reference);
  return m === null || m[1] === 'sha256' ? undefined : m[1];
}

/**
 * Why the kubelet's reference parser (distribution/reference v0.6.0 with go-digest) refuses the digest a reference ends with, as the
 * words after "has" (`a digest the kubelet refuses (sha512: …)`), or undefined where it reads the digest, or the reference has none
 * this reads: any algorithm but sha256, sha384 and sha512 ("unsupported digest algorithm"), a sha384 or sha512 digest of another
 * length or in upper-case hex ("invalid checksum digest length", "… format"), a sha256 one of another length or not in hex
 * (`@sha256:abc`: "invalid checksum digest length" from 32 hex digits on, "invalid reference format" below or with other
 * characters). A sha256 digest of its length in upper-case hex is lowerCasedDigest's.
 */
export function kubeletRefusedDigest(reference: string): string | undefined {
  if (isKubeletDigestPinned(reference) || lowerCasedDigest(reference) !== undefined) return undefined;
  const other = unsupportedDigestAlgorithm(reference);
  if (other !== undefined) {
    return `a digest the kubelet refuses (${other}: its reference parser reads sha256, sha384 and sha512 digests only, each of its length in lower-case hex)`;
  }
  const sha256 = /@sha256:([^@]*)$/.exec(reference);
  if (sha256 === null) return undefined;
  const written = /^[0-9a-fA-F]+$/.test(sha256[1]) ? `${sha256[1].length} hex digits` : `"${sha256[1]}"`;
  return `a sha256 digest the kubelet refuses (${written}: its reference parser reads a sha256 digest as 64 lower-case hex digits)`;
}

/**
 * An image reference whose sha256 digest is written with upper-case hex, with the digest in lower case; undefined
 * for any other. The reference parsers refuse it (go-containerregistry's `name.ParseReference`, which Tekton's
 * bundles resolver and entrypoint lookup use, and distribution/reference's, which the kubelet uses: go-digest
 * allows `[a-f0-9]{64}` only), so it names nothing that can be pulled.
 */
export function lowerCasedDigest(reference: string): string | undefined {
  const digest = /@sha256:([0-9a-fA-F]{64})$/.exec(reference);
  return digest !== null && /[A-F]/.test(digest[1]) ? `${reference.slice(0, digest.index)}@sha256:${digest[1].toLowerCase()}` : undefined;
}

/** `golang:1.22` -> `golang` (keeps registry and path, drops tag and digest). */
export function repositoryOf(image: string): string {
  const noDigest = image.split('@')[0];
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > slash ? noDigest.slice(0, colon) : noDigest;
}

/**
 * The registry part of a repository as go-containerregistry's `name.NewRepository` reads it:
 * what comes before the first `/` when it is `localhost` or holds a `.` or a `:`; undefined
 * when there is none (Docker Hub).
 */
export function registryOf(repository: string): string | undefined {
  const slash = repository.indexOf('/');
  if (slash < 0) return undefined;
  const first = repository.slice(0, slash);
  return first === 'localhost' || /[.:]/.test(first) ? first : undefined;
}

/** An IPv4 address as Go's `net.ParseIP` reads one (four decimal parts up to 255, no leading zeros), or undefined. */
function parseIPv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p))) return undefined;
  const bytes = parts.map(Number);
  return bytes.every((b) => b <= 255) ? bytes : undefined;
}

/**
 * Whether go-containerregistry v0.21 (which Tekton Chains v0.29.2 links) reaches a registry
 * over plain http when https fails: `name.Registry.Scheme()` is "http" for an RFC 1918
 * address (10/8, 172.16/12, 192.168/16, the part before the first `:`), a name starting
 * `localhost:`, one ending `.localhost` (with a port or not), `127.0.0.1` (with a port or not),
 * `::1` and `[::1]` (with a port or not); `transport.Ping` then tries https and http and takes
 * http when https fails. `localhost` without a port, other loopback addresses and IPv6 are
 * reached over https only.
 */
export function httpFallbackRegistry(registry: string): boolean {
  const ip = parseIPv4(registry.split(':')[0]);
  if (ip !== undefined && (ip[0] === 10 || (ip[0] === 172 && ip[1] >= 16 && ip[1] <= 31) || (ip[0] === 192 && ip[1] === 168))) return true;
  return registry.startsWith('localhost:')
    || /\.localhost(?::[0-9]{1,5})?$/.test(registry)
    || /^127\.0\.0\.1(?::[0-9]{1,5})?$/.test(registry)
    || /^(?:::1|\[::1\](?::[0-9]{1,5})?)$/.test(registry);
}

/** The characters of a DNS label as image references spell them (lower case). */
const LABEL_CHARS = 'a-z0-9-';

/** A bracket expression of the lower-case letters but `c`, as ranges, then `more`. */
function lettersBut(c: string, more: string): string {
  const ranges: string[] = [];
  const code = c.charCodeAt(0);
  const a = 'a'.charCodeAt(0);
  const z = 'z'.charCodeAt(0);
  if (code > a) ranges.push(code - 1 === a ? 'a' : `a-${String.fromCharCode(code - 1)}`);
  if (code < z) ranges.push(code + 1 === z ? 'z' : `${String.fromCharCode(code + 1)}-z`);
  return `[${ranges.join('')}${more}]`;
}

/**
 * An alternation (ERE and JavaScript alike) for a DNS label that starts with a letter and is
 * not exactly `word` (lower-case letters): a first letter other than word's, a proper prefix
 * of word followed by nothing or by another character, or word followed by more.
 */
function labelOtherThan(word: string): string {
  const alternatives = [`${lettersBut(word[0], '')}[${LABEL_CHARS}]*`];
  for (let i = 1; i < word.length; i++) alternatives.push(`${word.slice(0, i)}(${lettersBut(word[i], '0-9-')}[${LABEL_CHARS}]*)?`);
  alternatives.push(`${word}[${LABEL_CHARS}]+`);
  return `(${alternatives.join('|')})`;
}

/**
 * A registry (with an optional port) that go-containerregistry reaches over https only, as
 * an ERE the validate-params step and JavaScript read alike: a DNS name with at least one dot
 * whose last label starts with a letter and is not `localhost`. That leaves out every name
 * `httpFallbackRegistry` lets fall back to plain http (IPv4 and IPv6 addresses, `localhost:`
 * and `*.localhost`), and, to keep to an allow-list, registries named by an address or by a
 * name without a dot.
 */
export const HTTPS_ONLY_REGISTRY = `([${LABEL_CHARS}]+\\.)+${labelOtherThan('localhost')}(:[0-9]+)?`;

/**
 * The path of a repository after its registry, as the distribution reference grammar spells it
 * (an ERE the validate-params step and JavaScript read alike): `/`-separated components of
 * lower-case letters and digits, joined inside by `.`, `_`, `__` or dashes. A component is
 * never `.` or `..`, and never starts or ends with a separator (go-containerregistry checks
 * only the characters, and would put `team/../app` into the registry API's URL).
 */
export const REPOSITORY_PATH = '(/[a-z0-9]+(([._]|__|-+)[a-z0-9]+)*)+';

/** A tag, as the distribution reference grammar spells it (`:` not included). */
export const TAG = '[A-Za-z0-9_][A-Za-z0-9._-]{0,127}';

/** A repository named with its registry, without tag or digest. */
export const REPOSITORY = `^[a-z0-9.-]+(:[0-9]+)?${REPOSITORY_PATH}$`;

/** An image pinned by digest, named with its registry: `<registry>/<path>[:<tag>]@sha256:<64 hex>`. */
export const PINNED_IMAGE = `^[a-z0-9.-]+(:[0-9]+)?${REPOSITORY_PATH}(:${TAG})?@${SHA256_DIGEST}$`;
