import { IConstruct } from 'constructs';
import { TaskParam } from './param';
import { TaskWorkspace } from './workspace';

/**
 * How a pipeline task refers to its Task, written as its `taskRef`.
 */
export interface TaskReference {
  /** `kind` of the referenced object. @default - Task (written only for local references) */
  readonly kind?: string;
  /** `name` of a Task in the run's namespace (local references only). @default - none: a resolver finds the task */
  readonly name?: string;
  /** The resolver that fetches the task (`bundles`, `git`, `hub`, `cluster`). @default - none: a local reference */
  readonly resolver?: string;
  /** The resolver's params. @default - none */
  readonly resolverParameters?: { [name: string]: string };
}

/**
 * A task a pipeline can run: a `SecureTask` of this app, or a task fetched by a
 * resolver whose content the app checks (`RemoteTask`).
 */
export interface ITaskDefinition extends IConstruct {
  /** The Task's name: the default name of pipeline tasks that run it. */
  readonly name: string;
  /** Whether the task runs no user code and may receive credentials workspaces. */
  readonly trusted: boolean;
  /** Names of the declared params. */
  readonly paramNames: string[];
  /** The declared workspaces. */
  readonly workspaceDeclarations: TaskWorkspace[];
  /** How a pipeline task refers to it. */
  readonly taskReference: TaskReference;
  /** The declared param, or undefined. */
  param(name: string): TaskParam | undefined;
  /** The declared workspace, or undefined. */
  workspace(name: string): TaskWorkspace | undefined;
  /** Whether the task declares this result. */
  hasResult(name: string): boolean;
}
