/**
 * The keys of Tekton Chains' `chains-config` ConfigMap, as documented for Chains v0.29.2
 * (docs/config.md), shared by the Chains rules and the ChainsConfig construct.
 */
import { configMapRefusals, storedConfigMapData } from './config-map-data';
import { isObject } from './containers';
import { goParseUrl, GoUrlOptions } from './go-url';
import { isOciRegistryPart, ociRegistrySplit } from './image-references';
import { manifestsNamed, oncePerSet } from './manifest-index';
import { manifestNamespace, sameNamespace } from './namespaces';
import { isOperatorChainsConfig, OPERATOR_CHAINS_FIELDS, operatorChainsConfig, operatorChainsPath, OperatorChainsConfig, OperatorChainsRefusal, operatorRefusesWhat } from './operator-chains';
import { OPERATOR_OBJECT_NAMES, operatorSettingsObject } from './operator-objects';
import { ConfigMapReading, dataKey, keptReading, namedConfigMap, readingsProblems, writtenAloneReading } from './readings';

/** Name of the ConfigMap Chains reads its configuration from. */
export const CHAINS_CONFIG_NAME = 'chains-config';

/** Namespace Chains is installed in. */
export const CHAINS_NAMESPACE = 'tekton-chains';

/** The artifact types, as they appear in `artifacts.<type>.*` keys. */
export const ARTIFACT_TYPES = ['taskrun', 'pipelinerun', 'oci'] as const;

/** The formats that record SLSA provenance. */
export const SLSA_FORMATS: readonly string[] = ['slsa/v1', 'slsa/v2alpha3', 'slsa/v2alpha4'];

/**
 * How Chains v0.29.2 parses URLs: its go.mod says `go 1.26.4`, so Go's `url.Parse` refuses an http(s) host with two
 * colons (`urlstrictcolons`).
 */
export const CHAINS_GO: GoUrlOptions = { strictColons: true };

/** sigstore's `tuf.DefaultRemoteRoot`: Chains initializes TUF from another `signers.x509.tuf.mirror.url` before it signs through Fulcio. */
export const DEFAULT_TUF_MIRROR = 'https://tuf-repo-cdn.sigstore.dev';

/** What Chains v0.29.2 accepts for one documented key. */
export interface ChainsKeySpec {
  /** The allowed values. @default - any value */
  readonly values?: readonly string[];
  /** The value is a comma-separated list of `values`; "" turns the artifact type off. @default false */
  readonly list?: boolean;
  /** The key holds credentials, so it is refused; how to pass them instead. @default - not refused */
  readonly secret?: string;
  /** Why Chains cannot use a free value, with the value meant when it can be told; undefined when it can. @default - any value */
  readonly check?: (value: string) => ChainsValueProblem | undefined;
}

/** Why Chains cannot use a value of a free key (ChainsKeySpec's `check`). */
export interface ChainsValueProblem {
  /** What is wrong, and what Chains then does (follows the value in messages). */
  readonly problem: string;
  /** The value meant, which the check accepts, when it can be told. @default - none */
  readonly meant?: string;
  /** The form a value takes, for fixes (`<registry>/<path> in lower case, …`). */
  readonly form: string;
}

/** go-containerregistry's `repositoryChars` (pkg/name/repository.go). */
const REPOSITORY_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789_-./';

/**
 * Why Chains v0.29.2 cannot store in a `storage.oci.repository`, or undefined when it can: its OCI storage passes the
 * value to go-containerregistry v0.21's `name.NewRepository` (pkg/chains/storage/oci/legacy.go `newRepo`, for
 * signatures and attestations alike, without strict validation). That takes the part before the first '/' as the
 * registry when it is `localhost` or holds a '.' or ':' (which Go's `url.Parse("//" + registry)` must read back as
 * the host), and refuses a repository of other than 2 to 255 of `REPOSITORY_CHARS`: an upper-case letter, a `:tag`
 * or an `@digest`. A scheme (`https://r/p`) parses, as the registry `https:` and the repository `/r/p`, and an empty
 * path segment (`r//p`, `r/p/`) too, but no registry has such a repository. A registry alone (`ghcr.io`) is read as
 * Docker Hub's `index.docker.io/library/ghcr.io`, and one word (`sigs`) as `index.docker.io/library/sigs`, a repository
 * of Docker Hub's official images, which no user can push to, as are `library/sigs`, `docker.io/sigs`,
 * `index.docker.io/sigs` and `docker.io/library/sigs` (officialImage's). "" is Chains' default (next to the image).
 */
export function ociRepositoryProblem(value: string): ChainsValueProblem | undefined {
  const problem = ociRepositoryRefusal(value);
  if (problem === undefined) return undefined;
  const official = officialImage(withoutTagOrDigest(value).toLowerCase());
  const form = registryAlone(value)
    ? `"${value.toLowerCase()}/<path>": the registry, then the repository's path in it, in lower case`
    : official !== undefined
      ? `"${official.hub}<user>/${official.name}" for a Docker Hub user or organisation, or "<registry>/<path>/${official.name}" for another registry`
      : '<registry>/<path> in lower case, without scheme, tag or digest';
  return { problem, meant: meantOciRepository(value), form };
}

/** The registries go-containerregistry v0.21 reads as Docker Hub: its `DefaultRegistry`, and `docker.io`, which NewRegistry rewrites to it. */
const DOCKER_HUB = ['index.docker.io', 'docker.io'];

/** Docker Hub's registry API host, which go-containerregistry keeps as written (`registry-1.docker.io/library/sigs`). */
const DOCKER_HUB_API = 'registry-1.docker.io';

