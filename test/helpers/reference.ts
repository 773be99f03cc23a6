import * as fs from 'fs';
import * as path from 'path';

/** Repository root (this file lives in `test/helpers/`). */
const REPO_ROOT = path.resolve(__dirname, '..', '..');

let noticePrinted = false;

/** Absolute path of the shared reference schemas (`../shared/reference` next to the repository root). */
export function referenceDir(): string {
  return path.resolve(REPO_ROOT, '..', 'shared', 'reference');
}

/** True when running in CI (`CI` set to anything but an empty string or `false`). */
function inCi(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && ci !== '' && ci.toLowerCase() !== 'false';
}

/**
 * Checks that the reference schemas are present.
 * Missing in CI: throws. Missing elsewhere: warns once and returns false so that callers can skip.
 */
export function requireReference(): boolean {
  const dir = referenceDir();
  if (fs.existsSync(dir) && fs.statSync(dir).isDirectory()) return true;
  if (inCi()) {
    throw new Error(`The reference schemas are required in CI, expected them in ${dir}`);
  }
  if (!noticePrinted) {
    noticePrinted = true;
    console.warn(`Reference schemas not found in ${dir}: skipping the tests that validate against them.`);
  }
  return false;
}

/** `describe` when the reference schemas are present, `describe.skip` when they are missing outside CI; throws in CI. */
export function describeWithReference(name: string, fn: () => void): void {
  if (requireReference()) {
    describe(name, fn);
  } else {
    describe.skip(name, fn);
  }
}
