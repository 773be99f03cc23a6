import { asArray, isObject } from '../../private/containers';
import { locallyReferenced } from '../../private/manifest-index';
import { pacRemoteItems } from '../../private/pac-annotations';
import { defaultWorkspaceBinding } from '../../private/pods';
import { makesTaskRun, RunPipeline, runPipelines } from '../../private/run-pipelines';
import { writtenForm } from '../../private/stored-form';
import { jsString } from '../../private/text';
import { propagatedWorkspaces, receivedWorkspaces } from '../../private/workspaces';
import { IRuleContext, Severity } from '../rule';
import { kindIs, manifestRule, Problem } from '../rule-builders';
import { RuleId } from '../rule-id';

/** The fields of a Tekton TaskRef or PipelineRef (v1; v1beta1's bundle too). */
const REF_FIELDS = new Set(['name', 'kind', 'apiVersion', 'resolver', 'params', 'bundle']);

/**
 * Whether a reference as written has a key Tekton's does not (konflux's `version`, which its build turns
 * into a bundle reference): a template, whose object the webhook refuses as it is (TEKTON_FIELD_NAMES), and
 * which may name another object than the one of its name among the files.
 */
const templatedRef = (ref: any) => isObject(ref) && Object.keys(ref).some((k) => !REF_FIELDS.has(k));

/** The pipeline task of that name as written (before the keys Tekton's schema does not have were dropped). */
function writtenTask(writtenSpec: any, name: string): any {
  return [...asArray(writtenSpec?.tasks), ...asArray(writtenSpec?.finally)].find((t) => isObject(t) && t.name === name);
}

/** A declaration Tekton requires a binding for: a named workspace not marked `optional: true`. */
const required = (w: any): w is { name: string } => isObject(w) && typeof w.name === 'string' && w.optional !== true;

/** The names of the workspaces a spec declares, the required ones when `onlyRequired`. */
function declared(spec: any, onlyRequired = false): string[] {
  return asArray(spec?.workspaces).filter((w) => (onlyRequired ? required(w) : isObject(w) && typeof w.name === 'string')).map((w) => w.name);
}

/** The names a run binds (`spec.workspaces[].name`). */
function bound(spec: any): Set<string> {
  return new Set(asArray(spec?.workspaces).filter((w) => isObject(w) && typeof w.name === 'string').map((w) => w.name));
}

/** `Pipeline 'build'`, or `the run's pipelineSpec` for a pipeline a run embeds. */
function pipelineName(p: RunPipeline): string {
  return p.from?.kind === 'Pipeline' ? `Pipeline '${jsString(p.from.metadata?.name)}'` : "the run's pipelineSpec";
}

/** Whether config-defaults (or an operator object that writes it) among the manifests binds every workspace a TaskRun leaves unbound. */
function defaultBinding(context: IRuleContext | undefined): boolean {
  const manifests = context?.manifests ?? [];
  return manifests.some((m) => defaultWorkspaceBinding(m, manifests) !== undefined);
}

/** `a, b` or `none`. */
const list = (names: readonly string[]) => (names.length === 0 ? 'none' : names.map((n) => `"${jsString(n)}"`).join(', '));

const FRESH_VOLUMES = ['volumeClaimTemplate', 'emptyDir'] as const;

