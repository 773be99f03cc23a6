/** Namespace of the Tekton Pipelines controller and of its configuration ConfigMaps. */
export const TEKTON_NAMESPACE = 'tekton-pipelines';

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
 * The flags TEKTON_FEATURE_FLAGS checks and the values it accepts (Tekton reads
 * them case-insensitively), in the order of the release YAML.
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
