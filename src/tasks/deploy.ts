import { Construct } from 'constructs';
import { ImageVerify } from './image-verify';
import { requirePinnedImage, taskRefusal, typeText } from './refusal';
import { ApiVerb, GrantedRule } from '../identity/least-privilege-service-account';
import { EgressPeer, EgressPort } from '../network/egress-policy';
import { ParamConstraint } from '../pipeline/param';
import { PipelineTask } from '../pipeline/secure-pipeline';
import { SecureTask } from '../pipeline/secure-task';
import { StepProps } from '../pipeline/step';
import { TrustDomain } from '../pipeline/trust-domain';
import { RefusalOptions } from '../policy/engine/construct-policy';
import type { Attribution } from '../policy/engine/enforcement';
import { Finding } from '../policy/rule';
import { RuleId } from '../policy/rule-id';
import { formatCidr, maskTo, parseCidr, strictCidrText } from '../private/cidr';
import { registerConstructKind } from '../private/construct-kinds';
import { SMALL_STEP_RESOURCES } from '../private/defaults';
import { recordGrantOrigin } from '../private/grant-origins';
import { coreGroupName, coreResourceName } from '../private/grant-shapes';
import { lowerCasedDigest, PINNED_IMAGE, registryOf, repositoryOf, REPOSITORY, SHA256_DIGEST } from '../private/image-references';
import { ALPINE_IMAGE, KUBECTL_IMAGE } from '../private/images';
import { isDns1123Subdomain } from '../private/names';
import { UPPER_CASE_DIGEST } from '../private/remote-refs';

