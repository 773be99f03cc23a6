/**
 * References to Tekton resources that a resolver fetches (`taskRef`,
 * `pipelineRef` and a step's `ref` with a `resolver`, and the v1beta1
 * `bundle` field): where they are in a manifest, whether they are pinned to one
 * content, and the source Tekton v1.15 matches VerificationPolicy patterns
 * against (`RefSource.URI` of each resolver, `pkg/resolution/resolver/*`).
 */
import { storedConfigMapData } from './config-map-data';
import { asArray, ContainerView, isCoreV1, viewsBySpec } from './containers';
import { anchorPattern, compilesAsRe2, exactPattern, quoteMeta } from './go-regexp';
import { goRegexpError } from './go-regexp-syntax';
import { goToLower, goTrimSpace } from './go-strings';
import { goParseUrl } from './go-url';
import { lowerCasedDigest, ociRegistrySplit, unsupportedDigestAlgorithm } from './image-references';
import { isKmsUri } from './kms';
import { manifestsNamed, oncePerSet } from './manifest-index';
import { isDns1123Subdomain } from './names';
import { manifestNamespace } from './namespaces';
import { own } from './own';
import { AppliedConfigDefaults, appliedConfigDefaults, configDefaultsAllRefused, inConfigDefaultsReading } from './pods';
import { publicKeyPemProblem } from './public-keys';
import { chosenTemplate, isWholePlaceholder, placeholdersIn } from './templates';
import { jsString } from './text';
import { decodeChunk } from './yaml-document';

/** The resolvers Tekton v1.15 ships. */
export const RESOLVERS = ['bundles', 'git', 'hub', 'cluster', 'http'] as const;

/** A full git commit: SHA-1 (40 hex) or SHA-256 (64 hex), as the git resolver's immutability check reads it. */
export const COMMIT = /^(?:[0-9a-fA-F]{40}|[0-9a-fA-F]{64})$/;
/** A full SHA-1 commit, the object names of every repository GitHub and GitLab serve. */
export const SHA1_COMMIT = /^[0-9a-fA-F]{40}$/;
const SHA256_COMMIT = /^[0-9a-fA-F]{64}$/;
/** An OCI reference pinned by a sha256 digest. */
export const BUNDLE_DIGEST = /@sha256:[0-9a-f]{64}$/;
/** For messages: why the bundles resolver refuses a digest unsupportedDigestAlgorithm names. */
export const UNSUPPORTED_DIGEST_TEXT = "the bundles resolver cannot parse the reference (go-containerregistry's name.NewDigest reads sha256 digests only: "
  + '"unsupported digest algorithm")';
/**
 * A `digest` param the http resolver checks the content it fetched against (resolver.go validateDigest: the algorithm as
 * written before the first `:`, the hex of its length, any case: hex.DecodeString).
 */
export const HTTP_DIGEST = /^(?:sha256:[0-9a-fA-F]{64}|sha512:[0-9a-fA-F]{128})$/;
/** An exact hub version: `<major>.<minor>` or `<major>.<minor>.<patch>`, no range, no constraint. */
export const EXACT_VERSION = /^[0-9]+\.[0-9]+(?:\.[0-9]+)?$/;
/** Go's `\s` (RE2's too): the spaces go-version's constraint pattern allows around the operator and the version. */
const GO_SPACES = '[\\t\\n\\f\\r ]*';
/**
 * The numbers of a version that names one release: go-version pads the shorter of two versions with zeros when it
 * compares them, so `0` equals the release `0.0` and `0.9.0.0` the release `0.9.0`, while a number other than 0 after
 * the patch equals no listed version (the hubs list `<major>.<minor>` and `<major>.<minor>.<patch>`).
 */
const HUB_RELEASE_NUMBERS = '[0-9]+(?:\\.[0-9]+){0,2}(?:\\.0+)*';
/**
 * A hub resolver `version` that equals one release, as the resolver reads it: `goversion.NewConstraint`
 * (hashicorp/go-version v1.9 constraint.go, `^\s*(<op>)\s*(<version>)\s*$`) takes spaces around it, an
 * optional `=` operator (none is `=`) and a `v` before the version, and the resolver fetches the greatest
 * listed release equal to it. The group is its numbers (HUB_RELEASE_NUMBERS; RE2 and JS alike).
 */
export const HUB_RESOLVER_VERSION = new RegExp(`^${GO_SPACES}(?:=${GO_SPACES})?v?(${HUB_RELEASE_NUMBERS})${GO_SPACES}$`);
/** A HUB_RESOLVER_VERSION with a patch other than 0, which no Tekton Hub lists (RE2 and JS alike; see hubVersionProblem). */
export const HUB_NON_ZERO_PATCH = new RegExp(`^${GO_SPACES}(?:=${GO_SPACES})?v?[0-9]+\\.[0-9]+\\.[0-9]*[1-9]`);
/**
 * The build metadata go-version reads after a version (`+<ids>`, hashicorp/go-version v1.9
 * `VersionRegexpRaw`). The hub resolver reads a version as a constraint (`= 0.9`) and
 * fetches the greatest release its hub lists that satisfies it, under that release's own
 * version; build metadata is ignored in the comparison, so an Artifact Hub version is also
 * served by a `<major>.<minor>.<patch>+<build>` release its publisher adds.
 */
const BUILD_METADATA = '(?:\\+[0-9A-Za-z~-]+(?:\\.[0-9A-Za-z~-]+)*)?';
/** HUB_RESOLVER_VERSION with BUILD_METADATA after the version (the second group, "" when there is none). */
const HUB_RESOLVER_VERSION_BUILD = new RegExp(`^${GO_SPACES}(?:=${GO_SPACES})?v?(${HUB_RELEASE_NUMBERS})(${BUILD_METADATA})${GO_SPACES}$`);
/** A version of any count of numbers go-version reads as one, with BUILD_METADATA (the numbers the group). */
const GO_NUMBERS_BUILD = new RegExp(`^${GO_SPACES}(?:=${GO_SPACES})?v?([0-9]+(?:\\.[0-9]+)*)${BUILD_METADATA}${GO_SPACES}$`);
/** go-version's `VersionRegexpRaw` (hashicorp/go-version v1.9 version.go), which JS reads as RE2 does. */
const GO_VERSION = 'v?[0-9]+(?:\\.[0-9]+)*?(?:-[0-9]+[0-9A-Za-z~-]*(?:\\.[0-9A-Za-z~-]+)*|-?[A-Za-z~-]+[0-9A-Za-z~-]*(?:\\.[0-9A-Za-z~-]+)*)?'
  + '(?:\\+[0-9A-Za-z~-]+(?:\\.[0-9A-Za-z~-]+)*)?';
/** One constraint as go-version's `parseSingle` reads it (constraint.go `^\s*(<op>)\s*(<version>)\s*$`), its operator the group. */
const GO_CONSTRAINT = new RegExp(`^${GO_SPACES}(<=|>=|!=|~>|<|>|=|)${GO_SPACES}${GO_VERSION}${GO_SPACES}$`);

/**
 * The operators of a hub `version` as `goversion.NewConstraint` reads it (a list separated by `,`, each
 * GO_CONSTRAINT), or undefined when it refuses it: the hub resolver then sends the text to the hub as the version.
 */
function goConstraintOperators(version: string): string[] | undefined {
  const operators = version.split(',').map((c) => GO_CONSTRAINT.exec(c)?.[1]);
  return operators.every((o): o is string => o !== undefined) ? operators : undefined;
}

/**
 * The release a hub resolver `version` names, `<major>.<minor>` or `<major>.<minor>.<patch>` with its numbers
 * as go-version's `String()` writes them (no leading zeros), or undefined when it is not exact
 * (HUB_RESOLVER_VERSION): `v0.9.0`, `=0.9.0` and ` = 0.9` name the release `0.9.0` and `0.9` name. With
 * `build`, also that of a version with build metadata, which the resolver's comparison ignores (`0.9.0+b1`
 * is satisfied by the releases `0.9.0` is).
 */
export function hubResolverVersion(version: string, build = false): string | undefined {
  const numbers = (build ? HUB_RESOLVER_VERSION_BUILD : HUB_RESOLVER_VERSION).exec(version)?.[1].split('.').map((s) => s.replace(/^0+(?=[0-9])/, ''));
  // go-version pads with zeros (`0` is 0.0.0): the zeros after the patch are none the listed releases write
  return numbers === undefined ? undefined : (numbers.length === 1 ? [...numbers, '0'] : numbers.slice(0, 3)).join('.');
}
/** The problem of an OCI reference whose digest is in upper-case hex (lowerCasedDigest), to which each reader adds what fails. */
export const UPPER_CASE_DIGEST = 'has its digest in upper-case hex, which image references do not allow (a sha256 digest is 64 lower-case hex digits)';
/** What keeps a hub version from naming the release the hub resolver fetches (see hubVersionProblem). */
export interface HubVersionProblem {
  /** Whether the version is not exact, so that it is not pinned (otherwise it names a release the hub never lists). */
  readonly unpinned: boolean;
  readonly problem: string;
  readonly fix: string;
}

/** How a fix writes an example version: `'0.9'` in TypeScript, `"0.9"` in YAML. */
export type QuoteVersion = (version: string) => string;

/** The fix for a hub version that is not exact, by the hub `type` (a Tekton Hub lists `<major>.<minor>`). */
export function exactHubVersionFix(type: unknown, quote: QuoteVersion): string {
  return type === 'tekton'
    ? `Give the exact version, e.g. version: ${quote('0.9')} (a Tekton Hub lists <major>.<minor>).`
    : `Give the exact version, e.g. version: ${quote('0.9')} or ${quote('0.9.1')}.`;
}

/**
 * What keeps a literal hub `version` from naming one release the hub resolver can fetch, or
 * undefined, by the hub `type` param (`tekton`, else Artifact Hub, the resolver's default). It
 * must be exact (`<major>.<minor>` or `<major>.<minor>.<patch>`, with a `v` or an `=` before it,
 * spaces around and zeros after it as the resolver reads it: HUB_RESOLVER_VERSION): the resolver reads
 * it as a constraint and picks the newest listed release that satisfies any other, and sends text
 * go-version cannot read to the hub as the version name. A Tekton Hub lists
 * `<major>.<minor>` only, so there a patch other than 0 equals no listed version: the resolver
 * fails every run. RemoteTask.fromHub and REMOTE_REFERENCE_PINNED both judge by this.
 */
