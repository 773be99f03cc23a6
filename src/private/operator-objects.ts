/**
 * What the Tekton operator's custom resources (`operator.tekton.dev`) have in common for the
 * ConfigMaps it writes from them: a TektonConfig holds each component's settings under
 * `spec.<component>`, the component's own object (TektonPipeline, TektonChain) under `spec`;
 * and the `options.configMaps.<name>.data` of those settings, which the operator applies last
 * to the ConfigMap of that name unless `options.disabled` is true.
 */
import { apiGroupOf, isObject } from './containers';
import { manifestsOfKind } from './manifest-index';

/** The API group of the Tekton operator's custom resources. */
export const OPERATOR_GROUP = 'operator.tekton.dev';

/** Whether the object is one of `kinds` of the Tekton operator's group. */
export function isOperatorObject(manifest: any, kinds: readonly string[]): boolean {
  return kinds.includes(manifest?.kind) && apiGroupOf(manifest?.apiVersion) === OPERATOR_GROUP;
}

/**
 * The one name the operator's webhook admits for each of its objects (an instance of another
 * name is refused: "Only one instance ... is allowed by name").
 */
export const OPERATOR_OBJECT_NAMES: Readonly<Record<string, string>> = { TektonConfig: 'config', TektonPipeline: 'pipeline', TektonChain: 'chain' };

/**
 * The object of `kind` of the Tekton operator's group among the manifests that the operator
 * reads: of its one admitted name (of several, the last: kubectl apply keeps the last).
 */
export function lastOperatorObject(manifests: readonly any[], kind: string): any {
  return manifestsOfKind(manifests, kind)
    .filter((m) => apiGroupOf(m?.apiVersion) === OPERATOR_GROUP && m?.metadata?.name === OPERATOR_OBJECT_NAMES[kind])
    .slice(-1)[0];
}

/** A component's settings in the object, and the path they are at (`spec.<component>` of a TektonConfig, else `spec`). */
export function operatorSettings(manifest: any, component: string): { readonly prefix: string; readonly settings: Record<string, any> } {
  const config = manifest?.kind === 'TektonConfig';
  const spec = config ? manifest?.spec?.[component] : manifest?.spec;
  return { prefix: config ? `spec.${component}` : 'spec', settings: isObject(spec) ? spec : {} };
}

/** Where a key of the ConfigMap `configMap` is written under `options`. */
export function operatorOptionsPath(prefix: string, configMap: string, key: string): string {
  return `${prefix}.options.configMaps['${configMap}'].data['${key}']`;
}

/** One key of the options' data: its path, the value as written, and the value stored (undefined when refused: not a string). */
export interface OperatorOptionsEntry {
  readonly key: string;
  readonly path: string;
  readonly written: unknown;
  readonly value?: string;
}

/**
 * The entries of `options.configMaps.<configMap>.data` the operator applies (none when
 * `options.disabled` is true): data is map[string]string, so a null is "" and anything else but
 * a string is refused.
 */
export function operatorOptionsData(prefix: string, settings: Record<string, any>, configMap: string): OperatorOptionsEntry[] {
  const options = settings.options;
  if (!isObject(options) || options.disabled === true) return [];
  const data = isObject(options.configMaps) && isObject(options.configMaps[configMap]) ? options.configMaps[configMap].data : undefined;
  if (!isObject(data)) return [];
  return Object.entries(data).map(([key, v]) => ({
    key, path: operatorOptionsPath(prefix, configMap, key), written: v, ...(v === null || typeof v === 'string' ? { value: v ?? '' } : {}),
  }));
}
