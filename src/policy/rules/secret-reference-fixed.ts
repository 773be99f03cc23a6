import { isBuildStrategy, strategyTaskSpec } from '../../private/build-strategies';
import { asArray, containersOf, shipwrightStrategyOf, specPlace, taskSpecsOf } from '../../private/containers';
import { SECRETS_STORE_CSI_DRIVER } from '../../private/defaults';
import { CONFIG_DEFAULTS_OBJECT_TEXT, DEFAULT_POD_TEMPLATE_TEXT, isConfigDefaultsNamed } from '../../private/pods';
import { secretMaterialIn } from '../../private/secrets';
import { CLASS_ATTRIBUTE, overridingAttributes, podSecretsStoreProblems, podSecretsStoreVolumes, WORKLOAD_VOLUMES_TEXT } from '../../private/secrets-store';
import { isShipwrightBuild, runFieldOrigin } from '../../private/shipwright-builds';
import { RUN_NAME, substitutedThere } from '../../private/substitution-sources';
import { paramUses, untrustedSubstitutions } from '../../private/substitutions';
import { jsString } from '../../private/text';
import { Severity } from '../rule';
import { manifestRule, Problem, problemsThroughStepActions, relaxAnnotation, SHIPWRIGHT_RUNS, STEP_ACTION_QUOTED } from '../rule-builders';
import { RuleId } from '../rule-id';

/** The first substitution callers can choose in a Secret reference, if any. */
function chosenName(text: unknown): string | undefined {
  return typeof text === 'string' ? untrustedSubstitutions(text)[0]?.text ?? RUN_NAME.exec(text)?.[0] : undefined;
}

/**
 * The first substitution in a PipelineRun's workspace binding that someone other than the run's
 * author chooses, if any: a result of another task (Tekton substitutes those there); a
 * TriggerTemplate's `$(tt.params.x)` (the event's value, pasted in before Tekton reads the run);
 * and a param the run gives no value for (`runParams`): the PipelineRun leaves it as written and
 * each TaskRun substitutes its own param of that name, which a pipeline task may set from a result.
 */
function chosenInBinding(runParams: ReadonlySet<string>): (text: unknown) => string | undefined {
  return (text) => (typeof text === 'string' ? untrustedSubstitutions(text).find((f) => {
    if (f.text.startsWith('$(tasks.') || f.text.startsWith('$(tt.')) return true;
    const param = paramUses(f.text)[0];
    return param !== undefined && !runParams.has(param.name);
  })?.text : undefined);
}

/**
 * The first TriggerTemplate `$(tt.params.x)` in a text Tekton does not substitute into (a PipelineRun binding's CSI
 * attributes and token audiences): Tekton Triggers pastes the event's value in before Tekton reads the run.
 */
function chosenByEvent(text: unknown): string | undefined {
  return typeof text === 'string' ? untrustedSubstitutions(text).find((f) => f.text.startsWith('$(tt.'))?.text : undefined;
}

/** Who reads the Secrets of a place: the step of a task spec, the tasks of a PipelineRun's binding. */
interface Reader { readonly who: string; readonly reads: string; readonly gets: string }
const STEP: Reader = { who: 'the step', reads: 'the step reads', gets: 'the step gets' };
const TASKS: Reader = { who: 'the tasks', reads: 'the tasks read', gets: 'the tasks get' };
const TASK: Reader = { who: 'the task', reads: 'the task reads', gets: 'the task gets' };

/** The problem of a Secret name a caller chooses with `chosen`. */
const problemOf = (reader: Reader, chosen: string) => `lets a caller choose with ${chosen} the Secret ${reader.reads} (${substitutedThere(chosen)}, `
  + 'and the kubelet then gives the pod any Secret of the namespace by that name, whatever the run\'s ServiceAccount may read)';

/** The problem of a Secret's key a caller chooses with `chosen`. */
const keyProblemOf = (reader: Reader, chosen: string) => `lets a caller choose with ${chosen} which key of the Secret ${reader.reads} (${substitutedThere(chosen)})`;

