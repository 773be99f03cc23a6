import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** What a step's script did when run here. */
export interface StepRun {
  readonly status: number | null;
  readonly stderr: string;
  /** The results the script wrote, by name. */
  readonly results: { [name: string]: string };
  /** The environment the script ran with (its `$HOME` included). */
  readonly env: { [name: string]: string };
}

/**
 * Runs the script of a rendered Tekton step with the local `sh`, as the pod would: each
 * `$(...)` in the step's env is replaced as Tekton would replace it (`values`, e.g.
 * `'params.url'` or `'workspaces.source.path'`; a reference without a value fails the run
 * here, never silently), `$(results.<name>.path)` in the script by a file of a scratch
 * directory, and `$HOME` is a directory of its own (the step's emptyDir). `extraEnv` is added
 * last (a test's own settings, e.g. `GIT_CONFIG_COUNT`).
 */
export function runStepScript(step: any, values: { [reference: string]: string }, extraEnv: { [name: string]: string } = {}): StepRun {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), `step-${step.name}-`));
  const resultsDir = path.join(scratch, 'results');
  const home = path.join(scratch, 'home');
  fs.mkdirSync(resultsDir);
  fs.mkdirSync(home);
  const substitute = (text: string) => text.replace(/\$\(([a-z]+\.[A-Za-z0-9_.-]+)\)/g, (whole, reference: string) => {
    const result = /^results\.([A-Za-z0-9_-]+)\.path$/.exec(reference);
    if (result) return path.join(resultsDir, result[1]);
    if (values[reference] === undefined) throw new Error(`no value for ${whole} in step '${step.name}'`);
    return values[reference];
  });
  const env: { [name: string]: string } = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home };
  for (const e of step.env ?? []) env[e.name] = substitute(e.value);
  Object.assign(env, extraEnv);
  const script = path.join(scratch, 'script');
  fs.writeFileSync(script, substitute(step.script), { mode: 0o700 });
  const run = spawnSync('sh', [script], { env, encoding: 'utf8' });
  const results: { [name: string]: string } = {};
  for (const f of fs.readdirSync(resultsDir)) results[f] = fs.readFileSync(path.join(resultsDir, f), 'utf8');
  return { status: run.status, stderr: run.stderr, results, env };
}

/** Runs git with the arguments, in `cwd`; throws when it fails. Its output. */
export function git(cwd: string, ...args: string[]): string {
  const run = spawnSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], { cwd, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`git ${args.join(' ')}: ${run.stderr}`);
  return run.stdout.trim();
}
