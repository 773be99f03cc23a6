import { asArray } from '../../private/containers';
import { isDns1123Subdomain } from '../../private/names';
import { CONFIG_DEFAULTS_READINGS_TEXT, inConfigDefaultsReading, isLegacyTekton } from '../../private/pods';
import { defaultServiceAccountReadings, DEFAULT_SERVICE_ACCOUNT } from '../../private/run-accounts';
import { isShipwrightBuild } from '../../private/shipwright-builds';
import { chosenTemplate, FIXED_PLACEHOLDERS_TEXT } from '../../private/templates';
import { jsString } from '../../private/text';
import { Severity } from '../rule';
import { kindIs, followingLoops, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

const INVALID = 'is not a name a ServiceAccount can have (a DNS-1123 subdomain: lower-case letters, digits, \'-\' and \'.\'), so Tekton cannot '
  + 'read the account and no pod of the run is made';

/** Runs use a dedicated ServiceAccount, never `default`. */
export const RUN_SERVICE_ACCOUNT = followingLoops(
  {
    id: RuleId.RUN_SERVICE_ACCOUNT,
    severity: Severity.HIGH,
    title: 'Runs use a dedicated ServiceAccount, never default',
    rationale:
      'The namespace default ServiceAccount is shared by every pod that names none; whatever it is granted, every such pod gets. A run needs its own identity with exactly its grants.',
    fix: 'Set a dedicated serviceAccountName (SecurePipeline creates one).',
    decidesFrom:
      "The ServiceAccount names of runs: a TaskRun's `spec.serviceAccountName`; a PipelineRun's "
      + '`taskRunTemplate.serviceAccountName` (v1) or `spec.serviceAccountName` (v1beta1, when there is no '
      + '`taskRunTemplate`), and, where given, per task `taskRunSpecs[].serviceAccountName` or `taskServiceAccountName` and '
      + '(the `serviceAccountNames[]` of old Tekton releases is no field of v1.15: the API server drops it, which '
      + 'TEKTON_FIELD_NAMES reports, and its tasks run as the run\'s ServiceAccount). Unset, empty, not a string or `default` is a finding, but for a per-task '
      + '`taskRunSpecs[]` name that is empty or null: Tekton gives that task the run-wide ServiceAccount, which is judged. '
      + `A \`{{…}}\` template in the name (Pipelines-as-Code's, but for ${FIXED_PLACEHOLDERS_TEXT}, or Helm's) is a finding:`
      + ' it is pasted in before the run is read, so whoever chooses its value picks '
      + 'the account. A name that is not a DNS-1123 subdomain (`Default`, `ci_builder`, ` builder`) is a finding too: no ServiceAccount has '
      + 'it, so Tekton fails the TaskRun when it reads the account, before it makes the pod. A Shipwright BuildRun '
      + '(`shipwright.io` v1beta1 `spec.serviceAccount`, v1alpha1 `spec.serviceAccount.name`) is judged as the TaskRun its controller '
      + 'creates (shipwright-io/build v0.20.13, service_accounts.go): unset, it runs as the namespace\'s `pipeline` ServiceAccount, '
      + 'else `default`, a finding, as are `default` and `pipeline` named and a name that is not a DNS-1123 subdomain; `.generate` '
      + '(v1alpha1 `generate: true`, or the name `.generate`, which the conversion to v1beta1 copies as it is) is one the controller creates for that BuildRun alone.',
    limits:
      'Only the name is read: whether that ServiceAccount exists, is shared with other workloads or is granted too much is '
      + "not checked here. An unset or empty name is a finding even when the cluster's `default-service-account` in "
      + '`config-defaults` names another account than `default`: that account is shared by every run that names none (a '
      + 'config-defaults checked with the run is named in the message).' + CONFIG_DEFAULTS_READINGS_TEXT + ' Only the runs checked are judged: runs that `tkn` or '
      + 'other tools create later are not seen (the runs a TriggerTemplate, or a Trigger\'s or an EventListener\'s inline '
      + 'template, creates are checked as written, their `$(tt.params.x)` as what an event chooses). At synth a SecurePipeline '
      + 'also refuses, under this rule, a `serviceAccountName` it would write that a platform makes in every namespace and binds to '
      + 'roles: `default`, and OpenShift\'s `pipeline` (OpenShift Pipelines binds it to the ClusterRole `edit` with the '
      + 'RoleBinding `openshift-pipelines-edit`), `builder` (system:image-builder) and `deployer` (system:deployer): applying the '
      + 'pipeline\'s ServiceAccount of that name merges into the existing account and leaves those bindings, so every task the '
      + 'pipeline gives the token acts with them; in the audit (which reads runs only) these names other than `default` are not '
      + 'findings, since outside OpenShift they are names like any other.',
    howToRelax:
      "`{ rule: RuleId.RUN_SERVICE_ACCOUNT, reason: '<why>' }` without a target for the run-wide name, with `target: "
      + "RelaxationTarget.task('<pipeline task>')` for a per-task one, given to the SecurePipelineRun's `relaxations` (the SecurePipeline's, without a target, for its own `serviceAccountName`) or to "
      + '`Relaxations.of(construct).add(...)`. In YAML for the audit: ' + relaxAnnotation(RuleId.RUN_SERVICE_ACCOUNT, '*: <why>')
      + ' or `"task/<name>: <why>"` on the run.',
    relaxable: true,
    appliesTo: (m) => kindIs('PipelineRun', 'TaskRun')(m) || isBuildRun(m),
  },
  (manifest, context) => {
    if (isBuildRun(manifest)) return buildRunProblems(manifest);
    const names: Array<{ property: string; value: any; location?: string; target?: string }> = [];
    if (manifest?.kind === 'PipelineRun') {
      const spec = manifest.spec;
      // v1beta1 names the run's account spec.serviceAccountName, and a task's taskServiceAccountName
      if (spec?.taskRunTemplate === undefined && (spec?.serviceAccountName !== undefined || isLegacyTekton(manifest))) {
        names.push({ property: 'serviceAccountName', value: spec?.serviceAccountName });
      } else {
        names.push({ property: 'taskRunTemplate.serviceAccountName', value: spec?.taskRunTemplate?.serviceAccountName });
      }
      // a per-task name that is empty (or null, which Go decodes as "") inherits the run-wide one (GetTaskRunSpec)
      for (const s of asArray(spec?.taskRunSpecs)) {
        for (const field of ['serviceAccountName', 'taskServiceAccountName']) {
          if (s?.[field] !== undefined && s[field] !== null && s[field] !== '') {
            names.push({ location: `taskRunSpec '${jsString(s.pipelineTaskName)}'`, target: `task/${jsString(s.pipelineTaskName)}`, property: field, value: s[field] });
          }
        }
      }
    } else if (manifest?.kind === 'TaskRun') {
      names.push({ property: 'serviceAccountName', value: manifest.spec?.serviceAccountName });
    }
    // a substitution there ($(tt.params.sa) in a TriggerTemplate's run) lets whoever sends the event pick the account
    const chosen = (v: unknown) => typeof v === 'string' && v.includes('$(');
    // a name no ServiceAccount can have: Tekton's Get of it fails before it makes the pod (and the API server refuses such a pod)
    // a {{…}} template is pasted into the YAML before it is read: Pipelines-as-Code's from the event (but for the placeholders
    // the repository fixes), Helm's from its values
    const templated = (v: unknown) => (typeof v === 'string' ? chosenTemplate(v) : undefined);
    const invalid = (v: unknown) => typeof v === 'string' && v !== '' && !chosen(v) && !/{{/.test(v) && !isDns1123Subdomain(v);
    // an unset or empty name (null is "" to Go) is what Tekton's defaulting writes: config-defaults' default-service-account
    const readings = defaultServiceAccountReadings(context?.manifests);
    const fallbacks = [...new Set(readings.map((r) => r.name))];
    // of names that differ by the reading of a Tekton operator's config-defaults, each with the (first) reading that gives it
    const named = (name: string) => {
      const d = readings.find((r) => r.name === name)!.defaults;
      return d === undefined ? `"${name}"` : inConfigDefaultsReading(`"${name}"`, d);
    };
    const byDefault = fallbacks.length === 1 && fallbacks[0] === DEFAULT_SERVICE_ACCOUNT ? undefined
      : fallbacks.length === 1 ? `so Tekton gives the run config-defaults' default-service-account "${fallbacks[0]}", the account of every run that names none`
        : 'so Tekton gives the run the default-service-account of the config-defaults the cluster keeps, the account of every run that names none: '
          + `the config-defaults checked together name ${fallbacks.map(named).join(' and ')}`;
    return names
      .filter((n) => typeof n.value !== 'string' || n.value === '' || n.value === 'default' || chosen(n.value) || templated(n.value) !== undefined || invalid(n.value))
      .map((n) => ({
        ...n,
        value: n.value === undefined ? undefined : jsString(n.value),
        problem: n.value === undefined ? (byDefault === undefined ? 'is not set (the namespace default is used)' : `is not set, ${byDefault}`)
          : chosen(n.value) ? 'is substituted when the run is made, so whoever chooses the value (an event, through a TriggerTemplate) picks the ServiceAccount'
            : templated(n.value) !== undefined ? `holds ${templated(n.value)}, which a tool pastes into the YAML before it is read (Pipelines-as-Code from the `
              + 'event, Helm from its values), so whoever chooses that value picks the ServiceAccount'
              : invalid(n.value) ? INVALID
                : (n.value === '' || n.value === null) && byDefault !== undefined ? `is empty, ${byDefault}`
                  : 'is the namespace default',
      }));
  },
  // a PipelineLoop that names no account (or "") gives its runs the CustomRun's, judged on the run that makes it
  (p, { loop }) => p.target !== undefined || p.property !== 'taskRunTemplate.serviceAccountName' || !emptyName(loop.spec.serviceAccountName),
);

/** Whether a manifest is a Shipwright BuildRun. */
const isBuildRun = (m: any): boolean => isShipwrightBuild(m) && m.kind === 'BuildRun';

const BUILD_RUN_FIX = 'Set spec.serviceAccount to a ServiceAccount of this build\'s own, or to ".generate" for one Shipwright creates for each BuildRun (and deletes with it).';
/** The same fix in v1alpha1's terms, whose `spec.serviceAccount` is a mapping. */
const ALPHA_BUILD_RUN_FIX = 'Set spec.serviceAccount.name to a ServiceAccount of this build\'s own, or set spec.serviceAccount.generate: true for one Shipwright creates for each BuildRun (and deletes with it).';

/**
 * The ServiceAccount of a Shipwright BuildRun (shipwright-io/build v0.20.13, service_accounts.go `RetrieveServiceAccount`):
 * `spec.serviceAccount` (v1alpha1 `spec.serviceAccount.name`, or `generate: true`); `.generate` is one the controller
 * creates for the BuildRun alone, also as a v1alpha1 name (the conversion the controller reads, buildrun_conversion.go
 * `ConvertFrom`, copies the name as it is); unset, the namespace's `pipeline` ServiceAccount, else `default`
 * (`getDefaultNamespaceSA`).
 */
function buildRunProblems(manifest: any): Array<{ property: string; value?: string; problem: string; fix: string }> {
  const spec = manifest.spec;
  const alpha = manifest.apiVersion === 'shipwright.io/v1alpha1';
  if (alpha && spec.serviceAccount?.generate === true) return [];
  const property = alpha ? 'serviceAccount.name' : 'serviceAccount';
  const value = alpha ? spec.serviceAccount?.name : spec.serviceAccount;
  const fix = alpha ? ALPHA_BUILD_RUN_FIX : BUILD_RUN_FIX;
  if (value === undefined || value === null) {
    return [{ property, problem: 'is not set, so Shipwright runs the build as the namespace\'s "pipeline" ServiceAccount (else "default"), the account of every BuildRun that names none', fix }];
  }
  if (value === '.generate') return [];
  if (value === 'default' || value === 'pipeline') return [{ property, value, problem: `is the namespace's shared "${value}" ServiceAccount`, fix }];
  if (typeof value !== 'string' || !isDns1123Subdomain(value)) {
    return [{ property, value: jsString(value), problem: 'is not a name a ServiceAccount can have (a DNS-1123 subdomain), so Shipwright finds no such account and fails the BuildRun', fix }];
  }
  return [];
}

/** A name Go reads as "": unset, null or empty. */
function emptyName(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}
