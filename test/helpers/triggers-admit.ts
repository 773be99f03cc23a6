/**
 * Tekton Triggers' admission webhooks and the EventListener's sink as a test oracle: builds
 * conformance/triggers/cmd/triggers-admit (github.com/tektoncd/triggers v0.37.0) and answers, in one
 * process, whether Triggers' webhooks admit each Trigger or EventListener (decoded as knative's
 * admission controllers decode it, then SetDefaults and Validate as cmd/webhook runs them), and what
 * the sink's ExecuteInterceptors does with each chain of interceptors a v1beta1 one holds.
 *
 * Without Go, `describeWithTriggersAdmit` skips its tests with one notice, except in CI
 * (`CI` set and not "false" or "0"), where a missing Go is a failure.
 */
import { describeWithJsonLinesCommand, JsonLinesCommand, runJsonLinesCommand } from './tekton-oracle';

/** What the sink did with one chain: ran it (`continue`), stopped with an error, or panicked (which crashes the listener). */
export interface SinkChain {
  readonly at: string;
  readonly continue?: boolean;
  readonly error?: string;
  readonly panic?: string;
}

/** Whether the webhooks admit the object (where they stop, and with what error or panic), and each chain as the sink runs it. */
export interface Admission {
  readonly admitted: boolean;
  readonly stage?: 'decode' | 'defaults' | 'validate';
  readonly error?: string;
  readonly panic?: string;
  readonly chains: SinkChain[] | null;
}

const TRIGGERS_ADMIT: JsonLinesCommand = {
  command: 'triggers-admit',
  module: 'triggers',
  compares: "TRIGGERS_RUNNABLE with Tekton Triggers' own webhooks and sink",
  verb: 'answered',
  items: 'objects',
};

/** Answers the objects in one run of triggers-admit (one answer per object, in order). */
export function triggersAdmission(objects: readonly unknown[]): Admission[] {
  return runJsonLinesCommand<Admission>(TRIGGERS_ADMIT, objects);
}

/** `describe` for tests that run triggers-admit (see describeWithJsonLinesCommand). */
export function describeWithTriggersAdmit(name: string, fn: () => void): void {
  describeWithJsonLinesCommand(TRIGGERS_ADMIT, name, fn);
}
