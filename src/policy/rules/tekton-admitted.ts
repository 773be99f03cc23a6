import { webhookChecked, webhookRefusals } from '../../private/tekton-admission';
import { Severity } from '../rule';
import { manifestRule, Problem } from '../rule-builders';
import { RuleId } from '../rule-id';

/**
 * Tekton's admission webhook admits the pipelines: a Pipeline, and a PipelineRun's embedded pipeline, hold none of the
 * mistakes Tekton v1.15's validation refuses on the spec alone; nor do Tasks, runs and StepActions.
 */
export const TEKTON_ADMITTED = manifestRule(
  {
    id: RuleId.TEKTON_ADMITTED,
    severity: Severity.LOW,
    title: 'Tekton\'s admission webhook admits the pipelines, Tasks, runs and StepActions: their tasks, steps, workspaces, params, dependencies and results hold together (structural, cannot be relaxed)',
    rationale:
      'Tekton\'s webhook refuses a Pipeline (or a PipelineRun whose embedded pipeline) binds a workspace it does not declare, names two '
      + 'pipeline tasks alike, depends on a task that is not there or on itself through a cycle, a Task with two steps of one name, a run '
      + 'that gives a param twice, and the like: `kubectl apply` fails, '
      + 'the object is never created, and every run of the pipeline or Task fails for want of it. The other rules read such a pipeline as '
      + 'written, and would pass what the cluster refuses. Not a security control: a pipeline refused here never runs.',
    fix: 'Make the pipeline what Tekton admits: declare the workspaces its tasks bind, give each pipeline task its own DNS-1123 name '
      + 'and one of taskRef or taskSpec, and make runAfter and result references name tasks of the pipeline without a cycle.',
    decidesFrom:
      'A `tekton.dev/v1` or `v1beta1` Pipeline\'s `spec`, PipelineRun\'s `spec.pipelineSpec`, Task\'s `spec`, TaskRun\'s `spec.taskSpec` and a pipeline task\'s '
      + '`taskSpec`, and the runs\' own names, read as Tekton v1.15\'s webhook validates them on create with the feature flags it reads (see below) '
      + '(pkg/apis/pipeline/v1 pipeline_validation.go, when_validation.go, and pkg/reconciler/pipeline/dag `Build`); each finding quotes '
      + 'the webhook\'s error as `kubectl apply` prints it after "validation failed:". A pipeline task binding (its `workspace`, or its '
      + '`name` without one) that names no workspace of the Pipeline\'s `workspaces`, and a binding name given twice in one pipeline '
      + 'task (`validatePipelineWorkspacesUsage`, which the webhook runs on a Pipeline only: a PipelineRun\'s embedded pipeline '
      + 'receives the run\'s workspaces); a `$(params.<name>)` (or `$(params[\'<name>\']…)`) in a pipeline task\'s param value (a string, an '
      + 'array\'s element, an object\'s value) naming a param the Pipeline does not declare (`validatePipelineTaskParameterUsage`, a Pipeline only: a '
      + 'PipelineRun propagates its own params), one finding for the value, as the webhook\'s one error, at its first such reference and naming every undeclared param of it; a param given twice in one '
      + 'pipeline task (`validateDuplicateParameters`), or declared twice in the pipeline\'s `params` (`ValidateNoDuplicateNames`); a '
      + 'workspace of the pipeline with an empty name or declared twice; `finally` tasks without `tasks`; a pipeline task name that is '
      + 'not a DNS-1123 label, or that another pipeline task (of `tasks` or `finally`) has; a pipeline task with both (or none) of '
      + '`taskRef` and `taskSpec` (or the alpha `pipelineRef` and `pipelineSpec`); a pipeline task Tekton reads as a custom task (a `taskRef` '
      + 'or `taskSpec` whose `kind` is neither empty nor `Task`, or that has an `apiVersion`: `PipelineTask.Validate`) without the `apiVersion` '
      + 'of its API, whose `apiVersion` is not `group/version`, or without a `kind` (a `taskRef` without one gets the kind `Task` from the '
      + 'defaulting webhook unless it has a `resolver`): a `kind: ClusterTask` among them, which Tekton removed and reads as a custom task\'s '
      + 'kind, its finding saying so and its fix naming a Task of the pipeline\'s namespace (kind removed) or, unpinned, the cluster resolver; a `when` expression (without `cel`) whose '
      + '`operator` is neither `in` nor `notin`, or whose `values` are empty; a finally task with `runAfter`, or whose params or '
      + '`when` refer to a result of a finally task or of a task the pipeline does not have; the graph of `tasks`: a cycle of '
      + '`runAfter` entries and `$(tasks.<name>.results.<result>)` and `$(finally.…)` references of four or five parts (in params, matrix params, a `when`\'s '
      + '`input`, `values` and `cel`, and an embedded Task\'s steps\' and sidecars\' `name`, `image`, `imagePullPolicy`, `script`, `workingDir`, '
      + '`command`, `args` and `env` values and key references: `PipelineTask.Deps`; a reference of six parts, or one in a step\'s `params` or '
      + 'volume mount, is no dependency to Tekton), reported as dag.Build reports it (the first task in name order left in the cycle and the '
      + 'dependencies it has left), else the dependencies on names that are no task of `tasks`, as one finding at the first written naming the others '
      + '(dag.Build stops at the first its map iteration meets, a task\'s in sorted order, and its one error names that one); a `$(tasks.<name>.status)`, `$(tasks.<name>.reason)` or '
      + '`$(tasks.status)` in the params or `when` of a task of `tasks` (where no result reference is beside it), or in a finally task\'s naming no '
      + 'task of `tasks` (`validateExecutionStatusVariables`); an `onError` other than `continue` and `stopAndFail` (not one starting with `$(params`, judged once substituted), or '
      + '`continue` with `retries` above 0 (`ValidateOnError`); an empty spec (or none); and a pipeline `results` string value with no '
      + '`$(…)`, with none that looks like a result reference, or that Tekton\'s `taskContainsResult` rejects: it splits the value at each `$` '
      + 'and reads each piece (the first one too) as a result reference that must parse and name a task (`$(tasks.…)`) or finally task '
      + '(`$(finally.…)`) of the pipeline, so `sha256:$(tasks.a.results.digest)` is refused. In a Task spec (`StepList.Validate`, `ValidateNoDuplicateNames`, `validateDeclaredWorkspaces`): two steps of one name, a '
      + 'param declared twice, a workspace declared twice, and a workspace whose `mountPath` (by default `/workspace/<name>`, '
      + 'cleaned as Go\'s `filepath.Clean` does) is another\'s or a step\'s (or the `stepTemplate`\'s) volume mount; a '
      + 'step\'s or sidecar\'s `workspaces` entry naming no workspace of the Task (`validateWorkspaceUsages`, in an embedded spec too, whatever its run '
      + 'propagates); a `$(results.<name>.path)` in a step\'s `script` naming no result of the Task (`validateTaskResultsVariables`: a name built in '
      + 'the script, `$(results.digest-${i}.path)`, is refused too); and in a Task\'s own spec, a `$(params.<name>)` naming no param of '
      + 'it in a step\'s `name`, `image`, `workingDir`, `script`, `command`, `args` or `env` values (`ValidateUsageOfDeclaredParameters`), '
      + 'one finding a field, at its first such reference and naming every undeclared name of it, as the webhook\'s one error quotes the field\'s whole value (a value of other characters than '
      + 'printable ASCII, tabs and line breaks is not judged: Go quotes it otherwise than JSON); in every Task spec (a Task\'s, a TaskRun\'s `taskSpec`, a pipeline task\'s), '
      + 'an array param in a step\'s `name`, `image`, `workingDir`, `script`, env values or volume mounts (`$(params.flags)`, `$(params.flags[*])`; an element, '
      + '`$(params.flags[0])`, is a string), or with other text in a `command` or `args` entry (`validateArrayUsage`), and an object param whole in any of these fields (`$(params.git)`, '
      + '`$(params.git[*])`: `validateObjectUsageAsWhole`, which the webhook runs on a Task\'s own spec, on a Pipeline\'s pipeline tasks\' embedded Tasks with '
      + 'the object params of the Task and of the Pipeline, naming the fields under the pipeline task, `spec.tasks[0].steps[0].script`, and in the run\'s '
      + 'check below), one finding a message of a field, quoting the path Go gives it '
      + '(Go adds the index of each later step: `spec.steps[1].steps[0].script`; a value of other characters than printable ones, '
      + 'Go\'s `unicode.IsPrint`, tabs and line breaks, or with a reference Tekton finds too deep, `$(params.a.b.c)`, is not judged); a run checks its embedded Tasks\' steps once more with the params it merges '
      + '(`validateInlineParameters`: a param the run gives of its value\'s type, one it does not of its first declaration\'s, a PipelineRun\'s across its pipeline '
      + 'and the tasks of `tasks`), naming the field under `spec` (`spec.steps[0].script`), beside the spec\'s own path where both refuse it. In a run: both '
      + '`pipelineRef` and `pipelineSpec` (`taskRef` and `taskSpec`), a param given twice (names compared without case: '
      + '`validateNoDuplicateNames`), and a workspace bound twice (a TaskRun\'s names compared without case). '
      + 'In a `tekton.dev/v1beta1` object, the PipelineResources Tekton removed (TEP-0074), which its v1beta1 validation refuses wherever '
      + 'they are written (`must not set the field(s)`, one error naming every field: a finding per field): a Task\'s, a TaskRun\'s, an embedded '
      + 'Task\'s and a pipeline task\'s (of `tasks` and `finally`) `resources` given as anything but null (`{}` too), and a Pipeline\'s and a '
      + 'PipelineRun\'s `resources` list when not empty, in an embedded pipeline too. '
      + 'Fields behind a feature flag that is off (`config.ValidateEnabledAPIFields` and the flags\' own checks), each finding naming the flag, the value '
      + 'the webhook needs and the one it has, and where to set it (the key of the feature-flags ConfigMap, with the prop of TektonFeatureFlags that writes it where it has one, '
      + '`apiFields` and `disableInlineSpec`, or under a Tekton operator the field of '
      + 'its object that writes it: `spec.pipeline[\'enable-api-fields\']` of a TektonConfig, a bool unquoted, or its `options` where the operator has no '
      + 'field for the flag or the options set it; a TektonConfig to write where a TektonPipeline is checked without one): with `enable-api-fields` below `alpha`, a pipeline task\'s `pipelineRef` or `pipelineSpec`, a step\'s '
      + '`stdoutConfig` or `stderrConfig` or a `script` starting `#!win`, a TaskRun\'s `debug`; with it `stable`, a pipeline task\'s `matrix`, `onError` '
      + '(not one of a param), a resolver or resolver params in a `taskRef`, a step\'s `ref`, a run\'s `taskRef` or `pipelineRef`, a step\'s or sidecar\'s '
      + '`workspaces`, a run\'s `stepSpecs`, `sidecarSpecs` or `computeResources` (v1beta1: `stepOverrides`, `sidecarOverrides`), a PipelineRun\'s in its '
      + '`taskRunSpecs`; `enable-cel-in-whenexpression` off, a `when`\'s `cel`; `enable-param-enum` off, a param\'s `enum`; `enable-artifacts` off, a step '
      + 'whose `script`, `command`, `args` or `env` values refer to artifacts (`$(steps.<s>.outputs.<a>)`, `$(step.artifacts.path)`, …: the first such '
      + 'field, read in the step as Tekton merges the `stepTemplate` under it (the template\'s env entries of names the step does not set, its command and args '
      + 'where the step has none, named where the template writes them), and none of the step\'s other gated fields, which the webhook then does not check), or the first pipeline task whose params refer to '
      + '`$(tasks.<t>.inputs|outputs.<a>)`; whatever the flags, once a step passes that check, a step\'s reference to a step\'s artifacts in a field Tekton does not substitute it in (its `name`, `image`, `imagePullPolicy`, `workingDir`, `envFrom`, `volumeMounts`, `volumeDevices`, in the step as merged with its `stepTemplate`: one finding per step, naming the others), and to a step\'s results there or in its `script` (`$(steps.<s>.results.<r>)` only in env, command and args); `enable-concise-resolver-syntax` off, a `taskRef`, `pipelineRef` or step `ref` whose `name` looks like a URL '
      + '(`[\\w-]+:/` anywhere in it); `disable-inline-spec` listing `pipeline`, a pipeline task\'s `taskSpec` or `pipelineSpec`, `pipelinerun` a '
      + 'PipelineRun\'s `pipelineSpec`, `taskrun` a TaskRun\'s `taskSpec`; and with `enable-api-fields: alpha`, a pipeline task with none of `taskRef`, '
      + '`taskSpec`, `pipelineRef` and `pipelineSpec` is refused naming the four. Whatever `enable-param-enum` is (`validateParamEnums` checks these beside '
      + 'the flag): an `enum` of a param whose type is not `string` (as the defaulting webhook sets it: as written, else `object` where it has `properties`, '
      + 'else its default\'s), a value given twice in an enum, and a default (a string, or a bool or an integer as Go reads it) that is not one of its enum\'s values. '
      + 'With `enable-cel-in-whenexpression` on, a `when`\'s `cel` beside its `input`, `operator` or `values` (quoted as Go prints the expression), and one that '
      + 'cel-go does not compile in the environment Tekton compiles it in (`cel.NewEnv()`: its standard library, no variable, no optional syntax), as far as it '
      + 'is decided here: one that does not parse (a `$(params.env)` outside quotes), refers to a name that is no type (`params.env`: Tekton declares no variable; also as the range of a macro, `x.all(y, y > 0)`, whose own name is bound, '
      + 'the target of a method, `foo.size()`, and in the root scope, `.x`), '
      + 'calls a function the standard library does not have (`lowerAscii`; an extension\'s, `base64.encode(…)`, whose namespace is then an undeclared name; a macro\'s name '
      + 'called otherwise than the macro is written, `[1].all(1)`, `x.has(y)`, `all([1], true)`, which cel-go\'s parser does not expand), or applies an operator no overload takes (`\'$(params.n)\' == 1`); the finding quotes '
      + 'the expression\'s path, and the second path Tekton gives it, cel-go\'s error, where that is known here: one that fails to parse only for a `$` outside '
      + 'quotes (`ERROR: <input>:1:1: Syntax error: token recognition error at: \'$\'`, a line a `$`), and one that parses and fails to type-check only '
      + 'for names and functions the environment does not declare (`ERROR: <input>:1:1: undeclared reference to \'params\' (in container \'\')`, a line a reference, '
      + 'a function\'s at its call\'s `(`, in the order of the text as cel-go sorts them; the finding names the first), each '
      + 'with its line and a caret as cel-go writes them and as knative joins a path\'s parts (dots run together), and the two paths sorted as knative '
      + 'sorts them (a text of other characters than printable ASCII, tabs and line breaks: the expression\'s path alone). The fix of one that compiles once '
      + 'each Tekton variable is quoted as a CEL string gives that expression, or, where it would paste a value a caller chooses (a param, a result) into the '
      + 'code (SCRIPT_INJECTION\'s finding), the comparison as `input`, `operator` and `values` (`\'prod\' != $(params.env)`: `operator: notin`). StepActions (`tekton.dev/v1beta1` and `v1alpha1`, the versions v1.15 serves, '
      + '`StepActionSpec.Validate`): no `image`; a `script` beside a `command`; a `$(params.…)` in the `script`; a `$(params.<name>)` naming no param of it in its '
      + '`image`, `script`, `command`, `args`, `env` values and volume mounts\' `name`s (as in a Task\'s steps); a param declared twice; a volume mount whose `name` '
      + 'is not one `$(params.<name>)` (the first: Tekton stops there); a `$(step.results.<name>.path)` or `$(results.<name>.path)` in the `script` naming no '
      + 'result of it; with `enable-api-fields` below `alpha`, a `script` starting `#!win`; and its params and results as the defaulting webhook writes them '
      + '(a param\'s type as written, else `object` with `properties`, else its default\'s; `properties: {}` dropped): a param\'s type other than `string`, `array` and '
      + '`object`, a default of another type (a number or a bool is a string to Go, and so is a list or a map holding another value than a string: its JSON text), '
      + 'an object param without `properties` or with a key of another type '
      + 'than `string` (`ValidateParameterTypes`, `ValidateObjectParamsHaveProperties`; the same checks of the params of a Task, of a Pipeline and of an embedded '
      + 'task spec, a Pipeline\'s object param without `properties` where a pipeline task embeds a `taskSpec` (a custom task\'s too: the webhook checks the '
      + 'params it propagates there); the webhook names an object param without `properties` of a TaskRun\'s `taskSpec` and of a PipelineRun\'s embedded '
      + 'pipeline `spec.<name>.properties`, of a Pipeline `spec.tasks[<index>].<name>.properties` at each pipeline task that embeds the spec), names Tekton cannot refer to (`ValidateNameFormat`: a string or array '
      + 'param\'s, an object param\'s and its keys\', one finding each, the names sorted as Go prints them), an array param in its `image`, `script`, env values or '
      + 'volume mounts\' names (`$(params.flags)` too), or with other text in a `command` or `args` entry (`--x=$(params.flags[*])`: '
      + '`validateStepActionArrayUsage`), an object param whole anywhere (`$(params.git)`, `$(params.git[*])`) and a key its `properties` do not declare '
      + '(`$(params.git.nope)`: `ValidateObjectUsage`), a result whose name is not one Tekton admits, whose type is not `string`, `array` or `object`, or an object '
      + 'result without `properties` or with a key of another type (`ValidateStepResults`). In a step of a Task (`Step.Validate`), beside a `ref`: an `image`, '
      + '`command`, `args`, `script`, `workingDir`, `env`, `volumeMounts` or `results` (each a finding; an empty list is none, as the defaulting webhook drops it), '
      + 'which the StepAction gives; and `params` in a step without a `ref`. The flags are those of a Tekton operator\'s object checked with them (it '
      + 'overwrites the ConfigMap), else of Tekton\'s `feature-flags` ConfigMap (namespace `tekton-pipelines`) checked with them (of several, the one '
      + 'that leaves the most of these gates shut; one Tekton cannot read leaves its defaults; one without a namespace is read beside the defaults, '
      + 'the stricter kept, as kubectl apply puts it in the context\'s namespace), else Tekton v1.15\'s defaults (`enable-api-fields: beta`, the '
      + 'others off). Tekton merges the errors of one message: one without fields (`ValidateEnabledAPIFields`\') is one finding at the first field, '
      + 'naming the others; one with fields, a finding per field written. '
      + 'The webhook lists every field of one message '
      + 'after it (`referencing a nonexistent task: spec.results[0].value, spec.results[2].value`); each finding quotes it with its own field.',
    limits:
      'Only the checks listed are made: the webhook\'s other refusals of a pipeline (a `$(params.<name>)` the Pipeline does not '
      + 'declare in `matrix`, `when` or an embedded `taskSpec`, or in a param value that holds characters other than printable ASCII, '
      + 'tabs and line breaks, whose quoting by Go differs from JSON\'s; a reference Tekton finds too deep, `$(params.a.b.c)`; the params of a PipelineRun\'s '
      + 'embedded pipeline against those it propagates; a `$(context.…)` variable it does not know, matrix rules, a `taskSpec` '
      + 'with `steps` beside a `kind` or an `apiVersion` (`validateEmbeddedOrType`; the custom task\'s own refusal is reported), '
      + 'array and object values of pipeline `results`, a `cel` cel-go\'s checker refuses for what is not typed here (a message, a name in backticks: no finding), '
      + 'cel-go\'s own error for a `cel` that fails to parse for other reasons than a `$`, or to type-check for an operator no overload takes or a function the '
      + 'standard library does not have (the finding then quotes the expression\'s path alone), '
      + 'a param\'s default whose type differs from the param\'s), its other refusals '
      + 'of Tasks (a `$(workspaces.….path)` naming no workspace of the Task, a `$(params.…)` in a sidecar or a volume mount, an object param\'s '
      + 'keys, a `$(params.…)` in a TaskRun\'s or pipeline task\'s embedded Task, which the run\'s params may propagate to)'
      + ', of StepActions (the names Tekton requires of metadata; the keys of an object param whose name holds characters a regular expression reads '
      + 'otherwise; of several keys of another type than string in one param\'s or result\'s `properties`, Tekton names them in its map\'s order, which varies: '
      + 'the finding names them sorted), and of runs (a run with neither a reference nor a spec, which a kustomize patch may be; a '
      + '`spec.timeouts.tasks` longer than `spec.timeouts.pipeline`, which RUN_TIMEOUT reports) are not judged here; misspelled fields are TEKTON_FIELD_NAMES\'. '
      + 'Where a field refers to results of several tasks the pipeline does not have (a finally task\'s), Tekton gives an error for each, and so '
      + 'does this rule. A PipelineLoop\'s pipelines and a pipeline a resolver fetches are not known. A `tekton.dev/v1beta1` object is read as the webhook '
      + 'receives it, before its conversion to v1 (a pipeline task\'s `pipelineSpec` is kept), and as Tekton\'s v1beta1 code validates it, whose errors differ in places (two steps of one name: `invalid value: <name>`; an undeclared variable '
      + 'in a script: ``non-existent variable `<name>` in ...``) and which reads a pipeline task\'s dependencies in its params and `when` only, '
      + 'not in its embedded Task\'s steps; an object of these kinds of another API group is not read. A `when` with `cel` is read for its '
      + 'references whether its flag is on or not. The other flags (`coschedule`, `keep-pod-on-cancel`, `results-from`, `max-result-size`, '
      + '`enable-step-actions`, which v1.15 no longer reads, …) change nothing the webhook validates in these objects. The enum rules Tekton applies when it runs a pipeline '
      + '(a run\'s value not in an enum, a pipeline param\'s enum that is not within the enum of the task param it is passed to: `ValidateParamEnumSubset`) fail '
      + 'the run, not the webhook. StepActions\' params\' enums are not validated by the webhook. VALID_REFERENCE\'s "the webhook refuses it first" counts every '
      + 'refusal reported here, of a field behind a flag too, with the flags read as here.',
    howToRelax:
      'Cannot be relaxed: no prop, `Relaxations.of(...)` or annotation waives it. Fix the pipeline as the finding says.',
    relaxable: false,
    appliesTo: webhookChecked,
  },
  (stored, context) => {
    const kind: string = stored.kind;
    const refusals = webhookRefusals(stored, context?.manifests);
    return refusals.map((r): Problem => ({
      ...(r.location === undefined ? {} : { location: r.location }),
      ...(r.target === undefined ? {} : { target: r.target }),
      property: r.property,
      ...(r.value === undefined ? {} : { value: r.value }),
      problem: `${r.what}: Tekton's webhook refuses the ${kind}, so it is never created `
        + `(kubectl apply fails with admission webhook "validation.webhook.pipeline.tekton.dev" denied the request: validation failed: ${r.tekton})`,
      fix: r.fix,
    }));
  },
);
