import { Construct } from 'constructs';
import { checkEgressAtSynth, NeededEndpoint } from './egress-reach';
import { requirePinnedImage } from './refusal';
import { ParamConstraint } from '../pipeline/param';
import { PipelineTask } from '../pipeline/secure-pipeline';
import { SecureTask } from '../pipeline/secure-task';
import { TrustDomain } from '../pipeline/trust-domain';
import { RefusalOptions } from '../policy/engine/construct-policy';
import { RuleId } from '../policy/rule-id';
import { registerConstructKind } from '../private/construct-kinds';
import { SMALL_STEP_RESOURCES } from '../private/defaults';
import { HTTPS_ONLY_REGISTRY, registryOf, REPOSITORY_PATH, TAG } from '../private/image-references';
import { ALPINE_IMAGE, CRANE_IMAGE } from '../private/images';
import { PipelineOrder } from '../private/pipeline-order';

/**
 * An image reference to push to: registry, repository and an optional tag, no
 * digest (the registry computes it).
 */
const IMAGE_REFERENCE = `^${HTTPS_ONLY_REGISTRY}${REPOSITORY_PATH}(:${TAG})?$`;
/** Where crane writes the reference it pushed (`<repository>@sha256:<hex>`). */
const IMAGE_REFS = '/tmp/image-refs';

/**
 * Props of an ImagePush.
 */
export interface ImagePushProps {
  /** `metadata.name` of the Task. @default - the construct id */
  readonly name?: string;
  /** The crane image, pinned by digest. @default - crane v0.22.1, pinned by digest */
  readonly craneImage?: string;
}

/**
 * A trusted task that pushes the OCI image layout (or docker tarball) in its
 * `image` workspace with crane, and reports what it pushed under the result names
 * Tekton Chains reads, so that Chains signs the image and attests its provenance.
 *
 * - params: `image`, the reference to push to (`registry/repository[:tag]`, checked
 *   before crane runs). The registry is a DNS name with a dot, not `localhost` or
 *   `*.localhost`: crane (go-containerregistry) reaches a registry named by a private or
 *   loopback address, or `localhost:<port>`, over plain http when https fails, and would
 *   send the push credentials in clear;
 * - workspaces: `image` (read-only: the layout `ContainerBuild` wrote; the push must run
 *   after the task that writes it, `runAfter: [build]`, or synth refuses it) and
 *   `dockerconfig` (credentials: `config.json`; bind `RegistryCredential.workspace()`);
 *   this is the only task of the golden path that holds registry credentials;
 * - results: `IMAGE_URL` (the `image` param) and `IMAGE_DIGEST` (`sha256:<hex>`, the
 *   digest the registry stored). These are Chains' type hints: a TaskRun with both
 *   results is taken to have produced the image `IMAGE_URL@IMAGE_DIGEST`, which
 *   Chains signs (`artifacts.oci.*`) and names as the subject of the provenance
 *   (`artifacts.taskrun.*`). Other type hints: `IMAGES` (several images),
 *   `<name>_ARTIFACT_URI`/`<name>_ARTIFACT_DIGEST` and the object results
 *   `<name>_ARTIFACT_OUTPUTS`/`<name>_ARTIFACT_INPUTS` (`uri`, `digest`) for
 *   artifacts that are not images (src/tasks/README.md lists them).
 *
 * crane runs as UID 65532 with a read-only root filesystem and all capabilities
 * dropped; it reads the credentials through `DOCKER_CONFIG` and only parses the
 * layout (it runs nothing from it). Give its pipeline task egress to the registry
 * only: synth refuses a pipeline task that runs it when the pipeline's NetworkPolicies (its
 * `allowEgressTo`, `egress.allow`; none when `hermetic`) let it reach no destination on the
 * registry's TCP port, 443 unless a literal `image` param names another (an `image` a run
 * passes may name any port: then only a task that reaches no TCP port at all is refused).
 * Only the port is checked: the registry's addresses are resolved at run time. Chains pushes the signature with the registry Secret listed on the run's
 * ServiceAccount: `registry.allowChainsToPush(pipeline.serviceAccount)`.
 *
 * @example
 * declare const pipeline: SecurePipeline;
 * declare const build: PipelineTask; // the ContainerBuild task
 * const push = pipeline.addTask({
 *   task: new ImagePush(chart, 'image-push'),
 *   runAfter: [build],
 *   parameters: { image: '$(params.image)' },
 *   workspaces: { image: 'image', dockerconfig: 'registry-credentials' },
 * });
 * push.allowEgressTo(EgressPeer.cidr('203.0.113.0/24'), [EgressPort.tcp(443)]);
 */
