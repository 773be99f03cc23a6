/**
 * The ServiceAccount each task of a run runs as, as Tekton v1.15 picks it.
 */
import { asArray } from './containers';
import { AppliedConfigDefaults, appliedConfigDefaults, configDefaultsProblems } from './pods';

/** The name Tekton uses for an unset or empty one when `config-defaults` sets no `default-service-account`. */
export const DEFAULT_SERVICE_ACCOUNT = 'default';

/**
 * The ServiceAccounts Tekton's defaulting webhook may write into a run that names none: the
 * `default-service-account` of each `config-defaults` ConfigMap among `manifests` (in
 * tekton-pipelines or with no namespace) that the API server accepts, else `default` ("" and
 * a null, which the API server stores as "", are `default` too: Tekton writes no name, and the
 * pod runs as `default`). Several config-defaults checked together that disagree give each
 * name (the cluster keeps one of them), in the order found.
 */
export function defaultServiceAccounts(manifests: readonly any[] = []): string[] {
  return [...new Set(defaultServiceAccountReadings(manifests).map((d) => d.name))];
}

/** The account one config-defaults Tekton reads gives a run that names none, and that config-defaults (none without one). */
export interface DefaultServiceAccount { readonly name: string; readonly defaults?: AppliedConfigDefaults }

/**
 * The `default-service-account` of each config-defaults Tekton reads among `manifests`
 * (appliedConfigDefaults, each reading of a Tekton operator's included), as defaultServiceAccounts
 * reads it, with that config-defaults; `default` alone when there is none.
 */
export function defaultServiceAccountReadings(manifests: readonly any[] = []): DefaultServiceAccount[] {
  const found = appliedConfigDefaults(manifests).map((defaults) => ({ name: accountOf(defaults), defaults }));
  return found.length === 0 ? [{ name: DEFAULT_SERVICE_ACCOUNT }] : found;
}

/**
 * What a rule finds of the default account of each config-defaults Tekton reads among
 * `manifests` (`judge` of its name, `default` without one): a problem only some readings of a
 * Tekton operator's config-defaults find names the reading (configDefaultsProblems).
 */
export function defaultServiceAccountProblems<P extends { readonly problem: string; readonly fix?: string }>(
  manifests: readonly any[] | undefined,
  judge: (name: string) => readonly P[],
): P[] {
  return configDefaultsProblems(manifests, (defaults) => judge(defaults === undefined ? DEFAULT_SERVICE_ACCOUNT : accountOf(defaults)));
}

/** The default-service-account of one config-defaults: `default` when unset or "" (a null is stored as ""). */
function accountOf(defaults: AppliedConfigDefaults): string {
  const v = defaults.data?.['default-service-account'];
  return typeof v === 'string' && v !== '' ? v : DEFAULT_SERVICE_ACCOUNT;
}

/** A ServiceAccount name as written: a non-empty string, else the defaults. */
function accountNames(name: unknown, manifests?: readonly any[]): string[] {
  return typeof name === 'string' && name !== '' ? [name] : defaultServiceAccounts(manifests);
}

/**
 * The ServiceAccount a PipelineRun runs its tasks as unless one is given per task:
 * `taskRunTemplate.serviceAccountName` (v1), or `spec.serviceAccountName` (v1beta1,
 * without a `taskRunTemplate`); unset or empty is the default (`defaultServiceAccounts` of `manifests`:
 * one name, or several when the config-defaults checked together disagree).
 */
export function runServiceAccounts(run: any, manifests?: readonly any[]): string[] {
  const spec = run?.spec;
  return accountNames(spec?.taskRunTemplate !== undefined ? spec.taskRunTemplate?.serviceAccountName : spec?.serviceAccountName, manifests);
}

/**
 * The ServiceAccount a run runs a task as: a TaskRun's `spec.serviceAccountName`; for
 * pipeline task `pipelineTask` of a PipelineRun, a non-empty `serviceAccountName` (v1) or
 * `taskServiceAccountName` (v1beta1) of its `taskRunSpecs` entry (`GetTaskRunSpec`), else
 * the run's (`runServiceAccounts`). Unset or empty is the default: config-defaults'
 * `default-service-account` when that ConfigMap is among `manifests` (each of several that
 * disagree), else `default`. The
 * v1beta1 `serviceAccountNames[]` of old Tekton releases is not a field of Tekton v1.15's
 * schema: the API server drops it (TEKTON_FIELD_NAMES says so), and the task runs as the run's.
 */
export function taskServiceAccounts(run: any, pipelineTask?: string, manifests?: readonly any[]): string[] {
  const named = namedTaskServiceAccount(run, pipelineTask);
  return named !== undefined ? [named] : defaultServiceAccounts(manifests);
}

/** The ServiceAccount a run names for a task (as taskServiceAccounts reads it), undefined when it names none and Tekton gives the default. */
function namedTaskServiceAccount(run: any, pipelineTask?: string): string | undefined {
  const name = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const spec = run?.spec;
  if (run?.kind !== 'PipelineRun') return name(spec?.serviceAccountName);
  const own = asArray(spec?.taskRunSpecs)
    .filter((e: any) => e?.pipelineTaskName === pipelineTask)
    .flatMap((e: any) => ['serviceAccountName', 'taskServiceAccountName'].map((f) => e?.[f]))
    .find((n: unknown): n is string => typeof n === 'string' && n !== '');
  return own ?? name(spec?.taskRunTemplate !== undefined ? spec.taskRunTemplate?.serviceAccountName : spec?.serviceAccountName);
}

/**
 * Every ServiceAccount a run's pods may run as with one config-defaults Tekton reads (`defaults`, of appliedConfigDefaults;
 * none: `default`): a TaskRun's own, else that config-defaults' `default-service-account`; a PipelineRun's run-wide one
 * (its pipeline tasks without a `taskRunSpecs` account run as it) and each non-empty `taskRunSpecs[]` one, the default for
 * one left unset or empty (pipelinerun_defaults.go and taskrun_defaults.go `SetDefaults`, v1.15).
 */
export function readingServiceAccounts(run: any, defaults: AppliedConfigDefaults | undefined): string[] {
  const fallback = defaults === undefined ? DEFAULT_SERVICE_ACCOUNT : accountOf(defaults);
  if (run?.kind !== 'PipelineRun') return [namedTaskServiceAccount(run) ?? fallback];
  const spec = run.spec;
  const own = spec?.taskRunTemplate !== undefined ? spec.taskRunTemplate?.serviceAccountName : spec?.serviceAccountName;
  const tasks = asArray(spec?.taskRunSpecs).filter((t) => typeof t?.pipelineTaskName === 'string')
    .map((t) => namedTaskServiceAccount(run, t.pipelineTaskName) ?? fallback);
  return [...new Set([typeof own === 'string' && own !== '' ? own : fallback, ...tasks])];
}

/**
 * Where a run gives a task the default account `account` (taskServiceAccounts: it names none) and only some readings of
 * a Tekton operator's config-defaults give it (appliedConfigDefaults), the first of them (`reading`, for messages);
 * undefined otherwise.
 */
export function defaultAccountReading(run: any, pipelineTask: string | undefined, account: string, manifests: readonly any[]): string | undefined {
  if (namedTaskServiceAccount(run, pipelineTask) !== undefined) return undefined;
  const readings = defaultServiceAccountReadings(manifests);
  if (readings.every((r) => r.name === account)) return undefined;
  return readings.find((r) => r.name === account)?.defaults?.reading;
}
