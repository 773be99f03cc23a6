/**
 * Workspace bindings of runs.
 */

/** Volume sources whose content is secret: a workspace bound to one carries credentials. */
const SECRET_SOURCES = ['secret', 'csi', 'projected'];

/** Whether a run's workspace binding mounts secret content. */
export function bindsSecret(binding: any): boolean {
  return binding !== null && typeof binding === 'object' && SECRET_SOURCES.some((s) => binding[s] !== undefined);
}
