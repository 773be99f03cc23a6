import { asArray } from '../../private/containers';
import { kindIs, manifestRule } from '../../private/rule-builders';
import { Severity } from '../rule';
import { RuleId } from '../rule-id';

/** Pipeline annotation listing the workspaces that carry credentials (comma-separated). */
export const CREDENTIALS_WORKSPACES_ANNOTATION = 'secure-tekton/credentials-workspaces';
/** Pipeline annotation listing the pipeline tasks marked trusted (comma-separated). */
export const TRUSTED_TASKS_ANNOTATION = 'secure-tekton/trusted-tasks';

function annotationList(manifest: any, key: string): Set<string> {
  const v = manifest?.metadata?.annotations?.[key];
  return new Set(typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : []);
}

/**
 * A credentials workspace is bound only to tasks marked trusted.
 *
 * Reads the trust domains from the Pipeline's annotations, which the library
 * writes; a Pipeline without them declares no credentials workspace.
 */
export const CREDENTIALS_TO_TRUSTED_TASKS = manifestRule(
  {
    id: RuleId.CREDENTIALS_TRUSTED_TASK,
    severity: Severity.HIGH,
    title: 'Credentials workspaces are bound only to trusted tasks',
    rationale:
      'A task that runs user code (tests, builds, linters) can read every file in its workspaces; a credential there is a credential stolen.',
    fix: 'Bind the credentials workspace only to a task marked trusted (one that runs no user code).',
    relaxable: false,
    appliesTo: kindIs('Pipeline'),
  },
  (manifest) => {
    if (manifest?.kind !== 'Pipeline') return [];
    const credentials = annotationList(manifest, CREDENTIALS_WORKSPACES_ANNOTATION);
    const trusted = annotationList(manifest, TRUSTED_TASKS_ANNOTATION);
    const tasks = [...asArray(manifest.spec?.tasks), ...asArray(manifest.spec?.finally)];
    return tasks.flatMap((t) =>
      asArray(t?.workspaces)
        .filter((w) => credentials.has(w?.workspace) && !trusted.has(t.name))
        .map((w) => ({
          location: `task '${t.name}'`,
          target: t.name,
          property: 'workspaces',
          value: w.workspace,
          problem: 'is a credentials workspace bound to a task not marked trusted',
        })),
    );
  },
);
