/**
 * Kubernetes' own comparison of RBAC rules as a test oracle: builds conformance/cmd/rbac-eval
 * (k8s.io/component-helpers/auth/rbac/validation.Covers, asked of each request as the RBAC
 * authorizer's RuleAllows asks it) and answers, in one process, whether roles' rules grant requests.
 *
 * Without Go, `describeWithRbacEval` skips its tests with one notice, except in CI
 * (`CI` set and not "false" or "0"), where a missing Go is a failure.
 */
import * as path from 'path';
import { buildGoCommand, CONFORMANCE_DIR, describeWithGo, runJsonLines } from './tekton-oracle';

/** Where the binary is built (git-ignored). */
export const RBAC_EVAL_BINARY = path.join(CONFORMANCE_DIR, 'bin', 'rbac-eval');

/** The first build downloads the modules and compiles them: minutes on 2 cores. */
export const RBAC_EVAL_BUILD_TIMEOUT_MS = 20 * 60_000;

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

/** Builds rbac-eval (see buildGoCommand); returns the binary's path. */
export function buildRbacEval(): string {
  return buildGoCommand('rbac-eval', RBAC_EVAL_BINARY, 'rbac-eval', 'conformance/README.md', RBAC_EVAL_BUILD_TIMEOUT_MS);
}

/** Answers the queries in one run of rbac-eval (one answer per query, in order). */
export function rbacEval(queries: readonly RbacQuery[]): RbacAnswer[] {
  if (queries.length === 0) return [];
  // a query that asks the same requests as the one before leaves them out
  const input = queries.map((q, i) => JSON.stringify(i > 0 && q.requests === queries[i - 1].requests ? { rules: q.rules } : q)).join('\n') + '\n';
  return runJsonLines<RbacAnswer>(buildRbacEval(), [], input, queries.length, { command: 'rbac-eval', verb: 'answered', items: 'queries' });
}

/** `describe` for tests that run rbac-eval (see describeWithGo). */
export function describeWithRbacEval(name: string, fn: () => void): void {
  describeWithGo(name, fn, {
    what: 'rbac-eval',
    inCI: 'Go is not on the PATH: CI compares the RBAC rules with Kubernetes\' own matching of PolicyRules (conformance/cmd/rbac-eval), install Go 1.26 or newer',
    skipped: 'Go is not on the PATH: the tests that compare the RBAC rules with Kubernetes\' own matching of PolicyRules (conformance/cmd/rbac-eval) are skipped. '
      + 'Install Go 1.26 or newer to run them.',
    build: buildRbacEval,
    buildTimeoutMs: RBAC_EVAL_BUILD_TIMEOUT_MS,
  });
}
