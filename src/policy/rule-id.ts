/**
 * Stable identifiers of every check the library applies.
 *
 * Each security rule of the catalogue has one; a relaxation names it. The
 * structural checks (names, DAG, references, relaxation reasons) have one too so
 * that every refusal carries an ID, but they cannot be relaxed.
 */
export enum RuleId {
  /** Every step, sidecar, stepTemplate and StepAction image is pinned by digest. */
  IMAGE_DIGEST = 'IMAGE_DIGEST',
  /** Steps and sidecars run as a non-root user with a non-zero UID, and not in the root group. */
  RUN_AS_NON_ROOT = 'RUN_AS_NON_ROOT',
  /** Steps and sidecars set allowPrivilegeEscalation: false. */
  NO_PRIVILEGE_ESCALATION = 'NO_PRIVILEGE_ESCALATION',
  /** No step or sidecar is privileged, or adds a capability beyond those Pod Security baseline allows. */
  NOT_PRIVILEGED = 'NOT_PRIVILEGED',
  /** Steps and sidecars drop ALL capabilities and add none. */
  DROP_ALL_CAPABILITIES = 'DROP_ALL_CAPABILITIES',
  /** Steps and sidecars use the RuntimeDefault or a Localhost seccomp profile. */
  SECCOMP_RUNTIME_DEFAULT = 'SECCOMP_RUNTIME_DEFAULT',
  /** Steps and sidecars have a read-only root filesystem. */
  READ_ONLY_ROOT_FILESYSTEM = 'READ_ONLY_ROOT_FILESYSTEM',
  /** Steps and sidecars with a read-only root filesystem have emptyDir volumes at /tmp and $HOME. */
  WRITABLE_SCRATCH = 'WRITABLE_SCRATCH',
  /** Steps and sidecars set CPU and memory requests and limits that bound them. */
  COMPUTE_RESOURCES = 'COMPUTE_RESOURCES',
  /** Every script starts with a #! line. */
  SCRIPT_SHEBANG = 'SCRIPT_SHEBANG',
  /** Params and results reach scripts and interpreters only through env. */
  SCRIPT_INJECTION = 'SCRIPT_INJECTION',
  /** No step prints a Secret's value into the TaskRun's logs. */
  SECRET_IN_LOGS = 'SECRET_IN_LOGS',
  /** Params and results neither choose the program, nor start an argument, nor set an environment variable that runs code. */
  ARGUMENT_INJECTION = 'ARGUMENT_INJECTION',
  /** Values callers can choose never reach the kubelet's $(NAME) expansion in a container whose env holds Secret values. */
  EXPANSION_INJECTION = 'EXPANSION_INJECTION',
  /** Pipelines-as-Code pastes no text the event's sender writes into Tekton objects. */
  TEMPLATE_INJECTION = 'TEMPLATE_INJECTION',
  /** Tasks name the Secrets their steps read: no param or result chooses a Secret, its key, a SecretProviderClass or a token audience, and no CSI volume overrides its SecretProviderClass. */
  SECRET_REFERENCE_FIXED = 'SECRET_REFERENCE_FIXED',
  /** Tasks say where their volumes and workspaces are mounted, where steps write their output and what their envFrom env vars are named: no param or result chooses a mountPath, subPath, volume name, stdoutConfig path, envFrom prefix or envFrom ConfigMap. */
  MOUNT_PATH_FIXED = 'MOUNT_PATH_FIXED',
  /** Credentials workspaces are bound only to trusted tasks. */
  CREDENTIALS_TRUSTED_TASK = 'CREDENTIALS_TRUSTED_TASK',
  /** Run workspaces and volumes are fresh per run: no shared claim, and claim templates ReadWriteOnce with no existing data. */
  WORKSPACE_PER_RUN = 'WORKSPACE_PER_RUN',
  /** Runs use a dedicated ServiceAccount, never default. */
  RUN_SERVICE_ACCOUNT = 'RUN_SERVICE_ACCOUNT',
  /** Run pods do not mount a ServiceAccount token. */
  RUN_TOKEN_AUTOMOUNT = 'RUN_TOKEN_AUTOMOUNT',
  /** Run pods set runAsNonRoot, fsGroup and a RuntimeDefault or Localhost seccomp profile, and no root user or group. */
  RUN_POD_SECURITY_CONTEXT = 'RUN_POD_SECURITY_CONTEXT',
  /** Nothing reaches into the node: no hostPath or gitRepo volumes, host namespaces, host ports or host processes. */
  NO_HOST_ACCESS = 'NO_HOST_ACCESS',
  /** Containers keep the default SELinux type, a masked /proc, AppArmor and safe sysctls. */
  DEFAULT_ISOLATION = 'DEFAULT_ISOLATION',
  /** Run pod templates change neither what steps run nor where they run, and runs set none of the labels Tekton gives their pods nor labels by which another policy gives them egress. */
  RUN_POD_OVERRIDES = 'RUN_POD_OVERRIDES',
  /** Runs set a finite overall timeout. */
  RUN_TIMEOUT = 'RUN_TIMEOUT',

