import { asArray } from '../../private/containers';
import { seccompProfileRefusal } from '../../private/pod-security-standards';
import { AppliedConfigDefaults, CONFIG_DEFAULTS_READINGS_TEXT, configDefaultsProblems, podTemplatesOf } from '../../private/pods';
import { jsString } from '../../private/text';
import { Severity } from '../rule';
import { kindIs, followingLoops, Problem, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

/** The largest user or group ID the API server accepts (IsValidUserID, IsValidGroupID: an int32). */
const MAX_ID = 2147483647;
const validId = (n: number) => Number.isInteger(n) && n >= 0 && n <= MAX_ID;

/**
 * Run pods carry a restricted pod securityContext, and never a root identity.
 *
 * Every pod template of the run counts: the run-wide one must be complete, and
 * a per-task template that sets a securityContext replaces it for that task's
 * pod, so it must be complete too. A root user, group, fsGroup or supplemental
 * group at pod level is inherited by every container that sets none.
 */
export const RUN_POD_SECURITY_CONTEXT = followingLoops(
  {
    id: RuleId.RUN_POD_SECURITY_CONTEXT,
    severity: Severity.MEDIUM,
    title: 'Run pods set runAsNonRoot, fsGroup and a RuntimeDefault or Localhost seccomp profile, and no root user or group',
    rationale:
      'The pod securityContext covers the containers Tekton injects itself (init containers, the entrypoint), and fsGroup makes workspace volumes writable for a non-root user.',
    fix: 'Set podTemplate.securityContext { runAsNonRoot: true, fsGroup: <gid>, seccompProfile: { type: RuntimeDefault } }.',
    decidesFrom:
      "The `securityContext` of every pod template of a run (a TaskRun's `podTemplate`; a PipelineRun's run-wide "
      + '`taskRunTemplate.podTemplate`, v1, or `podTemplate`, v1beta1, and its per-task `taskRunSpecs[].podTemplate` or '
      + 'v1beta1 `taskPodTemplate`): the run-wide one always, a per-task one when it sets a securityContext (which then '
      + 'replaces the run-wide one for that pod; a null one is none, and keeps it). `runAsNonRoot` must be the boolean `true`, `fsGroup` a number and '
      + '`seccompProfile.type` `RuntimeDefault` or `Localhost` (with a non-empty `localhostProfile`, which no other type may '
      + 'have); a `runAsUser`, `runAsGroup` or '
      + '`fsGroup` of 0, or 0 in `supplementalGroups`, is a finding, and so is an ID the API server refuses (not a whole '
      + 'number from 0 to 2147483647). A run-wide template without a securityContext takes the `default-pod-template`\'s '
      + '(Tekton merges it in): not a finding when every config-defaults checked with the run has one that passes; where one fails, '
      + "the findings are what that securityContext lacks, said of config-defaults' default-pod-template." + CONFIG_DEFAULTS_READINGS_TEXT,
    limits:
      "The cluster's default pod template (`config-defaults`), which fills in a securityContext the run leaves out, is seen "
      + "only when its ConfigMap (or the operator's object) is checked with the run: a run relying on another is a finding. The containers' own securityContexts are the container rules' concern; `sysctls` are "
      + "DEFAULT_ISOLATION's, and `fsGroupChangePolicy` and Windows options are not read. Only the runs checked are judged: "
      + 'runs that `tkn` or other tools create later are not seen '
      + '(the runs a TriggerTemplate, or a Trigger\'s or an EventListener\'s inline template, creates are checked as written, '
      + 'their `$(tt.params.x)` as what an event chooses).',
    howToRelax:
      "`{ rule: RuleId.RUN_POD_SECURITY_CONTEXT, reason: '<why>' }` without a target for the run-wide pod template, with "
      + "`target: RelaxationTarget.task('<pipeline task>')` for a per-task one, given to the SecurePipelineRun's "
      + '`relaxations` or to `Relaxations.of(construct).add(...)`. In YAML for the audit: '
      + relaxAnnotation(RuleId.RUN_POD_SECURITY_CONTEXT, '*: <why>') + ' or `"task/<name>: <why>"` on the run.',
    relaxable: true,
    appliesTo: kindIs('PipelineRun', 'TaskRun'),
  },
  (manifest, context) => podTemplatesOf(manifest).flatMap((pod) => {
    const sc = pod.template?.securityContext;
    // a per-task template without a securityContext (or a null one, which Go decodes as none) keeps the run-wide one
    if (pod.perTask && (sc === undefined || sc === null)) return [];
    const at = `${pod.path}.securityContext`;
    const where = pod.perTask ? { location: pod.location, target: pod.target } : {};
    // a run-wide template without one takes the default pod template's (MergePodTemplateWithDefault): a finding in
    // each config-defaults checked with the run (or none) whose securityContext does not pass, naming the operator's
    // reading when only some of them find it
    if ((sc === undefined || sc === null) && (manifest?.kind === 'PipelineRun' || manifest?.kind === 'TaskRun')) {
      return configDefaultsProblems(context?.manifests, (d) => {
        if (d !== undefined && defaultPasses(d)) return [];
        // the default's securityContext is the pod's: its own problems, said of it (the run's fix, a whole securityContext, replaces it)
        const own = d === undefined ? undefined : podTemplatesOf(d.manifest)[0]?.template?.securityContext;
        if (own === undefined || own === null) return contextProblems(sc, at, where);
        return contextProblems(own, at, where).map((p) => ({ ...p, problem: `${p.problem} in config-defaults' default-pod-template, whose securityContext the run takes as it sets none` }));
      });
    }
    return contextProblems(sc, at, where);
  }),
);

/** Whether a config-defaults Tekton may read has a `default-pod-template` whose securityContext passes. */
function defaultPasses(defaults: AppliedConfigDefaults): boolean {
  const sc = podTemplatesOf(defaults.manifest)[0]?.template?.securityContext;
  return sc !== undefined && sc !== null && contextProblems(sc, 'securityContext', {}).length === 0;
}

/** The problems of a pod securityContext (`sc`, undefined or null for none) at `at`. */
function contextProblems(sc: any, at: string, where: { location?: string; target?: string }): Problem[] {
  const problems: Problem[] = [];
  const s = sc ?? {};
  if (s.runAsNonRoot !== true) problems.push({ ...where, property: `${at}.runAsNonRoot`, value: s.runAsNonRoot === undefined ? undefined : jsString(s.runAsNonRoot), problem: 'is not true' });
  if (typeof s.fsGroup !== 'number') problems.push({ ...where, property: `${at}.fsGroup`, problem: 'is not set' });
  if (s.seccompProfile?.type !== 'RuntimeDefault' && s.seccompProfile?.type !== 'Localhost') {
    problems.push({ ...where, property: `${at}.seccompProfile.type`, value: s.seccompProfile?.type, problem: 'is not RuntimeDefault' });
  }
  const refusal = seccompProfileRefusal(s.seccompProfile, 'the pods');
  if (refusal !== undefined) problems.push({ ...where, property: `${at}.seccompProfile.localhostProfile`, ...refusal });
  for (const field of ['runAsUser', 'runAsGroup', 'fsGroup']) {
    if (s[field] === 0) {problems.push({ ...where, property: `${at}.${field}`, value: '0', problem: 'is root, which every container that sets none inherits' });} else if (typeof s[field] === 'number' && !validId(s[field])) {
      problems.push({ ...where, property: `${at}.${field}`, value: jsString(s[field]), problem: `is not an ID from 0 to ${MAX_ID} (the API server refuses the pods)` });
    }
  }
  asArray(s.supplementalGroups).forEach((g, i) => {
    if (typeof g === 'number' && !validId(g)) {
      problems.push({ ...where, property: `${at}.supplementalGroups[${i}]`, value: jsString(g), problem: `is not an ID from 0 to ${MAX_ID} (the API server refuses the pods)` });
    }
  });
  if (asArray(s.supplementalGroups).includes(0)) {
    problems.push({ ...where, property: `${at}.supplementalGroups`, value: JSON.stringify(s.supplementalGroups), problem: 'adds the root group to every container' });
  }
  return problems;
}
