import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { POLICY_EXEMPTABLE_RULES } from '../policy/engine/admission-exemptions';
import { ConstructPolicy, RefusalOptions } from '../policy/engine/construct-policy';
import { RuleId } from '../policy/rule-id';
import { TRIGGERS_AUTHENTICATED } from '../policy/rules/triggers-authenticated';
import {
  CHILD_OF_PIPELINE_RUN_LABELS, ENFORCEMENT_REASON_ANNOTATION, NAMESPACE_NAME_LABEL, PINNED_REMOTE_REFERENCES_ANNOTATION, PIPELINE_POD_LABELS,
  PIPELINE_TASK_LABEL,
  RELAXATION_ANNOTATION_PREFIX, SECURE_PIPELINE_LABEL,
} from '../private/annotations';
import {
  ENV_SHELL, INTERACTIVE_ANY_SHEBANG, INTERACTIVE_SPLIT_STRING, POSIX_BASH, PROMPT_COMMAND_SHELL, PROMPT_SHELL, PROMPT_SPLIT_STRING,
  SEPARATED_RUNNERS, SPLIT_SHELL_OPEN,
} from '../private/argv';
import { SECRETS_STORE_CSI_DRIVER } from '../private/defaults';
import { BASH_PROMPT_ENV, EXECUTING_ENV, EXECUTING_ENV_PATTERN, INTERACTIVE_ENV, PROMPT_ENV } from '../private/executing-env';
import { BASELINE_CAPABILITY_NAMES } from '../private/pod-security-standards';
import { POD_TEMPLATE_SUBSTITUTED, SubstitutedNode } from '../private/pod-template-params';
import { BUNDLE_DIGEST, HTTP_DIGEST, HUB_NON_ZERO_PATCH, HUB_RESOLVER_VERSION, HUB_SOURCE_PARAMS, SCM_SERVER_PARAMS, SELECTOR_PARAMS, SHA1_COMMIT } from '../private/remote-refs';
import { CLASS_ATTRIBUTE } from '../private/secrets-store';
import { INTERACTIVE_OPTIONS, SHELL_LONG_FLAG, SHELL_LONG_OPTION, SHELL_OPTION_WORD, SHELL_VALUED_OPTION } from '../private/shell-options';
import { PARAM_SUBSTITUTION_PATTERN, STEP_RESULT_PATTERN } from '../private/substitutions';
import { TARGET_OR_WHOLE_PATTERN } from '../private/targets';
import { MAX_REASON_LENGTH, MIN_REASON_LENGTH, normalizeReason, safeText, visibleLength } from '../private/text';
import { NULL_GROUP_ENTRY_FIX } from '../private/trigger-interceptors';
import { CEL_INTERCEPTOR, DEPRECATED_INTERCEPTORS, SECRET_FILTER, SECRET_FILTER_MAX, TRIGGERS_GROUP, VERIFIERS } from '../private/triggers';
import { PER_POD_CSI_DRIVERS, PER_POD_VOLUME_SOURCES } from '../private/volume-sources';

const KIND = 'TektonAdmissionPolicies';

/**
 * API versions of ValidatingAdmissionPolicy and its binding.
 */
export enum AdmissionApiVersion {
  /**
   * Beta, served by Kubernetes 1.28 and 1.29 once enabled: feature gate
   * `ValidatingAdmissionPolicy=true` and `--runtime-config=admissionregistration.k8s.io/v1beta1=true`.
   */
  V1BETA1 = 'admissionregistration.k8s.io/v1beta1',
  /** GA, served by Kubernetes 1.30 and later. */
  V1 = 'admissionregistration.k8s.io/v1',
}

/**
 * What the cluster does with a request that a policy refuses (the binding's `validationActions`).
 */
export enum EnforcementAction {
  /** The request is refused: the object is never stored. */
  DENY = 'Deny',
  /** Weaker: the object is stored and the client gets a warning. */
  WARN = 'Warn',
  /** Weaker: the object is stored and the violation is recorded in the audit log only. */
  AUDIT = 'Audit',
}

/**
 * Props of TektonAdmissionPolicies.
 */
export interface TektonAdmissionPoliciesProps {
  /** Namespaces the policies hold in (DNS-1123 labels; at least one), matched by their `kubernetes.io/metadata.name` label. */
  readonly namespaces: string[];
  /**
   * The only ServiceAccounts PipelineRuns and TaskRuns may run as (DNS-1123 labels;
   * at least one, never `default`), e.g. each SecurePipeline's `serviceAccountName`.
   */
  readonly allowedServiceAccounts: string[];
  /** API version of the emitted policies and bindings. @default AdmissionApiVersion.V1BETA1 (Kubernetes 1.28) */
  readonly apiVersion?: AdmissionApiVersion;
  /**
   * What happens to a request a policy refuses; WARN and AUDIT let it through, so they are a
   * loosening and need `enforcementReason`. @default EnforcementAction.DENY
   */
  readonly enforcementAction?: EnforcementAction;
  /**
   * Why the policies may let through what they refuse: required with `EnforcementAction.WARN` or
   * `EnforcementAction.AUDIT` (and refused with DENY, which loosens nothing). At least 10 visible
   * characters and at most 1024, recorded in the annotation `secure-tekton/enforcement-action` of
   * every binding (runs of whitespace become one space).
   *
   * @default - none (the policies deny)
   */
  readonly enforcementReason?: string;
  /**
   * Rules whose relaxation records (annotation `secure-tekton/relax.<RULE>` on the
   * admitted object, one `<target or *>: <reason of at least 10 visible characters>`
   * per line, as the library writes them) the policies honour: a record exempts the
   * part of the object it names (`step/<name>`, `task/<name>`, `task/<name>/step/<name>`,
   * `workspace/<name>` … and what lies below it; `*` the whole object; a step without a name is
   * `step/unnamed-<index>`, a sidecar without one `sidecar/unnamed-<index>`, as the audit names them, but for one
   * equal to another of its list, which no record names) from that rule's
   * checks, nothing else. The checks of the object's own fields (a run-wide pod template, a run's
   * workspace volumes, a Task's volumes) are exempt for `*` alone: a `field/<property>=<value>` record,
   * which the audit honours for its one finding, is not honoured here (the audit says so in a notice).
   * Whoever may write a Task, Pipeline, StepAction or run may write
   * the annotation too, and, with `pinnedRemoteReferences`, so may whoever publishes what a
   * resolver fetches: Tekton copies a fetched Task's or Pipeline's annotations onto its run,
   * and a PipelineRun's (and a pipeline task's `taskSpec.metadata`) onto the TaskRuns it
   * creates, so the records of a published Pipeline exempt the task specs it embeds. Verify
   * fetched content with a VerificationPolicy, or give `[]` to make the policies hold for
   * every object. Only the
   * relaxable rules the policies check can be listed: IMAGE_DIGEST, RUN_AS_NON_ROOT,
   * NO_PRIVILEGE_ESCALATION, DROP_ALL_CAPABILITIES, SECCOMP_RUNTIME_DEFAULT,
   * WORKSPACE_PER_RUN, NO_HOST_ACCESS, DEFAULT_ISOLATION, RUN_POD_OVERRIDES,
   * RUN_POD_SECURITY_CONTEXT, RUN_TOKEN_AUTOMOUNT, ARGUMENT_INJECTION, EXPANSION_INJECTION, SECRET_REFERENCE_FIXED,
   * MOUNT_PATH_FIXED and TRIGGERS_AUTHENTICATED (NOT_PRIVILEGED,
   * SCRIPT_INJECTION, the ServiceAccount allow-list, who writes run status and the labels a
   * pipeline's NetworkPolicies select on, `secure-tekton/pipeline` and Tekton's `tekton.dev/` ones, are never exempt).
   * NO_HOST_ACCESS, SECCOMP_RUNTIME_DEFAULT, DEFAULT_ISOLATION and TRIGGERS_AUTHENTICATED are
   * honoured only when listed: their records would let any author of an object give a step the
   * node (hostPID, hostNetwork, hostPath `/`) or turn seccomp, SELinux or AppArmor confinement
   * off, root on the node for whoever may create a run, or make an EventListener or Trigger
   * start runs for events anyone can send (a record of TRIGGERS_AUTHENTICATED exempts the whole
   * object only, `*`: its findings have no target).
   *
   * @default - the twelve others, so that the library's own relaxed output (e.g. kaniko running as root, with its reason) is admitted
   */
  readonly honouredRelaxations?: RuleId[];
  /**
   * User name of the Tekton controller (`system:serviceaccount:<namespace>:tekton-pipelines-controller` where an
   * operator installs Tekton in another namespace than `tekton-pipelines`). Its TaskRuns are exempt from the workspace
   * policy: it binds each TaskRun of a PipelineRun to the PersistentVolumeClaim it
   * created from the PipelineRun's `volumeClaimTemplate` (checked on the PipelineRun), and it is
   * the only user the workspace-claims policy lets create a claim named as it names those.
   * It is the only user the run-status policy lets write `taskruns/status` and
   * `pipelineruns/status`, and the only one the resolution-requests policy lets create a
   * ResolutionRequest (with `tektonResolversUsername`, change its spec or write its status).
   *
   * @default 'system:serviceaccount:tekton-pipelines:tekton-pipelines-controller'
   */
  readonly tektonControllerUsername?: string;
  /**
   * User name of Tekton's resolvers (the `tekton-pipelines-resolvers` deployment). With
   * `tektonControllerUsername`, the only user the resolution-requests policy lets change a
   * ResolutionRequest's spec or write its status: the controller runs the Task, Pipeline or
   * StepAction a ResolutionRequest's `status.data` holds for every reference whose request has
   * its name, and reads it as written.
   *
   * @default 'system:serviceaccount:tekton-pipelines-resolvers:tekton-pipelines-resolvers'
   */
  readonly tektonResolversUsername?: string;
  /**
   * User names of Kubernetes' StatefulSet controller: `system:serviceaccount:kube-system:statefulset-controller`
   * where kube-controller-manager runs with `--use-service-account-credentials` (kubeadm's default), else
   * `system:kube-controller-manager`. The only users the workspace-claims policy lets create a
   * PersistentVolumeClaim named as the claims of Tekton's affinity assistants
   * (`<name>-affinity-assistant-<10 hex>-0`), which the controller makes from the volumeClaimTemplates of the
   * StatefulSet the Tekton controller creates for a PipelineRun (with `coschedule: pipelineruns` or
   * `isolate-pipelinerun`); `[]` when no one may (such runs then wait for their claims). Even they create no such
   * claim owned by a Pod: that is a Pod's generic ephemeral volume's (`<pod name>-<volume name>`), which
   * kube-controller-manager also creates as `system:kube-controller-manager`. Also the only users the
   * affinity-assistants policy lets create a Pod labelled as an affinity assistant's, for the StatefulSet named
   * `affinity-assistant-…` that controls it (`[]`: no assistant's pod is made, and runs that need one wait).
   *
   * @default ['system:serviceaccount:kube-system:statefulset-controller', 'system:kube-controller-manager']
   */
  readonly statefulSetControllerUsernames?: string[];
  /**
   * User names of the controllers of the custom tasks the bound namespaces run (each a
   * `system:serviceaccount:<namespace>:<name>`; `[]` when none may run there). Given, the policy
   * `<prefix>-custom-run-status` lets only them write `customruns/status` (RBAC_NO_ESCALATION, never
   * exempt): a CustomRun's status is written by its custom task's controller, not Tekton's, and
   * Tekton reads its `Succeeded` condition to decide whether the pipeline tasks after it run (an
   * approval task's condition is the approval) and passes its results to their params and `when`
   * expressions, so whoever else writes it approves a deploy or chooses what later tasks receive.
   * Tekton's own controller only patches a CustomRun's spec (cancel, timeout). The policy
   * `<prefix>-child-runs` lets them, besides the Tekton controller, write a CustomRun or PipelineRun
   * labelled as a PipelineRun's child.
   *
   * @default - no policy matches `customruns/status` (the policies do not know the custom task controllers): grant its update to those controllers alone
   */
  readonly customTaskControllerUsernames?: string[];
  /** Prefix of the policy and binding names (they are cluster-scoped); a DNS-1123 label. @default 'secure-tekton' */
  readonly namePrefix?: string;
  /**
   * A written loosening of `<prefix>-remote-references`: it also admits a `taskRef` or
   * `pipelineRef` that the bundles, git, hub or http resolver fetches pinned as
   * REMOTE_REFERENCE_PINNED judges it (a bundle `@sha256:` digest, a 40-hex git revision,
   * an exact hub version, an http `digest` of the content; no param that chooses the content
   * or its source substituted).
   * The policies check what such a reference fetches only in Tekton's dry-run create of it, with
   * the relaxation records its publisher wrote in it: give this only where Tekton's
   * trusted resources verify it, that is a VerificationPolicy in `enforce` mode matching each
   * source in every bound namespace, and the feature flag
   * `trusted-resources-verification-no-match-policy: fail` (TektonFeatureFlags writes it).
   * Its reason is recorded in the annotation `secure-tekton/pinned-remote-references` of the policy.
   * StepActions a resolver fetches are never admitted this way: Tekton does not verify them.
   *
   * @default - no such reference is admitted: only Tasks and Pipelines referenced by name, or through the cluster resolver from a bound namespace
   */
  readonly pinnedRemoteReferences?: PinnedRemoteReferences;
}

/**
 * Why TektonAdmissionPolicies admits Tasks and Pipelines that a resolver fetches pinned
 * (`pinnedRemoteReferences`): the policies check their content only in Tekton's dry-run create of it, with the
 * relaxation records its publisher wrote, so the cluster must verify it.
 */
export interface PinnedRemoteReferences {
  /**
   * Why what is fetched is trusted, e.g. which VerificationPolicies (mode `enforce`) verify it:
   * at least 10 visible characters and at most 1024, recorded in the policy's annotation
   * `secure-tekton/pinned-remote-references` (runs of whitespace become one space).
   */
  readonly reason: string;
}

/** The rules whose relaxation annotation the policies can honour (every relaxable rule they check). */
const EXEMPTABLE: readonly RuleId[] = POLICY_EXEMPTABLE_RULES;

/**
 * The rules honoured unless `honouredRelaxations` says otherwise: every exemptable rule but
 * those whose records alone would open the node to a step (host namespaces, hostPath, a
 * Windows host process; seccomp off; SELinux spc_t, AppArmor unconfined, an unmasked /proc),
 * which the library itself never records.
 */
const NOT_HONOURED_BY_DEFAULT: readonly RuleId[] = [
  RuleId.NO_HOST_ACCESS, RuleId.SECCOMP_RUNTIME_DEFAULT, RuleId.DEFAULT_ISOLATION, RuleId.TRIGGERS_AUTHENTICATED,
];
const HONOURED_BY_DEFAULT: readonly RuleId[] = EXEMPTABLE.filter((r) => !NOT_HONOURED_BY_DEFAULT.includes(r));

const DEFAULT_CONTROLLER_USERNAME = 'system:serviceaccount:tekton-pipelines:tekton-pipelines-controller';
const DEFAULT_RESOLVERS_USERNAME = 'system:serviceaccount:tekton-pipelines-resolvers:tekton-pipelines-resolvers';
const SERVICE_ACCOUNT_USERNAME = /^system:serviceaccount:([a-z0-9]([-a-z0-9]*[a-z0-9])?):([a-z0-9]([-a-z0-9.]*[a-z0-9])?)$/;

/**
 * The name Tekton v1.15 gives the PersistentVolumeClaim it makes for a run's `volumeClaimTemplate` workspace (RE2):
 * `<the template's metadata.name, else pvc>-<the first 10 hex of the sha256 of the workspace name and the run's UID>`
 * (pkg/reconciler/volumeclaim/pvchandler.go GeneratePVCNameFromWorkspaceBinding).
 */
const GENERATED_CLAIM_NAME = '^.+-[0-9a-f]{10}$';
/** The PersistentVolumeClaims of the core API. */
const CLAIMS: ResourceRule[] = [{ group: '', version: 'v1', resources: ['persistentvolumeclaims'] }];
/** Kubernetes' StatefulSet controller, with and without controller-manager's `--use-service-account-credentials`. */
const KUBE_CONTROLLER_MANAGER = 'system:kube-controller-manager';
const DEFAULT_STATEFUL_SET_CONTROLLER_USERNAMES = ['system:serviceaccount:kube-system:statefulset-controller', KUBE_CONTROLLER_MANAGER];
/** The garbage collector of kube-controller-manager: its own ServiceAccount with `--use-service-account-credentials`, its user without. */
const GARBAGE_COLLECTOR_USERNAMES = ['system:serviceaccount:kube-system:generic-garbage-collector', KUBE_CONTROLLER_MANAGER];
/** The name Tekton v1.15 gives an affinity assistant's StatefulSet starts so (`affinity-assistant-<10 hex>`, GetAffinityAssistantName). */
const AFFINITY_ASSISTANT_PREFIX = 'affinity-assistant-';
/**
 * The name of the claim Kubernetes' StatefulSet controller makes for an affinity assistant
 * (`<volumeClaimTemplate name>-<StatefulSet name>-<ordinal>`: `<claim name>-affinity-assistant-<10 hex>-0`,
 * getPersistentVolumeClaimNameWithAffinityAssistant), which Tekton binds the run's TaskRuns to.
 */
const AFFINITY_ASSISTANT_CLAIM_NAME = '^.+-affinity-assistant-[0-9a-f]{10}-0$';
/**
 * StatefulSets, their scale subresource (an update of `spec.replicas` alone, as `kubectl scale` writes it) and their status,
 * through which the API server keeps the metadata written (statefulSetStatusStrategy.PrepareForUpdate resets the spec alone).
 */
const STATEFUL_SETS: ResourceRule[] = [{ group: 'apps', version: 'v1', resources: ['statefulsets', 'statefulsets/scale', 'statefulsets/status'] }];
/**
 * Pods and the workloads whose pod template makes them (their templates are judged as the pods they make), and pods' status, through
 * which the API server keeps the labels written (podStatusStrategy.PrepareForUpdate resets the spec, deletionTimestamp and ownerReferences).
 */
const POD_MAKERS: ResourceRule[] = [
  { group: '', version: 'v1', resources: ['pods', 'pods/status', 'replicationcontrollers'] },
  { group: 'apps', version: 'v1', resources: ['deployments', 'replicasets', 'daemonsets'] },
  { group: 'batch', version: 'v1', resources: ['jobs', 'cronjobs'] },
];
/** The labels of an affinity assistant's pod that Tekton v1.15's scheduling terms select (pkg/workspace LabelComponent, LabelInstance). */
const AFFINITY_ASSISTANT_LABEL_KEYS = ['app.kubernetes.io/component', 'app.kubernetes.io/instance'];
/**
 * CEL over an object's metadata `m`: it carries the label of Tekton v1.15's affinity assistants' pods,
 * `app.kubernetes.io/component: affinity-assistant` (getStatefulSetLabels). Every assistant's StatefulSet gives its pod an
 * anti-affinity to the pods with that label in its namespace (pkg/reconciler/pipelinerun/affinity_assistant.go
 * getAssistantAffinityMergedWithPodTemplateAffinity: topologyKey kubernetes.io/hostname, required with coschedule:
 * isolate-pipelinerun, weight 100 preferred otherwise), so a pod carrying it keeps the assistants, and the run pods that follow
 * them, off its node; with `app.kubernetes.io/instance: <assistant name>` it also satisfies the required pod affinity Tekton
 * gives a run's pods (pkg/internal/affinityassistant podAffinityTermUsingAffinityAssistant, in the run's namespace).
 */
function affinityAssistantLabel(m: string): string {
  return `(has(${m}.labels) && 'app.kubernetes.io/component' in ${m}.labels && ${m}.labels['app.kubernetes.io/component'] == 'affinity-assistant')`;
}
/** CEL over an object's metadata `m`: the assistants' labels it carries, `<key>=<value>` in AFFINITY_ASSISTANT_LABEL_KEYS' order (a list to compare). */
function affinityAssistantLabelValues(m: string): string {
  return `(has(${m}.labels) ? ${list(AFFINITY_ASSISTANT_LABEL_KEYS)}.filter(k, k in ${m}.labels).map(k, k + '=' + ${m}.labels[k]) : [])`;
}
/**
 * CEL over a Task, Pipeline, TaskRun or PipelineRun `o`, `f` of each metadata whose labels Tekton v1.15 copies to a run's pods: its
 * `metadata` (a Task's and a Pipeline's are copied to their runs, storeTaskSpecAndMergeMeta, storePipelineSpecAndMergeMeta; a
 * PipelineRun's to its TaskRuns, createChildResourceLabels; a TaskRun's to its pod, pkg/pod makeLabels), a PipelineRun's
 * `taskRunSpecs[].metadata` or an embedded pipeline task's `taskSpec.metadata` (combineTaskRunAndTaskSpecLabels). With `each`
 * `exists`, whether `f` (a condition) holds for one; with `map`, the list of `f`'s lists, one per metadata (absent: empty), to compare.
 */
function tektonPodLabelMetadata(o: string, f: (m: string) => string, each: 'exists' | 'map'): string {
  const over = (items: string, x: string, path: string[]) => (each === 'exists'
    ? `${items}.exists(${x}, ${hasPath(x, path)} && ${f([x, ...path].join('.'))})`
    : `${items}.map(${x}, ${hasPath(x, path)} ? ${f([x, ...path].join('.'))} : [])`);
  const [join, none] = each === 'exists' ? [' || ', 'false'] : [' + ', '[]'];
  const embedded = (spec: string) => over(tasksOf(spec), 't', ['taskSpec', 'metadata']);
  const pipelineRun = `${over(`(has(${o}.spec.taskRunSpecs) ? ${o}.spec.taskRunSpecs : [])`, 's', ['metadata'])}`
    + `${join}(has(${o}.spec.pipelineSpec) ? ${embedded(`${o}.spec.pipelineSpec`)} : ${none})`;
  return `(${each === 'exists' ? f(`${o}.metadata`) : `[${f(`${o}.metadata`)}]`}`
    + `${join}(${o}.kind == 'Pipeline' && has(${o}.spec) ? ${embedded(`${o}.spec`)} : ${none})`
    + `${join}(${o}.kind == 'PipelineRun' && has(${o}.spec) ? ${pipelineRun} : ${none}))`;
}
/**
 * CEL over an object `o` (a Pod, or a workload of POD_MAKERS or a StatefulSet): `f` of the metadata of the pods it makes (its own,
 * its pod template's), `none` where it has none.
 */
function podMetadata(o: string, f: (m: string) => string, none: string): string {
  const job = `${o}.spec.jobTemplate.spec.template`;
  return `(${o}.kind == 'Pod' ? ${f(`${o}.metadata`)}`
    + ` : ${o}.kind == 'CronJob' ? (has(${o}.spec) && has(${o}.spec.jobTemplate) && has(${o}.spec.jobTemplate.spec) && has(${job}) && has(${job}.metadata)`
    + ` ? ${f(`${job}.metadata`)} : ${none})`
    + ` : (has(${o}.spec) && has(${o}.spec.template) && has(${o}.spec.template.metadata) ? ${f(`${o}.spec.template.metadata`)} : ${none}))`;
}

/**
 * Image reference pinned by digest (RE2, partial match like every CEL `matches`); no blank before the name, which the
 * API server refuses in a pod ("must not have leading or trailing whitespace"), as IMAGE_DIGEST reports it.
 */
const DIGEST_PATTERN = '^[^@ ].*@sha256:[a-f0-9]{64}$';
/**
 * Image reference pinned by a sha384 or sha512 digest of its length, with no `$(` (RE2): the kubelet pulls by it
 * (distribution/reference and go-digest read both), but Tekton looks up the entrypoint of a step that has no command
 * with go-containerregistry, whose name.NewDigest reads sha256 digests only, as the catalogue's IMAGE_DIGEST reads them.
 */
const OTHER_DIGEST_PATTERN = '^[^@ $][^$]*@(sha384:[a-f0-9]{96}|sha512:[a-f0-9]{128})$';
/** A character that does not count as visible in a reason (RE2; as `visibleLength` counts). */
const INVISIBLE = '[\\s\\p{Cc}\\p{Cf}\\p{Z}\\p{M}\\x{115F}\\x{1160}\\x{3164}\\x{FFA0}\\x{2800}]';
/**
 * One relaxation record line the policies honour: `<target or *>: <reason of
 * MIN_REASON_LENGTH visible characters>`, the target well formed as the catalogue
 * reads it (`step/<name>`, `task/<name>/step/<name>`, ...; RE2).
 */
const RECORD_LINE = `^${TARGET_OR_WHOLE_PATTERN}: (?:${INVISIBLE}*[^${INVISIBLE.slice(1, -1)}]){${MIN_REASON_LENGTH}}`;
/**
 * A record line that is one line as the catalogue reads records (RE2): no carriage return (but
 * the one of a CRLF line end) and no Unicode line or paragraph separator, which end a line there
 * (a record whose reason holds one is not honoured; the library writes none).
 */
const ONE_LINE = '^[^\\r\\x{2028}\\x{2029}]*\\r?$';

/**
 * How many levels of pipelineSpecs embedded in pipeline tasks (Tekton's alpha
 * pipelines in pipelines) the policies read; a deeper one is refused, since CEL
 * cannot walk a tree of any depth.
 */
const NESTED_PIPELINE_LEVELS = 2;

/**
 * The labels Tekton gives the TaskRuns of a PipelineRun's tasks, refused on a Task and on a TaskRun the controller did not
 * make, whatever the records say (as the one copied from a SecurePipeline's Pipeline: securePipelineLabel).
 */
const TEKTON_POD_LABELS = PIPELINE_POD_LABELS.filter((l) => l !== SECURE_PIPELINE_LABEL);

/** A Tekton substitution `$(…)` (RE2; as the catalogue finds them: one inside a shell's own `$(…)` too). */
const SUBSTITUTION = '\\$\\([^)$]*\\)';
/**
 * A substitution Tekton makes that is not inert (any other `$(…)` is the shell's own): read only
 * after INERT_VARIABLE, so of `workspaces.` (whose path, bound, claim and volume alone Tekton
 * replaces) only the claim is left.
 */
const TEKTON_VARIABLE = '^\\$\\((params|tasks|steps?|context|results|credentials|inputs|outputs|resources)[.\\[]|^\\$\\(workspaces\\.[^.()]+\\.claim\\)$';
/**
 * A substitution whose value no caller can choose, or only in a shell-inert alphabet, as the
 * catalogue reads them (private/substitutions.ts): paths Tekton fixes from the task itself,
 * whether a workspace is bound, and the names, namespaces and uids of the run objects, Task and
 * Pipeline (DNS-1123 names, generated uids; any other `$(context.<x>.name)` Tekton leaves as written),
 * and the counts Tekton writes as decimal numbers (a retry count, a task's retries, a matrix's lengths).
 */
/**
 * A program of Windows nodes by basename (RE2), read as Windows finds it: after the last `/` or `\\`, any case, with or without its
 * `.exe` (`powershell.exe`, `PowerShell.EXE`, `C:\\Windows\\System32\\cmd.exe`), as the catalogue's programName reads it.
 */
const windowsProgram = (names: string): string => `(^|[/\\\\])(?i:${names})(?i:\\.exe)?$`;
const INERT_VARIABLE = '^\\$\\((workspaces\\.[^.()]+\\.(path|bound|volume)|(steps\\.[^.()]+\\.exitCode\\.|(step\\.)?(results\\.[^.()]+\\.|artifacts\\.)|credentials\\.)path|context\\.(\\w+\\.(name(space)?|uid)|task\\.retry-count|pipelineTask\\.retries)|tasks\\.(([^.()]+\\.)?status|[^.()]+\\.matrix\\.([^.()]+\\.)?length))\\)$';
/** A substitution that expands to several values (an array param with `[*]`). */
const EXPANDING = '\\[\\s*\\*\\s*\\]\\s*\\)$';
/**
 * Programs that run code given in their arguments (shells, language runtimes, stream
 * editors, remote shells, command runners), by basename, as the catalogue's
 * SCRIPT_INJECTION knows them (RE2); `bun` whatever its sub-command (stricter: the catalogue reads `bun x …` as a package
 * runner and the arguments after the file of `bun run FILE` as data).
 */
const INTERPRETER = '(^|/)(sh|bash|dash|ash|zsh|ksh|ksh93|rksh|rksh93|mksh|mksh-static|lksh|rmksh|rlksh|pdksh|yash|fish|csh|tcsh|rbash|busybox[^/]*|toybox[^/]*'
  + '|(python|pypy|platform-python)[0-9.]*m?|node|nodejs|deno|bun|qjs|perl[0-9.]*|(ruby|jruby)[0-9.]*|irb|php[0-9.]*|(lua|luajit)[0-9.]*|(?i:r|rscript)'
  + '|awk|gawk|mawk|nawk|sed|gsed|jq|yq|gojq'
  + '|osascript|(tclsh|wish)[0-9.]*|expect|groovy|jshell|julia|elixir|iex|erl|escript|guile|racket|sbcl|clisp|mix'
  + '|ssh|xargs|parallel|find|watch|script|su|sg|sudo|doas|runuser|chroot|nsenter|unshare|setpriv|xvfb-run|flock|entr'
  + `|make|gmake|just|task|kubectl|helm|docker|podman|nerdctl|crictl)$|${windowsProgram('pwsh|pwsh-preview|powershell|cmd')}`;
/** Shells whose `-c CODE` is followed by `$0` and positional parameters (RE2, by basename). */
const SHELL = '(^|/)(sh|bash|dash|ash|zsh|ksh|ksh93|rksh|rksh93|mksh|mksh-static|lksh|rmksh|rlksh|pdksh|yash|rbash)$';
/**
 * Programs other than POSIX shells whose option gives them their code (`python3 -c`, `node -e`, `perl -e` …), by basename (RE2),
 * as the catalogue's `codeArguments` knows them (private/shell.ts CODE_OPTIONS).
 */
const CODE_PROGRAM = '(^|/)((python|pypy|platform-python)[0-9.]*m?|node|nodejs|bun|perl[0-9.]*|(ruby|jruby)[0-9.]*|php[0-9.]*|(lua|luajit)[0-9.]*|fish|csh|tcsh|zsh'
  + `|(?i:r|rscript))$|${windowsProgram('pwsh|pwsh-preview|powershell')}`;
/**
 * Interpreters with a code option the catalogue reads (CODE_OPTIONS: groovy's and julia's `-e`, elixir's `-e`, `--eval`, `--erl`,
 * `-S` and `--rpc-eval NODE CODE`, expect's `-c`), whose options VALUED_OPTION does not know (julia's `-t N`, elixir's `-pa DIR`,
 * `--boot-var VAR VALUE`), erl and jshell, all of whose arguments it reads as code, and iex, guile, racket (whose grouped letters
 * take their values in order), sbcl, clisp, osascript and mix (`mix run -e`, `mix eval`), by basename (RE2): a label's `$(NAME)` in
 * any argument after one is refused, stricter than the catalogue, which reads their program files' arguments as data.
 */
const LINE_CODE_PROGRAM = `(^|/)(groovy|julia|elixir|expect|erl|jshell|iex|guile|racket|sbcl|clisp|osascript|mix)$|${windowsProgram('cmd')}`;
/**
 * An argument of such an interpreter after which the next one may be an option's value or code, not an operand (RE2): a short
 * option group ending in a letter that takes one in some of them (python's `-c`, `-W`, `-X`, `-m`; node's `-e`, `-p`, `-r`;
 * perl's and ruby's `-e`, `-E`, `-I`, `-C`; php's `-r`, `-f`, `-d`; lua's `-l`; zsh's `-o`; pwsh's `-Command`, `-File` …), or
 * one of node's, python's (`--check-hash-based-pycs`) or ruby's (`--backtrace-limit`, `--disable` …) long options that take one.
 * A superset of the code options and valued options CODE_OPTIONS knows, so never looser.
 */
const VALUED_OPTION = '^(-[A-Za-z0-9]*[ceEprWXmQCDIlfdo]|--(eval|print|require|import|loader|experimental-loader|conditions|input-type|env-file|title'
  + '|disable-warning|redirect-warnings|inspect-port|debug-port|check-hash-based-pycs'
  + '|disable|enable|dump|encoding|external-encoding|internal-encoding|backtrace-limit|parser|crash-report))$';
/** pwsh (its preview build's name too) and Windows PowerShell by basename (RE2), as the catalogue's CODE_OPTIONS names them (any case). */
const PWSH = windowsProgram('pwsh|pwsh-preview|powershell');
/** Windows PowerShell 5.1 by basename (RE2, any case), whose first operand is its command, as after -Command (about_PowerShell_exe). */
const POWERSHELL = windowsProgram('powershell');
/** `name` or any prefix of it down to its first `min` letters, as a regex source. */
const prefixesOf = (name: string, min: number): string => name.slice(0, min) + name.slice(min).split('').reduceRight((rest, c) => `(${c}${rest})?`, '');
/**
 * The blanks PowerShell's CommandLineParameterParser trims from an argument before reading it as a parameter (GetSwitchKey's
 * `Trim()`: .NET's white space, U+FEFF too as JavaScript's trim takes it, RE2).
 */
const PWSH_BLANKS = '[\\t\\n\\v\\f\\r\\x{85}\\x{feff}\\p{Z}]*';
/**
 * A word pwsh reads as a parameter, not an operand (GetSwitchKey): trimmed, it starts with a dash (`-`, `–`, `—`, `―`) or `/`, and holds
 * no `/`, `\\` or `.` after it, which no parameter's name holds (`/scripts/build.ps1` is no parameter PowerShell knows, so its file,
 * ParseHelper's last branch; one of letters it does not know is read as a switch, stricter) (RE2).
 */
const PWSH_PARAMETER = `^${PWSH_BLANKS}[-/\u2013\u2014\u2015][^/\\\\.]*$`;
/**
 * A parameter of pwsh as PowerShell's CommandLineParameterParser reads one (GetSwitchKey, MatchSwitch): a word that, trimmed, starts
 * with a dash (`-`, `–`, `—`, `―`) or `/`, one more dash allowed, then any case of any prefix of the parameter's name down to its
 * shortest (`-c`, `/NoProfile`, `–ec`, `" -c"`, `-commandwıthargs`).
 */
const pwshParameter = (names: ReadonlyArray<readonly [string, number]>): string =>
  `^${PWSH_BLANKS}[-/\u2013\u2014\u2015][-\u2013\u2014\u2015]?(?i:${names.map(([n, min]) => prefixesOf(n, min)).join('|').replace(/[is]/g, (c) => PWSH_FOLDED[c])})${PWSH_BLANKS}$`;
/** The letters PowerShell's OrdinalIgnoreCase compare (MatchSwitch) takes for `i` and `s` too: `ı` and `ſ`, whose upper case they are. */
const PWSH_FOLDED: Record<string, string> = { i: '[i\u0131]', s: '[s\u017f]' };
/**
 * pwsh's parameters that take the next argument as their value (RE2, see pwshParameter): `-File`, `-ExecutionPolicy`, `-Command`,
 * `-CommandWithArgs` (`-cwa`) and `-EncodedCommand` (whose values are code) …; the word after one is no operand.
 */
const PWSH_VALUED = pwshParameter([['configurationname', 6], ['custompipename', 3], ['command', 1], ['windowstyle', 1], ['file', 1],
  ['outputformat', 1], ['of', 2], ['inputformat', 3], ['if', 2], ['executionpolicy', 2], ['ep', 2], ['encodedcommand', 1], ['ec', 2],
  ['encodedarguments', 8], ['ea', 2], ['settingsfile', 8], ['workingdirectory', 2], ['wd', 2], ['commandwithargs', 15], ['cwa', 3],
  ['configurationfile', 17], ['token', 2], ['utctimestamp', 3]]);
/**
 * pwsh's `-Command` in any of the forms pwshParameter reads (`-c`, `-co` … `-command`, `--Command`, `/c`; RE2): every argument after
 * it is its command, joined ("all arguments following it are interpreted as part of the command to execute", about_Pwsh).
 */
const PWSH_COMMAND = pwshParameter([['command', 1]]);
/** pwsh's `-File` in any of the forms pwshParameter reads: the arguments after its value are the file's (RE2). */
const PWSH_FILE = pwshParameter([['file', 1]]);
/**
 * The blanks Windows PowerShell 5.1's host trims from an argument before reading it as a parameter (`Trim()` of .NET Framework:
 * its white space, not U+FEFF; RE2).
 */
const WINDOWS_POWERSHELL_BLANKS = '[\\t\\n\\v\\f\\r\\x{85}\\p{Z}]*';
/**
 * A parameter of Windows PowerShell 5.1's host as its CommandLineParameterParser reads one (ParseHelper, MatchSwitch, as PowerShell/PowerShell
 * imported it from Windows PowerShell's sources, 60b3b304): trimmed, one dash (`-`, `–`, `—`, `―`) or `/`, then any prefix of the name
 * down to its shortest, each letter in its ASCII cases alone (ToLowerInvariant and an ordinal compare: `-ſta` and `--File` are none; RE2's
 * `(?i)` would take `ſ` for `s`).
 */
const windowsPowerShellParameter = (names: ReadonlyArray<readonly [string, number]>): string =>
  `^${WINDOWS_POWERSHELL_BLANKS}[-/\u2013\u2014\u2015](${names.map(([n, min]) => n === '?' ? '\\?' : prefixesOf(n, min).replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`)).join('|')})${WINDOWS_POWERSHELL_BLANKS}$`;
/** Windows PowerShell 5.1's parameters that take the next argument as their value (RE2, see windowsPowerShellParameter). */
const WINDOWS_POWERSHELL_VALUED = windowsPowerShellParameter([['configurationname', 6], ['windowstyle', 1], ['outputformat', 1], ['of', 1],
  ['inputformat', 1], ['if', 1], ['executionpolicy', 2], ['ep', 2], ['encodedarguments', 8], ['ea', 2]]);
/** Windows PowerShell 5.1's switches and the parameters of WINDOWS_POWERSHELL_VALUED: those before which its `-File` is its file (RE2). */
const WINDOWS_POWERSHELL_KNOWN = windowsPowerShellParameter([['help', 1], ['?', 1], ['noexit', 3], ['importsystemmodules', 3], ['showinitialprompt', 4],
  ['noprofile', 3], ['nologo', 3], ['noninteractive', 4], ['socketservermode', 2], ['servermode', 1], ['namedpipeservermode', 3], ['sta', 1], ['mta', 3],
  ['configurationname', 6], ['windowstyle', 1], ['outputformat', 1], ['of', 1], ['inputformat', 1], ['if', 1], ['executionpolicy', 2], ['ep', 2],
  ['encodedarguments', 8], ['ea', 2]]);
/** Windows PowerShell 5.1's `-File` (RE2, see windowsPowerShellParameter). */
const WINDOWS_POWERSHELL_FILE = windowsPowerShellParameter([['file', 1]]);
/**
 * The parameters powershell.exe reads itself, before its host, each with its value, in this order at the start of its arguments alone
 * (MainEntry.cpp's ParseCommandLineArguments, removed from PowerShell/PowerShell by b42c0017; one dash, any case of any prefix, not trimmed; RE2).
 */
const WINDOWS_POWERSHELL_FIRST = ['version', 'runtimeversion', 'psconsolefile'].map((n) => `^[-\u2013\u2014\u2015](?i:${prefixesOf(n, 1)})$`);
/** Wrappers that run the program named by a later argument (`env`, `timeout`, `nice` …), by basename (RE2). */
const WRAPPER = '(^|/)(env|nice|ionice|nohup|setsid|stdbuf|timeout|time|chrt|taskset|tini|dumb-init|su-exec|gosu|exec|catatonit|command'
  + '|strace|ltrace|valgrind|perf|fakeroot|faketime|numactl|prlimit|catchsegv|firejail|bwrap|ssh-agent|dbus-run-session'
  + '|ld(-linux(-[a-z0-9_-]+)?|-musl-[a-z0-9_]+)?[.]so([.][0-9]+)*|setarch|linux32|linux64|i[3-6]86|x86_64|aarch64|arm64|armv[78]l|ppc(32|64|64le)?'
  + '|s390x?|uname26|gdb|eatmydata|proot|unbuffer|rlwrap|cgexec|torsocks|runcon|systemd-run)$';

/** SELinux types the Pod Security `baseline` profile allows. */
const SELINUX_TYPES = ['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t'];
/** The sysctls the Pod Security `baseline` profile allows. */
const SAFE_SYSCTLS = [
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes',
];
/** Annotations of a run that set a profile of its pods (Tekton copies them to the pods; RE2). */
const PROFILE_ANNOTATION = '^(container\\.apparmor\\.security\\.beta\\.kubernetes\\.io/.+|seccomp\\.security\\.alpha\\.kubernetes\\.io/pod'
  + '|container\\.seccomp\\.security\\.alpha\\.kubernetes\\.io/.+)$';
/** Node labels and taints of the control plane. */
const CONTROL_PLANE = ['node-role.kubernetes.io/control-plane', 'node-role.kubernetes.io/master'];
/** Priority classes of the cluster's own components. */
const SYSTEM_PRIORITY = ['system-node-critical', 'system-cluster-critical'];

/** Name of the match condition that leaves out unjudged updates (see unjudgedUpdate). */
const UNJUDGED_UPDATE = 'not-an-update-of-metadata-or-a-cancel';
/** The annotation kubectl apply keeps the last applied configuration in (a cancel applied with kubectl rewrites it). */
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
/**
 * The annotations anyone may add in an update not judged again (RE2): those of Chains, Results and Pipelines-as-Code, which
 * no kubelet, runtime, mesh or webhook reads, and kubectl's last-applied configuration; the Tekton controller may add any.
 */
const METADATA_WRITERS = '^((chains|results|pipelinesascode)[.]tekton[.]dev/|kubectl[.]kubernetes[.]io/last-applied-configuration$)';
/** A PipelineRun's `spec.status` values that stop it gracefully (its finally tasks run). */
const GRACEFUL_STOPS = ['CancelledRunFinally', 'StoppedRunFinally'];

/**
 * CEL: an UPDATE that changes nothing the policies judge and grants no trust, so a run or object admitted
 * by an earlier release of the policies (or before them) can still be cancelled, and have the metadata
 * the Tekton controller, the garbage collector, Chains or Results write updated, even where the policies
 * now refuse its spec. It holds when:
 * - the spec is as it was, but a run's cancel: a PipelineRun's `spec.status` that becomes `Cancelled`
 *   (from anything, `PipelineRunPending` included: the controller then starts nothing), or
 *   `CancelledRunFinally` or `StoppedRunFinally` from unset or the other graceful value (never from
 *   `PipelineRunPending`, which would run its finally tasks, nor from `Cancelled`); a TaskRun's that
 *   becomes `TaskRunCancelled`; with it `spec.statusMessage` may change (the controller's cancel and
 *   timeout patches set both: tektoncd/pipeline v1.15 pkg/reconciler/pipelinerun/cancel.go, timeout.go);
 *   starting a pending run (`PipelineRunPending` or `TaskRunPending` taken out) is judged in full;
 * - every annotation the old object had keeps its value (but kubectl's last-applied configuration: a step
 *   may read one through the downward API, and Tekton copies a TaskRun's to the pods of its retries), and
 *   none is added that grants trust: a relaxation record (`secure-tekton/relax.<RULE>`; when the
 *   policies honour some) or a pod's AppArmor or seccomp profile annotation (Tekton copies a
 *   TaskRun's annotations to the pods of its retries, pkg/pod/pod.go MakePod, and a Task's onto its
 *   TaskRuns); and but for the Tekton controller's, none is added other than Chains', Results',
 *   Pipelines-as-Code's (`chains.tekton.dev/`, `results.tekton.dev/`, `pipelinesascode.tekton.dev/`)
 *   or kubectl's last-applied configuration: another (a Multus network, a Vault agent with the role of
 *   the run's ServiceAccount, a sidecar injection turned off) would reach the pods of a run, or of the
 *   TaskRuns of a Task, that the policies now refuse;
 * - every label the old object had keeps its value, and only the Tekton controller adds labels (it copies a
 *   Task's or Pipeline's onto the run: pipelinerun.go and taskrun.go updateLabelsAndAnnotations); labels
 *   choose what NetworkPolicies select, which records a TaskRun's pipeline-task label maps, and what a
 *   step reads through the downward API.
 * Finalizers, owner references and every other metadata field may change. `oldObject` is null on CREATE,
 * which the operation test guards.
 */
function unjudgedUpdate(controller: string, honoursRecords: boolean): string {
  // q: the new and the old spec; p: their spec.status; e: the fields a cancel may change
  const statusOf = (x: string) => `(has(${x}.status) ? ${x}.status : '')`;
  const transition = "(object.kind == 'PipelineRun'"
    + ` ? (p[0] == p[1] || p[0] == 'Cancelled' || (p[0] in ${list(GRACEFUL_STOPS)} && p[1] in ['', ${GRACEFUL_STOPS.map(literal).join(', ')}]))`
    + " : (p[0] == p[1] || p[0] == 'TaskRunCancelled'))";
  const runSpec = `[[${statusOf('q[0]')}, ${statusOf('q[1]')}]].all(p, ${transition}`
    + ` && [p[0] in ['Cancelled', 'TaskRunCancelled', ${GRACEFUL_STOPS.map(literal).join(', ')}] ? ['status', 'statusMessage'] : ['status']].all(e,`
    + ' q[0].all(k, k in e || (k in q[1] && q[0][k] == q[1][k])) && q[1].all(k, k in e || k in q[0])))';
  const spec = 'has(object.spec) == has(oldObject.spec) && (!has(object.spec) || [[object.spec, oldObject.spec]].all(q,'
    + ` object.kind in ['PipelineRun', 'TaskRun'] ? ${runSpec} : q[0] == q[1]))`;
  const map = (x: string, name: string) => `(has(${x}.metadata.${name}) ? ${x}.metadata.${name} : {})`;
  // m: the new and the old annotations, the new and the old labels; with no rule honoured, a record grants nothing; profile
  // annotations are read broadly (PROFILE_ANNOTATION names them exactly)
  const trusted = `${honoursRecords ? `k.startsWith(${literal(RELAXATION_ANNOTATION_PREFIX)}) || ` : ''}k.contains('apparmor') || k.contains('seccomp')`;
  // c: the request is the Tekton controller's
  const metadata = `[[${map('object', 'annotations')}, ${map('oldObject', 'annotations')}, ${map('object', 'labels')}, ${map('oldObject', 'labels')}]]`
    + `.all(m, [request.userInfo.username == ${literal(controller)}].all(c,`
    + ` m[1].all(k, k == ${literal(LAST_APPLIED)} || (k in m[0] && m[0][k] == m[1][k])) && m[0].all(k, k in m[1] || (!(${trusted}) && (c || k.matches(${celString(METADATA_WRITERS)}))))`
    + ' && m[3].all(k, k in m[2] && m[2][k] == m[3][k]) && (c || m[2].all(k, k in m[3]))))';
  return `request.operation != 'UPDATE' || oldObject == null || !(${spec} && ${metadata})`;
}

/** The roots of typed values in a policy's CEL (a typed field cannot be compared with null): the request and the Namespace. */
const TYPED_ROOTS = new Set(['request', 'namespaceObject', 'params', 'variables', 'authorizer']);

/**
 * The request's objects: their `metadata` is an ObjectMeta (nulls dropped) and the fields right below a Tekton kind's `spec` are
 * declared by its CRD (a null of theirs is dropped); the policies over Triggers' kinds, whose spec keeps unknown fields, check types.
 */
const OBJECT_ROOTS = new Set(['object', 'oldObject']);

/**
 * CEL `expression` with each `has(a.b…)` of a field of the object (not a typed binding) read as
 * "set and not null". The API server drops a null only where the CRD's schema declares the field
 * (apiextensions-apiserver PruneNonNullableNullsWithoutDefaults); below the nodes Tekton v1.15's
 * CRDs keep open (`x-kubernetes-preserve-unknown-fields`: embedded task and pipeline specs, pod
 * templates' affinity, securityContext and volumes, volumeClaimTemplates) a `null` reaches the
 * policies as written, and Tekton's Go decoding reads it as the field left out (a nil pointer,
 * slice or map, an empty string). So `has(x) ? x : []`, `!has(x) || …` and `has(x) && x…` treat it
 * as absent, as Tekton does, rather than failing on it (a null is no list, string or map).
 */
function nullAsAbsent(expression: string): string {
  return expression.replace(/\bhas\(([A-Za-z_]\w*)((?:\.[A-Za-z_]\w*)+)\)(?! && \1\2 != null)/g,
    (all, root: string, rest: string) => (TYPED_ROOTS.has(root) || (OBJECT_ROOTS.has(root) && rest.split('.').length <= 3)
      ? all : `(has(${root}${rest}) && ${root}${rest} != null)`));
}

/** A CEL single-quoted string literal of any text (backslashes and quotes escaped). */
function celString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** One validation of a policy. */
interface ValidationDef {
  readonly expression: string;
  readonly message: string;
  /** CEL of a message naming what is refused; the API server falls back to `message` when it fails. */
  readonly messageExpression?: string;
}

/** One resource rule of a policy: resources of one group (tekton.dev unless given) at one version. */
interface ResourceRule {
  readonly group?: string;
  readonly version: string;
  readonly resources: string[];
}

/** One policy: what it matches and what it checks. */
interface PolicyDef {
  readonly what: string;
  readonly resources: ResourceRule[];
  /** The operations it matches; CREATE and UPDATE unless given. */
  readonly operations?: string[];
  readonly matchConditions: Array<{ name: string; expression: string }>;
  readonly variables: Array<{ name: string; expression: string }>;
  readonly validations: ValidationDef[];
  /** Annotations of the policy object. */
  readonly annotations?: Record<string, string>;
}

/** The kinds that reference Tasks and Pipelines (`taskRef`, `pipelineRef`), at their stored version. */
const REFERRING_KINDS: ResourceRule[] = [{ version: 'v1', resources: ['pipelines', 'pipelineruns', 'taskruns'] }];
/** The run kinds, at their stored version. */
const RUNS: ResourceRule[] = [{ version: 'v1', resources: ['pipelineruns', 'taskruns'] }];
/** The kinds whose labels Tekton copies to a run's pods (tektonCarriesAffinityAssistantLabels). */
const LABELLED_TEKTON_KINDS: ResourceRule[] = [{ version: 'v1', resources: ['tasks', 'pipelines', 'pipelineruns', 'taskruns'] }];
/** The status subresources of the run kinds, which the run policies (matching the runs themselves) do not match. */
const RUN_STATUS: ResourceRule[] = [{ version: 'v1', resources: ['pipelineruns/status', 'taskruns/status'] }];
/** ResolutionRequests and their status, at both served versions (Tekton converts between them with a webhook). */
const RESOLUTION_REQUESTS: ResourceRule[] = ['v1beta1', 'v1alpha1'].map((version) => ({
  group: 'resolution.tekton.dev', version, resources: ['resolutionrequests', 'resolutionrequests/status'],
}));
/** Every kind that holds containers: the v1 kinds and StepActions (stored as v1beta1). */
const CONTAINER_KINDS: ResourceRule[] = [
  { version: 'v1', resources: ['tasks', 'pipelines', 'pipelineruns', 'taskruns'] },
  { version: 'v1beta1', resources: ['stepactions'] },
];

/** CEL: `has()` of every step of a field path, e.g. `has(c.a) && has(c.a.b)`. */
function hasPath(base: string, path: readonly string[]): string {
  return path.map((_, i) => `has(${[base, ...path.slice(0, i + 1)].join('.')})`).join(' && ');
}

/**
 * CEL of a record's target `t` as it applies to the object (see `targetInObject`): in a
 * TaskRun that Tekton created for pipeline task `x` (label `tekton.dev/pipelineTask`),
 * `task/x` is the whole TaskRun (`*`) and `task/x/<below>` is `<below>`.
 */
const TASK_RUN_TARGET = (t: string): string => {
  const task = `object.metadata.labels[${literal(PIPELINE_TASK_LABEL)}]`;
  const own = `'task/' + ${task}`;
  return `[${t}].map(t, object.kind == 'TaskRun' && has(object.metadata.labels) && ${literal(PIPELINE_TASK_LABEL)} in object.metadata.labels`
    + ` && ${task} != '' ? (t == ${own} ? '*' : t.startsWith(${own} + '/') ? t.substring(size(${own}) + 1) : t) : t)[0]`;
};

/** CEL: `base.name` is absent or null. */
function unsetOrNull(base: string, name: string): string {
  return `(!has(${base}.${name}) || ${base}.${name} == null)`;
}

/** The annotation the PV controller reads a claim's class from before `spec.storageClassName` (k8s core.BetaStorageClassAnnotation). */
const BETA_STORAGE_CLASS = 'volume.beta.kubernetes.io/storage-class';

/**
 * CEL: a claim template (`t`) binds no existing volume and starts from no existing data: no
 * dataSource, dataSourceRef or volumeName, no selector (`{}` matches every volume), and a
 * storage class: the beta annotation `volume.beta.kubernetes.io/storage-class`, which the PV
 * controller reads first (k8s GetPersistentVolumeClaimClass), not "" (nor null), and
 * without it no storageClassName "".
 */
function freshClaim(t: string): string {
  const c = `${t}.spec`;
  const annotations = `${t}.metadata.annotations`;
  const key = literal(BETA_STORAGE_CLASS);
  const annotated = `(has(${t}.metadata) && ${t}.metadata != null && has(${annotations}) && ${annotations} != null && ${key} in ${annotations})`;
  const noSpec = `!has(${c}) || ${c} == null`;
  return `((${noSpec} || (${unsetOrNull(c, 'dataSource')} && ${unsetOrNull(c, 'dataSourceRef')} && (${unsetOrNull(c, 'volumeName')} || ${c}.volumeName == '')`
    + ` && ${unsetOrNull(c, 'selector')}))`
    + ` && (${annotated} ? (${annotations}[${key}] != null && ${annotations}[${key}] != '')`
    + ` : (${noSpec} || !has(${c}.storageClassName) || ${c}.storageClassName != '')))`;
}

/** CEL: an inline CSI volume or binding (`x.csi`) absent, or of a driver that makes a volume per pod. */
function perPodCsi(x: string): string {
  return `(${unsetOrNull(x, 'csi')} || (has(${x}.csi.driver) && ${x}.csi.driver in ${list(PER_POD_CSI_DRIVERS)}))`;
}

/** CEL string literal (the values are DNS-1123 names or fixed identifiers: no quote can occur). */
function literal(value: string): string {
  return `'${value}'`;
}

/** CEL list of string literals. */
function list(values: readonly string[]): string {
  return `[${values.map(literal).join(', ')}]`;
}

/** CEL over a PipelineSpec `p`: its tasks and finally tasks. */
function tasksOf(p: string): string {
  return `((has(${p}.tasks) ? ${p}.tasks : []) + (has(${p}.finally) ? ${p}.finally : []))`;
}

/** CEL: the pipeline tasks (finally included) of a Pipeline or of a PipelineRun's pipelineSpec. */
const PIPELINE_TASKS = [
  '!has(object.spec) ? [] :',
  `object.kind == 'Pipeline' ? ${tasksOf('object.spec')} :`,
  `object.kind == 'PipelineRun' && has(object.spec.pipelineSpec) ? ${tasksOf('object.spec.pipelineSpec')} : []`,
].join(' ');

/**
 * CEL: the pod templates of a run, each `{'target': <relaxation target>, 'pod': <template>}` (values of type dyn, as a map literal's must be of one type):
 * a TaskRun's podTemplate and a PipelineRun's run-wide one (target '', the whole run),
 * and a PipelineRun's per-task ones (target `task/<pipelineTaskName>`). v1beta1 runs
 * are converted to v1 first (podTemplate, taskPodTemplate become these fields).
 */
const POD_TEMPLATES = [
  '!has(object.spec) ? [] :',
  "object.kind == 'TaskRun' ? (has(object.spec.podTemplate) ? [{'target': dyn(''), 'pod': object.spec.podTemplate}] : []) :",
  "object.kind == 'PipelineRun' ?",
  "(has(object.spec.taskRunTemplate) && has(object.spec.taskRunTemplate.podTemplate) ? [{'target': dyn(''), 'pod': object.spec.taskRunTemplate.podTemplate}] : [])",
  '+ (has(object.spec.taskRunSpecs) ? object.spec.taskRunSpecs.filter(t, has(t.podTemplate))',
  ".map(t, {'target': dyn('task/' + (has(t.pipelineTaskName) ? t.pipelineTaskName : '')), 'pod': t.podTemplate}) : []) : []",
].join(' ');

/**
 * CEL: the relaxation targets of the pod templates of the run (POD_TEMPLATES: a TaskRun's podTemplate and a PipelineRun's run-wide one,
 * target '', each taskRunSpecs[] entry's, `task/<pipelineTaskName>`) that set an env var from `valueFrom.secretKeyRef`, which Tekton v1.15
 * appends to the env of every step of the pods they apply to, after the step's own (and its stepTemplate's), and to no sidecar
 * (pkg/pod/pod.go; the catalogue's EXPANSION_INJECTION reads it so, pods.ts runPodTemplateEnv): a run-wide one's for every step of the
 * run, a per-task one's for the steps of its pipeline task alone (podSecretFor), as Tekton applies it (and those of a pipelineSpec that
 * task embeds, stricter). The kubelet expands a `$(NAME)` in an env value from the entries before it alone, so the steps' command and
 * args reach it, not their env values. config-defaults' `default-forbidden-env`, which drops such an entry by name, is not seen here
 * (stricter).
 */
function podSecret(): string {
  return `(${POD_TEMPLATES}).filter(p, has(p.pod.env) && p.pod.env != null && p.pod.env.exists(e, ${SECRET_ENV('e')})).map(p, p.target)`;
}

/**
 * CEL: a pod template's Secret env var (podSecret) reaches the container entry `k`, a step (no sidecar) of a task spec (not of the spec a
 * custom task embeds, whose CustomRun Tekton gives no pod template): a run-wide one, or one of `k`'s pipeline task.
 */
function podSecretFor(k: string): string {
  const custom = (e: string) => `has(${e}.custom) && ${k}.target.startsWith(${e}.target + '/')`;
  // (the custom specs read only where a pod template holds a Secret: most hold none)
  return `(${k}.role == 'step' && variables.podSecret.exists(t, t == '' || ${k}.target == t || ${k}.target.startsWith(t + '/'))`
    + ` && !(variables.taskSpecs.exists(e, ${custom('e')}) || variables.nestedTaskSpecs.exists(g, g.exists(e, ${custom('e')}))`
    + ` || variables.deepTaskSpecs.exists(g, g.exists(h, h.exists(e, ${custom('e')})))))`;
}

/** CEL: no volume or workspace binding of the list `volumes` projects a ServiceAccount token (RUN_TOKEN_AUTOMOUNT). */
function noTokenProjection(volumes: string): string {
  return `${volumes}.all(v, !has(v.projected) || !has(v.projected.sources) || v.projected.sources.all(source, !has(source.serviceAccountToken)))`;
}

/** CEL of an optional name field: `x.name`, or '' when absent. */
function nameOf(x: string): string {
  return `(has(${x}.name) ? ${x}.name : '')`;
}

/**
 * CEL: the workspaces a task spec `spec` declares with a mountPath that holds a substitution
 * (where the injection policies look for paths callers can choose; most have none), as dyn.
 */
function mountPaths(spec: string): string {
  return `dyn(has(${spec}.workspaces) ? ${spec}.workspaces.filter(w, has(w.name) && has(w.mountPath) && w.mountPath != null && w.mountPath.contains('$(')) : [])`;
}

/**
 * CEL: the task specs of the pipeline tasks `tasks` (a CEL list, iterated with `t`),
 * as entries `{'target': <relaxation target>, 'spec': <task spec>, 'w': <its mountPaths>}`: each task's
 * taskSpec and the spec a custom task embeds in it (`'custom': true`), with the target `task/<name>`
 * below `above` (CEL of the target above, or undefined). Map literal values are all
 * of type dyn, as they must be of one type.
 */
function specEntries(tasks: string, t: string, above?: string): string {
  const target = above === undefined ? `'task/' + ${nameOf(t)}` : `${above} + '/task/' + ${nameOf(t)}`;
  return `${tasks}.map(${t}, has(${t}.taskSpec), {'target': dyn(${target}), 'spec': ${t}.taskSpec, 'w': ${mountPaths(`${t}.taskSpec`)}})`
    + ` + ${tasks}.map(${t}, has(${t}.taskSpec) && has(${t}.taskSpec.spec) && type(${t}.taskSpec.spec) == map,`
    + ` {'target': dyn(${target}), 'spec': ${t}.taskSpec.spec, 'w': ${mountPaths(`${t}.taskSpec.spec`)}, 'custom': dyn(true)})`;
}

/**
 * CEL: the task specs of the object that no pipeline embeds in another: a Task's
 * spec, a TaskRun's taskSpec (target '', the object itself), and the taskSpecs of the
 * tasks and finally tasks of a Pipeline or a PipelineRun's pipelineSpec (target
 * `task/<name>`); entries as specEntries makes them.
 */
const TASK_SPECS = [
  `(!has(object.spec) ? [] : object.kind == 'Task' ? [{'target': dyn(''), 'spec': object.spec, 'w': ${mountPaths('object.spec')}}] :`,
  `object.kind == 'TaskRun' && has(object.spec.taskSpec) ? [{'target': dyn(''), 'spec': object.spec.taskSpec, 'w': ${mountPaths('object.spec.taskSpec')}}] : [])`,
  `+ ${specEntries('variables.pipelineTasks', 't')}`,
].join(' ');

/** CEL: the task specs of the pipelineSpecs embedded in pipeline tasks, one list per pipeline task (target `task/<outer>/task/<inner>`). */
const NESTED_TASK_SPECS = `variables.pipelineTasks.map(t0, has(t0.pipelineSpec), ${specEntries(tasksOf('t0.pipelineSpec'), 't1', `'task/' + ${nameOf('t0')}`)})`;

/** CEL: the task specs of the pipelineSpecs embedded in those, two levels down, as lists of lists. */
const DEEP_TASK_SPECS = `variables.pipelineTasks.map(t0, has(t0.pipelineSpec), ${tasksOf('t0.pipelineSpec')}.map(t1, has(t1.pipelineSpec),`
  + ` ${specEntries(tasksOf('t1.pipelineSpec'), 't2', `'task/' + ${nameOf('t0')} + '/task/' + ${nameOf('t1')}`)}))`;

/**
 * CEL: the containers of a task spec entry `e`, each `{'target': <relaxation target>,
 * 'role': 'step', 'sidecar' or 'stepTemplate', 'c': <the container>, 't': <the
 * stepTemplate that applies to it, or an empty map>, 'w': <the workspaces the task spec
 * declares with a mountPath that holds a substitution (mountPaths)>}`: its steps (with its
 * stepTemplate), sidecars and stepTemplate.
 */
function containersOf(e: string): string {
  const prefix = `(${e}.target == '' ? '' : ${e}.target + '/')`;
  const workspaces = `${e}.w`;
  const entry = (target: string, role: string, c: string, template: string) =>
    `{'target': dyn(${prefix} + ${target}), 'role': dyn('${role}'), 'c': ${c}, 't': ${template}, 'w': ${workspaces}}`;
  // an unnamed step or sidecar (no name, or an empty one) is `unnamed-<index>`, as Tekton names a step's container (`step-unnamed-<i>`)
  // and the catalogue its target (stepDesignation, sidecarDesignation); CEL's map gives no index: the container's first index among
  // equal ones of its list, where no other equals it (equal unnamed containers keep the target `step/` or `sidecar/`, which names
  // none, so a relaxation of one of them is honoured nowhere: refused)
  const nameIn = (items: string) => `(has(c.name) && c.name != '' ? c.name : ${items}.indexOf(c) == ${items}.lastIndexOf(c) ? 'unnamed-' + string(${items}.indexOf(c)) : '')`;
  return [
    `(has(${e}.spec.steps) ? ${e}.spec.steps.map(c, ${entry(`'step/' + ${nameIn(`${e}.spec.steps`)}`, 'step', 'c',
      `(has(${e}.spec.stepTemplate) ? ${e}.spec.stepTemplate : dyn({}))`)}) : [])`,
    `(has(${e}.spec.sidecars) ? ${e}.spec.sidecars.map(c, ${entry(`'sidecar/' + ${nameIn(`${e}.spec.sidecars`)}`, 'sidecar', 'c', 'dyn({})')}) : [])`,
    `(has(${e}.spec.stepTemplate) ? [${entry("'stepTemplate'", 'stepTemplate', `${e}.spec.stepTemplate`, 'dyn({})')}] : [])`,
  ].join(' + ');
}

/** CEL: a StepAction's spec as a container (role `stepAction`, target `step/<its name>`), as a list of one list (or none). */
const STEP_ACTION_CONTAINERS = "(object.kind == 'StepAction' && has(object.spec) ? [[{'target': dyn('step/' + "
  + `${nameOf('object.metadata')}), 'role': dyn('stepAction'), 'c': object.spec, 't': dyn({}), 'w': dyn([])}]] : [])`;

/** The resolver whose Tasks, Pipelines and StepActions the policies can have admitted: it reads them from a namespace of the cluster. */
const CLUSTER_RESOLVER = 'cluster';

/**
 * The resolvers a reference fetches pinned content through, and for each what pins it and the
 * params that must not be substituted, as REMOTE_REFERENCE_PINNED judges them (private/remote-refs.ts
 * `pinProblems`): the param that pins (RE2, a partial match as every CEL `matches`; the catalogue
 * reads a substituted pin as unpinned first, so a pin must hold no `$(`), and the params that choose
 * which resource of the content runs, or where the pin is read (the hub's `url` and `catalog`).
 * The git resolver's SCM API params are read apart (gitApiFixed). The `{{…}}` templates the catalogue
 * reads as chosen (Helm's, Pipelines-as-Code's) are filled in before an object reaches the API
 * server: the policy reads the text they left.
 */
const PINNED_RESOLVERS: ReadonlyArray<{ resolver: string; pin: string; pattern: string; fixed: readonly string[] }> = [
  { resolver: 'bundles', pin: 'bundle', pattern: BUNDLE_DIGEST.source },
  { resolver: 'git', pin: 'revision', pattern: SHA1_COMMIT.source },
  { resolver: 'hub', pin: 'version', pattern: HUB_RESOLVER_VERSION.source },
  { resolver: 'http', pin: 'digest', pattern: HTTP_DIGEST.source },
].map((r) => ({ ...r, fixed: [...(r.resolver === 'hub' ? HUB_SOURCE_PARAMS : []), ...SELECTOR_PARAMS[r.resolver] ?? []].map(([name]) => name) }));
/** The git params that choose the SCM server where the resolver may fetch through the SCM API (remote-refs.ts SCM_SERVER_PARAMS). */
const GIT_API_PARAMS = SCM_SERVER_PARAMS.map(([name]) => name);

/** CEL over a reference's params `ps` (a list): `p` is a param named `name`. */
function named(name: string): string {
  return `(p != null && has(p.name) && p.name == ${literal(name)})`;
}

/** CEL over params `ps`: no param named `name` is a string substituted at run time (`$(…)`). */
function notSubstituted(name: string): string {
  return `ps.all(p, !${named(name)} || !has(p.value) || type(p.value) != string || !p.value.contains('$('))`;
}

/**
 * CEL over params `ps`: where the git resolver may fetch through the SCM API, no param that
 * chooses the server is substituted. It clones when its `url` param is not "" (remote-refs.ts
 * `gitMayUseScmApi`), so a literal url other than "" rules the API out; otherwise a `repo` that is
 * a string other than "" may select it. With several params of a name, every one must say so.
 */
function gitApiFixed(): string {
  const literalUrl = `(ps.exists(p, ${named('url')}) && ps.all(p, !${named('url')} || (has(p.value) && type(p.value) == string`
    + " && p.value != '' && !p.value.contains('$('))))";
  const repo = `ps.exists(p, ${named('repo')} && has(p.value) && type(p.value) == string && p.value != '')`;
  return `(${literalUrl} || !${repo} || (${GIT_API_PARAMS.map(notSubstituted).join(' && ')}))`;
}

/**
 * CEL over a reference `ref` (with params): it fetches content pinned as REMOTE_REFERENCE_PINNED
 * judges it (see PINNED_RESOLVERS): every param of the pin's name (at least one) a literal string
 * that matches, none of the params that choose the content or its source substituted, and a
 * Tekton Hub (`type: tekton`) version with no patch other than 0 (it lists `<major>.<minor>`
 * only). With several params of a name, every one must pass (the resolver takes the last).
 */
function pinnedReference(ref: string): string {
  const resolvers = PINNED_RESOLVERS.map(({ resolver, pin, pattern, fixed }) => {
    const pinned = `ps.exists(p, ${named(pin)}) && ps.all(p, !${named(pin)} || (has(p.value) && type(p.value) == string`
      + ` && !p.value.contains('$(') && p.value.matches(${celString(pattern)})))`;
    const extra = resolver === 'git' ? [gitApiFixed()]
      : resolver === 'hub' ? [`!(ps.exists(p, ${named('type')} && has(p.value) && type(p.value) == string && p.value == 'tekton')`
        + ` && ps.exists(p, ${named('version')} && has(p.value) && type(p.value) == string && p.value.matches(${celString(HUB_NON_ZERO_PATCH.source)})))`]
        : [];
    return `(${ref}.resolver == ${literal(resolver)} && ${[pinned, ...fixed.map(notSubstituted), ...extra].join(' && ')})`;
  });
  return `(has(${ref}.params) && ${ref}.params != null && [${ref}.params].all(ps, ${resolvers.join(' || ')}))`;
}

/**
 * CEL over a reference `ref` (a step's `ref`, a `taskRef` or a `pipelineRef`, as a field path): it
 * is absent (or null), or fetches nothing through a resolver (a `resolver` of "" or null, which
 * Tekton reads as unset), or fetches through the cluster resolver from one of `namespaces` (which
 * the policies hold in, so what it fetches was admitted through them), named by a literal
 * `namespace` param: without one the resolver reads the namespace its configuration defaults
 * to, and a substitution Tekton replaces before the resolver reads it. The resolver takes the
 * last param of a name, so every `namespace` param must name one. With `pinned`, a reference
 * pinned as REMOTE_REFERENCE_PINNED judges it passes too (pinnedReference).
 */
function remoteReferenceWithinReach(namespaces: readonly string[], pinned = false): (ref: string) => string {
  return (ref) => {
    const namespace = "(has(p.name) && p.name == 'namespace')";
    return `(!has(${ref}) || ${ref} == null || ${unsetOrNull(ref, 'resolver')} || ${ref}.resolver == ''`
      + ` || (${ref}.resolver == ${literal(CLUSTER_RESOLVER)} && has(${ref}.params) && ${ref}.params != null && ${ref}.params.exists(p, ${namespace})`
      + ` && ${ref}.params.all(p, !${namespace} || (has(p.value) && type(p.value) == string && p.value in ${list(namespaces)})))`
      + (pinned ? ` || ${pinnedReference(ref)}` : '')
      + ')';
  };
}

/**
 * EventListeners and Triggers at both versions Triggers serves: its CRDs declare no conversion,
 * so a v1alpha1 object is stored as written (its deprecated interceptor fields included) and is
 * read here at the version of the request.
 */
const TRIGGER_KINDS: ResourceRule[] = ['v1beta1', 'v1alpha1'].map((version) => ({ group: TRIGGERS_GROUP, version, resources: ['eventlisteners', 'triggers'] }));

/**
 * CEL: the string `x` folded as Go's encoding/json matches a key to a field: ASCII case, and
 * the two letters outside ASCII whose simple case folding reaches an ASCII one (U+017F ſ is
 * s, U+212A Kelvin sign is k).
 */
function goFolded(x: string): string {
  return `${x}.lowerAscii().replace('\\u017f', 's').replace('\\u212a', 'k')`;
}

/**
 * CEL: a `secretRef` value `v` (iterating its keys as `k`) names the webhook Secret: an object in which every key Go
 * reads as `secretName`, and every one it reads as `secretKey` (at least one of each), is a
 * string that is not empty.
 */
function webhookSecret(v: string): string {
  return `(type(${v}) == map && ['secretname', 'secretkey'].all(f, ${v}.exists(k, ${goFolded('k')} == f)`
    + ` && ${v}.all(k, ${goFolded('k')} != f || (type(${v}[k]) == string && ${v}[k] != ''))))`;
}

/** CEL over an interceptor entry `e` (a map): its `ref.name` is a string that is not empty. */
const REF_NAMED = "(has(e.ref) && type(e.ref) == map && has(e.ref.name) && type(e.ref.name) == string && e.ref.name != '')";
/** CEL over an interceptor entry `e`: a ClusterInterceptor (`ref.kind` unset, null, "" or ClusterInterceptor). */
const CLUSTER_SCOPED = "(!has(e.ref) || type(e.ref) != map || !has(e.ref.kind) || e.ref.kind == null || (type(e.ref.kind) == string && e.ref.kind in ['', 'ClusterInterceptor']))";
/** CEL over an interceptor entry `e`: v1alpha1's deprecated fields it sets (not null), in the order defaulting picks one. */
const DEPRECATED_SET = `${list(DEPRECATED_INTERCEPTORS)}.filter(d, d in e && e[d] != null)`;

/**
 * CEL: a `filter` value `v` is true only when a header equals a Secret's value, as
 * TRIGGERS_AUTHENTICATED reads it: a string of at most SECRET_FILTER_MAX code points that
 * SECRET_FILTER matches (RE2 reads the pattern as JavaScript does).
 */
function secretFilter(v: string): string {
  return `(type(${v}) == string && size(${v}) <= ${SECRET_FILTER_MAX} && ${v}.contains('compareSecret') && ${v}.matches(${celString(SECRET_FILTER)}))`;
}

/**
 * CEL over an interceptor entry `e` (variables.v1alpha1: the object is v1alpha1): it checks who
 * sent the event as TRIGGERS_AUTHENTICATED judges it: a map, a ClusterInterceptor, not a
 * `webhook`, and either the github, gitlab or bitbucket interceptor, by `ref.name` with params
 * whose name Go reads as `secretRef` (at least one, each with a value that names the Secret),
 * or, in v1alpha1 without a `ref.name`, by the first deprecated field set, whose keys Go reads as
 * `secretRef` (at least one) each name the Secret; or the cel interceptor, the same way, with
 * `filter` params (or keys) that each compare a header with a Secret.
 */
const VERIFYING_INTERCEPTOR = `(type(e) == map && ${CLUSTER_SCOPED} && (!has(e.webhook) || e.webhook == null) && (${REF_NAMED}`
  + ` ? ((e.ref.name in ${list(VERIFIERS)} && [has(e.params) && type(e.params) == list ? e.params.filter(p, type(p) == map && has(p.name)`
  + ` && type(p.name) == string && ${goFolded('p.name')} == 'secretref') : []].all(s, size(s) > 0 && s.all(p, has(p.value) && ${webhookSecret('p.value')})))`
  + ` || (e.ref.name == '${CEL_INTERCEPTOR}' && [has(e.params) && type(e.params) == list ? e.params.filter(p, type(p) == map && has(p.name)`
  + ` && type(p.name) == string && ${goFolded('p.name')} == 'filter') : []].all(s, size(s) > 0 && s.all(p, has(p.value) && ${secretFilter('p.value')}))))`
  + ` : (variables.v1alpha1 && [${DEPRECATED_SET}].all(ds, size(ds) > 0 && type(e[ds[0]]) == map && [e[ds[0]]].all(x, ds[0] in ${list(VERIFIERS)}`
  + ` ? x.exists(n, ${goFolded('n')} == 'secretref') && x.all(n, ${goFolded('n')} != 'secretref' || ${webhookSecret('x[n]')})`
  + ` : ds[0] == '${CEL_INTERCEPTOR}' && x.exists(n, ${goFolded('n')} == 'filter') && x.all(n, ${goFolded('n')} != 'filter' || ${secretFilter('x[n]')}))))))`;

/** CEL: `x` (a trigger spec or an inline trigger, a map) has an interceptor that checks who sent the event. */
function authenticated(x: string): string {
  return `(has(${x}.interceptors) && type(${x}.interceptors) == list && ${x}.interceptors.exists(e, ${VERIFYING_INTERCEPTOR}))`;
}

/** CEL over the interceptors `is` (a list): each map entry named as the catalogue names it, joined, or `(none)`. */
function interceptorNames(is: string): string {
  const name = `(has(e.webhook) && e.webhook != null ? 'webhook' : ${REF_NAMED} ? e.ref.name + (${CLUSTER_SCOPED} ? '' : ' (NamespacedInterceptor)')`
    + ` : variables.v1alpha1 && size(${DEPRECATED_SET}) > 0 ? ${DEPRECATED_SET}[0] + (${CLUSTER_SCOPED} ? '' : ' (NamespacedInterceptor)') : '(unnamed)')`;
  return `[type(${is}) == list ? ${is}.filter(e, type(e) == map).map(e, ${name}) : []].map(n, size(n) > 0 ? n.join(', ') : '(none)')[0]`;
}

/** The variables of the policies that check task specs and containers: each walk written once. */
const CONTAINER_VARIABLES: ReadonlyArray<{ name: string; expression: string }> = [
  { name: 'pipelineTasks', expression: PIPELINE_TASKS },
  { name: 'taskSpecs', expression: TASK_SPECS },
  { name: 'nestedTaskSpecs', expression: NESTED_TASK_SPECS },
  { name: 'deepTaskSpecs', expression: DEEP_TASK_SPECS },
  // every level in one list, each task spec three lists down (CEL has no flatten): containersOf, and a policy's entry, written once
  {
    name: 'containers',
    expression: `[[${STEP_ACTION_CONTAINERS}]] + ([[variables.taskSpecs]] + [variables.nestedTaskSpecs] + variables.deepTaskSpecs)`
      + `.map(g, g.map(h, h.map(e, ${containersOf('e')})))`,
  },
];

/** CEL: whether a relaxation record covers the part of the object at `target` (a CEL string, '' for the whole object). */
type Exempt = (target: string) => string;

/**
 * CEL: `check` holds (or `exempt` does, for its target) for every task spec entry `e`
 * of the object, at every level of embedding the policies read.
 */
function everySpec(check: (e: string) => string, exempt: Exempt): string {
  const body = `${check('e')} || ${exempt('e.target')}`;
  return `variables.taskSpecs.all(e, ${body}) && variables.nestedTaskSpecs.all(g, g.all(e, ${body}))`
    + ` && variables.deepTaskSpecs.all(g, g.all(h, h.all(e, ${body})))`;
}

/** CEL: no pipelineSpec is embedded deeper than the policies read. */
function nestingWithinReach(): string {
  const walk = (tasks: string, level: number): string => {
    const t = `t${level}`;
    return level === NESTED_PIPELINE_LEVELS
      ? `${tasks}.all(${t}, !has(${t}.pipelineSpec))`
      : `${tasks}.all(${t}, !has(${t}.pipelineSpec) || ${walk(tasksOf(`${t}.pipelineSpec`), level + 1)})`;
  };
  return walk('variables.pipelineTasks', 0);
}

/**
 * CEL: for every container entry `k` of the object (steps, sidecars, stepTemplates of
 * every task spec, at every level, and a StepAction's spec), `check` holds or
 * `exempt` does for the container's relaxation target (`step/<name>`,
 * `task/<task>/step/<name>`, `stepTemplate` …; a StepAction's is `step/<its name>`).
 * A check that does not apply to some roles says so itself (`k.role`).
 */
function everyContainer(check: (k: string) => string, exempt: Exempt): string {
  return `variables.containers.all(g, g.all(h, h.all(i, i.all(k, ${check('k')} || ${exempt('k.target')}))))`;
}

/**
 * CEL over a container entry `k`: `test` holds for the field at `path` as Tekton runs
 * it, that is the container's own value, else (a step) its stepTemplate's; `ifUnset`
 * when neither sets it. Objects such as securityContext are merged field by field this way.
 * For a list field with `omitempty` (`omitEmpty`), an empty list is unset, as Go's JSON leaves it
 * out of Tekton's merge: a step's `capabilities: { add: [] }` keeps the stepTemplate's `add`.
 */
function field(k: string, path: readonly string[], test: (value: string) => string, ifUnset: boolean, omitEmpty = false): string {
  return `(${isSet(`${k}.c`, path, omitEmpty)} ? ${test([`${k}.c`, ...path].join('.'))}`
    + ` : ${isSet(`${k}.t`, path, omitEmpty)} ? ${test([`${k}.t`, ...path].join('.'))} : ${ifUnset})`;
}

/** CEL: `base` sets the field at `path` (not null, nor any object above it) as Tekton's merge reads it (a list with `omitempty`, `omitEmpty`: a non-empty one). */
function isSet(base: string, path: readonly string[], omitEmpty: boolean): string {
  const value = [base, ...path].join('.');
  // null is unset: Go decodes it as nil, and the merge leaves the stepTemplate's value under it
  return path.map((_, i) => [base, ...path.slice(0, i + 1)].join('.')).map((f) => `has(${f}) && ${f} != null`).join(' && ')
    + (omitEmpty ? ` && size(${value}) > 0` : '');
}

/** CEL of a container's field as Tekton runs it (its own, else its stepTemplate's), or `ifUnset`. */
function effective(k: string, name: string, ifUnset: string): string {
  return `(has(${k}.c.${name}) ? ${k}.c.${name} : has(${k}.t.${name}) ? ${k}.t.${name} : ${ifUnset})`;
}

/**
 * CEL: the `metadata` at `m`, if any, has no annotation that turns a pod's AppArmor or seccomp profile off (`unconfined`, or an
 * AppArmor `localhost/unconfined` or `localhost/` and a beginning of it: the kernel reads that profile name as no profile).
 */
function profilesOn(m: string): string {
  return `(!has(${m}) || !has(${m}.annotations) || ${m}.annotations.all(key,`
    + ` !key.matches(${celString(PROFILE_ANNOTATION)}) || ${m}.annotations[key].lowerAscii() != 'unconfined'`
    + ` && (!key.startsWith('container.apparmor.') || size(${m}.annotations[key]) <= 10 || !'localhost/unconfined'.startsWith(${m}.annotations[key]))))`;
}

/** CEL: a substitution `m` (a string `$(…)`) is one whose value callers can choose. */
function untrustedSubstitution(m: string): string {
  // Tekton's prefixes first, the shorter pattern: a shell's own `$(…)` and a workspace's path end there
  return `(${m}.matches(${celString(TEKTON_VARIABLE)}) && !${m}.matches(${celString(INERT_VARIABLE)}))`;
}

/** CEL: the string `x` holds a substitution whose value callers can choose. */
function hasUntrusted(x: string): string {
  return `(${x}.contains('$(') && ${x}.findAll(${celString(SUBSTITUTION)}).exists(m, ${untrustedSubstitution('m')}))`;
}

/** CEL: the string `x` starts with a substitution whose value callers can choose. */
function startsUntrusted(x: string): string {
  return `(${x}.startsWith('$(') && [${x}.find(${celString(`^${SUBSTITUTION}`)})].all(m, ${untrustedSubstitution('m')}))`;
}

/** CEL: the string `x` holds a substitution whose value callers can choose that expands to several values. */
function expandsUntrusted(x: string): string {
  return `(${x}.contains('[') && ${x}.findAll(${celString(SUBSTITUTION)}).exists(m, ${untrustedSubstitution('m')} && m.matches(${celString(EXPANDING)})))`;
}

/** CEL: the program `x` (a path or a name) is an interpreter or command runner. */
function interpreter(x: string): string {
  return `${x}.matches(${celString(INTERPRETER)})`;
}

/**
 * Runners that run the words after a `--` (or their first operand) as a command of their own, whose options that command reads afresh
 * (RE2), by name: argv.ts SEPARATED_RUNNERS, the catalogue's own table (tfcmt, npx, `npm exec`, uvx, `uv run`, `pipx run`, bunx,
 * `pnpm dlx`, `yarn dlx`). Beside one, a literal `--` is not read as ending the options, whatever sub-command is given (stricter than
 * the catalogue, which reads where the command starts).
 */
const SEPARATED_RUNNER = `(^|/)(${Object.keys(SEPARATED_RUNNERS).map((n) => n.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')).join('|')})$`;

/**
 * CEL over a container with its `command`, `args` and `argv` (command then args)
 * bound: whether the program runs its arguments as code, directly (`sh -c`) or
 * through a wrapper (`env … sh -c`, `timeout 5m python …`) or a runner of SEPARATED_RUNNER, which runs the command in its arguments
 * (`pnpm dlx bash -ec …`, `npx node -e …`, `pnpm --package=cowsay dlx sh -c …`, as the catalogue reads them): the wrapper's or runner's
 * own arguments before the interpreter are then ARGUMENT_INJECTION's, the interpreter's SCRIPT_INJECTION's.
 */
const RUNS_CODE = `(size(cmd) > 0 && (${interpreter('cmd[0]')} || ((cmd[0].matches(${celString(WRAPPER)}) || cmd[0].matches(${celString(SEPARATED_RUNNER)}))`
  + ` && argv.exists(a, ${interpreter('a')}))))`;

/**
 * CEL: the string `x` holds a `$(NAME)` the kubelet expands (not after an odd run of `$`, its
 * escape) of a name in the CEL list `names`. Env var names hold only letters, digits, `_`, `-`
 * and `.`: a `.` matches any character, which only widens what counts.
 */
function expandsName(x: string, names: string): string {
  return `(${x}.contains('$(') && ${names}.exists(n, ${x}.matches('(^|[^$])(\\\\$\\\\$)*\\\\$\\\\(' + n + '\\\\)')))`;
}

/**
 * CEL: the string `x` holds a substitution whose value callers can choose (hasUntrusted), or the
 * path of a workspace named in the CEL list `chosen`, whose declared mountPath holds one.
 */
function untrustedIn(x: string, chosen: string): string {
  return `(${hasUntrusted(x)} || (size(${chosen}) > 0 && ${chosen}.exists(n, ${x}.contains('$(workspaces.' + n + '.path)'))))`;
}

/**
 * CEL: the workspaces of a container entry `k` whose `$(workspaces.<w>.path)` a caller can
 * choose: Tekton substitutes params into a declared mountPath first (a step's own mountPath is
 * pasted after params, as written), so a mountPath holding a param, or the path of such a
 * workspace, is chosen; as `{'direct': ..., 'through': ...}`.
 */
function chosenPaths(k: string): string {
  // only mount paths with a substitution: most have none
  const declared = `${k}.w`;
  return `[${declared}].map(declared, [declared.filter(w, ${hasUntrusted('w.mountPath')}).map(w, w.name)].map(direct, {'direct': direct,`
    + ' \'through\': declared.filter(w, !(w.name in direct) && direct.exists(n, w.mountPath.contains(\'$(workspaces.\' + n + \'.path)\'))).map(w, w.name)})[0])[0]';
}

/**
 * CEL over a container entry `k` made by RUN_ENTRY: no volumeMount of its own (as written: the catalogue reads a stepTemplate's on
 * the stepTemplate) lets a caller choose which volume is mounted, where, or which part of it the container sees, as MOUNT_PATH_FIXED
 * reads them: no `name`, `mountPath` or `subPath` holds a substitution callers can choose or the path of a workspace in `k.p` (Tekton
 * substitutes params there), and no `subPathExpr` holds a `$(NAME)` the kubelet expands from an env var that holds one (Tekton
 * substitutes nothing there; the kubelet expands the container's env vars): one whose value holds it or the path of such a
 * workspace, one the kubelet fills from a source callers choose (`k.x.sourced`), or one whose value expands one of those (callerEnv's
 * reading, without order; worked out only for a subPathExpr that holds a `$(`, which RUN_ENTRY does not read).
 */
function mountsFixed(k: string): string {
  const mounts = `${k}.c.volumeMounts`;
  const env = `[${envValues(k)}].map(env, [env.filter(e, ${untrustedIn('e.value', `${k}.p`)}).map(e, e.name) + ${k}.x.sourced]`
    + `.map(d, d + env.filter(e, ${expandsName('e.value', 'd')}).map(e, e.name))[0])[0]`;
  const fixed = (x: string) => `(!has(${x}) || ${x} == null || !${untrustedIn(x, `${k}.p`)})`;
  return `(!has(${mounts}) || ${mounts} == null || ${mounts}.all(m, m == null || (${fixed('m.mountPath')} && ${fixed('m.subPath')} && ${fixed('m.name')}`
    + ` && (!has(m.subPathExpr) || m.subPathExpr == null || !m.subPathExpr.contains('$(') || !${expandsName('m.subPathExpr', env)}))))`;
}

/**
 * CEL over a container entry `k` made by RUN_ENTRY: no envFrom entry of its own (as written: a stepTemplate's is read on the stepTemplate;
 * a StepAction has none, which Tekton refuses, and is read all the same)
 * has a `prefix` or a `configMapRef.name` that holds a substitution callers can choose or the path of a workspace in `k.p`, as
 * MOUNT_PATH_FIXED reads them (Tekton substitutes params into both: applyContainerReplacements), nor a ConfigMap name that holds the
 * run's name (whoever creates the run chooses it, as a Secret's in chosenSecretName).
 */
function envFromFixed(k: string): string {
  const map = 'f.configMapRef.name';
  return `(!has(${k}.c.envFrom) || ${k}.c.envFrom == null || ${k}.c.envFrom.all(f, f == null`
    + ` || ((!has(f.prefix) || f.prefix == null || !${untrustedIn('f.prefix', `${k}.p`)})`
    + ` && (!has(f.configMapRef) || f.configMapRef == null || !has(${map}) || ${map} == null || !(${untrustedIn(map, `${k}.p`)}`
    + ` || ${map}.contains('$(context.taskRun.name)') || ${map}.contains('$(context.pipelineRun.name)'))))))`;
}

/**
 * CEL over a container entry `k` made by RUN_ENTRY: a step's `stdoutConfig.path` and `stderrConfig.path` hold no substitution callers
 * can choose nor the path of a workspace in `k.p`, as MOUNT_PATH_FIXED reads them (Tekton substitutes params there:
 * ApplyStepReplacements; sidecars and stepTemplates have no such field, and are not read; a StepAction has none either, which Tekton
 * refuses, and is read as the catalogue reads it).
 */
function streamsFixed(k: string): string {
  const fixed = (stream: string) => `(!has(${k}.c.${stream}) || ${k}.c.${stream} == null || !has(${k}.c.${stream}.path)`
    + ` || ${k}.c.${stream}.path == null || !${untrustedIn(`${k}.c.${stream}.path`, `${k}.p`)})`;
  // (the role read only where a stream is set: few containers set one)
  return `(!has(${k}.c.stdoutConfig) && !has(${k}.c.stderrConfig) || !(${k}.role in ['step', 'stepAction']) || ${fixed('stdoutConfig')} && ${fixed('stderrConfig')})`;
}

/** CEL: the env entries of a container entry `k` with a value, the stepTemplate's first (`k.t` is empty but for steps). */
function envValues(k: string): string {
  return `((has(${k}.t.env) ? ${k}.t.env : []) + (has(${k}.c.env) ? ${k}.c.env : [])).filter(e, has(e.name) && has(e.value) && e.value != null)`;
}

/**
 * CEL: the env entry `e` has no value of its own and the kubelet fills it from a source callers
 * choose, as the catalogue reads it (substitutions.ts `chosenSource`): a run's annotation through
 * the downward API, or a ConfigMap or Secret whose name holds a substitution callers can choose.
 */
function chosenSource(e: string): string {
  const name = (ref: string) => `(has(v.${ref}) && v.${ref} != null && has(v.${ref}.name) ? [v.${ref}.name] : [])`;
  return `(has(${e}.valueFrom) && ${e}.valueFrom != null && (!has(${e}.value) || ${e}.value == null || ${e}.value == '')`
    + ` && [${e}.valueFrom].exists(v, (has(v.fieldRef) && v.fieldRef != null && has(v.fieldRef.fieldPath)`
    + ` && v.fieldRef.fieldPath.startsWith('metadata.annotations[')) || (${name('configMapKeyRef')} + ${name('secretKeyRef')}).exists(n, ${hasUntrusted('n')})))`;
}

/**
 * CEL: the names of the env vars of a container entry `k` (the stepTemplate's and its own) that the kubelet fills from a run's
 * label, as the catalogue reads them (substitutions.ts `labelFilled`): no value of their own, `valueFrom.fieldRef`
 * `metadata.labels[...]`. Order is not read (a name counts wherever it is filled so).
 */
function labelEnv(k: string): string {
  return `((has(${k}.t.env) ? ${k}.t.env : []) + (has(${k}.c.env) ? ${k}.c.env : [])).filter(e, has(e.name) && has(e.valueFrom) && e.valueFrom != null`
    + " && (!has(e.value) || e.value == null || e.value == '') && has(e.valueFrom.fieldRef) && e.valueFrom.fieldRef != null"
    + " && has(e.valueFrom.fieldRef.fieldPath) && e.valueFrom.fieldRef.fieldPath.startsWith('metadata.labels[')).map(e, e.name)";
}

/**
 * CEL over a container entry `k` (and `lb`, the names labelEnv gives): those names, and the names of the env vars whose value
 * holds a `$(…)` the kubelet would expand (not its escape `$$(`). Every copy of a label, and every copy of a copy however deep
 * (the catalogue follows the kubelet's expansion through them: substitutions.ts `labelEnv`), is among them; so is any other
 * value with a reference, when the container fills an env var from a label: stricter, never looser, and one test of each value
 * (following the names would cost a walk of the env for each of its entries).
 */
function labelCopies(k: string): string {
  return `lb + ${envValues(k)}.filter(e, e.value.matches(${celString(KUBELET_REFERENCE)})).map(e, e.name)`;
}

/** RE2: a `$(NAME)` the kubelet expands (when NAME is an env var of the container), not its escape `$$(NAME)`. */
const KUBELET_REFERENCE = '(^|[^$])(\\$\\$)*\\$\\([^)]*\\)';

/**
 * CEL over a container entry `k` (and `l`, the names labelEnv gives): no `$(NAME)` of a run's label reaches a place where a word
 * callers choose is dangerous, as ARGUMENT_INJECTION reads them (a label's value is one word that never starts with `-`): the
 * program (`command[0]`; before an interpreter run through wrappers, the wrappers' arguments; behind a wrapper that runs none,
 * any element, env's assignments and -S string aside), the args of the image's entrypoint or of a #!win script, an argument
 * behind only dashes before a literal `--` (the option's name), the name of an env var `env` sets, and the value of one that
 * programs run as code (env's assignments and the container's own env, filled from a label or expanding one).
 */
function labelsData(k: string): string {
  const labelled = (x: string) => expandsName(x, 'l');
  const wrapperData = `(a in ${k}.e.set || a in ${k}.e.split)`;
  // the elements where a word picks what runs, and the names env sets
  const programs = `(size(cmd) > 0 ? (${k}.runs ? argv.filter(a, argv.indexOf(a) < ${k}.program && !${wrapperData})`
    + ` : w ? argv.filter(a, !${wrapperData}) : [cmd[0]])`
    + ` : (has(${k}.c.script) && !${k}.c.script.trim().startsWith('#!win') ? [] : args)) + ${k}.e.set.map(a, a.substring(0, a.indexOf('=')))`;
  // an option's name behind only dashes, before a literal `--`, of a program named in command[0]
  const dashes = `(size(cmd) == 0 || ${k}.runs || w || [argv.indexOf('--')].all(separator, argv.all(a,`
    + " argv.indexOf(a) < 1 || (separator >= 1 && argv.indexOf(a) > separator) || !l.exists(n, a.matches('^-+[$][(]' + n + '[)]')))))";
  // the env vars env and the container set from a label, or to a value that expands one
  const set = `${k}.e.set.filter(a, ${labelled('a')}).map(a, a.substring(0, a.indexOf('=')))`
    + ` + (has(${k}.c.env) ? ${k}.c.env.filter(e, has(e.name) && (has(e.value) && e.value != null && e.value != '' ? ${labelled('e.value')} : e.name in l)).map(e, e.name) : [])`;
  // `w`: command[0] is a wrapper that runs no interpreter
  return withRun(k, `[size(cmd) > 0 && !${k}.runs && cmd[0].matches(${celString(WRAPPER)})].all(w, (${programs}).all(a, !${labelled('a')}) && ${dashes}`
    + ` && (${set}).all(nm, !(nm in variables.executingEnv || nm.matches(${celString(EXECUTING_ENV_PATTERN)})`
    + ` || ${shellEnv('nm', k)})))`);
}

/**
 * CEL over a container entry `k` made by RUN_ENTRY: no `$(NAME)` of an env var the kubelet fills from a run's label (labelEnv), or
 * of one whose value expands such a `$(NAME)` (any order), reaches code, as SCRIPT_INJECTION reads it and beyond, where CEL cannot
 * read the code: an argument of the program's (an interpreter's, `k.program`) after a POSIX shell named there (the shell's code,
 * its `$0` and positional parameters, a script file's arguments), after groovy, julia, elixir, expect, iex, guile, racket, sbcl, clisp, osascript or mix (LINE_CODE_PROGRAM: any argument)
 * or after another interpreter with a code option (CODE_PROGRAM)
 * and before its first operand (neither an option nor after one that may take a value, VALUED_OPTION: `python3 -c CODE`, not
 * `python3 -u build.py $(TOOL)`; pwsh's past PWSH_VALUED's, and any argument after its `-Command`, PWSH_COMMAND); the
 * string of `env -S` and the arguments after it (which env appends to the command line it splits: a shell's positional parameters
 * there); and a script's `args` (its positional parameters; a `#!win` script's are ARGUMENT_INJECTION's).
 * An element that repeats (the label's, or the interpreter's) is code wherever it follows an interpreter: stricter, never looser.
 */
function labelsOutOfCode(k: string): string {
  const labelled = (x: string) => expandsName(x, 'l');
  const at = (x: string) => `argv.indexOf(${x})`;
  const once = (x: string) => `${at(x)} == argv.lastIndexOf(${x})`;
  // an operand of the program at b up to the label's element: neither an option nor the value of one (b and a each once)
  // (of pwsh, past any of its parameters and their values: `pwsh -cwa CODE $(TOOL)`, `pwsh -File build.ps1 $(TOOL)`)
  // (of pwsh, a word that is no parameter once trimmed, PWSH_PARAMETER: `/NoProfile`, `–NoProfile` and `" -c"` are parameters; or
  // -File's value before the label's element, the file whose arguments follow)
  const pwshOperand = (x: string) => `!${x}.matches(${celString(PWSH_PARAMETER)}) && !argv[${at(x)} - 1].matches(${celString(PWSH_VALUED)})`;
  const operand = `argv.exists(o, ${at('o')} > ${at('b')} && ${at('o')} <= ${at('a')}`
    + ` && (b.matches(${celString(PWSH)}) ? ${pwshOperand('o')} || (${at('o')} < ${at('a')} && argv[${at('o')} - 1].matches(${celString(PWSH_FILE)}))`
    + ` : !o.startsWith('-') && !argv[${at('o')} - 1].matches(${celString(VALUED_OPTION)})))`;
  // pwsh's -Command before the label's element: every argument after it is code, where it comes before any -File and any operand (the
  // file, whose arguments every later word is: `pwsh -File b.ps1 -c $(TOOL)`, `pwsh b.ps1 -c $(TOOL)`, ParseFile's CollectPSArgs) and,
  // where it occurs once, is no other parameter's value
  const pwshCommand = `argv.exists(c, ${at('c')} > ${at('b')} && ${at('c')} < argv.lastIndexOf(a) && c.matches(${celString(PWSH_COMMAND)})`
    + ` && (${at('c')} != argv.lastIndexOf(c) || !argv[${at('c')} - 1].matches(${celString(PWSH_VALUED)}))`
    + ` && !argv.exists(f, ${at('f')} > ${at('b')} && ${at('f')} < ${at('c')} && (f.matches(${celString(PWSH_FILE)}) || ${pwshOperand('f')})))`;
  // Windows PowerShell's, every one after it but after its file: a -File (as its host reads it, WINDOWS_POWERSHELL_FILE) before the label's
  // element, no other parameter's value, past the parameters powershell.exe reads first (`lead`: -Version V, -RuntimeVersion V,
  // -PSConsoleFile F, in that order), with every word before it one its host knows (WINDOWS_POWERSHELL_KNOWN), blank, or the value of one that
  // takes one (itself no value), each once: the first it does not know, an operand or not, starts its command, as after -Command
  // (`powershell Write-Output $(TOOL)`, `powershell -Foo -File b.ps1 $(TOOL)`)
  const lead = WINDOWS_POWERSHELL_FIRST.reduce((s, re) => `[${s}].map(s, s + (size(argv) > s + 1 && argv[s].matches(${celString(re)}) ? 2 : 0))[0]`, `${at('b')} + 1`);
  const known = (w: string) => `(${at(w)} < lead || ${w}.matches(${celString(WINDOWS_POWERSHELL_KNOWN)}) || ${w}.matches(${celString(`^${WINDOWS_POWERSHELL_BLANKS}$`)})`
    + ` || (${at(w)} > lead && argv[${at(w)} - 1].matches(${celString(WINDOWS_POWERSHELL_VALUED)})`
    + ` && (${at(w)} - 2 < lead || !argv[${at(w)} - 2].matches(${celString(WINDOWS_POWERSHELL_VALUED)}))))`;
  const windowsFile = `[${lead}].exists(lead, argv.exists(f, ${at('f')} >= lead && ${at('f')} < argv.lastIndexOf(a) && f.matches(${celString(WINDOWS_POWERSHELL_FILE)})`
    + ` && (${at('f')} == lead || !argv[${at('f')} - 1].matches(${celString(WINDOWS_POWERSHELL_VALUED)}))`
    + ` && argv.all(w, ${at('w')} >= ${at('f')} || argv.lastIndexOf(w) <= ${at('b')} || (${once('w')} && ${known('w')}))))`;
  const command = `(b.matches(${celString(PWSH)}) && (${pwshCommand} || (b.matches(${celString(POWERSHELL)}) && !${windowsFile})))`;
  // b, an interpreter's name, is at the program or after it (the program is the first)
  const code = `argv.exists(b, ${at('b')} < argv.lastIndexOf(a) && (b.matches(${celString(SHELL)}) || b.matches(${celString(LINE_CODE_PROGRAM)})`
    + ` || (b.matches(${celString(CODE_PROGRAM)}) && (${command} || !(${once('a')} && ${once('b')} && ${operand})))))`;
  // the env vars are read only where an element read holds a `$(`: most hold none
  return withRun(k, `!((${k}.runs || size(${k}.e.split) > 0 ? argv : []) + (size(cmd) == 0 && has(${k}.c.script) ? args : [])).exists(a, a.contains('$('))`
    + ` || [${labelEnv(k)}].all(lb, size(lb) == 0 || [${labelCopies(k)}].all(l,`
    + ` (!${k}.runs || argv.all(a, !${labelled('a')} || !${code}))`
    + ` && ${k}.e.split.all(a, !${labelled('a')})`
    // an argument after the string, which env appends to the command line it splits (a shell's positional parameter there)
    + ` && (size(${k}.e.split) == 0 || argv.all(a, !${labelled('a')} || !${k}.e.split.exists(s, argv.indexOf(s) < argv.lastIndexOf(a))))`
    + ` && (size(cmd) > 0 || !has(${k}.c.script) || args.all(a, !${labelled('a')}) || ${k}.c.script.trim().startsWith('#!win'))))`);
}

/**
 * CEL: the names of the env vars of a container entry `k` that hold a value callers can choose,
 * as `{'direct': <names whose value holds a substitution callers can choose, or that the kubelet
 * fills from a source callers choose>, 'sourced': <those last>, 'through': <names whose value
 * expands one of those>}`; order is not read (a name counts wherever it is set).
 */
function callerEnv(k: string, argv: string, chosen: string): string {
  // only names that some argument or env value refers to: what no $(NAME) refers to cannot pass a value on
  const referred = `(${argv}.exists(a, a.contains('$(' + e.name + ')')) || env.exists(f, f.value.contains('$(' + e.name + ')')))`;
  // and the names the kubelet fills from a source callers choose (see chosenSource)
  const sourced = `((has(${k}.t.env) ? ${k}.t.env : []) + (has(${k}.c.env) ? ${k}.c.env : [])).filter(e, ${chosenSource('e')} && has(e.name)).map(e, e.name)`;
  return `[${sourced}].map(sourced, [${envValues(k)}].map(env, [env.filter(e, ${referred} && ${untrustedIn('e.value', chosen)}).map(e, e.name) + sourced].map(direct,`
    + ` {'direct': direct, 'sourced': sourced, 'through': env.filter(e, ${expandsName('e.value', 'direct')}).map(e, e.name)})[0])[0])[0]`;
}

/**
 * CEL: the string `s` holds a value callers can choose, directly, as the path of a workspace in
 * the list `chosen`, or through the kubelet's expansion of an env var in `env` (see callerEnv).
 */
function callerValuedWith(s: string, chosen: string, env: string): string {
  return `(${untrustedIn(s, chosen)} || ${expandsName(s, `(${env}.direct + ${env}.through)`)})`;
}

/** CEL: the string `x` of container entry `k` holds a value callers can choose (callerValuedWith its workspaces and env). */
function callerValued(k: string, x: string): string {
  return callerValuedWith(x, `${k}.p`, `${k}.x`);
}

/** CEL: the argument `a` less the dashes it starts with when a substitution follows them (`--$(params.x)` names the option). */
const DASHLESS_ARG = "(a.matches('^-+[$][(]') ? a.substring(size(a.find('^-+'))) : a)";

/** CEL: the string `s` starts with a value callers can choose (as callerValuedWith reads them). */
function startsCallerValuedWith(s: string, chosen: string, env: string): string {
  return `(${startsUntrusted(s)} || (${env}.direct + ${env}.through).exists(n, ${s}.startsWith('$(' + n + ')'))`
    + ` || ${chosen}.exists(n, ${s}.startsWith('$(workspaces.' + n + '.path)')))`;
}

/** An argument of GNU env after which the next one is an option's value (`-u`, `-C`, `-S`, alone or ending a group; `--unset` ... or a prefix). */
const ENV_VALUED_OPTION = '^(-([^-uCS][^uCS]*)?[uCS]|--(u(n(s(e(t)?)?)?)?|c(h(d(i(r)?)?)?)?|s(p(l(i(t(-(s(t(r(i(n(g)?)?)?)?)?)?)?)?)?)?)?))$';
/** An argument of GNU env after which the next one is the string of `-S` (split into a command line). */
const ENV_SPLIT_OPTION = '^(-([^-uCS][^uCS]*)?S|--s(p(l(i(t(-(s(t(r(i(n(g)?)?)?)?)?)?)?)?)?)?)?)$';
/** An argument of GNU env that holds the string of `-S` itself (`-iSSTRING`, `--split-string=STRING`). */
const ENV_SPLIT_INLINE = '^(-([^-uCS][^uCS]*)?S.|--s(p(l(i(t(-(s(t(r(i(n(g)?)?)?)?)?)?)?)?)?)?)?=)';

/**
 * CEL: the env var named `nm` runs code in the shells container entry `k` runs (as the catalogue's executingEnv): `ENV` in an
 * interactive shell (interactiveShell), PROMPT_ENV's in one that reads its commands with a prompt (`k.ps`, PROMPTING), or that
 * env -S's string runs so (`k.e.sx`, ENV_WRAPPER: PROMPT_COMMAND and PS0 where it names bash or sh).
 */
function shellEnv(nm: string, k: string): string {
  const bash = BASH_PROMPT_ENV;
  const any = Object.keys(PROMPT_ENV).filter((n) => !bash.includes(n));
  return `((${nm} in ${list(Object.keys(INTERACTIVE_ENV))} && ${interactiveShell(k)}) || (${nm} in ${list([...bash])} && (${k}.ps == 2 || has(${k}.e.sx) && ${k}.e.sx % 4 == 2))`
    + ` || (${nm} in ${list(any)} && (${k}.ps > 0 || has(${k}.e.sx) && ${k}.e.sx % 4 > 0)))`;
}

/**
 * A string of env -S these policies do not read word by word (RE2): one holding a backslash, `${`, a quote, `#`, or a vertical tab,
 * form feed or carriage return (blanks to env: `sh<VT>-i` runs `sh -i`, which INTERACTIVE_SPLIT_STRING does not read). GNU env reads
 * escapes there (`\\_` separates words: `env -S 'sh\\_-i'` runs `sh -i`), quotes inside a word (`s''h -i`, `sh -"i"`), `${NAME}`
 * (`${UNSET}sh -i` runs `sh -i`) and a comment, after which the arguments after the string follow (`env -S 'sh #x' -i` runs
 * `sh -i`; coreutils 9.1 env.c build_argv, checked), which the catalogue reads and its patterns
 * (INTERACTIVE_SPLIT_STRING, PROMPT_SPLIT_STRING) do not: such a string counts as running an interactive bash with a prompt. So
 * does one holding `$(`: the kubelet expands a `$(NAME)` there from the container's env before env reads the string (`env -S 'sh $(F)'`
 * with `F: -i` runs `sh -i`), a value these policies do not read (a Tekton variable there callers choose is refused as well).
 */
const SPLIT_UNREAD_TEXT = '[\\\\\'"#\\v\\f\\r]|[$][{(]';

/**
 * SPLIT_UNREAD_TEXT, or a string of env -S whose first word (past assignments) is one of env's options or a wrapper (WRAPPER), before
 * the shell these policies' patterns read first (`env -S 'timeout 5 sh -i'`, `env -S '-v sh -i'`, `env -S 'env sh -i'`; the catalogue
 * reads them as env reads its own arguments): read as running an interactive bash with a prompt (RE2).
 */
const SPLIT_UNREAD = `${SPLIT_UNREAD_TEXT}|^(-[^ \\t\\n]*S|--s[^ \\t\\n=]*=)?[ \\t\\n]*([A-Za-z_][A-Za-z0-9_]*=[^ \\t\\n]*[ \\t\\n]+)*`
  + `(-|([^ \\t\\n]*/)?(${WRAPPER.slice('(^|/)('.length, -')$'.length)})([ \\t\\n]|$))`;

/**
 * A script's `#!` line running env whose string holds what SPLIT_UNREAD reads (`#!/usr/bin/env -S sh\\_-i`), or a word that may make a
 * shell interactive (`-i`, `+i`, `interactive`) however env's options before it read (`#!/usr/bin/env -vS sh -i`, `--split-string=sh -i`,
 * `-S timeout 5 sh -i`: the catalogue reads the line as env's argument), which INTERACTIVE_ANY_SHEBANG does not read (RE2).
 */
const SHEBANG_SPLIT_UNREAD = `^#![ \\t]*([^ \\t\\n]*/)?env[ \\t][^\\n]*(${SPLIT_UNREAD_TEXT}|[ \\t=]([-+][A-Za-z]*i|-?-?interactive))`;

/** A word of env -S's string that names bash or sh (PROMPT_COMMAND_SHELL), in quotes or not (RE2). */
const SPLIT_BASH = '(^|[ \\t\\n/=\'"])(r?bash|sh)([ \\t\\n\'"]|$)';

/**
 * CEL over `argv`: the string `s` of env -S runs a shell with option words alone (SPLIT_SHELL_OPEN) and one of the
 * SHELL_OPTION_WORDS arguments after it, which env appends to its words, is an option group holding `i` or ksh93's
 * `--interactive`, every one before it an option word or the value of a group holding `o` (`env -S 'sh' -i`, `env -S 'sh -e' -x -i`).
 */
function splitAppendsInteractive(s: string): string {
  return `(${s}.matches(${celString(SPLIT_SHELL_OPEN)}) && [argv.indexOf(${s})].all(j, ${SHELL_WORD_PLACES}.exists(m, j + m < size(argv)`
    + ` && (argv[j + m].matches(${celString(INTERACTIVE_OPTIONS)}) || argv[j + m] == '--interactive')`
    + ` && ${SHELL_WORD_PLACES}.all(n, n >= m || argv[j + n].matches(${celString(SHELL_OPTION_WORD)})`
    + ' || (n > 1 && argv[j + n - 1].matches(\'^[-+][A-Za-z]*[oO][A-Za-z]*$\'))))))';
}

/**
 * CEL: a container entry `k` made by RUN_ENTRY runs an interactive shell that may source `$ENV` (as the catalogue's
 * interactiveShellReading): the shell at `k.program` (the program, busybox's shell applet too) is one that sources it (ENV_SHELL) or bash,
 * whose posix mode `POSIXLY_CORRECT` from the image's env or an `envFrom` source turns on unseen, and an option group before its
 * first operand holds `i` (`k.si`, SHELL_OPTIONS), or the string of `env -S` run as `command[0]` does so (`env -S 'sh -i'`: the policy
 * variable `envPatterns[4]`, INTERACTIVE_SPLIT_STRING), or the arguments after it do (`env -S 'sh -e' -i`: `k.e.sx`, ENV_WRAPPER), or,
 * without a command, its script's `#!` line (`envPatterns[3]`,
 * INTERACTIVE_ANY_SHEBANG) runs such a shell with one, or runs env with a string these policies do not read word by word
 * (SHEBANG_SPLIT_UNREAD, in the same pattern). Read only where ENV is set: it reads the whole script.
 */
function interactiveShell(k: string): string {
  // (a #! line running bash in posix mode, by the env or env -S's line, is the catalogue's alone: shebangRunsPosixInteractiveBash)
  return `(size(${k}.cmd) > 0 ? (${k}.runs && [${k}.cmd + ${k}.args].all(argv, ${k}.program + 1 < size(argv)`
    + ` && (argv[${k}.program].matches(${celString(ENV_SHELL)}) || argv[${k}.program].matches(${celString(POSIX_BASH)})`
    + ` || argv[${k}.program].matches(${celString(RUNNER)}))`
    + ` && ${k}.si) || (${k}.e.split.exists(s, s.matches(variables.patterns[4])) || has(${k}.e.sx) && ${k}.e.sx >= 4))`
    + ` : (has(${k}.c.script) && ${k}.c.script.trim().matches(variables.patterns[3])))`;
}

/**
 * How many words after a shell the policies read for its options, as readShellOptions reads them all: a shell given more
 * option words than this is refused where an env var an interactive shell runs holds a caller's value (`ov` in RUN_ENTRY) and
 * a later argument may make it interactive (`bash -e -u -x -o pipefail -o errexit -i`: a group of `-` or `+` holding `i`,
 * `interactive`, `--interactive`), or its input is a terminal (`tty` and `stdin`); not `sh -e -u -x -v -f -C build.sh`. Such an
 * argument past the shell's first operand (`sh -e -u -x -v -f -C build.sh -i`, a script's argument) is refused too: the
 * policies do not read where the options end past these words.
 */
const SHELL_OPTION_WORDS = 6;

/** The places (1 to SHELL_OPTION_WORDS) of the words after a shell that RUN_ENTRY reads, as CEL list text. */
const SHELL_WORD_PLACES = `[${Array.from({ length: SHELL_OPTION_WORDS }, (_, i) => i + 1).join(', ')}]`;

/**
 * CEL, within RUN_ENTRY: the word `m` after the shell at `program` is the value of the option word before it (SHELL_VALUED_OPTION,
 * not one of bash's long options that take none, SHELL_LONG_FLAG: `-norc`).
 */
const SHELL_VALUE = `(m > 1 && argv[program + m - 1].matches(${celString(SHELL_VALUED_OPTION)}) && !argv[program + m - 1].matches(${celString(SHELL_LONG_FLAG)}))`;

/**
 * CEL, within RUN_ENTRY: the place (counted from the shell at `program`) of the first word after it that is neither an option
 * word (SHELL_OPTION_WORD) nor an option's value: its first operand, or the `--` or `-` that ends its options (as
 * readShellOptions reads them, within SHELL_OPTION_WORDS words; one past them where all are options).
 */
const SHELL_END = `(${SHELL_WORD_PLACES}.filter(m, program + m >= size(argv)`
  + ` || !(argv[program + m].matches(${celString(SHELL_OPTION_WORD)}) || ${SHELL_VALUE})) + [${SHELL_OPTION_WORDS + 1}])[0]`;

/**
 * CEL, within RUN_ENTRY past SHELL_END (`end`): the places of the option words of the shell at `program` before `end` that are no
 * option's value (SHELL_VALUE), bound once as `ow` (its groups, long options and option names are read from it).
 */
const OPTION_WORDS = `${SHELL_WORD_PLACES}.filter(m, m < end && !${SHELL_VALUE})`;

/**
 * CEL, within RUN_ENTRY past `ow` (OPTION_WORDS): an option group of the shell at `program` holds `letter` (readShellOptions): one of
 * `-`, or of `sign` (`[-+]` for `c` and `s`, which bash 5.2 reads whatever the sign: `sh +c CODE` runs CODE).
 */
function shellGroup(letter: string, sign = '-'): string {
  return `ow.exists(m, argv[program + m].matches('^${sign}[A-Za-z]*${letter}[A-Za-z]*$') && !argv[program + m].matches(${celString(SHELL_LONG_OPTION)}))`;
}

/**
 * CEL, within RUN_ENTRY past `ow` (OPTION_WORDS): the shell at `program` is made interactive by name, `-o interactive` (`-eo
 * interactive`; dash 0.5.12, mksh, ksh93) or ksh93's `--interactive` (readShellOptions).
 */
const INTERACTIVE_OPTION_NAME = 'ow.exists(m, argv[program + m] == \'--interactive\' || m + 1 < end && !(m + 1 in ow)'
  + ' && argv[program + m].matches(\'^-[A-Za-z]*o[A-Za-z]*$\') && argv[program + m + 1] == \'interactive\')';

/**
 * CEL, within RUN_ENTRY past `ow` (OPTION_WORDS): a word after the shell at `program` before its first operand (an option word or an
 * option's value), or that operand where no option group (of `-` or `+`) holds `c` (a script file's name, or the option `$(F)` becomes), holds a
 * `$(NAME)` that is none of Tekton's variables: the kubelet expands it from the container's env (an `envFrom` source's too, not
 * seen), where a value the policies do not read (`sh -$(O)` with `O: i`, `sh $(F)` with `F: $(G)` and `G: -i`) may make the shell
 * interactive, reading its input: bound once as `kr`, read as a group holding `i` with no code given (stricter, never looser).
 */
const KUBELET_OPTION = `${SHELL_WORD_PLACES}.exists(m, program + m < size(argv) && argv[program + m].contains('$(')`
  + ` && (m < end || m == end && !${shellGroup('c', '[-+]')}) && argv[program + m].findAll(${celString(SUBSTITUTION)}).exists(r, !r.matches(${celString(INERT_VARIABLE)})`
  + ` && !r.matches(${celString(TEKTON_VARIABLE)})))`;

/**
 * CEL, within RUN_ENTRY past `ow` (OPTION_WORDS): the shell at `program` reads its commands from its input (no group of `-` or `+`
 * holding `c`, and a group holding `s`, bash's `+s` too, or no operand past `--` or `-`), as the terminal's reading and PROMPTING read it: bound once as `ri`, read only
 * where the shell is given `-i` (or `+i`, `-o interactive`) or a terminal.
 */
const READS_INPUT = `(!${shellGroup('c', '[-+]')} && (${shellGroup('s', '[-+]')} || program + end >= size(argv)`
  + ' || ((argv[program + end] == \'--\' || argv[program + end] == \'-\') && program + end + 1 >= size(argv))))';

/**
 * CEL, within RUN_ENTRY for the container entry `k`: the container is given a terminal (`tty: true` with `stdin: true`, as a sidecar
 * may be), bound once as `tt`: a shell reading its commands from its input (`ri`, READS_INPUT) is interactive without `-i` (bash
 * 5.2 shell.c, dash 0.5.12: `isatty(0) && isatty(2)`).
 */
function TERMINAL(k: string): string {
  return `(has(${k}.c.tty) && ${k}.c.tty == true && has(${k}.c.stdin) && ${k}.c.stdin == true)`;
}

/**
 * CEL, within RUN_ENTRY past `ri`: the shell the container runs reading its commands with a prompt (as the catalogue's
 * runsPromptingShell): an option group before its first operand holds `i`, or it has a terminal (`si`), and it reads its commands
 * from its input (`ri`, READS_INPUT, read only then); 2 for one of PROMPT_COMMAND_SHELL (bash, which runs PROMPT_COMMAND), 1 for
 * another of PROMPT_SHELL, else 0. A script's `#!` line runs its file, with no prompt.
 */
const PROMPTING = `(ri ? (argv[program].matches(${celString(PROMPT_COMMAND_SHELL)}) ? 2 : argv[program].matches(${celString(PROMPT_SHELL)}) ? 1 : 0) : 0)`;

/**
 * busybox by its name (RE2 and JavaScript alike): one that starts with `busybox` runs busybox's main (busybox 1.36 appletlib.c
 * run_applet_and_exit: `is_prefixed_with(name, "busybox")`), `/bin/busybox.static` and `busybox-x86_64` too.
 */
const BUSYBOX = '(^|/)busybox[^/]*$';

/** busybox or toybox by its name (RE2 and JavaScript alike): toybox too runs the applet its first argument names (toybox 0.8 main.c toybox_main). */
const BOX = '(^|/)(busybox|toybox)[^/]*$';

/**
 * CEL, within RUN_ENTRY: the program at index `q` (the first interpreter), or, where it is busybox or toybox (`busybox sh -i`, `busybox env
 * X=1 sh -i`, `toybox env dash -i`: busybox 1.36 appletlib.c, toybox 0.8 main.c run the applet their first argument names), the first
 * later element that names a shell of PROMPT_SHELL (a word an applet does not run as a shell may be taken for one: `busybox grep sh -i`),
 * whose options are then read: not toybox's applet itself (its own shell sources no `$ENV`, toys/pending/sh.c), nor one after an
 * argument of env's `-S` (neither's env knows the option, and runs nothing: busybox 1.36 coreutils/env.c, toybox's toys/posix/env.c).
 */
function busyboxShell(q: string): string {
  return `(argv[${q}].contains('box') && argv[${q}].matches('${BOX}')`
    + ` ? [argv.filter(a, argv.indexOf(a) > ${q} + (argv[${q}].contains('toybox') ? 1 : 0) && a.matches(${celString(PROMPT_SHELL)})`
    + ` && !argv.exists(b, argv.indexOf(b) > ${q} && argv.indexOf(b) < argv.indexOf(a) && (b.matches(variables.patterns[1]) || b.matches(variables.patterns[2]))))]`
    + `.map(f, size(f) > 0 ? argv.indexOf(f[0]) : ${q})[0]`
    + ` : ${q})`;
}

/**
 * CEL over `argv` (and `runs` and `program` of RUN_ENTRY, and the policy variable `patterns`): what GNU env reads before its program
 * (as the catalogue's invocation reads it), run as `command[0]` or behind wrappers (`command[0]` one of WRAPPER: `timeout 5m env -S
 * 'sh -i'`, `nice env BASH_ENV=… bash`; the first element named env, before the interpreter the command runs where it runs one), as
 * `{'set': <its NAME=VALUE assignments>, 'split': <the arguments that hold the string of -S>, 'sx': <4 where one of them runs a shell
 * the arguments after it make interactive (splitAppendsInteractive) or is not read word by word (SPLIT_UNREAD), plus 2 where one runs
 * a shell with a prompt naming bash or sh or is not so read, 1 another (PROMPT_SPLIT_STRING)>}`, empty for other programs (no `sx`), but
 * for a command whose `command[0]` is neither env nor a wrapper that holds env and an argument env may read as `-S` (ENV_SPLIT_OPTION,
 * ENV_SPLIT_INLINE: `xargs env -S 'sh -i'`, `systemd-run env -S 'sh -i'`; not busybox's or toybox's applet, BOX), whose `sx` is 6, as for a
 * string not read word by word.
 * Its operands are the arguments after env that are neither options nor option values; its program the first operand without `=`. A
 * value repeated in argv is read where it first occurs.
 */
const ENV_WRAPPER = `(!argv.exists(a, a.endsWith('env')) ? {'set': [], 'split': []} : [argv[0].matches('(^|/)env$') ? 0 : argv[0].matches(${celString(WRAPPER)})`
  + " && argv.exists(a, a.matches('(^|/)env$')) ? argv.indexOf(argv.filter(a, a.matches('(^|/)env$'))[0]) : -1].map(ei, ei < 0 || (runs && ei >= program)"
  // (env behind a program that is no wrapper, `systemd-run env -S 'sh -i'`, `xargs env -S 'sh -i'`: its string not read, as SPLIT_UNREAD;
  // not busybox's or toybox's env applet, which knows no -S and runs nothing)
  + ` ? (ei < 0 && !argv[0].matches('${BOX}') && argv.exists(a, a.matches('(^|/)env$'))`
  + ' && argv.exists(a, a.matches(variables.patterns[1]) || a.matches(variables.patterns[2]))'
  + " ? {'set': dyn([]), 'split': dyn([]), 'sx': dyn(6)} : {'set': [], 'split': []})"
  + " : [argv.filter(a, argv.indexOf(a) > ei && !a.startsWith('-')"
  + ' && !argv[argv.indexOf(a) - 1].matches(variables.patterns[0]))].map(ops,'
  + " [ops.filter(a, !a.contains('='))].map(programs, [size(programs) > 0 ? argv.indexOf(programs[0]) : size(argv)].map(end,"
  + ' [argv.filter(a, argv.indexOf(a) > ei && argv.indexOf(a) < end'
  + ' && (a.matches(variables.patterns[2]) || argv[argv.indexOf(a) - 1].matches(variables.patterns[1])))].map(split,'
  + " {'set': dyn(ops.filter(a, a.contains('=') && argv.indexOf(a) < end)), 'split': dyn(split),"
  // (the strings of -S that run a shell made interactive by the arguments after them (4), or with a prompt (1; 2 naming bash or sh))
  + ` 'sx': dyn([split.filter(s, s.matches(${celString(SPLIT_UNREAD)}) || ${splitAppendsInteractive('s')})].map(sa,`
  + ` [split.filter(s, s.matches(${celString(PROMPT_SPLIT_STRING)}) || s in sa)].map(sp, (size(sa) > 0 ? 4 : 0)`
  + ` + (sp.exists(s, s.matches(${celString(`${SPLIT_BASH}|${SPLIT_UNREAD}`)})) ? 2 : size(sp) > 0 ? 1 : 0))[0])[0])})[0])[0])[0])[0])[0])`;

/**
 * Programs that run a command given in their arguments, its words their own (RE2, by basename): xargs, find's `-exec`, and the runners
 * the catalogue reads (argv.ts RUNNERS: `chroot / sh -i`, `unshare -r sh -i`, `flock /tmp/l sh -i`, `su root -- -i`), whose options
 * these policies do not read.
 */
const RUNNER = '(^|/)(xargs|find|chroot|unshare|nsenter|setpriv|xvfb-run|flock|su|runuser|watch|sg|script|parallel|entr)$';

/** RE2 of each start of the long option name `name`, its first letter at least (`p`, `pa` … `package`), as getopt_long and nopt abbreviate. */
function longOptionStarts(name: string): string {
  return [...name].reduceRight((rest, ch) => `${ch}${rest === '' ? '' : `(${rest})?`}`, '');
}

/**
 * The options of the runners of SEPARATED_RUNNER whose value picks what runs (RE2 of a whole word, or of its start up to its `=`):
 * the package a runner installs and runs a program of (npx's and bunx's `-p`, `--package`, uv's `--from`, `--with`,
 * `--with-editable`, `pipx run --spec`; command-options.ts) and the shell code of npx's and `npm exec`'s `-c` (`--call`), each long
 * one by any start; `-p` and `-c` glued to their value too (`-pcowsay`). Read beside any of those runners, whichever names the option
 * (stricter than the catalogue, which reads each program's own).
 */
const RUNNER_CODE_OPTION = `^(-[pc]|--(${['package', 'from', 'spec', 'with-editable', 'call'].map(longOptionStarts).join('|')})(=|$))`;

/**
 * Runners that may run the program the env var SHELL names (argv.ts shellFromEnv: su and runuser keeping the environment, flock's `-c`,
 * script, `sudo -s`, `doas -s`), by name alone (RE2): a caller's SHELL beside one is refused whatever their options (stricter).
 */
const SHELL_RUNNER = '(^|/)(su|runuser|flock|script|sudo|doas)$';

/** A word that may make a shell interactive (RE2): an option group of `-` or `+` holding `i`, `interactive`, `--interactive`. */
const INTERACTIVE_WORD = '^([-+][A-Za-z]*i[A-Za-z]*|interactive|--interactive)$';

/** yarn by its name (RE2): `yarn exec CODE` runs CODE with yarn's shell (yarn 2 and later). */
const YARN = '(^|/)yarn$';

/** su's and runuser's `-w` (in a group) or `--whitelist-environment` (RE2). */
const SU_WHITELIST = '^(-[A-Za-z]*w|--w)';
/** su and runuser by their names (RE2). */
const SU = '(^|/)(su|runuser)$';

/**
 * CEL within RUN_ENTRY: su or runuser at `program` runs a login (util-linux su-common.c), read where its first argument says so (`-`,
 * `-l`, `--login`: `su - builder`), with no `-w` (`--whitelist-environment`) anywhere: the command it runs gets a clean environment,
 * the container's TERM alone (argv.ts runnerKeeps). Stricter than the catalogue, which reads su's options: a login asked for later
 * (`su -m -l`, `su builder -l`) is read as none.
 */
const SU_LOGIN = "(program + 1 < size(argv) && argv[program + 1] in ['-', '-l', '--login']"
  + ` && !argv.exists(a, argv.indexOf(a) > program && a.matches(${celString(SU_WHITELIST)})))`;

/**
 * CEL within RUN_ENTRY: the runner at `program` (RUNNER) may start an interactive shell with the container's env: su or runuser, not
 * in login mode (SU_LOGIN), given a later word that may make the shell it runs interactive (INTERACTIVE_WORD: `su root -- -i`, whose
 * user's shell may be bash or sh; `runuser -u root -- sh -i`), or another runner given a word naming a shell of PROMPT_SHELL and, after
 * it, such a word (`chroot / sh -i`, `xargs sh -i`, `find . -exec sh -i ;`). Stricter than the catalogue, which reads each runner's
 * options (`find . -exec sh -c make -i ;` is refused).
 */
const RUNNER_INTERACTIVE = `(argv[program].matches(${celString(SU)}) ? !(${SU_LOGIN}) && argv.exists(a, argv.indexOf(a) > program && a.matches(${celString(INTERACTIVE_WORD)}))`
  + ` : argv.exists(b, argv.indexOf(b) > program && b.matches(${celString(PROMPT_SHELL)})`
  + ` && argv.exists(a, argv.indexOf(a) > argv.indexOf(b) && a.matches(${celString(INTERACTIVE_WORD)}))))`;

/**
 * CEL: a container entry `k` with what the injection policies read of it, worked out once:
 * `p`, the workspaces whose path a caller can choose (and `pt`, those chosen only through
 * another's path; see chosenPaths); `x`, the names of its env vars that hold a value callers can choose (see callerEnv); `cmd`
 * and `args` as Tekton runs them; `runs`, whether the program runs its arguments as code
 * (RUNS_CODE); and then `program`, the index of the program in `cmd + args` (0, or through a
 * wrapper the first interpreter's; where that is busybox, the first later element naming a shell of PROMPT_SHELL, busyboxShell),
 * or -1, and `data`, the index from which the elements are data (after `sh -c CODE`: one option group of `-` or `+` with c and no o/O; NAME
 * and the ARGs are data; not after busybox's applet, whose arguments stay code, as the catalogue reads them), or the size of
 * argv when it does not; `e`, what env run as `command[0]` sets and splits (ENV_WRAPPER); `si`, an option group of that shell, one of PROMPT_SHELL (which holds every ENV_SHELL) given by the command,
 * holds `i` (busybox's applet: `+i` too), or it reads its input on a terminal (TERMINAL, READS_INPUT) (SHELL_END, shellGroup:
 * readShellOptions' reading; read for such a shell alone, to keep the cost low); `ps`, it reads its commands with a prompt (PROMPTING);
 * `ov`, such a shell is given words past the SHELL_OPTION_WORDS option words the policies read (SHELL_END), a later one of which may make
 * it interactive, or its input is a terminal (SHELL_OPTION_WORDS).
 */
const RUN_ENTRY = `[${chosenPaths('k')}].map(chosen, [chosen.direct + chosen.through].map(p,`
  + ` [${effective('k', 'command', '[]')}].map(cmd, [${effective('k', 'args', '[]')}].map(args, [cmd + args].map(argv,`
  + ` [${RUNS_CODE}].map(runs, [runs ? (${interpreter('cmd[0]')} ? ${busyboxShell('0')}`
  + ` : [argv.indexOf(argv.filter(a, ${interpreter('a')})[0])].map(q, ${busyboxShell('q')})[0]) : -1].map(program,`
  + ` [size(cmd) > 0 && runs && argv[program].matches(${celString(PROMPT_SHELL)}) ? [${SHELL_END}].map(end, [${OPTION_WORDS}].map(ow,`
  // (`s0`: given -i, -o interactive, or busybox's +i; `tt`: a terminal; `ri`: reading its commands from its input, read for either)
  // (`kr`: a word before the first operand, or that operand where no group holds c, that the kubelet expands: KUBELET_OPTION)
  + ` [${KUBELET_OPTION}].map(kr, [kr || ${shellGroup('i')} || ${INTERACTIVE_OPTION_NAME}`
  + ` || ${shellGroup('i', '[+]')} && argv.exists(a, argv.indexOf(a) < program && a.matches('${BUSYBOX}'))].map(s0, [${TERMINAL('k')}].map(tt,`
  + ` [(s0 || tt) && (kr || ${READS_INPUT})].map(ri,`
  // (words past those read: refused where one of them may make the shell interactive, or its input is a terminal)
  + ` {'si': dyn(s0 || tt && ri), 'ps': dyn(${PROMPTING}), 'ov': dyn(end > ${SHELL_OPTION_WORDS} && program + end < size(argv)`
  + ` && (argv.exists(a, argv.indexOf(a) > program + ${SHELL_OPTION_WORDS} && (a.matches('^[-+][A-Za-z]*i[A-Za-z]*$') || a == 'interactive' || a == '--interactive'))`
  + ' || tt))})[0])[0])[0])[0])[0])[0]'
  // (a runner that starts a shell of its arguments: RUNNER_INTERACTIVE, read as an interactive bash with a prompt)
  + ` : size(cmd) > 0 && runs && argv[program].matches(${celString(RUNNER)}) && ${RUNNER_INTERACTIVE} ? {'si': dyn(true), 'ps': dyn(2), 'ov': dyn(false)}`
  + " : {'si': dyn(false), 'ps': dyn(0), 'ov': dyn(false)}].map(sh,"
  // env run as command[0], and the strings of its -S that run a shell made interactive by the arguments after them, or with a prompt
  + ` [${callerEnv('k', 'argv', 'p')}].map(x, {'target': k.target, 'role': k.role, 'c': k.c, 't': k.t, 'w': k.w, 'p': dyn(p), 'pt': dyn(chosen.through),`
  + ' \'x\': dyn(x), \'cmd\': dyn(cmd), \'args\': dyn(args), \'runs\': dyn(runs),'
  + ` 'u': dyn(argv.filter(a, ${callerValuedWith('a', 'p', 'x')})), 'us': dyn(argv.filter(a, ${startsCallerValuedWith(DASHLESS_ARG, 'p', 'x')})),`
  + " 'program': dyn(program), 'data': dyn(runs && program + 2 < size(argv) && argv[program].matches(" + celString(SHELL) + ')'
  + " && argv[program + 1].matches('^[-+][A-Za-z]*c[A-Za-z]*$') && !argv[program + 1].matches('[oO]') && !argv[program + 2].matches('^[-+]')"
  // (busybox's shell applet, or a shell after busybox's or toybox's applet: its arguments stay code, as the catalogue reads them)
  + ` && !argv.exists(a, argv.indexOf(a) < program && a.matches('${BOX}'))`
  + ' ? program + 3 : size(argv)), \'e\': dyn(' + ENV_WRAPPER + '), \'si\': sh.si, \'ps\': sh.ps, \'ov\': sh.ov})[0])[0])[0])[0])[0])[0])[0])[0])[0]';

/**
 * What separates two words of a shell's code (RE2): blanks, with line continuations among them (`bash \<newline> -i` is `bash -i`:
 * the shell removes a backslash before a newline; at least one blank, as `sh\<newline>-i` is the word `sh-i`; checked with dash 0.5.12
 * and bash 5.2).
 */
const CODE_BLANKS = '(\\\\\\n)*[ \\t]([ \\t]|\\\\\\n)*';

/**
 * A word of a shell's code, as the value of an option (RE2): quoted parts (`'a b'`, `"$F"`), characters a backslash escapes (`a\ b`)
 * and other characters but blanks and operators.
 */
const CODE_WORD = '(\\\\[\\s\\S]|\'[^\']*\'|"[^"]*"|[^\\s;&|\'"\\\\])+';

/**
 * Where a command's program word may start in a shell's code (RE2): the start of the code, a line or a command list (`;`, `&`, `|`,
 * `(`, a backquote, `$(`), or the code `-c` (or `+c`) gives a shell in quotes (`sh -c '"$SH" -i'`), past a keyword (`if`, `then`, `do`, `!` …),
 * assignments (`X=1`) and the words of a common wrapper or runner by its name (`timeout 5`, `exec -a name`, `sudo -E`, `find . -exec`; a
 * shorter list than WRAPPER and RUNNER, the pattern's length counting in its cost over a long script) before it: never an argument of
 * another program.
 */
const CODE_COMMAND_START = '(^|[\\n;&|(`]|[ \\t][-+][A-Za-z]*c[A-Za-z]*[ \\t]+[\'"])[ \\t]*((!|[{]|if|then|do|else|elif|while|until)[ \\t]+)*'
  + '([A-Za-z_][A-Za-z0-9_]*=[^\\s;&|]*[ \\t]+)*'
  + '((exec|command|time|timeout|nice|nohup|setsid|stdbuf|env|sudo|xargs|find|chroot|unshare|flock|su|runuser)([ \\t]+[^\\s;&|]+)*[ \\t]+)?';

/** A positional parameter in a shell's code (RE2): `$1` … `$9` (`$10` is `$1` and a `0`), `${N}`, `$@`, `$*`, braced or not. */
const POSITIONAL = '[$]([1-9]|[{][1-9][0-9]*[}]|[@*]|[{][@*][}])';
/** Every positional parameter at once (RE2): `$@`, `$*`, braced or not. */
const POSITIONAL_ALL = '[$]([@*]|[{][@*][}])';
/** The digits of any one positional parameter in positionalRun's `n` (RE2): where the code may move them, or the value is in several ARGs. */
const ANY_POSITION = '[1-9]|[{][1-9][0-9]*[}]';
/**
 * Code that may give a positional parameter another value than its ARG (RE2): `shift`, `set` with an operand (`set -- a`, not
 * `set -e`, `set -o pipefail`), `getopts`, `alias`, a sourced file (`.`, `source`) or a function (whose `$1` is its call's).
 */
const MOVES_POSITIONAL = '(^|[\\s;&|(){}`])(shift|getopts|alias|function|source|[.])([\\s;&|()]|$)|[(][ \\t]*[)]'
  + '|(^|[\\s;&|(){}`])set([ \\t]+([-+][A-Za-z]*[A-NP-Za-np-z]|[-+][A-Za-z]*[oO][ \\t]+[A-Za-z_]+))*[ \\t]+([^-+\\s;&|)]|[-+]([-+\\s;&|)]|$))';
/**
 * The parts of the code of `sh -c CODE NAME ARG…` that run every positional parameter they hold as code (RE2, found once with
 * `findAll`), on one command line: after `eval`, gdb or vim (whose commands, `-ex`, `-c`, `+`, run programs) as a command word (where
 * a command starts: CODE_COMMAND_START, after a `case` pattern's `)` or a `{`), to its last positional parameter in the command; the code of a shell's `-c`
 * group (`bash -c "$1"`); the words piped into `at` or `batch` (`echo "$1" | at now`); or arithmetic (`$(( $1 + 1 ))`, where bash runs
 * the command substitutions of an array subscript in the value). Each part holds the positional parameters of the forms it reads.
 */
const POSITIONAL_CODE = `(${CODE_COMMAND_START}|[)][ \\t]*|[{][ \\t]+)["']?(eval|gdb|[gr]?n?vim|vi|ex|view)["']?[ \\t][^\\n;&|]*${POSITIONAL}`
  + `|(^|[\\s;&|(\`'"/])(sh|bash|dash|ash|zsh|ksh|mksh|yash)([ \\t]+[-+][A-Za-z]+)*[ \\t]+[-+][A-Za-z]*c[A-Za-z]*[ \\t]+["']?${POSITIONAL}`
  + `|${POSITIONAL}[^\\n;&|]*[|][ \\t]*(at|batch)([ \\t]|$)`
  // (arithmetic, `$(( $1 + 1 ))`, `(( $1 > 2 ))`, one level of parentheses inside: bash runs an array subscript's command substitutions)
  + `|[(][(]([^()]|[(][^()]*[)])*${POSITIONAL}`;
/** What every part of POSITIONAL_CODE holds (RE2, short: read first, the parts sought only where it is found). */
const POSITIONAL_CODE_HINT = '(eval|gdb|vim?|ex|view)["\'\\s]|[-+][A-Za-z]*c|[|]|[(][(]';
/**
 * A positional parameter as the program of a command in that code (RE2, found once with `findAll`, each part ending with it): where
 * a command starts, past `!`, `if`, `then`, `do`, `exec`, `command` …, quoted or not (`"$2"`, `exec "$@"`).
 */
const POSITIONAL_PROGRAM = `(^|[\\n;&|\`{(])[ \\t]*((!|if|then|do|else|elif|while|until|time|exec|command|builtin)[ \\t]+)*["']?${POSITIONAL}`;

/**
 * CEL over a container entry `k` made by RUN_ENTRY that runs `sh -c CODE NAME ARG…` with an ARG (`argv` bound by withRun): no ARG that
 * holds a caller's value is one the code runs as code, read by its position: ARG N as `$N` or `${N}` and as `$@` and `$*` in a part of
 * POSITIONAL_CODE, and as the program (POSITIONAL_PROGRAM) as `$N`, or as `$@` and `$*` where N is 1, or the first ARG is blank (an
 * unquoted one drops it), or as `"$*"` (every ARG joined into one word). The code's parts are found once (and nothing more is read
 * where it has none, nor they where it holds no `$` or no POSITIONAL_CODE_HINT); where the code may move the positional parameters (MOVES_POSITIONAL), or the value is in several ARGs, any
 * position.
 */
function positionalRun(k: string): string {
  return `[argv[${k}.data - 1]].all(code, !code.contains('$') || [code.matches(${celString(POSITIONAL_CODE_HINT)})`
    + ` ? code.findAll(${celString(POSITIONAL_CODE)}) : []].all(pc,`
    + ` [code.findAll(${celString(POSITIONAL_PROGRAM)})].all(pp, size(pc) + size(pp) == 0 || [!code.matches(${celString(MOVES_POSITIONAL)})].all(fixed,`
    + ` argv.all(a, argv.lastIndexOf(a) <= ${k}.data || !(a in ${k}.u)`
    + ` || [fixed && argv.indexOf(a) == argv.lastIndexOf(a) ? argv.indexOf(a) - ${k}.data : 0].all(i,`
    + ` [i == 0 ? ${celString(ANY_POSITION)} : (i <= 9 ? string(i) + '|' : '') + '[{]' + string(i) + '[}]'].all(n,`
    + ` !pc.exists(t, t.matches('[$](' + n + ')|${POSITIONAL_ALL}'))`
    + ` && !pp.exists(t, t.matches('[$](' + n + ')$') || (i <= 1 || !argv[${k}.data + 1].matches('[^ \\\\t\\\\n]')`
    + ` ? t.matches('${POSITIONAL_ALL}$') : t.matches('"[$]([*]|[{][*][}])$'))))))))))`;
}

/**
 * A shell started in code (a script's, or the code an interpreter is given: `sh -c '…'`) whose options may make it interactive (RE2):
 * one of PROMPT_SHELL by its name (or path) as a word, then option words that give it no code (a group without `c`, a long option,
 * `-o NAME` and `+o NAME`, bash's `-O NAME` and `+O NAME` (a shopt option), the name quoted too, `--rcfile FILE`), then a group holding `i` (`+i` too: busybox's ash reads it as `-i`), `--interactive`, `-o interactive`, or a word
 * that starts with an expansion, behind a dash or a quote or not (`-$O`, `$FLAGS`, `"$@"`, `${F}`, a command substitution: a value the
 * script gives it, which these policies do not read: `O=i; sh -$O`, `export F=-i; env -S 'sh ${F}'`); or a program a variable names
 * given such a group (`"$SHELL" -i`, `${SH:-sh} -i`: the catalogue takes it for a shell whatever it is). Not a #! line (the script's
 * first line is left out where it is one: interactiveShell reads it). `sh -c "$CMD"` is not one: the group holding `c` gives it code.
 */
const CODE_STARTS_SHELL = `(^|[\\s;&|(\`'"])([^\\s;&|()\`'"#!]*/)?(${PROMPT_SHELL.slice('(^|/)('.length, -')$'.length)})`
  + `(${CODE_BLANKS}([-+][A-Zabd-z]+|--[A-Za-z][A-Za-z0-9-]*|[-+][A-Zabd-z]*[oO]${CODE_BLANKS}${CODE_WORD}|--?(rcfile|init-file)${CODE_BLANKS}${CODE_WORD}))*`
  + `${CODE_BLANKS}(["']?[-+]?[A-Za-z]*[$\`]|[-+][A-Za-z]*i|--interactive|-[A-Za-z]*o${CODE_BLANKS}["']?interactive)`
  // (a program a variable names, given -i: `"$SHELL" -i`, `${SH:-sh} -i`, as the catalogue reads it, whatever program it is: where a
  // command starts (CODE_COMMAND_START), not an argument, `git-init -url "${URL}" -revision x`)
  + `|${CODE_COMMAND_START}["']?([$][A-Za-z_][A-Za-z0-9_]*|[$][{][^}\\s]*[}])["']?(${CODE_BLANKS}([-+][A-Zabd-z]+|--[A-Za-z][A-Za-z0-9-]*|[-+][A-Zabd-z]*[oO]${CODE_BLANKS}${CODE_WORD}))*${CODE_BLANKS}([-+][A-Za-z]*i|--interactive)`;

/** The env vars an interactive shell runs as code (ENV), or one reading its commands with a prompt (PROMPT_COMMAND, PS0, PS1, PS2). */
const SHELL_RUN_ENV = list([...Object.keys(INTERACTIVE_ENV), ...Object.keys(PROMPT_ENV)]);

/**
 * CEL over a container entry `k` made by RUN_ENTRY: no env var of SHELL_RUN_ENV (its own or its stepTemplate's, or env's NAME=VALUE)
 * holds a value callers can choose, or neither its script (but a #! line) nor the arguments after the interpreter its command runs
 * start a shell that may be interactive (CODE_STARTS_SHELL), as SCRIPT_INJECTION reads them (which reads the values a script gives
 * its variables: stricter, never looser, where it gives another).
 */
function codeStartsNoShell(k: string): string {
  const env = `((has(${k}.t.env) ? ${k}.t.env : []) + (has(${k}.c.env) ? ${k}.c.env : [])).exists(e, has(e.name) && e.name in ${SHELL_RUN_ENV}`
    + ` && (has(e.value) && e.value != null && e.value != '' ? ${callerValued(k, 'e.value')} : e.name in ${k}.x.sourced))`
    + ` || ${k}.e.set.exists(asg, asg in ${k}.u && asg.substring(0, asg.indexOf('=')) in ${SHELL_RUN_ENV})`;
  const script = `(has(${k}.c.script) && size(cmd) == 0 ? [${k}.c.script.trim()].map(s, !s.startsWith('#!') ? s`
    + " : s.contains('\\n') ? s.substring(s.indexOf('\\n')) : '') : [])";
  // (not the string of -S given to busybox's or toybox's env applet, `nice busybox env -S 'sh -i'`, which knows no -S and runs nothing:
  // busybox 1.36 env.c reads `+iu:*`, toybox 0.8 `^0iu*`)
  const boxEnv = `argv[${k}.program].matches('${BOX}') && ${k}.program + 1 < size(argv) && argv[${k}.program + 1] == 'env'`;
  return `!(${env}) || ${withRun(k, `!(${script} + (${k}.runs ? argv.filter(a, argv.indexOf(a) > ${k}.program && argv.indexOf(a) < ${k}.data`
    + ` && !(${boxEnv} && (a.matches(variables.patterns[2]) || argv[argv.indexOf(a) - 1].matches(variables.patterns[1])))) : []))`
    + `.exists(c, c.matches(${celString(CODE_STARTS_SHELL)}))`)}`;
}

/**
 * The patterns of the injection policy's variable `patterns`, by index: 0 to 4 read by RUN_ENTRY by name (ENV_WRAPPER,
 * interactiveShell); the others are the ones its expressions hold most often (each tens of times, a tenth of the policy's
 * size), which sharePatterns reads from the variable.
 */
const INJECTION_PATTERNS = [ENV_VALUED_OPTION, ENV_SPLIT_OPTION, ENV_SPLIT_INLINE, `${INTERACTIVE_ANY_SHEBANG}|${SHEBANG_SPLIT_UNREAD}`, INTERACTIVE_SPLIT_STRING,
  INERT_VARIABLE, TEKTON_VARIABLE, INTERPRETER, WRAPPER, SHELL_LONG_OPTION, SHELL_LONG_FLAG, PROMPT_SHELL, ENV_SHELL, EXECUTING_ENV_PATTERN,
  SPLIT_SHELL_OPEN, PROMPT_SPLIT_STRING, `${SPLIT_BASH}|${SPLIT_UNREAD}`, SPLIT_UNREAD, CODE_STARTS_SHELL, RUNNER, INTERACTIVE_WORD, SU_WHITELIST, SU,
  SEPARATED_RUNNER, SHELL_RUNNER, RUNNER_CODE_OPTION];

/**
 * CEL `expression` with each literal of `patterns` past the first five (the string CEL literal celString writes) read from the
 * list variable `variable` in its place: the same regular expression, written once.
 */
function sharePatterns(expression: string, patterns: readonly string[], variable: string): string {
  return patterns.slice(5).reduce((e, pattern, i) => e.split(celString(pattern)).join(`${variable}[${i + 5}]`), expression);
}

/** `$(params.<name>` and `$(params["<name>"])` (or with single quotes), for RE2: the param's name at 9, or from 10 to 2 before the end. */
const PARAM_DOT = '[$][(]params[.][^.()\\[\\]]+';
const PARAM_BRACKET = '[$][(]params\\[["\'][^"\']+["\']\\]';

/** CEL: the Secret name `x` holds a substitution callers choose, a run's name among them (whoever creates the run names it). */
function chosenSecretName(x: string): string {
  return `(${hasUntrusted(x)} || ${x}.contains('$(context.taskRun.name)') || ${x}.contains('$(context.pipelineRun.name)'))`;
}

/**
 * CEL: the names of the Secrets, keys of them, SecretProviderClasses and token audiences that the
 * task volume `v` mounts, where Tekton substitutes params into volumes (nulls are left for the caller to skip);
 * without `attributes` (a workspace binding, whose CSI volume attributes and token audiences Tekton does not
 * substitute into), no class and no audience.
 */
function SECRET_VOLUME_NAMES(v: string, attributes = true): string {
  const present = (x: string) => `has(${x}) && ${x} != null`;
  return `((${present(`${v}.secret`)} ? (has(${v}.secret.secretName) ? [${v}.secret.secretName] : [])`
    + ` + (${present(`${v}.secret.items`)} ? ${v}.secret.items.filter(i, has(i.key)).map(i, i.key) : []) : [])`
    + ` + (${present(`${v}.projected`)} && ${present(`${v}.projected.sources`)} ? ${v}.projected.sources.filter(p, ${present('p.secret')} && has(p.secret.name)).map(p, p.secret.name)`
    + (attributes ? ` + ${v}.projected.sources.filter(p, ${present('p.serviceAccountToken')} && has(p.serviceAccountToken.audience)).map(p, p.serviceAccountToken.audience)` : '')
    + ' : [])'
    + ` + (${present(`${v}.csi`)} ? (${present(`${v}.csi.nodePublishSecretRef`)} && has(${v}.csi.nodePublishSecretRef.name) ? [${v}.csi.nodePublishSecretRef.name] : [])`
    + (attributes ? ` + (has(${v}.csi.driver) && ${v}.csi.driver == '${SECRETS_STORE_CSI_DRIVER}' && ${present(`${v}.csi.volumeAttributes`)}`
      + ` && has(${v}.csi.volumeAttributes.${CLASS_ATTRIBUTE}) ? [${v}.csi.volumeAttributes.${CLASS_ATTRIBUTE}] : [])` : '')
    + ' : []))';
}

/**
 * CEL: the names in the workspace binding `v` that Tekton does not substitute into but Tekton Triggers does, a
 * TriggerTemplate's `$(tt.params.x)` pasted in before Tekton reads the run: its Secrets Store CSI volume's
 * SecretProviderClass and its projected token audiences (nulls are left for the caller to skip).
 */
function EVENT_CHOSEN_BINDING_NAMES(v: string): string {
  const present = (x: string) => `has(${x}) && ${x} != null`;
  return `((${present(`${v}.projected`)} && ${present(`${v}.projected.sources`)}`
    + ` ? ${v}.projected.sources.filter(p, ${present('p.serviceAccountToken')} && has(p.serviceAccountToken.audience)).map(p, p.serviceAccountToken.audience) : [])`
    + ` + (${present(`${v}.csi`)} && has(${v}.csi.driver) && ${v}.csi.driver == '${SECRETS_STORE_CSI_DRIVER}' && ${present(`${v}.csi.volumeAttributes`)}`
    + ` && has(${v}.csi.volumeAttributes.${CLASS_ATTRIBUTE}) ? [${v}.csi.volumeAttributes.${CLASS_ATTRIBUTE}] : []))`;
}

/**
 * CEL: the volume or workspace binding `v` is no Secrets Store CSI volume with an attribute other than its
 * SecretProviderClass (the driver copies every other one over the class's parameters).
 */
function NO_CLASS_OVERRIDE(v: string): string {
  return `!(has(${v}.csi) && ${v}.csi != null && has(${v}.csi.driver) && ${v}.csi.driver == '${SECRETS_STORE_CSI_DRIVER}'`
    + ` && has(${v}.csi.volumeAttributes) && ${v}.csi.volumeAttributes != null && ${v}.csi.volumeAttributes.exists(a, a != '${CLASS_ATTRIBUTE}'))`;
}

/** The message and fix of a Secrets Store CSI volume that overrides its class. */
const CLASS_OVERRIDE_MESSAGE = 'sets a Secrets Store CSI volume attribute other than secretProviderClass (csi.volumeAttributes), which the driver'
  + " copies over the SecretProviderClass's parameters, so the volume, not the class, chooses the Vault role, secrets, address or auth";
const CLASS_OVERRIDE_FIX = 'Leave only secretProviderClass in volumeAttributes and set the parameter in the SecretProviderClass';

/** CEL: `base.name` is set to a string other than "" (null and "" are unset to Go's omitempty). */
function withValue(base: string, name: string): string {
  return `(has(${base}.${name}) && ${base}.${name} != null && ${base}.${name} != '')`;
}

/** CEL: the field `f` (a path) is set and not null. */
function setNotNull(f: string): string {
  return `has(${f}) && ${f} != null`;
}

/** CEL: no string of the list expression `strings` (nulls are skipped) holds a param. */
function paramFree(strings: readonly string[]): string {
  return `(${strings.join(' + ')}).all(s, s == null || !s.matches(${celString(PARAM_SUBSTITUTION_PATTERN)}))`;
}

/**
 * CEL: no param in the strings below the object `x` (a path, set and not null) that `node`
 * names: its strings (string fields, lists of strings, maps, those of the objects below and of
 * the elements of lists of objects that hold strings only) gathered into lists and matched
 * once; then each element of the other lists of objects below read the same way (`depth` numbers
 * the variables). `special` reads a field its own way.
 */
function substitutedFree(x: string, node: SubstitutedNode, depth: number, special: Record<string, (f: string) => string> = {}): string {
  const { strings, lists, below } = substitutedParts(x, node, depth, special);
  const all = [...below];
  if (strings.length > 0 || lists.length > 0) {
    all.unshift(`(${[...(strings.length > 0 ? [`[${strings.join(' + ')}]`] : []), ...lists].join(' + ')})`
      + `.all(l, l.all(s, s == null || !s.matches(${celString(PARAM_SUBSTITUTION_PATTERN)})))`);
  }
  return all.length === 1 ? all[0] : `(${all.join(' && ')})`;
}

/**
 * What substitutedFree reads below the object `x`: list expressions of its strings, list
 * expressions of lists of strings, and the checks of the lists of objects below.
 */
function substitutedParts(x: string, node: SubstitutedNode, depth: number, special: Record<string, (f: string) => string>):
{ strings: string[]; lists: string[]; below: string[] } {
  const strings: string[] = [];
  const lists: string[] = [];
  const below: string[] = [];
  const o = `o${depth}`;
  for (const [name, child] of Object.entries(node.fields ?? {})) {
    const f = `${x}.${name}`;
    if (special[name]) {
      below.push(special[name](f));
    } else if (child.leaf) {
      strings.push(`(has(${f}) ? [${f}] : [])`);
    } else if (child.each?.leaf) {
      strings.push(`(${setNotNull(f)} ? ${f} : [])`);
    } else if (child.map) {
      strings.push(`(${setNotNull(f)} ? ${child.map.keys ? `${f}.map(k, k) + ` : ''}${f}.map(k, ${f}[k]) : [])`);
    } else if (child.each) {
      const inner = substitutedParts(o, child.each, depth + 1, {});
      // elements that hold strings only: a list of their lists of strings
      if (inner.strings.length > 0 && inner.lists.length === 0 && inner.below.length === 0) {
        lists.push(`(${setNotNull(f)} ? ${f}.map(${o}, ${o} == null ? [] : ${inner.strings.join(' + ')}) : [])`);
      } else {
        below.push(`(!(${setNotNull(f)}) || ${f}.all(${o}, ${o} == null || ${substitutedFree(o, child.each, depth + 1)}))`);
      }
    } else {
      // an object: its strings join the lists, read through a variable where that is shorter than the path
      const objectParts = (bound: boolean) => {
        const inner = substitutedParts(bound ? o : f, child, bound ? depth + 1 : depth, {});
        const through = (expr: string) => bound ? `[${f}].map(${o}, ${expr})[0]` : expr;
        const parts = { strings: [] as string[], lists: [] as string[], below: [] as string[] };
        if (inner.lists.length > 0) {
          const own = inner.strings.length > 0 ? [`[${inner.strings.join(' + ')}]`] : [];
          parts.lists.push(`(${setNotNull(f)} ? ${through([...own, ...inner.lists].join(' + '))} : [])`);
        } else if (inner.strings.length > 0) {
          parts.strings.push(`(${setNotNull(f)} ? ${through(inner.strings.join(' + '))} : [])`);
        }
        if (inner.below.length > 0) {
          parts.below.push(`(!(${setNotNull(f)}) || ${bound ? `[${f}].all(${o}, ${inner.below.join(' && ')})` : `(${inner.below.join(' && ')})`})`);
        }
        return parts;
      };
      type Parts = ReturnType<typeof objectParts>;
      const size = (parts: Parts) => [...parts.strings, ...parts.lists, ...parts.below].join().length;
      const [path, bound] = [objectParts(false), objectParts(true)];
      const chosen = size(bound) < size(path) ? bound : path;
      strings.push(...chosen.strings);
      lists.push(...chosen.lists);
      below.push(...chosen.below);
    }
  }
  return { strings, lists, below };
}

/** CEL: no param in the label selectors of the list expression `selectors` (matchLabels keys and values, expression keys and values). */
function selectorsParamFree(selectors: string): string {
  return `${selectors}.all(l, ${paramFree([`(${setNotNull('l.matchLabels')} ? l.matchLabels.map(k, k) + l.matchLabels.map(k, l.matchLabels[k]) : [])`])}`
    + ` && (!(${setNotNull('l.matchExpressions')}) || l.matchExpressions.all(e, e == null || ${EXPRESSION_PARAM_FREE})))`;
}

/** CEL: no param in the key and values of a selector's expression `e` (not null). */
const EXPRESSION_PARAM_FREE = paramFree(['(has(e.key) ? [e.key] : [])', `(${setNotNull('e.values')} ? e.values : [])`]);

/**
 * CEL: no param in an affinity `a` (set and not null) where Tekton substitutes them, as
 * POD_TEMPLATE_SUBSTITUTED has it; the required and preferred terms of node, pod and pod
 * anti-affinity read together.
 */
function affinityParamFree(a: string): string {
  const orEmpty = (f: string) => `(${setNotNull(f)} ? ${f} : [])`;
  const required = (x: string) => `${x}.requiredDuringSchedulingIgnoredDuringExecution`;
  const preferred = (x: string, term: string) => `(${setNotNull(`${x}.preferredDuringSchedulingIgnoredDuringExecution`)}`
    + ` ? ${x}.preferredDuringSchedulingIgnoredDuringExecution.filter(w, w != null && has(w.${term})).map(w, w.${term}) : [])`;
  const nodeTerms = `(${setNotNull('af.nodeAffinity')} ? [af.nodeAffinity].map(n, (${setNotNull(required('n'))} ? ${orEmpty(`${required('n')}.nodeSelectorTerms`)} : [])`
    + ` + ${preferred('n', 'preference')})[0] : [])`;
  const podTerms = `((${setNotNull('af.podAffinity')} ? [af.podAffinity] : []) + (${setNotNull('af.podAntiAffinity')} ? [af.podAntiAffinity] : []))`
    + `.map(q, ${orEmpty(required('q'))} + ${preferred('q', 'podAffinityTerm')})`;
  const exprs = `(${orEmpty('t.matchExpressions')} + ${orEmpty('t.matchFields')}).all(e, e == null || ${EXPRESSION_PARAM_FREE})`;
  return `(!(${setNotNull(a)}) || [${a}].all(af, ${nodeTerms}.all(t, t == null || ${exprs})`
    + ` && ${podTerms}.all(ts, ts.all(t, t == null || (${paramFree(['(has(t.topologyKey) ? [t.topologyKey] : [])', orEmpty('t.namespaces')])}`
    + ` && ${selectorsParamFree(`((${setNotNull('t.labelSelector')} ? [t.labelSelector] : []) + (${setNotNull('t.namespaceSelector')} ? [t.namespaceSelector] : []))`)})))))`;
}

/**
 * CEL: no param in the strings of the pod template `p` that Tekton substitutes a TaskRun's params
 * into (ApplyPodTemplateReplacements; the tree POD_TEMPLATE_SUBSTITUTED, which the catalogue's
 * RUN_POD_OVERRIDES reads too): scheduling, DNS, host aliases, priority, runtime and scheduler
 * names, the securityContext's strings, imagePullSecrets, volumes and env.
 */
function podParamsFree(p: string): string {
  return `(${p} == null || ${substitutedFree(p, POD_TEMPLATE_SUBSTITUTED, 0, { affinity: affinityParamFree })})`;
}

/** CEL: env entry `e` is set from a Secret (`valueFrom.secretKeyRef`). */
function SECRET_ENV(e: string): string {
  return `(has(${e}.valueFrom) && ${e}.valueFrom != null && has(${e}.valueFrom.secretKeyRef) && ${e}.valueFrom.secretKeyRef != null)`;
}

/** CEL: env entry `e` has a value the kubelet expands (a non-empty `value`). */
function ENV_VALUED(e: string): string {
  return `(has(${e}.value) && ${e}.value != null && ${e}.value != '')`;
}

/**
 * CEL: a container entry `k` with what the secrets policy reads of it, worked out once
 * (and only where a Secret is in env):
 * `tenv` and `senv`, the env of its stepTemplate (steps only) and its own; `fromSecret`, whether
 * the envFrom it runs with (its own if it sets any, else the stepTemplate's) names a Secret; `podSecret`, whether a run's pod template
 * appends a Secret env var to its env (a step's: podSecretFor), which its command and args reach, not its env values;
 * `argv`, its command and args as Tekton runs them; and `cv`, those of the arguments and env
 * values that hold a substitution callers can choose as the kubelet sees it: step results are
 * replaced by the entrypoint after the kubelet, and the path of a workspace whose declared
 * mountPath holds a param counts (see chosenPaths).
 */
const ENV_ENTRY = '[has(k.t.env) ? k.t.env : []].map(tenv, [has(k.c.env) ? k.c.env : []].map(senv,'
  + ' [(has(k.c.envFrom) && k.c.envFrom != null && size(k.c.envFrom) > 0 ? k.c.envFrom : has(k.t.envFrom) && k.t.envFrom != null ? k.t.envFrom : [])'
  + '.exists(f, has(f.secretRef) && f.secretRef != null)].map(fromSecret,'
  // (a run's pod template's Secret env var, which Tekton appends to every step's env after its own, no sidecar's: podSecret)
  + ` [${podSecretFor('k')}].map(podSecret,`
  // the rest only where a Secret is in env: most containers have none
  + ` [fromSecret || podSecret || (tenv + senv).exists(e, ${SECRET_ENV('e')})].map(secrets,`
  + ` [secrets ? ${chosenPaths('k')} : {'direct': [], 'through': []}].map(chosen,`
  + ` [chosen.direct + chosen.through].map(p, [${effective('k', 'command', '[]')} + ${effective('k', 'args', '[]')}].map(argv,`
  + " {'target': k.target, 'role': k.role, 'c': k.c, 't': k.t, 'w': k.w, 'tenv': dyn(tenv), 'senv': dyn(senv), 'argv': dyn(argv),"
  + " 'fromSecret': dyn(fromSecret), 'podSecret': dyn(podSecret),"
  + ` 'cv': dyn(!secrets ? [] : (argv + (tenv + senv).filter(e, ${ENV_VALUED('e')}).map(e, e.value)).filter(x, x.contains('$(')`
  + ` && (x.findAll(${celString(SUBSTITUTION)}).exists(m, ${untrustedSubstitution('m')} && !m.matches(${celString(STEP_RESULT_PATTERN)}))`
  + " || (size(p) > 0 && p.exists(n, x.contains('$(workspaces.' + n + '.path)'))))))})[0])[0])[0])[0])[0])[0])[0])[0]";

/** CEL: `body` with `cmd`, `args` and `argv` bound to those of a container entry `k` made by RUN_ENTRY. */
function withRun(k: string, body: string): string {
  return `[${k}.cmd].all(cmd, [${k}.args].all(args, [cmd + args].all(argv, ${body})))`;
}

/**
 * CEL over a container entry `k`: the seccompProfile it runs with (field by field, its own over its stepTemplate's; for a step
 * that runs a StepAction, what the stepTemplate sets under the StepAction's) is one the API server and the kubelet accept: type
 * Localhost with a non-empty localhostProfile, or another type (unset: "") without one.
 */
function profileAccepted(k: string): string {
  const profile = ['securityContext', 'seccompProfile'];
  const at = (base: string, name: string) => [base, ...profile, name].join('.');
  const own = (base: string, name: string, otherwise: string) =>
    `(${isSet(base, [...profile, name], false)} ? ${at(base, name)} : ${otherwise})`;
  // the type: the first seccompProfile that is set says it ("" when it has none)
  const type = (bases: string[]) => bases.reduceRight((rest, base) => `(${isSet(base, profile, false)} ? (has(${at(base, 'type')}) ? ${at(base, 'type')} : '') : ${rest})`, "''");
  const local = (bases: string[]) => bases.reduceRight((rest, base) => own(base, 'localhostProfile', rest), 'null');
  const accepted = (bases: string[]) => `[${type(bases)}].all(type, [${local(bases)}].all(local,`
    + " type == 'Localhost' ? (local != null && local != '') : local == null))";
  return `(has(${k}.c.ref) ? (!(${isSet(`${k}.t`, profile, false)}) || ${accepted([`${k}.t`])}) : ${accepted([`${k}.c`, `${k}.t`])})`;
}

/** CEL over one pod template `p`: `test` holds for its securityContext field at `path`, or it is unset (null: Go decodes it as unset). */
function podField(p: string, path: readonly string[], test: (value: string) => string): string {
  const value = [p, ...path].join('.');
  return `(!(${hasPath(p, path)}) || ${value} == null || ${test(value)})`;
}

/**
 * CEL over a securityContext `sc` (of a container, with `at` reading a field as
 * Tekton runs it): the SELinux, /proc and AppArmor settings keep the default isolation.
 */
function isolated(at: (path: readonly string[], test: (value: string) => string) => string): string {
  return [
    at(['securityContext', 'seLinuxOptions', 'type'], (v) => `(${v} == '' || ${v} in ${list(SELINUX_TYPES)})`),
    at(['securityContext', 'seLinuxOptions', 'user'], (v) => `${v} == ''`),
    at(['securityContext', 'seLinuxOptions', 'role'], (v) => `${v} == ''`),
    at(['securityContext', 'procMount'], (v) => `${v} == 'Default'`),
    at(['securityContext', 'appArmorProfile', 'type'], (v) => `${v} != 'Unconfined'`),
    // the kernel reads the profile name `unconfined`, or a beginning of it, as no profile (strncmp over the name's length; the API
    // server admits localhostProfile with type Localhost alone)
    at(['securityContext', 'appArmorProfile', 'localhostProfile'], (v) => `(${v} == '' || !'unconfined'.startsWith(${v}))`),
  ].join(' && ');
}

/** Name of the variable that holds the targets of the object's honoured relaxation records of `rule`. */
function relaxedVariable(rule: RuleId): string {
  return 'relaxed' + rule.toLowerCase().split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

/**
 * ValidatingAdmissionPolicies (with their bindings) that enforce the library's key
 * invariants in the cluster, for Tekton objects created by any means (defence in
 * depth): `kubectl apply` of hand-written YAML, other tools, the Tekton controller.
 *
 * Thirteen policies (fourteen with `customTaskControllerUsernames`), bound to the given namespaces, with `failurePolicy: Fail` and
 * `matchPolicy: Equivalent` (v1beta1 and v1alpha1 requests are converted by Tekton's
 * conversion webhook and checked too): nine matching CREATE and UPDATE of `tekton.dev/v1`
 * Tasks, Pipelines, TaskRuns and PipelineRuns and `tekton.dev/v1beta1` StepActions (as
 * listed), one matching updates of the runs' `status` subresource, which the others
 * do not match, and one matching CREATE and UPDATE of Tekton Triggers' EventListeners and
 * Triggers (`triggers.tekton.dev` `v1beta1` and `v1alpha1`, each read at the version of the
 * request: Triggers' CRDs declare no conversion), one matching CREATE and UPDATE of ResolutionRequests
 * and their status, one matching CREATE and UPDATE of CustomRuns and PipelineRuns (the children a
 * PipelineRun adopts), and, with `customTaskControllerUsernames`, one matching updates of `customruns/status`. The policies walk every container the way the rule catalogue
 * does: the steps (each with its stepTemplate, field by field), sidecars and
 * stepTemplate of a Task's spec, a TaskRun's taskSpec, the taskSpec of every task and
 * finally task of a Pipeline or of a PipelineRun's pipelineSpec (with the spec a
 * custom task embeds in it, and the tasks of pipelineSpecs embedded in pipeline tasks,
 * two levels down), and a StepAction's spec; and every pod template of a run (a
 * TaskRun's podTemplate, a PipelineRun's taskRunTemplate.podTemplate and each
 * taskRunSpecs[].podTemplate).
 * - `<prefix>-image-digest` (IMAGE_DIGEST): every step, sidecar, stepTemplate and
 *   StepAction image is pinned by `@sha256:` digest, or by `@sha384:` or `@sha512:` and the hex of
 *   its length with no `$(…)` in the image (the kubelet pulls by them), but not in a step or StepAction
 *   with neither a command (its own or its stepTemplate's) nor a script: Tekton looks up the entrypoint
 *   of such a step with go-containerregistry, which reads sha256 digests only, so every run fails;
 *   a step that runs a StepAction
 *   (`ref`) has no image of its own and is checked through the StepAction; a step that
 *   takes its stepTemplate's image is checked for it (a record of the step exempts it), and
 *   a step with none of these has no image, which Tekton refuses.
 * - `<prefix>-step-security-context`: every step, sidecar and StepAction sets
 *   `runAsNonRoot: true` and no `runAsGroup: 0` (RUN_AS_NON_ROOT: the kubelet refuses a `runAsUser` of 0
 *   beside `runAsNonRoot: true`, but not the root group), `allowPrivilegeEscalation: false`
 *   (NO_PRIVILEGE_ESCALATION), not `privileged: true` (NOT_PRIVILEGED), drops ALL
 *   capabilities and adds none (DROP_ALL_CAPABILITIES; a record of it admits only added
 *   capabilities the Pod Security baseline profile allows, such as kaniko's CHOWN,
 *   DAC_OVERRIDE, FOWNER, SETUID, SETGID, FSETID and SETFCAP: SYS_ADMIN is refused whatever the records), and a RuntimeDefault or
 *   Localhost seccomp profile that the API server and the kubelet accept, as merged field by
 *   field with the stepTemplate's (a `localhostProfile` only with type Localhost, and not
 *   empty: SECCOMP_RUNTIME_DEFAULT); a field set to null is unset, as Tekton reads it; a step that runs a StepAction
 *   (`ref`) gets the StepAction's securityContext and is checked through it, except for
 *   what its stepTemplate sets, which Tekton merges under it and which must pass the same
 *   checks; a stepTemplate itself never sets `privileged: true` (a step's null leaves the
 *   field to it). And no step runs a StepAction that a resolver fetches (`ref.resolver`), but
 *   through the `cluster` resolver with a literal `namespace` param naming one of the bound
 *   namespaces, whose StepActions these policies admitted (VALID_SPEC, never exempt): the step
 *   takes the fetched StepAction's image, script and securityContext, which its publisher
 *   chooses at each run and which the policies check only in Tekton's dry-run create of it
 *   in the run's namespace (pkg/reconciler/apiserver DryRunValidate), honouring the relaxation
 *   records the publisher wrote in it, and Tekton does not verify it (trusted resources cover
 *   Tasks and Pipelines only); without a
 *   `namespace` param the resolver reads its configured default namespace.
 * - `<prefix>-host-access`: nothing reaches into the node (NO_HOST_ACCESS): no
 *   hostPath or gitRepo volume in a task spec or pod template, no hostNetwork, hostPID or hostIPC,
 *   no hostPort on a sidecar (a step's never reaches the pod), no host in a sidecar's probes or
 *   lifecycle hooks (the kubelet connects to it from the node), no Windows hostProcess in a
 *   container or pod securityContext; and containers and pods keep their isolation
 *   (DEFAULT_ISOLATION): a container SELinux type and no SELinux user or role, procMount
 *   Default, AppArmor not Unconfined nor a Localhost profile named unconfined (nor turned off by a run's profile annotations),
 *   and only the sysctls the Pod Security baseline profile allows; and the volumes of
 *   task specs and pod templates hold nothing another run left (WORKSPACE_PER_RUN): no
 *   existing PersistentVolumeClaim, no ephemeral claim with `volumeName`, `dataSource`,
 *   `dataSourceRef`, a selector or no storage class (`storageClassName: ""`, or an empty
 *   `volume.beta.kubernetes.io/storage-class` annotation, which wins); and no task spec (a
 *   Task's, a Pipeline's task's or one a run embeds, whose runs carry no spec to refuse) projects a
 *   ServiceAccount token into its pods (RUN_TOKEN_AUTOMOUNT).
 * - `<prefix>-injection`: a substitution callers can choose (`$(params…)`,
 *   `$(tasks…results…)`, `$(steps…results…)`, `$(context…)`, a workspace claim …; not
 *   the paths Tekton fixes, such as `$(workspaces.<w>.path)` or `$(results.<r>.path)`)
 *   reaches no step, sidecar or StepAction script, nor the arguments of a command whose
 *   program is an interpreter or command runner (`sh`, `bash`, `python3`, `node`, `env …
 *   sh`, `ssh`, `kubectl` … by basename; one a wrapper or a package runner runs too, `timeout 5 sh -c …`,
 *   `pnpm dlx bash -ec …`, `npx node -e …`), nor the string of `env -S` (env as `command[0]`)
 *   (SCRIPT_INJECTION; `bun` whatever its sub-command, stricter than the catalogue, which reads `bun x …` as a package
 *   runner, as bunx, and the arguments after the file of `bun run FILE` or `bun FILE` as data: a caller's package or program
 *   there, `bun x $(params.x)`, its ARGUMENT_INJECTION, is refused as SCRIPT_INJECTION); it neither picks the program
 *   (`command[0]`), nor reaches the arguments of an image's entrypoint (args without
 *   command or script), nor starts an argument before a literal `--` (the first, also one that the option before it takes as its value,
 *   which the catalogue reports for a known program: `tar -xf -- $(params.f)`, whose `-f` GNU tar gives the `--`, is admitted; none beside tfcmt, npx, npm, uvx, uv, pipx, bunx, bun,
 *   pnpm, pnpx or yarn, which run a command of their own after it), nor reaches the option of such a runner that names the package
 *   it installs and runs or its code (`npx --package=…`, `uvx --from …`, `pipx run --spec=…`, `npx -c …`), nor any of the code of `yarn exec` (the word after `exec`, which
 *   yarn 2 and later run with their own shell: `yarn exec "tsc -p $(params.x)"`), nor expands an
 *   array param (`[*]`), nor picks the workingDir of a program that does not run its
 *   arguments as code (ARGUMENT_INJECTION, which, as the catalogue, leaves those to
 *   SCRIPT_INJECTION), nor sets an env var that a program runs as code (GIT_SSH_COMMAND,
 *   NODE_OPTIONS, LD_PRELOAD, PATH …, SHELL beside su, runuser, flock, script, sudo or doas, and ENV where the shell runs interactive: `sh -ic`,
 *   `#!/bin/sh -i`, `env -S 'sh -i'`, env behind a wrapper too, `timeout 5 env -S 'sh -i' bash`,
 *   and a shell whose option word holds a `$(NAME)` the kubelet expands, `sh -$(O)`, whose value
 *   it does not read; PROMPT_COMMAND, PS0, PS1 and PS2 where it reads its commands
 *   with a prompt: `bash -i`; any of those beside a shell given more than 6 option words, past
 *   which it does not read them (`bash -e -u -x -o pipefail -o errexit -i`: group them, `bash -eux`);
 *   in env (a stepTemplate's too, beside the step's shell), or as a `NAME=VALUE` argument of env run as `command[0]` or behind a wrapper
 *   (`nice env BASH_ENV=… bash`), whose
 *   name it does not pick either), nor reaches the args of a `#!win` script; nor, beside such an
 *   ENV or prompt, does a script or an interpreter's code start a shell with `-i` or an option
 *   word it expands (`O=i; sh -$O`, `sh $FLAGS`: SCRIPT_INJECTION, whatever value it gives), past
 *   line continuations (`bash \<newline> -i`) and the values of `--rcfile`, `--init-file`, `-o`, `+o`
 *   and bash's `-O` and `+O`, quoted or escaped ones too (`bash --rcfile 'a b' -i`, `bash -O extglob -i`), but not in the string of `-S` given to busybox's or toybox's
 *   env applet (`nice busybox env -S 'sh -i'`), which knows no `-S` and runs nothing; a
 *   `$(NAME)` the kubelet expands from an env var that holds such a substitution counts as
 *   one, and so does `$(workspaces.<w>.path)` of a workspace whose declared `mountPath`
 *   holds a param (Tekton substitutes params there first), as in the catalogue. Nor does such a
 *   substitution choose which volume is mounted, where, or which part of it a container sees: a
 *   step's, sidecar's, stepTemplate's or StepAction's own `volumeMounts[].name`, `mountPath` and
 *   `subPath` (Tekton substitutes params there and refuses a `tekton-internal-` name and a mount
 *   under `/tekton/` only as written), a `subPathExpr`
 *   whose `$(NAME)` the kubelet expands from an env var holding one, and a task spec's
 *   `workspaces[].mountPath` (MOUNT_PATH_FIXED; a record for the Task's own workspaces is `*`, for
 *   an embedded spec's `task/<name>`); nor the names of the env vars an `envFrom` entry of a step,
 *   sidecar or stepTemplate gives (its `prefix`: the kubelet names each one prefix and
 *   key, so `LD_` before a key `PRELOAD` makes `LD_PRELOAD`) or the ConfigMap whose every key
 *   becomes one (its `configMapRef.name`, the run's name there too; a `secretRef.name` is the
 *   secrets policy's), nor the file a step's `stdoutConfig.path` or
 *   `stderrConfig.path` names, which the entrypoint appends the stream to (MOUNT_PATH_FIXED).
 * - `<prefix>-secrets`: in a container whose env holds Secret
 *   values (`valueFrom.secretKeyRef`, an `envFrom` `secretRef`; a step's env merged with its
 *   stepTemplate's in Tekton's order: the step's own entries first; a `secretKeyRef` in the env of a
 *   run's pod template, a TaskRun's podTemplate, a PipelineRun's taskRunTemplate.podTemplate or any
 *   taskRunSpecs[].podTemplate, which Tekton appends to the env of every step of the pod (no sidecar)
 *   after the step's own, read for every step of the run, a per-task one's for the steps of the pipeline
 *   task whose `pipelineTaskName` names it (and of a pipelineSpec that task embeds), as the catalogue
 *   reads it: the kubelet expands a step's command and args with it, not its env values, which come before; a
 *   Task's or Pipeline's own containers are not judged with the runs that name them), no substitution callers
 *   can choose (but a step result, which the entrypoint replaces later) reaches `command`,
 *   `args`, or an env value after a Secret env var (or beside an envFrom Secret): the kubelet
 *   expands `$(NAME)` there, so a caller's `$(GITHUB_TOKEN)` would become the token
 *   (EXPANSION_INJECTION); and no such substitution names a Secret, a key of one or a
 *   SecretProviderClass that a step, sidecar, stepTemplate, StepAction or task volume reads
 *   (`secretKeyRef`, `envFrom` `secretRef`, secret, projected and CSI volumes:
 *   SECRET_REFERENCE_FIXED); and a task volume of the Secrets Store CSI driver sets no
 *   attribute but `secretProviderClass` (the driver copies every other one over the class's
 *   parameters: SECRET_REFERENCE_FIXED).
 *   A policy sees only the object admitted, but the `default-pod-template` of the ConfigMap
 *   `config-defaults` reaches it all the same: Tekton's defaulting webhook merges it into every
 *   TaskRun's `podTemplate` and PipelineRun's `taskRunTemplate.podTemplate` (its `env` with the run's,
 *   by name) before validating admission, so a Secret env var it sets is counted for every step
 *   of the run (not of a spec a custom task embeds: its CustomRun has no pod template), as the run's own (and `<prefix>-run-pod-templates` refuses any env there; names that
 *   `default-forbidden-env` lists, which Tekton drops, are counted all the same; see
 *   docs/cluster-config.md). A Task or Pipeline is judged without it, as the runs that name it are
 *   judged without its containers.
 * - `<prefix>-run-pod-templates`: run pod templates change neither what steps run nor
 *   where (RUN_POD_OVERRIDES), and runs set none of the labels Tekton gives a pipeline
 *   task's pods, which the pipeline's NetworkPolicies select (a `tekton.dev/` label in
 *   `taskRunSpecs[].metadata.labels`; `tekton.dev/pipeline`, `pipelineTask`, `pipelineRun`
 *   or `memberOf` on a TaskRun the controller did not make, unless an update leaves them
 *   as they were): no env, hostAliases, dnsPolicy None, dnsConfig
 *   nameservers or searches, no control-plane nodeSelector, node affinity (but `DoesNotExist`) or toleration (nor a
 *   toleration of every taint), no system priority class, and no param (`$(params…)`) in
 *   the strings Tekton substitutes a TaskRun's params into (nodeSelector, tolerations, node
 *   and pod (anti-)affinity, topologySpreadConstraints, DNS, host aliases, priority, runtime
 *   and scheduler names, the securityContext's strings, sysctls included, imagePullSecrets,
 *   volumes' Secret, ConfigMap and claim names, token audiences and CSI attributes, env: the
 *   catalogue's list); they give pods no root
 *   identity (runAsUser, runAsGroup, fsGroup 0 or supplemental group 0) and set no
 *   seccompProfile whose type is not RuntimeDefault or Localhost (Unconfined reaches every
 *   container that sets none, Tekton's init containers among them: RUN_POD_SECURITY_CONTEXT); they project no ServiceAccount token, nor does a run's
 *   workspace binding or a task spec (a run's, a Task's, a Pipeline's task's: `<prefix>-host-access` refuses those), and no
 *   template (run-wide, per task or a TaskRun's) turns automountServiceAccountToken back on (RUN_TOKEN_AUTOMOUNT). Other
 *   labels a run chooses for its pods are admitted: whether one makes a NetworkPolicy (or a
 *   Cilium, Calico or AdminNetworkPolicy) select the pods and give them egress depends on the
 *   policies of the namespace, which a ValidatingAdmissionPolicy does not see (it sees the run
 *   alone), and refusing every label but an allow-list would refuse the labels tools and teams
 *   put on runs. The audit judges them against the policies checked with the run, and synth
 *   against the app's (RUN_POD_OVERRIDES); in the cluster, write policies that leave Tekton's
 *   pods out (a `tekton.dev/taskRun` DoesNotExist expression) or select them by the
 *   `secure-tekton/pipeline` label, as the library's own NetworkPolicies do: this policy admits it only as
 *   a Pipeline's own name, which Tekton copies onto the pods of its runs (a run of it by name may repeat
 *   it; no other run, Task, TaskRun or embedded spec may set it); not by `tekton.dev/pipeline`
 *   or `tekton.dev/pipelineTask`: a PipelineRun with an embedded `pipelineSpec` chooses both (Tekton keeps
 *   the run's own `tekton.dev/pipeline` label, or sets the run's name, which its writer chose; the pipeline
 *   task names are the spec's).
 * - `<prefix>-run-service-account` (RUN_SERVICE_ACCOUNT): PipelineRuns name an allowed
 *   ServiceAccount in `taskRunTemplate` (and in any `taskRunSpecs[]` that sets one: an
 *   empty one inherits the taskRunTemplate's),
 *   TaskRuns in `serviceAccountName`; `default` is never allowed.
 * - `<prefix>-run-workspaces` (WORKSPACE_PER_RUN): run workspaces bind no existing
 *   PersistentVolumeClaim, and `volumeClaimTemplate`s ask for ReadWriteOnce or
 *   ReadWriteOncePod only and set no `volumeName`, `dataSource`, `dataSourceRef`, selector
 *   or empty storage class (`storageClassName` or the beta annotation, as above); and
 *   no PipelineRun binding names its Secret by a task's result, no run binding its
 *   SecretProviderClass or token audience (nor a TaskRun binding its Secret) by a
 *   TriggerTemplate's `$(tt.params.x)`, and no Secrets Store CSI
 *   binding sets an attribute but `secretProviderClass` (SECRET_REFERENCE_FIXED)
 *   (the Tekton controller's TaskRuns are not matched: it binds them to the claims it
 *   made from the PipelineRun's templates).
 * - `<prefix>-workspace-claims` (WORKSPACE_PER_RUN): only `tektonControllerUsername` creates a
 *   PersistentVolumeClaim whose name ends in `-` and 10 lower-case hex digits, the name Tekton v1.15 gives
 *   the claim it makes for a run's `volumeClaimTemplate` workspace (`<template name, or pvc>-<the first
 *   10 hex of the sha256 of the workspace name and the run's UID>`). The controller takes an existing claim of
 *   that name as the run's new workspace without checking who made it or its owner
 *   (pkg/reconciler/volumeclaim/pvchandler.go): the name cannot be known before the run exists (the API server
 *   gives the UID), but whoever may watch runs and create claims in the namespace learns it when the run is
 *   created, and may create the claim, from a snapshot or a clone of their own data, bound to a volume they
 *   keep, before the controller does (a pending PipelineRun, a resolver still fetching its Pipeline, a busy
 *   controller leave seconds or more): the run then starts from their data and they can read what it writes.
 *   With Tekton's `coschedule: pipelineruns` (or `isolate-pipelinerun`), the affinity assistant's StatefulSet
 *   makes the claims (`<claim name>-affinity-assistant-<10 hex>-0`, created by Kubernetes' StatefulSet controller,
 *   which reuses an existing claim too): only `statefulSetControllerUsernames` creates a claim of that form, and
 *   none owned by a Pod: kube-controller-manager's ephemeral volume controller names a Pod's generic ephemeral
 *   volume's claim `<pod name>-<volume name>`, owned by the Pod, and creates it as `system:kube-controller-manager`
 *   where it runs without `--use-service-account-credentials`, so a Pod named `<claim name>-affinity-assistant-<10 hex>`
 *   with an ephemeral volume named `0` would make a run's claim (the assistant's claim, made with Tekton's retention
 *   policy Retain, has no owner). Never exempt.
 * - `<prefix>-affinity-assistants` (RBAC_NO_ESCALATION, WORKSPACE_PER_RUN): only `tektonControllerUsername`
 *   creates a StatefulSet named `affinity-assistant-…`, changes one's spec or its ownerReferences (an update that
 *   leaves both as they were, such as the garbage collector's finalizers, is admitted; `statefulsets/status`, whose
 *   metadata the API server keeps, is judged as the StatefulSet) or scales one
 *   (`statefulsets/scale`: Tekton makes it with one replica and never scales it; with 0 the run's pods wait
 *   unscheduled, with more they may land beside a replica on another node than their ReadWriteOnce claims), and
 *   only it creates one whose volumeClaimTemplates
 *   make an affinity assistant's claim (`<template name>-<StatefulSet name>-0`, e.g. a template `pvc-affinity`
 *   of a StatefulSet `assistant-<10 hex>`). Tekton v1.15 names a PipelineRun's affinity assistant
 *   `affinity-assistant-<the first 10 hex of the sha256 of the workspace name (none with coschedule: pipelineruns)
 *   and the run's name>`, known as soon as the run's name is, and takes an existing StatefulSet of that name as it
 *   is (pkg/reconciler/pipelinerun/affinity_assistant.go): the run's pods are then scheduled beside its author's pod,
 *   on a node they choose, and with `coschedule: pipelineruns` the author's volumeClaimTemplates (or a claim they
 *   create once the run's UID is known) hold the run's workspaces. Never exempt. Tekton gives every assistant a pod
 *   anti-affinity to the pods labelled `app.kubernetes.io/component: affinity-assistant` on its node (topologyKey
 *   `kubernetes.io/hostname`; required with `coschedule: isolate-pipelinerun`, preferred otherwise), and a run's pods a
 *   required pod affinity to the one also labelled `app.kubernetes.io/instance: <its assistant's name>`
 *   (pkg/internal/affinityassistant, in the run's namespace): a Pod with that component label keeps the assistants,
 *   and the run pods that follow them, off its node (on every node but one, its author chooses theirs; on every node,
 *   the runs never start), and with an assistant's instance label draws that run's pods to its node. Only
 *   `statefulSetControllerUsernames` creates one, for a StatefulSet named `affinity-assistant-…` that controls it (its
 *   ownerReferences); nobody else gives a Pod that label by an update or changes the component or instance label of
 *   a Pod carrying it (an update that leaves them, such as the garbage collector's, is admitted; `pods/status`, whose
 *   labels the API server keeps, is judged as the Pod); a Deployment,
 *   ReplicaSet, DaemonSet, Job, CronJob, ReplicationController or StatefulSet not named so whose pod template carries
 *   it is refused (RBAC_NO_ESCALATION).
 *   The PipelineRun owns its assistant (its ownerReferences), which the garbage collector deletes with it: detached,
 *   it outlives a run deleted before it finished, and Tekton takes it as the assistant of the next PipelineRun of
 *   that name. The garbage collector (`system:serviceaccount:kube-system:generic-garbage-collector`, or
 *   `system:kube-controller-manager` without `--use-service-account-credentials`) may remove owners, adding or changing
 *   none: it orphans the assistant of a PipelineRun deleted with propagation Orphan, and retries until it has
 *   before it removes the run's `orphan` finalizer, so a refusal would leave the run Terminating for ever, its reason
 *   in the garbage collector's log alone. Limit: whoever may delete a PipelineRun may so detach its assistant, whose
 *   spec stays the Tekton controller's; the next PipelineRun of that name, in that namespace, then takes it, its node
 *   and its claims (give runs generated names). A Task, Pipeline, TaskRun or PipelineRun carrying the component label in its
 *   metadata.labels, a PipelineRun's `taskRunSpecs[].metadata.labels` or an embedded pipeline task's
 *   `taskSpec.metadata.labels` is refused (RBAC_NO_ESCALATION), created so, given it by an update or its instance
 *   label changed: Tekton copies them to the run's pods (pkg/pod makeLabels), whose creation would be refused. A
 *   Pipeline's or Task's labels, and its pipeline tasks' `taskSpec.metadata.labels`, fetched by a resolver reach the
 *   PipelineRun (the controller's update storing the fetched Pipeline's labels) and its TaskRuns (created with them,
 *   updated with the fetched Task's): the controller's creation or update is refused, naming the fetched Pipeline or
 *   Task as the place to remove the label from, and the run fails when its TaskRuns cannot be created.
 * - `<prefix>-run-status` (RBAC_NO_ESCALATION): only `tektonControllerUsername` updates or
 *   patches `taskruns/status` and `pipelineruns/status`. The controller runs a TaskRun's
 *   `status.taskSpec` (a PipelineRun's `status.pipelineSpec`) in place of the Task (Pipeline)
 *   its ref names once it is set, and reads results from status: anyone else who could
 *   write it would run a spec no policy checked. Never exempt.
 * - `<prefix>-resolution-requests` (RBAC_NO_ESCALATION): only `tektonControllerUsername`
 *   creates a ResolutionRequest (`resolution.tekton.dev`), and only it and
 *   `tektonResolversUsername` change one's spec or write its status (an update that leaves
 *   the spec as it was, such as the garbage collector's, is admitted). The controller reuses a
 *   request of the name it would give its own and runs what its `status.data` holds, never
 *   comparing its spec with the reference: anyone else who could create one (with a spec a
 *   resolver then answers) or write its answer would run a Task, Pipeline or StepAction no
 *   policy checked in place of the admitted one. Never exempt.
 * - `<prefix>-custom-run-status` (RBAC_NO_ESCALATION, with `customTaskControllerUsernames` only): only
 *   the listed custom task controllers update or patch `customruns/status` (`tekton.dev/v1beta1`).
 *   Tekton reads a CustomRun's Succeeded condition to decide whether the pipeline tasks after it run
 *   (an approval task's condition is the approval) and passes its results to their params and `when`
 *   expressions; its own controller only patches a CustomRun's spec. Never exempt.
 * - `<prefix>-child-runs` (RBAC_NO_ESCALATION): only `tektonControllerUsername` (and the
 *   `customTaskControllerUsernames`, who already decide a CustomRun's success) creates a CustomRun
 *   (`tekton.dev/v1beta1`) or PipelineRun carrying both a PipelineRun's `tekton.dev/pipelineRun` and
 *   `tekton.dev/pipelineRunUID` labels with that PipelineRun (the UID the label holds) as its first
 *   owner reference, or gives an object both labels or that owner reference, or changes one of the labels or the
 *   `tekton.dev/pipelineTask` label beside them (an update that keeps them, such as Chains', is admitted). Tekton lists the
 *   CustomRuns and PipelineRuns carrying both labels of a PipelineRun and adds each whose first owner
 *   reference is that PipelineRun to its children, as the run of the pipeline task its
 *   `tekton.dev/pipelineTask` label names, taking its success and results (tektoncd/pipeline v1.15
 *   pipelinerun.go `updatePipelineRunStatusFromChildRefs`): anyone else who could write one would pass an
 *   approval gate or stand in for a pipelines-in-pipelines task. The labels without that owner reference
 *   (a child PipelineRun's labels copied into a rerun of it) adopt nothing and are admitted. Nor does anyone else change
 *   the spec of a CustomRun carrying both labels (owned or not) but for `spec.status` and `spec.statusMessage` (cancelling it),
 *   nor remove or change its `tekton.dev/pipelineRun`, `tekton.dev/pipelineRunUID` or `tekton.dev/pipelineTask` label: Tekton's
 *   webhook admits any change of a CustomRun's spec, whose custom task's controller then runs the new one
 *   (an approval gate's `approvers` param rewritten), and Tekton reads a pipeline task's CustomRun by the name its
 *   PipelineRun's `status.childReferences` holds, whatever its labels and owners (pipelinerun.go `getCustomRunFunc`), so an
 *   owner reference or the labels removed first (the garbage collector removes the owner reference when it orphans a
 *   run) no longer frees the spec. A TaskRun's labels are judged by
 *   `<prefix>-run-pod-templates`. Never exempt. Limit: Tekton also takes as a pipeline task's run the
 *   TaskRun, CustomRun or child PipelineRun that already bears the name it would give it
 *   (`<PipelineRun name>-<pipeline task name>`, `-<i>` appended per matrix combination, hashed past 63
 *   characters), whatever its labels and owners (pipelinerunresolution.go `ResolvePipelineTask`,
 *   `getNewRunNames`): a CustomRun `release-x7k2p-approve` created by whoever may create CustomRuns while
 *   PipelineRun `release-x7k2p` runs, before its `approve` task starts, is its approval. No admission
 *   policy knows the names a PipelineRun will give, so only RBAC closes this: grant creation of
 *   customruns and taskruns (and pipelineruns where pipelines run pipelines) where PipelineRuns run only
 *   to whom may decide their tasks' outcome.
 * - `<prefix>-remote-references` (VALID_SPEC, never exempt): no `taskRef` or `pipelineRef`
 *   fetches a Task or Pipeline through a resolver (a `resolver` other than "" and null, which
 *   Tekton reads as unset): a TaskRun's `spec.taskRef`, a PipelineRun's `spec.pipelineRef`, and
 *   those of the tasks and finally tasks of a Pipeline, of a PipelineRun's pipelineSpec and of
 *   the pipelineSpecs embedded two levels down; but through the `cluster` resolver with a
 *   literal `namespace` param naming one of the bound namespaces (every `namespace` param: the
 *   resolver takes the last), whose Tasks and Pipelines these policies admitted. A reference
 *   with neither `resolver` nor `name` is judged as Tekton's defaulting webhook leaves it: the
 *   API server runs mutating webhooks before these policies, so it carries config-defaults'
 *   `default-resolver-type` by then (the audit, which reads the files, needs that ConfigMap
 *   checked with them: REMOTE_REFERENCE_PINNED). What a
 *   resolver fetches is checked only in Tekton's dry-run create of it in the run's namespace
 *   (DryRunValidate), with the relaxation records its publisher wrote in it, which Tekton then
 *   copies onto the run: a TaskRun a trigger creates with
 *   `taskRef: { resolver: git, params: [url, revision: main, pathInRepo] }` would run whatever
 *   that branch holds, exempt from the relaxable checks its records name. With `pinnedRemoteReferences`, a written loosening
 *   whose reason is recorded in the policy's annotation `secure-tekton/pinned-remote-references`,
 *   a reference the bundles, git, hub or http resolver fetches pinned as REMOTE_REFERENCE_PINNED
 *   judges it is admitted too: a `bundle` param ending in `@sha256:` and 64 lower-case hex, a
 *   `revision` of 40 hex, an exact hub `version` (`<major>.<minor>` or
 *   `<major>.<minor>.<patch>`, patch 0 when `type` is `tekton`), an http `digest` of
 *   `sha256:` and 64 hex or `sha512:` and 128 hex, no `$(…)` in the pin, and none
 *   in the params that choose the content or its source (bundle `name` and `kind`; git
 *   `pathInRepo`, and `serverURL`, `scmType` and `configKey` where the resolver may fetch
 *   through the SCM API, that is without a literal `url` and with a `repo`; hub `url`,
 *   `catalog`, `name`, `kind` and `type`); a param given several times must pass every time
 *   (the catalogue reads the last). Tekton's trusted resources must then verify what is
 *   fetched. The TaskRun the controller makes for a pipeline task carries the task's
 *   `taskRef` (its params substituted), so the references of a fetched Pipeline's tasks are
 *   checked there. A v1beta1 `bundle` field is dropped by Tekton's conversion to v1 (and
 *   refused by Tekton on create), so it is never stored nor read here. A step's `ref` is the
 *   step-security-context policy's, which no loosening widens.
 * - `<prefix>-triggers-authenticated` (TRIGGERS_AUTHENTICATED): every trigger an EventListener
 *   runs checks who sent the event, as the catalogue judges it: each inline trigger (a
 *   `spec.triggers[]` entry with a `template`; one with only a `triggerRef` runs that Trigger,
 *   judged as an object of its own) and every Trigger has an interceptor that is the `github`,
 *   `gitlab` or `bitbucket` ClusterInterceptor (`ref.kind` unset, null, "" or `ClusterInterceptor`),
 *   not a `webhook` entry, given a `secretRef` param (at least one) each of whose values is an
 *   object whose `secretName` and `secretKey` are strings that are not empty; in v1alpha1,
 *   without a `ref.name`, the first of the deprecated `bitbucket:`, `cel:`, `github:` and
 *   `gitlab:` fields that is set names it and its `secretRef` is read. The `cel`
 *   ClusterInterceptor checks it too when each of its `filter` params (the `filter` keys of a
 *   deprecated `cel:` field) is a string of at most 4096 code points that the rule's pattern
 *   matches: `header.canonical('<header>').compareSecret('<key>', '<Secret>')` as an operand of
 *   the filter's top-level `&&` chain (the same regular expression, which RE2 reads as
 *   JavaScript does). Param names and the keys
 *   of `secretRef` and of the deprecated fields are read as Go's encoding/json matches them
 *   (ASCII case folded with `lowerAscii`, and U+017F and U+212A as s and k), and every spelling
 *   given must be valid. The message names the object, its failing triggers, and their
 *   interceptors as the field `interceptors` holds them. Trigger groups are not credited, and whether the Secret is strong, or the
 *   ClusterInterceptors of those names the core ones, is not known here (the rule's limits). An
 *   EventListener whose trigger group's `interceptors` hold a null entry is refused, wherever the
 *   entry is: Triggers admits it, and the sink's process crashes on the first event that reaches it.
 *   So is an EventListener whose `namespaceSelector` (or, v1beta1, a trigger group's
 *   `triggerSelector.namespaceSelector`) lists every namespace (`matchNames` exactly `['*']`) or
 *   names a namespace the policies are not bound to: Triggers' sink runs each Trigger it lists
 *   with the listener's own ServiceAccount, and no policy checks a Trigger there.
 * Each policy that walks task specs also refuses pipelineSpecs embedded more than two
 * levels deep (VALID_SPEC), which it would not read.
 *
 * NO_HOST_ACCESS, SECCOMP_RUNTIME_DEFAULT, DEFAULT_ISOLATION and TRIGGERS_AUTHENTICATED are
 * honoured only when listed in `honouredRelaxations` (the default leaves them out: the library
 * never records them, and their records alone would give a step the node, turn its
 * confinement off, or let an EventListener's author accept events from anyone).
 * A relaxation record of a rule listed in `honouredRelaxations` exempts the part of
 * the object it names (its target and what lies below it; `*` the whole object) from
 * that rule, as synth and the audit apply it: a record whose target is not well formed, or
 * whose line holds a carriage return (but that of a CRLF line end), U+2028 or U+2029,
 * exempts nothing, and in a TaskRun labelled `tekton.dev/pipelineTask: <x>` (the one
 * Tekton creates for pipeline task x, with its Pipeline's annotations) a record for
 * `task/<x>/…` is about the TaskRun's own `…`. A record on a Pipeline or a PipelineRun whose target
 * is a pipeline task that runs a pipeline (`pipelineSpec` or `pipelineRef`) or lies below it is
 * refused (`<prefix>-run-pod-templates`, VALID_SPEC): Tekton gives the child PipelineRun the record,
 * and its TaskRuns carry no label naming the task above them, so they could not read it as theirs
 * and would be refused; record `*` for such a run. NOT_PRIVILEGED, SCRIPT_INJECTION, the
 * ServiceAccount allow-list, the run-status writer and the RUN_POD_OVERRIDES checks of the
 * labels a pipeline's NetworkPolicies select its pods by (`secure-tekton/pipeline`: a PipelineRun's,
 * its taskRunSpecs', an embedded task spec's, a Task's, a TaskRun's, a Pipeline's other than its own
 * name; a `tekton.dev/` label in a PipelineRun's taskRunSpecs, and `tekton.dev/pipeline`,
 * `pipelineTask`, `pipelineRun` or `memberOf` on a Task or on a TaskRun the controller did not
 * make: a record's writer would give its pods a pipeline's egress, or another task's) are never
 * exempt. The expressions compile in the CEL
 * environment Kubernetes 1.28 (v1beta1) and 1.30 (v1) check new policies with, and
 * their runtime cost stays far within the API server's limits for realistic objects: a
 * Pipeline of 50 tasks of 10 steps costs at most about 150,000 of the 1,000,000 allowed
 * to one expression (the injection policy, which works out each container's argv, env and
 * workspace paths once in one variable, about 530,000), and at most about 1,300,000 of a
 * policy's 10,000,000 (the injection policy; the others less than 250,000), about 2,550,000 when
 * every step also fills env vars from a run's label (the injection policy then reads where each one's
 * `$(NAME)` reaches, and its per-container walk reads three more env vars a step: about 750,000); the
 * secrets policy reads arguments and env values only in containers whose env holds a
 * Secret, about 450,000 when all 500 steps do; an EventListener of 100 inline triggers of 5
 * interceptors each costs the triggers policy about 64,000, and one of 100 inline triggers whose cel
 * filters of 200 characters compare a secret about 520,000 (about 25 a character: cel filters of
 * about 40,000 characters in all reach the limit). An object beyond them is refused, as every
 * evaluation error is. Ordinary objects reach the per-expression limit first in the
 * injection policy's reading of scripts, which finds every `$(…)` of a script (the shell's
 * own command substitutions included): about 550 KB of shell scripts holding one a line,
 * in one object, reach it (a Pipeline of about 1,000 steps like those above, 1.2 MB, too).
 *
 * The policies see a run after Tekton's defaulting webhook (mutating admission comes
 * first) has merged `config-defaults`' `default-pod-template` into its pod template: a
 * default template with env, control-plane tolerations, a root pod securityContext or
 * anything else `<prefix>-run-pod-templates` or `<prefix>-host-access` refuses makes every
 * run refused.
 *
 * Limits, where CEL cannot follow the catalogue:
 * - A policy sees the admitted object only: never the Tasks, Pipelines and StepActions
 *   it references (`taskRef`, `pipelineRef`, a step's `ref`), ServiceAccounts, Secrets
 *   or other objects. (What a resolver fetches is judged once more on its own: Tekton
 *   v1.15 dry-run creates each fetched Task, Pipeline and StepAction in the run's
 *   namespace, as its controller and under a random name, before it uses it
 *   (pkg/reconciler/apiserver DryRunValidate), and a refusal fails the run before it
 *   creates a TaskRun or pod; the records the fetched object carries are honoured there,
 *   so only the checks no record exempts, such as those of the labels a pipeline's
 *   NetworkPolicies select on, hold whoever publishes it.) So a reference a resolver fetches is refused, but through the cluster
 *   resolver from a bound namespace (what these policies admitted there, if the policies were
 *   installed before it was created) and, with `pinnedRemoteReferences`, a pinned Task or
 *   Pipeline, which no policy checks where it is referenced (only in the dry-run create): the TaskRun made
 *   for a fetched Task (a run's `taskRef` or a pipeline task's) carries the reference
 *   only, and the controller keeps the resolved spec in the run's `status.taskSpec` (a
 *   Pipeline's in `status.pipelineSpec`), which only it may write (the run-status policy);
 *   the PipelineRun that references a Pipeline is checked for its own fields only. The
 *   task specs a fetched Pipeline embeds are checked in full in its dry-run create, with its
 *   publisher's records, and again in the TaskRuns the controller makes from them, for
 *   securityContexts, images and host access, but not for injection (SCRIPT_INJECTION,
 *   ARGUMENT_INJECTION, EXPANSION_INJECTION, SECRET_REFERENCE_FIXED, MOUNT_PATH_FIXED): the
 *   PipelineRun reconciler has already pasted the run's params and earlier tasks' results into
 *   the spec it embeds, so `echo $(params.x)` arrives as literal text. Verify what a resolver fetches with
 *   trusted resources: a VerificationPolicy matching each source and the feature flag
 *   `trusted-resources-verification-no-match-policy: fail` (TektonFeatureFlags writes
 *   it). The cluster resolver reads from any namespace, unbound ones included, unless
 *   its ConfigMap `cluster-resolver-config` (namespace `tekton-pipelines-resolvers`) sets
 *   `allowed-namespaces`: the policies admit only a literal bound `namespace` param in what
 *   they see, but the StepAction references inside a fetched Task are never read here;
 *   set it to the namespaces the policies hold in.
 * - Rules about several objects or the model (CREDENTIALS_TRUSTED_TASK, the RBAC and
 *   egress rules, COMPUTE_RESOURCES, READ_ONLY_ROOT_FILESYSTEM, SCRIPT_SHEBANG,
 *   RUN_TIMEOUT, NO_SECRET_MATERIAL …) are not enforced here, nor the settings the
 *   catalogue requires rather than forbids of run pod templates
 *   (`automountServiceAccountToken: false`: one set to `true` is refused; a pod securityContext with runAsNonRoot,
 *   fsGroup and a seccomp profile: one whose type is written other than RuntimeDefault or Localhost is refused), nor a non-zero runAsUser on steps (`runAsNonRoot: true` leaves the UID to
 *   the kubelet, which starts no container as UID 0 under it; a `runAsGroup` of 0 is refused, as no kubelet check covers it).
 * - A run's own param values are not trusted: a `$(params.x)` in the task specs a TaskRun or
 *   PipelineRun embeds (a key of an object param and an element or the whole of an array param
 *   too) is judged as any caller's value, even where the run gives it a
 *   constant. The catalogue takes a constant that a run in a manifest gives for its own specs as
 *   the manifest author's (the audit sees a TriggerTemplate's `$(tt.params.x)` or a
 *   Pipelines-as-Code `{{…}}` there), but by admission Triggers and other tools have pasted
 *   an event's values into the run, which no policy can tell from constants. Nor is a constant
 *   a pipeline task passes to its embedded task spec read (the catalogue takes it as fixing the
 *   param there): the policies judge every `$(params.x)` of a spec alike.
 * - CEL walks a fixed depth: pipelineSpecs nested deeper than two levels are refused
 *   instead of read.
 * - A script that runs as code an env var holding a value callers can choose (`eval "$X"`,
 *   `sh -c "$X"`, `python3 -c "$X"`, `$X` as the program: SCRIPT_INJECTION), or a script's `args`
 *   that its code runs so (`eval "$1"`), is not read: CEL cannot read shell, so the policies admit it
 *   and only the catalogue refuses it. Of `sh -c CODE NAME ARG…` with a caller's value in an ARG, the
 *   code is read on one command line for a few forms (SCRIPT_INJECTION), each ARG by its position (ARG N
 *   as `$N` or `${N}`; `$@` and `$*` as every ARG): after `eval`, `gdb` or `vim` where a command starts, after
 *   a wrapper such as `timeout 60` or `sudo` too (`gdb -ex "shell $1"`, `if x; then eval "$2"; fi`; not
 *   `echo view "$1"`), as the code of a shell's `-c` (`bash -c "$1"`), as a command's program (`exec "$2"`;
 *   of `"$@"` and `$*` the first ARG alone: `sh -c 'exec "$@"' sh tool --name $(params.x)` is admitted),
 *   piped into `at`, or in arithmetic (`$(( $1 + 1 ))`). Stricter than the catalogue, it is refused also
 *   where gdb or vim take it as an operand the catalogue reads as data (`gdb --args ./prog "$1"`); in any
 *   ARG where the code may give the positional parameters other values (`shift`, `set` with an operand,
 *   `getopts`, a function, `alias`, a sourced file) or the value is in several ARGs; in a later ARG where
 *   the program is an unquoted `$@` or `$*` and the first ARG is blank (the shell drops it), or `"$*"` (every
 *   ARG joined into one word). Any other way the code runs it (`x=$1; eval "$x"`, a loop over `"$@"`,
 *   `git clone "$1"` given `--upload-pack=…`) is the catalogue's alone.
 * - A run's label's `$(NAME)` (an env var the kubelet fills from `metadata.labels[...]`, or, in a container that has one, any env
 *   var whose value holds a `$(…)` reference: every copy, and copy of a copy, of a label, in any order) is refused (SCRIPT_INJECTION) anywhere in the code of
 *   a shell and in every argument after it (`sh -c 'echo $(TOOL)'`, `sh -c 'echo "$1"' _ $(TOOL)`,
 *   `bash build.sh $(TOOL)`; a shell named after a wrapper or runner too, `busybox sh -c`), in a script's
 *   `args` (any script but `#!win`, whose are ARGUMENT_INJECTION's), in the arguments of another
 *   interpreter with a code option (`python3`, `node`, `perl`, `ruby`, `php`, `lua`, `Rscript`, `pwsh` …,
 *   also after a runner: `sudo -u b python3 -c …`) before its first operand (an argument that is no option
 *   nor follows a short option group ending in a letter that takes a value in one of them, `-c`, `-W`, `-m`,
 *   `-r`, `-I` …: `python3 -W ignore -c 'print($(TOOL))'` is refused, `python3 -u build.py $(TOOL)` is not;
 *   pwsh's and powershell's parameters as PowerShell reads them, any prefix of the name, `--` or `/`, and every argument after
 *   its `-Command`, which joins them into its command: `pwsh -c Write-Output $(TOOL)` is refused, `pwsh -File build.ps1 $(TOOL)`
 *   and `pwsh -cwa 'Write-Output $args[0]' $(TOOL)` are not; Windows PowerShell's first operand, or the first parameter its host
 *   does not know (it reads one dash or `/` alone), starts its command, as after `-Command`: `powershell Write-Output $(TOOL)` and
 *   `powershell -Foo -File build.ps1 $(TOOL)` are refused, `powershell -File build.ps1 $(TOOL)` is not; `pwsh-preview` as `pwsh`;
 *   a word trimmed, after `/` or any dash: `pwsh /NoProfile -ec $(TOOL)` is refused; every word after the file is the script's:
 *   `pwsh -File build.ps1 -c $(TOOL)` is not; PowerShell and cmd by their names as Windows finds them, any case, `.exe`, after a
 *   `\`: `powershell.exe`, `C:\…\pwsh.exe`, and every argument of `cmd.exe`, whose `/c` and `/k` run the rest as its command),
 *   in any argument after groovy, julia, elixir, expect, erl or jshell (whose options it does not read: `julia -t 4 -e …`,
 *   `elixir -pa DIR -e …`; their program file's arguments too, `elixir a.exs $(TOOL)`, which the catalogue reads as data),
 *   and in the string of `env -S` and the arguments after it. The catalogue reads the
 *   shell's code for where the word runs (the program, `eval` …) and the code options' values alone, and
 *   reads `env -S` only where a word picks what runs, and a copy only where it copies a label, so the policies refuse more; a
 *   caller's value they refuse in the arguments after the code of `python3 -c`, `node -e`, `perl -e` or `ruby -e`, whatever the code,
 *   the catalogue reads as the data the interpreter gives the code (`sys.argv` …) where it cannot be an option and the fixed code
 *   names no evaluator. The same
 *   names (labels, and beside one every env var whose value holds a reference) are read for ARGUMENT_INJECTION: `B: $(TOOL)`, then
 *   `command: [$(B)]`, is refused.
 * - A run's pod-level `runAsNonRoot`, `runAsUser`, `runAsGroup` and `seccompProfile`, which Kubernetes
 *   applies to the containers that set none, are not read for the steps and sidecars of the
 *   task specs the run embeds: a container that relies on them is refused (the catalogue
 *   credits them; a pod-level `runAsGroup` of 0 is refused on the pod template itself,
 *   RUN_POD_SECURITY_CONTEXT), and a step that runs a StepAction is not judged by them (the StepAction,
 *   admitted through these policies, sets them itself).
 * - A `v1beta1` pipeline task's `pipelineSpec` and `pipelineRef` (pipelines in pipelines)
 *   are dropped by Tekton's conversion to `v1`, so they are never stored, run or read here
 *   (nor by the other rules of the catalogue: TEKTON_FIELD_NAMES reports them as dropped).
 * - A relaxation record is honoured for its target whatever it says: the condition a
 *   derived record holds under (e.g. ARGUMENT_INJECTION for a constrained param) is not
 *   re-checked, and a record's target is not checked to exist.
 * - The kubelet's `$(NAME)` expansion (in command, args, env values and a volumeMount's
 *   `subPathExpr`, from the container's env) is read without order: an env var counts as holding a value callers
 *   can choose wherever it is set, and whatever a later entry of its name sets; an env value
 *   that reaches such a value through two other env vars is refused (VALID_SPEC) rather
 *   than followed. So is a workspace `mountPath` that holds the path of a workspace whose
 *   mountPath holds the path of one with a param (the catalogue follows any depth).
 * - The option values ARGUMENT_INJECTION knows programs run (`git --upload-pack=…`, `tar
 *   --to-command=…`, `rsync -e …`, `cosign --key=…`), and the configuration git and wget run (`git config
 *   core.sshCommand "ssh $(params.x)"`, `wget -e …`), are not read (but the package and code options of the runners
 *   above, before their first `--`): a substitution behind a literal prefix passes,
 *   and so does a run's label's `$(NAME)` (an env var the kubelet fills from
 *   `metadata.labels[...]`) in the argument after such an option (`rsync -e $(TOOL)`).
 * - A run's label's `$(NAME)` behind a wrapper that runs no interpreter (`timeout 5m git clone
 *   $(TOOL)`) is refused in any element but env's assignments and `-S` string, where the
 *   catalogue reads the wrapper's grammar for the program (the label starting git's argument
 *   is data to it: its value never starts with `-`); the env vars filled from a label are read
 *   without order.
 * - Wrappers (`env`, `timeout`, `nice` …) are read approximately, where the catalogue
 *   parses their options: after a wrapper, the first argument named like an interpreter
 *   is taken for the program, every argument after it is code (SCRIPT_INJECTION) and
 *   every one before it (env's assignments and -S string aside) chooses what runs
 *   (ARGUMENT_INJECTION); without one, the wrapper's own arguments count as
 *   the program's. Both agree with the catalogue unless an argument of a non-interpreter
 *   run through a wrapper is named like an interpreter (`timeout 5m git … sh`), or one
 *   named like an interpreter may be the value of a wrapper's option that the catalogue's
 *   grammar of the wrapper does not know (`nice -z sh git clone $(params.url)`): the
 *   catalogue judges every program that makes possible, so it also finds git's arguments
 *   (ARGUMENT_INJECTION), which the policies refuse as the shell's code (SCRIPT_INJECTION).
 * - EventListeners and Triggers are matched in the bound namespaces only, but Triggers' sink
 *   creates a trigger's resources in the namespace its resource template names (the
 *   listener's by default): a listener or Trigger of an unbound namespace whose template
 *   creates runs in a bound one (with a ServiceAccount allowed to) is not judged. Bind every
 *   namespace that holds EventListeners or Triggers, or grant no ServiceAccount of an unbound
 *   namespace the creation of runs in a bound one. (A bound listener that lists the Triggers
 *   of an unbound namespace, which it runs with its own ServiceAccount, is refused.)
 * - An object created before the policies (or admitted by an earlier release of them) is checked
 *   when it is next updated, but for an update that changes nothing they judge and grants no
 *   trust (the match condition `not-an-update-of-metadata-or-a-cancel` of every policy but
 *   run-status, resolution-requests, child-runs and custom-run-status), so that it can still be cancelled, and the Tekton controller,
 *   the garbage collector, Chains and Results can still write its metadata: the spec is as it was but
 *   a run's cancel (a PipelineRun's `spec.status` set to `Cancelled`, or to `CancelledRunFinally` or
 *   `StoppedRunFinally` from unset or the other of the two; a TaskRun's to `TaskRunCancelled`; with it
 *   `spec.statusMessage`, which the controller's cancel and timeout patches of a child TaskRun set),
 *   every annotation it had keeps its value (kubectl's last-applied-configuration aside), none
 *   added is a relaxation record or an AppArmor or seccomp profile annotation, and but for
 *   `tektonControllerUsername` none is added other than Chains', Results' or Pipelines-as-Code's
 *   (`chains.tekton.dev/`, `results.tekton.dev/`, `pipelinesascode.tekton.dev/`) or kubectl's
 *   last-applied-configuration (Tekton copies a TaskRun's annotations onto the pods of its retries,
 *   a Task's onto its TaskRuns), and every label it had keeps its value and only
 *   `tektonControllerUsername` adds labels (Tekton copies a Task's or Pipeline's onto the run). Finalizers, owner references and other metadata may change. Anything
 *   else is judged in full: starting a pending run (taking out `PipelineRunPending` or
 *   `TaskRunPending`; a pending PipelineRun may be set to `Cancelled`, but not stopped gracefully,
 *   which would run its finally tasks), any other change of the spec (also one Tekton's defaulting
 *   webhook makes on the update), and adding, changing or removing a relaxation record, so a record
 *   never enters through such an update. The Tekton controller's copy of a fetched Task's or
 *   Pipeline's relaxation records onto an older run is judged in full too, and refused if the run is
 *   refused now. Install the policies before the first run.
 * - The API server drops a null (YAML's empty `env:`, `args:`, `sidecars:` …) of a field Tekton's
 *   CRDs declare before admission, a Task's own steps among them, but keeps it below the nodes
 *   they leave open (`x-kubernetes-preserve-unknown-fields`): a task or pipeline spec a TaskRun,
 *   PipelineRun or Pipeline embeds, a Task's `volumes`, a run's pod template `affinity`,
 *   `securityContext` and `volumes`, a workspace's `volumeClaimTemplate`. The policies read such
 *   a null as the field left out, as Tekton's Go decoding does (a nil pointer, list or map, an
 *   empty string), whatever a stepTemplate sets under it (Tekton merges the step as Go writes
 *   it back, without the nil field, so the template's value applies). A null item of a list is
 *   read as an item without fields (Go's zero value); the API server refuses one in a list the CRDs
 *   declare (a Task's steps, a Pipeline's tasks: "must be of type object") before admission.
 * - Without `customTaskControllerUsernames`, no policy matches `customruns/status`: a CustomRun's
 *   status (its Succeeded condition, which decides whether the tasks after it run, and its results,
 *   which they receive) is written by its custom task's controller, whose user the policies cannot
 *   know. List those controllers (the policy `<prefix>-custom-run-status` then refuses every other
 *   writer), or grant the update to them alone (RBAC_NO_ESCALATION reports roles that grant more).
 * - A PipelineRun takes a TaskRun or CustomRun of the name it gives a pipeline task's run
 *   (`<pipelinerun>-<task>`) that exists before it creates one as that task's run, whoever
 *   created it, with its success and results (tektoncd/pipeline v1.15 pipelinerun.go
 *   `getTaskRunFunc` checks no owner); CEL sees no other object, so no policy tells such a run
 *   from any other (the labels by which a PipelineRun adopts a CustomRun or PipelineRun that it did
 *   not name are refused: `<prefix>-child-runs`). Grant the creation of TaskRuns and CustomRuns where
 *   PipelineRuns run to the Tekton controller alone.
 *
 * @example
 * new TektonAdmissionPolicies(chart, 'admission', {
 *   namespaces: ['ci'],
 *   allowedServiceAccounts: ['build-and-push-runner'],
 * });
 */
export class TektonAdmissionPolicies extends Construct {
  /** Namespaces the policies hold in. */
  public readonly namespaces: string[];
  /** ServiceAccounts runs may use. */
  public readonly allowedServiceAccounts: string[];
  /** API version of the emitted objects. */
  public readonly apiVersion: AdmissionApiVersion;
  /** What happens to a refused request. */
  public readonly enforcementAction: EnforcementAction;
  /**
   * Why the policies only warn or audit, as recorded (one line).
   * @default - none (the policies deny)
   */
  public readonly enforcementReason?: string;
  /** Rules whose relaxation annotation exempts an object. */
  public readonly honouredRelaxations: RuleId[];
  /** User name of the Tekton controller. */
  public readonly tektonControllerUsername: string;
  /** User name of Tekton's resolvers. */
  public readonly tektonResolversUsername: string;
  /** User names of Kubernetes' StatefulSet controller. */
  public readonly statefulSetControllerUsernames: string[];
  /**
   * User names of the custom task controllers, the only ones that may write `customruns/status`.
   * @default - none given: no policy matches `customruns/status`
   */
  public readonly customTaskControllerUsernames?: string[];
  /**
   * The loosening that admits pinned references a resolver fetches, with its reason as recorded.
   * @default - none
   */
  public readonly pinnedRemoteReferences?: PinnedRemoteReferences;
  /** Names of the policies (each binding has the name of its policy). */
  public readonly policyNames: string[];
  /** The emitted ValidatingAdmissionPolicies. */
  public readonly policies: ApiObject[];
  /** The emitted ValidatingAdmissionPolicyBindings, one per policy. */
  public readonly bindings: ApiObject[];

  private readonly policy: ConstructPolicy;

  constructor(scope: Construct, id: string, props: TektonAdmissionPoliciesProps) {
    super(scope, id);
    this.policy = new ConstructPolicy(this, KIND);
    this.namespaces = [...(props.namespaces ?? [])];
    this.allowedServiceAccounts = [...(props.allowedServiceAccounts ?? [])];
    this.apiVersion = props.apiVersion ?? AdmissionApiVersion.V1BETA1;
    this.enforcementAction = props.enforcementAction ?? EnforcementAction.DENY;
    this.honouredRelaxations = [...(props.honouredRelaxations ?? HONOURED_BY_DEFAULT)];
    this.tektonControllerUsername = props.tektonControllerUsername ?? DEFAULT_CONTROLLER_USERNAME;
    this.tektonResolversUsername = props.tektonResolversUsername ?? DEFAULT_RESOLVERS_USERNAME;
    this.statefulSetControllerUsernames = [...(props.statefulSetControllerUsernames ?? DEFAULT_STATEFUL_SET_CONTROLLER_USERNAMES)];
    this.customTaskControllerUsernames = props.customTaskControllerUsernames ? [...props.customTaskControllerUsernames] : undefined;
    const prefix = props.namePrefix ?? 'secure-tekton';
    this.checkProps(prefix);
    this.pinnedRemoteReferences = this.checkedPinnedRemoteReferences(props.pinnedRemoteReferences);
    this.enforcementReason = this.checkedEnforcementReason(props.enforcementReason);

    const specDefs = [
      this.imageDigest(), this.stepSecurityContext(), this.hostAccess(), this.injection(), this.secrets(),
      this.runPodTemplates(), this.runServiceAccount(), this.runWorkspaces(), this.runStatus(), this.remoteReferences(),
      this.triggersAuthenticated(), this.resolutionRequests(), this.childRuns(), this.workspaceClaims(), this.affinityAssistants(),
      ...(this.customTaskControllerUsernames ? [this.customRunStatus(this.customTaskControllerUsernames)] : []),
    ];
    // an update that changes nothing judged and grants no trust is not judged again (a run admitted before can be cancelled)
    const unjudged = { name: UNJUDGED_UPDATE, expression: unjudgedUpdate(this.tektonControllerUsername, this.honouredRelaxations.length > 0) };
    const defs = specDefs.map((d) => (d.operations === undefined && d.resources.every((r) => r.group === undefined || r.group === TRIGGERS_GROUP)
      ? { ...d, matchConditions: [...d.matchConditions, unjudged] } : d));
    this.policyNames = defs.map((d) => `${prefix}-${d.what}`);
    this.policies = defs.map((d, i) => this.admissionPolicy(d, this.policyNames[i]));
    this.bindings = defs.map((d, i) => this.binding(d, this.policyNames[i]));
    // cdk8s gives every object the chart's namespace; these are cluster-scoped.
    if (Chart.of(this).namespace) {
      [...this.policies, ...this.bindings].forEach((o) => o.addJsonPatch(JsonPatch.remove('/metadata/namespace')));
    }
    // no rule of the catalogue judges these objects: they are written as emitted, or refused
    this.policy.holdAsEmitted([...this.policies, ...this.bindings],
      `Change the policies through the props of ${KIND} '${this.node.path}' (namespaces, allowedServiceAccounts, honouredRelaxations, enforcementAction, enforcementReason, `
      + 'pinnedRemoteReferences), not with a patch or by taking one of them out of the app.');
  }

  private checkProps(prefix: string): void {
    if (this.namespaces.length === 0) {
      throw this.error({
        property: 'namespaces',
        problem: 'is empty',
        fix: 'List at least one namespace for the policies to hold in.',
        rule: RuleId.VALID_SPEC,
      });
    }
    this.namespaces.forEach((ns) => this.policy.checkName('namespaces', ns));
    this.policy.checkUnique('namespaces', this.namespaces);
    if (this.allowedServiceAccounts.length === 0) {
      throw this.error({
        property: 'allowedServiceAccounts',
        problem: 'is empty, so no run could be admitted',
        fix: "List the ServiceAccounts your runs use, e.g. each SecurePipeline's serviceAccountName.",
        rule: RuleId.VALID_SPEC,
      });
    }
    for (const sa of this.allowedServiceAccounts) {
      this.policy.checkName('allowedServiceAccounts', sa);
      if (sa === 'default') {
        throw this.error({
          property: 'allowedServiceAccounts',
          value: sa,
          problem: "is the namespace's default ServiceAccount, which every pod gets when none is named",
          fix: "List the dedicated ServiceAccounts your runs use instead, e.g. each SecurePipeline's serviceAccountName.",
          rule: RuleId.VALID_SPEC,
        });
      }
    }
    this.policy.checkUnique('allowedServiceAccounts', this.allowedServiceAccounts);
    for (const rule of this.honouredRelaxations) {
      if (!EXEMPTABLE.includes(rule)) {
        throw this.error({
          property: 'honouredRelaxations',
          value: rule,
          problem: 'is not a rule these policies can exempt',
          fix: `Use some of: ${EXEMPTABLE.join(', ')}.`,
          rule: RuleId.VALID_SPEC,
        });
      }
    }
    const usernames: Array<[string, string, string]> = [
      ['tektonControllerUsername', this.tektonControllerUsername, DEFAULT_CONTROLLER_USERNAME],
      ['tektonResolversUsername', this.tektonResolversUsername, DEFAULT_RESOLVERS_USERNAME],
      ...this.statefulSetControllerUsernames.map((u): [string, string, string] => ['statefulSetControllerUsernames', u, DEFAULT_STATEFUL_SET_CONTROLLER_USERNAMES[0]]),
      ...(this.customTaskControllerUsernames ?? []).map((u): [string, string, string] => [
        'customTaskControllerUsernames', u, 'system:serviceaccount:openshift-pipelines:manual-approval-gate-controller',
      ]),
    ];
    for (const [property, value, example] of usernames) {
      if (!SERVICE_ACCOUNT_USERNAME.test(value) && !(property === 'statefulSetControllerUsernames' && value === KUBE_CONTROLLER_MANAGER)) {
        throw this.error({
          property,
          value,
          problem: 'is not a ServiceAccount user name',
          fix: `Use "system:serviceaccount:<namespace>:<name>", e.g. "${example}".`,
          rule: RuleId.VALID_SPEC,
        });
      }
    }
    this.policy.checkName('namePrefix', prefix);
  }

  /** The loosening as given, checked, with its reason as recorded (one line), or undefined. */
  private checkedPinnedRemoteReferences(given: PinnedRemoteReferences | undefined): PinnedRemoteReferences | undefined {
    if (given === undefined || given === null) return undefined;
    const example = "pinnedRemoteReferences: { reason: 'every Task and Pipeline fetched in ci is verified by the VerificationPolicy signed-tasks (mode enforce)' }";
    if (typeof given !== 'object' || Array.isArray(given)) {
      throw this.error({
        property: 'pinnedRemoteReferences',
        value: safeText(given),
        problem: 'is not an object with a reason',
        fix: `Give ${example}, or leave it out.`,
        rule: RuleId.RELAXATION_REASON,
      });
    }
    const reason = typeof given.reason === 'string' ? normalizeReason(given.reason) : undefined;
    if (reason === undefined || visibleLength(reason) < MIN_REASON_LENGTH) {
      throw this.error({
        property: 'pinnedRemoteReferences.reason',
        value: given.reason === undefined ? undefined : safeText(given.reason),
        problem: `has fewer than ${MIN_REASON_LENGTH} visible characters: the policies admit references whose content they never see, so the loosening carries why the cluster trusts it`,
        fix: `Say what verifies the fetched content, e.g. ${example}; or leave pinnedRemoteReferences out.`,
        rule: RuleId.RELAXATION_REASON,
      });
    }
    const length = [...reason].length;
    if (length > MAX_REASON_LENGTH) {
      throw this.error({
        property: 'pinnedRemoteReferences.reason',
        value: `${[...reason].slice(0, 40).join('')}… (${length} characters)`,
        problem: `has more than ${MAX_REASON_LENGTH} characters`,
        fix: `Say why in at most ${MAX_REASON_LENGTH} characters and point to the rest, e.g. ${example.replace("(mode enforce)' }", "(mode enforce); see https://example.com/ADR-7' }")}.`,
        rule: RuleId.RELAXATION_REASON,
      });
    }
    return { reason };
  }

  /**
   * The reason for an enforcement action weaker than Deny, checked and as recorded (one line),
   * or undefined for Deny: WARN and AUDIT store every object the policies refuse.
   */
  private checkedEnforcementReason(given: string | undefined): string | undefined {
    const action = this.enforcementAction;
    const member = Object.keys(EnforcementAction).find((k) => (EnforcementAction as any)[k] === action);
    if (member === undefined) {
      throw this.error({
        property: 'enforcementAction',
        value: safeText(action),
        problem: 'is not an EnforcementAction: the API server refuses a binding with it, and the policies would hold nowhere',
        fix: 'Use EnforcementAction.DENY (or leave it out), or EnforcementAction.WARN or EnforcementAction.AUDIT with an enforcementReason.',
        rule: RuleId.VALID_SPEC,
      });
    }
    // the example names the action it is given with (warn or audit)
    const example = `enforcementReason: 'the policies are being rolled out in ci: ${action.toLowerCase()} until 2026-01-31, see https://example.com/ADR-9'`;
    if (action === EnforcementAction.DENY) {
      if (given === undefined || given === null) return undefined;
      throw this.error({
        property: 'enforcementReason',
        value: safeText(given),
        problem: 'is given, but enforcementAction is EnforcementAction.DENY: it loosens nothing',
        fix: 'Remove enforcementReason, or give it with the weaker enforcementAction it is the reason for.',
        rule: RuleId.RELAXATION_REASON,
      });
    }
    const reason = typeof given === 'string' ? normalizeReason(given) : undefined;
    if (reason === undefined || visibleLength(reason) < MIN_REASON_LENGTH) {
      throw this.error({
        property: 'enforcementReason',
        value: given === undefined || given === null ? undefined : safeText(given),
        problem: `${given === undefined || given === null ? 'is not given' : `has fewer than ${MIN_REASON_LENGTH} visible characters`}: `
          + `with enforcementAction EnforcementAction.${member} the cluster stores every object the policies refuse, so the loosening carries why`,
        fix: `Say why the policies may let refused objects through, e.g. ${example}; or leave enforcementAction out (EnforcementAction.DENY).`,
        rule: RuleId.RELAXATION_REASON,
      });
    }
    const length = [...reason].length;
    if (length > MAX_REASON_LENGTH) {
      throw this.error({
        property: 'enforcementReason',
        value: `${[...reason].slice(0, 40).join('')}… (${length} characters)`,
        problem: `has more than ${MAX_REASON_LENGTH} characters`,
        fix: `Say why in at most ${MAX_REASON_LENGTH} characters and point to the rest, e.g. ${example}.`,
        rule: RuleId.RELAXATION_REASON,
      });
    }
    return reason;
  }

  private error(o: RefusalOptions): Error {
    return this.policy.error(o);
  }

  private honours(rule: RuleId): boolean {
    return this.honouredRelaxations.includes(rule);
  }

  /**
   * The variables holding the targets of the object's relaxation records of `rules`
   * that the policies honour (`*` or a target; records as the library writes them,
   * one `<target>: <reason>` per line, with a reason of at least 10 visible characters).
   */
  private relaxedVariables(rules: readonly RuleId[]): Array<{ name: string; expression: string }> {
    return rules.filter((r) => this.honours(r)).map((rule) => {
      const key = literal(RELAXATION_ANNOTATION_PREFIX + rule);
      return {
        name: relaxedVariable(rule),
        // a CR ends a line only before a LF: a last line that ends with one is not honoured
        expression: `has(object.metadata.annotations) && ${key} in object.metadata.annotations`
          + ` ? [object.metadata.annotations[${key}]].map(v, v.split('\\n').filter(l, l.matches(${celString(RECORD_LINE)})`
          + ` && l.matches(${celString(ONE_LINE)}) && (!l.endsWith('\\r') || v.contains(l + '\\n'))))[0]`
          + `.map(l, ${TASK_RUN_TARGET('l.substring(0, l.indexOf(\': \'))')}) : []`,
      };
    });
  }

  /**
   * CEL: whether an honoured record of `rule` covers the part of the object at
   * `target` (a CEL string expression, '' for the whole object): a record for the
   * whole object (`*`), for that target, or for a target above it (`task/build`
   * covers `task/build/step/compile`) — the scope synth and the audit apply. Never
   * for a rule that is not honoured (or cannot be relaxed).
   */
  private exempt(rule: RuleId): Exempt {
    if (!this.honours(rule)) return () => 'false';
    return (target) => `variables.${relaxedVariable(rule)}.exists(r, r == '*' || r == (${target}) || (${target}).startsWith(r + '/'))`;
  }

  /**
   * A validation of `rule` with its message; the check itself exempts what the records cover
   * (`exemptable` false: a check of the rule that no record exempts, whose message offers none).
   */
  private validation(
    rule: RuleId, check: string, problem: string, fix: string, exemptable = true, wholeObject: boolean | string = false,
  ): ValidationDef {
    // `wholeObject` true: the records of the whole object alone exempt it; a text: the targets that do
    const target = typeof wholeObject === 'string' ? wholeObject : wholeObject ? '*' : '<target, or * for the whole object>';
    const relax = exemptable && this.honours(rule)
      ? `, or record a relaxation: annotation ${RELAXATION_ANNOTATION_PREFIX}${rule}: "${target}: <why, at least ${MIN_REASON_LENGTH} characters>"`
      : '';
    return { expression: check, message: `${problem} [${rule}]. ${fix}${relax}.` };
  }

  /**
   * The refusal of envFrom prefixes and ConfigMap names and of stdoutConfig/stderrConfig paths that a caller chooses (MOUNT_PATH_FIXED):
   * one validation, whose message (worked out only when it refuses) names the fields that are wrong; the static message, the API
   * server's fallback, names both.
   */
  private envFromAndStreams(exempt: Exempt): ValidationDef {
    const rule = RuleId.MOUNT_PATH_FIXED;
    const envFromProblem = 'the names of the env vars an envFrom entry gives (envFrom[].prefix: the prefix LD_ before a key PRELOAD makes'
      + ' LD_PRELOAD, BASH_ before ENV makes BASH_ENV) or the ConfigMap whose every key becomes an env var (envFrom[].configMapRef.name, the'
      + ' run\'s name too: one with a key LD_PRELOAD, BASH_ENV, GIT_SSH_COMMAND or PATH runs the caller\'s code)';
    const streamsProblem = 'the file its output is written to (stdoutConfig.path, stderrConfig.path), which the entrypoint appends the stream'
      + ' to, creating it: a script or git hook in a workspace a later step or task runs, a result file';
    const envFrom = this.validation(rule, '', `A step, sidecar or stepTemplate lets a substitution callers can choose pick ${envFromProblem}`,
      'Write the prefix and the ConfigMap\'s name in the Task as fixed text (prefix: CONFIG_, configMapRef: {name: build-settings}) and pass'
      + ' what varies as data');
    const streams = this.validation(rule, '', `A step lets a substitution callers can choose pick ${streamsProblem}`,
      'Write the path in the Task as fixed text (stdoutConfig: {path: $(workspaces.<name>.path)/<step>.log}) and pass what varies as data');
    const both = this.validation(rule, everyContainer((k) => `${envFromFixed(k)} && ${streamsFixed(k)}`, exempt),
      `A step, sidecar or stepTemplate lets a substitution callers can choose pick ${envFromProblem}, or a step ${streamsProblem}`,
      'Write the prefix, the ConfigMap\'s name and the path in the Task as fixed text (prefix: CONFIG_, configMapRef: {name: build-settings},'
      + ' stdoutConfig: {path: $(workspaces.<name>.path)/<step>.log}) and pass what varies as data');
    const refused = (check: (k: string) => string) => `!(${everyContainer(check, exempt)})`;
    return {
      ...both,
      messageExpression: `${refused(streamsFixed)} ? (${refused(envFromFixed)} ? ${celString(both.message)} : ${celString(streams.message)})`
        + ` : ${celString(envFrom.message)}`,
    };
  }

  /** The refusal of pipelineSpecs embedded deeper than the policies read. */
  private nesting(): ValidationDef {
    return this.validation(RuleId.VALID_SPEC, nestingWithinReach(),
      `A pipeline task embeds pipelineSpecs more than ${NESTED_PIPELINE_LEVELS} levels deep, which these policies do not read`,
      'Embed fewer levels of pipelines in pipelines');
  }

  /**
   * The variables every container check iterates over; with `entry` (CEL over a container
   * entry `k`, such as RUN_ENTRY), each container entry is made by it, worked out once.
   */
  private specVariables(entry?: string): Array<{ name: string; expression: string }> {
    return CONTAINER_VARIABLES.map((v) => (entry === undefined || v.name !== 'containers' ? v
      : { name: v.name, expression: `(${v.expression}).map(g, g.map(h, h.map(i, i.map(k, ${entry}))))` }));
  }

  private imageDigest(): PolicyDef {
    const rule = RuleId.IMAGE_DIGEST;
    const pinned = (image: string) => `(${image}.matches('${DIGEST_PATTERN}') || ${image}.matches('${OTHER_DIGEST_PATTERN}'))`;
    // a step runs its own command when it (else its stepTemplate) has a non-empty command, or it has a script (Tekton makes
    // it the command): only then does Tekton not look up the image's entrypoint, which a sha384 or sha512 digest fails
    const ownCommand = (k: string) => `(${isSet(`${k}.c`, ['command'], true)} || ${isSet(`${k}.t`, ['command'], true)} || ${withValue(`${k}.c`, 'script')})`;
    const image = (k: string) => `(${withValue(`${k}.c`, 'image')} ? ${k}.c.image : ${withValue(`${k}.t`, 'image')} ? ${k}.t.image : '')`;
    const exempt = this.exempt(rule);
    const fix = 'Use <repository>@sha256:<64 hex digest>';
    return {
      what: 'image-digest',
      resources: CONTAINER_KINDS,
      matchConditions: [],
      variables: [...this.specVariables(), ...this.relaxedVariables([rule])],
      validations: [
        // a step without image (Go's omitempty leaves out null and "") runs a StepAction (ref), checked through it, or takes the
        // stepTemplate's, which is then the step's own (a record of the stepTemplate alone does not exempt the steps that take it);
        // with neither it has none, which Tekton refuses
        this.validation(rule, everyContainer((k) => `${k}.role != 'step' || (${withValue(`${k}.c`, 'image')} ? ${pinned(`${k}.c.image`)}`
          + ` : ${setNotNull(`${k}.c.ref`)} || (${withValue(`${k}.t`, 'image')} && ${pinned(`${k}.t.image`)}))`, exempt),
        'A step image is missing or not pinned by digest', fix),
        this.validation(rule, everyContainer((k) => `${k}.role != 'sidecar' || (has(${k}.c.image) && ${pinned(`${k}.c.image`)})`, exempt),
          'A sidecar image is not pinned by digest', fix),
        this.validation(rule, everyContainer((k) => `${k}.role != 'stepTemplate' || !has(${k}.c.image) || ${pinned(`${k}.c.image`)}`, exempt),
          'A stepTemplate image is not pinned by digest', fix),
        this.validation(rule, everyContainer((k) => `${k}.role != 'stepAction' || (has(${k}.c.image) && ${pinned(`${k}.c.image`)})`, exempt),
          'The StepAction image is not pinned by digest', fix),
        // a step (its own image or its stepTemplate's) or StepAction pinned by sha384 or sha512 with no command of its own
        this.validation(rule, everyContainer((k) => `!(${k}.role in ['step', 'stepAction']) || ${setNotNull(`${k}.c.ref`)} || ${ownCommand(k)}`
          + ` || !${image(k)}.matches('${OTHER_DIGEST_PATTERN}')`, exempt),
        'A step or StepAction without a command or a script has an image pinned by a sha384 or sha512 digest, which Tekton cannot parse when it looks up'
        + ' the image\'s entrypoint (go-containerregistry\'s name.NewDigest reads sha256 digests only: "unsupported digest algorithm"), so every run fails',
        'Pin the image by its sha256 digest (<repository>@sha256:<64 hex digest>), or give the step its command'),
        this.nesting(),
      ],
    };
  }

  private stepSecurityContext(): PolicyDef {
    const where = 'neither itself nor through the stepTemplate';
    // the stepTemplate applies through the steps; a step that runs a StepAction (ref) gets the
    // StepAction's securityContext in place of its own (the StepAction is checked itself), and
    // Tekton merges the stepTemplate's under it: a field the stepTemplate sets must pass too
    // capabilities.add and .drop: an empty list is unset (Go's JSON leaves it out of Tekton's merge)
    const isList = (path: string[]) => path[0] === 'capabilities';
    const templateField = (k: string, path: string[], test: (v: string) => string) =>
      `(!(${isSet(`${k}.t`, ['securityContext', ...path], isList(path))}) || ${test([`${k}.t`, 'securityContext', ...path].join('.'))})`;
    // `judgeTemplate`: the stepTemplate entry is judged on its own value too (NOT_PRIVILEGED:
    // a step's null leaves the field to it); otherwise it is judged through the steps
    const sc = (k: string, path: string[], test: (v: string) => string, ifUnset: boolean, judgeTemplate = false) => {
      const container = `(has(${k}.c.ref) ? ${templateField(k, path, test)} : ${field(k, ['securityContext', ...path], test, ifUnset, isList(path))})`;
      if (!judgeTemplate) return `(${k}.role == 'stepTemplate' || ${container})`;
      const template = `(!(${hasPath(`${k}.c`, ['securityContext', ...path])}) || ${test([`${k}.c`, 'securityContext', ...path].join('.'))})`;
      return `(${k}.role == 'stepTemplate' ? ${template} : ${container})`;
    };
    return {
      what: 'step-security-context',
      resources: CONTAINER_KINDS,
      matchConditions: [],
      variables: [
        ...this.specVariables(),
        ...this.relaxedVariables([
          RuleId.RUN_AS_NON_ROOT, RuleId.NO_PRIVILEGE_ESCALATION, RuleId.DROP_ALL_CAPABILITIES, RuleId.SECCOMP_RUNTIME_DEFAULT,
        ]),
      ],
      validations: [
        this.validation(RuleId.RUN_AS_NON_ROOT,
          everyContainer((k) => sc(k, ['runAsNonRoot'], (v) => `${v} == true`, false), this.exempt(RuleId.RUN_AS_NON_ROOT)),
          `A step, sidecar or StepAction does not set securityContext.runAsNonRoot: true (${where})`,
          'Set runAsNonRoot: true with a non-zero runAsUser'),
        this.validation(RuleId.NO_PRIVILEGE_ESCALATION,
          everyContainer((k) => sc(k, ['allowPrivilegeEscalation'], (v) => `${v} == false`, false), this.exempt(RuleId.NO_PRIVILEGE_ESCALATION)),
          `A step, sidecar or StepAction does not set securityContext.allowPrivilegeEscalation: false (${where})`,
          'Set allowPrivilegeEscalation: false'),
        // never exempt: NOT_PRIVILEGED cannot be relaxed
        this.validation(RuleId.NOT_PRIVILEGED,
          everyContainer((k) => sc(k, ['privileged'], (v) => `${v} != true`, true, true), this.exempt(RuleId.NOT_PRIVILEGED)),
          'A step, sidecar, stepTemplate or StepAction sets securityContext.privileged: true',
          'Remove it or set privileged: false; this rule cannot be relaxed'),
        this.validation(RuleId.DROP_ALL_CAPABILITIES,
          everyContainer((k) => `(${sc(k, ['capabilities', 'drop'], (v) => `'ALL' in ${v}`, false)}`
            + ` && ${sc(k, ['capabilities', 'add'], (v) => `size(${v}) == 0`, true)})`, this.exempt(RuleId.DROP_ALL_CAPABILITIES)),
          `A step, sidecar or StepAction does not drop ALL capabilities in securityContext.capabilities (${where}), or adds some back`,
          'Set capabilities: { drop: [ALL] } and add none'),
        // never exempt: a record of DROP_ALL_CAPABILITIES admits the capabilities Pod Security baseline allows, no others
        ...(this.honours(RuleId.DROP_ALL_CAPABILITIES) ? [this.validation(RuleId.DROP_ALL_CAPABILITIES,
          everyContainer((k) => `(${sc(k, ['capabilities', 'add'], (v) => `${v}.all(c, c in ${list(BASELINE_CAPABILITY_NAMES)})`, true)}`
            + ` || !${this.exempt(RuleId.DROP_ALL_CAPABILITIES)(`${k}.target`)})`, () => 'false'),
          'A step, sidecar or StepAction that a relaxation record exempts from DROP_ALL_CAPABILITIES adds a capability (itself or through its stepTemplate)'
          + ` that the Pod Security baseline profile does not allow (it allows ${BASELINE_CAPABILITY_NAMES.join(', ')}), which no record exempts`,
          'Add only capabilities of that list; this cannot be relaxed', false)] : []),
        this.validation(RuleId.SECCOMP_RUNTIME_DEFAULT,
          // Go writes a seccompProfile's type always (no omitempty): a step's seccompProfile without one replaces the stepTemplate's type with ""
          everyContainer((k) => sc(k, ['seccompProfile'], (v) => `(has(${v}.type) ? ${v}.type : '') in ['RuntimeDefault', 'Localhost']`, false),
            this.exempt(RuleId.SECCOMP_RUNTIME_DEFAULT)),
          `A step, sidecar or StepAction has no securityContext.seccompProfile.type RuntimeDefault or Localhost (${where})`,
          'Set seccompProfile: { type: RuntimeDefault }'),
        // merged field by field: a step's localhostProfile (written unless null) over the stepTemplate's, its type (written always) over its
        this.validation(RuleId.SECCOMP_RUNTIME_DEFAULT,
          everyContainer((k) => `(${k}.role == 'stepTemplate' || ${profileAccepted(k)})`, this.exempt(RuleId.SECCOMP_RUNTIME_DEFAULT)),
          'A step, sidecar or StepAction runs with a seccompProfile the API server refuses (a localhostProfile with a type other than Localhost,'
          + ' or Localhost without one) or the kubelet cannot load (an empty localhostProfile), itself or as merged with its stepTemplate,'
          + ' so its pod never starts',
          'Set localhostProfile only with type Localhost, and type Localhost only with a localhostProfile'),
        // the kubelet refuses runAsNonRoot: true with a runAsUser of 0, but never a runAsGroup of 0: a step in the root group
        // may write every file group root may write, so a group written as 0 is refused here (one left unset is not judged, as in the catalogue)
        this.validation(RuleId.RUN_AS_NON_ROOT,
          everyContainer((k) => sc(k, ['runAsGroup'], (v) => `${v} != 0`, true), this.exempt(RuleId.RUN_AS_NON_ROOT)),
          'A step, sidecar or StepAction sets securityContext.runAsGroup: 0, the root group, itself or through the stepTemplate',
          'Set runAsGroup to a non-zero GID (the library writes 65532), or leave it unset'),
        // never exempt: what a resolver fetches is checked only in Tekton's dry-run create of it (apiserver.DryRunValidate), with the
        // records its publisher wrote, and Tekton verifies no StepAction
        this.validation(RuleId.VALID_SPEC, everyContainer((k) => remoteReferenceWithinReach(this.namespaces)(`${k}.c.ref`), () => 'false'),
          'A step runs a StepAction that a resolver fetches (ref.resolver) and takes its image, command, script, env and securityContext,'
          + " which its publisher chooses at each run: these policies check them only in Tekton's dry-run create of the StepAction in the run's namespace,"
          + ' with the relaxation records the publisher wrote in it (honoured as any object\'s), and Tekton does not verify it (trusted resources cover'
          + ' Tasks and Pipelines only); only the cluster resolver with a literal namespace param naming a namespace these policies hold in is admitted',
          `Create the StepAction in ${this.namespaces.length > 1 ? 'one of the namespaces' : 'the namespace'} ${this.namespaces.join(', ')}`
          + ' and reference it by name (ref.name) or through the cluster resolver with its namespace param set to that namespace'),
        this.nesting(),
      ],
    };
  }

  private hostAccess(): PolicyDef {
    const host = this.exempt(RuleId.NO_HOST_ACCESS);
    const isolation = this.exempt(RuleId.DEFAULT_ISOLATION);
    const pods = (check: (p: string) => string, exempt: Exempt) => `variables.podTemplates.all(p, ${check('p.pod')} || ${exempt('p.target')})`;
    const noHostPath = (volumes: string) => `(!has(${volumes}) || ${volumes}.all(v, !has(v.hostPath)))`;
    const noGitRepo = (volumes: string) => `(!has(${volumes}) || ${volumes}.all(v, !has(v.gitRepo)))`;
    const gitRepoProblem = 'makes the kubelet run git clone on the node, as root, with the repository it names (volumes[].gitRepo)';
    const gitRepoFix = 'Remove the gitRepo volume: use a step that clones into an emptyDir or a workspace';
    const perRun = this.exempt(RuleId.WORKSPACE_PER_RUN);
    const token = this.exempt(RuleId.RUN_TOKEN_AUTOMOUNT);
    // WORKSPACE_PER_RUN for volumes: only sources made for the pod, CSI drivers that make one, fresh ephemeral claims
    const claim = 'v.ephemeral.volumeClaimTemplate';
    // a null volume is Go's zero Volume, with no source (the API server's defaulting makes it an emptyDir)
    const noSharedClaim = (volumes: string) => `(!has(${volumes}) || ${volumes}.all(v, v == null || (v.all(k, k in ${list(['name', ...PER_POD_VOLUME_SOURCES])} || v[k] == null)`
      + ` && ${perPodCsi('v')} && (!has(v.ephemeral) || !has(v.ephemeral.volumeClaimTemplate) || ${freshClaim(claim)})`
      + ` && (${unsetOrNull('v', 'image')} || !has(v.image.reference) || v.image.reference.matches(${celString(DIGEST_PATTERN)})`
      // the kubelet pulls an image volume by a sha384 or sha512 digest too (no entrypoint is looked up)
      + ` || v.image.reference.matches(${celString(OTHER_DIGEST_PATTERN)})))))`;
    const claimProblem = 'storage that outlives the run (an existing PersistentVolumeClaim, nfs, iscsi, a cloud disk ..., a CSI driver not known to make a volume per pod, an image by tag)'
      + ' or an ephemeral claim that binds an existing volume or starts from existing data';
    const claimFix = 'Use a workspace bound to a volumeClaimTemplate, or an emptyDir';
    const podFix = 'Remove the field from the pod template';
    return {
      what: 'host-access',
      resources: CONTAINER_KINDS,
      matchConditions: [],
      variables: [
        ...this.specVariables(),
        { name: 'podTemplates', expression: POD_TEMPLATES },
        ...this.relaxedVariables([RuleId.NO_HOST_ACCESS, RuleId.DEFAULT_ISOLATION, RuleId.WORKSPACE_PER_RUN, RuleId.RUN_TOKEN_AUTOMOUNT]),
      ],
      validations: [
        this.validation(RuleId.NO_HOST_ACCESS, everySpec((e) => noHostPath(`${e}.spec.volumes`), host),
          'A task spec mounts a directory of the node (volumes[].hostPath)',
          'Use an emptyDir or a workspace instead'),
        this.validation(RuleId.NO_HOST_ACCESS,
          // only a sidecar's: v1 steps and stepTemplates have no ports (v1beta1's are dropped in the conversion to v1)
          everyContainer((k) => `(${k}.role != 'sidecar' || !has(${k}.c.ports) || ${k}.c.ports.all(port, !has(port.hostPort) || port.hostPort == 0))`, host),
          'A sidecar opens a port on the node (ports[].hostPort)',
          'Remove hostPort'),
        this.validation(RuleId.NO_HOST_ACCESS,
          everyContainer((k) => field(k, ['securityContext', 'windowsOptions', 'hostProcess'], (v) => `${v} != true`, true), host),
          'A step, sidecar, stepTemplate or StepAction runs as a process of the node (securityContext.windowsOptions.hostProcess)',
          'Remove hostProcess'),
        this.validation(RuleId.NO_HOST_ACCESS,
          pods((p) => `[${p}].all(pod, ${['hostNetwork', 'hostPID', 'hostIPC'].map((f) => `(!has(pod.${f}) || pod.${f} != true)`).join(' && ')})`, host),
          'A run pod template shares a namespace of the node (hostNetwork, hostPID or hostIPC)', podFix),
        this.validation(RuleId.NO_HOST_ACCESS, pods((p) => noHostPath(`${p}.volumes`), host),
          'A run pod template mounts a directory of the node (volumes[].hostPath)', 'Use an emptyDir or a workspace instead'),
        this.validation(RuleId.NO_HOST_ACCESS, pods((p) => podField(p, ['securityContext', 'windowsOptions', 'hostProcess'], (v) => `${v} != true`), host),
          'A run pod template runs the pod as processes of the node (securityContext.windowsOptions.hostProcess)', podFix),
        this.validation(RuleId.DEFAULT_ISOLATION,
          everyContainer((k) => isolated((path, test) => field(k, path, test, true)), isolation),
          'A step, sidecar, stepTemplate or StepAction weakens its isolation in securityContext: an SELinux type other than a container type,'
          + ' an SELinux user or role, a procMount other than Default, or an Unconfined AppArmor profile (or a Localhost one named unconfined or a beginning of it)',
          'Remove the seLinuxOptions, procMount or appArmorProfile'),
        this.validation(RuleId.DEFAULT_ISOLATION,
          pods((p) => `(${isolated((path, test) => podField(p, path, test))}`
            + ` && ${podField(p, ['securityContext', 'sysctls'], (v) => `${v}.all(s, has(s.name) && s.name in ${list(SAFE_SYSCTLS)})`)})`, isolation),
          'A run pod template weakens the isolation of its pods in securityContext: SELinux options, procMount, an Unconfined AppArmor profile'
          + ' (or a Localhost one named unconfined or a beginning of it),'
          + ' or a sysctl the Pod Security baseline profile does not allow',
          'Remove them from the pod template'),
        this.validation(RuleId.DEFAULT_ISOLATION,
          `(!(object.kind in ['PipelineRun', 'TaskRun', 'Task', 'Pipeline']) || ${profilesOn('object.metadata')} || ${isolation("''")})`
          + ` && ${everySpec((e) => profilesOn(`${e}.spec.metadata`), isolation)}`
          + " && (object.kind != 'PipelineRun' || !has(object.spec) || !has(object.spec.taskRunSpecs) || object.spec.taskRunSpecs.all(t,"
          + ` ${profilesOn('t.metadata')} || ${isolation("has(t.pipelineTaskName) ? 'task/' + t.pipelineTaskName : ''")}))`,
          'An annotation that Tekton copies to the pods (of a run, Task or Pipeline, a taskRunSpec or an embedded task spec) turns the AppArmor or seccomp profile off (unconfined)',
          'Remove the annotation'),
        this.nesting(),
        this.validation(RuleId.WORKSPACE_PER_RUN, everySpec((e) => noSharedClaim(`${e}.spec.volumes`), perRun),
          `A task spec mounts ${claimProblem} (volumes[].persistentVolumeClaim or ephemeral)`, claimFix),
        this.validation(RuleId.WORKSPACE_PER_RUN, pods((p) => noSharedClaim(`${p}.volumes`), perRun),
          `A run pod template mounts ${claimProblem} (volumes[].persistentVolumeClaim or ephemeral)`, claimFix),
        // a gitRepo volume makes the kubelet run git on the node as root (k8s pkg/volume/git_repo; CVE-2024-10220, CVE-2025-1767)
        this.validation(RuleId.NO_HOST_ACCESS, everySpec((e) => noGitRepo(`${e}.spec.volumes`), host),
          `A task spec ${gitRepoProblem}`, gitRepoFix),
        this.validation(RuleId.NO_HOST_ACCESS, pods((p) => noGitRepo(`${p}.volumes`), host),
          `A run pod template ${gitRepoProblem}`, gitRepoFix),
        this.validation(RuleId.NO_HOST_ACCESS,
          // only a sidecar's: v1 steps and stepTemplates have no probes or lifecycle (v1beta1's are dropped in the conversion to v1);
          // null at any depth is unset, as Go decodes it
          everyContainer((k) => `(${k}.role != 'sidecar' || (${['livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle.postStart', 'lifecycle.preStop']
            .flatMap((h) => ['httpGet', 'tcpSocket'].map((a) => [...h.split('.'), a, 'host']))
            .map((path) => `(!(${isSet(`${k}.c`, path, false)}) || ${[`${k}.c`, ...path].join('.')} == '')`)
            .join(' && ')}))`, host),
          'A sidecar\'s probe or lifecycle hook names a host (httpGet.host, tcpSocket.host), which the kubelet connects to from the node\'s network',
          'Remove the host: the kubelet then connects to the pod\'s own IP'),
        // the volumes of a task spec are its pods': a Task's or a Pipeline's too, whose runs (a TaskRun by taskRef, the TaskRuns of a
        // PipelineRun) carry no spec of their own to refuse here
        this.validation(RuleId.RUN_TOKEN_AUTOMOUNT,
          everySpec((e) => `(!has(${e}.spec.volumes) || ${noTokenProjection(`${e}.spec.volumes`)})`, token),
          'A task spec (a Task\'s, a Pipeline\'s task or one a run embeds) projects a ServiceAccount token into its pods (volumes[].projected.sources[].serviceAccountToken)',
          'Remove the serviceAccountToken projection'),
      ],
    };
  }

  private injection(): PolicyDef {
    const def = this.injectionWritten();
    const share = (e: string) => sharePatterns(e, INJECTION_PATTERNS, 'variables.patterns');
    return {
      ...def,
      variables: def.variables.map((v) => (v.name === 'patterns' ? v : { name: v.name, expression: share(v.expression) })),
      validations: def.validations.map((v) => ({ ...v, expression: share(v.expression) })),
    };
  }

  /** The injection policy as its expressions are written, each pattern in full. */
  private injectionWritten(): PolicyDef {
    const script = this.exempt(RuleId.SCRIPT_INJECTION);
    const argument = this.exempt(RuleId.ARGUMENT_INJECTION);
    const mounted = this.exempt(RuleId.MOUNT_PATH_FIXED);
    // the elements after the program: all of argv (command then args), or args when there is no command
    const afterProgram = (body: string) => `[size(cmd) > 0 ? argv : args].all(rest, [size(cmd) > 0 ? 1 : 0].all(first, ${body}))`;
    return {
      what: 'injection',
      resources: CONTAINER_KINDS,
      matchConditions: [],
      variables: [
        // the patterns RUN_ENTRY reads env wrappers and #! lines with (see ENV_WRAPPER, interactiveShell), and those the expressions
        // read most often (sharePatterns), written once
        { name: 'patterns', expression: `[${INJECTION_PATTERNS.map(celString).join(', ')}]` },
        ...this.specVariables(RUN_ENTRY),
        // the env vars that programs run as code, written once
        { name: 'executingEnv', expression: list(Object.keys(EXECUTING_ENV)) },
        ...this.relaxedVariables([RuleId.ARGUMENT_INJECTION, RuleId.MOUNT_PATH_FIXED]),
      ],
      validations: [
        // never exempt: SCRIPT_INJECTION cannot be relaxed; the kubelet does not expand scripts, which Tekton writes to files
        this.validation(RuleId.SCRIPT_INJECTION, everyContainer((k) => `(!has(${k}.c.script) || !${untrustedIn(`${k}.c.script`, `${k}.p`)})`, script),
          'A step, sidecar or StepAction script pastes a substitution callers can choose ($(params…), $(tasks…results…), $(steps…results…),'
          + ' $(context…) …) into its code',
          'Pass the value through env and quote the variable in the script; this rule cannot be relaxed'),
        this.validation(RuleId.SCRIPT_INJECTION,
          // an element is data when its first occurrence is (see RUN_ENTRY)
          everyContainer((k) => withRun(k, `(!${k}.runs || argv.all(a, argv.lastIndexOf(a) <= ${k}.program || argv.indexOf(a) >= ${k}.data`
            + ` || !(a in ${k}.u)))`
            // the string of env -S, which env splits into a command line
            + ` && ${k}.e.split.all(a, !(a in ${k}.u))`), script),
          'A step, sidecar, stepTemplate or StepAction passes a substitution callers can choose to an interpreter or command runner'
          + ' (sh -c, python -c, env … sh, ssh, kubectl …) or to the string of env -S (a command line), directly or through an env var the'
          + ' kubelet expands ($(NAME)), which runs it as code',
          'Pass the value through env and quote the variable in the script; this rule cannot be relaxed'),
        this.validation(RuleId.ARGUMENT_INJECTION,
          // before an interpreter run through wrappers, their own arguments (`env -$(params.x) sh -c …`) but env's assignments and -S string
          everyContainer((k) => withRun(k, `size(cmd) > 0 ? (${k}.runs ? argv.all(a, argv.indexOf(a) >= ${k}.program || a in ${k}.e.set`
            + ` || a in ${k}.e.split || !(a in ${k}.u)) : !(cmd[0] in ${k}.u))`
            + ` : (has(${k}.c.script) || args.all(a, !(a in ${k}.u)))`), argument),
          'A step, sidecar, stepTemplate or StepAction lets a substitution callers can choose pick the program (command[0], or an argument'
          + " of the wrappers before the interpreter they run), or passes one to the image's entrypoint (args without command or script), which may run it as code",
          'Name the program literally and set command'),
        this.validation(RuleId.ARGUMENT_INJECTION,
          // without a command, args go to the image's entrypoint (the validation above) or are a script's "$@" (data); the kubelet expands a $(NAME) into one argument
          // (a runner that runs a command after its `--`, SEPARATED_RUNNER: the `--` ends only its own options, so none is read as ending them)
          everyContainer((k) => withRun(k, `${k}.runs || size(cmd) == 0 || ${afterProgram(
            `[argv.exists(r, r.matches(${celString(SEPARATED_RUNNER)})) ? -1 : rest.indexOf('--')].all(separator, rest.all(a, rest.indexOf(a) < first || (!${expandsUntrusted('a')}`
            + ` && (!(a in ${k}.us) || (separator >= first && rest.indexOf(a) > separator)))))`)}`), argument),
          'A step, sidecar, stepTemplate or StepAction starts an argument with a substitution callers can choose (a value starting with "-"'
          + ' becomes an option) or puts one behind only dashes (--$(params.x) names the option), or expands an array param into several arguments ([*])',
          'Put the value after a literal "--" or behind a literal prefix such as "--flag=", or pass it through env'),
        this.validation(RuleId.ARGUMENT_INJECTION,
          // as the catalogue: a program that runs its arguments as code is SCRIPT_INJECTION's, workingDir included (which the kubelet does not expand),
          // but beside a runner of SEPARATED_RUNNER (`npx sh -c …`, `uv run …`), which picks what it runs from the working directory's project
          // (node_modules/.bin, pyproject.toml)
          // (the runner read only where the workingDir holds a caller's value)
          everyContainer((k) => `[${effective(k, 'workingDir', "''")}].all(wd, !${untrustedIn('wd', `${k}.p`)})`
            + ` || ${k}.runs && !(${k}.cmd + ${k}.args).exists(r, r.matches(${celString(SEPARATED_RUNNER)}))`, argument),
          'A step, sidecar, stepTemplate or StepAction lets a substitution callers can choose pick its workingDir',
          'Use a literal workingDir, or a workspace path'),
        this.nesting(),
        // as the catalogue: a container's own env value that a program runs as code (GIT_SSH_COMMAND, NODE_OPTIONS, LD_PRELOAD ...),
        // and the args of a Windows script, which Tekton runs as `<interpreter> <options> <file> <args>`
        this.validation(RuleId.ARGUMENT_INJECTION,
          // (SHELL beside a runner that may run the program it names, SHELL_RUNNER: `sr`, read once)
          everyContainer((k) => `[(${k}.cmd + ${k}.args).exists(a, a.matches(${celString(SHELL_RUNNER)}))].all(sr, !has(${k}.c.env) || ${k}.c.env.all(e, !has(e.name)`
            + ` || !(e.name in variables.executingEnv || e.name.matches(${celString(EXECUTING_ENV_PATTERN)}) || ${shellEnv('e.name', k)} || sr && e.name == 'SHELL')`
            + ` || (has(e.value) && e.value != null && e.value != '' ? !${callerValued(k, 'e.value')} : !(e.name in ${k}.x.sourced))))`
            // (the stepTemplate's ENV and prompts, which Tekton merges into the step, beside the shell the step runs: the stepTemplate's entry
            // reads the others, whatever runs)
            + ` && (!has(${k}.t.env) || ${k}.t.env.all(e, !has(e.name) || !(e.name in ${SHELL_RUN_ENV}) || !${shellEnv('e.name', k)}`
            + ` || (has(e.value) && e.value != null && e.value != '' ? !${callerValued(k, 'e.value')} : !(e.name in ${k}.x.sourced))))`
            + ` && (!has(${k}.c.script) || !${k}.c.script.trim().startsWith('#!win') || size(${k}.cmd) > 0 || !has(${k}.c.args)`
            + ` || ${k}.c.args.all(a, !(a in ${k}.u)))`, argument),
          'A step, sidecar, stepTemplate or StepAction passes a substitution callers can choose to an env var that runs code'
          + ' (GIT_SSH_COMMAND, NODE_OPTIONS, LD_PRELOAD, PATH …, ENV beside an interactive shell, PROMPT_COMMAND or PS1 beside bash -i)'
          + ' or to the args of a #!win script',
          'Write the value in the Task, or pass it through another env var'),
        // an env var that takes a caller's value through two others is beyond what these policies follow
        this.validation(RuleId.VALID_SPEC,
          everyContainer((k) => `(size(${k}.x.through) == 0 || [${envValues(k)}].all(env, env.all(e, !${expandsName('e.value', `${k}.x.through.filter(n, !(n in ${k}.x.direct))`)})))`
            + ` && (size(${k}.pt) == 0 || ${k}.w.all(w, !${k}.pt.exists(n, w.mountPath.contains('$(workspaces.' + n + '.path)'))))`, () => 'false'),
          'An env value expands ($(NAME)) an env var that itself expands one holding a substitution callers can choose, or a workspace\'s'
          + ' mountPath holds the path of a workspace whose mountPath holds the path of one holding it: a chain deeper than these policies follow',
          'Set the env var or the mountPath from the substitution directly, or from one env var or workspace path that holds it'),
        // as the catalogue: `env NAME=VALUE ... program` sets env vars too (for env run as command[0]); a caller's value in the name picks the var
        this.validation(RuleId.ARGUMENT_INJECTION,
          everyContainer((k) => `${k}.e.set.all(asg, !(asg in ${k}.u) || [asg.substring(0, asg.indexOf('='))].all(nm, !nm.contains('$(')`
            + ` && !(nm in variables.executingEnv || nm.matches(${celString(EXECUTING_ENV_PATTERN)}) || ${shellEnv('nm', k)})))`, argument),
          'A step, sidecar, stepTemplate or StepAction runs env NAME=VALUE … program with a substitution callers can choose in the value of'
          + ' an env var that runs code (GIT_SSH_COMMAND, BASH_ENV, LD_PRELOAD …) or in the name',
          'Write the value in the Task, or pass it through another env var'),
        // as the catalogue: Tekton substitutes params into a volumeMount's name, mountPath and subPath, and refuses /tekton/ and the
        // tekton-internal- names only as written; the kubelet expands env vars into subPathExpr
        this.validation(RuleId.MOUNT_PATH_FIXED, everyContainer(mountsFixed, mounted),
          'A step, sidecar, stepTemplate or StepAction lets a substitution callers can choose pick which volume is mounted (volumeMounts[].name,'
          + ' which Tekton checks for tekton-internal- only as written), where (mountPath, which Tekton checks for /tekton/ only as written: over the'
          + ' programs the container runs or Tekton\'s entrypoint) or which part of it the container sees (subPath, or subPathExpr through an env var'
          + ' the kubelet expands)',
          'Write the volume\'s name and the path in the Task (a fixed directory such as /workspace/<name>, a subPath relative to the volume) and'
          + ' pass what varies as data'),
        // Tekton substitutes params into a declared workspace's mountPath, which every step and sidecar that uses it gets
        this.validation(RuleId.MOUNT_PATH_FIXED,
          everySpec((e) => `(!has(${e}.spec.workspaces) || ${e}.spec.workspaces == null || ${e}.spec.workspaces.all(w, w == null`
            + ` || !has(w.mountPath) || w.mountPath == null || !${hasUntrusted('w.mountPath')}))`, mounted),
          'A task spec lets a substitution callers can choose pick where a workspace is mounted (workspaces[].mountPath) in every step and sidecar'
          + ' that uses it: over the programs they run or Tekton\'s entrypoint',
          'Write the path in the Task (a fixed directory such as /workspace/<name>) and pass what varies as data', true,
          // a workspace declaration has no target of its own: the spec's (no step/ or workspace/ record covers it)
          '<* for the object\'s own task spec, or task/<pipeline task> for a pipeline task\'s>'),
        // as the catalogue: a run's label the kubelet fills an env var from is a word callers choose: the program, the option, the env var
        this.validation(RuleId.ARGUMENT_INJECTION, everyContainer((k) => `[${labelEnv(k)}].all(lb, size(lb) == 0 || [${labelCopies(k)}].all(l, ${labelsData(k)}))`, argument),
          'A step, sidecar, stepTemplate or StepAction passes a run\'s label, which callers choose, through an env var the kubelet fills from it'
          + ' (valueFrom.fieldRef metadata.labels[...], $(NAME)) to where a word picks what runs: the program (command[0], or a wrapper\'s'
          + " argument), the image's entrypoint or a #!win script's interpreter (args), an option's name (behind only dashes), or an env var"
          + ' that runs code (GIT_SSH_COMMAND, LD_PRELOAD …) or its name in env NAME=VALUE',
          'Name the program and its options literally, and pass the label to a fixed program only as an argument\'s data'),
        // as the catalogue, and stricter where CEL cannot read the code: a run's label the kubelet pastes into code is a word callers choose
        this.validation(RuleId.SCRIPT_INJECTION, everyContainer(labelsOutOfCode, script),
          'A step, sidecar, stepTemplate or StepAction pastes a run\'s label, which callers choose, into code: the $(NAME) of an env var the kubelet'
          + ' fills from it (valueFrom.fieldRef metadata.labels[...]) or whose value expands such a $(NAME), in the code of a shell (sh -c) or an'
          + ' argument after it (its positional parameters), in a script\'s args, in the code of another interpreter (python3 -c, node -e, perl -e …)'
          + ' or in the string of env -S or an argument after it, where the word can run as code',
          'Read the env var in the code as data ("$NAME" in a shell, os.environ in Python …) instead of $(NAME), which the kubelet pastes into'
          + ' the code; this rule cannot be relaxed'),
        // past the option words RUN_ENTRY reads, a shell may be made interactive (`-i`), where ENV and the prompts run code: refused
        this.validation(RuleId.ARGUMENT_INJECTION,
          everyContainer((k) => `!${k}.ov || ((!has(${k}.c.env) || ${k}.c.env.all(e, !has(e.name) || !(e.name in ${list([...Object.keys(INTERACTIVE_ENV), ...Object.keys(PROMPT_ENV)])})`
            + ` || (has(e.value) && e.value != null && e.value != '' ? !${callerValued(k, 'e.value')} : !(e.name in ${k}.x.sourced))))`
            + ` && ${k}.e.set.all(asg, !(asg in ${k}.u) || !(asg.substring(0, asg.indexOf('=')) in ${list([...Object.keys(INTERACTIVE_ENV), ...Object.keys(PROMPT_ENV)])})))`, argument),
          `A step, sidecar, stepTemplate or StepAction runs a shell given more than ${SHELL_OPTION_WORDS} option words (bash -e -u -x -o pipefail`
          + ' -o errexit -i), past which these policies do not read whether it is interactive, and passes a substitution callers can choose to'
          + ' ENV, PROMPT_COMMAND, PS0, PS1 or PS2, which an interactive shell runs as code',
          `Group the shell's options (bash -eux -o pipefail) so that at most ${SHELL_OPTION_WORDS} words come before its first operand, or write`
          + ' the env var\'s value in the Task'),
        // as the catalogue, and stricter where CEL cannot read the code: a shell the code starts interactive runs ENV and the prompts
        this.validation(RuleId.SCRIPT_INJECTION, everyContainer(codeStartsNoShell, script),
          'A step, sidecar, stepTemplate or StepAction passes a substitution callers can choose to ENV, PROMPT_COMMAND, PS0, PS1 or PS2, which an'
          + ' interactive shell runs as code, and its script or the code it gives an interpreter starts a shell with an option that makes it'
          + ' interactive (sh -i) or one the code expands (sh -$O, sh $FLAGS, env -S \'sh ${F}\'), whose value these policies do not read',
          'Start the shells in the code with literal options that do not make them interactive (sh -e, bash -c …), or write the env var\'s'
          + ' value in the Task; this rule cannot be relaxed'),
        // as the catalogue (command-options.ts), and stricter: beside a runner of SEPARATED_RUNNER, a caller's value in the option that names
        // the package it runs or its code (RUNNER_CODE_OPTION), glued to it or the word after it, before the first `--` (after it, the
        // command's own: `npx -- sh -c …`), whichever runner; without a `--`, the words of the command it runs too (stricter), but where it
        // runs an interpreter (RUNS_CODE: the runner's words before it are the wrappers' validation's, the interpreter's SCRIPT_INJECTION's)
        this.validation(RuleId.ARGUMENT_INJECTION,
          // (a run's label's $(NAME) too, a word callers choose: its names `l`, labelCopies, read beside a runner alone)
          everyContainer((k) => withRun(k, `${k}.runs || size(cmd) == 0 || !argv.exists(r, r.matches(${celString(SEPARATED_RUNNER)}))`
            + ` || [${labelEnv(k)}].all(lb, [size(lb) == 0 ? [] : ${labelCopies(k)}].all(l, argv.all(a, !(a in ${k}.u || size(l) > 0 && ${expandsName('a', 'l')})`
            + ` || '--' in argv && argv.indexOf(a) > argv.indexOf('--') || !(a.matches(${celString(RUNNER_CODE_OPTION)})`
            + ` || argv.indexOf(a) > 0 && argv[argv.indexOf(a) - 1].matches(${celString(RUNNER_CODE_OPTION)})))))`), argument),
          'A step, sidecar, stepTemplate or StepAction passes a substitution callers can choose to the option of a runner (npx, npm exec, uvx,'
          + ' uv, pipx, bunx, pnpm dlx, yarn dlx, tfcmt) that names the package it installs and runs or the code it runs (-p, --package, --from,'
          + ' --with, --spec, -c, --call)',
          'Name the package (with its version) and the code literally in the Task'),
        // as the catalogue, for the forms CEL reads (positionalRun: POSITIONAL_CODE, POSITIONAL_PROGRAM): the code of `sh -c CODE NAME ARG…` runs a positional parameter as
        // code, and an ARG holds a caller's value by its position (read where argv holds one, then the code once)
        this.validation(RuleId.SCRIPT_INJECTION,
          everyContainer((k) => `!${k}.runs || ${k}.data + 1 >= size(${k}.cmd) + size(${k}.args) || ${withRun(k,
            `argv.all(a, argv.lastIndexOf(a) <= ${k}.data || !(a in ${k}.u)) || ${positionalRun(k)}`)}`, script),
          'A step, sidecar, stepTemplate or StepAction passes a substitution callers can choose as a positional parameter to the code of a shell'
          + ' (sh -c CODE NAME ARG…) that runs it as code: after eval, gdb or vim, as the code of a shell\'s -c, as the program of a command'
          + ' ("$@"), piped into at, or in arithmetic ($((…)), which runs an array subscript\'s command substitutions)',
          'Pass the value through env and have the code treat it as data (quoted, never evaluated); this rule cannot be relaxed'),
        // as the catalogue (argv.ts): yarn 2 and later run the first operand of `yarn exec` as shell code (yarn 1 as the program), so a
        // caller's value anywhere in it is refused, as npx's -c; stricter: the word after any `exec` beside a yarn anywhere in argv
        this.validation(RuleId.ARGUMENT_INJECTION,
          // (an exec word first, which few commands hold: the realistic objects' cost stays within the budget the tests set)
          everyContainer((k) => `!('exec' in ${k}.cmd || 'exec' in ${k}.args) || ${withRun(k, `!argv.exists(y, y.matches(${celString(YARN)}))`
            + ` || argv.all(a, !(a in ${k}.u) || [argv.indexOf(a), argv.lastIndexOf(a)].all(i, i == 0 || argv[i - 1] != 'exec'))`)}`, argument),
          'A step, sidecar, stepTemplate or StepAction passes a substitution callers can choose in the code of yarn exec (the word after exec),'
          + ' which yarn 2 and later run with their own shell (yarn 1 as the program)',
          'Write the command literally in the Task, or pass the value through env and have the code quote it ("$X")'),
        // as the catalogue: Tekton substitutes params into an envFrom entry's prefix and ConfigMap name, and the kubelet names each env var
        // prefix + key, so a caller picks the names (LD_ before a key PRELOAD) or, with the ConfigMap, names and values (a Secret's name is
        // the secrets policy's); and into a step's stdoutConfig.path and stderrConfig.path, where the entrypoint appends the stream, creating
        // the file (one validation: each walks every container; its message names the field that is refused, worked out only on a refusal)
        this.envFromAndStreams(mounted),
      ],
    };
  }

  private secrets(): PolicyDef {
    const expansion = this.exempt(RuleId.EXPANSION_INJECTION);
    const fixed = this.exempt(RuleId.SECRET_REFERENCE_FIXED);
    // whether template entry `t` comes before step entry `s` in the merged env: a step entry up to s replaces a template entry written after t
    const templateFirst = (t: string, s: string) => `senv.exists(s3, senv.indexOf(s3) <= senv.lastIndexOf(${s}) && tn.indexOf(${nameOf('s3')}) > tenv.indexOf(${t}))`;
    return {
      what: 'secrets',
      resources: CONTAINER_KINDS,
      matchConditions: [],
      variables: [{ name: 'podSecret', expression: podSecret() }, ...this.specVariables(ENV_ENTRY),
        ...this.relaxedVariables([RuleId.EXPANSION_INJECTION, RuleId.SECRET_REFERENCE_FIXED])],
      validations: [
        this.validation(RuleId.EXPANSION_INJECTION,
          // a stepTemplate is judged in the steps it is merged into, in the env order Tekton gives them (see the catalogue's mergeEnv):
          // the step's entries first, the template's others after, each before the first step entry that replaces one written after it
          everyContainer((k) => `${k}.role == 'stepTemplate' || size(${k}.cv) == 0 || [${k}.tenv].all(tenv, [${k}.senv].all(senv,`
            + ` [tenv.map(t, ${nameOf('t')})].all(tn, [senv.map(s, ${nameOf('s')})].all(sn, [tenv.filter(t, !(${nameOf('t')} in sn))].all(tonly,`
            + ` [senv.filter(s, ${SECRET_ENV('s')} || (!${ENV_VALUED('s')} && tenv.exists(t, ${nameOf('t')} == ${nameOf('s')} && ${SECRET_ENV('t')})))].all(ssec,`
            + ` [tonly.filter(t, ${SECRET_ENV('t')})].all(tsec, (!${k}.fromSecret && !${k}.podSecret && size(ssec) == 0 && size(tsec) == 0)`
            + ` || (${k}.argv.all(a, !(a in ${k}.cv))`
            // a step entry's value as merged: its own, or (a name alone) the stepTemplate's of that name
            + ` && senv.all(s, [${ENV_VALUED('s')} ? s.value : (!has(s.valueFrom) || s.valueFrom == null)`
            + ` && tenv.exists(t, ${nameOf('t')} == ${nameOf('s')} && ${ENV_VALUED('t')}) ? tenv.filter(t, ${nameOf('t')} == ${nameOf('s')} && ${ENV_VALUED('t')})[0].value : '']`
            + `.all(value, value == '' || !(value in ${k}.cv) || (!${k}.fromSecret && !ssec.exists(s2, senv.indexOf(s2) < senv.lastIndexOf(s))`
            + ` && !tsec.exists(t, ${templateFirst('t', 's')}))))`
            + ` && tonly.all(t, !${ENV_VALUED('t')} || !(t.value in ${k}.cv) || (!${k}.fromSecret && !tsec.exists(t2, tenv.indexOf(t2) < tenv.lastIndexOf(t))`
            + ` && !ssec.exists(s2, !${templateFirst('t', 's2')})))))))))))`, expansion),
          'A step, sidecar or StepAction whose env holds Secret values (valueFrom.secretKeyRef, envFrom secretRef; with its stepTemplate\'s, in the order'
          + " Tekton merges them; a run pod template's secretKeyRef, which Tekton appends to every step's env) passes a substitution callers can choose to command, args or a later env value, where the kubelet's $(NAME) expansion"
          + " hands it the Secret's value",
          'Give the step its Secrets as files (a workspace bound to the Secret, or a Vault CSI volume) rather than env, or pass the value'
          + ' through an env var listed before every Secret env var and read it in the script'),
        this.validation(RuleId.SECRET_REFERENCE_FIXED,
          everyContainer((k) => `((has(${k}.c.env) ? ${k}.c.env.filter(e, ${SECRET_ENV('e')}).map(e, e.valueFrom.secretKeyRef).map(r, (has(r.name) ? [r.name] : []) + (has(r.key) ? [r.key] : [])) : [])`
            + ` + (has(${k}.c.envFrom) ? ${k}.c.envFrom.filter(f, has(f.secretRef) && f.secretRef != null && has(f.secretRef.name)).map(f, [f.secretRef.name]) : []))`
            + `.all(names, names.all(x, x == null || !${chosenSecretName('x')}))`, fixed)
            + ` && ${everySpec((e) => `(!has(${e}.spec.volumes) || ${e}.spec.volumes.all(v, ${SECRET_VOLUME_NAMES('v')}.all(x, x == null || !${chosenSecretName('x')})))`, fixed)}`,
          'A step, sidecar, stepTemplate, StepAction or task volume lets a substitution callers can choose name the Secret, its key, the'
          + ' SecretProviderClass or the ServiceAccount token audience it reads (secretKeyRef, envFrom secretRef, secret, projected or CSI volumes),'
          + ' and the kubelet gives the pod any Secret of the namespace by that name',
          "Write the Secret's name in the Task, or bind the Secret to a workspace, which the run chooses"),
        this.nesting(),
        this.validation(RuleId.SECRET_REFERENCE_FIXED,
          everySpec((e) => `(!has(${e}.spec.volumes) || ${e}.spec.volumes.all(v, ${NO_CLASS_OVERRIDE('v')}))`, fixed),
          `A task volume ${CLASS_OVERRIDE_MESSAGE}`, CLASS_OVERRIDE_FIX),
      ],
    };
  }

  private runPodTemplates(): PolicyDef {
    const overrides = this.exempt(RuleId.RUN_POD_OVERRIDES);
    const identity = this.exempt(RuleId.RUN_POD_SECURITY_CONTEXT);
    const token = this.exempt(RuleId.RUN_TOKEN_AUTOMOUNT);
    const pods = (check: (p: string) => string, exempt: Exempt) => `variables.podTemplates.all(p, [p.pod].all(pod, ${check('pod')}) || ${exempt('p.target')})`;
    const none = (p: string, path: string[]) => `(!(${hasPath(p, path)}) || size(${[p, ...path].join('.')}) == 0)`;
    const keysOf = (terms: string) => `${terms}.all(term, ${['matchExpressions', 'matchFields'].map((f) =>
      `(!has(term.${f}) || term.${f}.all(e, !has(e.key) || !(e.key in ${list(CONTROL_PLANE)}) || (has(e.operator) && e.operator == 'DoesNotExist')))`).join(' && ')})`;
    const affinity = (p: string) => {
      const node = `${p}.affinity.nodeAffinity`;
      const required = `${node}.requiredDuringSchedulingIgnoredDuringExecution`;
      const preferred = `${node}.preferredDuringSchedulingIgnoredDuringExecution`;
      return `(!(${hasPath(p, ['affinity', 'nodeAffinity'])})`
        + ` || ((!has(${required}) || !has(${required}.nodeSelectorTerms) || ${keysOf(`${required}.nodeSelectorTerms`)})`
        + ` && (!has(${preferred}) || ${keysOf(`${preferred}.filter(x, has(x.preference)).map(x, x.preference)`)})))`;
    };
    const controlPlane = list(CONTROL_PLANE);
    const rootIdentity = (p: string) => `(!has(${p}.securityContext) || [${p}.securityContext].all(sc, `
      + ['runAsUser', 'runAsGroup', 'fsGroup'].map((f) => `(!has(sc.${f}) || sc.${f} != 0)`).join(' && ')
      + ' && (!has(sc.supplementalGroups) || !(0 in sc.supplementalGroups))))';
    return {
      what: 'run-pod-templates',
      // Tasks and Pipelines for their labels, which Tekton copies onto their TaskRuns (a Pipeline's through its runs)
      resources: [{ version: 'v1', resources: ['pipelineruns', 'taskruns', 'tasks', 'pipelines'] }],
      matchConditions: [],
      variables: [
        { name: 'podTemplates', expression: POD_TEMPLATES },
        ...this.relaxedVariables([RuleId.RUN_POD_OVERRIDES, RuleId.RUN_POD_SECURITY_CONTEXT, RuleId.RUN_TOKEN_AUTOMOUNT]),
      ],
      validations: [
        this.validation(RuleId.RUN_POD_OVERRIDES, pods((p) => none(p, ['env']), overrides),
          'A run pod template sets env for every container of its pods (LD_PRELOAD, BASH_ENV … reach trusted tasks too)',
          'Remove env from the pod template; set env on the steps that need it'),
        this.validation(RuleId.RUN_POD_OVERRIDES,
          // the kubelet appends dnsConfig.searches to the search list: a short name resolves under a domain the run chooses first
          pods((p) => `(${none(p, ['hostAliases'])} && (!has(${p}.dnsPolicy) || ${p}.dnsPolicy != 'None') && ${none(p, ['dnsConfig', 'nameservers'])}`
            + ` && ${none(p, ['dnsConfig', 'searches'])})`, overrides),
          'A run pod template redirects host names (hostAliases, dnsConfig.searches: a short name is looked up under its domains first)'
          + ' or replaces the DNS servers (dnsPolicy None, dnsConfig.nameservers)',
          'Remove hostAliases, dnsPolicy None, dnsConfig.nameservers and dnsConfig.searches from the pod template'),
        this.validation(RuleId.RUN_POD_OVERRIDES,
          pods((p) => `((!has(${p}.nodeSelector) || ${p}.nodeSelector.all(key, !(key in ${controlPlane}))) && ${affinity(p)}`
            + ` && (!has(${p}.tolerations) || ${p}.tolerations.all(t, !(has(t.operator) && t.operator == 'Exists' && (!has(t.key) || t.key == null || t.key == ''))`
            + ` && (!has(t.key) || !(t.key in ${controlPlane})))))`, overrides),
          'A run pod template schedules its pods onto control-plane nodes (nodeSelector, node affinity, tolerations of their taints or of every taint)',
          'Remove the control-plane node selectors, affinity and tolerations from the pod template'),
        this.validation(RuleId.RUN_POD_OVERRIDES,
          pods((p) => `(!has(${p}.priorityClassName) || !(${p}.priorityClassName in ${list(SYSTEM_PRIORITY)}))`, overrides),
          'A run pod template takes the priority of the cluster\'s own components (priorityClassName system-node-critical or system-cluster-critical)',
          'Remove priorityClassName or use a class of your own'),
        // Tekton substitutes the TaskRun's params into these fields of a pod template (ApplyPodTemplateReplacements)
        this.validation(RuleId.RUN_POD_OVERRIDES, pods(podParamsFree, overrides),
          'A run pod template takes a param ($(params…)) in a field Tekton substitutes it into (nodeSelector, tolerations, affinity,'
          + ' topologySpreadConstraints, dnsPolicy, dnsConfig, hostAliases, priorityClassName, runtimeClassName, schedulerName, securityContext,'
          + ' imagePullSecrets, volumes, env), so a caller could pick control-plane nodes, DNS, a system priority or a Secret to mount',
          'Write the value in the pod template'),
        this.validation(RuleId.RUN_POD_SECURITY_CONTEXT, pods(rootIdentity, identity),
          'A run pod template gives its pods a root identity in securityContext (runAsUser, runAsGroup or fsGroup 0, or group 0 in supplementalGroups),'
          + ' which every container that sets none inherits',
          'Use non-zero IDs, e.g. 65532'),
        this.validation(RuleId.RUN_TOKEN_AUTOMOUNT,
          pods((p) => `(!has(${p}.volumes) || ${noTokenProjection(`${p}.volumes`)})`, token),
          'A run pod template projects a ServiceAccount token into its pods (volumes[].projected.sources[].serviceAccountToken)',
          'Remove the serviceAccountToken projection'),
        this.validation(RuleId.RUN_TOKEN_AUTOMOUNT,
          // a pod's own automountServiceAccountToken wins over its ServiceAccount's false (Kubernetes ServiceAccount admission), in every template
          pods((p) => `(!has(${p}.automountServiceAccountToken) || ${p}.automountServiceAccountToken != true)`, token),
          'A run pod template (a TaskRun\'s podTemplate, a PipelineRun\'s taskRunTemplate.podTemplate or taskRunSpecs[].podTemplate) mounts the'
          + ' ServiceAccount token again (automountServiceAccountToken: true), which wins over its ServiceAccount\'s automountServiceAccountToken: false',
          'Remove automountServiceAccountToken from the pod template'),
        // the pipeline's NetworkPolicies select a task's pods by the labels Tekton gives them: a run must not choose them. No record exempts
        // these (tektonPodLabels): the record's writer is the run's, and a SecurePipeline run's task would take another task's egress
        this.validation(RuleId.RUN_POD_OVERRIDES,
          "object.kind != 'PipelineRun' || !has(object.spec) || !has(object.spec.taskRunSpecs) || object.spec.taskRunSpecs.all(t, !has(t.metadata)"
          + " || !has(t.metadata.labels) || t.metadata.labels.all(k, !k.startsWith('tekton.dev/')))",
          "A PipelineRun's taskRunSpecs[].metadata.labels set a tekton.dev/ label, which wins over the one Tekton gives the task's TaskRun and pod:"
          + " the NetworkPolicies that select pods by it (another task's or another pipeline's egress) would select this task's pods",
          'Remove the label: Tekton sets it', false),
        // a TaskRun Tekton's controller made for a pipeline task carries them rightly; an update that leaves them as they were (Chains') changes nothing
        this.validation(RuleId.RUN_POD_OVERRIDES,
          `object.kind != 'TaskRun' || request.userInfo.username == ${literal(this.tektonControllerUsername)} || !has(object.metadata.labels)`
          + ` || ${list(TEKTON_POD_LABELS)}.all(k, !(k in object.metadata.labels) || (oldObject != null && has(oldObject.metadata.labels)`
          + ' && k in oldObject.metadata.labels && oldObject.metadata.labels[k] == object.metadata.labels[k]))',
          'A TaskRun sets a label Tekton gives only the TaskRuns of a PipelineRun (tekton.dev/pipeline, pipelineTask, pipelineRun or memberOf), which its pod'
          + " gets: the NetworkPolicies that select that pipeline task's pods (its egress) would select this one",
          'Remove the label: Tekton sets it', false),
        this.validation(RuleId.RUN_TOKEN_AUTOMOUNT,
          `!has(object.spec) || !has(object.spec.workspaces) || ${noTokenProjection('object.spec.workspaces')} || ${token("''")}`,
          'A run binds a workspace to a projected volume with a ServiceAccount token (workspaces[].projected.sources[].serviceAccountToken), which every pod that mounts it gets',
          'Remove the serviceAccountToken projection'),
        // as the catalogue: a pod-level seccompProfile applies to every container that sets none, Tekton's init containers
        // (prepare, place-scripts) among them unless set-security-context is on (tektoncd/pipeline v1.15 pkg/pod/entrypoint.go)
        this.validation(RuleId.RUN_POD_SECURITY_CONTEXT,
          pods((p) => `(${podField(p, ['securityContext', 'seccompProfile'], (v) => `(has(${v}.type) && ${v}.type in ['RuntimeDefault', 'Localhost'])`)})`, identity),
          'A run pod template sets a securityContext.seccompProfile whose type is not RuntimeDefault or Localhost (Unconfined turns seccomp off),'
          + " which every container that sets none inherits, Tekton's init containers among them",
          'Set seccompProfile: { type: RuntimeDefault }'),
        // Tekton copies a Task's labels onto each TaskRun of it that lacks them (a TaskRun no PipelineRun made lacks these), and
        // so onto its pod, whoever writes the TaskRun (tektoncd/pipeline v1.15 taskrun.go storeTaskSpecAndMergeMeta); a Task a resolver
        // fetches is checked here too, in Tekton's dry-run create (apiserver.DryRunValidate), with the records its publisher wrote
        this.validation(RuleId.RUN_POD_OVERRIDES,
          `object.kind != 'Task' || !has(object.metadata.labels) || ${list(TEKTON_POD_LABELS)}.all(k, !(k in object.metadata.labels))`,
          'A Task sets a label Tekton gives only the TaskRuns of a PipelineRun (tekton.dev/pipeline, pipelineTask, pipelineRun or memberOf), which Tekton'
          + ' copies onto every TaskRun of the Task that lacks it (one no PipelineRun made) and its pod: the NetworkPolicies that select that pipeline'
          + " task's pods (its egress) would select this one",
          'Remove the label: Tekton sets it', false),
        ...this.securePipelineLabel(),
        ...this.nestedPipelineRecords(),
      ],
    };
  }

  /**
   * The refusal of a record (of a rule the policies honour) on a Pipeline or a PipelineRun whose target is a pipeline task that
   * runs a pipeline (`pipelineSpec`, or `pipelineRef`: Tekton's pipelines in pipelines), or lies below one. Tekton runs such a task
   * as a child PipelineRun with every annotation of its parent, and that run's TaskRuns with the child's, labelled with their own
   * pipeline task alone (tektoncd/pipeline v1.15 createChildPipelineRun, createChildResourceLabels): nothing in them names the
   * pipeline task above, so a record of `task/<outer>/task/<inner>/…` (or of `task/<outer>`) cannot be read as theirs, and they
   * would be refused though the parent was admitted. A record of the whole object (`*`) reaches them all as it is. The controller's
   * own creates (the child PipelineRuns, with their parent's records) are not judged here: the parent was.
   */
  private nestedPipelineRecords(): ValidationDef[] {
    if (this.honouredRelaxations.length === 0) return [];
    const keys = list(this.honouredRelaxations.map((r) => RELAXATION_ANNOTATION_PREFIX + r));
    const nested = `(${PIPELINE_TASKS}).filter(t, (has(t.pipelineSpec) || has(t.pipelineRef)) && has(t.name)).map(t, 'task/' + t.name)`;
    const check = `request.userInfo.username == ${literal(this.tektonControllerUsername)} || !(object.kind in ['Pipeline', 'PipelineRun'])`
      + ' || !has(object.metadata.annotations)'
      + ` || [${nested}].all(n, size(n) == 0 || object.metadata.annotations.all(k, !(k in ${keys})`
      + ` || object.metadata.annotations[k].split('\\n').all(l, !l.matches(${celString(RECORD_LINE)})`
      + " || [l.substring(0, l.indexOf(': '))].all(r, !n.exists(x, r == x || r.startsWith(x + '/'))))))";
    return [this.validation(RuleId.VALID_SPEC, check,
      'A relaxation record (secure-tekton/relax.<RULE>) targets a pipeline task that runs a pipeline (pipelineSpec or pipelineRef), or a part of it'
      + ' (task/<name>, task/<name>/…): Tekton runs that task as a child PipelineRun with the record, whose TaskRuns carry no label naming the task'
      + ' above them, so these policies cannot read the record as theirs and would refuse them, and the run would fail',
      'Record the relaxation for the whole object (*: it reaches the child runs as it is), or make the nested tasks tasks of the pipeline itself', false)];
  }

  /**
   * The label a SecurePipeline's NetworkPolicies select its pods by (`secure-tekton/pipeline`, its
   * Pipeline's name), which Tekton copies from the Pipeline onto each run, the run's own label
   * winning, then onto every TaskRun (after the taskRunSpecs' labels, before an embedded task
   * spec's) and pod (tektoncd/pipeline v1.15 storePipelineSpecAndMergeMeta,
   * combineTaskRunAndTaskSpecLabels). No record exempts these checks: the writer of the object
   * would give its pods a pipeline's egress with one. A Pipeline or Task a resolver fetches (any
   * resolver, the cluster one included) is checked too: before using it, Tekton dry-run creates it
   * in the run's namespace as its controller, under a random name (tektoncd/pipeline v1.15
   * pkg/reconciler/apiserver DryRunValidate, called by readRuntimeObjectAsPipeline and
   * readRuntimeObjectAsTask), so a fetched Pipeline carrying the label is never named by it and a
   * fetched Task carrying it is refused, and the run fails before it creates any TaskRun. The
   * controller creates PipelineRuns only as the children of a pipeline task that runs a pipeline,
   * with every label of the parent run, this one included (createChildPipelineRun,
   * createChildResourceLabels): such a create is refused, and the parent run fails.
   */
  private securePipelineLabel(): ValidationDef[] {
    const key = literal(SECURE_PIPELINE_LABEL);
    const fix = `Remove the label: a SecurePipeline writes ${SECURE_PIPELINE_LABEL} on its Pipeline, with the Pipeline's name, and Tekton copies it onto the pods of its runs`;
    const ref = 'object.spec.pipelineRef';
    // a run of a Pipeline by name carries the name Tekton copies anyway; the controller writes the label of the Pipeline it fetched;
    // an update that leaves it as it was (Chains') changes nothing
    const run = `object.kind != 'PipelineRun' || !has(object.metadata.labels) || !(${key} in object.metadata.labels)`
      + ` || (has(object.spec) && has(${ref}) && (!has(${ref}.resolver) || ${ref}.resolver == '') && has(${ref}.name) && ${ref}.name == object.metadata.labels[${key}])`
      // (an update: the PipelineRuns the controller creates are the children of a pipeline task that runs a pipeline, which carry every label of their parent run)
      + ` || (request.userInfo.username == ${literal(this.tektonControllerUsername)} && oldObject != null)`
      + ` || (oldObject != null && has(oldObject.metadata.labels) && ${key} in oldObject.metadata.labels && oldObject.metadata.labels[${key}] == object.metadata.labels[${key}])`;
    const spec = (t: string) => `(!has(${t}.taskSpec) || ${t}.taskSpec == null || !has(${t}.taskSpec.metadata) || !has(${t}.taskSpec.metadata.labels)`
      + ` || !(${key} in ${t}.taskSpec.metadata.labels))`;
    const nested = (t: string, level: number): string => level === NESTED_PIPELINE_LEVELS ? spec(t)
      : `(${spec(t)} && (!has(${t}.pipelineSpec) || ${t}.pipelineSpec == null || ${tasksOf(`${t}.pipelineSpec`)}.all(t${level + 1}, ${nested(`t${level + 1}`, level + 1)})))`;
    // a TaskRun's labels reach its pod, a Task's each TaskRun of it that lacks them (one no PipelineRun made); the controller's TaskRuns carry it rightly
    const own = `(object.kind != 'TaskRun' && object.kind != 'Task') || !has(object.metadata.labels) || !(${key} in object.metadata.labels)`
      + ` || (object.kind == 'TaskRun' && (request.userInfo.username == ${literal(this.tektonControllerUsername)} || (oldObject != null`
      + ` && has(oldObject.metadata.labels) && ${key} in oldObject.metadata.labels && oldObject.metadata.labels[${key}] == object.metadata.labels[${key}])))`;
    return [
      this.validation(RuleId.RUN_POD_OVERRIDES, own,
        `A Task or a TaskRun sets the ${SECURE_PIPELINE_LABEL} label, which Tekton copies onto the TaskRun's pod (a Task's onto each TaskRun of it that lacks it,`
        + " one no PipelineRun made): the NetworkPolicies of the pipeline it names (that pipeline's egress) would select that pod",
        fix, false),
      this.validation(RuleId.RUN_POD_OVERRIDES, run,
        `A PipelineRun sets the ${SECURE_PIPELINE_LABEL} label (other than the pipelineRef.name of the Pipeline it runs by name), which wins over the one`
        + " Tekton copies from the Pipeline onto the run's TaskRuns and pods: the NetworkPolicies of the pipeline it names (that pipeline's egress) would select them",
        fix, false),
      this.validation(RuleId.RUN_POD_OVERRIDES,
        'object.kind != \'PipelineRun\' || !has(object.spec) || !has(object.spec.taskRunSpecs) || object.spec.taskRunSpecs.all(t, !has(t.metadata)'
        + ` || !has(t.metadata.labels) || !(${key} in t.metadata.labels))`,
        `A PipelineRun's taskRunSpecs[].metadata.labels set the ${SECURE_PIPELINE_LABEL} label, which wins over the one Tekton copies from the Pipeline onto the`
        + " task's TaskRun and pod: the NetworkPolicies of the pipeline it names (that pipeline's egress) would select this task's pods",
        fix, false),
      this.validation(RuleId.RUN_POD_OVERRIDES, `(${PIPELINE_TASKS}).all(t0, ${nested('t0', 0)})`,
        `A task spec a pipeline task embeds (in a Pipeline, a PipelineRun's pipelineSpec or a pipelineSpec a pipeline task embeds) sets the ${SECURE_PIPELINE_LABEL}`
        + " label in its metadata.labels, which Tekton copies onto the task's TaskRun and pod where the PipelineRun lacks it (a run that embeds its pipelineSpec):"
        + " the NetworkPolicies of the pipeline it names (that pipeline's egress) would select this task's pods",
        fix, false),
      this.validation(RuleId.RUN_POD_OVERRIDES,
        `object.kind != 'Pipeline' || !has(object.metadata.labels) || !(${key} in object.metadata.labels)`
        + ` || (has(object.metadata.name) && object.metadata.labels[${key}] == object.metadata.name)`,
        `A Pipeline's ${SECURE_PIPELINE_LABEL} label is not its own name, and Tekton copies it onto the TaskRuns and pods of the Pipeline's runs:`
        + " the NetworkPolicies of the pipeline it names (that pipeline's egress) would select them",
        'Remove the label, or give it the Pipeline\'s metadata.name', false),
    ];
  }

  private runServiceAccount(): PolicyDef {
    const rule = RuleId.RUN_SERVICE_ACCOUNT;
    const allowed = list(this.allowedServiceAccounts);
    const fix = `Use one of: ${this.allowedServiceAccounts.join(', ')}`;
    // never exempt: the allow-list is the cluster admin's decision, not the run author's
    return {
      what: 'run-service-account',
      resources: RUNS,
      matchConditions: [],
      variables: [],
      validations: [
        this.validation(rule,
          "object.kind != 'PipelineRun' || (has(object.spec) && has(object.spec.taskRunTemplate) && has(object.spec.taskRunTemplate.serviceAccountName)"
          + ` && object.spec.taskRunTemplate.serviceAccountName in ${allowed})`,
          'The PipelineRun does not name an allowed ServiceAccount in spec.taskRunTemplate.serviceAccountName', fix),
        this.validation(rule,
          "object.kind != 'PipelineRun' || !(has(object.spec) && has(object.spec.taskRunSpecs))"
          + ` || object.spec.taskRunSpecs.all(t, !has(t.serviceAccountName) || t.serviceAccountName == '' || t.serviceAccountName in ${allowed})`,
          'A PipelineRun spec.taskRunSpecs[].serviceAccountName is not an allowed ServiceAccount',
          `${fix}, or leave it unset so that the taskRunTemplate's applies`),
        this.validation(rule,
          `object.kind != 'TaskRun' || (has(object.spec) && has(object.spec.serviceAccountName) && object.spec.serviceAccountName in ${allowed})`,
          'The TaskRun does not name an allowed ServiceAccount in spec.serviceAccountName', fix),
      ],
    };
  }

  private runWorkspaces(): PolicyDef {
    const rule = RuleId.WORKSPACE_PER_RUN;
    const exempt = this.exempt(rule);
    const every = (check: string) => `!has(object.spec) || !has(object.spec.workspaces) || object.spec.workspaces.all(w, (${check})`
      + ` || ${exempt("'workspace/' + w.name")})`;
    const modes = 'w.volumeClaimTemplate.spec.accessModes';
    return {
      what: 'run-workspaces',
      resources: RUNS,
      matchConditions: [{
        name: 'not-a-taskrun-of-the-tekton-controller',
        expression: `!(object.kind == 'TaskRun' && request.userInfo.username == ${literal(this.tektonControllerUsername)})`,
      }],
      variables: this.relaxedVariables([rule, RuleId.SECRET_REFERENCE_FIXED]),
      validations: [
        this.validation(rule, every('!has(w.persistentVolumeClaim)'),
          'A run workspace binds an existing PersistentVolumeClaim (spec.workspaces[].persistentVolumeClaim), which runs share',
          'Use a volumeClaimTemplate, so that each run gets a fresh volume'),
        this.validation(rule,
          every(`!has(w.volumeClaimTemplate) || (${hasPath('w.volumeClaimTemplate', ['spec', 'accessModes'])}`
            + ` && size(${modes}) > 0 && ${modes}.all(m, m in ['ReadWriteOnce', 'ReadWriteOncePod']))`),
          'A run workspace volumeClaimTemplate asks for no access mode or one other than ReadWriteOnce and ReadWriteOncePod'
          + ' (spec.workspaces[].volumeClaimTemplate.spec.accessModes)',
          'Use accessModes: [ReadWriteOnce]'),
        // a fresh claim that binds an existing volume or starts from existing data holds another run's
        this.validation(rule,
          every(`!has(w.volumeClaimTemplate) || ${freshClaim('w.volumeClaimTemplate')}`),
          'A run workspace volumeClaimTemplate binds an existing PersistentVolume or starts from existing data'
          + ' (spec.workspaces[].volumeClaimTemplate.spec.volumeName, dataSource, dataSourceRef, selector or storageClassName "",'
          + ` or the annotation ${BETA_STORAGE_CLASS} "", which the PV controller reads first)`,
          `Remove volumeName, dataSource, dataSourceRef, selector and an empty ${BETA_STORAGE_CLASS} annotation and name a storage class, so that each run gets an empty volume`),
        this.validation(rule, every(perPodCsi('w')),
          `A run workspace binds a CSI volume of a driver not known to make a volume per pod (spec.workspaces[].csi.driver; known: ${PER_POD_CSI_DRIVERS.join(', ')})`,
          'Use a volumeClaimTemplate, or a known driver'),
        // Tekton substitutes the results of earlier tasks into a PipelineRun's workspace bindings
        this.validation(RuleId.SECRET_REFERENCE_FIXED,
          'object.kind != \'PipelineRun\' || !has(object.spec) || !has(object.spec.workspaces)'
          + ' || [has(object.spec.params) ? object.spec.params.filter(p, has(p.name)).map(p, p.name) : []].all(given, object.spec.workspaces.all(w,'
          + ` ${SECRET_VOLUME_NAMES('w', false)}.all(x, x == null || !(x.contains('$(tasks.') || x.contains('$(tt.')`
          // a param the run gives no value for is left as written, and each TaskRun substitutes its own
          + ` || x.findAll(${celString(PARAM_DOT)}).exists(m, !(m.substring(9) in given))`
          + ` || x.findAll(${celString(PARAM_BRACKET)}).exists(m, !(m.substring(10, size(m) - 2) in given))))`
          + ` || ${this.exempt(RuleId.SECRET_REFERENCE_FIXED)("'workspace/' + w.name")}))`,
          'A PipelineRun workspace binding names its Secret or a key of it by the result of a task'
          + ' ($(tasks.<t>.results.<r>), which Tekton substitutes there), by a param the run gives no value for (each TaskRun substitutes its own),'
          + ' or by a TriggerTemplate\'s $(tt.params.<p>), so a task or an event chooses the Secret the tasks read',
          "Write the Secret's name in the binding"),
        this.validation(RuleId.SECRET_REFERENCE_FIXED,
          `!has(object.spec) || !has(object.spec.workspaces) || object.spec.workspaces.all(w, ${NO_CLASS_OVERRIDE('w')}`
          + ` || ${this.exempt(RuleId.SECRET_REFERENCE_FIXED)("'workspace/' + w.name")})`,
          `A run workspace binding ${CLASS_OVERRIDE_MESSAGE}`, CLASS_OVERRIDE_FIX),
        // Triggers pastes an event's value into a binding's CSI class and token audiences, where Tekton substitutes nothing,
        // and into a TaskRun's Secret names (a PipelineRun's are the validation above's)
        this.validation(RuleId.SECRET_REFERENCE_FIXED,
          '!has(object.spec) || !has(object.spec.workspaces) || object.spec.workspaces.all(w,'
          + ` ((object.kind == 'TaskRun' ? ${SECRET_VOLUME_NAMES('w', false)} : []) + ${EVENT_CHOSEN_BINDING_NAMES('w')}).all(x, x == null || !x.contains('$(tt.'))`
          + ` || ${this.exempt(RuleId.SECRET_REFERENCE_FIXED)("'workspace/' + w.name")})`,
          'A run workspace binding names its SecretProviderClass (csi.volumeAttributes.secretProviderClass) or a token audience'
          + ' (projected serviceAccountToken.audience), or a TaskRun binding its Secret or a key of it, by a TriggerTemplate\'s $(tt.params.<p>),'
          + ' which Tekton Triggers pastes in, so an event chooses the Vault secrets, the Secret or the token the tasks get',
          'Write the SecretProviderClass, the Secret and the audience in the binding'),
      ],
    };
  }

  private runStatus(): PolicyDef {
    const controller = this.tektonControllerUsername;
    // never exempt: whoever writes a run's status chooses what the controller runs for it
    return {
      what: 'run-status',
      resources: RUN_STATUS,
      // the status subresource is only ever updated (update and patch)
      operations: ['UPDATE'],
      matchConditions: [],
      variables: [],
      validations: [
        this.validation(RuleId.RBAC_NO_ESCALATION, `request.userInfo.username == ${literal(controller)}`,
          'Someone other than the Tekton controller writes the status of a run (taskruns/status, pipelineruns/status): the controller runs'
          + " a TaskRun's status.taskSpec and a PipelineRun's status.pipelineSpec in place of the Task or Pipeline the run references,"
          + ' and sets results, which later tasks receive as params and Chains signs, none of which any other policy checks',
          `Leave run status to the Tekton controller (${controller}): grant no one else update or patch of taskruns/status and pipelineruns/status`),
      ],
    };
  }

  /**
   * The policy on CustomRun status (with `customTaskControllerUsernames`): only the custom task
   * controllers write it. Tekton v1.15's PipelineRun reconciler reads a CustomRun's condition and results
   * (resources/pipelinerunresolution.go isSuccessful, resources/resultrefresolution.go) and only
   * patches its spec (cancel.go, timeout.go).
   */
  private customRunStatus(users: readonly string[]): PolicyDef {
    const who = users.length ? users.join(', ') : 'none: customTaskControllerUsernames is empty';
    // never exempt: whoever writes a CustomRun's status decides whether the tasks after it run and what they receive
    return {
      what: 'custom-run-status',
      resources: [{ version: 'v1beta1', resources: ['customruns/status'] }],
      // the status subresource is only ever updated (update and patch)
      operations: ['UPDATE'],
      matchConditions: [],
      variables: [],
      validations: [
        this.validation(RuleId.RBAC_NO_ESCALATION, users.length ? `request.userInfo.username in ${list(users)}` : 'false',
          'Someone other than the controllers of the custom tasks (customTaskControllerUsernames) writes the status of a CustomRun'
          + ' (customruns/status): Tekton reads its Succeeded condition to decide whether the pipeline tasks after it run (an approval task\'s is'
          + ' the approval) and passes its results to their params and when expressions',
          `Leave CustomRun status to the custom task controllers (${who}): grant no one else update or patch of customruns/status,`
          + ' or list the controller in customTaskControllerUsernames', false),
      ],
    };
  }

  /**
   * The policy on the claims Tekton makes for `volumeClaimTemplate` workspaces: only the Tekton
   * controller creates a PersistentVolumeClaim named as it names them (GENERATED_CLAIM_NAME), and only
   * Kubernetes' StatefulSet controller one named as an affinity assistant's (AFFINITY_ASSISTANT_CLAIM_NAME).
   * Tekton v1.15 gets the claim of that name first and creates one only when there is none
   * (pvchandler.go CreatePVCFromVolumeClaimTemplate), never checking who made it nor its owner:
   * a claim made by anyone else who saw the run's UID (watching runs) before the controller got to it
   * (a pending PipelineRun, a resolver still fetching its Pipeline, a busy controller) would be the run's workspace.
   * With `coschedule: pipelineruns` (or `isolate-pipelinerun`) Tekton binds the run's TaskRuns to
   * `<that name>-<its affinity assistant>-0` (pipelinerun.go, affinity_assistant.go
   * getPersistentVolumeClaimNameWithAffinityAssistant), which the StatefulSet controller makes from the
   * assistant's volumeClaimTemplates, taking an existing claim of that name as it is (kube-controller-manager's
   * stateful_set_utils.go, createPersistentVolumeClaims creates only the claims it does not find).
   */
  private workspaceClaims(): PolicyDef {
    const controller = this.tektonControllerUsername;
    const statefulSets = this.statefulSetControllerUsernames;
    const who = statefulSets.length ? statefulSets.join(', ') : 'none: statefulSetControllerUsernames is empty';
    // never exempt: a claim's author writes its annotations
    return {
      what: 'workspace-claims',
      resources: CLAIMS,
      operations: ['CREATE'],
      matchConditions: [],
      variables: [],
      validations: [
        this.validation(RuleId.WORKSPACE_PER_RUN,
          `request.userInfo.username == ${literal(controller)} || !has(object.metadata.name) || !object.metadata.name.matches(${celString(GENERATED_CLAIM_NAME)})`,
          'Someone other than the Tekton controller creates a PersistentVolumeClaim named as the controller names the claim it makes for a'
          + " run's volumeClaimTemplate workspace (<template name, or pvc>-<10 hex>): the controller takes a claim of that name, made by anyone,"
          + " as the run's new empty workspace without checking who made it, so whoever makes it first, with the run's UID in hand, chooses"
          + ' what the run starts from and can read what it writes',
          `Leave claims named <name>-<10 hex> to the Tekton controller (${controller}): give your PersistentVolumeClaim another name`, false),
        this.validation(RuleId.WORKSPACE_PER_RUN,
          `request.userInfo.username in ${list(statefulSets)} || !has(object.metadata.name) || !object.metadata.name.matches(${celString(AFFINITY_ASSISTANT_CLAIM_NAME)})`,
          'Someone other than the StatefulSet controller creates a PersistentVolumeClaim named as the claim of a PipelineRun\'s affinity assistant'
          + ' (<claim name>-affinity-assistant-<10 hex>-0): with coschedule: pipelineruns or isolate-pipelinerun, the StatefulSet controller takes a'
          + " claim of that name, made by anyone, as the assistant's and Tekton binds the run's workspace to it, so whoever makes it first, with the"
          + " run's UID in hand, chooses what the run starts from and can read what it writes",
          `Leave claims named <name>-affinity-assistant-<10 hex>-0 to the StatefulSet controller (${who}): give your PersistentVolumeClaim another name`, false),
        // kube-controller-manager's ephemeral volume controller creates a Pod's claim <pod name>-<volume name>, owned by the Pod
        // (pkg/controller/volume/ephemeral), as system:kube-controller-manager without --use-service-account-credentials; the
        // StatefulSet controller's claim of an assistant (retention policy Retain, ordinal 0) has no owner
        this.validation(RuleId.WORKSPACE_PER_RUN,
          `!has(object.metadata.name) || !object.metadata.name.matches(${celString(AFFINITY_ASSISTANT_CLAIM_NAME)})`
          + " || !has(object.metadata.ownerReferences) || !object.metadata.ownerReferences.exists(r, r.kind == 'Pod')",
          'A PersistentVolumeClaim named as the claim of a PipelineRun\'s affinity assistant (<claim name>-affinity-assistant-<10 hex>-0) is owned'
          + " by a Pod: it is the claim of a Pod's generic ephemeral volume (<pod name>-<volume name>), which kube-controller-manager creates, as"
          + ' system:kube-controller-manager where it runs without --use-service-account-credentials, for whoever creates the Pod; Tekton binds'
          + " the run's workspace to the claim of that name, so the Pod's author chooses what the run starts from and can read what it writes",
          'Rename the Pod or its ephemeral volume so that <pod name>-<volume name> does not end in -affinity-assistant-<10 hex>-0', false),
      ],
    };
  }

  /**
   * The policy on StatefulSets: only the Tekton controller creates one named as it names a PipelineRun's
   * affinity assistant (`affinity-assistant-<10 hex>`, the sha256 of the workspace's and the run's names:
   * known as soon as the run's name is) or changes one's spec, and only it creates one whose
   * volumeClaimTemplates compose, with its name, the name of an affinity assistant's claim. Tekton v1.15 gets
   * the StatefulSet of that name and creates one only when there is none, never checking who made it nor
   * updating it (affinity_assistant.go createOrUpdateAffinityAssistant); the run's pods then require to be
   * scheduled beside the pods labelled `app.kubernetes.io/instance: <that name>`, on a node the
   * StatefulSet's author chooses, and with `coschedule: pipelineruns` its volumeClaimTemplates, not Tekton's,
   * make the run's claims. A Pod with the assistant's labels satisfies that affinity too, and one with its
   * `app.kubernetes.io/component: affinity-assistant` alone repels every assistant from its node: only the StatefulSet
   * controller makes one, for an assistant's StatefulSet, no update changes those labels on one, and no other workload's
   * pod template carries it. The StatefulSet controller names a claim `<template name>-<StatefulSet name>-<ordinal>`,
   * so a template `pvc-affinity` of a StatefulSet `assistant-<10 hex>` makes an assistant's claim too (its
   * name ends in `-0` only for the ordinal 0).
   */
  private affinityAssistants(): PolicyDef {
    const controller = this.tektonControllerUsername;
    const statefulSets = this.statefulSetControllerUsernames;
    const who = statefulSets.length ? statefulSets.join(', ') : 'none: statefulSetControllerUsernames is empty';
    const aaClaim = celString(AFFINITY_ASSISTANT_CLAIM_NAME);
    // a Tekton object carries no assistant's component label, or an update leaves the assistants' labels as they were
    const runLabelsKept = `!(object.kind in ['Task', 'Pipeline', 'TaskRun', 'PipelineRun']) || !${tektonPodLabelMetadata('object', affinityAssistantLabel, 'exists')}`
      + ` || (request.operation == 'UPDATE' && ${tektonPodLabelMetadata('object', affinityAssistantLabelValues, 'map')}`
      + ` == ${tektonPodLabelMetadata('oldObject', affinityAssistantLabelValues, 'map')})`;
    // never exempt: a StatefulSet's author writes its annotations
    return {
      what: 'affinity-assistants',
      resources: [...STATEFUL_SETS, ...POD_MAKERS, ...LABELLED_TEKTON_KINDS],
      matchConditions: [],
      variables: [{
        name: 'name',
        expression: "has(object.metadata.name) ? object.metadata.name : has(object.metadata.generateName) ? object.metadata.generateName : ''",
      }],
      validations: [
        // an update that leaves the spec as it was (the garbage collector's of finalizers and ownerReferences) changes
        // neither where the run's pods go nor its claims
        this.validation(RuleId.RBAC_NO_ESCALATION,
          `object.kind != 'StatefulSet' || request.userInfo.username == ${literal(controller)} || !variables.name.startsWith(${literal(AFFINITY_ASSISTANT_PREFIX)})`
          + " || (request.operation == 'UPDATE' && has(object.spec) == has(oldObject.spec) && (!has(object.spec) || object.spec == oldObject.spec))",
          'Someone other than the Tekton controller creates a StatefulSet named as the controller names a PipelineRun\'s affinity assistant'
          + ' (affinity-assistant-<10 hex>, from the names of the run and its workspace alone), or changes the spec of one: the controller takes a'
          + " StatefulSet of that name, made by anyone, as the run's assistant without checking who made it, so its author chooses the node all the"
          + " run's pods are scheduled on and, with coschedule: pipelineruns, the claims that hold the run's workspaces",
          `Leave StatefulSets named ${AFFINITY_ASSISTANT_PREFIX}… to the Tekton controller (${controller}): give your StatefulSet another name`, false),
        this.validation(RuleId.WORKSPACE_PER_RUN,
          // the name and volumeClaimTemplates of a StatefulSet cannot be changed (apps/v1 validation): judged when it is created
          `request.operation != 'CREATE' || object.kind != 'StatefulSet' || request.userInfo.username == ${literal(controller)} || !has(object.spec) || !has(object.spec.volumeClaimTemplates)`
          + " || object.spec.volumeClaimTemplates.all(t, !((has(t.metadata) && has(t.metadata.name) ? t.metadata.name : '')"
          + ` + '-' + variables.name + '-0').matches(${aaClaim}))`,
          'Someone other than the Tekton controller creates a StatefulSet whose volumeClaimTemplate makes a claim named as the claim of a'
          + " PipelineRun's affinity assistant (<template name>-<StatefulSet name>-0 ending in -affinity-assistant-<10 hex>-0): the StatefulSet"
          + " controller makes it from this template, and Tekton binds the run's workspace to the claim of that name whoever made it",
          'Rename the volumeClaimTemplate or the StatefulSet so that <template name>-<StatefulSet name>-0 does not end in -affinity-assistant-<10 hex>-0',
          false),
        // a Pod carrying the assistants' label keeps them off its node, with an assistant's instance label it draws the runs' pods to its
        // node: only the StatefulSet controller's pod of an assistant's StatefulSet (whose spec only the Tekton controller writes, above)
        // carries it; an update that leaves the assistants' labels as they were (the garbage collector's, say) is admitted
        this.validation(RuleId.RBAC_NO_ESCALATION,
          `!${podMetadata('object', affinityAssistantLabel, 'false')}`
          + ` || (request.operation == 'UPDATE' && ${podMetadata('object', affinityAssistantLabelValues, '[]')} == ${podMetadata('oldObject', affinityAssistantLabelValues, '[]')})`
          + ` || (object.kind == 'StatefulSet' && variables.name.startsWith(${literal(AFFINITY_ASSISTANT_PREFIX)}))`
          + ` || (object.kind == 'Pod' && request.userInfo.username in ${list(statefulSets)} && has(object.metadata.ownerReferences)`
          + ' && object.metadata.ownerReferences.exists(r, r.kind == \'StatefulSet\' && r.apiVersion == \'apps/v1\' && has(r.controller) && r.controller'
          + ` && r.name.startsWith(${literal(AFFINITY_ASSISTANT_PREFIX)})))`,
          "Someone other than the StatefulSet controller, for an affinity assistant's StatefulSet, makes a Pod (or a workload whose pod template"
          + ' makes one) labelled app.kubernetes.io/component: affinity-assistant, or gives one that label or changes its app.kubernetes.io/instance:'
          + ' Tekton gives every affinity assistant a pod anti-affinity to the pods with that label (on the same kubernetes.io/hostname; required'
          + " with coschedule: isolate-pipelinerun, preferred otherwise), and a run's pods a required pod affinity to the one also labelled"
          + " app.kubernetes.io/instance: <its assistant's name>, so such a pod keeps the assistants, and the runs' pods that follow them, off its"
          + " node (on every node, the runs wait unscheduled) or, with that instance label, draws the runs' pods to a node its author chooses",
          `Leave the label app.kubernetes.io/component: affinity-assistant to the affinity assistants' pods (made by ${who} for the`
          + ' StatefulSets the Tekton controller creates), and their app.kubernetes.io/instance as it is: remove the label from the Pod, the pod'
          + " template or the run's labels, which Tekton copies to its pods",
          false),
        // kubectl scale writes statefulsets/scale (an autoscaling/v1 Scale named as the StatefulSet); Tekton creates its assistant
        // with one replica and never scales it (affinity_assistant.go affinityAssistantStatefulSet)
        this.validation(RuleId.RBAC_NO_ESCALATION,
          `!has(request.subResource) || request.subResource != 'scale' || request.userInfo.username == ${literal(controller)}`
          + ` || !variables.name.startsWith(${literal(AFFINITY_ASSISTANT_PREFIX)})`
          + ' || (has(object.spec) == has(oldObject.spec) && (!has(object.spec) || object.spec == oldObject.spec))',
          "Someone other than the Tekton controller scales a StatefulSet named as a PipelineRun's affinity assistant (statefulsets/scale of"
          + " affinity-assistant-…): Tekton creates it with one replica, and a run's pods must be scheduled beside a pod of it, so with 0 replicas"
          + ' they wait unscheduled until the run times out, and with more they may be scheduled beside another replica, on another node than the'
          + " one holding the run's ReadWriteOnce claims, where they cannot mount them",
          `Leave the replicas of StatefulSets named ${AFFINITY_ASSISTANT_PREFIX}… to the Tekton controller (${controller}): do not scale them`
          + ' (cancel the PipelineRun to stop it)', false),
        // the garbage collector deletes the assistant with its PipelineRun through its ownerReference (kmeta.NewControllerRef); without
        // it the StatefulSet outlives a run deleted before it finished, and Tekton takes it as the assistant of the next run of that name.
        // The garbage collector's removal of owners (its orphaning of a PipelineRun deleted with propagation Orphan, which it retries
        // until it succeeds before removing the run's orphan finalizer: refused, the run would stay Terminating) adds and changes none
        // (statefulsets/status writes metadata as the main resource does: judged alike)
        this.validation(RuleId.RBAC_NO_ESCALATION,
          `object.kind != 'StatefulSet' || request.operation != 'UPDATE' || request.userInfo.username == ${literal(controller)}`
          + ` || !variables.name.startsWith(${literal(AFFINITY_ASSISTANT_PREFIX)})`
          + ' || (has(object.metadata.ownerReferences) == has(oldObject.metadata.ownerReferences)'
          + ' && (!has(object.metadata.ownerReferences) || object.metadata.ownerReferences == oldObject.metadata.ownerReferences))'
          + ` || (request.userInfo.username in ${list(GARBAGE_COLLECTOR_USERNAMES)} && has(oldObject.metadata.ownerReferences)`
          + ' && (!has(object.metadata.ownerReferences) || object.metadata.ownerReferences.all(r, r in oldObject.metadata.ownerReferences)))',
          "Someone other than the Tekton controller changes the ownerReferences of a StatefulSet named as a PipelineRun's affinity assistant"
          + ' (affinity-assistant-…), or the garbage collector adds or changes one: the controller makes the PipelineRun its owner, so that it'
          + ' is deleted with the run; detached, it outlives a run deleted before it finished, and Tekton takes it, as it is, as the assistant'
          + ' of the next PipelineRun of that name (with the pod template and claims of the first)',
          `Leave the ownerReferences of StatefulSets named ${AFFINITY_ASSISTANT_PREFIX}… to the Tekton controller (${controller}):`
          + ' delete the PipelineRun to delete its assistant with it', false),
        // Tekton copies these labels to the run's pods, which the validation above refuses when the Tekton controller creates them
        this.validation(RuleId.RBAC_NO_ESCALATION,
          `request.userInfo.username == ${literal(controller)} || ${runLabelsKept}`,
          'A Task, Pipeline, TaskRun or PipelineRun is labelled app.kubernetes.io/component: affinity-assistant (in its metadata.labels, a'
          + " taskRunSpecs entry's metadata.labels or an embedded taskSpec's metadata.labels), created so, given it by an update or its"
          + " app.kubernetes.io/instance changed: Tekton copies these labels to the run's pods, which would carry the affinity assistants'"
          + " label, keep every assistant off their node and, with app.kubernetes.io/instance: affinity-assistant-…, draw the runs' pods to it,"
          + ' so this policy refuses the pods and the run fails',
          'Remove the label app.kubernetes.io/component: affinity-assistant from it (or give it another value): that label is the affinity'
          + " assistants' own", false),
        // the user's objects carrying them are refused above: the controller gives them to a run from what it fetched, the labels of a Pipeline
        // (storePipelineSpecAndMergeMeta, stored on the PipelineRun by syncMetadata) or a Task (storeTaskSpecAndMergeMeta) and the taskSpec
        // metadata of a pipeline task, copied to its TaskRun, of a Pipeline or Task a resolver fetched (or made before the policies)
        this.validation(RuleId.RBAC_NO_ESCALATION,
          `request.userInfo.username != ${literal(controller)} || ${runLabelsKept}`,
          'The Tekton controller gives a TaskRun or PipelineRun the label app.kubernetes.io/component: affinity-assistant (or changes its'
          + ' app.kubernetes.io/instance) that it copies from the Pipeline or Task the run references (its metadata.labels, or a pipeline'
          + " task's taskSpec.metadata.labels), as a resolver (git, bundles, hub, http, cluster) fetched it, or from a run made before this policy: Tekton copies these labels to the"
          + " run's pods, which would carry the affinity assistants' label, keep every assistant off their node and, with"
          + " app.kubernetes.io/instance: affinity-assistant-…, draw the runs' pods to it, so this policy refuses them and the run fails",
          'Remove the label app.kubernetes.io/component: affinity-assistant (or give it another value) from the Pipeline or Task the run'
          + " references, where its resolver fetches it from (the repository, bundle or catalog): that label is the affinity assistants' own", false),
      ],
    };
  }

  /**
   * The policy on ResolutionRequests: only the Tekton controller creates one, and only it and
   * the resolvers update one or its status. The controller names a request after its owner
   * and the reference's params, reuses one of that name that exists, and runs what its
   * `status.data` holds once it succeeded (CRDRequester.Submit, tektoncd/pipeline v1.15
   * pkg/remoteresolution/resource/crd_resource.go), never comparing its spec with the reference:
   * anyone else who could create one (with a spec of their choosing, which a resolver then
   * answers) or write its status would run a Task no policy checked in place of the one the
   * admitted reference names.
   */
  private resolutionRequests(): PolicyDef {
    const controller = this.tektonControllerUsername;
    const resolvers = this.tektonResolversUsername;
    // never exempt: whoever writes a request or its answer chooses what the controller runs
    return {
      what: 'resolution-requests',
      resources: RESOLUTION_REQUESTS,
      matchConditions: [],
      variables: [],
      validations: [
        // an update of the request itself that leaves its spec as it was (the garbage collector's of ownerReferences) changes
        // nothing the controller runs: the API server keeps the status of an update that is not of the status subresource
        this.validation(RuleId.RBAC_NO_ESCALATION,
          `request.userInfo.username == ${literal(controller)}`
          + ` || (request.operation == 'UPDATE' && (request.userInfo.username == ${literal(resolvers)}`
          + " || ((!has(request.subResource) || request.subResource == '') && has(object.spec) == has(oldObject.spec) && (!has(object.spec) || object.spec == oldObject.spec))))",
          'Someone other than the Tekton controller creates a ResolutionRequest or changes its spec, or other than the controller and the resolvers'
          + ' writes its status (resolutionrequests, resolutionrequests/status): the controller reuses the request of the name it would give its own, and'
          + " runs the Task, Pipeline or StepAction its status.data holds in place of the one the run's reference names (which the policies admitted),"
          + ' whatever its spec asks for',
          `Leave ResolutionRequests to the Tekton controller (${controller}) and the resolvers (${resolvers}):`
          + ' grant no one else create, update or patch of resolutionrequests and resolutionrequests/status', false),
      ],
    };
  }

  /**
   * The policy on the children a PipelineRun adopts: only the Tekton controller (and the listed
   * custom task controllers) writes a CustomRun or PipelineRun that carries both a PipelineRun's
   * `tekton.dev/pipelineRun` and `tekton.dev/pipelineRunUID` labels (one alone adopts nothing). Tekton v1.15 lists the TaskRuns,
   * CustomRuns and child PipelineRuns carrying both labels of a PipelineRun, and adds to its
   * `status.childReferences` each one whose first ownerReference is that PipelineRun and that is not
   * there yet, as the run of the pipeline task its `tekton.dev/pipelineTask` label names
   * (pkg/reconciler/pipelinerun/pipelinerun.go updatePipelineRunStatusFromInformer,
   * updatePipelineRunStatusFromChildRefs, filterCustomRunsForPipelineRunStatus,
   * filterChildPipelineRunsForParentPipelineRunStatus); it then reads that run's success and results
   * for the task. A TaskRun's `tekton.dev/pipelineRun` label is refused by `run-pod-templates`. A run
   * squatting the name Tekton would give a task's run is not seen (documented limit, see the class docs).
   */
  private childRuns(): PolicyDef {
    const users = [this.tektonControllerUsername, ...(this.customTaskControllerUsernames ?? [])];
    const labels = 'object.metadata.labels';
    const old = 'oldObject.metadata.labels';
    // Tekton adopts a run only where its first ownerReference is the PipelineRun its labels name (the UID label is that PipelineRun's
    // UID), so labels copied without that owner reference (a rerun of a child PipelineRun copying its labels) adopt nothing
    const adoptable = (o: string) => `(has(${o}.metadata.labels) && ${list(CHILD_OF_PIPELINE_RUN_LABELS)}.all(k, k in ${o}.metadata.labels)`
      + ` && has(${o}.metadata.ownerReferences) && size(${o}.metadata.ownerReferences) > 0`
      + ` && ${o}.metadata.ownerReferences[0].uid == ${o}.metadata.labels['${CHILD_OF_PIPELINE_RUN_LABELS[1]}'])`;
    // an update of a run already adopted that leaves the labels (and the pipeline task they name) as they were, such as Chains' or the
    // garbage collector's, adopts nothing new
    const kept = `${list([...CHILD_OF_PIPELINE_RUN_LABELS, PIPELINE_TASK_LABEL])}.all(k, (k in ${labels}) == (k in ${old}) && (!(k in ${labels}) || ${labels}[k] == ${old}[k]))`;
    // Tekton lists a PipelineRun's children by both labels: one alone adopts nothing (kfp-tekton's PipelineLoop copies a CustomRun's
    // tekton.dev/pipelineRunUID alone onto the PipelineRuns it creates)
    const check = `request.userInfo.username in ${list(users)} || !${adoptable('object')}`
      + ` || (oldObject != null && ${adoptable('oldObject')} && ${kept})`;
    // Tekton's webhook lets a CustomRun's spec change at any time (v1beta1 customrun_validation.go has no ValidateUpdate): whoever
    // rewrites an adopted one's customRef, customSpec or params (an approval gate's approvers) decides the pipeline task; its
    // cancellation (spec.status, spec.statusMessage) is a user's to write
    const CANCEL = list(['status', 'statusMessage']);
    const specKept = '(!has(object.spec) && !has(oldObject.spec)) || (has(object.spec) && has(oldObject.spec)'
      + ` && object.spec.all(k, k in ${CANCEL} || (k in oldObject.spec && object.spec[k] == oldObject.spec[k]))`
      + ` && oldObject.spec.all(k, k in ${CANCEL} || k in object.spec))`;
    // (a PipelineRun's spec Tekton's webhook itself keeps but for its cancellation, PipelineRunSpec.ValidateUpdate, tolerating new defaults)
    // Tekton reads a pipeline task's CustomRun by the name its PipelineRun's status.childReferences holds, checking neither labels nor
    // owners (pipelinerun.go getCustomRunFunc, pipelinerunresolution.go getNamesOfCustomRuns): a CustomRun carrying both labels keeps
    // them, and its spec, whatever its owner references (which the garbage collector removes when it orphans it)
    const labelled = (o: string) => `(has(${o}.metadata.labels) && ${list(CHILD_OF_PIPELINE_RUN_LABELS)}.all(k, k in ${o}.metadata.labels))`;
    const specCheck = `request.userInfo.username in ${list(users)} || request.resource.resource != 'customruns' || oldObject == null`
      + ` || !${labelled('oldObject')} || ${specKept}`;
    // (an update giving the object both labels and that first owner reference anew is the first validation's)
    const labelsCheck = `request.userInfo.username in ${list(users)} || request.resource.resource != 'customruns' || oldObject == null`
      + ` || !${labelled('oldObject')} || ${adoptable('object')} || (has(object.metadata.labels) && ${kept})`;
    const who = this.customTaskControllerUsernames?.length
      ? `the Tekton controller (${this.tektonControllerUsername}) and the custom task controllers (${this.customTaskControllerUsernames.join(', ')})`
      : `the Tekton controller (${this.tektonControllerUsername})`;
    // never exempt: whoever writes such a run stands in for a pipeline task of a run they did not start
    return {
      what: 'child-runs',
      resources: [{ version: 'v1beta1', resources: ['customruns'] }, { version: 'v1', resources: ['pipelineruns'] }],
      // an update is judged by the labels it keeps, not by the match condition of the spec policies
      operations: ['CREATE', 'UPDATE'],
      matchConditions: [],
      variables: [],
      validations: [
        this.validation(RuleId.RBAC_NO_ESCALATION, check,
          'A CustomRun or PipelineRun carries the tekton.dev/pipelineRun and tekton.dev/pipelineRunUID labels of a PipelineRun with that PipelineRun'
          + ' as its first owner reference (or changes those labels, or its tekton.dev/pipelineTask label): Tekton adopts such a run as the run of the'
          + " pipeline task its tekton.dev/pipelineTask label names, and takes its success and results (an approval gate passed, a child pipeline's"
          + " outcome) for that task's",
          `Remove the labels or the owner reference: Tekton sets them on the runs it creates for a PipelineRun's tasks; grant no one but ${who}`
          + ' creation of customruns and pipelineruns where PipelineRuns run', false),
        this.validation(RuleId.RBAC_NO_ESCALATION, specCheck,
          'Someone other than the Tekton controller changes the spec of a CustomRun a PipelineRun adopted as the run of a pipeline task'
          + ' (its customRef, customSpec, params, workspaces, serviceAccountName, timeout or retries): Tekton admits any change of a CustomRun\'s spec,'
          + " its custom task's controller runs the new one, and Tekton takes its success and results for that task's (an approval gate's approvers"
          + ' rewritten, a custom task that succeeds at once)',
          `Change only spec.status and spec.statusMessage (to cancel it); grant no one but ${who} update or patch of customruns where PipelineRuns run`,
          false),
        this.validation(RuleId.RBAC_NO_ESCALATION, labelsCheck,
          'Someone other than the Tekton controller removes or changes the tekton.dev/pipelineRun, tekton.dev/pipelineRunUID or tekton.dev/pipelineTask'
          + " label of a CustomRun that carries both adoption labels: Tekton reads the CustomRun of a pipeline task by the name its PipelineRun's"
          + ' status.childReferences holds, whatever its labels and owner references, and its spec is kept only while it carries them',
          `Keep the labels as they are (cancel the run with spec.status); grant no one but ${who} update or patch of customruns where PipelineRuns run`,
          false),
      ],
    };
  }

  /**
   * The policy on Tasks and Pipelines that a resolver fetches: a `taskRef` or `pipelineRef` with a
   * resolver is refused (VALID_SPEC, never exempt) unless it is within reach (remoteReferenceWithinReach):
   * the cluster resolver from a bound namespace, or, with `pinnedRemoteReferences`, pinned.
   */
  private remoteReferences(): PolicyDef {
    const pinned = this.pinnedRemoteReferences !== undefined;
    const within = remoteReferenceWithinReach(this.namespaces, pinned);
    const namespaces = `${this.namespaces.length > 1 ? 'one of the namespaces' : 'the namespace'} ${this.namespaces.join(', ')}`;
    const problem = (who: string, at: string, what: string) => `${who} fetches ${what} through a resolver (${at}), whose spec its publisher chooses`
      + " at each run: these policies check it only in Tekton's dry-run create of it in the run's namespace, with the relaxation records the"
      + " publisher wrote in it (honoured as any object's, and copied onto the run): only a reference by name, or through the cluster resolver"
      + ' with a literal namespace param'
      + ' naming a namespace these policies hold in'
      + (pinned ? ', or through the bundles, git or hub resolver pinned as REMOTE_REFERENCE_PINNED judges it (pinnedRemoteReferences)' : '')
      + ', is admitted';
    const fix = (what: string, byName: string) => `Create the ${what} in ${namespaces} and reference it by name (${byName})`
      + ' or through the cluster resolver with its namespace param set to that namespace'
      + (pinned ? '; or pin it: bundle <repository>@sha256:<64 hex>, git revision <40 hex commit> or hub version <exact version>,'
        + ' with the params that choose the content or its source written into the reference' : '');
    const ok = (t: string) => `(${within(`${t}.taskRef`)} && ${within(`${t}.pipelineRef`)})`;
    const nested = (t: string, level: number): string => level === NESTED_PIPELINE_LEVELS ? ok(t)
      : `(${ok(t)} && (!has(${t}.pipelineSpec) || ${t}.pipelineSpec == null || ${tasksOf(`${t}.pipelineSpec`)}.all(t${level + 1}, ${nested(`t${level + 1}`, level + 1)})))`;
    // never exempt: what a resolver fetches is checked only in Tekton's dry-run create of it, with the records its publisher wrote
    return {
      what: 'remote-references',
      resources: REFERRING_KINDS,
      matchConditions: [],
      variables: [{ name: 'pipelineTasks', expression: PIPELINE_TASKS }],
      validations: [
        this.validation(RuleId.VALID_SPEC, `object.kind != 'TaskRun' || !has(object.spec) || ${within('object.spec.taskRef')}`,
          problem('The TaskRun', 'spec.taskRef.resolver', 'its Task'), fix('Task', 'spec.taskRef.name')),
        this.validation(RuleId.VALID_SPEC, `object.kind != 'PipelineRun' || !has(object.spec) || ${within('object.spec.pipelineRef')}`,
          problem('The PipelineRun', 'spec.pipelineRef.resolver', 'its Pipeline'), fix('Pipeline', 'spec.pipelineRef.name')),
        this.validation(RuleId.VALID_SPEC, `variables.pipelineTasks.all(t0, ${nested('t0', 0)})`,
          problem('A pipeline task (in tasks or finally of a Pipeline, of a PipelineRun\'s pipelineSpec or of a pipelineSpec a pipeline task embeds)',
            'taskRef.resolver or pipelineRef.resolver', 'a Task or Pipeline'),
          fix('Task or Pipeline', 'taskRef.name or pipelineRef.name')),
        this.nesting(),
      ],
      ...(this.pinnedRemoteReferences ? { annotations: { [PINNED_REMOTE_REFERENCES_ANNOTATION]: this.pinnedRemoteReferences.reason } } : {}),
    };
  }

  /**
   * The policy on Tekton Triggers' EventListeners and Triggers (TRIGGERS_AUTHENTICATED): every
   * inline trigger of an EventListener (a `spec.triggers[]` entry with a `template`; one with a
   * `triggerRef` runs that Trigger, judged itself) and every Trigger has an interceptor that checks
   * who sent the event. A record of the rule exempts the whole object, and only when
   * `honouredRelaxations` lists it.
   */
  private triggersAuthenticated(): PolicyDef {
    const rule = RuleId.TRIGGERS_AUTHENTICATED;
    const exempt = this.exempt(rule)("''");
    const fix = TRIGGERS_AUTHENTICATED.fix.replace(/\.$/, '');
    const problem = 'no interceptor checks who sent the event (a github, gitlab or bitbucket ClusterInterceptor, not a webhook, given a secretRef param'
      + " whose secretName and secretKey are strings that are not empty, or a cel one whose filter requires header.canonical('<header>')"
      + ".compareSecret('<key>', '<Secret>')), so anyone who can reach the EventListener starts its runs with a body and"
      + ' params of their choosing';
    const name = "(has(object.metadata.name) ? object.metadata.name : has(object.metadata.generateName) ? object.metadata.generateName : '')";
    const spec = '(has(object.spec) && type(object.spec) == map)';
    const inline = '(type(t) == map && has(t.template) && t.template != null)';
    // the catalogue names an inline trigger by its name, or by its index when it has none (indexOf: the first of equal entries)
    const where = "(has(t.name) && type(t.name) == string && t.name != '' ? \"trigger '\" + t.name + \"'\""
      + " : 'spec.triggers[' + string(object.spec.triggers.indexOf(t)) + ']')";
    const interceptors = (x: string) => `(has(${x}.interceptors) ? ${x}.interceptors : [])`;
    // the message names the object and what it runs; the API server falls back to `message` when this fails
    const dynamic = (v: ValidationDef, subject: string, prefix: string) => ({
      ...v, messageExpression: `${subject} + ${celString(v.message.slice(prefix.length))}`,
    });
    const listenerPrefix = 'An inline trigger of an EventListener (spec.triggers[] with a template)';
    const triggerPrefix = 'A Trigger (spec.interceptors)';
    const groupPrefix = 'A trigger group of an EventListener (spec.triggerGroups[].interceptors)';
    // a group whose interceptors hold a null entry, which Triggers admits and its sink's process crashes on
    const crashing = '(type(g) == map && has(g.interceptors) && type(g.interceptors) == list && g.interceptors.exists(i, i == null))';
    const groups = `(${spec} && has(object.spec.triggerGroups) && type(object.spec.triggerGroups) == list)`;
    const groupNamed = "(has(g.name) && type(g.name) == string && g.name != '' ? \"trigger group '\" + g.name + \"'\""
      + " : 'spec.triggerGroups[' + string(object.spec.triggerGroups.indexOf(g)) + ']')";
    const selectorPrefix = 'An EventListener (spec.namespaceSelector, spec.triggerGroups[].triggerSelector.namespaceSelector)';
    const boundNames = `[${this.namespaces.map(celString).join(', ')}]`;
    const matchNames = (x: string) => `${x}.namespaceSelector.matchNames`;
    // a selector whose matchNames name only namespaces the policies are bound to (* is no namespace's name)
    const bound = (x: string) => `(!has(${x}.namespaceSelector) || ${x}.namespaceSelector == null || type(${x}.namespaceSelector) != map`
      + ` || !has(${matchNames(x)}) || ${matchNames(x)} == null || type(${matchNames(x)}) != list || ${matchNames(x)}.all(n, n in ${boundNames}))`;
    // the selectors refused, named as the catalogue names their property (a non-string name as 'a non-string')
    const listed = (x: string) => `${matchNames(x)}.map(n, type(n) == string ? n : 'a non-string').join(', ')`;
    const selectorNames = `(${bound('object.spec')} ? [] : ['spec.namespaceSelector.matchNames: ' + ${listed('object.spec')}])`
      + ` + (variables.v1alpha1 || !${groups} ? [] : object.spec.triggerGroups.filter(g, type(g) == map && has(g.triggerSelector) && g.triggerSelector != null`
      + ` && type(g.triggerSelector) == map && !${bound('g.triggerSelector')})`
      + `.map(g, 'spec.triggerGroups[' + string(object.spec.triggerGroups.indexOf(g)) + '].triggerSelector.namespaceSelector.matchNames: ' + ${listed('g.triggerSelector')}))`;
    return {
      what: 'triggers-authenticated',
      resources: TRIGGER_KINDS,
      matchConditions: [],
      variables: [
        { name: 'v1alpha1', expression: `object.apiVersion == '${TRIGGERS_GROUP}/v1alpha1'` },
        ...this.relaxedVariables([rule]),
      ],
      validations: [
        dynamic(this.validation(rule,
          `object.kind != 'EventListener' || !${spec} || !has(object.spec.triggers) || type(object.spec.triggers) != list`
          + ` || object.spec.triggers.all(t, !${inline} || ${authenticated('t')}) || ${exempt}`,
          `${listenerPrefix}: ${problem}`, fix, true, true),
        `"EventListener '" + ${name} + "' " + object.spec.triggers.filter(t, ${inline} && !${authenticated('t')})`
          + `.map(t, ${where} + ' (spec.triggers[' + string(object.spec.triggers.indexOf(t)) + '].interceptors: ' + ${interceptorNames(interceptors('t'))} + ')')`
          + ".join(', ')", listenerPrefix),
        dynamic(this.validation(rule,
          `object.kind != 'Trigger' || (${spec} && ${authenticated('object.spec')}) || ${exempt}`,
          `${triggerPrefix}: ${problem}`, fix, true, true),
        `"Trigger '" + ${name} + "' (spec.interceptors: " + (${spec} ? ${interceptorNames(interceptors('object.spec'))} : '(none)') + ')'`, triggerPrefix),
        dynamic(this.validation(rule,
          `object.kind != 'EventListener' || !${groups} || !object.spec.triggerGroups.exists(g, ${crashing}) || ${exempt}`,
          `${groupPrefix}: holds a null interceptor entry, which Triggers' webhooks admit and on which the EventListener's sink process crashes,`
          + ' so anyone who can reach the EventListener stops it with one request unless an interceptor before the entry checks who sent the event',
          NULL_GROUP_ENTRY_FIX.replace(/\.$/, ''), true, true),
        `"EventListener '" + ${name} + "' " + object.spec.triggerGroups.filter(g, ${crashing}).map(g, ${groupNamed}).join(', ')`, groupPrefix),
        // Triggers' sink lists matchNames exactly ['*'] as every namespace, other names as those namespaces (selectTriggers), and runs each
        // Trigger with the listener's own ServiceAccount: a Trigger of a namespace these policies are not bound to is checked by none
        dynamic(this.validation(rule,
          `object.kind != 'EventListener' || !${spec} || (${bound('object.spec')} && (variables.v1alpha1 || !${groups}`
          + ' || object.spec.triggerGroups.all(g, type(g) != map || !has(g.triggerSelector) || g.triggerSelector == null'
          + ` || type(g.triggerSelector) != map || ${bound('g.triggerSelector')}))) || ${exempt}`,
          `${selectorPrefix}: lists the Triggers of every namespace (matchNames exactly ['*']) or of a namespace these policies are not bound to`
          + ` (they are bound to ${this.namespaces.join(', ')}), whose Triggers no policy checks: Triggers' sink runs each with the EventListener's own`
          + " ServiceAccount (or the one the Trigger names), creating what the Trigger's template says where it says, so whoever may write a Trigger"
          + ' there starts runs with these credentials, with interceptors of their choosing or none',
          `List only namespaces these policies are bound to (namespaceSelector: {matchNames: [${this.namespaces[0]}]}), or leave namespaceSelector out`
          + " and pick this namespace's Triggers with a labelSelector; a namespace whose Triggers it must run gets an EventListener of its own", true, true),
        `"EventListener '" + ${name} + "' (" + (${selectorNames}).join(', ') + ')'`, selectorPrefix),
      ],
    };
  }

  private admissionPolicy(def: PolicyDef, name: string): ApiObject {
    return this.policy.emit(new ApiObject(this, def.what, {
      apiVersion: this.apiVersion,
      kind: 'ValidatingAdmissionPolicy',
      metadata: { name, ...(def.annotations ? { annotations: def.annotations } : {}) },
      spec: {
        failurePolicy: 'Fail',
        matchConstraints: {
          matchPolicy: 'Equivalent',
          resourceRules: def.resources.map((r) => ({
            apiGroups: [r.group ?? 'tekton.dev'],
            apiVersions: [r.version],
            operations: def.operations ?? ['CREATE', 'UPDATE'],
            resources: r.resources,
            scope: 'Namespaced',
          })),
        },
        ...(def.matchConditions.length
          ? { matchConditions: def.matchConditions.map((c) => ({ ...c, expression: nullAsAbsent(c.expression) })) } : {}),
        ...(def.variables.length ? { variables: def.variables.map((v) => ({ ...v, expression: nullAsAbsent(v.expression) })) } : {}),
        validations: def.validations.map((v) => ({
          expression: nullAsAbsent(v.expression),
          message: v.message,
          ...(v.messageExpression ? { messageExpression: nullAsAbsent(v.messageExpression) } : {}),
          reason: 'Invalid',
        })),
      },
    }));
  }

  private binding(def: PolicyDef, name: string): ApiObject {
    return this.policy.emit(new ApiObject(this, `${def.what}-binding`, {
      apiVersion: this.apiVersion,
      kind: 'ValidatingAdmissionPolicyBinding',
      metadata: {
        name,
        ...(this.enforcementReason !== undefined ? { annotations: { [ENFORCEMENT_REASON_ANNOTATION]: this.enforcementReason } } : {}),
      },
      spec: {
        policyName: name,
        validationActions: [this.enforcementAction],
        matchResources: {
          matchPolicy: 'Equivalent',
          namespaceSelector: {
            matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: 'In', values: [...this.namespaces] }],
          },
        },
      },
    }));
  }
}