  /** RBAC rules grant named verbs on named resources, never wildcards. */
  RBAC_NO_WILDCARD = 'RBAC_NO_WILDCARD',
  /** RBAC is namespaced only: no ClusterRole, ClusterRoleBinding or RoleBinding of a ClusterRole. */
  RBAC_NAMESPACED = 'RBAC_NAMESPACED',
  /** No list, watch or deletecollection on secrets. */
  RBAC_NO_SECRET_LISTING = 'RBAC_NO_SECRET_LISTING',
  /** No escalation verbs, exec/attach/proxy/token subresources, aggregated ClusterRoles, or writes to pods, workloads, Secrets and ServiceAccounts, Tekton definitions and run status, NetworkPolicies, Service and ingress routing, RBAC, admission, nodes, namespaces or the platform's own objects. */
  RBAC_NO_ESCALATION = 'RBAC_NO_ESCALATION',
  /** Bindings grant roles to named identities, never to a group of every user, every ServiceAccount or anonymous requests, or to a default ServiceAccount. */
  RBAC_NAMED_SUBJECTS = 'RBAC_NAMED_SUBJECTS',

  /** Vault is reached over https with TLS verification on. */
  VAULT_TLS = 'VAULT_TLS',
  /** Secrets carry no values, and ConfigMaps and Tekton objects carry no credentials. */
  NO_SECRET_MATERIAL = 'NO_SECRET_MATERIAL',

  /** Egress CIDR blocks are unambiguous and reach no large share of the internet. */
  EGRESS_NO_OPEN_CIDR = 'EGRESS_NO_OPEN_CIDR',
  /** Egress rules name narrow destinations and ports, and reach kube-system for DNS only. */
  EGRESS_SCOPED = 'EGRESS_SCOPED',
  /** chains-config holds only keys and values documented for Chains v0.29, and no credentials. */
  CHAINS_KNOWN_KEYS = 'CHAINS_KNOWN_KEYS',
  /** Chains signs TaskRun, PipelineRun and OCI artifacts with a real signer (x509 or kms). */
  CHAINS_SIGNED = 'CHAINS_SIGNED',
  /** Chains records TaskRun and PipelineRun provenance in a SLSA format named explicitly. */
  CHAINS_SLSA_PROVENANCE = 'CHAINS_SLSA_PROVENANCE',
  /** Chains uploads every signature to a transparency log (transparency.enabled "true"). */
  CHAINS_TRANSPARENCY = 'CHAINS_TRANSPARENCY',
  /** Chains reaches OCI registries with TLS verification on, and Fulcio, Rekor, TUF, Archivista and the KMS over https. */
  CHAINS_SECURE_STORAGE = 'CHAINS_SECURE_STORAGE',
  /** VerificationPolicies fail runs whose Tasks and Pipelines do not verify (mode enforce). */
  VERIFICATION_ENFORCED = 'VERIFICATION_ENFORCED',
  /** VerificationPolicies match a source that the Pipelines and runs of their namespace fetch through a resolver. */
  VERIFICATION_POLICY_USED = 'VERIFICATION_POLICY_USED',
  /** Tasks, Pipelines and StepActions fetched by a resolver are pinned: a bundle digest, a full git commit, an exact hub version or an http content digest. */
  REMOTE_REFERENCE_PINNED = 'REMOTE_REFERENCE_PINNED',
  /** Tasks and Pipelines fetched by a resolver match a VerificationPolicy of their namespace. */
  REMOTE_REFERENCE_VERIFIED = 'REMOTE_REFERENCE_VERIFIED',
  /** Tekton's feature-flags ConfigMap sets every security-relevant flag to its hardened value. */
  TEKTON_FEATURE_FLAGS = 'TEKTON_FEATURE_FLAGS',
  /** Namespaces enforce, audit and warn the Pod Security restricted profile. */
  NAMESPACE_RESTRICTED = 'NAMESPACE_RESTRICTED',
  /** Objects checked together have distinct identities (API group, kind, namespace and name). */
  UNIQUE_OBJECTS = 'UNIQUE_OBJECTS',
  /** Image verification steps accept the signer Tekton Chains signs images with. */
  CHAINS_SIGNER_VERIFIED = 'CHAINS_SIGNER_VERIFIED',
  /** The ServiceAccounts of runs list a registry Secret that Tekton Chains can read to push signatures and attestations. */
  CHAINS_STORAGE_CREDENTIALS = 'CHAINS_STORAGE_CREDENTIALS',

