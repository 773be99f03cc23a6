import { Finding, IRule, IRuleContext } from './rule';
import { RuleId } from './rule-id';
import { evaluatingOnce } from '../private/containers';
import { storedForm } from '../private/stored-form';
import { ABSOLUTE_PATHS } from './rules/absolute-paths';
import { AFFINITY_ASSISTANT_CLAIMS } from './rules/affinity-assistant-claims';
import { ARGUMENT_INJECTION } from './rules/argument-injection';
import { CHAINS_KNOWN_KEYS } from './rules/chains-known-keys';
import { CHAINS_SECURE_STORAGE } from './rules/chains-secure-storage';
import { CHAINS_SIGNED } from './rules/chains-signed';
import { CHAINS_SIGNER_VERIFIED } from './rules/chains-signer-verified';
import { CHAINS_SLSA_PROVENANCE } from './rules/chains-slsa-provenance';
import { CHAINS_STORAGE_CREDENTIALS } from './rules/chains-storage-credentials';
import { CHAINS_TRANSPARENCY } from './rules/chains-transparency';
import { COMPUTE_RESOURCES } from './rules/compute-resources';
import { CREDENTIALS_TRUSTED_TASK } from './rules/credentials-trusted-task';
import { CREDENTIALS_WITH_REPO_CODE } from './rules/credentials-with-repo-code';
import { DEFAULT_ISOLATION } from './rules/default-isolation';
import { DEPLOY_VERIFIED_IMAGE } from './rules/deploy-verified-image';
import { DROP_ALL_CAPABILITIES } from './rules/drop-all-capabilities';
import { EGRESS_NO_OPEN_CIDR } from './rules/egress-no-open-cidr';
import { EGRESS_SCOPED } from './rules/egress-scoped';
import { EMPTY_DIR_NOT_SHARED } from './rules/empty-dir-not-shared';
import { EXPANSION_INJECTION } from './rules/expansion-injection';
import { IMAGE_DIGEST } from './rules/image-digest';
import { MOUNT_PATH_FIXED } from './rules/mount-path-fixed';
import { NAMESPACE_DEFAULT_DENY } from './rules/namespace-default-deny';
import { NAMESPACE_RESTRICTED } from './rules/namespace-restricted';
import { NO_HOST_ACCESS } from './rules/no-host-access';
import { NO_PRIVILEGE_ESCALATION } from './rules/no-privilege-escalation';
import { NO_SECRET_MATERIAL } from './rules/no-secret-material';
import { NOT_PRIVILEGED } from './rules/not-privileged';
import { POD_SECURITY_ADMITTED } from './rules/pod-security-admitted';
import { RBAC_NAMED_SUBJECTS } from './rules/rbac-named-subjects';
import { RBAC_NAMESPACED } from './rules/rbac-namespaced';
import { RBAC_NO_ESCALATION } from './rules/rbac-no-escalation';
import { RBAC_NO_SECRET_LISTING } from './rules/rbac-no-secret-listing';
import { RBAC_NO_WILDCARD } from './rules/rbac-no-wildcard';
import { READ_ONLY_ROOT_FILESYSTEM } from './rules/read-only-root-filesystem';
import { relaxationReasonRule } from './rules/relaxation-reason';
import { REMOTE_REFERENCE_PINNED } from './rules/remote-reference-pinned';
import { REMOTE_REFERENCE_VERIFIED } from './rules/remote-reference-verified';
import { RUN_AS_NON_ROOT } from './rules/run-as-non-root';
import { RUN_POD_OVERRIDES } from './rules/run-pod-overrides';
import { RUN_POD_SECURITY_CONTEXT } from './rules/run-pod-security-context';
import { RUN_SERVICE_ACCOUNT } from './rules/run-service-account';
import { RUN_TIMEOUT } from './rules/run-timeout';
import { RUN_TOKEN_AUTOMOUNT } from './rules/run-token-automount';
import { SCRIPT_INJECTION } from './rules/script-injection';
import { SCRIPT_SHEBANG } from './rules/script-shebang';
import { SECCOMP_RUNTIME_DEFAULT } from './rules/seccomp-runtime-default';
import { SECRET_IN_LOGS } from './rules/secret-in-logs';
import { SECRET_REFERENCE_FIXED } from './rules/secret-reference-fixed';
import { SECRETS_STORE_MOUNTABLE } from './rules/secrets-store-mountable';
import { SECRETS_STORE_NO_SETUID } from './rules/secrets-store-no-setuid';
import { SERVED_KINDS } from './rules/served-kinds';
import { TEKTON_ADMITTED } from './rules/tekton-admitted';
import { TEKTON_FEATURE_FLAGS } from './rules/tekton-feature-flags';
import { TEKTON_FIELD_NAMES } from './rules/tekton-field-names';
import { TEMPLATE_INJECTION } from './rules/template-injection';
import { TOOL_REQUIREMENTS } from './rules/tool-requirements';
import { TRIGGERS_AUTHENTICATED } from './rules/triggers-authenticated';
import { TRIGGERS_ESCAPED_PARAMS } from './rules/triggers-escaped-params';
import { TRIGGERS_RUNNABLE } from './rules/triggers-runnable';
import { UNIQUE_OBJECTS } from './rules/unique-objects';
import { VALID_REFERENCE } from './rules/valid-reference';
import { VAULT_READ_ONLY } from './rules/vault-read-only';
import { VAULT_TLS } from './rules/vault-tls';
import { VAULT_TOKEN_AUDIENCE } from './rules/vault-token-audience';
import { VERIFICATION_ENFORCED } from './rules/verification-enforced';
import { VERIFICATION_POLICY_USED } from './rules/verification-policy-used';
import { WORKSPACE_PER_RUN } from './rules/workspace-per-run';
import { WRITABLE_SCRATCH } from './rules/writable-scratch';

