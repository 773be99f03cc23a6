import { policyPatternMatches } from '../../private/go-regexp';
import { manifestNamespace, sameNamespace } from '../../private/namespaces';
import { clusterFetchers, describeReference, verificationIndex } from '../../private/remote-refs';
import { Severity } from '../rule';
import { kindIs, manifestRule, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

/**
 * A VerificationPolicy matches the source of at least one Task or Pipeline that
 * a Pipeline, PipelineRun or TaskRun of its namespace, checked with it, fetches
 * through a resolver. Tekton never verifies a Task referenced by name, so a
 * policy that matches no fetched source protects nothing.
 */
export const VERIFICATION_POLICY_USED = manifestRule(
  {
    id: RuleId.VERIFICATION_POLICY_USED,
    severity: Severity.LOW,
    title: 'VerificationPolicies match a source that the Pipelines and runs of their namespace fetch through a resolver',
    rationale:
      'Tekton verifies signatures only on Tasks and Pipelines that a resolver fetches (bundles, git, hub, cluster, http), '
      + 'never on a Task referenced by name: a policy that matches none of the sources in use protects nothing while its '
      + 'presence (and its enforce mode) reads as if every task had to be signed.',
    fix: 'Refer to the tasks the policy is for through a resolver (RemoteTask.fromBundle pinned by digest, RemoteTask.fromGit at a commit) and build the policy from them (remoteTasks: [task]), or remove the policy.',
    decidesFrom:
      '`spec.resources[].pattern` of VerificationPolicies, matched as Tekton v1.15 does (see REMOTE_REFERENCE_VERIFIED), '
      + 'against the sources of the `taskRef`s and `pipelineRef`s with a resolver of the Pipelines, PipelineRuns and TaskRuns '
      + 'checked together in the same namespace (an object without a namespace matches any), and of the Pipelines that a '
      + 'PipelineRun of the namespace fetches through the cluster resolver. At least one pattern must '
      + 'match one source.',
    limits:
      'Checked alone (without the other manifests) a policy is not judged. Only the manifests checked together count: '
      + 'pipelines kept in another repository, runs created later by triggers, and sources the manifests do not say (see '
      + 'REMOTE_REFERENCE_VERIFIED) are not seen, so a policy for them is a finding. Patterns that match sources nobody '
      + 'uses next to one that is used are not reported.',
    howToRelax:
      "`{ rule: RuleId.VERIFICATION_POLICY_USED, reason: '<why>' }` without a target, given to the VerificationPolicy's "
      + '`relaxations` (e.g. when the pipelines it protects are synthesized elsewhere) or to '
      + '`Relaxations.of(construct).add(...)`. In YAML for the audit: '
      + relaxAnnotation(RuleId.VERIFICATION_POLICY_USED, '*: <why>') + ' on the VerificationPolicy.',
    relaxable: true,
    appliesTo: kindIs('VerificationPolicy'),
  },
  (manifest, context) => {
    if (context === undefined) return [];
    const namespace = manifestNamespace(manifest);
    const index = verificationIndex(context.manifests);
    const own = index.policies.find((p) => p.manifest === manifest);
    const patterns = own?.patterns ?? [];
    // a pipeline's references are verified with the policies of its runs' namespaces: its own, and those of runs that fetch it through the cluster resolver
    const references = index.references.filter((r) => sameNamespace(r.namespace, namespace)
      || (r.manifest?.kind === 'Pipeline' && clusterFetchers(r.manifest, context.manifests).some((f) => sameNamespace(f.namespace, namespace))));
    const known = references.filter((r) => r.source !== undefined);
    if (known.some((r) => patterns.some((p) => policyPatternMatches(p, r.source!) === true))) return [];
    const unknown = [...new Set(references.filter((r) => r.source === undefined).map((r) => describeReference(r.reference)))];
    const where = namespace === undefined ? 'checked with it' : `of namespace '${namespace}'`;
    const nothingElse = 'and Tekton verifies nothing else (never a Task referenced by name), so the policy protects nothing';
    const undecided = `the sources of ${unknown.join(', ')} are not said by the manifests (a substituted or defaulted param, `
      + "the git resolver's SCM API mode, or a hub whose URL the cluster configures)";
    let problem: string;
    if (known.length > 0) {
      const sources = [...new Set(known.map((r) => `"${r.source}"`))].join(', ');
      problem = `match none of the sources fetched through a resolver ${where} (${sources}), ${nothingElse}${unknown.length > 0 ? `; ${undecided}` : ''}`;
    } else if (unknown.length > 0) {
      problem = `match no source the manifests say: ${undecided}`;
    } else {
      problem = `match no source: no Pipeline, PipelineRun or TaskRun ${where} fetches a Task or Pipeline through a resolver, ${nothingElse}`;
    }
    return [{ property: 'spec.resources', value: patterns.join(', '), problem }];
  },
);
