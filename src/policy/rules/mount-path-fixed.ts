import { isBuildStrategy } from '../../private/build-strategies';
import { asArray, containersOf, specPlace, taskSpecsOf } from '../../private/containers';
import { formatPath } from '../../private/json-path';
import { isShipwrightBuild } from '../../private/shipwright-builds';
import { RUN_NAME, substitutedThere } from '../../private/substitution-sources';
import { callerEnv, untrustedSubstitutions } from '../../private/substitutions';
import { jsString } from '../../private/text';
import { Severity } from '../rule';
import { inStrategyTerms, manifestRule, Problem, problemsThroughStepActions, relaxAnnotation, SHIPWRIGHT_RUNS, STEP_ACTION_QUOTED } from '../rule-builders';
import { RuleId } from '../rule-id';

/** Said of a mount path a caller chooses with `chosen`. */
const mountProblem = (chosen: string): string => `lets a caller choose where the volume is mounted with ${chosen} (${substitutedThere(chosen)}; `
  + 'Tekton checks the path for /tekton/ only as written): over the programs the container runs (the image\'s /usr/bin, Tekton\'s /tekton/bin entrypoint '
  + 'and /tekton/scripts) or another mount, so the volume\'s content, which a run or an earlier step may write, replaces them';

/** Said of a subPath a caller chooses, of the mount `at` (` at <mountPath>` where other mounts have its name, else ''). */
const subPathProblem = (at: string): string => `lets a caller choose which part of the volume${at === '' ? '' : ` mounted${at}`} the container sees (the kubelet refuses a path that `
  + 'leaves the volume, but any directory of it, another run\'s on a shared claim, is open)';

/** Said of a volumeMount's name a caller chooses with `chosen`, of the mount `at` (as subPathProblem). */
const nameProblem = (chosen: string, at: string): string => `lets a caller choose which volume of the pod is mounted${at} with ${chosen} (${substitutedThere(chosen)}; `
  + 'Tekton refuses a name starting with tekton-internal- only as written): another volume of the task, such as one holding a Secret, or one of Tekton\'s own, '
  + 'such as tekton-internal-bin, which holds the entrypoint every later step runs';

/** The fix of a volumeMount's name a caller chooses. */
const NAME_FIX = 'Write the volume\'s name in the Task (a volume of spec.volumes, or $(workspaces.<name>.volume)), and mount each volume a '
  + 'caller may pick in a step of its own, chosen with when expressions.';

/** Said of a workspace's mount path a caller chooses with `chosen`. */
const workspaceProblem = (chosen: string): string => `lets a caller choose with ${chosen} where the workspace is mounted in every step and `
  + `sidecar that uses it (${substitutedThere(chosen)}, in the declaration's mountPath): over the programs they run (the image's /usr/bin, `
  + 'Tekton\'s /tekton/bin and /tekton/scripts) or another mount, with the content the run binds';

const FIX = 'Write the path in the Task (a fixed directory such as /workspace/<name>), and pass what varies as data: an env var a '
  + 'step reads, a directory the step creates below the fixed one.';

/** Said of a step's `stdoutConfig.path` or `stderrConfig.path` a caller chooses with `chosen`. */
const streamProblem = (stream: string, chosen: string): string => `lets a caller choose with ${chosen} the file the step's ${stream} is written to `
  + `(${substitutedThere(chosen)}): the entrypoint appends the ${stream} to that path, creating it and its directories, so the caller adds the step's output `
  + 'to any file the step can write: a script or git hook in a workspace a later step or task runs, a result file under /tekton/results that later tasks read';

/** The fix of a stream's path a caller chooses. */
const STREAM_FIX = 'Write the path in the Task (a fixed file such as $(workspaces.<name>.path)/<step>.log, or $(results.<name>.path)), and pass '
  + 'what varies as data: an env var a step reads, a file name the step checks before it copies the output there.';

