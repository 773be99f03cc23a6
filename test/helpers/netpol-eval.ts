/**
 * An evaluator of Kubernetes NetworkPolicy semantics as a test oracle: builds
 * conformance/cmd/netpol-eval (Cyclonus' `pkg/matcher`, the version pinned in conformance/go.mod,
 * with the API server's defaults and the checks of its validation that the evaluator needs) and
 * asks it which traffic a set of NetworkPolicies allows, all in one process.
 *
 * Without Go, `describeWithNetpolEval` skips its tests with one notice, except in CI
 * (`CI` set and not "false" or "0"), where a missing Go is a failure.
 */
import { describeWithJsonLinesCommand, JsonLinesCommand, runJsonLinesCommand } from './tekton-oracle';


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

/** What the tests compare netpol-eval with, and how its answers are counted. */
const NETPOL_EVAL: JsonLinesCommand = {
  command: 'netpol-eval',
  compares: 'the NetworkPolicy rules with an evaluator of NetworkPolicies',
  verb: 'decided',
  items: 'requests',
};

/** Decides the requests in one run of netpol-eval (one verdict per request, in order). */
export function netpolEval(requests: readonly NetpolRequest[]): NetpolVerdict[] {
  return runJsonLinesCommand<NetpolVerdict>(NETPOL_EVAL, requests);
}

/** `describe` for tests that run netpol-eval (see describeWithJsonLinesCommand). */
export function describeWithNetpolEval(name: string, fn: () => void): void {
  describeWithJsonLinesCommand(NETPOL_EVAL, name, fn);
}
