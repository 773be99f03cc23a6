/**
 * Tekton Triggers' controller's reading of an EventListener's customResource as a test oracle: builds
 * conformance/triggers/cmd/triggers-custom (github.com/tektoncd/triggers v0.37.0's custom.go MakeCustomObject decoding,
 * after the API server's unstructured round trip) and answers, in one process, what the controller decodes of each
 * EventListener's customResource.
 *
 * Without Go, `describeWithTriggersCustom` skips its tests with one notice, except in CI
 * (`CI` set and not "false" or "0"), where a missing Go is a failure.
 */
import { describeWithJsonLinesCommand, JsonLinesCommand, runJsonLinesCommand } from './tekton-oracle';

/** What MakeCustomObject keeps of the decoded customResource (Go's JSON: empty fields left out), or the error that fails it. */
export interface CustomDecoded {
  readonly error?: string;
  readonly kind?: string;
  readonly apiVersion?: string;
  readonly namespace?: string;
  readonly labels?: Record<string, string>;
  readonly templateLabels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
  readonly pod?: Record<string, unknown>;
}

const TRIGGERS_CUSTOM: JsonLinesCommand = {
  command: 'triggers-custom',
  module: 'triggers',
  compares: "the reading of an EventListener's customResource with Tekton Triggers' controller's",
  verb: 'answered',
  items: 'EventListeners',
};

/** Answers the EventListeners in one run of triggers-custom (one answer per object, in order). */
export function triggersCustom(objects: readonly unknown[]): CustomDecoded[] {
  return runJsonLinesCommand<CustomDecoded>(TRIGGERS_CUSTOM, objects);
}

/** `describe` for tests that run triggers-custom (see describeWithJsonLinesCommand). */
export function describeWithTriggersCustom(name: string, fn: () => void): void {
  describeWithJsonLinesCommand(TRIGGERS_CUSTOM, name, fn);
}
