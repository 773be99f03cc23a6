/**
 * `taskRef`s of pipeline tasks: how the library writes one, and whether a written
 * one still refers to the same task.
 */

/** A task reference: local by name, or through a resolver. */
export interface TaskRefParts {
  readonly kind?: string;
  readonly name?: string;
  readonly resolver?: string;
  readonly resolverParameters?: { [name: string]: string };
}

/**
 * The reference each RemoteTask fetches, as made (module-private, so that neither a subclass nor
 * an instance property, nor a change of the RemoteTask's fields, can make the written reference
 * another than the one whose content synth checked).
 */
const FETCHED = new WeakMap<object, TaskRefParts>();

/** Records the reference a task definition fetches, as made. */
export function recordFetchedReference(task: object, ref: TaskRefParts): void {
  const parameters = ref.resolverParameters ? { resolverParameters: Object.freeze({ ...ref.resolverParameters }) } : {};
  FETCHED.set(task, Object.freeze({ ...ref, ...parameters }));
}

/** The reference a task definition fetches, as made, or undefined when none was recorded. */
export function fetchedReference(task: object): TaskRefParts | undefined {
  return FETCHED.get(task);
}

/** Whether each SecureTask and RemoteTask was made trusted (module-private, as FETCHED). */
const TRUSTED = new WeakMap<object, boolean>();

/** Records whether a task definition was made trusted, as its constructor checked it. */
export function recordTrust(task: object, trusted: boolean): void {
  TRUSTED.set(task, trusted);
}

/**
 * Whether a task definition is trusted: as it was made, for a SecureTask or RemoteTask (its
 * constructor checked what trust allows: the content's StepActions, the resolver, the workspaces),
 * whatever its `trusted` field says now; else what it says.
 */
export function trustedAsMade(task: { readonly trusted: boolean }): boolean {
  return TRUSTED.get(task) ?? task.trusted === true;
}

/** A `taskRef` as Tekton writes it. */
export function renderTaskRef(ref: TaskRefParts): any {
  if (ref.resolver === undefined) return { kind: ref.kind ?? 'Task', name: ref.name };
  return {
    ...(ref.kind !== undefined ? { kind: ref.kind } : {}),
    resolver: ref.resolver,
    params: Object.entries(ref.resolverParameters ?? {}).map(([name, value]) => ({ name, value })),
  };
}

/**
 * Whether a written `taskRef` refers to exactly this task: a local reference by the
 * same name (kind Task, written or defaulted), or the same resolver with the same params.
 */
export function isReferenceTo(written: any, ref: TaskRefParts): boolean {
  if (written === undefined || written === null || typeof written !== 'object' || Array.isArray(written)) return false;
  if (written.apiVersion !== undefined || written.bundle !== undefined) return false;
  if (ref.resolver === undefined) {
    return written.resolver === undefined && written.params === undefined
      && written.name === ref.name && (written.kind ?? 'Task') === (ref.kind ?? 'Task');
  }
  const params = Array.isArray(written.params) ? written.params : [];
  const expected = Object.entries(ref.resolverParameters ?? {});
  return written.name === undefined && written.resolver === ref.resolver
    && (written.kind ?? 'Task') === (ref.kind ?? 'Task')
    && params.length === expected.length
    && expected.every(([name, value]) => params.filter((p: any) => p?.name === name && p?.value === value).length === 1);
}