export class ImagePush extends SecureTask {
  constructor(scope: Construct, id: string, props: ImagePushProps = {}) {
    requirePinnedImage(scope, id, 'ImagePush', 'craneImage', props.craneImage);
    super(scope, id, {
      name: props.name,
      description: 'Push the image layout built by an untrusted task (trusted: runs crane only); results IMAGE_URL and IMAGE_DIGEST for Chains.',
      trusted: true,
      parameters: [
        { name: 'image', description: 'Reference to push to: registry/repository[:tag]', constraint: ParamConstraint.pattern(IMAGE_REFERENCE, 'an image reference registry/repository[:tag] without digest, whose registry is a DNS name with a dot (not localhost or an IP address, which crane may reach over plain http) and whose repository path is lower case') },
      ],
      workspaces: [
        { name: 'image', domain: TrustDomain.OUTPUT, readOnly: true, description: 'OCI image layout (directory) or docker tarball' },
        { name: 'dockerconfig', domain: TrustDomain.CREDENTIALS, description: 'config.json with push access' },
      ],
      results: [
        { name: 'IMAGE_URL', description: 'The image pushed (Chains type hint)' },
        { name: 'IMAGE_DIGEST', description: 'Digest of the image pushed, sha256:<hex> (Chains type hint)' },
      ],
      steps: [
        {
          name: 'push',
          image: props.craneImage ?? CRANE_IMAGE,
          // crane reads <DOCKER_CONFIG>/config.json: the credentials workspace, read-only
          env: { DOCKER_CONFIG: '$(workspaces.dockerconfig.path)' },
          // ko puts the binary at /ko-app/<name> (the release images are built with ko)
          command: ['/ko-app/crane'],
          args: ['push', '$(workspaces.image.path)', '$(params.image)', `--image-refs=${IMAGE_REFS}`],
          resources: { cpuRequest: '100m', cpuLimit: '1', memoryRequest: '128Mi', memoryLimit: '512Mi' },
        },
        {
          name: 'results',
          image: ALPINE_IMAGE,
          env: { IMAGE: '$(params.image)' },
          resources: SMALL_STEP_RESOURCES,
          script: [
            '#!/bin/sh',
            'set -eu',
            `PUSHED="$(cat ${IMAGE_REFS})"`,
            'DIGEST="${PUSHED##*@}"',
            '# crane writes <repository>@<digest> of what the registry stored',
            'printf \'%s\' "$DIGEST" | grep -Eq \'^sha256:[a-f0-9]{64}$\' || { echo "crane reported $PUSHED" >&2; exit 1; }',
            'printf \'%s\' "$IMAGE" > "$(results.IMAGE_URL.path)"',
            'printf \'%s\' "$DIGEST" > "$(results.IMAGE_DIGEST.path)"',
          ].join('\n') + '\n',
        },
      ],
    });
    // the pipeline's NetworkPolicies must let each pipeline task that runs the push reach the registry's port
    const needs = { kind: 'ImagePush', subject: 'crane', failure: 'crane push fails on every run', role: 'the registry' };
    checkEgressAtSynth(this, needs, (t) => [registryEndpoint(t)]);
    // crane reads the layout another task writes: a push that does not run after that task reads an empty or half-written one
    this._checkAtSynth(() => this._runBy.flatMap(({ pipelineTask: t }) => (t instanceof PipelineTask ? unorderedLayout(t) : [])));
  }
}

/**
 * A push whose `image` workspace other tasks of its pipeline write, none of which runs before
 * it (as Tekton orders them: `runAfter` and result references): crane reads the layout
 * before it is written, or while it is. A workspace no other task binds is not judged (a
 * run may bind one that holds a layout already).
 */
function unorderedLayout(push: PipelineTask): RefusalOptions[] {
  const workspace = push._options.workspaces?.image;
  if (workspace === undefined) return [];
  const tasks = push._pipeline.pipelineTasks;
  const writers = tasks.filter((t) => t !== push && Object.entries(t._options.workspaces ?? {}).some(([declared, bound]) => bound === workspace
    && t.task.workspaceDeclarations.find((d) => d.name === declared)?.readOnly !== true));
  if (writers.length === 0) return [];
  const described = (t: PipelineTask) => ({
    name: t.name,
    runAfter: (t._options.runAfter ?? []).map((r) => (typeof r === 'string' ? r : r.name)),
    params: [t._options.parameters, t._options.arrayParameters, t._options.objectParameters],
    matrix: t._options.matrix,
    when: t._options.when?.map((w) => w.input),
  });
  const order = new PipelineOrder({
    tasks: tasks.filter((t) => !t.isFinally).map(described),
    finally: tasks.filter((t) => t.isFinally).map(described),
  });
  if (writers.some((w) => order.before(w.name, push.name))) return [];
  const names = writers.map((w) => w.name);
  const after = (push._options.runAfter ?? []).map((r) => (typeof r === 'string' ? r : r.name)).join(', ');
  return [{
    location: `pipeline task '${push.name}'`,
    property: 'runAfter',
    ...(after === '' ? {} : { value: after }),
    problem: `does not order it after ${names.map((n) => `'${n}'`).join(', ')}, which ${names.length > 1 ? 'write' : 'writes'} its image workspace '${workspace}': `
      + 'Tekton may start the push first, and crane reads a layout that is not written yet',
    rule: RuleId.VALID_SPEC,
    fix: `Run it after the task that writes the layout: runAfter: [${names[0]}] in its addTask options (the PipelineTask that addTask returned for '${names[0]}').`,
  }];
}

/**
 * The registry crane pushes to: the one a literal `image` param names (on 443 unless it names
 * a port), else one a run names, on a port it names.
 */
function registryEndpoint(task: PipelineTask): NeededEndpoint {
  const image = task._options.parameters?.image;
  if (typeof image === 'string' && new RegExp(IMAGE_REFERENCE).test(image)) {
    const registry = registryOf(image)!;
    const [, host, port] = /^([^:]*)(?::([0-9]+))?$/.exec(registry)!;
    return { host, port: port !== undefined ? Number(port) : 443, how: 'https, as its image param says' };
  }
  return { host: 'the registry of its image', fixPort: 443, how: 'https, to the registry of the image a run passes: port 443 unless it names another' };
}

registerConstructKind(ImagePush, 'ImagePush');
