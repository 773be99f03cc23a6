import { Construct } from 'constructs';
import { requirePinnedImage, taskRefusal, typeText } from './refusal';
import { ParamConstraint } from '../pipeline/param';
import { SecureTask } from '../pipeline/secure-task';
import { Capability } from '../pipeline/step';
import { TrustDomain } from '../pipeline/trust-domain';
import { RuleId } from '../policy/rule-id';
import { registerConstructKind } from '../private/construct-kinds';
import { KANIKO_IMAGE } from '../private/images';

const KIND = 'ContainerBuild';

/** A relative path inside a workspace: segments that never start with "." (so never ".."), or "." itself. */
const RELATIVE_PATH = '^(\\.|[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*)$';
/** A relative path to a file inside a workspace: RELATIVE_PATH without "." (the workspace itself). */
const RELATIVE_FILE = '^[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$';

/**
 * Props of a ContainerBuild.
 */
export interface ContainerBuildProps {
  /** `metadata.name` of the Task. @default - the construct id */
  readonly name?: string;
  /** The `dockerfile` param's default: the Dockerfile, relative to the `source` workspace. @default "Dockerfile" */
  readonly dockerfile?: string;
  /** The `context` param's default: the build context, relative to the `source` workspace. @default "." */
  readonly context?: string;
  /** The kaniko executor image, pinned by digest. @default - kaniko v1.27.6 (osscontainertools), pinned by digest */
  readonly kanikoImage?: string;
}

/**
 * A task that builds a container image from a Dockerfile with kaniko and writes
 * it as an OCI image layout to its `image` workspace. It holds no credentials and
 * pushes nothing: `ImagePush` pushes the layout from a separate, trusted task.
 *
 * - params: `dockerfile` and `context` (paths relative to `source`, never `..`);
 * - workspaces: `source` (read-only) and `image` (the OCI layout is written at its root);
 * - results: `digest` (the digest of the image built; deliberately not named
 *   `IMAGE_DIGEST`, so that Chains does not take this task for the one that
 *   published the image).
 *
 * **It cannot run in a namespace that enforces the Pod Security `restricted`
 * level.** kaniko unpacks the base image and runs the Dockerfile's `RUN` lines as
 * root, writes the layers over its own root filesystem, and needs CHOWN,
 * DAC_OVERRIDE, FOWNER, SETUID and SETGID to recreate file owners, and FSETID and
 * SETFCAP to recreate their setgid bits and file capabilities, as the `RUN` lines need
 * them too (without FSETID, `chmod` silently drops the setgid bit of a file of another
 * group, as package managers set; without SETFCAP, kaniko cannot unpack a file with
 * capabilities and `setcap` fails); its one step
 * therefore carries three relaxations (RUN_AS_NON_ROOT, READ_ONLY_ROOT_FILESYSTEM,
 * DROP_ALL_CAPABILITIES), each with its reason. Run the pipeline in a namespace at
 * `baseline` (the capabilities above are all in baseline's list), or build with
 * another builder. Privilege escalation stays off and seccomp stays RuntimeDefault.
 * The Dockerfile is repository code: this task is untrusted, gets no credentials
 * workspace, and base images are pulled anonymously (give its pipeline task egress
 * to the base images' registries). Synth does not check that egress, unlike the other
 * tasks': the registries are named in the Dockerfile, which it does not read, and a
 * build `FROM scratch` reaches none (the task never pushes).
 *
 * kaniko leaves every mount point of its container (and what is under it) out of the
 * image: so the build step, unlike the steps of other tasks, mounts no emptyDir at
 * `/tmp` or `$HOME` (what the Dockerfile writes to `/tmp` or `/home/tekton` stays in the
 * image; kaniko itself only reads under `$HOME`, where it looks for registry
 * configuration, and writes its own files under `/kaniko`, which it puts in no layer). Tekton mounts its own volumes at `/workspace` and `/tekton` in every step, and
 * the workspaces are mounted there: what a Dockerfile writes under those two paths is
 * left out of the image, as with any kaniko build on Tekton.
 *
 * @example
 * declare const pipeline: SecurePipeline;
 * declare const clone: PipelineTask; // the GitClone task
 * const build = pipeline.addTask({
 *   task: new ContainerBuild(chart, 'container-build'),
 *   runAfter: [clone],
 *   workspaces: { source: 'source', image: 'image' },
 * });
 */
