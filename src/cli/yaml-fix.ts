/**
 * The audit's fixes in the terms of the YAML it read. A rule's fix is written once, for the library's
 * users first (it ends every refusal at synth, whose text is kept as it is); where it names what a
 * construct writes (`SecureTask trusted: true`, `RunWorkspace.volumeClaimTemplate`, "(TektonFeatureFlags
 * does)"), the audit says instead what to write in the object: the field, or the relaxation annotation
 * with the finding's own target and a reason.
 */
import { RuleCatalogue } from '../policy/catalogue';
import { RuleId } from '../policy/rule-id';
import { RELAXATION_ANNOTATION_PREFIX } from '../private/annotations';
import { findingAddress } from '../private/targets';

/** What a finding says of itself that its YAML fix needs. */
export interface FixedFinding {
  readonly rule: string;
  readonly target?: string;
  /** The part of the object the finding names (`rules[2]`), for its address (findingAddress). */
  readonly location?: string;
  readonly property: string;
  /** The value the finding names: with its property, the address of a finding without a target (findingAddress). */
  readonly value?: string;
  readonly fix: string;
}

/** The placeholder of a relaxation's reason (RELAXATION_REASON needs at least 10 visible characters). */
export const REASON = '<why, at least 10 visible characters>';

/** `secure-tekton/relax.<RULE>: "<target or *>: <reason>"`, the annotation that relaxes a finding of `rule` at `target`. */
export function relaxationAnnotation(rule: string, target: string | undefined, reason = REASON): string {
  return `${RELAXATION_ANNOTATION_PREFIX}${rule}: "${target ?? '*'}: ${reason}"`;
}

/** The annotation form of a rule's relaxation, with `<target>` for the finding's target; undefined for a rule that cannot be relaxed. */
export function relaxationForm(rule: string): string | undefined {
  return RuleCatalogue.isRelaxable(rule as RuleId) ? relaxationAnnotation(rule, '<target>') : undefined;
}

/**
 * Text a fix holds that only a construct's user can apply, and what a YAML author writes instead ('' drops a
 * parenthesis that says which construct writes the field the fix already names).
 */
