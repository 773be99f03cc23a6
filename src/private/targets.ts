/**
 * Relaxation targets: the part of an object a relaxation (and a finding) is
 * about, written as a path of `<kind>/<name>` segments:
 *
 * - `step/<name>`, `sidecar/<name>`, `stepTemplate` (in a Task or TaskRun)
 * - `task/<name>` (a pipeline task, `finally` included), and below it
 *   `task/<name>/step/<step>` … for an embedded taskSpec
 * - `workspace/<name>` (a run's workspace binding), `volume/<name>` (a volume of a TaskRun's pod template)
 * - `flag/<key>` (a Tekton feature flag), `key/<key>` (a ConfigMap key, or a SecretProviderClass parameter)
 * - `mode/<enforce|audit|warn>` (a Pod Security Admission mode)
 * - `field/<property>=<value>` (or `field/<property>=%none`): the address of a finding that has no other target (an
 *   object's own field: a volume, the run-wide pod template; `field/<location>.<property>=<value>` where it names a part), see findingAddress
 *
 * A relaxation with a target covers the findings with that target or one below
 * it, and nothing else: `step/a` covers neither `step/b` nor `sidecar/a`.
 */
import { PIPELINE_TASK_LABEL } from './annotations';
import { asArray, containersOf } from './containers';
import { loopRunsOf } from './pipeline-loops';
import { jsString } from './text';

/** Segment kinds a target may use. */
export const TARGET_KINDS = ['step', 'sidecar', 'task', 'workspace', 'volume', 'flag', 'key', 'mode', 'field'] as const;

const SEGMENT = `(?:stepTemplate|(?:${TARGET_KINDS.join('|')})/[^/\\s:*]+)`;
const TARGET = new RegExp(`^${SEGMENT}(?:/${SEGMENT})*$`);

/** Whether `target` is a well-formed target path. */
export function isTarget(target: string): boolean {
  return TARGET.test(target);
}

/**
 * A part of a `field/` address: `%`, `/`, `:`, `*`, `=` and white space percent-encoded (UTF-8), as no target segment holds them,
 * and `"`, `\\` and the characters YAML does not print as they are (controls, format characters, separators, unassigned), so that
 * the relaxation line printed in double quotes (relaxationAnnotation) applies as printed.
 */
