import { Duration } from 'cdk8s';
import { IStepAction } from './step-action-definition';
import { Relaxation } from '../policy/relaxation';

/**
 * Linux capabilities a step may add back (each one needs a relaxation of
 * DROP_ALL_CAPABILITIES).
 */
export enum Capability {
  /** Change file ownership. */
  CHOWN = 'CHOWN',
  /** Bypass file permission checks. */
  DAC_OVERRIDE = 'DAC_OVERRIDE',
  /** Bypass checks that the caller owns the file. */
  FOWNER = 'FOWNER',
  /** Keep set-user-ID bits when changing files. */
  FSETID = 'FSETID',
  /** Send signals to any process. */
  KILL = 'KILL',
  /** Create device files. */
  MKNOD = 'MKNOD',
  /** Bind ports below 1024. */
  NET_BIND_SERVICE = 'NET_BIND_SERVICE',
  /** Set file capabilities. */
  SETFCAP = 'SETFCAP',
  /** Change group IDs. */
  SETGID = 'SETGID',
  /** Change user IDs. */
  SETUID = 'SETUID',
  /** Use chroot. */
  SYS_CHROOT = 'SYS_CHROOT',
}

/**
 * What a task does when a step fails.
 */
export enum StepOnError {
  /** `stopAndFail`: the task fails and its later steps do not run. */
  STOP_AND_FAIL = 'stopAndFail',
  /**
   * `continue`: the task goes on and the step's exit code is recorded
   * (`$(steps.<name>.exitCode.path)`); a later step decides what the failure means.
   */
  CONTINUE = 'continue',
}

/**
 * CPU and memory a step requests and may use at most.
 */
export interface ComputeResources {
  /** CPU request. @default "100m" */
  readonly cpuRequest?: string;
  /** CPU limit. @default "1" */
  readonly cpuLimit?: string;
  /** Memory request. @default "128Mi" */
  readonly memoryRequest?: string;
  /** Memory limit. @default "512Mi" */
  readonly memoryLimit?: string;
}

/**
 * One step of a SecureTask. Hardened unless a loosening prop is set, and every
 * loosening needs a relaxation of its rule.
 *
 * @example
 * const step: StepProps = {
 *   name: 'test',
 *   image: 'docker.io/library/golang:1.23-alpine@sha256:d0b31558e6b3e4cc59f6011d79905835108c919143ebecc58f35965bf79948f4',
 *   env: { REVISION: '$(params.revision)' },
 *   script: '#!/bin/sh\nset -eu\necho "testing $REVISION"\ngo test ./...',
 * };
 */
export interface StepProps {
  /** Step name (a DNS-1123 label). */
  readonly name: string;
  /**
   * Image, pinned as `<repository>@sha256:<64 hex>` (a tag needs a relaxation of IMAGE_DIGEST).
   * @default - none; required unless `action` is set
   */
  readonly image?: string;
  /**
   * Run a StepAction instead of an image and script of its own (Tekton's `ref`): the
   * step then sets only its name, `actionParameters`, `resources`, `onError` and `timeout`.
   * It must be a SecureStepAction the app writes in the namespace the task runs in (synth
   * checks it there); any other IStepAction is refused, as its StepAction would run unchecked.
   * @default - the step runs its own image
   */
  readonly action?: IStepAction;
  /** Values for the StepAction's params: literals or `$(params.x)` of the task. @default - none */
  readonly actionParameters?: { [param: string]: string };
  /**
   * Script to run; it must start with a `#!` line. Params and results reach it only
   * through `env` (inline `$(params.x)` is refused).
   * @default - no script: `command` is run
   */
  readonly script?: string;
  /** Entrypoint; not together with `script`. @default - the image's entrypoint */
  readonly command?: string[];
  /** Arguments. @default - none */
  readonly args?: string[];
  /**
   * Environment variables; values may be `$(params.x)` or `$(tasks.t.results.r)` references, and
   * `$(NAME)` of another variable here, which the kubelet expands: the variables are written in the
   * order given, except that one another references comes before it (the kubelet expands only from
   * earlier ones).
   * @default - none
   */
  readonly env?: { [name: string]: string };
  /** Working directory: an absolute path, or one that starts with a reference such as `$(workspaces.source.path)`. @default - the image's */
  readonly workingDir?: string;
  /** CPU and memory requests and limits. @default - requests 100m / 128Mi, limits 1 / 512Mi */
  readonly resources?: ComputeResources;
  /** UID to run as; 0 needs a relaxation of RUN_AS_NON_ROOT. @default 65532 */
  readonly runAsUser?: number;
  /** GID to run as; 0 (the root group) needs a relaxation of RUN_AS_NON_ROOT. @default 65532 */
  readonly runAsGroup?: number;
  /** Capabilities to add back after dropping ALL; any needs a relaxation of DROP_ALL_CAPABILITIES. @default - none */
  readonly addCapabilities?: Capability[];
  /** Let the step write to its root filesystem; needs a relaxation of READ_ONLY_ROOT_FILESYSTEM. @default false */
  readonly writableRootFilesystem?: boolean;
  /**
   * Mount the task's scratch emptyDir volumes at `/tmp` and `$HOME` in this container.
   * Set it to `false` for a tool that leaves its mount points out of what it writes:
   * kaniko, for one, leaves every mount point of its container out of the image it
   * builds, so what a Dockerfile writes to `/tmp` would be missing from the image. With
   * a read-only root filesystem the tool then has nowhere to write, which
   * WRITABLE_SCRATCH reports; pair it with `writableRootFilesystem: true`. Not on a
   * step that runs a StepAction, nor in a task with one (the stepTemplate then mounts
   * both into every step).
   * @default true
   */
  readonly mountScratch?: boolean;
  /** Let processes gain privileges (setuid); needs a relaxation of NO_PRIVILEGE_ESCALATION. @default false */
  readonly allowPrivilegeEscalation?: boolean;
  /** What happens when this step fails (steps only, not sidecars). @default StepOnError.STOP_AND_FAIL */
  readonly onError?: StepOnError;
  /** Longest this step may run (steps only, not sidecars); at most the task's timeout in every pipeline that runs it. @default - no step timeout: the task's applies */
  readonly timeout?: Duration;
  /** Relaxations limited to this step. @default - none */
  readonly relaxations?: Relaxation[];
}
