/**
 * Whether an object of the library is written by an app: a reference by name (a
 * pipeline task's `taskRef.name`, a run's `pipelineRef.name`) runs whatever object of
 * that name the run's namespace holds, so trust given to the object the construct
 * made holds only while the app writes it.
 */
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';

/** Why an app does not write an object. */
export enum NotWritten {
  /** The object belongs to another App. */
  ANOTHER_APP = 'another-app',
  /** The object, or a construct above it, was taken out of the tree. */
  REMOVED = 'removed',
}

/** Why `app` does not write `apiObject`, or undefined when it does (it is in the app's tree). */
export function notWritten(apiObject: ApiObject, app: IConstruct): NotWritten | undefined {
  if (apiObject.node.root !== app.node.root) return NotWritten.ANOTHER_APP;
  // a construct taken out with tryRemoveChild keeps its scope, so its root reads the same
  for (let c: IConstruct = apiObject; c.node.scope !== undefined; c = c.node.scope) {
    if (c.node.scope.node.tryFindChild(c.node.id) !== c) return NotWritten.REMOVED;
  }
  return undefined;
}
