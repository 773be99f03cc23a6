/** Whether Tekton checks runs' param values against their params' `enum` (feature-flags' enable-param-enum), as the manifests checked together say. */
import { featureFlagsConfigMap } from './feature-flags-config-map';
import { manifestNamespace } from './namespaces';
import { operatorFlagsOf } from './operator-flags';
import { goParseBool } from './parse-bool';
import { featureFlagDefault, TEKTON_NAMESPACE } from './tekton-config';
import { jsString } from './text';

/** The feature flag under which Tekton checks a run's value of a param against the param's `enum`. */
export const PARAM_ENUM_FLAG = 'enable-param-enum';

/**
 * Whether Tekton checks runs against params' enums, as the feature-flags checked together say:
 * a Tekton operator's object over any feature-flags ConfigMap (it overwrites the one it manages),
 * else the ConfigMap (of several, the first that leaves it off; one without a namespace does not
 * turn it on, as kubectl apply puts it where the context says), else not known. Tekton v1.15's
 * reconcilers check a TaskRun's and a PipelineRun's values (`ValidateEnumParam`) only while the
 * flag is on, read with strconv.ParseBool; `source` says why it is not, for a message.
 */
export function paramEnumFlag(manifests: readonly any[] | undefined): { readonly on: boolean; readonly source: string } {
  const isOn = (read: Readonly<Record<string, string>> | undefined) =>
    goParseBool(read?.[PARAM_ENUM_FLAG] ?? featureFlagDefault(PARAM_ENUM_FLAG)) === true;
  const operator = manifests === undefined ? undefined : operatorFlagsOf(manifests);
  if (operator !== undefined) {
    const f = operator.flags.get(PARAM_ENUM_FLAG);
    return {
      on: operator.read !== undefined && isOn(operator.read),
      source: operator.read === undefined
        ? `the feature-flags the operator writes for ${jsString(operator.name)} do not reach Tekton (TEKTON_FEATURE_FLAGS says why)`
        : f === undefined
          ? `the operator writes it "${operator.read[PARAM_ENUM_FLAG] ?? featureFlagDefault(PARAM_ENUM_FLAG)}" for ${jsString(operator.name)}`
          : f.from === 'default'
            ? `the operator writes it "${f.value}" for ${jsString(operator.name)}, Tekton's release value, as ${f.path} is not set`
            : `${jsString(operator.name)} sets it "${f.value}" (${f.path})`,
    };
  }
  // read first one that leaves it off, then one in tekton-pipelines that turns it on, one without a namespace last
  const exposure = (read: Readonly<Record<string, string>> | undefined, manifest: any) =>
    (!isOn(read) ? 2 : manifestNamespace(manifest) !== undefined ? 1 : 0);
  const flags = manifests === undefined ? undefined : featureFlagsConfigMap(manifests, exposure);
  if (flags === undefined) return { on: false, source: `no feature-flags ConfigMap checked with it says so (Tekton's default is "${featureFlagDefault(PARAM_ENUM_FLAG)}")` };
  if (flags.read === undefined) return { on: false, source: `Tekton cannot read ${jsString(flags.name)} (TEKTON_FEATURE_FLAGS says why)` };
  const raw = flags.read[PARAM_ENUM_FLAG];
  if (isOn(flags.read) && manifestNamespace(flags.manifest) === undefined) {
    // kubectl apply puts a ConfigMap without a namespace in the context's namespace, which the audit
    // cannot know and Tekton reads only in its own: what clears a finding must say where it goes
    return {
      on: false,
      source: `${jsString(flags.name)} set it "${raw}" but name no namespace, so kubectl apply puts them in the current context's namespace, `
        + `where Tekton does not read them (write namespace: ${TEKTON_NAMESPACE} in their metadata)`,
    };
  }
  return {
    on: isOn(flags.read),
    source: raw === undefined ? `${jsString(flags.name)} leave it unset ("${featureFlagDefault(PARAM_ENUM_FLAG)}")` : `${jsString(flags.name)} set it "${raw}"`,
  };
}