const CONSTRUCT_TERMS: ReadonlyArray<readonly [RegExp, string]> = [
  [/ \((?:SecurePipeline creates one|TektonFeatureFlags does|TektonFeatureFlags writes it|HardenedNamespace does|RunWorkspace\.csi\(\.\.\.\) writes it so|RemoteTask\.fromBundle, fromGit and fromHub refuse anything else|the library's ContainerBuild and ImagePush do|every one has a typed ChainsConfig setting|TektonFeatureFlags coschedule: Coschedule\.DISABLED)\)/g, ''],
  [/ \(HardenedNamespace emits one, 'default-deny'\)/g, ''],
  [/ \(the library writes 65532 for both\)/g, ' (65532 for both, for example)'],
  [/; allow what each task needs with EgressPolicy\./g, '; allow what each task needs with a NetworkPolicy that selects its pods.'],
  [/ or give a SecureTask's param a constraint\./g, '.'],
  [/, or use the library's task for it \(GitClone, ContainerBuild, ImagePush, ImageVerify, Deploy\)\./g, '.'],
  [/Use a volumeClaimTemplate with accessModes \[ReadWriteOnce\] \(RunWorkspace\.volumeClaimTemplate\)\./g,
    'Bind the workspace to a volumeClaimTemplate (spec.accessModes: [ReadWriteOnce], no dataSource), a fresh claim for each run.'],
  [/: a VerificationPolicy construct whose remoteTasks prop lists the task and whose authorities hold the key\./g,
    ': a tekton.dev/v1alpha1 VerificationPolicy whose spec.resources[].pattern matches the source, whose spec.authorities hold the key, with spec.mode: enforce.'],
  [/ \(with the library: pipeline\.addTask\(\{ task: applyTask \}\)\.grantApi\(\.\.\.\); in YAML: /g, ' ('],
  [/ \(its grant; in YAML, its automountServiceAccountToken/g, ' (its automountServiceAccountToken'],
  [/ \(in the library: do not call grantRead for it; allowChainsToPush lists a registry Secret for Chains under `imagePullSecrets:`, which creds-init does not read\)/g,
    ' (a registry Secret Chains pushes with may stay under `imagePullSecrets:`, which creds-init does not read)'],
  [/ \(do not call grantRead\)/g, ''],
  [/ \(RemoteTask\.fromBundle pinned by digest, RemoteTask\.fromGit at a commit\) and build the policy from them \(remoteTasks: \[task\]\)/g,
    ' (a bundle pinned by digest, git at a commit) whose source the policy\'s spec.resources[].pattern matches'],
  [/ \(in a cdk8s app, a relaxation given in props or to Relaxations\.of\(\.\.\.\) writes the line\)/g, ''],
  [/ \(pipeline\.addTask\(\{ task: applyTask \}\)\.grantApi\(\.\.\.\)\)/g, ' (a taskRunSpecs entry whose podTemplate sets automountServiceAccountToken: true)'],
  [/ \(`registryCredential\.allowChainsToPush\(pipeline\.serviceAccount\)`\)/g, ''],
  [/bind the credentials workspace of its pushing task with RunWorkspace\.csi\(<the VaultSecretProviderClass '([^']*)'>\) \(a RegistryCredential with vault gives it as registryCredential\.workspace\(\)\), not with RunWorkspace\.secret\('([^']*)'\)/g,
    "bind the credentials workspace of its pushing task to a csi volume (driver: secrets-store.csi.k8s.io, readOnly: true, volumeAttributes: { secretProviderClass: '$1' }), not to secret '$2'"],
  // the library's enum members beside the value they write
  [/ \(TransparencyMode\.ENABLED\)/g, ''],
  [/ \(VerificationMode\.ENFORCE, the default\)/g, ' (the default)'],
  [/\(type SyncedSecretType\.DOCKER_CONFIG_JSON, key \.dockerconfigjson from config\.json\)/g,
    '(an entry with type: kubernetes.io/dockerconfigjson and data: [{ objectName: <the object that holds config.json>, key: .dockerconfigjson }])'],
  [/ \(HardenedNamespace enforce: PodSecurityLevel\.[A-Z]+, relaxations: \[\{ rule: RuleId\.NAMESPACE_RESTRICTED, target: RelaxationTarget\.podSecurityMode\('enforce'\), reason: '<why>' \}\]\)/g,
    ` (on the Namespace: ${relaxationAnnotation(RuleId.NAMESPACE_RESTRICTED, 'mode/enforce')})`],
];

/** The construct names whose presence in a fix the audit's YAML form must not keep (test/cli/yaml-fix.test.ts). */
export const CONSTRUCT_NAMES = /\b(?:SecureTask|SecurePipeline|SecurePipelineRun|SecureTaskRun|RunWorkspace|HardenedNamespace|TektonFeatureFlags|ChainsConfig|RemoteTask|RelaxationTarget|Relaxations|EgressPolicy|PodSecurityLevel|RuleId|TransparencyMode|VerificationMode|SyncedSecretType|Coschedule|KeylessSigning|grantRead|grantApi|allowChainsToPush|addTask)\b|the library/;

/**
 * The fix of a finding of the audit, in YAML terms: the construct text replaced, and for a finding whose fix is a
 * relaxation (CREDENTIALS_TRUSTED_TASK: trust in a task is that relaxation) the annotation with its target.
 */
export function yamlFix(f: FixedFinding): string {
  if (f.rule === RuleId.CREDENTIALS_TRUSTED_TASK && f.fix === RuleCatalogue.find(RuleId.CREDENTIALS_TRUSTED_TASK)?.fix) {
    return 'Bind the credentials workspace only to a task that runs no user code, or split the task so that the credential goes to a task of '
      + 'its own. If this task runs no user code, record that trust on this object, with the reason: metadata.annotations: '
      + `${relaxationAnnotation(f.rule, f.target)}.`;
  }
  if (f.rule === RuleId.RUN_SERVICE_ACCOUNT && f.fix === RuleCatalogue.find(RuleId.RUN_SERVICE_ACCOUNT)?.fix) {
    return `Set ${f.property} to a ServiceAccount made for these runs alone (never default), with only the permissions they need.`;
  }
  let fix = withoutConstructTerms(f.fix);
  // a pod template's fix names `podTemplate`; the finding's field says which one (`taskRunTemplate.podTemplate` of a v1 PipelineRun)
  const template = /^(.*\bpodTemplate)\./.exec(f.property)?.[1];
  if (template !== undefined && template !== 'podTemplate' && fix.startsWith('Set podTemplate.')) fix = `Set ${template}${fix.slice('Set podTemplate'.length)}`;
  // a fix that offers to relax the finding's own rule ("or relax IMAGE_DIGEST with the reason …") says how, once
  const offers = offersRelaxation(f.rule).test(fix);
  if (offers && RuleCatalogue.isRelaxable(f.rule as RuleId) && !fix.includes(RELAXATION_ANNOTATION_PREFIX)) {
    fix += relaxHint(f);
  }
  return fix;
}

/** The sentence a YAML fix that offers to relax the finding's rule ends with: the annotation that relaxes the finding. */
function relaxHint(f: FixedFinding): string {
  return ` To relax it, annotate the object: ${relaxationAnnotation(f.rule, findingAddress(f))}.`;
}

/** A finding's YAML fix (`f.fix`, as yamlFix gave it) without the sentence on how to relax it: for a finding already relaxed. */
export function withoutRelaxHint(f: FixedFinding): string {
  const hint = relaxHint(f);
  return f.fix.endsWith(hint) ? f.fix.slice(0, -hint.length) : f.fix;
}

/** A fix with CONSTRUCT_TERMS replaced, once per text (an audit's findings share a few hundred fix texts). */
function withoutConstructTerms(fix: string): string {
  let out = REPLACED.get(fix);
  if (out === undefined) {
    out = fix;
    for (const [pattern, replacement] of CONSTRUCT_TERMS) out = out.replace(pattern, replacement);
    REPLACED.set(fix, out);
  }
  return out;
}
const REPLACED = new Map<string, string>();

/** The words of a fix that offer to relax the rule itself ("or relax IMAGE_DIGEST …"), one pattern per rule. */
function offersRelaxation(rule: string): RegExp {
  let pattern = OFFERS.get(rule);
  if (pattern === undefined) OFFERS.set(rule, pattern = new RegExp(`\\brelax (?:this rule|${rule})\\b`));
  return pattern;
}
const OFFERS = new Map<string, RegExp>();