export function hubVersionProblem(version: string, type: unknown, quote: QuoteVersion): HubVersionProblem | undefined {
  // go-version compares versions without their build metadata: `0.9.0+b1` is a constraint `= 0.9.0`
  const build = HUB_RESOLVER_VERSION_BUILD.exec(version);
  if (build === null && !GO_NUMBERS_BUILD.test(version)) {
    const operators = goConstraintOperators(version);
    if (operators === undefined) {
      return {
        unpinned: true,
        problem: 'is not a version nor a constraint the hub resolver can read (go-version refuses it): the resolver sends the text to the hub as the version, '
          + 'so the hub decides which release that name means, if any (one that lists no version by that name refuses it, and every run fails)',
        fix: exactHubVersionFix(type, quote),
      };
    }
    if (operators.length === 1 && (operators[0] === '' || operators[0] === '=')) {
      return {
        unpinned: false,
        problem: 'is a pre-release version: the hub resolver skips the pre-releases an Artifact Hub lists and a Tekton Hub lists <major>.<minor>, '
          + 'so it finds no listed version equal to it and every run would fail',
        fix: exactHubVersionFix(type, quote),
      };
    }
    return { unpinned: true, problem: 'is not an exact version: a range or constraint picks the newest match at run time', fix: exactHubVersionFix(type, quote) };
  }
  if (build === null) {
    return {
      unpinned: false,
      problem: `has a number other than 0 after the patch (${GO_NUMBERS_BUILD.exec(version)?.[1]}), which no hub version has (a Tekton Hub lists <major>.<minor>, an Artifact Hub <major>.<minor>.<patch>): `
        + 'the hub resolver finds no listed version equal to it, so every run would fail',
      fix: exactHubVersionFix(type, quote),
    };
  }
  const release = hubResolverVersion(version, true)!;
  const [major, minor, patch] = release.split('.').map(Number);
  if (type === 'tekton' && patch !== undefined && patch !== 0) {
    return {
      unpinned: false,
      problem: `has patch ${patch}, which no Tekton Hub version has (a Tekton Hub lists <major>.<minor>): the hub resolver finds no listed version equal to it, so every run would fail`,
      fix: `Give the version as the Tekton Hub lists it: version: ${quote(`${major}.${minor}`)}.`,
    };
  }
  if (build[2] !== '') {
    return {
      unpinned: true,
      problem: `has build metadata (${build[2]}), which the hub resolver ignores when it compares versions: it fetches a ${release} release of any build (the last its hub lists), not that one`,
      fix: `Give the version without it: version: ${quote(release)}.`,
    };
  }
  return undefined;
}

/** For messages: a hub reference without a `version`, which the hub resolver refuses (validateParams). */
export const HUB_VERSION_MISSING = 'is missing: the hub resolver refuses a reference without a version ("missing required hub resolver params: version"; '
  + 'it has no default, not even the newest release)';

/** The Artifact Hub the hub resolver uses unless `ARTIFACT_HUB_API` (or `artifact-hub-urls`) says otherwise. */
export const DEFAULT_ARTIFACT_HUB_URL = 'https://artifacthub.io';
/** Catalogs the hub resolver uses when a reference names none (hubresolver-config defaults). */
export const DEFAULT_HUB_CATALOGS: Readonly<Record<string, string>> = {
  'artifact/task': 'tekton-catalog-tasks',
  'artifact/pipeline': 'tekton-catalog-pipelines',
  'tekton/task': 'Tekton',
  'tekton/pipeline': 'Tekton',
};

/** One reference a resolver fetches. */
export interface RemoteReference {
  /** What it fetches: Tasks and Pipelines are verified by Tekton's trusted resources, StepActions are not. */
  readonly fetches: 'Task' | 'Pipeline' | 'StepAction';
  /** The resolver (`bundles` for the v1beta1 `bundle` field). */
  readonly resolver: string;
  /** The params as written (values may be anything in malformed YAML). */
  readonly params: ReadonlyMap<string, unknown>;
  /** For messages: `task 'build'`, `task 'build' step 'fetch'`, or undefined for the object itself. */
  readonly location?: string;
  /** The relaxation target of the place that holds it, or undefined for the whole object. */
  readonly target?: string;
  /** The field, e.g. `taskRef`, `spec.pipelineRef`, `ref`. */
  readonly property: string;
  /**
   * Set when the reference names neither a resolver nor a name, so that Tekton's defaulting
   * writes config-defaults' `default-resolver-type` into it: how that value is known. When it
   * is not (`resolver` is then ""), why.
   */
  readonly defaultedResolver?: { readonly known: true } | { readonly known: false; readonly why: string };
  /**
   * The params the resolver's configuration gives a reference that leaves them out, as the
   * manifests checked with it say them: the cluster resolver's `namespace` (clusterDefaultNamespace).
   */
  readonly resolverDefaults?: ReadonlyMap<string, string>;
  /**
   * For the `taskRef` of a task of a PipelineRun's own `pipelineSpec`: the string each `$(params.<p>)` there becomes, the
   * value the run gives `<p>`, else the default the spec declares (Tekton v1.15 pkg/reconciler/pipelinerun/resources/apply.go:
   * ApplyParameters replaces them in each pipeline task's `taskRef.params`).
   */
  readonly runValues?: ReadonlyMap<string, string>;
}

/** The config-defaults key Tekton's defaulting writes into a reference that names neither a resolver nor a name. */
export const DEFAULT_RESOLVER_TYPE_KEY = 'default-resolver-type';

/**
 * config-defaults' `default-resolver-type` as the manifests checked together set it: each
 * config-defaults Tekton reads among them (appliedConfigDefaults: the ConfigMap in
 * tekton-pipelines or with no namespace, or what a Tekton operator's object writes into it),
 * a missing key or a null read as "" (Tekton's release leaves it empty). `value` when they all
 * set the same, else `why` it is not known: none is checked, or they disagree (the cluster may
 * keep any).
 */
export type DefaultResolverType = { readonly value: string } | { readonly value?: undefined; readonly why: string };

const RESOLVER_DEFAULTS = new WeakMap<readonly any[], Map<string, DefaultResolverType>>();
const DEFAULTS_REFUSED: DefaultResolverType = {
  why: 'which no config-defaults Tekton reads sets (the one checked with it is refused as a whole, as TEKTON_FEATURE_FLAGS reports it, so the '
    + 'cluster keeps the one it had: Tekton ships it empty, and then refuses the reference)',
};
const NOT_CHECKED: DefaultResolverType = { why: 'which no config-defaults checked with it sets (Tekton ships it empty, and then refuses the reference)' };

export function defaultResolverType(manifests: readonly any[] | undefined): DefaultResolverType {
  if (manifests === undefined) return NOT_CHECKED;
  return oncePerSet(RESOLVER_DEFAULTS, manifests, '', (): DefaultResolverType => {
    // each value with the first config-defaults that gives it (a reading of a Tekton operator's, named)
    const values = new Map<string, AppliedConfigDefaults>();
    for (const d of appliedConfigDefaults(manifests)) {
      const v = d.data[DEFAULT_RESOLVER_TYPE_KEY];
      if (!values.has(typeof v === 'string' ? v : '')) values.set(typeof v === 'string' ? v : '', d);
    }
    if (values.size === 0) return configDefaultsAllRefused(manifests) ? DEFAULTS_REFUSED : NOT_CHECKED;
    if (values.size > 1) {
      const each = [...values].map(([v, d]) => inConfigDefaultsReading(JSON.stringify(v), d)).join(', ');
      return { why: `which the config-defaults checked with it set differently (${each}; the cluster may keep any)` };
    }
    return { value: [...values.keys()][0] };
  });
}

/** The cluster resolver's ConfigMap. */
const CLUSTER_CONFIG_NAME = 'cluster-resolver-config';
const CLUSTER_DEFAULTS = new WeakMap<readonly any[], Map<string, string | undefined>>();

/**
 * The namespace the cluster resolver reads a reference without a `namespace` param (or with "")
 * from (`populateParamsWithDefaults`): the `default-namespace` of the cluster-resolver-config
 * ConfigMaps checked together (in tekton-pipelines-resolvers or without a namespace), when they
 * all set the same one that is not blank. Undefined when none is checked (the release leaves it
 * empty, but a cluster may set it), when they disagree, or when it is blank or missing (the
 * resolver then fails the reference: nothing is fetched).
 */
export function clusterDefaultNamespace(manifests: readonly any[] | undefined): string | undefined {
  if (manifests === undefined) return undefined;
  return oncePerSet(CLUSTER_DEFAULTS, manifests, '', () => {
    const values = new Set(manifestsNamed(manifests, 'ConfigMap', CLUSTER_CONFIG_NAME)
      .filter((m) => {
        const ns = manifestNamespace(m);
        return isCoreV1(m?.apiVersion) && (ns === undefined || ns === RESOLVERS_NAMESPACE);
      })
      .map((m) => storedConfigMapData(m.data)['default-namespace']));
    const [only] = values;
    return values.size === 1 && typeof only === 'string' && goTrimSpace(only) !== '' ? only : undefined;
  });
}

/** The git resolver's ConfigMap. */
const GIT_CONFIG_NAME = 'git-resolver-config';
const GIT_DEFAULTS = new WeakMap<readonly any[], Map<string, string | undefined>>();

/**
 * The repository the git resolver clones for a reference without `url` and `repo` (`PopulateDefaultParams`): the
 * `default-url` of the entry `configKey` names (`<configKey>.default-url`; without a `configKey` param, the unprefixed
 * `default-url`) of the git-resolver-config ConfigMaps checked together (in tekton-pipelines-resolvers or without a
 * namespace), when they all give the same one that is not "". Undefined when none is checked, when they disagree, when
 * it is "" or missing (the resolver then fails the reference), or when a key of one has more than one `.` (the resolver
 * then refuses the whole ConfigMap).
 */
export function gitDefaultUrl(manifests: readonly any[] | undefined, configKey = 'default'): string | undefined {
  if (manifests === undefined) return undefined;
  return oncePerSet(GIT_DEFAULTS, manifests, configKey, () => {
    const configs = manifestsNamed(manifests, 'ConfigMap', GIT_CONFIG_NAME).filter((m) => {
      const ns = manifestNamespace(m);
      return isCoreV1(m?.apiVersion) && (ns === undefined || ns === RESOLVERS_NAMESPACE);
    });
    const values = new Set(configs.map((m): unknown => {
      const data = storedConfigMapData(m.data);
      if (Object.keys(data).some((key) => key.split('.').length > 2)) return undefined;
      // the unprefixed keys are the entry `default`, as `default.<key>` is: of both, Go's map order picks either
      const written = new Set((configKey === 'default' ? ['default-url', 'default.default-url'] : [`${configKey}.default-url`])
        .filter((key) => Object.prototype.hasOwnProperty.call(data, key)).map((key) => data[key]));
      return written.size === 1 ? [...written][0] : undefined;
    }));
    const [only] = values;
    return values.size === 1 && typeof only === 'string' && only !== '' ? only : undefined;
  });
}

