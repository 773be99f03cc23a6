import { pacPinProblem, pacRemoteItems } from '../../private/pac-annotations';
import { pinProblems, remoteReferencesOf } from '../../private/remote-refs';
import { FIXED_PLACEHOLDERS_TEXT } from '../../private/templates';
import { Severity } from '../rule';
import { kindIs, followingLoops, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

/**
 * Tasks, Pipelines and StepActions that a resolver fetches are pinned to one
 * content: a bundle by digest, a git revision that is a full commit, a hub
 * version that is exact, an http reference given its content's digest. Cluster references pin nothing.
 */
export const REMOTE_REFERENCE_PINNED = followingLoops(
  {
    id: RuleId.REMOTE_REFERENCE_PINNED,
    severity: Severity.HIGH,
    title: 'Tasks, Pipelines and StepActions fetched by a resolver are pinned: a bundle digest, a full git commit, an exact hub version or an http content digest',
    rationale:
      'A reference to a tag, a branch or a version range runs whatever its publisher (or whoever takes over the registry, '
      + 'repository or catalog) puts there next, with the pipeline\'s workspaces and credentials: the code that was reviewed '
      + 'and checked is not the code that runs.',
    fix: 'Pin the reference: bundle <repository>@sha256:<64 hex>, git revision <40 hex commit>, hub version <exact version> (RemoteTask.fromBundle, fromGit and fromHub refuse anything else).',
    decidesFrom:
      'Every `taskRef` and `pipelineRef` with a `resolver` in Pipelines (`tasks`, `finally`, nested `pipelineSpec`s), '
      + 'PipelineRuns (`spec.pipelineRef` and an embedded `pipelineSpec`) and TaskRuns (`spec.taskRef`), every step `ref` with '
      + 'a `resolver` in Tasks and embedded task specs, and the v1beta1 `bundle` field (read as a bundles reference, though '
      + 'Tekton v1.15 refuses it on create: TEKTON_FIELD_NAMES). A `taskRef` of a TaskRun or pipeline task, a PipelineRun\'s '
      + '`pipelineRef` or a step `ref` that names neither a `resolver` nor a `name` (missing, null or "") is fetched through '
      + "the resolver Tekton's defaulting writes into it, config-defaults' `default-resolver-type`: as a config-defaults checked "
      + 'together sets it (in tekton-pipelines or without a namespace, or as a Tekton operator\'s object writes it), and a '
      + 'finding when none is checked or they disagree (Tekton ships it empty, and then refuses the reference: nothing is '
      + 'fetched; beside a Tekton operator\'s object, the values of its readings of config-defaults that disagree are each named with '
      + 'the reading, as the rules reading config-defaults name them; a config-defaults Tekton refuses as a whole, as TEKTON_FEATURE_FLAGS '
      + 'reports it, sets nothing). `bundles`: the `bundle` param ends in '
      + '`@sha256:` and 64 lower-case hex (a digest in upper-case hex, and one of another algorithm, `@sha512:` or `@sha384:`, which the OCI image spec allows but go-containerregistry\'s `name.NewDigest` refuses, are reported as ones the resolver cannot parse: every run fails); `git`: the `revision` param is 40 hex (git fetches a revision as an object '
      + 'name only when it is as long as the repository\'s: 64 hex is a branch or tag name in a SHA-1 repository, so it is a '
      + 'finding, to be relaxed for a SHA-256 repository), or is Pipelines-as-Code\'s `{{ revision }}` alone, which it fills with '
      + 'the full SHA of the event\'s commit (as the files its annotations name are read at that commit) in the event\'s repository, '
      + 'when the resolver fetches from that repository: a clone (`url` not "") of `{{ repo_url }}` or `{{ source_url }}` alone (the head '
      + 'repository of a pull request, which holds the commit), or with no url the SCM API\'s `org` `{{ repo_owner }}` and `repo` `{{ repo_name }}` on the server it is configured with (no `serverURL`; '
      + 'which server that is, is not known here); '
      + 'with another url (any literal one: which Repository a PipelineRun runs for is not named in it, since Pipelines-as-Code writes the '
      + 'annotations that name the event\'s repository, `pipelinesascode.tekton.dev/url-org`, `url-repository` and `repository`, over the '
      + 'template\'s when it creates the run, and a Repository\'s `url` among the files does not say whose `.tekton` directory holds the template; '
      + 'the finding says the url may be the event\'s repository, and `{{ repo_url }}` in its place says it is; one substituted at run time, '
      + 'but in a PipelineRun\'s own pipelineSpec, where it is the value the run gives), other `org`/`repo`, or neither '
      + '(the resolver\'s configured default-url) it is a finding, as that repository holds the event\'s commit only when it shares '
      + 'history with the event\'s (a fork, a mirror) or someone pushed it there, so whoever makes the event chooses the file; `hub`: the `version` param is `<major>.<minor>` or `<major>.<minor>.<patch>`, '
      + 'with a `v` or an `=` before it and spaces around as the resolver reads a constraint (go-version\'s `NewConstraint`: `v0.9.0`, '
      + '`= 0.9` name one release; the hub resolver picks the newest match of anything else, and build metadata, `0.9.0+b1`, which '
      + 'its comparison ignores, is a finding that names the release fetched), with a patch of 0 when `type` is `tekton` (a Tekton Hub lists `<major>.<minor>` only: '
      + 'the resolver finds no version equal to another, and every run fails), as RemoteTask.fromHub judges it (a missing `version` is reported as one the resolver '
      + 'refuses: it has no default, not the newest release; `latest`, which go-version refuses, it sends to the hub as a version name); `http`: the '
      + '`digest` param, which the resolver checks the content it fetched against, is `sha256:` and 64 hex or `sha512:` and '
      + '128 hex (any case, as Go\'s hex decoding reads it; anything else fails the run). A missing, non-string or substituted (`$(…)`) pin is a finding '
      + '(but a param written as `$(params.<p>)` alone in the `taskRef` of a task of a PipelineRun\'s own `pipelineSpec` is judged as the '
      + 'string the run gives `<p>`, else as the default the spec declares: Tekton substitutes them there before the resolver reads the '
      + 'params, ApplyParameters; a Pipeline\'s params, which the runs that name it give, are not read), and so is one that '
      + `holds a \`{{…}}\` template (Helm's; Pipelines-as-Code's but for ${FIXED_PLACEHOLDERS_TEXT}): the tool pastes`
      + ' its value into the YAML text before it is read, so the value can end the '
      + 'param there and the digest after it is not part of it (the params below that must not be substituted must not hold '
      + 'one either, and a `url` that holds one is not literal); `cluster` '
      + 'and resolvers Tekton does not ship are always findings. So is a substituted param that lets whoever runs it choose '
      + 'where the pin is read: the hub `url` (it overrides the hub the cluster configures) and `catalog` (an Artifact Hub '
      + 'repository, which anyone can publish); and where the git resolver may fetch through the SCM API (a `repo` that is '
      + 'a string other than "" and no literal `url` other than "": the resolver clones whenever `url` is not "") '
      + '`serverURL`, `scmType` (with no server set, each driver talks to its public host) and `configKey` (the '
      + 'git-resolver-config entry, which sets server, driver and token), since the API returns the file at the revision '
      + 'and the resolver does not check it against the commit. With a literal `url` these params are not read for the '
      + 'content (a clone checks out the commit itself). A substituted param that chooses which resource of the pinned '
      + 'content runs is a finding too: the git `pathInRepo` (any file of the repository at that commit), the bundle `name` '
      + 'and `kind` (v1beta1: the reference\'s `name`), and the hub `name`, `kind` and `type` (an exact version names a '
      + 'release of every package of the catalog). '
      + 'And what Pipelines-as-Code fetches for a PipelineRun or a Pipeline from the annotations '
      + '`pipelinesascode.tekton.dev/task`, `task-<n>` and, on a PipelineRun, `pipeline` (keys matched as its matcher matches them; a value of one '
      + 'item or `[a, b]`, matched and trimmed as Go reads it): a URL (`http://`, `https://`) is a finding, since it is fetched as '
      + 'served when each event arrives; '
      + 'a name of its default hub or of a custom catalog (`<catalog>://<name>`) is one without a `:<version>` (it fetches the newest), or with a '
      + 'version other than `<major>.<minor>` or `<major>.<minor>.<patch>` (`latest`, a range: it asks the hub for a version of that very name), or, of its default hub '
      + '(Artifact Hub unless its `hub-catalog-type` setting says otherwise), `<major>.<minor>`, which Artifact Hub lists as `<major>.<minor>.0` and matches '
      + 'by its exact text (every event fails), or whose name holds a `?` or `#` (which ends the '
      + "path of the hub's URL before the version, so the hub serves its newest one); any other item with a `/` is a file of the "
      + "repository at the event's commit, and passes, unless Go's url.Parse gives it a host (`//<host>/...`, any scheme): "
      + "the provider first fetches such an item from the repository and ref it names when the host is the event's Git host. "
      + `It replaces \`{{ <key> }}\` placeholders in the template before reading them: a value with one other than ${FIXED_PLACEHOLDERS_TEXT} `
      + '(the event\'s body, headers or files, a CEL expression, `source_branch`, '
      + '`trigger_comment`, a custom param of the Repository) is a finding, whose text is not known here; `{{ repo_url }}` and `{{ source_url }}` make an item a URL.',
    limits:
      'A hub version is a name, not a digest: Artifact Hub serves what the catalog publishes under it, and a catalog can '
      + 'publish other content under the same version. It is even a constraint: the hub resolver reads `0.9` as `= 0.9` and '
      + 'fetches the greatest release the hub lists that satisfies it, under that release\'s own version, build metadata '
      + 'ignored, so a publisher satisfies `0.9` or `0.9.0` with a new `0.9.0+<build>` release. Without a `type` param the '
      + 'version is judged for Artifact Hub, the hub resolver\'s default type (a cluster can configure another). Only a VerificationPolicy '
      + '(REMOTE_REFERENCE_VERIFIED) whose pattern also matches those releases\' sources ties it to a signer. Whether the digest or commit exists, and what it holds, is not checked here (RemoteTask checks the content '
      + 'it is given). A clone checks out the commit, so which repository (`url`) is not judged, nor the bundle repository '
      + '(a digest names one content wherever it is). In SCM API mode the server is trusted to serve the file of the commit '
      + '(and to read a 40-hex revision as one, not as a branch of that name): `org` and `repo`, a literal `serverURL` '
      + '(Tekton refuses one other than the configured server unless a `token` is given), `scmType` and `configKey`, and '
      + '`token`/`tokenKey` (which Secret of the run\'s namespace authenticates) are not judged, nor a literal hub `url` or `catalog`, or the cluster\'s resolver configuration (defaults, allowed namespaces, caching). '
      + 'A Pipelines-as-Code hub version is a name as well, whose catalog its settings choose; a URL that names a commit is a '
      + 'finding all the same (relax it with that reason); whether remote tasks are enabled in its settings is not read. '
      + 'A GitOps comment\'s `key=value` argument (`/test build revision=main`), which Pipelines-as-Code lets replace '
      + '`{{ revision }}`, comes from a user it admits and is not judged. '
      + 'The items of a Pipeline that a PipelineRun fetches from a URL are fetched from beside that URL (a path is joined to '
      + "it), not from the repository: the PipelineRun's URL is the finding. The admission policies read a pin a PipelineRun gives "
      + 'its own pipeline spec through a param as substituted.',
    howToRelax:
      "`{ rule: RuleId.REMOTE_REFERENCE_PINNED, reason: '<why>', target: RelaxationTarget.task('<pipeline task>') }`, given "
      + "to the SecurePipeline's `relaxations` (a `RemoteTask.fromCluster` task needs one) or to "
      + "`Relaxations.of(construct).add(...)`; a step's StepAction reference: `RelaxationTarget.step('<name>')`; a run's own "
      + 'reference: no target. In YAML for the audit: '
      + relaxAnnotation(RuleId.REMOTE_REFERENCE_PINNED, 'task/<name>: <why>') + ' on the Pipeline.',
    relaxable: true,
    appliesTo: kindIs('Task', 'TaskRun', 'Pipeline', 'PipelineRun'),
  },
  (manifest, context) => [
    ...remoteReferencesOf(manifest, context?.manifests).flatMap((ref) =>
      pinProblems(ref).map((p) => ({
        location: ref.location, target: ref.target, property: p.property, value: p.value, problem: p.problem, fix: p.fix,
      }))),
    // what Pipelines-as-Code fetches for a PipelineRun (and the Tasks a Pipeline of its .tekton directory names)
    ...(manifest.kind === 'Pipeline' || manifest.kind === 'PipelineRun' ? pacRemoteItems(manifest) : []).flatMap((r) => {
      const p = pacPinProblem(r);
      return p === undefined ? [] : [{ property: `metadata.annotations['${r.key}']`, value: r.item, problem: p.problem, fix: p.fix }];
    }),
  ],
);
