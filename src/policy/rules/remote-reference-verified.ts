import { policyPatternMatches } from '../../private/go-regexp';
import { manifestNamespace } from '../../private/namespaces';
import { clusterFetchers, hubBuildSource, hubDefaultsOf, remoteReferencesOf, CHECK_CONFIG_DEFAULTS, SAMPLE_UID, sourceUnder, UNKNOWN_RESOLVER_TEXT, unsupportedDigestBundle, upperCaseDigestBundle, verificationIndex } from '../../private/remote-refs';
import { jsString } from '../../private/text';
import { Severity } from '../rule';
import { kindIs, followingLoops, Problem, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

/**
 * Every Task or Pipeline a resolver fetches is matched by a VerificationPolicy
 * of its namespace among the manifests checked together, so that Tekton verifies
 * its signature before it runs.
 */
export const REMOTE_REFERENCE_VERIFIED = followingLoops(
  {
    id: RuleId.REMOTE_REFERENCE_VERIFIED,
    severity: Severity.MEDIUM,
    title: 'Tasks and Pipelines fetched by a resolver match a VerificationPolicy of their namespace',
    rationale:
      'Tekton verifies the signature of a Task or Pipeline fetched by a resolver only when a VerificationPolicy of the run\'s '
      + 'namespace matches its source; otherwise it runs unsigned content, or, with trusted-resources-verification-no-match-policy '
      + '"fail" (the hardened flag), fails the run.',
    fix: 'Add a VerificationPolicy in the namespace of the runs whose resources match the source, with the key the content is signed with: a VerificationPolicy construct whose remoteTasks prop lists the task and whose authorities hold the key.',
    decidesFrom:
      'The `taskRef`s and `pipelineRef`s with a `resolver` (or a v1beta1 `bundle`) of Pipelines, PipelineRuns and TaskRuns, '
      + "and those that name neither a resolver nor a name, which Tekton's defaulting gives config-defaults' "
      + '`default-resolver-type` (read as REMOTE_REFERENCE_PINNED reads it: a finding when no config-defaults checked together says it), '
      + 'and the VerificationPolicies checked together with them in the same namespace (a policy without a namespace counts '
      + 'only for objects without one: it is applied to the namespace of the kubectl context, which may be another); for a Pipeline also those of the namespace of each PipelineRun checked together that fetches it through '
      + 'the cluster resolver (`kind` pipeline or left to the default, its `name`, and its `namespace` or the configured default read as below), as Tekton matches a '
      + "pipeline's references with the policies of the run's namespace. The source is the resolver's `RefSource.URI` in Tekton v1.15: the bundle's repository as "
      + 'go-containerregistry names it (`index.docker.io/library/…` for Docker Hub), the git `url` (without `url` and `repo`, '
      + 'the `default-url` a `git-resolver-config` checked together gives the entry the `configKey` param names, or the '
      + 'unprefixed one without it, when they all give the same), '
      + '`https://artifacthub.io/api/v1/packages/tekton-<kind>/<catalog>/<name>/<version>` for Artifact Hub (under the hub '
      + 'resolver\'s `url` param instead when it is given and not "", as it replaces the configured hub; with it a Tekton '
      + 'Hub\'s `<url>/v1/resource/<catalog>/<kind>/<name>/<major.minor>/yaml` too; a hub `type`, `kind` or `catalog` left out is '
      + 'the default of a `hubresolver-config` checked together, in `tekton-pipelines-resolvers` or without a namespace, else the '
      + 'release\'s (`artifact`, `task`, `tekton-catalog-tasks` …), and without a `url` the hub is the one URL its '
      + '`artifact-hub-urls` or `tekton-hub-urls` lists, else artifacthub.io for Artifact Hub), '
      + '`/apis/tekton.dev/v1/namespaces/<ns>/<kind>/<name>@<uid>` for the cluster resolver (matched with a sample uid; a `kind` '
      + 'left out or "" is the kind the reference fetches, as the resolver\'s default-kind must be it or the run fails; a '
      + '`namespace` left out or "" is the `default-namespace` of a `cluster-resolver-config` checked together, in '
      + '`tekton-pipelines-resolvers` or without a namespace, when they all set the same one that is not blank), '
      + 'and for Artifact Hub also the source of a `<version>+<build>` release (matched with `+build.1`): the hub resolver reads '
      + 'the version as a constraint, build metadata ignored, and fetches such a release under its own version once the catalog lists one; '
      + 'the http `url`. Patterns are matched as Tekton does: `git+` dropped, anchored with `^(?:…)$` unless they start '
      + 'with `^` and end with `$`, Go RE2 semantics. Any policy counts, whatever its mode (VERIFICATION_ENFORCED judges '
      + 'the mode), except one that Tekton refuses or cannot use, as VERIFICATION_ENFORCED reads it: it verifies nothing.',
    limits:
      'Checked alone (without the other manifests) a reference is not judged, nor a bundle whose digest is in upper-case hex '
      + 'or of another algorithm than sha256 (`@sha512:`) (the resolver cannot parse it and fetches nothing: REMOTE_REFERENCE_PINNED reports it). A source the manifest does not say is a '
      + "finding: a substituted param (a substituted hub `url` is a hub the caller chooses), the git resolver's SCM API mode "
      + '(`repo`/`org`), a Tekton Hub without a `url` nor one `tekton-hub-urls` (its URL is cluster configuration), a hub list '
      + 'of several URLs (tried in order, any may serve it), hubresolver-configs that disagree (the cluster may keep any), a '
      + 'hub `url` the resolver refuses (not http or https with a host), another param the cluster\'s resolver configuration '
      + 'defaults when no ConfigMap checked together says it (or ConfigMaps that disagree). Whether the cluster resolver may '
      + 'read the namespace at all (`allowed-namespaces`, `blocked-namespaces` of cluster-resolver-config) is not read: a '
      + 'reference it refuses fetches nothing, and its run fails. An Artifact Hub the resolvers\' `ARTIFACT_HUB_API` environment names is not known (artifacthub.io is '
      + 'taken). Whether the '
      + 'policy\'s keys are the ones the content is signed with is not known. StepActions are not verified by Tekton at '
      + 'all and are not judged here (REMOTE_REFERENCE_PINNED pins them). A pattern JavaScript cannot evaluate as Go '
      + 'does (flags other than a leading `i`/`s`/`U`, Unicode or POSIX classes) matches nothing here, nor does any pattern '
      + 'a source with a character beyond U+FFFF (an emoji), which Go reads as one rune and JavaScript as two code units.',
    howToRelax:
      "`{ rule: RuleId.REMOTE_REFERENCE_VERIFIED, reason: '<why>', target: RelaxationTarget.task('<pipeline task>') }`, "
      + "given to the SecurePipeline's `relaxations` or to `Relaxations.of(construct).add(...)`; a run's own reference: no "
      + 'target. In YAML for the audit: ' + relaxAnnotation(RuleId.REMOTE_REFERENCE_VERIFIED, 'task/<name>: <why>')
      + ' on the Pipeline.',
    relaxable: true,
    appliesTo: kindIs('Pipeline', 'PipelineRun', 'TaskRun'),
  },
  (manifest, context) => {
    if (context === undefined) return [];
    const namespace = manifestNamespace(manifest);
    const all = verificationIndex(context.manifests).policies;
    // Tekton matches a pipeline's references with the policies of the run's namespace: the Pipeline's own, and those of runs that fetch it through the cluster resolver
    const judged = [
      { policies: all.filter((p) => p.namespace === namespace), where: namespace === undefined ? 'checked with it' : `of namespace '${namespace}'`, own: true },
      ...(manifest?.kind === 'Pipeline' ? clusterFetchers(manifest, context.manifests) : []).map((f) => ({
        policies: all.filter((p) => p.namespace === f.namespace),
        where: `of namespace '${f.namespace}', where ${f.run} fetches this Pipeline through the cluster resolver (Tekton verifies it with the policies of the run's namespace)`,
        own: false,
      })),
    ];
    return remoteReferencesOf(manifest, context.manifests).filter((r) => r.fetches !== 'StepAction').flatMap((ref): Problem[] => {
      const at = { location: ref.location, target: ref.target, property: ref.property };
      const hubDefaults = hubDefaultsOf(context.manifests);
      const source = sourceUnder(ref, hubDefaults);
      if (source === undefined && ref.defaultedResolver?.known === false) {
        return [{
          ...at,
          property: `${ref.property}.resolver`,
          problem: `${UNKNOWN_RESOLVER_TEXT} ${ref.defaultedResolver.why}: its source is not known, so no VerificationPolicy can be shown to match it`,
          fix: `Name the resolver in the reference, or ${CHECK_CONFIG_DEFAULTS}; then add a VerificationPolicy in the namespace of the `
            + 'runs whose resources match its source, with the key the content is signed with.',
        }];
      }
      // a bundle the resolver cannot parse fetches nothing: the run fails, and REMOTE_REFERENCE_PINNED reports it
      if (source === undefined && (upperCaseDigestBundle(ref) !== undefined || unsupportedDigestBundle(ref) !== undefined)) return [];
      if (source === undefined) {
        return [{
          ...at,
          value: ref.resolver,
          problem: 'has a source the manifest does not say (a substituted or defaulted param, the git resolver\'s SCM API mode, '
            + 'or a hub whose URL the cluster configures), so no VerificationPolicy can be shown to match it',
        }];
      }
      // an Artifact Hub version is also served by a +<build> release of it, under that release's source
      const build = hubBuildSource(ref, hubDefaults);
      const unverified = judged.flatMap(({ policies, where, own }) => {
        const matchingOf = (s: string) => policies.filter((p) => p.patterns.some((pattern) => policyPatternMatches(pattern, s) === true));
        const matching = matchingOf(source);
        if (matching.some((p) => p.refused === undefined)) {
          if (build === undefined || matchingOf(build).some((p) => p.refused === undefined)) return [];
          return [`matches no usable VerificationPolicy ${where} with the source of a release of the same version with build metadata (${build}), `
            + 'which the hub resolver fetches for this version once the catalog lists one'];
        }
        const refused = matching.map((p) => `'${jsString(p.manifest?.metadata?.name)}' (${p.refused!.property} ${p.refused!.problem})`);
        return [refused.length === 0 ? `matches no VerificationPolicy ${where}` : `matches only VerificationPolicies ${own ? '' : `${where} `}that Tekton refuses or cannot use: ${refused.join(', ')}`];
      });
      if (unverified.length === 0) return [];
      return [{
        ...at,
        // the cluster resolver's source holds the object's uid, known only in the cluster
        value: ref.resolver === 'cluster' ? source.replace(`@${SAMPLE_UID}`, '@<uid>') : source,
        problem: unverified.join('; it also ')
          + ': Tekton runs it without verifying a signature, or fails the run when trusted-resources-verification-no-match-policy is "fail"',
      }];
    });
  },
);