/** A reference with the params the resolver's configuration among `manifests` gives it where it leaves them out. */
function withResolverDefaults(ref: RemoteReference, manifests: readonly any[] | undefined): RemoteReference {
  const unset = (name: string) => {
    const v = ref.params.get(name);
    return v === undefined || v === '';
  };
  if (ref.resolver === 'cluster' && unset('namespace')) {
    const namespace = clusterDefaultNamespace(manifests);
    return namespace === undefined ? ref : { ...ref, resolverDefaults: new Map([['namespace', namespace]]) };
  }
  // without url and repo the git resolver clones its configured default-url (the configKey's entry, which must be literal)
  if (ref.resolver === 'git' && unset('url') && unset('repo')) {
    const configKey = ref.params.has('configKey') ? literalParam(ref, 'configKey') : 'default';
    const url = configKey === undefined || chosenTemplate(configKey) !== undefined ? undefined : gitDefaultUrl(manifests, configKey);
    return url === undefined ? ref : { ...ref, resolverDefaults: new Map([['url', url]]) };
  }
  return ref;
}

/** The namespace the cluster resolver fetches a reference from, when the manifests say it: its literal `namespace`, else the configured default. */
function clusterNamespace(ref: RemoteReference): string | undefined {
  return literalParam(ref, 'namespace') || ref.resolverDefaults?.get('namespace');
}

/** Whether a field is unset as Go reads a string field: missing, null or "". */
function unsetString(x: unknown): boolean {
  return x === undefined || x === null || x === '';
}

/** What is wrong with a reference's pin, in the terms of the YAML. */
export interface PinProblem {
  /** The param or field, e.g. `params.revision`. */
  readonly property: string;
  readonly value?: string;
  readonly problem: string;
  readonly fix: string;
}

function isObject(x: unknown): x is Record<string, any> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

function isTekton(manifest: any): boolean {
  const apiVersion = manifest?.apiVersion;
  return apiVersion === undefined || (typeof apiVersion === 'string' && /^tekton\.dev\//.test(apiVersion));
}

/**
 * A reference object (`taskRef`, `pipelineRef`, a step's `ref`) as a remote reference, or
 * undefined for a local one. With `defaults` (the references Tekton v1.15's defaulting fills in:
 * `SetDefaults` of a TaskRun's `taskRef`, a PipelineRun's `pipelineRef`, a pipeline task's
 * `taskRef` and a step's `ref`), one that names neither a resolver nor a name (nor a v1beta1
 * `bundle`) is fetched through config-defaults' `default-resolver-type`; when that is "" Tekton
 * refuses the reference, which fetches nothing.
 */
function referenceOf(ref: any, fetches: RemoteReference['fetches'], where: Pick<RemoteReference, 'location' | 'target' | 'property'>, defaults?: DefaultResolverType): RemoteReference | undefined {
  if (!isObject(ref)) return undefined;
  const written = () => {
    const map = new Map<string, unknown>();
    for (const p of asArray(ref.params)) if (isObject(p) && typeof p.name === 'string') map.set(p.name, p.value);
    return map;
  };
  if (ref.resolver !== undefined && ref.resolver !== null && ref.resolver !== '') {
    return { fetches, resolver: jsString(ref.resolver), params: written(), ...where };
  }
  if (defaults !== undefined && unsetString(ref.name) && unsetString(ref.bundle)) {
    if (defaults.value === '') return undefined;
    return defaults.value === undefined
      ? { fetches, resolver: '', params: written(), ...where, defaultedResolver: { known: false, why: defaults.why } }
      : { fetches, resolver: defaults.value, params: written(), ...where, defaultedResolver: { known: true } };
  }
  if (ref.bundle !== undefined && ref.bundle !== '') {
    // v1beta1: read as the bundles reference older Tekton releases made of it; Tekton v1.15
    // refuses it on create and drops it in the conversion to v1 (TEKTON_FIELD_NAMES reports it)
    const params = new Map<string, unknown>([['bundle', ref.bundle], ['name', ref.name], ['kind', fetches.toLowerCase()]]);
    return { fetches, resolver: 'bundles', params, ...where, property: `${where.property}.bundle` };
  }
  return undefined;
}

/** The container views of the manifest whose references are read, by task spec (viewsBySpec): a step is named as they name it. */
type Views = ReadonlyMap<any, readonly ContainerView[]>;

function stepReferences(taskSpec: any, prefix: string, targetPrefix: string, defaults: DefaultResolverType, views: Views): RemoteReference[] {
  if (!isObject(taskSpec)) return [];
  return (views.get(taskSpec) ?? []).filter((v) => v.role === 'step').flatMap((v) => {
    const r = referenceOf(v.container?.ref, 'StepAction', { location: `${prefix}step '${v.designation}'`, target: `${targetPrefix}step/${v.designation}`, property: 'ref' }, defaults);
    return r ? [r] : [];
  });
}

function pipelineReferences(
  pipelineSpec: any, prefix: string, targetPrefix: string, depth: number, defaults: DefaultResolverType, views: Views,
  runValues?: ReadonlyMap<string, string>,
): RemoteReference[] {
  if (!isObject(pipelineSpec) || depth > 8) return [];
  const out: RemoteReference[] = [];
  for (const t of [...asArray(pipelineSpec.tasks), ...asArray(pipelineSpec.finally)]) {
    if (!isObject(t)) continue;
    const at = { location: `${prefix}task '${jsString(t.name)}'`, target: `${targetPrefix}task/${jsString(t.name)}` };
    const task = referenceOf(t.taskRef, 'Task', { ...at, property: 'taskRef' }, defaults);
    if (task) out.push(runValues === undefined || runValues.size === 0 ? task : { ...task, runValues });
    // Tekton's defaulting leaves a pipeline task's pipelineRef as written
    const pipeline = referenceOf(t.pipelineRef, 'Pipeline', { ...at, property: 'pipelineRef' });
    if (pipeline) out.push(pipeline);
    out.push(...stepReferences(t.taskSpec, `${at.location} `, `${at.target}/`, defaults, views));
    out.push(...pipelineReferences(t.pipelineSpec, `${at.location} `, `${at.target}/`, depth + 1, defaults, views));
  }
  return out;
}

/**
 * Every reference a resolver fetches in a Task, TaskRun, Pipeline or PipelineRun (embedded
 * specs included), with the resolver config-defaults' `default-resolver-type` gives one that
 * names neither a resolver nor a name, as `manifests` (those checked together) set it
 * (defaultResolverType; not known without them).
 */
export function remoteReferencesOf(manifest: any, manifests?: readonly any[]): RemoteReference[] {
  const spec = manifest?.spec;
  if (!isObject(spec) || !isTekton(manifest)) return [];
  return referencesIn(manifest, spec, defaultResolverType(manifests)).map((r) => withResolverDefaults(r, manifests));
}

function referencesIn(manifest: any, spec: Record<string, any>, defaults: DefaultResolverType): RemoteReference[] {
  const self = { property: '' };
  const views = viewsBySpec(manifest);
  switch (manifest.kind) {
    case 'Task':
      return stepReferences(spec, '', '', defaults, views);
    case 'TaskRun': {
      const ref = referenceOf(spec.taskRef, 'Task', { ...self, property: 'spec.taskRef' }, defaults);
      return [...(ref ? [ref] : []), ...stepReferences(spec.taskSpec, '', '', defaults, views)];
    }
    case 'Pipeline':
      return pipelineReferences(spec, '', '', 0, defaults, views);
    case 'PipelineRun': {
      const ref = referenceOf(spec.pipelineRef, 'Pipeline', { ...self, property: 'spec.pipelineRef' }, defaults);
      return [...(ref ? [ref] : []), ...pipelineReferences(spec.pipelineSpec, '', '', 0, defaults, views, runParamValues(spec))];
    }
    default:
      return [];
  }
}

/** The string values a PipelineRun's params give its own `pipelineSpec`: the run's, else the spec's defaults. */
function runParamValues(spec: Record<string, any>): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of asArray(spec.pipelineSpec?.params)) {
    if (isObject(p) && typeof p.name === 'string' && typeof p.default === 'string') out.set(p.name, p.default);
  }
  for (const p of asArray(spec.params)) {
    if (!isObject(p) || typeof p.name !== 'string') continue;
    if (typeof p.value === 'string') out.set(p.name, p.value);
    else out.delete(p.name);
  }
  return out;
}

/**
 * The reference with each param whose whole value is `$(params.<p>)` replaced by the string its run gives `<p>`
 * (`runValues`), and the params so replaced, with what they were written as.
 */
function withRunValues(ref: RemoteReference): { ref: RemoteReference; replaced: Map<string, string> } {
  const replaced = new Map<string, string>();
  if (ref.runValues === undefined) return { ref, replaced };
  const params = new Map(ref.params);
  for (const [name, v] of ref.params) {
    const p = typeof v === 'string' ? /^\$\(params\.([A-Za-z0-9_-]+)\)$/.exec(v)?.[1] : undefined;
    const value = p === undefined ? undefined : ref.runValues.get(p);
    if (value === undefined) continue;
    params.set(name, value);
    replaced.set(name, v as string);
  }
  return { ref: replaced.size === 0 ? ref : { ...ref, params }, replaced };
}

/** A param's value when it is a literal string (no `$(…)` substitution), else undefined. */
export function literalParam(ref: RemoteReference, name: string): string | undefined {
  const v = ref.params.get(name);
  return typeof v === 'string' && !v.includes('$(') ? v : undefined;
}

