/**
 * Reading container image references.
 */

import { goTrimSpace } from './go-strings';

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

/** A path component of a repository, as distribution/reference v0.6.0's grammar spells it (regexp.go `pathComponent`). */
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
/** A registry with its port, as that grammar spells it (`domainAndPort`: labels of either case, or an IPv6 address in brackets). */
const REFERENCE_DOMAIN = '(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?';
const REFERENCE_REMOTE = `${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
/** That grammar's `ReferenceRegexp` (name, tag, digest), which Go's regexp and JavaScript read alike (`\\w` is ASCII in both). */
const REFERENCE_GRAMMAR = new RegExp(`^((?:${REFERENCE_DOMAIN}/)?${REFERENCE_REMOTE})(?::${TAG})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,})?$`);
/** That grammar's `anchoredNameRegexp`: a name split into its registry and its path. */
const NAME_GRAMMAR = new RegExp(`^(?:(${REFERENCE_DOMAIN})/)?(${REFERENCE_REMOTE})$`);
const WHOLE_TAG = new RegExp(`^${TAG}$`);

/**
 * The registry part of an image name (without tag or digest) as distribution/reference v0.6.0's splitDockerDomain takes it,
 * as written ('' where there is none: Docker Hub), and the path after it: the first part is the registry when it is
 * `localhost`, holds a `.` or a `:`, or has an upper-case letter.
 */
function registryAndPath(name: string): { readonly registry: string; readonly path: string } {
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  return slash >= 0 && (first === 'localhost' || /[.:]/.test(first) || first.toLowerCase() !== first)
    ? { registry: first, path: name.slice(slash + 1) }
    : { registry: '', path: name };
}

/**
 * The error distribution/reference v0.6.0's `ParseNormalizedNamed` (the kubelet's image name parser: the pod then stays in
 * ErrInvalidImageName) gives for an image reference, in its words, or undefined where it parses the name and tag. The
 * digest is checked for its shape only: go-digest's reading of it is kubeletRefusedDigest's.
 */
export function kubeletNameError(reference: string): string | undefined {
  if (/^[a-f0-9]{64}$/.test(reference)) return `invalid repository name (${reference}), cannot specify 64-byte hexadecimal strings`;
  // splitDockerDomain: `index.docker.io` is `docker.io`, and a Docker Hub name of one part gets `library/`
  const split = registryAndPath(reference);
  const domain = split.registry === '' || split.registry === 'index.docker.io' ? 'docker.io' : split.registry;
  const remainder = domain === 'docker.io' && !split.path.includes('/') ? `library/${split.path}` : split.path;
  const colon = remainder.indexOf(':');
  const remote = colon < 0 ? remainder : remainder.slice(0, colon);
  if (remote.toLowerCase() !== remote) return `invalid reference format: repository name (${remote}) must be lowercase`;
  const whole = `${domain}/${remainder}`;
  const match = REFERENCE_GRAMMAR.exec(whole);
  if (match === null) return REFERENCE_GRAMMAR.test(whole.toLowerCase()) ? 'repository name must be lowercase' : 'invalid reference format';
  const path = NAME_GRAMMAR.exec(match[1])?.[2] ?? match[1];
  return path.length > 255 ? 'repository name must not be more than 255 characters' : undefined;
}

/**
 * Why the kubelet cannot parse the name of an image reference pinned by a digest it pulls by (isKubeletDigestPinned), as the
 * words after "has", who refuses it (the kubelet; the API server, before it, for a blank at the start), with the reference as its registry would name it where blanks at either end, a URL scheme, empty path
 * parts, an empty tag or upper case in the path are all that is wrong; undefined where the name parses (kubeletNameError),
 * or the reference holds a substitution or a template (what fills it is not known), or no such digest.
 */
export function kubeletRefusedName(reference: string): { readonly reason: string; readonly refused: string; readonly fixed?: string } | undefined {
  if (!isKubeletDigestPinned(reference) || reference.includes('$(') || reference.includes('{{')) return undefined;
  const error = kubeletNameError(reference);
  if (error === undefined) return undefined;
  const at = reference.lastIndexOf('@');
  const name = reference.slice(0, at);
  const { bare, tag } = splitTag(name);
  const scheme = /^\s*([A-Za-z][A-Za-z0-9+.-]*:\/\/)/.exec(name)?.[1];
  // the API server refuses a pod whose image starts with a blank before any kubelet reads it (validateContainerOnlyForPod)
  const leading = goTrimSpace(reference) !== reference;
  const reason = leading ? `a blank before its name ("${name}")`
    : /\s/.test(name) ? `a blank in its name ("${name}")`
      : scheme !== undefined ? `a URL scheme ("${scheme}") before its name`
        : /\/\/|^\/|\/$/.test(bare) ? `an empty path part in its name ("${bare}")`
          : tag === '' ? 'an empty tag (a ":" with nothing after it)'
            : tag !== undefined && !WHOLE_TAG.test(tag) ? `the tag "${tag}", which is no tag (a letter, digit or "_", then up to 127 of those, "." and "-")`
              : /must be lowercase/.test(error) ? `upper-case letters in its repository path ("${registryAndPath(bare).path}")`
                : /more than 255/.test(error) ? `a repository path of more than 255 characters${libraryPrefixed(bare)}`
                  : grammarReason(bare) ?? `a name outside the image reference grammar ("${name}": [registry[:port]/]path[:tag], each path part lower-case letters and `
                    + 'digits, joined inside by ".", "_", "__" or "-")';
  const refused = leading ? 'the API server refuses the pod (its image "must not have leading or trailing whitespace"), so the pod never starts'
    : 'the kubelet refuses the image (ErrInvalidImageName: the pod never starts)';
  return { reason, refused, fixed: repairedName(name, reference.slice(at)) };
}

/** Where Docker Hub puts `library/` before a name of one part (which then counts in the 255 characters): the words saying so, else ''. */
function libraryPrefixed(bare: string): string {
  const { registry, path } = registryAndPath(bare);
  return (registry === '' || registry === 'docker.io' || registry === 'index.docker.io') && !path.includes('/')
    ? ` (${path.length} characters, and Docker Hub puts "library/" before a name of one part)` : '';
}

const WHOLE_DOMAIN = new RegExp(`^${REFERENCE_DOMAIN}$`);
const WHOLE_COMPONENT = new RegExp(`^${PATH_COMPONENT}$`);

/**
 * What the grammar refuses in an image name (without tag or digest) whose path parts are none empty: its registry where that is no
 * host name, and the first part of its path that is no path part (`-registry/tool`, Docker Hub's: `-registry` starts with "-"), one or
 * both; undefined where neither.
 */
function grammarReason(bare: string): string | undefined {
  const { registry, path } = registryAndPath(bare);
  const host = registry !== '' && !WHOLE_DOMAIN.test(registry)
    ? `a registry that is no host name ("${registry}": labels of letters, digits and "-", none starting or ending with "-", joined by ".", or an IPv6 `
      + 'address in brackets, then an optional ":" and port)' : undefined;
  const part = path.split('/').find((p) => !WHOLE_COMPONENT.test(p));
  const component = part === undefined ? undefined
    : `a path part outside the image reference grammar ("${part}": each path part lower-case letters and digits, joined inside by ".", "_", "__" or "-")`;
  return host !== undefined && component !== undefined ? `${host}, and ${component}` : host ?? component;
}

/** An image name split at the `:` of its tag (after its last `/`): the name before it, and the tag (undefined where there is none). */
function splitTag(name: string): { readonly bare: string; readonly tag: string | undefined } {
  const colon = name.indexOf(':', name.lastIndexOf('/') + 1);
  return colon < 0 ? { bare: name, tag: undefined } : { bare: name.slice(0, colon), tag: name.slice(colon + 1) };
}

/**
 * `name` without blanks at either end, a URL scheme, empty path parts, an empty tag and upper case in its path (the registry
 * keeps its case: DNS names are read in any), then `digest`, where the kubelet parses that; else undefined.
 */
function repairedName(name: string, digest: string): string | undefined {
  const { bare, tag } = splitTag(name.trim().replace(/^[A-Za-z][A-Za-z0-9+.-]*:\/\//, ''));
  const { registry, path } = registryAndPath(bare.replace(/\/{2,}/g, '/').replace(/^\/|\/$/g, ''));
  const candidate = `${registry === '' ? '' : `${registry}/`}${path.toLowerCase()}${tag === undefined || tag === '' ? '' : `:${tag}`}${digest}`;
  return kubeletNameError(candidate) === undefined ? candidate : undefined;
}