/** A PipelineRun's bindings against the pipeline it runs (when it is known). */
function pipelineRunProblems(run: any, context: IRuleContext | undefined): Problem[] {
  // (a pipeline Pipelines-as-Code fetches for the run is not known)
  const fetched = !isObject(run.spec?.pipelineSpec)
    && (templatedRef(writtenForm(run).spec?.pipelineRef) || pacRemoteItems(run).some((r) => r.fetches === 'Pipeline'));
  const pipelines = fetched ? [] : runPipelines(run, context?.manifests);
  if (pipelines.length === 0) return [];
  const names = bound(run.spec);
  const problems: Problem[] = [];
  const first = pipelines[0];
  // (every pipeline the reference may name: an ambiguous reference is judged only where all agree)
  for (const w of declared(first.spec, true)) {
    if (names.has(w) || !pipelines.every((p) => declared(p.spec, true).includes(w))) continue;
    problems.push({
      property: 'spec.workspaces',
      value: w,
      problem: `is not bound, and ${pipelineName(first)} declares the workspace without optional: true: Tekton admits the run, then its `
        + `reconciler fails it (reason InvalidWorkspaceBindings: pipeline requires workspace with name "${jsString(w)}" be provided by pipelinerun)`,
      fix: `Bind it in the run's spec.workspaces: - name: ${jsString(w)} with a volume (volumeClaimTemplate: { spec: { accessModes: [ReadWriteOnce], `
        + 'resources: { requests: { storage: 1Gi } } } }, or secret: { secretName: <name> } for credentials), or mark the pipeline\'s workspace '
        + 'optional: true if every Task that receives it declares it optional.',
    });
  }
  // a binding no pipeline declares and no pipeline task receives (an embedded taskSpec gets one of its name: Tekton propagates it)
  const used = (p: RunPipeline) => new Set([...declared(p.spec), ...[...asArray(p.spec.tasks), ...asArray(p.spec.finally)]
    .filter(isObject).flatMap((t) => receivedWorkspaces(t).map((r) => r.pipelineWorkspace))]);
  for (const w of names) {
    if (pipelines.some((p) => used(p).has(w))) continue;
    problems.push({
      location: `workspace '${jsString(w)}'`,
      target: `workspace/${jsString(w)}`,
      property: 'name',
      value: w,
      problem: `is not a workspace of ${pipelineName(first)} (it declares ${list(declared(first.spec))}) and no task of it receives it: `
        + 'Tekton admits and runs the run and ignores the binding, so its volume reaches no task',
      fix: `Give the binding the name of a workspace the pipeline declares (${list(declared(first.spec))}), or remove it.`,
    });
  }
  // a credentials workspace bound to a new, empty volume
  const credentials = new Set(pipelines.flatMap((p) => (p.from?.kind === 'Pipeline' && context !== undefined ? context.credentialWorkspaces(p.from) : [])));
  for (const b of asArray(run.spec?.workspaces)) {
    if (!isObject(b) || typeof b.name !== 'string' || !credentials.has(b.name)) continue;
    const fresh = FRESH_VOLUMES.find((f) => b[f] !== undefined && b[f] !== null);
    if (fresh === undefined) continue;
    problems.push({
      location: `workspace '${jsString(b.name)}'`,
      target: `workspace/${jsString(b.name)}`,
      property: fresh,
      value: JSON.stringify(b[fresh]),
      problem: `is a new, empty volume for a credentials workspace of ${pipelineName(first)} (one the library declares so, or a run checked with it `
        + 'binds to a Secret, CSI or projected volume): Tekton admits and runs the run, and the tasks that receive the '
        + 'workspace find no credentials in it and cannot authenticate',
      fix: `Bind it to the credentials: - name: ${jsString(b.name)} with secret: { secretName: <Secret name> } (or csi: { driver: secrets-store.csi.k8s.io, `
        + 'readOnly: true, volumeAttributes: { secretProviderClass: <name> } }), as the runs that hold them do.',
    });
  }
  return problems;
}

/** A TaskRun's bindings against the Task it runs (when it is known). */
function taskRunProblems(run: any, context: IRuleContext | undefined): Problem[] {
  const spec = run.spec;
  const embedded = isObject(spec?.taskSpec);
  const tasks: Array<{ spec: any; name: string }> = embedded ? [{ spec: spec.taskSpec, name: "the run's taskSpec" }]
    : context === undefined ? []
      : templatedRef(writtenForm(run).spec?.taskRef) ? [] : locallyReferenced(context.manifests, spec?.taskRef, 'Task', run).filter((t) => isObject(t.spec)).map((t) => ({ spec: t.spec, name: `Task '${jsString(t.metadata?.name)}'` }));
  if (tasks.length === 0) return [];
  const names = bound(spec);
  const problems: Problem[] = [];
  if (!defaultBinding(context)) {
    for (const w of declared(tasks[0].spec, true)) {
      if (names.has(w) || !tasks.every((t) => declared(t.spec, true).includes(w))) continue;
      problems.push({
        property: 'spec.workspaces',
        value: w,
        problem: `is not bound, and ${tasks[0].name} declares the workspace without optional: true: Tekton admits the run, then its `
          + `reconciler fails it (reason TaskRunValidationFailed: declared workspace "${jsString(w)}" is required but has not been bound)`,
        fix: `Bind it in the run's spec.workspaces: - name: ${jsString(w)} with a volume (emptyDir: {}, volumeClaimTemplate: ..., or secret: { secretName: <name> } `
          + 'for credentials), or mark the Task\'s workspace optional: true, or bind every such workspace in config-defaults\' '
          + 'default-task-run-workspace-binding; where the cluster\'s config-defaults sets it, audit the run with it '
          + '(kubectl get configmap config-defaults -n tekton-pipelines -o yaml | cdk8s-secure-tekton audit - <files>).',
      });
    }
  }
  // an embedded taskSpec takes any binding (Tekton propagates it); a referenced Task's run fails on one it does not declare
  if (!embedded) {
    for (const w of names) {
      if (tasks.some((t) => declared(t.spec).includes(w))) continue;
      problems.push({
        location: `workspace '${jsString(w)}'`,
        target: `workspace/${jsString(w)}`,
        property: 'name',
        value: w,
        problem: `is not a workspace of ${tasks[0].name} (it declares ${list(declared(tasks[0].spec))}): Tekton admits the run, then its reconciler fails it `
          + `(reason TaskRunValidationFailed: workspace binding "${jsString(w)}" does not match any declared workspace)`,
        fix: `Give the binding the name of a workspace the Task declares (${list(declared(tasks[0].spec))}), or remove it.`,
      });
    }
  }
  return problems;
}

