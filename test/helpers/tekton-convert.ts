/**
 * Tekton's own conversion code as a test oracle: builds conformance/cmd/tekton-convert (the
 * ConvertTo of Tekton Pipelines' v1beta1 Task, Pipeline, TaskRun and PipelineRun to v1, and of its
 * v1alpha1 StepAction to v1beta1, as Tekton's conversion webhook runs it) and converts objects
 * with it, all in one process.
 *
 * Without Go, `describeWithTektonConvert` skips its tests with one notice, except in CI
 * (`CI` set and not "false" or "0"), where a missing Go is a failure.
 */
import * as path from 'path';
import { buildGoCommand, CONFORMANCE_DIR, describeWithGo, runJsonLines } from './tekton-oracle';

/** Where the binary is built (git-ignored). */
export const TEKTON_CONVERT_BINARY = path.join(CONFORMANCE_DIR, 'bin', 'tekton-convert');

/** The first build downloads the modules and compiles Tekton: minutes on 2 cores. */
export const TEKTON_CONVERT_BUILD_TIMEOUT_MS = 20 * 60_000;

/** What Tekton's conversion makes of one object, or why it refuses it. */
export type Conversion =
  | {
    readonly apiVersion: string;
    readonly kind: string;
    /** What the source object's ConvertTo makes of it. */
    readonly converted: any;
    /** What the webhook answers the API server: `converted` with the target's SetDefaults. */
    readonly stored: any;
    readonly error?: undefined;
  }
  | { readonly error: string };

/** Builds tekton-convert (see buildGoCommand); returns the binary's path. */
export function buildTektonConvert(): string {
  return buildGoCommand('tekton-convert', TEKTON_CONVERT_BINARY, 'tekton-convert', 'conformance/README.md', TEKTON_CONVERT_BUILD_TIMEOUT_MS);
}

/** Converts the objects in one run of tekton-convert (one answer per object, in order). */
export function tektonConvert(objects: readonly any[]): Conversion[] {
  if (objects.length === 0) return [];
  const input = objects.map((o) => JSON.stringify(o)).join('\n') + '\n';
  return runJsonLines<Conversion>(buildTektonConvert(), [], input, objects.length, { command: 'tekton-convert', verb: 'converted', items: 'objects' });
}

/** `describe` for tests that run tekton-convert (see describeWithGo). */
export function describeWithTektonConvert(name: string, fn: () => void): void {
  describeWithGo(name, fn, {
    what: 'tekton-convert',
    inCI: 'Go is not on the PATH: CI compares the audit of v1beta1 objects with the audit of what Tekton\'s conversion stores (conformance/cmd/tekton-convert), install Go 1.26 or newer',
    skipped: 'Go is not on the PATH: the tests that compare the audit of v1beta1 objects with the audit of what Tekton\'s conversion stores (conformance/cmd/tekton-convert) are skipped. '
      + 'Install Go 1.26 or newer to run them.',
    build: buildTektonConvert,
    buildTimeoutMs: TEKTON_CONVERT_BUILD_TIMEOUT_MS,
  });
}