/** The Secret references of a container (as written) that a caller can choose, each quoted as written. */
function containerProblems(c: any): Problem[] {
  const problems: Problem[] = [];
  for (const e of asArray(c?.env)) {
    const ref = e?.valueFrom?.secretKeyRef;
    if (ref === null || typeof ref !== 'object') continue;
    const name = chosenName(ref.name);
    if (name !== undefined) problems.push({ property: `env.${jsString(e?.name)}.valueFrom.secretKeyRef.name`, value: ref.name, problem: problemOf(STEP, name) });
    const key = chosenName(ref.key);
    if (key !== undefined) problems.push({ property: `env.${jsString(e?.name)}.valueFrom.secretKeyRef.key`, value: ref.key, problem: keyProblemOf(STEP, key) });
  }
  asArray(c?.envFrom).forEach((f, i) => {
    const name = chosenName(f?.secretRef?.name);
    if (name !== undefined) problems.push({ property: `envFrom[${i}].secretRef.name`, value: f.secretRef.name, problem: problemOf(STEP, name) });
  });
  return problems;
}

/**
 * The Secret references of a task spec's volumes (or, with `chosen` reading results only, of a
 * PipelineRun's workspace bindings, `at` `workspaces`) that a caller can choose, as Tekton
 * substitutes them, each quoted as written.
 */
function volumeProblems(volumes: unknown, at0 = 'volumes', chosen = chosenName, reader = STEP): Problem[] {
  const problems: Problem[] = [];
  for (const v of asArray(volumes)) {
    const at = `${at0}.${jsString(v?.name)}`;
    // the field's text as written, the substitution in it that a caller chooses, and what it lets the caller choose
    const add = (property: string, text: unknown, by: (t: unknown) => string | undefined, problem: (sub: string) => string) => {
      const sub = by(text);
      if (sub !== undefined) problems.push({ property: `${at}.${property}`, value: text as string, problem: problem(sub) });
    };
    const secret = (sub: string) => problemOf(reader, sub);
    add('secret.secretName', v?.secret?.secretName, chosen, secret);
    asArray(v?.secret?.items).forEach((item, i) => add(`secret.items[${i}].key`, item?.key, chosen, (sub) => keyProblemOf(reader, sub)));
    // Tekton substitutes into a token's audience and a CSI volume's attributes in a task's volumes, never in a workspace
    // binding: there only a TriggerTemplate's $(tt.params.x), pasted in by Triggers before Tekton reads the run, chooses
    const attributeChosen = at0 === 'volumes' ? chosen : chosenByEvent;
    asArray(v?.projected?.sources).forEach((s, i) => {
      add(`projected.sources[${i}].secret.name`, s?.secret?.name, chosen, secret);
      add(`projected.sources[${i}].serviceAccountToken.audience`, s?.serviceAccountToken?.audience, attributeChosen,
        (sub) => `lets a caller choose with ${sub} the audience of the run's ServiceAccount token ${reader.gets}, so ${reader.who} can sign in as the run `
          + 'wherever that audience is trusted (a vault, a cloud role)');
    });
    add('csi.nodePublishSecretRef.name', v?.csi?.nodePublishSecretRef?.name, chosen, secret);
    // the other attributes override the class's parameters, whoever writes them (overrideProblems)
    if (v?.csi?.driver === SECRETS_STORE_CSI_DRIVER && v.csi.volumeAttributes !== null && typeof v.csi.volumeAttributes === 'object') {
      add(`csi.volumeAttributes.${CLASS_ATTRIBUTE}`, v.csi.volumeAttributes[CLASS_ATTRIBUTE], attributeChosen,
        (sub) => `lets a caller choose with ${sub} the SecretProviderClass, and so the secrets of the vault, that ${reader.reads}`);
    }
  }
  return problems;
}

const OVERRIDE_FIX = 'Leave only secretProviderClass in volumeAttributes and set the parameter in the SecretProviderClass '
  + '(a VaultSecretProviderClass prop), or name another SecretProviderClass that has it.';

