/**
 * Jest's global set-up and tear-down: every test file, worker and child process writes its
 * temporary files (cdk8s output directories, audited YAML, scripts run by tests) under one
 * directory of the run, removed when the run ends, instead of leaving them in the system's.
 *
 * Workers are started after the set-up, so they inherit `TMPDIR` (which `os.tmpdir()` reads).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const KEY = 'CDK8S_SECURE_TEKTON_TEST_TMPDIR';

export function setUp(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-secure-tekton-tests-'));
  process.env[KEY] = dir;
  process.env.TMPDIR = dir;
}

export function tearDown(): void {
  const dir = process.env[KEY];
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