  /** Names are DNS-1123 labels (structural, cannot be relaxed). */
  VALID_NAME = 'VALID_NAME',
  /** No duplicate names, no unknown `runAfter`, no cycle (structural, cannot be relaxed). */
  VALID_DAG = 'VALID_DAG',
  /** Params, workspaces and results referenced are declared and bound (structural, cannot be relaxed). */
  VALID_REFERENCE = 'VALID_REFERENCE',
  /** Spec fields Tekton refuses or that cannot work together, e.g. `script` with `command` (structural, cannot be relaxed). */
  VALID_SPEC = 'VALID_SPEC',
  /** Relaxations name a relaxable rule and give a reason. */
  RELAXATION_REASON = 'RELAXATION_REASON',
  /** Pods are admitted by the Pod Security level their namespace enforces. */
  POD_SECURITY_ADMITTED = 'POD_SECURITY_ADMITTED',
  /** A task that holds a credentials workspace, a container that reads a Secret, a step creds-init gives Secrets to, and a pod that mounts its ServiceAccount token on purpose, run no code from the repository it builds. */
  CREDENTIALS_WITH_REPO_CODE = 'CREDENTIALS_WITH_REPO_CODE',
  /** Namespaces deny all ingress and egress to their pods by default. */
  NAMESPACE_DEFAULT_DENY = 'NAMESPACE_DEFAULT_DENY',
  /** Steps and sidecars that run a well-known tool give it what it needs to run. */
  TOOL_REQUIREMENTS = 'TOOL_REQUIREMENTS',
  /** Tekton objects spell every field exactly as Tekton's schema for their version does, and hold none that Tekton drops when it stores them. */
  TEKTON_FIELD_NAMES = 'TEKTON_FIELD_NAMES',
  /** Run claims fit the affinity assistant: one per TaskRun while coschedule is "workspaces", none ReadWriteOncePod while it runs. */
  AFFINITY_ASSISTANT_CLAIMS = 'AFFINITY_ASSISTANT_CLAIMS',
  /** A run workspace bound to an emptyDir is not handed from one pipeline task to a task that runs after it. */
  EMPTY_DIR_NOT_SHARED = 'EMPTY_DIR_NOT_SHARED',
  /** Secrets Store CSI volumes are read-only and name their SecretProviderClass, and Vault's and OpenBao's classes have what their provider needs. */
  SECRETS_STORE_MOUNTABLE = 'SECRETS_STORE_MOUNTABLE',
  /** Every trigger an EventListener runs checks who sent the event: a github, gitlab or bitbucket interceptor with the webhook secret, or a CEL filter that compares a header with a Secret. */
  TRIGGERS_AUTHENTICATED = 'TRIGGERS_AUTHENTICATED',
  /** Triggers paste params only as their escaping keeps them in their JSON strings: no old-escape-quotes annotation, and no object or array of the event pasted into a string. */
  TRIGGERS_ESCAPED_PARAMS = 'TRIGGERS_ESCAPED_PARAMS',
  /** Every trigger an EventListener runs can run: its interceptors are entries Triggers reads, and its cel interceptors' filters and overlays compile. */
  TRIGGERS_RUNNABLE = 'TRIGGERS_RUNNABLE',
  /** The Vault and OpenBao CSI providers only read: every object is fetched with GET or LIST. */
  VAULT_READ_ONLY = 'VAULT_READ_ONLY',
  /** The Vault and OpenBao CSI providers log in with a ServiceAccount token of a dedicated audience, never the API server's. */
  VAULT_TOKEN_AUDIENCE = 'VAULT_TOKEN_AUDIENCE',
  /** Secrets Store CSI volumes hold no setuid or setgid file: no object of a Vault or OpenBao class asks for one. */
  SECRETS_STORE_NO_SETUID = 'SECRETS_STORE_NO_SETUID',
  /** A pipeline that verifies an image applies no manifests as a workspace holds them. */
  DEPLOY_VERIFIED_IMAGE = 'DEPLOY_VERIFIED_IMAGE',
  /** Steps, sidecars and StepActions work in absolute directories, and task workspaces mount at absolute paths. */
  ABSOLUTE_PATHS = 'ABSOLUTE_PATHS',
  /** Objects of the API groups the rules read are of a kind and version their API server serves. */
  SERVED_KINDS = 'SERVED_KINDS',
  /** Tekton's admission webhook admits the pipelines, Tasks, runs and StepActions: their tasks, steps, workspaces, params, dependencies and results hold together (structural, cannot be relaxed). */
  TEKTON_ADMITTED = 'TEKTON_ADMITTED',
}
