/**
 * What the Tekton operator's webhook makes of the pipeline settings of a TektonConfig
 * (`spec.pipeline`) or TektonPipeline (`spec`) of `operator.tekton.dev` (tektoncd/operator
 * v0.81.0: PipelineProperties' typed fields, the defaults its SetDefaults gives them, and the
 * values PipelineProperties' validate refuses), and what refuses the object as a whole: with
 * any refusal here, the operator writes none of the object's settings (for a TektonConfig, none
 * of its components').
 */
import { isObject } from './containers';
import { operatorDefaultsFields } from './operator-defaults';
import { OperatorOptionsRefusal, operatorOptionsRefusals } from './operator-objects';

/**
 * The flags PipelineProperties holds as typed fields, by their JSON name, with their type: the
 * operator writes each one it holds (after its defaults, OPERATOR_FLAG_DEFAULTS) into
 * feature-flags. The fields it clears before writing (`enable-tekton-oci-bundles`,
 * `verification-mode`, `scope-when-expressions-to-task`, `disable-affinity-assistant`) are left
 * out. `int` is an int32.
 */
export const OPERATOR_FLAG_FIELDS: Readonly<Record<string, 'bool' | 'string' | 'int'>> = {
  'disable-creds-init': 'bool',
  'await-sidecar-readiness': 'bool',
  'running-in-environment-with-injected-sidecars': 'bool',
  'require-git-ssh-secret-known-hosts': 'bool',
  'enable-custom-tasks': 'bool',
  'enable-api-fields': 'string',
  'embedded-status': 'string',
  'send-cloudevents-for-runs': 'bool',
  'trusted-resources-verification-no-match-policy': 'string',
  'enable-provenance-in-status': 'bool',
  'enforce-nonfalsifiability': 'string',
  'keep-pod-on-cancel': 'bool',
  'results-from': 'string',
  'max-result-size': 'int',
  'set-security-context': 'bool',
  'coschedule': 'string',
  'enable-cel-in-whenexpression': 'bool',
  'enable-step-actions': 'bool',
  'enable-param-enum': 'bool',
  'disable-inline-spec': 'string',
};

/**
 * What the operator's webhook sets each typed flag to when it is unset (SetDefaults, with the
 * defaults of Tekton Pipelines v1.14.1, which the operator v0.81.0 is built with), which the
 * operator then writes into feature-flags over the release's values: they are the release's
 * but for `enable-step-actions` (false, where the release writes true; Tekton v1.15 no longer
 * reads it) and two keys the release does not write, `enable-custom-tasks` (true) and
 * `max-result-size` (4096, Tekton's own default). `disable-inline-spec` defaults to "", which
 * is not written; `embedded-status` has no default.
 */
export const OPERATOR_FLAG_DEFAULTS: Readonly<Record<string, string>> = {
  'disable-creds-init': 'false',
  'await-sidecar-readiness': 'true',
  'running-in-environment-with-injected-sidecars': 'true',
  'require-git-ssh-secret-known-hosts': 'false',
  'enable-custom-tasks': 'true',
  'send-cloudevents-for-runs': 'true',
  'enable-api-fields': 'beta',
  'trusted-resources-verification-no-match-policy': 'ignore',
  'enable-provenance-in-status': 'true',
  'enforce-nonfalsifiability': 'none',
  'keep-pod-on-cancel': 'false',
  'results-from': 'termination-message',
  'max-result-size': '4096',
  'set-security-context': 'false',
  'coschedule': 'workspaces',
  'enable-cel-in-whenexpression': 'false',
  'enable-step-actions': 'false',
  'enable-param-enum': 'false',
};

/**
 * The values the operator's webhook accepts in a typed string flag, where it checks them
 * (PipelineProperties' validate: exactly as written, "" always accepted; `disable-inline-spec`
 * entry by entry after a split on ",", untrimmed). Tekton itself lowercases some of them, the
 * operator does not: `Beta` is refused.
 */
export const OPERATOR_FLAG_VALUES: Readonly<Record<string, readonly string[]>> = {
  'enable-api-fields': ['alpha', 'beta', 'stable'],
  'trusted-resources-verification-no-match-policy': ['fail', 'warn', 'ignore'],
  'results-from': ['termination-message', 'sidecar-logs'],
  'enforce-nonfalsifiability': ['none', 'spire'],
  'coschedule': ['disabled', 'workspaces', 'pipelineruns', 'isolate-pipelinerun'],
  'disable-inline-spec': ['', 'pipeline', 'pipelinerun', 'taskrun'],
};