function paramValue(ref: RemoteReference, name: string): string | undefined {
  const v = ref.params.get(name);
  if (v === undefined) return undefined;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** The `{{…}}` template of a param's string value that another tool fills in before the YAML is read (chosenTemplate), or undefined. */
function templated(ref: RemoteReference, name: string): string | undefined {
  const v = ref.params.get(name);
  return typeof v === 'string' ? chosenTemplate(v) : undefined;
}

/** Whether a param's value is substituted at run time: a string holding `$(`. */
function substituted(ref: RemoteReference, name: string): boolean {
  const v = ref.params.get(name);
  return typeof v === 'string' && v.includes('$(');
}

/**
 * Whether the git resolver may fetch through the SCM API rather than clone: it clones
 * when its `url` param is not "" (pkg/resolution/resolver/git `PopulateDefaultParams`,
 * remoteresolution `resolveViaGit`), so a literal url (no `$(…)`, no template filled in before
 * the YAML is read) rules the API out; otherwise a
 * `repo` that is a string other than "" (literal or substituted) may select it. A
 * non-string value reads as "" (the resolver takes `StringVal`).
 */
export function gitMayUseScmApi(ref: RemoteReference): boolean {
  const url = ref.params.get('url');
  if (typeof url === 'string' && url !== '' && !url.includes('$(') && chosenTemplate(url) === undefined) return false;
  const repo = ref.params.get('repo');
  return typeof repo === 'string' && repo !== '';
}

/**
 * The git params that choose the SCM server in the resolver's API mode (`getSCMTypeAndServerURL`,
 * `GetScmConfigForParamConfigKey`): the server, the driver (whose public host it talks to when
 * no server is set) and the git-resolver-config entry (which sets both, and the token).
 */
export const SCM_SERVER_PARAMS: ReadonlyArray<[string, string]> = [
  ['serverURL', 'the SCM server it is fetched from'],
  ['scmType', 'the SCM driver, and with it the server when no serverURL is set (each driver\'s public host, e.g. gitlab.com)'],
  ['configKey', 'the git-resolver-config entry, and with it the SCM server, driver and token'],
];

/**
 * The hub params that choose who serves or publishes what a version names: the hub's URL
 * (it overrides the cluster's configured hub, hub resolver `Resolve`) and the catalog (an
 * Artifact Hub repository, which anyone can publish).
 */
export const HUB_SOURCE_PARAMS: ReadonlyArray<[string, string]> = [
  ['url', 'the hub it is fetched from (the param overrides the hub the cluster configures), which serves anything under any version'],
  ['catalog', 'the catalog it is fetched from (an Artifact Hub repository, which anyone can publish), whose publisher decides what each version holds'],
];

/**
 * The params that choose which resource of the pinned content runs: the file of the commit,
 * the entry of the bundle, the package of the hub. Substituted, they let whoever runs choose
 * any Task of the repository at that commit, of the bundle, or of the whole catalog (where
 * an exact version names a release of every package), and the hub `type` chooses between
 * the hubs the cluster configures.
 */
export const SELECTOR_PARAMS: Readonly<Record<string, ReadonlyArray<[string, string]>>> = {
  git: [['pathInRepo', 'which file of the repository at that commit runs']],
  bundles: [['name', 'which entry of the bundle runs'], ['kind', 'which kind of entry of the bundle runs']],
  hub: [
    ['name', 'which package of the catalog runs (an exact version names a release of every package)'],
    ['kind', 'whether a task or a pipeline package runs'],
    ['type', 'which of the hubs the cluster configures (artifact or tekton) serves it'],
  ],
};

/**
 * What keeps a reference from being pinned to one content (none when it is): a bundle
 * pinned by digest, a git revision that is a full commit, a hub version that is exact, an http
 * reference given the digest of its content. Cluster references, and resolvers Tekton does not ship, are never pinned; a
 * pin substituted at run time (`$(params.x)`) is not known before the run. Nor is the
 * source a pin is read against: a substituted hub `url` or `catalog`, and, where the git
 * resolver may fetch through the SCM API (which returns the file without checking it
 * against the commit), a substituted `serverURL`, `scmType` or `configKey`. Nor is which
 * resource of the pinned content runs, where a param that selects it (SELECTOR_PARAMS) is
 * substituted. A `{{…}}` template another tool pastes into the YAML before it is read
 * (chosenTemplate) counts as a substitution in these params, and makes a pin that matches
 * unpinned (its text can end the value before the digest).
 */
export function pinProblems(written: RemoteReference): PinProblem[] {
  // a PipelineRun's own pipeline spec: Tekton substitutes the run's values before the resolver reads them
  const { ref, replaced } = withRunValues(written);
  const noted = (p: PinProblem): PinProblem => {
    const param = [...replaced.keys()].find((name) => p.property === `${ref.property}.params.${name}`);
    return param === undefined ? p : { ...p, problem: `${p.problem} (the value the PipelineRun gives ${replaced.get(param)}, which Tekton substitutes here)` };
  };
  // how a param's value is chosen by someone other than the author: a substitution, or a template filled in before the YAML is read
  const chooser = (param: string): { how: string; who: string } | undefined => {
    if (substituted(ref, param)) return { how: 'is substituted at run time', who: 'whoever runs it' };
    const template = templated(ref, param);
    return template === undefined ? undefined : { how: `holds ${template}, which is pasted into the YAML before it is read`, who: 'whoever fills it in' };
  };
  const chosen = (params: ReadonlyArray<[string, string]>, what: (how: string, who: string, choice: string) => string, fix: string) =>
    params.flatMap(([param, choice]): PinProblem[] => {
      const by = chooser(param);
      return by === undefined ? [] : [{
        // the v1beta1 bundle field's entry is the reference's own `name`
        property: ref.property.endsWith('.bundle') ? `${ref.property.slice(0, -'.bundle'.length)}.${param}` : `${ref.property}.params.${param}`,
        value: ref.params.get(param) as string,
        problem: what(by.how, by.who, choice),
        fix,
      }];
    });
  const source = ref.resolver === 'hub'
    ? chosen(HUB_SOURCE_PARAMS, (how, who, choice) => `${how}: ${who} chooses ${choice}`,
      'Write the value into the reference (leave url out for the hub the cluster configures).')
    : ref.resolver === 'git' && gitMayUseScmApi(ref)
      ? chosen(SCM_SERVER_PARAMS, (how, who, choice) => `${how} while the git resolver fetches through the SCM API (repo is given): ${who} chooses ${choice}, `
        + 'and the resolver takes the file the server returns without checking it against the commit',
      'Write the value into the reference, or leave it out for the cluster\'s git-resolver-config; or fetch by url (a clone checks the file against the commit).')
      : [];
  const selected = chosen(own(SELECTOR_PARAMS, ref.resolver) ?? [], (how, who, choice) => `${how}: ${who} chooses ${choice}`,
    `Write the value into the reference (one ${ref.fetches} per reference; a Pipeline that runs one of several gives each its own pipeline task, with a when expression).`);
  const pin = pinProblem(ref);
  return [...source, ...selected, ...(pin ? [pin] : [])].map(noted);
}

/** For messages: a reference whose resolver config-defaults' default-resolver-type gives, when that is not known. */
export const UNKNOWN_RESOLVER_TEXT = "is not set, nor a name: Tekton's defaulting gives the reference config-defaults' default-resolver-type,";

/** For fixes: how the cluster's config-defaults is checked with a reference whose resolver it gives. */
export const CHECK_CONFIG_DEFAULTS = "check it together with the cluster's config-defaults (for the audit: kubectl get configmap "
  + 'config-defaults -n tekton-pipelines -o yaml > config-defaults.yaml, and give that file with the others)';

/** For messages about a `resolver` field Tekton's defaulting wrote: that it did, before what the resolver does. */
function defaultedText(ref: RemoteReference): string {
  return ref.defaultedResolver === undefined ? '' : "is not set, nor a name, so Tekton's defaulting gives the reference config-defaults' default-resolver-type, which ";
}

/**
 * Whether the git resolver fetches from the repository a Pipelines-as-Code event comes from, whose commit `{{ revision }}` is
 * (its customparams: `revision` is the event's SHA, `repo_url` the event's repository, `source_url` the head repository of a
 * pull request, which holds that commit): a clone (`url` not "") of `{{ repo_url }}` or `{{ source_url }}` alone, or, with
 * no url, the SCM API's `org` `{{ repo_owner }}` and `repo` `{{ repo_name }}` alone on the configured server (no `serverURL`). A literal url may be
 * another repository as far as can be known here (the Repository a PipelineRun runs for is not named in it: Pipelines-as-Code writes the
 * annotations that name it when it creates the run, over the template's), and no url nor repo clones the resolver's configured default-url.
 */
function gitFetchesEventsRepository(ref: RemoteReference): boolean {
  const url = paramValue(ref, 'url');
  if (url !== undefined && url !== '') return isWholePlaceholder(url, 'repo_url') || isWholePlaceholder(url, 'source_url');
  const repo = paramValue(ref, 'repo');
  const org = paramValue(ref, 'org');
  // on the server the resolver is configured with: a serverURL given names another (`{{ repo_owner }}/{{ repo_name }}` there is another repository)
  const server = paramValue(ref, 'serverURL');
  return repo !== undefined && org !== undefined && isWholePlaceholder(repo, 'repo_name') && isWholePlaceholder(org, 'repo_owner')
    && (server === undefined || server === '');
}

/**
 * For a bundles reference whose literal `bundle` has its digest in upper-case hex, which go-containerregistry's
 * `ParseReference` refuses (the resolver then fails every run, fetching nothing), the bundle with the digest in lower
 * case, when that one is read; otherwise undefined.
 */
export function upperCaseDigestBundle(ref: RemoteReference): string | undefined {
  const bundle = ref.resolver === 'bundles' ? literalParam(ref, 'bundle') : undefined;
  const lowered = bundle === undefined ? undefined : lowerCasedDigest(bundle);
  return lowered !== undefined && ociRepository(lowered) !== undefined ? lowered : undefined;
}

/**
 * For a bundles reference whose literal `bundle` has a digest of another algorithm than sha256 after a repository that
 * is read (`…@sha512:<hex>`), which go-containerregistry's `ParseReference` refuses (the resolver then fails every run,
 * fetching nothing), the algorithm; otherwise undefined.
 */
export function unsupportedDigestBundle(ref: RemoteReference): string | undefined {
  const bundle = ref.resolver === 'bundles' ? literalParam(ref, 'bundle') : undefined;
  const algorithm = bundle === undefined ? undefined : unsupportedDigestAlgorithm(bundle);
  return algorithm !== undefined && ociRepository(bundle!.slice(0, bundle!.lastIndexOf('@'))) !== undefined ? algorithm : undefined;
}

/** What keeps a reference's own pin (digest, commit, version) from naming one content, or undefined (see pinProblems). */
function pinProblem(ref: RemoteReference): PinProblem | undefined {
  const at = (param: string) => (ref.property.endsWith('.bundle') ? ref.property : `${ref.property}.params.${param}`);
  const pin = (param: string, pinned: RegExp, problem: string, fix: string, missing = 'is missing'): PinProblem | undefined => {
    const value = paramValue(ref, param);
    if (value === undefined) return { property: at(param), problem: missing, fix };
    if (typeof ref.params.get(param) !== 'string') return { property: at(param), value, problem: 'is not a string', fix };
    if (value.includes('$(')) return { property: at(param), value, problem: 'is substituted at run time, so the content is not known before the run', fix };
    if (!pinned.test(value)) return { property: at(param), value, problem, fix };
    // a template (Helm's, Pipelines-as-Code's) is pasted into the YAML text before it is read: its text can end the value
    const template = chosenTemplate(value);
    return template === undefined ? undefined : {
      property: at(param),
      value,
      problem: `holds ${template}, which is pasted into the YAML before it is read: its text can end the value there, so the pin after it may not be part of it`,
      fix: `${fix.replace(/\.$/, '')}, with no template in it.`,
    };
  };
  switch (ref.resolver) {
    case 'bundles': {
      // a literal bundle's upper-case digest, whatever else keeps the reference from parsing: lower-casing is the fix
      const written = typeof ref.params.get('bundle') === 'string' ? paramValue(ref, 'bundle') : undefined;
      const lowered = written === undefined || written.includes('$(') || chosenTemplate(written) !== undefined ? undefined : lowerCasedDigest(written);
      if (lowered !== undefined) {
        const parses = ociRepository(lowered) !== undefined;
        return {
          property: at('bundle'),
          value: written,
          problem: `${UPPER_CASE_DIGEST}: the bundles resolver cannot parse the reference, so every run fails`,
          fix: parses ? `Write the digest in lower case: bundle: ${JSON.stringify(lowered)}.`
            : `Write the digest in lower case, in a reference go-containerregistry parses (<registry>/<repository>@sha256:<64 hex>, the repository in lower case): ${JSON.stringify(lowered)} does not parse either.`,
        };
      }
      const algorithm = written === undefined || written.includes('$(') || chosenTemplate(written) !== undefined ? undefined : unsupportedDigestAlgorithm(written);
      if (algorithm !== undefined) {
        const repository = written!.slice(0, written!.lastIndexOf('@'));
        return {
          property: at('bundle'),
          value: written,
          problem: `has a ${algorithm} digest: ${UNSUPPORTED_DIGEST_TEXT}, so every run fails`,
          fix: `Pin the bundle by its sha256 digest: bundle: "${repository}@sha256:<64 hex>" (crane digest ${repository} prints it).`,
        };
      }
      return pin('bundle', BUNDLE_DIGEST, 'is not pinned by digest: the tag can be moved to other content',
        'Pin the bundle by digest: <registry>/<repository>@sha256:<64 hex> (crane digest <bundle> prints it).');
    }
    case 'git': {
      // git fetches a revision as an object name only when it is as long as the repository's:
      // 64 hex is a commit of a SHA-256 repository, and a branch or tag name in a SHA-1 one
      const revision = paramValue(ref, 'revision');
      if (typeof ref.params.get('revision') === 'string' && revision !== undefined && SHA256_COMMIT.test(revision)) {
        return {
          property: at('revision'),
          value: revision,
          problem: 'is 64 hex digits: a commit only in a SHA-256 repository; in a SHA-1 repository (every one GitHub and GitLab serve) git fetches it as a branch or tag name, which can be moved to other content',
          fix: 'Give the 40-hex commit SHA (git rev-parse <branch or tag> prints it), or relax REMOTE_REFERENCE_PINNED with the reason that the repository uses SHA-256 object names.',
        };
      }
      // Pipelines-as-Code fills `{{ revision }}` with the event's commit, its full SHA (pkg/customparams/standard.go: event.SHA,
      // which each provider takes from the event or fetches in full), as the files of its annotations are read at that commit
      // of the event's repository: of another, the commit is not one of its own that anyone pinned (gitFetchesEventsRepository)
      const url = paramValue(ref, 'url');
      if (typeof ref.params.get('revision') === 'string' && revision !== undefined && isWholePlaceholder(revision, 'revision')) {
        if (gitFetchesEventsRepository(ref)) return undefined;
        // (a literal url may be the event's repository, but nothing written says so: Pipelines-as-Code writes the run's own
        // annotations of the event's repository, url-org, url-repository, repository, over the template's when it creates the run,
        // and a Repository's url among the files does not say which repository's .tekton directory holds the PipelineRun)
        const literal = url !== undefined && url !== '' && !url.includes('$(') && placeholdersIn(url).length === 0;
        const named = url !== undefined && url.includes('$(') ? `url ${JSON.stringify(url)} is substituted at run time and may name`
          : literal ? `url ${JSON.stringify(url)} is not known here to be the event's repository (nothing written names the repository a run is for) and may name`
            : url !== undefined && url !== '' ? `url ${JSON.stringify(url)} names`
              : paramValue(ref, 'repo') !== undefined && paramValue(ref, 'repo') !== ''
                ? `org and repo (${JSON.stringify(paramValue(ref, 'org') ?? '')}, ${JSON.stringify(paramValue(ref, 'repo'))})${
                  paramValue(ref, 'serverURL') ? ` on serverURL ${JSON.stringify(paramValue(ref, 'serverURL'))}` : ''} name`
                : 'no url nor repo is given, so the git resolver clones its configured default-url,';
        return {
          property: at('revision'),
          value: revision,
          problem: `is Pipelines-as-Code's {{ revision }}, the commit of the event's repository, but ${named} another repository: `
            + 'the file is read at the event\'s commit in that repository, which holds it only when the two share history (a fork, a mirror) '
            + 'or someone pushed it there, so whoever makes the event chooses it: not a commit of that repository anyone pinned',
          fix: `Give the full commit SHA (40 hex) of the repository the ${ref.fetches} is fetched from as revision (git rev-parse <branch or tag> prints it), `
            + 'or fetch it from the event\'s repository at the event\'s commit: url: "{{ repo_url }}" with revision: "{{ revision }}"'
            + `${literal ? ` (where ${url} is the event's repository, "{{ repo_url }}" says so)` : ''}.`,
        };
      }
      // another placeholder (`{{ source_branch }}`) in a fetch of the event's own repository: PaC's `{{ revision }}` pins it
      const eventsRepository = url !== undefined && (isWholePlaceholder(url, 'repo_url') || isWholePlaceholder(url, 'source_url'));
      const gitFix = eventsRepository && revision !== undefined && placeholdersIn(revision).length > 0
        ? `Give revision: "{{ revision }}" alone, which Pipelines-as-Code fills with the full SHA of the event's commit in the repository ${url} names, `
          + 'or a full commit SHA (40 hex): git rev-parse <branch or tag> prints it.'
        : 'Give the full commit SHA (40 hex) as revision: git rev-parse <branch or tag> prints it.';
      return pin('revision', SHA1_COMMIT, 'is not a full commit SHA: a branch or tag can be moved to other content', gitFix,
        "is missing: the git resolver then checks out the cluster's default revision, a branch");
    }
    case 'hub': {
      // missing, not a string or substituted; then judged as RemoteTask.fromHub judges a version
      const type = ref.params.get('type');
      const unset = pin('version', /(?:)/, '', exactHubVersionFix(type, JSON.stringify), `${HUB_VERSION_MISSING}, so every run fails`);
      if (unset !== undefined) return unset;
      const version = paramValue(ref, 'version')!;
      const p = hubVersionProblem(version, type, JSON.stringify);
      return p === undefined ? undefined : { property: at('version'), value: version, problem: p.problem, fix: p.fix };
    }
    case 'cluster':
      return {
        property: `${ref.property}.resolver`,
        value: 'cluster',
        problem: `${defaultedText(ref)}fetches the ${ref.fetches} as the cluster holds it at run time: nothing pins its content`,
        fix: 'Publish it as an OCI bundle and refer to it by digest (resolver bundles), or at a commit in git (resolver git, revision: <40 hex>).',
      };
    case 'http':
      // the resolver fails the run when the content it fetched does not have the digest given
      return pin('digest', HTTP_DIGEST, 'is not sha256:<64 hex> or sha512:<128 hex>: the http resolver refuses it, and the run fails',
        'Give the http resolver the digest of the content: digest: sha256:<64 hex> (sha256sum <file> prints it); or publish it as an OCI '
        + 'bundle and refer to it by digest (resolver bundles), or at a commit in git (resolver git, revision: <40 hex>).',
        'is missing: the http resolver then runs whatever the URL serves at run time');
    default:
      if (ref.defaultedResolver?.known === false) {
        return {
          property: `${ref.property}.resolver`,
          problem: `${UNKNOWN_RESOLVER_TEXT} ${ref.defaultedResolver.why}: which resolver fetches it, and whether that pins the content, cannot be told`,
          fix: 'Name the resolver in the reference (resolver: bundles with the bundle pinned by digest, or resolver: git with revision: '
            + `<40 hex>), or ${CHECK_CONFIG_DEFAULTS}.`,
        };
      }
      return {
        property: `${ref.property}.resolver`,
        value: ref.resolver,
        problem: `${defaultedText(ref)}is not a resolver Tekton ships (bundles, git, hub, cluster, http): whether it pins the content cannot be told`,
        fix: 'Use the bundles resolver with a digest or the git resolver with a commit.',
      };
  }
}

/** A repository as go-containerregistry's `name.NewRepository` reads it: its `Name()`, or undefined when refused. */
function ociRepositoryName(name: string): string | undefined {
  if (name === '') return undefined;
  // the first part is the registry when it is localhost or holds a '.' or ':'; otherwise all is repository, on Docker Hub
  const { registry, repository } = ociRegistrySplit(name);
  if (!/^[a-z0-9_\-./]{2,255}$/.test(repository)) return undefined;
  if (registry !== '' && !/^[A-Za-z0-9.\-]+(?::[0-9]+)?$/.test(registry) && !/^\[[0-9a-fA-F:]+\](?::[0-9]+)?$/.test(registry)) return undefined;
  const host = registry === '' || registry === 'docker.io' ? 'index.docker.io' : registry;
  return `${host}/${host === 'index.docker.io' && !repository.includes('/') ? `library/${repository}` : repository}`;
}

/** A tag reference as `name.NewTag` reads it (a tag after the last ':' that is not followed by '/'): its repository's name. */
function ociTagRepository(name: string): string | undefined {
  const colon = name.lastIndexOf(':');
  if (colon < 0 || name.slice(colon + 1).includes('/')) return ociRepositoryName(name);
  const tag = name.slice(colon + 1);
  if (!/^[A-Za-z0-9_.\-]{1,128}$/.test(tag)) return undefined;
  return ociRepositoryName(name.slice(0, colon));
}

/**
 * The repository an OCI reference names, as go-containerregistry's (v0.21)
 * `name.ParseReference(ref).Context().Name()` writes it (the bundles resolver's
 * source): a tag reference, else a digest reference (exactly one '@', then
 * `sha256:<64 hex>`, before it a repository with or without a tag). The registry is the
 * first part when it is `localhost` or holds a '.' or ':'; Docker Hub is spelled
 * `index.docker.io`, its one-part names under `library/`. Undefined for a reference it
 * refuses.
 */
export function ociRepository(reference: string): string | undefined {
  const tagged = ociTagRepository(reference);
  if (tagged !== undefined) return tagged;
  const parts = reference.split('@');
  if (parts.length !== 2 || !/^sha256:[0-9a-f]{64}$/.test(parts[1])) return undefined;
  // a base that is no tag reference (a ':' with nothing after it) is read as a repository, which refuses the ':'
  const base = ociTagRepository(parts[0]) ?? parts[0];
  return ociRepositoryName(base);
}

/**
 * A hub resolver `url` param as the resolver uses it: refused unless Go's `url.ParseRequestURI`
 * reads an http or https scheme and a host (`validateHubURL`), trailing slashes trimmed.
 * Undefined for one it refuses (nothing is fetched).
 */
export function hubBaseUrl(url: string): string | undefined {
  const parsed = url.includes('#') ? undefined : goParseUrl(url);
  if (parsed === undefined || (parsed.scheme !== 'http' && parsed.scheme !== 'https') || parsed.host === '') return undefined;
  return url.replace(/\/+$/, '');
}

/** The `RefSource.URI` of a Task or Pipeline the hub resolver fetches, given the hub's URL. */
export function hubSource(hubUrl: string, type: string, kind: string, catalog: string, name: string, version: string): string | undefined {
  const segments = version.split('.').map((s) => jsString(Number(s)));
  const base = hubUrl.replace(/\/+$/, '');
  if (type === 'artifact') {
    const v = segments.length === 2 ? [...segments, '0'].join('.') : segments.join('.');
    return `${base}/api/v1/packages/tekton-${kind}/${catalog}/${name}/${v}`;
  }
  if (type === 'tekton') return `${base}/v1/resource/${catalog}/${kind}/${name}/${segments.slice(0, 2).join('.')}/yaml`;
  return undefined;
}

/** Build metadata an Artifact Hub source is also matched with: a release of the same version its publisher can add. */
export const SAMPLE_BUILD = '+build.1';

/**
 * The pattern that matches every source the hub resolver can fetch a version from: on
 * Artifact Hub the version's own and those of its `+<build>` releases; on a Tekton Hub
 * (which lists `<major>.<minor>`, the source's last segment) exactly the source.
 */
export function hubSourcePattern(source: string, type: string): string {
  return type === 'artifact' ? `^${quoteMeta(source)}${BUILD_METADATA}$` : exactPattern(source);
}

/** For an Artifact Hub reference, its source with SAMPLE_BUILD: the source of a `+<build>` release of its version. */
export function hubBuildSource(ref: RemoteReference, defaults: readonly HubDefaults[] = [RELEASE_HUB_DEFAULTS]): string | undefined {
  if (ref.resolver !== 'hub' || defaults.some((d) => (ref.params.has('type') ? literalParam(ref, 'type') : d.type) !== 'artifact')) return undefined;
  const source = sourceUnder(ref, defaults);
  return source === undefined ? undefined : `${source}${SAMPLE_BUILD}`;
}

/** A uid the cluster resolver's source is matched with (the real one is known only in the cluster). */
export const SAMPLE_UID = '00000000-0000-0000-0000-000000000000';

/** The source of a Task or Pipeline the cluster resolver fetches, with a given uid. */
export function clusterSource(namespace: string, kind: string, name: string, uid: string): string {
  return `/apis/tekton.dev/v1/namespaces/${namespace}/${kind}/${name}@${uid}`;
}

/** The pattern that matches exactly the cluster resolver's source for one object, whatever its uid. */
export function clusterSourcePattern(namespace: string, kind: string, name: string): string {
  return `^${quoteMeta(clusterSource(namespace, kind, name, ''))}[0-9a-f-]+$`;
}

/** The hub resolver's defaults (hubresolver-config) that the source of a hub reference depends on. */
export interface HubDefaults {
  /** `default-type`: the hub a reference without `type` is fetched from. */
  readonly type: string;
  /** `default-kind`: the kind of a reference without `kind`. */
  readonly kind: string;
  /** The catalog of a reference without `catalog`, by `<type>/<kind>`. */
  readonly catalogs: Readonly<Record<string, string>>;
  /** The Artifact Hub a reference without `url` is fetched from, or undefined when the cluster may use several or its own. */
  readonly artifactHub?: string;
  /** The Tekton Hub a reference without `url` is fetched from, or undefined when the cluster configures it (`TEKTON_HUB_API`) or several. */
  readonly tektonHub?: string;
}

/** Tekton v1.15's release hubresolver-config (and no ARTIFACT_HUB_API, TEKTON_HUB_API). */
export const RELEASE_HUB_DEFAULTS: HubDefaults = { type: 'artifact', kind: 'task', catalogs: DEFAULT_HUB_CATALOGS, artifactHub: DEFAULT_ARTIFACT_HUB_URL };

/** The hub resolver's ConfigMap and the namespace its release installs it in. */
const HUB_CONFIG_NAME = 'hubresolver-config';
const RESOLVERS_NAMESPACE = 'tekton-pipelines-resolvers';

/**
 * The hub a `*-hub-urls` value of hubresolver-config names, as the resolver reads it
 * (`resolveHubURLs`): a YAML list of http(s) URLs, each trimmed of blanks and trailing
 * slashes, tried in order. `fallback` when the value is not set, blank or not such a list (the
 * resolver then uses its environment's URL); undefined for a list of several, any of which
 * may serve a reference.
 */
function hubUrlsValue(value: unknown, fallback: string | undefined): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return fallback;
  let urls: unknown;
  try {
    urls = decodeChunk(value.trim()).value;
  } catch {
    return fallback;
  }
  if (!Array.isArray(urls) || urls.length === 0 || urls.some((u) => typeof u !== 'string')) return fallback;
  const trimmed = (urls as string[]).map((u) => goTrimSpace(u).replace(/\/+$/, ''));
  if (trimmed.some((u) => hubBaseUrl(u) === undefined)) return fallback;
  return trimmed.length === 1 ? trimmed[0] : undefined;
}

/**
 * The hub resolver's defaults in each hubresolver-config ConfigMap checked together (namespace
 * tekton-pipelines-resolvers, or none), values as the API server stores them; the release's
 * when there is none. A default the ConfigMap leaves out fails every reference that needs it,
 * so the release's stands in for it.
 */
export function hubDefaultsOf(manifests: readonly any[]): HubDefaults[] {
  return oncePerSet(HUB_DEFAULTS, manifests, 'hub', () => readHubDefaults(manifests));
}

const HUB_DEFAULTS = new WeakMap<readonly any[], Map<string, HubDefaults[]>>();

function readHubDefaults(manifests: readonly any[]): HubDefaults[] {
  const configs = manifestsNamed(manifests, 'ConfigMap', HUB_CONFIG_NAME).filter((m) => {
    const ns = manifestNamespace(m);
    return isCoreV1(m?.apiVersion) && (ns === undefined || ns === RESOLVERS_NAMESPACE);
  });
  if (configs.length === 0) return [RELEASE_HUB_DEFAULTS];
  return configs.map((m) => {
    const data = storedConfigMapData(m.data);
    const text = (key: string, release: string) => (typeof data[key] === 'string' ? data[key] as string : release);
    return {
      type: text('default-type', RELEASE_HUB_DEFAULTS.type),
      kind: text('default-kind', RELEASE_HUB_DEFAULTS.kind),
      catalogs: {
        'artifact/task': text('default-artifact-hub-task-catalog', DEFAULT_HUB_CATALOGS['artifact/task']),
        'artifact/pipeline': text('default-artifact-hub-pipeline-catalog', DEFAULT_HUB_CATALOGS['artifact/pipeline']),
        'tekton/task': text('default-tekton-hub-catalog', DEFAULT_HUB_CATALOGS['tekton/task']),
        'tekton/pipeline': text('default-tekton-hub-catalog', DEFAULT_HUB_CATALOGS['tekton/pipeline']),
      },
      artifactHub: hubUrlsValue(data['artifact-hub-urls'], DEFAULT_ARTIFACT_HUB_URL),
      tektonHub: hubUrlsValue(data['tekton-hub-urls'], undefined),
    };
  });
}

/**
 * The source of a reference under each of the hub defaults given (hubDefaultsOf), or undefined
 * when it is not known under one of them or differs between them (the cluster may keep any).
 */
export function sourceUnder(ref: RemoteReference, defaults: readonly HubDefaults[]): string | undefined {
  const sources = new Set(defaults.map((d) => sourceOf(ref, d)));
  const [only] = sources;
  return sources.size === 1 ? only : undefined;
}

/**
 * The `kind` the cluster resolver fetches for a reference that Tekton runs, or undefined when
 * substituted: a `kind` missing or "" takes the resolver's `default-kind` (cluster-resolver-config),
 * and the object fetched must be what the reference fetches (a Task for a `taskRef`), else the
 * run fails; so it is that kind, whatever the cluster configures.
 */
function clusterKind(ref: RemoteReference): string | undefined {
  const written = ref.params.get('kind');
  return written === undefined || written === '' ? ref.fetches.toLowerCase() : literalParam(ref, 'kind');
}

/**
 * The source Tekton matches VerificationPolicy patterns against for this
 * reference (the resolver's `RefSource.URI`, without the `git+` prefix the
 * matching drops), or undefined when the manifest does not say it: a param that
 * is missing or substituted (the cluster's resolver configuration decides, or the
 * caller: a substituted hub `url` is a hub the caller chooses), the git resolver's
 * SCM API mode (the server's clone URL), a Tekton Hub without a `url` (its URL is
 * the cluster's), a resolver Tekton does not ship. A hub `url` other than "" is
 * the hub the source is under. A cluster source carries SAMPLE_UID in place of the
 * object's uid.
 */
export function sourceOf(ref: RemoteReference, hub: HubDefaults = RELEASE_HUB_DEFAULTS): string | undefined {
  const p = (name: string) => literalParam(ref, name);
  switch (ref.resolver) {
    case 'bundles': {
      const bundle = p('bundle');
      return bundle === undefined ? undefined : ociRepository(bundle);
    }
    case 'git': {
      // a url left out (with no repo) is the configured default-url the resolver clones
      const url = p('url') || ref.resolverDefaults?.get('url');
      return p('repo') === undefined && p('org') === undefined && url ? url : undefined;
    }
    case 'http':
      return p('url') || undefined;
    case 'hub': {
      const type = ref.params.has('type') ? p('type') : hub.type;
      const kind = ref.params.has('kind') ? p('kind') : hub.kind;
      const catalog = ref.params.has('catalog') ? p('catalog') : own(hub.catalogs, `${type}/${kind}`);
      const name = p('name');
      const version = p('version');
      // a `url` other than "" replaces the hub the cluster configures (a substituted one is the caller's)
      const url = ref.params.get('url');
      if (substituted(ref, 'url')) return undefined;
      const base = typeof url === 'string' && url !== '' ? hubBaseUrl(url) : type === 'artifact' ? hub.artifactHub : type === 'tekton' ? hub.tektonHub : undefined;
      if (base === undefined || (type !== 'artifact' && type !== 'tekton') || !kind || !catalog || !name || version === undefined) return undefined;
      // the release the resolver fetches (build metadata, which REMOTE_REFERENCE_PINNED reports, does not change it)
      const release = hubResolverVersion(version, true);
      return release === undefined ? undefined : hubSource(base, type, kind, catalog, name, release);
    }
    case 'cluster': {
      const kind = clusterKind(ref);
      const name = p('name');
      const namespace = clusterNamespace(ref);
      return kind && name && namespace ? clusterSource(namespace, kind, name, SAMPLE_UID) : undefined;
    }
    default:
      return undefined;
  }
}

/** The pattern that matches exactly the source of a reference, or undefined when its source is not known. */
export function sourcePatternOf(ref: RemoteReference): string | undefined {
  const source = sourceOf(ref);
  if (source === undefined) return undefined;
  if (ref.resolver === 'cluster') {
    return clusterSourcePattern(clusterNamespace(ref)!, clusterKind(ref)!, literalParam(ref, 'name')!);
  }
  if (ref.resolver === 'hub') return hubSourcePattern(source, ref.params.has('type') ? literalParam(ref, 'type')! : 'artifact');
  return exactPattern(source);
}

/** For messages: how a reference names what it fetches, e.g. `bundles gcr.io/x/y@sha256:…`. */
export function describeReference(ref: RemoteReference): string {
  if (ref.resolver === '') return "a reference through config-defaults' default-resolver-type";
  const key = own<string>({ bundles: 'bundle', git: 'url', hub: 'name', cluster: 'name', http: 'url' }, ref.resolver);
  let value = key === undefined ? undefined : paramValue(ref, key);
  if (ref.resolver === 'git' && value === undefined && ref.params.has('repo')) value = [paramValue(ref, 'org'), paramValue(ref, 'repo')].filter(Boolean).join('/');
  return value === undefined ? ref.resolver : `${ref.resolver} ${value}`;
}

/** A VerificationPolicy as the trusted-resources matching reads it. */
export interface PolicyView {
  readonly manifest: any;
  readonly namespace?: string;
  /** The `spec.resources[].pattern` strings. */
  readonly patterns: string[];
  /** Why Tekton's webhook refuses the policy (it then verifies nothing), if it does. */
  readonly refused?: PolicyRefusal;
}

/** A field of a VerificationPolicy that Tekton refuses or cannot use, why, and what follows. */
export interface PolicyRefusal {
  readonly property: string;
  readonly value?: string;
  readonly problem: string;
  /** What follows for the policy, e.g. "Tekton's webhook refuses the policy, so it verifies nothing". */
  readonly consequence: string;
}

const REFUSED = 'Tekton\'s webhook refuses the policy, so it verifies nothing';

/** The only version of the VerificationPolicy CRD (Tekton v1.15's config/300-crds/300-verificationpolicy.yaml). */
const VERIFICATION_POLICY_API_VERSION = 'tekton.dev/v1alpha1';

const HASH_ALGORITHMS = ['', 'sha224', 'sha256', 'sha384', 'sha512'];

/** What follows for a policy the CRD's schema refuses. */
const SERVER_REFUSED = 'the API server refuses the policy, so it verifies nothing';

/** A value as YAML read it, for messages. */
function shown(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? jsString(value);
}

/**
 * Why the API server refuses a VerificationPolicy's spec by the CRD's schema (Tekton v1.15's
 * config/300-crds/300-verificationpolicy.yaml), or undefined: an entry of `resources` or
 * `authorities` that is not an object (a null one included), a `pattern` that is missing
 * (a null field is pruned first, so it is missing too) or not a string, an authority `name`,
 * a key's `data`, `kms` or `hashAlgorithm`, or `mode` that is not a string, a `key` or
 * `secretRef` that is not an object, a `secretRef` `name` or `namespace` that is not a string,
 * a `resources` or `authorities` that is not a list. A missing or empty `resources` or `authorities`, and an authority without a name, are
 * reported by policyRefusal.
 */
function schemaRefusal(spec: any): PolicyRefusal | undefined {
  const refused = (property: string, value: unknown, problem: string): PolicyRefusal => ({
    property, ...(value === undefined ? {} : { value: shown(value) }), problem, consequence: SERVER_REFUSED,
  });
  const notString = (v: unknown) => v !== undefined && v !== null && typeof v !== 'string';
  const notObject = (v: unknown) => v !== undefined && v !== null && !isObject(v);
  if (!isObject(spec)) return undefined;
  for (const list of ['resources', 'authorities']) {
    if (spec[list] !== undefined && spec[list] !== null && !Array.isArray(spec[list])) return refused(`spec.${list}`, spec[list], 'is not a list');
  }
  for (const [i, r] of asArray(spec.resources).entries()) {
    if (!isObject(r)) return refused(`spec.resources[${i}]`, r, 'is not an object (a map with a pattern)');
    if (r.pattern === undefined || r.pattern === null) return refused(`spec.resources[${i}].pattern`, undefined, 'is missing (the CRD requires it)');
    if (typeof r.pattern !== 'string') return refused(`spec.resources[${i}].pattern`, r.pattern, 'is not a string');
  }
  for (const [i, a] of asArray(spec.authorities).entries()) {
    if (!isObject(a)) return refused(`spec.authorities[${i}]`, a, 'is not an object (a map with a name and a key)');
    if (notString(a.name)) return refused(`spec.authorities[${i}].name`, a.name, 'is not a string');
    if (notObject(a.key)) return refused(`spec.authorities[${i}].key`, a.key, 'is not an object');
    const key = isObject(a.key) ? a.key : {};
    for (const field of ['data', 'kms', 'hashAlgorithm']) {
      if (notString(key[field])) return refused(`spec.authorities[${i}].key.${field}`, key[field], 'is not a string');
    }
    if (notObject(key.secretRef)) return refused(`spec.authorities[${i}].key.secretRef`, key.secretRef, 'is not an object');
    for (const field of ['name', 'namespace']) {
      const v = isObject(key.secretRef) ? key.secretRef[field] : undefined;
      if (notString(v)) return refused(`spec.authorities[${i}].key.secretRef.${field}`, v, 'is not a string');
    }
  }
  if (notString(spec.mode)) return refused('spec.mode', spec.mode, 'is not a string');
  return undefined;
}

/** A base64 value as the API server decodes a Secret's `data` (standard alphabet, padded), or undefined. */
function decodedBase64(value: string): string | undefined {
  return value.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(value) ? Buffer.from(value, 'base64').toString('utf8') : undefined;
}

/**
 * Why Tekton v1.15 cannot load a key from the Secret `k8s://<namespace>/<name>` (verifier
 * `fromSecret`), when a Secret of that namespace and name is among `manifests`, or undefined:
 * it takes a Secret with exactly one data entry (`data` and `stringData` together, as the API
 * server stores them), read as a PEM public key. The Secret `cosign generate-key-pair
 * k8s://<namespace>/<name>` writes holds three (`cosign.key`, `cosign.password`, `cosign.pub`).
 * A Secret without entries is not judged: a placeholder whose key is written into it elsewhere,
 * which kubectl apply keeps (entries it wrote, it writes back on every apply).
 */
function keySecretProblem(manifests: readonly any[], namespace: string, name: string): string | undefined {
  const secret = manifestsNamed(manifests, 'Secret', name).find((s) => isCoreV1(s?.apiVersion) && manifestNamespace(s) === namespace);
  if (secret === undefined) return undefined;
  const data = isObject(secret.data) ? secret.data : {};
  const stringData = isObject(secret.stringData) ? secret.stringData : {};
  const keys = [...new Set([...Object.keys(data), ...Object.keys(stringData)])];
  // an empty Secret is a placeholder whose entry is written elsewhere (kubectl apply keeps entries it did not write)
  if (keys.length === 0) return undefined;
  if (keys.length > 1) {
    return `names a Secret checked with it that has ${keys.length} data entries (${keys.join(', ')}): Tekton reads the public key from a Secret with exactly one`;
  }
  const key = keys[0];
  const text = typeof stringData[key] === 'string' ? stringData[key] : typeof data[key] === 'string' ? decodedBase64(data[key]) : undefined;
  // a value the API server refuses (not base64, not a string) leaves the Secret to other rules
  if (text === undefined) return undefined;
  const problem = publicKeyPemProblem(text);
  return problem === undefined ? undefined : `names a Secret checked with it whose entry ${key} ${problem}`;
}

/**
 * Why a VerificationPolicy verifies nothing, or undefined. Refused by Tekton v1.15's webhook
 * (`VerificationPolicy.Validate`) or the API server: a name longer than 63 characters, no
 * resources, a pattern Go's regexp does not compile (go-regexp-syntax.ts), no
 * authorities, an authority without a name, a key with none or more than one of `data`,
 * `secretRef` and `kms`, a hash algorithm other than sha224/256/384/512 (any case), a mode
 * other than `enforce` or `warn`. Admitted but not usable: an authority without a key (the
 * verifier dereferences it: the controller crashes), a pattern that no longer compiles once
 * Tekton anchors it (`foo\$` becomes `^(?:foo\)$`: every match in the namespace fails), a key
 * Tekton cannot load (a `secretRef` naming a Secret among `manifests` that has more than one
 * entry, or one that is not a public key: keySecretProblem).
 */
export function policyRefusal(m: any, manifests?: readonly any[]): PolicyRefusal | undefined {
  if (m?.apiVersion !== VERIFICATION_POLICY_API_VERSION) {
    return {
      property: 'apiVersion',
      value: jsString(m?.apiVersion ?? ''),
      problem: `is not ${VERIFICATION_POLICY_API_VERSION}, the only version Tekton's VerificationPolicy CRD serves`,
      consequence: 'the API server refuses the policy, so it verifies nothing',
    };
  }
  const schema = schemaRefusal(m?.spec);
  if (schema !== undefined) return schema;
  const name = m?.metadata?.name;
  if (typeof name === 'string' && name.length > 63) return { property: 'metadata.name', value: name, problem: 'is longer than 63 characters', consequence: REFUSED };
  if (typeof name === 'string' && !isDns1123Subdomain(name)) {
    return { property: 'metadata.name', value: name, problem: 'is not a DNS-1123 subdomain (lower-case alphanumerics, \'-\' and \'.\')', consequence: SERVER_REFUSED };
  }
  const spec = m?.spec;
  const resources = asArray(spec?.resources);
  if (resources.length === 0) return { property: 'spec.resources', problem: 'is missing or empty', consequence: REFUSED };
  for (const [i, r] of resources.entries()) {
    const pattern = r?.pattern;
    const error = typeof pattern === 'string' ? goRegexpError(pattern) : undefined;
    if (error !== undefined) return { property: `spec.resources[${i}].pattern`, value: pattern, problem: `does not compile as a Go regular expression (${error})`, consequence: REFUSED };
  }
  const authorities = asArray(spec?.authorities);
  if (authorities.length === 0) return { property: 'spec.authorities', problem: 'is missing or empty', consequence: REFUSED };
  for (const [i, a] of authorities.entries()) {
    if (a?.name === undefined || a?.name === null) {
      return { property: `spec.authorities[${i}].name`, problem: 'is missing', consequence: 'the API server refuses the policy (the CRD requires it), so it verifies nothing' };
    }
    const key = a?.key;
    if (key === undefined || key === null) continue;
    const set = ['data', 'kms'].filter((k) => typeof key[k] === 'string' && key[k] !== '').length + (key.secretRef !== undefined && key.secretRef !== null ? 1 : 0);
    if (set !== 1) return { property: `spec.authorities[${i}].key`, problem: set === 0 ? 'sets none of data, kms and secretRef' : 'sets more than one of data, kms and secretRef', consequence: REFUSED };
    const hash = key.hashAlgorithm ?? '';
    if (typeof hash !== 'string' || !HASH_ALGORITHMS.includes(goToLower(hash))) {
      return { property: `spec.authorities[${i}].key.hashAlgorithm`, value: jsString(hash), problem: 'is not one of sha224, sha256, sha384, sha512', consequence: REFUSED };
    }
  }
  const mode = spec?.mode ?? '';
  if (mode !== '' && mode !== 'enforce' && mode !== 'warn') return { property: 'spec.mode', value: jsString(mode), problem: 'is not "enforce" or "warn"', consequence: REFUSED };
  // admitted, but not usable: Tekton reads every authority's key (a nil one crashes its controller),
  // and anchors every pattern before it matches (a pattern that no longer compiles fails every match)
  for (const [i, a] of authorities.entries()) {
    if (a?.key === undefined || a?.key === null) {
      return {
        property: `spec.authorities[${i}].key`,
        problem: 'is not set',
        consequence: 'Tekton\'s verifier reads the key of every authority, and its controller crashes on every run this policy matches',
      };
    }
  }
  // every authority's key is loaded for every run the policy matches: one that cannot be loaded fails them all
  const unusable = mode === 'warn'
    ? 'Tekton cannot load the key, and loads every key of the policy for each run it matches: those runs are not verified (warn mode only logs it)'
    : 'Tekton cannot load the key, and loads every key of the policy for each run it matches: every one of those runs fails';
  for (const [i, a] of authorities.entries()) {
    const key = a.key;
    if (typeof key.data === 'string' && key.data !== '') {
      const problem = publicKeyPemProblem(key.data);
      // only the first line is quoted: the value might be a private key
      if (problem !== undefined) return { property: `spec.authorities[${i}].key.data`, value: key.data.trim().split('\n')[0], problem, consequence: unusable };
    } else if (isObject(key.secretRef)) {
      for (const field of ['name', 'namespace']) {
        const v = key.secretRef[field];
        if (typeof v !== 'string' || v === '') {
          return { property: `spec.authorities[${i}].key.secretRef.${field}`, problem: 'is not set, and Tekton looks the Secret up as k8s://<namespace>/<name>', consequence: unusable };
        }
      }
      const problem = manifests === undefined ? undefined : keySecretProblem(manifests, key.secretRef.namespace, key.secretRef.name);
      if (problem !== undefined) return { property: `spec.authorities[${i}].key.secretRef`, value: `${key.secretRef.namespace}/${jsString(key.secretRef.name)}`, problem, consequence: unusable };
    } else if (typeof key.kms === 'string' && !isKmsUri(key.kms)) {
      return { property: `spec.authorities[${i}].key.kms`, value: key.kms, problem: 'is not a KMS key reference sigstore accepts', consequence: unusable };
    }
  }
  for (const [i, r] of resources.entries()) {
    if (typeof r?.pattern === 'string' && !compilesAsRe2(anchorPattern(r.pattern))) {
      return {
        property: `spec.resources[${i}].pattern`,
        value: r.pattern,
        problem: `no longer compiles once Tekton anchors it (${anchorPattern(r.pattern)})`,
        consequence: 'matching fails for every Task and Pipeline of the namespace, so all their runs fail',
      };
    }
  }
  return undefined;
}

/** A reference that Tekton verifies, with where it is and the source it is matched by. */
export interface VerifiedReference {
  readonly reference: RemoteReference;
  readonly manifest: any;
  readonly namespace?: string;
  /** Undefined when the manifest does not say it (see sourceOf). */
  readonly source?: string;
}

/** The VerificationPolicies of a set of manifests and the references Tekton verifies. */
export interface VerificationIndex {
  readonly policies: PolicyView[];
  readonly references: VerifiedReference[];
}

const INDEXES = new WeakMap<object, VerificationIndex>();


/**
 * The Tasks or Pipelines among `manifests` that a `taskRef` or `pipelineRef` (`ref`) fetches through the cluster resolver: its
 * `resolver` cluster (or config-defaults' default-resolver-type for a reference that names neither a resolver nor a name), its
 * `kind` that of `kind` (or left to the resolver, which must fetch that kind), its literal `name`, in its literal `namespace` (or,
 * left out, cluster-resolver-config's default among them). None for a reference of another resolver, or whose params are substituted.
 */
export function clusterReferenced(manifests: readonly any[], ref: any, kind: 'Task' | 'Pipeline'): readonly any[] {
  const written = referenceOf(ref, kind, { property: '' }, defaultResolverType(manifests));
  if (written?.resolver !== 'cluster') return [];
  const reference = withResolverDefaults(written, manifests);
  const name = literalParam(reference, 'name');
  const namespace = clusterNamespace(reference);
  if (clusterKind(reference) !== kind.toLowerCase() || !name || !namespace) return [];
  return manifestsNamed(manifests, kind, name).filter((m) => manifestNamespace(m) === namespace);
}

/** A run that fetches a Pipeline through the cluster resolver from the Pipeline's namespace, from a namespace of its own. */
export interface ClusterFetcher {
  /** The run's namespace, whose VerificationPolicies Tekton verifies the Pipeline's references with. */
  readonly namespace: string;
  /** The run's kind and name, for messages. */
  readonly run: string;
}

const FETCHERS = new WeakMap<readonly any[], Map<any, ClusterFetcher[]>>();

/**
 * The runs among `manifests` that fetch `pipeline` through the cluster resolver from another
 * namespace (`kind` pipeline or left to the resolver's default, its `name`, its `namespace`
 * written out or, left out, cluster-resolver-config's default among them: clusterDefaultNamespace): Tekton matches the references of a pipeline's tasks with the VerificationPolicies
 * of the run's namespace (the PipelineRun reconciler lists them there), not the Pipeline's.
 */
export function clusterFetchers(pipeline: any, manifests: readonly any[]): ClusterFetcher[] {
  let byPipeline = FETCHERS.get(manifests);
  if (byPipeline === undefined) {
    byPipeline = new Map();
    FETCHERS.set(manifests, byPipeline);
    const pipelines = manifests.filter((m) => m?.kind === 'Pipeline' && isTekton(m) && typeof m.metadata?.name === 'string');
    for (const run of manifests) {
      if (run?.kind !== 'PipelineRun' || !isTekton(run)) continue;
      const written = referenceOf(run.spec?.pipelineRef, 'Pipeline', { property: 'spec.pipelineRef' }, defaultResolverType(manifests));
      const ref = written === undefined ? undefined : withResolverDefaults(written, manifests);
      const ns = manifestNamespace(run);
      if (ref?.resolver !== 'cluster' || ns === undefined) continue;
      const kind = ref.params.get('kind');
      if (kind !== undefined && kind !== '' && kind !== 'pipeline') continue;
      for (const p of pipelines) {
        const home = manifestNamespace(p);
        if (ref.params.get('name') !== p.metadata.name || home === undefined || clusterNamespace(ref) !== home || home === ns) continue;
        const list = byPipeline.get(p) ?? [];
        if (!list.some((f) => f.namespace === ns)) list.push({ namespace: ns, run: `PipelineRun '${run.metadata?.name ?? run.metadata?.generateName ?? ''}'` });
        byPipeline.set(p, list);
      }
    }
  }
  return byPipeline.get(pipeline) ?? [];
}

/** The index of a set of manifests, computed once per set. */
export function verificationIndex(manifests: readonly any[]): VerificationIndex {
  const cached = INDEXES.get(manifests);
  if (cached) return cached;
  const policies: PolicyView[] = [];
  const references: VerifiedReference[] = [];
  const hubDefaults = hubDefaultsOf(manifests);
  for (const m of manifests) {
    if (m?.kind === 'VerificationPolicy' && isTekton(m)) {
      const patterns = asArray(m.spec?.resources).map((r) => r?.pattern).filter((p): p is string => typeof p === 'string');
      policies.push({ manifest: m, namespace: manifestNamespace(m), patterns, refused: policyRefusal(m, manifests) });
    } else if (m?.kind === 'Pipeline' || m?.kind === 'PipelineRun' || m?.kind === 'TaskRun') {
      for (const reference of remoteReferencesOf(m, manifests)) {
        if (reference.fetches !== 'StepAction') references.push({ reference, manifest: m, namespace: manifestNamespace(m), source: sourceUnder(reference, hubDefaults) });
      }
    }
  }
  const index = { policies, references };
  INDEXES.set(manifests, index);
  return index;
}