/**
 * The attributes of Secrets Store CSI volumes other than `secretProviderClass`: the driver copies
 * each over the class's parameters before it calls the provider, so the volume, not the class
 * (which only those who may write SecretProviderClasses change), says which role logs in, which
 * secrets are fetched and from where. A value that holds secret material (a ServiceAccount token
 * in `csi.storage.k8s.io/serviceAccount.tokens`, a key in an `objects` text's `secretArgs`) is not
 * quoted: NO_SECRET_MATERIAL reports it, and the finding would carry it into the audit's output.
 */
function overrideProblems(manifest: any, manifests: readonly any[] | undefined): Problem[] {
  return podSecretsStoreProblems(manifest, manifests, (v) => overridingAttributes(v.csi).map(([attribute, value]): Problem => {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return {
      ...(v.location === undefined ? {} : { location: v.location }),
      ...(v.target === undefined ? {} : { target: v.target }),
      property: `${v.property}.volumeAttributes.${attribute}`,
      ...(typeof text === 'string' && secretMaterialIn(text, attribute) === undefined ? { value: text } : {}),
      problem: `overrides the parameter '${attribute}' of the SecretProviderClass the volume mounts (the Secrets Store CSI driver copies every `
        + 'volume attribute over the class\'s parameters), so the volume, not the class, chooses the Vault role, secrets, address or auth',
      fix: OVERRIDE_FIX,
    };
  }));
}

/**
 * A Task names the Secrets its steps read: no param or result chooses a Secret, a key of one,
 * or a SecretProviderClass.
 *
 * Tekton substitutes params into `secretKeyRef`, `envFrom`'s `secretRef`, Secret, projected and
 * CSI volumes, and the kubelet hands the pod whatever Secret of the namespace is named: a caller
 * who passes another team's Secret name reads it through a step that sends or prints it, though
 * the run's ServiceAccount may not read Secrets at all.
 *
 * A Secrets Store CSI volume names its SecretProviderClass and nothing more: the driver copies
 * every other volume attribute over the class's parameters, so a volume that sets `roleName`,
 * `objects` or `vaultAddress` fetches what it likes, not what the reviewed class says.
 */
const FIX = 'Write the Secret\'s name in the Task, or bind the Secret to a workspace, which the run (not a param) chooses.';

/** The fix of a Secret reference a strategy's volume holds. */
const STRATEGY_VOLUME_FIX = 'Write the Secret\'s name in the strategy\'s volume: a Build or BuildRun then cannot name another Secret of its namespace.';

/** The fix of a Secret reference a strategy's step holds. */
const STRATEGY_STEP_FIX = 'Write the Secret\'s name in the strategy\'s step: a Build or BuildRun then cannot name another Secret of its namespace.';

/**
 * The fix of a finding of a Shipwright Build's or BuildRun's run, in the terms of the object whose field holds the reference: the
 * BuildRun's or Build's `spec.env` or `spec.volumes` entry the run has from it, else the strategy's step or volume.
 */
