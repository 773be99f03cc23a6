/**
 * The feature-flags that the Tekton operator writes for a TektonConfig (`spec.pipeline`) or a
 * TektonPipeline (`spec`) of `operator.tekton.dev`, read as the operator writes them
 * (tektoncd/operator: PipelineProperties' SetDefaults, then AddConfigMapValues over the
 * release's feature-flags, then `options.configMaps.feature-flags.data`, applied last unless
 * `options.disabled` is true): each value with the place it comes from, to judge as Tekton reads
 * the ConfigMap and to point findings at the field that sets it.
 */
import { apiGroupOf, isObject } from './containers';
import { UPSTREAM_FEATURE_FLAGS } from './tekton-config';

const OPERATOR_GROUP = 'operator.tekton.dev';

/**
 * The flags PipelineProperties holds as typed fields, by their JSON name, with their type: the
 * operator writes each one it holds (after its defaults, which are Tekton's release values)
 * into feature-flags. The fields it clears before writing (`enable-tekton-oci-bundles`,
 * `verification-mode`, `scope-when-expressions-to-task`, `disable-affinity-assistant`) are left out.
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

/** Whether the object is a TektonConfig or TektonPipeline of the Tekton operator. */
export function isOperatorPipelineConfig(manifest: any): boolean {
  return (manifest?.kind === 'TektonConfig' || manifest?.kind === 'TektonPipeline') && apiGroupOf(manifest?.apiVersion) === OPERATOR_GROUP;
}

/** One flag the operator writes: the value as stored, where it comes from, and where to set it. */
export interface OperatorFlag {
  /** The value written into feature-flags; undefined when the operator cannot read what is written. */
  readonly value?: string;
  /** Why the operator cannot read the object's value, when it cannot. */
  readonly unreadable?: string;
  /** The value as written in the object, for messages. */
  readonly written?: string;
  /** `field`, `options` (the options' ConfigMap data), or `default` (nothing written: the operator's default). */
  readonly from: 'field' | 'options' | 'default';
  /** The path of the field that sets it (or would). */
  readonly path: string;
  /** The typed field's type, when PipelineProperties has the flag. */
  readonly type?: 'bool' | 'string' | 'int';
}

/** The prefix of the object's pipeline settings: `spec.pipeline` of a TektonConfig, `spec` of a TektonPipeline. */
export function operatorPrefix(manifest: any): string {
  return manifest?.kind === 'TektonConfig' ? 'spec.pipeline' : 'spec';
}

/** Where a flag's value is written under `options`. */
export function optionsPath(prefix: string, flag: string): string {
  return `${prefix}.options.configMaps['feature-flags'].data['${flag}']`;
}

/** Every flag of feature-flags as the operator writes it for this object. */
export function operatorFeatureFlags(manifest: any): Map<string, OperatorFlag> {
  const prefix = operatorPrefix(manifest);
  const spec = manifest?.kind === 'TektonConfig' ? manifest?.spec?.pipeline : manifest?.spec;
  const settings: Record<string, any> = isObject(spec) ? spec : {};
  const flags = new Map<string, OperatorFlag>();
  for (const [flag, value] of Object.entries(UPSTREAM_FEATURE_FLAGS)) {
    const type = OPERATOR_FLAG_FIELDS[flag];
    flags.set(flag, { value, from: 'default', path: type !== undefined ? `${prefix}['${flag}']` : optionsPath(prefix, flag), ...(type ? { type } : {}) });
  }
  for (const [flag, type] of Object.entries(OPERATOR_FLAG_FIELDS)) {
    const path = `${prefix}['${flag}']`;
    const v = settings[flag];
    if (v === undefined || v === null) continue;
    const ok = type === 'bool' ? typeof v === 'boolean' : type === 'int' ? Number.isInteger(v) : typeof v === 'string';
    if (!ok) {
      flags.set(flag, { unreadable: `is not a ${type === 'bool' ? 'boolean' : type === 'int' ? 'whole number' : 'string'}`, written: JSON.stringify(v), from: 'field', path, type });
      continue;
    }
    // an empty string is unset: the operator's default
    if (v === '') continue;
    flags.set(flag, { value: String(v), from: 'field', path, type });
  }
  const options = settings.options;
  if (isObject(options) && options.disabled !== true) {
    const data = isObject(options.configMaps) && isObject(options.configMaps['feature-flags']) ? options.configMaps['feature-flags'].data : undefined;
    if (isObject(data)) {
      for (const [flag, v] of Object.entries(data)) {
        const type = OPERATOR_FLAG_FIELDS[flag];
        const path = optionsPath(prefix, flag);
        // data is map[string]string: a null is "", anything else but a string is refused
        if (v !== null && typeof v !== 'string') flags.set(flag, { unreadable: 'is not a string', written: JSON.stringify(v), from: 'options', path, ...(type ? { type } : {}) });
        else flags.set(flag, { value: v ?? '', written: v === null ? 'null' : v, from: 'options', path, ...(type ? { type } : {}) });
      }
    }
  }
  return flags;
}
