/**
 * The config-defaults keys that the Tekton operator writes for a TektonConfig (`spec.pipeline`)
 * or a TektonPipeline (`spec`) of `operator.tekton.dev` from its typed fields
 * (tektoncd/operator: OptionalPipelineProperties, written by AddConfigMapValues over the
 * release's config-defaults, whose data holds only an example; then
 * `options.configMaps.config-defaults.data`, applied last unless `options.disabled` is true).
 */
import { OperatorOptionsRefusal } from './operator-objects';
import { jsString } from './text';

/**
 * The config-defaults keys OptionalPipelineProperties holds as typed fields, by their JSON
 * name: `default-timeout-minutes` is a *uint (an integer in the CRD; written whenever set, 0
 * included), the others strings (written unless empty).
 */
export const OPERATOR_DEFAULTS_FIELDS: Readonly<Record<string, 'uint' | 'string'>> = {
  'default-timeout-minutes': 'uint',
  'default-service-account': 'string',
  'default-managed-by-label-value': 'string',
  'default-pod-template': 'string',
  'default-cloud-events-sink': 'string',
  'default-affinity-assistant-pod-template': 'string',
  'default-task-run-workspace-binding': 'string',
  'default-max-matrix-combinations-count': 'string',
  'default-forbidden-env': 'string',
  'default-resolver-type': 'string',
};

/** One config-defaults key the operator writes: the value, and the field that sets it. */
export interface OperatorDefaultsKey {
  /** The value written into config-defaults. */
  readonly value: string;
  /** The path of the field that sets it. */
  readonly path: string;
  /** The value as written in the object (null for a null under options), for messages. */
  readonly written: unknown;
}

/**
 * The config-defaults keys the typed fields of the object's pipeline settings write, and the
 * fields of the wrong type: a string field (or an integer field) holding anything else, which
 * the API server refuses (the CRD types them), and a negative `default-timeout-minutes`, which
 * the operator cannot decode into its unsigned field. A null is dropped by the API server: unset.
 */
export function operatorDefaultsFields(prefix: string, settings: Record<string, any>): {
  readonly keys: Map<string, OperatorDefaultsKey>; readonly refusals: OperatorOptionsRefusal[];
} {
  const keys = new Map<string, OperatorDefaultsKey>();
  const refusals: OperatorOptionsRefusal[] = [];
  for (const [key, type] of Object.entries(OPERATOR_DEFAULTS_FIELDS)) {
    const path = `${prefix}['${key}']`;
    const v = settings[key];
    if (v === undefined || v === null) continue;
    if (type === 'uint') {
      const integer = typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v));
      if (!integer) refusals.push({ path, written: v, problem: 'is not a whole number', by: 'schema' });
      else if (v < 0) refusals.push({ path, written: v, problem: 'is negative (the operator reads it as an unsigned number)', by: 'operator' });
      else keys.set(key, { value: jsString(v), path, written: v });
      continue;
    }
    if (typeof v !== 'string') refusals.push({ path, written: v, problem: 'is not a string', by: 'schema' });
    else if (v !== '') keys.set(key, { value: v, path, written: v });
  }
  return { keys, refusals };
}