/** The limit of `max-result-size` the operator's webhook holds to (1.5 MiB, the CRD size limit). */
const MAX_RESULT_SIZE_LIMIT = 1572864;

/** Whether a value is a whole number an int32 holds. */
function isInt32(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31;
}

/** Why the operator cannot read a typed flag's value (its Go type cannot hold it), if it cannot. */
export function operatorFlagTypeProblem(type: 'bool' | 'string' | 'int', v: unknown): string | undefined {
  if (type === 'bool') return typeof v === 'boolean' ? undefined : 'is not a boolean';
  if (type === 'int') return isInt32(v) ? undefined : 'is not a whole number of 32 bits';
  return typeof v === 'string' ? undefined : 'is not a string';
}

/**
 * The values of the typed fields of the pipeline settings the operator's webhook refuses
 * (PipelineProperties' validate): a string flag outside OPERATOR_FLAG_VALUES, a
 * `max-result-size` of 1572864 or more, a `default-timeout-minutes` of 0.
 */
export function operatorPipelineValueRefusals(prefix: string, settings: Record<string, any>): OperatorOptionsRefusal[] {
  const refusals: OperatorOptionsRefusal[] = [];
  for (const [flag, accepted] of Object.entries(OPERATOR_FLAG_VALUES)) {
    const v = settings[flag];
    if (typeof v !== 'string' || v === '') continue;
    const entries = flag === 'disable-inline-spec' ? v.split(',') : [v];
    const refused = entries.find((e) => !accepted.includes(e));
    if (refused !== undefined) {
      refusals.push({
        path: `${prefix}['${flag}']`,
        written: v,
        problem: `is not one of ${accepted.filter((a) => a !== '').join(', ')}${flag === 'disable-inline-spec' ? ` (each of a comma-separated list, without spaces: ${JSON.stringify(refused)} is not)` : ''}`,
        by: 'webhook',
      });
    }
  }
  const size = settings['max-result-size'];
  if (isInt32(size) && size >= MAX_RESULT_SIZE_LIMIT) {
    refusals.push({ path: `${prefix}['max-result-size']`, written: size, problem: `is ${MAX_RESULT_SIZE_LIMIT} or more`, by: 'webhook' });
  }
  if (settings['default-timeout-minutes'] === 0) {
    refusals.push({ path: `${prefix}['default-timeout-minutes']`, written: 0, problem: 'is 0', by: 'webhook' });
  }
  return refusals;
}

/**
 * Everything in the pipeline settings that keeps the operator from admitting the object: the
 * typed flags of the wrong type, the config-defaults fields of the wrong type, the parts of
 * `options` of the wrong type (every ConfigMap's data included), and the values the webhook
 * refuses. For a TektonConfig, any of them refuses the whole TektonConfig. Without `flags`, the
 * typed flags and the values of `options.configMaps.feature-flags.data` are left out (the reader
 * of feature-flags judges them flag by flag).
 */
export function operatorPipelineRefusals(prefix: string, settings: Record<string, any>, flags = true): OperatorOptionsRefusal[] {
  const refusals: OperatorOptionsRefusal[] = [];
  for (const [flag, type] of flags ? Object.entries(OPERATOR_FLAG_FIELDS) : []) {
    const v = settings[flag];
    if (v === undefined || v === null) continue;
    const problem = operatorFlagTypeProblem(type, v);
    if (problem !== undefined) refusals.push({ path: `${prefix}['${flag}']`, written: v, problem, by: 'schema' });
  }
  refusals.push(...operatorDefaultsFields(prefix, settings).refusals);
  refusals.push(...operatorOptionsRefusals(prefix, settings, flags ? '' : 'feature-flags'));
  refusals.push(...operatorPipelineValueRefusals(prefix, settings));
  return refusals;
}

/** The refusals of a TektonConfig's pipeline settings (spec.pipeline), which refuse the whole TektonConfig. */
export function operatorConfigPipelineRefusals(manifest: any): OperatorOptionsRefusal[] {
  const spec = isObject(manifest?.spec) ? manifest.spec : {};
  if (spec.pipeline !== undefined && spec.pipeline !== null && !isObject(spec.pipeline)) {
    return [{ path: 'spec.pipeline', written: spec.pipeline, problem: 'is not a map', by: 'schema' }];
  }
  return operatorPipelineRefusals('spec.pipeline', isObject(spec.pipeline) ? spec.pipeline : {});
}
