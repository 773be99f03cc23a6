/**
 * Kubernetes' own Pod Security Admission checks as a test oracle: builds conformance/cmd/psa-eval
 * (k8s.io/pod-security-admission's default checks in the evaluator the PodSecurity admission
 * plugin builds) and judges pods with it, all in one process.
 *
 * Without Go, `describeWithPsaEval` skips its tests with one notice, except in CI
 * (`CI` set and not "false" or "0"), where a missing Go is a failure.
 */
import { describeWithJsonLinesCommand, JsonLinesCommand, runJsonLinesCommand } from './tekton-oracle';


/** One pod to judge at a level and version (read as the enforce and enforce-version labels are). */
export interface PsaRequest {
  readonly level: string;
  readonly version: string;
  readonly pod: { readonly metadata?: any; readonly spec?: any };
}

/** A check that refuses the pod. */
export interface PsaForbidden {
  /** The check's ID (`runAsNonRoot`, `capabilities_restricted`, ...). */
  readonly id: string;
  readonly reason: string;
  readonly detail?: string;
}

/** Pod Security Admission's verdict on one pod, or why the pod does not decode. */
export type PsaVerdict =
  | { readonly allowed: boolean; readonly level: string; readonly version: string; readonly forbidden: PsaForbidden[]; readonly error?: undefined }
  | { readonly error: string };

/** What the tests compare psa-eval with, and how its answers are counted. */
const PSA_EVAL: JsonLinesCommand = {
  command: 'psa-eval',
  compares: 'the Pod Security reading of the rules with Kubernetes\' own',
  verb: 'judged',
  items: 'pods',
};

/** Judges the pods in one run of psa-eval (one verdict per request, in order). */
export function psaEval(requests: readonly PsaRequest[]): PsaVerdict[] {
  return runJsonLinesCommand<PsaVerdict>(PSA_EVAL, requests);
}

/** `describe` for tests that run psa-eval (see describeWithJsonLinesCommand). */
export function describeWithPsaEval(name: string, fn: () => void): void {
  describeWithJsonLinesCommand(PSA_EVAL, name, fn);
}
