import { TEKTON_DOCKER_CREDENTIAL_PREFIX, TEKTON_GIT_CREDENTIAL_PREFIX } from './annotations';
import { storedConfigMapData } from './config-map-data';
import { goToLower } from './go-strings';
import { own } from './own';
import { GO_FALSE_SPELLINGS, GO_TRUE_SPELLINGS, goParseBool } from './parse-bool';

/** Namespace of the Tekton Pipelines controller and of its configuration ConfigMaps. */
export const TEKTON_NAMESPACE = 'tekton-pipelines';

/**
 * The namespaces Tekton Pipelines (with its resolvers and Triggers) and Chains install into:
 * their release manifests', and OpenShift Pipelines'.
 */
export const PLATFORM_NAMESPACES: readonly string[] = ['tekton-pipelines', 'tekton-pipelines-resolvers', 'tekton-chains', 'openshift-pipelines'];

/**
 * The ConfigMaps of Tekton Pipelines v1.15's, Triggers v0.37's and Chains v0.29's release
 * manifests: each configures what every pipeline (or EventListener) of the cluster runs with
 * (default pod template and ServiceAccount, feature flags, resolvers, registry CAs, signing,
 * storage …).
 */
export const PLATFORM_CONFIG_MAPS: readonly string[] = [
  'bundleresolver-config', 'cluster-resolver-config', 'config-defaults', 'config-events', 'config-leader-election-controller',
  'config-leader-election-events', 'config-leader-election-resolvers', 'config-leader-election-webhook', 'config-logging',
  'config-observability', 'config-registry-cert', 'config-spire', 'config-tracing', 'config-wait-exponential-backoff',
  'feature-flags', 'git-resolver-config', 'http-resolver-config', 'hubresolver-config', 'pipelines-info',
  'resolver-cache-config', 'resolvers-feature-flags', 'chains-config', 'chains-info', 'tekton-chains-config-leader-election',
  'tekton-chains-config-observability',
  'config-defaults-triggers', 'config-leader-election-triggers-controller', 'config-leader-election-triggers-webhook',
  'config-logging-triggers', 'config-observability-triggers', 'feature-flags-triggers', 'triggers-info',
];

/**
 * The Secrets of those release manifests: Chains' signing key, the serving keys of the
 * admission webhooks of Pipelines and Triggers, and that of Triggers' core interceptors.
 */
export const PLATFORM_SECRETS: readonly string[] = ['signing-secrets', 'webhook-certs', 'triggers-webhook-certs', 'tekton-triggers-core-interceptors-certs'];

/** Name of Tekton's feature flags ConfigMap. */
export const FEATURE_FLAGS_NAME = 'feature-flags';


/**
 * Every key of `feature-flags` in Tekton Pipelines v1.15 with the value of the
 * release YAML (`config/config-feature-flags.yaml`), in that file's order.
 * Applying the ConfigMap replaces its whole `data`, so every key is written.
 */
export const UPSTREAM_FEATURE_FLAGS: Readonly<Record<string, string>> = {
  'coschedule': 'workspaces',
  'disable-creds-init': 'false',
  'await-sidecar-readiness': 'true',
  'running-in-environment-with-injected-sidecars': 'true',
  'require-git-ssh-secret-known-hosts': 'false',
  'enable-tekton-oci-bundles': 'false',
  'enable-api-fields': 'beta',
  'send-cloudevents-for-runs': 'true',
  'trusted-resources-verification-no-match-policy': 'ignore',
  'enable-provenance-in-status': 'true',
  'enforce-nonfalsifiability': 'none',
  'results-from': 'termination-message',
  'set-security-context': 'false',
  'set-security-context-read-only-root-filesystem': 'false',
  'keep-pod-on-cancel': 'false',
  'enable-cel-in-whenexpression': 'false',
  'enable-artifacts': 'false',
  'enable-param-enum': 'false',
  'disable-inline-spec': '',
  'enable-concise-resolver-syntax': 'false',
  'enable-kubernetes-sidecar': 'false',
  'enable-step-actions': 'true',
  'enable-wait-exponential-backoff': 'false',
  'enable-termination-message-compression': 'false',
  'enable-informer-cache-transforms': 'true',
};

