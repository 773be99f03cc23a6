/**
 * Runs @ibm/tekton-lint (an ESM-only CLI) in a child process and parses its JSON report.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';

/** One problem of `tekton-lint --format json` (the report is a JSON array of these). */
export interface TektonLintProblem {
  readonly message: string;
  /** Rule id, e.g. `no-missing-resource`. */
  readonly rule: string;
  readonly level: 'error' | 'warning';
  /** The file (as passed on the command line) the problem was found in. */
  readonly path: string;
  /** Location in that file; lines and columns are 1-based. */
  readonly loc: {
    readonly range: number[];
    readonly startLine: number;
    readonly startColumn: number;
    readonly endLine: number;
    readonly endColumn: number;
  };
}

export interface TektonLintResult {
  readonly errors: TektonLintProblem[];
  readonly warnings: TektonLintProblem[];
  /** The whole parsed report. */
  readonly raw: TektonLintProblem[];
}

/**
 * Lints the given YAML files with tekton-lint's default rules (or a `.tektonlintrc.yaml` in the working directory).
 * Throws when the linter produces no JSON report (for example when no file matches).
 */
export function runTektonLint(files: string[]): TektonLintResult {
  // A fresh cache directory so that no external tasks cached by earlier runs are linted.
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tekton-lint-cache-'));
  try {
    const result = spawnSync(
      process.execPath,
      [require.resolve('@ibm/tekton-lint/dist/lint.js'), '--format', 'json', ...files],
      { env: { ...process.env, TL_CACHE_DIR: cacheDir }, encoding: 'utf8' },
    );
    if (result.error) throw result.error;
    const raw = parseReport(result.stdout);
    if (!raw) {
      throw new Error(`tekton-lint gave no report (exit code ${result.status}):\n${result.stdout}${result.stderr}`);
    }
    return {
      errors: raw.filter((p) => p.level === 'error'),
      warnings: raw.filter((p) => p.level === 'warning'),
      raw,
    };
  } finally {
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
}

/** The report line of tekton-lint's stdout: its logger prints errors there too (as `[time] ERROR ...` lines). */
function parseReport(stdout: string): TektonLintProblem[] | undefined {
  for (const line of stdout.split('\n')) {
    try {
      const value = JSON.parse(line);
      if (Array.isArray(value)) return value;
    } catch {
      // a log line
    }
  }
  return undefined;
}

/** Writes the objects as one multi-document YAML file in `dir` (created if needed); returns its path. */
export function writeManifests(objs: any[], dir: string, fileName = 'manifests.yaml'): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, fileName);
  fs.writeFileSync(file, objs.map((obj) => stringify(obj)).join('---\n'));
  return file;
}