/** The pipeline tasks of a pipeline spec against the Tasks they run (when they are known). */
function pipelineTaskProblems(pipelineSpec: any, writtenSpec: any, from: any, context: IRuleContext | undefined): Problem[] {
  const problems: Problem[] = [];
  const filled = defaultBinding(context);
  // Pipelines-as-Code fetches the Tasks its annotations name and embeds each as the taskSpec of the pipeline tasks that name it
  const pacInlines = pacRemoteItems(from).some((r) => r.fetches === 'Task');
  for (const t of [...asArray(pipelineSpec?.tasks), ...asArray(pipelineSpec?.finally)]) {
    if (!isObject(t) || typeof t.name !== 'string' || !makesTaskRun(t)) continue;
    const embedded = isObject(t.taskSpec);
    const tasks: Array<{ spec: any; name: string }> = embedded ? [{ spec: t.taskSpec, name: 'its taskSpec' }]
      : context === undefined ? []
        : templatedRef(writtenTask(writtenSpec, t.name)?.taskRef) ? [] : locallyReferenced(context.manifests, t.taskRef, 'Task', from).filter((x) => isObject(x.spec)).map((x) => ({ spec: x.spec, name: `Task '${jsString(x.metadata?.name)}'` }));
    if (tasks.length === 0) continue;
    // what the TaskRun binds: the pipeline task's own bindings, and (embedded) the workspaces its steps use, which Tekton propagates
    const names = new Set(asArray(t.workspaces).filter((w) => isObject(w) && typeof w.name === 'string').map((w) => w.name as string));
    const inlined = embedded || pacInlines;
    if (inlined) for (const x of tasks) for (const w of propagatedWorkspaces(x.spec)) names.add(w);
    const where = { location: `pipeline task '${jsString(t.name)}'`, target: `task/${jsString(t.name)}` };
    if (!filled) {
      for (const w of declared(tasks[0].spec, true)) {
        if (names.has(w) || !tasks.every((x) => declared(x.spec, true).includes(w))) continue;
        problems.push({
          ...where,
          property: 'workspaces',
          value: w,
          problem: `is not bound, and ${tasks[0].name} declares the workspace without optional: true: Tekton admits the pipeline, then fails `
            + `every run of it when it runs the task (its TaskRun fails with reason TaskRunValidationFailed: declared workspace "${jsString(w)}" is required but has not been bound)`,
          fix: `Bind it in the pipeline task's workspaces: - name: ${jsString(w)} with workspace: <a workspace of the pipeline>, or mark the Task's workspace optional: true, `
            + "or bind every such workspace in config-defaults' default-task-run-workspace-binding; where the cluster's config-defaults sets it, "
            + 'audit the pipeline with it (kubectl get configmap config-defaults -n tekton-pipelines -o yaml | cdk8s-secure-tekton audit - <files>).',
        });
      }
    }
    if (!inlined) {
      for (const w of names) {
        if (tasks.some((x) => declared(x.spec).includes(w))) continue;
        problems.push({
          ...where,
          property: 'workspaces',
          value: w,
          problem: `is not a workspace of ${tasks[0].name} (it declares ${list(declared(tasks[0].spec))}): Tekton admits the pipeline, then fails every run of it `
            + `when it runs the task (its TaskRun fails with reason TaskRunValidationFailed: workspace binding "${jsString(w)}" does not match any declared workspace)`,
          fix: `Give the binding the name of a workspace the Task declares (${list(declared(tasks[0].spec))}), or remove it.`,
        });
      }
    }
  }
  return problems;
}

/**
 * Params, workspaces and results referenced are declared and bound: on YAML, the workspaces of runs,
 * pipeline tasks and the Tasks they run.
 */
