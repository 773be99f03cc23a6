/**
 * Tekton Triggers' own resolution of an event into the objects a trigger creates, as a test oracle:
 * builds conformance/triggers/cmd/triggers-resolve (github.com/tektoncd/triggers v0.37.0: ResolveTrigger,
 * ResolveParams, ResolveResources, then the JSON reading of pkg/resources Create, as the EventListener's
 * sink runs them) and answers, in one process, what each query's trigger creates, for the params
 * pasted in every order.
 *
 * Without Go, `describeWithTriggersResolve` skips its tests with one notice, except in CI
 * (`CI` set and not "false" or "0"), where a missing Go is a failure.
 */
import { describeWithJsonLinesCommand, JsonLinesCommand, runJsonLinesCommand } from './tekton-oracle';

/** An event as the sink hands it to ResolveParams: the body's bytes, the headers, the interceptors' extensions. */
export interface TriggerEvent {
  readonly body: string;
  readonly header?: Record<string, string[]>;
  readonly extensions?: Record<string, unknown>;
}

/** A TriggerTemplate, a trigger's bindings with the TriggerBindings and ClusterTriggerBindings they name, and an event. */
export interface ResolveQuery {
  readonly template: { readonly metadata?: Record<string, unknown>; readonly spec: Record<string, unknown> };
  readonly bindings: readonly Record<string, unknown>[];
  readonly triggerBindings?: readonly Record<string, unknown>[];
  readonly clusterTriggerBindings?: readonly Record<string, unknown>[];
  readonly event: TriggerEvent;
}

/** One resource template as Triggers made it: its text, and the object Create reads from it or why it refuses it. */
export interface ResolvedResource {
  readonly json: string;
  readonly object?: Record<string, unknown>;
  readonly error?: string;
}

/** The params and each distinct outcome (one entry per resource template); or where Triggers stops. */
export type ResolveAnswer =
  | { readonly params: { name: string; value: string }[]; readonly results: ResolvedResource[][]; readonly error?: undefined }
  | { readonly error: string; readonly stage: 'resolve' | 'params' | 'input'; readonly results?: undefined };

const TRIGGERS_RESOLVE: JsonLinesCommand = {
  command: 'triggers-resolve',
  module: 'triggers',
  compares: "TRIGGERS_ESCAPED_PARAMS with Tekton Triggers' own resolution of events into resources",
  verb: 'resolved',
  items: 'queries',
};

/** Answers the queries in one run of triggers-resolve (one answer per query, in order). */
export function resolveTriggers(queries: readonly ResolveQuery[]): ResolveAnswer[] {
  return runJsonLinesCommand<ResolveAnswer>(TRIGGERS_RESOLVE, queries);
}

/** `describe` for tests that run triggers-resolve (see describeWithJsonLinesCommand). */
export function describeWithTriggersResolve(name: string, fn: () => void): void {
  describeWithJsonLinesCommand(TRIGGERS_RESOLVE, name, fn);
}
