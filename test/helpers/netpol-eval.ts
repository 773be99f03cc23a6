/**
 * An evaluator of Kubernetes NetworkPolicy semantics as a test oracle: builds
 * conformance/cmd/netpol-eval (Cyclonus' `pkg/matcher`, the version pinned in conformance/go.mod,
 * with the API server's defaults and the checks of its validation that the evaluator needs) and
 * asks it which traffic a set of NetworkPolicies allows, all in one process.
 *
 * Without Go, `describeWithNetpolEval` skips its tests with one notice, except in CI
 * (`CI` set and not "false" or "0"), where a missing Go is a failure.
 */
import * as path from 'path';
import { buildGoCommand, CONFORMANCE_DIR, describeWithGo, runJsonLines } from './tekton-oracle';

/** Where the binary is built (git-ignored). */
export const NETPOL_EVAL_BINARY = path.join(CONFORMANCE_DIR, 'bin', 'netpol-eval');

/** The first build downloads the modules and compiles them: minutes on 2 cores. */
export const NETPOL_EVAL_BUILD_TIMEOUT_MS = 20 * 60_000;

/** A namespace and its labels (the evaluator adds kubernetes.io/metadata.name, as the API server does). */
export interface NetpolNamespace {
  readonly name: string;
  readonly labels?: Record<string, string>;
}

/** A pod: where it is, its labels and IP, and the names it gives its ports (what a named port of a policy matches). */
export interface NetpolPod {
  readonly namespace: string;
  readonly name: string;
  readonly labels?: Record<string, string>;
  readonly ip: string;
  readonly ports?: ReadonlyArray<{ readonly name: string; readonly containerPort: number; readonly protocol?: string }>;
}

/** One end of a traffic: a pod (`namespace/name`) or an IP address. */
export type NetpolEndpoint = { readonly pod: string } | { readonly ip: string };

export interface NetpolTraffic {
  readonly from: NetpolEndpoint;
  readonly to: NetpolEndpoint;
  readonly port: number;
  /** TCP when absent. */
  readonly protocol?: string;
}

/** A set of policies (each with its metadata.namespace) and the traffic to decide. */
export interface NetpolRequest {
  readonly policies: readonly any[];
  readonly namespaces: readonly NetpolNamespace[];
  readonly pods: readonly NetpolPod[];
  readonly traffic: readonly NetpolTraffic[];
}

export interface NetpolDirection {
  /** Whether some policy selects the pod for this direction. */
  readonly isolated: boolean;
  readonly allowed: boolean;
}

export interface NetpolResult {
  readonly allowed: boolean;
  readonly egress: NetpolDirection;
  readonly ingress: NetpolDirection;
}

/** The verdicts on a request's traffic, in order, and the ipBlocks' CIDRs as read; or why the request was refused. */
export type NetpolVerdict =
  | { readonly results: NetpolResult[]; readonly blocks?: string[]; readonly error?: undefined }
  | { readonly error: string };

/** Builds netpol-eval (see buildGoCommand); returns the binary's path. */
export function buildNetpolEval(): string {
  return buildGoCommand('netpol-eval', NETPOL_EVAL_BINARY, 'netpol-eval', 'conformance/README.md', NETPOL_EVAL_BUILD_TIMEOUT_MS);
}

/** Decides the requests in one run of netpol-eval (one verdict per request, in order). */
export function netpolEval(requests: readonly NetpolRequest[]): NetpolVerdict[] {
  if (requests.length === 0) return [];
  const input = requests.map((r) => JSON.stringify(r)).join('\n') + '\n';
  return runJsonLines<NetpolVerdict>(buildNetpolEval(), [], input, requests.length, { command: 'netpol-eval', verb: 'decided', items: 'requests' });
}

/** `describe` for tests that run netpol-eval (see describeWithGo). */
export function describeWithNetpolEval(name: string, fn: () => void): void {
  describeWithGo(name, fn, {
    what: 'netpol-eval',
    inCI: 'Go is not on the PATH: CI compares the NetworkPolicy rules with an evaluator of NetworkPolicies (conformance/cmd/netpol-eval), install Go 1.26 or newer',
    skipped: 'Go is not on the PATH: the tests that compare the NetworkPolicy rules with an evaluator of NetworkPolicies (conformance/cmd/netpol-eval) are skipped. '
      + 'Install Go 1.26 or newer to run them.',
    build: buildNetpolEval,
    buildTimeoutMs: NETPOL_EVAL_BUILD_TIMEOUT_MS,
  });
}
