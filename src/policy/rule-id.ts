/**
 * Stable identifiers of every check the library applies.
 *
 * Each security rule of the catalogue has one; a relaxation names it. The
 * structural checks (names, DAG, references, relaxation reasons) have one too so
 * that every refusal carries an ID, but they cannot be relaxed.
 */
export enum RuleId {
  /** Every step, sidecar and stepTemplate image is pinned by `@sha256:` digest. */
  IMAGE_DIGEST = 'IMAGE_DIGEST',
  /** Containers run as a non-root user: `runAsNonRoot: true` and a non-zero `runAsUser`. */
  RUN_AS_NON_ROOT = 'RUN_AS_NON_ROOT',
  /** `allowPrivilegeEscalation: false` on every container. */
  NO_PRIVILEGE_ESCALATION = 'NO_PRIVILEGE_ESCALATION',
  /** No privileged container, ever (cannot be relaxed). */
  NOT_PRIVILEGED = 'NOT_PRIVILEGED',
  /** `capabilities.drop: [ALL]` and nothing added back. */
  DROP_ALL_CAPABILITIES = 'DROP_ALL_CAPABILITIES',
  /** `seccompProfile.type: RuntimeDefault`. */
  SECCOMP_RUNTIME_DEFAULT = 'SECCOMP_RUNTIME_DEFAULT',
  /** `readOnlyRootFilesystem: true`, with emptyDir volumes for `/tmp` and `$HOME`. */
  READ_ONLY_ROOT_FILESYSTEM = 'READ_ONLY_ROOT_FILESYSTEM',
  /** CPU and memory requests and limits on every container. */
  COMPUTE_RESOURCES = 'COMPUTE_RESOURCES',
  /** Every script starts with a `#!` line. */
  SCRIPT_SHEBANG = 'SCRIPT_SHEBANG',
  /** Params and results reach scripts only through `env`, never pasted inline (cannot be relaxed). */
  SCRIPT_INJECTION = 'SCRIPT_INJECTION',
  /** A credentials workspace is bound only to tasks marked trusted (cannot be relaxed). */
  CREDENTIALS_TRUSTED_TASK = 'CREDENTIALS_TRUSTED_TASK',
  /** Run workspaces are fresh per run: `volumeClaimTemplate` with `ReadWriteOnce` only, no shared PVC. */
  WORKSPACE_PER_RUN = 'WORKSPACE_PER_RUN',
  /** Runs use a dedicated ServiceAccount, never `default`. */
  RUN_SERVICE_ACCOUNT = 'RUN_SERVICE_ACCOUNT',
  /** Run pods do not mount a ServiceAccount token. */
  RUN_TOKEN_AUTOMOUNT = 'RUN_TOKEN_AUTOMOUNT',
  /** Run pods carry a restricted pod securityContext (runAsNonRoot, fsGroup, seccomp). */
  RUN_POD_SECURITY_CONTEXT = 'RUN_POD_SECURITY_CONTEXT',
  /** Runs set an overall timeout. */
  RUN_TIMEOUT = 'RUN_TIMEOUT',

  /** RBAC rules name their resources: no `*` in verbs, resources or API groups, and `resourceNames` always set. */
  RBAC_NO_WILDCARD = 'RBAC_NO_WILDCARD',
  /** Only namespaced RBAC: no ClusterRole or ClusterRoleBinding, never `cluster-admin` (cannot be relaxed). */
  RBAC_NAMESPACED = 'RBAC_NAMESPACED',
  /** No `list` or `watch` on secrets (a list returns every Secret's data). */
  RBAC_NO_SECRET_LISTING = 'RBAC_NO_SECRET_LISTING',
  /** No escalation: verbs `bind`, `escalate`, `impersonate`, or `pods/exec`, `pods/attach`. */
  RBAC_NO_ESCALATION = 'RBAC_NO_ESCALATION',

  /** Vault is reached over verified TLS: `https://` address, `vaultSkipTLSVerify` never true (cannot be relaxed). */
  VAULT_TLS = 'VAULT_TLS',
  /** Secret values stay out of the YAML: no `data`/`stringData` in Secrets the library emits. */
  NO_SECRET_MATERIAL = 'NO_SECRET_MATERIAL',

  /** Egress never opens to the whole internet: no `0.0.0.0/0` or `::/0` peer. */
  EGRESS_NO_OPEN_CIDR = 'EGRESS_NO_OPEN_CIDR',
  /** Every egress rule names a destination and ports. */
  EGRESS_SCOPED = 'EGRESS_SCOPED',
  /** `chains-config` holds only documented keys with allowed values (cannot be relaxed). */
  CHAINS_KNOWN_KEYS = 'CHAINS_KNOWN_KEYS',
  /** Chains signs every artifact with a real signer (x509 or kms), never `none`. */
  CHAINS_SIGNED = 'CHAINS_SIGNED',
  /** Chains records SLSA provenance (`slsa/v1`, `slsa/v2alpha3`, `slsa/v2alpha4`). */
  CHAINS_SLSA_PROVENANCE = 'CHAINS_SLSA_PROVENANCE',
  /** Chains uploads to a transparency log. */
  CHAINS_TRANSPARENCY = 'CHAINS_TRANSPARENCY',
  /** Chains never talks to an OCI repository without TLS verification. */
  CHAINS_SECURE_STORAGE = 'CHAINS_SECURE_STORAGE',
  /** VerificationPolicies run in `enforce` mode. */
  VERIFICATION_ENFORCED = 'VERIFICATION_ENFORCED',
  /** Tekton's `feature-flags` carry the hardened values. */
  TEKTON_FEATURE_FLAGS = 'TEKTON_FEATURE_FLAGS',
  /** Namespaces enforce, audit and warn the Pod Security `restricted` profile. */
  NAMESPACE_RESTRICTED = 'NAMESPACE_RESTRICTED',

  /** Names are DNS-1123 labels (structural, cannot be relaxed). */
  VALID_NAME = 'VALID_NAME',
  /** No duplicate names, no unknown `runAfter`, no cycle (structural, cannot be relaxed). */
  VALID_DAG = 'VALID_DAG',
  /** Params, workspaces and results referenced are declared and bound (structural, cannot be relaxed). */
  VALID_REFERENCE = 'VALID_REFERENCE',
  /** Spec fields Tekton refuses or that cannot work together, e.g. `script` with `command` (structural, cannot be relaxed). */
  VALID_SPEC = 'VALID_SPEC',
  /** A relaxation carries a reason of at least 10 characters and names a relaxable rule. */
  RELAXATION_REASON = 'RELAXATION_REASON',
}