export class ContainerBuild extends SecureTask {
  constructor(scope: Construct, id: string, props: ContainerBuildProps = {}) {
    const paths = ParamConstraint.pattern(RELATIVE_PATH, 'a path relative to the source workspace, without ".." or hidden segments');
    const files = ParamConstraint.pattern(RELATIVE_FILE, 'a file relative to the source workspace, without ".." or hidden segments');
    for (const [property, value, constraint] of [['dockerfile', props.dockerfile, files], ['context', props.context, paths]] as const) {
      // a plain JavaScript caller may pass something else than a string
      if (value !== undefined && (typeof value !== 'string' || !constraint.accepts(value))) {
        throw taskRefusal(scope, id, KIND, {
          property,
          value: typeof value === 'string' ? value : JSON.stringify(value),
          problem: typeof value !== 'string' ? `is ${typeText(value)}, not a path`
            : property === 'dockerfile' && value === '.' ? 'is the source workspace itself, not a file in it'
              : `is not a ${property === 'dockerfile' ? 'file' : 'path'} relative to the source workspace (segments may not start with ".")`,
          rule: RuleId.VALID_SPEC,
          fix: `Give a relative path such as '${property === 'dockerfile' ? 'docker/Dockerfile' : 'app'}'.`,
        });
      }
    }
    requirePinnedImage(scope, id, KIND, 'kanikoImage', props.kanikoImage);
    super(scope, id, {
      name: props.name,
      description: 'Build a container image with kaniko into an OCI layout (no credentials, no push). Needs a namespace at the baseline Pod Security level.',
      parameters: [
        { name: 'dockerfile', description: 'Dockerfile, relative to the source workspace', defaultValue: props.dockerfile ?? 'Dockerfile', constraint: files },
        { name: 'context', description: 'Build context, relative to the source workspace', defaultValue: props.context ?? '.', constraint: paths },
      ],
      workspaces: [
        { name: 'source', domain: TrustDomain.SOURCE, readOnly: true, description: 'The checkout' },
        { name: 'image', domain: TrustDomain.OUTPUT, description: 'The image built, as an OCI image layout' },
      ],
      results: [{ name: 'digest', description: 'Digest of the image built (not pushed)' }],
      // no /tmp or $HOME emptyDir: kaniko would leave those paths out of the image
      steps: [{
        name: 'build',
        image: props.kanikoImage ?? KANIKO_IMAGE,
        command: ['/kaniko/executor'],
        args: [
          '--dockerfile=$(workspaces.source.path)/$(params.dockerfile)',
          '--context=dir://$(workspaces.source.path)/$(params.context)',
          '--no-push',
          '--oci-layout-path=$(workspaces.image.path)',
          '--digest-file=$(results.digest.path)',
        ],
        resources: { cpuRequest: '500m', cpuLimit: '2', memoryRequest: '512Mi', memoryLimit: '4Gi' },
        // root with the root group, as the Dockerfile's RUN lines expect: files they create belong to 0:0
        runAsUser: 0,
        runAsGroup: 0,
        writableRootFilesystem: true,
        mountScratch: false,
        // the tool profile TOOL_REQUIREMENTS checks (src/private/tool-profiles.ts): kaniko's, which the Dockerfile's RUN lines
        // need too: FSETID (without it chmod silently drops the setgid bit of a file of another group, as dpkg sets on crontab
        // or wall) and SETFCAP (setcap, e.g. cap_net_bind_service for a server that runs as non-root)
        addCapabilities: [
          Capability.CHOWN, Capability.DAC_OVERRIDE, Capability.FOWNER, Capability.SETUID, Capability.SETGID, Capability.FSETID, Capability.SETFCAP,
        ],
      }],
    });
    // only while the step runs kaniko as written here: a patch that changes it drops them
    this._relaxEmittedStep('build', [
      { rule: RuleId.RUN_AS_NON_ROOT, reason: 'kaniko unpacks the base image and runs the Dockerfile as root; the task holds no credentials and pushes nothing' },
      { rule: RuleId.READ_ONLY_ROOT_FILESYSTEM, reason: 'kaniko builds the image by writing its layers over its own root filesystem' },
      {
        rule: RuleId.DROP_ALL_CAPABILITIES,
        reason: 'kaniko needs CHOWN, DAC_OVERRIDE, FOWNER, SETUID and SETGID to recreate the owners of the files it unpacks, and FSETID '
          + 'and SETFCAP their setgid bits and file capabilities, as the Dockerfile\'s RUN lines do in a docker build',
      },
    ]);
  }
}

registerConstructKind(ContainerBuild, KIND);
