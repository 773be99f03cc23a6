/**
 * kubectl's own reading of manifest files as a test oracle: builds conformance/cmd/kubectl-read
 * (k8s.io/cli-runtime's resource builder as `kubectl apply -f` runs it, without a server: the
 * UTF-16 BOM override, apimachinery's YAMLOrJSONDecoder, UnstructuredJSONScheme with the metadata
 * check, Lists flattened) and runs it on files, all in one process.
 *
 * Without Go, `describeWithKubectlRead` skips its tests with one notice, except in CI
 * (`CI` set and not "false" or "0"), where a missing Go is a failure.
 */
import * as path from 'path';
import { buildGoCommand, CONFORMANCE_DIR, describeWithGo, runJsonLines } from './tekton-oracle';

/** Where the binary is built (git-ignored). */
export const KUBECTL_READ_BINARY = path.join(CONFORMANCE_DIR, 'bin', 'kubectl-read');

/** The first build downloads the modules and compiles cli-runtime: minutes on 2 cores. */
export const KUBECTL_READ_BUILD_TIMEOUT_MS = 20 * 60_000;

/** What kubectl reads from one file. */
export interface KubectlRead {
  /** The file as passed. */
  readonly file: string;
  /** The objects kubectl would send, in order (lists flattened). */
  readonly objects: any[];
  /** What kubectl reports for the file (it still sends the objects of documents that decode). */
  readonly errors: string[];
}

/** Builds kubectl-read (see buildGoCommand); returns the binary's path. */
export function buildKubectlRead(): string {
  return buildGoCommand('kubectl-read', KUBECTL_READ_BINARY, 'kubectl-read', 'conformance/README.md', KUBECTL_READ_BUILD_TIMEOUT_MS);
}

/** Reads the files as kubectl does, in one run of kubectl-read (one result per file, in order). */
export function kubectlRead(files: string[]): KubectlRead[] {
  if (files.length === 0) return [];
  return runJsonLines<KubectlRead>(buildKubectlRead(), files, undefined, files.length, { command: 'kubectl-read', verb: 'read', items: 'files' });
}

/** `describe` for tests that run kubectl-read (see describeWithGo). */
export function describeWithKubectlRead(name: string, fn: () => void): void {
  describeWithGo(name, fn, {
    what: 'kubectl-read',
    inCI: 'Go is not on the PATH: CI compares the audit\'s reading of YAML with kubectl\'s (conformance/cmd/kubectl-read), install Go 1.26 or newer',
    skipped: 'Go is not on the PATH: the tests that compare the audit\'s reading of YAML with kubectl\'s (conformance/cmd/kubectl-read) are skipped. '
        + 'Install Go 1.26 or newer to run them.',
    build: buildKubectlRead,
    buildTimeoutMs: KUBECTL_READ_BUILD_TIMEOUT_MS,
  });
}
