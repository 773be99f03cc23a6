/**
 * Tekton Chains' own reading of its configuration as a test oracle: builds conformance/chains/cmd/chains-config (Chains'
 * pkg/config NewConfigFromMap, Artifact.Enabled, formats.GetPayloader, storage.InitializeBackends and the failures of
 * allSigners the configuration alone decides) and answers, in one process, what Chains makes of chains-config data.
 *
 * Without Go, `describeWithChainsConfig` skips its tests with one notice, except in CI (`CI` set and not "false" or "0"),
 * where a missing Go is a failure.
 */
import { describeWithJsonLinesCommand, JsonLinesCommand, runJsonLinesCommand } from './tekton-oracle';

/** What Chains makes of one artifact type. */
export interface ChainsArtifact {
  readonly format: string;
  readonly signer: string;
  /** The storage backends, sorted ([""] for a storage written ""). */
  readonly storage: readonly string[];
  /** Artifact.Enabled: false for signer none or storage "" (Sign skips the type). */
  readonly enabled: boolean;
  /** Whether a payloader is registered for the format. */
  readonly payloader: boolean;
}

/** What Chains makes of chains-config data that it loads. */
export interface ChainsLoaded {
  readonly error?: undefined;
  readonly artifacts: Readonly<Record<'taskrun' | 'pipelinerun' | 'oci', ChainsArtifact>>;
  readonly deepInspection: boolean;
  readonly transparency: { readonly enabled: boolean; readonly verifyAnnotation: boolean; readonly url: string };
  readonly x509: {
    readonly fulcioEnabled: boolean;
    readonly fulcioAddress: string;
    readonly fulcioIssuer: string;
    readonly fulcioProvider: string;
    readonly identityTokenFile: string;
    readonly tufMirrorURL: string;
  };
  readonly kms: { readonly kmsref: string; readonly authAddress: string };
  readonly oci: { readonly repository: string; readonly insecure: boolean; readonly encodingFormat: string };
  readonly gcsBucket: string;
  readonly docdbURL: string;
  readonly grafeasProjectID: string;
  readonly archivistaURL: string;
  readonly builderID: string;
  readonly buildType: string;
  /** The signers allSigners builds (those an artifact type names). */
  readonly signers?: readonly string[];
  /** Of those, the ones it leaves out for a reason the configuration alone decides, with the reason. */
  readonly signerErrors?: Readonly<Record<string, string>>;
  /** What InitializeBackends does with the backends that start without cloud credentials (docdb judged by its URL). */
  readonly backends: { readonly configured: readonly string[]; readonly started: readonly string[] | null; readonly error?: string };
  /** gcs and grafeas, configured but not started (they need Google credentials). */
  readonly cloudBackends?: readonly string[];
  /** The keys Chains never reads. */
  readonly unread: readonly string[];
}

/** What Chains makes of chains-config data: the configuration it loads, or why it refuses it all. */
export type ChainsAnswer = ChainsLoaded | { readonly error: string; readonly unread: readonly string[] };

const CHAINS_CONFIG: JsonLinesCommand = {
  command: 'chains-config',
  module: 'chains',
  compares: "the Chains rules with Tekton Chains' own reading of chains-config",
  verb: 'answered',
  items: 'configurations',
};

/** Answers, in one run of chains-config, what Chains makes of each data map (one answer per map, in order). */
export function chainsConfig(datas: ReadonlyArray<Readonly<Record<string, string>>>): ChainsAnswer[] {
  return runJsonLinesCommand<ChainsAnswer>(CHAINS_CONFIG, datas.map((data) => ({ data })));
}

/** `describe` for tests that run chains-config (see describeWithJsonLinesCommand). */
export function describeWithChainsConfig(name: string, fn: () => void): void {
  describeWithJsonLinesCommand(CHAINS_CONFIG, name, fn);
}