function shipwrightFix(manifest: any, manifests: readonly any[] | undefined, p: Problem): string | undefined {
  if (!isShipwrightBuild(manifest)) return p.fix;
  const env = /^env\.([^.[]+)\./.exec(p.property ?? '');
  const volume = /^volumes\.([^.[]+)\./.exec(p.property ?? '');
  const stepName = p.target?.startsWith('step/') ? p.target.slice('step/'.length) : undefined;
  const strategy = shipwrightStrategyOf(manifest);
  const step = asArray(strategyTaskSpec(strategy)?.spec.steps).find((x) => x?.name === stepName);
  const origin = env !== null ? runFieldOrigin(manifest, manifests, 'env', env[1], step)
    : volume !== null ? runFieldOrigin(manifest, manifests, 'volumes', volume[1]) : undefined;
  if (origin !== undefined) {
    return `Write the Secret's name in ${origin} entry '${(env ?? volume)![1]}' as it is, with no substitution: a BuildRun then cannot name another `
      + 'Secret of its namespace.';
  }
  return volume !== null ? STRATEGY_VOLUME_FIX : STRATEGY_STEP_FIX;
}

export const SECRET_REFERENCE_FIXED = manifestRule(
  {
    id: RuleId.SECRET_REFERENCE_FIXED,
    severity: Severity.HIGH,
    title: 'Tasks name the Secrets their steps read: no param or result chooses a Secret, its key, a SecretProviderClass or a token audience, and no CSI volume overrides its SecretProviderClass',
    rationale:
      'Tekton substitutes params into Secret references, and the kubelet gives the pod any Secret of the namespace by that '
      + "name, whatever the run's ServiceAccount may read: a caller who names another Secret reads it through a step that "
      + 'sends or prints it.',
    fix: FIX,
    decidesFrom:
      'Every step, stepTemplate and sidecar of Tasks, TaskRuns, Pipelines and PipelineRuns (`tekton.dev` v1 or v1beta1, or '
      + 'no apiVersion; embedded specs followed to any depth) and every StepAction, as written: `env[].valueFrom.secretKeyRef` '
      + "`name` and `key` and `envFrom[].secretRef.name`; and the task specs' `volumes`: `secret.secretName` and its items' "
      + "`key`, projected sources' `secret.name` and `serviceAccountToken.audience`, `csi.nodePublishSecretRef.name` and, for the Secrets Store CSI driver, "
      + '`csi.volumeAttributes.secretProviderClass`; and the same fields of a PipelineRun\'s workspace bindings (but '
      + '`csi.volumeAttributes` and `serviceAccountToken.audience`, which Tekton v1.15 does not substitute into there: a class '
      + 'or an audience named by a substitution is used as written, but for a TriggerTemplate\'s `$(tt.params.x)`, which Tekton '
      + 'Triggers pastes in before Tekton reads the run, so the event chooses the class or the audience), into which Tekton '
      + 'substitutes the results of earlier tasks (`$(tasks.<t>.results.<r>)`: a task that runs repository code '
      + 'would choose the Secret a later task mounts). A substitution whose value can come from outside the task (as '
      + 'SCRIPT_INJECTION reads them: params, results, a StepAction\'s own params) in one of them is a finding. '
      + 'So is `$(context.taskRun.name)` or `$(context.pipelineRun.name)`: whoever creates the run chooses its name. In a '
      + 'PipelineRun\'s workspace bindings a TriggerTemplate\'s `$(tt.params.x)` is a finding too (the event chooses the '
      + 'Secret), and so is a `$(params.x)` the run gives no value for: the PipelineRun substitutes only its own params there, '
      + 'and each TaskRun then substitutes its param `x`, which a pipeline task may set from an earlier task\'s result. A '
      + 'step that runs a StepAction checked together with it (same namespace, a local `ref`) is judged with the values it '
      + 'passes to the StepAction\'s params: a caller\'s value that reaches a Secret reference of the StepAction that way is a '
      + 'finding on the step (the StepAction\'s own params are judged on the StepAction).' + STEP_ACTION_QUOTED + ' A Secrets Store CSI volume '
      + '(driver `secrets-store.csi.k8s.io`) names its SecretProviderClass and nothing else: the driver copies every other '
      + '`volumeAttributes` entry over the class\'s parameters (`roleName`, `objects`, `vaultAddress` …), so any attribute but '
      + '`secretProviderClass`, written or substituted, is a finding, in task specs\' volumes, run pod templates\' volumes, '
      + 'the workspace bindings of PipelineRuns and TaskRuns and the volumes of ' + WORKLOAD_VOLUMES_TEXT + '.' + DEFAULT_POD_TEMPLATE_TEXT + CONFIG_DEFAULTS_OBJECT_TEXT,
    limits:
      SHIPWRIGHT_RUNS + 'ConfigMap references a param chooses are not findings (ConfigMaps hold no credentials: NO_SECRET_MATERIAL). A run\'s '
      + 'workspace bindings choose Secrets by design and are the run\'s to set, but for the values above. A TaskRun\'s own '
      + 'bindings are not read (its params are its creator\'s, or, made by a PipelineRun, its pipeline task\'s), but for the '
      + 'attributes of Secrets Store CSI volumes and a TriggerTemplate\'s `$(tt.params.x)` in the names above (the event\'s '
      + 'value, pasted in by Triggers). Run pod templates (whose volumes and imagePullSecrets Tekton substitutes a '
      + 'TaskRun\'s params into; only their Secrets Store CSI attributes are read), claim names and volume names are not read; '
      + 'nor the Secret references of Pods, Deployments and other workloads, which no param reaches (only the attributes of '
      + 'their Secrets Store CSI volumes are read). The pod templates of other kinds (custom resources, an operator\'s own '
      + 'objects) are not read.',
    howToRelax:
      "`{ rule: RuleId.SECRET_REFERENCE_FIXED, reason: '<why>', target: RelaxationTarget.step('<name>') }` (or "
      + "`RelaxationTarget.sidecar('<name>')` or `RelaxationTarget.stepTemplate()`; a Task's own volumes, and a Pod's or workload's, have "
      + 'no target: the whole object; `RelaxationTarget.workspace(\'<name>\')` for a run\'s binding), given to `Relaxations.of(construct).add(...)`. In YAML for the audit: '
      + relaxAnnotation(RuleId.SECRET_REFERENCE_FIXED, 'step/<name>: <why>') + '.',
    relaxable: true,
    appliesTo: (m) => taskSpecsOf(m).length > 0 || isBuildStrategy(m) || m?.kind === 'StepAction' || m?.kind === 'PipelineRun' || m?.kind === 'TaskRun' || podSecretsStoreVolumes(m).length > 0 || isConfigDefaultsNamed(m),
  },
  (manifest, context) => {
    const problems: Problem[] = containersOf(manifest)
      .flatMap((v) => [...containerProblems(v.container), ...problemsThroughStepActions(v, manifest, context, (spec) => containerProblems(spec))]
        .map((p) => ({ location: v.location, target: v.target, ...p })));
    for (const embedded of taskSpecsOf(manifest)) {
      const where = specPlace(embedded);
      problems.push(...volumeProblems(embedded.spec?.volumes).map((p) => ({ ...where, ...p })));
    }
    // a Shipwright Build's or BuildRun's run: the fix is made where the reference is written (the Build, the BuildRun, the strategy)
    if (isShipwrightBuild(manifest)) problems.forEach((p, i) => { problems[i] = { ...p, fix: shipwrightFix(manifest, context?.manifests, p) }; });
    // a strategy's own step: the fix is made in the strategy
    if (isBuildStrategy(manifest)) problems.forEach((p, i) => { problems[i] = { ...p, fix: STRATEGY_STEP_FIX }; });
    // a Shipwright build strategy's volumes are the TaskRun's of each of its BuildRuns, whose params any Build or BuildRun gives
    problems.push(...volumeProblems(strategyTaskSpec(manifest)?.spec.volumes)
      .map((p) => ({ ...p, fix: STRATEGY_VOLUME_FIX })));
    // Tekton substitutes the results of earlier tasks into a PipelineRun's workspace bindings, and each TaskRun its own params
    if (manifest?.kind === 'PipelineRun') {
      const runParams = new Set(asArray(manifest.spec?.params).map((p) => p?.name).filter((n): n is string => typeof n === 'string'));
      problems.push(...asArray(manifest.spec?.workspaces).flatMap((w) => volumeProblems([w], 'workspaces', chosenInBinding(runParams), TASKS)
        .map((p) => ({ location: `workspace '${jsString(w?.name)}'`, target: `workspace/${jsString(w?.name)}`, ...p }))));
    }
    // a TaskRun's bindings are its creator's to choose, but for a TriggerTemplate's $(tt.params.x): the event's, pasted in by Triggers
    if (manifest?.kind === 'TaskRun') {
      problems.push(...asArray(manifest.spec?.workspaces).flatMap((w) => volumeProblems([w], 'workspaces', chosenByEvent, TASK)
        .map((p) => ({ location: `workspace '${jsString(w?.name)}'`, target: `workspace/${jsString(w?.name)}`, ...p }))));
    }
    problems.push(...overrideProblems(manifest, context?.manifests));
    return problems;
  },
);
