/**
 * What the admission policies (TektonAdmissionPolicies) let a relaxation record exempt, shared with the
 * audit, which tells where a record it honours is one the policies do not.
 */
import { TRIGGERS_GROUP } from '../../private/triggers';
import { RuleId } from '../rule-id';

/** The rules whose relaxation annotation the policies can honour (every relaxable rule they check). */
export const POLICY_EXEMPTABLE_RULES: readonly RuleId[] = [
  RuleId.IMAGE_DIGEST,
  RuleId.RUN_AS_NON_ROOT,
  RuleId.NO_PRIVILEGE_ESCALATION,
  RuleId.DROP_ALL_CAPABILITIES,
  RuleId.SECCOMP_RUNTIME_DEFAULT,
  RuleId.WORKSPACE_PER_RUN,
  RuleId.NO_HOST_ACCESS,
  RuleId.DEFAULT_ISOLATION,
  RuleId.RUN_POD_OVERRIDES,
  RuleId.RUN_POD_SECURITY_CONTEXT,
  RuleId.RUN_TOKEN_AUTOMOUNT,
  RuleId.ARGUMENT_INJECTION,
  RuleId.EXPANSION_INJECTION,
  RuleId.SECRET_REFERENCE_FIXED,
  RuleId.MOUNT_PATH_FIXED,
  RuleId.TRIGGERS_AUTHENTICATED,
];

/** The kinds (by API group) whose records the policies read: Tekton's objects with containers or runs, and Triggers' EventListeners and Triggers. */
const POLICY_KINDS: ReadonlyMap<string, readonly string[]> = new Map([
  ['tekton.dev', ['Task', 'Pipeline', 'TaskRun', 'PipelineRun', 'StepAction']],
  [TRIGGERS_GROUP, ['EventListener', 'Trigger']],
]);

/** Whether the policies read the relaxation records of `manifest` (its kind is one they admit with exemptable checks). */
export function policiesReadRecordsOf(manifest: any): boolean {
  const apiVersion = manifest?.apiVersion;
  if (typeof apiVersion !== 'string') return false;
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  return POLICY_KINDS.get(group)?.includes(manifest?.kind) ?? false;
}