/**
 * Where a `storage.oci.repository` is one name.NewRepository reads as a repository of Docker Hub's official images, which
 * no user can push to (`index.docker.io/library/sigs`): the Docker Hub registry as written (`""`, `docker.io/` or
 * `index.docker.io/`, for fixes), the name after `library/` (`sigs`) and the repository as read; else undefined. That is a
 * path of 2 to 255 of `REPOSITORY_CHARS` without empty segments on Docker Hub (no registry, `docker.io` or
 * `index.docker.io`; a registry alone, `ghcr.io`, is registryAlone's) that either has no '/' (`sigs`, `docker.io/sigs`:
 * NewRepository puts it in the namespace `library`) or starts with `library/` (`library/sigs`, `docker.io/library/sigs`,
 * and `registry-1.docker.io/library/sigs` through Docker Hub's API host). Checked against go-containerregistry v0.21.0's
 * name.NewRepository (Go 1.26): each of these but the last reads as `index.docker.io/library/sigs`, while
 * `registry-1.docker.io/sigs`, `Docker.io/sigs` and `docker.io:443/sigs` keep their registry and `sigs` (not judged).
 */
function officialImage(value: string): { readonly hub: string; readonly name: string; readonly read: string } | undefined {
  if (!value.includes('/') && isOciRegistryPart(value)) return undefined;
  const { registry, repository } = ociRegistrySplit(value);
  if (repository.length < 2 || repository.length > 255 || ![...repository].every((c) => REPOSITORY_CHARS.includes(c))
    || repository.split('/').includes('')) return undefined;
  const name = registry !== DOCKER_HUB_API && !repository.includes('/') ? repository
    : repository.startsWith('library/') ? repository.slice('library/'.length) : undefined;
  if (name === undefined || (registry !== '' && registry !== DOCKER_HUB_API && !DOCKER_HUB.includes(registry))) return undefined;
  return { hub: registry === '' ? '' : `${registry}/`, name, read: `${registry === DOCKER_HUB_API ? registry : DOCKER_HUB[0]}/library/${name}` };
}

/**
 * A `storage.oci.repository` without the digest (`@sha256:abcd`) and then the tag (`:v1`) it ends with: `sigs` for
 * `sigs:v1@sha256:abcd`; `user@ghcr.io` stays (`@ghcr.io` is no digest).
 */
function withoutTagOrDigest(value: string): string {
  return value.replace(/@[A-Za-z0-9]+(?:[+._-][A-Za-z0-9]+)*:[A-Za-z0-9=_-]+$/, '').replace(/:[^/:@\]]*$/, '');
}

/**
 * Whether a `storage.oci.repository` is a registry host alone (`ghcr.io`, `localhost`, `registry.example.com:5000`): no
 * '/', and what name.NewRepository would take for the registry were a path to follow (`localhost`, or a '.' or ':'), with
 * no '@' (user info or a digest: `sigs@sha256:abcd` is a repository) and no ':' but a port's (`sigs:v1` is a tag).
 */
function registryAlone(value: string): boolean {
  return !value.includes('/') && !value.includes('@') && isOciRegistryPart(value) && !/:[^:\]]*[^0-9:\]][^:\]]*$/.test(value);
}

function ociRepositoryRefusal(value: string): string | undefined {
  if (value === '') return undefined;
  const fails = 'so every store there fails and Chains keeps no signature or attestation';
  if (registryAlone(value)) {
    // name.NewRepository takes a value without '/' for a repository of Docker Hub's library (official images)
    const hub = `index.docker.io/library/${value}`;
    return 'names a registry but no repository in it: go-containerregistry\'s name.NewRepository, which Chains reads it with, reads it as '
      + ([...value].every((c) => REPOSITORY_CHARS.includes(c))
        ? `Docker Hub's repository "${hub}", so Chains would push every signature and attestation to Docker Hub, not to ${value}`
        : `a repository of Docker Hub ("${hub}") and refuses it, ${fails}`);
  }
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value)) {
    return `has a scheme: go-containerregistry's name.NewRepository, which Chains reads it with, takes "${value.slice(0, value.indexOf('/'))}" `
      + `for the registry, ${fails}`;
  }
  const { registry, repository } = ociRegistrySplit(value);
  const length = [...repository].length;
  const reason = length < 2 || length > 255
    ? `its repository "${repository}" is not 2 to 255 characters long`
    : [...repository].some((c) => !REPOSITORY_CHARS.includes(c))
      ? `its repository "${repository}" holds characters other than \`${REPOSITORY_CHARS}\` (no upper case, no :tag, no @digest)`
      : registry !== '' && goParseUrl(`//${registry}`)?.host !== registry
        ? `its registry "${registry}" is not a host[:port]`
        : undefined;
  if (reason !== undefined) return `is not a repository go-containerregistry's name.NewRepository reads (Chains reads it with it): ${reason}, ${fails}`;
  const official = officialImage(value);
  if (official !== undefined) {
    const names = !value.includes('/') ? 'names no registry and no Docker Hub user or organisation'
      : !repository.includes('/') ? `names Docker Hub (${registry}) but no user or organisation on it`
        : 'names "library", the namespace of Docker Hub\'s official images';
    return `${names}: go-containerregistry's name.NewRepository, which Chains reads it with, reads it as "${official.read}", a repository of Docker Hub's `
      + `official images, which only Docker pushes to, ${fails}`;
  }
  if (repository.split('/').includes('')) {
    return `has an empty path segment ("//", or a '/' at the start or end of "${repository}"), which no registry accepts in a repository name, ${fails}`;
  }
  return undefined;
}

