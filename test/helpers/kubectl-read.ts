/**
 * kubectl's own reading of manifest files as a test oracle: builds conformance/cmd/kubectl-read
 * (k8s.io/cli-runtime's resource builder as `kubectl apply -f` runs it, without a server: the
 * UTF-16 BOM override, apimachinery's YAMLOrJSONDecoder, UnstructuredJSONScheme with the metadata
 * check, Lists flattened) and runs it on files, all in one process.
 *
 * Without Go, `describeWithKubectlRead` skips its tests with one notice, except in CI
 * (`CI` set and not "false" or "0"), where a missing Go is a failure.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { buildGoCommand, CONFORMANCE_DIR, describeWithGo } from './tekton-oracle';

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
  const r = spawnSync(buildKubectlRead(), files, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`kubectl-read failed (exit ${r.status}): ${r.stderr}`);
  const out = r.stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as KubectlRead);
  if (out.length !== files.length) throw new Error(`kubectl-read read ${out.length} of ${files.length} files: ${r.stderr}`);
  return out;
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
