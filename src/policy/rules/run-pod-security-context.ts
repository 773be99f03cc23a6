import { podTemplateOf } from '../../private/containers';
import { Severity } from '../rule';
import { kindIs, manifestRule } from '../rule-builders';
import { RuleId } from '../rule-id';

/** Run pods carry a restricted pod securityContext. */
export const RUN_POD_SECURITY_CONTEXT = manifestRule(
  {
    id: RuleId.RUN_POD_SECURITY_CONTEXT,
    severity: Severity.MEDIUM,
    title: 'Run pods set runAsNonRoot, fsGroup and the RuntimeDefault seccomp profile',
    rationale:
      'The pod securityContext covers the containers Tekton injects itself (init containers, the entrypoint), and fsGroup makes workspace volumes writable for a non-root user.',
    fix: 'Set podTemplate.securityContext { runAsNonRoot: true, fsGroup: <gid>, seccompProfile: { type: RuntimeDefault } }.',
    relaxable: true,
    appliesTo: kindIs('PipelineRun', 'TaskRun'),
  },
  (manifest) => {
    const pod = podTemplateOf(manifest);
    if (!pod) return [];
    const sc = pod.template?.securityContext ?? {};
    const at = `${pod.path}.securityContext`;
    const problems = [];
    if (sc.runAsNonRoot !== true) problems.push({ property: `${at}.runAsNonRoot`, value: sc.runAsNonRoot === undefined ? undefined : String(sc.runAsNonRoot), problem: 'is not true' });
    if (typeof sc.fsGroup !== 'number') problems.push({ property: `${at}.fsGroup`, problem: 'is not set' });
    if (sc.seccompProfile?.type !== 'RuntimeDefault' && sc.seccompProfile?.type !== 'Localhost') {
      problems.push({ property: `${at}.seccompProfile.type`, value: sc.seccompProfile?.type, problem: 'is not RuntimeDefault' });
    }
    return problems;
  },
);