/**
 * How Tekton Pipelines v1.15 reads each key of `feature-flags` it reads
 * (`NewFeatureFlagsFromMap`, pkg/apis/config/feature_flags.go): `bool` with Go's
 * `strconv.ParseBool`, `int` with `strconv.Atoi` and below 1572864 (the CRD size limit),
 * `any` as written, a list: one of these values after `strings.ToLower`. A value it
 * cannot read makes the whole ConfigMap an error: the webhook refuses it, and a
 * controller started with it exits. Keys not listed are not read there.
 */
export const FEATURE_FLAG_READERS: Readonly<Record<string, 'bool' | 'int' | 'any' | readonly string[]>> = {
  'disable-creds-init': 'bool',
  'running-in-environment-with-injected-sidecars': 'bool',
  'await-sidecar-readiness': 'bool',
  'require-git-ssh-secret-known-hosts': 'bool',
  'enable-api-fields': ['alpha', 'beta', 'stable'],
  'send-cloudevents-for-runs': 'bool',
  'trusted-resources-verification-no-match-policy': ['fail', 'warn', 'ignore'],
  'enable-provenance-in-status': 'bool',
  'results-from': ['termination-message', 'sidecar-logs'],
  'max-result-size': 'int',
  'keep-pod-on-cancel': 'bool',
  'enforce-nonfalsifiability': ['none', 'spire'],
  'set-security-context': 'bool',
  'set-security-context-read-only-root-filesystem': 'bool',
  'coschedule': ['disabled', 'workspaces', 'pipelineruns', 'isolate-pipelinerun'],
  'enable-cel-in-whenexpression': 'bool',
  'enable-param-enum': 'bool',
  'enable-artifacts': 'bool',
  'disable-inline-spec': 'any',
  'enable-concise-resolver-syntax': 'bool',
  'enable-kubernetes-sidecar': 'bool',
  'enable-wait-exponential-backoff': 'bool',
  'enable-termination-message-compression': 'bool',
};

/** What Tekton v1.15 uses for a key it reads that is missing: the release YAML's value, or its code's default. */
export function featureFlagDefault(key: string): string {
  return own(UPSTREAM_FEATURE_FLAGS, key) ?? (key === 'max-result-size' ? '4096' : '');
}

/** `max-result-size` must be below this (1.5 MiB, the CRD size limit). */
export const MAX_RESULT_SIZE_LIMIT = 1572864;

/**
 * Why Tekton v1.15 cannot read `value` (as the API server stores it: a null is "") for `key`
 * of `feature-flags`, or undefined when it can (or does not read the key). "" is a value like
 * any other: only `disable-inline-spec` reads it (as no kind refused), every other reader
 * refuses it.
 */
export function featureFlagRefusal(key: string, value: unknown): string | undefined {
  const reader = own(FEATURE_FLAG_READERS, key);
  if (reader === undefined) return undefined;
  if (typeof value !== 'string') return 'a ConfigMap\'s data values are strings: the API server refuses the ConfigMap';
  if (reader === 'bool') {
    return goParseBool(value) === undefined ? `Go's strconv.ParseBool reads only ${[...GO_TRUE_SPELLINGS, ...GO_FALSE_SPELLINGS].join(', ')}` : undefined;
  }
  if (reader === 'int') {
    // strconv.Atoi: an optional sign and decimal digits, within int64
    if (!/^[+-]?[0-9]+$/.test(value) || BigInt(value) > 2n ** 63n - 1n || BigInt(value) < -(2n ** 63n)) return 'Go\'s strconv.Atoi reads only a whole number';
    return BigInt(value) >= BigInt(MAX_RESULT_SIZE_LIMIT) ? `it must be below ${MAX_RESULT_SIZE_LIMIT} (the CRD size limit)` : undefined;
  }
  if (reader === 'any') return undefined;
  return reader.includes(goToLower(value)) ? undefined : `Tekton reads only ${reader.map((v) => JSON.stringify(v)).join(', ')}, in any case`;
}

