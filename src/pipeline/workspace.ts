import { TrustDomain } from './trust-domain';

/**
 * A workspace a task declares.
 */
export interface TaskWorkspace {
  /** Workspace name (a DNS-1123 label). */
  readonly name: string;
  /** What it holds; a CREDENTIALS workspace can only be declared by a trusted task. */
  readonly domain: TrustDomain;
  /** What the task does with it. @default - no description */
  readonly description?: string;
  /**
   * Mount it read-only. Credentials workspaces are always read-only. A run that binds
   * a new, empty volume (`RunWorkspace.volumeClaimTemplate`, `emptyDir`) to a workspace
   * that every task mounts read-only is refused: nothing could write it.
   * @default - true for CREDENTIALS, false otherwise
   */
  readonly readOnly?: boolean;
  /** The task works without it. @default false */
  readonly optional?: boolean;
  /** Where to mount it: an absolute path. @default - Tekton's `/workspace/<name>` */
  readonly mountPath?: string;
}

/**
 * A workspace a pipeline declares; each run binds a volume to it.
 */
export interface PipelineWorkspace {
  /** Workspace name (a DNS-1123 label). */
  readonly name: string;
  /** What it holds; it can only be bound to task workspaces of the same domain. */
  readonly domain: TrustDomain;
  /** What it is for. @default - no description */
  readonly description?: string;
  /** Runs may leave it unbound. @default false */
  readonly optional?: boolean;
}