/**
 * A `storage.oci.repository` without scheme, user info, tag, digest or empty segments, in lower case, when Chains can use that:
 * the user info before the registry (`user@reg.io/sigs`: an `@` before the first '/') and a digest after the path
 * (`reg.io/sigs@sha256:…`) are taken out on their own, so the registry stays (taking all from the first `@` left `user`,
 * Docker Hub's `library/user`); without a '/' the `@` starts a digest (`sigs@sha256:abcd`), not user info.
 */
function meantOciRepository(value: string): string | undefined {
  const bare = value.trim().replace(/^[A-Za-z][A-Za-z0-9+.-]*:\/\//, '').replace(/^[^/@]*@(?=[^/]*\/)/, '').replace(/@[^/]*$/, '')
    .replace(/:[^/:]*$/, '').toLowerCase();
  const meant = bare.split('/').filter((s) => s !== '').join('/');
  return meant !== '' && ociRepositoryRefusal(meant) === undefined ? meant : undefined;
}

/**
 * Why Chains v0.29.2 cannot store in a `storage.gcs.bucket`, or undefined when it can: it passes the value as written to
 * the Cloud Storage client's `Bucket` (pkg/chains/storage/gcs/gcs.go), which sends it to Cloud Storage unchecked
 * (cloud.google.com/go/storage checks only that it is not empty), and no bucket has a name Google's naming rules refuse:
 * only lower-case letters, digits, '-', '_' and '.' (so `gs://bucket`, a path or an upper-case letter names none), 3 to
 * 63 characters, or up to 222 with dots where each dot-separated part has 1 to 63 (no `..`), starting and ending with a letter
 * or digit, not an IP address in dotted-decimal form, not beginning with `goog` nor holding `google` or a close misspelling
 * of it, as the rules say (`g00gle`; judged: digits that look like its letters, 0 for o, 1 for l, 3 for e).
 * "" is judged where gcs storage needs a bucket.
 */
export function gcsBucketProblem(value: string): ChainsValueProblem | undefined {
  const refused = gcsBucketRefusal(value);
  if (refused === undefined) return undefined;
  const meant = value.trim().replace(/^gs:\/\//i, '').replace(/\/.*$/, '').toLowerCase();
  const named = meant !== '' && gcsBucketRefusal(meant) === undefined;
  return {
    problem: `${refused}: Chains passes it to the storage client as the bucket, so every store there fails and Chains keeps no signature or attestation`,
    meant: named ? meant : undefined,
    form: named ? 'the bucket name alone, in lower case' : GCS_BUCKET_FORM,
  };
}

const GCS_BUCKET_FORM = "the bucket name alone: 3 to 63 of lower-case letters, digits, '-', '_' and '.' (up to 222 with dots, each "
  + 'dot-separated part 1 to 63), starting and ending with a letter or digit';

/** What makes `value` no Cloud Storage bucket name (gcsBucketProblem), or undefined for a bucket name and "". */
function gcsBucketRefusal(value: string): string | undefined {
  if (value === '') return undefined;
  const no = 'is not a Cloud Storage bucket name';
  if (!/^[a-z0-9._-]+$/.test(value)) return `${no} (only lower-case letters, digits, '-', '_' and '.'; no gs:// and no path)`;
  const long = value.includes('.') ? value.split('.').find((part) => part.length > 63) : undefined;
  if (value.length < 3 || value.length > (value.includes('.') ? 222 : 63) || long !== undefined) {
    return `${no}: ${long !== undefined ? `its part "${long}" is ${long.length}` : `it is ${value.length}`} characters long, and a bucket name `
      + 'has 3 to 63 (up to 222 with dots, each dot-separated part 1 to 63)';
  }
  const edge = /^[a-z0-9]/.test(value) ? /[a-z0-9]$/.test(value) ? undefined : `ends with "${value.slice(-1)}"` : `starts with "${value[0]}"`;
  if (edge !== undefined) return `${no}: it ${edge}, and a bucket name starts and ends with a letter or digit`;
  if (value.includes('..')) return `${no}: it holds "..", an empty dot-separated part, and each part of a bucket name has 1 to 63 characters`;
  if (/^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/.test(value)) return `${no}: it is an IP address in dotted-decimal form`;
  if (value.startsWith('goog') || value.includes('google')) return `${no}: it ${value.startsWith('goog') ? 'begins with "goog"' : 'holds "google"'}, which Cloud Storage reserves`;
  // "or close misspellings, such as "g00gle"": a digit where "google" has the letter it looks like (0 for o, 1 for l, 3 for e)
  const lookalike = value.replace(/0/g, 'o').replace(/1/g, 'l').replace(/3/g, 'e').indexOf('google');
  if (lookalike >= 0) return `${no}: it holds "${value.slice(lookalike, lookalike + 6)}", which Cloud Storage reserves as a close misspelling of "google"`;
  return undefined;
}

const FORMATS = ['in-toto', ...SLSA_FORMATS];
const SIGNERS = ['x509', 'kms', 'none'];
/** What Go's `strconv.ParseBool` accepts: Chains reads its boolean keys with it (`asBool`). */
const BOOLEAN = ['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'];
const RUN_STORAGE = ['tekton', 'oci', 'gcs', 'docdb', 'grafeas', 'archivista'];
const FREE: ChainsKeySpec = {};

/** Every key documented for Chains v0.29.2 (`filter.managed-by` came later). */
export const CHAINS_KEYS: ReadonlyMap<string, ChainsKeySpec> = new Map<string, ChainsKeySpec>([
  ['artifacts.taskrun.format', { values: FORMATS }],
  ['artifacts.taskrun.storage', { values: RUN_STORAGE, list: true }],
  ['artifacts.taskrun.signer', { values: SIGNERS }],
  ['artifacts.pipelinerun.format', { values: FORMATS }],
  ['artifacts.pipelinerun.storage', { values: RUN_STORAGE, list: true }],
  ['artifacts.pipelinerun.signer', { values: SIGNERS }],
  ['artifacts.pipelinerun.enable-deep-inspection', { values: BOOLEAN }],
  ['artifacts.oci.format', { values: ['simplesigning'] }],
  ['artifacts.oci.storage', { values: ['tekton', 'oci', 'gcs', 'docdb', 'grafeas'], list: true }],
  ['artifacts.oci.signer', { values: SIGNERS }],
  ['signers.kms.kmsref', FREE],
  ['signers.kms.auth.address', FREE],
  ['signers.kms.auth.token', {
    secret: 'Mount the token from a Secret into the Chains controller and set signers.kms.auth.token-path (KmsSigning.authTokenPath)',
  }],
  ['signers.kms.auth.token-path', FREE],
  ['signers.kms.auth.oidc.path', FREE],
  ['signers.kms.auth.oidc.role', FREE],
  ['signers.kms.auth.oidc.token-path', FREE],
  ['signers.kms.auth.spire.sock', FREE],
  ['signers.kms.auth.spire.audience', FREE],
  ['storage.gcs.bucket', { check: gcsBucketProblem }],
  ['storage.oci.repository', { check: ociRepositoryProblem }],
  ['storage.oci.repository.insecure', { values: BOOLEAN }],
  ['storage.oci.encoding-format', { values: ['dsse', 'sigstore-bundle'] }],
  ['storage.docdb.url', FREE],
  ['storage.docdb.mongo-server-url', {
    secret: 'Mount the connection URL from a Secret into the Chains controller and set storage.docdb.mongo-server-url-path or -dir (ChainsStorageSettings.mongoServerUrlPath)',
  }],
  ['storage.docdb.mongo-server-url-dir', FREE],
  ['storage.docdb.mongo-server-url-path', FREE],
  ['storage.grafeas.projectid', FREE],
  ['storage.grafeas.noteid', FREE],
  ['storage.grafeas.notehint', FREE],
  ['storage.archivista.url', FREE],
  ['builder.id', FREE],
  ['builddefinition.buildtype', { values: ['https://tekton.dev/chains/v2/slsa', 'https://tekton.dev/chains/v2/slsa-tekton'] }],
  ['transparency.enabled', { values: ['true', 'false', 'manual'] }],
  ['transparency.url', FREE],
  ['signers.x509.fulcio.enabled', { values: BOOLEAN }],
  ['signers.x509.fulcio.address', FREE],
  ['signers.x509.fulcio.issuer', FREE],
  // the names the cosign providers Chains v0.29.2 links in register (cosign v2.6.5 pkg/providers, and Chains'
  // own filesystem-custom-path); Chains passes the value to ProvideFrom as it is, and an unknown one drops the
  // x509 signer (its docs/config.md names `github` and `google`, which no provider registers)
  ['signers.x509.fulcio.provider', { values: ['spiffe', 'github-actions', 'google-workload-identity', 'google-impersonate', 'buildkite-agent', 'envvar', 'filesystem', 'filesystem-custom-path'] }],
  ['signers.x509.identity.token.file', FREE],
  ['signers.x509.tuf.mirror.url', FREE],
]);

/**
 * What Chains v0.29.2 uses for a key that is not set (pkg/config/config.go `defaultConfig`),
 * for the keys where that differs from what it makes of "": a format, signer, encoding or build
 * type "" is refused (the whole configuration fails to load), a storage "" turns the artifact type
 * off, and a free value "" replaces the default. Every other key reads "" as it reads the key unset.
 */
export const CHAINS_DEFAULTS: ReadonlyMap<string, string> = new Map([
  ['artifacts.taskrun.format', 'in-toto'],
  ['artifacts.taskrun.storage', 'tekton'],
  ['artifacts.taskrun.signer', 'x509'],
  ['artifacts.pipelinerun.format', 'in-toto'],
  ['artifacts.pipelinerun.storage', 'tekton'],
  ['artifacts.pipelinerun.signer', 'x509'],
  ['artifacts.oci.format', 'simplesigning'],
  ['artifacts.oci.storage', 'oci'],
  ['artifacts.oci.signer', 'x509'],
  ['storage.oci.encoding-format', 'dsse'],
  ['storage.grafeas.notehint', 'This attestation note was generated by Tekton Chains'],
  ['builder.id', 'https://tekton.dev/chains/v2'],
  ['builddefinition.buildtype', 'https://tekton.dev/chains/v2/slsa'],
  ['transparency.url', 'https://rekor.sigstore.dev'],
  ['signers.x509.fulcio.address', 'https://fulcio.sigstore.dev'],
  ['signers.x509.fulcio.issuer', 'https://oauth2.sigstore.dev/auth'],
  ['signers.x509.tuf.mirror.url', DEFAULT_TUF_MIRROR],
]);

/**
 * Keys whose value is a URL Chains sends tokens, signatures or provenance to: https only.
 * Not `signers.x509.fulcio.issuer`: Chains hands cosign the token its provider gave, and with
 * a token cosign does not contact the issuer (sigstore's `OIDConnect` returns a static
 * token's claims without a request); Fulcio, not Chains, checks the issuer.
 */
export const CHAINS_HTTPS_KEYS: readonly string[] = [
  'signers.x509.fulcio.address',
  'signers.x509.tuf.mirror.url',
  'transparency.url',
  'storage.archivista.url',
  'signers.kms.auth.address',
];

/**
 * The `data` of a `chains-config` ConfigMap in `tekton-chains` (or without a namespace) as
 * written, values of any type; undefined for any other object.
 */
export function chainsConfigWritten(manifest: any): Record<string, unknown> | undefined {
  if (manifest?.kind !== 'ConfigMap' || manifest.metadata?.name !== CHAINS_CONFIG_NAME) return undefined;
  // an empty or null namespace is none: the ConfigMap lands where it is applied
  const namespace = manifestNamespace(manifest);
  if (namespace !== undefined && namespace !== CHAINS_NAMESPACE) return undefined;
  return manifest.data && typeof manifest.data === 'object' ? manifest.data : {};
}

/** One reason the API server refuses a chains-config ConfigMap: the field as written and why. */
export interface ChainsConfigRefusal {
  /** `data['k']` or `binaryData['k']`. */
  readonly property: string;
  /** What is wrong with it (`is not a string`). */
  readonly problem: string;
}

/**
 * Why the API server refuses a `chains-config` ConfigMap (configMapRefusals), in the order
 * written; empty when it accepts it. Chains then reads none of its settings.
 */
export function chainsConfigRefusals(manifest: any): ChainsConfigRefusal[] {
  const data = chainsConfigWritten(manifest);
  if (data === undefined) return [];
  return configMapRefusals(data, manifest.binaryData).map((r) => ({ property: r.field === 'data' ? dataKey(r.key) : `binaryData['${r.key}']`, problem: r.problem }));
}

/**
 * The data Chains reads from a `chains-config` ConfigMap in `tekton-chains` (or without a
 * namespace), values as the API server stores them (a null is ""); undefined for any other
 * object. A ConfigMap the API server refuses (a value that is not a string, such as
 * `transparency.enabled: true` unquoted, an invalid key, or a `binaryData` key that repeats one
 * of `data`) never reaches Chains: its data is read as empty (Chains' defaults).
 */
export function chainsConfigData(manifest: any): Record<string, string> | undefined {
  const data = chainsConfigWritten(manifest);
  if (data === undefined) return undefined;
  return chainsConfigRefusals(manifest).length > 0 ? {} : storedConfigMapData(data) as Record<string, string>;
}

/**
 * The data Chains reads among the manifests checked together. A Tekton operator's TektonConfig
 * (of several, the last) that installs Chains writes chains-config (the operator overwrites the
 * keys it writes of the ConfigMap it manages); without one, the TektonConfig the operator creates of its own when a
 * TektonPipeline or TektonChain is checked (unless its Deployment checked together turns
 * AUTOINSTALL_COMPONENTS off: operatorSettingsObject), else its TektonChain (which a TektonConfig
 * replaces, and removes when it installs no Chains); without them, of the `chains-config` ConfigMaps, the one in namespace
 * `tekton-chains` over one without a namespace (which lands wherever it is applied), and of
 * several, the last (kubectl apply keeps the last one applied); undefined when there is none.
 * This is the first of chainsInstallsOf's readings: what the operator writes alone.
 */
export function chainsConfigOf(manifests: readonly any[]): Record<string, string> | undefined {
  return chainsInstallOf(manifests)?.data;
}

/**
 * What chainsConfigOf reads, with the namespace Chains runs in: a Tekton operator's
 * `spec.targetNamespace` (where it installs Chains) for its objects, else tekton-chains.
 */
export function chainsInstallOf(manifests: readonly any[]): ChainsInstall | undefined {
  return chainsInstallsOf(manifests)[0];
}

/**
 * Each chains-config Chains may read among the manifests checked together, as alternatives:
 * what chainsInstallOf reads, then, where a Tekton operator's object writes chains-config, one
 * reading for each chains-config ConfigMap of the operator's target namespace (or none) that the
 * API server accepts and that has a key the operator does not write: that ConfigMap's data with
 * the operator's keys over them. The operator's installer applies chains-config over the
 * ConfigMap there with manifestival's three-way merge (tektoncd/operator v0.81.0,
 * tektoninstallerset's EnsureNamespaceScopedResources): every key it writes takes its value, the
 * keys kubectl last applied that it does not write are removed, and those of a ConfigMap created
 * otherwise (kubectl create, Helm, server-side apply) stay. Which one the cluster holds is not
 * known, so a rule judges each: with more than one, each says in `reading` how messages name it.
 * Empty when there is none.
 */
export function chainsInstallsOf(manifests: readonly any[]): readonly ChainsInstall[] {
  return oncePerSet(INSTALLS, manifests, '', () => findChainsInstalls(manifests));
}

/** What chainsInstallsOf reads: the data of chains-config and the namespace Chains runs in. */
export interface ChainsInstall extends ConfigMapReading {
  readonly data: Record<string, string>;
  readonly namespace: string;
  /** For a reading with a ConfigMap's own keys beside the operator's: that ConfigMap. */
  readonly configMap?: any;
  /** With `configMap`: its keys the operator does not write, which its apply keeps. */
  readonly keptKeys?: readonly string[];
  /** With `configMap`: how messages name the operator's object that writes the rest. */
  readonly writer?: string;
}

const INSTALLS = new WeakMap<readonly any[], Map<string, readonly ChainsInstall[]>>();

/**
 * The Tekton operator's object that writes chains-config among the manifests (operatorSettingsObject: a TektonConfig
 * that installs Chains, else the one the operator creates of its own, else a TektonChain), with how it sets chains-config;
 * undefined without one, or when it writes none.
 */
function operatorChainsWriter(manifests: readonly any[]) {
  const source = operatorSettingsObject(manifests, 'TektonChain');
  const operator = source?.manifest;
  if (operator === undefined || (operator.kind === 'TektonConfig' && operatorChainsConfig(operator).off !== undefined)) return undefined;
  return { source: source!, operator, view: chainsConfigView(operator) };
}

/**
 * Whether a Tekton operator's object among the manifests installs Chains and writes its chains-config (one the
 * operator can read), which its installer applies over a chains-config ConfigMap of its target namespace.
 */
export function operatorAppliesChainsConfig(manifests: readonly any[]): boolean {
  const writer = operatorChainsWriter(manifests);
  return writer?.view !== undefined && writer.view.operator?.refusals.length === 0;
}

/** The name of the Deployment of Chains' controller in its release YAML (tektoncd/chains v0.29 config/controller.yaml). */
const CHAINS_CONTROLLER = 'tekton-chains-controller';

/**
 * For a `chains-config` ConfigMap of namespace tekton-chains checked with a Tekton operator's object that installs
 * Chains into another target namespace (tektoncd/operator v0.81.0 installs Chains' manifests there, and Chains reads the
 * chains-config of its own namespace, tektoncd/chains pkg/config): what messages add to its findings, ` (TektonConfig
 * 'config' installs Chains in tekton-pipelines, whose Chains does not read this ConfigMap: …)`. The ConfigMap is still
 * judged, for a Chains installed in tekton-chains from its release YAML, which the objects checked may not show.
 * Undefined otherwise (the operator's own TektonConfig, whose target namespace is assumed, included), and when a
 * Deployment of Chains' controller that may be in the ConfigMap's namespace is checked with it (such a Chains reads it).
 */
export function unreadByOperatorChains(manifest: any, manifests: readonly any[] | undefined): string | undefined {
  if (manifests === undefined || manifest?.kind !== 'ConfigMap' || manifest.metadata?.name !== CHAINS_CONFIG_NAME) return undefined;
  const namespace = manifestNamespace(manifest);
  if (namespace === undefined || !operatorAppliesChainsConfig(manifests)) return undefined;
  const { source, operator } = operatorChainsWriter(manifests)!;
  // the namespace an object checked names (the TektonConfig the operator creates of its own has one assumed: not told)
  const installed = operator.spec?.targetNamespace;
  if (!manifests.includes(operator) || typeof installed !== 'string' || installed === '' || installed === namespace) return undefined;
  if (manifestsNamed(manifests, 'Deployment', CHAINS_CONTROLLER).some((d) => d?.kind === 'Deployment' && sameNamespace(manifestNamespace(d), namespace))) return undefined;
  return ` (${source.name} installs Chains in ${installed}, whose Chains reads the chains-config there, not this ConfigMap: judged for a Chains `
    + `installed in ${namespace} otherwise, from its release YAML)`;
}

function findChainsInstalls(manifests: readonly any[]): readonly ChainsInstall[] {
  // a TektonConfig, else the one the operator creates of its own (which installs Chains), else a TektonChain
  const writer = operatorChainsWriter(manifests);
  if (writer !== undefined) {
    const { source, operator, view } = writer;
    if (view === undefined) return [];
    const target = operator.spec?.targetNamespace;
    const namespace = typeof target === 'string' && target !== '' ? target : CHAINS_NAMESPACE;
    const data = view.data as Record<string, string>;
    // an object the operator cannot read installs nothing: no ConfigMap is applied over
    if (view.operator?.refusals.length !== 0) return [{ data, namespace }];
    // a ConfigMap of the target namespace (Chains' there) that the API server accepts, its data as stored
    const kept = manifestsNamed(manifests, 'ConfigMap', CHAINS_CONFIG_NAME)
      .filter((m) => m?.kind === 'ConfigMap' && sameNamespace(manifestNamespace(m), namespace) && isObject(m.data)
        && configMapRefusals(m.data, m.binaryData).length === 0)
      .map((m) => ({ manifest: m, own: storedConfigMapData(m.data) as Record<string, string> }))
      .map((c) => ({ ...c, keys: Object.keys(c.own).filter((k) => !Object.prototype.hasOwnProperty.call(data, k)) }))
      .filter((c) => c.keys.length > 0);
    if (kept.length === 0) return [{ data, namespace }];
    const named = (m: any) => namedConfigMap(m, CHAINS_CONFIG_NAME);
    const name = source.name;
    // one chains-config either way: the operator writes the keys, or the ConfigMap holds none the operator does not write
    const agree = (c: typeof kept) => `Make chains-config the same however the ConfigMap was created: set ${c.flatMap((k) => k.keys.map((key) => `${view.property(key)}: ${typedValue(key, k.own[key])}`)).join(', ')} `
      + `on ${name}, which the operator then writes, or remove ${c.map((k) => `${k.keys.map(dataKey).join(', ')} from ${named(k.manifest)}`).join(' and ')}.`;
    return [
      { data, namespace, reading: writtenAloneReading(name, kept.map((c) => c.manifest), CHAINS_CONFIG_NAME), readingFix: agree(kept) },
      ...kept.map((c) => ({
        data: { ...c.own, ...data },
        namespace,
        reading: keptReading(name, c.manifest, c.keys, CHAINS_CONFIG_NAME),
        readingFix: agree([c]),
        configMap: c.manifest,
        keptKeys: c.keys,
        writer: name,
      })),
    ];
  }
  let explicit: any;
  let unset: any;
  for (const m of manifestsNamed(manifests, 'ConfigMap', CHAINS_CONFIG_NAME)) {
    if (chainsConfigData(m) === undefined) continue;
    if (manifestNamespace(m) === CHAINS_NAMESPACE) explicit = m;
    else unset = m;
  }
  const data = chainsConfigData(explicit ?? unset);
  return data ? [{ data, namespace: CHAINS_NAMESPACE }] : [];
}

/** A chains-config value as the operator's field for the key takes it: a boolean field unquoted (Go's ParseBool read), else quoted. */
function typedValue(key: string, value: string): string {
  return OPERATOR_CHAINS_FIELDS.get(key) === 'bool' ? String(parsesTrue(value)) : JSON.stringify(value);
}

/**
 * What a rule finds over chainsInstallsOf's readings (`judge` of each): a problem every reading
 * finds as it is, one only some find once, with ` (reading chains-config …)` after its text,
 * naming the first reading that finds it, and the fix that makes the readings one.
 */
export function chainsReadingsProblems<P extends { readonly problem: string; readonly fix?: string }>(
  installs: readonly ChainsInstall[],
  judge: (install: ChainsInstall) => readonly P[],
): P[] {
  return readingsProblems(CHAINS_CONFIG_NAME, installs, judge);
}

/**
 * The chains-config an object sets, as Chains reads it, with where each key is set: a
 * `chains-config` ConfigMap (`data['k']`), or a Tekton operator's TektonConfig (`spec.chain`)
 * or TektonChain (`spec`), whose keys are set by its typed fields (`spec.chain['k']`) or under
 * `options.configMaps['chains-config'].data`.
 */
export interface ChainsConfigView {
  /** The data Chains reads (the operator's defaults included). */
  readonly data: Readonly<Record<string, string>>;
  /** The path of the field that sets a key, or would. */
  readonly property: (key: string) => string;
  /** How a key Chains does not read is described: `is not set`, or why none of the object reaches Chains. */
  readonly unset: string;
  /** For an operator's object: what the operator makes of it. */
  readonly operator?: OperatorChainsConfig;
}

const VIEWS = new WeakMap<object, ChainsConfigView | null>();

/** Who refuses an operator's object for a refusal of its Chains settings, for messages. */
function refusedBy(refused: OperatorChainsRefusal, manifest: any): string {
  if (refused.reason === 'value') return `the operator refuses ${operatorRefusesWhat(manifest)}`;
  return refused.options?.by === 'webhook' ? `the operator's webhook refuses this ${manifest.kind}` : `the operator cannot read this ${manifest.kind}`;
}

/**
 * The chains-config `manifest` sets (cached per object); undefined for an object that sets
 * none: not a chains-config ConfigMap, nor an operator's TektonConfig or TektonChain, or a
 * TektonConfig that installs no Chains (its `spec.chain.disabled` true, its profile lite).
 * An operator's object the operator cannot read sets nothing: its data is empty.
 */
export function chainsConfigView(manifest: any): ChainsConfigView | undefined {
  if (manifest === null || typeof manifest !== 'object') return undefined;
  const cached = VIEWS.get(manifest);
  if (cached !== undefined) return cached ?? undefined;
  let view: ChainsConfigView | undefined;
  if (isOperatorChainsConfig(manifest)) {
    const operator = operatorChainsConfig(manifest);
    if (operator.off === undefined) {
      const refused = operator.refusals[0];
      view = {
        data: refused ? {} : Object.fromEntries([...operator.keys].map(([k, v]) => [k, v.value])),
        property: (key) => operator.keys.get(key)?.path ?? operatorChainsPath(operator.prefix, key),
        unset: refused ? `is not read (${refusedBy(refused, manifest)}: ${refused.path} ${refused.problem})` : 'is not set',
        operator,
      };
    }
  } else {
    const data = chainsConfigData(manifest);
    if (data !== undefined) view = { data, property: dataKey, unset: unreadText(manifest) };
  }
  VIEWS.set(manifest, view ?? null);
  return view;
}

/** The chains-config the operator writes over an object that its own TektonConfig replaces (chainsConfigReplacement). */
export interface ChainsConfigReplacement {
  /** What the operator's own TektonConfig writes, each key at the object's field for it. */
  readonly view: ChainsConfigView;
  /** How messages name the operator's TektonConfig (OperatorSettingsObject's `name`). */
  readonly name: string;
}

/**
 * The chains-config the operator writes over `manifest`, for the rules that judge one object,
 * when the TektonConfig the operator creates of its own stands for chains-config among the
 * manifests checked together (operatorSettingsObject: no TektonConfig, and a TektonPipeline,
 * a TektonChain or the operator's Deployment that does not turn AUTOINSTALL_COMPONENTS off):
 * for a TektonChain `chain`, whose settings its reconciler replaces, and a chains-config
 * ConfigMap, over which it applies its own. Undefined otherwise, or when the manifests are not
 * known (an object judged alone).
 */
export function chainsConfigReplacement(manifest: any, manifests: readonly any[] | undefined): ChainsConfigReplacement | undefined {
  if (manifests === undefined) return undefined;
  const source = operatorSettingsObject(manifests, 'TektonChain');
  if (source?.autoinstalled !== true) return undefined;
  const own = chainsConfigView(manifest);
  const replaced = own !== undefined && (own.operator === undefined
    || (manifest.kind === 'TektonChain' && manifest.metadata?.name === OPERATOR_OBJECT_NAMES.TektonChain));
  const written = replaced ? chainsConfigView(source.manifest) : undefined;
  if (own === undefined || written === undefined) return undefined;
  const over = `${source.name} writes over this ${manifest.kind}`;
  return {
    name: source.name,
    view: { ...written, property: own.property, unset: `is not set in the chains-config that ${over}` },
  };
}

/**
 * How a key Chains does not read is described in messages: `is not set`, or, when the
 * API server refuses the ConfigMap, why Chains reads none of it.
 */
export function unreadText(manifest: any): string {
  const refused = chainsConfigRefusals(manifest);
  return refused.length === 0 ? 'is not set'
    : `is not read (the API server refuses this ConfigMap: ${refused[0].property} ${refused[0].problem})`;
}

export { dataKey };

/** The entries of a storage list as Chains splits them ("" is the empty list). */
export function storageEntries(value: string): string[] {
  return value === '' ? [] : value.split(',').map((s) => s.trim());
}

/**
 * The key that turns an artifact type off, as Chains v0.29 reads it (pkg/config/config.go,
 * `Artifact.Enabled`): a signer `none`, or a storage list written empty, `""` only (`asStringSet` reads
 * "" as the empty list; it splits any other value at commas and trims each entry, and an entry left
 * empty, as in `" "` or `","`, is not a backend, so Chains refuses the whole configuration, which
 * CHAINS_KNOWN_KEYS reports); undefined when the type is on. Chains then neither formats, signs nor
 * stores that type: it records no provenance for it.
 */
export function artifactTypeOffBy(data: Record<string, string>, type: string): string | undefined {
  const signer = `artifacts.${type}.signer`;
  if (data[signer] === 'none') return signer;
  const storage = `artifacts.${type}.storage`;
  return data[storage] === '' ? storage : undefined;
}

/** Whether Go's `strconv.ParseBool`, which Chains uses for boolean keys, reads `value` as true. */
export function parsesTrue(value: string | undefined): boolean {
  return ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(value ?? '');
}

/**
 * The public-good Fulcio: also the `signers.x509.fulcio.address` Chains v0.29 uses when the
 * key is not set (pkg/config/config.go, `defaultConfig`).
 */
export const PUBLIC_FULCIO = 'https://fulcio.sigstore.dev';

/**
 * The public-good Rekor: the `transparency.url` Chains v0.29 uploads to when the key is not set
 * (pkg/config/config.go, `defaultConfig`).
 */
export const PUBLIC_REKOR = 'https://rekor.sigstore.dev';

/**
 * The one condition under which Chains uploads a private Fulcio's certificates (the controller's identity, the images
 * and their digests) to the public-good Rekor only because no `transparency.url` was written (Chains v0.29
 * `defaultConfig` fills in PUBLIC_REKOR): uploads on (`transparency.enabled` `true` or `manual`),
 * `signers.x509.fulcio.enabled` true and a `signers.x509.fulcio.address` other than the public-good Fulcio, with no
 * `transparency.url` in `data` (the keys as written, no default filled in). What follows, in the words CHAINS_TRANSPARENCY
 * reports on a chains-config ConfigMap and ChainsConfig refuses at synth (where it would write the default itself), or
 * undefined when the condition does not hold.
 */
export function privateFulcioPublicLog(data: Readonly<Record<string, string | undefined>>): string | undefined {
  const uploads = data['transparency.enabled'];
  const address = data['signers.x509.fulcio.address'];
  if ((uploads !== 'true' && uploads !== 'manual') || !parsesTrue(data['signers.x509.fulcio.enabled']) || isPublicFulcio(address)
    || data['transparency.url'] !== undefined) return undefined;
  return `Chains uploads the private Fulcio ${address}'s certificates (the controller's identity, the images and their digests) `
    + `to its default, the public-good Rekor (${PUBLIC_REKOR}), a public log that keeps them for good`;
}

/**
 * Why a Fulcio provider gets no certificate from the public-good Fulcio (the text follows `: `) when the Chains
 * controller asks, by `signers.x509.fulcio.provider`. Chains v0.29 builds the x509 signer
 * from the provider's token and a certificate Fulcio issues at once (pkg/chains/signing/x509/x509.go,
 * `fulcioSigner`); when that fails, `allSigners` (pkg/chains/signing.go) logs a warning and
 * leaves the x509 signer out, and `Sign` skips every artifact signed with it ("No signer x509
 * configured") yet still marks the run signed.
 */
export const PUBLIC_FULCIO_REFUSED_PROVIDERS: ReadonlyMap<string, string> = new Map([
  // the public-good Fulcio's configuration has no issuer of type spiffe: it refuses a SPIRE JWT-SVID
  ['spiffe', 'it trusts no SPIFFE issuer and refuses the SPIRE JWT-SVID the controller presents'],
  // cosign's github-actions provider asks ACTIONS_ID_TOKEN_REQUEST_URL for a token: only a GitHub Actions runner has one
  ['github-actions', "the controller's pod has no GitHub Actions token to present (cosign's github-actions provider needs the "
    + 'ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN of a GitHub Actions runner)'],
]);

/** Whether a `signers.x509.fulcio.address` (undefined: not set, Chains' default) is the public-good Fulcio. */
export function isPublicFulcio(address: string | undefined): boolean {
  if (address === undefined) return true;
  try {
    const url = new URL(address.trim());
    return url.protocol === 'https:' && url.hostname.toLowerCase() === 'fulcio.sigstore.dev' && (url.port === '' || url.port === '443');
  } catch {
    return false;
  }
}

/**
 * The providers with which Chains v0.29 reads `signers.x509.identity.token.file`: with any
 * other it asks that provider for the token and never reads the file
 * (pkg/chains/signing/x509/x509.go, `fulcioSigner`: only `filesystem`, none or
 * `filesystem-custom-path` become `filesystem-custom-path`, which reads it).
 */
export const TOKEN_FILE_PROVIDERS: readonly string[] = ['filesystem', 'filesystem-custom-path'];