/** The `stdoutConfig.path` and `stderrConfig.path` of a step that a caller chooses (Tekton substitutes params there, ApplyStepReplacements). */
function streamProblems(c: any, chosen?: ReadonlySet<string>): Problem[] {
  return (['stdout', 'stderr'] as const).flatMap((stream) => {
    const path = c?.[`${stream}Config`]?.path;
    const sub = chosenIn(path, chosen);
    return sub === undefined ? [] : [{ property: `${stream}Config.path`, value: path, problem: streamProblem(stream, sub), fix: STREAM_FIX }];
  });
}

/** Said of an envFrom prefix a caller chooses with `chosen`, of the entry naming `source` (`ConfigMap 'x'`, `Secret 'y'`). */
const prefixProblem = (chosen: string, source: string): string => `lets a caller choose with ${chosen} the names of the env vars the container gets from `
  + `the ${source} (${substitutedThere(chosen)}; each name is the prefix followed by a key): with a key PRELOAD the prefix LD_ makes LD_PRELOAD, which `
  + 'the dynamic loader loads into every program the container runs, and with a key ENV the prefix BASH_ makes BASH_ENV, which bash runs before '
  + 'its script; an empty prefix gives each key its own name, PATH among them, over the image\'s';

/** The fix of an envFrom prefix a caller chooses. */
const PREFIX_FIX = 'Write the prefix in the Task as fixed text (prefix: CONFIG_), or leave it out, and pass what varies as data: an env var '
  + 'whose value a step reads.';

/** Said of an envFrom ConfigMap a caller chooses with `chosen`. */
const configMapProblem = (chosen: string): string => `lets a caller choose with ${chosen} the ConfigMap whose every key becomes an env var of the `
  + `container, by the key's name and with its value (${substitutedThere(chosen)}, and the kubelet then gives the pod any ConfigMap of the namespace by `
  + 'that name): one the caller writes or finds with a key LD_PRELOAD has the dynamic loader load a library into every program the container runs, '
  + 'BASH_ENV has bash run a file before its script, GIT_SSH_COMMAND runs a command for git, PATH picks the programs the step runs';

/** The fix of an envFrom ConfigMap a caller chooses. */
const CONFIG_MAP_FIX = 'Write the ConfigMap\'s name in the Task (configMapRef: {name: build-settings}), and pass what varies as data: an env var '
  + 'whose value a step reads, or a key of a fixed ConfigMap in an env var of a fixed name (valueFrom.configMapKeyRef).';

/**
 * The envFrom entries of a container (as written) whose prefix or ConfigMap a caller chooses (Tekton substitutes params into both,
 * applyContainerReplacements; a Secret's name is SECRET_REFERENCE_FIXED's). A ConfigMap named by the run's name is chosen by whoever
 * creates the run, as a Secret is.
 */
function envFromProblems(c: any, chosen?: ReadonlySet<string>): Problem[] {
  return asArray(c?.envFrom).flatMap((f, i) => {
    const name = f?.configMapRef?.name;
    const map = chosenIn(name, chosen) ?? (typeof name === 'string' ? RUN_NAME.exec(name)?.[0] : undefined);
    const sub = chosenIn(f?.prefix, chosen);
    const ref = f?.configMapRef ?? f?.secretRef;
    const kind = f?.configMapRef !== undefined && f?.configMapRef !== null ? 'ConfigMap' : 'Secret';
    const source = typeof ref?.name === 'string' ? `${kind} '${jsString(ref.name)}'` : 'ConfigMap or Secret it names';
    return [
      ...(sub === undefined ? [] : [{ property: `envFrom[${i}].prefix`, value: f.prefix, problem: prefixProblem(sub, source), fix: PREFIX_FIX }]),
      ...(map === undefined ? [] : [{ property: `envFrom[${i}].configMapRef.name`, value: name, problem: configMapProblem(map), fix: CONFIG_MAP_FIX }]),
    ];
  });
}

