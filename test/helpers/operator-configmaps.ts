/**
 * The Tekton operator's own reading of its custom resources as a test oracle: builds
 * conformance/operator/cmd/operator-configmaps (the operator's CRD schemas, its defaulting and validating
 * webhooks, the TektonConfig reconciler's TektonPipeline and TektonChain, and the transformers that write
 * feature-flags, config-defaults and chains-config) and answers, in one process, what the operator writes
 * for each object.
 *
 * Without Go, `describeWithOperatorConfigMaps` skips its tests with one notice, except in CI (`CI` set and
 * not "false" or "0"), where a missing Go is a failure.
 */
import { describeWithJsonLinesCommand, JsonLinesCommand, runJsonLinesCommand } from './tekton-oracle';

/** Who refuses an object and why. */
export interface OperatorRefusal {
  /** `schema` (the API server, by the operator's CRD) or `webhook` (the operator's webhook). */
  readonly by: 'schema' | 'webhook' | 'transform';
  readonly errors: readonly string[];
}

/** What the operator writes for a TektonPipeline or a TektonChain (its own, or a TektonConfig's). */
export interface OperatorComponent {
  /** For a TektonChain: false when a TektonConfig installs none (spec.chain.disabled, a profile without Chains). */
  readonly installed?: boolean;
  /** The refusal of the TektonPipeline or TektonChain (for a TektonConfig, the one its reconciler creates). */
  readonly refused?: OperatorRefusal;
  /** The data of each ConfigMap written: feature-flags and config-defaults, or chains-config. */
  readonly data?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** What the operator makes of one object. */
export interface OperatorAnswer {
  readonly kind?: string;
  /** Asked with `autoinstall`: the object was admitted, and the operator's UpdatePipeline or UpdateChain replaced its settings. */
  readonly replaced?: boolean;
  /** Not such an object. */
  readonly error?: string;
  /** The object itself is refused: nothing of it is written. */
  readonly refused?: OperatorRefusal;
  readonly pipeline?: OperatorComponent;
  readonly chain?: OperatorComponent;
  /** Asked with `existing`: the data of each ConfigMap once the operator's installer has applied what it writes over them. */
  readonly applied?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

const OPERATOR_CONFIGMAPS: JsonLinesCommand = {
  command: 'operator-configmaps',
  module: 'operator',
  compares: "the catalogue's reading of the Tekton operator's objects with the operator's own code",
  verb: 'answered',
  items: 'objects',
};

/**
 * Answers, in one run of operator-configmaps, what the operator writes for each object (one answer per object, in order).
 * With `autoinstall` (for TektonPipelines and TektonChains), what it writes once, started with AUTOINSTALL_COMPONENTS
 * "true" and that DEFAULT_TARGET_NAMESPACE, it has created its own TektonConfig, whose reconciler updates the object.
 */
export function operatorConfigMaps(objects: readonly unknown[], autoinstall?: { readonly targetNamespace: string }): OperatorAnswer[] {
  return runJsonLinesCommand<OperatorAnswer>(OPERATOR_CONFIGMAPS, objects.map((object) => ({ object, ...(autoinstall ? { autoinstall } : {}) })));
}

/**
 * What the operator's installer leaves in each ConfigMap once the operator, started with AUTOINSTALL_COMPONENTS "true" and
 * that DEFAULT_TARGET_NAMESPACE, has created its own TektonConfig and applied what it writes over the ConfigMaps `existing`
 * (with kubectl's last-applied-configuration of each when `kubectlApplied`).
 */
export function operatorAppliedOver(targetNamespace: string, existing: readonly unknown[], kubectlApplied: boolean): OperatorAnswer {
  return runJsonLinesCommand<OperatorAnswer>(OPERATOR_CONFIGMAPS, [{ autoinstall: { targetNamespace }, existing, kubectlApplied }])[0];
}

/**
 * What the operator's installer leaves in each ConfigMap once it has applied what `object` (a TektonConfig, TektonPipeline
 * or TektonChain of its own, the operator's own TektonConfig not made) writes, in the object's `spec.targetNamespace`,
 * over the ConfigMaps `existing` (with kubectl's last-applied-configuration of each when `kubectlApplied`); one answer
 * per object, in order.
 */
export function operatorObjectsAppliedOver(objects: readonly unknown[], existing: readonly unknown[], kubectlApplied: boolean): OperatorAnswer[] {
  return runJsonLinesCommand<OperatorAnswer>(OPERATOR_CONFIGMAPS, objects.map((object) => ({ object, existing, kubectlApplied })));
}

/** `describe` for tests that run operator-configmaps (see describeWithJsonLinesCommand). */
export function describeWithOperatorConfigMaps(name: string, fn: () => void): void {
  describeWithJsonLinesCommand(OPERATOR_CONFIGMAPS, name, fn);
}
