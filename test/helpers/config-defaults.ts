/**
 * Tekton's own reading of config-defaults as a test oracle: builds conformance/cmd/config-defaults (Tekton v1.15
 * NewDefaultsFromMap) and reads ConfigMap data with it, all in one process; and prints the Go types it decodes
 * config-defaults' YAML values into.
 *
 * Without Go, `describeWithConfigDefaults` skips its tests with one notice, except in CI (`CI` set and not "false" or
 * "0"), where a missing Go is a failure.
 */
import { execFileSync } from 'child_process';
import { buildJsonLinesCommand, describeWithJsonLinesCommand, JsonLinesCommand, runJsonLinesCommand } from './tekton-oracle';

/** Tekton's reading of one config-defaults: whether NewDefaultsFromMap reads it, and what of it. */
export interface ConfigDefaultsAnswer {
  readonly ok?: boolean;
  readonly error?: string;
  readonly automountServiceAccountToken?: boolean | null;
  readonly serviceAccount?: string;
  /** The default pod template as Tekton decoded it (Go's JSON of pod.Template). */
  readonly podTemplate?: Record<string, any>;
}

const CONFIG_DEFAULTS: JsonLinesCommand = {
  command: 'config-defaults',
  compares: "the audit's reading of config-defaults with Tekton's own",
  verb: 'read',
  items: 'ConfigMaps',
};

/** Reads each ConfigMap's data in one run (one answer per data, in order). */
export function tektonConfigDefaults(data: ReadonlyArray<Readonly<Record<string, string>>>): ConfigDefaultsAnswer[] {
  return runJsonLinesCommand<ConfigDefaultsAnswer>(CONFIG_DEFAULTS, data.map((d) => ({ data: d })));
}

/** The Go types of config-defaults' YAML values, as `config-defaults --kinds` prints them. */
export function configDefaultsKinds(): unknown {
  return JSON.parse(execFileSync(buildJsonLinesCommand(CONFIG_DEFAULTS), ['--kinds'], { encoding: 'utf-8' }));
}

/** `describe` for tests that run config-defaults (see describeWithJsonLinesCommand). */
export function describeWithConfigDefaults(name: string, fn: () => void): void {
  describeWithJsonLinesCommand(CONFIG_DEFAULTS, name, fn);
}