/** A subPath is relative to the volume (Kubernetes refuses an absolute one): its fix names a relative path. */
const SUBPATH_FIX = 'Write the subPath in the Task as a fixed path relative to the volume (subPath: cache), or leave it out, and pass '
  + 'what varies as data: an env var a step reads, a directory the step creates below the mount.';

/**
 * A Shipwright strategy step's mounts with the params whose value the controller gives (`shp-source-root`,
 * `shp-output-directory`, build-strategies.ts) replaced by it: those choose nothing.
 */
function withControllerValues(c: any, params: readonly any[] | undefined): any {
  if (params === undefined || c === null || typeof c !== 'object' || !Array.isArray(c.volumeMounts)) return c;
  const fixed = (s: unknown): unknown => (typeof s !== 'string' ? s
    : params.reduce((t: string, p) => [`$(params.${p.name})`, `$(params['${p.name}'])`, `$(params["${p.name}"])`].reduce((u, f) => u.split(f).join(p.value), t), s));
  return {
    ...c,
    volumeMounts: c.volumeMounts.map((m: any) => (m !== null && typeof m === 'object' ? { ...m, name: fixed(m.name), mountPath: fixed(m.mountPath), subPath: fixed(m.subPath) } : m)),
  };
}

/** The first substitution callers can choose in a path, if any. */
function chosenIn(text: unknown, chosen?: ReadonlySet<string>): string | undefined {
  return typeof text === 'string' ? untrustedSubstitutions(text, chosen)[0]?.text : undefined;
}

/**
 * The first `$(NAME)` of a `subPathExpr` that names one of `env`: the kubelet expands env vars
 * there (`$$` is a `$`), and Tekton substitutes nothing, so a param reaches it through an env var.
 */
function chosenInExpr(text: unknown, env: ReadonlySet<string>): string | undefined {
  if (typeof text !== 'string' || env.size === 0) return undefined;
  for (const m of text.matchAll(/\$\$|\$\(([^)]*)\)/g)) if (m[1] !== undefined && env.has(m[1])) return m[0];
  return undefined;
}

/**
 * The volumeMounts of a container (as written) whose name, mountPath, subPath or subPathExpr a caller
 * chooses; `envOf` is the container whose env the kubelet expands in subPathExpr (a step merged
 * with its stepTemplate), by default the container itself.
 */
function mountProblems(c: any, chosen?: ReadonlySet<string>, envOf: any = c): Problem[] {
  const mounts = asArray(c?.volumeMounts);
  const env = mounts.some((m) => typeof m?.subPathExpr === 'string') ? callerEnv(asArray(envOf?.env), chosen) : new Set<string>();
  return mounts.flatMap((m, i) => {
    // the mount by its name, quoted where it is no plain key (a caller's `$(params.vol)`), else by its index
    const at = typeof m?.name === 'string' && m.name !== '' ? formatPath(['volumeMounts', m.name]) : `volumeMounts[${i}]`;
    // several mounts of one name (a caller's volume mounted at several paths) are told apart by their mountPath
    const path = typeof m?.name === 'string' && typeof m?.mountPath === 'string'
      && mounts.some((o) => o !== m && o?.name === m.name && o?.mountPath !== m.mountPath) ? ` at ${m.mountPath}` : '';
    const name = chosenIn(m?.name, chosen);
    const mount = chosenIn(m?.mountPath, chosen);
    const sub = chosenIn(m?.subPath, chosen);
    const expr = chosenInExpr(m?.subPathExpr, env);
    return [
      // each value as written (`/cache/$(params.dir)`), the substitution in it
      ...(name === undefined ? [] : [{ property: `${at}.name`, value: m.name, problem: nameProblem(name, path), fix: NAME_FIX }]),
      ...(mount === undefined ? [] : [{ property: `${at}.mountPath`, value: m.mountPath, problem: mountProblem(mount), fix: FIX }]),
      ...(sub === undefined ? [] : [{ property: `${at}.subPath`, value: m.subPath, problem: subPathProblem(path), fix: SUBPATH_FIX }]),
      ...(expr === undefined ? [] : [{
        property: `${at}.subPathExpr`,
        value: m.subPathExpr,
        problem: `names in ${expr} an env var that holds a caller's value, which the kubelet expands there: it ${subPathProblem(path)}`,
        fix: SUBPATH_FIX,
      }]),
    ];
  });
}

