/**
 * Kubernetes' own comparison of RBAC rules as a test oracle: builds conformance/cmd/rbac-eval
 * (k8s.io/component-helpers/auth/rbac/validation.Covers, asked of each request as the RBAC
 * authorizer's RuleAllows asks it) and answers, in one process, whether roles' rules grant requests.
 *
 * Without Go, `describeWithRbacEval` skips its tests with one notice, except in CI
 * (`CI` set and not "false" or "0"), where a missing Go is a failure.
 */
import { describeWithJsonLinesCommand, JsonLinesCommand, runJsonLinesCommand } from './tekton-oracle';


/** A request for a resource (`name` "" when it names no object: create, list, watch, deletecollection). */
export interface RbacResourceRequest {
  readonly verb: string;
  readonly apiGroup: string;
  readonly resource: string;
  readonly subresource: string;
  readonly name: string;
}

/** A request for a path that is no resource (`/metrics`, `/healthz`). */
export interface RbacNonResourceRequest {
  readonly verb: string;
  readonly nonResourceURL: string;
}

export type RbacRequest = RbacResourceRequest | RbacNonResourceRequest;

/**
 * One role's rules (as written in the role: decoded as the API server decodes JSON) and the requests to ask about
 * (without them: those of the query before).
 */
export interface RbacQuery {
  readonly rules: readonly any[];
  readonly requests?: readonly RbacRequest[];
}

/** Whether the rules grant each request (in order), or why the rules do not decode. */
export type RbacAnswer = { readonly allowed: boolean[]; readonly error?: undefined } | { readonly error: string };

/** What the tests compare rbac-eval with, and how its answers are counted. */
const RBAC_EVAL: JsonLinesCommand = {
  command: 'rbac-eval',
  compares: 'the RBAC rules with Kubernetes\' own matching of PolicyRules',
  verb: 'answered',
  items: 'queries',
};

/** Answers the queries in one run of rbac-eval (one answer per query, in order). */
export function rbacEval(queries: readonly RbacQuery[]): RbacAnswer[] {
  // a query that asks the same requests as the one before leaves them out
  const lines = queries.map((q, i) => (i > 0 && q.requests === queries[i - 1].requests ? { rules: q.rules } : q));
  return runJsonLinesCommand<RbacAnswer>(RBAC_EVAL, lines);
}

/** `describe` for tests that run rbac-eval (see describeWithJsonLinesCommand). */
export function describeWithRbacEval(name: string, fn: () => void): void {
  describeWithJsonLinesCommand(RBAC_EVAL, name, fn);
}
