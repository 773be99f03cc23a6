import { Finding, IRule } from './rule';
import { RuleId } from './rule-id';
import { evaluatingOnce } from '../private/containers';
import { CHAINS_KNOWN_KEYS } from './rules/chains-known-keys';
import { CHAINS_SECURE_STORAGE } from './rules/chains-secure-storage';
import { CHAINS_SIGNED } from './rules/chains-signed';
import { CHAINS_SLSA_PROVENANCE } from './rules/chains-slsa-provenance';
import { CHAINS_TRANSPARENCY } from './rules/chains-transparency';
import { COMPUTE_RESOURCES_BOUNDED } from './rules/compute-resources-bounded';
import { CREDENTIALS_TO_TRUSTED_TASKS } from './rules/credentials-to-trusted-tasks';
import { DROPS_ALL_CAPABILITIES } from './rules/drops-all-capabilities';
import { EGRESS_NO_OPEN_CIDR } from './rules/egress-no-open-cidr';
import { EGRESS_SCOPED } from './rules/egress-scoped';
import { IMAGE_PINNED_BY_DIGEST } from './rules/image-pinned-by-digest';
import { NAMESPACE_RESTRICTED } from './rules/namespace-restricted';
import { NO_PRIVILEGE_ESCALATION } from './rules/no-privilege-escalation';
import { NO_SECRET_MATERIAL } from './rules/no-secret-material';
import { NOT_PRIVILEGED } from './rules/not-privileged';
import { PARAMS_VIA_ENV } from './rules/params-via-env';
import { RBAC_NAMED_RESOURCES } from './rules/rbac-named-resources';
import { RBAC_NAMESPACED } from './rules/rbac-namespaced';
import { RBAC_NO_ESCALATION } from './rules/rbac-no-escalation';
import { RBAC_NO_SECRET_LISTING } from './rules/rbac-no-secret-listing';
import { READ_ONLY_ROOT_FILESYSTEM } from './rules/read-only-root-filesystem';
import { RUN_POD_SECURITY_CONTEXT } from './rules/run-pod-security-context';
import { RUN_SERVICE_ACCOUNT } from './rules/run-service-account';
import { RUN_TIMEOUT_SET } from './rules/run-timeout-set';
import { RUN_TOKEN_NOT_MOUNTED } from './rules/run-token-not-mounted';
import { RUN_WORKSPACES_PER_RUN } from './rules/run-workspaces-per-run';
import { RUNS_AS_NON_ROOT } from './rules/runs-as-non-root';
import { SCRIPT_HAS_SHEBANG } from './rules/script-has-shebang';
import { SECCOMP_RUNTIME_DEFAULT } from './rules/seccomp-runtime-default';
import { TEKTON_FEATURE_FLAGS_HARDENED } from './rules/tekton-feature-flags-hardened';
import { VAULT_TLS_VERIFIED } from './rules/vault-tls-verified';
import { VERIFICATION_ENFORCED } from './rules/verification-enforced';

const RULES: readonly IRule[] = [
  IMAGE_PINNED_BY_DIGEST,
  NOT_PRIVILEGED,
  RUNS_AS_NON_ROOT,
  NO_PRIVILEGE_ESCALATION,
  DROPS_ALL_CAPABILITIES,
  SECCOMP_RUNTIME_DEFAULT,
  READ_ONLY_ROOT_FILESYSTEM,
  COMPUTE_RESOURCES_BOUNDED,
  SCRIPT_HAS_SHEBANG,
  PARAMS_VIA_ENV,
  CREDENTIALS_TO_TRUSTED_TASKS,
  RUN_WORKSPACES_PER_RUN,
  RUN_SERVICE_ACCOUNT,
  RUN_TOKEN_NOT_MOUNTED,
  RUN_POD_SECURITY_CONTEXT,
  RUN_TIMEOUT_SET,
  RBAC_NAMESPACED,
  RBAC_NAMED_RESOURCES,
  RBAC_NO_SECRET_LISTING,
  RBAC_NO_ESCALATION,
  VAULT_TLS_VERIFIED,
  EGRESS_NO_OPEN_CIDR,
  EGRESS_SCOPED,
  NO_SECRET_MATERIAL,
  TEKTON_FEATURE_FLAGS_HARDENED,
  NAMESPACE_RESTRICTED,
  CHAINS_KNOWN_KEYS,
  CHAINS_SIGNED,
  CHAINS_SLSA_PROVENANCE,
  CHAINS_TRANSPARENCY,
  CHAINS_SECURE_STORAGE,
  VERIFICATION_ENFORCED,
];

/**
 * The rule catalogue: every security rule the constructs enforce at synth.
 */
export class RuleCatalogue {
  /** Every rule, in a stable order. */
  public static all(): IRule[] {
    return [...RULES];
  }

  /** The rule with this ID, or undefined for the structural checks that have no rule function. */
  public static find(id: RuleId): IRule | undefined {
    return RULES.find((r) => r.id === id);
  }

  /** Whether a relaxation may waive this rule (structural checks never can). */
  public static isRelaxable(id: RuleId): boolean {
    return RuleCatalogue.find(id)?.relaxable ?? false;
  }

  /** Every finding of every rule in one manifest. */
  public static check(manifest: any): Finding[] {
    return evaluatingOnce(() => RULES.flatMap((r) => r.check(manifest)));
  }

  private constructor() {}
}
