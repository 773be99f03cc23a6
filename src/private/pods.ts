/**
 * The pod templates of Tekton runs, where Tekton reads them: a TaskRun's
 * `podTemplate`, a PipelineRun's run-wide template (`taskRunTemplate.podTemplate`
 * in v1, `podTemplate` in v1beta1) and its per-task templates
 * (`taskRunSpecs[].podTemplate`, v1beta1 `taskPodTemplate`). A per-task template
 * replaces each field it sets, the securityContext as a whole.
 */
import { asArray } from './containers';

/** A Tekton object of the v1alpha1 or v1beta1 API, whose runs name their fields the old way. */
export function isLegacyTekton(manifest: any): boolean {
  return manifest?.apiVersion === 'tekton.dev/v1beta1' || manifest?.apiVersion === 'tekton.dev/v1alpha1';
}

/** One pod template of a run. */
export interface PodTemplateView {
  /** The template's path in the run, e.g. `taskRunTemplate.podTemplate`. */
  readonly path: string;
  /** For messages, e.g. `taskRunSpec 'build'`. @default - the run itself */
  readonly location?: string;
  /** Its relaxation target, e.g. `task/build`. @default - the whole run */
  readonly target?: string;
  /** Whether it applies to one pipeline task only. */
  readonly perTask: boolean;
  /** The template as written (undefined when the run has none). */
  readonly template: any;
}

/** Every pod template of a PipelineRun or TaskRun; the run-wide one first, even when absent. */
export function podTemplatesOf(manifest: any): PodTemplateView[] {
  const spec = manifest?.spec;
  if (manifest?.kind === 'TaskRun') return [{ path: 'podTemplate', perTask: false, template: spec?.podTemplate }];
  if (manifest?.kind !== 'PipelineRun') return [];
  // v1beta1 (and v1alpha1) name the run-wide template spec.podTemplate: by apiVersion when
  // neither is written, so that a finding names the field the run's version has
  const v1beta1 = spec?.taskRunTemplate === undefined && (spec?.podTemplate !== undefined || isLegacyTekton(manifest));
  const out: PodTemplateView[] = [v1beta1
    ? { path: 'podTemplate', perTask: false, template: spec.podTemplate }
    : { path: 'taskRunTemplate.podTemplate', perTask: false, template: spec?.taskRunTemplate?.podTemplate }];
  for (const t of asArray(spec?.taskRunSpecs)) {
    const name = t?.pipelineTaskName;
    const at = { location: `taskRunSpec '${name}'`, target: `task/${name}`, perTask: true };
    if (t?.podTemplate !== undefined) out.push({ ...at, path: 'podTemplate', template: t.podTemplate });
    if (t?.taskPodTemplate !== undefined) out.push({ ...at, path: 'taskPodTemplate', template: t.taskPodTemplate });
  }
  return out;
}
