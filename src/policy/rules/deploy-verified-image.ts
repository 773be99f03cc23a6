import { SECURE_PIPELINE_LABEL } from '../../private/annotations';
import { argumentsOf, basename } from '../../private/argv';
import { asArray, ContainerView, isObject, loopPipelineSpec, pipelineSpecsOf, viewsBySpec } from '../../private/containers';
import { AppliedAsWritten, appliesAsWritten, KUBECTL_IMAGE, kubectlArguments, kubectlReadings, sends, verifiesImage, workspaceMounts } from '../../private/manifest-apply';
import { locallyReferenced } from '../../private/manifest-index';
import { imageFromParam } from '../../private/param-images';
import { commandRuns, commandRunsOf, runCommands } from '../../private/shell';
import { jsString } from '../../private/text';
import { Severity } from '../rule';
import { manifestRule, Problem, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

/** The fix in YAML's words, for a pipeline the library did not write: the verifier's digest result pins every image. */
function yamlFix(verifier: unknown): string {
  const task = jsString(verifier);
  return `Pass \`$(tasks.${task}.results.digest)\` to the task and pin every image before applying (\`yq e '.spec.template.spec.containers[].image = env(IMG)' …\` `
    + 'with `IMG: <repository>@$(params.digest)`); with Helm, set the digest verified '
    + `(\`--set image.digest=$(tasks.${task}.results.digest)\`).`;
}

/**
 * The image a container's `args` alone run in, when a variable gives the last part of its repository (which names its entrypoint):
 * the image its params give (param-images.ts `imageFromParam`: the constant a pipeline task passes the param, else that param's
 * default when the pipeline task passes none, a Task's params coming from the pipeline task alone); undefined when no variable
 * gives it, `null` when its value is the run's choice (a pipeline param, a result, context, a matrix) and not known here.
 */
function chosenImage(image: unknown, task: any, taskSpec: any): string | null | undefined {
  if (typeof image !== 'string' || !image.includes('$(')) return undefined;
  // a variable in the registry, the tag or the digest alone leaves the repository's last part, which names the entrypoint, as written
  const repository = image.split('@')[0].replace(/:[^/:]*$/, '');
  if (!repository.slice(repository.lastIndexOf('/') + 1).includes('$(')) return undefined;
  const caller = task === undefined ? undefined : { by: `pipeline task '${jsString(task?.name)}'`, params: task?.params, matrix: task?.matrix };
  return imageFromParam({ image }, taskSpec, caller)?.value ?? null;
}

/**
 * What a step or sidecar applies as written (appliesAsWritten), with the image its `args` alone run in resolved where a
 * param gives it; an image the run chooses is not known here, so its args are read as kubectl's and as helm's (the
 * entrypoint of an image such as `bitnami/kubectl` or `alpine/helm`). `image` is that image as written then.
 */
function appliedBy(container: any, task: any, taskSpec: any, mounts: readonly string[], names: readonly string[]):
(AppliedAsWritten & { readonly image?: string }) | undefined {
  const chosen = asArray(container?.command).length === 0 ? chosenImage(container?.image, task, taskSpec) : undefined;
  if (chosen === undefined) return appliesAsWritten(container, mounts, names);
  if (chosen !== null) return appliesAsWritten({ ...container, image: chosen }, mounts, names);
  const found = appliesAsWritten({ ...container, image: 'kubectl' }, mounts, names) ?? appliesAsWritten({ ...container, image: 'helm' }, mounts, names);
  return found === undefined ? undefined : { ...found, image: jsString(container.image) };
}

/** An image set by kubectl that names no digest: where it is written, and the command that sets it. */
interface SetImage { readonly property: string; readonly image: string; readonly how: string }

/**
 * The first image a kubectl reading sets on a workload without a digest (no `@`): `set image <resource> <container>=<image>`,
 * `create deployment|job|cronjob … --image`, `run … --image`; none under a dry run (`--dry-run`, `=client`, `=server`), which keeps nothing.
 */
function unpinnedSetImage(rest: readonly string[]): { image: string; how: string } | undefined {
  for (const reading of kubectlReadings(rest)) {
    // (a dry run keeps nothing: the last --dry-run wins, alone it is client; `none` and `false` send, as manifest-apply reads it)
    if (!sends(reading)) continue;
    const { operands, flags } = reading;
    const images = operands[0] === 'set' && operands[1] === 'image'
      ? operands.slice(2).filter((o) => o.includes('=')).map((o) => o.slice(o.indexOf('=') + 1))
      : (operands[0] === 'create' && ['deployment', 'deploy', 'job', 'cronjob', 'cj'].includes(operands[1] ?? '')) || operands[0] === 'run'
        ? flags.filter((f) => f.name === 'image' && f.value !== undefined).map((f) => f.value!)
        : [];
    const image = images.find((i) => !i.includes('@'));
    if (image !== undefined) return { image, how: `kubectl ${operands[0] === 'set' ? 'set image' : operands[0] === 'run' ? 'run' : `create ${operands[1]}`}` };
  }
  return undefined;
}

/** Where a container sets a workload's image with kubectl to one without a digest (its command and args, its script's commands). */
function setsUnpinnedImage(container: any): SetImage | undefined {
  const command: string[] = Array.isArray(container?.command) ? container.command.map(jsString) : [];
  const args: string[] = Array.isArray(container?.args) ? container.args.map(jsString) : [];
  const property = command.length > 0 && args.length === 0 ? 'command' : 'args';
  const image = typeof container?.image === 'string' ? container.image : '';
  const repository = image.split('@')[0].replace(/:[^/:]*$/, '');
  if (command.length === 0 && args.length > 0 && KUBECTL_IMAGE.test(repository)) {
    const found = unpinnedSetImage(args);
    if (found !== undefined) return { property: 'args', ...found };
  }
  const runs = [
    ...(command.length > 0 ? commandRuns([...command, ...args]).map((r) => ({ property, ...r })) : []),
    ...(typeof container?.script === 'string' ? runCommands(container.script).flatMap((c) => commandRunsOf(c)).map((r) => ({ property: 'script', ...r })) : []),
  ];
  for (const { property: at, argv, runs: invocations } of runs) {
    for (const run of invocations) {
      const kube = run.program === undefined ? undefined : kubectlArguments(basename(run.program), argumentsOf(argv, run));
      const found = kube === undefined ? undefined : unpinnedSetImage(kube);
      if (found !== undefined) return { property: at, ...found };
    }
  }
  return undefined;
}

/**
 * A pipeline that verifies an image applies no manifests as a workspace holds
 * them: whatever it deploys is pinned to the digest verified.
 */
export const DEPLOY_VERIFIED_IMAGE = manifestRule(
  {
    id: RuleId.DEPLOY_VERIFIED_IMAGE,
    severity: Severity.HIGH,
    title: 'A pipeline that verifies an image applies no manifests as a workspace holds them',
    rationale:
      'A verification proves one digest was signed; manifests applied as written name an image by tag, or another image, '
      + 'and the kubelet pulls whatever the registry serves then. A tag moved after the verification, or a manifest that '
      + 'names an image nothing verified, is deployed, and the verification only looks like a gate.',
    fix:
      'Deploy the digest verified: give the Deploy `image` (the repository the pipeline verifies) and pass it `image-digest` '
      + "from the verification (`verify.result('digest')`); it pins every image of the manifests to that digest and applies "
      + 'what it pinned. In YAML, apply only a file a step of the task wrote after pinning and checking every image of the manifests; '
      + 'with Helm, set the digest verified (`--set image.digest=$(tasks.verify.results.digest)`).',
    decidesFrom:
      'Pipelines and PipelineRuns with a `pipelineSpec` (and the `pipelineSpec`s of their tasks, to any depth), and kubeflow '
      + "kfp-tekton's PipelineLoops (`custom.tekton.dev`; an object of that kind, or a pipeline task's custom task spec) read as "
      + 'Pipelines of their `pipelineSpec`, which the loop\'s controller runs as a PipelineRun of each iteration: the task '
      + 'spec each of their `tasks` and `finally` tasks runs, embedded (`taskSpec`) or a Task checked together that a '
      + 'local `taskRef` names (of its namespace, or any when the manifest has none), its steps merged with its '
      + '`stepTemplate`. When a step of one of them runs `cosign verify` or `cosign verify-attestation` (read as '
      + 'CHAINS_SIGNER_VERIFIED reads it: `command`/`args`, `sh -c`, the simple commands of a shell `script`), every '
      + 'step (or sidecar) of any of them that runs `kubectl apply`, `create` or `replace` (kubectl also as OpenShift\'s `oc`, `kubecolor`, '
      + '`microk8s.kubectl` and the `kubectl` of `k3s`, `k0s` and `microk8s`; Carvel\'s `kapp deploy` (`-f`, `--file`; not `--diff-run`) as `kubectl apply`; its flags read as spf13/pflag reads them, before or '
      + 'after the subcommand, a flag\'s value never a flag nor the subcommand, the last `--dry-run` the one used, a flag not '
      + 'known here read both ways; not `apply view-last-applied`, `set-last-applied` or `edit-last-applied`) (through `command`/`args`, wrappers such '
      + 'as `env` looked through by their option grammars, each program an option a wrapper does not know makes possible judged; `sh -c` or a simple command of a shell `script`, with the code a script runs through '
      + '`sh -c`, `eval`, `trap` or a heredoc or here-string fed to a shell (or read as its `/dev/stdin`) and the commands of its command '
      + 'substitutions (`out=$(kubectl apply …)`) read in place, `sudo` and `doas` '
      + 'looked through; `args` alone in an image whose '
      + 'repository ends in `kubectl`, which is its entrypoint; where a variable gives that end of the repository, the image is the '
      + 'one its params give (each param the image holds, whole or among other text, in place): the '
      + 'literal the pipeline task passes the param, else the param\'s default when it passes none (a default that refers to another '
      + 'param filled from that param\'s default, as Tekton fills it), and one the run chooses (a '
      + 'pipeline param, a result, context, a `matrix` value) is not known here: its `args` are read as kubectl\'s and as helm\'s) with a `-f`/`--filename` or `-k`/`--kustomize` value '
      + '(the short flag also at the end of a group, `-Rf`) that names a workspace\'s files is a finding: the value holds '
      + '`$(workspaces.<name>.path)`, starts with `/workspace/` (where Tekton mounts workspaces by default) or with a '
      + '`mountPath` the task spec gives a workspace (its declaration\'s, or a step\'s or sidecar\'s own), is a URL (or a remote kustomization, `-k github.com/org/repo//deploy?ref=main`), or is '
      + 'a relative path where the working directory is a workspace\'s: the step\'s `workingDir`, or where a script\'s '
      + '`cd` or `pushd` to such a path took it (a relative `cd` stays there; `cd` to another absolute path, a variable '
      + 'of no such value, `-` or home, and `popd`, leave it). A step without `workingDir` (its stepTemplate\'s included) runs '
      + 'in its image\'s WORKDIR, which Tekton does not set and is not known here (`/workspace` in many images): there a '
      + 'relative path that a WORKDIR above a workspace reaches it by is one, every tail of its mount path (`workspace/source/k8s` '
      + 'from `/`, `source/k8s` from `/workspace`, for a workspace `source` at `/workspace/source`; `./` ignored), and so is '
      + 'a relative `cd` to one (a `cd` to another relative directory moves down the paths that go through it). In a script a word that begins with a variable (`"$F"`, '
      + '`${DIR}/k8s`) is read with each value the script may give it (any assignment, `export`, `declare`, `local`, '
      + '`readonly`, each word of a `for NAME in`, the step\'s `env`; where and whether it runs is not read), a variable '
      + 'that holds a command line and is run (`$CMD`, `eval "$CMD"`, `bash -c "$CMD"`) as that line, an alias '
      + '(`alias k=kubectl`) as its words, the assignments before a program (`KUBECONFIG=/tmp/k kubectl …`) as its environment, and a program not known here (a variable of no known value, a command '
      + 'substitution such as `$(command -v kubectl)`, a function of the script) as kubectl, and as helm, by its arguments, or, '
      + 'as it may be empty, as the kubectl or helm its first argument names (`${DRY_RUN:+echo} kubectl apply …`). `{}` of `find -exec` is read as its starting '
      + 'points, and xargs\' command with the workspace paths the command piped into it names appended (or put for `{}`). So is `-f -` (or `-f /dev/stdin`) fed by a pipe straight from `curl` or `wget -O -` of a URL, `cat`, `kubectl kustomize`, '
      + '`kustomize build` of a workspace\'s files or `helm template` of its chart (no digest set; through `tee` and `cat` of its input alone, which hand it on unchanged; another stage between them may rewrite the images: not read), by a `<` '
      + 'redirection from one, through envsubst (from its input, `envsubst < $(workspaces.src.path)/deploy.yaml`, or piped on: GNU gettext\'s envsubst '
      + 'replaces only the `$VAR` and `${VAR}` the manifests write, so every image they write otherwise stays, whatever the variables hold; not `-v`; a8m\'s envsubst of the file its `-i` names, `envsubst -i $(workspaces.src.path)/deploy.yaml`, printed or written by `-o`) '
      + 'and through yq (mikefarah\'s, `yq e EXPR FILE`, or the jq wrapper; its files, its input, piped on; not `-i`, which prints nothing, nor `-n`, which reads nothing) '
      + 'unless its expression assigns a field `image` (`.image = …`, `|=`) a digest: a value with `@sha256:`, `@` before a variable or Tekton reference, '
      + 'or a result named `…digest`, written or held by a variable it reads (`env(IMG)`, `strenv(IMG)`, `$ENV.IMG`, `env.IMG`, the shell\'s `$IMG`) '
      + 'by a value the script or the step\'s `env` gives it (a tag, a param, a variable of no value known here pin nothing); or by a heredoc or here-string that a command substitution of those fills (`$(cat …)`, `$(< …)`), '
      + 'and `-f <(…)`, a process substitution of those; a file the same script made a copy of a workspace\'s files '
      + '(`cp`, `ln`, `install`, `rsync`, `mv`; `> FILE`, `>> FILE` or `-o FILE` of `cat`, `kustomize build`, `kubectl kustomize` or '
      + '`helm template` of them, and of envsubst and yq read so) counts as them (`oc process -f` of a template a workspace holds among them); `kubectl patch` '
      + 'with a patch a workspace holds (`--patch-file`, `-p "$(cat …)"`; its `-f` names the object patched); and `helm install` or `upgrade` (also `args` alone in an image whose repository ends in '
      + '`/helm`, such as `alpine/helm`) whose chart (its last operand) is a workspace\'s directory '
      + 'or archive, unless `--set`/`--set-string` gives it a digest (`…digest=`, `@sha256:`). Those manifests are '
      + 'applied as written; each step (or sidecar) that applies them is a finding of its own, and where envsubst or yq stands between them and kubectl (piped into `-f -`, in a `-f <(…)`, or writing the file `-f` names, by `>` or `-o`) the finding says why it pins nothing (envsubst fills only the variables the manifests name; yq sets no `image`, or sets it to a tag or a value of no digest known here). A command with `--dry-run` (`server` or `client`) sends nothing to be kept and is not one; '
      + 'nor is what kustomize renders (`-k`, `kustomize build`, `kubectl kustomize`, piped or the file it wrote with `>` '
      + 'or `-o`) after the script ran `kustomize edit set image` to a digest (a value with `@`). `when` expressions, '
      + '`runAfter` and whether the verification is a `finally` task change nothing: a skipped or later verification '
      + 'does not stop a task that does not take its result. So is a step (or sidecar) whose kubectl (read as above: `command`/`args`, '
      + 'the commands of its script, `args` alone in a kubectl image) sets a workload\'s image to one without a digest (no `@`): '
      + '`set image <resource> <container>=<image>`, `create deployment`, `job` or `cronjob` with `--image`, `run --image`; not '
      + 'under a dry run (the last `--dry-run`: alone, `client`, `server`; `none` and `false` send). A Deploy with `image` applies the file its pin step '
      + 'wrote, and passes. A finding on YAML the library '
      + `did not write (a Pipeline without its own name in \`${SECURE_PIPELINE_LABEL}\`, the label a SecurePipeline writes) gives `
      + "the fix in YAML's words: pass `$(tasks.<verifier>.results.digest)` to the task and pin every image before applying "
      + "(`yq e '.spec.template.spec.containers[].image = env(IMG)' …` with `IMG: <repository>@$(params.digest)`).",
    limits:
      'What another step writes before the apply is not read: a file outside the workspaces (in `/tmp`, an emptyDir) is taken '
      + 'as one the task pinned, even when a step before copied it unchanged, and a file of a workspace is taken as written even '
      + 'when a step pinned its images in place (`sed -i`, `yq`); a variable set by a command\'s output (`F=$(ls …)`, `read`), '
      + 'a function that applies files its arguments name (`deploy $(workspaces.src.path)/k8s`), xargs\' input from a file or a '
      + 'command that does not name the paths, '
      + 'a pipe through another stage (`sed`, `awk`), a yq that sets an image to a digest taken to pin every image (of any container and document), manifests written out in a here-document, a value from a param '
      + '(`-f $(params.path)`, not resolved) and a script file the step runs (`./deploy.sh`, `bash $(workspaces.src.path)/ci.sh`) are not seen; '
      + 'a `kustomize edit set image` to a digest is taken to pin every image of what kustomize renders after it, of any image name '
      + 'and in any directory. Helm is read for a chart '
      + 'a workspace holds only: a chart of a repository or a registry (`oci://`) and values files are not, and a digest '
      + 'set is taken to pin every image of the chart. Other clients (Argo CD, Flux, helmfile, skaffold, a custom task) are not seen. A Task '
      + 'named by a resolver, bundle or cluster kind, a `pipelineRef` of a pipeline task or of a PipelineLoop and StepActions are not followed, '
      + 'and the verification of another Pipeline does not count.',
    howToRelax:
      "Give `{ rule: RuleId.DEPLOY_VERIFIED_IMAGE, target: RelaxationTarget.task('<pipeline task>'), reason: '<why>' }` "
      + "to the SecurePipeline's `relaxations` (e.g. manifests that name images by digest only, reviewed in the "
      + 'repository). In YAML for the audit: ' + relaxAnnotation(RuleId.DEPLOY_VERIFIED_IMAGE, 'task/<pipeline task>: <why>')
      + ' on the Pipeline or PipelineRun.',
    relaxable: true,
    // a PipelineLoop (kfp-tekton) runs its pipelineSpec as a PipelineRun of each iteration
    appliesTo: (m) => m?.kind === 'Pipeline' || (m?.kind === 'PipelineRun' && m.spec?.pipelineSpec !== undefined) || loopPipelineSpec(m) !== undefined,
  },
  (manifest, context) => {
    const places = pipelineSpecsOf(manifest);
    const tasks = places.flatMap((place) => [...asArray(place.spec?.tasks), ...asArray(place.spec?.finally)].filter(isObject)
      .map((task) => ({ task, place })));
    const specs = (task: any): any[] => (isObject(task.taskSpec) ? [task.taskSpec]
      : locallyReferenced(context?.manifests ?? [], task.taskRef, 'Task', manifest).map((m) => m?.spec).filter(isObject));
    // the containers of a task spec as the views name them: an embedded spec's are the manifest's, a referenced Task's its own
    const views = (task: any): readonly ContainerView[] => (isObject(task.taskSpec) ? viewsBySpec(manifest).get(task.taskSpec) ?? []
      : locallyReferenced(context?.manifests ?? [], task.taskRef, 'Task', manifest).filter((m) => isObject(m?.spec))
        .flatMap((m) => viewsBySpec(m).get(m.spec) ?? []));
    const verifier = tasks.find(({ task }) => specs(task).some(verifiesImage));
    if (verifier === undefined) return [];
    const problems: Problem[] = [];
    // a SecurePipeline's Pipeline carries its own name in this label; any other is YAML written without the Deploy construct
    const library = manifest?.kind === 'Pipeline' && isObject(manifest?.metadata?.labels)
      && manifest.metadata.labels[SECURE_PIPELINE_LABEL] === manifest?.metadata?.name;
    for (const { task, place } of tasks) {
      // each step (with the stepTemplate merged under it) and sidecar, which runs beside the steps and may mount a workspace too
      const applying = views(task).filter((v) => v.role !== 'stepTemplate' && isObject(v.container)).map((v) => {
        const mounts = workspaceMounts(v.taskSpec);
        const names = asArray(v.taskSpec?.workspaces).map((w) => w?.name).filter((n): n is string => typeof n === 'string' && n !== '');
        return { kind: v.role, name: v.designation, applied: appliedBy(v.role === 'step' ? v.effective : v.container, task, v.taskSpec, mounts, names) };
      })
        .filter((s) => s.applied !== undefined);
      // each step (or sidecar) that sets a workload's image to one without a digest
      problems.push(...views(task).filter((v) => v.role !== 'stepTemplate' && isObject(v.container)).flatMap((v) => {
        const set = setsUnpinnedImage(v.role === 'step' ? v.effective : v.container);
        return set === undefined ? [] : [{
          location: `${place.prefix}task '${jsString(task.name)}' ${v.role} '${v.designation}'`,
          target: `${place.targetPrefix}task/${jsString(task.name)}`,
          property: set.property,
          value: set.image,
          problem: `sets a workload's image to ${set.image} (${set.how}), which names no digest, in a pipeline whose task '${jsString(verifier.task.name)}' `
            + 'verifies an image with cosign: a tag moved after the verification, or an image nothing verified, is deployed',
          fix: `Set the image by the digest verified (\`<repository>@$(tasks.${jsString(verifier.task.name)}.results.digest)\`).`,
        }];
      }));
      // each step (or sidecar) that applies them is a finding of its own
      problems.push(...applying.map((applied) => ({
        location: `${place.prefix}task '${jsString(task.name)}' ${applied.kind} '${applied.name}'`,
        target: `${place.targetPrefix}task/${jsString(task.name)}`,
        property: applied.applied!.property,
        value: applied.applied!.value,
        problem: (applied.applied!.chart ? 'installs the Helm chart a workspace holds as written (its templates and values), '
          : `applies the ${applied.applied!.patch ? 'patch' : 'manifests'} ${applied.applied!.url ? 'a URL serves' : 'a workspace holds'} as written${
            applied.applied!.reason === undefined ? '' : ` (${applied.applied!.reason})`}, `)
          + (applied.applied!.via === undefined ? ''
            : `if ${applied.applied!.via} (a variable, a command substitution or a function, not read here) runs ${applied.applied!.chart ? 'helm' : 'kubectl'} with its arguments, `)
          + (applied.applied!.image === undefined ? ''
            : `if its image ${applied.applied!.image} (the run's choice, not known here) runs ${applied.applied!.chart ? 'helm' : 'kubectl'} with its args, `)
          + `in a pipeline whose task '${jsString(verifier.task.name)}' verifies an image with cosign: an image they name that nothing `
          + 'verified, or a tag moved after the verification, is deployed',
        ...(library ? {} : { fix: yamlFix(verifier.task.name) }),
      })));
    }
    return problems;
  },
);