export const VALID_REFERENCE = manifestRule(
  {
    id: RuleId.VALID_REFERENCE,
    severity: Severity.LOW,
    title: 'Params, workspaces and results referenced are declared and bound (structural, cannot be relaxed)',
    rationale:
      'Tekton fails a run that leaves a workspace its Pipeline or Task requires unbound, or that binds a Task a workspace it does not '
      + 'declare, when its reconciler reaches it: after the webhook admitted it, so nothing runs and the error is found only in the '
      + 'run\'s status. A credentials workspace bound to a new volume holds no credentials, and a binding no task receives reaches '
      + 'nothing. Not a security control: a configuration refused here does not do what it says.',
    fix: 'Bind every workspace the Pipeline or Task requires, under a name it declares, and credentials workspaces to the Secret or CSI volume that holds them.',
    decidesFrom:
      'A PipelineRun\'s `spec.workspaces` against the pipeline it runs: its `pipelineSpec`, or the Pipeline its local `pipelineRef` '
      + 'names among the manifests checked together (of the run\'s namespace). A workspace the pipeline declares without '
      + '`optional: true` and the run does not bind is a finding (Tekton v1.15 pkg/reconciler/pipelinerun/resources '
      + '`ValidateWorkspaceBindings`: the PipelineRun fails, reason InvalidWorkspaceBindings); so is a binding the pipeline does '
      + 'not declare and no pipeline task receives (a pipeline task with an embedded `taskSpec` receives one its steps use: Tekton '
      + 'propagates it), which Tekton ignores; and a `volumeClaimTemplate` or `emptyDir` binding of a credentials workspace: one '
      + 'the library declares with the credentials trust domain, or that a run checked with the Pipeline binds to a `secret`, '
      + '`csi` or `projected` volume. A TaskRun\'s `spec.workspaces` against its `taskSpec` or the Task its local `taskRef` names: '
      + 'a workspace the Task declares without `optional: true` left unbound, and (a referenced Task) a binding it does not declare '
      + '(pkg/workspace `ValidateBindings`, called by the TaskRun reconciler: the TaskRun fails, reason TaskRunValidationFailed). '
      + 'A Pipeline\'s (or a PipelineRun\'s embedded pipeline\'s) pipeline tasks the same way against the Task each runs (its '
      + 'embedded `taskSpec`, whose steps\' workspaces Tekton propagates, or the Task its local `taskRef` names): Tekton creates '
      + 'the TaskRun with the pipeline task\'s bindings, and it fails. The webhook refuses none of these (its validation of a run '
      + 'reads no Pipeline or Task); a required workspace left unbound is not a finding when config-defaults\' '
      + '`default-task-run-workspace-binding` is set among the manifests (the TaskRun reconciler binds it), except a pipeline\'s '
      + 'workspace, which that default does not bind (Tekton v1.15 taskrun.go `updateTaskRunWithDefaultWorkspaces`, before '
      + '`ValidateBindings`).',
    limits:
      'Only workspaces are read on YAML; params and results are checked at synth only. A Pipeline or Task fetched by a resolver '
      + 'or a bundle, or not among the files checked, is not known, so its runs and pipeline tasks are not judged; a reference '
      + 'that may name several objects (no namespace) is judged only where all of them agree, and one with a key Tekton\'s '
      + 'references do not have (konflux\'s `version`, which its build turns into a bundle reference; the webhook refuses it as '
      + 'written, TEKTON_FIELD_NAMES) is not followed. The Pipeline YAML does not record '
      + 'which workspaces carry credentials: a credentials workspace bound to a new volume is seen only when another run checked '
      + 'with the Pipeline binds it to a credentials source (the library\'s run does), never from a name. A Task that '
      + 'Pipelines-as-Code fetches for a run or Pipeline (its `pipelinesascode.tekton.dev/task` annotation) is embedded as the '
      + 'pipeline task\'s `taskSpec`, so a binding it does not declare is not judged there, and a pipeline it fetches is not known. '
      + 'The runs a TriggerTemplate creates are judged as written; those a PipelineLoop or a pipeline in a pipeline creates, '
      + 'and a pipeline workspace marked optional that a Task requires (Tekton\'s ValidateOptionalWorkspaces), are not judged. '
      + 'A `default-task-run-workspace-binding` set on the cluster only is not known: the required workspaces it binds are '
      + 'findings until the cluster\'s config-defaults (or the TektonConfig that writes it) is audited with the files, '
      + 'e.g. `kubectl get configmap config-defaults -n tekton-pipelines -o yaml | cdk8s-secure-tekton audit - <files>` (it '
      + 'is then judged too); the rule is not relaxable because such a run fails on every cluster without that default.',
    howToRelax:
      'Cannot be relaxed: no prop, `Relaxations.of(...)` or annotation waives it. Bind the workspace, or rename or remove the binding.',
    relaxable: false,
    appliesTo: kindIs('PipelineRun', 'TaskRun', 'Pipeline'),
  },
  (manifest, context) => {
    if (manifest.kind === 'TaskRun') return taskRunProblems(manifest, context);
    if (manifest.kind === 'Pipeline') return pipelineTaskProblems(manifest.spec, writtenForm(manifest).spec, manifest, context);
    const own = isObject(manifest.spec?.pipelineSpec)
      ? pipelineTaskProblems(manifest.spec.pipelineSpec, writtenForm(manifest).spec?.pipelineSpec, manifest, context) : [];
    return [...pipelineRunProblems(manifest, context), ...own];
  },
);
