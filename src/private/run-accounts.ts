/**
 * The ServiceAccount each task of a run runs as, as Tekton v1.15 picks it.
 */
import { asArray } from './containers';
import { appliedConfigDefaults } from './pods';

/** The name Tekton uses for an unset or empty one when `config-defaults` sets no `default-service-account`. */
export const DEFAULT_SERVICE_ACCOUNT = 'default';

/**
 * The ServiceAccount Tekton's defaulting webhook writes into a run that names none: the
 * `default-service-account` of a `config-defaults` ConfigMap among `manifests` (in
 * tekton-pipelines or with no namespace) that the API server accepts, else `default` ("" and
 * a null, which the API server stores as "", are `default` too: Tekton writes no name, and the
 * pod runs as `default`).
 */
export function defaultServiceAccount(manifests: readonly any[] = []): string {
  // a null is stored as "", as unset
  for (const m of appliedConfigDefaults(manifests)) {
    const v = m.data?.['default-service-account'];
    if (typeof v === 'string' && v !== '') return v;
  }
  return DEFAULT_SERVICE_ACCOUNT;
}

/** A ServiceAccount name as written: a non-empty string, else the default. */
function accountName(name: unknown, manifests?: readonly any[]): string {
  return typeof name === 'string' && name !== '' ? name : defaultServiceAccount(manifests);
}

/**
 * The ServiceAccount a PipelineRun runs its tasks as unless one is given per task:
 * `taskRunTemplate.serviceAccountName` (v1), or `spec.serviceAccountName` (v1beta1,
 * without a `taskRunTemplate`); unset or empty is the default (`defaultServiceAccount` of `manifests`).
 */
export function runServiceAccount(run: any, manifests?: readonly any[]): string {
  const spec = run?.spec;
  return accountName(spec?.taskRunTemplate !== undefined ? spec.taskRunTemplate?.serviceAccountName : spec?.serviceAccountName, manifests);
}

/**
 * The ServiceAccount a run runs a task as: a TaskRun's `spec.serviceAccountName`; for
 * pipeline task `pipelineTask` of a PipelineRun, a non-empty `serviceAccountName` (v1) or
 * `taskServiceAccountName` (v1beta1) of its `taskRunSpecs` entry (`GetTaskRunSpec`), else
 * the run's (`runServiceAccount`). Unset or empty is the default: config-defaults'
 * `default-service-account` when that ConfigMap is among `manifests`, else `default`. The
 * v1beta1 `serviceAccountNames[]` of old Tekton releases is not a field of Tekton v1.15's
 * schema: the API server drops it (TEKTON_FIELD_NAMES says so), and the task runs as the run's.
 */
export function taskServiceAccount(run: any, pipelineTask?: string, manifests?: readonly any[]): string {
  if (run?.kind !== 'PipelineRun') return accountName(run?.spec?.serviceAccountName, manifests);
  const own = (entries: unknown, key: string, fields: readonly string[]): string | undefined => asArray(entries)
    .filter((e: any) => e?.[key] === pipelineTask)
    .flatMap((e: any) => fields.map((f) => e?.[f]))
    .find((n: unknown): n is string => typeof n === 'string' && n !== '');
  return own(run.spec?.taskRunSpecs, 'pipelineTaskName', ['serviceAccountName', 'taskServiceAccountName'])
    ?? runServiceAccount(run, manifests);
}