/**
 * The flags TEKTON_FEATURE_FLAGS checks and the values it accepts (Tekton reads
 * the booleans with Go's `strconv.ParseBool` and the others case-insensitively), in
 * the order of the release YAML.
 */
export const HARDENED_FLAG_VALUES: Readonly<Record<string, readonly string[]>> = {
  'disable-creds-init': ['true'],
  'require-git-ssh-secret-known-hosts': ['true'],
  'enable-api-fields': ['stable', 'beta'],
  'send-cloudevents-for-runs': ['true'],
  'trusted-resources-verification-no-match-policy': ['fail'],
  'results-from': ['termination-message'],
  'set-security-context': ['true'],
  'set-security-context-read-only-root-filesystem': ['true'],
};

/** What readFeatureFlags found, per data as stored. */
const READ_FLAGS = new WeakMap<object, Readonly<Record<string, string>> | undefined>();

/**
 * The `data` of a feature-flags ConfigMap that Tekton v1.15 reads, values as the API server
 * stores them (a null is ""); undefined when the API server refuses the ConfigMap (a value that
 * is not a string, of any key) or Tekton cannot read a key it reads (its webhook refuses the
 * ConfigMap and a controller started with it exits): none of its flags then applies.
 */
export function readFeatureFlags(data: unknown): Readonly<Record<string, string>> | undefined {
  const stored = storedConfigMapData(data);
  // judged once per data: the rules ask for each object they check
  if (READ_FLAGS.has(stored)) return READ_FLAGS.get(stored);
  const entries = Object.entries(stored);
  const read = entries.some(([key, v]) => typeof v !== 'string' || featureFlagRefusal(key, v) !== undefined) ? undefined : stored as Readonly<Record<string, string>>;
  READ_FLAGS.set(stored, read);
  return read;
}

/**
 * Whether Tekton v1.15 reads the `data` of a feature-flags ConfigMap as turning creds-init
 * off: `disable-creds-init` true as Go's `strconv.ParseBool` reads it, and the ConfigMap one
 * that Tekton reads (`readFeatureFlags`).
 */
export function disablesCredsInit(data: unknown): boolean {
  const value = readFeatureFlags(data)?.['disable-creds-init'];
  return value !== undefined && goParseBool(value) === true;
}

/**
 * What Tekton v1.15's creds-init writes into the home directory of every step for a Secret
 * listed under the run's ServiceAccount's `secrets:` (pkg/pod/creds_init.go, the
 * `MatchingAnnotations` of pkg/credentials/dockercreds and gitcreds), or undefined when it
 * takes nothing of it: a `kubernetes.io/dockerconfigjson` or `kubernetes.io/dockercfg`
 * Secret always; a `kubernetes.io/basic-auth` one with an annotation `tekton.dev/docker-*`
 * or `tekton.dev/git-*`; a `kubernetes.io/ssh-auth` one with `tekton.dev/git-*`. A Secret
 * without a type is Opaque.
 */
export function credsInitWrites(secret: any): string | undefined {
  const type = secret?.type;
  if (type === 'kubernetes.io/dockerconfigjson' || type === 'kubernetes.io/dockercfg') return '~/.docker/config.json';
  const annotations = secret?.metadata?.annotations;
  const keys = annotations !== null && typeof annotations === 'object' ? Object.keys(annotations) : [];
  const docker = keys.some((k) => k.startsWith(TEKTON_DOCKER_CREDENTIAL_PREFIX));
  const git = keys.some((k) => k.startsWith(TEKTON_GIT_CREDENTIAL_PREFIX));
  if (type === 'kubernetes.io/basic-auth' && (docker || git)) {
    return [...(docker ? ['~/.docker/config.json'] : []), ...(git ? ['~/.git-credentials', '~/.gitconfig'] : [])].join(', ');
  }
  if (type === 'kubernetes.io/ssh-auth' && git) return '~/.ssh';
  return undefined;
}