const RULES: readonly IRule[] = [
  IMAGE_DIGEST,
  NOT_PRIVILEGED,
  RUN_AS_NON_ROOT,
  NO_PRIVILEGE_ESCALATION,
  DROP_ALL_CAPABILITIES,
  SECCOMP_RUNTIME_DEFAULT,
  READ_ONLY_ROOT_FILESYSTEM,
  WRITABLE_SCRATCH,
  COMPUTE_RESOURCES,
  SCRIPT_SHEBANG,
  SCRIPT_INJECTION,
  SECRET_IN_LOGS,
  ARGUMENT_INJECTION,
  EXPANSION_INJECTION,
  TEMPLATE_INJECTION,
  SECRET_REFERENCE_FIXED,
  MOUNT_PATH_FIXED,
  CREDENTIALS_TRUSTED_TASK,
  WORKSPACE_PER_RUN,
  RUN_SERVICE_ACCOUNT,
  RUN_TOKEN_AUTOMOUNT,
  RUN_POD_SECURITY_CONTEXT,
  RUN_POD_OVERRIDES,
  NO_HOST_ACCESS,
  DEFAULT_ISOLATION,
  RUN_TIMEOUT,
  RBAC_NAMESPACED,
  RBAC_NO_WILDCARD,
  RBAC_NO_SECRET_LISTING,
  RBAC_NO_ESCALATION,
  RBAC_NAMED_SUBJECTS,
  VAULT_TLS,
  EGRESS_NO_OPEN_CIDR,
  EGRESS_SCOPED,
  NO_SECRET_MATERIAL,
  TEKTON_FEATURE_FLAGS,
  NAMESPACE_RESTRICTED,
  UNIQUE_OBJECTS,
  CHAINS_KNOWN_KEYS,
  CHAINS_SIGNED,
  CHAINS_SLSA_PROVENANCE,
  CHAINS_TRANSPARENCY,
  CHAINS_SECURE_STORAGE,
  VERIFICATION_ENFORCED,
  VERIFICATION_POLICY_USED,
  REMOTE_REFERENCE_PINNED,
  REMOTE_REFERENCE_VERIFIED,
  CHAINS_SIGNER_VERIFIED,
  CHAINS_STORAGE_CREDENTIALS,
  POD_SECURITY_ADMITTED,
  CREDENTIALS_WITH_REPO_CODE,
  NAMESPACE_DEFAULT_DENY,
  TOOL_REQUIREMENTS,
  AFFINITY_ASSISTANT_CLAIMS,
  EMPTY_DIR_NOT_SHARED,
  SECRETS_STORE_MOUNTABLE,
  VAULT_READ_ONLY,
  VAULT_TOKEN_AUDIENCE,
  SECRETS_STORE_NO_SETUID,
  TEKTON_FIELD_NAMES,
  TRIGGERS_AUTHENTICATED,
  TRIGGERS_ESCAPED_PARAMS,
  TRIGGERS_RUNNABLE,
  DEPLOY_VERIFIED_IMAGE,
  ABSOLUTE_PATHS,
  SERVED_KINDS,
  TEKTON_ADMITTED,
  VALID_REFERENCE,
];

/** The rules that may be relaxed: the rule that checks recorded relaxations asks. */
const RELAXABLE = new Set(RULES.filter((r) => r.relaxable).map((r) => r.id));
const ALL: readonly IRule[] = [...RULES, relaxationReasonRule((id) => RELAXABLE.has(id))];
const BY_ID = new Map<string, IRule>(ALL.map((r) => [r.id, r]));

/**
 * The rule catalogue: every security rule the constructs enforce at synth.
 */
export class RuleCatalogue {
  /** Every rule, in a stable order. */
  public static all(): IRule[] {
    return [...ALL];
  }

  /** The rule with this ID, or undefined for the structural checks that have no rule function. */
  public static find(id: RuleId): IRule | undefined {
    return BY_ID.get(id);
  }

  /** Whether a relaxation may waive this rule (structural checks never can). */
  public static isRelaxable(id: RuleId): boolean {
    return RuleCatalogue.find(id)?.relaxable ?? false;
  }

  /**
   * Every finding of every rule in one manifest, read as the API server keeps it (the keys
   * its schema drops are TEKTON_FIELD_NAMES findings, and no other rule reads them).
   * @param context the other objects checked together; without it, the manifest is checked alone.
   */
  public static check(manifest: any, context?: IRuleContext): Finding[] {
    const stored = storedForm(manifest);
    return evaluatingOnce(() => ALL.flatMap((r) => r.check(stored, context)), context?.manifests);
  }

  private constructor() {}
}
