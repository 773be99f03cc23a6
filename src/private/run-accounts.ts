/**
 * The ServiceAccount each task of a run runs as, as Tekton v1.15 picks it.
 */
import { asArray } from './containers';

/**
 * The name Tekton uses for an unset or empty one (the `default-service-account` of
 * `config-defaults`, whose default is `default`; that ConfigMap is not read here).
 */
export const DEFAULT_SERVICE_ACCOUNT = 'default';

/** A ServiceAccount name as written: a non-empty string, else the default. */
function accountName(name: unknown): string {
  return typeof name === 'string' && name !== '' ? name : DEFAULT_SERVICE_ACCOUNT;
}

/**
 * The ServiceAccount a PipelineRun runs its tasks as unless one is given per task:
 * `taskRunTemplate.serviceAccountName` (v1), or `spec.serviceAccountName` (v1beta1,
 * without a `taskRunTemplate`); unset or empty is `default`.
 */
export function runServiceAccount(run: any): string {
  const spec = run?.spec;
  return accountName(spec?.taskRunTemplate !== undefined ? spec.taskRunTemplate?.serviceAccountName : spec?.serviceAccountName);
}

/**
 * The ServiceAccount a run runs a task as: a TaskRun's `spec.serviceAccountName`; for
 * pipeline task `pipelineTask` of a PipelineRun, a non-empty `serviceAccountName` (v1) or
 * `taskServiceAccountName` (v1beta1) of its `taskRunSpecs` entry (`GetTaskRunSpec`), else
 * the run's (`runServiceAccount`). Unset or empty is `default`, as creds-init reads it. The
 * v1beta1 `serviceAccountNames[]` of old Tekton releases is not a field of Tekton v1.15's
 * schema: the API server drops it (TEKTON_FIELD_NAMES says so), and the task runs as the run's.
 */
export function taskServiceAccount(run: any, pipelineTask?: string): string {
  if (run?.kind !== 'PipelineRun') return accountName(run?.spec?.serviceAccountName);
  const own = (entries: unknown, key: string, fields: readonly string[]): string | undefined => asArray(entries)
    .filter((e: any) => e?.[key] === pipelineTask)
    .flatMap((e: any) => fields.map((f) => e?.[f]))
    .find((n: unknown): n is string => typeof n === 'string' && n !== '');
  return own(run.spec?.taskRunSpecs, 'pipelineTaskName', ['serviceAccountName', 'taskServiceAccountName'])
    ?? runServiceAccount(run);
}
