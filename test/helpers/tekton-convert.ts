/**
 * Tekton's own conversion code as a test oracle: builds conformance/cmd/tekton-convert (the
 * ConvertTo of Tekton Pipelines' v1beta1 Task, Pipeline, TaskRun and PipelineRun to v1, and of its
 * v1alpha1 StepAction to v1beta1, as Tekton's conversion webhook runs it) and converts objects
 * with it, all in one process.
 *
 * Without Go, `describeWithTektonConvert` skips its tests with one notice, except in CI
 * (`CI` set and not "false" or "0"), where a missing Go is a failure.
 */
import { describeWithJsonLinesCommand, JsonLinesCommand, runJsonLinesCommand } from './tekton-oracle';


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

/** What the tests compare tekton-convert with, and how its answers are counted. */
const TEKTON_CONVERT: JsonLinesCommand = {
  command: 'tekton-convert',
  compares: 'the audit of v1beta1 objects with the audit of what Tekton\'s conversion stores',
  verb: 'converted',
  items: 'objects',
};

/** Converts the objects in one run of tekton-convert (one answer per object, in order). */
export function tektonConvert(objects: readonly any[]): Conversion[] {
  return runJsonLinesCommand<Conversion>(TEKTON_CONVERT, objects);
}

/** `describe` for tests that run tekton-convert (see describeWithJsonLinesCommand). */
export function describeWithTektonConvert(name: string, fn: () => void): void {
  describeWithJsonLinesCommand(TEKTON_CONVERT, name, fn);
}
