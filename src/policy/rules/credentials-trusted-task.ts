import { asArray } from '../../private/containers';
import { Severity } from '../rule';
import { kindIs, manifestRule } from '../rule-builders';
import { RuleId } from '../rule-id';

/**
 * A credentials workspace reaches only a task the library's model marks trusted.
 *
 * Which workspaces carry credentials comes from structure, never from
 * annotations: those the library declared with the credentials trust domain,
 * and those that PipelineRuns checked together bind to Secrets, CSI or
 * projected volumes. Which tasks are trusted comes from the model too: a task
 * marked `trusted` in a SecureTask is recorded as a relaxation of this rule for
 * the pipeline task that refers to that very Task, with the reason, so a reader
 * of the YAML (and the audit) sees the trust decision; an edit that points the
 * pipeline task elsewhere drops the record.
 */
export const CREDENTIALS_TRUSTED_TASK = manifestRule(
  {
    id: RuleId.CREDENTIALS_TRUSTED_TASK,
    severity: Severity.HIGH,
    title: 'Credentials workspaces are bound only to trusted tasks',
    rationale:
      'A task that runs user code (tests, builds, linters) can read every file in its workspaces; a credential there is a credential stolen.',
    fix: 'Bind the credentials workspace only to a task that runs no user code (SecureTask trusted: true), or split the task so that the credential goes to a task of its own.',
    relaxable: true,
    appliesTo: kindIs('Pipeline'),
  },
  (manifest, context) => {
    const credentials = new Set(context?.credentialWorkspaces(manifest) ?? []);
    if (credentials.size === 0) return [];
    const tasks = [...asArray(manifest.spec?.tasks), ...asArray(manifest.spec?.finally)];
    return tasks.flatMap((t) =>
      asArray(t?.workspaces)
        .filter((w) => credentials.has(w?.workspace))
        .map((w) => ({
          location: `task '${t?.name}'`,
          target: `task/${t?.name}`,
          property: 'workspaces',
          value: w.workspace,
          problem: 'gives this task a credentials workspace, which only a task trusted to run no user code may hold',
        })),
    );
  },
);
