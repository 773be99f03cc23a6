/**
 * Tekton Triggers' own core interceptors as a test oracle: builds conformance/triggers/cmd/triggers-cel
 * (github.com/tektoncd/triggers v0.37.0: the cel, github, gitlab and bitbucket interceptors, run through
 * the core-interceptors server's ExecuteInterceptor) and answers, in one process, whether each lets
 * requests through, with a Secret store that never matches, errs, or holds a given value.
 *
 * Without Go, `describeWithTriggersCel` skips its tests with one notice, except in CI
 * (`CI` set and not "false" or "0"), where a missing Go is a failure.
 */
import { describeWithJsonLinesCommand, JsonLinesCommand, runJsonLinesCommand } from './tekton-oracle';

/** A request as the sink sends it to an interceptor (InterceptorRequest without its params and context). */
export interface InterceptorRequest {
  /** The event's body as it came (the cel interceptor refuses one that is not JSON). */
  readonly body?: string;
  readonly header?: Record<string, string[]>;
  readonly extensions?: Record<string, unknown>;
}

/**
 * How the Secret store answers every lookup: `none` with a value no request holds (compareSecret is
 * false, a signature never matches), `error` as for a Secret or key that does not exist, `value` with `value`.
 */
export type SecretStore = { readonly mode: 'none' | 'error' } | { readonly mode: 'value'; readonly value: string };

/** One interceptor, its params (by name, as the sink sends them), and the requests and stores to run it with (without them: those of the query before). */
export interface InterceptorQuery {
  readonly interceptor: 'cel' | 'github' | 'gitlab' | 'bitbucket';
  readonly params: Record<string, unknown>;
  readonly requests?: readonly InterceptorRequest[];
  readonly secrets?: readonly SecretStore[];
}

/** What the interceptor answered: `continue` false stops the trigger. */
export interface InterceptorAnswer {
  readonly continue: boolean;
  readonly code?: string;
  readonly message?: string;
}

/** One list per request, one answer per store; or why the query does not decode. */
export type InterceptorResults = { readonly results: InterceptorAnswer[][]; readonly error?: undefined }
  | { readonly error: string; readonly results?: undefined };

const TRIGGERS_CEL: JsonLinesCommand = {
  command: 'triggers-cel',
  module: 'triggers',
  compares: "TRIGGERS_AUTHENTICATED with Tekton Triggers' own interceptors",
  verb: 'answered',
  items: 'queries',
};

/** Answers the queries in one run of triggers-cel (one answer per query, in order). */
export function triggersInterceptors(queries: readonly InterceptorQuery[]): InterceptorResults[] {
  // a query that asks the requests or stores of the one before leaves them out
  const lines = queries.map((q, i) => {
    const before = i > 0 ? queries[i - 1] : undefined;
    return {
      interceptor: q.interceptor,
      params: q.params,
      ...(q.requests === undefined || q.requests === before?.requests ? {} : { requests: q.requests }),
      ...(q.secrets === undefined || q.secrets === before?.secrets ? {} : { secrets: q.secrets }),
    };
  });
  return runJsonLinesCommand<InterceptorResults>(TRIGGERS_CEL, lines);
}

/** `describe` for tests that run triggers-cel (see describeWithJsonLinesCommand). */
export function describeWithTriggersCel(name: string, fn: () => void): void {
  describeWithJsonLinesCommand(TRIGGERS_CEL, name, fn);
}
