/**
 * The Vault CSI provider's own reading of a SecretProviderClass's `objects` as a test oracle: builds
 * conformance/cmd/provider-objects (gopkg.in/yaml.v3 v3.0.1's `yaml.Unmarshal` into a list of the
 * `Secret` of hashicorp/vault-csi-provider v1.7.4 internal/config, and Go's json.Marshal of each
 * secretArgs) and answers, in one process, what each text decodes into.
 *
 * Without Go, `describeWithProviderObjects` skips its tests with one notice, except in CI
 * (`CI` set and not "false" or "0"), where a missing Go is a failure.
 */
import { describeWithJsonLinesCommand, JsonLinesCommand, runJsonLinesCommand } from './tekton-oracle';

/** One object as yaml.v3 decodes it into the provider's `Secret`. */
export interface DecodedSecret {
  readonly objectName: string;
  readonly secretPath: string;
  readonly secretKey: string;
  readonly method: string;
  readonly encoding: string;
  /** The os.FileMode decoded (0 when unset). */
  readonly filePermission: number;
  /** Whether the secretArgs map decoded is not nil. */
  readonly secretArgs: boolean;
  /** json.Marshal's error for secretArgs, when it fails. */
  readonly secretArgsError?: string;
}

/** What yaml.v3 makes of an `objects` text: the objects, or its error (objects then null). */
export interface ProviderObjectsAnswer {
  readonly objects: readonly DecodedSecret[] | null;
  readonly error?: string;
}

const PROVIDER_OBJECTS: JsonLinesCommand = {
  command: 'provider-objects',
  compares: 'provider-objects.ts with gopkg.in/yaml.v3\'s reading of Secrets Store objects',
  verb: 'answered',
  items: 'texts',
};

/** Decodes the texts in one run of provider-objects (one answer per text, in order). */
export function decodeProviderObjects(texts: readonly string[]): ProviderObjectsAnswer[] {
  return runJsonLinesCommand<ProviderObjectsAnswer>(PROVIDER_OBJECTS, texts);
}

/** `describe` for tests that run provider-objects (see describeWithJsonLinesCommand). */
export function describeWithProviderObjects(name: string, fn: () => void): void {
  describeWithJsonLinesCommand(PROVIDER_OBJECTS, name, fn);
}
