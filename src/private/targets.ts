/**
 * Relaxation targets: the part of an object a relaxation (and a finding) is
 * about, written as a path of `<kind>/<name>` segments:
 *
 * - `step/<name>`, `sidecar/<name>`, `stepTemplate` (in a Task or TaskRun)
 * - `task/<name>` (a pipeline task, `finally` included), and below it
 *   `task/<name>/step/<step>` … for an embedded taskSpec
 * - `workspace/<name>` (a run's workspace binding)
 * - `flag/<key>` (a Tekton feature flag), `key/<key>` (a ConfigMap key)
 * - `mode/<enforce|audit|warn>` (a Pod Security Admission mode)
 *
 * A relaxation with a target covers the findings with that target or one below
 * it, and nothing else: `step/a` covers neither `step/b` nor `sidecar/a`.
 */
import { asArray, containersOf } from './containers';

/** Segment kinds a target may use. */
export const TARGET_KINDS = ['step', 'sidecar', 'task', 'workspace', 'flag', 'key', 'mode'] as const;

const SEGMENT = `(?:stepTemplate|(?:${TARGET_KINDS.join('|')})/[^/\\s:*]+)`;
const TARGET = new RegExp(`^${SEGMENT}(?:/${SEGMENT})*$`);

/** Whether `target` is a well-formed target path. */
export function isTarget(target: string): boolean {
  return TARGET.test(target);
}

/** Whether a relaxation target (undefined: the whole object) covers a finding target (undefined: the whole object). */
export function covers(relaxationTarget: string | undefined, findingTarget: string | undefined): boolean {
  if (relaxationTarget === undefined) return true;
  if (findingTarget === undefined) return false;
  return findingTarget === relaxationTarget || findingTarget.startsWith(`${relaxationTarget}/`);
}

/** A target for messages: `task/build/step/compile` -> `task 'build' step 'compile'`. */
export function describeTarget(target: string): string {
  const parts = target.split('/');
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (parts[i] === 'stepTemplate') {
      out.push('stepTemplate');
    } else {
      out.push(`${parts[i]} '${parts[i + 1] ?? ''}'`);
      i++;
    }
  }
  return out.join(' ');
}

/** Every target that exists in a manifest (for checking that a relaxation names something real). */
export function targetsOf(manifest: any): Set<string> {
  const out = new Set<string>();
  for (const v of containersOf(manifest)) {
    out.add(v.target);
    // the pipeline task of an embedded spec is a target too
    const task = /^task\/[^/]+/.exec(v.target);
    if (task) out.add(task[0]);
  }
  const spec = manifest?.spec;
  if (manifest?.kind === 'Pipeline' || manifest?.kind === 'PipelineRun') {
    const pipeline = manifest.kind === 'Pipeline' ? spec : spec?.pipelineSpec;
    for (const t of [...asArray(pipeline?.tasks), ...asArray(pipeline?.finally)]) {
      if (typeof t?.name === 'string') out.add(`task/${t.name}`);
    }
  }
  if (manifest?.kind === 'PipelineRun' || manifest?.kind === 'TaskRun') {
    for (const w of asArray(spec?.workspaces)) if (typeof w?.name === 'string') out.add(`workspace/${w.name}`);
    for (const t of asArray(spec?.taskRunSpecs)) if (typeof t?.pipelineTaskName === 'string') out.add(`task/${t.pipelineTaskName}`);
  }
  if (manifest?.kind === 'ConfigMap' && manifest.data && typeof manifest.data === 'object') {
    for (const key of Object.keys(manifest.data)) {
      out.add(`key/${key}`);
      out.add(`flag/${key}`);
    }
  }
  if (manifest?.kind === 'Namespace') {
    for (const mode of ['enforce', 'audit', 'warn']) out.add(`mode/${mode}`);
  }
  return out;
}
