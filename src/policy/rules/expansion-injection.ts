import { asArray } from '../../private/containers';
import { locallyReferenced, manifestsOfKind } from '../../private/manifest-index';
import { eventFilled, runFixedReferences } from '../../private/param-enums';
import { configDefaultsEnv, configDefaultsObjectName, podTemplatesOf, PodTemplateEnvVar, runPodTemplateEnv } from '../../private/pods';
import { eventParam } from '../../private/rbac';
import { singleElements } from '../../private/single-elements';
import { callerAfter, STEP_RESULT_PATTERN, untrustedSubstitutions } from '../../private/substitutions';
import { jsString } from '../../private/text';
import { Severity } from '../rule';
import { containerRule, containerRelaxation } from '../rule-builders';
import { RuleId } from '../rule-id';

/** Whether `x` is a set object (a Secret reference). */
const isObject = (x: unknown): boolean => x !== null && typeof x === 'object';

const FIX = 'Give the step its Secrets as files (a workspace bound to the Secret, or a Vault CSI volume) rather than env; or pass the '
  + 'value through an env var listed before every Secret env var (and use no envFrom of a Secret) and read it in the script.';

/** Where a step or sidecar of a Pipeline's embedded task spec is: its pipeline task. */
const PIPELINE_TASK = /^spec\.(tasks|finally)\[(\d+)\]\.taskSpec\.(?:steps|sidecars)\[/;

/**
 * The pod templates of the runs checked with a Task (or a Pipeline, for a container of its own task specs) that run it by
 * name: a TaskRun's whose `taskRef` names the Task, and a PipelineRun's (run-wide, and the `taskRunSpecs` entry of the
 * pipeline task) whose own `pipelineSpec`, or the Pipeline its `pipelineRef` names, has a pipeline task that runs it.
 */
function runnersOf(view: { readonly path: string }, manifest: any, manifests: readonly any[]): PodEnvAt[] {
  // the same for every container of a Task, and of one pipeline task of a Pipeline: read once per object set
  const at = manifest?.kind === 'Pipeline' ? PIPELINE_TASK.exec(view.path) : null;
  const key = manifest?.kind === 'Task' && view.path.startsWith('spec.') ? 'task' : at !== null ? `${at[1]}[${at[2]}]` : undefined;
  if (key === undefined) return [];
  let byManifest = RUNNERS.get(manifests);
  if (byManifest === undefined) RUNNERS.set(manifests, byManifest = new WeakMap());
  let byKey = byManifest.get(manifest);
  if (byKey === undefined) byManifest.set(manifest, byKey = new Map());
  let found = byKey.get(key);
  if (found === undefined) byKey.set(key, found = readRunners(manifest, at, manifests));
  return found;
}
const RUNNERS = new WeakMap<readonly any[], WeakMap<object, Map<string, PodEnvAt[]>>>();

/** runnersOf's reading, for a Task (`at` null: from the runners of every Task, read once per object set) or the pipeline task `at` of a Pipeline. */
function readRunners(manifest: any, at: RegExpExecArray | null, manifests: readonly any[]): PodEnvAt[] {
  if (at === null) return taskRunners(manifests).get(manifest) ?? [];
  const out: PodEnvAt[] = [];
  const name = asArray(manifest.spec?.[at[1]])[Number(at[2])]?.name;
  for (const run of manifestsOfKind(manifests, 'PipelineRun')) {
    if (locallyReferenced(manifests, run?.spec?.pipelineRef, 'Pipeline', run).includes(manifest)) out.push(...fromPipelineRun(run, name, manifests));
  }
  return out;
}

const runName = (run: any) => `${run.kind} '${jsString(run.metadata?.name ?? run.metadata?.generateName ?? '')}'`;

/** The env a PipelineRun's pod templates give the pipeline task `name` (runPodTemplateEnv), each with the field that sets it. */
const fromPipelineRun = (run: any, name: unknown, manifests: readonly any[]): PodEnvAt[] => runPodTemplateEnv(run, jsString(name), manifests)
  .map((e) => ({ e, at: envAt(e, `${runName(run)} ${e.from.perTask ? `spec.taskRunSpecs['${jsString(name)}'].${e.from.path}` : `spec.${e.from.path}`}`) }));

/** For a message, the field that sets a pod template's env entry: config-defaults' (`config-defaults data['default-pod-template']`), else `inRun`. */
const envAt = (e: PodTemplateEnvVar, inRun: string): string => (e.configDefaults === undefined ? inRun : `${configDefaultsObjectName(e.configDefaults)} ${e.from.path}`);

/** An env entry of a pod template with the field that sets it, for a message: `PipelineRun 'p' spec.taskRunTemplate.podTemplate`. */
interface PodEnvAt { readonly e: PodTemplateEnvVar; readonly at: string }

/** Each Task among `manifests` that runs checked with it run by name, with their pod templates: once per object set. */
function taskRunners(manifests: readonly any[]): Map<object, PodEnvAt[]> {
  let found = TASK_RUNNERS.get(manifests);
  if (found !== undefined) return found;
  const out = new Map<object, PodEnvAt[]>();
  found = out;
  const add = (task: any, templates: PodEnvAt[]) => {
    if (templates.length === 0) return;
    const list = out.get(task) ?? [];
    list.push(...templates);
    out.set(task, list);
  };
  for (const run of manifestsOfKind(manifests, 'TaskRun')) {
    const env = runPodTemplateEnv(run, undefined, manifests).map((e) => ({ e, at: envAt(e, `${runName(run)} spec.${e.from.path}`) }));
    for (const task of new Set(locallyReferenced(manifests, run?.spec?.taskRef, 'Task', run))) add(task, env);
  }
  for (const run of manifestsOfKind(manifests, 'PipelineRun')) {
    if (podTemplatesOf(run).length === 0) continue;
    const specs = [run?.spec?.pipelineSpec, ...locallyReferenced(manifests, run?.spec?.pipelineRef, 'Pipeline', run).map((p) => p?.spec)];
    for (const t of specs.flatMap((spec) => [...asArray(spec?.tasks), ...asArray(spec?.finally)])) {
      for (const task of new Set(locallyReferenced(manifests, t?.taskRef, 'Task', run))) add(task, fromPipelineRun(run, t?.name, manifests));
    }
  }
  TASK_RUNNERS.set(manifests, found);
  return found;
}
const TASK_RUNNERS = new WeakMap<readonly any[], Map<object, PodEnvAt[]>>();

/** config-defaults' pod template env among `manifests` (configDefaultsEnv), less the names its default-forbidden-env lists. */
function defaultPodTemplateEnv(manifests: readonly any[] | undefined): readonly PodEnvAt[] {
  if (manifests === undefined) return [];
  const defaults = configDefaultsEnv(manifests);
  return defaults.env.filter((e) => !defaults.forbidden.has(e.name)).map((e) => ({ e, at: envAt(e, '') }));
}

/** Where a step or sidecar of a run's own spec is: the top-level pipeline task it is in (a PipelineRun's), or the TaskRun's own task. */
const RUN_TASK = /^spec\.pipelineSpec\.(tasks|finally)\[(\d+)\]\.taskSpec\.(?:steps|sidecars)\[/;

/**
 * The env vars set from a Secret by the pod templates Tekton gives the pod of a step (`env` of pod.Template, which it adds to
 * every step, after the step's own env, and to no sidecar), each named with the field that sets it: for a step of a run's own
 * spec, the env of the run's templates (its `taskRunSpecs` one for the step's pipeline task) over config-defaults'
 * `default-pod-template` (runPodTemplateEnv); for any other, config-defaults' template, which every run's pods get, and the
 * templates of the runs checked with it that run its Task or Pipeline by name (runPodTemplateEnv too).
 */
function podTemplateSecretVars(view: { readonly path: string; readonly role: string }, manifest: any, manifests?: readonly any[]): string[] {
  if (view.role !== 'step') return [];
  const env: PodEnvAt[] = [];
  const task = manifest?.kind === 'PipelineRun' ? RUN_TASK.exec(view.path) : null;
  if (manifest?.kind === 'TaskRun' && view.path.startsWith('spec.taskSpec.')) {
    env.push(...runPodTemplateEnv(manifest, undefined, manifests).map((e) => ({ e, at: envAt(e, `spec.${e.from.path}`) })));
  } else if (task !== null) {
    const name = jsString(asArray(manifest.spec?.pipelineSpec?.[task[1]])[Number(task[2])]?.name);
    env.push(...runPodTemplateEnv(manifest, name, manifests)
      .map((e) => ({ e, at: envAt(e, e.from.perTask ? `spec.taskRunSpecs['${name}'].${e.from.path}` : `spec.${e.from.path}`) })));
  } else {
    env.push(...defaultPodTemplateEnv(manifests));
  }
  // the runs checked with a Task or a Pipeline that run it by name: their pod templates reach its steps too
  if (manifests !== undefined) env.push(...runnersOf(view, manifest, manifests));
  return [...new Set(env.filter(({ e }) => isObject(e.entry?.valueFrom?.secretKeyRef)).map(({ e, at }) => `${jsString(e.name)} (${at}.env)`))];
}

/**
 * No value a caller can choose reaches the kubelet's `$(NAME)` expansion in a container whose
 * env holds Secret values.
 *
 * Tekton pastes a param's value into `command`, `args` and env values as it is; the kubelet
 * then expands `$(NAME)` in them from the container's env. A caller who passes
 * `$(GITHUB_TOKEN)` as a message or a branch name gets the token in its place, and a program
 * that prints, posts or sends the value gives it away.
 */
export const EXPANSION_INJECTION = containerRule(
  {
    id: RuleId.EXPANSION_INJECTION,
    severity: Severity.HIGH,
    title: "Values callers can choose never reach the kubelet's $(NAME) expansion in a container whose env holds Secret values",
    rationale:
      'Tekton pastes a param\'s value as it is, and the kubelet then expands $(NAME) in command, args and env values from the '
      + "container's env: a caller who passes $(GITHUB_TOKEN) as a message or a branch name gets the token in its place, "
      + 'where any program that prints, posts or sends the value gives it away.',
    fix: FIX,
    decidesFrom:
      'The `command`, `args`, `env` and `envFrom` of every step and sidecar of Tasks, TaskRuns, Pipelines and PipelineRuns '
      + '(`tekton.dev` v1 or v1beta1, or no apiVersion; embedded `taskSpec`s and `pipelineSpec`s followed to any depth), and of '
      + 'every StepAction, a step as Tekton merges the stepTemplate under it: a step\'s `envFrom` replaces the template\'s, and '
      + 'its env comes first in its own order, the template\'s other entries after it, each before the first step entry that '
      + 'replaces a template entry written after it (`MergeStepsWithStepTemplate`, a strategic merge patch). The stepTemplate is '
      + 'judged in the steps it is merged into. A container holds Secret values in '
      + 'env when an env var is set from `valueFrom.secretKeyRef` or an `envFrom` entry names a `secretRef`, and when a pod '
      + 'template Tekton gives its pod sets one from `valueFrom.secretKeyRef` in its `env`, which Tekton v1.15 adds to every step of '
      + "the pod after the step's own env, and to no sidecar (pod.go): for a step of a TaskRun's own `taskSpec`, the run's `podTemplate`; of a PipelineRun's own "
      + '`pipelineSpec` (its tasks and finally tasks), the run-wide `taskRunTemplate.podTemplate` (v1beta1 `podTemplate`) and the '
      + '`taskRunSpecs` entry of its pipeline task (`podTemplate`, v1beta1 `taskPodTemplate`), merged by name, the task\'s entry winning, over the '
      + '`default-pod-template` of a config-defaults checked with it, merged under it by name the same way; of a Task, those of the TaskRuns checked with it whose `taskRef` names it and of '
      + 'the PipelineRuns whose own `pipelineSpec`, or the Pipeline their `pipelineRef` names, has a pipeline task that runs it '
      + "(read the same way), and config-defaults' `default-pod-template` (which any other run gets); of a Pipeline's own task specs, those of the PipelineRuns that name it, and "
      + "config-defaults' template. A name config-defaults' `default-forbidden-env` lists (split at commas, trimmed) is dropped from "
      + 'that env, as Tekton drops it (of several readings of config-defaults beside a Tekton operator, only a name every reading lists). In such a '
      + 'container, a substitution whose value can come from outside the task (as SCRIPT_INJECTION reads them) is a finding '
      + 'in any element of `command` or `args` (the kubelet expands them from the whole env, a script\'s args too), and in an '
      + 'env value that comes after a Secret env var or in a container with an `envFrom` Secret (the kubelet expands an env '
      + 'value from the env vars defined before it, and defines those of `envFrom` first). The kubelet does not expand '
      + 'what it pastes, so `$(NAME)` of an env var holding a caller\'s value is no finding here; scripts are written to '
      + 'files, never expanded; and a step result (`$(steps.<step>.results.<r>)`) is replaced by the entrypoint in the running '
      + 'step, after the kubelet.',
    limits:
      'Secret values that reach env some other way (a ConfigMap, the Downward API, a file a step reads) are not known. '
      + 'A Secret env var that a later entry of the same name replaces still counts. A SecureTask\'s param constraint is not '
      + 'taken as proof that a value holds no `$(`. A param that names the Secret (`secretKeyRef.name: $(params.x)`), the values '
      + 'Tekton writes into a step\'s own arguments (`when` expressions, `stdoutConfig.path`, where MOUNT_PATH_FIXED reports a caller\'s value) and Pods, Deployments and other '
      + "workloads are not read. A run's pod template reaches a Task or Pipeline it runs by name only when they are checked "
      + "together (not one a resolver fetches), and a PipelineRun's is not followed into a pipeline task's embedded `pipelineSpec`.",
    howToRelax: containerRelaxation(RuleId.EXPANSION_INJECTION, {
      props: 'Relax it only for a param whose values cannot hold `$(` (an enum, or a pattern the step checks).',
    }),
    relaxable: true,
  },
  (view, context, manifest) => {
    const c = view.effective;
    const env = asArray(c?.env);
    const fromSecret = asArray(c?.envFrom).filter((f) => isObject(f?.secretRef));
    const secretVars = env.filter((e) => typeof e?.name === 'string' && isObject(e?.valueFrom?.secretKeyRef));
    // the pod templates' Secret env vars, which Tekton adds to the container
    const fromPod = podTemplateSecretVars(view, manifest, context?.manifests);
    if (fromSecret.length === 0 && secretVars.length === 0 && fromPod.length === 0) return [];
    const holders = [
      ...secretVars.map((e) => jsString(e.name)),
      ...fromSecret.map((f) => `envFrom Secret '${jsString(f.secretRef.name ?? '')}'`),
      ...fromPod,
    ];
    const example = secretVars.length > 0 ? jsString(secretVars[0].name) : fromPod.length > 0 ? fromPod[0].slice(0, fromPod[0].indexOf(' (')) : 'NAME';
    // what the kubelet sees: Tekton substitutes everything but step results, which the entrypoint replaces when the step starts
    // params the run in the same manifest fixes to a constant: no caller chooses them
    const fixed = runFixedReferences(view);
    // a TriggerTemplate's $(tt.params.x), written here or given by the run to the param written here ($(params.pr.body) of a TaskRun whose
    // param pr has body: $(tt.params.body)): Tekton Triggers writes each $( of the event's value as $$( (escapeTektonVariables), which the
    // kubelet reads as a literal $(; a sender's $$( becomes $$$(, a $ and the expansion (a Go replica of both gives "$<token>")
    const fromEvent = (text: string): string | undefined => {
      if (eventParam(text) !== undefined) return '';
      const given = eventFilled(view, text.slice(2, -1));
      return given === undefined ? undefined : ` of ${eventParam(given)} (the run gives ${text.slice(2, -1)} ${JSON.stringify(given)})`;
    };
    const problem = (where: string, found: { text: string }) => {
      const event = fromEvent(found.text);
      return `reaches the kubelet's $(NAME) expansion${where} in a container whose env holds Secret values (${holders.join(', ')}): ${event !== undefined
        ? `a sender who puts $$(${example}) in the event's value${event} gets the Secret's value here (Tekton Triggers writes each $( of the value as $$(, `
          + 'which the kubelet reads as a literal $(, so a $$( sent arrives as $$$(: a $, then the expansion)'
        : `a caller who passes $(${example}) gets the Secret's value here`}`;
    };
    const reaching = (text: string, element = false) => untrustedSubstitutions(text, view.chosenWorkspacePaths, undefined, fixed, element)
      .find((f) => !STEP_RESULT.test(f.text));
    // a pod template's env reaches every step of the run, after the step's own env
    const podText = `Take ${fromPod.join(', ')} out of the pod template's env, which Tekton adds to every step of the pod, and give `
      + 'the Secret to the steps that need it as files (a workspace bound to the Secret, or a Vault CSI volume).';
    const podFix = fromPod.length === 0 ? {} : { fix: secretVars.length + fromSecret.length === 0 ? podText : `${FIX} ${podText}` };
    const problems: Array<{ property: string; value: string; problem: string; fix?: string }> = [];
    const command = asArray(c?.command).map(jsString);
    const args = asArray(c?.args).map(jsString);
    const moves = callerAfter([...command, ...args], view.chosenWorkspacePaths, undefined, fixed, singleElements(view.pipelineTask));
    [...command, ...args].forEach((text, i) => {
      const found = reaching(text, moves[i]);
      // the item is named (`args[7]`): the same text in two items is two findings, each at its own item
      const property = i < command.length ? `command[${i}]` : `args[${i - command.length}]`;
      if (found !== undefined) problems.push({ property, value: found.text, problem: problem('', found), ...podFix });
    });
    // env values, in the order Tekton gives the pod (mergeEnv): each expanded from the env vars defined before it, envFrom's first
    const own = new Set(asArray(view.container?.env).map((e) => e?.name));
    // the pod templates' env comes after the step's own (pod.go appends it), so no value of the step's own env is expanded from it
    let secretBefore = fromSecret.length > 0;
    for (const e of env) {
      if (isObject(e?.valueFrom?.secretKeyRef)) secretBefore = true;
      if (!secretBefore || typeof e?.name !== 'string' || typeof e.value !== 'string' || e.value === '') continue;
      const found = reaching(e.value);
      const from = view.role === 'step' && !own.has(e.name) ? ' (set by the stepTemplate)' : '';
      if (found !== undefined) problems.push({ property: `env.${jsString(e.name)}`, value: found.text, problem: problem(` in the value of ${jsString(e.name)}${from}`, found), ...podFix });
    }
    return problems;
  },
  { stepActionsInTask: true },
);

/** A step result (see STEP_RESULT_PATTERN): the entrypoint replaces it in the running step, after the kubelet. */
const STEP_RESULT = new RegExp(STEP_RESULT_PATTERN);