function addressPart(text: string): string {
  return text.replace(/[%/:*="\\\s\p{C}\p{Z}]/gu, (c) => [...Buffer.from(c, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
}

/**
 * The value part of the address of a finding that names no value: `%` and a letter no percent-encoding makes (it writes two hex
 * digits), so it is no value's, and the record it prints covers that finding alone, where `field/<property>`, the record of every
 * finding of the rule at the property, covered another one there (`resourceNames ""` beside the empty resourceNames' record,
 * `timeout "0s"` beside the unset timeout's).
 */
const NO_VALUE = '%none';

/**
 * Where a finding is, for the relaxations that cover it: its target; for a finding without one (about a field of the
 * object itself: a volume, the run-wide pod template) `field/<property>=<value>`, the property and value it names
 * (`field/volumes=host`; `field/<property>=%none` when it names no value), after the part of the object the finding's location names,
 * when it has one (`field/rules[2].resourceNames=%none`, `field/container%20'build'.securityContext.privileged=true`), each with `%`, `/`, `:`, `*`, `=`, `"`, `\\`, white space
 * and control characters percent-encoded (`field/spec.podTemplate.hostNetwork=true`). A record of that address covers that finding alone; one of
 * `field/<property>` every finding of the rule at the property.
 */
export function findingAddress(
  finding: { readonly target?: string; readonly location?: string; readonly property?: string; readonly value?: string },
): string | undefined {
  if (finding.target !== undefined) return finding.target;
  if (finding.property === undefined || finding.property === '') return undefined;
  // the part of the object it names (an RBAC rule, a container) comes first: two findings of one property and value there differ
  const at = finding.location === undefined || finding.location === '' ? '' : `${addressPart(finding.location)}.`;
  return `field/${at}${addressPart(finding.property)}=${finding.value === undefined ? NO_VALUE : addressPart(finding.value)}`;
}

/** Whether a record's target covers the finding at `address` (findingAddress): covers, or a `field/<property>` record of it. */
export function coversAddress(recordTarget: string | undefined, address: string | undefined): boolean {
  return covers(recordTarget, address)
    || (recordTarget !== undefined && address !== undefined && recordTarget.startsWith('field/') && address.startsWith(`${recordTarget}=`));
}

/** A well-formed target path or `*`, as an RE2 pattern without anchors (for the admission policies' CEL). */
export const TARGET_OR_WHOLE_PATTERN = `(?:\\*|${SEGMENT}(?:/${SEGMENT})*)`;

/**
 * A relaxation record's target as it applies to `manifest`. The Tekton controller gives
 * the TaskRun it creates for pipeline task `x` the annotations of its PipelineRun (which
 * has those of its Pipeline) and the label `tekton.dev/pipelineTask: x`, and runs the
 * task's embedded spec as the TaskRun's own: in that TaskRun a record for
 * `task/x/step/a` is about `step/a`, and one for `task/x` about the whole TaskRun
 * (`undefined`). Any other target is returned as it is (one for another task covers
 * nothing in the TaskRun). A label is no more than a record can say: whoever writes a
 * TaskRun's label can write its records.
 */
export function targetInObject(manifest: any, target: string | undefined): string | undefined {
  if (target === undefined || manifest?.kind !== 'TaskRun') return target;
  const task = manifest?.metadata?.labels?.[PIPELINE_TASK_LABEL];
  if (typeof task !== 'string' || task === '') return target;
  const own = `task/${task}`;
  if (target === own) return undefined;
  return target.startsWith(`${own}/`) ? target.slice(own.length + 1) : target;
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
  for (const target of runTargets(manifest)) out.add(target);
  // a PipelineLoop's (kfp-tekton) tasks, workspaces and taskRunSpecs, as those of the PipelineRun of each iteration (the
  // loops in it are among those found, and their containers among the manifest's)
  for (const loop of loopRunsOf(manifest)) {
    for (const target of runTargets(loop.run)) out.add(`${loop.targetPrefix}${target}`);
    if (loop.targetPrefix !== '') out.add(loop.targetPrefix.replace(/\/$/, ''));
  }
  const spec = manifest?.spec;
  if (manifest?.kind === 'ConfigMap' && manifest.data && typeof manifest.data === 'object') {
    for (const key of Object.keys(manifest.data)) {
      out.add(`key/${key}`);
      out.add(`flag/${key}`);
    }
  }
  // a SecretProviderClass's parameters, the keys its rules' findings are about (NO_SECRET_MATERIAL, VAULT_READ_ONLY)
  if (manifest?.kind === 'SecretProviderClass' && spec?.parameters && typeof spec.parameters === 'object') {
    for (const key of Object.keys(spec.parameters)) out.add(`key/${key}`);
  }
  if (manifest?.kind === 'Namespace') {
    for (const mode of ['enforce', 'audit', 'warn']) out.add(`mode/${mode}`);
  }
  return out;
}

/** The targets of a Pipeline's or PipelineRun's pipeline tasks, of a run's workspaces and taskRunSpecs, and of a TaskRun's pod template volumes. */
function runTargets(manifest: any): string[] {
  const out: string[] = [];
  const spec = manifest?.spec;
  if (manifest?.kind === 'Pipeline' || manifest?.kind === 'PipelineRun') {
    const pipeline = manifest.kind === 'Pipeline' ? spec : spec?.pipelineSpec;
    for (const t of [...asArray(pipeline?.tasks), ...asArray(pipeline?.finally)]) {
      if (typeof t?.name === 'string') out.push(`task/${jsString(t.name)}`);
    }
  }
  if (manifest?.kind === 'PipelineRun' || manifest?.kind === 'TaskRun') {
    for (const w of asArray(spec?.workspaces)) if (typeof w?.name === 'string') out.push(`workspace/${jsString(w.name)}`);
    for (const t of asArray(spec?.taskRunSpecs)) if (typeof t?.pipelineTaskName === 'string') out.push(`task/${jsString(t.pipelineTaskName)}`);
  }
  if (manifest?.kind === 'TaskRun') {
    for (const v of asArray(spec?.podTemplate?.volumes)) if (typeof v?.name === 'string') out.push(`volume/${jsString(v.name)}`);
  }
  return out;
}