/**
 * A Task says where its volumes and workspaces are mounted: no param or result chooses a
 * volumeMount's mountPath, subPath or name, or a workspace's mountPath.
 *
 * Tekton substitutes params into them and refuses a mount under /tekton/ (and a volume name
 * starting with tekton-internal-) only as written, so a caller who chooses the path mounts the
 * volume over the step's programs or Tekton's entrypoint, and one who chooses the name mounts
 * another volume of the pod.
 */
export const MOUNT_PATH_FIXED = manifestRule(
  {
    id: RuleId.MOUNT_PATH_FIXED,
    severity: Severity.HIGH,
    title: 'Tasks say where their volumes and workspaces are mounted, where steps write their output and what their envFrom env vars are named: '
      + 'no param or result chooses a mountPath, subPath, volume name, stdoutConfig path, envFrom prefix or envFrom ConfigMap',
    rationale:
      'Tekton substitutes params into mount paths and refuses a mount under /tekton/ only as the Task writes it: a caller who '
      + 'chooses the path mounts a volume over the programs a step runs (the image\'s /usr/bin, Tekton\'s /tekton/bin entrypoint '
      + 'and /tekton/scripts), and a volume whose content the run binds or an earlier step writes then runs as the step, with '
      + 'its Secrets. A caller who chooses a mount\'s volume name (Tekton substitutes params there too, and refuses the '
      + '`tekton-internal-` prefix only as written) mounts another volume of the pod: one holding a Secret, or Tekton\'s '
      + '`tekton-internal-bin`, whose entrypoint every later step runs (writable unless the mount is `readOnly`). A caller who chooses '
      + 'the file a step\'s output goes to (`stdoutConfig.path`, `stderrConfig.path`, substituted as well) has the entrypoint append '
      + 'the output to any file the step can write: a script in a workspace a later step or task runs, another result. A caller who '
      + 'chooses an `envFrom` prefix (substituted too) names the env vars a ConfigMap or Secret gives: the prefix `LD_` before a key '
      + '`PRELOAD` makes `LD_PRELOAD`, which the dynamic loader loads into every program, `BASH_` before `ENV` makes `BASH_ENV`, which bash runs. A caller who chooses an `envFrom` ConfigMap (`configMapRef.name`, substituted '
      + 'too) chooses every env var it gives, names and values: one the caller writes or finds with a key `LD_PRELOAD`, `BASH_ENV`, '
      + '`GIT_SSH_COMMAND` or `PATH` runs the caller\'s code.',
    fix: FIX,
    decidesFrom:
      'Every step, stepTemplate and sidecar of Tasks, TaskRuns, Pipelines and PipelineRuns (`tekton.dev` v1 or v1beta1, or '
      + 'no apiVersion; embedded specs followed to any depth) and every StepAction, as written: `volumeMounts[].mountPath`, '
      + '`subPath` and `name`; a step\'s `stdoutConfig.path` and `stderrConfig.path` (the entrypoint appends the stream to the file, '
      + 'creating it and its directories: `-stdout_path`, runner.go); `envFrom[].prefix` and `envFrom[].configMapRef.name` (applyContainerReplacements; a run\'s name '
      + 'there counts too, chosen by whoever creates the run; `secretRef.name` is SECRET_REFERENCE_FIXED\'s); and the task specs\' `workspaces[].mountPath`. A substitution whose value can come from outside the task '
      + '(as SCRIPT_INJECTION reads them: params, results, a StepAction\'s own params, a `$(workspaces.<w>.path)` whose mount '
      + 'path holds one) anywhere in one of them is a finding: a mount path is not checked for `..` by Kubernetes, so a '
      + 'caller\'s text after a fixed directory still leaves it; a subPath the kubelet keeps inside the volume, but a caller '
      + 'still picks any directory of it. So is a `subPathExpr` whose `$(NAME)` names an env var that holds such a value (or '
      + 'that the kubelet fills from a run\'s annotation, as SCRIPT_INJECTION reads env): Tekton substitutes nothing there, '
      + 'and the kubelet expands the env var into the subPath. A step that runs a StepAction checked together with it (same namespace, a local '
      + '`ref`) is judged with the values it passes to the StepAction\'s params: a caller\'s value that reaches a mount of the '
      + 'StepAction that way is a finding on the step (the StepAction\'s own params are judged on the StepAction).'
      + STEP_ACTION_QUOTED,
    limits:
      SHIPWRIGHT_RUNS + 'A param a run in the same manifest fixes is still a finding (the Task may be run by others). A step\'s or sidecar\'s '
      + 'own `workspaces[].mountPath` (isolated workspaces), which Tekton does not substitute into, is not read, nor the '
      + 'workspace bindings of runs and pipeline tasks (a run binds the volume, so which part of it a task gets, `subPath`, is '
      + 'the run\'s to choose), nor the volumeMounts of Pods, Deployments and other '
      + 'workloads, which no param reaches. Nor is the ConfigMap a task volume mounts (`volumes[].configMap.name`, which tasks '
      + 'commonly let a param choose for a CA bundle), nor the key of a fixed ConfigMap an env var takes (`valueFrom.configMapKeyRef.key`): '
      + 'each gives files or one value from a ConfigMap the caller names, not env vars of the caller\'s naming.',
    howToRelax:
      "`{ rule: RuleId.MOUNT_PATH_FIXED, reason: '<why>', target: RelaxationTarget.step('<name>') }` (or "
      + "`RelaxationTarget.sidecar('<name>')` or `RelaxationTarget.stepTemplate()`; a task spec's workspaces have no target: the "
      + "whole object, or `RelaxationTarget.task('<name>')` for a pipeline task's embedded spec), given to the construct's "
      + '`relaxations` or to `Relaxations.of(construct).add(...)`. In YAML for the audit: '
      + relaxAnnotation(RuleId.MOUNT_PATH_FIXED, 'step/<name>: <why>') + ' (`*: <why>` for a Task\'s own workspaces, '
      + '`task/<name>: <why>` for an embedded spec\'s).',
    relaxable: true,
    appliesTo: (m) => taskSpecsOf(m).length > 0 || isBuildStrategy(m) || m?.kind === 'StepAction',
  },
  (manifest, context) => {
    const problems: Problem[] = containersOf(manifest)
      .flatMap((v) => [
        ...mountProblems(withControllerValues(v.container, v.controllerParams), v.chosenWorkspacePaths, v.effective),
        ...(v.role === 'step' ? streamProblems(v.container, v.chosenWorkspacePaths) : []),
        ...envFromProblems(v.container, v.chosenWorkspacePaths),
        ...problemsThroughStepActions(v, manifest, context, (spec, passed) => mountProblems(spec, passed ? v.chosenWorkspacePaths : undefined)),
      ]
        // a Shipwright strategy's step (or a Build's or BuildRun's run of it): the fix is made in the strategy, which writes the mounts
        .map((p) => ({
          location: v.location,
          target: v.target,
          ...p,
          ...((v.controllerParams !== undefined || isShipwrightBuild(manifest)) && p.fix !== undefined ? { fix: inStrategyTerms(p.fix) } : {}),
        })));
    for (const embedded of taskSpecsOf(manifest)) {
      const where = specPlace(embedded);
      for (const w of asArray(embedded.spec?.workspaces)) {
        const chosen = chosenIn(w?.mountPath);
        if (chosen !== undefined) {
          problems.push({ ...where, property: `workspaces.${jsString(w?.name)}.mountPath`, value: w.mountPath, problem: workspaceProblem(chosen), fix: FIX });
        }
      }
    }
    return problems;
  },
);