const KIND = 'Deploy';
/** A relative path inside a workspace: segments that never start with "." (so never ".."), or "." itself. */
const RELATIVE_PATH = /^(\.|[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*)$/;
/** `image` as the constructor takes it, and an entry of `otherImages`. */
const REPOSITORY_RE = new RegExp(REPOSITORY);
const PINNED_IMAGE_RE = new RegExp(PINNED_IMAGE);
/** The `digest` result of a pipeline task, as a pipeline task's param value refers to it. */
const DIGEST_RESULT = /^\$\(tasks\.([a-z0-9-]+)\.results\.digest\)$/;
/** The field manager of the server-side apply: the owner of the fields the task sets. */
const FIELD_MANAGER = 'tekton-deploy';
/** The param `image-digest`: a sha256 digest, nothing around it. */
const DIGEST = `^${SHA256_DIGEST}$`;
/** Where the steps of a Deploy with `image` hand the manifests on: the scratch emptyDir every step mounts at /tmp. */
const WORK = '/tmp/deploy';
const RENDERED = `${WORK}/rendered.yaml`;
const PINNED = `${WORK}/pinned.yaml`;
/** A pipeline task name that reads as a JavaScript identifier in a fix. */
const IDENTIFIER = /^[a-z][a-z0-9]*$/;

/**
 * Copies the files `kubectl apply --recursive` reads (a file named directly; under a directory,
 * every `.yaml`, `.yml` and `.json` file) into a kustomization of their own, under names of its
 * own: kustomize then reads them as one set of objects and writes them out in one canonical form.
 */
const PREPARE_SCRIPT = String.raw`#!/bin/sh
set -eu
rm -rf ${WORK} && mkdir -p ${WORK}/in/m
if { [ ! -d "$MANIFESTS" ] && [ ! -f "$MANIFESTS" ]; } || [ -L "$MANIFESTS" ]; then
  echo "Deploy '$DEPLOY': path $MANIFESTS is no file or directory of the manifests workspace (or a symbolic link) [VALID_SPEC]. Give the path of the manifests in the workspace." >&2; exit 1
fi
# a directory of the path may be a symbolic link out of the workspace (deploy -> /): kubectl would read what it names
root="$(realpath "$WORKSPACE")"; real="$(realpath "$MANIFESTS")"
case "$real" in
  "$root" | "$root"/*) ;;
  *) echo "Deploy '$DEPLOY': path $MANIFESTS is $real through a symbolic link, outside the manifests workspace $root [VALID_SPEC]. Commit the directories of the path themselves, not links to them." >&2; exit 1 ;;
esac
# the files are numbered as they come (the loop below reads its input in this shell, so n holds)
n=0
copy() { n=$((n + 1)); cp "$1" "${WORK}/in/m/$n.yaml"; }
if [ -d "$MANIFESTS" ]; then
  # kubectl reads a symbolic link as the file it names, which may be outside the workspace: refused
  link="$(find "$MANIFESTS" -type l \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) | head -n 1)"
  [ -z "$link" ] || { echo "Deploy '$DEPLOY': the manifests hold a symbolic link, $link: kubectl would read the file it names, maybe outside the workspace [VALID_SPEC]. Commit the file itself." >&2; exit 1; }
  find "$MANIFESTS" -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) | sort > ${WORK}/files
  while IFS= read -r f; do copy "$f"; done < ${WORK}/files
else
  copy "$MANIFESTS"
fi
{ echo 'resources:'; ls ${WORK}/in/m | sort -n | sed 's|^|- m/|'; } > ${WORK}/in/kustomization.yaml
`;

/**
 * Reads kustomize's canonical output (block style, one key a line, anchors and merge keys
 * resolved, keys unquoted) line by line: every `image:` field outside a block scalar must be the verified
 * `<repository>@<digest>`, the repository alone (pinned to it here), or one of `otherImages`;
 * anything else fails the task, naming the object and the value. So do, named with their
 * object, what makes OpenShift replace the images after the apply: the keys
 * `image.openshift.io/triggers` (the image trigger controller sets the containers' images
 * from the ImageStreamTags it names) and `alpha.image.policy.openshift.io/resolve-names` (the
 * image policy resolves them through ImageStreams), and a DeploymentConfig's ImageChange
 * trigger (`imageChangeParams`, `type: ImageChange`). The digest is not checked
 * again here: the task's first step (validate-params, from the param's constraint) fails the
 * task on any value that is not one line of `sha256:<64 hex>`, and Tekton then skips every
 * later step (none sets `onError`).
 */
const PIN_SCRIPT = String.raw`#!/bin/sh
set -eu
# DIGEST is one line, sha256:<64 hex>: the validate-params step, which runs first and stops the task, checked it
awk '
# what of the object read makes OpenShift replace its images after the apply
function flush(  i) {
  for (i = 0; i < found; i++) {
    printf "Deploy %s%s%s manifest %s: %s makes OpenShift set the image of its containers from an ImageStreamTag after the apply, over the digest verified, %s [IMAGE_DIGEST]. %s: the task pins every image of %s to the digest verified.\n", q, deploy, q, (kind == "" ? "an object" : kind "/" name), what[i], ENVIRON["DIGEST"], fix[i], repo > "/dev/stderr"
  }
  found = 0; trigger = 0
}
BEGIN {
  repo = ENVIRON["REPOSITORY"]; pinned = repo "@" ENVIRON["DIGEST"]; deploy = ENVIRON["DEPLOY"]
  n = split(ENVIRON["OTHER_IMAGES"], list, " "); for (i = 1; i <= n; i++) other[list[i]] = 1
  block = -1; bad = 0; kind = ""; name = ""; meta = 0; q = sprintf("%c", 39); found = 0; trigger = 0
}
{
  line = $0
  # the lines of a block scalar (a multi-line string) are text, not fields
  if (block >= 0) {
    match(line, /^ */)
    if (line ~ /^ *$/ || RLENGTH > block) { print line; next }
    block = -1
  }
  if (line ~ /^---/) { flush(); kind = ""; name = ""; meta = 0 }
  else if (line ~ /^kind: /) kind = substr(line, 7)
  else if (line ~ /^metadata:/) meta = 1
  else if (line ~ /^[^ #]/) meta = 0
  else if (meta && line ~ /^  name: /) name = substr(line, 9)
  # kustomize writes block style: a flow collection (but an empty one) could hide an image field from this reading
  if (line ~ /^ *(- )*([^ #][^ ]*: )?[[{]/ && line !~ /: (\{\}|\[\])$/ && line !~ /^ *(- )*(\{\}|\[\])$/) {
    printf "Deploy %s%s%s manifest %s: the line \"%s\" of kubectl kustomize%ss output is in flow style, which this step does not read [VALID_SPEC]. Write the manifest in block style.\n", q, deploy, q, (kind == "" ? "an object" : kind "/" name), line, q > "/dev/stderr"
    bad = 1; print line; next
  }
  # what makes OpenShift set the image of a container after the apply, over the pinned one: an image trigger annotation
  # (the trigger controller writes the image an ImageStreamTag names), the resolve-names annotation of the image policy,
  # an ImageChange trigger of a DeploymentConfig; kustomize keeps the quotes of a key. Reported once the name is read
  key = line; sub(/^ *(- )*/, "", key)
  if (substr(key, 1, 1) == "\"" || substr(key, 1, 1) == q) key = substr(key, 2)
  if (key ~ ("^(image\\.openshift\\.io/triggers|alpha\\.image\\.policy\\.openshift\\.io/resolve-names)[\"" q "]?:( |$)")) {
    sub(("[\"" q "]?:( .*)?$"), "", key)
    what[found] = "annotation " key; fix[found++] = "Remove the annotation"; bad = 1
  }
  if (key ~ ("^imageChangeParams[\"" q "]?:( |$)") || (kind == "DeploymentConfig" && key ~ ("^type: [\"" q "]?ImageChange[\"" q "]?$"))) {
    if (!trigger) { what[found] = "an ImageChange trigger in spec.triggers"; fix[found++] = "Remove the ImageChange trigger (keep type: ConfigChange)" }
    trigger = 1; bad = 1
  }
  object = (kind == "" ? "an object" : kind "/" name)
  if (match(line, /^ *(- )*image:( |$)/)) {
    prefix = line; sub(/:.*$/, ":", prefix)
    value = substr(line, length(prefix) + 1); sub(/^ /, "", value)
    image = value
    # a quoted value: its text when it holds no escape
    inner = substr(image, 2, length(image) - 2)
    if (length(image) >= 2 && ((image ~ /^".*"$/ && inner !~ /["\\]/) || (substr(image, 1, 1) == q && substr(image, length(image)) == q && index(inner, q) == 0))) image = inner
    if (image == pinned || image in other) { print line; next }
    if (image == repo) { print prefix " " pinned; next }
    if (index(image, repo ":") == 1 || index(image, repo "@") == 1) {
      printf "Deploy %s%s%s manifest %s: image \"%s\" names %s with another tag or digest than the one verified, %s: the task deploys that digest only [IMAGE_DIGEST]. Write image: %s (the repository alone): the task pins it to the digest verified.\n", q, deploy, q, object, value, repo, ENVIRON["DIGEST"], repo > "/dev/stderr"
    } else {
      printf "Deploy %s%s%s manifest %s: image \"%s\" is not of %s, and not one of otherImages, so nothing verified it [IMAGE_DIGEST]. Write image: %s, or add the image, pinned by digest, to the Deploy%ss otherImages.\n", q, deploy, q, object, value, repo, repo, q > "/dev/stderr"
    }
    bad = 1; print line; next
  }
  # a block scalar starts: "key: |" (its lines are indented past the key), "- |" (past the dash)
  if (match(line, /: [|>][-+0-9]*$/)) { match(line, /^ *(- )*/); block = RLENGTH }
  else if (match(line, /^ *(- )+[|>][-+0-9]*$/)) { match(line, /[|>][-+0-9]*$/); block = RSTART - 3 }
  print line
}
END { flush(); exit bad }
' ${RENDERED} > ${PINNED}
`;

/**
 * One object the manifests may create or change, by name.
 *
 * @example
 * const object: DeployObject = { apiGroup: 'apps', resource: 'deployments', name: 'app' };
 */
export interface DeployObject {
  /** API group. @default '' (the core group) */
  readonly apiGroup?: string;
  /** Resource type, plural and lower case, e.g. `deployments`. */
  readonly resource: string;
  /** `metadata.name` of the object. */
  readonly name: string;
}

/**
 * Props of a Deploy.
 */
export interface DeployProps {
  /** `metadata.name` of the Task. @default - the construct id */
  readonly name?: string;
  /**
   * The objects the manifests create or change, by name: the only objects the
   * task's ServiceAccount may touch (see `grantTo`).
   */
  readonly objects: DeployObject[];
  /**
   * The manifests (a file or a directory, read recursively) relative to the
   * `manifests` workspace. Written into the Task, not a param: kubectl is a
   * command runner, so no run-time value reaches its arguments. kubectl applies
   * every `.yaml`, `.yml` and `.json` file under a directory and fails the task on
   * one that is not a Kubernetes object (a CI workflow, a `package.json`): when the
   * workspace is the checkout, name the directory that holds the manifests alone.
   * @default "." - the whole workspace: bind one that holds manifests only
   */
  readonly path?: string;
  /** The kubectl image, pinned by digest. @default - kubectl v1.31.2 from registry.k8s.io, pinned by digest */
  readonly kubectlImage?: string;
  /**
   * The repository of the image the pipeline built, pushed and verified, with its
   * registry and without tag or digest (e.g. `registry.example.com/team/app`), as the
   * manifests name it. The task then declares the param `image-digest`, which each
   * pipeline task that runs it must take from an `ImageVerify`'s result
   * (`verify.result('digest')`: Tekton runs the deploy after the verification, and
   * skips it when the verification did not run) or give as a literal `sha256:<64 hex>`;
   * synth refuses any other value. Before anything is applied, every `image` field of
   * the manifests that is this repository alone is set to `<image>@<image-digest>`; the
   * task fails, applying nothing, when one names this repository with a tag or another
   * digest, or names an image that is neither this repository nor one of
   * `otherImages`, and when a manifest holds an `image.openshift.io/triggers` or
   * `alpha.image.policy.openshift.io/resolve-names` annotation or a DeploymentConfig's
   * `ImageChange` trigger (OpenShift would set the images from an ImageStreamTag after
   * the apply). The manifests are read by kustomize (`kubectl kustomize`) and
   * applied as it writes them.
   * @default - the manifests are applied as they are: nothing ties the images they name to the image verified,
   * and a pipeline that also verifies an image is refused (DEPLOY_VERIFIED_IMAGE) until it relaxes the rule
   */
  readonly image?: string;
  /**
   * Images of other repositories the manifests may name (a sidecar, an init
   * container), each pinned by digest (`<repository>@sha256:<64 hex>`), written as the
   * manifests write them. Only with `image`.
   * @default - none: every image of the manifests is `image`
   */
  readonly otherImages?: string[];
}

/**
 * How a pipeline task that runs a Deploy reaches the API server.
 */
export interface DeployGrantOptions {
  /**
   * The API server's endpoint addresses as the pod's NetworkPolicy sees them (the
   * endpoints of the `kubernetes` Service, `kubectl get endpoints kubernetes`), as
   * CIDR blocks: the only egress the task gets besides DNS.
   */
  readonly apiServerCidrs: string[];
  /** The port of those endpoints (often 6443 on self-managed clusters). @default 443 */
  readonly apiServerPort?: number;
}

/**
 * A trusted task that applies manifests with `kubectl apply --server-side` into
 * the run's namespace, with a ServiceAccount that may change only the objects it
 * names.
 *
 * - workspaces: `manifests` (read-only), e.g. the checkout or a rendered output;
 *   `path` (a prop, never `..`) names the file or directory to apply in it.
 *
 * `grantTo(pipelineTask, options)` grants the pipeline's ServiceAccount `patch` and
 * `create` on exactly the named objects (a server-side apply creates an object with
 * a PATCH that names it, so `create` can be limited by name; a plain `create`
 * carries no name and matches no rule), mounts its token in this task's pod alone,
 * and gives the task egress to the API server only. Objects without a namespace go
 * to the run's namespace (kubectl's default in a pod), where the Role is: a
 * manifest of another namespace is refused by RBAC. Writing workloads
 * (deployments, statefulsets, jobs …) lets the task start pods as any
 * ServiceAccount of the namespace: the catalogue refuses it
 * (RBAC_NO_ESCALATION) until the pipeline relaxes it with its reason. The token is
 * the pipeline's ServiceAccount's: grant it nothing else (credentials reach the
 * other tasks as workspaces, which the kubelet mounts without any grant).
 *
 * kubectl runs as UID 65532 with a read-only root filesystem; its discovery cache
 * is in `$HOME`, an emptyDir.
 *
 * With `image` (the repository of the image the pipeline built and verified), the task
 * deploys exactly the digest an `ImageVerify` verified, whatever the manifests or a
 * moved tag say: it takes the param `image-digest` (pass `verify.result('digest')`;
 * synth refuses a value that is neither an ImageVerify's `digest` result nor a literal
 * `sha256:<64 hex>`), and before anything is applied
 * - a step copies the manifests (the files `kubectl apply --recursive` would read) into a
 *   kustomization of their own, refusing a symbolic link, and a `path` a linked directory
 *   of which leads out of the workspace;
 * - `kubectl kustomize` reads them and writes them out in one canonical form;
 * - a step sets every `image` field that names the repository alone to
 *   `<image>@<image-digest>`, and fails the task, naming the object and the value, when
 *   one names the repository with a tag or another digest, or names an image that is
 *   neither the repository nor one of `otherImages`; it fails the task too, naming the
 *   object, on what makes OpenShift set the images after the apply from an ImageStreamTag
 *   (which may name another namespace, and moves): an `image.openshift.io/triggers` or
 *   `alpha.image.policy.openshift.io/resolve-names` annotation (on the object or its pod
 *   template), and a DeploymentConfig's `ImageChange` trigger (`spec.triggers`, its
 *   `imageChangeParams`). Remove them: the digest verified is the one the task deploys;
 * - kubectl applies what that step wrote.
 * Write the manifests' image as the repository alone (`image: registry.example.com/team/app`).
 * The two steps that read and pin run busybox in Alpine (pinned by digest), hardened like
 * kubectl's; values reach them through env only.
 *
 * The apply does not force conflicts: a field that another field manager set to
 * another value (an earlier `kubectl apply` without `--server-side`, Helm, an HPA's
 * `replicas`) fails the task with kubectl's list of conflicts. Take such fields over
 * once by hand (`kubectl apply --server-side --field-manager=tekton-deploy
 * --force-conflicts`), or leave them out of the manifests.
 *
 * @example
 * declare const pipeline: SecurePipeline;
 * declare const verify: PipelineTask; // the ImageVerify task
 * const deploy = new Deploy(chart, 'deploy', {
 *   objects: [{ apiGroup: 'apps', resource: 'deployments', name: 'app' }, { resource: 'services', name: 'app' }],
 *   path: 'deploy',
 *   // the manifests name image: registry.example.com/team/app; the task pins it to the digest verified
 *   image: 'registry.example.com/team/app',
 * });
 * const task = pipeline.addTask({ task: deploy, parameters: { 'image-digest': verify.result('digest') }, workspaces: { manifests: 'source' } });
 * deploy.grantTo(task, { apiServerCidrs: ['10.0.0.1/32'], apiServerPort: 6443 });
 */
export class Deploy extends SecureTask {
  /** The objects the task may create or change. */
  public readonly objects: DeployObject[];
  /** The repository whose images the task pins to the digest verified. @default - none: the manifests are applied as they are */
  public readonly image?: string;
  /** Images of other repositories the manifests may name, pinned by digest. */
  public readonly otherImages: string[];

  /** The API server endpoints (`<cidr> <port>`) each pipeline task was given egress to: several pipelines may name a task alike. */
  private readonly egressGranted = new Map<PipelineTask, Set<string>>();
  private readonly granted = new Set<object>();

  constructor(scope: Construct, id: string, props: DeployProps) {
    checkObjects(scope, id, props);
    const path = props.path ?? '.';
    if (typeof path !== 'string' || !RELATIVE_PATH.test(path)) {
      throw taskRefusal(scope, id, KIND, {
        property: 'path',
        value: textOf(path),
        problem: typeof path === 'string' ? 'is not a path relative to the manifests workspace (segments may not start with ".")' : `is ${typeText(path)}, not a path`,
        rule: RuleId.VALID_SPEC,
        fix: "Give a relative path such as 'deploy' or 'deploy/app.yaml'.",
      });
    }
    requirePinnedImage(scope, id, KIND, 'kubectlImage', props.kubectlImage);
    checkImages(scope, id, props);
    const kubectl = props.kubectlImage ?? KUBECTL_IMAGE;
    const kubectlResources = { cpuRequest: '50m', cpuLimit: '500m', memoryRequest: '64Mi', memoryLimit: '256Mi' };
    const apply = (filename: string[]): StepProps => ({
      name: 'apply',
      image: kubectl,
      command: ['kubectl'],
      args: ['apply', '--server-side', `--field-manager=${FIELD_MANAGER}`, ...filename],
      resources: kubectlResources,
    });
    const deployPath = scope.node.path ? `${scope.node.path}/${id}` : id;
    const steps: StepProps[] = props.image === undefined
      ? [apply(['--recursive', `--filename=$(workspaces.manifests.path)/${path}`])]
      : [
        { name: 'prepare', image: ALPINE_IMAGE, resources: SMALL_STEP_RESOURCES, env: { MANIFESTS: `$(workspaces.manifests.path)/${path}`, WORKSPACE: '$(workspaces.manifests.path)', DEPLOY: deployPath }, script: PREPARE_SCRIPT },
        { name: 'render', image: kubectl, command: ['kubectl'], args: ['kustomize', `${WORK}/in`, `--output=${RENDERED}`], resources: kubectlResources },
        {
          name: 'pin',
          image: ALPINE_IMAGE,
          resources: SMALL_STEP_RESOURCES,
          env: { REPOSITORY: props.image, DIGEST: '$(params.image-digest)', OTHER_IMAGES: (props.otherImages ?? []).join(' '), DEPLOY: deployPath },
          script: PIN_SCRIPT,
        },
        apply([`--filename=${PINNED}`]),
      ];
    super(scope, id, {
      name: props.name,
      description: props.image === undefined
        ? `Apply the manifests (server-side) to the run's namespace; may change only: ${props.objects.map(describe).join(', ')}.`
        : `Apply the manifests (server-side) to the run's namespace, every image ${props.image} pinned to the digest verified; may change only: `
          + `${props.objects.map(describe).join(', ')}.`,
      trusted: true,
      parameters: props.image === undefined ? undefined : [{
        name: 'image-digest',
        description: `The digest of ${props.image} an ImageVerify verified, sha256:<hex>`,
        constraint: ParamConstraint.pattern(DIGEST, 'a sha256 digest'),
      }],
      workspaces: [{ name: 'manifests', domain: TrustDomain.SOURCE, readOnly: true, description: 'The manifests to apply' }],
      steps,
    });
    this.objects = props.objects.map((o) => ({ ...o }));
    this.image = props.image;
    this.otherImages = [...(props.otherImages ?? [])];
    // the digest deployed is one a verification produced, or one the pipeline wrote
    const image = props.image;
    if (image !== undefined) this._checkAtSynth(() => this._runBy.map((r) => r.pipelineTask).flatMap((t) => verifiedDigestProblems(t, image)));
    // without grantTo the pod has no token, no permission and no egress: kubectl apply cannot work
    this._checkAtSynth(() => this._runBy.map((r) => r.pipelineTask).filter((t) => !this.granted.has(t)).map((t) => ({
      location: `pipeline task '${t.name}'`,
      property: 'grantTo',
      problem: 'is not called for this pipeline task, so its pod gets no ServiceAccount token, no permission on the objects and no egress to the '
        + 'API server: kubectl apply fails on every run',
      rule: RuleId.VALID_SPEC,
      fix: 'Call grantTo with the PipelineTask addTask returned: deploy.grantTo(task, { apiServerCidrs: [\'<API server endpoint>/32\'] }) '
        + '(the endpoints of kubectl get endpoints kubernetes).',
    })));
  }

  /**
   * A pipeline that verifies an image while this Deploy applies the manifests as written: said
   * of `image`, which ties them to the digest verified.
   * @internal
   */
  public _pipelineTaskAttribution(finding: Finding, pipelineTask: { readonly name: string }): Attribution | undefined {
    if (finding.rule !== RuleId.DEPLOY_VERIFIED_IMAGE || this.image !== undefined || !(pipelineTask instanceof PipelineTask)) return undefined;
    const verifier = pipelineTask._pipeline.pipelineTasks.find((t) => t.task instanceof ImageVerify)?.name ?? 'verify';
    return {
      location: `task '${pipelineTask.name}' (Deploy '${this.node.path}')`,
      property: 'image',
      problem: `is not given, so the task ${finding.problem}`,
      fix: "Give the Deploy the repository the pipeline verifies, image: 'registry.example.com/team/app' (the manifests name it alone), and pass it the "
        + `digest verified: parameters: { 'image-digest': ${IDENTIFIER.test(verifier) ? verifier : 'verify'}.result('digest') } in its addTask.`,
      thenRelaxHint: true,
    };
  }

  /**
   * Let `pipelineTask` (which runs this Deploy) apply the named objects: `patch`
   * and `create` on each by name for the pipeline's ServiceAccount, the token
   * mounted in that task's pod only, and egress to the API server only.
   * Calling it twice is harmless.
   */
  public grantTo(pipelineTask: PipelineTask, options: DeployGrantOptions): GrantedRule[] {
    if (pipelineTask.task !== this) {
      throw taskRefusal(this.node.scope!, this.node.id, KIND, {
        property: 'grantTo',
        value: pipelineTask.name,
        problem: `runs task '${pipelineTask.task.name}', not this Deploy`,
        rule: RuleId.VALID_REFERENCE,
        fix: 'Pass the PipelineTask that addTask({ task: <this Deploy> }) returned.',
      });
    }
    if (pipelineTask._options.hermetic) {
      throw taskRefusal(this.node.scope!, this.node.id, KIND, {
        property: 'grantTo',
        value: pipelineTask.name,
        problem: 'runs this Deploy as a hermetic task (hermetic: true in its addTask), which has no egress, but kubectl apply needs the API server',
        rule: RuleId.VALID_SPEC,
        fix: 'Remove hermetic: true from the addTask({ task: <this Deploy>, ... }) options.',
      });
    }
    if (options.apiServerCidrs.length === 0) {
      throw taskRefusal(this.node.scope!, this.node.id, KIND, {
        property: 'apiServerCidrs',
        problem: 'is empty, so the task cannot reach the API server',
        rule: RuleId.VALID_SPEC,
        fix: 'Give the endpoint addresses of the kubernetes Service (kubectl get endpoints kubernetes), e.g. [\'10.0.0.1/32\'].',
      });
    }
    checkApiServer(this, options);
    const byResource = new Map<string, { apiGroup: string; resource: string; names: string[]; indices: number[] }>();
    this.objects.forEach((o, i) => {
      const key = `${o.apiGroup ?? ''}/${o.resource}`;
      const entry = byResource.get(key) ?? { apiGroup: o.apiGroup ?? '', resource: o.resource, names: [], indices: [] };
      entry.names.push(o.name);
      entry.indices.push(i);
      byResource.set(key, entry);
    });
    const rules = [...byResource.values()].map((r) => {
      const rule = pipelineTask.grantApi({
        apiGroup: r.apiGroup,
        resource: r.resource,
        verbs: [ApiVerb.PATCH, ApiVerb.CREATE],
        resourceNames: r.names,
      });
      // a finding on the grant is said of the objects the user named
      const named = r.indices.map((i) => `objects[${i}] (${describe(this.objects[i])})`).join(', ');
      recordGrantOrigin(rule, {
        made: `which Deploy '${this.node.path}' grantTo made for ${named}`,
        fix: `Take ${r.indices.length > 1 ? 'them' : 'it'} out of the Deploy's objects.`,
      });
      return rule;
    });
    this.granted.add(pipelineTask);
    const port = options.apiServerPort ?? 443;
    const granted = this.egressGranted.get(pipelineTask) ?? new Set<string>();
    this.egressGranted.set(pipelineTask, granted);
    for (const cidr of options.apiServerCidrs) {
      const key = `${cidr} ${port}`;
      if (granted.has(key)) continue;
      granted.add(key);
      pipelineTask.allowEgressTo(EgressPeer.cidr(cidr), [EgressPort.tcp(port)]);
    }
    return rules;
  }
}

/**
 * The API server's endpoints as grantTo takes them: a few addresses each, written as the
 * NetworkPolicy will hold them, never link-local (where a cloud's metadata service hands out
 * the node's credentials), and a port.
 */
function checkApiServer(deploy: Deploy, options: DeployGrantOptions): void {
  const refuse = (property: string, value: string, problem: string, fix: string) =>
    taskRefusal(deploy.node.scope!, deploy.node.id, KIND, { property, value, problem, rule: RuleId.VALID_SPEC, fix });
  const example = "e.g. apiServerCidrs: ['10.0.0.1/32'] (kubectl get endpoints kubernetes lists them)";
  options.apiServerCidrs.forEach((text, i) => {
    const cidr = parseCidr(text);
    if (cidr === undefined) throw refuse(`apiServerCidrs[${i}]`, String(text), 'is not a CIDR block (an address and a prefix length)', `Give each endpoint address as a CIDR block, ${example}.`);
    if (formatCidr(cidr) !== text || cidr.ambiguities.length > 0) {
      // an IPv4-mapped IPv6 address prints back as written, but network plugins read it differently and strict validation refuses it
      const canonical = strictCidrText(cidr);
      throw refuse(`apiServerCidrs[${i}]`, text, `is not written as the block it is (${canonical})`, `Write it as '${canonical}', or give each endpoint address, ${example}.`);
    }
    if (cidr.bits - cidr.prefix > 8) {
      throw refuse(`apiServerCidrs[${i}]`, text, `spans ${(2n ** BigInt(cidr.bits - cidr.prefix)).toLocaleString('en-US')} addresses, and the task would get egress to all of them: `
        + 'the API server\'s endpoints are a few addresses', `Give each endpoint address as a /${cidr.bits} block, ${example}.`);
    }
    if (LINK_LOCAL.some((l) => l.family === cidr.family && maskTo(cidr.network, l.prefix, l.bits) === l.network)) {
      throw refuse(`apiServerCidrs[${i}]`, text, 'is link-local, where a cloud\'s metadata service hands out the node\'s credentials, never the API server',
        `Give the endpoint addresses of the kubernetes Service, ${example}.`);
    }
  });
  const port = options.apiServerPort;
  if (port !== undefined && !(Number.isInteger(port) && port >= 1 && port <= 65535)) {
    throw refuse('apiServerPort', String(port), 'is not a port from 1 to 65535', 'Give the port of the kubernetes Service\'s endpoints, e.g. 6443, or leave apiServerPort out for 443.');
  }
}

/**
 * The `image-digest` a pipeline task passes a Deploy with `image`: a literal sha256 digest, or
 * the `digest` result of a pipeline task of the same pipeline that runs an ImageVerify (Tekton
 * runs the deploy after it, and skips it when it did not run).
 */
function verifiedDigestProblems(pipelineTask: { readonly name: string }, image: string): RefusalOptions[] {
  if (!(pipelineTask instanceof PipelineTask)) return [];
  const o = pipelineTask._options;
  // every value the task may run with: params, and the matrix's fan-out and includes
  const values = [
    o.parameters?.['image-digest'], ...(o.matrix?.parameters?.['image-digest'] ?? []), ...(o.matrix?.include ?? []).map((i) => i.parameters['image-digest']),
  ].filter((v): v is string => typeof v === 'string');
  // a literal is judged by the param's constraint (a sha256 digest) with the pipeline's other params; a missing param there too
  const given = values.find((v) => v.includes('$(') && !isVerifiedDigest(pipelineTask, v));
  if (given === undefined) return [];
  const reference = DIGEST_RESULT.exec(given);
  const source = reference ? pipelineTask._pipeline.pipelineTasks.find((t) => t.name === reference[1]) : undefined;
  const verifiers = pipelineTask._pipeline.pipelineTasks.filter((t) => t.task instanceof ImageVerify).map((t) => t.name);
  const example = verifiers.length > 0 ? verifiers[0] : 'verify';
  return [{
    location: `pipeline task '${pipelineTask.name}'`,
    property: o.parameters?.['image-digest'] === given ? "parameters['image-digest']"
      : (o.matrix?.parameters?.['image-digest'] ?? []).includes(given) ? "matrix.parameters['image-digest']" : "matrix.include[].parameters['image-digest']",
    value: given,
    problem: `is ${source !== undefined ? `a result of pipeline task '${source.name}', which runs no ImageVerify` : 'not the digest result of a pipeline task that runs an ImageVerify'}, `
      + `so nothing verified the ${image} it deploys`,
    rule: RuleId.VALID_REFERENCE,
    fix: `Pass the digest the verification wrote: parameters: { 'image-digest': ${example}.result('digest') } (the PipelineTask that runs the ImageVerify${verifiers.length > 0 ? `, here '${example}'` : ''}), `
      + "or a literal 'sha256:<64 hex>'.",
  }];
}

/** Whether `value` is the `digest` result of a pipeline task of the same pipeline that runs an ImageVerify. */
function isVerifiedDigest(pipelineTask: PipelineTask, value: string): boolean {
  const reference = DIGEST_RESULT.exec(value);
  return reference !== null && pipelineTask._pipeline.pipelineTasks.some((t) => t.name === reference[1] && t.task instanceof ImageVerify);
}

/** `image` is a repository with its registry, `otherImages` images of other repositories pinned by digest. */
function checkImages(scope: Construct, id: string, props: DeployProps): void {
  const refuse = (property: string, value: string | undefined, problem: string, fix: string, rule = RuleId.VALID_SPEC) =>
    taskRefusal(scope, id, KIND, { property, value, problem, rule, fix });
  const image = props.image;
  if (image !== undefined && (typeof image !== 'string' || !REPOSITORY_RE.test(image) || registryOf(image) === undefined)) {
    throw refuse('image', textOf(image), typeof image === 'string'
      ? 'is not a repository with its registry, without tag or digest, so the manifests cannot name it alike'
      : `is ${typeText(image)}, not a repository`,
    `Give the repository as the manifests name it, registry first, e.g. '${typeof image === 'string' && registryOf(repositoryOf(image)) !== undefined ? repositoryOf(image) : 'registry.example.com/team/app'}': the task pins it to the digest verified.`);
  }
  const others = props.otherImages;
  if (others === undefined) return;
  if (image === undefined) {
    throw refuse('otherImages', JSON.stringify(others), 'is given without image, so no manifest image is checked',
      "Give image, the repository of the image the pipeline verified, e.g. image: 'registry.example.com/team/app', or leave otherImages out.");
  }
  if (!Array.isArray(others)) throw refuse('otherImages', textOf(others), `is ${typeText(others)}, not a list of images`, "Give a list, e.g. ['registry.example.com/proxy@sha256:<64 hex>'].");
  others.forEach((other, i) => {
    // a digest in upper-case hex: pinned, but the kubelet refuses the reference
    const lowered = typeof other === 'string' ? lowerCasedDigest(other) : undefined;
    if (lowered !== undefined && PINNED_IMAGE_RE.test(lowered)) {
      throw refuse(`otherImages[${i}]`, other, `${UPPER_CASE_DIGEST}: the kubelet refuses the image, so no pod can run it`,
        `Write the digest in lower case: '${lowered}'.`);
    }
    if (typeof other !== 'string' || !PINNED_IMAGE_RE.test(other)) {
      throw refuse(`otherImages[${i}]`, textOf(other), 'is not an image pinned by digest, so what it runs could change after synth',
        `Pin it as the manifests will name it: '${typeof other === 'string' && other.trim() !== '' ? repositoryOf(other) : '<repository>'}@sha256:<64 hex>'.`, RuleId.IMAGE_DIGEST);
    }
    if (repositoryOf(other) === image) {
      throw refuse(`otherImages[${i}]`, other, `is of ${image}, the image the task pins to the digest verified`,
        'Take it out of otherImages: the manifests name image\'s repository alone.');
    }
  });
}

/** The link-local blocks. */
const LINK_LOCAL = ['169.254.0.0/16', 'fe80::/10'].map((c) => parseCidr(c)!);

/** A prop value as a refusal quotes it: a string as it is, anything else (a plain JavaScript caller's) as JSON. */
function textOf(value: unknown): string | undefined {
  return value === undefined || typeof value === 'string' ? value : JSON.stringify(value);
}

function describe(o: DeployObject): string {
  return `${o.resource}${o.apiGroup ? `.${o.apiGroup}` : ''}/${o.name}`;
}

function checkObjects(scope: Construct, id: string, props: DeployProps): void {
  const refuse = (property: string, value: string | undefined, problem: string, fix: string) =>
    taskRefusal(scope, id, KIND, { property, value, problem, rule: RuleId.VALID_SPEC, fix });
  // a caller in plain JavaScript may leave the required list out
  if (!Array.isArray(props.objects) || props.objects.length === 0) {
    throw refuse('objects', undefined, 'is empty, so the task may change nothing', "Name each object the manifests hold, e.g. { apiGroup: 'apps', resource: 'deployments', name: 'app' }.");
  }
  const seen = new Set<string>();
  props.objects.forEach((o, i) => {
    // RegExp.test reads a value that is no string as its text: undefined would pass as the resource 'undefined'
    if (typeof o.resource !== 'string' || !/^[a-z][a-z0-9]*$/.test(o.resource)) {
      throw refuse(`objects[${i}].resource`, textOf(o.resource), `is ${typeof o.resource === 'string' ? '' : `${typeText(o.resource)}, `}not a resource type (plural, lower case, e.g. deployments)`,
        'Use the plural resource name kubectl api-resources lists.');
    }
    if (o.apiGroup !== undefined && o.apiGroup !== '' && (typeof o.apiGroup !== 'string' || !/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/.test(o.apiGroup))) {
      throw refuse(`objects[${i}].apiGroup`, textOf(o.apiGroup), `is ${typeof o.apiGroup === 'string' ? '' : `${typeText(o.apiGroup)}, `}not an API group`,
        "Use the group without version, e.g. 'apps', or leave it out for the core group.");
    }
    const inert = coreGroupName(o.apiGroup ?? '') ?? coreResourceName(o.apiGroup ?? '', o.resource);
    if (inert !== undefined) {
      throw refuse(`objects[${i}].${inert.property}`, inert.value, `${inert.problem}, so the Role grantTo writes for it matches none of kubectl's calls (403 Forbidden)`,
        inert.fix.replace('to the grant', `to objects[${i}]`));
    }
    if (!isDns1123Subdomain(o.name)) {
      throw refuse(`objects[${i}].name`, o.name, 'is not an object name (a DNS-1123 subdomain)', 'Name one object exactly: no wildcards, no empty name.');
    }
    const key = `${o.apiGroup ?? ''}/${o.resource}/${o.name}`;
    if (seen.has(key)) throw refuse(`objects[${i}]`, describe(o), 'is named twice', 'Name each object once.');
    seen.add(key);
  });
}

registerConstructKind(Deploy, KIND);
