/**
 * Kubernetes' own Pod Security Admission checks as a test oracle: builds conformance/cmd/psa-eval
 * (k8s.io/pod-security-admission's default checks in the evaluator the PodSecurity admission
 * plugin builds) and judges pods with it, all in one process.
 *
 * Without Go, `describeWithPsaEval` skips its tests with one notice, except in CI
 * (`CI` set and not "false" or "0"), where a missing Go is a failure.
 */
import * as path from 'path';
import { buildGoCommand, CONFORMANCE_DIR, describeWithGo, runJsonLines } from './tekton-oracle';

/** Where the binary is built (git-ignored). */
export const PSA_EVAL_BINARY = path.join(CONFORMANCE_DIR, 'bin', 'psa-eval');

/** The first build downloads the modules and compiles them: minutes on 2 cores. */
export const PSA_EVAL_BUILD_TIMEOUT_MS = 20 * 60_000;

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

/** Builds psa-eval (see buildGoCommand); returns the binary's path. */
export function buildPsaEval(): string {
  return buildGoCommand('psa-eval', PSA_EVAL_BINARY, 'psa-eval', 'conformance/README.md', PSA_EVAL_BUILD_TIMEOUT_MS);
}

/** Judges the pods in one run of psa-eval (one verdict per request, in order). */
export function psaEval(requests: readonly PsaRequest[]): PsaVerdict[] {
  if (requests.length === 0) return [];
  const input = requests.map((r) => JSON.stringify(r)).join('\n') + '\n';
  return runJsonLines<PsaVerdict>(buildPsaEval(), [], input, requests.length, { command: 'psa-eval', verb: 'judged', items: 'pods' });
}

/** `describe` for tests that run psa-eval (see describeWithGo). */
export function describeWithPsaEval(name: string, fn: () => void): void {
  describeWithGo(name, fn, {
    what: 'psa-eval',
    inCI: 'Go is not on the PATH: CI compares the Pod Security reading of the rules with Kubernetes\' own (conformance/cmd/psa-eval), install Go 1.26 or newer',
    skipped: 'Go is not on the PATH: the tests that compare the Pod Security reading of the rules with Kubernetes\' own (conformance/cmd/psa-eval) are skipped. '
      + 'Install Go 1.26 or newer to run them.',
    build: buildPsaEval,
    buildTimeoutMs: PSA_EVAL_BUILD_TIMEOUT_MS,
  });
}
